"""After extraction: corpus-wide actor ids, actors.jsonl, and the graph exports.

``finalize_run(out_dir)`` works on a run's output folder:

1. streams relations.jsonl and entities.jsonl once to collect every actor name (and the
   "Long Name (ABBR)" pairs its articles define), and merges them into actors
   (pipeline/actors/identity.py), applying the user's aliases file when given; names seen only in
   headlines and captions become actors only when the body confirms them (pipeline/zones.py);
2. rewrites entities.jsonl and relations.jsonl, adding ``actor_id`` and ``actor`` (the actor's
   display name) to every speaker, target and actor entity, and counts them (pipeline/counts.py:
   body records only unless ``count_headlines``); each file is written to a
   temporary file and renamed over the old one, so an interruption never leaves half a file;
3. writes actors.jsonl (one actor a line, sorted by id), then builds the graph from the
   rewritten relations as they stream past and writes actors.graphml and actors.gexf.

When the folder already has an actors.jsonl (an append, or a finalize run again), the ids it
published are kept (pipeline/stable_ids.py): the actors computed now take the earlier ids, and
ids of actors that new evidence merged stay in actors.jsonl as ``{"id", "merged_into"}``.

Memory holds the actors and edges, never the documents. The original ``name`` fields are
never changed, so running it twice gives byte-identical files (a resumed run may re-run it).
It does not extract anything and does not decide what a duplicate article is.
"""

from __future__ import annotations

import contextlib
import gc
import json
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..counts import ActorCounts, set_node_counts, top_actors
from ..export import atomic_write, write_gexf, write_graphml
from ..export.attrs import prepare
from ..graph import add_affiliation_edges, build_graph
from ..actors import ACTOR_LABELS, is_actor_record, normalize
from ..actors.names import given_name_gender
from ..actors.identity import Actor, ActorIndex, ActorTable, read_aliases
from .. import stages
from ..records import DEFAULT_CUE_CLASSES, Entity, Relation
from ..stable_ids import Assignment, assign_ids
from ..zones import BodyConfirmation, in_body
from .folder import (ACTORS, ENTITIES, GEXF, GRAPHML, RELATIONS, RelationTally, loads_line,
                     read_jsonl)
from .workers import json_line

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
    # relations.jsonl and the actors as the summary counts them (folder.summarize)
    relation_tally: RelationTally = field(default_factory=RelationTally)
    actor_list: list[Actor] = field(default_factory=list, repr=False)


def finalize_run(out_dir: str | Path, *, aliases: str | Path | None = None,
                 affiliations: bool = False, top: int = 10,
                 count_headlines: bool = False,
                 cue_classes: tuple[str, ...] | None = DEFAULT_CUE_CLASSES) -> FinalizeSummary:
    """Give every actor in a run's output one id; write actors.jsonl, actors.graphml, actors.gexf.

    ``aliases``: a file of pins and forbids (see ``identity.read_aliases``). ``affiliations``:
    also add person -> organisation/country edges to the graph. ``count_headlines``: count
    relations and mentions from headlines and captions too (graph weights, counts, top lists).
    ``cue_classes``: the cue classes the graph and the statement counts take (default speech;
    None: all).
    """
    with _cyclic_gc_paused():
        return _finalize_run(Path(out_dir), aliases, affiliations, top, count_headlines,
                             cue_classes)


