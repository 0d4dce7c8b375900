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


def test_a_template_that_refuses_a_record_is_a_finding_not_a_crash(
    tmp_path: Path, tokenizer_dir: Path
) -> None:
    """Gemma- and Mistral-style templates raise on a system turn: SCH010 names the record
    and the template's reason; lint runs on, and the length rules still count."""
    strict = (
        "{% for m in messages %}{% if m.role == 'system' %}"
        "{{ raise_exception('System role not supported') }}{% endif %}"
        "<{{ m.role }}> {{ m.content }} </s> {% endfor %}"
        "{% if add_generation_prompt %}<assistant> {% endif %}"
    )
    (tokenizer_dir / "tokenizer_config.json").write_text(json.dumps({"chat_template": strict}))
    data = tmp_path / "d.jsonl"
    rows = [
        {"id": "sys", "messages": [{"role": "system", "content": "be brief"},
                                   {"role": "user", "content": "hi"},
                                   {"role": "assistant", "content": "hello"}]},
        {"id": "plain", "messages": [{"role": "user", "content": "hi"},
                                     {"role": "assistant", "content": "hello there"}]},
    ]  # fmt: skip
    data.write_text("".join(json.dumps(r) + "\n" for r in rows))
    lint = LintSettings(select=["SCH010", "LEN004"], tokenizer=str(tokenizer_dir))
    report = run_lint(read_dataset([data]), CurateSettings(lint=lint))
    assert [(f.rule, f.records, f.message) for f in report.findings] == [
        ("SCH010", ["sys"], "the chat template refuses this record: System role not supported")
    ]


def test_screened_counts_find_exactly_the_records_full_counting_finds(
    tokenizer_dir: Path,
) -> None:
    """Only records the calibrated estimate puts near the limit (and non-ASCII ones) are
    counted exactly; the records over the limit are the same as counting every record."""
    import random

    rng = random.Random(3)
    inputs, outputs = [], []
    for i in range(5_000):
        word = rng.choice(["a", "order", "shipping", "refundable", "ünïcode"])
        inputs.append(" ".join([word] * rng.randint(1, 30)))
        outputs.append(" ".join(["reply"] * rng.randint(1, 120 if i % 7 else 400)))
    frame = pl.DataFrame({"input": inputs, "output": outputs})
    limit = 150
    everything = count_tokens(frame, str(tokenizer_dir))
    screened = count_tokens(frame, str(tokenizer_dir), limit=limit)
    over_all = (everything.total > limit).arg_true().to_list()
    over_screened = (screened.total > limit).arg_true().to_list()
    assert over_screened == over_all and len(over_all) > 100
    exact = screened.total == everything.total
    assert exact.filter(everything.total > limit * 0.8).all()
    assert not exact.all()  # most records were never counted exactly


