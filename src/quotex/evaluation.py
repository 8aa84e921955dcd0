"""Score quotex against a corpus annotated with quotes and their roles.

The corpus format is the one of the German Wikinews quotation dataset
(Petersen-Frey & Biemann, LREC-COLING 2024): one article per JSON object
with ``originalText``, ``tokens`` (``id``, ``charBegin``, ``charEnd``) and
``annotations`` (``quote``, ``speaker``, ``cue``, ``addressee``, ``frame``
with ``tokenIds``, plus ``type``). The scorer follows the metric published
with it; where the description leaves room, this module decides as follows.

Tokens
    Everything is compared as sets of *gold* tokens. A system span
    (character offsets into ``originalText``) covers every gold token it
    overlaps by at least one character, so tokenization differences between
    the pipeline and the corpus do not count as errors.

Pairing
    Within each article, gold and system quotes are paired one-to-one by the
    Hungarian assignment that maximizes the summed token-overlap F1 of the
    quote texts. Pairs with no common token are dropped: both sides count as
    unmatched.

Parts
    A *part* is the quote, one role (``addressee``, ``cue``, ``frame``,
    ``speaker``), ``roles`` (the four roles together, a token counting only
    within the same role) or ``joint`` (quote and roles together, likewise).

Precision and recall of a part
    Precision is the mean, over every system quote whose part has tokens, of
    ``|gold part ∩ system part| / |system part|``, where the gold part is
    that of the paired gold quote; an unmatched system quote has an empty
    gold counterpart and so precision 0. Recall is the mean, over every gold
    quote whose part has tokens, of ``|gold ∩ system| / |gold part|``; an
    unmatched gold quote has recall 0. A quote whose part is empty is left
    out of that mean (a predicted speaker where the gold has none costs
    precision; a missed one costs recall; both empty is neither). For the
    quote part every quote counts (a system quote covering no gold token has
    precision 0). F1 is the harmonic mean of the two averages; a mean over
    no quotes is 0.

Medium
    ``medium`` is a label of a quote, so it is scored on the paired quotes
    only, as an attribute: precision is the share of paired system quotes
    with a medium whose gold quote has the same one (the corpus' Speech,
    Writing, Thought, SW, ST), recall the share of paired gold quotes with a
    medium whose system quote has the same one (no medium counts as wrong).
    A missed or invented quote is the quote score's loss and is not counted
    again here, and a gold quote without a medium (the corpus' rare "none")
    cannot judge the system's.

Quote types
    Per-type figures restrict the recall average to gold quotes of that type
    and the precision average to system quotes the system gave that type;
    the pairing itself ignores types.

Iterating on rules means re-scoring often: with a cache folder the parsed
Docs (everything before the ``quotex`` component) are stored as a DocBin,
keyed by pipeline, pipeline files and corpus files, so later runs only
re-run ``quotex``.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, DocBin

from quotex.boilerplate import find_boilerplate
from quotex.core import Context, annotate
from quotex.inputs import Document
from quotex.records import QUOTE_TYPES, Quote, Span

#: The roles of the corpus, in its (alphabetical) order.
ROLES = ("addressee", "cue", "frame", "speaker")
#: The rows of the summary, in reporting order.
PARTS = ("quote", "roles", "joint", "speaker", "cue", "addressee", "frame")
#: Corpus medium names -> record medium names (the corpus' rare "TW" has no record counterpart).
GOLD_MEDIA = {"Speech": "speech", "Writing": "writing", "Thought": "thought", "SW": "speech_or_writing",
              "ST": "speech_or_thought", "TW": "thought_or_writing"}
#: Corpus type names -> record type names.
GOLD_TYPES = {
    "Direct": "direct",
    "Indirect": "indirect",
    "Reported": "reported",
    "FreeIndirect": "free_indirect",
    "IndirectFreeIndirect": "indirect_free_indirect",
}


@dataclass(frozen=True)
class Mention:
    """One quote (gold or system) as sets of gold token ids per part."""

    type: str
    quote: frozenset[int]
    roles: dict[str, frozenset[int]] = field(default_factory=dict)
    medium: str | None = None

    def part(self, name: str) -> frozenset[Any]:
        """The tokens of a part; ``roles``/``joint`` tag tokens with their role
        so that a token only matches within the same role."""
        if name == "quote":
            return self.quote
        if name in ROLES:
            return self.roles.get(name, frozenset())
        tagged = {(role, t) for role in ROLES for t in self.roles.get(role, ())}
        if name == "joint":
            tagged |= {("quote", t) for t in self.quote}
        return frozenset(tagged)


@dataclass(frozen=True)
class Article:
    """A gold article: its text, the gold tokens' char offsets, its quotes."""

    name: str
    text: str
    tokens: tuple[Span, ...]
    gold: tuple[Mention, ...]

    def token_ids(self, spans: Iterable[Span]) -> frozenset[int]:
        """The gold tokens overlapping any of the char ``spans``."""
        ids: set[int] = set()
        for start, end in spans:
            i = bisect.bisect_right(self._ends, start)
            while i < len(self.tokens) and self.tokens[i][0] < end:
                ids.add(i)
                i += 1
        return frozenset(ids)

    @cached_property
    def _ends(self) -> list[int]:
        return [e for _, e in self.tokens]

    def system(self, quotes: Sequence[Quote]) -> list[Mention]:
        """quotex's quotes of this article in gold tokens."""
        mentions = []
        for q in quotes:
            roles = {role: getattr(q, role) for role in ROLES}
            mentions.append(
                Mention(
                    type=q.type,
                    quote=self.token_ids(q.quote.spans),
                    roles={role: self.token_ids(p.spans) for role, p in roles.items() if p is not None},
                    medium=q.medium,
                )
            )
        return mentions


