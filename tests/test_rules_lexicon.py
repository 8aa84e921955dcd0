"""The lexicon registry: every word list is a package file, owned and saved by the component."""

from __future__ import annotations

import ast
from importlib import resources
from pathlib import Path

import pytest
import spacy

import quotex.component  # noqa: F401  (registers the factory)
from quotex.rules import lexicon
from quotex.rules.lexicon import FILES, Lexicons, rows
from quotex.rules.nouns import classify

RULES = Path(lexicon.__file__).parent
#: words of German that a collection literal in the rules would hold if a word list had been left in code
_GERMAN = {"der", "die", "das", "des", "dem", "den", "ein", "eine", "er", "sie", "es", "von", "vom", "bei", "und",
           "dass", "ob", "wird", "sein", "ihr", "man", "was", "wer", "mit", "nach", "„", "“", "»", "«"}


def _collection_literals(path: Path) -> list[tuple[int, set[str]]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, (ast.Set, ast.Tuple, ast.List)):
            strings = {e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)}
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and " " in node.value:
            strings = set(node.value.split())  # "der die das".split()
        else:
            continue
        if len(strings & _GERMAN) >= 2:
            found.append((node.lineno, strings))
    return found


@pytest.mark.parametrize("module", sorted(p.name for p in RULES.glob("*.py")))
def test_no_word_list_is_left_in_the_rules(module: str) -> None:
    path = RULES / module
    docstring_lines = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef)) and ast.get_docstring(node):
            first = node.body[0]
            docstring_lines.update(range(first.lineno, first.end_lineno + 1))
    assert [hit for hit in _collection_literals(path) if hit[0] not in docstring_lines] == []


def test_every_file_has_a_comment_header_and_parses() -> None:
    folder = resources.files("quotex") / "lexicons"
    for name in FILES:
        text = (folder / name).read_text(encoding="utf-8")
        assert text.startswith("#"), name
        assert rows(text), name


def test_one_parser_skips_comments_and_splits_columns() -> None:
    assert rows("# header\n\nsagen speech\n  # note\nder\tArt\n") == [["sagen", "speech"], ["der", "Art"]]


def test_unknown_or_missing_files_are_refused() -> None:
    package = Lexicons.from_package()
    with pytest.raises(ValueError, match="unknown"):
        package.replaced({"verben.txt": "sagen\n"})
    with pytest.raises(ValueError, match="missing"):
        Lexicons({"cue_verbs.txt": ""})


def test_rules_read_the_active_lexicons_not_the_package_copy() -> None:
    package = Lexicons.from_package()
    assert classify("Sprecherin") is not None
    emptied = package.replaced({"role_nouns.txt": "# none\n"})
    with lexicon.using(emptied):
        assert classify("Sprecherin") is None
    assert classify("Sprecherin") is not None


def _pipeline():
    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("quotex")
    return nlp


# "Referentin" is no role noun by default; with it, the pronoun "sie" resolves to the person it names
TEXT = "Die Referentin Anna Berg kam. Sie sagte, die Lage sei ernst."
ROLE = "Referentin\tFem\n"


def _speaker_name(nlp) -> str | None:
    quotes = nlp(TEXT)._.quotes
    return quotes[0].speaker.name if quotes and quotes[0].speaker else None


def test_initialize_takes_replacement_lexicons_and_they_travel_with_the_pipeline(tmp_path) -> None:
    nlp = _pipeline()
    component = nlp.get_pipe("quotex")
    component.initialize(lexicons={"word_classes.txt": component.lexicons.texts["word_classes.txt"]
                                   + "personal_pronouns beide\n",
                                   "role_nouns.txt": component.lexicons.texts["role_nouns.txt"] + ROLE})
    assert component.lexicons is not Lexicons.from_package()
    nlp.to_disk(tmp_path / "p")
    for name in FILES:
        assert (tmp_path / "p" / "quotex" / name).exists(), name
    assert ROLE in (tmp_path / "p" / "quotex" / "role_nouns.txt").read_text(encoding="utf-8")
    loaded = spacy.load(tmp_path / "p").get_pipe("quotex")
    assert loaded.lexicons.texts == component.lexicons.texts
    fresh = _pipeline()
    fresh.from_bytes(nlp.to_bytes())
    assert fresh.get_pipe("quotex").lexicons.texts == component.lexicons.texts


def test_exclude_lexicons_keeps_the_component_s_own(tmp_path) -> None:
    nlp = _pipeline()
    component = nlp.get_pipe("quotex")
    component.initialize(lexicons={"role_nouns.txt": "# none\n"})
    fresh = _pipeline().get_pipe("quotex")
    fresh.from_bytes(component.to_bytes(), exclude=["lexicons"])
    assert fresh.lexicons is Lexicons.from_package()
    fresh.from_bytes(component.to_bytes(exclude=["lexicons"]))
    assert fresh.lexicons is Lexicons.from_package()
    component.to_disk(tmp_path / "c", exclude=["lexicons"])
    assert not (tmp_path / "c" / "role_nouns.txt").exists()
    component.to_disk(tmp_path / "c")
    fresh.from_disk(tmp_path / "c", exclude=["lexicons"])
    assert fresh.lexicons is Lexicons.from_package()
    fresh.from_disk(tmp_path / "c")
    assert fresh.lexicons.texts["role_nouns.txt"] == "# none\n"


def test_unknown_file_in_initialize_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown file"):
        _pipeline().get_pipe("quotex").initialize(lexicons={"rollen.txt": "x\n"})


def test_an_infinitive_with_zu_inside_its_separable_prefix_is_known_from_the_prefix_list() -> None:
    lex = Lexicons.from_package()
    assert lex.is_zu_infinitive("niederzulegen") and lex.is_zu_infinitive("zurückzutreten")
    # "er" is no separable prefix, and a word merely containing "zu" is no infinitive
    assert not lex.is_zu_infinitive("erzielen") and not lex.is_zu_infinitive("zuhören")
