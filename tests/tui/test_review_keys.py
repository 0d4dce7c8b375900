"""Every review key, driven through Textual's pilot; the journal on disk is checked after
each decision, since that is what a reviewer relies on."""

from __future__ import annotations

from pathlib import Path

from curate.schemas.settings import CurateSettings, ReviewSettings
from curate.tui.app import make_app
from curate.tui.screens.review import ReviewScreen
from tests.tui.conftest import SIZE, app_on, journal, linted, screen_text


def _current(app: object) -> str:
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, ReviewScreen)
    row = screen.table.current_row
    assert row is not None
    return screen.session.ids[row]


class TestQueue:
    async def test_opens_on_flagged_records_worst_first(self, tickets: Path) -> None:
        app = app_on(tickets)
        async with app.run_test(size=SIZE) as pilot:
            await linted(pilot)
            session = app.session
            assert session.mode == "flagged"
            ranks = [session.worst[row] for row in session.view]
            assert ranks == sorted(ranks) and ranks[0] == 0  # errors first
            assert 0 < len(session.view) < len(session)
            await pilot.press("v")
            assert session.mode == "all" and len(session.view) == len(session)
            await pilot.press("v")
            assert session.mode == "flagged"

    async def test_status_counts_reviewed_and_kinds(self, tickets: Path) -> None:
        app = app_on(tickets)
        async with app.run_test(size=SIZE) as pilot:
            await linted(pilot)
            await pilot.press("a", "x")
            status = screen_text(app)
            assert "reviewed 2/643" in status
            assert "keep 1" in status and "reject 1" in status


class TestDecisions:
    async def test_keep_writes_the_journal_and_moves_on(self, tickets: Path) -> None:
        app = app_on(tickets)
        async with app.run_test(size=SIZE) as pilot:
            await linted(pilot)
            first = _current(app)
            await pilot.press("a")
            [decision] = journal(tickets)
            assert (decision.id, decision.decision, decision.reviewer) == (first, "keep", "ann")
            assert _current(app) != first

    async def test_reject(self, tickets: Path) -> None:
        app = app_on(tickets)
        async with app.run_test(size=SIZE) as pilot:
            await linted(pilot)
            first = _current(app)
            await pilot.press("x")
            assert [(d.id, d.decision) for d in journal(tickets)] == [(first, "reject")]

    async def test_edit_saves_the_new_output(self, tickets: Path) -> None:
        app = app_on(tickets)
        async with app.run_test(size=SIZE) as pilot:
            await linted(pilot)
            first = _current(app)
            await pilot.press("e")
            area = app.screen.query_one("#edit-output")
            area.text = "Hi, your refund is on its way."  # type: ignore[attr-defined]
            await pilot.press("ctrl+s")
            [decision] = journal(tickets)
            assert decision.decision == "edit" and decision.id == first
            assert decision.output == "Hi, your refund is on its way."
            assert decision.input is None  # only what changed is recorded
            assert app.session.record(app.session.row_of[first])["output"] == decision.output

    async def test_edit_goes_to_the_record_edited_even_if_the_table_moved(
        self, tickets: Path
    ) -> None:
        app = app_on(tickets)
        async with app.run_test(size=SIZE) as pilot:
            await linted(pilot)
            first = _current(app)
            await pilot.press("e")
            app.screen_stack[-2].table.move(3)  # type: ignore[attr-defined]  # e.g. a lint run
            app.screen.query_one("#edit-output").text = "fixed"  # type: ignore[attr-defined]
            await pilot.press("ctrl+s")
            [decision] = journal(tickets)
            assert (decision.id, decision.output) == (first, "fixed")

    async def test_edit_cancelled_writes_nothing(self, tickets: Path) -> None:
        app = app_on(tickets)
        async with app.run_test(size=SIZE) as pilot:
            await linted(pilot)
            await pilot.press("e")
            app.screen.query_one("#edit-output").text = "changed"  # type: ignore[attr-defined]
            await pilot.press("escape")
            assert journal(tickets) == []
            assert isinstance(app.screen, ReviewScreen)

    async def test_flag_with_a_note(self, tickets: Path) -> None:
        app = app_on(tickets)
        async with app.run_test(size=SIZE) as pilot:
            await linted(pilot)
            first = _current(app)
            await pilot.press("f")
            await pilot.press(*"check the amount", "enter")
            [decision] = journal(tickets)
            assert (decision.id, decision.decision, decision.note) == (
                first,
                "flag",
                "check the amount",
            )

    async def test_undo_reverses_the_last_decision_and_goes_back_to_it(self, tickets: Path) -> None:
        app = app_on(tickets)
        async with app.run_test(size=SIZE) as pilot:
            await linted(pilot)
            first = _current(app)
            await pilot.press("x")
            assert _current(app) != first
            await pilot.press("u")
            assert [(d.id, d.decision) for d in journal(tickets)] == [
                (first, "reject"),
                (first, "undo"),
            ]
            assert _current(app) == first
            assert app.session.decision(app.session.row_of[first]) is None

    async def test_decisions_survive_reopening(self, tickets: Path) -> None:
        app = app_on(tickets)
        async with app.run_test(size=SIZE) as pilot:
            await linted(pilot)
            first = _current(app)
            await pilot.press("x", "q")
        reopened = app_on(tickets)
        async with reopened.run_test(size=SIZE) as pilot:
            await linted(pilot)
            decision = reopened.session.decision(reopened.session.row_of[first])
            assert decision is not None and decision.decision == "reject"


