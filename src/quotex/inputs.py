"""From the paths a user gives to decoded documents, or to one clear problem each.

A nightly batch over a folder of scraped articles meets every kind of broken
file. None of them may stop the batch or corrupt an offset: each file becomes
an :class:`Input` with its documents and the :class:`Problem` lines to show on
stderr. A *fatal* problem means that input (or that JSONL line) failed; the
other inputs go on regardless.

The decoded text is never changed (no newline, Unicode or whitespace
normalization), because records point into it by character offsets.
"""

from __future__ import annotations

import codecs
import errno
import hashlib
import json
import os
import re
import stat
import sys
import zlib
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from quotex import formats
from quotex.boilerplate import find_boilerplate
from quotex.records import strict_json

#: File name extensions picked up when walking a folder, and how each is read
#: (``.gz`` files too: as what the extension under ``.gz`` says).
FORMATS = {".txt": "text", ".json": "json", ".jsonl": "jsonl", **dict.fromkeys(formats.HTML_SUFFIXES, "html")}
#: What a folder walk picks up, for messages.
WALKED = ", ".join([*FORMATS, ".gz"])

#: Fields of a record taken from the input as they are (for JSON: see :class:`JsonFields`).
META_FIELDS = ("date", "url")

#: Default of ``--max-bytes``: the most bytes read from one input. Far above
#: any article (and a year of a news site in one JSONL file); below it, an
#: endless device or a runaway export cannot eat the memory of the batch.
MAX_BYTES = 256 * 1024 * 1024
#: Deepest nesting accepted in a passed-through field (``date``, ``url``):
#: values are pickled to workers and serialized, both recursively.
MAX_FIELD_DEPTH = 32

#: Below this many words a language guess is noise, so no warning is given.
MIN_WORDS_FOR_LANGUAGE = 40
#: Share of German function words under which a text is reported as not German.
#: German news prose runs at 35-50 %; English or French text stays under 5 %.
MIN_GERMAN_SHARE = 0.12

_WORD = re.compile(r"[^\W\d_]+")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
#: Control characters other than tab, line and page breaks: not in any text.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
#: UTF-8 read as cp1252: "Ã¼" for "ü", "â€ž" for "„". Their presence means the
#: bytes were mostly UTF-8 and a cp1252 reading would be garbage.
#: What must not reach a terminal or split a line: control characters,
#: surrogates (undecodable bytes of a file name) and Unicode line separators.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029]")
_MOJIBAKE = re.compile("[ÃÂ][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]|â€")


@dataclass(frozen=True)
class Document:
    """One article: its text exactly as decoded, and where it came from."""

    source: str
    doc_id: str
    title: str | None
    text: str
    meta: dict[str, Any]
    skip: tuple[tuple[int, int], ...]
    key: str
    digest: str

    def to_dict(self) -> dict[str, Any]:
        """The line of a ``--documents`` file for this document: ``text`` is what its records' offsets index."""
        return {key: self.meta.get(key) if key in META_FIELDS else getattr(self, key) for key in formats.DOCUMENT_KEYS}


@dataclass(frozen=True)
class JsonFields:
    """Which fields of a JSON object hold an article's text, title, id and date.

    Exports name them differently (``headline``, ``body``, ``published``), so
    title, id and date each have a list of names tried in order, the first
    present field winning; an option (``--title-field``) replaces the list by
    one name. ``doc_id`` is among the id names so that a ``--documents`` file
    can be read back as articles.
    """

    text: str = "text"
    title: tuple[str, ...] = ("title", "headline")
    id: tuple[str, ...] = ("id", "doc_id")
    date: tuple[str, ...] = ("date",)
    url: tuple[str, ...] = ("url",)

    @classmethod
    def named(
        cls, text: str = "text", title: str | None = None, id: str | None = None, date: str | None = None
    ) -> "JsonFields":
        """The fields for ``--text-field``, ``--title-field``, ``--id-field`` and ``--date-field`` (``None``: default)."""
        default = cls()
        return cls(
            text=text,
            title=(title,) if title else default.title,
            id=(id,) if id else default.id,
            date=(date,) if date else default.date,
        )


