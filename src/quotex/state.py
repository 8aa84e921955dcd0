"""The ``--state`` file of ``quotex extract``: which inputs are finished, bound to one OUT.

A state file is only useful if it describes the OUT it is used with. Used
with another file, or with an OUT that was sorted, appended to or restored
since, its byte offsets point at someone else's bytes, and cutting or
compacting by them destroys records. So, like sqlite with its journal, quotex
proves before it touches OUT that OUT is exactly what the state says:

* the header binds the state to OUT's resolved path, device and inode;
* every finished input's line carries the sha256 of its records' bytes, and
  the header the sha256 of what OUT held before the state began. A run reads
  OUT once and checks them all; one byte off and it refuses (exit 2) without
  writing anything;
* before an input's records are appended, an *intent* line says where, how
  many bytes and their sha256. Bytes past the last finished input are cut
  only when the state's last line is the intent for exactly that place and
  they are no more than it announced (a run killed while writing); any other
  bytes there were not written by quotex and make it refuse;
* runs sharing a state file are serialised by an exclusive ``fcntl`` lock on
  it. A second run does not wait (a cron job would pile up behind a slow
  run): it refuses at once with :data:`EXIT_BUSY`, and the next cron run goes
  on from where the holder stopped;
* a file that is not a quotex state file (anything but empty, or a header
  torn by a kill while it was being created) is refused and never written.

File format (JSON Lines, append-only; the latest line for a key wins)::

    {"quotex_state": 2, "output": PATH|null, "device": N, "inode": N, "start": BYTES, "start_sha256": HEX}
    {"writing": KEY, "at": BYTES, "size": BYTES, "sha256": HEX}
    {"key": KEY, "digest": HEX, "records": N, "end": BYTES|null, "sha256": HEX|null, "failed": BOOL}

``digest`` is the sha256 of the input's bytes, ``end`` OUT's size after its
records (``null`` when records go to standard output), ``failed`` whether the
input was reported as failed (it is not retried until its bytes change).
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from quotex.inputs import file_kind

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX
    fcntl = None  # type: ignore[assignment]

STATE_VERSION = 2
#: sysexits.h EX_TEMPFAIL: another run holds the state; try again later.
EXIT_BUSY = 75
#: Marks temporary files as quotex's own, so a later run may remove them.
TEMPORARY_TAG = ".quotex-"
#: A temporary file not locked by a live run and untouched this long is a killed run's.
STALE_SECONDS = 60
_CHUNK = 1 << 20


class StateError(Exception):
    """The state file and OUT cannot be used together; the message says what to do."""


class StateBusy(StateError):
    """Another run holds the state file's lock."""


# ---------------------------------------------------------------------------
# Reading and checking (no side effects: also what ``quotex doctor`` runs)


@dataclass
class Contents:
    """A parsed state file."""

    header: dict[str, Any] | None
    entries: list[dict[str, Any]] = field(default_factory=list)
    #: The intent line, if it is the last line: a run was writing these bytes when it stopped.
    intent: dict[str, Any] | None = None
    #: Length of the well-formed part; anything after it is a line torn by a kill.
    good_length: int = 0

    @property
    def committed_end(self) -> int:
        """OUT's size after the last finished input (or when the state began)."""
        ends = [entry["end"] for entry in self.entries if entry["end"] is not None]
        return ends[-1] if ends else (self.header or {}).get("start") or 0


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _check_line(value: Any, first: bool) -> str | None:
    """Why ``value`` is not a valid state line, or ``None``."""
    if not isinstance(value, dict):
        return "not a JSON object"
    if first:
        if value.get("quotex_state") != STATE_VERSION:
            return f"not a version {STATE_VERSION} quotex state header"
        if value.get("output") is not None and not (
            all(_is_int(value.get(name)) for name in ("device", "inode", "start"))
            and isinstance(value.get("start_sha256"), str)
        ):
            return "header without the output's device, inode, start and start_sha256"
        return None
    if "writing" in value:
        ok = isinstance(value["writing"], str) and all(_is_int(value.get(n)) for n in ("at", "size"))
        return None if ok and isinstance(value.get("sha256"), str) else "malformed intent line"
    if not isinstance(value.get("key"), str) or not isinstance(value.get("digest"), str):
        return "no key and digest"
    if not _is_int(value.get("records")) or not (value.get("end") is None or _is_int(value.get("end"))):
        return "records and end must be whole numbers"
    return None


