"""Throughput benchmark: the bare spaCy pipeline against ``quotex extract`` with ``--jobs 1``, ``--jobs 2`` and Dask.

Not a test: it needs the corpora in ``../shared/data`` and takes minutes.

    nice -n 10 python bench/bench.py                  # 1,000 articles, embedded/default pipeline
    python bench/bench.py --articles 2000 --model embedded --repeat 2

What it does, in one run so that all three figures see the same machine load:

1. Builds a corpus of ``--articles`` one-article ``.txt`` files in a temporary
   folder from the ``originalText`` of ``../shared/data/quotes/*.jsonl`` and
   the seed articles, cycling through them if more articles are asked for
   than exist (a drop folder of scraped articles is the case being measured).
2. Measures, each in its own fresh process and wall-clock from start to end
   (interpreter start and pipeline load included, as a user would see it):

   a. ``bare``: the same pipeline without the quotex component, ``nlp.pipe``
      over the same texts read from the same files, in batches of the size
      quotex uses (``quotex.executors.BATCH_DOCS``): spaCy's default of 1,000
      documents per batch holds every Doc of the batch in memory (5 GB for
      1,000 articles here) and is slower, which would flatter quotex;
   b. ``quotex extract --jobs 1 -o OUT``;
   c. ``quotex extract --jobs 2 -o OUT``;
   d. ``quotex extract --scheduler ADDRESS -o OUT`` on a local Dask cluster
      with 1 and with 2 single-threaded worker processes (``dask scheduler``
      and ``dask worker`` started fresh for each run, so the workers load the
      pipeline within the measured time, as ``--jobs`` workers do; skipped
      without ``quotex[dask]``). Memory figures there are the driver's only;
   e. ``startup``: time from starting ``quotex extract`` on one short article
      to its first record on stdout.

3. Reports articles/s, words/s (whitespace-separated), CPU time and peak
   memory for each. CPU time (user + system of the process and its workers)
   shows whether the work itself grew, which wall time on a busy machine
   does not. ``peak RSS`` is the largest single process (``wait4`` rusage of
   the process and its descendants), ``tree RSS`` the largest sum over the
   process and its workers, sampled every 50 ms from ``/proc``.
4. Prints a markdown table with the ratios the targets are about
   (quotex --jobs 1 at most 1.15x the bare time; --jobs 2 at least 1.6x as
   fast as --jobs 1) and writes all figures to ``--json``.

Every measured process runs with ``OMP_NUM_THREADS=1`` (and the BLAS
equivalents), so that the bare run cannot win by using the second core and
``--jobs 2`` is two single-threaded workers.
"""

from __future__ import annotations

import argparse
import importlib.util
import itertools
import json
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "quotes"
SEEDS = ROOT / "seeds"
THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS")