@dataclass(frozen=True)
class Problem:
    """One line for stderr; ``fatal=False`` is a warning (the input was still processed)."""

    source: str
    line: int | None
    message: str
    fatal: bool

    def __str__(self) -> str:
        where = self.source if self.line is None else f"{self.source}:{self.line}"
        return printable(f"quotex: {'error' if self.fatal else 'warning'}: {where}: {self.message}")


def printable(text: str) -> str:
    """``text`` safe for one line of stderr: control characters and undecodable bytes escaped.

    A file name with a newline would otherwise split its error line in two (the
    second half reading like another error), and escape sequences would speak
    to the terminal. Undecodable bytes (surrogate escapes) become ``\\xNN``.
    """

    def escape(match: re.Match[str]) -> str:
        char = match.group()
        if "\udc80" <= char <= "\udcff":
            return f"\\x{ord(char) - 0xDC00:02x}"
        return repr(char)[1:-1]

    return _UNPRINTABLE.sub(escape, text)


def record_source(path: str) -> str:
    """The ``source`` of a record for a file path, lossless and valid Unicode.

    Paths are bytes on Unix; a name that is not UTF-8 (a Latin-1 ``Müller.txt``)
    reaches Python with surrogate escapes, which JSON cannot carry. Such bytes
    are written as ``\\xNN`` and, so that this can be undone, a backslash as
    ``\\\\``; :func:`source_path` gives the bytes back.
    """
    if "\\" not in path and not _UNPRINTABLE.search(path):
        return path
    raw = os.fsencode(path).replace(b"\\", b"\\\\")
    return raw.decode("utf-8", errors="backslashreplace")


def source_path(source: str) -> bytes:
    """The file path (bytes) a record's ``source`` names: the inverse of :func:`record_source`."""
    return re.sub(
        rb"\\(\\|x[0-9a-f]{2})",
        lambda match: b"\\" if match.group(1) == b"\\" else bytes([int(match.group(1)[1:], 16)]),
        source.encode("utf-8", errors="surrogateescape"),
    )


def file_kind(mode: int) -> str:
    """What a file that is not a regular file is, for messages."""
    kinds = (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a FIFO (named pipe)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISLNK, "a symbolic link"),
    )
    return next((name for test, name in kinds if test(mode)), "not a regular file")


@dataclass(frozen=True)
class Input:
    """One input file (or standard input): the unit of work and of ``--state``."""

    key: str
    digest: str
    documents: list[Document] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return any(problem.fatal for problem in self.problems)


class InputError(Exception):
    """A problem that ends the reading of one input; its message is for the user."""


@lru_cache(maxsize=1)
def german_function_words() -> frozenset[str]:
    """The function-word list used for the language check, loaded once."""
    source = resources.files("quotex") / "lexicons" / "german_function_words.txt"
    lines = source.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


# -- discovery -----------------------------------------------------------------


def iter_inputs(
    paths: Sequence[str],
    *,
    text_field: str = "text",
    title_field: str | None = None,
    id_field: str | None = None,
    date_field: str | None = None,
    max_bytes: int = MAX_BYTES,
) -> Iterator[Input]:
    """Every input named by ``paths``, in the order given (folders sorted, recursive).

    ``-`` is standard input; any other path must be a regular file (or a
    folder of them) of at most ``max_bytes`` bytes (decompressed, for gzip).
    A file reached twice (the same path given twice,
    a folder and a file inside it, a hard or symbolic link) is read once; the
    repeat is reported as a warning. A folder walk's files that are not
    articles come as one input holding a warning that counts them by kind.
    The ``*_field`` options name JSON fields (see :class:`JsonFields`).
    """
    fields = JsonFields.named(text_field, title_field, id_field, date_field)
    seen: dict[tuple[int, int], str] = {}
    stdin_read = False
    for given in paths:
        if given == "-":
            if stdin_read:
                yield Input(key="-", digest="", problems=[Problem("-", None, "standard input given twice; read once", False)])
            else:
                stdin_read = True
                yield _read_stdin(fields, max_bytes)
            continue
        in_folder = os.path.isdir(given)
        for source, kind, problem in discover(given):
            if problem is not None:
                yield Input(key=source, digest="", problems=[problem])
                continue
            try:
                info = os.stat(source)
            except OSError as err:
                yield Input(key=source, digest="", problems=[_os_problem(source, err)])
                continue
            identity = (info.st_dev, info.st_ino)
            if identity in seen:
                yield Input(
                    key=os.path.realpath(source),
                    digest="",
                    problems=[Problem(source, None, f"same file as {seen[identity]!r}; processed once", False)],
                )
                continue
            seen[identity] = source
            yield read_file(source, kind, fields=fields, max_bytes=max_bytes, in_folder=in_folder)


