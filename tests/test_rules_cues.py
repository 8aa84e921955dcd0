"""Cue verbs recognised in every form, with the lemma and separated particle."""

from __future__ import annotations

import pytest

from quotex.rules.cues import find_verb_cue
from quotex.rules.lexicon import Lexicons
from quotex.rules.syntax import TIGER, UD

from hand_docs import from_rows

LEX = Lexicons.from_package()


def test_lexicon_has_at_least_300_verbs_each_with_a_lemma() -> None:
    lemmas = {r.lemma for readings in LEX.verb_forms.values() for r in readings}
    assert len(lemmas) >= 300
    assert {"sagen", "mitteilen", "zurückweisen", "hinzufügen", "versprechen"} <= lemmas


@pytest.mark.parametrize(
    "form, lemma, particle",
    [
        ("sagte", "sagen", None),
        ("erklärt", "erklären", None),
        ("teilte", "mitteilen", "mit"),
        ("mitgeteilt", "mitteilen", None),
        ("mitzuteilen", "mitteilen", None),
        ("wies", "zurückweisen", "zurück"),
        ("fügte", "hinzufügen", "hinzu"),
        ("hinzugefügt", "hinzufügen", None),
        ("versprochen", "versprechen", None),
        ("beschlossen", "beschließen", None),
        ("räumte", "einräumen", "ein"),
        ("kritisierte", "kritisieren", None),
        ("kritisiert", "kritisieren", None),
        ("gab", "bekanntgeben", "bekannt"),
        ("betonte", "betonen", None),
        ("schrieb", "schreiben", None),
    ],
)
def test_generated_forms(form: str, lemma: str, particle: str | None) -> None:
    assert any(r.lemma == lemma and r.particle == particle for r in LEX.verb_forms[form])


def test_split_particle_verb_is_one_cue_with_both_parts_ud_and_tiger() -> None:
    # Die Polizei wies die Vorwürfe zurück .
    for scheme, labels in ((UD, ("det", "nsubj", "ROOT", "det", "obj", "compound:prt", "punct")),
                           (TIGER, ("nk", "sb", "ROOT", "nk", "oa", "svp", "punct"))):
        heads = [1, 2, 2, 4, 2, 2, 2]
        words = ["Die", "Polizei", "wies", "die", "Vorwürfe", "zurück", "."]
        pos = ["DET", "NOUN", "VERB", "DET", "NOUN", "ADP", "PUNCT"]
        doc = from_rows([(w, p, d, h) for w, p, d, h in zip(words, pos, labels, heads)])
        cue = find_verb_cue(doc[2], LEX, scheme, len(doc))
        assert cue is not None and cue.lemma == "zurückweisen" and cue.tokens == (2, 5)


def test_particle_found_without_a_parse_only_at_the_clause_end() -> None:
    # "gab an, dass" (particle) vs "gab an die Presse" (preposition)
    doc = from_rows([("Er", "PRON", "", 0), ("gab", "VERB", "", 0), ("an", "ADP", "", 0), (",", "PUNCT", "", 0),
                 ("dass", "SCONJ", "", 0), ("es", "PRON", "", 0), ("regnet", "VERB", "", 0)], parsed=False)
    cue = find_verb_cue(doc[1], LEX, None, len(doc))
    assert cue is not None and cue.lemma == "angeben" and cue.tokens == (1, 2)
    doc = from_rows([("Er", "PRON", "", 0), ("gab", "VERB", "", 0), ("an", "ADP", "", 0), ("die", "DET", "", 0),
                 ("Presse", "NOUN", "", 0), ("weiter", "ADV", "", 0)], parsed=False)
    assert find_verb_cue(doc[1], LEX, None, len(doc)) is None


def test_auxiliaries_belong_to_a_participle_cue_not_to_a_finite_one() -> None:
    # "Er hat es gesagt": "hat" is part of the cue
    doc = from_rows([("Er", "PRON", "nsubj", 3), ("hat", "AUX", "aux", 3, "VerbForm=Fin"), ("es", "PRON", "obj", 3),
                 ("gesagt", "VERB", "ROOT", 3, "VerbForm=Part"), (".", "PUNCT", "punct", 3)])
    cue = find_verb_cue(doc[3], LEX, UD, len(doc))
    assert cue is not None and cue.tokens == (1, 3)
    # a finite auxiliary of the quote that the parser hung onto a finite cue is not
    doc = from_rows([("„", "PUNCT", "punct", 3), ("Wir", "PRON", "nsubj", 3), ("werden", "AUX", "aux", 6, "VerbForm=Fin"),
                 ("drängen", "VERB", "ccomp", 6, "VerbForm=Inf"), ("“", "PUNCT", "punct", 3), (",", "PUNCT", "punct", 6),
                 ("fügte", "VERB", "ROOT", 6, "VerbForm=Fin"), ("er", "PRON", "nsubj", 6),
                 ("hinzu", "ADP", "compound:prt", 6), (".", "PUNCT", "punct", 6)])
    cue = find_verb_cue(doc[6], LEX, UD, len(doc))
    assert cue is not None and cue.lemma == "hinzufügen" and cue.tokens == (6, 8)


