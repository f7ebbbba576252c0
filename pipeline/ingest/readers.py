"""Read input paths into articles: .txt, .jsonl, .csv and stdin.

First version: one article per .txt file or record. Errors are reported through ``on_error``
and never raised, so one bad file never stops the run.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..records import Article, InputError

ErrorSink = Callable[[InputError], None]
SUFFIXES = {".txt", ".jsonl", ".csv"}


def iter_paths(paths: Iterable[str | Path], on_error: ErrorSink) -> Iterator[Path | str]:
    """Expand directories (recursively, sorted) into the files we read."""
    for p in paths:
        if str(p) == "-":
            yield "-"
            continue
        path = Path(p)
        if path.is_dir():
            for f in sorted(x for x in path.rglob("*") if x.is_file()):
                if f.suffix.lower() in SUFFIXES:
                    yield f
        elif path.is_file():
            yield path
        else:
            on_error(InputError(str(p), None, "no such file or directory"))


def read_articles(paths: Iterable[str | Path], on_error: ErrorSink) -> Iterator[Article]:
    for path in iter_paths(paths, on_error):
        if path == "-":
            yield from _read_txt("<stdin>", sys.stdin.read())
            continue
        try:
            data = path.read_bytes()
            text = data.decode("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            on_error(InputError(str(path), None, f"cannot read: {exc}"))
            continue
        suffix = path.suffix.lower()
        if suffix == ".jsonl":
            yield from _read_jsonl(str(path), text, on_error)
        elif suffix == ".csv":
            yield from _read_csv(str(path), text, on_error)
        else:
            yield from _read_txt(str(path), text)


def _read_txt(name: str, text: str) -> Iterator[Article]:
    if text.strip():
        yield Article(doc_id=f"{name}#1", text=text, path=name, start=0, line=1)


def _read_jsonl(name: str, text: str, on_error: ErrorSink) -> Iterator[Article]:
    for lineno, line in enumerate(io.StringIO(text, newline=""), start=1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
            body = rec["text"]
        except (ValueError, KeyError, TypeError) as exc:
            on_error(InputError(name, lineno, f"bad JSON record: {exc}"))
            continue
        yield Article(
            doc_id=str(rec.get("id") or f"{name}:{lineno}"),
            text=body, path=name, line=lineno,
            title=rec.get("title"), date=rec.get("date"), source=rec.get("source"),
            url=rec.get("url"),
        )


def _read_csv(name: str, text: str, on_error: ErrorSink) -> Iterator[Article]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if not reader.fieldnames or "text" not in reader.fieldnames:
        on_error(InputError(name, 1, "CSV has no 'text' column"))
        return
    for rec in reader:
        yield Article(
            doc_id=str(rec.get("id") or f"{name}:{reader.line_num}"),
            text=rec["text"] or "", path=name, line=reader.line_num,
            title=rec.get("title"), date=rec.get("date"), source=rec.get("source"),
            url=rec.get("url"),
        )
