"""``quotex report``: one self-contained HTML file to read and check a run's quotes.

Written for a journalist opening it for the first time, in German: who is
quoted how often (tables and a bar chart), and every article with its
quotes highlighted the way displaCy highlights spans (a coloured stretch per
quote with its type as a label, the speaker and cue marked). Everything is
inline (styles, the SVG chart, a small script), so the file works offline,
from an e-mail attachment or a USB stick; nothing is loaded from anywhere.

* Each highlighted quote carries ``data-record="N"``, N being the record's
  line in RECORDS: a quote in the report can be found in the data and back.
* The filter (speaker, organization, type) is a few lines of script over
  ``data-`` attributes; ``report.html?speaker=s1&type=direct`` opens it
  filtered (keys as in the filter's options). Without script (or in print)
  it is hidden and everything is shown.
* Accessible: native controls only (select, button, link) so the keyboard
  reaches everything with visible focus; colours are never the only signal
  (each quote has its type as text, speakers and cues are underlined
  differently); text contrast is at least 4.5:1, bars at least 3:1.
* Printable: controls are left out, highlights keep their colours and
  underlines, articles are not cut inside a heading.
* At 5,000 records the file is a few MB; articles off screen are not laid
  out until scrolled to (``content-visibility``), so it opens quickly.
"""

from __future__ import annotations

import html
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from quotex.records import QUOTE_TYPES
from quotex.views.loading import Entry, matches
from quotex.views.marks import Mark, marks, pieces
from quotex.views.people import Grouping, group
from quotex.views.stats import Row, rows

#: German names of the quote types, as the report shows them.
TYPE_NAMES = {
    "direct": "direkt",
    "indirect": "indirekt",
    "reported": "berichtet",
    "free_indirect": "frei indirekt",
    "indirect_free_indirect": "indirekt, frei",
}
#: What each type means, for the legend.
TYPE_HELP = {
    "direct": "wörtlich, in Anführungszeichen",
    "indirect": "sinngemäß, meist im Konjunktiv (»sagte, sie sei …«)",
    "reported": "nur berichtet, was jemand sagte oder forderte",
    "free_indirect": "Konjunktiv ohne Redeeinleitung im selben Satz",
    "indirect_free_indirect": "indirekt weitergeführt über mehrere Sätze",
}
MEDIUM_NAMES = {
    "speech": "gesprochen",
    "writing": "geschrieben",
    "thought": "gedacht",
    "speech_or_writing": "gesprochen oder geschrieben",
    "speech_or_thought": "gesprochen oder gedacht",
}
#: Per type: a dark colour (label chips with white text >= 4.5:1, bars >= 3:1 on white)
#: and a light one (highlight background under dark text >= 4.5:1). Tell-apart hues for colour-blind readers.
COLOURS = {
    "direct": ("#005a9c", "#d3e8f8"),
    "indirect": ("#00704f", "#cdeee1"),
    "reported": ("#a14600", "#fadcc6"),
    "free_indirect": ("#7f3f7b", "#efd8ed"),
    "indirect_free_indirect": ("#6b5500", "#f3e6b3"),
}
ROLE_LABELS = {"speaker": "Sprecher", "cue": "Signalwort"}
#: Bars per chart.
TOP = 12


def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)


@dataclass
class Article:
    source: str
    title: str
    entries: list[Entry] = field(default_factory=list)
    text: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Report:
    """The HTML and what the reader should know on the command line."""

    html: str
    warnings: list[str]


def _articles(entries: Sequence[Entry], texts: dict[str, str], documents: dict[str, dict[str, Any]] | None
              ) -> tuple[list[Article], list[str]]:
    articles: dict[str, Article] = {}
    for entry in entries:
        record = entry.record
        article = articles.get(record["source"])
        if article is None:
            document = (documents or {}).get(record["source"], {})
            title = record.get("title") or document.get("title") or record.get("doc_id") or record["source"]
            meta = {key: record.get(key) or document.get(key) for key in ("date", "url")}
            article = articles[record["source"]] = Article(record["source"], title, meta=meta)
        article.entries.append(entry)
    warnings = []
    for article in articles.values():
        text = texts.get(article.source)
        if text is None:
            warnings.append(f"{article.source}: article text not found; its quotes are listed without the text")
        elif not all(matches(text, entry.record) for entry in article.entries):
            warnings.append(f"{article.source}: the text does not match the records (changed since the run?); "
                            "its quotes are listed without the text")
        else:
            article.text = text
    return list(articles.values()), warnings