def test_auto_takes_the_training_models_tokenizer_where_it_is_here(
    tmp_path: Path, tokenizer_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from curate.tokens import resolve_tokenizer

    monkeypatch.setenv("CURATE_CACHE", str(tmp_path / "empty-cache"))
    assert resolve_tokenizer("auto", str(tokenizer_dir)) == tokenizer_dir
    assert resolve_tokenizer("auto", None) is None  # the default, not converted here yet
    assert resolve_tokenizer("auto", str(tmp_path / "m.gguf")) is None
    assert resolve_tokenizer("estimate", str(tokenizer_dir)) is None
    frame = pl.DataFrame({"id": ["a"], "input": ["one two three"], "output": ["four five"]})
    counts = count_tokens(frame, "auto", str(tokenizer_dir))
    assert counts.exact and counts.total.to_list() == [9]


def test_templates_with_loop_controls_and_generation_markers_render(tokenizer_dir: Path) -> None:
    """Templates transformers renders (`{% break %}`, `{% generation %}`) render here too,
    and one jinja cannot read falls back to plain-text counts instead of crashing lint."""
    template = (
        "{% for m in messages %}{% if loop.index > 50 %}{% break %}{% endif %}"
        "<{{ m.role }}> {% if m.role == 'assistant' %}{% generation %}{{ m.content }}"
        "{% endgeneration %}{% else %}{{ m.content }}{% endif %} </s> {% endfor %}"
        "{% if add_generation_prompt %}<assistant> {% endif %}"
    )
    (tokenizer_dir / "tokenizer_config.json").write_text(json.dumps({"chat_template": template}))
    frame = pl.DataFrame({"input": ["one two three"], "output": ["four five"]})
    assert count_tokens(frame, str(tokenizer_dir)).total.to_list() == [9]
    (tokenizer_dir / "tokenizer_config.json").write_text(json.dumps({"chat_template": "{% if %}"}))
    assert count_tokens(frame, str(tokenizer_dir)).exact


def test_a_template_gets_the_special_tokens_and_many_turn_chats_are_counted(
    tokenizer_dir: Path,
) -> None:
    """`{{ bos_token }}` renders as transformers renders it, and a chat of many short turns
    (whose template tokens the estimate cannot see) is counted exactly near the limit."""
    template = (
        "{{ bos_token }} {% for m in messages %}<{{ m.role }}> {{ m.content }} </s> {% endfor %}"
        "{% if add_generation_prompt %}<assistant> {% endif %}"
    )
    config = {"chat_template": template, "bos_token": {"content": "<s>"}}
    (tokenizer_dir / "tokenizer_config.json").write_text(json.dumps(config))
    frame = pl.DataFrame({"input": ["one two three"], "output": ["four five"]})
    assert count_tokens(frame, str(tokenizer_dir)).total.to_list() == [10]  # <s> included
    turns = [{"role": "user" if i % 2 == 0 else "assistant", "content": "ok"} for i in range(120)]
    chats = pl.DataFrame(
        {"id": [f"c{i}" for i in range(3000)], "input": ["ok"] * 3000, "output": ["ok"] * 3000,
         "messages": [turns if i == 7 else turns[:2] for i in range(3000)]}
    )  # fmt: skip
    screened = count_tokens(chats, str(tokenizer_dir), limit=300)
    assert screened.total[7] > 300 and int((screened.total > 300).sum()) == 1


def test_cached_counts_equal_fresh_ones_and_follow_the_tokenizer(
    tmp_path: Path, tokenizer_dir: Path
) -> None:
    """Counts come back from the cache for the same record and tokenizer; an edited record,
    or another chat template, is counted afresh. (Each record is analysed twice when not
    cached: its count, and whether chunk counts agree with whole ones on it.)"""
    from curate.io.analysis_cache import AnalysisCache

    frame = pl.DataFrame(
        {"input": ["one two three", "a b", "one two three"], "output": ["four five", "c", "x"]}
    )
    fresh = count_tokens(frame, str(tokenizer_dir))
    cold, warm = AnalysisCache(tmp_path), AnalysisCache(tmp_path)
    assert count_tokens(frame, str(tokenizer_dir), cache=cold).total.equals(fresh.total)
    assert cold.computed == 2 * 3
    assert count_tokens(frame, str(tokenizer_dir), cache=warm).prompt.equals(fresh.prompt)
    assert warm.computed == 0
    edited = frame.with_columns(pl.Series("output", ["four five six", "c", "x"]))
    again = AnalysisCache(tmp_path)
    assert count_tokens(edited, str(tokenizer_dir), cache=again).total.to_list()[0] == 6 + 4
    assert again.computed == 2 * 1
    (tokenizer_dir / "tokenizer_config.json").write_text(
        json.dumps({"chat_template": TEMPLATE.replace("</s>", "</s> </s>")})
    )
    other = AnalysisCache(tmp_path)
    assert count_tokens(frame, str(tokenizer_dir), cache=other).total.to_list()[0] == 6 + 1 + 4
    assert other.computed == 2 * 3
