"""GEXF 1.2 for Gephi, with statement dates as time intervals so Gephi's timeline plays the graph.

The graph is written with ``mode="dynamic"`` and ``timeformat="date"`` when any edge has a
date. Each dated edge gets ``start`` = its first statement date and ``end`` = its last one
(``first_date``/``last_date`` attributes; a month ``"2024-11"`` starts on its first day and
ends on its last, a year ``"2024"`` on 1 January / 31 December); dates that do not parse are
ignored. A node spans the dates of its edges (its own ``first_date``/``last_date`` too, if it
has any). Undated edges stay static (always visible), and so does any node touching one,
because Gephi hides an edge whenever one of its nodes is hidden. With no dates at all the
graph is written static.

The node ``label`` attribute becomes the GEXF node label, edge ``weight`` and ``label`` become
the edge's ``weight``/``label``; every other attribute becomes a static GEXF attribute,
converted exactly as for GraphML (``attrs.prepare``: lists joined with ``"; "``, one type per
name, reserved names renamed). ``first_date``/``last_date`` stay on edges as text attributes.
Attribute ids are numbers (``0``, ``1``, ... per class) with the name as ``title``, as Gephi's
own exporter writes them: Gephi Lite's parser (graphology-gexf) uses the title as the column
name only when the id is numeric (``tests/js/read_graphs.js`` checks it).

GEXF 1.2 (namespace ``http://www.gexf.net/1.2draft``) rather than 1.3 because Gephi reads
both and networkx's reader only knows 1.1/1.2. networkx's own writer is not used because it
writes mixed-type attributes under one declared type (files it cannot read back).

Not here: positions, colours, sizes (``viz``), dynamic attribute values, graph attributes.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re
from pathlib import Path
from typing import IO, Any, cast

import networkx as nx

from .atomic import atomic_write
from .attrs import DOUBLE, LONG, ChunkWriter, Prepared, format_value, prepare
from .attrs import xml_quote_attr as quoteattr

_DATE = re.compile(r"\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ][0-9:.+\-Z]*)?\s*$")
_NS = ('xmlns="http://www.gexf.net/1.2draft" '
       'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
       'xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd"')

Interval = tuple[_dt.date, _dt.date]


def period_bounds(value: Any) -> Interval | None:
    """First and last day of an ISO date, month or year; None when it is not one.

    >>> period_bounds("2024-02")
    (datetime.date(2024, 2, 1), datetime.date(2024, 2, 29))
    >>> period_bounds("2024") == (_dt.date(2024, 1, 1), _dt.date(2024, 12, 31))
    True
    >>> period_bounds("2024-13-01") is None
    True
    """
    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, _dt.date):
        return value, value
    if not isinstance(value, str):
        return None
    m = _DATE.match(value)
    if not m:
        return None
    year, month, day = int(m[1]), int(m[2] or 0), int(m[3] or 0)
    try:
        if day:
            d = _dt.date(year, month, day)
            return d, d
        if month:
            last = calendar.monthrange(year, month)[1]
            return _dt.date(year, month, 1), _dt.date(year, month, last)
        return _dt.date(year, 1, 1), _dt.date(year, 12, 31)
    except (ValueError, TypeError):
        return None


def _interval(first: Any, last: Any) -> Interval | None:
    bounds = [b for b in (period_bounds(first), period_bounds(last)) if b]
    if not bounds:
        return None
    return min(b[0] for b in bounds), max(b[1] for b in bounds)


def write_gexf(graph: nx.Graph | Prepared, path: str | Path | IO[bytes], *,
               start_attr: str = "first_date", end_attr: str = "last_date") -> None:
    """Write ``graph`` as GEXF 1.2 for Gephi, dated edges as time intervals (see module doc).

    ``graph`` may be ``attrs.prepare(graph)`` already (one conversion for both formats).
    ``path`` is a file path (written to a temporary file, then renamed over it) or an open
    binary file.

    >>> import io
    >>> g = nx.DiGraph(); g.add_edge("a", "b", weight=2, first_date="2024-11")
    >>> buf = io.BytesIO(); write_gexf(g, buf)
    >>> nx.read_gexf(io.BytesIO(buf.getvalue())).edges["a", "b"]["end"]
    '2024-11-30'
    """
    prep = graph if isinstance(graph, Prepared) else prepare(graph)
    edge_iv = [_interval(row.get(start_attr), row.get(end_attr)) for _, _, row in prep.edges]
    node_iv = _node_intervals(prep, edge_iv, start_attr, end_attr)
    if hasattr(path, "write"):
        _write(prep, edge_iv, node_iv, cast(IO[bytes], path))
        return
    with atomic_write(path, "wb") as fh:
        _write(prep, edge_iv, node_iv, fh)


def _node_intervals(prep: Prepared, edge_iv: list[Interval | None], start_attr: str,
                    end_attr: str) -> dict[str, Interval | None]:
    """A node's interval spans its edges' and its own dates; None (static) if any is undated."""
    spans: dict[str, Interval | None] = {}
    static: set[str] = set()
    for node_id, row in prep.nodes:
        own = _interval(row.get(start_attr), row.get(end_attr))
        spans[node_id] = own
    for (u, v, _), iv in zip(prep.edges, edge_iv):
        for n in (u, v):
            if iv is None:
                static.add(n)
                continue
            cur = spans[n]
            spans[n] = iv if cur is None else (min(cur[0], iv[0]), max(cur[1], iv[1]))
    for n in static:
        spans[n] = None
    return spans


def _write(prep: Prepared, edge_iv: list[Interval | None], node_iv: dict[str, Interval | None],
           fh: IO[bytes]) -> None:
    dynamic = any(edge_iv) or any(node_iv.values())
    node_cols = {k: t for k, t in prep.node_columns.items() if k != "label"}
    edge_attr = {"weight"} if prep.edge_columns.get("weight") in (LONG, DOUBLE) else set()
    if "label" in prep.edge_columns:
        edge_attr.add("label")
    edge_cols = {k: t for k, t in prep.edge_columns.items() if k not in edge_attr}
    # Numeric ids, counted per class, as Gephi's own exporter writes them: graphology (Gephi
    # Lite's parser) names a column by its title only when its id is numeric.
    node_ids = {name: str(i) for i, name in enumerate(node_cols)}
    edge_ids = {name: str(i) for i, name in enumerate(edge_cols)}

    with ChunkWriter(fh) as w:
        w('<?xml version="1.0" encoding="UTF-8"?>\n')
        w(f'<gexf {_NS} version="1.2">\n')
        w("  <meta>\n    <creator>actorgraph</creator>\n"
          "    <description>actor graph: who said what about whom</description>\n  </meta>\n")
        mode = ' mode="dynamic" timeformat="date"' if dynamic else ' mode="static"'
        kind = "directed" if prep.directed else "undirected"
        w(f'  <graph defaultedgetype="{kind}"{mode} idtype="string">\n')
        for cls, cols, ids in (("node", node_cols, node_ids), ("edge", edge_cols, edge_ids)):
            if not cols:
                continue
            w(f'    <attributes class="{cls}" mode="static">\n')
            for name, typ in cols.items():
                w(f'      <attribute id="{ids[name]}" title={quoteattr(name)} type="{typ}"/>\n')
            w("    </attributes>\n")

        w("    <nodes>\n")
        for node_id, row in prep.nodes:
            w(f"      <node id={quoteattr(node_id)} label={quoteattr(str(row['label']))}"
              f"{_span(node_iv.get(node_id))}")
            _attvalues(w, row, node_cols, node_ids, indent="        ")
            w("</node>\n")
        w("    </nodes>\n")

        w("    <edges>\n")
        for i, ((u, v, row), iv) in enumerate(zip(prep.edges, edge_iv)):
            extra = "".join(f" {k}={quoteattr(format_value(row[k], prep.edge_columns[k]))}"
                            for k in ("weight", "label") if k in edge_attr and k in row)
            w(f'      <edge id="{i}" source={quoteattr(u)} target={quoteattr(v)}{extra}'
              f"{_span(iv)}")
            _attvalues(w, row, edge_cols, edge_ids, indent="        ")
            w("</edge>\n")
        w("    </edges>\n  </graph>\n</gexf>\n")


def _span(iv: Interval | None) -> str:
    return "" if iv is None else f' start="{iv[0].isoformat()}" end="{iv[1].isoformat()}"'


def _attvalues(w, row, cols, ids, indent: str) -> None:
    vals = [(k, v) for k, v in row.items() if k in cols]
    if not vals:
        w(">")
        return
    w(f">\n{indent}<attvalues>\n")
    for k, v in vals:
        w(f"{indent}  <attvalue for=\"{ids[k]}\" value={quoteattr(format_value(v, cols[k]))}/>\n")
    w(f"{indent}</attvalues>\n      ")
