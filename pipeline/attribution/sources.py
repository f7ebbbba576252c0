"""Sources: who a cue's statement comes from, as a mention in the text (not yet a name).

Limits: follows the parse: the cue's subject (also inverted: "continued the FM"), the agent of
a passive ("it was said by X"), the subject of the verb a participle or conjunct hangs on
("..., adding that"), the noun a relative clause modifies ("X, who said"), the object of
"according to" (and the author of a document there: "according to a statement issued by X").
Expletive subjects ("it is said that") give no source. Resolving the mention to a named actor
is resolve.py's job.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from ..doc_index import doc_index
from .content import (ASKING, SPEECH_PARTICIPLES, inverted_clause_subject, inverted_tail,
                      subject_after_quote)
from .lexicon import stem_forms
from .nouns import LINKING_VERBS

_EXPLETIVE = {"it", "there"}
INTERJECTIONS = frozenset("oh ah aha uh um well yes no wow hey alas ooh ouch okay ok".split())
_CLIMB = {"conj", "xcomp", "advcl", "pcomp", "ccomp", "acomp"}
# nouns naming a document or a statement: "according to a statement issued by X" -> X
DOCUMENT_NOUNS = frozenset(
    "statement statements report reports memo memorandum letter email e-mail tweet tweets post "
    "release document documents filing filings transcript interview survey poll polls study "
    "data analysis estimate estimates figures tally account accounts complaint lawsuit "
    "indictment affidavit papers notes article book speech remarks testimony video footage "
    "announcement readout message op-ed column editorial briefing summary records resolution "
    "resolutions ad ads advert adverts advertisement advertisements messages petition "
    "banner banners".split())
# sources that are evidence rather than agents: "the data show", "polls suggest", "according
# to the figures" report a finding, not something someone said
EVIDENCE_NOUNS = frozenset(
    "data poll polls polling survey surveys study studies figures figure numbers number results "
    "result research evidence analysis analyses statistics stats records record census count "
    "counts tally estimate estimates projection projections forecast forecasts model models "
    "chart charts map maps video videos footage photo photos photograph photographs image images "
    "picture pictures test tests experiment experiments trial trials investigation "
    "investigations review audit audits index indices ratings rating trend trends history "
    "experience findings finding logs log graph graphs".split())
_NON_AGENT_PRONOUNS = frozenset({"it", "this", "that", "these", "those", "which", "what"})
_MENTION_RIGHT = {"prep", "amod", "compound", "nummod", "nmod", "cc", "conj", "flat"}
# object-control verbs: in "V X to A" the object X, not V's subject, does A ("the attack
# prompted Rubio to call A", "it leads experts to suspect A"); "promise" is subject control
# (forms: the model has no lemmatizer)
OBJECT_CONTROL = stem_forms(
    "prompt push requir ask urg encourag persuad convinc allow invit pressur press caus "
    "inspir spur mov challeng dar compel order instruct advis remind warn help enabl permit "
    "implor forc") | frozenset(
    "lead leads led leading drive drives drove driven driving tell tells told telling bring "
    "brings brought bringing get gets got gotten getting leave leaves left leaving beg begs "
    "begged begging".split())


@dataclass(frozen=True, slots=True)
class Source:
    """A source mention: its head token and the character span of its words."""

    head: int
    start: int
    end: int


def verb_source(tok: Token) -> Token | None:
    """Head token of the source of a verb cue, or None when the text names none."""
    if _asked_participle(tok):
        return None
    cur = tok
    for _ in range(4):
        subj = None
        passive_subj = None
        for c in cur.children:
            dep = c.dep_
            if dep == "nsubj" or dep == "csubj":
                # two subjects (a title after a colon parsed as a second one: "says X, author
                # of Book: Subtitle"): the one nearest the verb
                if subj is None or abs(c.i - cur.i) < abs(subj.i - cur.i):
                    subj = c
            elif dep == "nsubjpass":
                passive_subj = c
            elif dep == "agent" and cur.i == tok.i:
                # only the cue's own: "X was joined by Y and joked" shares X, not Y
                for g in c.children:
                    if g.dep_ == "pobj":
                        return g
        if subj is not None:
            if subj.lower_ == "there":
                return None
            if subj.i < cur.i and _line_break_between(subj, cur):
                # a caption line above parsed as the subject; the real one is its apposition
                subj = next((c for c in subj.children if c.dep_ == "appos"
                             and not _line_break_between(c, cur)), None)
                if subj is None:
                    return None  # no apposition on the cue's line: the line names no source
            if subj.tag_ == "UH" or subj.lower_ in INTERJECTIONS:
                return None  # "Oh, ..." is never a speaker
            # "a statement released by the ministry said": the document's issuer speaks
            return document_author(subj) or subj  # a relative pronoun is resolved later
        if passive_subj is not None:
            if passive_subj.lower_ in _EXPLETIVE:
                return None
            if cur.i == tok.i and tok.lower_ in ("quoted",):
                return passive_subj
            return None if cur.i == tok.i else passive_subj
        if cur.i == tok.i:
            relative = subject_with_relative_clause(cur)
            if relative is not None:
                return relative[0]
            # "with about three in 10 saying A": a share hung on the verb itself
            share = next((c for c in cur.lefts if _share_of_people(c, cur)), None)
            if share is not None and passive_subj is None:
                return share
        inverted = _inverted_subject(cur)
        if inverted is None and cur.i == tok.i:
            inverted = inverted_clause_subject(cur)
            after_quote = subject_after_quote(cur) if inverted is None else None
            if after_quote is not None:
                inverted = after_quote[0]
        if inverted is None and cur.i == tok.i and cur.dep_ in ("conj", "parataxis", "dep"):
            inverted = inverted_tail(cur)
        if inverted is not None:
            return inverted
        dep = cur.dep_
        if dep == "acl" and cur.tag_ == "VBG" and cur.head.lower_ in DOCUMENT_NOUNS \
                and cur.head.dep_ in ("dobj", "pobj") and cur.head.head.i != cur.head.i:
            # "X released a statement saying ...": X speaks through the statement
            cur = cur.head.head
            if cur.dep_ == "prep" and cur.head.i != cur.i:  # "in a statement saying"
                cur = cur.head
            continue
        if cur.i == tok.i and dep == "advcl" and tok.lower_ in SPEECH_PARTICIPLES and \
                tok.left_edge.i > 0 and tok.doc[tok.left_edge.i - 1].text == "," and \
                cur.head.dep_ == "ccomp" and cur.head.head.i != cur.head.i:
            # "X said A, adding that B": the parse hung the participle on the reported clause,
            # but the one who adds is the one who said A
            cur = cur.head.head
            continue
        if dep in ("relcl", "acl") and cur.i == tok.i and \
                any(c.dep_ == "aux" and c.lower_ == "to" for c in cur.children):
            speaker = _infinitive_relative_source(cur)
            if speaker is not None:
                return speaker
        if dep == "acl" and cur.tag_ == "VBG" and cur.head.dep_ == "dobj" and \
                not _can_speak(cur.head) and any(
                    c.dep_ == "nsubj" and c.tag_ != "WDT" and _can_speak(c)
                    for c in cur.head.head.children):
            # "X opened a rally blasting A", "X launched petitions calling for A": a participle
            # the parse hung on the object of a speaker's verb, an object that cannot speak,
            # tells what the speaker does with it
            cur = cur.head.head
            continue
        if dep == "relcl" or (dep == "acl" and cur.tag_ == "VBG"):
            return cur.head
        if dep in ("xcomp", "advcl") and cur.head.lower_ in OBJECT_CONTROL and (
                dep == "xcomp" or any(c.dep_ == "aux" and c.lower_ == "to" for c in cur.children)):
            obj = next((c for c in cur.head.children if c.dep_ == "dobj" and c.i < cur.i), None)
            if obj is not None:
                return obj  # "That prompted Rubio to call A": Rubio calls
        if dep in _CLIMB and cur.head.i != cur.i:
            cur = cur.head
            if cur.dep_ == "prep" and cur.head.i != cur.i:  # "after saying": prep -> its head
                cur = cur.head
            continue
        return misattached_subject(cur)
    return None


# past participles of asking ("asked", "questioned", "inquired"; "wondered" has no passive)
_ASKED = frozenset(f for f in ASKING if f.endswith("ed") and not f.startswith("wonder"))
_NAMES_ITS_OWN = frozenset(("nsubj", "nsubjpass", "csubj", "aux", "auxpass", "agent"))


def _asked_participle(tok: Token) -> bool:
    """"Asked about A, the minister said B", "the minister, when asked whether A, said B": a
    participle of asking with no subject, auxiliary or by-agent of its own is passive; the one
    its clause hangs on was asked, and the asker goes unnamed. The tagger often reads the
    participle that opens a sentence as a past tense (VBD), so both tags count; a past tense
    joined to a clause with a subject ("she smiled and asked whether A") is a conj, left out."""
    return tok.lower_ in _ASKED and tok.tag_ in ("VBN", "VBD") and \
        tok.dep_ in ("advcl", "acl", "relcl", "ROOT") and \
        not any(c.dep_ in _NAMES_ITS_OWN for c in tok.children)


# what an infinitive takes of its own: with one, the noun it modifies fills its subject ("the
# first senator to endorse the plan"); without, its object ("nothing bad to say about him")
_INFINITIVE_OBJECTS = frozenset({"dobj", "ccomp", "xcomp", "attr", "oprd"})


def _infinitive_relative_source(verb: Token) -> Token | None:
    """The speaker of an infinitive relative clause on a noun ("N to say"), when it is not N.
    "Ruiz was the first senator to endorse A": the predicate noun only describes the subject,
    who endorses (the subject names them). "Ruiz had nothing bad to say about A": the noun is
    what is said (the infinitive has no object of its own), and the one who has it to say is
    the subject of the verb the noun hangs on; None there leaves the noun (its verb has no
    subject)."""
    noun = verb.head
    gov = noun.head
    if gov.i == noun.i:
        return None
    if noun.dep_ == "attr" and gov.lower_ in LINKING_VERBS:
        return next((c for c in gov.children if c.dep_ == "nsubj"), None)
    if noun.dep_ == "dobj" and not any(c.dep_ in _INFINITIVE_OBJECTS for c in verb.children):
        return next((c for c in gov.children if c.dep_ == "nsubj"), None)
    return None


def _can_speak(noun: Token) -> bool:
    """Whether a noun can be the one that says something: a pronoun, a name, a noun for
    people (HUMAN_NOUNS) or a document or finding ("a statement saying", "polls showing")."""
    if noun.tag_ in ("PRP", "WP", "WDT", "NNP", "NNPS") or noun.ent_type_ in _SPEAKER_LABELS:
        return True
    low = noun.lower_
    return low in HUMAN_NOUNS or low in DOCUMENT_NOUNS or low in EVIDENCE_NOUNS


_SPEAKER_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})


def according_source(acc: Token) -> Token | None:
    """Head of X in "according to X" (the author when X is a document: "a statement by X")."""
    to = None
    for c in acc.children:
        if c.lower_ == "to":
            to = c
            break
    if to is None and acc.i + 1 < len(acc.doc) and acc.doc[acc.i + 1].lower_ == "to":
        to = acc.doc[acc.i + 1]
    if to is None:
        return None
    obj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if obj is None:
        return None
    return document_author(obj) or obj


def document_author(noun: Token) -> Token | None:
    """The author of a document noun: "X's statement", "a statement issued by X", "a memo from X"."""
    if noun.lower_ not in DOCUMENT_NOUNS:
        return None
    for c in noun.children:
        if c.dep_ == "poss" and c.tag_ not in ("PRP$",):
            return c
        if c.dep_ == "prep" and c.lower_ in ("by", "from", "of"):
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is not None and (obj.ent_type_ or c.lower_ != "of"):
                return obj
        if c.dep_ in ("acl", "relcl"):
            for g in c.children:
                if g.dep_ == "nsubj" and g.ent_type_ in ("PERSON", "ORG"):
                    return g  # "a memorandum Biden sent"
                if g.dep_ == "agent":
                    obj = next((x for x in g.children if x.dep_ == "pobj"), None)
                    if obj is not None:
                        return obj
    return None


# common nouns for people who speak in their role ("officials", "the spokesman", "observers")
HUMAN_NOUNS = frozenset(
    "official officials spokesman spokeswoman spokesperson spokesmen minister ministers "
    "observer observers analyst analysts diplomat diplomats expert experts lawmaker lawmakers "
    "leader leaders president premier ambassador envoy commander commanders general officer "
    "officers governor mayor senator senators representative representatives legislator "
    "legislators negotiator negotiators adviser advisers advisor advisors aide aides "
    "secretary chairman chairwoman chair director head chief residents resident witness "
    "witnesses activist activists critics critic supporters opponents candidate candidates "
    "prosecutor prosecutors judge lawyer lawyers attorney attorneys economist economists "
    "researchers researcher scientists scientist doctors doctor voters protesters "
    "demonstrators campaigners".split())

SOURCE_KINDS = ("none", "pron", "PER", "ORG", "NNP", "noun")
_PRONOUNS = frozenset({"he", "she", "they", "i", "we", "who", "you"})


def source_kind(src: Token | None) -> str:
    """What kind of words the source is, one of SOURCE_KINDS: a person's name speaks more
    often than a common noun ("the data show ...") or nothing at all."""
    if src is None:
        return "none"
    if src.lower_ in _PRONOUNS:
        return "pron"
    if src.ent_type_ == "PERSON":
        return "PER"
    if src.ent_type_ in ("ORG", "GPE", "NORP"):
        return "ORG"
    if src.tag_ in ("NNP", "NNPS"):
        return "NNP"
    if src.lower_ in HUMAN_NOUNS:
        return "PER"  # people named by their role speak like people named by their name
    return "noun"


def is_agent(src: Token | None, named: bool) -> bool:
    """Whether a source speaks (a person, organisation, country, pronoun for one, role noun)
    rather than being a document, data or nothing: "the survey found" is evidence, "the
    minister found" a belief. ``named``: the source resolved to a named actor."""
    if src is None:
        return False
    if named:
        return True
    low = src.lower_
    if low in _NON_AGENT_PRONOUNS:
        return False
    if src.tag_ in ("PRP", "WP"):
        return True
    if low in EVIDENCE_NOUNS or low in DOCUMENT_NOUNS:
        return False
    return True


