"""`evaluate`: progress and cancel hooks, the four models, format validity and fact recall,
the budget that never looks at the reference, and provenance."""

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


def test_progress_counts_every_model_reply_and_reference_score(trained: Path) -> None:
    from curate.trainer.evaluate import evaluate

    seen: list[tuple[int, int]] = []
    evaluate(
        trained / "run",
        trained / "splits" / "test.jsonl",
        batch_size=2,
        on_progress=lambda d, t: seen.append((d, t)),
    )
    # base replies (batches of 2), prompted (batches of 1: longer prompts), tuned replies.
    done = [d for d, _ in seen]
    assert done == [2, 3, 4, 5, 6, 8, 9] and {t for _, t in seen} == {9}


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
    assert all(report.models[m]["format_valid"] == 1.0 for m in report.models)
    by_name = {c.name: c for c in report.categories}
    assert by_name["a"].models["tuned"]["format_valid"] is None
    assert by_name["b"].models["tuned"]["format_valid"] == 1.0
    assert all(c.too_few for c in report.categories)  # 1 and 2 records
    assert "format validity" in (trained / "run" / "report.md").read_text()
    assert "format validity" in result.stdout and "Verdict" in result.stdout
    rows = [
        json.loads(line) for line in (trained / "run" / report.predictions).read_text().splitlines()
    ]
    assert [r["scores"]["tuned"]["format_valid"] for r in rows] == [None, 1.0, 1.0]


def test_replies_that_never_match_are_invalid(trained: Path) -> None:
    from curate.trainer.evaluate import evaluate

    settings = CurateSettings.model_validate(
        {"lint": {"options": {"FMT003": {"pattern": "never"}}}}
    )
    report = evaluate(trained / "run", trained / "splits" / "test.jsonl", settings=settings)
    assert report.models["base"]["format_valid"] == 0.0
    assert report.models["tuned"]["format_valid"] == 0.0


def test_without_format_rules_there_is_no_validity_column(trained: Path) -> None:
    from curate.trainer.evaluate import evaluate

    report = evaluate(trained / "run", trained / "splits" / "test.jsonl")
    assert report.models["base"]["format_valid"] is None
    assert "| format validity |" not in (trained / "run" / "report.md").read_text()


def test_report_has_four_models_intervals_verdict_and_provenance(trained: Path) -> None:
    from curate.trainer.evaluate import evaluate

    report = evaluate(trained / "run", trained / "splits" / "test.jsonl", limit=2)
    assert report.n == 2 and set(report.models) == {"base", "prompted", "retrieval", "tuned"}
    assert set(report.deltas) == {"tuned_vs_base", "tuned_vs_prompted", "tuned_vs_retrieval"}
    low, high = report.deltas["tuned_vs_base"]["rouge_l"].ci95
    assert low <= report.deltas["tuned_vs_base"]["rouge_l"].delta <= high
    assert report.models["retrieval"]["loss"] is None  # no model, no reference loss
    assert report.verdict.primary_metric == "rouge_l"
    assert report.verdict.advice == "inconclusive"  # two records can show nothing
    assert report.verdict.power_warning is not None and "SIZE005" in report.verdict.text
    provenance = report.provenance
    assert provenance.limit == 2 and provenance.train_steps == 2
    assert provenance.generation["max_new_tokens"] >= 1 and provenance.split_sha256
    assert "local model folder" in provenance.base_model_origin
    assert set(report.metrics) >= {"rouge_l", "fact_recall", "format_valid", "loss"}


def test_budget_comes_from_training_replies_never_the_reference(trained: Path) -> None:
    from curate.trainer.evaluate import evaluate

    test = trained / "splits" / "test.jsonl"
    long_reference = trained / "long.jsonl"
    rows = [json.loads(line) for line in test.read_text().splitlines()]
    for row in rows:
        row["output"] = "a much longer reference reply " * 40
    long_reference.write_text("".join(json.dumps(r) + "\n" for r in rows))
    short = evaluate(trained / "run", test)
    long = evaluate(trained / "run", long_reference)
    assert (
        short.provenance.generation["max_new_tokens"]
        == long.provenance.generation["max_new_tokens"]
    )
    replies = lambda path: [  # noqa: E731
        json.loads(line)["replies"] for line in path.read_text().splitlines()
    ]
    assert replies(trained / "run" / "predictions-test.jsonl") == replies(
        trained / "run" / "predictions-long.jsonl"
    )


def test_fact_recall_of_every_model(trained: Path) -> None:
    from curate.trainer.evaluate import evaluate

    test = trained / "splits" / "test.jsonl"
    with_facts = trained / "facts.jsonl"
    rows = [json.loads(line) for line in test.read_text().splitlines()]
    for row in rows:
        row["facts"] = ["zzz-not-said", "/q{9}/"]
    with_facts.write_text("".join(json.dumps(r) + "\n" for r in rows))
    report = evaluate(trained / "run", with_facts)
    assert report.verdict.primary_metric == "fact_recall"
    assert all(report.models[m]["fact_recall"] == 0.0 for m in report.models)


RECORDS = [
    {"id": "r0", "input": "where is my order", "output": "it ships tomorrow", "category": "a"},
    {"id": "r1", "input": "hi", "output": "hello", "category": "a"},
    {"id": "r2", "input": "refund please", "output": "thanks the refund ships", "category": "b"},
    {"id": "r3", "input": "hello the order", "output": "it", "category": "b"},
]


def test_batched_reference_losses_equal_one_record_at_a_time(tiny_model_dir: Path) -> None:
    import torch

    from curate.trainer.data import conversation, encode_example
    from curate.trainer.generate import reference_losses
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

    from curate.trainer.data import conversation
    from curate.trainer.generate import generate_replies
    from curate.trainer.model import load

    model, tokenizer = load(tiny_model_dir)
    tokenizer.padding_side = "left"
    model.eval()
    turns = [conversation(r)[:-1] for r in RECORDS]
    with torch.inference_mode():
        alone = [generate_replies(model, tokenizer, [t], 12, 1)[0] for t in turns]
        batched = generate_replies(model, tokenizer, turns, 12, 3)
    assert batched == alone


def test_evaluating_again_keeps_the_experts_judgements(trained: Path) -> None:
    from curate.judging import JudgeSession, journal_of
    from curate.trainer.evaluate import evaluate

    run = trained / "run"
    evaluate(run, trained / "splits" / "test.jsonl")
    session = JudgeSession.open(run, ("base", "tuned"), "ann")
    session.judge(0, "a")
    try:
        report = evaluate(run, trained / "splits" / "test.jsonl")  # greedy: the same replies
        assert [(p.records, p.outdated) for p in report.experts] == [(1, 0)]
        saved = EvalReport.model_validate_json((run / "report.json").read_text())
        assert saved.experts == report.experts
        assert "## Expert judgements" in (run / "report.md").read_text()
    finally:
        journal_of(run).unlink()
