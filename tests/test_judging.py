"""Blind side-by-side judging without the app: the judge journal, one expert's queue, the
expert win rates in the report, and `curate review RUN --judge` from the command line."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pydantic import ValidationError
from typer.testing import CliRunner

from curate.cli import app
from curate.io.errors import DatasetError
from curate.judging import JudgeSession, expert_pairs, journal_of, read_judgements, refresh_report
from curate.judging.journal import append_judgement, standing
from curate.judging.report import splice_section
from curate.proof.statistics import wilson_interval
from curate.schemas.judgement import Judgement
from curate.schemas.report import EvalReport
from tests.run_folder import make_run, prediction

T0 = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


def judgement(
    rid: str, winner: str, reviewer: str = "ann", minute: int = 0, **kw: object
) -> Judgement:
    shown = kw.pop("shown", ("base", "tuned"))
    return Judgement(
        id=rid, shown=shown, winner=winner, reviewer=reviewer, at=T0 + timedelta(minutes=minute)
    )


def run(tmp_path: Path, n: int = 6) -> Path:
    return make_run(tmp_path / "run", n=n)


# --- the journal ---------------------------------------------------------------------------


def test_judgement_must_name_a_shown_model_or_tie_skip_undo() -> None:
    assert judgement("t1", "tuned").pair == ("base", "tuned")
    assert judgement("t1", "tie", shown=("tuned", "base")).pair == ("base", "tuned")
    with pytest.raises(ValidationError):
        judgement("t1", "prompted")
    with pytest.raises(ValidationError):
        Judgement.model_validate(
            {
                "id": "t1",
                "shown": ["base", "tuned"],
                "winner": "base",
                "reviewer": "a",
                "at": T0.isoformat(),
                "extra": 1,
            }
        )


def test_torn_last_line_is_reported_ignored_and_never_glued_onto(tmp_path: Path) -> None:
    path = tmp_path / "judgements.jsonl"
    append_judgement(path, judgement("t1", "tuned"))
    with path.open("a") as handle:
        handle.write('{"id": "t2", "shown": ["base", "tu')  # a process killed mid-line
    judgements, warning = read_judgements(path)
    assert [j.id for j in judgements] == ["t1"]
    assert warning is not None and "line 2" in warning and "cut off" in warning
    append_judgement(path, judgement("t3", "base"))
    judgements, warning = read_judgements(path)
    assert [j.id for j in judgements] == ["t1", "t3"] and warning is None
    assert (
        tmp_path / "judgements.jsonl.torn"
    ).read_text() == '{"id": "t2", "shown": ["base", "tu\n'


def test_a_line_that_is_not_a_judgement_is_one_error_naming_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "judgements.jsonl"
    append_judgement(path, judgement("t1", "tuned"))
    with path.open("a") as handle:
        handle.write('{"id": "t2", "decision": "keep"}\n')
    with pytest.raises(DatasetError) as caught:
        read_judgements(path)
    assert str(caught.value).startswith(f"{path}: line 2: not a judgement")
    assert "\n" not in str(caught.value)


def test_undo_reverses_the_reviewers_own_latest_and_latest_stands() -> None:
    lines = [
        judgement("t1", "base", "ann", 0),
        judgement("t1", "tuned", "bob", 1),
        judgement("t1", "undo", "ann", 2),  # ann's base is gone; bob's stays
        judgement("t2", "tie", "ann", 3),
        judgement("t2", "tuned", "ann", 4),  # a later judgement of the same record stands
    ]
    result = {(r, rid): j.winner for (r, rid, _), j in standing(lines).items()}
    assert result == {("bob", "t1"): "tuned", ("ann", "t2"): "tuned"}


# --- one expert's session ------------------------------------------------------------------


def test_queue_skips_come_back_last_and_undo_puts_the_record_first(tmp_path: Path) -> None:
    session = JudgeSession.open(run(tmp_path, 4), ("tuned", "base"), "ann")
    assert session.pair == ("base", "tuned")
    assert [session.predictions[i].id for i in session.queue()] == ["t1", "t2", "t3", "t4"]
    session.judge(0, "skip")
    session.judge(1, "a")
    assert [session.predictions[i].id for i in session.queue()] == ["t3", "t4", "t1"]
    assert session.progress() == (1, 1, 4)
    undone = session.undo()
    assert undone is not None and undone.id == "t2"
    assert session.predictions[session.current() or 0].id == "t2"
    reopened = JudgeSession.open(session.run, ("base", "tuned"), "ann")
    assert reopened.progress() == (0, 1, 4)  # the journal holds the same story
    other = JudgeSession.open(session.run, ("base", "tuned"), "bob")
    assert other.progress() == (0, 0, 4)  # nobody else's judgements change bob's queue


def test_a_and_b_are_in_random_order_per_record_and_stable(tmp_path: Path) -> None:
    session = JudgeSession.open(run(tmp_path, 20), ("base", "tuned"), "ann")
    orders = [session.shown(i) for i in range(20)]
    assert set(orders) == {("base", "tuned"), ("tuned", "base")}
    again = JudgeSession.open(session.run, ("base", "tuned"), "ann")
    assert [again.shown(i) for i in range(20)] == orders
    first = session.shown(0)
    written = session.judge(0, "b")
    assert written.shown == first and written.winner == first[1]


# --- the report ----------------------------------------------------------------------------


def test_wilson_interval_matches_the_textbook() -> None:
    low, high = wilson_interval(8, 10)
    assert (round(low, 4), round(high, 4)) == (0.4902, 0.9433)
    assert wilson_interval(0, 0) == (0.0, 1.0)


def test_win_rate_counts_records_and_claims_only_what_the_interval_carries() -> None:
    few = [judgement(f"t{i}", "tuned", minute=i) for i in range(3)]
    [pair] = expert_pairs([*few, judgement("t9", "tie", minute=9)])
    assert (pair.first, pair.second) == ("tuned", "base")
    assert (pair.wins, pair.ties, pair.losses, pair.records) == (3, 1, 0, 4)
    assert pair.rate == 1.0 and pair.ci95 is not None and pair.ci95[0] < 0.5
    assert pair.claim.startswith("no measurable difference")
    many = [judgement(f"t{i}", "tuned", minute=i) for i in range(12)]
    many += [judgement("t20", "base", minute=20), judgement("t21", "skip", minute=21)]
    [pair] = expert_pairs(many)
    assert (pair.wins, pair.losses, pair.records) == (12, 1, 13)  # the skip is no record
    assert pair.ci95 is not None and pair.ci95[0] > 0.5
    assert pair.claim == "experts prefer tuned to base (the interval is above 0.5)"
    losing = [judgement(f"t{i}", "base", minute=i) for i in range(12)]
    [pair] = expert_pairs(losing)
    assert pair.claim.startswith("experts prefer base to tuned")


def test_several_experts_count_once_per_record_and_their_agreement_is_given() -> None:
    lines = []
    for i in range(6):
        lines.append(judgement(f"t{i}", "tuned", "ann", i))
        lines.append(judgement(f"t{i}", "tuned" if i < 4 else "base", "bob", i))
    lines.append(judgement("t9", "tuned", "ann", 9))
    [pair] = expert_pairs(lines)
    assert pair.records == 7 and pair.judgements == 13
    assert (pair.wins, pair.ties, pair.losses) == (5, 2, 0)  # 1-1 splits count as ties
    assert pair.agreement is not None
    assert pair.agreement.items == 6 and pair.agreement.method == "cohen"
    assert pair.agreement.percent_agreement == pytest.approx(4 / 6)
    [alone] = expert_pairs([judgement("t1", "tuned")])
    assert alone.agreement is None


def test_refresh_writes_json_md_and_html_and_keeps_the_rest(tmp_path: Path) -> None:
    folder = run(tmp_path)
    (folder / "report.md").write_text(
        (folder / "report.md").read_text() + "\n## Ablation: did curation help?\n\nkept\n"
    )
    lines = [judgement(f"t{i}", "tuned", minute=i) for i in range(1, 4)]
    refresh_report(folder, lines)
    report = EvalReport.model_validate_json((folder / "report.json").read_text())
    assert [(p.first, p.wins) for p in report.experts] == [("tuned", 3)]
    text = (folder / "report.md").read_text()
    assert text.count("## Expert judgements") == 1
    assert text.index("## Expert judgements") < text.index("## Metrics")
    assert "no measurable difference" in text and "## Ablation" in text
    assert "Wilson" in (folder / "report.html").read_text()
    refresh_report(folder, [*lines, judgement("t4", "base", minute=9)])
    text = (folder / "report.md").read_text()
    assert text.count("## Expert judgements") == 1 and "| 3 | 0 | 1 |" in text
    refresh_report(folder, [])  # every judgement undone: the section goes
    assert "## Expert judgements" not in (folder / "report.md").read_text()
    assert "## Ablation" in (folder / "report.md").read_text()


def test_splice_appends_where_there_is_no_metrics_heading() -> None:
    assert splice_section("# R\n", "## Expert judgements\n\nx\n\n") == (
        "# R\n\n## Expert judgements\n\nx\n\n"
    )


# --- the command line ----------------------------------------------------------------------


def cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_summary_refreshes_the_report_and_prints_the_win_rate(tmp_path: Path) -> None:
    folder = run(tmp_path)
    for i in range(1, 4):
        append_judgement(journal_of(folder), judgement(f"t{i}", "tuned", minute=i))
    code, out, err = cli("review", str(folder), "--judge", "--summary")
    assert code == 0, err
    assert "tuned over base: 3 wins, 0 ties, 0 losses on 3 records" in out
    assert "no measurable difference" in out
    assert "## Expert judgements" in (folder / "report.md").read_text()


@pytest.mark.parametrize(
    ("setup", "args", "expected"),
    [
        ("no-predictions", [], "no predictions-test.jsonl: this run was not evaluated"),
        ("", ["--models", "base,gpt9"], "--models: unknown model 'gpt9'; this run has base"),
        ("", ["--models", "tuned,tuned"], "--models: give two different models"),
        ("bad-line", ["--summary"], "judgements.jsonl: line 1: not a judgement"),
        ("bad-prediction", [], "predictions-test.jsonl: line 2: not JSON"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    tmp_path: Path, setup: str, args: list[str], expected: str
) -> None:
    folder = run(tmp_path)
    if setup == "no-predictions":
        (folder / "predictions-test.jsonl").unlink()
    elif setup == "bad-line":
        journal_of(folder).write_text('{"id": "t1", "winner": "tuned"}\n')
    elif setup == "bad-prediction":
        with (folder / "predictions-test.jsonl").open("r+") as handle:
            first = handle.readline()
            handle.seek(len(first.encode()))
            handle.write("{not json\n")
            handle.truncate()
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    code, _out, err = cli("review", str(folder), "--judge", *args)
    assert code == 2
    assert expected in err and err.count("\n") == 1 and "Traceback" not in err
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before  # nothing touched


def test_torn_journal_is_one_warning_and_the_summary_still_counts(tmp_path: Path) -> None:
    folder = run(tmp_path)
    append_judgement(journal_of(folder), judgement("t1", "tuned"))
    with journal_of(folder).open("a") as handle:
        handle.write('{"id": "t2", "sho')
    code, out, err = cli("review", str(folder), "--judge", "--summary")
    assert code == 0
    assert "warning" in err and "line 2: cut off" in err and "Traceback" not in err
    assert "1 win, 0 ties, 0 losses on 1 record" in out
    assert journal_of(folder).read_text().endswith('{"id": "t2", "sho')  # never rewritten


def test_summary_without_judge_is_refused(tmp_path: Path) -> None:
    code, _, err = cli("review", str(run(tmp_path)), "--summary")
    assert code == 2 and "--summary goes with --judge" in err


def test_judging_modules_import_neither_torch_nor_textual() -> None:
    code = (
        "import sys, curate.judging, curate.preferences, curate.commands.review;"
        "print([m for m in ('torch', 'transformers', 'textual') if m in sys.modules])"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "[]", result.stderr


def test_hostile_prediction_text_is_escaped_in_the_report(tmp_path: Path) -> None:
    rows = [prediction(1, id="t1\x1b[31m", input="[red]x[/red]")]
    folder = make_run(tmp_path / "run", rows)
    refresh_report(folder, [judgement("t1\x1b[31m", "tuned")])
    assert "\x1b" not in (folder / "report.md").read_text()
    assert json.loads((folder / "report.json").read_text())["experts"][0]["wins"] == 1


def test_judgements_of_replaced_replies_no_longer_count(tmp_path: Path) -> None:
    folder = run(tmp_path, 3)
    session = JudgeSession.open(folder, ("base", "tuned"), "ann")
    for choice in ("a", "b", "tie"):
        written = session.judge(session.current() or 0, choice)  # type: ignore[arg-type]
        assert written.replies is not None
    session.undo()
    assert session.predictions[session.current() or 0].id == "t3"
    # `curate eval` again: t1's tuned reply is new; t2 and t3 are as they were.
    make_run(folder, [prediction(1, replies={**prediction(1)["replies"], "tuned": "new"}),
                      prediction(2), prediction(3)])  # fmt: skip
    again = JudgeSession.open(folder, ("base", "tuned"), "ann")
    assert again.outdated() == 1
    assert [again.predictions[i].id for i in again.queue()] == ["t1", "t3"]
    [pair] = refresh_report(folder, again.judgements)
    assert pair.records == 1 and pair.outdated == 1
    assert "changed since" in (folder / "report.md").read_text()
    out = tmp_path / "prefs.jsonl"
    code, _, err = cli("export", str(folder), "--preferences", "--out", str(out))
    assert code == 0 and len(out.read_text().splitlines()) == 1
    assert "1 about records or replies no longer there" in err
