"""Exports at the boundary: GraphML and GEXF for Gephi, and the HTML report of a run.

``attrs`` converts graph attributes once for both graph formats; ``atomic`` writes every file
through a temporary file and a rename.
"""

from .atomic import atomic_write
from .gexf import write_gexf
from .graphml import gephi_safe, write_graphml
from .report import write_report

__all__ = ["atomic_write", "gephi_safe", "write_gexf", "write_graphml", "write_report"]
