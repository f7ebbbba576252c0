"""Actor identity: context-free normalisation of names, and corpus-wide actor ids.

First version: ``normalize`` returns the name unchanged; ids are "type:name".
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Normalized:
    name: str  # canonical display name ("Iraq" for "Iraqi", "Islamic State" for "Daesh")
    label: str  # actor type after normalisation (a demonym NORP that names a country -> GPE)
    key: str  # stable key for merging within and across documents


def normalize(name: str, label: str) -> Normalized:
    """Context-free normalisation of one resolved name (no corpus knowledge needed)."""
    clean = " ".join(name.split())
    return Normalized(clean, label, f"{label.lower()}:{clean.lower()}")
