"""How far a speaker mention reaches (``mentions.np_after`` and friends), on hand-built Docs."""

from __future__ import annotations

import pytest

from hand_docs import from_rows, from_table
from quotex.rules import syntax
from quotex.rules.mentions import cue_speaker, np_after


def _text(doc, found) -> str | None:
    return None if found is None else doc[found[0]:found[1]].text


def test_a_place_adjective_qualifies_the_noun_after_it() -> None:
    # die Leiterin der Bielefelder Fachstelle sagte
    doc = from_rows([
        ("die", "DET", "det", 1), ("Leiterin", "NOUN", "nsubj", 5), ("der", "DET", "det", 4, "Case=Gen"),
        ("Bielefelder", "PROPN", "amod", 4), ("Fachstelle", "NOUN", "nmod", 1), ("sagte", "VERB", "ROOT", 5),
    ])
    assert _text(doc, np_after(doc, 0, len(doc))) == "die Leiterin der Bielefelder Fachstelle"


def test_a_saxon_genitive_opens_the_phrase_of_its_noun() -> None:
    # Demjanjuks Sohn sagte
    doc = from_rows([("Demjanjuks", "PROPN", "nmod", 1), ("Sohn", "NOUN", "nsubj", 2), ("sagte", "VERB", "ROOT", 2)])
    assert _text(doc, np_after(doc, 0, len(doc))) == "Demjanjuks Sohn"


def test_a_name_followed_by_a_dative_noun_ends_before_it() -> None:
    # sagte Schröder Reportern: a surname in -er is no place adjective
    doc = from_rows([
        ("sagte", "VERB", "ROOT", 0), ("Schröder", "PROPN", "nsubj", 0), ("Reportern", "NOUN", "iobj", 0),
    ])
    assert _text(doc, np_after(doc, 1, len(doc))) == "Schröder"  # the recognizer missed the name
    doc.ents = [doc.char_span(doc[1].idx, doc[1].idx + len("Schröder"), label="PER")]
    assert _text(doc, np_after(doc, 1, len(doc))) == "Schröder"


def test_a_name_split_at_its_apostrophe_stays_whole() -> None:
    doc = from_rows(
        [("Mark", "PROPN", "nsubj", 4), ("O", "PROPN", "flat", 0), ("’", "PROPN", "flat", 0), ("Keefe", "NOUN", "flat", 0),
         ("sagte", "VERB", "ROOT", 4)],
        spaces=[True, False, False, True, False],
    )
    assert _text(doc, np_after(doc, 0, len(doc))) == "Mark O’Keefe"


def test_titles_continue_a_name() -> None:
    # Klinikdirektor Prof. Dr. Matthias Beckmann sagte
    doc = from_rows([
        ("Klinikdirektor", "NOUN", "nsubj", 5), ("Prof.", "PROPN", "flat", 0), ("Dr.", "NOUN", "flat", 0),
        ("Matthias", "PROPN", "flat", 0), ("Beckmann", "PROPN", "flat", 0), ("sagte", "VERB", "ROOT", 5),
    ])
    assert _text(doc, np_after(doc, 0, len(doc))) == "Klinikdirektor Prof. Dr. Matthias Beckmann"


def test_an_apposition_may_open_with_an_indefinite_article() -> None:
    # Stephen Singer , ein Klimaexperte vom WWF , erklärte
    doc = from_rows([
        ("Stephen", "PROPN", "nsubj", 8), ("Singer", "PROPN", "flat", 0), (",", "PUNCT", "punct", 4),
        ("ein", "DET", "det", 4), ("Klimaexperte", "NOUN", "appos", 0), ("vom", "ADP", "case", 6),
        ("WWF", "PROPN", "nmod", 4), (",", "PUNCT", "punct", 4), ("erklärte", "VERB", "ROOT", 8),
    ])
    assert _text(doc, np_after(doc, 0, len(doc))) == "Stephen Singer, ein Klimaexperte vom WWF"


def test_after_a_statement_noun_only_a_genitive_plural_adjective_continues() -> None:
    # Schätzungen französischer Behörden | der Bericht schwere Mängel (an object after the subject)
    genitive = from_rows([("Schätzungen", "NOUN", "obl", 0), ("französischer", "ADJ", "amod", 2), ("Behörden", "NOUN", "nmod", 0)])
    accusative = from_rows([
        ("der", "DET", "det", 1), ("Bericht", "NOUN", "nsubj", 1), ("schwere", "ADJ", "amod", 3), ("Mängel", "NOUN", "obj", 1),
    ])
    assert _text(genitive, np_after(genitive, 0, len(genitive))) == "Schätzungen französischer Behörden"
    assert _text(accusative, np_after(accusative, 0, len(accusative))) == "der Bericht"


def test_a_source_before_zufolge_never_takes_in_sich() -> None:
    from quotex.rules.mentions import np_ending_at

    # breitete sich ersten Angaben zufolge aus (untagged case of the walk: no parse)
    doc = from_rows([
        ("breitete", "VERB", "", 0), ("sich", "PRON", "", 0), ("ersten", "ADJ", "", 0), ("Angaben", "NOUN", "", 0),
        ("zufolge", "ADP", "", 0), ("aus", "ADP", "", 0),
    ], parsed=False)
    assert _text(doc, np_ending_at(doc, 4, 0)) == "ersten Angaben"
    alone = from_rows([("Ihm", "PRON", "", 0), ("zufolge", "ADP", "", 0)], parsed=False)
    assert _text(alone, np_ending_at(alone, 1, 0)) == "Ihm"


def test_er_after_the_verb_is_the_subject_and_the_phrase_put_first_an_object() -> None:
    from quotex.rules.mentions import subject_mention
    from quotex.rules.syntax import scheme_of

    # Die Arbeit der Koalition lobte er (parsed as if "Die Arbeit" were the subject)
    rows = [
        ("Die", "DET", "det", 1), ("Arbeit", "NOUN", "nsubj", 4), ("der", "DET", "det", 3), ("Koalition", "NOUN", "nmod", 1),
        ("lobte", "VERB", "ROOT", 4), ("er", "PRON", "obj", 4),
    ]
    doc = from_rows(rows)
    assert subject_mention(doc, doc[4], 0, len(doc), scheme_of(doc)) == (5, 6)
    untagged = from_rows(rows, parsed=False)
    assert subject_mention(untagged, untagged[4], 0, len(untagged), None) == (5, 6)


