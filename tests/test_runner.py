"""``quotex extract`` as a batch job: --state, -o, stops by signal, kills, --jobs order.

Each test runs the real command in a subprocess (``tests/fake_pipeline.py``
registers a tiny pipeline that reports every „…“ quotation, so runs are fast
and the expected records can be counted by eye), because kills and signals
can only be tested on a real process. "Exactly the records of one clean run"
is checked against a separate uninterrupted run over the same files.
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

SCRIPT = Path(fake_pipeline.__file__)


@pytest.fixture(scope="module")
def fast_model(tmp_path_factory: pytest.TempPathFactory) -> str:
    return str(fake_pipeline.save(tmp_path_factory.mktemp("fast") / "pipeline"))


@pytest.fixture(scope="module")
def slow_model(tmp_path_factory: pytest.TempPathFactory) -> str:
    """0.05 s per article: a run over 60 articles lasts long enough to be stopped part-way."""
    return str(fake_pipeline.save(tmp_path_factory.mktemp("slow") / "pipeline", delay=0.05))


def _write_articles(folder: Path, count: int, *, first: int = 0) -> None:
    folder.mkdir(exist_ok=True)
    for number in range(first, first + count):
        quotes = " ".join(f"Er sagte: „Punkt {number}.{k} gilt.“" for k in range(number % 3 + 1))
        (folder / f"{number:03d}.txt").write_text(f"Titel {number}\n\nEin Bericht. {quotes} Ende.", encoding="utf-8")


def _expected_count(first: int, count: int) -> int:
    return sum(number % 3 + 1 for number in range(first, first + count))


def _command(model: str, *arguments: str | Path) -> list[str]:
    return [sys.executable, str(SCRIPT), "extract", "--model", model, *map(str, arguments)]


def _run(model: str, *arguments: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(_command(model, *arguments), capture_output=True, text=True, timeout=120)


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def _state_entries(path: Path) -> list[dict]:
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    entries = [json.loads(line) for line in lines[1:] if line.endswith("}")]
    return [entry for entry in entries if "key" in entry]  # not the intent lines


def _start(model: str, *arguments: str | Path) -> subprocess.Popen[str]:
    return subprocess.Popen(_command(model, *arguments), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _wait_for(condition, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("the run did not get far enough in time")
        time.sleep(0.01)


def _clean_run(model: str, articles: Path, tmp_path: Path) -> list[str]:
    out = tmp_path / "clean.jsonl"
    result = _run(model, articles, "-o", out, "--quiet")
    assert result.returncode == 0, result.stderr
    return _lines(out)


def test_stdout_has_records_only_and_one_bad_input_costs_nothing_else(tmp_path, fast_model):
    _write_articles(tmp_path / "a", 5)
    (tmp_path / "a" / "002.txt").write_text("Titel\n\nEr sagte: „BOOM.“", encoding="utf-8")
    result = _run(fast_model, tmp_path / "a")
    assert result.returncode == 1
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [Path(r["source"]).name for r in records] == ["000.txt", "001.txt", "001.txt", "003.txt", "004.txt", "004.txt"]
    assert records[0]["quote"]["text"] == "„Punkt 0.0 gilt.“"
    errors = [line for line in result.stderr.splitlines() if "error" in line]
    assert len(errors) == 1 and "002.txt" in errors[0]


def test_state_skips_finished_inputs_and_appends_new_ones(tmp_path, fast_model):
    articles, out, state = tmp_path / "drop", tmp_path / "out.jsonl", tmp_path / "state"
    _write_articles(articles, 4)
    first = _run(fast_model, articles, "-o", out, "--state", state)
    assert first.returncode == 0, first.stderr
    assert len(_lines(out)) == _expected_count(0, 4)
    _write_articles(articles, 3, first=4)
    second = _run(fast_model, articles, "-o", out, "--state", state)
    assert second.returncode == 0, second.stderr
    assert "4 unchanged" in second.stderr
    assert _lines(out) == _clean_run(fast_model, articles, tmp_path)
    third = _run(fast_model, articles, "-o", out, "--state", state, "--quiet")
    assert third.returncode == 0 and third.stderr == ""
    assert len(_lines(out)) == _expected_count(0, 7)


def test_a_changed_input_replaces_its_old_records(tmp_path, fast_model):
    articles, out, state = tmp_path / "drop", tmp_path / "out.jsonl", tmp_path / "state"
    _write_articles(articles, 3)
    out.write_text("kept from before\n", encoding="utf-8")
    assert _run(fast_model, articles, "-o", out, "--state", state).returncode == 0
    (articles / "001.txt").write_text("Neu\n\nSie sagte: „Geändert.“", encoding="utf-8")
    assert _run(fast_model, articles, "-o", out, "--state", state).returncode == 0
    lines = _lines(out)
    assert lines[0] == "kept from before"
    # The changed input's one new record comes last; its two old ones are gone.
    assert sorted(lines[1:]) == sorted(_clean_run(fast_model, articles, tmp_path))
    assert json.loads(lines[-1])["quote"]["text"] == "„Geändert.“"
    assert [Path(entry["key"]).name for entry in _state_entries(state)] == ["000.txt", "002.txt", "001.txt"]
    assert _state_entries(state)[-1]["end"] == out.stat().st_size
    # And the next run has nothing to do.
    assert _run(fast_model, articles, "-o", out, "--state", state).returncode == 0
    assert len(_lines(out)) == len(lines)


class _Killed(BaseException):
    pass


def test_a_run_killed_between_the_two_renames_of_a_compaction_is_finished_by_the_next(tmp_path, fast_model, monkeypatch):
    from quotex.runner import run

    articles, out, state = tmp_path / "drop", tmp_path / "out.jsonl", tmp_path / "state"
    _write_articles(articles, 3)
    options = dict(output=out, state=state, model=fast_model, jobs=1, text_field="text", quiet=True)
    assert run([str(articles)], **options) == 0
    (articles / "000.txt").write_text("Neu\n\nSie sagte: „Geändert.“", encoding="utf-8")
    real_replace = os.replace

    def replace_out_then_die(source, target):
        if Path(target) == state:
            raise _Killed()
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", replace_out_then_die)
    with pytest.raises(_Killed):
        run([str(articles)], **options)
    monkeypatch.setattr(os, "replace", real_replace)
    assert (tmp_path / ".state.quotex-compact.tmp").exists()  # OUT is compacted, the state is not yet
    assert run([str(articles)], **options) == 0
    assert sorted(_lines(out)) == sorted(_clean_run(fast_model, articles, tmp_path))
    assert _state_entries(state)[-1]["end"] == out.stat().st_size
    assert not (tmp_path / ".state.quotex-compact.tmp").exists()


def test_state_with_stdout_prints_only_new_records(tmp_path, fast_model):
    articles, state = tmp_path / "drop", tmp_path / "state"
    _write_articles(articles, 2)
    assert len(_run(fast_model, articles, "--state", state).stdout.splitlines()) == _expected_count(0, 2)
    _write_articles(articles, 1, first=2)
    again = _run(fast_model, articles, "--state", state)
    assert [Path(json.loads(line)["source"]).name for line in again.stdout.splitlines()] == ["002.txt"] * 3
    # The state file was kept for stdout; pointing it at a file instead is refused.
    mixed = _run(fast_model, articles, "--state", state, "-o", tmp_path / "out.jsonl")
    assert mixed.returncode == 2 and "standard output" in mixed.stderr


def test_a_run_killed_part_way_and_run_again_has_the_records_of_one_clean_run(tmp_path, slow_model):
    articles, out, state = tmp_path / "drop", tmp_path / "out.jsonl", tmp_path / "state"
    _write_articles(articles, 60)
    run = _start(slow_model, articles, "-o", out, "--state", state, "--jobs", "2")
    _wait_for(lambda: len(_state_entries(state)) >= 5)
    run.send_signal(signal.SIGKILL)
    run.communicate()
    killed_at = len(_state_entries(state))
    assert 5 <= killed_at < 60
    again = _run(slow_model, articles, "-o", out, "--state", state)
    assert again.returncode == 0, again.stderr
    assert f"{killed_at} unchanged" in again.stderr
    assert _lines(out) == _clean_run(slow_model, articles, tmp_path)


def test_bytes_past_the_last_finished_input_and_a_torn_state_line_are_dropped(tmp_path, fast_model):
    """The two states a kill can leave between announcing records and marking them, made on purpose."""
    articles, out, state = tmp_path / "drop", tmp_path / "out.jsonl", tmp_path / "state"
    _write_articles(articles, 3)
    assert _run(fast_model, articles, "-o", out, "--state", state).returncode == 0
    lines = state.read_text(encoding="utf-8").splitlines(keepends=True)
    # Forget the last input, as if killed in the middle of writing its records (announced by the
    # intent line before) and then in the middle of writing its state line.
    state.write_text("".join(lines[:-1]) + lines[-1][:20], encoding="utf-8")
    with out.open("r+b") as stream:
        stream.truncate(out.stat().st_size - 10)
    again = _run(fast_model, articles, "-o", out, "--state", state)
    assert again.returncode == 0, again.stderr
    assert _lines(out) == _clean_run(fast_model, articles, tmp_path)
    assert len(_state_entries(state)) == 3


def test_a_state_line_that_lost_only_its_newline_is_kept(tmp_path, fast_model):
    articles, out, state = tmp_path / "drop", tmp_path / "out.jsonl", tmp_path / "state"
    _write_articles(articles, 2)
    assert _run(fast_model, articles, "-o", out, "--state", state).returncode == 0
    state.write_text(state.read_text(encoding="utf-8").rstrip("\n"), encoding="utf-8")
    _write_articles(articles, 1, first=2)
    again = _run(fast_model, articles, "-o", out, "--state", state)
    assert again.returncode == 0, again.stderr
    assert "2 unchanged" in again.stderr
    assert len(_state_entries(state)) == 3
    assert _lines(out) == _clean_run(fast_model, articles, tmp_path)


def test_sigterm_stops_cleanly_with_143_and_consistent_output(tmp_path, slow_model):
    articles, out, state = tmp_path / "drop", tmp_path / "out.jsonl", tmp_path / "state"
    _write_articles(articles, 60)
    run = _start(slow_model, articles, "-o", out, "--state", state, "--jobs", "2")
    _wait_for(lambda: len(_state_entries(state)) >= 3)
    run.send_signal(signal.SIGTERM)
    _, stderr = run.communicate(timeout=30)
    assert run.returncode == 143, stderr
    entries = _state_entries(state)
    assert 3 <= len(entries) < 60
    # Every finished input is written whole and marked, and nothing else is in OUT.
    assert entries[-1]["end"] == out.stat().st_size
    assert len(_lines(out)) == sum(entry["records"] for entry in entries)
    assert _run(slow_model, articles, "-o", out, "--state", state).returncode == 0
    assert _lines(out) == _clean_run(slow_model, articles, tmp_path)


def test_sigint_stops_with_130_and_out_holds_the_finished_inputs(tmp_path, slow_model):
    articles, out = tmp_path / "drop", tmp_path / "out.jsonl"
    _write_articles(articles, 60)  # a new OUT: an existing one is left as it was (test_reliability.py)
    run = _start(slow_model, articles, "-o", out)
    _wait_for(lambda: len(_temporary_lines(tmp_path)) >= 5)
    run.send_signal(signal.SIGINT)
    _, stderr = run.communicate(timeout=30)
    assert run.returncode == 130, stderr
    kept = _lines(out)
    clean = _clean_run(slow_model, articles, tmp_path)
    assert 5 <= len(kept) < len(clean)
    assert kept == clean[: len(kept)]
    # Whole inputs only: the next clean record comes from an input not yet in OUT.
    assert json.loads(clean[len(kept)])["source"] != json.loads(kept[-1])["source"]
    assert not list(tmp_path.glob(".out.jsonl.*"))


def _temporary_lines(folder: Path) -> list[str]:
    return [line for temporary in folder.glob(".out.jsonl.*.tmp") for line in _lines(temporary)]


def test_a_killed_run_leaves_out_as_it_was(tmp_path, slow_model):
    articles, out = tmp_path / "drop", tmp_path / "out.jsonl"
    _write_articles(articles, 60)
    out.write_text("previous run\n", encoding="utf-8")
    run = _start(slow_model, articles, "-o", out, "--jobs", "2")
    _wait_for(lambda: len(_temporary_lines(tmp_path)) >= 5)
    run.send_signal(signal.SIGKILL)
    run.communicate()
    assert out.read_text(encoding="utf-8") == "previous run\n"


def test_jobs_2_keeps_the_input_order(tmp_path, fast_model):
    articles = tmp_path / "drop"
    _write_articles(articles, 50)
    one, two = _run(fast_model, articles, "--jobs", "1"), _run(fast_model, articles, "--jobs", "2")
    assert one.returncode == two.returncode == 0
    assert two.stdout == one.stdout
    sources = [json.loads(line)["source"] for line in two.stdout.splitlines()]
    assert sources == sorted(sources) and len(sources) == _expected_count(0, 50)


def test_quiet_run_prints_nothing_on_stderr(tmp_path, fast_model):
    articles = tmp_path / "drop"
    _write_articles(articles, 3)
    result = _run(fast_model, articles, "--quiet", "--jobs", "2")
    assert result.returncode == 0 and result.stderr == ""
    assert len(result.stdout.splitlines()) == _expected_count(0, 3)


def test_out_and_state_inside_the_watched_folder_are_not_read_as_inputs(tmp_path, fast_model):
    articles = tmp_path / "drop"
    _write_articles(articles, 3)
    out, state = articles / "records.jsonl", articles / "state.jsonl"
    for _ in range(2):
        result = _run(fast_model, articles, "-o", out, "--state", state)
        assert result.returncode == 0 and "error" not in result.stderr, result.stderr
    assert len(_lines(out)) == _expected_count(0, 3)
