"""`curate lint --fix --out PATH`: write a cleaned copy of the dataset, never the input.

Safe fixes drop what DUP001/DUP002 report (keeping the first record of each group) and the
records the readers could not read. With `--unsafe-fixes`, secrets and personal data found
by LEAK005/LEAK006 are replaced by `[REDACTED:kind]`. Edits from the review journal are
written into the records' own fields. Kept records are written as they were in the source:
unchanged JSONL lines byte for byte, other kinds in their own format. (`curate export` writes
the reviewed dataset the same way.)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import polars as pl

from curate.io import Dataset, DatasetError, SourceFile
from curate.io.shapes import Shape
from curate.io.writer import Changes, write_like_source
from curate.lint.registry import all_rules
from curate.lint.rule import FixKind
from curate.outputs import refuse_output
from curate.schemas.decision import Decision
from curate.schemas.finding import DROP, HITS, KEEP, Finding, Severity


@dataclass
class FixPlan:
    """Which records to leave out (with the rule why) and which spans to redact."""

    drop: dict[str, str] = field(default_factory=dict)
    redact: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


def plan_fixes(findings: Iterable[Finding], unsafe: bool) -> FixPlan:
    """What the fixes of the findings' rules do: the copies a drop-fix leaves out (with the
    rule why) and, with `unsafe`, the spans a redact-fix replaces. Each rule declares its
    fix (`Rule.fix`); a rule without one changes nothing."""
    plan = FixPlan()
    rules = all_rules()
    for finding in findings:
        rule = rules.get(finding.rule)
        fix = rule.fix if rule is not None else None
        if fix is None or not (fix.safe or unsafe):
            continue
        if fix.kind is FixKind.DROP:
            for record in dropped_by(finding):
                plan.drop.setdefault(record, finding.rule)
        else:
            for record in finding.records:
                plan.redact.setdefault(record, []).extend(finding.detail.get(HITS, []))
    return plan


def dropped_by(finding: Finding) -> list[str]:
    """The records a drop-fix of this finding leaves out (`detail["drop"]`)."""
    return list(finding.detail.get(DROP, []))


def set_aside(
    findings: Iterable[Finding], level: Severity = Severity.ERROR
) -> dict[str, list[str]]:
    """Records that findings of `level` or worse keep out of training, with the rules why.
    Of a group that a drop-fix thins (duplicates), the record it keeps stays in; findings on
    records an expert kept are `info` by then, so they never set anything aside."""
    aside: dict[str, list[str]] = {}
    rules = all_rules()
    for finding in findings:
        if finding.severity.rank > level.rank:
            continue
        rule = rules.get(finding.rule)
        drops = rule is not None and rule.fix is not None and rule.fix.kind is FixKind.DROP
        kept = finding.detail.get(KEEP) if drops else None
        for record in finding.records:
            if record != kept:
                aside.setdefault(record, []).append(finding.rule)
    return aside


def output_paths(sources: list[SourceFile], out: Path) -> dict[str, Path]:
    """Where each source's cleaned copy goes. Refuses to write over any input, over a
    review journal, or two sources into one file."""
    if len(sources) == 1:
        name = Path(sources[0].path).name
        targets = {sources[0].path: out / name if out.is_dir() else out}
    else:
        if out.exists() and not out.is_dir():
            raise DatasetError(str(out), "--out must be a directory when fixing several files")
        targets = {s.path: out / Path(s.path).name for s in sources}
    seen: dict[Path, str] = {}
    for source, target in targets.items():
        refuse_output(target, [Path(s.path) for s in sources])
        if target.resolve() in seen:
            raise DatasetError(
                str(target),
                f"{seen[target.resolve()]} and {source} would both be written here; "
                "fix them one at a time, or rename one",
            )
        seen[target.resolve()] = source
    return targets


def write_fixed(
    dataset: Dataset,
    plan: FixPlan,
    targets: dict[str, Path],
    edits: Mapping[str, Decision] | None = None,
    category_field: str = "category",
) -> dict[str, int]:
    """Write each source's kept records to its target; returns records written per target.

    The dataset's frame says which records there are: records not in it (rejected in
    review, unreadable) are not written. `edits` are review edits by record id; redactions
    apply to the edited text (the linter found the spans there).
    """
    inputs = dict(
        dataset.frame.filter(pl.col("id").is_in(list(plan.redact)))
        .select("id", "input")
        .iter_rows()
    )
    changes = Changes(
        edits=edits or {},
        category_field=category_field,
        extra={
            rid: partial(_redacted, hits=hits, input_text=inputs.get(rid) or "")
            for rid, hits in plan.redact.items()
        },
    )
    written = {}
    frame = dataset.frame.select("id", "source", "source_line")
    for source in dataset.sources:
        if source.path not in targets:
            continue
        rows = frame.filter(pl.col("source") == source.path)
        records = {line: rid for rid, _, line in rows.iter_rows() if rid not in plan.drop}
        target = targets[source.path]
        written[str(target)] = write_like_source(source, records, changes, target)
    return written


def _redacted(
    source: SourceFile, record: Any, hits: list[dict[str, Any]], input_text: str = ""
) -> Any:
    """The record with each hit's span replaced in the source field it came from. A prompt
    made of several fields (a chat's earlier turns, alpaca's instruction and input) has
    each found value replaced wherever it stands in those fields."""
    if not hits:
        return record
    from curate.sensitive import Hit, redact

    layout = source.shape
    for field_name in ("output", "input"):
        spans = [
            Hit(str(h["kind"]), int(h["start"]), int(h["end"]), "")
            for h in hits
            if h["field"] == field_name
        ]
        if not spans:
            continue
        if layout.is_chat and field_name == "output":
            turn = record[layout.turns][-1]
            turn[layout.content] = redact(turn[layout.content], spans)
        elif field_name == "output" or layout.name == "input-output":
            key = layout.output if field_name == "output" else layout.input
            record[key] = redact(record[key], spans)
        else:
            _redact_values(record, layout, input_text, spans)
    return record


def _redact_values(record: Any, layout: Shape, text: str, spans: list[Any]) -> None:
    """Replace the values at `spans` of the rendered prompt `text` in the prompt's fields."""
    values = sorted(
        {(text[h.start : h.end], h.kind) for h in spans if text[h.start : h.end].strip()},
        key=lambda pair: -len(pair[0]),  # longer values first: one may contain another
    )

    def cleaned(value: str) -> str:
        for found, kind in values:
            value = value.replace(found, f"[REDACTED:{kind}]")
        return value

    if layout.is_chat:
        turns = record[layout.turns]
        for turn in turns[:-1] if turns and turns[-1] is not None else turns:
            if isinstance(turn.get(layout.content), str):
                turn[layout.content] = cleaned(turn[layout.content])
        return
    for key in (layout.input, layout.context):
        if key and isinstance(record.get(key), str):
            record[key] = cleaned(record[key])