def test_a_name_after_the_verb_is_its_subject_whatever_case_the_tagger_guessed() -> None:
    from quotex.rules.mentions import subject_mention

    # Auf seiner Website schrieb Mussawi , … (the tagger calls "Mussawi" a dative); sagte dem Sender
    doc = from_rows([
        ("Auf", "ADP", "", 0), ("seiner", "DET", "", 0, "Case=Dat"), ("Website", "NOUN", "", 0, "Case=Dat"),
        ("schrieb", "VERB", "", 0), ("Mussawi", "PROPN", "", 0, "Case=Dat"), (",", "PUNCT", "", 0),
    ], parsed=False)
    assert subject_mention(doc, doc[3], 0, 5, None) == (4, 5)
    dative = from_rows([
        ("Dann", "ADV", "", 0), ("sagte", "VERB", "", 0), ("dem", "DET", "", 0, "Case=Dat"), ("Sender", "NOUN", "", 0, "Case=Dat"),
    ], parsed=False)
    assert subject_mention(dative, dative[1], 0, 4, None) is None


def test_a_determiner_the_tagger_calls_accusative_may_open_a_subject_unless_its_form_says_so() -> None:
    from quotex.rules.mentions import np_before

    # einige Parteien haben angekündigt | den Plan hat … angekündigt
    doc = from_rows([
        ("einige", "DET", "", 0, "Case=Acc"), ("Parteien", "NOUN", "", 0, "Case=Nom"), ("haben", "AUX", "", 0),
    ], parsed=False)
    assert np_before(doc, 2, 0) == (0, 2)
    objects = from_rows([("den", "DET", "", 0, "Case=Acc"), ("Plan", "NOUN", "", 0, "Case=Acc"), ("hat", "AUX", "", 0)], parsed=False)
    assert np_before(objects, 2, 0) is None


def test_an_object_after_the_verb_is_never_the_speaker() -> None:
    from quotex.rules.mentions import subject_mention

    # Dann weist den Vorwurf zurück … (the subject is elsewhere): "den Vorwurf" is an object
    doc = from_rows([
        ("Dann", "ADV", "", 0), ("wies", "VERB", "", 0), ("den", "DET", "", 0, "Case=Acc"), ("Vorwurf", "NOUN", "", 0),
        ("zurück", "ADP", "", 0),
    ], parsed=False)
    assert subject_mention(doc, doc[1], 0, len(doc), None) is None


def test_a_mention_never_runs_into_a_quotation() -> None:
    # nach Angaben des Leiters „die Moderne , die Existenz …“ | die Zeitung „Die Welt“
    doc = from_rows([
        ("Angaben", "NOUN", "", 0), ("des", "DET", "", 0, "Case=Gen"), ("Leiters", "NOUN", "", 0), ("„", "PUNCT", "", 0),
        ("die", "DET", "", 0), ("Moderne", "NOUN", "", 0), (",", "PUNCT", "", 0), ("die", "DET", "", 0), ("Existenz", "NOUN", "", 0),
    ], parsed=False)
    assert _text(doc, np_after(doc, 0, len(doc))) == "Angaben des Leiters"
    named = from_rows([
        ("die", "DET", "", 0), ("Zeitung", "NOUN", "", 0), ("„", "PUNCT", "", 0), ("Die", "DET", "", 0), ("Welt", "PROPN", "", 0),
        ("“", "PUNCT", "", 0), ("berichtete", "VERB", "", 0),
    ], parsed=False)
    assert _text(named, np_after(named, 0, len(named))) == "die Zeitung „Die Welt“"


def test_a_quantifier_the_tagger_calls_a_pronoun_opens_a_genitive() -> None:
    # nach Ansicht einiger Juristen
    doc = from_rows([("Ansicht", "NOUN", "", 0), ("einiger", "PRON", "", 0), ("Juristen", "NOUN", "", 0)], parsed=False)
    assert _text(doc, np_after(doc, 0, len(doc))) == "Ansicht einiger Juristen"


def test_a_role_noun_tagged_as_a_name_keeps_its_genitive() -> None:
    # Rob Mueller , Klub-Sekretär der Buitenboys , sagte | sagte Peskow der Staatsagentur TASS
    doc = from_rows([
        ("Rob", "PROPN", "", 0), ("Mueller", "PROPN", "", 0), (",", "PUNCT", "", 0), ("Klub-Sekretär", "PROPN", "", 0),
        ("der", "DET", "", 0, "Case=Gen"), ("Buitenboys", "PROPN", "", 0), (",", "PUNCT", "", 0), ("sagte", "VERB", "", 0),
    ], parsed=False)
    assert _text(doc, np_after(doc, 0, len(doc))) == "Rob Mueller, Klub-Sekretär der Buitenboys"
    name = from_rows([("Peskow", "PROPN", "", 0), ("der", "DET", "", 0, "Case=Gen"), ("Staatsagentur", "NOUN", "", 0)], parsed=False)
    assert _text(name, np_after(name, 0, len(name))) == "Peskow"


def test_an_affiliation_may_be_a_name_in_quotation_marks() -> None:
    # einem Artikel von „BBC News“
    doc = from_rows([
        ("einem", "DET", "", 0), ("Artikel", "NOUN", "", 0), ("von", "ADP", "", 0), ("„", "PUNCT", "", 0),
        ("BBC", "PROPN", "", 0), ("News", "PROPN", "", 0), ("“", "PUNCT", "", 0),
    ], parsed=False)
    assert _text(doc, np_after(doc, 0, len(doc))) == "einem Artikel von „BBC News“"


def test_a_number_naming_the_noun_stays_but_a_count_after_it_starts_the_next_phrase() -> None:
    # dem Artikel 65 des Grundgesetzes | der Polizei 40 Menschen
    named = from_rows([
        ("dem", "DET", "", 0), ("Artikel", "NOUN", "", 0), ("65", "NUM", "", 0), ("des", "DET", "", 0, "Case=Gen"),
        ("Grundgesetzes", "NOUN", "", 0),
    ], parsed=False)
    assert _text(named, np_after(named, 0, len(named))) == "dem Artikel 65 des Grundgesetzes"
    counted = from_rows([("der", "DET", "", 0), ("Polizei", "NOUN", "", 0), ("40", "NUM", "", 0), ("Menschen", "NOUN", "", 0)],
                        parsed=False)
    assert _text(counted, np_after(counted, 0, len(counted))) == "der Polizei"


