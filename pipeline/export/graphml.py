"""GraphML for Gephi: str/int/float/bool attributes only, one type per key, written atomically.

Converts at the boundary: lists become ``; ``-joined strings, None is dropped, and attribute
names Gephi reserves for its own use (x, y, z, size, r, g, b) are renamed with a ``_`` suffix.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any

import networkx as nx

from .atomic import atomic_write

RESERVED = {"x", "y", "z", "size", "r", "g", "b", "label", "id"}


def gephi_safe(graph: nx.Graph) -> nx.Graph:
    """Return a copy whose attributes Gephi reads: scalars only, consistent types."""
    out = graph.__class__()
    for n, data in graph.nodes(data=True):
        out.add_node(str(n), **_clean(data, keep_label=True))
    for u, v, data in graph.edges(data=True):
        out.add_edge(str(u), str(v), **_clean(data, keep_label=False))
    return out


def _clean(data: dict[str, Any], *, keep_label: bool) -> dict[str, Any]:
    clean: dict[str, Any] = {}
    for key, value in data.items():
        if value is None:
            continue
        if isinstance(value, (list, tuple, set)):
            value = "; ".join(str(v) for v in value)
        elif not isinstance(value, (str, int, float, bool)):
            value = str(value)
        if isinstance(value, str):
            value = _xml_safe(value)
        if key in RESERVED and not (keep_label and key == "label"):
            key = f"{key}_"
        clean[key] = value
    return clean


def _xml_safe(text: str) -> str:
    return "".join(ch for ch in text if ch in "\t\n\r" or (ord(ch) >= 0x20 and ord(ch) not in (0xFFFE, 0xFFFF)))


def write_graphml(graph: nx.Graph, path: str | Path | IO[bytes]) -> None:
    """Write ``graph`` as GraphML that opens in Gephi with the right node labels.

    >>> import networkx as nx, tempfile, os
    >>> g = nx.DiGraph(); g.add_edge("a", "b", weight=2)
    >>> p = os.path.join(tempfile.mkdtemp(), "g.graphml"); write_graphml(g, p)
    >>> nx.read_graphml(p).edges["a", "b"]["weight"]
    2
    """
    safe = gephi_safe(graph)
    if hasattr(path, "write"):
        nx.write_graphml(safe, path, named_key_ids=True)
        return
    with atomic_write(path, "wb") as fh:
        nx.write_graphml(safe, fh, named_key_ids=True)
