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
from pipeline.runner import run_job

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