def test_a_bracket_holding_a_quotation_is_no_part_of_the_name() -> None:
    # Mohammed ElBaradei („Mir fällt niemand ein“) | die Partei (SPD)
    doc = from_rows([
        ("Mohammed", "PROPN", "", 0), ("ElBaradei", "PROPN", "", 0), ("(", "PUNCT", "", 0), ("„", "PUNCT", "", 0),
        ("Mir", "PRON", "", 0), ("fällt", "VERB", "", 0), ("niemand", "PRON", "", 0), ("ein", "ADP", "", 0),
        ("“", "PUNCT", "", 0), (")", "PUNCT", "", 0),
    ], parsed=False)
    assert _text(doc, np_after(doc, 0, len(doc))) == "Mohammed ElBaradei"
    party = from_rows([("die", "DET", "", 0), ("Partei", "NOUN", "", 0), ("(", "PUNCT", "", 0), ("SPD", "PROPN", "", 0),
                       (")", "PUNCT", "", 0)], parsed=False)
    assert _text(party, np_after(party, 0, len(party))) == "die Partei (SPD)"


def test_a_content_clause_the_parser_hung_on_the_subject_is_cut() -> None:
    from quotex.rules.mentions import subject_mention
    from quotex.rules.syntax import scheme_of

    # meldete der Sender , Radio Vatikan , dass die Enzyklika verkauft wird
    doc = from_rows([
        ("meldete", "VERB", "ROOT", 0), ("der", "DET", "det", 2, "Case=Nom"), ("Sender", "NOUN", "nsubj", 0, "Case=Nom"),
        (",", "PUNCT", "punct", 4), ("Radio", "PROPN", "appos", 2), ("Vatikan", "PROPN", "flat", 4), (",", "PUNCT", "punct", 10),
        ("dass", "SCONJ", "mark", 10), ("die", "DET", "det", 9), ("Enzyklika", "NOUN", "nsubj", 10),
        ("verkauft", "VERB", "acl", 2), ("wird", "AUX", "aux", 10),
    ])
    assert subject_mention(doc, doc[0], 0, len(doc), scheme_of(doc), exclude=(7, 12)) == (1, 6)
    assert subject_mention(doc, doc[0], 0, len(doc), scheme_of(doc)) == (1, 6)


def test_an_adjective_tagged_as_a_name_keeps_its_noun() -> None:
    # der Generalanwalt des Europäischen Gerichtshofes sagte: with and without a parse
    rows = [
        ("der", "DET", "det", 1, "Case=Nom"), ("Generalanwalt", "NOUN", "nsubj", 5), ("des", "DET", "det", 4, "Case=Gen"),
        ("Europäischen", "PROPN", "amod", 4), ("Gerichtshofes", "NOUN", "nmod", 1, "Case=Gen"), ("sagte", "VERB", "ROOT", 5),
    ]
    for doc in (from_rows(rows), from_rows(rows, parsed=False)):
        assert _text(doc, np_after(doc, 0, len(doc))) == "der Generalanwalt des Europäischen Gerichtshofes"
    # nach ersten Meldungen Schäden: a noun is no adjective of the next
    doc = from_rows([
        ("ersten", "ADJ", "amod", 1), ("Meldungen", "NOUN", "obl", 3), ("Schäden", "NOUN", "nsubj", 3),
        ("entstanden", "VERB", "ROOT", 3),
    ])
    assert _text(doc, np_after(doc, 0, len(doc))) == "ersten Meldungen"


def test_a_partitive_pronoun_opens_the_subject_whatever_case_the_tagger_guessed() -> None:
    from quotex.rules.mentions import subject_mention
    from quotex.rules.syntax import scheme_of

    # Einer der drei befragten Ärzte sagte (the tagger calls "Einer" a dative, as in "mit einer")
    for subject, attribute in (("nsubj", "det"), ("sb", "nk")):
        doc = from_rows([
            ("Einer", "DET", subject, 5, "Case=Dat"), ("der", "DET", attribute, 4, "Case=Gen"), ("drei", "NUM", attribute, 4),
            ("befragten", "ADJ", attribute, 4), ("Ärzte", "NOUN", "nmod" if subject == "nsubj" else "ag", 0),
            ("sagte", "VERB", "ROOT", 5),
        ])
        assert subject_mention(doc, doc[5], 0, len(doc), scheme_of(doc)) == (0, 5)


def test_a_relative_pronoun_before_an_article_is_no_partitive() -> None:
    from quotex.rules.mentions import np_after

    # …, der der Minister … : the relative pronoun does not open the minister's phrase
    doc = from_rows([("der", "PRON", "", 0), ("der", "DET", "", 0, "Case=Nom"), ("Minister", "NOUN", "", 0)], parsed=False)
    assert np_after(doc, 0, len(doc)) is None


def _cue_speaker(rows: list[tuple], verb: int, lemma: str, *, opener: bool = True,
                 exclude: tuple[int, int] | None = None, parsed: bool = True) -> str | None:
    doc = from_rows(rows, parsed=parsed)
    whole = (0, len(doc))
    return _text(doc, cue_speaker(doc, doc[verb], lemma, (verb,), syntax.scheme_of(doc), subject=whole, source=whole,
                                  opener=(0, verb) if opener else None, exclude=exclude))


def test_the_speaker_of_a_verb_cue_is_its_subject_before_any_other_candidate() -> None:
    # Die Ministerin betonte
    rows = [("Die", "DET", "det", 1), ("Ministerin", "NOUN", "nsubj", 2), ("betonte", "VERB", "ROOT", 2)]
    assert _cue_speaker(rows, 2, "betonen") == "Die Ministerin"


def test_without_a_subject_a_name_opening_the_clause_speaks_unless_it_is_in_the_quote() -> None:
    # Anna Berg , zuständig für Geld , betonte (the parser did not make the name the subject)
    rows = [("Anna", "PROPN", "dep", 7), ("Berg", "PROPN", "flat", 0), (",", "PUNCT", "punct", 3),
            ("zuständig", "ADJ", "dep", 7), ("für", "ADP", "case", 5), ("Geld", "NOUN", "obl", 3),
            (",", "PUNCT", "punct", 3), ("betonte", "VERB", "ROOT", 7)]
    assert _cue_speaker(rows, 7, "betonen") == "Anna Berg"
    assert _cue_speaker(rows, 7, "betonen", exclude=(0, 2)) is None
    assert _cue_speaker(rows, 7, "betonen", opener=False) is None


