"""Direct quotes: marks, attribution before/after/around, scare quotes, odd input."""

from __future__ import annotations

import pytest
import spacy

from quotex.rules import Lexicons, Settings, _with_frame, attribute
from quotex.rules.direct import name_like
from quotex.rules.document import Analysis, Found

from hand_docs import from_rows, text_of

# "„Wir kommen“, sagte die Sprecherin des Weißen Hauses, Jen Psaki."
PSAKI = [
    # text, POS, UD label, UD head, TIGER label, TIGER head
    ("„", "PUNCT", "punct", 2, "punct", 2),
    ("Wir", "PRON", "nsubj", 2, "sb", 2),
    ("kommen", "VERB", "ccomp", 5, "oc", 5),
    ("“", "PUNCT", "punct", 2, "punct", 2),
    (",", "PUNCT", "punct", 5, "punct", 5),
    ("sagte", "VERB", "ROOT", 5, "ROOT", 5),
    ("die", "DET", "det", 7, "nk", 7),
    ("Sprecherin", "NOUN", "nsubj", 5, "sb", 5),
    ("des", "DET", "det", 10, "nk", 10),
    ("Weißen", "ADJ", "amod", 10, "nk", 10),
    ("Hauses", "NOUN", "nmod", 7, "ag", 7),
    (",", "PUNCT", "punct", 12, "punct", 13),
    ("Jen", "PROPN", "appos", 7, "pnc", 13),
    ("Psaki", "PROPN", "flat:name", 12, "app", 7),
    (".", "PUNCT", "punct", 5, "punct", 5),
]


@pytest.mark.parametrize("scheme", ["ud", "tiger", "none"])
def test_inverted_order_with_apposition(scheme: str) -> None:
    if scheme == "ud":
        doc = from_rows([(r[0], r[1], r[2], r[3]) for r in PSAKI])
    elif scheme == "tiger":
        doc = from_rows([(r[0], r[1], r[4], r[5]) for r in PSAKI])
    else:
        doc = from_rows([(r[0], r[1], "", 0) for r in PSAKI], parsed=False)
    (q,) = attribute(doc)
    assert q.type == "direct"
    assert text_of(doc, q.quote) == "„Wir kommen“"
    assert text_of(doc, q.speaker) == "die Sprecherin des Weißen Hauses, Jen Psaki"
    assert text_of(doc, q.cue) == "sagte" and q.cue.lemma == "sagen"


@pytest.fixture(scope="module")
def blank():
    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("quotex")
    return nlp


def quotes(nlp, text: str) -> list[tuple[str, str | None, str | None]]:
    doc = nlp(text)
    return [(q.quote.text(text), text_of(doc, q.speaker), text_of(doc, q.cue)) for q in doc._.quotes]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("„Das ist gut so“, sagte Merkel.", [("„Das ist gut so“", "Merkel", "sagte")]),
        ("»Das ist gut so«, so Merkel.", [("»Das ist gut so«", "Merkel", "so")]),
        ("Merkel sagte: “Das ist gut so.”", [("“Das ist gut so.”", "Merkel", "sagte")]),
        ('Merkel: "Das ist gut so."', [('"Das ist gut so."', "Merkel", None)]),
        ("«Das ist gut so», fügte Merkel hinzu.", [("«Das ist gut so»", "Merkel", "fügte hinzu")]),
    ],
)
def test_mark_styles_and_positions_without_a_tagger(blank, text, expected) -> None:
    assert quotes(blank, text) == expected


def test_interrupted_quote_is_one_quote_of_two_parts(blank) -> None:
    text = "„Wir kommen“, sagte Merkel, „aber erst morgen.“"
    doc = blank(text)
    (q,) = doc._.quotes
    assert [text[s:e] for s, e in q.quote.spans] == ["„Wir kommen“", "„aber erst morgen.“"]
    assert text_of(doc, q.speaker) == "Merkel"


def test_quote_over_several_paragraphs_keeps_its_speaker(blank) -> None:
    text = "Merkel sagte: „Wir kommen morgen nach Berlin.\n\n„Und dann reden wir über alles, was noch offen ist.“"
    doc = blank(text)
    assert [text_of(doc, q.speaker) for q in doc._.quotes] == ["Merkel", "Merkel"]


def test_scare_quotes_and_titles_are_no_quotes(blank) -> None:
    assert quotes(blank, "Die Mondfähre „Eagle“ landete im Meer der Ruhe.") == []
    assert quotes(blank, "Er las die „Süddeutsche Zeitung“ und den Roman „Der Prozess“.") == []


def test_short_quote_attributed_by_a_cue_is_reported(blank) -> None:
    assert quotes(blank, "Sie nannte das Urteil „unverständlich“.") == [("„unverständlich“", "Sie", "nannte")]


def test_unbalanced_marks_never_run_on(blank) -> None:
    text = "Er sagte: „Wir kommen morgen und bleiben lange.\nDer Bericht geht weiter. Nichts davon ist ein Zitat."
    found = quotes(blank, text)
    assert found == [("„Wir kommen morgen und bleiben lange.", "Er", "sagte")]


