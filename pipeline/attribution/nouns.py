"""Noun cues ("his claim that A", "the ministry's warning that A", "criticism of A by X") and
the guards that keep other words from reporting speech.

Also nouns of stance with their prepositional object ("his attacks on A", "the union's
opposition to A"), nouns of intention with their infinitive ("her decision to A") and
predicative adjectives ("she was critical of A", "they are confident that A", source: the
subject of the linking verb).

Limits: a noun cue is kept only when the text names its source, in a possessive ("his
claim", "Egypt's warning"), a name or demonym in front ("US claims", "Iraqi criticism"), a
"by"/"of" phrase ("criticism of the plan by the union", "the claim of the ministry that"), the
agent of a participle ("a warning issued by the ministry that"), or the subject of a light
verb or of a "with" phrase that makes the noun its act ("X issued a warning that", "X gave
assurances that", "X chimed in with criticism of");
its content is the that-clause after it (or a finite clause with its own subject and no
"that": "his promise the ferries would run"), or for nouns of judgement the "of" object
("criticism of A"). Nouns of judgement received ("the plan drew criticism from X", "Y won
the endorsement of X", "Y has the support of X"): X is the source, the receiving verb's
subject the content. Reads the parse only; never raises.

Guards (each with its linguistic reason):

* the that-clause of a noun of saying belongs to that noun's source: "X voiced skepticism
  about US claims that A" does not make A X's statement (``claim_clause_starts``);
* verbs of physical force report nothing when their object is a place or a physical target:
  "militants attacked border villages" (``physical_object``);
* verbs of denial and condemnation with a named source are statements even where the corpus
  scores them low in the object frame ("Syria disavowed any knowledge of A": ``STANCE_VERBS``);
* verbs of meeting and discussing report a statement only with a content: "traveled to
  Erbil to discuss the shortages" says nothing (``needs_content``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
from spacy.tokens import Doc, Token

from .content import Content, token_span, trim, with_quotes
from .lexicon import hash_string, lower_hashes, positions, stem_forms
from .quotes import QuoteIndex

# noun form -> lemma of the verb it names (the cue's lemma, and its class through the lexicon)
NOUN_CUES = {
    "claim": "claim", "claims": "claim", "assertion": "assert", "assertions": "assert",
    "allegation": "allege", "allegations": "allege", "accusation": "accuse",
    "accusations": "accuse", "warning": "warn", "warnings": "warn", "promise": "promise",
    "promises": "promise", "pledge": "pledge", "pledges": "pledge", "vow": "vow",
    "threat": "threaten", "threats": "threaten", "denial": "deny", "denials": "deny",
    "insistence": "insist", "argument": "argue", "suggestion": "suggest",
    "assurance": "assure", "assurances": "assure", "announcement": "announce",
    "admission": "admit", "prediction": "predict", "predictions": "predict",
    "statement": "state", "remark": "remark", "remarks": "remark", "comment": "comment",
    "comments": "comment", "criticism": "criticize", "criticisms": "criticize",
    "condemnation": "condemn", "denunciation": "denounce", "rejection": "reject",
    "praise": "praise", "demand": "demand", "demands": "demand", "call": "call",
    "calls": "call", "belief": "believe", "fear": "fear", "fears": "fear", "hope": "hope",
    "view": "view", "insinuation": "insinuate", "contention": "contend", "boast": "boast",
    "complaint": "complain", "complaints": "complain", "concern": "concern", "concerns": "concern",
    # the plurals of the nouns above ("his earlier statements that A")
    "admissions": "admit", "announcements": "announce", "arguments": "argue",
    "beliefs": "believe", "boasts": "boast", "condemnations": "condemn",
    "contentions": "contend", "denunciations": "denounce", "hopes": "hope",
    "insinuations": "insinuate", "rejections": "reject", "statements": "state",
    "suggestions": "suggest", "views": "view", "vows": "vow",
    # nouns of saying that the light verb "make" makes an act ("made the case that A")
    "case": "argue", "point": "point", "observation": "observe", "commitment": "promise",
}
# nouns of judgement whose "of"/"for" object is what the source judges: "criticism of A"
JUDGEMENT_NOUNS = frozenset("criticism criticisms condemnation denunciation rejection praise "
                            "denial".split())
# nouns of saying whose that-clause is the noun's own content, whoever holds the noun
SAYING_NOUNS = frozenset(f for f, lemma in NOUN_CUES.items()
                         if lemma not in ("believe", "fear", "hope", "view", "concern"))
# nouns of stance and of saying whose prepositional object is what the source speaks about or
# takes a stand on ("the union's opposition to A", "his attacks on A"): form -> (lemma of the
# verb it names, the prepositions that introduce the content). "Her support for A", "his
# views on A" and "questions about A" are left out: on PolNeAR train most of them report no
# statement (a stand or a topic is not yet something said).
PREP_NOUNS = {
    "opposition": ("oppose", ("to",)),
    "attack": ("attack", ("on",)), "attacks": ("attack", ("on",)),
    "endorsement": ("endorse", ("of",)), "endorsements": ("endorse", ("of",)),
    "praise": ("praise", ("for", "of")), "call": ("call", ("for",)), "calls": ("call", ("for",)),
    "demand": ("demand", ("for",)), "demands": ("demand", ("for",)),
    "complaint": ("complain", ("about",)), "complaints": ("complain", ("about",)),
    "concern": ("concern", ("about", "over")), "concerns": ("concern", ("about", "over")),
    "warning": ("warn", ("about", "against")), "warnings": ("warn", ("about", "against")),
    "doubts": ("doubt", ("about", "over")), "criticism": ("criticize", ("of",)),
    "criticisms": ("criticize", ("of",)), "condemnation": ("condemn", ("of",)),
    "mention": ("mention", ("of",)),
}
# nouns of intention and commitment whose to-infinitive is the content: "his plan to A",
# "the party's decision to A", "her promise to A" (the infinitive says what was intended)
INFINITIVE_NOUNS = {
    "plan": "plan", "plans": "plan", "decision": "decide", "promise": "promise",
    "promises": "promise", "pledge": "pledge", "vow": "vow", "threat": "threaten",
    "refusal": "refuse", "proposal": "propose", "call": "call", "calls": "call",
    "intention": "intend", "demand": "demand",
}
# predicative adjectives of stance and belief, with the prepositions that introduce what they
# are about ("critical of A", "opposed to A", "confident that A"); the subject of the verb
# they complete ("she was critical of A") is the source
ADJECTIVE_CUES = {
    "critical": ("criticize", ("of",)), "supportive": ("support", ("of",)),
    "opposed": ("oppose", ("to",)), "skeptical": ("doubt", ("of", "about")),
    "sceptical": ("doubt", ("of", "about")), "confident": ("believe", ("about",)),
    "concerned": ("worry", ("about",)), "worried": ("worry", ("about",)),
    "convinced": ("believe", ()), "wary": ("fear", ("of",)), "hopeful": ("hope", ()),
    "optimistic": ("hope", ("about",)), "pessimistic": ("doubt", ("about",)),
    "sure": ("believe", ()), "certain": ("believe", ()),
}
# nouns of saying and thinking that, as the subject of "be", introduce their content as the
# predicate: "the union's position is that A", "her view was that A"
COPULAR_NOUNS = {
    "position": "position", "view": "view", "argument": "argue", "claim": "claim",
    "belief": "believe", "contention": "contend", "message": "message", "point": "point",
    "stance": "position", "assessment": "assess", "hope": "hope", "fear": "fear",
    "concern": "concern", "complaint": "complain", "answer": "answer", "response": "respond",
    "conclusion": "conclude", "suggestion": "suggest", "explanation": "explain",
    "worry": "worry", "promise": "promise", "warning": "warn", "verdict": "verdict",
}
# nouns of stance and judgement that the one judged receives ("the plan drew criticism from
# the union", "Cruz won the endorsement of the governor"): noun -> lemma of the verb it names
RECEIVED_NOUNS = {
    "criticism": "criticize", "criticisms": "criticize", "praise": "praise",
    "condemnation": "condemn", "support": "support", "backing": "back",
    "endorsement": "endorse", "endorsements": "endorse",
}
# verbs of receiving whose subject is the one the noun's holder judges ("has the support of
# X" included: having someone's support is being supported by them), and verbs of facing and
# causing a judgement ("faced criticism from X", "the plan sparked criticism from X")
RECEIVING_VERBS = stem_forms("draw drew drawn receiv receive win won earn garner attract enjoy "
                             "get got gotten snag snagg secur secure land pick picked collect "
                             "has have had having fac face spark prompt provok provoke trigger")
_RECEIVED_FROM = ("from", "of", "among")
_BE = frozenset("is was are were 's ’s remains remained".split())
# light-verb phrases of saying: verb forms, the word that makes the phrase, and what its
# content is: "made (it) clear that A" (a that-clause), "took issue with A" (the object)
_MAKE = frozenset("make makes made making".split())
_TAKE = frozenset("take takes took taken taking".split())
LINKING_VERBS = frozenset("be is are was were been being am 's ’s remain remains remained seem "
                     "seems seemed appear appears appeared become became becomes sound "
                     "sounded sounds look looked looks stay stayed feel felt feels".split())
_SOURCE_LABELS = ("PERSON", "ORG", "GPE", "NORP")
# verbs that make a noun of saying the subject's act: "made a condemnation of", "voiced criticism"
LIGHT_VERBS = frozenset("make made makes making voice voiced voices voicing express expressed "
                        "expresses expressing issue issued issues issuing level levelled leveled "
                        "repeat repeated repeats renew renewed reiterate reiterated deliver "
                        "delivered raise raised raises raising offer offered offers offering "
                        "lend lent lends lending give gave given gives giving send sent sends "
                        "sending release released releases releasing publish published "
                        "publishes publishing lodge lodged lodges file filed files unleash "
                        "unleashed unleashes launch launched launches lob lobbed lobs post "
                        "posted posts tweet tweeted tweets".split())
# verbs whose "with" object is what meets the subject, not what the subject says: "X
# grappled with calls for A", "X dealt with criticism of A"
_ENCOUNTER = stem_forms("grappl grapple deal meet face confront cope wrestl wrestle struggl "
                        "struggle contend greet receiv receive consol console") | frozenset(
    "dealt met".split())
NOUN_SCORE = 0.6  # below the usual verbs: a verb's attribution of the same content wins

# verbs of physical force; their object being a place or a physical target means an event
FORCE_VERBS = frozenset("attack hit strike target blast bomb shell storm raid hammer fire shoot "
                        "assault invade besiege seize capture kill slam rip knock".split())
PHYSICAL_NOUNS = frozenset(
    "community communities village villages town towns city cities base bases position "
    "positions convoy convoys home homes house houses building buildings area areas border "
    "borders territory post posts checkpoint checkpoints troops soldiers forces civilians "
    "ship ships vessel vessels hospital hospitals camp camps airport port sites site "
    "settlement settlements neighbourhood neighborhood neighbourhoods neighborhoods district "
    "districts province region embassy compound compounds facility facilities plant "
    "pipeline tanker tankers vehicle vehicles police patrol patrols".split())
# verbs of denial and condemnation: said by a named actor, their object is the stance taken
# ("Syria disavowed any knowledge of A", "the ministry condemned the raid")
STANCE_VERBS = frozenset("deny disavow condemn denounce deplore decry reject repudiate "
                         "dismiss".split())
# verbs of reference: what they are about follows "to" ("referring to A", "alluded to A"), a
# preposition the learned lexicon's object frame leaves out ("pointed to", "responded to" were
# tried: under half of them are attributions on PolNeAR train)
REFERENCE_VERBS = frozenset({"refer", "allude"})
# verbs that report a statement only with a content (a clause or a quotation)
CONTENT_VERBS = frozenset({"discuss", "meet", "negotiate", "address"})


@dataclass(slots=True)
class NounCue:
    i: int  # the noun
    lemma: str
    content: Content
    source: int  # head token of the source


_NOUN_HASHES = frozenset(hash_string(f) for f in (*NOUN_CUES, *PREP_NOUNS, *INFINITIVE_NOUNS))
_RECEIVED_HASHES = frozenset(hash_string(f) for f in RECEIVED_NOUNS)
_ADJ_HASHES = frozenset(hash_string(f) for f in ADJECTIVE_CUES)
_COPULAR_HASHES = frozenset(hash_string(f) for f in COPULAR_NOUNS)
_LIGHT_HASHES = frozenset(hash_string(f) for f in ("clear", "plain", "issue"))
_COPULAR_OR_LIGHT = _COPULAR_HASHES | _LIGHT_HASHES
_SAYING_HASHES = frozenset(hash_string(f) for f in SAYING_NOUNS)


def _noun_cue(text: str, quotes: QuoteIndex, cue: Token, lemma: str, span: tuple[int, int],
              src: Token | None) -> NounCue | None:
    """The cue with its content ``span`` trimmed and widened over the quotations it reaches
    (frame ``noun``); None when the text names no source or nothing of the content is left."""
    if src is None:
        return None
    s, e = trim(text, *span)
    if e <= s:
        return None
    content = with_quotes(text, [(s, e)], quotes, "noun")
    content.frame = "noun"
    return NounCue(cue.i, lemma, content, src.i)


def _nouns(doc: Doc, hashes: frozenset[int], misread: bool = False) -> Iterator[Token]:
    """Tokens whose lower-case form is one of ``hashes`` and that are tagged as nouns: one
    pass over a token array, Token objects only for the few candidates. ``misread``: also
    plural nouns tagged as verbs, told by a modifier only a noun takes ("US claims")."""
    if not len(doc):
        return
    for i in positions(lower_hashes(doc), hashes):
        tok = doc[i]
        if tok.tag_ in ("NN", "NNS"):
            yield tok
        elif misread and tok.tag_ == "VBZ" and i > 0 and \
                doc[i - 1].dep_ in ("compound", "amod") and doc[i - 1].head.i == i:
            yield tok


def find_noun_cues(doc: Doc, text: str, quotes: QuoteIndex) -> Iterator[NounCue]:
    """Noun cues with a named source and a content (see the module docstring)."""
    for tok in _nouns(doc, _NOUN_HASHES):
        low = tok.lower_
        lemma = NOUN_CUES.get(low)
        content_tok = that_clause(tok, bare=True) if lemma is not None else None
        span = token_span(content_tok) if content_tok is not None else None
        if span is None and low in JUDGEMENT_NOUNS:
            obj = _prep_object(tok, ("of", "for"))
            if obj is not None and obj.ent_type_ not in _SOURCE_LABELS[:1]:
                span = token_span(obj)
        if span is None and low in PREP_NOUNS:
            lemma, preps = PREP_NOUNS[low]
            obj = _prep_object(tok, preps)
            if obj is not None and obj.ent_type_ not in ("DATE", "TIME"):
                span = token_span(obj)
        if span is None and low in INFINITIVE_NOUNS:
            lemma = INFINITIVE_NOUNS[low]
            inf = _infinitive(tok)
            if inf is not None:
                span = token_span(inf)
        if span is None or lemma is None:
            continue
        cue = _noun_cue(text, quotes, tok, lemma, span, noun_source(tok, content_tok))
        if cue is not None:
            yield cue
    lows = lower_hashes(doc)
    yield from _received_cues(doc, text, quotes, lows)
    yield from _adjective_cues(doc, text, quotes, lows)
    yield from _copular_and_light_cues(doc, text, quotes, lows)


def _copular_and_light_cues(doc: Doc, text: str, quotes: QuoteIndex,
                            lows: np.ndarray) -> Iterator[NounCue]:
    """"The union's position is that A" (a noun of saying or thinking, held by a named
    source, whose predicate is a that-clause), "X made (it) clear that A" and "X took issue
    with A" (light-verb phrases of saying; the verb's subject is the source)."""
    from .sources import verb_source

    copular, light = set(positions(lows, _COPULAR_HASHES)), set(positions(lows, _LIGHT_HASHES))
    for i in positions(lows, _COPULAR_OR_LIGHT):
        if i in copular:
            noun = doc[i]
            be = noun.head
            if noun.dep_ != "nsubj" or noun.tag_ != "NN" or be.lower_ not in _BE:
                continue
            clause = next((c for c in be.children if c.dep_ == "ccomp" and c.i > be.i and any(
                m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
            if clause is None:
                continue
            src = noun_source(noun, None)
            lemma = COPULAR_NOUNS[noun.lower_]
        elif i in light:
            word = doc[i]
            verb = word.head
            if word.lower_ == "issue":
                if word.dep_ != "dobj" or verb.lower_ not in _TAKE:
                    continue
                clause = next((g for c in verb.children if c.dep_ == "prep" and c.lower_ == "with"
                               and c.i > word.i for g in c.children if g.dep_ == "pobj"), None)
                lemma = "take issue"
            else:
                if word.dep_ not in ("ccomp", "oprd", "acomp", "xcomp") or \
                        verb.lower_ not in _MAKE:
                    continue
                clause = next((c for w in (word, verb) for c in w.children
                               if c.i > word.i and c.dep_ in ("advcl", "ccomp") and any(
                                   m.dep_ == "mark" and m.lower_ == "that" for m in c.children)),
                              None)
                lemma = "make clear"
            if clause is None:
                continue
            src = verb_source(verb)
            noun = word
        else:
            continue
        cue = _noun_cue(text, quotes, noun, lemma, token_span(clause), src)
        if cue is not None:
            yield cue


def _received_cues(doc: Doc, text: str, quotes: QuoteIndex,
                   lows: np.ndarray) -> Iterator[NounCue]:
    """"The plan drew criticism from the union", "Cruz won the endorsement of the governor":
    the object of a verb of receiving is a noun of judgement whose "from"/"of"/"among"
    phrase names who judges (the source); what they judge is the verb's subject."""
    from .sources import verb_source

    for i in positions(lows, _RECEIVED_HASHES):
        noun = doc[i]
        verb = noun.head
        if noun.dep_ != "dobj" or noun.tag_ not in ("NN", "NNS") or \
                verb.lower_ not in RECEIVING_VERBS:
            continue
        src = _prep_object(noun, _RECEIVED_FROM) or next(
            (g for c in verb.children if c.dep_ == "prep" and c.lower_ in _RECEIVED_FROM
             and c.i > noun.i for g in c.children if g.dep_ == "pobj"), None)
        subj = verb_source(verb)
        if src is None or subj is None or subj.i > verb.i or \
                src.ent_type_ in ("DATE", "TIME", "MONEY"):
            continue
        cue = _noun_cue(text, quotes, noun, RECEIVED_NOUNS[noun.lower_], token_span(subj), src)
        if cue is not None:
            yield cue


def _infinitive(noun: Token) -> Token | None:
    """The to-infinitive a noun governs ("plan to A"), or None."""
    for c in noun.children:
        if c.i > noun.i and c.dep_ in ("acl", "relcl") and c.tag_ == "VB" and \
                any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children):
            return c
    return None


def _adjective_cues(doc: Doc, text: str, quotes: QuoteIndex, lows: np.ndarray) -> Iterator[NounCue]:
    """Predicative adjectives of stance and belief ("she was critical of A", "they remain
    confident that A"): the subject of the linking verb is the source."""
    from .sources import verb_source

    for i in positions(lows, _ADJ_HASHES):
        adj = doc[i]
        if adj.tag_ not in ("JJ", "VBN") or adj.dep_ != "acomp" or \
                adj.head.lower_ not in LINKING_VERBS:
            continue
        lemma, preps = ADJECTIVE_CUES[adj.lower_]
        content_tok = next((c for c in adj.children if c.dep_ == "ccomp" and c.i > adj.i), None)
        if content_tok is None:
            content_tok = _prep_object(adj, preps) if preps else None
        if content_tok is None:
            continue
        cue = _noun_cue(text, quotes, adj, lemma, token_span(content_tok), verb_source(adj.head))
        if cue is not None:
            yield cue


def that_clause(noun: Token, bare: bool = False) -> Token | None:
    """The clause "that A" a noun governs ("the claim that A"), or None. ``bare``: also a
    finite clause with its own subject and no "that" right after the noun ("his claim there
    was A", "fears the virus will spread"), which a relative clause never is (its gap)."""
    for c in noun.children:
        if c.i > noun.i and c.dep_ in ("acl", "ccomp", "relcl", "appos") and \
                any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children):
            return c
    if bare:
        for c in noun.children:
            if c.i > noun.i and c.dep_ in ("acl", "ccomp") and c.left_edge.i == noun.i + 1 and \
                    _finite_with_subject(c):
                return c
    return None


_FINITE = frozenset(("VBD", "VBZ", "VBP", "MD"))


def _finite_with_subject(verb: Token) -> bool:
    """A finite clause with its own subject, before the verb and not a wh-word."""
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "expl")
                 and c.i < verb.i), None)
    if subj is None or subj.tag_ in ("WP", "WDT", "WRB"):
        return False
    return verb.tag_ in _FINITE or any(c.dep_ in ("aux", "auxpass") and c.tag_ in _FINITE
                                       for c in verb.children)


