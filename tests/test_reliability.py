"""Issue 12: what a drop folder, cron or an operator can do to ``quotex extract``, and what it must survive.

Every test here first reproduced a failure of quotex 0.x (a truncated output,
a traceback, a hang, an overwritten file); the README section "Reliability"
names the test that keeps each promise. Runs use the tiny stand-in pipeline of
``tests/fake_pipeline.py`` (every „…“ is a quote; ``BOOM`` raises), so the
expected records can be counted by eye.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import fake_pipeline
from test_runner import fast_model, slow_model  # noqa: F401 - the stand-in pipelines, shared fixtures

SCRIPT = Path(fake_pipeline.__file__)
ARTICLE = "Titel {n}\n\nEin Bericht. Er sagte: „Punkt {n} gilt.“ Ende."


def articles(folder: Path, count: int, first: int = 0) -> Path:
    folder.mkdir(exist_ok=True)
    for n in range(first, first + count):
        (folder / f"{n:03d}.txt").write_text(ARTICLE.format(n=n), encoding="utf-8")
    return folder


def command(model: str, *arguments: str | Path) -> list[str]:
    return [sys.executable, str(SCRIPT), "extract", "--model", model, *map(str, arguments)]


def run(model: str, *arguments: str | Path, **options) -> subprocess.CompletedProcess[str]:
    if "stdout" not in options:
        options.setdefault("capture_output", True)
    result = subprocess.run(command(model, *arguments), text=True, timeout=60, errors="replace", **options)
    assert "Traceback" not in (result.stderr or ""), result.stderr
    return result


def doctor(*arguments: str | Path) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "doctor", *map(str, arguments)], capture_output=True, text=True, timeout=60
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


def errors(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("quotex: error")]


def strict_records(data: str) -> list[dict]:
    """Every line parsed as strict JSON (no NaN/Infinity, no lone surrogates)."""

    def refuse(constant: str) -> None:
        raise AssertionError(f"{constant} is not JSON")

    records = []
    for line in data.splitlines():
        record = json.loads(line, parse_constant=refuse)
        line.encode("utf-8")  # a lone surrogate escape decodes to a str that cannot be encoded
        json.dumps(record, ensure_ascii=False).encode("utf-8")
        records.append(record)
    return records


def clean(model: str, folder: Path, tmp_path: Path) -> list[str]:
    out = tmp_path / "clean-run.jsonl"
    assert run(model, folder, "-o", out, "-q").returncode == 0
    return out.read_text(encoding="utf-8").splitlines()


# -- the state file is bound to its output -----------------------------------------


def test_a_state_file_given_with_another_output_is_refused_and_that_output_kept(tmp_path, fast_model):
    drop, a, b, state = articles(tmp_path / "drop", 4), tmp_path / "a.jsonl", tmp_path / "b.jsonl", tmp_path / "st"
    assert run(fast_model, drop, "-o", a, "--state", state).returncode == 0
    b.write_text("".join(f'{{"line": {n}}}\n' for n in range(500)), encoding="utf-8")
    before = b.read_bytes()
    result = run(fast_model, drop, "-o", b, "--state", state)
    assert result.returncode == 2 and "was kept for" in result.stderr and str(a) in result.stderr
    assert b.read_bytes() == before
    to_stdout = run(fast_model, drop, "--state", state)
    assert to_stdout.returncode == 2 and "was kept for -o" in to_stdout.stderr and to_stdout.stdout == ""


def test_an_output_replaced_by_another_file_is_refused(tmp_path, fast_model):
    drop, out, state = articles(tmp_path / "drop", 3), tmp_path / "out.jsonl", tmp_path / "st"
    assert run(fast_model, drop, "-o", out, "--state", state).returncode == 0
    copy = tmp_path / "copy"
    copy.write_bytes(out.read_bytes())
    os.replace(copy, out)  # same path, same bytes, but not the file the state was kept for
    result = run(fast_model, articles(drop, 1, first=3), "-o", out, "--state", state)
    assert result.returncode == 2 and "not the file" in result.stderr, result.stderr


@pytest.mark.parametrize("edit", ["sorted", "appended", "one byte"])
def test_an_output_changed_behind_the_states_back_is_refused_and_not_cut(tmp_path, fast_model, edit):
    drop, out, state = articles(tmp_path / "drop", 4), tmp_path / "out.jsonl", tmp_path / "st"
    assert run(fast_model, drop, "-o", out, "--state", state).returncode == 0
    lines = out.read_text(encoding="utf-8").splitlines(keepends=True)
    with out.open("r+", encoding="utf-8") as stream:  # edited in place: the inode stays
        if edit == "sorted":
            stream.write("".join(sorted(lines, reverse=True)))
        elif edit == "appended":
            stream.seek(0, os.SEEK_END)
            stream.write('{"by": "hand"}\n')
        else:
            stream.write("[")
    before = out.read_bytes()
    (drop / "000.txt").write_text("Neu\n\nSie sagte: „Geändert.“", encoding="utf-8")  # would compact
    result = run(fast_model, drop, "-o", out, "--state", state)
    assert result.returncode == 2 and "changed" in result.stderr, result.stderr
    assert out.read_bytes() == before


def test_an_output_changed_during_the_run_is_not_compacted(tmp_path, fast_model, monkeypatch):
    from quotex import runner

    drop, out, state = articles(tmp_path / "drop", 3), tmp_path / "out.jsonl", tmp_path / "st"
    options = dict(output=out, state=state, model=fast_model, jobs=1, text_field="text", quiet=True)
    assert runner.run([str(drop)], **options) == 0
    (drop / "000.txt").write_text("Neu\n\nSie sagte: „Geändert.“", encoding="utf-8")
    real_compact = runner.compact

    def edit_then_compact(output, current_state):
        with output.open("r+b") as stream:
            stream.write(b"[")  # someone edits OUT while the run works
        real_compact(output, current_state)

    monkeypatch.setattr(runner, "compact", edit_then_compact)
    assert runner.run([str(drop)], **options) == 2
    edited = out.read_bytes()
    assert edited.startswith(b"[") and len(edited.splitlines()) == 3 + 1  # not compacted: the stale records stay
    assert not list(tmp_path.glob(".*quotex-*"))


def test_a_file_that_is_not_a_state_file_is_refused_and_never_overwritten(tmp_path, fast_model):
    drop, out, notes = articles(tmp_path / "drop", 2), tmp_path / "out.jsonl", tmp_path / "notes.txt"
    notes.write_bytes(b"my notes, one line and no final newline")
    result = run(fast_model, drop, "-o", out, "--state", notes)
    assert result.returncode == 2 and "not a quotex state file" in result.stderr, result.stderr
    assert notes.read_bytes() == b"my notes, one line and no final newline"


@pytest.mark.parametrize("entry", ['{"key": "x", "digest": "y", "records": 1, "end": "far"}', "[1, 2]"])
def test_a_corrupt_state_entry_is_one_clear_line_not_a_traceback(tmp_path, fast_model, entry):
    drop, out, state = articles(tmp_path / "drop", 2), tmp_path / "out.jsonl", tmp_path / "st"
    assert run(fast_model, drop, "-o", out, "--state", state).returncode == 0
    lines = state.read_text(encoding="utf-8").splitlines()
    state.write_text("\n".join([lines[0], entry, *lines[1:]]) + "\n", encoding="utf-8")
    result = run(fast_model, drop, "-o", out, "--state", state)
    assert result.returncode == 2 and f"{state}:2:" in result.stderr, result.stderr


def test_two_runs_on_one_state_file_never_both_work(tmp_path, slow_model):
    # 120 articles at 0.05 s: the first run still holds the lock while a second
    # interpreter starts, even on a loaded machine (with 40 it could finish first)
    drop, out, state = articles(tmp_path / "drop", 120), tmp_path / "out.jsonl", tmp_path / "st"
    first = subprocess.Popen(command(slow_model, drop, "-o", out, "--state", state), stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 30
    while len(state.read_bytes().splitlines() if state.exists() else []) < 3:
        assert time.monotonic() < deadline
        time.sleep(0.02)
    second = run(slow_model, drop, "-o", out, "--state", state)
    assert second.returncode == 75 and "another quotex run" in second.stderr, second.stderr
    assert first.wait(timeout=60) == 0
    third = run(slow_model, drop, "-o", out, "--state", state, "-q")
    assert third.returncode == 0
    assert out.read_text(encoding="utf-8").splitlines() == clean(slow_model, drop, tmp_path)


def test_bytes_after_the_last_finished_input_that_quotex_did_not_write_are_not_cut(tmp_path, fast_model):
    drop, out, state = articles(tmp_path / "drop", 2), tmp_path / "out.jsonl", tmp_path / "st"
    assert run(fast_model, drop, "-o", out, "--state", state).returncode == 0
    with out.open("a", encoding="utf-8") as stream:
        stream.write('{"appended": "by hand"}\n')
    before = out.read_bytes()
    result = run(fast_model, articles(drop, 1, first=2), "-o", out, "--state", state)
    assert result.returncode == 2 and "did not write" in result.stderr, result.stderr
    assert out.read_bytes() == before


# -- -o writes only regular files ---------------------------------------------------


def test_output_naming_an_input_is_refused(tmp_path, fast_model):
    article = articles(tmp_path / "drop", 1) / "000.txt"
    before = article.read_bytes()
    result = run(fast_model, article, "-o", article)
    assert result.returncode == 2 and "is one of the inputs" in result.stderr, result.stderr
    assert article.read_bytes() == before


@pytest.mark.parametrize("state", [False, True])
def test_output_naming_an_article_inside_an_input_folder_is_refused(tmp_path, fast_model, state):
    drop = articles(tmp_path / "drop", 3)
    article = drop / "001.txt"
    before = article.read_bytes()
    options = ["--state", tmp_path / "state"] if state else []
    result = run(fast_model, drop, "-o", article, *options)
    assert result.returncode == 2 and "is one of the inputs" in result.stderr, result.stderr
    assert article.read_bytes() == before
    # quotex's own OUT kept in the folder it watches is still allowed, run after run.
    own = drop / "out.jsonl"
    for _ in range(2):
        assert run(fast_model, drop, "-o", own, *options).returncode == 0
    assert len(strict_records(own.read_text(encoding="utf-8"))) == 3


@pytest.mark.parametrize("kind", ["symlink", "fifo", "read-only"])
def test_output_that_is_not_a_plain_writable_file_is_refused_and_kept(tmp_path, fast_model, kind):
    drop, out, target = articles(tmp_path / "drop", 1), tmp_path / "out.jsonl", tmp_path / "target.jsonl"
    target.write_text("precious\n", encoding="utf-8")
    if kind == "symlink":
        out.symlink_to(target)
    elif kind == "fifo":
        os.mkfifo(out)
    else:
        out.write_text("precious\n", encoding="utf-8")
        out.chmod(0o444)
    before = os.lstat(out)
    result = run(fast_model, drop, "-o", out)
    assert result.returncode == 2 and str(out) in result.stderr, result.stderr
    after = os.lstat(out)
    assert (after.st_ino, after.st_mode) == (before.st_ino, before.st_mode)
    assert target.read_text(encoding="utf-8") == "precious\n"


def test_sighup_stops_like_sigterm_and_keeps_finished_work(tmp_path, slow_model):
    drop, out = articles(tmp_path / "drop", 60), tmp_path / "out.jsonl"
    started = subprocess.Popen(
        command(slow_model, drop, "-o", out, "-j", "2"), stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    deadline = time.monotonic() + 30
    while sum(len(p.read_bytes().splitlines()) for p in tmp_path.glob(".out.jsonl.*.tmp")) < 5:
        assert time.monotonic() < deadline
        time.sleep(0.02)
    os.killpg(started.pid, signal.SIGHUP)  # a closed terminal signals the whole group, workers too
    _, stderr = started.communicate(timeout=30)
    assert started.returncode == 129, stderr
    kept = out.read_text(encoding="utf-8").splitlines()
    assert 5 <= len(kept) < 60 and kept == clean(slow_model, drop, tmp_path)[: len(kept)]


@pytest.mark.parametrize("format", ["jsonl", "csv"])
def test_a_stopped_run_never_replaces_an_existing_output_with_part_of_its_records(tmp_path, slow_model, format):
    drop, out = articles(tmp_path / "drop", 60), tmp_path / f"out.{format}"
    out.write_text("the complete output of yesterday's run\n", encoding="utf-8")
    started = subprocess.Popen(command(slow_model, drop, "-o", out, "--format", format), stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 30
    while sum(len(p.read_bytes().splitlines()) for p in tmp_path.glob(f".out.{format}.*.tmp")) < 5:
        assert time.monotonic() < deadline
        time.sleep(0.02)
    started.send_signal(signal.SIGTERM)  # what `timeout` sends to a cron job that took too long
    _, stderr = started.communicate(timeout=30)
    assert started.returncode == 143, stderr
    assert out.read_text(encoding="utf-8") == "the complete output of yesterday's run\n"
    assert "left as it was" in stderr and not list(tmp_path.glob(f".out.{format}.*")), stderr


def test_temporary_files_of_a_killed_run_are_removed_by_the_next(tmp_path, fast_model):
    drop, out = articles(tmp_path / "drop", 1), tmp_path / "out.jsonl"
    leftover, unrelated = tmp_path / ".out.jsonl.quotex-k1ll3d.tmp", tmp_path / ".out.jsonl.mine.tmp"
    for path in (leftover, unrelated):
        path.write_text("half\n", encoding="utf-8")
        os.utime(path, (time.time() - 3600,) * 2)
    assert run(fast_model, drop, "-o", out).returncode == 0
    assert not leftover.exists() and unrelated.exists()


# -- one poisoned input fails alone -----------------------------------------------------


def poisoned(folder: Path) -> dict[str, str]:
    """File name -> reason of an input that once aborted the whole run."""
    folder.mkdir()
    deep = "[" * 1000 + "]" * 1000
    (folder / "deep.json").write_text(deep, encoding="utf-8")
    (folder / "deep.jsonl").write_text(json.dumps({"text": ARTICLE.format(n=1)}) + "\n" + deep + "\n", encoding="utf-8")
    for field in ("title", "id", "date", "url"):
        (folder / f"surrogate-{field}.jsonl").write_text(
            '{"text": "%s", "%s": "x\\ud800y"}\n' % (ARTICLE.format(n=2).replace("\n", "\\n"), field), encoding="utf-8"
        )
    (folder / "nan.jsonl").write_text('{"text": "Er sagte: „Ja.“", "date": NaN}\n', encoding="utf-8")
    return {
        "deep.json": "nested too deeply",
        "deep.jsonl:2": "nested too deeply",
        **{f"surrogate-{field}.jsonl:1": "lone surrogate" for field in ("title", "id", "date", "url")},
        "nan.jsonl:1": "NaN",
    }


def test_poisoned_inputs_fail_alone_and_records_stay_strict_json(tmp_path, fast_model):
    reasons = poisoned(tmp_path / "drop")
    good = articles(tmp_path / "good", 1) / "000.txt"
    for arguments in ([], ["-j", "2"]):
        result = run(fast_model, tmp_path / "drop", good, *arguments)
        assert result.returncode == 1, result.stderr
        found = errors(result)
        for name, reason in reasons.items():
            assert [line for line in found if f"/drop/{name}: " in line and reason in line], (name, result.stderr)
        assert len(found) == len(reasons), result.stderr
        sources = [record["source"] for record in strict_records(result.stdout)]
        assert sources == [f"{tmp_path}/drop/deep.jsonl#1", str(good)]


def test_a_poisoned_input_under_state_is_reported_once_and_does_not_block_later_runs(tmp_path, fast_model):
    poisoned(tmp_path / "drop")
    (tmp_path / "drop" / "boom.txt").write_text("Titel\n\nEr sagte: „BOOM.“", encoding="utf-8")
    out, state = tmp_path / "out.jsonl", tmp_path / "st"
    first = run(fast_model, tmp_path / "drop", "-o", out, "--state", state)
    assert first.returncode == 1 and any("boom.txt" in line for line in errors(first)), first.stderr
    articles(tmp_path / "drop", 1)
    second = run(fast_model, tmp_path / "drop", "-o", out, "--state", state)
    assert second.returncode == 0 and errors(second) == [], second.stderr
    assert [r["source"] for r in strict_records(out.read_text(encoding="utf-8"))][-1].endswith("000.txt")


def test_file_names_are_written_losslessly_and_cannot_spoof_an_error_line(tmp_path, fast_model):
    folder = tmp_path / "drop"
    folder.mkdir()
    latin1 = os.fsencode(folder) + b"/M\xfcller\\.txt"
    with open(latin1, "wb") as stream:
        stream.write(ARTICLE.format(n=7).encode("utf-8"))
    spoof = folder / "x\nquotex: error: passwd.txt: is on fire.txt"
    spoof.write_bytes(b"")
    result = run(fast_model, folder)
    assert result.returncode == 1
    (record,) = strict_records(result.stdout)
    assert record["source"] == f"{folder}/M\\xfcller\\\\.txt"
    from quotex.inputs import source_path

    assert source_path(record["source"]) == latin1
    assert errors(result) == [f"quotex: error: {folder}/x\\nquotex: error: passwd.txt: is on fire.txt: "
                              "empty: no article text to extract quotes from"]


# -- writing failures and standard output -----------------------------------------------


def test_a_full_disk_on_standard_output_fails_each_input_with_one_line(tmp_path, fast_model):
    drop = articles(tmp_path / "drop", 3)
    with open("/dev/full", "wb") as full:
        result = run(fast_model, drop, stdout=full, stderr=subprocess.PIPE)
    assert result.returncode == 1
    assert len(errors(result)) == 3 and all("No space left" in line for line in errors(result)), result.stderr
    assert "next run" not in result.stderr  # without --state no later run knows about these inputs


def _file_size_limit(limit: int):
    def apply() -> None:
        import resource

        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG instead
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def test_a_csv_header_that_cannot_be_written_to_out_leaves_no_temporary_file(tmp_path, fast_model):
    drop, out = articles(tmp_path / "drop", 1), tmp_path / "out.csv"
    result = run(fast_model, drop, "-o", out, "--format", "csv", preexec_fn=_file_size_limit(10))
    assert result.returncode == 2 and "cannot write" in result.stderr, result.stderr
    assert not out.exists() and not list(tmp_path.glob(".out.csv.*")), list(tmp_path.iterdir())


def test_a_write_failure_on_out_fails_that_input_alone_and_the_next_run_completes_out(tmp_path, fast_model):
    drop, out, state = tmp_path / "drop", tmp_path / "out.jsonl", tmp_path / "st"
    drop.mkdir()
    for n in range(8):
        quotes = " ".join(f"Er sagte: „Punkt {n}.{k} gilt.“" for k in range(6))
        (drop / f"{n:03d}.txt").write_text(f"Titel {n}\n\n{quotes}", encoding="utf-8")
    full = run(fast_model, drop, "-o", out, "--state", state, preexec_fn=_file_size_limit(6000))
    assert full.returncode == 1, full.stderr
    failed = errors(full)
    assert failed and all("could not be written" in line and "File too large" in line for line in failed), full.stderr
    assert len(strict_records(out.read_text(encoding="utf-8"))) == 6 * (8 - len(failed))
    again = run(fast_model, drop, "-o", out, "--state", state)
    assert again.returncode == 0, again.stderr
    assert out.read_text(encoding="utf-8").splitlines() == clean(fast_model, drop, tmp_path)


def test_a_closed_standard_output_is_a_usage_error(tmp_path, fast_model):
    drop = articles(tmp_path / "drop", 1)
    result = subprocess.run(
        command(fast_model, drop), stderr=subprocess.PIPE, text=True, timeout=60, preexec_fn=lambda: os.close(1)
    )
    assert result.returncode == 2 and "standard output is closed" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_a_csv_header_that_cannot_be_written_names_standard_output_and_a_gone_reader_is_141(tmp_path, fast_model):
    drop = articles(tmp_path / "drop", 1)
    if Path("/dev/full").exists():  # a full disk, where the system has one
        with open("/dev/full", "wb") as full_disk:
            full = run(fast_model, drop, "--format", "csv", stdout=full_disk, stderr=subprocess.PIPE)
        assert full.returncode == 2 and "cannot write standard output" in full.stderr, full.stderr
    reader, writer = os.pipe()
    os.close(reader)  # the reader left before the header was written (quotex extract … | true)
    with os.fdopen(writer, "wb") as gone:
        piped = run(fast_model, drop, "--format", "csv", stdout=gone, stderr=subprocess.PIPE)
    assert piped.returncode == 141 and "error" not in piped.stderr, piped.stderr


# -- special files and --max-bytes ---------------------------------------------------------


def test_fifos_and_devices_are_reported_and_never_read(tmp_path, fast_model):
    drop = articles(tmp_path / "drop", 1)
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)  # no writer: opening it for reading would hang
    os.mkfifo(drop / "pipe.jsonl")  # the same inside a folder
    result = run(fast_model, fifo, "/dev/zero", drop)
    assert result.returncode == 1
    assert [line.split(": ", 3)[-1] for line in errors(result)] == [
        "is a FIFO (named pipe), not a regular file; to read it, give it as - (quotex extract - < FILE)",
        "is a character device, not a regular file; to read it, give it as - (quotex extract - < FILE)",
        "is a FIFO (named pipe), not a regular file; to read it, give it as - (quotex extract - < FILE)",
    ]
    assert len(strict_records(result.stdout)) == 1


def test_inputs_larger_than_max_bytes_fail_alone(tmp_path, fast_model):
    drop = articles(tmp_path / "drop", 2)
    (drop / "001.txt").write_text(ARTICLE.format(n=1) + " " * 2000, encoding="utf-8")
    result = run(fast_model, drop, "--max-bytes", "1000")
    assert result.returncode == 1 and len(strict_records(result.stdout)) == 1
    (line,) = errors(result)
    assert "001.txt" in line and "--max-bytes 1000" in line
    with open("/dev/zero", "rb") as zero:
        endless = run(fast_model, "-", "--max-bytes", "1K", stdin=zero)
    assert endless.returncode == 1 and "more than --max-bytes 1024" in endless.stderr, endless.stderr


# -- doctor: verifies and changes nothing --------------------------------------------------


def test_doctor_reports_a_consistent_pair_and_an_edited_one_without_changing_them(tmp_path, fast_model):
    drop, out, state = articles(tmp_path / "drop", 3), tmp_path / "out.jsonl", tmp_path / "st"
    assert run(fast_model, drop, "-o", out, "--state", state).returncode == 0
    good = doctor("--state", state, "-o", out)
    assert good.returncode == 0 and "consistent" in good.stderr, good.stderr
    with out.open("a", encoding="utf-8") as stream:
        stream.write('{"by": "hand"}\n')
    snapshot = {path: (path.read_bytes(), path.stat().st_mtime_ns) for path in (out, state)}
    bad = doctor("--state", state)
    assert bad.returncode == 1 and "did not write" in bad.stderr, bad.stderr
    assert {path: (path.read_bytes(), path.stat().st_mtime_ns) for path in (out, state)} == snapshot
    assert doctor("--state", tmp_path / "missing").returncode == 2


def test_doctor_refuses_a_state_that_is_not_a_regular_file_without_reading_it(tmp_path):
    fifo = tmp_path / "state"
    os.mkfifo(fifo)  # no writer: opening it to read would hang (and /dev/zero would fill memory)
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "doctor", "--state", str(fifo)], capture_output=True, text=True, timeout=20
    )
    assert result.returncode == 2 and "FIFO" in result.stderr and "Traceback" not in result.stderr, result.stderr


def test_the_library_refuses_csv_with_a_state_file_rather_than_writing_json_lines(tmp_path):
    from quotex.runner import run as run_extract

    out, state = tmp_path / "out.csv", tmp_path / "state"
    status = run_extract([str(tmp_path)], output=out, state=state, model=None, jobs=1, text_field="text",
                         quiet=True, format="csv")
    assert status == 2 and not out.exists() and not state.exists()