def build(entries: Sequence[Entry], texts: dict[str, str], *, name: str,
          documents: dict[str, dict[str, Any]] | None = None, version: str = "") -> Report:
    """The report of ``entries`` (from the file called ``name``); ``texts`` by source (see ``loading``)."""
    records = [entry.record for entry in entries]
    grouping = group(records)
    types = [record["type"] for record in records]
    speakers, organizations = rows(grouping.speakers, types), rows(grouping.organizations, types)
    keys = _Keys(speakers, organizations)
    by_line = {entry.line: index for index, entry in enumerate(entries)}
    articles, warnings = _articles(entries, texts, documents)
    without = None if documents is None else [d for s, d in documents.items() if s not in {a.source for a in articles}]

    def attributes(line: int) -> dict[str, str]:
        index = by_line[line]
        return {"speaker": keys.speaker(grouping.speakers[index]), "org": keys.organization(grouping.organizations[index])}

    body = [
        _header(name, len(records), len(articles), speakers, organizations, without, version),
        _filter(speakers, organizations, keys),
        '<section id="ueberblick" aria-labelledby="ueberblick-h"><h2 id="ueberblick-h">Die meistzitierten</h2>',
        '<div class="charts">',
        _chart("Sprecher:innen", speakers, "chart-sprecher"),
        _chart("Organisationen", organizations, "chart-org"),
        "</div>",
        _legend(),
        "</section>",
        _table("sprecher", "Sprecher:innen", "Sprecher:in", speakers, "speaker", keys, grouping.speakers, entries),
        _table("organisationen", "Organisationen", "Organisation", organizations, "org", keys,
               grouping.organizations, entries),
        '<section id="artikel" aria-labelledby="artikel-h"><h2 id="artikel-h">Artikel</h2>',
        _legend(),
        *(_article(number, article, grouping, by_line, attributes) for number, article in enumerate(articles, 1)),
        _without(without),
        "</section>",
    ]
    return Report(_page(name, "\n".join(body)), warnings)


class _Keys:
    """Short keys for the filter: s1, s2 … for speakers, o1, o2 … for organizations (``""``: unknown)."""

    def __init__(self, speakers: list[Row], organizations: list[Row]) -> None:
        self._speakers = {row.name: f"s{i}" for i, row in enumerate(speakers, 1) if row.name}
        self._organizations = {row.name: f"o{i}" for i, row in enumerate(organizations, 1) if row.name}

    def speaker(self, name: str | None) -> str:
        return self._speakers.get(name, "") if name else ""

    def organization(self, name: str | None) -> str:
        return self._organizations.get(name, "") if name else ""


def _header(name: str, records: int, articles: int, speakers: list[Row], organizations: list[Row],
            without: list[dict[str, Any]] | None, version: str) -> str:
    named = sum(1 for row in speakers if row.name)
    orgs = sum(1 for row in organizations if row.name)
    empty = "" if without is None else f" · {len(without)} Artikel ohne Zitat"
    return (
        '<header><a class="skip" href="#artikel">Zu den Artikeln springen</a>'
        f"<h1>Zitate aus {_e(name)}</h1>"
        f'<p class="summary">{_count(records, "Zitat", "Zitate")} in {_count(articles, "Artikel", "Artikeln")}{empty}'
        f' · {_count(named, "Sprecher:in", "Sprecher:innen")} · {_count(orgs, "Organisation", "Organisationen")}</p>'
        '<nav aria-label="Inhalt"><ul><li><a href="#ueberblick">Überblick</a></li>'
        '<li><a href="#sprecher">Sprecher:innen</a></li><li><a href="#organisationen">Organisationen</a></li>'
        '<li><a href="#artikel">Artikel</a></li></ul></nav>'
        f'<p class="note">Automatisch erkannt mit quotex {_e(version)}: Zuordnungen können falsch sein – '
        "bitte im Artikel prüfen. Namen sind nach Person zusammengefasst (»Scholz« zu »Olaf Scholz«).</p></header>"
    )


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def _filter(speakers: list[Row], organizations: list[Row], keys: _Keys) -> str:
    def options(rows_: list[Row], key) -> str:
        return "".join(f'<option value="{key(row.name)}">{_e(row.name)} ({row.quotes})</option>'
                       for row in rows_ if row.name)

    types = "".join(f'<option value="{t}">{TYPE_NAMES[t]}</option>' for t in QUOTE_TYPES)
    return (
        '<section id="filter" aria-labelledby="filter-h" hidden><h2 id="filter-h">Filter</h2>'
        '<form id="filter-form" class="filter">'
        '<label>Sprecher:in <select id="f-speaker" name="speaker"><option value="">alle</option>'
        f"{options(speakers, keys.speaker)}</select></label>"
        '<label>Organisation <select id="f-org" name="org"><option value="">alle</option>'
        f"{options(organizations, keys.organization)}</select></label>"
        f'<label>Typ <select id="f-type" name="type"><option value="">alle</option>{types}</select></label>'
        '<button type="reset">Alle zeigen</button></form>'
        '<p id="f-status" role="status" aria-live="polite"></p></section>'
    )


