"""HTML report: built from a hand-written output folder (no model, no other stage's code
beyond the records and the input reader), checked as HTML and rendered in headless Chromium."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import struct
import subprocess
import time
import zlib
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.export import write_graphml
from pipeline.export.report import ArticleView, article_heading, render_text, write_report
from pipeline.records import Cue, DocumentInfo, Relation, Speaker, Target

# Our own sample articles (two in one .txt file, one in a .jsonl record). The second one has
# markup in it, as scraped text sometimes does; the report must show it, never run it.
ART1 = ("Finance Minister Clara Voss said on Tuesday that the budget would protect Norway.\n\n"
        "\u201cWe will not cut pensions,\u201d Voss said.\n")
ART2 = ("Opposition leader Tomas Berg criticised Voss and the <b>Labour</b> party & its "
        "\"allies\".\nAccording to Berg, the plan </script><img src=x "
        "onerror=\"document.title='pwned'\"> fails Norway.\n")
JSONL_TEXT = "Analyst Mia Holm warned that Norway's budget is fragile."
HOSTILE_NAME = "<img src=x onerror=\"document.title='pwned'\">"


def _at(text: str, piece: str, base: int, nth: int = 1) -> tuple[int, int]:
    i = -1
    for _ in range(nth):
        i = text.index(piece, i + 1)
    return base + i, base + i + len(piece)


def _rel(doc_id, text, base, speaker, mention, label, cue, lemma, content, kind, about,
         nth_mention=1, nth_cue=1, date=None):
    ss, se = _at(text, mention, base, nth_mention)
    cs, ce = _at(text, cue, base, nth_cue)
    ks, ke = _at(text, content, base)
    targets = []
    for name, tlabel, tmention in about:
        ts, te = _at(text[ks - base:], tmention, ks)
        targets.append(Target(name, tlabel, tmention, ts, te))
    return Relation(doc_id, Speaker(speaker, label, mention, ss, se, True), Cue(cue, lemma, cs, ce),
                    content, ks, ke, kind, targets, date=date, content_spans=[[ks, ke]])


def make_run(root: Path) -> dict:
    """Write an input folder and the output folder a run over it would leave."""
    inp = root / "input"
    out = root / "out"
    inp.mkdir()
    out.mkdir()
    news = inp / "news.txt"
    sep = "\n\n\n"
    news.write_text(ART1 + sep + ART2, encoding="utf-8", newline="")
    base2 = len(ART1) + len(sep)
    wire = inp / "wire.jsonl"
    wire.write_text(json.dumps({"id": "wire-7", "text": JSONL_TEXT, "title": "Wire <i>story</i>"})
                    + "\n", encoding="utf-8")
    d1, d2 = f"{news}#1", f"{news}#2"
    rels = [
        _rel(d1, ART1, 0, "Clara Voss", "Clara Voss", "PERSON", "said", "say",
             "the budget would protect Norway", "indirect", [("Norway", "GPE", "Norway")],
             date="2024-11-05"),
        _rel(d1, ART1, 0, "Clara Voss", "Voss", "PERSON", "said", "say",
             "We will not cut pensions,", "direct", [], nth_mention=2, nth_cue=2),
        _rel(d2, ART2, base2, "Tomas Berg", "Tomas Berg", "PERSON", "criticised", "criticise",
             "Voss and the <b>Labour</b> party & its \"allies\"", "indirect",
             [("Clara Voss", "PERSON", "Voss"), ("Labour", "ORG", "Labour")]),
        _rel(d2, ART2, base2, "Tomas Berg", "Berg", "PERSON", "According to", "according to",
             "the plan </script><img src=x onerror=\"document.title='pwned'\"> fails Norway",
             "according_to", [("Norway", "GPE", "Norway")], nth_mention=2),
        _rel("wire-7", JSONL_TEXT, 0, "Mia Holm", "Mia Holm", "PERSON", "warned", "warn",
             "Norway's budget is fragile", "indirect", [("Norway", "GPE", "Norway")]),
        _rel(f"{inp / 'gone.txt'}#1", "Gone Person said nothing.", 0, "Gone Person",
             "Gone Person", "PERSON", "said", "say", "nothing", "indirect", []),
    ]
    docs = [
        DocumentInfo(d1, str(news), 1, 0, len(ART1), None, "2024-11-05", "Daily Test",
                     None, 20, 2, 3),
        DocumentInfo(d2, str(news), 5, base2, base2 + len(ART2), "Berg <em>attacks</em>",
                     None, None, None, 25, 2, 4),
        DocumentInfo("wire-7", str(wire), 1, 0, len(JSONL_TEXT), "Wire <i>story</i>",
                     None, None, "javascript:alert(1)", 9, 1, 2),
        DocumentInfo(f"{inp / 'copy.txt'}#1", str(inp / "copy.txt"), 1, 0, len(ART1),
                     duplicate_of=d1),
        DocumentInfo(f"{inp / 'gone.txt'}#1", str(inp / "gone.txt"), 1, 0, 26, None, None,
                     None, None, 4, 1, 1),
        DocumentInfo(f"{inp / 'empty.txt'}#1", str(inp / "empty.txt"), 1, 0, 10, "No quotes",
                     None, None, None, 2, 0, 0),
    ]
    with open(out / "relations.jsonl", "w", encoding="utf-8") as fh:
        for r in rels:
            fh.write(json.dumps(r.to_dict(), ensure_ascii=False) + "\n")
    with open(out / "documents.jsonl", "w", encoding="utf-8") as fh:
        for d in docs:
            fh.write(json.dumps(d.to_dict(), ensure_ascii=False) + "\n")
    (out / "entities.jsonl").write_text(
        "".join(json.dumps({"doc_id": d1, "text": t, "label": "PERSON", "start": 0, "end": 1,
                            "name": t}) + "\n" for t in ("a", "b", "c", "d", "e", "f", "g")),
        encoding="utf-8")
    (out / "errors.jsonl").write_text(json.dumps(
        {"path": str(inp / "bad.bin"), "line": None, "message": "binary file <skipped>"}) + "\n",
        encoding="utf-8")

    g = nx.DiGraph()
    for nid, label, typ, st, roles in (
            ("P:voss", "Clara Voss", "PERSON", 2, ["Finance Minister"]),
            ("P:berg", "Tomas Berg", "PERSON", 2, ["Opposition leader"]),
            ("P:holm", "Mia Holm", "PERSON", 1, ["Analyst"]),
            ("G:norway", "Norway", "GPE", 0, []),
            ("O:labour", "Labour", "ORG", 0, []),
            ("X:hostile", HOSTILE_NAME, "ORG", 0, ["</script><b>x</b>"])):
        g.add_node(nid, label=label, type=typ, actor_id=nid, aliases=[label], roles=roles,
                   statements=st, mentions=1, articles=1)
    g.add_edge("P:voss", "G:norway", weight=1, articles=1, first_date="2024-11-05",
               last_date="2024-11-05", cues=["said"], quote="\u201cWe still hear the same promises,\u201d",
               quote_doc_id=d1, tone=0.4, tone_label="positive", kind="statement")
    g.add_edge("P:berg", "P:voss", weight=1, articles=1, cues=["criticised"],
               quote="Voss and the <b>Labour</b> party", quote_doc_id=d2, tone=-0.7,
               tone_label="negative", kind="statement")
    g.add_edge("P:berg", "O:labour", weight=1, tone=-0.7, kind="statement")
    g.add_edge("P:berg", "G:norway", weight=1, tone=0.0, kind="statement")
    g.add_edge("P:holm", "G:norway", weight=1, tone=-0.5, kind="statement")
    g.add_edge("P:voss", "X:hostile", weight=1, tone=0.0, kind="affiliation",
               quote="</script><script>document.title='pwned'</script>")
    write_graphml(g, out / "actors.graphml")
    return {"out": out, "inp": inp, "news": news, "d1": d1, "d2": d2, "rels": rels,
            "graph": g}


class Highlights(HTMLParser):
    """Collects, per article section, the text under each highlight (role, relation)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, tuple | None, bool]] = []
        self.article: str | None = None
        self.found: dict[tuple[str, str, str], str] = {}
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        cls = (a.get("class") or "").split()
        if tag == "section" and "article" in cls:
            self.article = a.get("id")
        key = None
        if tag == "span" and "hl" in cls:
            role = next(c for c in cls if c in ("sp", "cue", "ct", "tg"))
            key = (self.article, role, a.get("data-r"))
            self.found.setdefault(key, "")
        self.stack.append((tag, key, "tag" in cls))

    def handle_endtag(self, tag):
        while self.stack:
            t, _, _ = self.stack.pop()
            if t == tag:
                break

    def handle_data(self, data):
        if any(is_tag for _, _, is_tag in self.stack):
            self.tags.append(data)
            return
        for _, key, _ in self.stack:
            if key is not None:
                self.found[key] += data


