"""Drive the app in a child process and SIGKILL it right after it confirmed some actions:
what the crash-safety tests of the review and judge journals share."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[2]


def confirmed_then_killed(driver: str, argument: Path, folder: Path, count: int = 7) -> list[str]:
    """Run `driver` (a script that prints `confirmed <id>` once the screen shows an action
    as made) on `argument`, SIGKILL it once `count` actions were confirmed, and return their
    ids in order. The app goes on acting while it is killed, so a line may be cut off."""
    script = folder / "drive.py"
    script.write_text(driver)
    process = subprocess.Popen(
        [sys.executable, str(script), str(argument)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert process.stdout is not None
    confirmed: list[str] = []
    for line in process.stdout:
        if line.startswith("confirmed"):
            confirmed.append(line.split()[1])
        if len(confirmed) == count:
            break
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    return confirmed