def evidence_source(src: Token | None) -> bool:
    """A source that is data or a finding ("polls", "the figures", "a study"), whatever the
    cue: "polls say" reports evidence, not speech."""
    return src is not None and src.lower_ in EVIDENCE_NOUNS


def _line_break_between(a: Token, b: Token) -> bool:
    lo, hi = min(a.i, b.i), max(a.i, b.i)
    return "\n" in doc_index(a.doc).between(lo, hi)  # in a token or the whitespace after one


def _inverted_subject(tok: Token) -> Token | None:
    """"A, continued the FM": the parser reads the inverted subject as an object."""
    left_comp = False
    for c in tok.children:
        if c.dep_ in ("ccomp", "parataxis") and c.i < tok.i:
            left_comp = True
        elif left_comp and c.i > tok.i and c.dep_ in ("dobj", "attr", "npadvmod", "dative", "oprd") \
                and c.tag_[:2] in ("NN", "PR"):
            return c
    return None


_RELATIVE_WORDS = frozenset({"who", "whose"})


def subject_with_relative_clause(tok: Token) -> tuple[Token, Token] | None:
    """"Ruiz, who holds no endorsements, said A": the parser read the subject and its relative
    clause as a clause complement before the verb (the verb then has no subject). Returns
    (the subject, that clause) when the verb has no subject and a complement before it that
    begins with a noun, a comma and "who"/"whose", and ends at the comma before the verb."""
    if any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for c in tok.children):
        return None
    doc = tok.doc
    for c in tok.children:
        if c.dep_ != "ccomp" or c.i > tok.i:
            continue
        after = c.right_edge.i + 1
        if after >= tok.i or doc[after].text != "," or \
                any(doc[k].head.i != tok.i or doc[k].dep_ not in ("advmod", "aux", "neg")
                    for k in range(after + 1, tok.i)):
            continue
        subj = next((g for g in c.children if g.dep_ == "nsubj" and g.i < c.i
                     and g.tag_[:2] in ("NN", "PR") and g.tag_ != "PRP$"), None)
        if subj is None or subj.left_edge.i != c.left_edge.i or subj.i + 1 >= c.i or \
                doc[subj.i + 1].text != ",":
            continue
        if any(doc[k].lower_ in _RELATIVE_WORDS for k in range(subj.i + 2, min(subj.i + 6, c.i + 1))):
            return subj, c
    return None