@pytest.fixture()
def run(tmp_path):
    return make_run(tmp_path)


@pytest.fixture()
def report(run):
    path = write_report(run["out"])
    return path, path.read_text(encoding="utf-8")


def test_report_is_one_offline_file(report, run):
    path, page = report
    assert path == run["out"] / "report.html"
    assert page.startswith("<!DOCTYPE html>")
    # nothing is fetched: no external scripts, styles, images, fonts or frames
    assert not re.search(r"<(script|img|link|iframe)\b[^>]*\b(src|href)=", page, re.I)
    assert "@import" not in page
    assert not re.search(r"url\(\s*['\"]?(?!#)", page)  # only url(#marker) references
    assert "default-src 'none'" in page  # and the page's CSP forbids any fetch anyway
    # the graph data, the three vendored libraries (unmodified, with their licences) and ours
    assert page.count("<script") == 5
    vendor = Path(__file__).resolve().parents[1] / "pipeline" / "export" / "vendor"
    for name in ("graphology.umd.min.js", "graphology-library.min.js", "sigma.min.js"):
        assert f"<script>{(vendor / name).read_text(encoding='utf-8')}</script>" in page
    assert "Permission is hereby granted" in page.split("</script>")[-1]  # MIT notices


def test_summary_counts(report):
    _, page = report
    counts = dict((label, int(n.replace(",", ""))) for n, label in
                  re.findall(r'<div class="count"><b>([\d,]+)</b><span>([^<]+)</span>', page))
    assert counts == {"documents": 5, "duplicates set aside": 1, "relations": 6, "entities": 7,
                      "actors": 6, "graph nodes": 6, "graph edges": 6, "input errors": 1}
    assert "binary file &lt;skipped&gt;" in page
    assert "repeats" in page


