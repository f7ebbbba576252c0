"""Duplicate articles: the same story through several files is recognised; different stories
that share a headline or a caption are not."""

import sys

import pytest

from pipeline.ingest import Deduplicator, clean_article, fingerprint
from pipeline.ingest.dedup import similarity
from pipeline.records import Article

HEADLINE = "Iraq Says Water Talks With Türkiye Will Resume"
CAPTION = "Iraqi Foreign Minister Samir al-Hadid speaks in Baghdad. (Reuters)"
BODY = [
    "Iraqi Foreign Minister Samir al-Hadid said on Monday that talks with Türkiye over water "
    "sharing on the Tigris would resume in December.",
    "“We have agreed on a calendar, and both delegations are ready,” al-Hadid told reporters.",
    "The foreign minister added that Iraqi engineers would join the technical committee.",
    "“Water is not a bargaining chip,” he said, “it is a shared responsibility.”",
    "According to the ministry, the flow of the Tigris fell by a third in November 2024.",
    "Turkish Energy Minister Deniz Aksoy welcomed the announcement on Tuesday evening.",
]
OTHER_BODY = [
    "Iraqi Trade Minister Nadia Kareem said the new crossing near Zakho would open in spring.",
    "“Trucks wait for days at the old crossing,” analyst Dara Salih told reporters on Monday.",
    "The trade minister stressed that Iraqi farmers would be the first to benefit from it.",
    "Customs officers from both countries will work side by side, the ministry said.",
]


def seed_like(body, headline=HEADLINE, caption=CAPTION):
    block = f"{headline}\n\n{caption}\n{caption}\n"
    return f"{block}TT\n\n{block}\n" + "\n\n".join(body) + "\n"


def art(doc_id, text):
    return Article(doc_id=doc_id, text=text)


VARIANTS = {
    "exact copy": seed_like(BODY),
    "no repeated block": f"{HEADLINE}\n\n" + "\n\n".join(BODY) + "\n",
    "body only": "\n\n".join(BODY),
    "other header and dateline": (" date 2024-11-19 2024-11-19 08:40:10 - From: Tigris Daily\n\n"
                                  "Tigris Daily/ " + "\n\n".join(BODY) + "\n"),
    "other whitespace and wrapping": "\n".join(BODY).replace(" ", "  ").replace(", ", ",\n"),
    "CRLF and straight quotes": ("\r\n\r\n".join(BODY).replace("“", '"').replace("”", '"')),
    "glued words": "\n\n".join(BODY).replace("technical committee", "technicalcommittee")
                                    .replace("in December", "inDecember"),
    "one sentence edited": "\n\n".join(BODY[:-1] + [BODY[-1].replace("Tuesday", "Wednesday")]
                                       + [BODY[0]]),
    "in a JSONL record with a title field": "\n".join(BODY),
}


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_copies_of_one_article_are_duplicates(variant):
    d = Deduplicator()
    assert d.check(art("first", seed_like(BODY))) is None
    assert d.check(art("second", VARIANTS[variant])) == "first"


@pytest.mark.parametrize("text", [
    # the same headline and caption over a different story
    seed_like(OTHER_BODY),
    # the same caption only
    f"Trade Crossing Opens\n\n{CAPTION}\n\n" + "\n\n".join(OTHER_BODY),
    # two sentences in common, the rest different
    "\n\n".join(OTHER_BODY + BODY[:2]),
    # a short piece that quotes the first paragraph
    BODY[0],
    # half of the article: a different (shorter) story
    "\n\n".join(BODY[:3]),
])
def test_different_articles_are_not_duplicates(text):
    d = Deduplicator()
    assert d.check(art("first", seed_like(BODY))) is None
    assert d.check(art("second", text)) is None


def test_every_later_copy_points_at_the_first():
    d = Deduplicator()
    results = [d.check(art(f"d{i}", t)) for i, t in enumerate(
        [seed_like(BODY), seed_like(OTHER_BODY), VARIANTS["body only"],
         VARIANTS["other header and dateline"], seed_like(OTHER_BODY, headline="Other Headline")])]
    assert results == [None, None, "d0", "d0", "d1"]
    assert len(d) == 2  # duplicates are not remembered


def test_cleaned_text_can_be_passed_in():
    d = Deduplicator()
    text = seed_like(BODY)
    c = clean_article(text)
    assert d.check(art("a", text), c) is None
    assert d.check(art("b", text), clean_article(text)) == "a"


def test_articles_without_a_body_are_never_duplicates():
    d = Deduplicator()
    assert d.check(art("a", "   \n")) is None
    assert d.check(art("b", "   \n")) is None


def test_fingerprint_is_small_and_fixed_size():
    short = fingerprint(clean_article("\n\n".join(BODY)))
    long_ = fingerprint(clean_article("\n\n".join(
        f"Sentence number {i} of a very long article about water talks." for i in range(5000))))
    assert short is not None and long_ is not None
    assert len(long_.sketch) == 16 and long_.sentences == 5000
    assert sys.getsizeof(long_.sketch) == sys.getsizeof(tuple(range(16)))
    assert similarity(short, short) == 1.0 and similarity(short, long_) == 0.0


def test_fingerprint_is_stable_across_processes():
    """Hashes must not depend on PYTHONHASHSEED: workers compute fingerprints too."""
    import subprocess

    code = ("from pipeline.ingest import clean_article, fingerprint;"
            "print(fingerprint(clean_article('Voss said the budget protects pensions today.'"
            "' Okafor warned that roads would close on Monday.')))")
    outs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           env={"PYTHONHASHSEED": seed, "PYTHONPATH": ":".join(sys.path)},
                           check=True).stdout for seed in ("1", "2")}
    assert len(outs) == 1
