"""Faults mid-run: a disk that fills up, a worker that is killed, a checkpoint that is corrupt.

``FullDisk`` makes every write to a file under the output folder fail with ENOSPC once a byte
budget is spent (the write that crosses the line writes what fits first, as a real disk
does), through ``open`` and ``os.fdopen`` (the atomic writes), so the runner, finalize and
the exporters all meet it where they really write. The run must stop with one line and exit 3,
leave nothing corrupted, and ``--resume`` after space is freed must give files identical to an
uninterrupted run. The soak test chains all three faults on one corpus.
"""

from __future__ import annotations

import builtins
import errno
import functools
import json
import os
import signal
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

import pipeline.run.runner as runner_mod
from pipeline.cli import app
from pipeline.run.runner import STREAM_FILES, run_job

sys.path.insert(0, str(Path(__file__).parent))
from runner_corpus import make_corpus  # noqa: E402
from test_runner import output_files  # noqa: E402

BATCH = 2


class FullDisk:
    """Writes under ``root`` raise ENOSPC once ``budget`` bytes are written; ``free()`` ends it."""

    def __init__(self, root: Path, budget: int) -> None:
        self.root = str(Path(root).resolve())
        self.left = budget
        self.full = False  # whether a write has failed
        self._real_open = builtins.open
        self._real_fdopen = os.fdopen

    def __enter__(self) -> FullDisk:
        disk = self

        def open_(file, mode="r", *args, **kwargs):
            fh = disk._real_open(file, mode, *args, **kwargs)
            if isinstance(file, (str, Path)) and set(mode) & set("wax+") and disk.under(file):
                return _Budgeted(fh, disk, str(file))
            return fh

        def fdopen(fd, mode="r", *args, **kwargs):
            path = os.readlink(f"/proc/self/fd/{fd}")
            fh = disk._real_fdopen(fd, mode, *args, **kwargs)
            return _Budgeted(fh, disk, path) if disk.under(path) else fh

        builtins.open, os.fdopen = open_, fdopen
        return self

    def __exit__(self, *exc) -> None:
        self.free()

    def free(self) -> None:
        builtins.open, os.fdopen = self._real_open, self._real_fdopen

    def under(self, path) -> bool:
        return os.path.abspath(path).startswith(self.root + os.sep)


class _Budgeted:
    def __init__(self, fh, disk: FullDisk, name: str) -> None:
        self._fh, self._disk, self._name = fh, disk, name

    def write(self, data):
        size = len(data.encode("utf-8") if isinstance(data, str) else data)
        if size <= self._disk.left:
            self._disk.left -= size
            return self._fh.write(data)
        fits = data[: self._disk.left] if not isinstance(data, str) else \
            data.encode("utf-8")[: self._disk.left].decode("utf-8", errors="ignore")
        self._fh.write(fits)
        self._disk.left = 0
        self._disk.full = True
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._fh.close()

    def __iter__(self):
        return iter(self._fh)

    def __getattr__(self, name):
        return getattr(self._fh, name)


def invoke_run(nlp, corpus: Path, out: Path, *extra: str, **run_kwargs):
    """``actorgraph run`` in this process, with the module's loaded model (and checkpoints
    after every batch, so a fault has checkpoints behind it)."""
    real = runner_mod.run_job
    runner_mod.run_job = functools.partial(real, nlp=nlp, checkpoint_every=0.0, **run_kwargs)
    try:
        return CliRunner().invoke(app, ["run", str(corpus), "--out", str(out), "--batch-size",
                                        str(BATCH), "--quiet", *extra])
    finally:
        runner_mod.run_job = real


def assert_intact(out: Path) -> dict:
    """Nothing already written is corrupted: the checkpoint parses, each streamed file holds at
    least its checkpointed bytes and those are whole JSON lines, no temporary file is left."""
    state = runner_mod._read_state(out)  # the last checkpoint, or the one before it
    for name in STREAM_FILES:
        data = (out / name).read_bytes()
        kept = data[: state["sizes"][name]]
        assert len(data) >= state["sizes"][name]
        assert kept == b"" or kept.endswith(b"\n")
        for line in kept.decode("utf-8").splitlines():
            json.loads(line)
    for name in ("actors.jsonl",):
        if (out / name).exists():
            for line in (out / name).read_text().splitlines():
                json.loads(line)
    assert not [p.name for p in out.rglob("*.tmp")]
    return state



@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return make_corpus(tmp_path_factory.mktemp("faults") / "in", 12, sentences=6, seed=11)


