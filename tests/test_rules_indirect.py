"""Indirect, reported and free indirect quotes from hand-built analyses (UD, TIGER, no parse)."""

from __future__ import annotations

import pytest

from quotex.rules import Settings, attribute

from hand_docs import from_rows, text_of

# "Der Minister teilte am Montag mit, die Lage sei ernst."
MINISTER = [
    # text, POS, UD label, UD head, morph, lemma, TIGER label, TIGER head
    ("Der", "DET", "det", 1, "", "der", "nk", 1),
    ("Minister", "NOUN", "nsubj", 2, "", "Minister", "sb", 2),
    ("teilte", "VERB", "ROOT", 2, "", "teilen", "ROOT", 2),
    ("am", "ADP", "case", 4, "", "an", "mo", 2),
    ("Montag", "NOUN", "obl", 2, "", "Montag", "nk", 3),
    ("mit", "ADP", "compound:prt", 2, "", "mit", "svp", 2),
    (",", "PUNCT", "punct", 10, "", ",", "punct", 2),
    ("die", "DET", "det", 8, "", "der", "nk", 8),
    ("Lage", "NOUN", "nsubj", 10, "", "Lage", "sb", 9),
    ("sei", "AUX", "cop", 10, "Mood=Sub", "sein", "oc", 2),
    ("ernst", "ADJ", "ccomp", 2, "", "ernst", "pd", 9),
    (".", "PUNCT", "punct", 2, "", ".", "punct", 2),
]


def doc_in(rows, scheme: str):
    if scheme == "ud":
        return from_rows([(r[0], r[1], r[2], r[3], r[4], r[5]) for r in rows])
    if scheme == "tiger":
        return from_rows([(r[0], r[1], r[6], r[7], r[4], r[5]) for r in rows])
    return from_rows([(r[0], r[1], "", 0, r[4], r[5]) for r in rows], parsed=False)


@pytest.mark.parametrize("scheme", ["ud", "tiger", "none"])
def test_verb_second_konjunktiv_clause_after_particle_verb(scheme: str) -> None:
    doc = doc_in(MINISTER, scheme)
    (quote,) = attribute(doc)
    assert quote.type == "indirect"
    assert text_of(doc, quote.quote) == "die Lage sei ernst"
    assert text_of(doc, quote.speaker) == "Der Minister"
    assert text_of(doc, quote.cue) == "teilte mit"
    assert quote.cue.lemma == "mitteilen"
    assert text_of(doc, quote.frame) == "Der Minister teilte am Montag mit,"


# "Die Lage sei ernst, sagte er."  then  "Man habe viel erreicht."
INVERTED = [
    ("Die", "DET", "det", 1, "", "der", "nk", 1),
    ("Lage", "NOUN", "nsubj", 3, "", "Lage", "sb", 2),
    ("sei", "AUX", "cop", 3, "Mood=Sub", "sein", "oc", 5),
    ("ernst", "ADJ", "ccomp", 5, "", "ernst", "pd", 2),
    (",", "PUNCT", "punct", 5, "", ",", "punct", 5),
    ("sagte", "VERB", "ROOT", 5, "", "sagen", "ROOT", 5),
    ("er", "PRON", "nsubj", 5, "", "er", "sb", 5),
    (".", "PUNCT", "punct", 5, "", ".", "punct", 5),
    ("Man", "PRON", "nsubj", 11, "", "man", "sb", 9),
    ("habe", "AUX", "aux", 11, "", "haben", "ROOT", 9),
    ("viel", "PRON", "obj", 11, "", "viel", "oa", 11),
    ("erreicht", "VERB", "ROOT", 11, "VerbForm=Part", "erreichen", "oc", 9),
    (".", "PUNCT", "punct", 11, "", ".", "punct", 9),
]


@pytest.mark.parametrize("scheme", ["ud", "tiger", "none"])
def test_inverted_cue_and_konjunktiv_continuation(scheme: str) -> None:
    rows = INVERTED
    doc = doc_in(rows, scheme) if scheme != "none" else from_rows(
        [(r[0], r[1], "", 0, r[4], r[5]) for r in rows], parsed=False, sentences=[0, 8])
    first, second = attribute(doc)
    assert (first.type, text_of(doc, first.quote), text_of(doc, first.speaker), text_of(doc, first.cue)) == (
        "indirect", "Die Lage sei ernst", "er", "sagte")
    assert second.type == "indirect_free_indirect"
    assert text_of(doc, second.quote) == "Man habe viel erreicht."
    assert text_of(doc, second.speaker) == "er"
    assert second.cue is None


def test_continuation_needs_konjunktiv() -> None:
    rows = [r for r in INVERTED]
    rows[9] = ("hat", "AUX", "aux", 11, "Mood=Ind", "haben", "ROOT", 9)
    doc = doc_in(rows, "ud")
    assert [q.type for q in attribute(doc)] == ["indirect"]


def tagged(words: str, pos: str, **kw):
    return from_rows([(w, p, "", 0) for w, p in zip(words.split(), pos.split())], parsed=False, **kw)


@pytest.mark.parametrize(
    "words, pos, quote, speaker, cue",
    [
        ("Laut Polizei wurden drei Menschen verletzt .", "ADP NOUN AUX NUM NOUN VERB PUNCT",
         "wurden drei Menschen verletzt", "Polizei", "Laut"),
        ("Ersten Angaben zufolge wurden drei Menschen verletzt .", "ADJ NOUN ADP AUX NUM NOUN VERB PUNCT",
         "wurden drei Menschen verletzt", "Ersten Angaben", "zufolge"),
        ("Drei Menschen wurden nach Angaben der Polizei verletzt .", "NUM NOUN AUX ADP NOUN DET NOUN VERB PUNCT",
         "Drei Menschen wurden verletzt", "Angaben der Polizei", "nach"),
        ("Seiner Ansicht nach ist das falsch .", "DET NOUN ADP AUX PRON ADJ PUNCT",
         "ist das falsch", "Seiner Ansicht", "nach"),
        ("Nach deren Angaben wurden drei Menschen verletzt .", "ADP PRON NOUN AUX NUM NOUN VERB PUNCT",
         "wurden drei Menschen verletzt", "deren Angaben", "Nach"),
        # a compound with an abbreviation the tagger took for an adjective
        ("Nach UNO-Angaben wurden drei Menschen verletzt .", "ADP ADJ AUX NUM NOUN VERB PUNCT",
         "wurden drei Menschen verletzt", "UNO-Angaben", "Nach"),
        ("Das Projekt ist gescheitert , so die Ministerin .", "DET NOUN AUX VERB PUNCT ADV DET NOUN PUNCT",
         "Das Projekt ist gescheitert", "die Ministerin", "so"),
        ("Wie die Feuerwehr mitteilte , brannte das Haus ab .", "SCONJ DET NOUN VERB PUNCT VERB DET NOUN ADP PUNCT",
         "brannte das Haus ab", "die Feuerwehr", "Wie mitteilte"),
        ("Das Haus brannte ab , wie die Feuerwehr mitteilte .", "DET NOUN VERB ADP PUNCT SCONJ DET NOUN VERB PUNCT",
         "Das Haus brannte ab", "die Feuerwehr", "wie mitteilte"),
        ("Denn wie die Feuerwehr mitteilte , brannte das Haus ab .",
         "ADV SCONJ DET NOUN VERB PUNCT VERB DET NOUN ADP PUNCT",
         "brannte das Haus ab", "die Feuerwehr", "wie mitteilte"),
        ("Sie fragte , ob das stimme .", "PRON VERB PUNCT SCONJ PRON VERB PUNCT",
         "ob das stimme", "Sie", "fragte"),
        ("Er kündigte an , die Steuern zu senken .", "PRON VERB ADP PUNCT DET NOUN PART VERB PUNCT",
         "die Steuern zu senken", "Er", "kündigte an"),
        # a zu-infinitive far from the comma, after long objects
        ("Er kündigte an , sich in den kommenden zehn Jahren als Berater um große und kleine Projekte "
         "in der Stadt kümmern zu wollen .",
         "PRON VERB ADP PUNCT PRON ADP DET ADJ NUM NOUN ADP NOUN ADP ADJ CCONJ ADJ NOUN ADP DET NOUN VERB PART AUX PUNCT",
         "sich in den kommenden zehn Jahren als Berater um große und kleine Projekte in der Stadt kümmern zu wollen",
         "Er", "kündigte an"),
        ("Die Forscher fanden heraus , dass das Eis schmilzt .", "DET NOUN VERB ADV PUNCT SCONJ DET NOUN VERB PUNCT",
         "dass das Eis schmilzt", "Die Forscher", "fanden heraus"),
        ("Das Gesetz besagt , dass Kinder Vorrang haben .", "DET NOUN VERB PUNCT SCONJ NOUN NOUN VERB PUNCT",
         "dass Kinder Vorrang haben", "Das Gesetz", "besagt"),
        ("Nach dem Willen der Regierung soll die Steuer sinken .", "ADP DET NOUN DET NOUN AUX DET NOUN VERB PUNCT",
         "soll die Steuer sinken", "dem Willen der Regierung", "Nach"),
        ("Der Verband pochte darauf , dass der Vertrag gilt .", "DET NOUN VERB ADV PUNCT SCONJ DET NOUN VERB PUNCT",
         "dass der Vertrag gilt", "Der Verband", "pochte darauf"),
        ("Die Anwältin brachte vor , der Vertrag sei nichtig .", "DET NOUN VERB ADP PUNCT DET NOUN AUX ADJ PUNCT",
         "der Vertrag sei nichtig", "Die Anwältin", "brachte vor"),
        # "demnach" inside an indicative clause: the only sign that the clause is reported
        ("Die Steuer soll demnach im Herbst sinken .", "DET NOUN AUX ADV ADP NOUN VERB PUNCT",
         "Die Steuer soll im Herbst sinken", "demnach", "demnach"),
    ],
)
def test_attribution_shapes_without_a_parse(words, pos, quote, speaker, cue) -> None:
    doc = tagged(words, pos)
    found = [q for q in attribute(doc) if q.type == "indirect"]
    assert len(found) == 1
    (q,) = found
    assert (text_of(doc, q.quote), text_of(doc, q.speaker), text_of(doc, q.cue)) == (quote, speaker, cue)


