"""The ``quotex`` command: a thin layer over the library.

Options are checked here so that a mistake is a usage error (exit status 2)
before any model is loaded; the batch job itself is ``quotex.runner.run``.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any, Optional

import typer

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Find who said what in German news.",
)


def _version(value: bool) -> None:
    if value:
        from quotex import __version__

        typer.echo(f"quotex {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Find who said what in German news."""


def _check_model(model: Optional[str]) -> Optional[str]:
    """A usage error for a ``--model`` that is neither an installed package nor a folder."""
    if model is None or model == "embedded":
        return model
    path = Path(model)
    if path.exists() or ("/" not in model and importlib.util.find_spec(model.replace("-", "_")) is not None):
        return model
    if "/" in model or model.startswith("."):
        raise typer.BadParameter(f"no pipeline folder at {model!r}", param_hint="--model")
    raise typer.BadParameter(
        f"{model!r} is not an installed spaCy pipeline; install it (e.g. python -m spacy download {model}) "
        "or give a pipeline folder, or use 'embedded'",
        param_hint="--model",
    )


def _pipeline_name(model: Optional[str]) -> str:
    """``lang_name version (where)`` of the pipeline a run will use, read from its meta.json.

    Said at the start of every run because results differ between pipelines
    (de_core_news_lg or the embedded one), and without loading it here: with
    --jobs the workers load it, not this process.
    """
    import spacy

    from quotex.pipeline import resolve

    target = resolve(model)
    try:
        path = Path(target) if isinstance(target, Path) or Path(target).exists() else spacy.util.get_package_path(target)
        meta = spacy.util.get_model_meta(path)
    except (OSError, ValueError, ImportError):
        return str(target)
    return f"{meta.get('lang', '?')}_{meta.get('name', '?')} {meta.get('version', '?')} ({path})"


