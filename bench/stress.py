"""Stress ``quotex extract --state`` the way an unattended drop folder does, then check OUT.

For ``--minutes`` minutes:

* a writer adds, changes and deletes articles in a drop folder, sometimes
  writing a file in two steps (a reader may see it half written);
* a cron-like loop starts ``quotex extract drop/ -o OUT --state FILE`` every
  ``--interval`` seconds without waiting for the previous run, so runs
  overlap (all but one must refuse with exit 75);
* a killer sends SIGKILL to a random running run now and then.

Then the writer stops, a last run completes OUT, ``quotex doctor`` checks
the pair, and OUT is compared with one clean run (``-o`` without state)
over the final folder, per input: **lost** records are in the clean run but
not in OUT, **duplicated** ones are in OUT more often than in the clean run.
Records of deleted articles stay in OUT by design (drop folders are emptied
after processing); they are counted apart and checked for duplicates only.

By default the runs use the tiny stand-in pipeline of the tests
(``tests/fake_pipeline.py``: every „…“ is a quote), which exercises the batch
machinery without the cost of parsing; ``--model embedded`` uses the real one.

    nice -n 5 python bench/stress.py --minutes 3

It prints its figures as JSON and exits 1 if anything was lost or
duplicated, or if the last run or ``quotex doctor`` failed. Last figures
(fake pipeline, ``--jobs 2``, 2 cores shared with other work):

* ``nice -n 5 python bench/stress.py --minutes 3 --seed 1 --interval 0.7``:
  179 runs, 69 killed by SIGKILL, 16 refused because another run held the
  state (exit 75), 5 ended with 1 (6 articles deleted between listing and
  reading them: "no such file"), 77 cron ticks skipped (4 runs alive); the
  writer added 900, changed 497 and deleted 157 articles. Final folder: 743
  inputs, 1051 records in the clean run, every one in OUT exactly once:
  **lost 0, duplicated 0** (plus 226 records of deleted articles, kept by
  design); ``quotex doctor``: consistent.
* ``nice -n 5 python bench/stress.py --minutes 3 --seed 1``: 90 runs, 41
  killed, none overlapping; 758 inputs, 1130 records: lost 0, duplicated 0.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=3.0)
    parser.add_argument("--interval", type=float, default=2.0, help="seconds between two cron-like runs")
    parser.add_argument(
        "--max-running", type=int, default=4,
        help="skip a cron tick while this many runs are alive (each run imports spaCy: a pile-up would swamp the machine)",
    )
    parser.add_argument("--kill-every", type=float, default=2.5, help="mean seconds between two SIGKILLs")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--model", default="fake", help="'fake' (the tests' stand-in pipeline) or a --model value")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="work in this (new) folder and keep it")
    options = parser.parse_args()
    random.seed(options.seed)
    if options.keep:
        options.keep.mkdir(parents=True)
        return stress(options, options.keep)
    with tempfile.TemporaryDirectory(prefix="quotex-stress-") as folder:
        return stress(options, Path(folder))


def stress(options: argparse.Namespace, work: Path) -> int:
    drop, out, state = work / "drop", work / "out.jsonl", work / "drop.state"
    drop.mkdir()
    base, model = _base(options.model, work)

    def extract(*arguments: str | Path) -> list[str]:
        return [*base, "extract", "--model", model, "-q", *map(str, arguments)]
    runs: list[subprocess.Popen[bytes]] = []
    figures: Counter[str] = Counter()
    statuses: Counter[str] = Counter()
    lock = threading.Lock()
    stop = threading.Event()
    log = open(work / "runs.log", "ab")  # the stderr of every run, to count what failed why

    def cron() -> None:
        while not stop.is_set():
            with lock:
                if sum(run.poll() is None for run in runs) >= options.max_running:
                    figures["skipped_ticks"] += 1
                else:
                    runs.append(subprocess.Popen(
                        extract(drop, "-o", out, "--state", state, "-j", options.jobs),
                        stdout=subprocess.DEVNULL, stderr=log,
                    ))
                    figures["runs"] += 1
            stop.wait(options.interval)

    def killer() -> None:
        while not stop.wait(random.expovariate(1 / options.kill_every)):
            with lock:
                running = [run for run in runs if run.poll() is None]
                if running:
                    random.choice(running).send_signal(signal.SIGKILL)
                    figures["kills"] += 1

    threads = [threading.Thread(target=target, daemon=True) for target in (cron, killer)]
    for thread in threads:
        thread.start()
    writer = _Writer(drop)
    deadline = time.monotonic() + options.minutes * 60
    while time.monotonic() < deadline:
        writer.step()
        time.sleep(random.uniform(0.01, 0.2))
    stop.set()
    for thread in threads:
        thread.join()
    for run in runs:
        statuses[str(run.wait())] += 1
    log.close()
    reasons = Counter(
        line.split(": ", 3)[-1] for line in (work / "runs.log").read_text(encoding="utf-8", errors="replace").splitlines()
        if line.startswith("quotex: error: ") and "another quotex run" not in line
    )
    final = subprocess.run(extract(drop, "-o", out, "--state", state), capture_output=True, text=True)
    doctor = subprocess.run([*base, "doctor", "--state", str(state)], capture_output=True, text=True)
    clean_out = work / "clean.jsonl"
    clean = subprocess.run(extract(drop, "-o", clean_out), capture_output=True, text=True)
    result = _compare(out, clean_out, drop)
    result.update(
        runs=figures["runs"], kills=figures["kills"], skipped_ticks=figures["skipped_ticks"], exit_statuses=dict(statuses), writer=dict(writer.actions),
        input_errors=dict(reasons.most_common(5)),
        final_run=final.returncode, final_stderr=final.stderr.strip()[-500:], doctor=doctor.returncode,
        doctor_says=doctor.stderr.strip()[-300:], clean_run=clean.returncode,
    )
    print(json.dumps(result, indent=2, ensure_ascii=False))
    ok = final.returncode == 0 and doctor.returncode == 0 and result["lost"] == result["duplicated"] == 0
    return 0 if ok else 1


def _base(model: str, work: Path) -> tuple[list[str], str]:
    """The quotex command line and the ``--model`` value for ``extract``."""
    if model != "fake":
        return [sys.executable, "-m", "quotex"], model
    sys.path.insert(0, str(REPO / "tests"))
    import fake_pipeline

    return [sys.executable, str(REPO / "tests" / "fake_pipeline.py")], str(fake_pipeline.save(work / "pipeline"))


class _Writer:
    """Adds, changes and deletes articles; sometimes in two writes with a pause between."""

    def __init__(self, drop: Path) -> None:
        self.drop = drop
        self.names: list[str] = []
        self.number = 0
        self.actions: Counter[str] = Counter()

    def step(self) -> None:
        action = random.choices(["add", "change", "delete"], weights=[6, 3, 1])[0] if self.names else "add"
        if action == "delete":
            name = self.names.pop(random.randrange(len(self.names)))
            (self.drop / name).unlink()
        else:
            if action == "add":
                name = f"{self.number:05d}.txt"
                self.number += 1
                self.names.append(name)
            else:
                name = random.choice(self.names)
            self._write(self.drop / name, self._article(name))
        self.actions[action] += 1

    def _article(self, name: str) -> bytes:
        version = random.randrange(10**6)
        quotes = " ".join(f"Er sagte: „{name} Fassung {version} Punkt {k}.“" for k in range(random.randint(0, 3)))
        return f"Bericht {name}\n\nEin Text über die Stadt. {quotes} Ende.\n".encode("utf-8")

    def _write(self, path: Path, data: bytes) -> None:
        with open(path, "wb") as stream:
            if random.random() < 0.2:
                stream.write(data[: len(data) // 2])
                stream.flush()
                time.sleep(0.05)
                stream.write(data[len(data) // 2 :])
            else:
                stream.write(data)


def _compare(out: Path, clean: Path, drop: Path) -> dict[str, int]:
    """Per input: lost and duplicated records of OUT against the clean run."""

    def by_source(path: Path) -> dict[str, Counter[str]]:
        grouped: dict[str, Counter[str]] = {}
        for line in path.read_text(encoding="utf-8").splitlines() if path.exists() else []:
            grouped.setdefault(json.loads(line)["source"], Counter())[line] += 1
        return grouped

    got, want = by_source(out), by_source(clean)
    present = {str(drop / name) for name in os.listdir(drop)}
    lost = sum(sum((expected - got.get(source, Counter())).values()) for source, expected in want.items())
    duplicated = sum(sum((lines - want.get(source, Counter())).values()) for source, lines in got.items() if source in present)
    deleted = {source: lines for source, lines in got.items() if source not in present}
    duplicated += sum(count - 1 for lines in deleted.values() for count in lines.values() if count > 1)
    return {
        "inputs": len(present),
        "records": sum(sum(lines.values()) for lines in want.values()),
        "records_in_out": sum(sum(lines.values()) for lines in got.values()),
        "records_of_deleted_inputs": sum(sum(lines.values()) for lines in deleted.values()),
        "lost": lost,
        "duplicated": duplicated,
    }


if __name__ == "__main__":
    sys.exit(main())
