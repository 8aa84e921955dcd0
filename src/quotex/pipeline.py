"""Which German spaCy pipeline quotex runs, and how it is found.

``de_core_news_lg`` is the pipeline users expect, but it is distributed
outside PyPI; quotex therefore ships a pipeline of its own inside the
package and falls back to it whenever the standard one is not installed.
"""

from __future__ import annotations

import gc
import importlib.util
import threading
from collections.abc import Iterator
from contextlib import contextmanager
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
    with _collection_paused():
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


_pause_lock = threading.Lock()
_pauses = 0
_thresholds = gc.get_threshold()


@contextmanager
def _collection_paused() -> Iterator[None]:
    """No automatic garbage collection inside the block (a start-up cost, not a memory saving).

    Loading a pipeline creates about a million objects that all stay alive
    (the lemmatizer's lookup table alone has 355,000 entries). Every full
    collection on the way goes through all of them and finds nothing: 4 or 5
    of them, 0.3-0.6 s of the 1.3-1.5 s load of the embedded pipeline, in
    every worker process. ``gc.disable()`` would not hold (srsly, which spaCy
    reads its files with, enables the collector after each file); a
    threshold of 0 stops automatic collection as well. The garbage left by
    the load (a few thousand objects) is collected as usual afterwards.
    Counted, so that threads loading at once restore the thresholds only
    when the last of them is done.
    """
    global _pauses, _thresholds
    with _pause_lock:
        if _pauses == 0:
            _thresholds = gc.get_threshold()
            gc.set_threshold(0)
        _pauses += 1
    try:
        yield
    finally:
        with _pause_lock:
            _pauses -= 1
            if _pauses == 0:
                gc.set_threshold(*_thresholds)


def describe(nlp: Language) -> str:
    """``name version`` of a loaded pipeline, as said on stderr at start."""
    return f"{nlp.meta.get('lang', 'de')}_{nlp.meta.get('name', '?')} {nlp.meta.get('version', '?')}"
