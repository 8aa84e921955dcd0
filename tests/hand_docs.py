"""Hand-built spaCy Docs for rule tests, in the UD or TIGER label scheme or without a parse.

A Doc is written as a table, one token per line:
``word POS entity morph head ud-label tiger-label`` (``head`` is the absolute
token index, ``_`` for an empty morph). Spacing follows German punctuation.
"""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from quotex.records import Cue, Part, Quote, Speaker

NLP = spacy.blank("de")
_NO_SPACE_BEFORE = {",", ".", ":", ";", "“", ")", "!", "?"}
_NO_SPACE_AFTER = {"„", "("}


def build(table: str, scheme: str | None, *, entities: bool = True, tags: bool = True) -> Doc:
    """The Doc of ``table``; ``scheme`` is "ud", "tiger" or None (no parse)."""
    rows = [line.split() for line in table.strip().splitlines()]
    words = [r[0] for r in rows]
    spaces = [
        i + 1 < len(words) and words[i + 1] not in _NO_SPACE_BEFORE and words[i] not in _NO_SPACE_AFTER
        for i in range(len(words))
    ]
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


def chars(doc: Doc, start: int, end: int) -> tuple[tuple[int, int], ...]:
    """The char span of tokens ``start..end`` (inclusive)."""
    return ((doc[start].idx, doc[end].idx + len(doc[end].text)),)


def quote(doc: Doc, quote_tokens: tuple[int, int], speaker: tuple[int, int], cue: int) -> Quote:
    """A direct quote as the attributor would hand it over: no name, label or organization yet."""
    return Quote(
        quote=Part(chars(doc, *quote_tokens)),
        type="direct",
        speaker=Speaker(chars(doc, *speaker)),
        cue=Cue(chars(doc, cue, cue)),
    )
