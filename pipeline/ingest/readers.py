"""Read input paths into articles: .txt, .jsonl, .csv, .html and stdin.

``read_articles(paths, on_error)`` yields ``Article`` records and never raises for bad input:
each problem becomes one ``InputError(path, line, message)`` passed to ``on_error``, and the
run goes on with the next record or file.

Inputs
- A file, a directory (walked recursively, hidden files and folders skipped, files in sorted
  order so resumable runs see the same order), several paths, or "-" for stdin.
- Formats by suffix: ``.txt``/``.text`` (one or several articles, see ``split.py``),
  ``.jsonl``/``.ndjson`` (one JSON object per line with a ``text`` field), ``.csv``/``.tsv``
  (a ``text`` column; the delimiter is read from the header line), ``.html``/``.htm`` (main
  text extracted by trafilatura, see ``html.py``). Optional fields/columns: ``id`` (or ``doc_id``),
  ``title``, ``date`` (normalised to ISO; left empty when unreadable), ``source``, ``url``.
- Inside a directory, files with any other suffix are skipped silently (a directory with no
  readable file at all is reported). A file named explicitly with another suffix (or none),
  and stdin, are sniffed: JSON Lines when the first non-blank character is "{", HTML when it
  starts like a page, plain text otherwise.

doc_id: the record's ``id`` when given; else ``<path>#<n>`` for the n-th article of a text or
HTML file and ``<path>:<line>`` for a JSONL/CSV record (``<stdin>`` for stdin). An ``id``
used twice gets ``~2``, ``~3``... and an error says so. A file named twice in one run is read
once.

Offsets: ``Article.text`` is an exact slice of the input text starting at ``Article.start``:
the file decoded as UTF-8 with newlines untouched for .txt, the ``text`` field for JSONL/CSV
records, trafilatura's extracted text for HTML (start 0).

Bad input: an empty file, a binary file (NUL bytes, PDF, zip, gzip, UTF-16), bytes that are
not UTF-8 (the line of the first bad byte is reported; a .txt file is skipped, a JSONL record
is skipped, a CSV file is read up to that line), a malformed JSONL line or one without a string
``text``, a CSV without a ``text`` column, a missing path. Documents too long for the model are
reported later, by ``pipeline/process.py``.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from itertools import chain
from pathlib import Path
from typing import Any

from ..records import Article, InputError
from .header import parse_date
from .split import split_articles

ErrorSink = Callable[[InputError], None]

TEXT_SUFFIXES = frozenset({".txt", ".text"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
CSV_SUFFIXES = frozenset({".csv", ".tsv"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
SUFFIXES = TEXT_SUFFIXES | JSONL_SUFFIXES | CSV_SUFFIXES | HTML_SUFFIXES

STDIN = "<stdin>"
_SNIFF_BYTES = 8192
_MAX_ERRORS_PER_FILE = 50
_BINARY_MAGIC = (
    (b"%PDF", "a PDF file; extract its text first (e.g. pdftotext)"),
    (b"PK\x03\x04", "a zip archive (or .docx/.xlsx); unpack or export it to text first"),
    (b"\x1f\x8b", "a gzip-compressed file; decompress it first"),
    (b"\xff\xfe", "UTF-16 text; convert it to UTF-8 (e.g. iconv -f utf-16 -t utf-8)"),
    (b"\xfe\xff", "UTF-16 text; convert it to UTF-8 (e.g. iconv -f utf-16 -t utf-8)"),
)


def read_articles(paths: Iterable[str | Path], on_error: ErrorSink) -> Iterator[Article]:
    """Yield the articles of every input path, in order; report bad input to ``on_error``."""
    ids = _IdRegistry(on_error)
    seen_files: set[str] = set()
    for item in iter_paths(paths, on_error):
        if item == "-":
            arts = _read_stdin(on_error)
        else:
            path = item
            real = os.path.realpath(path)
            if real in seen_files:
                on_error(InputError(str(path), None, "named more than once; read only once"))
                continue
            seen_files.add(real)
            arts = _read_file(path, on_error)
        for art in arts:
            yield ids.unique(art)


def iter_paths(paths: Iterable[str | Path], on_error: ErrorSink) -> Iterator[Path | str]:
    """Expand the inputs: "-" stays, a directory becomes its readable files (recursive,
    sorted, hidden entries skipped), a file stays; a missing path is reported."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    for p in paths:
        if str(p) == "-":
            yield "-"
            continue
        path = Path(p)
        if path.is_dir():
            files, other = _walk(path)
            if not files:
                what = f" ({other} file(s) with other suffixes skipped)" if other else ""
                on_error(InputError(str(path), None,
                                    f"no .txt/.jsonl/.csv/.html files in this directory{what}"))
            yield from files
        elif path.is_file():
            yield path
        elif path.exists():
            on_error(InputError(str(path), None, "not a regular file"))
        else:
            on_error(InputError(str(path), None, "no such file or directory"))


