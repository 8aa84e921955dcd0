"""``medium``: how a quote was uttered, read from its cue and the sentence around it through ``media.txt``."""

from __future__ import annotations

from dataclasses import replace

from hand_docs import NLP, from_rows

from quotex.rules import attribute
from quotex.rules.cues import medium_of
from quotex.rules.document import Analysis, Found, Mention, Settings
from quotex.rules.lexicon import Lexicons
from quotex.rules.media import in_topic_phrase, usual_medium, written_source

LEX = Lexicons.from_package()


def test_the_cue_verb_decides() -> None:
    assert medium_of("sagte", "sagen", LEX) == "speech"
    assert medium_of("schrieb", "schreiben", LEX) == "writing"
    assert medium_of("glaubt", "glauben", LEX) == "speech_or_thought"
    assert medium_of("dachte", "nach|denken".replace("|", ""), LEX) == "thought"


def test_a_statement_noun_of_the_cue_decides_before_the_preposition() -> None:
    assert medium_of("nach Angaben", "nach", LEX) == "speech_or_writing"
    assert medium_of("Ansicht nach", "nach", LEX) == "speech_or_thought"
    assert medium_of("laut", "laut", LEX) == "speech_or_writing"


def test_no_cue_no_medium_and_unlisted_cues_take_the_default() -> None:
    assert medium_of(None, None, LEX) is None
    assert medium_of("zischte", "zischen", LEX) == "speech"
    replaced = LEX.replaced({"media.txt": "# test\n* writing\n"})
    assert medium_of("zischte", "zischen", replaced) == "writing"


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


def media(text: str) -> list[str | None]:
    return [q.medium for q in attribute(NLP(text))]


def test_a_channel_named_in_the_sentence_decides_an_open_cue() -> None:
    assert media("„Wir kommen morgen“, erklärte das Ministerium auf seiner Website.") == ["writing"]
    assert media("„Wir kommen morgen“, teilte das Ministerium in einem Fernsehinterview mit.") == ["speech"]
    # an unlisted cue has only the lexicon's default medium, which the channel replaces
    assert media("„Wir kommen morgen“, kritisierte das Ministerium in einem Brief.") == ["writing"]


def test_a_cue_that_names_its_medium_is_not_overruled_by_the_sentence() -> None:
    assert media("„Wir kommen morgen“, schrieb die Ministerin nach dem Interview.") == ["writing"]
    assert media("„Wir kommen morgen“, sagte die Ministerin über den Brief.") == ["speech"]


def test_a_channel_inside_the_quote_is_not_the_quotes_channel() -> None:
    assert media("„Der Brief ist gefälscht“, erklärte das Ministerium.") == ["speech_or_writing"]


def test_a_document_or_web_address_as_source_makes_the_statement_written() -> None:
    assert media("Laut dem Entwurf soll die Steuer im nächsten Jahr steigen.") == ["writing"]
    assert media("Den Dokumenten zufolge soll die Steuer im nächsten Jahr steigen.") == ["writing"]
    assert media("Laut der Polizei soll die Steuer im nächsten Jahr steigen.") == ["speech_or_writing"]


def test_a_statement_noun_heading_the_source_decides_unless_it_leaves_the_channel_open() -> None:
    assert media("Laut Aussagen der Polizei soll die Steuer im nächsten Jahr steigen.") == ["speech"]
    assert media("Laut Angaben der Polizei soll die Steuer im nächsten Jahr steigen.") == ["speech_or_writing"]


def test_a_web_address_as_source_makes_the_statement_written() -> None:
    text = "Laut tagesschau.de steigt die Steuer."
    an = Analysis.of(NLP(text), LEX, Settings())
    q = Found(((2, 5),), "indirect", 2, 5, speaker=Mention(1, 2), cue=(0,), lemma="laut")  # Laut | tagesschau.de
    assert written_source(an, q) == "writing"
    assert written_source(an, replace(q, speaker=Mention(0, 1))) is None


def test_channel_and_source_nouns_match_as_compound_heads_and_sources_inflected() -> None:
    assert LEX.noun_medium("Fernsehinterview", "channel") == "speech"
    assert LEX.noun_medium("Zeitungsbericht", "channel") == "writing"
    assert LEX.noun_medium("Gesetzentwurfs", "source") == "writing"
    # a hyphen marks a compound whatever the length of its first part
    assert LEX.noun_medium("ai-Bericht", "channel") == "writing"
    assert LEX.is_cue_noun("UN-Angaben") and not LEX.is_cue_noun("Anmeldung")
    # a document is a channel too: "in seinem Gutachten"
    assert LEX.noun_medium("Gutachten", "channel") == "writing"
    # plural channels name no single channel ("in Gesprächen", "Berichten zufolge")
    assert LEX.noun_medium("Gesprächen", "channel") is None
    assert LEX.noun_medium("Rednerin", "channel") is None
    assert LEX.noun_medium("Ministerin", "source") is None


