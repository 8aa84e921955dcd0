"""Typed quote data and its one JSON serialization.

Every part of a quote (the quote itself, speaker, cue, organization,
addressee, frame) is a list of ``[start, end)`` character spans into the
text exactly as it was decoded. A part's ``text`` is derived from the spans
(joined by a single space) rather than stored separately, so the two can
never disagree.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

Span = tuple[int, int]

#: The quote types of the record schema, in the order of the corpus README.
QUOTE_TYPES = ("direct", "indirect", "reported", "free_indirect", "indirect_free_indirect")
#: How a quote was uttered, as its cue says (a record's ``medium`` is one of these or null).
MEDIA = ("speech", "writing", "thought", "speech_or_writing", "speech_or_thought")

#: ``json.dumps`` with options builds a new encoder on every call; every record shares this one.
_ENCODER = json.JSONEncoder(ensure_ascii=False, allow_nan=False)


def strict_json(value: Any) -> str:
    """``value`` as JSON that every parser accepts, or ``ValueError`` saying why it cannot be.

    Python writes ``NaN``/``Infinity`` as bare tokens and lone surrogates
    (``"\\ud800"``) as text no UTF-8 encoder takes; both are in no JSON
    standard, so a record holding them is refused rather than written.
    Surrogates are the only code points UTF-8 cannot encode, so encoding
    finds them (four times faster than a search for them).
    """
    try:
        text = _ENCODER.encode(value)
    except ValueError:
        raise ValueError("NaN or Infinity, which is not JSON") from None
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as err:
        raise ValueError(f"a lone surrogate ({err.object[err.start]!a}), which is not Unicode text") from None
    return text


def join_spans(text: str, spans: list[Span]) -> str:
    """The text of a part: its spans' texts joined by one space."""
    return " ".join(text[start:end] for start, end in spans)


@dataclass(frozen=True)
class Part:
    """A role of a quote as written in the text: one or more char spans."""

    spans: tuple[Span, ...]

    def text(self, source: str) -> str:
        return join_spans(source, list(self.spans))

    def shifted(self, offset: int) -> "Part":
        return type(self)(**{**self.__dict__, "spans": tuple((s + offset, e + offset) for s, e in self.spans)})

    def to_dict(self, source: str) -> dict[str, Any]:
        return {"text": self.text(source), "spans": [list(s) for s in self.spans]}


@dataclass(frozen=True)
class Speaker(Part):
    """Who speaks: the mention as written, plus whom it refers to.

    ``name`` is the resolved person or organization ("Jen Psaki" for "sie"),
    ``None`` when unknown; ``label`` is ``PER`` or ``ORG`` (or ``None``).
    """

    name: str | None = None
    label: str | None = None

    def to_dict(self, source: str) -> dict[str, Any]:
        return {**super().to_dict(source), "name": self.name, "label": self.label}


@dataclass(frozen=True)
class Cue(Part):
    """The words that mark speech ("sagte", "teilte ... mit", "laut")."""

    lemma: str | None = None

    def to_dict(self, source: str) -> dict[str, Any]:
        return {**super().to_dict(source), "lemma": self.lemma}


@dataclass(frozen=True)
class Organization(Part):
    """What the speaker speaks for; ``name`` in the nominative where known."""

    name: str | None = None

    def to_dict(self, source: str) -> dict[str, Any]:
        return {**super().to_dict(source), "name": self.name}


@dataclass(frozen=True)
class Quote:
    """One attributed quote inside one Doc (offsets relative to that Doc)."""

    quote: Part
    type: str
    speaker: Speaker | None = None
    cue: Cue | None = None
    organization: Organization | None = None
    addressee: Part | None = None
    frame: Part | None = None
    #: one of ``MEDIA``, from the cue; ``None`` without a cue
    medium: str | None = None

    def shifted(self, offset: int) -> "Quote":
        """The same quote with every span moved by ``offset`` characters.

        Needed when a long text is processed in chunks: each chunk's Doc
        starts at 0, the record must point into the whole text.
        """
        if offset == 0:
            return self
        return Quote(
            **{
                name: (value.shifted(offset) if isinstance(value, Part) else value)
                for name, value in self.__dict__.items()
            }
        )


