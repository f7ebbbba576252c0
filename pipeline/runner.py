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
import inspect
import json
import os
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, Any

from . import __version__
from .export.atomic import atomic_write
from .finalize import finalize_run
from .ingest import Cleaned, clean_article, read_articles
from .ingest.dedup import Deduplicator
from .ingest.readers import is_url, remote_stamps
from .nlp import config_path, gpu_available, load_config, model_identity, model_name
from .records import (DEFAULT_CUE_CLASSES, SCHEMA_VERSION, Article, DocumentInfo, InputError,
                      parse_cue_classes, relation_class)
from .workers import (Batch, EncodedResult, LocalEngine, ModelSpec, PoolEngine, WorkerError,
                      json_line)

STATE_DIR = ".actorgraph"
STATE_FILE = "state.json"
STREAM_FILES = ("relations.jsonl", "entities.jsonl", "documents.jsonl", "errors.jsonl")
FINAL_FILES = ("actors.jsonl", "actors.graphml", "actors.gexf", "summary.json", "report.html")
STATE_VERSION = 1
MAX_LIVE_ERRORS = 20

Log = Callable[[str], None]
Event = Article | DocumentInfo | InputError  # an article to process, a duplicate, a read error


class UsageError(ValueError):
    """Bad arguments or an output folder that cannot be used; the message is one line."""


@dataclass
class RunSummary:
    """What a run produced: counts over the whole output folder, plus this session's timing."""

    out_dir: Path
    documents: int = 0  # articles processed (duplicates not counted)
    duplicates: int = 0  # articles set aside as repeats of an earlier one
    relations: int = 0
    entities: int = 0
    words: int = 0
    errors: int = 0  # lines in errors.jsonl
    error_messages: list[str] = field(default_factory=list)  # the first few
    duplicate_examples: list[tuple[str, str]] = field(default_factory=list)  # (doc_id, repeats)
    top_speakers: list[tuple[str, int]] = field(default_factory=list)
    top_targets: list[tuple[str, int]] = field(default_factory=list)
    by_class: dict[str, int] = field(default_factory=dict)  # relations per cue class
    actors: int | None = None
    edges: int | None = None
    elapsed_s: float = 0.0  # this session, model loading and finalize included
    words_this_session: int = 0
    resumed_after: int = 0  # articles already done when this session resumed
    report: str | None = None
    report_error: str | None = None

    @property
    def ok(self) -> bool:
        return not self.errors and not self.report_error

    @property
    def exit_code(self) -> int:
        return 0 if self.ok else 1

    @property
    def words_per_second(self) -> float:
        return self.words_this_session / self.elapsed_s if self.elapsed_s > 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["out_dir"] = str(self.out_dir)
        data["words_per_second"] = round(self.words_per_second, 1)
        data["elapsed_s"] = round(self.elapsed_s, 3)
        data["exit_code"] = self.exit_code
        return data


