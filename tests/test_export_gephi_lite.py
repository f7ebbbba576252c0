"""Gephi Lite reads our graph files: graphology (its parser) sees every column under its name.

Gephi Lite parses GEXF with graphology-gexf, which names a column by its ``title`` only when
the attribute id is numeric, and GraphML with graphology-graphml. The node script
``tests/js/read_graphs.js`` parses a run's actors.gexf and actors.graphml with them (the
packages are pinned in tests/js/package-lock.json; ``.ci/run`` installs them with ``npm ci``).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import networkx as nx
import pytest

from pipeline.run.finalize import finalize_run
from pipeline.records import Cue, Entity, Relation, Speaker, Target

JS = Path(__file__).parent / "js"


def _graphology(fmt: str, path: Path) -> dict:
    node = shutil.which("node")
    if node is None or not (JS / "node_modules" / "graphology").is_dir():
        pytest.skip("needs node and `npm ci` in tests/js")
    res = subprocess.run([node, str(JS / "read_graphs.js"), fmt, str(path)], capture_output=True,
                         text=True, timeout=60, check=False)
    assert res.returncode == 0, res.stderr
    return json.loads(res.stdout)


@pytest.fixture(scope="module")
def run(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("gephi") / "out"
    out.mkdir()
    rels = [
        Relation("d1", Speaker("Clara Voss", "PERSON", "Clara Voss", 0, 10), Cue("warn", "warned", 11, 17),
                 "Nordland's budget would fail", 18, 46, "indirect",
                 [Target("Nordland", "GPE", "Nordland")], date="2024-11-04", doc_date="2024-11-05"),
        Relation("d2", Speaker("Clara Voss", "PERSON", "Voss", 0, 4), Cue("praise", "praised", 5, 12),
                 "the Harbour Union", 13, 30, "indirect",
                 [Target("Harbour Union", "ORG", "Harbour Union")]),
    ]
    ents = [Entity("d1", "Clara Voss", "PERSON", 0, 10, "Clara Voss", role="Finance Minister",
                   affiliation="Nordland"),
            Entity("d1", "Nordland", "GPE", 30, 38, "Nordland"),
            Entity("d2", "Harbour Union", "ORG", 13, 26, "Harbour Union")]
    with open(out / "relations.jsonl", "w", encoding="utf-8") as fh:
        fh.writelines(json.dumps(r.to_dict()) + "\n" for r in rels)
    with open(out / "entities.jsonl", "w", encoding="utf-8") as fh:
        fh.writelines(json.dumps(e.to_dict()) + "\n" for e in ents)
    finalize_run(out, affiliations=True)
    return out


def _declared_titles(path: Path) -> dict[str, set[str]]:
    import xml.etree.ElementTree as ET

    ns = {"g": "http://www.gexf.net/1.2draft"}
    root = ET.parse(path).getroot()
    return {a.get("class"): {x.get("title") for x in a.findall("g:attribute", ns)}
            for a in root.iter("{http://www.gexf.net/1.2draft}attributes")}


def test_gexf_attribute_ids_are_numeric_like_gephis_own(run):
    text = (run / "actors.gexf").read_text(encoding="utf-8")
    assert '<attribute id="0" title=' in text
    assert 'attvalue for="n' not in text and 'attvalue for="e' not in text


def test_graphology_gexf_reads_every_column_under_its_title(run):
    got = _graphology("gexf", run / "actors.gexf")
    titles = _declared_titles(run / "actors.gexf")
    want = nx.read_gexf(run / "actors.gexf")
    assert len(got["nodes"]) == want.number_of_nodes() >= 3
    assert len(got["edges"]) == want.number_of_edges() >= 2
    node_keys = set().union(*(n["attributes"] for n in got["nodes"]))
    edge_keys = set().union(*(e["attributes"] for e in got["edges"]))
    assert titles["node"] <= node_keys and {"type", "statements"} <= node_keys
    assert titles["edge"] <= edge_keys and "weight" in edge_keys
    assert not any(k.isdigit() for k in node_keys | edge_keys)
    for n in got["nodes"]:  # the same values networkx reads, column by column
        mine = want.nodes[n["key"]]
        for k in titles["node"] & set(n["attributes"]):
            assert n["attributes"][k] == mine[k], (n["key"], k)
        assert n["attributes"]["label"] == mine["label"]


def test_graphology_graphml_reads_every_column_under_its_name(run):
    got = _graphology("graphml", run / "actors.graphml")
    want = nx.read_graphml(run / "actors.graphml")
    assert len(got["nodes"]) == want.number_of_nodes()
    assert len(got["edges"]) == want.number_of_edges()
    for n in got["nodes"]:
        assert n["attributes"] == dict(want.nodes[n["key"]]), n["key"]
    by_pair = {(e["source"], e["target"]): e["attributes"] for e in got["edges"]}
    for u, v, d in want.edges(data=True):
        assert by_pair[(u, v)] == dict(d)
