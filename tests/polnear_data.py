"""Where the tests find PolNeAR (never copied into the repository): ``$ACTORGRAPH_POLNEAR``,
else ``shared/polnear`` beside the checkout (or one level further up, for worktrees)."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def polnear_dev() -> Path | None:
    """PolNeAR's BRAT dev folder, or None when PolNeAR is not here."""
    for base in (os.environ.get("ACTORGRAPH_POLNEAR"), ROOT.parent / "shared" / "polnear",
                 ROOT.parent.parent / "shared" / "polnear"):
        if base and (Path(base) / "brat" / "dev" / "text").is_dir():
            return Path(base) / "brat" / "dev"
    return None
