"""Mentions: the noun phrase that names a speaker or an addressee, as written.

The speaker of a quote is reported the way the text names it, the whole
phrase with its apposition ("die Sprecherin des Weißen Hauses, Jen Psaki").
With a parse the phrase is the subtree of the verb's subject; without one,
or when the parser found no subject, a phrase is read off the part-of-speech
tags to the left or right of the cue. The sources that attribution words
cite ("laut X", "X zufolge", "nach Angaben von X", "…, so X") are found here
too, so that the quote rules only place the quote around them.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from quotex.rules import ranking, syntax
from quotex.rules.document import Analysis
from quotex.rules.lexicon import active, closes_quote, is_quote_mark, opens_quote, words
from quotex.rules.nouns import LOC_LABELS, ORG_LABELS, PERSON_LABELS, is_adjective, source_kind


_NOMINAL = frozenset({"DET", "ADJ", "NOUN", "PROPN", "NUM", "X"})


#: punctuation inside names besides quotation marks ("Baden-Württemberg", "C&A", "(SPD)")
_NAME_PUNCTUATION = frozenset({"(", ")", "-", "–", "/", "&", "."})


def _nominal(token: Token) -> bool:
    if token.pos_:
        if token.pos_ == "PRON" and (token.lower_ in words("determiners") or token.lower_ in words("quantifiers")) \
                and token.i + 1 < len(token.doc):
            # an article the tagger took for a pronoun: "die ernährungspolitische Sprecherin", "einiger Juristen"
            return token.doc[token.i + 1].pos_ in ("ADJ", "NOUN", "PROPN") or _partitive(token)
        return token.pos_ in _NOMINAL
    # untagged Doc: capitalised words and articles
    return token.is_title or token.lower_ in words("relative_pronouns") or token.lower_ in words("indefinite_articles")


def _partitive(token: Token) -> bool:
    """A pronoun picking some out of a group named by the genitive after it ("Einer der
    Polizisten", "einige der Anwohner", "keiner der Zeugen"): the pronoun opens the phrase that
    names the speaker, the group belongs to it."""
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return (token.lower_ in words("partitive_pronouns") and following is not None
            and following.lower_ in words("genitive_plain") and following.pos_ == "DET")


def _is_head_word(token: Token) -> bool:
    """A word that can end a noun phrase (a noun, name or number)."""
    if token.pos_:
        return token.pos_ in ("NOUN", "PROPN", "NUM", "X") or (token.pos_ == "PRON" and token.lower_ in words("personal_pronouns"))
    return token.is_title and token.lower_ not in words("relative_pronouns")


def _determines(first: Token, hi: int) -> bool:
    """A demonstrative ("dieser", "jene", "beide") with its noun after it, before ``hi``, is that
    noun's determiner ("in dieser Resolution", "beide Minister"), not a pronoun standing alone."""
    doc = first.doc
    j = first.i + 1
    while j < hi and doc[j].pos_ == "ADJ":
        j += 1
    return first.pos_ in ("DET", "PRON") and j < hi and doc[j].pos_ in ("NOUN", "PROPN")


def np_after(doc: Doc, i: int, hi: int) -> tuple[int, int] | None:
    """The noun phrase starting at token ``i`` (not crossing ``hi``).

    After its noun the phrase continues only with what belongs to it: a
    name ("Präsident Joe Biden"), a genitive ("des Weißen Hauses"), a
    bracket ("(SPD)"), an affiliation after a role ("Sprecher von X",
    "Botschafterin bei der NATO"), a place ("in Berlin") or an apposition; another article or
    number starts the next phrase ("laut der Polizei 40 Menschen").
    """
    if i >= hi:
        return None
    first = doc[i]
    if first.lower_ in active().clause_adverbs:
        return None  # "Gestern", "Unterdessen": a capitalised adverb, not a name
    if first.lower_ in words("personal_pronouns") and not _determines(first, hi):
        if first.lower_ == "es":
            return None
        return i, i + 1
    j = i
    last_head = -1
    open_paren = False
    while j < hi:
        token = doc[j]
        text = token.text
        after_head = last_head == j - 1 and last_head >= i
        if open_paren and text != ")":
            j += 1
            continue
        if opens_quote(text) and (j == i or after_head or _nominal(doc[j - 1])
                                  or doc[j - 1].lower_ in words("attaching_prepositions")):
            closing = _quoted_name_end(doc, j, hi)
            if closing is not None:
                last_head = j = closing
                j += 1
                continue
        if _nominal(token):
            if after_head and not _continues_after_noun(doc, last_head, token):
                break
            if _is_head_word(token):
                last_head = j
            j += 1
            continue
        if text == "(" and last_head >= 0 and _bracket_end(doc, j, hi) is not None:
            open_paren = True
            j += 1
            continue
        if text == ")" and open_paren:
            open_paren = False
            last_head = j
            j += 1
            continue
        # an opening mark not closed nearby starts a quotation, not a name („die Moderne, …“)
        inside_name = text in _NAME_PUNCTUATION or is_quote_mark(text) and (closes_quote(text) or not opens_quote(text))
        if inside_name and last_head >= 0 and j + 1 < hi and _nominal(doc[j + 1]):
            j += 1
            continue
        if token.pos_ in ("ADP", "ADV") and last_head < i and j > i and doc[j - 1].pos_ == "DET":
            skip = _attributive_phrase_end(doc, j, hi)
            if skip is not None:
                j = skip
                continue
        quoted_name = j + 1 < hi and opens_quote(doc[j + 1].text) and _quoted_name_end(doc, j + 1, hi) is not None
        if token.lower_ in words("attaching_prepositions") and last_head >= 0 and j + 1 < hi and (
                _nominal(doc[j + 1]) or quoted_name):  # "ein Artikel von „BBC News“"
            if _attaches(doc[last_head], token.lower_):
                j += 1
                continue
            break
        place = None
        if token.lower_ in words("place_prepositions") and last_head >= 0 and j + 1 < hi \
                and not _placed_by_the_verb(doc[last_head]):
            place = _place_start(doc, doc[last_head], j + 1, hi)
        if place is not None:
            k = place + 1
            while k < hi and _place(doc[k]):
                k += 1
            last_head, j = k - 1, k  # "die Regierung in Lomé", "ein Sprecher in Berlin", "die Polizei in der Hauptstadt"
            continue
        if token.lower_ in words("coordinators") and last_head >= 0 and j + 1 < hi and _nominal(doc[j + 1]):
            j += 1
            continue
        if text == "," and last_head >= 0:
            appositive = _apposition_end(doc, j + 1, hi)
            if appositive is not None:
                last_head = appositive - 1
                j = appositive
                continue
        break
    if last_head < i:
        return None
    return i, _entity_end(doc, last_head, hi)


def _entity_end(doc: Doc, last: int, hi: int) -> int:
    """The end of a phrase whose last word ``last`` is inside a name the recognizer found: the
    whole name ("Ärzte ohne Grenzen", "National Health Service"), which may hold words a noun
    phrase would not ("ohne"), when all of it lies before ``hi``."""
    token = doc[last]
    if not token.ent_type_ or token.ent_iob_ == "O":
        return last + 1
    end = last + 1
    while end < len(doc) and doc[end].ent_iob_ == "I" and doc[end].ent_type_ == token.ent_type_:
        if doc[end].pos_ in ("VERB", "AUX") or doc[end].is_punct and doc[end].text not in ("-", "."):
            return last + 1  # a recognizer's span that runs into a clause or a list is no name
        end += 1
    return end if end <= hi else last + 1


def _bracket_end(doc: Doc, j: int, hi: int) -> int | None:
    """Index of the ")" closing the bracket at ``j`` when it holds an addition to a name
    ("(SPD)", "(Internationale Atomenergiebehörde)"), not a quotation or a clause."""
    for k in range(j + 1, min(hi, j + 8)):
        if doc[k].text == ")":
            return k
        if is_quote_mark(doc[k].text) or doc[k].pos_ in ("VERB", "AUX"):
            return None
    return None


def _attributive_phrase_end(doc: Doc, j: int, hi: int) -> int | None:
    """Skip "am Dienstag veröffentlichten" in "einer am Dienstag veröffentlichten Mitteilung",
    or the adverbs of "der erst kürzlich ernannte Bischof": between an article and its noun,
    such words can only belong to an adjective of the noun.

    Returns the index of the adjective that closes the phrase before its noun.
    """
    for k in range(j + 1, min(hi - 1, j + 8)):
        token = doc[k]
        if token.pos_ in ("VERB", "AUX", "PUNCT") or token.is_punct:
            return None
        if token.pos_ == "ADJ" and doc[k + 1].pos_ in ("NOUN", "PROPN"):
            return k
    return None


def _pronoun_before_possessive(token: Token, following: Token) -> bool:
    return (token.lower_ in words("relative_pronouns") or token.lower_ in words("interrogative_pronouns")) and following.pos_ in ("DET", "PRON") \
        and following.lower_.startswith(active().ordered("possessive_stems"))


def _quoted_name_end(doc: Doc, j: int, hi: int) -> int | None:
    """Index of the mark closing a short name in quotation marks („Die Zeit“, „tagesschau.de“).

    A verb inside makes the marks a quotation, unless an article comes right before them:
    an article announces a noun, so what it opens is a name, even one that reads like a
    sentence ("von der „Aktion Kinder helfen“")."""
    named = j > 0 and doc[j - 1].lower_ in words("articles")
    for k in range(j + 1, min(hi, j + 7)):
        token = doc[k]
        if closes_quote(token.text) and k > j + 1:
            return k
        if token.pos_ in ("VERB", "AUX") and not named or token.text in (",", ".", ":", ";"):
            return None
    return None


def _place(token: Token) -> bool:
    """A place name: a proper noun or a location entity, not a time ("im Oktober")."""
    return (token.pos_ == "PROPN" or token.ent_type_ in LOC_LABELS) and token.lower_ not in words("time_nouns")


def _place_start(doc: Doc, head: Token, i: int, hi: int) -> int | None:
    """Where a place after the noun ``head`` and its preposition begins at ``i``, or None.

    A bare place name ("die Regierung in Lomé") may follow any noun. A place with article or
    adjectives, or an institution ("das Komitee im norwegischen Oslo", "der Vorsitzende des
    Ausschusses im Senat"), only a noun that names a source: other nouns take such phrases
    as what they are about ("die Konflikte im größten Staat Afrikas").
    """
    if _place(doc[i]):
        return i
    if source_kind(head) is None:
        return None
    k = i
    while k < hi and k < i + 3 and (doc[k].pos_ in ("DET", "ADJ") or doc[k].lower_ in words("determiners")):
        k += 1
    if k < hi and (_place(doc[k]) or doc[k].pos_ == "NOUN" and source_kind(doc[k]) == "org"):
        return k
    return None


def _placed_by_the_verb(head: Token) -> bool:
    """A place after a person's name ``head`` says where the person spoke ("sagte Seibert in
    Berlin"), not which one is meant: a name picks out its bearer alone, while a noun needs the
    place to do so ("die Regierung in Lomé", "ein Sprecher in Berlin"). An organization's name
    often includes its seat ("ein Sprecher des Instituts in Genf"), so only persons count."""
    return head.ent_type_ in PERSON_LABELS


def _continues_after_noun(doc: Doc, head: int, token: Token) -> bool:
    """``token`` right after the noun ``doc[head]`` still belongs to its phrase."""
    if _inside_the_same_name(doc[head], token):
        return True
    if _next_after_name(doc[head], token):
        return False
    if token.is_lower and token.lower_ not in words("name_particles"):
        if token.pos_ == "PROPN":
            return False  # "am" tagged as a name: "sagte Jan Krüger am Freitag"
    elif token.pos_ == "PROPN" or (not token.pos_ and token.is_title):
        return True
    if _glued(doc[head], token) or token.lower_ in words("titles"):
        return True
    if token.like_num:
        # a number naming the noun ("Artikel 65 des Grundgesetzes"), not counting what follows
        # ("laut der Polizei 40 Menschen")
        following = doc[token.i + 1] if token.i + 1 < len(doc) else None
        return following is not None and following.lower_ in words("genitive_articles")
    kind = source_kind(doc[head]) if doc[head].pos_ == "NOUN" else None
    # a role or organization noun the tagger took for a name is still a noun ("Klub-Sekretär der X")
    name = doc[head].pos_ == "PROPN" and source_kind(doc[head]) is None
    if token.pos_ == "NOUN":
        if _modifies_next_noun(doc[head]) or _inflected_adjective(doc[head], token) or _counts(doc[head], token):
            return True
        # a title before a name the tagger took for a noun ("Staatssekretär Müller")
        return kind in ("role", "org") and token.is_title and source_kind(token) is None
    if token.pos_ == "DET" or token.lower_ in words("genitive_articles"):
        # a genitive follows a noun ("Sprecher der Partei"); after a name the article starts
        # the next phrase ("sagte Peskow der Staatsagentur TASS") unless its form is genitive
        # only: a name can be the head of one too ("die Online-Ausgabe des Magazins", tagged
        # as a name)
        if (name and token.lower_ not in words("genitive_only")) or token.lower_ not in words("genitive_articles"):
            return False
        cases = token.morph.get("Case")
        return not cases or "Gen" in cases or kind is not None
    if token.pos_ in ("ADJ", "PRON", "DET") and kind == "statement":
        # a genitive plural without article: "Schätzungen französischer Behörden", "Meinung vieler
        # Experten"; other endings start the next phrase ("führt der Bericht schwere Mängel an")
        return token.lower_.endswith("er")
    return kind in ("role", "org") and _genitive_plural_adjective(token)


def _genitive_plural_adjective(token: Token) -> bool:
    """An adjective in -er right before its noun, after a role or organization noun, opens a
    genitive plural without article ("der Verband kommunaler Unternehmen", "ein Sprecher
    deutscher Reeder"). Only an adjective: a determiner in -er there is as often the dative
    the speaker talked to ("sagte der Sprecher unserer Zeitung")."""
    doc = token.doc
    return (token.pos_ == "ADJ" and token.lower_.endswith("er") and token.i + 1 < len(doc)
            and doc[token.i + 1].pos_ == "NOUN")


def _inside_the_same_name(head: Token, token: Token) -> bool:
    """``token`` goes on with the name the recognizer found at ``head`` ("National Health
    Service", where the tagger calls the last word a noun): the phrase reads on through the
    name, and so reaches what follows it, such as its abbreviation in brackets."""
    return (head.ent_iob_ in ("B", "I") and token.ent_iob_ == "I" and token.ent_type_ == head.ent_type_
            and token.pos_ in ("NOUN", "PROPN", "ADJ", "NUM", "X"))


def _next_after_name(mark: Token, token: Token) -> bool:
    """``token`` is a noun or name after ``mark``, which closes a bracket or quotation marks after
    a name ("(SPD)", „Die Zeit“): the name is complete, so ``token`` starts the next phrase
    ("zitiert die „Zeitung“ Meyer", "unterstützt die „Initiative“ Müllers Vorschlag"); what may
    still follow is a genitive ("das Komitee (OK) der Weltmeisterschaft"), another bracket, a
    preposition or an apposition. An apostrophe that looks like a closing mark but is written
    into a name ("O’Keefe") closes nothing."""
    return ((mark.text == ")" or closes_quote(mark.text)) and token.pos_ in ("NOUN", "PROPN")
            and not _glued(mark, token))


def _glued(before: Token, token: Token) -> bool:
    """``token`` is written onto ``before`` without a space, so both are one name the
    tokenizer split at an apostrophe ("O’Keefe")."""
    return not before.whitespace_ and token.is_alpha and (before.is_alpha or before.text in words("apostrophes"))


def _modifies_next_noun(word: Token) -> bool:
    """A name that qualifies the noun after it rather than ending the phrase: an adjective
    of a place ("der Bielefelder Fachstelle", "laut Salzburger Nachrichten") or a Saxon
    genitive ("Niedersachsens Ministerpräsident", "McCains Kampagne"). Either opens its
    phrase or follows an article or preposition; a surname in -er after a verb does not
    ("sagte Schröder Reportern")."""
    if word.pos_ not in ("PROPN", "ADJ") or not word.is_title:
        return False
    before = word.doc[word.i - 1] if word.i > 0 else None
    if before is not None and before.is_space:
        before = None  # a paragraph break, whatever the tagger called it, opens the phrase
    if word.text.endswith("er"):
        return word.ent_type_ not in PERSON_LABELS and (before is None or before.pos_ in ("DET", "ADP"))
    opens = before is None or before.pos_ == "ADP" or not _nominal(before)
    return opens and word.pos_ == "PROPN" and word.text.endswith("s")


def _inflected_adjective(word: Token, noun: Token) -> bool:
    """A capitalised adjective of a name the tagger took for its head ("des Europäischen
    Gerichtshofes", "der Philosophischen Fakultät"): its noun follows and belongs to the
    phrase. A word tagged as a noun is one ("nach ersten Meldungen Schäden"), and an -er
    word is left to :func:`_modifies_next_noun`, since surnames end so too ("sagte
    Schröder Reportern")."""
    return word.pos_ != "NOUN" and not word.text.endswith("er") and is_adjective(word, noun)


def _counts(number: Token, noun: Token) -> bool:
    """A number opening a phrase counts the noun right after it ("80 Prozent befürworteten",
    "drei Zeugen sagten"): the noun heads the phrase. Only where the noun ends the phrase: a
    count before an adjective measures something ("ein 300 Seiten starker Bericht"), and a
    number after a noun names it or starts the next phrase (see :func:`_continues_after_noun`)."""
    doc = noun.doc
    before = doc[number.i - 1] if number.i > 0 else None
    after = doc[noun.i + 1] if noun.i + 1 < len(doc) else None
    return (number.pos_ == "NUM" and noun.pos_ == "NOUN" and (before is None or not _nominal(before))
            and (after is None or after.pos_ not in ("ADJ", "NOUN", "PROPN", "NUM", "CCONJ")))


def _attaches(head: Token, preposition: str) -> bool:
    """A preposition that attaches an affiliation to ``head`` ("Sprecher von", "Chefin bei")."""
    if preposition in words("genitive_definite"):
        return True
    kind = source_kind(head)
    if kind is not None:
        return True
    return preposition in words("of_prepositions") and head.pos_ == "PROPN"


def _apposition_end(doc: Doc, i: int, hi: int) -> int | None:
    """End of an apposition after a comma ("…, Jen Psaki", "…, die Leiterin der X,")."""
    if i >= hi:
        return None
    first = doc[i]
    if first.lower_ in words("relative_pronouns") or first.lower_ in words("indefinite_articles"):
        # a relative clause ("…, die gestern sagte") is no apposition: the article needs a noun after it
        if i + 1 >= hi or not (doc[i + 1].pos_ in ("ADJ", "NOUN", "PROPN") or (not doc[i + 1].pos_ and doc[i + 1].is_title)):
            return None
    elif not (first.pos_ in ("PROPN", "NOUN", "ADJ") or (not first.pos_ and first.is_title)):
        return None
    inner = np_after(doc, i, hi)
    if inner is None:
        return None
    end = inner[1]
    if end >= hi or doc[end].text in (",", ".", "!", "?", ";", ":") or doc[end].pos_ in ("VERB", "AUX"):
        return end
    # a role is an apposition wherever it ends ("Philip Aguer, ein Sprecher der SPLA der Presse …")
    if any(doc[k].pos_ == "NOUN" and source_kind(doc[k]) == "role" for k in range(inner[0], end)):
        return end
    if _names_the_role_before(doc, i, inner):
        return end
    return None


def _names_the_role_before(doc: Doc, i: int, inner: tuple[int, int]) -> bool:
    """The phrase ``inner`` after the comma before ``i`` is a person's name and the phrase before
    the comma ends in a role or the organization it belongs to ("der Sprecher der Partei, Max
    Muster das Urteil"): the name says who holds the role, wherever it ends, since a bare name
    after a role is no object of its own."""
    if not all(doc[k].pos_ == "PROPN" for k in range(*inner)) or not any(
            doc[k].ent_type_ in PERSON_LABELS for k in range(*inner)):
        return False
    k = i - 2
    while k >= 0 and doc[k].pos_ in ("DET", "ADJ", "NOUN", "PROPN") and source_kind(doc[k]) != "role":
        k -= 1
    return k >= 0 and source_kind(doc[k]) == "role"


def closing_apposition(doc: Doc, mention: tuple[int, int], hi: int) -> tuple[int, int]:
    """``mention`` with the apposition after its comma, when nothing but that apposition and
    adverbials follow up to ``hi`` (the sentence end).

    After an inverted cue ("…, sagte X, Sprecher der Y, am Montag.") the clause has said all it
    says: a phrase set off after the speaker, with no verb of its own, can only describe the
    speaker. A verb after the comma makes it a clause of its own ("…, sagte X, der Y kritisierte").
    """
    comma = mention[1]
    if comma + 1 >= hi or doc[comma].text != "," or any(doc[k].pos_ in ("VERB", "AUX") for k in range(comma + 1, hi)):
        return mention
    end = _apposition_end(doc, comma + 1, hi)
    return mention if end is None else (mention[0], end)


def np_before(doc: Doc, j: int, lo: int) -> tuple[int, int] | None:
    """The noun phrase that ends right before token ``j`` and fills ``[lo, j)``.

    Only a phrase that fills the whole stretch counts: "Der Minister sagte"
    yes, "Am Montag sagte" no (the subject then follows the verb).
    """
    while lo < j and (doc[lo].is_punct and not opens_quote(doc[lo].text) and doc[lo].text != "("
                      or doc[lo].lower_ in words("clause_openers") or doc[lo].tag_ == "ADJD"):
        lo += 1  # "Einzig X gab bekannt": an adjective used as an adverb (ADJD) opens no noun phrase
    while j > lo and (doc[j - 1].text == "," or doc[j - 1].is_space):
        j -= 1  # "Kurt von Figura, Präsident der Universität, begrüßte"
    if lo >= j:
        return None
    found = np_after(doc, lo, j)
    if found is None or not _may_be_subject(doc[found[0]]) or all(doc[k].like_num for k in range(*found)):
        return None  # "Den Unmut der CDU brachte …", "2008 erklärte er": no subject
    if found[1] != j:
        # "Günther Platter, der Verteidigungsminister, der die Präsidentschaft inne hat, sagte"
        if found[1] < j and doc[found[1]].text == "," and _relative_clause_at(doc, found[1] + 1, j):
            return found
        return None
    return found


def subject_mention(doc: Doc, verb: Token, lo: int, hi: int, scheme: syntax.Scheme | None,
                    exclude: tuple[int, int] | None = None) -> tuple[int, int] | None:
    """The speaker mention of cue ``verb`` inside the clause ``[lo, hi)``: the best of
    :func:`cue_subjects` by :func:`ranking.cue_subject`.

    ``exclude`` is the quote's token range, which the mention never overlaps.
    """
    chosen = ranking.cue_subject(doc, cue_subjects(doc, verb, lo, hi, scheme, exclude), exclude)
    return None if chosen is None else chosen.span


def cue_subjects(doc: Doc, verb: Token, lo: int, hi: int, scheme: syntax.Scheme | None,
                 exclude: tuple[int, int] | None) -> Iterator[ranking.Candidate]:
    """Who may be the subject of cue ``verb``, most likely first (computed as needed).

    In the passive the subject is who was spoken to ("X wurde aufgefordert"):
    the only candidate is the agent ("von Y"), if named. Otherwise: a pronoun
    that is only ever nominative right after the verb; the noun phrase filling
    the clause before the verb ("Der Minister sagte"); the parser's subject,
    completed by an apposition it missed and cut before a relative clause; the
    phrase before the clause's finite verb ("X hat … angekündigt"); the phrase
    after the verb, where German puts the subject when something else comes
    first ("Am Montag sagte X").
    """
    if passive(doc, verb, lo, hi):
        agent = _passive_agent(doc, verb, lo, hi)
        if agent is not None:
            yield ranking.Candidate(*agent, "passive_agent")
        return
    first_verb = next((k for k in range(lo, verb.i + 1) if doc[k].pos_ in ("VERB", "AUX")), verb.i)
    for k in dict.fromkeys((first_verb + 1, verb.i + 1)):
        if lo < k < hi and doc[k].lower_ in words("nominative_pronouns"):
            # "Die Arbeit der Koalition lobte er": after the verb only the subject can be "er",
            # so the phrase put first is an object
            yield ranking.Candidate(k, k + 1, "pronoun_after_verb")
    # "Während X erklärte, …": the clause opens after its conjunction; "…, bei dem X sagte, …" after
    # its relative phrase
    found = np_before(doc, verb.i, lo + 1 if lo < verb.i and _subordinating(doc, lo, verb, hi)
                      else _after_relative_phrase(doc, lo, verb, hi))
    if found is not None:
        yield ranking.Candidate(*found, "opener")
    found = _parsed_subject(doc, verb, lo, hi, scheme, exclude)
    if found is not None:
        yield ranking.Candidate(*found, "subject")
    if first_verb < verb.i:
        found = np_before(doc, first_verb, lo)
        if found is not None:
            yield ranking.Candidate(*found, "before_finite_verb")
    for after in dict.fromkeys((verb.i + 1, first_verb + 1)):
        # skip auxiliaries, "sich", object pronouns and adverbs between verb and subject
        # ("äußerte sich X", "meldeten dann die Nachrichten")
        while after < hi and (doc[after].pos_ in ("AUX", "ADV") or doc[after].lower_ in words("object_pronouns")):
            after += 1
        if after == verb.i:
            continue
        found = np_after(doc, after, hi)
        if found is not None and not found[0] <= verb.i < found[1]:
            first = doc[found[0]]
            if first.lower_ in words("dative_articles") or first.pos_ in ("DET", "PRON") and "Dat" in first.morph.get("Case"):
                continue  # "sagte dem Sender", not a name the tagger guessed a dative for ("schrieb Mussawi")
            if not _may_be_subject(first):
                continue  # "Es weist den Vorwurf zurück": an object
            yield ranking.Candidate(*found, "after_verb")


def _parsed_subject(doc: Doc, verb: Token, lo: int, hi: int, scheme: syntax.Scheme | None,
                    exclude: tuple[int, int] | None) -> tuple[int, int] | None:
    """The parser's subject of ``verb`` as a mention, if it is one ("Als Begründung sagte …" is not)."""
    subject = syntax.subject_of(verb, scheme, lo, hi)
    if subject is None and scheme is not None and verb.dep_ in ("conj", "cj") and verb.head.i < verb.i:
        subject = syntax.subject_of(verb.head, scheme, lo, hi)  # "Key informierte sich und sprach von …"
    if subject is None or not lo <= subject.i < hi or _inside(subject.i, exclude) or not _nominative(subject) \
            or subject.pos_ in ("VERB", "AUX") or subject.tag_ == "ADJD":
        return None  # a verb or an adverbial adjective the parser made a subject names no one
    if subject.lower_ in words("demonstrative_subjects"):
        return None
    start, end = syntax.phrase(subject, lo, hi)
    if start < subject.i and _subordinating(doc, start, verb, hi):
        start += 1
    while start < subject.i and (doc[start].pos_ == "ADV" or doc[start].tag_ == "ADJD"):
        # "Auch Winfried Hassemer glaubt", "Einzig X gab bekannt": a focus adverb, or an adjective
        # used as one (tagged ADJD, never inside a noun phrase), is no part of the subject
        start += 1
    if exclude is not None:
        if start < exclude[1] <= subject.i:
            start = exclude[1]
        if subject.i < exclude[0] < end:
            end = exclude[0]
    while end > subject.i + 1 and (doc[end - 1].text in (",", ":", ";") or doc[end - 1].is_space
                                   or doc[end - 1].pos_ == "ADV"):
        # cut before the quote ("der Sender, Radio Vatikan, „…“") and a trailing adverb the
        # parser hung on the subject ("Die Armeeleitung hingegen", "Die Ministerin selbst")
        end -= 1
    # a fronted phrase the parser took for the subject ("Als Begründung sagte …")
    if start <= verb.i < end or doc[start].pos_ in ("ADP", "SCONJ", "ADV") and not ranking.mistagged_subject(doc[start]):
        return None
    return _complete(doc, start, end, hi, subject.i)


def _after_relative_phrase(doc: Doc, k: int, verb: Token, hi: int) -> int:
    """Where the subject may start in a relative clause that opens with a preposition ("…, bei dem
    Ministerin X sagte, …", "…, in dessen Folge das Gericht festgestellt hatte, …"): after the
    preposition, the relative pronoun and the noun a genitive one ("dessen", "deren") governs.
    The parser often reads the pronoun as the article of the subject. Only a clause whose verb
    comes last is one: "Bei dem Treffen sagte X" puts the verb second. Else ``k``."""
    if not (k + 2 < verb.i and doc[k].pos_ == "ADP" and doc[k].lower_ not in words("complementizers")
            and (doc[k + 1].lower_ in words("relative_pronouns") or doc[k + 1].lower_ in words("relative_objects"))):
        return k  # "Wie der Sprecher sagte": "wie" opens the clause, "der" is the subject's article
    if not _verb_last(doc, verb, hi):
        return k
    start = k + 2
    if doc[k + 1].lower_ in words("genitive_relatives"):
        while start < verb.i and doc[start].pos_ == "ADJ":
            start += 1
        start += 1  # "in dessen Folge"
    return start if start < verb.i else k


def _subordinating(doc: Doc, k: int, verb: Token, hi: int) -> bool:
    """``doc[k]`` is the conjunction opening the subordinate clause of ``verb`` ("Während X
    erklärte, …", "Nachdem X angekündigt hatte, …"), which the parser may hang on the subject
    as if it were a preposition. The clause is told by its verb coming last: before a
    comma or the end of ``[.., hi)``, with only auxiliaries after it. "Während der Sitzung
    sagte X" puts the verb second: there "während" is a preposition."""
    return doc[k].lower_ in words("adverbial_conjunctions") and _verb_last(doc, verb, hi)


def _verb_last(doc: Doc, verb: Token, hi: int) -> bool:
    """``verb`` ends its clause ``[.., hi)``, with only auxiliaries after it: a subordinate clause."""
    j = verb.i + 1
    while j < hi and doc[j].pos_ == "AUX":
        j += 1
    return j >= hi or doc[j].is_punct


def _may_be_subject(first: Token) -> bool:
    """A phrase opening with ``first`` can be a subject ("Den Anstieg …" is an object put first)."""
    if first.lower_ in words("not_nominative"):
        return False
    if first.pos_ == "DET":
        # outside "not_nominative" an accusative has the nominative's form ("einige Parteien"),
        # so the tagger's accusative is no evidence against a subject
        cases = first.morph.get("Case")
        return not cases or "Nom" in cases or "Acc" in cases
    return True


def passive(doc: Doc, verb: Token, lo: int, hi: int) -> bool:
    """``verb`` is a participle with a form of "werden" in its clause ("wurde aufgefordert").

    A verb of quoting is not: "X wird mit den Worten zitiert" reports X's words,
    its subject is the speaker and "von Y" only the medium.
    """
    participle = "Part" in verb.morph.get("VerbForm") or verb.tag_ in ("VVPP", "VAPP", "VMPP")
    if not participle and not verb.lower_.startswith("ge"):
        return False
    if verb.lower_ in words("quoting_verbs") or verb.lemma_.lower() in words("quoting_verbs"):
        return False
    return any(doc[k].lower_ in words("werden_forms") for k in range(lo, hi))


def _passive_agent(doc: Doc, verb: Token, lo: int, hi: int) -> tuple[int, int] | None:
    """Who speaks in the passive: "wird von der „Netzeitung“ zitiert", "wurde vom Sprecher bestätigt"."""
    for k in range(lo, hi):
        if doc[k].lower_ in words("of_prepositions") and k != verb.i:
            found = np_after(doc, k + 1, hi)
            if found is not None:
                return found
    return None


def _nominative(token: Token) -> bool:
    """The phrase headed by ``token`` may be a subject: no article marks it as an object.

    An article whose form is never nominative ("Ihren Gegner forderte sie auf") decides
    before any case the tagger guessed for the noun, which the parser then followed."""
    if _partitive(token):
        return True  # "Einer der Zeugen": the genitive, not the pronoun's ambiguous form, is tagged
    cases = set(token.morph.get("Case"))
    for child in token.children:
        if child.pos_ == "DET" and child.i < token.i:
            if child.lower_ in words("not_nominative"):
                return False
            cases |= set(child.morph.get("Case"))
    return not cases or "Nom" in cases


def _complete(doc: Doc, start: int, end: int, hi: int, head: int) -> tuple[int, int]:
    """A parsed phrase with a missed apposition added and a relative or content clause removed."""
    for k in range(head + 1, end - 1):
        if doc[k].text == "," and (_relative_clause_at(doc, k + 1, end) or doc[k + 1].lower_ in words("complementizers")):
            return start, k  # "der Sender, Radio Vatikan, dass die Enzyklika …": the parser hung the clause on it
    for k in range(start + 1, end):
        if doc[k].lower_ in words("adverbial_prepositions"):
            end = k  # "Hongkongs Chief Executive C.Y. Leung am Sonntag", even when the parser made "Sonntag" the head
            break
        if doc[k].pos_ == "DET" and doc[k - 1].pos_ == "PROPN" and doc[k - 1].i >= head \
                and doc[k].lower_ not in words("genitive_only"):
            end = k  # a name takes no genitive: "sagte Peskow der Staatsagentur TASS"
            break
        if k - 1 >= head and _next_after_name(doc[k - 1], doc[k]):
            end = k  # "zitiert die „Zeitung“ Meyer": the parser hung the object on the name
            break
    longer = np_after(doc, start, hi)
    if longer is not None and longer[1] > end:
        return longer  # the parser left out a name or apposition ("Nato-Generalsekretär Jens Stoltenberg")
    if end < hi and doc[end].text == ",":
        appositive = _apposition_end(doc, end + 1, hi)
        if appositive is not None:
            return start, appositive
    return start, end


def _relative_clause_at(doc: Doc, k: int, end: int) -> bool:
    """A relative clause opens at ``k``: a relative pronoun not followed by its noun ("…, der
    gestern sagte", not the apposition "…, der Sprecher"), or one whose form is genitive only,
    which a noun follows inside the clause ("…, dessen Behörde zuständig ist")."""
    token = doc[k]
    if token.lower_ not in words("relative_pronouns"):
        return token.pos_ == "ADP" and k + 1 < end and doc[k + 1].lower_ in words("relative_pronouns")  # ", mit dem …"
    following = doc[k + 1] if k + 1 < end else None
    if following is None or token.lower_ in words("genitive_relatives"):
        return True
    return not (following.pos_ in ("ADJ", "NOUN", "PROPN") or (not following.pos_ and following.is_title))


def addressee_mention(doc: Doc, verb: Token, lo: int, hi: int, scheme: syntax.Scheme | None,
                      taken: tuple[int, int] | None) -> tuple[int, int] | None:
    """Whom the statement was made to: "(gegenüber) Journalisten", "sagte dem Tagesspiegel".

    As in the corpus annotation, the preposition "gegenüber" is not part of it."""
    for j in range(lo, hi):
        if doc[j].lower_ == "gegenüber":
            found = np_after(doc, j + 1, hi)
            if found is not None and not _overlaps(found, taken):
                return found
    dative = syntax.dative_of(verb, scheme)
    if dative is not None and lo <= dative.i < hi:
        start, end = syntax.phrase(dative, lo, hi)
        if not _overlaps((start, end), taken) and verb.i not in range(start, end):
            return start, end
    j = verb.i + 1
    while j < hi and (doc[j].pos_ == "PRON" and doc[j].lower_ in words("personal_pronouns") or doc[j].pos_ == "AUX"):
        j += 1
    if taken is not None and taken[0] == j:
        j = taken[1]  # "sagte Merkel der Zeitung"
    if j < hi and (doc[j].lower_ in words("dative_articles") or doc[j].pos_ == "DET" and "Dat" in doc[j].morph.get("Case")):
        found = np_after(doc, j, hi)
        if found is not None and not _overlaps(found, taken):
            return found
    for j in range(lo, hi - 1):
        # "sagte vor Journalisten", "erklärte vor der Presse"
        if doc[j].lower_ == "vor" and j != verb.i:
            found = np_after(doc, j + 1, hi)
            if found is not None and not _overlaps(found, taken):
                head = doc[found[1] - 1]
                if source_kind(head) in ("role", "org") or head.lower_ in words("audiences"):
                    return found
    return None


def _inside(i: int, rng: tuple[int, int] | None) -> bool:
    return rng is not None and rng[0] <= i < rng[1]


def _overlaps(a: tuple[int, int], b: tuple[int, int] | None) -> bool:
    return b is not None and a[0] < b[1] and b[0] < a[1]


def np_ending_at(doc: Doc, j: int, lo: int, scheme: syntax.Scheme | None = None) -> tuple[int, int] | None:
    """The noun phrase that ends right before token ``j`` ("ersten Angaben" of "… zufolge").

    With a parse it is the subtree of the noun ``doc[j]`` depends on (the
    postposition's noun); otherwise nominal tokens are collected leftwards.
    """
    if j <= lo:
        return None
    token = doc[j]
    if scheme is not None and token.head.i < j and token.head.pos_ in ("NOUN", "PROPN", "PRON"):
        start, end = syntax.phrase(token.head, lo, j)
        if end == j and start < end:
            return _one_phrase(doc, start, end), end
    s = j
    while s > lo:
        prev = doc[s - 1]
        if _nominal(prev) or prev.pos_ == "PRON" and prev.lower_ not in words("personal_pronouns") and (
                s == j or prev.lower_ not in words("object_pronouns")):  # "ihm zufolge", not "… sich ersten Angaben zufolge"
            s -= 1
        elif prev.lower_ in words("attaching_prepositions") and s - 1 > lo and _is_head_word(doc[s - 2]):
            s -= 1
        elif (prev.text == ")" or is_quote_mark(prev.text)) and s - 1 > lo:
            # a name in marks or brackets: walk to its opening mark
            k = s - 2
            while k > lo and not (doc[k].text == "(" or opens_quote(doc[k].text)):
                k -= 1
            if k >= lo and s - k < 10:
                s = k
            else:
                break
        else:
            break
    while s < j and not (_nominal(doc[s]) or doc[s].pos_ == "PRON" or doc[s].text == "(" or opens_quote(doc[s].text)):
        s += 1
    while s + 1 < j and _pronoun_before_possessive(doc[s], doc[s + 1]):
        s += 1  # "die seiner Ansicht nach", "was seiner Meinung nach": the pronoun is not part of the phrase
    last = doc[j - 1]
    if s >= j or not (_is_head_word(last) or last.lower_ in words("object_pronouns") or last.lower_ in words("dative_relatives")
                      or (last.text == ")" or closes_quote(last.text))):
        return None
    return _one_phrase(doc, s, j), j


def _one_phrase(doc: Doc, s: int, j: int) -> int:
    """Where the last noun phrase of ``[s, j)`` starts: the first start from which
    :func:`np_after` reads one phrase up to ``j``, else ``s``.

    Walking leftwards from a postposition, or taking the parser's subtree of its noun, collects
    whatever nominal words come before; but a source is one phrase, and the words before it
    belong to the clause: the subject after the verb ("sagte die Ministerin einigen Experten
    zufolge"), a focus adverb ("Auch dem Sender zufolge") or a relative pronoun ("was aber
    dem Zeugen zufolge").
    """
    for k in range(s, j):
        found = np_after(doc, k, j)
        if found is not None and found[1] == j and (k == s or _opens_new_phrase(doc, s, k)):
            return k
    return s


def _opens_new_phrase(doc: Doc, s: int, k: int) -> bool:
    """``doc[k]`` starts a phrase of its own after ``[s, k)``: it is a determiner, which no
    noun phrase has in its middle without a noun of its own ("die Ministerin einigen
    Experten"), or no noun or name comes before it ("Auch dem Sender"). Otherwise the phrase
    reader may just have stopped short inside one ("Afghanischen Behörden", a name in lower
    case after its noun)."""
    first = doc[k]
    if first.pos_ == "DET" or first.lower_ in words("determiners") or first.lower_ in words("quantifiers"):
        return True
    return not any(_is_head_word(doc[m]) for m in range(s, k))


def cue_speaker(doc: Doc, verb: Token, lemma: str | None, cue: tuple[int, ...], scheme: syntax.Scheme | None, *,
                subject: tuple[int, int], source: tuple[int, int], opener: tuple[int, int] | None = None,
                exclude: tuple[int, int] | None = None) -> tuple[int, int] | None:
    """Who speaks through the verb cue ``verb``, from its candidate sources in their order of trust.

    First the verb's subject, looked for in ``subject``; else, for a cue that
    names no one ("es heißt", an agentless passive), the source named in
    ``source`` ("in einem Bericht der X"); else a name or role opening
    ``opener`` ("X, zuständig für Y, betonte"), which an impersonal cue ("es
    heißt", "verlautete", word class ``impersonal_cues``) or a passive does not
    take: there the opener is what was spoken about.
    Nothing inside ``exclude`` (the quote itself) is taken.
    """
    speaker = quoted_object(doc, verb, lemma, *subject, scheme, exclude)
    if speaker is None:
        speaker = subject_mention(doc, verb, *subject, scheme, exclude=exclude)
    if speaker is None:
        speaker = source_of_subjectless(doc, verb, lemma, *source, cue)
    if (speaker is None and opener is not None and opener[0] < opener[1] and lemma not in words("impersonal_cues")
            and not passive(doc, verb, opener[0], source[1])):
        named = named_mention(doc, *opener)
        if named is not None and not (exclude is not None and named[0] < exclude[1] and exclude[0] < named[1]):
            speaker = named
    return speaker


def quoted_object(doc: Doc, verb: Token, lemma: str | None, lo: int, hi: int, scheme: syntax.Scheme | None,
                  exclude: tuple[int, int] | None) -> tuple[int, int] | None:
    """Whose words an active quoting verb passes on: its accusative object ("Die Zeitung zitiert
    den Minister mit den Worten …", "Reuters zitierte einen Sprecher"). The subject is only the
    medium that quotes; without an object ("Der Sender zitiert aus dem Bericht") it speaks itself."""
    if lemma not in words("quoting_verbs") or passive(doc, verb, lo, hi):
        return None
    head = syntax.accusative_of(verb, scheme)
    if head is None or not lo <= head.i < hi or _inside(head.i, exclude) or head.pos_ not in ("NOUN", "PROPN"):
        return None
    return _complete(doc, *syntax.phrase(head, lo, hi), hi, head.i)


def source_of_subjectless(doc: Doc, verb: Token, lemma: str | None, lo: int, hi: int,
                          cue: tuple[int, ...]) -> tuple[int, int] | None:
    """Who speaks when the cue names no one: an impersonal cue ("es heißt", "aus Kreisen X
    verlautete") or a passive without agent ("wurde gefordert", "werde geschätzt"). The source
    is where it was said ("in einem Bericht der X").
    In the passive the phrase must name a statement, a person or an organization: "wurde in
    Berlin bekannt gegeben" names only where."""
    if lemma in words("impersonal_cues"):
        return impersonal_source(doc, lo, hi, cue)
    if not passive(doc, verb, lo, hi):
        return None
    found = impersonal_source(doc, lo, hi, cue)
    if found is None:
        return None
    tokens = doc[found[0]:found[1]]
    if any(t.ent_type_ in PERSON_LABELS or t.ent_type_ in ORG_LABELS or source_kind(t) is not None for t in tokens):
        return found
    return None


def impersonal_source(doc: Doc, lo: int, hi: int, cue: tuple[int, ...]) -> tuple[int, int] | None:
    """The source of an impersonal cue: "in einer Erklärung der NATO heißt es", "…, hieß es aus Kreisen".

    As the corpus annotates it, the noun phrase without its preposition.
    """
    for k in range(lo, hi):
        if doc[k].lower_ in words("source_prepositions") and k not in cue:
            found = np_after(doc, k + 1, hi)
            if found is not None:
                return found
    return None


def attribution_source(an: Analysis, k: int, role: str, lo: int, hi: int) -> tuple[int, int] | None:
    """The source the attribution word at ``k`` cites inside ``[lo, hi)``, by its role in
    ``attribution_words.txt``: after a preposition ("laut X"), before a postposition ("X
    zufolge"), or the owner of a statement noun ("nach Angaben von X", "seiner Ansicht nach")."""
    if role == "prep_before":
        return preposition_source(an.doc, k, hi)
    if role == "post_after":
        return postposition_source(an.doc, k, lo, an.scheme)
    if role == "noun_prep":
        return statement_owner(an, k, lo, hi)
    return None


def preposition_source(doc: Doc, k: int, hi: int) -> tuple[int, int] | None:
    """The source a preposition of attribution at ``k`` cites ("laut der Polizei", "gemäß dem
    Bericht"): the noun phrase after it, up to ``hi``, without the preposition, as the corpus
    marks it. The preposition governs a dative or genitive, so no case rules the phrase out."""
    return np_after(doc, k + 1, hi)


def postposition_source(doc: Doc, k: int, lo: int, scheme: syntax.Scheme | None) -> tuple[int, int] | None:
    """The source a postposition at ``k`` cites ("der Polizei zufolge", "ihm zufolge"): the noun
    phrase ending right before it, from ``lo`` on."""
    return np_ending_at(doc, k, lo, scheme)


def statement_owner(an: Analysis, k: int, lo: int, hi: int) -> tuple[int, int] | None:
    """Whose statement "nach" at ``k`` cites, within ``[lo, hi)``: "nach Angaben der Polizei",
    "nach palästinensischen Angaben", "nach deren Angaben", "seiner Ansicht nach".

    As the corpus marks it, the source is the statement noun with its owner ("Angaben der
    Polizei"), without the preposition. "nach" cites someone only with a statement noun of the
    cue noun lexicon and a phrase that can be the dative it governs ("die Hoffnung nach
    Überlebenden" cites no one). Before the noun the whole phrase is the first candidate; where
    none is read ("nach deren Angaben") the words up to the statement noun are.
    """
    doc = an.doc
    j = k + 1
    while j < hi and j < k + 5 and not _statement_noun(an, doc[j]) and (
            doc[j].pos_ in ("DET", "ADJ", "PRON", "NUM") or doc[j].pos_ == "PROPN" and doc[j].lower_.endswith("s")):
        j += 1  # "nach Angaben", "nach palästinensischen Angaben", "nach Grupps Meinung"
    if k + 1 < hi and _dative(doc[k + 1]) and j < hi and _statement_noun(an, doc[j]):
        return np_after(doc, k + 1, hi) or (k + 1, j + 1)
    # "seiner Ansicht nach", not "die Forderung nach mehr Geld"
    if k > lo and an.lex.is_cue_noun(doc[k - 1].text) and doc[k - 1].lower_ not in words("nach_complement_nouns"):
        found = np_ending_at(doc, k, lo, an.scheme)
        if found is not None and _dative(doc[found[0]]):
            return found
    return None


def _statement_noun(an: Analysis, token: Token) -> bool:
    """``token`` is a statement noun of the cue noun lexicon ("Angaben", "Polizeiangaben").

    A capitalised word counts whatever its tag: taggers take compounds with an
    abbreviation ("UNHCR-Angaben") for adjectives.
    """
    return an.lex.is_cue_noun(token.text) and (token.pos_ in ("NOUN", "PROPN", "") or token.text[:1].isupper())


def _dative(first: Token) -> bool:
    """A phrase opened by ``first`` can be the dative that "nach" governs.

    "nach Angaben der Polizei" and "seiner Meinung nach" name a source;
    "die Bedingung nach einem Speicher" or "Die Hoffnung nach Überlebenden"
    cannot: the phrase is no dative, so "nach" is an ordinary preposition.
    """
    return first.lower_ not in words("not_dative")


def antecedent_source(doc: Doc, comma: int, lo: int, scheme: syntax.Scheme | None) -> tuple[int, int] | None:
    """The source a clause after ``comma`` refers back to ("ein Bericht, wonach …", "Gerüchte,
    nach denen …"): the noun phrase ending at the comma, from ``lo`` on."""
    return np_ending_at(doc, comma, lo, scheme)


def so_source(an: Analysis, k: int, lo: int, hi: int) -> tuple[int, int] | None:
    """The source X of "…, so X." at the "so" ``k`` in the sentence ``[lo, hi)``: a noun phrase
    with no verb after it, which attributes the sentence before the comma (a verb after it makes
    "so" an adverb: "so wurde …")."""
    doc = an.doc
    if k - 1 <= lo or doc[k - 1].text != ",":
        return None
    speaker = np_after(doc, k + 1, hi)
    if speaker is None:
        return None
    for i in range(speaker[1], hi):
        if doc[i].text in (",", ":", ";") and not an.in_marks[i]:
            break  # "…, so X weiter: „…“"
        if doc[i].pos_ in ("VERB", "AUX"):
            return None
    return speaker


def named_mention(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """The noun phrase opening ``[start, end)`` if it names a person or organization.

    Used for quotes without a cue: the sentence before usually introduces
    the speaker ("Sadiq Khan verurteilte die Haltung der Regierung. „…“").
    """
    found = np_after(doc, start, end)
    if found is None or not _may_be_subject(doc[found[0]]):
        return None
    head = doc[found[1] - 1]
    if head.pos_ == "PROPN" or source_kind(head) in ("role", "org") or head.lower_ in words("third_person_pronouns"):
        return found
    return None


def sentence_source(an: Analysis, sent: Span) -> ranking.Candidate | None:
    """Who the sentence ``sent`` is about, when that may be who speaks next.

    A Konjunktiv sentence or a quotation without a cue of its own often
    continues the sentence before it ("X sprach sich gegen … aus. Zwar sei …",
    "Sadiq Khan verurteilte die Haltung. „…“"): the phrase opening it, else
    the subject of its first verb ("Zugleich warnte Stoltenberg …"),
    whichever first names a source.
    """
    doc = an.doc
    verb = next((i for i in range(sent.start, sent.end) if doc[i].pos_ in ("VERB", "AUX")), None)
    subject = subject_mention(doc, doc[verb], sent.start, sent.end, an.scheme) if verb is not None else None
    opener = named_mention(doc, sent.start, sent.end)
    return ranking.best(doc, (
        ranking.Candidate(*opener, "opener") if opener is not None else None,
        ranking.Candidate(*subject, "subject") if subject is not None else None,
    ))