@dataclass(frozen=True)
class Record:
    """One output line: a quote plus the document it was found in."""

    source: str
    doc_id: str
    title: str | None
    quote: Quote
    #: The whole decoded source text the spans point into (not serialized).
    text: str = field(repr=False, compare=False, default="")
    #: Extra input fields passed through (``date``, ``url``).
    meta: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        q, text = self.quote, self.text

        def part(value: Part | None) -> dict[str, Any] | None:
            return None if value is None else value.to_dict(text)

        record: dict[str, Any] = {
            "source": self.source,
            "doc_id": self.doc_id,
            "title": self.title,
            "quote": part(q.quote),
            "type": q.type,
            "speaker": part(q.speaker),
            "cue": part(q.cue),
            "organization": part(q.organization),
            "addressee": part(q.addressee),
            "frame": part(q.frame),
            "medium": q.medium,
        }
        record.update(self.meta)
        return record

    def to_json(self) -> str:
        """One strict JSON line (``ValueError`` if some field cannot be: see :func:`strict_json`)."""
        return strict_json(self.to_dict())

    def to_row(self) -> dict[str, Any]:
        """The record as one flat CSV/TSV row (see :func:`flat_row`)."""
        return flat_row(self.to_dict())


#: Output formats of ``quotex extract --format``.
FORMATS = ("jsonl", "csv", "tsv")

#: Columns of the flat form of a record, in order. ``quote_start``/``quote_end``
#: are the first start and the last end of the quote's spans: the stretch a
#: spreadsheet user can cut out of the text (an interrupted quote includes the
#: "sagte er" in between; the JSON record keeps every span).
ROW_FIELDS = (
    "source", "doc_id", "type", "medium", "speaker_text", "speaker_name",
    "organization", "cue", "quote", "quote_start", "quote_end",
)


def flat_row(record: dict[str, Any]) -> dict[str, Any]:
    """A JSON record (as :meth:`Record.to_dict` gives it or as read back) flattened to :data:`ROW_FIELDS`.

    Absent parts are ``None``; ``medium`` is optional in records written before
    it existed. ``organization`` is the organization's nominative name, or its
    text as written where no name is known, so the column is never empty when
    the record has an organization.
    """
    speaker = record.get("speaker") or {}
    organization = record.get("organization") or {}
    spans = record["quote"]["spans"]
    return {
        "source": record["source"],
        "doc_id": record["doc_id"],
        "type": record["type"],
        "medium": record.get("medium"),
        "speaker_text": speaker.get("text"),
        "speaker_name": speaker.get("name"),
        "organization": organization.get("name") or organization.get("text"),
        "cue": (record.get("cue") or {}).get("text"),
        "quote": record["quote"]["text"],
        "quote_start": spans[0][0],
        "quote_end": spans[-1][1],
    }


def _delimited(rows: Iterable[Iterable[Any]], delimiter: str) -> str:
    """Rows as RFC 4180 text: CRLF line ends, fields holding the delimiter, a
    quotation mark or a line break quoted, quotation marks doubled. That is
    what Excel, LibreOffice, pandas and R's readers expect, so a quote with
    line breaks or „…“ "…" marks comes back exactly; ``None`` becomes an
    empty field."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, quotechar='"', quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerows(["" if value is None else value for value in row] for row in rows)
    return buffer.getvalue()


def serialize(records: Iterable[Record], format: str = "jsonl") -> str:
    """Records as lines of ``format`` (``jsonl``, ``csv`` or ``tsv``), without the CSV header."""
    if format == "jsonl":
        return "".join(record.to_json() + "\n" for record in records)
    rows = (record.to_row() for record in records)
    return _delimited(([row[name] for name in ROW_FIELDS] for row in rows), "," if format == "csv" else "\t")


def header(format: str) -> str:
    """What a file of ``format`` starts with: for CSV/TSV a UTF-8 byte-order mark
    (without it Excel reads UTF-8 as the Windows code page; pandas, R's readr and
    LibreOffice skip it) and the column names; nothing for JSON Lines."""
    if format == "jsonl":
        return ""
    return "\ufeff" + _delimited([ROW_FIELDS], "," if format == "csv" else "\t")

