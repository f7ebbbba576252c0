"""Command line: thin commands over the library functions. ``actorgraph --help``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import typer

from .nlp import ModelNotFound

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Who said what about whom: attribution relations and actor graphs from news.")


@app.callback()
def _main() -> None:
    """Who said what about whom: attribution relations and actor graphs from news."""


@app.command()
def run(
    inputs: List[str] = typer.Argument(..., help="Files, directories (recursive) or - for stdin."),
    out: Path = typer.Option(..., "--out", "-o", help="Output folder."),
    model: Optional[str] = typer.Option(None, "--model", "-m", help="spaCy pipeline name or path."),
) -> None:
    """Extract relations and build the actor graph."""
    from .runner import run_job

    try:
        summary = run_job(inputs, out, model=model)
    except ModelNotFound as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2)
    typer.echo(f"{summary.documents} documents, {summary.relations} relations, "
               f"{summary.entities} entities, {len(summary.errors)} errors -> {out}")
    for name, n in summary.top_speakers[:5]:
        typer.echo(f"  speaker {n:5d}  {name}")
    for err in summary.errors[:20]:
        typer.echo(f"error: {err}", err=True)
    raise typer.Exit(0 if summary.ok else 1)


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
) -> None:
    """Score attributions against gold: content P/R/F1, exact, GGT, attribution F1."""
    import json

    from .evaluate import GoldError, evaluate as run_evaluation, format_report

    try:
        report = run_evaluation(gold, predictions=predictions, model=model, limit=limit,
                                errors=errors is not None)
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
