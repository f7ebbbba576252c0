"""Time ingest (read + split) + clean + dedup over a corpus; print seconds and us per 1k chars.

    PYTHONPATH=$PWD python benchmarks/ingest_speed.py ../shared/polnear/train.jsonl

The first figure includes the one-off load of the word-frequency table; the second repeats
the pass warm, which is what every further article of a long run costs.
"""

from __future__ import annotations

import sys
import time

from pipeline.ingest import Deduplicator, clean_article, read_articles


def one_pass(paths: list[str]) -> tuple[float, float, int, int, int, int]:
    errors: list = []
    dedup = Deduplicator()
    t0 = time.perf_counter()
    c0 = time.process_time()
    n = chars = dups = 0
    for art in read_articles(paths, errors.append):
        cleaned = clean_article(art.text)
        if dedup.check(art, cleaned):
            dups += 1
        n += 1
        chars += len(art.text)
    return time.perf_counter() - t0, time.process_time() - c0, n, chars, dups, len(errors)


def main() -> None:
    paths = sys.argv[1:] or ["../shared/polnear/train.jsonl"]
    for label in ("cold", "warm"):
        secs, cpu, n, chars, dups, errs = one_pass(paths)
        print(f"{label}: {n} articles, {chars} chars, {dups} duplicates, {errs} errors: "
              f"{secs:.3f} s wall ({secs / chars * 1e9:.0f} us per 1k chars), "
              f"{cpu:.3f} s CPU ({cpu / chars * 1e9:.0f} us per 1k chars)")


if __name__ == "__main__":
    main()
