"""The batch job (runner.py, workers.py): outputs, errors, duplicates, checkpoints and resume.

Model-free tests first (encoding, option parsing, batching, fingerprints); then runs with the
real small model, loaded once for the module. A crash is simulated in-process at chosen
points (mid-batch, half a line written; during finalize); tests/test_resume.py does the same
for real with SIGKILL on a subprocess.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

from pipeline.run import runner as runner_mod
from pipeline.records import Cue, DocumentInfo, Entity, InputError, Relation, Speaker, Target
from pipeline.run.folder import STREAM_FILES, format_summary
from pipeline.run.runner import UsageError, run_job
from pipeline.run.workers import json_line, record_line

sys.path.insert(0, str(Path(__file__).parent))
from runner_corpus import make_corpus  # noqa: E402

COMPARED = ("relations.jsonl", "entities.jsonl", "documents.jsonl", "errors.jsonl",
            "actors.jsonl", "actors.graphml", "actors.gexf")


def output_files(out: Path) -> dict[str, bytes]:
    """The run's result files (those that exist), for byte comparison."""
    return {n: (out / n).read_bytes() for n in COMPARED if (out / n).exists()}


# --- without a model -------------------------------------------------------------------------

REL = Relation(
    doc_id="a.txt#1", speaker=Speaker("Clara Voss", "PERSON", "Voss \u201cx\u201d", 3, 7),
    cue=Cue("said", "say", 8, 12), content="the plan \u00e9 fails", content_start=13,
    content_end=30, kind="indirect", about=[Target("Norway", "GPE", "Norway", 20, 26)],
    date="2024-01-02", content_spans=[[13, 30]])


@pytest.mark.parametrize("record", [
    REL,
    Relation("d", Speaker("he", "UNKNOWN", "he", 0, 2, resolved=False), Cue("", "", 0, 0),
             "", 0, 0, "direct"),
    Entity("a.txt#1", "Norway", "GPE", 20, 26, "Norway"),
    DocumentInfo("a.txt#1", "a.txt", 1, 0, 99, title="T\u00eete", words=10, duplicate_of="b#1"),
    InputError("bad.jsonl", 3, "bad JSON record: \u00fc", None),
])
def test_json_line_equals_the_records_to_dict(record):
    assert json_line(record) == json.dumps(record.to_dict(), ensure_ascii=False) + "\n"


@pytest.mark.parametrize("record", [
    REL,
    Relation("d", None, Cue("x", "x", 0, 1, "belief"), "", 0, 0, "direct", zone="headline",
             content_quoted=[True, False]),
    Entity("a.txt#1", "M\u00fcller \"Jr\"\n", "PERSON", 0, 9, "M\u00fcller", role="Minister",
           gender="f", gender_evidence=["Mrs.", "she"]),
    Entity("a.txt#1", "Norway", "GPE", True, 2 ** 70, "Norway", zone="caption"),  # type: ignore[arg-type]
    DocumentInfo("a.txt#1", "a.txt", 1, 0, 99, title="T\u00eete", words=10),
    InputError("bad.jsonl", 3, "bad \u00fc", None),
])
def test_record_line_is_json_line(record):
    """The workers' record lines, written field by field, are the encoder's text: strings
    escaped, None, ints and bools, nested records and lists."""
    assert record_line(record) == json_line(record)
    assert json.loads(record_line(record)) == json.loads(json.dumps(record.to_dict()))
    assert record_line({"not": "a record"}) == json_line({"not": "a record"})


@pytest.mark.parametrize("value", [
    {"a": [1, -2.5, 1e300, None, True, False], "b": {"c": "\u00e9\x01\n\"\\"}, "": []},
    [REL, {"k": [REL]}], "plain \u201cstr\u201d", 3, None,
    {"inf": float("inf"), "nan": float("nan")}, {1: "int key", 2.5: "float key", None: 0},
])
def test_json_line_is_what_json_encodes(value):
    """json_line's encoder, built once, writes what json.dumps (or JSONEncoder.encode) does,
    records as their to_dict, and refuses what json refuses."""
    assert json_line(value) == json.dumps(value, ensure_ascii=False,
                                          default=lambda r: r.to_dict()) + "\n"
    with pytest.raises(TypeError, match="is not JSON serializable"):
        json_line({"a": [object()]})
    assert json_line([1]) == "[1]\n"  # nothing left over from the failure


def _events(inputs, skip=0, batch_size=3):
    return list(runner_mod._batches([str(p) for p in inputs], skip, batch_size))


