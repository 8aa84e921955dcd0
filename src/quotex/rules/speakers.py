"""Whom a speaker mention refers to: ``speaker.name`` and ``speaker.label``.

The mention stays as written ("sie", "der Minister", "die Sprecherin des
Weißen Hauses, Jen Psaki"); readers of the records want to group quotes by
person, so the name is the person or organization the mention stands for:

- a statement noun is the cue, not the source: "Angaben der Polizei" is
  read as "der Polizei";
- a name inside the mention that is the speaker itself (not one attached
  with "von"/"des": "die Sprecherin von Präsident Biden" is not Biden),
  lengthened to the full name introduced earlier ("Psaki" -> "Jen Psaki");
  a first name and the words after it count as a name when the recognizer
  missed it;
- a pronoun ("er", "sie") -> the most recent person (or organization) of
  the same gender, outside quoted speech, since names inside a quote are
  rarely who is speaking; with a parse, an unnamed subject ("Der iranische
  Vize-Außenminister betrachtet ...") also counts, and then the name stays
  empty rather than wrong;
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

from quotex.rules import lexicon, mentions
from quotex.rules.document import Analysis, Found, Mention, Range
from quotex.rules.nouns import (
    LOC_LABELS,
    ORG_LABELS,
    PERSON_LABELS,
    NounClass,
    classify,
    country_name,
    first_name_gender,
    has_entities,
    is_article,
    name_runs,
    nominative,
    noun_class,
    organization_name,
    person_spans,
)

#: How far back (in tokens) a pronoun prefers a same-gender referent over one of unknown gender.
_NEAR = 150


@dataclass
class Referent:
    """A person or organization of the article, merged over its mentions."""

    name: str
    #: "PER" or "ORG"; ``None`` for a name of unknown kind
    label: str | None
    gender: str | None = None
    #: Role nouns seen with it ("minister" for "Außenminister Heiko Maas"), feminine -in removed.
    roles: set[str] = field(default_factory=set)
    #: The organization-noun entry when it is an organization ("ministerium").
    kind: str | None = None
    #: The tokens where an organization was named, for the record's ``organization`` when a pronoun speaks for it.
    tokens: Range | None = None


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
    if token.text.endswith("er") or before in lexicon.words("masculine_articles"):
        return "Masc"
    if before in lexicon.words("feminine_articles"):
        return "Fem"
    return None


def role_before(doc: Doc, start: int) -> tuple[NounClass, Token] | None:
    """The closest role noun before a name in the same phrase.

    "US-Präsident Joe Biden", "die Sprecherin des Weißen Hauses, Jen Psaki":
    walking left stops at verbs, sentence punctuation and other names.
    """
    for i in range(start - 1, max(start - 8, -1), -1):
        token = doc[i]
        if token.pos_ in ("VERB", "AUX") or token.text in (".", ":", ";", "!", "?") or lexicon.is_quote_mark(token.text) or token.is_sent_end:
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
        if doc[i].text[:1].isupper() and doc[i].lower_ not in lexicon.words("indefinite_articles"):
            return None
    return None


class Article:
    """The referents of one Doc: every person name, and speakers as they resolve."""

    def __init__(self, an: Analysis, quotes: list[Found]) -> None:
        doc = an.doc
        self.doc = doc
        self.an = an
        self.quoted = an.quoted_tokens(quotes)
        self.people: dict[str, Referent] = {}
        self.surnames: dict[str, str] = {}
        self.person_at: dict[int, Span] = {}
        #: (token index, referent) of mentions outside quotes, in text order.
        self.mentions: list[tuple[int, Referent]] = []
        #: Mentions inside a prepositional phrase ("mit seinen Kollegen Edwin Aldrin").
        self.oblique: set[int] = set()
        spans = person_spans(doc)
        for span in spans:
            names = _name_words(span)
            if len(names) >= 2:
                self.surnames.setdefault(names[-1], " ".join(names))
        for span in spans:
            names = _name_words(span)
            if not names or len(names) == 1 and names[0] not in self.surnames and classify(names[0]) is not None:
                continue  # a title or role the recognizer took for a name ("der Papst")
            if organization_name(span.text):
                continue  # an organization the recognizer took for a person ("Reuters")
            for token in span:
                self.person_at[token.i] = span
            referent = self.person(span)
            if referent is not None and not self.in_quote(span.start):
                self.mentions.append((span.start, referent))
                if _after_preposition(doc, span.start):
                    self.oblique.add(span.start)
        #: Organization entities, in text order.
        self.orgs = [ent for ent in doc.ents if ent.label_ in ORG_LABELS] if has_entities(doc) else []
        self.mentions.extend(self._unnamed_subjects())
        self.mentions.sort(key=lambda m: m[0])

    def _unnamed_subjects(self) -> list[tuple[int, Referent]]:
        """Subjects that are a role or an organization without a name ("Der iranische
        Vize-Außenminister betrachtet ...", "Die Fraktion fordert ..."): a later "er"/"sie"
        more likely means them than the last named person. Needs a parse."""
        doc = self.doc
        scheme = self.an.scheme
        if scheme is None:
            return []
        found = []
        for token in doc:
            if token.dep_ not in scheme.subject or token.pos_ not in ("NOUN", "PROPN") or token.i in self.person_at:
                continue
            if self.in_quote(token.i) or self._names_follow(token.i):
                continue
            noun = noun_class(token)
            if noun is not None and noun.kind == "role" and "Plur" not in token.morph.get("Number"):
                gender = _role_gender(noun, token)
                if gender is not None:
                    found.append((token.i, Referent("", "PER", gender, {noun.role})))
            elif (noun is not None and noun.kind == "org") or token.ent_type_ in ORG_LABELS:
                phrase = org_phrase(list(doc[token.left_edge.i : token.i + 1]))
                gender = noun.gender if noun is not None else next(iter(token.morph.get("Gender")), None)
                if "Plur" in token.morph.get("Number"):
                    gender = "Plur"
                if phrase and gender is not None and nominative(phrase, "Nom").strip():
                    name = nominative(phrase, "Nom")
                    found.append((token.i, Referent(name, "ORG", gender, kind=token.lower_, tokens=_extent(phrase))))
        return found

    def _names_follow(self, i: int) -> bool:
        """A name right after a role noun ("Präsident George W. Bush", "der Minister, Heiko Maas")."""
        doc = self.doc
        return i + 1 in self.person_at or (i + 2 < len(doc) and doc[i + 1].text == "," and i + 2 in self.person_at)

    def in_quote(self, i: int) -> bool:
        """Token ``i`` is inside a quote: names there are the speaker's words, not mentions."""
        return bool(self.quoted[i])

    def full_name(self, span: Span | list[Token]) -> str | None:
        """The name a person mention stands for: the full name for a bare surname, also genitive."""
        names = _name_words(span)
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
        if not name or not name.strip():
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

    def organization_before(self, noun: NounClass, i: int) -> Referent | None:
        """The organization of the kind ``noun`` names that was named before token ``i``:
        "das Ministerium" -> "Gesundheitsministerium", "der Regierung" -> "Bundesregierung"."""
        for distance, referent in self.before(i):
            if referent.label == "ORG" and referent.kind and referent.kind.endswith(noun.entry):
                return referent
        k = bisect.bisect_left(self.orgs, i, key=lambda span: span.start)
        for span in reversed(self.orgs[:k]):
            found = noun_class(span[-1])
            if found is not None and found.entry.endswith(noun.entry) and not self.in_quote(span.start):
                kind = span[-1].text.lower()
                return Referent(nominative(list(span), "Nom"), "ORG", found.gender, kind=kind, tokens=_extent(span))
        return None

    def known(self, token: Token) -> Referent | None:
        """The person whose name or surname ``token`` is, if the article names one."""
        name = self.surnames.get(token.text) or (token.text if token.text in self.people else None)
        return self.people.get(name) if name else None

    def add(self, i: int, referent: Referent) -> None:
        bisect.insort(self.mentions, (i, referent), key=lambda m: m[0])

    def before(self, i: int):
        """Referents mentioned before token ``i``, nearest first, with their distance."""
        k = bisect.bisect_left(self.mentions, i, key=lambda m: m[0])
        for j in range(k - 1, -1, -1):
            yield i - self.mentions[j][0], self.mentions[j][1]

    def by_gender(self, i: int, gender: str | None, label: str | None = None, near_only: bool = False) -> Referent | None:
        """The most recent referent of ``gender`` before ``i``; a nearby one of unknown gender
        when no same-gender one is near, since most foreign first names are not in the lexicon."""
        unknown = None
        farther = None
        for distance, referent in self.before(i):
            if label is not None and referent.label != label:
                continue
            if i - distance in self.oblique and self.an.same_sentence(i - distance, i):
                continue  # "mit seinen Kollegen Edwin Aldrin lenkte er": not whom "er" means
            if referent.gender == gender:
                if distance <= _NEAR:
                    return referent
                farther = farther or referent
            elif referent.gender is None and referent.label == "PER" and gender in ("Masc", "Fem"):
                if distance <= _NEAR and unknown is None:
                    unknown = referent
        return unknown or (None if near_only else farther)

    def last_mention(self, referent: Referent, i: int) -> int | None:
        """Token index of the last mention of ``referent`` before ``i``."""
        return next((i - distance for distance, found in self.before(i) if found is referent), None)


def _extent(tokens: Span | list[Token]) -> Range | None:
    """The token range from the first to the last of ``tokens`` (none for no tokens)."""
    tokens = list(tokens)
    return (tokens[0].i, tokens[-1].i + 1) if tokens else None


def _after_preposition(doc: Doc, start: int) -> bool:
    """The name at ``start`` is the object of a preposition ("mit seinen Kollegen Edwin
    Aldrin und Michael Collins"): walking left, a preposition comes before any verb."""
    for i in range(start - 1, max(start - 8, -1), -1):
        token = doc[i]
        if token.pos_ == "ADP" or token.lower_ in lexicon.words("phrase_prepositions") or token.lower_ in lexicon.words("other_prepositions"):
            return True
        if token.pos_ in ("VERB", "AUX") or token.is_punct and token.text not in (",", "-"):
            return False
    return False


def _role_between(doc: Doc, referent: Referent, i: int, role: str, article: Article) -> bool:
    """The role noun occurs between the referent's last mention and ``i`` ("ein Sprecher
    sagte ... der Sprecher"): the description then more likely continues that unnamed person."""
    start = article.last_mention(referent, i)
    if start is None:
        return False
    for token in doc[start:i]:
        noun = noun_class(token)
        if noun is not None and noun.kind == "role" and noun.role == role:
            return True
    return False


def _name_words(span: Span | list[Token]) -> list[str]:
    """The words of a name without leading titles and roles the recognizer included
    ("Papst Franziskus", "General Winai Phattiyakul")."""
    words = [t.text for t in span]
    while len(words) > 1 and (words[0].lower() in lexicon.words("titles") or classify(words[0]) is not None):
        words = words[1:]
    return words


def _appositive(tokens: list[Token], person: Span) -> bool:
    """The name is the speaker itself, not attached to another noun.

    Only the stretch since the last comma counts ("die Sprecherin des
    Weißen Hauses, Jen Psaki"). After a preposition or a genitive article
    ("die Sprecherin von Joe Biden", "der Sprecher des Ministers Müller")
    the name belongs to the attached role or follows the preposition
    directly; after any other attached noun it is the speaker again
    ("der Vorsitzende der Selbstverwaltung Istvan Kovacs", "der EU-Kommissar
    für Energie Günther Oettinger").
    """
    segment = [t for t in tokens if t.i < person.start]
    for k in range(len(segment) - 1, -1, -1):
        if segment[k].text in (",", "("):
            segment = segment[k + 1 :]
            break
    attached = False
    previous_noun = False
    for token in segment:
        if token.lower_ in lexicon.words("phrase_prepositions") or (previous_noun and token.lower_ in lexicon.words("genitive_definite")):
            attached = True
        previous_noun = token.pos_ in ("NOUN", "PROPN") or (not token.pos_ and token.text[:1].isupper())
    if not attached:
        return True
    words = [t for t in segment if t.lower_ not in lexicon.words("titles")]
    last = words[-1] if words else None
    if last is None or last.lower_ in lexicon.words("phrase_prepositions") or is_article(last.lower_):
        return False
    noun = noun_class(last)
    return noun is None or noun.kind != "role"


def _bare_name(words: list[Token]) -> bool:
    """The mention is nothing but proper nouns the lexicons know as no role, organization or
    country: a person's name, most likely a surname ("Steinbrück", "Koch-Mehrin")."""
    return bool(words) and len(words) <= 3 and all(
        t.pos_ == "PROPN" and not t.ent_type_ and classify(t.text) is None
        and organization_name(t.text) is None and country_name(t.text) is None for t in words)


def _entity(token: Token, labels: frozenset[str]) -> list[Token] | None:
    """The tokens of the entity ``token`` is part of, if it has one of ``labels``."""
    if token.ent_type_ not in labels:
        return None
    doc = token.doc
    start, end = token.i, token.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return list(doc[start:end])


def org_phrase(tokens: list[Token]) -> list[Token]:
    """The organization an organization mention names, as written.

    "der Kreml" -> "Kreml", "die französische Präsidentschaft" ->
    "französische Präsidentschaft", "der Fernsehsender CBS" -> "CBS",
    "die Bundesregierung vom LSVD" -> "Bundesregierung".
    """
    phrase = _org_phrase(tokens)
    # never start or end on white space or punctuation (line breaks inside entities)
    while phrase and (phrase[0].is_space or phrase[0].is_punct):
        phrase = phrase[1:]
    while phrase and (phrase[-1].is_space or phrase[-1].is_punct):
        phrase = phrase[:-1]
    return phrase


def _org_phrase(tokens: list[Token]) -> list[Token]:
    head = _head(tokens)
    if head is None:
        return []
    named = _entity(head, ORG_LABELS) or _entity(head, LOC_LABELS)
    if named:
        return named
    following = head.nbor(1) if head.i + 1 < len(head.doc) and head.i + 1 <= tokens[-1].i else None
    if following is not None and (_entity(following, ORG_LABELS) or (following.pos_ == "PROPN" and not following.ent_type_)):
        return _entity(following, ORG_LABELS) or [following]
    noun = noun_class(head)
    place = _entity(following, LOC_LABELS) if following is not None and noun is not None and noun.kind == "org" else None
    if place:  # "die Polizeidirektion Hannover"
        return [t for t in tokens if t.i <= head.i and not is_article(t.lower_) and t.pos_ != "ADP"] + place
    if noun is None or noun.kind != "org":
        first = next((t for t in tokens if t.ent_type_ in ORG_LABELS), None)
        if first is not None:
            return _entity(first, ORG_LABELS) or [first]
    return [t for t in tokens if t.i <= head.i and not is_article(t.lower_) and t.pos_ not in ("ADP", "VERB", "AUX")]


def mention_tokens(doc: Doc, speaker: Mention) -> list[Token]:
    """The tokens of a speaker mention that name the source.

    A statement noun is the cue, not the speaker: "Angaben der Polizei" ->
    "der Polizei", "Meinung von Mike Brown" -> "Mike Brown".
    """
    tokens = list(doc[speaker.start:speaker.end])
    for k, token in enumerate(tokens[:-1]):
        if token.pos_ in ("NOUN", "PROPN") or not token.pos_ and token.text[:1].isupper() and not is_article(token.lower_):
            if lexicon.active().is_cue_noun(token.text) and tokens[k + 1].lower_ in lexicon.words("genitive_plain") | lexicon.words("of_prepositions"):
                rest = tokens[k + 2 :] if tokens[k + 1].lower_ in lexicon.words("of_prepositions") else tokens[k + 1 :]
                return rest or tokens
            break
    return tokens


def _listed(tokens: list[Token]) -> str | None:
    """The gazetteer name of the whole mention without its article ("Die Deutsche Welle",
    "Die Vereinigten Staaten")."""
    content = [t for t in tokens if not is_article(t.lower_)]
    if not content or len(content) > 6:
        return None
    text = content[0].doc[content[0].i : content[-1].i + 1].text
    return organization_name(text) or country_name(text)


def _number(token: Token, quote: Found) -> str | None:
    number = next(iter(token.morph.get("Number")), None)
    if number is not None:
        return number
    if quote.cue:
        verb = token.doc[min(quote.cue)]
        number = next(iter(verb.morph.get("Number")), None)
        if number is not None:
            return number
        return "Plur" if verb.lower_.endswith("en") else "Sing"
    return None


def _head(tokens: list[Token]) -> Token | None:
    """The noun the mention is about: its first noun or name, past a city adjective
    tagged as a name ("des Berliner Verfassungsschutzes")."""
    for k, token in enumerate(tokens):
        following = tokens[k + 1] if k + 1 < len(tokens) else None
        if token.pos_:
            nominalized = token.pos_ == "ADJ" and token.text[:1].isupper() and (
                following is None or following.pos_ not in ("NOUN", "PROPN")
            )  # "die Abgeordnete", "NATO-Beamte"
            if token.pos_ not in ("NOUN", "PROPN") and not nominalized and noun_class(token) is None:
                continue
        elif is_article(token.lower_) or not (token.text[:1].isupper() or token.text[:1].isdigit()):
            continue
        if following is not None and following.pos_ == "NOUN" and token.text.endswith("er") and not token.ent_type_ in PERSON_LABELS:
            return following
        return token
    return None


class _Resolver:
    """Resolves the speakers of one Doc, one quote at a time."""

    def __init__(self, article: Article) -> None:
        self.doc = article.doc
        self.article = article

    def resolve(self, quote: Found) -> Referent | None:
        """The referent of the quote's speaker; ``UNNAMED`` for a person the text does not name."""
        tokens = mention_tokens(self.doc, quote.speaker)
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
        # ... also one the recognizer missed or took for a place ("Herr Dieter Thalhammer")
        for run in name_runs(self.doc, tokens[0].i, tokens[-1].i + 1, proper_nouns=False):
            if run.start not in seen and _appositive(tokens, run):
                name = article.full_name(run)
                referent = article.people.setdefault(name, Referent(name, "PER"))
                referent.gender = referent.gender or first_name_gender(run[0].text)
                return referent
        words = [t for t in tokens if not t.is_punct]
        # 2. pronouns
        if len(words) == 1 and words[0].lower_ in lexicon.active().pronouns:
            gender, number = lexicon.active().pronouns[words[0].lower_]
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
        definite = tokens[0].lower_ in lexicon.words("definite_nominative") or "Def" in tokens[0].morph.get("Definite")
        # 3. a surname the recognizer missed or took for an organization ("Gall", "Stoltenberg")
        known = article.known(head)
        if known is not None:
            return known
        # 4. organizations, and states speaking through their governments ("Serbien erklärte")
        listed = _listed(tokens)
        if listed is not None:
            content = [t for t in tokens if not is_article(t.lower_)]
            return Referent(listed, "ORG", kind=head.text.lower(), tokens=_extent(content))
        is_role = noun is not None and noun.kind == "role"  # "NATO-Beamte" is people even when tagged ORG
        if not is_role and (head.ent_type_ in ORG_LABELS or noun is not None or organization_name(head.text)):
            return self.organization(tokens, head, noun, definite)
        if head.ent_type_ in LOC_LABELS or (noun is None and country_name(head.text)):
            name = country_name(head.text) or nominative([head], "Nom")
            return Referent(name, "ORG", kind=head.text.lower(), tokens=_extent([head]))
        # 5. role descriptions; a name the recognizer missed right after the role ("Wirtschaftsminister Clement")
        if is_role:
            name = []
            for token in tokens[head.i - start + 1 :]:
                last = token.i == tokens[-1].i
                if not (token.pos_ == "PROPN" or last and token.pos_ == "NOUN" and token.text[:1].isupper()):
                    break
                if token.ent_type_ in ORG_LABELS or token.ent_type_ in LOC_LABELS or classify(token.text):
                    break  # "der Vertreter Libyens" names a state, not a person
                if organization_name(token.text) or country_name(token.text):
                    break
                name.append(token)
            if name:
                full = article.full_name(name)
                referent = article.people.setdefault(full, Referent(full, "PER"))
                referent.roles.add(noun.role)
                referent.gender = referent.gender or _role_gender(noun, head)
                return referent
            if noun.inflected and "Sing" not in head.morph.get("Number") or "Plur" in head.morph.get("Number"):
                return UNNAMED
            if not definite:
                return UNNAMED
            for distance, referent in article.before(start):
                if noun.role in referent.roles:
                    return referent
            # "der Sprecher des Ministeriums", "der Vertreter Libyens": a description of its own,
            # more likely someone not named before than the last person of that gender
            if any(not t.is_punct for t in tokens if t.i > head.i):
                return UNNAMED
            gender = _role_gender(noun, head)
            found = article.by_gender(start, gender, "PER", near_only=True) if gender else None
            if found is None or _role_between(self.doc, found, start, noun.role, article):
                return UNNAMED
            return found
        # 6. an organization somewhere in an otherwise unknown phrase
        if any(t.ent_type_ in ORG_LABELS for t in tokens):
            first = next(t for t in tokens if t.ent_type_ in ORG_LABELS)
            return self.organization(tokens, first, noun_class(first), definite)
        # 7. a name the recognizer missed, with no earlier full mention ("Steinbrück sagte"):
        # named, but whether a person or an organization is left open
        name = article.full_name(words) if _bare_name(words) else None
        return article.people.setdefault(name, Referent(name, None)) if name else None

    def organization(self, tokens: list[Token], head: Token, noun: NounClass | None, definite: bool) -> Referent:
        article = self.article
        phrase = org_phrase(tokens)
        if definite and noun is not None and not noun.prefix and phrase == [head] and not head.ent_type_:
            earlier = article.organization_before(noun, tokens[0].i)
            if earlier is not None:
                return earlier
        # only the lexicon's gender: "er"/"sie" reach an organization only through a noun like "der Konzern"
        gender = noun.gender if noun is not None and noun.kind == "org" and phrase == [head] else None
        if "Plur" in head.morph.get("Number"):
            gender = "Plur"
        return Referent(nominative(phrase, "Nom"), "ORG", gender, kind=head.text.lower(), tokens=_extent(phrase))


@dataclass
class Speakers:
    """The speakers of one Doc, resolved once and shared with the later stages (organizations)."""

    #: The Doc's referents, including the speakers resolved on the way.
    article: Article
    #: Per quote, whom its speaker refers to (``None`` when unresolved).
    referents: list[Referent | None]


def referents(an: Analysis, quotes: list[Found]) -> Speakers:
    """Whom each quote's speaker refers to, see module doc.

    Quotes are visited in the order of their speakers so that a pronoun can
    refer to a speaker resolved just before it ("sagte Psaki. ... fügte sie hinzu").
    """
    resolver = _Resolver(Article(an, quotes))
    order = sorted(
        (i for i, q in enumerate(quotes) if q.speaker is not None and q.speaker.end > q.speaker.start),
        key=lambda i: quotes[i].speaker.start,
    )
    found: list[Referent | None] = [None] * len(quotes)
    for i in order:
        referent = resolver.resolve(quotes[i])
        if referent is not None and referent.name.strip():
            resolver.article.add(quotes[i].speaker.start, referent)
        found[i] = referent
    return Speakers(resolver.article, found)


def resolve_speakers(doc: Doc | Analysis, quotes: list[Found], speakers: Speakers | None = None) -> list[Found]:
    """``quotes`` with ``speaker.name``/``label`` filled where resolvable (see module doc)."""
    speakers = speakers or referents(Analysis.of_doc(doc), quotes)
    result = []
    for quote, referent in zip(quotes, speakers.referents):
        if referent is not None:
            speaker = quote.speaker
            name = " ".join(referent.name.split()) or None
            quote = replace(quote, speaker=replace(speaker, name=speaker.name or name, label=speaker.label or referent.label))
        result.append(quote)
    return result


def standalone_quotation_speakers(an: Analysis, found: list[Found]) -> list[Found]:
    """``found`` (sorted), where a quotation that is a sentence of its own, with no cue
    and no speaker, takes the speaker of the sentence just before it.

    German news introduces a speaker and then gives their words as sentences of
    their own ("Die Ministerin kritisierte den Plan. „Das ist falsch.“"), or goes
    on quoting after an attributed quote ("…, sagte X. „Aber …“"). The
    candidates, most likely first: the speaker of a quote ending in the
    sentence before; else who that sentence is about
    (:func:`mentions.sentence_source`). Only a whole quoted sentence qualifies:
    a few words in quotation marks inside a sentence of the writer are no
    continuation. A paragraph break in between ends the chain.
    """
    result = list(found)
    speaker_ending_in: dict[int, Mention] = {}
    for index, f in enumerate(result):
        k = an.sent_of[f.first]
        if f.type == "direct" and f.speaker is None and not f.cue and k > 0 and _whole_sentences(an, f):
            before = an.sents[k - 1]
            if an.runs_on_into(before.end - 1, k):
                speaker = speaker_ending_in.get(k - 1)
                if speaker is None:
                    chosen = mentions.sentence_source(an, before)
                    speaker = None if chosen is None else Mention(*chosen.span)
                if speaker is not None:
                    result[index] = replace(f, speaker=speaker)
        if result[index].speaker is not None:
            speaker_ending_in[an.sent_of[max(f.first, f.last - 1)]] = result[index].speaker
    return result


def _whole_sentences(an: Analysis, f: Found) -> bool:
    """The quote spans its sentences: nothing but punctuation outside it."""
    first, last = an.sents[an.sent_of[f.first]], an.sents[an.sent_of[max(f.first, f.last - 1)]]
    outside = [*range(first.start, f.first), *range(f.last, last.end)]
    return all(an.doc[i].is_punct or an.doc[i].is_space for i in outside)
