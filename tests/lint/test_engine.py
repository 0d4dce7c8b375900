"""The lint engine as a library caller meets it: the process is left as it was found."""

from __future__ import annotations

import gc

import pytest

from curate.io import read_dataset
from curate.lint.engine import run_lint
from curate.schemas.settings import CurateSettings
from tests.conftest import SAMPLES


@pytest.mark.parametrize("enabled", [True, False])
def test_a_lint_run_leaves_the_cycle_collector_as_it_found_it(enabled: bool) -> None:
    """Rules run with the collector paused (for speed); afterwards, and after a rule that
    raises, it is on or off as the caller had it."""
    dataset = read_dataset([SAMPLES / "alpaca.jsonl"])
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        report = run_lint(dataset, CurateSettings())
        assert report.findings and gc.isenabled() is enabled

        def broken(*_: object) -> None:
            raise RuntimeError("a rule failed")

        with pytest.MonkeyPatch.context() as patch:
            patch.setattr("curate.lint.context.LintContext.locations", broken)
            with pytest.raises(RuntimeError, match="a rule failed"):
                run_lint(dataset, CurateSettings())
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()
