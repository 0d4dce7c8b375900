"""The review journal: decisions appended to `<dataset file>.review.jsonl`, never rewritten.

Each decision is written, flushed and fsynced before the caller confirms it, so a killed
process loses no confirmed decision. The latest decision per record wins; `undo` appends a
reversal of the undoing reviewer's own latest decision instead of deleting anything, so one
reviewer never takes back another's. The dataset itself is never modified: readers apply
the journal on the fly.
"""

from __future__ import annotations

import getpass
import json
import os
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl
from pydantic import ValidationError

from curate.io import Dataset
from curate.io.appendlog import append_line, complete_lines
from curate.io.errors import DatasetError
from curate.schemas.decision import Decision

SUFFIX = ".review.jsonl"


def journal_path(dataset: Path) -> Path:
    """Where decisions about `dataset` are written: `data/tickets.jsonl` ->
    `data/tickets.jsonl.review.jsonl`, one journal per file, so `tickets.csv` and
    `tickets.jsonl` never share one. For a dataset opened through a symbolic link, beside
    the file the link points at, so every way of naming the file finds the same decisions.
    """
    real = dataset.resolve() if dataset.is_symlink() else dataset
    return real.with_name(real.name + SUFFIX)


def journal_paths(dataset: Path) -> list[Path]:
    """Every journal whose decisions are about `dataset`, oldest kind first: a journal of
    the earlier name (`data/tickets.review.jsonl`, used while no other dataset file in the
    folder shared the stem), those beside a symbolic link it was opened through before,
    then `journal_path`. Decisions are read from all of them, so none written by an
    earlier version is lost; new ones go to `journal_path`."""
    places = [dataset]
    if dataset.is_symlink():
        places.insert(0, dataset.resolve())
    found: list[Path] = []
    for place in places:
        legacy = place.with_name(_stem(place.name) + SUFFIX)
        if legacy.is_file() and _only_dataset_of_its_stem(place):
            found.append(legacy)
        found.append(place.with_name(place.name + SUFFIX))
    current = journal_path(dataset)
    ordered = [p for p in found if p != current] + [current]
    return list(dict.fromkeys(ordered))


def _stem(name: str) -> str:
    name = name.removesuffix(".gz")
    return name.rsplit(".", 1)[0] if "." in name else name


def _only_dataset_of_its_stem(dataset: Path) -> bool:
    """No other dataset file (by suffix) in the folder has this file's stem: an old-name
    journal beside it can only have been this file's."""
    from curate.io.paths import is_dataset_name

    stem = _stem(dataset.name)
    try:
        siblings = [
            p.name
            for p in dataset.parent.iterdir()
            if p.name != dataset.name and is_dataset_name(p.name)
        ]
    except OSError:
        return False
    return not any(_stem(name) == stem for name in siblings)


def append_decision(path: Path, decision: Decision) -> None:
    """Append one decision durably: written, flushed and fsynced before returning.

    A last line cut off by a crash (no newline at the end) was never confirmed; it is moved
    to `<journal>.torn` first, so the new decision starts on a line of its own instead of
    being glued onto the fragment (which would make the whole journal unreadable).
    """
    if not path.exists():
        ensure_union_merge(path)
    append_line(path, decision.model_dump_json(exclude_none=True))


UNION_MERGE = f"*{SUFFIX} merge=union"
"""The git attribute that lets two reviewers' journals merge without conflict: git keeps
the lines both branches appended (decisions carry their time; the latest wins)."""


def ensure_union_merge(journal: Path) -> None:
    """In a git work tree, make sure `.gitattributes` beside the journal merges journals by
    union: the line is added (the file created if need be), nothing else in it changes."""
    folder = journal.resolve().parent
    if not any((parent / ".git").exists() for parent in (folder, *folder.parents)):
        return
    attributes = folder / ".gitattributes"
    text = attributes.read_text(encoding="utf-8") if attributes.is_file() else ""
    if UNION_MERGE in text.splitlines():
        return
    with attributes.open("a", encoding="utf-8") as handle:
        handle.write(("" if not text or text.endswith("\n") else "\n") + UNION_MERGE + "\n")


def read_decisions(path: Path) -> list[Decision]:
    """Every decision in the journal, in order. A last line cut off by a crash (no newline)
    was never confirmed and is ignored; any other bad line is an error naming it."""
    complete, _ = complete_lines(path)  # a cut-off last line was never confirmed
    decisions = []
    for number, line in enumerate(complete, start=1):
        if not line.strip():
            continue
        try:
            decisions.append(Decision.model_validate(json.loads(line)))
        except (json.JSONDecodeError, ValidationError) as exc:
            first = str(exc).splitlines()[0]
            raise DatasetError(str(path), f"bad review decision: {first}", number) from None
    return decisions


@dataclass
class ReviewState:
    """The standing decisions after undos.

    `latest`: per record, the most recent standing decision of any reviewer (what the
    dataset becomes). `by_reviewer`: per record, each reviewer's own standing decision
    (what agreement compares). `history`: every decision per record, undos included.
    """

    latest: dict[str, Decision] = field(default_factory=dict)
    by_reviewer: dict[str, dict[str, Decision]] = field(default_factory=dict)
    history: dict[str, list[Decision]] = field(default_factory=dict)

    @property
    def edits(self) -> dict[str, Decision]:
        """The records whose standing decision is an edit, with that edit."""
        return {rid: d for rid, d in self.latest.items() if d.decision == "edit"}


