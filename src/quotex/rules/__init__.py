"""Attribution rules: small pure functions over one analysed document.

Modules are named for what they find: quotation marks, cues, direct quotes,
indirect quotes, free indirect speech, mentions, speakers, organizations,
media; ``syntax`` hides the label scheme of the parser (UD or TIGER, or none)
and ``lexicon`` is the one registry of the word lists in ``quotex/lexicons``.

How a document flows (:func:`attribute`):

1. ``document.Analysis.of`` analyses the Doc once: sentences, quotation
   marks, the label scheme, Konjunktiv and cue screening.
2. ``direct``, ``indirect`` and ``free_indirect`` find quotes as
   ``document.Found``: token ranges for the quote, its speaker, cue and
   addressee. Speakers come from ``mentions`` (the candidate sources: the
   cue's subject, the source of "laut X"/"X zufolge"/"nach Angaben X", the
   sentence opener, ...) and are screened by the named criteria of ``ranking``.
3. The stages after them read and write the same ``Found``: the merge of
   direct and indirect quotes, the speakers of quotations without a cue,
   the frame, ``speakers`` (who a mention names), ``media`` and
   ``organizations``.
4. ``Analysis.record`` turns each ``Found`` into a character-span
   ``records.Quote``, once, as the quotes leave the component.
"""

from __future__ import annotations

import bisect
from dataclasses import replace

from spacy.tokens import Doc

from quotex.records import Quote
from quotex.rules.lexicon import Lexicons, using
from quotex.rules.lexicon import words as lexicon_words
from quotex.rules.direct import find_direct, name_like
from quotex.rules.document import Analysis, Found, Range, Settings
from quotex.rules.free_indirect import find_free_indirect
from quotex.rules.indirect import find_indirect
from quotex.rules.media import with_media
from quotex.rules.organizations import attach_organizations
from quotex.rules.speakers import referents, resolve_speakers, standalone_quotation_speakers

__all__ = ["Lexicons", "Settings", "attribute"]


def _overlap(a: Found, b: Found) -> int:
    return max(0, min(a.last, b.last) - max(a.first, b.first))


class _Index:
    """Quotes sorted by position, to find the ones around a token range in logarithmic time.

    Quotes of one kind barely overlap each other, so the candidates for a range
    are the few that start at most ``_REACH`` quotes before it.
    """

    _REACH = 3

    def __init__(self, found: list[Found]) -> None:
        self.found = sorted(found, key=lambda f: f.first)
        self.starts = [f.first for f in self.found]

    def around(self, first: int, last: int) -> list[Found]:
        k = bisect.bisect_right(self.starts, last)
        return [f for f in self.found[max(0, k - self._REACH):k] if f.last > first or f.first == first]


def _own_clause(an: Analysis, own: list[int]) -> bool:
    """The words of reported speech outside its quotation make a clause of their own with a
    verb ("er sei „…“", "ihr lägen „…“"): the corpus keeps that clause as a quote beside the
    quotation it holds, where a bare attribution ("laut X „…“") only lends the quotation its source."""
    return len(own) >= 2 and any(an.doc[i].pos_ in ("VERB", "AUX") or an.konj[i] for i in own)


def _merge(an: Analysis, direct: list[Found], indirect: list[Found]) -> list[Found]:
    """Direct and indirect quotes, without the same words reported twice.

    An indirect rule that fires on a sentence made of a quotation ("laut X
    „…“") lends its speaker and cue to the direct quote instead; reported
    speech that only contains a quotation ("X sagte, es sei „…“") stays,
    next to the quotation.
    """
    hosts = _Index([f for f in indirect if f.speaker is not None])
    result = list(direct)
    for index, d in enumerate(result):
        if d.speaker is not None:
            continue
        # a quotation inside reported speech ("X sagte, es sei „…“") is X's
        host = next((f for f in hosts.around(d.first, d.last) if f.first <= d.first and d.last <= f.last + 1), None)
        if host is not None:
            result[index] = replace(d, speaker=host.speaker, cue=host.cue, lemma=host.lemma)
    directs = _Index(result)
    position = {id(f): i for i, f in enumerate(result)}
    for found in indirect:
        own = [i for i in range(found.first, found.last) if not an.in_marks[i] and not an.doc[i].is_punct]
        twin = None
        if len(own) < 3 and not _own_clause(an, own):
            twin = next((d for d in directs.around(found.first, found.last)
                         if _overlap(d, found) * 2 > found.last - found.first), None)
        if twin is None:
            result.append(found)
            continue
        if twin.speaker is None and found.speaker is not None:
            result[position[id(twin)]] = replace(twin, speaker=found.speaker, cue=found.cue, lemma=found.lemma,
                                                 addressee=found.addressee)
    # a name in quotation marks that is a speaker („Computerwoche“) is no quote
    speakers = sorted(f.speaker.span for f in result if f.speaker is not None and f.speaker.end > f.speaker.start)
    starts = [start for start, _ in speakers]

    def in_speaker(f: Found) -> bool:
        begin, end = f.quote[0][0], f.quote[-1][1]
        k = bisect.bisect_right(starts, begin)
        return any(speakers[j][1] >= end for j in range(max(0, k - _Index._REACH), k))

    result = [f for f in result if f.type != "direct" or not in_speaker(f)]
    result.sort(key=lambda f: f.first)
    return result


