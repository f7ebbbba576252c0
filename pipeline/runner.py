"""The batch job: inputs -> relations.jsonl, entities.jsonl, errors.jsonl, actors.graphml.

First version: one process, everything in order, outputs written as the run goes and the
graph built at the end by streaming relations.jsonl back.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .process import process_articles
from .finalize import finalize_run
from .ingest import read_articles
from .nlp import load_nlp
from .records import InputError


@dataclass
class RunSummary:
    out_dir: Path
    documents: int = 0
    relations: int = 0
    entities: int = 0
    words: int = 0
    errors: list[str] = field(default_factory=list)
    top_speakers: list[tuple[str, int]] = field(default_factory=list)
    top_targets: list[tuple[str, int]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def run_job(inputs: Sequence[str], out_dir: str | Path, *, model: str | None = None) -> RunSummary:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    summary = RunSummary(out)
    nlp = load_nlp(model)
    speakers: Counter[str] = Counter()
    targets: Counter[str] = Counter()
    with open(out / "relations.jsonl", "w", encoding="utf-8") as rel_fh, \
            open(out / "entities.jsonl", "w", encoding="utf-8") as ent_fh, \
            open(out / "errors.jsonl", "w", encoding="utf-8") as err_fh:

        def on_error(err: InputError) -> None:
            summary.errors.append(str(err))
            err_fh.write(json.dumps(err.to_dict(), ensure_ascii=False) + "\n")

        for res in process_articles(nlp, read_articles(inputs, on_error)):
            if res.error:
                on_error(res.error)
                continue
            summary.documents += 1
            summary.words += res.n_words
            for rel in res.relations:
                rel_fh.write(json.dumps(rel.to_dict(), ensure_ascii=False) + "\n")
                summary.relations += 1
                speakers[rel.speaker.name] += 1
                for t in rel.about:
                    targets[t.name] += 1
            for ent in res.entities:
                ent_fh.write(json.dumps(ent.to_dict(), ensure_ascii=False) + "\n")
                summary.entities += 1
    finalize_run(out)
    summary.top_speakers = speakers.most_common(10)
    summary.top_targets = targets.most_common(10)
    return summary
