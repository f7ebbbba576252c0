"""GraphML export: round trips through networkx and the XML rules Gephi's importer depends on."""

from __future__ import annotations

import io
import os
import stat
import xml.etree.ElementTree as ET

import networkx as nx
import numpy as np
import pytest

from pipeline.export import gephi_safe, write_graphml
from pipeline.export import graphml as graphml_mod

NS = "{http://graphml.graphdrawing.org/xmlns}"
# What Gephi's GraphML importer maps to built-in properties (ImporterGraphML's constructor).
GEPHI_NODE_PROPS = {"label", "d3", "x", "y", "xpos", "ypos", "z", "size", "r", "g", "b"}
GEPHI_EDGE_PROPS = {"label", "edgelabel", "d7", "weight", "edge weight", "id", "edgeid",
                    "r", "g", "b"}


def contract_graph() -> nx.DiGraph:
    """A graph with the attributes pipeline/graph.py promises."""
    g = nx.DiGraph()
    g.add_node("P:jaafari", label="Ibrahim al-Jaafari", type="PERSON", actor_id="P:jaafari",
               aliases=["al-Jaafari", "the foreign minister"], roles=["Foreign Minister"],
               affiliation="Iraq", statements=3, mentions=5, articles=2)
    g.add_node("G:iraq", label="Iraq", type="GPE", actor_id="G:iraq", aliases=["Iraqi"],
               roles=[], affiliation=None, statements=0, mentions=4, articles=2)
    g.add_node("G:turkey", label="Turkey", type="GPE", actor_id="G:turkey",
               aliases=("Türkiye", "Turkish"), statements=1, mentions=1, articles=1)
    g.add_edge("P:jaafari", "G:turkey", weight=2, articles=2, first_date="2024-11",
               last_date="2024-12-19", cues=["said", "warned"], quote="We will not accept it.",
               quote_doc_id="a.txt#1", tone=-0.5, tone_label="negative", kind="statement")
    g.add_edge("P:jaafari", "G:iraq", weight=1, articles=1, first_date=None, last_date=None,
               cues=[], quote="", quote_doc_id="a.txt#2", tone=0.0, tone_label="neutral",
               kind="affiliation")
    return g


def roundtrip(g: nx.Graph) -> tuple[nx.Graph, bytes]:
    buf = io.BytesIO()
    write_graphml(g, buf)
    data = buf.getvalue()
    return nx.read_graphml(io.BytesIO(data)), data


def keys(data: bytes) -> list[dict[str, str]]:
    root = ET.fromstring(data)
    return [dict(k.attrib) for k in root.iter(f"{NS}key")]


def test_contract_graph_round_trip_labels_types_weights(tmp_path):
    path = tmp_path / "actors.graphml"
    write_graphml(contract_graph(), path)
    h = nx.read_graphml(path)
    assert set(h) == {"P:jaafari", "G:iraq", "G:turkey"}
    j = h.nodes["P:jaafari"]
    assert j["label"] == "Ibrahim al-Jaafari"
    assert j["aliases"] == "al-Jaafari; the foreign minister"
    assert j["roles"] == "Foreign Minister"
    assert isinstance(j["statements"], int) and j["statements"] == 3
    assert h.nodes["G:turkey"]["aliases"] == "Türkiye; Turkish"
    assert "affiliation" not in h.nodes["G:iraq"]  # None dropped
    assert "roles" not in h.nodes["G:iraq"]  # empty list dropped
    e = h.edges["P:jaafari", "G:turkey"]
    assert e["weight"] == 2 and isinstance(e["weight"], int)
    assert e["cues"] == "said; warned"
    assert e["tone"] == -0.5 and isinstance(e["tone"], float)
    assert e["first_date"] == "2024-11" and e["kind"] == "statement"
    assert "first_date" not in h.edges["P:jaafari", "G:iraq"]
    assert h.is_directed()


