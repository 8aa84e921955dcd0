"""Typed quote data and its one JSON serialization.

Every part of a quote (the quote itself, speaker, cue, organization,
addressee, frame) is a list of ``[start, end)`` character spans into the
text exactly as it was decoded. A part's ``text`` is derived from the spans
(joined by a single space) rather than stored separately, so the two can
never disagree.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

Span = tuple[int, int]

#: The quote types of the record schema, in the order of the corpus README.
QUOTE_TYPES = ("direct", "indirect", "reported", "free_indirect", "indirect_free_indirect")

_SURROGATE = re.compile("[\ud800-\udfff]")


def strict_json(value: Any) -> str:
    """``value`` as JSON that every parser accepts, or ``ValueError`` saying why it cannot be.

    Python writes ``NaN``/``Infinity`` as bare tokens and lone surrogates
    (``"\\ud800"``) as text no UTF-8 encoder takes; both are in no JSON
    standard, so a record holding them is refused rather than written.
    """
    try:
        text = json.dumps(value, ensure_ascii=False, allow_nan=False)
    except ValueError:
        raise ValueError("NaN or Infinity, which is not JSON") from None
    match = _SURROGATE.search(text)
    if match:
        raise ValueError(f"a lone surrogate ({match.group()!a}), which is not Unicode text")
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
        }
        record.update(self.meta)
        return record

    def to_json(self) -> str:
        """One strict JSON line (``ValueError`` if some field cannot be: see :func:`strict_json`)."""
        return strict_json(self.to_dict())
