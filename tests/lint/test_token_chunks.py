"""Exact token counts by distinct chunks: equal to counting each rendered record whole."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from curate.token_chunks import ChunkCounter, chunk_countable
from curate.tokens import _chat_template, _render, count_tokens

tokenizers = pytest.importorskip("tokenizers")

CHATML = (
    "{% for m in messages %}{{ '<|im_start|>' + m.role + '\n' + m.content + '<|im_end|>\n' }}"
    "{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}"
)
SPACES = [" ", "  ", "   ", "\n", "\n\n", " \n ", "\t", "\r\n"]
SPACES += ["\u00a0", "\u3000", "\u2028", "\x85"]  # Unicode spaces
WORDS = ["order", "it's", "I'll", "2024", "1,5", "...", "?!", "naïve", "日本語", "привет", "😀"]


def _corpus(rng: random.Random, texts: int) -> list[str]:
    return [
        "".join(rng.choice(SPACES) if rng.random() < 0.4 else rng.choice(WORDS) for _ in range(30))
        for _ in range(texts)
    ]


@pytest.fixture(scope="module")
def byte_bpe(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A GPT-2-style byte-level BPE (SmolLM2's kind), trained here on text full of
    whitespace runs, so that its merges join spaces, newlines and words."""
    tokenizer = tokenizers.Tokenizer(tokenizers.models.BPE())
    tokenizer.pre_tokenizer = tokenizers.pre_tokenizers.ByteLevel(add_prefix_space=False)
    trainer = tokenizers.trainers.BpeTrainer(
        vocab_size=600,
        special_tokens=["<|im_start|>", "<|im_end|>"],
        initial_alphabet=tokenizers.pre_tokenizers.ByteLevel.alphabet(),
    )
    tokenizer.train_from_iterator(_corpus(random.Random(0), 2_000), trainer)
    folder = tmp_path_factory.mktemp("byte-bpe")
    tokenizer.save(str(folder / "tokenizer.json"))
    (folder / "tokenizer_config.json").write_text(json.dumps({"chat_template": CHATML}))
    return folder


def _whole(folder: Path, texts: list[str]) -> list[int]:
    tokenizer = tokenizers.Tokenizer.from_file(str(folder / "tokenizer.json"))
    return [len(e.ids) for e in tokenizer.encode_batch_fast(texts, add_special_tokens=False)]


def _config(folder: Path) -> dict[str, Any]:
    config: dict[str, Any] = json.loads((folder / "tokenizer.json").read_text())
    return config


def test_a_byte_level_bpe_counts_by_chunks_and_other_kinds_do_not(byte_bpe: Path) -> None:
    config = _config(byte_bpe)
    assert chunk_countable(config)
    assert not chunk_countable({**config, "normalizer": {"type": "NFKC"}})
    assert not chunk_countable(
        {**config, "pre_tokenizer": {**config["pre_tokenizer"], "add_prefix_space": True}}
    )
    assert not chunk_countable({**config, "pre_tokenizer": {"type": "Metaspace"}})
    assert not chunk_countable({**config, "model": {**config["model"], "dropout": 0.1}})
    spaced = {**config["added_tokens"][0], "content": "<|im start|>"}
    assert not chunk_countable({**config, "added_tokens": [spaced]})
    stripping = {**config["added_tokens"][0], "rstrip": True}
    assert not chunk_countable({**config, "added_tokens": [stripping]})


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from(SPACES + WORDS + ["a", "-", "'"]), max_size=12).map("".join),
        max_size=8,
    )
)
def test_chunk_counts_equal_whole_counts(byte_bpe: Path, texts: list[str]) -> None:
    """Whatever the whitespace (runs, newlines, Unicode spaces at the start, middle or
    end), a text has as many tokens as its chunks together."""
    counter = ChunkCounter(tokenizers.Tokenizer.from_file(str(byte_bpe / "tokenizer.json")))
    assert counter(pl.Series(texts, dtype=pl.String)).to_list() == _whole(byte_bpe, texts)


