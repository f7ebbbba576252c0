"""Cost of ``run --append``: add N articles to a folder of M, against re-running all M + N.

    PYTHONPATH=$PWD python benchmarks/append.py                 # PolNeAR train: M = 790, N = 50
    PYTHONPATH=$PWD python benchmarks/append.py --new 50 --size 200   # a quicker check

The corpus (PolNeAR train, ../shared/polnear/train.jsonl, or ``--corpus FILE``) is cut in two
JSONL files: the first M articles (the folder's past) and the last N (today's). It then times,
each in this process with the model loaded afresh as the CLI would:

1. building the folder from the M articles (not the figure; the folder to append to);
2. ``run_job([today], folder, append=True)``: extraction of the N, then the finalize of the
   whole folder (actor ids, actors.jsonl, graph files) and its summary;
3. a full re-run over the M + N articles into a new folder (what a user did before --append);
4. ``finalize_run`` alone on the appended folder (the part of 2 that grows with the folder).

It prints the times, the ratio (2) / (3), and checks that both folders hold the same relations.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.run.finalize import finalize_run  # noqa: E402
from pipeline.run.runner import run_job  # noqa: E402


def _strip(line: str) -> dict:
    rec = json.loads(line)
    for part in [rec.get("speaker") or {}] + list(rec.get("about") or []):
        part.pop("actor_id", None)
        part.pop("actor", None)
    return rec


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", default=os.environ.get(
        "ACTORGRAPH_POLNEAR", str(ROOT.parent / "shared" / "polnear")) + "/train.jsonl")
    ap.add_argument("--new", type=int, default=50, help="articles to append (N)")
    ap.add_argument("--size", type=int, default=None, help="use the first SIZE articles only")
    ap.add_argument("--keep", action="store_true", help="keep the work folder")
    args = ap.parse_args()

    lines = [ln for ln in Path(args.corpus).read_text(encoding="utf-8").splitlines() if ln.strip()]
    if args.size:
        lines = lines[: args.size]
    past, today = lines[: -args.new], lines[-args.new:]
    words = {name: sum(len(json.loads(ln)["text"].split()) for ln in part)
             for name, part in (("past", past), ("today", today))}
    work = Path(tempfile.mkdtemp(prefix="actorgraph-append-"))
    try:
        (work / "past.jsonl").write_text("\n".join(past) + "\n", encoding="utf-8")
        (work / "today.jsonl").write_text("\n".join(today) + "\n", encoding="utf-8")
        print(f"corpus: {args.corpus}: M = {len(past)} articles ({words['past']:,} words), "
              f"N = {len(today)} ({words['today']:,} words); load average "
              f"{os.getloadavg()[0]:.2f}")

        t = time.perf_counter()
        run_job([str(work / "past.jsonl")], work / "folder")
        build = time.perf_counter() - t
        print(f"1. build the folder from M:           {build:8.1f} s")

        t = time.perf_counter()
        s = run_job([str(work / "today.jsonl")], work / "folder", append=True)
        append = time.perf_counter() - t
        print(f"2. append N (--append):               {append:8.1f} s  "
              f"({s.documents} documents, {s.relations} relations, {s.actors} actors after)")

        t = time.perf_counter()
        run_job([str(work / "past.jsonl"), str(work / "today.jsonl")], work / "full")
        full = time.perf_counter() - t
        print(f"3. full re-run over M + N:            {full:8.1f} s")

        t = time.perf_counter()
        finalize_run(work / "folder")
        fin = time.perf_counter() - t
        print(f"4. finalize alone (in 2):             {fin:8.1f} s")
        print(f"append / full re-run: {append / full:.3f} ({full / append:.1f}x faster); "
              f"load average at the end {os.getloadavg()[0]:.2f}")

        same = [_strip(x) for x in (work / "folder" / "relations.jsonl").open(encoding="utf-8")] \
            == [_strip(x) for x in (work / "full" / "relations.jsonl").open(encoding="utf-8")]
        print(f"same relations in both folders: {'yes' if same else 'NO'}")
    finally:
        if args.keep:
            print(f"work folder: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
