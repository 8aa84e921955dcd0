"""Speaker name and label resolution on hand-built Docs (UD, TIGER, no parse)."""

from __future__ import annotations

import pytest

from hand_docs import NLP, from_table, quote
from quotex.rules.document import Analysis, Found
from quotex.rules.speakers import Article, resolve_speakers

# „Ja“, sagte die Sprecherin des Weißen Hauses, Jen Psaki.
# Nato-Generalsekretär Jens Stoltenberg sagte: „Nein.“
# „Gut“, fügte er hinzu.
# „Nie“, sagte Psaki.
# Die Sprecherin von US-Präsident Joe Biden betonte: „Klar.“
# „Nein“, ergänzte der Kreml.
ARTICLE = """
„                    PUNCT O     _                               1  punct     punct
Ja                   INTJ  O     _                               4  ccomp     oc
“                    PUNCT O     _                               1  punct     punct
,                    PUNCT O     _                               4  punct     punct
sagte                VERB  O     Mood=Ind|Number=Sing|Tense=Past 4  ROOT      ROOT
die                  DET   O     Case=Nom|Gender=Fem|Number=Sing 6  det       nk
Sprecherin           NOUN  O     Case=Nom|Gender=Fem|Number=Sing 4  nsubj     sb
des                  DET   O     Case=Gen|Gender=Neut|Number=Sing 9 det       nk
Weißen               ADJ   B-ORG Case=Gen|Gender=Neut|Number=Sing 9 amod      nk
Hauses               NOUN  I-ORG Case=Gen|Gender=Neut|Number=Sing 6 nmod      ag
,                    PUNCT O     _                               11 punct     punct
Jen                  PROPN B-PER _                               6  appos     pnc
Psaki                PROPN I-PER _                               11 flat      app
.                    PUNCT O     _                               4  punct     punct
Nato-Generalsekretär NOUN  O     Case=Nom|Gender=Masc|Number=Sing 17 nsubj    nk
Jens                 PROPN B-PER _                               14 appos     pnc
Stoltenberg          PROPN I-PER _                               15 flat      sb
sagte                VERB  O     Mood=Ind|Number=Sing|Tense=Past 17 ROOT      ROOT
:                    PUNCT O     _                               17 punct     punct
„                    PUNCT O     _                               20 punct     punct
Nein                 INTJ  O     _                               17 ccomp     oc
.                    PUNCT O     _                               20 punct     punct
“                    PUNCT O     _                               20 punct     punct
„                    PUNCT O     _                               24 punct     punct
Gut                  ADJ   O     _                               27 ccomp     oc
“                    PUNCT O     _                               24 punct     punct
,                    PUNCT O     _                               27 punct     punct
fügte                VERB  O     Mood=Ind|Number=Sing|Tense=Past 27 ROOT      ROOT
er                   PRON  O     Case=Nom|Gender=Masc|Number=Sing 27 nsubj    sb
hinzu                ADP   O     _                               27 compound:prt svp
.                    PUNCT O     _                               27 punct     punct
„                    PUNCT O     _                               32 punct     punct
Nie                  ADV   O     _                               35 ccomp     oc
“                    PUNCT O     _                               32 punct     punct
,                    PUNCT O     _                               35 punct     punct
sagte                VERB  O     Mood=Ind|Number=Sing|Tense=Past 35 ROOT      ROOT
Psaki                PROPN B-PER _                               35 nsubj     sb
.                    PUNCT O     _                               35 punct     punct
Die                  DET   O     Case=Nom|Gender=Fem|Number=Sing 39 det       nk
Sprecherin           NOUN  O     Case=Nom|Gender=Fem|Number=Sing 44 nsubj     sb
von                  ADP   O     _                               41 case      pg
US-Präsident         NOUN  O     Case=Dat|Gender=Masc|Number=Sing 39 nmod     nk
Joe                  PROPN B-PER _                               41 appos     pnc
Biden                PROPN I-PER _                               42 flat      nk
betonte              VERB  O     Mood=Ind|Number=Sing|Tense=Past 44 ROOT      ROOT
:                    PUNCT O     _                               44 punct     punct
„                    PUNCT O     _                               47 punct     punct
Klar                 ADJ   O     _                               44 ccomp     oc
.                    PUNCT O     _                               47 punct     punct
“                    PUNCT O     _                               47 punct     punct
„                    PUNCT O     _                               51 punct     punct
Nein                 INTJ  O     _                               54 ccomp     oc
“                    PUNCT O     _                               51 punct     punct
,                    PUNCT O     _                               54 punct     punct
ergänzte             VERB  O     Mood=Ind|Number=Sing|Tense=Past 54 ROOT      ROOT
der                  DET   O     Case=Nom|Gender=Masc|Number=Sing 56 det      nk
Kreml                PROPN B-ORG Case=Nom|Gender=Masc|Number=Sing 54 nsubj   sb
.                    PUNCT O     _                               54 punct     punct
"""
# (quote tokens, speaker tokens, cue token) of the six quotes above
QUOTES = [((0, 2), (5, 12), 4), ((19, 22), (14, 16), 17), ((23, 25), (28, 28), 27),
          ((31, 33), (36, 36), 35), ((46, 49), (38, 43), 44), ((50, 52), (55, 56), 54)]
