"""Every supported shape and file kind maps onto the canonical frame."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import polars as pl
import pytest

from curate.io import DatasetError, read_dataset
from curate.schemas.settings import FieldSettings

Write = Callable[[str, str | bytes], Path]


def jsonl(*records: object) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def test_input_output_keeps_lines_categories_and_extra_columns(write: Write) -> None:
    path = write(
        "d.jsonl",
        jsonl(
            {"input": "a", "output": "b", "category": "billing", "ticket": 7, "tags": ["x"]},
            {"input": "c", "output": "d", "category": "shipping", "ticket": 8, "tags": []},
        ),
    )
    frame = read_dataset([path]).frame
    canonical = ["id", "input", "output", "category", "lang", "source", "source_line"]
    assert frame.columns[:7] == canonical
    assert frame["input"].to_list() == ["a", "c"]
    assert frame["category"].to_list() == ["billing", "shipping"]
    assert frame["source_line"].to_list() == [1, 2]
    assert frame["ticket"].to_list() == [7, 8]
    assert frame["tags"].to_list() == [["x"], []]
    assert frame["source"].to_list() == [str(path)] * 2


@pytest.mark.parametrize(
    ("fields", "expected_shape"),
    [
        (("prompt", "completion"), "input-output"),
        (("question", "answer"), "input-output"),
        (("prompt", "response"), "input-output"),
    ],
)
def test_common_field_pairs_are_detected(
    write: Write, fields: tuple[str, str], expected_shape: str
) -> None:
    path = write("d.jsonl", jsonl({fields[0]: "in", fields[1]: "out"}))
    dataset = read_dataset([path])
    assert dataset.sources[0].shape.name == expected_shape
    assert dataset.frame.row(0, named=True)["input"] == "in"
    assert dataset.frame.row(0, named=True)["output"] == "out"


def test_configured_field_names(write: Write) -> None:
    path = write("d.jsonl", jsonl({"q": "in", "a": "out", "input": "not me"}))
    frame = read_dataset([path], FieldSettings(input="q", output="a")).frame
    assert frame.row(0, named=True)["input"] == "in"
    # The file's own `input` field is kept, renamed because the canonical name is taken.
    assert frame.row(0, named=True)["raw.input"] == "not me"


def test_alpaca_joins_instruction_and_input(write: Write) -> None:
    path = write(
        "a.jsonl",
        jsonl(
            {"instruction": "Summarise.", "input": "Long text.", "output": "Short."},
            {"instruction": "Say hi.", "input": "", "output": "Hi."},
        ),
    )
    dataset = read_dataset([path])
    assert dataset.sources[0].shape.name == "alpaca"
    assert dataset.frame["input"].to_list() == ["Summarise.\n\nLong text.", "Say hi."]
    assert dataset.frame["raw.input"].to_list() == ["Long text.", ""]
    assert dataset.frame["instruction"].to_list() == ["Summarise.", "Say hi."]


def test_dolly_style_instruction_context_response(write: Write) -> None:
    record = {"instruction": "Q?", "context": "C.", "response": "A.", "category": "qa"}
    dataset = read_dataset([write("d.jsonl", jsonl(record))])
    row = dataset.frame.row(0, named=True)
    assert (dataset.sources[0].shape.name, row["input"], row["output"]) == (
        "alpaca",
        "Q?\n\nC.",
        "A.",
    )


def test_messages_single_and_multi_turn(write: Write) -> None:
    path = write(
        "m.jsonl",
        jsonl(
            {
                "messages": [
                    {"role": "system", "content": "Be brief."},
                    {"role": "user", "content": "Hi"},
                    {"role": "assistant", "content": "Hello"},
                ]
            },
            {
                "messages": [
                    {"role": "user", "content": "One"},
                    {"role": "assistant", "content": "Two"},
                    {"role": "user", "content": "Three"},
                    {"role": "assistant", "content": "Four"},
                ]
            },
        ),
    )
    dataset = read_dataset([path])
    assert dataset.sources[0].shape.name == "messages"
    first, second = dataset.frame.iter_rows(named=True)
    assert (first["input"], first["output"]) == ("Hi", "Hello")
    assert first["messages"][0] == {"role": "system", "content": "Be brief."}
    assert second["input"] == "user: One\n\nassistant: Two\n\nuser: Three"
    assert second["output"] == "Four"


def test_conversation_without_final_reply_has_empty_output(write: Write) -> None:
    path = write("m.jsonl", jsonl({"messages": [{"role": "user", "content": "Anyone?"}]}))
    row = read_dataset([path]).frame.row(0, named=True)
    assert (row["input"], row["output"]) == ("Anyone?", "")


def test_sharegpt_json_array_roles_are_normalised(write: Write) -> None:
    records = [
        {"id": key, "conversations": [{"from": "human", "value": q}, {"from": "gpt", "value": a}]}
        for key, q, a in (("a", "Q1", "A1"), ("b", "Q2", "A2"))
    ]
    path = write("s.json", json.dumps(records, indent=2))
    dataset = read_dataset([path])
    assert (dataset.sources[0].kind, dataset.sources[0].shape.name) == ("json", "sharegpt")
    assert dataset.frame["id"].to_list() == ["a", "b"]
    assert dataset.frame["messages"][0].to_list()[1] == {"role": "assistant", "content": "A1"}
    # Each element's line is where its object starts in the pretty-printed array.
    text = path.read_text().splitlines()
    for line in dataset.frame["source_line"]:
        assert text[line - 1].strip() == "{"


def test_explicit_format_overrides_detection(write: Write) -> None:
    path = write("d.jsonl", jsonl({"instruction": "x", "input": "in", "output": "out"}))
    fields = FieldSettings(shape="input-output")
    row = read_dataset([path], fields).frame.row(0, named=True)
    assert row["input"] == "in"
    with pytest.raises(DatasetError, match="messages format needs the field 'messages'"):
        read_dataset([path], FieldSettings(shape="messages"))


def test_csv_with_quotes_commas_and_newlines(write: Write) -> None:
    content = 'prompt,completion,category\r\n"a, ""b""","line one\nline two",x\nplain,reply,y\n'
    dataset = read_dataset([write("d.csv", content)])
    frame = dataset.frame
    assert frame["input"].to_list() == ['a, "b"', "plain"]
    assert frame["output"].to_list() == ["line one\nline two", "reply"]
    assert frame["source_line"].to_list() == [2, 4]


