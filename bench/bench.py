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

   a. ``bare``: what ``quotex extract`` runs, without the batch job around it:
      the same pipeline *with* the quotex component (``load_pipeline``),
      ``nlp.pipe`` over the same texts read from the same files with
      ``read_text``, in batches of the size quotex uses
      (``quotex.executors.BATCH_DOCS``; spaCy's default of 1,000 documents
      per batch holds every Doc of the batch in memory, 5 GB for 1,000
      articles here, and is slower, which would flatter quotex). No
      boilerplate detection, chunking, records, JSON or output file. The
      ratio ``jobs1 / bare`` is what the batch job costs;
      ``spacy``: the same without the quotex component, so ``bare / spacy``
      is what the attributor itself costs (reported, not a target);
   b. ``quotex extract --jobs 1 -o OUT``;
   c. ``quotex extract --jobs 2 -o OUT``;
      ``jobs1x2``: two ``--jobs 1`` runs over the whole corpus started at
      once, one pinned to each core. They share nothing but the machine, so
      twice the ``--jobs 1`` time over theirs is the most two cores give
      here (``two_core_ceiling``, 2 on ideal hardware), and the ``--jobs 2``
      speed-up over it is the share the pool reaches of what is reachable;
   d. ``quotex extract --scheduler ADDRESS -o OUT`` on a local Dask cluster
      with 1 and with 2 single-threaded worker processes (``dask scheduler``
      and ``dask worker`` started fresh for each run, so the workers load the
      pipeline within the measured time, as ``--jobs`` workers do; skipped
      without ``quotex[dask]``). Memory figures there are the driver's only;
   e. ``startup``: time from starting ``quotex extract`` on one short article
      to its first record on stdout;
   f. ``jobs1-small`` and ``jobs2-small``: (b) and (c) on the ``--small``
      longest articles of the corpus (default a quarter of them), so that
      peak RSS at two corpus sizes shows whether memory grows with the
      corpus. The longest, because the peak comes from the largest batch
      being parsed: the small corpus has it too, and what the full run needs
      more is what it accumulates.

