"""After extraction: corpus-wide actor ids, actors.jsonl, and the graph exports.

``finalize_run(out_dir)`` works on a run's output folder:

1. streams relations.jsonl and entities.jsonl once to collect every actor name (and the
   "Long Name (ABBR)" pairs its articles define), and merges them into actors
   (pipeline/actors/identity.py), applying the user's aliases file when given;
2. rewrites entities.jsonl and relations.jsonl, adding ``actor_id`` and ``actor`` (the actor's
   display name) to every speaker, target and actor entity; each file is written to a
   temporary file and renamed over the old one, so an interruption never leaves half a file;
3. writes actors.jsonl (one actor a line, sorted by id), then builds the graph from the
   rewritten relations as they stream past and writes actors.graphml and actors.gexf.

Memory holds the actors and edges, never the documents. The original ``name`` fields are
never changed, so running it twice gives byte-identical files (a resumed run may re-run it).
It does not extract anything and does not decide what a duplicate article is.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .export import atomic_write, write_gexf, write_graphml
from .graph import add_affiliation_edges, build_graph
from .actors import is_actor_record, normalize
from .actors.identity import Actor, ActorIndex, ActorTable, read_aliases
from .records import Entity, Relation

log = logging.getLogger(__name__)


@dataclass
class FinalizeSummary:
    actors: int
    nodes: int
    edges: int
    top_speakers: list[tuple[str, int]] = field(default_factory=list)
    top_targets: list[tuple[str, int]] = field(default_factory=list)
    affiliation_edges: int = 0
    errors: list[str] = field(default_factory=list)


def finalize_run(out_dir: str | Path, *, aliases: str | Path | None = None,
                 affiliations: bool = False, top: int = 10) -> FinalizeSummary:
    """Give every actor in a run's output one id; write actors.jsonl, actors.graphml, actors.gexf.

    ``aliases``: a file of pins and forbids (see ``identity.read_aliases``). ``affiliations``:
    also add person -> organisation/country edges to the graph.
    """
    out = Path(out_dir)
    rel_path, ent_path = out / "relations.jsonl", out / "entities.jsonl"
    errors: list[str] = []

    index = ActorIndex()
    for rel in _records(rel_path, errors):
        _observe_relation(index, rel)
    _observe_entities(index, _records(ent_path, errors))
    rules = read_aliases(aliases) if aliases else None
    table = index.resolve(rules)
    errors.extend(table.errors)

    counts = _Counts()
    if ent_path.exists():
        _rewrite(ent_path, lambda rec: _annotate_entity(rec, table, counts))
    graph = None
    if rel_path.exists():
        with atomic_write(rel_path) as fh:
            graph = build_graph(_rewrite_stream(rel_path, fh, table, counts), table.actors)
    else:
        graph = build_graph([], table.actors)
    counts.apply(table)

    with atomic_write(out / "actors.jsonl") as fh:
        for actor_id in sorted(table.actors):
            fh.write(json.dumps(table.actors[actor_id].to_dict(), ensure_ascii=False) + "\n")
    added = add_affiliation_edges(graph, table.actors) if affiliations else 0
    write_graphml(graph, out / "actors.graphml")
    write_gexf(graph, out / "actors.gexf")

    actors = table.actors.values()
    speakers = sorted((a for a in actors if a.statements), key=lambda a: (-a.statements, a.id))
    targets = sorted((a for a in actors if a.targeted), key=lambda a: (-a.targeted, a.id))
    for err in errors:
        log.warning(err)
    return FinalizeSummary(
        actors=len(table.actors), nodes=graph.number_of_nodes(), edges=graph.number_of_edges(),
        top_speakers=[(a.name, a.statements) for a in speakers[:top]],
        top_targets=[(a.name, a.targeted) for a in targets[:top]],
        affiliation_edges=added, errors=errors,
    )


def identify_actors(
    relations: Iterable[Relation | dict], entities: Iterable[Entity | dict] = (), *,
    aliases: str | Path | None = None,
) -> tuple[list[Relation], list[Entity], dict[str, Actor]]:
    """In memory, what ``finalize_run`` does to a run's files: one actor id per real actor.

    Returns copies of the relations and entities with ``actor_id``/``actor`` filled, and the
    actors by id (the records of actors.jsonl). For corpora that fit in memory; the batch job
    streams instead.

    >>> rels, ents, actors = identify_actors([])
    >>> actors
    {}
    """
    rels = [r if isinstance(r, dict) else r.to_dict() for r in relations]
    ents = [e if isinstance(e, dict) else e.to_dict() for e in entities]
    index = ActorIndex()
    for rel in rels:
        _observe_relation(index, rel)
    _observe_entities(index, iter(ents))
    table = index.resolve(read_aliases(aliases) if aliases else None)
    counts = _Counts()
    ents = [_annotate_entity(dict(e), table, counts) for e in ents]
    rels = [_annotate_relation(json.loads(json.dumps(r)), table, counts) for r in rels]
    counts.apply(table)
    return ([Relation.from_dict(r) for r in rels], [Entity.from_dict(e) for e in ents],
            dict(sorted(table.actors.items())))


# --------------------------------------------------------------------------------------------
# pass 1: collect names
# --------------------------------------------------------------------------------------------


def _records(path: Path, errors: list[str]) -> Iterator[dict]:
    """The JSON records of a JSONL file; a bad line is reported and skipped."""
    if not path.exists():
        return
    with open(path, encoding="utf-8") as fh:
        for no, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                errors.append(f"{path}:{no}: not valid JSON ({exc.msg}); kept as is, not counted")
                continue
            if isinstance(rec, dict):
                yield rec
            else:
                errors.append(f"{path}:{no}: not a JSON object; kept as is, not counted")


def _observe_relation(index: ActorIndex, rel: dict) -> None:
    sp = rel.get("speaker") or {}
    doc_id = rel.get("doc_id")
    if _is_actor(sp) and sp.get("resolved", True):
        index.observe(sp["name"], sp["label"], surface=sp.get("mention"), doc_id=doc_id)
    for t in rel.get("about") or []:
        if _is_actor(t):
            index.observe(t["name"], t["label"], surface=t.get("mention"), doc_id=doc_id)


def _observe_entities(index: ActorIndex, entities: Iterator[dict]) -> None:
    prev: dict | None = None
    for ent in entities:
        if not _is_actor(ent):
            prev = None
            continue
        index.observe(ent["name"], ent["label"], surface=ent.get("text"), role=ent.get("role"),
                      affiliation=ent.get("affiliation"), doc_id=ent.get("doc_id"))
        # "Syrian Democratic Forces (SDF)": an entity right after another, inside parentheses
        if prev is not None and prev.get("doc_id") == ent.get("doc_id") \
                and isinstance(prev.get("end"), int) and isinstance(ent.get("start"), int) \
                and 1 <= ent["start"] - prev["end"] <= 2:
            index.learn_abbreviation(prev["name"], prev["label"], ent.get("text") or ent["name"])
        prev = ent


def _is_actor(rec: dict) -> bool:
    return is_actor_record(rec)


# --------------------------------------------------------------------------------------------
# pass 2: rewrite with actor ids, count
# --------------------------------------------------------------------------------------------


class _Counts:
    """Per-actor counts; articles counted with the contiguity of a document's lines."""

    def __init__(self) -> None:
        self.statements: dict[str, int] = {}
        self.statement_articles: dict[str, int] = {}
        self.targeted: dict[str, int] = {}
        self.mentions: dict[str, int] = {}
        self.articles: dict[str, int] = {}
        self._last_mention: dict[str, Any] = {}
        self._last_statement: dict[str, Any] = {}

    def mention(self, actor_id: str, doc_id: Any) -> None:
        self.mentions[actor_id] = self.mentions.get(actor_id, 0) + 1
        if self._last_mention.get(actor_id, _NONE) != doc_id:
            self._last_mention[actor_id] = doc_id
            self.articles[actor_id] = self.articles.get(actor_id, 0) + 1

    def statement(self, actor_id: str, doc_id: Any) -> None:
        self.statements[actor_id] = self.statements.get(actor_id, 0) + 1
        if self._last_statement.get(actor_id, _NONE) != doc_id:
            self._last_statement[actor_id] = doc_id
            self.statement_articles[actor_id] = self.statement_articles.get(actor_id, 0) + 1

    def target(self, actor_id: str) -> None:
        self.targeted[actor_id] = self.targeted.get(actor_id, 0) + 1

    def apply(self, table: ActorTable) -> None:
        for actor_id, actor in table.actors.items():
            actor.statements = self.statements.get(actor_id, 0)
            actor.statement_articles = self.statement_articles.get(actor_id, 0)
            actor.targeted = self.targeted.get(actor_id, 0)
            actor.mentions = self.mentions.get(actor_id, 0)
            actor.articles = self.articles.get(actor_id, 0)


