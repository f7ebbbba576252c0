"""The run folder, owned here: its layout, reading it back, its counts and summary.

A run folder, as ``actorgraph run`` (``runner.run_job``) leaves it::

    relations.jsonl  entities.jsonl  documents.jsonl  errors.jsonl   streamed during extraction
    actors.jsonl  actors.graphml  actors.gexf                          written by finalize
    summary.json  report.html                                          the summary, the report
    .actorgraph/state.json  .actorgraph/lock                           checkpoint and lock

Every other module names these files by the constants below. ``read_jsonl`` is the one JSONL
reader (a bad line is reported to a callback and skipped, never raised); ``summarize`` the one
place where a run's counts are computed (the CLI summary, summary.json and the HTML report all
show its figures); ``load_run`` reads what the report shows (``export/report.py`` renders it),
re-reading article texts from the run's inputs with the readers the run used.

Everything streams: memory holds a counter per name and the articles the report shows, never
the documents. This module writes nothing (runner.py and finalize.py write the folder).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..counts import top_actors
from ..ingest.clean import readable
from ..records import DEFAULT_CUE_CLASSES, DocumentInfo, InputError, Relation, relation_class
from ..stable_ids import is_redirect

# --- layout ------------------------------------------------------------------------------------

RELATIONS = "relations.jsonl"
ENTITIES = "entities.jsonl"
DOCUMENTS = "documents.jsonl"
ERRORS = "errors.jsonl"
ACTORS = "actors.jsonl"
GRAPHML = "actors.graphml"
GEXF = "actors.gexf"
SUMMARY = "summary.json"
REPORT = "report.html"
STATE_DIR = ".actorgraph"
STATE_FILE = "state.json"
LOCK_FILE = "lock"
#: appended to while extracting, cut back to their checkpointed size on --resume
STREAM_FILES = (RELATIONS, ENTITIES, DOCUMENTS, ERRORS)
#: written after extraction; a new run in the folder deletes them first
FINAL_FILES = (ACTORS, GRAPHML, GEXF, SUMMARY, REPORT)
MAX_MESSAGES = 20  # error messages kept in a summary (the rest are in errors.jsonl)

OnBad = Callable[[int, str], None]  # (line number, why) of a line that is not a JSON object


# --- reading it back ---------------------------------------------------------------------------


# what json.loads runs, minus its Python layers (set in JSONDecoder.__init__, not in the stubs)
_SCAN_ONCE = json.JSONDecoder().scan_once  # type: ignore[attr-defined]


def loads_line(line: str) -> Any:
    """``json.loads(line)`` for one line of a JSONL file, the same value or the same error:
    a line that is one JSON value from its first character to a final newline is scanned
    directly, any other (leading blanks, trailing data, not JSON) goes to ``json.loads``. A
    tenth less time on the records of a run, read four times over by finalize."""
    try:
        value, end = _SCAN_ONCE(line, 0)
    except Exception:  # noqa: BLE001 - json.loads raises what it always did
        return json.loads(line)
    if end == len(line) or line[end:] == "\n":
        return value
    return json.loads(line)


def read_jsonl(path: str | Path, on_bad: OnBad | None = None) -> Iterator[dict[str, Any]]:
    """The JSON objects of a JSONL file, in order; nothing when the file does not exist.

    Blank lines are skipped; a line that is not a JSON object goes to ``on_bad(line_no, why)``
    and is skipped (bytes that are not UTF-8 are replaced, so one bad byte loses at most its
    line).
    """
    for _, rec in numbered_jsonl(path, on_bad):
        yield rec


def numbered_jsonl(path: str | Path,
                   on_bad: OnBad | None = None) -> Iterator[tuple[int, dict[str, Any]]]:
    """``read_jsonl`` with each object's line number (from 1), for messages that name it."""
    try:
        fh = open(path, encoding="utf-8", errors="replace")
    except (FileNotFoundError, NotADirectoryError):
        return
    with fh:
        for no, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                rec = loads_line(line)
            except ValueError as exc:
                if on_bad is not None:
                    on_bad(no, f"not valid JSON ({getattr(exc, 'msg', exc)})")
                continue
            if isinstance(rec, dict):
                yield no, rec
            elif on_bad is not None:
                on_bad(no, "not a JSON object")


def count_lines(path: str | Path) -> int:
    """Non-blank lines of a file, counted in binary chunks (fast on big files); 0 if missing."""
    n = 0
    try:
        with open(path, "rb") as fh:
            tail = b"\n"
            while chunk := fh.read(1 << 20):
                n += chunk.count(b"\n") - chunk.count(b"\n\n")
                if tail == b"\n" and chunk[:1] == b"\n":
                    n -= 1
                tail = chunk[-1:]
            if tail not in (b"\n", b""):
                n += 1
    except OSError:
        return 0
    return max(n, 0)


