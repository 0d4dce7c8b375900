"""The review journal: durable appends, latest decision wins, undo, applied without touching
the dataset; `curate split` drops rejected records and writes edits."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from curate.cli import app
from curate.io import DatasetError, read_dataset
from curate.journal import (
    append_decision,
    apply_review,
    current_state,
    journal_path,
    load_review,
    read_decisions,
    resolve_reviewer,
    reviewed_dataset,
)
from curate.schemas.decision import Decision
from curate.schemas.manifest import SplitManifest
from tests.conftest import SAMPLES


def decide(rid: str, action: str, **fields: str) -> Decision:
    return Decision(
        id=rid, decision=action, reviewer="ana", at=datetime(2026, 11, 22, tzinfo=UTC), **fields
    )  # type: ignore[arg-type]


def test_journal_sits_beside_the_dataset_one_per_file() -> None:
    assert journal_path(Path("data/tickets.jsonl")) == Path("data/tickets.jsonl.review.jsonl")
    assert journal_path(Path("d/x.jsonl.gz")) == Path("d/x.jsonl.gz.review.jsonl")
    assert journal_path(Path("d/x.csv")) == Path("d/x.csv.review.jsonl")


def test_a_journal_of_the_earlier_name_is_still_read_where_unambiguous(tmp_path: Path) -> None:
    """Decisions an earlier version wrote to `tickets.review.jsonl` keep applying, beside
    new ones in `tickets.jsonl.review.jsonl`; a file of another kind in the folder (an
    export, notes) does not make them disappear, another dataset of the stem does."""
    data = tmp_path / "tickets.jsonl"
    data.write_text(
        '{"id": "x", "input": "a", "output": "b"}\n{"id": "y", "input": "c", "output": "d"}\n'
    )
    legacy = tmp_path / "tickets.review.jsonl"
    append_decision(legacy, decide("x", "reject"))
    append_decision(journal_path(data), decide("y", "reject"))
    assert journal_path(data) == tmp_path / "tickets.jsonl.review.jsonl"
    (tmp_path / "tickets.md").write_text("notes")
    state = load_review(read_dataset([data]))
    assert {rid: d.decision for rid, d in state.latest.items()} == {"x": "reject", "y": "reject"}
    (tmp_path / "tickets.csv").write_text("id,input,output\nz,e,f\n")  # now ambiguous
    assert set(load_review(read_dataset([data])).latest) == {"y"}


def test_a_dataset_read_through_a_link_has_its_journal_beside_the_file(tmp_path: Path) -> None:
    real = tmp_path / "store" / "tickets.jsonl"
    real.parent.mkdir()
    real.write_text('{"id": "x", "input": "a", "output": "b"}\n')
    link = tmp_path / "tickets.jsonl"
    link.symlink_to(real)
    assert journal_path(link) == journal_path(real) == real.with_name("tickets.jsonl.review.jsonl")
    # A journal an earlier version wrote beside the link is still read.
    append_decision(tmp_path / "tickets.review.jsonl", decide("x", "reject"))
    assert set(load_review(read_dataset([link])).latest) == {"x"}


def test_latest_decision_wins_and_undo_reverses(tmp_path: Path) -> None:
    journal = tmp_path / "d.review.jsonl"
    for decision in [
        decide("a", "reject"),
        decide("a", "keep"),
        decide("b", "reject"),
        decide("b", "undo"),
        decide("c", "edit", output="new reply"),
        decide("c", "flag", note="check tone"),
        decide("c", "undo"),
    ]:
        append_decision(journal, decision)
    state = current_state(read_decisions(journal))
    assert {rid: d.decision for rid, d in state.latest.items()} == {"a": "keep", "c": "edit"}
    assert len(state.history["c"]) == 3


def test_a_crash_mid_line_loses_only_the_unconfirmed_decision(tmp_path: Path) -> None:
    journal = tmp_path / "d.review.jsonl"
    append_decision(journal, decide("a", "reject"))
    with journal.open("a") as handle:
        handle.write('{"id": "b", "decision": "rej')  # killed while writing
    assert [d.id for d in read_decisions(journal)] == ["a"]


def test_a_corrupt_line_is_an_error_naming_it(tmp_path: Path) -> None:
    journal = tmp_path / "d.review.jsonl"
    journal.write_text(
        '{"id": "a", "decision": "maybe", "reviewer": "x", "at": "2026-01-01T00:00:00Z"}\n'
    )
    with pytest.raises(DatasetError, match=r"line 1: bad review decision"):
        read_decisions(journal)


def test_review_applies_rejects_and_edits_without_touching_the_source(tmp_path: Path) -> None:
    data = tmp_path / "d.jsonl"
    data.write_text(
        '{"id": "a", "input": "q1", "output": "a1"}\n{"id": "b", "input": "q2", "output": "a2"}\n'
    )
    before = data.read_bytes()
    state = current_state(
        [decide("a", "reject"), decide("b", "edit", output="better", category="x")]
    )
    frame, rejected = apply_review(read_dataset([data]).frame, state)
    assert frame.select("id", "output", "category").rows() == [("b", "better", "x")]
    assert rejected == {"a": "rejected in review by ana"}
    assert data.read_bytes() == before


def test_split_drops_rejected_records_and_writes_edits_in_the_source_shape(tmp_path: Path) -> None:
    data = tmp_path / "alpaca.jsonl"
    data.write_bytes((SAMPLES / "alpaca.jsonl").read_bytes())
    records = read_dataset([data]).frame
    first, second = records["id"][0], records["id"][1]
    append_decision(journal_path(data), decide(first, "reject"))
    append_decision(journal_path(data), decide(second, "edit", output="EDITED"))
    result = CliRunner().invoke(app, ["split", str(data), "--out", str(tmp_path / "s")])
    assert result.exit_code == 0, result.stderr
    manifest = SplitManifest.model_validate_json((tmp_path / "s" / "manifest.json").read_text())
    assert [(d.id, d.reason) for d in manifest.dropped] == [(first, "rejected in review by ana")]
    written = [
        json.loads(line)
        for name in ("train", "val", "test")
        for line in (tmp_path / "s" / f"{name}.jsonl").read_text().splitlines()
    ]
    assert len(written) == records.height - 1
    edited = [r for r in written if r["output"] == "EDITED"]
    assert len(edited) == 1 and set(edited[0]) == {"instruction", "input", "output"}


def by(rid: str, action: str, reviewer: str, **fields: str) -> Decision:
    return decide(rid, action, **fields).model_copy(update={"reviewer": reviewer})


def test_undo_reverses_only_the_undoing_reviewers_own_decision() -> None:
    state = current_state(
        [
            by("a", "keep", "ana"),
            by("a", "reject", "bo"),
            by("a", "undo", "ana"),  # takes back ana's keep, not bo's later reject
            by("b", "reject", "ana"),
            by("b", "keep", "bo"),
            by("b", "undo", "bo"),  # bo's keep goes: ana's reject stands again
            by("c", "keep", "ana"),
            by("c", "undo", "bo"),  # bo has nothing on c to take back
        ]
    )
    assert {rid: (d.decision, d.reviewer) for rid, d in state.latest.items()} == {
        "a": ("reject", "bo"),
        "b": ("reject", "ana"),
        "c": ("keep", "ana"),
    }


def test_latest_decision_of_anyone_wins_and_each_reviewer_keeps_their_own() -> None:
    state = current_state(
        [
            by("a", "reject", "ana"),
            by("a", "edit", "bo", output="better"),
            by("a", "keep", "ana"),
            by("b", "flag", "bo", note="tone?"),
            by("b", "undo", "bo"),
        ]
    )
    assert (state.latest["a"].decision, state.latest["a"].reviewer) == ("keep", "ana")
    assert {
        rid: {name: d.decision for name, d in mine.items()}
        for rid, mine in state.by_reviewer.items()
    } == {"a": {"ana": "keep", "bo": "edit"}}


def test_load_review_reads_the_journal_beside_each_dataset(tmp_path: Path) -> None:
    first, second, third = tmp_path / "a.jsonl", tmp_path / "b.csv", tmp_path / "c.jsonl"
    first.write_text('{"id": "x", "input": "q1", "output": "a1"}\n')
    second.write_text("id,input,output\ny,q2,a2\n")
    third.write_text('{"id": "z", "input": "q3", "output": "a3"}\n')
    append_decision(journal_path(first), decide("x", "reject"))
    append_decision(journal_path(second), decide("y", "keep"))
    state = load_review(read_dataset([first, second, third]))
    assert {rid: d.decision for rid, d in state.latest.items()} == {"x": "reject", "y": "keep"}


def test_a_journal_speaks_only_of_its_own_file(tmp_path: Path) -> None:
    """Two files with the same ids: a reject in train's journal rejects train's record and
    never test's record of that id, read alone or together."""
    train, test = tmp_path / "train.jsonl", tmp_path / "test.jsonl"
    train.write_text('{"id": "1", "input": "q1", "output": "secret"}\n')
    test.write_text('{"id": "1", "input": "q2", "output": "a2"}\n')
    append_decision(journal_path(train), decide("1", "reject"))
    alone = read_dataset([train])
    assert set(load_review(alone).latest) == {"1"}
    together = read_dataset([train, test])
    assert together.frame.get_column("id").to_list() == ["train.jsonl:1", "test.jsonl:1"]
    state = load_review(together)
    assert {rid: d.decision for rid, d in state.latest.items()} == {"train.jsonl:1": "reject"}
    reviewed = reviewed_dataset(together, state)
    assert reviewed.frame.get_column("output").to_list() == ["a2"]


