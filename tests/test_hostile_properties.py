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
from curate.journal import journal_path

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
    journal = journal_path(data)
    journal.write_text('{"id": "x", "decision": "keep", "reviewer": "ann", '
                       '"at": "2026-11-30T00:00:00Z"}\n')  # fmt: skip
    journal_before = journal.read_bytes()
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
    assert journal.read_bytes() == journal_before


@settings(max_examples=25, deadline=None)
@given(categories=st.lists(text, min_size=1, max_size=4))
def test_the_eval_reports_show_hostile_categories_as_text(categories: list[str]) -> None:
    """The terminal table of `eval`/`run`, report.md and report.html take category names
    from the data: no raw control character and no markup crash in any of them."""
    import io
    import tempfile

    from rich.console import Console

    from curate.proof.render import render_markdown, terminal_table, write_html
    from tests.proof.test_verdict import report, rows

    data = rows(40, tuned=0.6)
    for i, row in enumerate(data):
        row["category"] = categories[i % len(categories)]
    result = report(data)
    out = io.StringIO()
    Console(file=out, width=200, force_terminal=False).print(terminal_table(result, "eval [/]"))
    markdown = render_markdown(result)
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "report.md").write_text(markdown)
        page = write_html(Path(folder)).read_text()
    assert "<script>" not in page
    for shown in (out.getvalue(), markdown, page):
        assert "\x1b" not in shown and "\x07" not in shown and "\x00" not in shown


def test_rules_prints_no_control_character() -> None:
    for args in (["rules"], ["rules", "--markdown"], ["rule", "DUP002"]):
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 0, result.output
        assert "\x1b" not in result.output and "\x07" not in result.output
