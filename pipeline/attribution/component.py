"""The spaCy component: runs the rule layer and stores plain records on the Doc.

Stages: quotes (quotes.py) -> cue candidates (cues.py) -> content and frame (content.py),
kept when the lexicon trusts the cue in that frame -> source (sources.py) -> resolution
(resolve.py) -> statement date (dates.py) -> targets. This module wires them; the rules live
in the stage modules.

Plain data (offsets into ``doc.text``), so ``nlp.pipe(n_process=2)`` and ``DocBin`` keep them:

``doc._.relations``: list of dicts::

    {"speaker": {"start", "end", "mention", "name", "label", "resolved"} | None,
     "cue": {"start", "end", "text", "lemma", "class"},        # class: speech | belief | evidence
     "content_spans": [[start, end], ...],                     # one span, or several for split quotes
     "content_quoted": [bool, ...],                            # per span: all of it is quotation
     "kind": "direct" | "indirect" | "mixed" | "according_to" | "floating",
     "frame": "quote" | "ccomp" | "paren" | "xcomp" | "dobj" | "prep" | "according" | "layout"
              | "floating",                                  # floating: no cue words (cue text "")
     "score": float,                                           # the lexicon's trust in cue + frame
     "about": [{"start", "end", "mention", "name", "label"}, ...],
     "date": {"start", "end", "text"} | None}                  # the date expression of the statement

``speaker`` is None when the text names no source ("it was reported that ..."); an unnamed
source ("sources close to the minister") has ``resolved`` False and its words as ``name``.

``doc._.entities``: list of ``{"start", "end", "text", "label", "name"}`` (name resolved within
the doc: "al-Jaafari" -> "Ibrahim al-Jaafari"), persons also with ``gender`` ("female" |
"male") and ``gender_evidence`` (["Mrs.", "she"]) where the article gives evidence.
Context-free normalisation (demonym -> country) and corpus-wide ids happen later (pipeline/actors/).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import TypedDict

from spacy.language import Language
from spacy.tokens import Doc, Token

from .accept import candidate_features
from .content import (ASIDE_DASHES, RAISING, Content, according_content, inside_speech_quote, is_speech_quote,
                      second_report, to_object_content, token_span, trim, verb_content,
                      with_quotes, writer_aside,
                      without_full_stop)
from .punctuation import colon_attributions, dash_attributions, head_token
from .cues import CueCandidate, find_candidates
from .dates import dates_by_governor, statement_date
from ..doc_index import TEXT_KEY, doc_index, doc_text
from .frames import HEARSAY_ADVERBS, as_clause_content, hearsay_adverb_content
from .lexicon import CueLexicon, RoleLexicon, hash_string, lower_hashes, positions
from .nouns import (CONTENT_VERBS, NOUN_SCORE, REFERENCE_VERBS, STANCE_VERBS,
                    claim_clause_starts, find_noun_cues, physical_object)
from .quotes import QuoteIndex, find_quotes
from .resolve import ACTOR_LABELS, DocNames, resolve_source
from .sources import (according_source, evidence_source, is_agent, mention_span, source_kind,
                      subject_with_relative_clause, verb_source)

Doc.set_extension("relations", default=None, force=True)
Doc.set_extension("entities", default=None, force=True)

_WORD = re.compile(r"\w")
# one poll or survey: "in the polls" is mostly a standing ("rose in the polls"), not a finding
_POLL_HASHES = frozenset(hash_string(w) for w in ("poll", "survey"))
_HEARSAY_HASHES = frozenset(hash_string(w) for w in HEARSAY_ADVERBS)
_log = logging.getLogger("actorgraph")


def make_doc(nlp: Language, text: str) -> Doc:
    """``nlp.make_doc(text)``, the Doc remembering its text: ``Doc.text`` rebuilds the string
    from every token each time it is read (a tenth of the rule layer's time on PolNeAR
    train), and spaCy's tokenizer keeps the text as it is, so the text given is the Doc's."""
    doc = nlp.make_doc(text)
    doc.user_data[TEXT_KEY] = text  # read back by doc_text (pipeline/doc_index.py)
    return doc


class _DocEntityBase(TypedDict):
    start: int
    end: int
    text: str
    label: str
    name: str


class DocEntity(_DocEntityBase, total=False):
    """One record of ``doc._.entities`` (see the module docstring)."""

    gender: str  # "female" | "male", persons only, where the article gives evidence
    gender_evidence: list[str]  # ["Mrs.", "she"]


@dataclass(slots=True)
class Found:
    """One attribution while the stages run (token indices still at hand)."""

    cue: CueCandidate
    content: Content
    source: int | None  # head token index of the source mention
    score: float
    mention: tuple[int, int] | None = None  # the source's words when layout, not syntax, gave them
    # an act that shows a stance or an intention ("pushed the reform", "struggled to balance
    # its ties"), not a statement: class belief
    act: bool = False


class AttributionComponent:
    """Finds attributions; see the module docstring for what it stores."""

    def __init__(self, name: str, cues: CueLexicon, roles: RoleLexicon,
                 min_score: float = 0.35, continue_quotes: bool = True,
                 floating: str = "separate", noun_cues: bool = True,
                 min_free_score: float = 0.43, min_accept: float | None = None) -> None:
        self.noun_cues = noun_cues
        if floating not in ("separate", "merge"):
            raise ValueError(f"floating must be 'separate' or 'merge', not {floating!r}")
        self.name = name
        self.floating = floating
        self.cues = cues
        self.roles = roles
        self.min_score = min_score
        # a verb the lexicon's score leaves out still reports when it stands outside every
        # trusted content and its free-standing score (cue_free.tsv) reaches this
        self.min_free_score = min_free_score
        self.continue_quotes = continue_quotes
        # whether a candidate reports: the lexicon's score in context (accept.py) where the
        # lexicon has the model, else the score alone against min_score
        self.accept = cues.accept
        self.min_accept = (min_accept if min_accept is not None else
                           self.accept.threshold if self.accept is not None else 0.5)
        # tools/learn_accept.py sets it: text -> cue start -> the candidate's features
        self.trace: dict[str, dict[int, dict[str, float]]] | None = None
        floor = min(min_score, self.accept.floor) if self.accept is not None else min_score
        self._verbs = cues.usable_verb_hashes(floor, min_free_score) | frozenset(  # forms worth looking at
            hash_string(form) for form, entry in cues.verb_forms.items()
            if entry.lemma in REFERENCE_VERBS)

    def start_trace(self, floor: float) -> dict[str, dict[int, dict[str, float]]]:
        """For tools/learn_accept.py: from now on keep every verb candidate whose lexicon score
        reaches ``floor``, and record its features (accept.py) in the returned dict: document
        text -> the cue's start -> features."""
        self.accept = None
        self.min_score = floor
        self._verbs = self.cues.usable_verb_hashes(floor, self.min_free_score) | self._verbs
        self.trace = {}
        return self.trace

    def __call__(self, doc: Doc) -> Doc:
        """Annotate ``doc``; a rule that fails on an odd document costs that document its
        relations (logged), never the run."""
        try:
            return self.annotate(doc)
        except Exception as exc:  # noqa: BLE001 - one odd document must not stop a corpus
            _log.warning("actorgraph_attribution: no relations for a document of %d characters "
                         "(%s: %s)", len(doc.text), type(exc).__name__, exc)
            doc._.relations = []
            doc._.entities = [{"start": e.start_char, "end": e.end_char, "text": e.text,
                               "label": e.label_, "name": e.text} for e in doc.ents]
            return doc

    def annotate(self, doc: Doc) -> Doc:
        """The rule layer proper (raises on a bug; ``__call__`` guards it)."""
        text = doc_text(doc)
        doc_index(doc, fresh=True)  # the rules' plain arrays for this document
        ents = list(doc.ents)
        quotes = QuoteIndex(find_quotes(text))
        found = self.find(doc, text, quotes)
        names = DocNames(doc, ents, self.roles, lambda c: quotes.at(c) is not None, text)
        dates = dates_by_governor([e for e in ents if e.label_ == "DATE"])
        doc._.relations = [self.to_record(doc, text, f, names, dates, quotes) for f in found]
        genders = names.genders()
        entities: list[DocEntity] = []
        for m in names.mentions:
            ent: DocEntity = {"start": m.start, "end": m.end, "text": m.text, "label": m.label,
                   "name": m.name}
            if m.label == "PERSON" and m.name in genders:
                ent["gender"], ent["gender_evidence"] = genders[m.name]
            entities.append(ent)
        for e in ents:
            label = e.label_
            if label not in ACTOR_LABELS:
                words = text[e.start_char:e.end_char]  # e.text, without a Token per word
                entities.append({"start": e.start_char, "end": e.end_char, "text": words,
                                 "label": label, "name": words})
        entities.sort(key=lambda r: r["start"])
        doc._.entities = entities
        return doc

    def _speech_verb(self, tok: Token) -> bool:
        """A verb that reports speech and is trusted as a cue in some frame ("calls",
        "conceded"), not one of belief ("hoped") or a weak one ("using")."""
        entry = self.cues.verb_forms.get(tok.lower_)
        return entry is not None and max(entry.scores.values(), default=0.0) >= 0.5 \
            and self.cues.cue_class(entry.lemma, True) == "speech"

    # ------------------------------------------------------------------ stages
    def find(self, doc: Doc, text: str, quotes: QuoteIndex) -> list[Found]:
        """Cue -> content -> source for every candidate the lexicon trusts in its frame."""
        found: list[Found] = self.layout(doc, text, quotes)
        speaker_of: dict[int, Token] = {}  # a second report's verb -> the verb of the first
        # transcript turns ("PENCE: ...") are direct speech: reports inside them are nested
        transcript = [f.content.spans[0] for f in found
                      if f.cue.lemma == ":" and f.mention is not None  # layout sets mention
                      and text[f.mention[0]:f.mention[1]].isupper()]
        waiting: list[Found] = []  # below min_score: a second chance if they stand free
        hedged: dict[int, int] = {}  # a raising verb's infinitive -> the raising verb
        for cand in find_candidates(doc, self.cues, self._verbs):
            tok = doc[cand.i]
            if cand.pos == "PHRASE":
                content = according_content(doc, text, tok, quotes)
                if content is None:
                    continue
                src = according_source(tok)
                found.append(Found(cand, content, src.i if src is not None else None, 1.0))
                continue
            if inside_speech_quote(text, quotes, tok.idx) or \
                    any(s <= tok.idx < e for s, e in transcript):
                continue  # attributions nested in quoted speech belong to the quoted speaker
            if cand.lemma in REFERENCE_VERBS:
                # "“A,” she said, referring to B": what she refers to is B, never the
                # quotation next to her clause (that is the saying verb's)
                content = to_object_content(doc, text, tok, quotes)
                src = verb_source(tok)
                if content is not None:
                    if src is not None and source_kind(src) in ("PER", "ORG", "NNP", "pron"):
                        found.append(Found(cand, content, src.i, NOUN_SCORE))
                    continue
            content = verb_content(doc, text, tok, quotes)
            if content is None or content.frame not in ("quote", "ccomp"):
                # "As the minister said, A": the clause the "as"-clause comments on
                content = as_clause_content(doc, text, tok, quotes) or content
            if content is None and cand.lemma in REFERENCE_VERBS:
                continue
            if content is None:
                continue
            relative = subject_with_relative_clause(tok) if content.frame == "ccomp" else None
            if relative is not None:
                # "Ruiz, who holds no endorsements, said A": the subject's relative clause,
                # parsed as a complement, is no part of what Ruiz said
                s0, e0 = token_span(relative[1])
                content.spans = [sp for sp in content.spans if not s0 <= sp[0] < e0]
                if not content.spans:
                    continue
            if content.frame != "quote":
                # "said he respects her and calls her a friend": the calling is a second
                # report of the speaker's, with a content of its own
                second = second_report(doc, text, content.spans[-1], quotes, self._speech_verb)
                if second is not None:
                    spans = content.spans[:-1] + [trim(text, content.spans[-1][0], second[0])]
                    content = with_quotes(text, spans, quotes, content.frame)
                    speaker_of[second[1].i] = tok  # its speaker is this verb's
                cut = writer_aside(doc, text, content.spans[-1], quotes, self._speech_verb)
                if cut is not None and cut > content.spans[-1][0]:
                    # '..., calling it “a farce”': what the speaker did next, a report of its own
                    # (its speaker is this verb's, wherever the parse hung the participle)
                    part = _aside_participle(doc, cut, content.spans[-1][1])
                    if part is not None and self._speech_verb(part):
                        speaker_of[part.i] = tok
                    spans = content.spans[:-1] + [trim(text, content.spans[-1][0], cut)]
                    content = with_quotes(text, spans, quotes, content.frame)
            if content.frame not in ("quote", "ccomp", "paren") and (
                    cand.lemma in CONTENT_VERBS or physical_object(tok, cand.lemma)):
                continue  # "to discuss the shortages", "attacked border villages": no statement
            entry = self.cues.verb_forms[tok.lower_]
            score = entry.scores.get(content.frame, 0.0)
            if not score and content.frame == "ccomp":
                # a verb that takes no that-clause ("disavow"): the clause is misattached,
                # its object is what it reports
                content = verb_content(doc, text, tok, quotes, skip_comp=True)
                if content is None:
                    continue
                score = entry.scores.get(content.frame, 0.0)
            if not score:
                continue
            src = verb_source(tok)
            if tok.i in speaker_of and (src is None or src.lower_ not in _BOUND_PRONOUNS):
                # a pronoun the second report inherits is left to _binding_subject: the
                # reporting subject names it only when the pronoun is that very actor
                src = verb_source(speaker_of[tok.i])
            owner = _misread_noun_owner(tok)
            if owner is not None:
                src = owner  # "skepticism about US claims that A": the claims are the US's
            kind_of_source = source_kind(src)
            score = self.cues.adjusted(score, content.frame, kind_of_source)
            rescued = score < self.min_score and content.frame == "dobj" and \
                cand.lemma in STANCE_VERBS and kind_of_source in ("PER", "ORG", "NNP")
            if rescued:
                score = self.min_score  # "Syria disavowed any knowledge of A"
            if tok.lower_ in RAISING:
                if content.frame == "xcomp":
                    hedged.update((c.i, cand.i) for c in tok.children if c.dep_ == "xcomp")
                # "the plan seems to work", "the senator appeared ready": an impression the
                # text gives, of no named source; the subject (scored as usual above) is what
                # seems so, part of the content, never the one who says it
                src = None
            if self.trace is not None:  # tools/learn_accept.py: every candidate, with its facts
                if score < self.min_score:
                    continue
                self.trace.setdefault(text, {})[cand.start] = candidate_features(
                    tok, content, src, kind_of_source, score, entry.free.get(content.frame),
                    self.cues.cue_class(entry.lemma, True))
                found.append(Found(cand, content, src.i if src is not None else None, score))
                continue
            if not rescued and self.accept is not None:
                # the lexicon's score read in context: length, position, negation, source
                accepted = score >= self.accept.floor and self.accept.probability(
                    candidate_features(tok, content, src, kind_of_source, score,
                                       entry.free.get(content.frame),
                                       self.cues.cue_class(entry.lemma, True))
                ) >= self.min_accept
            else:
                accepted = score >= self.min_score
            if accepted and score < self.min_score:
                # a verb the lexicon does not trust on its own reports only where it stands
                # free, as its second chance below does
                if not _no_stance(doc, tok, content, src) and not any(
                        c.dep_ == "dobj" and c.lower_ in self.cues.noun_forms
                        for c in tok.children):  # "renewed her attacks on X": the noun reports
                    # with a noun phrase or an infinitive for content, not a clause or a
                    # quotation, a verb no word list files as saying or thinking ("pushed the
                    # reform", "struggled to balance its ties") shows a stance or an intention
                    # by an act: a belief, as cue_classes.tsv files support, vote and plan
                    act = content.frame not in ("quote", "ccomp", "paren") and \
                        entry.lemma not in self.cues.classes
                    waiting.append(Found(cand, content, src.i if src is not None else None, score,
                                         act=act))
                continue
            if not accepted:
                free = entry.free.get(content.frame)
                if free is not None:
                    free = self.cues.adjusted(free, content.frame, kind_of_source)
                    if free >= self.min_free_score and \
                            not _no_stance(doc, tok, content, src):
                        waiting.append(Found(cand, content, src.i if src is not None else None,
                                             free))
                continue
            found.append(Found(cand, content, src.i if src is not None else None, score))
        if hedged:
            # "she appeared to imply that A": where the verb a raising verb hedges reports a
            # statement of its own (its source: the subject), the hedge is no second one
            reporting = {hedged[f.cue.i] for f in found if f.cue.i in hedged}
            found = [f for f in found if f.cue.i not in reporting]
        found.extend(self.in_polls(doc, text, quotes))
        found.extend(self.hearsay(doc, text, quotes, transcript))
        if self.noun_cues:
            found.extend(self.nouns(doc, text, quotes, transcript))
        found.extend(_standing_free(waiting, found))
        if self.noun_cues:
            _cut_before_claims(text, found, claim_clause_starts(doc))
        found = _dedupe(found)
        _colon_elaboration(doc, text, found, quotes)
        if self.continue_quotes:
            _continue_in_paragraph(text, found, quotes)
            found.extend(_continue_quotes(doc, text, found, quotes, self.floating))
            found.sort(key=lambda f: f.content.spans[0][0] if f.content.frame == "floating"
                       else f.cue.start)
        return found

    def nouns(self, doc: Doc, text: str, quotes: QuoteIndex,
              transcript: list[tuple[int, int]]) -> list[Found]:
        """Noun cues with their source ("his claim that A", "criticism of A by X")."""
        out = []
        for nc in find_noun_cues(doc, text, quotes):
            tok = doc[nc.i]
            if inside_speech_quote(text, quotes, tok.idx) or \
                    any(s <= tok.idx < e for s, e in transcript):
                continue
            cand = CueCandidate(nc.i, tok.idx, tok.idx + len(tok), nc.lemma, "NOUN")
            out.append(Found(cand, nc.content, nc.source, NOUN_SCORE))
        return out

    def in_polls(self, doc: Doc, text: str, quotes: QuoteIndex) -> list[Found]:
        """"Smith leads Jones by ten points in the latest poll": a clause qualified by "in" a
        poll or survey reports that poll's finding, as "according to the poll" would (the
        poll is the source, the clause without the phrase the content; class evidence)."""
        out = []
        for i in positions(lower_hashes(doc), _POLL_HASHES):
            noun = doc[i]
            prep = noun.head
            if noun.dep_ != "pobj" or prep.lower_ != "in" or prep.dep_ != "prep" or \
                    prep.head.tag_[:2] != "VB" or quotes.at(prep.idx) is not None or \
                    prep.head.dep_ in ("relcl", "acl"):
                continue  # a relative clause is no statement of its own
            if any(c.dep_ == "ccomp" for c in prep.head.children):
                continue  # "said in a poll that A": the verb reports, the poll is its medium
            content = according_content(doc, text, prep, quotes)
            if content is None:
                continue
            cand = CueCandidate(prep.i, prep.idx, prep.idx + len(prep), "in", "PHRASE")
            out.append(Found(cand, content, noun.i, 1.0))
        return out

    def hearsay(self, doc: Doc, text: str, quotes: QuoteIndex,
                transcript: list[tuple[int, int]]) -> list[Found]:
        """"The company reportedly plans to close the plant": a statement of no named source
        (frames.py, hearsay adverbs; class speech)."""
        out = []
        for i in positions(lower_hashes(doc), _HEARSAY_HASHES):
            tok = doc[i]
            if inside_speech_quote(text, quotes, tok.idx) or \
                    any(s <= tok.idx < e for s, e in transcript):
                continue
            content = hearsay_adverb_content(tok, text, quotes)
            if content is None:
                continue
            cand = CueCandidate(i, tok.idx, tok.idx + len(tok), tok.lower_, "PHRASE")
            out.append(Found(cand, content, None, 1.0))
        return out

    def layout(self, doc: Doc, text: str, quotes: QuoteIndex) -> list[Found]:
        """Colon and dash attributions ("PENCE: ...", "“...” ― Name")."""
        out = []

        known: set[str] | None = None

        def names_actor(start: int, end: int) -> bool:
            nonlocal known
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None and any(t.ent_type_ in ("PERSON", "ORG") for t in span):
                return True
            # "Lynch: ..." in a headline the tagger missed: a surname or organisation the
            # article names elsewhere as a person or organisation is one
            if known is None:
                known = set()
                for e in doc.ents:
                    if e.label_ == "PERSON":
                        known.add(e[-1].text)
                    elif e.label_ == "ORG":
                        known.add(e.text)
            return text[start:end] in known

        for la in (*colon_attributions(text, quotes, names_actor), *dash_attributions(text, quotes)):
            head = head_token(doc, *la.speaker)
            cue_tok = head_token(doc, *la.cue)
            if head is None or cue_tok is None:
                continue
            span = la.content
            if not text[la.speaker[0]:la.speaker[1]].isupper():
                # "Lynch: Stand With Police." - the stop ends the headline, not the words; a
                # transcript turn ("AZIZ: We will.") is the speaker's words, stop and all
                span = without_full_stop(doc, text, span, quotes)
            content = Content([span], "layout", "direct")
            cand = CueCandidate(cue_tok, la.cue[0], la.cue[1], la.lemma, "PUNCT")
            out.append(Found(cand, content, head, 1.0, la.speaker))
        return out

    def to_record(self, doc: Doc, text: str, f: Found, names: DocNames,
                  dates: dict[int, list[tuple[int, int, str]]], quotes: QuoteIndex) -> dict:
        spans = f.content.spans
        speaker = None
        target = None
        if f.source is not None:
            head = doc[f.source]
            if f.mention is None:
                head = _binding_subject(doc, head, f.cue.i, names, spans) or head
            named = names.at_token(head.i)
            ent = None
            if named is not None:
                ent = doc.char_span(named.start, named.end, alignment_mode="expand")
            line_start = text.rfind("\n", 0, head.idx) + 1
            s, e = f.mention or mention_span(head, ent, line_start)
            if head.tag_ in ("WP", "WDT") and head.head.dep_ == "relcl" and f.mention is None:
                # "Paul Ryan, who said": the mention runs from the name to the pronoun
                s = min(s, mention_span(head.head.head, None, line_start)[0])
            for qi in quotes.overlapping(s, head.idx):
                q = quotes.quotes[qi]
                if s < q.end <= head.idx:
                    # the parse hung quoted words on the speaker ("“A,” Jane Roe said"):
                    # a speaker's words never hold a quotation that ends before the speaker
                    s = trim(text, q.end, e)[0]
            speaker = {"start": s, "end": e, "mention": text[s:e], "name": text[s:e],
                       "label": "UNKNOWN", "resolved": False}
            target = resolve_source(head, names, spans, (s, e))
            if target is not None and e <= target.start and target.start - e < 60 \
                    and "\n" not in text[e:target.start]:
                # the name came from an apposition: "the foreign minister, Ibrahim al-Jaafari"
                e = target.end
                speaker.update(end=e, mention=text[s:e], name=text[s:e])
            if target is not None:
                speaker.update(name=target.name, label=target.label, resolved=True)
        kind = "according_to" if f.content.frame == "according" else f.content.kind
        if f.content.frame == "floating":
            kind = "floating"
        src = doc[f.source] if f.source is not None else None
        cue_class = self.cues.cue_class(f.cue.lemma, is_agent(src, target is not None))
        if f.act:
            cue_class = "belief"
        elif f.content.frame == "floating":
            cue_class = "speech"  # quoted words are spoken (or written) words
        elif cue_class == "speech" and target is None and evidence_source(src):
            cue_class = "evidence"  # "polls say", "according to the figures"
        about, seen = [], set()
        for s, e in spans:
            for m in names.in_span(s, e):
                key = (m.name, m.label)
                if key not in seen:
                    seen.add(key)
                    about.append({"start": m.start, "end": m.end, "mention": m.text,
                                  "name": m.name, "label": m.label})
        return {
            "speaker": speaker,
            "cue": {"start": f.cue.start, "end": f.cue.end, "text": text[f.cue.start:f.cue.end],
                    "lemma": f.cue.lemma, "class": cue_class},
            "content_spans": [[s, e] for s, e in spans],
            "content_quoted": [all_quoted(text, quotes, s, e) for s, e in spans],
            "kind": kind,
            "frame": f.content.frame,
            "score": round(f.score, 3),
            "about": about,
            "date": statement_date(f.cue.i, spans, dates, f.cue.start),
        }