def run_job(
    inputs: Sequence[str | Path],
    out_dir: str | Path,
    *,
    model: str | None = None,
    config: str | Path | None = None,
    overrides: dict[str, Any] | None = None,
    n_process: int = 1,
    batch_size: int = 16,
    resume: bool = False,
    dask: str | None = None,
    gpu: bool = False,
    aliases: str | Path | None = None,
    affiliation_edges: bool = False,
    cue_classes: Sequence[str] | None = None,
    report: bool = False,
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
    are replaced. ``checkpoint_every``: seconds between checkpoints (0: after every batch).
    ``affiliation_edges`` adds person -> organisation/country edges (kind="affiliation") to the
    graph files. ``cue_classes`` chooses the cue classes (speech, belief, evidence) the graph,
    the actors' statement counts, the top lists and the report count (default speech);
    relations.jsonl keeps every class. ``log`` receives one-line messages for the terminal; ``progress`` shows a tqdm bar on stderr.

    Raises ``UsageError``, ``nlp.ModelNotFound`` or ``nlp.ConfigError`` (before touching the
    output folder) for bad arguments, models and configs.
    """
    t0 = time.perf_counter()
    say: Log = log or (lambda _msg: None)
    inputs = [str(p) for p in inputs]
    if not inputs:
        raise UsageError("no inputs given")
    if n_process < 1:
        raise UsageError(f"--n-process must be at least 1, got {n_process}")
    if batch_size < 1:
        raise UsageError(f"--batch-size must be at least 1, got {batch_size}")
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
    if resume and "-" in inputs:
        raise UsageError("--resume cannot re-read standard input: save it to a file first")
    overrides = dict(overrides or {})
    cfg_text = config_path(config).read_text(encoding="utf-8")
    cfg = load_config(overrides=overrides, text=cfg_text)  # ConfigError: bad file or override
    name = model_name(model, cfg)  # ModelNotFound when not installed
    if aliases is not None and not Path(aliases).is_file():
        raise UsageError(f"aliases file '{aliases}' does not exist")
    if gpu and not dask and not gpu_available():
        say("warning: --gpu: no GPU found (CUDA with cupy, or Apple MPS): running on the CPU")
    fingerprint = _fingerprint(inputs, model_identity(name), cfg_text, overrides, batch_size)

    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out '{out}' is a file, not a folder")
    out.mkdir(parents=True, exist_ok=True)
    (out / STATE_DIR).mkdir(exist_ok=True)
    with _lock(out):
        state = _read_state(out) if resume else None
        if resume and state is None:
            say(f"nothing to resume in {out}: starting a new run")
        if state is not None:
            _check_same_run(state, fingerprint)
        spec = ModelSpec(model=name, config_text=cfg_text,
                         overrides=tuple(sorted(overrides.items())), gpu=gpu)
        engine = _engine(spec, nlp, n_process, dask, batch_size, say)
        try:
            if state is None:
                state = _fresh_state(out, fingerprint)
            resumed_after = state["articles_done"]
            if resume and state["phase"] == "extract" and state["events_done"]:
                say(f"resuming: {state['articles_done']} articles already done")
            words = 0
            if state["phase"] == "extract":
                words = _extract(inputs, out, state, engine, batch_size, checkpoint_every,
                                 progress, say)
        finally:
            engine.close()
        fin = None
        if state["phase"] == "finalize":
            fin = finalize_run(out, aliases=aliases, affiliations=affiliation_edges,
                               cue_classes=classes)
            state["phase"] = "summary"
            _write_state(out, state)
        summary = summarize(out, cue_classes=classes)
        summary.resumed_after = resumed_after if resume else 0
        summary.words_this_session = words
        if fin is not None:
            summary.actors = getattr(fin, "actors", None)
            summary.edges = getattr(fin, "edges", None)
        if report:
            try:
                from .export.report import write_report

                summary.report = str(write_report(out))  # its graph: the run's cue classes
            except Exception as exc:  # noqa: BLE001 - the run's other outputs stand
                summary.report_error = " ".join(f"{type(exc).__name__}: {exc}".split())[:300]
                say(f"error: report: {summary.report_error}")
        summary.elapsed_s = time.perf_counter() - t0
        with atomic_write(out / "summary.json") as fh:
            json.dump(summary.to_dict(), fh, ensure_ascii=False, indent=2)
            fh.write("\n")
        state["phase"] = "done"
        _write_state(out, state)
    summary.elapsed_s = time.perf_counter() - t0
    return summary


# --- extraction ------------------------------------------------------------------------------


def _engine(spec: ModelSpec, nlp: Any, n_process: int, dask: str | None, batch_size: int,
            say: Log) -> Any:
    if not dask and n_process == 1:
        return LocalEngine(nlp if nlp is not None else spec.load(), batch_size)
    if dask:
        from .distributed import DaskEngine

        engine: Any = DaskEngine(dask, spec, batch_size, log=say)
    else:
        engine = PoolEngine(spec, n_process, batch_size)
    try:
        engine.start()
    except WorkerError as exc:  # the model or config fails on the workers: a setup error
        engine.close()
        raise UsageError(str(exc)) from None
    except BaseException:
        engine.close()
        raise
    return engine


def _events(inputs: Sequence[str]) -> Iterator[InputError | Article]:
    """The reader's articles, with the errors it reported in between, in input order."""
    errors: list[InputError] = []
    for art in read_articles(inputs, errors.append):
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


def _batches(inputs: Sequence[str], skip: int, batch_size: int) -> Iterator[Batch]:
    """Events in batches of ``batch_size`` articles to process, after skipping ``skip`` events.

    Batch boundaries depend only on the input and on where the previous batch ended, so a
    resumed run (which starts at a checkpoint, i.e. a batch boundary) cuts the same batches as
    an uninterrupted one. Skipped articles still go through the deduplicator. Articles are
    cleaned here, once: the deduplicator fingerprints the cleaned text and the workers get it.
    """
    dedup = Deduplicator()
    check = _dedup_check(dedup)
    events: list[Event] = []
    articles: list[tuple[Article, Cleaned]] = []
    index = 0
    for n, ev in enumerate(_events(inputs)):
        cleaned = None
        if isinstance(ev, Article):
            cleaned = clean_article(ev.text)
            first = check(ev, cleaned)
            if first is not None:
                ev, cleaned = document_info(ev, duplicate_of=first), None
        if n < skip:
            continue
        events.append(ev)
        if cleaned is not None:
            articles.append((ev, cleaned))
        if len(articles) >= batch_size or len(events) >= 4 * batch_size:
            yield Batch(index, articles, events)
            index += 1
            events, articles = [], []
    if events:
        yield Batch(index, articles, events)


def _dedup_check(dedup: Deduplicator) -> Callable[[Article, Cleaned], str | None]:
    """``dedup.check`` that reuses the cleaned text when the deduplicator takes it."""
    if "cleaned" in inspect.signature(dedup.check).parameters:
        return lambda art, cleaned: dedup.check(art, cleaned)
    return lambda art, cleaned: dedup.check(art)


class _Outputs:
    """The four streamed files, opened for appending after the checkpointed size."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.files: dict[str, IO[str]] = {
            name: open(out / name, "a", encoding="utf-8", newline="\n") for name in STREAM_FILES
        }

    def write(self, name: str, chunks: list[str]) -> None:
        if chunks:
            self.files[name].write("".join(chunks))

    def sync(self) -> dict[str, int]:
        sizes = {}
        for name, fh in self.files.items():
            fh.flush()
            os.fsync(fh.fileno())
            sizes[name] = os.fstat(fh.fileno()).st_size
        return sizes

    def close(self) -> None:
        for fh in self.files.values():
            fh.close()


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
    outputs = _Outputs(out)
    words = 0
    last = started = time.monotonic()
    try:
        for batch, results in engine.map(_batches(inputs, state["events_done"], batch_size)):
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
            outputs.write("relations.jsonl", rel)
            outputs.write("entities.jsonl", ent)
            outputs.write("documents.jsonl", docs)
            outputs.write("errors.jsonl", errs)
            state["events_done"] += len(batch.events)
            state["articles_done"] += n_articles
            if bar is not None:
                elapsed = time.monotonic() - started
                if elapsed > 0:
                    bar.set_postfix_str(f"{words / elapsed:,.0f} words/s", refresh=False)
                bar.update(n_articles)
            if time.monotonic() - last >= checkpoint_every:
                state["sizes"] = outputs.sync()
                _write_state(out, state)
                last = time.monotonic()
        state["sizes"] = outputs.sync()
        state["phase"] = "finalize"
        _write_state(out, state)
    finally:
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
                 overrides: dict[str, Any], batch_size: int) -> dict[str, Any]:
    """What must be the same for ``--resume`` to continue a run: one digest per option."""
    listing = hashlib.sha256()
    for item in inputs:
        listing.update(f"arg\0{item}\0".encode())
        if item == "-":
            continue
        if is_url(item):  # each file's URL, size, etag/generation and mtime, as fs.info gives
            for stamp in remote_stamps(item):
                listing.update(f"{stamp}\0".encode())
            continue
        path = Path(item)
        if path.is_dir():
            for f in sorted(p for p in path.rglob("*") if p.is_file()):
                st = f.stat()
                listing.update(f"{f.relative_to(path)}\0{st.st_size}\0{st.st_mtime_ns}\0".encode())
        elif path.is_file():
            st = path.stat()
            listing.update(f"{st.st_size}\0{st.st_mtime_ns}\0".encode())
    cfg = hashlib.sha256(config_text.encode())
    cfg.update(json.dumps(overrides, sort_keys=True, default=str).encode())
    return {
        "inputs": listing.hexdigest(),
        "model": model_id,
        "config": cfg.hexdigest(),
        "batch_size": batch_size,
        "version": f"{__version__}/{SCHEMA_VERSION}",
    }


_WHAT_DIFFERS = {
    "inputs": "the inputs differ (other paths, or files changed since)",
    "model": "--model differs",
    "config": "--config or --set differ",
    "batch_size": "--batch-size differs",
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
    with contextlib.suppress(FileNotFoundError):
        (out / STATE_DIR / STATE_FILE).unlink()
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


def _read_state(out: Path) -> dict[str, Any] | None:
    path = out / STATE_DIR / STATE_FILE
    if not path.is_file():
        return None
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except ValueError:
        raise UsageError(f"cannot --resume: {path} is unreadable; run without --resume") from None
    if state.get("version") != STATE_VERSION:
        raise UsageError("cannot --resume: the checkpoint was written by another actorgraph "
                         "version; run without --resume to start over")
    return state


def _write_state(out: Path, state: dict[str, Any]) -> None:
    with atomic_write(out / STATE_DIR / STATE_FILE) as fh:
        json.dump(state, fh, indent=1)


@contextlib.contextmanager
def _lock(out: Path) -> Iterator[None]:
    """One run per output folder at a time (an advisory lock; released when the process dies)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    with open(out / STATE_DIR / "lock", "w") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise UsageError(f"another actorgraph run is writing to {out}") from None
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


# --- summary ---------------------------------------------------------------------------------


def summarize(out_dir: str | Path, *, top: int = 10,
              cue_classes: Sequence[str] | None = DEFAULT_CUE_CLASSES) -> RunSummary:
    """Count a finished run's outputs by streaming its files (memory: one counter per actor).
    The top speakers and targets count the relations of ``cue_classes`` (None: all)."""
    out = Path(out_dir)
    s = RunSummary(out)
    for rec in _jsonl(out / "documents.jsonl"):
        if rec.get("duplicate_of"):
            s.duplicates += 1
            if len(s.duplicate_examples) < 5:
                s.duplicate_examples.append((rec["doc_id"], rec["duplicate_of"]))
        else:
            s.documents += 1
            s.words += rec.get("words", 0)
    speakers: Counter[str] = Counter()
    targets: Counter[str] = Counter()
    wanted = frozenset(cue_classes) if cue_classes is not None else None
    for rec in _jsonl(out / "relations.jsonl"):
        s.relations += 1
        cls = relation_class(rec)
        s.by_class[cls] = s.by_class.get(cls, 0) + 1
        if wanted is not None and cls not in wanted:
            continue
        sp = rec.get("speaker") or {}
        if sp.get("resolved", True):
            speakers[sp.get("name", "")] += 1
        for t in rec.get("about") or []:
            targets[t.get("name", "")] += 1
    s.top_speakers = speakers.most_common(top)
    s.top_targets = targets.most_common(top)
    s.entities = _count_lines(out / "entities.jsonl")
    for rec in _jsonl(out / "errors.jsonl"):
        s.errors += 1
        if len(s.error_messages) < MAX_LIVE_ERRORS:
            s.error_messages.append(str(InputError(rec.get("path", "?"), rec.get("line"),
                                                   rec.get("message", ""), rec.get("doc_id"))))
    return s


def _jsonl(path: Path) -> Iterator[dict[str, Any]]:
    if not path.exists():
        return
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def _count_lines(path: Path) -> int:
    if not path.exists():
        return 0
    n = 0
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            n += chunk.count(b"\n")
    return n


def format_summary(s: RunSummary) -> str:
    """The short summary printed on the terminal at the end of a run."""
    lines = [
        f"{s.documents} documents, {s.words} words, {s.relations} relations, "
        f"{s.entities} entities -> {s.out_dir}",
    ]
    if s.duplicates:
        examples = ", ".join(f"{d} = {f}" for d, f in s.duplicate_examples[:3])
        lines.append(f"duplicates: {s.duplicates} set aside as repeats of earlier articles "
                     f"(e.g. {examples}; see documents.jsonl)")
    if s.errors:
        lines.append(f"errors: {s.errors} (see errors.jsonl)")
    if s.by_class and set(s.by_class) != {"speech"}:
        lines.append("relations by cue class: " + ", ".join(
            f"{k} {v}" for k, v in sorted(s.by_class.items())))
    if s.top_speakers:
        lines.append("top speakers: " + "; ".join(f"{n} ({c})" for n, c in s.top_speakers[:5]))
    if s.top_targets:
        lines.append("top targets:  " + "; ".join(f"{n} ({c})" for n, c in s.top_targets[:5]))
    speed = f"{s.words_per_second:,.0f} words/s" if s.words_this_session else "nothing new to do"
    resumed = f", resumed after {s.resumed_after} articles" if s.resumed_after else ""
    lines.append(f"time: {s.elapsed_s:.1f} s, {speed}{resumed}")
    if s.report:
        lines.append(f"report: {s.report}")
    return "\n".join(lines)
