"""actorgraph: who said what about whom in news articles.

The Python API (the batch job is ``pipeline.run.runner.run_job``, the CLI ``actorgraph``)::

    import pipeline
    relations, entities = pipeline.extract(["Finance Minister Clara Voss said the plan would fail."])
    graph = pipeline.build_graph(relations)
    pipeline.write_graphml(graph, "actors.graphml")

Imports are light: spaCy and the model load on the first ``extract`` call.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .startup import apply_env as _apply_env

_apply_env()  # a worker of a run without a transformer: keep torch out (startup.py)

from .export import write_gexf, write_graphml, write_report  # noqa: E402
from .run.finalize import identify_actors  # noqa: E402
from .graph import build_graph  # noqa: E402
from .records import Article, Cue, DocumentInfo, Entity, InputError, Relation, Speaker, Target  # noqa: E402

__version__ = "0.1.0"
__all__ = [
    "Article", "Cue", "DocumentInfo", "Entity", "InputError", "Relation", "Speaker", "Target",
    "build_graph", "extract", "identify_actors", "to_rows", "write_gexf", "write_graphml",
    "write_report",
]


def extract(
    texts_or_paths: Iterable[str | Path] | str | Path,
    *,
    model: str | None = None,
    nlp: Any = None,
    aliases: str | Path | None = None,
    errors: list[InputError] | None = None,
) -> tuple[list[Relation], list[Entity]]:
    """Extract attribution relations and entity mentions from texts and/or input paths.

    A ``Path``, a URL, or a string naming an existing file or directory is read like the batch
    job reads it (every format, split into articles, cleaned, duplicates set aside), and so is
    a string shaped like a path (one line with a known suffix, ``samples/feeed.jsonl``, or a
    path separator and no spaces) that names nothing: that is a missing input, not an article.
    Any other string is the text of one article (doc_id ``text-1``, ``text-2``, ...). Offsets
    index that text, or the input file. Actors get corpus-wide ids as in a batch run
    (``aliases``: the same pins and forbids file). Bad input is appended to ``errors`` when
    given; without ``errors``, a missing path raises ``FileNotFoundError`` and other bad input
    is ignored.
    ``model``: a spaCy pipeline name or path (default: the small English model); ``nlp``: an
    already loaded pipeline from ``pipeline.nlp.load_nlp`` (load it once for many calls).

    Example (loads the model, so not a doctest)::

        rels, ents = extract(["Finance Minister Clara Voss said the plan would fail."])
        rels[0].speaker.name, rels[0].cue.lemma, rels[0].content
        # -> ('Clara Voss', 'say', 'the plan would fail')
    """
    from .ingest import Deduplicator, clean_article, read_articles
    from .nlp import load_nlp
    from .process import process_articles

    if isinstance(texts_or_paths, (str, Path)):
        texts_or_paths = [texts_or_paths]
    sink = errors if errors is not None else []
    dedup = Deduplicator()
    cleaned_articles = []
    for i, item in enumerate(texts_or_paths, start=1):
        if isinstance(item, Path) or _names_input(item):
            found: list[InputError] = []
            arts = list(read_articles([item], found.append))
            missing = [e for e in found if e.message == "no such file or directory"]
            if missing and errors is None:
                raise FileNotFoundError(f"{missing[0]} (a string shaped like a path is read as "
                                        "a path; pass errors=[] to collect such errors instead)")
            sink.extend(found)
        else:
            arts = [Article(doc_id=f"text-{i}", text=str(item))]
        for art in arts:
            cleaned = clean_article(art.text)
            if dedup.check(art, cleaned) is None:
                cleaned_articles.append((art, cleaned))
    nlp = nlp or load_nlp(model)
    relations: list[Relation] = []
    entities: list[Entity] = []
    for res in process_articles(nlp, cleaned_articles):
        if res.error:
            sink.append(res.error)
        relations.extend(res.relations)
        entities.extend(res.entities)
    relations, entities, _ = identify_actors(relations, entities, aliases=aliases)
    return relations, entities


def to_rows(records: Iterable[Relation | Entity]) -> list[dict[str, Any]]:
    """Flatten records for a table (pandas, CSV): nested fields become ``speaker_name`` etc.

    >>> to_rows([Entity("d1", "Oslo", "GPE", 0, 4, "Oslo")])[0]["name"]
    'Oslo'
    """
    rows = []
    for rec in records:
        row: dict[str, Any] = {}
        for key, value in rec.to_dict().items():
            if isinstance(value, dict):
                row.update({f"{key}_{k}": v for k, v in value.items()})
            elif key == "speaker":
                continue  # no source named: no speaker_* fields (empty cells in a table)
            elif key == "about":
                row["about"] = "; ".join(t.get("actor") or t["name"] for t in value)
                row["about_ids"] = "; ".join(t.get("actor_id") or "" for t in value)
            else:
                row[key] = value
        rows.append(row)
    return rows


def _names_input(item: str) -> bool:
    """True when a string is an input to read, not an article's text: "-", a URL, an existing
    path, or a string shaped like a path (one line, a known suffix or a path separator without
    spaces), so that a mistyped path is reported as missing, never read as an article."""
    from .ingest.readers import SUFFIXES, is_url

    if item == "-" or is_url(item):
        return True
    if "\n" in item or len(item) > 4096:
        return False
    try:
        if Path(item).exists():
            return True
    except (OSError, ValueError):  # too long for a file name, or a NUL: text
        return False
    if Path(item).suffix.lower() in SUFFIXES and len(item) <= 1024:
        return True
    return any(sep in item for sep in ("/", os.sep)) and not any(c.isspace() for c in item)