def test_relations_are_highlighted_at_their_offsets(report, run):
    _, page = report
    p = Highlights()
    p.feed(page)
    sections = {m.group(2): m.group(1) for m in
                re.finditer(r'<section class="article" id="(a\d+)"><h3>([^<]*)</h3>', page)}
    a1 = next(v for k, v in sections.items() if k.startswith("Finance Minister Clara Voss"))
    a2 = sections[html_escape("Berg <em>attacks</em>")]
    a3 = sections[html_escape("Wire <i>story</i>")]
    f = p.found
    assert f[(a1, "sp", "1")] == "Clara Voss" and f[(a1, "sp", "2")] == "Voss"
    assert f[(a1, "cue", "1")] == "said" and f[(a1, "cue", "2")] == "said"
    assert f[(a1, "ct", "1")] == "the budget would protect Norway"
    assert f[(a1, "ct", "2")] == "We will not cut pensions,"
    assert f[(a1, "tg", "1")] == "Norway"
    # second article of the same file: offsets are shifted by where it starts in the file
    assert f[(a2, "sp", "1")] == "Tomas Berg" and f[(a2, "cue", "2")] == "According to"
    assert f[(a2, "sp", "2")] == "Berg"
    # the readable text: markup left in the input is not shown, offsets still fit
    assert f[(a2, "ct", "1")] == "Voss and the Labour party & its \"allies\""
    assert f[(a2, "tg", "1")] == "Voss" + "Labour"  # both targets of relation 1, in order
    assert f[(a2, "tg", "2")] == "Norway"
    assert (a2, "tg", "3") not in f
    # a .jsonl record: offsets index the record's text field
    assert f[(a3, "sp", "1")] == "Mia Holm" and f[(a3, "ct", "1")] == "Norway's budget is fragile"
    assert {"SPEAKER 1", "CUE 1", "CONTENT 1", "TARGET 1"} <= set(p.tags)


def html_escape(s: str) -> str:
    return html.escape(s, quote=True)


def test_markup_in_text_names_and_quotes_is_escaped(report):
    _, page = report
    body, _, script = page.partition('<script type="application/json" id="ag-data">')
    data_json, _, _ = script.partition("</script>")
    assert "<img" not in body and "<b>Labour" not in body and "<em>" not in body
    assert "&lt;img src=x onerror=" in body
    assert "&lt;/script&gt;&lt;img" in body
    assert "<" not in data_json and ">" not in data_json  # cannot close the script element
    data = json.loads(data_json)
    assert HOSTILE_NAME in {n["label"] for n in data["nodes"]}
    assert 'href="javascript:' not in page


def test_missing_input_keeps_relations_without_text(report):
    _, page = report
    sec = page[page.index("gone.txt#1</h3>"):]
    sec = sec[:sec.index("</section>")]
    assert "is not available" in sec
    assert 'class="text"' not in sec
    assert "Gone Person" in sec and "nothing" in sec


def test_changed_input_is_detected(run):
    news = run["news"]
    news.write_text("An extra first line shifts every offset.\n" + news.read_text(encoding="utf-8"),
                    encoding="utf-8")
    page = write_report(run["out"]).read_text(encoding="utf-8")
    assert "has changed since the run" in page
    p = Highlights()
    p.feed(page)
    assert all(text != "Clara Voss" for (_, role, _), text in p.found.items() if role == "sp")


