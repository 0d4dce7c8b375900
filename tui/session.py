"""ReviewSession: what the review app shows and does, without Textual.

It holds the dataset as plain column lists (fast to index at 100k+ records), the lint
findings per record, the standing decisions from the journals, and the current view: the
ordered rows that the table shows after the queue mode, filters and search. Decisions go
straight to the journal (fsynced) before the session reports them as made.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

import polars as pl

from curate.io import Dataset, read_dataset
from curate.journal import (
    ReviewState,
    append_decision,
    current_state,
    journal_path,
    load_review,
)
from curate.schemas.decision import Action, Decision
from curate.schemas.finding import STRENGTH, Finding
from curate.schemas.lint import LintReport
from curate.schemas.settings import CurateSettings, FieldSettings
from curate.signals import MatchedSignals

Mode = Literal["flagged", "all", "model"]
NO_FINDING = 3
"""Severity rank of a record without findings (errors are 0)."""
PARTNER_RULES = ("DUP", "LEAK")
"""Families whose findings name a partner record to compare side by side."""
MODEL_FAMILY = "MOD"
"""The rules whose findings make the "model disagrees" queue."""


@dataclass(frozen=True)
class ViewFilter:
    """What the table shows: a rule code, a category, a decision (`none` for undecided)."""

    rule: str | None = None
    category: str | None = None
    decision: str | None = None
    search: str | None = None

    def describe(self) -> str:
        parts = [
            f"{name}={value}"
            for name, value in (
                ("rule", self.rule),
                ("category", self.category if self.category is None else repr(self.category)),
                ("decision", self.decision),
                ("search", self.search),
            )
            if value
        ]
        return " ".join(parts)


@dataclass
class Partner:
    """Another record that a finding ties to this one (a duplicate, a conflict, a leak)."""

    row: int
    finding: Finding


@dataclass
class BalanceRow:
    category: str
    before: int
    after: int


@dataclass
class ReviewSession:
    """The dataset under review, its findings and decisions, and the current view."""

    dataset: Dataset
    settings: CurateSettings
    fields: FieldSettings
    reviewer: str
    ids: list[str]
    categories: list[str]
    languages: list[str]
    state: ReviewState
    findings: dict[int, list[Finding]] = field(default_factory=dict)
    worst: list[int] = field(default_factory=list)
    report: LintReport | None = None
    mode: Mode = "flagged"
    filter: ViewFilter = field(default_factory=ViewFilter)
    view: list[int] = field(default_factory=list)
    undo_stack: list[int] = field(default_factory=list)
    row_of: dict[str, int] = field(default_factory=dict)
    splits_dir: Path | None = None
    """Splits of this data (from `--splits`, or the last train-and-evaluate run)."""
    runs_dir: Path = Path("curate-runs")
    """Where train-and-evaluate runs go, one folder per run."""
    max_steps: int | None = None
    """Train-and-evaluate: stop training after this many steps (default: the epochs)."""
    eval_limit: int | None = None
    """Train-and-evaluate: evaluate on the first N test records only."""
    signals: MatchedSignals | None = None
    """The model signals of `--run` on these records (the MOD rules' source)."""
    run_note: str | None = None
    """What to tell the reviewer about signals of `--run` that no longer apply."""
    model_order: dict[int, tuple[int, str]] = field(default_factory=dict)
    """Rows the tuned model disagrees with -> their place in the "model disagrees" queue."""
    _pending_languages: dict[str, str] = field(default_factory=dict)
    _positions: dict[int, int] | None = None

    @classmethod
    def open(
        cls,
        paths: list[Path],
        settings: CurateSettings,
        reviewer: str,
        fields: FieldSettings | None = None,
    ) -> ReviewSession:
        """Read the dataset and its journals; the view starts on all records until lint ran."""
        fields = fields or settings.fields
        dataset = read_dataset(paths, fields)
        frame = dataset.frame
        ids = frame.get_column("id").to_list()
        session = cls(
            dataset=dataset,
            settings=settings,
            fields=fields,
            reviewer=reviewer,
            ids=ids,
            categories=frame.get_column("category").fill_null("").to_list(),
            languages=frame.get_column("lang").fill_null("").to_list(),
            state=load_review(dataset),
            worst=[NO_FINDING] * len(ids),
            row_of={rid: row for row, rid in enumerate(ids)},
        )
        session.mode = "all"
        session.refresh_view()
        return session

    def use_run(self, run: Path) -> str | None:
        """Judge the records with the signals of `run` (a bad run raises `DatasetError`):
        lint then runs the MOD rules, and `m` opens their queue. Returns a note on signals
        that no longer apply, if any."""
        from curate.lint import run_signals

        lint = self.settings.lint.model_copy(update={"run": str(run.absolute())})
        self.settings = self.settings.model_copy(update={"lint": lint})
        self.signals = run_signals(self.dataset, self.settings)
        self.run_note = self.signals.note() if self.signals is not None else None
        return self.run_note

    def model_signal(self, row: int) -> dict[str, Any] | None:
        """The run's signals on this record (loss, z, rank, neighbours...), if scored."""
        return self.signals.at_row(row) if self.signals is not None else None

    def consistent_neighbours(self, row: int, limit: int = 3) -> list[int]:
        """Records to read beside one the model disagrees with: those with the same input
        and another reply first, then its nearest records by the model that the model
        finds ordinary (z below 1), nearest first."""
        frame = self.dataset.frame
        text = frame.get_column("input")[row]
        output = frame.get_column("output")[row]
        same = [
            other
            for other in self.dataset.shared(
                "rows_by_input",
                lambda: _rows_by_input(frame.get_column("input").to_list()),
            ).get(text, [])
            if other != row and frame.get_column("output")[other] != output
        ]
        near: list[int] = []
        signal = self.model_signal(row)
        if signal is not None:
            for rid in signal["neighbours"]:
                other = self.row_of.get(rid)
                if other is None or other == row or other in same:
                    continue
                theirs = self.model_signal(other)
                if theirs is not None and theirs["z"] < 1.0:
                    near.append(other)
        return (same + near)[:limit]

    # --- records -------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.ids)

    def record(self, row: int) -> dict[str, Any]:
        """One record as shown: canonical fields, with a standing edit applied."""
        values = self.dataset.frame.row(row, named=True)
        standing = self.decision(row)
        if standing is not None and standing.decision == "edit":
            for name in ("input", "output", "category"):
                if getattr(standing, name) is not None:
                    values[name] = getattr(standing, name)
        return values

    def decision(self, row: int) -> Decision | None:
        """The standing decision on a record (the latest one not undone), if any."""
        return self.state.latest.get(self.ids[row])

    def history(self, row: int) -> list[Decision]:
        return self.state.history.get(self.ids[row], [])

    def location(self, row: int) -> str:
        frame = self.dataset.frame
        return f"{frame.get_column('source')[row]}:{frame.get_column('source_line')[row]}"

    # --- findings ------------------------------------------------------------------------

    def set_report(self, report: LintReport) -> None:
        """Attach lint findings to their records and switch to the flagged queue."""
        findings: dict[int, list[Finding]] = {}
        worst = [NO_FINDING] * len(self.ids)
        for finding in report.findings:
            for rid in finding.records:
                row = self.row_of.get(rid)
                if row is None:
                    continue
                findings.setdefault(row, []).append(finding)
                worst[row] = min(worst[row], finding.severity.rank)
        self.report, self.findings, self.worst = report, findings, worst
        self.model_order = _model_order(report, self.row_of)
        self._fill_languages()
        if self.signals is not None and self.model_order:
            self.mode = "model"  # opened with --run: what the model disagrees with first
        else:
            self.mode = "flagged" if findings else "all"
        self.refresh_view()

    def lint(self) -> LintReport:
        """Lint the data as reviewed: edits applied, rejects left out, ids unchanged.

        Safe to call from a worker thread: it reads a snapshot of the decisions and
        touches nothing the screen reads.
        """
        from curate.journal import reviewed_dataset
        from curate.lint import mark_reviewed, run_lint

        snapshot = ReviewState(latest=dict(self.state.latest))
        linted = reviewed_dataset(self.dataset, snapshot)
        report = mark_reviewed(run_lint(linted, self.settings), snapshot)
        self._pending_languages = _detected_languages(linted)
        return report

    def _fill_languages(self) -> None:
        """Show the languages lint detected where the data gave none."""
        detected = self._pending_languages
        if detected:
            self.languages = [
                given or detected.get(rid, "")
                for given, rid in zip(self.languages, self.ids, strict=True)
            ]

    def partners(self, row: int) -> list[Partner]:
        """Records that a duplicate, conflict or leak finding pairs with this one."""
        found: list[Partner] = []
        seen: set[int] = set()
        for finding in self.findings.get(row, []):
            if not finding.rule.startswith(PARTNER_RULES):
                continue
            for rid in finding.records:
                other = self.row_of.get(rid)
                if other is not None and other != row and other not in seen:
                    seen.add(other)
                    found.append(Partner(other, finding))
        return found

    # --- the view ------------------------------------------------------------------------

    def refresh_view(self) -> None:
        """Recompute the rows the table shows: the flagged queue worst first, or all rows
        in file order, narrowed by the filter and the search."""
        rows: Iterable[int] = range(len(self.ids))
        if self.mode == "model":
            rows = sorted(self.model_order, key=lambda row: self.model_order[row])
        elif self.mode == "flagged":
            rows = sorted(
                (row for row in rows if self.worst[row] < NO_FINDING),
                key=lambda row: (self.worst[row], -len(self.findings[row]), row),
            )
        wanted = self.filter
        if wanted.rule:
            rows = [r for r in rows if any(f.rule == wanted.rule for f in self.findings.get(r, []))]
        if wanted.category is not None:
            rows = [r for r in rows if self.categories[r] == wanted.category]
        if wanted.decision:
            rows = [r for r in rows if self.decision_name(r) == wanted.decision]
        if wanted.search:
            matches = self._search(wanted.search)
            rows = [r for r in rows if r in matches]
        self.view = list(rows)
        self._positions = None

    def _search(self, text: str) -> set[int]:
        frame = self.dataset.frame.select(
            pl.int_range(pl.len()).alias("row"),
            pl.concat_str(pl.col("input"), pl.col("output"), separator="\n").alias("text"),
        )
        hits = frame.filter(
            pl.col("text").str.to_lowercase().str.contains(text.lower(), literal=True)
        )
        found = set(hits.get_column("row").to_list())
        # Edited text is searched too: the reviewer sees the edit, not the original.
        for rid, decision in self.state.latest.items():
            edited = " ".join(filter(None, (decision.input, decision.output)))
            if decision.decision == "edit" and text.lower() in edited.lower():
                found.add(self.row_of.get(rid, -1))
        return found

    def position(self, row: int) -> int | None:
        """Where `row` stands in the view (None when the view does not show it); the
        index is built once per view, so a lookup costs nothing at 100k rows."""
        if self._positions is None:
            self._positions = {shown: index for index, shown in enumerate(self.view)}
        return self._positions.get(row)

    def set_mode(self, mode: Mode) -> None:
        self.mode = mode
        self.refresh_view()

    def set_filter(self, wanted: ViewFilter) -> None:
        self.filter = wanted
        self.refresh_view()

    def decision_name(self, row: int) -> str:
        standing = self.decision(row)
        return standing.decision if standing is not None else "none"

    def rule_codes(self) -> list[str]:
        return sorted({f.rule for found in self.findings.values() for f in found})

    def category_names(self) -> list[str]:
        return sorted(set(self.categories))

    # --- decisions -----------------------------------------------------------------------

    def decide(self, row: int, action: Action, **changes: str | None) -> Decision:
        """Append a decision to the record's journal (fsynced), then count it as standing."""
        decision = Decision(
            id=self.ids[row],
            decision=action,
            reviewer=self.reviewer,
            at=datetime.now(UTC),
            **{k: v for k, v in changes.items() if v is not None},
        )
        local = decision.model_copy(update={"id": self.dataset.local_id(decision.id)})
        append_decision(self.journal_of(row), local)
        self._record(decision)
        if action != "undo":
            self.undo_stack.append(row)
        return decision

    def undo(self, row: int | None = None) -> int | None:
        """Reverse the latest decision this session made (or, with none left, this
        reviewer's latest one on `row`). Returns the row it reversed, or None."""
        while self.undo_stack:
            target = self.undo_stack.pop()
            if self._has_own_standing(target):
                self.decide(target, "undo")
                return target
        if row is not None and self._has_own_standing(row):
            self.decide(row, "undo")
            return row
        return None

    def _has_own_standing(self, row: int) -> bool:
        """Whether this reviewer has a decision on `row` that an undo would reverse."""
        standing: list[Decision] = []
        for decision in self.history(row):
            if decision.reviewer != self.reviewer:
                continue
            if decision.decision == "undo":
                if standing:
                    standing.pop()
            else:
                standing.append(decision)
        return bool(standing)

    def _record(self, decision: Decision) -> None:
        history = self.state.history.setdefault(decision.id, [])
        history.append(decision)
        replayed = current_state(history)
        for standing, fresh in (
            (self.state.latest, replayed.latest),
            (self.state.by_reviewer, replayed.by_reviewer),
        ):
            if decision.id in fresh:
                standing[decision.id] = fresh[decision.id]  # type: ignore[assignment]
            else:
                standing.pop(decision.id, None)

    def journal_of(self, row: int) -> Path:
        source = self.dataset.frame.get_column("source")[row]
        return journal_path(Path(source))

    # --- progress and balance ------------------------------------------------------------

    def progress(self) -> tuple[int, Counter[str]]:
        """Records with a standing decision, and the count of each kind."""
        kinds = Counter(d.decision for rid, d in self.state.latest.items() if rid in self.row_of)
        return sum(kinds.values()), kinds

    def balance(self) -> list[BalanceRow]:
        """Records per category as read, and after review (rejects out, edits applied)."""
        before = Counter(self.categories)
        after = Counter(self.categories)
        for rid, decision in self.state.latest.items():
            row = self.row_of.get(rid)
            if row is None:
                continue
            if decision.decision == "reject":
                after[self.categories[row]] -= 1
            elif decision.decision == "edit" and decision.category is not None:
                after[self.categories[row]] -= 1
                after[decision.category] += 1
        names = sorted(set(before) | set(after), key=lambda name: (-before[name], name))
        return [BalanceRow(name, before[name], after[name]) for name in names]


def _model_order(report: LintReport, row_of: dict[str, int]) -> dict[int, tuple[int, str]]:
    """Worst first across the MOD rules: each rule's findings by their `strength` (how far
    the model disagrees), and the queue takes the strongest of each rule, then the second
    of each, and so on, so a strong signal of one kind is never buried under a long list
    of another."""
    by_rule: dict[str, list[Finding]] = {}
    for finding in report.findings:
        if finding.rule.startswith(MODEL_FAMILY):
            by_rule.setdefault(finding.rule, []).append(finding)
    order: dict[int, tuple[int, str]] = {}
    for rule, found in sorted(by_rule.items()):
        found.sort(key=lambda f: -float(f.detail.get(STRENGTH, 0.0)))
        for place, finding in enumerate(found):
            for rid in finding.records:
                row = row_of.get(rid)
                if row is not None and (row not in order or order[row] > (place, rule)):
                    order[row] = (place, rule)
    return order


def _rows_by_input(inputs: list[str | None]) -> dict[str | None, list[int]]:
    rows: dict[str | None, list[int]] = {}
    for row, text in enumerate(inputs):
        rows.setdefault(text, []).append(row)
    return rows


def _detected_languages(dataset: Dataset) -> dict[str, str]:
    """Record id -> the language lint detected in its output (confident answers only)."""
    for key, value in dataset.cache.items():
        if key.startswith("languages:output") and isinstance(value, pl.DataFrame):
            ids = dataset.frame.get_column("id").to_list()
            langs = value.get_column("lang").to_list()
            return {rid: lang for rid, lang in zip(ids, langs, strict=True) if lang}
    return {}
