"""Free indirect speech: sentences that report without a cue of their own.

German news continues a quote over following sentences in Konjunktiv
("Rjabkow erklärte, … sei versichert worden. Man habe …"): the mood alone
says the speaker of the quote before is still talking
(``indirect_free_indirect``). Reportative "soll/sollen" ("Der Mann soll …
geflohen sein") reports a claim without naming whose (``free_indirect``), and a
plain "soll" right after reported speech passes on what its speaker plans or demands.
"""

from __future__ import annotations


from quotex.rules import lexicon, mentions
from quotex.rules.document import Analysis, Found, Mention

#: how many sentences back a cue-less quote may find its speaker
_REACH = 4


def _mood(an: Analysis, start: int, end: int) -> int:
    """Strongest Konjunktiv evidence among the sentence's words outside quotation marks.

    Konjunktiv II alone does not count in a conditional ("wenn es regnete, wäre …").
    """
    strength = max((an.konj[i] for i in range(start, end) if not an.in_marks[i]), default=0)
    if strength and any(an.lower[i] in lexicon.word_ids("first_person") and not an.in_marks[i] for i in range(start, end)):
        return 0  # "ich habe …": someone speaking in the first person, not reported speech
    if strength == 1 and any(an.lower[i] in lexicon.word_ids("conditional_conjunctions") for i in range(start, end)):
        return 0
    if strength == 1 and _speculation(an, start, end):
        return 0
    return strength


def _speculation(an: Analysis, start: int, end: int) -> bool:
    """The Konjunktiv II of the sentence is a modal that guesses ("dürfte … betragen", "könnte sich auswirken").

    Without Konjunktiv I beside it, such a sentence voices the writer's own
    estimate, which no source is said to share: it continues no quote. Negated,
    the modal forbids ("Sie dürften nicht …"), which is someone's demand.
    """
    moods = [i for i in range(start, end) if an.konj[i] and not an.in_marks[i]]
    negated = any(an.doc[i].lower_ in lexicon.words("negations") for i in range(start, end))
    return not negated and all(an.doc[i].lower_ in lexicon.words("speculation_modals") for i in moods)


def _named_subject(an: Analysis, sent) -> Found | None:
    """The person or organization ``sent`` is about, as a speaker-only Found."""
    chosen = mentions.sentence_source(an, sent)
    if chosen is None:
        return None
    return Found((chosen.span,), "indirect_free_indirect", chosen.start, chosen.end, Mention(*chosen.span))


def _reportative(an: Analysis, start: int, end: int) -> bool:
    """"soll/sollen" with a perfect infinitive: a claim about the past ("soll … geflohen sein").

    Plain "soll" + infinitive mostly states a plan or an obligation, which is no report on its
    own; right after a quote it passes on that quote's plan (:func:`_main_clause_soll`).
    """
    doc = an.doc
    if not any(doc[i].lower_ in lexicon.words("reportative_modals") and not an.in_marks[i] for i in range(start, end)):
        return False
    last = an.content_end(start, end)
    return last > start and doc[last - 1].lower_ in lexicon.words("perfect_auxiliaries")


def _main_clause_soll(an: Analysis, start: int, end: int) -> bool:
    """The sentence's main clause says what "soll" happen ("Die Gebühren sollen im Mai sinken").

    Right after reported speech, such a sentence goes on with the plan or
    claim just reported: the writer passes on what the source wants or says.
    After a direct quotation the writer's own narration resumes instead. Only
    the finite "soll" of a main clause counts (it stands second, with words
    after it); at the end of a subordinate clause ("…, die gebaut werden
    sollen.") it only describes a thing the writer names.
    """
    doc = an.doc
    return any(doc[i].lower_ in lexicon.words("reportative_modals") and not an.in_marks[i]
               and i + 1 < end and not doc[i + 1].is_punct for i in range(start, end))


def find_free_indirect(an: Analysis, quotes: list[Found], cue_sentences: set[int]) -> list[Found]:
    """Continuations of the quotes in ``quotes`` (sorted) and reportative sentences.

    ``cue_sentences`` are the sentences that hold a cue (attributed or not):
    those are never free indirect speech.
    """
    taken: dict[int, Found] = {}
    for found in quotes:
        for k in {an.sent_of[found.first], an.sent_of[max(found.first, found.last - 1)]}:
            sent = an.sents[k]
            covered = min(found.last, sent.end) - max(found.first, sent.start)
            # a few words in quotation marks ("könne „das Konto jetzt einlösen“") leave the sentence free
            if found.type != "direct" or covered * 2 >= sent.end - sent.start:
                taken.setdefault(k, found)
    result: list[Found] = []
    last: Found | None = None
    last_sentence = -10
    types = an.settings.types
    for k, sent in enumerate(an.sents):
        if k in taken:
            found = taken[k]
            if found.speaker is not None:
                last, last_sentence = found, an.sent_of[max(found.first, found.last - 1)]
            continue
        if k in cue_sentences:
            last = None
            continue
        start, end = sent.start, sent.end
        if sum(an.in_marks[start:end]) > (end - start) // 2:
            continue
        mood = _mood(an, start, end)
        if mood == 2 and last_sentence < k - 1 and k > 0:
            # the sentence before names who speaks ("X sprach sich gegen … aus. Zwar sei …")
            named = _named_subject(an, an.sents[k - 1])
            if named is not None:
                last, last_sentence = named, k - 1
        recent = last is not None and k - last_sentence <= _REACH
        follows = last is not None and k - last_sentence == 1
        if "indirect_free_indirect" in types and (mood == 2 or mood == 1 and follows and last.type != "direct"):
            speaker = last.speaker if recent else None
            previous = result[-1] if result else None
            if (previous is not None and previous.type == "indirect_free_indirect" and follows
                    and last is previous and previous.speaker == speaker
                    and an.runs_on_into(previous.last - 1, k)):
                # consecutive sentences of one speaker in one paragraph form one quote
                start = previous.first
                result.pop()
            found = Found(((start, end),), "indirect_free_indirect", start, end, speaker)
            result.append(found)
            if speaker is not None:
                last, last_sentence = found, k
            continue
        previous = result[-1] if result else None
        continues = (previous is not None and previous.type == "free_indirect"
                     and an.sent_of[previous.last - 1] == k - 1
                     and an.runs_on_into(previous.last - 1, k))
        if ("free_indirect" in types and end - start > 4
                and (_reportative(an, start, end)
                     or (_main_clause_soll(an, start, end) and ((follows and last.type != "direct") or continues)))):
            speaker = last.speaker if last is not None and k - last_sentence <= _REACH else None
            if continues:
                start = previous.first  # one claim over consecutive sentences
                speaker = previous.speaker
                result.pop()
            result.append(Found(((start, end),), "free_indirect", start, end, speaker))
    return result
