"""`curate split` as users run it: outputs, manifest, determinism, safety, no leakage."""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from curate.cli import app
from curate.schemas.lint import LintReport
from curate.schemas.manifest import SplitManifest
from tests.conftest import ROOT, SAMPLES

TICKETS = SAMPLES / "support_tickets.jsonl"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def split(*args: str) -> SplitManifest:
    code, _, stderr = run("split", *args)
    assert code == 0, stderr
    out = Path(args[args.index("--out") + 1])
    return SplitManifest.model_validate_json((out / "manifest.json").read_text())


def leak_findings(folder: Path) -> list[str]:
    """Exact and near overlap between the splits: what grouping prevents by construction
    (a passage two different replies share, LEAK004, is not a duplicate to group)."""
    code, stdout, stderr = run(
        "lint", str(folder), "--select", "LEAK001,LEAK002", "--output-format", "json"
    )
    assert code in (0, 1), stderr
    return [f.message for f in LintReport.model_validate_json(stdout).findings]


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_sample_split_is_stratified_and_leak_free(tmp_path: Path) -> None:
    out = tmp_path / "splits"
    manifest = split(str(TICKETS), "--out", str(out))
    assert sum(manifest.totals.values()) + len(manifest.dropped) == 643
    assert [d.reason for d in manifest.dropped] == [
        "exact duplicate of T-00042",
        "exact duplicate of T-00132",
        "exact duplicate of T-00260",
    ]
    for category in manifest.counts["train"]:
        total = sum(manifest.counts[s].get(category, 0) for s in ("train", "val", "test"))
        for name, ratio in manifest.ratios.items():
            got = manifest.counts[name].get(category, 0)
            assert got >= 1 and abs(got - total * ratio) < 2, (category, name, got, total)
    for name, outputs in manifest.outputs.items():
        lines = (out / f"{name}.jsonl").read_text().splitlines()
        assert len(lines) == manifest.totals[name] == outputs[0].records
    assert leak_findings(out) == []
    # The records are the user's own lines, in their own shape.
    original = set(TICKETS.read_text().splitlines())
    assert all(line in original for line in (out / "train.jsonl").read_text().splitlines())


