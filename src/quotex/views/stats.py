"""``quotex stats``: how many quotes per speaker, organization, type and medium.

Articles without quotes leave no record, so the records alone cannot tell
them. With a documents file (JSON Lines of source, doc_id, title, date, url, text), which lists
every article a run read, they are counted and named; without one, the
statistics say how many articles have quotes and leave the rest unknown
(``null`` in JSON) instead of guessing from the files the records name.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from quotex.records import QUOTE_TYPES
from quotex.views.loading import Entry
from quotex.views.people import group

@dataclass(frozen=True)
class Row:
    """One speaker or organization: its quotes in all and by type."""

    name: str | None
    quotes: int
    types: dict[str, int]

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "quotes": self.quotes, "types": self.types}


@dataclass(frozen=True)
class Stats:
    records: int
    speakers: list[Row]
    organizations: list[Row]
    types: dict[str, int]
    media: dict[str | None, int]
    articles_with_quotes: int
    #: Sources of the documents without a record; ``None`` when the documents are not known.
    articles_without_quotes: list[str] | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "records": self.records,
            "speakers": [row.to_dict() for row in self.speakers],
            "organizations": [row.to_dict() for row in self.organizations],
            "types": self.types,
            "media": [{"medium": medium, "quotes": count} for medium, count in self.media.items()],
            "articles": {
                "with_quotes": self.articles_with_quotes,
                "without_quotes": None if self.articles_without_quotes is None else len(self.articles_without_quotes),
                "sources_without_quotes": self.articles_without_quotes,
            },
        }


#: Column heads of the quote types, short enough for an 80-column terminal.
SHORT_TYPES = {"direct": "dir", "indirect": "ind", "reported": "rep", "free_indirect": "fi",
               "indirect_free_indirect": "ifi"}


def rows(names: Sequence[str | None], types: Sequence[str]) -> list[Row]:
    """Per name, its quotes by type; most quoted first, then by name; unknown (``None``) last."""
    counts: dict[str | None, Counter[str]] = {}
    for name, kind in zip(names, types):
        counts.setdefault(name, Counter())[kind] += 1
    ordered = sorted(counts.items(), key=lambda item: (item[0] is None, -sum(item[1].values()), item[0] or ""))
    return [Row(name, sum(c.values()), {t: c[t] for t in QUOTE_TYPES if c[t]}) for name, c in ordered]


def compute(entries: Sequence[Entry], documents: dict[str, Any] | None = None) -> Stats:
    """The statistics of ``entries``; ``documents`` (by source) tells the articles without quotes."""
    records = [entry.record for entry in entries]
    grouping = group(records)
    types = [record["type"] for record in records]
    sources = {record["source"] for record in records}
    media = Counter(record.get("medium") for record in records)
    return Stats(
        records=len(records),
        speakers=rows(grouping.speakers, types),
        organizations=rows(grouping.organizations, types),
        types={t: n for t in QUOTE_TYPES if (n := types.count(t))},
        media=dict(sorted(media.items(), key=lambda item: (item[0] is None, -item[1]))),
        articles_with_quotes=len(sources),
        articles_without_quotes=None if documents is None else [s for s in documents if s not in sources],
    )


def render(stats: Stats, top: int = 20) -> Any:
    """The statistics as rich tables (the ``top`` most quoted speakers and organizations)."""
    from rich.console import Group
    from rich.table import Table

    def table(title: str, rows_: list[Row], what: str) -> Table:
        shown = rows_[:top]
        caption = f"{len(shown)} of {len(rows_)}" if len(rows_) > top else None
        result = Table(title=title, caption=caption, title_justify="left")
        result.add_column(what, min_width=16, ratio=1, overflow="fold")
        result.add_column("quotes", justify="right")
        for kind in QUOTE_TYPES:
            result.add_column(SHORT_TYPES[kind], justify="right")
        for row in shown:
            result.add_row(row.name or "(unknown)", str(row.quotes), *(str(row.types.get(k, "")) for k in QUOTE_TYPES))
        return result

    summary = Table(title="Overview", title_justify="left", show_header=False)
    summary.add_column()
    summary.add_column(justify="right")
    summary.add_row("records (quotes)", str(stats.records))
    summary.add_row("articles with quotes", str(stats.articles_with_quotes))
    without = stats.articles_without_quotes
    summary.add_row("articles without quotes", "unknown (give --documents)" if without is None else str(len(without)))
    for kind, count in stats.types.items():
        summary.add_row(f"type {kind}", str(count))
    for medium, count in stats.media.items():
        summary.add_row(f"medium {medium or '(none)'}", str(count))
    legend = " · ".join(f"{short} {kind}" for kind, short in SHORT_TYPES.items())
    return Group(
        summary,
        table("Speakers (grouped by person)", stats.speakers, "speaker"),
        table("Organizations", stats.organizations, "organization"),
        legend,
    )