def _chart(title: str, rows_: list[Row], ident: str) -> str:
    """A horizontal bar chart of the most quoted, bars split by type; numbers written at the bar ends."""
    shown = [row for row in rows_ if row.name][:TOP]
    if not shown:
        return f'<figure class="chart"><figcaption>{_e(title)}: keine Namen erkannt</figcaption></figure>'
    label_width, bar_width, row_height = 210, 330, 26
    most = max(row.quotes for row in shown)
    height = row_height * len(shown) + 6
    parts = [
        f'<figure class="chart"><figcaption id="{ident}">{_e(title)}: die {len(shown)} meistzitierten</figcaption>'
        f'<svg role="img" aria-labelledby="{ident}" viewBox="0 0 {label_width + bar_width + 40} {height}" '
        f'width="{label_width + bar_width + 40}" height="{height}" xmlns="http://www.w3.org/2000/svg">'
    ]
    for index, row in enumerate(shown):
        y = 3 + index * row_height
        name = row.name if len(row.name) <= 30 else row.name[:29] + "…"
        parts.append(f'<text x="{label_width - 8}" y="{y + 17}" text-anchor="end" class="lab">{_e(name)}'
                     f"<title>{_e(row.name)}</title></text>")
        x = float(label_width)
        for kind in QUOTE_TYPES:
            count = row.types.get(kind, 0)
            if not count:
                continue
            width = bar_width * count / most
            parts.append(f'<rect x="{x:.1f}" y="{y + 3}" width="{width:.1f}" height="{row_height - 8}" '
                         f'fill="{COLOURS[kind][0]}"><title>{_e(row.name)}: {count} {TYPE_NAMES[kind]}</title></rect>')
            x += width
        parts.append(f'<text x="{x + 6:.1f}" y="{y + 17}" class="num">{row.quotes}</text>')
    parts.append("</svg></figure>")
    return "".join(parts)


def _legend() -> str:
    items = "".join(
        f'<li><span class="lbl t-{t}">{TYPE_NAMES[t]}</span> {TYPE_HELP[t]}</li>' for t in QUOTE_TYPES
    )
    return (
        f'<ul class="legend" aria-label="Legende">{items}'
        f'<li><span class="sp">Sprecher</span> wer spricht</li>'
        f'<li><span class="cue">Signalwort</span> woran die Rede erkannt wurde (»sagte«, »laut«)</li></ul>'
    )