def test_demnach_inside_a_konjunktiv_clause_leaves_it_to_the_speaker_before() -> None:
    doc = tagged("Die Steuer solle demnach im Herbst sinken .", "DET NOUN AUX ADV ADP NOUN VERB PUNCT")
    assert [q for q in attribute(doc) if q.cue is not None and text_of(doc, q.cue) == "demnach"] == []


def test_impersonal_cue_names_its_source() -> None:
    doc = tagged("Die Gespräche seien beendet , heißt es in einer Erklärung der NATO .",
                 "DET NOUN AUX VERB PUNCT VERB PRON ADP DET NOUN DET PROPN PUNCT")
    (q,) = attribute(doc)
    assert text_of(doc, q.quote) == "Die Gespräche seien beendet"
    assert text_of(doc, q.cue) == "heißt es"
    assert text_of(doc, q.speaker) == "einer Erklärung der NATO"


def test_addressee_after_the_cue() -> None:
    doc = tagged("Er sagte dem Tagesspiegel , er komme nicht .", "PRON VERB DET PROPN PUNCT PRON VERB PART PUNCT")
    (q,) = attribute(doc)
    assert text_of(doc, q.addressee) == "dem Tagesspiegel"
    assert text_of(doc, q.quote) == "er komme nicht"
    doc = tagged("Er sagte gegenüber Journalisten , er komme nicht .", "PRON VERB ADP NOUN PUNCT PRON VERB PART PUNCT")
    (q,) = attribute(doc)
    assert text_of(doc, q.addressee) == "Journalisten"


def test_relative_clause_cue_is_no_attribution() -> None:
    doc = tagged("Die Firma , die das bestätigte , baut Autos .", "DET NOUN PUNCT PRON PRON VERB PUNCT VERB NOUN PUNCT")
    assert attribute(doc) == []


def test_reported_speech_with_a_nominal_object() -> None:
    doc = tagged("Die Gewerkschaft forderte eine schnellere Entscheidung .", "DET NOUN VERB DET ADJ NOUN PUNCT")
    (q,) = attribute(doc)
    assert q.type == "reported"
    assert text_of(doc, q.quote) == "Die Gewerkschaft forderte eine schnellere Entscheidung."
    assert text_of(doc, q.speaker) == "Die Gewerkschaft"
    # the corpus marks no cue inside reported speech; the verb still tells ("fordern": aloud or in writing)
    assert q.cue is None and q.medium == "speech_or_writing"
    only_indirect = Settings(types=("direct", "indirect"))
    assert attribute(doc, settings=only_indirect) == []


@pytest.mark.parametrize(
    "words, tags",
    [
        # asked about
        ("Fordert die Gewerkschaft eine schnellere Entscheidung ?", "VERB DET NOUN DET ADJ NOUN PUNCT"),
        # denied
        ("Die Gewerkschaft forderte keine schnellere Entscheidung .", "DET NOUN VERB DET ADJ NOUN PUNCT"),
        ("Die Polizei bestätigte den Zusammenhang nicht .", "DET NOUN VERB DET NOUN PART PUNCT"),
        # only possible
        ("Die Gewerkschaft konnte eine schnellere Entscheidung fordern .", "DET NOUN AUX DET ADJ NOUN VERB PUNCT"),
        # reflexive, saying nothing
        ("Der Minister äußerte sich zu den Plänen der Regierung .", "DET NOUN VERB PRON ADP DET NOUN DET NOUN PUNCT"),
        # reflexive, prevailing
        ("Deutschland setzte sich gegen Kanada durch , Brasilien hat sich keinem Gegner gestellt .",
         "PROPN VERB PRON ADP PROPN ADP PUNCT PROPN AUX PRON DET NOUN VERB PUNCT"),
    ],
)
def test_reported_speech_only_of_an_act_reported_as_made(words: str, tags: str) -> None:
    assert attribute(tagged(words, tags)) == []


@pytest.mark.parametrize(
    "words, tags, reported",
    [
        ("Der Rat bestätigte dies .", "DET NOUN VERB PRON PUNCT", False),
        ("Die Gewerkschaft bedauert den Vorfall .", "DET NOUN VERB DET NOUN PUNCT", False),
        ("Die Gewerkschaft forderte ein Lösegeld .", "DET NOUN VERB DET NOUN PUNCT", True),
        # a forecast, a plea and a plan under consideration report what was said
        ("Die Forscher sagten einen warmen Winter voraus .", "DET NOUN VERB DET ADJ NOUN ADP PUNCT", True),
        ("Der Verband plädiert für eine neue Regel .", "DET NOUN VERB ADP DET ADJ NOUN PUNCT", True),
        ("Die Stadt erwog einen Ausstieg aus dem Vertrag .", "DET NOUN VERB DET NOUN ADP DET NOUN PUNCT", True),
        # a statement or document speaks for its authors
        ("Eine neue Studie forderte ein Verbot .", "DET ADJ NOUN VERB DET NOUN PUNCT", True),
        ("Eine neue Halle forderte ein Verbot .", "DET ADJ NOUN VERB DET NOUN PUNCT", False),
        # an assumption or a reason given is reported too
        ("Die Polizei geht von einem Unfall aus .", "DET NOUN VERB ADP DET NOUN ADP PUNCT", True),
        ("Das Gericht begründete das Urteil mit der Fluchtgefahr .", "DET NOUN VERB DET NOUN ADP DET NOUN PUNCT", True),
        ("Die Gewerkschaft bezeichnete den Vorfall als Skandal .", "DET NOUN VERB DET NOUN ADP NOUN PUNCT", True),
    ],
)
def test_reported_speech_names_what_was_said_not_only_what_was_told_before(words: str, tags: str,
                                                                             reported: bool) -> None:
    assert [q.type for q in attribute(tagged(words, tags))] == (["reported"] if reported else [])


