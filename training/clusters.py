"""Brown word clusters as static vectors for the NER.

The NER is trained on only about 11k annotated sentences, so most names it
meets in news were never seen in training: it missed ``Uli Hoeneß`` or
``Podolski`` outright. Brown clusters, learned from a large unannotated
German corpus, put words that occur in the same contexts into the same
cluster (surnames with surnames, small towns with small towns) and so carry
what a name *is* to words the NER never saw. spacy-lookups-data ships them
for German (``de_lexeme_cluster``, 1M word forms, MIT license).

spaCy no longer feeds ``Lexeme.cluster`` to its models, so the clusters go in
as static vectors, which ``MultiHashEmbed`` (``include_static_vectors``)
projects and concatenates to its hashed features. Each cluster gets one row,
and every word of the cluster is a key to that row, so the table holds a few
hundred rows and only the key map grows with the vocabulary. A row is the sum
of fixed random vectors for the cluster and for prefixes of its bit path: the
cluster integers keep the path's first bits as the lowest-order bits, so a
prefix is a bit mask, and clusters that share a prefix share part of their
vector, as in the prefix features of Ratinov and Roth (2009).

Only the ``--words`` most probable word forms (``de_lexeme_prob``) are kept,
to hold the pipeline under its size limit.

Usage: ``python training/clusters.py [--out training/corpus/clusters] [--words 200000]``
"""

from __future__ import annotations

import argparse
import gzip
import json
from pathlib import Path

import numpy
import spacy
from spacy.vectors import Vectors

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "training" / "corpus" / "clusters"
#: Name of the vectors in the pipeline's meta.
NAME = "de_brown_clusters"
#: Bit-path prefix lengths that get a vector of their own, besides the whole cluster.
PREFIXES = (4, 6, 10)
WIDTH = 64


def _table(name: str) -> dict:
    import spacy_lookups_data

    path = Path(spacy_lookups_data.__file__).parent / "data" / f"de_{name}.json.gz"
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return json.load(handle)


def cluster_vectors(clusters: dict[str, int], probs: dict[str, float], words: int, seed: int = 0) -> spacy.Language:
    """A blank German pipeline whose vectors map each kept word to its cluster's row."""
    kept = sorted((w for w in clusters if w in probs), key=lambda w: (-probs[w], w))[:words]
    ids = sorted({clusters[w] for w in kept})
    rng = numpy.random.default_rng(seed)
    feature_vectors: dict[tuple[int, int], numpy.ndarray] = {}

    def feature(length: int, value: int) -> numpy.ndarray:
        if (length, value) not in feature_vectors:
            feature_vectors[(length, value)] = rng.standard_normal(WIDTH).astype("float32")
        return feature_vectors[(length, value)]

    table = numpy.zeros((len(ids), WIDTH), dtype="float32")
    for row, cluster in enumerate(ids):
        table[row] = feature(0, cluster) + sum(feature(n, cluster & ((1 << n) - 1)) for n in PREFIXES)
    table /= numpy.linalg.norm(table, axis=1, keepdims=True)
    nlp = spacy.blank("de")
    vectors = Vectors(data=table, name=NAME)
    row_of = {cluster: row for row, cluster in enumerate(ids)}
    for word in kept:
        vectors.add(nlp.vocab.strings.add(word), row=row_of[clusters[word]])
    nlp.vocab.vectors = vectors
    return nlp


def build(out: Path, words: int = 200_000) -> Path:
    nlp = cluster_vectors(_table("lexeme_cluster"), _table("lexeme_prob"), words)
    nlp.to_disk(out)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--words", type=int, default=200_000, help="most probable word forms to keep")
    args = parser.parse_args()
    print(build(args.out, args.words))


if __name__ == "__main__":
    main()
