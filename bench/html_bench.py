"""What HTML input costs, and that re-runs give the same output (issue 13). Not a test: it takes a minute.

    nice -n 10 python bench/html_bench.py                 # 200 pages
    python bench/html_bench.py --pages 500 --model embedded

1. ``import``: the time of the first page in a fresh process, which imports
   trafilatura (quotex imports it only when it meets a page).
2. ``extract``: trafilatura's extraction per page (``quotex.formats.extract_page``),
   for the hand-made news page in ``fixtures/inputs`` (5 KB) and for the same
   page padded as saved pages are (inline scripts and styles, a mega menu,
   a long footer: about 250 KB), median of ``--repeat`` runs each.
3. ``extract run``: ``quotex extract`` wall-clock over ``--pages`` copies of
   the padded page, against the same run over the extracted texts as
   ``.txt`` files: the difference per page is what HTML input adds to a run.
4. ``identical``: that run made twice, in fresh processes, gives
   byte-identical records and ``--documents`` files.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PAGE = REPO / "fixtures" / "inputs" / "nachrichten.html"


def padded_page() -> str:
    """The fixture page with the bulk a browser-saved page carries around its article."""
    html = PAGE.read_text(encoding="utf-8")
    script = "<script>" + "window.dataLayer=window.dataLayer||[];dataLayer.push({'event':'pageview'});" * 800 + "</script>"
    style = "<style>" + ".teaser{margin:0 auto;padding:4px}.nav a{color:#123}" * 1500 + "</style>"
    menu = "<nav class='mega'>" + "".join(f"<a href='/rubrik/{n}'>Rubrik {n}</a>" for n in range(1500)) + "</nav>"
    footer = "<footer>" + "".join(f"<p><a href='/archiv/{n}'>Archiv {n}</a></p>" for n in range(1000)) + "</footer>"
    return html.replace("</head>", script + style + "</head>").replace("<main>", menu + "<main>").replace(
        "</body>", footer + "</body>"
    )


def time_extraction(html: str, repeat: int) -> float:
    from quotex.formats import extract_page

    extract_page(html)  # the import, outside the measurement
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        extract_page(html)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def first_page_in_fresh_process() -> float:
    code = (
        "import time, sys; from pathlib import Path; from quotex.formats import extract_page; "
        "html = Path(sys.argv[1]).read_text(encoding='utf-8'); start = time.perf_counter(); extract_page(html); "
        "print(time.perf_counter() - start)"
    )
    result = subprocess.run([sys.executable, "-c", code, str(PAGE)], capture_output=True, text=True, check=True)
    return float(result.stdout)


def run(folder: Path, model: str, out: Path, docs: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "quotex", "extract", str(folder), "--model", model, "--quiet", "-o", str(out),
         "--documents", str(docs)],
        check=True,
    )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--model", default="embedded")
    options = parser.parse_args()

    big = padded_page()
    result = {
        "first_page_with_import_s": round(first_page_in_fresh_process(), 3),
        "extract_small_page_ms": round(1000 * time_extraction(PAGE.read_text(encoding="utf-8"), options.repeat), 2),
        "extract_padded_page_ms": round(1000 * time_extraction(big, options.repeat), 2),
        "padded_page_kb": round(len(big.encode("utf-8")) / 1024),
        "pages": options.pages,
    }
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        pages, texts = root / "pages", root / "texts"
        pages.mkdir()
        texts.mkdir()
        for number in range(options.pages):
            (pages / f"{number:05d}.html").write_text(big, encoding="utf-8")
        html_seconds = run(pages, options.model, root / "a.jsonl", root / "a-docs.jsonl")
        for number, line in enumerate((root / "a-docs.jsonl").read_text(encoding="utf-8").splitlines()):
            (texts / f"{number:05d}.txt").write_text(json.loads(line)["text"], encoding="utf-8")
        text_seconds = run(texts, options.model, root / "t.jsonl", root / "t-docs.jsonl")
        run(pages, options.model, root / "b.jsonl", root / "b-docs.jsonl")
        same = all((root / f"a{end}").read_bytes() == (root / f"b{end}").read_bytes() for end in (".jsonl", "-docs.jsonl"))
        result.update(
            html_run_s=round(html_seconds, 2),
            text_run_s=round(text_seconds, 2),
            added_per_page_ms=round(1000 * (html_seconds - text_seconds) / options.pages, 1),
            records=len((root / "a.jsonl").read_text(encoding="utf-8").splitlines()),
            identical_on_rerun=same,
        )
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
