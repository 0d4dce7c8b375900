"""Record ids: the file's when present and unique, else a stable content hash."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from curate.io import read_dataset

Write = Callable[[str, str | bytes], Path]


def jsonl(records: list[dict[str, object]]) -> str:
    return "".join(json.dumps(r) + "\n" for r in records)


def test_unique_file_ids_are_used_as_text(write: Write) -> None:
    records = [{"id": 10, "input": "a", "output": "b"}, {"id": 11, "input": "c", "output": "d"}]
    assert read_dataset([write("d.jsonl", jsonl(records))]).frame["id"].to_list() == ["10", "11"]


def test_content_ids_survive_reordering(write: Write) -> None:
    records = [{"input": f"q{i}", "output": f"a{i}"} for i in range(20)]
    forward = read_dataset([write("f.jsonl", jsonl(records))]).frame
    backward = read_dataset([write("b.jsonl", jsonl(records[::-1]))]).frame
    ids_forward = dict(zip(forward["input"], forward["id"], strict=True))
    ids_backward = dict(zip(backward["input"], backward["id"], strict=True))
    assert ids_forward == ids_backward
    assert len(set(ids_forward.values())) == 20


def test_duplicate_file_ids_fall_back_to_hashes_and_keep_the_original(write: Write) -> None:
    records = [
        {"id": "x", "input": "a", "output": "b"},
        {"id": "x", "input": "a", "output": "b"},
        {"id": "y", "input": "c", "output": "d"},
    ]
    frame = read_dataset([write("d.jsonl", jsonl(records))]).frame
    ids = frame["id"].to_list()
    assert len(set(ids)) == 3
    assert ids[1] == ids[0] + "~2"
    assert frame["raw.id"].to_list() == ["x", "x", "y"]


def test_category_is_not_part_of_the_content_id(write: Write) -> None:
    a = read_dataset([write("a.jsonl", jsonl([{"input": "q", "output": "a", "category": "x"}]))])
    b = read_dataset([write("b.jsonl", jsonl([{"input": "q", "output": "a", "category": "y"}]))])
    assert a.frame["id"].to_list() == b.frame["id"].to_list()
