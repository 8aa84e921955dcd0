"""Cues: the words that mark speech, and the lexicons they come from.

A cue verb is recognised from its written form, not only from the
lemmatizer's lemma: the trained lemmatizers get rare particle verbs and
Konjunktiv forms wrong, and the rules must also work on a Doc that has no
lemmas at all. The forms are generated once from the lemma list (weak
conjugation, or the principal parts of the strong verb the lemma ends in).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from spacy.attrs import LEMMA, LOWER, POS
from spacy.parts_of_speech import AUX, VERB
from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

from quotex.rules import syntax

#: Lexicon files read from ``quotex/lexicons`` and serialized with a pipeline.
LEXICON_FILES = ("cue_verbs.txt", "strong_verbs.txt", "cue_nouns.txt", "konjunktiv.txt", "attribution_words.txt")

_INSEPARABLE = ("be", "emp", "ent", "er", "ge", "miss", "ver", "zer", "wider", "hinter", "unter", "über")
_VOWELS = set("aeiouäöüy")
_VERBAL = frozenset({int(AUX), int(VERB)})
_VERBAL_PREFIXES = frozenset("ab an auf aus ein vor nach zu um be ver er ent rück über hin ant mit bei zer".split())


def _data_lines(text: str) -> list[list[str]]:
    rows = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            rows.append(line.split())
    return rows


def _weak_forms(lemma: str) -> tuple[list[str], str]:
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
    prefixed = lemma.endswith("ieren") or lemma.startswith(_INSEPARABLE)
    participle = third if prefixed else "ge" + third
    return finite, participle


def _strong_forms(lemma: str, strong: dict[str, list[str]]) -> tuple[list[str], str] | None:
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
            if participle.startswith("ge") and prefix.startswith(_INSEPARABLE):
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


@dataclass
class Lexicons:
    """All word lists of the attributor, built once from the lexicon files."""

    texts: dict[str, str]
    verb_forms: dict[str, list[VerbReading]] = field(default_factory=dict)
    cue_nouns: tuple[str, ...] = ()
    konjunktiv: dict[str, bool] = field(default_factory=dict)
    attribution: dict[str, str] = field(default_factory=dict)
    _id_sets: tuple[frozenset[int], frozenset[int]] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        strong = {row[0]: row for row in _data_lines(self.texts["strong_verbs.txt"])}
        forms: dict[str, list[VerbReading]] = {}

        def add(form: str, reading: VerbReading) -> None:
            bucket = forms.setdefault(form.lower(), [])
            if reading not in bucket:
                bucket.append(reading)

        for row in _data_lines(self.texts["cue_verbs.txt"]):
            entry, reported = row[0], "reported" in row[1:]
            particle, _, base = entry.rpartition("|")
            lemma = particle + base
            finite, participle = _strong_forms(base, strong) or _weak_forms(base)
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
        self.verb_forms = forms
        nouns = {row[0].lower() for row in _data_lines(self.texts["cue_nouns.txt"])}
        # longest first, so "zeugenaussagen" is tried before "aussagen"
        self.cue_nouns = tuple(sorted(nouns, key=len, reverse=True))
        self.konjunktiv = {row[0]: len(row) > 1 and row[1] == "II" for row in _data_lines(self.texts["konjunktiv.txt"])}
        self.attribution = {row[0]: row[1] for row in _data_lines(self.texts["attribution_words.txt"])}

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
        konj_ids, cue_ids = self._ids()
        rows = doc.to_array([LOWER, POS, LEMMA]).tolist()
        for i, (lower, pos, lemma) in enumerate(rows):
            if lower in cue_ids or lemma in cue_ids:
                maybe_cue[i] = 1
            if lower in konj_ids or pos in _VERBAL:
                konj[i] = self.konjunktiv_strength(doc[i])
        return konj, maybe_cue, [row[0] for row in rows]

    def _ids(self) -> tuple[frozenset[int], frozenset[int]]:
        if self._id_sets is None:
            konj_ids = frozenset(get_string_id(f) for f in self.konjunktiv)
            words = [*self.verb_forms, *self.attribution, "so", ","]
            self._id_sets = (konj_ids, frozenset(get_string_id(w) for w in words))
        return self._id_sets

    def is_cue_noun(self, word: str) -> bool:
        """``word`` names a statement ("Angaben", "Polizeiangaben")."""
        lower = word.lower()
        for noun in self.cue_nouns:
            if lower.endswith(noun):
                prefix = lower[: len(lower) - len(noun)].rstrip("-")
                # "Polizeiangaben", but not "Anmeldung", "Beschluss", "Rücksicht"
                return not prefix or (len(prefix) >= 3 and prefix not in _VERBAL_PREFIXES)
        return False

    def konjunktiv_strength(self, token: Token) -> int:
        """2 for a Konjunktiv I form, 1 for Konjunktiv II, 0 for none.

        The morphologizer's ``Mood=Sub`` is used when present, but trained
        models miss most of them, so known forms and the regular 3rd person
        singular ``-e`` form of a verb ("gebe", "liege") count as well.
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
        return 0

    @classmethod
    def from_package(cls) -> "Lexicons":
        """The lexicons shipped in ``quotex/lexicons`` (read once per process)."""
        return _package_lexicons()


