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