def test_near_duplicate_clusters_never_straddle_splits(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from synth import generate

    records, truth = generate(3000, seed=3, exact_share=0.03, near_share=0.12)
    data = tmp_path / "pairs.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in records))
    assert len(truth.near) > 200
    out = tmp_path / "splits"
    split(str(data), "--out", str(out))
    assert leak_findings(out) == []
    placed = {}
    for name in ("train", "val", "test"):
        for line in (out / f"{name}.jsonl").read_text().splitlines():
            placed[json.loads(line)["id"]] = name
    for original, copy in truth.near:
        a, b = placed.get(f"r-{original}"), placed.get(f"r-{copy}")
        assert a is None or b is None or a == b


def test_same_input_and_seed_give_byte_identical_files(tmp_path: Path) -> None:
    split(str(TICKETS), "--out", str(tmp_path / "a"), "--parquet")
    split(str(TICKETS), "--out", str(tmp_path / "b"), "--parquet")
    assert files_of(tmp_path / "a") == files_of(tmp_path / "b")
    other = split(str(TICKETS), "--out", str(tmp_path / "c"), "--seed", "7")
    assert (tmp_path / "c" / "test.jsonl").read_bytes() != (
        tmp_path / "a" / "test.jsonl"
    ).read_bytes()
    assert other.seed == 7


def test_input_order_does_not_matter_when_ids_are_given(tmp_path: Path) -> None:
    lines = TICKETS.read_text().splitlines()
    random.Random(1).shuffle(lines)
    shuffled = tmp_path / "shuffled.jsonl"
    shuffled.write_text("\n".join(lines) + "\n")
    split(str(TICKETS), "--out", str(tmp_path / "a"))
    split(str(shuffled), "--out", str(tmp_path / "b"))
    for name in ("train.jsonl", "val.jsonl", "test.jsonl"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_parquet_and_other_shapes_keep_their_fields(tmp_path: Path) -> None:
    manifest = split(
        str(SAMPLES / "alpaca.jsonl"),
        "--out",
        str(tmp_path / "a"),
        "--parquet",
        "--ratios",
        "0.6,0.2,0.2",
    )
    train = [json.loads(line) for line in (tmp_path / "a" / "train.jsonl").read_text().splitlines()]
    assert set(train[0]) == {"instruction", "input", "output"}
    parquet = pl.read_parquet(tmp_path / "a" / "train.parquet")
    assert parquet.height == manifest.totals["train"] and set(parquet.columns) == set(train[0])
    split(str(SAMPLES / "prompt_completion.csv"), "--out", str(tmp_path / "c"))
    row = json.loads((tmp_path / "c" / "train.jsonl").read_text().splitlines()[0])
    assert set(row) == {"prompt", "completion", "category"}


def test_refuses_a_non_empty_folder_without_force_and_never_touches_inputs(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("keep me")
    code, _, stderr = run("split", str(TICKETS), "--out", str(out))
    assert code == 2 and "not empty; pass --force" in stderr
    assert (out / "notes.txt").read_text() == "keep me"
    data = tmp_path / "in" / "d.jsonl"
    data.parent.mkdir()
    data.write_bytes(TICKETS.read_bytes())
    code, _, stderr = run("split", str(data), "--out", str(data.parent), "--force")
    assert code == 2 and "holds the input" in stderr
    assert data.read_bytes() == TICKETS.read_bytes()
    code, _, stderr = run("split", str(TICKETS), "--out", str(out), "--force")
    assert code == 2 and "also here: notes.txt" in stderr  # --force never deletes it
    assert (out / "notes.txt").read_text() == "keep me"
    (out / "notes.txt").unlink()
    split(str(TICKETS), "--out", str(out))
    split(str(TICKETS), "--out", str(out), "--force")  # an earlier split is replaced
    assert (out / "manifest.json").is_file()
    (out / ".git").mkdir()
    code, _, stderr = run("split", str(TICKETS), "--out", str(out), "--force")
    assert code == 2 and ".git" in stderr and (out / ".git").is_dir()


def test_a_failed_run_leaves_the_old_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    split(str(TICKETS), "--out", str(out))
    before = files_of(out)

    def explode(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("curate.split.command.write_split_files", explode)
    with pytest.raises(OSError, match="disk full"):
        from curate.config import load_settings
        from curate.split.command import split as run_split

        run_split([TICKETS], out, load_settings(), load_settings().fields, force=True)
    assert files_of(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # no staging folder left


def test_bad_ratios_and_stratify_field_exit_2(tmp_path: Path) -> None:
    code, _, stderr = run(
        "split", str(TICKETS), "--out", str(tmp_path / "o"), "--ratios", "0.5,0.1,0.1"
    )
    assert code == 2 and "ratios must be non-negative and sum to 1" in stderr
    code, _, stderr = run("split", str(TICKETS), "--out", str(tmp_path / "o"), "--stratify", "nope")
    assert code == 2 and "no field 'nope'" in stderr


def test_unreadable_lines_are_listed_as_dropped(tmp_path: Path) -> None:
    data = tmp_path / "d.jsonl"
    data.write_text(TICKETS.read_text() + "{broken\n")
    manifest = split(str(data), "--out", str(tmp_path / "o"))
    assert manifest.dropped[-1].line == 644 and manifest.dropped[-1].reason.startswith("unreadable")


def test_a_rejected_record_whose_text_changed_since_does_not_stop_split(tmp_path: Path) -> None:
    """Without ids in the file, a record's id is a hash of its text: a reject of the old
    text names a record that is no longer there."""
    from datetime import UTC, datetime

    from curate.io import read_dataset
    from curate.journal import append_decision, journal_path
    from curate.schemas.decision import Decision

    lines = TICKETS.read_text().splitlines()[:40]
    records = [{k: v for k, v in json.loads(line).items() if k != "id"} for line in lines]
    data = tmp_path / "d.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in records))
    old_id = read_dataset([data]).frame.get_column("id")[0]
    at = datetime(2026, 11, 30, tzinfo=UTC)
    append_decision(journal_path(data), Decision(id=old_id, decision="reject", reviewer="a", at=at))
    records[0]["output"] += " Edited after the review."
    data.write_text("".join(json.dumps(r) + "\n" for r in records))
    code, _, stderr = run("split", str(data), "--out", str(tmp_path / "out"))
    assert code == 0, stderr
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert sum(manifest["totals"].values()) == 40 and manifest["dropped"] == []


def test_a_killed_runs_staging_folder_is_cleaned_up_but_nothing_else(tmp_path: Path) -> None:
    out = tmp_path / "out"
    stale = tmp_path / ".out.abc123"
    stale.mkdir()
    (stale / "train.jsonl").write_text("{}\n")
    other = tmp_path / ".out.notes"
    other.mkdir()
    (other / "mine.txt").write_text("keep")
    split(str(TICKETS), "--out", str(out))
    assert not stale.exists() and (other / "mine.txt").read_text() == "keep"


def test_the_folder_is_a_dataset_hugging_face_loads_with_its_card(tmp_path: Path) -> None:
    """`datasets.load_dataset(folder)` reads the splits by the card's `configs`, with the
    manifest's counts; the card gives the hashes, and a README of the user's is never
    replaced by --force."""
    datasets = pytest.importorskip("datasets")
    out = tmp_path / "splits"
    manifest = split(str(TICKETS), "--out", str(out))
    loaded = datasets.load_dataset(str(out), cache_dir=str(tmp_path / "hf-cache"))
    assert {name: len(loaded[name]) for name in loaded} == {
        "train": manifest.totals["train"],
        "validation": manifest.totals["val"],
        "test": manifest.totals["test"],
    }
    card = (out / "README.md").read_text()
    for files in manifest.outputs.values():
        assert all(f.sha256 in card for f in files)
    assert "exact duplicate: 3" in card and manifest.inputs[0].sha256 in card
    split(str(TICKETS), "--out", str(out), "--force")  # its own card is replaced
    (out / "README.md").write_text("# my notes\n")
    code, _, stderr = run("split", str(TICKETS), "--out", str(out), "--force")
    assert code == 2 and "also here: README.md" in stderr
    assert (out / "README.md").read_text() == "# my notes\n"


def test_category_names_in_the_card_are_text(tmp_path: Path) -> None:
    data = tmp_path / "d.jsonl"
    rows = [{"input": f"question number {i} here", "output": f"answer {i}",
             "category": "[x](javascript:alert(1)) <b>|" if i % 2 else "plain"}
            for i in range(20)]  # fmt: skip
    data.write_text("".join(json.dumps(r) + "\n" for r in rows))
    split(str(data), "--out", str(tmp_path / "out"))
    card = (tmp_path / "out" / "README.md").read_text()
    assert "](javascript" not in card and "<b>" not in card
    assert "\\[x\\]\\(javascript:alert\\(1\\)\\) \\<b\\>\\|" in card
