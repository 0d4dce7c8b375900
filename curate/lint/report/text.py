"""Human output: findings grouped by rule, file:line first, a help line, a summary table.

Findings on records kept in review are grouped apart, dim and labelled `reviewed`."""

from __future__ import annotations

from collections import Counter
from itertools import groupby

from rich.console import Console
from rich.table import Table
from rich.text import Text

from curate.lint.engine import is_reviewed
from curate.lint.registry import all_rules
from curate.schemas.finding import Finding, Location, Severity
from curate.schemas.lint import LintReport
from curate.terminal import plain

STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
MAX_LOCATIONS = 5


def render_text(report: LintReport, console: Console, suppressed: int = 0) -> None:
    """Print the configuration used, findings grouped by rule (worst first), then the
    summary."""
    if report.config:
        console.print(Text(f"config: {plain(report.config)}", style="dim"))
    rules = all_rules()
    for (code, reviewed), group in groupby(report.findings, key=lambda f: (f.rule, is_reviewed(f))):
        findings = list(group)
        first = findings[0]
        count = f"{len(findings)} finding{'s' if len(findings) != 1 else ''}"
        if reviewed:
            console.print(f"[dim]{code} {first.name} (reviewed) {count}[/]", highlight=False)
        else:
            style = STYLE[first.severity]
            console.print(f"[{style}]{code}[/] [bold]{first.name}[/] ({first.severity}) {count}")
        for finding in findings:
            _print_finding(console, finding, "dim" if reviewed else "")
        hint = rules[code].fix_hint() if code in rules and not reviewed else ""
        if hint:
            console.print(Text("  help: ", style="dim") + Text(hint), soft_wrap=True)
        console.print()
    _print_summary(console, report, suppressed)


def _where(location: Location) -> str:
    path = plain(location.path)
    return f"{path}:{location.line}" if location.line else path


def _print_finding(console: Console, finding: Finding, style: str = "") -> None:
    locations = finding.locations
    head = _where(locations[0]) + ": " if locations else ""
    line = f"  {head}{plain(finding.message)}"
    console.print(line, style=style, highlight=False, soft_wrap=True, markup=False)
    for location in locations[1:MAX_LOCATIONS]:
        console.print(f"    also {_where(location)}", style=style, highlight=False, markup=False)
    if len(locations) > MAX_LOCATIONS:
        more = f"    ... and {len(locations) - MAX_LOCATIONS} more"
        console.print(more, style=style, highlight=False)


def _print_summary(console: Console, report: LintReport, suppressed: int) -> None:
    summary = report.summary
    if report.findings or report.timings:
        table = Table(title="Summary", title_justify="left")
        for column in ("rule", "name", "severity", "findings"):
            table.add_column(column, justify="right" if column == "findings" else "left")
        if report.timings is not None:
            table.add_column("seconds", justify="right")
        timings = {t.rule: t.seconds for t in report.timings or []}
        rows: dict[str, Finding] = {}
        for finding in report.findings:  # worst first: the first of a rule shows its severity
            rows.setdefault(finding.rule, finding)
        reviewed = Counter(f.rule for f in report.findings if is_reviewed(f))
        codes = list(timings) if report.timings is not None else list(summary.by_rule)
        for code in codes:
            finding = rows.get(code)
            rule = all_rules().get(code)
            name = finding.name if finding else (rule.name if rule else "")
            severity = finding.severity if finding else (rule.severity if rule else "")
            count = f"{summary.by_rule.get(code, 0):,}"
            if reviewed[code]:
                count += f" ({reviewed[code]:,} reviewed)"
            cells = [code, name, str(severity), count]
            if report.timings is not None:
                cells.append(f"{timings.get(code, 0.0):.2f}")
            table.add_row(*cells)
        console.print(table)
    verdict = "[bold red]Failed[/]" if summary.errors else "[bold green]Passed[/]"
    tail = f" ({suppressed:,} more in the baseline)" if suppressed else ""
    kept = f" ({summary.reviewed:,} kept in review)" if summary.reviewed else ""
    console.print(
        f"{verdict}: {summary.errors:,} errors, {summary.warnings:,} warnings, "
        f"{summary.infos:,} infos{kept} in {summary.records:,} records{tail}.",
        highlight=False,
    )
