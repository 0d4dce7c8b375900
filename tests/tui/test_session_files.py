"""The review session over several files: each decision goes to its own file's journal,
under the id the record has in that file, so reading the file alone finds it."""

from __future__ import annotations

from pathlib import Path

from curate.io import read_dataset
from curate.journal import journal_path, load_review, read_decisions
from curate.schemas.settings import CurateSettings
from tui.session import ReviewSession


def test_a_decision_goes_to_its_files_journal_under_its_own_id(tmp_path: Path) -> None:
    train, test = tmp_path / "train.jsonl", tmp_path / "test.jsonl"
    train.write_text('{"id": "7", "input": "q1", "output": "a1"}\n')
    test.write_text('{"id": "7", "input": "q2", "output": "a2"}\n')
    session = ReviewSession.open([train, test], CurateSettings(), reviewer="ann")
    row = session.ids.index("test.jsonl:7")
    session.decide(row, "reject")
    assert not journal_path(train).exists()
    assert [(d.id, d.decision) for d in read_decisions(journal_path(test))] == [("7", "reject")]
    alone = load_review(read_dataset([test]))
    assert alone.latest["7"].decision == "reject"
    reopened = ReviewSession.open([train, test], CurateSettings(), reviewer="bo")
    assert reopened.decision_name(reopened.ids.index("test.jsonl:7")) == "reject"
    assert reopened.decision_name(reopened.ids.index("train.jsonl:7")) == "none"
