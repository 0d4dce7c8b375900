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


def test_ids_do_not_depend_on_the_files_read_with_them(write: Write) -> None:
    """A file's ids are its own: read alone or beside another file, a record keeps its id,
    and ids two files share are told apart by the file's name in both, whatever the order."""
    train = write("train.jsonl", '{"id": "1", "input": "a", "output": "b"}\n'
                                 '{"id": "2", "input": "c", "output": "d"}\n')  # fmt: skip
    test = write("test.jsonl", '{"id": "2", "input": "e", "output": "f"}\n')
    alone = read_dataset([train]).frame.get_column("id").to_list()
    assert alone == ["1", "2"]
    for order in ([train, test], [test, train]):
        ids = dict(read_dataset(order).frame.select("output", "id").iter_rows())
        assert ids == {"b": "1", "d": "train.jsonl:2", "f": "test.jsonl:2"}


def test_content_ids_of_a_file_are_the_same_beside_another_file(write: Write) -> None:
    first = write("a.jsonl", '{"input": "a", "output": "b"}\n')
    second = write("b.jsonl", '{"input": "x", "output": "y"}\n{"input": "x", "output": "y"}\n')
    alone = read_dataset([first]).frame.get_column("id").to_list()
    together = read_dataset([second, first]).frame.get_column("id").to_list()
    assert together[-1] == alone[0]
    assert together[1] == together[0] + "~2"  # copies within one file are still numbered


def test_a_file_named_twice_is_read_once(write: Write) -> None:
    from curate.io.paths import expand_paths

    path = write("d.jsonl", '{"input": "a", "output": "b"}\n')
    files = expand_paths([path.parent, path, path.parent / "." / "d.jsonl"])
    assert files == [path]