_NONE = object()


def _assign(rec: dict, table: ActorTable, *, is_actor: bool) -> str | None:
    if not is_actor:
        rec["actor_id"] = None
        rec["actor"] = None
        return None
    actor_id = table.id_of(normalize(rec["name"], rec["label"]).key)
    actor = table.actors.get(actor_id)
    rec["actor_id"] = actor_id
    rec["actor"] = actor.name if actor else rec["name"]
    return actor_id


def _annotate_entity(ent: dict, table: ActorTable, counts: _Counts) -> dict:
    actor_id = _assign(ent, table, is_actor=_is_actor(ent))
    if actor_id:
        counts.mention(actor_id, ent.get("doc_id"))
    return ent


def _annotate_relation(rel: dict, table: ActorTable, counts: _Counts) -> dict:
    sp = rel.get("speaker")
    doc_id = rel.get("doc_id")
    if isinstance(sp, dict):
        actor_id = _assign(sp, table, is_actor=_is_actor(sp) and sp.get("resolved", True))
        if actor_id:
            counts.statement(actor_id, doc_id)
    seen: set[str] = set()
    for t in rel.get("about") or []:
        if not isinstance(t, dict):
            continue
        actor_id = _assign(t, table, is_actor=_is_actor(t))
        if actor_id and actor_id not in seen:
            seen.add(actor_id)
            counts.target(actor_id)
    return rel


def _rewrite(path: Path, annotate) -> None:
    """Rewrite a JSONL file line by line through ``annotate``, atomically."""
    with open(path, encoding="utf-8") as src, atomic_write(path) as dst:
        for line in src:
            dst.write(_annotated_line(line, annotate)[0])


def _rewrite_stream(path: Path, dst, table: ActorTable, counts: _Counts) -> Iterator[dict]:
    """Rewrite relations.jsonl into ``dst`` and yield each annotated relation for the graph."""
    with open(path, encoding="utf-8") as src:
        for line in src:
            text, rec = _annotated_line(line, lambda r: _annotate_relation(r, table, counts))
            dst.write(text)
            if rec is not None:
                yield rec


def _annotated_line(line: str, annotate) -> tuple[str, dict | None]:
    if not line.strip():
        return line, None
    try:
        rec = json.loads(line)
    except json.JSONDecodeError:
        return (line if line.endswith("\n") else line + "\n"), None  # kept as is (reported)
    if not isinstance(rec, dict):
        return (line if line.endswith("\n") else line + "\n"), None
    rec = annotate(rec)
    return json.dumps(rec, ensure_ascii=False) + "\n", rec