3. Places the runs so that the ratios compare like with like. The cores of a
   virtual machine need not be equally fast at a given time: on the one
   these figures come from, the same single-process run at times took up to
   30% more CPU time on one core than on the other, depending on what the
   host ran beside each virtual CPU (at other times they were equal). A
   single-process run's time then depended on where the kernel put it, and
   ``jobs1 / bare`` moved between runs of the benchmark by more than the 6%
   it is about. Therefore each single-process run (``spacy``, ``bare``,
   ``jobs1``, ``jobs1-small``, ``startup``) is pinned to one core
   (``sched_setaffinity`` as it starts, inherited by anything it starts)
   and, in every round, measured once on each core; ``--jobs 2`` and Dask
   use every core, as before. A run's figure is, per core, its fastest of
   the ``--repeat`` rounds, then the mean over the cores taken as a speed
   (the harmonic mean of the times: the time on a core of average speed). So
   ``jobs1 / bare`` divides two figures measured on the same cores the same
   number of times (the report also gives it per core), and the ``--jobs 2``
   speed-up is over a core of average speed, the fair comparison for two
   workers on the two cores (2 at best; the arithmetic mean of unequal
   cores' times would give more). Every other round runs the runs, and the
   cores, in reverse order, so that a machine slowly getting busier favours
   neither. ``--jobs 2`` and Dask runs count their fastest round, as before.
4. Reports articles/s, words/s (whitespace-separated), CPU time and peak
   memory for each. CPU time (user + system of the process and its workers)
   shows whether the work itself grew, which wall time on a busy machine
   does not. ``peak RSS`` is the largest single process (``wait4`` rusage of
   the process and its descendants), ``tree RSS`` the largest sum over the
   process and its workers, sampled every 50 ms from ``/proc`` (cheaply,
   see ``TreeRss``: on two cores the sampler would otherwise take CPU from
   the two workers it measures).
5. Prints a markdown table with the ratios the targets of issue 10 are
   about (quotex --jobs 1 at most 1.06x the bare time; --jobs 2 at least
   1.85x as fast as --jobs 1; Dask with 2 workers at least 1.7x as fast as
   with 1; peak RSS flat with corpus size) and writes all figures to ``--json``.
   ``--runs`` measures a subset (while developing: ``--runs bare,jobs1``).
   Peak memory of a single-process run is the larger of its two cores'.

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
from typing import Any

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


def build_small(folder: Path, corpus: Path, articles: int) -> tuple[int, int]:
    """Copy the ``articles`` longest files of ``corpus`` (in corpus order); return (articles, words)."""
    paths = sorted(corpus.glob("*.txt"))
    longest = set(sorted(paths, key=lambda path: path.stat().st_size, reverse=True)[:articles])
    words = 0
    for path in paths:
        if path in longest:
            text = path.read_text(encoding="utf-8")
            (folder / path.name).write_text(text, encoding="utf-8")
            words += len(text.split())
    return len(longest), words


def bare(corpus: Path, model: str | None, *, attributor: bool) -> None:
    """Measured child for (a): the pipeline alone over the corpus files."""
    from quotex.executors import BATCH_DOCS
    from quotex.pipeline import load_pipeline

    nlp = load_pipeline(model, attributor=attributor)
    texts = (path.read_text(encoding="utf-8") for path in sorted(corpus.glob("*.txt")))
    for _doc in nlp.pipe(texts, batch_size=BATCH_DOCS):
        pass


PAGE_KIB = os.sysconf("SC_PAGE_SIZE") // 1024
#: Samples between two looks for new descendants (see :class:`TreeRss`).
RESCAN_EVERY = 20


def _descendants(root: int) -> list[int]:
    """``root`` and all its descendants, from the parent field of every ``/proc/PID/stat``."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    parent = int(stat.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry))
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(children.get(pid, []))
    return tree


class TreeRss:
    """Resident memory of a process and its descendants, cheap enough to sample every 50 ms.

    The sampler must not perturb what it measures: on a two-core machine the
    workers of ``--jobs 2`` and Dask use both cores, and every cycle the
    sampler takes is theirs. Finding the descendants means reading the stat
    file of every process in ``/proc`` (``/proc/PID/task/*/children`` needs a
    kernel option that is often missing), 1.7 ms for 90 processes: 3% of a
    core at 50 ms. So the tree is looked up every :data:`RESCAN_EVERY`
    samples (workers are started once, at the beginning, and a new worker's
    memory starts small), and each sample reads only the known processes'
    ``statm``.
    """

    def __init__(self, root: int) -> None:
        self._root, self._tree, self._samples = root, [root], 0

    def sample(self) -> int:
        """The current sum in KiB."""
        if self._samples % RESCAN_EVERY == 0:
            self._tree = _descendants(self._root)
        self._samples += 1
        total = 0
        for pid in self._tree:
            try:
                with open(f"/proc/{pid}/statm") as statm:
                    total += int(statm.read().split()[1]) * PAGE_KIB
            except (OSError, IndexError, ValueError):
                continue  # ended since the last look
        return total


def _start(command: list[str], env: dict[str, str], core: int | None, **options: Any) -> subprocess.Popen:
    """Start ``command``, pinned to ``core`` (``None``: free to use every core).

    Pinned from here, as soon as it has started, rather than by a ``preexec_fn``,
    which is unsafe in a process with threads (the sampler's, Dask's); the
    interpreter starts no thread of its own before it has read the script,
    so everything the program runs and starts is pinned.
    """
    process = subprocess.Popen(command, env=env, **options)
    if core is not None:
        os.sched_setaffinity(process.pid, {core})
    return process


def measure(command: list[str], env: dict[str, str], *, core: int | None = None) -> dict[str, float]:
    """Wall time, peak RSS of the largest process, peak RSS of the process tree.

    ``core``: the one CPU the process (and anything it starts) may run on.
    Exit status 1 (some inputs failed, the rest processed) still counts as a
    run; the failed inputs are counted so that the report shows them.
    """
    start = time.perf_counter()
    process = _start(command, env, core, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak_tree = 0
    done = threading.Event()

    tree = TreeRss(process.pid)

    def sample() -> None:
        nonlocal peak_tree
        while not done.wait(0.05):
            peak_tree = max(peak_tree, tree.sample())

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


def measure_together(commands: list[list[str]], env: dict[str, str], cores: list[int]) -> dict[str, float]:
    """Wall time until all of ``commands``, started at once, one pinned to each of ``cores``, have ended.

    Two copies of the one-process run, one on each core, do twice its work
    sharing nothing but the machine: twice their one-copy speed over this
    time is the most any split of the work over two cores can reach here (a
    virtual machine's cores can slow each other down through the host).
    """
    start = time.perf_counter()
    processes = [_start(command, env, core, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                 for command, core in zip(commands, cores)]
    cpu, peaks = 0.0, []
    for command, process in zip(commands, processes):
        _, status, usage = os.wait4(process.pid, 0)
        if os.waitstatus_to_exitcode(status) not in (0, 1):
            raise SystemExit(f"{' '.join(command)} failed ({os.waitstatus_to_exitcode(status)})")
        cpu += usage.ru_utime + usage.ru_stime
        peaks.append(usage.ru_maxrss / 1024)
    # No sampling here: the tree figure is the sum of the copies' peaks.
    return {"seconds": time.perf_counter() - start, "cpu_seconds": cpu, "peak_rss_mib": max(peaks),
            "tree_rss_mib": sum(peaks), "failed_inputs": 0}


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


def first_record(command: list[str], env: dict[str, str], *, core: int | None = None) -> float:
    """Seconds from starting ``command`` (pinned to ``core``) to the first line on its stdout."""
    start = time.perf_counter()
    process = _start(command, env, core, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    assert process.stdout is not None
    line = process.stdout.readline()
    seconds = time.perf_counter() - start
    process.stdout.read()
    if process.wait() != 0 or not line:
        raise SystemExit(f"{' '.join(command)} gave no record")
    return seconds


#: Every run, in the order measured; ``--runs`` picks some of them.
RUNS = ("spacy", "bare", "jobs1", "jobs2", "jobs1x2", "dask1", "dask2", "jobs1-small", "jobs2-small", "startup")
#: The runs that use one core: each is measured once on every core per round.
SINGLE_PROCESS = frozenset({"spacy", "bare", "jobs1", "jobs1-small"})
#: The placement of runs that use every core.
ALL_CORES = "all"


def rate_mean(seconds: list[float]) -> float:
    """The time at the mean speed of several runs of the same work: the harmonic mean.

    For runs of one process on each core, this is the time on a core of
    average speed; two such cores are what ``--jobs 2`` has, so the speed-up
    over it is 2 at best (the arithmetic mean of the times would be above 2
    for cores of unequal speed).
    """
    return len(seconds) / sum(1 / value for value in seconds)


def combine(by_placement: dict[int | str, list[dict[str, float]]]) -> dict:
    """One run's figures: per placement the fastest round, then the rate mean over the cores.

    Peak memory is the largest of the runs kept. Single-process runs keep
    their per-core figures under ``per_core``.
    """
    best = {placement: min(runs, key=lambda figures: figures["seconds"]) for placement, runs in by_placement.items()}
    figures: dict = {
        "seconds": rate_mean([figures["seconds"] for figures in best.values()]),
        "cpu_seconds": rate_mean([figures["cpu_seconds"] for figures in best.values()]),
        **{key: max(figures[key] for figures in best.values()) for key in ("peak_rss_mib", "tree_rss_mib", "failed_inputs")},
    }
    if ALL_CORES not in best:
        figures["per_core"] = {str(core): figures_ for core, figures_ in sorted(best.items())}
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000, help="corpus size (default 1000)")
    parser.add_argument("--small", type=int, default=None,
                        help="articles of the *-small runs (the longest), for peak RSS against size (default: a quarter)")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder of quotes/*.jsonl")
    parser.add_argument("--model", default=None, help="pipeline name or path (default: as quotex extract)")
    parser.add_argument("--repeat", type=int, default=1,
                        help="rounds; per core (single-process runs) or overall, the fastest counts (default 1)")
    parser.add_argument("--runs", default=",".join(RUNS), help=f"comma-separated subset of {','.join(RUNS)} (default all)")
    parser.add_argument("--json", type=Path, default=ROOT / "bench" / "results.json", help="where to write figures")
    parser.add_argument("--bare-child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--without-attributor", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.bare_child is not None:
        bare(args.bare_child, args.model, attributor=not args.without_attributor)
        return
    wanted = args.runs.split(",")
    unknown = sorted(set(wanted) - set(RUNS))
    if unknown:
        parser.error(f"unknown runs {', '.join(unknown)}; choose from {', '.join(RUNS)}")
    if importlib.util.find_spec("distributed") is None and {"dask1", "dask2"} & set(wanted):
        print('no Dask runs: pip install "quotex[dask]"', file=sys.stderr)
        wanted = [name for name in wanted if not name.startswith("dask")]

    env = {**os.environ, **{variable: "1" for variable in THREAD_VARIABLES}}
    model_options = [] if args.model is None else ["--model", args.model]
    script = Path(sys.executable).parent / "quotex"  # the console script of this environment
    quotex = [str(script)] if script.exists() else [sys.executable, "-c", "from quotex.cli import app; app()"]
    with tempfile.TemporaryDirectory(prefix="quotex-bench-") as temporary:
        corpus, small = Path(temporary) / "corpus", Path(temporary) / "small"
        corpus.mkdir()
        small.mkdir()
        articles, words = build_corpus(corpus, args.data, args.articles)
        small_articles, small_words = build_small(small, corpus, args.small or max(1, args.articles // 4))
        out = Path(temporary) / "out.jsonl"

        def extract(folder: Path, *options: str, output: Path = out) -> list[str]:
            return [*quotex, "extract", "--quiet", *options, "-o", str(output), *model_options, str(folder)]

        bare_child = [sys.executable, __file__, "--bare-child", str(corpus), *model_options]
        commands: dict[str, tuple[list[str], int | None]] = {
            "spacy": ([*bare_child, "--without-attributor"], None),
            "bare": (bare_child, None),
            "jobs1": (extract(corpus, "--jobs", "1"), None),
            "jobs2": (extract(corpus, "--jobs", "2"), None),
            "dask1": (extract(corpus), 1),
            "dask2": (extract(corpus), 2),
            "jobs1-small": (extract(small, "--jobs", "1"), None),
            "jobs2-small": (extract(small, "--jobs", "2"), None),
        }
        cores = sorted(os.sched_getaffinity(0))
        # Runs of several processes started at once, one pinned to each core (see measure_together).
        together = {"jobs1x2": [extract(corpus, "--jobs", "1", output=Path(temporary) / f"copy{core}.jsonl")
                                for core in cores]}
        # samples[run][placement]: the figures of every round; placement is the core a
        # single-process run was pinned to, ALL_CORES for runs that use every core.
        samples: dict[str, dict[int | str, list[dict[str, float]]]] = {}
        records = 0
        for round_ in range(args.repeat):
            # Every other round backwards, so that a machine slowly getting busier or
            # quieter does not always favour the same run or the same core.
            order = list(RUNS) if round_ % 2 == 0 else list(reversed(RUNS))
            round_cores = cores if round_ % 2 == 0 else cores[::-1]
            for name in (name for name in order if name in wanted and (name in commands or name in together)):
                for core in (round_cores if name in SINGLE_PROCESS else [None]):
                    if name in together:
                        figures = measure_together(together[name], env, cores)
                    else:
                        command, workers = commands[name]
                        cluster: list[subprocess.Popen] = []
                        try:
                            if workers is not None:
                                address, cluster = _dask_cluster(workers, Path(temporary), env)
                                command = [*command[:2], "--scheduler", address, *command[2:]]
                            figures = measure(command, env, core=core)
                        finally:
                            _stop(cluster)
                    if name in ("jobs1", "jobs2") and not records:
                        records = sum(1 for _ in out.open(encoding="utf-8"))
                    placement = ALL_CORES if core is None else core
                    where = "all cores" if core is None else f"core {core}"
                    print(f"round {round_ + 1} {name} ({where}): {figures['seconds']:.1f} s", file=sys.stderr, flush=True)
                    samples.setdefault(name, {}).setdefault(placement, []).append(figures)
        results = {name: combine(by_placement) for name, by_placement in samples.items()}
        startup = None
        if "startup" in wanted:
            short = Path(temporary) / "short.txt"
            short.write_text("Berlin. Die Ministerin sagte: „Wir handeln jetzt.“ Dann ging sie.\n", encoding="utf-8")
            first = [*quotex, "extract", "--quiet", *model_options, str(short)]
            startup = rate_mean([min(first_record(first, env, core=core) for _ in range(args.repeat)) for core in cores])
    for name, figures in results.items():
        count, text_words = (small_articles, small_words) if name.endswith("-small") else (articles, words)
        if name == "jobs1x2":
            count, text_words = len(cores) * count, len(cores) * text_words
        figures["articles"] = count
        figures["articles_per_s"] = count / figures["seconds"]
        figures["words_per_s"] = text_words / figures["seconds"]
    ratios = {}
    for key, numerator, denominator in (
        ("jobs1_time_over_bare", "jobs1", "bare"),
        ("bare_time_over_spacy", "bare", "spacy"),
        ("jobs1_time_over_spacy", "jobs1", "spacy"),
        ("jobs2_speedup_over_jobs1", "jobs1", "jobs2"),
        ("dask2_speedup_over_dask1", "dask1", "dask2"),
    ):
        if numerator in results and denominator in results:
            ratios[key] = results[numerator]["seconds"] / results[denominator]["seconds"]
    if "jobs1" in results and "jobs1x2" in results:
        # The copies do one corpus each: what the cores of this machine give together at best.
        ratios["two_core_ceiling"] = len(cores) * results["jobs1"]["seconds"] / results["jobs1x2"]["seconds"]
        if "jobs2" in results:
            ratios["jobs2_share_of_ceiling"] = ratios["jobs2_speedup_over_jobs1"] / ratios["two_core_ceiling"]
    if "jobs1" in results and "bare" in results:
        # On a busy machine a pinned run waits for its core; its CPU time shows the work itself.
        ratios["jobs1_cpu_over_bare"] = results["jobs1"]["cpu_seconds"] / results["bare"]["cpu_seconds"]
    if "jobs1" in results and "bare" in results and "per_core" in results["bare"]:
        ratios["jobs1_time_over_bare_per_core"] = {
            core: results["jobs1"]["per_core"][core]["seconds"] / figures["seconds"]
            for core, figures in results["bare"]["per_core"].items() if core in results["jobs1"]["per_core"]
        }
    for jobs in ("jobs1", "jobs2"):
        if jobs in results and f"{jobs}-small" in results:
            for measure_ in ("peak_rss_mib", "tree_rss_mib"):
                ratios[f"{jobs}_{measure_}_large_over_small"] = results[jobs][measure_] / results[f"{jobs}-small"][measure_]
    report = {
        "command": " ".join(["python", "bench/bench.py", *sys.argv[1:]]),
        "articles": articles,
        "small_articles": small_articles,
        "words": words,
        "records": records,
        "model": args.model or "default",
        "cpus": os.cpu_count(),
        "rounds": args.repeat,
        "single_process_cores": cores,
        "python": platform.python_version(),
        "results": results,
        "startup_first_record_seconds": startup,
        "ratios": ratios,
    }
    args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(markdown(report))


def markdown(report: dict) -> str:
    small = report["small_articles"]
    names = {
        "spacy": "(a) spaCy pipeline alone, without the quotex component", "bare": "(a) bare pipeline (nlp.pipe, with quotex)",
        "jobs1": "(b) quotex extract --jobs 1", "jobs2": "(c) quotex extract --jobs 2",
        "jobs1x2": "(c') two --jobs 1 runs at once, one per core, each over the whole corpus",
        "dask1": "(d) --scheduler, 1 Dask worker", "dask2": "(d) --scheduler, 2 Dask workers",
        "jobs1-small": f"(f) --jobs 1, the {small} longest articles", "jobs2-small": f"(f) --jobs 2, the {small} longest articles",
    }
    failed = "".join(f"; {figures['failed_inputs']} inputs failed in {key}"
                     for key, figures in report["results"].items() if figures["failed_inputs"])
    lines = [
        f"{report['articles']} articles, {report['words']:,} words, {report['records']:,} records; "
        f"pipeline: {report['model']}; {report['cpus']} CPUs{failed}; best of {report['rounds']} round(s), "
        f"single-process runs on each of cores {', '.join(map(str, report['single_process_cores']))} "
        "(their time: the harmonic mean over the cores)",
        "",
        "| run | time (s) | per core (s) | CPU time (s) | articles/s | words/s | peak RSS (MiB) | tree RSS (MiB) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for key, label in names.items():
        if key not in report["results"]:
            continue
        r = report["results"][key]
        per_core = " / ".join(f"{figures['seconds']:.1f}" for figures in r["per_core"].values()) if "per_core" in r else "all"
        lines.append(
            f"| {label} | {r['seconds']:.1f} | {per_core} | {r['cpu_seconds']:.1f} | {r['articles_per_s']:.1f} | "
            f"{r['words_per_s']:,.0f} | {r['peak_rss_mib']:.0f} | {r['tree_rss_mib']:.0f} |"
        )
    ratios = report["ratios"]
    described = {
        "jobs1_time_over_bare": "quotex --jobs 1 time / bare pipeline time: **{:.2f}** (target <= 1.06)",
        "jobs1_cpu_over_bare": "quotex --jobs 1 CPU time / bare pipeline CPU time: {:.2f}",
        "jobs2_speedup_over_jobs1": "quotex --jobs 2 speed-up over --jobs 1: **{:.2f}** (target >= 1.85)",
        "two_core_ceiling": "the machine's two-core ceiling, 2 x --jobs 1 time / time of (c'): {:.2f}",
        "jobs2_share_of_ceiling": "--jobs 2 speed-up / that ceiling: {:.2f}",
        "dask2_speedup_over_dask1": "Dask, 2 workers over 1: **{:.2f}** (target >= 1.7)",
        "bare_time_over_spacy": "bare pipeline / spaCy alone (the attributor's cost): {:.2f}",
        "jobs1_time_over_spacy": "quotex --jobs 1 / spaCy alone: {:.2f}",
        "jobs1_peak_rss_mib_large_over_small": f"peak RSS, --jobs 1, {report['articles']} over the {small} longest articles: "
                                               "**{:.2f}** (flat: at most 1.0)",
        "jobs2_peak_rss_mib_large_over_small": f"peak RSS, --jobs 2, {report['articles']} over the {small} longest articles: "
                                               "**{:.2f}** (flat: at most 1.0)",
        "jobs2_tree_rss_mib_large_over_small": f"tree RSS, --jobs 2, {report['articles']} over the {small} longest: {{:.2f}}",
    }
    lines.append("")
    per_core = ratios.get("jobs1_time_over_bare_per_core")
    if per_core:
        described["jobs1_time_over_bare"] += " (on each core: " + ", ".join(
            f"core {core} {ratio:.2f}" for core, ratio in per_core.items()) + ")"
    lines += [f"- {text.format(ratios[key])}" for key, text in described.items() if key in ratios]
    if report["startup_first_record_seconds"] is not None:
        lines.append(f"- (e) start-up, time to the first record of one short article: "
                     f"**{report['startup_first_record_seconds']:.1f} s**")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
