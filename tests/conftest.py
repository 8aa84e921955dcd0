"""Shared test helpers: the repository's paths, the pipeline loaded once, and running the CLI.

End-to-end tests run the installed ``quotex`` console script in a
subprocess (that is what users run, and the only way to see exit statuses
and the split between stdout and stderr). Every record a run prints is
validated against the schema and its source text by :func:`run_quotex`.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from schema import parse_records

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "fixtures"
SEEDS = REPO / "seeds"
#: Every test pins the embedded pipeline, so that results do not depend on
#: whether de_core_news_lg happens to be installed on the machine
#: (QUOTEX_TEST_MODEL=de_core_news_lg runs the suite against another one).
MODEL = os.environ.get("QUOTEX_TEST_MODEL", "embedded")


def quotex_command() -> list[str]:
    """The ``quotex`` console script installed next to this Python."""
    script = Path(sys.executable).parent / "quotex"
    if not script.exists():
        pytest.fail(f"no quotex console script at {script}: install the package (pip install '.[test]')")
    return [str(script)]


@dataclass
class Run:
    """A finished ``quotex`` run."""

    code: int
    stdout: str
    stderr: str
    records: list[dict[str, Any]] = field(default_factory=list)

    def errors(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if "error" in line.lower()]


def run_quotex(
    *args: str,
    cwd: Path = REPO,
    stdin: bytes | None = None,
    timeout: float = 300,
    text_field: str = "text",
    env: dict[str, str] | None = None,
) -> Run:
    """Run ``quotex ARGS`` and validate every stdout line as a record of its source."""
    result = subprocess.run(
        quotex_command() + list(args),
        cwd=cwd,
        input=stdin if stdin is not None else b"",
        capture_output=True,
        timeout=timeout,
        env={**os.environ, "OMP_NUM_THREADS": "1", **(env or {})},
    )
    stdout = result.stdout.decode("utf-8")
    stderr = result.stderr.decode("utf-8", errors="replace")
    assert "Traceback" not in stderr, stderr
    records = parse_records(stdout, cwd, stdin, text_field)
    return Run(result.returncode, stdout, stderr, records)


@pytest.fixture(scope="session")
def nlp():
    """The embedded pipeline with the quotex component, loaded once for the session."""
    from quotex import load_pipeline

    return load_pipeline(MODEL)


@pytest.fixture(scope="session")
def seeds_run() -> Run:
    """``quotex extract seeds/`` once for all the tests that look at its output."""
    return run_quotex("extract", "seeds/", "--model", MODEL)


@pytest.fixture(scope="session")
def articles_run() -> Run:
    """``quotex extract fixtures/articles`` once: the hand-made articles with known quotes."""
    return run_quotex("extract", "fixtures/articles", "--model", MODEL)