@contextlib.contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Finalize builds hundreds of thousands of long-lived objects (names, counters, the graph)
    and frees almost nothing in cycles: the cyclic garbage collector, triggered by all those
    allocations, would scan them again and again for nothing (a tenth of finalize's time).
    Reference counting still frees what is dropped; collection resumes afterwards."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _finalize_run(out: Path, aliases: str | Path | None, affiliations: bool, top: int,
                  count_headlines: bool,
                  cue_classes: tuple[str, ...] | None) -> FinalizeSummary:
    rel_path, ent_path = out / RELATIONS, out / ENTITIES
    errors: list[str] = []

    index = ActorIndex()
    confirm = BodyConfirmation()
    for rel in _records(rel_path, errors):
        _observe_relation(index, rel, confirm)
    _observe_entities(index, _records(ent_path, errors), confirm)
    _observe_confirmed(index, confirm)
    rules = read_aliases(aliases) if aliases else None
    table = index.resolve(rules)
    errors.extend(table.errors)
    table, redirects = _keep_published_ids(table, list(_records(out / ACTORS, errors)))

    counts = ActorCounts(count_headlines=count_headlines, cue_classes=cue_classes)
    genders = GenderVotes({actor_id: actor.name for actor_id, actor in table.actors.items()})
    if ent_path.exists():
        _rewrite(ent_path, lambda rec: _annotate_entity(rec, table, counts, genders))
    graph = None
    tally = RelationTally()
    if rel_path.exists():
        with atomic_write(rel_path) as fh:
            graph = build_graph(_rewrite_stream(rel_path, fh, table, counts, tally),
                                table.actors, count_headlines=count_headlines,
                                cue_classes=cue_classes)
    else:
        graph = build_graph([], table.actors, cue_classes=cue_classes)
    counts.apply(table.actors)
    set_node_counts(graph, table.actors)
    genders.to_graph(graph)

    lines = {r["id"]: r for r in redirects}
    lines.update((actor_id, genders.with_gender(actor_id, actor.to_dict()))
                 for actor_id, actor in table.actors.items())
    with atomic_write(out / ACTORS) as fh:
        for actor_id in sorted(lines):
            fh.write(json_line(lines[actor_id]))
    added = add_affiliation_edges(graph, table.actors) if affiliations else 0
    with stages.stage("graph files"):
        prepared = prepare(graph)  # the attributes converted once for both formats
        write_graphml(prepared, out / GRAPHML)
        write_gexf(prepared, out / GEXF)

    for err in errors:
        log.warning(err)
    return FinalizeSummary(
        actors=len(table.actors), nodes=graph.number_of_nodes(), edges=graph.number_of_edges(),
        top_speakers=top_actors(table.actors.values(), "statements", top),
        top_targets=top_actors(table.actors.values(), "targeted", top),
        affiliation_edges=added, errors=errors, relation_tally=tally,
        actor_list=list(table.actors.values()),
    )


def identify_actors(
    relations: Iterable[Relation | dict], entities: Iterable[Entity | dict] = (), *,
    aliases: str | Path | None = None, count_headlines: bool = False,
    cue_classes: tuple[str, ...] | None = DEFAULT_CUE_CLASSES,
) -> tuple[list[Relation], list[Entity], dict[str, Actor]]:
    """In memory, what ``finalize_run`` does to a run's files: one actor id per real actor.

    Returns copies of the relations and entities with ``actor_id``/``actor`` filled, and the
    actors by id (the records of actors.jsonl). For corpora that fit in memory; the batch job
    streams instead. ``count_headlines``: as in ``finalize_run``, for the actors' counts.

    >>> rels, ents, actors = identify_actors([])
    >>> actors
    {}
    """
    # Convert at the boundary, once: each record becomes a fresh dict (the caller's objects
    # are never changed), is annotated, and comes back as a record.
    rels = [(Relation.from_dict(r) if isinstance(r, dict) else r).to_dict() for r in relations]
    ents = [(Entity.from_dict(e) if isinstance(e, dict) else e).to_dict() for e in entities]
    index = ActorIndex()
    confirm = BodyConfirmation()
    for rel in rels:
        _observe_relation(index, rel, confirm)
    _observe_entities(index, iter(ents), confirm)
    _observe_confirmed(index, confirm)
    table = index.resolve(read_aliases(aliases) if aliases else None)
    counts = ActorCounts(count_headlines=count_headlines, cue_classes=cue_classes)
    ents = [_annotate_entity(e, table, counts) for e in ents]
    rels = [_annotate_relation(r, table, counts) for r in rels]
    counts.apply(table.actors)
    return ([Relation.from_dict(r) for r in rels], [Entity.from_dict(e) for e in ents],
            dict(sorted(table.actors.items())))


class _PublishedIds:
    """An ``ActorTable`` seen through the ids the folder published before."""

    def __init__(self, table: ActorTable, ids: Assignment, actors: dict[str, Actor]) -> None:
        self._table, self._ids = table, ids
        self.actors = actors
        self.errors = table.errors

    def id_of(self, key: str, doc_id: Any = None) -> str:
        return self._ids(self._table.id_of(key, doc_id))


