"""Resume for real: ``actorgraph run`` in a subprocess, killed with SIGKILL, then ``--resume``.

The final files must equal an uninterrupted run's byte for byte: no relation lost, none
duplicated. Two kills: in the middle of extraction (after the checkpoint shows progress; the
files then hold more than the checkpoint says, often half a line) and in the middle of
finalize (after it has replaced its first file).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.run.runner import run_job

sys.path.insert(0, str(Path(__file__).parent))
from runner_corpus import make_corpus  # noqa: E402
from test_runner import output_files  # noqa: E402

pytestmark = [pytest.mark.model, pytest.mark.slow, pytest.mark.timeout(300)]

ROOT = Path(__file__).resolve().parents[1]
BATCH = 4

# Runs the CLI, but SIGKILLs itself right after finalize has replaced its first output file.
KILL_IN_FINALIZE = """
import os, signal, sys
real_replace = os.replace
def replace(src, dst, *a, **k):
    real_replace(src, dst, *a, **k)
    if os.path.basename(os.path.dirname(str(dst))) != ".actorgraph":  # not a checkpoint
        os.kill(os.getpid(), signal.SIGKILL)
os.replace = replace
from pipeline.cli import main
sys.argv = ["actorgraph"] + sys.argv[1:]
main()
"""


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "pipeline", "run", *args]


def _state(out: Path) -> dict:
    try:
        return json.loads((out / ".actorgraph" / "state.json").read_text())
    except (FileNotFoundError, ValueError):
        return {}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    # big enough that the run is still extracting a second or more after its first checkpoint
    return make_corpus(tmp_path_factory.mktemp("resume") / "in", 100, sentences=10)


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory):
    from pipeline.nlp import load_nlp

    out = tmp_path_factory.mktemp("ref") / "out"
    run_job([str(corpus)], out, nlp=load_nlp(), batch_size=BATCH)
    return out


def test_sigkill_mid_extraction_then_resume(corpus, reference, tmp_path):
    out = tmp_path / "out"
    proc = subprocess.Popen(_cli(str(corpus), "--out", str(out), "--batch-size", str(BATCH),
                                 "--quiet"), env=_env(), cwd=tmp_path,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if _state(out).get("articles_done", 0) >= BATCH:
            break
        time.sleep(0.02)
    assert proc.poll() is None, f"the run ended before it could be killed: {proc.stderr.read()}"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    proc.stderr.close()
    state = _state(out)
    assert state["phase"] == "extract" and 0 < state["articles_done"] < 100
    written = (out / "documents.jsonl").stat().st_size
    assert written >= state["sizes"]["documents.jsonl"]

    res = subprocess.run(_cli(str(corpus), "--out", str(out), "--batch-size", str(BATCH),
                              "--resume"), env=_env(), cwd=tmp_path, capture_output=True,
                         text=True, timeout=240)
    assert res.returncode == 0, res.stderr
    assert f"resumed after {state['articles_done']} articles" in res.stdout
    assert output_files(out) == output_files(reference)
    docs = (out / "documents.jsonl").read_text().splitlines()
    assert len(docs) == len({json.loads(d)["doc_id"] for d in docs}) == 100


def test_sigkill_during_finalize_then_resume(corpus, reference, tmp_path):
    out = tmp_path / "out"
    small = [str(p) for p in sorted(corpus.glob("*.txt"))[:12]]
    from pipeline.nlp import load_nlp

    ref = tmp_path / "ref"
    run_job(small, ref, nlp=load_nlp(), batch_size=BATCH)
    res = subprocess.run([sys.executable, "-c", KILL_IN_FINALIZE, "run", *small, "--out", str(out),
                          "--batch-size", str(BATCH), "--quiet"], env=_env(), cwd=tmp_path,
                         capture_output=True, text=True, timeout=240)
    assert res.returncode == -signal.SIGKILL, res.stderr
    assert _state(out)["phase"] == "finalize"
    res = subprocess.run(_cli(*small, "--out", str(out), "--batch-size", str(BATCH), "--resume",
                              "--quiet"), env=_env(), cwd=tmp_path, capture_output=True,
                         text=True, timeout=240)
    assert res.returncode == 0, res.stderr
    assert output_files(out) == output_files(ref)
    assert json.loads((out / "summary.json").read_text())["documents"] == 12


def test_sigkill_of_a_two_process_run_leaves_no_workers_and_resumes(corpus, reference, tmp_path):
    psutil = pytest.importorskip("psutil")
    out = tmp_path / "out"
    proc = subprocess.Popen(_cli(str(corpus), "--out", str(out), "--batch-size", str(BATCH),
                                 "--n-process", "2", "--quiet"), env=_env(), cwd=tmp_path,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if _state(out).get("articles_done", 0) >= BATCH:
            break
        time.sleep(0.02)
    assert proc.poll() is None, "the run ended before it could be killed"
    helpers = psutil.Process(proc.pid).children(recursive=True)
    assert len(helpers) >= 2  # the workers (and the forkserver)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    gone, alive = psutil.wait_procs(helpers, timeout=20)
    for p in alive:  # do not leave them behind even when the test fails
        p.kill()
    assert not alive, f"worker processes outlived the killed run: {alive}"

    res = subprocess.run(_cli(str(corpus), "--out", str(out), "--batch-size", str(BATCH),
                              "--n-process", "2", "--resume", "--quiet"), env=_env(),
                         cwd=tmp_path, capture_output=True, text=True, timeout=240)
    assert res.returncode == 0, res.stderr
    assert output_files(out) == output_files(reference)