def parse(path: Path, raw: bytes) -> Contents:
    """The contents of a state file; :class:`StateError` naming the line if it is not one."""
    if not raw:
        return Contents(header=None)
    contents = Contents(header=None)
    offset = 0
    lines = raw.split(b"\n")
    for number, line in enumerate(lines, start=1):
        last = number == len(lines)
        if last and not line:
            break
        try:
            value = json.loads(line)
            problem = _check_line(value, first=contents.header is None)
        except (ValueError, RecursionError) as err:
            value, problem = None, f"not JSON ({err})"
        if problem is not None:
            if last and contents.header is not None:
                break  # no newline after it: a line cut short by a kill
            if last and number == 1 and line.startswith(b'{"quotex_state": '):
                return Contents(header=None)  # a header torn while the state was being created
            if number == 1 and isinstance(value, dict) and value.get("quotex_state") == 1:
                raise StateError(
                    f"{path} was made by an older quotex (state version 1, not bound to its output); it was not "
                    f"changed. Run once without --state to rebuild OUT, then start a new --state file"
                )
            if number == 1:
                raise StateError(
                    f"{path} is not a quotex state file ({problem}); it was not changed. "
                    f"Give --state a new file name"
                )
            raise StateError(
                f"{path}:{number}: not a quotex state line ({problem}); the file was edited or damaged. "
                f"Check it with quotex doctor, or give a new --state file"
            )
        if contents.header is None:
            contents.header = value
        elif "writing" in value:
            contents.intent = value
        else:
            contents.entries.append(value)
            contents.intent = None
        offset += len(line) + 1
    contents.good_length = min(offset, len(raw))
    if contents.intent is not None and contents.intent["at"] != contents.committed_end:
        contents.intent = None
    ends = [contents.header.get("start") or 0] + [e["end"] for e in contents.entries if e["end"] is not None]
    if any(b < a for a, b in zip(ends, ends[1:])):
        raise StateError(f"{path}: the byte offsets of its lines go backwards; it was edited. Give a new --state file")
    return contents


def _sha256_ranges(stream: IO[bytes], ranges: Iterable[tuple[int, int]]) -> Iterator[str]:
    """The sha256 of each ``[start, end)`` of ``stream``, read once front to back."""
    for begin, end in ranges:
        stream.seek(begin)
        digest, left = hashlib.sha256(), end - begin
        while left > 0:
            data = stream.read(min(_CHUNK, left))
            if not data:
                break
            digest.update(data)
            left -= len(data)
        yield digest.hexdigest()


