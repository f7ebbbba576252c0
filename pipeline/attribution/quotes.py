"""Direct quotes: pair quotation marks in plain text into quote spans.

Limits: reads characters only (no parse); a mark's role (opening or closing) is guessed from
the characters around it, so a straight quote glued between two letters is read as neither;
nested quotes inside a double-quoted span are part of it; single quotes are paired only outside
double quotes and only when they look like quotation marks rather than apostrophes. Never
raises: an unbalanced mark closes at the end of its paragraph or is ignored.

Handles: curly, straight, guillemets, low-9 and the NYT's ``''`` (used for opening and closing),
a paragraph break that closes an open quote, and a quote that reopens at the start of the next
paragraph (``continues`` links the pieces).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

# double quotation marks (two-character NYT/LaTeX marks first so they win over single ones)
_DOUBLE = re.compile(r"''|``|[\"\u201c\u201d\u00ab\u00bb\u201e\u201f]")
_SINGLE = re.compile(r"[\u2018\u2019']")
# a blank line, or a line break after the end of a sentence (not a hard wrap mid-sentence):
# "\n[ \t]*\n\s*|(?<=[.!?:\"\u201d'])[ \t]*\n\s*", written to start with the character class
# every match starts with (a break, a space or a tab), which lets the regex engine skip to
# those characters instead of trying both alternatives at every character; the lookbehinds
# then tell which alternative it is (a break after a break, or after a sentence's end)
_END = "[.!?:\"\u201d']"
_PARA = re.compile(r"[\n \t](?:(?<=\n)[ \t]*\n\s*|(?<=" + _END + r"\n)\s*"
                   r"|(?<=" + _END + r"[ \t])[ \t]*\n\s*)")
_OPENERS = {"\u201c", "\u00ab", "\u201e", "\u201f", "``"}
_CLOSERS = {"\u201d", "\u00bb"}
_BEFORE_OPEN = set(" \t\n([{\u2014\u2013-/:;,") | {""}
_AFTER_CLOSE = set(" \t\n)]}.,;:!?\u2014\u2013-/") | {""}


@dataclass(frozen=True, slots=True)
class Quote:
    """A quoted span: ``start``/``end`` include the marks; ``inner_*`` exclude them."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    closed: bool = True  # False: ran to the end of its paragraph without a closing mark
    continues: bool = False  # the next quote reopens the same quotation in the next paragraph
    single: bool = False  # delimited by single quotation marks


def _role(text: str, s: int, e: int) -> str:
    """'open', 'close' or 'none' for the mark text[s:e], from the characters around it."""
    mark = text[s:e]
    if mark in _OPENERS:
        return "open"
    if mark in _CLOSERS:
        return "close"
    before = text[s - 1] if s > 0 else ""
    after = text[e] if e < len(text) else ""
    if before in _BEFORE_OPEN and after and not after.isspace():
        return "open"
    if after in _AFTER_CLOSE and before and not before.isspace():
        return "close"
    return "none"


def _closes_after_inner_quote(text: str, s: int, e: int) -> bool:
    """A straight double mark set off by a space after an inner single quote that ends the
    quotation: "... like, 'this is new,' " she said (typeset apart so the marks stay legible)."""
    if text[s:e] != '"':
        return False
    after = text[e] if e < len(text) else ""
    return after in _AFTER_CLOSE and text[s - 2:s] in ("' ", "\u2019 ")


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for m in _PARA.finditer(text):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(text)))
    return out


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def find_quotes(text: str) -> list[Quote]:
    """All quotes in ``text`` in order (double, and single outside double), never raising."""
    quotes: list[Quote] = []
    for p_start, p_end in _paragraphs(text):
        para_quotes: list[Quote] = []
        open_at: tuple[int, int] | None = None
        for m in _DOUBLE.finditer(text, p_start, p_end):
            s, e = m.span()
            role = _role(text, s, e)
            if role == "none" and open_at is not None and _closes_after_inner_quote(text, s, e):
                role = "close"
            if role == "none":
                continue
            if open_at is None:
                if role == "open":
                    open_at = (s, e)
                continue  # a stray closing mark
            if text[open_at[0]:open_at[1]] == "\u201e" and text[s:e] == "\u201c":
                role = "close"  # „German“
            if role == "open" and text[s:e] in _OPENERS:
                # an explicit opening mark while a quote is open: the first one was never closed
                end = _rstrip(text, open_at[1], s)
                para_quotes.append(Quote(open_at[0], end, open_at[1], end, closed=False))
                open_at = (s, e)
                continue
            para_quotes.append(Quote(open_at[0], e, open_at[1], s))
            open_at = None
        if open_at is not None:
            end = _rstrip(text, open_at[1], p_end)
            if end > open_at[1]:
                para_quotes.append(Quote(open_at[0], end, open_at[1], end, closed=False))
        para_quotes.extend(_single_quotes(text, p_start, p_end, para_quotes))
        para_quotes.sort(key=lambda q: q.start)
        quotes.extend(para_quotes)
    return _link_paragraphs(text, quotes)