EXPECTED = [
    ("Jen Psaki", "PER"),  # apposition, not the Weißes Haus of the genitive
    ("Jens Stoltenberg", "PER"),  # the name after the role compound
    ("Jens Stoltenberg", "PER"),  # "er": the last male person (Jens is a male first name)
    ("Jen Psaki", "PER"),  # a surname alone -> the full name introduced before
    ("Jen Psaki", "PER"),  # "die Sprecherin von ... Biden": the earlier Sprecherin, not Biden
    ("Kreml", "ORG"),  # an organization speaks, named without its article
]


@pytest.mark.parametrize("scheme", ["ud", "tiger", None])
def test_names_and_labels_in_both_schemes_and_without_parse(scheme: str | None) -> None:
    doc = from_table(ARTICLE, scheme)
    quotes = [quote(doc, *q) for q in QUOTES]
    resolved = resolve_speakers(doc, quotes)
    assert [(q.speaker.name, q.speaker.label) for q in resolved] == EXPECTED
    # the mention itself is untouched
    assert [q.speaker.span for q in resolved] == [q.speaker.span for q in quotes]


def test_without_entities_names_come_from_proper_nouns() -> None:
    doc = from_table(ARTICLE, "ud", entities=False)
    resolved = resolve_speakers(doc, [quote(doc, *q) for q in QUOTES])
    assert [(q.speaker.name, q.speaker.label) for q in resolved] == EXPECTED


# Außenminister Heiko Maas traf Annalena Baerbock. „Ich habe mit Olaf gesprochen“, sagte sie.
# „Gut“, sagte der Minister. „Schlecht“, sagte ein Sprecher.
PRONOUNS = """
Außenminister NOUN  O     Case=Nom|Gender=Masc|Number=Sing 3  nsubj  sb
Heiko         PROPN B-PER _                                0  appos  pnc
Maas          PROPN I-PER _                                1  flat   nk
traf          VERB  O     Mood=Ind|Number=Sing|Tense=Past  3  ROOT   ROOT
Annalena      PROPN B-PER _                                3  obj    pnc
Baerbock      PROPN I-PER _                                4  flat   oa
.             PUNCT O     _                                3  punct  punct
„             PUNCT O     _                                9  punct  punct
Ich           PRON  O     Case=Nom|Number=Sing|Person=1    9  nsubj  sb
habe          AUX   O     _                                15 ccomp  oc
mit           ADP   O     _                                11 case   mo
Olaf          PROPN B-PER _                                9  obl    nk
gesprochen    VERB  O     _                                9  xcomp  oc
“             PUNCT O     _                                9  punct  punct
,             PUNCT O     _                                15 punct  punct
sagte         VERB  O     Mood=Ind|Number=Sing|Tense=Past  15 ROOT   ROOT
sie           PRON  O     Case=Nom|Gender=Fem|Number=Sing  15 nsubj  sb
.             PUNCT O     _                                15 punct  punct
„             PUNCT O     _                                19 punct  punct
Gut           ADJ   O     _                                22 ccomp  oc
“             PUNCT O     _                                19 punct  punct
,             PUNCT O     _                                22 punct  punct
sagte         VERB  O     Mood=Ind|Number=Sing|Tense=Past  22 ROOT   ROOT
der           DET   O     Case=Nom|Gender=Masc|Number=Sing 24 det    nk
Minister      NOUN  O     Case=Nom|Gender=Masc|Number=Sing 22 nsubj  sb
.             PUNCT O     _                                22 punct  punct
„             PUNCT O     _                                27 punct  punct
Schlecht      ADJ   O     _                                30 ccomp  oc
“             PUNCT O     _                                27 punct  punct
,             PUNCT O     _                                30 punct  punct
sagte         VERB  O     Mood=Ind|Number=Sing|Tense=Past  30 ROOT   ROOT
ein           DET   O     Case=Nom|Gender=Masc|Number=Sing 32 det    nk
Sprecher      NOUN  O     Case=Nom|Gender=Masc|Number=Sing 30 nsubj  sb
.             PUNCT O     _                                30 punct  punct
"""


