"""Which characters open and close quotations, in every German convention."""

from __future__ import annotations

import pytest

from quotex.rules.quotation_marks import find_quotes


def outer(text: str) -> list[str]:
    return [text[q.start:q.end] for q in find_quotes(text) if q.depth == 0]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("„Wir kommen“, sagte er.", ["„Wir kommen“"]),
        ("“Wir kommen”, sagte er.", ["“Wir kommen”"]),
        ("Er sagte: »Wir kommen.«", ["»Wir kommen.«"]),
        ("Er sagte: «Wir kommen.»", ["«Wir kommen.»"]),
        ('Er sagte: "Wir kommen."', ['"Wir kommen."']),
        ("Er sagte: ‚Wir kommen.‘", ["‚Wir kommen.‘"]),
        ("Er sagte: ‹Wir kommen.›", ["‹Wir kommen.›"]),
        ("Er sagte: ''Wir kommen.''", ["''Wir kommen.''"]),
        ("Er sagte: ”Wir kommen.”", ["”Wir kommen.”"]),
    ],
)
def test_every_mark_style_pairs(text: str, expected: list[str]) -> None:
    assert outer(text) == expected


def test_nested_quote_is_found_inside_the_outer_one() -> None:
    text = "Sie sagte: „Er nannte das ‚Unsinn‘, ich nicht.“"
    quotes = find_quotes(text)
    assert [(text[q.start:q.end], q.depth) for q in quotes] == [
        ("„Er nannte das ‚Unsinn‘, ich nicht.“", 0),
        ("‚Unsinn‘", 1),
    ]


def test_apostrophes_are_no_quotation_marks() -> None:
    assert outer("Wie geht's? Das ist Hans' Auto, sagt O'Neill.") == []


def test_an_unclosed_apostrophe_mark_opens_no_quotation() -> None:
    # "‘" before a transliterated name (Arabic ʿayn) is never closed: no quotation runs to the paragraph end
    assert outer("Der Zug hielt in ‘Ubar und fuhr weiter. Laut Zeugen gab es Streit. Er sagte: ‚Nie wieder‘.") == [
        "‚Nie wieder‘"]


def test_missing_closing_mark_ends_at_the_paragraph() -> None:
    text = "Er sagte: „Wir kommen morgen.\nDer nächste Absatz ist Bericht.\n„Neu“, sagte sie."
    assert outer(text) == ["„Wir kommen morgen.", "„Neu“"]
    assert [q.closed for q in find_quotes(text)] == [False, True]


def test_quote_over_paragraphs_reopens_each_paragraph() -> None:
    text = "„Erster Teil.\n\n„Zweiter Teil“, sagte er."
    assert outer(text) == ["„Erster Teil.", "„Zweiter Teil“"]


def test_unclosed_quote_in_a_text_without_line_breaks_is_bounded() -> None:
    text = "Er sagte: „" + "Wort und Satz. " * 2000
    quotes = find_quotes(text, max_chars=300)
    assert len(quotes) == 1
    assert quotes[0].end - quotes[0].start <= 300
    assert text[quotes[0].end - 1] == "."


@pytest.mark.parametrize("text", ["", "„", "“”„‚", "'''", "»«»«", "„a\n\n\n“"])
def test_odd_input_never_fails(text: str) -> None:
    for q in find_quotes(text):
        assert 0 <= q.start < q.end <= len(text)
