"""The named criteria that rank speaker candidates, on hand-built Docs."""

from __future__ import annotations

from hand_docs import from_rows
from quotex.rules.ranking import Candidate, best, impersonal, names_a_source, object_case

# Seine Entwicklung gründet sich auf Erfahrungen: …
TOPIC = from_rows([
    ("Seine", "DET", "det", 1, "Case=Nom"), ("Entwicklung", "NOUN", "nsubj", 2, "Case=Nom"), ("gründet", "VERB", "ROOT", 2),
    ("sich", "PRON", "obj", 2), ("auf", "ADP", "case", 5), ("Erfahrungen", "NOUN", "obl", 2), (":", "PUNCT", "punct", 2),
])
# Die Ministerin sagte dem Sender , man …
PEOPLE = from_rows([
    ("Die", "DET", "det", 1, "Case=Nom"), ("Ministerin", "NOUN", "nsubj", 2, "Case=Nom"), ("sagte", "VERB", "ROOT", 2),
    ("dem", "DET", "det", 4, "Case=Dat"), ("Sender", "NOUN", "iobj", 2, "Case=Dat"), (",", "PUNCT", "punct", 2),
    ("man", "PRON", "nsubj", 2, "Case=Nom"),
])


def test_a_topic_names_no_source_but_a_role_does() -> None:
    assert not names_a_source(TOPIC, 0, 2)
    assert names_a_source(PEOPLE, 0, 2)


def test_an_adverb_put_first_names_no_source() -> None:
    doc = from_rows([("Demnach", "ADV", "advmod", 1), ("sei", "AUX", "ROOT", 1)])
    assert not names_a_source(doc, 0, 1)


def test_untagged_capitalised_word_may_be_a_name() -> None:
    doc = from_rows([("Merkel", "", "", 0), (":", "", "", 0)], parsed=False)
    assert names_a_source(doc, 0, 1)


def test_an_object_is_never_the_speaker() -> None:
    assert object_case(PEOPLE, 3, 5)
    assert not object_case(PEOPLE, 0, 2)


def test_man_is_never_the_speaker() -> None:
    assert impersonal(PEOPLE, 6, 7)
    assert not impersonal(PEOPLE, 0, 2)


def test_best_skips_rejected_candidates_in_order() -> None:
    chosen = best(PEOPLE, [None, Candidate(6, 7, "opener"), Candidate(3, 5, "opener"), Candidate(0, 2, "subject")])
    assert chosen == Candidate(0, 2, "subject")
    assert best(TOPIC, [Candidate(0, 2, "opener")]) is None


def test_the_sentence_before_gives_its_subject_when_an_adverb_opens_it() -> None:
    from quotex.rules.document import Analysis
    from quotex.rules.mentions import sentence_source

    # Zugleich warnte der Minister vor Russland .
    doc = from_rows([
        ("Zugleich", "ADV", "advmod", 1), ("warnte", "VERB", "ROOT", 1), ("der", "DET", "det", 3, "Case=Nom"),
        ("Minister", "NOUN", "nsubj", 1, "Case=Nom"), ("vor", "ADP", "case", 5), ("Russland", "PROPN", "obl", 1, "Case=Dat"),
        (".", "PUNCT", "punct", 1),
    ])
    an = Analysis.of_doc(doc)
    chosen = sentence_source(an, an.sents[0])
    assert chosen is not None and (chosen.span, chosen.origin) == ((2, 4), "subject")


def test_the_cue_subject_is_the_first_candidate_outside_the_quote() -> None:
    from quotex.rules.ranking import cue_subject

    candidates = [Candidate(0, 2, "opener"), Candidate(3, 5, "after_verb")]
    assert cue_subject(PEOPLE, candidates, exclude=None) == Candidate(0, 2, "opener")
    assert cue_subject(PEOPLE, candidates, exclude=(0, 1)) == Candidate(3, 5, "after_verb")
    assert cue_subject(PEOPLE, [], exclude=None) is None


def test_cue_subjects_come_opener_first_then_the_parsed_subject_then_after_the_verb() -> None:
    from quotex.rules.mentions import cue_subjects
    from quotex.rules.syntax import scheme_of

    # Am Montag sagte der Minister
    doc = from_rows([
        ("Am", "ADP", "case", 1), ("Montag", "NOUN", "obl", 2), ("sagte", "VERB", "ROOT", 2),
        ("der", "DET", "det", 4, "Case=Nom"), ("Minister", "NOUN", "nsubj", 2, "Case=Nom"),
    ])
    found = [(c.span, c.origin) for c in cue_subjects(doc, doc[2], 0, len(doc), scheme_of(doc), None)]
    assert found[0] == ((3, 5), "subject")
    assert ((3, 5), "after_verb") in found
    assert all(origin != "opener" for _, origin in found)  # "Am Montag" fills the clause but is no subject


