"""Recognise an article we have already seen: the same story arriving in several files.

The fingerprint is taken from the article's cleaned BODY (``Cleaned.body``: no header lines,
headline, photo captions or dateline), reduced to its letters and digits in lower case, so two
copies match whatever their headers, whitespace, line wrapping, quote style, repeated
headline/caption block or glued words. Two articles that only share a headline or a caption
do not match, because those lines are not part of the body.

Two tests, both with a fixed-size digest per article (memory grows with the number of
articles, never with their length):

- exact: a 64-bit hash of the whole normalised body;
- near: a bottom-k sketch (the k smallest 64-bit hashes of the body's sentences). Two
  articles with at least ``min_sentences`` sentences are duplicates when the sketch estimate
  of their sentence-set Jaccard similarity reaches ``threshold`` (0.7: one edited sentence
  in a six-sentence story is still the same story, as is a lightly revised edition; half a
  story, or a story that shares two sentences with another, is not). Candidates are found
  through the few smallest hashes only.

It does not decide what happens to a duplicate (the runner records it as ``duplicate_of`` and
skips it) and does not compare articles across runs.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from ..records import Article
from .clean import Cleaned, clean_article

# Normalising at C speed: lower-case, drop common non-ASCII punctuation, encode, then one
# bytes.translate that turns . ! ? and newlines into piece breaks and deletes other ASCII
# punctuation and whitespace. ("3.5" and "U.S." break into pieces too - the same way in every
# copy, which is all a fingerprint needs.)
_UNICODE_PUNCT = ("“", "”", "‘", "’", "—", "–", "…", "\xa0", "«", "»", "•", "·", "„", "‚",
                  "\u200b", "\u2009", "\u202f")
_BREAKS = b".!?\n"
_TABLE = bytes.maketrans(_BREAKS, b"\n" * len(_BREAKS))
_DELETE = bytes(c for c in range(128) if not chr(c).isalnum() and c not in _BREAKS)
_MIN_SENTENCE_CHARS = 20  # normalised characters: about four words


@dataclass(frozen=True, slots=True)
class Fingerprint:
    exact: int  # hash of the whole normalised body
    sketch: tuple[int, ...]  # the smallest sentence hashes, ascending
    sentences: int  # how many distinct sentences the body has


def _h64(data: bytes) -> int:
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "big")


def fingerprint(cleaned: Cleaned, sketch_size: int = 16) -> Fingerprint | None:
    """The fingerprint of a cleaned article; None when it has no body text to compare."""
    text = cleaned.clean.text
    body = "\n".join(text[s:e] for s, e in cleaned.body) if cleaned.body else text
    pieces = _normalise(body).split(b"\n")
    whole = b"".join(pieces)
    if not whole:
        return None
    hashes = {_h64(p) for p in pieces if len(p) >= _MIN_SENTENCE_CHARS}
    return Fingerprint(_h64(whole), tuple(sorted(hashes)[:sketch_size]), len(hashes))


def _normalise(text: str) -> bytes:
    t = text.lower()
    for ch in _UNICODE_PUNCT:
        if ch in t:
            t = t.replace(ch, "")
    return t.encode("utf-8").translate(_TABLE, _DELETE)


def similarity(a: Fingerprint, b: Fingerprint) -> float:
    """Bottom-k estimate of the Jaccard similarity of two articles' sentence sets."""
    k = max(len(a.sketch), len(b.sketch))
    if k == 0:
        return 0.0
    sa, sb = set(a.sketch), set(b.sketch)
    union = sorted(sa | sb)[:k]
    return sum(1 for x in union if x in sa and x in sb) / len(union)


class Deduplicator:
    """``check(article)`` returns the doc_id of the earlier article it repeats, else None.

    Articles are remembered in the order they are checked; a duplicate is not remembered, so
    every later copy points at the first one.
    """

    def __init__(self, *, threshold: float = 0.7, sketch_size: int = 16,
                 min_sentences: int = 4, index_hashes: int = 3) -> None:
        self.threshold = threshold
        self.sketch_size = sketch_size
        self.min_sentences = min_sentences
        self.index_hashes = index_hashes
        self._exact: dict[int, str] = {}
        self._ids: list[str] = []
        self._sketches: list[Fingerprint] = []
        self._index: dict[int, int] = {}  # a sentence hash -> the first article that had it

    def __len__(self) -> int:
        return len(self._exact)

    def check(self, article: Article, cleaned: Cleaned | None = None) -> str | None:
        """Pass ``cleaned`` when the caller has cleaned the article already (saves a pass)."""
        fp = fingerprint(cleaned or clean_article(article.text), self.sketch_size)
        return self.check_fingerprint(article.doc_id, fp)

    def check_fingerprint(self, doc_id: str, fp: Fingerprint | None) -> str | None:
        """Like ``check`` for a fingerprint computed elsewhere (e.g. in a worker process)."""
        if fp is None:
            return None
        first = self._exact.get(fp.exact)
        if first is not None:
            return first
        near = fp.sentences >= self.min_sentences
        if near:
            for h in fp.sketch[: self.index_hashes]:
                j = self._index.get(h)
                if j is not None and similarity(fp, self._sketches[j]) >= self.threshold:
                    return self._ids[j]
        self._exact[fp.exact] = doc_id
        if near:
            j = len(self._ids)
            self._ids.append(doc_id)
            self._sketches.append(fp)
            for h in fp.sketch[: self.index_hashes]:
                self._index.setdefault(h, j)
        return None
