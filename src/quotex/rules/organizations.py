"""What a speaker speaks for: ``quote.organization``.

German news names the organization next to the role, in a handful of
shapes; each is read from tokens, so the same code serves the UD and TIGER
parsers and a Doc without a parse:

- compound prefix: "NATO-Generalsekretär", "SPD-Chef", "Regierungssprecher";
- genitive or prepositional attachment of the role noun: "Sprecherin des
  Weißen Hauses", "Botschafterin bei der NATO", "Bürgermeister von
  Christchurch", "Ministerpräsident Thailands";
- prenominal genitive: "Russlands Außenminister";
- party tag: "Olaf Scholz (SPD)";
- an apposition after the name: "Jens Stoltenberg, Generalsekretär der NATO";
- "von"/"bei" after the name: "Karl Harb von den Salzburger Nachrichten";
- failing all of these at the quote, the same shapes at earlier mentions of
  the same person ("Außenminister Maas (SPD)" ... "sagte Maas");
- the speaker itself when it is an organization ("ergänzte der Kreml"), also
  through a pronoun (where the organization was named).

Roles that relate to an organization without speaking for it ("Kritiker des
Vatikans") are marked in the role lexicon and skipped. A bare organization
noun ("ein Sprecher des Ministeriums") is named as the organization of that
kind named before in the article.

``organization.name`` is the gazetteer's nominative name, else the phrase
de-inflected to the nominative ("Weißes Haus"); the spans point at the
organization as written (for a compound prefix, inside the word).
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from quotex.rules import lexicon
from quotex.rules.nouns import (
    LOC_LABELS,
    NounClass,
    ORG_LABELS,
    PERSON_LABELS,
    classify,
    country_name,
    first_name_gender,
    has_entities,
    is_article,
    is_acronym,
    is_adjective,
    nominative,
    noun_class,
    organization_name,
)
from quotex.rules.document import Affiliation, Analysis, Found
from quotex.rules.speakers import (
    Article, Speakers, mention_tokens, org_phrase, referents, role_before,
)

_STOP = frozenset({".", ":", ";", "!", "?"})


def _named(text: str) -> str | None:
    """The name of an organization or country written ``text``; acronyms stand for themselves."""
    listed = organization_name(text) or country_name(text)
    if listed is not None:
        return listed
    if is_acronym(text):
        return text
    found = classify(text)
    return text if found is not None and found.kind == "org" and found.entry == text.lower() else None


def _is_org(token: Token) -> bool:
    if token.ent_type_ in PERSON_LABELS:
        return False
    noun = noun_class(token)
    if noun is not None:
        return noun.kind == "org"
    return token.ent_type_ in ORG_LABELS or _named(token.text) is not None


def _phrase(doc: Doc, i: int, limit: int) -> list[Token]:
    """The noun phrase at ``i`` after its article: adjectives, the head, a name run, "für ..." after an org noun."""
    while i < limit and is_article(doc[i].lower_):
        i += 1
    if i < limit and doc[i].ent_type_ in ORG_LABELS and doc[i].ent_iob_ == "B":
        end = i + 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        return list(doc[i:end])
    j = i
    while j + 1 < limit and is_adjective(doc[j], doc[j + 1]):
        j += 1
    if j >= limit or not (doc[j].text[:1].isupper() or doc[j].pos_ in ("NOUN", "PROPN")):
        return []
    end = j + 1
    head = noun_class(doc[j])
    # a name run ("Amnesty International"), also after an organization noun ("der Gemeinde Dörverden")
    if doc[j].pos_ == "PROPN" or head is not None and head.kind == "org":
        while end < limit and doc[end].pos_ == "PROPN" and doc[end].ent_type_ not in PERSON_LABELS:
            if first_name_gender(doc[end].text):
                break  # a person's name follows ("der Linken Gesine Lötzsch")
            end += 1
    if head is not None and head.kind == "org" and end + 1 < limit and doc[end].lower_ == "für":
        tail = _phrase(doc, end + 1, limit)
        if tail:
            end = tail[-1].i + 1
    return list(doc[i:end])


def _org_phrase(tokens: list[Token], case: str, *, names: bool = False) -> Affiliation | None:
    """The phrase as an organization, if its head is one.

    With ``names`` (after "des"/"von" + a role noun) any name but a person's
    counts, places included: it is what the person speaks for ("Sprecher des
    FC Bayern", "Bürgermeister von Christchurch").
    """
    if not tokens:
        return None
    content = [t for t in tokens if not is_article(t.lower_)]
    if not content or any(t.ent_type_ in PERSON_LABELS for t in content):
        return None
    if any(first_name_gender(a.text) and b.text[:1].isupper() for a, b in zip(content, content[1:])):
        return None  # a person's name the recognizer missed ("der Partei Gesine Lötzsch")
    head = next((t for t in content if noun_class(t) is not None), None)
    if head is not None and noun_class(head).kind == "role":
        return None
    listed = organization_name(content[0].doc[content[0].i : content[-1].i + 1].text)
    named = names and head is None and (content[-1].pos_ == "PROPN" or content[-1].ent_type_ in LOC_LABELS)
    if not (listed or named or any(_is_org(t) for t in content)):
        return None
    return Affiliation(content[0].i, content[-1].i + 1, nominative(tokens, case))


def _prefix(token: Token, named: frozenset[str]) -> Affiliation | None:
    """The organization in a compound role noun ("NATO-Generalsekretär", "Regierungssprecher")."""
    noun = noun_class(token)
    if noun is None or noun.kind != "role" or not noun.prefix:
        return None
    prefix = noun.prefix.rstrip("-")
    candidates = [prefix]
    if prefix.endswith("s") and not prefix.endswith("-s"):
        candidates.append(prefix[:-1])
    if "-" in prefix:
        candidates.append(prefix.split("-")[0])
    for candidate in candidates:
        if "-" not in noun.prefix and candidate.lower() in lexicon.words("generic_prefixes"):
            continue
        name = _named(candidate) or _named(candidate[:1].upper() + candidate[1:])
        if name is not None and (candidate[:1].isupper() or candidate.isupper()):
            return Affiliation(token.i, token.i + 1, name, len(token.text) - len(candidate))
    # a name before a hyphen that the article names as an organization ("Ryanair-Sprecherin")
    first = prefix.split("-")[0]
    if "-" in noun.prefix and first in named:
        return Affiliation(token.i, token.i + 1, first, len(token.text) - len(first))
    return None


def organizations_named(doc: Doc) -> frozenset[str]:
    """Texts of the organization entities of ``doc`` and of their words."""
    names: set[str] = set()
    for ent in doc.ents if has_entities(doc) else ():
        if ent.label_ in ORG_LABELS:
            names.add(ent.text)
            names.update(t.text for t in ent)
    return frozenset(names)


def _attached(token: Token, limit: int) -> Affiliation | None:
    """An organization attached to role noun ``token``: genitive, preposition, or prenominal genitive."""
    doc = token.doc
    after = token.i + 1
    if after < limit:
        word = doc[after].lower_
        if word in lexicon.words("genitive_plain"):
            found = _org_phrase(_phrase(doc, after, limit), "Gen", names=True)
            if found:
                return found
        if word in lexicon.words("affiliating_prepositions"):
            found = _org_phrase(_phrase(doc, after + 1, limit), "Dat", names=word in lexicon.words("membership_prepositions"))
            if found:
                return found
        # a name in the genitive without article: "Ministerpräsident Thailands", "Vertreter Libyens"
        following = doc[after]
        if following.text.endswith("s") and following.pos_ in ("PROPN", "") and following.ent_type_ not in PERSON_LABELS:
            name = _named(following.text) or _named(following.text[:-1])
            if name is not None:
                return Affiliation(following.i, following.i + 1, name, 1)
    if token.i > 0:
        before = doc[token.i - 1]
        if before.text.endswith("s") and before.text[:1].isupper() and before.ent_type_ not in PERSON_LABELS:
            name = _named(before.text) or _named(before.text[:-1])
            if name is not None and noun_class(before) is None:
                return Affiliation(before.i, before.i + 1, name, 1)
    return None


def _party_tag(doc: Doc, i: int) -> Affiliation | None:
    """"(SPD)" at token ``i``."""
    if i < len(doc) and doc[i].text == "(":
        for end in range(i + 2, min(i + 5, len(doc))):
            if doc[end].text == ")":
                inner = doc[i + 1 : end]
                name = _named(inner.text)
                if name is not None or inner.label_ in ORG_LABELS or all(t.ent_type_ in ORG_LABELS for t in inner):
                    return Affiliation(inner.start, inner.end, name or inner.text)
                return None
    return None


def _apposition_end(doc: Doc, end: int) -> int:
    """End of an apposition or parenthesis right after ``end`` (``end`` when there is none)."""
    if end >= len(doc) or doc[end].text not in (",", "("):
        return end
    closing = ")" if doc[end].text == "(" else ","
    for i in range(end + 1, min(end + 14, len(doc))):
        if doc[i].text == closing or doc[i].text in _STOP or lexicon.is_quote_mark(doc[i].text) or doc[i].pos_ in ("VERB", "AUX"):
            return i + 1 if doc[i].text == ")" else i
    return end


def around(doc: Doc, start: int, end: int, named: frozenset[str]) -> Affiliation | None:
    """The organization stated with the phrase ``doc[start:end]`` (a speaker mention or a name).

    The stretch looked at is the phrase, a role noun just before it when
    it starts with a name, and an apposition or parenthesis right after it. ``named`` are the article's
    organization names (``organizations_named``).
    """
    role = role_before(doc, start) if doc[start].ent_type_ in PERSON_LABELS else None
    if role is not None:  # "NATO-Generalsekretär Jens Stoltenberg" when only the name is the mention
        start = role[1].i
    limit = _apposition_end(doc, end)
    for i in range(start, limit + 1):
        found = _party_tag(doc, i) if i < len(doc) and doc[i].text == "(" else None
        if found:
            return found
    # "Karl Harb von den Salzburger Nachrichten"
    for token in doc[start:limit]:
        if token.ent_type_ in PERSON_LABELS and token.i + 1 < limit and doc[token.i + 1].lower_ in lexicon.words("membership_prepositions"):
            found = _org_phrase(_phrase(doc, token.i + 2, limit), "Dat")
            if found:
                return found
    attached = False
    previous_noun = False
    for token in doc[start:limit]:
        # a role inside an attachment belongs to someone else ("die Sprecherin von US-Präsident Biden")
        if token.text in (",", "("):
            attached = False
        elif token.lower_ in lexicon.words("affiliating_prepositions") or (previous_noun and token.lower_ in lexicon.words("genitive_definite")):
            attached = True
        previous_noun = token.pos_ in ("NOUN", "PROPN") or (not token.pos_ and token.text[:1].isupper())
        noun = noun_class(token)
        if noun is not None and noun.kind == "role" and not attached and not noun.outside:
            found = _attached(token, limit) or _prefix(token, named)
            if found:
                return found
    return None


def _speaker_tokens(doc: Doc, quote: Found) -> Span | None:
    tokens = mention_tokens(doc, quote.speaker)
    return doc[tokens[0].i : tokens[-1].i + 1] if tokens else None


def _as_organization(mention: Span, name: str | None) -> Affiliation | None:
    """The speaker itself as the organization ("ergänzte der Kreml")."""
    tokens = org_phrase(list(mention))
    if not tokens:
        return None
    return Affiliation(tokens[0].i, tokens[-1].i + 1, name or nominative(tokens, "Nom"))


def attach_organizations(doc: Doc | Analysis, quotes: list[Found], speakers: Speakers | None = None) -> list[Found]:
    """``quotes`` with ``organization`` filled where the text names one (see module doc).

    Run after ``resolve_speakers``: an organization speaker and a resolved
    name (for earlier mentions of the same person) come from there, and so
    do the referents (``speakers``), which are resolved only once.
    """
    an = Analysis.of_doc(doc)
    doc = an.doc
    speakers = speakers or referents(an, quotes)
    article: Article = speakers.article
    named = organizations_named(doc)
    by_person: dict[str, Affiliation | None] = {}
    result = []
    for index, quote in enumerate(quotes):
        speaker = quote.speaker
        mention = _speaker_tokens(doc, quote) if speaker is not None and quote.organization is None else None
        if mention is None:
            result.append(quote)
            continue
        if speaker.label == "ORG":
            found = _as_organization(mention, speaker.name)
            if found is None:  # "sie" for an organization: where it was named
                referent = speakers.referents[index]
                if referent is not None and referent.label == "ORG" and referent.tokens:
                    found = Affiliation(*referent.tokens, speaker.name or referent.name)
        else:
            found = around(doc, mention.start, mention.end, named)
        if found is None and speaker.label == "PER" and speaker.name:
            if speaker.name not in by_person:
                by_person[speaker.name] = _from_mentions(doc, article, speaker.name, named)
            found = by_person[speaker.name]
        if found is None:
            result.append(quote)
            continue
        name = found.name
        generic = _generic_noun(doc, found)
        if generic is not None:  # "ein Sprecher des Ministeriums": the ministry named before
            earlier = article.organization_before(*generic)
            name = earlier.name if earlier is not None else name
        result.append(replace(quote, organization=replace(found, name=" ".join(name.split()) or None)))
    return result


def _generic_noun(doc: Doc, org: Affiliation) -> tuple[NounClass, int] | None:
    """The organization noun and its token index when the organization found is just
    "the ministry", "the government" (a bare noun after an article)."""
    if org.cut or org.end - org.start != 1 or org.start == 0 or not is_article(doc[org.start - 1].lower_):
        return None
    noun = noun_class(doc[org.start])
    return (noun, org.start) if noun is not None and noun.kind == "org" and not noun.prefix else None


def _from_mentions(doc: Doc, article: Article, name: str, named: frozenset[str]) -> Affiliation | None:
    """The organization stated at any mention of the person called ``name``."""
    for span in dict.fromkeys(article.person_at.values()):
        if article.full_name(span) == name:
            found = around(doc, span.start, span.end, named)
            if found is not None:
                return found
    return None