@pytest.mark.parametrize(
    "words, tags",
    [
        ("Die Polizei konnte bestätigen , dass der Absturz erfolgte .",
         "DET NOUN AUX VERB PUNCT SCONJ DET NOUN VERB PUNCT"),
        ("Die Polizei bestätigte nicht , dass der Absturz erfolgte .",
         "DET NOUN VERB PART PUNCT SCONJ DET NOUN VERB PUNCT"),
    ],
)
def test_no_indirect_quote_from_a_speech_act_only_possible_or_denied(words: str, tags: str) -> None:
    assert attribute(tagged(words, tags)) == []
    said = tagged("Die Polizei bestätigte , dass der Absturz erfolgte .", "DET NOUN VERB PUNCT SCONJ DET NOUN VERB PUNCT")
    assert [q.type for q in attribute(said)] == ["indirect"]


@pytest.mark.parametrize(
    "words, tags, reported",
    [
        ("Die Opposition kritisierte den neuen Vertrag der Regierung .", "DET NOUN VERB DET ADJ NOUN DET NOUN PUNCT",
         False),
        ("Das Ministerium ordnete eine dreitägige Staatstrauer im Land an .",
         "DET NOUN VERB DET ADJ NOUN ADP NOUN ADP PUNCT", False),
        ("Die Opposition kritisierte den neuen Vertrag als Skandal .", "DET NOUN VERB DET ADJ NOUN ADP NOUN PUNCT",
         True),
    ],
)
def test_a_stance_or_decision_is_reported_speech_only_with_a_judgement(words: str, tags: str,
                                                                         reported: bool) -> None:
    assert [q.type for q in attribute(tagged(words, tags))] == (["reported"] if reported else [])


def test_a_konjunktiv_clause_before_its_cue_is_the_cues_quote_not_reported_speech() -> None:
    # "Russland werde eine Entschädigung verlangen, sagte er." - "verlangen" is no act of Russia's
    doc = tagged("Russland werde eine Entschädigung verlangen , sagte er .",
                 "PROPN AUX DET NOUN VERB PUNCT VERB PRON PUNCT")
    (q,) = attribute(doc)
    assert q.type == "indirect"
    assert (text_of(doc, q.quote), text_of(doc, q.speaker), text_of(doc, q.cue)) == (
        "Russland werde eine Entschädigung verlangen", "er", "sagte")


@pytest.mark.parametrize(
    "second, tags, continued",
    [
        ("Die Kosten dürften steigen .", "DET NOUN VERB VERB PUNCT", False),  # the writer's guess
        ("Die Kosten dürften nicht steigen .", "DET NOUN VERB PART VERB PUNCT", True),  # the speaker's demand
        ("Die Kosten würden steigen .", "DET NOUN AUX VERB PUNCT", True),
    ],
)
def test_a_guessing_modal_continues_no_quote(second: str, tags: str, continued: bool) -> None:
    doc = tagged("Der Minister sagte , dass er geht . " + second,
                 "DET NOUN VERB PUNCT SCONJ PRON VERB PUNCT " + tags, sentences=[0, 8])
    types = [q.type for q in attribute(doc)]
    assert types == ["indirect", "indirect_free_indirect"] if continued else types == ["indirect"]


def test_a_back_reference_quotes_the_sentence_before_and_stands_in_for_it() -> None:
    doc = tagged("Die Lage an der Grenze ist ernst . Dies teilte der Minister mit .",
                 "DET NOUN ADP DET NOUN AUX ADJ PUNCT PRON VERB DET NOUN ADP PUNCT", sentences=[0, 8])
    (q,) = attribute(doc)
    # "Dies" is the quote's stand-in in the attributing sentence: quote, not frame
    assert text_of(doc, q.quote) == "Die Lage an der Grenze ist ernst. Dies"
    assert (text_of(doc, q.speaker), text_of(doc, q.cue), text_of(doc, q.frame)) == (
        "der Minister", "teilte mit", "teilte der Minister mit")


def test_a_back_reference_may_name_its_speaker_with_an_apposition() -> None:
    doc = tagged("Die Lage an der Grenze ist ernst . Das bestätigte der Minister , Max Muster .",
                 "DET NOUN ADP DET NOUN AUX ADJ PUNCT PRON VERB DET NOUN PUNCT PROPN PROPN PUNCT", sentences=[0, 8])
    (q,) = attribute(doc)
    assert text_of(doc, q.quote) == "Die Lage an der Grenze ist ernst. Das"


def test_the_frame_is_the_clause_that_attributes_cut_at_a_colon_or_semicolon() -> None:
    doc = tagged("Das Haus brannte ab ; die Polizei teilte mit , der Schaden sei groß .",
                 "DET NOUN VERB ADP PUNCT DET NOUN VERB ADP PUNCT DET NOUN AUX ADJ PUNCT")
    (q,) = attribute(doc)
    assert text_of(doc, q.quote) == "der Schaden sei groß"
    assert text_of(doc, q.frame) == "die Polizei teilte mit,"


def test_a_colon_inside_a_word_does_not_cut_the_frame() -> None:
    doc = tagged("Um 10:05 Uhr teilte die Polizei mit , der Schaden sei groß .",
                 "ADP NUM NOUN VERB DET NOUN ADP PUNCT DET NOUN AUX ADJ PUNCT")
    (q,) = attribute(doc)
    assert text_of(doc, q.frame) == "Um 10:05 Uhr teilte die Polizei mit,"


def test_reported_content_ends_at_a_colon_that_opens_a_quotation() -> None:
    doc = tagged("Er sagte , die Lage sei ernst : „ Wir bleiben . “",
                 "PRON VERB PUNCT DET NOUN AUX ADJ PUNCT PUNCT PRON VERB PUNCT PUNCT")
    found = {q.type: q for q in attribute(doc)}
    assert text_of(doc, found["indirect"].quote) == "die Lage sei ernst"
    assert text_of(doc, found["direct"].quote) == "„Wir bleiben.“"


def test_reported_content_ends_where_the_speaker_acts_again() -> None:
    words = "Sie räumte ein , es könnten Stellen wegfallen , sprach aber von einem Prozess .".split()
    tags = "PRON VERB ADP PUNCT PRON AUX NOUN VERB PUNCT VERB ADV ADP DET NOUN PUNCT".split()
    doc = from_rows([(w, p, "", 0, "VerbForm=Fin" if w == "sprach" else "") for w, p in zip(words, tags)],
                    parsed=False)
    (q,) = attribute(doc)
    assert text_of(doc, q.quote) == "es könnten Stellen wegfallen"


def test_a_negation_in_a_joined_clause_leaves_the_reported_act() -> None:
    doc = tagged("Die Gewerkschaft forderte eine schnellere Entscheidung und nannte keine Frist .",
                 "DET NOUN VERB DET ADJ NOUN CCONJ VERB DET NOUN PUNCT")
    (q,) = attribute(doc)
    assert q.type == "reported" and text_of(doc, q.speaker) == "Die Gewerkschaft"


def test_wie_clause_over_an_apposition() -> None:
    doc = tagged("Wie der Sprecher der Firma , Hans Meier , mitteilte , brannte das Haus ab .",
                 "SCONJ DET NOUN DET NOUN PUNCT PROPN PROPN PUNCT VERB PUNCT VERB DET NOUN ADP PUNCT")
    (q,) = attribute(doc)
    assert text_of(doc, q.quote) == "brannte das Haus ab"
    assert text_of(doc, q.speaker) == "der Sprecher der Firma, Hans Meier"
    assert text_of(doc, q.cue) == "Wie mitteilte"


def test_naming_in_a_wie_clause_is_no_quote() -> None:
    doc = tagged("Syd Barrett , wie er sich nannte , ist tot .", "PROPN PROPN PUNCT SCONJ PRON PRON VERB PUNCT AUX ADJ PUNCT")
    assert attribute(doc) == []


