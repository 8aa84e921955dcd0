"""quotex: find who said what in German news.

The library is the product; the ``quotex`` command is a thin layer over it::

    import quotex
    nlp = quotex.load_pipeline()          # de_core_news_lg if installed, else embedded
    doc = nlp(text)
    doc._.quotes                          # list[quotex.Quote]
    for record in quotex.extract(["seeds/"]):
        print(record.to_json())
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from quotex.records import Cue, Organization, Part, Quote, Record, Speaker

if TYPE_CHECKING:
    from quotex.api import extract
    from quotex.pipeline import load_pipeline

__version__ = "0.2.0"

__all__ = [
    "Cue",
    "Organization",
    "Part",
    "Quote",
    "Record",
    "Speaker",
    "extract",
    "load_pipeline",
    "__version__",
]

#: Names imported on first use: each pulls in spaCy (about 0.6 s), which
#: ``import quotex`` alone, ``quotex --version``, a spaCy worker resolving the
#: component's entry point or a program that only reads records do not need.
_LAZY = {"extract": "quotex.api", "load_pipeline": "quotex.pipeline"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from importlib import import_module

        value = getattr(import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'quotex' has no attribute {name!r}")