@pytest.mark.parametrize("text", ["", " ", "„", "“„“„", "\n\n\n", "a" * 5000, "„" + "Wort " * 3000, ". , : „ “ »"])
def test_odd_input_never_fails(blank, text: str) -> None:
    doc = blank(text)
    for q in doc._.quotes:
        for s, e in q.quote.spans:
            assert 0 <= s < e <= len(text)


def test_no_sentence_boundaries_at_all() -> None:
    nlp = spacy.blank("de")
    nlp.add_pipe("quotex")
    text = "„Wir kommen“, sagte Merkel. Dann ging sie."
    doc = nlp(text)
    assert [(q.quote.text(text), text_of(doc, q.speaker)) for q in doc._.quotes] == [("„Wir kommen“", "Merkel")]


def tagged(words: str, pos: str):
    return from_rows([(w, p, "", 0) for w, p in zip(words.split(), pos.split())], parsed=False)


@pytest.mark.parametrize(
    "words,participle,speaker",
    [
        # a verb of quoting reports its subject's words; "von der Zeitung" is only the medium
        ("Der Minister wird von der Zeitung mit den Worten zitiert", "zitiert", "Der Minister"),
        # any other passive cue: the agent speaks
        ("Der Minister wurde von der Sprecherin bestätigt", "bestätigt", "der Sprecherin"),
    ],
)
def test_passive_cues(words: str, participle: str, speaker: str) -> None:
    words = (words + " : „ Wir kommen bald wieder . “").split()
    tags = {"Der": "DET", "der": "DET", "den": "DET", "Minister": "NOUN", "Zeitung": "NOUN", "Worten": "NOUN",
            "Sprecherin": "NOUN", "wird": "AUX", "wurde": "AUX", "von": "ADP", "mit": "ADP", "Wir": "PRON",
            "kommen": "VERB", "bald": "ADV", "wieder": "ADV", participle: "VERB"}
    doc = from_rows([(w, tags.get(w, "PUNCT"), "", 0, "VerbForm=Part" if w == participle else "") for w in words],
                    parsed=False)
    (q,) = attribute(doc)
    assert text_of(doc, q.speaker) == speaker


def test_clause_before_a_colon_introduces_its_subject() -> None:
    doc = tagged("Die Ministerin sieht das anders : „ Wir bleiben hier . “",
                 "DET NOUN VERB PRON ADV PUNCT PUNCT PRON VERB ADV PUNCT PUNCT")
    (q,) = attribute(doc)
    assert text_of(doc, q.speaker) == "Die Ministerin"
    assert q.cue is None


def test_quoted_words_inside_reported_speech_are_the_speakers() -> None:
    doc = tagged("Merkel sagte , die Lage sei „ sehr ernst “ .",
                 "PROPN VERB PUNCT DET NOUN AUX PUNCT ADV ADJ PUNCT PUNCT")
    found = {q.type: q for q in attribute(doc)}
    assert set(found) == {"indirect", "direct"}
    assert text_of(doc, found["direct"].quote) == "„sehr ernst“"
    assert text_of(doc, found["direct"].speaker) == "Merkel"


def test_the_frame_leaves_out_every_quote_and_the_full_stop() -> None:
    doc = tagged("Merkel sagte , die Lage sei „ sehr ernst “ . Dann ging sie .",
                 "PROPN VERB PUNCT DET NOUN AUX PUNCT ADV ADJ PUNCT PUNCT ADV VERB PRON PUNCT")
    found = {q.type: q for q in attribute(doc)}
    # the quoted words' frame is the attributing clause, without the reported speech around them
    assert text_of(doc, found["direct"].frame) == text_of(doc, found["indirect"].frame) == "Merkel sagte,"
    doc = tagged("„ Wir kommen wieder “ , sagte Merkel .", "PUNCT PRON VERB ADV PUNCT PUNCT VERB PROPN PUNCT")
    (q,) = attribute(doc)
    assert text_of(doc, q.frame) == ", sagte Merkel"


def test_name_after_an_article_is_no_quote() -> None:
    doc = tagged("Das berichtete die „ Netzeitung “ am Montag .", "PRON VERB DET PUNCT PROPN PUNCT ADP NOUN PUNCT")
    assert [q.type for q in attribute(doc) if q.type == "direct"] == []


def test_a_name_is_no_quote_even_next_to_a_cue_that_names_no_speaker() -> None:
    # the newspaper is the source, not a quotation: "„Süddeutsche Zeitung“ hatte berichtet"
    doc = tagged("Darüber hatte die „ Süddeutsche Zeitung “ berichtet .",
                 "ADV AUX DET PUNCT PROPN PROPN PUNCT VERB PUNCT")
    assert [q.type for q in attribute(doc) if q.type == "direct"] == []


