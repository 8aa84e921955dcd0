"""The per-document core that every run goes through, whatever runs it.

``quotex extract`` (in-process, worker pool or Dask), :func:`quotex.extract`
and ``quotex evaluate`` all turn documents into records here, so that they
agree on what is parsed: the region without boilerplate and blank space at
either end, cut into pieces of at most :data:`MAX_CHUNK_CHARS`, run through
``nlp.pipe`` in bounded batches, quotes inside boilerplate dropped.

This module imports nothing above it (only the ``Document`` and record types
and the boilerplate spans; no executors, no API, no command line), so a
worker process or a Dask worker can import it cheaply.
Every offset points into the text exactly as it was decoded.
"""

from __future__ import annotations

import re
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Union

from spacy.language import Language
from spacy.tokens import Doc

from quotex.boilerplate import overlaps
from quotex.inputs import Document
from quotex.records import Quote, Record

#: Longest text given to the pipeline as one Doc. Memory grows with the Doc
#: (a 100,000-character line without a sentence end takes about 0.5 GB in the
#: embedded pipeline); news articles are far below this, so they stay whole.
MAX_CHUNK_CHARS = 50_000
#: Most characters parsed in one ``nlp.pipe`` batch, for the same reason.
MAX_BATCH_CHARS = 100_000

#: Where a long text may be cut, best first: a paragraph break, a line break,
#: a sentence end, any whitespace. Cutting at the first kind found in the back
#: half of the window keeps paragraphs (and so most quotes) whole.
_CUTS = (
    re.compile(r"\n[ \t]*\r?\n|\r[ \t]*\r"),
    re.compile(r"\r\n|\n|\r"),
    re.compile(r"[.!?…][\"'»«“”„‘’)]*\s"),
    re.compile(r"\s"),
)

#: What travels with a piece through ``nlp.pipe``: (document number, offset of the piece).
Context = tuple[int, int]
#: Turns pieces of text into parsed Docs with every component run, in order.
Parser = Callable[[Iterator[tuple[str, Context]]], Iterator[tuple[Doc, Context]]]
#: Per document: its records, or why annotating it failed.
Outcome = Union[list[Record], str]


class PipelineError(RuntimeError):
    """The spaCy pipeline could not be loaded: nothing can be annotated."""


def load(model: str | None) -> Language:
    """The pipeline ``model`` names, or :class:`PipelineError` saying why it cannot be loaded."""
    from quotex.pipeline import load_pipeline

    try:
        return load_pipeline(model)
    except Exception as err:  # noqa: BLE001 - any load failure means no annotation at all
        raise PipelineError(str(err)) from err


def chunks(text: str, start: int = 0, end: int | None = None, limit: int = MAX_CHUNK_CHARS) -> list[tuple[int, int]]:
    """``[start, end)`` pieces of ``text[start:end]``, each at most ``limit`` long, cut at natural breaks.

    The pieces are consecutive and cover the range exactly; a cut falls right
    after the break that was found, so the break stays with the piece before.
    """
    end = len(text) if end is None else end
    pieces: list[tuple[int, int]] = []
    while end - start > limit:
        window_start, window_end = start + limit // 2, start + limit
        cut = window_end
        for pattern in _CUTS:
            last = None
            for last in pattern.finditer(text, window_start, window_end):
                pass
            if last is not None:
                cut = last.end()
                break
        pieces.append((start, cut))
        start = cut
    if start < end:
        pieces.append((start, end))
    return pieces


def region(document: Document) -> tuple[int, int]:
    """The part of the text worth parsing: without boilerplate and blank space at either end.

    A leading " date 2022-01 " would otherwise be parsed as the subject of the
    first sentence; trimming is by offsets, the text stays whole.
    """
    start, end = 0, len(document.text)
    changed = True
    while changed:
        changed = False
        while start < end and document.text[start].isspace():
            start += 1
        while end > start and document.text[end - 1].isspace():
            end -= 1
        for skip_start, skip_end in document.skip:
            if skip_start <= start < skip_end:
                start, changed = skip_end, True
            if skip_start < end <= skip_end:
                end, changed = skip_start, True
    return start, max(start, end)


