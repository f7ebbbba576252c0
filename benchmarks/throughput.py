"""Throughput and memory of the full job against bare spaCy, on one corpus, in one run.

Prints:
  (a) bare spaCy: ``nlp.pipe`` with the default model and ALL its components;
  (l) the limit: bare spaCy with the job's components (the config's ``exclude`` applied, none
      of ours) at the job's ``nlp.pipe`` batch size: what the job would cost if our own code
      cost nothing; job/limit = (l) time / (b) time (target >= 0.95);
  (l+) (l) with the malloc settings the job makes for itself (``keep_freed_memory``): the job
      spares spaCy's pages between batches, which bare spaCy gains from too, so (l+)/(b) is
      what our own code costs against spaCy under the same allocator;
  (b) the full ``actorgraph run`` job (cleaning, relations, all output files, finalize and
      graph, summary), one process;
  their ratio (target >= 0.95), the peak RSS of each, the speedup of ``--n-process 2`` over
  one process (target >= 1.6 on 2 cores) and the peak RSS of a run over a corpus SCALE times
  larger relative to (b) (target <= 1.2).

(b) also prints a measured breakdown of its own wall and CPU time by stage (pipeline/stages.py:
start-up and imports, reading, cleaning and glue repair, dedup, spaCy, our rules, roles/
names/dates, writing, finalize, graph files, summary, report). ``--repeat N`` runs (l) and (b)
N times, interleaved (l, b, l, b, ...), and prints medians: the machine may be shared.

Every measurement runs in its own fresh subprocess (peak RSS from ``ru_maxrss``); times are
wall clock and include loading the model in both (a) and (b). Words are counted once, the
same way for all runs: whitespace-separated words of the input texts.

Corpus: PolNeAR's train texts (``shared/polnear/brat/train/text/*.txt``, real news, ~840
articles) when present, else synthetic articles written by tests/runner_corpus.py. The
larger corpus is made of distinct articles, so the deduplicator cannot set copies aside: copy
k of article i is the first half of article i's sentences followed by the second half of
the sentences of another article of about the same length, a different one for each k (for
k = 0 the article itself), so any two articles share at most about half their sentences,
below the near-duplicate threshold. It reuses the corpus's words, so spaCy's
vocabulary grows less than on new text (runs use spaCy memory zones, which free per-batch
strings anyway). The script prints how many articles each run set aside as duplicates.

    python benchmarks/throughput.py                  # everything, full corpus
    python benchmarks/throughput.py --size 60 --skip-memory   # quick check
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_SENTENCE_END = re.compile(r"(?<=[.!?\u201d])\s+")


def find_polnear() -> Path | None:
    env = os.environ.get("ACTORGRAPH_POLNEAR")
    candidates = [Path(env)] if env else []
    for base in (ROOT.parent, ROOT.parent.parent, Path("/work")):
        candidates.append(base / "shared" / "polnear")
    for c in candidates:
        text = c / "brat" / "train" / "text"
        if text.is_dir() and any(text.glob("*.txt")):
            return text
    return None


def build_corpus(work: Path, size: int | None, scale: int) -> tuple[Path, Path | None, str]:
    """Copy the 1x corpus into ``work`` and build the SCALE x corpus; return both and a name."""
    src = find_polnear()
    one = work / "corpus-1x"
    one.mkdir(parents=True)
    if src is not None:
        files = sorted(src.glob("*.txt"))[: size or None]
        texts = [f.read_text(encoding="utf-8") for f in files]
        name = f"PolNeAR train texts ({src})"
    else:
        sys.path.insert(0, str(ROOT / "tests"))
        import random

        from runner_corpus import article_text

        rng = random.Random(11)
        texts = [article_text(rng, i, 30) for i in range(size or 840)]
        name = "synthetic articles (tests/runner_corpus.py)"
    for i, text in enumerate(texts):
        (one / f"a{i:05d}.txt").write_text(text, encoding="utf-8")
    if scale <= 1:
        return one, None, name
    many = work / f"corpus-{scale}x"
    many.mkdir()
    sents = [_SENTENCE_END.split(t.strip()) for t in texts]
    partner = _partners([len(x) for x in sents], scale)
    n = len(texts)
    for k in range(scale):
        for i in range(n):
            if k == 0:
                text = texts[i]
            else:
                a, b = sents[i], sents[partner(i, k)]
                text = " ".join(a[: max(1, len(a) // 2)] + b[len(b) // 2:])
                text += f"\n\n(Edition {k}.)\n"  # distinct even when halves coincide
            (many / f"c{k:02d}_a{i:05d}.txt").write_text(text, encoding="utf-8")
    return one, many, name


def _partners(lengths: list[int], scale: int):
    """partner(i, k): an article of about the same length as article i, a different one for
    each k in 1..scale-1 (articles sorted by length, paired within blocks of > scale), so a
    mixed copy shares about half its sentences with each of its two sources, never most."""
    order = sorted(range(len(lengths)), key=lambda i: (lengths[i], i))
    size = scale + 1
    blocks = [order[j:j + size] for j in range(0, len(order), size)]
    if len(blocks) > 1 and len(blocks[-1]) < size:
        blocks[-2].extend(blocks.pop())
    where = {i: (b, q) for b, block in enumerate(blocks) for q, i in enumerate(block)}

    def partner(i: int, k: int) -> int:
        b, q = where[i]
        block = blocks[b]
        return block[(q + k) % len(block)]

    return partner


def count_words(folder: Path) -> tuple[int, int]:
    words = docs = 0
    for f in sorted(folder.glob("*.txt")):
        words += len(f.read_text(encoding="utf-8").split())
        docs += 1
    return words, docs


# --- measurements, each in a fresh subprocess ------------------------------------------------


def measure_spacy(corpus: Path, batch_size: int | None = None) -> dict:
    t0 = time.perf_counter()
    import spacy

    from pipeline.nlp import resolve_model

    nlp = spacy.load(resolve_model(None))  # ALL components: nothing excluded
    texts = (f.read_text(encoding="utf-8") for f in sorted(corpus.glob("*.txt")))
    n = 0
    for _doc in nlp.pipe(texts, batch_size=batch_size):
        n += 1
    return {"seconds": time.perf_counter() - t0, "docs": n, "pipes": nlp.pipe_names}


def _keep_torch_out() -> None:
    """As ``actorgraph run`` does for a pipeline without a transformer (pipeline/startup.py)."""
    from pipeline.paths import configs_dir
    from pipeline.startup import keep_torch_out, needs_torch

    if not needs_torch(None, (configs_dir() / "default.cfg").read_text(encoding="utf-8")):
        keep_torch_out()


def measure_limit(corpus: Path, batch_size: int, allocator: bool = False) -> dict:
    """Bare spaCy running the components the job runs, at the job's nlp.pipe batch size;
    with ``allocator``, also with the malloc settings the job makes (``keep_freed_memory``),
    so that the ratio shows our code's own cost, not the allocator's."""
    _keep_torch_out()
    if allocator:
        from pipeline.run.workers import keep_freed_memory

        keep_freed_memory()
    t0 = time.perf_counter()
    import spacy
    from thinc.api import Config

    from pipeline.paths import configs_dir
    from pipeline.startup import (DEFAULT_MODELS, entry_point_factories_for, model_config_text,
                                  model_dir, only_entry_point_factories)

    cfg = Config().from_disk(configs_dir() / "default.cfg", interpolate=False)
    name = cfg["model"].get("name") or next(m for m in DEFAULT_MODELS if model_dir(m))
    # spaCy's load with the job's start-up fix (only the entry points the model names)
    with only_entry_point_factories(entry_point_factories_for(model_config_text(name))):
        nlp = spacy.load(name, exclude=list(cfg["model"].get("exclude", [])))
    texts = [f.read_text(encoding="utf-8") for f in sorted(corpus.glob("*.txt"))]
    t1, c1 = time.perf_counter(), time.process_time()
    n = 0
    for _doc in nlp.pipe(texts, batch_size=batch_size):
        n += 1
    # nlp.pipe alone (the texts read before): what the job's "spaCy" row compares with
    pipe = {"seconds": time.perf_counter() - t1, "cpu_s": time.process_time() - c1}
    return {"seconds": time.perf_counter() - t0, "docs": n, "pipes": nlp.pipe_names, "pipe": pipe}


def measure_job(corpus: Path, out: Path, n_process: int, batch_size: int) -> dict:
    _keep_torch_out()
    t0, c0 = time.perf_counter(), time.process_time()
    from pipeline import stages
    from pipeline.run.runner import run_job

    if n_process == 1:
        stages.enable()
    imports, imports_cpu = time.perf_counter() - t0, time.process_time() - c0
    s = run_job([str(corpus)], out, n_process=n_process, batch_size=batch_size)
    return {"seconds": time.perf_counter() - t0, "docs": s.documents, "duplicates": s.duplicates,
            "relations": s.relations, "errors": s.errors, "n_process": n_process,
            "stages": {"imports": imports, **stages.times()},
            "stages_cpu": {"imports": imports_cpu, **stages.cpu_times()}}


SPACY_ROW = "spaCy (the model's components)"


# The breakdown's rows: (label, how to get it from the measured stage times). Stages nest:
# "pipe" holds spaCy and our components; "finalize" holds the graph files.
def breakdown(st: dict[str, float], total: float) -> list[tuple[str, float]]:
    comp = {k[len("component:"):]: v for k, v in st.items() if k.startswith("component:")}
    rules = comp.get("actorgraph_paragraphs", 0.0) + comp.get("actorgraph_attribution", 0.0)
    facts = comp.get("actorgraph_actor_facts", 0.0)
    rows = [
        ("start-up: imports, word lists, model load",
         st.get("imports", 0) + st.get("data", 0) + st.get("model", 0)),
        ("reading", st.get("reading", 0)),
        ("cleaning and glue repair", st.get("cleaning", 0)),
        ("dedup", st.get("dedup", 0)),
        (SPACY_ROW, st.get("pipe", 0) - rules - facts),
        ("rules (paragraphs, attribution components)", rules),
        ("roles/names/dates (facts component, records)", facts + st.get("records", 0)),
        ("writing (JSON encoding, files, checkpoints)", st.get("encoding", 0) + st.get("writing", 0)),
        ("finalize (actor ids, actors.jsonl, graph and tone)",
         st.get("finalize", 0) - st.get("graph files", 0)),
        ("graph files (GraphML, GEXF)", st.get("graph files", 0)),
        ("summary", st.get("summary", 0)),
        ("report (not asked for in this run)", st.get("report", 0)),
    ]
    rows.append(("other (batching, glue code)", total - sum(v for _, v in rows)))
    return rows


def _child_main(args: argparse.Namespace) -> None:
    if args.measure == "spacy":
        res = measure_spacy(Path(args.corpus), args.spacy_batch_size)
    elif args.measure in ("limit", "limit-allocator"):
        res = measure_limit(Path(args.corpus), args.batch_size, args.measure == "limit-allocator")
    else:
        res = measure_job(Path(args.corpus), Path(args.out), args.n_process, args.batch_size)
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    res["maxrss_mb"] = me.ru_maxrss / 1024
    res["children_maxrss_mb"] = kids.ru_maxrss / 1024
    res["cpu_s"] = me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime
    print("RESULT " + json.dumps(res))


def run_child(*args: str) -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    proc = subprocess.run([sys.executable, __file__, *args], env=env, capture_output=True,
                          text=True)
    for line in proc.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[7:])
    raise SystemExit(f"measurement {args} failed:\n{proc.stderr[-3000:]}")


def parallel_ceiling(corpus: Path, work: Path) -> dict:
    """Two bare-spaCy processes at once, each on half the corpus: how much 2 cores give here.

    On a shared or hyperthreaded machine two processes gain less than 2x whatever the code;
    this control separates the machine's limit from the job's own parallel overhead.
    """
    files = sorted(corpus.glob("*.txt"))
    halves = [work / "half-0", work / "half-1"]
    for i, half in enumerate(halves):
        half.mkdir(exist_ok=True)
        for f in files[i::2]:
            shutil.copy(f, half / f.name)
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    t0 = time.perf_counter()
    procs = [subprocess.Popen([sys.executable, __file__, "--measure", "spacy", "--corpus",
                               str(h)], env=env, stdout=subprocess.PIPE, text=True)
             for h in halves]
    results = []
    for p in procs:
        out, _ = p.communicate()
        results += [json.loads(x[7:]) for x in out.splitlines() if x.startswith("RESULT ")]
    if len(results) != 2:
        raise SystemExit("the parallel control failed")
    return {"seconds": time.perf_counter() - t0, "n_process": 2,
            "maxrss_mb": max(r["maxrss_mb"] for r in results), "cpu_s": 0.0}


def _median_run(runs: list[dict]) -> dict:
    """The run with the median time (its own stage times and RSS come with it)."""
    return sorted(runs, key=lambda r: r["seconds"])[(len(runs) - 1) // 2]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--size", type=int, default=None, help="articles in the corpus (default all)")
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--spacy-batch-size", type=int, default=None,
                    help="batch size of (a) (default: spaCy's own, nlp.batch_size)")
    ap.add_argument("--scale", type=int, default=10, help="size of the memory corpus, x the corpus")
    ap.add_argument("--skip-spacy", action="store_true", help="skip (a) bare spaCy")
    ap.add_argument("--skip-parallel", action="store_true", help="skip the 2-process run")
    ap.add_argument("--skip-allocator", action="store_true",
                    help="skip (l+), the limit with the job's malloc settings")
    ap.add_argument("--skip-memory", action="store_true", help="skip the SCALE x corpus run")
    ap.add_argument("--skip-ceiling", action="store_true",
                    help="skip the control: two independent bare-spaCy processes at once")
    ap.add_argument("--keep", action="store_true", help="keep the work folder")
    ap.add_argument("--repeat", type=int, default=1,
                    help="run (l) and (b) this many times, interleaved, and report medians")
    ap.add_argument("--measure", choices=["spacy", "job", "limit", "limit-allocator"], help=argparse.SUPPRESS)
    ap.add_argument("--corpus", help=argparse.SUPPRESS)
    ap.add_argument("--out", help=argparse.SUPPRESS)
    ap.add_argument("--n-process", type=int, default=1, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.measure:
        _child_main(args)
        return

    work = Path(tempfile.mkdtemp(prefix="actorgraph-bench-"))
    try:
        one, many, name = build_corpus(work, args.size, 1 if args.skip_memory else args.scale)
        words, docs = count_words(one)
        print(f"corpus: {name}: {docs} articles, {words} words; batch size {args.batch_size}; "
              f"load average {os.getloadavg()[0]:.2f}; {os.cpu_count()} CPUs", flush=True)
        bs = str(args.batch_size)

        def job(corpus: Path, n: int, tag: str) -> dict:
            return run_child("--measure", "job", "--corpus", str(corpus), "--out",
                             str(work / f"out-{tag}"), "--n-process", str(n), "--batch-size", bs)

        rows = []
        sbs = ["--spacy-batch-size", str(args.spacy_batch_size)] if args.spacy_batch_size else []
        a = None if args.skip_spacy else run_child("--measure", "spacy", "--corpus", str(one), *sbs)
        limits, jobs = [], []
        for _ in range(max(1, args.repeat)):  # interleaved pairs: the load changes over time
            limits.append(run_child("--measure", "limit", "--corpus", str(one), "--batch-size", bs))
            jobs.append(job(one, 1, "1p"))
        lim = _median_run(limits)
        b = _median_run(jobs)
        lim_alloc = None if args.skip_allocator else run_child(
            "--measure", "limit-allocator", "--corpus", str(one), "--batch-size", bs)
        if a:
            rows.append(("(a) bare spaCy nlp.pipe, all components", words / a["seconds"], a))
        rows.append((f"(l) bare spaCy, the job's components and batch size {bs}",
                     words / lim["seconds"], lim))
        if lim_alloc:
            rows.append(("(l+) (l) with the job's malloc settings", words / lim_alloc["seconds"],
                         lim_alloc))
        rows.append(("(b) actorgraph run, 1 process", words / b["seconds"], b))
        c = None if args.skip_parallel else job(one, 2, "2p")
        if c:
            rows.append(("(c) actorgraph run, --n-process 2", words / c["seconds"], c))
        e = None
        if a and c and not args.skip_ceiling:
            e = parallel_ceiling(one, work)
            rows.append(("(e) control: 2 bare-spaCy processes at once, half each",
                         words / e["seconds"], e))
        d = None
        if many is not None:
            words_many, docs_many = count_words(many)
            d = job(many, 1, f"{args.scale}x")
            rows.append((f"(d) actorgraph run, 1 process, {args.scale}x corpus "
                         f"({docs_many} articles)", words_many / d["seconds"], d))
        print(f"{'run':58s} {'words/s':>9s} {'time s':>8s} {'CPU s':>8s} {'peak RSS MB':>12s}")
        for label, wps, r in rows:
            extra = cpu = ""
            if r.get("n_process", 1) > 1:  # forkserver workers are not our children to measure
                extra, cpu = "  (one process)", "n/a"
            else:
                cpu = f"{r['cpu_s']:.1f}"
            print(f"{label:58s} {wps:9.0f} {r['seconds']:8.1f} {cpu:>8s} "
                  f"{r['maxrss_mb']:12.0f}{extra}")
            if "duplicates" in r:
                print(f"{'':58s} {r['docs']} documents, {r['duplicates']} set aside as "
                      f"duplicates, {r['relations']} relations, {r['errors']} errors")
        print()
        pairs = sorted(x["seconds"] / y["seconds"] for x, y in zip(limits, jobs))
        cpu_pairs = sorted(x["cpu_s"] / y["cpu_s"] for x, y in zip(limits, jobs))
        print(f"job/limit (l)/(b): {pairs[(len(pairs) - 1) // 2]:.3f}   (target >= 0.95; median "
              f"of {len(pairs)} interleaved pair(s): {', '.join(f'{r:.3f}' for r in pairs)}; "
              f"by CPU time {cpu_pairs[(len(cpu_pairs) - 1) // 2]:.3f})")
        if lim_alloc:
            print(f"job/limit with the job's malloc settings (l+)/(b): "
                  f"{lim_alloc['seconds'] / b['seconds']:.3f}   (by CPU time "
                  f"{lim_alloc['cpu_s'] / b['cpu_s']:.3f}; what our own code costs, the allocator "
                  "tuning that spares spaCy's pages in the job given to bare spaCy too)")
        print(f"\nwhere (b)'s {b['seconds']:.1f} s ({b['cpu_s']:.1f} s CPU) go (measured, "
              f"pipeline/stages.py; (l) took {lim['seconds']:.1f} s, {lim['cpu_s']:.1f} s CPU):")
        print(f"  {'':52s} {'wall s':>8s} {'%':>6s} {'CPU s':>8s} {'%':>6s}")
        cpu_rows = dict(breakdown(b.get("stages_cpu", {}), b["cpu_s"]))
        for label, sec in breakdown(b["stages"], b["seconds"]):
            cpu = cpu_rows.get(label, 0.0)
            print(f"  {label:52s} {sec:8.2f} {100 * sec / b['seconds']:6.1f} "
                  f"{cpu:8.2f} {100 * cpu / b['cpu_s']:6.1f}")
        spacy_wall = dict(breakdown(b["stages"], b["seconds"]))[SPACY_ROW]
        lp = lim["pipe"]
        print(f"  spaCy in (b) against (l)'s nlp.pipe loop ({lp['seconds']:.2f} s, "
              f"{lp['cpu_s']:.2f} s CPU): {spacy_wall - lp['seconds']:+.2f} s wall, "
              f"{cpu_rows[SPACY_ROW] - lp['cpu_s']:+.2f} s CPU")
        print()
        if a:
            print(f"(b)/(a) throughput ratio: {a['seconds'] / b['seconds']:.3f}   (target >= 0.95; "
                  f"by CPU time {a['cpu_s'] / b['cpu_s']:.3f})")
        if c:
            print(f"2-process speedup (c)/(b): {b['seconds'] / c['seconds']:.2f}x   (target >= 1.6)")
        if e:
            print(f"control (e)/(a): {a['seconds'] / e['seconds']:.2f}x   (what two processes of "
                  "bare spaCy gain on this machine right now: the ceiling for (c)/(b))")
        if d:
            print(f"peak RSS {args.scale}x/1x (d)/(b): {d['maxrss_mb'] / b['maxrss_mb']:.3f}   "
                  "(target <= 1.2)")
        print(f"load average at the end: {os.getloadavg()[0]:.2f}")
    finally:
        if args.keep:
            print(f"work folder kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
