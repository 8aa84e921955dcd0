"""The ``quotex extract`` batch job: unattended runs over folders that keep growing.

Promises, and how they are kept (the README's "Reliability" section names
the test that keeps each):

* **One bad input never costs the others.** Whatever fails for one input
  (reading, decoding, parsing, annotating, serializing, writing its records)
  is reported on one line (``quotex: error: source[:line]: reason`` on
  stderr, control characters and undecodable bytes escaped) and the run goes
  on; the exit status is then 1.
* **Standard output carries records only**, one strict JSON object per line,
  written input by input with ``os.write`` (no buffer that could replay a
  failed write later). Progress, information, warnings and errors go to stderr.
* **``-o OUT`` writes only regular files.** A symbolic link, a device, a FIFO,
  a folder, a read-only file or one of the inputs is refused (exit 2) and
  left as it is.
* **``-o OUT`` without ``--state`` replaces OUT atomically.** Records go to a
  locked temporary file next to OUT that is renamed over OUT at the end. An
  existing OUT is complete or old: a clean stop (Ctrl-C, SIGTERM, SIGHUP)
  leaves it as it was. A new OUT gets the records of the inputs that were
  finished, each input whole. A run killed outright leaves OUT as it was, and
  its temporary file is removed by the next run (one that no live run holds
  locked).
* **``--state FILE`` remembers finished inputs** by key (resolved path,
  ``path#line`` inside JSONL) and content digest, and is bound to OUT (see
  :mod:`quotex.state`): a run proves OUT is the file the state was kept for,
  unchanged, before touching it, and refuses (exit 2) otherwise. For every
  input, its records are announced in FILE, appended to OUT and fsynced,
  then the input is marked; so a run killed at any moment and run again ends
  with exactly the records of one clean run. Runs sharing FILE are serialised
  by a lock: a second one exits at once with 75 and does nothing.
* **Ctrl-C, SIGTERM and SIGHUP stop cleanly**: whatever is being written is
  written to the end (signals only take effect outside those short sections),
  workers are stopped, finished work is kept as described above, and the exit
  status is 130, 143 or 129.

Decisions:

* ``--state`` without ``-o`` is allowed: records of new and changed inputs go
  to standard output (meant for ``>> all.jsonl`` or a consumer that takes
  them incrementally). Standard output is fsynced when it is a file before an
  input is marked.
* A *changed* input (same key, new digest) is processed again and its new
  records are appended; at the end of the run (also after a clean stop) its
  old records are cut out of OUT (:func:`quotex.state.compact`), so OUT holds
  exactly one set of records per input, as one clean run would.
* Inputs that vanished since the last run keep their records (drop folders
  are often emptied after processing).
* Every input that was read (it has a digest) is marked, failed or not: the
  same bytes would fail the same way, so a poisoned input is reported once and
  retried only when it changes, instead of on every run. An input that could
  not be read at all, or whose records could not be written, is not marked
  and is retried by the next run.
"""

from __future__ import annotations

import json
import os
import signal
import stat
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from quotex.api import PipelineError, extract_inputs
from quotex.inputs import MAX_BYTES, Input, Problem, file_kind, iter_inputs, printable, walked
from quotex.formats import own_output
from quotex.records import Record, header, serialize, strict_json
from quotex.state import (
    EXIT_BUSY,
    Contents,
    State,
    StateBusy,
    StateError,
    compact,
    lock,
    lock_temporary,
    parse,
    stale_temporaries,
    temporary_prefix,
    verify_output,
)

#: Exit statuses (shell convention 128 + signal number for a signal stop).
EXIT_OK = 0
EXIT_FAILED_INPUTS = 1
EXIT_USAGE = 2
#: SIGHUP (the terminal closed, or a daemon's "reload") stops like SIGTERM.
EXIT_STATUS_BY_SIGNAL = {signal.SIGINT: 130, signal.SIGTERM: 143, signal.SIGHUP: 129}
EXIT_BROKEN_PIPE = 141


