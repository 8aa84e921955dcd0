"""Hand-built spaCy Docs for rule tests, in the UD or TIGER label scheme or without a parse.

The rules must read a Doc analysed by ``de_core_news_lg`` (TIGER labels) and
one analysed by the embedded pipeline (UD labels) alike; building the
analyses by hand pins exactly what each rule sees, independent of any trained
model. Two notations, one spacing rule (German punctuation):

* :func:`from_table`: one token per line,
  ``word POS entity morph head ud-label tiger-label`` (``head`` is the
  absolute token index, ``_`` for an empty morph), both schemes in one table.
* :func:`from_rows`: one tuple per token, ``(text, POS, dep, head[, morph[, lemma]])``,
  one scheme per Doc.
"""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from quotex.rules.document import Found, Mention

NLP = spacy.blank("de")
_NO_SPACE_BEFORE = {",", ".", ":", ";", "“", ")", "!", "?"}
_NO_SPACE_AFTER = {"„", "("}


def _spaces(words: list[str]) -> list[bool]:
    return [
        i + 1 < len(words) and words[i + 1] not in _NO_SPACE_BEFORE and words[i] not in _NO_SPACE_AFTER
        for i in range(len(words))
    ]


def from_table(table: str, scheme: str | None, *, entities: bool = True, tags: bool = True) -> Doc:
    """The Doc of ``table``; ``scheme`` is "ud", "tiger" or None (no parse)."""
    rows = [line.split() for line in table.strip().splitlines()]
    words = [r[0] for r in rows]
    spaces = _spaces(words)
    kwargs = {}
    if tags:
        kwargs["pos"] = [r[1] for r in rows]
        kwargs["morphs"] = ["" if r[3] == "_" else r[3] for r in rows]
    if entities:
        kwargs["ents"] = [r[2] for r in rows]
    if scheme is not None:
        column = 5 if scheme == "ud" else 6
        kwargs["heads"] = [int(r[4]) for r in rows]
        kwargs["deps"] = [r[column] for r in rows]
    return Doc(NLP.vocab, words=words, spaces=spaces, **kwargs)


def from_rows(
    rows: list[tuple], *, parsed: bool = True, sentences: list[int] | None = None, spaces: list[bool] | None = None
) -> Doc:
    """A Doc with the given tags (and parse), one sentence unless ``sentences`` lists starts."""
    words = [r[0] for r in rows]
    kwargs = dict(
        words=words,
        spaces=_spaces(words) if spaces is None else spaces,
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
    return Doc(NLP.vocab, **kwargs)


def text_of(doc: Doc, part) -> str | None:
    return None if part is None else part.text(doc.text)


def quote(doc: Doc, quote_tokens: tuple[int, int], speaker: tuple[int, int], cue: int) -> Found:
    """A direct quote as the attributor hands it to the speaker stages (tokens ``start..end``
    inclusive): no name, label or organization yet."""
    start, end = quote_tokens
    return Found(((start, end + 1),), "direct", start, end + 1, Mention(speaker[0], speaker[1] + 1), (cue,))
