"""`lint.tokenizer = "default"`: the cached default model folder, or one clear error."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from curate import models as model
from curate.cli import app
from curate.config import ConfigError
from curate.tokens import count_tokens, tokenizer_path

FRAME = pl.DataFrame({"input": ["where is my order"], "output": ["it ships tomorrow"]})


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache, and a default GGUF file of our own (the cache key hashes its path)."""
    gguf = tmp_path / "default.gguf"
    gguf.write_bytes(b"GGUF")
    monkeypatch.setenv("CURATE_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(model, "default_gguf", lambda: gguf)
    return tmp_path / "cache"


def test_not_converted_yet_is_one_config_error_that_says_what_to_do(cache: Path) -> None:
    with pytest.raises(ConfigError, match=r"run `curate train` once") as raised:
        count_tokens(FRAME, "default")
    assert "\n" not in str(raised.value)


def test_default_is_the_converted_model_folder(cache: Path, tiny_tokenizer: object) -> None:
    folder = model.default_model_folder()
    assert folder.parent == cache / "models" and folder.name.startswith(model.DEFAULT_NAME)
    tiny_tokenizer.save_pretrained(folder)  # type: ignore[attr-defined]
    (folder / "model.safetensors").write_bytes(b"")
    assert tokenizer_path("default") == folder
    counts = count_tokens(FRAME, "default")
    assert counts.exact and counts.source == str(folder / "tokenizer.json")
    # "<|im_start|> user \n where is my order <|im_end|> \n <|im_start|> assistant \n"
    assert counts.prompt.to_list() == [9]


def test_lint_with_the_default_tokenizer_not_converted_exits_2(cache: Path, tmp_path: Path) -> None:
    data = tmp_path / "d.jsonl"
    data.write_text(json.dumps({"input": "where is my order", "output": "it ships"}) + "\n")
    config = tmp_path / "curate.toml"
    config.write_text('[lint]\nselect = ["LEN004"]\ntokenizer = "default"\n')
    result = CliRunner().invoke(app, ["lint", str(data), "--config", str(config)])
    assert result.exit_code == 2
    assert result.stderr.startswith('curate: error: lint.tokenizer = "default"')
    assert result.stderr.count("\n") == 1


def test_resolving_the_default_tokenizer_imports_no_torch() -> None:
    code = (
        "import sys\nfrom curate.tokens import tokenizer_path\n"
        "try:\n    tokenizer_path('default')\nexcept Exception:\n    pass\n"
        "assert 'torch' not in sys.modules and 'transformers' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