def test_keys_are_unique_and_gephi_reads_label_from_label_only():
    _, data = roundtrip(contract_graph())
    ks = keys(data)
    ids = [k["id"].lower() for k in ks]
    assert len(ids) == len(set(ids)), "key ids must be unique (GraphML schema, networkx reader)"
    for k in ks:
        props = GEPHI_NODE_PROPS if k["for"] == "node" else GEPHI_EDGE_PROPS
        # Gephi matches a key's id first, then its attr.name, against its property list.
        for field in (k["id"].lower(), k["attr.name"].lower()):
            if field in props:
                assert (k["for"], k["attr.name"]) in {("node", "label"), ("edge", "label"),
                                                      ("edge", "weight")}, k
    node_label = [k for k in ks if k["for"] == "node" and k["attr.name"] == "label"]
    assert node_label == [{"id": "label", "for": "node", "attr.name": "label",
                           "attr.type": "string"}]
    # every node carries the label data, so Gephi shows names, not ids
    root = ET.fromstring(data)
    for node in root.iter(f"{NS}node"):
        assert any(d.get("key") == "label" and d.text for d in node.iter(f"{NS}data"))


def test_one_type_per_key_in_file():
    g = nx.Graph()
    g.add_node("a", score=1, tag=1, flag=True)
    g.add_node("b", score=2.5, tag="x", flag=1)
    _, data = roundtrip(g)
    names = [(k["for"], k["attr.name"]) for k in keys(data)]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("values, expected_type, expected", [
    ([1, 2], int, [1, 2]),
    ([1, 2.5], float, [1.0, 2.5]),
    ([np.int64(3), np.float32(0.5)], float, [3.0, 0.5]),
    ([np.int32(3), 4], int, [3, 4]),
    ([True, False], bool, [True, False]),
    ([np.bool_(True), False], bool, [True, False]),
    ([True, 1], str, ["true", "1"]),
    ([1, "x"], str, ["1", "x"]),
    ([1.5, "x"], str, ["1.5", "x"]),
    ([["a", "b"], "c"], str, ["a; b", "c"]),
    ([{"k": [1, 2]}, None], str, ['{"k": [1, 2]}', None]),
    ([2**70, 1], str, [str(2**70), "1"]),
    ([float("inf"), 1], float, [float("inf"), 1.0]),
    ([float("nan"), 1], int, [None, 1]),
])
def test_mixed_types_coerced_to_one(values, expected_type, expected):
    g = nx.Graph()
    for i, v in enumerate(values):
        g.add_node(f"n{i}", val=v)
    h, _ = roundtrip(g)
    got = [h.nodes[f"n{i}"].get("val") for i in range(len(values))]
    assert got == expected
    assert all(isinstance(v, expected_type) for v in got if v is not None)


@pytest.mark.parametrize("name", ["x", "y", "z", "size", "r", "g", "b", "X", "Size", "xpos",
                                  "d3", "D3", "id", "Label"])
def test_reserved_node_attributes_renamed(name):
    g = nx.Graph()
    g.add_node("a", **{name: 7, "label": "A"})
    h, data = roundtrip(g)
    assert h.nodes["a"][name + "_"] == 7
    assert name not in h.nodes["a"]
    assert h.nodes["a"]["label"] == "A"


@pytest.mark.parametrize("name", ["id", "edgeid", "r", "g", "b", "d7", "edgelabel",
                                  "Edge Weight", "Weight", "source"])
def test_reserved_edge_attributes_renamed(name):
    g = nx.DiGraph()
    g.add_edge("a", "b", **{name: 3, "weight": 2, "label": "says"})
    h, _ = roundtrip(g)
    e = h.edges["a", "b"]
    assert e[name + "_"] == 3 and name not in e
    assert e["weight"] == 2 and e["label"] == "says"


def test_renamed_attribute_does_not_overwrite_existing_one():
    g = nx.Graph()
    g.add_node("a", x=1, x_=2, size=3)
    h, _ = roundtrip(g)
    assert h.nodes["a"]["x_"] == 2
    assert h.nodes["a"]["x__"] == 1
    assert h.nodes["a"]["size_"] == 3


def test_non_numeric_weight_is_renamed_so_gephi_does_not_fail_to_parse_it():
    g = nx.DiGraph()
    g.add_edge("a", "b", weight="heavy")
    g.add_edge("b", "c", weight=2)
    h, _ = roundtrip(g)
    assert h.edges["a", "b"]["weight_"] == "heavy"
    assert "weight" not in h.edges["a", "b"]


