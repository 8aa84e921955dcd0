"""``quotex report``: the HTML report, opened in headless Chromium.

Two sets of records: hand-written ones over hand-written texts (given as a
documents file), whose tables are known in advance, and those of a real
``quotex extract`` run over the fixture articles (texts read from the files
the records name), where every record must be found highlighted.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from browser import dump_dom, parse, png_pixels, screenshot
from conftest import MODEL, REPO, run_quotex
from schema import source_text
from view_runs import run_view
from quotex.views.loading import Entry
from quotex.views.report import COLOURS, build

TEXTS = {
    "a.txt": "Titel A\n\n„Wir bleiben“, sagte Olaf Scholz am Montag. Scholz sagte, man sei bereit.\n",
    "b.txt": "Titel B\n\nDie Sprecherin des Weißen Hauses, Jen Psaki, sagte: „Das ist <ernst> & „wichtig“.“ "
             "Laut den Vereinigten Staaten gibt es keine Pläne.\n",
    "c.txt": "Titel C\n\nEin Artikel ganz ohne Zitat.\n",
}


def part(source: str, piece: str, occurrence: int = 0, **extra: Any) -> dict[str, Any]:
    text = TEXTS[source]
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(piece, start + 1)
    return {"text": piece, "spans": [[start, start + len(piece)]], **extra}


def hand_records() -> list[dict[str, Any]]:
    def record(source: str, type_: str, quote: dict, speaker: dict | None, cue: dict | None,
               organization: dict | None = None, **extra: Any) -> dict[str, Any]:
        return {"source": source, "doc_id": source[0], "title": TEXTS[source].split("\n")[0], "quote": quote,
                "type": type_, "speaker": speaker, "cue": cue, "organization": organization,
                "addressee": None, "frame": None, **extra}

    return [
        record("a.txt", "direct", part("a.txt", "„Wir bleiben“"),
               part("a.txt", "Olaf Scholz", name="Olaf Scholz", label="PER"), part("a.txt", "sagte", lemma="sagen")),
        record("a.txt", "indirect", part("a.txt", "man sei bereit."),
               part("a.txt", "Scholz", 1, name="Scholz", label="PER"), part("a.txt", "sagte", 1, lemma="sagen")),
        record("b.txt", "direct", part("b.txt", "„Das ist <ernst> & „wichtig“.“"),
               part("b.txt", "Die Sprecherin des Weißen Hauses, Jen Psaki", name="Jen Psaki", label="PER"),
               part("b.txt", "sagte", lemma="sagen"), part("b.txt", "Weißen Hauses", name="Weißes Haus"),
               medium="speech"),
        record("b.txt", "reported", part("b.txt", "gibt es keine Pläne"),
               part("b.txt", "den Vereinigten Staaten", name="Vereinigten Staaten", label="ORG"),
               part("b.txt", "Laut", lemma="laut")),
    ]


#: The speaker table the hand records must give: name, quotes, by type (direkt … indirekt, frei), record numbers.
EXPECTED_SPEAKERS = [
    ("Olaf Scholz", "2", ["1", "1", "", "", ""], ["1", "2"]),
    ("Jen Psaki", "1", ["1", "", "", "", ""], ["3"]),
    ("Vereinigte Staaten", "1", ["", "", "1", "", ""], ["4"]),
]


@pytest.fixture(scope="module")
def hand_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("report")
    (folder / "records.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in hand_records()),
                                          encoding="utf-8")
    (folder / "docs.jsonl").write_text("".join(
        json.dumps({"source": s, "doc_id": s[0], "title": t.split("\n")[0], "date": None, "url": None, "text": t}) + "\n"
        for s, t in TEXTS.items()), encoding="utf-8")
    result = run_view("report", str(folder / "records.jsonl"), "--documents", str(folder / "docs.jsonl"),
                      "-o", str(folder / "report.html"), cwd=folder)
    assert result.code == 0, result.stderr
    return folder / "report.html"


def quote_texts(root) -> dict[int, str]:
    """Per data-record number, the text of its highlighted pieces without the labels."""
    found: dict[int, str] = {}
    for element in root.iter():
        if element.tag == "mark" and "q" in element.classes:
            number = int(element.attrs["data-record"])
            found[number] = found.get(number, "") + element.text(skip_class="lbl")
    return found


def table(root, ident: str) -> list[tuple[str, str, list[str], list[str]]]:
    section = next(e for e in root.iter() if e.attrs.get("id") == ident)
    rows = []
    for row in (e for e in section.iter() if e.tag == "tr" and e.parent.tag == "tbody"):
        cells = [c for c in row.children if not isinstance(c, str)]
        links = [a.attrs["href"].removeprefix("#q-") for a in cells[-1].iter() if a.tag == "a"]
        rows.append((cells[0].text().strip(), cells[1].text(), [c.text() for c in cells[2:-1]], links))
    return rows


def test_self_contained_no_network(hand_report: Path) -> None:
    html = hand_report.read_text(encoding="utf-8")
    assert not re.search(r"<link|<img|<iframe|\ssrc=|@import|url\(|@font-face", html)
    assert all(href.startswith("#") for href in re.findall(r'href="([^"]*)"', html))
    assert '<html lang="de">' in html


def test_every_quote_highlighted_and_the_speaker_table_in_a_browser(hand_report: Path) -> None:
    root = parse(dump_dom(hand_report))
    records = hand_records()
    assert quote_texts(root) == {n: r["quote"]["text"] for n, r in enumerate(records, 1)}
    assert table(root, "sprecher") == EXPECTED_SPEAKERS
    organizations = table(root, "organisationen")
    assert organizations[0] == ("Weißes Haus", "1", ["1", "", "", "", ""], ["3"])
    # the speaker of a pronoun or role is named in its label; the type is the quote's label
    labels = [e.text() for e in root.iter() if "lbl" in e.classes]
    assert "Sprecher: Jen Psaki" in labels and "direkt" in labels and "berichtet" in labels
    body = root.text()
    assert "1 Artikel ohne Zitat" in body and "Titel C" in body
    # the filter is shown once the script runs
    section = next(e for e in root.iter() if e.attrs.get("id") == "filter")
    assert "hidden" not in section.attrs


def test_filter_by_speaker_hides_other_articles(hand_report: Path) -> None:
    root = parse(dump_dom(hand_report))
    key = next(o.attrs["value"] for o in root.iter() if o.tag == "option" and o.text().startswith("Jen Psaki"))
    root = parse(dump_dom(hand_report, f"?speaker={key}"))
    articles = {e.attrs["id"]: e for e in root.iter() if e.tag == "article"}
    assert "hidden" in articles["a-1"].attrs and "hidden" not in articles["a-2"].attrs
    marks = {int(e.attrs["data-record"]): e.classes for e in root.iter() if e.tag == "mark"}
    assert "dim" not in marks[3] and "dim" in marks[4]
    status = next(e for e in root.iter() if e.attrs.get("id") == "f-status")
    assert status.text() == "1 passendes Zitat in 1 Artikel"


def test_text_that_does_not_match_its_records_is_not_highlighted() -> None:
    records = hand_records()
    changed = {"a.txt": "Ein ganz anderer Text, der nicht mehr passt, weil er neu geschrieben wurde.",
               "b.txt": TEXTS["b.txt"]}
    report = build([Entry(n, r) for n, r in enumerate(records, 1)], changed, name="r.jsonl")
    assert len(report.warnings) == 1 and report.warnings[0].startswith("a.txt:")
    root = parse(report.html)
    assert quote_texts(root) == {n: r["quote"]["text"] for n, r in enumerate(records, 1)}
    assert "Artikeltext nicht gefunden" in root.text()


@pytest.fixture(scope="module")
def real_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, Any]]]:
    folder = tmp_path_factory.mktemp("real")
    run = run_quotex("extract", "--model", MODEL, "-q", "fixtures/articles", "seeds/000_1c57d925493182bb.txt")
    assert run.code == 0 and run.records
    (folder / "records.jsonl").write_text(run.stdout, encoding="utf-8")
    result = run_view("report", str(folder / "records.jsonl"), "-o", str(folder / "report.html"), cwd=REPO)
    assert result.code == 0 and "warning" not in result.stderr, result.stderr
    return folder / "report.html", run.records


def test_real_run_every_record_highlighted_and_counted(real_report) -> None:
    path, records = real_report
    root = parse(dump_dom(path))
    # a quote of several spans is joined by a space in the record, by the text in between in the page
    expected = {}
    for number, record in enumerate(records, 1):
        text = source_text(record["source"], REPO, None, "text")
        expected[number] = "".join(text[start:end] for start, end in record["quote"]["spans"])
    assert quote_texts(root) == expected
    rows = table(root, "sprecher")
    assert sum(int(total) for _, total, _, _ in rows) == len(records)
    assert sorted(int(n) for *_, links in rows for n in links) == list(range(1, len(records) + 1))
    for name, total, _, links in rows:
        assert int(total) == len(links)
        for number in links:
            speaker = records[int(number) - 1]["speaker"] or {}
            given = speaker.get("name")
            # grouped under the name given, or a surname under the full name (the grouping's rule)
            assert name == given or name.endswith(" " + str(given)) or (name == "unbekannt" and given is None), \
                (name, speaker)


def test_screenshot_shows_the_highlights(real_report, tmp_path: Path) -> None:
    path, _ = real_report
    width, height, rows = png_pixels(screenshot(path, tmp_path / "report.png", (1100, 4000)))
    assert (width, height) == (1100, 4000)
    colours = {bytes(int(c[i:i + 2], 16) for i in (1, 3, 5)) for c in (dark for dark, _ in COLOURS.values())}
    highlight = bytes(int(COLOURS["direct"][1][i:i + 2], 16) for i in (1, 3, 5))
    counts = {"bars": 0, "highlight": 0}
    for row in rows:
        for x in range(0, len(row), 3):
            pixel = row[x:x + 3]
            if pixel in colours:
                counts["bars"] += 1
            elif pixel == highlight:
                counts["highlight"] += 1
    assert counts["bars"] > 1000, "no chart bars drawn"
    assert counts["highlight"] > 1000, "no direct quote highlighted on the first screen"


def test_bad_records_file_is_one_line_with_its_name(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    path.write_text('{"source": "x"}\n', encoding="utf-8")
    result = run_view("report", str(path), "-o", str(tmp_path / "r.html"))
    assert result.code == 2 and f"{path}:1:" in result.stderr and not (tmp_path / "r.html").exists()
