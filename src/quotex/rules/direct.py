"""Direct quotes: speech in quotation marks, with the cue and speaker around it.

A quotation is attributed by the clause right after it („…“, sagte X /
„…“, so X), by the clause before it (X sagte: „…“ / X: „…“), or by a cue
verb elsewhere in its sentence (X bezeichnete das als „…“). Names and
titles in quotation marks are no quotes unless a speaker is said to use
them; other short quotations that nothing attributes are scare quotes and
are dropped; longer ones continue the quote of the speaker just before them.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from quotex.rules import lexicon, mentions, ranking
from quotex.rules.cues import VerbCue, find_verb_cue
from quotex.rules.document import Analysis, Found, Marked, Mention
from quotex.rules.syntax import kept_period_ends_sentence

_FINAL = frozenset({".", "!", "?", ";"})
#: a cue in brackets belongs to the bracket ("(Wikinews berichtete)"), not to a quotation outside
_BRACKETS = frozenset({"(", ")"})
_LOOKAROUND = 40
#: how far a cue verb may stand from a short quotation it attributes
_NEAR = 20


@dataclass(frozen=True)
class Attribution:
    """Who said a quotation, found in the clause around it (token ranges)."""

    cue: tuple[int, ...]
    lemma: str | None
    speaker: tuple[int, int] | None
    addressee: tuple[int, int] | None
    #: first token after the attributing clause (to find „…“, sagte X, „…“)
    after: int


def _ends_sentence(an: Analysis, token: Token) -> bool:
    """A sentence mark, or a line break between sentences (not one inside a wrapped sentence)."""
    if token.text in _FINAL or kept_period_ends_sentence(token):
        return True
    # whitespace between sentences counts to the sentence before it, past its end
    return "\n" in token.text and (not an.sents or token.i >= an.sents[an.sent_of[token.i]].end)


def clause_end(an: Analysis, j: int) -> int:
    """End of the clause that starts at ``j``: the next sentence mark, line break or quotation."""
    doc = an.doc
    limit = min(len(doc), j + _LOOKAROUND)
    while j < limit:
        token = doc[j]
        if an.in_marks[j]:
            end = an.short_marked.get(j)
            if end is None:
                return j
            j = end  # a name in quotation marks („Computerwoche“) belongs to the clause
            continue
        if _ends_sentence(an, token):
            return j
        j += 1
    return j


def clause_start(an: Analysis, i: int) -> int:
    """Start of the clause that ends before ``i`` (scanning left)."""
    doc = an.doc
    limit = max(0, i - _LOOKAROUND)
    while i > limit:
        token = doc[i - 1]
        if an.in_marks[i - 1]:
            start = an.short_marked_end.get(i)
            if start is None:
                return i
            i = start  # a name in quotation marks („Netzeitung“) belongs to the clause
            continue
        if _ends_sentence(an, token):
            return i
        i -= 1
    return i


def verb_attribution(an: Analysis, cue: VerbCue, lo: int, hi: int, quote: tuple[int, int]) -> Attribution:
    """Speaker and addressee of ``cue`` inside the clause ``[lo, hi)``."""
    doc = an.doc
    speaker = mentions.cue_speaker(doc, cue.verb, cue.lemma, cue.tokens, an.scheme, subject=(lo, hi), source=(lo, hi),
                                   opener=(lo, cue.verb.i), exclude=quote)
    addressee = mentions.addressee_mention(doc, cue.verb, lo, hi, an.scheme, speaker)
    # the "als" of a judgement ("bezeichnete die Investition als „strategisch“") introduces the next
    # quotation rather than ending the attributing clause
    said = [t for t in cue.tokens if doc[t].lower_ != "als"]
    last = max([*said, speaker[1] - 1 if speaker else lo, addressee[1] - 1 if addressee else lo])
    return Attribution(cue.tokens, cue.lemma, speaker, addressee, last + 1)


def _after(an: Analysis, m: Marked) -> Attribution | None:
    doc = an.doc
    j = m.end
    if j < len(doc) and doc[j].text in (",", "–", "—", "-"):
        j += 1
    hi = clause_end(an, j)
    if j >= hi:
        return None
    token = doc[j]
    stop = min(hi + 1, len(doc))
    cue = find_verb_cue(token, an.lex, an.scheme, stop)
    if cue is None and token.pos_ == "AUX":
        for k in range(j + 1, hi):
            if doc[k].text == ",":
                break
            cue = find_verb_cue(doc[k], an.lex, an.scheme, stop)
            if cue is not None:
                cue = VerbCue(cue.verb, cue.lemma, tuple(sorted({j, *cue.tokens})), cue.reported)
                break
    if cue is not None:
        return verb_attribution(an, cue, j, hi, (m.start, m.end))
    if token.lower_ == "so" and j + 1 < hi:
        speaker = mentions.np_after(doc, j + 1, hi)
        if speaker is not None:
            return Attribution((j,), "so", speaker, None, speaker[1])
    return None


def _before(an: Analysis, m: Marked) -> Attribution | None:
    doc = an.doc
    i = m.start - 1
    while i >= 0 and doc[i].is_space:
        i -= 1
    if i < 0:
        return None
    introduced = doc[i].text == ":"
    if doc[i].text not in (":", ","):
        # "kommentierte „…“", "zitiert ihn mit den Worten „…“": the cue stands right before the marks
        if not (find_verb_cue(doc[i], an.lex, an.scheme, i + 1) or an.lex.is_cue_noun(doc[i].text)):
            return None
        i += 1
        introduced = True
    lo = clause_start(an, i)
    for k in range(i - 1, lo - 1, -1):
        cue = find_verb_cue(doc[k], an.lex, an.scheme, i + 1)
        if cue is not None:
            return verb_attribution(an, cue, lo, i, (m.start, m.end))
    if introduced:
        # "Merkel: „…“", "Punklady Nina Hagen zur neuen Heimat: „…“",
        # "Zypries sieht in dem Urteil eine Bestätigung: „…“": the clause introduces its subject as the speaker
        verb = next((k for k in range(lo, i) if doc[k].pos_ in ("VERB", "AUX")), None)
        chosen = ranking.best(doc, (
            _candidate(mentions.np_before(doc, i, lo), "opener"),
            _candidate(mentions.named_mention(doc, lo, i), "opener"),
            _candidate(mentions.subject_mention(doc, doc[verb], lo, i, an.scheme) if verb is not None else None, "subject"),
        ))
        if chosen is not None:
            return Attribution((), None, chosen.span, None, m.start)
    return None


def _candidate(found: tuple[int, int] | None, origin: str) -> ranking.Candidate | None:
    return None if found is None else ranking.Candidate(found[0], found[1], origin)


def _around(an: Analysis, m: Marked) -> Attribution | None:
    """A cue verb near the quotation in its sentence ("nannte das „…“", "als „…“ bezeichnete")."""
    doc = an.doc
    lo = max(clause_start(an, m.start), m.start - _NEAR)
    for k in range(m.start - 1, lo - 1, -1):
        if an.in_marks[k] or doc[k].text in _FINAL or doc[k].text in _BRACKETS:
            break
        cue = find_verb_cue(doc[k], an.lex, an.scheme, m.start)
        if cue is not None:
            return verb_attribution(an, cue, clause_start(an, k), m.start, (m.start, m.end))
    hi = min(clause_end(an, m.end), m.end + _NEAR)
    for k in range(m.end, hi):
        if an.in_marks[k] or doc[k].text in _FINAL or doc[k].text == "," or doc[k].text in _BRACKETS:
            break
        cue = find_verb_cue(doc[k], an.lex, an.scheme, hi)
        if cue is not None:
            return verb_attribution(an, cue, clause_start(an, m.start), clause_end(an, k), (m.start, m.end))
    return None




def _naming(an: Analysis, m: Marked) -> Attribution | None:
    """A naming verb in the quotation's clause that takes it as its predicate, after an indefinite
    article or "als" ("nannte den Plan einen „Wortbruch“", "bezeichnete es als „Fehler“"): what
    looks like a name is the word the speaker chose, a quote. A name the clause only mentions
    ("im Interview mit dem „Sender“") stays a name."""
    before = an.doc[m.start - 1].lower_ if m.start > 0 else ""
    if before not in lexicon.words("indefinite_articles") and before != "als":
        return None
    around = _around(an, m)
    return around if around is not None and around.lemma in lexicon.words("naming_verbs") else None


def name_like(an: Analysis, m: Marked) -> bool:
    """The quotation is a name or a title („Die Zeit“, „Bewegung für ein besseres Ungarn“).

    Tagged: only proper nouns inside. Untagged: several words, all capitalised
    but the small words of names. A quotation closed by a full stop, "!" or
    "?" inside the marks is a sentence („WOW.“), never a name.
    """
    doc = an.doc
    words = [doc[i] for i in range(m.start, m.end) if not doc[i].is_punct and not doc[i].is_space]
    if not words:
        return True
    if any(doc[i].text in _FINAL for i in range(m.start, m.end)):
        return False
    if all(w.pos_ for w in words) and all(w.pos_ in ("PROPN", "X", "NUM") or w.lower_ in lexicon.words("title_words") for w in words):
        return True
    capitalised = [w for w in words if w.lower_ not in lexicon.words("title_words")]
    if len(words) > 1 and capitalised and all(w.text[:1].isupper() or w.is_digit for w in capitalised):
        return True
    # a name after an article: "von der „Netzeitung“", "die Zeitung „Die Welt“"
    before = doc[m.start - 1] if m.start > 0 else None
    return (before is not None and before.pos_ in ("DET", "NOUN", "PROPN") and len(words) <= 3
            and all(w.pos_ in ("PROPN", "NOUN", "X", "NUM") or w.lower_ in lexicon.words("title_words") for w in words))


def _set_off(an: Analysis, m: Marked) -> bool:
    """A comma or dash parts the quotation from what follows („…“, sagte er), as it parts a
    quoted statement from its cue; a name runs on into its clause without one."""
    return m.end < len(an.doc) and an.doc[m.end].text in (",", "–", "—", "-")


def find_direct(an: Analysis) -> list[Found]:
    """Attributed quotations and speech-like ones, in text order."""
    doc = an.doc
    found: list[Found] = []
    previous: Found | None = None
    merged: set[int] = set()
    for index, m in enumerate(an.marked):
        if index in merged:
            continue
        words = sum(1 for i in range(m.start, m.end) if not doc[i].is_punct and not doc[i].is_space)
        named = name_like(an, m)
        after = _after(an, m)
        if named and after is not None and not _set_off(an, m):
            after = None  # "Gegenüber der Agentur „AP“ sagte X": the clause names it, nobody says it
        attribution = after or _before(an, m)
        if named:
            # a name or title is no quote unless someone is said to have used it ("sprach von einer „…“")
            if attribution is None and words > an.settings.max_scare_tokens:
                attribution = _around(an, m)
            if attribution is None:
                attribution = _naming(an, m)
            if attribution is None or attribution.speaker is None:
                continue
        elif attribution is None and words <= an.settings.max_scare_tokens:
            attribution = _around(an, m)
            if attribution is None or attribution.speaker is None and not attribution.cue:
                continue
        elif attribution is None:
            # a longer quotation inside its sentence: "X sprach von einer „Gefahr für Leib und Leben“"
            around = _around(an, m)
            if around is not None and around.speaker is not None:
                attribution = around
        ranges = [(m.start, m.end)]
        if attribution is not None and index + 1 < len(an.marked):
            following = an.marked[index + 1]
            gap = attribution.after
            if gap < len(doc) and doc[gap].text == ",":
                gap += 1
            if following.start == gap and attribution.after > m.end:
                ranges.append((following.start, following.end))
                merged.add(index + 1)
        speaker: Mention | None = None
        cue: tuple[int, ...] = ()
        lemma = addressee = None
        if attribution is not None:
            if attribution.speaker is not None:
                speaker = Mention(*attribution.speaker)
            cue, lemma, addressee = attribution.cue, attribution.lemma, attribution.addressee
        elif previous is not None and an.sent_of[m.start] - an.sent_of[previous.last - 1] <= 2:
            speaker = previous.speaker

        result = Found(tuple(ranges), "direct", m.start, ranges[-1][1], speaker, cue, lemma, addressee)
        found.append(result)
        if speaker is not None:
            previous = result
    return found
