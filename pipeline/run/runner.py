"""The batch job: inputs -> a run's output folder, written as it goes, resumable after any kill.

``run_job`` reads articles in deterministic input order, sets duplicates aside, sends batches
to an engine (this process, ``--n-process`` workers, or Dask: see ``workers.py`` and
``distributed.py``), and appends each batch's results *in input order* to relations.jsonl,
entities.jsonl, documents.jsonl and errors.jsonl. After a batch it flushes and fsyncs them and
atomically writes a checkpoint (``.actorgraph/state.json``: a fingerprint of inputs and
options, how many input events are done, the byte size of each file). ``resume=True`` cuts each
file back to its checkpointed size, skips the finished events (re-reading and re-deduplicating
them, which is cheap and deterministic) and goes on, so the final output equals an
uninterrupted run's. Then ``finalize_run`` (actor ids, actors.jsonl, graph files; idempotent,
so a kill during it is resumed by running it again), summary.json and, if asked, the report.

Memory: nothing per document is kept; the deduplicator keeps a small digest per article and
the summary is computed by streaming the output files back at the end.

It does not parse command lines (cli.py), read input formats (ingest/), or decide relations
(attribution/).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from .. import __version__
from .. import stages
from ..data import use_data
from ..errors import UsageError, WorkerError
from .workers import settle_heap
from ..export.atomic import atomic_write
from .append import FINISHED, AppendError, History, load_history, save_history, start_append
from .finalize import finalize_run
from .folder import (DOCUMENTS, ENTITIES, ERRORS, FINAL_FILES, LOCK_FILE, RELATIONS, REPORT,
                     STATE_DIR, STATE_FILE, STREAM_FILES, SUMMARY, RunSummary, summarize)
from ..ingest import Cleaned, clean_article, fill_meta, read_articles
from ..ingest.readers import input_stamps
from ..nlp import config_path, gpu_available, load_config, model_identity, model_name
from ..records import SCHEMA_VERSION, Article, DocumentInfo, InputError, parse_cue_classes
from .workers import Batch, EncodedResult, LocalEngine, ModelSpec, PoolEngine, json_line

PREV_STATE_FILE = "state.prev.json"  # the checkpoint before, should the last be unreadable
STATE_VERSION = 2  # 2: the fingerprint records pipe_batch_size
MAX_LIVE_ERRORS = 20

Log = Callable[[str], None]
Event = Article | DocumentInfo | InputError  # an article to process, a duplicate, a read error


def run_job(
    inputs: Sequence[str | Path],
    out_dir: str | Path,
    *,
    model: str | None = None,
    config: str | Path | None = None,
    overrides: dict[str, Any] | None = None,
    n_process: int = 1,
    batch_size: int = 16,
    pipe_batch_size: int | None = None,
    resume: bool = False,
    append: bool = False,
    dask: str | None = None,
    gpu: bool = False,
    aliases: str | Path | None = None,
    affiliation_edges: bool = False,
    cue_classes: Sequence[str] | None = None,
    report: bool = False,
    count_headlines: bool = False,
    progress: bool = False,
    log: Log | None = None,
    nlp: Any = None,
    checkpoint_every: float = 1.0,
) -> RunSummary:
    """Run the whole job over ``inputs`` into ``out_dir`` and return its summary.

    ``model``/``config``/``overrides`` choose the pipeline (see nlp.py); ``nlp`` passes one
    already loaded (used by 1-process runs only). ``n_process > 1`` uses worker processes,
    ``dask`` a Dask scheduler address or ``local:N``. ``resume`` continues an interrupted run in
    the same folder (refused if inputs or options differ); without it the folder's run outputs
    are replaced. ``append`` adds the inputs to the finished run in ``out_dir`` instead
    (pipeline/append.py): only they are extracted, articles the folder holds already are set
    aside as duplicates, and actors, graph files and summary are rebuilt from the whole folder
    (``resume`` with ``append`` finishes an interrupted append). ``checkpoint_every``: seconds
    between checkpoints (0: after every batch).
    ``affiliation_edges`` adds person -> organisation/country edges (kind="affiliation") to the
    graph files. ``count_headlines`` counts relations and mentions found in headlines and
    captions in graph weights, actor counts and top lists (by default only the body's).
    ``cue_classes`` chooses the cue classes (speech, belief, evidence) the graph,
    the actors' statement counts, the top lists and the report count (default speech);
    relations.jsonl keeps every class. ``log`` receives one-line messages for the terminal;
    ``progress`` shows a tqdm bar on stderr.

    Raises ``UsageError``, ``nlp.ModelNotFound`` or ``nlp.ConfigError`` (before touching the
    output folder) for bad arguments, models and configs.
    """
    t0 = time.perf_counter()
    say: Log = log or (lambda _msg: None)
    names = [str(p) for p in inputs]
    if not names:
        raise UsageError("no inputs given")
    if n_process < 1:
        raise UsageError(f"--n-process must be at least 1, got {n_process}")
    if batch_size < 1:
        raise UsageError(f"--batch-size must be at least 1, got {batch_size}")
    pipe_batch_size = pipe_batch_size or batch_size
    if pipe_batch_size < 1:
        raise UsageError(f"--pipe-batch-size must be at least 1, got {pipe_batch_size}")
    if dask and n_process > 1:
        raise UsageError("--dask and --n-process exclude each other: use --dask local:N")
    if dask:
        from .distributed import parse_address

        try:
            parse_address(dask)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
    try:
        classes = parse_cue_classes(",".join(cue_classes) if cue_classes else None)
    except ValueError as exc:
        raise UsageError(f"--cue-classes: {exc}") from None
    if resume and "-" in names:
        raise UsageError("--resume cannot re-read standard input: save it to a file first")
    overrides = dict(overrides or {})
    cfg_text = config_path(config).read_text(encoding="utf-8")
    cfg = load_config(overrides=overrides, text=cfg_text)  # ConfigError: bad file or override
    name = model_name(model, cfg)  # ModelNotFound when not installed
    with stages.stage("data"):
        use_data(cfg.get("data"))  # the word lists finalize reads too (ConfigError when bad)
    if aliases is not None and not Path(aliases).is_file():
        raise UsageError(f"aliases file '{aliases}' does not exist")
    if gpu and not dask and not gpu_available():
        say("warning: --gpu: no GPU found (CUDA with cupy, or Apple MPS): running on the CPU")
    fingerprint = _fingerprint(names, model_identity(name), cfg_text, overrides, pipe_batch_size)

    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out '{out}' is a file, not a folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
        (out / STATE_DIR).mkdir(exist_ok=True)
        lock = _lock(out)  # opens .actorgraph/lock for writing: the first write in the folder
        lock.__enter__()
    except OSError as exc:  # read-only filesystem, /proc/..., a file on the way: nothing saved
        reason = exc.strerror or str(exc)
        raise UsageError(f"cannot write the output folder {out}: {reason}") from None
    with contextlib.ExitStack() as held:
        held.push(lock)
        state = _read_state(out, say) if (resume or append) else None
        if append:
            try:
                state = start_append(out, out / STATE_DIR, state, fingerprint, STREAM_FILES,
                                     resume=resume, say=say)
            except AppendError as exc:
                raise UsageError(str(exc)) from None
        elif resume and state is None:
            say(f"nothing to resume in {out}: starting a new run")
        if state is not None and not (append and state["phase"] in FINISHED):
            _check_same_run(state, fingerprint)
        spec = ModelSpec(model=name, config_text=cfg_text,
                         overrides=tuple(sorted(overrides.items())), gpu=gpu)
        with stages.stage("model"):
            engine = _engine(spec, nlp, n_process, dask, pipe_batch_size, say)
        settle_heap()
        try:
            if state is None:
                state = _fresh_state(out, fingerprint)
            resumed_after = state["articles_done"]
            if resume and state["phase"] == "extract" and state["events_done"]:
                say(f"resuming: {state['articles_done']} articles already done")
            if state["phase"] == "extract" and "append" in state and not state["events_done"]:
                _write_state(out, state)  # the append session starts: its checkpoint first
                with contextlib.suppress(FileNotFoundError):  # it would describe the folder before
                    (out / REPORT).unlink()
            words = 0
            if state["phase"] == "extract":
                words = _extract(names, out, state, engine, batch_size, checkpoint_every,
                                 progress, say)
        finally:
            engine.close()
        fin = None
        if state["phase"] == "finalize":
            with stages.stage("finalize"):
                fin = finalize_run(out, aliases=aliases, affiliations=affiliation_edges,
                                   count_headlines=count_headlines, cue_classes=classes)
            state["phase"] = "summary"
            _write_state(out, state)
        with stages.stage("summary"):
            # after finalize, the relations and actors it counted: their files are not read again
            summary = summarize(out, tally=fin.relation_tally if fin is not None else None,
                                actors=fin.actor_list if fin is not None else None)
        summary.count_headlines = count_headlines
        summary.cue_classes = list(classes)
        summary.inputs = [str(i) for i in inputs]
        if not summary.documents and not summary.duplicates:
            say("error: no input documents found (looked in: " + ", ".join(summary.inputs) + ")")
        summary.resumed_after = resumed_after if resume else 0
        summary.words_this_session = words
        if fin is not None:
            summary.actors = getattr(fin, "actors", None)
            summary.nodes = getattr(fin, "nodes", None)
            summary.edges = getattr(fin, "edges", None)
        if report:
            try:
                from ..export.report import write_report

                with stages.stage("report"):
                    summary.report = str(write_report(out, count_headlines=count_headlines))
            except Exception as exc:  # noqa: BLE001 - the run's other outputs stand
                summary.report_error = " ".join(f"{type(exc).__name__}: {exc}".split())[:300]
                say(f"error: report: {summary.report_error}")
        summary.elapsed_s = time.perf_counter() - t0
        with atomic_write(out / SUMMARY) as fh:
            json.dump(summary.to_dict(), fh, ensure_ascii=False, indent=2)
            fh.write("\n")
        state["phase"] = "done"
        _write_state(out, state)
    summary.elapsed_s = time.perf_counter() - t0
    return summary


# --- extraction ------------------------------------------------------------------------------


def _engine(spec: ModelSpec, nlp: Any, n_process: int, dask: str | None, pipe_batch_size: int,
            say: Log) -> Any:
    if not dask and n_process == 1:
        local = LocalEngine(nlp if nlp is not None else spec.load(), pipe_batch_size)
        stages.instrument(local.nlp)  # times our components when the benchmark asks
        return local
    if dask:
        from .distributed import DaskEngine

        engine: Any = DaskEngine(dask, spec, pipe_batch_size, log=say)
    else:
        engine = PoolEngine(spec, n_process, pipe_batch_size)
    try:
        engine.start()
    except WorkerError as exc:  # the model or config fails on the workers: a setup error
        engine.close()
        raise UsageError(str(exc)) from None
    except BaseException:
        engine.close()
        raise
    return engine


def _events(inputs: Sequence[str], used_ids: set[str] | frozenset[str] = frozenset()
            ) -> Iterator[InputError | Article]:
    """The reader's articles, with the errors it reported in between, in input order."""
    errors: list[InputError] = []
    for art in read_articles(inputs, errors.append, used_ids=used_ids):
        if errors:
            yield from errors
            errors.clear()
        yield art
    yield from errors


def document_info(art: Article, res: EncodedResult | None = None,
                  duplicate_of: str | None = None) -> DocumentInfo:
    return DocumentInfo(
        doc_id=art.doc_id, path=art.path, line=art.line, start=art.start,
        end=art.start + len(art.text), title=art.title, date=art.date, source=art.source,
        url=art.url, words=res.n_words if res else 0, relations=res.n_relations if res else 0,
        entities=res.n_entities if res else 0, duplicate_of=duplicate_of)


def _batches(inputs: Sequence[str], skip: int, batch_size: int,
             history: History | None = None) -> Iterator[Batch]:
    """Events in batches of ``batch_size`` articles to process, after skipping ``skip`` events.

    ``batch_size`` here is the unit of work (what one worker gets at a time) and of
    checkpoints; how many texts ``nlp.pipe`` takes at once is the engine's ``pipe_batch_size``.

    Batch boundaries depend only on the input and on where the previous batch ended, so a
    resumed run (which starts at a checkpoint, i.e. a batch boundary) cuts the same batches as
    an uninterrupted one. Skipped articles still go through the deduplicator. Articles are
    cleaned here, once: the deduplicator fingerprints the cleaned text and the workers get it.
    ``history``: what the folder holds already (an append), and where this session's
    fingerprints are collected.
    """
    history = history if history is not None else History()
    check = history.check
    events: list[Event] = []
    articles: list[tuple[Article, Cleaned]] = []
    index = 0
    ev: Event
    for n, ev in enumerate(stages.timed_iter("reading", _events(inputs, history.used_ids))):
        cleaned = None
        if isinstance(ev, Article):
            with stages.stage("cleaning"):
                cleaned = clean_article(ev.text)
                fill_meta(ev, cleaned)  # title, date, source from the headline and header lines
            with stages.stage("dedup"):
                first = check(ev, cleaned)  # reuses the cleaned text
            if first is not None:
                ev, cleaned = document_info(ev, duplicate_of=first), None
        if n < skip:
            continue
        events.append(ev)
        if cleaned is not None and isinstance(ev, Article):
            articles.append((ev, cleaned))
        if len(articles) >= batch_size or len(events) >= 4 * batch_size:
            yield Batch(index, articles, events)
            index += 1
            events, articles = [], []
    if events:
        yield Batch(index, articles, events)


class _Outputs:
    """The four streamed files, opened for appending after the checkpointed size."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.files: dict[str, IO[str]] = {
            name: open(out / name, "a", encoding="utf-8", newline="\n") for name in STREAM_FILES
        }

    def write(self, name: str, chunks: list[str]) -> None:
        if chunks:
            with _naming(self.out / name):
                self.files[name].write("".join(chunks))

    def sync(self) -> dict[str, int]:
        sizes = self.flush()
        self.fsync()
        return sizes

    def flush(self) -> dict[str, int]:
        """Hand what was written to the system; the files' sizes."""
        sizes = {}
        for name, fh in self.files.items():
            with _naming(self.out / name):
                fh.flush()
            sizes[name] = os.fstat(fh.fileno()).st_size
        return sizes

    def fsync(self) -> None:
        """Make what was flushed durable (safe beside a thread writing to the files)."""
        for name, fh in self.files.items():
            with _naming(self.out / name):
                os.fsync(fh.fileno())

    def close(self) -> None:
        """Close every file, even when one fails (a full disk fails the flush of each)."""
        failure: OSError | None = None
        for name, fh in self.files.items():
            try:
                with _naming(self.out / name):
                    fh.close()
            except OSError as exc:
                failure = failure or exc
        if failure is not None:
            raise failure


class _Checkpoints:
    """Checkpoints of the extraction, made durable while the next batch runs.

    ``save(state)`` records the streamed files' sizes at once (flushed: what they hold now),
    then a thread fsyncs the files and writes that checkpoint (``_write_state``): the disk's
    wait (a few milliseconds per fsync, five per checkpoint) overlaps the next batch instead
    of adding to the run's time. A checkpoint only ever claims sizes its fsync covered, and
    one is written after the one before has finished, so a kill at any moment leaves the last
    complete checkpoint, as before. An error of the thread (a full disk) is raised by the
    next ``save`` or ``wait``.
    """

    def __init__(self, out: Path, outputs: _Outputs) -> None:
        self.out, self.outputs = out, outputs
        self._thread: threading.Thread | None = None
        self._error: BaseException | None = None

    def save(self, state: dict[str, Any]) -> None:
        self.wait()
        state["sizes"] = self.outputs.flush()
        snapshot = json.loads(json.dumps(state))  # the loop goes on changing ``state``
        self._thread = threading.Thread(target=self._write, args=(snapshot,),
                                        name="actorgraph-checkpoint", daemon=True)
        self._thread.start()

    def _write(self, state: dict[str, Any]) -> None:
        try:
            self.outputs.fsync()
            _write_state(self.out, state)
        except BaseException as exc:  # noqa: BLE001 - raised in the main thread by wait()
            self._error = exc

    def join(self) -> None:
        """Wait for the checkpoint being written (its error, if any, stays for ``wait``)."""
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    def wait(self) -> None:
        """Wait for the checkpoint being written; raise its error."""
        self.join()
        if self._error is not None:
            exc, self._error = self._error, None
            raise exc


@contextlib.contextmanager
def _naming(path: Path) -> Iterator[None]:
    """Give an OSError from writing ``path`` (ENOSPC, EIO) the file's name, for the message."""
    try:
        yield
    except OSError as exc:
        if exc.filename is None and exc.errno:
            raise OSError(exc.errno, exc.strerror or str(exc), str(path)) from exc
        raise


def _extract(inputs: Sequence[str], out: Path, state: dict[str, Any], engine: Any,
             batch_size: int, checkpoint_every: float, progress: bool, say: Log) -> int:
    """Process every event after the checkpoint; return the words processed."""
    for name in STREAM_FILES:
        path = out / name
        size = state["sizes"].get(name, 0)
        have = path.stat().st_size if path.exists() else 0
        if have < size:
            raise UsageError(f"cannot resume: {path} is shorter than at its last checkpoint "
                             "(changed by hand?): run without --resume to start over")
        if have > size:
            os.truncate(path, size)
    bar = _progress_bar(progress, state["articles_done"])
    live = _LiveErrors(say, bar)
    history = load_history(out, out / STATE_DIR, state)
    outputs = _Outputs(out)
    checkpoints = _Checkpoints(out, outputs)
    words = 0
    last = started = time.monotonic()
    try:
        for batch, results in engine.map(_batches(inputs, state["events_done"], batch_size,
                                                  history)):
            rel: list[str] = []
            ent: list[str] = []
            docs: list[str] = []
            errs: list[str] = []
            it = iter(results)
            n_articles = 0
            for ev in batch.events:
                if isinstance(ev, InputError):
                    errs.append(json_line(ev))
                    live(ev)
                    continue
                n_articles += 1
                if isinstance(ev, DocumentInfo):  # a duplicate, set aside
                    docs.append(json_line(ev))
                    continue
                res = next(it)
                rel.append(res.relations)
                ent.append(res.entities)
                words += res.n_words
                if res.error is not None:
                    errs.append(json_line(res.error))
                    live(res.error)
                docs.append(json_line(document_info(ev, res)))
            with stages.stage("writing"):
                outputs.write(RELATIONS, rel)
                outputs.write(ENTITIES, ent)
                outputs.write(DOCUMENTS, docs)
                outputs.write(ERRORS, errs)
            state["events_done"] += len(batch.events)
            state["articles_done"] += n_articles
            if bar is not None:
                elapsed = time.monotonic() - started
                if elapsed > 0:
                    bar.set_postfix_str(f"{words / elapsed:,.0f} words/s", refresh=False)
                bar.update(n_articles)
            if time.monotonic() - last >= checkpoint_every:
                with stages.stage("writing"):
                    checkpoints.save(state)
                last = time.monotonic()
        checkpoints.wait()
        state["sizes"] = outputs.sync()
        save_history(out / STATE_DIR, state, history)
        state["phase"] = "finalize"
        _write_state(out, state)
    finally:
        checkpoints.join()  # before closing the files it syncs
        outputs.close()
        if bar is not None:
            bar.close()
    return words


class _LiveErrors:
    """Print the first errors as they happen (the rest are in errors.jsonl)."""

    def __init__(self, say: Log, bar: Any) -> None:
        self.say, self.bar, self.n = say, bar, 0

    def __call__(self, err: InputError) -> None:
        self.n += 1
        if self.n <= MAX_LIVE_ERRORS:
            msg = f"error: {err}"
        elif self.n == MAX_LIVE_ERRORS + 1:
            msg = "error: ... more errors: see errors.jsonl"
        else:
            return
        if self.bar is not None:
            self.bar.clear()
        self.say(msg)
        if self.bar is not None:
            self.bar.refresh()


def _progress_bar(enabled: bool, initial: int) -> Any:
    if not enabled:
        return None
    import sys

    from tqdm import tqdm

    if not sys.stderr.isatty():
        return None
    return tqdm(initial=initial, unit=" docs", desc="actorgraph", file=sys.stderr,
                delay=1.0, dynamic_ncols=True, smoothing=0.1)


# --- checkpoints -----------------------------------------------------------------------------


def _fingerprint(inputs: Sequence[str], model_id: str, config_text: str,
                 overrides: dict[str, Any], pipe_batch_size: int) -> dict[str, Any]:
    """What must be the same for ``--resume`` to continue a run: one digest per option.

    ``pipe_batch_size`` is in it because a model's output may depend on how texts are
    batched (padding in a transformer); ``--batch-size`` (the unit of work and of checkpoints)
    is not: output does not depend on where batches are cut.
    """
    listing = hashlib.sha256()
    for item in inputs:  # the files the readers read, nothing else (ingest.input_stamps)
        listing.update(f"arg\0{item}\0".encode())
        for stamp in input_stamps([item]):
            listing.update(f"{stamp}\0".encode())
    cfg = hashlib.sha256(config_text.encode())
    cfg.update(json.dumps(overrides, sort_keys=True, default=str).encode())
    return {
        "inputs": listing.hexdigest(),
        "model": model_id,
        "config": cfg.hexdigest(),
        "pipe_batch_size": pipe_batch_size,
        "version": f"{__version__}/{SCHEMA_VERSION}",
    }


_WHAT_DIFFERS = {
    "inputs": "the inputs differ (other paths, or files changed since)",
    "model": "--model differs",
    "config": "--config or --set differ",
    "pipe_batch_size": "the nlp.pipe batch size differs (--pipe-batch-size, which defaults to "
                       "--batch-size)",
    "version": "it was started by another actorgraph version",
}


def _check_same_run(state: dict[str, Any], fingerprint: dict[str, Any]) -> None:
    old = state.get("fingerprint", {})
    for key, why in _WHAT_DIFFERS.items():
        if old.get(key) != fingerprint[key]:
            raise UsageError(f"cannot --resume this output folder: {why}; "
                             "run without --resume to start over")


def _fresh_state(out: Path, fingerprint: dict[str, Any]) -> dict[str, Any]:
    """Start a new run in ``out``: drop the old state first, then the old outputs."""
    for name in (STATE_FILE, PREV_STATE_FILE):
        with contextlib.suppress(FileNotFoundError):
            (out / STATE_DIR / name).unlink()
    for name in FINAL_FILES:
        with contextlib.suppress(FileNotFoundError):
            (out / name).unlink()
    for name in STREAM_FILES:
        with open(out / name, "w", encoding="utf-8"):
            pass
    state = {"version": STATE_VERSION, "fingerprint": fingerprint, "phase": "extract",
             "events_done": 0, "articles_done": 0, "sizes": {n: 0 for n in STREAM_FILES}}
    _write_state(out, state)
    return state


def _read_state(out: Path, say: Log = lambda _msg: None) -> dict[str, Any] | None:
    """The last checkpoint; if it is unreadable (a disk that lost its last write), the one
    before it (``PREV_STATE_FILE``), which the files still extend."""
    path = out / STATE_DIR / STATE_FILE
    prev = out / STATE_DIR / PREV_STATE_FILE
    if not path.is_file() and not prev.is_file():
        return None
    state = _load_state(path)
    if state is None:
        state = _load_state(prev)
        if state is None:
            raise UsageError(f"cannot --resume: {path} is unreadable; run without --resume")
        say(f"warning: {path} is missing or unreadable: resuming from the checkpoint before it")
    if state.get("version") != STATE_VERSION:
        raise UsageError("cannot --resume: the checkpoint was written by another actorgraph "
                         "version; run without --resume to start over")
    return state


def _load_state(path: Path) -> dict[str, Any] | None:
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    ok = isinstance(state, dict) and isinstance(state.get("sizes"), dict) and all(
        k in state for k in ("fingerprint", "phase", "events_done", "articles_done"))
    return state if ok else None


def _write_state(out: Path, state: dict[str, Any]) -> None:
    """Write the checkpoint atomically, keeping the previous one as ``PREV_STATE_FILE``.

    Extraction only appends, so the files always extend the previous checkpoint too. From
    finalize on, files are rewritten: both names then hold the same state, so a fallback
    never goes back across that line.
    """
    path = out / STATE_DIR / STATE_FILE
    prev = out / STATE_DIR / PREV_STATE_FILE
    if state["phase"] == "extract":
        with contextlib.suppress(FileNotFoundError):
            os.replace(path, prev)
    with atomic_write(path) as fh:
        json.dump(state, fh, indent=1)
    if state["phase"] != "extract":
        with atomic_write(prev) as fh:
            json.dump(state, fh, indent=1)


@contextlib.contextmanager
def _lock(out: Path) -> Iterator[None]:
    """One run per output folder at a time (an advisory lock; released when the process dies)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    with open(out / STATE_DIR / LOCK_FILE, "w") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise UsageError(f"another actorgraph run is writing to {out}") from None
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)

