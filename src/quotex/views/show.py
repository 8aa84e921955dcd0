"""``quotex show``: articles in the terminal with their quotes highlighted.

On a terminal each paragraph is printed with its quotes in the colour of
their type, speakers in bold and underlined, cues in italics and underlined,
and beside it, per quote, its number, type, speaker, organization and
medium. Piped into a file or another program, the same information comes as
plain text: ``[N „quote“]``, ``{speaker}``, ``<cue>`` in the running text
and a line per quote after its paragraph. Quote numbers count the records in
the order ``quotex extract`` writes them for the same inputs.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from quotex.inputs import Document, Problem, iter_inputs
from quotex.views.loading import Entry
from quotex.views.marks import Mark, marks, paragraphs, pieces

#: Terminal styles of the quote types: dark text on light backgrounds, readable on dark and light terminals.
TYPE_STYLES = {
    "direct": "black on light_sky_blue1",
    "indirect": "black on pale_green1",
    "reported": "black on khaki1",
    "free_indirect": "black on plum1",
    "indirect_free_indirect": "black on light_salmon1",
}
ROLE_STYLES = {"speaker": "bold underline", "cue": "italic underline"}
_PLAIN = {"quote": ("[{n} ", "]"), "speaker": ("{", "}"), "cue": ("<", ">")}


def annotated(paths: Sequence[str], *, model: str | None, text_field: str = "text"
              ) -> Iterator[tuple[Document | None, list[Entry], list[Problem]]]:
    """Each article read from ``paths`` with its records, numbered from 1 across all articles.

    Inputs that could not be read come as ``(None, [], problems)``.
    """
    from quotex.core import annotate
    from quotex.pipeline import load_pipeline

    nlp = load_pipeline(model)
    number = 0
    for item in iter_inputs(list(paths), text_field=text_field):
        if not item.documents:
            yield None, [], list(item.problems)
            continue
        problems = list(item.problems)
        for document, records in annotate(nlp, item.documents):
            entries = []
            for record in records:
                number += 1
                entries.append(Entry(number, record.to_dict()))
            yield document, entries, problems
            problems = []


def _notes(entries: Sequence[Entry]) -> list[tuple[Entry, str]]:
    """Per quote: ``N type · speaker (organization) · medium · cue``."""
    lines = []
    for entry in entries:
        record = entry.record
        speaker = record.get("speaker") or {}
        organization = record.get("organization") or {}
        who = speaker.get("name") or speaker.get("text") or "speaker unknown"
        if organization:
            who += f" ({organization.get('name') or organization.get('text')})"
        medium = record.get("medium") or "medium unknown"
        cue = (record.get("cue") or {}).get("text")
        lines.append((entry, " · ".join(filter(None, [who, medium, cue and f"cue: {cue}"]))))
    return lines


def _starting_in(entries: Sequence[Entry], start: int, end: int) -> list[Entry]:
    return [e for e in entries if start <= e.record["quote"]["spans"][0][0] < end]


def render_plain(document: Document, entries: Sequence[Entry]) -> str:
    """The article as plain text with bracket marks and a line per quote after its paragraph."""
    text, found = document.text, marks(entries)
    out = [f"== {document.title or document.doc_id} ({document.source}) =="]
    for start, end in paragraphs(text):
        line = []
        for left, right, over in pieces(found, start, end):
            line.extend(_PLAIN[m.role][0].replace("{n}", str(m.records[0])) for m in over if m.start == left)
            line.append(text[left:right])
            line.extend(_PLAIN[m.role][1] for m in reversed(over) if m.end == right)
        out.append("".join(line))
        out.extend(f"  [{e.line}] {e.record['type']} · {note}" for e, note in _notes(_starting_in(entries, start, end)))
        out.append("")
    if not entries:
        out.append("(no quotes found)\n")
    return "\n".join(out)


def render_rich(document: Document, entries: Sequence[Entry]) -> Any:
    """The article for a terminal: styled paragraphs, the notes of their quotes in a column beside them."""
    from rich.console import Group
    from rich.rule import Rule
    from rich.table import Table
    from rich.text import Text

    text, found = document.text, marks(entries)
    grid = Table.grid(padding=(0, 2), expand=True)
    grid.add_column(ratio=3)
    grid.add_column(ratio=2)
    for start, end in paragraphs(text):
        body = Text()
        for left, right, over in pieces(found, start, end):
            body.append(text[left:right], style=" ".join(_style(m) for m in over) or None)
            body.append("".join(f"[{m.records[0]}]" for m in over if m.role == "quote" and m.end == right), style="bold")
        notes = Text()
        for entry, note in _notes(_starting_in(entries, start, end)):
            notes.append(f"[{entry.line}] ", style="bold")
            notes.append(entry.record["type"], style=TYPE_STYLES.get(entry.record["type"], "reverse"))
            notes.append(f" {note}\n")
        grid.add_row(body, notes)
        grid.add_row("", "")
    title = Rule(Text(f"{document.title or document.doc_id}", style="bold"), align="left")
    footer = Text(f"{document.source} · {len(entries)} quotes", style="dim")
    return Group(title, footer, grid)


def _style(mark: Mark) -> str:
    return TYPE_STYLES.get(mark.type, "reverse") if mark.role == "quote" else ROLE_STYLES[mark.role]
