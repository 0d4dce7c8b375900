"""In what order, and which beside which, lint runs its rules.

Rules run side by side on a few threads: most of a rule's time is polars and numpy work
that releases the GIL, yet much of it keeps one core busy (one rule at a time, a lint of
100k pairs kept 1.15 of 2 cores busy). The long-running rules (`Rule.long_running`) start
first, so that the short ones fill the time beside them. A rule whose memory peak grows
with the dataset (`Rule.memory_heavy`: the near-duplicate and n-gram searches) runs first
and alone on a large dataset: beside another rule, a lint of 1M pairs peaked at 5 GiB,
against 4 GiB with them alone. A rule that needs shared work another rule is computing
waits for it (`Dataset.shared`), so the schedule never changes a finding.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from curate.lint.rule import Rule

ALONE_FROM_BYTES = 256 << 20
"""A dataset whose frame takes more than this is large: its memory-heavy rules run alone."""


def run_rules_side_by_side(
    rules: list[Rule], run: Callable[[int], None], threads: int, dataset_bytes: int
) -> None:
    """Call `run(index)` once for each rule: on a dataset of more than `ALONE_FROM_BYTES`,
    the memory-heavy rules first, one at a time; then the others on `threads` threads
    (in this thread when one), long-running rules first, else in order.

    Once a rule raises, no rule starts; its exception is raised here when the rules
    already running have ended. An interrupt (Ctrl-C) is raised at once: no rule starts
    after it, and the threads, which are daemons, end with the process."""
    alone = [i for i, rule in enumerate(rules) if rule.memory_heavy]
    if dataset_bytes <= ALONE_FROM_BYTES:
        alone = []
    together = [i for i in range(len(rules)) if i not in alone]
    together.sort(key=lambda index: not rules[index].long_running)  # stable: else in order
    for index in alone:
        run(index)
    if threads <= 1 or len(together) <= 1:
        for index in together:
            run(index)
        return
    pending = iter(together)
    lock = threading.Lock()
    failures: list[BaseException] = []

    def work() -> None:
        while True:
            with lock:
                index = None if failures else next(pending, None)
            if index is None:
                return
            try:
                run(index)
            except BaseException as failure:  # handed to the caller's thread
                with lock:
                    failures.append(failure)

    workers = [threading.Thread(target=work, daemon=True) for _ in range(threads)]
    for worker in workers:
        worker.start()
    try:
        for worker in workers:
            worker.join()
    except BaseException as interrupt:
        with lock:
            failures.append(interrupt)  # no rule starts after an interrupt
        raise
    if failures:
        raise failures[0]
