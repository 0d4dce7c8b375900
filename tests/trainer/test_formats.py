"""Format validity of replies: the configured FMT rules decide, per reply and scope."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from curate.lint import format_rules, format_validity
from curate.schemas.settings import CurateSettings

RECORDS = [{"input": "q", "category": c} for c in ("a", "b", "b", None)]


def settings_with(options: dict[str, dict[str, Any]], **lint: Any) -> CurateSettings:
    return CurateSettings.model_validate({"lint": {"options": options, **lint}})


def validity(settings: CurateSettings, replies: list[str]) -> list[bool | None]:
    return format_validity(format_rules(settings), settings, RECORDS, replies)


def test_no_configured_format_rule_means_no_validity() -> None:
    settings = CurateSettings()
    assert format_rules(settings) == []
    assert validity(settings, ["x", "y", "z", "w"]) == [None] * 4
    # An FMT003 without a pattern checks nothing.
    assert format_rules(settings_with({"FMT003": {"categories": ["b"]}})) == []


def test_pattern_applies_to_its_categories_only() -> None:
    settings = settings_with({"FMT003": {"pattern": "(billing|shipping)", "categories": ["b"]}})
    assert validity(settings, ["billing", "shipping", "Refund", "x"]) == [None, True, False, None]


def test_ignored_rules_do_not_count() -> None:
    settings = settings_with({"FMT003": {"pattern": "x"}}, ignore=["FMT"])
    assert format_rules(settings) == []


def test_required_json_accepts_a_fenced_object_and_rejects_prose() -> None:
    settings = settings_with({"FMT001": {"require": True}})
    replies = ['```json\n{"a": 1}\n```', "Sure, here it is", "[1, 2]", '{"a": 1']
    assert validity(settings, replies) == [True, False, True, False]


def test_json_not_required_checks_only_what_looks_like_json() -> None:
    settings = settings_with({"FMT001": {"categories": ["a", "b"]}})
    assert validity(settings, ['{"a": 1', "prose", "{}", "{"]) == [False, True, True, None]


def test_a_schema_also_requires_json(tmp_path: Path) -> None:
    schema = tmp_path / "schema.json"
    schema.write_text(json.dumps({"type": "object", "required": ["status"]}))
    settings = settings_with({"FMT002": {"schema-file": str(schema)}})
    replies = ['{"status": "shipped"}', '{"order": 1}', "shipped", '{"status": 1}']
    assert validity(settings, replies) == [True, False, False, True]
