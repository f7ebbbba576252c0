"""Run articles through cleaning and the spaCy pipeline and turn the Doc records into output records.

This is the per-article work that a batch job, a worker process or a Dask worker repeats:
clean -> nlp.pipe -> map offsets back to the original text -> Relation/Entity records.
It writes nothing and keeps nothing between articles.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc

from .actors import normalize
from .dates import resolve_date
from .ingest import Cleaned, clean_article
from .records import Article, Cue, Entity, InputError, Relation, Speaker, Target
from .actors.facts import facts_by_span


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
    ``max_length`` becomes an error result. If the pipeline raises on a chunk, the chunk is
    re-run one document at a time so that only the document that fails becomes an error (with
    the exception's one-line message) and the others keep their results.
    """
    chunk: list[tuple[Article, Cleaned]] = []
    for item in articles:
        if isinstance(item, tuple):
            chunk.append(item)
        else:
            chunk.append((item, clean_article(item.text)))
        if len(chunk) >= batch_size:
            yield from _process_chunk(nlp, chunk, batch_size)
            chunk = []
    if chunk:
        yield from _process_chunk(nlp, chunk, batch_size)


def _process_chunk(
    nlp: Language, chunk: list[tuple[Article, Cleaned]], batch_size: int
) -> Iterator[DocResult]:
    limit = nlp.max_length
    todo = [(a, c) for a, c in chunk if len(c.clean.text) <= limit]
    try:
        docs: list[Doc | Exception] = list(
            nlp.pipe((c.clean.text for _, c in todo), batch_size=batch_size))
    except Exception:  # one bad document: find it, keep the others
        docs = []
        for _, c in todo:
            try:
                docs.append(nlp(c.clean.text))
            except Exception as exc:  # noqa: BLE001 - recorded as that document's error
                docs.append(exc)
    results = iter(docs)
    for art, cleaned in chunk:
        if len(cleaned.clean.text) > limit:
            yield DocResult(art, error=InputError(
                art.path, art.line,
                f"document is {len(cleaned.clean.text)} characters, over the model's max_length "
                f"{limit}", art.doc_id))
            continue
        doc = next(results)
        if not isinstance(doc, Exception):
            try:
                yield to_result(doc, art, cleaned)
                continue
            except Exception as exc:  # noqa: BLE001 - recorded as that document's error
                doc = exc
        message = " ".join(f"{type(doc).__name__}: {doc}".split())[:300]
        yield DocResult(art, error=InputError(
            art.path, art.line, f"could not process this document: {message}", art.doc_id))


def to_result(doc: Doc, art: Article, cleaned: Cleaned) -> DocResult:
    """Map a processed Doc's plain records to output records with original offsets."""
    base = art.start
    ct = cleaned.clean
    original = art.text
    doc_date = art.date or cleaned.meta.get("date")
    publisher = art.source or cleaned.meta.get("source")

    def span(s: int, e: int) -> tuple[int, int, str]:
        os_, oe = ct.to_original(s, e)
        return base + os_, base + oe, original[os_:oe]

    facts = facts_by_span(doc)  # titles, affiliations, place phrases (pipeline/actors/facts.py)
    relations = []
    for rel in doc._.relations or []:
        sp = rel["speaker"]
        if sp is None:
            continue  # the text names no source ("it was reported that"): no edge to draw
        ss, se, smention = span(sp["start"], sp["end"])
        if sp.get("resolved"):
            norm = normalize(sp["name"], _label(sp, facts), metonym=True)
            speaker = Speaker(norm.name, norm.label, smention, ss, se, True)
        else:
            speaker = Speaker(smention, sp.get("label") or "UNKNOWN", smention, ss, se, False)
        cu = rel["cue"]
        cs, ce, ctext = span(cu["start"], cu["end"])
        pieces = [span(s, e) for s, e in rel["content_spans"]]
        about, seen = [], set()
        for t in rel.get("about", []):
            ts, te, tmention = span(t["start"], t["end"])
            fact = facts.get((t["start"], t["end"]))
            norm = normalize(t["name"], _label(t, facts),
                             metonym=fact is not None and not fact["locative"])
            if (norm.key in seen) or (speaker.resolved and norm.name == speaker.name):
                continue
            seen.add(norm.key)
            about.append(Target(norm.name, norm.label, tmention, ts, te))
        date = rel.get("date")
        relations.append(Relation(
            doc_id=art.doc_id,
            speaker=speaker,
            cue=Cue(ctext, cu["lemma"], cs, ce),
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
        ))
    entities = []
    for ent in doc._.entities or []:
        es, ee, etext = span(ent["start"], ent["end"])
        fact = facts.get((ent["start"], ent["end"])) or {}
        label = _label(ent, facts)
        norm = normalize(ent["name"], label, metonym=bool(fact) and not fact["locative"])
        entities.append(Entity(art.doc_id, etext, label, es, ee, norm.name,
                               role=fact.get("title"), affiliation=fact.get("affiliation")))
    n_words = sum(1 for t in doc if not t.is_space and not t.is_punct)
    return DocResult(art, relations, entities, None, n_words)


def _label(rec: dict, facts: dict[tuple[int, int], dict]) -> str:
    """The entity label of a name, corrected by the head noun after it ("al-Hol camp": FAC)."""
    fact = facts.get((rec["start"], rec["end"]))
    return (fact or {}).get("place") or rec["label"]