@pytest.fixture
def no_git_identity(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home with an empty git config, outside any repository, and no CURATE_REVIEWER."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(home / ".gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.delenv("CURATE_REVIEWER", raising=False)
    for name in ("GIT_AUTHOR_NAME", "GIT_COMMITTER_NAME", "GIT_DIR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(home)
    return home


def test_reviewer_comes_from_config_then_env_then_git_then_login(
    no_git_identity: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LOGNAME", "login-name")
    assert resolve_reviewer(None) == "login-name"
    (no_git_identity / ".gitconfig").write_text("[user]\n\tname = Grace Hopper\n")
    assert resolve_reviewer(None) == "Grace Hopper"
    monkeypatch.setenv("CURATE_REVIEWER", "  ana  ")
    assert resolve_reviewer(None) == "ana"
    assert resolve_reviewer("Dr. Bo") == "Dr. Bo"
    assert resolve_reviewer("   ") == "ana"  # a blank config value is no name


def test_reviewer_falls_back_to_login_when_git_is_missing(
    no_git_identity: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(no_git_identity))  # no git executable on it
    monkeypatch.setenv("LOGNAME", "login-name")
    assert resolve_reviewer(None) == "login-name"


def test_an_append_after_a_torn_line_starts_on_a_fresh_line(tmp_path: Path) -> None:
    """A crash mid-write leaves a fragment without a newline: the next decision must not be
    glued onto it (that made the journal unreadable and lost the decision)."""
    from datetime import UTC, datetime

    from curate.journal import append_decision, read_decisions
    from curate.schemas.decision import Decision

    journal = tmp_path / "d.review.jsonl"
    at = datetime(2026, 11, 30, tzinfo=UTC)
    append_decision(journal, Decision(id="a", decision="keep", reviewer="ana", at=at))
    with journal.open("a", encoding="utf-8") as handle:
        handle.write('{"id": "b", "decision": "rej')  # killed here
    append_decision(journal, Decision(id="c", decision="reject", reviewer="ana", at=at))
    assert [d.id for d in read_decisions(journal)] == ["a", "c"]
    assert (tmp_path / "d.review.jsonl.torn").read_text() == '{"id": "b", "decision": "rej\n'
    assert journal.read_text().endswith("\n")


def test_two_reviewers_branches_merge_without_conflict_or_loss(tmp_path: Path) -> None:
    """Two experts review in their own clones; git merges their journals by union (curate
    adds the attribute beside the journal), every decision survives, and the latest by time
    stands; agreement sees both reviewers."""
    import shutil
    import subprocess

    from curate.agreement import agreement_for
    from curate.journal import load_review
    from curate.schemas.settings import CurateSettings

    def git(*args: str) -> str:
        env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
               "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com",
               "PATH": "/usr/bin:/bin"}  # fmt: skip
        done = subprocess.run(
            ["git", *args], cwd=tmp_path, capture_output=True, text=True, env=env, check=False
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    data = tmp_path / "tickets.jsonl"
    shutil.copy(SAMPLES / "support_tickets.jsonl", data)
    git("init", "-q", "-b", "main")
    journal = journal_path(data)
    first = Decision(
        id="T-00001", decision="keep", reviewer="ann", at=datetime(2026, 11, 1, tzinfo=UTC)
    )
    append_decision(journal, first)
    assert (tmp_path / ".gitattributes").read_text() == "*.review.jsonl merge=union\n"
    git("add", "-A")
    git("commit", "-qm", "start")
    git("checkout", "-qb", "bob")
    for rid, action, day in (("T-00001", "reject", 3), ("T-00002", "keep", 3)):
        at = datetime(2026, 11, day, tzinfo=UTC)
        append_decision(journal, Decision(id=rid, decision=action, reviewer="bob", at=at))
    git("commit", "-qam", "bob reviews")
    git("checkout", "-q", "main")
    for rid, action, day in (("T-00001", "keep", 2), ("T-00003", "reject", 2)):
        at = datetime(2026, 11, day, tzinfo=UTC)
        append_decision(journal, Decision(id=rid, decision=action, reviewer="ann", at=at))
    git("commit", "-qam", "ann reviews")
    git("merge", "-q", "--no-edit", "bob")  # no conflict
    assert "<<<<<<<" not in journal.read_text()
    decisions = read_decisions(journal)
    assert len(decisions) == 5
    state = load_review(read_dataset([data]))
    assert state.latest["T-00001"].reviewer == "bob"  # Nov 3, the latest, though not last
    assert {"T-00002", "T-00003"} <= set(state.latest)
    assert set(state.by_reviewer["T-00001"]) == {"ann", "bob"}
    assert agreement_for([data], CurateSettings()).reviewers == ["ann", "bob"]
