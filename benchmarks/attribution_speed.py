"""Time the rule layer against spaCy's own components on the same texts; print both and the share.

    PYTHONPATH=$PWD python benchmarks/attribution_speed.py ../shared/polnear/dev.jsonl

Reads a JSONL file with a ``text`` field (or a BRAT folder). spaCy's time is ``nlp.pipe`` with
only the trained components (tok2vec, tagger, parser, ner); ours is actorgraph_paragraphs (on
the tokenised texts) plus actorgraph_attribution (on the parsed Docs). Each is timed twice and
the faster pass is kept; CPU time (process_time) is printed next to wall time because the
machine may be shared.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from pipeline.attribution.paragraphs import mark_paragraphs
from pipeline.nlp import load_nlp


def read_texts(path: Path) -> list[str]:
    if path.is_dir():
        from pipeline.evaluate import read_brat

        return [d.text for d in read_brat(path)]
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line)["text"] for line in fh if line.strip()]


def best_of(n: int, fn) -> tuple[float, float, object]:
    best = None
    for _ in range(n):
        t0, c0 = time.perf_counter(), time.process_time()
        out = fn()
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        if best is None or cpu < best[1]:
            best = (wall, cpu, out)
    return best


def main(path: str) -> None:
    texts = read_texts(Path(path))
    nlp = load_nlp()
    trained = [n for n in nlp.pipe_names if not n.startswith("actorgraph_")]
    attribution = nlp.get_pipe("actorgraph_attribution")
    with nlp.select_pipes(enable=trained):
        nlp.pipe(texts[:2])  # warm up
        sp_wall, sp_cpu, docs = best_of(2, lambda: list(nlp.pipe(texts, batch_size=32)))
    tokenised = [nlp.make_doc(t) for t in texts]
    pa_wall, pa_cpu, _ = best_of(2, lambda: [mark_paragraphs(d) for d in tokenised])
    at_wall, at_cpu, _ = best_of(2, lambda: [attribution(d) for d in docs])
    words = sum(len(d) for d in docs)
    ours_cpu = pa_cpu + at_cpu
    print(f"{len(texts)} documents, {words} tokens")
    print(f"spaCy ({', '.join(trained)}): {sp_wall:.2f} s wall, {sp_cpu:.2f} s CPU")
    print(f"actorgraph_paragraphs:  {pa_wall:.3f} s wall, {pa_cpu:.3f} s CPU")
    print(f"actorgraph_attribution: {at_wall:.3f} s wall, {at_cpu:.3f} s CPU")
    print(f"rule layer share of spaCy's CPU time: {ours_cpu / sp_cpu:.1%}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/polnear/dev.jsonl")