def verify_output(state_path: Path, contents: Contents, output: Path) -> tuple[int, int]:
    """Check that OUT is the file the state was kept for, unchanged; return (committed end, OUT size).

    Raises :class:`StateError` saying what differs and what to do; reads OUT,
    never writes it.
    """
    header = contents.header
    assert header is not None
    restart = f"if that is on purpose, move {output} away and delete {state_path} to start over"
    kept = header.get("output")
    if kept is None:
        raise StateError(
            f"the state file {state_path} was kept for records written to standard output; "
            f"use it without -o, or give another --state file"
        )
    if kept != str(output.resolve()):
        raise StateError(f"the state file {state_path} was kept for {kept}, not {output}; give -o {kept} or another state file")
    try:
        info = os.stat(output)
    except FileNotFoundError:
        raise StateError(f"{output} is missing but the state file {state_path} says it holds records; {restart}") from None
    if (info.st_dev, info.st_ino) != (header["device"], header["inode"]):
        raise StateError(
            f"{output} is not the file the state file {state_path} was kept for (it was replaced, copied or "
            f"restored since); {restart}"
        )
    committed = contents.committed_end
    if info.st_size < committed:
        raise StateError(f"{output} was changed behind quotex's back: it was cut to {info.st_size} bytes, the state "
                         f"file {state_path} accounts for {committed}; {restart}")
    ranges, expected, names = [(0, header["start"])], [header["start_sha256"]], ["what it held before the state began"]
    previous = header["start"]
    for entry in contents.entries:
        if entry["end"] is not None:
            ranges.append((previous, entry["end"]))
            expected.append(entry.get("sha256"))
            names.append(f"the records of {entry['key']}")
            previous = entry["end"]
    with open(output, "rb") as stream:
        for name, want, got in zip(names, expected, _sha256_ranges(stream, ranges)):
            if want != got:
                raise StateError(
                    f"{output} was changed behind quotex's back ({name} differ from what quotex wrote); "
                    f"it was not touched; {restart}"
                )
        if info.st_size > committed and not _tail_is_ours(stream, contents.intent, committed, info.st_size):
            raise StateError(
                f"{output} has {info.st_size - committed} bytes after the records the state file {state_path} "
                f"accounts for, which quotex did not write (appended by hand or by another program?); it was not "
                f"touched. Move them elsewhere, or {restart}"
            )
    return committed, info.st_size


def _tail_is_ours(stream: IO[bytes], intent: dict[str, Any] | None, committed: int, size: int) -> bool:
    """Whether the bytes after ``committed`` are (part of) the records a killed run announced."""
    if intent is None or size - committed > intent["size"]:
        return False
    if size - committed < intent["size"]:
        return True  # cut short by the kill: no more than announced, at exactly the announced place
    return next(_sha256_ranges(stream, [(committed, size)])) == intent["sha256"]


# ---------------------------------------------------------------------------
# The state of one run


