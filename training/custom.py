"""Training-time code for ``spacy train --code training/custom.py``.

The morphologizer predicts one joint label per token (UPOS plus all
features). The 13.8k GSD training sentences give only the UPOS; scoring them
against a label with *empty* features would teach the model to drop
``Mood=Sub``, ``Person`` and the rest. Instead, for documents marked
UPOS-only by ``convert.py`` the loss is the negative log of the probability
mass of every label that has the gold UPOS (a marginal likelihood): the POS
is learned from 264k extra words while the features stay with the fully
annotated sentences. Only the loss changes, never the model, so the trained
pipeline is a plain spaCy ``morphologizer`` and loads without this file.
"""

from __future__ import annotations

import numpy
from spacy.morphology import Morphology
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.pipeline.morphologizer import Morphologizer
from spacy.training import validate_examples
from thinc.api import SequenceCategoricalCrossentropy

try:  # imported as a module by the tests, as a file by ``spacy train --code``
    from training.convert import ANNOTATION_KEY, UPOS_ONLY
except ImportError:  # pragma: no cover - path depends on how spaCy loads the file
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from convert import ANNOTATION_KEY, UPOS_ONLY  # type: ignore[no-redef]

_original_initialize = Morphologizer.initialize


def _is_upos_only(example) -> bool:
    return example.reference.user_data.get(ANNOTATION_KEY) == UPOS_ONLY


def _full_label(morphologizer: Morphologizer, pos: str | None, morph: str | None) -> str | None:
    """The joint label of a fully annotated token, as spaCy's own get_loss builds it."""
    if pos is None or morph is None or (pos == "" and morph == ""):
        return None
    label_dict = Morphology.feats_to_dict(morph)
    if pos:
        label_dict[morphologizer.POS_FEAT] = pos
    label = morphologizer.vocab.strings[morphologizer.vocab.morphology.add(label_dict)]
    return label if label in morphologizer.labels else None


def get_loss(self: Morphologizer, examples, scores):
    """Cross-entropy on full labels; marginal likelihood over labels sharing the POS for UPOS-only docs."""
    validate_examples(examples, "Morphologizer.get_loss")
    loss_func = SequenceCategoricalCrossentropy(
        names=self.labels, normalize=False, label_smoothing=self.cfg["label_smoothing"]
    )
    truths = []
    partial: list[tuple[int, list[str | None]]] = []
    for index, eg in enumerate(examples):
        pos_tags = eg.get_aligned("POS", as_string=True)
        if _is_upos_only(eg):
            truths.append([None] * len(pos_tags))
            partial.append((index, pos_tags))
            continue
        morphs = eg.get_aligned("MORPH", as_string=True)
        truths.append([_full_label(self, p, m) for p, m in zip(pos_tags, morphs)])
    d_scores, loss = loss_func(scores, truths)
    if partial:
        label_pos = numpy.asarray([self.cfg["labels_pos"].get(label, 0) for label in self.labels])
        for index, pos_tags in partial:
            probs = self.model.ops.to_numpy(scores[index])
            gold = numpy.asarray([POS_IDS.get(p, -1) if p else -1 for p in pos_tags])
            mask = (label_pos[None, :] == gold[:, None]).astype(probs.dtype)
            known = mask.sum(axis=1) > 0
            if not known.any():
                continue
            mass = (probs * mask).sum(axis=1, keepdims=True)
            grad = numpy.where(known[:, None], probs - probs * mask / numpy.maximum(mass, 1e-12), 0.0)
            d_scores[index] = self.model.ops.asarray(grad.astype(probs.dtype))
            loss += float(-numpy.log(numpy.maximum(mass[known], 1e-12)).sum())
    if self.model.ops.xp.isnan(loss):
        raise ValueError(f"NaN loss in {self.name}")
    return float(loss), d_scores


def initialize(self: Morphologizer, get_examples, *, nlp=None, labels=None):
    """Collect labels only from fully annotated tokens, so no feature-less ``POS=X`` label is invented."""

    def full_examples():
        for eg in get_examples():
            if _is_upos_only(eg) or not eg.reference.has_annotation("POS"):
                continue
            yield eg

    return _original_initialize(self, full_examples, nlp=nlp, labels=labels)


Morphologizer.get_loss = get_loss
Morphologizer.initialize = initialize
