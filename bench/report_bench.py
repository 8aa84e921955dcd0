"""How ``quotex report`` copes with many records: build time, file size, time to open and to filter in Chromium.

Not a test: it runs ``quotex extract`` over the seed articles once, then
copies their records and texts (as a documents file, under new sources)
until there are ``--records`` records, and measures:

* ``quotex report RECORDS --documents DOCS`` wall time and the HTML size;
* headless Chromium loading the report and running its script
  (``--dump-dom``), once plain and once opened filtered by the most quoted
  speaker (``?speaker=s1``, which runs the filter over every quote).

    nice -n 10 python bench/report_bench.py --records 5000
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def timed(command: list[str], **kwargs) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, **kwargs)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=5000)
    parser.add_argument("--model", default="embedded")
    args = parser.parse_args()
    quotex = str(Path(sys.executable).parent / "quotex")
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        run = subprocess.run([quotex, "extract", "-q", "--model", args.model, "seeds/"], cwd=REPO,
                             capture_output=True, check=True, text=True)
        seeds = [json.loads(line) for line in run.stdout.splitlines()]
        texts = {}
        for record in seeds:
            texts.setdefault(record["source"], (REPO / record["source"]).read_text(encoding="utf-8-sig"))
        records, documents, copy = [], [], 0
        while len(records) < args.records:
            copy += 1
            for source, text in texts.items():
                documents.append({"source": f"copy{copy}/{source}", "doc_id": f"{copy}", "title": None,
                                  "date": None, "url": None, "text": text})
            records.extend({**r, "source": f"copy{copy}/{r['source']}"} for r in seeds)
        records = records[: args.records]
        (work / "records.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
        (work / "docs.jsonl").write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in documents))
        report = work / "report.html"
        build = timed([quotex, "report", str(work / "records.jsonl"), "--documents", str(work / "docs.jsonl"),
                       "-o", str(report)])
        figures = {"records": len(records), "articles": len({r["source"] for r in records}),
                   "build_s": round(build, 2), "html_mb": round(report.stat().st_size / 1e6, 2)}
        if browser:
            for name, query in (("open_s", ""), ("open_filtered_s", "?speaker=s1")):
                with tempfile.TemporaryDirectory() as profile:
                    figures[name] = round(timed([browser, "--headless", "--no-sandbox", "--disable-gpu",
                                                 f"--user-data-dir={profile}", "--dump-dom",
                                                 report.as_uri() + query]), 2)
        print(json.dumps(figures))


if __name__ == "__main__":
    main()
