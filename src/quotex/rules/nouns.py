"""What a noun tells about its referent, and noun phrases in the nominative.

Speaker resolution and organizations need the same small pieces of German:
whether a noun names a person by role ("Sprecherin", also inside compounds
such as "Nato-Generalsekretär") or an organization ("Ministerium"), with
which gender; a first name's gender; a person's name; the organizations
gazetteer; and the nominative of a noun phrase as the record wants it
("des Weißen Hauses" -> "Weißes Haus"). Everything here reads tokens only
(text, POS, morphology, lemma, entities when present), so it works the same
behind either parser and without one. Lexicons are read once per process.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from quotex.rules.lexicon import active

#: Entity labels of persons and organizations in the pipelines quotex runs behind.
PERSON_LABELS = frozenset({"PER", "PERSON"})
ORG_LABELS = frozenset({"ORG"})
LOC_LABELS = frozenset({"LOC", "GPE"})
_STRONG_NOMINATIVE = {"Masc": "er", "Fem": "e", "Neut": "es", "Plur": "e"}
_VOWELS = set("aeiouäöüy")
_CLOSED_CLASSES = frozenset({"DET", "ADP", "PRON", "AUX", "CCONJ", "SCONJ", "PART", "PUNCT", "NUM", "SYM"})


def _adjective_endings() -> tuple[str, ...]:
    return active().ordered("adjective_endings")


def is_article(word: str) -> bool:
    """``word`` (lower case) is an article: it carries case, not content."""
    return word in active().words("articles")


def _opens_phrase(word: str) -> bool:
    """An article, a preposition or a preposition fused with an article ("im", "beim")."""
    lex = active()
    return word in lex.words("articles") or word in lex.words("noun_prepositions") or word in lex.contractions


@dataclass(frozen=True)
class NounClass:
    """A noun read against the role and organization lexicons."""

    #: ``"role"`` (names a person) or ``"org"`` (names an organization).
    kind: str
    #: Masc/Fem/Neut; ``Adj`` for adjectival nouns ("Vorsitzende"); Plur for plural-only nouns.
    gender: str
    #: The lexicon entry matched, lower case ("generalsekretär" matches "sekretär" -> "sekretär").
    entry: str
    #: The written part before the entry ("Nato-General"), empty for a simple noun.
    prefix: str
    #: The word carried a plural ending the entry lacks ("Sprecherinnen", "Experten").
    inflected: bool = False
    #: A relation to what it attaches that is no speaking for it ("Kritiker des Vatikans").
    outside: bool = False

    @property
    def role(self) -> str:
        """The entry without the feminine -in, so "Ministerin" and "Minister" compare equal."""
        if self.gender == "Fem" and self.entry.endswith("in") and active().nouns.get(self.entry[:-2], ("",))[0] == "role":
            return self.entry[:-2]
        return self.entry


def classify(word: str) -> NounClass | None:
    """The role or organization a (compound) noun names, or ``None``.

    The longest lexicon entry that ends the word wins ("Landrat" before
    "Rat"); entries under four letters only match whole words, after a
    hyphen or after a first part of five letters or more, so that "Apparat"
    is no "Rat". Plural and weak endings are tried after the written form
    ("Sprecherinnen", "Experten").
    """
    lex = active()
    memo = lex.memo_for("classify")
    if word not in memo:
        memo[word] = _classify(word, lex.nouns)
    return memo[word]


def _classify(word: str, table: dict[str, tuple[str, str, bool]]) -> NounClass | None:
    lower = word.lower()
    forms = [(lower, False)]
    if lower.endswith("innen"):
        forms.append((lower[:-3], True))
    if lower.endswith(("n", "r")):
        forms.append((lower[:-1], True))
    if lower.endswith("en"):
        forms.append((lower[:-2], True))
    if lower.endswith("s"):  # genitive singular: "des Ministers", "des Amtes"
        forms.extend([(lower[:-1], False), (lower[:-2], False)] if lower.endswith("es") else [(lower[:-1], False)])
    for form, inflected in forms:
        for cut in range(len(form)):
            entry = form[cut:]
            found = table.get(entry)
            if found is None:
                continue
            if 0 < cut < 5 and len(entry) < 4 and form[cut - 1] != "-":
                continue  # "Vorrat", "Apparat" are no "Rat", but "Kartellamt" is an "Amt"
            kind, gender, outside = found
            if inflected and gender == "Adj" and form != lower:
                inflected = lower.endswith("n")
            return NounClass(kind, gender, entry, word[:cut], inflected, outside)
    return None


def first_name_gender(word: str) -> str | None:
    """``Masc``/``Fem`` for a known first name ("Jens", "Annalena")."""
    return active().first_names.get(word)


def organization_name(text: str) -> str | None:
    """The gazetteer's nominative name for an organization as written, if listed."""
    exact, folded = active().organizations
    return exact.get(text) or folded.get(text.lower())


