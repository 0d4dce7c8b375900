"""Where a run folder's evaluation is: the predictions file its report names, and the
metric its verdict is about. Read by judging and by the MOD rules alike."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

DEFAULT_PREDICTIONS = "predictions-test.jsonl"


def predictions_path(run: Path) -> Path:
    """The predictions file of a run folder: the one its report names, else the default."""
    named = _report_field(run, "predictions")
    if isinstance(named, str) and named and Path(named).name == named:
        return run / named
    return run / DEFAULT_PREDICTIONS


def primary_metric_of(run: Path, default: str = "rouge_l") -> str:
    """The metric the run's verdict is about, `default` where the report does not say."""
    verdict = _report_field(run, "verdict")
    metric = verdict.get("primary_metric") if isinstance(verdict, dict) else None
    return metric if isinstance(metric, str) else default


def _report_field(run: Path, name: str) -> Any:
    try:
        return json.loads((run / "report.json").read_text(encoding="utf-8")).get(name)
    except (OSError, ValueError, AttributeError):
        return None
