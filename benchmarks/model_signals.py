"""How well the MOD signals point experts at wrong records, against random and lint alone.

    python benchmarks/model_signals.py [--steps 20] [--folds 2] [--seed 7] [--out DIR]
    python benchmarks/model_signals.py --generated 600 --folds 1   # fresh generated tickets

Plants three kinds of wrong record into the demo sample (samples/demo/tickets.jsonl), none
of which lint can see because each stays well formed:

- **swapped**: 5% of the records get the reply of a record of another category (pairs
  swap replies, so the reply greets another customer and cites another order);
- **fact**: of 2.5% picked, those with a key fact in their reply get it changed (the order
  number's digits, or the customer's name; in generated tickets, else another number);
- **category**: 2.5% are filed under another category, reply untouched.

`--generated N` plants into N tickets freshly made by the sample generator
(`samples/generate.py`, seeded with `--seed`: other customers, products and wording, and
free-form replies) and lints them with the default rules. Then runs what `make demo` runs
up to training (lint with the demo config, set aside
errors and warnings, split, LoRA-train the embedded default model for `--steps` steps on
the CPU) and writes the signals in-sample, then again out of `--folds` folds. For each
kind it prints precision@k and recall@k with k the number planted among the scored
records: MOD001's ranking (z) for swapped and fact, MOD002's (neighbour vote margin) for
category, next to a random ranking (its expected precision is the planted share) and to
lint alone (the records any lint finding names, as a set). It also ranks the sample's own
wrong replies (`planted.json`, planted with the sample before the MOD rules existed);
`--sample-run demo-out` does only that, on the run `make demo` made.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl

from curate.config import load_settings
from curate.pipeline import RunRequest, prepare
from curate.schemas.finding import Severity
from curate.schemas.settings import CurateSettings
from curate.signals import robust_z

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "samples" / "demo"
ORDER = re.compile(r"#FW-(\d{6})")
GREETING = re.compile(r"^Hi ([A-Z][a-z]+),")
NUMBER = re.compile(r"(\d{2,})")
NAMES = ["Marguerite", "Tobias", "Priyanka", "Oleander", "Casimir", "Henrietta", "Ignatius"]


def plant(
    records: list[dict[str, Any]], rng: random.Random, numbers: bool = False
) -> dict[str, set[str]]:
    """Plant the three kinds in place; returns kind -> ids. Of the records picked for a
    changed fact, one whose reply has none to change is left as it is and not counted."""
    n = len(records)
    order = list(range(n))
    rng.shuffle(order)
    planted: dict[str, set[str]] = {"swapped": set(), "fact": set(), "category": set()}
    pairs = round(0.05 * n) // 2
    pool = order[:]
    while len(planted["swapped"]) < 2 * pairs and pool:
        i = pool.pop()
        j = next(
            (j for j in pool if records[j]["category"] != records[i]["category"]),
            None,
        )
        if j is None:
            break
        pool.remove(j)
        records[i]["output"], records[j]["output"] = records[j]["output"], records[i]["output"]
        planted["swapped"] |= {records[i]["id"], records[j]["id"]}
    used = {r["id"] for r in records if r["id"] in planted["swapped"]}
    rest = [i for i in pool if records[i]["id"] not in used]
    share = round(0.025 * n)
    for i in rest[:share]:
        record = records[i]
        changed = change_a_fact(record["output"], rng, numbers)
        if changed is not None:
            record["output"] = changed
            planted["fact"].add(record["id"])
    categories = sorted({r["category"] for r in records})
    for i in rest[share : 2 * share]:
        record = records[i]
        record["category"] = rng.choice([c for c in categories if c != record["category"]])
        planted["category"].add(record["id"])
    return planted


def change_a_fact(reply: str, rng: random.Random, numbers: bool) -> str | None:
    """The reply with one key fact changed: the order number's digits, else the greeted
    name, else (with `numbers`, for free-form replies) another run of two or more digits;
    None when it has none of them. The draws from `rng` for the demo sample's replies are
    the same whether or not a name is found, so a plant is the same in every version."""
    match = ORDER.search(reply)
    if match:
        return _other_digits(reply, match, rng)
    name = GREETING.search(reply)
    other = rng.choice([x for x in NAMES if not name or x != name.group(1)])
    if name:
        return GREETING.sub(f"Hi {other},", reply, count=1)
    match = NUMBER.search(reply) if numbers else None
    return _other_digits(reply, match, rng) if match else None


def _other_digits(reply: str, match: re.Match[str], rng: random.Random) -> str:
    digits = match.group(1)
    other = digits
    while other == digits:
        other = "".join(rng.choice("0123456789") for _ in digits)
    return reply[: match.start(1)] + other + reply[match.end(1) :]


def generated(count: int, seed: int) -> list[dict[str, Any]]:
    """`count` fresh tickets from the sample generator (samples/generate.py) with another
    seed: other customers, products, orders and wording than the sample's."""
    sys.path.insert(0, str(ROOT / "samples"))
    import generate  # the sample generator, standard library only

    rows = [ticket.row() for ticket in generate.sample_tickets(seed, count)]
    return [{**row, "id": f"G-{number:05d}"} for number, row in enumerate(rows, start=1)]


