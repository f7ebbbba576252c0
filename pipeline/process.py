"""Run articles through cleaning and the spaCy pipeline and turn the Doc records into output records.

This is the per-article work that a batch job, a worker process or a Dask worker repeats:
clean -> nlp.pipe -> map offsets back to the original text -> Relation/Entity records.
It writes nothing and keeps nothing between articles.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
import re
from dataclasses import dataclass, field

import numpy

from spacy.attrs import IS_PUNCT, IS_SPACE
from spacy.language import Language
from spacy.tokens import Doc

from . import stages
from .actors import name_fits, normalize
from .dates import resolve_date
from .ingest import BODY, Cleaned, clean_article, fill_meta
from .records import Article, Cue, Entity, InputError, Relation, Speaker, Target
from .actors.facts import facts_by_span
from .attribution.component import make_doc

# A document over the model's max_length is cut into pieces of at most this many characters
# (or max_length, if smaller): spaCy's parser and NER need about 1 GB of memory per 100,000
# characters of one Doc, so pieces of this size keep a long transcript within a worker's memory.
PIECE_CHARS = 100_000
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n")  # searched in the reversed window
_SENTENCE_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*\s+")


@dataclass(slots=True)
class DocResult:
    """What one article yields: its relations, entities, and any error."""

    article: Article
    relations: list[Relation] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    error: InputError | None = None
    n_words: int = 0


def process_articles(
    nlp: Language, articles: Iterable[Article | tuple[Article, Cleaned]], *, batch_size: int = 16
) -> Iterator[DocResult]:
    """Yield one ``DocResult`` per article, in input order; never raises for one bad document.

    An item may be an ``(article, cleaned)`` pair when the caller has cleaned the article
    already (the runner does, for the deduplicator), so no article is cleaned twice.

    Articles go through ``nlp.pipe`` in chunks of ``batch_size``. A document over the model's
    ``max_length`` is cut into pieces (``cut_text``: at paragraph, line or sentence breaks,
    at most ``PIECE_CHARS`` characters each) whose records join, with offsets into the whole
    document, in one result; coreference does not reach across a cut. Only a document with
    no break to cut at becomes an error result. If the pipeline raises on a chunk, the chunk is
    re-run one document at a time so that only the document that fails becomes an error (with
    the exception's one-line message) and the others keep their results.
    """
    chunk: list[tuple[Article, Cleaned]] = []
    for item in articles:
        if isinstance(item, tuple):
            chunk.append(item)
        else:
            cleaned = clean_article(item.text)
            chunk.append((fill_meta(item, cleaned), cleaned))
        if len(chunk) >= batch_size:
            yield from _process_chunk(nlp, chunk, batch_size)
            chunk = []
    if chunk:
        yield from _process_chunk(nlp, chunk, batch_size)


def _process_chunk(
    nlp: Language, chunk: list[tuple[Article, Cleaned]], batch_size: int
) -> Iterator[DocResult]:
    limit = nlp.max_length
    # One job per text given to the model: a whole article, or a piece of a long one.
    jobs: list[tuple[int, int, str]] = []  # (article's index in chunk, piece's start, text)
    uncut: dict[int, InputError] = {}
    cut: set[int] = set()  # articles processed in pieces
    for i, (art, cleaned) in enumerate(chunk):
        text = cleaned.clean.text
        if len(text) <= limit:
            jobs.append((i, 0, text))
            continue
        pieces = cut_text(text, min(limit, PIECE_CHARS))
        if isinstance(pieces, int):
            uncut[i] = InputError(
                art.path, art.line,
                f"document is {len(text)} characters, over the model's max_length {limit}, and "
                f"cannot be cut: no paragraph, line or sentence break within {min(limit, PIECE_CHARS)} "
                f"characters after character {pieces}", art.doc_id)
            continue
        jobs.extend((i, s, text[s:e]) for s, e in pieces)
        cut.add(i)
    # Whole articles go through nlp.pipe together; pieces of long ones one at a time, so the
    # parser holds one piece in memory, not a batch of them.
    whole = [text for i, _, text in jobs if i not in cut]
    docs_whole = iter(_pipe(nlp, whole, batch_size))
    docs_cut = iter(_pipe(nlp, [text for i, _, text in jobs if i in cut], 1))
    by_article: dict[int, list[tuple[int, Doc | Exception]]] = {}
    for i, offset, _ in jobs:
        by_article.setdefault(i, []).append((offset, next(docs_cut if i in cut else docs_whole)))
    for i, (art, cleaned) in enumerate(chunk):
        if i in uncut:
            yield DocResult(art, error=uncut[i])
            continue
        parts = by_article[i]
        result = DocResult(art)
        for offset, doc in parts:
            if not isinstance(doc, Exception):
                try:
                    with stages.stage("records"):
                        part = to_result(doc, art, cleaned, offset=offset)
                except Exception as exc:  # noqa: BLE001 - recorded as that document's error
                    doc = exc
                else:
                    result.relations.extend(part.relations)
                    result.entities.extend(part.entities)
                    result.n_words += part.n_words
                    continue
            if result.error is None:  # the first failure is the document's error
                message = " ".join(f"{type(doc).__name__}: {doc}".split())[:300]
                where = (f" (in the piece at character {offset} of {len(cleaned.clean.text)})"
                         if len(parts) > 1 else "")
                result.error = InputError(art.path, art.line,
                                          f"could not process this document{where}: {message}",
                                          art.doc_id)
        if result.error is not None and len(parts) == 1:
            result.relations, result.entities, result.n_words = [], [], 0
        yield result


def _pipe(nlp: Language, texts: list[str], batch_size: int) -> list[Doc | Exception]:
    """``nlp.pipe`` over ``texts``; if it raises, one text at a time, so that only the text
    that fails becomes an exception and the others keep their Docs."""
    if not texts:
        return []
    try:
        with stages.stage("pipe"):
            # Docs made as nlp.pipe would make them, keeping their text for the rule layer
            return list(nlp.pipe((make_doc(nlp, t) for t in texts), batch_size=batch_size))
    except Exception:  # one bad document: find it, keep the others
        docs: list[Doc | Exception] = []
        for text in texts:
            try:
                docs.append(nlp(make_doc(nlp, text)))
            except Exception as exc:  # noqa: BLE001 - recorded as that document's error
                docs.append(exc)
        return docs


def cut_text(text: str, size: int) -> list[tuple[int, int]] | int:
    r"""Cut ``text`` into consecutive pieces of at most ``size`` characters that together cover
    it, each ending at a paragraph break (a blank line), else a line break, else a sentence
    end, the latest one that fits. Returns the ``(start, end)`` pieces, or the start of the
    first stretch that has no such break within ``size`` characters (it cannot be cut).

    >>> cut_text("One. Two.\n\nThree four. Five.", 14)
    [(0, 11), (11, 23), (23, 28)]
    """
    pieces = []
    start = 0
    while len(text) - start > size:
        window = text[start:start + size]
        para = _PARAGRAPH_BREAK.search(window[::-1])
        line = window.rfind("\n")
        ends = [m.end() for m in _SENTENCE_END.finditer(window)]
        found = [size - para.start() if para else 0, line + 1, ends[-1] if ends else 0]
        # the strongest break in the window's second half, else the latest of any kind
        cut = next((c for c in found if c >= size // 2), max(found))
        if cut <= 0:
            return start
        pieces.append((start, start + cut))
        start += cut
    pieces.append((start, len(text)))
    return pieces


def to_result(doc: Doc, art: Article, cleaned: Cleaned, *, offset: int = 0) -> DocResult:
    """Map a processed Doc's plain records to output records with original offsets.

    ``offset``: where the Doc's text starts in the cleaned text (a piece of a long article).
    """
    base = art.start
    ct = cleaned.clean
    doc_date = art.date or cleaned.meta.get("date")
    publisher = art.source or cleaned.meta.get("source")

    to_original, text = ct.to_original, ct.text

    def span(s: int, e: int) -> tuple[int, int, str]:
        """Original offsets of a cleaned span (``offset`` shifts a piece's), and its readable
        (cleaned) text."""
        s += offset
        e += offset
        os_, oe = to_original(s, e)
        return base + os_, base + oe, text[s:e]

    facts = facts_by_span(doc)  # titles, affiliations, place phrases (pipeline/actors/facts.py)
    relations = []
    for rel in doc._.relations or []:
        sp = rel["speaker"]
        speaker: Speaker | None = None  # the text names no source ("it was reported that")
        if sp is not None:
            ss, se, smention = span(sp["start"], sp["end"])
            if sp.get("resolved") and name_fits(sp["name"]):
                fact = facts.get((sp["start"], sp["end"])) or _NO_FACT
                norm = normalize(_name(sp, fact), _label(sp, fact), metonym=True)
                speaker = Speaker(norm.name, norm.label, smention, ss, se, True)
            else:
                speaker = Speaker(smention, sp.get("label") or "UNKNOWN", smention, ss, se, False)
        cu = rel["cue"]
        cs, ce, ctext = span(cu["start"], cu["end"])
        pieces = [span(s, e) for s, e in rel["content_spans"]]
        about, seen = [], set()
        for t in rel.get("about", []):
            if not name_fits(t["name"]):
                continue  # too long to be a name: a tagging accident, not an actor
            ts, te, tmention = span(t["start"], t["end"])
            fact = facts.get((t["start"], t["end"])) or _NO_FACT
            norm = normalize(_name(t, fact), _label(t, fact),
                             metonym=bool(fact) and not fact["locative"])
            if (norm.key in seen) or (speaker is not None and speaker.resolved
                                      and norm.name == speaker.name):
                continue
            seen.add(norm.key)
            about.append(Target(norm.name, norm.label, tmention, ts, te))
        date = rel.get("date")
        relations.append(Relation(
            doc_id=art.doc_id,
            speaker=speaker,
            cue=Cue(ctext, cu["lemma"], cs, ce, cu.get("class", "speech")),
            content=" ".join(p[2] for p in pieces),
            content_start=pieces[0][0],
            content_end=pieces[-1][1],
            kind=rel["kind"],
            about=about,
            date=resolve_date(date["text"], doc_date) if date else None,
            date_text=date["text"] if date else None,
            doc_date=doc_date,
            source=publisher,
            content_spans=[[p[0], p[1]] for p in pieces],
            zone=cleaned.zone_at(cu["start"]),
            content_quoted=list(rel.get("content_quoted") or [False] * len(pieces)),
        ))
    entities = []
    # an article without headline or caption lines is all body (what zone_at answers there)
    zone_at = cleaned.zone_at if cleaned.zones else None
    doc_id = art.doc_id
    for ent in doc._.entities or []:
        name = ent["name"]
        if not name_fits(name):
            continue
        start, end = ent["start"], ent["end"]
        os_, oe = to_original(start + offset, end + offset)  # span(start, end), written out
        known = facts.get((start, end))
        if known is None:  # most mentions: no title, place head or cut organisation name
            label, role, affiliation = ent["label"], None, None
            norm = normalize(name, label)
        else:
            label = _label(ent, known)
            role, affiliation = known.get("title"), known.get("affiliation")
            norm = normalize(_name(ent, known), label, metonym=not known["locative"])
        # positional (faster than keywords): actor_id, actor, role, affiliation, zone, gender
        entities.append(Entity(doc_id, text[start + offset:end + offset], label, base + os_,
                               base + oe, norm.name, None, None, role, affiliation,
                               zone_at(start) if zone_at is not None else BODY,
                               ent.get("gender"), ent.get("gender_evidence")))
    # words: tokens neither space nor punctuation (token flags as an array, no Token objects)
    n_words = 0
    if len(doc):
        flags = doc.to_array([IS_SPACE, IS_PUNCT])
        n_words = len(doc) - int(numpy.count_nonzero(numpy.logical_or(flags[:, 0], flags[:, 1])))
    return DocResult(art, relations, entities, None, n_words)


_NO_FACT: dict = {}  # the fact of a mention the facts component said nothing about (read only)


def _label(rec: dict, fact: dict) -> str:
    """The entity label of a name, corrected by the head noun after it ("al-Hol camp": FAC).
    ``fact``: the mention's (``facts_by_span``), looked up once by the caller."""
    return "ORG" if fact.get("org") else fact.get("place") or rec["label"]


def _name(rec: dict, fact: dict) -> str:
    """The name of a mention, finished when the NER cut a known organisation's name short
    ("the Islamic| State"). ``fact``: as for ``_label``."""
    return fact.get("org") or rec["name"]
