"""A small evaluated run folder for the judging tests: what `curate eval` leaves (report.json,
report.md, report.html, predictions-test.jsonl), built without a model."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from curate.proof.render import render_markdown, write_html
from curate.proof.report import build_report, record_scores
from curate.schemas.report import MODELS, Provenance

PROVENANCE = Provenance(
    curate_version="test",
    split="test.jsonl",
    split_sha256="0" * 64,
    base_model="tiny",
    base_model_origin="a test",
    adapter="adapter",
)


def prediction(number: int, **changes: Any) -> dict[str, Any]:
    """Test record `t{number}` with a distinct reply of every model."""
    row: dict[str, Any] = {
        "id": f"t{number}",
        "category": "billing" if number % 2 else "shipping",
        "input": f"Question {number}: where is my order?",
        "reference": f"Reference reply {number}.",
        "facts": [],
        "replies": {m: f"{m} reply {number}" for m in MODELS},
    }
    row.update(changes)
    return row


def make_run(folder: Path, rows: list[dict[str, Any]] | None = None, n: int = 6) -> Path:
    """Write an evaluated run of `rows` (default: `n` plain records) into `folder`."""
    rows = rows if rows is not None else [prediction(i) for i in range(1, n + 1)]
    folder.mkdir(parents=True, exist_ok=True)
    scored = []
    for row in rows:
        scores = {m: record_scores(row["replies"][m], row["reference"], None, None) for m in MODELS}
        for m in ("base", "tuned"):
            scores[m]["loss"] = 1.0
        scored.append({**row, "scores": scores})
    text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in scored)
    (folder / "predictions-test.jsonl").write_text(text, encoding="utf-8")
    report = build_report(scored, "test.jsonl", PROVENANCE, "predictions-test.jsonl", resamples=50)
    (folder / "report.json").write_text(report.model_dump_json(indent=2) + "\n")
    (folder / "report.md").write_text(render_markdown(report), encoding="utf-8")
    write_html(folder)
    return folder
