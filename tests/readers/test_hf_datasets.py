"""Datasets from the Hugging Face `datasets` library: a `save_to_disk` folder (one dataset,
or a DatasetDict of splits) and Arrow files read like any other dataset."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from curate.cli import app
from curate.io import read_dataset
from curate.io.paths import expand_paths

datasets = pytest.importorskip("datasets")
ROWS = [{"input": f"question {i} about my order", "output": f"answer {i}", "category": "a"}
        for i in range(12)]  # fmt: skip


def test_a_saved_dataset_folder_is_read_like_a_file(tmp_path: Path) -> None:
    folder = tmp_path / "saved"
    datasets.Dataset.from_list(ROWS).save_to_disk(str(folder))
    files = expand_paths([folder])
    assert [f.name for f in files] == ["data-00000-of-00001.arrow"]
    frame = read_dataset(files).frame
    assert frame.get_column("output").to_list() == [r["output"] for r in ROWS]
    assert frame.get_column("source_line").to_list() == list(range(1, 13))


def test_a_dataset_dict_is_read_split_by_split_and_leakage_is_found(tmp_path: Path) -> None:
    folder = tmp_path / "dd"
    train = datasets.Dataset.from_list(ROWS)
    test = datasets.Dataset.from_list(ROWS[:2])  # both records leak from train
    datasets.DatasetDict({"train": train, "test": test}).save_to_disk(str(folder))
    result = CliRunner().invoke(app, ["lint", str(folder), "--output-format", "json"])
    assert result.exit_code == 1, result.output
    rules = {f["rule"] for f in json.loads(result.output)["findings"]}
    assert "LEAK001" in rules  # test's records are train's: the folders name the roles


def test_an_arrow_file_can_be_fixed_and_exported(tmp_path: Path) -> None:
    data = tmp_path / "d.arrow"
    pl.DataFrame([*ROWS, ROWS[0]]).write_ipc(data)  # the IPC file format, with a copy
    out = tmp_path / "fixed.arrow"
    result = CliRunner().invoke(app, ["lint", str(data), "--fix", "--out", str(out)])
    assert result.exit_code in (0, 1), result.output
    fixed = read_dataset([out]).frame
    assert fixed.height == len(ROWS)
    exported = tmp_path / "e.arrow"
    assert CliRunner().invoke(app, ["export", str(data), "--out", str(exported)]).exit_code == 0
    assert pl.read_ipc_stream(exported).height == len(ROWS) + 1


def test_a_broken_saved_folder_is_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "state.json").write_text("{not json")
    result = CliRunner().invoke(app, ["lint", str(folder)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"curate: error: {folder}: unreadable datasets save_to_disk")
    (folder / "state.json").write_text('{"_data_files": [{"filename": "data.arrow"}]}')
    (folder / "data.arrow").write_bytes(b"\xff\xff\xff\xffjunk")
    result = CliRunner().invoke(app, ["lint", str(folder)])
    assert result.exit_code == 2 and "corrupt Arrow file" in result.stderr


def test_a_dataset_named_by_url_is_read_through_fsspec(tmp_path: Path) -> None:
    pytest.importorskip("fsspec")
    data = tmp_path / "d.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in ROWS))
    result = CliRunner().invoke(app, ["stats", f"file://{data}", "--output-format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["records"] == len(ROWS)


def test_a_dataset_named_by_url_splits_and_its_manifest_names_the_url(tmp_path: Path) -> None:
    """The manifest records the URL as written and the sha256 of the bytes fetched (it had
    tried to hash a local file of that name and crashed)."""
    import hashlib

    pytest.importorskip("fsspec")
    data = tmp_path / "d.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in ROWS))
    out = tmp_path / "splits"
    result = CliRunner().invoke(app, ["split", f"file://{data}", "--out", str(out)])
    assert result.exit_code == 0, result.output
    (entry,) = json.loads((out / "manifest.json").read_text())["inputs"]
    assert entry["path"] == f"file://{data}"
    assert entry["sha256"] == hashlib.sha256(data.read_bytes()).hexdigest()


def test_a_hub_url_offline_is_one_clear_line(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("huggingface_hub")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    result = CliRunner().invoke(app, ["lint", "hf://datasets/acme/tickets/train.jsonl"])
    assert result.exit_code == 2
    assert result.stderr.startswith("curate: error: hf://datasets/acme/tickets/train.jsonl: ")
    assert result.stderr.count("\n") == 1 and "offline" in result.stderr
