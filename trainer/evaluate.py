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
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from curate.io.atomic import write_text_atomic
from curate.lint import format_rules, format_validity
from curate.schemas.report import Comparison, EvalReport, Scores
from curate.schemas.settings import CurateSettings
from curate.trainer.cancel import Cancelled
from curate.trainer.data import IGNORE_INDEX, conversation, encode_example
from curate.trainer.lora import quiet_peft
from curate.trainer.metrics import exact_match, rouge_l, token_f1
from curate.trainer.model import load, use_bf16
from curate.trainer.train import records_of


def evaluate(
    run: Path,
    split: Path,
    limit: int | None = None,
    batch_size: int = 16,
    settings: CurateSettings | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> EvalReport:
    """Evaluate the adapter in `run` on the records of `split`.

    `settings` supply the FMT rules that replies are checked against (none: no format
    validity). `on_progress(done, total)` counts generated replies, both models' (total is
    twice the records); `should_stop()` is asked between batches and raises `Cancelled`.
    """
    import torch
    from peft import PeftModel

    config = json.loads((run / "train_config.json").read_text())
    base, tokenizer = load(Path(config["resolved_model"]))
    tokenizer.padding_side = "left"
    dtype = torch.bfloat16 if use_bf16() else torch.float32
    base.to(device=_device(), dtype=dtype)
    with quiet_peft():
        model = PeftModel.from_pretrained(base, run / "adapter")
    model.eval()
    records = records_of(split)[:limit] if limit else records_of(split)
    max_length = int(config["max_seq_length"])
    ticker = _Ticker(2 * len(records), on_progress, should_stop)
    with torch.inference_mode():
        with model.disable_adapter():
            base_replies = generate_replies(model, tokenizer, records, batch_size, ticker)
            base_losses = reference_losses(model, tokenizer, records, max_length, ticker)
        model.merge_adapter()  # tuned passes as fast as the base ones: no LoRA side paths
        tuned_replies = generate_replies(model, tokenizer, records, batch_size, ticker)
        tuned_losses = reference_losses(model, tokenizer, records, max_length, ticker)
    settings = settings or CurateSettings()
    rules = format_rules(settings)
    base_valid = format_validity(rules, settings, records, base_replies)
    tuned_valid = format_validity(rules, settings, records, tuned_replies)
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
                "base_format_valid": base_valid[i],
                "tuned_format_valid": tuned_valid[i],
            }
        )
    predictions = run / f"predictions-{split.stem}.jsonl"
    write_text_atomic(predictions, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
    model_name, dtype_name = str(config["resolved_model"]), str(dtype).removeprefix("torch.")
    report = _report(rows, model_name, run, split, predictions, dtype_name)
    write_text_atomic(run / "report.json", report.model_dump_json(indent=2) + "\n")
    write_text_atomic(run / "report.md", render_markdown(report))
    return report


def _device() -> Any:
    import torch

    return torch.device("cuda" if torch.cuda.is_available() else "cpu")


class _Ticker:
    """Counts generated replies for `on_progress`, and raises `Cancelled` on request."""

    def __init__(
        self,
        total: int,
        on_progress: Callable[[int, int], None] | None,
        should_stop: Callable[[], bool] | None,
    ) -> None:
        self.total, self.done = total, 0
        self.on_progress, self.should_stop = on_progress, should_stop

    def check(self) -> None:
        if self.should_stop is not None and self.should_stop():
            raise Cancelled(f"evaluation stopped on request after {self.done} of {self.total}")

    def advance(self, replies: int) -> None:
        self.done += replies
        if self.on_progress is not None:
            self.on_progress(self.done, self.total)


def generate_replies(
    model: Any,
    tokenizer: Any,
    records: list[dict[str, Any]],
    batch_size: int,
    ticker: _Ticker | None = None,
) -> list[str]:
    """Greedy replies to the records' prompts, in the records' order.

    Each reply may take 1.5x its reference's tokens plus 8 (at most 512). Records are
    batched in order of that budget, then of prompt length, so that a batch pads little and
    none of its replies waits long for the longest one.
    """
    ticker = ticker or _Ticker(len(records), None, None)
    prompts = [
        tokenizer.apply_chat_template(
            conversation(r)[:-1], add_generation_prompt=True, tokenize=False
        )
        for r in records
    ]
    budgets = [reply_budget(tokenizer, r["output"]) for r in records]
    sizes = [len(ids) for ids in tokenizer(prompts, add_special_tokens=False)["input_ids"]]
    order = sorted(range(len(records)), key=lambda i: (budgets[i], sizes[i]))
    replies = [""] * len(records)
    for start in range(0, len(order), batch_size):
        ticker.check()
        chunk = order[start : start + batch_size]
        texts = _generate_batch(
            model, tokenizer, [prompts[i] for i in chunk], [budgets[i] for i in chunk]
        )
        for i, text in zip(chunk, texts, strict=True):
            replies[i] = text
        ticker.advance(len(chunk))
    return replies


def reply_budget(tokenizer: Any, reference: str) -> int:
    """max_new_tokens for the reply to a record with this reference reply."""
    return min(512, int(len(tokenizer(reference, add_special_tokens=False)["input_ids"]) * 1.5) + 8)


def _generate_batch(
    model: Any, tokenizer: Any, prompts: list[str], budgets: list[int]
) -> list[str]:
    """Greedy replies, each cut to its own budget, so a reply does not depend on which
    records share its batch (greedy decoding is causal: the cut is what a shorter run
    would have produced)."""
    inputs = tokenizer(prompts, return_tensors="pt", padding=True, add_special_tokens=False)
    inputs = inputs.to(model.device)
    output = model.generate(
        **inputs,
        max_new_tokens=max(budgets),
        do_sample=False,
        use_cache=True,
        pad_token_id=tokenizer.pad_token_id,
    )
    new = output[:, inputs["input_ids"].shape[1] :]
    cut = [row[:budget] for row, budget in zip(new, budgets, strict=True)]
    return [text.strip() for text in tokenizer.batch_decode(cut, skip_special_tokens=True)]


def reference_losses(
    model: Any,
    tokenizer: Any,
    records: list[dict[str, Any]],
    max_length: int,
    ticker: _Ticker | None = None,
    batch_size: int = 8,
) -> list[float | None]:
    """Mean cross-entropy of each reference reply's tokens (None when it cannot be
    encoded), computed in length-sorted, right-padded batches."""
    ticker = ticker or _Ticker(len(records), None, None)
    rows: dict[int, dict[str, list[int]]] = {}
    for i, record in enumerate(records):
        encoded = encode_example(tokenizer, conversation(record), max_length)
        if encoded is not None and any(label != IGNORE_INDEX for label in encoded[0]["labels"]):
            rows[i] = encoded[0]
    order = sorted(rows, key=lambda i: len(rows[i]["input_ids"]))
    losses: list[float | None] = [None] * len(records)
    for start in range(0, len(order), batch_size):
        ticker.check()
        chunk = order[start : start + batch_size]
        batch_losses = _batch_losses(model, [rows[i] for i in chunk], tokenizer.pad_token_id)
        for i, loss in zip(chunk, batch_losses, strict=True):
            losses[i] = loss
    return losses


def _batch_losses(model: Any, rows: list[dict[str, list[int]]], pad_id: int) -> list[float]:
    import torch
    import torch.nn.functional as F

    longest = max(len(row["input_ids"]) for row in rows)

    def padded(key: str, value: int) -> Any:
        values = [row[key] + [value] * (longest - len(row[key])) for row in rows]
        return torch.tensor(values, device=model.device)

    ids, mask = padded("input_ids", pad_id), padded("attention_mask", 0)
    labels = padded("labels", IGNORE_INDEX)[:, 1:]
    logits = model(input_ids=ids, attention_mask=mask).logits[:, :-1].float()
    tokens = F.cross_entropy(
        logits.transpose(1, 2), labels, ignore_index=IGNORE_INDEX, reduction="none"
    )
    counted = (labels != IGNORE_INDEX).sum(dim=1)
    return [float(x) for x in tokens.sum(dim=1) / counted]


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
        format_valid=_share(r[f"{which}_format_valid"] for r in rows),
    )


