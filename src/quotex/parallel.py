"""Annotate inputs with several worker processes, keeping input order.

Why the design is what it is:

* **Batches of documents, not whole inputs, are the unit of work.** A JSONL
  file of 10,000 articles is one input; sending it to one worker would leave
  the other idle. Documents of consecutive inputs are packed into small
  batches (``BATCH_DOCS`` documents or ``BATCH_CHARS`` characters), so two
  workers share even a single big input, and many one-article files still
  reach ``nlp.pipe`` in groups.
* **Results come back in submission order** and are regrouped per input; an
  input is yielded once all its documents are done, so the caller sees the
  inputs exactly in the order it gave them, whatever ``jobs`` is.
* **Bounded in-flight work.** At most ``IN_FLIGHT_PER_JOB * jobs`` batches are
  submitted ahead of the one being waited for, so memory stays flat over a
  folder of any size (``Pool.imap`` would read the whole folder ahead).
* **Each worker loads the pipeline once** (pool initializer); the parent does
  not load it at all when ``jobs > 1``. Workers are forked: the parent has
  imported spaCy but holds no model and no torch, and fork skips re-importing
  everything in every worker. Workers ignore SIGINT so that Ctrl-C reaches only
  the parent, which decides how to stop (see ``quotex.runner``).
* **Workers return Records without their text.** The parent still holds every
  document's text and puts it back, so only the small quote structures cross
  the process boundary.
* **One bad document fails alone.** If a batch raises, the worker annotates
  its documents one by one, and only the input whose document raised is
  reported (as a :class:`~quotex.inputs.Problem`); the others are kept. A
  document that kills its worker outright is found the same way (see
  :class:`_Pool`).
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from typing import Union

from spacy.language import Language

from quotex.inputs import Document, Input, Problem
from quotex.records import Record

#: Largest number of documents in one batch: enough for ``nlp.pipe`` to batch
#: well, small enough that two workers share a few hundred articles evenly.
BATCH_DOCS = 16
#: Largest number of characters in one batch (a batch is closed when either
#: limit is reached), so a few very long articles do not form a huge batch.
BATCH_CHARS = 120_000
#: Batches submitted per worker ahead of the one being waited for.
IN_FLIGHT_PER_JOB = 2
#: Environment variables that keep numeric libraries at one thread, so that
#: N workers use N cores rather than fighting over them.
THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS")

#: Per document: its records, or why annotating it failed.
Outcome = Union[list[Record], str]


class PipelineError(RuntimeError):
    """The spaCy pipeline could not be loaded: nothing can be annotated."""


def map_ordered(
    inputs: Iterable[Input], *, model: str | None, jobs: int
) -> Iterator[tuple[Input, list[Record] | Problem]]:
    """Annotate inputs with ``jobs`` worker processes, yielding them in input order.

    Yields ``(input, records)`` for every input (``records`` is empty for an
    input without documents), or ``(input, problem)`` when annotating one of
    its documents raised; the input's own ``problems`` are left for the
    caller to report. ``jobs <= 1`` runs in this process. Raises
    :class:`PipelineError` if the pipeline cannot be loaded.
    """
    collector = _Collector()
    if jobs <= 1:
        nlp = _load(model)
        for batch in collector.batches(inputs):
            collector.feed(_annotate_batch(nlp, batch))
            yield from collector.finished()
        yield from collector.finished()  # inputs without documents after the last batch
        return
    yield from _map_parallel(collector, inputs, model, jobs)


def _map_parallel(
    collector: "_Collector", inputs: Iterable[Input], model: str | None, jobs: int
) -> Iterator[tuple[Input, list[Record] | Problem]]:
    pool = _Pool(model, jobs)
    window: deque[tuple[list[Document], Future[list[Outcome]]]] = deque()
    completed = False
    try:
        for batch in collector.batches(inputs):
            window.append((batch, pool.submit(batch)))
            while len(window) > IN_FLIGHT_PER_JOB * jobs:
                collector.feed(pool.next_outcomes(window))
                yield from collector.finished()
        while window:
            collector.feed(pool.next_outcomes(window))
            yield from collector.finished()
        yield from collector.finished()  # inputs without documents after the last batch
        completed = True
    finally:
        pool.shut_down(graceful=completed)


class _Pool:
    """A process pool that survives the death of a worker.

    A document that makes a worker crash or run out of memory breaks the
    whole ``ProcessPoolExecutor``, losing every batch in flight. The pool is
    then started again, the batch being waited for is redone one document at
    a time (so the document that kills a worker is found and fails alone) and
    the other batches in flight are resubmitted.
    """

    def __init__(self, model: str | None, jobs: int) -> None:
        self._model, self._jobs = model, jobs
        self._executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self._jobs,
            mp_context=multiprocessing.get_context("fork"),
            initializer=_init_worker,
            initargs=(self._model, os.getpid()),
        )

    def _restart(self) -> None:
        _shut_down(self._executor, graceful=False)
        self._executor = self._start()

    def submit(self, batch: list[Document]) -> Future[list[Outcome]]:
        return self._executor.submit(_work, batch)

    def next_outcomes(self, window: deque[tuple[list[Document], Future[list[Outcome]]]]) -> list[Outcome]:
        """The outcomes of the oldest batch in ``window`` (removed from it)."""
        batch, future = window.popleft()
        try:
            return future.result()
        except BrokenProcessPool:
            pass
        self._restart()
        outcomes: list[Outcome] = []
        for document in batch:
            try:
                outcomes.extend(self.submit([document]).result())
            except BrokenProcessPool:
                outcomes.append("the worker process died on this document (out of memory, or a crash in the pipeline)")
                self._restart()
        for index, (waiting, _lost) in enumerate(window):
            window[index] = (waiting, self.submit(waiting))
        return outcomes

    def shut_down(self, *, graceful: bool) -> None:
        _shut_down(self._executor, graceful=graceful)


def _shut_down(executor: ProcessPoolExecutor, *, graceful: bool) -> None:
    """Stop the workers: wait for them after a normal end, kill them otherwise.

    After an interruption the in-flight batches are of no use any more, and
    waiting for them would delay a Ctrl-C by seconds. ``ProcessPoolExecutor``
    has no public way to kill its workers before Python 3.14, hence the
    private ``_processes``.
    """
    if graceful:
        executor.shutdown(wait=True)
        return
    processes = list((getattr(executor, "_processes", None) or {}).values())
    executor.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(timeout=5)


# ---------------------------------------------------------------------------
# Regrouping per input


@dataclass
class _Pending:
    input: Input
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return len(self.outcomes) == len(self.input.documents)


class _Collector:
    """Cuts inputs into batches and reassembles the batch results per input.

    Results must be fed in the order the batches were produced; documents of
    one batch are in input order, so outcomes fill the waiting inputs front
    to back.
    """

    def __init__(self) -> None:
        self._waiting: deque[_Pending] = deque()  # every input not yet yielded, in order
        self._filling: deque[_Pending] = deque()  # those still missing outcomes

    def batches(self, inputs: Iterable[Input]) -> Iterator[list[Document]]:
        batch: list[Document] = []
        chars = 0
        for item in inputs:
            pending = _Pending(item)
            self._waiting.append(pending)
            if pending.complete:
                continue
            self._filling.append(pending)
            for document in item.documents:
                if batch and (len(batch) >= BATCH_DOCS or chars + len(document.text) > BATCH_CHARS):
                    yield batch
                    batch, chars = [], 0
                batch.append(document)
                chars += len(document.text)
        if batch:
            yield batch

    def feed(self, outcomes: list[Outcome]) -> None:
        for outcome in outcomes:
            pending = self._filling[0]
            document = pending.input.documents[len(pending.outcomes)]
            if isinstance(outcome, list):
                outcome = [replace(record, text=document.text) for record in outcome]
            pending.outcomes.append(outcome)
            if pending.complete:
                self._filling.popleft()

    def finished(self) -> Iterator[tuple[Input, list[Record] | Problem]]:
        """The inputs at the front whose documents are all done."""
        while self._waiting and self._waiting[0].complete:
            pending = self._waiting.popleft()
            yield pending.input, _combine(pending)


def _combine(pending: _Pending) -> list[Record] | Problem:
    records: list[Record] = []
    for document, outcome in zip(pending.input.documents, pending.outcomes):
        if isinstance(outcome, str):
            return Problem(
                source=document.source,
                line=None,
                message=f"annotating failed: {outcome}; the input was skipped, please report this with the file",
                fatal=True,
            )
        records.extend(outcome)
    return records


# ---------------------------------------------------------------------------
# Annotation (in this process or in a worker)


def _load(model: str | None) -> Language:
    from quotex.pipeline import load_pipeline

    try:
        return load_pipeline(model)
    except Exception as err:  # noqa: BLE001 - any load failure means no annotation at all
        raise PipelineError(str(err)) from err


def _annotate_batch(nlp: Language, documents: list[Document]) -> list[Outcome]:
    """Records per document; if the batch raises, find the document that did.

    ``nlp.pipe`` gives nothing back from the internal batch that raised, so
    after an exception the documents not yet returned are redone one by one:
    at most one extra pass over a batch, only for batches with a bad document.
    """
    from quotex.api import annotate

    outcomes: list[Outcome] = []
    try:
        outcomes.extend(records for _document, records in annotate(nlp, documents))
        return outcomes
    except Exception:  # noqa: BLE001 - isolated below, then reported per document
        if len(documents) - len(outcomes) == 1:
            return [*outcomes, _describe_current()]
    for document in documents[len(outcomes) :]:
        try:
            outcomes.extend(records for _document, records in annotate(nlp, [document]))
        except Exception:  # noqa: BLE001
            outcomes.append(_describe_current())
    return outcomes


def _describe_current() -> str:
    import sys

    error = sys.exc_info()[1]
    return f"{type(error).__name__}: {error}"


_worker_nlp: Language | None = None
_worker_error: str | None = None


def _die_with_parent(parent: int) -> None:
    """Make this worker end when the parent process dies, even by SIGKILL.

    An orphaned worker would wait for work forever and keep the parent's
    stdout and stderr open, so whoever waits for the output of a killed
    ``quotex`` (a shell pipe, a test) would wait forever too. Linux-only
    ``prctl(PR_SET_PDEATHSIG)``; elsewhere orphans end with their next batch.
    """
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:  # died before prctl took effect
        os._exit(1)


def _init_worker(model: str | None, parent: int) -> None:
    global _worker_nlp, _worker_error
    _die_with_parent(parent)
    # Ctrl-C is for the parent alone; SIGTERM (from the parent stopping the
    # pool) must kill at once, not run the parent's handler inherited by fork.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    for variable in THREAD_VARIABLES:
        os.environ[variable] = "1"
    try:
        _worker_nlp = _load(model)
    except PipelineError as err:
        # Raising here would only print a traceback and break the pool; the
        # parent gets the message with the first batch instead.
        _worker_error = str(err)


def _work(documents: list[Document]) -> list[Outcome]:
    if _worker_nlp is None:
        raise PipelineError(_worker_error or "the pipeline was not loaded")
    return [
        [replace(record, text="") for record in outcome] if isinstance(outcome, list) else outcome
        for outcome in _annotate_batch(_worker_nlp, documents)
    ]