def test_a_passive_cue_takes_neither_its_subject_nor_the_opener() -> None:
    # Die Stadt wurde aufgefordert: the city was asked, someone else spoke
    for parsed in (True, False):
        rows = [("Die", "DET", "det", 1), ("Stadt", "NOUN", "nsubj:pass", 3), ("wurde", "AUX", "aux:pass", 3),
                ("aufgefordert", "VERB", "ROOT", 3, "VerbForm=Part")]
        assert _cue_speaker(rows, 3, "auf|fordern", parsed=parsed) is None


def test_an_impersonal_cue_takes_the_source_it_names() -> None:
    # Es heißt in einem Bericht der Polizei
    rows = [("Es", "PRON", "expl", 1), ("heißt", "VERB", "ROOT", 1), ("in", "ADP", "case", 4), ("einem", "DET", "det", 4),
            ("Bericht", "NOUN", "obl", 1), ("der", "DET", "det", 6), ("Polizei", "NOUN", "nmod", 4)]
    assert _cue_speaker(rows, 1, "heißen") == "einem Bericht der Polizei"


# The sources an attribution word cites (laut, zufolge, nach + statement noun, "so", "wonach"),
# on one sentence each, parsed in the UD and the TIGER scheme and unparsed.
SOURCES = {
    # Laut einem Sprecher der Stadt ist die Brücke gesperrt .
    "laut": ("""
Laut       ADP   O     _         1  case   ac
einem      DET   O     Case=Dat  2  det    nk
Sprecher   NOUN  O     Case=Dat  5  obl    nk
der        DET   O     Case=Gen  4  det    nk
Stadt      NOUN  O     Case=Gen  2  nmod   ag
ist        AUX   O     _         5  ROOT   ROOT
die        DET   O     Case=Nom  7  det    nk
Brücke     NOUN  O     Case=Nom  8  nsubj  sb
gesperrt   ADJ   O     _         5  xcomp  pd
.          PUNCT O     _         5  punct  punct
""", 0, "einem Sprecher der Stadt"),
    # Der Feuerwehr zufolge brannte das Haus .
    "zufolge": ("""
Der        DET   O     Case=Dat  1  det    nk
Feuerwehr  NOUN  O     Case=Dat  3  obl    nk
zufolge    ADP   O     _         1  case   mo
brannte    VERB  O     _         3  ROOT   ROOT
das        DET   O     Case=Nom  5  det    nk
Haus       NOUN  O     Case=Nom  3  nsubj  sb
.          PUNCT O     _         3  punct  punct
""", 2, "Der Feuerwehr"),
    # Nach Angaben der Polizei wurden zwei Menschen verletzt .
    "nach Angaben": ("""
Nach       ADP   O     _         1  case   mo
Angaben    NOUN  O     Case=Dat  7  obl    nk
der        DET   O     Case=Gen  3  det    nk
Polizei    NOUN  B-ORG Case=Gen  1  nmod   ag
wurden     AUX   O     _         7  aux    ROOT
zwei       NUM   O     _         6  nummod nk
Menschen   NOUN  O     Case=Nom  7  nsubj  sb
verletzt   VERB  O     _         7  ROOT   oc
.          PUNCT O     _         7  punct  punct
""", 0, "Angaben der Polizei"),
    # Seiner Meinung nach ist das falsch .
    "Meinung nach": ("""
Seiner     DET   O     Case=Dat  1  det    nk
Meinung    NOUN  O     Case=Dat  3  obl    nk
nach       ADP   O     _         1  case   mo
ist        AUX   O     _         3  ROOT   ROOT
das        PRON  O     Case=Nom  3  nsubj  sb
falsch     ADJ   O     _         3  advmod pd
.          PUNCT O     _         3  punct  punct
""", 2, "Seiner Meinung"),
    # Die Hoffnung nach Überlebenden schwindet .
    "no statement": ("""
Die        DET   O     Case=Nom  1  det    nk
Hoffnung   NOUN  O     Case=Nom  4  nsubj  sb
nach       ADP   O     _         3  case   mnr
Überlebenden NOUN O    Case=Dat  1  nmod   nk
schwindet  VERB  O     _         4  ROOT   ROOT
.          PUNCT O     _         4  punct  punct
""", 2, None),
}


def _source(name: str, scheme: str | None) -> str | None:
    from quotex.rules.document import Analysis
    from quotex.rules.lexicon import active
    from quotex.rules.mentions import attribution_source

    table, k, _ = SOURCES[name]
    an = Analysis.of_doc(from_table(table, scheme))
    return _text(an.doc, attribution_source(an, k, active().attribution[an.doc[k].lower_], 0, len(an.doc)))


@pytest.mark.parametrize("scheme", ["ud", "tiger", None])
@pytest.mark.parametrize("name", list(SOURCES))
def test_an_attribution_word_cites_the_phrase_its_role_points_to(name: str, scheme: str | None) -> None:
    assert _source(name, scheme) == SOURCES[name][2]


def test_nach_before_a_statement_noun_with_no_readable_phrase_cites_the_words_up_to_the_noun() -> None:
    from quotex.rules.document import Analysis
    from quotex.rules.mentions import statement_owner

    # nach deren Angaben (a relative determiner the phrase reader does not open a phrase with)
    for parsed in (True, False):
        doc = from_rows([("Nach", "ADP", "case", 2), ("deren", "PRON", "det", 2, "Case=Gen"),
                         ("Angaben", "NOUN", "obl", 3), ("sank", "VERB", "ROOT", 3)], parsed=parsed)
        an = Analysis.of_doc(doc)
        assert _text(doc, statement_owner(an, 0, 0, len(doc))) == "deren Angaben"
        # a phrase that cannot be the dative "nach" governs cites no one
        other = from_rows([("Nach", "ADP", "case", 2), ("die", "DET", "det", 2, "Case=Nom"),
                           ("Angaben", "NOUN", "obl", 3), ("sank", "VERB", "ROOT", 3)], parsed=parsed)
        assert statement_owner(Analysis.of_doc(other), 0, 0, len(other)) is None


SO = """
Die        DET   O     Case=Nom  1  det    nk
Lage       NOUN  O     Case=Nom  3  nsubj  sb
sei        AUX   O     Mood=Sub  3  cop    ROOT
ernst      ADJ   O     _         3  ROOT   pd
,          PUNCT O     _         3  punct  punct
so         ADV   O     _         7  advmod mo
der        DET   O     Case=Nom  7  det    nk
Minister   NOUN  O     Case=Nom  3  parataxis par
.          PUNCT O     _         3  punct  punct
"""