def test_articles_with_relations_come_first_and_cap(run):
    page = write_report(run["out"], max_articles=2).read_text(encoding="utf-8")
    assert page.count('<section class="article"') == 2
    assert "No quotes" not in page
    page = write_report(run["out"], max_articles=10).read_text(encoding="utf-8")
    titles = re.findall(r'<section class="article" id="a\d+"><h3>([^<]*)</h3>', page)
    assert titles[-1] == "No quotes" and len(titles) == 5


def test_graph_rebuilt_when_graphml_missing(run):
    (run["out"] / "actors.graphml").unlink()
    page = write_report(run["out"]).read_text(encoding="utf-8")
    assert "graph rebuilt from relations" in page
    data = json.loads(page.split('id="ag-data">')[1].split("</script>")[0])
    assert {"Clara Voss", "Tomas Berg", "Norway"} <= {n["label"] for n in data["nodes"]}


def test_graph_data_positions_sizes_and_tones(report):
    _, page = report
    data = json.loads(page.split('id="ag-data">')[1].split("</script>")[0])
    nodes = {n["label"]: n for n in data["nodes"]}
    assert all(0 <= n["x"] <= 1000 and 0 <= n["y"] <= 640 for n in nodes.values())
    assert nodes["Clara Voss"]["r"] > nodes["Norway"]["r"]
    tones = {(data["nodes"][e["s"]]["label"], data["nodes"][e["t"]]["label"]): e["tone"]
             for e in data["edges"]}
    assert tones[("Tomas Berg", "Clara Voss")] == "neg"
    assert tones[("Clara Voss", "Norway")] == "pos"
    assert tones[("Tomas Berg", "Norway")] == "neu"
    # Clara Voss links to the shown articles she appears in
    assert len(nodes["Clara Voss"]["arts"]) == 2


def _art(text: str, spans: list[tuple[str, int, int]]) -> ArticleView:
    rels = []
    for i, (role, s, e) in enumerate(spans):
        rels.append(Relation("d", Speaker("S", "PERSON", text[s:e], s, e, True) if role == "sp"
                             else Speaker("S", "PERSON", "", -1, -1, True),
                             Cue(text[s:e], "x", s, e) if role == "cue" else Cue("", "", -1, -1),
                             text[s:e] if role == "ct" else "", s if role == "ct" else -1,
                             e if role == "ct" else -1, "direct",
                             [Target("T", "GPE", text[s:e], s, e)] if role == "tg" else [],
                             content_spans=[[s, e]] if role == "ct" else []))
    return ArticleView("d", None, rels, text=text, base=0)


@pytest.mark.parametrize("spans, levels", [
    ([("ct", 0, 30)], 1),
    ([("ct", 0, 30), ("tg", 5, 10)], 2),  # target inside content: stacked
    ([("ct", 0, 30), ("tg", 5, 10), ("tg", 20, 25)], 2),  # two targets share a level
    ([("sp", 0, 4), ("cue", 4, 9)], 2),  # adjacent but the first label needs the room
    ([("sp", 0, 20), ("cue", 30, 35)], 1),  # far apart: one level
    ([("ct", 0, 40)] * 12, 8),  # deeper than the cap shares the last level
])
def test_overlapping_spans_get_levels(spans, levels):
    text = "x" * 40
    out, n = render_text(_art(text, spans))
    assert n == levels
    p = Highlights()
    p.feed(f'<section class="article" id="a0">{out}</section>')
    for i, (role, s, e) in enumerate(spans, start=1):
        assert p.found[("a0", role, str(i))] == text[s:e]


def test_spans_outside_the_text_are_dropped_or_clipped():
    out, n = render_text(_art("abc", [("sp", 1, 2), ("ct", 50, 99), ("tg", -5, -1)]))
    assert n == 1 and out.count('class="hl') == 1
    out, n = render_text(_art("abc", [("ct", 2, 99)]))
    p = Highlights()
    p.feed(f'<section class="article" id="a0">{out}</section>')
    assert p.found == {("a0", "ct", "1"): "c"}


