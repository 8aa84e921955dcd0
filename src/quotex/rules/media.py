"""The medium of a quote: said, written or thought, in the corpus' classes.

The cue says it first ("sagte" is said, "schrieb" written, "glaubt" may be
only thought; ``media.txt``). Many cues leave the channel open ("erklärte",
"laut", "teilte mit"); then the attributing sentence often names it ("im
Interview", "auf seiner Website"), and else who made the statement is the
best guess left: a person most often speaks, an institution issues a
release, and words quoted verbatim from anyone else were most often
spoken. A continuation without a cue of its own was made the way the
quote it continues was; a quote with neither, the way its speaker's
usually are.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from quotex.records import join_spans
from quotex.rules.cues import medium_of
from quotex.rules.document import Analysis, Found

#: The class of a cue that leaves open whether it was said or written.
OPEN = "speech_or_writing"
#: How many words may stand between a preposition and its noun ("zu dem gestern veröffentlichten Bericht").
TOPIC_PHRASE = 5


def with_media(an: Analysis, quotes: list[Found]) -> list[Found]:
    """Each quote with its medium: its cue's, else that of the quote it continues, else its speaker's usual one.

    A continuation without a cue ("„…“ Und weiter: „…“") was made the way the
    quote it continues was: by the same speaker, or by the last speaker when
    it names none.
    """
    result: list[Found] = []
    last: Found | None = None
    #: the medium of the last quote with a cue per speaker mention and per speaker name
    made: dict[object, str | None] = {}
    for q in quotes:
        medium = cue_medium(an, q)
        if medium is None and last is not None and same_speaker(q, last):
            medium = last.medium
        if medium is None and q.speaker is not None:
            # the quote it continues is not the last one ("X sagte … Y widersprach … X: „…“")
            medium = made.get(q.speaker.span) or (made.get(q.speaker.name) if q.speaker.name else None)
        if medium is None:
            medium = usual_medium(an, q)
        q = replace(q, medium=medium)
        if q.cue:
            last = q
            if q.speaker is not None:
                made[q.speaker.span] = medium
                if q.speaker.name:
                    made[q.speaker.name] = medium
        result.append(q)
    return result


def cue_medium(an: Analysis, q: Found) -> str | None:
    """The medium ``q``'s cue reports, with an open channel decided by the sentence or the source."""
    words = join_spans(an.text, list(an.token_parts(q.cue))) if q.cue else None  # as the record's cue.text
    medium = medium_of(words, q.lemma, an.lex) or q.medium
    if words is None or not leaves_channel_open(an, words, q.lemma, medium):
        return medium
    return (source_statement(an, q) or named_channel(an, q) or written_source(an, q)
            or ("speech" if said_aloud(q) else medium))


def leaves_channel_open(an: Analysis, cue: str, lemma: str | None, medium: str | None) -> bool:
    """The cue does not say whether it was said or written: an open cue ("erklärte", "laut"), or
    one ``media.txt`` does not list ("kritisierte"), whose medium is only the lexicon's default."""
    if medium == OPEN:
        return True
    words = [*cue.lower().split(), (lemma or "").lower()]
    return not any(word in an.lex.media for word in words)


def named_channel(an: Analysis, q: Found) -> str | None:
    """The medium of the channel noun in the attributing sentence nearest the cue, if one is named.

    "erklärte er in einem Interview" was said, "teilte die Firma auf ihrer
    Website mit" written: the sentence names the channel the cue leaves open.
    """
    if not q.frame or not q.cue:
        return None
    cue_at = an.doc[min(q.cue)].idx
    best: tuple[int, str] | None = None
    for token in (an.doc[i] for first, last in q.frame for i in range(first, last)):
        named = _noun(token) and not in_topic_phrase(an, token)
        medium = an.lex.noun_medium(token.text, "channel") if named else None
        if medium is not None and (best is None or abs(token.idx - cue_at) < best[0]):
            best = (abs(token.idx - cue_at), medium)
    return best[1] if best is not None else None


