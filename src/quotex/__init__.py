"""quotex: find who said what in German news.

The library is the product; the ``quotex`` command is a thin layer over it::

    import quotex
    nlp = quotex.load_pipeline()          # de_core_news_lg if installed, else embedded
    doc = nlp(text)
    doc._.quotes                          # list[quotex.Quote]
    for record in quotex.extract(["seeds/"]):
        print(record.to_json())
"""

from quotex.pipeline import load_pipeline
from quotex.records import Cue, Organization, Part, Quote, Record, Speaker

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


def __getattr__(name: str):
    # ``extract`` pulls in the input and batch machinery; import it lazily so
    # ``import quotex`` inside a spaCy worker stays cheap.
    if name == "extract":
        from quotex.api import extract

        return extract
    raise AttributeError(name)