class TestMoving:
    async def test_j_k_and_arrows_move_the_detail_along(self, tickets: Path) -> None:
        app = app_on(tickets)
        async with app.run_test(size=SIZE) as pilot:
            await linted(pilot)
            view = app.session.view
            await pilot.press("j")
            assert _current(app) == app.session.ids[view[1]]
            assert app.screen.query_one("#detail").row == view[1]  # type: ignore[attr-defined]
            await pilot.press("down", "down", "k")
            assert _current(app) == app.session.ids[view[2]]
            await pilot.press("up", "up", "up")  # stops at the first record
            assert _current(app) == app.session.ids[view[0]]

    async def test_q_quits(self, tickets: Path) -> None:
        app = app_on(tickets)
        async with app.run_test(size=SIZE) as pilot:
            await linted(pilot)
            await pilot.press("q")
            assert not app.is_running


class TestFinding:
    async def test_search_narrows_to_matching_text(self, tickets: Path) -> None:
        app = app_on(tickets)
        async with app.run_test(size=SIZE) as pilot:
            await linted(pilot)
            await pilot.press("v", "slash", *"canada", "enter")
            session = app.session
            assert 0 < len(session.view) < len(session)
            for row in session.view:
                record = session.record(row)
                assert "canada" in (record["input"] + record["output"]).lower()
            await pilot.press("escape")
            assert len(session.view) == len(session)

    async def test_filter_by_rule(self, tickets: Path) -> None:
        app = app_on(tickets)
        async with app.run_test(size=SIZE) as pilot:
            await linted(pilot)
            await pilot.press("F")
            app.screen.query_one("#filter-rule").value = "DUP001"  # type: ignore[attr-defined]
            await pilot.press("ctrl+s")
            session = app.session
            assert session.view
            for row in session.view:
                assert "DUP001" in {f.rule for f in session.findings[row]}

    async def test_filter_by_decision_follows_new_decisions(self, tickets: Path) -> None:
        app = app_on(tickets)
        async with app.run_test(size=SIZE) as pilot:
            await linted(pilot)
            await pilot.press("F")
            app.screen.query_one("#filter-decision").value = "none"  # type: ignore[attr-defined]
            await pilot.press("ctrl+s")
            before = len(app.session.view)
            await pilot.press("a")
            assert len(app.session.view) == before - 1


