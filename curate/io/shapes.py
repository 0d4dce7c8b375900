"""The fine-tuning record shapes, detected from field names and mapped onto the canonical frame.

Shapes: plain input/output (field names configurable: prompt/completion, question/answer, ...),
Alpaca (instruction, input, output; Dolly's instruction/context/response too), ShareGPT
(`conversations` of from/value turns) and OpenAI-style chat (`messages` of role/content turns).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

import polars as pl

from curate.io.canonical import CANONICAL_COLUMNS
from curate.io.errors import DatasetError
from curate.io.jsonl import LINE_COLUMN, TEXT_COLUMN, json_type
from curate.schemas.settings import FieldSettings

SYSTEM_COLUMN = "__curate_system"
"""Temporary column: the system prompt of chat records, part of the content hash."""
FILE_ID_COLUMN = "__curate_file_id"
"""Temporary column: the file's own id, used as the record id when unique."""

INPUT_OUTPUT_PAIRS = (
    ("input", "output"),
    ("prompt", "completion"),
    ("prompt", "response"),
    ("question", "answer"),
    ("query", "response"),
)
ROLE_ALIASES = {
    "human": "user",
    "gpt": "assistant",
    "chatgpt": "assistant",
    "bot": "assistant",
    "model": "assistant",
    "function": "tool",
    "observation": "tool",
}
_REGEX_META = re.compile(r"([.^$*+?()\[\]{}|\\])")
# A \u escape inside a JSON key (the string ends in `":`): such a key may decode to a field
# name we check, so the record is checked exactly. Anchored on the escape to stay cheap.
_ESCAPED_KEY = r'\\u[0-9a-fA-F]{4}(?:[^"\\]|\\.)*"\s*:'


@dataclass(frozen=True)
class Shape:
    """A detected record shape and the source fields it reads."""

    name: str
    input: str = ""
    output: str = ""
    context: str = ""
    turns: str = ""
    role: str = ""
    content: str = ""

    @property
    def is_chat(self) -> bool:
        return bool(self.turns)

    def fields_read(self) -> set[str]:
        """Every top-level field the shape reads."""
        return {f for f in (self.input, self.output, self.context, self.turns) if f}

    def fields_replaced(self) -> set[str]:
        """Fields the canonical columns stand in for; the others are kept as extras.

        Alpaca's instruction and input both go into `input`, so they stay as they were
        for writing the records back in their own shape.
        """
        if self.name == "alpaca":
            return {self.output}
        return self.fields_read()


def detect_shape(path: str, columns: list[str], fields: FieldSettings) -> Shape:
    """Pick the shape from the file's field names, or the one the user asked for."""
    present = set(columns)
    wanted = fields.shape
    if fields.input or fields.output or wanted == "input-output":
        return _input_output(path, present, fields)
    if wanted in ("auto", "messages") and "messages" in present:
        return Shape("messages", turns="messages", role="role", content="content")
    if wanted in ("auto", "sharegpt") and "conversations" in present:
        return Shape("sharegpt", turns="conversations", role="from", content="value")
    output = next((f for f in ("output", "response") if f in present), "")
    if wanted in ("auto", "alpaca") and "instruction" in present and output:
        context = next((f for f in ("input", "context") if f in present), "")
        return Shape("alpaca", input="instruction", output=output, context=context)
    if wanted == "auto":
        return _input_output(path, present, fields)
    needs = {
        "messages": "'messages'",
        "sharegpt": "'conversations'",
        "alpaca": "'instruction' and 'output'",
    }[wanted]
    raise DatasetError(path, f"{wanted} format needs the field {needs}; found {_listed(columns)}")


def _input_output(path: str, present: set[str], fields: FieldSettings) -> Shape:
    pairs = [(fields.input or "input", fields.output or "output")]
    if not (fields.input or fields.output):
        pairs = list(INPUT_OUTPUT_PAIRS)
    for input_field, output_field in pairs:
        if input_field in present and output_field in present:
            return Shape("input-output", input=input_field, output=output_field)
    if fields.input or fields.output:
        missing = [f for f in pairs[0] if f not in present]
        raise DatasetError(path, f"field {missing[0]!r} not found; found {_listed(present)}")
    raise DatasetError(
        path,
        f"cannot tell the record format from the fields {_listed(present)}; expected "
        "input/output, prompt/completion, instruction/output (Alpaca), conversations "
        "(ShareGPT) or messages; set --shape or --input-field/--output-field",
    )


def _listed(columns: set[str] | list[str]) -> str:
    shown = sorted(c for c in columns if not c.startswith("__curate_"))
    return "[" + ", ".join(shown[:12]) + (", ..." if len(shown) > 12 else "") + "]"


# --- validation -------------------------------------------------------------------------------


