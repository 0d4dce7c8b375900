"""Near copies are pairs: both sides near, never a chain, short texts nearly equal.

Regression tests for `--fix` dropping records that are not copies: different questions
answered with one canned reply, chat logs flattened into records (one record's reply is the
next one's request), and short question/answer pairs that share half their word pairs.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl
import pytest
from typer.testing import CliRunner

from curate.cli import app
from curate.dedup import NearDuplicateParams
from curate.dedup.groups import exact_keepers, natural_key, star_groups
from curate.dedup.pairs import RecordPairParams, record_pairs
from curate.dedup.short import near_equal
from curate.normalize import dedup_text
from tests.conftest import SAMPLES

CANNED = (
    "Thanks for reaching out! I have passed your question to our team and someone will "
    "get back to you within two business days."
)


def tickets() -> list[dict[str, Any]]:
    """The sample's ordinary tickets: distinct real questions, each with its own reply."""
    planted = json.loads((SAMPLES / "planted.json").read_text(encoding="utf-8"))
    skip = {rid for entry in planted for rid in entry["ids"]}
    records = []
    for line in (SAMPLES / "support_tickets.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if record["id"] not in skip:
            records.append(record)
    return records


def write(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
    return path


def fixed_ids(tmp_path: Path, data: Path) -> list[str]:
    out = tmp_path / "clean.jsonl"
    result = CliRunner().invoke(
        app,
        ["lint", str(data), "--fix", "--out", str(out), "--exit-zero", "--output-format", "json"],
    )
    assert result.exit_code == 0, result.output
    return [json.loads(line)["id"] for line in out.read_text().splitlines()]


def test_canned_replies_to_different_questions_are_all_kept(tmp_path: Path) -> None:
    records = tickets()[:600]
    for record in records[::5] + records[1::5]:  # 240 of the 600 get the canned reply
        record["output"] = CANNED
    data = write(tmp_path / "canned.jsonl", records)
    assert fixed_ids(tmp_path, data) == [r["id"] for r in records]


def test_all_canned_replies_still_split_at_the_ratios(tmp_path: Path) -> None:
    records = [{**r, "output": CANNED} for r in tickets()[:600]]
    data = write(tmp_path / "canned.jsonl", records)
    out = tmp_path / "splits"
    result = CliRunner().invoke(app, ["split", str(data), "--out", str(out)])
    assert result.exit_code == 0, result.output
    totals = json.loads((out / "manifest.json").read_text())["totals"]
    assert sum(totals.values()) == 600
    assert abs(totals["train"] - 480) <= 10 and abs(totals["test"] - 60) <= 10, totals


def chained_dialogues() -> list[dict[str, Any]]:
    """The samples' conversations flattened as chat logs often are: each utterance is the
    input of a record whose output is the next utterance. The samples reuse a few follow-up
    exchanges word for word (real copies); each input is taken once, so none is left."""
    records = []
    seen: set[str] = set()
    conversations = json.loads((SAMPLES / "sharegpt.json").read_text(encoding="utf-8"))
    for conversation in conversations:
        turns = [t["value"] for t in conversation["conversations"] if t["from"] != "system"]
        for k in range(len(turns) - 1):
            if turns[k] not in seen:
                seen.add(turns[k])
                records.append({"input": turns[k], "output": turns[k + 1]})
    return [{"id": f"c-{k}", **r} for k, r in enumerate(records)]


def test_chained_dialogues_lose_no_record(tmp_path: Path) -> None:
    records = chained_dialogues()
    records += [
        {
            "id": "g-1",
            "input": "Good morning, how are you?",
            "output": "I am doing well, how about you?",
        },
        {"id": "g-2", "input": "I am doing well, how about you?", "output": "I'm also good."},
        {"id": "g-3", "input": "I'm also good.", "output": "Glad to hear it!"},
    ]
    assert len(records) > 60
    data = write(tmp_path / "chat.jsonl", records)
    assert fixed_ids(tmp_path, data) == [r["id"] for r in records]


def test_short_facts_are_not_near_copies_but_short_typos_are(tmp_path: Path) -> None:
    records = [
        {"id": "s-1", "input": "What is a motormouth", "output": "A ratchet-jaw."},
        {"id": "s-2", "input": "What is a ratchet jaw", "output": "A chatterbox."},
        {"id": "s-3", "input": "Where is my order?", "output": CANNED},
        {"id": "s-4", "input": "Where is my refund?", "output": CANNED},
        {"id": "s-5", "input": "Can I change order 41?", "output": "Yes, until it ships."},
        {"id": "s-6", "input": "Can I change order 42?", "output": "Yes, until it ships."},
        {
            "id": "s-7",
            "input": "How do I reset my password?",
            "output": "Use the link on the sign-in page.",
        },
        {
            "id": "s-8",
            "input": "How do I reset my pasword?",
            "output": "Use the link on the sign in page!",
        },
    ]
    data = write(tmp_path / "short.jsonl", records)
    assert fixed_ids(tmp_path, data) == [f"s-{k}" for k in range(1, 8)]


@pytest.mark.parametrize(
    ("first", "second", "near"),
    [
        ("what is a motormouth", "what is a ratchet jaw", False),
        ("where is my order?", "where is my refund?", False),
        ("order 41", "order 42", False),
        ("reset my password", "reset my pasword", True),
        ("reset my password", "reset my passwrod", True),
        ("is it red", "is it rod", False),  # short words: another word, not a slip
        ("hello, there!", "hello there", True),
        ("", "", True),
        ("", "hello", False),
    ],
)
def test_near_equal(first: str, second: str, near: bool) -> None:
    assert near_equal(first, second) is near


def test_record_pairs_need_both_sides_near() -> None:
    question = (
        "My {} arrived with a cracked screen and the box was crushed, can you send another one?"
    )
    reply = (
        "Hi Dana, sorry about the damaged {}. I have sent a replacement by express courier today."
    )
    inputs = [question.format("weather station")] * 2
    inputs.append("The lantern I ordered never came, and tracking has shown nothing for a week.")
    outputs = [reply.format(x) for x in ("station", "unit", "station")]
    outputs[1] = outputs[0].replace("today", "this morning")
    params = NearDuplicateParams()
    found = record_pairs(
        dedup_text(pl.Series(inputs)),
        dedup_text(pl.Series(outputs)),
        RecordPairParams(params, params),
    )
    assert found.pairs.tolist() == [[0, 1]]  # 0-2: outputs near, inputs not
    assert found.similarity.shape == (1, 2) and found.similarity[0, 0] == 1.0


def test_pairs_normalised_as_needed_are_the_pairs_of_normal_texts(tmp_path: Path) -> None:
    """A lint with the cache normalises only the records it signs or judges; its pairs, cold
    and warm, are those of the texts normalised first (the sample's tickets with copies
    disguised by case, spacing, zero-width characters and look-alike letters, canned
    replies, and templated questions about different orders)."""
    from curate.dedup.pairs import normalised_record_pairs
    from curate.io.analysis_cache import AnalysisCache, column_keys, fold_keys, text_keys

    records = tickets()[:120]
    inputs = [r["input"] for r in records]
    outputs = [r["output"] for r in records]
    for k in range(0, 40, 4):
        inputs.append(inputs[k].upper().replace(" ", "  ") + "\u200b")
        outputs.append(outputs[k].replace("o", "\u043e"))  # Cyrillic o
        inputs.append(f"Order FW-{513238 + k} never arrived, where is it?")
        outputs.append(CANNED)
    raw_in, raw_out = pl.Series(inputs), pl.Series(outputs)
    normal_in, normal_out = dedup_text(raw_in), dedup_text(raw_out)
    keys = (text_keys(normal_in), text_keys(normal_out))
    assert fold_keys(list(keys)).equals(column_keys([normal_in, normal_out]))
    params = RecordPairParams()
    mask = np.ones(len(inputs), dtype=bool)
    mask[5] = False  # a copy dropped before the search is never paired
    expected = record_pairs(normal_in, normal_out, params, mask)
    assert len(expected.pairs) >= 10
    # Disguised copies sign as their originals: each distinct pair of normal forms once.
    distinct = fold_keys(list(keys)).filter(pl.Series(mask)).unique().height
    for run in ("cold", "warm"):
        cache = AnalysisCache(tmp_path)
        found = normalised_record_pairs(raw_in, raw_out, keys, params, mask, cache)
        assert found.pairs.tolist() == expected.pairs.tolist(), run
        assert np.array_equal(found.similarity, expected.similarity), run
        assert cache.computed == (distinct if run == "cold" else 0), run


def test_star_groups_do_not_chain() -> None:
    ids = ["r-1", "r-2", "r-3", "r-4"]
    # r-1 ~ r-2 ~ r-3 ~ r-4 in a chain, r-1 ~ r-3 too: r-1 keeps r-2 and r-3; r-4 is near
    # only r-3, which is dropped, so it stays.
    pairs = np.array([[0, 1], [1, 2], [2, 3], [0, 2]])
    assert star_groups(pairs, ids) == [[0, 1, 2]]


def test_star_groups_keep_the_smallest_id_in_natural_order() -> None:
    ids = ["T-10", "T-9", "T-100"]
    pairs = np.array([[0, 1], [0, 2], [1, 2]])
    assert star_groups(pairs, ids) == [[1, 0, 2]]
    assert sorted(["abc~10", "abc~2", "abc"], key=natural_key) == ["abc", "abc~2", "abc~10"]


def test_star_groups_ignore_pairs_across_partitions() -> None:
    pairs = np.array([[0, 1], [1, 2]])
    assert star_groups(pairs, ["a", "b", "c"], partition=["train", "test", "test"]) == [[1, 2]]


def test_exact_keepers_pick_the_smallest_id_whatever_the_order() -> None:
    texts = pl.Series(["x", "y", "x", "x"])
    ids = pl.Series(["T-10", "T-1", "T-9", "T-11"])
    assert exact_keepers(texts, ids).to_list() == [2, 1, 2, 2]


def test_lint_fix_and_split_keep_the_same_record(tmp_path: Path) -> None:
    base = tickets()[:60]
    original = base[5]
    text = original["output"]
    words = text.split(" ")
    words[3] = words[3] + "s"
    copy_near = {**original, "id": "T-9", "output": " ".join(words)}
    copy_exact = {**original, "id": "T-10", "input": original["input"].upper()}
    original = {**original, "id": "T-100"}
    records = [original, *base[6:], copy_exact, copy_near]
    data = write(tmp_path / "d.jsonl", records)
    kept = fixed_ids(tmp_path, data)
    assert "T-9" in kept and "T-10" not in kept and "T-100" not in kept
    out = tmp_path / "splits"
    assert CliRunner().invoke(app, ["split", str(data), "--out", str(out)]).exit_code == 0
    manifest = json.loads((out / "manifest.json").read_text())
    assert {d["id"] for d in manifest["dropped"]} == {"T-100"}
    assert manifest["dropped"][0]["reason"] == "exact duplicate of T-10"


def test_run_fix_keeps_every_record_when_all_replies_are_canned(tmp_path: Path) -> None:
    from curate.pipeline import RunRequest, prepare
    from curate.schemas.settings import CurateSettings

    records = [{**r, "output": CANNED} for r in tickets()[:600]]
    data = write(tmp_path / "canned.jsonl", records)
    settings = CurateSettings()
    summary = prepare(RunRequest([data], tmp_path / "run", settings, settings.fields, fix=True))
    assert summary.cleaned is not None and summary.splits is not None
    assert len(summary.cleaned.read_text().splitlines()) == 600
    totals = json.loads((summary.splits / "manifest.json").read_text())["totals"]
    assert sum(totals.values()) == 600 and totals["train"] >= 470, totals