@pytest.mark.parametrize("scheme", ["ud", "tiger", None])
def test_so_cites_the_phrase_after_it_only_when_no_verb_follows(scheme: str | None) -> None:
    from quotex.rules.document import Analysis
    from quotex.rules.mentions import so_source

    an = Analysis.of_doc(from_table(SO, scheme))
    assert _text(an.doc, so_source(an, 5, 0, len(an.doc))) == "der Minister"
    # "…, so sagte der Minister": "so" is an adverb of the verb after it
    verb = Analysis.of_doc(from_rows([("gut", "ADJ", "ROOT", 0), (",", "PUNCT", "punct", 0), ("so", "ADV", "advmod", 3),
                                      ("sagte", "VERB", "parataxis", 0), ("der", "DET", "det", 5),
                                      ("Minister", "NOUN", "nsubj", 3)]))
    assert so_source(verb, 2, 0, len(verb.doc)) is None


@pytest.mark.parametrize("parsed", [True, False])
def test_a_clause_after_wonach_cites_the_phrase_before_its_comma(parsed: bool) -> None:
    from quotex.rules.mentions import antecedent_source

    # ein Bericht , wonach
    doc = from_rows([("Es", "PRON", "expl", 1), ("gibt", "VERB", "ROOT", 1), ("einen", "DET", "det", 3, "Case=Acc"),
                     ("Bericht", "NOUN", "obj", 1), (",", "PUNCT", "punct", 3), ("wonach", "ADV", "advmod", 3)],
                    parsed=parsed)
    assert _text(doc, antecedent_source(doc, 4, 2, syntax.scheme_of(doc))) == "einen Bericht"


# sagte Regierungssprecher Jan Berg in Bonn , die Regierung in Bonn sei …
PLACE = """
sagte              VERB  O     _         0  ROOT   ROOT
Regierungssprecher NOUN  O     Case=Nom  0  nsubj  sb
Jan                PROPN B-PER _         1  appos  pnc
Berg               PROPN I-PER _         2  flat   nk
in                 ADP   O     _         5  case   mo
Bonn               PROPN B-LOC _         0  obl    nk
,                  PUNCT O     _         0  punct  punct
die                DET   O     Case=Nom  8  det    nk
Regierung          NOUN  O     Case=Nom  0  nsubj  sb
in                 ADP   O     _         10 case   mnr
Bonn               PROPN B-LOC _         8  nmod   nk
"""


@pytest.mark.parametrize("scheme", ["ud", "tiger", None])
def test_a_place_after_a_persons_name_is_where_it_was_said_after_a_noun_part_of_the_phrase(scheme: str | None) -> None:
    doc = from_table(PLACE, scheme)
    assert _text(doc, np_after(doc, 1, 6)) == "Regierungssprecher Jan Berg"
    assert _text(doc, np_after(doc, 7, len(doc))) == "die Regierung in Bonn"


# das Komitee im norwegischen Oslo , die Konflikte im größten Staat Afrikas , ein Sprecher im Oktober
PLACES = """
das          DET   O     Case=Nom  1  det    nk
Komitee      NOUN  O     Case=Nom  1  ROOT   ROOT
im           ADP   O     _         4  case   mnr
norwegischen ADJ   O     _         4  amod   nk
Oslo         PROPN B-LOC _         1  nmod   nk
,            PUNCT O     _         1  punct  punct
die          DET   O     Case=Nom  7  det    nk
Konflikte    NOUN  O     Case=Nom  1  conj   cj
im           ADP   O     _         11 case   mnr
größten      ADJ   O     _         11 amod   nk
Staat        NOUN  O     _         7  nmod   nk
Afrikas      PROPN B-LOC Case=Gen  10 nmod   ag
,            PUNCT O     _         1  punct  punct
ein          DET   O     Case=Nom  14 det    nk
Sprecher     NOUN  O     Case=Nom  1  conj   cj
im           ADP   O     _         16 case   mo
Oktober      PROPN O     _         14 nmod   nk
"""


@pytest.mark.parametrize("scheme", ["ud", "tiger", None])
def test_a_place_with_article_or_adjective_belongs_to_a_source_noun_but_no_topic_or_time_does(scheme: str | None) -> None:
    doc = from_table(PLACES, scheme)
    assert _text(doc, np_after(doc, 0, 5)) == "das Komitee im norwegischen Oslo"
    assert _text(doc, np_after(doc, 6, 12)) == "die Konflikte"
    assert _text(doc, np_after(doc, 13, len(doc))) == "ein Sprecher"


# Während Anna Berg erklärte , … / Während der Sitzung erklärte Anna Berg , …
SUBORDINATE = """
Während    ADP   O     _         1  case   cp
Anna       PROPN B-PER Case=Nom  3  nsubj  sb
Berg       PROPN I-PER Case=Nom  1  flat   pnc
erklärte   VERB  O     _         3  ROOT   ROOT
,          PUNCT O     _         3  punct  punct
"""
PREPOSITION = """
Während    ADP   O     _         2  case   mo
der        DET   O     Case=Gen  2  det    nk
Sitzung    NOUN  O     Case=Gen  3  obl    nk
erklärte   VERB  O     _         3  ROOT   ROOT
Anna       PROPN B-PER Case=Nom  3  nsubj  sb
Berg       PROPN I-PER Case=Nom  4  flat   pnc
,          PUNCT O     _         3  punct  punct
"""


@pytest.mark.parametrize("scheme", ["ud", "tiger", None])
def test_the_conjunction_opening_a_verb_final_clause_is_no_part_of_its_subject(scheme: str | None) -> None:
    from quotex.rules.mentions import subject_mention

    doc = from_table(SUBORDINATE, scheme)
    assert _text(doc, subject_mention(doc, doc[3], 0, len(doc), syntax.scheme_of(doc))) == "Anna Berg"
    # with the verb second "während" is a preposition, and the subject follows the verb
    doc = from_table(PREPOSITION, scheme)
    assert _text(doc, subject_mention(doc, doc[3], 0, len(doc), syntax.scheme_of(doc))) == "Anna Berg"


# 80 Prozent befürworteten , dass … (the parser took the count for an adverbial)
COUNTED = """
80           NUM   O     _         1  nummod nk
Prozent      NOUN  O     _         2  obl    mo
befürworteten VERB O     _         2  ROOT   ROOT
,            PUNCT O     _         2  punct  punct
"""


