"""Whether a verb candidate reports: the lexicon's score read in the candidate's context.

The lexicon scores a lemma in a frame (cues.tsv), shifted by the kind of source
(cue_sources.tsv). The same lemma in the same frame still reports more or less often with what
surrounds it: a reported content is a proposition, so a clause of twenty words after "said"
is a statement far more often than "said it"; a verb inside another verb's complement
("he said the data *show* ...") is that statement's content, not a statement of its own; a
question ("Did she say ...?"), a negation or a modal ("would say") reports nothing that
was said; a source named after the verb ("..., said Smith") marks a report. ``AcceptModel``
weighs these with a logistic model learned on PolNeAR train by ``tools/learn_accept.py``
(models/cue_accept.tsv: one weight per feature, the candidates' score floor and the
probability threshold in its header, with its provenance).

The features are categorical facts about the candidate (``frame=ccomp``, ``source=PER``,
``dep=relcl``, ``neg``) and three numbers: the lexicon score's log-odds, the free-standing
score's log-odds (cue_free.tsv) and the content's length in characters (log scale).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from spacy.tokens import Token

from ..doc_index import doc_index

if TYPE_CHECKING:  # content.py reads the lexicon, which reads this module
    from .content import Content

#: tags and dependency labels with a weight of their own; the others share "other"
TAGS = frozenset({"VBD", "VBZ", "VBP", "VB", "VBG", "VBN", "NN", "NNS"})
DEPS = frozenset({"ROOT", "ccomp", "conj", "advcl", "relcl", "xcomp", "acl", "amod", "pcomp",
                  "parataxis", "nsubj", "dobj", "pobj"})


def _logit(p: float) -> float:
    p = min(max(p, 1e-3), 1 - 1e-3)
    return math.log(p / (1 - p))


def candidate_features(tok: Token, content: Content, src: Token | None, source: str | None,
                       score: float, free: float | None, cue_class: str) -> dict[str, float]:
    """The facts ``AcceptModel`` weighs about verb ``tok`` with its ``content`` and source
    (``src``, of kind ``source``), the lexicon's ``score`` (adjusted for the source), its
    free-standing score ``free`` and the cue's class."""
    kids = tok.children
    neg = modal = False
    for k in kids:
        if k.dep_ == "neg":
            neg = True
        elif k.tag_ == "MD":
            modal = True
    doc = tok.doc
    end = doc_index(doc).sentence_end(tok.i)  # cheaper than tok.sent
    kind = source or "none"
    f = {"bias": 1.0, "score": score, "logit": _logit(score),
         "length": math.log1p(sum(e - s for s, e in content.spans)) / 5,
         "frame=" + content.frame: 1.0, "source=" + kind: 1.0,
         "frame_source=" + content.frame + "/" + kind: 1.0,
         "tag=" + (tok.tag_ if tok.tag_ in TAGS else "other"): 1.0,
         "dep=" + (tok.dep_ if tok.dep_ in DEPS else "other"): 1.0,
         "class=" + cue_class: 1.0, "kind=" + content.kind: 1.0}
    head_dep = tok.head.dep_
    if head_dep in DEPS and tok.head is not tok:
        f["head_dep=" + head_dep] = 1.0
    if free is not None:
        f["free"] = 1.0
        f["free_logit"] = _logit(free)
    if neg:
        f["neg"] = 1.0
    if modal:
        f["modal"] = 1.0
    if doc[end - 1].text == "?":
        f["question"] = 1.0
    if content.quotes:
        f["quoted"] = 1.0
    if tok.is_sent_start:
        f["first"] = 1.0
    if src is not None and src.i > tok.i:
        f["source_after"] = 1.0
    return f


@dataclass(slots=True)
class AcceptModel:
    """A logistic model: a candidate reports when its probability reaches ``threshold``.
    Candidates whose lexicon score is under ``floor`` are never looked at (the model was
    learned on candidates from ``floor`` up)."""

    weights: dict[str, float] = field(default_factory=dict)
    floor: float = 0.1
    threshold: float = 0.5

    def probability(self, features: dict[str, float]) -> float:
        w = self.weights
        z = sum(w.get(k, 0.0) * v for k, v in features.items())
        return 1 / (1 + math.exp(-max(min(z, 30.0), -30.0)))


def load_accept_model(path: str | Path) -> AcceptModel:
    """Read models/cue_accept.tsv: ``# floor: F`` and ``# threshold: T`` header lines, then
    ``feature<TAB>weight`` rows under a ``feature weight`` header."""
    model = AcceptModel()
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.rstrip("\n")
            if not line.strip():
                continue
            if line.startswith("#"):
                key, _, val = line[1:].partition(":")
                if key.strip() in ("floor", "threshold"):
                    setattr(model, key.strip(), float(val))
                continue
            name, _, weight = line.partition("\t")
            if name == "feature":
                continue
            try:
                model.weights[name] = float(weight)
            except ValueError:
                raise ValueError(f"{path}, line {n}: not a feature and a weight: {line!r}") from None
    return model
