"""Self-contained HTML report of a finished run: summary, the actor graph, and articles with
their attributions highlighted. One file that opens offline (all CSS/JS inline, no network).

This module renders; reading the run folder is ``pipeline.run.folder.load_run`` (the run
folder's owner), which streams the files, so a run of any size gives a report of bounded
size: at most ``max_articles`` articles (those with relations first, in input order),
``max_relations`` relations per article and the ``max_nodes`` most active actors in the graph
view. Article texts are re-read from the run's input files; where an input is gone or has
changed since the run, the article's relations are listed without text.

Highlights follow displaCy's "span" style (spaCy's ``displacy.render(style="span")``),
emulated rather than called: displaCy renders each token as an inline-block with inline
styles and joins tokens with single spaces, which loses the article's line breaks and makes
the file many times larger. Here each stretch of text between span boundaries is wrapped
once per covering span; stacked coloured underlines (one level per overlapping span) and a
label at each span's start show speaker, cue, content and targets.

The graph is laid out in Python (networkx ``spring_layout``, seeded, so the same run gives
the same picture) and drawn as SVG by a little inline JavaScript: nodes sized by statements,
edges coloured by tone, hover for details, click to highlight neighbours, wheel/drag to zoom
and pan. Everything from the data is HTML-escaped or set through ``textContent``.

Not here: editing, filtering by date, or any server; the report is a static page.
"""

from __future__ import annotations

import html
import json
from bisect import bisect_right
import math
import re
from collections import defaultdict
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from ..graph import trim_quote
from ..ingest.clean import clean_article, readable_map
from ..run.folder import DOCUMENTS, RELATIONS, REPORT, ArticleView, RunView, load_run
from .atomic import atomic_write

ROLES = (("sp", "SPEAKER"), ("cue", "CUE"), ("ct", "CONTENT"), ("tg", "TARGET"))
ROLE_LABEL = dict(ROLES)
MAX_LEVEL = 7  # deeper overlaps share the last level
LEVEL_PX = 12  # vertical distance between stacked underlines
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
# Blank lines between paragraphs become one short gap: the tall line-height the stacked
# underlines need would otherwise turn every blank line into a wide empty band.
_DROPPED_TIP = ("left out by the clean-up (a repeated caption or headline, a marker, a header "
                "line): not analysed")
_PARAGRAPH_BREAK = re.compile(r"[ \t\f\v]*(?:\r?\n|\r)(?:[ \t\f\v]*(?:\r?\n|\r))+[ \t\f\v]*")
_JSON_IN_SCRIPT = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026",
                   0x2028: "\\u2028", 0x2029: "\\u2029"}


# ---------------------------------------------------------------------------------------------
# Rendering


def _esc(value: Any) -> str:
    return html.escape(_CONTROL.sub("", "" if value is None else str(value)), quote=True)


def _num(value: Any, default: float = 0.0) -> float:
    try:
        f = float(value)
    except (TypeError, ValueError):
        return default
    return f if math.isfinite(f) else default


@dataclass
class _Span:
    start: int
    end: int
    role: str
    rel: int  # 1-based relation number within the article
    tip: str
    level: int = 0

    @property
    def tag(self) -> str:
        return f"{ROLE_LABEL[self.role]} {self.rel}"


def _spans(art: ArticleView) -> list[_Span]:
    n = len(art.text or "")
    out: list[_Span] = []

    def add(s: int, e: int, role: str, i: int, tip: str) -> None:
        s, e = max(s - art.base, 0), min(e - art.base, n)
        if 0 <= s < e <= n:
            out.append(_Span(s, e, role, i, tip))

    for i, rel in enumerate(art.relations, start=1):
        sp = rel.speaker
        if sp is not None:
            who = sp.name if sp.resolved else f"{sp.name} (unresolved)"
            add(sp.start, sp.end, "sp", i, f"speaker {i}: {who} [{sp.label}]")
        add(rel.cue.start, rel.cue.end, "cue", i,
            f"cue {i}: {rel.cue.lemma} ({rel.cue.class_ or 'speech'}, {rel.kind})")
        pieces = rel.content_spans or [[rel.content_start, rel.content_end]]
        for piece in pieces:
            if len(piece) == 2:
                add(piece[0], piece[1], "ct", i, f"content {i}")
        for t in rel.about:
            if t.start >= 0 and t.end > t.start:
                add(t.start, t.end, "tg", i, f"target {i}: {t.name} [{t.label}]")
    _assign_levels(out)
    return out


