"""A tiny stand-in pipeline for testing the batch machinery (runner, executors).

The runner's promises (order, no duplicates after a kill, clean stops) do not
depend on how good the attribution is, and the real pipeline takes seconds to
load. This pipeline is ``spacy.blank("de")`` plus a component *named*
``quotex`` (so ``load_pipeline`` keeps it instead of adding the real one) that
reports every „…“ quotation as a direct quote: a rule simple enough that the
expected records of a test text can be counted by eye. Its ``delay`` makes a
run slow enough for a test to stop it part-way, and a text containing
``BOOM`` makes it raise, to test that one bad document fails alone, and one
containing ``CRASH`` kills the (worker) process running it.

Run as a script, it registers the component and runs the ``quotex`` command
line, so tests can start, kill and re-run real ``quotex extract`` processes:
``python tests/fake_pipeline.py extract --model DIR ...``.
"""

from __future__ import annotations

import os
import re
import signal
import sys
import time
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from quotex.records import Part, Quote

QUOTATION = re.compile(r"„[^“]*“")


class FakeQuotes:
    def __init__(self, delay: float) -> None:
        self.delay = delay

    def __call__(self, doc: Doc) -> Doc:
        if "BOOM" in doc.text:
            raise ValueError("the test text asked for a failure")
        if "CRASH" in doc.text:  # only ever given to worker processes
            os.kill(os.getpid(), signal.SIGKILL)
        time.sleep(self.delay)
        doc._.quotes = [Quote(quote=Part(spans=((m.start(), m.end()),)), type="direct") for m in QUOTATION.finditer(doc.text)]
        return doc


@Language.factory("fake_quotes", default_config={"delay": 0.0})
def make_fake_quotes(nlp: Language, name: str, delay: float) -> FakeQuotes:
    return FakeQuotes(delay)


def save(folder: Path, *, delay: float = 0.0) -> Path:
    """Write the fake pipeline to ``folder`` and return it (for ``--model``)."""
    import quotex.component  # noqa: F401  (the doc._.quotes extension)

    nlp = spacy.blank("de")
    nlp.add_pipe("fake_quotes", name="quotex", config={"delay": delay})
    nlp.to_disk(folder)
    return folder


if __name__ == "__main__":
    from quotex.cli import app

    sys.argv[0] = "quotex"
    app()