def test_a_cue_that_names_no_channel_leaves_it_open() -> None:
    # "kritisierte", "forderte auf" name a speech act, which is made aloud or in writing alike
    assert media("„Wir kommen morgen“, kritisierte das Ministerium.") == ["speech_or_writing"]
    assert media("Das Ministerium forderte die Bürger auf, zu Hause zu bleiben.") == ["speech_or_writing"]
    # a person's statement is still most often made aloud
    assert media("„Wir kommen morgen“, kritisierte die Ministerin.") == ["speech"]


def test_a_quote_without_cue_takes_its_speakers_usual_medium_when_nothing_came_before() -> None:
    assert media("Anna Berg: „Wir kommen ganz sicher wieder zurück.“") == ["speech"]
    assert media("Das Ministerium: „Wir kommen ganz sicher wieder zurück.“") == ["speech_or_writing"]
    # with neither cue nor speaker: words quoted verbatim were most likely said (see said_aloud)
    assert media("„Wir kommen ganz sicher wieder zurück.“") == ["speech"]


def test_reported_words_with_neither_cue_nor_speaker_leave_the_channel_open() -> None:
    # a free indirect sentence nobody is named for was still said or written by someone: the open class, not null
    doc = NLP("Die Steuer solle im nächsten Jahr steigen.")
    an = Analysis.of(doc, LEX, Settings())
    q = Found(((0, len(doc)),), "free_indirect", 0, len(doc))
    assert usual_medium(an, q) == "speech_or_writing"


def test_meinte_reports_what_was_said() -> None:
    # "meinen" introducing a quote is "sagen, äußern"; only "glauben" keeps the opinion that may be unspoken
    # „Das wird teuer“, meinte der Minister.
    assert medium_of("meinte", "meinen", LEX) == "speech"


def test_berichten_leaves_the_channel_open() -> None:
    # one reports aloud (to a committee, on air) or in writing alike; the source decides
    # „Das wird teuer“, berichtete er.
    assert medium_of("berichtete", "berichten", LEX) == "speech_or_writing"
    assert media("„Wir kommen morgen“, berichtete die Ministerin.") == ["speech"]
    assert media("„Wir kommen morgen“, berichtete die Zeitung.") == ["writing"]


def test_a_channel_noun_naming_the_addressee_or_topic_is_no_channel() -> None:
    # "gegenüber der Zeitung" is whom it was said to, "zu dem Schreiben" what it was about
    assert media("„Wir kommen morgen“, erklärte das Ministerium gegenüber der Zeitung.") == ["speech_or_writing"]
    assert media("„Wir kommen morgen“, erklärte das Ministerium zu dem Schreiben.") == ["speech_or_writing"]
    assert media("„Wir kommen morgen“, erklärte das Ministerium in dem Schreiben.") == ["writing"]


def test_words_quoted_verbatim_were_said_unless_an_institution_gave_them() -> None:
    # direct speech of a source that is neither a known person nor an institution
    assert media("„Wir kommen morgen“, erklärten die Passagiere.") == ["speech"]
    assert media("Die Passagiere: „Wir kommen ganz sicher wieder zurück.“") == ["speech"]
    # the same source paraphrased, or an institution quoted verbatim (a release), stays open
    assert media("Die Passagiere erklärten, sie kämen morgen wieder.") == ["speech_or_writing"]
    assert media("„Wir kommen morgen“, erklärte das Ministerium.") == ["speech_or_writing"]


def test_an_adjective_does_not_end_the_phrase_of_a_topic_preposition() -> None:
    def topic(preposition: str) -> bool:
        doc = from_rows([("Sie", "PRON", "", 0), ("sprach", "VERB", "", 0), (preposition, "ADP", "", 0),
                         ("dem", "DET", "", 0), ("Hamburger", "ADJ", "", 0), ("Abendblatt", "NOUN", "", 0),
                         (".", "PUNCT", "", 0)], parsed=False)
        return in_topic_phrase(Analysis.of(doc, LEX, Settings()), doc[5])
    assert topic("gegenüber") and not topic("in")


def test_publications_and_documents_are_written_sources() -> None:
    assert media("Laut der Verfassung soll die Steuer im nächsten Jahr steigen.") == ["writing"]
    assert media("„Wir kommen morgen“, berichtete die Zeitschrift.") == ["writing"]
    assert media("„Wir kommen morgen“, forderte die Resolution.") == ["writing"]
    assert media("„Wir kommen morgen“, teilte das Ministerium in einer Notiz mit.") == ["writing"]


def test_a_compound_statement_noun_has_its_heads_medium() -> None:
    assert medium_of("nach Zeugenaussagen", "nach", LEX) == "speech"
    assert media("Laut Zeugenaussagen soll die Steuer im nächsten Jahr steigen.") == ["speech"]
