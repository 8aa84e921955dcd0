"""The corpus scorer on tiny hand-made gold/system quotes (numbers computed by hand)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from quotex.evaluation import Article, Mention, Scorer, evaluate, pair, read_corpus
from quotex.records import Cue, Part, Quote, Speaker

pytest.importorskip("scipy")


def m(type_: str, quote: set[int], **roles: set[int]) -> Mention:
    return Mention(type_, frozenset(quote), {k: frozenset(v) for k, v in roles.items()})


def test_pairing_is_the_best_assignment_not_greedy() -> None:
    gold = [m("direct", set(range(10))), m("direct", {8, 9, 10})]
    # s0 overlaps g0 best (F1 18/19), but giving g0 to s1 (14/17) and g1 to s0 (2/12) sums higher.
    system = [m("direct", set(range(9))), m("direct", set(range(7)))]
    assert sorted(pair(gold, system)) == [(0, 1), (1, 0)]


def test_quotes_without_common_tokens_stay_unpaired() -> None:
    assert pair([m("direct", {1, 2})], [m("direct", {3})]) == []


def test_scores_of_one_article_by_hand() -> None:
    gold = [m("direct", {0, 1, 2, 3}, speaker={5}, cue={4}), m("direct", {20, 21})]
    system = [m("indirect", {1, 2, 3, 4}, speaker={5, 6}, cue={4}), m("direct", {10, 11}, speaker={12})]
    scorer = Scorer()
    scorer.add(gold, system)
    r = scorer.result()
    assert (r["gold_quotes"], r["system_quotes"], r["pairs"]) == (2, 2, 1)
    # quote: the pair has 3 common of 4 and 4 tokens; each unmatched side adds a 0.
    assert r["quote"]["p"] == pytest.approx(0.375) and r["quote"]["r"] == pytest.approx(0.375)
    # speaker: P over both system quotes (1/2 and 0); R only over the gold quote with a speaker (1/1).
    assert r["speaker"]["p"] == pytest.approx(0.25) and r["speaker"]["r"] == pytest.approx(1.0)
    assert r["speaker"]["f"] == pytest.approx(0.4)
    assert (r["speaker"]["system"], r["speaker"]["gold"]) == (2, 1)
    assert r["cue"]["p"] == pytest.approx(1.0) and r["cue"]["r"] == pytest.approx(1.0)
    # addressee: nobody has one, so there is nothing to average.
    assert (r["addressee"]["system"], r["addressee"]["gold"], r["addressee"]["f"]) == (0, 0, 0.0)
    # roles: pair P 2/3 (cue 4, speaker 5 of cue 4, speaker 5, 6), second system quote 0; R 2/2.
    assert r["roles"]["p"] == pytest.approx(1 / 3) and r["roles"]["r"] == pytest.approx(1.0)
    assert r["roles"]["f"] == pytest.approx(0.5)
    # joint: pair has 5 common of 7 system and 6 gold tokens.
    p, rec = 5 / 7 / 2, 5 / 6 / 2
    assert r["joint"]["p"] == pytest.approx(p) and r["joint"]["r"] == pytest.approx(rec)
    assert r["joint"]["f"] == pytest.approx(2 * p * rec / (p + rec))
    # types: recall by gold type, precision by system type.
    direct, indirect = r["types"]["direct"]["quote"], r["types"]["indirect"]["quote"]
    assert (direct["r"], direct["gold"]) == (pytest.approx(0.375), 2)
    assert (direct["p"], direct["system"]) == (0.0, 1)
    assert (indirect["p"], indirect["r"], indirect["gold"]) == (pytest.approx(0.75), 0.0, 0)


def test_a_token_counts_only_within_its_role() -> None:
    scorer = Scorer()
    scorer.add([m("direct", {0}, speaker={1})], [m("direct", {0}, cue={1})])
    r = scorer.result()
    assert r["roles"]["p"] == 0.0 and r["roles"]["r"] == 0.0
    assert r["joint"]["p"] == pytest.approx(0.5) and r["joint"]["r"] == pytest.approx(0.5)


def test_system_char_spans_cover_every_overlapped_gold_token() -> None:
    text = "„Ja“, sagte Psaki."
    tokens = ((0, 1), (1, 3), (3, 4), (4, 5), (6, 11), (12, 17), (17, 18))
    article = Article("a", text, tokens, ())
    quote = Quote(
        quote=Part(((0, 4),)), type="direct", speaker=Speaker(((13, 17),)), cue=Cue(((6, 11),), lemma="sagen")
    )
    (mention,) = article.system([quote])
    assert mention.quote == {0, 1, 2}
    assert mention.roles == {"speaker": {5}, "cue": {4}}


def _gold_line() -> dict:
    text = "„Ja“, sagte er."
    spans = [(0, 1), (1, 3), (3, 4), (4, 5), (6, 11), (12, 14), (14, 15)]
    tokens = [{"id": i, "text": text[b:e], "charBegin": b, "charEnd": e} for i, (b, e) in enumerate(spans)]

    def part(ids: list[int]) -> dict:
        return {"text": "", "spans": [], "tokenIds": ids}

    annotation = {
        "type": "Direct", "quote": part([0, 1, 2]), "speaker": part([5]), "cue": part([4]),
        "addressee": part([]), "frame": part([]),
    }
    return {"documentName": "a", "originalText": text, "tokens": tokens, "annotations": [annotation]}


def test_read_corpus_names_the_bad_line(tmp_path: Path) -> None:
    corpus = tmp_path / "gold.jsonl"
    corpus.write_text(json.dumps(_gold_line()) + "\n" + json.dumps({"originalText": "x"}) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"gold\.jsonl:2"):
        read_corpus(corpus)
    corpus.write_text(json.dumps(_gold_line()) + "\n{not json\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"gold\.jsonl:2: not valid JSON"):
        read_corpus(corpus)
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "a.json").write_text(json.dumps(_gold_line()), encoding="utf-8")
    (article,) = read_corpus(folder)
    assert article.gold[0].roles["speaker"] == {5}


@Language.factory("test_fixed_quote")
def _fixed_quote(nlp: Language, name: str):
    def component(doc: Doc) -> Doc:
        # quote and cue right, speaker one character short of "er" (still covers the token)
        doc._.quotes = [Quote(Part(((0, 4),)), "direct", speaker=Speaker(((12, 13),)), cue=Cue(((6, 11),)))]
        return doc

    return component


def test_evaluate_end_to_end_with_cache(tmp_path: Path) -> None:
    corpus = tmp_path / "gold.jsonl"
    corpus.write_text(json.dumps(_gold_line()) + "\n", encoding="utf-8")
    nlp = spacy.blank("de")
    nlp.add_pipe("test_fixed_quote", name="quotex")
    for _ in range(2):  # the second run reads the parsed Docs from the cache
        result = evaluate(corpus, nlp=nlp, cache=tmp_path / "cache")
        assert result["joint"]["f"] == pytest.approx(1.0)
        assert result["types"]["direct"]["quote"]["f"] == pytest.approx(1.0)
    assert len(list((tmp_path / "cache").glob("*.spacy"))) == 1


def test_the_evaluate_command_prints_json_scores(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from quotex.cli import app

    corpus = tmp_path / "gold.jsonl"
    corpus.write_text(json.dumps(_gold_line()) + "\n", encoding="utf-8")
    model = tmp_path / "blank"
    spacy.blank("de").to_disk(model)
    result = CliRunner().invoke(app, ["evaluate", str(corpus), "--model", str(model), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert (scores["articles"], scores["gold_quotes"]) == (1, 1)
    assert set(scores["types"]) == {"direct", "indirect", "reported", "free_indirect", "indirect_free_indirect"}
    missing = CliRunner().invoke(app, ["evaluate", str(tmp_path / "nope.jsonl"), "--model", str(model)])
    assert missing.exit_code == 2 and "nope.jsonl" in missing.output


def test_medium_scored_as_an_attribute_of_paired_quotes() -> None:
    gold = [Mention("direct", frozenset({0, 1}), medium="speech"), Mention("direct", frozenset({5, 6}), medium="writing"),
            Mention("direct", frozenset({9}), medium="speech_or_thought"), Mention("direct", frozenset({12})),
            Mention("direct", frozenset({30}), medium="speech")]
    system = [Mention("direct", frozenset({0, 1}), medium="speech"), Mention("direct", frozenset({5, 6}), medium="speech"),
              Mention("direct", frozenset({9})), Mention("direct", frozenset({12}), medium="writing"),
              Mention("direct", frozenset({20}), medium="speech")]
    scorer = Scorer()
    scorer.add(gold, system)
    medium = scorer.result()["medium"]
    # precision: 1 of the 2 paired system media whose gold quote has a medium is right; the
    # invented quote ({20}) and the one paired with a gold quote without a medium ({12}) are not judged
    # recall: 1 of the 3 paired gold media is matched (no system medium is wrong); the missed quote ({30}) is
    # the quote score's loss
    assert (medium["p"], medium["r"], medium["system"], medium["gold"]) == (pytest.approx(1 / 2), pytest.approx(1 / 3), 2, 3)


def test_gold_medium_is_read_from_the_corpus(tmp_path) -> None:
    article = {
        "documentName": "a", "originalText": "Er sagte ja.",
        "tokens": [{"id": i, "charBegin": b, "charEnd": e} for i, (b, e) in enumerate([(0, 2), (3, 8), (9, 11), (11, 12)])],
        "annotations": [{"type": "Indirect", "medium": "SW", "quote": {"tokenIds": [2]}, "speaker": {"tokenIds": [0]},
                         "cue": {"tokenIds": [1]}, "addressee": {"tokenIds": []}, "frame": {"tokenIds": []}}],
    }
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps(article) + "\n", encoding="utf-8")
    assert read_corpus(path)[0].gold[0].medium == "speech_or_writing"
