"""Our own annotated articles (tests/data/annotated) through the real pipeline: exact relations.

Each article covers constructions from issue 3 (direct, indirect and mixed quotes, split and
multi-paragraph quotations, inverted order, appositions, "according to" a document, passives,
dash and colon attributions, unnamed sources, pronoun / role / short-form resolution, statement
dates) and negative cases ("said to be", "so-called", scare quotes, a title in quotation marks,
apostrophes, an unbalanced mark, empty paragraphs). The gold is in gold.jsonl (format: the
docstring of pipeline/evaluate.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

import pipeline
from pipeline.evaluate import Prediction, read_gold_jsonl, score

GOLD = Path(__file__).parent / "data" / "annotated" / "gold.jsonl"
DOCS = read_gold_jsonl(GOLD)



@pytest.fixture(scope="module")
def extracted(nlp):
    out = {}
    for doc in DOCS:
        rels, _ = pipeline.extract([doc.text], nlp=nlp)
        out[doc.doc_id] = rels
    return out


def _expected(doc) -> set[tuple]:
    return {(a.speaker, a.source, a.cue, a.content, a.kind) for a in doc.attributions}


def _found(rels) -> set[tuple]:
    return {(r.speaker.name if r.speaker.resolved else None, ((r.speaker.start, r.speaker.end),),
             ((r.cue.start, r.cue.end),), tuple(tuple(s) for s in r.content_spans), r.kind)
            for r in rels}


def _show(doc, items: set[tuple]) -> list[str]:
    t = doc.text
    return sorted(f"{name} | {t[slice(*src[0])]} | {t[slice(*cue[0])]} | "
                  f"{' + '.join(t[s:e] for s, e in content)} | {kind}"
                  for name, src, cue, content, kind in items)


@pytest.mark.model
@pytest.mark.parametrize("doc", DOCS, ids=[d.doc_id for d in DOCS])
def test_exact_relations(doc, extracted):
    found = _found(extracted[doc.doc_id])
    expected = _expected(doc)
    assert _show(doc, found) == _show(doc, expected)  # readable diff first
    assert found == expected


@pytest.mark.model
@pytest.mark.parametrize("doc", DOCS, ids=[d.doc_id for d in DOCS])
def test_statement_dates(doc, extracted):
    by_content = {tuple(tuple(s) for s in r.content_spans): r for r in extracted[doc.doc_id]}
    for a in doc.attributions:
        rel = by_content[a.content]
        assert rel.date_text == a.date


@pytest.mark.model
def test_scorer_gives_full_marks(extracted):
    preds = {d.doc_id: [Prediction.from_relation(r) for r in extracted[d.doc_id]] for d in DOCS}
    report = score(DOCS, preds)
    for name in ("content", "exact", "ggt_0.8", "attribution"):
        assert report.metrics[name].f1 == 1.0, name


@pytest.mark.model
def test_negative_cases_give_no_relation(extracted):
    harbour = next(d for d in DOCS if d.doc_id == "harbour")
    cues = {harbour.text[r.cue.start:r.cue.end + 20] for r in extracted["harbour"]}
    text = harbour.text
    for phrase in ("is said to be", "so-called", "Dockside Voices", "weren't"):
        pos = text.index(phrase)
        assert not any(r.content_start <= pos < r.content_end or r.cue.start <= pos < r.cue.end
                       for r in extracted["harbour"]), (phrase, cues)
