"""Where the package's own data lives: ``models/`` (lexicons, patterns) and ``configs/``.

In a source checkout or editable install they are the top-level folders of the repository; in
an installed wheel they are copied into ``pipeline/_data/``.
"""

from __future__ import annotations

from pathlib import Path

_PKG = Path(__file__).resolve().parent


def _find(name: str) -> Path:
    for candidate in (_PKG / "_data" / name, _PKG.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"actorgraph data folder '{name}' is missing from the installation")


def models_dir() -> Path:
    return _find("models")


def configs_dir() -> Path:
    return _find("configs")
