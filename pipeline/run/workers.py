"""The unit of work of a run, and the engines that map it over batches of articles.

``process_batch`` is what every worker does with one batch: clean -> nlp -> rules -> records ->
JSON lines. It returns ``EncodedResult`` (strings and counts), which is cheap to pickle back
from a worker process or a Dask worker, and it is the same function for every engine, so a
1-process, an N-process and a Dask run write byte-identical outputs.

Engines map an iterator of ``Batch`` to ``(batch, results)`` pairs *in input order*, with a
bounded number of batches in flight (memory does not grow with the corpus):

- ``LocalEngine``: in this process, with a loaded pipeline;
- ``PoolEngine``: ``--n-process N`` worker processes (spawned; each loads the model once, in its
  initializer, with its math libraries on one thread).

The Dask engine is in ``distributed.py``. This module does not read inputs or write files:
``runner.py`` does.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, fields
from functools import cache
from multiprocessing import get_context
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from .. import stages
from ..errors import WorkerError
from ..records import JSON_KEYS, Article, InputError

if TYPE_CHECKING:  # spaCy is imported lazily so a worker can set thread limits first
    from spacy.language import Language

    from ..ingest import Cleaned
    from ..process import DocResult

THREAD_ENV_VARS = (
    "OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS", "VECLIB_MAXIMUM_THREADS",
    "NUMEXPR_NUM_THREADS", "BLIS_NUM_THREADS",
)


@dataclass(frozen=True, slots=True)
class ModelSpec:
    """How a worker loads the pipeline: everything ``load_nlp`` needs, picklable."""

    model: str | None = None
    config_text: str | None = None  # the config's content: workers may not have the file
    overrides: tuple[tuple[str, Any], ...] = ()
    gpu: bool = False

    def load(self) -> Language:
        from ..nlp import load_nlp

        return load_nlp(self.model, config_text=self.config_text,
                        overrides=dict(self.overrides), gpu=self.gpu)


@dataclass(slots=True)
class EncodedResult:
    """One article's output, already serialised: JSON lines (each ending in a newline)."""

    relations: str = ""
    entities: str = ""
    n_relations: int = 0
    n_entities: int = 0
    n_words: int = 0
    error: InputError | None = None


@dataclass(slots=True)
class Batch:
    """A slice of the run in input order: the articles to process and what the writer needs."""

    index: int
    articles: list[tuple[Article, Cleaned]]  # cleaned once, by the runner
    events: list[Any] = field(default_factory=list)  # the runner's events, articles included


# --- serialisation -------------------------------------------------------------------------

@cache
def _field_reader(cls: type) -> tuple[tuple[str, ...], Callable[[Any], tuple]]:
    """The JSON key of each field (``records.JSON_KEYS``: ``zone`` is ``in``), and a function
    that reads the fields' values, in that order, as a tuple (one ``attrgetter`` call: half the
    time of a ``getattr`` per field)."""
    names = tuple(f.name for f in fields(cls))
    keys = tuple(JSON_KEYS.get(name, name) for name in names)
    if len(names) == 1:
        one = attrgetter(names[0])
        return keys, lambda value: (one(value),)
    return keys, (attrgetter(*names) if names else lambda value: ())


def _record_fields(value: Any) -> dict[str, Any]:
    """The encoder's hook for a record: its fields under their JSON keys (one level: the C
    encoder calls this again for nested records)."""
    try:
        keys, read = _field_reader(type(value))  # type: ignore[arg-type]  # a class is hashable
    except TypeError:  # not a dataclass
        raise TypeError(f"{type(value).__name__} is not JSON serializable") from None
    return dict(zip(keys, read(value)))


#: records go straight to json's C encoder, which walks lists, dicts and scalars itself and
#: calls the hook only for a record: the same as ``json.dumps(record.to_dict())`` (checked by
#: tests/test_runner.py) without building the dict tree in Python first (a quarter less time
#: than doing so on PolNeAR train's records)
_ENCODER = json.JSONEncoder(ensure_ascii=False, default=_record_fields)


