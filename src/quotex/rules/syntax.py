"""Grammatical relations the rules ask about, independent of the label scheme.

quotex runs behind two kinds of parser: ``de_core_news_lg`` labels its trees
with the TIGER scheme (``sb``, ``oc``, ``svp``, ``app``), the embedded
pipeline with Universal Dependencies (``nsubj``, ``ccomp``, ``compound:prt``,
``appos``). The rules ask "what is the subject of this verb" and get the same
answer from both; without a parse (``doc.has_annotation("DEP")`` false) the
questions return nothing and the rules fall back on token heuristics.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token


@dataclass(frozen=True)
class Scheme:
    """The labels that express one grammatical relation in one scheme."""

    name: str
    subject: frozenset[str]
    clausal: frozenset[str]
    particle: frozenset[str]
    apposition: frozenset[str]
    dative: frozenset[str]
    auxiliary: frozenset[str]
    verb_chain: frozenset[str]


UD = Scheme(
    name="ud",
    subject=frozenset({"nsubj", "nsubj:pass", "csubj", "csubj:pass", "expl"}),
    clausal=frozenset({"ccomp", "parataxis", "xcomp"}),
    particle=frozenset({"compound:prt"}),
    apposition=frozenset({"appos"}),
    dative=frozenset({"iobj"}),
    auxiliary=frozenset({"aux", "aux:pass", "cop"}),
    # UD makes the content verb the head; auxiliaries hang below it.
    verb_chain=frozenset(),
)

TIGER = Scheme(
    name="tiger",
    subject=frozenset({"sb", "ep"}),
    clausal=frozenset({"oc", "rs", "par"}),
    particle=frozenset({"svp"}),
    apposition=frozenset({"app"}),
    dative=frozenset({"da"}),
    auxiliary=frozenset(),
    # TIGER makes the finite auxiliary the head; the participle is its ``oc``.
    verb_chain=frozenset({"oc"}),
)

_TIGER_ONLY = frozenset({"sb", "oa", "oc", "nk", "mo", "svp", "app", "da", "rs", "pnc", "ag", "cj", "cd"})


def scheme_of(doc: Doc) -> Scheme | None:
    """The label scheme of ``doc``'s parse, or ``None`` when it has none."""
    if not doc.has_annotation("DEP"):
        return None
    for token in doc[:200]:
        if token.dep_ in _TIGER_ONLY:
            return TIGER
    return UD


def verb_complex(token: Token, scheme: Scheme) -> list[Token]:
    """The tokens of the verbal group ``token`` belongs to.

    Subjects and objects attach to different members in the two schemes
    (UD: the content verb; TIGER: the finite auxiliary), so a relation is
    looked up on every member.
    """
    members = [token]
    if scheme.verb_chain:
        head = token
        while head.dep_ in scheme.verb_chain and head.head is not head and head.head.pos_ in ("AUX", "VERB"):
            head = head.head
            members.append(head)
    else:
        members.extend(child for child in token.children if child.dep_ in scheme.auxiliary)
    return members


def subject_of(token: Token, scheme: Scheme | None) -> Token | None:
    """The subject of the verb ``token`` (the head of the subject phrase)."""
    if scheme is None:
        return None
    for member in verb_complex(token, scheme):
        for child in member.children:
            if child.dep_ in scheme.subject and child.lower_ not in ("es",):
                return child
    return None


def dative_of(token: Token, scheme: Scheme | None) -> Token | None:
    """The dative object of the verb ``token``: whom something was said to."""
    if scheme is None:
        return None
    for member in verb_complex(token, scheme):
        for child in member.children:
            if child.dep_ in scheme.dative:
                return child
    return None


def particle_of(token: Token, scheme: Scheme | None) -> Token | None:
    """The separated particle of a particle verb ("mit" of "teilte ... mit")."""
    if scheme is None:
        return None
    for member in verb_complex(token, scheme):
        for child in member.children:
            if child.dep_ in scheme.particle:
                return child
    return None


def auxiliaries_of(token: Token, scheme: Scheme | None) -> list[Token]:
    """The auxiliaries of a participle ("hatte" of "hatte gesagt")."""
    if scheme is None:
        return []
    return [m for m in verb_complex(token, scheme)[1:] if m.pos_ == "AUX"]


def phrase(head: Token, lo: int, hi: int) -> tuple[int, int]:
    """Token range ``[start, end)`` of ``head``'s subtree, clipped to ``[lo, hi)``.

    The clip keeps a phrase from swallowing the quote or the cue when the
    parser attached them below it; edge punctuation is trimmed except the
    brackets and quotation marks that belong to names ("(SPD)", „Spiegel“).
    """
    doc = head.doc
    start = max(head.left_edge.i, lo)
    end = min(head.right_edge.i + 1, hi)
    if not start <= head.i < end:
        return head.i, head.i + 1
    while end > head.i + 1 and doc[end - 1].is_punct and doc[end - 1].text not in _KEEP_AT_END:
        end -= 1
    while start < head.i and doc[start].is_punct and doc[start].text not in _KEEP_AT_START:
        start += 1
    return start, end


_KEEP_AT_END = frozenset({")", "“", "”", '"', "«", "»", "‘", "’"})
_KEEP_AT_START = frozenset({"(", "„", "“", '"', "»", "«", "‚"})


def sentence_spans(doc: Doc) -> list[Span]:
    """The sentences of ``doc``, also cut at line breaks.

    Works without a parser or sentencizer (falls back to cutting after
    ``.!?`` before an upper-case word) and never yields one unbounded
    sentence for a line without punctuation: headlines and paragraphs end
    at line breaks, which the statistical segmenter sometimes ignores.
    """
    n = len(doc)
    if n == 0:
        return []
    has_sents = doc.has_annotation("SENT_START")
    starts = [False] * n
    starts[0] = True
    for i in range(1, n):
        token = doc[i]
        prev = doc[i - 1]
        if has_sents and token.is_sent_start:
            starts[i] = True
        elif "\n" in prev.text or "\n" in prev.whitespace_:
            starts[i] = True
        elif not has_sents and prev.text in (".", "!", "?") and (token.is_title or token.is_quote):
            starts[i] = True
    spans: list[Span] = []
    begin = 0
    for i in range(1, n + 1):
        if i == n or starts[i]:
            # drop whitespace-only tokens at the edges (paragraph breaks)
            s, e = begin, i
            while s < e and doc[s].is_space:
                s += 1
            while e > s and doc[e - 1].is_space:
                e -= 1
            if e > s:
                spans.append(doc[s:e])
            begin = i
    return spans