def at_k(ranked: list[str], truth: set[str]) -> tuple[float, float, int]:
    k = len(truth)
    if k == 0:
        return float("nan"), float("nan"), 0
    hits = len(set(ranked[:k]) & truth)
    return hits / k, hits / k, k


def rankings(signals: pl.DataFrame) -> dict[str, list[str]]:
    hard = signals.sort("z", descending=True).get_column("id").to_list()
    votes = signals.with_columns(
        (pl.col("suspect_share") - pl.col("own_share")).alias("margin")
    ).sort("margin", descending=True)
    return {"reply": hard, "category": votes.get_column("id").to_list()}


def report(
    name: str, signals: pl.DataFrame, planted: dict[str, set[str]], linted: set[str] | None
) -> None:
    """p@k and r@k of the MOD rankings per planted kind, against random and lint alone
    (`linted`: the records lint's findings name; None when not known)."""
    scored = set(signals.get_column("id"))
    ranked = rankings(signals)
    print(f"\n{name}: {len(scored)} records scored")
    print(f"{'planted':<10}{'k':>4}  {'MOD p@k':>8} {'r@k':>6}  {'random p@k':>10}  lint p / r")
    for kind, ranking in (("swapped", "reply"), ("fact", "reply"), ("category", "category")):
        truth = planted[kind] & scored
        precision, recall, k = at_k(ranked[ranking], truth)
        random_p = len(truth) / len(scored)
        lint = "n/a"
        if linted is not None:
            hits = len(linted & truth)
            lint_p = hits / len(linted & scored) if linted & scored else 0.0
            lint = f"{lint_p:.2f} / {hits / len(truth) if truth else 0.0:.2f}"
        print(f"{kind:<10}{k:>4}  {precision:>8.2f} {recall:>6.2f}  {random_p:>10.3f}  {lint}")
    both = (planted["swapped"] | planted["fact"]) & scored
    precision, recall, k = at_k(ranked["reply"], both)
    share = len(both) / len(scored)
    print(f"{'reply (both)':<10}{k:>2}  {precision:>8.2f} {recall:>6.2f}  {share:>10.3f}")
    loss_z = robust_z(
        signals.get_column("loss").to_numpy(),
        signals.get_column("tokens").to_numpy(),
        signals.get_column("category").to_list(),
    )
    by_loss = [signals.get_column("id")[int(i)] for i in np.argsort(-loss_z)]
    print(
        "the loss alone (before lift and contradiction), p@k: "
        + ", ".join(
            f"{kind} {at_k(by_loss, truth & scored)[0]:.2f}"
            for kind, truth in (
                ("swapped", planted["swapped"]),
                ("fact", planted["fact"]),
                ("both", planted["swapped"] | planted["fact"]),
            )
        )
    )
    findings(signals, planted, scored)
    own_wrong_replies(signals)


def own_wrong_replies(signals: pl.DataFrame) -> None:
    """Where the demo sample's own wrong replies (planted with the sample, listed in its
    planted.json: another customer's reply, same category) rank."""
    listed = json.loads((DEMO / "planted.json").read_text(encoding="utf-8"))
    wrong = {rid for entry in listed if entry["kind"] == "wrong_reply" for rid in entry["ids"]}
    found = signals.filter(pl.col("id").is_in(list(wrong))).sort("rank")
    if found.is_empty():  # not a run of the demo sample
        return
    ranks = ", ".join(str(r) for r in found.get_column("rank"))
    flagged = found.filter(pl.col("z") >= 3.0).height
    print(
        f"the sample's own {len(wrong)} wrong replies: {found.height} scored, ranks {ranks} "
        f"of {signals.height}; {flagged} {'is a' if flagged == 1 else 'are'} MOD001 "
        f"finding{'' if flagged == 1 else 's'}"
    )