@pytest.mark.parametrize("scheme", ["ud", "tiger", None])
def test_pronoun_definite_description_and_unnamed_person(scheme: str | None) -> None:
    doc = from_table(PRONOUNS, scheme)
    quotes = [quote(doc, (7, 13), (16, 16), 15), quote(doc, (18, 20), (23, 24), 22), quote(doc, (26, 28), (31, 32), 30)]
    resolved = resolve_speakers(doc, quotes)
    assert [(q.speaker.name, q.speaker.label) for q in resolved] == [
        ("Annalena Baerbock", "PER"),  # "sie": female; Olaf inside the quote is not a candidate anyway
        ("Heiko Maas", "PER"),  # "der Minister": the person introduced as Außenminister
        (None, "PER"),  # "ein Sprecher": a person the text does not name
    ]


def test_er_skips_names_inside_quoted_speech() -> None:
    # the same text with "er": Olaf (inside the quote) is nearer, Heiko Maas is who speaks
    table = PRONOUNS.replace(
        "sie           PRON  O     Case=Nom|Gender=Fem|Number=Sing", "er            PRON  O     Case=Nom|Gender=Masc|Number=Sing"
    )
    doc = from_table(table, "ud")
    assert doc[16].text == "er"
    (resolved,) = resolve_speakers(doc, [quote(doc, (7, 13), (16, 16), 15)])
    assert (resolved.speaker.name, resolved.speaker.label) == ("Heiko Maas", "PER")


# Außenminister Donald Rumsfeld kritisierte den Iran. Der iranische Vize-Außenminister widersprach. „Nein“, sagte er.
# Ilse Aigner lobte das Gesetz. Die Fraktion widersprach. „Nein“, sagte sie.
UNNAMED_SUBJECTS = """
Außenminister      NOUN  O     Case=Nom|Gender=Masc|Number=Sing 3  nsubj  nk
Donald             PROPN B-PER _                                0  appos  pnc
Rumsfeld           PROPN I-PER _                                1  flat   sb
kritisierte        VERB  O     Mood=Ind|Number=Sing|Tense=Past  3  ROOT   ROOT
den                DET   O     Case=Acc|Gender=Masc|Number=Sing 5  det    nk
Iran               PROPN B-LOC Case=Acc|Gender=Masc|Number=Sing 3  obj    oa
.                  PUNCT O     _                                3  punct  punct
Der                DET   O     Case=Nom|Gender=Masc|Number=Sing 9  det    nk
iranische          ADJ   O     Case=Nom|Gender=Masc|Number=Sing 9  amod   nk
Vize-Außenminister NOUN  O     Case=Nom|Gender=Masc|Number=Sing 10 nsubj  sb
widersprach        VERB  O     Mood=Ind|Number=Sing|Tense=Past  10 ROOT   ROOT
.                  PUNCT O     _                                10 punct  punct
„                  PUNCT O     _                                13 punct  punct
Nein               INTJ  O     _                                16 ccomp  oc
“                  PUNCT O     _                                13 punct  punct
,                  PUNCT O     _                                16 punct  punct
sagte              VERB  O     Mood=Ind|Number=Sing|Tense=Past  16 ROOT   ROOT
er                 PRON  O     Case=Nom|Gender=Masc|Number=Sing 16 nsubj  sb
.                  PUNCT O     _                                16 punct  punct
Ilse               PROPN B-PER _                                21 nsubj  pnc
Aigner             PROPN I-PER _                                19 flat   sb
lobte              VERB  O     Mood=Ind|Number=Sing|Tense=Past  21 ROOT   ROOT
das                DET   O     Case=Acc|Gender=Neut|Number=Sing 23 det    nk
Gesetz             NOUN  O     Case=Acc|Gender=Neut|Number=Sing 21 obj    oa
.                  PUNCT O     _                                21 punct  punct
Die                DET   O     Case=Nom|Gender=Fem|Number=Sing  26 det    nk
Fraktion           NOUN  O     Case=Nom|Gender=Fem|Number=Sing  27 nsubj  sb
widersprach        VERB  O     Mood=Ind|Number=Sing|Tense=Past  27 ROOT   ROOT
.                  PUNCT O     _                                27 punct  punct
„                  PUNCT O     _                                30 punct  punct
Nein               INTJ  O     _                                33 ccomp  oc
“                  PUNCT O     _                                30 punct  punct
,                  PUNCT O     _                                33 punct  punct
sagte              VERB  O     Mood=Ind|Number=Sing|Tense=Past  33 ROOT   ROOT
sie                PRON  O     Case=Nom|Gender=Fem|Number=Sing  33 nsubj  sb
.                  PUNCT O     _                                33 punct  punct
"""