# a content of one such word points to a proposition elsewhere ("saw it", "wants what")
_POINTING_TAGS = frozenset(("PRP", "WP", "WDT", "DT", "EX"))
_NOBODY = frozenset(("nobody", "none", "noone"))
_OPENS_APPOSITION = frozenset((",", "(")) | ASIDE_DASHES


def _no_stance(doc: Doc, tok: Token, content: Content, src: Token | None) -> bool:
    """Whether a low-scoring verb's statement is no stance of its own: its sentence is a
    question ("Do you support Smith?" asks, it reports nothing), its source is nobody
    ("nobody knows when A": no one holds A), it is a restrictive relative clause ("voters
    who back Smith": it picks out whom the sentence is about, presupposed, not asserted,
    unlike "Ruiz, who backs Smith, ..."), or its content is a lone pronoun or determiner that
    stands for words elsewhere ("I saw it", "they want what")."""
    if src is not None and (src.lower_ in _NOBODY or (src.lower_ == "one" and any(
            c.lower_ == "no" for c in src.children))):
        return True
    if tok.dep_ == "relcl":
        first = tok.left_edge.i
        if first > 0 and doc[first - 1].text not in _OPENS_APPOSITION:
            return True
    index = doc_index(doc)  # the sentence's bounds, cheaper than tok.sent
    start, end = index.sentence_start(tok.i), index.sentence_end(tok.i) - 1
    while end > start and (doc[end].is_space or doc[end].is_quote):
        end -= 1
    if doc[end].text == "?":
        return True
    if len(content.spans) == 1:
        span = doc.char_span(*content.spans[0], alignment_mode="expand")
        if span is not None and len(span) == 1 and span[0].tag_ in _POINTING_TAGS:
            return True
    return False


