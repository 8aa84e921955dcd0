"""What the README shows must work as shown: the example record, the spaCy example, the scipy hint."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import MODEL, REPO, run_quotex
from schema import source_text
from view_runs import run_view

README = (REPO / "README.md").read_text(encoding="utf-8")


def section(title: str) -> str:
    start = README.index(title)
    return README[start:README.index("\n## ", start + 1)]


def test_the_example_record_is_the_first_record_of_the_seeds() -> None:
    example = json.loads(re.search(r"```json\n(.*?)```", section("## The record"), re.S).group(1))
    first = run_quotex("extract", "--model", MODEL, "-q", "seeds/000_1c57d925493182bb.txt").records[0]
    assert {k: example[k] for k in ("source", "doc_id", "title", "quote", "type")} == \
        {k: first[k] for k in ("source", "doc_id", "title", "quote", "type")}
    text = source_text(example["source"], REPO)
    for role in ("quote", "speaker", "cue", "organization", "addressee", "frame"):
        if example[role] is not None:  # every part as written in the README is what its spans say
            assert example[role]["text"] == " ".join(text[s:e] for s, e in example[role]["spans"]), role


def test_the_spacy_example_runs_offline_without_add_pipe() -> None:
    code = re.search(r"```python\n(.*?)```", section("### As a spaCy component"), re.S).group(1)
    assert "add_pipe" not in code and "de_core_news_lg" not in code
    namespace: dict = {}
    exec(compile(code, "README.md", "exec"), namespace)
    assert [span.label_ for span in namespace["doc"].spans["quotex"]][0] == "quote:direct"
    assert "bereit" in namespace["html"] and "quote:direct" in namespace["html"]


def test_evaluate_without_scipy_says_what_to_install(tmp_path: Path) -> None:
    hidden = tmp_path / "scipy"
    hidden.mkdir()
    (hidden / "__init__.py").write_text('raise ImportError("No module named scipy")\n')
    result = run_view("evaluate", "gold.jsonl", env={"PYTHONPATH": str(tmp_path)})
    assert result.code == 2
    assert result.stderr.count("\n") == 1 and "pip install scipy" in result.stderr and "quotex[eval]" not in result.stderr