@lru_cache(maxsize=1)
def _package_lexicons() -> Lexicons:
    folder = resources.files("quotex") / "lexicons"
    return Lexicons({name: (folder / name).read_text(encoding="utf-8") for name in LEXICON_FILES})


@dataclass(frozen=True)
class VerbCue:
    """A cue verb found in a sentence, with all of its parts."""

    verb: Token
    lemma: str
    #: Token indices of the cue: verb, separated particle, auxiliaries.
    tokens: tuple[int, ...]
    reported: bool


_CLAUSE_END = frozenset({",", ".", ";", ":", "!", "?", "(", ")", "–", "—", "„", "“", "”", '"', "»", "«"})


def _clause_particle(doc: Doc, i: int, stop: int, particle: str) -> int | None:
    """Index of ``particle`` closing the clause of verb ``i`` (German verb bracket).

    A separated particle stands at the end of its clause: before a comma,
    a full stop or a conjunction; the same word inside the clause is a
    preposition ("gab an, dass" vs. "gab an die Presse").
    """
    j = i + 1
    limit = min(stop, i + 40)
    while j < limit:
        token = doc[j]
        if token.text in _CLAUSE_END:
            closing = _inserted_phrase_end(doc, j, limit)
            if closing is None:
                return None
            j = closing + 1  # "gab am Montag, dem 27. März, … bekannt"
            continue
        if token.lower_ == particle:
            after = doc[j + 1] if j + 1 < len(doc) else None
            if after is None or after.text in _CLAUSE_END or after.lower_ in ("und", "oder", "aber", "sowie", "dass"):
                return j
        j += 1
    return None


def _inserted_phrase_end(doc: Doc, j: int, stop: int) -> int | None:
    """The comma closing a short inserted phrase opened by the comma at ``j`` ("am Montag, dem 27. März,").

    Only an apposition of a few words without a verb counts: a comma before a
    new clause still ends the search for the particle.
    """
    if doc[j].text != ",":
        return None
    for k in range(j + 1, min(stop, j + 8)):
        token = doc[k]
        if token.text == ",":
            return k if k > j + 1 else None
        if token.pos_ in ("VERB", "AUX", "SCONJ") or token.text in _CLAUSE_END:
            return None
    return None


def _clause_final(doc: Doc, i: int) -> bool:
    return i + 1 >= len(doc) or doc[i + 1].text in _CLAUSE_END


def find_verb_cue(token: Token, lex: Lexicons, scheme: syntax.Scheme | None, stop: int) -> VerbCue | None:
    """The cue verb ``token`` is part of, or ``None``.

    ``stop`` bounds the search for a separated particle (the sentence end).
    """
    if token.pos_ not in ("VERB", "AUX", ""):
        # a participle at the end of its clause that the tagger took for an adjective ("hat eingeräumt, dass")
        following = token.doc[token.i + 1].text if token.i + 1 < len(token.doc) else "."
        if not (token.pos_ == "ADJ" and following in (",", ":", ".") and token.lower_ in lex.verb_forms):
            return None
    readings = lex.verb_forms.get(token.lower_)
    if not readings:
        lemma = token.lemma_.lower()
        readings = lex.verb_forms.get(lemma) if lemma and lemma != token.lower_ else None
        if not readings:
            return None
    doc = token.doc
    plain: VerbReading | None = None
    for reading in readings:
        if reading.particle is None:
            plain = plain or reading
            continue
        parse_particle = syntax.particle_of(token, scheme)
        if parse_particle is not None and parse_particle.lower_ == reading.particle:
            j: int | None = parse_particle.i
        elif token.i > 0 and doc[token.i - 1].lower_ == reading.particle and _clause_final(doc, token.i):
            j = token.i - 1  # written apart at the end of a subordinate clause: "wie X bekannt gab"
        else:
            j = _clause_particle(doc, token.i, stop, reading.particle)
        if j is not None:
            return VerbCue(token, reading.lemma, _with_aux(token, scheme, (token.i, j)), reading.reported)
    if plain is None:
        return None
    return VerbCue(token, plain.lemma, _with_aux(token, scheme, (token.i,)), plain.reported)


def _with_aux(token: Token, scheme: syntax.Scheme | None, parts: tuple[int, ...]) -> tuple[int, ...]:
    """Add the auxiliaries of a compound tense ("hatte ... gesagt") to the cue."""
    return tuple(sorted({*parts, *(a.i for a in syntax.auxiliaries_of(token, scheme))}))
