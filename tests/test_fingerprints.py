"""Every command's output on every sample, fingerprinted: a refactor must not change a byte.

Each case runs a command the way a user does (in a scratch folder, relative paths) and hashes
what it wrote: stdout of `stats` and `lint` (json), the files of `lint --fix` (with a review
journal and `--unsafe-fixes`), `split` and `export` (to every format). The hashes are kept in
`tests/fingerprints.json`. A change that is meant to change output regenerates them:

    CURATE_UPDATE_FINGERPRINTS=1 .venv/bin/python -m pytest tests/test_fingerprints.py

and the diff of that file shows which outputs moved. Parquet files are fingerprinted by their
rows (as JSON lines), not their bytes, which carry the writer's version.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from curate.cli import app
from curate.journal import append_decision, journal_path
from curate.schemas.decision import Decision
from tests.conftest import SAMPLES

FINGERPRINTS = Path(__file__).parent / "fingerprints.json"
DATASETS = [
    "support_tickets.jsonl",
    "alpaca.jsonl",
    "sharegpt.json",
    "chat_messages.jsonl",
    "prompt_completion.csv",
]


def _digest(path: Path) -> str:
    if path.suffix in (".parquet", ".pq"):
        data = pl.read_parquet(path).write_ndjson().encode()
    else:
        data = path.read_bytes()
    return hashlib.sha256(data).hexdigest()[:16]


def _tree(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): _digest(p) for p in sorted(folder.rglob("*")) if p.is_file()
    }


def _review(data: Path) -> None:
    """A journal that rejects one record, edits another and keeps a third."""
    from curate.io import read_dataset
    from curate.schemas.settings import FieldSettings

    ids = read_dataset([data], FieldSettings()).frame.get_column("id").to_list()
    at = datetime(2026, 11, 22, tzinfo=UTC)
    for rid, action, changes in (
        (ids[0], "reject", {}),
        (ids[1], "edit", {"output": 'An edited reply, with a comma and a "quote".'}),
        (ids[2], "keep", {}),
    ):
        decision = Decision(id=rid, decision=action, reviewer="ana", at=at, **changes)  # type: ignore[arg-type]
        append_decision(journal_path(data), decision)


def _cases() -> Iterator[str]:
    for name in DATASETS:
        for command in ("stats", "lint", "fix", "split", "export"):
            yield f"{name}:{command}"


def run_case(case: str, folder: Path) -> dict[str, str]:
    name, command = case.split(":")
    shutil.copy(SAMPLES / name, folder / name)
    runner = CliRunner()
    cwd = Path.cwd()
    os.chdir(folder)
    try:
        if command in ("stats", "lint"):
            args = [command, name, "--output-format", "json"]
            result = runner.invoke(app, [*args, "--exit-zero"] if command == "lint" else args)
            assert result.exit_code == 0, result.output
            return {"stdout": hashlib.sha256(result.stdout.encode()).hexdigest()[:16]}
        _review(Path(name))
        if command == "fix":
            args = ["lint", name, "--fix", "--unsafe-fixes", "--out", f"out/{name}"]
            result = runner.invoke(app, [*args, "--exit-zero", "--output-format", "json"])
        elif command == "split":
            result = runner.invoke(app, ["split", name, "--out", "out", "--parquet"])
        else:
            chat = name in ("sharegpt.json", "chat_messages.jsonl")  # CSV cannot nest turns
            for suffix in (
                (".jsonl", ".json", ".parquet") if chat else (".jsonl", ".json", ".csv", ".parquet")
            ):
                result = runner.invoke(app, ["export", name, "--out", f"out/reviewed{suffix}"])
                assert result.exit_code == 0, result.output
        assert result.exit_code == 0, result.output
        return _tree(folder / "out")
    finally:
        os.chdir(cwd)


@pytest.mark.parametrize("case", list(_cases()))
def test_outputs_are_unchanged(case: str, tmp_path: Path) -> None:
    found = run_case(case, tmp_path)
    known = json.loads(FINGERPRINTS.read_text()) if FINGERPRINTS.exists() else {}
    if os.environ.get("CURATE_UPDATE_FINGERPRINTS"):
        known[case] = found
        FINGERPRINTS.write_text(json.dumps(dict(sorted(known.items())), indent=1) + "\n")
        return
    assert case in known, "new case: regenerate with CURATE_UPDATE_FINGERPRINTS=1"
    assert found == known[case]
