"""The Python API that ``quotex extract`` is a thin layer over.

``extract`` goes from paths to records; ``annotate`` goes from already read
documents to records with a loaded pipeline, and is what every worker
process runs. Both keep every offset pointing into the text exactly as it
was decoded.
"""

from __future__ import annotations

import re
import warnings
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence

from spacy.language import Language
from spacy.tokens import Doc

from quotex.boilerplate import overlaps
from quotex.inputs import Document, Input, Problem, iter_inputs
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
_Context = tuple[int, int]


class InputWarning(UserWarning):
    """A problem with one input, for API callers that did not pass ``on_problem``."""


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


def _region(document: Document) -> tuple[int, int]:
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


def _records(document: Document, quotes: list[Quote]) -> list[Record]:
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


def annotate(nlp: Language, documents: Iterable[Document]) -> Iterator[tuple[Document, list[Record]]]:
    """Each document with its records, in order, using ``nlp`` in this process.

    Long texts are cut into pieces of at most :data:`MAX_CHUNK_CHARS`, each
    run as its own Doc, and the quotes moved back to whole-text offsets.
    ``nlp`` must end with the ``quotex`` component (``load_pipeline`` does that).
    """
    if "quotex" not in nlp.pipe_names:
        raise ValueError("the pipeline has no 'quotex' component; use quotex.load_pipeline() or nlp.add_pipe('quotex')")
    # Documents read but not yet finished, oldest first: nlp.pipe reads ahead in batches.
    waiting: deque[Document] = deque()

    def pieces() -> Iterator[tuple[str, _Context]]:
        for index, document in enumerate(documents):
            waiting.append(document)
            start, end = _region(document)
            for offset, piece_end in chunks(document.text, start, end):
                yield document.text[offset:piece_end], (index, offset)

    found: list[Quote] = []
    done = 0
    for doc, (index, offset) in _pipe(nlp, pieces()):
        # Pieces come back in order, so a piece of a later document finishes the
        # earlier ones (including those with no piece at all).
        while done < index:
            yield waiting[0], _records(waiting.popleft(), found)
            found, done = [], done + 1
        found.extend(quote.shifted(offset) for quote in doc._.quotes or [])
    while waiting:
        yield waiting[0], _records(waiting.popleft(), found)
        found = []


def _pipe(nlp: Language, pieces: Iterator[tuple[str, _Context]]) -> Iterator[tuple[Doc, _Context]]:
    """``nlp.pipe`` over batches of at most :data:`MAX_BATCH_CHARS` characters.

    ``nlp.pipe`` batches by count (1000 texts): the 200 pieces of a 20 MB
    article would all be in memory as parsed Docs at once, several GB.
    """
    batch: list[tuple[str, _Context]] = []
    size = 0
    for piece in pieces:
        if batch and size + len(piece[0]) > MAX_BATCH_CHARS:
            yield from nlp.pipe(batch, as_tuples=True, batch_size=len(batch))
            batch, size = [], 0
        batch.append(piece)
        size += len(piece[0])
    if batch:
        yield from nlp.pipe(batch, as_tuples=True, batch_size=len(batch))


def extract(
    paths: Sequence[str] | str,
    *,
    model: str | Language | None = None,
    jobs: int = 1,
    text_field: str = "text",
    on_problem: Callable[[Problem], None] | None = None,
) -> Iterator[Record]:
    """Records of every quote in the inputs named by ``paths``, in input order.

    ``paths`` are files, folders (read recursively: ``.txt``, ``.json``,
    ``.jsonl``) or ``"-"`` for standard input, as for ``quotex extract``.
    ``model`` is a pipeline name or path (``None``: ``de_core_news_lg`` if
    installed, else the embedded one) or an already loaded pipeline (then
    ``jobs`` must be 1). Bad inputs do not stop the run: each problem goes to
    ``on_problem`` (default: an :class:`InputWarning`) and the rest is read.
    """
    report = on_problem or (lambda problem: warnings.warn(str(problem), InputWarning, stacklevel=3))
    inputs = iter_inputs([paths] if isinstance(paths, str) else list(paths), text_field=text_field)
    if isinstance(model, Language):
        if jobs != 1:
            raise ValueError("a loaded pipeline runs in this process only; pass a model name to use jobs > 1")
        yield from _extract_in_process(model, inputs, report)
        return
    from quotex.parallel import map_ordered

    for item, result in map_ordered(_reported(inputs, report), model=model, jobs=jobs):
        if isinstance(result, Problem):
            report(result)
        else:
            yield from result


def _reported(inputs: Iterable[Input], report: Callable[[Problem], None]) -> Iterator[Input]:
    """The inputs, after sending each one's reading problems to ``report``."""
    for item in inputs:
        for problem in item.problems:
            report(problem)
        yield item


def _extract_in_process(nlp: Language, inputs: Iterable[Input], report: Callable[[Problem], None]) -> Iterator[Record]:
    documents = (document for item in _reported(inputs, report) for document in item.documents)
    for _, records in annotate(nlp, documents):
        yield from records
