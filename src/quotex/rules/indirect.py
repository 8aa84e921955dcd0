"""Indirect quotes: reported content after, before or around a cue.

The shapes German news uses, all read off one sentence:

* cue first: "X erklärte, dass …" / "X sagte, der Vertrag sei …" /
  "X kündigte an, … zu …" / "X erklärte: …"
* cue after: "…, sagte X." / "…, so X." / "…, heißt es in …" / "…, wie X mitteilte."
* cue around: "Wie X mitteilte, …" / "laut X" / "X zufolge" /
  "nach Angaben von X" / "seiner Ansicht nach" / "demnach" / "…, wonach …"
* back reference: "Dies teilte X mit." (the quote is the sentence before)

Speech verbs with a nominal object and no content clause ("forderte eine
schnellere Entscheidung") make the whole sentence ``reported`` speech.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from quotex.rules import lexicon, mentions, nouns
from quotex.rules.cues import VerbCue, find_verb_cue, verb_medium
from quotex.rules.document import Analysis, Found, Mention

_BOUNDARY = frozenset({",", ":", ";", "(", ")", "–", "—"})


class _Sentence:
    """One sentence under analysis: bounds and the tokens already used by a quote."""

    def __init__(self, an: Analysis, sent: Span) -> None:
        self.an = an
        self.a = sent.start
        self.b = sent.end
        self.end = an.content_end(sent.start, sent.end)
        self.used = bytearray(sent.end - sent.start)
        self.found: list[Found] = []

    def free(self, start: int, end: int) -> bool:
        """No token of ``[start, end)`` belongs to a quote or cue found in this sentence yet."""
        return not any(self.used[i - self.a] for i in range(max(start, self.a), min(end, self.b)))

    def take(self, start: int, end: int) -> None:
        """Mark ``[start, end)`` as used by a quote of this sentence."""
        for i in range(max(start, self.a), min(end, self.b)):
            self.used[i - self.a] = 1

    def left_boundary(self, k: int) -> int:
        """Index of the boundary token before ``k`` (``a - 1`` when none).

        Like :meth:`right_boundary`, a name in quotation marks continues the
        clause ("Die Zeitung „Yemen Observer“ berichtet"), and so does a short
        bracketed tag ("Matthias Berninger (Grüne) hat gefordert").
        """
        doc = self.an.doc
        i = k - 1
        while i >= self.a:
            if self.an.in_marks[i]:
                start = self.an.short_marked_end.get(i + 1)
                if start is None or start < self.a:
                    return i
                i = start - 1
                continue
            if doc[i].text == ")":
                opening = _tag_start(doc, i, self.a)
                if opening is not None:
                    i = opening - 1
                    continue
            if doc[i].text in _BOUNDARY:
                return i
            i -= 1
        return self.a - 1

    def right_boundary(self, k: int) -> int:
        """Index of the boundary token after ``k`` (the content end when none).

        A name in quotation marks and a short bracketed tag continue the clause, as in
        :meth:`left_boundary`.
        """
        doc = self.an.doc
        i = k + 1
        while i < self.end:
            if self.an.in_marks[i]:
                end = self.an.short_marked.get(i)
                if end is None:
                    return i
                i = end  # a name in quotation marks ("die Nachrichtenagentur „Xinhua“") continues the clause
                continue
            if doc[i].text == "(":
                closing = _tag_end(doc, i, self.end)
                if closing is not None:
                    i = closing + 1  # a short bracketed tag: "sagte Max Muster (SPD), …"
                    continue
            if doc[i].text in _BOUNDARY:
                return i
            i += 1
        return self.end

    def marked_share(self, start: int, end: int) -> float:
        """The share of ``[start, end)`` inside quotation marks."""
        if end <= start:
            return 0.0
        return sum(self.an.in_marks[start:end]) / (end - start)

    def add(self, quote_ranges: list[tuple[int, int]], kind: str, cue: tuple[int, ...], lemma: str | None,
            speaker: tuple[int, int] | None, addressee: tuple[int, int] | None = None,
            whole: bool = False, medium: str | None = None) -> None:
        """Record a quote; ``whole`` keeps the sentence's final punctuation (reported speech);
        ``medium`` is given when the cue verb is inside the quote and so not its cue (reported speech)."""
        an = self.an
        ranges = [(s, min(e, s + an.settings.max_quote_tokens)) for s, e in quote_ranges]
        if not whole:
            ranges = [_trim(an, s, e) for s, e in ranges]
        ranges = [r for r in ranges if r[1] > r[0]]
        if not ranges:
            return
        words = sum(1 for s, e in ranges for i in range(s, e) if not an.doc[i].is_punct)
        if words < 2:
            return
        mention = Mention(*speaker) if speaker else None
        self.found.append(Found(tuple(ranges), kind, ranges[0][0], ranges[-1][1], mention, tuple(cue), lemma, addressee,
                                medium))
        for s, e in ranges:
            self.take(s, e)
        for i in cue:
            self.take(i, i + 1)


def _subordinate(token) -> bool:
    """``token`` opens a subordinate clause ("wie er sagte", "die das forderte", "nachdem")."""
    return token.pos_ == "SCONJ" or token.lower_ == "wie" or (token.pos_ == "PRON" and token.lower_ in lexicon.words("clause_relatives"))


def _agent(doc, speaker: tuple[int, int]) -> bool:
    """The phrase names someone who can speak: a person, an organization, a pronoun, a name,
    or a statement or document that speaks for its authors ("Eine neue Studie fordert …")."""
    for k in range(speaker[0], speaker[1]):
        token = doc[k]
        if token.pos_ == "PROPN" or token.lower_ in lexicon.words("speaker_pronouns"):
            return True
        if token.pos_ == "NOUN" and nouns.source_kind(token) in ("role", "org", "statement"):
            return True
    return False


def _trim(an: Analysis, start: int, end: int) -> tuple[int, int]:
    """Drop commas, dashes and spaces at the edges of a quote part."""
    doc = an.doc
    while start < end and (doc[start].text in (",", "–", "—", "-", ":", ";") or doc[start].is_space):
        start += 1
    return start, an.content_end(start, end)


def _opens_content(an: Analysis, start: int, end: int) -> bool:
    """``[start, end)`` reads as reported content.

    A complement clause (dass, ob, w-words), Konjunktiv, a zu-infinitive or
    a verb-second clause; not a relative or adverbial clause.
    """
    doc = an.doc
    if start >= end:
        return False
    first = doc[start]
    if first.lower_ in lexicon.words("complementizers"):
        return True
    if first.pos_ == "SCONJ" or first.lower_ in lexicon.words("adverbial_conjunctions"):
        return False  # an adverbial clause ("…, nachdem er …", "…, um … zu …") is no content
    if first.lower_ in lexicon.words("main_clause_coordinators"):
        return False  # "…, doch hat das Amt nicht zugestimmt": the writer goes on
    if first.lower_ in lexicon.words("clause_relatives") and start + 1 < end:
        following = doc[start + 1]
        nominal = following.pos_ in ("ADJ", "NOUN", "PROPN") or (not following.pos_ and following.is_title)
        if an.konj[start + 1] < 2 and not nominal:
            return False  # a relative clause continues the sentence: "…, sagte Küng, der als Kritiker gilt"
    limit = min(end, start + 15)
    for i in range(start, limit):
        if an.konj[i]:
            return True
    clause_end = _clause_end(an, start, end)
    for i in range(start, clause_end):
        # a zu-infinitive ends its clause, however long the objects before it ("sich in den kommenden Jahren um … zu bemühen")
        if doc[i].lower_ == "zu" and i + 1 < end and _infinitive(doc[i + 1]):
            return True
    for i in range(start, end):
        if doc[i].pos_ == "VERB" and an.lex.is_zu_infinitive(doc[i].lower_):
            return True  # "niederzulegen", "einzurichten"
    for i in range(start + 1, min(end, start + 6)):
        if doc[i].pos_ in ("VERB", "AUX") and "Fin" in doc[i].morph.get("VerbForm"):
            return True
        if doc[i].pos_ == "AUX":
            return True
    return False


def _clause_end(an: Analysis, start: int, end: int) -> int:
    """The first comma, colon or semicolon outside quotation marks in ``[start, end)`` (``end`` when none)."""
    return next((i for i in range(start, end) if an.doc[i].text in (",", ":", ";") and not an.in_marks[i]), end)


def _infinitive(token) -> bool:
    """A verb in the infinitive after "zu" (taggers often miss it: "zu tragen", "zu verweigern")."""
    return token.pos_ in ("VERB", "AUX") or (token.is_lower and token.lower_.endswith(("en", "rn", "ln")))


def _words_outside_marks(an: Analysis, start: int, end: int) -> int:
    return sum(1 for i in range(start, end) if not an.in_marks[i] and not an.doc[i].is_punct)


def _has_verb(an: Analysis, start: int, end: int) -> bool:
    """A verb outside quotation marks in ``[start, end)`` (untagged Docs: assume so)."""
    doc = an.doc
    if not any(doc[i].pos_ for i in range(start, end)):
        return True
    return any(not an.in_marks[i] and (doc[i].pos_ in ("VERB", "AUX") or an.konj[i]) for i in range(start, end))


def _wie_before(sent: _Sentence, v: int) -> int | None:
    """The "wie" opening the clause that ends with cue ``v`` ("Wie X, Chef von Y, mitteilte")."""
    doc, an = sent.an.doc, sent.an
    k = v - 1
    while k >= max(sent.a, v - 30):
        token = doc[k]
        if an.in_marks[k]:
            start = an.short_marked_end.get(k + 1)
            if start is None:
                return None
            k = start - 1  # a name in quotation marks: "Wie die „Rundschau“ berichtet"
            continue
        if token.text in (":", ";") or token.pos_ in ("VERB", "AUX"):
            return None
        if token.lower_ == "wie" and (k == sent.a or doc[k - 1].text in (",", "(", "–", "—") or _opener(sent, k - 1)):
            return k
        k -= 1
    return None


def _opener(sent: _Sentence, k: int) -> bool:
    """``k`` is a connective opening the sentence ("Denn wie X berichtete, …", "Doch wie …")."""
    return k == sent.a and sent.an.doc[k].pos_ in ("CCONJ", "ADV")


def _tag_start(doc, close: int, lo: int) -> int | None:
    """The "(" of a short bracketed tag closed at ``close`` ("(SPD)", "(BA)"): a few words, no clause."""
    for i in range(close - 1, max(lo, close - 6) - 1, -1):
        token = doc[i]
        if token.text == "(":
            return i if i < close - 1 else None
        if token.text in _BOUNDARY or token.pos_ in ("VERB", "AUX"):
            return None
    return None


def _after_apposition(sent: _Sentence, v: int, rb: int) -> int:
    """Where content after the cue clause ending at ``rb`` may start: after the comma, or after a
    name set off by commas that names the subject standing after the verb ("erklärte der
    Sprecher der Behörde, Max Muster, die Lage sei ernst")."""
    an, doc = sent.an, sent.an.doc
    start = rb + 1
    if not (rb < sent.end and doc[rb].text == "," and rb - 1 > v
            and (doc[rb - 1].pos_ in ("NOUN", "PROPN") or doc[rb - 1].text == ")")):
        return start
    end = _clause_end(an, start, sent.end)
    name = range(start, end)
    if (end < sent.end and doc[end].text == "," and 0 < len(name) <= 4
            and all(doc[i].pos_ == "PROPN" for i in name) and _opens_content(an, end + 1, sent.end)):
        return end + 1
    return start


def _tag_end(doc, opening: int, hi: int) -> int | None:
    """The ")" closing a short bracketed tag opened at ``opening`` ("(SPD)", "(„Die Zeit“)"):
    a few words, no clause."""
    for i in range(opening + 1, min(hi, opening + 8)):
        token = doc[i]
        if token.text == ")":
            return i if i > opening + 1 else None
        if token.text in _BOUNDARY or token.pos_ in ("VERB", "AUX"):
            return None
    return None


def _main_clause(an: Analysis, start: int, end: int) -> bool:
    """``[start, end)`` holds a main clause of its own, not "In einer Rede, die …", "X, der …" or "Nachdem …"."""
    doc = an.doc
    first = doc[start]
    if first.pos_ == "SCONJ" and first.lower_ not in lexicon.words("content_conjunctions"):
        return False
    if not any(doc[i].pos_ for i in range(start, end)):
        return True  # untagged: nothing to check
    i = start
    while i < end and not (doc[i].text in _BOUNDARY and not an.in_marks[i]):
        if doc[i].pos_ in ("VERB", "AUX") or an.in_marks[i] or an.konj[i]:
            return True
        i += 1
    # no verb in the first clause: a fronted phrase, a noun with a relative clause, or the subject itself
    # ("Kurt von Figura, Präsident der Universität, begrüßte …")
    relative = i + 1 < end and doc[i + 1].lower_ in lexicon.words("clause_relatives")
    subject = mentions.np_before(doc, end, start) is not None
    return not (first.pos_ == "ADP" or relative or subject)


def _verb(sent: _Sentence, cue: VerbCue, previous: _Sentence | None) -> None:
    an, doc = sent.an, sent.an.doc
    v = cue.verb.i
    if _reported_cue(an, cue):
        return
    rb = sent.right_boundary(max(cue.tokens))
    if not _act_reported(sent, cue, sent.left_boundary(v) + 1, rb):
        return  # "konnte nicht bestätigen, dass …", "Wer würdest du sagen, …?"
    if cue.lemma in lexicon.words("judging_verbs") and not _predicate_of_judgement(sent, sent.left_boundary(v) + 1, rb):
        return  # "hielt eine Rede, in der …": no judgement, no statement
    # "Syd Barrett, wie er sich nannte": naming, not speech
    wie = _wie_before(sent, v) if cue.lemma not in lexicon.words("naming_verbs") else None
    # Wie X mitteilte, … / …, wie X mitteilte.
    if wie is not None:
        # the subject follows "wie" directly: "Wie die Provinzregierung in Helmand mitteilte"
        speaker = mentions.np_after(doc, wie + 1, v) or mentions.cue_speaker(
            doc, cue.verb, cue.lemma, cue.tokens, an.scheme, subject=(wie + 1, rb), source=(wie + 1, rb))
        if (wie == sent.a or _opener(sent, wie - 1)) and rb < sent.end and doc[rb].text == ",":
            ranges = [(rb + 1, sent.end)]
        elif wie > sent.a and doc[wie - 1].text == ",":
            ranges = [(sent.a, wie - 1)] + ([(rb + 1, sent.end)] if rb + 1 < sent.end else [])
        else:
            return
        if _words_outside_marks(an, ranges[0][0], ranges[-1][1]) >= 2:
            sent.add(ranges, "indirect", (wie, *cue.tokens), cue.lemma, speaker)
        return
    lb = sent.left_boundary(v)
    lo, hi = lb + 1, rb
    first = doc[lo]
    if first.lower_ in lexicon.words("clause_relatives") and lb >= sent.a and doc[lb].text == "," and lo < v:
        _relative_cue(sent, cue, lo, rb)  # a relative clause: "…, die das bestätigte, …"
        return
    # Die Staaten haben, sagen Diplomaten, hart daran gearbeitet, …
    # the cue clause opens with its verb and holds its subject ("sagen Diplomaten", "so schätzen Forscher")
    if ((lo == v or doc[lo].lower_ == "so" and v == lo + 1)
            and any(doc[i].pos_ in ("NOUN", "PROPN", "PRON") for i in range(v + 1, rb))
            and _parenthetical(sent, lb, rb, so=lo < v)):
        speaker = mentions.cue_speaker(doc, cue.verb, cue.lemma, cue.tokens, an.scheme, subject=(lo, rb),
                                       source=(lo, rb), exclude=(sent.a, lb))
        if speaker is not None:
            sent.add([(sent.a, lb), (rb + 1, _before_quotation(sent, rb + 1))], "indirect", cue.tokens, cue.lemma,
                     speaker)
            return
    # X sagte, dass … / X erklärte: … / sagte der Sprecher, Max Muster, …
    start = _after_apposition(sent, v, rb)
    if (rb < sent.end and doc[rb].text in (",", ":") and start < len(doc) and _content_start(an, start)
            and _opens_content(an, start, sent.end) and _words_outside_marks(an, start, sent.end) >= 2
            and not _open_question(cue, doc[start])):
        # "Der Direktor der Agentur, Bambang Suryo Aji, sagte, dass …": the subject spans commas
        # "Ein Sprecher der Polizei, Hauptkommissar X sagte, …": so does an apposition without its closing comma
        # (also "…, hatten erklärt, …": only auxiliaries before the cue)
        spans = lb >= sent.a and doc[lb].text == "," and (all(doc[k].pos_ == "AUX" for k in range(lo, v))
                                                           or mentions.np_before(doc, v, sent.a) is not None)
        subject_lo = sent.a if spans else lo
        # the sentence may open with who speaks ("Vorstand X, zuständig für Y, hatte angekündigt, …")
        speaker = mentions.cue_speaker(doc, cue.verb, cue.lemma, cue.tokens, an.scheme, subject=(subject_lo, hi),
                                       source=(subject_lo, hi), opener=(sent.a, v))
        if speaker is not None and start > rb + 1 and speaker[1] == rb:
            speaker = (speaker[0], start - 1)  # the name set off after it is part of the mention
        addressee = mentions.addressee_mention(doc, cue.verb, lo, hi, an.scheme, speaker)
        sent.add([(start, _before_quotation(sent, start))], "indirect", cue.tokens, cue.lemma, speaker, addressee)
        return
    after_comma = lb >= sent.a and doc[lb].text == ","
    verb_first = lo == v or (lo == v - 1 and doc[lo].pos_ == "AUX")
    # …, sagte X.
    if after_comma and verb_first and lb > sent.a and _main_clause(an, sent.a, lb):
        stop = sent.end if rb == sent.end else hi
        speaker = mentions.cue_speaker(doc, cue.verb, cue.lemma, cue.tokens, an.scheme, subject=(lo, stop),
                                       source=(lo, stop), exclude=(sent.a, lb))
        if speaker is None and cue.lemma != "heißen":
            return  # "…, erzählte von …": a second verb of the same subject, not an inverted cue
        if speaker is not None and speaker[1] == stop:
            speaker = mentions.closing_apposition(doc, speaker, sent.end)  # "…, sagte X, Sprecher der Y."
        # the content starts after a colon ("Das Tor war enttäuschend: „…“, sagte X")
        start = next((i + 1 for i in range(lb - 1, sent.a - 1, -1) if doc[i].text == ":" and not an.in_marks[i]),
                     sent.a)
        if _words_outside_marks(an, start, lb) < 2 or not _has_verb(an, start, lb):
            return  # a direct quote (attributed by the direct rules), or the subject itself
        addressee = mentions.addressee_mention(doc, cue.verb, lo, hi, an.scheme, speaker)
        sent.add([(start, lb)], "indirect", cue.tokens, cue.lemma, speaker, addressee)
        return
    # Dies teilte X mit.
    # (an apposition may follow its subject: "Das bestätigte der Präsident, Max Muster.")
    if (lo == sent.a and v == sent.a + 1 and first.lower_ in lexicon.words("back_references") and previous is not None
            and not any(doc[i].pos_ in ("VERB", "AUX") for i in range(rb, sent.end))):
        if not previous.found and previous.marked_share(previous.a, previous.end) < 0.6:
            speaker = mentions.subject_mention(doc, cue.verb, v + 1, sent.end, an.scheme)
            start, end = _trim(an, previous.a, previous.end)
            if speaker is not None and end - start >= 2:
                # "Dies" stands for what the sentence before says: the corpus counts it to the quote
                previous.found.append(Found(((start, sent.a + 1),), "indirect", start, end, Mention(*speaker),
                                            cue.tokens, cue.lemma))
                sent.take(sent.a, sent.b)
        return
    # forderte eine schnellere Entscheidung.
    # the cue is the sentence's main verb: no verb before it, no subordinate clause around it
    if (cue.reported and "reported" in an.settings.types
            and not _subordinate(doc[sent.a]) and not _subordinate(doc[lo])
            and not any(doc[i].pos_ == "VERB" for i in range(sent.a, v))
            # a Konjunktiv I clause after it is reported speech of its own ("…, die in Darfur auftrete")
            and not any(an.konj[i] == 2 for i in range(rb, sent.end))
            and not _cue_follows(sent, rb)):
        speaker = mentions.subject_mention(doc, cue.verb, sent.a, hi, an.scheme)
        if speaker is None and not mentions.passive(doc, cue.verb, sent.a, hi):
            speaker = mentions.named_mention(doc, sent.a, v)
        # a quotation in the sentence is the quote itself ("nannte das Urteil „unverständlich“")
        if (speaker is not None and _agent(doc, speaker) and not any(an.in_marks[sent.a:sent.end])
                and _says_something_new(sent, cue, speaker) and _content_of_stance(sent, cue, speaker)):
            # the corpus marks no cue inside reported speech, but its verb still says how it was made
            sent.add([(sent.a, sent.b)], "reported", (), None, speaker, whole=True, medium=verb_medium(cue.lemma, an.lex))


def _open_question(cue: VerbCue, first: Token) -> bool:
    """Content opened by ``first`` is a question a decision still has to answer ("Das Gericht
    entscheidet, ob …"): what a decision verb reports is what was decided, not what is open."""
    return (cue.lemma in lexicon.words("decision_verbs") and first.lower_ in lexicon.words("complementizers")
            and first.lower_ not in lexicon.words("statement_complementizers"))


def _parenthetical(sent: _Sentence, lb: int, rb: int, so: bool) -> bool:
    """The attribution between the commas at ``lb`` and ``rb`` is inserted into the clause it
    attributes ("Die Staaten haben, sagen Diplomaten, hart daran gearbeitet", "Im Herbst, so
    schätzen Forscher, soll es fertig sein", "Die Lage sei, so der Minister, ernst"): the quote
    is the clause around it, not one half.

    The main clause around it is split: the part before is a fronted phrase with no verb yet
    (an adverbial, or any phrase before "so", whose own subject follows it: a noun phrase before
    a plain cue verb is its subject, "Der Sprecher, Max Muster, sagte, …"), or a clause cut
    right after its finite verb ("Die Lage sei, …"), or the part after closes the verb bracket
    the part before left open ("Die Staaten haben viel, …, dafür getan"). After a complete
    clause, what follows "…, sagte er," is the sentence going on: an apposition, a relative
    clause, "und …".
    """
    an, doc = sent.an, sent.an.doc
    if not (sent.a < lb and doc[lb].text == "," and rb + 1 < sent.end and doc[rb].text == ","):
        return False
    before, after = (sent.a, lb), (rb + 1, _clause_end(an, rb + 1, sent.end))
    if not any(doc[i].pos_ for i in range(*before)) or sent.marked_share(*before) > 0.5 \
            or sent.marked_share(*after) > 0.5 or _words_outside_marks(an, *before) < 1:
        return False  # untagged, or a direct quotation split by its cue
    if _clause_end(an, *before) < lb:
        return False  # the part before holds clauses of its own ("In einer Rede, die …, sagte er, …")
    first = doc[after[0]]
    if (_subordinate(doc[sent.a]) or _subordinate(first) or first.pos_ == "CCONJ"
            or first.lower_ in lexicon.words("clause_conjunctions")):
        return False
    if not any(doc[i].pos_ in ("VERB", "AUX") for i in range(*before)):
        return so or doc[sent.a].pos_ in ("ADP", "ADV")
    if _finite(an, lb - 1):
        return True
    # the verb bracket before is still open and the part after closes it
    return (doc[lb - 1].pos_ not in ("VERB", "AUX") and any(doc[i].pos_ in ("VERB", "AUX") for i in range(*after))
            and not any(_finite(an, i) for i in range(*after)))


def _finite(an: Analysis, i: int) -> bool:
    """Token ``i`` is a finite verb (by its morphology, or a Konjunktiv form)."""
    token = an.doc[i]
    return token.pos_ in ("VERB", "AUX") and ("Fin" in token.morph.get("VerbForm") or an.konj[i] > 0)


def _reported_cue(an: Analysis, cue: VerbCue) -> bool:
    """The cue verb is itself in Konjunktiv I ("Die Behörde gehe davon aus, dass …", "Es werde
    geschätzt, dass …"): the speech act is reported by someone else, so the whole sentence,
    cue and all, is that speaker's content (free indirect speech), not a quote its cue frames."""
    return any(an.konj[i] == 2 for i in cue.tokens)


def _relative_cue(sent: _Sentence, cue: VerbCue, pronoun: int, rb: int) -> None:
    """A cue verb closing a relative clause hands on content of its own after the comma
    ("…, ein Verband, der die Mitglieder aufforderte, nicht mehr zu streiken").

    The relative pronoun is the speaker, as the corpus marks it. Only content
    that cannot be the main clause going on counts: a complement clause
    ("dass", "ob"), a zu-infinitive or Konjunktiv, and only after a relative
    clause that follows the main verb: one before it ("Der Verband, der das
    forderte, habe …") is followed by the main clause itself.
    """
    an, doc = sent.an, sent.an.doc
    start = rb + 1
    if rb >= sent.end or doc[rb].text != "," or start >= sent.end or an.in_marks[start]:
        return
    if not any(doc[i].pos_ in ("VERB", "AUX") for i in range(sent.a, pronoun)):
        return  # the relative clause stands before the main verb: what follows its comma is the main clause
    if (not _opens_content(an, start, sent.end) or _words_outside_marks(an, start, sent.end) < 2
            or _open_question(cue, doc[start])):
        return
    end = _before_quotation(sent, start)
    # a comma before a verb closes the content: the clause around it goes on ("…, den Plan, … zu bauen, aufgab")
    end = next((i for i in range(start + 1, end - 1) if doc[i].text == "," and not an.in_marks[i]
                and doc[i + 1].pos_ in ("VERB", "AUX")), end)
    if not (doc[start].lower_ in lexicon.words("content_conjunctions") or any(an.konj[start:end])
            or any(doc[i].lower_ == "zu" or an.lex.is_zu_infinitive(doc[i].lower_) for i in range(start, end))):
        return
    sent.add([(start, end)], "indirect", cue.tokens, cue.lemma, (pronoun, pronoun + 1))


def _content_start(an: Analysis, start: int) -> bool:
    """Reported content may start at ``start``: outside quotation marks, or with a few quoted
    words its own clause goes on from ("sagte, „Ausnahmen“ dürfe es nicht geben"); a longer
    quotation there is direct speech."""
    end = an.short_marked.get(start)
    return not an.in_marks[start] or end is not None and end < len(an.doc) and not an.in_marks[end] \
        and not an.doc[end].is_punct


def _before_quotation(sent: _Sentence, start: int) -> int:
    """Where reported content that starts at ``start`` ends: at the sentence end, at a colon that
    opens a quotation ("…, bei der Wahl würden nicht alle zustimmen: „Ich gehe davon aus, …“"),
    which is a direct quote of its own, or at a comma before a finite verb or auxiliary in the
    indicative, which goes on with the speaker's own acts or the writer's main clause ("räumte
    ein, es könnten Stellen wegfallen, sprach aber von einem offenen Prozess", "Obwohl er sagte,
    dass es schwierig sei, wird nun investiert")."""
    an = sent.an
    for i in range(start, sent.end - 1):
        if an.doc[i].text == ":" and not an.in_marks[i] and an.in_marks[i + 1]:
            return i
        if (an.doc[i].text == "," and not an.in_marks[i] and an.doc[i + 1].pos_ in ("VERB", "AUX")
                and "Fin" in an.doc[i + 1].morph.get("VerbForm") and not an.konj[i + 1]):
            return i
        if (an.doc[i].text == "," and not an.in_marks[i] and an.doc[i + 1].lower_ == "so"
                and mentions.so_source(an, i + 1, sent.a, sent.end) is not None):
            return i  # "…, so X.": the sentence's own attribution follows
        if _speaker_acts_again(sent, start, i):
            return i
    return sent.end


def _speaker_acts_again(sent: _Sentence, start: int, i: int) -> bool:
    """"und" at ``i`` joins a verb of the speaker's own to the cue ("sagte, die Lage sei ernst,
    und fügte hinzu: …", "sagte, sie müssten handeln und bemühte das Bild …"): a finite verb in
    the indicative right after it: a cue verb, or a verb that can go on neither with a main
    clause of content in Konjunktiv nor, with more words after it, with a verb-final clause
    ("dass der Plan scheitere und legte Widerspruch ein")."""
    an, doc = sent.an, sent.an.doc
    if an.in_marks[i] or doc[i].lower_ not in lexicon.words("coordinators"):
        return False
    verb = doc[i + 1]
    if verb.pos_ != "VERB" or "Fin" not in verb.morph.get("VerbForm") or an.konj[i + 1]:
        return False
    # inside a clause of the content ("…, der tue und sage, was …", "dass er kommt und bleibt") "und" joins its verbs
    comma = next((k for k in range(i - 1, start - 1, -1) if doc[k].text == "," and not an.in_marks[k]), None)
    opener = doc[comma + 1] if comma is not None else doc[start]
    if comma is not None and (opener.lower_ in lexicon.words("clause_relatives") or opener.pos_ == "PRON"):
        return False
    if find_verb_cue(verb, an.lex, an.scheme, sent.b) is not None:
        return True
    if _subordinate(opener):
        # a verb-final clause joins only verbs at its end ("dass er kommt und bleibt.")
        return i + 2 < sent.b and not doc[i + 2].is_punct
    return any(an.konj[start:i])


def _cue_follows(sent: _Sentence, start: int) -> bool:
    """A Konjunktiv clause is followed by a cue verb after ``start`` ("…, sagte er."): the clause is
    that cue's quote ("Russland werde eine Entschädigung verlangen, sagte er"), not a speech act
    of its own subject."""
    an, doc = sent.an, sent.an.doc
    for i in range(start, sent.end - 1):
        if doc[i].text == "," and not an.in_marks[i] and any(an.konj[k] == 2 for k in range(sent.a, i)):
            nxt = i + 2 if doc[i + 1].pos_ == "AUX" and i + 2 < sent.end else i + 1
            if find_verb_cue(doc[nxt], an.lex, an.scheme, sent.b) is not None:
                return True
    return False


def _act_reported(sent: _Sentence, cue: VerbCue, lo: int, rb: int) -> bool:
    """The clause ``[lo, rb)`` of ``cue`` reports a speech act as made, so the cue attributes a quote.

    Not when it is asked about ("Befürchten Sie …?"), denied ("äußerte sich
    nicht", "konnte niemand bestätigen"), only possible or due (a modal verb:
    "konnte … bestätigen", "soll warnen"), or when the verb is used
    reflexively in a sense that says nothing ("äußerte sich zu …",
    "verspricht sich Erfolg").
    """
    doc = sent.an.doc
    if any(doc[i].text == "?" for i in range(max(sent.a, sent.end - 1), sent.b)):
        return False
    # a clause joined after the cue's is another act ("verwies auf … und möchte keine Ursache ausschließen")
    end = next((i for i in range(max(cue.tokens) + 1, rb) if doc[i].lower_ in lexicon.words("coordinators")), rb)
    clause = [doc[i].lower_ for i in range(lo, end)]
    if any(word in lexicon.words("negations") or word in lexicon.words("modal_forms") for word in clause):
        return False
    return not (cue.lemma in lexicon.words("reflexive_not_said") and "sich" in clause)


def _predicate_of_judgement(sent: _Sentence, lo: int, hi: int) -> bool:
    """The clause ``[lo, hi)`` holds the predicate a judging verb needs ("hält es für möglich",
    "sieht das als Fehler an"): "für" or "als" before an adjective, a noun phrase or a quotation."""
    doc = sent.an.doc
    return any(doc[i].lower_ in lexicon.words("judgement_words") and i + 1 < hi
               and (doc[i + 1].pos_ in ("ADJ", "ADV", "NOUN", "PROPN", "DET") or sent.an.in_marks[i + 1])
               for i in range(lo, hi))


def _judged_as(sent: _Sentence, speaker: tuple[int, int]) -> bool:
    """The sentence gives a judgement with "als" ("bezeichnete das als Skandal"), outside the speaker's words."""
    doc = sent.an.doc
    return any(doc[i].lower_ == "als" for i in range(sent.a, sent.end) if not speaker[0] <= i < speaker[1])


def _content_of_stance(sent: _Sentence, cue: VerbCue, speaker: tuple[int, int]) -> bool:
    """A verb of stance or decision ("kritisierte", "begrüßte", "ordnete an") reports speech only with a judgement.

    Its object is what the stance or decision is about ("kritisierte den
    Vertrag", "ordnete eine Staatstrauer an"), not the content of a
    statement; "kritisierte den Anschlag als barbarische Tat" says what was said.
    """
    return cue.lemma not in lexicon.words("stance_verbs") or _judged_as(sent, speaker)


def _says_something_new(sent: _Sentence, cue: VerbCue, speaker: tuple[int, int]) -> bool:
    """Besides its speaker, the sentence names what was said, not only what the text said before.

    Reported speech gives the content of a statement in a noun phrase
    ("forderte eine Untersuchung", "sprach von einem Erfolg"). A pronoun
    ("bestätigte dies", "lehne sie ab") or a lone definite noun ("wies die
    Vorwürfe zurück", "bedauert den Vorfall") only refers back to something
    already told: the sentence says that a stance was taken, not what was said.
    A judgement after "als" is content ("wies die Vorwürfe als haltlos zurück").
    """
    doc = sent.an.doc
    if _judged_as(sent, speaker):
        return True
    nouns = [i for i in range(sent.a, sent.end)
             if not speaker[0] <= i < speaker[1] and i not in cue.tokens and doc[i].pos_ in ("NOUN", "PROPN", "NUM")]
    if not nouns:
        return not any(doc[i].pos_ for i in range(sent.a, sent.end))  # untagged: nothing to judge
    definite = lexicon.words("determiners") - lexicon.words("indefinite_articles")
    return len(nouns) > 1 or nouns[0] == sent.a or doc[nouns[0] - 1].lower_ not in definite


def _scope(sent: _Sentence, k: int) -> tuple[int, int]:
    """The stretch an attribution word inside a sentence vouches for.

    In a relative or subordinate clause ("…, der laut Ministerium … habe")
    that clause; otherwise the whole sentence.
    """
    an, doc = sent.an, sent.an.doc
    lb = sent.left_boundary(k)
    semicolon = next((i for i in range(k - 1, sent.a - 1, -1) if doc[i].text in (";", ":") and not an.in_marks[i]), None)
    if semicolon is not None:
        return semicolon + 1, sent.end  # "Die Veranstalter schätzten 2.000; nach Polizeiangaben waren es 1.000."
    if lb >= sent.a and doc[lb].text == "," and lb + 1 < k:
        opener = doc[lb + 1]
        if opener.lower_ in lexicon.words("clause_relatives") or opener.lower_ in lexicon.words("complementizers") or opener.pos_ == "SCONJ":
            rb = sent.right_boundary(k)
            while rb < sent.end and an.in_marks[rb]:
                rb = sent.right_boundary(rb)
            return lb + 1, rb
    return sent.a, sent.end


def _attribution_word(sent: _Sentence, k: int, role: str) -> None:
    an, doc = sent.an, sent.an.doc
    a, end = _scope(sent, k)
    if (role in ("prep_before", "noun_prep") and k + 2 < end and doc[k + 1].lower_ in lexicon.words("relative_objects")
            and k - 1 > sent.a and doc[k - 1].text == "," and doc[k + 2].pos_ not in ("ADJ", "NOUN", "PROPN")):
        # "Gerüchte, nach denen Barrett an Krebs litt": the source is the noun before the comma
        speaker = mentions.antecedent_source(doc, k - 1, sent.left_boundary(k - 1) + 1, an.scheme)
        rb = sent.right_boundary(k + 1)
        sent.add([(k + 2, rb)], "indirect", (k,), doc[k].lower_, speaker)
        return
    if role in ("prep_before", "post_after", "noun_prep"):
        speaker = mentions.attribution_source(an, k, role, sent.left_boundary(k) + 1, end)
        if speaker is None:
            return
        if speaker[0] > k:  # "laut X …", "nach Angaben von X …"
            start = _fronted_phrase_end(sent, k, a, speaker[1], end)
            ranges = [(a, k), (start, end)]
            speaker = _whole_source(sent, speaker, start)
        else:  # "X zufolge …", "seiner Ansicht nach …"
            ranges = [(a, speaker[0]), (k + 1, end)]
        sent.add(ranges, "indirect", (k,), "nach" if role == "noun_prep" else doc[k].lower_, speaker)
    elif role == "adverb":
        if doc[k].lower_ == "wonach":
            if k > a and doc[k - 1].text == ",":
                speaker = mentions.antecedent_source(doc, k - 1, sent.left_boundary(k - 1) + 1, an.scheme)
                sent.add([(k + 1, end)], "indirect", (k,), "wonach", speaker)
        elif _adverb_attributes(sent, k, a, end):
            # the corpus takes the adverb itself as the mention of the source it refers back to
            sent.add([(a, k), (k + 1, end)], "indirect", (k,), doc[k].lower_, (k, k + 1))


def _adverb_attributes(sent: _Sentence, k: int, a: int, end: int) -> bool:
    """The adverb at ``k`` ("demnach") attributes the clause ``[a, end)`` to the source before.

    Opening the clause or after its comma it always does. Inside the clause
    ("Die Steuer soll demnach sinken") only in the indicative, where the adverb
    is the one sign that the clause is reported; a clause in Konjunktiv reports
    on its own and goes on with the speaker of the sentences before it (free
    indirect speech), which "demnach" only confirms.
    """
    return k == a or sent.an.doc[k - 1].text in (",", ":") or not any(sent.an.konj[a:end])


def _fronted_phrase_end(sent: _Sentence, k: int, a: int, after: int, end: int) -> int:
    """Where the content starts after a source phrase ("laut X", "nach Angaben X") ending at
    ``after``. Opening its clause, the phrase is the clause's first constituent, which in
    German ends at the finite verb: everything before that verb still names the source ("Laut
    dem Bericht der Bank (IDB) sandten …", "Nach Angaben von X, der sich auf Y beruft, leben
    …"). Elsewhere, or with no finite verb in reach, the content starts right after the phrase."""
    an, doc = sent.an, sent.an.doc
    if k != a:
        return after
    i = after
    while i < min(end, after + 15):
        if doc[i].text == "," and i + 2 < end and (_subordinate(doc[i + 1]) or doc[i + 1].pos_ == "ADP"
                                                   and doc[i + 2].lower_ in lexicon.words("clause_relatives")):
            close = _clause_end(an, i + 1, end)
            if close >= end:
                return after
            i = close + 1  # a relative clause on the source ("…, der sich auf Y beruft, …", "…, in dem …")
            continue
        if _finite(an, i):
            return i
        if doc[i].text in (":", ";") or an.in_marks[i] and an.short_marked.get(i) is None:
            return after
        i += 1
    return after


def _whole_source(sent: _Sentence, speaker: tuple[int, int], start: int) -> tuple[int, int]:
    """The source phrase up to the content at ``start`` when nothing but the phrase's own words
    stand between them ("Laut einem Bericht der Bank (IDB) sandten …"). A phrase on what the
    statement is about or whom it was made to ends it ("Nach Angaben der Sprecherin gegenüber
    der Zeitung …": word class ``topic_prepositions``), unless its preposition may also attach
    an affiliation ("Angaben des Beauftragten für Datenschutz")."""
    doc = sent.an.doc
    if start > speaker[1] and not any(doc[i].text in (",", ";", ":") for i in range(speaker[1], start)):
        end = next((i for i in range(speaker[1], start) if doc[i].lower_ in lexicon.words("topic_prepositions")
                    and doc[i].lower_ not in lexicon.words("attaching_prepositions")), start)
        return speaker[0], end
    return speaker


def _content_noun(sent: _Sentence, comma: int) -> None:
    """"X ist der Meinung, dass …", "Es besteht der Vorwurf, … zu …": a statement noun opens the content."""
    an, doc = sent.an, sent.an.doc
    k = comma - 1
    if k <= sent.a or doc[k].pos_ not in ("NOUN", "") or not an.lex.is_cue_noun(doc[k].text):
        return
    start = comma + 1
    if start >= sent.end or an.in_marks[start] or not _opens_content(an, start, sent.end):
        return
    lb = sent.left_boundary(k)
    verb = next((i for i in range(k - 1, lb, -1) if doc[i].pos_ in ("VERB", "AUX")), None)
    if verb is None:
        return
    phrase = mentions.np_ending_at(doc, k + 1, verb + 1, an.scheme) or (k, k + 1)
    speaker = mentions.subject_mention(doc, doc[verb], lb + 1, comma, an.scheme, exclude=phrase)
    if not sent.free(start, sent.end):
        return
    sent.add([(start, sent.end)], "indirect", (verb, *range(phrase[0], phrase[1])), doc[k].lemma_ or doc[k].text,
             speaker)


def _so(sent: _Sentence, k: int) -> None:
    """"…, so X." — "so" with a noun phrase and no verb closes the sentence."""
    an = sent.an
    speaker = mentions.so_source(an, k, sent.a, sent.end)
    if speaker is None:
        return
    ranges = [(sent.a, k - 1)]
    doc, rb = an.doc, speaker[1]
    if doc[rb].pos_ == "ADV" and rb + 1 < sent.end and doc[rb + 1].text == ",":
        rb += 1  # "…, so der Minister weiter, …"
    if _parenthetical(sent, k - 1, rb, so=True):
        # the words on both sides are the quote: "Dennoch, so der Minister, habe …"
        ranges.append((rb + 1, _before_quotation(sent, rb + 1)))
    if sum(_words_outside_marks(an, *r) for r in ranges) < 3:
        return  # a direct quote, attributed by the direct rules
    sent.add(ranges, "indirect", (k,), "so", speaker)


def _konjunktiv_clauses(sent: _Sentence) -> None:
    """Subordinate clauses in Konjunktiv I report what the main clause's subject says.

    "Annan äußerte sich besorgt über die Gewalt, die besonders in Darfur auftrete":
    the mood marks the relative clause as Annan's words, though no cue introduces it.
    """
    an, doc = sent.an, sent.an.doc
    k = sent.a
    while k < sent.end:
        if doc[k].text != "," or an.in_marks[k] or k + 1 >= sent.end or not _subordinate(doc[k + 1]):
            k += 1
            continue
        rb = sent.right_boundary(k + 1)
        while rb < sent.end and doc[rb].text == "," and rb + 1 < sent.end and not _subordinate(doc[rb + 1]) \
                and not an.konj[rb + 1]:
            rb = sent.right_boundary(rb + 1)  # the clause goes on after an inner comma
        clause = (k + 1, rb)
        mood = max((an.konj[i] for i in range(*clause)), default=0)
        if mood == 1 and _conditional(doc[k + 1]):
            mood = 0
        # Konjunktiv II counts after a verb of speech or thought ("beklagen Rationalisierungen, die … hätten")
        said = mood == 2 or mood == 1 and any(
            an.maybe_cue[i] and doc[i].pos_ == "VERB" for i in range(sent.a, k))
        if said and not any(an.konj[i] for i in range(sent.a, k)) and sent.free(*clause):
            verb = next((i for i in range(sent.a, k) if doc[i].pos_ in ("VERB", "AUX")), None)
            speaker = mentions.subject_mention(doc, doc[verb], sent.a, k, an.scheme) if verb is not None else None
            if speaker is not None:
                sent.add([clause], "indirect", (), None, speaker)
        k = rb


def _conditional(opener: Token) -> bool:
    """``opener`` starts a condition ("falls", "wenn", "sofern"): a Konjunktiv II there ("…, falls
    die Regierung nicht nachgeben sollte") states a premise of the main clause, not anyone's words.
    (Konjunktiv I still reports: "kündigte ein Veto an, falls der Entwurf nicht geändert werde".)
    "ob" opens a question asked, which is content."""
    word = opener.lower_
    return word in lexicon.words("conditional_conjunctions") and word not in lexicon.words("content_conjunctions")


def find_indirect(an: Analysis) -> list[Found]:
    """Indirect (and reported) quotes of every sentence, in text order."""
    doc = an.doc
    found: list[Found] = []
    previous: _Sentence | None = None
    for span in an.sents:
        sent = _Sentence(an, span)
        mostly_quotation = sent.marked_share(sent.a, sent.b) > 0.9
        for k in range(sent.a, sent.end if not mostly_quotation else sent.a):
            if not an.maybe_cue[k] or an.in_marks[k] or sent.used[k - sent.a]:
                continue
            token = doc[k]
            role = an.lex.attribution.get(token.lower_)
            if role is not None:
                _attribution_word(sent, k, role)
                continue
            if token.lower_ == "so":
                _so(sent, k)
                continue
            if token.text == ",":
                _content_noun(sent, k)
                continue
            cue = find_verb_cue(token, an.lex, an.scheme, sent.b)
            if cue is not None:
                _verb(sent, cue, previous)
        if not mostly_quotation:
            _konjunktiv_clauses(sent)
        if previous is not None:
            found.extend(previous.found)
        previous = sent
    if previous is not None:
        found.extend(previous.found)
    found.sort(key=lambda f: f.first)
    return found
