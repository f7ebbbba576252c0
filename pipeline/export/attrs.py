"""Graph attributes as Gephi reads them: scalars of one type per name, safe names, XML-safe text.

Shared by the GraphML and GEXF writers, so both files carry the same columns under the same
names. ``prepare(graph)`` turns any networkx graph into plain rows:

- values: ``None``, NaN, empty strings and empty lists are dropped; lists, tuples and sets
  become ``"; "``-joined strings (sets sorted); dicts become JSON text; numpy scalars become
  Python scalars; dates become ISO strings; anything else becomes ``str(value)``. Characters
  that XML 1.0 forbids (control characters, lone surrogates, U+FFFE/U+FFFF) are removed.
- types: one per attribute name and element class (node or edge). A name whose values mix
  int and float is written as float; any other mix (int and bool, number and text, ...) is
  written as text. Integers outside the 64-bit range are text.
- names: names Gephi's importers take as a built-in property or column (node ``x``, ``y``,
  ``z``, ``size``, ``r``, ``g``, ``b``, ``xpos``, ``ypos``, ``d3``, ``id``; edge ``id``,
  ``edgeid``, ``r``, ``g``, ``b``, ``d7``, ``edgelabel``, ``Edge Weight``, ``source``,
  ``target``; ``interval``/``timeset`` on both; any case) get a ``_`` suffix (``size`` ->
  ``size_``), more ``_`` while the new name is taken. Node ``label`` is the display name and
  is kept (filled with the node id where a node has none); edge ``label`` is kept as the edge
  label; edge ``weight`` is kept when it is numeric on every edge, else renamed ``weight_``.
- ids: node ids are ``str(node)`` made XML-safe, made unique with ``#2``, ``#3`` suffixes.

It does not write files (graphml.py and gexf.py do) and never changes the input graph.
"""

from __future__ import annotations

import datetime as _dt
import json
import math
import numbers
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Union

import networkx as nx

Scalar = Union[bool, int, float, str]

# XML 1.0 Char production: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
_XML_ILLEGAL = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_INT64 = (-(2**63), 2**63 - 1)

BOOLEAN, LONG, DOUBLE, STRING = "boolean", "long", "double", "string"

# Names Gephi's GraphML/GEXF importers map to built-in properties or columns (compared
# case-insensitively, as Gephi does). "d3"/"d7" are yEd's label key ids, which Gephi honours.
NODE_RESERVED = frozenset({"x", "y", "z", "size", "r", "g", "b", "xpos", "ypos", "d3", "id",
                           "interval", "timeset"})
EDGE_RESERVED = frozenset({"id", "edgeid", "r", "g", "b", "d7", "edgelabel", "edge weight",
                           "source", "target", "interval", "timeset"})
# Names kept on purpose because Gephi gives them the meaning we mean (exact spelling only).
NODE_KEEP = frozenset({"label"})
EDGE_KEEP = frozenset({"label", "weight"})


