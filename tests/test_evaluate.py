"""The scorer on small hand-made cases (figures worked out by hand), the gold readers, the CLI."""

from __future__ import annotations

import json

import pytest
from polnear_data import polnear_dev  # noqa: E402  (tests/ is on sys.path)
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.evaluate import (
    GoldAttribution, GoldDoc, GoldError, Prediction, is_quoted, locate, read_brat, read_gold,
    read_gold_jsonl, read_relations, score,
)
from pipeline.records import Cue, Relation, Speaker

TEXT = 'Ann said "we win big". Bob said taxes rise.'


def span(sub: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(sub, start + 1)
    return start, start + len(sub)


GOLD = GoldDoc("d1", TEXT, [
    # content counted characters: wewinbig = 8 (quotation marks and spaces do not count)
    GoldAttribution((span("Ann"),), (span("said"),), (span('"we win big"'),)),
    # taxesrise = 9
    GoldAttribution((span("Bob"),), (span("said", 1),), (span("taxes rise"),)),
])


def pred(content: str, speaker: str | None, nth: int = 0) -> Prediction:
    return Prediction((span(content, nth),), span(speaker) if speaker else None, "say", "direct")


def test_scores_worked_out_by_hand():
    preds = [
        pred("we win", "Ann"),               # P0: 5 chars in G0: Dice 10/13, covers 5/8
        pred("rise", "Ann"),                 # P1: 4 chars in G1: Dice 8/13, covers 4/9, wrong speaker
        pred("Bob said taxes rise", None),   # P2: 16 chars, 9 in G1: Dice 18/25, covers 9/9
        pred("we win big", "Ann"),           # P3: the same characters as G0: Dice 1
    ]
    rep = score([GOLD], {"d1": preds})
    m = rep.metrics
    # content, greedy by Dice: P3-G0 (1.0), then P2-G1 (0.72) beats P1-G1 (0.62)
    assert (m["content"].tp, m["content"].n_pred, m["content"].n_gold) == (2, 4, 2)
    assert m["content"].precision == pytest.approx(0.5)
    assert m["content"].recall == pytest.approx(1.0)
    assert m["content"].f1 == pytest.approx(2 / 3)
    # exact: only P3
    assert m["exact"].tp == 1 and m["exact"].f1 == pytest.approx(1 / 3)
    # Gender Gap Tracker rule: P3 and P2 cover their gold fully
    assert m["ggt_0.3"].tp == 2 and m["ggt_0.8"].tp == 2
    # attribution: P2 has no speaker and P1 the wrong one; only P3-G0
    assert m["attribution"].tp == 1
    assert m["attribution"].precision == pytest.approx(0.25)
    assert m["attribution"].recall == pytest.approx(0.5)
    assert rep.by_quoted["quoted"].recall == 1.0 and rep.by_quoted["unquoted"].recall == 1.0
    assert rep.by_cue_recall["said"].n_gold == 2


def test_coverage_rules_differ_from_dice():
    # P covers 4 of G1's 9 characters: enough for GGT 0.3, not for 0.8; Dice 8/13 matches
    rep = score([GOLD], {"d1": [pred("rise", "Bob")]})
    m = rep.metrics
    assert (m["content"].tp, m["ggt_0.3"].tp, m["ggt_0.8"].tp, m["attribution"].tp) == (1, 1, 0, 1)
    # P covers 2 of 9: below every threshold (Dice 4/11)
    rep = score([GOLD], {"d1": [Prediction(((TEXT.index("ri"), TEXT.index("ri") + 2),),
                                           span("Bob"))]})
    assert rep.metrics["content"].tp == 0 and rep.metrics["ggt_0.3"].tp == 0


def test_one_to_one_matching():
    # two identical predictions of one gold: one true hit, one false hit
    rep = score([GOLD], {"d1": [pred("taxes rise", "Bob"), pred("taxes rise", "Bob")]})
    assert rep.metrics["content"].tp == 1 and rep.metrics["content"].n_pred == 2


def test_missing_source_matches_missing_speaker_and_empty_content_is_a_miss():
    gold = GoldDoc("d2", TEXT, [GoldAttribution((), (span("said", 1),), (span("taxes rise"),)),
                                GoldAttribution((span("Ann"),), (span("said"),), ())])
    rep = score([gold], {"d2": [pred("taxes rise", None), pred("taxes rise", "Bob")]})
    assert rep.metrics["attribution"].tp == 1
    assert rep.metrics["content"].n_gold == 2 and rep.metrics["content"].tp == 1


def test_error_listing():
    rep = score([GOLD], {"d1": [pred("rise", "Ann"), pred("Ann said", "Ann")]}, errors=True)
    kinds = sorted(e["type"] for e in rep.errors)
    assert kinds == ["false_hit", "miss", "wrong_speaker"]
    wrong = next(e for e in rep.errors if e["type"] == "wrong_speaker")
    assert wrong["source"] == "Bob" and wrong["pred_speaker"] == "Ann"


def test_documents_without_predictions_count_as_misses():
    rep = score([GOLD], {})
    assert rep.metrics["content"].recall == 0.0 and rep.metrics["content"].n_gold == 2


@pytest.mark.parametrize("text,quoted", [
    ('"we win"', True), ("“we win”", True), ("''we win''", True), ("Iraq’s plan", False),
    ("the voters’ choice", False), ("don't", False), ("‘a scare quote’", True),
])
def test_is_quoted(text, quoted):
    assert is_quoted(text, ((0, len(text)),)) is quoted


ANN_A = """\
T1\tSource 0 3\tAnn
T2\tCue 4 8\tsaid
T3\tContent 9 21\t"we win big"
T4\tAttribution 4 8\tsaid
E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1
T5\tCue 27 31\tsaid
T6\tContent 32 37;38 42\ttaxes rise
T7\tAttribution-no-source 27 31\tsaid
E2\tAttribution-no-source:T7 Cue:T5 Content:T6
T8\tContent 0 3\tAnn
E3\tAttribution:T4 Cue:T2 Source:T1 Content:T3 Content2:T8
T9\tDiscuss 0 3\tAnn
#1\tAnnotatorNotes T9\ta note
"""


def test_read_brat(tmp_path):
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "d1.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "attributions" / "d1_aaa.ann").write_text(ANN_A, encoding="utf-8")
    (tmp_path / "attributions" / "d1_bbb.ann").write_text("", encoding="utf-8")  # not first
    (doc,) = read_brat(tmp_path)
    assert doc.doc_id == "d1" and len(doc.attributions) == 3
    by_content = {a.content: a for a in doc.attributions}
    assert TEXT[slice(*by_content[((9, 21),)].source[0])] == "Ann"
    no_source = by_content[((32, 37), (38, 42))]  # a discontinuous span
    assert no_source.source == () and no_source.cue == ((27, 31),)
    assert ((0, 3), (9, 21)) in by_content  # Content2 adds a span
    assert read_gold(tmp_path)[0].doc_id == "d1"


def test_read_brat_rejects_a_bad_span(tmp_path):
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "d1.txt").write_text("short", encoding="utf-8")
    (tmp_path / "attributions" / "d1_a.ann").write_text("T1\tCue 0 99\tx\n", encoding="utf-8")
    with pytest.raises(GoldError, match=r"d1_a.ann:1"):
        read_brat(tmp_path)