def _describe(ev):
    if isinstance(ev, InputError):
        return ("error", ev.path)
    if isinstance(ev, DocumentInfo):
        return ("dup", ev.doc_id, ev.duplicate_of)
    return ("doc", ev.doc_id)


@pytest.fixture(scope="module")
def mixed_corpus(tmp_path_factory):
    """Good articles, a duplicate, undecodable bytes and a malformed JSONL line."""
    d = make_corpus(tmp_path_factory.mktemp("mixed") / "in", 9)
    shutil.copy(d / "article_00002.txt", d / "article_00005_copy.txt")
    (d / "article_00003_bad.txt").write_bytes(b"\x89PNG\r\n\x00 binary \x81")
    good = json.dumps({"id": "j1", "text": "Tomas Brandt said the dam would fail.",
                       "title": "Dam", "date": "2024-05-01", "source": "Test Wire"})
    (d / "feed.jsonl").write_text(good + "\n{\"text\": broken\n", encoding="utf-8")
    return d


def test_batches_hold_at_most_batch_size_articles_and_skip_resumes_the_same_cuts(mixed_corpus):
    full = _events([mixed_corpus, mixed_corpus / "nope.txt"])
    flat = [_describe(ev) for b in full for ev in b.events]
    assert all(len(b.articles) <= 3 for b in full)
    assert [b.index for b in full] == list(range(len(full)))
    assert flat.count(("error", str(mixed_corpus / "nope.txt"))) == 1
    assert sum(1 for e in flat if e[0] == "error") == 3  # binary, bad JSONL line, missing path
    dups = [e for e in flat if e[0] == "dup"]
    assert dups == [("dup", f"{mixed_corpus / 'article_00005_copy.txt'}#1",
                     f"{mixed_corpus / 'article_00002.txt'}#1")]
    # resuming at a batch boundary cuts the same batches, and still knows earlier articles
    done = len(full[0].events) + len(full[1].events)
    rest = _events([mixed_corpus, mixed_corpus / "nope.txt"], skip=done)
    assert [[_describe(e) for e in b.events] for b in rest] == \
        [[_describe(e) for e in b.events] for b in full[2:]]


def test_fingerprint_names_what_differs(mixed_corpus, tmp_path):
    fp = runner_mod._fingerprint([str(mixed_corpus)], "m==1", "[model]", {}, 32)
    state = {"fingerprint": fp}
    runner_mod._check_same_run(state, dict(fp))  # same run: fine
    cases = {
        "inputs": runner_mod._fingerprint([str(mixed_corpus), "x"], "m==1", "[model]", {}, 32),
        "--model": runner_mod._fingerprint([str(mixed_corpus)], "m==2", "[model]", {}, 32),
        "--config": runner_mod._fingerprint([str(mixed_corpus)], "m==1", "[model]", {"a.b": 1}, 32),
        "--batch-size": runner_mod._fingerprint([str(mixed_corpus)], "m==1", "[model]", {}, 8),
    }
    for what, other in cases.items():
        with pytest.raises(UsageError, match=what.replace("-", r"\-")):
            runner_mod._check_same_run(state, other)
    # a changed input file changes the fingerprint
    f = tmp_path / "a.txt"
    f.write_text("one", encoding="utf-8")
    before = runner_mod._fingerprint([str(tmp_path)], "m", "", {}, 1)["inputs"]
    f.write_text("one two", encoding="utf-8")
    assert runner_mod._fingerprint([str(tmp_path)], "m", "", {}, 1)["inputs"] != before


def test_the_fingerprint_sees_the_files_the_readers_read_and_nothing_else(tmp_path):
    """One definition of "the files of an input" (ingest.input_stamps): a README or a hidden
    file added to an input folder does not block --resume; a new article file does."""
    from pipeline.ingest import input_stamps, iter_paths

    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text("Clara Voss said so.", encoding="utf-8")
    (tmp_path / "sub" / "b.jsonl").write_text('{"text": "Voss said so."}\n', encoding="utf-8")
    before = runner_mod._fingerprint([str(tmp_path)], "m", "", {}, 1)["inputs"]
    (tmp_path / "README").write_text("what these files are", encoding="utf-8")
    (tmp_path / "notes.md").write_text("mine", encoding="utf-8")
    (tmp_path / ".DS_Store").write_bytes(b"\0\1")
    (tmp_path / ".cache").mkdir()
    (tmp_path / ".cache" / "c.txt").write_text("hidden", encoding="utf-8")
    assert runner_mod._fingerprint([str(tmp_path)], "m", "", {}, 1)["inputs"] == before
    stamps = input_stamps([str(tmp_path)])
    assert [s.split("\0")[0] for s in stamps] == [str(p) for p in iter_paths([str(tmp_path)], print)]
    assert [Path(s.split("\0")[0]).name for s in stamps] == ["a.txt", "b.jsonl"]
    (tmp_path / "sub" / "c.csv").write_text("text\nVoss said so.\n", encoding="utf-8")
    assert runner_mod._fingerprint([str(tmp_path)], "m", "", {}, 1)["inputs"] != before


