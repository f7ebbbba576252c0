"""Relations -> a networkx actor graph: speakers point at the actors their statements are about.

``build_graph`` streams relations (``Relation`` records or their dicts, e.g. lines of
relations.jsonl) and keeps one small record per node and per edge, never the documents: the
number of distinct articles is counted with the fact that one article's relations are
contiguous in the stream (a node or edge counts an article when the doc id changes).

Nodes are actors, keyed by actor id (``person:qasim-al-araji``; computed with ``normalize`` when
the relations carry none). Node attributes: ``label`` (display name), ``type`` (person, country,
org, group, place), ``actor_id``, ``aliases``, ``roles`` (lists), ``affiliation``, and the
counts of pipeline/counts.py: ``statements`` (as speaker), ``targeted`` (statements about it),
``statement_articles`` (articles where it speaks), ``mentions`` (entity mentions) and
``articles`` (articles that mention it); the last two come from ``actors`` (0 without them), so
every node count means what it means in actors.jsonl. Relations from headlines and captions are left out of
nodes, edges and counts unless ``count_headlines``. Edge speaker -> target attributes:
``kind="statement"``, ``weight`` (statements),
``articles``, ``first_date``/``last_date`` (ISO; the statement's date, else its article's date;
absent when neither is known), ``cues`` (up to three most common cue lemmas), ``quote`` (one
sample, at most 300 characters) and ``quote_doc_id``, ``tone`` (mean statement tone in [-1, 1])
and ``tone_label``. ``add_affiliation_edges`` adds person -> organisation/country edges with
``kind="affiliation"``.

Only relations whose cue class is chosen count (``cue_classes``, default speech: "polls
show", "he thinks" are not statements). Unresolved speakers ("sources close to ...") are not
nodes (they stay in relations.jsonl).
Self-loops are skipped. Lists stay lists here: the exporters convert them (pipeline/export).
"""

from __future__ import annotations

import calendar
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date as Date
from typing import Any

import networkx as nx

from .actors import is_actor_record, normalize
from .counts import ActorCounts, actor_counts, counted
from .records import DEFAULT_CUE_CLASSES, Relation
from .tone import statement_tone, tone_label

QUOTE_CHARS = 300
TOP_CUES = 3
_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


@dataclass(slots=True)
class _Node:
    label: str
    type: str


@dataclass(slots=True)
class _Edge:
    weight: int = 0
    articles: int = 0
    last_doc: str | None = None
    first_date: str | None = None
    last_date: str | None = None
    cues: Counter = field(default_factory=Counter)
    quote: str | None = None
    quote_doc_id: str | None = None
    quote_direct: bool = False
    tone_sum: float = 0.0


