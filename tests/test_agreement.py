"""Reviewer agreement: the statistics against published worked examples, and the report that
`curate review --agreement` prints from the journals."""

from __future__ import annotations

import io
import json
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest
from rich.console import Console

from curate.agreement import (
    agreement_for,
    agreement_report,
    cohen_kappa,
    fleiss_kappa,
    interpret,
    krippendorff_alpha,
    percent_agreement,
    render_agreement,
)
from curate.journal import append_decision, journal_path
from curate.schemas.decision import Decision
from curate.schemas.settings import CurateSettings


def test_cohen_kappa_of_the_textbook_two_by_two() -> None:
    # 50 items, two raters, yes/no: 20 both yes, 5 A-yes/B-no, 10 A-no/B-yes, 15 both no.
    # p_o = (20 + 15) / 50 = 0.70
    # A says yes 25/50 = 0.5, B 30/50 = 0.6; no: A 0.5, B 0.4
    # p_e = 0.5 * 0.6 + 0.5 * 0.4 = 0.50;  kappa = (0.70 - 0.50) / (1 - 0.50) = 0.40
    pairs = [("y", "y")] * 20 + [("y", "n")] * 5 + [("n", "y")] * 10 + [("n", "n")] * 15
    assert cohen_kappa(pairs) == pytest.approx(0.40)


def test_fleiss_kappa_of_fleiss_worked_example() -> None:
    # Wikipedia's "Fleiss' kappa" worked example: 10 items, 14 raters each, 5 categories.
    # P-bar = 0.378, P-bar_e = 0.213, kappa = (0.378 - 0.213) / (1 - 0.213) = 0.210
    table = [
        [0, 0, 0, 0, 14],
        [0, 2, 6, 4, 2],
        [0, 0, 3, 5, 6],
        [0, 3, 9, 2, 0],
        [2, 2, 8, 1, 1],
        [7, 7, 0, 0, 0],
        [3, 2, 6, 3, 0],
        [2, 5, 3, 2, 2],
        [6, 5, 2, 1, 0],
        [0, 2, 2, 3, 7],
    ]
    counts = [{j: n for j, n in enumerate(row) if n} for row in table]
    assert percent_agreement(counts) == pytest.approx(0.378, abs=5e-4)
    assert fleiss_kappa(counts) == pytest.approx(0.210, abs=5e-4)
    with pytest.raises(ValueError, match="same number"):
        fleiss_kappa([{"keep": 2}, {"keep": 2, "reject": 1}])


def test_krippendorff_alpha_of_krippendorffs_worked_example() -> None:
    # Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability": 4 observers, 12
    # units, missing values; nominal alpha = 0.743. Unit 12 has one value and is not paired.
    observers = [
        "1 2 3 3 2 1 4 1 2 . . .",
        "1 2 3 3 2 2 4 1 2 5 . 3",
        ". 3 3 3 2 3 4 2 2 5 1 .",
        "1 2 3 3 2 4 4 1 2 5 1 .",
    ]
    units = zip(*(row.split() for row in observers), strict=True)
    counts = [Counter(v for v in unit if v != ".") for unit in units]
    assert krippendorff_alpha(counts) == pytest.approx(0.743, abs=5e-4)


def test_no_variation_means_kappa_is_undefined() -> None:
    assert cohen_kappa([("keep", "keep")] * 3) is None
    assert fleiss_kappa([{"keep": 3}] * 2) is None
    assert krippendorff_alpha([{"keep": 2}, {"keep": 3}]) is None


@pytest.mark.parametrize(
    ("kappa", "band"),
    [
        (-0.1, "poor"),
        (0.0, "slight"),
        (0.2, "slight"),
        (0.21, "fair"),
        (0.5, "moderate"),
        (0.8, "substantial"),
        (0.81, "almost perfect"),
        (None, "undefined"),
    ],
)
def test_landis_koch_bands(kappa: float | None, band: str) -> None:
    assert interpret(kappa) == band


def test_the_method_follows_who_rated_what() -> None:
    categories = {"r1": "x", "r2": "x", "r3": "x"}
    two = {"r1": {"ana": "keep", "bo": "keep"}, "r2": {"ana": "reject", "bo": "keep"}}
    assert agreement_report(two, categories).overall.method == "cohen"  # type: ignore[union-attr]
    # Three reviewers, two on each record (different pairs): Fleiss' kappa.
    pairs = {**two, "r3": {"cy": "keep", "bo": "keep"}}
    assert agreement_report(pairs, categories).overall.method == "fleiss"  # type: ignore[union-attr]
    # Two on one record, three on another: Krippendorff's alpha.
    mixed = {**two, "r3": {"ana": "keep", "bo": "keep", "cy": "edit"}}
    row = agreement_report(mixed, categories).overall
    assert row is not None and (row.method, row.items, row.raters, row.ratings) == (
        "krippendorff",
        3,
        3,
        7,
    )


