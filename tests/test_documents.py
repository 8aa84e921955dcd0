"""``quotex extract --documents DOCS``: every document read, with the text its records index, in step with OUT.

Runs use the fake pipeline of ``test_runner`` (every „…“ is a direct quote):
what is tested is the bookkeeping, not the attribution.
"""

from __future__ import annotations

import json
import signal
import subprocess
from pathlib import Path

from schema import validate
from test_runner import _command, _lines, _run, _start, _state_entries, _wait_for, _write_articles, fast_model, slow_model  # noqa: F401


def _documents(path: Path) -> list[dict]:
    return [json.loads(line) for line in _lines(path)]


def _check_offsets(out: Path, docs: Path) -> None:
    texts = {document["source"]: document["text"] for document in _documents(docs)}
    for line in _lines(out):
        record = json.loads(line)
        validate(record, texts[record["source"]])


def _clean(model: str, articles: Path, tmp_path: Path) -> tuple[list[str], list[str]]:
    out, docs = tmp_path / "clean.jsonl", tmp_path / "clean-docs.jsonl"
    result = _run(model, articles, "-o", out, "--documents", docs, "--quiet")
    assert result.returncode == 0, result.stderr
    return _lines(out), _lines(docs)


def test_documents_holds_every_document_read_in_input_order(tmp_path, fast_model):
    drop = tmp_path / "drop"
    drop.mkdir()
    (drop / "a.txt").write_text("Titel A\n\nEr sagte: „Ja.“", encoding="utf-8")
    (drop / "b.txt").write_text("Titel B\n\nKein Zitat hier.", encoding="utf-8")
    lines = [{"text": "Sie sagte: „Nein.“", "id": "x1", "headline": "X", "date": "2024-01-02", "url": "https://a.example/x"},
             "kaputt", {"text": "Ohne Zitat.", "id": "x2"}]
    (drop / "c.jsonl").write_text("\n".join(l if isinstance(l, str) else json.dumps(l) for l in lines) + "\n",
                                  encoding="utf-8")
    out, docs = tmp_path / "out.jsonl", tmp_path / "docs.jsonl"
    result = _run(fast_model, drop, "-o", out, "--documents", docs)
    assert result.returncode == 1  # the malformed line
    assert _documents(docs) == [
        {"source": f"{drop}/a.txt", "doc_id": "a", "title": "Titel A", "date": None, "url": None,
         "text": "Titel A\n\nEr sagte: „Ja.“"},
        {"source": f"{drop}/b.txt", "doc_id": "b", "title": "Titel B", "date": None, "url": None,
         "text": "Titel B\n\nKein Zitat hier."},
        {"source": f"{drop}/c.jsonl#1", "doc_id": "x1", "title": "X", "date": "2024-01-02",
         "url": "https://a.example/x", "text": "Sie sagte: „Nein.“"},
        {"source": f"{drop}/c.jsonl#3", "doc_id": "x2", "title": None, "date": None, "url": None, "text": "Ohne Zitat."},
    ]
    assert len(_lines(out)) == 2
    _check_offsets(out, docs)


def test_with_state_documents_are_written_once_and_follow_changed_inputs(tmp_path, fast_model):
    articles, out, state, docs = tmp_path / "drop", tmp_path / "out.jsonl", tmp_path / "state", tmp_path / "docs.jsonl"
    _write_articles(articles, 4)
    options = ("-o", out, "--state", state, "--documents", docs)
    assert _run(fast_model, articles, *options).returncode == 0
    _write_articles(articles, 2, first=4)
    assert _run(fast_model, articles, *options).returncode == 0
    (articles / "001.txt").write_text("Neu\n\nSie sagte: „Geändert.“", encoding="utf-8")
    again = _run(fast_model, articles, *options)
    assert again.returncode == 0, again.stderr
    clean_out, clean_docs = _clean(fast_model, articles, tmp_path)
    # The changed input's document and records come last, the old ones are gone: one clean run's, reordered.
    assert sorted(_lines(out)) == sorted(clean_out)
    assert sorted(_lines(docs)) == sorted(clean_docs)
    assert json.loads(_lines(docs)[-1])["text"] == "Neu\n\nSie sagte: „Geändert.“"
    _check_offsets(out, docs)
    unchanged = _run(fast_model, articles, *options)
    assert unchanged.returncode == 0 and "6 unchanged" in unchanged.stderr
    assert sorted(_lines(docs)) == sorted(clean_docs)


