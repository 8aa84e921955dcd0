"""``quotex show``: on a real pseudo-terminal (colours, the notes column) and piped (plain marks).

The quote, speaker and cue checked are those written by hand in
``fixtures/expected_articles.jsonl`` for ``fixtures/articles/radwege.txt``.
"""

from __future__ import annotations

import re

from conftest import FIXTURES, MODEL
from view_runs import run_in_terminal, run_view

ARTICLE = str(FIXTURES / "articles" / "radwege.txt")
QUOTE = "„Wir bauen die sicherste Fahrradstadt des Landes“"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def test_terminal_shows_colours_and_the_quote_notes_beside_the_text() -> None:
    code, output = run_in_terminal("show", "--model", MODEL, ARTICLE)
    assert code == 0, output
    assert "\x1b[" in output, "no terminal styles on a terminal"
    plain = ANSI.sub("", output)
    assert "Traceback" not in plain
    # the quote is drawn with a background (48;5;N or 10x codes), the speaker bold and underlined
    styled = [(m.group(1), m.group(2)) for m in re.finditer(r"\x1b\[([0-9;]*)m([^\x1b]+)", output)]
    quote_styles = [style for style, text in styled if "Wir bauen" in text]
    assert quote_styles and re.search(r"(^|;)(48;5;\d+|10\d)($|;)", quote_styles[0]), styled
    assert any("Petra" in text and "1;4" in style for style, text in styled), styled
    # beside the paragraph, on the same terminal line: the quote's number, type and speaker
    line = next(line for line in plain.splitlines() if "„Wir bauen" in line)
    assert re.search(r"„Wir bauen.*\s{2,}\[1\] direct Petra Lindner", line), line
    assert "[1 " not in plain and "{" not in plain, "plain marks on a terminal"


def test_piped_output_is_plain_text_with_the_same_information() -> None:
    result = run_view("show", "--model", MODEL, ARTICLE)
    assert result.code == 0, result.stderr
    assert "\x1b[" not in result.stdout
    # the speaker mark holds at least the name, at most the noun phrase the fixture allows ("within")
    assert re.search(rf"\[1 {QUOTE}\], <sagte> \{{(Oberbürgermeisterin )?Petra Lindner\}}", result.stdout), result.stdout
    medium = "(medium unknown|speech|writing|thought|speech_or_writing|speech_or_thought)"
    assert re.search(rf"^  \[1\] direct · Petra Lindner · {medium} · cue: sagte$", result.stdout, re.M), result.stdout
    assert "[2 die Pläne seien ein guter Anfang" in result.stdout and "[2] indirect · Thomas Berger" in result.stdout
    assert result.stdout.startswith("== Neues Radwegenetz für Neustadt (")


def test_missing_file_is_reported_and_the_others_shown() -> None:
    result = run_view("show", "--model", MODEL, "fehlt.txt", ARTICLE)
    assert result.code == 1
    assert "fehlt.txt" in result.stderr and QUOTE in result.stdout


def test_extract_progress_shows_the_total_and_a_rate(tmp_path) -> None:
    """On a terminal, ``extract`` counts inputs against their total (fixtures/articles: 3 files)."""
    code, output = run_in_terminal("extract", "--model", MODEL, str(FIXTURES / "articles"), "-o", str(tmp_path / "o"))
    assert code == 0, output
    plain = ANSI.sub("", output)
    assert re.search(r"\b0/3 inputs", plain) and re.search(r"\b[123]/3 inputs .*\d+\.\d/s", plain), plain
