"""Lexicons the rules read: reporting cues (models/cues.tsv) and role nouns (models/roles.tsv).

Both are data files, loaded once through registered functions so a config can swap them
(``[components.actorgraph_attribution.cues] path = ...``). This module does not decide what is
a cue in a sentence (that is ``cues.py``); it only answers "which lemma is this form" and
"how reliable is this lemma in this syntactic frame".

cues.tsv columns: ``lemma``, ``pos`` (VERB, NOUN, PHRASE), ``forms`` (comma-separated surface
forms), ``n`` (times the lemma was seen as a candidate cue in PolNeAR train), ``origin``
(``train``: scores estimated on PolNeAR train; ``lit``: a reporting verb from the literature
seen too rarely in train, scored with a prior), then one column per frame (``FRAMES``): the
share of train candidates in that frame whose extracted content matched a gold attribution of
that cue (smoothed; empty = never use the lemma in that frame).

cue_sources.tsv columns: ``frame``, ``source`` (what the cue's source is: a PERSON name, a
pronoun, an organisation, another proper noun, a common noun, none), ``n``, ``hits``, and
``shift``: how much more (or less) often, in log-odds, a cue in that frame reports speech with
such a source than on average. It turns "the data showed that" down and "Smith noted that" up.

cue_classes.tsv columns (a curated file, provenance in its header): ``lemma``, ``class``
(``speech``, ``belief`` or ``evidence``; lemmas not listed are speech) and ``agent_class``, the
class when the source is an agent that speaks rather than a document or data ("the poll
suggests": evidence; "the minister suggested": speech).

cue_free.tsv columns: ``lemma``, ``frame``, ``n``, ``hits``, ``score``: a verb's score in a frame
counted only where it stands free, its cue outside the content of a cue the lexicon trusts
(``cues.tsv`` counts every occurrence). A verb that mostly occurs inside reported speech ("he
said he would *vote for* X", "she said they *plan to* run") rarely matches a gold attribution
there, as the outer statement holds its words; that dilutes its ``cues.tsv`` score although,
standing on its own ("Iowa *voted for* X"), it reports a stance as often as not. The component
gives a candidate that the ``cues.tsv`` score leaves out, and that no trusted content holds, a
second chance with this score (``min_free_score``).

roles.tsv columns: ``role`` (a title as written, lower case), ``head`` (the noun that a
nominal mention uses: "minister"), ``aliases`` (abbreviations: "fm").
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
from spacy import strings as _spacy_strings
from spacy.tokens import Doc
from spacy.util import registry

from ..paths import models_dir
from .accept import AcceptModel, load_accept_model
from ..doc_index import doc_index, words_of
from ..records import CUE_CLASSES, DEFAULT_CUE_CLASSES, parse_cue_classes  # noqa: F401

# spaCy's hash of a string: the uint64 that Doc.to_array(LOWER), Token.lower and Token.tag hold
# for it. The rule modules import it from here. spaCy's strings.pyi leaves out this cpdef
# function (it is in strings.pyx), so it is typed here once.
hash_string: Callable[[str], int] = _spacy_strings.hash_string  # type: ignore[attr-defined]

#: the endings ``stem_forms`` puts on a stem
_ENDINGS = ("", "e", "s", "es", "ed", "d", "ing")


def stem_forms(stems: str) -> frozenset[str]:
    """Every form of regular verbs given as stems ("reject deni criticiz": "reject",
    "rejects", "rejected", "denies", "denied", "criticizing", ...): the rules match verbs by
    form, as the pipeline runs no lemmatizer. Some forms made are no English word ("rejecte");
    they match nothing. Irregular forms are listed by hand beside the call."""
    return frozenset(f"{stem}{end}" for stem in stems.split() for end in _ENDINGS)


# Syntactic frames a verb cue can occur in; each has its own content rule (content.py).
FRAMES = ("quote", "ccomp", "paren", "xcomp", "dobj", "prep")


def lower_hashes(doc: Doc) -> np.ndarray:
    """The hash of each token's lower-case form (``Doc.to_array(LOWER)``, uint64; empty for an
    empty Doc)."""
    return doc_index(doc).lows  # made once per document


def positions(lows: np.ndarray, hashes: frozenset[int]) -> list[int]:
    """Indices, in order, of the tokens whose lower-case hash (``lows``, from ``lower_hashes``)
    is one of ``hashes``: the rules' first pass, done by numpy (a Python loop over the array's
    large unsigned ints cost more than the rules it feeds). The set is first met with the
    document's words (``doc_index.words_of``, a set made once per document): most sets have
    none of them, or a few, which are compared with the array one by one; more are looked up
    by binary search in a sorted array, as is each token in a large set (the verb forms;
    ``np.isin`` sorted the set again on every call). Searching every set for every token cost ~25 us a
    call, a dozen calls a document."""
    if not len(lows) or not hashes:
        return []
    if len(hashes) <= _FEW:
        present = hashes  # a few words ("poll", "survey"): compared with the array each
    elif len(hashes) > _MANY:
        present = None  # the verb forms: the document has many of them
    else:
        present = hashes.intersection(words_of(lows))  # iterates over the smaller of the two
        if not present:
            return []
    if present is not None and len(present) <= _FEW:
        first, *rest = present
        hit = lows == np.uint64(first)
        for h in rest:
            hit |= lows == np.uint64(h)
        return np.flatnonzero(hit).tolist()
    if present is None:
        table = _hash_array(hashes)
    else:
        table = np.sort(np.fromiter(present, dtype=np.uint64, count=len(present)))
    at = np.searchsorted(table, lows)
    at[at == len(table)] = 0  # past the largest: compared with any entry, it cannot be equal
    return np.flatnonzero(table[at] == lows).tolist()


_FEW = 4  # up to this many hashes are compared one by one (a quarter of the time)
_MANY = 256  # a larger set (the cue lexicon's verb forms) is searched for every token


@lru_cache(maxsize=64)
def _hash_array(hashes: frozenset[int]) -> np.ndarray:
    """The set's hashes as a sorted uint64 array (for ``positions``' binary search)."""
    return np.sort(np.fromiter(hashes, dtype=np.uint64, count=len(hashes)))


@dataclass(frozen=True, slots=True)
class CueEntry:
    lemma: str
    pos: str
    scores: dict[str, float]  # frame -> reliability in [0, 1]
    origin: str = "train"
    # frame -> reliability where the cue stands outside trusted content (cue_free.tsv)
    free: dict[str, float] = field(default_factory=dict)


@dataclass(slots=True)
class CueLexicon:
    """Surface forms to cue entries; built once per component, read-only afterwards."""

    verb_forms: dict[str, CueEntry] = field(default_factory=dict)  # "warned" -> entry of "warn"
    noun_forms: dict[str, CueEntry] = field(default_factory=dict)  # "statement" -> entry
    phrases: dict[tuple[str, ...], CueEntry] = field(default_factory=dict)  # ("according", "to")
    lemmas: dict[str, CueEntry] = field(default_factory=dict)
    # (frame, source kind) -> log-odds shift of a cue's score (models/cue_sources.tsv)
    source_shift: dict[tuple[str, str], float] = field(default_factory=dict)
    # lemma -> (class, class when the source is an agent) (models/cue_classes.tsv)
    classes: dict[str, tuple[str, str]] = field(default_factory=dict)
    # whether a verb candidate reports, read in its context (models/cue_accept.tsv; accept.py)
    accept: AcceptModel | None = None
    # spaCy string hashes of the lower-case forms, for a first pass over Doc.to_array
    verb_hashes: frozenset[int] = frozenset()
    phrase_hashes: frozenset[int] = frozenset()

    def index(self) -> None:
        """Compute the hash sets; call after filling the dictionaries."""
        self.verb_hashes = frozenset(hash_string(f) for f in self.verb_forms)
        self.phrase_hashes = frozenset(hash_string(p[0]) for p in self.phrases)

    def lemma_of(self, form: str) -> str | None:
        entry = self.verb_forms.get(form.lower())
        return entry.lemma if entry else None

    def score(self, form: str, frame: str) -> float:
        entry = self.verb_forms.get(form.lower())
        return entry.scores.get(frame, 0.0) if entry else 0.0

    def adjusted(self, score: float, frame: str, source: str) -> float:
        """A lemma's score in a frame, shifted by what the source is (a name, a pronoun, ...)."""
        return self._shifted(score, self.source_shift.get((frame, source), 0.0))

    def cue_class(self, lemma: str, agent: bool) -> str:
        """speech, belief or evidence: what a cue with this lemma reports; ``agent`` says
        whether its source is one that speaks (a person, organisation, pronoun, role noun)."""
        cls, agent_cls = self.classes.get(lemma, ("speech", "speech"))
        return agent_cls if agent else cls

    def usable_verb_hashes(self, min_score: float, min_free: float = 1.0) -> frozenset[int]:
        """Hashes of the verb forms that can reach ``min_score`` in some frame with some source,
        or ``min_free`` with their free-standing score (the others need not be looked at)."""
        best_shift: dict[str, float] = {}
        for (frame, _), shift in self.source_shift.items():
            best_shift[frame] = max(best_shift.get(frame, 0.0), shift)
        out = set()
        for form, entry in self.verb_forms.items():
            if any(self._shifted(sc, best_shift.get(fr, 0.0)) >= min_score
                   for fr, sc in entry.scores.items()) or \
                    any(self._shifted(sc, best_shift.get(fr, 0.0)) >= min_free
                        for fr, sc in entry.free.items()):
                out.add(hash_string(form))
        return frozenset(out)

    @staticmethod
    def _shifted(score: float, shift: float) -> float:
        if not shift or score <= 0.0 or score >= 1.0:
            return score
        return 1.0 / (1.0 + math.exp(-(math.log(score / (1.0 - score)) + shift)))

    def form_to_lemma(self) -> dict[str, str]:
        """Every verb and noun form with its lemma (for reports that group cues by lemma)."""
        out = {f: e.lemma for f, e in self.noun_forms.items()}
        out.update({f: e.lemma for f, e in self.verb_forms.items()})
        return out