def _wording(an: Analysis, m) -> bool:
    """The marks hold someone's wording rather than a name: a lower-case word, or a longer phrase."""
    words = [an.doc[i] for i in range(m.start, m.end) if not an.doc[i].is_punct]
    return any(w.is_lower for w in words) or len(words) >= 3 and not any(w.pos_ in ("PROPN", "X") for w in words)


def _partial_quotes(an: Analysis, found: list[Found]) -> list[Found]:
    """Words in quotation marks inside reported speech: the speaker's own words ("sei „verständlich“"),
    in a sentence with its cue or in one that continues it ("Auch habe die „veränderte Statik“ …")."""
    taken = {f.first for f in found if f.type == "direct"}
    hosts = _Index([f for f in found if f.type in ("indirect", "indirect_free_indirect")
                    and f.speaker is not None])
    added: list[Found] = []
    for m in an.marked:
        if m.start in taken or name_like(an, m) or not _wording(an, m):
            continue
        host = next((f for f in hosts.around(m.start, m.end) if f.first <= m.start and m.end <= f.last + 1), None)
        if host is not None:
            added.append(Found(((m.start, m.end),), "direct", m.start, m.end, host.speaker, host.cue, host.lemma))
    return added


#: What closes the attributing sentence and is no part of its frame.
_CLOSING = frozenset(".!?")


def _clause_around(an: Analysis, first: int, last: int, lo: int, hi: int, quoted: bytearray) -> Range:
    """The tokens of the sentence ``[lo, hi)`` that attribute: the sentence cut at a colon or
    semicolon before the cue (token ``first``) and at a semicolon after it (``last``), outside
    quotations (``quoted``: 1 per token of any quote). "Ein Umstand kommt hinzu: Wie sich
    ergab, …" attributes only after its colon; a colon after the cue opens the quote it
    attributes and stays. Only colons that are words cut: "10:05" or an address is no boundary."""
    doc = an.doc
    cut = next((j for j in range(first - 1, lo - 1, -1) if doc[j].text in (":", ";") and not quoted[j]), None)
    if cut is not None:
        lo = cut + 1
    cut = next((j for j in range(last + 1, hi) if doc[j].text == ";" and not quoted[j]), None)
    return lo, hi if cut is None else cut


def _with_frame(an: Analysis, found: Found, quoted: bytearray) -> Found:
    """``found`` with its frame: the words of the attributing sentence outside the quotes.

    The frame is what the corpus calls the sentence around the quote that
    carries cue and speaker ("Die Botschaft teilte dem Sender CNN mit,"):
    not the words of any quote (``quoted``: 1 per token of any of them; a few
    words quoted inside reported speech leave that speech out of the frame),
    nor the full stop that closes the sentence.
    """
    if found.cue:
        anchor = sorted(found.cue)
    else:
        anchor = [] if found.speaker is None else list(range(found.speaker.start, found.speaker.end))
    if not anchor or found.type not in ("direct", "indirect") or not an.sents:
        return found
    doc = an.doc
    lo, hi = an.sents[an.sent_of[anchor[0]]].start, an.sents[an.sent_of[anchor[-1]]].end
    lo, hi = _clause_around(an, anchor[0], anchor[-1], lo, hi, quoted)
    end = hi
    while end > lo and doc[end - 1].is_space:
        end -= 1
    if end > lo and doc[end - 1].text in _CLOSING and not quoted[end - 1]:
        hi = end - 1
    runs: list[Range] = []
    for i in range(lo, hi):
        if quoted[i]:
            continue
        if runs and runs[-1][1] == i:
            runs[-1] = (runs[-1][0], i + 1)
        else:
            runs.append((i, i + 1))
    return replace(found, frame=tuple(runs)) if runs else found


def attribute(doc: Doc, lexicons: Lexicons | None = None, settings: Settings | None = None) -> list[Quote]:
    """All quotes of ``doc``, in text order, with speakers and organizations."""
    if len(doc) == 0:
        return []
    settings = settings or Settings()
    lexicons = lexicons or Lexicons.from_package()
    with using(lexicons):
        return _attribute(doc, lexicons, settings)


def _attribute(doc: Doc, lexicons: Lexicons, settings: Settings) -> list[Quote]:
    an = Analysis.of(doc, lexicons, settings)
    found = _merge(an, find_direct(an), find_indirect(an))
    found.sort(key=lambda f: f.first)
    found = standalone_quotation_speakers(an, found)
    cue_sentences = {an.sent_of[f.first] for f in found if f.cue}
    found.extend(find_free_indirect(an, found, cue_sentences))
    found.extend(_partial_quotes(an, found))
    found.sort(key=lambda f: f.first)
    quoted = an.quoted_tokens(found)
    found = [_with_frame(an, f, quoted) for f in found]
    found = [_without_impersonal_speaker(an, f) for f in found if f.type in settings.types]
    speakers = referents(an, found)
    found = resolve_speakers(an, found, speakers)
    found = attach_organizations(an, with_media(an, found), speakers)
    return [an.record(f) for f in found]


def _without_impersonal_speaker(an: Analysis, f: Found) -> Found:
    """"man" is never a speaker: "man geht davon aus, dass …" says what is generally assumed."""
    mention = None if f.speaker is None else an.doc[f.speaker.start:f.speaker.end].text
    if mention is not None and mention.lower() in lexicon_words("impersonal_pronouns"):
        return replace(f, speaker=None)
    return f
