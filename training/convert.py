"""Turn the open corpora in ``../shared/data`` into spaCy training files.

Two pipelines are trained side by side (one per core) and assembled:

* syntax (tagger, morphologizer, parser on one shared tok2vec): spaCy treats
  annotation a document lacks as *missing*, so the UD trees train the parser
  while the 13.8k GSD training sentences that carry only UPOS still train the
  shared tok2vec through the morphologizer (see ``custom.py`` for how their
  POS-only labels are scored).
* NER (own tok2vec): GermEval 2014 and SmartData.

Splits (fixed, so every figure in MODEL_CARD.md is reproducible):

* ``syntax_train.spacy``  GSD dev (all annotation) and PUD (trees and
  lemmas only, see :func:`conllu_docs`), all but every 10th sentence of
  each, upsampled; GSD train (UPOS only).
* ``syntax_dev.spacy``  every 10th GSD dev and PUD sentence (checkpoint
  choice only).
* ``ner_train.spacy``  GermEval dev + test (twice) and SmartData train +
  test minus the dev and held-out parts below.
* ``ner_dev.spacy``  GermEval test sentences ``i % 10 == 1`` and SmartData
  test documents ``i % 10 == 1`` (checkpoint choice only).
* ``ner_heldout.spacy``  GermEval test sentences ``i % 5 == 0`` and
  SmartData test news/RSS documents ``i % 4 == 0`` (news-like; never
  trained on, nor is any document with the same text).
* ``gsd_test.spacy``  UD GSD test, only ever evaluated.

Usage: ``python training/convert.py [--data ../shared/data] [--out training/corpus]``
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin, Span

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "data"
DEFAULT_OUT = REPO / "training" / "corpus"

#: ``doc.user_data`` key that tells ``custom.py`` a document carries UPOS but no features.
ANNOTATION_KEY = "quotex_annotation"
UPOS_ONLY = "upos"
#: ``doc.user_data`` key naming the corpus of a held-out NER document.
SOURCE_KEY = "quotex_source"

#: GermEval outer tags -> the labels of de_core_news_lg. ``deriv`` (deutsche)
#: and ``part`` (EU-weit) tokens are not names of that type, so they become O.
GERMEVAL_LABELS = {"PER": "PER", "LOC": "LOC", "ORG": "ORG", "OTH": "MISC"}
#: SmartData concept types -> labels; types not listed (dates, numbers,
#: routes, triggers, ...) are not names and stay O.
SMARTDATA_LABELS = {
    "person": "PER",
    "organization": "ORG",
    "organization-company": "ORG",
    "location": "LOC",
    "location-city": "LOC",
    "location-street": "LOC",
    "location-stop": "LOC",
}
#: UD sentences per training document, so the parser learns sentence boundaries.
SENTS_PER_DOC = 5


@dataclass
class Word:
    """One syntactic word of a CoNLL-U sentence (after merging contractions)."""

    form: str
    lemma: str
    upos: str
    xpos: str
    feats: str
    head: int  # 0-based index of the head word in the sentence, or itself for the root
    dep: str
    space: bool


@dataclass
class Sentence:
    words: list[Word] = field(default_factory=list)


def _merge_feats(*feats: str) -> str:
    merged: dict[str, str] = {}
    for f in feats:
        if f and f != "_":
            for pair in f.split("|"):
                key, _, value = pair.partition("=")
                merged.setdefault(key, value)
    return "|".join(f"{k}={v}" for k, v in sorted(merged.items()))


def read_conllu(path: Path, *, stts: bool = True) -> list[Sentence]:
    """Sentences of a CoNLL-U file with contractions (``im`` = in + dem) as one token.

    spaCy's German tokenizer keeps ``im``, ``zum``, ``vom`` whole, as TIGER
    and de_core_news_lg do; merging the UD multiword tokens makes the gold
    tokens match what the pipeline will see. The merged token takes the
    preposition's POS, head and relation, ``APPRART`` as STTS tag, and the
    article's features. ``stts=False`` drops the XPOS column (PUD's XPOS
    is not STTS), leaving the tag missing for the tagger.
    """
    sentences: list[Sentence] = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        rows = [line.split("\t") for line in block.splitlines() if line and not line.startswith("#")]
        if not rows:
            continue
        mwt: dict[int, tuple[int, str, str]] = {}  # first word id -> (last id, form, misc)
        words: dict[int, list[str]] = {}
        for row in rows:
            if len(row) != 10:
                raise ValueError(f"{path}: malformed CoNLL-U row {row!r}")
            if "-" in row[0]:
                start, end = (int(x) for x in row[0].split("-"))
                mwt[start] = (end, row[1], row[9])
            elif "." not in row[0]:
                words[int(row[0])] = row
        token_of: dict[int, int] = {}  # word id -> token index
        groups: list[tuple[list[int], str | None, str]] = []
        wid = 1
        while wid <= len(words):
            if wid in mwt:
                end, form, misc = mwt[wid]
                ids = list(range(wid, end + 1))
                groups.append((ids, form, misc))
                wid = end + 1
            else:
                groups.append(([wid], None, words[wid][9]))
                wid += 1
        for index, (ids, _, _) in enumerate(groups):
            for i in ids:
                token_of[i] = index
        sentence = Sentence()
        for index, (ids, form, misc) in enumerate(groups):
            parts = [words[i] for i in ids]
            head = -1
            for part in parts:  # first part whose head lies outside the token
                h = int(part[6])
                target = index if h == 0 else token_of[h]
                if h == 0 or target != index:
                    head = target
                    dep = "ROOT" if h == 0 else part[7]
                    break
            if head < 0:
                raise ValueError(f"{path}: cannot attach contraction {form!r}")
            first = parts[0]
            sentence.words.append(
                Word(
                    form=form if form is not None else first[1],
                    lemma=first[2],
                    upos=first[3],
                    xpos=("APPRART" if len(parts) > 1 and first[4] == "APPR" else first[4]) if stts else "",
                    feats=_merge_feats(*(p[5] for p in parts)),
                    head=head,
                    dep=dep,
                    space="SpaceAfter=No" not in misc,
                )
            )
        sentences.append(sentence)
    return sentences


def conllu_docs(
    nlp: Language, sentences: list[Sentence], per_doc: int = SENTS_PER_DOC, *, tags: bool = True
) -> Iterator[Doc]:
    """Docs of ``per_doc`` consecutive sentences each.

    ``tags=False`` keeps only words, lemmas and trees: PUD's POS and
    features follow older UD German conventions than GSD (main-verb
    ``haben`` as AUX, ``kein`` as PRON, ...), and mixing both taught the
    morphologizer contradictions; its trees still train the parser.
    """
    for start in range(0, len(sentences), per_doc):
        chunk = sentences[start : start + per_doc]
        words, spaces, tag_list, pos, morphs, lemmas, heads, deps, starts = ([] for _ in range(9))
        for sentence in chunk:
            offset = len(words)
            for i, w in enumerate(sentence.words):
                words.append(w.form)
                spaces.append(w.space or i == len(sentence.words) - 1)
                tag_list.append(w.xpos)
                pos.append(w.upos)
                morphs.append(w.feats)
                lemmas.append(w.lemma)
                heads.append(offset + w.head)
                deps.append(w.dep)
                starts.append(i == 0)
        spaces[-1] = False
        annotation = {"tags": tag_list, "pos": pos, "morphs": morphs} if tags else {}
        yield Doc(
            nlp.vocab, words=words, spaces=spaces, lemmas=lemmas, heads=heads, deps=deps,
            sent_starts=starts, **annotation,
        )


def upos_convention(reference: list[Sentence], *, min_count: int = 2, min_share: float = 0.8) -> dict[str, str]:
    """The UPOS the reference treebank gives a word form nearly always, per form.

    The UPOS-only GSD training file follows an older GSD release than GSD dev
    and test: determiners such as ``diese``/``kein``/``alle`` are PRON there,
    ``von``/``für`` inside names PROPN, pronominal adverbs (``dazu``) PRON,
    and so on (about 1.7% of its tokens). Learning those would teach the
    tagger the opposite of what it is tested on. A form qualifies when it
    occurs at least ``min_count`` times in ``reference`` (the fully annotated
    GSD dev sentences used for training) and one UPOS has at least
    ``min_share`` of its occurrences; :func:`upos_docs` then relabels only
    tags the reference never uses for that form, so true ambiguity
    (``ist`` as AUX and VERB) is left alone.
    """
    counts: dict[str, Counter[str]] = {}
    for sentence in reference:
        for word in sentence.words:
            counts.setdefault(word.form, Counter())[word.upos] += 1
    convention = {}
    for form, tags in counts.items():
        total = sum(tags.values())
        tag, n = tags.most_common(1)[0]
        if total >= min_count and n / total >= min_share:
            convention[form] = tag
    return convention


def upos_docs(nlp: Language, path: Path, reference: list[Sentence] = ()) -> Iterator[Doc]:
    """GSD training sentences from ``FORM##UPOS`` lines: words and UPOS only.

    Contractions come as ``im##_ in##ADP dem##DET``; the merged token takes
    the first part's POS, as in :func:`read_conllu`. A tag that
    ``reference`` never gives a form is replaced by the tag the reference
    nearly always gives it (see :func:`upos_convention`).
    """
    convention = upos_convention(reference)
    seen = {(w.form, w.upos) for sentence in reference for w in sentence.words}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        items = line.split()
        if not items:
            continue
        words: list[str] = []
        pos: list[str] = []
        i = 0
        while i < len(items):
            form, _, tag = items[i].rpartition("##")
            if not form:
                raise ValueError(f"{path}:{number}: token without '##UPOS': {items[i]!r}")
            if tag == "_":  # contraction: the next two items are its parts
                words.append(form)
                pos.append(items[i + 1].rpartition("##")[2])
                i += 3
            else:
                words.append(form)
                pos.append(tag)
                i += 1
        pos = [
            convention[form] if form in convention and (form, tag) not in seen else tag
            for form, tag in zip(words, pos)
        ]
        doc = Doc(nlp.vocab, words=words, pos=pos)  # spaces unknown: gold tokens are used as-is
        doc.user_data[ANNOTATION_KEY] = UPOS_ONLY
        yield doc


def read_germeval(path: Path) -> list[list[tuple[str, str]]]:
    """Sentences of a GermEval 2014 file as (token, outer tag) pairs."""
    sentences: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("#"):
            continue
        if not line.strip():
            if current:
                sentences.append(current)
                current = []
            continue
        cols = line.split("\t")
        if len(cols) < 3:
            raise ValueError(f"{path}:{number}: expected index, token, outer tag")
        current.append((cols[1], cols[2]))
    if current:
        sentences.append(current)
    return sentences


def germeval_doc(nlp: Language, sentence: list[tuple[str, str]]) -> Doc:
    words = [token for token, _ in sentence]
    iob: list[str] = []
    previous = "O"
    for _, tag in sentence:
        prefix, _, label = tag.partition("-")
        mapped = GERMEVAL_LABELS.get(label)
        if mapped is None:
            iob.append("O")
            previous = "O"
            continue
        if prefix == "I" and previous != mapped:
            prefix = "B"  # an I- after a dropped deriv/part tag starts a new entity
        iob.append(f"{prefix}-{mapped}")
        previous = mapped
    return Doc(nlp.vocab, words=words, ents=iob)


def read_smartdata(path: Path) -> list[dict]:
    """Documents of a SmartData file (concatenated JSON objects, gzipped)."""
    raw = gzip.open(path, "rt", encoding="utf-8").read()
    decoder = json.JSONDecoder()
    docs: list[dict] = []
    i = 0
    while True:
        while i < len(raw) and raw[i].isspace():
            i += 1
        if i >= len(raw):
            return docs
        obj, i = decoder.raw_decode(raw, i)
        docs.append(obj)


def _source(record: dict) -> str | None:
    return ((record.get("refids") or {}).get("map") or {}).get("source")


def smartdata_doc(nlp: Language, record: dict) -> Doc:
    """A SmartData document tokenized by the pipeline's own tokenizer, spans snapped to tokens."""
    text = record["text"]["string"]
    doc = nlp.make_doc(text)
    spans = []
    for mention in (record.get("conceptMentions") or {}).get("array", []):
        label = SMARTDATA_LABELS.get(mention.get("type"))
        if label is None:
            continue
        start, end = mention["span"]["start"], mention["span"]["end"]
        span = doc.char_span(start, end, label=label, alignment_mode="expand")
        if span is None:
            continue
        first, last = span.start, span.end
        # The NER cannot learn edges on whitespace or punctuation tokens.
        while first < last and (doc[first].is_space or doc[first].is_punct):
            first += 1
        while last > first and (doc[last - 1].is_space or doc[last - 1].is_punct):
            last -= 1
        if first >= last or any(t.is_space for t in doc[first:last]):
            continue
        head = doc[first].text
        if head.isalpha() and head.islower() and len(head) > 4:
            continue  # "deutsche", "beiden Richtungen": descriptions, not names
        spans.append(Span(doc, first, last, label=label))
    spans.sort(key=lambda s: (s.start, -(s.end - s.start)))
    kept, last_end = [], -1
    for span in spans:  # overlapping mentions: keep the first, longest
        if span.start >= last_end:
            kept.append(span)
            last_end = span.end
    doc.set_ents(kept, default="outside")
    return doc


