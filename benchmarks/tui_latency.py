"""Review-app speed on a large dataset: time to first screen and key-to-screen latency.

    python benchmarks/tui_latency.py --n 100000

Generates N seeded records (benchmarks/synth.py), opens `curate review` on them headless
(Textual's pilot, 120x40), and reports:
- time to first screen: from building the app (reading the data included) until the
  first screen is composed and painted; lint runs in a worker afterwards and is excluded,
  as the target says;
- latency from key press to updated screen, once lint is done, for moving (`j`, `k`,
  page down) and deciding (`a`, `x`: the journal line is fsynced before the screen
  updates), as p50 / p95 / max: the key event goes in through the driver as a terminal's
  would, and the clock stops at the last frame the app paints for it (Textual paints at
  most 60 frames a second, so that wait is included). The pilot's `press` is not used
  for timing: it sleeps until the process looks idle, which adds 40-60 ms of its own.

Targets (the review issue): first screen <= 3 s, p95 <= 50 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from textual import events
from textual.app import App

from curate.tui.app import make_app

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import write as write_pairs

FIRST_SCREEN_TARGET_S = 3.0
P95_TARGET_MS = 50.0
QUIET_S = 0.05
"""No new frame for this long after the last one: the key's work is painted."""


async def measure(data: Path, moves: int, decisions: int) -> None:
    started = time.perf_counter()
    app = make_app([data], reviewer="bench")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        first_screen = time.perf_counter() - started
        print(
            f"time to first screen: {first_screen:.2f} s "
            f"(target <= {FIRST_SCREEN_TARGET_S:.0f} s)  {len(app.session):,} records"
        )
        lint_started = time.perf_counter()
        while getattr(app.screen, "lint_state", "") != "done":
            await pilot.pause(0.1)
        print(
            f"lint in the background worker: {time.perf_counter() - lint_started:.1f} s "
            f"({len(app.session.view):,} records in the flagged queue)"
        )
        await pilot.press("v")  # all records: the biggest view
        await pilot.pause()
        moving = await _latencies(app, ["j", "j", "k", "pagedown"], moves)
        deciding = await _latencies(app, ["a", "x"], decisions)
        _report("moving (j, k, page down)", *moving)
        _report("deciding (a, x; fsynced)", *deciding)


async def _latencies(
    app: App[None], keys: list[str], count: int
) -> tuple[list[float], list[float]]:
    """Milliseconds from each key event to the last frame painted for it, and the CPU
    milliseconds the app spent on it (the part other processes on the machine cannot
    inflate)."""
    frames: list[float] = []
    paint = app._display

    def painted(screen: Any, renderable: Any) -> None:
        frames.append(time.perf_counter())
        paint(screen, renderable)

    app._display = painted  # type: ignore[method-assign]
    times, cpu = [], []
    for number in range(count):
        key = keys[number % len(keys)]
        before = len(frames)
        event = events.Key(key, key if len(key) == 1 else None)
        event.set_sender(app)
        started, started_cpu = time.perf_counter(), time.process_time()
        assert app._driver is not None
        app._driver.send_message(event)
        while time.perf_counter() - started < 2:
            await asyncio.sleep(0.002)
            if len(frames) > before and time.perf_counter() - frames[-1] > QUIET_S:
                break
        if len(frames) > before:
            times.append((frames[-1] - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
    app._display = paint  # type: ignore[method-assign]
    return times, cpu


def _report(name: str, times: list[float], cpu: list[float]) -> None:
    ordered, busy = sorted(times), sorted(cpu)
    p95 = ordered[int(0.95 * (len(ordered) - 1))]
    print(
        f"{name}: p50 {statistics.median(ordered):.1f} ms, p95 {p95:.1f} ms, "
        f"max {ordered[-1]:.1f} ms over {len(ordered)} presses "
        f"(target p95 <= {P95_TARGET_MS:.0f} ms); CPU per key p50 "
        f"{statistics.median(busy):.1f} ms, p95 {busy[int(0.95 * (len(busy) - 1))]:.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--data", type=Path, help="use this dataset instead of generating one")
    parser.add_argument("--moves", type=int, default=400)
    parser.add_argument("--decisions", type=int, default=100)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="curate-tui-bench-"))
    # The decisions go to a journal beside the data: work on a copy, never on the original.
    data = folder / (args.data.name if args.data else "pairs.jsonl")
    if args.data is None:
        write_pairs(args.n, data)
    else:
        shutil.copy(args.data, data)
    asyncio.run(measure(data, args.moves, args.decisions))


if __name__ == "__main__":
    main()
