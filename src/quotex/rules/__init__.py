"""Attribution rules: small pure functions over spaCy ``Doc``/``Span``.

Modules are named for what they find: quotation marks, cues, direct quotes,
indirect quotes, free indirect speech, mentions, speakers, organizations;
``syntax`` hides the label scheme of the parser (UD or TIGER, or none).
"""

from __future__ import annotations

from spacy.tokens import Doc

from quotex.records import Quote
from quotex.rules.cues import Lexicons
from quotex.rules.direct import find_direct
from quotex.rules.document import Analysis, Found, Settings
from quotex.rules.free_indirect import find_free_indirect
from quotex.rules.indirect import find_indirect
from quotex.rules.organizations import attach_organizations
from quotex.rules.speakers import resolve_speakers

__all__ = ["Lexicons", "Settings", "attribute"]


def _overlap(a: Found, b: Found) -> int:
    return max(0, min(a.last, b.last) - max(a.first, b.first))


def _merge(direct: list[Found], indirect: list[Found]) -> list[Found]:
    """Direct and indirect quotes, without the same words reported twice.

    An indirect rule that fires on a sentence made of a quotation ("laut X
    „…“") lends its speaker and cue to the direct quote instead.
    """
    result = list(direct)
    for found in indirect:
        twin = next((d for d in direct if _overlap(d, found) * 2 > found.last - found.first), None)
        if twin is None:
            result.append(found)
            continue
        if twin.quote.speaker is None and found.quote.speaker is not None:
            index = result.index(twin)
            q = twin.quote
            result[index] = Found(
                Quote(q.quote, q.type, found.quote.speaker, found.quote.cue, q.organization, found.quote.addressee),
                twin.first,
                twin.last,
            )
    result.sort(key=lambda f: f.first)
    return result


def attribute(doc: Doc, lexicons: Lexicons | None = None, settings: Settings | None = None) -> list[Quote]:
    """All quotes of ``doc``, in text order, with speakers and organizations."""
    if len(doc) == 0:
        return []
    settings = settings or Settings()
    an = Analysis.of(doc, lexicons or Lexicons.from_package(), settings)
    found = _merge(find_direct(an), find_indirect(an))
    cue_sentences = {an.sent_of[f.first] for f in found if f.quote.cue is not None}
    found.extend(find_free_indirect(an, found, cue_sentences))
    found.sort(key=lambda f: f.first)
    quotes = [f.quote for f in found if f.quote.type in settings.types]
    quotes = resolve_speakers(doc, quotes)
    return attach_organizations(doc, quotes)
