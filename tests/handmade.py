"""Docs built by hand for the rule tests, in either label scheme.

The rules must read a Doc analysed by ``de_core_news_lg`` (TIGER labels)
and one analysed by the embedded pipeline (UD labels) alike; building the
analyses by hand pins exactly what each rule sees, independent of any
trained model.
"""

from __future__ import annotations

from spacy.tokens import Doc
import spacy

#: One row per token: text, POS, dependency label, head index, then optional
#: morphology and lemma. Rows with no ``dep`` build a Doc without a parse.
Row = tuple

_NLP = spacy.blank("de")


def build(rows: list[Row], *, parsed: bool = True, sentences: list[int] | None = None,
          spaces: list[bool] | None = None) -> Doc:
    """A Doc with the given tags (and parse), one sentence unless ``sentences`` lists starts."""
    words = [r[0] for r in rows]
    if spaces is None:
        # no space before punctuation and closing marks or after opening marks
        spaces = []
        for i, w in enumerate(words):
            nxt = words[i + 1] if i + 1 < len(words) else ""
            spaces.append(bool(nxt) and nxt not in (",", ".", ":", "“", "!", "?", ")") and w not in ("„", "("))
    kwargs = dict(
        words=words,
        spaces=spaces,
        pos=[r[1] for r in rows],
        morphs=[r[4] if len(r) > 4 else "" for r in rows],
        lemmas=[r[5] if len(r) > 5 else r[0].lower() for r in rows],
    )
    if parsed:
        kwargs["heads"] = [r[3] for r in rows]
        kwargs["deps"] = [r[2] for r in rows]
    else:
        starts = set(sentences or [0])
        kwargs["sent_starts"] = [i in starts for i in range(len(rows))]
    return Doc(_NLP.vocab, **kwargs)


def text_of(doc: Doc, part) -> str | None:
    return None if part is None else part.text(doc.text)
