"""Run articles through cleaning and the spaCy pipeline and turn the Doc records into output records.

This is the per-article work that a batch job, a worker process or a Dask worker repeats:
clean -> nlp.pipe -> map offsets back to the original text -> Relation/Entity records.
It writes nothing and keeps nothing between articles.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc

from .actors import normalize
from .dates import resolve_date
from .ingest import Cleaned, clean_article
from .records import Article, Cue, Entity, InputError, Relation, Speaker, Target
from .roles import facts_by_span


@dataclass(slots=True)
class DocResult:
    """What one article yields: its relations, entities, and any error."""

    article: Article
    relations: list[Relation] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    error: InputError | None = None
    n_words: int = 0


def process_articles(
    nlp: Language, articles: Iterable[Article], *, batch_size: int = 32
) -> Iterator[DocResult]:
    """Yield one ``DocResult`` per article, in input order."""
    pending: deque[tuple[Article, Cleaned]] = deque()

    def texts() -> Iterator[str]:
        for art in articles:
            cleaned = clean_article(art.text)
            if len(cleaned.clean.text) > nlp.max_length:
                pending.append((art, cleaned))
                yield ""  # placeholder keeps order; reported as an error below
                continue
            pending.append((art, cleaned))
            yield cleaned.clean.text

    for doc in nlp.pipe(texts(), batch_size=batch_size):
        art, cleaned = pending.popleft()
        if len(cleaned.clean.text) > nlp.max_length:
            yield DocResult(art, error=InputError(
                art.path, art.line,
                f"document is {len(cleaned.clean.text)} characters, over the model's max_length "
                f"{nlp.max_length}", art.doc_id))
            continue
        yield to_result(doc, art, cleaned)


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

    facts = facts_by_span(doc)  # titles, affiliations, place phrases (pipeline/roles.py)
    relations = []
    for rel in doc._.relations or []:
        sp = rel["speaker"]
        if sp is None:
            continue  # the text names no source ("it was reported that"): no edge to draw
        ss, se, smention = span(sp["start"], sp["end"])
        if sp.get("resolved"):
            norm = normalize(sp["name"], sp["label"], metonym=True)
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
            norm = normalize(t["name"], t["label"], metonym=fact is not None and not fact["locative"])
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
        norm = normalize(ent["name"], ent["label"], metonym=bool(fact) and not fact["locative"])
        entities.append(Entity(art.doc_id, etext, ent["label"], es, ee, norm.name,
                               role=fact.get("title"), affiliation=fact.get("affiliation")))
    n_words = sum(1 for t in doc if not t.is_space and not t.is_punct)
    return DocResult(art, relations, entities, None, n_words)