def _standing_free(waiting: list[Found], found: list[Found]) -> list[Found]:
    """The candidates of ``waiting`` whose cue lies outside every content of ``found``: "Iowa
    voted for Smith" reports a stance, while in "she said Iowa voted for Smith" the vote is
    part of what she said (her statement holds those words)."""
    if not waiting:
        return []
    held = [sp for f in found for sp in f.content.spans]

    def displaces(w: Found) -> bool:  # holds a trusted cue whose words it would take over
        return any(s <= f.cue.start < e and _dice(f.content.spans, w.content.spans) >= 0.5
                   for f in found for s, e in w.content.spans)
    return [w for w in waiting if not any(s <= w.cue.start < e for s, e in held)
            and not displaces(w)]


def _misread_noun_owner(tok: Token) -> Token | None:
    """"about US claims that A": the tagger read the plural noun "claims" as a verb with no
    subject of its own; the name before it, object of something else, owns the claims."""
    if tok.tag_ != "VBZ" or tok.i == 0 or \
            any(c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in tok.children):
        return None
    prev = tok.doc[tok.i - 1]
    if prev.tag_ in ("NNP", "NNPS") and prev.dep_ in ("pobj", "dobj") and prev.head.i != tok.i:
        return prev
    if prev.dep_ in ("compound", "amod") and prev.head.i == tok.i and \
            (prev.tag_ in ("NNP", "NNPS") or prev.ent_type_ in ("NORP", "GPE", "ORG")):
        return prev  # a noun modifier only a noun can have: "US claims", "Iraqi warnings"
    return None


