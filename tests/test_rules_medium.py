"""``medium``: how a quote was uttered, read from its cue through ``media.txt``."""

from __future__ import annotations

from hand_docs import NLP

from quotex.records import Cue
from quotex.rules import attribute
from quotex.rules.cues import medium_of
from quotex.rules.lexicon import Lexicons

LEX = Lexicons.from_package()


def cue(text: str, words: str, lemma: str | None) -> Cue:
    start = text.index(words)
    return Cue(((start, start + len(words)),), lemma=lemma)


def test_the_cue_verb_decides() -> None:
    text = "Er sagte es. Sie schrieb es. Er glaubt es. Sie dachte nach."
    assert medium_of(cue(text, "sagte", "sagen"), text, LEX) == "speech"
    assert medium_of(cue(text, "schrieb", "schreiben"), text, LEX) == "writing"
    assert medium_of(cue(text, "glaubt", "glauben"), text, LEX) == "speech_or_thought"
    assert medium_of(cue(text, "dachte", "nach|denken".replace("|", "")), text, LEX) == "thought"


def test_a_statement_noun_of_the_cue_decides_before_the_preposition() -> None:
    text = "nach Angaben der Polizei; seiner Ansicht nach; laut Polizei"
    assert medium_of(cue(text, "nach Angaben", "nach"), text, LEX) == "speech_or_writing"
    assert medium_of(Cue(((text.index("Ansicht"), text.index("Ansicht") + 7), (text.index("nach;"), text.index("nach;") + 4)),
                         lemma="nach"), text, LEX) == "speech_or_thought"
    assert medium_of(cue(text, "laut", "laut"), text, LEX) == "speech_or_writing"


def test_no_cue_no_medium_and_unlisted_cues_take_the_default() -> None:
    text = "Er zischte."
    assert medium_of(None, text, LEX) is None
    assert medium_of(cue(text, "zischte", "zischen"), text, LEX) == "speech"
    replaced = LEX.replaced({"media.txt": "# test\n* writing\n"})
    assert medium_of(cue(text, "zischte", "zischen"), text, replaced) == "writing"


def test_records_carry_the_medium_and_a_continuation_keeps_it() -> None:
    text = "„Wir kommen morgen“, schrieb die Ministerin. „Wir bleiben dann sicher lange hier in der Stadt.“"
    quotes = attribute(NLP(text))
    assert [(q.cue is not None, q.medium) for q in quotes] == [(True, "writing"), (False, "writing")]


def test_a_person_states_aloud_an_institution_in_a_release() -> None:
    person = attribute(NLP("„Wir kommen morgen“, erklärte die Ministerin."))
    institution = attribute(NLP("„Wir kommen morgen“, erklärte das Ministerium."))
    person_source = attribute(NLP("Laut der Ministerin komme die Hilfe morgen."))
    source = attribute(NLP("Laut der Polizei komme die Hilfe morgen."))
    assert [(q.speaker.label, q.medium) for q in person] == [("PER", "speech")]
    assert [(q.speaker.label, q.medium) for q in institution] == [("ORG", "speech_or_writing")]
    assert [q.medium for q in person_source] == ["speech"]
    assert [q.medium for q in source] == ["speech_or_writing"]


def test_a_continuation_takes_the_medium_of_its_speakers_quote_not_the_last_one() -> None:
    text = ("„Wir kommen morgen wieder“, schrieb Anna Berg. „Das glaube ich nicht“, sagte Otto Kahn. "
            "Anna Berg: „Wir kommen ganz sicher wieder zurück.“")
    quotes = attribute(NLP(text))
    assert [(q.speaker.text(text), q.cue is not None, q.medium) for q in quotes] == [
        ("Anna Berg", True, "writing"), ("Otto Kahn", True, "speech"), ("Anna Berg", False, "writing")]