def _table(ident: str, title: str, head: str, rows_: list[Row], kind: str, keys: _Keys,
           names: list[str | None], entries: Sequence[Entry]) -> str:
    lines: dict[str | None, list[int]] = {}
    for name, entry in zip(names, entries):
        lines.setdefault(name, []).append(entry.line)
    key = keys.speaker if kind == "speaker" else keys.organization
    heads = "".join(f'<th scope="col" class="n">{TYPE_NAMES[t]}</th>' for t in QUOTE_TYPES)
    body = []
    for row in rows_:
        label = _e(row.name) if row.name else "<i>unbekannt</i>"
        pick = (f'<button type="button" class="pick" data-pick="{kind}" data-key="{key(row.name)}" '
                f'title="Nur die Zitate von {_e(row.name)} zeigen">{label}</button>') if row.name else label
        links = " ".join(f'<a href="#q-{line}">{line}</a>' for line in lines.get(row.name, []))
        if len(lines.get(row.name, [])) > 8:
            links = f"<details><summary>{row.quotes} Zitate</summary>{links}</details>"
        counts = "".join(f'<td class="n">{row.types.get(t, "")}</td>' for t in QUOTE_TYPES)
        body.append(f'<tr data-{kind}="{key(row.name)}"><th scope="row">{pick}</th><td class="n">{row.quotes}</td>'
                    f'{counts}<td class="links">{links}</td></tr>')
    return (
        f'<section id="{ident}" aria-labelledby="{ident}-h"><h2 id="{ident}-h">{title}</h2>'
        f'<table><caption>Zitate je {head}, nach Typ; die Nummern führen zu den Zitaten</caption>'
        f'<thead><tr><th scope="col">{head}</th><th scope="col" class="n">Zitate</th>{heads}'
        f'<th scope="col">Zitate im Text (Nr.)</th></tr></thead><tbody>{"".join(body)}</tbody></table></section>'
    )


def _describe(entry: Entry, grouping: Grouping, index: int) -> str:
    record = entry.record
    speaker = grouping.speakers[index] or (record.get("speaker") or {}).get("text") or "unbekannt"
    organization = grouping.organizations[index]
    medium = record.get("medium")
    parts = [f"Nr. {entry.line}", TYPE_NAMES.get(record["type"], record["type"]),
             speaker + (f" ({organization})" if organization else "")]
    if medium:
        parts.append(MEDIUM_NAMES.get(medium, medium))
    return " · ".join(parts)


def _article(number: int, article: Article, grouping: Grouping, by_line: dict[int, int], attributes) -> str:
    meta = [f'<span class="src">{_e(article.source)}</span>']
    if article.meta.get("date"):
        meta.append(_e(article.meta["date"]))
    if article.meta.get("url"):
        meta.append(f'<a href="{_e(article.meta["url"])}">Originalartikel</a>')
    head = (f'<article id="a-{number}" class="art"><h3>{_e(article.title)}</h3>'
            f'<p class="meta">{" · ".join(meta)} · {len(article.entries)} Zitate</p>')
    notes = {entry.line: _describe(entry, grouping, by_line[entry.line]) for entry in article.entries}
    if article.text is None:
        items = "".join(
            f'<li>{_quote_open(entry.line, entry.record["type"], attributes(entry.line), notes[entry.line], True)}'
            f'{_e(entry.record["quote"]["text"])}</mark></li>' for entry in article.entries
        )
        return head + f'<p class="warn">Artikeltext nicht gefunden; die Zitate ohne Zusammenhang:</p><ul>{items}</ul></article>'
    speakers = {entry.line: grouping.speakers[by_line[entry.line]] for entry in article.entries}
    text = _highlight(article.text, marks(article.entries), attributes, notes, speakers)
    return head + f'<div class="text">{text}</div></article>'


def _quote_open(line: int, kind: str, attrs: dict[str, str], note: str, first: bool) -> str:
    ident = f' id="q-{line}" tabindex="-1"' if first else ""
    label = f'<span class="lbl t-{kind}">{TYPE_NAMES.get(kind, kind)}</span>' if first else ""
    return (f'<mark class="q t-{kind}"{ident} data-record="{line}" data-type="{kind}" data-speaker="{attrs["speaker"]}" '
            f'data-org="{attrs["org"]}" title="{_e(note)}">{label}')


def _highlight(text: str, found: list[Mark], attributes, notes: dict[int, str], speakers: dict[int, str | None]) -> str:
    """The text as HTML, each piece wrapped in the marks over it; labels on the first piece of each mark.

    A speaker's label names the person when the text does not ("sie" ->
    "Sprecher: Anna Weber"), so a pronoun can be checked where it stands.
    """
    out = []
    for left, right, over in pieces(found, 0, len(text)):
        for mark in over:
            first = mark.start == left
            if mark.role == "quote":
                line = mark.records[0]
                out.append(_quote_open(line, mark.type, attributes(line), notes[line], first))
            else:
                label = ROLE_LABELS[mark.role]
                name = speakers.get(mark.records[0]) if mark.role == "speaker" else None
                if name and name != text[mark.start:mark.end]:
                    label += f": {_e(name)}"
                label = f'<span class="lbl">{label}</span>' if first else ""
                records = " ".join(map(str, mark.records))
                out.append(f'<span class="{"sp" if mark.role == "speaker" else "cue"}" data-records="{records}">{label}')
        out.append(html.escape(text[left:right], quote=False))
        out.extend("</mark>" if mark.role == "quote" else "</span>" for mark in reversed(over))
    return "".join(out)