@pytest.mark.parametrize("scheme", ["ud", "tiger", None])
def test_a_number_opening_a_phrase_counts_the_noun_after_it(scheme: str | None) -> None:
    from quotex.rules.mentions import subject_mention

    doc = from_table(COUNTED, scheme)
    assert _text(doc, subject_mention(doc, doc[2], 0, 3, syntax.scheme_of(doc))) == "80 Prozent"


def test_every_impersonal_cue_takes_the_source_it_names() -> None:
    # Aus Regierungskreisen verlautete (no subject: the source is where it came from)
    ud = [("Aus", "ADP", "case", 1), ("Regierungskreisen", "NOUN", "obl", 2), ("verlautete", "VERB", "ROOT", 2)]
    tiger = [("Aus", "ADP", "mo", 2), ("Regierungskreisen", "NOUN", "nk", 0), ("verlautete", "VERB", "ROOT", 2)]
    for rows, parsed in ((ud, True), (tiger, True), (ud, False)):
        assert _cue_speaker(rows, 2, "verlauten", parsed=parsed) == "Regierungskreisen"


def test_a_demonstrative_before_its_noun_is_the_nouns_determiner_not_a_pronoun() -> None:
    # In dieser neuen Erklärung heißt es … / Dieser sagte …
    doc = from_rows([("In", "ADP", "case", 3), ("dieser", "DET", "det", 3), ("neuen", "ADJ", "amod", 3),
                     ("Erklärung", "NOUN", "obl", 4), ("heißt", "VERB", "ROOT", 4), ("es", "PRON", "expl", 4)])
    assert _text(doc, np_after(doc, 1, 4)) == "dieser neuen Erklärung"
    doc = from_rows([("Dieser", "PRON", "nsubj", 1), ("sagte", "VERB", "ROOT", 1), ("nichts", "PRON", "obj", 1)])
    assert _text(doc, np_after(doc, 0, len(doc))) == "Dieser"


# laut Reporter ohne Grenzen gebe es … / laut Reporter ohne Grenzen, die …
NAMED = """
laut      ADP   O     _  1  case   mo
Reporter  PROPN B-ORG _  4  obl    nk
ohne      ADP   I-ORG _  3  case   mnr
Grenzen   PROPN I-ORG _  1  nmod   nk
gebe      VERB  O     _  4  ROOT   ROOT
es        PRON  O     _  4  expl   ep
"""


@pytest.mark.parametrize("scheme", ["ud", "tiger", None])
def test_a_phrase_ending_inside_a_recognised_name_takes_the_whole_name(scheme: str | None) -> None:
    doc = from_table(NAMED, scheme)
    assert _text(doc, np_after(doc, 1, len(doc))) == "Reporter ohne Grenzen"
    assert _text(doc, np_after(doc, 1, 3)) == "Reporter"  # never past the stretch it may fill


# Laut Protokoll sagte die Ministerin einigen Experten zufolge ab . Auch dem Sender zufolge …
# (the parser hung "zufolge" on the subject, whose subtree then holds the source)
POSTPOSITION = """
Laut         ADP   O     _         1  case   mo
Protokoll    NOUN  O     Case=Dat  2  obl    nk
sagte        VERB  O     _         2  ROOT   ROOT
die          DET   O     Case=Nom  4  det    nk
Ministerin   NOUN  O     Case=Nom  2  nsubj  sb
einigen      DET   O     Case=Dat  6  det    nk
Experten     NOUN  O     Case=Dat  4  nmod   ag
zufolge      ADP   O     _         4  case   mo
ab           ADP   O     _         2  compound:prt svp
.            PUNCT O     _         2  punct  punct
Auch         ADV   O     _         12 advmod mo
dem          DET   O     Case=Dat  12 det    nk
Sender       NOUN  O     Case=Dat  14 obl    nk
zufolge      ADP   O     _         12 case   mo
regnet       VERB  O     _         14 ROOT   ROOT
"""


@pytest.mark.parametrize("scheme", ["ud", "tiger", None])
def test_a_postposition_cites_one_phrase_not_the_subject_or_adverb_before_it(scheme: str | None) -> None:
    from quotex.rules.mentions import postposition_source

    doc = from_table(POSTPOSITION, scheme)
    assert _text(doc, postposition_source(doc, 7, 3, syntax.scheme_of(doc))) == "einigen Experten"
    assert _text(doc, postposition_source(doc, 13, 10, syntax.scheme_of(doc))) == "dem Sender"
    # a phrase the reader would cut short inside ("Afghanischen" read as a name) stays whole
    tagged = from_rows([("Afghanischen", "PROPN", "amod", 1), ("Behörden", "NOUN", "nmod", 3),
                        ("zufolge", "ADP", "case", 1), ("regnet", "VERB", "ROOT", 3)], parsed=scheme is not None)
    assert _text(tagged, postposition_source(tagged, 2, 0, syntax.scheme_of(tagged))) == "Afghanischen Behörden"


# zitiert die „ Zeitung “ Meyer in einem Bericht (the parser hung the object on the name)
CLOSED_NAME = """
zitiert      VERB  O     _         0  ROOT   ROOT
die          DET   O     Case=Nom  3  det    nk
„            PUNCT O     _         3  punct  punct
Zeitung      NOUN  O     Case=Nom  0  nsubj  sb
“            PUNCT O     _         3  punct  punct
Meyer        PROPN B-PER Case=Nom  3  appos  app
in           ADP   O     _         8  case   mo
einem        DET   O     Case=Dat  8  det    nk
Bericht      NOUN  O     Case=Dat  0  obl    mo
"""


@pytest.mark.parametrize("scheme", ["ud", "tiger", None])
def test_a_noun_or_name_after_a_name_in_marks_or_brackets_starts_the_next_phrase(scheme: str | None) -> None:
    from quotex.rules.mentions import subject_mention

    doc = from_table(CLOSED_NAME, scheme)
    assert _text(doc, np_after(doc, 1, len(doc))) == "die „Zeitung“"
    assert _text(doc, subject_mention(doc, doc[0], 0, len(doc), syntax.scheme_of(doc))) == "die „Zeitung“"
    # a genitive after the bracket still belongs to the name: das Komitee ( OK ) der Spiele
    komitee = from_rows([("das", "DET", "det", 1), ("Komitee", "NOUN", "nsubj", 7), ("(", "PUNCT", "punct", 3),
                         ("OK", "PROPN", "appos", 1), (")", "PUNCT", "punct", 3), ("der", "DET", "det", 6, "Case=Gen"),
                         ("Spiele", "NOUN", "nmod", 1), ("sagte", "VERB", "ROOT", 7)], parsed=scheme is not None)
    assert _text(komitee, np_after(komitee, 0, len(komitee))) == "das Komitee (OK) der Spiele"


