"""Map offsets in cleaned text back to the original text.

Cleaning drops lines and inserts spaces; every character of the cleaned text either copies
one character of the original or is an inserted character anchored at an original position.
``CleanText`` keeps that correspondence as sorted segments, so mapping a span is two binary
searches. It does not decide *what* to clean: that is ``clean.py``.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field


@dataclass(slots=True)
class CleanText:
    """Cleaned text plus its map to the original. Build it with ``TextBuilder``."""

    text: str
    original_length: int
    _clean_starts: list[int] = field(default_factory=list)
    _orig_starts: list[int] = field(default_factory=list)
    _copied: list[bool] = field(default_factory=list)  # False: inserted text
    _copied_orig: tuple[list[int], list[int]] | None = field(default=None, repr=False)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map the cleaned span ``[start, end)`` to original offsets."""
        if end <= start or not self._clean_starts:
            pos = self._map_point(start, prefer_end=False)
            return pos, pos
        # _map_point(start) and _map_point(end - 1, prefer_end=True) written out: the records
        # of an article map hundreds of spans (a third less time than the two calls)
        starts, origs = self._clean_starts, self._orig_starts
        seg = bisect_right(starts, start) - 1
        if seg < 0:
            seg = 0
        first = origs[seg] + (start - starts[seg]) if self._copied[seg] else origs[seg]
        last = end - 1
        seg = bisect_right(starts, last, seg) - 1  # at or after the first point's segment
        if seg < 0:
            seg = 0
        if not self._copied[seg]:
            return first, origs[seg]
        pos = origs[seg] + (last - starts[seg]) + 1
        return first, (pos if pos < self.original_length else self.original_length)

    def _map_point(self, i: int, *, prefer_end: bool) -> int:
        if not self._clean_starts:
            return 0
        seg = max(bisect_right(self._clean_starts, i) - 1, 0)
        if self._copied[seg]:
            pos = self._orig_starts[seg] + (i - self._clean_starts[seg])
            return min(pos + 1, self.original_length) if prefer_end else pos
        # inserted text maps to its anchor: the original position it was inserted before
        return self._orig_starts[seg]

    def from_original(self, pos: int) -> int:
        """The cleaned offset where original offset ``pos`` ends up: the character copied from
        it; for a dropped character, the text that replaced it ("&amp;" -> "&") or else the
        next copied character; the text's length past the end."""
        if self._copied_orig is None:
            idx = [k for k, c in enumerate(self._copied) if c]
            self._copied_orig = ([self._orig_starts[k] for k in idx], idx)
        origs, idx = self._copied_orig
        j = bisect_right(origs, pos) - 1
        n = len(self._clean_starts)
        first = 0
        if j >= 0:
            k = idx[j]
            end = self._clean_starts[k + 1] if k + 1 < n else len(self.text)
            if pos < origs[j] + (end - self._clean_starts[k]):
                return self._clean_starts[k] + (pos - origs[j])
            first = k + 1
        for k in range(first, n):  # a dropped character: what comes next
            c = self._clean_starts[k]
            if self._orig_starts[k] >= pos and (self._copied[k] or self.text[c:c + 1].strip()):
                return c
        return len(self.text)

    def inserted(self) -> list[tuple[int, int]]:
        """Spans of the cleaned text that are not in the original (inserted spaces, breaks)."""
        ends = [*self._clean_starts[1:], len(self.text)]
        return [(s, e) for s, e, c in zip(self._clean_starts, ends, self._copied) if not c]

    def dropped(self) -> list[tuple[int, int]]:
        """Spans of the original that the cleaned text leaves out (repeated captions, markers,
        header lines), in order."""
        out: list[tuple[int, int]] = []
        ends = [*self._clean_starts[1:], len(self.text)]
        pos = 0
        for cs, ce, os_, copied in zip(self._clean_starts, ends, self._orig_starts, self._copied):
            if not copied:
                continue
            if os_ > pos:
                out.append((pos, os_))
            pos = max(pos, os_ + (ce - cs))
        if pos < self.original_length:
            out.append((pos, self.original_length))
        return out

    @classmethod
    def identity(cls, text: str) -> CleanText:
        b = TextBuilder(text)
        b.copy(0, len(text))
        return b.build()


class TextBuilder:
    """Assemble cleaned text from copied ranges of the original and inserted strings."""

    def __init__(self, original: str) -> None:
        self.original = original
        self._parts: list[str] = []
        self._length = 0
        self._clean_starts: list[int] = []
        self._orig_starts: list[int] = []
        self._copied: list[bool] = []

    @property
    def length(self) -> int:
        """Length of the cleaned text built so far."""
        return self._length

    def copy(self, start: int, end: int) -> None:
        """Append ``original[start:end]`` unchanged."""
        if end <= start:
            return
        if (
            self._copied
            and self._copied[-1]
            and self._orig_starts[-1] + (self._length - self._clean_starts[-1]) == start
        ):
            pass  # contiguous with the previous copied segment: extend it
        else:
            self._clean_starts.append(self._length)
            self._orig_starts.append(start)
            self._copied.append(True)
        self._parts.append(self.original[start:end])
        self._length += end - start

    def insert(self, text: str, anchor: int) -> None:
        """Append ``text`` that is not in the original; it maps to original offset ``anchor``."""
        if not text:
            return
        self._clean_starts.append(self._length)
        self._orig_starts.append(anchor)
        self._copied.append(False)
        self._parts.append(text)
        self._length += len(text)

    def build(self) -> CleanText:
        return CleanText(
            text="".join(self._parts),
            original_length=len(self.original),
            _clean_starts=self._clean_starts,
            _orig_starts=self._orig_starts,
            _copied=self._copied,
        )