def test_nouns_and_adjectives_are_no_cue_verbs() -> None:
    doc = from_rows([("die", "DET", "", 0), ("angekündigte", "ADJ", "", 0), ("Reform", "NOUN", "", 0)], parsed=False)
    assert find_verb_cue(doc[1], LEX, None, len(doc)) is None


def test_a_cue_verb_tagged_adjective_before_the_subject_of_an_inverted_cue_is_a_verb() -> None:
    for words, tags in (("Das sei unklar , verlautbarte Peter Sharp .", "PRON AUX ADJ PUNCT ADJ PROPN PROPN PUNCT"),
                        ("Das sei unklar , verlautbarte die Firma .", "PRON AUX ADJ PUNCT ADJ DET NOUN PUNCT")):
        doc = from_rows([(w, p, "", 0) for w, p in zip(words.split(), tags.split())], parsed=False)
        assert find_verb_cue(doc[4], LEX, None, len(doc)) is not None
    # before a noun after a comma it is an adjective: "…, angekündigte Reformen"
    doc = from_rows([(w, p, "", 0) for w, p in zip("Sie nannte Steuern , angekündigte Reformen .".split(),
                                                   "PRON VERB NOUN PUNCT ADJ NOUN PUNCT".split())], parsed=False)
    assert find_verb_cue(doc[4], LEX, None, len(doc)) is None


@pytest.mark.parametrize(
    "word, pos, lemma, morph, strength",
    [
        ("sei", "AUX", "sein", "", 2),
        ("habe", "AUX", "haben", "", 2),
        ("gebe", "VERB", "geben", "", 2),
        ("liege", "VERB", "liegen", "", 2),
        ("stimme", "VERB", "stimmen", "Mood=Sub", 2),
        ("hätten", "AUX", "haben", "", 1),
        ("sei", "AUX", "sein", "Mood=Sub|Person=1", 2),
        ("gilt", "VERB", "gelten", "Mood=Sub", 0),
        ("waren", "AUX", "sein", "Mood=Sub", 0),
        ("ist", "AUX", "sein", "Mood=Ind", 0),
        ("gab", "VERB", "geben", "", 0),
        # Konjunktiv II of a strong verb: an umlaut its infinitive lacks, whatever mood the tagger gives
        ("befänden", "VERB", "befinden", "Mood=Ind", 1),
        ("läge", "VERB", "liegen", "", 1),
        ("fanden", "VERB", "finden", "", 0),
        ("wählen", "VERB", "wählen", "", 0),
    ],
)
def test_konjunktiv(word: str, pos: str, lemma: str, morph: str, strength: int) -> None:
    doc = from_rows([("Es", "PRON", "", 0, "", "es"), (word, pos, "", 0, morph, lemma)], parsed=False)
    assert LEX.konjunktiv_strength(doc[1]) == strength


def test_first_person_e_form_is_not_konjunktiv() -> None:
    doc = from_rows([("ich", "PRON", "", 0, "", "ich"), ("gebe", "VERB", "", 0, "", "geben")], parsed=False)
    assert LEX.konjunktiv_strength(doc[1]) == 0


def test_a_lemma_names_a_cue_verb_but_never_matches_its_inflected_forms() -> None:
    # "Er geriet in Verdacht ." - the lemma "geraten" is also the participle of the cue "raten"
    rows = [("Er", "PRON", "nsubj", 1, "", "er"), ("geriet", "VERB", "ROOT", 1, "", "geraten"),
            ("in", "ADP", "case", 3), ("Verdacht", "NOUN", "obl", 1), (".", "PUNCT", "punct", 1)]
    assert find_verb_cue(from_rows(rows)[1], LEX, UD, 5) is None
    # a form the lexicon does not generate, recognised by its lemma: "sagete" (a typo) of "sagen"
    rows[1] = ("sagete", "VERB", "ROOT", 1, "", "sagen")
    cue = find_verb_cue(from_rows(rows)[1], LEX, UD, 5)
    assert cue is not None and cue.lemma == "sagen"