def build_graph(relations: Iterable[Relation | dict], actors: Mapping[str, Any] | None = None, *,
                since: Date | str | None = None, until: Date | str | None = None,
                count_headlines: bool = False,
                cue_classes: Iterable[str] | None = DEFAULT_CUE_CLASSES) -> nx.DiGraph:
    """Aggregate relations into a directed actor graph (see the module docstring).

    ``actors`` (actor id -> ``identity.Actor`` or its dict) supplies names, types, aliases,
    roles, affiliations and entity ``mentions`` for the nodes. ``since``/``until`` (dates or ISO
    strings, both inclusive) keep only the statements dated inside the window (``in_window``).
    ``count_headlines``: relations found in headlines and captions count too (by default only
    body relations do). ``cue_classes``: the relations counted, by their cue's class (default
    speech only: "polls show" and "he thinks" are not statements); None counts every class.

    >>> g = build_graph([])
    >>> g.number_of_nodes()
    0
    """
    nodes: dict[str, _Node] = {}
    edges: dict[tuple[str, str], _Edge] = {}
    wanted = tuple(cue_classes) if cue_classes is not None else None
    counts = ActorCounts(count_headlines=count_headlines, cue_classes=wanted)
    window = (parse_day(since, "since") if since is not None else None,
              parse_day(until, "until") if until is not None else None)
    cut = window != (None, None)
    for rel in relations:
        if not isinstance(rel, dict):
            rel = rel.to_dict()
        if not counted(rel, count_headlines=count_headlines, cue_classes=wanted):
            continue
        if cut and not in_window(statement_date(rel), *window):
            continue
        sp = rel.get("speaker") or {}
        s_id = None
        if sp.get("resolved", True) and is_actor_record(sp):
            s_id, s_label, s_type = _actor_of(sp, speaker=True)
        counts.add_relation(rel, s_id, [_actor_of(t, speaker=False)[0]
                                        for t in rel.get("about") or []
                                        if is_actor_record(t)])
        if not s_id:
            continue
        doc_id = rel.get("doc_id")
        snode = nodes.get(s_id)
        if snode is None:
            snode = nodes[s_id] = _Node(s_label, s_type)
        tone = None
        date = statement_date(rel)
        seen: set[str] = set()
        for t in rel.get("about") or []:
            if not is_actor_record(t):
                continue
            t_id, t_label, t_type = _actor_of(t, speaker=False)
            if not t_id or t_id == s_id or t_id in seen:
                continue
            seen.add(t_id)
            tnode = nodes.get(t_id)
            if tnode is None:
                tnode = nodes[t_id] = _Node(t_label, t_type)
            edge = edges.get((s_id, t_id))
            if edge is None:
                edge = edges[(s_id, t_id)] = _Edge()
            edge.weight += 1
            if edge.last_doc != doc_id:
                edge.articles += 1
                edge.last_doc = doc_id
            if date:
                if edge.first_date is None or date < edge.first_date:
                    edge.first_date = date
                if edge.last_date is None or date > edge.last_date:
                    edge.last_date = date
            cue = rel.get("cue") or {}
            lemma = (cue.get("lemma") or cue.get("text") or "").lower()
            if lemma:
                edge.cues[lemma] += 1
            if tone is None:
                tone = statement_tone(cue.get("lemma"), rel.get("content") or "", cue.get("text"))
            edge.tone_sum += tone
            _offer_quote(edge, rel)
    return _to_graph(nodes, edges, actors or {}, counts)


def _actor_of(rec: dict, *, speaker: bool) -> tuple[str | None, str, str]:
    """(actor id, display name, type) of a speaker or target record."""
    name = rec.get("name") or ""
    label = rec.get("label") or ""
    actor_id = rec.get("actor_id")
    if actor_id:
        return actor_id, rec.get("actor") or name, actor_id.split(":", 1)[0]
    if not name.strip():
        return None, "", ""
    norm = normalize(name, label, metonym=speaker)
    return norm.key, norm.name, norm.kind


def _iso(value: Any) -> str | None:
    """An ISO date string (YYYY, YYYY-MM or YYYY-MM-DD) taken from the start of ``value``."""
    if not isinstance(value, str):
        return None
    m = _ISO.match(value.strip())
    if not m:
        return None
    return "-".join(p for p in m.groups() if p)


def statement_date(rel: Mapping[str, Any]) -> str | None:
    """A relation's date as ISO text (YYYY, YYYY-MM or YYYY-MM-DD): the statement's own date,
    else its article's date; None when neither is known."""
    return _iso(rel.get("date")) or _iso(rel.get("doc_date"))


def parse_day(value: Date | str, what: str = "date") -> Date:
    """A window bound: a ``date`` or an ISO ``YYYY-MM-DD`` string (ValueError otherwise)."""
    if isinstance(value, Date):
        return value
    try:
        return Date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValueError(f"--{what} {value!r} is not a date (YYYY-MM-DD)") from None


def in_window(date: str | None, since: Date | None, until: Date | None) -> bool:
    """True when the ISO date (or partial date) lies wholly inside [since, until] (inclusive).

    A month or a year counts as the days it spans, so "2024-11" is inside a window only when
    the whole month is; an undated statement is outside every window that has a bound.

    >>> in_window("2024-11-12", Date(2024, 11, 1), Date(2024, 11, 30))
    True
    >>> in_window("2024-11", Date(2024, 11, 5), None), in_window(None, None, Date(2025, 1, 1))
    (False, False)
    """
    if since is None and until is None:
        return True
    if date is None:
        return False
    parts = [int(p) for p in date.split("-")]
    try:
        if len(parts) == 3:
            first = last = Date(*parts)
        elif len(parts) == 2:
            first = Date(parts[0], parts[1], 1)
            last = Date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
        else:
            first, last = Date(parts[0], 1, 1), Date(parts[0], 12, 31)
    except ValueError:  # "2024-13-40": no real day
        return False
    return (since is None or first >= since) and (until is None or last <= until)