def _walk(root: Path) -> tuple[list[Path], int]:
    found: list[tuple[tuple[str, ...], Path]] = []
    other = 0
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            if name.startswith("."):
                continue
            f = Path(dirpath, name)
            if f.suffix.lower() in SUFFIXES:
                found.append((f.relative_to(root).parts, f))
            else:
                other += 1
    found.sort(key=lambda x: x[0])
    return [f for _, f in found], other


# --- one file -------------------------------------------------------------------------------


def _read_file(path: Path, on_error: ErrorSink) -> Iterator[Article]:
    name = str(path)
    suffix = path.suffix.lower()
    try:
        if suffix in JSONL_SUFFIXES:
            with open(path, "rb") as fh:
                head = fh.read(_SNIFF_BYTES)
                if _check_head(name, head, on_error):
                    fh.seek(0)
                    yield from _read_jsonl(name, fh, on_error)
            return
        if suffix in CSV_SUFFIXES:
            with open(path, "rb") as fh:
                head = fh.read(_SNIFF_BYTES)
            if _check_head(name, head, on_error):
                yield from _read_csv(path, on_error, tab=suffix == ".tsv")
            return
        data = path.read_bytes()
    except OSError as exc:
        on_error(InputError(name, None, f"cannot read: {exc.strerror or exc}"))
        return
    if not _check_head(name, data[:_SNIFF_BYTES], on_error):
        return
    if suffix in HTML_SUFFIXES:
        yield from _read_html(name, data, on_error)
        return
    text = _decode(name, data, on_error)
    if text is None:
        return
    if suffix in TEXT_SUFFIXES:
        yield from _read_txt(name, text, on_error)
    else:
        yield from _read_sniffed(name, text, on_error)


def _read_stdin(on_error: ErrorSink) -> Iterator[Article]:
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:  # a text stream (tests, embedding): take it as it is
        text = sys.stdin.read()
        if not text.strip():
            on_error(InputError(STDIN, None, "empty input"))
            return
        yield from _read_sniffed(STDIN, text, on_error)
        return
    first: list[bytes] = []
    for raw in stream:  # look at the first non-blank line to choose the format
        first.append(raw)
        if raw.strip():
            break
    if not first or not first[-1].strip():
        on_error(InputError(STDIN, None, "empty input"))
        return
    if first[-1].lstrip(b"\xef\xbb\xbf \t").startswith(b"{"):
        yield from _read_jsonl(STDIN, chain(first, stream), on_error)
        return
    data = b"".join(first) + stream.read()
    if not _check_head(STDIN, data[:_SNIFF_BYTES], on_error):
        return
    text = _decode(STDIN, data, on_error)
    if text is not None:
        yield from _read_sniffed(STDIN, text, on_error)


def _read_sniffed(name: str, text: str, on_error: ErrorSink) -> Iterator[Article]:
    """Plain text, JSON Lines or HTML, judged by how the text starts."""
    head = text.lstrip("\ufeff \t\r\n")[:1000]
    if head.startswith("{"):
        lines = io.BytesIO(text.encode("utf-8"))
        yield from _read_jsonl(name, lines, on_error)
    elif head.startswith("[") and head[1:].lstrip().startswith("{"):
        on_error(InputError(name, 1, "a JSON array is not supported; write one JSON object per "
                                     "line (JSON Lines)"))
    elif head.startswith("<") and any(t in head.lower() for t in ("<html", "<!doctype html",
                                                                  "<body", "<head")):
        yield from _read_html(name, text, on_error)
    else:
        yield from _read_txt(name, text, on_error)


