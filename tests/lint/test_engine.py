"""The lint engine as a library caller meets it: rules run side by side without changing a
finding, and the process is left as it was found."""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

from curate.io import read_dataset
from curate.lint import engine
from curate.lint.context import LintContext
from curate.lint.engine import run_lint
from curate.lint.rule import Rule, RuleOptions, Violation
from curate.lint.schedule import ALONE_FROM_BYTES, run_rules_side_by_side
from curate.schemas.finding import Severity
from curate.schemas.settings import CurateSettings
from tests.conftest import SAMPLES


@pytest.mark.parametrize("enabled", [True, False])
def test_a_lint_run_leaves_the_cycle_collector_as_it_found_it(enabled: bool) -> None:
    """Rules run with the collector paused (for speed); afterwards, and after a rule that
    raises, it is on or off as the caller had it."""
    dataset = read_dataset([SAMPLES / "alpaca.jsonl"])
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        report = run_lint(dataset, CurateSettings())
        assert report.findings and gc.isenabled() is enabled

        def broken(*_: object) -> None:
            raise RuntimeError("a rule failed")

        with pytest.MonkeyPatch.context() as patch:
            patch.setattr("curate.lint.context.LintContext.locations", broken)
            with pytest.raises(RuntimeError, match="a rule failed"):
                run_lint(dataset, CurateSettings())
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()


class _Schedule:
    """Which probe rules ran beside which."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.active: set[str] = set()
        self.beside: dict[str, set[str]] = {}


def _probe(
    code: str, schedule: _Schedule, heavy: bool = False, long: bool = False,
    meet: threading.Barrier | None = None,
) -> Rule:  # fmt: skip
    """A rule that notes the rules running while it runs, and finds one thing."""

    class Probe(Rule[RuleOptions]):
        memory_heavy = heavy
        long_running = long

        def check(self, ctx: LintContext) -> Iterator[Violation]:
            with schedule.lock:
                schedule.active.add(code)
                schedule.beside[code] = set(schedule.active)
            if meet is not None:
                meet.wait(timeout=10)  # breaks, and the rule raises, unless its pair runs
                with schedule.lock:
                    schedule.beside[code] |= schedule.active
            time.sleep(0.3 if heavy else 0.05)
            with schedule.lock:
                schedule.beside[code] |= schedule.active
                schedule.active.discard(code)
            yield Violation([], f"{code} ran", locations=[])

    Probe.code, Probe.name, Probe.severity = code, code.lower(), Severity.WARNING
    return Probe()


def test_rules_run_side_by_side_long_running_ones_first(monkeypatch: pytest.MonkeyPatch) -> None:
    """The long-running rules start first and side by side (they meet at a barrier, which
    breaks if they do not), a memory-heavy rule among them on a small dataset; findings
    come in rule order."""
    monkeypatch.setattr(engine, "workers", lambda: 2)  # as on two cores, whatever this has
    ctx = LintContext(read_dataset([SAMPLES / "alpaca.jsonl"]), CurateSettings())
    schedule, meet = _Schedule(), threading.Barrier(2)
    rules = [
        _probe("T001", schedule),
        _probe("T002", schedule, long=True, meet=meet),
        _probe("T003", schedule),
        _probe("T004", schedule, heavy=True, long=True, meet=meet),
    ]
    told: list[tuple[int, int, tuple[str, ...]]] = []
    findings, timings = engine._run_rules(rules, ctx, lambda *progress: told.append(progress))
    assert [f.rule for f in findings] == [t.rule for t in timings] == [r.code for r in rules]
    assert {"T002", "T004"} <= schedule.beside["T002"] & schedule.beside["T004"]
    first = list(dict.fromkeys(code for _, _, running in told for code in running))
    assert set(first[:2]) == {"T002", "T004"} and len(first) == len(rules)
    # The progress line is told that both run, and how many of how many have started.
    assert (2, 4, ("T002", "T004")) in told or (2, 4, ("T004", "T002")) in told


def test_on_a_large_dataset_memory_heavy_rules_run_first_and_alone() -> None:
    ctx = LintContext(read_dataset([SAMPLES / "alpaca.jsonl"]), CurateSettings())
    schedule = _Schedule()
    rules = [
        _probe("T001", schedule, long=True),
        _probe("T002", schedule, heavy=True),
        _probe("T003", schedule),
        _probe("T004", schedule, heavy=True, long=True),
    ]
    order: list[str] = []

    def run(index: int) -> None:
        order.append(rules[index].code)
        list(rules[index].check(ctx))

    run_rules_side_by_side(rules, run, 2, dataset_bytes=ALONE_FROM_BYTES + 1)
    assert order[:2] == ["T002", "T004"]
    assert schedule.beside["T002"] == {"T002"} and schedule.beside["T004"] == {"T004"}


def test_a_rule_that_raises_stops_the_run_with_its_error() -> None:
    ctx = LintContext(read_dataset([SAMPLES / "alpaca.jsonl"]), CurateSettings())
    schedule = _Schedule()

    class Broken(Rule[RuleOptions]):
        code, name, severity = "T009", "broken", Severity.ERROR

        def check(self, ctx: LintContext) -> Iterator[Violation]:
            raise RuntimeError("a rule failed")

    rules = [_probe("T001", schedule, long=True), Broken(), _probe("T003", schedule)]
    with pytest.raises(RuntimeError, match="a rule failed"):
        engine._run_rules(rules, ctx, None)


def test_findings_do_not_depend_on_rules_running_side_by_side(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(engine, "workers", lambda: 2)
    dataset = read_dataset([SAMPLES / "support_tickets.jsonl"])
    together = run_lint(dataset, CurateSettings())
    monkeypatch.setattr(engine, "RULE_THREADS", 1)
    one_at_a_time = run_lint(read_dataset([SAMPLES / "support_tickets.jsonl"]), CurateSettings())
    assert together.findings and together.findings == one_at_a_time.findings


def test_shared_work_is_computed_once_when_rules_ask_for_it_at_once() -> None:
    dataset = read_dataset([SAMPLES / "alpaca.jsonl"])
    calls: list[int] = []
    gate = threading.Barrier(4)

    def compute() -> object:
        calls.append(1)
        time.sleep(0.1)
        return object()

    def ask(_: int) -> object:
        gate.wait(timeout=10)
        return dataset.shared("work", compute)

    with ThreadPoolExecutor(4) as pool:
        answers = list(pool.map(ask, range(4)))
    assert len(calls) == 1 and all(answer is answers[0] for answer in answers)
