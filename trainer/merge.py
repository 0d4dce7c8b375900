"""`curate export RUN --merged --out DIR`: the base model with the adapter folded into its
weights, for serving stacks that do not load adapters (vLLM without LoRA, llama.cpp
conversion, TGI). Written as safetensors with the tokenizer and a card, into a new folder
that appears whole (staged beside it, then renamed)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from curate.io import DatasetError
from curate.io.atomic import write_text_atomic


def export_merged(run: Path, out: Path) -> Path:
    """Merge `run/adapter` into its base model and save the result to `out` (a new or
    empty folder: nothing there is ever replaced)."""
    from peft import PeftModel

    from curate.trainer.model import load

    config_path = run / "train_config.json"
    if not config_path.is_file() or not (run / "adapter").is_dir():
        raise DatasetError(str(run), "not a run folder from `curate train` (no adapter/ here)")
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise DatasetError(str(out), "--out exists and is not an empty folder; choose a new one")
    config = json.loads(config_path.read_text(encoding="utf-8"))
    base, tokenizer = load(Path(config["resolved_model"]))
    merged = PeftModel.from_pretrained(base, str(run / "adapter")).merge_and_unload()
    staging = out.with_name(f".{out.name}.partial")
    shutil.rmtree(staging, ignore_errors=True)  # our own leftover from a killed export
    staging.mkdir(parents=True)
    merged.save_pretrained(staging, safe_serialization=True)
    tokenizer.save_pretrained(staging)
    base_id = config.get("base_model", config.get("model"))
    write_text_atomic(
        staging / "README.md",
        "---\n"
        f"base_model: {json.dumps(base_id)}\n"
        "base_model_relation: merge\n"
        "pipeline_tag: text-generation\n"
        "tags:\n- curate\n- sft\n- merged-lora\n"
        "---\n\n"
        "# Merged model\n\n"
        f"The LoRA adapter of the run `{run.name}` folded into the weights of its base model; "
        "see the adapter's card for its data and evaluation.\n",
    )
    if out.exists():
        out.rmdir()  # empty, checked above
    staging.replace(out)
    return out