class State:
    """An open, locked state file (see the module docstring)."""

    def __init__(self, path: Path, stream: IO[bytes], contents: Contents) -> None:
        self.path = path
        self._stream = stream
        assert contents.header is not None
        self.header = contents.header
        self.entries = contents.entries
        self.output: str | None = self.header.get("output")
        self._end = contents.committed_end
        self.intent = contents.intent
        #: key -> digest of every input marked (finished or failed).
        self.finished: dict[str, str] = {entry["key"]: entry["digest"] for entry in contents.entries}

    @classmethod
    def open(cls, path: Path, output: Path | None) -> "State":
        """Lock and read the state file; for a new one, bind it to OUT (which is created if missing)."""
        stream = lock(path)
        try:
            if output is not None and finish_compaction(path, output):
                # A new state file was installed: lock that one instead.
                stream.close()
                stream = lock(path)
            raw = _read_all(stream)
            contents = parse(path, raw)
            if contents.header is None:
                stream.truncate(0)
                contents = Contents(header=_new_header(output))
                _append_line(stream, contents.header, sync=True)
            elif len(raw) > contents.good_length:
                stream.truncate(contents.good_length)  # a line torn by a kill
            elif not raw.endswith(b"\n"):
                os.write(stream.fileno(), b"\n")  # killed between a whole line and its newline
            stream.seek(0, os.SEEK_END)
            return cls(path, stream, contents)
        except BaseException:
            stream.close()
            raise

    @property
    def committed_end(self) -> int:
        return self._end

    def intend(self, key: str, at: int, data: bytes) -> None:
        """Announce records about to be appended at ``at`` (durably, before they are written)."""
        line = {"writing": key, "at": at, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
        _append_line(self._stream, line, sync=True)

    def mark(
        self, key: str, digest: str, records: int, end: int | None, data: bytes, *, failed: bool, sync: bool = False
    ) -> None:
        """Mark an input finished; ``sync``: on disk before returning (else when the state is closed)."""
        line = {
            "key": key,
            "digest": digest,
            "records": records,
            "end": end,
            "sha256": hashlib.sha256(data).hexdigest() if end is not None else None,
            "failed": failed,
        }
        _append_line(self._stream, line, sync=sync)
        self.entries.append(line)
        self.finished[key] = digest
        if end is not None:
            self._end = end

    def superseded(self) -> bool:
        """Whether some input was processed again after a change (its old records are stale)."""
        return len(self.finished) < len(self.entries)

    def close(self) -> None:
        """Flush, fsync and unlock."""
        try:
            os.fsync(self._stream.fileno())
        finally:
            self._stream.close()


def _new_header(output: Path | None) -> dict[str, Any]:
    header: dict[str, Any] = {"quotex_state": STATE_VERSION, "output": None}
    if output is not None:
        with open(output, "ab") as stream:
            info = os.fstat(stream.fileno())
        with open(output, "rb") as stream:
            (start_sha256,) = _sha256_ranges(stream, [(0, info.st_size)])
        header.update(
            output=str(output.resolve()), device=info.st_dev, inode=info.st_ino, start=info.st_size,
            start_sha256=start_sha256,
        )
    return header


def _append_line(stream: IO[bytes], value: dict[str, Any], *, sync: bool) -> None:
    """Append one whole line, or nothing: a failed write (a full disk) is taken back.

    Written with ``os.write``, not the buffered stream, which would keep the
    failed bytes and write them later, after the next line.
    """
    # ensure_ascii: keys are paths, which may hold undecodable bytes (surrogate escapes).
    view = memoryview((json.dumps(value) + "\n").encode("ascii"))
    fd = stream.fileno()
    start = os.lseek(fd, 0, os.SEEK_END)
    try:
        while view:
            view = view[os.write(fd, view) :]
        if sync:
            os.fsync(fd)
    except OSError:
        try:
            os.ftruncate(fd, start)
        except OSError:
            pass
        raise


def _read_all(stream: IO[bytes]) -> bytes:
    stream.seek(0)
    return stream.read()


def lock(path: Path, *, shared: bool = False) -> IO[bytes]:
    """Open ``path`` (created if missing, never truncated) holding its lock, or raise :class:`StateBusy`.

    The lock is on the file itself; a compaction replaces the file, so after
    locking, the path must still name the locked file, else it is reopened.
    """
    if fcntl is None:
        raise StateError("--state needs POSIX file locks (fcntl), which this platform does not have")
    while True:
        if shared:
            # Non-blocking open and a look before reading: a FIFO without a
            # writer would hang, a device like /dev/zero would fill memory.
            try:
                fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
            except FileNotFoundError:
                raise StateError(f"no state file {path}") from None
            mode = os.fstat(fd).st_mode
            if not stat.S_ISREG(mode):
                os.close(fd)
                raise StateError(f"{path} is {file_kind(mode)}, not a quotex state file")
            os.set_blocking(fd, True)
            stream = os.fdopen(fd, "rb")
        else:
            stream = open(path, "a+b")
        try:
            fcntl.flock(stream.fileno(), (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
        except BlockingIOError:
            stream.close()
            raise StateBusy(
                f"another quotex run holds the state file {path}; this run did nothing. Run again when it has "
                f"finished (cron: the next run goes on from where it stopped)"
            ) from None
        try:
            same = os.path.samestat(os.fstat(stream.fileno()), os.stat(path))
        except FileNotFoundError:
            same = False
        if same:
            return stream
        stream.close()


# ---------------------------------------------------------------------------
# Compaction


def compact(output: Path, state: State) -> None:
    """Drop the stale records of inputs processed again after a change.

    OUT is rewritten without the byte ranges of superseded entries, the state
    file without those entries; both go to new files first, then OUT is
    replaced, then the state. The new state's header names the new OUT's
    inode, so a run killed between the two renames is finished by the next
    one (:func:`finish_compaction`). Every range is checked against its
    sha256 while it is copied: if OUT was changed during the run, nothing is
    replaced and :class:`StateError` says so.
    """
    latest = {entry["key"]: index for index, entry in enumerate(state.entries)}
    start = state.header["start"]
    # Every range, kept or dropped, is checked: a byte changed anywhere means OUT is no longer provably quotex's.
    ranges, entries, previous, size = [(0, start, state.header["start_sha256"], True)], [], start, start
    for index, entry in enumerate(state.entries):
        begin, previous = previous, entry["end"]
        kept = latest[entry["key"]] == index
        ranges.append((begin, entry["end"], entry["sha256"], kept))
        if kept:
            size += entry["end"] - begin
            entries.append({**entry, "end": size})
    new_output, new_state = compaction_files(state.path, output)
    changed = StateError(f"{output} was changed during this run; it was not compacted. Check it with quotex doctor")
    try:
        with open(output, "rb") as source, open(new_output, "wb") as target:
            lock_temporary(target.fileno())
            if os.fstat(source.fileno()).st_size != previous:
                raise changed
            for begin, end, want, kept in ranges:
                source.seek(begin)
                data = source.read(end - begin)
                if hashlib.sha256(data).hexdigest() != want:
                    raise changed
                if kept:
                    target.write(data)
            target.flush()
            os.fsync(target.fileno())
            info = os.fstat(target.fileno())
        os.chmod(new_output, stat.S_IMODE(os.stat(output).st_mode))
        header = {**state.header, "device": info.st_dev, "inode": info.st_ino}
        with open(new_state, "wb") as target:
            for line in (header, *entries):
                _append_line(target, line, sync=False)
            os.fsync(target.fileno())
    except BaseException:
        new_output.unlink(missing_ok=True)
        new_state.unlink(missing_ok=True)
        raise
    os.replace(new_output, output)
    os.replace(new_state, state.path)
    _sync_folder(output.parent)


def compaction_files(state_path: Path, output: Path) -> tuple[Path, Path]:
    return (
        output.with_name(f".{output.name}{TEMPORARY_TAG}compact.tmp"),
        state_path.with_name(f".{state_path.name}{TEMPORARY_TAG}compact.tmp"),
    )


def finish_compaction(state_path: Path, output: Path) -> bool:
    """Complete or undo a compaction that a killed run left half done (under the state's lock).

    Returns whether the new state file was installed.
    """
    new_output, new_state = compaction_files(state_path, output)
    installed = False
    if new_state.exists() and not new_output.exists():
        try:
            with open(new_state, "rb") as stream:
                header = json.loads(stream.readline())
            info = os.stat(output)
            if (info.st_dev, info.st_ino) == (header.get("device"), header.get("inode")):
                os.replace(new_state, state_path)  # OUT was replaced; the state was not yet
                installed = True
        except (OSError, ValueError):
            pass
    new_state.unlink(missing_ok=True)
    new_output.unlink(missing_ok=True)
    return installed


def _sync_folder(folder: Path) -> None:
    try:
        handle = os.open(folder if str(folder) else ".", os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)


# ---------------------------------------------------------------------------
# Temporary files


def temporary_prefix(output: Path) -> str:
    return f".{output.name}{TEMPORARY_TAG}"


def stale_temporaries(output: Path) -> list[Path]:
    """Temporary files next to OUT left by killed runs: tagged as quotex's, unlocked and old."""
    folder = output.parent if str(output.parent) else Path(".")
    prefix, found = temporary_prefix(output), []
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    for name in names:
        if not (name.startswith(prefix) and name.endswith(".tmp")):
            continue
        path = folder / name
        try:
            handle = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        except OSError:
            continue
        try:
            info = os.fstat(handle)
            if not stat.S_ISREG(info.st_mode) or time.time() - info.st_mtime < STALE_SECONDS:
                continue
            if fcntl is not None:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)  # a live run holds its temporary locked
                except BlockingIOError:
                    continue
            found.append(path)
        finally:
            os.close(handle)
    return found


def lock_temporary(handle: int) -> None:
    """Hold a lock on a temporary file for as long as it is open, so no other run takes it as stale."""
    if fcntl is not None:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
