"""Rebuild the embedded pipeline ``src/quotex/models/de_quotex_news`` from scratch.

    python training/train.py            # reads ../shared/data, about 35 minutes on 2 cores

Steps: write the gazetteers (build_gazetteers.py), convert the corpora
(convert.py), build the Brown-cluster vectors of the NER (clusters.py), train the syntax pipeline (syntax.cfg) and the NER pipeline
(ner.cfg) side by side, one process per core, assemble them with the
entity ruler (assemble.py), and measure the result (evaluate.py, written to
``training/output/evaluation.json``).

The two trainings stop at the configs' ``max_steps`` or after ``--minutes``
(default 45), whichever comes first, keeping the best checkpoint on the dev
sets; so the whole recipe stays under an hour even on a busy machine.
``--max-steps`` and ``--work`` exist for the smoke test that runs this
recipe on a tiny corpus.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import assemble  # noqa: E402
import build_gazetteers  # noqa: E402
import clusters  # noqa: E402
import convert  # noqa: E402


def _train(config: str, corpus: Path, output: Path, overrides: list[str], log: Path) -> subprocess.Popen:
    command = [
        sys.executable, "-m", "spacy", "train", str(HERE / config),
        "--output", str(output), "--code", str(HERE / "custom.py"),
        "--paths.train", str(corpus / f"{config.split('.')[0]}_train.spacy"),
        "--paths.dev", str(corpus / f"{config.split('.')[0]}_dev.spacy"),
        *overrides,
    ]
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", PYTHONPATH=str(REPO))
    return subprocess.Popen(command, stdout=log.open("w"), stderr=subprocess.STDOUT, env=env, cwd=REPO)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=convert.DEFAULT_DATA, help="shared data folder (default: %(default)s)")
    parser.add_argument("--work", type=Path, default=HERE, help="where corpus/ and output/ go (default: training/)")
    parser.add_argument("--out", type=Path, default=assemble.DEFAULT_OUT, help="the pipeline folder to replace")
    parser.add_argument("--lexicons", type=Path, default=assemble.LEXICONS, help="where the gazetteers are written")
    parser.add_argument("--max-steps", type=int, help="override the configs' training steps (smoke test)")
    parser.add_argument(
        "--cluster-words", type=int, default=200_000,
        help="word forms that get a Brown-cluster vector (default: %(default)s; fewer for the smoke test)",
    )
    parser.add_argument(
        "--minutes", type=float, default=45.0,
        help="stop both trainings after this many minutes if the configs' max_steps are not reached (default: 45)",
    )
    parser.add_argument("--no-eval", action="store_true", help="skip evaluate.py")
    args = parser.parse_args(argv)
    if not (args.data / "ud").is_dir():
        parser.error(f"{args.data}: no ud/ folder; give the shared data folder with --data")
    start = time.monotonic()

    def step(message: str) -> None:
        print(f"[{(time.monotonic() - start) / 60:5.1f} min] {message}", file=sys.stderr, flush=True)

    step("gazetteers")
    args.lexicons.mkdir(parents=True, exist_ok=True)
    sys.argv = ["build_gazetteers.py", "--out", str(args.lexicons)]
    build_gazetteers.main()
    corpus, output = args.work / "corpus", args.work / "output"
    step("converting corpora")
    counts = convert.build(args.data, corpus)
    step(f"converted: {counts}")
    vectors = clusters.build(corpus / "clusters", args.cluster_words)
    step(f"Brown-cluster vectors: {vectors}")
    overrides = []
    if args.max_steps is not None:
        overrides = ["--training.max_steps", str(args.max_steps), "--training.eval_frequency", str(max(1, args.max_steps // 2))]
    output.mkdir(parents=True, exist_ok=True)
    step("training syntax and NER in parallel")
    overrides += ["--paths.vectors", str(vectors)]
    jobs = {
        name: _train(f"{name}.cfg", corpus, output / name, overrides, output / f"{name}.log")
        for name in ("syntax", "ner")
    }
    deadline = time.monotonic() + args.minutes * 60
    while any(job.poll() is None for job in jobs.values()) and time.monotonic() < deadline:
        time.sleep(5)
    for name, job in jobs.items():
        if job.poll() is None:  # out of time: stop it; spaCy keeps the best checkpoint so far
            step(f"{name}: time budget reached, stopping (model-best is kept)")
            job.send_signal(signal.SIGINT)
    failed = [
        name for name, job in jobs.items()
        if job.wait() != 0 and not (output / name / "model-best" / "meta.json").exists()
    ]
    if failed:
        for name in failed:
            print((output / f"{name}.log").read_text(encoding="utf-8")[-3000:], file=sys.stderr)
        step(f"training failed: {failed}; see {output}/<name>.log")
        return 1
    step("assembling")
    nlp = assemble.assemble(output / "syntax" / "model-best", output / "ner" / "model-best", lexicons=args.lexicons)
    assemble.save_atomically(nlp, args.out)
    step(f"pipeline written to {args.out}")
    if not args.no_eval:
        step("evaluating")
        subprocess.run(
            [sys.executable, str(HERE / "evaluate.py"), "--model", str(args.out), "--corpus", str(corpus),
             "--json", str(output / "evaluation.json")],
            check=True,
        )
    step("done")
    return 0


if __name__ == "__main__":
    sys.exit(main())