def _without(without: list[dict[str, Any]] | None) -> str:
    if not without:
        return ""
    items = "".join(f"<li>{_e(d.get('title') or d.get('doc_id') or d['source'])} "
                    f'<span class="src">{_e(d["source"])}</span></li>' for d in without)
    return f'<details class="without"><summary>{len(without)} Artikel ohne Zitat</summary><ul>{items}</ul></details>'


def _page(name: str, body: str) -> str:
    colours = "\n".join(
        f".t-{t}{{--dark:{dark};--light:{light}}}" for t, (dark, light) in COLOURS.items()
    )
    return f"""<!DOCTYPE html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="quotex">
<title>Zitate – {_e(name)}</title>
<style>
{colours}
{_CSS}
</style>
</head>
<body>
{body}
<script>
{_SCRIPT}
</script>
</body>
</html>
"""


_CSS = """
:root{color-scheme:light;--ink:#1a1a1a;--muted:#4a4a4a;--line:#c8c8c8}
*{box-sizing:border-box}
body{margin:0 auto;max-width:72rem;padding:1rem 1.25rem 3rem;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:#fff}
h1{font-size:1.7rem;margin:.6rem 0 .2rem}h2{font-size:1.3rem;margin:2rem 0 .6rem;border-bottom:2px solid var(--ink)}h3{font-size:1.1rem;margin:0 0 .2rem}
a{color:#0b4f8a}a:visited{color:#5a2d82}
:focus-visible{outline:3px solid #000;outline-offset:2px;box-shadow:0 0 0 5px #ffd400}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:.5rem;background:#fff;padding:.3rem .6rem;z-index:2}
.summary{font-size:1.1rem;margin:.2rem 0}.note{color:var(--muted);font-size:.9rem}
nav ul{list-style:none;padding:0;display:flex;gap:1.2rem;flex-wrap:wrap}
.filter{display:flex;gap:1rem;flex-wrap:wrap;align-items:end}
.filter label{display:flex;flex-direction:column;font-weight:600;font-size:.9rem}
select,button{font:inherit;padding:.3rem .4rem;border:1px solid #555;border-radius:4px;background:#fff;color:var(--ink)}
button{cursor:pointer}
#filter{position:sticky;top:0;background:#fff;z-index:1;border-bottom:1px solid var(--line);padding-bottom:.4rem}
#filter h2{border:0;margin:.4rem 0}
.charts{display:flex;flex-wrap:wrap;gap:2rem}
.chart{margin:0}.chart figcaption{font-weight:600;margin-bottom:.3rem}
.chart svg{max-width:100%;height:auto}.chart .lab{font-size:13px;fill:#1a1a1a}.chart .num{font-size:13px;fill:#1a1a1a;font-weight:600}
.legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.4rem 1.4rem;font-size:.9rem;color:var(--muted)}
table{border-collapse:collapse;width:100%;font-size:.95rem}
caption{text-align:left;color:var(--muted);padding:.3rem 0}
th,td{border-bottom:1px solid var(--line);padding:.3rem .5rem;text-align:left;vertical-align:top}
thead th{border-bottom:2px solid var(--ink);white-space:nowrap}
.n{text-align:right;font-variant-numeric:tabular-nums}
.pick{border:0;background:none;padding:0;color:#0b4f8a;text-decoration:underline;font-weight:600;text-align:left}
tr.sel{background:#fff3b0}
.links{font-size:.85rem;max-width:22rem}.links a{margin-right:.25rem}
details summary{cursor:pointer;color:#0b4f8a}
.art{border-top:1px solid var(--line);padding:1rem 0;content-visibility:auto;contain-intrinsic-size:auto 30rem}
.meta{color:var(--muted);font-size:.85rem;margin:0 0 .6rem}.src{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.85em}
.text{white-space:pre-wrap;overflow-wrap:anywhere;line-height:2.1}
mark.q{background:var(--light);color:var(--ink);padding:.15em 0;border-radius:3px;box-decoration-break:clone;-webkit-box-decoration-break:clone}
mark.q:target{outline:3px solid #000;outline-offset:1px}
.lbl{display:inline-block;font-style:normal;font-size:.7rem;line-height:1.3;font-weight:700;text-transform:uppercase;letter-spacing:.03em;padding:0 .3em;margin:0 .25em 0 .1em;border-radius:3px;vertical-align:.15em;color:#fff;background:var(--dark,#333);white-space:nowrap}
.sp{font-weight:700;border-bottom:3px solid var(--ink)}
.cue{font-style:italic;border-bottom:2px dashed var(--ink)}
.sp>.lbl{background:#333}.cue>.lbl{background:#555}
.legend .sp,.legend .cue{padding:0 .1em}
.dim{background:transparent!important}.dim>.lbl{background:#767676!important}
.warn{color:#8a1f00;font-weight:600}
@media print{
 body{max-width:none;padding:0;font-size:11pt}
 #filter,.skip,nav,.links details summary{display:none}
 .art{content-visibility:visible;break-inside:auto}h2,h3{break-after:avoid}
 mark.q,.lbl{-webkit-print-color-adjust:exact;print-color-adjust:exact}
 a{color:inherit;text-decoration:none}
 details>*{display:block}
}
"""