def test_statement_noun_opens_the_content() -> None:
    doc = tagged("Die Forscher sind der Meinung , dass das Klima kippt .",
                 "DET NOUN AUX DET NOUN PUNCT SCONJ DET NOUN VERB PUNCT")
    (q,) = attribute(doc)
    assert text_of(doc, q.quote) == "dass das Klima kippt"
    assert text_of(doc, q.speaker) == "Die Forscher"
    assert text_of(doc, q.cue) == "sind der Meinung"


def test_attribution_inside_a_relative_clause_covers_only_that_clause() -> None:
    doc = tagged("Er sucht den Mann , der laut Polizei das Auto gestohlen habe .",
                 "PRON VERB DET NOUN PUNCT PRON ADP NOUN DET NOUN VERB AUX PUNCT")
    (q,) = [q for q in attribute(doc) if q.cue is not None]
    assert [doc.text[s:e] for s, e in q.quote.spans] == ["der", "das Auto gestohlen habe"]
    assert text_of(doc, q.speaker) == "Polizei"


def test_source_phrase_stops_at_the_next_phrase() -> None:
    doc = tagged("Laut der Polizei starben 40 Menschen .", "ADP DET NOUN VERB NUM NOUN PUNCT")
    (q,) = attribute(doc)
    assert text_of(doc, q.speaker) == "der Polizei"
    assert text_of(doc, q.quote) == "starben 40 Menschen"


def test_name_in_quotation_marks_is_a_speaker_not_a_quote() -> None:
    doc = tagged("Laut „ Spiegel “ kommt er morgen .", "ADP PUNCT PROPN PUNCT VERB PRON ADV PUNCT",
                 spaces=[True, False, False, True, True, True, False, False])
    (q,) = attribute(doc)
    assert q.type == "indirect"
    assert text_of(doc, q.speaker) == "„Spiegel“"


def test_wie_clause_with_a_name_in_quotation_marks() -> None:
    doc = tagged("Wie „ Spiegel “ berichtet , brannte das Haus ab .",
                 "SCONJ PUNCT PROPN PUNCT VERB PUNCT VERB DET NOUN ADP PUNCT",
                 spaces=[True, False, False, True, False, True, True, True, True, False, False])
    found = [q for q in attribute(doc) if q.type == "indirect"]
    assert [(text_of(doc, q.quote), text_of(doc, q.speaker)) for q in found] == [("brannte das Haus ab", "„Spiegel“")]


def test_reported_clause_around_a_quotation_stays_beside_it() -> None:
    # "er sei" is a clause of its own around the quotation: the corpus keeps both quotes
    doc = tagged("Der Minister sagte , er sei „ sehr zufrieden “ .",
                 "DET NOUN VERB PUNCT PRON AUX PUNCT ADV ADJ PUNCT PUNCT",
                 spaces=[True, True, False, True, True, True, False, True, False, False, False])
    found = sorted((q.type, text_of(doc, q.quote)) for q in attribute(doc))
    assert found == [("direct", "„sehr zufrieden“"), ("indirect", "er sei „sehr zufrieden“")]


def test_reported_content_may_open_with_a_few_quoted_words() -> None:
    doc = tagged("Er sagte , „ Ausnahmen “ dürfe es nicht geben .",
                 "PRON VERB PUNCT PUNCT NOUN PUNCT AUX PRON PART VERB PUNCT",
                 spaces=[True, False, True, False, False, True, True, True, True, False, False])
    found = [text_of(doc, q.quote) for q in attribute(doc) if q.type == "indirect"]
    assert found == ["„Ausnahmen“ dürfe es nicht geben"]


def test_content_after_a_cue_ends_before_the_sentences_own_so_attribution() -> None:
    doc = tagged("Die Stadt wurde aufgefordert , die Grenze zu öffnen , so der Minister .",
                 "DET NOUN AUX VERB PUNCT DET NOUN PART VERB PUNCT ADV DET NOUN PUNCT")
    found = {text_of(doc, q.quote): q for q in attribute(doc) if q.type == "indirect"}
    assert sorted(found) == ["Die Stadt wurde aufgefordert, die Grenze zu öffnen", "die Grenze zu öffnen"]
    assert text_of(doc, found["Die Stadt wurde aufgefordert, die Grenze zu öffnen"].speaker) == "der Minister"


def test_cue_less_konjunktiv_sentence_takes_the_speaker_named_before() -> None:
    doc = tagged("Die Ministerin sprach sich gegen Gewalt aus . Druck sei aber notwendig .",
                 "DET NOUN VERB PRON ADP NOUN ADP PUNCT NOUN AUX ADV ADJ PUNCT", sentences=[0, 8])
    found = [q for q in attribute(doc) if q.type == "indirect_free_indirect"]
    assert len(found) == 1
    assert text_of(doc, found[0].quote) == "Druck sei aber notwendig."
    assert text_of(doc, found[0].speaker) == "Die Ministerin"


def test_konjunktiv_relative_clause_reports_the_main_subject() -> None:
    doc = tagged("Annan äußerte sich besorgt über die Gewalt , die vor allem in Darfur auftrete .",
                 "PROPN VERB PRON ADJ ADP DET NOUN PUNCT PRON ADV ADV ADP PROPN VERB PUNCT")
    doc[13].lemma_ = "auftreten"
    found = [q for q in attribute(doc) if q.type == "indirect"]
    assert [(text_of(doc, q.quote), text_of(doc, q.speaker), q.cue) for q in found] == [
        ("die vor allem in Darfur auftrete", "Annan", None)]


def test_conditional_clause_after_a_cue_verb_is_no_quote() -> None:
    # "sollte" may be Konjunktiv II, but a condition ("falls …") sets a premise, it reports no words
    doc = tagged("Die Opposition erwägt eine Klage , falls die Regierung nicht nachgeben sollte .",
                 "DET NOUN VERB DET NOUN PUNCT SCONJ DET NOUN PART VERB AUX PUNCT")
    assert [q for q in attribute(doc) if q.type == "indirect"] == []


@pytest.mark.parametrize("second, found", [
    ("Die Gebühren sollen im Mai um zehn Euro sinken .", True),
    ("Es gibt neue Schulen , die gebaut werden sollen .", False),  # "soll" of a relative clause only describes
])
def test_a_plan_with_soll_after_a_quote_continues_it(second: str, found: bool) -> None:
    doc = tagged("Der Minister kündigte an , die Ferien zu verlängern . " + second,
                 "DET NOUN VERB ADP PUNCT DET NOUN PART VERB PUNCT "
                 + ("DET NOUN AUX ADP PROPN ADP NUM NOUN VERB PUNCT" if found else "PRON VERB ADJ NOUN PUNCT PRON VERB AUX AUX PUNCT"),
                 sentences=[0, 10])
    continued = [q for q in attribute(doc) if q.type == "free_indirect"]
    after_quotation = tagged("Der Minister sagte : „ Wir verlängern die Ferien . “ " + second,
                             "DET NOUN VERB PUNCT PUNCT PRON VERB DET NOUN PUNCT PUNCT "
                             + ("DET NOUN AUX ADP PROPN ADP NUM NOUN VERB PUNCT" if found
                                else "PRON VERB ADJ NOUN PUNCT PRON VERB AUX AUX PUNCT"), sentences=[0, 11])
    assert [q for q in attribute(after_quotation) if q.type == "free_indirect"] == []  # narration resumes
    if found:
        assert [(text_of(doc, q.quote), text_of(doc, q.speaker)) for q in continued] == [
            (second.replace(" .", "."), "Der Minister")]
    else:
        assert continued == []


