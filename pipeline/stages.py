"""Wall-clock and CPU time per stage of a run, measured (not estimated), for
benchmarks/throughput.py.

Off unless ``enable()`` was called (``ACTORGRAPH_STAGE_TIMES=1`` in the environment enables it
at import): then ``stage(name)`` blocks, ``timed_iter`` and the components wrapped by
``instrument(nlp)`` add their wall time to a per-process table that ``times()`` returns, and
their CPU time (``time.process_time``: this process, all its threads) to one that
``cpu_times()`` returns. CPU time is the figure to compare on a shared machine, where other
processes stretch wall time.
Stages nest (``pipe`` holds the components' time): the benchmark subtracts. When off, a
stage costs one test of a global, so the job's code can keep its ``with stage(...)`` lines.
Per-process: in worker processes nothing is collected (the benchmark breaks down the
1-process run).
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

T = TypeVar("T")
_TIMES: dict[str, float] | None = None  # None: off
_CPU: dict[str, float] = {}


def enable() -> None:
    global _TIMES
    _TIMES = {}
    _CPU.clear()


def enabled() -> bool:
    return _TIMES is not None


def times() -> dict[str, float]:
    return dict(_TIMES or {})


def cpu_times() -> dict[str, float]:
    return dict(_CPU) if _TIMES is not None else {}


def add(name: str, seconds: float, cpu: float = 0.0) -> None:
    if _TIMES is not None:
        _TIMES[name] = _TIMES.get(name, 0.0) + seconds
        _CPU[name] = _CPU.get(name, 0.0) + cpu


@contextmanager
def stage(name: str) -> Iterator[None]:
    if _TIMES is None:
        yield
        return
    t0, c0 = time.perf_counter(), time.process_time()
    try:
        yield
    finally:
        add(name, time.perf_counter() - t0, time.process_time() - c0)


def timed_iter(name: str, items: Iterator[T]) -> Iterator[T]:
    """``items``, with the time spent producing each one added to ``name``."""
    if _TIMES is None:
        yield from items
        return
    it = iter(items)
    while True:
        t0, c0 = time.perf_counter(), time.process_time()
        try:
            item = next(it)
        except StopIteration:
            add(name, time.perf_counter() - t0, time.process_time() - c0)
            return
        add(name, time.perf_counter() - t0, time.process_time() - c0)
        yield item


class _Timed:
    """A pipeline component whose calls are timed under ``component:<name>``."""

    def __init__(self, proc: Any, name: str) -> None:
        self._proc, self._name = proc, f"component:{name}"

    def __call__(self, doc: Any) -> Any:
        t0, c0 = time.perf_counter(), time.process_time()
        try:
            return self._proc(doc)
        finally:
            add(self._name, time.perf_counter() - t0, time.process_time() - c0)

    def __getattr__(self, attr: str) -> Any:
        return getattr(self._proc, attr)


def instrument(nlp: Any) -> None:
    """Time our own components (``actorgraph_*``, called one Doc at a time) when enabled."""
    comps = getattr(nlp, "_components", None)
    if _TIMES is None or not isinstance(comps, list):
        return
    for i, (name, proc) in enumerate(comps):
        if name.startswith("actorgraph_") and not hasattr(proc, "pipe") and not isinstance(proc, _Timed):
            comps[i] = (name, _Timed(proc, name))


if os.environ.get("ACTORGRAPH_STAGE_TIMES") == "1":
    enable()
