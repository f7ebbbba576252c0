"""Tone of a statement, from its cue and its content, as a number in [-1, 1] and a label.

How: the cue lemma has a weight in models/tone.tsv ("condemn" -1.0, "warn" -0.5, "praise"
+1.0; unknown cues such as "say" have none). The content's words are looked up in the same
file ("terror*" -0.7, "cooperat*" +0.5); a negator up to three words before a word ("not",
"never", "n't") flips and halves it. The content score is ``s / sqrt(s*s + 1)`` of the summed
weights; a statement's tone is ``0.6 * cue + 0.4 * content`` when the cue has a weight, else
the content score. Labels: ``negative`` at or below -0.15, ``positive`` at or above +0.15,
``neutral`` between.

What it cannot see: sarcasm and irony; negation beyond three words or in another clause; at
whom the negativity is aimed ("X warned that ISIS is dangerous" is negative *about ISIS*, not
about a listener; the edge goes to every target of the content); reported versus endorsed
speech ("he rejected claims that ..."); hedges, questions and conditionals; domain words whose
tone depends on the side ("resistance", "martyr", "liberation"); and anything but English.

It does not find cues or contents (pipeline/attribution) and does not aggregate per edge
(pipeline/graph.py averages statement tones).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .data import chosen
from .paths import models_dir

NEGATIVE_AT = -0.15
POSITIVE_AT = 0.15
_CUE_SHARE = 0.6
_NEGATION = -0.5
_WINDOW = 3
_WORD = re.compile(r"[a-z]+n't|[a-z]+(?:-[a-z]+)*")


@dataclass(frozen=True, slots=True)
class ToneLexicon:
    cues: dict[str, float]
    words: dict[str, float]  # exact words
    prefixes: dict[str, float]  # "condemn" for "condemn*"
    negators: frozenset[str]


def load_tone_lexicon(path: str | None = None) -> ToneLexicon:
    """The tone lexicon: ``path``, else the config's (``[data.tone]``), else models/tone.tsv."""
    return _read_tone_lexicon(path) if path or chosen("tone") is None else chosen("tone")


def create_tone_lexicon(path: str | None = None) -> ToneLexicon:
    """Registered loader ``actorgraph.tone.v1`` (see data.py)."""
    return _read_tone_lexicon(path)


@lru_cache(maxsize=4)
def _read_tone_lexicon(name: str | None = None) -> ToneLexicon:
    path = Path(name) if name else models_dir() / "tone.tsv"
    cues: dict[str, float] = {}
    words: dict[str, float] = {}
    prefixes: dict[str, float] = {}
    negators: set[str] = set()
    with open(path, encoding="utf-8") as fh:
        lines = [ln.rstrip("\n") for ln in fh if ln.strip() and not ln.startswith("#")]
    for ln in lines[1:]:
        kind, term, *rest = (c.strip() for c in ln.split("\t"))
        term = term.lower()
        if kind == "negator":
            negators.add(term)
            continue
        weight = max(-1.0, min(1.0, float(rest[0])))
        if kind == "cue":
            cues[term] = weight
        elif term.endswith("*"):
            prefixes[term[:-1]] = weight
        else:
            words[term] = weight
    return ToneLexicon(cues, words, prefixes, frozenset(negators))


def cue_tone(lemma: str | None, text: str | None = None) -> float | None:
    """Weight of a cue ("condemn" -> -1.0), from its lemma or, failing that, its inflected form."""
    lex = load_tone_lexicon()
    for cand in (lemma, text):
        if not cand:
            continue
        cand = cand.lower().strip()
        if cand in lex.cues:
            return lex.cues[cand]
        for suffix, repl in (("ied", "y"), ("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""),
                             ("d", ""), ("s", ""), ("ing", "e")):
            if cand.endswith(suffix) and cand[: -len(suffix)] + repl in lex.cues:
                return lex.cues[cand[: -len(suffix)] + repl]
    return None


def content_tone(content: str) -> float:
    """Lexicon score of a content in [-1, 1] (0.0 when no tone word is found)."""
    return _content_tone(content)


@lru_cache(maxsize=16384)
def _content_tone(content: str) -> float:
    lex = load_tone_lexicon()
    tokens = _WORD.findall(content.lower())
    total = 0.0
    for i, tok in enumerate(tokens):
        w = _token_weight(tok)
        if w is None:
            continue
        window = tokens[max(0, i - _WINDOW): i]
        if any(t in lex.negators or t.endswith("n't") for t in window):
            w *= _NEGATION
        total += w
    return total / math.sqrt(total * total + 1.0)


@lru_cache(maxsize=65536)  # the same words come back in every content (data.use_data clears it)
def _token_weight(token: str) -> float | None:
    """``_word_weight`` of the lexicon in use."""
    return _word_weight(load_tone_lexicon(), token)


def _word_weight(lex: ToneLexicon, token: str) -> float | None:
    if token in lex.words:
        return lex.words[token]
    for n in range(len(token), 2, -1):
        w = lex.prefixes.get(token[:n])
        if w is not None:
            return w
    return None


def statement_tone(cue_lemma: str | None, content: str, cue_text: str | None = None) -> float:
    """Tone of one statement in [-1, 1], rounded to 3 decimals.

    >>> statement_tone("condemn", "the attack on civilians") < -0.5
    True
    >>> statement_tone("praise", "the cooperation") > 0.5
    True
    """
    c = cue_tone(cue_lemma, cue_text)
    body = content_tone(content or "")
    tone = body if c is None else _CUE_SHARE * c + (1 - _CUE_SHARE) * body
    return round(max(-1.0, min(1.0, tone)), 3)


def tone_label(tone: float) -> str:
    """``negative``, ``neutral`` or ``positive``."""
    if tone <= NEGATIVE_AT:
        return "negative"
    if tone >= POSITIVE_AT:
        return "positive"
    return "neutral"