def run(
    paths: Sequence[str],
    *,
    output: Path | None,
    state: Path | None,
    model: str | None,
    jobs: int,
    text_field: str,
    quiet: bool,
    max_bytes: int = MAX_BYTES,
    format: str = "jsonl",
    scheduler: str | None = None,
    documents: Path | None = None,
    title_field: str | None = None,
    id_field: str | None = None,
    date_field: str | None = None,
) -> int:
    """Run ``quotex extract`` and return its exit status.

    ``documents``: also write every document read, with the text its
    records' offsets index, to this file (``--documents``), kept in step
    with the records (with ``state``, through a state of its own).

    0: every input was processed (warnings allowed); 1: some inputs failed
    (each named on stderr); 2: the run could not start (pipeline not loadable,
    OUT or state FILE refused); 75: another run holds the state FILE;
    130/143/129: stopped by SIGINT/SIGTERM/SIGHUP, finished work kept.
    """
    if output is not None and str(output) == "-":
        output = None
    report = _Reporter(quiet=quiet)
    report.expect(paths)
    try:
        sink = _open_sink(output, state, paths, format, documents)
    except StateBusy as err:
        report.error(str(err))
        return EXIT_BUSY
    except (_UsageError, StateError) as err:
        report.error(str(err))
        return EXIT_USAGE
    except BrokenPipeError:  # the reader left before a CSV header could be written
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    for path in sink.removed:
        report.info(f"removed {path}, a temporary file of a killed run")
    with _Signals() as signals, report:
        totals = _Totals()
        status: int | None = None
        try:
            fields = {"text_field": text_field, "title_field": title_field, "id_field": id_field, "date_field": date_field}
            status = _process(paths, sink, model, jobs, scheduler, fields, max_bytes, report, totals, signals)
        except _Stopped as stop:
            status = EXIT_STATUS_BY_SIGNAL[stop.signum]
            report.info(f"stopped by {signal.Signals(stop.signum).name}; {sink.kept_message()}")
        except PipelineError as err:
            status = EXIT_USAGE
            report.error(str(err))
        except BrokenPipeError:
            # The reader went away (``quotex extract … | head``): not an error to shout about.
            _silence_stdout()
            status = EXIT_BROKEN_PIPE
        finally:
            with signals.deferred():
                try:
                    sink.close_all(
                        commit=status in (EXIT_OK, EXIT_FAILED_INPUTS, *EXIT_STATUS_BY_SIGNAL.values()),
                        stopped=status in EXIT_STATUS_BY_SIGNAL.values(),
                    )
                except StateError as err:
                    report.error(str(err))
                    status = EXIT_USAGE
                except OSError as err:
                    where = sink.output or "standard output"
                    report.error(f"could not finish {where}: {err.strerror or err}; it was left as it was before the run")
                    status = EXIT_FAILED_INPUTS
        if status != EXIT_USAGE:
            report.info(totals.summary())
        return status


# ---------------------------------------------------------------------------


def _process(
    paths: Sequence[str],
    sink: "_Sink",
    model: str | None,
    jobs: int,
    scheduler: str | None,
    fields: dict[str, Any],
    max_bytes: int,
    report: "_Reporter",
    totals: "_Totals",
    signals: "_Signals",
) -> int:
    failed = False
    # OUT and the state file often live in the folder being watched; they are
    # quotex's own output, never articles.
    own_files = {os.path.realpath(path) for path in sink.own_files() if path is not None}

    def fresh() -> Iterator[Input]:
        for item in iter_inputs(paths, max_bytes=max_bytes, **fields):
            if item.key in own_files:
                continue
            totals.inputs += 1
            if item.digest and sink.finished.get(item.key) == item.digest:
                totals.skipped += 1
                report.advance(totals)
                continue
            yield item

    # ``closing``: a stop raised in this loop must still stop the workers at once.
    with closing(extract_inputs(fresh(), model=model, jobs=jobs, scheduler=scheduler)) as results:
        for item, outcome in results:
            problems = list(item.problems)
            records: list[Record] = []
            if isinstance(outcome, Problem):
                problems.append(outcome)
            else:
                records = outcome
            for problem in problems:
                report.problem(problem)
            failed = failed or any(problem.fatal for problem in problems)
            with signals.deferred():
                unwritten = sink.write(item, records, mark=bool(item.digest), failed=any(p.fatal for p in problems))
            if unwritten is not None:
                report.problem(unwritten)
                failed = True
            totals.finished += 1
            totals.articles += len(item.documents)
            totals.records += len(records)
            report.advance(totals)
    return EXIT_FAILED_INPUTS if failed else EXIT_OK


