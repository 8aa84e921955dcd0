"""Quotation marks: which characters open and close a quotation, and the pairs.

German text mixes every convention: „…“ and ‚…‘ (German), »…« and «…»
(French/Swiss), “…” and "…" (English and typewriter), ‹…›, ''…'', and the
same characters serve as apostrophes (geht's, Hans'). Whether a mark opens
or closes is decided from its neighbours (space before: opens; space or
punctuation after: closes), then marks are paired with a stack so nested
quotes are found too. A quote whose closing mark is missing ends at its
paragraph's end: it must never run on through the article. An unclosed
mark that also serves as an apostrophe (' ‘ ’) opened no quotation at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from quotex.rules.lexicon import Lexicons, active

_OPEN_BEFORE = set(" \t\n\r\u00a0([{/–—-:;")
_CLOSE_AFTER = set(" \t\n\r\u00a0)]}.,;:!?…/–—-")
_APOSTROPHES = frozenset({"'", "’", "‘"})


def _mark_pattern(lex: Lexicons) -> re.Pattern[str]:
    """A regular expression for every mark of ``quotation_marks.txt``, longest first ("''" before "'")."""
    memo = lex.memo_for("mark_pattern")
    if "pattern" not in memo:
        marks = sorted(lex.quote_chars, key=len, reverse=True)
        memo["pattern"] = re.compile("|".join(re.escape(m) for m in marks))
    return memo["pattern"]


@dataclass(frozen=True)
class QuoteMarks:
    """A stretch of text between quotation marks (char offsets, marks included)."""

    start: int
    end: int
    #: ``False`` when the closing mark was missing and the paragraph end closed it.
    closed: bool
    #: Nesting depth: 0 for a quote not inside another quote.
    depth: int


def find_quotes(text: str, max_chars: int = 5000) -> list[QuoteMarks]:
    """All quotations in ``text``, outer and nested, in order of their start.

    ``max_chars`` bounds an unclosed quote in a text without line breaks.
    """
    lex = active()
    pairs, marks = lex.quote_pairs, lex.quote_chars
    found: list[QuoteMarks] = []
    stack: list[tuple[str, int]] = []
    n = len(text)

    def close_all(at: int) -> None:
        while stack:
            mark, start = stack.pop()
            if mark in _APOSTROPHES:
                # never closed: an apostrophe (before a transliterated name, "'s"), not a quotation;
                # the quotations it seemed to hold are not nested
                depth = len(stack)
                found[:] = [replace(q, depth=q.depth - 1) if q.start > start and q.depth > depth else q for q in found]
                continue
            end = at if at - start <= max_chars else _sentence_end_before(text, start, start + max_chars)
            while end > start and text[end - 1].isspace():
                end -= 1
            if end > start + len(mark):
                found.append(QuoteMarks(start, end, False, len(stack)))

    paragraph_end = text.find("\n")
    for match in _mark_pattern(lex).finditer(text):
        pos, mark = match.start(), match.group()
        while paragraph_end != -1 and paragraph_end < pos:
            close_all(paragraph_end)
            paragraph_end = text.find("\n", paragraph_end + 1)
        if stack and pos - stack[0][1] > max_chars:
            close_all(_sentence_end_before(text, stack[0][1], stack[0][1] + max_chars))
        before = text[pos - 1] if pos > 0 else " "
        after = text[pos + len(mark)] if pos + len(mark) < n else " "
        if mark in _APOSTROPHES and before.isalnum() and after.isalnum():
            continue  # geht's, O'Neill
        can_open = (before in _OPEN_BEFORE or before in marks) and not after.isspace()
        can_close = not before.isspace() and (after in _CLOSE_AFTER or after in marks or after.isspace())
        closed_here = False
        if can_close or not can_open:
            for depth in range(len(stack) - 1, -1, -1):
                opener, start = stack[depth]
                if mark in pairs[opener]:
                    del stack[depth + 1 :]
                    stack.pop()
                    found.append(QuoteMarks(start, pos + len(mark), True, depth))
                    closed_here = True
                    break
        if not closed_here and can_open and mark in pairs:
            if mark == "'" and before.isalpha():
                continue
            stack.append((mark, pos))
    close_all(paragraph_end if paragraph_end != -1 else n)
    found.sort(key=lambda q: (q.start, -q.end))
    return found


def _sentence_end_before(text: str, start: int, limit: int) -> int:
    """The end of the last sentence that ends between ``start`` and ``limit``."""
    for i in range(limit - 1, start, -1):
        if text[i] in ".!?":
            return i + 1
    return limit
