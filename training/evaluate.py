"""Measure the pipeline on data it never trained on; the figures of MODEL_CARD.md.

* UD German GSD test (``gsd_test.spacy`` from convert.py): UPOS, STTS,
  morphology (all features, and ``Mood`` / ``Person`` / ``Number`` alone),
  lemma, UAS, LAS and sentence F1, scored by spaCy's scorer, once on the
  pipeline's own tokenization of the raw sentence text (aligned to gold;
  ``gsd_test``) and once on the gold words (``gsd_test_gold_tokens``).
* NER held-out split (``ner_heldout.spacy``): precision, recall and F1 per
  label and micro-averaged over PER, LOC and ORG; exact span match on
  character offsets. Run with and without the entity ruler.
* Speed: words per second of the whole pipeline on one core (BLAS and
  OpenMP pinned to one thread, one process, rate over CPU time), over the
  GSD test and held-out texts, after a warm-up.
* Size on disk of the pipeline folder.

Usage: ``python training/evaluate.py [--model DIR] [--corpus training/corpus] [--json OUT]``
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"  # one core, before numpy is imported

import argparse  # noqa: E402
import json  # noqa: E402
import time  # noqa: E402
from collections import Counter  # noqa: E402
from pathlib import Path  # noqa: E402

import spacy  # noqa: E402
from spacy.language import Language  # noqa: E402
from spacy.tokens import Doc, DocBin  # noqa: E402
from spacy.training import Example  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
SOURCE_KEY = "quotex_source"  # as written by convert.py
DEFAULT_MODEL = REPO / "src" / "quotex" / "models" / "de_quotex_news"
DEFAULT_CORPUS = REPO / "training" / "corpus"
NER_LABELS = ("PER", "LOC", "ORG", "MISC")
MAIN_LABELS = ("PER", "LOC", "ORG")


def load_docs(nlp: Language, path: Path) -> list[Doc]:
    if not path.exists():
        raise SystemExit(f"{path}: missing; run python training/convert.py first")
    return list(DocBin().from_disk(path).get_docs(nlp.vocab))


def syntax_scores(nlp: Language, gold: list[Doc], *, gold_tokens: bool = False) -> dict[str, float]:
    """spaCy's scores on GSD test.

    By default the pipeline runs on the raw sentence text, so a token its
    tokenizer splits differently from UD counts as wrong for every
    attribute. ``gold_tokens=True`` starts from the gold words instead (the
    usual setting for comparing taggers and parsers).
    """
    if gold_tokens:
        examples = [Example(Doc(nlp.vocab, words=[t.text for t in d], spaces=[bool(t.whitespace_) for t in d]), d) for d in gold]
    else:
        examples = [Example(nlp.make_doc(doc.text), doc) for doc in gold]
    with nlp.select_pipes(disable=[p for p in ("ner", "entity_ruler") if p in nlp.pipe_names]):
        scores = nlp.evaluate(examples)
    per_feat = scores.get("morph_per_feat") or {}
    result = {
        key: scores[key]
        for key in ("pos_acc", "tag_acc", "morph_acc", "lemma_acc", "dep_uas", "dep_las", "sents_f")
        if scores.get(key) is not None
    }
    for feat in ("Mood", "Person", "Number", "Tense", "Case"):
        if feat in per_feat:
            result[f"morph_{feat}_f"] = per_feat[feat]["f"]
    return result


def ner_scores(nlp: Language, gold: list[Doc], *, ruler: bool) -> dict[str, dict[str, float]]:
    """P/R/F per label and micro over PER/LOC/ORG, exact character spans."""
    disabled = [] if ruler else [p for p in ("entity_ruler",) if p in nlp.pipe_names]
    counts = {label: Counter() for label in NER_LABELS}
    with nlp.select_pipes(disable=disabled):
        for ref, pred in zip(gold, nlp.pipe((d.text for d in gold), batch_size=64)):
            want = {(e.start_char, e.end_char, e.label_) for e in ref.ents}
            got = {(e.start_char, e.end_char, e.label_) for e in pred.ents if e.label_ in counts}
            for _, _, label in want & got:
                counts[label]["tp"] += 1
            for _, _, label in got - want:
                counts[label]["fp"] += 1
            for _, _, label in want - got:
                counts[label]["fn"] += 1

    def prf(c: Counter) -> dict[str, float]:
        p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
        r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"p": round(p, 4), "r": round(r, 4), "f": round(f, 4), "support": c["tp"] + c["fn"]}

    result = {label: prf(c) for label, c in counts.items()}
    result["PER+LOC+ORG"] = prf(sum((counts[label] for label in MAIN_LABELS), Counter()))
    result["all"] = prf(sum(counts.values(), Counter()))
    return result


def speed(nlp: Language, texts: list[str]) -> dict[str, float]:
    """Words per second of the whole pipeline, one process, one thread.

    The rate is over the process's CPU time: on a machine shared with other
    jobs, wall-clock time also counts the time the process waited for a core.
    Both are reported.
    """
    list(nlp.pipe(texts[:50]))  # warm-up
    words = 0
    cpu, wall = time.process_time(), time.perf_counter()
    for doc in nlp.pipe(texts, batch_size=64):
        words += sum(1 for t in doc if not t.is_space)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    return {
        "words": words,
        "cpu_seconds": round(cpu, 2),
        "wall_seconds": round(wall, 2),
        "words_per_second": round(words / cpu),
        "words_per_wall_second": round(words / wall),
    }


def size_mb(path: Path) -> float:
    return round(sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", type=Path, default=DEFAULT_MODEL)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--skip", nargs="*", default=[], choices=["syntax", "ner", "speed"])
    args = parser.parse_args()
    nlp = spacy.load(args.model)
    report: dict[str, object] = {
        "model": f"{nlp.meta['lang']}_{nlp.meta['name']} {nlp.meta['version']}",
        "pipeline": nlp.pipe_names,
        "size_mb": size_mb(args.model),
    }
    gsd = load_docs(nlp, args.corpus / "gsd_test.spacy")
    heldout = load_docs(nlp, args.corpus / "ner_heldout.spacy")
    if "syntax" not in args.skip:
        report["gsd_test"] = syntax_scores(nlp, gsd)
        report["gsd_test_gold_tokens"] = syntax_scores(nlp, gsd, gold_tokens=True)
    if "ner" not in args.skip:
        report["ner_heldout"] = ner_scores(nlp, heldout, ruler=True)
        for source in sorted({d.user_data.get(SOURCE_KEY) for d in heldout} - {None}):
            part = [d for d in heldout if d.user_data.get(SOURCE_KEY) == source]
            report[f"ner_heldout_{source}"] = ner_scores(nlp, part, ruler=True)["PER+LOC+ORG"]
        if "entity_ruler" in nlp.pipe_names:
            report["ner_heldout_without_ruler"] = ner_scores(nlp, heldout, ruler=False)
    if "speed" not in args.skip:
        report["speed_one_core"] = speed(nlp, [d.text for d in gsd] + [d.text for d in heldout])
    text = json.dumps(report, indent=2, ensure_ascii=False)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
