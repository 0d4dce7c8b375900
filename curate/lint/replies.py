"""Format validity of generated replies: the configured FMT lint rules, run on the replies.

A rule is configured when it has options under `[tool.curate.lint.options.FMT00x]` and
the lint selection runs it. Replies are checked by the rules themselves (through a small
canonical frame of the replies), so eval and lint can never disagree on what is valid.
JSON Schema validation (FMT002) leaves outputs that are not JSON at all to FMT001; here
such a reply is invalid too, so FMT002 brings FMT001 with `require = true` over its scope.
"""

from __future__ import annotations

from typing import Any

import polars as pl

from curate.config import ConfigError
from curate.io import Dataset, SourceFile
from curate.io.canonical import CANONICAL_SCHEMA
from curate.io.shapes import Shape
from curate.lint.checks.format import FormatScope, outputs_in_scope
from curate.lint.context import LintContext
from curate.lint.engine import build_rules
from curate.lint.registry import RegistryError, all_rules, select_rules
from curate.lint.rule import Rule
from curate.schemas.settings import CurateSettings

FORMAT_FAMILY = "FMT"
JSON_RULE, SCHEMA_RULE = "FMT001", "FMT002"


def format_rules(settings: CurateSettings) -> list[Rule]:
    """The FMT rules configured in `settings` and selected, with their validated options."""
    lint = settings.lint
    try:
        selected = set(select_rules(lint.select, lint.extend_select, lint.ignore))
    except RegistryError as exc:
        raise ConfigError(f"lint: {exc}") from None
    codes = [c for c in lint.options if c.startswith(FORMAT_FAMILY) and c in selected]
    if not codes:
        return []
    only = lint.model_copy(update={"select": codes, "extend_select": [], "ignore": []})
    rules = [r for r in build_rules(settings.model_copy(update={"lint": only})) if _active(r)]
    schema = next((r for r in rules if r.code == SCHEMA_RULE), None)
    if schema is not None:
        json_rule = all_rules()[JSON_RULE]
        scope: FormatScope = schema.options  # type: ignore[assignment]
        options = {"require": True, "categories": scope.categories}
        rules.append(json_rule(json_rule.Options.model_validate(options)))
    return rules


def _active(rule: Rule) -> bool:
    """FMT002 without a schema file and FMT003 without a pattern check nothing."""
    return all(getattr(rule.options, key, True) is not None for key in ("schema_file", "pattern"))


def format_validity(
    rules: list[Rule], settings: CurateSettings, records: list[dict[str, Any]], replies: list[str]
) -> list[bool | None]:
    """Per reply: True when it passes every rule in whose scope its record is, False when
    one rule reports it, None when no rule applies to it."""
    if not rules:
        return [None] * len(replies)
    ctx = LintContext(replies_dataset(records, replies), settings)
    in_scope: set[str] = set()
    invalid: set[str] = set()
    for rule in rules:
        scope: FormatScope = rule.options  # type: ignore[assignment]
        in_scope.update(outputs_in_scope(ctx, scope.categories).get_column("id").to_list())
        for violation in rule.check(ctx):
            invalid.update(violation.records)
    return [None if str(i) not in in_scope else str(i) not in invalid for i in range(len(replies))]


def replies_dataset(records: list[dict[str, Any]], replies: list[str]) -> Dataset:
    """A canonical dataset whose outputs are the replies (ids are row numbers)."""
    frame = pl.DataFrame(
        {
            "id": [str(i) for i in range(len(replies))],
            "input": [r["input"] for r in records],
            "output": replies,
            "category": [r.get("category") for r in records],
            "lang": [None] * len(replies),
            "source": ["replies"] * len(replies),
            "source_line": list(range(1, len(replies) + 1)),
        },
        schema=CANONICAL_SCHEMA,
    )
    shape = Shape("input-output", input="input", output="output")
    source = SourceFile("replies", "jsonl", shape, len(replies), 0)
    return Dataset(frame, [source])