# --- counts and summary ------------------------------------------------------------------------


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
    bad_lines: int = 0  # lines of the JSONL files that could not be read back
    actors: int | None = None  # actors of actors.jsonl (redirect lines of --append not counted)
    nodes: int | None = None  # actors in the graph (those that speak or are spoken about)
    edges: int | None = None
    count_headlines: bool = False  # headline and caption records counted (--count-headlines)
    cue_classes: list[str] = field(default_factory=lambda: list(DEFAULT_CUE_CLASSES))  # counted
    by_class: dict[str, int] = field(default_factory=dict)  # relations per cue class
    elapsed_s: float = 0.0  # this session, model loading and finalize included
    words_this_session: int = 0
    resumed_after: int = 0  # articles already done when this session resumed
    report: str | None = None
    report_error: str | None = None
    inputs: list[str] = field(default_factory=list)  # the inputs as given (where we looked)

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
        del data["inputs"]
        return data


@dataclass
class RelationTally:
    """relations.jsonl as ``summarize`` counts it: its records, per cue class (in the order
    the classes first occur), and its lines that are no JSON object. Finalize fills one as it
    rewrites the file, so that the summary after it need not read the file again."""

    relations: int = 0
    by_class: dict[str, int] = field(default_factory=dict)
    bad_lines: int = 0

    def add(self, rec: dict[str, Any]) -> None:
        self.relations += 1
        cls = relation_class(rec)
        self.by_class[cls] = self.by_class.get(cls, 0) + 1


def summarize(out_dir: str | Path, *, top: int = 10, examples: int = 5,
              on_document: Callable[[dict[str, Any]], None] | None = None,
              on_relation: Callable[[dict[str, Any]], None] | None = None,
              tally: RelationTally | None = None,
              actors: Iterable[Any] | None = None) -> RunSummary:
    """Count a run's outputs by streaming its files once (memory: one counter per name).

    ``examples``: duplicate pairs kept. ``on_document``/``on_relation`` see every record of
    documents.jsonl/relations.jsonl as it streams past (how ``load_run`` picks its articles
    in the same pass). Without documents.jsonl, documents are the distinct doc ids of the
    relations. ``tally`` and ``actors``: what the finalize that has just written the folder
    counted in relations.jsonl and the actors of actors.jsonl (``identity.Actor`` objects,
    redirects left out), used instead of reading those files again.
    """
    out = Path(out_dir)
    s = RunSummary(out)

    def bad(_no: int, _why: str) -> None:
        s.bad_lines += 1

    have_docs = (out / DOCUMENTS).exists()
    for rec in read_jsonl(out / DOCUMENTS, bad):
        if rec.get("duplicate_of"):
            s.duplicates += 1
            if len(s.duplicate_examples) < examples:
                s.duplicate_examples.append((str(rec.get("doc_id")), str(rec["duplicate_of"])))
        else:
            s.documents += 1
            words = rec.get("words", 0)
            s.words += words if isinstance(words, int) else 0
        if on_document is not None:
            on_document(rec)
    if tally is None or on_relation is not None or not have_docs:
        doc_ids: set[str] = set()
        tally = RelationTally()
        for rec in read_jsonl(out / RELATIONS, bad):
            tally.add(rec)
            if not have_docs:
                doc_ids.add(str(rec.get("doc_id")))
            if on_relation is not None:
                on_relation(rec)
        if not have_docs:
            s.documents = len(doc_ids)
    else:
        s.bad_lines += tally.bad_lines
    s.relations, s.by_class = tally.relations, dict(tally.by_class)
    # top lists: the actors' counts (pipeline/counts.py), as actors.jsonl and the graph say
    listed = list(actors) if actors is not None else \
        [a for a in read_jsonl(out / ACTORS, bad) if not is_redirect(a)]
    if listed:
        s.actors = len(listed)
        s.top_speakers = top_actors(listed, "statements", top)
        s.top_targets = top_actors(listed, "targeted", top)
    s.entities = count_lines(out / ENTITIES)
    for rec in read_jsonl(out / ERRORS, bad):
        s.errors += 1
        if len(s.error_messages) < MAX_MESSAGES:
            s.error_messages.append(str(InputError(str(rec.get("path", "?")), rec.get("line"),
                                                   str(rec.get("message", "")), rec.get("doc_id"))))
    return s


