"""Articles as they arrive (issue 13): HTML pages, gzip, binary documents, quotex's own output, JSON fields.

The news page in ``fixtures/inputs/nachrichten.html`` is hand-made: a short
German article with three attributed statements, wrapped in what real pages
carry around it (cookie banner, navigation, share bars, related links,
comments with quotes of their own, a footer). Its quotes must come out with
their speakers, the boilerplate's must not, and every offset must index the
text written to ``--documents``.
"""

from __future__ import annotations

import gzip
import io
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import FIXTURES, MODEL, run_quotex
from quotex.formats import DOCUMENT_KEYS, extract_page
from quotex.inputs import Input, iter_inputs
from schema import validate

PAGE = FIXTURES / "inputs" / "nachrichten.html"
NAVIGATION = FIXTURES / "inputs" / "navigation.html"
ARTICLE = (
    "Berlin (dpa) - Die Stadt will eine neue Brücke bauen. „Wir haben lange genug gewartet“, sagte die "
    "Bürgermeisterin am Montag. Die Kosten seien noch nicht bekannt, erklärte ein Sprecher der Verwaltung."
)


def read(*paths: Path | str, **options: object) -> list[Input]:
    return list(iter_inputs([str(path) for path in paths], **options))  # type: ignore[arg-type]


def messages(inputs: list[Input]) -> list[str]:
    return [str(problem) for item in inputs for problem in item.problems]


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def page_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[dict], list[dict]]:
    """``quotex extract`` over the page as .html, as .html.gz, and gzipped under a name without extension."""
    folder = tmp_path_factory.mktemp("pages")
    data = PAGE.read_bytes()
    (folder / "seite.html").write_bytes(data)
    (folder / "seite.html.gz").write_bytes(gzip.compress(data, mtime=0))
    (folder / "crawl-0017").write_bytes(gzip.compress(data, mtime=0))
    run = run_quotex("extract", "seite.html", "seite.html.gz", "crawl-0017", "--model", MODEL,
                     "-o", "out.jsonl", "--documents", "docs.jsonl", cwd=folder)
    assert run.code == 0, run.stderr
    return _lines(folder / "out.jsonl"), _lines(folder / "docs.jsonl")


def test_a_news_page_gives_its_article_quotes_with_their_speakers_and_nothing_from_boilerplate(page_run) -> None:
    records, _ = page_run
    page = [record for record in records if record["source"] == "seite.html"]
    direct = {record["speaker"]["name"]: record["quote"]["text"] for record in page if record["type"] == "direct"}
    assert set(direct) == {"Petra Vogel", "Klaus Brenner"}
    assert direct["Petra Vogel"].startswith("„Wir können nicht noch ein weiteres Jahr warten")
    assert direct["Klaus Brenner"].startswith("„Dieser Plan kostet die Händler")
    assert any(record["speaker"] and record["speaker"]["name"] == "Martin Keller" for record in page)
    quoted = " ".join(record["quote"]["text"] for record in page)
    for boilerplate in ("akzeptieren", "abonnieren", "Linie 7", "Endlich passiert", "völlig recht", "Jeden Morgen"):
        assert boilerplate not in quoted
    assert all(record["title"] == "Stadtrat streitet über neue Radwege" for record in page)
    assert all(record["date"] == "2024-03-14" for record in page)


def test_every_offset_indexes_the_documents_text(page_run) -> None:
    records, documents = page_run
    assert [list(document) for document in documents] == [list(DOCUMENT_KEYS)] * 3
    texts = {document["source"]: document["text"] for document in documents}
    assert records and {record["source"] for record in records} == set(texts)
    for record in records:
        validate(record, texts[record["source"]])


def test_the_extracted_text_has_entities_decoded_and_paragraphs_apart(page_run) -> None:
    _, documents = page_run
    text = documents[0]["text"]
    assert "&" not in text and "„Wir können" in text and "Bürgermeisterin" in text
    assert text.count("\n\n") == 3 and "\n\n\n" not in text  # four paragraphs, a blank line between them
    assert "Cookies" not in text and "Impressum" not in text and "Kommentar" not in text
    assert documents[0]["url"] == "https://www.tagesblatt-musterstadt.example/lokales/radwege-streit"


