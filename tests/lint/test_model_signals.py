"""The torch-free half of the model signals: scores to ranks and votes, and a run's
signals read back against a dataset, with one clear line for each kind of bad run."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import polars as pl
import pytest
from typer.testing import CliRunner

from curate.cli import app
from curate.io import DatasetError, read_dataset
from curate.signals import (
    COLUMNS,
    SIGNALS,
    RecordScore,
    category_votes,
    match_signals,
    read_signals,
    robust_z,
    signals_frame,
    write_signals,
)


def test_length_alone_does_not_make_a_reply_stand_out() -> None:
    # Per-token loss falls with length; a long reply whose loss fits that trend is
    # ordinary, one far above it stands out.
    tokens = np.array([10, 20, 40, 80, 160, 320, 10, 20, 40, 80, 160, 320], dtype=float)
    loss = 3.0 - 0.4 * np.log(tokens)
    loss[5] += 2.0
    z = robust_z(loss, tokens, ["a"] * 12)
    assert int(np.argmax(z)) == 5
    assert np.sum(z > 3) == 1


def test_a_category_is_compared_with_itself() -> None:
    # Category b's replies are all harder than a's: none of b's is unusual for b, but
    # one of a's that is as hard as b's is unusual for a.
    rng = np.random.default_rng(0)
    loss = np.concatenate([rng.normal(1.0, 0.05, 20), rng.normal(2.0, 0.05, 20)])
    loss[3] = 2.0
    z = robust_z(loss, np.full(40, 50.0), ["a"] * 20 + ["b"] * 20)
    assert int(np.argmax(z)) == 3
    assert np.all(z[20:] < 4)


def test_neighbours_outvote_a_wrong_label() -> None:
    rng = np.random.default_rng(1)
    centres = np.eye(4, 16) * 5
    embeddings = np.concatenate([centres[i] + rng.normal(0, 0.3, (12, 16)) for i in range(4)])
    labels: list[str | None] = [name for name in "wxyz" for _ in range(12)]
    labels[5] = "z"  # a 'w' record filed as 'z'
    votes = category_votes(embeddings, labels, k=10)
    assert votes.suspect[5] == "w"
    assert votes.suspect_share[5] > 0.8 and votes.own_share[5] < 0.2
    flagged = [i for i, s in enumerate(votes.suspect) if s is not None]
    assert flagged == [5]
    assert 5 not in votes.neighbours[5]


def test_votes_are_the_same_when_computed_in_chunks() -> None:
    rng = np.random.default_rng(2)
    embeddings = rng.normal(size=(30, 8))
    labels: list[str | None] = [("p", "q", "r")[i % 3] for i in range(30)]
    whole = category_votes(embeddings, labels, k=5, chunk=1000)
    chunked = category_votes(embeddings, labels, k=5, chunk=7)
    assert whole.neighbours == chunked.neighbours
    assert np.allclose(whole.own_share, chunked.own_share)


def _scores(losses: list[float]) -> list[RecordScore]:
    return [
        RecordScore(loss, 1.0, 0.5, 30, np.ones(4, dtype=np.float32) * (i + 1))
        for i, loss in enumerate(losses)
    ]


def _run(tmp_path: Path, records: list[dict[str, str]], losses: list[float]) -> Path:
    run = tmp_path / "run"
    run.mkdir()
    frame = signals_frame(
        ids=[r["id"] for r in records],
        splits=["train"] * len(records),
        categories=[r.get("category") for r in records],
        outputs=[r["output"] for r in records],
        scores=_scores(losses),
        folds=[None] * len(records),
        held_out=[False] * len(records),
    )
    write_signals(run, frame)
    return run


def _data(tmp_path: Path, records: list[dict[str, str]], name: str = "data.jsonl") -> Path:
    path = tmp_path / name
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return path


RECORDS = [
    {"id": f"r{i}", "input": f"question {i}", "output": f"answer {i}", "category": "c"}
    for i in range(10)
]


def test_signals_rank_the_hardest_reply_first(tmp_path: Path) -> None:
    run = _run(tmp_path, RECORDS, [1.0 + 0.01 * i for i in range(9)] + [5.0])
    frame = read_signals(run)
    assert frame.columns == list(COLUMNS)
    assert frame.get_column("id")[0] == "r9"
    assert frame.get_column("why")[0] == "loss"  # the measure that made it stand out
    assert sorted(frame.get_column("rank").to_list()) == list(range(1, 11))


def test_a_record_edited_since_the_run_is_not_judged_and_is_counted(tmp_path: Path) -> None:
    run = _run(tmp_path, RECORDS, [1.0] * 10)
    changed = [dict(r) for r in RECORDS]
    changed[2]["output"] = "an edited answer"
    dataset = read_dataset([_data(tmp_path, changed[:9])])
    matched = match_signals(run, dataset)
    assert set(matched.frame.get_column("id")) == {f"r{i}" for i in range(9)} - {"r2"}
    assert (matched.changed, matched.missing) == (1, 1)
    assert matched.note() == (
        f"{run}: of the 10 records the run scored, 1 record changed since (reply edited) "
        "and 1 not in this data: their signals are not used"
    )


def _lint(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["lint", *args, "--select", "MOD"])
    return result.exit_code, result.stderr


def test_a_run_of_another_dataset_is_one_clear_error(tmp_path: Path) -> None:
    run = _run(tmp_path, RECORDS, [1.0] * 10)
    other = _data(tmp_path, [{"id": "x", "input": "q", "output": "a"}], "other.jsonl")
    code, err = _lint(str(other), "--run", str(run))
    assert code == 2
    assert err.strip().splitlines() == [
        f"curate: error: {run / SIGNALS}: none of the 10 records this run scored is in the "
        "data (10 ids missing, 0 replies changed): the run was made from another dataset or "
        "another version of it"
    ]


def test_a_run_without_signals_is_one_clear_error(tmp_path: Path) -> None:
    run = tmp_path / "run"
    run.mkdir()
    (run / "train_config.json").write_text("{}")
    data = _data(tmp_path, RECORDS)
    code, err = _lint(str(data), "--run", str(run))
    assert code == 2
    assert err.strip().splitlines() == [
        f"curate: error: {run}: no {SIGNALS} in this run folder (trained with --no-signals, "
        f"or by an older curate): `curate signals {run}` computes them"
    ]
    code, err = _lint(str(data), "--run", str(tmp_path / "nowhere"))
    assert code == 2 and "not a run folder" in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"PAR1 torn", "not a readable Parquet file"),
        (None, "not curate's signals: no column"),
    ],
)
def test_a_damaged_signals_file_is_one_clear_error(
    tmp_path: Path, content: bytes | None, expected: str
) -> None:
    run = tmp_path / "run"
    run.mkdir()
    if content is None:
        pl.DataFrame({"id": ["r1"]}).write_parquet(run / SIGNALS)
    else:
        (run / SIGNALS).write_bytes(content)
    with pytest.raises(DatasetError, match=expected):
        read_signals(run)
    code, err = _lint(str(_data(tmp_path, RECORDS)), "--run", str(run))
    assert code == 2 and expected in err and len(err.strip().splitlines()) == 1


def test_lint_reports_the_model_findings_and_notes_stale_signals(tmp_path: Path) -> None:
    run = _run(tmp_path, RECORDS, [1.0 + 0.01 * i for i in range(9)] + [6.0])
    data = _data(tmp_path, RECORDS[1:])
    result = CliRunner().invoke(
        app, ["lint", str(data), "--run", str(run), "--select", "MOD", "--output-format", "json"]
    )
    assert result.exit_code == 0
    found = json.loads(result.stdout)["findings"]
    assert [(f["rule"], f["records"]) for f in found] == [("MOD001", ["r9"])]
    assert "1 not in this data: their signals are not used" in result.stderr


def test_without_a_run_the_model_rules_are_silent(tmp_path: Path) -> None:
    code, err = _lint(str(_data(tmp_path, RECORDS)))
    assert code == 0 and err == ""