@pytest.mark.parametrize("scheme", ["ud", "tiger"])
def test_pronoun_after_an_unnamed_subject(scheme: str) -> None:
    doc = from_table(UNNAMED_SUBJECTS, scheme)
    quotes = [quote(doc, (12, 14), (17, 17), 16), quote(doc, (29, 31), (34, 34), 33)]
    resolved = resolve_speakers(doc, quotes)
    assert [(q.speaker.name, q.speaker.label) for q in resolved] == [
        (None, "PER"),  # the unnamed Vize-Außenminister, not Rumsfeld named before him
        ("Fraktion", "ORG"),  # the parliamentary group, not Ilse Aigner named before it
    ]


# „Ja“, sagte der Vorsitzende der Gewerkschaft Peter Weber.  „Nein“, sagte der Sprecher des Ministers Karl Lang.
ATTACHED_NAMES = """
„            PUNCT O     _                                1  punct  punct
Ja           INTJ  O     _                                4  ccomp  oc
“            PUNCT O     _                                1  punct  punct
,            PUNCT O     _                                4  punct  punct
sagte        VERB  O     Mood=Ind|Number=Sing|Tense=Past  4  ROOT   ROOT
der          DET   O     Case=Nom|Gender=Masc|Number=Sing 6  det    nk
Vorsitzende  NOUN  O     Case=Nom|Gender=Masc|Number=Sing 4  nsubj  sb
der          DET   O     Case=Gen|Gender=Fem|Number=Sing  8  det    nk
Gewerkschaft NOUN  O     Case=Gen|Gender=Fem|Number=Sing  6  nmod   ag
Peter        PROPN B-PER _                                6  appos  pnc
Weber        PROPN I-PER _                                9  flat   app
.            PUNCT O     _                                4  punct  punct
„            PUNCT O     _                                13 punct  punct
Nein         INTJ  O     _                                16 ccomp  oc
“            PUNCT O     _                                13 punct  punct
,            PUNCT O     _                                16 punct  punct
sagte        VERB  O     Mood=Ind|Number=Sing|Tense=Past  16 ROOT   ROOT
der          DET   O     Case=Nom|Gender=Masc|Number=Sing 18 det    nk
Sprecher     NOUN  O     Case=Nom|Gender=Masc|Number=Sing 16 nsubj  sb
des          DET   O     Case=Gen|Gender=Masc|Number=Sing 20 det    nk
Ministers    NOUN  O     Case=Gen|Gender=Masc|Number=Sing 18 nmod   ag
Karl         PROPN B-PER _                                20 appos  pnc
Lang         PROPN I-PER _                                21 flat   nk
.            PUNCT O     _                                16 punct  punct
"""


@pytest.mark.parametrize("scheme", ["ud", "tiger", None])
def test_name_after_an_attached_organization_is_the_speaker_after_a_role_it_is_not(scheme: str | None) -> None:
    doc = from_table(ATTACHED_NAMES, scheme)
    quotes = [quote(doc, (0, 2), (5, 10), 4), quote(doc, (12, 14), (17, 22), 16)]
    assert [(q.speaker.name, q.speaker.label) for q in resolve_speakers(doc, quotes)] == [
        ("Peter Weber", "PER"),
        (None, "PER"),  # the Minister's spokesman, not Karl Lang
    ]