def test_in_the_passive_the_agent_is_the_only_cue_subject() -> None:
    from quotex.rules.mentions import cue_subjects

    # Die Regierung wurde vom Sprecher aufgefordert: the government was spoken to
    doc = from_rows([
        ("Die", "DET", "", 0, "Case=Nom"), ("Regierung", "NOUN", "", 0, "Case=Nom"), ("wurde", "AUX", "", 0),
        ("vom", "ADP", "", 0), ("Sprecher", "NOUN", "", 0), ("aufgefordert", "VERB", "", 0, "VerbForm=Part"),
    ], parsed=False)
    found = [(c.span, c.origin) for c in cue_subjects(doc, doc[5], 0, len(doc), None, None)]
    assert found == [((4, 5), "passive_agent")]


def test_the_phrase_before_the_finite_verb_is_a_cue_subject() -> None:
    from quotex.rules.mentions import cue_subjects

    # Der Minister hat gestern angekündigt
    doc = from_rows([
        ("Der", "DET", "", 0, "Case=Nom"), ("Minister", "NOUN", "", 0, "Case=Nom"), ("hat", "AUX", "", 0),
        ("gestern", "ADV", "", 0), ("angekündigt", "VERB", "", 0, "VerbForm=Part"),
    ], parsed=False)
    found = [(c.span, c.origin) for c in cue_subjects(doc, doc[4], 0, len(doc), None, None)]
    assert ((0, 2), "before_finite_verb") in found


# Besorgt äußerte sich Müller über die Lage . (parsed as taggers do: the adjective put first as subject)
MANNER_FIRST = """
Besorgt ADJ O _ 1 nsubj sb
äußerte VERB O _ 1 ROOT ROOT
sich PRON O Case=Acc 1 obj oa
Müller PROPN B-PER _ 1 obj oa
über ADP O _ 1 case mo
die DET O Case=Acc 6 det nk
Lage NOUN O Case=Acc 4 obl nk
. PUNCT O _ 1 punct punct
"""


def test_a_phrase_that_can_name_nobody_is_no_cue_subject() -> None:
    from hand_docs import from_table
    from quotex.rules.mentions import subject_mention
    from quotex.rules.ranking import nameless
    from quotex.rules.syntax import scheme_of

    for scheme in ("ud", "tiger", None):
        doc = from_table(MANNER_FIRST, scheme)
        assert nameless(doc, 0, 1) and not nameless(doc, 3, 4)
        assert subject_mention(doc, doc[1], 0, 4, scheme_of(doc)) == (3, 4), scheme
    untagged = from_table(MANNER_FIRST, None, tags=False)
    assert not nameless(untagged, 0, 1)  # without tags, any word may be a name


# Am Montag sagte die Ministerin den Gästen , … (the parser hung the dative on the subject)
OVERRUN = """
Am         ADP   O _        1 case  mo
Montag     NOUN  O Case=Dat 2 obl   nk
sagte      VERB  O _        2 ROOT  ROOT
die        DET   O Case=Nom 4 det   nk
Ministerin NOUN  O Case=Nom 2 nsubj sb
den        DET   O Case=Dat 6 det   nk
Gästen     NOUN  O Case=Dat 4 nmod  ag
,          PUNCT O _        2 punct punct
"""


def test_a_subject_subtree_that_swallowed_an_object_is_cut_back_to_the_noun_phrase() -> None:
    from hand_docs import from_table
    from quotex.rules.mentions import subject_mention
    from quotex.rules.ranking import swallowed
    from quotex.rules.syntax import scheme_of

    for scheme in ("ud", "tiger", None):
        doc = from_table(OVERRUN, scheme)
        assert subject_mention(doc, doc[2], 0, 7, scheme_of(doc)) == (3, 5), scheme
    doc = from_table(OVERRUN, "ud")
    assert swallowed(doc, Candidate(3, 7, "subject"), Candidate(3, 5, "after_verb"))
    assert not swallowed(doc, Candidate(3, 5, "subject"), Candidate(3, 5, "after_verb"))
    # a number going on is part of a name ("Schalke 04"); an apposition after a comma belongs too
    club = from_rows([("Schalke", "PROPN", "nsubj", 2), ("04", "NUM", "flat", 0), ("sagte", "VERB", "ROOT", 2)])
    assert not swallowed(club, Candidate(0, 2, "subject"), Candidate(0, 1, "after_verb"))
    assert not swallowed(PEOPLE, Candidate(0, 7, "subject"), Candidate(0, 2, "opener"))


