"""A killed review app loses no confirmed decision: SIGKILL right after the screen showed
the decisions as made, then the journal must hold every one of them and parse."""

from __future__ import annotations

import textwrap
from pathlib import Path

from tests.tui.conftest import journal
from tests.tui.killed import confirmed_then_killed

DRIVER = textwrap.dedent(
    """
    import asyncio, sys
    from pathlib import Path
    from curate.tui.app import make_app

    async def main() -> None:
        app = make_app([Path(sys.argv[1])], reviewer="ann")
        async with app.run_test(size=(100, 30)) as pilot:
            for _ in range(400):
                await pilot.pause(0.05)
                if app.screen.lint_state == "done":
                    break
            for number in range(200):  # killed part-way through
                row = app.screen.table.current_row
                await pilot.press("a" if number % 2 else "x")
                await pilot.pause()
                # The screen now shows this decision as made: report it to the test.
                print("confirmed", app.session.ids[row], flush=True)

    asyncio.run(main())
    """
)


def test_sigkill_after_confirmed_decisions_loses_none(tickets: Path, tmp_path: Path) -> None:
    confirmed = confirmed_then_killed(DRIVER, tickets, tmp_path)
    decisions = journal(tickets)  # parses (a cut-off last line is ignored), else raises
    assert len(decisions) >= len(confirmed)
    assert [d.id for d in decisions[: len(confirmed)]] == confirmed
    assert [d.decision for d in decisions[:4]] == ["reject", "keep", "reject", "keep"]
