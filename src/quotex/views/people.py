"""Who is quoted, counted by person rather than by string.

Records name a speaker as the article did at that point: "Olaf Scholz" in
one quote, "Scholz" in the next, and organizations or countries sometimes in
an oblique case ("Vereinigten Staaten"). Counting strings would split one
person into several rows. :func:`group` maps every record's speaker and
organization to one name per person or organization; ``stats`` and
``report`` both count by it.

* Organizations and countries go to their nominative through the same
  gazetteer lookups the attributor uses (``organization_name``,
  ``country_name``).
* A single word that is the surname of exactly one full name (two or more
  words) is that person: first among the full names of the same article,
  else among all records. A surname shared by several full names stays as
  written, since guessing would merge different people.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from quotex.rules.nouns import country_name, organization_name


def _listed(name: str) -> str | None:
    return organization_name(name) or country_name(name)


def nominative(name: str) -> str:
    """An organization's or country's nominative name ("Vereinigten Staaten" -> "Vereinigte Staaten"); other names as they are."""
    return _listed(name) or name


@dataclass(frozen=True)
class Grouping:
    """Per record (same order as given): the speaker's and the organization's group name, ``None`` when unknown."""

    speakers: list[str | None]
    organizations: list[str | None]


def _organization(record: dict[str, Any]) -> str | None:
    """The listed name of the organization's name or else of its text as written, else the name as given.

    The text is a second chance because a name can come out cut short
    ("Vereinigten" for "Vereinigten Staaten") where the text is whole.
    """
    organization = record.get("organization") or {}
    given = [value for value in (organization.get("name"), organization.get("text")) if value]
    for candidate in given:
        if listed := _listed(candidate):
            return listed
    return given[0] if given else None


def group(records: Sequence[dict[str, Any]]) -> Grouping:
    """The group names of the speakers and organizations of ``records``."""
    names = [nominative(name) if (name := (record.get("speaker") or {}).get("name")) else None for record in records]
    everywhere: dict[str, set[str]] = defaultdict(set)
    by_article: dict[tuple[str, str], set[str]] = defaultdict(set)
    for record, name in zip(records, names):
        words = name.split() if name else []
        if len(words) >= 2 and (record.get("speaker") or {}).get("label") != "ORG":
            everywhere[words[-1]].add(name)
            by_article[record.get("source", ""), words[-1]].add(name)

    def person(record: dict[str, Any], name: str | None) -> str | None:
        if name is None or " " in name:
            return name
        for candidates in (by_article.get((record.get("source", ""), name)), everywhere.get(name)):
            if candidates and len(candidates) == 1:
                return next(iter(candidates))
            if candidates:
                return name  # several people of that name: do not guess
        return name

    return Grouping(
        speakers=[person(record, name) for record, name in zip(records, names)],
        organizations=[_organization(record) for record in records],
    )
