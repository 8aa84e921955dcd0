"""The Dask executor on a real local cluster: a scheduler and two worker processes on 127.0.0.1.

The stand-in pipeline of ``fake_pipeline`` keeps this fast; the workers
preload that module so they know its component, as a real cluster's workers
would have quotex and the model installed.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import fake_pipeline
import quotex
from quotex.core import PipelineError
from quotex.executors import executor_for

distributed = pytest.importorskip("distributed", reason='the Dask executor needs quotex[dask] (pip install "quotex[dask]")')


@pytest.fixture(scope="module")
def cluster():
    """A scheduler and two worker processes, shut down after the module whatever happens."""
    from distributed import Client, LocalCluster

    local = LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None,
        preload=["fake_pipeline"], silence_logs=40,
    )
    client = Client(local, set_as_default=False)
    try:
        yield local, client
    finally:
        client.close()
        local.close(timeout=30)


@pytest.fixture(scope="module")
def model(tmp_path_factory: pytest.TempPathFactory) -> str:
    return str(fake_pipeline.save(tmp_path_factory.mktemp("fake") / "pipeline", delay=0.02))


def _corpus(folder: Path, count: int) -> Path:
    folder.mkdir()
    for number in range(count):
        said = " ".join(f"Sie sagte: „Satz {number}-{k}.“" for k in range(number % 3))
        (folder / f"{number:03d}.txt").write_text(f"Meldung {number}\n\nEin Bericht. {said} Ende.", encoding="utf-8")
    return folder


def _records(folder: Path, model: str, **how) -> list[str]:
    return [record.to_json() for record in quotex.extract(str(folder), model=model, **how)]


def test_records_are_those_of_a_local_run_in_input_order(tmp_path, cluster, model):
    folder = _corpus(tmp_path / "in", 70)
    local = _records(folder, model)
    on_dask = _records(folder, model, scheduler=cluster[0].scheduler_address)
    assert on_dask == local
    assert len(local) == sum(number % 3 for number in range(70))
    sources = [json.loads(line)["source"] for line in on_dask]
    assert sources == sorted(sources)


def test_a_worker_killed_mid_run_costs_nothing(tmp_path, cluster, model):
    local_cluster, client = cluster
    folder = _corpus(tmp_path / "in", 200)
    expected = _records(folder, model)
    pids = list(client.run(os.getpid).values())
    got = []
    started = time.monotonic()
    for record in quotex.extract(str(folder), model=model, scheduler=local_cluster.scheduler_address):
        if len(got) == 5:
            os.kill(pids[0], signal.SIGKILL)
        got.append(record.to_json())
    assert got == expected
    assert time.monotonic() - started < 120
    client.wait_for_workers(2, timeout=60)  # the nanny restarted it, for the next tests


def _command(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``quotex ARGS`` with the stand-in pipeline's component registered (see fake_pipeline)."""
    return subprocess.run([sys.executable, fake_pipeline.__file__, *args], capture_output=True, text=True, timeout=180,
                          env={**os.environ, **(env or {})})


def test_the_command_runs_on_the_scheduler_named_by_the_option_or_the_variable(tmp_path, cluster, model):
    folder = _corpus(tmp_path / "in", 20)
    local = _command("extract", str(folder), "--model", model, "-q")
    address = cluster[0].scheduler_address
    by_option = _command("extract", str(folder), "--model", model, "-q", "--scheduler", address)
    by_variable = _command("extract", str(folder), "--model", model, "-q", env={"DASK_SCHEDULER_ADDRESS": address})
    assert local.returncode == by_option.returncode == by_variable.returncode == 0, by_option.stderr + by_variable.stderr
    assert local.stdout == by_option.stdout == by_variable.stdout and local.stdout.count("\n") == 19


@pytest.mark.parametrize("how", ["option", "variable"])
def test_an_unreachable_scheduler_is_a_usage_error(tmp_path, model, how):
    folder = _corpus(tmp_path / "in", 1)
    address = "tcp://127.0.0.1:9"
    if how == "option":
        result = _command("extract", str(folder), "--model", model, "--scheduler", address)
    else:
        result = _command("extract", str(folder), "--model", model, env={"DASK_SCHEDULER_ADDRESS": address})
    assert result.returncode == 2 and result.stdout == ""
    assert "Traceback" not in result.stderr
    assert f"cannot reach the Dask scheduler at {address}" in result.stderr, result.stderr


def test_without_dask_the_scheduler_is_refused_clearly(monkeypatch):
    import quotex.dask_executor

    monkeypatch.setattr(quotex.dask_executor, "Client", None)
    with pytest.raises(PipelineError, match=r'pip install "quotex\[dask\]"'):
        executor_for("embedded", scheduler="tcp://127.0.0.1:8786")


def test_the_variable_chooses_dask_only_when_nothing_else_was_asked_for(monkeypatch, nlp):
    from quotex.dask_executor import DaskExecutor
    from quotex.executors import InProcess, LocalPool

    monkeypatch.setenv("DASK_SCHEDULER_ADDRESS", "tcp://127.0.0.1:8786")
    assert isinstance(executor_for("embedded"), DaskExecutor)
    assert isinstance(executor_for("embedded", jobs=2), LocalPool)
    assert isinstance(executor_for(nlp), InProcess)  # a loaded pipeline stays in this process


def test_scheduler_and_jobs_together_are_refused(tmp_path, model):
    folder = _corpus(tmp_path / "in", 1)
    result = _command("extract", str(folder), "--model", model, "--scheduler", "tcp://127.0.0.1:8786", "--jobs", "2")
    assert result.returncode == 2 and "--scheduler" in result.stderr and result.stdout == ""


def test_a_pipeline_the_workers_cannot_load_stops_the_run(tmp_path, cluster):
    folder = _corpus(tmp_path / "in", 3)
    with pytest.raises(PipelineError, match="no-such-pipeline"):
        list(quotex.extract(str(folder), model=str(tmp_path / "no-such-pipeline"), scheduler=cluster[0].scheduler_address))
