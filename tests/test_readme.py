"""The README's Python examples run as written (in a scratch folder holding a copy of samples/)."""

import re
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BLOCKS = re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)


def test_readme_has_python_examples():
    assert len(BLOCKS) >= 3


@pytest.mark.model
@pytest.mark.parametrize("index", range(len(BLOCKS)))
def test_readme_example_runs(index, tmp_path, monkeypatch, capsys):
    shutil.copytree(ROOT / "samples", tmp_path / "samples")
    monkeypatch.chdir(tmp_path)
    exec(compile(BLOCKS[index], f"README.md python block {index + 1}", "exec"), {"__name__": "__readme__"})
    printed = capsys.readouterr().out
    assert printed.strip(), "every README example prints what it shows"
    # files an example writes go where it says: under out/ (git-ignored), never the root
    left = sorted(p.name for p in tmp_path.iterdir() if p.name not in ("samples", "out"))
    assert left == [], f"README python block {index + 1} wrote {left} into the current folder"
    code = "\n".join(line for line in BLOCKS[index].splitlines() if not line.lstrip().startswith("#"))
    for written in re.findall(r'"(out/[^"]+)"', code):
        assert (tmp_path / written).is_file(), written


def test_the_pandas_example_names_an_install_that_brings_pandas():
    """After the Quick Start install (no extras), the pandas example must say how to get
    pandas, and the extra it names must exist and bring pandas."""
    block = next(b for b in BLOCKS if "import pandas" in b)
    extras = re.findall(r'pip install "\.\[(\w+)\]"', block)
    assert extras, "the pandas example names its install line"
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")  # (tomllib: 3.11+)
    optional = pyproject.split("[project.optional-dependencies]", 1)[1].split("\n[", 1)[0]
    for extra in extras:
        deps = re.search(rf"^{extra}\s*=\s*\[(.*?)\]", optional, re.M | re.S)
        assert deps and re.search(r'"pandas\b', deps.group(1)), extra


def test_run_outputs_are_git_ignored():
    """The README's examples write to out/; a run folder elsewhere holds .actorgraph/."""
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert "/out*/" in ignored and ".actorgraph/" in ignored
    assert "/actors.graphml" in ignored and "/actors.gexf" in ignored
