"""The ``quotex`` command: a thin layer over the library."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Find who said what in German news.")


@app.callback()
def main() -> None:
    """Find who said what in German news."""


@app.command()
def evaluate(
    gold: Path = typer.Argument(..., help="Annotated corpus: a JSONL file or a folder of JSON files."),
    model: Optional[str] = typer.Option(None, "--model", "-m", help="spaCy pipeline name or path; 'embedded'."),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON instead of tables."),
    cache: Optional[Path] = typer.Option(
        None, "--cache", help="Folder to keep parsed Docs in, so re-scoring only re-runs the quotex rules."
    ),
) -> None:
    """Score quote, role and joint F1 of quotex on an annotated corpus."""
    from quotex.evaluation import evaluate as run_evaluation, render

    try:
        result = run_evaluation(gold, model=model, cache=cache)
    except (OSError, ValueError) as err:
        typer.echo(f"quotex evaluate: {err}", err=True)
        raise typer.Exit(2) from err
    if as_json:
        typer.echo(json.dumps(result, indent=2))
    else:
        from rich.console import Console

        Console().print(render(result))
