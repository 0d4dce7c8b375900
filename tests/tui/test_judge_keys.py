"""The judge screen, driven through Textual's pilot: every key, with the judge journal on
disk checked after each, blindness, 80x24, the run screen's key and hostile text."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from curate.judging import journal_of, read_judgements
from curate.schemas.judgement import Judgement
from curate.schemas.settings import CurateSettings, ReviewSettings
from curate.tui.app import JudgeApp, make_judge_app
from curate.tui.screens.judge import JudgeScreen
from tests.run_folder import make_run, prediction
from tests.tui.conftest import SIZE, app_on, journal, linted, screen_text

REPLIES = {
    "base": "Sorry, I cannot help.",
    "prompted": "Hello! Let me see.",
    "retrieval": "Your order ships Monday.",
    "tuned": "Hi Wren, order FW-1 ships today.",
}


def judged_run(tmp_path: Path, n: int = 4) -> Path:
    rows = [prediction(i, replies=REPLIES) for i in range(1, n + 1)]
    return make_run(tmp_path / "run", rows)


def on_disk(run: Path) -> list[tuple[str, str, tuple[str, str]]]:
    judgements, _ = read_judgements(journal_of(run))
    return [(j.id, j.winner, j.shown) for j in judgements]


def screen(app: JudgeApp) -> JudgeScreen:
    assert isinstance(app.screen, JudgeScreen)
    return app.screen


def current(app: JudgeApp) -> tuple[str, tuple[str, str]]:
    judge = screen(app)
    assert judge.position is not None
    return judge.session.predictions[judge.position].id, judge.session.shown(judge.position)


@pytest.mark.parametrize(("key", "choice"), [("1", 0), ("2", 1), ("equals_sign", "tie")])
async def test_judging_keys_write_the_journal_and_move_on(
    tmp_path: Path, key: str, choice: int | str
) -> None:
    run = judged_run(tmp_path)
    app = make_judge_app(run, ("base", "tuned"), reviewer="ann")
    async with app.run_test(size=SIZE) as pilot:
        rid, shown = current(app)
        await pilot.press(key)
        winner = shown[choice] if isinstance(choice, int) else choice
        assert on_disk(run) == [(rid, winner, shown)]
        assert current(app)[0] != rid
        assert "1 of 4 judged" in screen_text(app)


async def test_skip_comes_back_after_the_rest_and_undo_reverses(tmp_path: Path) -> None:
    run = judged_run(tmp_path, 3)
    app = make_judge_app(run, ("base", "tuned"), reviewer="ann")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        assert on_disk(run)[-1][:2] == ("t1", "skip")
        assert "0 of 3 judged, 1 skipped" in screen_text(app)
        await pilot.press("1", "2")
        assert current(app)[0] == "t1"  # the skipped one, after every unseen one
        await pilot.press("u")  # undoes t3's judgement: t3 is shown again
        assert on_disk(run)[-1][:2] == ("t3", "undo")
        assert current(app)[0] == "t3"
        assert "1 of 3 judged, 1 skipped" in screen_text(app)
        await pilot.press("equals_sign", "1")
        assert "All 3 records are judged" in screen_text(app)
        await pilot.press("1")  # nothing left to judge: no line is written
        assert len(on_disk(run)) == 6


async def test_reference_on_demand(tmp_path: Path) -> None:
    run = judged_run(tmp_path)
    app = make_judge_app(run, ("base", "tuned"), reviewer="ann")
    async with app.run_test(size=SIZE) as pilot:
        assert "Reference reply 1." not in screen_text(app)
        await pilot.press("r")
        assert "Reference reply 1." in screen_text(app)
        assert "Question 1" not in screen_text(app)  # in the prompt's place: replies stay big
        assert REPLIES["tuned"] in screen_text(app)
        await pilot.press("r")
        assert "Reference reply 1." not in screen_text(app)
        assert on_disk(run) == []
        await pilot.press("r", "s")  # the next record opens on its prompt
        assert "Question 2" in screen_text(app)


async def test_leaving_writes_the_win_rates_into_the_report(tmp_path: Path) -> None:
    run = judged_run(tmp_path)
    app = make_judge_app(run, ("base", "tuned"), reviewer="ann")
    async with app.run_test(size=SIZE) as pilot:
        shown = current(app)[1]
        await pilot.press("1" if shown[0] == "tuned" else "2")
        await pilot.press("q")
    assert app.outcome.judged == 1 and app.outcome.pairs[0].wins == 1
    report = json.loads((run / "report.json").read_text())
    assert report["experts"][0]["first"] == "tuned" and report["experts"][0]["wins"] == 1
    assert "## Expert judgements" in (run / "report.md").read_text()
    assert "Expert judgements" in (run / "report.html").read_text()


async def test_escape_without_judging_leaves_the_report_alone(tmp_path: Path) -> None:
    run = judged_run(tmp_path)
    before = (run / "report.json").read_bytes()
    app = make_judge_app(run, ("base", "tuned"), reviewer="ann")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("escape")
    assert app.outcome.judged == 0
    assert (run / "report.json").read_bytes() == before


async def test_blind_names_and_other_reviewers_never_shown(tmp_path: Path) -> None:
    run = judged_run(tmp_path)
    for rid in ("t1", "t2"):
        line = Judgement(id=rid, shown=("base", "tuned"), winner="tuned", reviewer="bob-the-expert",
                         at="2026-11-30T09:00:00Z")  # type: ignore[arg-type]  # fmt: skip
        with journal_of(run).open("a") as handle:
            handle.write(line.model_dump_json() + "\n")
    app = make_judge_app(run, ("base", "tuned"), reviewer="ann")
    async with app.run_test(size=SIZE) as pilot:
        text = screen_text(app)
        assert "bob" not in text and "0 of 4 judged" in text
        assert current(app)[0] == "t1"  # bob's judgement takes nothing from ann's queue
        for pane in ("#judge-pane-a", "#judge-pane-b"):
            title = str(screen(app).query_one(pane).border_title)
            assert title in ("A", "B")
        await pilot.press("question_mark")
        assert "judge.a-better" in screen_text(app)


async def test_readable_at_80x24(tmp_path: Path) -> None:
    run = judged_run(tmp_path)
    app = make_judge_app(run, ("base", "tuned"), reviewer="ann")
    async with app.run_test(size=(80, 24)):
        text = screen_text(app)
        for part in ("0 of 4 judged", "Question 1", REPLIES["base"], REPLIES["tuned"],
                     "A better", "B better", "Tie", "Skip", "Undo", "Leave"):  # fmt: skip
            assert part in text, part


async def test_keymap_remaps_a_judge_key(tmp_path: Path) -> None:
    run = judged_run(tmp_path)
    settings = CurateSettings(review=ReviewSettings(keymap={"judge.a-better": "a"}))
    app = make_judge_app(run, ("base", "tuned"), settings, reviewer="ann")
    async with app.run_test(size=SIZE) as pilot:
        shown = current(app)[1]
        await pilot.press("1", "a")
        assert [w for _, w, _ in on_disk(run)] == [shown[0]]


async def test_hostile_prediction_text_is_shown_as_code_points(tmp_path: Path) -> None:
    esc, bel = "\x1b", "\x07"
    hostile = {m: f"[red]reply[/red] {esc}]0;pwned{bel} [link=http://x]y[/link]" for m in REPLIES}
    rows = [
        prediction(
            1,
            id=f"t{esc}[2J",
            input=f"ask {esc}]52;c;ZWNobw=={bel} [/]",
            reference=f"[bold]ref{esc}[31m",
            category="[/x]",
            replies=hostile,
        )
    ]
    run = make_run(tmp_path / "run", rows)
    app = make_judge_app(run, ("base", "tuned"), reviewer="ann")
    async with app.run_test(size=(100, 30)) as pilot:
        for key in ("", "r"):  # the prompt (with id and category), then the reference
            if key:
                await pilot.press(key)
            text = screen_text(app)
            assert esc not in text and bel not in text
            assert "⟨U+001B⟩" in text and "[red]reply[/red]" in text
        assert "[bold]ref" in text
        await pilot.press("r")
        assert "[/x]" in screen_text(app) and "[/]" in screen_text(app)
        await pilot.press("1", "q")
    assert "\x1b" not in (run / "report.md").read_text()


async def test_torn_journal_is_reported_and_judging_goes_on(tmp_path: Path) -> None:
    run = judged_run(tmp_path)
    journal_of(run).write_text('{"id": "t1", "shown": ["base", "tu')
    app = make_judge_app(run, ("base", "tuned"), reviewer="ann")
    async with app.run_test(size=SIZE) as pilot:
        assert app.session.warning is not None and "cut off" in app.session.warning
        await pilot.press("1")
    assert [rid for rid, _, _ in on_disk(run)] == ["t1"]
    assert (run / "judgements.jsonl.torn").read_text() == '{"id": "t1", "shown": ["base", "tu\n'


async def test_run_screen_opens_the_judge_on_its_run(
    tickets: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from curate.schemas.report import EvalReport
    from curate.tui.screens import run as run_screen

    def finished(session: Any, emit: Any, should_stop: Any, out: Path) -> EvalReport:
        make_run(out, [prediction(i, replies=REPLIES) for i in range(1, 4)])
        return EvalReport.model_validate_json((out / "report.json").read_text())

    monkeypatch.setattr(run_screen, "missing_train_extra", lambda: None)
    monkeypatch.setattr(run_screen, "train_and_evaluate", finished)
    app = app_on(tickets, runs=tmp_path / "runs")
    async with app.run_test(size=SIZE) as pilot:
        await linted(pilot)
        await pilot.press("t")
        for _ in range(100):
            await pilot.pause(0.05)
            if not app.screen.running:  # type: ignore[attr-defined]
                break
        await pilot.press("j")
        assert isinstance(app.screen, JudgeScreen)
        [folder] = list((tmp_path / "runs").iterdir())
        await pilot.press("2", "q")
        assert isinstance(app.screen, run_screen.RunScreen)
        judgements, _ = read_judgements(journal_of(folder))
        assert [(j.id, j.reviewer) for j in judgements] == [("t1", "ann")]
        assert json.loads((folder / "report.json").read_text())["experts"]


async def test_run_screen_offers_no_judging_before_the_run_finished(
    tickets: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("curate.tui.screens.run.missing_train_extra", lambda: "torch")
    app = app_on(tickets)
    async with app.run_test(size=SIZE) as pilot:
        await linted(pilot)
        await pilot.press("t", "j")
        assert not isinstance(app.screen, JudgeScreen)
        assert "Judge replies" not in screen_text(app)


async def test_partner_choice_is_journaled_as_a_pair_and_exports(
    tickets: Path, tmp_path: Path
) -> None:
    from curate.preferences import export_preferences

    app = app_on(tickets)
    async with app.run_test(size=SIZE) as pilot:
        await linted(pilot)
        await pilot.press("F")
        app.screen.query_one("#filter-rule").value = "DUP002"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s", "d")
        partner = app.screen
        left = app.session.ids[partner.row]  # type: ignore[attr-defined]
        right = app.session.ids[partner.other]  # type: ignore[attr-defined]
        await pilot.press("1")
    decided = {(d.id, d.decision, d.partner) for d in journal(tickets)}
    assert decided == {(left, "keep", right), (right, "reject", left)}
    out = tmp_path / "prefs.jsonl"
    summary = export_preferences(tickets, out, CurateSettings().fields)
    [line] = [json.loads(text) for text in out.read_text().splitlines()]
    record = {r["id"]: r for r in map(json.loads, tickets.read_text().splitlines())}
    assert summary.written == 1
    assert line["chosen"] == record[left]["output"]
    assert line["rejected"] == record[right]["output"]