def test_read_gold_jsonl_with_anchors(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    lines = [
        {"doc_id": "a", "text_file": "a.txt", "attributions": [
            {"source": "Bob", "cue": "Bob [said]", "content": ["taxes rise"], "speaker": "Bob Li",
             "kind": "indirect", "date": None},
            {"source": [{"start": 0, "end": 3, "text": "Ann"}], "cue": "Ann [said]",
             "content": '"we win big"'}]},
        {"text": "No attributions here.", "attributions": []},
    ]
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    a, b = read_gold_jsonl(path)
    assert a.attributions[0].cue == (span("said", 1),)
    assert a.attributions[0].speaker == "Bob Li" and a.attributions[0].kind == "indirect"
    assert a.attributions[1].source == ((0, 3),)
    assert b.doc_id == "gold-2" and b.attributions == []


@pytest.mark.parametrize("line,message", [
    ('{"text": "said and said", "attributions": [{"cue": "said"}]}', "more than once"),
    ('{"text": "x", "attributions": [{"cue": "said"}]}', "not found"),
    ('{"text": "abc", "attributions": [{"cue": [{"start": 0, "end": 2, "text": "xy"}]}]}', "not 'xy'"),
    ('{"attributions": []}', "no text"),
    ("{not json", "not JSON"),
])
def test_read_gold_jsonl_errors_name_file_and_line(tmp_path, line, message):
    path = tmp_path / "gold.jsonl"
    path.write_text("\n" + line + "\n", encoding="utf-8")
    with pytest.raises(GoldError, match=message) as info:
        read_gold_jsonl(path)
    assert "gold.jsonl:2" in str(info.value)


def test_locate():
    assert locate("he said, she said", "she [said]") == (13, 17)
    with pytest.raises(GoldError):
        locate("he said, she said", "said")


def _relation(doc_id: str, content: str, speaker: str, nth: int = 0) -> Relation:
    s, e = span(content, nth)
    ss, se = span(speaker)
    return Relation(doc_id, Speaker(speaker, "PERSON", speaker, ss, se), Cue("said", "say", 0, 4),
                    content, s, e, "indirect", content_spans=[[s, e]])


def test_cli_scores_a_relations_file(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"doc_id": "d1", "text": TEXT, "attributions": [
        {"source": "Ann", "cue": "Ann [said]", "content": '"we win big"'},
        {"source": "Bob", "cue": "Bob [said]", "content": "taxes rise"}]}) + "\n", encoding="utf-8")
    rels = tmp_path / "relations.jsonl"
    rels.write_text(json.dumps(_relation("d1", "taxes rise", "Bob").to_dict()) + "\n",
                    encoding="utf-8")
    assert len(read_relations(rels)["d1"]) == 1
    errors = tmp_path / "errors.jsonl"
    result = CliRunner().invoke(app, ["evaluate", str(gold), "--predictions", str(rels), "--json",
                                      "--errors", str(errors)])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["metrics"]["content"] == {"tp": 1, "pred": 1, "gold": 2, "p": 1.0, "r": 0.5,
                                            "f1": 0.6667}
    assert report["metrics"]["attribution"]["tp"] == 1
    assert [json.loads(x)["type"] for x in errors.read_text().splitlines()] == ["miss"]
    # the plain-text report and --limit
    result = CliRunner().invoke(app, ["evaluate", str(gold), "-p", str(rels), "--limit", "1"])
    assert result.exit_code == 0 and "content" in result.output


