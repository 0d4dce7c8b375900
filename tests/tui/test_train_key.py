"""Key t: lint → split → train → evaluate the reviewed data in a worker, on a tiny random
model; the app stays responsive, the run can be cancelled, and without the train extra the
screen says how to install it."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import pytest

from curate.schemas.settings import CurateSettings, TrainSettings
from curate.tui.screens.review import ReviewScreen
from tests.trainer.conftest import tiny_model_dir, tiny_tokenizer
from tests.tui.conftest import SIZE, app_on, journal, linted, screen_text

__all__ = ["tiny_model_dir", "tiny_tokenizer"]  # fixtures used by the tests below


def _settings(model: Path) -> CurateSettings:
    return CurateSettings(
        train=TrainSettings(model=str(model), max_seq_length=96, batch_size=4, epochs=1)
    )


async def _finished(pilot: object, app: object, seconds: float = 240) -> None:
    for _ in range(int(seconds / 0.2)):
        await pilot.pause(0.2)  # type: ignore[attr-defined]
        if not app.screen.running:  # type: ignore[attr-defined]
            await pilot.pause(0.2)  # type: ignore[attr-defined]  # the report's repaint
            return
    raise AssertionError("the run did not finish")


async def test_train_key_runs_everything_and_shows_the_report(
    tickets: Path, tmp_path: Path, tiny_model_dir: Path
) -> None:
    app = app_on(tickets, _settings(tiny_model_dir), runs=tmp_path / "runs")
    app.session.max_steps, app.session.eval_limit = 2, 3
    async with app.run_test(size=(120, 40)) as pilot:
        await linted(pilot)
        await pilot.press("x")  # a reject: the run must train on the reviewed data
        rejected = journal(tickets)[0].id
        await pilot.press("t")
        await pilot.pause(0.2)
        await pilot.press("j")  # keys still work while the worker runs (nothing breaks)
        await _finished(pilot, app)
        shown = screen_text(app)
        assert "on 3 held-out records" in shown and "Verdict" in shown
        [run] = list((tmp_path / "runs").iterdir())
        report = json.loads((run / "report.json").read_text())
        assert report["n"] == 3
        assert (run / "adapter" / "adapter_config.json").is_file()
        trained_on = (run / "splits" / "train.jsonl").read_text()
        assert f'"{rejected}"' not in trained_on
        assert any(
            json.loads(line).get("step")
            for line in (run / "metrics.jsonl").read_text().splitlines()
        )
        await pilot.press("escape")
        assert isinstance(app.screen, ReviewScreen)
        assert app.session.splits_dir == run / "splits"
        # the run's model signals join the review: m is there, lint re-ran with them
        assert (run / "signals.parquet").is_file()
        assert app.session.signals is not None and app.session.signals.frame.height > 0
        assert app.screen.check_action("model_queue", ())
        assert app.screen.lint_runs == 2  # linted again, with the MOD rules
        assert app.session.settings.lint.run == str(run.absolute())


async def test_reviewing_goes_on_while_the_run_trains(
    tickets: Path, tmp_path: Path, tiny_model_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from curate.tui.screens import run

    gate = threading.Event()  # holds the run until the test has reviewed meanwhile
    real = run.train_and_evaluate

    def held(*args: Any) -> Any:
        gate.wait(timeout=60)
        return real(*args)

    monkeypatch.setattr(run, "train_and_evaluate", held)
    app = app_on(tickets, _settings(tiny_model_dir), runs=tmp_path / "runs")
    app.session.max_steps, app.session.eval_limit = 2, 2
    async with app.run_test(size=(120, 40)) as pilot:
        await linted(pilot)
        await pilot.press("t")
        run_screen = app.screen
        await pilot.press("escape")  # back to the records while it trains
        assert isinstance(app.screen, ReviewScreen)
        first = app.session.ids[app.screen.table.current_row]  # type: ignore[index]
        await pilot.press("a")
        assert [(d.id, d.decision) for d in journal(tickets)] == [(first, "keep")]
        await pilot.press("t")  # the same run, not a new one
        assert app.screen is run_screen
        gate.set()
        await _finished(pilot, app)
        assert "on 2 held-out records" in screen_text(app)
        assert len(list((tmp_path / "runs").iterdir())) == 1


async def test_train_run_can_be_cancelled(
    tickets: Path, tmp_path: Path, tiny_model_dir: Path
) -> None:
    app = app_on(tickets, _settings(tiny_model_dir), runs=tmp_path / "runs")
    async with app.run_test(size=(120, 40)) as pilot:
        await linted(pilot)
        await pilot.press("t", "c")
        await _finished(pilot, app)
        assert "run cancelled" in screen_text(app)
        [run] = list((tmp_path / "runs").iterdir())
        assert not (run / "report.json").exists()


async def test_train_key_without_the_train_extra_says_how_to_install(
    tickets: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("curate.tui.screens.run.missing_train_extra", lambda: "torch")
    app = app_on(tickets)
    async with app.run_test(size=SIZE) as pilot:
        await linted(pilot)
        await pilot.press("t")
        shown = screen_text(app)
        assert "torch is not installed" in shown
        assert "pip install" in shown and "curate-sft[train]" in shown
        await pilot.press("escape")
        assert isinstance(app.screen, ReviewScreen)