def test_a_cue_closing_a_relative_clause_hands_on_its_content() -> None:
    doc = tagged("Es sprach ein Verband , der die Mitglieder aufforderte , nicht mehr zu streiken .",
                 "PRON VERB DET NOUN PUNCT PRON DET NOUN VERB PUNCT PART ADV PART VERB PUNCT")
    found = [q for q in attribute(doc) if q.type == "indirect"]
    assert [(text_of(doc, q.quote), text_of(doc, q.speaker), text_of(doc, q.cue)) for q in found] == [
        ("nicht mehr zu streiken", "der", "aufforderte")]


def test_after_a_relative_clause_before_the_main_verb_the_main_clause_follows() -> None:
    # "Der Verband, der das forderte, habe …": the Konjunktiv clause is not what "forderte" says
    doc = tagged("Der Verband , der das forderte , habe nun zu streiken .",
                 "DET NOUN PUNCT PRON PRON VERB PUNCT AUX ADV PART VERB PUNCT")
    assert [q for q in attribute(doc) if q.speaker is not None and text_of(doc, q.speaker) == "der"] == []


@pytest.mark.parametrize("words, pos, expected", [
    ("Die Ärztin hält es für möglich , dass das Virus mutiert .",
     "DET NOUN VERB PRON ADP ADJ PUNCT SCONJ DET NOUN VERB PUNCT", ["dass das Virus mutiert"]),
    # without a predicate after "für", "halten" names no statement: only "sagte" attributes
    ("Der Minister hielt eine Rede , in der er sagte , die Lage sei ernst .",
     "DET NOUN VERB DET NOUN PUNCT ADP PRON PRON VERB PUNCT DET NOUN AUX ADJ PUNCT", ["die Lage sei ernst"]),
])
def test_halten_states_a_judgement_only_with_its_predicate(words: str, pos: str, expected: list) -> None:
    doc = tagged(words, pos)
    found = [q for q in attribute(doc) if q.type == "indirect"]
    assert [text_of(doc, q.quote) for q in found] == expected


def test_indicative_relative_clause_is_no_quote() -> None:
    doc = tagged("Annan sprach über die Gewalt , die vor allem in Darfur auftritt .",
                 "PROPN VERB ADP DET NOUN PUNCT PRON ADV ADV ADP PROPN VERB PUNCT")
    assert [q for q in attribute(doc) if q.type == "indirect"] == []


# "Der Minister wird von der Zeitung mit den Worten zitiert, die Lage sei ernst."
QUOTED = [
    ("Der", "DET", "det", 1, "", "der", "nk", 1),
    ("Minister", "NOUN", "nsubj:pass", 9, "", "Minister", "sb", 2),
    ("wird", "AUX", "aux:pass", 9, "", "werden", "ROOT", 2),
    ("von", "ADP", "case", 5, "", "von", "sbp", 9),
    ("der", "DET", "det", 5, "", "der", "nk", 5),
    ("Zeitung", "NOUN", "obl:agent", 9, "", "Zeitung", "nk", 3),
    ("mit", "ADP", "case", 8, "", "mit", "mo", 9),
    ("den", "DET", "det", 8, "", "der", "nk", 8),
    ("Worten", "NOUN", "obl", 9, "", "Wort", "nk", 6),
    ("zitiert", "VERB", "ROOT", 9, "VerbForm=Part", "zitieren", "oc", 2),
    (",", "PUNCT", "punct", 14, "", ",", "punct", 9),
    ("die", "DET", "det", 12, "", "der", "nk", 12),
    ("Lage", "NOUN", "nsubj", 14, "", "Lage", "sb", 13),
    ("sei", "AUX", "cop", 14, "Mood=Sub", "sein", "oc", 9),
    ("ernst", "ADJ", "ccomp", 9, "", "ernst", "pd", 13),
    (".", "PUNCT", "punct", 9, "", ".", "punct", 2),
]


@pytest.mark.parametrize("scheme", ["ud", "tiger"])
def test_the_subject_of_a_passive_quoting_verb_is_the_speaker(scheme: str) -> None:
    doc = doc_in(QUOTED, scheme)
    quotes = [q for q in attribute(doc) if q.type == "indirect"]
    assert [text_of(doc, q.speaker) for q in quotes] == ["Der Minister"]


def test_man_is_never_a_speaker() -> None:
    doc = from_rows([("Man", "PRON", "nsubj", 1), ("geht", "VERB", "ROOT", 1), ("davon", "ADV", "advmod", 1),
                     ("aus", "ADP", "compound:prt", 1), (",", "PUNCT", "punct", 1), ("dass", "SCONJ", "mark", 8),
                     ("die", "DET", "det", 7), ("Lage", "NOUN", "nsubj", 8), ("ernst", "ADJ", "ccomp", 1),
                     ("ist", "AUX", "cop", 8), (".", "PUNCT", "punct", 1)])
    assert all(q.speaker is None for q in attribute(doc))


@pytest.mark.parametrize(
    "words,pos,speaker",
    [
        # a bracketed party tag and a name in quotation marks continue the clause of the subject
        ("Gestern hat Staatssekretär Paul Berg ( Grüne ) gefordert , die Steuern zu senken .",
         "ADV AUX NOUN PROPN PROPN PUNCT PROPN PUNCT VERB PUNCT DET NOUN PART VERB PUNCT",
         "Staatssekretär Paul Berg (Grüne)"),
        ("Die Zeitung „ Neue Post “ berichtet , dass die Verhandlungen gescheitert seien .",
         "DET NOUN PUNCT PROPN PROPN PUNCT VERB PUNCT SCONJ DET NOUN VERB AUX PUNCT",
         "Die Zeitung „Neue Post“"),
        ("„ Neue Post “ berichtet , dass die Verhandlungen gescheitert seien .",
         "PUNCT PROPN PROPN PUNCT VERB PUNCT SCONJ DET NOUN VERB AUX PUNCT",
         "„Neue Post“"),
        # an adverb between the verb and the subject after it
        ("Am Abend meldeten dann die Nachrichten , die Lage sei ernst .",
         "ADP NOUN VERB ADV DET NOUN PUNCT DET NOUN AUX ADJ PUNCT",
         "die Nachrichten"),
    ],
)
def test_the_subject_is_found_across_tags_quoted_names_and_adverbs(words, pos, speaker) -> None:
    doc = tagged(words, pos)
    found = [q for q in attribute(doc) if q.type == "indirect"]
    assert [text_of(doc, q.speaker) for q in found] == [speaker]


def test_a_focus_adverb_is_no_part_of_the_parsed_subject() -> None:
    # "Auch Paul Berg glaubt, dass es stimme." with "Auch" attached to the subject, as parsers do
    doc = from_rows([("Auch", "ADV", "advmod", 1), ("Paul", "PROPN", "nsubj", 3), ("Berg", "PROPN", "flat", 1),
                     ("glaubt", "VERB", "ROOT", 3), (",", "PUNCT", "punct", 7), ("dass", "SCONJ", "mark", 7),
                     ("es", "PRON", "nsubj", 7), ("stimme", "VERB", "ccomp", 3, "Mood=Sub"), (".", "PUNCT", "punct", 3)])
    found = [q for q in attribute(doc) if q.type == "indirect"]
    assert [text_of(doc, q.speaker) for q in found] == ["Paul Berg"]


def test_a_participle_tagged_vvpp_makes_the_clause_passive() -> None:
    """The morphologizer often calls the participle finite ("bezeichnet" Mood=Sub); the STTS tag says VVPP."""
    from quotex.rules.mentions import passive

    doc = from_rows([("Das", "DET", "det", 1), ("Projekt", "NOUN", "nsubj:pass", 6), ("wurde", "AUX", "aux:pass", 6),
                     ("von", "ADP", "case", 4), ("Berg", "PROPN", "obl:agent", 6), ("scharf", "ADJ", "advmod", 6),
                     ("bezeichnet", "VERB", "ROOT", 6, "VerbForm=Fin"), (".", "PUNCT", "punct", 6)])
    assert not passive(doc, doc[6], 0, 8)
    doc[6].tag_ = "VVPP"
    assert passive(doc, doc[6], 0, 8)


