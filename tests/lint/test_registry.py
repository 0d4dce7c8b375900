"""The registry: codes, names and docs of every rule; ruff-style selection."""

from __future__ import annotations

import pytest

from curate.lint.registry import (
    CODE_PATTERN,
    DOC_SECTIONS,
    FAMILIES,
    RegistryError,
    all_rules,
    register,
    select_rules,
)
from curate.lint.rule import Rule
from curate.schemas.finding import Severity


def test_every_family_has_rules_and_every_rule_is_documented() -> None:
    rules = all_rules()
    assert {code.rstrip("0123456789") for code in rules} == set(FAMILIES)
    for code, rule in rules.items():
        assert CODE_PATTERN.match(code)
        assert rule.summary() and rule.fix_hint(), code
        for section in DOC_SECTIONS:
            assert section in rule.doc(), (code, section)
        assert len({r.name for r in rules.values()}) == len(rules)


def test_selection_by_prefix_longest_match_wins() -> None:
    codes = list(all_rules())
    assert select_rules(["ALL"], [], []) == codes
    assert select_rules(["DUP"], [], ["DUP002"]) == ["DUP001", "DUP003", "DUP004"]
    assert select_rules(["ALL"], [], ["DUP"]) == [c for c in codes if not c.startswith("DUP")]
    assert "DUP003" in select_rules(["ALL", "DUP003"], [], ["DUP"])
    assert select_rules(["LEN001"], ["FMT"], []) == ["LEN001", "FMT001", "FMT002", "FMT003"]
    with pytest.raises(RegistryError, match="unknown rule or prefix 'XYZ'"):
        select_rules(["XYZ"], [], [])


def test_register_rejects_bad_definitions() -> None:
    class BadCode(Rule):
        """Summary.

        ## Why it matters
        x
        ## Example
        x
        ## Fix
        x
        """

        code = "dup1"
        name = "bad-code"
        severity = Severity.ERROR

    with pytest.raises(RegistryError, match="must look like DUP001"):
        register(BadCode)

    class Undocumented(Rule):
        """Only a summary."""

        code = "XYZ901"
        name = "undocumented"
        severity = Severity.ERROR

    with pytest.raises(RegistryError, match="docstring needs"):
        register(Undocumented)

    class Taken(Rule):
        """Summary.

        ## Why it matters
        x
        ## Example
        x
        ## Fix
        x
        """

        code = "DUP001"
        name = "another-name"
        severity = Severity.ERROR

    with pytest.raises(RegistryError, match="is taken"):
        register(Taken)


def test_rules_reference_is_up_to_date() -> None:
    from curate.lint.docs import rules_markdown
    from tests.conftest import ROOT

    assert (ROOT / "docs" / "RULES.md").read_text() == rules_markdown(), (
        "regenerate with: curate rules --markdown > docs/RULES.md"
    )
