"""Issue 9: statements whose text names no source, on sentences of our own.

A passive raising verb ("the board is expected to approve A": it is expected that the board
approves A) and a raising verb of impression ("the senator seems ready to run") give a
statement of no named source: its subject belongs to the content, never to the speaker; so does
the hearsay adverb "reportedly" ("the company reportedly plans A"), and a question put to
someone unnamed ("Asked about A, the minister said B": she was asked, by no one named). Such a relation comes out
with ``speaker`` None, and counts for no actor (no node, no edge)."""

from __future__ import annotations

import pytest

import pipeline
from pipeline.counts import counted
from pipeline.records import Cue, Relation, Speaker
from attribution_helpers import rels as _rels, with_cue as _with_cue


def _pieces(text, rel):
    return [text[s:e] for s, e in rel.content_spans]


@pytest.mark.model
@pytest.mark.parametrize("text, cue, pieces, cls", [
    ("The harbour authority is expected to reopen the pier next week.", "expected",
     ["The harbour authority", "to reopen the pier next week"], "belief"),
    ("The council appears to favour the cheaper plan.", "appears",
     ["The council", "to favour the cheaper plan"], "belief"),
    ("The senator seems ready to run for governor.", "seems",
     ["The senator", "ready to run for governor"], "belief"),
])
def test_a_raised_subject_is_content_and_no_source(nlp, text, cue, pieces, cls):
    rels = _rels(nlp, text)
    found = _with_cue(rels, cue)
    assert len(found) == 1, [(r.cue.text, r.content) for r in rels]
    rel = found[0]
    assert rel.speaker is None
    assert _pieces(text, rel) == pieces
    assert rel.cue.class_ == cls


@pytest.mark.model
def test_a_hedged_reporting_verb_keeps_its_statement_and_source(nlp):
    # the mayor implied it, hedged by "appeared": one statement, the mayor's
    text = "The mayor appeared to imply that the plant would close."
    rels = _rels(nlp, text)
    assert _with_cue(rels, "appeared") == []
    imply = _with_cue(rels, "imply")
    assert len(imply) == 1 and imply[0].speaker is not None
    assert imply[0].speaker.mention == "The mayor"
    assert _pieces(text, imply[0]) == ["that the plant would close"]
    # a hedged verb with nothing to report leaves the impression to the raising verb
    text = "The mayor seemed to agree."
    seemed = _with_cue(_rels(nlp, text), "seemed")
    assert len(seemed) == 1 and seemed[0].speaker is None


@pytest.mark.model
def test_an_active_verb_keeps_its_subject_as_source(nlp):
    text = "Ana Ruiz expects the pier to reopen next week."
    rel = _with_cue(_rels(nlp, text), "expects")[0]
    assert rel.speaker is not None and rel.speaker.mention == "Ana Ruiz"
    assert "Ana Ruiz" not in rel.content


@pytest.mark.model
def test_hearsay_with_a_progressive_infinitive_reports_nothing(nlp):
    # "is said to be considering": hearsay, as "is said to be" (no statement)
    text = "The harbour master is said to be considering a run for mayor."
    assert _with_cue(_rels(nlp, text), "said") == []


@pytest.mark.model
def test_reportedly_reports_its_clause_with_no_source(nlp):
    text = "The company reportedly plans to close the plant in May."
    found = _with_cue(_rels(nlp, text), "reportedly")
    assert len(found) == 1
    rel = found[0]
    assert rel.speaker is None and rel.cue.class_ == "speech"
    assert _pieces(text, rel) == ["The company", "plans to close the plant in May"]


@pytest.mark.model
@pytest.mark.parametrize("text, cue", [
    # the writer's own hedge, not a report
    ("The plant apparently closed in May.", "apparently"),
    # an adverb of an adjective: no clause reported
    ("The reportedly ill mayor stayed home on Monday.", "reportedly"),
    # inside what the police said: their report, not a second one of no source
    ("Police said the driver reportedly fled the scene.", "reportedly"),
])
def test_hearsay_adverbs_left_alone(nlp, text, cue):
    rels = _rels(nlp, text)
    assert _with_cue(rels, cue) == [], [(r.cue.text, r.content) for r in rels]


@pytest.mark.model
@pytest.mark.parametrize("text, pieces", [
    ("Asked about the plant, the minister said it would stay open.", ["the plant"]),
    ("Asked if he would run, Ruiz laughed.", ["if he would run"]),
    ("When asked about the plant, Ruiz smiled.", ["the plant"]),
])
def test_the_one_asked_is_not_the_asker(nlp, text, pieces):
    rels = _rels(nlp, text)
    asked = [r for r in rels if r.cue.text.lower() == "asked"]
    assert len(asked) == 1, [(r.cue.text, r.content) for r in rels]
    assert asked[0].speaker is None and _pieces(text, asked[0]) == pieces


@pytest.mark.model
def test_the_one_who_asks_is_the_source(nlp):
    text = "Ruiz smiled and asked whether the plant would close."
    asked = _with_cue(_rels(nlp, text), "asked")
    assert len(asked) == 1 and asked[0].speaker is not None
    assert asked[0].speaker.mention == "Ruiz"


@pytest.mark.model
def test_a_participle_of_feeling_keeps_its_subject(nlp):
    # the minister is the one worried: a belief of hers, not a question put to her
    text = "Worried that the plant would close, the minister called a meeting."
    rel = _with_cue(_rels(nlp, text), "Worried")[0]
    assert rel.speaker is not None and rel.speaker.mention == "the minister"


def _relation(speaker):
    return Relation("d1", speaker, Cue("expected", "expect", 10, 18, "speech"), "A", 0, 5,
                    "indirect", content_spans=[[0, 5]])


def test_a_sourceless_relation_round_trips_and_counts_for_no_actor():
    rel = _relation(None)
    rec = rel.to_dict()
    assert rec["speaker"] is None
    assert Relation.from_dict(rec) == rel
    assert not counted(rec)
    assert counted(_relation(Speaker("Ana Ruiz", "PERSON", "Ana Ruiz", 30, 38)).to_dict())
    rows = pipeline.to_rows([rel])
    assert not any(k.startswith("speaker") for k in rows[0])
    graph = pipeline.build_graph([rel])
    assert graph.number_of_nodes() == 0 and graph.number_of_edges() == 0
