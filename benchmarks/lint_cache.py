"""Re-lint with the cache: cold, warm, and after a few records change, against --no-cache.

    python benchmarks/lint_cache.py --n 100000 --changed 10

Generates N seeded synthetic pairs (benchmarks/synth.py), then times `curate lint` (default
rules, a subprocess each with curate's bytecode compiled, wall clock) four ways on the same
file: without the cache, with an empty cache (cold: every text analysed and stored), with
the cache it left (warm), and after `--changed` records had their reply edited (each of
those runs starts from the cache the unedited file left, so each is the first re-lint
after the edits). Warm and edited runs are repeated `--repeat` times and their median
shown, with their range. It checks that every run with the cache reports exactly the
findings of the run without it (for the edited file, a `--no-cache` run of that file), and
prints each time next to the `--no-cache` reference.
Target (issue 14): the re-lint after 10 changed records of 100k pairs in <= 2 s.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import write as write_pairs


def lint(data: Path, *options: str, env: dict[str, str]) -> tuple[float, list[dict]]:
    command = [sys.executable, "-m", "curate", "lint", str(data), "--output-format", "json"]
    started = time.perf_counter()
    done = subprocess.run(
        [*command, "--exit-zero", *options], capture_output=True, text=True, check=True, env=env
    )
    return time.perf_counter() - started, json.loads(done.stdout)["findings"]


def edit(data: Path, changed: int, seed: int) -> None:
    lines = data.read_text(encoding="utf-8").splitlines()
    for index in random.Random(seed).sample(range(len(lines)), changed):
        record = json.loads(lines[index])
        record["output"] = record["output"] + " (edited by the benchmark)"
        lines[index] = json.dumps(record, ensure_ascii=False)
    data.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--changed", type=int, default=10)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--repeat", type=int, default=5, help="runs of each timed cached lint (median shown)"
    )
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="curate-lint-cache-bench-"))
    data, cache = folder / "pairs.jsonl", folder / "cache"
    write_pairs(args.n, data, args.seed)
    size = data.stat().st_size / 1e6
    print(f"{args.n:,} pairs ({size:.0f} MB), default rules, wall clock of a subprocess each")
    # As an installed curate runs: with its modules' bytecode, which pip compiles at install
    # time and Python writes on first import (an environment with PYTHONDONTWRITEBYTECODE
    # would otherwise compile curate's source on every run: 0.15 s here). The first run
    # writes it, into a folder of this benchmark's.
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(folder / "bytecode")
    off = ["--no-cache"]
    on = ["--cache-dir", str(cache)]
    lint(data, *off, "--select", "SCH001", env=env)  # writes the bytecode
    reference, truth = lint(data, *off, env=env)
    cold, cold_found = lint(data, *on, env=env)
    warm = [lint(data, *on, env=env) for _ in range(args.repeat)]
    edit(data, args.changed, args.seed)
    edited_reference, edited_truth = lint(data, *off, env=env)
    # Each timed re-lint is the first after the edits: it starts from the cache as the
    # unedited file left it, and analyses the changed records' texts.
    before = folder / "cache-before-edits"
    shutil.copytree(cache, before)
    edited = []
    for _ in range(args.repeat):
        shutil.rmtree(cache)
        shutil.copytree(before, cache)
        edited.append(lint(data, *on, env=env))
    stored = sum(p.stat().st_size for p in cache.glob("*.arrow")) / 1e6
    rows = [
        ("no cache", [(reference, truth)], truth),
        ("cold cache", [(cold, cold_found)], truth),
        ("warm cache", warm, truth),
        (f"no cache, {args.changed} edited", [(edited_reference, edited_truth)], edited_truth),
        (f"warm, {args.changed} edited", edited, edited_truth),
    ]
    for name, runs, expected in rows:
        seconds = statistics.median(time for time, _ in runs)
        spread = (
            f" (median of {len(runs)}: {min(t for t, _ in runs):.2f}-{max(t for t, _ in runs):.2f})"
            if len(runs) > 1
            else ""
        )
        same = all(found == expected for _, found in runs)
        check = "  same findings" if same else "  FINDINGS DIFFER"
        print(f"{name:<22} {seconds:6.2f} s  {reference / seconds:5.2f}x{check}{spread}")
    median = statistics.median(time for time, _ in edited)
    verdict = "meets" if median <= 2.0 else "misses"
    print(f"re-lint after {args.changed} edits: {median:.2f} s median ({verdict} the 2 s target)")
    print(f"cache on disk: {stored:.0f} MB")


if __name__ == "__main__":
    main()