def test_every_total_is_exact_and_every_prompt_the_rules_read(byte_bpe: Path) -> None:
    """Pairs framed by the template and chats rendered one by one: every total, far under
    the limit too, and the prompt of every example over the limit equal rendering each
    record and counting it whole."""
    rng = random.Random(5)
    texts = _corpus(rng, 6_000)
    chat = [
        {"role": "system", "content": "be  brief\n"},
        {"role": "user", "content": "hi  there"},
        {"role": "assistant", "content": " hello\n\n"},
    ]
    frame = pl.DataFrame(
        {
            "input": texts[:3_000],
            "output": texts[3_000:],
            "messages": [chat if i % 100 == 0 else None for i in range(3_000)],
        }
    )
    prompts, totals, _ = _render(frame, _chat_template(byte_bpe))
    whole_prompts, whole_totals = _whole(byte_bpe, prompts), _whole(byte_bpe, totals)
    limit = sorted(whole_totals)[len(whole_totals) // 2]
    counts = count_tokens(frame, str(byte_bpe), limit=limit)
    assert counts.exact
    assert counts.total.to_list() == whole_totals
    over = [row for row, total in enumerate(whole_totals) if total > limit]
    assert len(over) > 1_000
    assert [counts.prompt[row] for row in over] == [whole_prompts[row] for row in over]
    everything = count_tokens(frame, str(byte_bpe))  # no limit: every prompt
    assert everything.prompt.to_list() == whole_prompts


def test_counts_through_the_lint_cache_equal_counts_without_it(
    byte_bpe: Path, tmp_path: Path
) -> None:
    """With the cache on (as `curate lint` runs by default), a cold run and a warm one
    count by chunks exactly as a run without the cache: the cache asks the counter for
    the layout of an empty slice first, which must not fail."""
    from curate.io.analysis_cache import AnalysisCache

    texts = _corpus(random.Random(9), 400)
    frame = pl.DataFrame({"input": texts[:200], "output": texts[200:]})
    fresh = count_tokens(frame, str(byte_bpe))
    for run in ("cold", "warm"):
        cached = count_tokens(frame, str(byte_bpe), cache=AnalysisCache(tmp_path))
        assert cached.exact, run
        assert cached.total.equals(fresh.total), run
        assert cached.prompt.equals(fresh.prompt), run


def test_a_warm_count_loads_no_tokenizer_and_still_knows_it_counts_by_chunks(
    byte_bpe: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Once the counts, and whether chunk counts agree with whole ones, are in the cache, a
    run over the same records neither loads the tokenizer nor compiles the template (the
    pre-commit hook's re-lint); one edited record loads them again, to count that record."""
    from curate import tokens
    from curate.io.analysis_cache import AnalysisCache

    texts = _corpus(random.Random(3), 400)
    frame = pl.DataFrame({"input": texts[:200], "output": texts[200:]})
    cold = count_tokens(frame, str(byte_bpe), limit=40, cache=AnalysisCache(tmp_path))
    loads: list[str] = []
    real_template = tokens._chat_template
    real_from_file = tokenizers.Tokenizer.from_file

    def template(folder: Path) -> Any:
        loads.append("template")
        return real_template(folder)

    def from_file(path: str) -> Any:
        loads.append("tokenizer")
        return real_from_file(path)

    monkeypatch.setattr(tokens, "_chat_template", template)
    monkeypatch.setattr(tokenizers.Tokenizer, "from_file", from_file)
    warm = count_tokens(frame, str(byte_bpe), limit=40, cache=AnalysisCache(tmp_path))
    assert loads == []
    assert warm.total.equals(cold.total) and warm.prompt.equals(cold.prompt)
    edited = frame.with_columns(pl.Series("output", ["a  b", *texts[201:]]))
    again = count_tokens(edited, str(byte_bpe), limit=40, cache=AnalysisCache(tmp_path))
    assert sorted(loads) == ["template", "tokenizer"]
    assert again.total.to_list()[1:] == cold.total.to_list()[1:]
    assert again.total[0] == _whole(byte_bpe, _render(edited[:1], _chat_template(byte_bpe))[1])[0]


def test_a_template_that_trims_is_rendered_record_by_record(byte_bpe: Path) -> None:
    """A template that changes the texts it is given cannot frame pairs by joining
    strings; its records are rendered one by one and still counted exactly."""
    trimming = CHATML.replace("m.content", "m.content | trim")
    (byte_bpe / "tokenizer_config.json").write_text(json.dumps({"chat_template": trimming}))
    try:
        frame = pl.DataFrame({"input": ["  padded  ", "x"], "output": ["\n reply \n", "y "]})
        prompts, totals, _ = _render(frame, _chat_template(byte_bpe))
        assert "  padded" not in prompts[0]
        counts = count_tokens(frame, str(byte_bpe), limit=100)
        assert counts.total.to_list() == _whole(byte_bpe, totals)
    finally:
        (byte_bpe / "tokenizer_config.json").write_text(json.dumps({"chat_template": CHATML}))


def test_a_tokenizer_that_disagrees_with_its_chunks_is_counted_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Were the structural test ever wrong, the sample check would catch it: counts stay
    those of the whole texts. A Metaspace tokenizer counts a chunk's leading space apart."""
    tokenizer = tokenizers.Tokenizer(tokenizers.models.BPE())
    tokenizer.pre_tokenizer = tokenizers.pre_tokenizers.Metaspace(prepend_scheme="always")
    trainer = tokenizers.trainers.BpeTrainer(vocab_size=300)
    tokenizer.train_from_iterator(["a b c ab bc abc " * 50], trainer)
    tokenizer.save(str(tmp_path / "tokenizer.json"))
    monkeypatch.setattr("curate.tokens.chunk_countable", lambda config: True)
    texts = ["ab  bc", "a b c", " abc abc"] * 700
    frame = pl.DataFrame({"input": texts, "output": texts[::-1]})
    counts = count_tokens(frame, str(tmp_path / "tokenizer.json"))
    _, totals, _ = _render(frame, None)
    assert counts.total.to_list() == _whole(tmp_path, totals)
    chunked = ChunkCounter(tokenizer)(pl.Series(totals[:3])).to_list()
    assert chunked != _whole(tmp_path, totals[:3])  # the chunks alone would be wrong


SMOL_LIKE = (
    "{% for m in messages %}{% if loop.first and messages[0]['role'] != 'system' %}"
    "{{ '<|im_start|>system\nYou are helpful<|im_end|>\n' }}{% endif %}"
    "{{ '<|im_start|>' + m['role'] + '\n' + m['content'] + '<|im_end|>\n' }}{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}"
)
REFUSES_SYSTEM = CHATML.replace(
    "{% for m in messages %}",
    "{% for m in messages %}{% if m.role == 'system' %}{{ raise_exception('no system') }}"
    "{% endif %}",
)
TRIMS = CHATML.replace("m.content", "m.content | trim")


@pytest.mark.parametrize(
    "source",
    [CHATML, SMOL_LIKE, REFUSES_SYSTEM, TRIMS, None],
    ids=["chatml", "smol", "strict", "trims", "none"],
)
def test_framed_chats_are_the_rendered_chats(tmp_path: Path, source: str | None) -> None:
    """Chats framed by sequence of roles give exactly the texts rendering each chat gives:
    a default system prompt on the first turn, a template that refuses a system turn or
    trims the texts (rendered one by one), texts with spaces and template syntax, empty
    turns, and pairs beside them. (A turn whose text is null is set aside by the reader.)"""
    from curate.tokens import _framed

    if source is not None:
        (tmp_path / "tokenizer_config.json").write_text(json.dumps({"chat_template": source}))
    template = _chat_template(tmp_path) if source is not None else None

    def turn(role: str, content: str) -> dict[str, str]:
        return {"role": role, "content": content}

    chats = [
        [turn("user", "hi  there"), turn("assistant", " hello\n")],
        [turn("system", "be brief"), turn("user", "{{ x }}"), turn("assistant", "%} ok")],
        [turn("user", "a"), turn("assistant", "b"), turn("user", "\tc"), turn("assistant", "")],
        [turn("user", "only one turn")],
        [turn("system", ""), turn("user", "empty system turn"), turn("assistant", "ok")],
        None,
    ]
    frame = pl.DataFrame(
        {
            "input": ["x", "y", "z", "w", "v", "pair  input "],
            "output": ["x", "y", "z", "w", "v", " pair output"],
            "messages": chats,
        }
    )
    prompts, totals, _ = _render(frame, template)
    prompt, total = _framed(frame, template)
    assert prompt.to_list() == prompts
    assert total.to_list() == totals


def test_an_estimated_prompt_never_puts_a_record_over_the_limit(byte_bpe: Path) -> None:
    """A prompt of long words the vocabulary merges is estimated (four characters a token)
    far above its exact count: under the limit in truth, it must not be reported as a
    prompt that fills the sequence (LEN005) or as cut off (LEN004)."""
    frame = pl.DataFrame({"input": ["naïve order " * 150, "x"], "output": ["2024", "y"]})
    _, totals, _ = _render(frame, _chat_template(byte_bpe))
    whole_totals = _whole(byte_bpe, totals)
    estimated = count_tokens(frame, None).prompt[0]
    limit = whole_totals[0] + 1
    assert estimated >= limit  # the estimate alone would call the prompt too long
    counts = count_tokens(frame, str(byte_bpe), limit=limit)
    assert counts.total.to_list() == whole_totals
    assert counts.prompt[0] <= counts.total[0] < limit