class TestScreens:
    async def test_duplicate_partner_keep_one_reject_the_other(self, tickets: Path) -> None:
        app = app_on(tickets)
        async with app.run_test(size=SIZE) as pilot:
            await linted(pilot)
            await pilot.press("F")
            app.screen.query_one("#filter-rule").value = "DUP002"  # type: ignore[attr-defined]
            await pilot.press("ctrl+s")
            left = _current(app)
            await pilot.press("d")
            right = app.session.ids[app.screen.other]  # type: ignore[attr-defined]
            await pilot.press("1")
            decided = {(d.id, d.decision) for d in journal(tickets)}
            assert decided == {(left, "keep"), (right, "reject")}
            await pilot.press("escape")
            assert isinstance(app.screen, ReviewScreen)

    async def test_duplicate_key_without_partner_says_so(self, tickets: Path) -> None:
        app = app_on(tickets)
        async with app.run_test(size=SIZE) as pilot:
            await linted(pilot)
            await pilot.press("F")
            app.screen.query_one("#filter-rule").value = "LEN001"  # type: ignore[attr-defined]
            await pilot.press("ctrl+s", "d")
            assert isinstance(app.screen, ReviewScreen)

    async def test_balance_counts_rejects_out(self, tickets: Path) -> None:
        app = app_on(tickets)
        async with app.run_test(size=SIZE) as pilot:
            await linted(pilot)
            row = app.screen.table.current_row  # type: ignore[attr-defined]
            category = app.session.categories[row]
            await pilot.press("x", "b")
            rows = {r.category: r for r in app.session.balance()}
            assert rows[category].after == rows[category].before - 1
            assert app.screen.__class__.__name__ == "BalanceScreen"
            await pilot.press("escape")
            assert isinstance(app.screen, ReviewScreen)

    async def test_balance_shows_each_split_once_there_are_splits(
        self, tickets: Path, tmp_path: Path
    ) -> None:
        from curate.schemas.settings import CurateSettings as Settings
        from curate.split.command import split

        settings = Settings()
        split([tickets], tmp_path / "splits", settings, settings.fields)
        app = app_on(tickets, splits=tmp_path / "splits")
        async with app.run_test(size=(120, 50)) as pilot:
            await linted(pilot)
            await pilot.press("b")
            shown = screen_text(app)
            assert "Per split" in shown
            assert "train share" in shown and "test share" in shown

    async def test_help_lists_every_key(self, tickets: Path) -> None:
        app = app_on(tickets)
        async with app.run_test(size=(120, 50)) as pilot:
            await linted(pilot)
            await pilot.press("question_mark")
            text = screen_text(app)
            for ident in ("review.keep", "review.reject", "review.edit", "review.train"):
                assert ident in text

    async def test_keymap_remaps_a_key(self, tickets: Path) -> None:
        settings = CurateSettings(review=ReviewSettings(keymap={"review.keep": "y"}))
        app = app_on(tickets, settings)
        async with app.run_test(size=SIZE) as pilot:
            await linted(pilot)
            first = _current(app)
            await pilot.press("a")  # no longer keep
            await pilot.press("y")
            assert [(d.id, d.decision) for d in journal(tickets)] == [(first, "keep")]


class TestRelint:
    async def test_lint_keeps_the_view_the_reviewer_chose(self, tickets: Path) -> None:
        app = app_on(tickets)
        async with app.run_test(size=SIZE) as pilot:
            await linted(pilot)
            await pilot.press("v")  # all records
            await pilot.press("l")
            await linted(pilot)
            assert app.session.mode == "all" and len(app.session.view) == len(app.session)


class TestAgreement:
    async def test_agreement_screen_compares_reviewers(self, tickets: Path) -> None:
        first = app_on(tickets)  # ann
        async with first.run_test(size=SIZE) as pilot:
            await linted(pilot)
            await pilot.press("v", "a", "a", "x", "a")
        second = make_app([tickets], reviewer="bob")
        async with second.run_test(size=(120, 40)) as pilot:
            await linted(pilot)
            await pilot.press("v", "a", "a", "a", "a", "A")
            shown = screen_text(second)
            assert "Reviewer agreement (ann, bob)" in shown
            assert "75%" in shown  # 3 of the 4 records decided alike
            await pilot.press("escape")
            assert isinstance(second.screen, ReviewScreen)


class TestLint:
    async def test_relint_reports_kept_findings_as_reviewed(self, tickets: Path) -> None:
        app = app_on(tickets)
        async with app.run_test(size=SIZE) as pilot:
            await linted(pilot)
            session = app.session
            errors = session.report.summary.errors  # type: ignore[union-attr]
            row = session.view[0]
            blamed = session.findings[row][0]
            for rid in blamed.records:
                session.decide(session.row_of[rid], "keep")
            await pilot.press("l")
            await linted(pilot)
            assert session.report.summary.errors < errors  # type: ignore[union-attr]
            assert session.report.summary.reviewed >= 1  # type: ignore[union-attr]
