"""`curate eval RUN_DIR`: the tuned adapter against three baselines on the same held-out records.

Four answers to every test record, scored alike:

- `base`: the base model, zero-shot;
- `prompted`: the base model with a system prompt and few-shot examples from train (same
  category where there is one) - would prompting have been enough?
- `retrieval`: the reply of the most similar training input (BM25), no model at all;
- `tuned`: the base model with the adapter.

Every model gets one token budget, fixed from the training replies before any reference is
looked at. The report (`curate.proof.report`) gives paired bootstrap intervals, sign tests,
per-category numbers (too few to judge under 10 records) and a verdict that claims only what
its intervals carry; `report.json`, `report.md` (with charts) and `predictions-<split>.jsonl`
are written to the run folder.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from curate import __version__
from curate.io.atomic import write_text_atomic
from curate.judging import journal_of, read_judgements, refresh_report
from curate.lint import format_rules, format_validity
from curate.proof.render import render_markdown, write_charts, write_html
from curate.proof.report import build_report, record_scores
from curate.proof.retrieval import nearest_replies
from curate.schemas.report import EvalReport, Provenance
from curate.schemas.settings import CurateSettings, EvalSettings
from curate.trainer.card import base_model, write_model_card
from curate.trainer.data import conversation
from curate.trainer.generate import (
    Ticker,
    _device,
    generate_replies,
    reference_losses,
    reply_budget,
)
from curate.trainer.lora import quiet_peft
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
    """Evaluate the adapter in `run` and the baselines on the records of `split`.

    `settings` supply the FMT rules replies are checked against and the `[eval]` section.
    `on_progress(done, total)` counts generated replies and scored references of all models;
    `should_stop()` is asked between batches and raises `Cancelled`.
    """
    import torch

    settings = settings or CurateSettings()
    options = settings.eval
    loaded = _load(run, split, limit, options)
    model, tokenizer, config = loaded.model, loaded.tokenizer, loaded.config
    records, train_records, budget = loaded.records, loaded.train_records, loaded.budget
    max_length = int(config["max_seq_length"])
    ticker = Ticker(3 * len(records), on_progress, should_stop)  # replies of three models
    plain = [conversation(r)[:-1] for r in records]
    prompted = [prompted_turns(r, train_records, options) for r in records]
    replies: dict[str, list[str]] = {}
    losses: dict[str, list[float | None]] = {}
    with torch.inference_mode():
        with model.disable_adapter():
            replies["base"] = generate_replies(model, tokenizer, plain, budget, batch_size, ticker)
            replies["prompted"] = generate_replies(
                model, tokenizer, prompted, budget, max(1, batch_size // 2), ticker
            )
            losses["base"] = reference_losses(model, tokenizer, records, max_length, ticker)
        model.merge_adapter()  # tuned passes as fast as the base ones: no LoRA side paths
        replies["tuned"] = generate_replies(model, tokenizer, plain, budget, batch_size, ticker)
        losses["tuned"] = reference_losses(model, tokenizer, records, max_length, ticker)
    replies["retrieval"], _ = nearest_replies(
        [r["input"] for r in train_records],
        [r["output"] for r in train_records],
        [r["input"] for r in records],
    )
    rules = format_rules(settings)
    valid = {m: format_validity(rules, settings, records, replies[m]) for m in replies}
    rows = []
    for i, record in enumerate(records):
        scores = {
            m: record_scores(replies[m][i], record["output"], record["facts"], valid[m][i])
            for m in ("base", "prompted", "retrieval", "tuned")
        }
        for m in ("base", "tuned"):
            scores[m]["loss"] = losses[m][i]
        rows.append(
            {
                "id": record["id"],
                "category": record.get("category"),
                "input": record["input"],
                "reference": record["output"],
                "facts": record["facts"],
                "replies": {m: replies[m][i] for m in replies},
                "scores": scores,
            }
        )
    predictions = run / f"predictions-{split.stem}.jsonl"
    write_text_atomic(predictions, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
    provenance = _provenance(run, split, config, limit, options, budget, loaded.dtype, rows)
    report = build_report(
        rows,
        str(split),
        provenance,
        predictions.name,
        options.primary_metric,
        options.resamples,
        options.seed,
    )
    write_text_atomic(run / "report.json", report.model_dump_json(indent=2) + "\n")
    charts = write_charts(report, run)
    write_text_atomic(run / "report.md", render_markdown(report, charts))
    write_html(run)
    report = _with_expert_judgements(run, report)
    _link_from_model_card(run, report, charts)
    if (run / "adapter").is_dir():
        write_model_card(run, report)
    return report


def _with_expert_judgements(run: Path, report: EvalReport) -> EvalReport:
    """An evaluation run again keeps the experts' judgements of the replies that did not
    change (`curate.judging` leaves out, and counts, those of replies that did)."""
    if not journal_of(run).is_file():
        return report
    judgements, _ = read_judgements(journal_of(run))
    return report.model_copy(update={"experts": refresh_report(run, judgements)})


def _link_from_model_card(run: Path, report: EvalReport, charts: dict[str, str]) -> None:
    """Add (or replace) the model card's evaluation section: the verdict and the report's
    files, so whoever finds the adapter finds what it was shown to do."""
    card = run / "README.md"
    if not card.is_file():
        return
    marker = "\n## Evaluation\n"
    text = card.read_text(encoding="utf-8").split(marker)[0].rstrip("\n") + "\n"
    files = ", ".join(
        f"[{name}]({name})" for name in ("report.md", "report.html", *charts.values())
    )
    section = (
        f"{marker}\nOn {report.n} held-out records ({report.verdict.advice}): "
        f"{report.verdict.text}\n\nReport: {files}.\n"
    )
    write_text_atomic(card, text + section)


def prompted_turns(
    record: dict[str, Any], train_records: list[dict[str, Any]], options: EvalSettings
) -> list[dict[str, str]]:
    """The prompted baseline's conversation: the system prompt, `few_shot` examples from
    train as earlier turns, then the record's own prompt turns.

    Examples come from the record's category where it has training records, from all of
    train otherwise, drawn (seeded by the record id) among the shorter half of the replies,
    so that the prompt stays within the model's context.
    """
    pool = [t for t in train_records if t.get("category") == record.get("category")]
    pool = pool or train_records
    pool = sorted(pool, key=lambda t: (len(t["output"]), t["id"]))[: max(len(pool) // 2, 1)]
    rng = random.Random(f"{options.seed}:{record['id']}")
    examples = rng.sample(pool, min(options.few_shot, len(pool)))
    own = conversation(record)[:-1]
    system = options.system_prompt
    if own and own[0]["role"] == "system":
        system, own = f"{system}\n\n{own[0]['content']}", own[1:]
    turns = [{"role": "system", "content": system}]
    for example in examples:
        turns += [
            {"role": "user", "content": example["input"]},
            {"role": "assistant", "content": example["output"]},
        ]
    return turns + own


def _provenance(
    run: Path,
    split: Path,
    config: dict[str, Any],
    limit: int | None,
    options: EvalSettings,
    budget: int,
    dtype: Any,
    rows: list[dict[str, Any]],
) -> Provenance:
    splits = Path(config["splits"])
    manifest_path = splits / "manifest.json"
    manifest = json.loads(manifest_path.read_text()) if manifest_path.is_file() else {}
    set_aside_path = run / "set_aside.json"
    set_aside = json.loads(set_aside_path.read_text()) if set_aside_path.is_file() else {}
    return Provenance(
        curate_version=__version__,
        split=str(split),
        split_sha256=hashlib.sha256(split.read_bytes()).hexdigest(),
        split_manifest_sha256=config.get("split_manifest_sha256"),
        dataset_sha256={i["path"]: i["sha256"] for i in manifest.get("inputs", [])},
        base_model=str(config.get("model") or "default"),
        base_model_origin=config.get("base_model_origin")
        or base_model(config.get("model"), Path(config["resolved_model"])).origin,
        adapter=str(run / "adapter"),
        settings={k: v for k, v in config.items() if k != "resolved_model"},
        train_steps=_train_steps(run / "metrics.jsonl"),
        limit=limit,
        generation={
            "decoding": "greedy",
            "max_new_tokens": budget,
            "budget_rule": f"p{options.budget_percentile:g} of the training replies' tokens "
            f"+ 8, at most {options.max_new_tokens}; the same for every model and record",
            "dtype": str(dtype).removeprefix("torch."),
        },
        prompted={"system_prompt": options.system_prompt, "few_shot": options.few_shot},
        set_aside=set_aside,
        dropped_duplicates=[
            d["id"]
            for d in manifest.get("dropped", [])
            if d.get("id") and str(d.get("reason", "")).startswith("exact duplicate")
        ],
        without_reference_loss=[r["id"] for r in rows if r["scores"]["tuned"]["loss"] is None],
    )


def _train_steps(metrics: Path) -> int | None:
    if not metrics.is_file():
        return None
    steps = [json.loads(line).get("step") for line in metrics.read_text().splitlines() if line]
    known = [s for s in steps if isinstance(s, int)]
    return max(known) if known else None


def render_table(report: EvalReport, title: str) -> Any:
    """The terminal table of `curate eval` and `curate run` (a rich Table)."""
    from curate.proof.render import terminal_table

    return terminal_table(report, title)


def adapter_scores(
    run: Path,
    split: Path | None,
    settings: CurateSettings,
    limit: int | None = None,
    probes: list[str] | None = None,
    batch_size: int = 16,
    should_stop: Callable[[], bool] | None = None,
) -> tuple[list[dict[str, Any]], list[str]]:
    """The adapter in `run` alone (no baselines): per record of `split` (none when None)
    its id, category and scores, as in the predictions of `evaluate`; and its replies to
    `probes` (prompts given as user turns), for memorisation checks. Same budget rule as
    `evaluate`."""
    import torch

    options = settings.eval
    loaded = _load(run, split, limit, options)
    model, tokenizer, records, budget = (
        loaded.model,
        loaded.tokenizer,
        loaded.records,
        loaded.budget,
    )
    model.merge_adapter()
    ticker = Ticker(len(records) + len(probes or []), None, should_stop)
    turns = [conversation(r)[:-1] for r in records]
    max_length = int(loaded.config["max_seq_length"])
    with torch.inference_mode():
        replies = generate_replies(model, tokenizer, turns, budget, batch_size, ticker)
        losses = reference_losses(model, tokenizer, records, max_length, ticker)
        probed = generate_replies(
            model,
            tokenizer,
            [[{"role": "user", "content": p}] for p in probes or []],
            budget,
            batch_size,
            ticker,
        )
    valid = format_validity(format_rules(settings), settings, records, replies)
    rows = []
    for i, record in enumerate(records):
        scores = record_scores(replies[i], record["output"], record["facts"], valid[i])
        scores["loss"] = losses[i]
        rows.append({"id": record["id"], "category": record.get("category"), "scores": scores})
    return rows, probed


@dataclass
class _Loaded:
    """A run's model with its adapter (not merged), and what its evaluation reads."""

    model: Any
    tokenizer: Any
    config: dict[str, Any]
    dtype: Any
    records: list[dict[str, Any]]
    train_records: list[dict[str, Any]]
    budget: int
    """Token budget of every reply: from the training replies, never the references."""


def _load(run: Path, split: Path | None, limit: int | None, options: EvalSettings) -> _Loaded:
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
    records = records_of(split, options.facts_field) if split is not None else []
    records = records[:limit] if limit else records
    train_records = records_of(Path(config["splits"]) / "train.jsonl")
    budget = reply_budget(
        tokenizer,
        [r["output"] for r in train_records],
        options.budget_percentile,
        options.max_new_tokens,
    )
    return _Loaded(model, tokenizer, config, dtype, records, train_records, budget)
