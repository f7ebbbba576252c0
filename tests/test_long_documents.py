"""Documents longer than the model's max_length are cut into pieces, not dropped.

The real small model with a small ``max_length`` stands in for a multi-megabyte transcript
(same code path, seconds instead of minutes); ``cut_text`` itself is checked on 3 MB.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

from pipeline.ingest import clean_article
from pipeline.process import PIECE_CHARS, cut_text, process_articles
from pipeline.records import Article

sys.path.insert(0, str(Path(__file__).parent))
from runner_corpus import article_text  # noqa: E402


def long_text(n_articles: int, seed: int = 3) -> str:
    rng = random.Random(seed)
    return "".join(article_text(rng, i, 9) + "\n" for i in range(n_articles))


@pytest.mark.parametrize("text, size", [
    ("First para. Still first.\n\nSecond para here.\n\nThird.", 30),
    ("line one is here\nline two is here\nline three\n", 20),
    ("One sentence here. Another one here. A third one! And a fourth? Yes.", 25),
    ("\u201cQuoted.\u201d Then more text follows. And more.", 26),
])
def test_cut_text_covers_the_text_in_pieces_under_the_size_at_breaks(text, size):
    pieces = cut_text(text, size)
    assert isinstance(pieces, list) and len(pieces) > 1
    assert pieces[0][0] == 0 and pieces[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(pieces, pieces[1:]))  # consecutive, no gap
    assert all(0 < e - s <= size for s, e in pieces)
    for s, e in pieces[:-1]:  # every cut follows a break: a newline, or a sentence end + space
        assert text[e - 1] == "\n" or (text[e - 1] == " " and text[e - 2] in ".!?\u201d")


def test_a_stretch_with_no_break_cannot_be_cut():
    assert cut_text("word " * 5 + "x" * 100 + " tail.", 40) == 0
    assert cut_text("A sentence. " + "y" * 100, 40) == 12  # where the uncuttable stretch starts


def test_cut_text_on_three_megabytes_is_fast_and_exact():
    text = long_text(4200)
    assert len(text) > 3_000_000
    pieces = cut_text(text, PIECE_CHARS)
    assert isinstance(pieces, list)
    assert len(text) / PIECE_CHARS < len(pieces) < 1.05 * len(text) / PIECE_CHARS + 1
    assert "".join(text[s:e] for s, e in pieces) == text
    assert all(text[e - 2:e] == "\n\n" for _, e in pieces[:-1])  # paragraph breaks exist: used



@pytest.mark.model
def test_a_document_over_max_length_is_processed_in_pieces(nlp):
    text = "Transcript of the hearing\n\n" + long_text(40)
    art = Article("long", text, path="long.txt", start=0, line=1)
    whole = next(process_articles(nlp, [art]))
    old = nlp.max_length
    nlp.max_length = 2500
    try:
        assert len(clean_article(text).clean.text) > 10 * nlp.max_length
        res = next(process_articles(nlp, [art, Article("short", "Voss said the dam would fail.")]))
        short = next(process_articles(nlp, [Article("short", "Voss said the dam would fail.")]))
    finally:
        nlp.max_length = old
    assert res.error is None and short.error is None
    assert res.n_words == pytest.approx(whole.n_words, rel=0.01)
    assert len(res.relations) >= 0.9 * len(whole.relations) > 30
    for rel in res.relations:  # offsets index the original text
        assert text[rel.cue.start:rel.cue.end] == rel.cue.text
        if rel.speaker is not None:  # None: the text names no source
            assert text[rel.speaker.start:rel.speaker.end] == rel.speaker.mention
        assert " ".join(text[s:e] for s, e in rel.content_spans) == rel.content
    for ent in res.entities:
        assert text[ent.start:ent.end] == ent.text
    # statements from the end of the transcript are there, not only its first piece
    assert max(r.cue.start for r in res.relations) > 0.9 * len(text)
    same = {(r.cue.start, r.content) for r in whole.relations}
    assert len(same & {(r.cue.start, r.content) for r in res.relations}) >= 0.9 * len(same)


@pytest.mark.model
def test_a_document_that_cannot_be_cut_is_one_error(nlp):
    old = nlp.max_length
    nlp.max_length = 200
    try:
        res = list(process_articles(nlp, [Article("x", "Voss said " + "a" * 400, path="x.txt"),
                                          Article("ok", "Voss said the dam would fail.")]))
    finally:
        nlp.max_length = old
    assert res[0].relations == [] and "max_length" in res[0].error.message
    assert "cannot be cut" in res[0].error.message and "\n" not in str(res[0].error)
    assert res[1].error is None and res[1].relations
