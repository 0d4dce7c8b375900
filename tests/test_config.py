"""Configuration: `[tool.curate]` or `curate.toml`, unknown keys named with their file."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from curate.cli import app
from curate.config import ConfigError, find_config, load_settings
from curate.schemas.finding import Severity

Write = Callable[[str, str | bytes], Path]


def test_defaults_without_a_config_file(tmp_path: Path) -> None:
    settings = load_settings(start=tmp_path)
    assert settings.lint.languages == ["en"]
    assert settings.split.ratios == (0.8, 0.1, 0.1)
    assert settings.fields.shape == "auto"


def test_curate_toml_with_kebab_case_keys(write: Write, tmp_path: Path) -> None:
    write(
        "curate.toml",
        """
[fields]
shape = "alpaca"
category = "label"

[lint]
select = ["DUP", "LEAK001"]
severity = { BAL001 = "error" }
options = { DUP002 = { threshold = 0.8 } }

[split]
ratios = [0.7, 0.15, 0.15]
""",
    )
    settings = load_settings(start=tmp_path)
    assert settings.fields.shape == "alpaca"
    assert settings.fields.category == "label"
    assert settings.lint.select == ["DUP", "LEAK001"]
    assert settings.lint.severity == {"BAL001": Severity.ERROR}
    assert settings.lint.options["DUP002"] == {"threshold": 0.8}
    assert settings.split.ratios == (0.7, 0.15, 0.15)


def test_pyproject_tool_curate_is_found_from_a_subfolder(write: Write, tmp_path: Path) -> None:
    write(
        "pyproject.toml", '[project]\nname = "x"\n\n[tool.curate.lint]\nlanguages = ["en", "de"]\n'
    )
    sub = tmp_path / "data" / "v2"
    sub.mkdir(parents=True)
    assert find_config(sub) == tmp_path / "pyproject.toml"
    assert load_settings(start=sub).lint.languages == ["en", "de"]


def test_pyproject_without_curate_table_is_skipped(write: Write, tmp_path: Path) -> None:
    write("pyproject.toml", '[project]\nname = "x"\n')
    assert find_config(tmp_path) is None


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[lint]\nselct = ['DUP']\n", "unknown key 'selct' in [lint] (did you mean 'select'?)"),
        ("[linter]\n", "unknown key 'linter' (did you mean 'lint'?)"),
        ("[split]\nratios = [0.5, 0.1, 0.1]\n", "'split.ratios': Value error, ratios must"),
        ("[lint]\nseverity = { DUP001 = 'fatal' }\n", "'lint.severity.DUP001': Input should be"),
        ("[lint\n", "invalid TOML"),
    ],
)
def test_bad_config_names_file_and_key(
    write: Write, tmp_path: Path, content: str, message: str
) -> None:
    path = write("curate.toml", content)
    with pytest.raises(ConfigError) as caught:
        load_settings(start=tmp_path)
    assert str(caught.value).startswith(f"{path}: ")
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_cli_reports_bad_config_with_exit_2(write: Write) -> None:
    data = write("d.jsonl", '{"input": "a", "output": "b"}\n')
    config = write("other.toml", "[fields]\nshpae = 'alpaca'\n")
    result = CliRunner().invoke(app, ["stats", str(data), "--config", str(config)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"curate: error: {config}: unknown key 'shpae' in [fields] (did you mean 'shape'?)\n"
    )


def test_config_field_names_apply_and_flags_override_them(write: Write) -> None:
    data = write("d.jsonl", '{"q": "in", "a": "out", "kind": "x", "topic": "y"}\n')
    config = write("c.toml", "[fields]\ninput = 'q'\noutput = 'a'\ncategory = 'kind'\n")
    runner = CliRunner()
    result = runner.invoke(
        app, ["stats", str(data), "--config", str(config), "--output-format", "json"]
    )
    assert result.exit_code == 0, result.stderr
    assert '"category": "x"' in result.stdout
    result = runner.invoke(
        app,
        [
            "stats",
            str(data),
            "--config",
            str(config),
            "--category-field",
            "topic",
            "--output-format",
            "json",
        ],
    )
    assert '"category": "y"' in result.stdout


def test_the_old_key_input_format_still_reads(write: Write, tmp_path: Path) -> None:
    write("curate.toml", '[fields]\ninput-format = "sharegpt"\n')
    assert load_settings(start=tmp_path).fields.shape == "sharegpt"


def test_a_config_found_in_a_parent_folder_is_named(
    write: Write, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = write("curate.toml", '[lint]\nignore = ["SIZE"]\n')
    data = write("sub/d.jsonl", '{"input": "where is my order", "output": "it ships"}\n')
    monkeypatch.chdir(data.parent)
    text = CliRunner().invoke(app, ["lint", str(data), "--exit-zero"], env={"COLUMNS": "400"})
    assert text.stdout.splitlines()[0] == f"config: {config.resolve()}"
    result = CliRunner().invoke(app, ["lint", str(data), "--exit-zero", "--output-format", "json"])
    assert json.loads(result.stdout)["config"] == str(config.resolve())