HOSTILE = 'Al-<b>Jaafari</b> & "Co" \'x\' \x00\x01\x1b\x7f\ud800\ufffe\uffff]]> \r\n\tend'
CLEAN = 'Al-<b>Jaafari</b> & "Co" \'x\' \x7f]]> \r\n\tend'


def test_xml_hostile_names_values_and_ids():
    g = nx.DiGraph()
    g.add_node(HOSTILE, label=HOSTILE, roles=[HOSTILE, "</script>"])
    g.add_node("plain", label="Plain")
    g.add_edge(HOSTILE, "plain", weight=1, quote=HOSTILE, **{"bad\x00key <&>": "v"})
    h, data = roundtrip(g)
    ET.fromstring(data)  # a strict XML parser accepts it
    assert h.nodes[CLEAN]["label"] == CLEAN
    assert h.nodes[CLEAN]["roles"] == CLEAN + "; </script>"
    e = h.edges[CLEAN, "plain"]
    assert e["quote"] == CLEAN
    assert e["badkey <&>"] == "v"


def test_node_ids_of_any_type_and_colliding_ids():
    g = nx.Graph()
    g.add_node(1, label="int one")
    g.add_node("1", label="str one")
    g.add_node(("a", 2), label="tuple")
    g.add_node("", label="empty")
    g.add_edge(1, "1")
    h, _ = roundtrip(g)
    assert sorted(h.nodes[n]["label"] for n in h) == ["empty", "int one", "str one", "tuple"]
    assert h.number_of_edges() == 1
    (u, v), = h.edges
    assert {h.nodes[u]["label"], h.nodes[v]["label"]} == {"int one", "str one"}


def test_missing_label_falls_back_to_node_id():
    g = nx.Graph()
    g.add_node("Q42")
    g.add_node("n", label=42)
    h, _ = roundtrip(g)
    assert h.nodes["Q42"]["label"] == "Q42"
    assert h.nodes["n"]["label"] == "42"


def test_undirected_and_multigraph():
    g = nx.MultiDiGraph()
    g.add_edge("a", "b", weight=1, kind="statement")
    g.add_edge("a", "b", weight=2, kind="affiliation")
    h, data = roundtrip(g)
    assert h.is_multigraph() and h.number_of_edges("a", "b") == 2
    assert sorted(d["weight"] for _, _, d in h.edges(data=True)) == [1, 2]
    edge_ids = [e.get("id") for e in ET.fromstring(data).iter(f"{NS}edge")]
    assert len(set(edge_ids)) == 2
    u = nx.Graph()
    u.add_edge("a", "b")
    hu, _ = roundtrip(u)
    assert not hu.is_directed()


def test_gephi_safe_copy_leaves_input_alone():
    g = contract_graph()
    safe = gephi_safe(g)
    assert g.nodes["P:jaafari"]["roles"] == ["Foreign Minister"]
    assert safe.nodes["P:jaafari"]["roles"] == "Foreign Minister"
    assert all(isinstance(v, (str, int, float, bool))
               for _, d in safe.nodes(data=True) for v in d.values())


def test_text_file_rejected_binary_file_left_open(tmp_path):
    with open(tmp_path / "t.graphml", "w") as fh, pytest.raises(TypeError):
        write_graphml(contract_graph(), fh)
    with open(tmp_path / "b.graphml", "wb") as fh:
        write_graphml(contract_graph(), fh)
        assert not fh.closed
    assert nx.read_graphml(tmp_path / "b.graphml").number_of_nodes() == 3


def test_failed_write_keeps_previous_file_and_leaves_no_temp(tmp_path, monkeypatch):
    path = tmp_path / "actors.graphml"
    write_graphml(contract_graph(), path)
    before = path.read_bytes()

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(graphml_mod, "_write_data", boom)
    g = contract_graph()
    g.add_node("new", label="New")
    with pytest.raises(RuntimeError):
        write_graphml(g, path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["actors.graphml"]


def test_written_file_has_ordinary_permissions(tmp_path):
    old = os.umask(0o022)
    try:
        write_graphml(contract_graph(), tmp_path / "a.graphml")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "a.graphml").stat().st_mode) == 0o644
