"""`curate train SPLITS --show-mask N`: the record as the model sees it, trained spans
marked, so a user checks what carries the loss before a run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from curate.cli import app

pytest.importorskip("transformers")

CHAT = [
    {"role": "user", "content": "hi"},
    {"role": "assistant", "content": "hello"},
    {"role": "user", "content": "where is my order"},
    {"role": "assistant", "content": "it ships tomorrow"},
]


def splits_with_a_chat(tmp_path: Path) -> Path:
    folder = tmp_path / "splits"
    folder.mkdir()
    rows = [{"id": "c1\x1b]0;x\x07", "messages": CHAT}, {"id": "c2", "messages": CHAT[:2]}]
    (folder / "train.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    return folder


@pytest.mark.parametrize(
    ("train_on", "trained"),
    [("all-assistant", ["hello<|im_end|>", "it ships tomorrow<|im_end|>"]),
     ("last-assistant", ["it ships tomorrow<|im_end|>"])],
)  # fmt: skip
def test_show_mask_marks_the_trained_spans(
    tmp_path: Path, tiny_model_dir: Path, train_on: str, trained: list[str]
) -> None:
    splits = splits_with_a_chat(tmp_path)
    args = ["train", str(splits), "--model", str(tiny_model_dir), "--show-mask", "1"]
    result = CliRunner().invoke(app, [*args, "--train-on", train_on])
    assert result.exit_code == 0, result.output
    shown = result.output
    assert "record 1 (id c1⟨U+001B⟩]0;x⟨U+0007⟩)" in shown
    spans = ["".join(part.split("⟧")[0].split()) for part in shown.split("⟦")[1:]]
    assert spans == [t.replace(" ", "") for t in trained]
    assert "\x1b" not in shown and "⟨U+001B⟩" in shown  # data is never terminal control
    assert f"{4 if train_on == 'last-assistant' else 6} of " in shown
    assert not (tmp_path / "run").exists()


def test_show_mask_out_of_range_is_one_line(tmp_path: Path, tiny_model_dir: Path) -> None:
    splits = splits_with_a_chat(tmp_path)
    args = ["train", str(splits), "--model", str(tiny_model_dir), "--show-mask", "3"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2
    assert result.stderr == (
        f"curate: error: {splits / 'train.jsonl'}: --show-mask 3: the split has 2 records\n"
    )
