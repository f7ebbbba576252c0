"""Helpers the attribution tests share (our own sentences through the whole pipeline)."""

from __future__ import annotations

import pipeline
from pipeline.records import Relation


def rels(nlp, text: str) -> list[Relation]:
    """The relations ``pipeline.extract`` finds in one text."""
    found, _ = pipeline.extract([text], nlp=nlp)
    return found


def with_cue(found: list[Relation], cue: str) -> list[Relation]:
    """Those of ``found`` whose cue words are ``cue``."""
    return [r for r in found if r.cue.text == cue]
