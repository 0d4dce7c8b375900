"""The data half of `curate run --fix`: the review journal is honoured (rejects out, edits
in, findings on records an expert kept no longer set them aside)."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime
from pathlib import Path

from curate.journal import append_decision, journal_path
from curate.pipeline import RunRequest, prepare
from curate.schemas.decision import Decision
from curate.schemas.settings import CurateSettings
from tests.conftest import SAMPLES


def _decide(path: Path, rid: str, action: str, **changes: str) -> None:
    decision = Decision(id=rid, decision=action, reviewer="ann", at=datetime.now(UTC), **changes)  # type: ignore[arg-type]
    append_decision(journal_path(path), decision)


def test_fix_applies_the_review_journal(tmp_path: Path) -> None:
    data = tmp_path / "tickets.jsonl"
    shutil.copy(SAMPLES / "support_tickets.jsonl", data)
    _decide(data, "T-00001", "reject")
    _decide(data, "T-00002", "edit", output="EDITED REPLY")
    for rid in ("T-00238", "T-00442"):  # the planted conflicting pair (DUP003, an error)
        _decide(data, rid, "keep")
    settings = CurateSettings()
    summary = prepare(RunRequest([data], tmp_path / "run", settings, settings.fields, fix=True))
    assert summary.cleaned is not None
    cleaned = summary.cleaned.read_text()
    assert '"T-00001"' not in cleaned
    assert "EDITED REPLY" in cleaned
    assert '"T-00238"' in cleaned and '"T-00442"' in cleaned
    assert "T-00238" not in summary.set_aside and "T-00442" not in summary.set_aside
    assert "T-00098" in summary.set_aside  # the secret nobody reviewed is still set aside
    assert summary.report.summary.reviewed >= 1


def test_fix_level_warning_also_sets_warning_records_aside(tmp_path: Path) -> None:
    from curate.schemas.finding import Severity

    data = tmp_path / "tickets.jsonl"
    shutil.copy(SAMPLES / "support_tickets.jsonl", data)
    settings = CurateSettings()
    errors = prepare(RunRequest([data], tmp_path / "a", settings, settings.fields, fix=True))
    warnings = prepare(
        RunRequest(
            [data], tmp_path / "b", settings, settings.fields, fix=True, fix_level=Severity.WARNING
        )
    )
    # The over-long reply (LEN003/LEN004), the Spanish and German tickets (LANG), the
    # personal e-mail (LEAK006) are warnings: trained on at the default level, not at warning.
    for rid in ("T-00629", "T-00143", "T-00540", "T-00358"):
        assert rid not in errors.set_aside and rid in warnings.set_aside
    assert set(errors.set_aside) < set(warnings.set_aside)
    recorded = json.loads((tmp_path / "b" / "set_aside.json").read_text())
    assert recorded == warnings.set_aside