def _c_encoder(enc: json.JSONEncoder) -> Any:
    """The C function ``enc.encode`` builds anew on every call, built once (a seventh less
    time on an entity's line): ``"".join(f(value, 0))`` is ``enc.encode(value)``. It keeps no
    markers, so it holds no state between calls and threads may share it: a circular value
    ends in RecursionError instead of ValueError (records are never circular). None where
    json has no C encoder or it does not take these arguments."""
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:
        return None
    try:
        f = make(None, enc.default, json.encoder.encode_basestring, None, enc.key_separator,
                 enc.item_separator, enc.sort_keys, enc.skipkeys, enc.allow_nan)
        probe = {"a": ["\u00e9\n", 1, 2.5, None, True], "b": {}}
        return f if "".join(f(probe, 0)) == enc.encode(probe) else None
    except Exception:  # noqa: BLE001 - another signature: encode as json does
        return None


_C_ENCODE = _c_encoder(_ENCODER)


def json_line(record: Any) -> str:
    """One JSONL line (UTF-8 text, not ASCII-escaped) for a record."""
    if _C_ENCODE is None:
        return _ENCODER.encode(record) + "\n"
    return "".join(_C_ENCODE(record, 0)) + "\n"


_encode_str = json.encoder.encode_basestring  # what the C encoder writes for a str


@cache
def _line_parts(cls: type) -> tuple[tuple[str, ...], Callable[[Any], tuple]] | None:
    """What ``record_line`` writes before each field's value (``{"key": `` then
    ``, "key": ``), and the fields' reader; None for a class that is no record with fields."""
    try:
        keys, read = _field_reader(cls)
    except TypeError:  # not a dataclass
        return None
    if not keys:
        return None
    heads = tuple(("{" if k == 0 else ", ") + _encode_str(key) + ": " for k, key in enumerate(keys))
    return heads, read


def record_line(record: Any) -> str:
    """``json_line(record)`` for a record (an Entity, a Relation), written out at its top
    level: a str, None or int field as the C encoder writes it (``encode_basestring``,
    ``null``, ``int.__repr__``), any other value (a nested record, a list, a bool) by the
    encoder itself; the same text in less time than the encoder calling its hook for a dict of
    the fields (an entity's line: 3.6 -> 2 us)."""
    parts = _line_parts(type(record)) if _C_ENCODE is not None else None  # type: ignore[arg-type]  # a class is hashable
    if parts is None:
        return json_line(record)
    heads, read = parts
    out = []
    for head, value in zip(heads, read(record)):
        kind = type(value)
        if kind is str:
            out.append(head + _encode_str(value))
        elif value is None:
            out.append(head + "null")
        elif kind is int:
            out.append(head + int.__repr__(value))
        else:
            out.append(head + "".join(_C_ENCODE(value, 0)))
    out.append("}\n")
    return "".join(out)


def encode_result(res: DocResult) -> EncodedResult:
    with stages.stage("encoding"):
        return _encode(res)


def _encode(res: DocResult) -> EncodedResult:
    return EncodedResult(
        relations="".join(record_line(r) for r in res.relations),
        entities="".join(record_line(e) for e in res.entities),
        n_relations=len(res.relations),
        n_entities=len(res.entities),
        n_words=res.n_words,
        error=res.error,
    )


#: Lexemes a pipeline's vocabulary may hold before batches run in memory zones (a few MB).
#: The whole PolNeAR train set (625,000 words) makes about 30,000.
WARM_VOCAB = 50_000


def batch_zone(nlp: Language, warm_vocab: int | None = None) -> contextlib.AbstractContextManager:
    """The memory zone one batch runs in: none while the vocabulary is warming up (fewer than
    ``warm_vocab`` lexemes), then spaCy's ``memory_zone`` (spaCy >= 3.8).

    In a memory zone every string and lexeme the batch adds is freed afterwards, so a long
    run's memory stays flat; but spaCy's tokenizer saves nothing to its cache inside a zone
    and rebuilds the lexeme of every word not already in the vocabulary, batch after batch
    (2.5x the tokenizer's time on PolNeAR train, 3% of spaCy's). The first batches, outside a
    zone, leave the common words of the corpus in the vocabulary and the tokenizer's cache
    for good; from ``warm_vocab`` lexemes on (a bounded amount: about 5 MB per 30,000), every
    batch runs in a zone. ``len(nlp.vocab)`` never decreases, so the switch happens once.
    ``warm_vocab`` defaults to ``WARM_VOCAB``.
    """
    limit = WARM_VOCAB if warm_vocab is None else warm_vocab
    if not hasattr(nlp, "memory_zone") or len(nlp.vocab) < limit:
        return contextlib.nullcontext()
    return nlp.memory_zone()