@pytest.mark.parametrize(
    "words, tags, verb, cue",
    [
        # the expletive of an impersonal cue
        ("In der Erklärung heißt es , die Lage sei ernst .", "ADP DET NOUN VERB PRON PUNCT DET NOUN AUX ADJ PUNCT",
         3, "heißt es"),
        # the reflexive pronoun
        ("Der Minister meldete sich am Abend zu Wort .", "DET NOUN VERB PRON ADP NOUN ADP NOUN PUNCT", 2,
         "meldete sich"),
        # a pronominal adverb announcing the content, inside the verb bracket or before the comma
        ("Die Polizei geht davon aus , dass er floh .", "DET NOUN VERB ADV ADP PUNCT SCONJ PRON VERB PUNCT", 2,
         "geht davon aus"),
        ("Er rief die Bürger dazu auf , Ruhe zu bewahren .", "PRON VERB DET NOUN ADV ADP PUNCT NOUN PART VERB PUNCT",
         1, "rief dazu auf"),
        ("Er verwies darauf , dass es regnet .", "PRON VERB ADV PUNCT SCONJ PRON VERB PUNCT", 1, "verwies darauf"),
        # the "als" of a judgement, after or before the verb
        ("Sie bezeichnete das Urteil als Skandal .", "PRON VERB DET NOUN ADP NOUN PUNCT", 1, "bezeichnete als"),
        ("Er hat das als Skandal bezeichnet .", "PRON AUX PRON ADP NOUN VERB PUNCT", 5, "als bezeichnet"),
        # the phrase that hands the verb its content
        ("Er meldete sich mit den Worten : „ Ich bleibe . “", "PRON VERB PRON ADP DET NOUN PUNCT PUNCT PRON VERB PUNCT PUNCT",
         1, "meldete sich mit den Worten"),
        ("Er wird mit den Worten zitiert : „ Ich bleibe . “",
         "PRON AUX ADP DET NOUN VERB PUNCT PUNCT PRON VERB PUNCT PUNCT", 5, "mit den Worten zitiert"),
        # an "als" that opens a clause of its own is none of the cue's
        ("Als er kam , sagte er nichts .", "SCONJ PRON VERB PUNCT VERB PRON PRON PUNCT", 4, "sagte"),
        ("Er sagte es ihr .", "PRON VERB PRON PRON PUNCT", 1, "sagte"),
    ],
)
def test_cue_takes_every_word_of_it(words: str, tags: str, verb: int, cue: str) -> None:
    doc = from_rows([(w, p, "", 0) for w, p in zip(words.split(), tags.split())], parsed=False)
    found = find_verb_cue(doc[verb], LEX, None, len(doc))
    assert found is not None
    assert " ".join(doc[i].text for i in sorted(found.tokens)) == cue


@pytest.mark.parametrize(
    "words, tags, verb, found",
    [
        # a definition: the impersonal "man" names a thing, nobody says anything
        ("Segler nannte man Schiffe , die mit Wind fuhren .", "NOUN VERB PRON NOUN PUNCT PRON ADP NOUN VERB PUNCT", 1, False),
        ("Das nennt man einen „ Aktiensplit “ .", "PRON VERB PRON DET PUNCT NOUN PUNCT PUNCT", 1, False),
        # a name the subject gives itself, even with a bracket inside the name
        ("Die Gruppe , die sich „ Rat für Reform ( RfR ) “ nennt , tagt .",
         "DET NOUN PUNCT PRON PRON PUNCT NOUN ADP NOUN PUNCT PROPN PUNCT PUNCT VERB PUNCT VERB PUNCT", 13, False),
        # a speaker who names something
        ("Der Minister nannte den Plan einen „ Fehler “ .", "DET NOUN VERB DET NOUN DET PUNCT NOUN PUNCT PUNCT", 2, True),
        ("Er nannte drei Bedingungen , die man erfüllen müsse .",
         "PRON VERB NUM NOUN PUNCT PRON PRON VERB AUX PUNCT", 1, True),
        # a participle naming a thing as an attribute, with no verb in its clause
        ("Das Profil , auch „ Plus “ genannt , ist neu .", "DET NOUN PUNCT ADV PUNCT PROPN PUNCT VERB PUNCT AUX ADJ PUNCT",
         7, False),
        # a participle in a passive keeps reporting what was said
        ("Der Plan wird von Experten als „ Fehler “ bezeichnet .",
         "DET NOUN AUX ADP NOUN ADP PUNCT NOUN PUNCT VERB PUNCT", 9, True),
    ],
)
def test_naming_by_man_oneself_or_an_agentless_participle_is_no_statement(words: str, tags: str, verb: int, found: bool) -> None:
    participles = ("genannt", "bezeichnet")
    doc = from_rows([(w, p, "", 0, "VerbForm=Part" if w in participles and p == "VERB" else "")
                     for w, p in zip(words.split(), tags.split())], parsed=False)
    assert (find_verb_cue(doc[verb], LEX, None, len(doc)) is not None) == found


def test_noticing_is_no_statement() -> None:
    doc = from_rows([(w, p, "", 0) for w, p in zip("Als sie bemerkte , dass der Zug fehlte , ging sie .".split(),
                                                   "SCONJ PRON VERB PUNCT SCONJ DET NOUN VERB PUNCT VERB PRON PUNCT".split())],
                    parsed=False)
    assert find_verb_cue(doc[2], LEX, None, len(doc)) is None
