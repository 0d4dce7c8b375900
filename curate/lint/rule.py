"""What a lint rule is: a code, a name, a severity, options, a documented check."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import BaseModel, ConfigDict

from curate.schemas.finding import Location, Severity
from curate.schemas.settings import to_kebab

if TYPE_CHECKING:
    from curate.lint.context import LintContext


class RuleOptions(BaseModel):
    """A rule's parameters; set them under `[tool.curate.lint.options.CODE]` (kebab-case)."""

    model_config = ConfigDict(
        extra="forbid",
        alias_generator=to_kebab,
        validate_by_name=True,
        validate_by_alias=True,
        frozen=True,
        use_attribute_docstrings=True,
    )


@dataclass
class Violation:
    """One problem a rule found: the records involved, what is wrong, and details.

    Records are ids of the canonical frame; a problem with no record (an unreadable line)
    gives its `locations` instead.
    """

    records: list[str]
    message: str
    detail: dict[str, Any] = field(default_factory=dict)
    locations: list[Location] | None = None


class Rule:
    """Base class of every lint rule.

    A subclass sets `code`, `name`, `severity`, optionally a nested `Options` model, has a
    docstring with a summary line and the sections `## Why it matters`, `## Example` and
    `## Fix`, and implements `check`. Rules read the context and yield violations; they
    never print or exit.
    """

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity]
    Options: ClassVar[type[RuleOptions]] = RuleOptions
    fixable: ClassVar[bool] = False
    """True when `curate lint --fix` removes what this rule reports."""

    def __init__(self, options: RuleOptions | None = None) -> None:
        self.options = options if options is not None else self.Options()

    def check(self, ctx: LintContext) -> Iterator[Violation]:
        raise NotImplementedError

    @classmethod
    def summary(cls) -> str:
        """The first paragraph of the docstring, as one line."""
        return " ".join(cls.doc().split("\n\n")[0].split())

    @classmethod
    def doc(cls) -> str:
        """The whole docstring, dedented, as `curate rule CODE` prints it."""
        import inspect

        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def fix_hint(cls) -> str:
        """The first paragraph of the `## Fix` section: the `help:` line of text output."""
        doc = cls.doc()
        if "\n## Fix\n" not in doc:
            return ""
        section = doc.split("\n## Fix\n", 1)[1].strip()
        return " ".join(section.split("\n\n")[0].split())
