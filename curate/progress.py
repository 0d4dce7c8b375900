"""One progress line on stderr for long runs of `lint`, `stats` and `split`.

Shown only when stderr is a terminal, and only once a run has taken `DELAY` seconds, so
short runs, pipes, CI logs and machine formats (which print on stdout) never see it. The
line says the stage (reading, duplicates, language, secrets and personal data...), the
rule, the records and records/s, and the time so far; it is erased when the run ends.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from rich.console import Console
from rich.live import Live
from rich.text import Text

DELAY = 2.0
"""Seconds a run goes silent before the line appears."""
STAGES = {
    "SCH": "schema", "DUP": "duplicates", "BAL": "balance", "SIZE": "sizes",
    "LEAK": "leakage, secrets and personal data", "LEN": "length and tokens",
    "LANG": "language", "FMT": "format",
}  # fmt: skip


class StageLine:
    """The progress line's state; `stage()` as each stage starts. Rendered by rich's `Live`
    (which redraws it a few times a second) once `DELAY` has passed."""

    def __init__(self, console: Console | None, delay: float = DELAY) -> None:
        self.console = console
        self.records = 0
        self.name = "starting"
        self.step = ""
        self.started = time.monotonic()
        self.live: Live | None = None
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None
        if console is not None:
            self._timer = threading.Timer(delay, self._show)
            self._timer.daemon = True
            self._timer.start()

    def stage(self, name: str, step: str = "") -> None:
        self.name, self.step = name, step

    def rule(self, started: int, total: int, running: tuple[str, ...]) -> None:
        """As lint's rules start and end: `started` of `total` have started, and the rules
        in `running` run now (two at a time, so the line names both)."""
        families = [code.rstrip("0123456789") for code in running]
        stages = dict.fromkeys(STAGES.get(family, family) for family in families)
        self.stage(", ".join(stages), f"rule {started} of {total}: {', '.join(running)}")

    def __rich__(self) -> Text:
        elapsed = time.monotonic() - self.started
        line = Text(self.name, style="bold")
        if self.step:
            line.append(f" · {self.step}")
        if self.records:
            rate = self.records / elapsed if elapsed > 0 else 0.0
            line.append(f" · {self.records:,} records · {rate:,.0f} records/s")
        line.append(f" · {elapsed:,.0f} s", style="dim")
        return line

    def _show(self) -> None:
        with self._lock:
            if self._timer is None or self.console is None:
                return  # closed before the delay passed
            self.live = Live(self, console=self.console, transient=True, refresh_per_second=4)
            self.live.start()

    def close(self) -> None:
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            if self.live is not None:
                self.live.stop()
                self.live = None


def terminal_console(stream: TextIO | None = None) -> Console | None:
    """A console on stderr when it is a terminal, else None (nothing is shown)."""
    stream = stream or sys.stderr
    try:
        tty = stream.isatty()
    except (AttributeError, ValueError):  # a closed or replaced stream
        tty = False
    return Console(file=stream) if tty else None


@contextmanager
def stage_line(console: Console | None = None, delay: float = DELAY) -> Iterator[StageLine]:
    """A progress line on stderr's terminal (or on `console`), erased at the end."""
    line = StageLine(console if console is not None else terminal_console(), delay)
    try:
        yield line
    finally:
        line.close()
