"""`curate export PATH --out FILE`: the reviewed dataset as a new file.

Rejected records are left out and edits written into the records' own fields. When the
output is the source's kind (same suffix), records are written as `curate lint --fix` writes
them: unchanged JSONL lines byte for byte, other kinds in their own format. Another suffix
converts the records, still in their own shape (field names), to that format. The input
and its journal are never written; the output appears atomically.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from curate.io import DatasetError, read_dataset
from curate.io.sniff import SUFFIX_KINDS
from curate.io.writer import Changes, reviewed_records, write_like_source, write_records
from curate.journal import apply_review, load_review
from curate.outputs import refuse_output
from curate.schemas.settings import FieldSettings


@dataclass(frozen=True)
class ExportSummary:
    """What an export wrote. `kept` counts every record written, edited ones included."""

    target: Path
    kept: int
    rejected: int
    edited: int
    unreadable: int = 0
    """Records the readers could not read (not written: they cannot have been reviewed)."""
    unknown: int = 0
    """Records with a standing decision that are not in the dataset (changed since)."""


def export_reviewed(path: Path, out: Path, fields: FieldSettings) -> ExportSummary:
    """Write the reviewed dataset at `path` to `out`; the input is never touched."""
    _refuse_inputs(out, [path])
    out_suffix = _suffix(out)
    if out_suffix not in SUFFIX_KINDS:
        known = ", ".join(SUFFIX_KINDS)
        raise DatasetError(str(out), f"--out must end in one of {known}")
    dataset = read_dataset([path], fields)
    state = load_review(dataset)
    frame, rejected = apply_review(dataset.frame, state)
    ids = set(dataset.frame.get_column("id"))
    kept_ids = set(frame.get_column("id"))
    edits = {rid: d for rid, d in state.edits.items() if rid in kept_ids}
    reviewed = dataset.with_frame(frame)
    source = dataset.sources[0]
    kind = source.kind if out_suffix == _suffix(path) else SUFFIX_KINDS[out_suffix]
    changes = Changes(edits=edits, category_field=fields.category)
    if kind == source.kind:
        lines = reviewed.frame.select("source_line", "id").iter_rows()
        written = write_like_source(source, dict(lines), changes, out)
    else:
        records = reviewed_records(reviewed, changes)
        write_records(records, kind, out, source.shape)
        written = len(records)
    return ExportSummary(
        target=out,
        kept=written,
        rejected=len(ids & set(rejected)),
        edited=len(edits),
        unreadable=len(dataset.issues),
        unknown=len(set(state.latest) - ids),
    )


def describe_export(summary: ExportSummary) -> str:
    """One line for the terminal."""
    line = (
        f"exported {summary.target}: kept {summary.kept:,}, rejected {summary.rejected:,}, "
        f"edited {summary.edited:,}"
    )
    if summary.unreadable:
        line += f"; {summary.unreadable:,} unreadable records left out"
    if summary.unknown:
        line += f"; {summary.unknown:,} decisions name records no longer in the dataset"
    return line


def _suffix(path: Path) -> str:
    return Path(path.name.lower().removesuffix(".gz")).suffix


def _refuse_inputs(out: Path, inputs: list[Path]) -> None:
    if out.name.lower().endswith(".gz"):
        raise DatasetError(str(out), "--out is written uncompressed; drop the .gz")
    if out.is_dir():
        raise DatasetError(str(out), "--out is a folder; give a file name")
    refuse_output(out, inputs)
