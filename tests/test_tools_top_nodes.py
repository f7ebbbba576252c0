"""tools/top_nodes.py: the most active graph nodes of a run, ranked like the report."""

import networkx as nx

from tools.top_nodes import main, top_nodes


def _run(tmp_path):
    g = nx.DiGraph()
    g.add_node("person:clara-voss", label="Clara Voss", type="person", statements=3, targeted=1,
               mentions=9, articles=2)
    g.add_node("country:NO", label="Norway", type="country", statements=0, targeted=4,
               mentions=5, articles=2)
    g.add_node("org:quiet", label="Quiet Org", type="org", statements=0, targeted=0,
               mentions=1, articles=1)
    g.add_edge("person:clara-voss", "country:NO", weight=4)
    nx.write_graphml(g, tmp_path / "actors.graphml")
    return tmp_path


def test_top_nodes_rank_by_activity(tmp_path):
    rows = top_nodes(_run(tmp_path), n=2)
    # Voss: 2*3 + 1 + 0 + 1 = 8; Norway: 0 + 4 + 4 + 1 = 9
    assert [r["name"] for r in rows] == ["Norway", "Clara Voss"]
    assert rows[1]["statements"] == 3 and rows[1]["mentions"] == 9


def test_top_nodes_cli(tmp_path, capsys):
    assert main([str(_run(tmp_path)), "--n", "3", "--tsv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("rank\tid\tname") and len(lines) == 4
    assert main([str(tmp_path / "missing")]) == 2