def _keep_published_ids(table: ActorTable, previous: list[dict]) -> tuple[Any, list[dict]]:
    """Rename the actors computed now to the ids ``previous`` (actors.jsonl) published."""
    if not previous:
        return table, []
    ids = assign_ids({aid: actor.keys for aid, actor in table.actors.items()}, previous)
    if all(k == v for k, v in ids.ids.items()):
        return table, ids.redirects
    actors: dict[str, Actor] = {}
    for fresh, actor in table.actors.items():
        actor.id = ids(fresh)
        if actor.affiliation_id:
            actor.affiliation_id = ids(actor.affiliation_id)
        for aff in actor.affiliations:
            aff["id"] = ids(aff["id"])
        actors[actor.id] = actor
    return _PublishedIds(table, ids, actors), ids.redirects


# --------------------------------------------------------------------------------------------
# pass 1: collect names
# --------------------------------------------------------------------------------------------


def _records(path: Path, errors: list[str]) -> Iterator[dict]:
    """The JSON records of a JSONL file; a bad line is reported and skipped."""
    def bad(no: int, why: str) -> None:
        errors.append(f"{path}:{no}: {why}; kept as is, not counted")

    return read_jsonl(path, bad)


def _observe(index: ActorIndex, confirm: BodyConfirmation, body: bool, name: str, label: str,
             surface: str | None = None, role: str | None = None,
             affiliation: str | None = None, doc_id: Any = None) -> None:
    """Observe a body name now; hold a headline/caption name until the body confirms it (a
    held name is observed later without its article: it adds no same-article evidence)."""
    if body:
        confirm.body(index.observe(name, label, surface=surface, role=role,
                                   affiliation=affiliation, doc_id=doc_id))
    else:
        confirm.hold(normalize(name, label).key, (name, label, surface, role, affiliation))


def _observe_confirmed(index: ActorIndex, confirm: BodyConfirmation) -> None:
    """Observe the headline and caption names that the body confirmed."""
    for (name, label, surface, role, affiliation), n in confirm.confirmed_observations():
        for _ in range(n):
            index.observe(name, label, surface=surface, role=role, affiliation=affiliation)


def _observe_relation(index: ActorIndex, rel: dict, confirm: BodyConfirmation) -> None:
    body = in_body(rel)
    doc_id = rel.get("doc_id")
    sp = rel.get("speaker") or {}
    if _is_actor(sp) and sp.get("resolved", True):
        _observe(index, confirm, body, sp["name"], sp["label"], surface=sp.get("mention"),
                 doc_id=doc_id)
    for t in rel.get("about") or []:
        if _is_actor(t):
            _observe(index, confirm, body, t["name"], t["label"], surface=t.get("mention"),
                     doc_id=doc_id)


def _observe_entities(index: ActorIndex, entities: Iterator[dict],
                      confirm: BodyConfirmation) -> None:
    prev: dict | None = None
    for ent in entities:
        if not _is_actor(ent):
            prev = None
            continue
        _observe(index, confirm, in_body(ent), ent["name"], ent["label"],
                 surface=ent.get("text"), role=ent.get("role"),
                 affiliation=ent.get("affiliation"), doc_id=ent.get("doc_id"))
        # "Syrian Democratic Forces (SDF)": an entity right after another, inside parentheses
        if prev is not None and prev.get("doc_id") == ent.get("doc_id") \
                and isinstance(prev.get("end"), int) and isinstance(ent.get("start"), int) \
                and 1 <= ent["start"] - prev["end"] <= 2:
            index.learn_abbreviation(prev["name"], prev["label"], ent.get("text") or ent["name"])
        prev = ent


_is_actor = is_actor_record


# --------------------------------------------------------------------------------------------
# pass 2: rewrite with actor ids, count
# --------------------------------------------------------------------------------------------


