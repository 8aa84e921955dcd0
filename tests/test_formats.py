"""``quotex extract --format csv|tsv``: one flat row per record that spreadsheets and pandas read back exactly.

The hard cases are quotes holding what CSV itself uses: line breaks (LF and
CRLF), straight and German quotation marks, commas, tabs and semicolons.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
from pathlib import Path

import pytest

from conftest import MODEL, quotex_command, run_quotex
from quotex.records import ROW_FIELDS, Cue, Organization, Part, Quote, Record, Speaker, flat_row, header, serialize

TRICKY = 'Er sagte: "Ja, gern";\r\nund\tdann\n„nein“ – ""doppelt""'


def _record(text: str) -> Record:
    start = text.index("Er sagte")
    quote = Quote(
        quote=Part(((start, len(text)),)),
        type="direct",
        speaker=Speaker(((0, 4),), name="Anna Weber", label="PER"),
        cue=Cue(((5, 10),), lemma="sagen"),
        organization=Organization(((11, 14),), name=None),
    )
    return Record(source="a,b.txt", doc_id='x"y', title=None, quote=quote, text=text)


def _read(data: str, delimiter: str) -> list[list[str]]:
    assert data.startswith("\ufeff"), "Excel needs the byte-order mark to read UTF-8"
    return list(csv.reader(io.StringIO(data[1:], newline=""), delimiter=delimiter))


@pytest.mark.parametrize("format, delimiter", [("csv", ","), ("tsv", "\t")])
def test_csv_round_trip_keeps_line_breaks_and_quotation_marks(format: str, delimiter: str) -> None:
    text = "Anna sagte SPD " + TRICKY
    record = _record(text)
    rows = _read(header(format) + serialize([record, record], format), delimiter)
    assert rows[0] == list(ROW_FIELDS)
    assert len(rows) == 3
    row = dict(zip(ROW_FIELDS, rows[1]))
    assert row["quote"] == TRICKY
    assert row["source"] == "a,b.txt" and row["doc_id"] == 'x"y'
    assert row["speaker_text"] == "Anna" and row["speaker_name"] == "Anna Weber"
    assert row["organization"] == "SPD"  # no name known: the organization as written
    assert row["medium"] == ""  # optional in records; absent is an empty field
    assert text[int(row["quote_start"]):int(row["quote_end"])] == TRICKY


def test_flat_row_of_an_interrupted_quote_spans_first_start_to_last_end() -> None:
    record = {
        "source": "s", "doc_id": "d", "type": "direct", "medium": "speech",
        "quote": {"text": "„A, B“", "spans": [[3, 6], [20, 25]]},
        "speaker": None, "cue": None, "organization": {"text": "des Weißen Hauses", "name": "Weißes Haus"},
    }
    row = flat_row(record)
    assert (row["quote_start"], row["quote_end"]) == (3, 25)
    assert row["organization"] == "Weißes Haus" and row["medium"] == "speech"
    assert row["speaker_text"] is None and row["cue"] is None


@pytest.fixture(scope="module")
def tricky_article(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("csv")
    path = folder / "zeilen.txt"
    path.write_bytes(
        "Neue Regeln im Stadtrat\r\n\r\n„Wir sagen \"nein\", und zwar deutlich; ganz, ganz deutlich“, sagte "
        "Anna Weber am Montag in Bonn.\r\n".encode("utf-8")
    )
    return path


def test_extract_csv_rows_match_the_json_records(tricky_article: Path) -> None:
    records = run_quotex("extract", "--model", MODEL, "-q", str(tricky_article)).records
    assert records and '"nein",' in records[0]["quote"]["text"]
    result = subprocess.run(
        quotex_command() + ["extract", "--format", "csv", "--model", MODEL, "-q", str(tricky_article)],
        capture_output=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    rows = _read(result.stdout.decode("utf-8"), ",")
    assert rows[0] == list(ROW_FIELDS)
    expected = [["" if value is None else str(value) for value in flat_row(r).values()] for r in records]
    assert rows[1:] == expected


def test_pandas_reads_the_csv_back_exactly(tmp_path: Path) -> None:
    pandas = pytest.importorskip("pandas", reason="pandas is not installed; the csv module round trip covers the format")
    text = "Anna sagte SPD " + TRICKY
    path = tmp_path / "q.csv"
    path.write_bytes((header("csv") + serialize([_record(text)], "csv")).encode("utf-8"))
    frame = pandas.read_csv(path, keep_default_na=False, dtype=str)
    assert list(frame.columns) == list(ROW_FIELDS)
    assert frame.loc[0, "quote"] == TRICKY
    assert frame.loc[0, "doc_id"] == 'x"y'


def test_csv_with_state_is_a_usage_error(tmp_path: Path) -> None:
    result = run_quotex("extract", "--format", "csv", "--state", str(tmp_path / "s"), "seeds/")
    assert result.code == 2 and "--state" in result.stderr
    result = run_quotex("extract", "--format", "xml", "seeds/")
    assert result.code == 2 and "--format" in result.stderr


def test_jsonl_stays_the_default(tricky_article: Path) -> None:
    result = run_quotex("extract", "--model", MODEL, "-q", "--format", "jsonl", str(tricky_article))
    assert result.code == 0 and all(json.loads(line) for line in result.stdout.splitlines())


def test_tsv_to_an_output_file_has_one_header(tricky_article: Path, tmp_path: Path) -> None:
    out = tmp_path / "quotes.tsv"
    result = run_quotex("extract", "--format", "tsv", "--model", MODEL, "-q", "-o", str(out), str(tricky_article))
    assert result.code == 0, result.stderr
    rows = _read(out.read_text(encoding="utf-8"), "\t")
    assert rows[0] == list(ROW_FIELDS) and len(rows) == 2 and rows[1][ROW_FIELDS.index("speaker_name")] == "Anna Weber"