@pytest.fixture(scope="module")
def reference(nlp, corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("ref") / "out"
    run_job([str(corpus)], out, nlp=nlp, batch_size=BATCH)
    streamed = sum((out / n).stat().st_size for n in STREAM_FILES)
    return out, streamed


@pytest.mark.model
@pytest.mark.parametrize("where", ["extraction", "finalize"])
def test_disk_full_stops_with_exit_3_and_resume_gives_identical_files(
        nlp, corpus, reference, tmp_path, where):
    ref, streamed = reference
    out = tmp_path / "out"
    # mid-extraction: 40% of the streamed bytes; in finalize: every streamed byte and the
    # checkpoints fit, the rewritten relations.jsonl does not
    budget = int(0.4 * streamed) if where == "extraction" else streamed + 20_000
    with FullDisk(out, budget) as disk:
        res = invoke_run(nlp, corpus, out)
    assert disk.full, "the fault was injected"
    assert res.exit_code == 3, res.output
    lines = res.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: No space left on device (")
    assert "free some space, then run the same command with --resume" in lines[0]
    state = assert_intact(out)
    assert state["phase"] == ("extract" if where == "extraction" else "finalize")
    if where == "extraction":
        assert 0 < state["articles_done"] < 12
    res = invoke_run(nlp, corpus, out, "--resume")
    assert res.exit_code == 0, res.output
    assert output_files(out) == output_files(ref)


@pytest.mark.model
def test_disk_full_while_writing_the_checkpoint_keeps_the_previous_one(
        nlp, corpus, reference, tmp_path, monkeypatch):
    ref, _ = reference
    out = tmp_path / "out"
    real = runner_mod._write_state
    calls = {"n": 0}

    def failing(out_dir, state):
        calls["n"] += 1
        if calls["n"] == 4:
            with FullDisk(out_dir, 10):
                real(out_dir, state)
        real(out_dir, state)

    monkeypatch.setattr(runner_mod, "_write_state", failing)
    res = invoke_run(nlp, corpus, out)
    assert res.exit_code == 3 and "No space left on device" in res.output
    state = assert_intact(out)
    assert state["phase"] == "extract" and state["articles_done"] > 0
    monkeypatch.setattr(runner_mod, "_write_state", real)
    assert invoke_run(nlp, corpus, out, "--resume").exit_code == 0
    assert output_files(out) == output_files(ref)


@pytest.mark.model
def test_a_corrupt_checkpoint_resumes_from_the_one_before(nlp, corpus, reference, tmp_path,
                                                         monkeypatch):
    ref, _ = reference
    out = tmp_path / "out"

    class Crash(Exception):
        pass

    real = runner_mod._write_state
    calls = {"n": 0}

    def crash_later(out_dir, state):
        real(out_dir, state)
        calls["n"] += 1
        if calls["n"] == 4:
            raise Crash

    monkeypatch.setattr(runner_mod, "_write_state", crash_later)
    with pytest.raises(Crash):
        run_job([str(corpus)], out, nlp=nlp, batch_size=BATCH, checkpoint_every=0.0)
    monkeypatch.setattr(runner_mod, "_write_state", real)
    (out / ".actorgraph" / "state.json").write_bytes(b'{"version": 1, "sizes": {"rel')
    said = []
    s = run_job([str(corpus)], out, nlp=nlp, batch_size=BATCH, resume=True, log=said.append)
    assert any("resuming from the checkpoint before it" in m for m in said)
    assert s.resumed_after > 0
    assert output_files(out) == output_files(ref)


# --- soak: every fault in one corpus ---------------------------------------------------------


@pytest.mark.model
@pytest.mark.slow
@pytest.mark.timeout(120)
def test_soak_disk_full_killed_worker_corrupt_checkpoint_then_every_statement_once(
        nlp, tmp_path):
    """One corpus, three faults in a row, then a clean resume: every document's statements
    are present exactly once (and the files equal an uninterrupted run's)."""
    t0 = time.monotonic()
    corpus = make_corpus(tmp_path / "in", 16, sentences=4, seed=23)
    ref = tmp_path / "ref"
    run_job([str(corpus)], ref, nlp=nlp, batch_size=BATCH)
    out = tmp_path / "out"

    # 1. the disk fills up a quarter of the way in
    streamed = sum((ref / n).stat().st_size for n in STREAM_FILES)
    with FullDisk(out, streamed // 4) as disk:
        res = invoke_run(nlp, corpus, out)
    assert disk.full and res.exit_code == 3, res.output
    first = assert_intact(out)["articles_done"]

    # 2. resumed on two worker processes; one worker is killed once more work is checkpointed
    real_write_state = runner_mod._write_state
    engines, killed = [], []
    real_engine = runner_mod._engine

    def keep_engine(*args, **kwargs):
        engines.append(real_engine(*args, **kwargs))
        return engines[-1]

    def kill_a_worker(out_dir, state):
        real_write_state(out_dir, state)
        if state["articles_done"] >= first + 2 * BATCH and engines and not killed:
            pid = next(iter(engines[0]._pool._processes))
            os.kill(pid, signal.SIGKILL)
            killed.append(pid)

    runner_mod._engine, runner_mod._write_state = keep_engine, kill_a_worker
    try:
        res = invoke_run(nlp, corpus, out, "--resume", "--n-process", "2")
    finally:
        runner_mod._engine, runner_mod._write_state = real_engine, real_write_state
    assert killed, res.output
    assert res.exit_code == 3 and "died" in res.output, res.output
    second = assert_intact(out)["articles_done"]
    assert first < second < 16

    # 3. the last checkpoint is corrupt (a disk that lost the last write)
    (out / ".actorgraph" / "state.json").write_text("{\"version\": 1, \"phase\": \"ext")
    res = invoke_run(nlp, corpus, out, "--resume")
    assert res.exit_code == 0, res.output

    rels = [json.loads(x) for x in (out / "relations.jsonl").read_text().splitlines()]
    want = [json.loads(x) for x in (ref / "relations.jsonl").read_text().splitlines()]
    key = lambda r: (r["doc_id"], r["cue"]["start"], r["content_start"])  # noqa: E731
    assert len({key(r) for r in rels}) == len(rels) == len(want)  # none twice, none lost
    assert sorted(map(key, rels)) == sorted(map(key, want))
    docs = [json.loads(x)["doc_id"] for x in (out / "documents.jsonl").read_text().splitlines()]
    assert len(docs) == len(set(docs)) == 16
    assert output_files(out) == output_files(ref)
    assert time.monotonic() - t0 < 90  # ~50 s on a busy 2-core machine
