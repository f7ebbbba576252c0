"""The actor graph of a finished run folder, cut to a time window (``actorgraph graph``).

``folder_graph(out_dir, since=, until=)`` streams the folder's relations.jsonl through
``graph.build_graph`` with the window, and takes node names, types, aliases, roles and
affiliations from actors.jsonl (its redirect records are skipped), so a window's graph has the
same node ids and attributes as the folder's actors.graphml, with statement counts over the
window only (nodes' ``mentions`` and ``articles``, counts of entity mentions, which carry no date,
stay the whole run's).
A statement is in the window by its own date, else its article's date (``graph.in_window``).
``write_graph`` writes it as GraphML or GEXF by the file's suffix.

It does not run the pipeline or change the folder.
"""

from __future__ import annotations

from datetime import date as Date
from pathlib import Path

import networkx as nx

from .export import write_gexf, write_graphml
from .graph import add_affiliation_edges, build_graph
from .run.folder import ACTORS, RELATIONS, read_jsonl
from .stable_ids import is_redirect

FORMATS = {".graphml": write_graphml, ".gexf": write_gexf}


def folder_graph(out_dir: str | Path, *, since: Date | str | None = None,
                 until: Date | str | None = None, affiliations: bool = False) -> nx.DiGraph:
    """The actor graph of a run folder's statements between ``since`` and ``until``
    (inclusive; either may be None). FileNotFoundError when the folder has no finished run."""
    out = Path(out_dir)
    rel_path = out / RELATIONS
    if not rel_path.is_file() or not (out / ACTORS).is_file():
        raise FileNotFoundError(f"{out} holds no finished run (no {RELATIONS}/{ACTORS})")
    # a bad line was reported by finalize already: skipped here
    actors = {rec["id"]: rec for rec in read_jsonl(out / ACTORS) if not is_redirect(rec)}
    graph = build_graph(read_jsonl(rel_path), actors, since=since, until=until)
    if affiliations:
        add_affiliation_edges(graph, actors)
    return graph


def write_graph(graph: nx.DiGraph, path: str | Path) -> Path:
    """Write ``graph`` as GraphML or GEXF, chosen by the suffix of ``path``."""
    path = Path(path)
    writer = FORMATS.get(path.suffix.lower())
    if writer is None:
        raise ValueError(f"--out {path}: the file name must end in .graphml or .gexf")
    writer(graph, path)
    return path