def test_cli_bad_gold_is_a_one_line_error(tmp_path):
    result = CliRunner().invoke(app, ["evaluate", str(tmp_path / "missing.jsonl"), "-p", "x"])
    assert result.exit_code == 2
    assert "missing.jsonl" in result.output




@pytest.mark.model
@pytest.mark.slow
@pytest.mark.skipif(polnear_dev() is None, reason="PolNeAR is not here (set ACTORGRAPH_POLNEAR)")
def test_polnear_dev_meets_the_targets():
    from pipeline.evaluate import evaluate

    report = evaluate(polnear_dev())
    m = report.metrics
    assert report.documents == 84
    assert m["content"].f1 >= 0.70 and m["content"].precision >= 0.80
    assert m["attribution"].f1 >= 0.62


@pytest.mark.parametrize("cue,key", [
    ("has said", "say"), ("told reporters", "tell"), ("according to", "according to"),
    ("SAYS", "say"), ("", "(none)"),
])
def test_gold_cue_key_groups_by_reporting_verb(cue, key):
    from pipeline.evaluate import gold_cue_key

    lemma_of = {"said": "say", "says": "say", "told": "tell", "has": "have"}
    assert gold_cue_key(cue, ((0, len(cue)),), lemma_of) == key


@pytest.mark.parametrize("bad_line, why", [("{not json", "not valid JSON"),
                                           ('["a list"]', "not a JSON object"),
                                           ('{"doc_id": "d1"}', "not a relation")])
def test_read_relations_names_the_file_and_line_of_a_bad_record(tmp_path, bad_line, why):
    rels = tmp_path / "relations.jsonl"
    good = json.dumps(_relation("d1", "taxes rise", "Bob").to_dict())
    rels.write_text(f"{good}\n\n{bad_line}\n", encoding="utf-8")  # line 3: after a blank line
    with pytest.raises(GoldError, match=rf"relations\.jsonl:3: .*{why}"):
        read_relations(rels)


def test_read_relations_takes_types_from_actors_jsonl_and_skips_its_bad_lines(tmp_path):
    rel = _relation("d1", "taxes rise", "Bob").to_dict()
    rel["speaker"]["actor_id"] = "bob"
    (tmp_path / "relations.jsonl").write_text(json.dumps(rel) + "\n", encoding="utf-8")
    (tmp_path / "actors.jsonl").write_text(
        'oops\n{"id": "bob", "type": "org"}\n{"id": "x"}\n', encoding="utf-8")
    (pred,) = read_relations(tmp_path / "relations.jsonl")["d1"]
    assert pred.actor_type == "ORG"  # the actor's type, not the mention's PERSON
