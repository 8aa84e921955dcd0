"""Web boilerplate in scraped articles: the spans where no quote may be reported.

Scraped news text carries leftovers of the page around the article (comment
forms, share bars, paywall teasers, "published on" labels, scraper tags).
They must not produce quotes, yet the text may not be changed because every
record points into it by character offsets. So this module only *finds*
such spans; the text stays as it is and quotes inside them are dropped.

The patterns are data (``lexicons/web_boilerplate.txt``) so that they can be
extended without touching code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

Span = tuple[int, int]

#: Lines longer than this are article prose even if they contain an ad marker:
#: teasers are short, and dropping a long paragraph would lose real quotes.
MAX_MARKER_LINE = 600

_LINE = re.compile(r"[^\r\n]*")


@dataclass(frozen=True)
class Patterns:
    """The compiled pattern file, by kind (see the file's header)."""

    line: re.Pattern[str]
    prefix: re.Pattern[str]
    marker: re.Pattern[str]


@lru_cache(maxsize=1)
def patterns() -> Patterns:
    """Load and compile ``web_boilerplate.txt`` once per process."""
    kinds: dict[str, list[str]] = {"line": [], "prefix": [], "marker": []}
    source = resources.files("quotex") / "lexicons" / "web_boilerplate.txt"
    for number, raw in enumerate(source.read_text(encoding="utf-8").splitlines(), 1):
        entry = raw.strip()
        if not entry or entry.startswith("#"):
            continue
        kind, _, regex = entry.partition(":")
        if kind not in kinds or not regex.strip():
            raise ValueError(f"{source}:{number}: expected 'line:', 'prefix:' or 'marker:' and a pattern")
        kinds[kind].append(f"(?:{regex.strip()})")
    flags = re.IGNORECASE
    return Patterns(
        line=re.compile("|".join(kinds["line"]), flags),
        prefix=re.compile("|".join(kinds["prefix"]), flags),
        marker=re.compile("|".join(kinds["marker"]), flags),
    )


def find_boilerplate(text: str) -> tuple[Span, ...]:
    """``[start, end)`` spans of ``text`` that are page boilerplate, in order.

    Works line by line ("\\n", "\\r\\n" and a lone "\\r" all end a line), so
    offsets are into ``text`` exactly as given.
    """
    compiled = patterns()
    spans: list[Span] = []
    for match in _LINE.finditer(text):
        start, end = match.span()
        line = match.group()
        if not line.strip():
            continue
        stripped = line.strip()
        lead = start + (len(line) - len(line.lstrip()))
        if compiled.line.fullmatch(stripped) or (
            len(line) <= MAX_MARKER_LINE and compiled.marker.search(line)
        ):
            spans.append((lead, lead + len(stripped)))
            continue
        prefix = compiled.prefix.match(line)
        if prefix and prefix.end() > 0:
            spans.append((start + prefix.start(), start + prefix.end()))
    return tuple(spans)


def overlaps(spans: tuple[Span, ...] | list[Span], skip: tuple[Span, ...]) -> bool:
    """Whether any of ``spans`` shares a character with any ``skip`` span."""
    return any(s < skip_end and skip_start < e for s, e in spans for skip_start, skip_end in skip)