def _single_quotes(text: str, p_start: int, p_end: int, doubles: list[Quote]) -> list[Quote]:
    """Single-quoted spans outside double quotes, where marks cannot be apostrophes.

    A closing mark after "s" and before a lower-case word ("the voters' choice") may be a
    plural possessive: it closes a quotation only when no other closing mark follows.
    """
    marks = [m.start() for m in _SINGLE.finditer(text, p_start, p_end)
             if not any(q.start <= m.start() < q.end for q in doubles)]
    out: list[Quote] = []
    k = 0
    while k < len(marks):
        s = marks[k]
        before = text[s - 1] if s > 0 else ""
        after = text[s + 1] if s + 1 < len(text) else ""
        k += 1
        if text[s] == "\u2019" or before not in _BEFORE_OPEN or not after.isalnum():
            continue
        clean, possessive = None, None
        for j in range(k, len(marks)):
            c = marks[j]
            b = text[c - 1]
            a = text[c + 1] if c + 1 < len(text) else ""
            if b.isspace() or a not in _AFTER_CLOSE or text[c] == "\u2018":
                continue
            if b == "s" and a == " " and c + 2 < len(text) and text[c + 2].islower():
                possessive = j
                continue
            clean = j
            break
        close = clean if clean is not None else possessive
        if close is None:
            continue
        c = marks[close]
        out.append(Quote(s, c + 1, s + 1, c, single=True))
        k = close + 1
    return out


def _link_paragraphs(text: str, quotes: list[Quote]) -> list[Quote]:
    """Mark an unclosed quote that reopens at the start of the next paragraph as continuing."""
    out = list(quotes)
    for i, q in enumerate(quotes[:-1]):
        nxt = quotes[i + 1]
        if q.closed or q.single:
            continue
        gap = text[q.end:nxt.start]
        if "\n" in gap and not gap.strip():
            out[i] = Quote(q.start, q.end, q.inner_start, q.inner_end, False, True, q.single)
    return out


class QuoteIndex:
    """Fast lookups over a document's quotes: which quote holds a character offset."""

    def __init__(self, quotes: list[Quote]) -> None:
        self.quotes = quotes
        self._starts = [q.start for q in quotes]

    def at(self, offset: int) -> int | None:
        """Index of the quote whose span holds ``offset``, else None."""
        i = bisect_right(self._starts, offset) - 1
        if i >= 0 and offset < self.quotes[i].end:
            return i
        return None

    def overlapping(self, start: int, end: int) -> list[int]:
        """Indices of quotes that overlap ``[start, end)``."""
        i = max(bisect_right(self._starts, start) - 1, 0)
        out = []
        while i < len(self.quotes) and self.quotes[i].start < end:
            if self.quotes[i].end > start:
                out.append(i)
            i += 1
        return out

    def chain(self, i: int) -> list[int]:
        """Quote ``i`` and the quotes that continue it in the following paragraphs."""
        out = [i]
        while self.quotes[out[-1]].continues and out[-1] + 1 < len(self.quotes):
            out.append(out[-1] + 1)
        return out

    def chain_start(self, i: int) -> int:
        """The first quote of the multi-paragraph quotation that quote ``i`` belongs to."""
        while i > 0 and self.quotes[i - 1].continues:
            i -= 1
        return i