def format_summary(s: RunSummary) -> str:
    """The short summary printed on the terminal at the end of a run."""
    lines = [
        f"{s.documents} documents, {s.words} words, {s.relations} relations, "
        f"{s.entities} entities -> {s.out_dir}",
    ]
    if not s.documents and not s.duplicates:
        lines[0] = (f"no input documents found (looked in: {', '.join(s.inputs) or 'nothing'})"
                    f" -> {s.out_dir}")
    if s.duplicates:
        dup_examples = ", ".join(f"{d} = {f}" for d, f in s.duplicate_examples[:3])
        lines.append(f"duplicates: {s.duplicates} set aside as repeats of earlier articles "
                     f"(e.g. {dup_examples}; see {DOCUMENTS})")
    if s.errors:
        lines.append(f"errors: {s.errors} (see {ERRORS})")
    if s.by_class and set(s.by_class) != {"speech"}:
        counted = ", ".join(s.cue_classes) or "all"
        lines.append("relations by cue class: " + ", ".join(
            f"{k} {v}" for k, v in sorted(s.by_class.items())) + f" (counted: {counted})")
    if s.actors is not None:
        graph = f" ({s.nodes} in the graph, {s.edges} edges)" if s.nodes is not None else ""
        zones = "; headlines and captions counted" if s.count_headlines else ""
        lines.append(f"actors: {s.actors}{graph}{zones}")
    if s.top_speakers:
        lines.append("top speakers: " + "; ".join(f"{n} ({c})" for n, c in s.top_speakers[:5]))
    if s.top_targets:
        lines.append("top targets:  " + "; ".join(f"{n} ({c})" for n, c in s.top_targets[:5]))
    speed = (f"{s.words_per_second:,.0f} words/s" if s.words_this_session
             else "nothing new to do" if s.documents else "nothing done")
    resumed = f", resumed after {s.resumed_after} articles" if s.resumed_after else ""
    lines.append(f"time: {s.elapsed_s:.1f} s, {speed}{resumed}")
    if s.report:
        lines.append(f"report: {s.report}")
    return "\n".join(lines)


# --- what the HTML report shows ----------------------------------------------------------------


@dataclass
class ArticleView:
    """One article as the report shows it."""

    doc_id: str
    info: DocumentInfo | None
    relations: list[Relation] = field(default_factory=list)
    more_relations: int = 0  # relations beyond the per-article cap
    text: str | None = None  # the article's text, a slice of its input text
    base: int = 0  # input-text offset of text[0]
    note: str | None = None  # why the text or some highlights are missing
    dropped: list[tuple[int, int]] = field(default_factory=list)  # spans the clean-up left out


@dataclass
class RunView:
    """What the report shows of a run: its counts (``summarize``), articles and graph."""

    out_dir: Path
    counts: RunSummary
    articles: list[ArticleView] = field(default_factory=list)
    graph: Any = None  # a networkx graph
    graph_note: str | None = None
    count_headlines: bool = False  # headline and caption records counted in graph and lists
    cue_classes: tuple[str, ...] = DEFAULT_CUE_CLASSES  # the cue classes counted

    # the names the renderer reads, all from the one set of counts
    @property
    def documents(self) -> int:
        return self.counts.documents

    @property
    def n_duplicates(self) -> int:
        return self.counts.duplicates

    @property
    def duplicates(self) -> list[tuple[str, str]]:
        return self.counts.duplicate_examples

    @property
    def relations(self) -> int:
        return self.counts.relations

    @property
    def entities(self) -> int:
        return self.counts.entities

    @property
    def n_errors(self) -> int:
        return self.counts.errors

    @property
    def errors(self) -> list[str]:
        return self.counts.error_messages

    @property
    def bad_lines(self) -> int:
        return self.counts.bad_lines

    @property
    def actors(self) -> int:
        return self.counts.actors or 0


