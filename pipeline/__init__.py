"""actorgraph: who said what about whom in news articles.

Python API::

    import pipeline
    relations, entities = pipeline.extract(["Mr. Smith said the plan would fail."])
    graph = pipeline.build_graph(relations)
    pipeline.write_graphml(graph, "actors.graphml")
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .export import write_graphml
from .graph import build_graph
from .records import Article, Cue, Entity, InputError, Relation, Speaker, Target

__version__ = "0.1.0"
__all__ = [
    "Article", "Cue", "Entity", "InputError", "Relation", "Speaker", "Target",
    "build_graph", "extract", "write_graphml",
]


def extract(texts_or_paths: Iterable[str | Path] | str | Path, *, model: str | None = None,
            nlp=None) -> tuple[list[Relation], list[Entity]]:
    """Extract relations and entities from texts and/or paths.

    A ``Path``, or a string naming an existing file or directory, is read as input; any other
    string is taken as the text of one article.
    """
    from .process import process_articles
    from .ingest import read_articles
    from .nlp import load_nlp

    if isinstance(texts_or_paths, (str, Path)):
        texts_or_paths = [texts_or_paths]
    articles: list[Article] = []
    errors: list[InputError] = []
    for i, item in enumerate(texts_or_paths, start=1):
        if isinstance(item, Path) or ("\n" not in item and len(item) < 4096 and Path(item).exists()):
            articles.extend(read_articles([item], errors.append))
        else:
            articles.append(Article(doc_id=f"text-{i}", text=str(item)))
    nlp = nlp or load_nlp(model)
    relations: list[Relation] = []
    entities: list[Entity] = []
    for res in process_articles(nlp, articles):
        relations.extend(res.relations)
        entities.extend(res.entities)
    return relations, entities
