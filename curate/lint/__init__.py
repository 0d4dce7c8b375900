"""The dataset linter: rules, the engine that runs them, reporters, baseline and fixes."""

from curate.lint.engine import run_lint

__all__ = ["run_lint"]
