"""pipeline/stages.py: the measured stage breakdown the throughput benchmark prints."""

from __future__ import annotations

import time

import pytest

from pipeline import stages


@pytest.fixture
def on():
    before = stages._TIMES
    stages.enable()
    yield
    stages._TIMES = before


def test_stages_add_wall_time_only_when_enabled(on):
    with stages.stage("x"):
        time.sleep(0.02)
    items = list(stages.timed_iter("y", iter([1, 2])))
    assert items == [1, 2]
    t = stages.times()
    assert t["x"] >= 0.02 and "y" in t
    with stages.stage("busy"):
        sum(i * i for i in range(300_000))
    cpu = stages.cpu_times()
    assert cpu["x"] < 0.015 <= t["x"]  # sleeping costs wall time, not CPU time
    assert cpu["busy"] > 0 and set(cpu) == set(stages.times())


def test_off_costs_nothing_and_records_nothing():
    before = stages._TIMES
    stages._TIMES = None
    try:
        with stages.stage("x"):
            pass
        assert list(stages.timed_iter("y", iter([3]))) == [3]
        assert stages.times() == {} and stages.cpu_times() == {}
    finally:
        stages._TIMES = before


@pytest.mark.model
def test_a_run_reports_each_stage(on, tmp_path):
    from pipeline.run.runner import run_job

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Finance Minister Clara Voss said the plan would fail.\n",
                                           encoding="utf-8")
    run_job([str(tmp_path / "in")], tmp_path / "out")
    t = stages.times()
    for name in ("data", "model", "reading", "cleaning", "dedup", "pipe", "records", "encoding",
                 "writing", "finalize", "graph files", "summary",
                 "component:actorgraph_attribution", "component:actorgraph_actor_facts"):
        assert name in t, name
    assert t["pipe"] >= t["component:actorgraph_attribution"]
    assert t["finalize"] >= t["graph files"]
