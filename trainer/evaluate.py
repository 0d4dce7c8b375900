"""`curate eval RUN_DIR`: base model against the tuned adapter on held-out records.

Generates greedy replies with the base model (adapter disabled) and with the adapter, scores
both against the references (exact match, token F1, ROUGE-L, reference loss and
perplexity), counts wins (tuned closer to the reference by ROUGE-L), overall and per
category, and writes `report.json`, `report.md` and `predictions.jsonl`.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from pathlib import Path
from typing import Any

from curate.io.atomic import write_text_atomic
from curate.schemas.report import Comparison, EvalReport, Scores
from curate.trainer.data import IGNORE_INDEX, conversation, encode_example
from curate.trainer.metrics import exact_match, rouge_l, token_f1
from curate.trainer.model import load
from curate.trainer.train import records_of


def evaluate(run: Path, split: Path, limit: int | None = None, batch_size: int = 8) -> EvalReport:
    """Evaluate the adapter in `run` on the records of `split`."""
    import torch
    from peft import PeftModel

    config = json.loads((run / "train_config.json").read_text())
    base, tokenizer = load(Path(config["resolved_model"]))
    tokenizer.padding_side = "left"
    model = PeftModel.from_pretrained(base, run / "adapter")
    model.eval()
    records = records_of(split)[:limit] if limit else records_of(split)
    max_length = int(config["max_seq_length"])
    with torch.no_grad():
        with model.disable_adapter():
            base_replies = _generate(model, tokenizer, records, batch_size)
            base_losses = _losses(model, tokenizer, records, max_length)
        tuned_replies = _generate(model, tokenizer, records, batch_size)
        tuned_losses = _losses(model, tokenizer, records, max_length)
    rows = []
    for i, record in enumerate(records):
        rows.append(
            {
                "id": record["id"],
                "category": record.get("category"),
                "reference": record["output"],
                "base": base_replies[i],
                "tuned": tuned_replies[i],
                "base_loss": base_losses[i],
                "tuned_loss": tuned_losses[i],
            }
        )
    predictions = run / f"predictions-{split.stem}.jsonl"
    write_text_atomic(predictions, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
    report = _report(rows, str(config["resolved_model"]), run, split, predictions)
    write_text_atomic(run / "report.json", report.model_dump_json(indent=2) + "\n")
    write_text_atomic(run / "report.md", render_markdown(report))
    return report


def _generate(
    model: Any, tokenizer: Any, records: list[dict[str, Any]], batch_size: int
) -> list[str]:
    replies: list[str] = []
    for start in range(0, len(records), batch_size):
        batch = records[start : start + batch_size]
        prompts = [
            tokenizer.apply_chat_template(
                conversation(r)[:-1], add_generation_prompt=True, tokenize=False
            )
            for r in batch
        ]
        inputs = tokenizer(prompts, return_tensors="pt", padding=True, add_special_tokens=False)
        longest = max(
            len(tokenizer(r["output"], add_special_tokens=False)["input_ids"]) for r in batch
        )
        output = model.generate(
            **inputs,
            max_new_tokens=min(512, int(longest * 1.5) + 8),
            do_sample=False,
            pad_token_id=tokenizer.pad_token_id,
        )
        new = output[:, inputs["input_ids"].shape[1] :]
        replies += [text.strip() for text in tokenizer.batch_decode(new, skip_special_tokens=True)]
    return replies


def _losses(
    model: Any, tokenizer: Any, records: list[dict[str, Any]], max_length: int
) -> list[float | None]:
    """Mean cross-entropy of each reference reply (None when it cannot be encoded)."""
    import torch

    losses: list[float | None] = []
    for record in records:
        encoded = encode_example(tokenizer, conversation(record), max_length)
        if encoded is None:
            losses.append(None)
            continue
        row, _ = encoded
        ids = torch.tensor([row["input_ids"]])
        labels = torch.tensor([row["labels"]])
        if int((labels != IGNORE_INDEX).sum()) == 0:
            losses.append(None)
            continue
        losses.append(float(model(input_ids=ids, labels=labels).loss))
    return losses


def _scores(rows: list[dict[str, Any]], which: str) -> Scores:
    n = len(rows) or 1
    losses = [r[f"{which}_loss"] for r in rows if r[f"{which}_loss"] is not None]
    loss = sum(losses) / len(losses) if losses else None
    return Scores(
        exact_match=sum(exact_match(r[which], r["reference"]) for r in rows) / n,
        token_f1=sum(token_f1(r[which], r["reference"]) for r in rows) / n,
        rouge_l=sum(rouge_l(r[which], r["reference"]) for r in rows) / n,
        loss=loss,
        perplexity=math.exp(loss) if loss is not None else None,
    )


def _compare(name: str, rows: list[dict[str, Any]]) -> Comparison:
    wins = ties = 0
    for r in rows:
        tuned, base = rouge_l(r["tuned"], r["reference"]), rouge_l(r["base"], r["reference"])
        wins += tuned > base
        ties += tuned == base
    n = len(rows) or 1
    return Comparison(
        name=name,
        records=len(rows),
        base=_scores(rows, "base"),
        tuned=_scores(rows, "tuned"),
        win_rate=wins / n,
        tie_rate=ties / n,
    )


def _report(
    rows: list[dict[str, Any]], model: str, run: Path, split: Path, predictions: Path
) -> EvalReport:
    by_category: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        by_category[r["category"] or "(none)"].append(r)
    return EvalReport(
        base_model=model,
        adapter=str(run / "adapter"),
        split=str(split),
        records=len(rows),
        overall=_compare("overall", rows),
        categories=[_compare(name, by_category[name]) for name in sorted(by_category)],
        predictions=predictions.name,
    )


def render_markdown(report: EvalReport) -> str:
    lines = [
        f"# Evaluation on {report.split} ({report.records} records)",
        "",
        f"Base model `{report.base_model}`, adapter `{report.adapter}`.",
        "",
        "| slice | n | ROUGE-L base | ROUGE-L tuned | F1 base | F1 tuned | EM base | EM tuned "
        "| loss base | loss tuned | win rate |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for c in [report.overall, *report.categories]:
        loss_b = f"{c.base.loss:.3f}" if c.base.loss is not None else "-"
        loss_t = f"{c.tuned.loss:.3f}" if c.tuned.loss is not None else "-"
        lines.append(
            f"| {c.name} | {c.records} | {c.base.rouge_l:.3f} | {c.tuned.rouge_l:.3f} | "
            f"{c.base.token_f1:.3f} | {c.tuned.token_f1:.3f} | {c.base.exact_match:.3f} | "
            f"{c.tuned.exact_match:.3f} | {loss_b} | {loss_t} | {c.win_rate:.0%} |"
        )
    return "\n".join(lines) + "\n"
