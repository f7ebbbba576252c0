"""Plain records that cross stages: articles in, relations and entities out.

Every record is a small dataclass of str/int/float/bool/None, lists and nested records, so it
pickles to worker processes, serialises to one JSON line (``to_dict``/``from_dict``) and
compares in tests. Nothing here knows about spaCy, files or graphs.

The forms of a relation, chosen on purpose and converted at the boundaries only:

- on a spaCy ``Doc`` (``doc._.relations``): plain dicts, so ``DocBin`` and ``nlp.pipe(n_process>1)``
  keep them (spaCy's own rule for user data);
- in memory, between stages and in the Python API: these dataclasses (``process.py`` builds
  them from the Doc's dicts, once);
- in a run folder: one JSON line each (``to_dict``); ``run/finalize.py`` streams those lines as
  dicts, annotates them with actor ids and rewrites them, and the graph is built from the same
  dicts as they stream past (``graph.build_graph`` takes dicts or records); readers of a folder
  turn a line back into a record with ``from_dict`` where they need one.

Offsets: every ``start``/``end`` in an output record indexes the *original input text* of its
document: the decoded file for ``.txt`` inputs (decoded as UTF-8 with newlines kept as they
are, i.e. ``open(path, encoding="utf-8", newline="")``), the ``text`` field for
``.jsonl``/``.csv`` records, and for ``.html`` inputs the main text that trafilatura extracts
from the page (not the HTML source; see ``pipeline/ingest/readers.py``). ``Article.start``
says where an article begins inside that text. Inputs read from URLs (``s3://...``) follow
the same rules. The strings next to offsets (``content``, ``mention``, ``text``) are the
readable, cleaned text of that span (markup and invisible characters removed, glued words
spaced: pipeline/ingest/clean.py), not a slice of the original.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields
from typing import Any

SCHEMA_VERSION = 1

#: what a cue reports: an act of saying or writing, a thought or attitude, or data/findings
CUE_CLASSES = ("speech", "belief", "evidence")
#: the classes the graph, the top lists and the report count unless told otherwise
DEFAULT_CUE_CLASSES = ("speech",)


def parse_cue_classes(value: str | None) -> tuple[str, ...]:
    """``"speech,belief"`` -> ("speech", "belief"); None or empty -> the default (speech);
    ``all`` -> every class. Raises ValueError naming an unknown class."""
    if value is None or not str(value).strip():
        return DEFAULT_CUE_CLASSES
    parts = [p.strip().lower() for p in str(value).split(",") if p.strip()]
    if parts == ["all"]:
        return CUE_CLASSES
    bad = [p for p in parts if p not in CUE_CLASSES]
    if bad:
        raise ValueError(f"unknown cue class {bad[0]!r}: choose from {', '.join(CUE_CLASSES)}")
    return tuple(c for c in CUE_CLASSES if c in parts)


def relation_class(rel: Mapping[str, Any]) -> str:
    """The cue class of a relation dict (a relation written before classes existed: speech)."""
    return ((rel.get("cue") or {}).get("class")) or "speech"


@dataclass(slots=True)
class Article:
    """One news article, as read from the input, before cleaning."""

    doc_id: str
    text: str  # the article's text exactly as in the input (a slice of the input text)
    path: str = "<memory>"  # input file or URL, "<stdin>" or "<memory>"
    start: int = 0  # where ``text`` begins in the input text
    line: int | None = None  # 1-based line of the article (txt) or record (jsonl/csv)
    title: str | None = None
    date: str | None = None  # ISO publication date, when the input says
    source: str | None = None  # publisher, when the input says
    url: str | None = None


@dataclass(slots=True)
class Speaker:
    """Who said it: the resolved actor and the words in the text that name them."""

    name: str  # resolved actor name ("Ibrahim al-Jaafari"); the mention itself when unresolved
    label: str  # entity type of the actor: PERSON, ORG, GPE, NORP, ... or "UNKNOWN"
    mention: str  # the words in the text ("he", "the foreign minister")
    start: int
    end: int
    resolved: bool = True  # False when ``name`` is only the mention (no named actor found)
    actor_id: str | None = None  # corpus-wide actor id, filled when the run's graph is built
    actor: str | None = None  # the actor's display name across the corpus, filled with actor_id


@dataclass(slots=True)
class Cue:
    text: str  # "said", "according to", "warned"
    lemma: str  # "say", "according to", "warn"
    start: int
    end: int
    # what the cue reports: speech (said, told, denied), belief (thinks, expects, knows) or
    # evidence (polls show, the study found); written as "class" in JSON
    class_: str = "speech"


@dataclass(slots=True)
class Target:
    """An actor the content is about (Z)."""

    name: str
    label: str
    mention: str = ""
    start: int = -1
    end: int = -1
    actor_id: str | None = None
    actor: str | None = None


@dataclass(slots=True)
class Relation:
    """One attribution: speaker X, through cue, said content Y about targets Z."""

    doc_id: str
    # None when the text names no source: "is expected to A", "reportedly A", "it was said that
    # A" (a statement all the same; no actor speaks, so the graph and the counts leave it out)
    speaker: Speaker | None
    cue: Cue
    content: str  # what was said; the pieces of a split quote joined by a space
    content_start: int
    content_end: int
    kind: str  # direct | indirect | mixed | according_to
    about: list[Target] = field(default_factory=list)
    date: str | None = None  # ISO date of the statement when the text says, else None
    date_text: str | None = None  # the words that gave the date ("on Monday")
    doc_date: str | None = None
    source: str | None = None  # publisher of the article
    content_spans: list[list[int]] = field(default_factory=list)  # [[start, end], ...]
    # where the cue stands: "headline", "caption" or "body"; "in" in JSON (a Python keyword)
    zone: str = "body"
    # one flag per content_spans piece: True when the piece is all quotation ("“A,” he said.
    # “B.”" gives two quoted pieces; "said that A" one unquoted piece)
    content_quoted: list[bool] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return _json_out(asdict(self))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Relation:
        data = _json_in(data)
        sp = data.get("speaker")
        data["speaker"] = Speaker(**_known(Speaker, sp)) if sp is not None else None
        data["cue"] = Cue(**_known(Cue, _json_in(data["cue"])))
        data["about"] = [Target(**_known(Target, t)) for t in data.get("about", [])]
        return cls(**_known(cls, data))


@dataclass(slots=True)
class Entity:
    """One entity mention with its resolved actor name."""

    doc_id: str
    text: str
    label: str
    start: int
    end: int
    name: str  # resolved name ("Iraq" for "Iraqi", "Qasim al-Araji" for "al-Araji")
    actor_id: str | None = None
    actor: str | None = None  # the actor's display name across the corpus, filled with actor_id
    role: str | None = None  # title said with a PERSON here ("Interior Minister")
    affiliation: str | None = None  # who the title says they belong to here ("Iraq")
    zone: str = "body"  # "headline", "caption" or "body"; "in" in JSON (a Python keyword)
    # a person's gender where this article gives evidence (an honorific before the name, a
    # he/she that can only mean them), never guessed from the name; None otherwise
    gender: str | None = None
    gender_evidence: list[str] | None = None  # ["Mrs.", "she"]

    def to_dict(self) -> dict[str, Any]:
        return _json_out(asdict(self))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Entity:
        return cls(**_known(cls, _json_in(data)))


@dataclass(slots=True)
class DocumentInfo:
    """One line of documents.jsonl: where an article came from and what it yielded."""

    doc_id: str
    path: str
    line: int | None = None
    start: int = 0  # the article's span in the input text
    end: int = 0
    title: str | None = None
    date: str | None = None
    source: str | None = None
    url: str | None = None
    words: int = 0
    relations: int = 0
    entities: int = 0
    duplicate_of: str | None = None  # set aside as a repeat of this earlier doc_id

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DocumentInfo:
        return cls(**_known(cls, data))


@dataclass(slots=True)
class InputError:
    """A bad input: reported on one line, recorded, and the run goes on."""

    path: str
    line: int | None
    message: str
    doc_id: str | None = None

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.message}"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# Attributes whose JSON name is a Python keyword, attribute -> JSON key: the one table that
# ``to_dict``/``from_dict`` and the workers' fast encoder (run/workers.py) read.
JSON_KEYS: dict[str, str] = {"zone": "in", "class_": "class"}
_ATTRS = {v: k for k, v in JSON_KEYS.items()}


def _json_out(data: Any) -> Any:
    """``asdict`` output with JSON keys (``zone`` -> ``in``, ``class_`` -> ``class``), nested."""
    if isinstance(data, dict):
        return {JSON_KEYS.get(k, k): _json_out(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_json_out(v) for v in data]
    return data


def _json_in(data: dict[str, Any]) -> dict[str, Any]:
    """One level of a JSON record with attribute names again."""
    return {_ATTRS.get(k, k): v for k, v in data.items()}


def _known(cls: type, data: dict[str, Any]) -> dict[str, Any]:
    names = {f.name for f in fields(cls)}
    return {k: v for k, v in data.items() if k in names}