def xml_text(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot carry."""
    return _XML_ILLEGAL.sub("", text) if _XML_ILLEGAL.search(text) else text


_ATTR_ESCAPES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"),
                 ("\n", "&#10;"), ("\r", "&#13;"), ("\t", "&#9;"))


def xml_quote_attr(text: str) -> str:
    """``text`` as a double-quoted XML attribute value (whitespace kept as references)."""
    for ch, ref in _ATTR_ESCAPES:
        if ch in text:
            text = text.replace(ch, ref)
    return f'"{text}"'


def xml_escape_text(text: str) -> str:
    """Escape element text; ``\r`` as a character reference so parsers keep it."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if "\r" in text:
        text = text.replace("\r", "&#13;")
    return text


def to_scalar(value: Any) -> Scalar | None:
    """One attribute value as bool/int/float/str, or None when it should be left out."""
    t = type(value)
    if t is str:  # fast paths for the common exact types
        return _text(value)
    if t is int:
        return value if _INT64[0] <= value <= _INT64[1] else str(value)
    if t is float:
        return None if value != value else value
    if value is None:
        return None
    if type(value).__module__.partition(".")[0] == "numpy" and hasattr(value, "tolist"):
        value = value.tolist()  # numpy scalar -> Python scalar, array -> (nested) list
        if value is None:
            return None
    if isinstance(value, bool):
        return value
    if isinstance(value, numbers.Integral):
        value = int(value)
        return value if _INT64[0] <= value <= _INT64[1] else str(value)
    if isinstance(value, (numbers.Real, Decimal)):
        try:
            value = float(value)
        except (OverflowError, ValueError):
            return _text(str(value))
        return None if math.isnan(value) else value
    if isinstance(value, str):
        return _text(value)
    if isinstance(value, (bytes, bytearray)):
        return _text(bytes(value).decode("utf-8", errors="replace"))
    if isinstance(value, (_dt.date, _dt.time)):
        return value.isoformat()
    if isinstance(value, dict):
        return _text(json.dumps(value, ensure_ascii=False, sort_keys=True, default=str))
    if isinstance(value, (set, frozenset)):
        return _join(sorted(value, key=str))
    if isinstance(value, Iterable):
        return _join(value)
    return _text(str(value))


def _text(s: str) -> str | None:
    s = xml_text(s)
    return s if s else None


def _join(items: Iterable[Any]) -> str | None:
    parts = []
    for item in items:
        s = to_scalar(item)
        if s is not None:
            parts.append(format_value(s, STRING))
    return _text("; ".join(parts))


def kind_of(value: Scalar) -> str:
    if isinstance(value, bool):
        return BOOLEAN
    if isinstance(value, int):
        return LONG
    if isinstance(value, float):
        return DOUBLE
    return STRING


def merge_kinds(kinds: set[str]) -> str:
    """The one type a column of these value types is written as."""
    if len(kinds) == 1:
        return next(iter(kinds))
    if kinds == {LONG, DOUBLE}:
        return DOUBLE
    return STRING


def format_value(value: Scalar, kind: str) -> str:
    """``value`` as the text of a ``kind`` column (both GraphML and GEXF readers parse it)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if kind == DOUBLE or isinstance(value, float):
        value = float(value)
        if math.isinf(value):
            return "Infinity" if value > 0 else "-Infinity"
        return repr(value)
    return str(value)


@dataclass
class Prepared:
    """A graph as rows of Gephi-safe attributes. Column dicts map name -> type, in order."""

    directed: bool
    multigraph: bool
    node_columns: dict[str, str] = field(default_factory=dict)
    edge_columns: dict[str, str] = field(default_factory=dict)
    nodes: list[tuple[str, dict[str, Scalar]]] = field(default_factory=list)
    edges: list[tuple[str, str, dict[str, Scalar]]] = field(default_factory=list)
    renamed: dict[str, dict[str, str]] = field(default_factory=lambda: {"node": {}, "edge": {}})


def prepare(graph: nx.Graph) -> Prepared:
    """Convert ``graph``'s nodes and edges to Gephi-safe rows (see the module docstring)."""
    out = Prepared(directed=graph.is_directed(), multigraph=graph.is_multigraph())

    node_ids = _unique_ids(graph.nodes)
    raw_nodes = [(node_ids[n], _scalars(d)) for n, d in graph.nodes(data=True)]
    raw_edges = [(node_ids[u], node_ids[v], _scalars(d)) for u, v, d in graph.edges(data=True)]

    node_kinds = _kinds(d for _, d in raw_nodes)
    edge_kinds = _kinds(d for _, _, d in raw_edges)
    node_names = _plan_names(node_kinds, NODE_RESERVED, NODE_KEEP, numeric_only=set())
    edge_names = _plan_names(edge_kinds, EDGE_RESERVED, EDGE_KEEP, numeric_only={"weight"})

    label = "label"
    out.node_columns[label] = STRING
    for raw, name in node_names.items():
        if name != label:
            out.node_columns[name] = node_kinds[raw]
    for raw, name in edge_names.items():
        out.edge_columns[name] = edge_kinds[raw]
    out.renamed["node"] = {k: v for k, v in node_names.items() if k != v}
    out.renamed["edge"] = {k: v for k, v in edge_names.items() if k != v}

    for node_id, data in raw_nodes:
        row = {node_names[k]: v for k, v in data.items()}
        lab = row.get(label)
        row[label] = format_value(lab, STRING) if lab is not None else node_id
        out.nodes.append((node_id, row))
    for u, v, data in raw_edges:
        out.edges.append((u, v, {edge_names[k]: val for k, val in data.items()}))
    return out


def _scalars(data: dict[Any, Any]) -> dict[str, Scalar]:
    row: dict[str, Scalar] = {}
    for key, value in data.items():
        s = to_scalar(value)
        if s is not None:
            row[_clean_name(key)] = s
    return row


def _clean_name(key: Any) -> str:
    name = xml_text(key if isinstance(key, str) else str(key)).strip()
    return name or "attr"


def _kinds(rows: Iterable[dict[str, Scalar]]) -> dict[str, str]:
    seen: dict[str, set[str]] = {}
    for row in rows:
        for k, v in row.items():
            seen.setdefault(k, set()).add(kind_of(v))
    return {k: merge_kinds(v) for k, v in seen.items()}


def _plan_names(kinds: dict[str, str], reserved: frozenset[str], keep: frozenset[str],
                numeric_only: set[str]) -> dict[str, str]:
    """Map each attribute name to the name it is written under (renaming reserved ones)."""

    def is_reserved(name: str) -> bool:
        if name in keep:
            return name in numeric_only and kinds.get(name) not in (LONG, DOUBLE)
        return name.lower() in reserved or name.lower() in keep

    taken: set[str] = set()
    plan: dict[str, str] = {}
    for name in kinds:
        if not is_reserved(name):
            plan[name] = name
            taken.add(name)
    for name in kinds:
        if name in plan:
            continue
        new = name + "_"
        while new in taken or new.lower() in reserved or new.lower() in keep:
            new += "_"
        plan[name] = new
        taken.add(new)
    return {name: plan[name] for name in kinds}


def _unique_ids(nodes: Iterable[Any]) -> dict[Any, str]:
    ids: dict[Any, str] = {}
    used: set[str] = set()
    for n in nodes:
        base = xml_text(n if isinstance(n, str) else str(n)) or "_"
        new, i = base, 1
        while new in used:
            i += 1
            new = f"{base}#{i}"
        ids[n] = new
        used.add(new)
    return ids


class ChunkWriter:
    """Callable that buffers text and writes it UTF-8 encoded to a binary file in chunks.

    Works with any object that has ``write(bytes)``; never closes it.
    """

    def __init__(self, fh: Any, chunk: int = 1 << 20) -> None:
        self._fh, self._chunk, self._size = fh, chunk, 0
        self._parts: list[str] = []

    def __call__(self, text: str) -> None:
        self._parts.append(text)
        self._size += len(text)
        if self._size >= self._chunk:
            self.flush()

    def flush(self) -> None:
        if self._parts:
            self._fh.write("".join(self._parts).encode("utf-8"))
            self._parts, self._size = [], 0

    def __enter__(self) -> ChunkWriter:
        return self

    def __exit__(self, exc_type, *_: Any) -> None:
        if exc_type is None:
            self.flush()
