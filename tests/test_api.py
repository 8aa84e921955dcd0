"""The Python API: ``quotex.extract``, ``core.annotate`` (chunking, boilerplate) and the spaCy component.

Chunking and offset shifting are tested with a stand-in attributor that
reports every „…“ quotation (so the expected offsets can be computed from
the text with ``str.index``); the real attributor is used where speed allows.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

import quotex
from conftest import FIXTURES
from quotex.core import MAX_CHUNK_CHARS, annotate, chunks
from quotex.inputs import parse_bytes
from quotex.records import Part, Quote
from schema import validate

QUOTATION = re.compile(r"„[^“]*“")


@Language.component("test_quotation_marks")
def quotation_marks(doc: Doc) -> Doc:
    """Stand-in attributor: every „…“ is a direct quote (offsets relative to the Doc).

    Works on token arrays rather than ``doc.text``, which would cost more than
    the whole tokenizer on a 20 MB text.
    """
    orth, idx = doc.to_array(["ORTH", "IDX"]).T
    opening = idx[orth == doc.vocab.strings["„"]].tolist()
    closing = idx[orth == doc.vocab.strings["“"]].tolist()
    quotes = [Quote(quote=Part(((start, end + 1),)), type="direct") for start, end in zip(opening, closing)]
    doc._.quotes = quotes
    return doc


@pytest.fixture(scope="module")
def marks_nlp() -> Language:
    nlp = spacy.blank("de")
    nlp.add_pipe("test_quotation_marks", name="quotex")
    return nlp


def document(text: str, source: str = "a.txt"):
    (doc,) = parse_bytes(text.encode("utf-8"), source=source, kind="text", key=source).documents
    return doc


def test_chunks_cover_the_text_and_prefer_paragraph_breaks() -> None:
    paragraph = "Ein Satz mit Wörtern. " * 300 + "\n\n"
    text = paragraph * 100
    pieces = chunks(text)
    assert pieces[0][0] == 0 and pieces[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(pieces, pieces[1:]))
    assert all(end - start <= MAX_CHUNK_CHARS for start, end in pieces)
    assert all(text[start - 2:start] == "\n\n" for start, _ in pieces[1:])


def test_chunks_without_any_break_are_cut_hard() -> None:
    text = "x" * (2 * MAX_CHUNK_CHARS + 5)
    assert chunks(text) == [(0, MAX_CHUNK_CHARS), (MAX_CHUNK_CHARS, 2 * MAX_CHUNK_CHARS), (2 * MAX_CHUNK_CHARS, len(text))]


def test_long_text_quotes_keep_whole_text_offsets(marks_nlp: Language) -> None:
    filler = "Der Rat tagte lange und beriet über viele Anträge. " * 40 + "\n\n"
    text = "Titel\n\n" + (filler + "Sie sagte: „Wir sind bereit.“\n\n") * 200
    assert len(text) > 4 * MAX_CHUNK_CHARS
    ((doc, records),) = annotate(marks_nlp, [document(text)])
    expected = [m.span() for m in QUOTATION.finditer(text)]
    assert [record.quote.quote.spans[0] for record in records] == expected
    for record in records:
        validate(record.to_dict(), text)


def test_quotes_in_boilerplate_are_dropped_and_leading_boilerplate_is_not_parsed(marks_nlp: Language) -> None:
    text = (
        "date 2023-05-02 „Erster Satz“ des Artikels.\n\n"
        "Jetzt 4 Wochen gratis testen: „Alles lesen“ – Ich bin bereits Abonnent\n\n"
        "Er sagte: „Das bleibt.“\n"
    )
    ((doc, records),) = annotate(marks_nlp, [document(text)])
    assert [record.to_dict()["quote"]["text"] for record in records] == ["„Erster Satz“", "„Das bleibt.“"]
    assert doc.title == "„Erster Satz“ des Artikels."


def test_documents_come_back_in_order_including_empty_ones(marks_nlp: Language) -> None:
    docs = [document("Er sagte: „Eins.“", "1.txt"), document("source site", "2.txt"), document("„Drei.“", "3.txt")]
    results = list(annotate(marks_nlp, docs))
    assert [doc.source for doc, _ in results] == ["1.txt", "2.txt", "3.txt"]
    assert [len(records) for _, records in results] == [1, 0, 1]


def test_twenty_megabyte_article_is_annotated_in_chunks(marks_nlp: Language) -> None:
    paragraph = "Die Stadt will eine neue Brücke bauen. „Wir haben lange gewartet“, sagte sie am Montag.\n\n"
    text = paragraph * (20_000_000 // len(paragraph.encode()) + 1)
    assert len(text.encode()) > 20_000_000
    started = time.monotonic()
    ((_, records),) = annotate(marks_nlp, [document(text)])
    assert len(records) == text.count("„")
    last = records[-1].quote.quote.spans[0]
    assert text[last[0]:last[1]] == "„Wir haben lange gewartet“" and last[1] == text.rindex("“") + 1
    assert time.monotonic() - started < 120


def test_one_megabyte_line_without_punctuation_runs_through_the_attributor() -> None:
    nlp = spacy.blank("de")
    nlp.add_pipe("quotex")
    line = " ".join(["der", "Rat", "und", "die", "Stadt", "planen", "eine", "Brücke"] * 25_000)
    started = time.monotonic()
    ((doc, records),) = annotate(nlp, [document(line)])
    assert doc.text == line and records == []
    assert time.monotonic() - started < 60


def test_a_long_line_without_punctuation_goes_through_the_real_pipeline_in_pieces(nlp: Language) -> None:
    line = " ".join(["der", "Rat", "und", "die", "Stadt", "planen", "eine", "Brücke"] * 2_000) + " sagte sie: „Ja.“"
    assert len(chunks(line)) == 2
    ((doc, records),) = annotate(nlp, [document(line)])
    for record in records:
        validate(record.to_dict(), line)
    assert any(record.to_dict()["quote"]["text"] == "„Ja.“" for record in records)


def python(program: str) -> subprocess.CompletedProcess[str]:
    """``program`` run by a fresh interpreter, which must succeed: what a new process imports."""
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result


def test_the_component_is_found_through_its_entry_point_without_importing_quotex() -> None:
    program = (
        "import spacy\n"
        "nlp = spacy.blank('de')\n"
        "nlp.add_pipe('quotex')\n"
        "doc = nlp('Die Ministerin sagte: „Wir handeln jetzt.“')\n"
        "print(type(doc._.quotes).__name__, type(doc._.quotes[0]).__name__ if doc._.quotes else '')\n"
    )
    result = python(program)
    assert result.stdout.split()[0] == "list"


def test_import_quotex_loads_neither_spacy_nor_the_command_line() -> None:
    # A program that only reads records, or quotex --version, should not pay
    # spaCy's import (rich and typer come with it); quotex.extract needs spaCy
    # but not the batch job's modules.
    program = (
        "import sys, quotex\n"
        "print(sorted({'spacy', 'rich', 'typer'} & set(sys.modules)))\n"
        "quotex.extract\n"
        "print(sorted({'quotex.cli', 'quotex.runner', 'quotex.state'} & set(sys.modules)))\n"
    )
    result = python(program)
    assert result.stdout.split("\n")[:2] == ["[]", "[]"]


def test_annotate_refuses_a_pipeline_without_the_component() -> None:
    with pytest.raises(ValueError, match="quotex"):
        list(annotate(spacy.blank("de"), [document("Text")]))


def test_extract_gives_the_records_of_the_command_line(nlp: Language, articles_run) -> None:
    path = FIXTURES / "articles" / "radwege.txt"
    problems = []
    records = list(quotex.extract([str(path), "/no/such.txt"], model=nlp, on_problem=problems.append))
    assert [problem.message for problem in problems] == ["no such file or folder"]
    from_cli = [r for r in articles_run.records if r["source"] == "fixtures/articles/radwege.txt"]
    assert from_cli and [r.to_dict() for r in records] == [{**r, "source": str(path)} for r in from_cli]


def test_extract_by_model_name_warns_about_problems_by_default(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    with pytest.warns(quotex.api.InputWarning, match="empty.txt: empty"):
        assert list(quotex.extract(str(tmp_path), model="embedded")) == []


def test_extract_with_a_loaded_pipeline_isolates_a_failing_document(tmp_path: Path) -> None:
    import fake_pipeline

    nlp = spacy.load(fake_pipeline.save(tmp_path / "fake"))
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, text in [("a.txt", "Sie sagte: „Eins.“"), ("b.txt", "Er sagte: „BOOM.“"), ("c.txt", "Sie sagte: „Drei.“")]:
        (folder / name).write_text(text, encoding="utf-8")
    problems = []
    records = list(quotex.extract(str(folder), model=nlp, on_problem=problems.append))
    assert [Path(r.source).name for r in records] == ["a.txt", "c.txt"]
    assert len(problems) == 1 and problems[0].fatal and problems[0].source.endswith("b.txt")
    assert "the test text asked for a failure" in problems[0].message
