"""Command line: thin commands over the library functions. ``actorgraph --help``.

``graph OUT_DIR --since --until --out FILE`` cuts a finished run's graph by time (window.py).

Exit codes of ``run``: 0 all went well; 1 some input failed (recorded in errors.jsonl, the
other outputs are complete) or the report could not be written; 2 bad arguments, a model that
is not installed, a bad config or an output folder that cannot be resumed; 3 the run stopped
before the end (a worker died, disk full: run again with ``--resume``); 130 interrupted.
"""

from __future__ import annotations

import errno
from pathlib import Path
from typing import List, Optional

import typer

from .errors import ActorgraphError

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Who said what about whom: attribution relations and actor graphs from news.")


@app.callback()
def _main() -> None:
    """Who said what about whom: attribution relations and actor graphs from news."""


def _err(msg: str) -> None:
    typer.echo(msg, err=True)


def _cue_classes(value: str | None) -> tuple[str, ...] | None:
    """The classes a ``--cue-classes`` value names (None when not given); an unknown class
    is a usage error (exit 2)."""
    from .records import parse_cue_classes

    try:
        return parse_cue_classes(value) if value else None
    except ValueError as exc:
        _err(f"error: --cue-classes: {exc}")
        raise typer.Exit(2) from None


@app.command()
def run(
    inputs: List[str] = typer.Argument(..., help="Files, directories (recursive), URLs "
                                       "(s3://, gs://, az://, https://...; prefixes and globs) "
                                       "or - for stdin."),
    out: Path = typer.Option(..., "--out", "-o", help="Output folder (created; a previous run "
                             "in it is replaced unless --resume or --append)."),
    model: Optional[str] = typer.Option(None, "--model", "-m",
                                        help="spaCy pipeline name or path (default: en_core_web_sm)."),
    config: Optional[Path] = typer.Option(None, "--config", "-c",
                                          help="Pipeline config (.cfg); default configs/default.cfg."),
    set_: List[str] = typer.Option([], "--set", help="Config override key=value, e.g. "
                                   "--set model.name=en_core_web_md (repeatable)."),
    n_process: int = typer.Option(1, "--n-process", "-n", help="Worker processes."),
    batch_size: int = typer.Option(16, "--batch-size", help="Articles per batch: the unit of "
                                   "work sent to a worker and of checkpoints."),
    pipe_batch_size: Optional[int] = typer.Option(
        None, "--pipe-batch-size", help="Articles per nlp.pipe call inside a batch "
        "[default: --batch-size] (64+ on a GPU); --resume needs the same value."),
    resume: bool = typer.Option(False, "--resume", help="Continue an interrupted run in --out."),
    append: bool = typer.Option(False, "--append", help="Add INPUT to the finished run in --out: "
                                "only the new articles are processed; actors, graph and summary "
                                "are rebuilt for the whole folder."),
    dask: Optional[str] = typer.Option(None, "--dask", metavar="ADDRESS|local:N",
                                       help="Run on a Dask cluster: scheduler address, or "
                                       "local:N for a local cluster of N workers."),
    gpu: bool = typer.Option(False, "--gpu", help="Use the GPU when there is one."),
    aliases: Optional[Path] = typer.Option(None, "--aliases", help="Actor aliases file."),
    affiliation_edges: bool = typer.Option(False, "--affiliation-edges",
                                           help="Add person -> organisation/country affiliation "
                                           "edges (kind=affiliation) to the graph."),
    count_headlines: bool = typer.Option(
        False, "--count-headlines", help="Count relations and mentions found in headlines and "
        "photo captions in graph weights, counts and top lists (default: body only)."),
    cue_classes: Optional[str] = typer.Option(
        None, "--cue-classes", help="Cue classes the graph, top lists and report count, "
        "comma-separated from speech, belief, evidence, or all (default: speech). "
        "relations.jsonl keeps every class."),
    report: bool = typer.Option(False, "--report", help="Also write report.html."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar and no summary."),
) -> None:
    """Extract relations and build the actor graph."""
    _keep_torch_out_unless_needed(model, config, set_)
    from .nlp import parse_overrides
    from .run.folder import format_summary
    from .run.runner import run_job

    try:
        summary = run_job(
            inputs, out, model=model, config=config, overrides=parse_overrides(set_),
            n_process=n_process, batch_size=batch_size, pipe_batch_size=pipe_batch_size,
            resume=resume, append=append, dask=dask, gpu=gpu,
            aliases=aliases, affiliation_edges=affiliation_edges,
            cue_classes=cue_classes.split(",") if cue_classes else None, report=report,
            count_headlines=count_headlines, progress=not quiet, log=_err)
    except ActorgraphError as exc:  # usage, model, config: 2; a worker died: 3
        _err(f"error: {exc}")
        raise typer.Exit(exc.exit_code) from None
    except KeyboardInterrupt:
        _err(f"interrupted: the finished batches are saved in {out}; "
             "run the same command with --resume to go on")
        raise typer.Exit(130) from None
    except OSError as exc:  # disk full, I/O error: what is checkpointed stays intact
        what = " ".join((exc.strerror or str(exc)).split())
        where = f" ({exc.filename})" if exc.filename else ""
        free = "free some space, then " if exc.errno == errno.ENOSPC else ""
        _err(f"error: {what}{where}; the run stopped, the finished batches are saved in {out}: "
             f"{free}run the same command with --resume")
        raise typer.Exit(3) from None
    if not quiet:
        typer.echo(format_summary(summary))
    raise typer.Exit(summary.exit_code)


@app.command()
def evaluate(
    gold: Path = typer.Argument(..., help="Gold: a BRAT folder (text/ + attributions/) or a JSONL gold file."),
    predictions: Optional[Path] = typer.Option(
        None, "--predictions", "-p", help="Score this relations.jsonl instead of running the pipeline."),
    model: Optional[str] = typer.Option(None, "--model", "-m", help="spaCy pipeline name or path."),
    limit: Optional[int] = typer.Option(None, "--limit", "-n", help="Score the first N documents only."),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
    errors: Optional[Path] = typer.Option(
        None, "--errors", help="Write misses, wrong speakers and false hits to this JSONL file."),
    top: int = typer.Option(15, "--top", help="Rows in the per-cue breakdowns."),
    cue_classes: Optional[str] = typer.Option(
        None, "--cue-classes", help="Score only these cue classes, comma-separated: speech, "
        "belief, evidence (default: all; P/R per class is always shown)."),
    pieces: bool = typer.Option(False, "--pieces", help="Score each content piece (each part "
                                "of a split quote) as a content of its own."),
    identity: Optional[Path] = typer.Option(
        None, "--identity", help="Identity gold TSV (doc_id, start, end, name, type of gold "
                                 "source spans): adds the speaker identity score."),
    identity_errors: Optional[Path] = typer.Option(
        None, "--identity-errors", help="With --identity: write each matched statement whose "
        "speaker is not the gold actor (wrong name, type, unresolved, shared id) to this JSONL file."),
) -> None:
    """Score attributions against gold: content P/R/F1, exact, GGT, attribution F1, and speaker
    identity (name accuracy, B-cubed of actor ids) when the gold names speakers."""
    import json

    if predictions is None:
        _keep_torch_out_unless_needed(model, None, [])

    from .evaluate import (evaluate as run_evaluation, format_report, write_errors,
                           write_identity_errors)
    from .records import CUE_CLASSES

    classes = _cue_classes(cue_classes)
    if classes == CUE_CLASSES:
        classes = None
    if identity_errors is not None and identity is None:
        typer.echo("error: --identity-errors needs --identity FILE", err=True)
        raise typer.Exit(2)
    try:
        report = run_evaluation(gold, predictions=predictions, model=model, limit=limit,
                                errors=errors is not None, classes=classes, pieces=pieces,
                                identity=identity)
        if errors is not None:
            write_errors(report, errors)
        if identity_errors is not None:
            write_identity_errors(report, identity_errors)
    except ActorgraphError as exc:  # a bad gold file, a model that is not installed
        _err(f"error: {exc}")
        raise typer.Exit(exc.exit_code) from None
    except OSError as exc:
        _err(f"error: {exc}")
        raise typer.Exit(2) from None
    if as_json:
        typer.echo(json.dumps(report.as_dict(top=top), indent=1))
    else:
        typer.echo(format_report(report, top=top))


@app.command()
def report(
    out_dir: Path = typer.Argument(..., help="Output folder of a run (actorgraph run --out)."),
    out: Optional[Path] = typer.Option(None, "--out", "-o",
                                       help="HTML file to write [default: OUT_DIR/report.html]."),
    max_articles: int = typer.Option(200, "--max-articles", min=0,
                                     help="Most articles to show (those with relations first)."),
    count_headlines: Optional[bool] = typer.Option(
        None, "--count-headlines/--body-only", help="Count relations and mentions from "
        "headlines and captions in the graph, counts and top lists [default: as the run did]."),
    cue_classes: Optional[str] = typer.Option(
        None, "--cue-classes", help="Cue classes the graph and top lists count, comma-separated "
        "from speech, belief, evidence, or all (default: as the run counted them, speech)."),
) -> None:
    """Write a self-contained HTML report: highlighted articles and the actor graph."""
    from .export.report import write_report

    classes = _cue_classes(cue_classes)
    try:
        path = write_report(out_dir, path=out, max_articles=max_articles,
                            count_headlines=count_headlines, cue_classes=classes)
    except (FileNotFoundError, NotADirectoryError, PermissionError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    typer.echo(f"report -> {path}")


@app.command()
def graph(
    out_dir: Path = typer.Argument(..., help="Output folder of a run (actorgraph run --out)."),
    out: Path = typer.Option(..., "--out", "-o", help="Graph file to write: .graphml or .gexf."),
    since: Optional[str] = typer.Option(None, "--since", metavar="YYYY-MM-DD",
                                        help="Keep statements dated on or after this day."),
    until: Optional[str] = typer.Option(None, "--until", metavar="YYYY-MM-DD",
                                        help="Keep statements dated on or before this day."),
    affiliation_edges: bool = typer.Option(False, "--affiliation-edges",
                                           help="Add person -> organisation/country edges."),
) -> None:
    """Write the actor graph of a run, cut to the statements of a time window."""
    from .window import folder_graph, write_graph

    try:
        g = folder_graph(out_dir, since=since, until=until, affiliations=affiliation_edges)
        path = write_graph(g, out)
    except (ValueError, OSError) as exc:
        _err(f"error: {exc}")
        raise typer.Exit(2) from None
    typer.echo(f"{g.number_of_nodes()} actors, {g.number_of_edges()} edges -> {path}")


def _keep_torch_out_unless_needed(model: str | None, config: Path | None, sets: list[str]) -> None:
    """Before spaCy is imported: a pipeline without a transformer runs without importing torch
    (seconds of start-up with spacy-transformers installed; see startup.py)."""
    from .paths import configs_dir
    from .startup import keep_torch_out, needs_torch

    try:
        text = (config or configs_dir() / "default.cfg").read_text(encoding="utf-8")
    except OSError:
        return  # the run reports the bad --config
    for item in sets:
        key, _, value = item.partition("=")
        if key.strip() == "model.name":
            model = model or value.strip().strip("\"'") or None
        elif "transformer" in item or "torch" in item:
            return
    if not needs_torch(model, text):
        keep_torch_out()


def main() -> None:
    app()


if __name__ == "__main__":
    main()
