"""Attribution rules: small pure functions over spaCy ``Doc``/``Span``.

Modules are named for what they find: quotation marks, cues, direct quotes,
indirect quotes, speakers, organizations.
"""

from __future__ import annotations

from spacy.tokens import Doc

from quotex.records import Quote


def attribute(doc: Doc) -> list[Quote]:
    """All quotes of ``doc``, in text order (skeleton: finds none yet)."""
    return []