# „Nein“, sagte der Bürgermeister von Freising Herr Dieter Thalhammer.  (the recognizer took the name for a place)
# „Ja“, sagte der EU-Kommissar für Energie Günther Oettinger.
MISSED_NAMES = """
„            PUNCT O     _                                1  punct  punct
Nein         PART  O     _                                4  ccomp  oc
“            PUNCT O     _                                1  punct  punct
,            PUNCT O     _                                4  punct  punct
sagte        VERB  O     Mood=Ind|Number=Sing|Tense=Past  4  ROOT   ROOT
der          DET   O     Case=Nom|Gender=Masc|Number=Sing 6  det    nk
Bürgermeister NOUN O     Case=Nom|Gender=Masc|Number=Sing 4  nsubj  sb
von          ADP   O     _                                8  case   pg
Freising     PROPN B-LOC _                                6  nmod   nk
Herr         NOUN  I-LOC _                                10 appos  nk
Dieter       PROPN I-LOC _                                11 flat   pnc
Thalhammer   PROPN I-LOC _                                6  flat   app
.            PUNCT O     _                                4  punct  punct
„            PUNCT O     _                                14 punct  punct
Ja           PART  O     _                                17 ccomp  oc
“            PUNCT O     _                                14 punct  punct
,            PUNCT O     _                                17 punct  punct
sagte        VERB  O     Mood=Ind|Number=Sing|Tense=Past  17 ROOT   ROOT
der          DET   O     Case=Nom|Gender=Masc|Number=Sing 19 det    nk
EU-Kommissar NOUN  O     Case=Nom|Gender=Masc|Number=Sing 17 nsubj  sb
für          ADP   O     _                                21 case   mnr
Energie      NOUN  O     _                                19 nmod   nk
Günther      PROPN B-PER _                                19 appos  pnc
Oettinger    PROPN I-PER _                                22 flat   app
.            PUNCT O     _                                17 punct  punct
"""


@pytest.mark.parametrize("scheme", ["ud", "tiger", None])
def test_names_after_attachments_and_names_the_recognizer_missed(scheme: str | None) -> None:
    doc = from_table(MISSED_NAMES, scheme)
    quotes = [quote(doc, (0, 2), (5, 11), 4), quote(doc, (13, 15), (18, 23), 17)]
    assert [(q.speaker.name, q.speaker.label) for q in resolve_speakers(doc, quotes)] == [
        ("Dieter Thalhammer", "PER"),  # a known first name starts a name, whatever the entity label
        ("Günther Oettinger", "PER"),  # after "für Energie" (no role) the name is the speaker's again
    ]


# Olaf Scholz reiste nach Paris. Nach einem Treffen mit Emmanuel Macron sagte er: „Gut.“
OBLIQUE = """
Olaf      PROPN B-PER _                                1  nsubj  pnc
Scholz    PROPN I-PER _                                2  flat   sb
reiste    VERB  O     Mood=Ind|Number=Sing|Tense=Past  2  ROOT   ROOT
nach      ADP   O     _                                4  case   mo
Paris     PROPN B-LOC _                                2  obl    nk
.         PUNCT O     _                                2  punct  punct
Nach      ADP   O     _                                8  case   mo
einem     DET   O     Case=Dat|Gender=Neut|Number=Sing 8  det    nk
Treffen   NOUN  O     Case=Dat|Gender=Neut|Number=Sing 12 obl    nk
mit       ADP   O     _                                11 case   mnr
Emmanuel  PROPN B-PER _                                8  nmod   pnc
Macron    PROPN I-PER _                                10 flat   nk
sagte     VERB  O     Mood=Ind|Number=Sing|Tense=Past  12 ROOT   ROOT
er        PRON  O     Case=Nom|Gender=Masc|Number=Sing 12 nsubj  sb
:         PUNCT O     _                                12 punct  punct
„         PUNCT O     _                                16 punct  punct
Gut       ADJ   O     _                                12 ccomp  oc
.         PUNCT O     _                                16 punct  punct
“         PUNCT O     _                                16 punct  punct
"""