def test_big_run_stays_small_and_fast(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    n_docs, per_doc = 3000, 4
    with open(out / "relations.jsonl", "w") as rf, open(out / "documents.jsonl", "w") as df:
        for d in range(n_docs):
            doc_id = f"/nowhere/f{d}.txt#1"
            df.write(json.dumps(DocumentInfo(doc_id, f"/nowhere/f{d}.txt", 1, 0, 100,
                                             relations=per_doc).to_dict()) + "\n")
            for k in range(per_doc):
                r = Relation(doc_id, Speaker(f"Speaker {d % 50}", "PERSON", "he", 0, 2), Cue(
                    "said", "say", 3, 7), "x" * 200, 8, 208, "direct",
                    [Target(f"Target {k}", "GPE")])
                rf.write(json.dumps(r.to_dict()) + "\n")
    t0 = time.perf_counter()
    page = write_report(out, max_articles=25).read_text(encoding="utf-8")
    elapsed = time.perf_counter() - t0
    assert page.count('<section class="article"') == 25
    assert f"<b>{n_docs * per_doc:,}</b><span>relations</span>" in page
    assert len(page) < 2_000_000
    assert elapsed < 20


def test_cli_report(run, tmp_path):
    runner = CliRunner()
    target = tmp_path / "r" / "mine.html"
    res = runner.invoke(app, ["report", str(run["out"]), "--out", str(target),
                              "--max-articles", "1"])
    assert res.exit_code == 0, res.output
    assert str(target) in res.output
    assert target.read_text(encoding="utf-8").count('<section class="article"') == 1
    res = runner.invoke(app, ["report", str(tmp_path / "missing")])
    assert res.exit_code == 2
    assert "no such output folder" in res.output
    assert len(res.output.strip().splitlines()) == 1


# ---------------------------------------------------------------------------------------------
# Headless Chromium: the page renders, its script draws the graph, and nothing it shows runs.

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
# The graph view is WebGL (sigma.js): SwiftShader, Chromium's software GL, draws it headless.
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--use-angle=swiftshader",
                  "--enable-unsafe-swiftshader", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--hide-scrollbars", "--force-device-scale-factor=1"]


def find_chromium() -> str | None:
    explicit = os.environ.get("ACTORGRAPH_CHROMIUM")
    if explicit:
        if not shutil.which(explicit):
            pytest.fail(f"ACTORGRAPH_CHROMIUM={explicit!r} is not an executable")
        return explicit
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="module")
def chromium() -> str:
    binary = find_chromium()
    if binary is None:
        if os.environ.get("ACTORGRAPH_REQUIRE_CHROMIUM"):
            pytest.fail("ACTORGRAPH_REQUIRE_CHROMIUM is set but no chromium binary was found "
                        "(apt-get install -y --no-install-recommends chromium)")
        pytest.skip("no chromium binary (set ACTORGRAPH_REQUIRE_CHROMIUM to make this a failure)")
    return binary


def drawn_labels(dom: str) -> list[dict]:
    """The label boxes the graph view drew (its data-labels attribute), in viewport pixels."""
    m = re.search(r'<div id="ag-graph"[^>]*data-labels="([^"]*)"', dom)
    assert m, "the graph view published no label boxes"
    return json.loads(html.unescape(m.group(1)))


