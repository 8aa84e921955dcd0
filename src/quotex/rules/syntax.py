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

from spacy.attrs import IDX, LENGTH, ORTH
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from quotex.rules import lexicon


@dataclass(frozen=True)
class Scheme:
    """The labels that express one grammatical relation in one scheme."""

    name: str
    subject: frozenset[str]
    particle: frozenset[str]
    apposition: frozenset[str]
    dative: frozenset[str]
    accusative: frozenset[str]
    auxiliary: frozenset[str]
    verb_chain: frozenset[str]


UD = Scheme(
    name="ud",
    subject=frozenset({"nsubj", "nsubj:pass", "csubj", "csubj:pass", "expl"}),
    particle=frozenset({"compound:prt"}),
    apposition=frozenset({"appos"}),
    dative=frozenset({"iobj"}),
    accusative=frozenset({"obj"}),
    auxiliary=frozenset({"aux", "aux:pass", "cop"}),
    # UD makes the content verb the head; auxiliaries hang below it.
    verb_chain=frozenset(),
)

TIGER = Scheme(
    name="tiger",
    subject=frozenset({"sb", "ep"}),
    particle=frozenset({"svp"}),
    apposition=frozenset({"app"}),
    dative=frozenset({"da"}),
    accusative=frozenset({"oa"}),
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


def subject_of(token: Token, scheme: Scheme | None, lo: int = 0, hi: int | None = None) -> Token | None:
    """The subject of the verb ``token`` (the head of the subject phrase) inside ``[lo, hi)``.

    A parser may give a verb two subjects, one of them from a clause around its own
    ("Die Speicherung, wie sich X ausdrückte, stehe …" with both nouns on "ausdrückte"):
    the one inside the verb's clause is its own.
    """
    if scheme is None:
        return None
    for member in verb_complex(token, scheme):
        for child in member.children:
            if (child.dep_ in scheme.subject and child.lower_ not in lexicon.words("expletives")
                    and lo <= child.i and (hi is None or child.i < hi)):
                return child
    return None


def dative_of(token: Token, scheme: Scheme | None) -> Token | None:
    """The dative object of the verb ``token``: whom something was said to."""
    return None if scheme is None else _labelled_child(token, scheme, scheme.dative)


def accusative_of(token: Token, scheme: Scheme | None) -> Token | None:
    """The accusative object of the verb ``token`` ("zitiert den Minister": whose words)."""
    return None if scheme is None else _labelled_child(token, scheme, scheme.accusative)


def _labelled_child(token: Token, scheme: Scheme, labels: frozenset[str]) -> Token | None:
    """The first dependent with one of ``labels`` of any member of ``token``'s verbal group."""
    for member in verb_complex(token, scheme):
        for child in member.children:
            if child.dep_ in labels:
                return child
    return None


def particle_of(token: Token, scheme: Scheme | None) -> Token | None:
    """The separated particle of a particle verb ("mit" of "teilte ... mit")."""
    return None if scheme is None else _labelled_child(token, scheme, scheme.particle)


def auxiliaries_of(token: Token, scheme: Scheme | None) -> list[Token]:
    """The auxiliaries of a participle ("hatte" of "hatte gesagt").

    A finite verb has none: when the parser hangs a finite auxiliary from the
    quote onto a finite cue ("„Wir werden …“, fügte er hinzu"), it is not
    part of the cue.
    """
    if scheme is None or "Fin" in token.morph.get("VerbForm") or token.tag_.endswith("FIN"):
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
    while end > head.i + 1 and doc[end - 1].is_punct and not _kept_at_end(doc[end - 1].text):
        end -= 1
    while start < head.i and doc[start].is_punct and not _kept_at_start(doc[start].text):
        start += 1
    return start, end


def _kept_at_end(text: str) -> bool:
    return text == ")" or lexicon.closes_quote(text)


def _kept_at_start(text: str) -> bool:
    return text == "(" or lexicon.opens_quote(text)


def sentence_spans(doc: Doc, text: str | None = None) -> list[Span]:
    """The sentences of ``doc``, cut by punctuation and line breaks.

    The statistical segmenters split news text badly around quotations
    ("„…“, sagte er." becomes two sentences) and abbreviations, and a Doc
    may have no boundaries at all; the rules need sentences that end where
    a writer ended them. A sentence ends after a stand-alone ``.!?`` (the
    tokenizer keeps "Dr." and "5." whole), possibly followed by closing
    quotation marks or brackets, when the next word starts a sentence, and
    so does a word the tokenizer kept with its period like an ordinal or an
    abbreviation ("vor 1933. Dabei", "auf 40. Die", "GmbH. Der"); a line
    break ends one as :func:`line_break_ends_sentence` says. Without any
    punctuation a line stays one "sentence": rules bound their own reach, so
    that costs no time.
    """
    n = len(doc)
    if n == 0:
        return []
    text = doc.text if text is None else text  # spaCy rebuilds doc.text on every access
    rows = doc.to_array([IDX, LENGTH, ORTH]).tolist()
    trailing = _trailing_ids()
    spans: list[Span] = []
    begin = 0
    i = 0
    while i < n:
        idx, length, orth = rows[i]
        following = rows[i + 1][0] if i + 1 < n else len(text)
        end = None
        if "\n" in text[idx:following] and _line_ends_sentence(rows, text, i):
            end = i + 1  # the token or the whitespace after it holds a line break that ends the sentence
        elif orth in _END_IDS or length > 1 and text[idx + length - 1] == "." and kept_period_ends_sentence(doc[i]):
            j = i + 1
            while j < n and rows[j][2] in trailing and "\n" not in text[rows[j - 1][0]:rows[j][0]]:
                j += 1
            following = text[rows[j][0]:rows[j][0] + rows[j][1]] if j < n else ""
            if j >= n or "\n" in text[rows[j - 1][0]:rows[j][0]] or _starts_sentence(following):
                end = j
        if end is not None:
            _add(doc, spans, begin, end)
            begin = end
            i = end
            continue
        i += 1
    _add(doc, spans, begin, n)
    return spans


def line_break_ends_sentence(gap: str, before: str, after: str) -> bool:
    """A line break in ``gap``, the whitespace between the words ``before`` and ``after``, ends a sentence.

    A blank line, a paragraph break, always does. A single line break does
    too (a title, a heading or a list item ends without punctuation) unless
    the line plainly reads on, as in text wrapped at a fixed width: it stops
    after a comma or a hyphen, or the next line goes on with a lower-case
    word ("die Lage an der Grenze⏎sei ernst"), which never opens a German
    sentence. The pipeline step (``quotex_paragraphs``) and the rules'
    sentences both decide here, so the parser and the rules agree.
    """
    if gap.count("\n") > 1 or not after:
        return True
    return not (before in _READS_ON or after[:1].islower())


#: What a line that goes on in the next one may end with.
_READS_ON = frozenset({",", "-", "–", "—"})


def _line_ends_sentence(rows: list[list[int]], text: str, i: int) -> bool:
    """:func:`line_break_ends_sentence` for the line break in or after token ``i`` (``rows``: IDX, LENGTH, ORTH)."""
    k = i
    while k >= 0 and not text[rows[k][0]:rows[k][0] + rows[k][1]].strip():
        k -= 1  # the word before the break
    j = i + 1
    while j < len(rows) and not text[rows[j][0]:rows[j][0] + rows[j][1]].strip():
        j += 1  # the word after it
    if k < 0 or j >= len(rows):
        return True
    before_end = rows[k][0] + rows[k][1]
    return line_break_ends_sentence(text[before_end:rows[j][0]], text[rows[k][0]:before_end],
                                    text[rows[j][0]:rows[j][0] + rows[j][1]])


_ENDS = frozenset({".", "!", "?", "…"})
_END_IDS = frozenset(get_string_id(w) for w in _ENDS)


def _trailing_ids() -> frozenset[int]:
    """What may follow a sentence's final punctuation in the same sentence: closing marks and brackets."""
    lex = lexicon.active()
    memo = lex.memo_for("sentence_trailing")
    if "ids" not in memo:
        memo["ids"] = frozenset(get_string_id(w) for w in {*lex.quote_closers, ")", "]", "!", "?", "."})
    return memo["ids"]


def kept_period_ends_sentence(token: Token) -> bool:
    """``token`` is a word the tokenizer kept with the period that ends its sentence
    ("1933.", "GmbH." before "Dort"): see :func:`sentence_spans`."""
    text = token.text
    return len(text) > 1 and text.endswith(".") and (_year_with_period(text) or _period_kept(token.doc, token.i))


def _year_with_period(word: str) -> bool:
    """A year and the period ending its sentence, which the tokenizer keeps as one token,
    like the ordinal it could be ("vor 1933. Dabei …"); an ordinal of four digits is rare."""
    return len(word) == 5 and word.endswith(".") and word[:4].isdigit()


#: Word classes that start a sentence but never follow an ordinal or an abbreviation
#: ("auf 40. Die Polizei …", not "am 3. Oktober", "Dr. Meier").
_AFTER_SENTENCE = frozenset({"DET", "PRON", "ADV", "SCONJ", "CCONJ", "ADP", "VERB", "AUX"})


def _period_kept(doc: Doc, i: int) -> bool:
    """A word and the period ending its sentence, which the tokenizer kept as one token as
    in an ordinal or an abbreviation ("auf 40. Die", "Albert II. Er", "der X GmbH. Dort"):
    a capitalized function word after it tells them apart (needs tags)."""
    following = doc[i + 1] if i + 1 < len(doc) else None
    return following is not None and following.pos_ in _AFTER_SENTENCE and following.text[:1].isupper()


def _starts_sentence(word: str) -> bool:
    first = word[:1]
    return first.isupper() or first.isdigit() or word in ("(", "–", "-") or lexicon.opens_quote(word)


#: Longest "sentence" the rules look at: text without sentence punctuation (lists, tables,
#: a megabyte on one line) is cut into pieces of this size, at a comma or semicolon where
#: possible, so that no rule ever scans an unbounded stretch.
MAX_SENTENCE_TOKENS = 250


def _add(doc: Doc, spans: list[Span], start: int, end: int) -> None:
    """Append ``doc[start:end]`` without the whitespace tokens at its edges."""
    while start < end and doc[start].is_space:
        start += 1
    while end > start and doc[end - 1].is_space:
        end -= 1
    while end - start > MAX_SENTENCE_TOKENS:
        cut = start + MAX_SENTENCE_TOKENS
        for k in range(cut - 1, start + MAX_SENTENCE_TOKENS // 2, -1):
            if doc[k].text in (",", ";", ":"):
                cut = k + 1
                break
        spans.append(doc[start:cut])
        start = cut
    if end > start:
        spans.append(doc[start:end])