@pytest.mark.parametrize("parsed", [True, False])
def test_a_saxon_genitive_after_a_paragraph_break_opens_its_phrase(parsed: bool) -> None:
    # (paragraph break) Frankreichs Präsident Jacques Chirac sagte: the tagger took the break for a name
    doc = from_rows([("\n\n", "PROPN", "dep", 0), ("Frankreichs", "PROPN", "nmod", 2), ("Präsident", "NOUN", "nsubj", 5),
                     ("Jacques", "PROPN", "appos", 2), ("Chirac", "PROPN", "flat", 3), ("sagte", "VERB", "ROOT", 5)],
                    parsed=parsed, spaces=[False, True, True, True, True, False])
    assert _text(doc, np_after(doc, 1, len(doc))) == "Frankreichs Präsident Jacques Chirac"


# bedauerte der Verband kommunaler Betriebe , dass … / sagte der Sprecher unserer Zeitung , dass …
GENITIVE_PLURAL = """
bedauerte  VERB  O     _         0  ROOT   ROOT
der        DET   O     Case=Nom  2  det    nk
Verband    NOUN  O     Case=Nom  0  nsubj  sb
kommunaler ADJ   O     Case=Gen  4  amod   nk
Betriebe   NOUN  O     Case=Gen  2  nmod   ag
,          PUNCT O     _         0  punct  punct
"""


@pytest.mark.parametrize("scheme", ["ud", "tiger", None])
def test_an_adjective_in_er_after_a_role_or_organization_opens_a_genitive_plural(scheme: str | None) -> None:
    doc = from_table(GENITIVE_PLURAL, scheme)
    assert _text(doc, np_after(doc, 1, len(doc))) == "der Verband kommunaler Betriebe"
    dative = from_table(GENITIVE_PLURAL.replace("Verband  ", "Sprecher ").replace("kommunaler ADJ ", "unserer    DET "),
                        scheme)
    assert _text(dative, np_after(dative, 1, len(dative))) == "der Sprecher"


# berichtet die Online-Ausgabe des Magazins , dass … (the head tagged as a name)
GENITIVE_AFTER_NAME = """
berichtet      VERB  O     _         0  ROOT   ROOT
die            DET   O     Case=Nom  2  det    nk
Online-Ausgabe PROPN O     Case=Nom  0  nsubj  sb
des            DET   O     Case=Gen  4  det    nk
Magazins       NOUN  O     Case=Gen  2  nmod   ag
,              PUNCT O     _         0  punct  punct
"""


@pytest.mark.parametrize("scheme", ["ud", "tiger", None])
def test_an_article_of_genitive_form_only_continues_even_a_name(scheme: str | None) -> None:
    from quotex.rules.mentions import subject_mention

    doc = from_table(GENITIVE_AFTER_NAME, scheme)
    assert _text(doc, np_after(doc, 1, len(doc))) == "die Online-Ausgabe des Magazins"
    assert _text(doc, subject_mention(doc, doc[0], 0, 5, syntax.scheme_of(doc))) == "die Online-Ausgabe des Magazins"
    # "der" may be the dative the name spoke to: sagte Peskow der Zeitung
    dative = from_rows([("sagte", "VERB", "ROOT", 0), ("Peskow", "PROPN", "nsubj", 0), ("der", "DET", "det", 3),
                        ("Zeitung", "NOUN", "iobj", 0)], parsed=scheme is not None)
    assert _text(dative, np_after(dative, 1, len(dative))) == "Peskow"


# sagte Max Muster von der „ Aktion Kinder helfen “ , … / sagte Max Muster „ Wir helfen “
NAME_LIKE_A_SENTENCE = """
sagte    VERB  O     _         0  ROOT   ROOT
Max      PROPN B-PER _         0  nsubj  sb
Muster   PROPN I-PER _         1  flat   pnc
von      ADP   O     _         6  case   mnr
der      DET   O     Case=Dat  6  det    nk
„        PUNCT O     _         6  punct  punct
Aktion   NOUN  O     Case=Dat  1  nmod   nk
Kinder   NOUN  O     Case=Nom  8  nsubj  sb
helfen   VERB  O     _         6  acl    rc
“        PUNCT O     _         6  punct  punct
,        PUNCT O     _         0  punct  punct
"""


@pytest.mark.parametrize("scheme", ["ud", "tiger", None])
def test_marks_after_an_article_hold_a_name_even_with_a_verb_inside(scheme: str | None) -> None:
    doc = from_table(NAME_LIKE_A_SENTENCE, scheme)
    assert _text(doc, np_after(doc, 1, len(doc))) == "Max Muster von der „Aktion Kinder helfen“"
    # without the article the marks open a quotation: sagte Max Muster „ Wir helfen “
    quotation = from_rows([("sagte", "VERB", "ROOT", 0), ("Max", "PROPN", "nsubj", 0), ("Muster", "PROPN", "flat", 1),
                           ("„", "PUNCT", "punct", 5), ("Wir", "PRON", "nsubj", 5), ("helfen", "VERB", "ccomp", 0),
                           ("“", "PUNCT", "punct", 5)], parsed=scheme is not None)
    assert _text(quotation, np_after(quotation, 1, len(quotation))) == "Max Muster"


# lobte der Sprecher der Partei , Max Muster das Urteil (no comma closes the name)
NAME_AFTER_ROLE = """
lobte    VERB  O     _         0  ROOT   ROOT
der      DET   O     Case=Nom  2  det    nk
Sprecher NOUN  O     Case=Nom  0  nsubj  sb
der      DET   O     Case=Gen  4  det    nk
Partei   NOUN  O     Case=Gen  2  nmod   ag
,        PUNCT O     _         6  punct  punct
Max      PROPN B-PER _         2  appos  app
Muster   PROPN I-PER _         6  flat   pnc
das      DET   O     Case=Acc  9  det    nk
Urteil   NOUN  O     Case=Acc  0  obj    oa
"""


