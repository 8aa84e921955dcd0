"""Which German spaCy pipeline quotex runs, and how it is found.

``de_core_news_lg`` is the pipeline users expect, but it is distributed
outside PyPI; quotex therefore ships a pipeline of its own inside the
package and falls back to it whenever the standard one is not installed.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import spacy
from spacy.language import Language

import quotex.component  # noqa: F401  (registers the "quotex" factory without an installed entry point)

#: The pipeline preferred when the user names none.
PREFERRED = "de_core_news_lg"
#: The name that always selects the pipeline shipped inside the package.
EMBEDDED = "embedded"
EMBEDDED_PATH = Path(__file__).parent / "models" / "de_quotex_news"
#: The component that ends a sentence at every line break before the parser runs.
PARAGRAPHS = "quotex_paragraphs"


def resolve(name: str | None = None) -> str | Path:
    """The spaCy name or path that ``load_pipeline(name)`` loads."""
    if name is None:
        return PREFERRED if importlib.util.find_spec(PREFERRED) is not None else EMBEDDED_PATH
    if name == EMBEDDED:
        return EMBEDDED_PATH
    return name


def load_pipeline(name: str | None = None, *, attributor: bool = True) -> Language:
    """Load a German pipeline, with the quotex attributor at its end.

    ``None`` loads ``de_core_news_lg`` if it is installed and the embedded
    pipeline otherwise; ``"embedded"`` always loads the embedded one; any
    other value is a spaCy package name or a path, as for ``spacy.load``.
    Every pipeline gets ``quotex_paragraphs`` first, so its parser never
    joins two paragraphs (or the title and the first sentence) into one.
    """
    target = resolve(name)
    try:
        nlp = spacy.load(target)
    except OSError as err:
        raise OSError(
            f"cannot load the spaCy pipeline {str(target)!r}: {err}. "
            "Give an installed pipeline package or a pipeline folder with --model, "
            "or use --model embedded."
        ) from err
    if PARAGRAPHS not in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPHS, first=True)
    if attributor and "quotex" not in nlp.pipe_names:
        nlp.add_pipe("quotex")
    return nlp


def describe(nlp: Language) -> str:
    """``name version`` of a loaded pipeline, as said on stderr at start."""
    return f"{nlp.meta.get('lang', 'de')}_{nlp.meta.get('name', '?')} {nlp.meta.get('version', '?')}"