def _assign(rec: dict, table: ActorTable, *, is_actor: bool, doc_id: Any = None) -> str | None:
    """Give a speaker, target or entity record its actor id (as its article reads the name)."""
    actor_id = table.id_of(normalize(rec["name"], rec["label"]).key, doc_id) if is_actor else None
    actor = table.actors.get(actor_id) if actor_id else None
    if actor is None:  # not an actor, or a headline name the body never confirmed
        rec["actor_id"] = None
        rec["actor"] = None
        return None
    rec["actor_id"] = actor_id
    rec["actor"] = actor.name
    return actor_id


def _annotate_entity(ent: dict, table: ActorTable, counts: ActorCounts,
                     genders: GenderVotes | None = None) -> dict:
    actor_id = _assign(ent, table, is_actor=_is_actor(ent), doc_id=ent.get("doc_id"))
    counts.add_mention(ent, actor_id)
    if actor_id and genders is not None and ent.get("gender"):
        genders.vote(actor_id, ent.get("doc_id"), ent["gender"], ent.get("gender_evidence") or [])
    return ent


class GenderVotes:
    """A person's gender over the corpus, from each article's evidence (``Entity.gender``:
    an honorific before the name, a he/she that can only mean them; never the name itself).
    One vote per article; the gender is known when all votes agree, else None with the
    evidence of both shown. A single resolved pronoun (one "he" or "she", no honorific) that
    contradicts a given name the census finds almost only among the other sex ("Ivanka", a
    "he") is conflicting evidence too: None, the pronoun shown. The name alone never gives a
    gender. ``names``: actor id -> display name, for that check."""

    def __init__(self, names: dict[str, str] | None = None) -> None:
        self.by_actor: dict[str, dict[str, dict[str, int]]] = {}  # actor -> gender -> evidence
        self._last_doc: dict[str, Any] = {}
        self.names = names or {}

    def vote(self, actor_id: str, doc_id: Any, gender: str, evidence: list[str]) -> None:
        if self._last_doc.get(actor_id, _NO_DOC) == doc_id:
            return  # one vote per article
        self._last_doc[actor_id] = doc_id
        ev = self.by_actor.setdefault(actor_id, {}).setdefault(gender, {})
        for word in evidence or ["?"]:
            ev[word] = ev.get(word, 0) + 1

    def of(self, actor_id: str) -> tuple[str | None, dict[str, dict[str, int]] | None]:
        by = self.by_actor.get(actor_id)
        if not by:
            return None, None
        gender = next(iter(by)) if len(by) == 1 else None
        if gender is not None and self._one_pronoun_against_the_name(actor_id, by[gender]):
            gender = None
        return gender, {g: dict(sorted(ev.items())) for g, ev in sorted(by.items())}

    def _one_pronoun_against_the_name(self, actor_id: str, evidence: dict[str, int]) -> bool:
        if sum(evidence.values()) != 1 or not set(evidence) <= {"he", "she"}:
            return False
        words = self.names.get(actor_id, "").split(" ")
        named = given_name_gender(words[0]) if len(words) >= 2 else None
        pronoun = "m" if "he" in evidence else "f"
        return named is not None and named != pronoun

    def with_gender(self, actor_id: str, rec: dict) -> dict:
        """An actors.jsonl record with ``gender`` and ``gender_evidence`` (persons only)."""
        if rec.get("type") == "person" or actor_id.startswith("person:"):
            rec["gender"], rec["gender_evidence"] = self.of(actor_id)
        return rec

    def to_graph(self, graph: Any) -> None:
        for actor_id in self.by_actor:
            gender = self.of(actor_id)[0]
            if gender and actor_id in graph:
                graph.nodes[actor_id]["gender"] = gender


_NO_DOC = object()


def _annotate_relation(rel: dict, table: ActorTable, counts: ActorCounts) -> dict:
    sp = rel.get("speaker")
    speaker_id = None
    if isinstance(sp, dict):
        speaker_id = _assign(sp, table, is_actor=_is_actor(sp) and sp.get("resolved", True),
                             doc_id=rel.get("doc_id"))
    targets = [_assign(t, table, is_actor=_is_actor(t), doc_id=rel.get("doc_id"))
               for t in rel.get("about") or [] if isinstance(t, dict)]
    counts.add_relation(rel, speaker_id, targets)
    return rel