_SCRIPT = """
(function () {
  var form = document.getElementById('filter-form');
  var section = document.getElementById('filter');
  var status = document.getElementById('f-status');
  var fields = {speaker: document.getElementById('f-speaker'), org: document.getElementById('f-org'),
                type: document.getElementById('f-type')};
  var articles = Array.prototype.map.call(document.querySelectorAll('article.art'), function (el) {
    return {el: el, quotes: el.querySelectorAll('mark.q'), roles: el.querySelectorAll('[data-records]')};
  });
  var rows = document.querySelectorAll('tr[data-speaker], tr[data-org]');
  section.hidden = false;
  function apply() {
    var want = {speaker: fields.speaker.value, org: fields.org.value, type: fields.type.value};
    var active = want.speaker || want.org || want.type;
    var quotes = 0, shownArticles = 0;
    articles.forEach(function (article) {
      var ok = {}, any = false;
      Array.prototype.forEach.call(article.quotes, function (q) {
        var match = (!want.speaker || q.dataset.speaker === want.speaker) && (!want.org || q.dataset.org === want.org) &&
                    (!want.type || q.dataset.type === want.type);
        q.classList.toggle('dim', !match);
        if (match) { ok[q.dataset.record] = true; any = true; if (q.id) { quotes += 1; } }
      });
      Array.prototype.forEach.call(article.roles, function (el) {
        el.classList.toggle('dim', !el.dataset.records.split(' ').some(function (n) { return ok[n]; }));
      });
      article.el.hidden = active && !any;
      if (!article.el.hidden) { shownArticles += 1; }
    });
    Array.prototype.forEach.call(rows, function (row) {
      row.classList.toggle('sel', (!!want.speaker && row.dataset.speaker === want.speaker) ||
                                  (!!want.org && row.dataset.org === want.org));
    });
    status.textContent = active ? (quotes === 1 ? '1 passendes Zitat' : quotes + ' passende Zitate') + ' in ' +
                                  (shownArticles === 1 ? '1 Artikel' : shownArticles + ' Artikeln') : '';
  }
  form.addEventListener('change', apply);
  form.addEventListener('reset', function () { setTimeout(apply, 0); });
  document.addEventListener('click', function (event) {
    var button = event.target.closest('button.pick');
    if (!button) { return; }
    form.reset();
    fields[button.dataset.pick].value = button.dataset.key;
    apply();
    document.getElementById('artikel').scrollIntoView();
  });
  var query = new URLSearchParams(location.search);
  Object.keys(fields).forEach(function (name) { if (query.get(name)) { fields[name].value = query.get(name); } });
  if (query.toString()) { apply(); }
  if (location.hash.indexOf('#q-') === 0) { var target = document.querySelector(location.hash); if (target) { target.focus(); } }
})();
"""
