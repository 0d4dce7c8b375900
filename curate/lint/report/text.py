"""Human output: findings grouped by rule, file:line first, a help line, a summary table."""

from __future__ import annotations

from itertools import groupby

from rich.console import Console
from rich.table import Table
from rich.text import Text

from curate.lint.registry import all_rules
from curate.schemas.finding import Finding, Location, Severity
from curate.schemas.lint import LintReport

STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
MAX_LOCATIONS = 5


def render_text(report: LintReport, console: Console, suppressed: int = 0) -> None:
    """Print findings grouped by rule (worst first), then the summary."""
    rules = all_rules()
    for code, group in groupby(report.findings, key=lambda f: f.rule):
        findings = list(group)
        first = findings[0]
        style = STYLE[first.severity]
        count = f"{len(findings)} finding{'s' if len(findings) != 1 else ''}"
        console.print(f"[{style}]{code}[/] [bold]{first.name}[/] ({first.severity}) {count}")
        for finding in findings:
            _print_finding(console, finding)
        hint = rules[code].fix_hint() if code in rules else ""
        if hint:
            console.print(Text("  help: ", style="dim") + Text(hint), soft_wrap=True)
        console.print()
    _print_summary(console, report, suppressed)


def _where(location: Location) -> str:
    return f"{location.path}:{location.line}" if location.line else location.path


def _print_finding(console: Console, finding: Finding) -> None:
    locations = finding.locations
    head = _where(locations[0]) + ": " if locations else ""
    console.print(f"  {head}{finding.message}", highlight=False, soft_wrap=True, markup=False)
    for location in locations[1:MAX_LOCATIONS]:
        console.print(f"    also {_where(location)}", highlight=False, markup=False)
    if len(locations) > MAX_LOCATIONS:
        console.print(f"    ... and {len(locations) - MAX_LOCATIONS} more", highlight=False)


def _print_summary(console: Console, report: LintReport, suppressed: int) -> None:
    summary = report.summary
    if report.findings or report.timings:
        table = Table(title="Summary", title_justify="left")
        for column in ("rule", "name", "severity", "findings"):
            table.add_column(column, justify="right" if column == "findings" else "left")
        if report.timings is not None:
            table.add_column("seconds", justify="right")
        timings = {t.rule: t.seconds for t in report.timings or []}
        rows = {f.rule: f for f in report.findings}
        codes = list(timings) if report.timings is not None else list(summary.by_rule)
        for code in codes:
            finding = rows.get(code)
            rule = all_rules().get(code)
            name = finding.name if finding else (rule.name if rule else "")
            severity = finding.severity if finding else (rule.severity if rule else "")
            cells = [code, name, str(severity), f"{summary.by_rule.get(code, 0):,}"]
            if report.timings is not None:
                cells.append(f"{timings.get(code, 0.0):.2f}")
            table.add_row(*cells)
        console.print(table)
    verdict = "[bold red]Failed[/]" if summary.errors else "[bold green]Passed[/]"
    tail = f" ({suppressed:,} more in the baseline)" if suppressed else ""
    console.print(
        f"{verdict}: {summary.errors:,} errors, {summary.warnings:,} warnings, "
        f"{summary.infos:,} infos in {summary.records:,} records{tail}.",
        highlight=False,
    )
