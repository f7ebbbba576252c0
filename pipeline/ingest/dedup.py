"""Recognise an article we have already processed (the same story arriving in several files).

First version: exact match after collapsing whitespace. Keeps one small hash per article.
"""

from __future__ import annotations

import hashlib
import re

from ..records import Article

_WS = re.compile(r"\s+")


class Deduplicator:
    """``check(article)`` returns the doc_id of the earlier article it repeats, else None."""

    def __init__(self) -> None:
        self._seen: dict[bytes, str] = {}

    def check(self, article: Article) -> str | None:
        key = hashlib.blake2b(_WS.sub(" ", article.text).strip().encode("utf-8"), digest_size=16).digest()
        first = self._seen.get(key)
        if first is None:
            self._seen[key] = article.doc_id
        return first