def _prep_object(noun: Token, preps: tuple[str, ...]) -> Token | None:
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ in preps and c.i > noun.i:
            return next((g for g in c.children if g.dep_ == "pobj"), None)
    return None


def noun_source(noun: Token, content: Token | None) -> Token | None:
    """Who holds a noun cue: a possessive, a name or demonym in front, a "by" phrase, or an
    "of" phrase when the content is a that-clause ("the claim of the ministry that A")."""
    for c in noun.children:
        if c.dep_ == "poss":
            return bound_subject(noun, c) or c
    for c in noun.children:
        if c.i < noun.i and c.dep_ in ("amod", "compound", "nmod") and c.ent_type_ in _SOURCE_LABELS:
            return c
    by = _prep_object(noun, ("by", "from"))  # "criticism from the union"
    if by is not None:
        return by
    support = _support_verb(noun)
    if support is not None:
        # "the council made a strong condemnation of A", "she voiced criticism of A"
        from .sources import verb_source

        return verb_source(support)
    for c in noun.children:
        if c.dep_ in ("acl", "relcl") and c.tag_ == "VBN" and c.i > noun.i and \
                c.left_edge.i == c.i and (content is None or c.i < content.left_edge.i):
            # "the warning issued by the ministry that A": the agent of a participle that
            # stands between the noun and its content (not one inside the clause)
            for g in c.children:
                if g.dep_ == "agent":
                    return next((x for x in g.children if x.dep_ == "pobj"), None)
    if content is not None:
        of = _prep_object(noun, ("of",))
        if of is not None and of.i < content.i and (of.ent_type_ in _SOURCE_LABELS
                                                   or of.tag_ in ("NNP", "NNPS")):
            return of
    return None


