"""The ``quotex`` component: factory config, results on the Doc, lexicons saved with the pipeline."""

from __future__ import annotations

import pytest
import spacy

import quotex.component  # noqa: F401  (registers the factory)

TEXT = "„Wir kommen morgen ganz bestimmt“, sagte Merkel. Es regnete. Der Minister tuschelte, dass die Lage ernst ist."


def pipeline(**config):
    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("quotex", config=config)
    return nlp


def test_results_on_the_doc_in_text_order() -> None:
    text = "Die Lage sei ernst, sagte er. „Wir kommen morgen ganz bestimmt“, sagte Merkel."
    doc = pipeline()(text)
    starts = [q.quote.spans[0][0] for q in doc._.quotes]
    assert starts == sorted(starts) and len(starts) == 2


def test_config_selects_types() -> None:
    text = "Die Lage sei ernst, sagte er. „Wir kommen morgen ganz bestimmt“, sagte Merkel."
    assert {q.type for q in pipeline(types=["direct"])(text)._.quotes} == {"direct"}


def test_unknown_type_in_config_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown quote type"):
        pipeline(types=["direkt"])


def test_lexicons_travel_with_the_pipeline(tmp_path) -> None:
    nlp = pipeline()
    assert [q.type for q in nlp(TEXT)._.quotes] == ["direct"]  # "tuscheln" is no cue verb by default
    component = nlp.get_pipe("quotex")
    texts = dict(component.lexicons.texts)
    texts["cue_verbs.txt"] += "tuscheln\n"
    component._use(texts)
    assert [q.type for q in nlp(TEXT)._.quotes] == ["direct", "indirect"]
    nlp.to_disk(tmp_path / "p")
    assert "tuscheln" in (tmp_path / "p" / "quotex" / "cue_verbs.txt").read_text(encoding="utf-8")
    loaded = spacy.load(tmp_path / "p")
    assert [q.type for q in loaded(TEXT)._.quotes] == ["direct", "indirect"]
    fresh = pipeline()
    fresh.from_bytes(nlp.to_bytes())
    assert [q.type for q in fresh(TEXT)._.quotes] == ["direct", "indirect"]


def test_config_is_saved(tmp_path) -> None:
    nlp = pipeline(max_scare_tokens=0)
    nlp.to_disk(tmp_path / "p")
    loaded = spacy.load(tmp_path / "p")
    assert loaded.get_pipe("quotex").settings.max_scare_tokens == 0
