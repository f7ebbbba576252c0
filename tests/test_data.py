"""Word lists through the registry: a config's [data] section swaps titles, org aliases,
countries and tone, in the components and after extraction alike (pipeline/data.py)."""

from __future__ import annotations

import pytest
from spacy.util import registry
from typer.testing import CliRunner

from pipeline import data
from pipeline.actors import Countries, create_countries, load_countries, normalize
from pipeline.cli import app
from pipeline.errors import ConfigError
from pipeline.nlp import load_config
from pipeline.tone import cue_tone


@pytest.fixture(autouse=True)
def _defaults():
    data.use_data(None)
    yield
    data.use_data(None)


def _tsv(path, header, *rows):
    path.write_text("# our own test list\n" + "\n".join(["\t".join(header)]
                                                         + ["\t".join(r) for r in rows]) + "\n",
                    encoding="utf-8")
    return str(path)


def test_every_list_has_a_versioned_registered_loader():
    data.register_loaders()
    for name in ("cues", "roles", "titles", "org_aliases", "countries", "tone"):
        assert callable(registry.misc.get(f"actorgraph.{name}.v1")), name


def test_the_default_config_names_each_loader():
    cfg = load_config()
    assert {k: cfg["data"][k]["@misc"] for k in data.KINDS} == {
        k: f"actorgraph.{k}.v1" for k in data.KINDS}


def test_a_config_swaps_the_titles(tmp_path):
    # two words: a word before a given name and a surname is cut by the name trimming
    # (actors/names.trim_name) whatever the titles say, so the test uses a bare surname
    assert normalize("Zorbmaster Voss", "PERSON").name == "Zorbmaster Voss"
    titles = _tsv(tmp_path / "titles.tsv", ["word", "kind", "expansion"], ["zorbmaster", "head", ""])
    cfg = load_config(overrides={"data.titles.path": titles})
    data.use_data(cfg["data"])
    assert normalize("Zorbmaster Voss", "PERSON").name == "Voss"  # cache cleared
    assert normalize("President Voss", "PERSON").name == "President Voss"
    data.use_data(None)
    assert normalize("Zorbmaster Voss", "PERSON").name == "Zorbmaster Voss"


def test_a_config_swaps_tone_and_org_aliases(tmp_path):
    assert cue_tone("praise") == 1.0
    tone = _tsv(tmp_path / "tone.tsv", ["kind", "term", "weight"], ["cue", "praise", "-0.5"])
    orgs = _tsv(tmp_path / "orgs.tsv", ["name", "aliases"], ["Harbour Union", "HBU | Dock Guild"])
    data.use_data(load_config(overrides={"data.tone.path": tone, "data.org_aliases.path": orgs})["data"])
    assert cue_tone("praise") == -0.5 and cue_tone("condemn") is None
    assert normalize("Dock Guild", "ORG").name == "Harbour Union"
    assert normalize("HBU", "ORG").name == "Harbour Union"


def test_a_config_swaps_the_countries_for_another_registered_function():
    base = create_countries()

    @registry.misc("test.countries_with_nordland.v1")
    def with_nordland() -> Countries:
        return Countries({**base.names, "nordland": "NL"}, base.demonyms, base.capitals,
                         {**base.display, "NL": "Nordland"}, base.subnational)

    assert "nordland" not in load_countries().names
    data.use_data({"countries": {"@misc": "test.countries_with_nordland.v1"}})
    assert normalize("Nordland", "GPE").name == "Nordland"
    assert normalize("Nordland", "GPE").key == "country:NL"


def test_a_bad_data_entry_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match=r"bad \[data\] section"):
        data.use_data({"titles": {"@misc": "actorgraph.titles.v1", "path": str(tmp_path / "no.tsv")}})
    (tmp_path / "a.txt").write_text("Clara Voss said so.", encoding="utf-8")
    res = CliRunner().invoke(app, ["run", str(tmp_path / "a.txt"), "--out", str(tmp_path / "out"),
                                   "--set", f"data.tone.path={tmp_path / 'no.tsv'}"])
    assert res.exit_code == 2 and res.output.startswith("error: bad [data] section")
    assert len(res.output.strip().splitlines()) == 1


@pytest.mark.model
def test_a_run_uses_the_configs_titles_in_extraction_and_finalize(tmp_path):
    import json

    from pipeline.run.runner import run_job

    titles = _tsv(tmp_path / "titles.tsv", ["word", "kind", "expansion"], ["zorbmaster", "head", ""])
    (tmp_path / "a.txt").write_text("Zorbmaster Clara Voss said the harbour plan would fail.\n",
                                    encoding="utf-8")
    run_job([str(tmp_path / "a.txt")], tmp_path / "out", overrides={"data.titles.path": titles})
    rels = [json.loads(x) for x in (tmp_path / "out" / "relations.jsonl").read_text().splitlines()]
    assert [r["speaker"]["actor"] for r in rels] == ["Clara Voss"]
    actors = [json.loads(x) for x in (tmp_path / "out" / "actors.jsonl").read_text().splitlines()]
    assert "Clara Voss" in {a["name"] for a in actors}


def test_the_country_gazetteer_is_cached_on_disk(tmp_path, monkeypatch):
    monkeypatch.setenv("ACTORGRAPH_CACHE", str(tmp_path / "cache"))
    data.cached_countries.cache_clear()
    try:
        built = data.cached_countries()
        files = list((tmp_path / "cache").glob("countries-*.marshal"))
        assert len(files) == 1 and built == create_countries()
        data.cached_countries.cache_clear()
        again = data.cached_countries()  # read back from the file
        assert again == built and again is not built
        files[0].write_bytes(b"\x00broken")
        data.cached_countries.cache_clear()
        assert data.cached_countries() == built  # a bad cache is rebuilt, never an error
    finally:
        data.cached_countries.cache_clear()


def test_disk_cached_builds_once_and_rebuilds_when_its_source_changes(tmp_path, monkeypatch):
    monkeypatch.setenv("ACTORGRAPH_CACHE", str(tmp_path / "cache"))
    src = tmp_path / "builder.py"
    src.write_text("v1", encoding="utf-8")
    calls = []

    def build():
        calls.append(1)
        return {"a": (1, "x")}, frozenset({"b"})

    first = data.disk_cached("t", build, dists=("spacy",), sources=[src])
    second = data.disk_cached("t", build, dists=("spacy",), sources=[src])
    assert first == second == ({"a": (1, "x")}, frozenset({"b"})) and len(calls) == 1
    src.write_text("v2", encoding="utf-8")  # the code that builds it changed: a new key
    assert data.disk_cached("t", build, dists=("spacy",), sources=[src]) == first
    assert len(calls) == 2 and len(list((tmp_path / "cache").glob("t-*.marshal"))) == 2
    monkeypatch.setenv("ACTORGRAPH_CACHE", str(src))  # a file, not a folder: cannot write
    assert data.disk_cached("t", build, sources=[src]) == first and len(calls) == 3