def all_quoted(text: str, quotes: QuoteIndex, start: int, end: int) -> bool:
    """Whether every word of ``text[start:end]`` lies inside quotation marks."""
    cur = start
    for qi in quotes.overlapping(start, end):
        q = quotes.quotes[qi]
        if _WORD.search(text[cur:max(cur, q.start)]):
            return False
        cur = max(cur, q.end)
    if cur == start:
        return False
    return not _WORD.search(text[cur:end])


def _cut_before_claims(text: str, found: list[Found], claims: list[tuple[int, int]]) -> None:
    """A verb's object content that runs into a noun of saying with its that-clause ends
    before the clause: "voiced skepticism about US claims that A" -> "skepticism about US
    claims" (A is the claimant's, not the skeptic's)."""
    if not claims:
        return
    for f in found:
        if f.content.frame not in ("dobj", "prep", "xcomp") or not f.content.spans:
            continue
        s0, e0 = f.content.spans[0]
        for noun_start, clause_start in claims:
            if s0 <= noun_start < clause_start < e0:
                cut = trim(text, s0, clause_start)
                if cut[1] > cut[0]:
                    f.content.spans = [cut]
                    f.content.quotes = []
                    f.content.kind = "indirect"
                break


def _aside_participle(doc: Doc, start: int, end: int) -> Token | None:
    """The participle that opens an aside cut from a content at ``start`` (", adding that
    B"): its first word after the comma, dash or closing quotation mark, when it is one."""
    aside = doc.char_span(start, end, alignment_mode="expand")
    if aside is None:
        return None
    first = next((t for t in aside if not t.is_punct), None)
    return first if first is not None and first.tag_ == "VBG" else None