def current_state(decisions: Iterable[Decision]) -> ReviewState:
    """Replay the journal in order. An undo removes the undoing reviewer's latest standing
    decision on its record (an undo with nothing of theirs to reverse changes nothing);
    the latest of the decisions still standing wins."""
    state = ReviewState()
    standing: dict[str, list[Decision]] = {}
    for decision in decisions:
        state.history.setdefault(decision.id, []).append(decision)
        stack = standing.setdefault(decision.id, [])
        if decision.decision != "undo":
            stack.append(decision)
            continue
        for index in range(len(stack) - 1, -1, -1):
            if stack[index].reviewer == decision.reviewer:
                del stack[index]
                break
    for rid, stack in standing.items():
        if not stack:
            continue
        # The most recent by time: after two reviewers' branches are merged (union merge
        # keeps both sides' lines, one side after the other) file order is not time order.
        state.latest[rid] = max(enumerate(stack), key=lambda item: (item[1].at, item[0]))[1]
        state.by_reviewer[rid] = {d.reviewer: d for d in stack}  # later ones overwrite
    return state


def load_review(dataset: Dataset) -> ReviewState:
    """The review state of the journals beside the dataset's files (none: an empty state).

    Each journal speaks of its own file's records, by the ids they have in that file; a
    decision is attached to the record of that file, under its id in the dataset (see
    `Dataset.local_ids`). A decision about a record no longer in its file stays in the
    state (counted as unknown) without ever reaching another file's record of that id.
    """
    read = {
        source.path: [
            d for journal in journal_paths(Path(source.path)) for d in read_decisions(journal)
        ]
        for source in dataset.sources
    }
    if not any(read.values()):
        return current_state([])  # nothing reviewed: no map of every id to build
    ids_of: dict[str, dict[str, str]] = {}
    for rid, source in dataset.frame.select("id", "source").iter_rows():
        ids_of.setdefault(source, {})[dataset.local_id(rid)] = rid
    present = {rid for ids in ids_of.values() for rid in ids.values()}
    decisions: list[Decision] = []
    for path, found in read.items():
        mine = ids_of.get(path, {})
        for decision in found:
            rid = mine.get(decision.id)
            if rid is None:
                rid = decision.id if decision.id not in present else f"{path}:{decision.id}"
            decisions.append(
                decision if rid == decision.id else decision.model_copy(update={"id": rid})
            )
    return current_state(decisions)


def resolve_reviewer(configured: str | None) -> str:
    """Who is reviewing: the configured name, else `CURATE_REVIEWER`, else git's
    `user.name`, else the login name (the journal must always say who decided)."""
    for name in (configured, os.environ.get("CURATE_REVIEWER")):
        if name and name.strip():
            return name.strip()
    try:
        result = subprocess.run(
            ["git", "config", "user.name"],
            capture_output=True,
            text=True,
            timeout=2,
            check=False,
        )
        if result.returncode == 0 and result.stdout.strip():
            return result.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        pass  # no git, or it hung: fall through to the login name
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name in the environment or the password database
        return "unknown"


def apply_review(frame: pl.DataFrame, state: ReviewState) -> tuple[pl.DataFrame, dict[str, str]]:
    """The frame with rejected records left out and edits applied; and the rejected ids
    with the reason. Keep and flag decisions change nothing here. A decision about a record
    that is no longer in the data (its text changed, so its content id did) is left out."""
    present = set(frame.get_column("id").to_list())
    rejected = {
        rid: f"rejected in review by {d.reviewer}"
        for rid, d in state.latest.items()
        if d.decision == "reject" and rid in present
    }
    edits = state.edits
    frame = frame.filter(~pl.col("id").is_in(list(rejected)))
    for column in ("input", "output", "category"):
        values = {
            rid: getattr(d, column) for rid, d in edits.items() if getattr(d, column) is not None
        }
        if values:
            edited = pl.col("id").replace_strict(
                values, default=pl.col(column), return_dtype=pl.String
            )
            frame = frame.with_columns(edited.alias(column))
    outputs = {rid: d.output for rid, d in edits.items() if d.output is not None}
    if outputs and "messages" in frame.columns:
        frame = _edit_final_turns(frame, outputs)
    return frame, rejected


def _edit_final_turns(frame: pl.DataFrame, outputs: dict[str, str]) -> pl.DataFrame:
    """Edited chat outputs replace the conversation's final assistant turn too."""
    messages = frame.get_column("messages").to_list()
    for row, rid in enumerate(frame.get_column("id")):
        turns = messages[row]
        if rid in outputs and turns:
            if turns[-1]["role"] == "assistant":
                turns[-1] = {**turns[-1], "content": outputs[rid]}
            else:
                turns.append({"role": "assistant", "content": outputs[rid]})
    dtype = frame.schema["messages"]
    return frame.with_columns(pl.Series("messages", messages, dtype=dtype))


def reviewed_dataset(dataset: Dataset, review: ReviewState) -> Dataset:
    """The dataset as reviewed: rejected records left out, edits applied (so the linter
    checks the text that will be trained on)."""
    if not review.latest:
        return dataset
    frame, _ = apply_review(dataset.frame, review)
    return dataset.with_frame(frame)
