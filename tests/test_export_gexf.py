"""GEXF export: dynamic intervals for Gephi's timeline, labels, weights; read back and parsed."""

from __future__ import annotations

import datetime as dt
import io
import xml.etree.ElementTree as ET

import networkx as nx
import pytest

from pipeline.export import write_gexf
from pipeline.export.gexf import period_bounds

NS = "{http://www.gexf.net/1.2draft}"


def contract_graph() -> nx.DiGraph:
    g = nx.DiGraph()
    g.add_node("P:hussein", label="Fuad Hussein", type="PERSON", aliases=["the FM", "Hussein"],
               roles=["Foreign Minister"], affiliation="Iraq", statements=4, mentions=2,
               articles=2)
    g.add_node("G:us", label="United States", type="GPE", aliases=["Washington", "the US"],
               statements=0, mentions=3, articles=2)
    g.add_node("O:pkk", label="PKK", type="ORG", statements=0, mentions=1, articles=1)
    g.add_node("G:iraq", label="Iraq", type="GPE", statements=0, mentions=0, articles=0)
    g.add_node("P:quiet", label="Quiet Person", type="PERSON")  # no edges at all
    g.add_edge("P:hussein", "G:us", weight=3, articles=2, first_date="2024-11-05",
               last_date="2024-12", cues=["said", "criticised"], quote="It must stop.",
               quote_doc_id="x#1", tone=-0.6, tone_label="negative", kind="statement")
    g.add_edge("P:hussein", "O:pkk", weight=1, articles=1, first_date="2023",
               last_date="2023", cues=["warned"], tone=-0.8, kind="statement")
    g.add_edge("G:us", "O:pkk", weight=1, articles=1, cues=["said"], tone=0.0,
               kind="statement")  # undated
    g.add_edge("P:hussein", "G:iraq", weight=1, kind="affiliation", first_date="2024-02")
    return g


def write(g: nx.Graph) -> bytes:
    buf = io.BytesIO()
    write_gexf(g, buf)
    return buf.getvalue()


@pytest.mark.parametrize("value, expected", [
    ("2024-11-05", ("2024-11-05", "2024-11-05")),
    ("2024-11", ("2024-11-01", "2024-11-30")),
    ("2024-02", ("2024-02-01", "2024-02-29")),
    ("2023-02", ("2023-02-01", "2023-02-28")),
    ("2024-12", ("2024-12-01", "2024-12-31")),
    ("2024", ("2024-01-01", "2024-12-31")),
    ("2024-11-05T13:05:28", ("2024-11-05", "2024-11-05")),
    (dt.date(2024, 1, 2), ("2024-01-02", "2024-01-02")),
    (dt.datetime(2024, 1, 2, 3, 4), ("2024-01-02", "2024-01-02")),
    ("2024-02-30", None),
    ("2024-13", None),
    ("11/2024", None),
    ("last week", None),
    ("", None),
    (None, None),
    (2024, None),
])
def test_period_bounds(value, expected):
    got = period_bounds(value)
    assert (got and (got[0].isoformat(), got[1].isoformat())) == expected


def test_dynamic_graph_read_back_by_networkx(tmp_path):
    path = tmp_path / "actors.gexf"
    write_gexf(contract_graph(), path)
    h = nx.read_gexf(path)
    assert h.graph["mode"] == "dynamic"
    assert h.nodes["P:hussein"]["label"] == "Fuad Hussein"
    assert h.nodes["P:hussein"]["aliases"] == "the FM; Hussein"
    assert h.nodes["P:hussein"]["statements"] == 4
    e = h.edges["P:hussein", "G:us"]
    assert e["weight"] == 3.0
    assert (e["start"], e["end"]) == ("2024-11-05", "2024-12-31")
    assert e["cues"] == "said; criticised" and e["tone"] == -0.6
    assert e["first_date"] == "2024-11-05"  # the original value stays as an attribute
    e2 = h.edges["P:hussein", "O:pkk"]
    assert (e2["start"], e2["end"]) == ("2023-01-01", "2023-12-31")
    assert "start" not in h.edges["G:us", "O:pkk"]