def discover(given: str) -> Iterator[tuple[str, str, Problem | None]]:
    """``(source, format, problem)`` for a path as given: a file, or the files of a folder.

    Public because the progress bar counts inputs with the very walk the run
    makes, so its total and the run's count cannot disagree. A folder's
    files of other kinds are counted in one warning at the end, so a user
    learns that the PDFs in the drop folder were left out, and why.
    """
    try:
        info = os.stat(given)
    except OSError as err:
        yield given, "", _os_problem(given, err)
        return
    if not stat.S_ISDIR(info.st_mode):
        # A file named explicitly is read whatever its extension: plain text unless its name or bytes say otherwise.
        yield given, format_for(given), None
        return
    found = False
    skipped: Counter[str] = Counter()
    for source, problem in _walk(given, skipped):
        found = True
        if problem is not None:
            yield source, "", problem
        else:
            yield source, format_for(source), None
    if not found:
        yield given, "", Problem(given, None, f"no {WALKED} files in this folder", False)
    if skipped:
        kinds = ", ".join(f"{count} {formats.skipped_kind(suffix)}" for suffix, count in sorted(skipped.items()))
        yield given, "", Problem(
            given, None, f"skipped {sum(skipped.values())} files that are not {WALKED}: {kinds}", False
        )


def format_for(name: str) -> str:
    """How a file is read, by its name: ``.gz`` by the extension under it; plain text if unknown.

    The bytes still decide where the name is silent or wrong: gzip, HTML and
    binary formats are recognised whatever the file is called.
    """
    suffix = Path(name).suffix.lower()
    if suffix == ".gz":
        suffix = formats.inner_suffix(name)
    return FORMATS.get(suffix, "text")


def walked(name: str) -> bool:
    """Whether a folder walk reads a file of this name."""
    suffix = Path(name).suffix.lower()
    return suffix in FORMATS or suffix == ".gz"


def _walk(folder: str, skipped: Counter[str]) -> Iterator[tuple[str, Problem | None]]:
    """Files below ``folder`` with a known extension, sorted, following links once.

    Hidden files and folders (".git", editor backups) are not articles and are
    left out silently. Other files are counted in ``skipped`` by extension.
    Symbolic links to folders are followed, but a folder already
    visited is not entered again, so a link loop cannot hang the batch.
    """
    visited: set[tuple[int, int]] = set()

    def visit(directory: str) -> Iterator[tuple[str, Problem | None]]:
        try:
            info = os.stat(directory)
            if (info.st_dev, info.st_ino) in visited:
                return
            visited.add((info.st_dev, info.st_ino))
            names = sorted(os.listdir(directory))
        except OSError as err:
            yield directory, _os_problem(directory, err)
            return
        for name in names:
            if name.startswith("."):
                continue
            path = os.path.join(directory, name)
            try:
                mode = os.stat(path).st_mode
            except OSError as err:
                if walked(name) or os.path.islink(path):
                    yield path, _os_problem(path, err)
                continue
            if stat.S_ISDIR(mode):
                yield from visit(path)
            elif walked(name):
                yield path, None  # a FIFO or device is reported by read_file, not opened
            else:
                skipped[Path(name).suffix.lower()] += 1

    yield from visit(folder)


def _os_problem(source: str, err: OSError) -> Problem:
    """A user-facing reason for a file that cannot be opened or read."""
    if err.errno == errno.ELOOP:
        reason = "symbolic link loop; point the link at a real file"
    elif err.errno == errno.ENOENT and os.path.islink(source):
        reason = f"broken symbolic link (its target {os.readlink(source)!r} does not exist)"
    elif err.errno == errno.ENOENT:
        reason = "no such file or folder"
    elif err.errno in (errno.EACCES, errno.EPERM):
        reason = "permission denied; make it readable (chmod +r) or leave it out"
    elif err.errno == errno.EISDIR:
        reason = "is a folder"
    else:
        reason = err.strerror or str(err)
    return Problem(source, None, reason, True)