@pytest.mark.parametrize("scheme", ["ud", "tiger", None])
def test_a_name_set_off_after_a_role_is_its_apposition_wherever_it_ends(scheme: str | None) -> None:
    doc = from_table(NAME_AFTER_ROLE, scheme)
    assert _text(doc, np_after(doc, 1, len(doc))) == "der Sprecher der Partei, Max Muster"
    # after a phrase with no role the name may be anything: lobte der Streit der Partei , Max Muster …
    other = from_table(NAME_AFTER_ROLE.replace("Sprecher NOUN", "Streit   NOUN"), scheme)
    assert _text(other, np_after(other, 1, len(other))) == "der Streit der Partei"


# Max Muster , dessen Amt zuständig ist , sagte
GENITIVE_RELATIVE = """
Max       PROPN B-PER Case=Nom  7  nsubj  sb
Muster    PROPN I-PER Case=Nom  0  flat   pnc
,         PUNCT O     _         0  punct  punct
dessen    DET   O     Case=Gen  4  det    ag
Amt       NOUN  O     Case=Nom  5  nsubj  sb
zuständig ADJ   O     _         0  acl:relcl rc
ist       AUX   O     _         5  cop    pd
sagte     VERB  O     _         7  ROOT   ROOT
"""


@pytest.mark.parametrize("scheme", ["ud", "tiger", None])
def test_a_genitive_relative_pronoun_opens_a_relative_clause_even_before_its_noun(scheme: str | None) -> None:
    from quotex.rules.mentions import subject_mention

    doc = from_table(GENITIVE_RELATIVE, scheme)
    assert _text(doc, subject_mention(doc, doc[7], 0, 7, syntax.scheme_of(doc))) == "Max Muster"


# sagte der Staatliche Gesundheits Dienst ( SGD ) . (the recognizer's name ends in a word tagged as a noun)
NAME_WITH_NOUN = """
sagte      VERB  O     _         0  ROOT   ROOT
der        DET   O     Case=Nom  4  det    nk
Staatliche PROPN B-ORG _         4  amod   nk
Gesundheits PROPN I-ORG _        4  compound pnc
Dienst     NOUN  I-ORG Case=Nom  0  nsubj  sb
(          PUNCT O     _         6  punct  punct
SGD        PROPN B-ORG _         4  appos  app
)          PUNCT O     _         6  punct  punct
.          PUNCT O     _         0  punct  punct
"""


@pytest.mark.parametrize("scheme", ["ud", "tiger", None])
def test_a_phrase_reads_on_through_a_recognised_name_to_its_bracket(scheme: str | None) -> None:
    doc = from_table(NAME_WITH_NOUN, scheme)
    assert _text(doc, np_after(doc, 1, len(doc))) == "der Staatliche Gesundheits Dienst (SGD)"


# Einzig Sony gab bekannt (the parser hung the adverbial adjective on the subject)
ADVERBIAL_ADJECTIVE = """
Einzig   ADJ   O     _         1  dep    mo
Sony     PROPN B-ORG Case=Nom  2  nsubj  sb
gab      VERB  O     _         2  ROOT   ROOT
bekannt  ADJ   O     _         2  xcomp  pd
"""

# zuvor hatte Bonn abgelehnt (the parser made the auxiliary the passive subject)
VERB_AS_SUBJECT = """
zuvor     ADV   O     _         1  advmod    mo
hatte     AUX   O     _         3  nsubj:pass sb
Bonn      PROPN B-LOC Case=Nom  1  obl       mo
abgelehnt VERB  O     _         3  ROOT      ROOT
"""


@pytest.mark.parametrize("scheme", ["ud", "tiger", None])
def test_an_adverbial_adjective_or_a_verb_is_no_part_of_a_subject(scheme: str | None) -> None:
    from quotex.rules.mentions import subject_mention

    doc = from_table(ADVERBIAL_ADJECTIVE, scheme)
    doc[0].tag_, doc[3].tag_ = "ADJD", "ADJD"
    assert _text(doc, subject_mention(doc, doc[2], 0, len(doc), syntax.scheme_of(doc))) == "Sony"
    verb = from_table(VERB_AS_SUBJECT, scheme)
    assert _text(verb, subject_mention(verb, verb[3], 0, len(verb), syntax.scheme_of(verb))) == "Bonn"
    # Höhnisch schrieb der Verfasser (the adverbial adjective taken for a noun and the subject)
    alone = from_rows([("Höhnisch", "NOUN", "nsubj", 1), ("schrieb", "VERB", "ROOT", 1), ("der", "DET", "det", 3),
                       ("Verfasser", "NOUN", "obj", 1)], parsed=scheme is not None)
    alone[0].tag_ = "ADJD"
    assert _text(alone, subject_mention(alone, alone[1], 0, len(alone), syntax.scheme_of(alone))) == "der Verfasser"


# der erst kürzlich ernannte Bischof sagte
ADVERB_IN_PHRASE = """
der      DET   O     Case=Nom  4  det    nk
erst     ADV   O     _         2  advmod mo
kürzlich ADV   O     _         3  advmod mo
ernannte ADJ   O     Case=Nom  4  amod   nk
Bischof  NOUN  O     Case=Nom  5  nsubj  sb
sagte    VERB  O     _         5  ROOT   ROOT
"""


@pytest.mark.parametrize("scheme", ["ud", "tiger", None])
def test_adverbs_between_article_and_adjective_belong_to_the_phrase(scheme: str | None) -> None:
    doc = from_table(ADVERB_IN_PHRASE, scheme)
    assert _text(doc, np_after(doc, 0, len(doc))) == "der erst kürzlich ernannte Bischof"


@pytest.mark.parametrize("scheme", ["ud", "tiger", None])
def test_am_places_a_role_at_an_institution_but_not_at_a_time(scheme: str | None) -> None:
    # Professorin am Kaiser Institut sagte / der Sprecher am Montag sagte
    doc = from_table("""
Professorin NOUN  O     Case=Nom  4  nsubj  sb
am          ADP   O     _         3  case   mnr
Kaiser      PROPN B-ORG _         3  compound pnc
Institut    PROPN I-ORG _         0  nmod   nk
sagte       VERB  O     _         4  ROOT   ROOT
""", scheme)
    assert _text(doc, np_after(doc, 0, len(doc))) == "Professorin am Kaiser Institut"
    time = from_table("""
der         DET   O     Case=Nom  1  det    nk
Sprecher    NOUN  O     Case=Nom  4  nsubj  sb
am          ADP   O     _         3  case   mo
Montag      PROPN O     _         4  obl    nk
sagte       VERB  O     _         4  ROOT   ROOT
""", scheme)
    assert _text(time, np_after(time, 0, len(time))) == "der Sprecher"
