"""The embedded German pipeline and how quotex chooses a pipeline."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest
import spacy

from quotex import pipeline
from quotex.pipeline import EMBEDDED, EMBEDDED_PATH, PREFERRED, load_pipeline, resolve

#: STTS (TIGER) part-of-speech tags, the tagger's whole label space.
STTS = {
    "$(", "$,", "$.", "ADJA", "ADJD", "ADV", "APPO", "APPR", "APPRART", "APZR", "ART", "CARD", "FM", "ITJ",
    "KOKOM", "KON", "KOUI", "KOUS", "NE", "NN", "NNE", "PAV", "PROAV", "PDAT", "PDS", "PIAT", "PIS", "PPER",
    "PPOSAT", "PPOSS", "PRELAT", "PRELS", "PRF", "PTKA", "PTKANT", "PTKNEG", "PTKVZ", "PTKZU", "PWAT", "PWAV",
    "PWS", "TRUNC", "VAFIN", "VAIMP", "VAINF", "VAPP", "VMFIN", "VMINF", "VMPP", "VVFIN", "VVIMP", "VVINF",
    "VVIZU", "VVPP", "XY", "_SP",
}
UPOS = {
    "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN", "PUNCT",
    "SCONJ", "SYM", "VERB", "X", "SPACE",
}


@pytest.fixture(scope="module")
def embedded() -> spacy.language.Language:
    return spacy.load(EMBEDDED_PATH)


def test_embedded_pipeline_has_the_promised_components(embedded):
    for name in ("entity_ruler", "tok2vec", "tagger", "morphologizer", "parser", "lemmatizer", "ner"):
        assert name in embedded.pipe_names
    assert "quotex" not in embedded.pipe_names  # plain spacy.load must not need quotex
    assert set(embedded.get_pipe("ner").labels) == {"PER", "LOC", "ORG", "MISC"}
    assert set(embedded.get_pipe("tagger").labels) <= STTS
    assert embedded.meta["lang"] == "de"
    assert embedded.meta["name"] == "quotex_news"
    assert embedded.meta["version"] == "0.2.0"
    assert "CC BY-SA" in embedded.meta["license"]
    assert embedded.meta["sources"]


def test_embedded_vectors_are_the_brown_clusters(embedded):
    vectors = embedded.vocab.vectors
    assert vectors.name == "de_brown_clusters"
    assert vectors.n_keys > 100_000 and vectors.shape[0] < 1_000  # many words share a cluster's row
    assert vectors.find(key="Merkel") == vectors.find(key="Hoeneß") != vectors.find(key="Berlin")


def test_embedded_pipeline_annotates_everything(embedded):
    doc = embedded("Der Sprecher sagte am Montag in Berlin, die Regierung habe keine Pläne. Wir kommen morgen zurück.")
    assert len(list(doc.sents)) == 2
    for token in doc:
        assert token.pos_ in UPOS
        assert token.tag_ in STTS
        assert token.lemma_
    roots = [t for t in doc if t.dep_ == "ROOT"]
    assert len(roots) == 2
    labels = {t.dep_ for t in doc}
    assert "nsubj" in labels and "punct" in labels  # UD relations, not TIGER
    by_text = {t.text: t for t in doc}
    assert by_text["sagte"].lemma_ == "sagen"
    assert by_text["Pläne"].lemma_ == "Plan"
    assert "Sub" in by_text["habe"].morph.get("Mood")  # Konjunktiv I of reported speech
    assert by_text["habe"].morph.get("Person") == ["3"]
    assert by_text["Pläne"].morph.get("Number") == ["Plur"]
    assert ("Berlin", "LOC") in {(e.text, e.label_) for e in doc.ents}


def test_gazetteer_ruler_names_organizations_with_their_canonical_form(embedded):
    # The ruler alone (the NER off), so the test checks the gazetteer patterns, not the model.
    with embedded.select_pipes(disable=["ner"]):
        doc = embedded(
            "Eine Sprecherin des Weißen Hauses widersprach dem Kreml, das Bundesfinanzministerium "
            "schwieg, und die Muster Holding AG zeigte ein Bild der Lage in Frankreichs Norden."
        )
    found = {(e.text, e.label_, e.ent_id_) for e in doc.ents}
    assert found == {
        ("Weißen Hauses", "ORG", "Weißes Haus"),
        ("Kreml", "ORG", "Kreml"),
        ("Bundesfinanzministerium", "ORG", "Bundesministerium der Finanzen"),
        ("Muster Holding AG", "ORG", ""),
        ("Frankreichs", "LOC", "Frankreich"),
    }  # "Bild" (picture) is an ambiguous form: left to the NER


def test_ruler_names_win_over_the_ner(embedded):
    assert embedded.pipe_names[0] == "entity_ruler"  # the NER keeps the ruler's entities
    doc = embedded("Ein Sprecher des Kreml dementierte das in Moskau.")
    assert ("Kreml", "ORG", "Kreml") in {(e.text, e.label_, e.ent_id_) for e in doc.ents}


def test_embedded_pipeline_loads_without_spacy_lookups_data():
    """The lemma table is inside the model folder; the lookups package is only needed to train."""
    code = (
        "import sys; sys.modules['spacy_lookups_data'] = None\n"
        "import spacy\n"
        f"nlp = spacy.load({str(EMBEDDED_PATH)!r})\n"
        "print(nlp('Sie sagten nichts.')[1].lemma_)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "sagen"


def test_embedded_pipeline_is_small_enough():
    size = sum(f.stat().st_size for f in EMBEDDED_PATH.rglob("*") if f.is_file())
    assert size <= 40 * 1024 * 1024


@pytest.fixture
def lg_installed(monkeypatch):
    """Pretend de_core_news_lg is installed; spacy.load returns a blank German pipeline named like it."""
    real_find_spec = importlib.util.find_spec
    loaded: list[object] = []

    def find_spec(name, *args, **kwargs):
        if name == PREFERRED:
            return importlib.machinery.ModuleSpec(PREFERRED, None)
        return real_find_spec(name, *args, **kwargs)

    real_load = spacy.load

    def load(target, *args, **kwargs):
        loaded.append(target)
        if target == PREFERRED:
            nlp = spacy.blank("de")
            nlp.meta.update({"name": "core_news_lg", "version": "3.8.0"})
            return nlp
        return real_load(target, *args, **kwargs)

    monkeypatch.setattr(pipeline.importlib.util, "find_spec", find_spec)
    monkeypatch.setattr(pipeline.spacy, "load", load)
    return loaded


@pytest.fixture
def lg_absent(monkeypatch):
    real_find_spec = importlib.util.find_spec

    def find_spec(name, *args, **kwargs):
        return None if name == PREFERRED else real_find_spec(name, *args, **kwargs)

    monkeypatch.setattr(pipeline.importlib.util, "find_spec", find_spec)


def test_default_is_de_core_news_lg_when_installed(lg_installed):
    assert resolve(None) == PREFERRED
    nlp = load_pipeline()
    assert lg_installed == [PREFERRED]
    assert nlp.meta["name"] == "core_news_lg"
    assert nlp.pipe_names[-1] == "quotex"


def test_embedded_is_used_when_lg_is_absent(lg_absent):
    assert resolve(None) == EMBEDDED_PATH
    nlp = load_pipeline(attributor=False)
    assert nlp.meta["name"] == "quotex_news"


def test_embedded_name_wins_even_when_lg_is_installed(lg_installed):
    assert resolve(EMBEDDED) == EMBEDDED_PATH
    nlp = load_pipeline(EMBEDDED)
    assert lg_installed == [EMBEDDED_PATH]
    assert nlp.meta["name"] == "quotex_news"
    assert pipeline.describe(nlp) == "de_quotex_news 0.2.0"


def test_a_given_name_or_path_is_loaded_as_is(lg_installed, tmp_path):
    assert resolve("de_core_news_sm") == "de_core_news_sm"
    blank = spacy.blank("de")
    blank.to_disk(tmp_path / "mine")
    nlp = load_pipeline(str(tmp_path / "mine"), attributor=False)
    assert lg_installed == [str(tmp_path / "mine")]
    assert nlp.pipe_names == [pipeline.PARAGRAPHS]  # nothing but the paragraph step is added


def test_a_missing_pipeline_says_what_to_do(tmp_path):
    with pytest.raises(OSError, match="--model"):
        load_pipeline(str(tmp_path / "nowhere"))


def test_loading_runs_without_automatic_collection_and_restores_it(monkeypatch, tmp_path):
    import gc

    seen = []
    real_load = spacy.load

    def load(target):
        seen.append(gc.get_threshold()[0])
        return real_load(target)

    spacy.blank("de").to_disk(tmp_path / "mine")
    monkeypatch.setattr(pipeline.spacy, "load", load)
    before = gc.get_threshold()
    load_pipeline(str(tmp_path / "mine"))
    with pytest.raises(OSError):
        load_pipeline(str(tmp_path / "nowhere"))
    assert seen == [0, 0]
    assert gc.get_threshold() == before != (0, *before[1:])


def test_overlapping_loads_restore_collection_only_when_the_last_ends():
    import gc

    before = gc.get_threshold()
    outer = pipeline._collection_paused()
    outer.__enter__()
    with pipeline._collection_paused():
        assert gc.get_threshold()[0] == 0
    assert gc.get_threshold()[0] == 0  # the outer load is still running
    outer.__exit__(None, None, None)
    assert gc.get_threshold() == before


def test_the_embedded_path_is_inside_the_package():
    assert EMBEDDED_PATH.parent.parent == Path(pipeline.__file__).parent


def test_a_line_break_ends_the_parser_s_sentence_too():
    """Without the paragraph step the embedded parser runs a title into the first sentence."""
    nlp = load_pipeline(EMBEDDED, attributor=False)
    assert nlp.pipe_names[0] == pipeline.PARAGRAPHS
    doc = nlp("Neuer Rekord für Franka Dietzsch\nDie Werferin gewinnt in Helsinki.")
    assert [s.text.strip() for s in doc.sents] == ["Neuer Rekord für Franka Dietzsch", "Die Werferin gewinnt in Helsinki."]
    # the blank line belongs to the paragraph before it: no word of the next one hangs on it
    doc = nlp("Der Minister sagte\n\nes sei ernst.")
    space = next(t for t in doc if t.is_space)
    assert [s.text.strip() for s in doc.sents] == ["Der Minister sagte", "es sei ernst."]
    assert not list(space.children) and space.head.i < space.i


def test_paragraph_step_marks_hand_built_docs():
    from spacy.tokens import Doc

    from quotex.component import mark_paragraphs

    doc = Doc(spacy.blank("de").vocab, words=["Titel", "\n\n", "Er", "kam", "."], spaces=[False, False, True, False, False])
    mark_paragraphs(doc)
    assert [t.is_sent_start for t in doc][1:] == [False, True, None, None]


@pytest.mark.parametrize(
    "text, sentences",
    [
        # wrapped at a fixed width: the line reads on in lower case, or after a comma
        ("Er sagte, die Lage an der Grenze\nsei ernst.", ["Er sagte, die Lage an der Grenze\nsei ernst."]),
        ("Er sagte am Montag,\nDeutschland helfe.", ["Er sagte am Montag,\nDeutschland helfe."]),
        # a heading or title ends without punctuation; a blank line always ends a sentence
        ("Neuer Rekord\nDie Werferin gewinnt.", ["Neuer Rekord", "Die Werferin gewinnt."]),
        ("Der Minister sagte\n\nes sei ernst.", ["Der Minister sagte", "es sei ernst."]),
    ],
)
def test_a_line_break_ends_a_sentence_unless_the_line_reads_on(text: str, sentences: list[str]) -> None:
    from quotex.component import mark_paragraphs
    from quotex.rules.syntax import sentence_spans

    blank = spacy.blank("de")
    assert [s.text for s in sentence_spans(blank(text))] == sentences
    # the pipeline step tells the parser the same before it parses
    doc = mark_paragraphs(blank(text))
    starts = [t.idx for t in doc if t.is_sent_start and t.i > 0]
    assert starts == [text.index(s) for s in sentences[1:]]