def run_chromium(binary: str, profile: Path, *args: str) -> subprocess.CompletedProcess:
    cmd = [binary, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--enable-logging=stderr",
           "--v=0", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


def decode_png(data: bytes) -> tuple[int, int, int, bytes]:
    """Width, height, bytes per pixel and raw pixel rows of an 8-bit RGB/RGBA PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width = 8, [], None
    while pos < len(data):
        length, ctype = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if ctype == b"IHDR":
            width, height, depth, color, _, _, interlace = struct.unpack(">IIBBBBB", chunk)
            assert depth == 8 and color in (2, 6) and interlace == 0
            bpp = 3 if color == 2 else 4
        elif ctype == b"IDAT":
            idat.append(chunk)
        elif ctype == b"IEND":
            break
    raw = zlib.decompress(b"".join(idat))
    stride = width * bpp
    out = bytearray()
    prev = bytearray(stride)
    for y in range(height):
        ftype = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        if ftype == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 0xFF
        elif ftype == 2:
            line = bytearray((a + b) & 0xFF for a, b in zip(line, prev))
        elif ftype == 3:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 0xFF
        elif ftype == 4:
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b = prev[i]
                c = prev[i - bpp] if i >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[i] = (line[i] + pred) & 0xFF
        out += line
        prev = line
    return width, height, bpp, bytes(out)


@pytest.mark.slow
def test_report_renders_in_headless_chromium(chromium, run, tmp_path):
    page = write_report(run["out"])
    url = page.resolve().as_uri()
    res = run_chromium(chromium, tmp_path / "profile-dom", "--dump-dom", url)
    assert res.returncode == 0, res.stderr[-2000:]
    dom = res.stdout
    # the script ran to the end and the renderer drew every actor, its edges and labels
    assert 'data-report-ready="1"' in dom
    m = re.search(r'id="ag-graph"[^>]*>', dom)
    assert m and 'data-ready="1"' in m.group(0) and 'data-nodes="6"' in m.group(0) \
        and 'data-edges="6"' in m.group(0) and "data-error" not in m.group(0)
    assert len(re.findall(r"<canvas", dom)) >= 2  # sigma's WebGL and label layers
    labels = drawn_labels(dom)
    assert {"Clara Voss", "Tomas Berg", "Norway"} <= {lab["label"] for lab in labels}
    # the relations are highlighted in the rendered page
    p = Highlights()
    p.feed(dom)
    assert "Clara Voss" in {t for (_, role, _), t in p.found.items() if role == "sp"}
    assert "Norway" in {t for (_, role, _), t in p.found.items() if role == "tg"}
    # nothing from the data ran or became markup
    assert "<title>actorgraph report</title>" in dom and "pwned" not in dom.split("</title>")[0]
    assert not re.search(r"<img\b", dom)
    assert "Uncaught" not in res.stderr, res.stderr[-2000:]

    # selecting an actor (as a click does) highlights it and its neighbours, dims the rest
    res = run_chromium(chromium, tmp_path / "profile-sel", "--dump-dom", url + "#actor=P:voss")
    assert res.returncode == 0, res.stderr[-2000:]
    dom = res.stdout
    graph = re.search(r'<div id="ag-graph"[^>]*>', dom).group(0)
    assert 'data-selected="P:voss"' in graph
    dimmed = json.loads(html.unescape(re.search(r'data-dimmed="([^"]*)"', graph).group(1)))
    assert set(dimmed) == {"Mia Holm", "Labour"}
    assert not {"Mia Holm", "Labour"} & {lab["label"] for lab in drawn_labels(dom)}
    panel = re.search(r'<div id="ag-panel" class="panel"( hidden="")?>(.*?)<noscript>', dom, re.S)
    assert panel and panel.group(1) is None, "the details panel is shown"
    assert "<h4>Clara Voss</h4>" in panel.group(2)
    assert "Says about" in panel.group(2) and "Is talked about by" in panel.group(2)
    assert '<a href="#a0">' in panel.group(2)  # links to the articles she appears in
    # a quote that comes with its quotation marks is shown in one pair, not two
    assert "\u201cWe still hear the same promises,\u201d" in panel.group(2)
    assert "\u201c\u201c" not in panel.group(2) and "\u201d\u201d" not in panel.group(2)

    shot = tmp_path / "report.png"
    res = run_chromium(chromium, tmp_path / "profile-shot", f"--screenshot={shot}",
                       "--window-size=1100,1800", url)
    assert res.returncode == 0 and shot.exists(), res.stderr[-2000:]
    width, height, bpp, px = decode_png(shot.read_bytes())
    assert (width, height) == (1100, 1800)
    total = width * height
    non_white = coloured = 0
    for i in range(0, len(px), bpp * 3):  # every third pixel is plenty
        r, g, b = px[i], px[i + 1], px[i + 2]
        if min(r, g, b) < 235:
            non_white += 1
        if max(r, g, b) - min(r, g, b) > 80:
            coloured += 1
    sampled = total // 3
    assert non_white > 0.05 * sampled, "screenshot is (nearly) blank"
    assert coloured > 0.002 * sampled, "no coloured graph nodes, edges or highlights drawn"
    keep = os.environ.get("ACTORGRAPH_KEEP_SCREENSHOT")
    if keep:
        shutil.copy(shot, keep)


def test_blank_lines_become_one_short_gap_and_single_newlines_stay():
    out, _ = render_text(_art("one\n\n\n  \ntwo\nthree", []))
    assert out == 'one<span class="pb"></span>two\nthree'
    out, _ = render_text(_art("said it\n\nthen", [("cue", 0, 4)]))
    assert out.endswith(' it<span class="pb"></span>then')


def test_layout_keeps_components_apart():
    from pipeline.export.report import layout

    g = nx.Graph()
    nx.add_star(g, [f"hub{i}" for i in range(12)])
    nx.add_path(g, ["a", "b", "c"])
    g.add_node("alone")
    pos = layout(g, aspect=1.5)
    assert set(pos) == set(g)

    def box(nodes):
        xs, ys = [pos[n][0] for n in nodes], [pos[n][1] for n in nodes]
        return min(xs), min(ys), max(xs), max(ys)

    boxes = [box(c) for c in nx.connected_components(g)]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert a[2] < b[0] or b[2] < a[0] or a[3] < b[1] or b[3] < a[1], (a, b)
    assert layout(g) == pos  # seeded: the same run gives the same picture


def test_relation_counts_missing_from_documents_jsonl(run):
    docs = run["out"] / "documents.jsonl"
    lines = [json.loads(l) for l in docs.read_text(encoding="utf-8").splitlines()]
    for d in lines:
        d["relations"] = 0  # a writer that does not fill the counts
    docs.write_text("".join(json.dumps(d) + "\n" for d in lines), encoding="utf-8")
    page = write_report(run["out"], max_articles=3).read_text(encoding="utf-8")
    titles = re.findall(r'<section class="article" id="a\d+"><h3>([^<]*)</h3>', page)
    assert len(titles) == 3 and "No quotes" not in titles
    assert page.count('<tr data-r="') == 5  # 2 + 2 + 1 relations still listed


def test_without_documents_jsonl_relations_are_listed(run):
    (run["out"] / "documents.jsonl").unlink()
    page = write_report(run["out"]).read_text(encoding="utf-8")
    assert "<b>4</b><span>documents</span>" in page
    assert page.count('<tr data-r="') == 6
    assert "no documents.jsonl entry" in page


def test_empty_run(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "relations.jsonl").write_text("")
    (out / "documents.jsonl").write_text("not json\n")
    nx.write_graphml(nx.DiGraph(), out / "actors.graphml")
    page = write_report(out).read_text(encoding="utf-8")
    assert '"nodes":[]' in page and "<b>0</b><span>relations</span>" in page
    assert "1 unreadable lines" in page


def make_big_run(out: Path, n: int = 500, seed: int = 5) -> Path:
    """A run folder whose graph has ``n`` actors: a preferential-attachment tree (a few hubs,
    many leaves) plus isolated actors, names of every length, as a real corpus gives."""
    import random

    rng = random.Random(seed)
    first = ["Clara", "Tomas", "Amira", "Jonas", "Leila", "Paul", "Nadia", "Samuel", "Irene"]
    last = ["Voss", "Brandt", "Haddad", "Ekberg", "Farouk", "Marchetti", "Orlova", "al-Rashed"]
    tree = nx.barabasi_albert_graph(n - 40, 1, seed=seed)
    g = nx.DiGraph()
    for i in range(n):
        kind = rng.choice(["person", "person", "org", "country"])
        label = {"person": f"{rng.choice(first)} {rng.choice(last)} {i}",
                 "org": f"Ministry of {rng.choice(['Water', 'Foreign Affairs and Trade'])} {i}",
                 "country": f"Country {i}"}[kind]
        g.add_node(f"a:{i}", label=label, type=kind, actor_id=f"a:{i}")
    for u, v in tree.edges():
        g.add_edge(f"a:{u}", f"a:{v}", weight=1 + rng.randrange(3), kind="statement",
                   tone=rng.uniform(-1, 1), quote="We will not sign this deal")
    for a in g:
        g.nodes[a]["statements"] = g.out_degree(a, weight="weight") + g.in_degree(a)
        g.nodes[a]["mentions"] = g.in_degree(a, weight="weight")
        g.nodes[a]["articles"] = 1 + g.degree(a)
    out.mkdir(parents=True)
    write_graphml(g, out / "actors.graphml")
    (out / "documents.jsonl").write_text(json.dumps(DocumentInfo(
        "d#1", "/nowhere/d.txt", 1, 0, 10).to_dict()) + "\n", encoding="utf-8")
    (out / "relations.jsonl").write_text("", encoding="utf-8")
    return out


@pytest.mark.slow
def test_a_graph_of_500_actors_labels_the_hubs_and_no_two_labels_overlap(chromium, tmp_path):
    out = make_big_run(tmp_path / "big")
    page = write_report(out, max_nodes=500)
    data = json.loads(page.read_text(encoding="utf-8").split('id="ag-data">')[1]
                      .split("</script>")[0])
    assert len(data["nodes"]) == 500
    res = run_chromium(chromium, tmp_path / "profile", "--dump-dom",
                       "--virtual-time-budget=3000", "--window-size=1200,1000",
                       page.resolve().as_uri())
    assert res.returncode == 0, res.stderr[-2000:]
    graph = re.search(r'<div id="ag-graph"[^>]*>', res.stdout).group(0)
    assert 'data-ready="1"' in graph and 'data-nodes="500"' in graph and "data-error" not in graph
    labels = drawn_labels(res.stdout)
    # the ten most active actors (the report ranks nodes by activity) are all labelled
    most_active = {n["id"] for n in data["nodes"][:10]}
    assert most_active <= {lab["id"] for lab in labels}
    by_statements = sorted(data["nodes"], key=lambda n: -n["statements"])[:5]
    assert {n["id"] for n in by_statements} <= {lab["id"] for lab in labels}
    # many more labels than the hubs, as room allows, and no two drawn labels overlap
    assert 40 <= len(labels) < 500
    for i, a in enumerate(labels):
        assert a["x2"] > a["x1"] and a["y2"] > a["y1"]
        for b in labels[i + 1:]:
            apart = a["x2"] <= b["x1"] or b["x2"] <= a["x1"] or a["y2"] <= b["y1"] or b["y2"] <= a["y1"]
            assert apart, (a, b)


def test_what_the_clean_up_dropped_is_shown_as_dropped():
    """A repeated caption and a TT marker are in the input text but not analysed: the article
    view marks them dropped instead of showing them as article text (first caption kept)."""
    from pipeline.run.folder import _set_text

    caption = "Clara Voss speaks to reporters in Oslo on Monday."
    text = (f"Dam Talks Resume\n\nFinance Minister Clara Voss said on Monday that the dam would "
            f"open in May.\n\n{caption}\n\nTT\n\nShe said the plan would work for every farmer "
            f"in the valley.\n\n{caption}\n\nOpposition leader Tomas Berg said it was a mistake.\n")
    art = ArticleView("d", None, [])
    _set_text(art, text, 0)
    out, _ = render_text(art)
    dropped = re.findall(r'<span class="dropped"[^>]*>(.*?)</span>', out, re.S)
    assert [d.strip() for d in dropped] == ["TT", caption]
    assert out.count(caption) == 2 and out.index(caption) < out.index('class="dropped"')
    assert html.unescape(re.sub(r"<[^>]+>", "", out)).replace("\n", "") == \
        re.sub(r"\n\s*\n", "", text).replace("\n", "")  # nothing hidden, nothing added


ZOOM_IN = """<script>
var before = window.actorgraphLabels.map(function (l) { return l.id; });
var renderer = window.actorgraph.renderer;
renderer.getCamera().setState({x: 0.5, y: 0.5, ratio: 0.3});
renderer.refresh();
document.body.setAttribute("data-zoom-test", JSON.stringify({before: before,
  after: window.actorgraphLabels}));
</script></body>"""


@pytest.mark.slow
def test_zooming_in_shows_labels_that_had_no_room(chromium, tmp_path):
    """Labels depend on the zoom: zoomed in on the middle, actors whose labels had no room in
    the whole view are labelled, still without overlaps."""
    out = make_big_run(tmp_path / "big")
    page = write_report(out, max_nodes=500)
    zoomed = tmp_path / "zoomed.html"
    zoomed.write_text(page.read_text(encoding="utf-8").replace("</body>", ZOOM_IN),
                      encoding="utf-8")
    res = run_chromium(chromium, tmp_path / "profile", "--dump-dom",
                       "--virtual-time-budget=3000", "--window-size=1200,1000", zoomed.as_uri())
    assert res.returncode == 0, res.stderr[-2000:]
    m = re.search(r'data-zoom-test="([^"]*)"', res.stdout)
    assert m, res.stderr[-2000:]
    seen = json.loads(html.unescape(m.group(1)))
    after = seen["after"]
    new = {lab["id"] for lab in after} - set(seen["before"])
    assert len(new) >= 10, "zooming in labels actors that had no room before"
    for i, a in enumerate(after):
        for b in after[i + 1:]:
            assert a["x2"] <= b["x1"] or b["x2"] <= a["x1"] or a["y2"] <= b["y1"] \
                or b["y2"] <= a["y1"], (a, b)


def test_an_untitled_article_is_named_by_its_cleaned_opening_words(run):
    page = write_report(run["out"]).read_text(encoding="utf-8")
    titles = re.findall(r'<section class="article" id="a\d+"><h3>([^<]*)</h3>', page)
    # news.txt#1 has no headline: its lead names it, not its doc id; titled ones keep the title
    assert titles[0].startswith("Finance Minister Clara Voss said on Tuesday")
    assert "Wire &lt;i&gt;story&lt;/i&gt;" in titles


def test_heading_of_a_wire_text_skips_its_header_and_repairs_glued_words():
    text = ("date 2025-02-03 2025-02-03 09:15:00 - From: Harbour Wire\n\n"
            "Harbour Wire/ The port authority said on Monday that the newcontainer terminal "
            "would open in the spring, after two years of delays and a long dispute.\n")
    art = ArticleView(doc_id="wire.txt#1", info=None, text=text)
    heading = article_heading(art)
    assert "From:" not in heading and "new container terminal" in heading
    assert heading.endswith("\u2026") and len(heading) <= 90
    assert article_heading(ArticleView(doc_id="empty.txt#1", info=None)) == "empty.txt#1"
