"""Split the text of one .txt file into its articles.

The rule (see the seed files: articles separated by runs of blank lines; each opens with a
headline, photo captions, a stray marker and then the headline and captions again):

A new article starts at a non-blank line L when the article before it already has a body
(a line that reads like a paragraph: 8+ words, or ending like a sentence) and one of:

1. L follows 2+ blank lines and looks like a headline (short, capitalised, not ending like a
   sentence) or is a header line (`` date 2024-12-19 ... - From: Shafaq News``);
2. L follows 1+ blank line and is a header line;
3. L follows 1+ blank line, looks like a headline and appears again within the next 12
   non-blank lines (the repeated headline/caption block is a very strong signal).

A piece that has no body line of its own (a trailing "Read more", a lone headline) stays with
the article before it, so a single-article file always stays one article, and a subheading
after one blank line never splits. Limit: a subheading after two or more blank lines inside
one article does split it (both parts keep exact offsets).

Articles are returned as spans of the input text: each starts at the beginning of its first
non-blank line and ends after its last non-blank character, so ``text[start:end]`` is exact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .header import is_headline_like, line_key, parse_header

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\n|\r|$)")
_REPEAT_WINDOW = 12


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    line: int  # 1-based line number of the first line


def split_articles(text: str) -> list[Span]:
    """The articles of one .txt file, in order; [] when the text is blank."""
    lines: list[tuple[int, int, str]] = []  # (start, end of content, content) of non-blank lines
    blanks_before: list[int] = []
    line_no: list[int] = []
    blank_run = 0
    for n, m in enumerate(_LINE.finditer(text), start=1):
        if m.start() == len(text) and not m.group():
            break
        content = m.group().rstrip("\r\n")
        if not content.strip():
            blank_run += 1
            continue
        end = m.start() + len(content.rstrip())
        lines.append((m.start(), end, content))
        blanks_before.append(blank_run)
        line_no.append(n)
        blank_run = 0
    if not lines:
        return []
    keys = [line_key(c) for _, _, c in lines]
    body = [_is_body(c) for _, _, c in lines]

    starts = [0]
    has_body = body[0]
    for i in range(1, len(lines)):
        if has_body and _starts_article(i, lines, keys, blanks_before):
            starts.append(i)
            has_body = body[i]
        else:
            has_body = has_body or body[i]
    # a piece without a body line of its own belongs to the article before it
    merged = [starts[0]]
    for k, s in enumerate(starts[1:], start=1):
        e = starts[k + 1] if k + 1 < len(starts) else len(lines)
        if any(body[s:e]):
            merged.append(s)
    spans = []
    for k, s in enumerate(merged):
        e = (merged[k + 1] if k + 1 < len(merged) else len(lines)) - 1
        spans.append(Span(lines[s][0], lines[e][1], line_no[s]))
    return spans


def _is_body(line: str) -> bool:
    """Reads like a paragraph: not headline-shaped, and long or ending like a sentence."""
    if is_headline_like(line):
        return False
    words = len(line.split())
    return words >= 8 or (words >= 3 and line.rstrip()[-1:] in ".!?\"”’")


def _starts_article(i: int, lines: list[tuple[int, int, str]], keys: list[str],
                    blanks_before: list[int]) -> bool:
    gap = blanks_before[i]
    if gap == 0:
        return False
    content = lines[i][2]
    if parse_header(content) is not None:
        return True
    if not is_headline_like(content):
        return False
    if gap >= 2:
        return True
    key = keys[i]
    return key in keys[i + 1:i + 1 + _REPEAT_WINDOW]
