"""The ``quotex`` spaCy pipeline component: rule-based quotation attribution.

Registered as a factory here and as a ``spacy_factories`` entry point, so any
German pipeline can ``nlp.add_pipe("quotex")``. Like spaCy's ``span_ruler``
it keeps its settings in the pipeline config and its lexicons with the
pipeline on disk, so a saved pipeline attributes the same way wherever it is
loaded. Results go on ``doc._.quotes`` (text order, Doc-relative offsets)
and, as plain spaCy spans, on ``doc.spans["quotex"]`` (see :func:`quote_spans`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

import srsly
from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import ensure_path, raise_error

from quotex.records import QUOTE_TYPES, Quote
from quotex.rules import Lexicons, Settings, attribute
from quotex.rules.lexicon import FILES
from quotex.rules.syntax import line_break_ends_sentence

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

#: The component's settings and their defaults, written once (the dataclass) and shown in the config.
DEFAULT_CONFIG: dict[str, Any] = {name: list(value) if isinstance(value, tuple) else value
                                  for name, value in asdict(Settings()).items()}


class QuotexComponent:
    """Rule-based quotation attribution over a tagged and parsed Doc.

    The lexicons (every word list of ``quotex/lexicons``) belong to the
    component: they are saved and loaded with the pipeline under the key
    ``lexicons`` (``exclude=["lexicons"]`` leaves them out) and replaced
    through :meth:`initialize`.
    """

    def __init__(self, nlp: Language, name: str = "quotex", **config: Any) -> None:
        settings = Settings(**config)
        unknown = sorted(set(settings.types) - set(QUOTE_TYPES))
        if unknown:
            raise ValueError(f"quotex: unknown quote type(s) {unknown} in the component config; "
                             f"choose from {list(QUOTE_TYPES)}")
        self.name = name
        self.settings = replace(settings, types=tuple(settings.types))
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

    def initialize(self, get_examples: Callable[[], Iterable[Any]] | None = None, *, nlp: Language | None = None,
                   lexicons: Mapping[str, str] | None = None) -> None:
        """Replace lexicon files: ``lexicons`` maps a file name of ``quotex/lexicons`` to its new text.

        Files not named keep their current text. Like ``span_ruler`` patterns,
        the replacements then travel with the saved pipeline.
        """
        if lexicons:
            self._use(self.lexicons.replaced(lexicons).texts)

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        """The lexicons, for ``nlp.to_bytes`` (the settings travel in the pipeline config)."""
        return srsly.msgpack_dumps({} if "lexicons" in exclude else {"lexicons": self.lexicons.texts})

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> "QuotexComponent":
        """Use the lexicons saved by :meth:`to_bytes`."""
        texts = srsly.msgpack_loads(data).get("lexicons")
        if texts is not None and "lexicons" not in exclude:
            self._use(texts)
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Write the lexicon files into the component's folder of a saved pipeline."""
        path = ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        if "lexicons" in exclude:
            return
        for name in FILES:
            (path / name).write_text(self.lexicons.texts[name], encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "QuotexComponent":
        """Read the lexicon files a saved pipeline carries."""
        if "lexicons" in exclude:
            return self
        path = ensure_path(path)
        texts: dict[str, str] = {}
        for name in FILES:
            file = path / name
            # a pipeline saved before a lexicon file existed uses the package's version of it
            texts[name] = file.read_text(encoding="utf-8") if file.exists() else Lexicons.from_package().texts[name]
        self._use(texts)
        return self

    def _use(self, texts: dict[str, Any]) -> None:
        """Switch to the lexicons in ``texts``, sharing the package's when they are the same."""
        package = Lexicons.from_package()
        # a pipeline saved with fewer files than this version knows gets the package's for the rest
        texts = {**package.texts, **texts}
        self.lexicons = package if texts == package.texts else Lexicons(texts)


def mark_paragraphs(doc: Doc) -> Doc:
    """Mark where line breaks end sentences, before the parser sees the Doc.

    A paragraph break (a blank line, the one after a title) always ends a
    sentence, and so does a single line break unless the line plainly reads
    on (wrapped text: :func:`quotex.rules.syntax.line_break_ends_sentence`,
    the rules' criterion too); the parser must agree, or it joins a title to
    the first sentence and parses the blank line as a word of it, or cuts a
    wrapped sentence in two. spaCy's parser keeps sentence starts that are
    already set; nothing else is fixed, so it still splits within a
    paragraph as it sees fit. Works on hand-built Docs too.
    """
    text = doc.text
    before: Token | None = doc[0] if not doc[0].is_space else None
    for token in doc[1:]:
        if token.is_space:
            token.is_sent_start = False  # whitespace stays with the sentence before it
            continue
        if before is not None:
            gap = text[before.idx + len(before.text):token.idx]
            if "\n" in gap:
                token.is_sent_start = line_break_ends_sentence(gap, before.text, token.text)
        before = token
    return doc


@Language.component("quotex_paragraphs")
def quotex_paragraphs(doc: Doc) -> Doc:
    """The pipeline step of :func:`mark_paragraphs`: ``nlp.add_pipe("quotex_paragraphs", first=True)``."""
    return mark_paragraphs(doc)


@Language.factory(
    "quotex",
    assigns=["doc._.quotes", "doc.spans"],
    requires=["doc.sents", "token.pos", "token.morph", "token.lemma", "token.dep"],
    default_config=DEFAULT_CONFIG,
)
def make_quotex(nlp: Language, name: str, types: list[str], max_scare_tokens: int, max_quote_tokens: int,
                max_quote_chars: int) -> QuotexComponent:
    """The ``quotex`` factory: ``nlp.add_pipe("quotex", config={"types": ["direct"]})``."""
    return QuotexComponent(nlp, name, types=tuple(types), max_scare_tokens=max_scare_tokens,
                           max_quote_tokens=max_quote_tokens, max_quote_chars=max_quote_chars)
