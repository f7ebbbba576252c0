"""Score predicted attributions against gold: readers for gold, the matcher and the metrics.

Gold comes from BRAT standoff folders as PolNeAR ships them, or from a JSONL gold of our own
(format below). Predictions are ``Relation`` records (from running the pipeline over the gold
texts, or read back from a ``relations.jsonl``). This module does not run spaCy itself except
in :func:`predict_relations`, a thin helper over :func:`pipeline.process.process_articles`.

Scoring (one-to-one, per document, greedy by score):

* content: a prediction and a gold attribution match when the Dice overlap of their content
  characters, ``2|P∩G| / (|P|+|G|)``, is at least 0.5. Pairs are taken greedily, highest
  score first, each prediction and each gold used once (greedy, not maximum-weight: on this
  data the two differ by well under 0.1 point, and greedy is easy to explain);
* exact: the content characters are identical;
* GGT (Gender Gap Tracker rule): ``|P∩G| / |G|`` is at least 0.3, and separately 0.8;
* attribution: the content matches (Dice >= 0.5) *and* the predicted speaker mention overlaps
  a gold source span (a prediction without a speaker matches a gold attribution without a source).

Quotation marks (any style, including apostrophes and backticks) and whitespace are not
counted as characters. Gold attributions without a content span stay in the recall denominator.

Cue classes: every prediction carries its cue's class (speech, belief, evidence); a gold
attribution gets the class of its cue words through the same lexicon (models/cue_classes.tsv,
an evidence noun as source making it evidence). ``by_class`` gives precision per predicted
class and recall per gold class, matched over all classes; ``classes=(...)`` scores only the
predictions and gold of those classes.

Pieces (``pieces=True``): every content span of a prediction (each piece of a split quote) and
every content span of a gold attribution is scored as a content of its own, the convention of
corpora that annotate each quotation separately.

JSONL gold format (one document a line), the PolNeAR ``*.jsonl`` layout plus conveniences::

    {"doc_id": "a1", "text": "...",            # or "text_file": "a1.txt" (relative to the jsonl)
     "attributions": [
        {"source": [SPAN, ...], "cue": [SPAN], "content": [SPAN, ...],
         "speaker": "Clara Voss",               # optional: the resolved speaker name
         "speaker_type": "PERSON",              # optional: its type (PERSON, ORG, GPE, NORP)
         "kind": "direct",                      # optional: direct | indirect | mixed | according_to
         "date": "on Tuesday"}]}                # optional: the words dating the statement

Speaker identity (``identity`` in the report): on statements whose attribution matches, is the
predicted speaker the gold's actor? Gold actors come from an identity file (``--identity``, a
TSV: ``doc_id, start, end, name, type``, the offsets of a gold Source span; see
tests/data/identity/) or, in our JSONL gold, from ``speaker`` (and ``speaker_type``). Scored:
exact-name accuracy (the predicted actor's corpus-wide name equals the gold name), type
accuracy, and B-cubed precision/recall/F1 of predicted actor ids against gold actors (each
matched statement an item), also restricted to gold actors seen in two or more articles.

A ``SPAN`` is ``{"start": 0, "end": 4}`` (character offsets; an optional ``"text"`` is checked
against the document), or a string that occurs exactly once in the text; inside the string,
square brackets mark the span when the words around it are only there to make it unique:
``"Voss [said]"``.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import GoldError
from .records import Relation

QUOTE_CHARS = frozenset("\"'`\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u00ab\u00bb\u2039\u203a")
THRESHOLD = 0.5
GGT_LOW, GGT_HIGH = 0.3, 0.8

Spans = tuple[tuple[int, int], ...]


@dataclass(slots=True)
class GoldAttribution:
    source: Spans
    cue: Spans
    content: Spans
    speaker: str | None = None  # resolved speaker name (our own gold only)
    kind: str | None = None
    date: str | None = None  # the words dating the statement (our own gold only)
    speaker_type: str | None = None  # type of the resolved speaker (our own gold only)


@dataclass(slots=True)
class GoldDoc:
    doc_id: str
    text: str
    attributions: list[GoldAttribution] = field(default_factory=list)


# --------------------------------------------------------------------------- gold readers

_SPAN_RE = re.compile(r"(\d+) (\d+)")


def read_brat(folder: str | Path) -> list[GoldDoc]:
    """Read a BRAT folder (``text/*.txt`` + ``attributions/<doc>_<annotator>.ann``).

    Where several annotators annotated one article, the alphabetically first file is used.
    Attribution events (``Attribution`` and ``Attribution-no-source``) become gold records;
    ``Content2`` arguments are further content spans of the same attribution.
    """
    folder = Path(folder)
    text_dir, ann_dir = folder / "text", folder / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise GoldError(f"{folder}: not a BRAT folder (needs text/ and attributions/)")
    anns: dict[str, Path] = {}
    for ann in sorted(ann_dir.glob("*.ann")):
        doc_id = ann.stem.rsplit("_", 1)[0]
        anns.setdefault(doc_id, ann)
    docs = []
    for txt in sorted(text_dir.glob("*.txt")):
        text = txt.read_text(encoding="utf-8")
        ann_path = anns.get(txt.stem)
        attrs = _read_ann(ann_path, text) if ann_path else []
        docs.append(GoldDoc(txt.stem, text, attrs))
    return docs


def _read_ann(path: Path, text: str) -> list[GoldAttribution]:
    spans: dict[str, Spans] = {}
    events: list[tuple[int, list[tuple[str, str]]]] = []
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            parts = line.rstrip("\n").split("\t")
            if not parts[0]:
                continue
            if parts[0].startswith("T") and len(parts) >= 2:
                _, _, locs = parts[1].partition(" ")
                found = tuple((int(s), int(e)) for s, e in _SPAN_RE.findall(locs))
                if not found or any(e > len(text) or s > e for s, e in found):
                    raise GoldError(f"{path}:{lineno}: bad span {parts[1]!r}")
                spans[parts[0]] = found
            elif parts[0].startswith("E") and len(parts) >= 2:
                pairs = [a.split(":", 1) for a in parts[1].split() if ":" in a]
                events.append((lineno, [(k, v) for k, v in pairs]))
    out = []
    for lineno, args in events:
        if not args or not args[0][0].startswith("Attribution"):
            continue
        roles: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for role, tid in args[1:]:
            if tid not in spans:
                raise GoldError(f"{path}:{lineno}: unknown span id {tid}")
            roles[role.rstrip("0123456789")].extend(spans[tid])
        out.append(GoldAttribution(
            tuple(sorted(roles["Source"])), tuple(sorted(roles["Cue"])),
            tuple(sorted(roles["Content"]))))
    out.sort(key=lambda a: (a.cue or a.content or ((0, 0),))[0])
    return out


def read_gold_jsonl(path: str | Path) -> list[GoldDoc]:
    """Read our JSONL gold (the format in the module docstring)."""
    path = Path(path)
    docs = []
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            where = f"{path}:{lineno}"
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise GoldError(f"{where}: not JSON ({exc.msg})") from None
            if "text" in rec:
                text = rec["text"]
            elif "text_file" in rec:
                text = (path.parent / rec["text_file"]).read_text(encoding="utf-8")
            else:
                raise GoldError(f"{where}: no text or text_file")
            attrs = []
            for a in rec.get("attributions", []):
                attrs.append(GoldAttribution(
                    _spans(a.get("source"), text, where), _spans(a.get("cue"), text, where),
                    _spans(a.get("content"), text, where), a.get("speaker"), a.get("kind"),
                    a.get("date"), a.get("speaker_type")))
            docs.append(GoldDoc(str(rec.get("doc_id", f"{path.stem}-{lineno}")), text, attrs))
    return docs


def read_gold(path: str | Path) -> list[GoldDoc]:
    """A BRAT folder or a JSONL gold file."""
    p = Path(path)
    if p.is_dir():
        return read_brat(p)
    if not p.exists():
        raise GoldError(f"{p}: no such file or folder")
    return read_gold_jsonl(p)


@dataclass(frozen=True, slots=True)
class GoldActor:
    """The canonical actor a gold source span names."""

    name: str
    type: str | None = None


IdentityGold = dict[str, dict[tuple[int, int], GoldActor]]  # doc_id -> (start, end) -> actor


def read_identity_gold(path: str | Path) -> IdentityGold:
    """Read an identity gold TSV (``doc_id, start, end, name, type``; ``#`` comments, a header)."""
    path = Path(path)
    out: IdentityGold = defaultdict(dict)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldError(f"{path}: cannot read identity gold: {exc}") from None
    for lineno, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#") or line.startswith("doc_id\t"):
            continue
        cols = line.split("\t")
        if len(cols) < 4 or not cols[1].isdigit() or not cols[2].isdigit() or not cols[3].strip():
            raise GoldError(f"{path}:{lineno}: expected doc_id, start, end, name, type (TAB-separated)")
        out[cols[0]][(int(cols[1]), int(cols[2]))] = GoldActor(
            cols[3].strip(), cols[4].strip() if len(cols) > 4 and cols[4].strip() else None)
    return dict(out)


def gold_actor(doc_id: str, g: GoldAttribution, identity: IdentityGold | None) -> GoldActor | None:
    """The gold actor of one attribution's source: the identity file's, else the JSONL's."""
    if g.source and identity is not None:
        key = (min(s for s, _ in g.source), max(e for _, e in g.source))
        actor = identity.get(doc_id, {}).get(key)
        if actor is not None:
            return actor
    if g.speaker:
        return GoldActor(g.speaker, g.speaker_type)
    return None


def locate(text: str, pattern: str) -> tuple[int, int]:
    """Find ``pattern`` (optionally with ``[...]`` marking the span) occurring once in ``text``."""
    if "[" in pattern and "]" in pattern:
        pre, _, rest = pattern.partition("[")
        mid, _, post = rest.partition("]")
    else:
        pre, mid, post = "", pattern, ""
    whole = pre + mid + post
    first = text.find(whole)
    if first < 0:
        raise GoldError(f"span text not found: {pattern!r}")
    if text.find(whole, first + 1) >= 0:
        raise GoldError(f"span text occurs more than once (add context in [brackets]): {pattern!r}")
    return first + len(pre), first + len(pre) + len(mid)


def _spans(value: Any, text: str, where: str) -> Spans:
    if value is None:
        return ()
    if isinstance(value, (str, dict)):
        value = [value]
    out = []
    for v in value:
        try:
            if isinstance(v, str):
                out.append(locate(text, v))
            else:
                s, e = int(v["start"]), int(v["end"])
                if not 0 <= s <= e <= len(text):
                    raise GoldError(f"span {s}-{e} outside the text")
                if "text" in v and text[s:e] != v["text"]:
                    raise GoldError(f"span {s}-{e} is {text[s:e]!r}, not {v['text']!r}")
                out.append((s, e))
        except GoldError as exc:
            raise GoldError(f"{where}: {exc}") from None
    return tuple(sorted(out))


# --------------------------------------------------------------------------- scoring


@dataclass(slots=True)
class Prediction:
    """What the scorer needs of a predicted relation (offsets into the gold text)."""

    content: Spans
    speaker: tuple[int, int] | None
    cue_lemma: str = ""
    kind: str = ""
    speaker_name: str = ""
    cue: tuple[int, int] | None = None
    cue_class: str = "speech"
    actor_id: str | None = None  # corpus-wide actor id of the speaker (after identify_actors)
    actor: str | None = None  # its corpus-wide name
    actor_type: str | None = None  # its type as an entity label (PERSON, ORG, GPE, NORP)

    @classmethod
    def from_relation(cls, rel: Relation, offset: int = 0,
                      types: dict[str, str] | None = None) -> Prediction:
        spans = rel.content_spans or [[rel.content_start, rel.content_end]]
        sp = rel.speaker
        speaker = (sp.start - offset, sp.end - offset) if sp and sp.end > sp.start else None
        actor_id = sp.actor_id if sp and sp.resolved else None
        actor_type = (types or {}).get(actor_id or "") or (sp.label if sp else None)
        return cls(tuple((s - offset, e - offset) for s, e in spans), speaker, rel.cue.lemma,
                   rel.kind, sp.name if sp else "", (rel.cue.start - offset, rel.cue.end - offset),
                   rel.cue.class_ or "speech", actor_id, sp.actor if sp and actor_id else None,
                   actor_type if actor_id else None)


def split_pieces(golds: Sequence[GoldDoc], predictions: Mapping[str, Sequence[Prediction]]
                 ) -> tuple[list[GoldDoc], dict[str, list[Prediction]]]:
    """Each content span of a gold attribution and of a prediction as a content of its own."""
    out_g = [GoldDoc(g.doc_id, g.text, [
        GoldAttribution(a.source, a.cue, (piece,), a.speaker, a.kind, a.date)
        for a in g.attributions for piece in (a.content or ((0, 0),))]) for g in golds]
    for g in out_g:
        for a in g.attributions:
            if a.content == ((0, 0),):
                a.content = ()
    out_p = {doc_id: [Prediction((piece,), p.speaker, p.cue_lemma, p.kind, p.speaker_name, p.cue,
                                 p.cue_class, p.actor_id, p.actor, p.actor_type)
                      for p in preds for piece in p.content]
             for doc_id, preds in predictions.items()}
    return out_g, out_p


def gold_cue_class(text: str, gold: GoldAttribution, lexicon: Any) -> str:
    """The class of a gold attribution's cue, by the lexicon the pipeline uses; a source that
    is data ("polls", "the figures") or no agent makes an evidence cue evidence."""
    from .attribution.sources import DOCUMENT_NOUNS, EVIDENCE_NOUNS

    lemma = gold_cue_key(text, gold.cue, lexicon.form_to_lemma())
    src_words = " ".join(text[s:e] for s, e in gold.source).lower().split()
    last = src_words[-1].strip(".,'’") if src_words else ""
    data = last in EVIDENCE_NOUNS
    agent = bool(src_words) and not data and last not in DOCUMENT_NOUNS and last not in ("it", "this")
    cls = lexicon.cue_class(lemma, agent)
    if cls == "speech" and data:
        cls = "evidence"
    return cls


class ScoredChars:
    """Counts of scored characters (not whitespace, not quotation marks) over spans of a text.

    The scorer's notion of overlap; public so that tools (tools/learn_cues.py) score as it does.

    >>> ScoredChars('"Yes," she said').dice(((0, 6),), ((1, 4),))
    1.0
    """

    def __init__(self, text: str) -> None:
        pre = [0]
        n = 0
        for ch in text:
            if not (ch.isspace() or ch in QUOTE_CHARS):
                n += 1
            pre.append(n)
        self.pre = pre
        self.size = len(text)

    def count(self, s: int, e: int) -> int:
        s, e = max(s, 0), min(e, self.size)
        return self.pre[e] - self.pre[s] if e > s else 0

    def total(self, spans: Spans) -> int:
        return sum(self.count(s, e) for s, e in _merge(spans))

    def overlap(self, a: Spans, b: Spans) -> int:
        n = 0
        for s1, e1 in _merge(a):
            for s2, e2 in _merge(b):
                n += self.count(max(s1, s2), min(e1, e2))
        return n

    def dice(self, a: Spans, b: Spans) -> float:
        """``2|A∩B| / (|A|+|B|)`` over scored characters; contents match at ``THRESHOLD``."""
        total = self.total(a) + self.total(b)
        return 2 * self.overlap(a, b) / total if total else 0.0


def _merge(spans: Spans) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def _overlaps(span: tuple[int, int], spans: Spans) -> bool:
    return any(span[0] < e and s < span[1] for s, e in spans)


def is_quoted(text: str, spans: Spans) -> bool:
    """Whether a content carries a quotation mark (not an apostrophe inside a word)."""
    for s, e in spans:
        for i in range(s, e):
            ch = text[i]
            if ch in '"\u201c\u201d\u201e\u00ab\u00bb`':
                return True
            if ch in "'\u2018\u2019" and not (0 < i < len(text) - 1 and text[i - 1].isalnum()
                                              and text[i + 1].isalnum()):
                if ch != "\u2019" or not (i > 0 and text[i - 1].isalnum()):
                    return True
    return False


def _greedy(pairs: list[tuple[float, int, int]]) -> list[tuple[int, int]]:
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    used_p, used_g, out = set(), set(), []
    for _, pi, gi in pairs:
        if pi in used_p or gi in used_g:
            continue
        used_p.add(pi)
        used_g.add(gi)
        out.append((pi, gi))
    return out


@dataclass
class PRF:
    tp: int = 0
    n_pred: int = 0
    n_gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.n_pred if self.n_pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: PRF) -> None:
        self.tp += other.tp
        self.n_pred += other.n_pred
        self.n_gold += other.n_gold

    def as_dict(self) -> dict[str, float | int]:
        return {"tp": self.tp, "pred": self.n_pred, "gold": self.n_gold,
                "p": round(self.precision, 4), "r": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass
class ClassPR:
    """Precision of the predictions of one class, recall of the gold of that class."""

    tp_pred: int = 0
    n_pred: int = 0
    tp_gold: int = 0
    n_gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp_pred / self.n_pred if self.n_pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp_gold / self.n_gold if self.n_gold else 0.0


METRICS = ("content", "exact", "ggt_0.3", "ggt_0.8", "attribution")


@dataclass
class Report:
    """Totals over documents; ``errors`` lists misses and false hits when asked for."""

    metrics: dict[str, PRF] = field(default_factory=lambda: {m: PRF() for m in METRICS})
    by_cue_recall: dict[str, PRF] = field(default_factory=lambda: defaultdict(PRF))
    by_cue_precision: dict[str, PRF] = field(default_factory=lambda: defaultdict(PRF))
    by_quoted: dict[str, PRF] = field(default_factory=lambda: defaultdict(PRF))
    by_class: dict[str, ClassPR] = field(default_factory=lambda: defaultdict(ClassPR))
    classes: tuple[str, ...] | None = None  # the cue classes scored (None: all)
    pieces: bool = False  # each content piece scored on its own
    documents: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)
    # speaker identity: one item per attribution-matched statement whose gold names an actor
    identity: list[IdentityItem] = field(default_factory=list)
    identity_gold: int = 0  # gold statements that name an actor (matched or not)
    gold_articles: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    def identity_scores(self, min_articles: int = 1) -> dict[str, float | int]:
        """Name and type accuracy, B-cubed P/R/F1 over gold actors seen in ``min_articles``+."""
        items = [i for i in self.identity if len(self.gold_articles[i.gold]) >= min_articles]
        return identity_scores(items)

    def as_dict(self, top: int = 30) -> dict[str, Any]:
        def table(d: dict[str, PRF]) -> dict[str, dict[str, float | int]]:
            items = sorted(d.items(), key=lambda kv: (-(kv[1].n_gold + kv[1].n_pred), kv[0]))
            return {k: v.as_dict() for k, v in items[:top]}

        return {"documents": self.documents,
                "classes": list(self.classes) if self.classes else "all",
                "pieces": self.pieces,
                "metrics": {k: v.as_dict() for k, v in self.metrics.items()},
                "by_quoted": table(self.by_quoted),
                "by_class": {k: {"p": round(v.precision, 4), "r": round(v.recall, 4),
                                 "pred": v.n_pred, "gold": v.n_gold,
                                 "tp_pred": v.tp_pred, "tp_gold": v.tp_gold}
                             for k, v in sorted(self.by_class.items())},
                "by_cue_recall": table(self.by_cue_recall),
                "by_cue_precision": table(self.by_cue_precision),
                "identity": {"gold_statements": self.identity_gold,
                             "all": self.identity_scores(1), "actors_in_2+_articles":
                             self.identity_scores(2)} if self.identity_gold else None}


@dataclass(frozen=True, slots=True)
class IdentityItem:
    doc_id: str
    gold: str  # gold actor name
    gold_type: str | None
    pred_id: str  # predicted actor id ("" when the speaker was not resolved to an actor)
    pred: str  # predicted actor name
    pred_type: str | None
    # for --identity-errors: where it is and what the text said
    start: int = 0  # the gold source's first character
    source: str = ""  # the gold source's words
    mention: str = ""  # the predicted speaker's words
    in_article: str = ""  # the name resolution inside the article gave it


def identity_scores(items: Sequence[IdentityItem]) -> dict[str, float | int]:
    """Exact-name accuracy, type accuracy and B-cubed P/R/F1 (Bagga & Baldwin 1998) of the
    predicted actor ids against the gold actors; an unresolved speaker is its own cluster."""
    n = len(items)
    if not n:
        return {"statements": 0, "name_accuracy": 0.0, "type_accuracy": 0.0,
                "b3_p": 0.0, "b3_r": 0.0, "b3_f1": 0.0}
    pred_of = [it.pred_id or f"(unresolved {k})" for k, it in enumerate(items)]
    by_pred: dict[str, Counter] = defaultdict(Counter)
    by_gold: dict[str, Counter] = defaultdict(Counter)
    for it, p in zip(items, pred_of):
        by_pred[p][it.gold] += 1
        by_gold[it.gold][p] += 1
    p_sum = r_sum = 0.0
    for it, p in zip(items, pred_of):
        both = by_pred[p][it.gold]
        p_sum += both / sum(by_pred[p].values())
        r_sum += both / sum(by_gold[it.gold].values())
    bp, br = p_sum / n, r_sum / n
    typed = [it for it in items if it.gold_type]
    return {
        "statements": n,
        "name_accuracy": round(sum(it.pred == it.gold for it in items) / n, 4),
        "type_accuracy": round(sum(it.pred_type == it.gold_type for it in typed) / len(typed), 4)
        if typed else 0.0,
        "b3_p": round(bp, 4), "b3_r": round(br, 4),
        "b3_f1": round(2 * bp * br / (bp + br), 4) if bp + br else 0.0,
    }


_AUXILIARIES = frozenset("has have had having is was were be been being are am 's do did does "
                         "will would can could may might must shall should".split())


def gold_cue_key(text: str, spans: Spans, lemma_of: dict[str, str] | None = None) -> str:
    """The breakdown key of a gold cue: its lower-cased words, through ``lemma_of`` if given."""
    words = " ".join(text[s:e] for s, e in spans).lower().split()
    if not words:
        return "(none)"
    if lemma_of:
        for w in reversed(words):  # the reporting verb comes after its auxiliaries
            if w in lemma_of and w not in _AUXILIARIES:
                return lemma_of[w]
    return " ".join(words)


def score_document(gold: GoldDoc, preds: Sequence[Prediction], report: Report, *,
                   errors: bool = False, lemma_of: dict[str, str] | None = None,
                   gold_classes: Sequence[str] | None = None,
                   identity: IdentityGold | None = None) -> None:
    """Match one document's predictions to its gold and add the counts to ``report``.

    ``gold_classes``: the cue class of each gold attribution (for ``report.by_class``);
    ``identity``: the identity gold (speaker actors) for the identity score."""
    chars = ScoredChars(gold.text)
    golds = gold.attributions
    g_size = [chars.total(g.content) for g in golds]
    p_size = [chars.total(p.content) for p in preds]
    dice, cover, attr = [], [], []
    for pi, p in enumerate(preds):
        for gi, g in enumerate(golds):
            if not g_size[gi] or not p_size[pi]:
                continue
            inter = chars.overlap(p.content, g.content)
            if not inter:
                continue
            d = 2 * inter / (p_size[pi] + g_size[gi])
            dice.append((d, pi, gi))
            cover.append((inter / g_size[gi], pi, gi))
            if d >= THRESHOLD and (_overlaps(p.speaker, g.source) if p.speaker and g.source
                                   else (p.speaker is None and not g.source)):
                attr.append((d, pi, gi))
    content = _greedy([x for x in dice if x[0] >= THRESHOLD])
    exact = _greedy([x for x in dice if x[0] >= 1.0])
    low = _greedy([x for x in cover if x[0] >= GGT_LOW])
    high = _greedy([x for x in cover if x[0] >= GGT_HIGH])
    attributed = _greedy(attr)
    n_p, n_g = len(preds), len(golds)
    for name, matched in (("content", content), ("exact", exact), ("ggt_0.3", low),
                          ("ggt_0.8", high), ("attribution", attributed)):
        report.metrics[name].add(PRF(len(matched), n_p, n_g))
    report.documents += 1

    p_match = {pi: gi for pi, gi in content}
    g_match = {gi: pi for pi, gi in content}
    g_attr = {gi for _, gi in attributed}
    g_actor = {gi: gold_actor(gold.doc_id, g, identity) for gi, g in enumerate(golds)}
    for gi, actor in g_actor.items():
        if actor is not None:
            report.identity_gold += 1
            report.gold_articles[actor.name].add(gold.doc_id)
    for pi, gi in attributed:
        actor, p = g_actor[gi], preds[pi]
        if actor is not None:
            src = golds[gi].source or ((0, 0),)
            report.identity.append(IdentityItem(
                gold.doc_id, actor.name, actor.type, p.actor_id or "", p.actor or "",
                p.actor_type, src[0][0], " ".join(gold.text[s:e] for s, e in src),
                gold.text[p.speaker[0]:p.speaker[1]] if p.speaker else "", p.speaker_name))
    for gi, g in enumerate(golds):
        key = gold_cue_key(gold.text, g.cue, lemma_of)
        quoted = "quoted" if is_quoted(gold.text, g.content) else "unquoted"
        hit = int(gi in g_match)
        report.by_cue_recall[key].add(PRF(hit, 0, 1))
        report.by_quoted[quoted].add(PRF(hit, 0, 1))
        if gold_classes is not None:
            cls = report.by_class[gold_classes[gi]]
            cls.n_gold += 1
            cls.tp_gold += hit
        if errors and gi not in g_attr:
            mi = g_match.get(gi)
            report.errors.append({
                "doc_id": gold.doc_id, "type": "miss" if mi is None else "wrong_speaker",
                "class": gold_classes[gi] if gold_classes is not None else None,
                "cue": " ".join(gold.text[s:e] for s, e in g.cue),
                "source": " ".join(gold.text[s:e] for s, e in g.source),
                "content": " ".join(gold.text[s:e] for s, e in g.content),
                "pred_speaker": (gold.text[sp[0]:sp[1]]
                                 if mi is not None and (sp := preds[mi].speaker) else None),
                "start": (g.content or g.cue or ((0, 0),))[0][0]})
    for pi, p in enumerate(preds):
        hit = int(pi in p_match)
        report.by_cue_precision[p.cue_lemma or "(none)"].add(PRF(hit, 1, 0))
        report.by_quoted["pred:" + (p.kind or "?")].add(PRF(hit, 1, 0))
        cls = report.by_class[p.cue_class or "speech"]
        cls.n_pred += 1
        cls.tp_pred += hit
        if errors and not hit:
            report.errors.append({
                "doc_id": gold.doc_id, "type": "false_hit", "cue_lemma": p.cue_lemma,
                "class": p.cue_class,
                "cue": gold.text[p.cue[0]:p.cue[1]] if p.cue else "",
                "source": gold.text[p.speaker[0]:p.speaker[1]] if p.speaker else "",
                "content": " ".join(gold.text[s:e] for s, e in p.content),
                "start": p.content[0][0] if p.content else 0})


def score(golds: Sequence[GoldDoc], predictions: Mapping[str, Sequence[Prediction]], *,
          errors: bool = False, lemma_of: dict[str, str] | None = None,
          classes: Sequence[str] | None = None, pieces: bool = False,
          lexicon: Any = None, identity: IdentityGold | None = None) -> Report:
    """Score all documents; a gold document without predictions counts as all misses.

    ``classes``: score only predictions and gold attributions of these cue classes (None: all).
    ``pieces``: score each content piece as a content of its own. ``lexicon``: the cue
    lexicon that gives gold cues their class (default: the project's). ``identity``: the
    identity gold, for the speaker identity score."""
    if lexicon is None:
        from .attribution.lexicon import load_cue_lexicon

        lexicon = load_cue_lexicon()
    if pieces:
        golds, predictions = split_pieces(golds, predictions)
    report = Report(classes=tuple(classes) if classes else None, pieces=pieces)
    for g in golds:
        g_cls = [gold_cue_class(g.text, a, lexicon) for a in g.attributions]
        preds = list(predictions.get(g.doc_id, ()))
        if classes:
            keep = [i for i, c in enumerate(g_cls) if c in classes]
            g = GoldDoc(g.doc_id, g.text, [g.attributions[i] for i in keep])
            g_cls = [g_cls[i] for i in keep]
            preds = [p for p in preds if (p.cue_class or "speech") in classes]
        score_document(g, preds, report, errors=errors, lemma_of=lemma_of, gold_classes=g_cls,
                       identity=identity)
    return report


# --------------------------------------------------------------------------- predictions


def read_relations(path: str | Path) -> dict[str, list[Prediction]]:
    """Read a ``relations.jsonl`` (offsets must index the gold texts) into predictions; actor
    types come from the ``actors.jsonl`` beside it when there is one."""
    from .actors import LABEL_OF_KIND
    from .run.folder import ACTORS, numbered_jsonl, read_jsonl

    out: dict[str, list[Prediction]] = defaultdict(list)
    types: dict[str, str] = {}
    for a in read_jsonl(Path(path).with_name(ACTORS)):  # a bad line only loses its type
        if isinstance(a.get("id"), str) and isinstance(a.get("type"), str):
            types[a["id"]] = LABEL_OF_KIND.get(a["type"], a["type"].upper())

    def bad(lineno: int, why: str) -> None:
        raise GoldError(f"{path}:{lineno}: not a relation ({why})")

    for lineno, rec in numbered_jsonl(path, on_bad=bad):
        try:
            rel = Relation.from_dict(rec)
        except (KeyError, TypeError, ValueError) as exc:
            raise GoldError(f"{path}:{lineno}: not a relation ({exc})") from None
        out[rel.doc_id].append(Prediction.from_relation(rel, types=types))
    return out


def predict_relations(golds: Sequence[GoldDoc], nlp: Any = None, *, model: str | None = None,
                      batch_size: int = 16) -> dict[str, list[Prediction]]:
    """Run the full pipeline (cleaning included) over the gold texts, then give the speakers
    corpus-wide actor ids as a run does (``finalize.identify_actors``)."""
    from .actors import LABEL_OF_KIND
    from .run.finalize import identify_actors
    from .nlp import load_nlp
    from .process import process_articles
    from .records import Article

    nlp = nlp or load_nlp(model)
    articles = [Article(doc_id=g.doc_id, text=g.text) for g in golds]
    relations, entities = [], []
    for res in process_articles(nlp, articles, batch_size=batch_size):
        relations.extend(res.relations)
        entities.extend(res.entities)
    relations, _, actors = identify_actors(relations, entities)
    types = {aid: LABEL_OF_KIND.get(a.type, a.type.upper()) for aid, a in actors.items()}
    out: dict[str, list[Prediction]] = {g.doc_id: [] for g in golds}
    for r in relations:
        out[r.doc_id].append(Prediction.from_relation(r, types=types))
    return out


def format_report(report: Report, top: int = 15) -> str:
    """A plain-text table of the figures and the breakdowns."""
    scope = "all cue classes" if not report.classes else "cue classes " + ",".join(report.classes)
    lines = [f"{report.documents} documents; {scope}"
             + ("; each content piece scored on its own" if report.pieces else ""),
             f"{'metric':<12} {'P':>6} {'R':>6} {'F1':>6} {'tp':>6} {'pred':>6} {'gold':>6}"]
    for name, m in report.metrics.items():
        lines.append(f"{name:<12} {m.precision:6.3f} {m.recall:6.3f} {m.f1:6.3f} {m.tp:6d}"
                     f" {m.n_pred:6d} {m.n_gold:6d}")
    lines.append("\nrecall by quoted/unquoted gold; precision by predicted kind")
    for k, m in sorted(report.by_quoted.items()):
        val = m.precision if k.startswith("pred:") else m.recall
        lines.append(f"  {k:<22} {val:6.3f}  ({m.tp}/{m.n_pred or m.n_gold})")
    lines.append("\nby cue class: precision of predicted, recall of gold")
    for k, c in sorted(report.by_class.items()):
        lines.append(f"  {k:<10} P {c.precision:6.3f} ({c.tp_pred}/{c.n_pred})"
                     f"   R {c.recall:6.3f} ({c.tp_gold}/{c.n_gold})")
    if report.identity_gold:
        lines.append(f"\nspeaker identity ({report.identity_gold} gold statements name an actor)")
        lines.append(f"  {'actors':<14} {'n':>5} {'name':>6} {'type':>6} {'B3 P':>6} {'B3 R':>6} {'B3 F1':>6}")
        for label, min_docs in (("all", 1), ("in 2+ articles", 2)):
            sc = report.identity_scores(min_docs)
            lines.append(f"  {label:<14} {sc['statements']:5d} {sc['name_accuracy']:6.3f}"
                         f" {sc['type_accuracy']:6.3f} {sc['b3_p']:6.3f} {sc['b3_r']:6.3f}"
                         f" {sc['b3_f1']:6.3f}")
    lines.append(f"\nrecall by gold cue (top {top})")
    for k, m in sorted(report.by_cue_recall.items(), key=lambda kv: -kv[1].n_gold)[:top]:
        lines.append(f"  {k:<22} {m.recall:6.3f}  ({m.tp}/{m.n_gold})")
    lines.append(f"\nprecision by predicted cue lemma (top {top})")
    for k, m in sorted(report.by_cue_precision.items(), key=lambda kv: -kv[1].n_pred)[:top]:
        lines.append(f"  {k:<22} {m.precision:6.3f}  ({m.tp}/{m.n_pred})")
    return "\n".join(lines)


def write_errors(report: Report, path: str | Path) -> Path:
    """Write ``report.errors`` (misses, wrong speakers, false hits) as JSONL, atomically."""
    from .export.atomic import atomic_write

    with atomic_write(path) as fh:
        for rec in report.errors:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return Path(path)


def identity_errors(report: Report) -> list[dict[str, Any]]:
    """The matched statements whose predicted speaker is not the gold actor (wrong name, wrong
    type, or unresolved), each with its words and the in-article name, in document order; a
    statement with the right name in an actor id shared with other gold actors is listed too
    (``"error": "cluster"``: a B-cubed precision loss)."""
    golds_of: dict[str, set[str]] = defaultdict(set)
    for it in report.identity:
        if it.pred_id:
            golds_of[it.pred_id].add(it.gold)
    out = []
    for it in sorted(report.identity, key=lambda i: (i.doc_id, i.start)):
        if not it.pred_id:
            error = "unresolved"
        elif it.pred != it.gold:
            error = "name"
        elif it.gold_type and it.pred_type != it.gold_type:
            error = "type"
        elif len(golds_of[it.pred_id]) > 1:
            error = "cluster"
        else:
            continue
        out.append({"doc_id": it.doc_id, "start": it.start, "error": error,
                    "gold": it.gold, "gold_type": it.gold_type, "pred": it.pred,
                    "pred_type": it.pred_type, "pred_id": it.pred_id, "source": it.source,
                    "mention": it.mention, "in_article": it.in_article,
                    "pred_cluster_golds": sorted(golds_of.get(it.pred_id, ()))})
    return out


def write_identity_errors(report: Report, path: str | Path) -> Path:
    """Write ``identity_errors(report)`` as JSONL, atomically."""
    from .export.atomic import atomic_write

    with atomic_write(path) as fh:
        for rec in identity_errors(report):
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return Path(path)


def evaluate(gold: str | Path, *, predictions: str | Path | None = None, model: str | None = None,
             nlp: Any = None, limit: int | None = None, errors: bool = False,
             classes: Sequence[str] | None = None, pieces: bool = False,
             identity: str | Path | None = None) -> Report:
    """Score the pipeline (or a ``relations.jsonl``) against a gold folder or JSONL file.

    ``classes``: score only these cue classes (speech, belief, evidence); ``pieces``: score
    each content piece on its own (see the module docstring).

    >>> report = evaluate("PolNeAR/brat/dev")            # doctest: +SKIP
    >>> report.metrics["content"].f1                      # doctest: +SKIP
    """
    from .attribution.lexicon import load_cue_lexicon

    golds = read_gold(gold)
    if limit is not None:
        golds = golds[:limit]
    if predictions is not None:
        preds = read_relations(predictions)
    else:
        preds = predict_relations(golds, nlp, model=model)
    lexicon = load_cue_lexicon()
    ident = read_identity_gold(identity) if identity is not None else None
    return score(golds, preds, errors=errors, classes=classes, pieces=pieces,
                 lemma_of=lexicon.form_to_lemma(), lexicon=lexicon, identity=ident)