def test_xml_is_what_gephi_reads_for_a_timeline():
    root = ET.fromstring(write(contract_graph()))
    assert root.tag == f"{NS}gexf" and root.get("version") == "1.2"
    graph = root.find(f"{NS}graph")
    assert graph.get("mode") == "dynamic"
    assert graph.get("timeformat") == "date"
    assert graph.get("defaultedgetype") == "directed"
    nodes = {n.get("id"): n for n in graph.iter(f"{NS}node")}
    # node label is the GEXF label attribute, not an attvalue
    assert nodes["O:pkk"].get("label") == "PKK"
    titles = {a.get("title") for a in graph.iter(f"{NS}attribute")}
    assert "label" not in titles and "weight" not in titles
    # Hussein's edges are all dated: he spans them (2023 .. Dec 2024)
    assert (nodes["P:hussein"].get("start"), nodes["P:hussein"].get("end")) == \
        ("2023-01-01", "2024-12-31")
    # Iraq only touches one dated edge
    assert (nodes["G:iraq"].get("start"), nodes["G:iraq"].get("end")) == \
        ("2024-02-01", "2024-02-29")
    # the US and the PKK touch an undated (always visible) edge, so they stay static
    for static in ("G:us", "O:pkk", "P:quiet"):
        assert nodes[static].get("start") is None and nodes[static].get("end") is None
    for edge in graph.iter(f"{NS}edge"):
        s, e = edge.get("start"), edge.get("end")
        assert (s is None) == (e is None)
        if s:
            assert dt.date.fromisoformat(s) <= dt.date.fromisoformat(e)
            for end in (edge.get("source"), edge.get("target")):
                n = nodes[end]
                if n.get("start"):  # every dated edge lies inside its dated nodes
                    assert n.get("start") <= s and e <= n.get("end")
    ids = [e.get("id") for e in graph.iter(f"{NS}edge")]
    assert len(ids) == len(set(ids)) == 4


def test_reversed_and_partial_dates_make_a_valid_interval():
    g = nx.DiGraph()
    g.add_edge("a", "b", first_date="2024-12-31", last_date="2024-01")
    g.add_edge("b", "c", last_date="2022")
    g.add_edge("c", "d", first_date="not a date", last_date="2021-06-07")
    h = nx.read_gexf(io.BytesIO(write(g)))
    assert (h.edges["a", "b"]["start"], h.edges["a", "b"]["end"]) == ("2024-01-01", "2024-12-31")
    assert (h.edges["b", "c"]["start"], h.edges["b", "c"]["end"]) == ("2022-01-01", "2022-12-31")
    assert (h.edges["c", "d"]["start"], h.edges["c", "d"]["end"]) == ("2021-06-07", "2021-06-07")


def test_without_dates_the_graph_is_static():
    g = nx.DiGraph()
    g.add_edge("a", "b", weight=2)
    root = ET.fromstring(write(g))
    graph = root.find(f"{NS}graph")
    assert graph.get("mode") == "static" and graph.get("timeformat") is None
    assert all(e.get("start") is None for e in graph.iter(f"{NS}edge"))
    h = nx.read_gexf(io.BytesIO(write(g)))
    assert h.edges["a", "b"]["weight"] == 2.0
    assert h.nodes["a"]["label"] == "a"  # missing label falls back to the id


def test_hostile_text_mixed_types_and_reserved_names():
    g = nx.DiGraph()
    g.add_node("a\x00", label='<img src=x onerror="alert(1)">\x1b & "q"\n', size=3,
               score=1, roles={"b", "a"})
    g.add_node("b", label="B", score=2.5, size="big")
    g.add_edge("a\x00", "b", weight=1, label="says <x>", quote="\ud800ok", tone=True)
    data = write(g)
    ET.fromstring(data)
    h = nx.read_gexf(io.BytesIO(data))
    a = h.nodes["a"]
    assert a["label"] == '<img src=x onerror="alert(1)"> & "q"\n'
    assert a["score"] == 1.0 and h.nodes["b"]["score"] == 2.5
    assert a["size_"] == "3" and h.nodes["b"]["size_"] == "big"
    assert a["roles"] == "a; b"
    e = h.edges["a", "b"]
    assert e["label"] == "says <x>" and e["quote"] == "ok" and e["tone"] is True


def test_undirected_and_atomic_file(tmp_path):
    g = nx.Graph()
    g.add_edge("a", "b", first_date="2024-01-01")
    path = tmp_path / "u.gexf"
    path.write_text("old")
    write_gexf(g, path)
    h = nx.read_gexf(path)
    assert not h.is_directed()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["u.gexf"]
