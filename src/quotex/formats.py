"""What an input is before it is read as text: gzip, HTML, a binary document, or quotex's own output.

Files arrive under any name: a crawler saves ``.html`` pages as ``page-17``,
an export is gzipped without ``.gz``, someone drops a PDF into the folder.
The bytes decide, not the name: gzip is recognised by its magic number and
decompressed, HTML by its first tags, and binary formats by their magic
number, each with a message naming the format and a tool that converts it
(instead of the decoding error about UTF-16 the bytes would otherwise get).

:mod:`quotex.inputs` calls these functions from its one reading path; they
neither read files nor print.
"""

from __future__ import annotations

import codecs
import gzip
import io
import json
import logging
import re
from dataclasses import dataclass
from typing import IO, Any

#: The fields of a line of a ``--documents`` file, in this order.
DOCUMENT_KEYS = ("source", "doc_id", "title", "date", "url", "text")
#: Keys every quotex record has (see "The record" in the README): a first
#: line with all of them is a records file written by ``quotex extract``.
RECORD_KEYS = frozenset({"source", "doc_id", "title", "quote", "type", "speaker", "cue", "medium"})

#: Fewer words than this in the text extracted from a page means there is no
#: article: a navigation or cookie page yields a few link labels ("Start").
#: The shortest news items (a dpa brief) have some 40 words.
MIN_ARTICLE_WORDS = 25

GZIP_MAGIC = b"\x1f\x8b"
#: Extensions of HTML pages, picked up in folders and read as HTML whatever their content.
HTML_SUFFIXES = (".html", ".htm")

_HTML_START = re.compile(rb"\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|meta|title)\b", re.I | re.S)
_WORD = re.compile(r"[^\W\d_]+")


class FormatError(Exception):
    """The input is in a format quotex does not read, or holds no article; the message says what to do."""


@dataclass(frozen=True)
class Binary:
    """A binary format quotex does not read, and how to turn it into text."""

    name: str
    advice: str
    magic: tuple[bytes, ...]
    suffixes: tuple[str, ...]
    #: The converting tool, named in a folder walk's summary of skipped files.
    tool: str | None = None


_OCR = "it holds no text to read; if it is a scanned article, run OCR on it (tesseract)"
_PANDOC = "convert it with pandoc -t plain FILE -o OUT.txt, or libreoffice --headless --convert-to txt FILE"
#: Checked in order; the first whose magic number starts the bytes names the format.
BINARY_FORMATS = (
    Binary("a PDF document", "convert it to text with pdftotext (poppler-utils): pdftotext -enc UTF-8 FILE OUT.txt",
           (b"%PDF",), (".pdf",), "pdftotext"),
    Binary("a Word document (.docx)", _PANDOC, (), (".docx",), "pandoc"),
    Binary("an OpenDocument text (.odt)", _PANDOC, (), (".odt",), "pandoc"),
    Binary("a ZIP archive (or an Office document)", "unpack it (unzip) and give the files inside; convert Office "
           "documents with libreoffice --headless --convert-to txt FILE", (b"PK\x03\x04",), (".zip", ".xlsx", ".pptx"),
           "unzip or libreoffice"),
    Binary("an RTF document", "convert it with unrtf --text FILE, or pandoc -t plain FILE -o OUT.txt",
           (b"{\\rtf",), (".rtf",), "unrtf"),
    Binary("an old Microsoft Office document (.doc, .xls, .ppt)", "convert it with libreoffice --headless "
           "--convert-to txt FILE (or antiword FILE for .doc)", (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",),
           (".doc", ".xls", ".ppt"), "libreoffice"),
    Binary("a bzip2-compressed file", "decompress it with bunzip2", (b"BZh",), (".bz2",), "bunzip2"),
    Binary("an xz-compressed file", "decompress it with unxz", (b"\xfd7zXZ\x00",), (".xz",), "unxz"),
    Binary("a zstd-compressed file", "decompress it with unzstd", (b"\x28\xb5\x2f\xfd",), (".zst",), "unzstd"),
    Binary("a 7-Zip archive", "unpack it with 7z x FILE and give the files inside", (b"7z\xbc\xaf\x27\x1c",), (".7z",),
           "7z"),
    Binary("a PNG image", _OCR, (b"\x89PNG\r\n\x1a\n",), (".png",)),
    Binary("a JPEG image", _OCR, (b"\xff\xd8\xff",), (".jpg", ".jpeg")),
    Binary("a GIF image", _OCR, (b"GIF87a", b"GIF89a"), (".gif",)),
    Binary("a TIFF image", _OCR, (b"II*\x00", b"MM\x00*"), (".tif", ".tiff")),
    Binary("a WebP image", _OCR, (), (".webp",)),
    Binary("a tar archive", "unpack it with tar xf FILE and give the files inside", (), (".tar", ".tgz"), "tar"),
    Binary("an executable program", "it is not an article; leave it out", (b"\x7fELF",), (".exe",)),
)
_BY_NAME = {binary.name: binary for binary in BINARY_FORMATS}


def binary_format(data: bytes) -> Binary | None:
    """The binary format ``data`` is in, if its magic number is one quotex knows."""
    for binary in BINARY_FORMATS:
        if data.startswith(binary.magic):
            if binary.magic == (b"PK\x03\x04",):
                return _zip_kind(data) or binary
            return binary
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return _BY_NAME["a WebP image"]
    if data[257:262] == b"ustar":  # tar has its magic number at offset 257
        return _BY_NAME["a tar archive"]
    return None


def _zip_kind(data: bytes) -> Binary | None:
    """A Word or OpenDocument text inside a ZIP container, told by its first entries."""
    head = data[:4096]
    if b"mimetypeapplication/vnd.oasis.opendocument.text" in head:
        return _BY_NAME["an OpenDocument text (.odt)"]
    if b"word/" in head:
        return _BY_NAME["a Word document (.docx)"]
    return None


def binary_message(binary: Binary) -> str:
    return f"is {binary.name}, not text; {binary.advice}"


def skipped_kind(suffix: str) -> str:
    """How files a folder walk skipped are named in its summary: the extension, and a converting tool if known."""
    tool = next((binary.tool for binary in BINARY_FORMATS if suffix in binary.suffixes and binary.tool), None)
    name = suffix or "no extension"
    return f"{name} (convert with {tool})" if tool else name


# -- gzip ------------------------------------------------------------------------


def is_gzip(data: bytes) -> bool:
    return data.startswith(GZIP_MAGIC)


def gunzip_stream(data: bytes) -> IO[bytes]:
    """A stream of the decompressed bytes; the caller reads as much as it allows (a gzip bomb stops there)."""
    return gzip.GzipFile(fileobj=io.BytesIO(data), mode="rb")


def inner_suffix(name: str) -> str:
    """The extension under ``.gz``: ``page.html.gz`` is HTML, ``export.jsonl.gz`` JSON Lines."""
    stem = name[: -len(".gz")] if name.lower().endswith(".gz") else name
    match = re.search(r"\.[^./\\]+$", stem)
    return match.group().lower() if match else ""


# -- HTML ------------------------------------------------------------------------


def looks_like_html(data: bytes) -> bool:
    """Whether the bytes begin the way an HTML page does (a doctype, or an html, head or body tag).

    An article in plain text does not begin with a tag, so this cannot take
    text for HTML; a page that begins with something else is read as text.
    """
    return _HTML_START.match(data[:4096].lstrip(b"\xef\xbb\xbf")) is not None


_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)