def _assign_levels(spans: list[_Span]) -> None:
    """Give overlapping spans different levels; a level also keeps room for each start label."""
    order = {r: k for k, (r, _) in enumerate(ROLES)}
    spans.sort(key=lambda s: (s.start, -(s.end - s.start), order[s.role], s.rel))
    level_end: list[float] = []
    for sp in spans:
        reach = max(sp.end, sp.start + len(sp.tag) * 0.8 + 1)  # the label is ~0.8 chars/char
        for lv, end in enumerate(level_end):
            if end <= sp.start:
                sp.level, level_end[lv] = lv, reach
                break
        else:
            if len(level_end) <= MAX_LEVEL:
                sp.level = len(level_end)
                level_end.append(reach)
            else:
                sp.level = MAX_LEVEL
                level_end[MAX_LEVEL] = max(level_end[MAX_LEVEL], reach)


def render_text(art: ArticleView) -> tuple[str, int]:
    """The article text as HTML with stacked span highlights, and the number of levels used.

    The text shown is the readable one (markup, control and zero-width characters removed,
    glued words spaced: ``ingest.clean.readable``); the spans' original offsets are mapped onto
    it."""
    shown = readable_map(art.text or "")
    text = shown.text
    spans = []
    for sp in _spans(art):
        sp.start, sp.end = shown.from_original(sp.start), shown.from_original(sp.end)
        if sp.start < sp.end:
            spans.append(sp)
    dropped = [(shown.from_original(s), shown.from_original(e)) for s, e in art.dropped]
    if not spans and not dropped:
        return _PARAGRAPH_BREAK.sub('<span class="pb"></span>', _esc(text)), 0
    starts: dict[int, list[_Span]] = defaultdict(list)
    ends: dict[int, list[_Span]] = defaultdict(list)
    for sp in spans:
        starts[sp.start].append(sp)
        ends[sp.end].append(sp)
    dropped = [(max(0, s), min(len(text), e)) for s, e in dropped if s < e]
    drop_starts = [s for s, _ in dropped]
    cuts = sorted({0, len(text), *starts, *ends, *(x for d in dropped for x in d)})
    active: list[_Span] = []
    parts: list[str] = []
    for a, b in zip(cuts, cuts[1:]):
        for sp in ends.get(a, ()):
            active.remove(sp)
        new = starts.get(a, [])
        active.extend(new)
        seg = _esc(text[a:b])
        k = bisect_right(drop_starts, a) - 1
        if k >= 0 and a < dropped[k][1] and not active:  # left out by the clean-up
            parts.append(f'<span class="dropped" title="{_DROPPED_TIP}">{seg}</span>')
            continue
        if not active:
            parts.append(_PARAGRAPH_BREAK.sub('<span class="pb"></span>', seg))
            continue
        layers = sorted(active, key=lambda s: -s.level)
        opened = "".join(
            f'<span class="hl {s.role} l{s.level}" data-r="{s.rel}" title="{_esc(s.tip)}">'
            for s in layers)
        tags = "".join(
            f'<span class="ta"><span class="tag {s.role} l{s.level}" data-r="{s.rel}">'
            f"{_esc(s.tag)}</span></span>" for s in sorted(new, key=lambda s: s.level))
        parts.append(f"{opened}{tags}{seg}{'</span>' * len(layers)}")
    levels = 1 + max(s.level for s in spans) if spans else 0
    return "".join(parts), levels


def _relations_table(art: ArticleView) -> str:
    rows = []
    for i, rel in enumerate(art.relations, start=1):
        sp = rel.speaker
        if sp is None:
            speaker = '<small class="warn">no source named</small>'
        else:
            speaker = f"<b>{_esc(sp.name)}</b> <small>{_esc(sp.label)}</small>"
            if not sp.resolved:
                speaker += ' <small class="warn">unresolved</small>'
            elif sp.mention and sp.mention != sp.name:
                speaker += f"<br><small>as “{_esc(sp.mention)}”</small>"
        about = ", ".join(f"{_esc(t.name)} <small>{_esc(t.label)}</small>" for t in rel.about)
        date = _esc(rel.date or "")
        if rel.date_text:
            date += f"<br><small>“{_esc(rel.date_text)}”</small>"
        content = rel.content if len(rel.content) <= 600 else rel.content[:600] + "…"
        rows.append(
            f'<tr data-r="{i}"><td class="num">{i}</td><td>{speaker}</td>'
            f"<td>{_esc(rel.cue.text)}<br><small>{_esc(rel.cue.lemma)}</small></td>"
            f"<td class=\"cls\">{_esc(rel.cue.class_ or 'speech')}</td>"
            f"<td>{_esc(rel.kind)}</td><td class=\"content\">{_esc(content)}</td>"
            f"<td>{about or '<small>—</small>'}</td><td>{date}</td></tr>")
    if not rows:
        return '<p class="muted">No relations found in this article.</p>'
    more = (f'<p class="muted">{art.more_relations} more relations not shown.</p>'
            if art.more_relations else "")
    return ('<table class="rels"><thead><tr><th>#</th><th>speaker</th><th>cue</th><th>class</th>'
            "<th>kind</th><th>content</th><th>about</th><th>date</th></tr></thead><tbody>"
            + "".join(rows) + "</tbody></table>" + more)


