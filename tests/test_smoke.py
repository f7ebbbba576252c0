"""End-to-end smoke test on a tiny article written for the tests."""

import json

import networkx as nx
import pytest

import pipeline
from pipeline.run.runner import run_job

TEXT = (
    "Finance Minister Clara Voss said on Tuesday that the budget would protect Norway.\n\n"
    "\u201cWe will not cut pensions,\u201d Voss said.\n"
)


@pytest.mark.model
def test_extract_finds_said(tmp_path):
    rels, ents = pipeline.extract([TEXT])
    assert any(r.speaker.name == "Clara Voss" and r.cue.lemma == "say" for r in rels)
    for r in rels:
        assert TEXT[r.speaker.start:r.speaker.end] == r.speaker.mention
        assert TEXT[r.cue.start:r.cue.end] == r.cue.text


@pytest.mark.model
def test_run_job_writes_outputs(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text(TEXT, encoding="utf-8")
    summary = run_job([str(src)], tmp_path / "out")
    assert summary.relations >= 2
    lines = (tmp_path / "out" / "relations.jsonl").read_text(encoding="utf-8").splitlines()
    assert all(json.loads(l)["doc_id"] for l in lines)
    g = nx.read_graphml(tmp_path / "out" / "actors.graphml")
    assert g.number_of_nodes() >= 1