def _binding_subject(doc: Doc, head: Token, cue: int, names: DocNames,
                     spans: list[tuple[int, int]]) -> Token | None:
    """"Vera Lind said she wants A and has urged B": the conjunct the parse hung inside the
    reported clause shares its pronoun subject, and the pronoun is bound by the subject of the
    verb that reports the clause; the conjunct is as much hers as the report, and the subject
    names her. Only for a subject the cue inherits (not its own), a pronoun that resolves to
    the very actor the reporting verb's subject names."""
    if head.lower_ not in _BOUND_PRONOUNS or head.dep_ != "nsubj" or head.head.i == cue:
        return None
    verb = head.head
    if verb.dep_ != "ccomp" or verb.head.i == verb.i:
        return None
    subj = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.tag_ in ("PRP", "WP", "WDT"):
        return None
    named = names.at_token(subj.i)
    if named is None:
        return None
    target = resolve_source(head, names, spans, (head.idx, head.idx + len(head)))
    return subj if target is not None and target.name == named.name else None


_BOUND_PRONOUNS = frozenset({"he", "she", "they"})


def _dedupe(found: list[Found]) -> list[Found]:
    """One attribution per content: the most trusted cue wins; a cue nested in another's
    content that reports most of the same words ("said she hoped that A") gives way to it.
    Two cues each in the other's content ("X said A, according to Y": X's content runs over
    the closing phrase, Y's over X's clause) keep the later one, which closes the sentence
    and qualifies all of it."""
    best: dict[tuple, Found] = {}
    for f in found:
        key = tuple(f.content.spans)
        if key not in best or f.score > best[key].score:
            best[key] = f
    kept = sorted(best.values(), key=lambda f: f.cue.start)
    out = []
    for f in kept:
        pos = f.cue.start
        nested_dup = False
        for g in kept:
            if g is f:
                continue
            for s, e in g.content.spans:
                if s <= pos < e:
                    nested_dup = _dice(f.content.spans, g.content.spans) >= 0.5
                    break
            if nested_dup and pos > g.cue.start and \
                    any(s <= g.cue.start < e for s, e in f.content.spans):
                nested_dup = False  # each in the other's content: the later one stays
            if nested_dup:
                break
        if not nested_dup:
            out.append(f)
    return out


