"""The adapter travels: it names its base model by hub id (not this machine's cache
folder), loads with peft from anywhere given the base model, and carries a model card
with YAML front matter the hub reads, the data's hash and, once evaluated, the metrics."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from curate.schemas.settings import CurateSettings
from tests.trainer.test_train import write_splits
from tests.trainer.test_train_options import tiny_settings

torch = pytest.importorskip("torch")
pytest.importorskip("peft")
yaml = pytest.importorskip("yaml")


def front_matter(card: str) -> dict:
    assert card.startswith("---\n")
    return yaml.safe_load(card.split("---\n")[1])  # type: ignore[no-any-return]


@pytest.fixture
def named_model(tmp_path: Path, tiny_model_dir: Path) -> Path:
    """The tiny model as a local copy of a hub model (config.json names its origin)."""
    folder = tmp_path / "models" / "tiny"
    shutil.copytree(tiny_model_dir, folder)
    config = json.loads((folder / "config.json").read_text())
    (folder / "config.json").write_text(json.dumps({**config, "_name_or_path": "acme/tiny"}))
    return folder


def test_a_moved_adapter_loads_given_its_base_model(tmp_path: Path, named_model: Path) -> None:
    from peft import PeftModel

    from curate.trainer.model import load
    from curate.trainer.train import train

    splits = write_splits(tmp_path / "splits")
    result = train(splits, tmp_path / "run", tiny_settings(named_model), max_steps=2)
    saved = json.loads((result.adapter / "adapter_config.json").read_text())
    # A local folder is named as given: its `_name_or_path` may be the model it was
    # fine-tuned from, so it is never taken for the base (the default names its hub id).
    assert saved["base_model_name_or_path"] == str(named_model)

    moved = tmp_path / "elsewhere" / "adapter"
    shutil.copytree(result.adapter, moved)
    shutil.rmtree(tmp_path / "run")
    ids = torch.tensor([[2, 4, 8, 9, 10, 11, 3]])
    base, _ = load(named_model)
    tuned = PeftModel.from_pretrained(base, str(moved))
    with torch.inference_mode():
        adapted = tuned(input_ids=ids).logits
        with tuned.disable_adapter():
            plain = tuned(input_ids=ids).logits
    assert not torch.allclose(adapted, plain)  # the moved adapter is applied

    card = (moved / "README.md").read_text()
    meta = front_matter(card)
    assert meta["base_model"] == str(named_model) and meta["library_name"] == "peft"
    assert "train split sha256" in card and "curate eval" in card


def test_eval_puts_the_metrics_in_the_card(tmp_path: Path, named_model: Path) -> None:
    import hashlib

    from curate.trainer.evaluate import evaluate
    from curate.trainer.train import train

    splits = write_splits(tmp_path / "splits")
    (splits / "test.jsonl").write_text((splits / "val.jsonl").read_text())
    run = tmp_path / "run"
    train(splits, run, tiny_settings(named_model), max_steps=1)
    report = evaluate(run, splits / "test.jsonl", settings=CurateSettings())
    card = (run / "adapter" / "README.md").read_text()
    meta = front_matter(card)
    metrics = meta["model-index"][0]["results"][0]["metrics"]
    rouge = next(m["value"] for m in metrics if m["type"] == "rouge_l")
    assert rouge == pytest.approx(report.models["tuned"]["rouge_l"], abs=1e-4)
    train_hash = hashlib.sha256((splits / "train.jsonl").read_bytes()).hexdigest()
    assert train_hash in card
    assert "| metric | base | prompted | retrieval | tuned |" in card


def test_the_card_lists_the_hub_datasets_the_split_was_read_from(tmp_path: Path) -> None:
    """`datasets:` links to hub dataset pages: an hf:// input is listed by its id (once,
    whatever its file or revision); a local file is not (a path there is a broken link)."""
    from curate.trainer.card import hub_datasets

    manifest = tmp_path / "manifest.json"
    inputs = [
        {"path": "hf://datasets/acme/tickets/train.jsonl"},
        {"path": "hf://datasets/acme/tickets@v2/extra.jsonl"},
        {"path": "hf://datasets/other/chats/data/part-0.parquet"},
        {"path": "data/local.jsonl"},
        {"path": "s3://bucket/datasets/x/y.jsonl"},
    ]
    manifest.write_text(json.dumps({"inputs": inputs}))
    assert hub_datasets(manifest) == ["acme/tickets", "other/chats"]
    assert hub_datasets(tmp_path / "missing.json") == []


def test_a_local_split_has_no_datasets_key_and_a_hub_one_has(
    tmp_path: Path, named_model: Path
) -> None:
    from curate.trainer.card import write_model_card
    from curate.trainer.train import train

    splits = write_splits(tmp_path / "splits")
    run = tmp_path / "run"
    train(splits, run, tiny_settings(named_model), max_steps=1)
    assert "datasets" not in front_matter((run / "adapter" / "README.md").read_text())
    config = json.loads((run / "train_config.json").read_text())
    (run / "train_config.json").write_text(json.dumps({**config, "datasets": ["acme/tickets"]}))
    meta = front_matter(write_model_card(run).read_text())
    assert meta["datasets"] == ["acme/tickets"]