LEAD_CHARS = 90  # an untitled article is named by this much of its opening


def article_heading(art: ArticleView) -> str:
    """What names an article in the report: its title; for an article without a headline
    (a wire text that starts with its lead), the opening words of its cleaned body, so the
    reader sees what it is about; its doc id only when it has no text either."""
    if art.info and art.info.title:
        return art.info.title
    if art.text:
        cleaned = clean_article(art.text)
        for s, e in cleaned.body:
            lead = cleaned.clean.text[s:e].strip()
            if lead:
                return trim_quote(lead, LEAD_CHARS)
    return art.doc_id


def _article_html(k: int, art: ArticleView, title: str) -> str:
    info = art.info
    meta = [f"<code>{_esc(art.doc_id)}</code>"]
    if info:
        where = info.path + (f":{info.line}" if info.line else "")
        meta.append(_esc(where))
        for label, value in (("date", info.date), ("source", info.source)):
            if value:
                meta.append(f"{label} {_esc(value)}")
        if info.url:
            meta.append(f'<a href="{_esc(info.url)}" rel="noreferrer noopener">url</a>'
                        if str(info.url).startswith(("http://", "https://")) else _esc(info.url))
    body = ""
    if art.text is not None:
        text_html, levels = render_text(art)
        lh = f"calc(1.25em + {8 + levels * LEVEL_PX}px)"
        body = f'<div class="text" style="line-height:{lh}">{text_html}</div>'
    note = f'<p class="note">{_esc(art.note)}</p>' if art.note else ""
    return (f'<section class="article" id="a{k}"><h3>{_esc(title)}</h3>'
            f'<p class="meta">{" · ".join(meta)}</p>{note}{body}{_relations_table(art)}</section>')


