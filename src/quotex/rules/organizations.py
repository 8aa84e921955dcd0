"""What a speaker speaks for: ``quote.organization``.

(Stub: returns the quotes unchanged until the organization rules land.)
"""

from __future__ import annotations

from spacy.tokens import Doc

from quotex.records import Quote


def attach_organizations(doc: Doc, quotes: list[Quote]) -> list[Quote]:
    """``quotes`` with ``organization`` filled where the text names one."""
    return quotes
