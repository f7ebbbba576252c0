"""The whole ingest on real inputs: the shared seed files (when present) and our samples/."""

import os
from pathlib import Path

import pytest

from pipeline.ingest import Deduplicator, clean_article, read_articles

REPO = Path(__file__).resolve().parents[1]


def _find_seeds() -> Path | None:
    env = os.environ.get("ACTORGRAPH_SEEDS")
    candidates = [Path(env)] if env else []
    # ../shared/seeds from the main checkout; worktrees sit one level deeper
    candidates += [p / "shared" / "seeds" for p in (REPO.parent, REPO.parent.parent)]
    return next((c for c in candidates if c.is_dir() and any(c.glob("*.txt"))), None)


SEEDS = _find_seeds()


def ingest(path):
    errors = []
    dedup = Deduplicator()
    out = []
    for art in read_articles([str(path)], errors.append):
        cleaned = clean_article(art.text)
        out.append((art, cleaned, dedup.check(art, cleaned)))
    return out, errors


@pytest.fixture(scope="module")
def seeds():
    if SEEDS is None:
        pytest.skip("../shared/seeds is not present")
    return ingest(SEEDS)


def test_seed_files_split_into_their_articles(seeds):
    arts, errors = seeds
    assert errors == []
    per_file = {}
    for art, _, _ in arts:
        per_file[Path(art.path).name[:3]] = per_file.get(Path(art.path).name[:3], 0) + 1
    assert per_file == {"000": 2, "001": 2, "002": 2, "003": 2, "004": 1}
    for art, _, _ in arts:
        raw = Path(art.path).read_bytes().decode("utf-8")
        assert raw[art.start:art.start + len(art.text)] == art.text


def test_the_repeated_article_is_flagged_twice(seeds):
    arts, _ = seeds
    jaafari = [(a.doc_id, dup) for a, _, dup in arts if "al-Jaafari hinted" in a.text]
    assert len(jaafari) == 3
    first = jaafari[0][0]
    assert jaafari[0][1] is None and [d for _, d in jaafari[1:]] == [first, first]
    # a different article that shares nothing but the outlet's style is not a duplicate
    assert sum(1 for _, _, dup in arts if dup) == 3  # + the Tajani article in 000 and 003


def test_header_meta_of_file_004(seeds):
    arts, _ = seeds
    (art, cleaned, _), = [x for x in arts if Path(x[0].path).name.startswith("004")]
    assert cleaned.meta["date"] == "2024-12-19"
    assert cleaned.meta["source"] == "Shafaq News"
    text = cleaned.clean.text
    assert "From:" not in text and "2024-12-19" not in text
    assert not text.lstrip().startswith("Shafaq News/")


def test_no_marker_or_repeated_caption_left(seeds):
    arts, _ = seeds
    for art, cleaned, _ in arts:
        lines = [line.strip() for line in cleaned.clean.text.split("\n") if line.strip()]
        assert "TT" not in lines
        captions = [line for line in lines if line.endswith(("(AFP)", "(AP)", "(dpa)", "media)"))]
        assert len(captions) == len(set(captions)) <= 1, art.doc_id


def test_glued_words_repaired(seeds):
    arts, _ = seeds
    (cleaned,) = [c for a, c, _ in arts if Path(a.path).name.startswith("004")]
    text = cleaned.clean.text
    for fixed in ("heightened security", "Al-Sudani recently", "regime in", "have intensified",
                  "Rebar Ahmed", "Michael Kurilla", "ISIS operatives", "US military",
                  "the Kurdish-led", "Iraq’s reliance", "threat. “Unless", "Iraq, coalition",
                  "September 2025", "23, Ahmed"):
        assert fixed in text, fixed
    for kept in ("Bataween",):
        assert any(kept in c.clean.text for _, c, _ in arts)


# --- the bundled samples ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def samples():
    return ingest(REPO / "samples")


def test_samples_read_cleanly(samples):
    arts, errors = samples
    assert errors == []
    assert 10 <= len(arts) <= 15
    kinds = {Path(a.path).suffix for a, _, _ in arts}
    assert kinds == {".txt", ".jsonl", ".csv", ".html"}


def test_samples_show_the_clean_up(samples):
    arts, _ = samples
    dups = [(Path(a.path).name, a.doc_id, d) for a, _, d in arts if d]
    assert len(dups) == 1
    name, doc_id, first = dups[0]
    assert name == "regional_bulletin.txt" and doc_id.endswith("#1")
    assert first.endswith("news_digest.txt#1")
    bulletin = [c for a, c, _ in arts if a.path.endswith("regional_bulletin.txt")]
    assert [c.meta.get("date") for c in bulletin] == ["2024-11-19", "2024-12-03"]
    assert {c.meta.get("source") for c in bulletin} == {"Tigris Daily"}
    digest = "\n".join(c.clean.text for a, c, _ in arts if a.path.endswith("news_digest.txt"))
    assert "the technical committee" in digest and "Al-Hadid stressed" in digest
    assert "TT" not in digest.split()
    html = [a for a, _, _ in arts if a.path.endswith(".html")][0]
    assert html.date == "2024-11-29" and "Subscribe" not in html.text
