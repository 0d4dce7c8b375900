"""`curate lint --fix --out PATH`: write a cleaned copy of the dataset, never the input.

Safe fixes drop what DUP001/DUP002 report (keeping the first record of each group) and the
records the readers could not read. With `--unsafe-fixes`, secrets and personal data found
by LEAK005/LEAK006 are replaced by `[REDACTED:kind]`. Edits from the review journal are
written into the records' own fields. Kept records are written as they were in the source:
unchanged JSONL lines byte for byte, other kinds in their own format. (`curate export` writes
the reviewed dataset the same way.)
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from curate.io import Dataset, DatasetError, SourceFile
from curate.io.atomic import write_atomic
from curate.io.jsonl import LINE_COLUMN, split_array
from curate.io.shapes import set_fields
from curate.io.sniff import read_input
from curate.schemas.decision import Decision
from curate.schemas.finding import Finding

SAFE_RULES = {"DUP001", "DUP002"}
UNSAFE_RULES = {"LEAK005", "LEAK006"}


@dataclass
class FixPlan:
    """Which records to leave out (with the rule why) and which spans to redact."""

    drop: dict[str, str] = field(default_factory=dict)
    redact: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


def plan_fixes(findings: Iterable[Finding], unsafe: bool) -> FixPlan:
    plan = FixPlan()
    for finding in findings:
        if finding.rule in SAFE_RULES:
            for record in finding.detail.get("drop", []):
                plan.drop.setdefault(record, finding.rule)
        elif unsafe and finding.rule in UNSAFE_RULES:
            for record in finding.records:
                plan.redact.setdefault(record, []).extend(finding.detail.get("hits", []))
    return plan


def output_paths(sources: list[SourceFile], out: Path) -> dict[str, Path]:
    """Where each source's cleaned copy goes; refuses to write over any input."""
    inputs = {Path(s.path).resolve() for s in sources}
    if len(sources) == 1:
        targets = {sources[0].path: out}
    else:
        if out.exists() and not out.is_dir():
            raise DatasetError(str(out), "--out must be a directory when fixing several files")
        targets = {s.path: out / Path(s.path).name for s in sources}
    for target in targets.values():
        if target.resolve() in inputs:
            raise DatasetError(str(target), "--out would overwrite an input file; choose another")
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
    review, unreadable) are not written. `edits` are review edits by record id.
    """
    edits = edits or {}
    written = {}
    frame = dataset.frame.select("id", "source", "source_line")
    for source in dataset.sources:
        if source.path not in targets:
            continue
        rows = frame.filter(pl.col("source") == source.path)
        keep = {line for rid, _, line in rows.iter_rows() if rid not in plan.drop}
        changes = _Changes(
            redactions={
                line: plan.redact[rid] for rid, _, line in rows.iter_rows() if rid in plan.redact
            },
            edits={line: edits[rid] for rid, _, line in rows.iter_rows() if rid in edits},
            category_field=category_field,
        )
        target = targets[source.path]
        written[str(target)] = _write_source(source, keep, changes, target)
    return written


@dataclass
class _Changes:
    """What changes in kept records, by source line: review edits, then redactions (the
    linter found the spans in the edited text)."""

    redactions: dict[int, list[dict[str, Any]]] = field(default_factory=dict)
    edits: dict[int, Decision] = field(default_factory=dict)
    category_field: str = "category"

    def __contains__(self, line: int) -> bool:
        return line in self.redactions or line in self.edits

    def apply(self, source: SourceFile, record: Any, line: int) -> Any:
        edit = self.edits.get(line)
        if edit is not None and source.layout is not None:
            record = set_fields(
                source.layout, record, self.category_field, edit.input, edit.output, edit.category
            )
        return _redacted(source, record, self.redactions.get(line, []))


def _write_source(source: SourceFile, keep: set[int], changes: _Changes, target: Path) -> int:
    data = read_input(Path(source.path))
    if source.kind == "jsonl":
        lines = data.removeprefix(b"\xef\xbb\xbf").split(b"\n")
        kept = []
        for number, raw in enumerate(lines, start=1):
            if number in keep:
                raw = raw.rstrip(b"\r")
                if number in changes:
                    record = changes.apply(source, json.loads(raw), number)
                    raw = json.dumps(record, ensure_ascii=False).encode()
                kept.append(raw + b"\n")
        write_atomic(target, lambda handle: handle.writelines(kept))
        return len(kept)
    if source.kind == "json":
        text = data.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
        elements, numbers, _ = split_array(source.path, text)
        records = [
            changes.apply(source, json.loads(e), n)
            for e, n in zip(elements, numbers, strict=True)
            if n in keep
        ]
        body = json.dumps(records, indent=2, ensure_ascii=False) + "\n"
        write_atomic(target, lambda handle: handle.write(body.encode()))
        return len(records)
    return _write_table(source, data, keep, changes, target)


def _write_table(
    source: SourceFile, data: bytes, keep: set[int], changes: _Changes, target: Path
) -> int:
    from curate.io.dataset import parse_raw

    frame = parse_raw(source.path, source.kind, data).frame
    rows = []
    for row in frame.iter_rows(named=True):
        line = row.pop(LINE_COLUMN)
        if line in keep:
            rows.append(changes.apply(source, row, line))
    schema = dict(frame.drop(LINE_COLUMN).schema)
    if any(edit.category is not None for edit in changes.edits.values()):
        schema[changes.category_field] = pl.String()  # a new column, or numbers that now hold text
    kept = pl.DataFrame(rows, schema=schema)
    if source.kind == "parquet":
        write_atomic(target, lambda handle: kept.write_parquet(handle))
    else:
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter="\t" if source.kind == "tsv" else ",")
        writer.writerow(kept.columns)
        writer.writerows(kept.iter_rows())
        write_atomic(target, lambda handle: handle.write(buffer.getvalue().encode()))
    return kept.height


def _redacted(source: SourceFile, record: dict[str, Any], hits: list[dict[str, Any]]) -> Any:
    """The record with each hit's span replaced in the source field it came from."""
    if not hits:
        return record
    from curate.sensitive import Hit, redact

    layout = source.layout
    assert layout is not None
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
            raise DatasetError(source.path, f"cannot redact the {layout.name} input in place")
    return record
