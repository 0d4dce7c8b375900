"""Property: any text survives every file kind exactly, with the right line numbers."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from curate.io import read_dataset

texts = st.text(min_size=0, max_size=40)
records = st.lists(
    st.fixed_dictionaries({"input": texts, "output": texts, "category": texts}),
    min_size=1,
    max_size=12,
)
ascii_flags = st.booleans()
csv_texts = st.text(
    st.characters(exclude_characters="\x00", exclude_categories=["Cs"]), max_size=40
)
csv_records = st.lists(
    st.fixed_dictionaries({"input": csv_texts, "output": csv_texts, "category": csv_texts}),
    min_size=1,
    max_size=12,
)


def _read(tmp: Path, name: str, content: bytes) -> pl.DataFrame:
    path = tmp / name
    path.write_bytes(content)
    dataset = read_dataset([path])
    assert dataset.issues == []
    return dataset.frame


def _expected(rows: list[dict[str, str]]) -> list[tuple[str, str, str]]:
    return [(r["input"], r["output"], r["category"]) for r in rows]


def _got(frame: pl.DataFrame) -> list[tuple[str, str, str]]:
    return list(frame.select("input", "output", "category").iter_rows())


@settings(max_examples=60, deadline=None)
@given(rows=records, ensure_ascii=ascii_flags)
def test_jsonl(tmp_path_factory: object, rows: list[dict[str, str]], ensure_ascii: bool) -> None:
    tmp = tmp_path_factory.mktemp("jsonl")  # type: ignore[attr-defined]
    content = "".join(json.dumps(r, ensure_ascii=ensure_ascii) + "\n" for r in rows)
    frame = _read(tmp, "d.jsonl", content.encode())
    assert _got(frame) == _expected(rows)
    assert frame["source_line"].to_list() == list(range(1, len(rows) + 1))


@settings(max_examples=40, deadline=None)
@given(rows=records)
def test_json_array(tmp_path_factory: object, rows: list[dict[str, str]]) -> None:
    tmp = tmp_path_factory.mktemp("json")  # type: ignore[attr-defined]
    content = json.dumps(rows, indent=1, ensure_ascii=False)
    frame = _read(tmp, "d.json", content.encode())
    assert _got(frame) == _expected(rows)
    lines = content.split("\n")
    assert all(lines[n - 1].strip() == "{" for n in frame["source_line"])


@settings(max_examples=60, deadline=None)
@given(rows=csv_records, broken_tail=st.booleans())
def test_csv(tmp_path_factory: object, rows: list[dict[str, str]], broken_tail: bool) -> None:
    tmp = tmp_path_factory.mktemp("csv")  # type: ignore[attr-defined]
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=["input", "output", "category"])
    writer.writeheader()
    starts = []  # a record starts after as many "\n" as were written before it
    for row in rows:
        starts.append(buffer.getvalue().count("\n") + 1)
        writer.writerow(row)
    content = buffer.getvalue()
    if broken_tail:  # a ragged last row sends the file down the line-by-line path
        content += "x,y,z,w\n"
    path = tmp / "d.csv"
    path.write_bytes(content.encode())
    dataset = read_dataset([path])
    frame = dataset.frame
    assert _got(frame) == _expected(rows)
    broken_line = content.count("\n")
    expected_issues = [f"{path}:{broken_line}: row has 4 fields, the header has 3"]
    assert [str(i) for i in dataset.issues] == (expected_issues if broken_tail else [])
    assert frame["source_line"].to_list() == starts


@settings(max_examples=30, deadline=None)
@given(rows=records)
def test_parquet(tmp_path_factory: object, rows: list[dict[str, str]]) -> None:
    tmp = tmp_path_factory.mktemp("parquet")  # type: ignore[attr-defined]
    path = tmp / "d.parquet"
    pl.DataFrame(
        rows, schema={"input": pl.String, "output": pl.String, "category": pl.String}
    ).write_parquet(path)
    frame = read_dataset([path]).frame
    assert _got(frame) == _expected(rows)


@settings(max_examples=60, deadline=None)
@given(
    records=st.lists(
        st.fixed_dictionaries(
            {"input": texts, "output": texts},
            optional={"category": st.none() | texts, "meta": st.none() | st.integers()},
        ),
        min_size=1,
        max_size=30,
    ),
    blank_every=st.integers(2, 7),
    piece=st.integers(1, 400),
)
def test_a_file_read_in_pieces_is_the_file_read_whole(
    tmp_path_factory: pytest.TempPathFactory,
    records: list[dict],
    blank_every: int,
    piece: int,
) -> None:
    """Pieces of any size (one line each, many lines, a field null or absent throughout a
    piece, blank and CRLF lines between them) give the frame and line numbers of the
    whole file read at once."""
    from curate.io import jsonl

    lines = []
    for k, record in enumerate(records):
        lines.append(json.dumps(record, ensure_ascii=k % 2 == 0))
        if k % blank_every == 0:
            lines.append("  ")
    content = ("\r\n".join(lines) + "\n").encode()
    tmp = tmp_path_factory.mktemp("pieces")
    whole = _read(tmp, "whole.jsonl", content)
    saved = jsonl.BATCH_BYTES, jsonl.PIECES_FROM
    jsonl.BATCH_BYTES = jsonl.PIECES_FROM = piece
    try:
        pieces = _read(tmp, "pieces.jsonl", content)
    finally:
        jsonl.BATCH_BYTES, jsonl.PIECES_FROM = saved
    assert pieces.drop("source").equals(whole.drop("source"))
