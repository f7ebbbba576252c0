"""GraphML that Gephi opens with the right node labels, written atomically.

Attributes are converted at this boundary by ``attrs.prepare`` (one scalar type per name,
lists joined with ``"; "``, None dropped, Gephi's reserved names renamed with a ``_``
suffix, XML-illegal characters removed). Key ids are the attribute names themselves (like
networkx's ``named_key_ids=True``), made NMTOKEN-safe and unique across nodes and edges, so
Gephi never mistakes a key for a label: Gephi's importer matches key ids *and* names against
its property list, where networkx's default ids ``d3``/``d7`` are yEd's node/edge label keys
and would turn an arbitrary attribute into the label.

networkx's own writer is not used because, given mixed types, it writes two ``<key>``
elements with one id (invalid GraphML that networkx itself reads back wrongly), writes node
and edge keys of one name under one id, and writes graph attributes Gephi rejects.

Not here: graph-level attributes (Gephi's importer rejects ``for="graph"`` keys), layouts.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import IO, cast
from xml.sax.saxutils import quoteattr

import networkx as nx

from .atomic import atomic_write
from .attrs import ChunkWriter, Prepared, format_value, prepare, xml_escape_text

_NS = ('xmlns="http://graphml.graphdrawing.org/xmlns" '
       'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
       'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
       'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"')
_NOT_NMTOKEN = re.compile(r"[^A-Za-z0-9_.\-]")


def gephi_safe(graph: nx.Graph) -> nx.Graph:
    """Return a new graph of the same class holding the converted attributes GraphML gets.

    >>> g = nx.Graph(); g.add_node(1, roles=["a", "b"], size=3, note=None)
    >>> gephi_safe(g).nodes["1"]
    {'roles': 'a; b', 'size_': 3, 'label': '1'}
    """
    prep = prepare(graph)
    out = graph.__class__()
    for node_id, row in prep.nodes:
        out.add_node(node_id, **row)
    for u, v, row in prep.edges:
        out.add_edge(u, v, **row)
    return out


def write_graphml(graph: nx.Graph | Prepared, path: str | Path | IO[bytes]) -> None:
    """Write ``graph`` as GraphML that opens in Gephi with the right node labels.

    ``graph`` may be ``attrs.prepare(graph)`` already (one conversion for both formats).
    ``path`` is a file path (written to a temporary file, then renamed over it) or an open
    binary file. See the module docstring for the attribute conversions.

    >>> import networkx as nx, tempfile, os
    >>> g = nx.DiGraph(); g.add_edge("a", "b", weight=2)
    >>> p = os.path.join(tempfile.mkdtemp(), "g.graphml"); write_graphml(g, p)
    >>> nx.read_graphml(p).edges["a", "b"]["weight"]
    2
    """
    prep = graph if isinstance(graph, Prepared) else prepare(graph)
    if hasattr(path, "write"):
        if isinstance(path, io.TextIOBase):
            raise TypeError("write_graphml needs a binary file (open(..., 'wb'))")
        _write(prep, cast(IO[bytes], path))
        return
    with atomic_write(path, "wb") as fh:
        _write(prep, fh)


def _key_ids(prep: Prepared) -> tuple[dict[str, str], dict[str, str]]:
    used: set[str] = set()

    def make(name: str, prefix: str) -> str:
        base = _NOT_NMTOKEN.sub("_", name) or "attr"
        new = base
        if new.lower() in used:
            new = prefix + base
        i = 1
        while new.lower() in used:
            i += 1
            new = f"{prefix}{base}_{i}"
        used.add(new.lower())
        return new

    node_ids = {name: make(name, "node_") for name in prep.node_columns}
    edge_ids = {name: make(name, "edge_") for name in prep.edge_columns}
    return node_ids, edge_ids


def _write(prep: Prepared, fh: IO[bytes]) -> None:
    with ChunkWriter(fh) as w:
        _write_text(prep, w)


def _write_text(prep: Prepared, w) -> None:
    node_keys, edge_keys = _key_ids(prep)
    w("<?xml version='1.0' encoding='utf-8'?>\n")
    w(f"<graphml {_NS}>\n")
    for cls, columns, ids in (("node", prep.node_columns, node_keys),
                              ("edge", prep.edge_columns, edge_keys)):
        for name, kind in columns.items():
            w(f'  <key id={quoteattr(ids[name])} for="{cls}" attr.name={quoteattr(name)} '
              f'attr.type="{kind}"/>\n')
    node_open = {n: f"      <data key={quoteattr(k)}>" for n, k in node_keys.items()}
    edge_open = {n: f"      <data key={quoteattr(k)}>" for n, k in edge_keys.items()}
    edgedefault = "directed" if prep.directed else "undirected"
    w(f'  <graph id="G" edgedefault="{edgedefault}">\n')
    for node_id, row in prep.nodes:
        w(f"    <node id={quoteattr(node_id)}>\n")
        _write_data(w, row, prep.node_columns, node_open)
        w("    </node>\n")
    for i, (u, v, row) in enumerate(prep.edges):
        # Multigraph edges need ids unique in the file (Gephi rejects repeated edge ids).
        eid = f' id="e{i}"' if prep.multigraph else ""
        w(f"    <edge{eid} source={quoteattr(u)} target={quoteattr(v)}>\n")
        _write_data(w, row, prep.edge_columns, edge_open)
        w("    </edge>\n")
    w("  </graph>\n</graphml>\n")


def _write_data(w, row, columns, opening) -> None:
    for name, value in row.items():
        w(f"{opening[name]}{xml_escape_text(format_value(value, columns[name]))}</data>\n")
