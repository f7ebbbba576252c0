"""Statement dates: expressions resolved against the article date, at the precision given."""

from __future__ import annotations

import pytest

from pipeline.dates import parse_doc_date, resolve_date

THURSDAY = "2024-12-19"  # a Thursday


@pytest.mark.parametrize("expression,doc_date,expected", [
    # weekdays: the most recent such day on or before the article date
    ("on Monday", THURSDAY, "2024-12-16"),
    ("Thursday", THURSDAY, "2024-12-19"),
    ("on Friday", THURSDAY, "2024-12-13"),
    ("last Thursday", THURSDAY, "2024-12-12"),
    ("last Tuesday", THURSDAY, "2024-12-17"),
    ("Monday night", THURSDAY, "2024-12-16"),
    ("earlier on Tuesday", THURSDAY, "2024-12-17"),
    ("Tuesday's", THURSDAY, "2024-12-17"),
    ("this past Monday", THURSDAY, "2024-12-16"),
    # days
    ("yesterday", THURSDAY, "2024-12-18"),
    ("today", THURSDAY, "2024-12-19"),
    ("two days ago", THURSDAY, "2024-12-17"),
    ("on July 11, 2024", THURSDAY, "2024-07-11"),
    ("on July 11, 2024", None, "2024-07-11"),
    ("19 December 2024", None, "2024-12-19"),
    ("Jan. 27", "2025-02-03", "2025-01-27"),
    ("Dec. 27", "2025-01-10", "2024-12-27"),  # the most recent Dec. 27: last year
    ("November 23", THURSDAY, "2024-11-23"),
    ("on Thursday, Dec. 12", THURSDAY, "2024-12-12"),
    ("Dec 3rd", THURSDAY, "2024-12-03"),
    ("2024-12-01", None, "2024-12-01"),
    # weeks: the Monday
    ("last week", THURSDAY, "2024-12-09"),
    ("this week", THURSDAY, "2024-12-16"),
    # months
    ("in November 2024", THURSDAY, "2024-11"),
    ("in November 2024", None, "2024-11"),
    ("Nov 2024", None, "2024-11"),
    ("in November", THURSDAY, "2024-11"),
    ("in December", "2025-01-05", "2024-12"),
    ("mid-November", THURSDAY, "2024-11"),
    ("last month", THURSDAY, "2024-11"),
    ("last month", "2025-01-05", "2024-12"),
    ("earlier this month", THURSDAY, "2024-12"),
    # years
    ("in 2016", None, "2016"),
    ("last year", THURSDAY, "2023"),
    ("late last year", THURSDAY, "2023"),
    ("in the summer of 2023", THURSDAY, "2023"),
])
def test_resolves(expression, doc_date, expected):
    assert resolve_date(expression, doc_date) == expected


@pytest.mark.parametrize("expression,doc_date", [
    (None, THURSDAY),
    ("", THURSDAY),
    ("recently", THURSDAY),
    ("the coming months", THURSDAY),
    ("the 1990s", THURSDAY),
    ("decades", THURSDAY),
    # relative, and no article date to be relative to
    ("on Monday", None),
    ("yesterday", None),
    ("last week", None),
    ("Jan. 27", None),
    ("in November", None),
    # after the article: a deadline, not when it was said
    ("by September 2026", THURSDAY),
    ("on Dec. 25, 2024", THURSDAY),
    # the article date is not a full date
    ("on Monday", "2024-12"),
    ("on Monday", "not a date"),
])
def test_stays_null(expression, doc_date):
    assert resolve_date(expression, doc_date) is None


def test_article_date_formats():
    assert str(parse_doc_date("2024-12-19 13:05:28")) == "2024-12-19"
    assert str(parse_doc_date("2024-12-19T13:05:28Z")) == "2024-12-19"
    assert str(parse_doc_date("December 19, 2024")) == "2024-12-19"
    assert parse_doc_date(None) is None and parse_doc_date("2024-02-30") is None


def test_formats_are_iso_prefixes():
    import re

    for expr in ("on Monday", "in November 2024", "in 2016", "last week"):
        out = resolve_date(expr, THURSDAY)
        assert re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", out)
