"""Token counts for the length rules: exact with the training model's tokenizer, else
estimated.

Exact counts use the `tokenizers` library (Rust, no torch) on a `tokenizer.json` and, when
the model folder has one, render the chat template with jinja2 the way transformers'
`apply_chat_template` does, so the count includes the template's own tokens.
`lint.tokenizer = "auto"` (the default) takes the tokenizer of `[train] model` where it is
on this machine: a model folder, or the cached conversion of a `.gguf` or of the embedded
default (made by the first `curate train`); otherwise the counts are estimated. Nothing
here imports torch or transformers.

With a byte-level BPE tokenizer (SmolLM2's, GPT-2's and their kin) every record is counted
exactly, from the counts of its distinct chunks (`curate.token_chunks`), and an
input/output pair is framed by the template's text around it rather than rendered one by
one. With other tokenizers counting every record would cost more than the rest of lint
together, and only records near the sequence length matter to the length rules: the counts
are estimated for all, calibrated on a sample counted exactly, and every record the
calibrated estimate puts near or over the limit (and every record in another script than
Latin) is counted exactly.
`template_refusals` renders every chat (without counting), so SCH010 finds each record the
template refuses.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl

from curate.config import ConfigError
from curate.io.analysis_cache import AnalysisCache, column_keys
from curate.token_chunks import ChunkCounter, chunk_countable

# About four characters per token for English with a byte-level BPE vocabulary of 32k-50k
# entries (SmolLM2's is 49k); the chat template adds role markers and, for models that
# have one, a default system prompt.
CHARS_PER_TOKEN = 4.0
ESTIMATED_TEMPLATE_TOKENS = 30
DEFAULT_TOKENIZER = "default"
AUTO_TOKENIZER = "auto"
ESTIMATE = "estimate"
TURN_TOKENS = 5
"""Template tokens a chat turn adds (role markers, separators), for the estimate."""
MANY_TURNS = 8
"""Chats with more turns than this are counted exactly: their template cost varies most."""
CALIBRATION_RECORDS = 2_000
SAFETY = 1.25
"""The calibrated estimate is multiplied by this before it is compared with the limit."""
RATIO_QUANTILE = 0.99
"""The sampled records' tokens-to-estimate ratio taken for calibration: outliers beyond it
are texts of unusual composition, which are counted exactly anyway."""
UNUSUAL_SHARE = 0.25
"""A text with more than this share of characters other than ASCII letters and spaces is
counted exactly."""
FRAMED_RECORDS = 20_000
"""Records framed and counted at a time."""
AGREEMENT_RECORDS = 200
"""Records rendered and counted whole to confirm that chunk counts agree with the tokenizer."""
_COUNT_CODE = ("curate.tokens", "curate.token_chunks")
"""The modules whose source decides a count (the lint cache's key)."""
PROBE_PAIRS = (("Hi there", "Hello!"), ("  spaced \n", "\tend "), ("", ""), ("{{ x }}", "%}"))
"""Texts a template must put in verbatim for pairs and chats to be framed, not rendered."""


class TokenizerError(ConfigError):
    """The configured tokenizer cannot be loaded; the message says why in one line."""


@dataclass
class TokenCounts:
    """Per record: tokens before the reply starts, and in the whole rendered example.

    Exact counts are exact for every record near or over the limit; with a byte-level BPE
    tokenizer every total is exact, and the prompt is exact wherever the total reaches the
    limit (elsewhere no rule reads it: it is estimated, and never above the total)."""

    prompt: pl.Series
    total: pl.Series
    exact: bool
    source: str
    """The tokenizer used, or 'estimate'."""


def count_tokens(
    frame: pl.DataFrame,
    tokenizer: str | None,
    train_model: str | None = None,
    limit: int | None = None,
    cache: AnalysisCache | None = None,
) -> TokenCounts:
    """Token counts of each record's prompt and of prompt plus output: exact for every
    record that may come near `limit` (all records when no limit is given). Exact counts
    are kept in `cache` by record and tokenizer."""
    path = resolve_tokenizer(tokenizer, train_model)
    if path is None:
        return _estimate(frame)
    return _exact(frame, path, limit, cache or AnalysisCache(None))


def template_refusals(
    frame: pl.DataFrame, tokenizer: str | None, train_model: str | None = None
) -> tuple[dict[str, str], str]:
    """Record id -> why the training model's chat template refuses the chat, and the
    tokenizer it came from; nothing to check without chats or without a template."""
    if "messages" not in frame.columns or not frame.get_column("messages").is_not_null().any():
        return {}, ESTIMATE
    path = resolve_tokenizer(tokenizer, train_model)
    if path is None:
        return {}, ESTIMATE
    template = _chat_template(path if path.is_dir() else path.parent)
    if template is None:
        return {}, str(path)
    chats = frame.get_column("messages").is_not_null().arg_true().to_list()
    _, _, problems = _render(frame[chats], template)
    ids = frame.get_column("id").to_list()
    return {ids[chats[index]]: why for index, why in problems.items()}, str(path)


def resolve_tokenizer(tokenizer: str | None, train_model: str | None) -> Path | None:
    """The tokenizer file or folder to count with, or None to estimate."""
    if tokenizer in (None, "", ESTIMATE):
        return None
    assert tokenizer is not None
    if tokenizer != AUTO_TOKENIZER:
        return tokenizer_path(tokenizer)
    return training_tokenizer(train_model)


def training_tokenizer(train_model: str | None) -> Path | None:
    """The training model's tokenizer folder where it is on this machine, else None."""
    from curate.models import (
        DEFAULT_MODEL,
        ModelError,
        converted_folder,
        default_model_folder,
        is_converted,
    )

    try:
        if train_model in (None, "", DEFAULT_MODEL):
            folder = default_model_folder()
            return folder if is_converted(folder) else None
    except ModelError:
        return None
    assert train_model is not None
    path = Path(train_model).expanduser()
    if path.is_dir():
        return path if (path / "tokenizer.json").is_file() else None
    if path.suffix == ".gguf" and path.is_file():
        folder = converted_folder(path, path.stem)
        return folder if is_converted(folder) else None
    return None  # a hub id: not downloaded by lint


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
    prompt_chars = pl.col("input").str.len_chars().fill_null(0)  # a missing text has none
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
        # Each turn beyond a user and an assistant adds the template's role markers.
        extra_turns = (pl.col("messages").list.len().fill_null(2) - 2).clip(lower_bound=0)
        prompt_chars = prompt_chars + extra_turns * TURN_TOKENS * CHARS_PER_TOKEN
    counts = frame.select(
        ((prompt_chars / CHARS_PER_TOKEN).ceil() + ESTIMATED_TEMPLATE_TOKENS)
        .cast(pl.Int64)
        .alias("prompt"),
        (pl.col("output").str.len_chars().fill_null(0) / CHARS_PER_TOKEN)
        .ceil()
        .cast(pl.Int64)
        .alias("out"),
    )
    prompt = counts.get_column("prompt")
    return TokenCounts(prompt, prompt + counts.get_column("out"), exact=False, source="estimate")


def _exact(frame: pl.DataFrame, path: Path, limit: int | None, cache: AnalysisCache) -> TokenCounts:
    try:
        import tokenizers  # noqa: F401  (loaded on first use; missing, the error says what to install)
    except ImportError:
        raise TokenizerError(
            "lint.tokenizer needs the `tokenizers` package: pip install 'curate-sft[train]'"
        ) from None
    folder = path if path.is_dir() else path.parent
    file = path / "tokenizer.json" if path.is_dir() else path
    if not file.is_file():
        raise TokenizerError(f"{file}: no tokenizer.json here")
    loaded = _Loaded(file, folder)
    key = _tokenizer_key(file, folder)
    records = _record_keys(frame)
    chunks = _chunk_counter(loaded, frame, records, cache, key)
    count = _Counter(loaded, frame, records, cache, key, chunks)
    estimate = _estimate(frame)
    prompt = estimate.prompt.to_numpy().astype(np.int64)
    total = estimate.total.to_numpy().astype(np.int64)
    if chunks is not None:
        # Every total exactly; a prompt only where the rules read it: the example reaches
        # the limit (how much of the reply is cut off, or all of it). Elsewhere the prompt
        # stays estimated, but never above its example's exact total, so that no estimate
        # can put a prompt over the limit.
        count(np.arange(frame.height), prompt, total, parts=("total",))
        np.minimum(prompt, total, out=prompt)
        over = np.arange(frame.height) if limit is None else np.flatnonzero(total >= limit)
        count(over, prompt, total, parts=("prompt",))
    else:
        wanted = _rows_to_count(count, frame, estimate, limit, prompt, total)
        count(wanted, prompt, total)
    return TokenCounts(
        pl.Series("prompt", prompt, dtype=pl.Int64),
        pl.Series("total", total, dtype=pl.Int64),
        exact=True,
        source=str(file),
    )


def _rows_to_count(
    count: _Counter,
    frame: pl.DataFrame,
    estimate: TokenCounts,
    limit: int | None,
    prompt: np.ndarray,
    total: np.ndarray,
) -> np.ndarray:
    """The rows still to count exactly: all without a limit; else a calibration sample is
    counted here (into `prompt` and `total`), and the rows left are those the estimate,
    calibrated on it and made generous, puts near or over the limit, and those of unusual
    composition (other scripts, digit- and symbol-heavy text, long chats)."""
    rows = frame.height
    if limit is None or rows <= CALIBRATION_RECORDS:
        return np.arange(rows)
    step = max(rows // CALIBRATION_RECORDS, 1)
    sample = np.arange(0, rows, step)[:CALIBRATION_RECORDS]
    count(sample, prompt, total)
    guessed_prompt = estimate.prompt.to_numpy()[sample]
    guessed_total = estimate.total.to_numpy()[sample]
    ratios = np.sort(
        np.maximum(
            total[sample] / np.maximum(guessed_total, 1),
            prompt[sample] / np.maximum(guessed_prompt, 1),
        )
    )
    ratio = float(ratios[min(len(ratios) - 1, int(len(ratios) * RATIO_QUANTILE))])
    factor = max(ratio * SAFETY, 1.0)  # an estimate left standing never crosses the limit
    text = pl.col("input").fill_null("") + pl.col("output").fill_null("")
    # Texts unlike the bulk are counted whatever their estimate: other scripts (2-4 bytes a
    # character, far from four characters a token; accents and curly quotes do not count)
    # and texts heavy in digits, symbols and code (ids, keys, tables) or in capitals (SHOUTED
    # text, which byte-level vocabularies split into short pieces), whose tokens are short.
    unusual = frame.select(
        (
            (text.str.len_bytes() > text.str.len_chars() * 1.3)
            | (text.str.count_matches(r"[^A-Za-z\s]") > text.str.len_chars() * UNUSUAL_SHARE)
            | (text.str.count_matches(r"[A-Z]") > text.str.len_chars() * UNUSUAL_SHARE)
        ).alias("u")
    )
    near = (estimate.total * factor >= limit) | unusual.get_column("u")
    if "messages" in frame.columns:
        near = near | (frame.get_column("messages").list.len().fill_null(0) > MANY_TURNS)
    wanted = near.to_numpy().copy()
    wanted[sample] = False
    return np.flatnonzero(wanted)


def _tokenizer_key(file: Path, folder: Path) -> str:
    """What a count depends on besides the record: the tokenizer and its chat template."""
    digest = hashlib.blake2b(file.read_bytes(), digest_size=16)
    digest.update((_template_source(folder) or "").encode())
    return digest.hexdigest()


def _record_keys(frame: pl.DataFrame) -> pl.DataFrame:
    """Per record, its key for the cache: `column_keys` of its fields."""
    fields = [c for c in ("input", "output", "messages") if c in frame.columns]
    return column_keys([frame.get_column(f) for f in fields])


class _Loaded:
    """The tokenizer, its chat template and whether it counts by chunks, each loaded when
    first asked for: a warm lint whose counts are all in the cache needs none of them
    (loading the tokenizer and compiling the template took 0.12 s of a 2.6 s re-lint)."""

    def __init__(self, file: Path, folder: Path) -> None:
        self.file, self.folder = file, folder

    @cached_property
    def tokenizer(self) -> Any:
        from tokenizers import Tokenizer

        return Tokenizer.from_file(str(self.file))

    @cached_property
    def template(self) -> Any:
        return _chat_template(self.folder)

    @cached_property
    def chunk_countable(self) -> bool:
        try:
            config = json.loads(self.file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return False
        return isinstance(config, dict) and chunk_countable(config)

    def encode_batch_fast(self, texts: list[str], add_special_tokens: bool) -> Any:
        """The tokenizer's own (what `ChunkCounter` calls)."""
        return self.tokenizer.encode_batch_fast(texts, add_special_tokens=add_special_tokens)


def _chunk_counter(
    loaded: _Loaded, frame: pl.DataFrame, records: pl.DataFrame, cache: AnalysisCache, key: str
) -> ChunkCounter | None:
    """A chunk counter where this tokenizer counts a text as the sum of its chunks and,
    on records spread over the dataset, chunk counts of the framed texts equal whole
    counts of the rendered ones; else None. Whether a record agrees is kept in `cache`
    by record and tokenizer, so that a warm run decides without loading the tokenizer."""
    if frame.height == 0:
        return None
    counter = ChunkCounter(loaded)
    step = max(frame.height // AGREEMENT_RECORDS, 1)
    sample = np.arange(0, frame.height, step)[:AGREEMENT_RECORDS]
    chosen = frame[sample]

    def agreeing(at: pl.Series) -> pl.DataFrame:
        if at.is_empty() or not loaded.chunk_countable:
            return pl.DataFrame({"agrees": [False] * len(at)}, schema={"agrees": pl.Boolean})
        batch = chosen[at]
        prompts, totals, _ = _render(batch, loaded.template)
        framed = _framed(batch, loaded.template)
        encoded = loaded.encode_batch_fast(prompts + totals, add_special_tokens=False)
        whole = np.array([len(e.ids) for e in encoded], dtype=np.int64).reshape(2, -1)
        chunked = counter(pl.concat(framed)).to_numpy().reshape(2, -1)
        return pl.DataFrame({"agrees": (whole == chunked).all(axis=0)})

    agreed = cache.rows_at("tokens-chunks-agree", key, records[sample], agreeing, _COUNT_CODE)
    return counter if agreed.get_column("agrees").all() else None


class _Counter:
    """Renders rows and counts their tokens (a chat the template refuses is counted as its
    plain text; SCH010 reports it), reading counts made before from the cache. With a
    chunk counter, rows are framed rather than rendered and counted by chunks."""

    def __init__(
        self,
        loaded: _Loaded,
        frame: pl.DataFrame,
        records: pl.DataFrame,
        cache: AnalysisCache,
        key: str,
        chunks: ChunkCounter | None = None,
    ) -> None:
        self.loaded, self.frame, self.records = loaded, frame, records
        self.cache, self.key, self.chunks = cache, key, chunks

    def __call__(
        self,
        rows: np.ndarray,
        prompt: np.ndarray,
        total: np.ndarray,
        parts: tuple[str, ...] = ("prompt", "total"),
    ) -> None:
        """Count `rows` into `prompt` and `total` (only the `parts` named)."""
        if not len(rows):
            return
        # Rows are gathered from the frame a slice at a time (`_counted`), never all at once.
        frame_rows = pl.Series("row", rows, dtype=pl.UInt32)

        def counted(at: pl.Series) -> pl.DataFrame:
            if at.is_empty():
                return pl.DataFrame(schema=dict.fromkeys(parts, pl.Int64))
            return self._counted(frame_rows.gather(at), parts)

        analysis = "-".join(("tokens", *parts))
        counts = self.cache.rows_at(analysis, self.key, self.records[rows], counted, _COUNT_CODE)
        into = {"prompt": prompt, "total": total}
        for part in parts:
            into[part][rows] = counts.get_column(part).to_numpy()

    def _counted(self, rows: pl.Series, parts: tuple[str, ...]) -> pl.DataFrame:
        """Counts of the records at `rows` of the frame, gathered a slice at a time."""
        slices = [
            self._counted_slice(self.frame[rows.slice(start, FRAMED_RECORDS)], parts)
            for start in range(0, max(len(rows), 1), FRAMED_RECORDS)
        ]
        return pl.concat(slices)

    def _counted_slice(self, chosen: pl.DataFrame, parts: tuple[str, ...]) -> pl.DataFrame:
        if self.chunks is not None:
            # Framed prompts and examples of a slice only: a million at once are gigabytes.
            prompt, total = _framed(chosen, self.loaded.template)
            texts = {"prompt": prompt, "total": total}
            return pl.DataFrame({part: self.chunks(texts[part]) for part in parts})
        prompts, totals, _ = _render(chosen, self.loaded.template)
        encode = self.loaded.encode_batch_fast
        rendered = {"prompt": prompts, "total": totals}
        return pl.DataFrame(
            {
                part: [len(e.ids) for e in encode(rendered[part], add_special_tokens=False)]
                for part in parts
            },
            schema=dict.fromkeys(parts, pl.Int64),
        )


def _chat_template(folder: Path) -> Any:
    source = _template_source(folder)
    if not source:
        return None
    from jinja2.exceptions import TemplateSyntaxError
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    # As transformers renders templates: loop controls on, `raise_exception` defined, and
    # the `{% generation %}` markers of assistant-mask templates are only markers.
    env = ImmutableSandboxedEnvironment(
        trim_blocks=True, lstrip_blocks=True, extensions=["jinja2.ext.loopcontrols"]
    )
    env.globals["raise_exception"] = _raise_exception
    env.globals.update(_special_tokens(folder))  # `{{ bos_token }}` renders as in training
    source = re.sub(r"{%-?\s*(?:end)?generation\s*-?%}", "", source)
    try:
        return env.from_string(source)
    except TemplateSyntaxError:
        return None  # a template jinja cannot read: counts fall back to plain text


def _special_tokens(folder: Path) -> dict[str, str]:
    """`bos_token`, `eos_token` (and the others transformers passes a template) from the
    folder's tokenizer_config.json: a string, or a dict with `content`."""
    config = folder / "tokenizer_config.json"
    try:
        values = json.loads(config.read_text(encoding="utf-8")) if config.is_file() else {}
    except (OSError, ValueError):
        return {}
    found = {}
    for name in ("bos_token", "eos_token", "pad_token", "unk_token"):
        value = values.get(name)
        if isinstance(value, dict):
            value = value.get("content")
        if isinstance(value, str):
            found[name] = value
    return found


def _raise_exception(message: str) -> None:
    from jinja2.exceptions import TemplateError

    raise TemplateError(message)


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


def _render(frame: pl.DataFrame, template: Any) -> tuple[list[str], list[str], dict[int, str]]:
    """Prompt text (up to the start of the reply) and full text of each record, and the
    rows the template refuses (Gemma- or Mistral-style templates raise on a system turn),
    with why; those are counted as plain text."""
    from jinja2.exceptions import TemplateError

    prompts: list[str] = []
    totals: list[str] = []
    refused: dict[int, str] = {}
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
        try:
            prompts.append(template.render(messages=turns[:-1], add_generation_prompt=True))
            totals.append(template.render(messages=turns, add_generation_prompt=False))
        except TemplateError as exc:
            refused[len(totals)] = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            del prompts[len(totals) :]
            prompt = "\n".join(t["content"] or "" for t in turns[:-1])
            prompts.append(prompt)
            totals.append(prompt + "\n" + (turns[-1]["content"] or ""))
    return prompts, totals, refused


def _framed(frame: pl.DataFrame, template: Any) -> tuple[pl.Series, pl.Series]:
    """The texts `_render` makes (prompt, whole example), in order. An input/output pair
    (a user turn and an assistant turn), and a chat whose turns hold only a role and a
    text, is put into the template's frame by polars where the template puts the texts
    in verbatim (one frame per sequence of roles); other records are rendered one by one."""
    n = frame.height
    prompt = pl.Series("text", [None] * n, dtype=pl.String)
    total = pl.Series("text", [None] * n, dtype=pl.String)
    done = pl.Series([False] * n, dtype=pl.Boolean)
    pair = pl.col("input").is_not_null() & pl.col("output").is_not_null()
    if "messages" in frame.columns:
        pair = pair & pl.col("messages").is_null()
    is_pair = frame.select(pair.alias("pair")).get_column("pair")
    pair_frame = _chat_frame(template, ("user", "assistant")) if is_pair.any() else None
    # Rows, the frame around their texts (prompt pieces, example pieces), and the texts.
    groups: list[tuple[pl.Series, tuple[list[str], list[str]] | None, list[pl.Expr]]] = [
        (is_pair.arg_true(), pair_frame, [pl.col("input"), pl.col("output")])
    ]
    for rows, pieces in _chat_groups(frame, template):
        turns = range(len(pieces[1]) - 1)
        content = [pl.col("messages").list.get(i).struct.field("content") for i in turns]
        groups.append((rows, pieces, content))
    for rows, around, content in groups:
        if around is None:
            continue
        texts = frame[rows].select(
            _interleave(around[0], content[:-1]).alias("prompt"),
            _interleave(around[1], content).alias("total"),
        )
        prompt = prompt.scatter(rows, texts.get_column("prompt"))
        total = total.scatter(rows, texts.get_column("total"))
        done = done.scatter(rows, True)
    others = (~done).arg_true()
    if others.len():
        rendered, wholes, _ = _render(frame[others.to_list()], template)
        prompt = prompt.scatter(others, pl.Series(rendered, dtype=pl.String))
        total = total.scatter(others, pl.Series(wholes, dtype=pl.String))
    return prompt, total


def _interleave(pieces: list[str], contents: list[pl.Expr]) -> pl.Expr:
    """pieces[0] + contents[0] + pieces[1] + ... + pieces[-1]."""
    parts: list[pl.Expr] = [pl.lit(pieces[0])]
    for piece, content in zip(pieces[1:], contents, strict=True):
        parts += [content, pl.lit(piece)]
    return pl.concat_str(parts)


CHAT_FRAMES = 64
"""Sequences of roles framed at most (the most frequent); chats of others are rendered."""


def _chat_groups(
    frame: pl.DataFrame, template: Any
) -> list[tuple[pl.Series, tuple[list[str], list[str]]]]:
    """Rows of chats to frame, by sequence of roles, with their frames: chats whose turns
    hold a role and a text and nothing else, under a template that frames them."""
    if "messages" not in frame.columns:
        return []
    turn = frame.schema["messages"]
    fields = getattr(getattr(turn, "inner", None), "fields", None)
    if fields is None or {field.name for field in fields} != {"role", "content"}:
        return []
    element = pl.element().struct
    keyed = frame.select(
        pl.col("messages").list.eval(element.field("role")).list.join("\x1f").alias("roles"),
        (
            pl.col("messages").is_not_null()
            & (pl.col("messages").list.len() > 0)
            & ~pl.col("messages").list.eval(element.field("content").is_null()).list.any()
            & ~pl.col("messages").list.eval(element.field("role").is_null()).list.any()
        ).alias("framable"),
    ).with_row_index("row")
    keyed = keyed.filter(pl.col("framable"))
    groups = []
    counts = keyed.group_by("roles").len().sort("len", descending=True).head(CHAT_FRAMES)
    for roles in counts.get_column("roles").to_list():
        frames = _chat_frame(template, tuple(roles.split("\x1f")))
        if frames is not None:
            rows = keyed.filter(pl.col("roles") == roles).get_column("row")
            groups.append((rows, frames))
    return groups


def _chat_frame(template: Any, roles: tuple[str, ...]) -> tuple[list[str], list[str]] | None:
    """How the template frames a chat of these roles, where it puts every text in verbatim:
    the prompt (all turns but the last, and the generation prompt) as pieces around the
    first k - 1 texts, the whole example as pieces around all k. None where a probe chat
    does not render so."""
    k = len(roles)
    if template is None:  # `_render`: the prompt's texts joined by newlines, then the last
        prompt_pieces = [""] + ["\n"] * (k - 2) + [""] if k > 1 else [""]
        return prompt_pieces, [*prompt_pieces[:-1], prompt_pieces[-1] + "\n", ""]
    from jinja2.exceptions import TemplateError

    def render(contents: list[str]) -> tuple[str, str]:
        turns = [
            {"role": role, "content": text} for role, text in zip(roles, contents, strict=True)
        ]
        return (
            template.render(messages=turns[:-1], add_generation_prompt=True),
            template.render(messages=turns, add_generation_prompt=False),
        )

    marks = [f"\x00curate-{i}\x00" for i in range(k)]
    try:
        prompt, total = render(marks)
        around_prompt, around_total = _pieces(prompt, marks[:-1]), _pieces(total, marks)
        if around_prompt is None or around_total is None:
            return None
        texts = [text for pair in PROBE_PAIRS for text in pair]
        for shift in range(len(texts)):
            probe = [texts[(i + shift) % len(texts)] for i in range(k)]
            expected = (_fill(around_prompt, probe[:-1]), _fill(around_total, probe))
            if render(probe) != expected:
                return None
    except TemplateError:
        return None
    return around_prompt, around_total


def _pieces(text: str, marks: list[str]) -> list[str] | None:
    """`text` cut at each mark, the marks in order and each there once; else None."""
    if any(text.count(mark) != 1 for mark in marks):
        return None
    pieces = []
    rest = text
    for mark in marks:
        before, found, rest = rest.partition(mark)
        if not found:
            return None
        pieces.append(before)
    return [*pieces, rest]


def _fill(pieces: list[str], texts: list[str]) -> str:
    return pieces[0] + "".join(text + piece for text, piece in zip(texts, pieces[1:], strict=True))
