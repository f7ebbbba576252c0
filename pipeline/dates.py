"""Statement dates: resolve a date expression ("on Monday", "last week") against the article date.

First version: only absolute ISO dates are recognised.
"""

from __future__ import annotations

import re

_ISO = re.compile(r"\b(\d{4}-\d{2}-\d{2})\b")


def resolve_date(expression: str | None, doc_date: str | None) -> str | None:
    """Return an ISO date (YYYY-MM-DD, or YYYY-MM when the text gives only a month) or None."""
    if not expression:
        return None
    m = _ISO.search(expression)
    return m.group(1) if m else None
