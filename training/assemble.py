"""Join the trained syntax and NER pipelines into the package's pipeline.

The NER was trained on its own tok2vec; here its listener is replaced by a
private copy of that tok2vec so the NER works inside the syntax pipeline.
An entity ruler over the project's gazetteers (``src/quotex/lexicons``) is
the first component: the NER keeps the names it set and labels the rest
around them, and its patterns carry the canonical name as ``ent_id_``
(``des Weißen Hauses`` -> ``Weißes Haus``). First, rather than after the
NER, also because an entity ruler runs every component before it over its
phrase patterns whenever the pipeline is loaded, and a Matcher of thousands
of token patterns instead made it the slowest component. On the held-out
split both placements scored the same F1; first gives every gazetteer name
its canonical id.

The result is written next to the target and renamed into place, so a
process that loads the pipeline while this runs never sees half a folder.

Usage: ``python training/assemble.py SYNTAX_MODEL NER_MODEL [--out DIR] [--no-ruler]``
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import tempfile
from pathlib import Path

import numpy
import spacy
from spacy.language import Language

REPO = Path(__file__).resolve().parent.parent
LEXICONS = REPO / "src" / "quotex" / "lexicons"
DEFAULT_OUT = REPO / "src" / "quotex" / "models" / "de_quotex_news"

#: Legal-form tokens that end a company name (``Siemens AG``, ``Muster GmbH``).
LEGAL_FORMS = ["AG", "GmbH", "mbH", "SE", "KG", "KGaA", "OHG", "e.V.", "eG", "Inc.", "Ltd.", "plc", "Corp.", "LLC", "S.A."]
#: Determiners and prepositions that may be capitalized at a sentence start but never begin a company name.
_NOT_NAME = ["der", "die", "das", "den", "dem", "des", "ein", "eine", "einer", "bei", "von", "mit", "für", "und", "auch"]

META = {
    "lang": "de",
    "name": "quotex_news",
    "version": "0.2.0",
    "description": (
        "German pipeline shipped inside quotex: tagger (STTS), morphologizer (UPOS + UD features), "
        "dependency parser (UD labels), lookup lemmatizer, NER (PER, LOC, ORG, MISC) and an entity "
        "ruler over the quotex gazetteers. Trained by training/train.py from openly licensed corpora."
    ),
    "author": "quotex",
    "url": "",
    "license": "CC BY-SA 4.0",
    "spacy_version": ">=3.8.0,<3.9.0",  # as quotex's own requirement; trained with 3.8.18
    "sources": [
        {"name": "UD German GSD (dev, train UPOS only)", "url": "https://universaldependencies.org/treebanks/de_gsd/", "license": "CC BY-SA 4.0"},
        {"name": "UD German PUD", "url": "https://universaldependencies.org/treebanks/de_pud/", "license": "CC BY-SA 3.0"},
        {"name": "GermEval 2014 NER (dev, test)", "author": "Benikova, Biemann, Reznicek", "license": "CC BY 4.0"},
        {"name": "DFKI SmartData corpus v1", "author": "Schön et al.", "license": "CC BY 4.0 (annotations marked research use only)"},
        {"name": "spacy-lookups-data German lemma table and Brown clusters (de_lexeme_cluster)", "license": "MIT"},
        {"name": "pycountry German country names", "license": "LGPL-2.1"},
    ],
}


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]


def ruler_patterns(lexicons: Path = LEXICONS) -> list[dict]:
    """Phrase patterns for every gazetteer name and alias, plus legal-form and ministry patterns."""
    patterns: list[dict] = []
    for file in ("organizations.jsonl", "countries.jsonl"):
        for entry in read_jsonl(lexicons / file):
            skip = set(entry.get("ambiguous", ()))
            for text in [entry["name"], *entry["aliases"]]:
                if text in skip:
                    continue
                patterns.append({"label": entry["label"], "pattern": text, "id": entry["name"]})
    name_token = {"IS_LOWER": False, "IS_PUNCT": False, "LOWER": {"NOT_IN": _NOT_NAME}}
    patterns.append({"label": "ORG", "pattern": [dict(name_token, OP="+"), {"ORTH": {"IN": LEGAL_FORMS}}]})
    patterns.append({"label": "ORG", "pattern": [{"TEXT": {"REGEX": r"^[A-ZÄÖÜ][\w-]*[mM]inisteriums?$"}}]})
    return patterns


def add_ruler(nlp: Language, lexicons: Path = LEXICONS) -> None:
    blank = spacy.blank("de", vocab=nlp.vocab)
    ruler = blank.add_pipe("entity_ruler", config={"overwrite_ents": False, "validate": True})
    ruler.add_patterns(ruler_patterns(lexicons))
    nlp.add_pipe("entity_ruler", source=blank, first=True)


def assemble(syntax: Path, ner: Path, *, ruler: bool = True, lexicons: Path = LEXICONS) -> Language:
    nlp = spacy.load(syntax)
    ner_nlp = spacy.load(ner)
    ner_nlp.replace_listeners("tok2vec", "ner", ["model.tok2vec"])
    # Both read the Brown-cluster vectors (training/clusters.py) from the vocab they run in.
    ours, theirs = nlp.vocab.vectors, ner_nlp.vocab.vectors
    if ours.shape != theirs.shape or dict(ours.key2row) != dict(theirs.key2row) or not numpy.array_equal(ours.data, theirs.data):
        raise ValueError(f"{syntax} and {ner} were trained with different vectors; retrain both with train.py")
    nlp.add_pipe("ner", source=ner_nlp, after="lemmatizer")
    if ruler:
        add_ruler(nlp, lexicons)
    nlp.meta.update(META)
    nlp.meta.pop("performance", None)
    return nlp


def save_atomically(nlp: Language, out: Path) -> None:
    """Write to a sibling temp folder, then swap it in with renames."""
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    tmp.chmod(0o755)  # mkdtemp makes it private; the package folder must be readable by all
    nlp.to_disk(tmp)
    old = out.parent / f".{out.name}.old"
    if old.exists():
        shutil.rmtree(old)
    if out.exists():
        os.rename(out, old)
    os.rename(tmp, out)
    if old.exists():
        shutil.rmtree(old)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("syntax", type=Path, help="trained syntax pipeline (model-best of syntax.cfg)")
    parser.add_argument("ner", type=Path, help="trained NER pipeline (model-best of ner.cfg)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--no-ruler", action="store_true", help="leave out the gazetteer entity ruler")
    args = parser.parse_args()
    nlp = assemble(args.syntax, args.ner, ruler=not args.no_ruler)
    save_atomically(nlp, args.out)
    print(f"{nlp.meta['lang']}_{nlp.meta['name']} {nlp.meta['version']} {nlp.pipe_names} -> {args.out}")


if __name__ == "__main__":
    main()