def build_corpus(folder: Path, data: Path, articles: int) -> tuple[int, int]:
    """Write ``articles`` .txt files; return (articles, words)."""
    texts: list[str] = []
    for path in sorted(data.glob("*.jsonl")):
        with path.open(encoding="utf-8") as lines:
            texts.extend(json.loads(line)["originalText"] for line in lines if line.strip())
    texts.extend(path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt")))
    if not texts:
        raise SystemExit(f"no texts found in {data}/*.jsonl or {SEEDS}")
    words = 0
    for number, text in zip(range(articles), itertools.cycle(texts)):
        (folder / f"{number:05d}.txt").write_text(text, encoding="utf-8")
        words += len(text.split())
    return articles, words


def bare(corpus: Path, model: str | None) -> None:
    """Measured child for (a): the pipeline alone over the corpus files."""
    from quotex.executors import BATCH_DOCS
    from quotex.pipeline import load_pipeline

    nlp = load_pipeline(model, attributor=False)
    texts = (path.read_text(encoding="utf-8") for path in sorted(corpus.glob("*.txt")))
    for _doc in nlp.pipe(texts, batch_size=BATCH_DOCS):
        pass


def _tree_rss_kib(root: int) -> int:
    """Resident memory of ``root`` and all its descendants, in KiB."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    parent = int(stat.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo.extend(children.get(pid, []))
        try:
            with open(f"/proc/{pid}/status") as status:
                for line in status:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
        except OSError:
            continue
    return total


def measure(command: list[str], env: dict[str, str]) -> dict[str, float]:
    """Wall time, peak RSS of the largest process, peak RSS of the process tree.

    Exit status 1 (some inputs failed, the rest processed) still counts as a
    run; the failed inputs are counted so that the report shows them.
    """
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak_tree = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak_tree
        while not done.wait(0.05):
            peak_tree = max(peak_tree, _tree_rss_kib(process.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stderr = process.stderr.read() if process.stderr else b""
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}):\n{stderr.decode(errors='replace')}")
    return {
        "seconds": seconds,
        "cpu_seconds": usage.ru_utime + usage.ru_stime,
        "peak_rss_mib": usage.ru_maxrss / 1024,
        "tree_rss_mib": peak_tree / 1024,
        "failed_inputs": stderr.decode(errors="replace").count(": error: "),
    }


def _dask_cluster(workers: int, folder: Path, env: dict[str, str]) -> tuple[str, list[subprocess.Popen]]:
    """A fresh local scheduler and ``workers`` worker processes; their address and processes."""
    from distributed import Client

    bin_dir = Path(sys.executable).parent
    scheduler_file = folder / f"scheduler-{workers}-{time.monotonic_ns()}.json"
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "env": env}
    processes = [subprocess.Popen([str(bin_dir / "dask"), "scheduler", "--host", "127.0.0.1", "--port", "0",
                                   "--no-dashboard", "--scheduler-file", str(scheduler_file)], **quiet)]
    deadline = time.monotonic() + 60
    while not scheduler_file.exists():
        if time.monotonic() > deadline:
            raise SystemExit("the Dask scheduler did not start within 60 s")
        time.sleep(0.1)
    processes.append(subprocess.Popen([str(bin_dir / "dask"), "worker", "--scheduler-file", str(scheduler_file),
                                       "--nworkers", str(workers), "--nthreads", "1", "--no-dashboard"], **quiet))
    with Client(scheduler_file=str(scheduler_file), timeout=30) as client:
        client.wait_for_workers(workers, timeout=120)
        return client.scheduler.address, processes


def _stop(processes: list[subprocess.Popen]) -> None:
    for process in reversed(processes):
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def first_record(command: list[str], env: dict[str, str]) -> float:
    """Seconds from starting ``command`` to the first line on its stdout."""
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    assert process.stdout is not None
    line = process.stdout.readline()
    seconds = time.perf_counter() - start
    process.stdout.read()
    if process.wait() != 0 or not line:
        raise SystemExit(f"{' '.join(command)} gave no record")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000, help="corpus size (default 1000)")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder of quotes/*.jsonl")
    parser.add_argument("--model", default=None, help="pipeline name or path (default: as quotex extract)")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each; the fastest counts (default 1)")
    parser.add_argument("--json", type=Path, default=ROOT / "bench" / "results.json", help="where to write figures")
    parser.add_argument("--bare-child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.bare_child is not None:
        bare(args.bare_child, args.model)
        return

    env = {**os.environ, **{variable: "1" for variable in THREAD_VARIABLES}}
    model_options = [] if args.model is None else ["--model", args.model]
    script = Path(sys.executable).parent / "quotex"  # the console script of this environment
    quotex = [str(script)] if script.exists() else [sys.executable, "-c", "from quotex.cli import app; app()"]
    with tempfile.TemporaryDirectory(prefix="quotex-bench-") as temporary:
        corpus = Path(temporary) / "corpus"
        corpus.mkdir()
        articles, words = build_corpus(corpus, args.data, args.articles)
        out = Path(temporary) / "out.jsonl"
        commands = {
            "bare": [sys.executable, __file__, "--bare-child", str(corpus), *model_options],
            "jobs1": [*quotex, "extract", "--quiet", "--jobs", "1", "-o", str(out), *model_options, str(corpus)],
            "jobs2": [*quotex, "extract", "--quiet", "--jobs", "2", "-o", str(out), *model_options, str(corpus)],
        }
        dask_workers: tuple[int, ...] = (1, 2)
        if importlib.util.find_spec("distributed") is None:
            print('no Dask runs: pip install "quotex[dask]"', file=sys.stderr)
            dask_workers = ()
        results: dict[str, dict[str, float]] = {}
        for round_ in range(args.repeat):
            runs = [(name, command, None) for name, command in commands.items()]
            runs += [(f"dask{n}", [*quotex, "extract", "--quiet", "-o", str(out), *model_options, str(corpus)], n)
                     for n in dask_workers]
            for name, command, workers in runs:
                cluster: list[subprocess.Popen] = []
                try:
                    if workers is not None:
                        address, cluster = _dask_cluster(workers, Path(temporary), env)
                        command = [*command[:2], "--scheduler", address, *command[2:]]
                    figures = measure(command, env)
                finally:
                    _stop(cluster)
                print(f"round {round_ + 1} {name}: {figures['seconds']:.1f} s", file=sys.stderr, flush=True)
                if name not in results or figures["seconds"] < results[name]["seconds"]:
                    results[name] = figures
        records = sum(1 for _ in out.open(encoding="utf-8"))
        short = Path(temporary) / "short.txt"
        short.write_text("Berlin. Die Ministerin sagte: „Wir handeln jetzt.“ Dann ging sie.\n", encoding="utf-8")
        startup = min(first_record([*quotex, "extract", "--quiet", *model_options, str(short)], env)
                      for _ in range(args.repeat))
    for figures in results.values():
        figures["articles_per_s"] = articles / figures["seconds"]
        figures["words_per_s"] = words / figures["seconds"]
    ratios = {
        "jobs1_time_over_bare": results["jobs1"]["seconds"] / results["bare"]["seconds"],
        "jobs2_speedup_over_jobs1": results["jobs1"]["seconds"] / results["jobs2"]["seconds"],
    }
    if "dask2" in results:
        ratios["dask2_speedup_over_dask1"] = results["dask1"]["seconds"] / results["dask2"]["seconds"]
    report = {
        "command": " ".join(["python", "bench/bench.py", *sys.argv[1:]]),
        "articles": articles,
        "words": words,
        "records": records,
        "model": args.model or "default",
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "results": results,
        "startup_first_record_seconds": startup,
        "ratios": ratios,
    }
    args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(markdown(report))


def markdown(report: dict) -> str:
    names = {"bare": "(a) bare spaCy pipeline", "jobs1": "(b) quotex extract --jobs 1", "jobs2": "(c) quotex extract --jobs 2",
             "dask1": "(d) --scheduler, 1 Dask worker", "dask2": "(d) --scheduler, 2 Dask workers"}
    lines = [
        f"{report['articles']} articles, {report['words']:,} words, {report['records']:,} records; "
        f"pipeline: {report['model']}; {report['cpus']} CPUs"
        + "".join(
            f"; {report['results'][key]['failed_inputs']} inputs failed in {key}"
            for key in ("jobs1", "jobs2")
            if report["results"][key]["failed_inputs"]
        ),
        "",
        "| run | time (s) | CPU time (s) | articles/s | words/s | peak RSS (MiB) | tree RSS (MiB) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for key, label in names.items():
        if key not in report["results"]:
            continue
        r = report["results"][key]
        lines.append(
            f"| {label} | {r['seconds']:.1f} | {r['cpu_seconds']:.1f} | {r['articles_per_s']:.1f} | {r['words_per_s']:,.0f} | "
            f"{r['peak_rss_mib']:.0f} | {r['tree_rss_mib']:.0f} |"
        )
    ratios = report["ratios"]
    lines += [
        "",
        f"- quotex --jobs 1 time / bare pipeline time: **{ratios['jobs1_time_over_bare']:.2f}** (target <= 1.06)",
        f"- quotex --jobs 2 speed-up over --jobs 1: **{ratios['jobs2_speedup_over_jobs1']:.2f}** (target >= 1.85)",
    ]
    if "dask2_speedup_over_dask1" in ratios:
        lines.append(f"- Dask, 2 workers over 1: **{ratios['dask2_speedup_over_dask1']:.2f}** (target >= 1.7)")
    lines.append(f"- (e) start-up, time to the first record of one short article: **{report['startup_first_record_seconds']:.1f} s**")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
