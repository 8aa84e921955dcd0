"""``quotex extract seeds/``: the acceptance run of issue 3.

The known quotes below were read off the five seed articles by hand (not
taken from any quotex output). Each names a piece of the quote's text, the
person who said it as the article names them (``speaker.name``: for "er",
"sie" or a role noun the person it stands for) and, where it is unambiguous,
the type. At least one per article; more where the article has clear ones.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import REPO, Run
from schema import validate

KNOWN_QUOTES = [
    # (seed file, piece of the quote, speaker.name, type or None)
    ("000_1c57d925493182bb.txt", "Es ist noch zu früh, um zu sagen", "Jen Psaki", "direct"),
    # "Die Sprecherin von US-Präsident Joe Biden betonte:" -- the spokeswoman named in the paragraph before.
    ("000_1c57d925493182bb.txt", "Das Verhältnis der NATO zur Ukraine ist allein Sache", "Jen Psaki", "direct"),
    # "..., sagte er" -- er: the spokesman of the Ukrainian president named in the paragraph before.
    ("000_1c57d925493182bb.txt", "Wir vertrauen unseren Partnern", "Sergiy Nykyforov", "direct"),
    ("000_1c57d925493182bb.txt", "Unsere Erwartungen sind absolut realistisch", "Alexander Gruschko", "direct"),
    ("000_1c57d925493182bb.txt", "Wir werden auf eine konkrete, substanzielle", "Alexander Gruschko", "direct"),
    ("000_1c57d925493182bb.txt", "Die Vereinigten Staaten haben sich verpflichtet", "Wendy Sherman", "direct"),
    ("000_1c57d925493182bb.txt", "Russland habe weder Beweise dafür geliefert", "Wendy Sherman", "indirect"),
    ("001_aa9fb3416deedb31.txt", "die Gefahr eines Konflikts real ist", "Jens Stoltenberg", None),
    # "..., sagte er" -- er: Stoltenberg, named in the sentence before.
    ("001_aa9fb3416deedb31.txt", "Der Dialog mit Russland werde also nicht nur", "Jens Stoltenberg", "indirect"),
    ("002_520c29f28ee48caa.txt", "In dieser Woche wird Russland eine einheitliche Botschaft", "Wendy Sherman", "direct"),
    ("002_520c29f28ee48caa.txt", "Russland habe als Aggressor nicht das Recht", "Olga Stefanischyna", "indirect"),
    ("003_0ff142102c34d304.txt", "Gestatten Sie mir an dieser Stelle", "Julianne Smith", "direct"),
    ("004_59e15d99ec969cb5.txt", "Wir verhandeln nicht aus einer Position der Stärke", "Dmitri Peskow", "direct"),
    ("004_59e15d99ec969cb5.txt", "Wir sprechen immer noch über unsere Einheiten", "Dmitri Peskow", "direct"),
    ("004_59e15d99ec969cb5.txt", "In Zeiten starker Spannungen", "Jens Stoltenberg", "direct"),
]


def test_the_seed_run_succeeds_with_records_only_on_stdout(seeds_run: Run) -> None:
    assert seeds_run.code == 0, seeds_run.stderr
    # run_quotex validated every stdout line as a record whose spans match the source text.
    assert len(seeds_run.records) == len(seeds_run.stdout.splitlines()) > 0
    sources = {record["source"] for record in seeds_run.records}
    assert sources <= {f"seeds/{path.name}" for path in (REPO / "seeds").glob("*.txt")}
    assert len(sources) == 5, f"no quote found in some seed articles: {sorted(sources)}"


@pytest.mark.parametrize(("seed", "piece", "speaker", "kind"), KNOWN_QUOTES, ids=[f"{q[0][:3]}:{q[1][:25]}" for q in KNOWN_QUOTES])
def test_known_seed_quote_is_found_with_its_speaker(seeds_run: Run, seed: str, piece: str, speaker: str, kind: str | None) -> None:
    text = (REPO / "seeds" / seed).read_text(encoding="utf-8")
    start = text.index(piece)
    end = start + len(piece)
    found = [
        record
        for record in seeds_run.records
        if record["source"] == f"seeds/{seed}"
        and any(s < end and start < e for s, e in record["quote"]["spans"])
    ]
    assert found, f"no record for the quote {piece!r}"
    record = found[0]
    assert record["speaker"] is not None, f"no speaker for {record['quote']['text']!r}"
    assert record["speaker"]["name"] == speaker, record["speaker"]
    if kind is not None:
        assert record["type"] == kind, record["quote"]["text"]


def test_no_quote_comes_from_boilerplate(seeds_run: Run) -> None:
    boilerplate = ["Ausgegeben am:", "source site", "Leave a Reply", " date 2022-01 ", "Ich bin bereits Abonnent"]
    for record in seeds_run.records:
        text = Path(REPO / record["source"]).read_text(encoding="utf-8")
        for piece in boilerplate:
            at = text.find(piece)
            while at >= 0:
                for s, e in record["quote"]["spans"]:
                    assert not (s < at + len(piece) and at < e), f"quote in boilerplate {piece!r}: {record['quote']}"
                at = text.find(piece, at + 1)


def test_the_readme_example_record_is_valid_against_its_seed() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = readme.split("## The record", 1)[1].split("```json", 1)[1].split("```", 1)[0]
    record = json.loads(block)
    validate(record, (REPO / record["source"]).read_text(encoding="utf-8"))