def load_cue_lexicon(path: str | Path | None = None,
                     sources_path: str | Path | None = None,
                     classes_path: str | Path | None = None,
                     free_path: str | Path | None = None,
                     accept_path: str | Path | None = None) -> CueLexicon:
    """Read cues.tsv, and cue_sources.tsv, cue_free.tsv, cue_accept.tsv and cue_classes.tsv
    next to it when present (else the project's own cue_classes.tsv), or the given paths."""
    path = Path(path) if path else models_dir() / "cues.tsv"
    lex = CueLexicon()
    classes = Path(classes_path) if classes_path else path.with_name("cue_classes.tsv")
    if not classes.exists():
        classes = models_dir() / "cue_classes.tsv"
    for rec in _read_tsv(classes):
        cls = rec["class"].strip()
        if cls not in CUE_CLASSES:
            raise ValueError(f"{classes}: unknown cue class {cls!r} for {rec['lemma']!r}")
        agent_cls = (rec.get("agent_class") or "").strip() or cls
        if agent_cls not in CUE_CLASSES:
            raise ValueError(f"{classes}: unknown cue class {agent_cls!r} for {rec['lemma']!r}")
        lex.classes[rec["lemma"].strip()] = (cls, agent_cls)
    shifts = Path(sources_path) if sources_path else path.with_name("cue_sources.tsv")
    if shifts.exists():
        for rec in _read_tsv(shifts):
            lex.source_shift[(rec["frame"], rec["source"])] = float(rec["shift"])
    free: dict[str, dict[str, float]] = {}
    free_file = Path(free_path) if free_path else path.with_name("cue_free.tsv")
    if free_file.exists():
        for rec in _read_tsv(free_file):
            free.setdefault(rec["lemma"], {})[rec["frame"]] = float(rec["score"])
    accept = Path(accept_path) if accept_path else path.with_name("cue_accept.tsv")
    if accept.exists():
        lex.accept = load_accept_model(accept)
    for rec in _read_tsv(path):
        scores = {}
        for frame in FRAMES:
            val = rec.get(frame, "").strip()
            if val:
                scores[frame] = float(val)
        entry = CueEntry(rec["lemma"], rec["pos"], scores, rec.get("origin", "train"),
                         free.get(rec["lemma"], {}))
        forms = [f.strip().lower() for f in rec["forms"].split(",") if f.strip()]
        lex.lemmas[entry.lemma] = entry
        for form in forms:
            if entry.pos == "PHRASE":
                lex.phrases[tuple(form.split())] = entry
            elif entry.pos == "NOUN":
                lex.noun_forms[form] = entry
            else:
                lex.verb_forms.setdefault(form, entry)
    lex.index()
    return lex