def _support_verb(noun: Token) -> Token | None:
    """The verb that makes a noun cue its subject's act: the noun (or a noun it is
    coordinated with) is the object of a light verb ("X issued a warning that A", "X gave
    assurances that A", "X made a statement and a promise that A") or the object of "with"
    on an active verb ("X chimed in with criticism of A"; not a verb of encounter: "X
    grappled with calls for A" are others' calls)."""
    while noun.dep_ == "conj" and noun.head.tag_ in ("NN", "NNS"):
        noun = noun.head
    verb = noun.head
    if noun.dep_ == "dobj":
        if verb.lower_ in LIGHT_VERBS:
            return verb
        return None
    if noun.dep_ == "pobj" and verb.lower_ == "with" and verb.dep_ == "prep":
        v = verb.head
        if v.tag_[:2] == "VB" and v.lower_ not in _ENCOUNTER and \
                not any(c.dep_ in ("nsubjpass", "auxpass") for c in v.children):
            return v
    return None


_POSS_AGREES = {"his": ("he", "PERSON"), "her": ("she", "PERSON"), "its": ("it", "ORG"),
                "their": ("they", "")}


# verbs whose subject answers someone else's claim ("rejected her claim"): no binding
_OPPOSING = stem_forms(
    "reject dismiss deni deny disput question challeng refut mock criticiz ridicul ignor "
    "counter rebut debunk contradict attack slam blast laugh scoff doubt accept welcom prais "
    "cit quot")


