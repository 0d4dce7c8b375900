"""Token counts for the length rules: exact with a configured tokenizer, else estimated.

Exact counts use the `tokenizers` library (Rust, no torch) on a `tokenizer.json` and, when
the model folder has one, render the chat template with jinja2 the way transformers'
`apply_chat_template` does, so the count includes the template's own tokens.
`lint.tokenizer = "default"` names the default model's folder in the cache, where
`curate train` converts it the first time; nothing here imports torch or transformers.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

from curate.config import ConfigError

# About four characters per token for English with a byte-level BPE vocabulary of 32k-50k
# entries (SmolLM2's is 49k); the chat template adds role markers and, for models that
# have one, a default system prompt.
CHARS_PER_TOKEN = 4.0
ESTIMATED_TEMPLATE_TOKENS = 30
DEFAULT_TOKENIZER = "default"


class TokenizerError(ConfigError):
    """The configured tokenizer cannot be loaded; the message says why in one line."""


@dataclass
class TokenCounts:
    """Per record: tokens before the reply starts, and in the whole rendered example."""

    prompt: pl.Series
    total: pl.Series
    exact: bool
    source: str
    """The tokenizer used, or 'estimate'."""


def count_tokens(frame: pl.DataFrame, tokenizer: str | None) -> TokenCounts:
    """Token counts of each record's prompt and of prompt plus output."""
    if tokenizer is None:
        return _estimate(frame)
    return _exact(frame, tokenizer_path(tokenizer))


def tokenizer_path(tokenizer: str) -> Path:
    """The configured path, or for "default" the default model's converted cache folder."""
    if tokenizer != DEFAULT_TOKENIZER:
        return Path(tokenizer)
    from curate.models import ModelError, default_model_folder, is_converted

    try:
        folder: Path | None = default_model_folder()
    except ModelError:
        folder = None
    if folder is None or not is_converted(folder):
        raise TokenizerError(
            'lint.tokenizer = "default": the default model is not converted yet; run '
            "`curate train` once (it converts and caches it), or set lint.tokenizer to a "
            "tokenizer.json or model folder"
        )
    return folder


def _estimate(frame: pl.DataFrame) -> TokenCounts:
    prompt_chars = pl.col("input").str.len_chars()
    if "messages" in frame.columns:
        # The system prompt is part of the prompt but not of `input`.
        system = (
            pl.col("messages")
            .list.eval(
                pl.element()
                .filter(pl.element().struct.field("role") == "system")
                .struct.field("content")
                .str.len_chars()
            )
            .list.sum()
            .fill_null(0)
        )
        prompt_chars = prompt_chars + system
    counts = frame.select(
        ((prompt_chars / CHARS_PER_TOKEN).ceil() + ESTIMATED_TEMPLATE_TOKENS)
        .cast(pl.Int64)
        .alias("prompt"),
        (pl.col("output").str.len_chars() / CHARS_PER_TOKEN).ceil().cast(pl.Int64).alias("out"),
    )
    prompt = counts.get_column("prompt")
    return TokenCounts(prompt, prompt + counts.get_column("out"), exact=False, source="estimate")


def _exact(frame: pl.DataFrame, path: Path) -> TokenCounts:
    try:
        from tokenizers import Tokenizer
    except ImportError:
        raise TokenizerError(
            "lint.tokenizer needs the `tokenizers` package: pip install 'curate-sft[train]'"
        ) from None
    folder = path if path.is_dir() else path.parent
    file = path / "tokenizer.json" if path.is_dir() else path
    if not file.is_file():
        raise TokenizerError(f"{file}: no tokenizer.json here")
    tokenizer = Tokenizer.from_file(str(file))
    template = _chat_template(folder)
    prompts, totals = _render(frame, template)
    prompt_ids = tokenizer.encode_batch_fast(prompts, add_special_tokens=False)
    total_ids = tokenizer.encode_batch_fast(totals, add_special_tokens=False)
    return TokenCounts(
        pl.Series("prompt", [len(e.ids) for e in prompt_ids], dtype=pl.Int64),
        pl.Series("total", [len(e.ids) for e in total_ids], dtype=pl.Int64),
        exact=True,
        source=str(file),
    )


def _chat_template(folder: Path) -> Any:
    source = _template_source(folder)
    if not source:
        return None
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    env = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True)
    return env.from_string(source)


def _template_source(folder: Path) -> str | None:
    """The chat template: `chat_template.jinja` (transformers >= 4.50 saves it there), else
    `chat_template` in `tokenizer_config.json` (a string, or a list with one named default)."""
    jinja = folder / "chat_template.jinja"
    if jinja.is_file():
        return jinja.read_text(encoding="utf-8")
    config = folder / "tokenizer_config.json"
    if not config.is_file():
        return None
    source = json.loads(config.read_text(encoding="utf-8")).get("chat_template")
    if isinstance(source, list):
        named = {t.get("name"): t.get("template") for t in source if isinstance(t, dict)}
        source = named.get("default")
    return source if isinstance(source, str) else None


def _render(frame: pl.DataFrame, template: Any) -> tuple[list[str], list[str]]:
    """Prompt text (up to the start of the reply) and full text of each record."""
    prompts, totals = [], []
    has_messages = "messages" in frame.columns
    for row in frame.select("input", "output", *(["messages"] if has_messages else [])).iter_rows():
        turns = row[2] if has_messages and row[2] is not None else None
        if turns is None:
            turns = [{"role": "user", "content": row[0]}, {"role": "assistant", "content": row[1]}]
        if template is None:
            prompt = "\n".join(t["content"] for t in turns[:-1])
            prompts.append(prompt)
            totals.append(prompt + "\n" + turns[-1]["content"])
            continue
        prompts.append(template.render(messages=turns[:-1], add_generation_prompt=True))
        totals.append(template.render(messages=turns, add_generation_prompt=False))
    return prompts, totals