def _dice(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> float:
    inter = sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)
    size = sum(e - s for s, e in a) + sum(e - s for s, e in b)
    return 2 * inter / size if size else 0.0


# the rest of a sentence: a full stop followed by a letter belongs to an abbreviation ("S.C.")
_SENTENCE_GAP = re.compile(r"(?:[^\n\"\u201c\u201d\u00ab\u00bb.!?]|\.(?=[^\s.]))*[.!?][)\u2019']?[ \t]+")
_SENTENCE_END = re.compile(r"[.!?\u2026][\s'\"\u2019\u201d]*$")
_CONNECTIVE = re.compile(r"(?<![^\s])(?:But|And|Yet|Still|Or|So)[ \t]+$")
_STOP = re.compile(r"[.!?][)\u2019']?\s")  # a sentence ends here
_CONTINUING_FRAMES = ("ccomp", "quote", "paren", "according")
_CLOSES_SENTENCE = re.compile(r"\s*(?:[.!?]|\n|$)")  # after a quotation: its sentence ends


def _continue_in_paragraph(text: str, found: list[Found], quotes: QuoteIndex) -> None:
    """A quotation with no cue of its own that makes up the next sentence of the same
    paragraph continues the statement before it, as the second half of a split quote does:
    'Smith said A. “B.”', '“A,” Smith said. “B.”' (B is Smith's words too). Only after a
    clause, according-to or quote content; the quotation must be speech (or a whole quoted
    sentence), end its sentence (“B,” she added has a cue), and the words between the
    statement and it must end that statement's sentence (a title quote or an abbreviation
    among them is no end), nothing more but a connective ('But “B.”'). A run of such
    sentences continues it too."""
    owned = {qi for f in found for qi in f.content.quotes}
    cues = sorted(f.cue.start for f in found)
    ends = sorted(((max(f.cue.end, f.content.spans[-1][1]), k) for k, f in enumerate(found)
                   if f.content.frame in _CONTINUING_FRAMES and f.content.spans),
                  key=lambda x: x[0])
    for end, k in ends:
        f = found[k]
        while True:
            nxt, gap = _next_sentence_quote(text, quotes, end)
            if nxt is None or nxt in owned or quotes.chain_start(nxt) != nxt:
                break
            q = quotes.quotes[nxt]
            lead = _CONNECTIVE.search(gap)  # 'But “B.”': a sentence of a connective and a quote
            if lead is not None:
                gap = gap[:lead.start()]
            if not (_SENTENCE_GAP.fullmatch(gap) or (
                    _SENTENCE_END.search(text, max(end - 16, 0), end) and not gap.strip(" \t"))) \
                    or any(end <= c < q.start for c in cues) \
                    or not (is_speech_quote(text, quotes, nxt)
                            or _SENTENCE_END.search(text, q.inner_start, q.inner_end)):
                break  # a whole quoted sentence is speech however short ('“They sue.”')
            chain = quotes.chain(nxt)
            last = quotes.quotes[chain[-1]]
            if not (_SENTENCE_END.search(text[last.inner_start:last.inner_end])
                    or _CLOSES_SENTENCE.match(text, last.end)):
                break  # "“B,” she added": the quotation goes on to a cue of its own
            pieces = [(quotes.quotes[j].start, quotes.quotes[j].end) for j in chain]
            if lead is not None:
                pieces[0] = (q.start - len(lead.group(0)), pieces[0][1])
            f.content.spans.extend(pieces)
            f.content.quotes.extend(chain)
            owned.update(chain)
            if f.content.kind == "indirect":
                f.content.kind = "mixed"
            end = last.end