def test_a_place_after_the_noun_belongs_to_the_speaker() -> None:
    doc = tagged("Laut der Regierung in Lomé wurden drei Menschen verletzt .",
                 "ADP DET NOUN ADP PROPN AUX NUM NOUN VERB PUNCT")
    (q,) = [q for q in attribute(doc) if q.type == "indirect"]
    assert text_of(doc, q.speaker) == "der Regierung in Lomé"


def test_a_passive_cue_without_agent_takes_the_statement_it_was_made_in() -> None:
    doc = tagged("In einer Mitteilung der Regierung wurde gefordert , die Hilfe komme bald .",
                 "ADP DET NOUN DET NOUN AUX VERB PUNCT DET NOUN VERB ADV PUNCT")
    (q,) = attribute(doc)
    assert text_of(doc, q.speaker) == "einer Mitteilung der Regierung"
    doc = tagged("In Berlin wurde gefordert , die Hilfe komme bald .", "ADP PROPN AUX VERB PUNCT DET NOUN VERB ADV PUNCT")
    assert [q.speaker for q in attribute(doc)] == [None]  # a place says only where


# "In einem Bericht, der gestern erschien, heißt es, die Lage sei ernst."
REPORT = [
    ("In", "ADP", "case", 2, "", "in", "mo", 8),
    ("einem", "DET", "det", 2, "Case=Dat", "ein", "nk", 2),
    ("Bericht", "NOUN", "obl", 8, "Case=Dat", "Bericht", "nk", 0),
    (",", "PUNCT", "punct", 6, "", ",", "punct", 2),
    ("der", "PRON", "nsubj", 6, "PronType=Rel", "der", "sb", 6),
    ("gestern", "ADV", "advmod", 6, "", "gestern", "mo", 6),
    ("erschien", "VERB", "acl:relcl", 2, "", "erscheinen", "rc", 2),
    (",", "PUNCT", "punct", 6, "", ",", "punct", 6),
    ("heißt", "VERB", "ROOT", 8, "", "heißen", "ROOT", 8),
    ("es", "PRON", "expl", 8, "", "es", "ep", 8),
    (",", "PUNCT", "punct", 13, "", ",", "punct", 8),
    ("die", "DET", "det", 12, "", "der", "nk", 12),
    ("Lage", "NOUN", "nsubj", 14, "", "Lage", "sb", 13),
    ("sei", "AUX", "cop", 14, "Mood=Sub", "sein", "oc", 8),
    ("ernst", "ADJ", "ccomp", 8, "", "ernst", "pd", 13),
    (".", "PUNCT", "punct", 8, "", ".", "punct", 8),
]


@pytest.mark.parametrize("scheme", ["ud", "tiger", "none"])
def test_an_impersonal_cue_takes_the_source_before_a_relative_clause(scheme: str) -> None:
    doc = doc_in(REPORT, scheme)
    quotes = [q for q in attribute(doc) if q.type == "indirect"]
    assert [(text_of(doc, q.quote), text_of(doc, q.speaker)) for q in quotes] == [("die Lage sei ernst", "einem Bericht")]


# "Die Parteien, die Grünen (G) und die Linke (L), hatten erklärt, die Lage sei ernst."
AUXILIARY = [
    ("Die", "DET", "det", 1, "Case=Nom", "der", "nk", 1),
    ("Parteien", "NOUN", "nsubj", 15, "Case=Nom", "Partei", "sb", 14),
    (",", "PUNCT", "punct", 4, "", ",", "punct", 1),
    ("die", "DET", "det", 4, "", "der", "nk", 4),
    ("Grünen", "PROPN", "appos", 1, "", "Grüne", "app", 1),
    ("(", "PUNCT", "punct", 6, "", "(", "punct", 6),
    ("G", "PROPN", "appos", 4, "", "G", "app", 4),
    (")", "PUNCT", "punct", 6, "", ")", "punct", 6),
    ("und", "CCONJ", "cc", 10, "", "und", "cd", 4),
    ("die", "DET", "det", 10, "", "der", "nk", 10),
    ("Linke", "PROPN", "conj", 4, "", "Linke", "cj", 8),
    ("(", "PUNCT", "punct", 12, "", "(", "punct", 12),
    ("L", "PROPN", "appos", 10, "", "L", "app", 10),
    (")", "PUNCT", "punct", 12, "", ")", "punct", 12),
    (",", "PUNCT", "punct", 4, "", ",", "punct", 1),
    ("hatten", "AUX", "aux", 15, "", "haben", "ROOT", 14),
    ("erklärt", "VERB", "ROOT", 15, "VerbForm=Part", "erklären", "oc", 14),
    (",", "PUNCT", "punct", 19, "", ",", "punct", 15),
    ("die", "DET", "det", 18, "", "der", "nk", 18),
    ("Lage", "NOUN", "nsubj", 20, "", "Lage", "sb", 19),
    ("sei", "AUX", "cop", 20, "Mood=Sub", "sein", "oc", 15),
    ("ernst", "ADJ", "ccomp", 15, "", "ernst", "pd", 19),
    (".", "PUNCT", "punct", 15, "", ".", "punct", 14),
]


@pytest.mark.parametrize("scheme", ["ud", "tiger", "none"])
def test_a_subject_with_an_apposition_speaks_through_an_auxiliary_and_its_participle(scheme: str) -> None:
    doc = doc_in(AUXILIARY, scheme)
    quotes = [q for q in attribute(doc) if q.type == "indirect"]
    assert [(text_of(doc, q.quote), text_of(doc, q.speaker)) for q in quotes] == [
        ("die Lage sei ernst", "Die Parteien, die Grünen (G) und die Linke (L)")]


# "Wie es in einem Bericht hieß, sei die Lage ernst."
WIE_ES = [
    ("Wie", "SCONJ", "mark", 5, "", "wie", "cm", 5),
    ("es", "PRON", "expl", 5, "", "es", "ep", 5),
    ("in", "ADP", "case", 4, "", "in", "mo", 5),
    ("einem", "DET", "det", 4, "Case=Dat", "ein", "nk", 2),
    ("Bericht", "NOUN", "obl", 5, "Case=Dat", "Bericht", "nk", 2),
    ("hieß", "VERB", "advcl", 7, "", "heißen", "mo", 7),
    (",", "PUNCT", "punct", 5, "", ",", "punct", 5),
    ("sei", "AUX", "ROOT", 7, "Mood=Sub", "sein", "ROOT", 7),
    ("die", "DET", "det", 9, "", "der", "nk", 9),
    ("Lage", "NOUN", "nsubj", 7, "", "Lage", "sb", 7),
    ("ernst", "ADJ", "xcomp", 7, "", "ernst", "pd", 7),
    (".", "PUNCT", "punct", 7, "", ".", "punct", 7),
]


@pytest.mark.parametrize("scheme", ["ud", "tiger", "none"])
def test_wie_es_hiess_takes_the_source_its_clause_names(scheme: str) -> None:
    doc = doc_in(WIE_ES, scheme)
    quotes = [q for q in attribute(doc) if q.type == "indirect"]
    assert [(text_of(doc, q.quote), text_of(doc, q.speaker)) for q in quotes] == [("sei die Lage ernst", "einem Bericht")]


def _morph_tagged(words: str, tags: str, finite: tuple[str, ...] = ()):
    return from_rows([(w, p, "", 0, "VerbForm=Fin" if w in finite else "")
                      for w, p in zip(words.split(), tags.split())], parsed=False)


