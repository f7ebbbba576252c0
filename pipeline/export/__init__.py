"""Exports at the boundary: JSONL records, GraphML (and later GEXF, HTML)."""

from .atomic import atomic_write
from .gexf import write_gexf
from .graphml import gephi_safe, write_graphml

__all__ = ["atomic_write", "gephi_safe", "write_gexf", "write_graphml"]
