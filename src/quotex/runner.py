"""The ``quotex extract`` batch job: unattended runs over folders that keep growing.

Promises, and how they are kept:

* **One bad input never costs the others.** Every input is reported on its
  own (``source:line: error: reason`` on stderr) and all other inputs are
  still processed and written; the exit status is then 1.
* **Standard output carries records only**, one JSON object per line, written
  input by input and flushed. Progress (a rich bar, only when stderr is a
  terminal and ``--quiet`` is not given), information, warnings and errors go
  to stderr.
* **``-o OUT`` without ``--state`` replaces OUT atomically.** Records go to a
  temporary file next to OUT that is renamed over OUT at the end. A clean stop
  (Ctrl-C, SIGTERM) also renames it, so OUT then holds exactly the records of
  the inputs that were finished, each input whole; a run that is killed
  outright (SIGKILL, power loss) leaves OUT as it was before the run. OUT is
  never half-written.
* **``--state FILE`` remembers finished inputs** by key (resolved path,
  ``path#line`` inside JSONL) and content digest (sha256). A run with the same
  FILE skips inputs whose digest is unchanged, processes new and changed ones
  and *appends* to OUT. For every input, its records are appended to OUT,
  flushed and fsynced *before* its line is appended to FILE, so FILE never
  claims more than OUT holds. FILE also says how many bytes of OUT belong to
  finished inputs; a run killed mid-input leaves some bytes past that point,
  and the next run cuts them off before appending. A kill at any moment
  followed by a re-run therefore ends with exactly the records of one clean
  run: no duplicates, no losses.
* **Ctrl-C and SIGTERM stop cleanly**: whatever is being written is written
  to the end (signals only take effect outside those short sections), workers
  are stopped, finished work is kept as described above, and the exit status
  is 130 (SIGINT) or 143 (SIGTERM).

State FILE format: JSON lines, append-only. The first line is a header
``{"quotex_state": 1, "output": PATH or null, "start": BYTES}`` (``start`` is
OUT's size when the state was created: quotex appends after whatever OUT held
and never touches it; a ``compacted`` field is added when stale records were
cut out). Then one line per finished input:
``{"key": ..., "digest": ..., "records": N, "end": BYTES}`` where ``end`` is
OUT's size after the input's records (``null`` when records went to standard
output). The latest line for a key wins. A torn last line (a crash while
writing it) is ignored and cut off; any other unreadable line is an error.

Decisions:

* ``--state`` without ``-o`` is allowed: records of new and changed inputs go
  to standard output (meant for ``>> all.jsonl`` or a consumer that takes
  them incrementally). Standard output is flushed (and fsynced when it is a
  file) before an input is marked.
* A *changed* input (same key, new digest) is processed again and its new
  records are appended; at the end of the run (also after a clean stop) its
  old records are cut out of OUT, so OUT holds exactly one set of records per
  input, as one clean run would (the changed input's records now come last).
  That rewrite of OUT is atomic and crash-safe (see :func:`_compact`); it
  costs one copy of OUT, and only in runs that met a changed input. With
  records on standard output, the old records were already handed on and are
  the consumer's to replace.
* Inputs that vanished since the last run keep their records (drop folders
  are often emptied after processing).
* An input whose content is broken (undecodable, invalid JSON) is marked with
  its digest like any other: the same bytes would fail the same way, so it is
  reported once and retried only when it changes. An input that could not be
  read at all (no digest) or whose annotation raised is not marked and is
  retried by the next run.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from quotex.inputs import Input, Problem, iter_inputs
from quotex.parallel import PipelineError, map_ordered
from quotex.records import Record, header, serialize

#: Exit statuses (shell convention 128 + signal number for a signal stop).
EXIT_OK = 0
EXIT_FAILED_INPUTS = 1
EXIT_USAGE = 2
EXIT_STATUS_BY_SIGNAL = {signal.SIGINT: 130, signal.SIGTERM: 143}
EXIT_BROKEN_PIPE = 141

STATE_VERSION = 1


def run(
    paths: Sequence[str],
    *,
    output: Path | None,
    state: Path | None,
    model: str | None,
    jobs: int,
    text_field: str,
    quiet: bool,
    format: str = "jsonl",
) -> int:
    """Run ``quotex extract`` and return its exit status.

    0: every input was processed (warnings allowed); 1: some inputs failed
    (each named on stderr); 2: the run could not start (pipeline not loadable,
    state FILE unusable); 130/143: stopped by SIGINT/SIGTERM, finished work kept.
    """
    if output is not None and str(output) == "-":
        output = None
    report = _Reporter(quiet=quiet)
    report.expect(paths)
    try:
        sink = _open_sink(output, state, format)
    except _UsageError as err:
        report.error(str(err))
        return EXIT_USAGE
    with _Signals() as signals, report:
        totals = _Totals()
        status: int | None = None
        try:
            status = _process(paths, sink, model, jobs, text_field, report, totals, signals)
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
                sink.close(commit=status in (EXIT_OK, EXIT_FAILED_INPUTS, *EXIT_STATUS_BY_SIGNAL.values()))
        if status != EXIT_USAGE:
            report.info(totals.summary())
        return status


# ---------------------------------------------------------------------------


def _process(
    paths: Sequence[str],
    sink: "_Sink",
    model: str | None,
    jobs: int,
    text_field: str,
    report: "_Reporter",
    totals: "_Totals",
    signals: "_Signals",
) -> int:
    failed = False
    # OUT and the state file often live in the folder being watched; they are
    # quotex's own output, never articles.
    own_files = {os.path.realpath(path) for path in (sink.output, sink.state_path) if path is not None}

    def fresh() -> Iterator[Input]:
        for item in iter_inputs(paths, text_field=text_field):
            if item.key in own_files:
                continue
            totals.inputs += 1
            if item.digest and sink.finished.get(item.key) == item.digest:
                totals.skipped += 1
                report.advance(totals)
                continue
            yield item

    # ``closing``: a stop raised in this loop must still stop the workers at once.
    with closing(map_ordered(fresh(), model=model, jobs=jobs)) as results:
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
            annotated = not isinstance(outcome, Problem)
            with signals.deferred():
                sink.write(item, records, mark=annotated and bool(item.digest))
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
    """Turns SIGINT/SIGTERM into :class:`_Stopped`, but never inside a write.

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

    def __enter__(self) -> "_Signals":
        if threading.current_thread() is threading.main_thread():
            for signum in EXIT_STATUS_BY_SIGNAL:
                self._previous[signum] = signal.signal(signum, self._handle)
        return self

    def __exit__(self, *exc_info: object) -> None:
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)

    def _handle(self, signum: int, _frame: object) -> None:
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
    """Records to stdout or OUT, plus the ``--state`` bookkeeping."""

    #: Where records go (``None``: standard output).
    output: Path | None = None

    def __init__(self, stream: IO[bytes], *, state: "_State | None", fsync: bool, format: str = "jsonl") -> None:
        self._stream = stream
        self._format = format
        stream.write(header(format).encode("utf-8"))
        self.state_path = state.path if state else None
        self._state = state
        self._fsync = fsync
        self.finished: dict[str, str] = state.finished if state else {}

    def write(self, item: Input, records: list[Record], *, mark: bool) -> None:
        if records:
            data = serialize(records, self._format).encode("utf-8")
            self._stream.write(data)
            self._stream.flush()
            if self._state is not None and self._fsync:
                os.fsync(self._stream.fileno())
        if self._state is not None and mark:
            end = self._stream.tell() if self._state.output is not None else None
            self._state.mark(item.key, item.digest, len(records), end)

    def kept_message(self) -> str:
        return "the records of finished inputs are kept"

    def close(self, *, commit: bool) -> None:
        if self._state is not None:
            self._state.close()
        self._stream.flush()


