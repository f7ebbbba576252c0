"""Print the most active nodes of a finished run, so the "no duplicate, no junk among the 50
most active nodes" check of issue 8 is repeatable:

    python -m tools.top_nodes OUT_DIR [--n 50] [--tsv]

Activity is the report's ranking (pipeline/export/report.py ``graph_data``): 2 x statements +
targeted + incoming edge weight + degree, ties by id. One line per node: rank, id, name, type,
statements, targeted, mentions, articles, and the surface forms merged into it (aliases).
Reads OUT_DIR/actors.graphml only.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path


def top_nodes(out_dir: str | Path, n: int = 50) -> list[dict]:
    """The ``n`` most active graph nodes of a run, best first, as plain dicts."""
    import networkx as nx

    g = nx.read_graphml(Path(out_dir) / "actors.graphml")
    weight_in: dict[str, float] = defaultdict(float)
    for _, v, d in g.edges(data=True):
        weight_in[v] += float(d.get("weight", 1) or 1)

    def num(d: dict, k: str) -> float:
        return float(d.get(k) or 0)

    def score(node: str, d: dict) -> float:
        return 2 * num(d, "statements") + num(d, "targeted") + weight_in[node] + g.degree(node)

    ranked = sorted(g.nodes(data=True), key=lambda nd: (-score(*nd), str(nd[0])))
    return [{"id": node, "name": d.get("label", node), "type": d.get("type", ""),
             "statements": int(num(d, "statements")), "targeted": int(num(d, "targeted")),
             "mentions": int(num(d, "mentions")), "articles": int(num(d, "articles")),
             "aliases": d.get("aliases", ""), "score": score(node, d)}
            for node, d in ranked[:n]]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out_dir", help="a finished run's output folder (holds actors.graphml)")
    ap.add_argument("--n", type=int, default=50, help="how many nodes (default 50)")
    ap.add_argument("--tsv", action="store_true", help="tab-separated, with a header")
    args = ap.parse_args(argv)
    if not (Path(args.out_dir) / "actors.graphml").is_file():
        print(f"error: {args.out_dir}/actors.graphml: not a finished run", file=sys.stderr)
        return 2
    rows = top_nodes(args.out_dir, args.n)
    cols = ("id", "name", "type", "statements", "targeted", "mentions", "articles", "aliases")
    if args.tsv:
        print("rank\t" + "\t".join(cols))
        for i, r in enumerate(rows, 1):
            print(f"{i}\t" + "\t".join(str(r[c]) for c in cols))
        return 0
    for i, r in enumerate(rows, 1):
        aliases = str(r["aliases"])[:60]
        print(f"{i:3d} {r['name'][:32]:32s} {r['type']:8s} st={r['statements']:<4d} "
              f"tg={r['targeted']:<4d} m={r['mentions']:<4d} {r['id'][:40]:40s} {aliases}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