def country_name(text: str) -> str | None:
    """The name of the country written ``text`` ("Russlands" -> "Russland"), if it is one."""
    return active().countries.get(text)


def is_acronym(word: str) -> bool:
    """"NATO", "SPD", "EU": two or more capitals, nothing lower case but a plural/genitive s."""
    core = word[:-1] if word.endswith("s") else word
    return len(core) >= 2 and core.isupper() and core.isalpha()


def has_entities(doc: Doc) -> bool:
    return doc.has_annotation("ENT_IOB")


def person_spans(doc: Doc) -> list[Span]:
    """Person names of ``doc``, from NER when the pipeline has it.

    Without entities: a known first name and the capitalized words after it
    ("Jens Stoltenberg"), or runs of proper nouns when there are POS tags.
    """
    if has_entities(doc):
        return _join_adjacent([_with_surname(ent) for ent in doc.ents if ent.label_ in PERSON_LABELS])
    return name_runs(doc, 0, len(doc), proper_nouns=doc.has_annotation("POS"))


def _with_surname(span: Span) -> Span:
    """A person entity that ends on a first name, with the surname the recognizer left out
    ("Matthias" + "Freude"): a capitalized proper noun right after it outside any entity."""
    doc = span.doc
    end = span.end
    if first_name_gender(span[-1].text) is None or end >= len(doc) or span[-1].whitespace_ != " ":
        return span
    following = doc[end]
    if following.pos_ == "PROPN" and following.text[:1].isupper() and not following.ent_type_ and classify(following.text) is None:
        return Span(doc, span.start, end + 1, label=span.label)
    return span


def _join_adjacent(spans: list[Span]) -> list[Span]:
    """Person entities separated by a single space joined into one.

    A statistical recognizer sometimes opens a second entity inside one name
    ("Wolodymyr" + "Selenskyj"); German prose separates two people with a
    comma or "und", so two names with nothing but a space between are one.
    """
    joined: list[Span] = []
    for span in spans:
        last = joined[-1] if joined else None
        if last is not None and span.start == last.end and last[-1].whitespace_ == " ":
            joined[-1] = Span(span.doc, last.start, span.end, label=last.label)
        else:
            joined.append(span)
    return joined


def name_runs(doc: Doc, start: int, end: int, *, proper_nouns: bool) -> list[Span]:
    """Names in ``doc[start:end]`` read off the words: a known first name and the
    capitalized words after it ("Dieter Thalhammer"); with ``proper_nouns`` also
    runs of tokens tagged PROPN. For text the recognizer missed or mislabeled."""
    spans = []
    i = start
    while i < end:
        token = doc[i]
        first = first_name_gender(token.text) is not None and classify(token.text) is None
        starts = first or (
            proper_nouns and token.pos_ == "PROPN" and classify(token.text) is None
            and organization_name(token.text) is None
        )
        if not starts:
            i += 1
            continue
        j = i + 1
        while j < end and doc[j].text[:1].isupper() and (doc[j].pos_ == "PROPN" or first and doc[j].pos_ != "PUNCT"):
            j += 1
        if j - i >= 2 or (proper_nouns and token.pos_ == "PROPN"):
            spans.append(doc[i:j])
        i = j
    return spans


def is_person_token(token: Token) -> bool:
    """``token`` belongs to a person's name (so "Fischer" in "Joschka Fischer" is no role)."""
    return token.ent_type_ in PERSON_LABELS


def noun_class(token: Token) -> NounClass | None:
    """The role/organization class of a noun token (never of a name)."""
    if is_person_token(token) or not token.text[:1].isupper() and not token.text[:1].isdigit():
        return None
    if token.pos_ in _CLOSED_CLASSES:  # open classes only: taggers call nouns verbs at a sentence start
        return None
    return classify(token.text)


def source_kind(token: Token) -> str | None:
    """``"role"``, ``"org"`` or ``"statement"`` for nouns that name a speaker or a statement.

    Unlike :func:`noun_class` this also reads the lemma and an -e plural the lexicon
    lacks ("Länderparlamente"), and a cue noun ("Angaben", "Bericht") counts as a
    statement its source stands behind: what speaker ranking needs to tell a source
    from a topic.
    """
    if token.pos_ not in ("NOUN", "PROPN", ""):
        return None
    found = (classify(token.text) or (classify(token.lemma_) if token.lemma_ and token.lemma_ != token.text else None)
             or (classify(token.text[:-1]) if token.text.endswith("e") and len(token.text) > 4 else None))
    if found is not None:
        return found.kind
    return "statement" if active().is_cue_noun(token.text) else None


