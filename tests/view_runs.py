"""Running the view commands (``show``, ``report``, ``stats``), whose standard output is not records."""

from __future__ import annotations

import os
import pty
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


def run_in_terminal(*args: str, columns: int = 120) -> tuple[int, str]:
    """Run ``quotex ARGS`` with stdout on a pseudo-terminal, as a user at a terminal does."""
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": str(columns), "LINES": "50", "OMP_NUM_THREADS": "1"}
    for name in ("NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE"):
        env.pop(name, None)
    command = quotex_command() + list(args)
    pid, fd = pty.fork()
    if pid == 0:  # the child: stdout and stderr are the terminal
        os.chdir(REPO)
        os.execve(command[0], command, env)
    chunks = []
    while True:
        try:
            data = os.read(fd, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(fd)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), b"".join(chunks).decode("utf-8", errors="replace")
