"""The lexicon registry: every word list of the attributor, read by one parser.

Language data is data: cue verbs and nouns, role and organization nouns,
Konjunktiv forms, articles, pronouns, prepositions, quotation marks and the
gazetteers are files in ``quotex/lexicons``, each with a comment header
saying where it comes from. A :class:`Lexicons` object holds the texts of
all of them; the ``quotex`` component owns one, saves it with a pipeline
and can be given replacements, so a pipeline with edited lexicons uses its
own lists in every rule.

The rules reach the lexicons of the component that runs them through
:func:`active`: :func:`quotex.rules.attribute` makes its lexicons active for
the call (a context variable, so threads and nested calls each see their
own); outside a call the package's lexicons are active.

File format (one parser, :func:`rows`): ``#`` starts a comment line, blank
lines are skipped, every other line is a row of blank-separated columns. A
``.jsonl`` gazetteer has one JSON object per row.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from typing import Any

from spacy.attrs import LEMMA, LOWER, POS
from spacy.parts_of_speech import AUX, VERB
from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

#: Every lexicon file the rules read; all of them travel with a saved pipeline.
FILES = (
    "cue_verbs.txt", "strong_verbs.txt", "cue_nouns.txt", "konjunktiv.txt", "attribution_words.txt",
    "clause_adverbs.txt", "role_nouns.txt", "org_nouns.txt", "first_names.tsv", "organizations.jsonl",
    "countries.jsonl", "word_classes.txt", "pronouns.txt", "contractions.txt", "article_genders.txt",
    "quotation_marks.txt", "media.txt",
)

_VERBAL = frozenset({int(AUX), int(VERB)})
_VOWELS = set("aeiouäöüy")


def _lines(text: str) -> Iterator[str]:
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            yield line


def rows(text: str) -> list[list[str]]:
    """The data rows of a lexicon file: comment and blank lines skipped, columns split at blanks."""
    return [line.split() for line in _lines(text)]


def _records(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in _lines(text)]


def _weak_forms(lemma: str, inseparable: tuple[str, ...]) -> tuple[list[str], str]:
    """Finite forms (present, past, Konjunktiv I) and participle of a weak verb."""
    stem = lemma[:-1] if lemma.endswith(("eln", "ern")) else lemma[:-2] if lemma.endswith("en") else lemma[:-1]
    # "-ete" after t/d and after a consonant + m/n ("rechnete", "bezeichnete", but "lernte", "wohnte")
    e = stem.endswith(("t", "d")) or (
        len(stem) > 2 and stem[-1] in "mn" and stem[-2] not in _VOWELS and stem[-2] not in "lrmn"
        and not (stem[-2] == "h" and stem[-3] in _VOWELS)
    )
    third = stem + ("et" if e else "t")
    past = stem + ("ete" if e else "te")
    finite = [third, past, past + "n", stem + "e", lemma, stem + "est", stem + "st"]
    if lemma.endswith("eln"):
        finite.append(stem[:-2] + "le")
    prefixed = lemma.endswith("ieren") or lemma.startswith(inseparable)
    participle = third if prefixed else "ge" + third
    return finite, participle


def _strong_forms(lemma: str, strong: dict[str, list[str]], inseparable: tuple[str, ...]) -> tuple[list[str], str] | None:
    """Forms of ``lemma`` if it is, or ends in, a strong base verb (ver+sprechen)."""
    for cut in range(0, len(lemma) - 3):
        base = lemma[cut:]
        parts = strong.get(base)
        if parts is None:
            continue
        prefix = lemma[:cut]
        third, past_sg, past_pl, participle = parts[1:5]
        stem = base[:-2] if base.endswith("en") else base[:-1]
        finite = [third, past_sg, past_pl, stem + "e", base] + parts[5:]
        if prefix:
            finite = [prefix + f for f in finite]
            if participle.startswith("ge") and prefix.startswith(inseparable):
                participle = prefix + participle[2:]
            else:
                participle = prefix + participle
        return finite, participle
    return None


@dataclass(frozen=True)
class VerbReading:
    """One cue verb a written form can belong to."""

    lemma: str
    #: The separated particle the clause must contain ("mit"), or ``None``.
    particle: str | None
    reported: bool


@dataclass(eq=False)
class Lexicons:
    """The texts of all lexicon files and the tables built from them (each on first use)."""

    texts: dict[str, str]
    #: per-function caches of lookups that depend on the lexicons ("Sprecherin" -> role)
    memo: dict[str, dict[Any, Any]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        missing = [name for name in FILES if name not in self.texts]
        unknown = sorted(set(self.texts) - set(FILES))
        if missing or unknown:
            raise ValueError(f"quotex lexicons: missing {missing}, unknown {unknown}; the files are {list(FILES)}")

    @classmethod
    def from_package(cls) -> "Lexicons":
        """The lexicons shipped in ``quotex/lexicons`` (read once per process)."""
        return _package_lexicons()

    def replaced(self, replacements: Mapping[str, str]) -> "Lexicons":
        """These lexicons with some files' texts replaced (for ``initialize(lexicons=...)``)."""
        unknown = sorted(set(replacements) - set(FILES))
        if unknown:
            raise ValueError(f"quotex lexicons: unknown file(s) {unknown}; the files are {list(FILES)}")
        return Lexicons({**self.texts, **replacements})

    def memo_for(self, name: str) -> dict[Any, Any]:
        """A cache for a lookup through these lexicons (a per-object ``lru_cache``)."""
        return self.memo.setdefault(name, {})

    # -- word classes -------------------------------------------------------------------

    @cached_property
    def _word_classes(self) -> dict[str, tuple[str, ...]]:
        lists: dict[str, list[str]] = {}
        for row in rows(self.texts["word_classes.txt"]):
            words = lists.setdefault(row[0], [])
            words.extend(w for w in row[1:] if w not in words)
        return {name: tuple(words) for name, words in lists.items()}

    def ordered(self, name: str) -> tuple[str, ...]:
        """The words of a list in ``word_classes.txt``, in file order (for ``startswith``)."""
        try:
            return self._word_classes[name]
        except KeyError:
            raise KeyError(f"quotex lexicons: word_classes.txt has no list {name!r}") from None

    def words(self, name: str) -> frozenset[str]:
        """The words of a list in ``word_classes.txt``, as a set."""
        found = self.memo_for("words").get(name)
        if found is None:
            found = self.memo_for("words")[name] = frozenset(self.ordered(name))
        return found

    @cached_property
    def pronouns(self) -> dict[str, tuple[str | None, str | None]]:
        """Pronoun -> (gender, number) of its referent, ``None`` where the form leaves it open."""
        return {row[0]: (None if row[1] == "-" else row[1], None if row[2] == "-" else row[2])
                for row in rows(self.texts["pronouns.txt"])}

    @cached_property
    def contractions(self) -> dict[str, str]:
        """Preposition fused with an article -> the article ("im" -> "dem")."""
        return {row[0]: row[1] for row in rows(self.texts["contractions.txt"])}

    @cached_property
    def article_genders(self) -> dict[tuple[str, str], str]:
        """(article, case) -> the only gender (or ``Plur``) it allows."""
        return {(row[0], row[1]): row[2] for row in rows(self.texts["article_genders.txt"])}

    @cached_property
    def clause_adverbs(self) -> frozenset[str]:
        """Adverbs that open a main clause capitalised ("Gestern", "Unterdessen")."""
        return frozenset(row[0] for row in rows(self.texts["clause_adverbs.txt"]))

    # -- quotation marks ------------------------------------------------------------------

    @cached_property
    def quote_pairs(self) -> dict[str, frozenset[str]]:
        """Opening mark -> the marks that may close it."""
        return {row[0]: frozenset(row[1:]) for row in rows(self.texts["quotation_marks.txt"])}

    @cached_property
    def quote_closers(self) -> frozenset[str]:
        return frozenset(c for closers in self.quote_pairs.values() for c in closers)

    @cached_property
    def quote_chars(self) -> frozenset[str]:
        """Every quotation mark, opening or closing."""
        return frozenset(self.quote_pairs) | self.quote_closers

    # -- nouns, names, gazetteers -----------------------------------------------------------

    @cached_property
    def nouns(self) -> dict[str, tuple[str, str, bool]]:
        """Entry -> (kind, gender, outside) from the role and organization noun lexicons."""
        table = {row[0].lower(): ("role", row[1], row[2:] == ["outside"]) for row in rows(self.texts["role_nouns.txt"])}
        table.update({row[0].lower(): ("org", row[1], False) for row in rows(self.texts["org_nouns.txt"])})
        return table

    @cached_property
    def first_names(self) -> dict[str, str]:
        """First name -> Masc/Fem."""
        return {row[0]: row[1] for row in rows(self.texts["first_names.tsv"])}

    @cached_property
    def organizations(self) -> tuple[dict[str, str], dict[str, str]]:
        """Alias -> nominative name of an organization, exact and lower-cased."""
        exact: dict[str, str] = {}
        folded: dict[str, str] = {}
        for entry in _records(self.texts["organizations.jsonl"]):
            if entry.get("label", "ORG") != "ORG":
                continue
            for alias in [entry["name"], *entry.get("aliases", ())]:
                exact.setdefault(alias, entry["name"])
                folded.setdefault(alias.lower(), entry["name"])
        return exact, folded

    @cached_property
    def countries(self) -> dict[str, str]:
        """Country names and their forms (genitive, short, official) -> name."""
        table: dict[str, str] = {}
        for entry in _records(self.texts["countries.jsonl"]):
            for alias in [entry["name"], *entry.get("aliases", ())]:
                table.setdefault(alias, entry["name"])
        return table

    # -- cues --------------------------------------------------------------------------------

    @cached_property
    def verb_forms(self) -> dict[str, list[VerbReading]]:
        """Written form of a cue verb (lower case) -> the cue verbs it can belong to."""
        inseparable = self.ordered("inseparable_prefixes")
        strong = {row[0]: row for row in rows(self.texts["strong_verbs.txt"])}
        forms: dict[str, list[VerbReading]] = {}

        def add(form: str, reading: VerbReading) -> None:
            bucket = forms.setdefault(form.lower(), [])
            if reading not in bucket:
                bucket.append(reading)

        for row in rows(self.texts["cue_verbs.txt"]):
            entry, reported = row[0], "reported" in row[1:]
            particle, _, base = entry.rpartition("|")
            lemma = particle + base
            finite, participle = _strong_forms(base, strong, inseparable) or _weak_forms(base, inseparable)
            if particle:
                # split in main clauses: "teilte ... mit"
                for form in finite:
                    add(form, VerbReading(lemma, particle, reported))
                # joined in subordinate clauses and non-finite forms
                for form in [*finite, participle]:
                    add(particle + form, VerbReading(lemma, None, reported))
                add(particle + "zu" + base, VerbReading(lemma, None, reported))
            else:
                for form in [*finite, participle]:
                    add(form, VerbReading(lemma, None, reported))
        return forms

    @cached_property
    def cue_nouns(self) -> tuple[str, ...]:
        """Statement nouns, longest first, so "zeugenaussagen" is tried before "aussagen"."""
        nouns = {row[0].lower() for row in rows(self.texts["cue_nouns.txt"])}
        return tuple(sorted(nouns, key=len, reverse=True))

    @cached_property
    def konjunktiv(self) -> dict[str, bool]:
        """Known Konjunktiv form -> whether it is Konjunktiv II."""
        return {row[0]: len(row) > 1 and row[1] == "II" for row in rows(self.texts["konjunktiv.txt"])}

    @cached_property
    def attribution(self) -> dict[str, str]:
        """Attribution word ("laut", "zufolge") -> the side its source stands on."""
        return {row[0]: row[1] for row in rows(self.texts["attribution_words.txt"])}

    @cached_property
    def media(self) -> dict[str, str]:
        """Cue lemma -> the medium it reports (speech, writing, thought, ...)."""
        return {row[0].replace("|", ""): row[1] for row in rows(self.texts["media.txt"])}

    def screen(self, doc: Doc) -> tuple[bytearray, bytearray, list[int]]:
        """Per token: Konjunktiv strength, whether it may be a cue or attribution word, lower-case id.

        One pass over the Doc's attribute arrays (no Token objects) keeps the
        attributor cheap on long texts; only the rare candidates are looked
        at as Tokens.
        """
        n = len(doc)
        konj, maybe_cue = bytearray(n), bytearray(n)
        if n == 0:
            return konj, maybe_cue, []
        konj_ids, cue_ids = self._ids
        table = doc.to_array([LOWER, POS, LEMMA]).tolist()
        for i, (lower, pos, lemma) in enumerate(table):
            if lower in cue_ids or lemma in cue_ids:
                maybe_cue[i] = 1
            if lower in konj_ids or pos in _VERBAL:
                konj[i] = self.konjunktiv_strength(doc[i])
        return konj, maybe_cue, [row[0] for row in table]

    @cached_property
    def _ids(self) -> tuple[frozenset[int], frozenset[int]]:
        konj_ids = frozenset(get_string_id(f) for f in self.konjunktiv)
        words = [*self.verb_forms, *self.attribution, "so", ","]
        return konj_ids, frozenset(get_string_id(w) for w in words)

    def is_cue_noun(self, word: str) -> bool:
        """``word`` names a statement ("Angaben", "Polizeiangaben")."""
        return self._head_noun(word, self.cue_nouns) is not None

    def statement_medium(self, word: str) -> str | None:
        """The medium ``media.txt`` gives the statement noun ``word`` is or ends in as a compound's
        head ("Zeugenaussagen" was said like "Aussagen"); ``None`` for other words."""
        if not self.is_cue_noun(word):
            return None
        head = self._head_noun(word, self._statement_media)
        return self.media[head] if head is not None else None

    @cached_property
    def _statement_media(self) -> tuple[str, ...]:
        """The statement nouns ``media.txt`` lists, longest first."""
        return tuple(n for n in self.cue_nouns if n in self.media)

    def noun_medium(self, word: str, kind: str) -> str | None:
        """The medium of a noun ``media.txt`` marks as ``kind``, as written, inflected ("Berichts",
        "Dokumenten") or as the head of a compound ("Fernsehinterview"); ``None`` for other words.

        ``channel`` nouns name the channel of a statement ("im Interview", "auf seiner Website",
        "in seinem Gutachten"), ``source`` nouns a document that is the source ("laut dem Entwurf",
        "nach dem Gesetz"); every ``source`` noun is a channel too.
        """
        nouns = self.media_nouns[kind]
        lower = word.lower()
        endings = self.words("noun_endings") if kind == "source" else ()
        for form in (lower, *(lower[: -len(e)] for e in endings if lower.endswith(e))):
            head = self._head_noun(form, nouns)
            if head is not None:
                return nouns[head]
        return None

    @cached_property
    def media_nouns(self) -> dict[str, dict[str, str]]:
        """Kind (``channel``, ``source``) -> noun -> medium, longest noun first."""
        found: dict[str, dict[str, str]] = {"channel": {}, "source": {}}
        for row in rows(self.texts["media.txt"]):
            if row[2:3] and row[2] in found:
                # a document is also a channel: "in seinem Gutachten" as much as "im Interview"
                for kind in ("channel", "source") if row[2] == "source" else ("channel",):
                    found[kind][row[0]] = row[1]
        return {kind: {n: nouns[n] for n in sorted(nouns, key=len, reverse=True)} for kind, nouns in found.items()}

    def _head_noun(self, word: str, nouns: Iterable[str]) -> str | None:
        """The noun of ``nouns`` that ``word`` is or ends in as a compound's head, if any."""
        lower = word.lower()
        for noun in nouns:
            if lower.endswith(noun):
                prefix = lower[: len(lower) - len(noun)]
                # "Polizeiangaben", "ai-Bericht", but not "Anmeldung", "Beschluss", "Rücksicht", "Voraussicht"
                if not prefix or prefix.endswith("-") or (len(prefix) >= 3 and not self._is_particle_chain(prefix)):
                    return noun
                return None
        return None

    def _is_particle_chain(self, prefix: str) -> bool:
        """``prefix`` is one or more verbal prefixes ("rück", "voraus", "zuver").

        Such a word derives from a particle verb ("voraussehen" -> "Voraussicht"), it is not a
        compound whose head is the cue noun it ends in ("Sicht"), so it names no statement.
        """
        if not prefix:
            return True
        return any(prefix.startswith(p) and self._is_particle_chain(prefix[len(p):]) for p in self.words("verbal_prefixes"))

    @cached_property
    def _zu_infinitive(self) -> re.Pattern[str]:
        prefixes = "|".join(re.escape(p) for p in self.words("separable_prefixes"))
        return re.compile(rf"^(?:{prefixes})zu\w+e?n$")

    def is_zu_infinitive(self, word: str) -> bool:
        """``word`` (lower case) is an infinitive with its "zu" after a separable prefix
        ("niederzulegen", "einzurichten"): taggers rarely mark it, and it opens reported content
        as "zu" + infinitive does."""
        return self._zu_infinitive.match(word) is not None

    def konjunktiv_strength(self, token: Token) -> int:
        """2 for a Konjunktiv I form, 1 for Konjunktiv II, 0 for none.

        The morphologizer's ``Mood=Sub`` is used when present, but trained
        models miss most of them, so known forms and the regular 3rd person
        singular ``-e`` form of a verb ("gebe", "liege") count as well, and so
        does a form with an umlaut its infinitive lacks ("befänden", "läge"):
        no indicative of a strong verb has one.
        """
        lower = token.lower_
        if token.i > 0 and token.doc[token.i - 1].lower_ == "ich":
            return 0  # "ich gebe", "ich habe": indicative first person (the tagger's Person is no help here)
        if lower in self.konjunktiv:
            return 1 if self.konjunktiv[lower] else 2
        if token.pos_ not in ("VERB", "AUX"):
            return 0
        if "Sub" in token.morph.get("Mood"):
            # Only a 3rd person singular in -e is evidence: "-en" forms equal the indicative plural,
            # "durfte"/"wurde" the indicative past, and "gilt", "wird" are taggers' mistakes.
            if not lower.endswith("e"):
                return 0
            if lower.endswith(("te", "de")) and not any(ch in lower for ch in "äöü"):
                return 0
            return 1 if lower.endswith(("te", "äre", "üde", "ürde")) else 2
        lemma = token.lemma_.lower()
        if lower.endswith("e") and lemma.endswith("en") and lower == lemma[:-1]:
            return 2
        if lower.endswith(("e", "en")) and lemma and any(ch in lower and ch not in lemma for ch in "äöü"):
            return 1  # an umlaut the infinitive lacks: Konjunktiv II of a strong verb ("befänden", "läge")
        return 0


