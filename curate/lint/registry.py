"""The rule registry: registration with checks on codes and docs, and ruff-style selection."""

from __future__ import annotations

import importlib
import pkgutil
import re
from importlib.metadata import entry_points

from curate.lint.rule import Rule

CODE_PATTERN = re.compile(r"^[A-Z]{3,4}\d{3}$")
NAME_PATTERN = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
FAMILIES = ("SCH", "DUP", "BAL", "SIZE", "LEAK", "LANG", "LEN", "FMT", "MOD")
DOC_SECTIONS = ("## Why it matters", "## Example", "## Fix")

_RULES: dict[str, type[Rule]] = {}


class RegistryError(Exception):
    """A rule definition breaks the registry's contract, or a selector matches nothing."""


def register(rule: type[Rule]) -> type[Rule]:
    """Class decorator: add a rule after checking its code, name and docstring."""
    code, name = getattr(rule, "code", ""), getattr(rule, "name", "")
    if not CODE_PATTERN.match(code):
        raise RegistryError(f"{rule.__name__}: code {code!r} must look like DUP001")
    if not NAME_PATTERN.match(name):
        raise RegistryError(f"{rule.__name__}: name {name!r} must be kebab-case")
    if code in _RULES and _RULES[code] is not rule:
        raise RegistryError(f"{rule.__name__}: code {code} is taken by {_RULES[code].__name__}")
    if any(other.name == name and other is not rule for other in _RULES.values()):
        raise RegistryError(f"{rule.__name__}: name {name!r} is taken")
    doc = rule.doc()
    missing = [section for section in DOC_SECTIONS if section not in doc.splitlines()]
    if not rule.summary() or missing:
        raise RegistryError(f"{rule.__name__}: docstring needs a summary and {missing}")
    _RULES[code] = rule
    return rule


def all_rules() -> dict[str, type[Rule]]:
    """Every registered rule by code, built-in checks and `curate.checks` plugins, sorted."""
    _load_builtin()
    return dict(sorted(_RULES.items(), key=lambda item: _sort_key(item[0])))


def _sort_key(code: str) -> tuple[int, str]:
    family = code.rstrip("0123456789")
    return (FAMILIES.index(family) if family in FAMILIES else len(FAMILIES), code)


_loaded = False


def _load_builtin() -> None:
    global _loaded
    if _loaded:
        return
    import curate.lint.checks as checks

    for module in pkgutil.walk_packages(checks.__path__, prefix="curate.lint.checks."):
        importlib.import_module(module.name)
    for plugin in entry_points(group="curate.checks"):
        plugin.load()
    _loaded = True


def select_rules(select: list[str], extend_select: list[str], ignore: list[str]) -> list[str]:
    """Codes chosen by prefix, like ruff: `ALL`, a family (`DUP`) or a code (`LEAK005`).

    The longest matching prefix wins, so `select = ["DUP"]`, `ignore = ["DUP002"]` runs
    every DUP rule but DUP002, and `ignore = ["DUP"]`, `select = ["DUP003"]` runs DUP003.
    """
    codes = list(all_rules())
    for selector in [*select, *extend_select, *ignore]:
        if selector != "ALL" and not any(code.startswith(selector) for code in codes):
            raise RegistryError(f"unknown rule or prefix {selector!r} (see `curate rules`)")

    def weight(code: str, selectors: list[str]) -> int:
        matches = [
            len(s) if s != "ALL" else 0 for s in selectors if s == "ALL" or code.startswith(s)
        ]
        return max(matches, default=-1)

    chosen = []
    for code in codes:
        included = weight(code, [*select, *extend_select])
        if included >= 0 and included > weight(code, ignore):
            chosen.append(code)
    return chosen
