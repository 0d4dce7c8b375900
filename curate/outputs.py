"""The one guard every command that writes a file beside the user's data goes through."""

from __future__ import annotations

from pathlib import Path

from curate.io.errors import DatasetError
from curate.journal import SUFFIX as JOURNAL_SUFFIX
from curate.journal import journal_paths
from curate.schemas.judgement import JOURNAL as JUDGE_JOURNAL


def refuse_output(target: Path, inputs: list[Path]) -> None:
    """One clear error when writing `target` would overwrite an input file, a review
    journal or a judge journal (curate never writes over what it did not write as that
    very output)."""
    if target.name.endswith(JOURNAL_SUFFIX):
        raise DatasetError(str(target), "is a review journal name; choose another output")
    if target.name == JUDGE_JOURNAL:
        raise DatasetError(str(target), "is the judge journal's name; choose another output")
    for given in inputs:
        protected_paths = [(given, "the input file")]
        protected_paths += [(journal, "the journal") for journal in journal_paths(given)]
        for protected, what in protected_paths:
            same = target.resolve() == protected.resolve() or (
                target.exists() and protected.exists() and target.samefile(protected)
            )
            if same:
                raise DatasetError(
                    str(target), f"would overwrite {what} {protected}; choose another output"
                )
