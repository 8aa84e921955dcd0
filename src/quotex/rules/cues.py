"""Cues: the words that mark speech.

A cue verb is recognised from its written form, not only from the
lemmatizer's lemma: the trained lemmatizers get rare particle verbs and
Konjunktiv forms wrong, and the rules must also work on a Doc that has no
lemmas at all. The forms are generated once from the lemma list (weak
conjugation, or the principal parts of the strong verb the lemma ends in).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from quotex.rules import syntax
from quotex.rules.lexicon import Lexicons, VerbReading, active


@dataclass(frozen=True)
class VerbCue:
    """A cue verb found in a sentence, with all of its parts."""

    verb: Token
    lemma: str
    #: Token indices of the cue: verb, separated particle, auxiliaries.
    tokens: tuple[int, ...]
    reported: bool


_CLAUSE_PUNCTUATION = frozenset({",", ".", ";", ":", "!", "?", "(", ")", "–", "—"})


def _ends_clause(text: str) -> bool:
    """Punctuation or a quotation mark: what a verb bracket does not reach across."""
    return text in _CLAUSE_PUNCTUATION or text in active().quote_chars


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
        if _ends_clause(token.text):
            closing = _inserted_phrase_end(doc, j, limit)
            if closing is None:
                return None
            j = closing + 1  # "gab am Montag, dem 27. März, … bekannt"
            continue
        if token.lower_ == particle:
            after = doc[j + 1] if j + 1 < len(doc) else None
            if after is None or _ends_clause(after.text) or after.lower_ in active().words("clause_conjunctions"):
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
        if token.pos_ in ("VERB", "AUX", "SCONJ") or _ends_clause(token.text):
            return None
    return None


def _clause_final(doc: Doc, i: int) -> bool:
    return i + 1 >= len(doc) or _ends_clause(doc[i + 1].text)


def find_verb_cue(token: Token, lex: Lexicons, scheme: syntax.Scheme | None, stop: int) -> VerbCue | None:
    """The cue verb ``token`` is part of, or ``None``.

    ``stop`` bounds the search for a separated particle (the sentence end).
    """
    if token.pos_ not in ("VERB", "AUX", "") and not (token.pos_ == "ADJ" and token.lower_ in lex.verb_forms
                                                      and _verb_tagged_adjective(token)):
        return None
    readings = lex.verb_forms.get(token.lower_) or _lemma_readings(token, lex)
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
            parts = (token.i, j, *_cue_words(token, reading.lemma, j))
            return VerbCue(token, reading.lemma, _with_aux(token, scheme, parts), reading.reported)
    if plain is None:
        return None
    words = _cue_words(token, plain.lemma, None)
    if plain.lemma in lex.words("reflexive_only") and not any(doc[k].lower_ in lex.words("cue_reflexives") for k in words):
        return None  # "Die Daten zeigen, dass …": evidence, not a statement
    if plain.lemma in lex.words("naming_verbs") and _gives_a_name(token, lex):
        return None
    parts = (token.i, *words)
    return VerbCue(token, plain.lemma, _with_aux(token, scheme, parts), plain.reported)


def _verb_tagged_adjective(token: Token) -> bool:
    """The cue verb form ``token``, tagged as an adjective, stands where only a verb can: at the
    end of its clause ("hat eingeräumt, dass"), or after a comma before the subject of an
    inverted cue ("…, verlautbarte Peter Sharp", "…, verlautbarte die Firma"). An adjective
    never goes before an article, and after a comma not before a name either."""
    doc, i = token.doc, token.i
    following = doc[i + 1] if i + 1 < len(doc) else None
    if following is None or following.text in (",", ":", "."):
        return True
    return i > 0 and doc[i - 1].text == "," and following.pos_ in ("DET", "PROPN", "PRON")


def _gives_a_name(verb: Token, lex: Lexicons) -> bool:
    """The naming verb ``verb`` gives a name or a definition, not anybody's words: with the
    impersonal "man" ("Segler nannte man Schiffe, die …", "Das nennt man einen „Split“"),
    reflexively, a name its subject chose for itself ("die sich „Rat für Reform (RfR)“ nennt"),
    or as a participle with no verb in its clause, an attribute that names ("das Profil, auch
    „Plus“ genannt, …"). (A passive without an agent, "der als „X“ bezeichnet wird", is often
    a statement in news: it is left a cue.)

    The clause is read up to the nearest comma or sentence end on either side; brackets and
    quotation marks do not end it, a name in marks often holds them.
    """
    doc, i = verb.doc, verb.i
    clause = [doc[k] for step in (-1, 1) for k in _until_clause_end(doc, i, step)]
    words = {t.lower_ for t in clause}
    if words & {*lex.words("impersonal_pronouns"), *lex.words("cue_reflexives")}:
        return True
    return "Part" in verb.morph.get("VerbForm") and not any(t.pos_ in ("VERB", "AUX") for t in clause)


def _until_clause_end(doc: Doc, i: int, step: int) -> Iterator[int]:
    """The positions from ``i`` (exclusive) in direction ``step`` up to the end of its clause."""
    k = i + step
    while 0 <= k < len(doc) and doc[k].text not in _NAMING_CLAUSE_ENDS:
        yield k
        k += step


#: punctuation that ends the clause of a naming verb (not brackets or quotation marks, which names hold)
_NAMING_CLAUSE_ENDS = frozenset({",", ".", ";", ":", "!", "?"})


def _cue_words(verb: Token, lemma: str, particle: int | None) -> list[int]:
    """Words of the cue besides the verb, its particle and auxiliaries, as the corpus marks a cue.

    The expletive "es" of an impersonal cue ("heißt es", "wie es heißt") and
    the reflexive pronoun ("meldete sich", "wie sich ergab") right by the
    verb; a pronominal adverb that announces the content, between the verb
    and its separated particle, before the comma that opens the content, or
    right before a clause-final verb ("ging davon aus, dass …", "rief dazu
    auf, …", "dass er davon ausgeht"); the "als" of a judgement and the
    phrase "mit den Worten" in the verb's clause. Further away such words
    belong to other phrases.
    """
    doc, i = verb.doc, verb.i
    lex = active()
    words: list[int] = []
    for k in (i + 1, i - 1):
        if 0 <= k < len(doc):
            word = doc[k].lower_
            if (word == "es" and lemma in lex.words("impersonal_cues")) or word in lex.words("cue_reflexives"):
                words.append(k)
                break
    end = particle if particle is not None and particle > i else min(len(doc), i + 3)
    for k in range(i + 1, end):
        if _ends_clause(doc[k].text):
            break
        if doc[k].lower_ in lex.words("cue_correlates") and (particle is not None or _before_content(doc, k)):
            words.append(k)
            break
    else:
        if i > 0 and doc[i - 1].lower_ in lex.words("cue_correlates") and _clause_final(doc, i):
            words.append(i - 1)  # "…, dass er davon ausgeht"
    judged = _judgement_als(doc, i)
    if judged is not None:
        words.append(judged)
    words.extend(_with_the_words(doc, i))
    return words


def _with_the_words(doc: Doc, i: int) -> range:
    """The phrase "mit den Worten" (a preposition, an article, a statement noun) that hands the
    cue verb at ``i`` its content ("meldete sich mit den Worten „…“", "wird mit den Worten
    zitiert", "lehnte mit der Begründung ab, …"): it stands in the verb's clause."""
    lex = active()
    for k in [*range(i + 1, min(len(doc) - 2, i + _ALS_REACH)), *range(i - 3, max(-1, i - _ALS_REACH), -1)]:
        if any(_ends_clause(doc[j].text) for j in range(min(i, k) + 1, max(i, k))):
            continue
        if (doc[k].lower_ in lex.words("content_prepositions") and doc[k + 1].lower_ in lex.words("articles")
                and lex.is_cue_noun(doc[k + 2].text)):
            return range(k, k + 3)
    return range(0)


def _judgement_als(doc: Doc, i: int) -> int | None:
    """The "als" of a judgement the cue verb at ``i`` makes ("bezeichnete das als Skandal",
    "als unverständlich bezeichnet", "wies die Vorwürfe als haltlos zurück"): a few words away
    in the same clause, and not opening a clause of its own ("als er kam")."""
    lo, hi = max(0, i - _ALS_REACH), min(len(doc), i + _ALS_REACH + 1)
    for k in [*range(i + 1, hi), *range(i - 1, lo - 1, -1)]:
        between = range(min(i, k) + 1, max(i, k))
        if any(_ends_clause(doc[j].text) for j in between):
            continue
        if doc[k].lower_ == "als" and k + 1 < len(doc) and (doc[k + 1].pos_ not in ("PRON", "SCONJ", "PUNCT")
                                                           or doc[k + 1].text in active().quote_chars):
            if k == 0 or not _ends_clause(doc[k - 1].text) or doc[k - 1].text in active().quote_chars:
                return k
    return None


#: how far from its verb the "als" of a judgement may stand ("bezeichnete die Pläne der Regierung als …")
_ALS_REACH = 8


def _before_content(doc: Doc, k: int) -> bool:
    """The correlate at ``k`` is followed by the comma that opens its content ("verwies darauf, dass")."""
    return k + 1 < len(doc) and doc[k + 1].text in (",", ":")


def _lemma_readings(token: Token, lex: Lexicons) -> list[VerbReading]:
    """The cue verbs whose infinitive is the lemmatizer's lemma of ``token``.

    A lemma is an infinitive, so it may only name a cue verb (or the base of
    a separated one: "geben" of "gab … bekannt"), never match one of its
    inflected forms: the lemma "geraten" ("geriet in Verdacht") is not the
    participle of the cue "raten".
    """
    lemma = token.lemma_.lower()
    if not lemma or lemma == token.lower_:
        return []
    return [r for r in lex.verb_forms.get(lemma, ())
            if r.lemma == lemma or r.particle is not None and r.lemma == r.particle + lemma]


def _with_aux(token: Token, scheme: syntax.Scheme | None, parts: tuple[int, ...]) -> tuple[int, ...]:
    """Add the auxiliaries of a compound tense ("hatte ... gesagt") to the cue."""
    return tuple(sorted({*parts, *(a.i for a in syntax.auxiliaries_of(token, scheme))}))


def medium_of(cue: str | None, lemma: str | None, lex: Lexicons) -> str | None:
    """How the statement a cue reports was made (``media.txt``), ``None`` without a cue.

    ``cue`` is the cue's words as written ("nach Angaben"). A statement noun of
    the cue decides first ("seiner Ansicht nach" is an opinion, "nach Angaben"
    said or written), then the cue's lemma, then the default the lexicon gives
    every other cue ("*").
    """
    if cue is None:
        return None
    for word in cue.split():
        medium = lex.statement_medium(word)
        if medium is not None:
            return medium
    return verb_medium(lemma, lex)


def verb_medium(lemma: str | None, lex: Lexicons) -> str | None:
    """The medium of a cue verb's lemma, or the lexicon's default for cues it does not list."""
    media = lex.media
    if lemma is not None and lemma.lower() in media:
        return media[lemma.lower()]
    return media.get("*")
