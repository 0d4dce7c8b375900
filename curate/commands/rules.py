"""`curate rules` and `curate rule CODE`: the rules' documentation."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.console import Console

from curate.commands.base import (
    app,
)


@app.command()
def rules(
    markdown: Annotated[
        bool, typer.Option("--markdown", help="Print every rule's full docs as Markdown.")
    ] = False,
) -> None:
    """List every rule: code, name, default severity, what it finds."""
    from rich.table import Table

    from curate.lint.registry import all_rules

    if markdown:
        from curate.lint.docs import rules_markdown

        print(rules_markdown(), end="")
        return

    table = Table(show_edge=False, box=None, pad_edge=False)
    for column in ("code", "name", "severity", "finds"):
        table.add_column(column)
    for code, rule in all_rules().items():
        table.add_row(code, rule.name, str(rule.severity), rule.summary())
    Console(highlight=False).print(table)


@app.command()
def rule(code: Annotated[str, typer.Argument(help="A rule code such as DUP002.")]) -> None:
    """Print a rule's documentation and options."""
    from curate.lint.registry import all_rules

    found = all_rules().get(code.upper())
    if found is None:
        print(f"curate: error: unknown rule {code!r} (see `curate rules`)", file=sys.stderr)
        raise typer.Exit(2)
    print(f"{found.code} {found.name} ({found.severity})\n")
    print(found.doc())
    if found.fix is not None:
        print(f"\n{found.fix_text()}.")
    options = found.Options.model_fields
    if options:
        print("\n## Options")
        for name, info in options.items():
            default = info.default_factory() if info.default_factory else info.default  # type: ignore[call-arg]
            print(
                f"- {name.replace('_', '-')} = {default!r}: {info.description or ''}".rstrip(": ")
            )
    print(f"\nConfigure under [tool.curate.lint.options.{found.code}].")
