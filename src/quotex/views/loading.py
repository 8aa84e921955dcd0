"""Records and the texts they point into, read back for the views.

A record's offsets index its source text exactly as it was decoded, so a
view must read that same text: from the file the record's ``source`` names
(read the way ``quotex extract`` reads it) or from a documents file, which
holds each document's text as the run saw it (JSON Lines, one object per
document: ``source``, ``doc_id``, ``title``, ``date``, ``url``, ``text``).
A text that no longer matches its records (the file changed since the run)
is refused rather than highlighted in the wrong places.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from quotex.inputs import iter_inputs
from quotex.records import join_spans

_LINE_SUFFIX = re.compile(r"#\d+$")


class RecordsError(ValueError):
    """A records or documents file that cannot be read; the message names the file and line."""


@dataclass(frozen=True)
class Entry:
    """One record and the line of RECORDS it was read from (counted from 1, as in ``data-record``)."""

    line: int
    record: dict[str, Any]


def _json_lines(path: Path, what: str) -> Iterable[tuple[int, dict[str, Any]]]:
    try:
        handle = open(path, encoding="utf-8-sig")
    except OSError as err:
        raise RecordsError(f"{path}: cannot read the {what} file: {err.strerror}") from err
    with handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                value = json.loads(line)
            except ValueError as err:
                raise RecordsError(f"{path}:{number}: not JSON ({err.msg}); give a {what} file written by quotex") from err
            if not isinstance(value, dict):
                raise RecordsError(f"{path}:{number}: not a JSON object; give a {what} file written by quotex")
            yield number, value


def read_records(path: Path) -> list[Entry]:
    """The records of a ``quotex extract`` output file, each with its line number."""
    entries = []
    for number, record in _json_lines(path, "records"):
        quote = record.get("quote")
        if not isinstance(quote, dict) or not isinstance(record.get("source"), str) or not quote.get("spans"):
            raise RecordsError(f"{path}:{number}: not a quotex record (no source or quote spans)")
        entries.append(Entry(number, record))
    return entries


def read_documents(path: Path) -> dict[str, dict[str, Any]]:
    """The documents of a documents file by ``source``."""
    documents = {}
    for number, document in _json_lines(path, "documents"):
        if not isinstance(document.get("source"), str) or not isinstance(document.get("text"), str):
            raise RecordsError(f"{path}:{number}: not a quotex document (needs source and text)")
        documents[document["source"]] = document
    return documents


def source_texts(sources: Iterable[str]) -> dict[str, str]:
    """The texts of the given record sources, read from their files as ``quotex extract`` reads them.

    Sources that cannot be read (standard input, moved files) are left out.
    """
    wanted = set(sources)
    files = {_LINE_SUFFIX.sub("", source) for source in wanted if source != "-"}
    texts = {}
    for item in iter_inputs(sorted(files)):
        for document in item.documents:
            if document.source in wanted:
                texts[document.source] = document.text
    return texts


def texts_for(entries: Iterable[Entry], documents: dict[str, dict[str, Any]] | None) -> dict[str, str]:
    """The text of each entry's source: from ``documents`` when given (by source), else from the files."""
    sources = {entry.record["source"] for entry in entries}
    if documents is not None:
        return {source: documents[source]["text"] for source in sources if source in documents}
    return source_texts(sources)


def matches(text: str, record: dict[str, Any]) -> bool:
    """Whether ``text`` is the text ``record`` was found in: its spans give its quote text."""
    spans = record["quote"]["spans"]
    return spans[-1][1] <= len(text) and join_spans(text, [tuple(span) for span in spans]) == record["quote"].get("text")
