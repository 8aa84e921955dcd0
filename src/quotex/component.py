"""The ``quotex`` spaCy pipeline component (skeleton; owned by the attribution work).

Registered as a factory here and as a ``spacy_factories`` entry point, so any
German pipeline can ``nlp.add_pipe("quotex")``. Results go on ``doc._.quotes``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from quotex.records import Quote
from quotex.rules import attribute

if not Doc.has_extension("quotes"):
    Doc.set_extension("quotes", default=None)


class QuotexComponent:
    """Rule-based quotation attribution over a tagged and parsed Doc."""

    def __init__(self, nlp: Language, name: str = "quotex") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        quotes: list[Quote] = attribute(doc)
        doc._.quotes = quotes
        return doc


@Language.factory("quotex")
def make_quotex(nlp: Language, name: str) -> QuotexComponent:
    return QuotexComponent(nlp, name)
