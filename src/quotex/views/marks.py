"""Where a text gets which highlight: the quotes, speakers and cues of its records.

``show`` and ``report`` draw the same thing, one with terminal styles, the
other with HTML; both cut the text into pieces at every mark boundary and
style each piece by the marks over it, which handles marks that nest or
overlap (a speaker shared by two quotes, a cue inside an interrupted quote)
without rearranging anything.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from quotex.views.loading import Entry

#: Drawing order: a quote holds a speaker or cue, not the other way round.
ROLES = ("quote", "speaker", "cue")
_PARAGRAPH = re.compile(r"(?:\r\n|\n|\r)[ \t]*(?:\r\n|\n|\r)\s*")


@dataclass(frozen=True)
class Mark:
    """One highlighted stretch of text: a piece of a quote, speaker or cue of one or more records."""

    start: int
    end: int
    role: str
    #: Line numbers of the records it belongs to (a speaker may speak several quotes).
    records: tuple[int, ...]
    #: The quote type of the first of those records.
    type: str


def marks(entries: Sequence[Entry]) -> list[Mark]:
    """Every span of the entries' quotes, speakers and cues.

    Each quote keeps its own marks (two records never share one, so each can
    be found by its number); a speaker or cue shared by several quotes is one
    mark naming all their records.
    """
    found: dict[tuple[int, int, str, int], list[Entry]] = {}
    for entry in entries:
        for role in ROLES:
            part = entry.record.get(role)
            for start, end in (part or {}).get("spans", ()):
                found.setdefault((start, end, role, entry.line if role == "quote" else 0), []).append(entry)
    result = [
        Mark(start, end, role, tuple(e.line for e in owners), owners[0].record["type"])
        for (start, end, role, _), owners in found.items()
    ]
    return sorted(result, key=lambda m: (m.start, -m.end, ROLES.index(m.role)))


def pieces(marks_: Sequence[Mark], start: int, end: int) -> Iterator[tuple[int, int, list[Mark]]]:
    """``text[start:end]`` cut at every mark boundary: ``(from, to, marks over it)``, outermost role first."""
    local = [mark for mark in marks_ if mark.start < end and mark.end > start]
    cuts = {start, end}
    for mark in local:
        cuts.update(p for p in (mark.start, mark.end) if start < p < end)
    points = sorted(cuts)
    for left, right in zip(points, points[1:]):
        over = [m for m in local if m.start <= left and right <= m.end]
        yield left, right, sorted(over, key=lambda m: ROLES.index(m.role))


def paragraphs(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` of each paragraph (text between blank lines), line ends inside kept."""
    result, start = [], 0
    for gap in _PARAGRAPH.finditer(text):
        if gap.start() > start:
            result.append((start, gap.start()))
        start = gap.end()
    end = len(text.rstrip())
    if start < end:
        result.append((start, end))
    return result