def findings(signals: pl.DataFrame, planted: dict[str, set[str]], scored: set[str]) -> None:
    """What an expert is shown: the MOD001 and MOD002 findings at their default options."""
    from curate.lint.checks.model.hard_to_learn import HardOptions
    from curate.lint.checks.model.wrong_category import CategoryOptions

    hard, vote = HardOptions(), CategoryOptions()
    reply = (planted["swapped"] | planted["fact"]) & scored
    category = planted["category"] & scored
    mod001 = set(signals.filter(pl.col("z") >= hard.min_z).get_column("id"))
    mod002 = set(
        signals.filter(
            pl.col("suspect_category").is_not_null()
            & (pl.col("suspect_share") >= vote.min_vote)
            & (pl.col("own_share") <= vote.max_own)
        ).get_column("id")
    )
    every = reply | category
    shown = mod001 | mod002
    print(
        f"findings at the default options: MOD001 {len(mod001)} ({len(mod001 & reply)} of the "
        f"{len(reply)} planted replies), MOD002 {len(mod002)} ({len(mod002 & category)} of the "
        f"{len(category)} planted categories); all MOD findings {len(shown)}, "
        f"{len(shown & every) / max(len(shown), 1):.0%} planted, "
        f"{len(shown & every) / max(len(every), 1):.0%} of the planted found"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--folds", type=int, default=2)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument(
        "--generated",
        type=int,
        default=0,
        help="plant into N freshly generated tickets (default settings) instead of the demo sample",
    )
    parser.add_argument(
        "--sample-run",
        type=Path,
        default=None,
        help="only rank the sample's own wrong replies in this run of it (e.g. make demo's)",
    )
    parser.add_argument(
        "--evaluate",
        type=Path,
        default=None,
        help="only score the signals.parquet of this run of an earlier benchmark (same --seed)",
    )
    args = parser.parse_args()
    if args.sample_run is not None:
        own_wrong_replies(pl.read_parquet(args.sample_run / "signals.parquet"))
        return
    if args.evaluate is not None:
        records = [json.loads(line) for line in (DEMO / "tickets.jsonl").open(encoding="utf-8")]
        planted = plant(records, random.Random(args.seed))
        signals = pl.read_parquet(args.evaluate / "signals.parquet")
        report(str(args.evaluate), signals, planted, None)
        return
    from curate.trainer.signals import write_run_signals
    from curate.trainer.train import train

    rng = random.Random(args.seed)
    if args.generated:
        records = generated(args.generated, args.seed)
    else:
        records = [json.loads(line) for line in (DEMO / "tickets.jsonl").open(encoding="utf-8")]
    planted = plant(records, rng, numbers=bool(args.generated))
    out = args.out or Path(tempfile.mkdtemp(prefix="model-signals-"))
    out.mkdir(parents=True, exist_ok=True)
    data = out / "planted.jsonl"
    data.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
    print(
        f"planted into {len(records)} records: "
        + ", ".join(f"{len(ids)} {kind}" for kind, ids in planted.items())
    )
    settings = load_settings(DEMO / "curate.toml")
    if args.generated:  # no house format to check: the demo's training settings only
        settings = CurateSettings(train=settings.train)
    run = out / "run"
    request = RunRequest(
        [data], run, settings, settings.fields, fix=True, fix_level=Severity.WARNING
    )
    summary = prepare(request)
    assert summary.splits is not None
    linted = {rid for f in summary.report.findings for rid in f.records}
    started = time.perf_counter()
    train(summary.splits, run, settings.train, max_steps=args.steps)
    trained = time.perf_counter() - started
    started = time.perf_counter()
    write_run_signals(run, settings.train)
    scored = time.perf_counter() - started
    in_sample = pl.read_parquet(run / "signals.parquet")
    print(f"training {args.steps} steps: {trained:.0f} s; in-sample signals: {scored:.0f} s")
    report("in-sample", in_sample, planted, linted)
    if args.folds > 1:
        started = time.perf_counter()
        folded = settings.train.model_copy(update={"folds": args.folds})
        write_run_signals(run, folded, max_steps=args.steps)
        print(f"\nout-of-fold signals ({args.folds} folds): {time.perf_counter() - started:.0f} s")
        folded_signals = pl.read_parquet(run / "signals.parquet")
        report(f"out of {args.folds} folds", folded_signals, planted, linted)


if __name__ == "__main__":
    main()