def _rewrite(path: Path, annotate) -> None:
    """Rewrite entities.jsonl line by line through ``annotate``, atomically. A line that
    annotation provably leaves as it is (``_unchanged_non_actor``: a date, a number ...) is
    copied without being decoded and encoded again (a quarter of PolNeAR's entity lines)."""
    with open(path, encoding="utf-8") as src, atomic_write(path) as dst:
        for line in src:
            if _unchanged_non_actor(line):
                dst.write(line)
            else:
                dst.write(_annotated_line(line, annotate, _ACTOR_FIELDS)[0])


def _rewrite_stream(path: Path, dst, table: ActorTable, counts: ActorCounts,
                    tally: RelationTally) -> Iterator[dict]:
    """Rewrite relations.jsonl into ``dst`` and yield each annotated relation for the graph;
    ``tally`` counts the file's records and bad lines as they pass."""
    with open(path, encoding="utf-8") as src:
        for line in src:
            text, rec = _annotated_line(line, lambda r: _annotate_relation(r, table, counts))
            dst.write(text)
            if rec is not None:
                tally.add(rec)
                yield rec
            elif line.strip():
                tally.bad_lines += 1


_ACTOR_FIELDS = ("actor_id", "actor")  # what _assign adds to an entity record, in this order


def _annotated_line(line: str, annotate,
                    appended: tuple[str, ...] = ()) -> tuple[str, dict | None]:
    """The line of ``annotate(record)``, and the record. ``appended``: the keys ``annotate``
    adds at the end of a record that lacks them, changing nothing else (an entity's actor
    fields): a line in the form the job writes (``json_line``: ", " and ": " separators, not
    ASCII-escaped) then keeps its text and gets them added, which is the text that encoding the
    whole record again gives; any other line is encoded again."""
    if not line.strip():
        return line, None
    try:
        rec = loads_line(line)
    except json.JSONDecodeError:
        return (line if line.endswith("\n") else line + "\n"), None  # kept as is (reported)
    if not isinstance(rec, dict):
        return (line if line.endswith("\n") else line + "\n"), None
    spliced = bool(appended) and bool(rec) and not any(k in rec for k in appended) \
        and _written_by_the_job(line)
    rec = annotate(rec)
    if spliced:
        return line[:-2] + "".join([f", {_encode_str(k)}: {_encode_value(rec[k])}"
                                    for k in appended]) + "}\n", rec
    return json_line(rec), rec


_NULL_ACTOR = ', "actor_id": null, "actor": null'
_LABEL_KEY = ', "label": "'


def _unchanged_non_actor(line: str) -> bool:
    """Whether ``_annotated_line`` would give an entity line back as it is, told from the text
    without decoding it: a line in the job's form (no ASCII escapes, ", " and ": "), with no
    nested object (one '{'), whose only '"label"' is a key with a string value that is not an
    actor label (so the record, whatever it holds, is no actor: ``is_actor_record``), and whose
    only '"actor_id"' and '"actor"' are keys right after a ", " with null values (so annotation
    sets them to what they are). A line that is not JSON is kept as it is too."""
    at = line.find(_LABEL_KEY)
    if at < 0:
        return False
    start = at + len(_LABEL_KEY)
    end = line.find('"', start)
    label = line[start:end]
    return end > 0 and label not in ACTOR_LABELS and "\\" not in label \
        and _NULL_ACTOR in line and line.count("{") == 1 and line.count('"label"') == 1 \
        and line.count('"actor_id"') == 1 and line.count('"actor"') == 1 \
        and _written_by_the_job(line)


def _encode_value(value: Any) -> str:
    """``value`` as ``json_line`` encodes it, directly for the values an actor field holds (a
    name, or None)."""
    if isinstance(value, str):
        return _encode_str(value)
    return "null" if value is None else json_line(value)[:-1]


_encode_str = json.encoder.encode_basestring  # what json_line writes for a str (not ASCII-escaped)


def _written_by_the_job(line: str) -> bool:
    """Whether an object's line looks as ``json_line`` writes it: no ASCII escapes, and every
    key followed by '": ' (a quote inside a string is escaped, so '":' there is a key's end)."""
    return line.startswith('{"') and line.endswith("}\n") and "\\u" not in line \
        and line.count('":') == line.count('": ')