def is_adjective(token: Token, following: Token | None) -> bool:
    """An adjective of a name phrase: tagged ADJ, or an inflected capitalized word right
    before another capitalized word, which taggers often call a name ("Weißen Hauses")."""
    if token.pos_ == "ADJ":
        return True
    if following is None or not following.text[:1].isupper() or not token.text[:1].isupper():
        return False
    if is_person_token(token) or first_name_gender(token.text) or classify(token.text) is not None:
        return False
    endings = {"": _adjective_endings(), "PROPN": _adjective_endings(), "NOUN": ("en",)}.get(token.pos_)
    if not endings or not token.text.endswith(endings):
        return False
    # an -e ending only where adjectives have it ("Deutsche", "Vereinte"), not "Energie Cottbus"
    return not token.text.endswith("e") or token.text.endswith(active().ordered("adjective_e_endings"))


def _head_features(head: Token, article: str | None, case: str | None) -> tuple[str | None, str | None]:
    """(case, gender or ``Plur``) of the phrase head: the lexicon's gender (reliable for
    compounds such as "Brauer-Bund"), then morphology, then what the article allows."""
    case = next(iter(head.morph.get("Case")), None) or case
    case = case or {"des": "Gen", "eines": "Gen", "dem": "Dat", "einem": "Dat"}.get(article or "")
    if "Plur" in head.morph.get("Number"):
        return case, "Plur"
    found = classify(head.text)
    if found is not None and found.kind == "org" and found.inflected and not head.morph.get("Number"):
        return case, "Plur"  # "Staaten", "Behörden": a plural ending on an organization noun
    gender = found.gender if found is not None and found.gender in ("Masc", "Fem", "Neut", "Plur") else None
    gender = gender or next(iter(head.morph.get("Gender")), None)
    if gender is None:
        gender = active().article_genders.get((article or "", case or ""))
    if gender is None and article in active().words("masculine_neuter_articles"):
        lower = head.text.lower()
        neuter = any(lower[: len(lower) - cut].endswith(active().ordered("neuter_endings")) for cut in (0, 1, 2))
        gender = "Neut" if neuter else "Masc"
    return case, gender


def _nominative_noun(head: Token, case: str | None, gender: str | None) -> str:
    word = head.text
    if case not in ("Gen", "Dat") or head.pos_ == "PROPN" and not word.endswith("s"):
        return word
    if gender == "Plur":
        # plural nominative = genitive; only the dative adds -n ("den Ländern")
        return word[:-1] if case == "Dat" and word.endswith(("ern", "eln")) else word
    lemma = head.lemma_
    if lemma and lemma != word and lemma[:1] == word[:1] and len(word) - 3 <= len(lemma) <= len(word):
        return lemma
    if case == "Gen" and gender in ("Masc", "Neut"):
        if word.endswith("es") and len(word) > 4 and word[-3] not in _VOWELS and word[-3] != "e":
            return word[:-2]
        if word.endswith("s") and len(word) > 3:
            return word[:-1]
    return word


def nominative(tokens: Sequence[Token], case: str | None = None) -> str:
    """The phrase without its article, in the nominative ("des Weißen Hauses" -> "Weißes Haus").

    The gazetteer's name wins when the phrase is listed; otherwise the
    adjectives before the head get the strong nominative ending of the
    head's gender and a genitive/dative head its nominative form; what
    follows the head ("für Gesundheit") is left as written. ``case`` is the
    case the caller knows the phrase to be in (``Gen`` after a role noun,
    ``Dat`` after "bei"), used when the tokens carry no morphology.
    """
    tokens = list(tokens)
    article = None
    while tokens and (_opens_phrase(tokens[0].lower_) or tokens[0].pos_ in ("DET", "ADP")):
        article = active().contractions.get(tokens[0].lower_, tokens[0].lower_)
        tokens = tokens[1:]
    if not tokens:
        return ""
    doc = tokens[0].doc
    written = doc[tokens[0].i : tokens[-1].i + 1].text
    listed = organization_name(written) or country_name(written)
    if listed is not None:
        return listed
    adjectives: list[Token] = []
    k = 0
    while k < len(tokens) - 1 and is_adjective(tokens[k], tokens[k + 1]):
        adjectives.append(tokens[k])
        k += 1
    head, rest = tokens[k], tokens[k + 1 :]
    case, gender = _head_features(head, article, case)
    words = []
    for adjective in adjectives:
        text = adjective.text
        ending = _STRONG_NOMINATIVE.get(gender or "")
        # a capitalized adjective in -er is a place adjective ("Duisburger Polizei") or already
        # the strong masculine nominative ("Deutscher Bundestag"): left as it is
        place = text.endswith("er") and text[:1].isupper()
        if ending is not None and not place:
            for old in _adjective_endings():
                if text.endswith(old):
                    text = text[: -len(old)] + ending
                    break
        words.append(text)
    words.append(_nominative_noun(head, case, gender))
    phrase = " ".join(words)
    if rest:
        phrase += doc[head.i : rest[-1].i + 1].text[len(head.text) :]
    phrase = " ".join(phrase.split())
    return organization_name(phrase) or phrase
