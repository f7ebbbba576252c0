"""Clean one article's text for the models, keeping a map back to the original.

First version: drops repeated lines (headlines and captions that extraction doubled) and stray
one-word markers. Does not change the words of a kept line. Offsets are mapped back through
``CleanText.to_original``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .offsets import CleanText, TextBuilder

_LINE = re.compile(r"[^\n]*(?:\n|$)")


@dataclass(slots=True)
class Cleaned:
    clean: CleanText
    meta: dict[str, str] = field(default_factory=dict)  # date/source read from a header line


def clean_article(text: str) -> Cleaned:
    """Return the cleaned text of one article and the metadata its header lines give."""
    b = TextBuilder(text)
    seen: set[str] = set()
    pos = 0
    for m in _LINE.finditer(text):
        line = m.group(0)
        if not line:
            break
        key = line.strip()
        if key and (key in seen or key == "TT"):
            b.copy(pos, pos)  # dropped line
        else:
            b.copy(m.start(), m.end())
        if key:
            seen.add(key)
        pos = m.end()
    return Cleaned(b.build())
