"""Executors: where the core runs, behind one interface with the same guarantees.

An executor turns a stream of document batches into the outcomes of each
batch (:data:`quotex.core.Outcome` per document), **in submission order**,
with **bounded work in flight**, and with **each document failing alone**
(:func:`quotex.core.annotate_batch`). :func:`map_ordered` cuts inputs into
batches and regroups the outcomes per input; :func:`executor_for` is the one
place that chooses the executor, for ``quotex extract`` and
:func:`quotex.extract` alike:

* :class:`InProcess`: this process (``--jobs 1``, or an already loaded pipeline);
* :class:`LocalPool`: ``--jobs N`` worker processes;
* :class:`quotex.dask_executor.DaskExecutor`: a Dask cluster (``--scheduler``).

Why the design is what it is:

* **Batches of documents, not whole inputs, are the unit of work.** A JSONL
  file of 10,000 articles is one input; sending it to one worker would leave
  the other idle. Documents of consecutive inputs are packed into small
  batches (``BATCH_DOCS`` documents or ``BATCH_CHARS`` characters), so two
  workers share even a single big input, and many one-article files still
  reach ``nlp.pipe`` in groups.
* **Results come back in submission order** and are regrouped per input; an
  input is yielded once all its documents are done, so the caller sees the
  inputs exactly in the order it gave them, whatever the executor.
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
* **One bad document fails alone.** A document that raises is reported (as a
  :class:`~quotex.inputs.Problem` for its input) and the others are kept. A
  document that kills its worker outright is found the same way (see
  :class:`LocalPool`).
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Generator, Iterable, Iterator
from contextlib import closing
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from typing import Protocol

from spacy.language import Language

from quotex.core import MAX_BATCH_CHARS, Outcome, PipelineError, annotate_batch, load
from quotex.inputs import Document, Input, Problem
from quotex.records import Record

#: Largest number of documents in one batch: enough for ``nlp.pipe`` to batch
#: well, small enough that two workers share a few hundred articles evenly.
BATCH_DOCS = 16
#: Largest number of characters in one batch (a batch is closed when either
#: limit is reached), so a few very long articles do not form a huge batch;
#: the core's own limit, so that a batch is one ``nlp.pipe`` call.
BATCH_CHARS = MAX_BATCH_CHARS
#: Documents read ahead of the batch being cut, so that the end of the
#: inputs is seen coming: the last of them go out in batches of
#: ``TAIL_BATCH_DOCS``, and the workers finish together instead of one of
#: them idling while the other does a last full batch (a 16-article batch
#: takes about half a second; over 1,000 articles with two workers, the
#: last batches ended 0.35 s apart with full batches, 0.07 s apart so).
LOOKAHEAD_DOCS = 3 * BATCH_DOCS
TAIL_BATCH_DOCS = 4
#: Batches submitted per worker ahead of the one being waited for.
IN_FLIGHT_PER_JOB = 2
#: Environment variables that keep numeric libraries at one thread, so that
#: N workers use N cores rather than fighting over them.
THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS")

#: The variable Dask clients read for the scheduler's address when none is given.
SCHEDULER_VARIABLE = "DASK_SCHEDULER_ADDRESS"


class Executor(Protocol):
    """Runs batches of documents through the core somewhere."""

    def map(self, batches: Iterable[list[Document]]) -> Generator[list[Outcome], None, None]:
        """The outcomes of each batch, in the order of ``batches``.

        Reads ``batches`` only a bounded way ahead; closing the generator
        stops the work in flight at once.
        """
        ...


def executor_for(model: str | Language | None, *, jobs: int = 1, scheduler: str | None = None) -> Executor:
    """The executor for a run: the one place that decides where documents are annotated.

    ``scheduler`` (a Dask scheduler address) wins; else, unless ``jobs > 1``
    asks for the local pool, the ``DASK_SCHEDULER_ADDRESS`` variable is
    honoured as ``dask.distributed.Client()`` would; else ``jobs`` local
    processes, or this process for ``jobs == 1``. A loaded pipeline runs in
    this process only (the variable is then not looked at). Raises
    :class:`PipelineError` if Dask is asked for but not installed.
    """
    if isinstance(model, Language):
        if jobs != 1 or scheduler is not None:
            raise ValueError("a loaded pipeline runs in this process only; pass a model name to use jobs or a scheduler")
        return InProcess(model)
    if scheduler is None and jobs <= 1:
        scheduler = os.environ.get(SCHEDULER_VARIABLE) or None
    if scheduler is not None:
        from quotex.dask_executor import DaskExecutor

        return DaskExecutor(scheduler, model)
    if jobs > 1:
        return LocalPool(model, jobs)
    return InProcess(model)


def map_ordered(
    inputs: Iterable[Input], executor: Executor
) -> Generator[tuple[Input, list[Record] | Problem], None, None]:
    """Annotate inputs with ``executor``, yielding them in input order.

    Yields ``(input, records)`` for every input (``records`` is empty for an
    input without documents), or ``(input, problem)`` when annotating one of
    its documents failed; the input's own ``problems`` are left for the
    caller to report. Raises :class:`PipelineError` if the pipeline cannot be
    loaded.
    """
    collector = _Collector()
    # ``closing``: a stop raised in the caller's loop must stop the work in flight at once.
    with closing(executor.map(collector.batches(inputs))) as results:
        for outcomes in results:
            collector.feed(outcomes)
            yield from collector.finished()
    yield from collector.finished()  # inputs without documents after the last batch


class InProcess:
    """Annotate in this process, with a loaded pipeline or one loaded at the first batch."""

    def __init__(self, model: str | Language | None) -> None:
        self._model = model

    def map(self, batches: Iterable[list[Document]]) -> Generator[list[Outcome], None, None]:
        nlp = self._model if isinstance(self._model, Language) else load(self._model)
        for batch in batches:
            yield annotate_batch(nlp, batch)


class LocalPool:
    """``jobs`` worker processes on this machine (``--jobs N``)."""

    def __init__(self, model: str | None, jobs: int) -> None:
        self._model, self._jobs = model, jobs

    def map(self, batches: Iterable[list[Document]]) -> Generator[list[Outcome], None, None]:
        pool = _Pool(self._model, self._jobs)
        window: deque[tuple[list[Document], Future[list[Outcome]]]] = deque()
        completed = False
        try:
            for batch in batches:
                window.append((batch, pool.submit(batch)))
                while len(window) > IN_FLIGHT_PER_JOB * self._jobs:
                    yield pool.next_outcomes(window)
            while window:
                yield pool.next_outcomes(window)
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
        """Batches of documents in input order, the last ones small (see :data:`LOOKAHEAD_DOCS`)."""
        ahead: deque[Document] = deque()
        for item in inputs:
            pending = _Pending(item)
            self._waiting.append(pending)
            if pending.complete:
                continue
            self._filling.append(pending)
            ahead.extend(item.documents)
            while len(ahead) > LOOKAHEAD_DOCS:
                yield _take(ahead, BATCH_DOCS)
        while ahead:
            yield _take(ahead, TAIL_BATCH_DOCS)

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


def _take(documents: deque[Document], most: int) -> list[Document]:
    """The next batch from the front of ``documents``: at most ``most`` of them and :data:`BATCH_CHARS` characters."""
    batch = [documents.popleft()]
    chars = len(batch[0].text)
    while documents and len(batch) < most and chars + len(documents[0].text) <= BATCH_CHARS:
        chars += len(documents[0].text)
        batch.append(documents.popleft())
    return batch


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
# Worker processes of the local pool


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
        _worker_nlp = load(model)
    except PipelineError as err:
        # Raising here would only print a traceback and break the pool; the
        # parent gets the message with the first batch instead.
        _worker_error = str(err)
    # The pipeline lives as long as this process: frozen, its million objects
    # are left out of every later full collection (0.1 s each, about one per
    # 500 articles). Not done in-process (InProcess), where a frozen pipeline
    # would never be freed after the run. The few thousand objects of garbage
    # the load left are frozen with it: not worth a collection on the start-up path.
    gc.freeze()


def _work(documents: list[Document]) -> list[Outcome]:
    if _worker_nlp is None:
        raise PipelineError(_worker_error or "the pipeline was not loaded")
    return [
        [replace(record, text="") for record in outcome] if isinstance(outcome, list) else outcome
        for outcome in annotate_batch(_worker_nlp, documents)
    ]
