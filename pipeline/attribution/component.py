"""The spaCy component: runs the rule layer and stores plain records on the Doc.

Stages: quotes (quotes.py) -> cue candidates (cues.py) -> content and frame (content.py),
kept when the lexicon trusts the cue in that frame -> source (sources.py) -> resolution
(resolve.py) -> statement date (dates.py) -> targets. This module wires them; the rules live
in the stage modules.

Plain data (offsets into ``doc.text``), so ``nlp.pipe(n_process=2)`` and ``DocBin`` keep them:

``doc._.relations``: list of dicts::

    {"speaker": {"start", "end", "mention", "name", "label", "resolved"} | None,
     "cue": {"start", "end", "text", "lemma"},
     "content_spans": [[start, end], ...],                     # one span, or several for split quotes
     "kind": "direct" | "indirect" | "mixed" | "according_to",
     "frame": "quote" | "ccomp" | "paren" | "xcomp" | "dobj" | "prep" | "according" | "layout",
     "score": float,                                           # the lexicon's trust in cue + frame
     "about": [{"start", "end", "mention", "name", "label"}, ...],
     "date": {"start", "end", "text"} | None}                  # the date expression of the statement

``speaker`` is None when the text names no source ("it was reported that ..."); an unnamed
source ("sources close to the minister") has ``resolved`` False and its words as ``name``.

``doc._.entities``: list of ``{"start", "end", "text", "label", "name"}`` (name resolved within
the doc: "al-Jaafari" -> "Ibrahim al-Jaafari"). Context-free normalisation (demonym -> country)
and corpus-wide ids happen later (pipeline/actors/).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from .content import Content, according_content, inside_speech_quote, verb_content
from .punctuation import colon_attributions, dash_attributions, head_token
from .cues import CueCandidate, find_candidates
from .dates import dates_by_governor, statement_date
from .lexicon import CueLexicon, RoleLexicon
from .quotes import QuoteIndex, find_quotes
from .resolve import ACTOR_LABELS, DocNames, resolve_source
from .sources import according_source, mention_span, source_kind, verb_source

Doc.set_extension("relations", default=None, force=True)
Doc.set_extension("entities", default=None, force=True)

_WORD = re.compile(r"\w")
_log = logging.getLogger("actorgraph")


@dataclass(slots=True)
class Found:
    """One attribution while the stages run (token indices still at hand)."""

    cue: CueCandidate
    content: Content
    source: int | None  # head token index of the source mention
    score: float
    mention: tuple[int, int] | None = None  # the source's words when layout, not syntax, gave them


class AttributionComponent:
    """Finds attributions; see the module docstring for what it stores."""

    def __init__(self, name: str, cues: CueLexicon, roles: RoleLexicon,
                 min_score: float = 0.35, continue_quotes: bool = True) -> None:
        self.name = name
        self.cues = cues
        self.roles = roles
        self.min_score = min_score
        self.continue_quotes = continue_quotes
        self._verbs = cues.usable_verb_hashes(min_score)  # forms worth looking at

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
        text = doc.text
        ents = list(doc.ents)
        quotes = QuoteIndex(find_quotes(text))
        found = self.find(doc, text, quotes)
        names = DocNames(doc, ents, self.roles, lambda c: quotes.at(c) is not None)
        dates = dates_by_governor([e for e in ents if e.label_ == "DATE"])
        doc._.relations = [self.to_record(doc, text, f, names, dates) for f in found]
        entities = [{"start": m.start, "end": m.end, "text": m.text, "label": m.label,
                     "name": m.name} for m in names.mentions]
        entities += [{"start": e.start_char, "end": e.end_char, "text": e.text, "label": e.label_,
                      "name": e.text} for e in ents if e.label_ not in ACTOR_LABELS]
        entities.sort(key=lambda r: r["start"])
        doc._.entities = entities
        return doc

    # ------------------------------------------------------------------ stages
    def find(self, doc: Doc, text: str, quotes: QuoteIndex) -> list[Found]:
        """Cue -> content -> source for every candidate the lexicon trusts in its frame."""
        found: list[Found] = self.layout(doc, text, quotes)
        # transcript turns ("PENCE: ...") are direct speech: reports inside them are nested
        transcript = [f.content.spans[0] for f in found
                      if f.cue.lemma == ":" and text[f.mention[0]:f.mention[1]].isupper()]
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
            content = verb_content(doc, text, tok, quotes)
            if content is None:
                continue
            entry = self.cues.verb_forms[tok.lower_]
            score = entry.scores.get(content.frame, 0.0)
            if not score:
                continue
            src = verb_source(tok)
            score = self.cues.adjusted(score, content.frame, source_kind(src))
            if score < self.min_score:
                continue
            found.append(Found(cand, content, src.i if src is not None else None, score))
        found = _dedupe(found)
        if self.continue_quotes:
            _continue_quotes(text, found, quotes)
        return found

    def layout(self, doc: Doc, text: str, quotes: QuoteIndex) -> list[Found]:
        """Colon and dash attributions ("PENCE: ...", "“...” ― Name")."""
        out = []

        def names_actor(start: int, end: int) -> bool:
            span = doc.char_span(start, end, alignment_mode="expand")
            return span is not None and any(t.ent_type_ in ("PERSON", "ORG") for t in span)

        for la in (*colon_attributions(text, quotes, names_actor), *dash_attributions(text, quotes)):
            head = head_token(doc, *la.speaker)
            cue_tok = head_token(doc, *la.cue)
            if head is None or cue_tok is None:
                continue
            content = Content([la.content], "layout", "direct")
            cand = CueCandidate(cue_tok, la.cue[0], la.cue[1], la.lemma, "PUNCT")
            out.append(Found(cand, content, head, 1.0, la.speaker))
        return out

    def to_record(self, doc: Doc, text: str, f: Found, names: DocNames,
                  dates: dict[int, list[tuple[int, int, str]]]) -> dict:
        spans = f.content.spans
        speaker = None
        if f.source is not None:
            head = doc[f.source]
            named = names.at_token(head.i)
            ent = None
            if named is not None:
                ent = doc.char_span(named.start, named.end, alignment_mode="expand")
            line_start = text.rfind("\n", 0, head.idx) + 1
            s, e = f.mention or mention_span(head, ent, line_start)
            if head.tag_ in ("WP", "WDT") and head.head.dep_ == "relcl" and f.mention is None:
                # "Paul Ryan, who said": the mention runs from the name to the pronoun
                s = min(s, mention_span(head.head.head, None, line_start)[0])
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
                    "lemma": f.cue.lemma},
            "content_spans": [[s, e] for s, e in spans],
            "kind": kind,
            "frame": f.content.frame,
            "score": round(f.score, 3),
            "about": about,
            "date": statement_date(f.cue.i, spans, dates, f.cue.start),
        }


def _dedupe(found: list[Found]) -> list[Found]:
    """One attribution per content: the most trusted cue wins; a cue nested in another's
    content that reports most of the same words ("said she hoped that A") gives way to it."""
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
            if nested_dup:
                break
        if not nested_dup:
            out.append(f)
    return out


def _dice(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> float:
    inter = sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)
    size = sum(e - s for s, e in a) + sum(e - s for s, e in b)
    return 2 * inter / size if size else 0.0


def _continue_quotes(text: str, found: list[Found], quotes: QuoteIndex) -> None:
    """A paragraph that is one quotation and follows an attributed paragraph continues it."""
    if not found:
        return
    owned = set()
    for f in found:
        owned.update(f.content.quotes)
    for qi, q in enumerate(quotes.quotes):
        if qi in owned or quotes.chain_start(qi) != qi:
            continue
        para_start = text.rfind("\n", 0, q.start) + 1
        if text[para_start:q.start].strip():
            continue  # the quote does not open its paragraph
        chain = quotes.chain(qi)
        end = quotes.quotes[chain[-1]].end
        para_end = text.find("\n", end)
        para_end = len(text) if para_end < 0 else para_end
        if _WORD.search(text[end:para_end]):
            continue  # words after the quote: not a paragraph of pure quotation
        prev = [f for f in found if max(f.cue.end, f.content.spans[-1][1]) <= para_start]
        if not prev:
            continue
        last = prev[-1]
        last_end = max(last.cue.end, last.content.spans[-1][1])
        nl = text.find("\n", last_end)
        if nl < 0 or text[nl:para_start].strip():
            continue  # not the paragraph right before
        if not last.content.quotes and last.content.kind == "indirect":
            continue
        for qj in chain:
            last.content.spans.append((quotes.quotes[qj].start, quotes.quotes[qj].end))
            last.content.quotes.append(qj)
            owned.add(qj)


@Language.factory(
    "actorgraph_attribution",
    requires=["token.dep", "token.tag", "doc.ents"],
    assigns=["doc._.relations", "doc._.entities"],
    default_config={
        "cues": {"@misc": "actorgraph.cues.v1", "path": None},
        "roles": {"@misc": "actorgraph.roles.v1", "path": None},
        "min_score": 0.35,
        "continue_quotes": True,
    },
)
def make_attribution(nlp: Language, name: str, cues: CueLexicon, roles: RoleLexicon,
                     min_score: float, continue_quotes: bool) -> AttributionComponent:
    return AttributionComponent(name, cues, roles, min_score, continue_quotes)
