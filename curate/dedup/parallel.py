"""The small thread pool that chunks of records, LSH bands and blocks of pairs run on.

Threads, not processes: numpy ufuncs and polars release the GIL, so the work uses every core
while the arrays stay shared (nothing is copied to workers) and memory stays bounded by the
chunk sizes that the callers choose.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

_T = TypeVar("_T")


def workers() -> int:
    """Threads to use: the cores this process may run on."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, 8))


def _map(function: Callable[..., _T], *arguments: list[Any]) -> list[_T]:
    """``[function(*args) for args in zip(*arguments)]`` on the thread pool, in order."""
    calls = list(zip(*arguments, strict=True))
    if len(calls) <= 1 or workers() == 1:
        return [function(*call) for call in calls]
    with ThreadPoolExecutor(max_workers=workers()) as pool:
        return list(pool.map(lambda call: function(*call), calls))


def _run(tasks: list[Callable[[], None]]) -> None:
    """Run the tasks on the thread pool (inline when there is only one)."""
    if len(tasks) <= 1 or workers() == 1:
        for task in tasks:
            task()
        return
    with ThreadPoolExecutor(max_workers=workers()) as pool:
        for future in [pool.submit(task) for task in tasks]:
            future.result()