@lru_cache(maxsize=1)
def _package_lexicons() -> Lexicons:
    folder = resources.files("quotex") / "lexicons"
    return Lexicons({name: (folder / name).read_text(encoding="utf-8") for name in FILES})


_ACTIVE: ContextVar[Lexicons | None] = ContextVar("quotex_lexicons", default=None)


def active() -> Lexicons:
    """The lexicons of the attribution running now; the package's outside one."""
    return _ACTIVE.get() or _package_lexicons()


@contextmanager
def using(lexicons: Lexicons) -> Iterator[Lexicons]:
    """Make ``lexicons`` the ones every rule reads, for the ``with`` block."""
    token = _ACTIVE.set(lexicons)
    try:
        yield lexicons
    finally:
        _ACTIVE.reset(token)


def words(name: str) -> frozenset[str]:
    """The active lexicons' word list ``name`` (see ``word_classes.txt``)."""
    return active().words(name)


def opens_quote(text: str) -> bool:
    """``text`` is a mark that can open a quotation."""
    return text in active().quote_pairs


def closes_quote(text: str) -> bool:
    """``text`` is a mark that can close a quotation."""
    return text in active().quote_closers


def is_quote_mark(text: str) -> bool:
    """``text`` is a quotation mark, opening or closing."""
    return text in active().quote_chars


def word_ids(name: str) -> frozenset[int]:
    """The string-store ids of a word list, to test tokens' ``LOWER`` attribute arrays."""
    lex = active()
    memo = lex.memo_for("word_ids")
    if name not in memo:
        memo[name] = frozenset(get_string_id(w) for w in lex.words(name))
    return memo[name]