def _read_tsv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8") as fh:
        rows = [ln.rstrip("\n").split("\t") for ln in fh if ln.strip() and not ln.startswith("#")]
    if not rows:
        return []
    header, *rows = rows
    return [dict(zip(header, row)) for row in rows]


@registry.misc("actorgraph.cues.v1")
def create_cue_lexicon(path: str | None = None, sources_path: str | None = None,
                       classes_path: str | None = None, free_path: str | None = None,
                       accept_path: str | None = None) -> CueLexicon:
    """Registered loader: ``{"@misc": "actorgraph.cues.v1", "path": null}``."""
    return load_cue_lexicon(path, sources_path, classes_path, free_path, accept_path)



@dataclass(slots=True)
class RoleLexicon:
    """Titles and role nouns ("foreign minister", "spokesman") and their abbreviations."""

    roles: dict[str, str] = field(default_factory=dict)  # "foreign minister" -> "minister"
    aliases: dict[str, str] = field(default_factory=dict)  # "fm" -> "foreign minister"
    heads: frozenset[str] = frozenset()  # "minister", "spokesman", ...
    max_words: int = 1

    def expand(self, words: str) -> str:
        """Lower-cased role words with an abbreviation spelled out ("fm" -> "foreign minister")."""
        w = words.lower()
        return self.aliases.get(w, w)


def load_role_lexicon(path: str | Path | None = None) -> RoleLexicon:
    path = Path(path) if path else models_dir() / "roles.tsv"
    lex = RoleLexicon()
    heads = set()
    for rec in _read_tsv(path):
        role = rec["role"].strip().lower()
        lex.roles[role] = rec["head"].strip().lower()
        heads.add(lex.roles[role])
        lex.max_words = max(lex.max_words, len(role.split()))
        for alias in rec.get("aliases", "").split(","):
            if alias.strip():
                lex.aliases[alias.strip().lower()] = role
    lex.heads = frozenset(heads)
    return lex


@registry.misc("actorgraph.roles.v1")
def create_role_lexicon(path: str | None = None) -> RoleLexicon:
    """Registered loader: ``{"@misc": "actorgraph.roles.v1", "path": null}``."""
    return load_role_lexicon(path)