def read_corpus(path: str | Path) -> list[Article]:
    """The articles of a JSONL file, a JSON file, or a folder of such files."""
    path = Path(path)
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.suffix in (".json", ".jsonl") and p.is_file())
        if not files:
            raise FileNotFoundError(f"{path}: no .json or .jsonl files in this folder; give an annotated corpus")
    elif path.is_file():
        files = [path]
    else:
        raise FileNotFoundError(f"{path}: no such file or folder; give a JSONL corpus or a folder of JSON files")
    articles = []
    for file in files:
        if file.suffix == ".json":
            articles.append(_article(_json(file.read_text(encoding="utf-8"), f"{file}"), f"{file}"))
            continue
        with file.open(encoding="utf-8") as lines:
            for number, line in enumerate(lines, 1):
                if line.strip():
                    articles.append(_article(_json(line, f"{file}:{number}"), f"{file}:{number}"))
    return articles


def _json(text: str, where: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        raise ValueError(f"{where}: not valid JSON ({err}); the corpus must be JSON Lines, one article per line") from err


def _article(data: dict[str, Any], where: str) -> Article:
    try:
        gold = tuple(
            Mention(
                type=GOLD_TYPES[a["type"]],
                quote=frozenset(a["quote"]["tokenIds"]),
                roles={role: frozenset(a[role]["tokenIds"]) for role in ROLES},
                medium=GOLD_MEDIA.get(a.get("medium", "")),
            )
            for a in data["annotations"]
        )
        if any(t["id"] != i for i, t in enumerate(data["tokens"])):
            raise ValueError(f"{where}: token ids are not 0, 1, 2, ... in text order; annotations could not be mapped")
        tokens = tuple((t["charBegin"], t["charEnd"]) for t in data["tokens"])
        return Article(data.get("documentName", where), data["originalText"], tokens, gold)
    except (KeyError, TypeError) as err:
        raise ValueError(
            f"{where}: not an annotated article ({err!r} missing or malformed); "
            "expected originalText, tokens and annotations as in the Wikinews quotation corpus"
        ) from err


def _f1(a: frozenset[Any], b: frozenset[Any]) -> float:
    common = len(a & b)
    return 2 * common / (len(a) + len(b)) if common else 0.0


#: What to do without scipy (quotex is installed from its folder, not from PyPI).
SCIPY_MISSING = "quotex evaluate needs scipy: pip install scipy (or pip install '.[eval]' in the quotex folder)"


def pair(gold: Sequence[Mention], system: Sequence[Mention]) -> list[tuple[int, int]]:
    """(gold index, system index) pairs of the best one-to-one quote overlap."""
    if not gold or not system:
        return []
    try:
        from scipy.optimize import linear_sum_assignment
    except ImportError as err:  # pragma: no cover - depends on the install
        raise ImportError(SCIPY_MISSING) from err
    weights = [[_f1(g.quote, s.quote) for s in system] for g in gold]
    rows, cols = linear_sum_assignment(weights, maximize=True)
    return [(int(r), int(c)) for r, c in zip(rows, cols) if weights[r][c] > 0]


@dataclass
class _Mean:
    total: float = 0.0
    count: int = 0

    def add(self, value: float) -> None:
        self.total += value
        self.count += 1

    @property
    def value(self) -> float:
        return self.total / self.count if self.count else 0.0


@dataclass
class Scorer:
    """Accumulates precision/recall averages over the articles fed to it."""

    precision: dict[tuple[str, str | None], _Mean] = field(default_factory=dict)
    recall: dict[tuple[str, str | None], _Mean] = field(default_factory=dict)
    articles: int = 0
    gold_quotes: int = 0
    system_quotes: int = 0
    pairs: int = 0

    def add(self, gold: Sequence[Mention], system: Sequence[Mention]) -> None:
        """Score one article's gold and system quotes."""
        pairs = pair(gold, system)
        gold_of = {s: g for g, s in pairs}
        system_of = {g: s for g, s in pairs}
        empty = Mention(type="", quote=frozenset())
        for i, s in enumerate(system):
            self._add(self.precision, s, gold[gold_of[i]] if i in gold_of else empty, s.type)
        for i, g in enumerate(gold):
            self._add(self.recall, g, system[system_of[i]] if i in system_of else empty, g.type)
        for g, s in pairs:
            if gold[g].medium is None:
                continue
            if system[s].medium is not None:
                self.precision.setdefault(("medium", None), _Mean()).add(float(system[s].medium == gold[g].medium))
            self.recall.setdefault(("medium", None), _Mean()).add(float(system[s].medium == gold[g].medium))
        self.articles += 1
        self.gold_quotes += len(gold)
        self.system_quotes += len(system)
        self.pairs += len(pairs)

    @staticmethod
    def _add(means: dict[tuple[str, str | None], _Mean], own: Mention, other: Mention, type_: str) -> None:
        # ``own`` is the side whose tokens form the denominator: the system
        # quote for precision, the gold quote for recall.
        for name in PARTS:
            mine = own.part(name)
            if not mine and name != "quote":
                continue
            value = len(mine & other.part(name)) / len(mine) if mine else 0.0
            for key in ((name, None), (name, type_)):
                means.setdefault(key, _Mean()).add(value)

    def _prf(self, name: str, type_: str | None = None) -> dict[str, float | int]:
        p = self.precision.get((name, type_), _Mean())
        r = self.recall.get((name, type_), _Mean())
        f = 2 * p.value * r.value / (p.value + r.value) if p.value + r.value else 0.0
        return {"p": p.value, "r": r.value, "f": f, "system": p.count, "gold": r.count}

    def result(self) -> dict[str, Any]:
        """The scores as plain data (what ``--json`` prints)."""
        return {
            "articles": self.articles,
            "gold_quotes": self.gold_quotes,
            "system_quotes": self.system_quotes,
            "pairs": self.pairs,
            **{name: self._prf(name) for name in (*PARTS, "medium")},
            "types": {t: {name: self._prf(name, t) for name in ("quote", "roles", "joint")} for t in QUOTE_TYPES},
        }


def _stamp(path: Path) -> str:
    """What identifies a pipeline's files: their folder and newest mtime."""
    files = [p for p in Path(path).rglob("*") if p.is_file()]
    return f"{Path(path).resolve()}@{max((p.stat().st_mtime_ns for p in files), default=0)}"


def _cache_file(cache: Path, nlp: Language, corpus: str | Path) -> Path:
    corpus_path = Path(corpus).resolve()
    files = [corpus_path] if corpus_path.is_file() else sorted(p for p in corpus_path.rglob("*") if p.is_file())
    key = json.dumps(
        {
            "model": [nlp.meta.get("lang"), nlp.meta.get("name"), nlp.meta.get("version")],
            "files": _stamp(nlp.path) if nlp.path is not None else None,
            "pipes": [p for p in nlp.pipe_names if p != "quotex"],
            "corpus": [(str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in files],
        }
    )
    return cache / f"{hashlib.sha256(key.encode()).hexdigest()[:16]}.spacy"


def parse(nlp: Language, texts: Sequence[str], cache: Path | None = None, key: Path | None = None) -> list[Doc]:
    """The Docs of ``texts`` through every component but ``quotex``.

    With ``cache`` and ``key`` (the cache file) they are read from or
    written to a DocBin there.
    """
    if cache is not None and key is not None and key.exists():
        docs = list(DocBin().from_disk(key).get_docs(nlp.vocab))
        if len(docs) == len(texts) and all(d.text == t for d, t in zip(docs, texts)):
            return docs
    disable = [name for name in nlp.pipe_names if name == "quotex"]
    docs = list(nlp.pipe(texts, disable=disable))
    if cache is not None and key is not None:
        cache.mkdir(parents=True, exist_ok=True)
        DocBin(docs=docs, store_user_data=False).to_disk(key)
    return docs


def evaluate(
    corpus: str | Path,
    *,
    model: str | None = None,
    cache: str | Path | None = None,
    nlp: Language | None = None,
) -> dict[str, Any]:
    """Run quotex on every article of ``corpus`` and score it (see module doc).

    The articles go through the per-document core of ``quotex extract``
    (:func:`quotex.core.annotate`: trimming, boilerplate, chunking), so the
    scores are those of what ``extract`` writes. ``nlp`` overrides ``model``
    (tests and notebooks pass a ready pipeline). The result also says how
    long the pipeline and the ``quotex`` component took, to keep an eye on
    the attributor's share of the run time.
    """
    from quotex.pipeline import load_pipeline

    articles = read_corpus(corpus)
    nlp = nlp if nlp is not None else load_pipeline(model)
    if "quotex" not in nlp.pipe_names:
        nlp.add_pipe("quotex")
    cache_dir = Path(cache) if cache is not None else None
    key = _cache_file(cache_dir, nlp, corpus) if cache_dir is not None else None
    cached = key is not None and key.exists()
    seconds = {"pipeline": 0.0, "quotex": 0.0}

    def parse_then_attribute(pieces: Iterator[tuple[str, Context]]) -> Iterator[tuple[Doc, Context]]:
        # All pieces at once: the cache holds the parses of the whole corpus.
        listed = list(pieces)
        texts, contexts = [text for text, _ in listed], [context for _, context in listed]
        started = time.perf_counter()
        docs = parse(nlp, texts, cache_dir, key)
        parsed = time.perf_counter()
        component = nlp.get_pipe("quotex")
        docs = [component(doc) for doc in docs]
        seconds.update(pipeline=round(parsed - started, 2), quotex=round(time.perf_counter() - parsed, 2))
        return zip(docs, contexts)

    documents = [_document(article) for article in articles]
    scorer = Scorer()
    for article, (_, records) in zip(articles, annotate(nlp, documents, parse=parse_then_attribute)):
        scorer.add(article.gold, article.system([record.quote for record in records]))
    return {**scorer.result(), "seconds": seconds, "cached": cached}


def _document(article: Article) -> Document:
    """The article as ``quotex extract`` would read it from a text file."""
    return Document(
        source=article.name, doc_id=article.name, title=None, text=article.text, meta={},
        skip=find_boilerplate(article.text), key=article.name, digest="",
    )


def render(result: dict[str, Any]) -> Any:
    """The scores as rich tables (the default output of ``quotex evaluate``)."""
    from rich import box
    from rich.console import Group
    from rich.table import Table

    summary = Table(
        box=box.SIMPLE_HEAD,
        title=f"{result['articles']} articles: {result['gold_quotes']} gold quotes, "
        f"{result['system_quotes']} system quotes, {result['pairs']} pairs"
    )
    for column in ("part", "P", "R", "F1", "gold", "system"):
        summary.add_column(column, justify="left" if column == "part" else "right")
    for name in (*PARTS, "medium"):
        s = result[name]
        summary.add_row(name, f"{s['p']:.3f}", f"{s['r']:.3f}", f"{s['f']:.3f}", str(s["gold"]), str(s["system"]))
    types = Table(
        box=box.SIMPLE_HEAD, pad_edge=False, title="by type: quote P/R/F1, roles F1, joint F1\n(R by gold type, P by system type)"
    )
    for column in ("type", "gold", "sys", "P", "R", "F1", "roles", "joint"):
        types.add_column(column, justify="left" if column == "type" else "right", no_wrap=True)
    for name, s in result["types"].items():
        q = s["quote"]
        types.add_row(
            name, str(q["gold"]), str(q["system"]), f"{q['p']:.3f}", f"{q['r']:.3f}", f"{q['f']:.3f}",
            f"{s['roles']['f']:.3f}", f"{s['joint']['f']:.3f}",
        )
    seconds = result.get("seconds")
    parts: list[Any] = [summary, types]
    if seconds:
        parsing = "read from cache" if result.get("cached") else f"{seconds['pipeline']} s"
        parts.append(f"pipeline {parsing}, quotex {seconds['quotex']} s")
    return Group(*parts)