def records(document: Document, quotes: list[Quote]) -> list[Record]:
    """Records of the quotes not inside boilerplate, in text order."""
    kept = [quote for quote in quotes if not overlaps(quote.quote.spans, document.skip)]
    kept.sort(key=lambda quote: quote.quote.spans[0])
    return [
        Record(
            source=document.source,
            doc_id=document.doc_id,
            title=document.title,
            quote=quote,
            text=document.text,
            meta=document.meta,
        )
        for quote in kept
    ]


def annotate(
    nlp: Language, documents: Iterable[Document], *, parse: Parser | None = None
) -> Iterator[tuple[Document, list[Record]]]:
    """Each document with its records, in order, using ``nlp`` in this process.

    Long texts are cut into pieces of at most :data:`MAX_CHUNK_CHARS`, each
    run as its own Doc, and the quotes moved back to whole-text offsets.
    ``nlp`` must end with the ``quotex`` component (``load_pipeline`` does that).
    An exception from the pipeline propagates: :func:`annotate_batch` is the
    variant where each document fails alone. ``parse`` replaces the plain
    ``nlp.pipe`` (``quotex evaluate`` uses it to cache parses).
    """
    if "quotex" not in nlp.pipe_names:
        raise ValueError("the pipeline has no 'quotex' component; use quotex.load_pipeline() or nlp.add_pipe('quotex')")
    parse = parse or (lambda pieces: _pipe(nlp, pieces))
    # Documents read but not yet finished, oldest first: nlp.pipe reads ahead in batches.
    waiting: deque[Document] = deque()

    def pieces() -> Iterator[tuple[str, Context]]:
        for index, document in enumerate(documents):
            waiting.append(document)
            start, end = region(document)
            for offset, piece_end in chunks(document.text, start, end):
                yield document.text[offset:piece_end], (index, offset)

    found: list[Quote] = []
    done = 0
    for doc, (index, offset) in parse(pieces()):
        # Pieces come back in order, so a piece of a later document finishes the
        # earlier ones (including those with no piece at all).
        while done < index:
            yield waiting[0], records(waiting.popleft(), found)
            found, done = [], done + 1
        found.extend(quote.shifted(offset) for quote in doc._.quotes or [])
    while waiting:
        yield waiting[0], records(waiting.popleft(), found)
        found = []


def _pipe(nlp: Language, pieces: Iterator[tuple[str, Context]]) -> Iterator[tuple[Doc, Context]]:
    """``nlp.pipe`` over batches of at most :data:`MAX_BATCH_CHARS` characters.

    ``nlp.pipe`` batches by count (1000 texts): the 200 pieces of a 20 MB
    article would all be in memory as parsed Docs at once, several GB.
    """
    batch: list[tuple[str, Context]] = []
    size = 0
    for piece in pieces:
        if batch and size + len(piece[0]) > MAX_BATCH_CHARS:
            yield from nlp.pipe(batch, as_tuples=True, batch_size=len(batch))
            batch, size = [], 0
        batch.append(piece)
        size += len(piece[0])
    if batch:
        yield from nlp.pipe(batch, as_tuples=True, batch_size=len(batch))


def annotate_batch(nlp: Language, documents: list[Document]) -> list[Outcome]:
    """Records per document; a document whose annotation raises gets the error message instead.

    ``nlp.pipe`` gives nothing back from the internal batch that raised, so
    after an exception the documents not yet returned are redone one by one:
    at most one extra pass over a batch, only for batches with a bad document.
    """
    outcomes: list[Outcome] = []
    try:
        outcomes.extend(found for _document, found in annotate(nlp, documents))
        return outcomes
    except Exception:  # noqa: BLE001 - isolated below, then reported per document
        if len(documents) - len(outcomes) == 1:
            return [*outcomes, _describe_current()]
    for document in documents[len(outcomes) :]:
        try:
            outcomes.extend(found for _document, found in annotate(nlp, [document]))
        except Exception:  # noqa: BLE001
            outcomes.append(_describe_current())
    return outcomes


def _describe_current() -> str:
    error = sys.exc_info()[1]
    return f"{type(error).__name__}: {error}"
