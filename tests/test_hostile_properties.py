"""Hostile data, generated: records mixing control characters, ESC/OSC/CSI sequences, bidi
overrides, Rich markup, huge and deeply nested values and odd Unicode go through every
command that reads data. No traceback, exit codes as documented (0/1/2), no raw ESC or BEL
in any output, and the input and its journal byte-identical afterwards."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from curate.cli import app

PIECES = [
    "\x1b]52;c;ZWNobyBwd25lZA==\x07",
    "\x1b]0;title\x07",
    "\x1b[2J",
    "\x1b[31m",
    "\x07",
    "\x00",
    "\u202e",
    "\u200b",
    "[/]",
    "[link=http://evil]x[/link]",
    "[bold]",
    "%0A",
    "::error::",
    "```",
    "| a | b |",
    "<script>",
    "Ｗｈｅｒｅ",
    "where is my order",
    "🙂",
    "\r\n",
]
text = st.lists(st.sampled_from(PIECES), min_size=0, max_size=6).map("".join)
value = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), text),
    lambda children: st.one_of(
        st.lists(children, max_size=3), st.dictionaries(text, children, max_size=3)
    ),
    max_leaves=6,
)
record = st.fixed_dictionaries(
    {"input": text, "output": text},
    optional={"category": st.one_of(text, st.integers()), "id": text, "meta": value},
)
COMMANDS = [
    ["stats"],
    ["stats", "--output-format", "json"],
    ["lint", "--exit-zero"],
    ["lint", "--output-format", "json"],
    ["lint", "--output-format", "github"],
    ["lint", "--output-format", "sarif"],
    ["split", "--out", "{tmp}/splits", "--force"],
    ["export", "--out", "{tmp}/exported.jsonl"],
]


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(records=st.lists(record, min_size=1, max_size=8))
def test_every_command_survives_hostile_records(tmp_path: Path, records: list[dict]) -> None:
    data = tmp_path / "d[x].jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in records))
    before = data.read_bytes()
    for command in COMMANDS:
        args = [a.replace("{tmp}", str(tmp_path)) for a in command]
        result = CliRunner().invoke(app, [args[0], str(data), *args[1:]])
        assert result.exit_code in (0, 1, 2), (command, result.output)
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            command,
            repr(result.exception),
        )
        if result.exit_code == 2:
            assert result.stderr.startswith("curate: error:"), (command, result.stderr)
        assert "\x1b" not in result.output and "\x07" not in result.output, (command, result.output)
    assert data.read_bytes() == before