class _StdoutSink(_Sink):
    def __init__(self, state: "_State | None", format: str) -> None:
        stream = sys.stdout.buffer
        super().__init__(stream, state=state, fsync=_is_regular_file(stream), format=format)


class _AppendSink(_Sink):
    """``-o OUT --state FILE``: append to OUT after cutting off unfinished bytes."""

    def __init__(self, output: Path, state: "_State") -> None:
        self.output = output
        stream = open(output, "ab")
        size = stream.seek(0, os.SEEK_END)
        committed = state.committed_end(default=size)
        if size < committed:
            stream.close()
            raise _UsageError(
                f"{output} has {size} bytes but the state file {state.path} records {committed} bytes of "
                f"finished records in it: the two do not belong together. Give the output the state "
                f"file was kept for, or delete {state.path} to start over."
            )
        if size > committed:
            # Bytes of an input that a killed run had not finished: it is redone now.
            stream.truncate(committed)
            stream.seek(committed)
        super().__init__(stream, state=state, fsync=True)

    def close(self, *, commit: bool) -> None:
        super().close(commit=commit)
        self._stream.close()
        if commit and self._state is not None and self._state.superseded():
            _compact(self.output, self._state)


class _ReplaceSink(_Sink):
    """``-o OUT`` without ``--state``: a temporary file renamed over OUT at the end."""

    def __init__(self, output: Path, format: str) -> None:
        self.output = output
        directory = output.parent if str(output.parent) else Path(".")
        try:
            handle, name = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".tmp", dir=directory)
        except OSError as err:
            raise _UsageError(f"cannot write {output}: {err.strerror}; check the folder exists and is writable") from err
        self._temporary = Path(name)
        super().__init__(os.fdopen(handle, "wb"), state=None, fsync=False, format=format)

    def kept_message(self) -> str:
        return f"{self.output} holds the records of the finished inputs"

    def close(self, *, commit: bool) -> None:
        try:
            if commit:
                self._stream.flush()
                os.fsync(self._stream.fileno())
                os.chmod(self._temporary, _mode_for(self.output))
        finally:
            self._stream.close()
        if commit:
            os.replace(self._temporary, self.output)
        else:
            self._temporary.unlink(missing_ok=True)