@pytest.mark.parametrize(
    "words, tags, quote, speaker",
    [
        # the cue clause cuts the quote's clause right after its finite verb
        ("Die Staaten haben , sagen Diplomaten , hart an dem Plan gearbeitet .",
         "DET NOUN AUX PUNCT VERB NOUN PUNCT ADJ ADP DET NOUN VERB PUNCT",
         "Die Staaten haben hart an dem Plan gearbeitet", "Diplomaten"),
        # after a fronted phrase, with "so"
        ("Im Herbst , so schätzen Forscher , soll der Bau fertig sein .",
         "ADP NOUN PUNCT ADV VERB NOUN PUNCT AUX DET NOUN ADJ AUX PUNCT",
         "Im Herbst soll der Bau fertig sein", "Forscher"),
        ("Die Lage ist , so der Minister , sehr ernst .", "DET NOUN AUX PUNCT ADV DET NOUN PUNCT ADV ADJ PUNCT",
         "Die Lage ist sehr ernst", "der Minister"),
        # a complete clause before: what follows the cue is an apposition to its speaker
        ("Die Lage sei ernst , sagte Max Muster , der Sprecher der Stadt .",
         "DET NOUN AUX ADJ PUNCT VERB PROPN PROPN PUNCT DET NOUN DET NOUN PUNCT", "Die Lage sei ernst",
         "Max Muster, der Sprecher der Stadt"),
        # a subject with an apposition before its cue verb is no fronted phrase
        ("Der Sprecher , Max Muster , sagte , die Lage sei ernst .",
         "DET NOUN PUNCT PROPN PROPN PUNCT VERB PUNCT DET NOUN AUX ADJ PUNCT", "die Lage sei ernst", None),
    ],
)
def test_a_cue_inserted_into_its_quote_leaves_the_whole_clause_as_the_quote(words: str, tags: str, quote: str,
                                                                             speaker: str | None) -> None:
    doc = _morph_tagged(words, tags, finite=("haben", "ist", "sagte", "sagen", "schätzen", "soll"))
    (q,) = [q for q in attribute(doc) if q.type == "indirect"]
    assert text_of(doc, q.quote) == quote
    if speaker is not None:
        assert text_of(doc, q.speaker) == speaker


@pytest.mark.parametrize(
    "words, tags, found",
    [
        # what was decided is content the corpus marks ...
        ("Das Gericht entschied , dass der Vertrag gilt .", "DET NOUN VERB PUNCT SCONJ DET NOUN VERB PUNCT", True),
        ("Der Rat beschloss , eine Kommission zu bilden .", "DET NOUN VERB PUNCT DET NOUN PART VERB PUNCT", True),
        # ... a question a decision still has to answer is not
        ("Das Gericht entscheidet , ob der Vertrag gilt .", "DET NOUN VERB PUNCT SCONJ DET NOUN VERB PUNCT", False),
        ("Heute tagt der Rat , der entscheidet , ob der Vertrag gilt .",
         "ADV VERB DET NOUN PUNCT PRON VERB PUNCT SCONJ DET NOUN VERB PUNCT", False),
        # a question asked is content
        ("Sie fragte , ob der Vertrag gilt .", "PRON VERB PUNCT SCONJ DET NOUN VERB PUNCT", True),
    ],
)
def test_a_decision_reports_what_was_decided_not_what_is_still_open(words: str, tags: str, found: bool) -> None:
    assert bool([q for q in attribute(tagged(words, tags)) if q.type == "indirect"]) == found


def test_a_cue_verb_in_konjunktiv_is_itself_reported_content() -> None:
    # "gehe davon aus" reports the Behörde's view as the minister's words: the sentence continues his quote
    doc = tagged("Der Minister sagte , die Lage sei ernst . Die Behörde gehe davon aus , dass der Schaden groß sei .",
                 "DET NOUN VERB PUNCT DET NOUN AUX ADJ PUNCT DET NOUN VERB ADV ADP PUNCT SCONJ DET NOUN ADJ AUX PUNCT",
                 sentences=[0, 9])
    second = [q for q in attribute(doc) if text_of(doc, q.quote).startswith(("Die Behörde", "dass"))]
    assert [(q.type, text_of(doc, q.quote), q.cue) for q in second] == [
        ("indirect_free_indirect", "Die Behörde gehe davon aus, dass der Schaden groß sei.", None)]


@pytest.mark.parametrize(
    "words, tags, quote",
    [
        ("Er sagte , die Lage sei ernst und fügte hinzu , er bleibe .",
         "PRON VERB PUNCT DET NOUN AUX ADJ CCONJ VERB ADV PUNCT PRON VERB PUNCT", "die Lage sei ernst"),
        ("Er sagte , sie müssten handeln und lobte die Polizei .",
         "PRON VERB PUNCT PRON AUX VERB CCONJ VERB DET NOUN PUNCT", "sie müssten handeln"),
        ("Er sagte , dass der Plan scheitere und legte Widerspruch ein .",
         "PRON VERB PUNCT SCONJ DET NOUN VERB CCONJ VERB NOUN ADP PUNCT", "dass der Plan scheitere"),
        # the main clause goes on after the content
        ("Obwohl er sagte , dass es schwierig sei , wird nun investiert .",
         "SCONJ PRON VERB PUNCT SCONJ PRON ADJ AUX PUNCT AUX ADV VERB PUNCT", "dass es schwierig sei"),
        # "und" inside the content joins its own verbs
        ("Er sagte , dass er kommt und bleibt .", "PRON VERB PUNCT SCONJ PRON VERB CCONJ VERB PUNCT",
         "dass er kommt und bleibt"),
        ("Er sagte , es gebe einen Mann , der kommt und geht .",
         "PRON VERB PUNCT PRON VERB DET NOUN PUNCT PRON VERB CCONJ VERB PUNCT", "es gebe einen Mann, der kommt und geht"),
    ],
)
def test_content_ends_where_und_joins_a_verb_of_the_speakers_own(words: str, tags: str, quote: str) -> None:
    doc = _morph_tagged(words, tags, finite=("sagte", "fügte", "lobte", "legte", "kommt", "bleibt", "geht", "wird"))
    assert [text_of(doc, q.quote) for q in attribute(doc) if q.type == "indirect"][:1] == [quote]


def test_content_starts_after_a_name_set_off_after_the_speaker() -> None:
    doc = tagged("Am Montag erklärte der Sprecher der Stadt , Max Muster , die Lage sei ernst .",
                 "ADP NOUN VERB DET NOUN DET NOUN PUNCT PROPN PROPN PUNCT DET NOUN AUX ADJ PUNCT")
    (q,) = attribute(doc)
    assert (text_of(doc, q.quote), text_of(doc, q.speaker)) == ("die Lage sei ernst", "der Sprecher der Stadt, Max Muster")


@pytest.mark.parametrize(
    "words, tags, quote",
    [
        ("Laut einem Bericht der Bank ( IDB ) sandten Migranten viel Geld .",
         "ADP DET NOUN DET NOUN PUNCT PROPN PUNCT VERB NOUN ADJ NOUN PUNCT", "sandten Migranten viel Geld"),
        ("Nach Angaben von Max Muster , der sich auf Daten der Bank beruft , leben dort zehn Menschen .",
         "ADP NOUN ADP PROPN PROPN PUNCT PRON PRON ADP NOUN DET NOUN VERB PUNCT VERB ADV NUM NOUN PUNCT",
         "leben dort zehn Menschen"),
    ],
)
def test_a_source_phrase_opening_the_clause_runs_to_the_finite_verb(words: str, tags: str, quote: str) -> None:
    doc = _morph_tagged(words, tags, finite=("sandten", "beruft", "leben"))
    (q,) = [q for q in attribute(doc) if q.type == "indirect"]
    assert text_of(doc, q.quote) == quote


def test_the_source_is_the_whole_phrase_before_the_finite_verb() -> None:
    doc = _morph_tagged("Laut dem Bericht der Bank im Jahr 2020 sandten Migranten viel Geld .",
                        "ADP DET NOUN DET NOUN ADP NOUN NUM VERB NOUN ADJ NOUN PUNCT", finite=("sandten",))
    (q,) = attribute(doc)
    assert (text_of(doc, q.quote), text_of(doc, q.speaker)) == ("sandten Migranten viel Geld",
                                                                "dem Bericht der Bank im Jahr 2020")