def misattached_subject(tok: Token) -> Token | None:
    """A person the parser hung elsewhere although the cue has no subject: "In an interview
    on Monday, X, the head of Y, said" (X attached to "Monday"). Only for a cue heading its
    sentence, a person named before it with no verb in between."""
    if tok.dep_ != "ROOT":
        return None
    doc = tok.doc
    for i in range(tok.i - 1, tok.sent.start - 1, -1):
        t = doc[i]
        if t.tag_[:2] in ("VB", "MD"):
            return None
        if t.ent_type_ == "PERSON" and t.head.ent_type_ != "PERSON" \
                and t.dep_ in ("appos", "npadvmod", "dep", "conj", "nsubj"):
            return t
        if _share_of_people(t, tok):
            return t
    return None


def _share_of_people(t: Token, verb: Token) -> bool:
    """"About 4 in 10 say A", "Less than a third agreed that A": a share of those asked is
    the subject of a poll's finding, which the parser hangs on the verb as a number or
    measure ("10" nummod, "third" npadvmod) or, after "Among voters,", as an apposition
    ("about two-thirds, 67 percent, say")."""
    if t.ent_type_ in ("DATE", "TIME", "MONEY", "ORDINAL"):
        return False
    if t.dep_ in ("nummod", "npadvmod") and t.head.i == verb.i:
        return t.tag_ == "CD" or t.lower_ in _SHARES
    if t.lower_ in _SHARES and t.dep_ in ("appos", "pobj"):
        # up to the verb through "among" and the group only
        cur, among = t, False
        for _ in range(3):
            if cur.dep_ not in ("appos", "pobj", "prep") or cur.head.i == cur.i:
                return False
            among = among or cur.head.lower_ == "among"
            cur = cur.head
            if cur.i == verb.i:
                return among
    return False


