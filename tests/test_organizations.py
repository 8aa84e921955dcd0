"""Organizations of speakers on hand-built Docs (UD, TIGER, no parse), and nominative names."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from hand_docs import NLP, from_table, quote
from quotex.records import Quote
from quotex.rules.document import Analysis, Found
from quotex.rules.nouns import nominative
from quotex.rules.organizations import attach_organizations
from quotex.rules.speakers import resolve_speakers
from test_speakers import ARTICLE, QUOTES

# Außenminister Heiko Maas (SPD) sagte: „Ja.“
# „Nein“, sagte der Minister.
# Russlands Außenminister Sergej Lawrow widersprach: „Nein.“
# „Gut“, sagte Linda Thomas-Greenfield, Botschafterin bei der NATO.
# „So“, sagte Regierungssprecher Steffen Seibert.
# „Nein“, sagte ein Sprecher der Freiwilligen Feuerwehr.
AFFILIATIONS = """
Außenminister     NOUN  O     Case=Nom|Gender=Masc|Number=Sing 6  nsubj  nk
Heiko             PROPN B-PER _                                0  appos  pnc
Maas              PROPN I-PER _                                1  flat   sb
(                 PUNCT O     _                                4  punct  punct
SPD               PROPN B-ORG _                                1  appos  app
)                 PUNCT O     _                                4  punct  punct
sagte             VERB  O     Mood=Ind|Number=Sing|Tense=Past  6  ROOT   ROOT
:                 PUNCT O     _                                6  punct  punct
„                 PUNCT O     _                                9  punct  punct
Ja                INTJ  O     _                                6  ccomp  oc
.                 PUNCT O     _                                9  punct  punct
“                 PUNCT O     _                                9  punct  punct
„                 PUNCT O     _                                13 punct  punct
Nein              INTJ  O     _                                16 ccomp  oc
“                 PUNCT O     _                                13 punct  punct
,                 PUNCT O     _                                16 punct  punct
sagte             VERB  O     Mood=Ind|Number=Sing|Tense=Past  16 ROOT   ROOT
der               DET   O     Case=Nom|Gender=Masc|Number=Sing 18 det    nk
Minister          NOUN  O     Case=Nom|Gender=Masc|Number=Sing 16 nsubj  sb
.                 PUNCT O     _                                16 punct  punct
Russlands         PROPN B-LOC Case=Gen|Gender=Neut|Number=Sing 21 nmod   ag
Außenminister     NOUN  O     Case=Nom|Gender=Masc|Number=Sing 24 nsubj  nk
Sergej            PROPN B-PER _                                21 appos  pnc
Lawrow            PROPN I-PER _                                22 flat   sb
widersprach       VERB  O     Mood=Ind|Number=Sing|Tense=Past  24 ROOT   ROOT
:                 PUNCT O     _                                24 punct  punct
„                 PUNCT O     _                                27 punct  punct
Nein              INTJ  O     _                                24 ccomp  oc
.                 PUNCT O     _                                27 punct  punct
“                 PUNCT O     _                                27 punct  punct
„                 PUNCT O     _                                31 punct  punct
Gut               ADJ   O     _                                34 ccomp  oc
“                 PUNCT O     _                                31 punct  punct
,                 PUNCT O     _                                34 punct  punct
sagte             VERB  O     Mood=Ind|Number=Sing|Tense=Past  34 ROOT   ROOT
Linda             PROPN B-PER _                                34 nsubj  pnc
Thomas-Greenfield PROPN I-PER _                                35 flat   sb
,                 PUNCT O     _                                38 punct  punct
Botschafterin     NOUN  O     Case=Nom|Gender=Fem|Number=Sing  35 appos  app
bei               ADP   O     _                                41 case   mnr
der               DET   O     Case=Dat|Gender=Fem|Number=Sing  41 det    nk
NATO              PROPN B-ORG Case=Dat|Gender=Fem|Number=Sing  38 nmod   nk
.                 PUNCT O     _                                34 punct  punct
„                 PUNCT O     _                                44 punct  punct
So                ADV   O     _                                47 ccomp  oc
“                 PUNCT O     _                                44 punct  punct
,                 PUNCT O     _                                47 punct  punct
sagte             VERB  O     Mood=Ind|Number=Sing|Tense=Past  47 ROOT   ROOT
Regierungssprecher NOUN O     Case=Nom|Gender=Masc|Number=Sing 47 nsubj  nk
Steffen           PROPN B-PER _                                48 appos  pnc
Seibert           PROPN I-PER _                                49 flat   sb
.                 PUNCT O     _                                47 punct  punct
„                 PUNCT O     _                                53 punct  punct
Nein              INTJ  O     _                                56 ccomp  oc
“                 PUNCT O     _                                53 punct  punct
,                 PUNCT O     _                                56 punct  punct
sagte             VERB  O     Mood=Ind|Number=Sing|Tense=Past  56 ROOT   ROOT
ein               DET   O     Case=Nom|Gender=Masc|Number=Sing 58 det    nk
Sprecher          NOUN  O     Case=Nom|Gender=Masc|Number=Sing 56 nsubj  sb
der               DET   O     Case=Gen|Gender=Fem|Number=Sing  61 det    nk
Freiwilligen      ADJ   O     Case=Gen|Gender=Fem|Number=Sing  61 amod   nk
Feuerwehr         NOUN  O     Case=Gen|Gender=Fem|Number=Sing  58 nmod   ag
.                 PUNCT O     _                                56 punct  punct
"""
AFFILIATION_QUOTES = [((8, 11), (0, 5), 6), ((12, 14), (17, 18), 16), ((26, 29), (20, 23), 24),
                      ((30, 32), (35, 36), 34), ((43, 45), (48, 50), 47), ((52, 54), (57, 61), 56)]


def records(doc: Doc, quotes: list[Found]) -> list[Quote]:
    """The records of ``quotes`` after speakers and organizations, as the component hands them out."""
    an = Analysis.of_doc(doc)
    return [an.record(q) for q in attach_organizations(an, resolve_speakers(an, quotes))]


def organizations(doc: Doc, quotes: list[Found]) -> list[tuple[str, str] | None]:
    found = records(doc, quotes)
    return [None if q.organization is None else (q.organization.text(doc.text), q.organization.name) for q in found]


@pytest.mark.parametrize("scheme", ["ud", "tiger", None])
def test_affiliations_in_both_schemes_and_without_parse(scheme: str | None) -> None:
    doc = from_table(AFFILIATIONS, scheme)
    assert organizations(doc, [quote(doc, *q) for q in AFFILIATION_QUOTES]) == [
        ("SPD", "SPD"),  # party tag after the name
        ("SPD", "SPD"),  # "der Minister" is Heiko Maas; his party was given at his first mention
        ("Russland", "Russland"),  # prenominal genitive, written inside "Russlands"
        ("NATO", "NATO"),  # apposition after the mention: "Botschafterin bei der NATO"
        ("Regierung", "Regierung"),  # compound prefix without hyphen, linking s dropped
        ("Freiwilligen Feuerwehr", "Freiwillige Feuerwehr"),  # genitive, de-inflected to the nominative
    ]


@pytest.mark.parametrize("scheme", ["ud", "tiger", None])
def test_compound_prefix_genitive_and_organization_speaker(scheme: str | None) -> None:
    doc = from_table(ARTICLE, scheme)
    found = organizations(doc, [quote(doc, *q) for q in QUOTES])
    assert found == [
        ("Weißen Hauses", "Weißes Haus"),  # genitive attachment of the role noun
        ("Nato", "NATO"),  # hyphenated compound prefix, normalized by the gazetteer
        ("Nato", "NATO"),  # "er" is Stoltenberg; from his earlier mention
        ("Weißen Hauses", "Weißes Haus"),  # "Psaki": from the earlier mention of Jen Psaki
        ("Weißen Hauses", "Weißes Haus"),  # not "US" of the attached US-Präsident Biden
        ("Kreml", "Kreml"),  # the speaker itself is the organization
    ]
    nato = doc.text.index("Nato-Generalsekretär")
    assert records(doc, [quote(doc, *QUOTES[1])])[0].organization.spans == (
        (nato, nato + 4),
    )


def test_without_tags_or_entities_known_shapes_still_work() -> None:
    doc = from_table(AFFILIATIONS, None, entities=False, tags=False)
    found = organizations(doc, [quote(doc, *q) for q in AFFILIATION_QUOTES])
    assert found[0] == ("SPD", "SPD")
    assert found[4] == ("Regierung", "Regierung")
    assert found[5] == ("Freiwilligen Feuerwehr", "Freiwillige Feuerwehr")


@pytest.mark.parametrize(
    ("words", "case", "expected"),
    [
        (["des", "Städtischen", "Klinikums"], "Gen", "Städtisches Klinikum"),
        (["der", "Freiwilligen", "Feuerwehr"], "Gen", "Freiwillige Feuerwehr"),
        (["beim", "Bayerischen", "Landesamt"], "Dat", "Bayerisches Landesamt"),
        (["des", "Internationalen", "Verbandes"], "Gen", "Internationaler Verband"),
        (["den", "Vereinten", "Nationen"], "Dat", "Vereinte Nationen"),
        (["der", "Duisburger", "Polizei"], "Gen", "Duisburger Polizei"),  # place adjectives do not inflect
        (["der", "Vereinigten", "Staaten"], "Gen", "Vereinigte Staaten"),  # plural from the noun's ending
        (["des", "FC", "Energie", "Cottbus"], "Gen", "FC Energie Cottbus"),  # a name, no adjective in it
    ],
)
def test_nominative_without_morphology(words: list[str], case: str, expected: str) -> None:
    doc = Doc(NLP.vocab, words=words)
    assert nominative(list(doc), case) == expected


# „Nein“, sagte Hans Küng, ein Kritiker des Vatikans.
CRITIC = """
„          PUNCT O     _                                1  punct  punct
Nein       INTJ  O     _                                4  ccomp  oc
“          PUNCT O     _                                1  punct  punct
,          PUNCT O     _                                4  punct  punct
sagte      VERB  O     Mood=Ind|Number=Sing|Tense=Past  4  ROOT   ROOT
Hans       PROPN B-PER _                                4  nsubj  pnc
Küng       PROPN I-PER _                                5  flat   sb
,          PUNCT O     _                                9  punct  punct
ein        DET   O     Case=Nom|Gender=Masc|Number=Sing 9  det    nk
Kritiker   NOUN  O     Case=Nom|Gender=Masc|Number=Sing 5  appos  app
des        DET   O     Case=Gen|Gender=Masc|Number=Sing 11 det    nk
Vatikans   PROPN B-ORG Case=Gen|Gender=Masc|Number=Sing 9  nmod   ag
.          PUNCT O     _                                4  punct  punct
"""


@pytest.mark.parametrize("scheme", ["ud", "tiger", None])
def test_a_critic_does_not_speak_for_what_he_criticizes(scheme: str | None) -> None:
    doc = from_table(CRITIC, scheme)
    assert organizations(doc, [quote(doc, (0, 2), (5, 6), 4)]) == [None]
    # the same shape with a role that does speak for it
    doc = from_table(CRITIC.replace("Kritiker   NOUN", "Sprecher   NOUN"), scheme)
    assert organizations(doc, [quote(doc, (0, 2), (5, 6), 4)]) == [("Vatikans", "Vatikan")]


# Die Stadtverwaltung prüft den Plan. „Nein“, sagte ein Sprecher der Verwaltung. „Nie“, erklärte die Verwaltung.
SAME_KIND = """
Die            DET   O     Case=Nom|Gender=Fem|Number=Sing  1  det    nk
Stadtverwaltung NOUN B-ORG Case=Nom|Gender=Fem|Number=Sing  2  nsubj  sb
prüft          VERB  O     Mood=Ind|Number=Sing|Tense=Pres  2  ROOT   ROOT
den            DET   O     Case=Acc|Gender=Masc|Number=Sing 4  det    nk
Plan           NOUN  O     Case=Acc|Gender=Masc|Number=Sing 2  obj    oa
.              PUNCT O     _                                2  punct  punct
„              PUNCT O     _                                7  punct  punct
Nein           PART  O     _                                10 ccomp  oc
“              PUNCT O     _                                7  punct  punct
,              PUNCT O     _                                10 punct  punct
sagte          VERB  O     Mood=Ind|Number=Sing|Tense=Past  10 ROOT   ROOT
ein            DET   O     Case=Nom|Gender=Masc|Number=Sing 12 det    nk
Sprecher       NOUN  O     Case=Nom|Gender=Masc|Number=Sing 10 nsubj  sb
der            DET   O     Case=Gen|Gender=Fem|Number=Sing  14 det    nk
Verwaltung     NOUN  O     Case=Gen|Gender=Fem|Number=Sing  12 nmod   ag
.              PUNCT O     _                                10 punct  punct
„              PUNCT O     _                                17 punct  punct
Nie            ADV   O     _                                20 advmod oc
“              PUNCT O     _                                17 punct  punct
,              PUNCT O     _                                20 punct  punct
erklärte       VERB  O     Mood=Ind|Number=Sing|Tense=Past  20 ROOT   ROOT
die            DET   O     Case=Nom|Gender=Fem|Number=Sing  22 det    nk
Verwaltung     NOUN  O     Case=Nom|Gender=Fem|Number=Sing  20 nsubj  sb
.              PUNCT O     _                                20 punct  punct
"""


@pytest.mark.parametrize("scheme", ["ud", "tiger", None])
def test_the_organization_of_the_same_kind_named_before(scheme: str | None) -> None:
    doc = from_table(SAME_KIND, scheme)
    quotes = [quote(doc, (6, 8), (11, 14), 10), quote(doc, (16, 18), (21, 22), 20)]
    found = records(doc, quotes)
    assert [(q.speaker.name, q.speaker.label) for q in found] == [(None, "PER"), ("Stadtverwaltung", "ORG")]
    assert [(q.organization.text(doc.text), q.organization.name) for q in found] == [
        ("Verwaltung", "Stadtverwaltung"),  # "der Verwaltung" is the city administration named before
        ("Verwaltung", "Stadtverwaltung"),
    ]


@pytest.mark.parametrize("scheme", ["ud", "tiger"])
def test_a_pronoun_for_an_organization_points_where_it_was_named(scheme: str) -> None:
    from test_speakers import UNNAMED_SUBJECTS

    doc = from_table(UNNAMED_SUBJECTS, scheme)
    (found,) = records(doc, [quote(doc, (29, 31), (34, 34), 33)])
    assert (found.speaker.name, found.speaker.label) == ("Fraktion", "ORG")
    fraktion = doc[26]
    assert found.organization.spans == ((fraktion.idx, fraktion.idx + len("Fraktion")),)
    assert found.organization.name == "Fraktion"


# „Ja“, sagte der Bürgermeister von Christchurch, Bob Parker. „Nein“, sagte der Vertreter Libyens.
PLACES = """
„             PUNCT O     _                                1  punct  punct
Ja            PART  O     _                                4  ccomp  oc
“             PUNCT O     _                                1  punct  punct
,             PUNCT O     _                                4  punct  punct
sagte         VERB  O     Mood=Ind|Number=Sing|Tense=Past  4  ROOT   ROOT
der           DET   O     Case=Nom|Gender=Masc|Number=Sing 6  det    nk
Bürgermeister NOUN  O     Case=Nom|Gender=Masc|Number=Sing 4  nsubj  sb
von           ADP   O     _                                8  case   pg
Christchurch  PROPN B-LOC _                                6  nmod   nk
,             PUNCT O     _                                10 punct  punct
Bob           PROPN B-PER _                                6  appos  pnc
Parker        PROPN I-PER _                                10 flat   app
.             PUNCT O     _                                4  punct  punct
„             PUNCT O     _                                14 punct  punct
Nein          PART  O     _                                17 ccomp  oc
“             PUNCT O     _                                14 punct  punct
,             PUNCT O     _                                17 punct  punct
sagte         VERB  O     Mood=Ind|Number=Sing|Tense=Past  17 ROOT   ROOT
der           DET   O     Case=Nom|Gender=Masc|Number=Sing 19 det    nk
Vertreter     NOUN  O     Case=Nom|Gender=Masc|Number=Sing 17 nsubj  sb
Libyens       PROPN B-LOC Case=Gen|Gender=Neut|Number=Sing 19 nmod   ag
.             PUNCT O     _                                17 punct  punct
"""


@pytest.mark.parametrize("scheme", ["ud", "tiger", None])
def test_places_a_role_speaks_for(scheme: str | None) -> None:
    doc = from_table(PLACES, scheme)
    quotes = [quote(doc, (0, 2), (5, 11), 4), quote(doc, (13, 15), (18, 20), 17)]
    found = records(doc, quotes)
    assert [(q.speaker.name, q.speaker.label) for q in found] == [("Bob Parker", "PER"), (None, "PER")]
    assert [(q.organization.text(doc.text), q.organization.name) for q in found] == [
        ("Christchurch", "Christchurch"),  # "von" + a place after a role noun
        ("Libyen", "Libyen"),  # a country's genitive without article, the -s left out of the span
    ]


def test_speakers_are_resolved_once_and_shared_with_organizations(monkeypatch) -> None:
    """The organization stage reads the speakers' referents instead of resolving them again."""
    import quotex.rules as rules
    from quotex.rules import organizations, speakers

    calls = []
    original = speakers.referents

    def counting(an, quotes):
        calls.append(len(quotes))
        return original(an, quotes)

    monkeypatch.setattr(rules, "referents", counting)
    monkeypatch.setattr(organizations, "referents", counting)
    import spacy

    doc = spacy.blank("de")("„Wir kommen morgen ganz bestimmt“, sagte sie. Sie sprach für die Regierung.")
    rules.attribute(doc)
    assert len(calls) == 1