def _share(flags: Iterable[bool | None]) -> float | None:
    """Share of True among the flags that are not None (None when all are)."""
    known = [flag for flag in flags if flag is not None]
    return sum(known) / len(known) if known else None


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
    rows: list[dict[str, Any]], model: str, run: Path, split: Path, predictions: Path, dtype: str
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
        dtype=dtype,
    )


def render_markdown(report: EvalReport) -> str:
    columns = _columns(report, markdown=True)
    lines = [
        f"# Evaluation on {report.split} ({report.records} records)",
        "",
        f"Base model `{report.base_model}`, adapter `{report.adapter}`"
        + (f", replies generated in {report.dtype}." if report.dtype else "."),
        "",
        "| " + " | ".join(columns) + " |",
        "| --- | " + " | ".join("---:" for _ in columns[1:]) + " |",
    ]
    for c in [report.overall, *report.categories]:
        lines.append("| " + " | ".join(_cells(c, columns)) + " |")
    return "\n".join(lines) + "\n"


def render_table(report: EvalReport, title: str) -> Any:
    """The terminal table of `curate eval` (a rich Table)."""
    from rich.table import Table

    columns = _columns(report, markdown=False)
    table = Table(title=title, title_justify="left")
    for column in columns:
        table.add_column(column, justify="left" if column == "slice" else "right")
    for c in [report.overall, *report.categories]:
        table.add_row(*_cells(c, columns))
    return table


def _columns(report: EvalReport, markdown: bool) -> list[str]:
    """The report's columns: the terminal leaves out exact match and loss; format validity
    shows only when FMT rules applied."""
    columns = ["slice", "n", "ROUGE-L base", "ROUGE-L tuned", "F1 base", "F1 tuned"]
    if markdown:
        columns += ["EM base", "EM tuned", "loss base", "loss tuned"]
    if report.overall.base.format_valid is not None:
        columns += ["format valid base", "format valid tuned"]
    return [*columns, "win rate"]


def _cells(c: Comparison, columns: list[str]) -> list[str]:
    values: dict[str, str] = {
        "slice": c.name,
        "n": str(c.records),
        "win rate": f"{c.win_rate:.0%}",
    }
    for which, scores in (("base", c.base), ("tuned", c.tuned)):
        values[f"ROUGE-L {which}"] = f"{scores.rouge_l:.3f}"
        values[f"F1 {which}"] = f"{scores.token_f1:.3f}"
        values[f"EM {which}"] = f"{scores.exact_match:.3f}"
        values[f"loss {which}"] = _number(scores.loss, "{:.3f}")
        values[f"format valid {which}"] = _number(scores.format_valid, "{:.0%}")
    return [values[column] for column in columns]


def _number(value: float | None, style: str) -> str:
    return style.format(value) if value is not None else "-"