def _open_sink(output: Path | None, state_path: Path | None, format: str = "jsonl") -> _Sink:
    """``format`` other than JSON Lines is for whole runs only: ``--state`` appends
    and cuts records by byte ranges, which a CSV header would not survive."""
    state = _State.open(state_path, output) if state_path is not None else None
    if output is None:
        return _StdoutSink(state, format)
    if state is None:
        return _ReplaceSink(output, format)
    try:
        return _AppendSink(output, state)
    except OSError as err:
        raise _UsageError(f"cannot write {output}: {err.strerror}") from err


def _mode_for(output: Path) -> int:
    """Keep an existing OUT's permissions; a new one gets the usual umask ones."""
    try:
        return os.stat(output).st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _is_regular_file(stream: IO[bytes]) -> bool:
    try:
        import stat

        return stat.S_ISREG(os.fstat(stream.fileno()).st_mode)
    except (OSError, ValueError):
        return False


def _silence_stdout() -> None:
    """After EPIPE, make the interpreter's final flush of stdout a no-op."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


# ---------------------------------------------------------------------------
# The state file


class _State:
    """The ``--state`` file: which inputs are finished (see the module docstring)."""

    def __init__(self, path: Path, stream: IO[bytes], header: dict[str, Any], entries: list[dict[str, Any]]):
        self.path = path
        self._stream = stream
        self.header = header
        self.entries = entries  # in the order their records were written
        self.output: str | None = header.get("output")
        self._start: int | None = header.get("start")
        self._last_end: int | None = None
        self.finished: dict[str, str] = {}
        for entry in entries:
            self.finished[entry["key"]] = entry["digest"]
            if entry.get("end") is not None:
                self._last_end = entry["end"]

    def superseded(self) -> bool:
        """Whether some input was processed again after a change (its old records are stale)."""
        return len(self.finished) < len(self.entries)

    @classmethod
    def open(cls, path: Path, output: Path | None) -> "_State":
        wanted_output = None if output is None else str(output.resolve())
        if output is not None:
            _finish_compaction(path, output)
        try:
            stream = open(path, "a+b")
        except OSError as err:
            raise _UsageError(f"cannot open the state file {path}: {err.strerror}") from err
        stream.seek(0)
        raw = stream.read()
        header, entries, good_length = _parse_state(path, raw)
        if header is None:
            stream.truncate(0)
            start = _size(output) if output is not None else None
            header = {"quotex_state": STATE_VERSION, "output": wanted_output, "start": start}
            stream.write((json.dumps(header, ensure_ascii=False) + "\n").encode("utf-8"))
            stream.flush()
        else:
            if good_length < len(raw):
                stream.truncate(good_length)  # a torn last line from a killed run
            elif not raw.endswith(b"\n"):
                stream.write(b"\n")  # killed between a whole line and its newline
            if (header.get("output") is None) != (wanted_output is None):
                kept = f"-o {header['output']}" if header.get("output") else "standard output"
                raise _UsageError(
                    f"the state file {path} was kept for records written to {kept}; "
                    f"use the same output, or another state file"
                )
        stream.seek(0, os.SEEK_END)
        return cls(path, stream, header, entries)

    def committed_end(self, *, default: int) -> int:
        """OUT's size after the last finished input (or when the state began)."""
        if self._last_end is not None:
            return self._last_end
        return self._start if self._start is not None else default

    def mark(self, key: str, digest: str, records: int, end: int | None) -> None:
        line = {"key": key, "digest": digest, "records": records, "end": end}
        self._stream.write((json.dumps(line, ensure_ascii=False) + "\n").encode("utf-8"))
        self._stream.flush()
        self.entries.append(line)
        self.finished[key] = digest
        if end is not None:
            self._last_end = end

    def close(self) -> None:
        self._stream.flush()
        os.fsync(self._stream.fileno())
        self._stream.close()


