"""The Python API that ``quotex extract`` is a thin layer over.

``extract`` goes from paths to records. ``extract_inputs`` is the level
below it, from inputs already read to each input's records: the batch job
(:mod:`quotex.runner`, which adds ``--state``, signals, exit statuses and
the progress bar) calls it, and so does ``extract``, so the command and the
library run the same executors (:mod:`quotex.executors`) over the same
per-document core (:mod:`quotex.core`). ``annotate`` goes from already read
documents to records with a loaded pipeline. Every offset points into the
text exactly as it was decoded.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence

from spacy.language import Language

from quotex.core import MAX_CHUNK_CHARS, PipelineError, annotate, chunks
from quotex.executors import executor_for, map_ordered
from quotex.inputs import Input, Problem, iter_inputs
from quotex.records import Record

__all__ = ["MAX_CHUNK_CHARS", "InputWarning", "PipelineError", "annotate", "chunks", "extract", "extract_inputs"]


class InputWarning(UserWarning):
    """A problem with one input, for API callers that did not pass ``on_problem``."""


def extract(
    paths: Sequence[str] | str,
    *,
    model: str | Language | None = None,
    jobs: int = 1,
    scheduler: str | None = None,
    text_field: str = "text",
    title_field: str | None = None,
    id_field: str | None = None,
    date_field: str | None = None,
    on_problem: Callable[[Problem], None] | None = None,
) -> Iterator[Record]:
    """Records of every quote in the inputs named by ``paths``, in input order.

    ``paths`` are files, folders (read recursively: ``.txt``, ``.json``,
    ``.jsonl``, ``.html``, ``.htm``, ``.gz``) or ``"-"`` for standard input,
    as for ``quotex extract``; the ``*_field`` options are its ``--text-field``,
    ``--title-field``, ``--id-field`` and ``--date-field``.
    ``model`` is a pipeline name or path (``None``: ``de_core_news_lg`` if
    installed, else the embedded one) or an already loaded pipeline (then it
    runs in this process: ``jobs`` must be 1 and no scheduler be given).
    ``jobs > 1`` runs that many local worker processes; ``scheduler`` (or the
    ``DASK_SCHEDULER_ADDRESS`` variable) runs on a Dask cluster. Bad inputs
    and documents the pipeline fails on do not stop the run: each problem goes
    to ``on_problem`` (default: an :class:`InputWarning`) and the rest is read.
    Raises :class:`PipelineError` only if nothing can be annotated (the
    pipeline does not load, the scheduler is not reachable).
    """
    report = on_problem or (lambda problem: warnings.warn(str(problem), InputWarning, stacklevel=3))
    inputs = iter_inputs(
        [paths] if isinstance(paths, str) else list(paths),
        text_field=text_field, title_field=title_field, id_field=id_field, date_field=date_field,
    )
    for _item, result in extract_inputs(_reported(inputs, report), model=model, jobs=jobs, scheduler=scheduler):
        if isinstance(result, Problem):
            report(result)
        else:
            yield from result


def extract_inputs(
    inputs: Iterable[Input], *, model: str | Language | None = None, jobs: int = 1, scheduler: str | None = None
) -> Generator[tuple[Input, list[Record] | Problem], None, None]:
    """Each input with its records, or with the problem that failed it, in input order.

    ``inputs`` come from :func:`quotex.inputs.iter_inputs` (a caller may
    filter them, as ``--state`` does); it is read only a bounded way ahead of
    the results. ``model``, ``jobs`` and ``scheduler`` are as for
    :func:`extract`. An input's own reading problems (``input.problems``)
    are left to the caller. Close the generator to stop the work in flight
    at once. Raises :class:`PipelineError` if nothing can be annotated.
    """
    return map_ordered(inputs, executor_for(model, jobs=jobs, scheduler=scheduler))


def _reported(inputs: Iterable[Input], report: Callable[[Problem], None]) -> Iterator[Input]:
    """The inputs, after sending each one's reading problems to ``report``."""
    for item in inputs:
        for problem in item.problems:
            report(problem)
        yield item