def graph_data(view: RunView, *, max_nodes: int = 500) -> dict[str, Any]:
    """Nodes (with precomputed positions) and edges of the graph view, as plain JSON data."""
    g = view.graph
    if g is None or g.number_of_nodes() == 0:
        return {"nodes": [], "edges": [], "total_nodes": 0, "total_edges": 0}
    weight_in: dict[Any, float] = defaultdict(float)
    for u, v, d in g.edges(data=True):
        weight_in[v] += _num(d.get("weight"), 1.0)

    def score(n: Any, d: dict) -> float:
        return 2 * _num(d.get("statements")) + _num(d.get("targeted")) + weight_in[n] + g.degree(n)

    ranked = sorted(g.nodes(data=True), key=lambda nd: (-score(*nd), str(nd[0])))
    keep = [n for n, _ in ranked[:max_nodes]]
    sub = g.subgraph(keep)
    und = nx.Graph()
    und.add_nodes_from(sorted(keep, key=str))
    for u, v, d in sub.edges(data=True):
        if u != v:
            w = und.get_edge_data(u, v, {}).get("weight", 0) + _num(d.get("weight"), 1.0)
            und.add_edge(u, v, weight=w)
    pos = layout(und, aspect=1000 / 640)
    xs = [p[0] for p in pos.values()] or [0.0]
    ys = [p[1] for p in pos.values()] or [0.0]
    span_x, span_y = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    W, H, M = 1000.0, 640.0, 60.0

    # which shown articles each actor appears in (as speaker or target)
    label_to_node = {str(d.get("label", n)): n for n, d in sub.nodes(data=True)}
    arts: dict[Any, list[int]] = defaultdict(list)
    for k, art in enumerate(view.articles):
        for rel in art.relations:
            speaker = [(rel.speaker.actor_id, rel.speaker.name)] if rel.speaker else []
            for actor_id, name in speaker + [(t.actor_id, t.name) for t in rel.about]:
                n = actor_id if actor_id in sub else label_to_node.get(name)
                if n is not None and (not arts[n] or arts[n][-1] != k) and len(arts[n]) < 20:
                    arts[n].append(k)

    index = {}
    nodes = []
    for i, n in enumerate(keep):
        d = g.nodes[n]
        x, y = pos[n]
        index[n] = i
        nodes.append({
            "id": str(n), "label": str(d.get("label", n)), "type": str(d.get("type", "")),
            "roles": str(d.get("roles", "")), "aliases": str(d.get("aliases", "")),
            "affiliation": str(d.get("affiliation", "")),
            "statements": _num(d.get("statements")), "targeted": _num(d.get("targeted")),
            "mentions": _num(d.get("mentions")), "articles": _num(d.get("articles")),
            "x": round(M + (x - min(xs)) / span_x * (W - 2 * M), 1),
            "y": round(M + (y - min(ys)) / span_y * (H - 2 * M), 1),
            "r": round(min(5 + 3 * math.sqrt(max(_num(d.get("statements")), 0)), 32), 1),
            "arts": arts.get(n, []),
        })
    edges = []
    for u, v, d in sub.edges(data=True):
        if u == v:
            continue
        edges.append({
            "s": index[u], "t": index[v], "w": _num(d.get("weight"), 1.0),
            "tone": _tone_class(d), "toneValue": d.get("tone") if isinstance(
                d.get("tone"), (int, float)) and math.isfinite(d.get("tone")) else None,
            "kind": str(d.get("kind", "")), "cues": str(d.get("cues", "")),
            "quote": str(d.get("quote", ""))[:400], "first": str(d.get("first_date", "") or ""),
            "last": str(d.get("last_date", "") or ""),
        })
    return {"nodes": nodes, "edges": edges, "total_nodes": g.number_of_nodes(),
            "total_edges": g.number_of_edges(), "directed": g.is_directed()}


def layout(graph: nx.Graph, *, aspect: float = 1.5, seed: int = 7) -> dict[Any, tuple[float, float]]:
    """Positions for an undirected graph: each connected component laid out on its own
    (seeded spring layout) and the components packed in rows, biggest first, each in a cell
    whose side grows with the square root of its size. One spring layout over the whole
    graph pushes the components to the corners and crushes each into a clump.
    """
    comps = sorted((sorted(c, key=str) for c in nx.connected_components(graph)),
                   key=lambda c: (-len(c), str(c[0])))
    if not comps:
        return {}
    sides = [math.sqrt(len(c)) for c in comps]
    area = sum(x * x for x in sides)
    row_width = max(max(sides), math.sqrt(area * aspect))
    pos: dict[Any, tuple[float, float]] = {}
    x = y = row_h = 0.0
    for comp, side in zip(comps, sides):
        if x > 0 and x + side > row_width * 1.001:
            x, y, row_h = 0.0, y + row_h, 0.0
        if len(comp) == 1:
            local = {comp[0]: (0.5, 0.5)}
        else:
            # k twice networkx's default spreads hubs' neighbourhoods so labels stay legible
            raw = nx.spring_layout(graph.subgraph(comp), seed=seed, iterations=300,
                                   weight=None, k=2 / math.sqrt(len(comp)))
            xs, ys = [p[0] for p in raw.values()], [p[1] for p in raw.values()]
            sx, sy = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
            local = {n: (0.08 + 0.84 * (p[0] - min(xs)) / sx, 0.08 + 0.84 * (p[1] - min(ys)) / sy)
                     for n, p in raw.items()}
        for n, (lx, ly) in local.items():
            pos[n] = (x + lx * side, y + ly * side)
        x += side
        row_h = max(row_h, side)
    return pos


def _tone_class(d: dict) -> str:
    tone = d.get("tone")
    if isinstance(tone, (int, float)) and not isinstance(tone, bool) and math.isfinite(tone):
        return "neg" if tone < -0.1 else "pos" if tone > 0.1 else "neu"
    label = str(d.get("tone_label", "")).lower()
    return "neg" if label.startswith("neg") else "pos" if label.startswith("pos") else "neu"