def test_gzip_gives_the_records_of_the_plain_file_whatever_its_name(page_run) -> None:
    records, documents = page_run

    def without_source(source: str) -> list[dict]:
        return [{**record, "source": None, "doc_id": None} for record in records if record["source"] == source]

    assert without_source("seite.html.gz") == without_source("seite.html") == without_source("crawl-0017")
    assert [document["doc_id"] for document in documents] == ["seite", "seite", "crawl-0017"]
    assert len({document["text"] for document in documents}) == 1


def test_a_gzipped_text_file_is_read_as_the_plain_one(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "a.txt.gz").write_bytes(gzip.compress(ARTICLE.encode("utf-8")))
    (tmp_path / "b.jsonl.gz").write_bytes(gzip.compress(json.dumps({"text": ARTICLE}).encode("utf-8")))
    plain, packed, lines = read(tmp_path / "a.txt", tmp_path / "a.txt.gz", tmp_path / "b.jsonl.gz")
    assert packed.documents[0].text == plain.documents[0].text == lines.documents[0].text == ARTICLE
    assert packed.documents[0].doc_id == "a" and lines.documents[0].source.endswith("b.jsonl.gz#1")
    assert packed.digest != plain.digest  # --state sees the bytes as they are on disk


def test_html_extraction_is_the_same_on_every_run() -> None:
    html = PAGE.read_text(encoding="utf-8")
    assert extract_page(html) == extract_page(html)


def test_html_under_a_txt_name_is_recognised(tmp_path: Path) -> None:
    (tmp_path / "saved.txt").write_bytes(PAGE.read_bytes())
    (item,) = read(tmp_path / "saved.txt")
    assert item.documents[0].text.startswith("Der Musterstädter Stadtrat")


def test_a_page_in_the_charset_it_declares_is_decoded_by_it_without_a_warning(tmp_path: Path) -> None:
    html = PAGE.read_text(encoding="utf-8").replace('<meta charset="utf-8">', '<meta charset="iso-8859-15">')
    html = html.replace("dagegen:", "dagegen (5 €):").translate(str.maketrans("„“–", "»«-"))
    (tmp_path / "alt.html").write_bytes(html.encode("iso-8859-15"))
    (item,) = read(tmp_path / "alt.html")
    assert item.problems == []
    # Read as cp1252 (the guess for text files), the euro sign of ISO-8859-15 would be "¤".
    assert "Klaus Brenner, hielt dagegen (5 €): „Dieser Plan" in item.documents[0].text  # „ from &bdquo;


def test_gzipped_html_on_standard_input_is_recognised(tmp_path: Path) -> None:
    run = run_quotex("extract", "-", "--model", MODEL, "-o", "out.jsonl", "--documents", "docs.jsonl", cwd=tmp_path,
                     stdin=gzip.compress(PAGE.read_bytes()))
    assert run.code == 0, run.stderr
    (document,) = _lines(tmp_path / "docs.jsonl")
    assert (document["source"], document["doc_id"]) == ("-", "stdin")
    assert document["text"].startswith("Der Musterstädter Stadtrat")
    assert _lines(tmp_path / "out.jsonl")


def test_the_title_falls_back_to_og_title_and_the_json_ld_headline() -> None:
    html = PAGE.read_text(encoding="utf-8")
    html = re.sub(r"<title>.*?</title>|<h1.*?</h1>", "", html)
    assert extract_page(html).title == "Stadtrat streitet über neue Radwege"  # og:title
    headline = ('<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
                '"headline": "Streit im Rat"}</script>')
    html = re.sub(r'<meta property="og:title"[^>]*>', headline, html)
    assert extract_page(html).title == "Streit im Rat"


def test_a_page_without_article_text_is_reported_and_fails_alone(tmp_path: Path) -> None:
    (tmp_path / "start.html").write_bytes(NAVIGATION.read_bytes())
    (tmp_path / "artikel.txt").write_text(ARTICLE, encoding="utf-8")
    article, start = read(tmp_path)
    assert start.failed and start.documents == []
    (message,) = messages([start])
    assert message == (f"quotex: error: {tmp_path}/start.html: no article text found in this HTML page (fewer than "
                       "25 words outside navigation, comments and boilerplate); if it is an article, save it as text")
    assert not article.failed and article.documents[0].text == ARTICLE