# Die Ministerin selbst sagte , …: the parser hung the focus adverb on the subject
TRAILING_ADVERB = """
Die        DET   O _        1 det    nk
Ministerin NOUN  O Case=Nom 3 nsubj  sb
selbst     ADV   O _        1 advmod mo
sagte      VERB  O _        3 ROOT   ROOT
,          PUNCT O _        3 punct  punct
"""


def test_a_trailing_adverb_is_no_part_of_the_parsed_subject() -> None:
    from hand_docs import from_table
    from quotex.rules.mentions import subject_mention
    from quotex.rules.syntax import scheme_of

    for scheme in ("ud", "tiger"):
        doc = from_table(TRAILING_ADVERB, scheme)
        assert subject_mention(doc, doc[3], 0, 4, scheme_of(doc)) == (0, 2), scheme


# Klimaforscher bezweifeln , dass … (the tagger took the unknown noun put first for an adjective)
MISTAGGED_NOUN = """
Klimaforscher ADJ   O _ 1 nsubj sb
bezweifeln    VERB  O _ 1 ROOT  ROOT
,             PUNCT O _ 1 punct punct
"""

# Die Ärztin Jana Wollny sprach . Wollny warnte , … (the surname alone, taken for an adverb)
MISTAGGED_NAME = """
Die    DET   O     Case=Nom 1 det   nk
Ärztin NOUN  O     Case=Nom 4 nsubj sb
Jana   PROPN B-PER _        1 appos nk
Wollny PROPN I-PER _        2 flat  pnc
sprach VERB  O     _        4 ROOT  ROOT
.      PUNCT O     _        4 punct punct
Wollny ADV   O     _        7 nsubj sb
warnte VERB  O     _        7 ROOT  ROOT
,      PUNCT O     _        7 punct punct
"""


def test_a_subject_the_tagger_took_for_an_adjective_or_adverb_is_a_noun_or_name_the_document_knows() -> None:
    from hand_docs import from_table
    from quotex.rules.mentions import subject_mention
    from quotex.rules.ranking import mistagged_subject
    from quotex.rules.syntax import scheme_of

    for scheme in ("ud", "tiger"):
        noun, name = from_table(MISTAGGED_NOUN, scheme), from_table(MISTAGGED_NAME, scheme)
        assert mistagged_subject(noun[0]) and mistagged_subject(name[6])
        assert subject_mention(noun, noun[1], 0, 3, scheme_of(noun)) == (0, 1), scheme
        assert subject_mention(name, name[7], 6, 9, scheme_of(name)) == (6, 7), scheme
        manner = from_table(MANNER_FIRST, scheme)
        assert not mistagged_subject(manner[0])  # "Besorgt": an adjective no lexicon knows as a noun
    assert not mistagged_subject(from_table(MISTAGGED_NOUN, None)[0])  # no parse, no subject


# Ihren Gegner Jan Brun forderte sie auf , zu gehen . (parsed as the tagger misleads it: the fronted
# object, its noun tagged nominative, as the subject; the subject "sie" as an object)
FRONTED_OBJECT = """
Ihren   DET   O     Case=Acc 1 det          nk
Gegner  NOUN  O     Case=Nom 4 nsubj        sb
Jan     PROPN B-PER _        1 appos        nk
Brun    PROPN I-PER _        2 flat         pnc
forderte VERB O     _        4 ROOT         ROOT
sie     PRON  O     Case=Acc 4 obj          oa
auf     ADP   O     _        4 compound:prt svp
,       PUNCT O     _        9 punct        punct
zu      PART  O     _        9 mark         pm
gehen   VERB  O     _        4 xcomp        oc
.       PUNCT O     _        4 punct        punct
"""