@pytest.mark.parametrize(
    "words, tags, found",
    [
        ("Der Minister zeigte sich überzeugt , dass das Eis schmilzt .",
         "DET NOUN VERB PRON ADJ PUNCT SCONJ DET NOUN VERB PUNCT", True),
        # without "sich", "zeigen" names evidence, not a statement
        ("Die Daten zeigen , dass das Eis schmilzt .", "DET NOUN VERB PUNCT SCONJ DET NOUN VERB PUNCT", False),
    ],
)
def test_zeigen_reports_a_statement_only_reflexively(words: str, tags: str, found: bool) -> None:
    assert bool([q for q in attribute(tagged(words, tags)) if q.type == "indirect"]) == found


def test_nach_after_a_demand_opens_what_is_demanded_not_a_source() -> None:
    doc = tagged("Die Rebellen beharren auf der Forderung nach mehr Autonomie für die Region .",
                 "DET NOUN VERB ADP DET NOUN ADP ADJ NOUN ADP DET NOUN PUNCT")
    assert [q for q in attribute(doc) if q.cue is not None and text_of(doc, q.cue) == "nach"] == []


@pytest.mark.parametrize("noun", ["Voraussicht", "Zuversicht"])
def test_a_noun_of_particles_and_a_cue_noun_is_no_statement(noun: str) -> None:
    """"Voraussicht" comes from "voraussehen", not from "Sicht": "aller Voraussicht nach" names no source."""
    doc = tagged(f"Aller {noun} nach wird das Projekt im Herbst fertig .", "DET NOUN ADP AUX DET NOUN ADP NOUN ADJ PUNCT")
    assert attribute(doc) == []
    doc = tagged("Aller Polizeiangaben nach wird das Projekt im Herbst fertig .",
                 "DET NOUN ADP AUX DET NOUN ADP NOUN ADJ PUNCT")
    assert [text_of(doc, q.speaker) for q in attribute(doc)] == ["Aller Polizeiangaben"]


@pytest.mark.parametrize(
    "words, tags",
    [
        ("Die Firma wollte mehr verlangen , doch hat das Amt nicht zugestimmt .",
         "DET NOUN VERB ADV VERB PUNCT ADV AUX DET NOUN PART VERB PUNCT"),
        ("Der Trainer forderte mehr Einsatz , aber der Stürmer hat sich entschuldigt .",
         "DET NOUN VERB ADJ NOUN PUNCT CCONJ DET NOUN AUX PRON VERB PUNCT"),
    ],
)
def test_a_main_clause_joined_by_a_conjunction_is_no_content(words: str, tags: str) -> None:
    doc = tagged(words, tags)
    assert [q for q in attribute(doc) if text_of(doc, q.quote).startswith(("doch", "aber"))] == []


def test_rumours_and_plural_reports_are_statement_nouns() -> None:
    doc = tagged("Nach Gerüchten aus der Partei trete der Minister bald zurück .",
                 "ADP NOUN ADP DET NOUN VERB DET NOUN ADV ADP PUNCT")
    (q,) = attribute(doc)
    assert (text_of(doc, q.speaker), text_of(doc, q.cue)) == ("Gerüchten aus der Partei", "Nach")


def test_so_inserted_after_one_fronted_word_attributes_the_clause_around_it() -> None:
    doc = _morph_tagged("Dennoch , so der Minister , habe die Firma versagt .",
                        "ADV PUNCT ADV DET NOUN PUNCT AUX DET NOUN VERB PUNCT", finite=("habe",))
    (q,) = attribute(doc)
    assert (text_of(doc, q.quote), text_of(doc, q.speaker), text_of(doc, q.cue)) == (
        "Dennoch habe die Firma versagt", "der Minister", "so")
    assert len(q.quote.spans) == 2


def test_an_adverb_after_the_source_of_an_inserted_so_stays_out_of_the_quote() -> None:
    doc = _morph_tagged("Trotzdem sei , so der Minister weiter , die Lage ernst .",
                        "ADV AUX PUNCT ADV DET NOUN ADV PUNCT DET NOUN ADJ PUNCT", finite=("sei",))
    (q,) = attribute(doc)
    assert (text_of(doc, q.quote), text_of(doc, q.speaker)) == ("Trotzdem sei die Lage ernst", "der Minister")


# "Die Lage sei ernst, sagte Max Muster, Sprecher der Polizei, am Montag."
CLOSING_APPOSITION = INVERTED[:6] + [
    ("Max", "PROPN", "nsubj", 5, "", "Max", "pnc", 7),
    ("Muster", "PROPN", "flat", 6, "", "Muster", "sb", 5),
    (",", "PUNCT", "punct", 9, "", ",", "punct", 9),
    ("Sprecher", "NOUN", "appos", 6, "", "Sprecher", "app", 7),
    ("der", "DET", "det", 11, "Case=Gen", "der", "nk", 11),
    ("Polizei", "NOUN", "nmod", 9, "Case=Gen", "Polizei", "ag", 9),
    (",", "PUNCT", "punct", 9, "", ",", "punct", 9),
    ("am", "ADP", "case", 14, "", "an", "mo", 5),
    ("Montag", "NOUN", "obl", 5, "", "Montag", "nk", 13),
    (".", "PUNCT", "punct", 5, "", ".", "punct", 5),
]


@pytest.mark.parametrize("scheme", ["ud", "tiger", "none"])
def test_a_phrase_without_verb_closing_an_inverted_cue_is_the_speakers_apposition(scheme: str) -> None:
    doc = doc_in(CLOSING_APPOSITION, scheme)
    (quote,) = attribute(doc)
    assert (text_of(doc, quote.quote), text_of(doc, quote.speaker)) == (
        "Die Lage sei ernst", "Max Muster, Sprecher der Polizei")
    # with a verb of its own the phrase opens a relative clause: "…, sagte Max Muster, der Sprecher kennt."
    rows = CLOSING_APPOSITION[:9] + [("der", "PRON", "nsubj", 10, "", "der", "sb", 10),
                                     ("kennt", "VERB", "acl:relcl", 6, "", "kennen", "rc", 7),
                                     (".", "PUNCT", "punct", 5, "", ".", "punct", 5)]
    relative = doc_in(rows, scheme)
    (quote,) = attribute(relative)
    assert text_of(relative, quote.speaker) == "Max Muster"


# "Nach Angaben der Sprecherin gegenüber der Zeitung ist die Lage ernst."
SOURCE_WITH_ADDRESSEE = [
    ("Nach", "ADP", "case", 1, "", "nach", "mo", 7),
    ("Angaben", "NOUN", "obl", 10, "Case=Dat", "Angabe", "nk", 0),
    ("der", "DET", "det", 3, "Case=Gen", "der", "nk", 3),
    ("Sprecherin", "NOUN", "nmod", 1, "Case=Gen", "Sprecherin", "ag", 1),
    ("gegenüber", "ADP", "case", 6, "", "gegenüber", "mo", 3),
    ("der", "DET", "det", 6, "Case=Dat", "der", "nk", 6),
    ("Zeitung", "NOUN", "nmod", 3, "Case=Dat", "Zeitung", "nk", 4),
    ("ist", "AUX", "cop", 10, "Mood=Ind|VerbForm=Fin", "sein", "ROOT", 7),
    ("die", "DET", "det", 9, "Case=Nom", "der", "nk", 9),
    ("Lage", "NOUN", "nsubj", 10, "Case=Nom", "Lage", "sb", 7),
    ("ernst", "ADJ", "ROOT", 10, "", "ernst", "pd", 7),
    (".", "PUNCT", "punct", 10, "", ".", "punct", 7),
]


@pytest.mark.parametrize("scheme", ["ud", "tiger", "none"])
def test_a_fronted_source_ends_before_whom_it_was_said_to(scheme: str) -> None:
    doc = doc_in(SOURCE_WITH_ADDRESSEE, scheme)
    (quote,) = attribute(doc)
    assert (text_of(doc, quote.quote), text_of(doc, quote.speaker)) == ("ist die Lage ernst", "Angaben der Sprecherin")