def test_doctor_checks_the_documents_file_too(tmp_path, fast_model):
    articles, out, state, docs = tmp_path / "drop", tmp_path / "out.jsonl", tmp_path / "state", tmp_path / "docs.jsonl"
    _write_articles(articles, 2)
    assert _run(fast_model, articles, "-o", out, "--state", state, "--documents", docs).returncode == 0
    doctor = [*_command(fast_model)[:2], "doctor", "--state", str(state)]
    healthy = subprocess.run(doctor, capture_output=True, text=True, timeout=60)
    assert healthy.returncode == 0 and f"{docs} are consistent" in healthy.stderr, healthy.stderr
    docs.write_text(docs.read_text(encoding="utf-8").replace("Titel 1", "Titel X"), encoding="utf-8")
    damaged = subprocess.run(doctor, capture_output=True, text=True, timeout=60)
    assert damaged.returncode == 1 and f"{docs} was changed behind quotex's back" in damaged.stderr, damaged.stderr


def test_a_run_killed_after_the_documents_but_before_the_records_of_an_input_does_not_repeat_them(tmp_path, fast_model):
    articles, out, state, docs = tmp_path / "drop", tmp_path / "out.jsonl", tmp_path / "state", tmp_path / "docs.jsonl"
    _write_articles(articles, 3)
    options = ("-o", out, "--state", state, "--documents", docs)
    assert _run(fast_model, articles, *options).returncode == 0
    # As if killed while writing the last input's records: its documents are written and marked, its records
    # announced (the intent line) and partly written, but not marked.
    lines = state.read_text(encoding="utf-8").splitlines(keepends=True)
    state.write_text("".join(lines[:-1]), encoding="utf-8")
    with out.open("r+b") as stream:
        stream.truncate(out.stat().st_size - 10)
    inode = docs.stat().st_ino
    again = _run(fast_model, articles, *options)
    assert again.returncode == 0, again.stderr
    assert (_lines(out), _lines(docs)) == _clean(fast_model, articles, tmp_path)
    # The documents were not written again (and then cut out by a compaction, which replaces the file).
    assert docs.stat().st_ino == inode


def test_a_run_killed_part_way_and_run_again_has_the_documents_of_one_clean_run(tmp_path, slow_model):
    articles, out, state, docs = tmp_path / "drop", tmp_path / "out.jsonl", tmp_path / "state", tmp_path / "docs.jsonl"
    _write_articles(articles, 60)
    options = ("-o", out, "--state", state, "--documents", docs)
    run = _start(slow_model, articles, *options)
    _wait_for(lambda: len(_state_entries(state)) >= 5)
    run.send_signal(signal.SIGKILL)
    run.communicate()
    assert len(_state_entries(state)) < 60
    again = _run(slow_model, articles, *options)
    assert again.returncode == 0, again.stderr
    assert (_lines(out), _lines(docs)) == _clean(slow_model, articles, tmp_path)


def test_documents_and_state_that_cannot_agree_are_refused(tmp_path, fast_model):
    articles, out, state, docs = tmp_path / "drop", tmp_path / "out.jsonl", tmp_path / "state", tmp_path / "docs.jsonl"
    _write_articles(articles, 2)
    assert _run(fast_model, articles, "-o", out, "--state", state).returncode == 0
    late = _run(fast_model, articles, "-o", out, "--state", state, "--documents", docs)
    assert late.returncode == 2 and "has finished inputs whose documents were never written" in late.stderr
    assert not docs.exists() or docs.read_bytes() == b""

    state2 = tmp_path / "state2"
    out2 = tmp_path / "out2.jsonl"
    assert _run(fast_model, articles, "-o", out2, "--state", state2, "--documents", docs).returncode == 0
    kept = docs.read_bytes()
    forgotten = _run(fast_model, articles, "-o", out2, "--state", state2)
    assert forgotten.returncode == 2 and f"give --documents {docs}" in forgotten.stderr
    other = _run(fast_model, articles, "-o", out2, "--state", state2, "--documents", tmp_path / "other.jsonl")
    assert other.returncode == 2 and f"give --documents {docs}" in other.stderr
    assert docs.read_bytes() == kept


def test_documents_must_be_a_file_of_its_own(tmp_path, fast_model):
    _write_articles(tmp_path / "drop", 1)
    out = tmp_path / "out.jsonl"
    same = _run(fast_model, tmp_path / "drop", "-o", out, "--documents", out)
    assert same.returncode == 2 and "-o and --documents name the same file" in same.stderr
    article = tmp_path / "drop" / "000.txt"
    before = article.read_bytes()
    overwrite = _run(fast_model, tmp_path / "drop", "--documents", article)
    assert overwrite.returncode == 2 and "is one of the inputs" in overwrite.stderr
    assert article.read_bytes() == before


def test_documents_inside_the_watched_folder_are_not_read_as_inputs(tmp_path, fast_model):
    articles = tmp_path / "drop"
    _write_articles(articles, 3)
    options = ("-o", articles / "records.jsonl", "--state", articles / "state.jsonl", "--documents",
               articles / "docs.jsonl")
    for _ in range(2):
        result = _run(fast_model, articles, *options)
        assert result.returncode == 0 and "warning" not in result.stderr and "error" not in result.stderr, result.stderr
    assert len(_lines(articles / "docs.jsonl")) == 3
