"""``Analysis.record``: the one place a quote found in tokens becomes character spans."""

from __future__ import annotations

from hand_docs import NLP

from quotex.rules.document import Affiliation, Analysis, Found, Mention


def _token(doc, text: str) -> int:
    return next(t.i for t in doc if t.text == text)


def test_every_part_points_at_the_words_its_tokens_cover() -> None:
    text = "NATO-Generalsekretär Jens Stoltenberg teilte am Montag mit, die Lage sei ernst."
    doc = NLP(text)
    an = Analysis.of_doc(doc)
    teilte, mit, die, dot = _token(doc, "teilte"), _token(doc, "mit"), _token(doc, "die"), _token(doc, ".")
    found = Found(
        ((die, dot),), "indirect", die, dot,
        speaker=Mention(0, teilte, name="Jens Stoltenberg", label="PER"),
        cue=(mit, teilte), lemma="mitteilen",
        organization=Affiliation(0, 1, "NATO", cut=len("-Generalsekretär")),
        frame=((0, die),),
        medium="speech_or_writing",
    )
    record = an.record(found)
    assert record.quote.spans == ((text.index("die"), text.index("ernst") + len("ernst")),)
    assert record.speaker.text(text) == "NATO-Generalsekretär Jens Stoltenberg"
    assert (record.speaker.name, record.speaker.label) == ("Jens Stoltenberg", "PER")
    # the cue's tokens in text order, one span per run of adjacent tokens
    teilte_at, mit_at = text.index("teilte"), text.index("mit,")
    assert record.cue.spans == ((teilte_at, teilte_at + len("teilte")), (mit_at, mit_at + len("mit")))
    assert record.cue.lemma == "mitteilen"
    # the organization is part of a word
    assert record.organization.spans == ((0, 4),) and record.organization.name == "NATO"
    assert record.frame.text(text) == "NATO-Generalsekretär Jens Stoltenberg teilte am Montag mit,"
    assert (record.type, record.medium, record.addressee) == ("indirect", "speech_or_writing", None)


def test_a_frame_of_punctuation_only_is_no_frame() -> None:
    text = "„Es brennt“, sagte sie."
    doc = NLP(text)
    an = Analysis.of_doc(doc)
    comma = _token(doc, ",")
    record = an.record(Found(((0, comma),), "direct", 0, comma, frame=((comma, comma + 1),)))
    assert record.frame is None
