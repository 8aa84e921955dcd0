"""``python -m quotex``: the same command line as the ``quotex`` script (useful where scripts are not on PATH)."""

from quotex.cli import app

app(prog_name="quotex")