def _byte_count(value: str) -> int:
    """``--max-bytes``: a number of bytes, optionally with K, M or G (powers of 1024)."""
    units = {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
    number, unit = value.strip().upper().rstrip("B"), ""
    if number and number[-1] in units:
        number, unit = number[:-1], number[-1]
    if not number.isdigit() or int(number) == 0:
        raise typer.BadParameter(f"{value!r} is not a number of bytes such as 1000000, 500K, 64M or 1G")
    return int(number) * units[unit]


@app.command()
def extract(
    paths: list[str] = typer.Argument(
        ...,
        metavar="PATH",
        help="Article files, folders (recursive: .txt, .json, .jsonl, .html, .htm, .gz) or - for standard input.",
        show_default=False,
    ),
    output: Optional[Path] = typer.Option(
        None, "--output", "-o", help="Write the records to OUT (replaced atomically at the end) instead of stdout.",
        metavar="OUT",
    ),
    model: Optional[str] = typer.Option(
        None,
        "--model",
        "-m",
        metavar="NAME|PATH",
        help="spaCy pipeline package or folder; 'embedded' for the one shipped with quotex "
        "[default: de_core_news_lg if installed, else embedded].",
        show_default=False,
    ),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Worker processes."),
    scheduler: Optional[str] = typer.Option(
        None, "--scheduler", metavar="ADDRESS",
        help="Annotate on the Dask cluster of this scheduler (tcp://host:8786; needs quotex[dask]) "
        "[default: $DASK_SCHEDULER_ADDRESS unless --jobs is given].",
        show_default=False,
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar and no warnings; errors only."),
    text_field: str = typer.Option("text", "--text-field", help="Field holding the article text in JSON/JSONL input."),
    title_field: Optional[str] = typer.Option(
        None, "--title-field", metavar="FIELD", help="Field holding the title in JSON/JSONL input (default: title, else headline).",
        show_default=False,
    ),
    id_field: Optional[str] = typer.Option(
        None, "--id-field", metavar="FIELD", help="Field holding the doc_id in JSON/JSONL input (default: id, else doc_id).",
        show_default=False,
    ),
    date_field: Optional[str] = typer.Option(
        None, "--date-field", metavar="FIELD", help="Field copied into each record as date in JSON/JSONL input (default: date).",
        show_default=False,
    ),
    documents: Optional[Path] = typer.Option(
        None, "--documents", metavar="DOCS",
        help="Also write every article read to DOCS (JSON Lines: source, doc_id, title, date, url, and the text "
        "the records' offsets index); kept in step with OUT, also with --state.",
    ),
    state: Optional[Path] = typer.Option(
        None,
        "--state",
        metavar="FILE",
        help="Remember finished inputs in FILE and skip them (if unchanged) on the next run; "
        "with -o, records are appended to OUT as each input finishes.",
    ),
    format: str = typer.Option(
        "jsonl", "--format", "-f", metavar="jsonl|csv|tsv",
        help="Records as JSON Lines, or one flat row per record as CSV or TSV (UTF-8, for spreadsheets).",
    ),
    max_bytes: str = typer.Option(
        "256M",
        "--max-bytes",
        metavar="N",
        help="Read at most N bytes of one input (K, M, G: powers of 1024); a larger input fails alone.",
    ),
) -> None:
    """Extract quotes, speakers and cues: one JSON record per quote on stdout (or OUT)."""
    model = _check_model(model)
    limit = _byte_count(max_bytes)
    from quotex.records import FORMATS

    if format not in FORMATS:
        raise typer.BadParameter(f"{format!r} is not one of {', '.join(FORMATS)}", param_hint="--format")
    if format != "jsonl" and state is not None:
        raise typer.BadParameter(
            "--state keeps JSON Lines only; run without --state for CSV/TSV", param_hint="--format"
        )
    if scheduler is not None and jobs > 1:
        raise typer.BadParameter("the Dask cluster's workers do the work; give --jobs or --scheduler, not both",
                                 param_hint="--scheduler")
    for path in (output, state, documents):
        if path is not None and not path.parent.is_dir():
            raise typer.BadParameter(f"folder {str(path.parent)!r} does not exist", param_hint=str(path))
    if not quiet:
        typer.echo(f"quotex: pipeline {_pipeline_name(model)}", err=True)
    from quotex.runner import run

    code = run(
        paths, output=output, state=state, model=model, jobs=jobs, text_field=text_field, quiet=quiet,
        format=format, max_bytes=limit, scheduler=scheduler, documents=documents, title_field=title_field,
        id_field=id_field, date_field=date_field,
    )
    raise typer.Exit(code)


@app.command()
def doctor(
    state: Path = typer.Option(..., "--state", metavar="FILE", help="The state file of quotex extract --state."),
    output: Optional[Path] = typer.Option(
        None, "--output", "-o", metavar="OUT", help="The output FILE should belong to (default: the one FILE names)."
    ),
) -> None:
    """Check a --state FILE and its OUT without changing anything (exit 0: consistent, 1: not)."""
    from quotex.runner import doctor as check

    raise typer.Exit(check(state, output))


@app.command()
def evaluate(
    gold: Path = typer.Argument(..., help="Annotated corpus: a JSONL file or a folder of JSON files."),
    model: Optional[str] = typer.Option(None, "--model", "-m", help="spaCy pipeline name or path; 'embedded'."),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON instead of tables."),
    cache: Optional[Path] = typer.Option(
        None, "--cache", help="Folder to keep parsed Docs in, so re-scoring only re-runs the quotex rules."
    ),
) -> None:
    """Score quote, role and joint F1 of quotex on an annotated corpus (needs scipy)."""
    from quotex.evaluation import SCIPY_MISSING, evaluate as run_evaluation, render

    try:  # checked first: the pairing needs it only after the whole corpus was parsed
        import scipy.optimize  # noqa: F401
    except ImportError:
        _fail(ImportError(SCIPY_MISSING))

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


def _documents_option() -> Any:
    return typer.Option(
        None, "--documents", metavar="DOCS",
        help="A documents file (JSON Lines: source, doc_id, title, date, url, text): article texts, and every article read.",
    )


def _fail(err: Exception) -> None:
    """One line on stderr and exit status 2, for a records or documents file that cannot be used."""
    typer.echo(f"quotex: error: {err}", err=True)
    raise typer.Exit(2) from err


@app.command()
def stats(
    records: Path = typer.Argument(..., metavar="RECORDS.jsonl", help="Records written by quotex extract."),
    documents: Optional[Path] = _documents_option(),
    as_json: bool = typer.Option(False, "--json", help="Print the statistics as JSON instead of tables."),
) -> None:
    """Quotes per speaker (grouped by person), organization, type and medium; articles without quotes."""
    from quotex.views.loading import RecordsError, read_documents, read_records
    from quotex.views.stats import compute, render

    try:
        result = compute(read_records(records), read_documents(documents) if documents else None)
    except RecordsError as err:
        _fail(err)
    if as_json:
        typer.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        from rich.console import Console

        Console().print(render(result))


@app.command()
def show(
    paths: list[str] = typer.Argument(..., metavar="FILE", help="Article files or folders, as for extract.",
                                      show_default=False),
    model: Optional[str] = typer.Option(None, "--model", "-m", metavar="NAME|PATH",
                                        help="spaCy pipeline package or folder; 'embedded'."),
    text_field: str = typer.Option("text", "--text-field", help="Field holding the article text in JSON/JSONL input."),
) -> None:
    """Show each article with its quotes highlighted (plain text with [N …] {speaker} <cue> marks when piped)."""
    model = _check_model(model)
    from rich.console import Console

    from quotex.views.show import annotated, render_plain, render_rich

    console = Console()
    failed = False
    try:
        for document, entries, problems in annotated(paths, model=model, text_field=text_field):
            for problem in problems:
                typer.echo(str(problem), err=True)
                failed = failed or problem.fatal
            if document is None:
                continue
            if console.is_terminal:
                console.print(render_rich(document, entries))
            else:
                typer.echo(render_plain(document, entries))
    except OSError as err:
        _fail(err)
    raise typer.Exit(1 if failed else 0)


@app.command()
def report(
    records: Path = typer.Argument(..., metavar="RECORDS.jsonl", help="Records written by quotex extract."),
    output: Path = typer.Option(Path("report.html"), "--output", "-o", metavar="OUT", help="The HTML file to write."),
    documents: Optional[Path] = _documents_option(),
) -> None:
    """Write one self-contained HTML report: speakers, organizations, a chart and every article highlighted.

    Article texts are read from the files the records name (run it where extract ran), or from DOCS.
    """
    from quotex import __version__
    from quotex.views.loading import RecordsError, read_documents, read_records, texts_for
    from quotex.views.report import build

    if not output.parent.is_dir():
        raise typer.BadParameter(f"folder {str(output.parent)!r} does not exist", param_hint="--output")
    try:
        entries = read_records(records)
        docs = read_documents(documents) if documents else None
    except RecordsError as err:
        _fail(err)
    result = build(entries, texts_for(entries, docs), name=records.name, documents=docs, version=__version__)
    for warning in result.warnings:
        typer.echo(f"quotex: warning: {warning}", err=True)
    output.write_text(result.html, encoding="utf-8")
    typer.echo(f"quotex: wrote {output} ({len(entries)} quotes)", err=True)