def _top(view: RunView) -> tuple[list[tuple[str, float]], list[tuple[str, float]]]:
    g = view.graph
    if g is None:
        return [], []
    # the actors' counts (pipeline/counts.py), as actors.jsonl and summary.json give them
    def ranked(count: str) -> list[tuple[str, float]]:
        rows = sorted(((-_num(d.get(count)), str(n), str(d.get("label", n)))
                       for n, d in g.nodes(data=True)))
        return [(label, -neg) for neg, _, label in rows if neg < 0][:10]

    if any("targeted" in d for _, d in g.nodes(data=True)):
        return ranked("statements"), ranked("targeted")
    incoming: dict[Any, float] = defaultdict(float)  # a run from before the counts module
    for _, v, d in g.edges(data=True):
        if str(d.get("kind", "statement")) != "affiliation":
            incoming[v] += _num(d.get("weight"), 1.0)
    targets = sorted(((str(g.nodes[n].get("label", n)), w) for n, w in incoming.items()),
                     key=lambda x: -x[1])
    return ranked("statements"), targets[:10]


def _asset(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


# The graph view's renderer, vendored unmodified from npm (see vendor/README.md): graphology
# (graph model), graphology-library (ForceAtlas2 and noverlap layouts), sigma.js (WebGL).
VENDOR_SCRIPTS = ("graphology.umd.min.js", "graphology-library.min.js", "sigma.min.js")
_VENDOR_LICENSES = (("sigma.js 3.0.2", "LICENSE-sigma.txt"),
                    ("graphology 0.26.0", "LICENSE-graphology.txt"),
                    ("graphology-library 0.8.0", "LICENSE-graphology-library.txt"))


def _vendor_notices() -> str:
    """The MIT notices of the inlined libraries, for an HTML comment at the end of the page."""
    return "".join(f"{title}:\n{_asset('vendor/' + name).replace('--', '- -')}\n"
                   for title, name in _VENDOR_LICENSES)


def _level_css() -> str:
    rules = []
    for lv in range(MAX_LEVEL + 1):
        pad = 2 + lv * LEVEL_PX
        rules.append(f".hl.l{lv}{{padding-bottom:{pad}px}}"
                     f".tag.l{lv}{{top:calc(100% + {pad - 3}px)}}")
    return "".join(rules)


def render_report(view: RunView, *, max_nodes: int = 500) -> str:
    """The whole report page as one HTML string."""
    data = graph_data(view, max_nodes=max_nodes)
    data_json = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(
        _JSON_IN_SCRIPT)
    speakers, targets = _top(view)
    counts = [("documents", view.documents), ("duplicates set aside", view.n_duplicates),
              ("relations", view.relations), ("entities", view.entities),
              ("actors", view.actors or data["total_nodes"]), ("graph nodes", data["total_nodes"]),
              ("graph edges", data["total_edges"]),
              ("input errors", view.n_errors)]
    p: list[str] = []
    p.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
             '<meta name="viewport" content="width=device-width, initial-scale=1">'
             "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
             "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">"
             f"<title>actorgraph report</title><style>{_asset('report.css')}{_level_css()}"
             "</style></head><body>")
    p.append(f'<header><h1>actorgraph report</h1><p class="meta">{_esc(view.out_dir)}</p>'
             "</header><main>")
    p.append('<section id="summary"><h2>Summary</h2><div class="counts">')
    for label, n in counts:
        p.append(f'<div class="count"><b>{int(n):,}</b><span>{_esc(label)}</span></div>')
    p.append("</div>")
    if view.bad_lines:
        p.append(f'<p class="note">{view.bad_lines} unreadable lines in the output files were '
                 "skipped.</p>")
    p.append('<div class="tops">')
    for title, rows, unit in (("Top speakers", speakers, "statements"),
                              ("Most talked about", targets, "statements")):
        items = "".join(f"<li>{_esc(name)} <small>{n:g} {unit if n != 1 else unit[:-1]}"
                        "</small></li>" for name, n in rows)
        p.append(f"<div><h3>{title}</h3><ol>{items or '<li class=muted>none</li>'}</ol></div>")
    p.append("</div>")
    p.append('<p class="muted">' + (
        "Relations and mentions in headlines and photo captions are counted."
        if view.count_headlines else
        "Relations and mentions in headlines and photo captions are not counted in the graph "
        "or these lists (<code>actorgraph report --count-headlines</code> counts them).")
        + "</p>")
    if view.errors:
        more = f"<li>… {view.n_errors - len(view.errors)} more</li>" \
            if view.n_errors > len(view.errors) else ""
        p.append("<details><summary>Input errors</summary><ul class=\"errors\">"
                 + "".join(f"<li><code>{_esc(e)}</code></li>" for e in view.errors)
                 + more + "</ul></details>")
    if view.duplicates:
        p.append("<details><summary>Duplicates set aside</summary><ul>"
                 + "".join(f"<li><code>{_esc(a)}</code> repeats <code>{_esc(b)}</code></li>"
                           for a, b in view.duplicates) + "</ul></details>")
    p.append("</section>")

    shown = len(data["nodes"])
    cap = (f" Showing the {shown} most active of {data['total_nodes']} actors."
           if shown < data["total_nodes"] else "")
    p.append('<section id="graph-section"><h2>Actor graph</h2>'
             f'<p class="muted">Node size: statements. Edge colour: tone. Hover for details, '
             f'click to highlight neighbours, scroll to zoom, drag to pan.{_esc(cap)}</p>')
    if view.graph_note:
        p.append(f'<p class="note">{_esc(view.graph_note)}</p>')
    p.append('<div class="graph-tools"><input id="ag-search" type="search" '
             'placeholder="find an actor" aria-label="find an actor">'
             '<button type="button" data-zoom="1.25">+</button>'
             '<button type="button" data-zoom="0.8">−</button>'
             '<button type="button" data-zoom="0">reset</button>'
             '<span class="legend"><i class="neg"></i>critical <i class="neu"></i>neutral '
             '<i class="pos"></i>supportive <i class="aff"></i>affiliation</span></div>'
             '<div id="ag-graph" class="graph"><div id="ag-stage" class="stage" '
             'role="img" aria-label="actor graph"></div><div id="ag-tip" class="tip" hidden>'
             '</div><div id="ag-panel" class="panel" hidden></div>'
             '<noscript><p class="note">The graph view needs JavaScript.</p></noscript></div>'
             "</section>")

    p.append(f'<section id="articles"><h2>Articles</h2><p class="muted">'
             f"{len(view.articles)} of {view.documents:,} articles, those with relations first. "
             '<span class="legend"><i class="sp"></i>speaker <i class="cue"></i>cue '
             '<i class="ct"></i>content <i class="tg"></i>target <span class="dropped">dropped'
             '</span> left out by the clean-up</span></p><ol class="toc">')
    headings = [article_heading(art) for art in view.articles]
    for k, (art, title) in enumerate(zip(view.articles, headings)):
        n = len(art.relations) + art.more_relations
        p.append(f'<li><a href="#a{k}">{_esc(title)}</a> <small>{n} '
                 f'relation{"" if n == 1 else "s"}</small></li>')
    p.append("</ol>")
    for k, (art, title) in enumerate(zip(view.articles, headings)):
        p.append(_article_html(k, art, title))
    p.append("</section></main>")
    p.append(f'<script type="application/json" id="ag-data">{data_json}</script>')
    # the vendored renderer (pipeline/export/vendor/README.md), then our script
    for name in VENDOR_SCRIPTS:
        p.append(f"<script>{_asset('vendor/' + name)}</script>")
    p.append(f"<script>{_asset('report.js')}</script>")
    p.append(f"<!--\n{_vendor_notices()}-->\n</body></html>\n")
    return "".join(p)


