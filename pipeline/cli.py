"""Command line: thin commands over the library functions. ``actorgraph --help``.

Exit codes of ``run``: 0 all went well; 1 some input failed (recorded in errors.jsonl, the
other outputs are complete) or the report could not be written; 2 bad arguments, a model that
is not installed, a bad config or an output folder that cannot be resumed; 3 the run stopped
before the end (a worker died, disk full: run again with ``--resume``); 130 interrupted.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import typer

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Who said what about whom: attribution relations and actor graphs from news.")


@app.callback()
def _main() -> None:
    """Who said what about whom: attribution relations and actor graphs from news."""


def _err(msg: str) -> None:
    typer.echo(msg, err=True)


@app.command()
def run(
    inputs: List[str] = typer.Argument(..., help="Files, directories (recursive), URLs "
                                       "(s3://, gs://, az://, https://...; prefixes and globs) "
                                       "or - for stdin."),
    out: Path = typer.Option(..., "--out", "-o", help="Output folder (created; a previous run "
                             "in it is replaced unless --resume)."),
    model: Optional[str] = typer.Option(None, "--model", "-m",
                                        help="spaCy pipeline name or path (default: en_core_web_sm)."),
    config: Optional[Path] = typer.Option(None, "--config", "-c",
                                          help="Pipeline config (.cfg); default configs/default.cfg."),
    set_: List[str] = typer.Option([], "--set", help="Config override key=value, e.g. "
                                   "--set model.name=en_core_web_md (repeatable)."),
    n_process: int = typer.Option(1, "--n-process", "-n", help="Worker processes."),
    batch_size: int = typer.Option(16, "--batch-size", help="Articles per batch: the unit of "
                                   "work, of nlp.pipe and of checkpoints (64+ on a GPU)."),
    resume: bool = typer.Option(False, "--resume", help="Continue an interrupted run in --out."),
    dask: Optional[str] = typer.Option(None, "--dask", metavar="ADDRESS|local:N",
                                       help="Run on a Dask cluster: scheduler address, or "
                                       "local:N for a local cluster of N workers."),
    gpu: bool = typer.Option(False, "--gpu", help="Use the GPU when there is one."),
    aliases: Optional[Path] = typer.Option(None, "--aliases", help="Actor aliases file."),
    affiliation_edges: bool = typer.Option(False, "--affiliation-edges",
                                           help="Add person -> organisation/country affiliation "
                                           "edges (kind=affiliation) to the graph."),
    report: bool = typer.Option(False, "--report", help="Also write report.html."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar and no summary."),
) -> None:
    """Extract relations and build the actor graph."""
    from .nlp import ConfigError, ModelNotFound, parse_overrides
    from .runner import UsageError, format_summary, run_job
    from .workers import WorkerError

    try:
        summary = run_job(
            inputs, out, model=model, config=config, overrides=parse_overrides(set_),
            n_process=n_process, batch_size=batch_size, resume=resume, dask=dask, gpu=gpu,
            aliases=aliases, affiliation_edges=affiliation_edges, report=report,
            progress=not quiet, log=_err)
    except (UsageError, ModelNotFound, ConfigError) as exc:
        _err(f"error: {exc}")
        raise typer.Exit(2)
    except WorkerError as exc:
        _err(f"error: {exc}")
        raise typer.Exit(3)
    except KeyboardInterrupt:
        _err(f"interrupted: the finished batches are saved in {out}; "
             "run the same command with --resume to go on")
        raise typer.Exit(130)
    except OSError as exc:
        _err(f"error: {exc}; the finished batches are saved: run again with --resume")
        raise typer.Exit(3)
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
    identity: Optional[Path] = typer.Option(
        None, "--identity", help="Identity gold TSV (doc_id, start, end, name, type of gold "
                                 "source spans): adds the speaker identity score."),
) -> None:
    """Score attributions against gold: content P/R/F1, exact, GGT, attribution F1, and speaker
    identity (name accuracy, B-cubed of actor ids) when the gold names speakers."""
    import json

    from .evaluate import GoldError, evaluate as run_evaluation, format_report

    try:
        report = run_evaluation(gold, predictions=predictions, model=model, limit=limit,
                                errors=errors is not None, identity=identity)
    except (GoldError, OSError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2)
    except ModelNotFound as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2)
    if errors is not None:
        tmp = errors.with_name(errors.name + ".tmp")
        with open(tmp, "w", encoding="utf-8") as fh:
            for rec in report.errors:
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
        tmp.replace(errors)
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
) -> None:
    """Write a self-contained HTML report: highlighted articles and the actor graph."""
    from .export.report import write_report

    try:
        path = write_report(out_dir, path=out, max_articles=max_articles)
    except (FileNotFoundError, NotADirectoryError, PermissionError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2)
    typer.echo(f"report -> {path}")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
