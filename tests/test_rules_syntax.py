"""Sentences and label schemes as the rules see them."""

from __future__ import annotations

import spacy

from quotex.rules.syntax import MAX_SENTENCE_TOKENS, TIGER, UD, scheme_of, sentence_spans

from hand_docs import from_rows

NLP = spacy.blank("de")


def texts(text: str) -> list[str]:
    return [s.text for s in sentence_spans(NLP(text))]


def test_sentences_end_at_punctuation_quotes_and_line_breaks() -> None:
    assert texts("Dr. Meier kam am 5. Mai. „Gut.“ Er ging.\nTitel ohne Punkt\nNoch einer") == [
        "Dr. Meier kam am 5. Mai.", "„Gut.“", "Er ging.", "Titel ohne Punkt", "Noch einer",
    ]


def test_no_sentence_runs_on_without_bound() -> None:
    doc = NLP("wort " * 3000)
    spans = sentence_spans(doc)
    assert max(len(s) for s in spans) <= MAX_SENTENCE_TOKENS
    assert sum(len(s) for s in spans) == len(doc)


def test_label_scheme_is_detected() -> None:
    ud = from_rows([("Er", "PRON", "nsubj", 1), ("kam", "VERB", "ROOT", 1)])
    tiger = from_rows([("Er", "PRON", "sb", 1), ("kam", "VERB", "ROOT", 1)])
    bare = from_rows([("Er", "PRON", "", 0), ("kam", "VERB", "", 0)], parsed=False)
    assert scheme_of(ud) is UD and scheme_of(tiger) is TIGER and scheme_of(bare) is None


def test_a_year_the_tokenizer_kept_with_its_period_ends_the_sentence() -> None:
    assert texts("Er verglich es mit der Lage vor 1933. Dabei griff sie ihn an. Am 3. Oktober kam er.") == [
        "Er verglich es mit der Lage vor 1933.", "Dabei griff sie ihn an.", "Am 3. Oktober kam er.",
    ]


def test_a_clause_before_a_quotation_starts_after_a_year_ending_the_sentence() -> None:
    from quotex.rules.direct import clause_start
    from quotex.rules.document import Analysis

    doc = NLP("Sie verglich es mit 1933. Dabei griff sie ihn an: „Das geht nicht.“")
    colon = next(t.i for t in doc if t.text == ":")
    assert doc[clause_start(Analysis.of_doc(doc), colon):colon].text == "Dabei griff sie ihn an"


def test_a_word_kept_with_its_period_ends_the_sentence_when_a_function_word_follows() -> None:
    # Die Zahl stieg auf 40. Die Polizei kam am 3. Oktober zur X GmbH. Dort sprach Dr. Meier .
    # (tags tell a sentence end from an ordinal or an abbreviation)
    doc = from_rows([
        ("Die", "DET", "det", 1), ("Zahl", "NOUN", "nsubj", 2), ("stieg", "VERB", "ROOT", 2), ("auf", "ADP", "case", 4),
        ("40.", "NUM", "obl", 2), ("Die", "DET", "det", 6), ("Polizei", "NOUN", "nsubj", 7), ("kam", "VERB", "ROOT", 7),
        ("am", "ADP", "case", 10), ("3.", "ADJ", "amod", 10), ("Oktober", "PROPN", "obl", 7), ("zur", "ADP", "case", 13),
        ("X", "PROPN", "compound", 13), ("GmbH.", "PROPN", "obl", 7), ("Dort", "ADV", "advmod", 15),
        ("sprach", "VERB", "ROOT", 15), ("Dr.", "NOUN", "nsubj", 15), ("Meier", "PROPN", "flat", 16), (".", "PUNCT", "punct", 15),
    ])
    assert [s.text for s in sentence_spans(doc)] == [
        "Die Zahl stieg auf 40.", "Die Polizei kam am 3. Oktober zur X GmbH.", "Dort sprach Dr. Meier.",
    ]


def test_a_clause_before_a_quotation_starts_after_a_word_kept_with_its_period() -> None:
    from quotex.rules.direct import clause_start
    from quotex.rules.document import Analysis

    # Er kam zur X GmbH. Dort sagte er : „ Gut “
    doc = from_rows([
        ("Er", "PRON", "nsubj", 1), ("kam", "VERB", "ROOT", 1), ("zur", "ADP", "case", 4), ("X", "PROPN", "compound", 4),
        ("GmbH.", "PROPN", "obl", 1), ("Dort", "ADV", "advmod", 6), ("sagte", "VERB", "ROOT", 6), ("er", "PRON", "nsubj", 6),
        (":", "PUNCT", "punct", 6), ("„", "PUNCT", "punct", 10), ("Gut", "ADJ", "ccomp", 6), ("“", "PUNCT", "punct", 10),
    ])
    assert doc[clause_start(Analysis.of_doc(doc), 8):8].text == "Dort sagte er"


def test_of_two_subjects_the_parser_gave_a_verb_the_one_inside_its_clause_is_its_own() -> None:
    from quotex.rules.syntax import subject_of

    # Die Speicherung , wie Berg ausdrückte , … (both nouns hung on "ausdrückte" as subjects)
    for subject in ("nsubj", "sb"):
        doc = from_rows([("Die", "DET", "det", 1), ("Speicherung", "NOUN", subject, 5), (",", "PUNCT", "punct", 5),
                         ("wie", "SCONJ", "mark" if subject == "nsubj" else "cm", 5), ("Berg", "PROPN", subject, 5),
                         ("ausdrückte", "VERB", "ROOT", 5), (",", "PUNCT", "punct", 5)])
        assert subject_of(doc[5], scheme_of(doc)).text == "Speicherung"
        assert subject_of(doc[5], scheme_of(doc), 3, 6).text == "Berg"
        assert subject_of(doc[5], scheme_of(doc), 4, 4) is None
