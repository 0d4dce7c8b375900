"""Run the selected rules over a dataset and collect their findings."""

from __future__ import annotations

import gc
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from pydantic import ValidationError

from curate.config import ConfigError
from curate.dedup.parallel import workers
from curate.io import Dataset
from curate.journal import ReviewState
from curate.lint.context import LintContext
from curate.lint.registry import RegistryError, all_rules, select_rules
from curate.lint.rule import Rule
from curate.lint.schedule import run_rules_side_by_side
from curate.schemas.finding import DROP, ORIGINAL_SEVERITY, REVIEWED_BY, Finding, Severity
from curate.schemas.lint import LintReport, LintSummary, RuleTiming
from curate.schemas.settings import CurateSettings

RuleProgress = Callable[[int, int, tuple[str, ...]], None]
"""Told, as rules start and end, how many of how many have started and which run now."""
RULE_THREADS = 2
"""Rules run side by side on this many threads, where the machine has the cores
(`curate.lint.schedule`)."""


def build_rules(settings: CurateSettings) -> list[Rule]:
    """Instantiate the selected rules with their validated options.

    Raises ConfigError for an unknown code or option, so a typo never silently runs defaults.
    """
    lint = settings.lint
    try:
        codes = select_rules(lint.select, lint.extend_select, lint.ignore)
    except RegistryError as exc:
        raise ConfigError(f"lint: {exc}") from None
    rules = all_rules()
    for code in [*lint.options, *lint.severity]:
        if code not in rules:
            raise ConfigError(f"lint: unknown rule {code!r} in options or severity")
    built = []
    for code in codes:
        cls = rules[code]
        try:
            options = cls.Options.model_validate(lint.options.get(code, {}))
        except ValidationError as exc:
            error = exc.errors()[0]
            key = ".".join(str(part) for part in error["loc"])
            raise ConfigError(f"lint.options.{code}: {key}: {error['msg']}") from None
        built.append(cls(options))
    return built


def run_lint(
    dataset: Dataset,
    settings: CurateSettings,
    eval_paths: set[str] | None = None,
    statistics: bool = False,
    on_rule: RuleProgress | None = None,
) -> LintReport:
    """Lint `dataset` (with `--eval` files among its sources) and return the report.

    Findings are sorted worst first, then by rule code and location. `on_rule(started,
    total, running)` is called as each rule starts and ends, while any runs: how many rules
    have started, of how many, and the codes of those running (a progress line shows it).
    """
    rules = build_rules(settings)
    ctx = LintContext(dataset, settings, eval_paths)
    with _cycle_collection_paused():
        findings, timings = _run_rules(rules, ctx, on_rule)
    findings.sort(key=_order)
    return LintReport(
        summary=summarise(len(dataset), findings),
        findings=findings,
        timings=timings if statistics else None,
    )


