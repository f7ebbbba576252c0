"""Actor ids that stay put: every later state of a run folder keeps the ids it wrote before.

The actor merge (pipeline/identity.py) computes clusters of name keys from the whole folder
each time it is finalized, and names each cluster by a canonical key ("fresh id"). New articles
can change a cluster's canonical key ("Voss" becomes "Clara Voss" once her full name appears)
or join two clusters. ``assign_ids`` maps the fresh ids of the clusters computed now onto the
ids the folder's previous ``actors.jsonl`` published, with these promises:

- an id once written names the same actor in every later state: the cluster that inherited
  most of that actor's keys keeps the id, whatever its canonical key is now;
- when new evidence joins two (or more) earlier actors, one id survives (the cluster's fresh
  id when it is one of them, else the earlier actor with the most statements and mentions,
  then the smallest id) and each other id gets a redirect record
  ``{"id": old, "merged_into": survivor}`` in actors.jsonl; redirects are flattened, so one
  hop always reaches a live actor;
- an id is never given to another actor: a new cluster whose fresh id was used before gets
  ``<id>-2`` (``-3``, ...);
- an earlier actor whose keys are all gone (inputs can only grow, so this happens only when an
  aliases file changed) keeps a ``{"id": old, "retired": true}`` record, never reused.

Pure functions over plain data: it does not read files, compute clusters, or decide merges.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Assignment:
    """The outcome: the id of every cluster computed now, and the records of retired ids."""

    ids: dict[str, str]  # fresh id -> published (stable) id
    redirects: list[dict[str, Any]] = field(default_factory=list)  # sorted by id

    def __call__(self, fresh_id: str) -> str:
        return self.ids.get(fresh_id, fresh_id)


def is_redirect(record: Mapping[str, Any]) -> bool:
    """True for a line of actors.jsonl that names no live actor (merged or retired)."""
    return "merged_into" in record or bool(record.get("retired"))


def resolve_id(actor_id: str, records: Iterable[Mapping[str, Any]]) -> str | None:
    """Follow an id through actors.jsonl's redirects: the live actor it names now, else None."""
    by_id = {r["id"]: r for r in records if isinstance(r, Mapping) and "id" in r}
    seen: set[str] = set()
    while actor_id in by_id and actor_id not in seen:
        seen.add(actor_id)
        rec = by_id[actor_id]
        if rec.get("retired"):
            return None
        if "merged_into" not in rec:
            return actor_id
        actor_id = rec["merged_into"]
    return None


def assign_ids(clusters: Mapping[str, Iterable[str]],
               previous: Iterable[Mapping[str, Any]] = ()) -> Assignment:
    """Published ids for ``clusters`` (fresh id -> its name keys) given the previous
    actors.jsonl records (live actors carry ``keys``; redirects ``merged_into``).

    >>> assign_ids({"person:clara-voss": ["person:clara-voss", "person:voss"]},
    ...            [{"id": "person:voss", "keys": ["person:voss"]}]).ids
    {'person:clara-voss': 'person:voss'}
    """
    members = {fresh: set(keys) for fresh, keys in clusters.items()}
    cluster_of: dict[str, str] = {}
    for fresh in sorted(members):
        for key in members[fresh]:
            cluster_of.setdefault(key, fresh)

    live: dict[str, set[str]] = {}
    weight: dict[str, int] = {}
    old_redirects: dict[str, str | None] = {}  # id -> merged_into (None: retired)
    old_names: dict[str, str] = {}
    for rec in previous:
        if not isinstance(rec, Mapping) or not isinstance(rec.get("id"), str):
            continue
        rid = rec["id"]
        if rec.get("name"):
            old_names[rid] = rec["name"]
        if is_redirect(rec):
            old_redirects[rid] = None if rec.get("retired") else rec.get("merged_into")
            continue
        live[rid] = set(rec.get("keys") or [rid])
        counts = rec.get("counts") or {}
        weight[rid] = int(counts.get("statements") or 0) + int(counts.get("mentions") or 0)

    # each earlier actor's heir: the cluster holding most of its keys
    claims: dict[str, list[str]] = {}
    overlap: dict[str, int] = {}
    retired: list[str] = []
    for rid in sorted(live):
        tally: dict[str, int] = {}
        for key in live[rid]:
            owner = cluster_of.get(key)
            if owner is not None:
                tally[owner] = tally.get(owner, 0) + 1
        if not tally:
            retired.append(rid)
            continue
        heir = min(tally, key=lambda f: (-tally[f], f != rid, f))
        claims.setdefault(heir, []).append(rid)
        overlap[rid] = tally[heir]

    ids: dict[str, str] = {}
    merged: dict[str, str] = {}
    for fresh in sorted(claims):
        cands = claims[fresh]
        survivor = fresh if fresh in cands else min(
            cands, key=lambda r: (-weight.get(r, 0), -overlap[r], r))
        ids[fresh] = survivor
        for rid in cands:
            if rid != survivor:
                merged[rid] = survivor

    used = set(live) | set(old_redirects)
    taken = set(ids.values())
    waiting = [f for f in sorted(members) if f not in ids]
    for fresh in waiting:  # new actors keep their fresh id when nobody ever had it
        if fresh not in used and fresh not in taken:
            ids[fresh] = fresh
            taken.add(fresh)
    blocked = used | taken | set(members)
    for fresh in waiting:
        if fresh in ids:
            continue
        n = 2
        while f"{fresh}-{n}" in blocked:
            n += 1
        ids[fresh] = f"{fresh}-{n}"
        blocked.add(ids[fresh])

    def final(rid: str | None) -> str | None:
        seen: set[str] = set()
        while rid is not None and rid not in seen:
            seen.add(rid)
            if rid in merged:
                rid = merged[rid]
            elif rid in old_redirects:
                rid = old_redirects[rid]
            else:
                return rid if rid in taken else None
        return None

    records: list[dict[str, Any]] = []
    for rid in sorted(set(merged) | set(old_redirects) | set(retired)):
        target = final(rid)
        line: dict[str, Any] = {"id": rid}
        if rid in old_names:
            line["name"] = old_names[rid]
        if target is None:
            line["retired"] = True
        else:
            line["merged_into"] = target
        records.append(line)
    return Assignment(ids, records)
