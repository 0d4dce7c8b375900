"""Split time for N generated records, apart from the shared duplicate detection.

    python benchmarks/split_throughput.py --n 1000000

Runs the stages of `curate split` one by one on seeded synthetic pairs
(benchmarks/synth.py) and prints each stage's seconds. Duplicate detection (normal forms,
exact groups, MinHash LSH) is the work `curate lint` shares and times in
benchmarks/lint_throughput.py; the issue's target (<= 30 s for 1M records on this 2-core
machine) is for the rest: reading, grouping, assigning, writing and the manifest.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import write as write_pairs

from curate.io import read_dataset
from curate.lint.checks.duplicates import NearOptions
from curate.lint.context import LintContext
from curate.schemas.settings import CurateSettings
from curate.split.assign import assign
from curate.split.command import _manifest
from curate.split.groups import build_groups
from curate.split.write import split_bodies, write_split_files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--data", type=Path, help="use this JSONL instead of generating one")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="curate-split-bench-"))
    data = args.data or folder / "pairs.jsonl"
    if args.data is None:
        write_pairs(args.n, data)
    settings = CurateSettings()
    stages: dict[str, float] = {}

    def timed(name: str, started: float) -> float:
        now = time.perf_counter()
        stages[name] = now - started
        return now

    started = time.perf_counter()
    dataset = read_dataset([data])
    now = timed("read", started)
    ctx = LintContext(dataset, settings)
    for key in ("input", "both"):
        ctx.exact_group(key)
        ctx.near_duplicates(NearOptions(key=key))
    now = timed("duplicate detection (shared with lint)", now)
    grouping = build_groups(ctx, "category", keep_duplicates=False)
    now = timed("grouping", now)
    placed = assign(grouping.groups, settings.split.ratios, settings.split.seed)
    now = timed("assignment", now)
    out = folder / "splits"
    out.mkdir()
    write_split_files(out, split_bodies(dataset, placed, settings.split.seed), parquet=False)
    now = timed("writing JSONL", now)
    where = dataset.frame.select("source", "source_line").iter_rows()
    lines = dict(zip(dataset.frame.get_column("id"), where, strict=True))
    _manifest(dataset, grouping, placed, lines, settings, out)
    timed("manifest (sha256 of inputs and outputs)", now)

    shared = stages["duplicate detection (shared with lint)"]
    total = sum(stages.values())
    print(f"curate split, {len(dataset):,} records ({data.stat().st_size / 1e6:,.0f} MB):")
    for name, seconds in stages.items():
        print(f"  {name:42} {seconds:7.1f} s")
    print(f"  {'total':42} {total:7.1f} s")
    print(f"  {'total without duplicate detection':42} {total - shared:7.1f} s  (target <= 30 s)")


if __name__ == "__main__":
    main()