_COLON_AFTER = re.compile(r"[ \t]*:[ \t]+(?=[^\s])")


def _colon_elaboration(doc: Doc, text: str, found: list[Found], quotes: QuoteIndex) -> None:
    """A colon right after a content introduces what that content announces, in the same
    sentence: 'said a deal might be possible: “A. B.”', 'repeated his pledges: A, B and C'.
    The words after the colon belong to the content, up to the end of that sentence, or to
    the end of the quotation the colon opens. Not after a layout cue (its content is a line
    already), not across a line break, not over another statement's cue."""
    cues = sorted(f.cue.start for f in found)
    for f in found:
        if f.cue.lemma in (":", "\u2015") or not f.content.spans:
            continue
        end = f.content.spans[-1][1]
        if end < f.cue.end:
            continue  # the content comes before the cue ("A: B, she said" is hers up to the cue)
        m = _COLON_AFTER.match(text, end)
        if m is None:
            continue
        start = m.end()
        qi = quotes.at(start)
        if qi is not None and quotes.quotes[qi].start == start:
            new_end = quotes.quotes[quotes.chain(qi)[-1]].end
        else:
            tok = doc.char_span(start, start + 1, alignment_mode="expand")
            if tok is None:
                continue
            sent = tok[0].sent
            new_end = sent.end_char
            line_end = text.find("\n", start)
            if 0 <= line_end < new_end:
                new_end = line_end
            new_end = trim(text, start, new_end)[1]
            while new_end > start and text[new_end - 1] in ".;":
                new_end -= 1
            words = doc.char_span(start, new_end, alignment_mode="expand")
            if words is None or (words[0].is_title and any(
                    t.dep_ in ("nsubj", "nsubjpass", "expl") for t in words)):
                continue  # 'A: The city has ...' a sentence of its own, maybe the writer's
        if new_end <= start or any(start <= c < new_end for c in cues):
            continue
        spans = f.content.spans[:-1] + [(f.content.spans[-1][0], new_end)]
        content = with_quotes(text, spans, quotes, f.content.frame)
        f.content.spans, f.content.quotes = content.spans, content.quotes
        if f.content.kind != content.kind:
            f.content.kind = "mixed"


def _next_sentence_quote(text: str, quotes: QuoteIndex, end: int) -> tuple[int | None, str]:
    """The first quotation after ``end`` that may open a sentence of its own, and the words
    between (on one line). A title or scare quote inside those words is read as plain words
    ('he said on “Meet the Press.” “B.”': the title ends his sentence, B opens the next)."""
    gap: list[str] = []
    pos = end
    for j in quotes.overlapping(end, len(text)):
        q = quotes.quotes[j]
        if q.start < end:
            continue
        gap.append(text[pos:q.start])
        words = "".join(gap)
        if "\n" in words or not words.strip() or is_speech_quote(text, quotes, j) or \
                _STOP.search(words):
            return j, words  # speech, or the words before it closed a sentence already
        if not q.closed:
            break
        gap.append(text[q.inner_start:q.inner_end])
        pos = q.end
    return None, ""