def _check_head(name: str, head: bytes, on_error: ErrorSink) -> bool:
    """False (and an error reported) for an empty or binary file."""
    if not head.strip():
        on_error(InputError(name, None, "empty file"))
        return False
    for magic, what in _BINARY_MAGIC:
        if head.startswith(magic):
            on_error(InputError(name, None, f"not text: {what}; skipped"))
            return False
    if b"\x00" in head:
        line = head.count(b"\n", 0, head.index(b"\x00")) + 1
        on_error(InputError(name, line, "binary file (NUL bytes), not text; skipped"))
        return False
    return True


def _decode(name: str, data: bytes, on_error: ErrorSink) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        on_error(_bad_bytes(name, data, exc, "file skipped"))
        return None


def _bad_bytes(name: str, data: bytes, exc: UnicodeDecodeError, what: str,
               first_line: int = 1) -> InputError:
    pos = exc.start
    line = data.count(b"\n", 0, pos) + first_line
    col = pos - (data.rfind(b"\n", 0, pos) + 1) + 1
    return InputError(name, line, f"not valid UTF-8 (byte 0x{data[pos]:02x} at column {col}); "
                                  f"{what}; convert it to UTF-8 (e.g. iconv -f latin1 -t utf-8)")


# --- formats --------------------------------------------------------------------------------


def _read_txt(name: str, text: str, on_error: ErrorSink) -> Iterator[Article]:
    spans = split_articles(text)
    if not spans:
        on_error(InputError(name, None, "empty file"))
        return
    for n, sp in enumerate(spans, start=1):
        yield Article(doc_id=f"{name}#{n}", text=text[sp.start:sp.end], path=name,
                      start=sp.start, line=sp.line)


def _read_html(name: str, data: bytes | str, on_error: ErrorSink) -> Iterator[Article]:
    from .html import extract_html

    try:
        page = extract_html(data)
    except Exception as exc:  # noqa: BLE001 - a third-party parser on arbitrary input
        on_error(InputError(name, None, f"cannot parse HTML: {type(exc).__name__}: {exc}"))
        return
    if page is None:
        on_error(InputError(name, None, "no main text found in this HTML page"))
        return
    yield Article(doc_id=f"{name}#1", text=page.text, path=name, start=0, line=None,
                  title=page.title, date=page.date, source=page.source, url=page.url)


def _read_jsonl(name: str, lines: Iterable[bytes], on_error: ErrorSink) -> Iterator[Article]:
    errors = 0
    records = 0
    for lineno, raw in enumerate(lines, start=1):
        if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        if not raw.strip():
            continue
        art: Article | None = None
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            err = _bad_bytes(name, raw, exc, "record skipped", first_line=lineno)
        else:
            art, err = _jsonl_record(name, lineno, line)
        if art is not None:
            records += 1
            yield art
            continue
        errors += 1
        if errors > _MAX_ERRORS_PER_FILE:
            on_error(InputError(name, lineno, f"more than {_MAX_ERRORS_PER_FILE} bad lines; "
                                              "rest of the file skipped"))
            return
        on_error(err)
    if records == 0 and errors == 0:
        on_error(InputError(name, None, "empty file"))


def _jsonl_record(name: str, lineno: int, line: str) -> tuple[Article | None, InputError | None]:
    try:
        rec = json.loads(line)
    except json.JSONDecodeError as exc:
        return None, InputError(name, lineno, f"malformed JSON: {exc.msg} (column {exc.colno})")
    except RecursionError:
        return None, InputError(name, lineno, "malformed JSON: nested too deeply")
    if not isinstance(rec, dict):
        return None, InputError(name, lineno,
                                f"JSON line is {_json_type(rec)}, not an object with a 'text'")
    return _record(name, lineno, rec, f"{name}:{lineno}")