def load_run(out_dir: str | Path, *, max_articles: int = 200, max_relations: int = 300,
             input_root: str | Path | None = None,
             count_headlines: bool | None = None,
             cue_classes: tuple[str, ...] | None = None) -> RunView:
    """Read what the report needs from an output folder in one streaming pass (``summarize``).

    ``count_headlines`` (count headline and caption relations in the graph and top lists) and
    ``cue_classes`` (the cue classes counted): None does as the run did (``summary.json``), and
    a different choice rebuilds the graph and its counts from relations.jsonl and
    entities.jsonl."""
    out = Path(out_dir)
    # Candidates: the first max_articles documents that documents.jsonl says have relations,
    # and the first max_articles that it says have none (in case its counts are not filled).
    chosen: dict[str, ArticleView] = {}
    spare: dict[str, ArticleView] = {}
    have_docs = (out / DOCUMENTS).exists()
    unreadable = 0

    def document(obj: dict[str, Any]) -> None:
        nonlocal unreadable
        try:
            info = DocumentInfo.from_dict(obj)
        except (TypeError, KeyError):
            unreadable += 1
            return
        if info.duplicate_of or info.doc_id in chosen or info.doc_id in spare:
            return
        if info.relations > 0 and len(chosen) < max_articles:
            chosen[info.doc_id] = ArticleView(info.doc_id, info)
        elif info.relations <= 0 and len(spare) < max_articles:
            spare[info.doc_id] = ArticleView(info.doc_id, info)

    def relation(obj: dict[str, Any]) -> None:
        nonlocal unreadable
        if not isinstance(obj.get("doc_id"), str):
            unreadable += 1
            return
        doc_id = obj["doc_id"]
        if not have_docs and doc_id not in chosen and len(chosen) < max_articles:
            chosen[doc_id] = ArticleView(doc_id, None)
        art = chosen.get(doc_id) or spare.get(doc_id)
        if art is None:
            return
        if len(art.relations) >= max_relations:
            art.more_relations += 1
            return
        try:
            art.relations.append(Relation.from_dict(obj))
        except (TypeError, KeyError, ValueError, AttributeError):
            unreadable += 1

    counts = summarize(out, examples=50, on_document=document, on_relation=relation)
    counts.bad_lines += unreadable
    candidates = list(chosen.values()) + list(spare.values())
    with_rel = [a for a in candidates if a.relations]
    without = [a for a in candidates if not a.relations]
    view = RunView(out, counts, (with_rel + without)[:max_articles])
    _load_texts(view.articles, out, Path(input_root) if input_root else None)
    run_heads, run_classes = _run_choices(out)
    view.count_headlines = run_heads if count_headlines is None else bool(count_headlines)
    view.cue_classes = run_classes if cue_classes is None else tuple(cue_classes)
    if ((view.count_headlines, view.cue_classes) != (run_heads, run_classes)
            and (out / RELATIONS).exists()):
        view.graph, view.graph_note = _recounted_graph(out, view.count_headlines,
                                                       view.cue_classes), None
    else:
        view.graph, view.graph_note = _load_graph(out)
    return view


def _run_choices(out: Path) -> tuple[bool, tuple[str, ...]]:
    """Whether the run in ``out`` counted headline and caption records, and which cue classes
    it counted (summary.json; older runs: body only, speech)."""
    try:
        with open(out / SUMMARY, encoding="utf-8") as fh:
            data = json.load(fh)
        classes = data.get("cue_classes") or DEFAULT_CUE_CLASSES
        return bool(data.get("count_headlines", False)), tuple(classes)
    except (OSError, ValueError, AttributeError, TypeError):
        return False, DEFAULT_CUE_CLASSES


def _recounted_graph(out: Path, count_headlines: bool, cue_classes: tuple[str, ...]) -> Any:
    """The run's graph and actor counts rebuilt with ``count_headlines`` and ``cue_classes``."""
    from ..counts import recount, set_node_counts
    from ..graph import build_graph

    actors = {a["id"]: a for a in read_jsonl(out / ACTORS) if "id" in a and not is_redirect(a)}
    graph = build_graph(read_jsonl(out / RELATIONS), actors, count_headlines=count_headlines,
                        cue_classes=cue_classes)
    counts = recount(read_jsonl(out / RELATIONS), read_jsonl(out / ENTITIES),
                     count_headlines=count_headlines, cue_classes=cue_classes)
    set_node_counts(graph, {n: counts.of(n) for n in graph.nodes})
    return graph


def _resolve_input(path: str, out: Path, input_root: Path | None) -> Path | None:
    if not path or path.startswith("<"):
        return None
    p = Path(path)
    candidates = [p]
    if not p.is_absolute():
        candidates += [out.parent / p] + ([input_root / p] if input_root else [])
    elif input_root:
        candidates.append(input_root / p.name)
    for c in candidates:
        if c.is_file():
            return c
    return None


# Inputs whose offsets index a record's text field (JSONL/CSV) or trafilatura's extracted text
# (HTML), not the decoded file.
_NOT_WHOLE_FILE = (".jsonl", ".ndjson", ".csv", ".tsv", ".html", ".htm")