def write_report(out_dir: str | Path, *, path: str | Path | None = None, max_articles: int = 200,
                 max_nodes: int = 500, max_relations: int = 300,
                 input_root: str | Path | None = None,
                 count_headlines: bool | None = None,
                 cue_classes: tuple[str, ...] | None = None) -> Path:
    """Write ``report.html`` (or ``path``) for the run in ``out_dir`` and return its path.

    ``max_articles`` caps the articles shown (those with relations first), ``max_nodes`` the
    actors in the graph view, ``max_relations`` the relations listed per article.
    ``input_root`` is where to look for inputs whose recorded path no longer resolves.
    ``count_headlines``, ``cue_classes``: see ``load_run`` (None: as the run did); every
    relation's class shows in the article tables.
    """
    out = Path(out_dir)
    if not out.is_dir():
        raise FileNotFoundError(f"{out}: no such output folder")
    if not any((out / n).exists() for n in (RELATIONS, DOCUMENTS)):
        raise FileNotFoundError(f"{out}: no relations.jsonl or documents.jsonl (not a run's "
                                "output folder?)")
    view = load_run(out, max_articles=max(0, max_articles), max_relations=max_relations,
                    input_root=input_root, count_headlines=count_headlines,
                    cue_classes=cue_classes)
    target = Path(path) if path is not None else out / REPORT
    page = render_report(view, max_nodes=max_nodes)
    with atomic_write(target, "w") as fh:
        fh.write(page)
    return target
