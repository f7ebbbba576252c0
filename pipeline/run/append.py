"""Add new articles to a finished run folder: ``actorgraph run NEW... --out DIR --append``.

A run folder remembers what it holds so that a later session can add to it as if the new
inputs had come at the end of the first run's input list:

- ``.actorgraph/fingerprints.jsonl``: the dedup fingerprint (pipeline/ingest/dedup.py) of
  every article the folder processed, in order, ``[doc_id, exact, sentences, [sketch]]`` a
  line. Every run writes it when its extraction ends; an append replays it into a
  ``Deduplicator``, so a new article that repeats (exactly or nearly) one already in the folder
  is set aside as its duplicate, exactly as one run over all the inputs would;
- the doc ids of documents.jsonl: the reader makes a repeated id unique (``id~2``) against them,
  as it does within one run.

``History`` is that memory for one session (fresh and empty for a new run). ``start_append``
checks that a folder may take new articles (same model, config and actorgraph version; its last
session finished) and returns the state of the new session: its checkpoint sizes start at the
folder's current file sizes, so an interrupted append is resumed like any run (``--resume``)
and never touches what was there before. Rebuilding identity, actors.jsonl, the graph files and
the summary from the whole folder is the runner's finalize, unchanged.

It does not read inputs, extract, or decide what a duplicate is.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from ..ingest import Cleaned, Deduplicator, Fingerprint, fingerprint
from ..records import Article
from .folder import DOCUMENTS, RELATIONS

FINGERPRINTS = "fingerprints.jsonl"  # inside the folder's state directory
FINISHED = ("summary", "done")  # checkpoint phases after finalize: the folder is complete

_MUST_MATCH = {
    "model": "it was written with another model",
    "config": "it was written with another --config or --set",
    "version": "it was written by another actorgraph version",
}


class AppendError(ValueError):
    """The folder cannot take new articles; the message is one line."""


class History:
    """What a folder already holds, as the reader and the deduplicator of a session see it."""

    def __init__(self, used_ids: set[str] | None = None, dedup: Deduplicator | None = None) -> None:
        self.used_ids = used_ids if used_ids is not None else set()
        self.dedup = dedup if dedup is not None else Deduplicator()
        self.new: list[tuple[str, Fingerprint]] = []  # articles this session remembers

    def check(self, art: Article, cleaned: Cleaned) -> str | None:
        """The doc id of the earlier article ``art`` repeats (in the folder or this session)."""
        fp = fingerprint(cleaned, self.dedup.sketch_size)
        first = self.dedup.check_fingerprint(art.doc_id, fp)
        if first is None and fp is not None:
            self.new.append((art.doc_id, fp))
        return first


def load_history(out: Path, state_dir: Path, state: Mapping[str, Any]) -> History:
    """The folder's memory as it was when this session started (empty for a new run)."""
    base = state.get("append")
    if not base:
        return History()
    used: set[str] = set()
    for line in _lines(out / DOCUMENTS, base["sizes"].get(DOCUMENTS, 0)):
        doc_id = json.loads(line).get("doc_id")
        if isinstance(doc_id, str):
            used.add(doc_id)
    dedup = Deduplicator()
    for line in _lines(state_dir / FINGERPRINTS, base["fingerprints"]):
        doc_id, exact, sentences, sketch = json.loads(line)
        dedup.check_fingerprint(doc_id, Fingerprint(exact, tuple(sketch), sentences))
    return History(used, dedup)


def save_history(state_dir: Path, state: Mapping[str, Any], history: History) -> None:
    """Add this session's fingerprints to the folder's (idempotent: a resumed session cuts the
    file back to its size at the session's start first)."""
    base = (state.get("append") or {}).get("fingerprints", 0)
    path = state_dir / FINGERPRINTS
    with open(path, "a+b") as fh:
        fh.truncate(base)
        fh.seek(0, os.SEEK_END)
        for doc_id, fp in history.new:
            line = json.dumps([doc_id, fp.exact, fp.sentences, list(fp.sketch)]) + "\n"
            fh.write(line.encode())
        fh.flush()
        os.fsync(fh.fileno())


def start_append(out: Path, state_dir: Path, state: Mapping[str, Any] | None,
                 fingerprint_now: Mapping[str, Any], stream_files: tuple[str, ...], *,
                 resume: bool, say: Callable[[str], None]) -> dict[str, Any] | None:
    """Decide what ``--append`` does with the folder's checkpoint ``state``.

    Returns None for a folder without a run (the append starts a new run there), ``state``
    itself when it is to be continued (``--resume`` of an unfinished append, or nothing left to
    do), or the state of a new append session. Raises ``AppendError`` when the folder cannot
    take the new articles.
    """
    if state is None:
        if (out / RELATIONS).exists():
            raise AppendError(f"cannot --append to {out}: it has no checkpoint "
                              f"(.actorgraph/state.json): run without --append to start over")
        say(f"nothing to append to in {out}: starting a new run")
        return None
    old = state.get("fingerprint") or {}
    for key, why in _MUST_MATCH.items():
        if old.get(key) != fingerprint_now[key]:
            raise AppendError(f"cannot --append to {out}: {why}; write to a new folder "
                              "(--out) or run the same model and config")
    if state.get("phase") not in FINISHED:
        if resume:
            return dict(state)  # the runner checks that the inputs are the same
        raise AppendError(f"cannot --append to {out}: its last run did not finish; "
                          "finish it first with the same command and --resume")
    if resume and old.get("inputs") == fingerprint_now["inputs"]:
        say(f"nothing to resume in {out}: these inputs were the last ones added")
        return dict(state)
    if not (state_dir / FINGERPRINTS).is_file():
        raise AppendError(f"cannot --append to {out}: it has no article fingerprints "
                          f"(.actorgraph/{FINGERPRINTS}); run without --append to start over")
    sizes = {name: (out / name).stat().st_size if (out / name).exists() else 0
             for name in stream_files}
    session = int((state.get("append") or {}).get("session", 0)) + 1
    return {"version": state.get("version"), "fingerprint": dict(fingerprint_now),
            "phase": "extract", "events_done": 0, "articles_done": 0, "sizes": dict(sizes),
            "append": {"session": session, "sizes": sizes,
                       "fingerprints": (state_dir / FINGERPRINTS).stat().st_size}}


def _lines(path: Path, limit: int) -> Iterator[str]:
    """The non-empty lines within the first ``limit`` bytes of ``path``, streamed."""
    if limit <= 0 or not path.exists():
        return
    done = 0
    with open(path, "rb") as fh:
        for line in fh:
            done += len(line)
            if done > limit:
                return
            if line.strip():
                yield line.decode("utf-8")
