"""The dataset linter: rules, the engine that runs them, reporters, baseline and fixes.

This is lint's face: the pipeline, split, the review app and the trainer use lint only
through the names below, never its modules.
"""

from curate.lint.context import run_signals
from curate.lint.engine import build_rules, is_reviewed, mark_reviewed, run_lint, summarise
from curate.lint.fix import FixPlan, output_paths, plan_fixes, set_aside, write_fixed
from curate.lint.registry import all_rules
from curate.lint.replies import format_rules, format_validity

__all__ = [
    "FixPlan",
    "all_rules",
    "build_rules",
    "format_rules",
    "format_validity",
    "is_reviewed",
    "mark_reviewed",
    "output_paths",
    "plan_fixes",
    "run_lint",
    "run_signals",
    "set_aside",
    "summarise",
    "write_fixed",
]
