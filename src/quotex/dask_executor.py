"""The Dask executor: annotate on a running ``dask.distributed`` cluster (``--scheduler``).

What an operator of a Dask cluster can rely on:

* **The pipeline is loaded once per worker**, by a worker plugin registered
  under a name keyed by the model (``quotex-pipeline:MODEL``), never once per
  task. Workers that join later, or replace a dead one, load it too.
  ``--model`` names what every worker loads; each worker needs quotex and
  that pipeline installed.
* **Only texts and quotes travel.** The driver reads the inputs and writes
  the records; a task carries the texts of a batch (with their boilerplate
  spans) and brings back the quotes of each document, from which the driver
  builds the records with the texts it kept.
* **Bounded and ordered.** At most ``IN_FLIGHT_PER_WORKER`` batches per
  worker are submitted ahead of the one being waited for, and results are
  taken in submission order.
* **A dead worker loses only its batch**: Dask reschedules its tasks
  (``retries`` and the scheduler's ``allowed-failures``); a batch that still
  cannot finish is reported as a problem of its documents' inputs.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Generator, Iterable
from typing import Any

from quotex.core import Outcome, PipelineError, annotate_batch, load, records
from quotex.inputs import Document
from quotex.records import Quote

try:
    from distributed import Client, WorkerPlugin, get_worker
except ImportError:  # pragma: no cover - the error is raised by DaskExecutor
    Client = WorkerPlugin = get_worker = None  # type: ignore[assignment,misc]

#: Batches submitted per worker ahead of the one being waited for.
IN_FLIGHT_PER_WORKER = 2
#: Seconds to wait for the scheduler before saying it cannot be reached.
CONNECT_TIMEOUT = 10
#: Times Dask retries a batch whose task failed (a worker that died counts
#: against the scheduler's ``allowed-failures`` and is retried by it as well).
RETRIES = 2

#: What a task carries per document: the text and its boilerplate spans.
_Payload = tuple[str, tuple[tuple[int, int], ...]]


def plugin_name(model: str | None) -> str:
    """The name the pipeline plugin is registered under: one pipeline per model and worker."""
    return f"quotex-pipeline:{model or 'default'}"


class _PipelinePlugin(WorkerPlugin if WorkerPlugin is not None else object):  # type: ignore[misc]
    """Loads the pipeline when a worker starts (or when registered on a running worker)."""

    idempotent = True  # a second run with the same model reuses the loaded pipeline

    def __init__(self, model: str | None) -> None:
        self.model = model
        self.name = plugin_name(model)
        self.nlp: Any = None
        self.error: str | None = None

    def setup(self, worker: Any) -> None:
        try:
            self.nlp = load(self.model)
        except PipelineError as err:
            # Raising here would only log on the worker; the driver gets the message with the first batch.
            self.error = str(err)


def _annotate_on_worker(name: str, payload: list[_Payload]) -> list[list[Quote] | str]:
    """Run on a worker: the quotes of each text, with the pipeline its plugin loaded."""
    plugin = get_worker().plugins.get(name)
    if plugin is None or plugin.nlp is None:
        raise PipelineError(getattr(plugin, "error", None) or "the pipeline was not loaded on this worker")
    documents = [Document("", "", None, text, {}, skip, "", "") for text, skip in payload]
    return [
        [record.quote for record in outcome] if isinstance(outcome, list) else outcome
        for outcome in annotate_batch(plugin.nlp, documents)
    ]


class DaskExecutor:
    """Batches run as tasks on the Dask cluster whose scheduler is at ``address``."""

    def __init__(self, address: str, model: str | None) -> None:
        if Client is None:
            raise PipelineError('running on a Dask cluster needs Dask: pip install "quotex[dask]"')
        self._address, self._model = address, model

    def _connect(self) -> Any:
        try:
            return Client(self._address, timeout=CONNECT_TIMEOUT, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as err:
            raise PipelineError(
                f"cannot reach the Dask scheduler at {self._address} ({err}); "
                "start one (dask scheduler) or give its address with --scheduler"
            ) from err

    def map(self, batches: Iterable[list[Document]]) -> Generator[list[Outcome], None, None]:
        client = self._connect()
        try:
            name = plugin_name(self._model)
            client.register_plugin(_PipelinePlugin(self._model), name=name)
            workers = max(1, len(client.scheduler_info().get("workers", {})))
            window: deque[tuple[list[Document], Any]] = deque()
            for batch in batches:
                payload = [(document.text, document.skip) for document in batch]
                window.append((batch, client.submit(_annotate_on_worker, name, payload, retries=RETRIES, pure=False)))
                while len(window) > IN_FLIGHT_PER_WORKER * workers:
                    yield _outcomes(*window.popleft())
            while window:
                yield _outcomes(*window.popleft())
        finally:
            client.close()


def _outcomes(batch: list[Document], future: Any) -> list[Outcome]:
    """The records of each document of ``batch``, rebuilt here with the texts the driver kept."""
    try:
        results = future.result()
    except PipelineError:
        raise
    except Exception as err:  # noqa: BLE001 - a batch lost for good: its documents fail, the run goes on
        reason = f"the Dask task for this document's batch failed ({type(err).__name__}: {err})"
        return [reason for _ in batch]
    return [records(document, result) if isinstance(result, list) else result for document, result in zip(batch, results)]