def bound_subject(noun: Token, poss: Token) -> Token | None:
    """"he reiterated his claim that A", "they were unsparing in their criticism of A": a
    possessive pronoun bound by the subject of the verb the noun depends on stands for that
    subject, which names the holder in the clause itself (the source is the subject)."""
    agree = _POSS_AGREES.get(poss.lower_)
    if agree is None:
        return None
    verb = noun.head
    if noun.dep_ == "pobj" and verb.dep_ == "prep":
        verb = verb.head
    elif noun.dep_ != "dobj":
        return None
    if verb.tag_[:2] != "VB" and verb.dep_ != "acomp":
        return None
    if verb.dep_ == "acomp":  # "were unsparing in their criticism": the linking verb's subject
        verb = verb.head
    if verb.lower_ in _OPPOSING:
        return None  # "she rejected his claim that A": the claim is someone else's
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None:
        return None
    pron, label = agree
    if subj.lower_ == pron:
        return subj
    if subj.tag_ in ("PRP", "WP", "DT", "EX"):
        return None
    if label == "PERSON":
        if subj.ent_type_ != "PERSON":
            return None
        from ..actors.names import given_name_gender

        first = [t for t in subj.doc[subj.left_edge.i:subj.i + 1] if t.ent_type_ == "PERSON"][:1]
        gender = given_name_gender(first[0].text) if first else None
        return subj if gender == ("m" if pron == "he" else "f") else None
    if label == "ORG":
        return subj if subj.ent_type_ in ("ORG", "GPE", "NORP") and subj.tag_ != "NNS" else None
    return subj if subj.tag_ in ("NNS", "NNPS") or subj.ent_type_ == "NORP" else None


def claim_clause_starts(doc: Doc) -> list[tuple[int, int]]:
    """(noun start, clause start) of every noun of saying with its that-clause: a verb's
    object content must end before such a clause (the clause is the noun's source's)."""
    out = []
    for tok in _nouns(doc, _SAYING_HASHES, misread=True):
        c = that_clause(tok)
        if c is not None:
            out.append((tok.idx, c.left_edge.idx))
    return out


def physical_object(verb: Token, lemma: str) -> bool:
    """A verb of force (``lemma``) whose object is a place or a physical target ("attacked
    border villages", "struck the base"): an event, not a statement."""
    if lemma not in FORCE_VERBS:
        return False
    for c in verb.children:
        if c.dep_ in ("dobj", "nsubjpass"):
            if c.ent_type_ in ("LOC", "FAC") or c.lower_ in PHYSICAL_NOUNS:
                return True
    return False
