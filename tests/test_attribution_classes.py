"""Cue classes (speech, belief, evidence) and quote pieces, end to end on our own articles:
the class each relation carries, the graph and counts that take speech only by default, and
the scorer's per-class figures, class subsets and per-piece scoring."""

from __future__ import annotations

import json

import pytest

import pipeline
from pipeline.evaluate import GoldAttribution, GoldDoc, Prediction, format_report, score
from pipeline.graph import build_graph
from pipeline.records import Cue, Relation, Speaker, parse_cue_classes

ARTICLE = (
    "Harbour Minister Ingrid Solberg said on Monday that the new ferry line would open in May.\n\n"
    "Solberg believes the line will cut traffic on the coastal road by a third.\n\n"
    "A survey published by the port authority showed that most commuters would use the ferry.\n\n"
    "“We have waited twenty years for this crossing,” Solberg told reporters. “Now it is time to build it.”\n\n"
    "Opposition leader Tomas Berg thinks the ferry is too expensive for Norway."
)



@pytest.fixture(scope="module")
def rels(nlp):
    out, _ = pipeline.extract([ARTICLE], nlp=nlp)
    return out


def _by_lemma(rels):
    return {r.cue.lemma: r for r in rels}


@pytest.mark.model
def test_every_relation_carries_its_cue_class(rels):
    by = _by_lemma(rels)
    assert by["say"].cue.class_ == "speech"
    assert by["tell"].cue.class_ == "speech"
    assert by["believe"].cue.class_ == "belief"
    assert by["think"].cue.class_ == "belief"
    assert by["show"].cue.class_ == "evidence"
    # written as "class" in JSON, read back from it
    d = by["show"].to_dict()
    assert d["cue"]["class"] == "evidence" and "class_" not in d["cue"]
    assert Relation.from_dict(json.loads(json.dumps(d))).cue.class_ == "evidence"


@pytest.mark.model
@pytest.mark.parametrize("text, lemma, cls", [
    # a stance shown by an act is where the actor stands, not what it said
    ("The Tarn council voted for the new water levy on Tuesday.", "vote", "belief"),
    ("The farmers' union opposes the new water levy.", "oppose", "belief"),
    ("Senator Hal Brody said that the levy was unfair.", "say", "speech"),
    ("Senator Hal Brody hoped that the levy would be dropped.", "hope", "belief"),
])
def test_stances_and_hopes_are_belief(nlp, text, lemma, cls):
    out, _ = pipeline.extract([text], nlp=nlp)
    found = [r for r in out if r.cue.lemma == lemma]
    assert [r.cue.class_ for r in found] == [cls], [(r.cue.lemma, r.cue.class_) for r in out]


@pytest.mark.model
def test_quote_pieces_are_listed_with_their_quoted_flag(rels):
    told = _by_lemma(rels)["tell"]
    assert len(told.content_spans) == 2
    assert told.content_quoted == [True, True]
    said = _by_lemma(rels)["say"]
    assert said.content_quoted == [False]
    assert len(said.content_quoted) == len(said.content_spans)


@pytest.mark.model
def test_graph_counts_speech_only_by_default(rels):
    _, _, actors = pipeline.identify_actors(rels)
    speech = build_graph(rels)
    every = build_graph(rels, cue_classes=("speech", "belief", "evidence"))
    # Tomas Berg only *thinks* something about Norway: no statement edge by default
    berg = [n for n, d in every.nodes(data=True) if d["label"] == "Tomas Berg"]
    assert berg and every.nodes[berg[0]]["statements"] == 1
    assert not any(d["label"] == "Tomas Berg" for _, d in speech.nodes(data=True))
    assert every.number_of_edges() > speech.number_of_edges()


def test_relations_without_a_class_count_as_speech():
    rel = Relation("d", Speaker("Ann Lee", "PERSON", "Ann Lee", 0, 7), Cue("said", "say", 8, 12),
                   "x", 13, 14, "indirect", about=[])
    d = rel.to_dict()
    d["about"] = [{"name": "Norway", "label": "GPE"}]
    del d["cue"]["class"]
    assert build_graph([d]).number_of_edges() == 1
    d["cue"]["class"] = "belief"
    assert build_graph([d]).number_of_edges() == 0
    assert build_graph([d], cue_classes=None).number_of_edges() == 1


def test_parse_cue_classes():
    assert parse_cue_classes(None) == ("speech",)
    assert parse_cue_classes("evidence, speech") == ("speech", "evidence")
    assert parse_cue_classes("all") == ("speech", "belief", "evidence")
    with pytest.raises(ValueError, match="opinion"):
        parse_cue_classes("speech,opinion")


TEXT = ("“The bridge is safe,” Mayor Lind said. “We checked it twice with engineers from three countries.” Polls show that voters "
        "doubt it. Ann Berg thinks so too.")


def _span(s: str) -> tuple[int, int]:
    i = TEXT.index(s)
    return i, i + len(s)


def _gold() -> GoldDoc:
    return GoldDoc("g", TEXT, [
        GoldAttribution((_span("Mayor Lind"),), (_span("said"),),
                        (_span("“The bridge is safe,”"), _span("“We checked it twice with engineers from three countries.”"))),
        GoldAttribution((_span("Polls"),), (_span("show"),), (_span("that voters doubt it"),)),
        GoldAttribution((_span("Ann Berg"),), (_span("thinks"),), (_span("so too"),)),
    ])