@dataclass
class _Totals:
    inputs: int = 0  # read so far (some may still be in flight)
    finished: int = 0
    skipped: int = 0
    articles: int = 0
    records: int = 0
    started: float = field(default_factory=time.monotonic)

    def summary(self) -> str:
        seconds = time.monotonic() - self.started
        skipped = f", {self.skipped} unchanged inputs skipped" if self.skipped else ""
        return (
            f"{self.finished} inputs done{skipped}: {self.articles} articles annotated, "
            f"{self.records} records in {seconds:.1f} s"
        )


# ---------------------------------------------------------------------------
# Signals


class _Stopped(BaseException):
    """Raised by the signal handler; a BaseException (like KeyboardInterrupt) so
    that no ``except Exception`` on the way (the per-document error isolation)
    mistakes a stop for a failed document."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


class _Signals:
    """Turns SIGINT/SIGTERM/SIGHUP into :class:`_Stopped`, but never inside a write.

    Raising from a signal handler interrupts whatever runs (waiting for a
    worker, annotating in-process), which makes a stop immediate. Inside
    :meth:`deferred` sections (writing an input's records and marking it) the
    signal is only noted and raised when the section ends, so an input is
    either completely written and marked or not at all. After the first
    signal, further ones are ignored so that cleaning up cannot be cut short.
    """

    def __init__(self) -> None:
        self._depth = 0
        self._pending: int | None = None
        self._stopping = False
        self._previous: dict[int, Any] = {}
        self._pid = os.getpid()

    def __enter__(self) -> "_Signals":
        if threading.current_thread() is threading.main_thread():
            for signum in EXIT_STATUS_BY_SIGNAL:
                self._previous[signum] = signal.signal(signum, self._handle)
        return self

    def __exit__(self, *exc_info: object) -> None:
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)

    def _handle(self, signum: int, _frame: object) -> None:
        if os.getpid() != self._pid:
            # A forked worker that inherited this handler: stopping is the parent's decision.
            if signum == signal.SIGTERM:
                os._exit(EXIT_STATUS_BY_SIGNAL[signal.SIGTERM])
            return
        if self._stopping:
            return
        if self._depth:
            self._pending = self._pending or signum
            return
        self._stopping = True
        raise _Stopped(signum)

    @contextmanager
    def deferred(self) -> Iterator[None]:
        self._depth += 1
        try:
            yield
        finally:
            self._depth -= 1
        if not self._depth and self._pending is not None and not self._stopping:
            self._stopping = True
            raise _Stopped(self._pending)


# ---------------------------------------------------------------------------
# Where records go


class _UsageError(Exception):
    """The output or state options cannot work together; message for the user."""


class _Sink:
    """Records to stdout or OUT, plus the ``--state`` bookkeeping.

    Records are written with ``os.write`` on the file descriptor, not through
    a buffered stream: after a failed write (a full disk) a buffer would still
    hold the failed bytes and write them later, inside the next input's records.
    """

    #: Where records go (``None``: standard output).
    output: Path | None = None
    #: The ``--documents`` file, a sink of its own (written before the records of each input).
    documents: "_Sink | None" = None
    #: What this sink writes, for messages.
    what = "records"
    #: Whether closing replaces a file that existed (only a complete run may).
    _replaces = False
    #: Whether a mark must be on disk before the call returns: a documents
    #: file's marks must, or a kill could leave records marked before their documents.
    sync_marks = False

    def __init__(self, fd: int, *, state: State | None, fsync: bool, format: str = "jsonl") -> None:
        self._fd = fd
        self._format = format
        _write_all(fd, header(format).encode("utf-8"))
        #: Temporary files of killed runs removed when opening.
        self.removed: list[Path] = []
        self.state_path = state.path if state else None
        self._state = state
        self._fsync = fsync
        self.finished: dict[str, str] = state.finished if state else {}

    def write(self, item: Input, records: list[Record], *, mark: bool, failed: bool) -> Problem | None:
        """Write one input's documents and records (and mark it); a problem if they could not be written.

        A failure fails this input alone: what it wrote is taken back where
        that is provably its own, it is not marked, and the run goes on.
        The documents go first, so that no record is ever without its document.
        """
        if self.documents is not None:
            try:
                lines = "".join(strict_json(document.to_dict()) + "\n" for document in item.documents)
            except ValueError as err:
                return Problem(item.key, None, f"its documents cannot be written as strict JSON ({err}); "
                               "please report this with the file", True)
            unwritten = self.documents.put(item, lines.encode("utf-8"), len(item.documents), mark=mark, failed=failed)
            if unwritten is not None:
                return unwritten
        try:
            data = serialize(records, self._format).encode("utf-8")
        except (ValueError, RecursionError) as err:
            data, failed = b"", True
            problem = Problem(item.key, None, f"its records cannot be written as strict JSON ({err}); please report this with the file", True)
        else:
            problem = None
        return self.put(item, data, len(records) if data else 0, mark=mark, failed=failed) or problem

    def put(self, item: Input, data: bytes, count: int, *, mark: bool, failed: bool) -> Problem | None:
        """Append one input's lines and mark it; a problem if they could not be written.

        An input this sink's state already holds with these bytes is not
        written again: a run killed after its documents were marked, but
        before its records were, redoes only the records.
        """
        if self._state is not None and item.digest and self._state.finished.get(item.key) == item.digest:
            return None
        if data:
            try:
                self._append(item.key, data)
            except BrokenPipeError:
                raise
            except OSError as err:
                retried = "; the input is retried by the next run" if self._state is not None else ""
                return Problem(item.key, None, f"its {self.what} could not be written to {self._where()}: "
                               f"{err.strerror or err}{retried}", True)
        if self._state is not None and mark:
            end = self._state.committed_end + len(data) if self._state.output is not None else None
            try:
                self._state.mark(item.key, item.digest, count, end, data, failed=failed, sync=self.sync_marks)
            except OSError as err:
                return Problem(item.key, None, f"could not be marked as finished in {self._state.path}: "
                               f"{err.strerror or err}; {self._unwrite()}", True)
        return None

    def _unwrite(self) -> str:
        """Take back the records of an input that could not be marked; say what happened to them."""
        return "its records were written anyway and will be written again by the next run"

    def _append(self, key: str, data: bytes) -> None:
        start = _position(self._fd)
        try:
            _write_all(self._fd, data)
            if self._fsync:
                os.fsync(self._fd)
        except OSError:
            _take_back(self._fd, start)
            raise

    def _where(self) -> str:
        return "standard output"

    def kept_message(self) -> str:
        return "the records of finished inputs are kept"

    def close(self, *, commit: bool, stopped: bool = False) -> None:
        if self._state is not None:
            self._state.close()

    def close_all(self, *, commit: bool, stopped: bool = False) -> None:
        """Close the documents file, then this one: records are never installed without their documents.

        A stopped run that leaves an existing OUT or DOCS as it was leaves both.
        """
        if stopped and any(sink._replaces for sink in (self, self.documents) if sink is not None):
            commit = False
        try:
            if self.documents is not None:
                self.documents.close(commit=commit, stopped=stopped)
        finally:
            self.close(commit=commit, stopped=stopped)

    def own_files(self) -> list[Path | None]:
        """The files this run writes, never to be read as inputs."""
        documents = self.documents.own_files() if self.documents is not None else []
        return [self.output, self.state_path, *documents]


class _StdoutSink(_Sink):
    def __init__(self, state: State | None, format: str) -> None:
        if state is not None and state.output is not None:
            raise _UsageError(f"the state file {state.path} was kept for -o {state.output}; give that -o, or another state file")
        try:
            info = os.fstat(1)
        except OSError:
            raise _UsageError("standard output is closed; give -o OUT, or redirect it (> FILE)") from None
        super().__init__(1, state=state, fsync=state is not None and stat.S_ISREG(info.st_mode), format=format)


class _AppendSink(_Sink):
    """``-o OUT --state FILE``: append to OUT, whose finished part the state has verified."""

    def __init__(self, output: Path, state: State, *, what: str = "records") -> None:
        self.output, self.what = output, what
        committed, size = verify_output(state.path, _contents(state), output)
        fd = os.open(output, os.O_WRONLY | os.O_NOFOLLOW)
        if size > committed:
            # The announced records of an input a killed run had not finished: it is redone now.
            os.ftruncate(fd, committed)
        os.lseek(fd, committed, os.SEEK_SET)
        super().__init__(fd, state=state, fsync=True)

    def _append(self, key: str, data: bytes) -> None:
        assert self._state is not None
        self._state.intend(key, self._state.committed_end, data)
        super()._append(key, data)

    def _where(self) -> str:
        return str(self.output)

    def _unwrite(self) -> str:
        assert self._state is not None
        _take_back(self._fd, self._state.committed_end)
        return "it is retried by the next run"

    def close(self, *, commit: bool, stopped: bool = False) -> None:
        try:
            os.close(self._fd)
            if commit and self._state is not None and self._state.superseded():
                assert self.output is not None
                compact(self.output, self._state)
        finally:
            super().close(commit=commit)


class _ReplaceSink(_Sink):
    """``-o OUT`` without ``--state``: a temporary file renamed over OUT at the end."""

    def __init__(self, output: Path, format: str, *, what: str = "records") -> None:
        self.output, self.what = output, what
        directory = output.parent if str(output.parent) else Path(".")
        try:
            handle, name = tempfile.mkstemp(prefix=temporary_prefix(output), suffix=".tmp", dir=directory)
        except OSError as err:
            raise _UsageError(f"cannot write {output}: {err.strerror}; check the folder exists and is writable") from err
        lock_temporary(handle)
        self._temporary = Path(name)
        #: An OUT that existed holds a previous run's records: a stopped run
        #: must not replace them with part of its own (complete or old).
        self._replaces = os.path.lexists(output)
        try:
            super().__init__(handle, state=None, fsync=False, format=format)
        except OSError:  # the CSV header could not be written
            self.close(commit=False)
            raise

    def _where(self) -> str:
        return str(self.output)

    def kept_message(self) -> str:
        if self._replaces:
            return f"{self.output} was left as it was (only a complete run replaces it; use --state to keep partial work)"
        return f"{self.output} holds the records of the finished inputs"

    def close(self, *, commit: bool, stopped: bool = False) -> None:
        commit = commit and not (stopped and self._replaces)
        try:
            if commit:
                os.fsync(self._fd)
                os.chmod(self._temporary, _mode_for(self.output))
        finally:
            os.close(self._fd)
        if commit:
            os.replace(self._temporary, self.output)
        else:
            self._temporary.unlink(missing_ok=True)


def _contents(state: State) -> Contents:
    return Contents(header=state.header, entries=state.entries, intent=state.intent)


def _open_sink(
    output: Path | None,
    state_path: Path | None,
    paths: Sequence[str],
    format: str = "jsonl",
    documents: Path | None = None,
) -> _Sink:
    """The sink for these options, after refusing every output that could destroy data.

    ``format`` other than JSON Lines is for whole runs only: ``--state`` appends
    and cuts records by byte ranges, which a CSV header would not survive."""
    if format != "jsonl" and state_path is not None:
        raise _UsageError("--state keeps JSON Lines only; run without --state for CSV/TSV")
    named = [(path, option) for path, option in ((output, "-o"), (state_path, "--state"), (documents, "--documents"))
             if path is not None]
    for index, (path, option) in enumerate(named):
        _check_writable(path, option, paths)
        for other, other_option in named[:index]:
            if _same_file(path, other) or path.resolve() == other.resolve():
                raise _UsageError(f"{other_option} and {option} name the same file {path}; give different files")
    removed = []
    for path in (output, documents):
        if path is not None:
            for stale in stale_temporaries(path):
                stale.unlink(missing_ok=True)
                removed.append(stale)
    try:
        state = State.open(state_path, output) if state_path is not None else None
    except OSError as err:
        raise _UsageError(f"cannot use the state file {state_path}: {err.strerror}") from err
    sink: _Sink | None = None
    try:
        if output is None:
            sink = _StdoutSink(state, format)
        elif state is None:
            sink = _ReplaceSink(output, format)
        else:
            sink = _AppendSink(output, state)
        sink.documents = _documents_sink(documents, state)
    except BaseException as err:
        if sink is not None:
            sink.close(commit=False)
        elif state is not None:
            state.close()
        if isinstance(err, OSError) and not isinstance(err, BrokenPipeError):
            raise _UsageError(f"cannot write {output or 'standard output'}: {err.strerror}") from err
        raise
    sink.removed = removed
    return sink


def documents_state_path(state_path: Path) -> Path:
    """The state that keeps ``--documents`` in step with ``--state``: a hidden file beside it."""
    return state_path.with_name(f".{state_path.name}.documents")


def _documents_sink(documents: Path | None, state: State | None) -> _Sink | None:
    """The ``--documents`` file: replaced at the end like OUT, or (``--state``) appended under a state of its own.

    Its state has the same keys and digests as the records' state, so an
    input is in both or is redone; it is refused when the two cannot agree:
    finished inputs whose documents were never written, or a documents file
    kept earlier that this run would leave behind.
    """
    if state is None:
        return None if documents is None else _ReplaceSink(documents, "jsonl", what="documents")
    path = documents_state_path(state.path)
    kept = _kept_for(path)
    if documents is None:
        if kept is not None:
            raise _UsageError(f"the state file {state.path} keeps the documents file {kept} in step with its records "
                              f"(in {path}); give --documents {kept}")
        return None
    if kept is not None and kept != str(documents.resolve()):
        raise _UsageError(f"the state file {state.path} keeps the documents file {kept} in step with its records "
                          f"(in {path}), not {documents}; give --documents {kept}, or a new --state file")
    if kept is None and state.entries:
        raise _UsageError(f"the state file {state.path} has finished inputs whose documents were never written; "
                          f"give a new --state file (and a new -o) to start keeping --documents {documents}")
    documents_state = State.open(path, documents)
    try:
        sink = _AppendSink(documents, documents_state, what="documents")
    except BaseException:
        documents_state.close()
        raise
    sink.sync_marks = True
    return sink


def _kept_for(state_path: Path) -> str | None:
    """The output a state file was kept for, if it exists and has a header."""
    try:
        with open(state_path, "rb") as stream:
            header = json.loads(stream.readline(1 << 16) or b"null")
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as err:
        raise _UsageError(f"cannot read {state_path}: {err}; it belongs to --state, do not edit it") from err
    return header.get("output") if isinstance(header, dict) else None


def _check_writable(path: Path, option: str, paths: Sequence[str]) -> None:
    """Refuse an output that is not a plain writable file, or that is one of the inputs.

    A symbolic link is refused rather than followed: replacing it would
    destroy the link, writing through it would write somewhere not named on
    the command line. rsync and logrotate are as strict about what they replace.
    """
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    if stat.S_ISLNK(info.st_mode):
        raise _UsageError(
            f"{option} {path} is a symbolic link; quotex writes only regular files and does not follow links "
            f"there. Give the file it points to ({option} {os.path.realpath(path)})"
        )
    if not stat.S_ISREG(info.st_mode):
        raise _UsageError(f"{option} {path} is {file_kind(info.st_mode)}, not a regular file; give a file name")
    if not info.st_mode & 0o222:
        raise _UsageError(f"{option} {path} is read-only; make it writable (chmod u+w) or give another file")
    own = {"-o": "records", "--documents": "documents"}.get(option)
    for given in paths:
        # A state file in the folder is recognised by its header (State.open refuses anything else).
        inside = own is not None and _read_from_folder(path, given, own)
        if given != "-" and (_same_file(path, Path(given)) or inside):
            raise _UsageError(f"{option} {path} is one of the inputs; writing it would destroy it. Give another file")


def _read_from_folder(path: Path, folder: str, own: str) -> bool:
    """Whether the walk of ``folder`` would read the existing file ``path`` as an article.

    OUT (or DOCS) may live in the folder it watches (the run skips it), but
    only if it is quotex's own: empty, or starting with a record (a document
    line). Anything else there is someone's article, and replacing or
    appending to it would destroy it.
    """
    inside = os.path.relpath(os.path.realpath(path), os.path.realpath(folder))
    parts = Path(inside).parts
    if not os.path.isdir(folder) or parts[0] == ".." or any(part.startswith(".") for part in parts):
        return False
    if not walked(inside):
        return False
    with open(path, "rb") as stream:
        first = stream.readline(1 << 20)
    return bool(first.strip()) and own_output(first) != own


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _position(fd: int) -> int | None:
    """Where the next write goes, if ``fd`` is a regular file (else writes cannot be taken back)."""
    try:
        if stat.S_ISREG(os.fstat(fd).st_mode):
            return os.lseek(fd, 0, os.SEEK_CUR)
    except OSError:
        pass
    return None


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _take_back(fd: int, start: int | None) -> None:
    """Cut what a failed write left after ``start``: bytes this very write put there."""
    if start is None:
        return
    try:
        os.ftruncate(fd, start)
        os.lseek(fd, start, os.SEEK_SET)
    except OSError:
        pass


def _mode_for(output: Path) -> int:
    """Keep an existing OUT's permissions; a new one gets the usual umask ones."""
    try:
        return os.stat(output).st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _silence_stdout() -> None:
    """After EPIPE, make the interpreter's final flush of stdout a no-op."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno() if sys.stdout is not None else 1)
    os.close(devnull)


# ---------------------------------------------------------------------------
# quotex doctor


def doctor(state_path: Path, output: Path | None = None) -> int:
    """Check a state file and its OUT, changing nothing; 0 consistent, 1 not, 2 unusable, 75 busy.

    Takes a shared lock, so it waits for no one and no run starts while the
    files are being read. The state that keeps ``--documents`` in step is
    checked too, with the documents file it names.
    """
    status = _doctor(state_path, output)
    documents = documents_state_path(state_path)
    if status == EXIT_OK and documents.exists():
        status = _doctor(documents, None)
    return status


def _doctor(state_path: Path, output: Path | None) -> int:
    report = _Reporter(quiet=False)
    try:
        stream = lock(state_path, shared=True)
    except StateBusy as err:
        report.error(str(err).replace("this run did nothing", "nothing was checked"))
        return EXIT_BUSY
    except (StateError, OSError) as err:
        report.error(str(err) if isinstance(err, StateError) else f"cannot read {state_path}: {err.strerror}")
        return EXIT_USAGE
    with stream:
        try:
            raw = stream.read()
            contents = parse(state_path, raw)
            if contents.header is None:
                report.info(f"{state_path} is empty: a new state file; nothing to check")
                return EXIT_OK
            kept = contents.header.get("output")
            if kept is None:
                if output is not None:
                    raise StateError(f"{state_path} was kept for standard output, not for {output}")
                report.info(f"{state_path}: records went to standard output; {len(contents.entries)} inputs marked")
                return EXIT_OK
            output = output if output is not None else Path(kept)
            committed, size = verify_output(state_path, contents, output)
        except StateError as err:
            report.error(str(err))
            return EXIT_FAILED_INPUTS
    if contents.good_length < len(raw):
        report.info(f"{state_path}: its last line was torn by a kill; the next run drops it")
    if size > committed:
        report.info(f"{output}: {size - committed} bytes of an input a killed run had not finished; the next run cuts them")
    stale = stale_temporaries(output)
    if stale:
        report.info(f"{len(stale)} temporary files of killed runs next to {output}; the next run removes them")
    latest = {entry["key"]: entry for entry in contents.entries}
    failed = sum(bool(entry.get("failed")) for entry in latest.values())
    records = sum(entry["records"] for entry in latest.values())
    report.info(
        f"{state_path} and {output} are consistent: {len(latest)} inputs ({failed} failed), {records} records, "
        f"{committed} bytes"
    )
    return EXIT_OK


# ---------------------------------------------------------------------------
# stderr


class _Reporter:
    """Problems, information and (on a terminal) a progress bar, all on stderr."""

    def __init__(self, *, quiet: bool) -> None:
        self.quiet = quiet
        self._progress: Any = None
        self._task: Any = None
        self._last_refresh = 0.0
        if not quiet and sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import (BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn,
                                       TimeElapsedColumn, TimeRemainingColumn)

            # No auto-refresh: it would start a thread, and worker processes
            # are forked later; a thread holding a lock at fork time can hang
            # the worker.
            self._progress = Progress(
                SpinnerColumn(),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("inputs"),
                TextColumn("{task.description}"),
                TextColumn("{task.fields[rate]}"),
                TimeElapsedColumn(),
                TextColumn("ETA"),
                TimeRemainingColumn(),
                console=Console(stderr=True),
                auto_refresh=False,
                transient=True,
            )
            self._task = self._progress.add_task("starting", total=None, rate="")

    def __enter__(self) -> "_Reporter":
        if self._progress is not None:
            self._progress.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._progress is not None:
            self._progress.stop()

    def expect(self, paths: Sequence[str]) -> None:
        """Give the bar its total: the number of input files, when it can be known before reading them.

        Standard input is one input of unknown content, folders are walked
        once more (names only); the bar then shows N/TOTAL and an ETA, and
        without a total it counts up with the rate.
        """
        if self._progress is None or "-" in paths:
            return
        from quotex.inputs import discover  # the same walk the run makes, so the counts agree

        self._progress.update(self._task, total=sum(1 for given in paths for _ in discover(given)))
        self._progress.refresh()

    def advance(self, totals: _Totals) -> None:
        if self._progress is None:
            return
        now = time.monotonic()
        if now - self._last_refresh < 0.1:
            return
        self._last_refresh = now
        skipped = f", {totals.skipped} unchanged" if totals.skipped else ""
        elapsed = now - totals.started
        done = totals.finished + totals.skipped
        self._progress.update(
            self._task,
            completed=done,
            description=f"{skipped}, {totals.articles} articles, {totals.records} records".lstrip(", "),
            rate=f"{done / elapsed:.1f}/s" if elapsed > 0 and done else "",
        )
        self._progress.refresh()

    def _print(self, line: str) -> None:
        line = printable(line)  # a file name must not break the line or speak to the terminal
        if self._progress is not None:
            self._progress.console.print(line, markup=False, highlight=False, soft_wrap=True)
        else:
            print(line, file=sys.stderr, flush=True)

    def problem(self, problem: Problem) -> None:
        if problem.fatal or not self.quiet:
            self._print(str(problem))

    def error(self, message: str) -> None:
        self._print(f"quotex: error: {message}")

    def info(self, message: str) -> None:
        if not self.quiet:
            self._print(f"quotex: {message}")