def declared_charset(data: bytes) -> str | None:
    """The page decoded by the charset its ``<meta>`` declares, if that is not UTF-8 and decodes it.

    Older German sites still serve ISO-8859-1 or -15 and say so; read by what
    they declare, they need no guess (and give no warning about one).
    Anything else (no declaration, UTF-8, an unknown name, bytes that do not
    fit) is left to the usual decoding.
    """
    match = _CHARSET.search(data[:4096])
    if match is None:
        return None
    try:
        codec = codecs.lookup(match.group(1).decode("ascii"))
        return None if codec.name == "utf-8" else data.decode(codec.name)
    except (LookupError, UnicodeDecodeError):
        return None


@dataclass(frozen=True)
class Page:
    """What trafilatura extracted from a page: the text every offset indexes, and metadata."""

    text: str
    title: str | None
    date: str | None
    url: str | None


#: Fixed trafilatura settings, so a re-run gives the same text: precision over
#: recall (comments, share bars and teasers stay out), no tables (their cells
#: are not sentences), no deduplication (its cache would make the text of a
#: page depend on the pages read before it in the same process), and a fixed
#: latest date for htmldate, whose default is today (a date would otherwise
#: depend on the day of the run).
_EXTRACTION = {
    "favor_precision": True,
    "include_comments": False,
    "include_tables": False,
    "include_images": False,
    "include_links": False,
    "include_formatting": False,
    "deduplicate": False,
    "with_metadata": True,
    "date_extraction_params": {"extensive_search": False, "original_date": True, "outputformat": "%Y-%m-%d",
                               "min_date": "1995-01-01", "max_date": "2099-12-31"},
}


def extract_page(html: str) -> Page:
    """The article of an HTML page (``FormatError`` if there is none), extracted by trafilatura.

    Paragraphs (and headings, list items, block quotes) are separated by a
    blank line, so quotex's paragraph step sees them as in a text file; the
    title is trafilatura's (JSON-LD headline, og:title, <title> or <h1>).
    """
    trafilatura, xmltotxt = _trafilatura()
    result = trafilatura.bare_extraction(html, **_EXTRACTION)
    blocks = [] if result is None or result.body is None else [xmltotxt(block, False).strip() for block in result.body]
    text = "\n\n".join(block for block in blocks if block)
    if len(_WORD.findall(text)) < MIN_ARTICLE_WORDS:
        raise FormatError(
            f"no article text found in this HTML page (fewer than {MIN_ARTICLE_WORDS} words outside navigation, "
            "comments and boilerplate); if it is an article, save it as text"
        )
    return Page(text=text, title=result.title or None, date=result.date or None, url=result.url or None)


def _trafilatura() -> tuple[Any, Any]:
    """trafilatura, imported on first use (it costs half a second) with its loggers silenced.

    quotex reports problems itself, one line per input; the libraries'
    warnings about a page ("discarding data", date guesses) would be noise on
    stderr that a library must not print.
    """
    for name in ("trafilatura", "htmldate", "courlan", "justext"):
        logger = logging.getLogger(name)
        if not any(isinstance(handler, logging.NullHandler) for handler in logger.handlers):
            logger.addHandler(logging.NullHandler())
        logger.propagate = False
    import trafilatura
    from trafilatura.xml import xmltotxt

    return trafilatura, xmltotxt


# -- quotex's own output ---------------------------------------------------------------


def own_output(first_line: bytes) -> str | None:
    """``"records"`` or ``"documents"`` if this first line is one quotex writes, else ``None``.

    Told by the keys of the record and documents schemas, never by file name:
    ``quotex extract drop/ > drop/quotes.jsonl`` leaves records wherever the
    user put them.
    """
    try:
        value = json.loads(first_line)
    except (ValueError, RecursionError):
        return None
    if not isinstance(value, dict):
        return None
    if RECORD_KEYS <= value.keys():
        return "records"
    if set(DOCUMENT_KEYS) == value.keys():
        return "documents"
    return None