def test_a_word_a_naming_verb_takes_as_its_predicate_is_a_quote() -> None:
    doc = tagged("Der Minister nannte den Plan einen „ Wortbruch “ .", "DET NOUN VERB DET NOUN DET PUNCT NOUN PUNCT PUNCT")
    (q,) = [q for q in attribute(doc) if q.type == "direct"]
    assert (text_of(doc, q.quote), text_of(doc, q.speaker)) == ("„Wortbruch“", "Der Minister")
    # a name the clause only mentions stays a name
    doc = tagged("Er nannte das im Gespräch mit dem „ Kurier “ falsch .",
                 "PRON VERB PRON ADP NOUN ADP DET PUNCT PROPN PUNCT ADJ PUNCT")
    assert [q.type for q in attribute(doc) if q.type == "direct"] == []


def test_a_long_title_is_no_quote() -> None:
    doc = tagged("Das Buch „ Todeszone im Atlantik – Das Bermuda-Dreieck “ erschien 2005 .",
                 "DET NOUN PUNCT PROPN ADP PROPN PUNCT DET PROPN PUNCT VERB NUM PUNCT")
    assert attribute(doc) == []


def test_a_quoted_sentence_is_no_name() -> None:
    for words, tags, name in (("Der Sender berichtete : „ WOW . “", "DET NOUN VERB PUNCT PUNCT PROPN PUNCT PUNCT", False),
                              ("Der Sender berichtete : „ WOW “", "DET NOUN VERB PUNCT PUNCT PROPN PUNCT", True)):
        an = Analysis.of(tagged(words, tags), Lexicons.from_package(), Settings())
        assert name_like(an, an.marked[0]) is name


def test_quoted_words_in_a_sentence_that_continues_reported_speech_are_the_speakers() -> None:
    doc = from_rows([(w, p, "", 0, "Mood=Sub" if w == "sei" else "") for w, p in zip(
        "Merkel sagte , dass sie gehe . Auch sei die „ veränderte Statik “ schuld .".split(),
        "PROPN VERB PUNCT SCONJ PRON VERB PUNCT ADV AUX DET PUNCT ADJ NOUN PUNCT ADJ PUNCT".split())],
        parsed=False, sentences=[0, 7])
    found = {q.type: q for q in attribute(doc)}
    assert set(found) == {"indirect", "indirect_free_indirect", "direct"}
    assert text_of(doc, found["direct"].quote) == "„veränderte Statik“"
    assert text_of(doc, found["direct"].speaker) == "Merkel"


def test_the_attributing_clause_runs_on_over_a_wrapped_line_but_not_over_a_paragraph() -> None:
    from quotex.rules.direct import clause_end

    for text, end in (("„Wir kommen“ , sagte\nder Minister .", "."), ("„Wir kommen“ , sagte\n\nder Minister .", "\n\n")):
        doc = spacy.blank("de")(text)
        an = Analysis.of(doc, Lexicons.from_package(), Settings())
        comma = next(t.i for t in doc if t.text == ",")
        assert doc[clause_end(an, comma + 1)].text == end


def test_the_frame_leaves_out_a_long_quote_reaching_in_past_a_shorter_one() -> None:
    # sentences "A b c d e f." and "G h i, so Bader.": another quote runs from "b" into the second
    # sentence, and a third ("c d") ends inside the first; the frame of "i" holds neither
    words = "A b c d e f . G h i , so Bader .".split()
    doc = from_rows([(w, "PUNCT" if w in ".," else "X", "", 0) for w in words], parsed=False, sentences=[0, 7])
    an = Analysis.of_doc(doc)
    found = Found(((9, 10),), "indirect", 9, 10, cue=(words.index("so"),), lemma="so")
    framed = _with_frame(an, found, bytearray(1 if 1 <= i < 10 else 0 for i in range(len(doc))))
    assert [doc[i].text for a, b in framed.frame for i in range(a, b)] == [",", "so", "Bader"]


def test_a_name_right_before_a_cue_verb_is_no_quote() -> None:
    doc = tagged("Gegenüber der Agentur „ Neue Presse “ sagte der Minister , er bleibe .",
                 "ADP DET NOUN PUNCT PROPN PROPN PUNCT VERB DET NOUN PUNCT PRON VERB PUNCT")
    assert [q.type for q in attribute(doc) if q.type == "direct"] == []
    # set off by a comma, a quotation is the cue's
    doc = tagged("„ Neue Presse “ , sagte der Minister .", "PUNCT PROPN PROPN PUNCT PUNCT VERB DET NOUN PUNCT")
    assert [q.type for q in attribute(doc)] == ["direct"]


def test_a_cue_in_brackets_attributes_no_quotation_outside_them() -> None:
    doc = tagged("Der Träger des Preises für „ geistige Freiheit “ sitzt in Haft ( Wikinews berichtete ) .",
                 "DET NOUN DET NOUN ADP PUNCT ADJ NOUN PUNCT VERB ADP NOUN PUNCT PROPN VERB PUNCT PUNCT")
    assert [q for q in attribute(doc) if q.type == "direct"] == []