def process_batch(nlp: Language, articles: list[Article] | list[tuple[Article, Cleaned]],
                  pipe_batch_size: int) -> list[EncodedResult]:
    """Process one batch of articles: the unit of work of every engine.

    Runs in ``batch_zone(nlp)``: once the vocabulary has warmed up, in spaCy's memory zone, so
    strings the batch added to the vocabulary are freed afterwards and a long run's memory
    stays flat. Nothing of the Docs leaves this function.
    """
    from ..process import process_articles

    with batch_zone(nlp):
        return [encode_result(r)
                for r in process_articles(nlp, articles, batch_size=pipe_batch_size)]


# --- engines ---------------------------------------------------------------------------------


class LocalEngine:
    """Process batches in this process, one after the other."""

    def __init__(self, nlp: Language, pipe_batch_size: int) -> None:
        self.nlp = nlp
        self.pipe_batch_size = pipe_batch_size

    def map(self, batches: Iterator[Batch]) -> Iterator[tuple[Batch, list[EncodedResult]]]:
        for batch in batches:
            yield batch, process_batch(self.nlp, batch.articles, self.pipe_batch_size)

    def close(self) -> None:
        pass


def settle_heap() -> None:
    """After loading the model and the word lists: move everything loaded so far out of the
    garbage collector's view (``gc.freeze``), so its collections during the run scan only
    the objects the articles create, not the model's and the lists' hundreds of thousands;
    and keep freed memory in the process (``keep_freed_memory``).

    Before freezing, only the young generations are collected: they hold the loading's
    garbage (58 of the 68 cycles a full collection finds after loading the default model), and
    a full collection would scan the quarter million objects loaded for the 10 others
    (0.12-0.25 s, a start-up cost bare spaCy does not pay)."""
    import gc

    gc.collect(1)
    gc.freeze()
    keep_freed_memory()


#: glibc mallopt parameters and the values keep_freed_memory sets
_M_TRIM_THRESHOLD, _M_TOP_PAD, _M_MMAP_THRESHOLD = -1, -2, -3
_MALLOC_SETTINGS = ((_M_TRIM_THRESHOLD, 1 << 30), (_M_TOP_PAD, 64 << 20),
                    (_M_MMAP_THRESHOLD, 256 << 20))


def keep_freed_memory() -> bool:
    """Tell glibc's allocator to keep freed memory for the next batch instead of handing it
    back to the system (Linux with glibc; elsewhere nothing happens). Returns whether it did.

    Between two batches the job's own Python work (records, JSON) lets malloc trim the top of
    the heap that spaCy's arrays used, so every batch faulted those pages in again (1.7x the
    page faults); with the trim threshold at 1 GiB and a 64 MiB top pad the job's spaCy time
    dropped 10-20% in CPU time (100 PolNeAR articles, alternate fresh processes: 15.9-17.8 s
    against 19.9-21.8 s). It costs memory that was in use anyway: the process keeps at most
    what it held at its peak. Same as ``MALLOC_TRIM_THRESHOLD_``/``MALLOC_TOP_PAD_``/
    ``MALLOC_MMAP_THRESHOLD_`` in the environment.
    """
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):  # not glibc (musl has no mallopt)
        return False
    done = [bool(mallopt(param, value)) for param, value in _MALLOC_SETTINGS]
    return done[0] and done[1]  # glibc may refuse the mmap threshold above 32 MiB


def limit_threads(n: int = 1) -> None:
    """Cap BLAS/OpenMP (and torch, when loaded) threads: N processes share the cores."""
    for var in THREAD_ENV_VARS:
        os.environ[var] = str(n)
    if "torch" in sys.modules:
        with contextlib.suppress(Exception):
            sys.modules["torch"].set_num_threads(n)


# A worker process's pipeline, loaded once by the pool initializer. This is per-process state
# by nature (the point is to load the model once per process); nothing else is kept here.
_WORKER: dict[str, Any] = {}