def test_trafilatura_prints_nothing_even_where_logging_is_configured(tmp_path: Path) -> None:
    """quotex reports a page as one problem line; trafilatura's own log lines ("discarding data") go nowhere."""
    script = (
        "import logging, sys; logging.basicConfig(level=logging.DEBUG)\n"
        "from quotex.inputs import iter_inputs\n"
        "print([str(p) for item in iter_inputs(sys.argv[1:]) for p in item.problems])\n"
    )
    result = subprocess.run([sys.executable, "-c", script, str(NAVIGATION), str(PAGE)], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    assert result.stdout.count("quotex: error") == 1 and "navigation.html: no article text found" in result.stdout


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("bericht.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "is a PDF document, not text; convert it to text with pdftotext"),
        ("bericht.txt", b"%PDF-1.4\n", "is a PDF document"),
        ("bericht.docx", _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"}),
         "is a Word document (.docx), not text; convert it with pandoc -t plain"),
        ("bericht.odt", _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"}),
         "is an OpenDocument text (.odt), not text; convert it with pandoc"),
        ("archiv.zip", _zip({"a.txt": b"Hallo"}), "is a ZIP archive (or an Office document), not text; unpack it (unzip)"),
        ("bericht.rtf", b"{\\rtf1\\ansi\\deff0 {\\fonttbl}", "is an RTF document, not text; convert it with unrtf"),
        ("bericht.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64),
         "is an old Microsoft Office document (.doc, .xls, .ppt), not text; convert it with libreoffice"),
        ("foto.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF", "is a JPEG image, not text; it holds no text to read"),
        ("export.jsonl.bz2", b"BZh91AY&SY", "is a bzip2-compressed file, not text; decompress it with bunzip2"),
        ("artikel.tar.gz", gzip.compress(b"artikel.txt".ljust(257, b"\0") + b"ustar\x0000" + bytes(200)),
         "is a tar archive, not text; unpack it with tar xf"),
    ],
)
def test_binary_formats_are_named_with_a_tool_that_converts_them(tmp_path: Path, name: str, data: bytes,
                                                                 expected: str) -> None:
    (tmp_path / name).write_bytes(data)
    (item,) = read(tmp_path / name)
    assert item.failed and item.documents == []
    (message,) = messages([item])
    assert message.startswith(f"quotex: error: {tmp_path}/{name}: {expected}")
    assert "UTF-16" not in message


def test_gzip_that_decompresses_past_max_bytes_is_refused(tmp_path: Path) -> None:
    bomb = gzip.compress(b"a" * 5_000_000)
    assert len(bomb) < 10_000
    (tmp_path / "bomb.txt.gz").write_bytes(bomb)
    (item,) = read(tmp_path / "bomb.txt.gz", max_bytes=1_000_000)
    assert item.failed
    assert messages([item]) == [f"quotex: error: {tmp_path}/bomb.txt.gz: decompresses to more than --max-bytes "
                                "1000000 bytes; split it, or raise --max-bytes if it is one input"]


def test_a_damaged_gzip_file_is_reported(tmp_path: Path) -> None:
    (tmp_path / "cut.txt.gz").write_bytes(gzip.compress(ARTICLE.encode("utf-8"))[:40])
    (item,) = read(tmp_path / "cut.txt.gz")
    assert item.failed and "gzip-compressed, but damaged or cut short" in messages([item])[0]


