"""Whom a speaker mention refers to: ``speaker.name`` and ``speaker.label``.

(Stub: returns the quotes unchanged until the resolution rules land.)
"""

from __future__ import annotations

from spacy.tokens import Doc

from quotex.records import Quote


def resolve_speakers(doc: Doc, quotes: list[Quote]) -> list[Quote]:
    """``quotes`` with ``speaker.name``/``label`` filled where resolvable."""
    return quotes