def _floating_paragraphs(text: str, found: list[Found], quotes: QuoteIndex) -> list[tuple[int, int, list[int]]]:
    """Paragraphs that are nothing but one quotation (a chain of quote pieces) that no cue
    owns: ``(paragraph start, paragraph end, quote indices)``, in text order."""
    owned = set()
    for f in found:
        owned.update(f.content.quotes)
    out = []
    for qi, q in enumerate(quotes.quotes):
        if qi in owned or quotes.chain_start(qi) != qi:
            continue
        para_start = text.rfind("\n", 0, q.start) + 1
        if text[para_start:q.start].strip():
            continue  # the quote does not open its paragraph
        chain = quotes.chain(qi)
        if any(qj in owned for qj in chain):
            continue
        inner = text[q.inner_start:q.inner_end]
        if not is_speech_quote(text, quotes, qi, short_sentence=False) or (
                inner.isupper() and len(chain) == 1):
            continue  # a label ("Related:") or an upper-case subheading, not speech; a short
            # quoted sentence with no cue ("“Yes.”") is as often a title or a slogan
        end = quotes.quotes[chain[-1]].end
        para_end = text.find("\n", end)
        para_end = len(text) if para_end < 0 else para_end
        if _WORD.search(text[end:para_end]):
            continue  # words after the quote: not a paragraph of pure quotation
        out.append((para_start, end, chain))
    return out


def _previous_paragraph(text: str, para_start: int) -> tuple[int, int] | None:
    """The paragraph right before the one starting at ``para_start`` (blank lines skipped)."""
    end = para_start - 1
    while end > 0 and text[end - 1] in " \t\r\n":
        end -= 1
    if end <= 0:
        return None
    start = text.rfind("\n", 0, end) + 1
    return start, end


def _introduced_person(doc: Doc, start: int, end: int, quotes: QuoteIndex) -> int | None:
    """The person a paragraph introduces: a PERSON name heading the subject of its first
    sentence, outside quotation marks ("Maria Lopez, a nurse, has worked there since 2004.")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    for ent in span.ents:
        if ent.label_ != "PERSON" or quotes.at(ent.start_char) is not None:
            continue
        root = ent.root
        if root.dep_ in ("nsubj", "nsubjpass"):
            return root.i
        break  # the first person is not the subject: the paragraph is about something else
    return None


def _continue_quotes(doc: Doc, text: str, found: list[Found], quotes: QuoteIndex,
                     mode: str) -> list[Found]:
    """Floating quotes: a paragraph that is one quotation with no cue of its own, right after
    a statement by X (or after a run of such paragraphs, or after a paragraph introducing X),
    is X's. ``mode`` "separate": each becomes a statement of its own (frame and kind
    ``floating``, no cue words); "merge": it is added to X's statement as a further piece."""
    floating = _floating_paragraphs(text, found, quotes)
    if not floating:
        return []
    ends = sorted(((max(f.cue.end, f.content.spans[-1][1]), k) for k, f in enumerate(found)))
    added: list[Found] = []
    prev_float: tuple[int, Found] | None = None  # (end, relation) of the last floating quote
    for para_start, q_end, chain in floating:
        prev = _previous_paragraph(text, para_start)
        if prev is None:
            continue
        owner: Found | None = None
        if prev_float is not None and prev[0] <= prev_float[0] <= prev[1] + 1:
            owner = prev_float[1]  # a run of quoted paragraphs
        else:
            in_prev = [found[k] for e, k in ends if prev[0] <= e <= prev[1] + 1]
            if in_prev:
                last = in_prev[-1]
                if not last.content.quotes and last.content.kind == "indirect" and mode == "merge":
                    continue
                if last.source is None and last.mention is None:
                    continue
                owner = last
            elif not any(prev[0] <= e <= prev[1] + 1 for e, _ in ends):
                person = _introduced_person(doc, prev[0], prev[1], quotes)
                if person is not None:
                    tok = doc[person]
                    owner = Found(CueCandidate(tok.i, tok.idx, tok.idx, "", "NONE"),
                                  Content([], "intro"), person, 1.0)
        if owner is None:
            continue
        pieces = [(quotes.quotes[qj].start, quotes.quotes[qj].end) for qj in chain]
        if mode == "merge" and owner.content.frame != "intro":
            owner.content.spans.extend(pieces)
            owner.content.quotes.extend(chain)
            prev_float = (q_end, owner)
            continue
        first = doc.char_span(pieces[0][0], pieces[0][1], alignment_mode="expand")
        if first is None:
            continue
        cue = CueCandidate(first[0].i, pieces[0][0], pieces[0][0], "", "NONE")
        rel = Found(cue, Content(pieces, "floating", "floating", list(chain)), owner.source,
                    1.0, owner.mention)
        added.append(rel)
        prev_float = (q_end, rel)
    return added


@Language.factory(
    "actorgraph_attribution",
    requires=["token.dep", "token.tag", "doc.ents"],
    assigns=["doc._.relations", "doc._.entities"],
    default_config={
        "cues": {"@misc": "actorgraph.cues.v1", "path": None},
        "roles": {"@misc": "actorgraph.roles.v1", "path": None},
        "min_score": 0.35,
        "continue_quotes": True,
        "floating": "separate",
        "noun_cues": True,
        "min_free_score": 0.43,
        "min_accept": None,
    },
)
def make_attribution(nlp: Language, name: str, cues: CueLexicon, roles: RoleLexicon,
                     min_score: float, continue_quotes: bool, floating: str = "separate",
                     noun_cues: bool = True, min_free_score: float = 0.43,
                     min_accept: float | None = None) -> AttributionComponent:
    return AttributionComponent(name, cues, roles, min_score, continue_quotes, floating,
                                noun_cues, min_free_score, min_accept)