def test_tsv(write: Write) -> None:
    frame = read_dataset([write("d.tsv", "input\toutput\nhi\tthere\n")]).frame
    assert frame.row(0, named=True)["output"] == "there"


def test_parquet_rows_and_nested_messages(tmp_path: Path) -> None:
    path = tmp_path / "d.parquet"
    pl.DataFrame(
        {
            "messages": [[{"role": "user", "content": "Q"}, {"role": "assistant", "content": "A"}]],
            "category": ["c"],
        }
    ).write_parquet(path)
    dataset = read_dataset([path])
    row = dataset.frame.row(0, named=True)
    assert (dataset.sources[0].kind, row["input"], row["output"], row["source_line"]) == (
        "parquet",
        "Q",
        "A",
        1,
    )


def test_gzipped_jsonl(write: Write) -> None:
    import gzip

    path = write("d.jsonl.gz", gzip.compress(jsonl({"input": "a", "output": "b"}).encode()))
    assert read_dataset([path]).frame.height == 1


def test_bom_and_crlf(write: Write) -> None:
    content = "\ufeff" + jsonl({"input": "a", "output": "b"}, {"input": "c", "output": "d"})
    path = write("d.jsonl", content.replace("\n", "\r\n"))
    frame = read_dataset([path]).frame
    assert frame["output"].to_list() == ["b", "d"]
    assert frame["source_line"].to_list() == [1, 2]


def test_several_files_are_one_dataset(write: Write) -> None:
    a = write("train.jsonl", jsonl({"input": "a", "output": "b", "x": 1}))
    b = write("test.csv", "prompt,completion\nc,d\n")
    dataset = read_dataset([a, b])
    assert dataset.frame["source"].to_list() == [str(a), str(b)]
    assert [s.kind for s in dataset.sources] == ["jsonl", "csv"]
    assert dataset.frame["x"].to_list() == [1, None]


def test_lang_field_is_used(write: Write) -> None:
    path = write("d.jsonl", jsonl({"input": "hola", "output": "adiós", "lang": "es"}))
    assert read_dataset([path]).frame["lang"].to_list() == ["es"]
