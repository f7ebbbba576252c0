"""Statement dates: resolve a date expression ("on Monday", "last week") against the article date.

``resolve_date(expression, doc_date)`` returns an ISO string at the precision the text gives:

- ``YYYY-MM-DD`` for a day: "on July 11, 2024", "Jan. 27", "yesterday", "on Monday" (a weekday is
  the most recent such day on or before the article date; "last Monday" the one before that
  when the article itself is from a Monday), "two days ago";
- ``YYYY-MM-DD`` of the Monday for a week: "last week", "this week";
- ``YYYY-MM`` for a month: "in November 2024", "last month", "in November" (the most recent
  November on or before the article date);
- ``YYYY`` for a year: "in 2016", "last year";
- ``None`` when the text gives no date, when the expression is relative ("on Monday", "Jan. 27")
  and the article date is unknown, and for dates after the article date (a statement cannot be
  dated after its publication: "by September 2026" is a deadline, not when it was said).

Common expressions are read by precompiled patterns; anything else goes to ``dateparser``
(English only, dates from the past, relative to the article date), cached. This module does not
find date expressions in text (pipeline/attribution does) and does not decide which date a
statement carries on the graph (pipeline/graph.py falls back to the article date).
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9,
    "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12,
    "december": 12,
}
_WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
             "saturday": 5, "sunday": 6, "mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3,
             "thur": 3, "thurs": 3, "fri": 4, "sat": 5, "sun": 6}
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
            "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}

_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?P<weekday>" + "|".join(sorted(_WEEKDAYS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"

_LEAD = re.compile(
    r"^(?:(?:on|in|at|since|by|during|from|as of|as early as|until|till|earlier|later|late|"
    r"early|mid|the|of)\b[\s-]*)+")
_TRAIL = re.compile(r"\s*(?:,|\b(?:morning|afternoon|evening|night|noon|midday)\b)\s*$")
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"^(?P<year>\d{4})-(?P<m>\d{1,2})(?:-(?P<d>\d{1,2}))?(?:[t\s].*)?$")),
    ("today", re.compile(r"^(?:today|tonight|this (?:morning|afternoon|evening))$")),
    ("yesterday", re.compile(r"^(?:(?P<before>day before )?yesterday|last night)$")),
    ("weekday", re.compile(rf"^(?:(?P<rel>last|this|previous|past) )?{_WEEKDAY}$")),
    ("period", re.compile(r"^(?P<rel>last|this|previous|past|earlier this|later this)"
                          r" (?P<unit>week|month|year)$")),
    ("ago", re.compile(r"^(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|"
                       r"eleven|twelve) (?P<unit>day|week|month|year)s? ago$")),
    ("month_day", re.compile(rf"^{_MONTH} {_DAY}(?:,? {_YEAR})?$")),
    ("day_month", re.compile(rf"^{_DAY} (?:of )?{_MONTH}(?:,? {_YEAR})?$")),
    ("month_year", re.compile(rf"^{_MONTH},? {_YEAR}$")),
    ("month", re.compile(rf"^{_MONTH}$")),
    ("year", re.compile(rf"^{_YEAR}$")),
]
_HAS_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_CALENDAR_WORDS = set(_MONTHS) | set(_WEEKDAYS)
_ISO_PREFIX = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")


def resolve_date(expression: str | None, doc_date: str | None) -> str | None:
    """Return an ISO date (YYYY-MM-DD, YYYY-MM or YYYY) for ``expression`` or None.

    >>> resolve_date("on Monday", "2024-12-19")
    '2024-12-16'
    >>> resolve_date("in November 2024", None)
    '2024-11'
    >>> resolve_date("yesterday", None) is None
    True
    """
    if not expression:
        return None
    return _resolve(expression, doc_date or None)


@lru_cache(maxsize=65536)
def _resolve(expression: str, doc_date: str | None) -> str | None:
    base = parse_doc_date(doc_date)
    text = _clean(expression)
    if not text:
        return None
    result = _by_pattern(text, base)
    if result is _NO_MATCH:
        result = _by_dateparser(text, base)
    if result is None or isinstance(result, _NoMatch):
        return None
    if base is not None and result > base.isoformat()[: len(result)]:
        return None  # after the article: not when the statement was made
    return result


def parse_doc_date(doc_date: str | None) -> dt.date | None:
    """The article date as a day, or None when it is missing or not a full date."""
    if not doc_date:
        return None
    return _parse_doc_date(doc_date.strip())


@lru_cache(maxsize=4096)
def _parse_doc_date(doc_date: str) -> dt.date | None:
    m = _ISO_PREFIX.match(doc_date)
    if m:
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    data = _parser(None).get_date_data(doc_date)
    if data.date_obj is not None and data.period == "day":
        return data.date_obj.date()
    return None


def _clean(expression: str) -> str:
    text = " ".join(expression.replace("\u2019", "'").split()).lower().strip(" .,;:()\"'")
    text = text.replace("this past ", "last ")
    if text.endswith("'s"):
        text = text[:-2]
    for _ in range(3):
        new = _TRAIL.sub("", _LEAD.sub("", text)).strip(" ,")
        if new == text:
            break
        text = new
    return text


class _NoMatch:
    pass


_NO_MATCH = _NoMatch()


def _by_pattern(text: str, base: dt.date | None) -> str | None | _NoMatch:
    for name, pattern in _PATTERNS:
        m = pattern.match(text)
        if m is None:
            continue
        g = m.groupdict()
        if name == "iso":
            year, month = int(g["year"]), int(g["m"])
            if g["d"]:
                return _day(year, month, int(g["d"]))
            return f"{year:04d}-{month:02d}" if 1 <= month <= 12 else None
        if name == "year":
            return g["year"]
        if name == "month_year":
            return f"{int(g['year']):04d}-{_MONTHS[g['month']]:02d}"
        if name in ("month_day", "day_month"):
            month, day = _MONTHS[g["month"]], int(g["day"])
            if g.get("year"):
                return _day(int(g["year"]), month, day)
            if base is None:
                return None
            year = base.year if (month, day) <= (base.month, base.day) else base.year - 1
            return _day(year, month, day)
        if base is None:
            return None  # everything below is relative to the article date
        if name == "today":
            return base.isoformat()
        if name == "yesterday":
            return (base - dt.timedelta(days=2 if g["before"] else 1)).isoformat()
        if name == "weekday":
            back = (base.weekday() - _WEEKDAYS[g["weekday"]]) % 7
            if back == 0 and g["rel"] in ("last", "previous", "past"):
                back = 7
            return (base - dt.timedelta(days=back)).isoformat()
        if name == "month":
            month = _MONTHS[g["month"]]
            year = base.year if month <= base.month else base.year - 1
            return f"{year:04d}-{month:02d}"
        if name == "period":
            last = g["rel"] in ("last", "previous", "past")
            return _period(base, g["unit"], 1 if last else 0)
        if name == "ago":
            n = int(g["n"]) if g["n"].isdigit() else _NUMBERS[g["n"]]
            unit = g["unit"]
            if unit == "day":
                return (base - dt.timedelta(days=n)).isoformat()
            if unit == "week":
                return (base - dt.timedelta(days=7 * n)).isoformat()
            return _period(base, unit, n)
    return _NO_MATCH


def _period(base: dt.date, unit: str, back: int) -> str:
    if unit == "week":
        monday = base - dt.timedelta(days=base.weekday() + 7 * back)
        return monday.isoformat()
    if unit == "month":
        index = base.year * 12 + base.month - 1 - back
        return f"{index // 12:04d}-{index % 12 + 1:02d}"
    return f"{base.year - back:04d}"


def _day(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


@lru_cache(maxsize=64)
def _parser(base: dt.date | None):
    from dateparser.date import DateDataParser

    settings = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False,
                "PREFER_DAY_OF_MONTH": "first"}
    if base is not None:
        settings["RELATIVE_BASE"] = dt.datetime(base.year, base.month, base.day)
    return DateDataParser(languages=["en"], settings=settings)


def _by_dateparser(text: str, base: dt.date | None) -> str | None:
    if base is None and not _HAS_YEAR.search(text):
        return None  # relative, and nothing to be relative to
    years = set(_HAS_YEAR.findall(text))
    words = set(re.findall(r"[a-z]+", text))
    if not years and not (words & _CALENDAR_WORDS):
        return None  # "recently", "the coming months", "the 1990s": no date in it
    only_year = next(iter(years)) if len(years) == 1 else None
    try:
        data = _parser(base).get_date_data(text)
    except Exception:  # dateparser raises on odd input; a date is never worth a crash
        return only_year
    if data.date_obj is None:
        return only_year  # "in the summer of 2023": the year at least
    d = data.date_obj.date()
    if years and str(d.year) not in years:
        return None
    if data.period == "year":
        return f"{d.year:04d}"
    if data.period == "month":
        return f"{d.year:04d}-{d.month:02d}"
    if data.period == "week":
        return (d - dt.timedelta(days=d.weekday())).isoformat()
    return d.isoformat()
