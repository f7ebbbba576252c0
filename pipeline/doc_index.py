"""Plain per-document arrays for the hot loops of our components (the rule layer, the facts).

Each ``doc[i]`` (and each token of an iterated Span) makes a new spaCy ``Token`` object; the
rules scan many spans token by token for the few with a given dependency label or tag, and
making those objects cost a good part of the attribution component's time. ``DocIndex`` reads the
labels once per document (``Doc.to_array``) into plain lists of ints, so a scan tests ints
(``label_ids`` gives those of label names) and makes a Token only for the tokens that pass.

``doc_index(doc)`` keeps the index of the document last asked for: the rules receive the Doc
(not the index), and within one document every call after the first is a lookup. The
component rebuilds it at the start of each document (``fresh=True``), so an index never
outlives a change to its Doc in a run.
"""

from __future__ import annotations

from bisect import bisect_right

import numpy as np
from spacy.attrs import DEP, IDX, LOWER, SENT_START
from spacy.strings import get_string_id
from spacy.tokens import Doc


TEXT_KEY = "actorgraph_text"  # doc.user_data key: the text a Doc was made from (make_doc)


def doc_text(doc: Doc) -> str:
    """``doc.text``, without rebuilding it when the Doc came from
    ``attribution.component.make_doc``, which keeps the text it was given (``Doc.text`` joins
    every token each time it is read)."""
    text = doc.user_data.get(TEXT_KEY)
    return doc.text if text is None else text


class DocIndex:
    """One document's token starts, dependency labels, sentence starts and lower-case
    hashes."""

    __slots__ = ("doc", "n", "starts", "dep_ids", "lows", "sent_starts", "n_chars", "_words",
                 "_text")

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self._text: str | None = None  # doc_text(doc), when first asked
        self.n = n = len(doc)
        arr = doc.to_array([IDX, DEP, SENT_START, LOWER]) if n \
            else np.zeros((0, 4), dtype=np.uint64)
        self.starts: list[int] = arr[:, 0].tolist()  # token.idx
        self.dep_ids: list[int] = arr[:, 1].tolist()  # token.dep (see label_ids)
        # token.is_sent_start is True (SENT_START 1) only at these
        self.sent_starts: list[int] = np.flatnonzero(arr[:, 2] == 1).tolist()
        # the hash of each token's lower-case form (lexicon.lower_hashes; not to be changed)
        self.lows: np.ndarray = np.ascontiguousarray(arr[:, 3])
        self._words: set[int] | None = None  # the distinct hashes of lows, when first asked
        # the text the tokens cover, trailing whitespace included (len(doc.text))
        self.n_chars = self.starts[-1] + len(doc[-1].text_with_ws) if n else 0

    def text(self) -> str:
        """The Doc's text (``doc_text``), read once."""
        if self._text is None:
            self._text = doc_text(self.doc)
        return self._text

    def between(self, i: int, j: int) -> str:
        """The text of tokens ``i`` to ``j - 1`` with their whitespace (``doc[i:j].text_with_ws``
        without a Span or a Token of each: the tokens' texts tile the Doc's text)."""
        end = self.starts[j] if j < self.n else self.n_chars
        return self.text()[self.starts[i]:end] if i < j else ""

    def words(self) -> set[int]:
        """The document's distinct lower-case hashes (of ``lows``), made when first asked."""
        if self._words is None:
            self._words = set(self.lows.tolist())
        return self._words

    def token_at(self, char: int) -> int:
        """The token whose text or trailing whitespace holds offset ``char``, or -1."""
        if char < 0 or char >= self.n_chars:
            return -1
        return bisect_right(self.starts, char) - 1

    def expand(self, start: int, end: int) -> tuple[int, int] | None:
        """The token range (first, past-last) of ``doc.char_span(start, end,
        alignment_mode="expand")``, None where it gives None (without making the Span)."""
        first = self.token_at(start)
        if first < 0:
            return None
        last = self.token_at(end - 1)
        if last < 0:
            return None
        doc = self.doc
        if start == self.starts[first] + len(doc[first]):
            first += 1  # the offset is in the trailing whitespace: the next token starts it
        if first > last + 1:
            raise IndexError(f"no span from character {start} to {end}")  # as Span() raises
        return first, last + 1

    def sentence_start(self, i: int) -> int:
        """The first token of token ``i``'s sentence (as ``Doc.sents`` splits: at each token
        that starts a sentence, and at the first)."""
        k = bisect_right(self.sent_starts, i) - 1
        return self.sent_starts[k] if k >= 0 else 0

    def sentence_end(self, i: int) -> int:
        """The index past the last token of token ``i``'s sentence: the next token that
        starts a sentence (``is_sent_start``), else the document's end."""
        k = bisect_right(self.sent_starts, i)
        return self.sent_starts[k] if k < len(self.sent_starts) else self.n


def label_ids(*labels: str) -> frozenset[int]:
    """The ids ``DocIndex.dep_ids`` holds for these labels (``Token.dep``: a spaCy symbol's id
    for the labels spaCy knows, else the string's hash)."""
    return frozenset(get_string_id(label) for label in labels)


_last: DocIndex | None = None


def doc_index(doc: Doc, fresh: bool = False) -> DocIndex:
    """The ``DocIndex`` of ``doc``: the one made last when it is this Doc's (and ``fresh`` is
    not asked for), else a new one."""
    global _last
    index = _last
    if fresh or index is None or index.doc is not doc or index.n != len(doc):
        index = _last = DocIndex(doc)
    return index


def words_of(lows: np.ndarray) -> set[int]:
    """The distinct hashes of a lower-case hash array: those the current index holds (made once
    per document) when ``lows`` is its array, else made for this call."""
    index = _last
    if index is not None and index.lows is lows:
        return index.words()
    return set(lows.tolist())