# -- reading -------------------------------------------------------------------


def read_file(
    source: str, kind: str, *, fields: JsonFields = JsonFields(), max_bytes: int = MAX_BYTES, in_folder: bool = False
) -> Input:
    """Read, decode and parse one file; never raises for a bad file.

    Only regular files are read: a FIFO without a writer would hang the run,
    a device like /dev/zero never ends. Both are reported instead (and may be
    given as ``-``). At most ``max_bytes`` are read. ``in_folder``: the file
    was found by a folder walk (quotex's own output there is skipped).
    """
    key = os.path.realpath(source)
    try:
        mode = os.stat(source).st_mode
        if stat.S_ISREG(mode):
            # O_NONBLOCK: if a FIFO took the file's place since, opening must not wait for a writer.
            handle = os.open(source, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
            with open(handle, "rb") as stream:
                mode = os.fstat(handle).st_mode
                data = _read_at_most(stream, max_bytes) if stat.S_ISREG(mode) else b""
    except OSError as err:
        return Input(key=key, digest="", problems=[_os_problem(source, err)])
    if not stat.S_ISREG(mode):
        message = f"is {file_kind(mode)}, not a regular file; to read it, give it as - (quotex extract - < FILE)"
        return Input(key=key, digest="", problems=[Problem(source, None, message, True)])
    if len(data) > max_bytes:
        return Input(key=key, digest="", problems=[_too_big(source, max_bytes)])
    return parse_bytes(data, source=source, kind=kind, key=key, fields=fields, max_bytes=max_bytes, in_folder=in_folder)


def _read_at_most(stream: Any, max_bytes: int) -> bytes:
    """Up to ``max_bytes + 1`` bytes (one more tells that there is more), in pieces.

    ``read(n)`` would allocate ``n`` bytes up front, whatever the file holds.
    """
    pieces, left = [], max_bytes + 1
    while left > 0:
        piece = stream.read(min(left, 1 << 20))
        if not piece:
            break
        pieces.append(piece)
        left -= len(piece)
    return b"".join(pieces)


def _too_big(source: str, max_bytes: int) -> Problem:
    return Problem(
        source, None, f"more than --max-bytes {max_bytes} bytes; split it, or raise --max-bytes if it is one input", True
    )


def _read_stdin(fields: JsonFields, max_bytes: int) -> Input:
    """Standard input; its format is sniffed because it has no file name to go by."""
    if sys.stdin is None:
        return Input(key="-", digest="", problems=[Problem("-", None, "standard input is closed", True)])
    data = _read_at_most(sys.stdin.buffer, max_bytes)
    if len(data) > max_bytes:
        return Input(key="-", digest="", problems=[_too_big("-", max_bytes)])
    return parse_bytes(data, source="-", kind=None, key="-", fields=fields, max_bytes=max_bytes)


def _sniff(data: bytes) -> str:
    """``json``/``jsonl`` if the bytes start like JSON, else ``text``.

    An article does not begin with "{" or "["; a JSON document that parses
    whole is JSON, anything else that begins like JSON is read line by line.
    """
    head = data.lstrip(codecs.BOM_UTF8 + b" \t\r\n")[:1]
    if head not in (b"{", b"["):
        return "text"
    try:
        json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return "jsonl"
    return "json"


def parse_bytes(
    data: bytes,
    *,
    source: str,
    kind: str | None,
    key: str,
    fields: JsonFields = JsonFields(),
    max_bytes: int = MAX_BYTES,
    in_folder: bool = False,
) -> Input:
    """An :class:`Input` from the raw bytes of one file.

    ``kind`` (text, html, json or jsonl) is what the file name says, ``None``
    to tell by the bytes alone (standard input). Whatever the name, gzip is
    decompressed (at most ``max_bytes``), binary formats are refused with
    advice, and text that begins like an HTML page is read as one. The
    digest (``--state``) is of the bytes as given.
    """
    digest = hashlib.sha256(data).hexdigest()
    problems: list[Problem] = []
    try:
        data = _unpacked(data, max_bytes)
        kind = _sniff(data) if kind is None else kind
        if kind == "text" and formats.looks_like_html(data):
            kind = "html"
        declared = formats.declared_charset(data) if kind == "html" else None
        text, warning = (declared, None) if declared is not None else decode(data)
    except InputError as err:
        return Input(key=key, digest=digest, problems=[Problem(source, None, str(err), True)])
    if warning:
        problems.append(Problem(source, None, warning, False))
    if not text.strip():
        problems.append(Problem(source, None, _nothing_to_read(text), True))
        return Input(key=key, digest=digest, problems=problems)
    own = formats.own_output(text.split("\n", 1)[0].encode("utf-8")) if text.startswith("{") else None
    # In a folder, quotex's output would come back as errors (records) or as repeated articles (documents);
    # named explicitly, a documents file is articles, a records file a mistake.
    if own is not None and in_folder:
        message = f"quotex's own {own} file (written by quotex extract), not articles; skipped"
        return Input(key=key, digest=digest, problems=[Problem(source, None, message, False)])
    if own == "records":
        message = "a quotex records file (written by quotex extract), not articles; give the articles it was made from"
        return Input(key=key, digest=digest, problems=[Problem(source, None, message, True)])
    if kind == "text":
        documents = _text_documents(text, source, key, digest, problems)
    elif kind == "html":
        documents = _html_documents(text, source, key, digest, problems)
    elif kind == "json":
        documents = _json_documents(text, source, key, digest, fields, problems)
    else:
        documents = _jsonl_documents(text, source, key, digest, fields, problems)
    return Input(key=key, digest=digest, documents=documents, problems=problems)


def _unpacked(data: bytes, max_bytes: int) -> bytes:
    """``data`` decompressed if it is gzip; :class:`InputError` for binary formats and broken or huge gzip.

    The decompressed size is what ``--max-bytes`` limits: a few kilobytes of
    gzip can expand to gigabytes (a "gzip bomb"), so decompression stops there.
    """
    if formats.is_gzip(data):
        try:
            with formats.gunzip_stream(data) as stream:
                data = _read_at_most(stream, max_bytes)
        except (OSError, EOFError, zlib.error) as err:
            raise InputError(f"gzip-compressed, but damaged or cut short ({err}); fetch or compress it again") from err
        if len(data) > max_bytes:
            raise InputError(f"decompresses to {_too_big('', max_bytes).message}")
        if formats.is_gzip(data):
            raise InputError("gzip-compressed twice; decompress it once with gunzip and give the result")
    binary = formats.binary_format(data)
    if binary is not None:
        raise InputError(formats.binary_message(binary))
    return data


def decode(data: bytes) -> tuple[str, str | None]:
    """The text of ``data`` and a warning if it needed a fallback.

    UTF-8 is the format; a byte-order mark selects UTF-8/16/32 and is not part
    of the text (offsets count from the first character after it). Bytes that
    are not UTF-8 are read as cp1252 (the usual Windows encoding of German
    text) only if the result looks like text.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as err:
                raise InputError(f"starts with a {codec.upper()} byte-order mark but is not valid {codec.upper()} "
                                 f"(bad bytes at offset {err.start})") from err
            return text, (None if codec == "utf-8-sig" else f"decoded as {codec.upper()} (byte-order mark)")
    nul = data.find(b"\0")
    if nul >= 0:
        raise InputError(
            f"binary content (NUL byte at offset {nul}), not a text file; "
            "if it is UTF-16 without a byte-order mark, convert it with iconv -f UTF-16LE -t UTF-8"
        )
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as err:
        bad = err.start
    fallback = data.decode("cp1252", errors="replace")
    if "\ufffd" in fallback or _MOJIBAKE.search(fallback) or not _looks_like_text(fallback):
        raise InputError(
            f"not valid UTF-8 (first bad byte at offset {bad}) and not readable as cp1252 either; "
            "convert it to UTF-8, e.g. iconv -f ENCODING -t UTF-8"
        )
    return fallback, f"not valid UTF-8 (first bad byte at offset {bad}); decoded as cp1252"


def _looks_like_text(text: str) -> bool:
    """No control characters besides line ends and tabs, and mostly letters and spaces."""
    if _CONTROL.search(text):
        return False
    sample = text[:100_000]
    plain = sum(char.isalpha() or char.isspace() for char in sample)
    return plain >= 0.6 * len(sample)


def _title(text: str, skip: tuple[tuple[int, int], ...]) -> str | None:
    """The first non-empty line that is not page boilerplate (minus a boilerplate prefix)."""
    for match in re.finditer(r"[^\r\n]+", text):
        start, end = match.span()
        for skip_start, skip_end in skip:
            if skip_start <= start < skip_end or (start <= skip_start < end and not text[start:skip_start].strip()):
                start = max(start, skip_end)
        line = text[start:end].strip()
        if line:
            return line
    return None


class _Reporter:
    """Adds problems for one place (file, JSONL line or JSON array item) to a list."""

    def __init__(self, problems: list[Problem], source: str, line: int | None = None, prefix: str = "") -> None:
        self.problems, self.source, self.line, self.prefix = problems, source, line, prefix

    def __call__(self, message: str, fatal: bool) -> None:
        self.problems.append(Problem(self.source, self.line, self.prefix + message, fatal))


def _new_document(
    text: str,
    *,
    source: str,
    doc_id: str,
    title: str | None,
    derive_title: bool,
    meta: dict[str, Any],
    key: str,
    digest: str,
    report: _Reporter,
) -> Document | None:
    """A document, or ``None`` with a problem if it has nothing to read."""
    if not text.strip():
        report(_nothing_to_read(text), True)
        return None
    german = _german_share(text)
    if german is not None and german < MIN_GERMAN_SHARE:
        report(
            f"does not look like German ({german:.0%} German function words); "
            "processed anyway, but quotes will mostly be missed",
            False,
        )
    skip = find_boilerplate(text)
    if derive_title:
        title = _title(text, skip)
    return Document(
        source=record_source(source), doc_id=doc_id, title=title, text=text, meta=meta, skip=skip, key=key, digest=digest
    )


def _nothing_to_read(text: str) -> str:
    return f"{'empty' if not text else 'only whitespace'}: no article text to extract quotes from"


def _german_share(text: str) -> float | None:
    """Share of German function words among the first words, ``None`` if too short to tell."""
    words = [word.lower() for word, _ in zip(_WORD.findall(text[:20_000]), range(2000))]
    if len(words) < MIN_WORDS_FOR_LANGUAGE:
        return None
    lexicon = german_function_words()
    return sum(word in lexicon for word in words) / len(words)


def _stem(source: str) -> str:
    """The default ``doc_id``: the file name without its extension (and without ``.gz``)."""
    if source == "-":
        return "stdin"
    name = Path(record_source(source))
    return (name.with_suffix("") if name.suffix.lower() == ".gz" else name).stem


def _text_documents(text: str, source: str, key: str, digest: str, problems: list[Problem]) -> list[Document]:
    document = _new_document(
        text,
        source=source,
        doc_id=_stem(source),
        title=None,
        derive_title=True,
        meta={},
        key=key,
        digest=digest,
        report=_Reporter(problems, source),
    )
    return [] if document is None else [document]


def _html_documents(html: str, source: str, key: str, digest: str, problems: list[Problem]) -> list[Document]:
    """A web page: its article as trafilatura extracts it; offsets index that extracted text."""
    report = _Reporter(problems, source)
    try:
        page = formats.extract_page(html)
    except formats.FormatError as err:
        report(str(err), True)
        return []
    document = _new_document(
        page.text,
        source=source,
        doc_id=_stem(source),
        title=page.title,
        derive_title=False,
        meta={name: value for name, value in (("date", page.date), ("url", page.url)) if value is not None},
        key=key,
        digest=digest,
        report=report,
    )
    return [] if document is None else [document]


def _json_documents(
    text: str, source: str, key: str, digest: str, fields: JsonFields, problems: list[Problem]
) -> list[Document]:
    """A JSON file: one object, or an array of objects (``source#N``, N counted from 1)."""
    try:
        value = json.loads(text)
    except (ValueError, RecursionError) as err:
        problems.append(Problem(source, getattr(err, "lineno", None), f"malformed JSON: {_json_error(err)}", True))
        return []
    if not isinstance(value, list):
        document = _object_document(value, source, "", key, digest, fields, _Reporter(problems, source))
        return [] if document is None else [document]
    documents = []
    for number, item in enumerate(value, 1):
        report = _Reporter(problems, source, prefix=f"item {number}: ")
        document = _object_document(item, source, f"#{number}", key, digest, fields, report)
        if document is not None:
            documents.append(document)
    return documents


def _jsonl_documents(
    text: str, source: str, key: str, digest: str, fields: JsonFields, problems: list[Problem]
) -> list[Document]:
    """JSON Lines: one object per line; a bad line fails alone (``source#LINE``)."""
    documents = []
    # Only "\n" ends a JSON line: a "\r" before it is whitespace JSON ignores,
    # and U+2028 inside a string is legal JSON, so str.splitlines would be wrong.
    for number, raw in enumerate(text.split("\n"), 1):
        if not raw.strip():
            continue
        report = _Reporter(problems, source, number)
        try:
            value = json.loads(raw)
        except (ValueError, RecursionError) as err:
            column = f" (column {err.colno})" if hasattr(err, "colno") else ""
            report(f"malformed JSON line: {_json_error(err)}{column}", True)
            continue
        document = _object_document(value, source, f"#{number}", key, digest, fields, report)
        if document is not None:
            documents.append(document)
    return documents


def _first_present(value: dict[str, Any], names: tuple[str, ...]) -> str | None:
    """The first of ``names`` that ``value`` holds (not null), or ``None``."""
    return next((name for name in names if value.get(name) is not None), None)


def _json_error(err: ValueError | RecursionError) -> str:
    if isinstance(err, RecursionError):
        return "nested too deeply (about a thousand levels), which no article is"
    return str(getattr(err, "msg", err))


def _unwritable_field(value: dict[str, Any], names: Sequence[str]) -> str | None:
    """Why one of these fields cannot go into a record as strict JSON, or ``None``.

    JSON input may hold ``NaN`` or a lone surrogate (``"\\ud800"``), which
    Python accepts but no strict JSON consumer does; copied into a record
    they would make the output invalid, so the object is refused.
    """
    for name in names:
        if value.get(name) is None:
            continue
        if _depth(value[name]) > MAX_FIELD_DEPTH:
            return f"field {name!r} is nested too deeply (more than {MAX_FIELD_DEPTH} levels)"
        try:
            strict_json(value[name])
        except ValueError as err:
            return f"field {name!r} holds {err}; fix the program that wrote it"
    return None


def _depth(value: Any) -> int:
    """How deeply ``value`` nests lists and objects, without recursion."""
    deepest, stack = 0, [(value, 0)]
    while stack:
        item, depth = stack.pop()
        deepest = max(deepest, depth)
        if deepest > MAX_FIELD_DEPTH:
            break
        if isinstance(item, dict):
            stack.extend((child, depth + 1) for child in item.values())
        elif isinstance(item, list):
            stack.extend((child, depth + 1) for child in item)
    return deepest


def _object_document(
    value: Any, source: str, suffix: str, key: str, digest: str, fields: JsonFields, report: _Reporter
) -> Document | None:
    """A document from one JSON object, or ``None`` with a problem saying what is wrong.

    ``suffix`` ("#LINE", "#ITEM" or "") tells this object apart from others in
    the same file, in ``source``, ``key`` and the default ``doc_id``.
    """
    if not isinstance(value, dict):
        report(f"expected a JSON object, got {type(value).__name__}", True)
        return None
    text_field = fields.text
    if text_field not in value:
        report(f"no {text_field!r} field" + (" (name another field with --text-field)" if text_field == "text" else ""), True)
        return None
    text = value[text_field]
    if not isinstance(text, str):
        report(f"field {text_field!r} is {type(text).__name__}, not a string", True)
        return None
    names = {role: _first_present(value, getattr(fields, role)) for role in ("id", "title", *META_FIELDS)}
    unwritable = _unwritable_field(value, (text_field, *(name for name in names.values() if name is not None)))
    if unwritable is not None:
        report(unwritable, True)
        return None
    doc_id, title = (value[names[role]] if names[role] else None for role in ("id", "title"))
    return _new_document(
        text,
        source=source + suffix,
        doc_id=str(doc_id) if doc_id is not None else _stem(source) + suffix,
        # An object without a title keeps it null: its text may well start with the body.
        title=str(title) if title is not None else None,
        derive_title=False,
        meta={role: value[names[role]] for role in META_FIELDS if names[role] is not None},
        key=key + suffix,
        digest=digest,
        report=report,
    )
