"""Speaker candidates and the named criteria that rank them.

A quote whose speaker is not the subject of its own cue ("X: „…“", a
Konjunktiv sentence continuing the sentence before) can take its speaker
from several places: the phrase opening the introducing clause, the
subject of that clause's verb, the sentence before. Rather than one branch
per case, each place yields a :class:`Candidate`, in the order the text
makes it most likely, and :func:`best` keeps the first one no criterion
rejects.

Each criterion is a small function of the Doc and a token range, so that
one rule ("an object is never the speaker") holds for every way a candidate
was found, and a new kind of candidate needs no new special cases. The
candidates themselves are found in :mod:`quotex.rules.mentions`, which builds
on this module; the ranking reads only tokens and the lexicons.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from quotex.rules import lexicon, syntax
from quotex.rules.nouns import LOC_LABELS, ORG_LABELS, PERSON_LABELS, classify, source_kind


@dataclass(frozen=True)
class Candidate:
    """A token range that may name the speaker, and where it was found."""

    start: int
    end: int
    #: "opener", "subject", "chain", "next_sentence", ...: for reading a decision, not for ranking it
    origin: str

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end


def impersonal(doc: Doc, start: int, end: int) -> bool:
    """"man" speaks for nobody in particular ("man geht davon aus"): never a speaker."""
    words = [t for t in doc[start:end] if not t.is_punct]
    return len(words) == 1 and words[0].lower_ in lexicon.words("impersonal_pronouns")


def object_case(doc: Doc, start: int, end: int) -> bool:
    """The phrase is marked as an object ("den Präsidenten", "dem Sender", "ihm"): the
    addressee or what is talked about, never who talks.

    Only an unambiguous form counts: an article or pronoun that cannot be
    nominative, or a determiner the tagger gives an oblique case and no nominative.
    """
    first = doc[start]
    if first.lower_ in lexicon.words("not_nominative"):
        return True
    cases = set(first.morph.get("Case")) if first.pos_ in ("DET", "PRON") else set()
    return bool(cases) and "Nom" not in cases


def names_a_source(doc: Doc, start: int, end: int) -> bool:
    """The phrase can name who speaks: a person, an organization, a place speaking
    through its government, a role ("der Minister"), a pronoun for one of them, or a
    statement its source stands behind ("der Bericht", "Angaben der Polizei").

    Anything else ("Die Entwicklung im Iran", "Die praktische Anwendung der Regel", an adverb put
    first) is a topic the clause is about, not a source.
    """
    tokens = [t for t in doc[start:end] if not t.is_punct]
    if not tokens:
        return False
    if len(tokens) == 1 and tokens[0].lower_ in lexicon.active().clause_adverbs:
        return False
    for token in tokens:
        if token.ent_type_ in PERSON_LABELS or token.ent_type_ in ORG_LABELS or token.ent_type_ in LOC_LABELS:
            return True
        if token.pos_ == "PROPN" or not token.pos_ and token.is_title:
            return True  # untagged: a capitalised word may be a name
        if token.lower_ in lexicon.words("third_person_pronouns") and token.pos_ in ("PRON", ""):
            return True
        if token.pos_ == "NOUN" and source_kind(token) is not None:
            return True
    return False


def nameless(doc: Doc, start: int, end: int) -> bool:
    """The phrase has no word that can name anyone: no noun, name, pronoun, determiner or number,
    only an adjective or adverb put first ("Besorgt äußerte sich X", "Kurz darauf
    erklärte X"), which says how or when the speaker spoke, not who.

    Untagged tokens count as possible names: without tags nothing can be ruled out.
    """
    return not any(t.pos_ in ("NOUN", "PROPN", "PRON", "DET", "NUM", "X", "") or mistagged_subject(t)
                   for t in doc[start:end] if not t.is_punct)


def mistagged_subject(token: Token) -> bool:
    """A capitalised word the tagger calls an adverb or adjective, the parser makes a subject,
    and the lexicons or the document know as a noun or name ("Klimaforscher bezweifeln,
    dass", "Wollny warnte" after "Jana Wollny" was named): the tagger's guess
    at an unknown word put first, where every word is capitalised. An adjective or adverb put
    first ("Besorgt äußerte sich X", "Deutlich sagt X") stays one even when the
    parser follows the tagger's error into a subject.
    """
    if not (token.pos_ in ("ADV", "ADJ") and token.is_title and token.dep_ in _SUBJECT_LABELS):
        return False
    return classify(token.text) is not None or any(
        other.text == token.text and (other.pos_ == "PROPN" or other.ent_type_ in PERSON_LABELS | ORG_LABELS)
        for other in token.doc if other.i != token.i)


#: subject labels of both parse schemes, without the expletive ("Es heißt")
_SUBJECT_LABELS = (syntax.UD.subject | syntax.TIGER.subject) - {"expl", "ep"}


def topic(doc: Doc, start: int, end: int) -> bool:
    """The phrase names what is talked about, not who talks (see :func:`names_a_source`)."""
    return not names_a_source(doc, start, end)


#: The criteria that reject a candidate, in the order they are checked.
REJECTIONS: tuple[Callable[[Doc, int, int], bool], ...] = (impersonal, object_case, topic)


def acceptable(doc: Doc, candidate: Candidate) -> bool:
    """No criterion rejects ``candidate``."""
    return not any(reject(doc, candidate.start, candidate.end) for reject in REJECTIONS)


def best(doc: Doc, candidates: Iterable[Candidate | None]) -> Candidate | None:
    """The first acceptable candidate; ``candidates`` come most likely first (``None``s skipped)."""
    return next((c for c in candidates if c is not None and c.start < c.end and acceptable(doc, c)), None)


def cue_subject(doc: Doc, candidates: Iterable[Candidate], exclude: tuple[int, int] | None) -> Candidate | None:
    """The speaker of a cue among its subject ``candidates`` (most likely first): the first
    that does not overlap the quote ``exclude`` and can name someone, cut back to a later
    candidate it :func:`swallowed`.

    The order of the candidates is the ranking. Rejecting cue subjects by
    :data:`REJECTIONS` (topic, object case) was measured and lost on train.
    """
    usable = (c for c in candidates if (exclude is None or not (c.start < exclude[1] and exclude[0] < c.end))
              and not nameless(doc, c.start, c.end))
    chosen = next(usable, None)
    if chosen is None:
        return None
    return next((c for c in usable if swallowed(doc, chosen, c)), chosen)


def swallowed(doc: Doc, outer: Candidate, inner: Candidate) -> bool:
    """``outer`` is the noun phrase ``inner``, found another way, plus words that cannot
    belong to it: the parser's subtree of the subject took in an object or an adverbial
    ("die Gewerkschaft Arbeitnehmer", "die Ministerin den Gästen", "der Sprecher gegenüber
    Reportern"), and the phrase read off the tags is the subject.

    A name going on ("Schalke 04", "University of Oxford") or an apposition after a
    comma is no such overrun.
    """
    if not (outer.start == inner.start < inner.end < outer.end):
        return False
    rest = doc[inner.end:outer.end]
    return (doc[inner.end - 1].pos_ in ("NOUN", "PROPN", "PRON") and not any(t.text == "," for t in rest)
            and rest[0].pos_ not in ("NUM", "PROPN", "X", "PUNCT") and not rest[0].like_num)