def _load_texts(articles: list[ArticleView], out: Path, input_root: Path | None) -> None:
    """Fill each article's text from its input file, checking the offsets still fit."""
    from ..ingest import read_articles  # the same reader the run used
    from ..ingest.readers import is_url

    by_path: dict[str, list[ArticleView]] = defaultdict(list)
    for art in articles:
        if art.info is None:
            art.note = "no documents.jsonl entry: relations shown without the article text"
            continue
        by_path[art.info.path].append(art)

    for path, arts in by_path.items():
        if is_url(path):  # a remote input (s3://...): read again through fsspec
            real, source = None, path
        else:
            real = _resolve_input(path, out, input_root)
            if real is None:
                for art in arts:
                    art.note = f"input {path!r} is not available: relations shown without text"
                continue
            # Read the path as the run recorded it when it still resolves, so doc ids match.
            source = path if Path(path).is_file() else str(real)
        wanted = {a.doc_id: a for a in arts}
        found: dict[str, tuple[str, int]] = {}
        errors: list[InputError] = []
        try:
            for a in read_articles([source], errors.append):
                key = _wanted_key(a.doc_id, source, path, wanted)
                if key is not None:
                    found[key] = (a.text, a.start)
                    if len(found) == len(wanted):
                        break
        except Exception as exc:  # noqa: BLE001 - a reader bug must not lose the report
            errors.append(InputError(source, None, f"cannot re-read: {exc}"))
        raw: str | None = None
        for doc_id, art in wanted.items():
            if doc_id in found:
                text, start = found[doc_id]
            elif real is not None and real.suffix.lower() not in _NOT_WHOLE_FILE:
                # Offsets index the decoded file for .txt (and sniffed) inputs: slice it.
                if raw is None:
                    try:
                        with open(real, encoding="utf-8", errors="replace", newline="") as fh:
                            raw = fh.read()
                    except OSError:
                        raw = ""
                text, start = raw, 0
            else:
                art.note = f"article not found in {path!r}: relations shown without text"
                continue
            _set_text(art, text, start)


def _wanted_key(doc_id: str, source: str, recorded: str,
                wanted: dict[str, ArticleView]) -> str | None:
    """The wanted doc_id that a re-read article's ``doc_id`` stands for, if any."""
    if doc_id in wanted:
        return doc_id
    if source != recorded and doc_id.startswith(source):
        alt = recorded + doc_id[len(source):]
        if alt in wanted:
            return alt
    return None


def _set_text(art: ArticleView, text: str, start: int) -> None:
    info = art.info
    lo, hi = start, start + len(text)
    if info is not None and info.end > info.start and lo <= info.start and info.end <= hi:
        text, start = text[info.start - lo:info.end - lo], info.start
    checked = bad = 0
    for rel in art.relations:
        sp = rel.speaker
        for piece, s, e in ((sp.mention, sp.start, sp.end) if sp is not None else ("", 0, 0),
                            (rel.cue.text, rel.cue.start, rel.cue.end)):
            if not piece or e <= s:
                continue
            checked += 1
            got = text[s - start:e - start] if start <= s and e <= start + len(text) else None
            if got is None or _squash(readable(got)) != _squash(piece):
                bad += 1
    if checked and bad * 2 > checked:
        art.note = ("the input file has changed since the run (offsets no longer match): "
                    "relations shown without text")
        return
    art.text, art.base = text, start
    art.dropped = _dropped(text)
    if bad:
        art.note = f"{bad} of {checked} highlighted spans no longer match the input text"


def _dropped(text: str) -> list[tuple[int, int]]:
    """What the run's clean-up left out of ``text`` (repeated captions and headlines, ``TT``
    markers, header lines), as spans of ``text``: shown as dropped, not as article text."""
    from ..ingest import clean_article

    try:
        spans = clean_article(text).clean.dropped()
    except Exception:  # noqa: BLE001 - the text is still shown, without the marks
        return []
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _squash(s: str) -> str:
    return "".join(s.split()).casefold()


def _load_graph(out: Path) -> tuple[Any, str | None]:
    import networkx as nx

    path = out / GRAPHML
    if path.exists():
        try:
            return nx.read_graphml(path), None
        except Exception as exc:  # noqa: BLE001 - a broken file must not stop the report
            note = f"{GRAPHML} could not be read ({type(exc).__name__}: {exc})"
    else:
        note = f"no {GRAPHML} in the output folder"
    rel_path = out / RELATIONS
    if rel_path.exists():
        from ..graph import build_graph

        try:
            return build_graph(read_jsonl(rel_path)), note + "; graph rebuilt from relations"
        except Exception as exc:  # noqa: BLE001
            return None, f"{note}; rebuilding it failed ({type(exc).__name__})"
    return None, note