def _record(name: str, lineno: int, rec: dict[str, Any], default_id: str
            ) -> tuple[Article | None, InputError | None]:
    if "text" not in rec:
        return None, InputError(name, lineno, "record has no 'text' field")
    text = rec["text"]
    if not isinstance(text, str):
        return None, InputError(name, lineno, f"'text' is {_json_type(text)}, not a string")
    if not text.strip():
        return None, InputError(name, lineno, "record's 'text' is empty")
    rid = rec.get("id")
    if rid is None:
        rid = rec.get("doc_id")
    doc_id = str(rid).strip() if isinstance(rid, (str, int)) and str(rid).strip() else default_id
    return Article(
        doc_id=doc_id, text=text, path=name, start=0, line=lineno,
        title=_opt_str(rec.get("title")), date=parse_date(_opt_str(rec.get("date"))),
        source=_opt_str(rec.get("source")), url=_opt_str(rec.get("url")),
    ), None


def _read_csv(path: Path, on_error: ErrorSink, *, tab: bool = False) -> Iterator[Article]:
    name = str(path)
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # articles can be longer than 128 KiB
    with open(path, encoding="utf-8-sig", newline="") as fh:
        try:
            header = fh.readline()
        except UnicodeDecodeError:
            on_error(_first_bad_byte(path, "file skipped"))
            return
        delim = "\t" if tab else max(",;\t", key=header.count)
        fh.seek(0)
        reader = csv.DictReader(fh, delimiter=delim)
        try:
            fields = reader.fieldnames or []
        except (csv.Error, UnicodeDecodeError) as exc:
            on_error(InputError(name, 1, f"cannot read the CSV header: {exc}"))
            return
        cols = {f.strip().lower(): f for f in fields if f}
        if "text" not in cols:
            shown = ", ".join(f.strip() for f in fields if f) or "none"
            on_error(InputError(name, 1, f"CSV has no 'text' column (columns: {shown})"))
            return
        errors = 0
        records = 0
        prev = reader.line_num
        while True:
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                on_error(InputError(name, reader.line_num, f"malformed CSV: {exc}; rest of the "
                                                           "file skipped"))
                return
            except UnicodeDecodeError:
                on_error(_first_bad_byte(path, "rest of the file skipped"))
                return
            lineno, prev = prev + 1, reader.line_num
            rec = {k: row.get(orig) for k, orig in cols.items()}
            if rec.get("text") is None:
                rec["text"] = ""
            art, err = _record(name, lineno, rec, f"{name}:{lineno}")
            if art is not None:
                records += 1
                yield art
                continue
            errors += 1
            if errors > _MAX_ERRORS_PER_FILE:
                on_error(InputError(name, lineno, f"more than {_MAX_ERRORS_PER_FILE} bad rows; "
                                                  "rest of the file skipped"))
                return
            assert err is not None
            on_error(err)
        if records == 0 and errors == 0:
            on_error(InputError(name, None, "CSV has a header but no rows"))


def _first_bad_byte(path: Path, what: str) -> InputError:
    data = path.read_bytes()
    start = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    try:
        data[start:].decode("utf-8")
    except UnicodeDecodeError as exc:
        return _bad_bytes(str(path), data[start:], exc, what)
    return InputError(str(path), None, f"not valid UTF-8; {what}")  # pragma: no cover


# --- helpers --------------------------------------------------------------------------------


class _IdRegistry:
    """Keeps doc_ids unique within one ``read_articles`` call (one small string per article)."""

    def __init__(self, on_error: ErrorSink) -> None:
        self._used: set[str] = set()
        self._on_error = on_error

    def unique(self, art: Article) -> Article:
        if art.doc_id not in self._used:
            self._used.add(art.doc_id)
            return art
        n = 2
        while f"{art.doc_id}~{n}" in self._used:
            n += 1
        new = f"{art.doc_id}~{n}"
        self._on_error(InputError(art.path, art.line,
                                  f"id {art.doc_id!r} was already used; this article is {new!r}",
                                  doc_id=new))
        art.doc_id = new
        self._used.add(new)
        return art


def _opt_str(value: object) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return None


def _json_type(value: object) -> str:
    return {dict: "an object", list: "an array", str: "a string", bool: "a boolean",
            int: "a number", float: "a number", type(None): "null"}.get(type(value), "a value")


__all__ = ["ErrorSink", "SUFFIXES", "iter_paths", "read_articles"]
