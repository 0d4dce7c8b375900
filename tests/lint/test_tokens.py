"""Token counts: estimated without a tokenizer, exact (chat template included) with one."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest

from curate.io import read_dataset
from curate.lint.engine import run_lint
from curate.schemas.settings import CurateSettings, LintSettings
from curate.tokens import TokenizerError, count_tokens

TEMPLATE = (
    "{% for m in messages %}<{{ m.role }}> {{ m.content }} </s> {% endfor %}"
    "{% if add_generation_prompt %}<assistant> {% endif %}"
)


@pytest.fixture
def tokenizer_dir(tmp_path: Path) -> Path:
    tokenizers = pytest.importorskip("tokenizers")
    folder = tmp_path / "tok"
    folder.mkdir()
    tokenizer = tokenizers.Tokenizer(tokenizers.models.WordLevel({"[UNK]": 0}, unk_token="[UNK]"))
    tokenizer.pre_tokenizer = tokenizers.pre_tokenizers.WhitespaceSplit()
    tokenizer.save(str(folder / "tokenizer.json"))
    (folder / "tokenizer_config.json").write_text(json.dumps({"chat_template": TEMPLATE}))
    return folder


def test_estimate_counts_about_four_characters_a_token() -> None:
    frame = pl.DataFrame({"input": ["x" * 400], "output": ["y" * 100]})
    counts = count_tokens(frame, None)
    assert not counts.exact
    assert counts.prompt.to_list() == [100 + 30]
    assert counts.total.to_list() == [100 + 30 + 25]


def test_exact_counts_render_the_chat_template(tokenizer_dir: Path) -> None:
    frame = pl.DataFrame({"input": ["one two three"], "output": ["four five"]})
    counts = count_tokens(frame, str(tokenizer_dir))
    assert counts.exact
    # "<user> one two three </s> <assistant>" and then "four five </s>".
    assert counts.prompt.to_list() == [6]
    assert counts.total.to_list() == [6 + 3]


def test_length_rules_use_the_configured_tokenizer(tmp_path: Path, tokenizer_dir: Path) -> None:
    data = tmp_path / "d.jsonl"
    data.write_text(json.dumps({"input": "a " * 5, "output": "b " * 20}) + "\n")
    lint = LintSettings(
        select=["LEN004"], tokenizer=str(tokenizer_dir), options={"LEN004": {"max-tokens": 20}}
    )
    report = run_lint(read_dataset([data]), CurateSettings(lint=lint))
    assert [f.message for f in report.findings] == ["29 tokens > 20: 43% of the output is cut off"]


def test_missing_tokenizer_file_is_a_clear_error(tmp_path: Path) -> None:
    frame = pl.DataFrame({"input": ["a"], "output": ["b"]})
    with pytest.raises(TokenizerError, match=r"no tokenizer\.json here"):
        count_tokens(frame, str(tmp_path))