def test_evaluate_reports_each_class_and_scores_a_subset():
    preds = {"g": [
        Prediction((_span("“The bridge is safe,”"),), _span("Mayor Lind"), "say", "direct",
                   cue_class="speech"),  # only the first piece
        Prediction((_span("that voters doubt it"),), _span("Polls"), "show", "indirect",
                   cue_class="evidence"),
    ]}
    rep = score([_gold()], preds)
    assert rep.by_class["evidence"].recall == 1.0 and rep.by_class["evidence"].precision == 1.0
    assert rep.by_class["belief"].n_gold == 1 and rep.by_class["belief"].recall == 0.0
    assert rep.by_class["speech"].n_gold == 1
    assert "by cue class" in format_report(rep)
    # whole contents: the one-piece prediction covers under half of the split quote
    assert rep.metrics["content"].tp == 1
    speech = score([_gold()], preds, classes=("speech",))
    assert speech.metrics["content"].n_gold == 1 and speech.metrics["content"].n_pred == 1
    # per piece: the first quotation is matched on its own, the second is a miss
    pieces = score([_gold()], preds, pieces=True)
    assert pieces.metrics["content"].n_gold == 4
    assert pieces.metrics["content"].tp == 2
    assert pieces.pieces and pieces.as_dict()["pieces"] is True


@pytest.mark.model
def test_speech_only_run_report_and_cli_flags(tmp_path):
    """A run counts speech by default (no belief/evidence edge or count), --cue-classes all
    brings them in, the report shows each relation's class, bad classes exit 2."""
    from typer.testing import CliRunner

    import networkx as nx

    from pipeline.cli import app

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "ferry.txt").write_text(ARTICLE, encoding="utf-8")
    runner = CliRunner()
    out = tmp_path / "out"
    res = runner.invoke(app, ["run", str(tmp_path / "in"), "--out", str(out), "--quiet",
                              "--report"])
    assert res.exit_code == 0, res.output
    rels = [json.loads(x) for x in (out / "relations.jsonl").read_text().splitlines()]
    classes = {r["cue"]["class"] for r in rels}
    assert {"speech", "belief", "evidence"} <= classes  # relations.jsonl keeps every class
    g = nx.read_graphml(out / "actors.graphml")
    edge_cues = {c for _, _, d in g.edges(data=True) for c in str(d.get("cues", "")).split("; ")}
    assert not edge_cues & {"think", "believe", "show"}
    actors = {a["name"]: a for a in map(json.loads, (out / "actors.jsonl").read_text().splitlines())}
    assert actors["Tomas Berg"]["counts"]["statements"] == 0
    html = (out / "report.html").read_text(encoding="utf-8")
    assert 'class="cls">belief' in html and 'class="cls">speech' in html

    out2 = tmp_path / "out2"
    res = runner.invoke(app, ["run", str(tmp_path / "in"), "--out", str(out2), "--quiet",
                              "--cue-classes", "all"])
    assert res.exit_code == 0, res.output
    actors = {a["name"]: a for a in map(json.loads, (out2 / "actors.jsonl").read_text().splitlines())}
    assert actors["Tomas Berg"]["counts"]["statements"] == 1
    g2 = nx.read_graphml(out2 / "actors.graphml")
    assert g2.number_of_edges() > g.number_of_edges()

    res = runner.invoke(app, ["report", str(out), "--out", str(tmp_path / "r.html"),
                              "--cue-classes", "speech,belief"])
    assert res.exit_code == 0, res.output
    res = runner.invoke(app, ["run", str(tmp_path / "in"), "--out", str(out2), "--quiet",
                              "--cue-classes", "speech,gossip"])
    assert res.exit_code == 2 and "gossip" in res.output


def test_evaluate_cli_pieces_and_classes(tmp_path):
    from typer.testing import CliRunner

    from pipeline.cli import app

    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"doc_id": "g", "text": TEXT, "attributions": [
        {"source": ["Mayor Lind"], "cue": ["said"],
         "content": ["“The bridge is safe,”", "“We checked it twice with engineers from three countries.”"]},
        {"source": ["Polls"], "cue": ["show"], "content": ["that voters doubt it"]}]}) + "\n")
    rel = Relation("g", Speaker("Polls", "UNKNOWN", "Polls", *_span("Polls"), resolved=False),
                   Cue("show", "show", *_span("show"), "evidence"), "that voters doubt it",
                   *_span("that voters doubt it"), "indirect",
                   content_spans=[list(_span("that voters doubt it"))], content_quoted=[False])
    preds = tmp_path / "relations.jsonl"
    preds.write_text(json.dumps(rel.to_dict()) + "\n")
    runner = CliRunner()
    res = runner.invoke(app, ["evaluate", str(gold), "--predictions", str(preds), "--json",
                              "--pieces", "--cue-classes", "evidence"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert data["pieces"] is True and data["classes"] == ["evidence"]
    assert data["metrics"]["content"]["gold"] == 1 and data["metrics"]["content"]["tp"] == 1
    res = runner.invoke(app, ["evaluate", str(gold), "--predictions", str(preds), "--json"])
    data = json.loads(res.output)
    assert data["metrics"]["content"]["gold"] == 2
    assert data["by_class"]["speech"]["r"] == 0.0 and data["by_class"]["evidence"]["p"] == 1.0
