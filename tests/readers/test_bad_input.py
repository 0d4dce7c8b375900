"""Bad input: one clear line naming the file, the line and what is wrong; never a traceback.

Whole files that cannot be read stop with exit code 2; a few bad records in a file are
reported and the rest is read. Input files are never modified.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from curate.cli import app
from curate.io import DatasetError, read_dataset

Write = Callable[[str, str | bytes], Path]
GOOD = '{"input": "a question", "output": "an answer"}\n'


def run_stats(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["stats", *args])
    return result.exit_code, result.stdout, result.stderr


def issues_of(path: Path) -> list[str]:
    return [str(issue) for issue in read_dataset([path]).issues]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.jsonl", b"", "file is empty"),
        ("blank.jsonl", b"\n\n  \n", "file is empty"),
        ("binary.jsonl", bytes(range(256)) * 40, "binary"),
        ("zip.jsonl", b"PK\x03\x04" + b"\x00" * 100, "binary file (a ZIP archive)"),
        ("utf16.jsonl", GOOD.encode("utf-16"), "UTF-16 or binary"),
        ("fake.parquet", b'{"input": "a"}', "not a Parquet file (no PAR1 magic bytes"),
        ("cut.parquet", b"PAR1" + b"\x00" * 64, "truncated or corrupt Parquet file"),
        ("notes.txt", b"hello world", "unsupported file type '.txt'"),
        ("bad.gz", b"\x1f\x8b\x08\x00garbage", "corrupt gzip file"),
        ("unclosed.json", b'[{"input": "a", "output": "b"},\n', "never closed"),
        ("shape.jsonl", b'{"text": "a"}\n', "cannot tell the record format from the fields [text]"),
    ],
)
def test_unreadable_file_is_one_line_and_exit_2(
    write: Write, name: str, content: bytes, message: str
) -> None:
    path = write(name, content)
    code, stdout, stderr = run_stats(str(path))
    assert code == 2
    assert stderr.count("\n") == 1, stderr
    assert stderr.startswith(f"curate: error: {path}")
    assert message in stderr
    assert "Traceback" not in stderr + stdout


def test_missing_path_and_directory(tmp_path: Path) -> None:
    code, _, stderr = run_stats(str(tmp_path / "nope.jsonl"))
    assert (code, stderr) == (2, f"curate: error: {tmp_path / 'nope.jsonl'}: no such file\n")
    code, _, stderr = run_stats(str(tmp_path))  # a folder stands for its dataset files
    assert code == 2
    assert stderr.startswith(f"curate: error: {tmp_path}: no dataset files")


def test_json_array_syntax_error_names_the_line(write: Write) -> None:
    path = write("d.json", '[\n  {"input": "a", "output": "b"},\n  {"input": "c" "output": "d"}\n]')
    with pytest.raises(DatasetError) as caught:
        read_dataset([path])
    assert str(caught.value).startswith(f"{path}: line 3: invalid JSON")


def test_bad_lines_are_reported_and_the_rest_is_read(write: Write) -> None:
    lines = [
        GOOD,
        '{"input": "broken",\n',
        "[1, 2]\n",
        '{"input": "no output"}\n',
        '{"input": "q", "output": 42}\n',
        '{"input": "q", "output": null}\n',
        '{"input": "q", "output": ["a", "list"]}\n',
        '{"input": "q", "output": "first", "output": "second"}\n',
        b'{"input": "bad \xff byte", "output": "x"}\n',
        b'{"input": "nul \x00 byte", "output": "x"}\n',
        "\n",
        GOOD.replace("an answer", "another answer"),
    ]
    content = b"".join(line.encode() if isinstance(line, str) else line for line in lines)
    path = write("d.jsonl", content)
    dataset = read_dataset([path])
    assert dataset.frame["source_line"].to_list() == [1, 12]
    assert [str(issue) for issue in dataset.issues] == [
        f"{path}:2: invalid JSON: Expecting property name enclosed in double quotes at column 20",
        f"{path}:3: expected a JSON object, got array",
        f"{path}:4: missing field 'output'",
        f"{path}:5: field 'output' must be a string, got number",
        f"{path}:6: field 'output' is null",
        f"{path}:7: field 'output' must be a string, got array",
        f"{path}:8: duplicate key 'output'",
        f"{path}:9: invalid UTF-8 (byte 0xff at column 16)",
        f"{path}:10: NUL byte at column 16",
    ]
    code, stdout, _ = run_stats(str(path))
    assert code == 0
    assert "2 records, 9 unreadable" in stdout
    assert f"{path}:5: field 'output' must be a string, got number" in stdout


def test_wrong_type_is_caught_even_when_polars_would_coerce_it(write: Write) -> None:
    # Every line parses, so polars reads the file natively and would turn 42 into "42".
    content = GOOD * 3 + '{"input": "q", "output": 42}\n' + '{"input": 7, "output": "x"}\n'
    path = write("d.jsonl", content)
    assert issues_of(path) == [
        f"{path}:4: field 'output' must be a string, got number",
        f"{path}:5: field 'input' must be a string, got number",
    ]


def test_escaped_or_duplicated_keys_cannot_smuggle_a_wrong_type(write: Write) -> None:
    escaped = '{"input": "q", "\\u006futput": 5}\n'
    duplicated = '{"input": "q", "output": 5, "output": "x"}\n'
    content = GOOD + escaped + duplicated
    path = write("d.jsonl", content)
    assert issues_of(path) == [
        f"{path}:2: field 'output' must be a string, got number",
        f"{path}:3: duplicate key 'output'",
    ]


def test_chat_turn_problems(write: Write) -> None:
    def chat(*turns: object) -> str:
        return json.dumps({"messages": list(turns)}) + "\n"

    ok = chat({"role": "user", "content": "q"}, {"role": "assistant", "content": "a"})
    content = (
        ok
        + chat({"role": "user", "content": ["parts"]}, {"role": "assistant", "content": "a"})
        + chat({"role": "user"}, {"role": "assistant", "content": "a"})
        + json.dumps({"messages": []})
        + "\n"
        + json.dumps({"messages": "hello"})
        + "\n"
    )
    path = write("m.jsonl", content)
    dataset = read_dataset([path])
    assert dataset.frame.height == 1
    assert [str(issue) for issue in dataset.issues] == [
        f"{path}:2: messages[0]: field 'content' must be a string, got array",
        f"{path}:3: messages[0]: missing field 'content'",
        f"{path}:4: field 'messages' holds no turns",
        f"{path}:5: field 'messages' must be an array, got string",
    ]


def test_csv_broken_quote_and_ragged_row(write: Write) -> None:
    path = write("d.csv", 'input,output\na,b\nc,d,e\nf,"unclosed\ng,h\n')
    dataset = read_dataset([path])
    assert dataset.frame["input"].to_list() == ["a"]
    assert [str(issue) for issue in dataset.issues] == [
        f"{path}:3: row has 3 fields, the header has 2",
        f"{path}:4: unclosed quote: the field opened on this line runs to the end of the file",
    ]


def test_csv_invalid_utf8_row(write: Write) -> None:
    path = write("d.csv", b"input,output\na,b\nc,\xff\xfe\n")
    assert issues_of(path) == [f"{path}:3: invalid UTF-8 in this row"]


def test_parquet_with_non_text_column(tmp_path: Path) -> None:
    import polars as pl

    path = tmp_path / "d.parquet"
    pl.DataFrame({"input": ["a"], "output": [1]}).write_parquet(path)
    code, _, stderr = run_stats(str(path))
    assert (code, stderr) == (
        2,
        f"curate: error: {path}: column 'output' has type Int64, expected text\n",
    )


def test_file_where_no_record_is_readable(write: Write) -> None:
    path = write("d.jsonl", "{oops\n{also bad\n")
    code, _, stderr = run_stats(str(path))
    assert code == 2
    assert stderr.startswith(f"curate: error: {path}: no readable JSON record")


def test_inputs_are_never_modified(write: Write, tmp_path: Path) -> None:
    files = [
        write("a.jsonl", "\ufeff" + GOOD + "{bad\n"),
        write("b.csv", "input,output\r\nx,y\r\n"),
        write("c.json.gz", gzip.compress(json.dumps([json.loads(GOOD)]).encode())),
    ]
    before = {f: (hashlib.sha256(f.read_bytes()).hexdigest(), f.stat().st_mtime_ns) for f in files}
    code, _, _ = run_stats(*map(str, files))
    assert code == 0
    after = {f: (hashlib.sha256(f.read_bytes()).hexdigest(), f.stat().st_mtime_ns) for f in files}
    assert before == after
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.jsonl", "b.csv", "c.json.gz"]


@pytest.mark.parametrize(
    ("name", "content", "said"),
    [
        (
            "bad.csv",
            'input,output\n"unterminated,quote\nx,y\n',
            "no readable record (line 2: unclosed quote",
        ),
        ("header.csv", "input,output\n", "no records: the file holds a header"),
    ],
)
@pytest.mark.parametrize("command", ["stats", "lint", "split", "export"])
def test_a_file_without_one_readable_record_is_one_line_and_exit_2(
    tmp_path: Path, name: str, content: str, said: str, command: str
) -> None:
    from typer.testing import CliRunner

    from curate.cli import app

    path = tmp_path / name
    path.write_text(content)
    extra = {"split": ["--out", str(tmp_path / "o")], "export": ["--out", str(tmp_path / "o.csv")]}
    result = CliRunner().invoke(app, [command, str(path), *extra.get(command, [])])
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"curate: error: {path}: {said}")
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.output


def test_a_gzip_bomb_is_refused_while_it_inflates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import zlib

    from curate.io.sniff import read_input

    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = b" " * (1 << 20)
    bomb = b"".join(packer.compress(block) for _ in range(300)) + packer.flush()  # 300 MiB
    path = tmp_path / "data.jsonl"
    path.write_bytes(bomb)
    assert len(bomb) < 400_000
    with pytest.raises(DatasetError, match=r"gzip inflates to more than .*a gzip bomb"):
        read_input(path)
    monkeypatch.setenv("CURATE_MAX_GZIP_RATIO", "100000")
    with pytest.raises(DatasetError, match="file is empty"):  # allowed now: all spaces
        read_input(path)


def test_a_device_is_not_read_forever(tmp_path: Path) -> None:
    from curate.io.sniff import read_input

    link = tmp_path / "train.jsonl"
    link.symlink_to("/dev/zero")
    with pytest.raises(DatasetError, match="not a regular file"):
        read_input(link)


def test_outputs_get_the_mode_the_umask_gives(tmp_path: Path) -> None:
    import os

    from curate.io.atomic import write_text_atomic

    previous = os.umask(0o022)
    try:
        write_text_atomic(tmp_path / "out.json", "{}")
    finally:
        os.umask(previous)
    assert (tmp_path / "out.json").stat().st_mode & 0o777 == 0o644


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["split", "{data}", "--out", "{tmp}/s", "--ratios", "nan,0.5,0.5"], "--ratios"),
        (["stats", "{data}", "--config", "{tmp}/bad.toml"], "not UTF-8"),
    ],
)
def test_careless_arguments_are_one_line(tmp_path: Path, args: list[str], said: str) -> None:
    from typer.testing import CliRunner

    from curate.cli import app

    data = tmp_path / "d.jsonl"
    data.write_text('{"input": "a", "output": "b"}\n')
    (tmp_path / "bad.toml").write_bytes(b'[fields]\ncategory = "\xff"\n')
    filled = [a.replace("{data}", str(data)).replace("{tmp}", str(tmp_path)) for a in args]
    result = CliRunner().invoke(app, filled)
    assert result.exit_code == 2 and said in result.stderr and result.stderr.count("\n") == 1


def test_fix_into_a_folder_and_split_through_a_link(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from curate.cli import app

    data = tmp_path / "d.jsonl"
    data.write_text("".join(f'{{"input": "q{i} about it", "output": "a{i}"}}\n' for i in range(30)))
    folder = tmp_path / "clean"
    folder.mkdir()
    fixed = CliRunner().invoke(
        app, ["lint", str(data), "--fix", "--out", str(folder), "--exit-zero"]
    )
    assert fixed.exit_code == 0 and (folder / "d.jsonl").is_file()
    target = tmp_path / "splits-target"
    target.mkdir()
    link = tmp_path / "splits"
    link.symlink_to(target)
    for _ in range(2):  # and again with --force: the link stays a link
        result = CliRunner().invoke(app, ["split", str(data), "--out", str(link), "--force"])
        assert result.exit_code == 0, result.stderr
        assert link.is_symlink() and (target / "manifest.json").is_file()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no staging left


def test_an_extra_field_polars_cannot_type_is_kept_as_json_text(write: Write) -> None:
    path = write("d.jsonl", '{"input": "a", "output": "b", "meta": [false, 0]}\n')
    frame = read_dataset([path]).frame
    assert frame.get_column("meta").to_list() == ["[false, 0]"]
