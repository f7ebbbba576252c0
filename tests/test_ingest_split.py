"""Splitting a .txt file into its articles (invented multi-article files)."""

import pytest

from pipeline.ingest.split import split_articles

BODY_A = (
    "Finance Minister Clara Voss said on Tuesday that the budget would protect pensions.\n\n"
    "“We will not cut them,” Voss told reporters in Oslo.\n"
)
BODY_B = (
    "Interior Minister Lena Okafor warned on Wednesday that roads would close for the summit.\n\n"
    "She said residents should carry identification at all times.\n"
)
BODY_C = "Trade Minister Nadia Kareem said the new border crossing would open in the spring.\n"

SEED_LIKE_B = (
    "Nigeria Tightens Security Ahead of Summit\n\n"
    "Police officers patrol a street in Abuja. (AFP)\n"
    "Police officers patrol a street in Abuja. (AFP)\n"
    "TT\n\n"
    "Nigeria Tightens Security Ahead of Summit\n\n"
    "Police officers patrol a street in Abuja. (AFP)\n"
    "Police officers patrol a street in Abuja. (AFP)\n\n"
    + BODY_B
)


def pieces(text):
    return [text[s.start:s.end] for s in split_articles(text)]


@pytest.mark.parametrize("text, n", [
    # three blank lines and a headline
    ("Budget Protects Pensions\n\n" + BODY_A + "\n\n\n" + SEED_LIKE_B, 2),
    # two blank lines are enough before a headline
    ("Budget Protects Pensions\n\n" + BODY_A + "\n\n" + "Roads Close for Summit\n\n" + BODY_B, 2),
    # the repeated headline block marks a new article even after one blank line
    ("Budget Protects Pensions\n\n" + BODY_A + "\n" + SEED_LIKE_B, 2),
    # a header line starts an article
    (BODY_A + "\n date 2024-12-03 2024-12-03 17:22:05 - From: Tigris Daily\n\n" + BODY_C, 2),
    # three articles
    ("Budget Protects Pensions\n\n" + BODY_A + "\n\n\n" + SEED_LIKE_B + "\n\n\nCrossing Opens\n\n"
     + BODY_C, 3),
])
def test_multi_article_files_split(text, n):
    arts = pieces(text)
    assert len(arts) == n
    # each piece starts at the beginning of its first line and ends at its last character
    assert all(a == a.rstrip() and a.lstrip(" ")[:1] not in ("", "\n", "\r") for a in arts)


@pytest.mark.parametrize("text", [
    # one article with the seed-like repeated block
    SEED_LIKE_B,
    # subheadings after one blank line
    BODY_A + "\nPensions and Schools\n\n" + BODY_B + "\nWhat Comes Next\n\n" + BODY_C,
    # paragraphs separated by several blank lines are still one article
    BODY_A.replace("\n\n", "\n\n\n\n") + "\n\n\n" + BODY_B,
    # a headline with two blank lines before its body
    "Budget Protects Pensions\n\n\n" + BODY_A,
    # a trailing line without a body of its own stays with the article
    BODY_A + "\n\n\nRead More\n",
    # no headlines at all
    BODY_A + BODY_B,
])
def test_single_article_files_stay_whole(text):
    assert len(split_articles(text)) == 1


def test_spans_are_exact_and_lines_are_right():
    text = "\n\nBudget Protects Pensions\n\n" + BODY_A + "\n\n\n" + SEED_LIKE_B + "\n\n"
    spans = split_articles(text)
    assert [s.line for s in spans] == [3, 11]
    assert text[spans[0].start:spans[0].end].startswith("Budget Protects Pensions")
    assert text[spans[0].start:spans[0].end].endswith("in Oslo.")
    assert text[spans[1].start:spans[1].end] == SEED_LIKE_B.rstrip()
    for s in spans:
        assert text.count("\n", 0, s.start) + 1 == s.line


def test_crlf_files_split_the_same_way():
    text = "Budget Protects Pensions\n\n" + BODY_A + "\n\n\n" + SEED_LIKE_B
    crlf = text.replace("\n", "\r\n")
    assert [p.replace("\r\n", "\n") for p in pieces(crlf)] == pieces(text)


@pytest.mark.parametrize("text", ["", "\n\n", "   \n\t\n"])
def test_blank_text_has_no_articles(text):
    assert split_articles(text) == []