def _write(docs: Iterable[Doc], path: Path) -> int:
    bin_ = DocBin(store_user_data=True)
    count = 0
    for doc in docs:
        bin_.add(doc)
        count += 1
    path.parent.mkdir(parents=True, exist_ok=True)
    bin_.to_disk(path)
    return count


def build(data: Path, out: Path, upsample_ud: int = 3, upsample_germeval: int = 2, seed: int = 0) -> dict[str, int]:
    """Write the DocBins listed in the module docstring; return document counts."""
    nlp = spacy.blank("de")
    ud = data / "ud"
    gsd_dev = read_conllu(ud / "de_gsd-ud-dev.conllu")
    pud = read_conllu(ud / "de_pud-ud-test.conllu", stts=False)
    pud_dev = [s for i, s in enumerate(pud) if i % 10 == 0]
    pud_train = [s for i, s in enumerate(pud) if i % 10 != 0]
    gsd_test = read_conllu(ud / "de_gsd-ud-test.conllu")

    ge_dev = read_germeval(data / "ner" / "germeval2014" / "dev.tsv")
    ge_test = read_germeval(data / "ner" / "germeval2014" / "test.tsv")
    sd_train = read_smartdata(data / "ner" / "smartdata" / "train.json.gz")
    sd_test = read_smartdata(data / "ner" / "smartdata" / "test.json.gz")

    ge_heldout = [s for i, s in enumerate(ge_test) if i % 5 == 0]
    ge_devset = [s for i, s in enumerate(ge_test) if i % 10 == 1]
    ge_train = ge_dev + [s for i, s in enumerate(ge_test) if i % 5 != 0 and i % 10 != 1]
    # Held out: news and RSS items only (tweets are not news-like sentences).
    sd_heldout = [d for i, d in enumerate(sd_test) if i % 4 == 0 and _source(d) in ("news", "rss")]
    sd_devset = [d for i, d in enumerate(sd_test) if i % 10 == 1 and i % 4 != 0]
    # Both SmartData files repeat a few documents: never train on a text that is evaluated.
    unseen = {d["text"]["string"] for d in sd_heldout + sd_devset}
    sd_trainset = [
        d for i, d in enumerate(sd_train) if d["text"]["string"] not in unseen
    ] + [d for i, d in enumerate(sd_test) if i % 4 != 0 and i % 10 != 1 and d["text"]["string"] not in unseen]
    ge_unseen = {tuple(t for t, _ in s) for s in ge_heldout + ge_devset}
    ge_train = [s for s in ge_train if tuple(t for t, _ in s) not in ge_unseen]

    gsd_devset = [s for i, s in enumerate(gsd_dev) if i % 10 == 0]
    gsd_train = [s for i, s in enumerate(gsd_dev) if i % 10 != 0]
    syntax_train = (list(conllu_docs(nlp, gsd_train)) + list(conllu_docs(nlp, pud_train, tags=False))) * upsample_ud
    syntax_train.extend(
        upos_docs(nlp, ud / "de_gsd-ud-train.upos", reference=gsd_train)
    )
    random.Random(seed).shuffle(syntax_train)
    # GermEval twice: its news and Wikipedia sentences are the scarcer, more news-like half.
    ner_train = [germeval_doc(nlp, s) for s in ge_train] * upsample_germeval
    ner_train.extend(smartdata_doc(nlp, d) for d in sd_trainset)
    random.Random(seed).shuffle(ner_train)
    ner_dev = [germeval_doc(nlp, s) for s in ge_devset] + [smartdata_doc(nlp, d) for d in sd_devset]
    heldout = [germeval_doc(nlp, s) for s in ge_heldout] + [smartdata_doc(nlp, d) for d in sd_heldout]
    for doc, source in zip(heldout, ["germeval"] * len(ge_heldout) + ["smartdata"] * len(sd_heldout)):
        doc.user_data[SOURCE_KEY] = source
    return {
        "syntax_train": _write(syntax_train, out / "syntax_train.spacy"),
        "syntax_dev": _write(
            [*conllu_docs(nlp, gsd_devset), *conllu_docs(nlp, pud_dev, tags=False)], out / "syntax_dev.spacy"
        ),
        "ner_train": _write(ner_train, out / "ner_train.spacy"),
        "ner_dev": _write(ner_dev, out / "ner_dev.spacy"),
        "ner_heldout": _write(heldout, out / "ner_heldout.spacy"),
        "gsd_test": _write(conllu_docs(nlp, gsd_test, per_doc=1), out / "gsd_test.spacy"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder (default: %(default)s)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write the .spacy files")
    parser.add_argument("--upsample-ud", type=int, default=3, help="copies of the fully annotated UD docs")
    args = parser.parse_args()
    if not (args.data / "ud").is_dir():
        parser.error(f"{args.data}: no ud/ folder here; give the shared data folder with --data")
    counts = build(args.data, args.out, upsample_ud=args.upsample_ud)
    for name, count in counts.items():
        print(f"{name}: {count} docs -> {args.out / (name + '.spacy')}")


if __name__ == "__main__":
    main()
