"""Read input paths and URLs into articles: .txt, .jsonl, .csv, .html and stdin.

``read_articles(paths, on_error)`` yields ``Article`` records and never raises for bad input:
each problem becomes one ``InputError(path, line, message)`` passed to ``on_error``, and the
run goes on with the next record or file.

Inputs
- A file, a directory (walked recursively, hidden files and folders skipped, files in sorted
  order so resumable runs see the same order), several paths, or "-" for stdin.
- A URL of any filesystem fsspec knows (``s3://bucket/news/``, ``gs://...``, ``az://...``,
  ``https://host/file.jsonl``, ``memory://...``, ``file:///abs/path``): a file, or a prefix
  ("directory") walked like a local one, or a glob (``s3://bucket/2024-*.jsonl``; a matching
  file is taken as named explicitly, a matching prefix is walked). The protocol's driver
  (s3fs, gcsfs, adlfs, aiohttp...) is the user's to install; credentials come from the
  driver's usual environment variables and config files. A missing driver is one error
  naming the package to install. Remote files are read as a byte stream through the same
  code as local files, so formats, offsets and errors are the same.
- Formats by suffix: ``.txt``/``.text`` (one or several articles, see ``split.py``),
  ``.jsonl``/``.ndjson`` (one JSON object per line with a ``text`` field), ``.csv``/``.tsv``
  (a ``text`` column; the delimiter is read from the header line), ``.html``/``.htm`` (main
  text extracted by trafilatura, see ``html.py``). Optional fields/columns: ``id`` (or ``doc_id``),
  ``title``, ``date`` (normalised to ISO; left empty when unreadable), ``source``, ``url``.
  JSONL and CSV files are streamed (memory does not grow with the file); other files are
  read whole.
- Inside a directory, files with any other suffix are skipped silently (a directory with no
  readable file at all is reported). A file named explicitly with another suffix (or none),
  and stdin, are sniffed: JSON Lines when the first non-blank character is "{", HTML when it
  starts like a page, plain text otherwise.

doc_id: the record's ``id`` when given; else ``<path>#<n>`` for the n-th article of a text or
HTML file and ``<path>:<line>`` for a JSONL/CSV record (``<stdin>`` for stdin), where
``<path>`` is the path or URL as given plus the file's place under it when a directory or
prefix was given. An ``id`` used twice gets ``~2``, ``~3``... and an error says so. A file
named twice in one run is read once.

Encodings: UTF-8 (a UTF-8 byte order mark is allowed), and UTF-16 or UTF-32 (either byte
order) when the file starts with their byte order mark, which makes the encoding certain.
Without a mark, bytes that are not UTF-8 are an error (no guessing).

Offsets: ``Article.text`` is an exact slice of the input text starting at ``Article.start``:
the file decoded (as UTF-8, or by its UTF-16/32 mark, the mark dropped) with newlines
untouched for .txt, the ``text`` field for JSONL/CSV
records, trafilatura's extracted text for HTML (start 0).

Bad input: an empty file, a binary file (NUL bytes, PDF, zip, gzip), bytes that are not
UTF-8 (the line of the first bad byte is reported; a .txt file is skipped, a JSONL record
is skipped, a CSV file is read up to that line) or not the UTF-16/32 their mark announces, a
malformed JSONL line or one without a string ``text``, a CSV row the parser cannot read (an
unclosed quote: reported with its line, skipped, and the rows after it read), a CSV without
a ``text`` column, a missing path, a URL whose driver is missing or
that cannot be listed or read. Documents too long for the model are cut (or reported) later,
by ``pipeline/process.py``.

Not here: cleaning (``clean.py``), caching or retrying remote reads (the driver's job), and
decompressing .gz inputs.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import partial
from itertools import chain
from pathlib import Path, PurePosixPath
from typing import IO, Any, cast

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
_READ_BUFFER = 1 << 16
_MAX_ERRORS_PER_FILE = 50
_BINARY_MAGIC = (
    (b"%PDF", "a PDF file; extract its text first (e.g. pdftotext)"),
    (b"PK\x03\x04", "a zip archive (or .docx/.xlsx); unpack or export it to text first"),
    (b"\x1f\x8b", "a gzip-compressed file; decompress it first"),
)
# Byte order marks that make an encoding certain, longest first (the UTF-32 little-endian mark
# begins with the UTF-16 one). Python's "utf-16"/"utf-32" codecs read the mark, choose the byte
# order and drop it. UTF-8's mark is handled where each format is read.
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32", "UTF-32 (little-endian)"),
    (b"\x00\x00\xfe\xff", "utf-32", "UTF-32 (big-endian)"),
    (b"\xff\xfe", "utf-16", "UTF-16 (little-endian)"),
    (b"\xfe\xff", "utf-16", "UTF-16 (big-endian)"),
)
# "s3://...", "gs://...", "file:///...", chained "simplecache::s3://..."; at least two letters,
# so a Windows drive ("C://x") is not taken for a protocol.
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]+(?:://|::)")
_GLOB_CHARS = re.compile(r"[*?\[]")
# fs.info keys that change when an object is rewritten, by driver (s3fs, gcsfs, adlfs, http,
# local, memory); the first one present is used.
_VERSION_KEYS = ("ETag", "etag", "md5Hash", "generation", "VersionId", "version_id")
_MTIME_KEYS = ("LastModified", "last_modified", "updated", "mtime", "modified", "created")


def is_url(item: str | Path) -> bool:
    """True for an input that names a file through a protocol ("s3://...", "file:///...")."""
    return isinstance(item, str) and _URL.match(item) is not None


@dataclass(frozen=True, slots=True)
class _Source:
    """One input file, local or remote, and how to open it as a binary stream."""

    item: Path | str  # what ``iter_paths`` yields: a local Path or a URL
    name: str  # the path or URL as reported and used in doc_ids
    suffix: str  # lower-case, "" when none
    open: Callable[[], IO[bytes]]
    key: str  # the file's identity, so a file named twice is read once
    remote: bool = False
    info: Mapping[str, Any] = field(default_factory=dict)  # fs.info of a remote file


def read_articles(paths: Iterable[str | Path], on_error: ErrorSink, *,
                  used_ids: Iterable[str] = ()) -> Iterator[Article]:
    """Yield the articles of every input path or URL, in order; report bad input to ``on_error``.

    ``used_ids``: doc ids taken already (an append to a run folder): a repeated one is made
    unique as within one call."""
    ids = _IdRegistry(on_error)
    ids.reserve(used_ids)
    seen_files: set[str] = set()
    for src in _sources(paths, on_error):
        if src is None:
            arts = _read_stdin(on_error)
        else:
            if src.key in seen_files:
                on_error(InputError(src.name, None, "named more than once; read only once"))
                continue
            seen_files.add(src.key)
            arts = _read_file(src, on_error)
        for art in arts:
            yield ids.unique(art)


def iter_paths(paths: Iterable[str | Path], on_error: ErrorSink) -> Iterator[Path | str]:
    """Expand the inputs: "-" stays, a directory becomes its readable files (recursive,
    sorted, hidden entries skipped), a file stays, a URL becomes the URLs of its files (a
    prefix walked like a directory, a glob expanded); a missing path is reported."""
    for src in _sources(paths, on_error):
        yield "-" if src is None else src.item


def input_stamps(paths: Iterable[str | Path]) -> list[str]:
    """One line per file that ``read_articles(paths)`` reads, in reading order: its name, size,
    version (etag, generation; remote files) and modification time; ``-`` for stdin.

    The files are listed by the readers' own walk (``_sources``: hidden entries and unknown
    suffixes skipped inside folders), so a file the run never reads (a README, ``.DS_Store``)
    changes no stamp. ``--resume`` compares these to know the inputs are unchanged.
    """
    stamps = []
    for src in _sources(paths, lambda _err: None):
        if src is None:
            stamps.append("-")
        elif src.remote:
            info = src.info
            version = next((info[k] for k in _VERSION_KEYS if info.get(k) is not None), "")
            mtime = next((info[k] for k in _MTIME_KEYS if info.get(k) is not None), "")
            stamps.append(f"{src.name}\0{info.get('size', '')}\0{version}\0{mtime}")
        else:
            try:
                st = os.stat(src.item)
                stamps.append(f"{src.name}\0{st.st_size}\0{st.st_mtime_ns}")
            except OSError:
                stamps.append(f"{src.name}\0?")
    return stamps


def remote_stamps(url: str) -> list[str]:
    """``input_stamps`` of one URL (each file's URL, size, version, mtime); empty when it
    cannot be listed."""
    return input_stamps([url])


def _sources(paths: Iterable[str | Path], on_error: ErrorSink) -> Iterator[_Source | None]:
    """Every input file in reading order; None stands for stdin."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    for p in paths:
        if str(p) == "-":
            yield None
        elif is_url(p):
            yield from _url_sources(str(p), on_error)
        else:
            yield from _local_sources(Path(p), on_error)


# --- local files ----------------------------------------------------------------------------


def _local_sources(path: Path, on_error: ErrorSink) -> Iterator[_Source]:
    if path.is_dir():
        files, other = _walk(path)
        if not files:
            _no_files(str(path), other, on_error)
        for f in files:
            yield _local(f)
    elif path.is_file():
        yield _local(path)
    elif path.exists():
        on_error(InputError(str(path), None, "not a regular file"))
    else:
        on_error(InputError(str(path), None, "no such file or directory"))


def _local(path: Path) -> _Source:
    return _Source(item=path, name=str(path), suffix=path.suffix.lower(),
                   open=cast(Callable[[], IO[bytes]], partial(open, path, "rb")),
                   key=os.path.realpath(path))


def _no_files(name: str, other: int, on_error: ErrorSink) -> None:
    what = f" ({other} file(s) with other suffixes skipped)" if other else ""
    on_error(InputError(name, None, f"no .txt/.jsonl/.csv/.html files in this directory{what}"))


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


# --- remote files (fsspec) ------------------------------------------------------------------


def _url_sources(url: str, on_error: ErrorSink) -> Iterator[_Source]:
    """The files a URL stands for: itself, the files under a prefix, or a glob's matches."""
    opened = _filesystem(url, on_error)
    if opened is None:
        return
    fs, path = opened
    try:
        if _GLOB_CHARS.search(path):
            found = _glob(fs, url, path)
            if not found:
                on_error(InputError(url, None, "no files match this pattern"))
            yield from found
            return
        info = fs.info(path)
        if info.get("type") == "directory":
            files, other = _walk_remote(fs, url, path)
            if not files:
                _no_files(url, other, on_error)
            yield from files
        elif info.get("type") == "file":
            yield _remote(fs, path, url, info)
        else:
            on_error(InputError(url, None, "not a regular file"))
    except FileNotFoundError:
        on_error(InputError(url, None, "no such file or directory"))
    except Exception as exc:  # noqa: BLE001 - a third-party driver talking to a network
        on_error(InputError(url, None, f"cannot list: {_describe(exc)}"))


def _filesystem(url: str, on_error: ErrorSink) -> tuple[Any, str] | None:
    """fsspec's filesystem and path for ``url``, or None with the reason reported."""
    try:
        from fsspec.core import url_to_fs
    except ImportError:
        on_error(InputError(url, None, "reading URLs needs fsspec: pip install fsspec"))
        return None
    try:
        return url_to_fs(url)
    except ImportError as exc:  # the protocol's driver is not installed; fsspec says which
        cause = exc.__cause__ or exc.__context__
        module = getattr(cause, "name", None) or exc.name
        hint = f"; pip install {module.split('.')[0]}" if module else ""
        on_error(InputError(url, None, f"driver not installed: {_describe(exc)}{hint}"))
    except ValueError as exc:
        if str(exc).startswith("Protocol not known"):
            proto = re.split(r"://|::", url, maxsplit=1)[0]
            on_error(InputError(url, None, f"unknown protocol '{proto}': no fsspec filesystem "
                                           "has this name (misspelt, or its package not "
                                           "installed?)"))
        else:
            on_error(InputError(url, None, f"cannot open this URL: {_describe(exc)}"))
    except Exception as exc:  # noqa: BLE001 - a third-party driver's setup (credentials...)
        on_error(InputError(url, None, f"cannot open this URL: {_describe(exc)}"))
    return None


def _remote(fs: Any, path: str, name: str, info: Mapping[str, Any]) -> _Source:
    from fsspec.implementations.local import LocalFileSystem

    key = (os.path.realpath(path) if isinstance(fs, LocalFileSystem)
           else fs.unstrip_protocol(path))
    return _Source(item=name, name=name, suffix=PurePosixPath(path).suffix.lower(),
                   open=partial(fs.open, path, "rb"), key=key, remote=True, info=info)


def _namer(fs: Any, url: str, path: str) -> Callable[[str], str]:
    """Names for files found under ``path``: the URL as the user spelt it plus the file's
    place under it (as for local directories); fsspec's own spelling where that fails."""
    url, path = url.rstrip("/"), path.rstrip("/")

    def name(found: str) -> str:
        if found.startswith(path + "/"):
            return f"{url}/{found[len(path) + 1:]}"
        return fs.unstrip_protocol(found)

    return name


def _walk_remote(fs: Any, url: str, path: str) -> tuple[list[_Source], int]:
    """Files under a prefix with the rules of ``_walk``: readable suffixes, no hidden entries,
    sorted by their parts."""
    name = _namer(fs, url, path)
    base = path.rstrip("/")
    found: list[tuple[tuple[str, ...], _Source]] = []
    other = 0
    for fpath, info in fs.find(path, withdirs=False, detail=True).items():
        rel = fpath[len(base) + 1:] if fpath.startswith(base + "/") else fpath
        parts = tuple(rel.split("/"))
        if any(part.startswith(".") for part in parts):
            continue
        if PurePosixPath(parts[-1]).suffix.lower() in SUFFIXES:
            found.append((parts, _remote(fs, fpath, name(fpath), info)))
        else:
            other += 1
    found.sort(key=lambda x: x[0])
    return [src for _, src in found], other


def _glob(fs: Any, url: str, path: str) -> list[_Source]:
    """A glob's matches in sorted order, as a shell would pass them: a file as named
    explicitly (any suffix), a prefix walked; hidden names skipped."""
    cut_url = _GLOB_CHARS.search(url)
    cut_path = _GLOB_CHARS.search(path)
    assert cut_path is not None
    url_base = url[:url.rfind("/", 0, cut_url.start() if cut_url else len(url))]
    path_base = path[:max(path.rfind("/", 0, cut_path.start()), 0)]
    name = _namer(fs, url_base, path_base)
    out: list[_Source] = []
    for fpath, info in sorted(fs.glob(path, detail=True).items()):
        if fpath.rstrip("/").rpartition("/")[2].startswith("."):
            continue
        if info.get("type") == "directory":
            out.extend(_walk_remote(fs, name(fpath), fpath)[0])
        elif info.get("type") == "file":
            out.append(_remote(fs, fpath, name(fpath), info))
    return out


def _describe(exc: BaseException) -> str:
    """An exception as one short line."""
    if isinstance(exc, OSError) and exc.strerror:
        text = exc.strerror  # "No such file or directory", "Permission denied"
    elif type(exc) in (OSError, ImportError, ValueError):
        text = str(exc)
    else:  # a driver's own error: its name says what went wrong ("ConnectionError: ...")
        text = f"{type(exc).__name__}: {exc}"
    return " ".join(text.split())[:300] or type(exc).__name__


# --- one file -------------------------------------------------------------------------------


class _Replay(io.RawIOBase):
    """A binary stream that gives back ``head`` (already read, to sniff the format) and then
    the rest of ``fh``: the file is read once, front to back, with no seek, so a network
    stream works as well as a local file."""

    def __init__(self, head: bytes, fh: IO[bytes]) -> None:
        self._head = memoryview(head)
        self._fh = fh

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._fh.read(len(buffer))
        buffer[:len(data)] = data
        return len(data)

    def readall(self) -> bytes:
        head, self._head = bytes(self._head), memoryview(b"")
        return head + self._fh.read()


def _read_head(fh: IO[bytes]) -> bytes:
    chunks: list[bytes] = []
    n = 0
    while n < _SNIFF_BYTES:
        chunk = fh.read(_SNIFF_BYTES - n)
        if not chunk:
            break
        chunks.append(chunk)
        n += len(chunk)
    return b"".join(chunks)


def _read_file(src: _Source, on_error: ErrorSink) -> Iterator[Article]:
    """One file, local or remote, through one code path over a binary stream."""
    name, suffix = src.name, src.suffix
    # A local file fails with OSError; a remote driver may raise its own errors mid-stream.
    failures: type[BaseException] = Exception if src.remote else OSError
    try:
        with src.open() as fh:
            head = _read_head(fh)
            if not _check_head(name, head, on_error):
                return
            stream = io.BufferedReader(_Replay(head, fh), _READ_BUFFER)
            bom = _bom(head)
            if suffix in JSONL_SUFFIXES:
                lines = _recoded_lines(name, stream, bom, on_error) if bom else stream
                yield from _read_jsonl(name, lines, on_error)
                return
            if suffix in CSV_SUFFIXES:
                wrapped = io.TextIOWrapper(stream, encoding=bom[0] if bom else "utf-8-sig",
                                        newline="")
                bad = (partial(_bad_utf16, name, bom[1]) if bom
                       else partial(_first_bad_byte, src))
                yield from _read_csv(name, wrapped, on_error, tab=suffix == ".tsv",
                                     bad_byte=bad, reopen=partial(_reopen_text, src, bom))
                return
            data = stream.read()
    except failures as exc:
        on_error(InputError(name, None, f"cannot read: {_describe(exc)}"))
        return
    if suffix in HTML_SUFFIXES and not bom:
        yield from _read_html(name, data, on_error)
        return
    text = _decode(name, data, on_error)
    if text is None:
        return
    if suffix in HTML_SUFFIXES:
        yield from _read_html(name, text, on_error)
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


def _bom(head: bytes) -> tuple[str, str] | None:
    """(codec, name) of the UTF-16/UTF-32 byte order mark ``head`` starts with, else None."""
    for mark, codec, label in _BOMS:
        if head.startswith(mark):
            return codec, label
    return None


def _check_head(name: str, head: bytes, on_error: ErrorSink) -> bool:
    """False (and an error reported) for an empty or binary file."""
    bom = _bom(head)
    if bom:  # NUL bytes are part of UTF-16/32 text: judge the decoded text
        text = head.decode(bom[0], errors="ignore")
        if not text.strip():
            on_error(InputError(name, None, "empty file"))
            return False
        if "\x00" in text:
            line = text.count("\n", 0, text.index("\x00")) + 1
            on_error(InputError(name, line, f"binary file (NUL characters in {bom[1]}), not "
                                            "text; skipped"))
            return False
        return True
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
    """The file's text: by its UTF-16/UTF-32 byte order mark (the mark dropped), else UTF-8."""
    bom = _bom(data[:4])
    try:
        return data.decode(bom[0] if bom else "utf-8")
    except UnicodeDecodeError as exc:
        if bom:
            line = data[:exc.start].decode(bom[0], errors="replace").count("\n") + 1
            on_error(_bad_utf16(name, bom[1], "file skipped", line))
        else:
            on_error(_bad_bytes(name, data, exc, "file skipped"))
        return None


def _bad_utf16(name: str, label: str, what: str, line: int | None = None) -> InputError:
    return InputError(name, line, f"not valid {label} although it starts with that byte order "
                                  f"mark; {what}")


def _recoded_lines(name: str, stream: IO[bytes], bom: tuple[str, str],
                   on_error: ErrorSink) -> Iterator[bytes]:
    """The lines of a UTF-16/32 stream as UTF-8 bytes (what the JSONL reader takes)."""
    lineno = 0
    try:
        for line in io.TextIOWrapper(stream, encoding=bom[0], newline="\n"):
            lineno += 1
            yield line.encode("utf-8", errors="surrogatepass")
    except UnicodeDecodeError:
        on_error(_bad_utf16(name, bom[1], "rest of the file skipped", lineno + 1))


def _reopen_text(src: _Source, bom: tuple[str, str] | None) -> IO[str]:
    """The file opened again as text, as ``_read_file`` first opened it (for the CSV reader
    to go on after a row it could not read)."""
    return io.TextIOWrapper(src.open(), encoding=bom[0] if bom else "utf-8-sig", newline="")


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
        err: InputError | None
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
        if err is not None:
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


def _read_csv(name: str, fh: IO[str], on_error: ErrorSink, *, tab: bool,
              bad_byte: Callable[[str], InputError],
              reopen: Callable[[], IO[str]] | None = None) -> Iterator[Article]:
    """Rows of a CSV/TSV text stream (decoded with ``utf-8-sig``, ``newline=""``), one at a
    time; ``bad_byte(what)`` locates the first undecodable byte when decoding fails.

    A row the csv module cannot read (a quoted field never closed, as in ``3,"unclosed``, or
    text after a closing quote) is reported with the line it starts on and skipped; reading
    goes on at the next line, in the file opened again by ``reopen`` (without it, the rest
    of the file is skipped). The parser is strict, so an unclosed quote is not silently taken
    as a field that swallows the rest of the file.
    """
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # articles can be longer than 128 KiB
    try:
        header = fh.readline()
    except UnicodeDecodeError:
        on_error(bad_byte("file skipped"))
        return
    delim = "\t" if tab else max(",;\t", key=header.count)
    reader = csv.DictReader(chain([header], fh), delimiter=delim, strict=True)
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
    base = 0  # lines before the current reader's first line (after a resync)
    prev = reader.line_num
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            lineno = base + prev + 1  # the line the unreadable row starts on
            if "unexpected end of data" in str(exc):
                why = "a quoted field is not closed"
            elif base + reader.reader.line_num > lineno:  # (DictReader.line_num lags)
                why = (f"a quoted field is not closed before line "
                       f"{base + reader.reader.line_num} ({exc})")
            else:
                why = str(exc)
            errors += 1
            if reopen is None or errors > _MAX_ERRORS_PER_FILE:
                on_error(InputError(name, lineno, f"malformed CSV row: {why}; rest of the "
                                                  "file skipped"))
                return
            on_error(InputError(name, lineno, f"malformed CSV row: {why}; row skipped, "
                                              "reading on from the next line"))
            fh.close()
            fh = reopen()
            try:
                for _ in range(lineno):
                    if not fh.readline():
                        break
            except UnicodeDecodeError:
                fh.close()
                on_error(bad_byte("rest of the file skipped"))
                return
            reader = csv.DictReader(fh, fieldnames=fields, delimiter=delim, strict=True)
            base, prev = lineno, 0
            continue
        except UnicodeDecodeError:
            on_error(bad_byte("rest of the file skipped"))
            return
        lineno, prev = base + prev + 1, reader.line_num
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
    if reopen is not None and base:
        fh.close()
    if records == 0 and errors == 0:
        on_error(InputError(name, None, "CSV has a header but no rows"))


def _first_bad_byte(src: _Source, what: str) -> InputError:
    """Read the file again, line by line, to the first byte that is not UTF-8 (only after
    decoding failed; memory stays at one line). UTF-8 sequences never span a newline byte,
    so line by line finds the same byte as decoding the whole file."""
    with src.open() as fh:
        for lineno, raw in enumerate(io.BufferedReader(_Replay(b"", fh), _READ_BUFFER), 1):
            if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                return _bad_bytes(src.name, raw, exc, what, first_line=lineno)
    return InputError(src.name, None, f"not valid UTF-8; {what}")  # pragma: no cover


# --- helpers --------------------------------------------------------------------------------


class _IdRegistry:
    """Keeps doc_ids unique within one ``read_articles`` call (one small string per article)."""

    def __init__(self, on_error: ErrorSink) -> None:
        self._used: set[str] = set()
        self._on_error = on_error

    def reserve(self, ids: Iterable[str]) -> None:
        self._used.update(ids)

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


__all__ = ["ErrorSink", "SUFFIXES", "input_stamps", "is_url", "iter_paths", "read_articles",
           "remote_stamps"]
