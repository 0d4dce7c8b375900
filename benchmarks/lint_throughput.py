"""Lint throughput, memory and near-duplicate quality, against a plain datasketch baseline.

    python benchmarks/lint_throughput.py --n 100000
    python benchmarks/lint_throughput.py --n 1000000 --baseline-records 20000

Generates N seeded synthetic pairs with planted exact and near copies (benchmarks/synth.py),
runs `curate lint` with the default rules in a subprocess, and prints records/s, peak
memory, seconds per rule, and near-duplicate precision and recall against the planted truth.
Then it times near-duplicate detection alone, curate's vectorised MinHash LSH against two
datasketch baselines on the same normalised texts: the plain way (one `MinHash.update` per
shingle, then `MinHashLSH` insert and query) and datasketch's fastest documented path
(`MinHash.bulk` over all shingle sets, `MinHashLSH.insertion_session`, then queries), and
prints both speed ratios. The baselines run on the first `--baseline-records` records (all
of them by default up to 100k) and are compared per record.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import polars as pl

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import write as write_pairs

from curate.dedup import NearDuplicateParams, near_duplicates
from curate.normalize import dedup_text


class UnionFind:
    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, x: int) -> int:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        self.parent[self.find(a)] = self.find(b)


def index_of(record_id: str) -> int:
    return int(record_id.removeprefix("r-"))


def quality(report: dict, truth: dict) -> tuple[float, float, int]:
    """Near-duplicate precision and recall against the planted copies."""
    family = UnionFind()
    for a, b in truth["exact"] + truth["near"]:
        family.union(a, b)
    predicted = UnionFind()
    pairs = []
    for finding in report["findings"]:
        if finding["rule"] not in ("DUP001", "DUP002"):
            continue
        members = [index_of(r) for r in finding["records"]]
        for other in members[1:]:
            predicted.union(members[0], other)
            if finding["rule"] == "DUP002":
                pairs.append((members[0], other))
    correct = sum(family.find(a) == family.find(b) for a, b in pairs)
    found = sum(predicted.find(a) == predicted.find(b) for a, b in truth["near"])
    precision = correct / len(pairs) if pairs else 1.0
    recall = found / len(truth["near"]) if truth["near"] else 1.0
    return precision, recall, len(pairs)


def run_lint(path: Path) -> tuple[dict, float, float]:
    started = time.perf_counter()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "curate",
            "lint",
            str(path),
            "--output-format",
            "json",
            "--statistics",
            "--exit-zero",
            "--no-cache",  # cold every time: the cache has its own benchmark (lint_cache.py)
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    seconds = time.perf_counter() - started
    peak_gib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024**2
    return json.loads(result.stdout), seconds, peak_gib


def datasketch_baseline(texts: list[str], params: NearDuplicateParams) -> float:
    """Seconds for the plain datasketch way on these texts."""
    from datasketch import MinHash, MinHashLSH

    started = time.perf_counter()
    lsh = MinHashLSH(threshold=params.threshold, num_perm=params.num_perm)
    signatures = []
    for index, text in enumerate(texts):
        words = re.findall(r"\w+", text)
        shingles = {
            " ".join(words[i : i + params.ngram])
            for i in range(max(1, len(words) - params.ngram + 1))
        }
        minhash = MinHash(num_perm=params.num_perm)
        for shingle in shingles:
            minhash.update(shingle.encode("utf-8"))
        lsh.insert(str(index), minhash)
        signatures.append(minhash)
    for minhash in signatures:
        lsh.query(minhash)
    return time.perf_counter() - started


def datasketch_bulk_baseline(texts: list[str], params: NearDuplicateParams) -> float:
    """Seconds for datasketch's fastest documented path: `MinHash.bulk` and an insertion
    session (same shingles, permutations and threshold)."""
    from datasketch import MinHash, MinHashLSH

    started = time.perf_counter()
    shingle_sets = []
    for text in texts:
        words = re.findall(r"\w+", text)
        shingle_sets.append(
            [
                " ".join(words[i : i + params.ngram]).encode("utf-8")
                for i in range(max(1, len(words) - params.ngram + 1))
            ]
        )
    signatures = MinHash.bulk(shingle_sets, num_perm=params.num_perm)
    lsh = MinHashLSH(threshold=params.threshold, num_perm=params.num_perm)
    with lsh.insertion_session() as session:
        for index, minhash in enumerate(signatures):
            session.insert(str(index), minhash)
    for minhash in signatures:
        lsh.query(minhash)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--baseline-records", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, help="write the data here instead of a temp dir")
    parser.add_argument(
        "--record-bytes", type=int, default=0, help="mean record size (default ~690 bytes)"
    )
    parser.add_argument(
        "--foreign-share", type=float, default=0.0, help="share of records in other languages"
    )
    parser.add_argument(
        "--email-share", type=float, default=0.0, help="share of replies with an e-mail address"
    )
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="curate-bench-"))
    path = args.keep or folder / f"pairs-{args.n}.jsonl"
    write_pairs(args.n, path, args.seed, args.record_bytes, args.foreign_share, args.email_share)
    truth = json.loads(path.with_name(path.name + ".truth.json").read_text())
    size_mb = path.stat().st_size / 1e6

    report, seconds, peak = run_lint(path)
    precision, recall, predicted = quality(report, truth)
    print(f"curate lint, default rules: {args.n:,} records ({size_mb:,.0f} MB)")
    print(f"  {seconds:.1f} s wall, {args.n / seconds:,.0f} records/s, peak RSS {peak:.2f} GiB")
    print(
        f"  near duplicates: precision {precision:.3f}, recall {recall:.3f} "
        f"({predicted:,} pairs reported, {len(truth['near']):,} planted, "
        f"{len(truth['exact']):,} exact copies planted)"
    )
    print("  seconds per rule (shared work counts where first needed; rules run two at a time,")
    print("  so a rule waiting for shared work another computes counts that wait too):")
    for timing in sorted(report["timings"], key=lambda t: -t["seconds"]):
        if timing["seconds"] >= 0.01:
            print(
                f"    {timing['rule']:8} {timing['seconds']:7.2f} s  "
                f"{timing['findings']:,} findings"
            )

    frame = pl.read_ndjson(path)
    both = pl.DataFrame({"i": dedup_text(frame["input"]), "o": dedup_text(frame["output"])})
    texts = both.select(pl.concat_str("i", pl.lit("\n"), "o")).to_series()
    params = NearDuplicateParams()
    started = time.perf_counter()
    near_duplicates(texts, params)
    ours = time.perf_counter() - started
    sample = texts.head(args.baseline_records).to_list()
    theirs = datasketch_baseline(sample, params)
    bulk = datasketch_bulk_baseline(sample, params)
    ours_rate, theirs_rate = len(texts) / ours, len(sample) / theirs
    bulk_rate = len(sample) / bulk
    print(
        f"near-duplicate detection alone ({params.ngram}-word shingles, "
        f"{params.num_perm} permutations, threshold {params.threshold}):"
    )
    print(f"  curate (vectorised MinHash LSH):  {ours_rate:>10,.0f} records/s on {len(texts):,}")
    print(f"  datasketch (update per shingle):  {theirs_rate:>10,.0f} records/s on {len(sample):,}")
    print(f"  datasketch (MinHash.bulk + insertion session): {bulk_rate:>10,.0f} records/s")
    print(f"  speed ratio: {ours_rate / theirs_rate:.1f}x update per shingle, "
          f"{ours_rate / bulk_rate:.1f}x MinHash.bulk (target >= 5x)")  # fmt: skip


if __name__ == "__main__":
    main()