def _offer_quote(edge: _Edge, rel: dict) -> None:
    """Keep the first direct quote, else the first statement: deterministic, O(1) memory."""
    content = (rel.get("content") or "").strip()
    if not content:
        return
    direct = rel.get("kind") in ("direct", "mixed")
    if edge.quote is not None and (edge.quote_direct or not direct):
        return
    edge.quote = trim_quote(content)
    edge.quote_doc_id = rel.get("doc_id")
    edge.quote_direct = direct


def trim_quote(text: str, limit: int = QUOTE_CHARS) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit - 1)
    return text[: cut if cut > limit // 2 else limit - 1].rstrip(" ,;:") + "\u2026"


def _actor_field(actor: Any, name: str) -> Any:
    if actor is None:
        return None
    if isinstance(actor, Mapping):
        return actor.get(name)
    return getattr(actor, name, None)


def _to_graph(nodes: dict[str, _Node], edges: dict[tuple[str, str], _Edge],
              actors: Mapping[str, Any], counts: ActorCounts) -> nx.DiGraph:
    g = nx.DiGraph()
    for node_id in sorted(nodes):
        n = nodes[node_id]
        actor = actors.get(node_id)
        from_actor = actor_counts(actor) if actor is not None else {}
        g.add_node(node_id, **node_attributes(
            node_id, actor, n.label, n.type, counts.statements.get(node_id, 0),
            counts.targeted.get(node_id, 0), from_actor.get("articles", 0),
            mentions=from_actor.get("mentions", 0),
            statement_articles=counts.statement_articles.get(node_id, 0)))
    for (u, v) in sorted(edges):
        e = edges[(u, v)]
        tone = round(e.tone_sum / e.weight, 3) if e.weight else 0.0
        attrs: dict[str, Any] = {"kind": "statement", "weight": e.weight, "articles": e.articles}
        if e.first_date:
            attrs["first_date"] = e.first_date
            attrs["last_date"] = e.last_date
        attrs["cues"] = [c for c, _ in sorted(e.cues.items(), key=lambda x: (-x[1], x[0]))[:TOP_CUES]]
        if e.quote is not None:
            attrs["quote"] = e.quote
            attrs["quote_doc_id"] = e.quote_doc_id
        attrs["tone"] = tone
        attrs["tone_label"] = tone_label(tone)
        g.add_edge(u, v, **attrs)
    return g


def node_attributes(node_id: str, actor: Any, label: str, type_: str, statements: int = 0,
                    targeted: int = 0, articles: int = 0, *, mentions: int = 0,
                    statement_articles: int = 0) -> dict[str, Any]:
    attrs: dict[str, Any] = {
        "label": _actor_field(actor, "name") or label,
        "type": _actor_field(actor, "type") or type_,
        "actor_id": node_id,
        "aliases": list(_actor_field(actor, "aliases") or []),
        "roles": list(_actor_field(actor, "roles") or []),
        "statements": statements,
        "statement_articles": statement_articles,
        "targeted": targeted,
        "mentions": mentions,
        "articles": articles,
    }
    affiliation = _actor_field(actor, "affiliation")
    if affiliation:
        attrs["affiliation"] = affiliation
    return attrs


def add_affiliation_edges(graph: nx.DiGraph, actors: Mapping[str, Any]) -> int:
    """Add person -> organisation/country edges (``kind="affiliation"``, ``weight`` = mentions
    stating it) for the persons in ``graph``; return how many were added. When a statement edge
    already joins the two, it gets ``affiliated=True`` instead (a DiGraph has one edge a pair)."""
    added = 0
    for node_id in sorted(graph.nodes):
        actor = actors.get(node_id)
        for aff in _actor_field(actor, "affiliations") or []:
            target = aff["id"]
            if target == node_id:
                continue
            if graph.has_edge(node_id, target):
                graph.edges[node_id, target]["affiliated"] = True
                continue
            if target not in graph:
                graph.add_node(target, **node_attributes(
                    target, actors.get(target), aff.get("name") or target, target.split(":", 1)[0]))
            graph.add_edge(node_id, target, kind="affiliation", weight=int(aff.get("count") or 1))
            added += 1
    return added
