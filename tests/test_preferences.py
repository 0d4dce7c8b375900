"""`curate export PATH --preferences --out prefs.jsonl`: experts' choices as TRL preference
data, from a run's judgements and from the duplicate screen's keep-one-reject-other."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from typer.testing import CliRunner

from curate.cli import app
from curate.journal import append_decision, journal_path
from curate.judging import append_judgement, journal_of
from curate.schemas.decision import Decision
from curate.schemas.judgement import Judgement
from tests.run_folder import make_run

T0 = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


def cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stderr


def lines(path: Path) -> list[dict[str, str]]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_run_judgements_become_prompt_chosen_rejected(tmp_path: Path) -> None:
    run = make_run(tmp_path / "run", n=5)
    said = [
        ("t1", ("tuned", "base"), "tuned", "ann"),
        ("t2", ("base", "tuned"), "base", "ann"),
        ("t3", ("base", "tuned"), "tie", "ann"),
        ("t4", ("base", "tuned"), "skip", "ann"),
        ("t5", ("base", "tuned"), "tuned", "ann"),
        ("t5", ("base", "tuned"), "undo", "ann"),
        ("t1", ("base", "tuned"), "tuned", "bob"),  # two experts: two lines
    ]
    for minute, (rid, shown, winner, who) in enumerate(said):
        append_judgement(
            journal_of(run),
            Judgement(
                id=rid, shown=shown, winner=winner, reviewer=who, at=T0 + timedelta(minutes=minute)
            ),
        )
    before = journal_of(run).read_bytes()
    out = tmp_path / "prefs.jsonl"
    code, err = cli("export", str(run), "--preferences", "--out", str(out))
    assert code == 0, err
    assert lines(out) == [
        {"prompt": "Question 1: where is my order?", "chosen": "tuned reply 1",
         "rejected": "base reply 1"},
        {"prompt": "Question 2: where is my order?", "chosen": "base reply 2",
         "rejected": "tuned reply 2"},
        {"prompt": "Question 1: where is my order?", "chosen": "tuned reply 1",
         "rejected": "base reply 1"},
    ]  # fmt: skip
    assert "3 preferences" in err and "1 tie" in err and "1 skip" in err
    assert journal_of(run).read_bytes() == before


def test_duplicate_screen_choices_become_preferences(tmp_path: Path) -> None:
    data = tmp_path / "data.jsonl"
    records = [
        {"id": "a", "input": "Where is order 1?", "output": "It ships today."},
        {"id": "b", "input": "Where is order 1 ?", "output": "dunno"},
        {"id": "c", "input": "Refund?", "output": "Yes."},
        {"id": "d", "input": "Refund ?", "output": "No."},
    ]
    data.write_text("".join(json.dumps(r) + "\n" for r in records))
    journal = journal_path(data)
    decided = [
        ("a", "keep", "b"), ("b", "reject", "a"),  # a pair that stands
        ("d", "keep", "c"), ("c", "reject", "d"),
        ("c", "keep", None),  # c is no longer rejected: that pair is gone
        ("a", "keep", None),  # a plain keep has no partner
    ]  # fmt: skip
    for minute, (rid, action, partner) in enumerate(decided[:4]):
        append_decision(
            journal,
            Decision(
                id=rid,
                decision=action,
                reviewer="ann",
                partner=partner,
                at=T0 + timedelta(minutes=minute),
            ),
        )
    append_decision(
        journal, Decision(id="c", decision="keep", reviewer="ann", at=T0 + timedelta(minutes=9))
    )
    out = tmp_path / "prefs.jsonl"
    code, err = cli("export", str(data), "--preferences", "--out", str(out))
    assert code == 0, err
    assert lines(out) == [
        {"prompt": "Where is order 1?", "chosen": "It ships today.", "rejected": "dunno"}
    ]


def test_old_journals_without_partner_still_read(tmp_path: Path) -> None:
    data = tmp_path / "data.jsonl"
    data.write_text('{"id": "a", "input": "q", "output": "r"}\n')
    journal_path(data).write_text(
        '{"id":"a","decision":"keep","reviewer":"ann","at":"2026-01-01T00:00:00Z"}\n'
    )
    out = tmp_path / "prefs.jsonl"
    code, err = cli("export", str(data), "--preferences", "--out", str(out))
    assert code == 0, err
    assert out.read_text() == ""


def test_preferences_never_overwrite_inputs_or_journals(tmp_path: Path) -> None:
    run = make_run(tmp_path / "run", n=2)
    journal_of(run).write_text("")
    for target in (journal_of(run), run / "predictions-test.jsonl", tmp_path / "x.review.jsonl"):
        before = target.read_bytes() if target.exists() else None
        code, err = cli("export", str(run), "--preferences", "--out", str(target))
        assert code == 2 and err.count("\n") == 1 and "choose another output" in err, err
        assert (target.read_bytes() if target.exists() else None) == before
    code, err = cli("export", str(run), "--preferences", "--out", str(tmp_path / "p.csv"))
    assert code == 2 and "must end in .jsonl" in err
    code, err = cli("export", str(tmp_path), "--preferences", "--out", str(tmp_path / "p.jsonl"))
    assert code == 2 and "not evaluated" in err and "Traceback" not in err