def _compact(output: Path, state: _State) -> None:
    """Drop the stale records of inputs processed again after a change.

    OUT is rewritten without the byte ranges of superseded state entries, and
    the state file without those entries. Both are written to new files first;
    OUT is replaced, then the state. The new state's header names the size and
    sha256 of the new OUT, so a run killed between the two renames is finished
    by the next one (:func:`_finish_compaction`): either both files are old or
    both are new, never a state that points into the wrong OUT.
    """
    latest = {entry["key"]: index for index, entry in enumerate(state.entries)}
    start = state.header["start"]
    pieces = [(0, start)]  # what OUT held before the state began is never touched
    entries, previous, size = [], start, start
    for index, entry in enumerate(state.entries):
        begin, previous = previous, entry["end"]
        if latest[entry["key"]] == index:
            pieces.append((begin, entry["end"]))
            size += entry["end"] - begin
            entries.append({**entry, "end": size})
    new_output, new_state = _compaction_files(state.path, output)
    digest = hashlib.sha256()
    with open(output, "rb") as source, open(new_output, "wb") as target:
        for begin, end in pieces:
            source.seek(begin)
            data = source.read(end - begin)
            digest.update(data)
            target.write(data)
        target.flush()
        os.fsync(target.fileno())
    os.chmod(new_output, _mode_for(output))
    header = {**state.header, "compacted": {"size": size, "sha256": digest.hexdigest()}}
    with open(new_state, "wb") as target:
        for line in (header, *entries):
            target.write((json.dumps(line, ensure_ascii=False) + "\n").encode("utf-8"))
        target.flush()
        os.fsync(target.fileno())
    os.replace(new_output, output)
    os.replace(new_state, state.path)


def _compaction_files(state_path: Path, output: Path) -> tuple[Path, Path]:
    return output.with_name(f".{output.name}.compact.tmp"), state_path.with_name(f"{state_path.name}.new")


def _finish_compaction(state_path: Path, output: Path) -> None:
    """Complete or undo a compaction that a killed run left half done."""
    new_output, new_state = _compaction_files(state_path, output)
    if new_state.exists():
        try:
            with open(new_state, "rb") as stream:
                compacted = json.loads(stream.readline()).get("compacted", {})
        except ValueError:
            compacted = {}
        if not new_output.exists() and compacted and _size(output) == compacted["size"]:
            with open(output, "rb") as stream:
                if hashlib.file_digest(stream, "sha256").hexdigest() == compacted["sha256"]:
                    os.replace(new_state, state_path)  # OUT was replaced; the state was not yet
        new_state.unlink(missing_ok=True)
    new_output.unlink(missing_ok=True)


def _parse_state(path: Path, raw: bytes) -> tuple[dict[str, Any] | None, list[dict[str, Any]], int]:
    """Header, entries and the length of the well-formed part of a state file."""
    if not raw.strip():
        return None, [], 0
    lines = raw.split(b"\n")
    header: dict[str, Any] | None = None
    entries: list[dict[str, Any]] = []
    offset = 0
    for number, line in enumerate(lines, start=1):
        last = number == len(lines)
        if last and not line:
            break
        try:
            value = json.loads(line)
            if not isinstance(value, dict):
                raise ValueError("not a JSON object")
            if header is None:
                if value.get("quotex_state") != STATE_VERSION:
                    raise ValueError("not a quotex state header")
            elif not isinstance(value.get("key"), str) or not isinstance(value.get("digest"), str):
                raise ValueError("no key and digest")
        except ValueError as err:
            if last:  # no newline after it: a write cut short by a kill
                break
            raise _UsageError(
                f"{path}:{number}: not a quotex state line ({err}); it was edited or is not a state file. "
                f"Give another --state file, or delete this one to process every input again"
            ) from err
        if header is None:
            header = value
        else:
            entries.append(value)
        offset += len(line) + 1
    return header, entries, offset


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0


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
        from quotex.inputs import _discover  # the same walk the run makes, so the counts agree

        self._progress.update(self._task, total=sum(1 for given in paths for _ in _discover(given)))
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