def suspicious_rows(shape: Shape, frame: pl.DataFrame) -> pl.Series:
    """Rows that may hold a missing, null, duplicated or non-string field.

    polars quietly turns a number into a string when a column is mostly strings, so the
    record's JSON text is checked too: each field we read must appear once, with a string
    value. Rows flagged here are checked exactly by `record_problem`; the rest are fine.
    """
    required = [f for f in (shape.input, shape.output) if f]
    checks: list[pl.Expr] = [pl.col(f).is_null() for f in required]
    if shape.is_chat and not _has_turn_fields(shape, frame.schema[shape.turns]):
        # Some record's turns are not a list of objects (polars kept them as text): check all.
        return pl.Series([True] * frame.height, dtype=pl.Boolean)
    if shape.is_chat:
        turns = pl.col(shape.turns)
        checks.append(turns.is_null() | (turns.list.len() == 0))
        checks.append(
            turns.list.eval(
                pl.element().struct.field(shape.role).is_null()
                | pl.element().struct.field(shape.content).is_null()
            ).list.any()
        )
    if TEXT_COLUMN in frame.columns:
        text = pl.col(TEXT_COLUMN)
        checks.append(text.str.contains(_ESCAPED_KEY))
        for key in required:
            checks.append(_key_count(key) != 1)
            checks.append(_key_count(key, '"') != 1)
        if shape.context:
            checks.append(_key_count(shape.context) != _key_count(shape.context, '(?:"|null)'))
            checks.append(_key_count(shape.context) > 1)
        if shape.is_chat:
            turns_len = pl.col(shape.turns).list.len()
            checks.append(_key_count(shape.turns) != 1)
            checks.append(_key_count(shape.turns, r"\[") != 1)
            for key in (shape.role, shape.content):
                checks.append(_key_count(key) != turns_len)
                checks.append(_key_count(key, '"') != turns_len)
    return frame.select(pl.any_horizontal(checks).fill_null(True)).to_series()


def _has_turn_fields(shape: Shape, dtype: pl.DataType) -> bool:
    inner = dtype.inner if isinstance(dtype, pl.List) else None
    names = {f.name for f in inner.fields} if isinstance(inner, pl.Struct) else set()
    return {shape.role, shape.content} <= names


def _key_count(key: str, value_start: str = "") -> pl.Expr:
    pattern = _REGEX_META.sub(r"\\\1", json.dumps(key)) + r"\s*:"
    if value_start:
        pattern += r"\s*" + value_start
    return pl.col(TEXT_COLUMN).str.count_matches(pattern)


def record_problem(shape: Shape, record: Any) -> tuple[str, str] | None:
    """The exact reason a record cannot be used, as (kind, message); None when it is fine."""
    if not isinstance(record, dict):
        return "not-an-object", f"expected a JSON object, got {json_type(record)}"
    checked = shape.fields_read() | {shape.role, shape.content}
    duplicated = record.pop(_DUPLICATES, set()) & checked
    if duplicated:
        return "duplicate-key", f"duplicate key {sorted(duplicated)[0]!r}"
    for key in (shape.input, shape.output):
        if key and (problem := _string_problem(record, key, "")) is not None:
            return problem
    if shape.context and record.get(shape.context) is not None:
        problem = _string_problem(record, shape.context, "")
        if problem is not None:
            return problem
    if shape.is_chat:
        return _turns_problem(shape, record)
    return None


def _string_problem(record: dict[str, Any], key: str, where: str) -> tuple[str, str] | None:
    if key not in record:
        return "missing-field", f"{where}missing field {key!r}"
    value = record[key]
    if value is None:
        return "null-field", f"{where}field {key!r} is null"
    if not isinstance(value, str):
        return "wrong-type", f"{where}field {key!r} must be a string, got {json_type(value)}"
    return None


def _turns_problem(shape: Shape, record: dict[str, Any]) -> tuple[str, str] | None:
    turns = record.get(shape.turns)
    if shape.turns not in record:
        return "missing-field", f"missing field {shape.turns!r}"
    if not isinstance(turns, list):
        return "wrong-type", f"field {shape.turns!r} must be an array, got {json_type(turns)}"
    if not turns:
        return "missing-field", f"field {shape.turns!r} holds no turns"
    for number, turn in enumerate(turns, start=1):
        where = f"{shape.turns}[{number - 1}]: "
        if not isinstance(turn, dict):
            return "wrong-type", f"{where}turn must be an object, got {json_type(turn)}"
        for key in (shape.role, shape.content):
            if (problem := _string_problem(turn, key, where)) is not None:
                return problem
    return None


_DUPLICATES = "\x00duplicates"


def parse_checked(text: str) -> Any:
    """json.loads that records duplicate keys of the outer object for `record_problem`."""
    duplicates: set[str] = set()

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        obj: dict[str, Any] = {}
        for key, value in items:
            if key in obj:
                duplicates.add(key)
            obj[key] = value
        return obj

    value = json.loads(text, object_pairs_hook=pairs)
    if isinstance(value, dict) and duplicates:
        value[_DUPLICATES] = duplicates
    return value


# --- mapping onto the canonical frame ---------------------------------------------------------


