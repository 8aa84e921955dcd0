"""Reading inputs: every kind of bad file gets one clear problem and never a wrong offset.

These tests call ``quotex.inputs`` directly (no pipeline), one per case of
issue 5; ``test_cli.py`` checks the same cases end to end for exit statuses.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from quotex.boilerplate import find_boilerplate
from quotex.inputs import Input, iter_inputs

GERMAN = (
    "Rathaus plant neue Brücke\n\n"
    "Die Stadt will im kommenden Jahr eine neue Brücke über den Fluss bauen. "
    "„Wir haben lange genug gewartet“, sagte die Bürgermeisterin am Montag. "
    "Die Kosten seien noch nicht genau bekannt, weil die Planung erst beginne, "
    "erklärte ein Sprecher der Verwaltung. Der Bau soll nach den Plänen der Stadt "
    "im Herbst beginnen und zwei Jahre dauern, wenn der Rat zustimmt.\n"
)


def read(*paths: Path | str, text_field: str = "text") -> list[Input]:
    return list(iter_inputs([str(path) for path in paths], text_field=text_field))


def only(inputs: list[Input]) -> Input:
    assert len(inputs) == 1, inputs
    return inputs[0]


def messages(item: Input) -> list[str]:
    return [str(problem) for problem in item.problems]


def write(path: Path, data: bytes | str) -> Path:
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


# -- the good case, as a baseline ------------------------------------------------


def test_plain_text_is_read_exactly_with_title_and_source(tmp_path: Path) -> None:
    folder = tmp_path / "drop"
    (folder / "sub").mkdir(parents=True)
    write(folder / "sub" / "a.txt", GERMAN)
    write(folder / "notes.md", "ignored: not an article extension")
    write(folder / ".hidden.txt", GERMAN)
    item, skipped = read(str(folder) + "/")
    assert item.problems == []
    # Hidden files are left out silently; other kinds are counted in one warning.
    assert messages(skipped) == [f"quotex: warning: {folder}/: skipped 1 files that are not "
                                 f".txt, .json, .jsonl, .html, .htm, .gz: 1 .md"]
    (document,) = item.documents
    assert document.text == GERMAN
    assert document.title == "Rathaus plant neue Brücke"
    assert document.source == str(folder) + "/sub/a.txt"
    assert document.doc_id == "a"


def test_relative_source_stays_relative(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "x.txt", GERMAN)
    monkeypatch.chdir(tmp_path)
    assert only(read(".")).documents[0].source == "./x.txt"
    assert only(read("x.txt")).documents[0].source == "x.txt"


# -- issue 5: bad inputs ---------------------------------------------------------


@pytest.mark.parametrize("name", ["empty.txt", "empty.json", "empty.jsonl"])
def test_empty_file_fails(tmp_path: Path, name: str) -> None:
    item = only(read(write(tmp_path / name, b"")))
    assert item.failed and item.documents == []
    assert messages(item) == [f"quotex: error: {tmp_path}/{name}: empty: no article text to extract quotes from"]


def test_empty_text_field_fails(tmp_path: Path) -> None:
    item = only(read(write(tmp_path / "a.jsonl", json.dumps({"text": ""}) + "\n")))
    assert messages(item) == [f"quotex: error: {tmp_path}/a.jsonl:1: empty: no article text to extract quotes from"]


def test_whitespace_only_fails(tmp_path: Path) -> None:
    item = only(read(write(tmp_path / "blank.txt", " \n\t\r\n  \n")))
    assert item.failed and item.documents == []
    assert "only whitespace" in messages(item)[0]


def test_binary_content_fails(tmp_path: Path) -> None:
    item = only(read(write(tmp_path / "data.txt", b"RECORDS\x01\x00\x00\x00\rXYZ")))
    assert item.failed and item.documents == []
    assert "binary content (NUL byte at offset 8)" in messages(item)[0]


def test_cp1252_is_decoded_with_a_warning(tmp_path: Path) -> None:
    item = only(read(write(tmp_path / "windows.txt", GERMAN.encode("cp1252"))))
    assert not item.failed
    assert item.documents[0].text == GERMAN
    (message,) = messages(item)
    assert message.startswith(f"quotex: warning: {tmp_path}/windows.txt: not valid UTF-8")
    assert "decoded as cp1252" in message


def test_invalid_utf8_that_is_not_plausible_cp1252_fails(tmp_path: Path) -> None:
    # Mostly UTF-8 with one stray byte: read as cp1252 it would be mojibake ("BrÃ¼cke").
    mixed = write(tmp_path / "mixed.txt", GERMAN.encode("utf-8") + b"\xff\n")
    # Control bytes and bytes cp1252 does not define.
    noise = write(tmp_path / "noise.txt", bytes([0x81, 0x8D, 0x02, 0x90, 0x1B]) * 50)
    for item in read(mixed, noise):
        assert item.failed and item.documents == []
        assert "not valid UTF-8" in messages(item)[0] and "iconv" in messages(item)[0]


def test_utf16_with_bom_is_decoded_with_a_warning(tmp_path: Path) -> None:
    for codec in ("utf-16-le", "utf-16-be"):
        bom = b"\xff\xfe" if codec.endswith("le") else b"\xfe\xff"
        item = only(read(write(tmp_path / f"{codec}.txt", bom + GERMAN.encode(codec))))
        assert not item.failed
        assert item.documents[0].text == GERMAN
        assert "decoded as UTF-16" in messages(item)[0]


def test_utf8_bom_is_accepted_and_not_part_of_the_text(tmp_path: Path) -> None:
    item = only(read(write(tmp_path / "bom.txt", b"\xef\xbb\xbf" + GERMAN.encode("utf-8"))))
    assert item.problems == []
    assert item.documents[0].text == GERMAN
    assert item.documents[0].title == "Rathaus plant neue Brücke"


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_crlf_and_lone_cr_are_kept_as_they_are(tmp_path: Path, newline: str) -> None:
    text = GERMAN.replace("\n", newline) + "Leave a Reply" + newline
    item = only(read(write(tmp_path / "lines.txt", text)))
    assert item.problems == []
    document = item.documents[0]
    assert document.text == text  # no newline normalization: offsets stay exact
    assert document.title == "Rathaus plant neue Brücke"
    ((start, end),) = document.skip
    assert text[start:end] == "Leave a Reply"


def test_twenty_megabyte_article_is_read_whole(tmp_path: Path) -> None:
    paragraph = GERMAN.split("\n\n", 1)[1]
    text = "Große Sammlung\n\n" + (paragraph + "\n") * (20_000_000 // len(paragraph.encode()) + 1)
    assert len(text.encode()) > 20_000_000
    item = only(read(write(tmp_path / "big.txt", text)))
    assert item.problems == []
    assert item.documents[0].text == text


def test_one_megabyte_line_without_punctuation_is_read_whole(tmp_path: Path) -> None:
    line = " ".join(["der", "Rat", "und", "die", "Stadt", "planen", "eine", "Brücke"] * 25_000)
    assert len(line) > 1_000_000
    item = only(read(write(tmp_path / "line.txt", line)))
    assert item.problems == []
    assert item.documents[0].text == line
    assert item.documents[0].title == line


def test_unreadable_file_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "secret.txt", GERMAN)
    if os.geteuid() != 0:
        path.chmod(0)
    else:  # root reads any file: make opening it fail the way it does for a user
        real_open = os.open

        def denying_open(file, *args, **kwargs):
            if str(file) == str(path):
                raise PermissionError(13, "Permission denied", str(file))
            return real_open(file, *args, **kwargs)

        monkeypatch.setattr(os, "open", denying_open)
    item = only(read(path))
    assert item.failed and item.documents == []
    assert messages(item) == [f"quotex: error: {path}: permission denied; make it readable (chmod +r) or leave it out"]


def test_broken_symlink_fails(tmp_path: Path) -> None:
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "deleted.txt")
    for item in (only(read(link)), only(read(tmp_path))):
        assert item.failed
        assert "broken symbolic link" in messages(item)[0] and "deleted.txt" in messages(item)[0]


def test_symlink_loop_fails_and_folder_loop_does_not_hang(tmp_path: Path) -> None:
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    item = only(read(tmp_path / "a.txt"))
    assert item.failed and "symbolic link loop" in messages(item)[0]
    folder = tmp_path / "folder"
    folder.mkdir()
    write(folder / "article.txt", GERMAN)
    (folder / "again").symlink_to(folder)  # a folder containing itself
    items = read(folder)
    assert [document.source for item in items for document in item.documents] == [f"{folder}/article.txt"]


def test_same_file_through_two_paths_is_processed_once(tmp_path: Path) -> None:
    path = write(tmp_path / "article.txt", GERMAN)
    (tmp_path / "alias.txt").symlink_to(path)
    items = read(path, tmp_path / "alias.txt", tmp_path)
    assert [document.source for item in items for document in item.documents] == [str(path)]
    warnings = [problem for item in items for problem in item.problems]
    assert warnings and not any(problem.fatal for problem in warnings)
    assert all(f"same file as {str(path)!r}; processed once" in problem.message for problem in warnings)


def test_malformed_jsonl_line_fails_alone(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a1", "text": GERMAN, "date": "2023-02-01", "url": "https://example.org/a1"}),
        '{"id": "a2", "text": "Abgebrochen',
        "",
        json.dumps({"text": GERMAN, "title": "Brücke"}),
    ]
    item = only(read(write(tmp_path / "drop.jsonl", "\n".join(lines) + "\n")))
    assert [str(problem) for problem in item.problems] == [
        f"quotex: error: {tmp_path}/drop.jsonl:2: malformed JSON line: Unterminated string starting at (column 22)"
    ]
    first, second = item.documents
    assert (first.source, first.doc_id, first.title, first.meta) == (
        f"{tmp_path}/drop.jsonl#1", "a1", None, {"date": "2023-02-01", "url": "https://example.org/a1"}
    )
    assert (second.source, second.doc_id, second.title, second.text) == (
        f"{tmp_path}/drop.jsonl#4", "drop#4", "Brücke", GERMAN
    )


def test_json_object_without_the_text_field_fails(tmp_path: Path) -> None:
    path = write(tmp_path / "article.json", json.dumps({"id": "x", "body": GERMAN}))
    item = only(read(path))
    assert item.failed and item.documents == []
    assert messages(item) == [f"quotex: error: {path}: no 'text' field (name another field with --text-field)"]
    named = only(read(path, text_field="body"))
    assert named.problems == [] and named.documents[0].text == GERMAN


def test_json_array_items_are_documents(tmp_path: Path) -> None:
    path = write(tmp_path / "batch.json", json.dumps([{"text": GERMAN}, {"text": 3}]))
    item = only(read(path))
    assert [document.source for document in item.documents] == [f"{path}#1"]
    assert messages(item) == [f"quotex: error: {path}: item 2: field 'text' is int, not a string"]


def test_text_that_is_not_german_is_processed_with_a_warning(tmp_path: Path) -> None:
    english = (
        "The city council approved the new bridge on Monday. \"We have waited long enough,\" the mayor said. "
        "The costs are not yet known because the planning has only just begun, a spokesman for the city "
        "explained. Construction is to start in the autumn and will take two years if the council agrees."
    )
    item = only(read(write(tmp_path / "english.txt", english)))
    assert not item.failed
    assert item.documents[0].text == english
    assert "does not look like German" in messages(item)[0]
    assert only(read(write(tmp_path / "german.txt", GERMAN))).problems == []


def test_missing_path_and_empty_folder(tmp_path: Path) -> None:
    missing = only(read(tmp_path / "nope.txt"))
    assert missing.failed and "no such file or folder" in messages(missing)[0]
    (tmp_path / "empty").mkdir()
    empty = only(read(tmp_path / "empty"))
    assert not empty.failed and "no .txt, .json, .jsonl, .html, .htm, .gz files" in messages(empty)[0]


# -- web boilerplate -------------------------------------------------------------


def skipped(text: str) -> list[str]:
    return [text[start:end] for start, end in find_boilerplate(text)]


def test_boilerplate_lines_and_prefixes_are_found_by_offset() -> None:
    text = (
        "date 2023-03-14 Der Landtag hat am Dienstag das neue Schulgesetz verabschiedet.\n"
        "Veröffentlicht am: 14.03.2023, 18:05 Uhr\n"
        "Anzeige\n"
        "Jetzt 4 Wochen gratis testen, danach monatlich kündbar. Bereits Abonnent? Hier anmelden\n"
        "„Das ist ein guter Tag für die Schulen“, sagte die Ministerin.\n"
        "Teilen | Drucken | E-Mail\n"
        "Lesen Sie auch:\n"
        "Leave a comment\n"
        "Foto: picture alliance / dpa\n"
        "Lesezeit: 4 Min.\n"
        "Schlagworte: Schule, Landtag, Bildung\n"
        "source site-3\n"
    )
    assert skipped(text) == [
        "date 2023-03-14 ",
        "Veröffentlicht am: 14.03.2023, 18:05 Uhr",
        "Anzeige",
        "Jetzt 4 Wochen gratis testen, danach monatlich kündbar. Bereits Abonnent? Hier anmelden",
        "Teilen | Drucken | E-Mail",
        "Lesen Sie auch:",
        "Leave a comment",
        "Foto: picture alliance / dpa",
        "Lesezeit: 4 Min.",
        "Schlagworte: Schule, Landtag, Bildung",
        "source site-3",
    ]


def test_article_prose_is_not_boilerplate() -> None:
    text = (
        "Die Länder teilen die Sorge der Ärzte, sagte der Minister.\n"
        "Wer jetzt ein Abonnement für den Nahverkehr hat, zahlt weniger, erklärte der Verband.\n"
        "Der Kommentar des Abgeordneten löste eine Debatte aus.\n"
        "Stand der Dinge sei, dass niemand zustimme, sagte sie.\n"
        "Themen wie Bildung und Verkehr bestimmten den Wahlkampf, sagte der Politiker.\n"
        "Video-Aufnahmen zeigen den Unfall, teilte die Polizei mit.\n"
    )
    assert skipped(text) == []


# -- standard input --------------------------------------------------------------


class _Stdin:
    def __init__(self, data: bytes) -> None:
        import io

        self.buffer = io.BytesIO(data)


@pytest.mark.parametrize(
    ("data", "sources"),
    [
        (GERMAN.encode(), ["-"]),
        (json.dumps({"text": GERMAN}).encode(), ["-"]),
        (json.dumps([{"text": GERMAN}, {"text": GERMAN}]).encode(), ["-#1", "-#2"]),
        ((json.dumps({"text": GERMAN}) + "\n" + json.dumps({"text": GERMAN}) + "\n").encode(), ["-#1", "-#2"]),
    ],
    ids=["text", "json-object", "json-array", "jsonl"],
)
def test_standard_input_format_is_recognized(monkeypatch: pytest.MonkeyPatch, data: bytes, sources: list[str]) -> None:
    monkeypatch.setattr("sys.stdin", _Stdin(data))
    item = only(read("-"))
    assert item.problems == []
    assert [document.source for document in item.documents] == sources
    assert all(document.text == GERMAN for document in item.documents)


def test_standard_input_given_twice_is_read_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", _Stdin(GERMAN.encode()))
    first, second = read("-", "-")
    assert [document.doc_id for document in first.documents] == ["stdin"]
    assert second.documents == [] and messages(second) == ["quotex: warning: -: standard input given twice; read once"]