def in_topic_phrase(an: Analysis, noun: Token) -> bool:
    """``noun`` is in a phrase of a preposition that names a topic or an addressee: "sagte gegenüber
    der Zeitung", "äußerte sich zu dem Schreiben" say whom the statement was made to or what it is
    about, not that it was made in a newspaper or a letter."""
    for token in reversed(an.doc[max(an.sents[an.sent_of[noun.i]].start, noun.i - TOPIC_PHRASE):noun.i]):
        if token.lower_ in an.lex.words("topic_prepositions"):
            return True
        # the phrase ends at a word outside a noun phrase; without tags, at a capitalized noun
        if token.is_punct or token.pos_ in ("NOUN", "PROPN", "VERB", "AUX", "ADP") or not token.pos_ and _noun(token):
            return False
    return False


def source_statement(an: Analysis, q: Found) -> str | None:
    """The medium of a statement noun heading the source, when it says more than the open class:
    "laut ihren Aussagen" was said, "seiner Meinung nach" may only be thought."""
    if q.speaker is None:
        return None
    for word in an.doc[q.speaker.start:q.speaker.end].text.split():
        medium = an.lex.statement_medium(word)
        if medium is not None:
            return medium if medium != OPEN else None
    return None


def written_source(an: Analysis, q: Found) -> str | None:
    """``writing`` when the source is a document, a publication or a web address ("laut dem
    Entwurf", "nach Angaben der Zeitung", "laut tagesschau.de"): none of them speaks."""
    if q.speaker is None:
        return None
    for token in an.doc[q.speaker.start:q.speaker.end]:
        if token.like_url or _noun(token) and an.lex.noun_medium(token.text, "source") == "writing":
            return "writing"
    return None


def _noun(token: Token) -> bool:
    # German nouns are capitalized; a capitalized verb opens a sentence ("Schreiben Sie …")
    return token.text[:1].isupper() and token.pos_ not in ("VERB", "AUX")


def said_aloud(q: Found) -> bool:
    """With nothing naming the channel, ``q`` was most likely made aloud: a person states it, or it
    is quoted word for word from anyone but an institution."""
    return person_states(q) or verbatim(q) and not institution_states(q)


def verbatim(q: Found) -> bool:
    """``q`` is direct speech ("wörtliche Rede"): the words as someone spoke them, which news quote
    from interviews, speeches and press conferences; an institution's words come from a release as
    often, and are kept open."""
    return q.type == "direct"


def person_states(q: Found) -> bool:
    """A person, not an institution, is the source of a statement whose cue leaves the channel
    open ("erklärte die Ministerin", "teilte er mit", "laut dem Minister"): a person's statement
    in the news is most often made aloud (an interview, a press conference), an institution's
    in a release, which keeps the open class."""
    return q.speaker is not None and q.speaker.label == "PER"


def usual_medium(an: Analysis, q: Found) -> str | None:
    """How ``q``'s speaker's statements are usually made, for a quote without a cue that continues
    no earlier quote of its speaker ("Die Ministerin: „…“"): aloud when ``said_aloud``, else in the
    channel the lexicon gives a cue that names none. Without a speaker that is the open class too:
    the words were made somehow, and nothing says whether aloud or in writing."""
    return "speech" if said_aloud(q) else an.lex.media.get("*")


def institution_states(q: Found) -> bool:
    """An institution (a ministry, a company, a court) is the source of ``q``."""
    return q.speaker is not None and q.speaker.label == "ORG"


def same_speaker(q: Found, previous: Found) -> bool:
    """``q`` continues ``previous``: it names no speaker, or the same mention or person."""
    if q.speaker is None:
        return True
    if previous.speaker is None:
        return False
    return (q.speaker.span == previous.speaker.span
            or q.speaker.name is not None and q.speaker.name == previous.speaker.name)
