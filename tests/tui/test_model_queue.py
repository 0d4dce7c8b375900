"""`curate review DATA --run RUN_DIR`: the "model disagrees" queue (key m), strongest first,
with the model's view of each record and its consistent neighbours; decisions made there
go to the journal like any other."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
from typer.testing import CliRunner

from curate.cli import app as cli
from curate.io import read_dataset
from curate.signals import SIGNALS
from tests.lint.test_rule_cases import signals_file
from tests.tui.conftest import SIZE, app_on, journal, linted, screen_text


def write_run(tmp_path: Path, data: Path) -> tuple[Path, list[str]]:
    """A run whose signals make rows 10, 20 and 30 hard to learn (z 6, 5, 4, their nearest
    records 11 and 12 ordinary) and row 40 likely of another category."""
    frame = read_dataset([data]).frame
    ids = frame.get_column("id").to_list()
    outputs = frame.get_column("output").to_list()
    categories = frame.get_column("category").to_list()
    special = {
        10: {
            "z": 6.0,
            "loss": 2.5,
            "lift": 0.1,
            "contradiction": 4.0,
            "neighbours": [ids[11], ids[12], ids[30]],
        },
        20: {"z": 5.0},
        30: {"z": 4.0},
        40: {"suspect_category": "zz_other", "suspect_share": 0.9, "own_share": 0.0},
    }
    rows = [
        {
            "id": ids[i],
            "output": outputs[i],
            "category": categories[i],
            "z": 0.1,
            **special.get(i, {}),
        }
        for i in range(len(ids))
    ]
    rows.sort(key=lambda r: -float(r["z"]))  # type: ignore[arg-type]
    run = tmp_path / "run"
    run.mkdir()
    signals_file(rows).write_parquet(run / SIGNALS)
    return run, ids


async def test_the_model_queue_strongest_first_with_its_view(tickets: Path, tmp_path: Path) -> None:
    lines = tickets.read_text().splitlines(keepends=True)
    records = [json.loads(line) for line in lines]
    records[11]["output"] = records[10]["output"]  # row 10's reply is row 11's, copied
    lines[11] = json.dumps(records[11]) + "\n"
    tickets.write_text("".join(lines))
    run, ids = write_run(tmp_path, tickets)
    app = app_on(tickets, run=run)
    async with app.run_test(size=SIZE) as pilot:
        await linted(pilot)
        session = app.session
        assert session.mode == "model"
        # the strongest of each rule first, then the next of each
        assert [ids[row] for row in session.view] == [ids[10], ids[40], ids[20], ids[30]]
        assert "model disagrees: 4" in screen_text(app)
        assert app.screen.check_action("model_queue", ())
        detail = app.screen.detail.text()  # type: ignore[attr-defined]
        assert "MOD001" in detail and "z 6.0" in detail
        assert "reply loss 2.50, lift 0.10, contradiction 4.00: z 6.0 within its" in detail
        assert "Consistent neighbours" in detail
        assert ids[11] in detail and ids[12] in detail
        assert f"{ids[11]}  {records[11]['category']}  the same reply as this record" in detail
        assert f"{ids[12]}  {records[12]['category']}  the same" not in detail
        assert ids[30] not in detail.split("Consistent neighbours")[1]  # not ordinary itself
        await pilot.press("x")
        [decision] = journal(tickets)
        assert (decision.id, decision.decision) == (ids[10], "reject")
        await pilot.press("m")
        assert session.mode == "flagged"
        await pilot.press("m")
        assert session.mode == "model"


async def test_without_a_run_there_is_no_model_key(tickets: Path) -> None:
    app = app_on(tickets)
    async with app.run_test(size=SIZE) as pilot:
        await linted(pilot)
        assert not app.screen.check_action("model_queue", ())
        await pilot.press("m")
        assert app.session.mode == "flagged"


def test_a_run_of_other_data_fails_before_the_app_opens(tmp_path: Path, tickets: Path) -> None:
    other = tmp_path / "other.jsonl"
    other.write_text("".join(f'{{"input": "q{i}", "output": "a{i}"}}\n' for i in range(50)))
    run, _ = write_run(tmp_path, other)
    result = CliRunner().invoke(cli, ["review", str(tickets), "--run", str(run)])
    assert result.exit_code == 2
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("curate: error: ") and "another version of it" in line


def test_signals_of_a_later_run_replace_the_earlier(tickets: Path, tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    first, _ = write_run(tmp_path / "a", tickets)
    later = tmp_path / "later"
    later.mkdir()
    frame = pl.read_parquet(first / SIGNALS).with_columns(pl.lit(0.5).alias("z"))
    frame.write_parquet(later / SIGNALS)
    app = app_on(tickets, run=first)
    signal = app.session.model_signal(10)
    assert signal is not None and signal["z"] == 6.0
    app.session.use_run(later)
    signal = app.session.model_signal(10)
    assert signal is not None and signal["z"] == 0.5
