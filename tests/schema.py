"""The record schema of the README, checked independently of quotex's own code.

Every record of every test run goes through :func:`validate`, which also
checks each span against the source text: ``text[start:end]`` of a part's
spans, joined by one space, must be the part's ``text``. The source text is
decoded here without quotex (:func:`source_text`), so a decoding bug in
quotex cannot hide itself.
"""

from __future__ import annotations

import codecs
import json
from pathlib import Path
from typing import Any

QUOTE_TYPES = {"direct", "indirect", "reported", "free_indirect", "indirect_free_indirect"}
MEDIA = {"speech", "writing", "thought", "speech_or_writing", "speech_or_thought"}
REQUIRED = ("source", "doc_id", "title", "quote", "type", "speaker", "cue", "organization", "addressee", "frame")
ROLES = ("speaker", "cue", "organization", "addressee", "frame")
OPENING_MARKS = "\"'“”„‚‘’»«›‹"
CLOSING_MARKS = "\"'“”‘’»«›‹"


def validate(record: dict[str, Any], text: str) -> None:
    """Raise ``AssertionError`` saying what is wrong if ``record`` breaks the schema."""
    assert isinstance(record, dict), f"record is not an object: {record!r}"
    missing = [name for name in REQUIRED if name not in record]
    assert not missing, f"missing fields {missing} in {record}"
    assert isinstance(record["source"], str) and record["source"], record
    assert isinstance(record["doc_id"], str) and record["doc_id"], record
    assert record["title"] is None or isinstance(record["title"], str), record
    assert record["type"] in QUOTE_TYPES, f"unknown type {record['type']!r}"
    assert record["quote"] is not None, "quote is null"
    _part(record["quote"], text, "quote")
    for role in ROLES:
        if record[role] is not None:
            _part(record[role], text, role)
    speaker = record["speaker"]
    if speaker is not None:
        assert "name" in speaker and "label" in speaker, speaker
        assert speaker["name"] is None or isinstance(speaker["name"], str) and speaker["name"].strip(), speaker
        assert speaker["label"] in (None, "PER", "ORG"), speaker
    if record["cue"] is not None:
        assert "lemma" in record["cue"], record["cue"]
        assert record["cue"]["lemma"] is None or isinstance(record["cue"]["lemma"], str), record["cue"]
    if record["organization"] is not None:
        assert "name" in record["organization"], record["organization"]
    # optional for readers of older records
    assert record.get("medium") in (None, *MEDIA), f"unknown medium {record.get('medium')!r}"
    if record["type"] == "direct":
        quote = record["quote"]["text"]
        assert quote[0] in OPENING_MARKS and quote[-1] in CLOSING_MARKS, f"direct quote without its marks: {quote!r}"


def _part(part: Any, text: str, role: str) -> None:
    assert isinstance(part, dict), f"{role} is not an object: {part!r}"
    spans = part.get("spans")
    assert isinstance(spans, list) and spans, f"{role} has no spans: {part}"
    previous_end = 0
    for span in spans:
        assert isinstance(span, list) and len(span) == 2 and all(type(x) is int for x in span), f"{role} span {span!r}"
        start, end = span
        assert previous_end <= start < end <= len(text), f"{role} span {span} out of order or range (len {len(text)})"
        previous_end = end
    expected = " ".join(text[start:end] for start, end in spans)
    assert part.get("text") == expected, f"{role} text {part.get('text')!r} != spans' text {expected!r}"


def decode(data: bytes) -> str:
    """Bytes to text as the README promises: BOM-selected UTF-8/16/32, else UTF-8, else cp1252."""
    for bom, codec in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(codec)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252")


def source_text(source: str, cwd: Path, stdin: bytes | None = None, text_field: str = "text") -> str:
    """The text a record's ``source`` points into: a file, a JSONL line or a JSON array item."""
    path, _, number = source.partition("#")
    data = stdin if path == "-" else (cwd / path).read_bytes()
    assert data is not None, f"record from standard input, but the test gave none: {source}"
    text = decode(data)
    if not number:
        if path.endswith(".json") or (path == "-" and text.lstrip().startswith("{")):
            return json.loads(text)[text_field]
        return text
    if path.endswith(".json") or (path == "-" and text.lstrip().startswith("[")):
        return json.loads(text)[int(number) - 1][text_field]
    return json.loads(text.split("\n")[int(number) - 1])[text_field]


def parse_records(stdout: str, cwd: Path, stdin: bytes | None = None, text_field: str = "text") -> list[dict[str, Any]]:
    """Every line of ``stdout`` as a record, each validated against its source text."""
    records = []
    for number, line in enumerate(stdout.splitlines(), 1):
        try:
            record = json.loads(line)
        except ValueError as err:
            raise AssertionError(f"stdout line {number} is not JSON: {line[:200]!r}") from err
        validate(record, source_text(record.get("source", ""), cwd, stdin, text_field))
        records.append(record)
    return records