def test_a_parsed_subject_whose_article_is_never_nominative_is_no_cue_subject() -> None:
    from hand_docs import from_table
    from quotex.rules.mentions import subject_mention
    from quotex.rules.syntax import scheme_of

    # "Ihren" is accusative or dative whatever case the tagger gives its noun: the subject follows the verb
    for scheme in ("ud", "tiger", None):
        doc = from_table(FRONTED_OBJECT, scheme)
        assert subject_mention(doc, doc[4], 0, 7, scheme_of(doc)) == (5, 6), scheme


# Es gab ein Treffen , bei dem Ministerin Berg sagte , … (parsed as the parser misleads itself: the relative
# pronoun as the article of the subject, the whole phrase an oblique)
RELATIVE_PHRASE = """
Es         PRON  O     Case=Nom 1 expl    ep
gab        VERB  O     _        1 ROOT    ROOT
ein        DET   O     Case=Acc 3 det     nk
Treffen    NOUN  O     Case=Acc 1 obj     oa
,          PUNCT O     _        9 punct   punct
bei        ADP   O     _        7 case    mo
dem        DET   O     Case=Dat 7 det     nk
Ministerin NOUN  O     Case=Dat 9 obl     nk
Berg       PROPN B-PER _        7 appos   nk
sagte      VERB  O     _        3 acl     rc
,          PUNCT O     _        9 punct   punct
"""

# Bei dem Treffen sagte Berg , … (a main clause: the verb comes second, the phrase before it is no subject)
FRONTED_PLACE = """
Bei        ADP   O     _        3 case    mo
dem        DET   O     Case=Dat 2 det     nk
Treffen    NOUN  O     Case=Dat 3 obl     nk
sagte      VERB  O     _        3 ROOT    ROOT
Berg       PROPN B-PER _        3 nsubj   sb
,          PUNCT O     _        3 punct   punct
"""


def test_a_relative_clause_opening_with_a_preposition_has_its_subject_after_the_pronoun() -> None:
    from hand_docs import from_table
    from quotex.rules.mentions import subject_mention
    from quotex.rules.syntax import scheme_of

    for scheme in ("ud", "tiger", None):
        doc = from_table(RELATIVE_PHRASE, scheme)
        assert subject_mention(doc, doc[9], 5, 10, scheme_of(doc)) == (7, 9), scheme
        main = from_table(FRONTED_PLACE, scheme)
        assert subject_mention(main, main[3], 0, 5, scheme_of(main)) == (4, 5), scheme


# Die Zeitung zitiert den Minister mit den Worten : „ Gut . “
QUOTED_OBJECT = """
Die      DET   O     Case=Nom 1 det   nk
Zeitung  NOUN  O     Case=Nom 2 nsubj sb
zitiert  VERB  O     _        2 ROOT  ROOT
den      DET   O     Case=Acc 4 det   nk
Minister NOUN  O     Case=Acc 2 obj   oa
mit      ADP   O     _        7 case  mo
den      DET   O     Case=Dat 7 det   nk
Worten   NOUN  O     Case=Dat 2 obl   nk
:        PUNCT O     _        2 punct punct
"""

# Der Sender zitiert aus dem Bericht :
QUOTED_SOURCE = """
Der      DET   O     Case=Nom 1 det   nk
Sender   NOUN  O     Case=Nom 2 nsubj sb
zitiert  VERB  O     _        2 ROOT  ROOT
aus      ADP   O     _        5 case  mo
dem      DET   O     Case=Dat 5 det   nk
Bericht  NOUN  O     Case=Dat 2 obl   nk
:        PUNCT O     _        2 punct punct
"""


def test_an_active_quoting_verb_gives_the_words_of_its_object_not_of_the_medium() -> None:
    from hand_docs import from_table
    from quotex.rules.mentions import cue_speaker
    from quotex.rules.syntax import scheme_of

    for scheme in ("ud", "tiger"):
        doc, source = from_table(QUOTED_OBJECT, scheme), from_table(QUOTED_SOURCE, scheme)
        assert cue_speaker(doc, doc[2], "zitieren", (2,), scheme_of(doc), subject=(0, 8), source=(0, 8)) == (3, 5), scheme
        # no object: the medium quotes a text and speaks for it
        assert cue_speaker(source, source[2], "zitieren", (2,), scheme_of(source), subject=(0, 6), source=(0, 6)) == (0, 2)
    # without a parse no object is known: the subject stays the speaker
    bare = from_table(QUOTED_OBJECT, None)
    assert cue_speaker(bare, bare[2], "zitieren", (2,), None, subject=(0, 8), source=(0, 8)) == (0, 2)
