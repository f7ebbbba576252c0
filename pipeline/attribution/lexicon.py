"""Reporting-cue lexicon: data in models/cues.tsv, loaded through a registered function.

A config can swap the lexicon (``[components.actorgraph_attribution.cues] path = ...``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from spacy.util import registry

from ..paths import models_dir


@dataclass(slots=True)
class CueLexicon:
    verb_forms: dict[str, str] = field(default_factory=dict)  # surface form (lower) -> lemma
    phrases: dict[str, str] = field(default_factory=dict)  # "according to" -> lemma

    def lemma_of(self, form: str) -> str | None:
        return self.verb_forms.get(form.lower())


def load_cue_lexicon(path: str | Path | None = None) -> CueLexicon:
    path = Path(path) if path else models_dir() / "cues.tsv"
    lex = CueLexicon()
    with open(path, encoding="utf-8") as fh:
        rows = [ln.rstrip("\n").split("\t") for ln in fh if ln.strip() and not ln.startswith("#")]
    header, *rows = rows
    for row in rows:
        rec = dict(zip(header, row))
        forms = [f.strip().lower() for f in rec["forms"].split(",") if f.strip()]
        target = lex.phrases if rec["pos"] == "PHRASE" else lex.verb_forms
        for form in forms:
            target[form] = rec["lemma"]
    return lex


@registry.misc("actorgraph.cues.v1")
def create_cue_lexicon(path: str | None = None) -> CueLexicon:
    """Registered loader: ``{"@misc": "actorgraph.cues.v1", "path": null}``."""
    return load_cue_lexicon(path)
