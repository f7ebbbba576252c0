"""The same job on Dask: a LocalCluster on this machine writes byte-identical outputs."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

pytest.importorskip("distributed", reason="optional extra actorgraph[dask] not installed")

from pipeline.run.distributed import parse_address, plugin_name  # noqa: E402
from pipeline.run.runner import UsageError, run_job  # noqa: E402
from pipeline.run.workers import ModelSpec  # noqa: E402

sys.path.insert(0, str(Path(__file__).parent))
from runner_corpus import make_corpus  # noqa: E402
from test_runner import output_files  # noqa: E402


@pytest.mark.parametrize("address, expected", [
    ("local:3", (None, 3)),
    ("local:1", (None, 1)),
    ("tcp://10.1.2.3:8786", ("tcp://10.1.2.3:8786", None)),
    ("scheduler:8786", ("scheduler:8786", None)),
])
def test_parse_address(address, expected):
    assert parse_address(address) == expected


@pytest.mark.parametrize("address", ["local:0", "local:x", "local:-1"])
def test_parse_address_rejects_bad_local(address):
    with pytest.raises(ValueError):
        parse_address(address)


def test_plugin_name_differs_per_model_setup():
    a = plugin_name(ModelSpec("en_core_web_sm"), 32)
    assert a == plugin_name(ModelSpec("en_core_web_sm"), 32)
    assert a != plugin_name(ModelSpec("en_core_web_md"), 32)
    assert a != plugin_name(ModelSpec("en_core_web_sm"), 16)


@pytest.mark.model
@pytest.mark.slow
@pytest.mark.timeout(300)
def test_local_cluster_output_equals_a_local_run(tmp_path):
    from pipeline.nlp import load_nlp

    corpus = make_corpus(tmp_path / "in", 10, sentences=6)
    (corpus / "broken.jsonl").write_text("{not json\n", encoding="utf-8")
    local = tmp_path / "local"
    ref = run_job([str(corpus)], local, nlp=load_nlp(), batch_size=3)
    out = tmp_path / "dask"
    messages: list[str] = []
    s = run_job([str(corpus)], out, dask="local:2", batch_size=3, log=messages.append)
    assert any(m.startswith("dask: 2 workers") for m in messages)
    assert output_files(out) == output_files(local)
    assert s.relations == ref.relations > 0 and s.errors == 1 and s.exit_code == 1


@pytest.mark.model
@pytest.mark.slow
@pytest.mark.timeout(120)
def test_a_model_that_fails_on_the_workers_is_a_usage_error(tmp_path):
    """The client accepts the options, the workers cannot load the pipeline: a one-line error."""
    (tmp_path / "a.txt").write_text("Clara Voss said it would fail.", encoding="utf-8")
    with pytest.raises(UsageError, match="could not load the model.*no parser"):
        run_job([str(tmp_path / "a.txt")], tmp_path / "out", dask="local:1",
                overrides={"model.exclude": ["parser"]})
