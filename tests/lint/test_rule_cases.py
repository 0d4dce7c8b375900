"""Every rule's pass and fail cases from tests/lint/cases/<CODE>.yaml, run through the engine.

A case gives records (or raw file contents, or several files such as train/test splits
and --eval files) and, for fail cases, the findings expected: each as the sorted list of
`file:line` locations it points at (`file` alone for findings about a whole file). A case of a
rule with a fix may say what `--fix` leaves (`fix: {kept: [...], outputs: [...]}`), as
sqlfluff's `fix_str` does.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import polars as pl
import pytest
import yaml

from curate.io import read_dataset
from curate.lint.engine import run_lint
from curate.lint.fix import plan_fixes, write_fixed
from curate.lint.registry import all_rules
from curate.schemas.settings import CurateSettings, LintSettings
from curate.signals import COLUMNS, output_sha256

CASES = Path(__file__).parent / "cases"


def load_cases() -> list[Any]:
    params = []
    for path in sorted(CASES.glob("*.yaml")):
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        code = path.stem
        for kind in ("pass", "fail"):
            for case in spec.get(kind, []):
                options = {**spec.get("options", {}), **case.get("options", {})}
                params.append(
                    pytest.param(code, kind, case, options, id=f"{code}-{kind}-{case['name']}")
                )
    return params


def write_case(tmp_path: Path, case: dict[str, Any]) -> tuple[list[Path], list[Path]]:
    files: dict[str, Any] = {**case.get("files", {}), **case.get("raw", {})}
    if "records" in case:
        files["data.jsonl"] = case["records"]
    for name, content in case.get("extra", {}).items():  # side files such as a JSON schema
        side = tmp_path / name
        side.parent.mkdir(parents=True, exist_ok=True)
        if name.endswith(".parquet"):
            signals_file(content).write_parquet(side)
        elif isinstance(content, str):
            side.write_text(content, encoding="utf-8")
        else:
            side.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in content))
    written, evals = [], []
    for group, target in ((files, written), (case.get("eval", {}), evals)):
        for name, content in group.items():
            path = tmp_path / name
            if isinstance(content, str):
                path.write_text(content, encoding="utf-8")
            else:
                path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in content))
            target.append(path)
    return written, evals


def signals_file(rows: list[dict[str, Any]]) -> pl.DataFrame:
    """A run's `signals.parquet` from a case's rows: each names its record's `id` and
    `output` (hashed as the run hashes it) and the signal columns the case is about; the
    rest take ordinary values."""
    ordinary: dict[str, Any] = {
        "split": "train",
        "category": None,
        "loss": 1.0,
        "lift": 1.0,
        "contradiction": 0.5,
        "tokens": 40,
        "z": 0.0,
        "why": "loss",
        "fold": None,
        "held_out": False,
        "suspect_category": None,
        "own_share": 1.0,
        "suspect_share": 0.0,
        "neighbours": [],
    }
    filled = [
        {
            **ordinary,
            "rank": n,
            **{k: v for k, v in row.items() if k != "output"},
            "output_sha256": output_sha256(row["output"]),
        }
        for n, row in enumerate(rows, start=1)
    ]
    return pl.DataFrame(filled, schema=COLUMNS).select(list(COLUMNS))


def located(finding: Any) -> list[str]:
    return sorted(
        f"{Path(loc.path).name}:{loc.line}" if loc.line else Path(loc.path).name
        for loc in finding.locations
    )


@pytest.mark.parametrize(("code", "kind", "case", "options"), load_cases())
def test_rule_case(
    tmp_path: Path, code: str, kind: str, case: dict[str, Any], options: dict[str, Any]
) -> None:
    files, evals = write_case(tmp_path, case)
    options = {
        k: v.replace("{tmp}", str(tmp_path)) if isinstance(v, str) else v
        for k, v in options.items()
    }
    extra_lint = {
        k: v.replace("{tmp}", str(tmp_path)) if isinstance(v, str) else v
        for k, v in case.get("lint", {}).items()
    }
    lint = LintSettings(select=[code], options={code: options} if options else {}, **extra_lint)
    settings = CurateSettings(lint=lint)
    dataset = read_dataset([*files, *evals])
    report = run_lint(dataset, settings, {str(p) for p in evals})
    found = sorted(located(f) for f in report.findings)
    if kind == "pass":
        assert found == [], [f.message for f in report.findings]
    else:
        expected = sorted(sorted(group) for group in case["findings"])
        assert found == expected, [f.message for f in report.findings]
        for fragment in case.get("messages", []):
            assert any(fragment in f.message for f in report.findings), fragment
    if "fix" in case:
        assert_fix(case["fix"], dataset, report.findings, tmp_path)


def assert_fix(expected: dict[str, Any], dataset: Any, findings: Any, tmp_path: Path) -> None:
    """A case's `fix`: the records `--fix` keeps (`kept`, as file:line) and, where it
    changes them, their outputs afterwards (`outputs`); `unsafe: true` for unsafe fixes."""
    plan = plan_fixes(findings, unsafe=expected.get("unsafe", False))
    [source] = dataset.sources
    out = tmp_path / "fixed.jsonl"
    write_fixed(dataset, plan, {source.path: out})
    kept = [
        f"{Path(source.path).name}:{line}"
        for rid, line in dataset.frame.select("id", "source_line").iter_rows()
        if rid not in plan.drop
    ]
    assert kept == expected["kept"]
    if "outputs" in expected:
        written = [json.loads(line)["output"] for line in out.read_text().splitlines()]
        assert written == expected["outputs"]


def test_every_rule_has_a_pass_and_a_fail_case() -> None:
    covered: dict[str, set[str]] = {}
    for path in CASES.glob("*.yaml"):
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        covered[path.stem] = {kind for kind in ("pass", "fail") if spec.get(kind)}
    missing = {code: {"pass", "fail"} - covered.get(code, set()) for code in all_rules()}
    assert {code: kinds for code, kinds in missing.items() if kinds} == {}
