"""Recognise the lines around an article's body: header lines, headlines, captions, markers,
datelines; and read publication dates.

These are small pure functions over one line of text, shared by the splitter (where does a new
article start?) and the cleaner (which lines do the models not need?):

- ``parse_header(line)``: a metadata line such as `` date 2024-12-19 2024-12-19 13:05:28 -
  From: Shafaq News`` or ``Published: 19 December 2024 | Source: Reuters`` -> ``{"date":
  "2024-12-19", "source": "Shafaq News"}``; None for any other line.
- ``dateline(line)``: the length of a dateline prefix that opens a body paragraph ("Shafaq News/
  ", "BAGHDAD (Reuters) - ", "WASHINGTON, Jan 5 (AP) — ", "BAGHDAD — ") and what it names.
- ``is_headline_like``, ``is_caption_credit``, ``is_marker``: cheap shape tests.
- ``parse_date(text)``: an ISO ``YYYY-MM-DD`` date from the usual ways publishers write one.

It does not decide what to drop or where articles split: that is ``clean.py`` and ``split.py``.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
_DATE_FORMATS = (
    "%Y/%m/%d", "%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%b %d %Y",
    "%d.%m.%Y", "%A, %B %d, %Y", "%A, %d %B %Y", "%a, %d %b %Y",
)
_TIME_TAIL = re.compile(r"[ T,]+\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?\s*(?:[AaPp]\.?[Mm]\.?)?"
                        r"\s*(?:Z|[+-]\d{2}:?\d{2}|[A-Z]{2,4})?\s*$")

# Header lines: "key: value" fields joined by " - ", " | ", " – ", " — " or " • ".
_HEADER_START = re.compile(
    r"\s*(?:date|dated|published|posted|updated|from|source|publisher)\b", re.I
)
_FIELD_SEP = re.compile(r"\s+[-|–—•]\s+")
_FIELD = re.compile(r"\s*(?P<key>[A-Za-z]+)\s*(?P<colon>:)?\s*(?P<value>.*?)\s*$", re.S)
_DATE_KEYS = frozenset({"date", "dated", "published", "posted", "updated"})
_SOURCE_KEYS = frozenset({"from", "source", "publisher"})

# Datelines that open the first body paragraph.
_DATELINES = (
    # Shafaq News/ In light of ...
    re.compile(r"(?P<source>[A-Z][\w&.'’-]*(?:\s[A-Z][\w&.'’-]*){0,3})\s?/\s+(?=\S)"),
    # BAGHDAD (Reuters) - ...   Baghdad, Iraq (AFP) -- ...   WASHINGTON, Jan 5 (AP) — ...
    re.compile(r"(?P<place>[A-Z][\w.'’-]*(?:[ -][A-Z][\w.'’-]*){0,3}(?:,\s?[\w. ]{1,30})?)"
               r"\s?\((?P<source>[A-Z][\w&.' -]{0,30}|dpa)\)\s?(?:[-–—]{1,2}|:)\s+(?=\S)"),
    # BAGHDAD — ...   NEW YORK, Iraq: ...
    re.compile(r"(?P<place>[A-Z]{3,}(?:[ -][A-Z]{2,}){0,3}(?:,\s?[A-Z][\w.]*(?: [A-Z][\w.]*)?)?)"
               r"\s?(?:[-–—]{1,2}|:)\s+(?=\S)"),
)

_MARKER = re.compile(r"\s*(?:[A-Z]{1,3}|\d{1,4}|[^\w\s]{1,6}|Advertisement|ADVERTISEMENT)\s*")
_CAPTION_CREDIT = re.compile(r".*\((?:[A-Z][\w.'’ &/-]{0,30}|[a-z]{2,10})\)\s*")
_SENTENCE_END = re.compile(r"[.,;:]\s*[\"'”’)\]]*\s*$")


def parse_date(text: str | None) -> str | None:
    """The ISO date (YYYY-MM-DD) that ``text`` gives, or None. Fast for ISO and the usual
    English formats; anything else goes to ``dateparser`` (strict: day, month and year)."""
    if not text or not isinstance(text, str):
        return None
    s = text.strip()
    if not s:
        return None
    m = _ISO.search(s[:40])
    if m:
        try:
            return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        except ValueError:
            return None
    return _parse_date_slow(_TIME_TAIL.sub("", s)[:80])


@lru_cache(maxsize=4096)
def _parse_date_slow(s: str) -> str | None:
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(s, fmt).date().isoformat()
        except ValueError:
            continue
    if not any(c.isdigit() for c in s):
        return None
    try:
        import dateparser
    except ImportError:  # pragma: no cover - declared dependency
        return None
    got = dateparser.parse(s, settings={"STRICT_PARSING": True,
                                        "REQUIRE_PARTS": ["day", "month", "year"]})
    return got.date().isoformat() if got else None


def parse_header(line: str) -> dict[str, str] | None:
    """Metadata from a header line (``date``/``source`` keys), or None when it is not one.

    Every field of the line must be a known ``key[:] value`` pair; ``from``/``source``/
    ``publisher`` need the colon, date keys may go without it (`` date 2024-12-19 ...``).
    """
    if len(line) > 300 or not _HEADER_START.match(line):
        return None
    meta: dict[str, str] = {}
    for field in _FIELD_SEP.split(line.strip()):
        m = _FIELD.match(field)
        if not m:
            return None
        key, value = m["key"].lower(), m["value"].strip()
        if key in _DATE_KEYS:
            d = parse_date(value)
            if d is None:
                return None
            meta.setdefault("date", d)
        elif key in _SOURCE_KEYS and m["colon"] and value and len(value) <= 80:
            meta.setdefault("source", value)
        elif meta and not m["colon"] and parse_date(field):
            continue  # a second date/time written after the first one
        else:
            return None
    return meta or None


def dateline(line: str) -> tuple[int, dict[str, str]]:
    """Length of the dateline prefix at the start of ``line`` (0 if none) and what it names:
    ``{"dateline": "BAGHDAD (Reuters)", "source": "Reuters"}``."""
    stripped = len(line) - len(line.lstrip())
    for pat in _DATELINES:
        m = pat.match(line, stripped)
        if m:
            info = {"dateline": m.group().strip().rstrip("/-–—:").strip()}
            if m.groupdict().get("source"):
                info["source"] = m["source"].strip()
            return m.end(), info
    return 0, {}


def is_marker(line: str) -> bool:
    """A stray one-token line: "TT", a page number, "***", "Advertisement"."""
    return _MARKER.fullmatch(line) is not None


def is_headline_like(line: str) -> bool:
    """Short, starts with a capital/digit/quote, and does not end like a sentence."""
    s = line.strip()
    if not s or len(s) > 250 or _SENTENCE_END.search(s):
        return False
    if len(s.split()) > 30:
        return False
    c = s[0]
    return c.isupper() or c.isdigit() or c in "\"'“‘"


def is_caption_credit(line: str) -> bool:
    """A photo caption ending in a credit: "A US soldier in Iraq. (AFP)"."""
    return len(line) <= 400 and _CAPTION_CREDIT.fullmatch(line) is not None


def line_key(line: str) -> str:
    """What makes two lines "the same line": the words, whatever the spacing."""
    s = line.strip()
    if "  " in s or "\t" in s or "\xa0" in s or "\u2009" in s:
        return " ".join(s.split())
    return s
