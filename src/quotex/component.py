"""The ``quotex`` spaCy pipeline component: rule-based quotation attribution.

Registered as a factory here and as a ``spacy_factories`` entry point, so any
German pipeline can ``nlp.add_pipe("quotex")``. Like spaCy's ``span_ruler``
it keeps its settings in the pipeline config and its lexicons with the
pipeline on disk, so a saved pipeline attributes the same way wherever it is
loaded. Results go on ``doc._.quotes`` (text order, Doc-relative offsets)
and, as plain spaCy spans, on ``doc.spans["quotex"]`` (see :func:`quote_spans`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import srsly
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import ensure_path, raise_error

from quotex.records import QUOTE_TYPES, Quote
from quotex.rules import Lexicons, Settings, attribute
from quotex.rules.cues import LEXICON_FILES

if not Doc.has_extension("quotes"):
    Doc.set_extension("quotes", default=None)

#: The key of quotex's span group: ``doc.spans[SPANS_KEY]``.
SPANS_KEY = "quotex"


def quote_spans(doc: Doc, quotes: Iterable[Quote]) -> list[Span]:
    """Quotes, speakers and cues as spans labelled ``role:type`` ("quote:direct", "speaker:direct", "cue:direct").

    ``doc._.quotes`` holds Python objects that ``DocBin`` cannot store and
    displaCy cannot draw; a span group can, with no code on the user's side.
    A part of several pieces (a quote interrupted by "sagte er") gives one span
    per piece. Offsets are characters; a span takes in every token it touches.
    """
    spans = []
    for quote in quotes:
        for role, part in (("quote", quote.quote), ("speaker", quote.speaker), ("cue", quote.cue)):
            for start, end in part.spans if part is not None else ():
                span = doc.char_span(start, end, label=f"{role}:{quote.type}", alignment_mode="expand")
                if span is not None:
                    spans.append(span)
    return spans


class QuotexComponent:
    """Rule-based quotation attribution over a tagged and parsed Doc."""

    def __init__(self, nlp: Language, name: str = "quotex", *, types: Iterable[str] = QUOTE_TYPES,
                 max_scare_tokens: int = 4, max_quote_tokens: int = 250, max_quote_chars: int = 5000) -> None:
        unknown = sorted(set(types) - set(QUOTE_TYPES))
        if unknown:
            raise ValueError(f"quotex: unknown quote type(s) {unknown} in the component config; "
                             f"choose from {list(QUOTE_TYPES)}")
        self.name = name
        self.settings = Settings(tuple(types), max_scare_tokens, max_quote_tokens, max_quote_chars)
        # the package's lexicons are shared (built once per process) until a pipeline brings its own
        self.lexicons = Lexicons.from_package()

    def __call__(self, doc: Doc) -> Doc:
        try:
            quotes: list[Quote] = attribute(doc, self.lexicons, self.settings)
            doc._.quotes = quotes
            doc.spans[SPANS_KEY] = quote_spans(doc, quotes)
        except Exception as err:  # noqa: BLE001 - handed to spaCy's error handler, as built-in components do
            self.get_error_handler()(self.name, self, [doc], err)
        return doc

    def set_error_handler(self, error_handler: Callable[..., None]) -> None:
        """Called by ``nlp.set_error_handler``: what to do when a Doc makes the rules raise."""
        self.error_handler = error_handler

    def get_error_handler(self) -> Callable[..., None]:
        """The handler set by ``nlp.set_error_handler``, else spaCy's default (raise)."""
        return getattr(self, "error_handler", raise_error)

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        """The lexicons, for ``nlp.to_bytes`` (the settings travel in the pipeline config)."""
        return srsly.msgpack_dumps({"lexicons": self.lexicons.texts})

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> "QuotexComponent":
        """Use the lexicons saved by :meth:`to_bytes`."""
        self._use(srsly.msgpack_loads(data)["lexicons"])
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Write the lexicon files into the component's folder of a saved pipeline."""
        path = ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        for name in LEXICON_FILES:
            (path / name).write_text(self.lexicons.texts[name], encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "QuotexComponent":
        """Read the lexicon files a saved pipeline carries."""
        path = ensure_path(path)
        texts: dict[str, str] = {}
        for name in LEXICON_FILES:
            file = path / name
            # a pipeline saved before a lexicon file existed uses the package's version of it
            texts[name] = file.read_text(encoding="utf-8") if file.exists() else Lexicons.from_package().texts[name]
        self._use(texts)
        return self

    def _use(self, texts: dict[str, Any]) -> None:
        """Switch to the lexicons in ``texts``, sharing the package's when they are the same."""
        package = Lexicons.from_package()
        self.lexicons = package if texts == package.texts else Lexicons(dict(texts))


@Language.factory(
    "quotex",
    assigns=["doc._.quotes", "doc.spans"],
    requires=["doc.sents", "token.pos", "token.morph", "token.lemma", "token.dep"],
    default_config={
        "types": list(QUOTE_TYPES),
        "max_scare_tokens": 4,
        "max_quote_tokens": 250,
        "max_quote_chars": 5000,
    },
)
def make_quotex(nlp: Language, name: str, types: list[str], max_scare_tokens: int, max_quote_tokens: int,
                max_quote_chars: int) -> QuotexComponent:
    """The ``quotex`` factory: ``nlp.add_pipe("quotex", config={"types": ["direct"]})``."""
    return QuotexComponent(nlp, name, types=types, max_scare_tokens=max_scare_tokens,
                           max_quote_tokens=max_quote_tokens, max_quote_chars=max_quote_chars)
