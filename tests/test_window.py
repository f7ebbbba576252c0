"""Cutting the actor graph by time: build_graph(since=, until=) and ``actorgraph graph``."""

from __future__ import annotations

import json
from datetime import date

import networkx as nx
import pytest
from typer.testing import CliRunner

from pipeline import build_graph
from pipeline.cli import app
from pipeline.run.finalize import finalize_run
from pipeline.window import folder_graph


def _rel(doc, speaker, target, *, date=None, doc_date=None, content="it is so"):
    return {"doc_id": doc, "speaker": {"name": speaker, "label": "PERSON", "mention": speaker,
                                       "start": 0, "end": 1, "resolved": True},
            "cue": {"text": "said", "lemma": "say", "start": 2, "end": 6},
            "content": content, "content_start": 7, "content_end": 9, "content_spans": [[7, 9]],
            "kind": "indirect", "about": [{"name": target, "label": "GPE", "mention": target,
                                           "start": 10, "end": 12}],
            "date": date, "doc_date": doc_date}


RELS = [
    _rel("a", "Clara Voss", "Norway", doc_date="2024-03-01"),
    # the statement's date wins over its article's
    _rel("b", "Clara Voss", "Norway", date="2024-03-04", doc_date="2024-03-09"),
    _rel("c", "Omar Haddad", "Norway", doc_date="2024-03-09"),
    _rel("d", "Omar Haddad", "Chile", date="2024-03"),  # a month: inside only a whole-month window
    _rel("e", "Clara Voss", "Chile"),  # undated: outside every bounded window
]


@pytest.mark.parametrize("since, until, edges", [
    (None, None, {("person:clara-voss", "country:NO"): 2, ("person:omar-haddad", "country:NO"): 1,
                  ("person:omar-haddad", "country:CL"): 1, ("person:clara-voss", "country:CL"): 1}),
    ("2024-03-01", "2024-03-05", {("person:clara-voss", "country:NO"): 2}),
    ("2024-03-05", None, {("person:omar-haddad", "country:NO"): 1}),
    (None, date(2024, 3, 4), {("person:clara-voss", "country:NO"): 2}),
    ("2024-03-01", "2024-03-31", {("person:clara-voss", "country:NO"): 2,
                                  ("person:omar-haddad", "country:NO"): 1,
                                  ("person:omar-haddad", "country:CL"): 1}),
    ("2024-04-01", "2024-04-30", {}),
])
def test_window_keeps_only_its_statements(since, until, edges):
    g = build_graph(RELS, since=since, until=until)
    assert {(u, v): d["weight"] for u, v, d in g.edges(data=True)} == edges
    for node, data in g.nodes(data=True):  # counts are over the window too
        assert data["statements"] == sum(w for (u, _), w in edges.items() if u == node)


def test_window_edge_dates_stay_inside():
    g = build_graph(RELS, since="2024-03-02", until="2024-03-31")
    for _, _, d in g.edges(data=True):
        assert "2024-03-02" <= d["first_date"] <= d["last_date"] <= "2024-03-31"


def test_bad_bound_is_a_clear_error():
    with pytest.raises(ValueError, match="--since '3 March' is not a date"):
        build_graph(RELS, since="3 March")


@pytest.fixture
def folder(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "relations.jsonl").write_text("".join(json.dumps(r) + "\n" for r in RELS))
    (out / "entities.jsonl").write_text("")
    finalize_run(out)
    return out


@pytest.mark.parametrize("suffix", [".graphml", ".gexf"])
def test_cli_graph_window(folder, tmp_path, suffix):
    target = tmp_path / f"week{suffix}"
    res = CliRunner().invoke(app, ["graph", str(folder), "--since", "2024-03-01",
                                   "--until", "2024-03-07", "--out", str(target)])
    assert res.exit_code == 0, res.output
    g = nx.read_graphml(target) if suffix == ".graphml" else nx.read_gexf(target)
    full = nx.read_graphml(folder / "actors.graphml")
    assert sorted(g.edges) == [("person:clara-voss", "country:NO")]
    # the same ids and attributes as the folder's graph
    assert set(g.nodes) <= set(full.nodes)
    node = g.nodes["person:clara-voss"]
    assert node["label"] == full.nodes["person:clara-voss"]["label"] == "Clara Voss"
    assert node["statements"] == 2 and full.nodes["person:clara-voss"]["statements"] == 3


def test_cli_graph_errors(folder, tmp_path):
    runner = CliRunner()
    res = runner.invoke(app, ["graph", str(folder), "--since", "March", "--out",
                              str(tmp_path / "g.graphml")])
    assert res.exit_code == 2 and "is not a date" in res.output
    res = runner.invoke(app, ["graph", str(folder), "--out", str(tmp_path / "g.csv")])
    assert res.exit_code == 2 and ".graphml or .gexf" in res.output
    res = runner.invoke(app, ["graph", str(tmp_path / "nothing"),
                              "--out", str(tmp_path / "g.gexf")])
    assert res.exit_code == 2 and "no finished run" in res.output


def test_folder_graph_skips_redirect_records(folder):
    with open(folder / "actors.jsonl", "a") as fh:
        fh.write(json.dumps({"id": "person:c-voss", "merged_into": "person:clara-voss"}) + "\n")
    g = folder_graph(folder, until="2024-03-31")
    assert "person:c-voss" not in g and g.nodes["person:clara-voss"]["label"] == "Clara Voss"
