"""A killed judge app loses no confirmed judgement: SIGKILL right after the screen showed the
judgements as made, then the judge journal must hold every one of them, in order, and read
(a line cut off by the kill is reported and ignored, never glued onto by the next one)."""

from __future__ import annotations

import textwrap
from pathlib import Path

from curate.judging import append_judgement, journal_of, read_judgements
from curate.schemas.judgement import Judgement
from tests.run_folder import make_run
from tests.tui.killed import confirmed_then_killed

DRIVER = textwrap.dedent(
    """
    import asyncio, sys
    from pathlib import Path
    from curate.tui.app import make_judge_app

    async def main() -> None:
        app = make_judge_app(Path(sys.argv[1]), ("base", "tuned"), reviewer="ann")
        async with app.run_test(size=(100, 30)) as pilot:
            for number in range(400):  # killed part-way through
                screen = app.screen
                rid = screen.session.predictions[screen.position].id
                await pilot.press(("1", "2", "equals_sign")[number % 3])
                await pilot.pause()
                # The screen now shows the next record: report the judgement as confirmed.
                print("confirmed", rid, flush=True)

    asyncio.run(main())
    """
)


def test_sigkill_after_confirmed_judgements_loses_none(tmp_path: Path) -> None:
    run = make_run(tmp_path / "run", n=400)
    confirmed = confirmed_then_killed(DRIVER, run, tmp_path)
    judgements, _ = read_judgements(journal_of(run))  # reads, else raises
    assert len(judgements) >= len(confirmed)
    assert [j.id for j in judgements[: len(confirmed)]] == confirmed
    assert [j.winner for j in judgements[:3]][2] == "tie"
    later = Judgement(id="t399", shown=("base", "tuned"), winner="tie", reviewer="bob",
                      at="2026-11-30T09:00:00Z")  # type: ignore[arg-type]  # fmt: skip
    append_judgement(journal_of(run), later)
    again, warning = read_judgements(journal_of(run))
    assert warning is None and again[-1] == later and again[: len(judgements)] == judgements
