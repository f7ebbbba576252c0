"""``actorgraph run``: options reach run_job, errors are one line with the right exit code."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import pipeline.run.runner as runner_mod
from pipeline.cli import app

sys.path.insert(0, str(Path(__file__).parent))
from runner_corpus import make_corpus  # noqa: E402


def invoke(*args: str):
    return CliRunner().invoke(app, ["run", *args])


def test_options_reach_run_job(tmp_path, monkeypatch):
    seen = {}

    def fake_run_job(inputs, out, **kw):
        seen.update(kw, inputs=inputs, out=out)
        return runner_mod.RunSummary(Path(out))

    monkeypatch.setattr(runner_mod, "run_job", fake_run_job)
    res = invoke("a.txt", "b", "--out", str(tmp_path), "--model", "en_core_web_md",
                 "--config", "x.cfg", "--set", "model.exclude=[]", "--set", "a.b=two",
                 "--n-process", "2", "--batch-size", "8", "--resume", "--gpu",
                 "--aliases", "al.tsv", "--affiliation-edges", "--report", "--quiet",
                 "--count-headlines")
    assert res.exit_code == 0, res.output
    assert seen["inputs"] == ["a.txt", "b"] and seen["out"] == tmp_path
    assert seen["model"] == "en_core_web_md" and seen["config"] == Path("x.cfg")
    assert seen["overrides"] == {"model.exclude": [], "a.b": "two"}
    assert (seen["n_process"], seen["batch_size"], seen["resume"], seen["gpu"]) == (2, 8, True, True)
    assert seen["aliases"] == Path("al.tsv") and seen["report"] is True
    assert seen["affiliation_edges"] is True and seen["count_headlines"] is True
    assert seen["progress"] is False and seen["dask"] is None
    assert res.output == ""  # --quiet: no summary


@pytest.mark.parametrize("args, message", [
    (["--model", "en_core_web_lg"], "python -m spacy download en_core_web_lg"),
    (["--model", "en_core_web_trf"], "python -m spacy download en_core_web_trf"),
    (["--model", "./no/such/model"], "does not exist"),
    (["--set", "nodot=1"], "section.key=value"),
    (["--set", "model.nosuchkey.deeper=1"], "bad config"),
    (["--config", "/no/such.cfg"], "does not exist"),
    (["--n-process", "0"], "--n-process"),
    (["--dask", "local:none"], "local:N"),
])
def test_usage_and_model_errors_exit_2_with_one_line(tmp_path, args, message):
    (tmp_path / "a.txt").write_text("Clara Voss said so.", encoding="utf-8")
    res = invoke(str(tmp_path / "a.txt"), "--out", str(tmp_path / "out"), *args)
    assert res.exit_code == 2, res.output
    lines = res.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0]
    assert not (tmp_path / "out" / "relations.jsonl").exists()


def test_missing_out_is_a_usage_error():
    res = invoke("a.txt")
    assert res.exit_code == 2 and "--out" in res.output


@pytest.mark.model
def test_exit_codes_and_summary(tmp_path):
    corpus = make_corpus(tmp_path / "in", 3, sentences=5)
    good = invoke(str(corpus), "--out", str(tmp_path / "good"))
    assert good.exit_code == 0, good.output
    assert "3 documents" in good.output and "top speakers:" in good.output
    assert "words/s" in good.output and "errors" not in good.output

    (corpus / "bad.txt").write_bytes(b"\xff\xfe\xfa")
    bad = invoke(str(corpus), str(tmp_path / "missing.txt"), "--out", str(tmp_path / "bad"))
    assert bad.exit_code == 1, bad.output
    assert f"error: {tmp_path / 'missing.txt'}: no such file or directory" in bad.output
    assert "errors: 2 (see errors.jsonl)" in bad.output
    assert len((tmp_path / "bad" / "errors.jsonl").read_text().splitlines()) == 2
    assert json.loads((tmp_path / "bad" / "summary.json").read_text())["documents"] == 3

    again = invoke(str(corpus), str(tmp_path / "missing.txt"), "--out", str(tmp_path / "bad"),
                   "--resume", "--batch-size", "7")
    assert again.exit_code == 2 and "nlp.pipe batch size differs" in again.output


@pytest.mark.model
def test_affiliation_edges_reach_the_graph_files(tmp_path):
    import networkx as nx

    samples = Path(__file__).resolve().parents[1] / "samples"
    res = invoke(str(samples / "news_digest.txt"), "--out", str(tmp_path / "out"),
                 "--affiliation-edges", "--quiet")
    assert res.exit_code == 0, res.output
    g = nx.read_graphml(tmp_path / "out" / "actors.graphml")
    kinds = {d.get("kind") for _, _, d in g.edges(data=True)}
    assert "affiliation" in kinds or any(d.get("affiliated") for _, _, d in g.edges(data=True))
    plain = invoke(str(samples / "news_digest.txt"), "--out", str(tmp_path / "plain"), "--quiet")
    assert plain.exit_code == 0
    g0 = nx.read_graphml(tmp_path / "plain" / "actors.graphml")
    assert "affiliation" not in {d.get("kind") for _, _, d in g0.edges(data=True)}


@pytest.mark.parametrize("where", ["/proc/x", "afile/sub"])
def test_an_output_folder_that_cannot_be_written_is_a_usage_error(tmp_path, monkeypatch, where):
    """Nothing was saved, so no "--resume" advice: exit 2 and what is wrong (not exit 3)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "afile").write_text("a file where a folder should be", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Clara Voss said so.", encoding="utf-8")
    res = invoke("a.txt", "--out", where)
    assert res.exit_code == 2, res.output
    lines = res.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: cannot write the output folder {where}")
    assert "--resume" not in res.output


@pytest.mark.model
def test_a_run_without_input_documents_says_so_and_where_it_looked(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_text("", encoding="utf-8")
    res = invoke(str(tmp_path / "in"), str(tmp_path / "nope.txt"), "--out", str(tmp_path / "out"))
    assert res.exit_code == 1, res.output
    looked = f"no input documents found (looked in: {tmp_path / 'in'}, {tmp_path / 'nope.txt'})"
    assert looked in res.output and "nothing new to do" not in res.output
def _gold(tmp_path: Path) -> Path:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"doc_id": "g1", "text": "Clara Voss said the plan would fail.",
                                "attributions": [{"source": ["Clara Voss"], "cue": ["said"],
                                                  "content": ["the plan would fail"]}]}) + "\n",
                    encoding="utf-8")
    return gold


