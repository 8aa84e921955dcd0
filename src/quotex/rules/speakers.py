"""Whom a speaker mention refers to: ``speaker.name`` and ``speaker.label``.

The mention stays as written ("sie", "der Minister", "die Sprecherin des
Weißen Hauses, Jen Psaki"); readers of the records want to group quotes by
person, so the name is the person or organization the mention stands for:

- a name inside the mention that is the speaker itself (not one attached
  with "von"/"des": "die Sprecherin von Präsident Biden" is not Biden),
  lengthened to the full name introduced earlier ("Psaki" -> "Jen Psaki");
- a pronoun ("er", "sie") -> the most recent person (or organization that
  spoke before) of the same gender, outside quoted speech, since names
  inside a quote are rarely who is speaking;
- a definite description ("der Minister") -> the most recent person seen
  with that role ("Außenminister Heiko Maas"), else, when the description
  carries no attachment of its own, the most recent person of its gender;
- an organization ("der Kreml", "die Regierung") -> its nominative name,
  or the organization of the same kind named earlier ("das Ministerium" ->
  "Gesundheitsministerium").

Gender comes from first names and role nouns next to a name. Everything is
one pass over the Doc's names plus a short backward search per quote.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from quotex.records import Quote, Speaker
from quotex.rules.nouns import (
    ORG_LABELS,
    PERSON_LABELS,
    NounClass,
    first_name_gender,
    has_entities,
    noun_class,
    nominative,
    organization_name,
    person_spans,
)

#: Pronouns that can stand for a speaker: (gender, number).
_PRONOUNS = {
    "er": ("Masc", "Sing"),
    "ihm": ("Masc", "Sing"),
    "sie": (None, None),
    "ihr": ("Fem", "Sing"),
    "es": ("Neut", "Sing"),
    "ihnen": (None, "Plur"),
}
_TITLES = frozenset({"herr", "herrn", "frau", "dr.", "prof."})
#: Prepositions that attach something else to a noun: what follows is not the speaker.
_PREPOSITIONS = frozenset({"von", "vom", "bei", "beim", "für", "aus", "im", "in", "am", "an", "zu", "zum", "zur"})
_INDEFINITE = frozenset({"ein", "eine", "einer", "eines", "einem", "einen"})
#: How far back (in tokens) a pronoun prefers a same-gender referent over one of unknown gender.
_NEAR = 150


@dataclass
class Referent:
    """A person or organization of the article, merged over its mentions."""

    name: str
    label: str
    gender: str | None = None
    #: Role nouns seen with it ("minister" for "Außenminister Heiko Maas"), feminine -in removed.
    roles: set[str] = field(default_factory=set)
    #: The organization-noun entry when it is an organization ("ministerium").
    kind: str | None = None


#: A person the text describes but does not name ("ein Sprecher", "Experten").
UNNAMED = Referent("", "PER")


def _role_gender(noun: NounClass, token: Token) -> str | None:
    """Gender a role noun gives its bearer; adjectival nouns take it from article or ending."""
    if noun.gender in ("Masc", "Fem"):
        return noun.gender
    if noun.gender != "Adj":
        return None
    gender = next(iter(token.morph.get("Gender")), None)
    if gender in ("Masc", "Fem"):
        return gender
    before = token.doc[token.i - 1].lower_ if token.i > 0 else ""
    if token.text.endswith("er") or before in ("der", "ein", "dem", "einem"):
        return "Masc"
    if before in ("die", "eine"):
        return "Fem"
    return None


def role_before(doc: Doc, start: int) -> tuple[NounClass, Token] | None:
    """The closest role noun before a name in the same phrase.

    "US-Präsident Joe Biden", "die Sprecherin des Weißen Hauses, Jen Psaki":
    walking left stops at verbs, sentence punctuation and other names.
    """
    for i in range(start - 1, max(start - 8, -1), -1):
        token = doc[i]
        if token.pos_ in ("VERB", "AUX") or token.text in (".", ":", ";", "!", "?", "„", "“", "”", '"') or token.is_sent_end:
            return None
        if token.ent_type_ in PERSON_LABELS:
            return None
        noun = noun_class(token)
        if noun is not None and noun.kind == "role":
            return noun, token
    return None


def role_after(doc: Doc, end: int) -> tuple[NounClass, Token] | None:
    """A role noun opening an apposition after a name ("Jens Stoltenberg, Generalsekretär der NATO")."""
    if end >= len(doc) or doc[end].text not in (",", "("):
        return None
    for i in range(end + 1, min(end + 4, len(doc))):
        noun = noun_class(doc[i])
        if noun is not None:
            return (noun, doc[i]) if noun.kind == "role" else None
        if doc[i].text[:1].isupper() and doc[i].lower_ not in _INDEFINITE:
            return None
    return None


class Article:
    """The referents of one Doc: every person name, and speakers as they resolve."""

    def __init__(self, doc: Doc, quotes: list[Quote]) -> None:
        self.doc = doc
        self.quoted = sorted(span for q in quotes for span in q.quote.spans)
        self.people: dict[str, Referent] = {}
        self.surnames: dict[str, str] = {}
        self.person_at: dict[int, Span] = {}
        #: (token index, referent) of mentions outside quotes, in text order.
        self.mentions: list[tuple[int, Referent]] = []
        spans = person_spans(doc)
        for span in spans:
            names = [t.text for t in span if t.lower_ not in _TITLES]
            if len(names) >= 2:
                self.surnames.setdefault(names[-1], " ".join(names))
        for span in spans:
            for token in span:
                self.person_at[token.i] = span
            referent = self.person(span)
            if referent is not None and not self.in_quote(span.start_char):
                self.mentions.append((span.start, referent))

    def in_quote(self, char: int) -> bool:
        i = bisect.bisect_right(self.quoted, (char, float("inf"))) - 1
        return i >= 0 and self.quoted[i][0] <= char < self.quoted[i][1]

    def full_name(self, span: Span) -> str | None:
        """The name a person mention stands for: the full name for a bare surname, also genitive."""
        names = [t.text for t in span if t.lower_ not in _TITLES]
        if not names:
            return None
        if len(names) == 1:
            word = names[0]
            for form in (word, word[:-1] if word.endswith(("s", "'")) else None):
                if form and form in self.surnames:
                    return self.surnames[form]
            return word
        return " ".join(names)

    def person(self, span: Span) -> Referent | None:
        """The referent of a person name, with gender and roles gathered at this mention."""
        name = self.full_name(span)
        if name is None:
            return None
        referent = self.people.setdefault(name, Referent(name, "PER"))
        doc = self.doc
        context = [found for found in (role_before(doc, span.start), role_after(doc, span.end)) if found]
        for noun, token in context:
            referent.roles.add(noun.role)
        if referent.gender is None:
            first = name.split()[0]
            referent.gender = first_name_gender(first) if " " in name else None
            for noun, token in context:
                referent.gender = referent.gender or _role_gender(noun, token)
        return referent

    def add(self, i: int, referent: Referent) -> None:
        bisect.insort(self.mentions, (i, referent), key=lambda m: m[0])

    def before(self, i: int):
        """Referents mentioned before token ``i``, nearest first, with their distance."""
        k = bisect.bisect_left(self.mentions, i, key=lambda m: m[0])
        for j in range(k - 1, -1, -1):
            yield i - self.mentions[j][0], self.mentions[j][1]

    def by_gender(self, i: int, gender: str | None, label: str | None = None) -> Referent | None:
        """The most recent referent of ``gender`` before ``i``; a nearby one of unknown gender
        when no same-gender one is near, since most foreign first names are not in the lexicon."""
        unknown = None
        farther = None
        for distance, referent in self.before(i):
            if label is not None and referent.label != label:
                continue
            if referent.gender == gender:
                if distance <= _NEAR:
                    return referent
                farther = farther or referent
            elif referent.gender is None and referent.label == "PER" and gender in ("Masc", "Fem"):
                if distance <= _NEAR and unknown is None:
                    unknown = referent
        return unknown or farther


def _tokens(doc: Doc, speaker: Speaker) -> list[Token]:
    tokens: list[Token] = []
    for start, end in speaker.spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            tokens.extend(span)
    return tokens


def _appositive(tokens: list[Token], person: Span) -> bool:
    """The name is the speaker itself, not attached to another noun.

    Only the stretch since the last comma counts ("die Sprecherin des
    Weißen Hauses, Jen Psaki"); a preposition or a genitive article after a
    noun in it ("die Sprecherin von Joe Biden", "der Sprecher des Ministers
    Müller") makes the name someone else.
    """
    segment = [t for t in tokens if t.i < person.start]
    for k in range(len(segment) - 1, -1, -1):
        if segment[k].text in (",", "("):
            segment = segment[k + 1 :]
            break
    previous_noun = False
    for token in segment:
        if token.lower_ in _PREPOSITIONS or (previous_noun and token.lower_ in ("des", "der")):
            return False
        previous_noun = token.pos_ in ("NOUN", "PROPN") or (not token.pos_ and token.text[:1].isupper())
    return True


def _number(token: Token, quote: Quote) -> str | None:
    number = next(iter(token.morph.get("Number")), None)
    if number is not None:
        return number
    if quote.cue is not None and quote.cue.spans:
        start, end = quote.cue.spans[0]
        verb = token.doc.char_span(start, end, alignment_mode="expand")
        if verb is not None and len(verb):
            number = next(iter(verb[0].morph.get("Number")), None)
            if number is not None:
                return number
            return "Plur" if verb[0].lower_.endswith("en") else "Sing"
    return None


def _head(tokens: list[Token]) -> Token | None:
    """The noun the mention is about: the first noun after articles and adjectives."""
    for token in tokens:
        if token.lower_ in ("der", "die", "das", *_INDEFINITE) or token.pos_ in ("DET", "ADJ", "NUM", "PUNCT"):
            continue
        if token.text[:1].isupper() or token.text[:1].isdigit():
            return token
        if token.pos_ in ("NOUN", "PROPN"):
            return token
    return None


class _Resolver:
    def __init__(self, doc: Doc, quotes: list[Quote]) -> None:
        self.doc = doc
        self.article = Article(doc, quotes)
        self.orgs: list[tuple[int, Span]] = [
            (ent.start, ent) for ent in doc.ents if ent.label_ in ORG_LABELS
        ] if has_entities(doc) else []

    def resolve(self, quote: Quote) -> Referent | None:
        """The referent of the quote's speaker; ``UNNAMED`` for a person the text does not name."""
        tokens = _tokens(self.doc, quote.speaker)
        if not tokens:
            return None
        article = self.article
        start = tokens[0].i
        # 1. a name that is the speaker itself
        seen: set[int] = set()
        for token in tokens:
            person = article.person_at.get(token.i)
            if person is None or person.start in seen:
                continue
            seen.add(person.start)
            if _appositive(tokens, person):
                referent = article.people.get(article.full_name(person) or "")
                if referent is not None:
                    return referent
        words = [t for t in tokens if not t.is_punct]
        # 2. pronouns
        if len(words) == 1 and words[0].lower_ in _PRONOUNS:
            gender, number = _PRONOUNS[words[0].lower_]
            if gender is None:
                number = number or _number(words[0], quote)
                gender = "Plur" if number == "Plur" else "Fem"
            if gender == "Plur":
                return article.by_gender(start, "Plur", "ORG")
            if gender == "Neut":
                return article.by_gender(start, "Neut", "ORG")
            return article.by_gender(start, gender)
        head = _head(tokens)
        if head is None:
            return None
        noun = noun_class(head)
        definite = tokens[0].lower_ in ("der", "die", "das") or "Def" in tokens[0].morph.get("Definite")
        # 3. organizations
        if head.ent_type_ in ORG_LABELS or (noun is not None and noun.kind == "org") or organization_name(head.text):
            return self.organization(tokens, head, noun, definite)
        # 4. role descriptions
        if noun is not None and noun.kind == "role":
            if noun.inflected and "Sing" not in head.morph.get("Number") or "Plur" in head.morph.get("Number"):
                return UNNAMED
            if not definite:
                return UNNAMED
            attached = any(t.lower_ in _PREPOSITIONS or t.lower_ in ("des", "der") or t.text == "," for t in tokens if t.i > head.i)
            for distance, referent in article.before(start):
                if noun.role in referent.roles:
                    return referent
            if attached or noun.prefix:
                return UNNAMED
            gender = _role_gender(noun, head)
            found = article.by_gender(start, gender, "PER") if gender else None
            return found or UNNAMED
        return None

    def organization(self, tokens: list[Token], head: Token, noun: NounClass | None, definite: bool) -> Referent:
        article = self.article
        ent = next((span for i, span in self.orgs if span.start <= head.i < span.end), None)
        phrase = list(ent) if ent is not None else [t for t in tokens if t.i <= head.i]
        # "das Ministerium": the ministry named before ("Gesundheitsministerium")
        if definite and noun is not None and not noun.prefix and len(phrase) <= 2 and ent is None:
            for distance, referent in article.before(tokens[0].i):
                if referent.label == "ORG" and referent.kind and referent.kind.endswith(noun.entry):
                    return referent
            k = bisect.bisect_left(self.orgs, head.i, key=lambda o: o[0])
            for i, span in reversed(self.orgs[:k]):
                found = noun_class(span[-1])
                if found is not None and found.entry.endswith(noun.entry) and not article.in_quote(span.start_char):
                    return Referent(nominative(list(span), "Nom"), "ORG", found.gender, kind=span[-1].text.lower())
        gender = next(iter(head.morph.get("Gender")), None) or (noun.gender if noun else None)
        if "Plur" in head.morph.get("Number"):
            gender = "Plur"
        return Referent(nominative(phrase, "Nom"), "ORG", gender, kind=head.text.lower())


def resolve_speakers(doc: Doc, quotes: list[Quote]) -> list[Quote]:
    """``quotes`` with ``speaker.name``/``label`` filled where resolvable (see module doc).

    Quotes are visited in the order of their speakers so that a pronoun can
    refer to a speaker resolved just before it ("sagte Psaki. ... fügte sie hinzu").
    """
    resolver = _Resolver(doc, quotes)
    order = sorted(
        (i for i, q in enumerate(quotes) if q.speaker is not None and q.speaker.spans),
        key=lambda i: quotes[i].speaker.spans[0][0],
    )
    result = list(quotes)
    for i in order:
        speaker = quotes[i].speaker
        found = resolver.resolve(quotes[i])
        if found is None:
            continue
        if found.name:
            resolver.article.add(_tokens(doc, speaker)[0].i, found)
        result[i] = replace(
            quotes[i],
            speaker=replace(speaker, name=speaker.name or found.name or None, label=speaker.label or found.label),
        )
    return result