def test_a_folder_walk_reads_html_and_gz_and_counts_what_it_skipped(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_bytes(PAGE.read_bytes())
    (tmp_path / "b.htm").write_bytes(PAGE.read_bytes())
    (tmp_path / "c.txt.gz").write_bytes(gzip.compress(ARTICLE.encode("utf-8")))
    for name in ("x.pdf", "y.pdf", "z.docx", "bild.png", "notizen.csv"):
        (tmp_path / name).write_bytes(b"whatever")
    inputs = read(tmp_path)
    assert [Path(item.key).name for item in inputs if item.documents] == ["a.html", "b.htm", "c.txt.gz"]
    assert messages(inputs) == [
        f"quotex: warning: {tmp_path}: skipped 5 files that are not .txt, .json, .jsonl, .html, .htm, .gz: "
        "1 .csv, 1 .docx (convert with pandoc), 2 .pdf (convert with pdftotext), 1 .png"
    ]


# -- quotex's own output ----------------------------------------------------------------


def test_records_and_documents_written_into_the_input_folder_are_skipped_with_one_warning(tmp_path: Path) -> None:
    drop = tmp_path / "drop"
    drop.mkdir()
    for number in range(3):
        (drop / f"{number}.txt").write_text(ARTICLE, encoding="utf-8")
    first = run_quotex("extract", "drop", "--model", MODEL, "--documents", "docs.jsonl", cwd=tmp_path)
    assert first.code == 0 and len(first.records) >= 3, first.stderr
    (drop / "quotes.jsonl").write_text(first.stdout, encoding="utf-8")  # quotex extract drop/ > drop/quotes.jsonl
    (drop / "articles.jsonl").write_bytes((tmp_path / "docs.jsonl").read_bytes())
    again = run_quotex("extract", "drop", "--model", MODEL, cwd=tmp_path)
    assert again.code == 0, again.stderr
    assert again.stdout == first.stdout
    problems = [line for line in again.stderr.splitlines() if "warning" in line or "error" in line]
    assert problems == [
        "quotex: warning: drop/articles.jsonl: quotex's own documents file (written by quotex extract), not articles; skipped",
        "quotex: warning: drop/quotes.jsonl: quotex's own records file (written by quotex extract), not articles; skipped",
    ]


def test_a_records_file_named_as_input_is_an_error_and_a_documents_file_is_read_as_articles(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    first = run_quotex("extract", "a.txt", "--model", MODEL, "--documents", "docs.jsonl", cwd=tmp_path)
    (tmp_path / "records.jsonl").write_text(first.stdout, encoding="utf-8")
    records, documents = read(tmp_path / "records.jsonl", tmp_path / "docs.jsonl")
    assert records.failed and messages([records]) == [
        f"quotex: error: {tmp_path}/records.jsonl: a quotex records file (written by quotex extract), not articles; "
        "give the articles it was made from"
    ]
    (document,) = documents.documents
    assert (document.text, document.doc_id) == (ARTICLE, "a")


# -- JSON fields -----------------------------------------------------------------------


def test_a_headline_field_is_the_title_unless_there_is_a_title(tmp_path: Path) -> None:
    lines = [{"text": ARTICLE, "headline": "Neue Brücke"}, {"text": ARTICLE, "headline": "Kopf", "title": "Titel"}]
    (tmp_path / "a.jsonl").write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    (item,) = read(tmp_path / "a.jsonl")
    assert [document.title for document in item.documents] == ["Neue Brücke", "Titel"]


def test_title_id_and_date_fields_can_be_named(tmp_path: Path) -> None:
    line = {"body": ARTICLE, "ueberschrift": "Neue Brücke", "artikel_nr": 4711, "veroeffentlicht": "2024-05-02",
            "title": "nicht dieser", "id": "nicht diese", "date": "nicht dieses"}
    (tmp_path / "export.jsonl").write_text(json.dumps(line) + "\n", encoding="utf-8")
    run = run_quotex("extract", "export.jsonl", "--model", MODEL, "--text-field", "body", "--title-field", "ueberschrift",
                     "--id-field", "artikel_nr", "--date-field", "veroeffentlicht", cwd=tmp_path, text_field="body")
    assert run.code == 0 and run.records, run.stderr
    for record in run.records:
        assert (record["title"], record["doc_id"], record["date"]) == ("Neue Brücke", "4711", "2024-05-02")


def test_a_named_field_that_cannot_be_written_fails_the_object(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text('{"text": "Er sagte es.", "published": NaN}\n', encoding="utf-8")
    (item,) = read(tmp_path / "a.jsonl", date_field="published")
    assert item.failed and "field 'published' holds NaN" in messages([item])[0]