@pytest.mark.parametrize("args, message", [
    (["--model", "en_core_web_lg"], "python -m spacy download en_core_web_lg"),
    (["--model", "./no/such/model"], "does not exist"),
])
def test_evaluate_model_errors_exit_2_with_one_line(tmp_path, args, message):
    res = CliRunner().invoke(app, ["evaluate", str(_gold(tmp_path)), *args])
    assert res.exit_code == 2, res.output
    lines = res.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0]
    assert not isinstance(res.exception, NameError)


@pytest.mark.parametrize("command", ["evaluate", "report"])
def test_an_unknown_cue_class_is_a_usage_error_in_one_line(tmp_path, command):
    target = str(_gold(tmp_path)) if command == "evaluate" else str(tmp_path)
    res = CliRunner().invoke(app, [command, target, "--cue-classes", "speech,rumour"])
    assert res.exit_code == 2, res.output
    lines = res.output.strip().splitlines()
    assert lines == ["error: --cue-classes: unknown cue class 'rumour': "
                     "choose from speech, belief, evidence"]


def test_evaluate_bad_gold_names_the_line(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text("{not json\n", encoding="utf-8")
    res = CliRunner().invoke(app, ["evaluate", str(gold)])
    assert res.exit_code == 2 and res.output.startswith("error: ") and "gold.jsonl" in res.output


def test_evaluate_errors_file_is_written_atomically(tmp_path, monkeypatch):
    """--errors goes through export.atomic_write: a failure keeps the previous file whole."""
    import pipeline.export.atomic as atomic

    gold = _gold(tmp_path)
    preds = tmp_path / "relations.jsonl"
    preds.write_text("", encoding="utf-8")  # no predictions: the gold attribution is a miss
    errors = tmp_path / "errors.jsonl"
    res = CliRunner().invoke(app, ["evaluate", str(gold), "-p", str(preds), "--errors", str(errors)])
    assert res.exit_code == 0, res.output
    recs = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    assert len(recs) == 1 and recs[0]["doc_id"] == "g1"
    before = errors.read_bytes()

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", broken_replace)
    res = CliRunner().invoke(app, ["evaluate", str(gold), "-p", str(preds), "--errors", str(errors)])
    assert res.exit_code == 2 and "No space left" in res.output
    assert errors.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_every_error_class_lives_in_the_errors_module():
    import pipeline.errors as errors
    from pipeline import evaluate, nlp
    from pipeline.run import runner, workers

    assert nlp.ModelNotFound is errors.ModelNotFound and nlp.ConfigError is errors.ConfigError
    assert runner.UsageError is errors.UsageError and workers.WorkerError is errors.WorkerError
    assert evaluate.GoldError is errors.GoldError
    assert errors.WorkerError.exit_code == 3 and errors.ModelNotFound.exit_code == 2
