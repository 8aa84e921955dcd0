"""``quotex stats`` and the grouping of speakers by person that ``stats`` and ``report`` share.

The records here are written by hand (the fields the views read), so the
expected counts follow from the test data alone.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from view_runs import run_view
from quotex.views.loading import Entry
from quotex.views.people import group
from quotex.views.stats import compute


def record(source: str, name: str | None, type_: str = "direct", *, label: str = "PER",
           organization: tuple[str, str | None] | None = None, medium: str | None = None) -> dict[str, Any]:
    result: dict[str, Any] = {
        "source": source, "doc_id": source, "title": None, "type": type_,
        "quote": {"text": "x", "spans": [[0, 1]]},
        "speaker": None if name is None else {"text": name, "spans": [[2, 3]], "name": name, "label": label},
        "cue": None, "addressee": None, "frame": None,
        "organization": None if organization is None else {"text": organization[0], "spans": [[4, 5]], "name": organization[1]},
    }
    if medium is not None:
        result["medium"] = medium
    return result


def test_a_surname_goes_with_the_full_name_of_its_article_or_the_only_one_seen() -> None:
    records = [
        record("a", "Olaf Scholz"), record("a", "Scholz"),
        record("b", "Scholz"),  # no full name in b: the only Scholz seen anywhere
        record("c", "Anna Müller"), record("d", "Jan Müller"),
        record("e", "Müller"),  # two Müllers elsewhere: not guessed
        record("d", "Müller"),  # but in d it is Jan Müller
    ]
    assert group(records).speakers == [
        "Olaf Scholz", "Olaf Scholz", "Olaf Scholz", "Anna Müller", "Jan Müller", "Müller", "Jan Müller",
    ]


def test_oblique_forms_of_countries_and_organizations_go_under_their_nominative() -> None:
    records = [
        record("a", "Vereinigten Staaten", label="ORG", organization=("Vereinigten Staaten", "Vereinigten")),
        record("b", "USA", label="ORG", organization=("der USA", "USA")),
        record("c", "Jen Psaki", organization=("des Weißen Hauses", "Weißes Haus")),
        record("d", None, organization=("der Bahn", None)),
    ]
    grouping = group(records)
    assert grouping.speakers == ["Vereinigte Staaten", "Vereinigte Staaten", "Jen Psaki", None]
    assert grouping.organizations == ["Vereinigte Staaten", "Vereinigte Staaten", "Weißes Haus", "der Bahn"]


def test_counts_by_person_type_and_medium() -> None:
    records = [
        record("a", "Olaf Scholz", "direct", medium="speech"), record("a", "Scholz", "indirect", medium="speech"),
        record("b", "Anna Weber", "reported"), record("b", None, "direct", medium="writing"),
    ]
    stats = compute([Entry(n, r) for n, r in enumerate(records, 1)], {"a": {}, "b": {}, "c": {}})
    assert [(row.name, row.quotes, row.types) for row in stats.speakers] == [
        ("Olaf Scholz", 2, {"direct": 1, "indirect": 1}),
        ("Anna Weber", 1, {"reported": 1}),
        (None, 1, {"direct": 1}),
    ]
    assert stats.types == {"direct": 2, "indirect": 1, "reported": 1}
    assert stats.media == {"speech": 2, "writing": 1, None: 1}
    assert stats.articles_with_quotes == 2 and stats.articles_without_quotes == ["c"]
    assert compute([Entry(1, records[0])]).articles_without_quotes is None


def test_stats_command_json_with_documents(tmp_path: Path) -> None:
    records = tmp_path / "records.jsonl"
    records.write_text("".join(json.dumps(r) + "\n" for r in [record("a.txt", "Olaf Scholz"), record("a.txt", "Scholz")]))
    documents = tmp_path / "docs.jsonl"
    documents.write_text("".join(json.dumps({"source": s, "doc_id": s, "title": None, "date": None, "url": None,
                                             "text": "x y z"}) + "\n" for s in ("a.txt", "leer.txt")))
    result = run_view("stats", str(records), "--documents", str(documents), "--json")
    assert result.code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["speakers"] == [{"name": "Olaf Scholz", "quotes": 2, "types": {"direct": 2}}]
    assert data["articles"] == {"with_quotes": 1, "without_quotes": 1, "sources_without_quotes": ["leer.txt"]}
    table = run_view("stats", str(records))
    assert table.code == 0 and "Olaf Scholz" in table.stdout and "give --documents" in table.stdout


def test_stats_names_the_bad_line(tmp_path: Path) -> None:
    records = tmp_path / "records.jsonl"
    records.write_text(json.dumps(record("a", "X")) + "\n{kaputt\n")
    result = run_view("stats", str(records))
    assert result.code == 2 and f"{records}:2:" in result.stderr and len(result.stderr.splitlines()) == 1
