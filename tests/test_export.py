"""`curate export`: the reviewed dataset as a new file, in the source's own shape and format,
written atomically; the input and its journal are never touched."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from pathlib import Path

import polars as pl
from typer.testing import CliRunner

from curate.cli import app
from curate.io import read_dataset
from curate.journal import append_decision, journal_path
from curate.schemas.decision import Decision
from tests.conftest import SAMPLES

RECORDS = [
    {"id": "a", "input": "Where is my order?", "output": "It ships tomorrow.", "category": "ship"},
    {"id": "b", "input": "Can I pay by card?", "output": "Yes.", "category": "billing"},
    {"id": "c", "input": "Refund please", "output": "", "category": "billing"},
    {"id": "d", "input": "Change address", "output": "Done — see your account.", "category": "x"},
]


def decide(path: Path, rid: str, action: str, **fields: str) -> None:
    decision = Decision(
        id=rid, decision=action, reviewer="ana", at=datetime(2026, 11, 22, tzinfo=UTC), **fields
    )  # type: ignore[arg-type]
    append_decision(journal_path(path), decision)


def export(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["export", *args])
    return result.exit_code, result.stderr


def reviewed_jsonl(tmp_path: Path) -> Path:
    """RECORDS in a file whose own spacing and key order a re-serialiser would change."""
    data = tmp_path / "d.jsonl"
    data.write_text("".join(json.dumps(r, ensure_ascii=False, indent=None) + "\n" for r in RECORDS))
    data.write_bytes(data.read_bytes().replace(b'"id": "a",', b'"id":"a" ,'))
    decide(data, "b", "reject")
    decide(data, "c", "edit", output="Refunded in full.")
    decide(data, "d", "flag", note="tone?")
    return data


def test_export_drops_rejects_applies_edits_and_keeps_other_lines_byte_for_byte(
    tmp_path: Path,
) -> None:
    data = reviewed_jsonl(tmp_path)
    before, journal_before = data.read_bytes(), journal_path(data).read_bytes()
    out = tmp_path / "reviewed.jsonl"
    code, stderr = export(str(data), "--out", str(out))
    assert code == 0, stderr
    assert stderr.strip() == f"exported {out}: kept 3, rejected 1, edited 1"
    source_lines = before.split(b"\n")
    lines = out.read_bytes().split(b"\n")
    assert lines[0] == source_lines[0] and lines[2] == source_lines[3]  # a and d untouched
    assert json.loads(lines[1]) == {**RECORDS[2], "output": "Refunded in full."}
    assert lines[3] == b""  # three lines, newline-terminated
    assert data.read_bytes() == before
    assert journal_path(data).read_bytes() == journal_before


def test_exported_file_reads_back_as_the_reviewed_dataset(tmp_path: Path) -> None:
    data = reviewed_jsonl(tmp_path)
    out = tmp_path / "out" / "reviewed.jsonl"  # the folder is created
    assert export(str(data), "--out", str(out))[0] == 0
    frame = read_dataset([out]).frame
    assert frame.select("id", "output").rows() == [
        ("a", "It ships tomorrow."),
        ("c", "Refunded in full."),
        ("d", "Done — see your account."),
    ]
    assert not journal_path(out).exists()


def test_chat_edit_replaces_the_last_user_and_final_assistant_turns(tmp_path: Path) -> None:
    data = tmp_path / "chat.jsonl"
    data.write_bytes((SAMPLES / "chat_messages.jsonl").read_bytes())
    ids = read_dataset([data]).frame.get_column("id").to_list()
    decide(data, ids[0], "edit", input="Please refund my renewal.", output="Refunded.")
    decide(data, ids[1], "reject")
    decide(data, ids[2], "edit", output="First try")
    decide(data, ids[2], "edit", output="Second try", category="billing")
    out = tmp_path / "chat.reviewed.jsonl"
    code, stderr = export(str(data), "--out", str(out))
    assert code == 0, stderr
    assert stderr.strip().endswith(f"kept {len(ids) - 1}, rejected 1, edited 2")
    source = [json.loads(line) for line in data.read_text().splitlines()]
    written = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(written) == len(ids) - 1
    first = written[0]
    assert [t["role"] for t in first["messages"]] == [t["role"] for t in source[0]["messages"]]
    assert first["messages"][-1]["content"] == "Refunded."
    users = [t for t in first["messages"] if t["role"] == "user"]
    assert users[-1]["content"] == "Please refund my renewal."
    assert written[1]["messages"][-1]["content"] == "Second try"
    assert written[1]["category"] == "billing"
    assert out.read_text().splitlines()[2:] == data.read_text().splitlines()[3:]


def test_csv_export_stays_csv_with_the_source_columns(tmp_path: Path) -> None:
    data = tmp_path / "pc.csv"
    data.write_bytes((SAMPLES / "prompt_completion.csv").read_bytes())
    frame = read_dataset([data]).frame
    ids = frame.get_column("id").to_list()
    decide(data, ids[0], "reject")
    decide(data, ids[1], "edit", output="Short, new reply.", category="vip")
    out = tmp_path / "pc.reviewed.csv"
    code, stderr = export(str(data), "--out", str(out))
    assert code == 0, stderr
    source_rows = list(csv.DictReader(io.StringIO(data.read_text())))
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    assert list(rows[0]) == ["prompt", "completion", "category"]
    assert len(rows) == len(source_rows) - 1
    assert rows[0] == {**source_rows[1], "completion": "Short, new reply.", "category": "vip"}
    assert rows[1:] == source_rows[2:]


def test_parquet_source_exports_to_parquet_with_the_edit(tmp_path: Path) -> None:
    data = tmp_path / "d.parquet"
    pl.DataFrame(RECORDS).write_parquet(data)
    decide(data, "a", "reject")
    decide(data, "b", "edit", input="May I pay by card?")
    out = tmp_path / "r.parquet"
    assert export(str(data), "--out", str(out))[0] == 0
    written = pl.read_parquet(out)
    assert written.columns == ["id", "input", "output", "category"]
    assert written.get_column("id").to_list() == ["b", "c", "d"]
    assert written.row(0) == ("b", "May I pay by card?", "Yes.", "billing")


def test_another_suffix_converts_the_records_in_their_own_shape(tmp_path: Path) -> None:
    data = reviewed_jsonl(tmp_path)
    out = tmp_path / "r.csv"
    assert export(str(data), "--out", str(out))[0] == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    assert [r["id"] for r in rows] == ["a", "c", "d"]
    assert rows[1]["output"] == "Refunded in full."
    out = tmp_path / "r.parquet"
    assert export(str(data), "--out", str(out))[0] == 0
    assert pl.read_parquet(out).get_column("output").to_list()[1] == "Refunded in full."


def test_chat_records_cannot_become_csv_and_nothing_is_left_behind(tmp_path: Path) -> None:
    data = tmp_path / "chat.jsonl"
    data.write_bytes((SAMPLES / "chat_messages.jsonl").read_bytes())
    code, stderr = export(str(data), "--out", str(tmp_path / "chat.csv"))
    assert code == 2
    assert stderr.count("\n") == 1 and "nested field 'messages'" in stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["chat.jsonl"]


def test_export_refuses_to_write_over_its_input_or_journal(tmp_path: Path) -> None:
    data = reviewed_jsonl(tmp_path)
    before = data.read_bytes()
    for target in (data, tmp_path / "." / "d.jsonl", journal_path(data)):
        code, stderr = export(str(data), "--out", str(target))
        assert code == 2
        assert stderr.startswith("curate: error: ")
        assert ("would overwrite the input file" in stderr) != (target == journal_path(data))
        assert ("is a review journal name" in stderr) == (target == journal_path(data))
        assert stderr.count("\n") == 1
    assert data.read_bytes() == before


def test_a_bad_journal_line_is_one_error_naming_file_and_line(tmp_path: Path) -> None:
    data = reviewed_jsonl(tmp_path)
    with journal_path(data).open("a") as handle:
        handle.write('{"id": "a", "decision": "maybe"}\n')
    out = tmp_path / "r.jsonl"
    code, stderr = export(str(data), "--out", str(out))
    assert code == 2
    assert stderr.startswith(f"curate: error: {journal_path(data)}: line 4: bad review decision")
    assert stderr.count("\n") == 1
    assert not out.exists()


def test_unknown_output_suffix_is_a_usage_error(tmp_path: Path) -> None:
    data = reviewed_jsonl(tmp_path)
    code, stderr = export(str(data), "--out", str(tmp_path / "r.txt"))
    assert code == 2 and "--out must end in one of .jsonl" in stderr
    code, stderr = export(str(data), "--out", str(tmp_path / "r.jsonl.gz"))
    assert code == 2 and "uncompressed" in stderr


def test_without_a_journal_export_copies_the_readable_records(tmp_path: Path) -> None:
    data = tmp_path / "d.jsonl"
    data.write_text(json.dumps(RECORDS[0]) + "\n{not json\n" + json.dumps(RECORDS[1]) + "\n")
    out = tmp_path / "r.jsonl"
    code, stderr = export(str(data), "--out", str(out))
    assert code == 0
    assert "kept 2, rejected 0, edited 0; 1 unreadable records left out" in stderr
    assert out.read_text().splitlines() == [json.dumps(RECORDS[0]), json.dumps(RECORDS[1])]
