"""`curate export PATH --preferences --out prefs.jsonl`: experts' choices between two replies
as preference data in TRL's format (`prompt`, `chosen`, `rejected`, one JSON object a line;
what `trl.DPOTrainer` reads).

Two sources, by what PATH is:

- a run folder: the standing judgements of `judgements.jsonl` (`curate review RUN --judge`),
  one line per expert and record; ties, skips and undone judgements are left out. The
  prompt is the test record's input, chosen and rejected the two models' replies.
- a dataset file: the duplicate screen's choices (keys 1/2 keep one record of a pair and
  reject the other, the keep naming its `partner`) that still stand: the kept record's
  input is the prompt, its output chosen, the rejected partner's output rejected.

The output is written atomically and never over an input, a review or a judge journal.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from curate.io import DatasetError, read_dataset
from curate.io.atomic import write_text_atomic
from curate.journal import load_review
from curate.judging.journal import current, journal_of, read_judgements, standing
from curate.judging.predictions import read_predictions
from curate.judging.report import count
from curate.outputs import refuse_output
from curate.proof.run_files import predictions_path
from curate.schemas.judgement import SKIP, TIE, UNDO
from curate.schemas.settings import FieldSettings

Preference = dict[str, str]


@dataclass(frozen=True)
class PreferenceSummary:
    """What an export of preferences wrote, and what it left out and why."""

    target: Path
    written: int
    ties: int = 0
    skips: int = 0
    unknown: int = 0
    """Judgements of replies since replaced or of records no longer evaluated, and choices
    naming a record no longer in the dataset."""
    warning: str | None = None


def export_preferences(path: Path, out: Path, fields: FieldSettings) -> PreferenceSummary:
    """Write the preferences of `path` (a run folder or a dataset file) to `out`."""
    if out.suffix.lower() != ".jsonl":
        raise DatasetError(str(out), "--out of --preferences must end in .jsonl")
    if out.is_dir():
        raise DatasetError(str(out), "--out is a folder; give a file name")
    if path.is_dir():
        refuse_output(out, [predictions_path(path), journal_of(path), path / "report.json"])
        rows, summary = _from_run(path, out)
    else:
        refuse_output(out, [path])
        rows, summary = _from_review(path, out, fields)
    text = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    write_text_atomic(out, text)
    return summary


def _from_run(run: Path, out: Path) -> tuple[list[Preference], PreferenceSummary]:
    predictions = read_predictions(run)
    records = {p.id: p for p in predictions}
    judgements, warning = read_judgements(journal_of(run))
    judgements, outdated = current(judgements, predictions)
    rows: list[Preference] = []
    ties = skips = 0
    unknown = sum(1 for j in outdated if j.winner != UNDO)
    for judgement in sorted(standing(judgements).values(), key=lambda j: j.at):
        if judgement.winner in (TIE, SKIP):
            ties += judgement.winner == TIE
            skips += judgement.winner == SKIP
            continue
        record = records.get(judgement.id)
        loser = next(m for m in judgement.shown if m != judgement.winner)
        if record is None or not {judgement.winner, loser} <= set(record.replies):
            unknown += 1
            continue
        rows.append(
            {
                "prompt": record.input,
                "chosen": record.replies[judgement.winner],
                "rejected": record.replies[loser],
            }
        )
    return rows, PreferenceSummary(out, len(rows), ties, skips, unknown, warning)


def _from_review(
    path: Path, out: Path, fields: FieldSettings
) -> tuple[list[Preference], PreferenceSummary]:
    dataset = read_dataset([path], fields)
    state = load_review(dataset)
    frame = dataset.frame
    texts = {
        rid: (text_in or "", text_out or "")
        for rid, text_in, text_out in frame.select("id", "input", "output").iter_rows()
    }
    rows: list[Preference] = []
    unknown = 0
    for rid, decision in sorted(state.latest.items(), key=lambda item: item[1].at):
        if decision.decision != "keep" or decision.partner is None:
            continue
        other = state.latest.get(decision.partner)
        if other is None or other.decision != "reject":
            continue  # the other record is no longer rejected: no preference stands
        if rid not in texts or decision.partner not in texts:
            unknown += 1
            continue
        prompt, chosen = texts[rid]
        rows.append({"prompt": prompt, "chosen": chosen, "rejected": texts[decision.partner][1]})
    return rows, PreferenceSummary(out, len(rows), unknown=unknown)


def describe_preferences(summary: PreferenceSummary) -> str:
    """One line for the terminal."""
    line = f"exported {summary.target}: {count(summary.written, 'preference')}"
    left = [count(summary.ties, "tie"), count(summary.skips, "skip")]
    left = [text for text in left if not text.startswith("0 ")]
    if summary.unknown:
        left.append(f"{summary.unknown:,} about records or replies no longer there")
    if left:
        line += " (left out: " + ", ".join(left) + ")"
    return line
