"""Running the view commands (``show``, ``report``, ``stats``), whose standard output is not records."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from conftest import REPO, Run, quotex_command


def run_view(*args: str, cwd: Path = REPO, timeout: float = 300, env: dict[str, str] | None = None) -> Run:
    """``quotex ARGS`` with stdout kept as text (not parsed as records)."""
    result = subprocess.run(
        quotex_command() + list(args), cwd=cwd, input=b"", capture_output=True, timeout=timeout,
        env={**os.environ, "OMP_NUM_THREADS": "1", **(env or {})},
    )
    stderr = result.stderr.decode("utf-8", errors="replace")
    assert "Traceback" not in stderr, stderr
    return Run(result.returncode, result.stdout.decode("utf-8"), stderr)
