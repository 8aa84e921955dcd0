"""``quotex extract`` end to end: hand-made articles, standard input, -o, bad inputs, exit statuses.

Each test runs the installed console script; :func:`conftest.run_quotex`
validates every record printed against the schema and its source text.
The expected records in ``fixtures/expected_articles.jsonl`` were written
by hand from the fixture articles (offsets counted with ``str.index`` on the
raw text, CRLF included), never by running quotex.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import FIXTURES, MODEL, Run, run_quotex

EXPECTED = [json.loads(line) for line in (FIXTURES / "expected_articles.jsonl").read_text(encoding="utf-8").splitlines()]
PUNCTUATION = " \t\r\n.,;:!?"


def covers(outer: list[list[int]], inner: list[list[int]]) -> bool:
    return all(any(s <= i_s and i_e <= e for s, e in outer) for i_s, i_e in inner)


def overlap(a: list[list[int]], b: list[list[int]]) -> bool:
    return any(s < e2 and s2 < e for s, e in a for s2, e2 in b)


def check_expected(records: list[dict], expected: dict) -> None:
    """The record for one hand-written expectation, checked role by role."""
    matches = [r for r in records if r["source"] == expected["source"] and overlap(r["quote"]["spans"], expected["quote"]["spans"])]
    assert len(matches) == 1, f"expected one record for {expected['quote']['text']!r}, got {matches}"
    (record,) = matches
    assert record["type"] == expected["type"], record
    if expected["type"] == "direct":
        assert record["quote"]["spans"] == expected["quote"]["spans"], record["quote"]
    else:  # an indirect quote may take in the sentence's final punctuation, nothing else
        assert covers(record["quote"]["spans"], expected["quote"]["spans"]), record["quote"]
        assert record["quote"]["text"].strip(PUNCTUATION) == expected["quote"]["text"], record["quote"]
    # The speaker mention takes in at least the name (or pronoun), at most the noun phrase around it.
    speaker = record["speaker"]
    assert speaker is not None and covers(speaker["spans"], expected["speaker"]["spans"]), record
    assert covers(expected["speaker"]["within"], speaker["spans"]), speaker
    assert speaker["name"] == expected["speaker"]["name"], speaker
    assert record["cue"] is not None and record["cue"]["spans"] == expected["cue"]["spans"], record["cue"]
    assert record["cue"]["lemma"] == expected["cue"]["lemma"], record["cue"]
    if "organization" in expected:
        assert record["organization"] is not None, record
        assert overlap(record["organization"]["spans"], expected["organization"]["spans"]), record["organization"]


@pytest.mark.parametrize("expected", EXPECTED, ids=[e["quote"]["text"][:30] for e in EXPECTED])
def test_hand_made_article_quote(articles_run: Run, expected: dict) -> None:
    check_expected(articles_run.records, expected)


def test_hand_made_articles_have_no_other_quotes_and_keep_their_metadata(articles_run: Run) -> None:
    assert articles_run.code == 0, articles_run.stderr
    found = sorted((r["source"], r["quote"]["spans"][0][0]) for r in articles_run.records)
    assert found == sorted((e["source"], e["quote"]["spans"][0][0]) for e in EXPECTED)
    # The "published on" and paywall lines of klinikum.txt (one with a quote and a cue) gave nothing.
    by_id = {r["doc_id"]: r for r in articles_run.records}
    assert {k: by_id["m-1"].get(k) for k in ("title", "date", "url")} == {
        "title": "Bahn kündigt Streckensperrung an",
        "date": "2023-04-02",
        "url": "https://example.org/m-1",
    }
    assert by_id["klinikum"]["title"] == "Rekord bei Geburten im Klinikum Nord"
    assert "date" not in by_id["klinikum"]


def test_pipeline_is_named_on_stderr(articles_run: Run) -> None:
    assert "pipeline" in articles_run.stderr.splitlines()[0]


def test_standard_input_gives_the_records_of_the_file(articles_run: Run) -> None:
    path = "fixtures/articles/radwege.txt"
    run = run_quotex("extract", "-", "--model", MODEL, stdin=(FIXTURES / "articles" / "radwege.txt").read_bytes())
    assert run.code == 0, run.stderr
    from_file = [r for r in articles_run.records if r["source"] == path]
    assert from_file and run.records == [{**r, "source": "-", "doc_id": "stdin"} for r in from_file]


def test_output_file_gets_the_records_and_stdout_stays_empty(tmp_path: Path, articles_run: Run) -> None:
    out = tmp_path / "quotes.jsonl"
    out.write_text("old content\n", encoding="utf-8")
    run = run_quotex("extract", "fixtures/articles", "--model", MODEL, "-o", str(out), "--quiet")
    assert run.code == 0, run.stderr
    assert run.stdout == "" and run.stderr == ""
    assert out.read_text(encoding="utf-8") == articles_run.stdout
    assert [p.name for p in tmp_path.iterdir()] == ["quotes.jsonl"]  # no temporary file left behind


def _bad_inputs(folder: Path) -> dict[str, str]:
    """A folder of broken inputs: file name -> the reason that must be named on stderr."""
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_bytes(b"  \r\n\n\t ")
    (folder / "binary.txt").write_bytes(b"GIF89a\x01\x00\x00\x00")
    (folder / "garbled.txt").write_bytes("Müller sagte: „Ja.“".encode() + b"\xff\xfe\x81\n")
    (folder / "broken.txt").symlink_to(folder / "missing.txt")
    (folder / "loop1.txt").symlink_to(folder / "loop2.txt")
    (folder / "loop2.txt").symlink_to(folder / "loop1.txt")
    (folder / "notext.json").write_text(json.dumps({"title": "Ohne Text"}), encoding="utf-8")
    good = json.dumps({"id": "ok", "text": (FIXTURES / "articles" / "radwege.txt").read_text(encoding="utf-8")})
    (folder / "lines.jsonl").write_text(good + "\n{kaputt\n", encoding="utf-8")
    return {
        "empty.txt": "empty",
        "blank.txt": "only whitespace",
        "binary.txt": "is a GIF image, not text",
        "garbled.txt": "not valid UTF-8",
        "broken.txt": "broken symbolic link",
        "loop1.txt": "symbolic link loop",
        "loop2.txt": "symbolic link loop",
        "notext.json": "no 'text' field",
        "lines.jsonl:2": "malformed JSON line",
    }


def test_bad_inputs_fail_alone_with_exit_status_1(tmp_path: Path) -> None:
    reasons = _bad_inputs(tmp_path / "drop")
    good = tmp_path / "good.txt"
    good.write_bytes((FIXTURES / "articles" / "radwege.txt").read_bytes())
    run = run_quotex("extract", str(tmp_path / "drop"), str(good), "--model", MODEL)
    assert run.code == 1, run.stderr
    errors = [line for line in run.stderr.splitlines() if line.startswith("quotex: error: ")]
    for name, reason in reasons.items():
        lines = [line for line in errors if f"{tmp_path}/drop/{name}: " in line]
        assert len(lines) == 1 and reason in lines[0], (name, run.stderr)
    assert len(errors) == len(reasons), run.stderr
    # Every other input was still processed and written: the good file and the good JSONL line.
    sources = {r["source"] for r in run.records}
    assert sources == {str(good), f"{tmp_path}/drop/lines.jsonl#1"}
    assert any(r["source"] == str(good) for r in run.records)


def test_warnings_only_exit_0(tmp_path: Path) -> None:
    text = (FIXTURES / "articles" / "radwege.txt").read_text(encoding="utf-8")
    (tmp_path / "windows.txt").write_bytes(text.encode("cp1252"))
    (tmp_path / "utf16.txt").write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    (tmp_path / "english.txt").write_text(
        "The council approved the plan on Thursday. \"We will build the safest cycling city in the country,\" "
        "the mayor said after the vote. The chairman of the cycling club said the plans were a good start, "
        "but the opposition voted against them because the money was needed elsewhere in the city budget.\n",
        encoding="utf-8",
    )
    run = run_quotex("extract", str(tmp_path), str(tmp_path / "windows.txt"), "--model", MODEL)
    assert run.code == 0, run.stderr
    warnings = [line for line in run.stderr.splitlines() if line.startswith("quotex: warning: ")]
    assert any("windows.txt: not valid UTF-8" in w and "cp1252" in w for w in warnings), run.stderr
    assert any("utf16.txt: decoded as UTF-16" in w for w in warnings), run.stderr
    assert any("english.txt: does not look like German" in w for w in warnings), run.stderr
    assert any("windows.txt: same file as" in w and "processed once" in w for w in warnings), run.stderr
    assert "error" not in run.stderr
    per_source = {s: sum(r["source"] == s for r in run.records) for s in (f"{tmp_path}/windows.txt", f"{tmp_path}/utf16.txt")}
    assert per_source[f"{tmp_path}/windows.txt"] == per_source[f"{tmp_path}/utf16.txt"] > 0


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["seeds/", "--no-such-option"],
        ["seeds/", "--jobs", "0"],
        ["seeds/", "--model", "./no/such/pipeline"],
        ["seeds/", "--model", "de_no_such_pipeline_sm"],
        ["seeds/", "-o", "/no/such/folder/out.jsonl"],
    ],
    ids=["no-path", "unknown-option", "jobs-0", "model-folder", "model-package", "output-folder"],
)
def test_usage_errors_exit_2(args: list[str]) -> None:
    run = run_quotex("extract", *args)
    assert run.code == 2, run.stderr
    assert run.stdout == "" and run.stderr.strip()


def test_unknown_command_exits_2() -> None:
    assert run_quotex("extrakt", "seeds/").code == 2
