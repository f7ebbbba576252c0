"""GEXF for Gephi, with statement dates as time intervals so Gephi's timeline plays the graph.

First version: networkx's plain writer on the Gephi-safe graph, written atomically.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from .atomic import atomic_write
from .graphml import gephi_safe


def write_gexf(graph: nx.Graph, path: str | Path) -> None:
    with atomic_write(path, "wb") as fh:
        nx.write_gexf(gephi_safe(graph), fh)
