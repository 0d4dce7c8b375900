"""What a lint rule is: a code, a name, a severity, options, a documented check."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar

from pydantic import BaseModel, ConfigDict

from curate.schemas.finding import Location, Severity
from curate.schemas.settings import to_kebab

if TYPE_CHECKING:
    from curate.lint.context import LintContext


class FixKind(StrEnum):
    """What a fix does to the records a finding names."""

    DROP = "drop"
    """Leave out the records in `detail["drop"]` (the copies; `detail["keep"]` stays)."""
    REDACT = "redact"
    """Replace the spans in `detail["hits"]` with `[REDACTED:kind]`."""


@dataclass(frozen=True)
class Fix:
    """A rule's fix, as ruff declares one: what it does and whether it is safe (applied by
    `--fix`) or unsafe (only with `--unsafe-fixes`, since it changes what a record says)."""

    kind: FixKind
    safe: bool


DROP_COPIES = Fix(FixKind.DROP, safe=True)
REDACT_SPANS = Fix(FixKind.REDACT, safe=False)


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


OptionsT = TypeVar("OptionsT", bound=RuleOptions)


class Rule(Generic[OptionsT]):
    """Base class of every lint rule, generic over its options model.

    A subclass (`class NearDuplicate(Rule[NearOptions])`) sets `code`, `name`, `severity`,
    `Options` (the same model, to validate the configuration), `fix` where `--fix` acts on
    what it reports, has a docstring with a summary line and the sections `## Why it
    matters`, `## Example` and `## Fix`, and implements `check`. Rules read the context and
    yield violations; they never print or exit.
    """

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity]
    Options: ClassVar[type[RuleOptions]] = RuleOptions
    fix: ClassVar[Fix | None] = None
    """What `curate lint --fix` does with this rule's findings (None: nothing)."""
    memory_heavy: ClassVar[bool] = False
    """Whether the rule's memory peak grows with the dataset (the near-duplicate and n-gram
    searches): on a large dataset it runs first, with no other rule beside it
    (`curate.lint.schedule`)."""
    long_running: ClassVar[bool] = False
    """Whether the rule starts long shared work (signatures, languages, token counts):
    rules running side by side start with these, so that the short ones fill the time
    beside them."""

    def __init__(self, options: OptionsT | None = None) -> None:
        self.options: OptionsT = options if options is not None else self.Options()  # type: ignore[assignment]

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
    def fix_text(cls) -> str:
        """What `--fix` does with this rule's findings, one line ('' when nothing)."""
        if cls.fix is None:
            return ""
        if cls.fix.kind is FixKind.DROP:
            action = "drops the copies, keeping the record with the smallest id"
        else:
            action = "replaces the secret or personal data with [REDACTED:kind]"
        flag = (
            "`--fix`" if cls.fix.safe else "`--fix --unsafe-fixes` (it changes what a record says)"
        )
        return f"{'safe' if cls.fix.safe else 'unsafe'} fix: {flag} {action}"

    @classmethod
    def fix_hint(cls) -> str:
        """The first paragraph of the `## Fix` section: the `help:` line of text output."""
        doc = cls.doc()
        if "\n## Fix\n" not in doc:
            return ""
        section = doc.split("\n## Fix\n", 1)[1].strip()
        return " ".join(section.split("\n\n")[0].split())
