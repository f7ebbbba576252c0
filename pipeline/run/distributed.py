"""The same job on a Dask cluster: ``actorgraph run --dask ADDRESS`` or ``--dask local:N``.

The client (the process that runs ``actorgraph run``) reads the inputs, sets duplicates aside,
writes every output file and checkpoints, exactly as a local run does (runner.py); Dask
workers only run ``workers.process_batch`` on batches of articles and send back serialised
records. So the output equals a local run's byte for byte, ``--resume`` works the same, and
the graph is reduced from the workers' relations by the same finalize step.

Each worker loads the model once: a ``WorkerPlugin`` loads it in ``setup`` (on every worker,
also those that join later) and keeps it on the worker; batches look it up there. The model
must be installed on the workers (same name and version as on the client; a model given as
a path must exist at that path on the workers). The config travels as text.

Not here: starting clusters on HPC or Kubernetes (use dask-jobqueue, dask-kubernetes or Dask
Gateway, then pass the scheduler address), reading inputs on the workers.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
from collections import deque
from collections.abc import Iterator
from typing import Any

from ..errors import WorkerError
from .workers import Batch, EncodedResult, ModelSpec, process_batch

try:  # dask is an optional extra: actorgraph[dask]
    from distributed.diagnostics.plugin import WorkerPlugin
except ImportError:  # pragma: no cover - exercised only without the extra
    WorkerPlugin = object  # type: ignore[misc,assignment]


class ActorgraphWorkerPlugin(WorkerPlugin):
    """Holds one loaded pipeline per Dask worker."""

    def __init__(self, spec: ModelSpec, pipe_batch_size: int) -> None:
        self.spec = spec
        self.pipe_batch_size = pipe_batch_size
        self.nlp: Any = None
        self.lock: threading.Lock | None = None

    def setup(self, worker: Any) -> None:
        self.lock = threading.Lock()
        self.nlp = self.spec.load()

    def teardown(self, worker: Any) -> None:
        self.nlp = None


def plugin_name(spec: ModelSpec, pipe_batch_size: int) -> str:
    """A name per model setup, so runs with different models can share a cluster."""
    digest = hashlib.sha256(repr((spec, pipe_batch_size)).encode()).hexdigest()[:16]
    return f"actorgraph-{digest}"


def _process_on_worker(articles: list, name: str) -> list[EncodedResult]:
    """The task: process one batch with the worker's pipeline."""
    from distributed import get_worker

    plugin: Any = get_worker().plugins[name]  # our ActorgraphWorkerPlugin
    if plugin.lock is None:  # pragma: no cover - setup always runs first
        plugin.lock = threading.Lock()
    # spaCy's memory zones are not thread-safe: a worker with several threads runs one batch
    # at a time (threads would not help anyway: the work holds the GIL).
    with plugin.lock:
        if plugin.nlp is None:  # pragma: no cover - setup failed quietly
            plugin.nlp = plugin.spec.load()
        return process_batch(plugin.nlp, articles, plugin.pipe_batch_size)


def parse_address(address: str) -> tuple[str | None, int | None]:
    """``local`` / ``local:N`` -> (None, N or the CPU count); anything else is a scheduler address.

    >>> parse_address("local:2"), parse_address("tcp://10.0.0.5:8786")
    ((None, 2), ('tcp://10.0.0.5:8786', None))
    """
    if address == "local" or address.startswith("local:"):
        raw = address.partition(":")[2]
        if raw and (not raw.isdigit() or int(raw) < 1):
            raise ValueError(f"--dask local:N needs a number of workers >= 1, got '{address}'")
        return None, int(raw) if raw else (os.cpu_count() or 1)
    return address, None


class DaskEngine:
    """Batches -> Dask workers -> results in input order, a bounded number in flight."""

    def __init__(self, address: str, spec: ModelSpec, pipe_batch_size: int, *,
                 log: Any = None, max_in_flight: int | None = None) -> None:
        try:
            import distributed  # noqa: F401
        except ImportError:
            raise WorkerError('--dask needs dask.distributed: pip install "actorgraph[dask]"') from None
        self.address, self.n_local = parse_address(address)
        self.spec = spec
        self.pipe_batch_size = pipe_batch_size
        self.log = log or (lambda _m: None)
        self.max_in_flight = max_in_flight or 0  # 0: set from the cluster's threads in start()
        self.client: Any = None
        self.cluster: Any = None
        self.name = plugin_name(spec, pipe_batch_size)

    def start(self) -> None:
        """Connect (or start a LocalCluster) and load the model on every worker."""
        from distributed import Client, LocalCluster

        try:
            if self.address is None:
                self.cluster = LocalCluster(
                    n_workers=self.n_local, threads_per_worker=1, processes=True,
                    dashboard_address=None, silence_logs=logging.ERROR)
                self.client = Client(self.cluster)
            else:
                self.client = Client(self.address, timeout="30s")
        except OSError as exc:
            self.close()
            raise WorkerError(f"cannot reach the Dask scheduler at {self.address}: {exc}") from None
        try:
            self.client.register_plugin(ActorgraphWorkerPlugin(self.spec, self.pipe_batch_size),
                                        name=self.name)
        except Exception as exc:
            self.close()
            msg = " ".join(f"{type(exc).__name__}: {exc}".split())[:400]
            raise WorkerError(f"a Dask worker could not load the model: {msg}") from None
        threads = sum(self.client.nthreads().values()) or 1
        self.max_in_flight = self.max_in_flight or max(2, 2 * threads)
        self.log(f"dask: {len(self.client.nthreads())} workers, {threads} threads "
                 f"({self.client.scheduler.address})")

    def map(self, batches: Iterator[Batch]) -> Iterator[tuple[Batch, list[EncodedResult]]]:
        pending: deque[tuple[Batch, Any]] = deque()
        run_id = os.urandom(4).hex()
        try:
            for batch in batches:
                fut = self.client.submit(_process_on_worker, batch.articles, self.name,
                                         key=f"actorgraph-batch-{run_id}-{batch.index}",
                                         pure=False)
                pending.append((batch, fut))
                if len(pending) >= self.max_in_flight:
                    done, fut = pending.popleft()
                    yield done, fut.result()
                    fut.release()
            while pending:
                done, fut = pending.popleft()
                yield done, fut.result()
                fut.release()
        finally:
            for _, fut in pending:
                fut.cancel()

    def close(self) -> None:
        if self.client is not None:
            try:
                if self.cluster is None:
                    self.client.unregister_worker_plugin(self.name)
            except Exception:  # noqa: BLE001 - best effort on a cluster we do not own
                pass
            self.client.close()
            self.client = None
        if self.cluster is not None:
            self.cluster.close()
            self.cluster = None
