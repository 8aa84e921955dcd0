"""Quotes as plain spaCy spans: ``doc.spans["quotex"]`` for displaCy and DocBin, and spaCy's error handler."""

from __future__ import annotations

import pytest
import spacy
from spacy import displacy
from spacy.tokens import DocBin

import quotex.component
from quotex.component import SPANS_KEY
from test_component import pipeline

TEXT = "„Wir kommen morgen ganz bestimmt“, sagte Merkel. Es regnete."


@pytest.fixture(scope="module")
def nlp():
    return pipeline()  # blank German, sentencizer, quotex


def labelled(doc) -> list[tuple[str, str]]:
    return [(span.label_, span.text) for span in doc.spans[SPANS_KEY]]


def test_quote_speaker_and_cue_are_spans_labelled_by_role_and_type(nlp) -> None:
    doc = nlp(TEXT)
    assert labelled(doc) == [
        ("quote:direct", "„Wir kommen morgen ganz bestimmt“"),
        ("speaker:direct", "Merkel"),
        ("cue:direct", "sagte"),
    ]
    assert [q.quote.text(doc.text) for q in doc._.quotes] == ["„Wir kommen morgen ganz bestimmt“"]


def test_an_interrupted_quote_gives_a_span_per_piece(nlp) -> None:
    doc = nlp("„Wir kommen“, sagte Merkel, „und zwar morgen.“")
    quotes = [text for label, text in labelled(doc) if label.startswith("quote:")]
    assert quotes == ["„Wir kommen“", "„und zwar morgen.“"], labelled(doc)


def test_displacy_draws_the_spans_without_custom_code(nlp) -> None:
    html = displacy.render(nlp(TEXT), style="span", options={"spans_key": SPANS_KEY})
    assert "quote:direct" in html and "speaker:direct" in html and "Merkel" in html


def test_docbin_keeps_the_spans(nlp) -> None:
    docs = DocBin()
    docs.add(nlp(TEXT))
    (loaded,) = DocBin().from_bytes(docs.to_bytes()).get_docs(nlp.vocab)
    assert labelled(loaded) == labelled(nlp(TEXT))


def test_declares_what_it_assigns_and_requires(nlp) -> None:
    meta = nlp.get_pipe_meta("quotex")
    assert {"doc._.quotes", "doc.spans"} <= set(meta.assigns)
    assert "doc.sents" in meta.requires


def test_a_failing_doc_goes_through_spacys_error_handler(nlp, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args, **kwargs):
        raise RuntimeError("rules broke")

    monkeypatch.setattr(quotex.component, "attribute", broken)
    with pytest.raises(RuntimeError, match="rules broke"):
        nlp(TEXT)
    seen = []
    nlp.set_error_handler(lambda name, component, docs, err: seen.append((name, docs[0].text, str(err))))
    try:
        doc = nlp(TEXT)
        piped = list(nlp.pipe([TEXT, "Noch ein Text."]))
    finally:
        nlp.set_error_handler(spacy.util.raise_error)
    assert doc.text == TEXT and doc._.quotes is None  # the Doc goes on, without results
    assert [d.text for d in piped] == [TEXT, "Noch ein Text."]
    assert seen[0] == ("quotex", TEXT, "rules broke") and len(seen) == 3
