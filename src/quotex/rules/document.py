"""The analysed document every rule reads: sentences, quotation marks, lexicons.

Computed once per Doc in linear passes, so the rules can ask "which sentence
is token i in" or "is token i inside quotation marks" in constant time.

The quotes the rules find are token ranges (``Found``) through every stage;
``Analysis.record`` makes their character-span records once, when they leave
the component.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from quotex.records import Cue, Organization, Part, Quote, Speaker
from quotex.rules import syntax
from quotex.rules.lexicon import Lexicons, active
from quotex.rules.quotation_marks import QuoteMarks, find_quotes


_CLOSING_PUNCTUATION = frozenset({".", "!", "?", ",", ";", ":", "–", "-"})

#: A token range ``[start, end)``.
Range = tuple[int, int]


@dataclass(frozen=True)
class Settings:
    """The attributor's configuration (the ``quotex`` component's config)."""

    #: quote types to report
    types: tuple[str, ...] = ("direct", "indirect", "reported", "free_indirect", "indirect_free_indirect")
    #: a text in quotation marks of at most this many words is a scare quote or a
    #: title, not speech, unless a cue attributes it
    max_scare_tokens: int = 4
    #: an indirect quote never runs longer than this many tokens
    max_quote_tokens: int = 250
    #: longest quotation (characters) whose closing mark may be missing
    max_quote_chars: int = 5000


@dataclass(frozen=True)
class Marked:
    """A quotation in marks, as a token range ``[start, end)``."""

    marks: QuoteMarks
    start: int
    end: int


@dataclass
class Analysis:
    """Everything the rules share about one Doc, computed once in linear passes."""

    doc: Doc
    #: ``doc.text``, which spaCy rebuilds from the tokens on every access
    text: str
    lex: Lexicons
    settings: Settings
    scheme: syntax.Scheme | None
    sents: list[Span]
    sent_of: list[int]
    #: 1 for tokens inside (or being) quotation marks of an outer quotation
    in_marks: bytearray
    marked: list[Marked] = field(default_factory=list)
    #: start -> end of quotations of at most ``max_scare_tokens`` words (names, titles, scare quotes)
    short_marked: dict[int, int] = field(default_factory=dict)
    #: the same, end -> start
    short_marked_end: dict[int, int] = field(default_factory=dict)
    #: per token: Konjunktiv strength (see ``Lexicons.konjunktiv_strength``)
    konj: bytearray = field(default_factory=bytearray)
    #: per token: 1 when the word may be a cue verb or an attribution word
    maybe_cue: bytearray = field(default_factory=bytearray)
    #: per token: the hash of its lower-case form
    lower: list[int] = field(default_factory=list)

    @classmethod
    def of(cls, doc: Doc, lex: Lexicons, settings: Settings) -> "Analysis":
        """Analyse ``doc``: sentences, quotation marks, cue and Konjunktiv screening."""
        text = doc.text
        sents = syntax.sentence_spans(doc, text)
        sent_of = [-1] * len(doc)
        for k, sent in enumerate(sents):
            for i in range(sent.start, sent.end):
                sent_of[i] = k
        # whitespace tokens between sentences belong to the sentence before them
        last = 0
        for i in range(len(doc)):
            if sent_of[i] == -1:
                sent_of[i] = last
            last = sent_of[i]
        in_marks = bytearray(len(doc))
        marked: list[Marked] = []
        for marks in find_quotes(text, settings.max_quote_chars):
            if marks.depth:
                continue
            span = doc.char_span(marks.start, marks.end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            marked.append(Marked(marks, span.start, span.end))
            for i in range(span.start, span.end):
                in_marks[i] = 1
        short_marked = {
            m.start: m.end for m in marked
            if sum(1 for i in range(m.start, m.end) if not doc[i].is_punct) <= settings.max_scare_tokens
        }
        konj, maybe_cue, lower = lex.screen(doc)
        short_marked_end = {end: start for start, end in short_marked.items()}
        return cls(doc, text, lex, settings, syntax.scheme_of(doc), sents, sent_of, in_marks, marked, short_marked,
                   short_marked_end, konj, maybe_cue, lower)

    @classmethod
    def of_doc(cls, doc: "Doc | Analysis") -> "Analysis":
        """``doc`` itself if it is analysed already, else its analysis with the active lexicons.

        For stages called on their own (tests, notebooks); ``attribute`` analyses once.
        """
        return doc if isinstance(doc, Analysis) else cls.of(doc, active(), Settings())

    def same_sentence(self, a: int, b: int) -> bool:
        """Tokens ``a`` and ``b`` are in one sentence (the rules' sentences, see ``sentence_spans``)."""
        return self.sent_of[a] == self.sent_of[b]

    def runs_on_into(self, i: int, k: int) -> bool:
        """No line break between token ``i`` and the start of sentence ``k``: what ends at ``i``
        and sentence ``k`` stand in one paragraph, so a quote or its speaker may carry over."""
        return "\n" not in self.text[self.doc[i].idx:self.sents[k].start_char]

    def part(self, *ranges: tuple[int, int] | None) -> Part | None:
        """A Part over token ranges (``None`` entries and empty ranges skipped)."""
        spans = self.char_spans(*ranges)
        return Part(spans) if spans else None

    def runs(self, *ranges: tuple[int, int] | None) -> list[Range]:
        """Token ranges, sorted, with ranges whose characters touch merged: the pieces of a record's part."""
        out: list[Range] = []
        for rng in sorted(r for r in ranges if r is not None and r[1] > r[0]):
            if out and self.doc[rng[0]].idx <= self.end_char(out[-1]):
                out[-1] = (out[-1][0], max(rng[1], out[-1][1]))
            else:
                out.append(rng)
        return out

    def end_char(self, rng: Range) -> int:
        """Where the last token of ``rng`` ends in the text."""
        last = self.doc[rng[1] - 1]
        return last.idx + len(last.text)

    def char_spans(self, *ranges: tuple[int, int] | None) -> tuple[tuple[int, int], ...]:
        """Char spans of token ranges, sorted, with touching ranges merged."""
        return tuple((self.doc[rng[0]].idx, self.end_char(rng)) for rng in self.runs(*ranges))

    def token_parts(self, indices: tuple[int, ...]) -> tuple[tuple[int, int], ...]:
        """Char spans of single tokens, adjacent ones merged ("teilte … mit")."""
        ranges: list[tuple[int, int]] = []
        for i in sorted(indices):
            if ranges and ranges[-1][1] == i:
                ranges[-1] = (ranges[-1][0], i + 1)
            else:
                ranges.append((i, i + 1))
        return self.char_spans(*ranges)

    def quoted_tokens(self, found: Iterable[Found]) -> bytearray:
        """1 for every token inside any of the quotes ``found``: whether a word is quoted is
        then one lookup, however quotes nest or reach across sentences."""
        quoted = bytearray(len(self.doc))
        for f in found:
            for first, last in f.quote:
                quoted[first:last] = b"\x01" * (last - first)
        return quoted

    def _frame_part(self, frame: tuple[Range, ...]) -> Part | None:
        """The frame's runs as char spans without the space around them; runs of punctuation only are dropped."""
        text = self.text
        spans = []
        for rng in frame:
            start, stop = self.doc[rng[0]].idx, self.end_char(rng)
            while start < stop and text[start].isspace():
                start += 1
            while stop > start and text[stop - 1].isspace():
                stop -= 1
            if any(ch.isalnum() for ch in text[start:stop]):
                spans.append((start, stop))
        return Part(tuple(spans)) if spans else None

    def _organization(self, org: Affiliation | None) -> Organization | None:
        if org is None:
            return None
        return Organization(((self.doc[org.start].idx, self.end_char((org.start, org.end)) - org.cut),), name=org.name)

    def record(self, found: Found) -> Quote:
        """The record of ``found``: its token ranges as character spans, the one place they are made."""
        speaker = found.speaker
        return Quote(
            self.part(*found.quote),
            found.type,
            speaker=None if speaker is None else Speaker(self.char_spans(speaker.span),
                                                         name=speaker.name, label=speaker.label),
            cue=Cue(self.token_parts(found.cue), lemma=found.lemma) if found.cue else None,
            addressee=self.part(found.addressee),
            organization=self._organization(found.organization),
            frame=self._frame_part(found.frame),
            medium=found.medium,
        )

    def content_end(self, start: int, end: int) -> int:
        """``end`` moved left over closing punctuation (indirect quotes omit it)."""
        doc = self.doc
        while end > start and (doc[end - 1].text in _CLOSING_PUNCTUATION or doc[end - 1].is_space):
            end -= 1
        return end


@dataclass(frozen=True)
class Mention:
    """A speaker mention as the token range ``[start, end)``, with whom it names once resolved."""

    start: int
    end: int
    #: the person or organization the mention stands for (``Speaker.name``)
    name: str | None = None
    #: ``PER`` or ``ORG`` (``Speaker.label``)
    label: str | None = None

    @property
    def span(self) -> Range:
        return self.start, self.end


@dataclass(frozen=True)
class Affiliation:
    """What a speaker speaks for: the tokens ``[start, end)`` that name it, the last one without
    its final ``cut`` characters when the name is part of a word ("NATO" in
    "NATO-Generalsekretär", "Thailand" in "Thailands")."""

    start: int
    end: int
    #: the name in the nominative ("Weißes Haus"), ``Organization.name``
    name: str | None
    cut: int = 0


@dataclass(frozen=True)
class Found:
    """A quote as the rules find it, in tokens: what every stage reads and writes.

    Its character-span record (``records.Quote``) is made once, by
    :meth:`Analysis.record`, when the quote leaves the component. ``first``
    and ``last`` bound the tokens later rules look at (usually those of
    ``quote``).
    """

    #: token ranges of the quote's words
    quote: tuple[Range, ...]
    type: str
    first: int
    last: int
    speaker: Mention | None = None
    #: the cue's tokens ("teilte", "mit"); none when no cue was found
    cue: tuple[int, ...] = ()
    lemma: str | None = None
    addressee: Range | None = None
    medium: str | None = None
    #: token runs of the clause that attributes the quote, outside every quote
    frame: tuple[Range, ...] = ()
    organization: Affiliation | None = None