def _watch_parent(pid: int, interval: float = 1.0) -> None:
    """Exit when the main process is gone (killed with SIGKILL, it cannot tell us).

    Pool workers otherwise sit forever on a queue nobody writes to. POSIX only: on Windows
    ``os.kill(pid, 0)`` is not a probe.
    """
    while True:
        time.sleep(interval)
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            os._exit(1)
        except PermissionError:  # the pid now belongs to another user's process
            os._exit(1)


def _init_worker(spec: ModelSpec, pipe_batch_size: int, parent: int | None = None) -> None:
    if parent is not None and os.name == "posix":
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True,
                         name="actorgraph-watch-parent").start()
    limit_threads(1)
    try:
        _WORKER["nlp"] = spec.load()
        _WORKER["pipe_batch_size"] = pipe_batch_size
        settle_heap()
        limit_threads(1)  # torch may have been imported by the model (spacy-transformers)
    except Exception as exc:  # reported by the first task, with its message
        _WORKER["error"] = " ".join(f"{type(exc).__name__}: {exc}".split())[:400]


def _run_in_worker(articles: list[tuple[Article, Cleaned]]) -> list[EncodedResult]:
    if "error" in _WORKER:
        raise WorkerError(f"a worker could not load the model: {_WORKER['error']}")
    return process_batch(_WORKER["nlp"], articles, _WORKER["pipe_batch_size"])


def probe_worker() -> str:
    """A task that proves a worker started (used by tests and the benchmark)."""
    if "error" in _WORKER:
        raise WorkerError(f"a worker could not load the model: {_WORKER['error']}")
    return ",".join(_WORKER["nlp"].pipe_names)


def _mp_context() -> Any:
    """``forkserver`` with spaCy preloaded where there is one (Linux, macOS), else ``spawn``.

    A forkserver imports spaCy (and torch, when installed) once and forks the workers from
    that clean process: each worker then only loads the model, which saves ~2-3 s of CPU per
    worker at start-up against ``spawn``, where every worker imports everything again.
    """
    from multiprocessing import get_all_start_methods

    if "forkserver" in get_all_start_methods():
        ctx = get_context("forkserver")
        ctx.set_forkserver_preload(["pipeline.run.workers", "pipeline.process"])
        return ctx
    return get_context("spawn")


class PoolEngine:
    """``n_process`` spawned worker processes; results come back in input order.

    At most ``2 * n_process`` batches are in flight, so a fast reader never fills memory with
    pending work or results. Workers start from a fresh interpreter, never by forking this
    process (safe with threads and CUDA): see ``_mp_context``.
    """

    def __init__(self, spec: ModelSpec, n_process: int, pipe_batch_size: int,
                 *, max_in_flight: int | None = None) -> None:
        self.n_process = n_process
        self.max_in_flight = max_in_flight or 2 * n_process
        # Workers inherit this environment (through the forkserver, which imports numpy before
        # any initializer runs): one math thread per worker unless the user chose otherwise.
        for var in THREAD_ENV_VARS:
            os.environ.setdefault(var, "1")
        self._pool = ProcessPoolExecutor(
            max_workers=n_process, mp_context=_mp_context(),
            initializer=_init_worker, initargs=(spec, pipe_batch_size, os.getpid()))

    def start(self) -> None:
        """Start every worker and wait until each has loaded the model (errors surface here)."""
        try:
            for fut in [self._pool.submit(probe_worker) for _ in range(self.n_process)]:
                fut.result()
        except BrokenProcessPool as exc:
            raise WorkerError(f"a worker process died while starting: {exc}") from None

    def map(self, batches: Iterator[Batch]) -> Iterator[tuple[Batch, list[EncodedResult]]]:
        pending: deque[tuple[Batch, Future]] = deque()
        try:
            for batch in batches:
                pending.append((batch, self._pool.submit(_run_in_worker, batch.articles)))
                if len(pending) >= self.max_in_flight:
                    done, fut = pending.popleft()
                    yield done, fut.result()
            while pending:
                done, fut = pending.popleft()
                yield done, fut.result()
        except BrokenProcessPool as exc:
            raise WorkerError(
                f"a worker process died (out of memory?): {exc}; the finished batches are "
                "saved, run again with --resume") from None
        finally:
            for _, fut in pending:
                fut.cancel()

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
