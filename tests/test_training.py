"""The training recipe: converters, the POS-only loss, gazetteers, and a smoke run on fixtures/training."""

from __future__ import annotations

import dataclasses
import gzip
import json
import math
import sys
from pathlib import Path

import numpy
import pytest
import spacy
from spacy.tokens import DocBin
from spacy.training import Example

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "fixtures" / "training"
sys.path.insert(0, str(REPO / "training"))

import build_gazetteers  # noqa: E402
import convert  # noqa: E402

#: Where ``../shared/data`` keeps the corpus each hand-written fixture stands in for.
LAYOUT = {
    "treebank.txt": "ud/de_gsd-ud-dev.conllu",
    "treebank_test.txt": "ud/de_gsd-ud-test.conllu",
    "parallel_treebank.txt": "ud/de_pud-ud-test.conllu",
    "pos_only.txt": "ud/de_gsd-ud-train.upos",
    "name_sentences.txt": "ner/germeval2014/dev.tsv",
    "name_sentences_test.txt": "ner/germeval2014/test.tsv",
    "name_documents.json": "ner/smartdata/train.json.gz",
    "name_documents_test.json": "ner/smartdata/test.json.gz",
}


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixtures laid out as ``../shared/data`` is, so the real converters and recipe read them."""
    root = tmp_path_factory.mktemp("shared_data")
    for name, target in LAYOUT.items():
        path = root / target
        path.parent.mkdir(parents=True, exist_ok=True)
        content = (FIXTURES / name).read_bytes()
        path.write_bytes(gzip.compress(content) if target.endswith(".gz") else content)
    return root


def test_conllu_contractions_become_one_token(data):
    first = convert.read_conllu(data / "ud" / "de_gsd-ud-dev.conllu")[0]
    assert [w.form for w in first.words] == ["Die", "Regierung", "hat", "am", "Montag", "neue", "Pläne", "vorgestellt", "."]
    am = first.words[3]
    assert (am.upos, am.xpos, am.lemma, am.dep) == ("ADP", "APPRART", "an", "case")
    assert am.head == 4  # Montag
    assert "Case=Dat" in am.feats and "Definite=Def" in am.feats
    root = first.words[7]
    assert (root.dep, root.head) == ("ROOT", 7)
    assert first.words[7].space is False and first.words[6].space is True


def test_pud_tags_are_left_missing(data):
    pud = convert.read_conllu(data / "ud" / "de_pud-ud-test.conllu", stts=False)
    assert all(w.xpos == "" for s in pud for w in s.words)


def test_upos_lines_keep_contractions_whole_and_are_marked(data):
    nlp = spacy.blank("de")
    docs = list(convert.upos_docs(nlp, data / "ud" / "de_gsd-ud-train.upos"))
    assert len(docs) == 3
    assert [t.text for t in docs[0]] == ["Die", "Kosten", "sind", "im", "Rahmen", "."]
    assert [t.pos_ for t in docs[0]] == ["DET", "NOUN", "AUX", "ADP", "NOUN", "PUNCT"]
    assert docs[0].user_data[convert.ANNOTATION_KEY] == convert.UPOS_ONLY
    assert not docs[0].has_annotation("DEP")


def test_upos_only_sentences_follow_the_reference_convention(data):
    nlp = spacy.blank("de")
    reference = convert.read_conllu(data / "ud" / "de_gsd-ud-dev.conllu")
    reference[0].words[0].upos = "PRON"  # pretend the reference tags "Die" as PRON: never, and twice
    reference.append(convert.Sentence([dataclasses.replace(reference[0].words[0])]))
    convention = convert.upos_convention(reference)
    assert convention["Die"] == "PRON"
    docs = list(convert.upos_docs(nlp, data / "ud" / "de_gsd-ud-train.upos", reference))
    assert docs[0][0].text == "Die" and docs[0][0].pos_ == "PRON"  # DET is never used for "Die" there
    assert [t.pos_ for t in docs[0]][1:] == ["NOUN", "AUX", "ADP", "NOUN", "PUNCT"]


def test_upos_convention_leaves_ambiguous_and_rare_forms_alone():
    sentence = convert.Sentence([
        convert.Word(form, "", upos, "", "", 0, "dep", True)
        for form, upos in [("ist", "AUX"), ("ist", "AUX"), ("ist", "VERB"), ("selten", "ADV"), ("diese", "DET"), ("diese", "DET")]
    ])
    assert convert.upos_convention([sentence]) == {"diese": "DET"}


def test_germeval_maps_labels_and_drops_deriv_and_part(data):
    nlp = spacy.blank("de")
    sentences = convert.read_germeval(data / "ner" / "germeval2014" / "dev.tsv")
    film = convert.germeval_doc(nlp, sentences[2])  # Der deutsche Film "Metropolis" lief in Wien .
    assert [(e.text, e.label_) for e in film.ents] == [("Metropolis", "MISC"), ("Wien", "LOC")]
    part = convert.germeval_doc(nlp, convert.read_germeval(data / "ner" / "germeval2014" / "test.tsv")[2])
    assert list(part.ents) == []  # "EU-weite" is ORGpart: not an organization name


def test_smartdata_keeps_names_and_drops_descriptions_and_routes(data):
    nlp = spacy.blank("de")
    records = convert.read_smartdata(data / "ner" / "smartdata" / "test.json.gz")
    assert len(records) == 5
    jam = convert.smartdata_doc(nlp, records[1])  # Stau auf der A7 bei Hamburg ... in beiden Richtungen.
    assert [(e.text, e.label_) for e in jam.ents] == [("Hamburg", "LOC")]
    strike = convert.smartdata_doc(nlp, records[0])
    assert [(e.text, e.label_) for e in strike.ents] == [("Lufthansa", "ORG"), ("Frankfurt", "LOC"), ("Verdi", "ORG")]


def test_build_writes_the_documented_splits(tmp_path, data):
    counts = convert.build(data, tmp_path)
    # syntax: (3 of 4 GSD dev sentences, 3 of 4 PUD sentences) -> 1 doc each, 3 copies; plus 3 UPOS-only lines
    assert counts["syntax_train"] == 2 * 3 + 3
    assert counts["syntax_dev"] == 2  # GSD dev sentence 0, PUD sentence 0
    # held out: GermEval test sentences 0 and 5; SmartData test docs 0 (news) and 4 (rss)
    assert counts["ner_heldout"] == 4
    assert counts["ner_dev"] == 2  # GermEval test sentence 1, SmartData test doc 1
    assert counts["ner_train"] == (3 + 3) * 2 + 2 + 2  # GermEval twice
    assert counts["gsd_test"] == 2
    nlp = spacy.blank("de")
    heldout = list(DocBin().from_disk(tmp_path / "ner_heldout.spacy").get_docs(nlp.vocab))
    train = list(DocBin().from_disk(tmp_path / "ner_train.spacy").get_docs(nlp.vocab))
    assert not {d.text for d in heldout} & {d.text for d in train}
    assert {d.user_data[convert.SOURCE_KEY] for d in heldout} == {"germeval", "smartdata"}


def test_upos_only_tokens_are_scored_by_the_mass_of_their_pos(data):
    import custom  # noqa: F401  (patches the morphologizer's loss)

    nlp = spacy.blank("de")
    morphologizer = nlp.add_pipe("morphologizer")
    full = list(convert.conllu_docs(nlp, convert.read_conllu(data / "ud" / "de_gsd-ud-dev.conllu")))
    partial = list(convert.upos_docs(nlp, data / "ud" / "de_gsd-ud-train.upos"))
    examples = [Example(nlp.make_doc(d.text), d) for d in full] + [
        Example(spacy.tokens.Doc(nlp.vocab, words=[t.text for t in d]), d) for d in partial
    ]
    nlp.initialize(lambda: examples)
    # labels come from fully annotated tokens only: no feature-less "POS=NOUN"
    assert "POS=NOUN" not in morphologizer.labels
    example = examples[-3]  # Die Kosten sind im Rahmen .
    scores, _ = morphologizer.model.begin_update([example.predicted])  # softmax outputs, as in training
    loss, d_scores = morphologizer.get_loss([example], scores)
    probs = numpy.asarray(scores[0])
    label_pos = [morphologizer.cfg["labels_pos"][label] for label in morphologizer.labels]
    noun = spacy.parts_of_speech.IDS["NOUN"]
    mask = numpy.asarray([p == noun for p in label_pos], dtype=probs.dtype)
    row = probs[1]  # "Kosten", gold NOUN
    expected = row - row * mask / (row * mask).sum()
    assert numpy.allclose(numpy.asarray(d_scores[0])[1], expected, atol=1e-6)
    masses = [(probs[i] * numpy.asarray([p == spacy.parts_of_speech.IDS[pos] for p in label_pos])).sum()
              for i, pos in enumerate(["DET", "NOUN", "AUX", "ADP", "NOUN", "PUNCT"])]
    assert loss == pytest.approx(-sum(math.log(m) for m in masses), rel=1e-4)


def test_declensions_of_adjective_names():
    assert set(build_gazetteers.declensions("Weißes Haus", "n")) == {"Weiße Haus", "Weißen Haus", "Weißen Hauses"}
    assert build_gazetteers.declensions("Europäische Union", "f") == ["Europäischen Union"]
    assert build_gazetteers.declensions("Bundesministerium der Finanzen", "n") == ["Bundesministeriums der Finanzen"]
    assert build_gazetteers.declensions("Kreml", "m") == ["Kremles", "Kremls"]


def test_country_names_with_adjectives_get_their_oblique_forms():
    by_name = {c["name"]: c["aliases"] for c in build_gazetteers.countries()}
    assert "Vereinigten Staaten" in by_name["Vereinigte Staaten"]
    assert "Dominikanischen Republik" in by_name["Dominikanische Republik"]


def test_shipped_gazetteers_are_what_the_builder_writes(tmp_path):
    sys.argv = ["build_gazetteers.py", "--out", str(tmp_path)]
    build_gazetteers.main()
    lexicons = REPO / "src" / "quotex" / "lexicons"
    for name in ("organizations.jsonl", "countries.jsonl"):
        assert (tmp_path / name).read_text(encoding="utf-8") == (lexicons / name).read_text(encoding="utf-8")


def test_recipe_runs_end_to_end_on_the_fixture_corpus(tmp_path, data):
    import train

    out = tmp_path / "model"
    status = train.main([
        "--data", str(data), "--work", str(tmp_path), "--out", str(out),
        "--lexicons", str(tmp_path / "lexicons"), "--max-steps", "2", "--cluster-words", "2000",
    ])
    assert status == 0
    nlp = spacy.load(out)
    assert nlp.pipe_names == ["entity_ruler", "tok2vec", "tagger", "morphologizer", "parser", "lemmatizer", "ner"]
    assert set(nlp.get_pipe("ner").labels) == {"PER", "LOC", "ORG", "MISC"}
    assert nlp.meta["name"] == "quotex_news"
    doc = nlp("Die Regierung hat am Montag neue Pläne vorgestellt.")
    assert doc.has_annotation("TAG") and doc.has_annotation("DEP") and doc.has_annotation("MORPH")
    report = json.loads((tmp_path / "output" / "evaluation.json").read_text(encoding="utf-8"))
    assert {"gsd_test", "ner_heldout", "speed_one_core", "size_mb"} <= set(report)
    assert report["ner_heldout"]["PER+LOC+ORG"]["support"] == 9


def test_cluster_vectors_share_rows_within_a_cluster_and_prefixes_across():
    import clusters

    # Scholz's path continues Merkel's first ten bits (the low-order bits); Berlin's shares none.
    table = {"Merkel": 0b0101, "Hoeneß": 0b0101, "Scholz": 0b0101 | 1 << 12, "Berlin": 0b0010, "selten": 0b0101}
    probs = {"Merkel": -8.0, "Hoeneß": -9.0, "Scholz": -9.5, "Berlin": -7.0, "selten": -20.0}
    vectors = clusters.cluster_vectors(table, probs, words=4).vocab.vectors
    row = {word: vectors.find(key=word) for word in ("Merkel", "Hoeneß", "Scholz", "Berlin", "selten")}
    assert row["Merkel"] == row["Hoeneß"] != row["Scholz"]
    assert row["selten"] == -1  # the least probable word is left out
    assert vectors.shape == (3, clusters.WIDTH)
    data = vectors.data
    assert float(data[row["Merkel"]] @ data[row["Scholz"]]) > float(data[row["Merkel"]] @ data[row["Berlin"]])