# nouns naming a share of a group ("a third", "two-thirds", "67 percent", "a majority")
_SHARES = frozenset("percent per cent third thirds half quarter quarters fifth fifths majority "
                    "minority plurality".split())


def mention_span(head: Token, ent: Span | None, line_start: int = 0) -> tuple[int, int]:
    """Character span of a source mention: the head with its left modifiers (titles, names)
    and, for common nouns, the modifiers on its right ("sources close to the minister");
    never reaching back before ``line_start`` (the parse can run over a paragraph break)."""
    if head.tag_ in ("PRP", "WP"):
        return head.idx, head.idx + len(head)
    left = head.left_edge
    start = max(left.idx, line_start)
    end = head.idx + len(head)
    # the text from the left edge to the head (not Doc.text, which joins the whole Doc)
    before = doc_index(head.doc).between(left.i, head.i)
    while start < head.idx and before[start - left.idx] in " ,;:":
        start += 1  # ", about two-thirds, 67 percent": the comma is not the mention's
    if ent is not None:
        start = min(start, ent.start_char)
        end = max(end, ent.end_char)
    else:
        for c in head.rights:
            if c.dep_ in _MENTION_RIGHT:
                r = c.right_edge
                end = max(end, r.idx + len(r))
            else:
                break
    return start, end
