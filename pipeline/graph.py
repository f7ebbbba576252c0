"""Relations -> a networkx actor graph: speakers point at the actors their statements are about.

First version: nodes are resolved names; edge weight counts statements. Builds from any
iterable of ``Relation`` (or their dicts), so it streams over a relations.jsonl file.
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from .records import Relation


def build_graph(relations: Iterable[Relation | dict]) -> nx.DiGraph:
    """Aggregate relations into a directed actor graph.

    Nodes: actors (``label`` = display name, ``type`` = entity type, ``mentions``,
    ``statements``). Edges: speaker -> target with ``weight`` (statements) and a ``quote``.

    >>> g = build_graph([])
    >>> g.number_of_nodes()
    0
    """
    g = nx.DiGraph()
    for rel in relations:
        if isinstance(rel, dict):
            rel = Relation.from_dict(rel)
        sp = rel.speaker
        if not sp.resolved:
            continue
        s_id = sp.actor_id or sp.name
        _add_node(g, s_id, sp.name, sp.label)
        g.nodes[s_id]["statements"] += 1
        for t in rel.about:
            t_id = t.actor_id or t.name
            if t_id == s_id:
                continue
            _add_node(g, t_id, t.name, t.label)
            g.nodes[t_id]["mentions"] += 1
            if g.has_edge(s_id, t_id):
                g.edges[s_id, t_id]["weight"] += 1
            else:
                g.add_edge(s_id, t_id, weight=1, quote=rel.content[:300], doc_id=rel.doc_id)
    return g


def _add_node(g: nx.DiGraph, node_id: str, name: str, label: str) -> None:
    if node_id not in g:
        g.add_node(node_id, label=name, type=label, statements=0, mentions=0)