@contextmanager
def _cycle_collection_paused() -> Iterator[None]:
    """Rules make millions of short-lived objects and next to no reference cycles (about
    400 unreachable objects after a lint of 100k pairs), yet the collector's full passes
    in between walked every live object: 0.4 s of that lint."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _run_rules(
    rules: list[Rule], ctx: LintContext, on_rule: RuleProgress | None
) -> tuple[list[Finding], list[RuleTiming]]:
    """Each rule's findings and how long it took, in the order of `rules` whatever order
    they ran in (`curate.lint.schedule`: up to `RULE_THREADS` side by side). Side by side, a
    rule's time is its own wall clock: the times of rules that overlapped add up to more
    than the run took."""
    results: list[tuple[list[Finding], RuleTiming] | None] = [None] * len(rules)
    running: list[str] = []
    started = 0
    lock = threading.Lock()

    def told(code: str, starts: bool) -> None:
        nonlocal started
        with lock:
            if starts:
                started += 1
                running.append(code)
            else:
                running.remove(code)
            if on_rule is not None and running:
                on_rule(started, len(rules), tuple(running))

    def run(index: int) -> None:
        rule = rules[index]
        told(rule.code, starts=True)
        try:
            results[index] = _run_rule(rule, ctx)
        finally:
            told(rule.code, starts=False)

    threads = min(RULE_THREADS, workers())
    run_rules_side_by_side(rules, run, threads, int(ctx.frame.estimated_size()))
    findings: list[Finding] = []
    timings: list[RuleTiming] = []
    for result in results:
        assert result is not None
        findings.extend(result[0])
        timings.append(result[1])
    return findings, timings


def _run_rule(rule: Rule, ctx: LintContext) -> tuple[list[Finding], RuleTiming]:
    """The rule's findings, in the order found, and how long it took."""
    severity = ctx.settings.lint.severity.get(rule.code, rule.severity)
    started = time.perf_counter()
    findings: list[Finding] = []
    for violation in rule.check(ctx):
        locations = violation.locations
        if locations is None:
            locations = ctx.locations(violation.records)
        findings.append(
            Finding(
                rule=rule.code,
                name=rule.name,
                severity=severity,
                message=violation.message,
                records=violation.records,
                locations=locations,
                detail=violation.detail,
            )
        )
    timing = RuleTiming(
        rule=rule.code, seconds=time.perf_counter() - started, findings=len(findings)
    )
    return findings, timing


def summarise(records: int, findings: list[Finding]) -> LintSummary:
    """Counts by severity and by rule."""
    severities = Counter(f.severity for f in findings)
    by_rule = Counter(f.rule for f in findings)
    return LintSummary(
        records=records,
        errors=severities[Severity.ERROR],
        warnings=severities[Severity.WARNING],
        infos=severities[Severity.INFO],
        by_rule=dict(sorted(by_rule.items())),
        reviewed=sum(is_reviewed(f) for f in findings),
    )


REVIEWED = REVIEWED_BY


def is_reviewed(finding: Finding) -> bool:
    return REVIEWED in finding.detail


def mark_reviewed(report: LintReport, review: ReviewState) -> LintReport:
    """Report findings on records an expert explicitly kept as reviewed: severity info,
    `detail.reviewed_by` and the message saying who kept them, so they no longer fail.

    A finding counts as reviewed when every record it blames has a standing `keep`. It
    blames the records its fix would drop where it names them (`detail.drop`: the later
    copies of a duplicate group; the first copy is the one kept anyway), else all of its
    records. Edits do not count: the edited text is what was linted. Findings without
    records (dataset size, unreadable lines) are never reviewed. `detail.original_severity`
    keeps what the finding would have been.
    """
    kept = {rid: d.reviewer for rid, d in review.latest.items() if d.decision == "keep"}
    if not kept:
        return report
    findings = [_reviewed(finding, kept) for finding in report.findings]
    findings.sort(key=_order)
    summary = summarise(report.summary.records, findings)
    return report.model_copy(update={"findings": findings, "summary": summary})


def _reviewed(finding: Finding, kept: dict[str, str]) -> Finding:
    drop = finding.detail.get(DROP)
    blamed = drop if isinstance(drop, list) and drop else finding.records
    if not blamed or not all(rid in kept for rid in blamed):
        return finding
    reviewers = sorted({kept[rid] for rid in blamed})
    return finding.model_copy(
        update={
            "severity": Severity.INFO,
            "message": f"{finding.message} (kept in review by {', '.join(reviewers)})",
            "detail": {
                **finding.detail,
                REVIEWED: reviewers,
                ORIGINAL_SEVERITY: str(finding.severity),
            },
        }
    )


def _order(finding: Finding) -> tuple[int, str, bool, str, int]:
    first = finding.locations[0] if finding.locations else None
    return (
        finding.severity.rank,
        finding.rule,
        is_reviewed(finding),  # a rule's reviewed findings after its open ones, together
        first.path if first else "",
        (first.line or 0) if first else 0,
    )