@pytest.mark.parametrize("kwargs, message", [
    ({"n_process": 0}, "--n-process"),
    ({"batch_size": 0}, "--batch-size"),
    ({"pipe_batch_size": -1}, "--pipe-batch-size"),
    ({"dask": "local:2", "n_process": 2}, "exclude each other"),
    ({"dask": "local:zero"}, "local:N"),
    ({"resume": True, "inputs": ["-"]}, "standard input"),
    ({"aliases": "/nonexistent/aliases.tsv"}, "aliases"),
])
def test_bad_arguments_raise_usage_error_before_touching_the_output(tmp_path, kwargs, message):
    inputs = kwargs.pop("inputs", [str(tmp_path)])
    out = tmp_path / "out"
    with pytest.raises(UsageError, match=message):
        run_job(inputs, out, **kwargs)
    assert not out.exists()


def test_processing_errors_stay_with_their_document():
    """A document the pipeline raises on, or one over max_length, becomes that document's error."""
    import spacy
    from spacy.language import Language

    from pipeline.process import process_articles
    from pipeline.records import Article

    @Language.component("test_boom")
    def boom(doc):
        if "BOOM" in doc.text:
            raise RuntimeError("exploded\non two lines")
        return doc

    nlp = spacy.blank("en")
    nlp.add_pipe("test_boom")
    nlp.max_length = 60
    arts = [Article("a", "A calm text."), Article("b", "BOOM goes the text."),
            Article("c", "x " * 40), Article("d", "Another calm one.")]
    res = list(process_articles(nlp, arts, batch_size=4))
    assert [r.article.doc_id for r in res] == ["a", "b", "c", "d"]
    assert res[0].error is None and res[3].error is None and res[3].n_words == 3
    assert "exploded on two lines" in res[1].error.message and "\n" not in res[1].error.message
    assert "max_length" in res[2].error.message


