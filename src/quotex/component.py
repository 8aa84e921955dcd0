"""The ``quotex`` spaCy pipeline component: rule-based quotation attribution.

Registered as a factory here and as a ``spacy_factories`` entry point, so any
German pipeline can ``nlp.add_pipe("quotex")``. Like spaCy's ``span_ruler``
it keeps its settings in the pipeline config and its lexicons with the
pipeline on disk, so a saved pipeline attributes the same way wherever it is
loaded. Results go on ``doc._.quotes`` (text order, Doc-relative offsets).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import srsly
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import ensure_path

from quotex.records import QUOTE_TYPES, Quote
from quotex.rules import Lexicons, Settings, attribute
from quotex.rules.cues import LEXICON_FILES

if not Doc.has_extension("quotes"):
    Doc.set_extension("quotes", default=None)


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
        quotes: list[Quote] = attribute(doc, self.lexicons, self.settings)
        doc._.quotes = quotes
        return doc

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
