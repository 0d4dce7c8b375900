"""`evaluate`: progress and cancel hooks, and format validity of the replies."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from curate.schemas.report import EvalReport
from curate.schemas.settings import CurateSettings, TrainSettings
from tests.trainer.test_train import write_splits

pytest.importorskip("peft")


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory, tiny_model_dir: Path) -> Path:
    """A run folder trained for two steps, with a test split of three records."""
    from curate.trainer.train import train

    root = tmp_path_factory.mktemp("evaluate")
    splits = write_splits(root / "splits")
    rows = [
        {"id": f"x{i}", "input": "refund please", "output": "thanks", "category": c}
        for i, c in enumerate(["a", "b", "b"])
    ]
    (splits / "test.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    settings = TrainSettings(model=str(tiny_model_dir), batch_size=4, max_seq_length=64, lora_r=4)
    train(splits, root / "run", settings, max_steps=2)
    return root


def test_progress_counts_both_models_replies(trained: Path) -> None:
    from curate.trainer.evaluate import evaluate

    seen: list[tuple[int, int]] = []
    evaluate(
        trained / "run",
        trained / "splits" / "test.jsonl",
        batch_size=2,
        on_progress=lambda d, t: seen.append((d, t)),
    )
    assert seen == [(2, 6), (3, 6), (5, 6), (6, 6)]


def test_should_stop_cancels_between_batches(trained: Path) -> None:
    from curate.trainer import Cancelled
    from curate.trainer.evaluate import evaluate

    seen: list[int] = []
    with pytest.raises(Cancelled):
        evaluate(
            trained / "run",
            trained / "splits" / "test.jsonl",
            batch_size=1,
            on_progress=lambda done, total: seen.append(done),
            should_stop=lambda: len(seen) >= 2,
        )
    assert seen == [1, 2]


def test_format_validity_per_slice_in_report_and_table(trained: Path) -> None:
    from typer.testing import CliRunner

    from curate.cli import app

    config = trained / "curate.toml"
    # Everything matches `(?s).*`; the scope is category b only.
    config.write_text('[lint.options.FMT003]\npattern = "(?s).*"\ncategories = ["b"]\n')
    command = ["eval", str(trained / "run"), "--config", str(config)]
    result = CliRunner().invoke(app, command, env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.stderr
    report = EvalReport.model_validate_json((trained / "run" / "report.json").read_text())
    assert report.overall.base.format_valid == 1.0 and report.overall.tuned.format_valid == 1.0
    by_name = {c.name: c for c in report.categories}
    assert by_name["a"].tuned.format_valid is None and by_name["b"].tuned.format_valid == 1.0
    assert "format valid base" in (trained / "run" / "report.md").read_text()
    assert "format valid base" in result.stdout and "100%" in result.stdout
    rows = [
        json.loads(line) for line in (trained / "run" / report.predictions).read_text().splitlines()
    ]
    assert [r["tuned_format_valid"] for r in rows] == [None, True, True]


def test_replies_that_never_match_are_invalid(trained: Path) -> None:
    from curate.trainer.evaluate import evaluate

    settings = CurateSettings.model_validate(
        {"lint": {"options": {"FMT003": {"pattern": "never"}}}}
    )
    report = evaluate(trained / "run", trained / "splits" / "test.jsonl", settings=settings)
    assert report.overall.base.format_valid == 0.0 and report.overall.tuned.format_valid == 0.0


def test_without_format_rules_there_is_no_validity_column(trained: Path) -> None:
    from curate.trainer.evaluate import evaluate

    report = evaluate(trained / "run", trained / "splits" / "test.jsonl")
    assert report.overall.base.format_valid is None
    assert "format valid" not in (trained / "run" / "report.md").read_text()


RECORDS = [
    {"id": "r0", "input": "where is my order", "output": "it ships tomorrow", "category": "a"},
    {"id": "r1", "input": "hi", "output": "hello", "category": "a"},
    {"id": "r2", "input": "refund please", "output": "thanks the refund ships", "category": "b"},
    {"id": "r3", "input": "hello the order", "output": "it", "category": "b"},
]


def test_batched_reference_losses_equal_one_record_at_a_time(tiny_model_dir: Path) -> None:
    import torch

    from curate.trainer.data import conversation, encode_example
    from curate.trainer.evaluate import reference_losses
    from curate.trainer.model import load

    model, tokenizer = load(tiny_model_dir)
    model.eval()
    with torch.inference_mode():
        batched = reference_losses(model, tokenizer, RECORDS, 64, batch_size=3)
        for record, loss in zip(RECORDS, batched, strict=True):
            encoded = encode_example(tokenizer, conversation(record), 64)
            assert encoded is not None
            row = encoded[0]
            alone = model(
                input_ids=torch.tensor([row["input_ids"]]), labels=torch.tensor([row["labels"]])
            ).loss
            assert loss == pytest.approx(float(alone), rel=1e-5)


def test_length_sorted_batches_keep_each_reply_with_its_record(tiny_model_dir: Path) -> None:
    import torch

    from curate.trainer.evaluate import generate_replies
    from curate.trainer.model import load

    model, tokenizer = load(tiny_model_dir)
    tokenizer.padding_side = "left"
    model.eval()
    with torch.inference_mode():
        alone = [generate_replies(model, tokenizer, [r], 1)[0] for r in RECORDS]
        batched = generate_replies(model, tokenizer, RECORDS, 3)
    assert batched == alone