@pytest.mark.parametrize("scheme", ["ud", "tiger", None])
def test_a_name_in_a_prepositional_phrase_of_the_same_sentence_is_not_er(scheme: str | None) -> None:
    doc = from_table(OBLIQUE, scheme)
    (resolved,) = resolve_speakers(doc, [quote(doc, (15, 18), (13, 13), 12)])
    assert (resolved.speaker.name, resolved.speaker.label) == ("Olaf Scholz", "PER")


def test_a_country_written_in_an_oblique_form_is_named_in_the_nominative() -> None:
    from quotex.rules.nouns import country_name

    assert country_name("Vereinigten Staaten") == "Vereinigte Staaten"


def test_person_entities_split_inside_one_name_are_joined() -> None:
    from quotex.rules.nouns import person_spans

    # Präsident Wolodymyr Selenskyj traf Olaf Scholz und Emmanuel Macron.
    doc = from_table("""
Präsident  NOUN  O     _  0  ROOT  ROOT
Wolodymyr  PROPN B-PER _  0  ROOT  ROOT
Selenskyj  PROPN B-PER _  0  ROOT  ROOT
traf       VERB  O     _  0  ROOT  ROOT
Olaf       PROPN B-PER _  0  ROOT  ROOT
Scholz     PROPN I-PER _  0  ROOT  ROOT
und        CCONJ O     _  0  ROOT  ROOT
Emmanuel   PROPN B-PER _  0  ROOT  ROOT
Macron     PROPN I-PER _  0  ROOT  ROOT
.          PUNCT O     _  0  ROOT  ROOT
""", None)
    assert [span.text for span in person_spans(doc)] == ["Wolodymyr Selenskyj", "Olaf Scholz", "Emmanuel Macron"]


def test_a_first_name_entity_takes_the_surname_the_recognizer_left_out() -> None:
    from quotex.rules.nouns import person_spans

    # Anna Freude sagte
    doc = from_table("""
Anna    PROPN B-PER _  2  nsubj  sb
Freude  PROPN O     _  0  flat   pnc
sagte   VERB  O     _  2  ROOT   ROOT
""", "ud")
    assert [span.text for span in person_spans(doc)] == ["Anna Freude"]


@pytest.mark.parametrize("scheme", ["ud", "tiger", None])
def test_a_bare_surname_the_recognizer_missed_is_still_named(scheme: str | None) -> None:
    # „Nein“, sagte Steinbrück.
    doc = from_table("""
„           PUNCT O _                               1  punct  punct
Nein        INTJ  O _                               4  ccomp  oc
“           PUNCT O _                               1  punct  punct
,           PUNCT O _                               4  punct  punct
sagte       VERB  O Mood=Ind|Number=Sing|Tense=Past 4  ROOT   ROOT
Steinbrück  PROPN O _                               4  nsubj  sb
.           PUNCT O _                               4  punct  punct
""", scheme)
    [resolved] = resolve_speakers(doc, [quote(doc, (0, 2), (5, 5), 4)])
    assert resolved.speaker.name == "Steinbrück"
    assert resolved.speaker.label is None  # a person or an organization: the text does not say


# Der Minister verurteilte die Haltung . „ Das ist falsch und gefährlich für alle . “
STANDALONE = """
Der         DET   O _                               1 det   nk
Minister    NOUN  O Case=Nom|Gender=Masc|Number=Sing 2 nsubj sb
verurteilte VERB  O Mood=Ind|Number=Sing|Tense=Past 2 ROOT  ROOT
die         DET   O Case=Acc|Gender=Fem|Number=Sing 4 det   nk
Haltung     NOUN  O Case=Acc|Gender=Fem|Number=Sing 2 obj   oa
.           PUNCT O _                               2 punct punct
„           PUNCT O _                               8 punct punct
Das         PRON  O Case=Nom                        8 nsubj sb
ist         AUX   O Mood=Ind|Number=Sing|Tense=Pres 8 ROOT  ROOT
falsch      ADJ   O _                               8 advmod pd
und         CCONJ O _                               11 cc    cd
gefährlich  ADJ   O _                               9 conj  cj
für         ADP   O _                               13 case  mo
alle        PRON  O Case=Acc                        11 obl   nk
.           PUNCT O _                               8 punct punct
“           PUNCT O _                               8 punct punct
"""


