"""Blind side-by-side judging of a run's replies by experts (`curate review RUN --judge`):
the judge journal, the queue of one expert, and the expert win rates in the report.

Torch-free: judging reads the predictions `curate eval` wrote, never a model.
"""

from curate.judging.journal import JOURNAL, append_judgement, journal_of, read_judgements
from curate.judging.predictions import Prediction, parse_models, read_predictions, run_models
from curate.judging.report import expert_pairs, refresh_report, summary_lines
from curate.judging.session import JudgeSession

__all__ = [
    "JOURNAL",
    "JudgeSession",
    "Prediction",
    "append_judgement",
    "expert_pairs",
    "journal_of",
    "parse_models",
    "read_judgements",
    "read_predictions",
    "refresh_report",
    "run_models",
    "summary_lines",
]
