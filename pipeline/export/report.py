"""Self-contained HTML report of a finished run: articles with highlighted attributions and the
actor graph. Opens offline in a browser.

First version: not implemented yet.
"""

from __future__ import annotations

from pathlib import Path


def write_report(out_dir: str | Path, *, path: str | Path | None = None, max_articles: int = 200) -> Path:
    """Write ``report.html`` for the run in ``out_dir`` and return its path."""
    raise NotImplementedError("the HTML report is not implemented yet")