def write_dataset(tmp_path: Path) -> Path:
    records = [
        ("r1", "billing"),
        ("r2", "billing"),
        ("r3", "billing"),
        ("r4", "billing"),
        ("r5", "shipping"),
        ("r6", "shipping"),
        ("r7", "shipping"),
        ("r8", None),
    ]
    path = tmp_path / "d.jsonl"
    path.write_text(
        "".join(
            json.dumps({"id": rid, "input": f"q {rid}", "output": f"a {rid}", "category": cat})
            + "\n"
            for rid, cat in records
        )
    )
    return path


def journal(data: Path, entries: str) -> None:
    """`reviewer id action` per line."""
    for line in entries.strip().splitlines():
        reviewer, rid, action = line.split()
        extra = {"output": "new"} if action == "edit" else {}
        decision = Decision(
            id=rid,
            decision=action,  # type: ignore[arg-type]
            reviewer=reviewer,
            at=datetime(2026, 11, 22, tzinfo=UTC),
            **extra,
        )
        append_decision(journal_path(data), decision)


def test_agreement_per_category_and_overall_from_the_journal(tmp_path: Path) -> None:
    data = write_dataset(tmp_path)
    journal(
        data,
        """
        ana r1 keep
        bo  r1 keep
        bo  r1 undo
        bo  r1 keep
        ana r2 keep
        bo  r2 keep
        bo  r2 reject
        ana r3 reject
        bo  r3 reject
        ana r4 keep
        ana r4 reject
        ana r4 undo
        bo  r4 keep
        ana r5 keep
        bo  r5 keep
        ana r6 edit
        bo  r6 edit
        ana r7 keep
        ana gone keep
        bo  gone reject
        """,
    )
    report = agreement_for([data], CurateSettings())
    # Standing labels (each reviewer's latest after their own undos):
    #   billing  r1 keep/keep  r2 keep/reject  r3 reject/reject  r4 keep/keep
    #   shipping r5 keep/keep  r6 edit/edit   (r7: ana only; "gone": not in the dataset)
    # billing: p_o = 3/4; ana keep 3 reject 1, bo keep 2 reject 2
    #   p_e = (3*2 + 1*2) / 16 = 0.5; kappa = (0.75 - 0.5) / 0.5 = 0.5 (moderate)
    # shipping: p_o = 1; p_e = (1*1 + 1*1) / 4 = 0.5; kappa = 1.0 (almost perfect)
    # all: p_o = 5/6; ana keep 4 reject 1 edit 1, bo keep 3 reject 2 edit 1
    #   p_e = (4*3 + 1*2 + 1*1) / 36 = 15/36; kappa = (30/36 - 15/36) / (21/36) = 15/21
    assert report.reviewers == ["ana", "bo"]
    assert report.reviewed == 7
    rows = {row.category: row for row in report.categories}
    assert list(rows) == ["billing", "shipping"]
    billing, shipping, overall = rows["billing"], rows["shipping"], report.overall
    assert overall is not None
    assert (billing.items, billing.raters, billing.method) == (4, 2, "cohen")
    assert billing.percent_agreement == pytest.approx(0.75)
    assert billing.kappa == pytest.approx(0.5)
    assert billing.interpretation == "moderate"
    assert (shipping.items, shipping.kappa, shipping.interpretation) == (2, 1.0, "almost perfect")
    assert (overall.items, overall.ratings) == (6, 12)
    assert overall.percent_agreement == pytest.approx(5 / 6)
    assert overall.kappa == pytest.approx(15 / 21)
    assert overall.interpretation == "substantial"


def render(report_source: Path) -> str:
    console = Console(file=io.StringIO(), width=120, color_system=None)
    render_agreement(agreement_for([report_source], CurateSettings()), console)
    assert isinstance(console.file, io.StringIO)
    return console.file.getvalue()


def test_rendered_table_shows_each_category_and_the_overall_row(tmp_path: Path) -> None:
    data = write_dataset(tmp_path)
    journal(
        data,
        """
        ana r1 keep
        bo  r1 keep
        ana r2 keep
        bo  r2 reject
        ana r8 flag
        bo  r8 flag
        """,
    )
    text = render(data)
    assert "Reviewer agreement (ana, bo)" in text
    rows = {
        cells[0]: cells
        for line in text.splitlines()
        if "│" in line
        for cells in [[cell.strip() for cell in line.strip("│ ").split("│")]]
    }
    assert rows["billing"] == ["billing", "2", "2", "50%", "0.000", "Cohen", "slight"]
    assert rows["(none)"] == ["(none)", "1", "2", "100%", "—", "Cohen", "undefined"]
    # all: p_o = 2/3; p_e = (ana keep 2 * bo keep 1 + flag 1 * 1) / 9 = 1/3; kappa = 0.5
    assert rows["all"] == ["all", "3", "2", "67%", "0.500", "Cohen", "moderate"]


def test_without_two_reviewers_on_a_record_it_says_so(tmp_path: Path) -> None:
    data = write_dataset(tmp_path)
    journal(data, "ana r1 keep\nbo r2 keep")
    report = agreement_for([data], CurateSettings())
    assert (report.overall, report.categories, report.reviewed) == (None, [], 2)
    assert "No record has decisions from two or more reviewers yet (2 reviewed, by ana, bo)." in (
        render(data)
    )
