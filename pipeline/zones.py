"""Headline-only names: which names seen in headlines and captions become actors.

Headlines are written in title case, so the models read fragments such as "Dormant Cells Pave
Way" or "Turkish Operations" as names. A name found only in headline or caption text
(``"in": "headline" | "caption"``) becomes an actor only when the body confirms it: the same
actor key occurs in a body record somewhere in the run, or, for a person, a body person ends
with the same surname ("Trump Says ..." over an article about "Donald Trump").

``BodyConfirmation`` is the filter the identity step calls while names stream past: body keys
are recorded as they come, headline names wait (counted per distinct name, so memory grows
with the vocabulary, not the corpus) until the stream ends. Limit: confirmation is run-wide,
not per article, and a surname confirms any person who bears it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from typing import Any

from .ingest.clean import BODY


def in_body(rec: Mapping[str, Any]) -> bool:
    """Whether a relation or entity record comes from the body (records of older runs, without
    an ``in`` field, do)."""
    return (rec.get("in") or BODY) == BODY


class BodyConfirmation:
    """Collect body keys and hold headline names back until the body confirms them."""

    def __init__(self) -> None:
        self._body: set[str] = set()
        self._surnames: set[str] = set()  # last slug word of body person keys
        self._waiting: Counter = Counter()  # (key, observation) -> times seen

    def body(self, key: str) -> None:
        """A key seen in body text."""
        if key in self._body:
            return
        self._body.add(key)
        kind, _, rest = key.partition(":")
        if kind == "person" and "-" in rest:
            self._surnames.add(rest.rsplit("-", 1)[1])

    def hold(self, key: str, observation: tuple) -> None:
        """A name seen in a headline or caption; ``observation`` is handed back by
        ``confirmed_observations`` when the body confirms ``key``."""
        self._waiting[(key, observation)] += 1

    def confirms(self, key: str) -> bool:
        """Whether the body confirms an actor key seen in a headline or caption."""
        if key in self._body:
            return True
        kind, _, rest = key.partition(":")
        return kind == "person" and "-" not in rest and rest in self._surnames

    def confirmed_observations(self) -> Iterator[tuple[tuple, int]]:
        """(observation, times) of the held names that the body confirms, in a stable order."""
        for (key, observation), n in sorted(self._waiting.items(), key=lambda x: repr(x[0])):
            if self.confirms(key):
                yield observation, n