def to_canonical(
    path: str, shape: Shape, frame: pl.DataFrame, fields: FieldSettings
) -> pl.DataFrame:
    """Canonical columns (without id and source) plus every extra column as it was.

    An extra column whose name is taken by a canonical one (Alpaca's `input`) is kept as
    `raw.<name>`; the file's id column is kept aside for the dataset to decide on.
    """
    lang_field = _lang_field(frame)
    columns = [
        *_text_columns(shape, frame),
        _category(path, frame, fields.category),
        (pl.col(lang_field) if lang_field else pl.lit(None, dtype=pl.String)).alias("lang"),
        pl.col(LINE_COLUMN).cast(pl.UInt32).alias("source_line"),
    ]
    if fields.id in frame.columns:
        columns.append(pl.col(fields.id).alias(FILE_ID_COLUMN))
    consumed = shape.fields_replaced() | {fields.category, fields.id, lang_field}
    consumed |= {LINE_COLUMN, TEXT_COLUMN}
    extras = [
        pl.col(c).alias(f"raw.{c}" if c in CANONICAL_COLUMNS else c)
        for c in frame.columns
        if c not in consumed
    ]
    return frame.select(*columns, *extras)


def _text_columns(shape: Shape, frame: pl.DataFrame) -> list[pl.Expr]:
    if shape.is_chat:
        return _chat_columns(shape)
    text = pl.col(shape.input)
    if shape.context and shape.context in frame.columns:
        context = pl.col(shape.context).fill_null("")
        text = (
            pl.when(context.str.strip_chars() != "")
            .then(pl.concat_str([text, pl.lit("\n\n"), context]))
            .otherwise(text)
        )
    return [
        text.alias("input"),
        pl.col(shape.output).alias("output"),
        pl.lit("").alias(SYSTEM_COLUMN),
    ]


def _chat_columns(shape: Shape) -> list[pl.Expr]:
    turn = pl.element().struct
    messages = pl.col(shape.turns).list.eval(
        pl.struct(
            turn.field(shape.role).str.to_lowercase().replace(ROLE_ALIASES).alias("role"),
            turn.field(shape.content).alias("content"),
        )
    )
    role = turn.field("role")
    last = messages.list.last().struct
    ends_with_reply = last.field("role") == "assistant"
    prefix = pl.when(ends_with_reply).then(messages.list.head(messages.list.len() - 1))
    prompt = prefix.otherwise(messages).list.eval(pl.element().filter(role != "system"))
    rendered = prompt.list.eval(
        pl.concat_str([role, pl.lit(": "), turn.field("content")])
    ).list.join("\n\n")
    single = prompt.list.first().struct.field("content")
    system = messages.list.eval(pl.element().filter(role == "system").struct.field("content"))
    return [
        pl.when(prompt.list.len() == 1).then(single).otherwise(rendered).alias("input"),
        pl.when(ends_with_reply).then(last.field("content")).otherwise(pl.lit("")).alias("output"),
        messages.alias("messages"),
        system.list.join("\n").alias(SYSTEM_COLUMN),
    ]


def _category(path: str, frame: pl.DataFrame, field: str) -> pl.Expr:
    if field in frame.columns and frame.schema[field].is_nested():
        raise DatasetError(path, f"field {field!r} must be a string or number, not a container")
    if field not in frame.columns:
        return pl.lit(None, dtype=pl.String).alias("category")
    return pl.col(field).cast(pl.String).alias("category")


def _lang_field(frame: pl.DataFrame) -> str:
    """The file's language field (`lang` or `language`, text only), or ''."""
    for field in ("lang", "language"):
        if field in frame.columns and frame.schema[field] == pl.String:
            return field
    return ""


# --- writing changed values back into a source record -----------------------------------------


def set_fields(
    shape: Shape,
    record: dict[str, Any],
    category_field: str,
    input: str | None = None,
    output: str | None = None,
    category: str | None = None,
) -> dict[str, Any]:
    """Put edited canonical values back into a record of this shape, in place.

    An edited Alpaca input becomes the instruction (with an empty `input`); an edited chat
    input replaces the last user turn; an edited chat output the final assistant turn.
    """
    if output is not None:
        if shape.is_chat:
            turns = record[shape.turns]
            last = turns[-1] if turns else None
            role = (last or {}).get(shape.role, "")
            if (
                last is not None
                and ROLE_ALIASES.get(str(role).lower(), str(role).lower()) == "assistant"
            ):
                last[shape.content] = output
            else:
                turns.append(
                    {
                        shape.role: "gpt" if shape.name == "sharegpt" else "assistant",
                        shape.content: output,
                    }
                )
        else:
            record[shape.output] = output
    if input is not None:
        if shape.is_chat:
            users = [
                t
                for t in record[shape.turns]
                if ROLE_ALIASES.get(str(t.get(shape.role)).lower(), str(t.get(shape.role)).lower())
                == "user"
            ]
            if users:
                users[-1][shape.content] = input
        else:
            record[shape.input] = input
            if shape.context:
                record[shape.context] = ""
    if category is not None:
        record[category_field] = category
    return record