def test_progress_bar_only_on_a_terminal(monkeypatch):
    import io

    assert runner_mod._progress_bar(False, 0) is None
    monkeypatch.setattr(sys, "stderr", io.StringIO())  # not a TTY: CI logs stay clean
    assert runner_mod._progress_bar(True, 0) is None

    class Tty(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.setattr(sys, "stderr", Tty())
    bar = runner_mod._progress_bar(True, 5)
    assert bar is not None and bar.n == 5
    bar.close()


def test_lock_refuses_a_second_run_on_the_same_folder(tmp_path):
    fcntl = pytest.importorskip("fcntl")
    (tmp_path / "a.txt").write_text("Clara Voss said it.", encoding="utf-8")
    out = tmp_path / "out"
    (out / ".actorgraph").mkdir(parents=True)
    with open(out / ".actorgraph" / "lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        with pytest.raises(UsageError, match="another actorgraph run"):
            run_job([str(tmp_path / "a.txt")], out)


def test_a_checkpoint_in_the_background_holds_the_sizes_at_save_and_raises_its_error(
        tmp_path, monkeypatch):
    (tmp_path / ".actorgraph").mkdir()
    outputs = runner_mod._Outputs(tmp_path)
    checkpoints = runner_mod._Checkpoints(tmp_path, outputs)
    state = {"phase": "extract", "events_done": 1, "sizes": {}}
    try:
        outputs.write("relations.jsonl", ["{}\n"])
        checkpoints.save(state)
        outputs.write("relations.jsonl", ["{}\n"])  # the next batch, while the thread syncs
        state["events_done"] = 2  # the loop goes on; the checkpoint keeps what it saved
        checkpoints.wait()
        saved = json.loads((tmp_path / ".actorgraph" / "state.json").read_text(encoding="utf-8"))
        assert saved["sizes"]["relations.jsonl"] == 3 and saved["events_done"] == 1

        def full(*_args):
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(runner_mod, "_write_state", full)
        checkpoints.save(state)
        with pytest.raises(OSError, match="No space"):
            checkpoints.wait()
        checkpoints.wait()  # raised once
    finally:
        checkpoints.join()
        outputs.close()


# --- with the real model ---------------------------------------------------------------------



@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return make_corpus(tmp_path_factory.mktemp("corpus") / "in", 14, sentences=6)


@pytest.fixture(scope="module")
def reference(nlp, corpus, tmp_path_factory):
    """An uninterrupted 1-process run with batch size 2 (so a crash can hit many batches)."""
    out = tmp_path_factory.mktemp("ref") / "out"
    summary = run_job([str(corpus)], out, nlp=nlp, batch_size=2)
    return out, summary


@pytest.mark.model
def test_bad_inputs_are_recorded_and_the_others_processed(nlp, mixed_corpus, tmp_path):
    out = tmp_path / "out"
    missing = str(mixed_corpus / "nope.txt")
    s = run_job([str(mixed_corpus), missing], out, nlp=nlp)
    errors = [json.loads(x) for x in (out / "errors.jsonl").read_text().splitlines()]
    assert {e["path"] for e in errors} == {str(mixed_corpus / "article_00003_bad.txt"),
                                           str(mixed_corpus / "feed.jsonl"), missing}
    assert next(e for e in errors if e["path"].endswith("feed.jsonl"))["line"] == 2
    assert s.errors == 3 and s.exit_code == 1 and not s.ok
    docs = [json.loads(x) for x in (out / "documents.jsonl").read_text().splitlines()]
    processed = [d for d in docs if not d["duplicate_of"]]
    assert len(processed) == s.documents == 9 + 1  # 9 articles (one is bad) + 1 JSONL record
    assert all(d["words"] > 0 for d in processed)
    jsonl_doc = next(d for d in docs if d["doc_id"] == "j1")
    assert (jsonl_doc["title"], jsonl_doc["date"], jsonl_doc["source"]) == \
        ("Dam", "2024-05-01", "Test Wire")
    rels = [json.loads(x) for x in (out / "relations.jsonl").read_text().splitlines()]
    assert s.relations == len(rels) > 10
    by_doc = {d["doc_id"]: d for d in docs}
    for r in rels:  # offsets index the original file
        d = by_doc[r["doc_id"]]
        if d["path"].endswith(".txt"):
            text = Path(d["path"]).read_text(encoding="utf-8")
            assert text[r["cue"]["start"]:r["cue"]["end"]] == r["cue"]["text"]
    assert sum(d["relations"] for d in docs) == len(rels)
    assert sum(d["entities"] for d in docs) == s.entities
    summary_json = json.loads((out / "summary.json").read_text())
    assert summary_json["errors"] == 3 and summary_json["exit_code"] == 1
    assert s.top_speakers and s.top_speakers[0][1] >= s.top_speakers[-1][1]


@pytest.mark.model
def test_duplicates_are_reported_not_processed(nlp, mixed_corpus, tmp_path):
    out = tmp_path / "out"
    s = run_job([str(mixed_corpus)], out, nlp=nlp)
    dup_id = f"{mixed_corpus / 'article_00005_copy.txt'}#1"
    first = f"{mixed_corpus / 'article_00002.txt'}#1"
    docs = {json.loads(x)["doc_id"]: json.loads(x)
            for x in (out / "documents.jsonl").read_text().splitlines()}
    assert docs[dup_id]["duplicate_of"] == first and docs[dup_id]["relations"] == 0
    assert docs[first]["duplicate_of"] is None
    assert dup_id not in (out / "relations.jsonl").read_text()
    assert s.duplicates == 1 and s.duplicate_examples == [(dup_id, first)]
    text = format_summary(s)
    assert "duplicates: 1" in text and dup_id in text and "top speakers" in text


@pytest.mark.model
def test_a_new_run_replaces_the_previous_one(nlp, corpus, reference, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(reference[0], out)
    (out / "report.html").write_text("old", encoding="utf-8")
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    with open(out / "relations.jsonl", "a", encoding="utf-8") as fh:
        fh.write('{"stale": true}\n')
    run_job([str(corpus)], out, nlp=nlp, batch_size=2)
    assert output_files(out) == output_files(reference[0])
    assert not (out / "report.html").exists()  # not asked for this time
    assert (out / "notes.txt").read_text() == "mine"  # not ours: left alone


@pytest.mark.model
def test_resume_refuses_a_different_run(nlp, corpus, reference, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(reference[0], out)
    with pytest.raises(UsageError, match="--batch-size"):
        run_job([str(corpus)], out, nlp=nlp, batch_size=3, resume=True)
    with pytest.raises(UsageError, match="inputs differ"):
        run_job([str(corpus / "article_00001.txt")], out, nlp=nlp, batch_size=2, resume=True)
    assert output_files(out) == output_files(reference[0])  # untouched


@pytest.mark.model
def test_batch_size_and_pipe_batch_size_are_separate_knobs(nlp, corpus, reference, tmp_path):
    """--batch-size (unit of work, checkpoints) does not change the output and may change on
    --resume; --pipe-batch-size (nlp.pipe) is what the resume fingerprint keeps."""
    out = tmp_path / "out"
    run_job([str(corpus)], out, nlp=nlp, batch_size=5, pipe_batch_size=2)
    assert output_files(out) == output_files(reference[0])  # reference: batch_size=2
    s = run_job([str(corpus)], out, nlp=nlp, batch_size=3, pipe_batch_size=2, resume=True)
    assert s.words_this_session == 0 and output_files(out) == output_files(reference[0])
    with pytest.raises(UsageError, match="nlp.pipe batch size differs"):
        run_job([str(corpus)], out, nlp=nlp, batch_size=5, pipe_batch_size=4, resume=True)


@pytest.mark.model
def test_resume_of_a_finished_run_changes_nothing(nlp, corpus, reference, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(reference[0], out)
    s = run_job([str(corpus)], out, nlp=nlp, batch_size=2, resume=True)
    assert output_files(out) == output_files(reference[0])
    assert s.words_this_session == 0 and s.relations == reference[1].relations


class Crash(Exception):
    pass


@pytest.mark.model
@pytest.mark.parametrize("crash_at, checkpoint_every", [(1, 0.0), (6, 0.0), (13, 0.0), (9, 1e9)])
def test_resume_after_a_crash_mid_write_equals_an_uninterrupted_run(
        nlp, corpus, reference, tmp_path, monkeypatch, crash_at, checkpoint_every):
    """Die after half a line of the crash_at-th write; resume; compare every output file."""
    out = tmp_path / "out"
    calls = {"n": 0}
    real_write = runner_mod._Outputs.write

    def dying_write(self, name, chunks):
        calls["n"] += 1
        if calls["n"] == crash_at:
            data = "".join(chunks)
            self.files[name].write(data[: max(1, len(data) // 2)])
            self.files[name].flush()
            raise Crash
        real_write(self, name, chunks)

    monkeypatch.setattr(runner_mod._Outputs, "write", dying_write)
    with pytest.raises(Crash):
        run_job([str(corpus)], out, nlp=nlp, batch_size=2, checkpoint_every=checkpoint_every)
    state = json.loads((out / ".actorgraph" / "state.json").read_text())
    assert state["phase"] == "extract"
    monkeypatch.setattr(runner_mod._Outputs, "write", real_write)
    s = run_job([str(corpus)], out, nlp=nlp, batch_size=2, resume=True)
    assert output_files(out) == output_files(reference[0])
    assert s.relations == reference[1].relations and s.documents == reference[1].documents
    assert s.resumed_after == state["articles_done"]


@pytest.mark.model
def test_resume_after_a_crash_in_finalize(nlp, corpus, reference, tmp_path, monkeypatch):
    out = tmp_path / "out"
    real = runner_mod.finalize_run

    def half_finalize(out_dir, **kw):
        real(out_dir, **kw)  # did its work (rewrote files), then died before returning
        raise Crash

    monkeypatch.setattr(runner_mod, "finalize_run", half_finalize)
    with pytest.raises(Crash):
        run_job([str(corpus)], out, nlp=nlp, batch_size=2)
    assert json.loads((out / ".actorgraph" / "state.json").read_text())["phase"] == "finalize"
    monkeypatch.setattr(runner_mod, "finalize_run", real)
    run_job([str(corpus)], out, nlp=nlp, batch_size=2, resume=True)
    assert output_files(out) == output_files(reference[0])


@pytest.mark.model
def test_resume_refuses_files_shorter_than_their_checkpoint(nlp, corpus, reference, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(reference[0], out)
    state_path = out / ".actorgraph" / "state.json"
    state = json.loads(state_path.read_text())
    state["phase"] = "extract"
    state_path.write_text(json.dumps(state))
    (out / "relations.jsonl").write_text("", encoding="utf-8")
    with pytest.raises(UsageError, match="shorter than at its last checkpoint"):
        run_job([str(corpus)], out, nlp=nlp, batch_size=2, resume=True)


@pytest.mark.model
def test_report_is_written_when_asked(nlp, corpus, tmp_path, monkeypatch):
    import pipeline.export.report as report_mod

    seen = []

    def fake_report(out_dir, **kw):
        seen.append(Path(out_dir))
        path = Path(out_dir) / "report.html"
        path.write_text("<html></html>", encoding="utf-8")
        return path

    monkeypatch.setattr(report_mod, "write_report", fake_report)
    s = run_job([str(corpus / "article_00001.txt")], tmp_path / "out", nlp=nlp, report=True)
    assert seen == [tmp_path / "out"] and s.report == str(tmp_path / "out" / "report.html")
    assert s.exit_code == 0

    def broken_report(out_dir, **kw):
        raise RuntimeError("no template")

    monkeypatch.setattr(report_mod, "write_report", broken_report)
    s = run_job([str(corpus / "article_00001.txt")], tmp_path / "out2", nlp=nlp, report=True)
    assert "no template" in s.report_error and s.exit_code == 1
    assert (tmp_path / "out2" / "relations.jsonl").stat().st_size > 0


@pytest.mark.model
def test_a_batch_leaves_no_strings_behind_once_the_vocabulary_is_warm(nlp, monkeypatch):
    """Past the warm-up budget, process_batch runs in a spaCy memory zone: a long run's
    vocabulary does not grow."""
    from pipeline.records import Article
    from pipeline.run import workers

    monkeypatch.setattr(workers, "WARM_VOCAB", 0)  # warm already
    word = "Zqxwvjklmnop"
    res = workers.process_batch(nlp, [Article("z", f"{word} said the plan would fail.")], 8)
    assert res[0].n_words > 0
    assert word not in nlp.vocab.strings


def test_the_job_keeps_freed_memory_on_linux():
    """settle_heap tells glibc's malloc not to trim the heap between batches (mallopt)."""
    import sys

    from pipeline.run.workers import keep_freed_memory

    assert keep_freed_memory() is sys.platform.startswith("linux")


def test_settle_heap_freezes_what_is_loaded_after_collecting_only_the_young_garbage():
    import gc
    import weakref

    from pipeline.run.workers import settle_heap

    generations: list[int] = []

    def seen(phase, info):
        if phase == "start":
            generations.append(info["generation"])

    class Cycle:
        pass

    garbage = Cycle()
    garbage.me = garbage  # a cycle the loading left behind, young
    young = weakref.ref(garbage)
    del garbage
    frozen = gc.get_freeze_count()
    gc.callbacks.append(seen)
    try:
        settle_heap()
        assert gc.get_freeze_count() > frozen  # what was loaded is out of the collector's view
    finally:
        gc.callbacks.remove(seen)
        gc.unfreeze()
    assert generations and max(generations) <= 1  # no full collection
    assert young() is None  # the young cycle was collected


def test_batches_keep_their_words_while_the_vocabulary_warms_up():
    """Below WARM_VOCAB lexemes a batch runs outside a memory zone (its words stay, so the
    tokenizer's cache works for the next batches); from WARM_VOCAB on, inside one."""
    import spacy

    from pipeline.run.workers import batch_zone

    nlp = spacy.blank("en")
    with batch_zone(nlp, warm_vocab=len(nlp.vocab) + 10):
        nlp.make_doc("Qzvbwarm first words of the run")
    assert "Qzvbwarm" in nlp.vocab.strings
    with batch_zone(nlp, warm_vocab=len(nlp.vocab)):
        nlp.make_doc("Qzvbzoned words of a later batch")
    assert "Qzvbzoned" not in nlp.vocab.strings
    assert "Qzvbwarm" in nlp.vocab.strings


@pytest.mark.model
@pytest.mark.slow
def test_two_processes_write_the_same_files_as_one(corpus, reference, tmp_path):
    out = tmp_path / "out"
    s = run_job([str(corpus)], out, n_process=2, batch_size=2)
    assert output_files(out) == output_files(reference[0])
    assert s.relations == reference[1].relations > 0
    assert all(n in output_files(out) for n in STREAM_FILES)


@pytest.mark.model
@pytest.mark.slow
def test_a_model_that_fails_in_the_workers_is_a_usage_error(tmp_path):
    (tmp_path / "a.txt").write_text("Clara Voss said it would fail.", encoding="utf-8")
    with pytest.raises(UsageError, match="could not load the model.*no parser"):
        run_job([str(tmp_path / "a.txt")], tmp_path / "out", n_process=2,
                overrides={"model.exclude": ["parser"]})
