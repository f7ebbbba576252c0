"""A hostile corpus: what a real archive throws at the job, and what the job does with it.

Each kind of bad or odd input is either decoded, cut or refused with one line naming the
file (and line), and the rest of the corpus is processed as usual. The corpus is our own
invented text.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

import pytest

import pipeline
from pipeline.actors import MAX_KEY_CHARS, key_slug, name_fits
from pipeline.run.runner import run_job

sys.path.insert(0, str(Path(__file__).parent))
from runner_corpus import article_text, make_corpus  # noqa: E402

VOSS = "Finance Minister Clara Voss said on Tuesday that the budget would protect pensions.\n"


# --- names and ids -----------------------------------------------------------------------------


@pytest.mark.parametrize("name, fits", [
    ("Qasim al-Araji", True),
    ("United Nations Educational, Scientific and Cultural Organization", True),
    ("Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch", True),
    ("a" * 4096, False),
    ("A" * 61, False),
    (" ".join(["Word"] * 17), False),
    ("x" * 121, False),
])
def test_a_name_is_bounded_to_what_a_name_can_be(name, fits):
    assert name_fits(name) is fits


def test_actor_key_slugs_are_short_stable_and_distinct():
    long_a, long_b = "Organisation " * 20 + "Alpha", "Organisation " * 20 + "Beta"
    a, b = key_slug(long_a), key_slug(long_b)
    assert len(a) <= MAX_KEY_CHARS and len(b) <= MAX_KEY_CHARS and a != b
    assert a == key_slug(long_a) and a.startswith("organisation-organisation")
    assert key_slug("Clara Voss") == "clara-voss"  # short names keep their plain slug


@pytest.mark.model
def test_a_4096_character_name_is_no_actor():
    rels, ents = pipeline.extract(["a" * 4096, VOSS, ("B" * 4096) + " said the plan would fail."])
    assert all(len(e.name) <= 120 for e in ents) and ents
    assert all(len(e.actor_id or "") <= len("person:") + MAX_KEY_CHARS for e in ents)
    for r in rels:
        assert r.speaker.actor_id is None or len(r.speaker.actor_id) <= 8 + MAX_KEY_CHARS
        assert all(len(t.name) <= 120 for t in r.about)
    assert any(r.speaker.name == "Clara Voss" for r in rels)


# --- strings that look like paths ------------------------------------------------------------


@pytest.mark.model
def test_a_mistyped_path_is_an_error_never_an_article(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    errors = []
    rels, ents = pipeline.extract(["samples/feeed.jsonl", "feed.csv", "data/2024/news", VOSS],
                                  errors=errors)
    assert [(e.path, e.message) for e in errors] == [
        ("samples/feeed.jsonl", "no such file or directory"),
        ("feed.csv", "no such file or directory"),
        ("data/2024/news", "no such file or directory")]
    assert {r.doc_id for r in rels} == {"text-4"}  # only the real text became an article
    with pytest.raises(FileNotFoundError, match="samples/feeed.jsonl"):
        pipeline.extract(["samples/feeed.jsonl"])


@pytest.mark.parametrize("text, is_input", [
    ("samples/feeed.jsonl", True),
    ("notes.TXT", True),
    ("data/2024/news", True),
    ("-", True),
    ("s3://bucket/news/", True),
    ("The 9/11 commission said the plan had failed.", False),
    ("Voss said: see https://example.org for the plan.", False),
    ("Voss said so.\nfeed.jsonl", False),
    ("word " * 2000, False),
    ("x" * 5000 + ".txt", False),
])
def test_which_strings_are_read_as_inputs(text, is_input):
    from pipeline import _names_input

    assert _names_input(text) is is_input


# --- the hostile corpus, through the batch job -------------------------------------------------

BOMS = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff",
        "utf-32-le": b"\xff\xfe\x00\x00", "utf-32-be": b"\x00\x00\xfe\xff"}
MAX_LENGTH = 5000  # the model's limit in this test (a stand-in for 1,000,000 and 3 MB files)


def hostile_corpus(folder: Path) -> Path:
    rng = random.Random(17)
    make_corpus(folder, 3, sentences=5, seed=4)
    for i, codec in enumerate(sorted(BOMS)):  # decoded by their byte order mark
        (folder / f"{codec}.txt").write_bytes(BOMS[codec] + article_text(rng, 100 + i, 4).encode(codec))
    (folder / "bad16.txt").write_bytes(BOMS["utf-16-le"] + "Voss\nsaid".encode("utf-16-le") + b"\x00\xd8A\x00")
    rows = [f'1,"{article_text(rng, 200, 3)}"', '3,"unclosed', f'4,"{article_text(rng, 201, 3)}"']
    (folder / "feed.csv").write_text("id,text\n" + "\n".join(rows) + "\n", encoding="utf-8")
    # one long text with no headline-shaped lines (so not split into articles): a transcript
    long = "Hearing transcript\n\n" + "\n".join(
        article_text(rng, 300 + i, 6).split("\n\n", 1)[1] for i in range(45))
    assert len(long) > 4 * MAX_LENGTH
    (folder / "transcript.txt").write_text(long, encoding="utf-8")
    (folder / "nobreak.txt").write_text("Voss said " + "x" * (MAX_LENGTH + 500) + "\n", encoding="utf-8")
    (folder / "letters.txt").write_text("a" * 4096 + "\n", encoding="utf-8")
    (folder / "picture.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (folder / "latin1.txt").write_bytes("Caf\xe9 owner Ana Ruiz said prices rose.\n".encode("latin-1"))
    (folder / "empty.txt").write_bytes(b"")
    return folder


@pytest.mark.model
def test_the_hostile_corpus_is_decoded_cut_or_refused_one_line_each(tmp_path):
    from pipeline.nlp import load_nlp

    corpus = hostile_corpus(tmp_path / "in")
    nlp = load_nlp()
    nlp.max_length = MAX_LENGTH
    out = tmp_path / "out"
    said = []
    s = run_job([str(corpus), str(tmp_path / "feeed.jsonl")], out, nlp=nlp, batch_size=4,
                log=said.append)
    errors = [json.loads(x) for x in (out / "errors.jsonl").read_text().splitlines()]
    got = {(Path(e["path"]).name, e["line"]): e["message"] for e in errors}
    csv_lines = (corpus / "feed.csv").read_text(encoding="utf-8").split("\n")
    unclosed_line = csv_lines.index('3,"unclosed') + 1  # rows before it span several lines
    expected = {("bad16.txt", 2): "not valid UTF-16 (little-endian)",
                ("feed.csv", unclosed_line): "quoted field is not closed",
                ("nobreak.txt", 1): "cannot be cut",
                ("picture.txt", None): "binary file",
                ("latin1.txt", 1): "not valid UTF-8",
                ("empty.txt", None): "empty file",
                ("feeed.jsonl", None): "no such file or directory"}
    picture = next(k for k in got if k[0] == "picture.txt")
    expected[picture] = expected.pop(("picture.txt", None))
    assert set(got) == set(expected), got
    for key, words in expected.items():
        assert words in got[key], (key, got[key])
    assert all("\n" not in str(m) for m in got.values())
    assert s.exit_code == 1 and s.errors == len(expected)
    assert sum(m.startswith("error: ") for m in said) == len(expected)

    docs = {Path(d["path"]).name + (f":{d['line']}" if d["path"].endswith(".csv") else ""): d
            for d in map(json.loads, (out / "documents.jsonl").read_text().splitlines())}
    rels = [json.loads(x) for x in (out / "relations.jsonl").read_text().splitlines()]
    by_doc: dict[str, list] = {}
    for r in rels:
        by_doc.setdefault(r["doc_id"], []).append(r)
    # decoded: offsets index the text decoded by the byte order mark, as for UTF-8
    for codec in BOMS:
        d = docs[f"{codec}.txt"]
        text = (corpus / f"{codec}.txt").read_bytes().decode(codec[:6])
        assert d["relations"] > 0 and by_doc[d["doc_id"]]
        for r in by_doc[d["doc_id"]]:
            assert text[r["cue"]["start"]:r["cue"]["end"]] == r["cue"]["text"]
    # cut: the transcript over max_length gives statements from its start to its end
    d = docs["transcript.txt"]
    text = (corpus / "transcript.txt").read_text(encoding="utf-8")
    trs = by_doc[d["doc_id"]]
    assert len(trs) > 40 and max(r["cue"]["start"] for r in trs) > 0.9 * len(text)
    assert all(text[r["cue"]["start"]:r["cue"]["end"]] == r["cue"]["text"] for r in trs)
    # the CSV rows around the unclosed quote are read
    csv_docs = {d["doc_id"] for d in docs.values() if d["path"].endswith("feed.csv")}
    assert csv_docs == {"1", "4"}
    # the 4,096-letter "name" makes no actor; every actor id is a short slug
    assert "letters.txt" in docs
    actors = [json.loads(x) for x in (out / "actors.jsonl").read_text().splitlines()]
    assert actors and all(len(a["id"]) <= len("person:") + MAX_KEY_CHARS for a in actors)
    assert all(len(a["name"]) <= 120 for a in actors)
    ents = [json.loads(x) for x in (out / "entities.jsonl").read_text().splitlines()]
    assert all(len(e["name"]) <= 120 for e in ents)


def test_the_readme_says_what_is_decoded_cut_or_refused():
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    bad = readme.split("- **Bad input**", 1)[1].split("\n### ", 1)[0].split("\n\n", 1)[0]
    for words in ("*decoded*", "UTF-16 and UTF-32", "*cut*", "max_length", "paragraph breaks",
                  "*refused*", '3,"unclosed', "no break to cut at", "120 characters"):
        assert words in bad, words