@pytest.mark.parametrize("scheme", ["ud", "tiger", None])
def test_a_quoted_sentence_without_cue_is_spoken_by_who_the_sentence_before_is_about(scheme: str | None) -> None:
    from quotex.rules import attribute

    doc = from_table(STANDALONE, scheme)
    if scheme is None:
        for token in doc:
            token.is_sent_start = token.i in (0, 6)
    (found,) = attribute(doc)
    assert found.type == "direct" and found.cue is None
    assert found.speaker is not None and found.speaker.text(doc.text) == "Der Minister"


# Ein Sprecher der Polizei , Hauptkommissar Jan Berger sagte , das Flugzeug sei über dem Boden abgestürzt .
OPEN_APPOSITION = """
Ein        DET   O     Case=Nom                         1  det       nk
Sprecher   NOUN  O     Case=Nom|Gender=Masc|Number=Sing 8  nsubj     sb
der        DET   O     Case=Gen                         3  det       nk
Polizei    NOUN  B-ORG Case=Gen|Gender=Fem|Number=Sing  1  nmod      ag
,          PUNCT O     _                                5  punct     punct
Hauptkommissar PROPN B-PER _                                1  appos     app
Jan        PROPN I-PER _                                5  flat:name pnc
Berger     PROPN I-PER _                                5  flat:name pnc
sagte      VERB  O     Mood=Ind|Number=Sing|Tense=Past  8  ROOT      ROOT
,          PUNCT O     _                                16 punct     punct
das        DET   O     Case=Nom                         11 det       nk
Flugzeug   NOUN  O     Case=Nom|Gender=Neut|Number=Sing 16 nsubj     sb
sei        AUX   O     Mood=Sub|Number=Sing|Person=3    16 aux       oc
über       ADP   O     _                                15 case      mo
dem        DET   O     Case=Dat                         15 det       nk
Boden      NOUN  O     Case=Dat                         16 obl       nk
abgestürzt VERB  O     VerbForm=Part                    8  ccomp     oc
.          PUNCT O     _                                8  punct     punct
"""


@pytest.mark.parametrize("scheme", ["ud", "tiger", None])
def test_an_apposition_without_its_closing_comma_is_part_of_the_subject(scheme: str | None) -> None:
    from quotex.rules import attribute

    doc = from_table(OPEN_APPOSITION, scheme)
    found = [q for q in attribute(doc) if q.type == "indirect"]
    assert found and found[0].speaker is not None
    assert found[0].speaker.text(doc.text) == "Ein Sprecher der Polizei, Hauptkommissar Jan Berger"


def test_a_paragraph_break_ends_the_speaker_chain_of_a_quoted_sentence() -> None:
    from hand_docs import from_rows
    from quotex.rules import attribute

    rows = [(line.split()[0], line.split()[1], "", 0) for line in STANDALONE.strip().splitlines()]
    rows.insert(6, ("\n\n", "SPACE", "", 0))
    spaces = [i in (0, 1, 2, 3, 8, 9, 10, 11, 12, 13) for i in range(len(rows))]  # "Haltung.\n\n„Das ist …"
    doc = from_rows(rows, parsed=False, sentences=[0, 6], spaces=spaces)
    (found,) = attribute(doc)
    assert found.type == "direct" and found.speaker is None
    joined = from_rows([r for r in rows if r[1] != "SPACE"], parsed=False, sentences=[0, 6])
    (found,) = attribute(joined)
    assert found.speaker is not None and found.speaker.text(joined.text) == "Der Minister"


def test_a_name_inside_a_long_quote_is_quoted_though_a_shorter_quote_ends_before_it() -> None:
    # a quote over tokens 1-9 holds another over 2-3: token 6 is inside the first, so a name
    # there is the quoted speaker's word, not a mention of the article
    doc = NLP("„ Wir haben „ nie “ mit Anna Muster gesprochen “ , sagte er .")
    an = Analysis.of_doc(doc)
    article = Article(an, [Found(((0, 10),), "direct", 0, 10), Found(((3, 6),), "direct", 3, 6)])
    assert article.in_quote(7)
    assert not article.in_quote(12)
