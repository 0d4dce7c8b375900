"""Precision and recall of what `curate lint --fix` drops as duplicates, on real-shaped data.

    python benchmarks/dedup_precision.py            # 20,000 synthetic pairs plus the sets below
    python benchmarks/dedup_precision.py --synthetic 100000

One JSONL file is built from five sets, each record tagged with the set it came from:

- `canned`: the bundled sample's ordinary tickets (distinct real questions), 40% of them
  answered with one of three canned one-sentence replies, plus each ticket's first sentence
  alone (a short real question, distinct) answered with a canned reply. None is a copy.
- `chained`: the samples' conversations (ShareGPT and OpenAI chat) flattened as chat logs
  often are: each utterance is the input of a record whose output is the next utterance, so
  one record's reply is the next record's request. Each input is taken once (the samples
  reuse a few follow-up exchanges verbatim), so none is a copy.
- `short`: short question/answer pairs built from the samples' words ("What is a X?" ->
  "A Y.", "Can I change order 41?" -> ...), distinct. None is a copy.
- `synthetic`: `benchmarks/synth.py` pairs with planted exact copies (case, spacing and
  invisible characters) and near copies (1-3 words edited): the copies to find.
- `typos`: short records copied with one typo in a long word: copies to find.
- `edited`: 150 of the `canned` set's tickets that kept their own reply, copied with 1-2
  words edited in the input and 1-3 in the reply (replaced, inserted or deleted, drawn from
  the samples' words): disguised copies to find.

`curate lint --fix` runs in a subprocess with the default rules; every record it leaves out
as DUP001/DUP002 is a drop. A drop is correct when the record belongs to a planted family of
copies (of which the fix keeps one). Printed: precision and recall of the drops, drops per
set, and the same figures for the rule before pairs (one Jaccard over input and output
joined, single-linkage clusters, no short-text rule), computed in-process for reference.
Targets: precision >= 0.99, recall >= 0.95, nothing dropped from `canned`.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import polars as pl

sys.path.insert(0, str(Path(__file__).resolve().parent))
import itertools

from synth import _edit, generate

from curate.dedup import NearDuplicateParams, near_duplicates
from curate.normalize import dedup_text

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
CANNED = [
    "Thanks for reaching out! I have passed your question to our team and someone will get "
    "back to you within two business days.",
    "Thank you for your message. We are looking into this and will reply by email soon.",
    "Sorry for the trouble! Please reply with your order number so we can help.",
]


def canned(rng: random.Random) -> list[dict[str, Any]]:
    planted = json.loads((SAMPLES / "planted.json").read_text(encoding="utf-8"))
    skip = {rid for entry in planted for rid in entry["ids"]}
    records = []
    for line in (SAMPLES / "support_tickets.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if record["id"] in skip:
            continue
        if rng.random() < 0.4:
            record["output"] = rng.choice(CANNED)
        records.append({"input": record["input"], "output": record["output"]})
    seen: set[str] = set()
    for record in list(records):
        if record["output"] in CANNED:  # its first sentence with the same reply: a near copy
            continue
        question = first_sentence(record["input"])
        if question and question.lower() not in seen:
            seen.add(question.lower())
            records.append({"input": question, "output": rng.choice(CANNED)})
    return records


GREETING = re.compile(r"^(hi|hiya|hello|hey|hey there|hi there)\b[,!]?\s*", re.IGNORECASE)


def first_sentence(text: str) -> str | None:
    """The first sentence of a ticket's body (after a greeting or topic line), or None."""
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    if len(paragraphs) > 1 and (len(paragraphs[0].split()) <= 4 or paragraphs[0].endswith(",")):
        paragraphs = paragraphs[1:]
    sentence = re.split(r"(?<=[.?!])\s", paragraphs[0])[0] if paragraphs else ""
    sentence = GREETING.sub("", sentence)
    return sentence if len(sentence.split()) >= 4 else None


def chained() -> list[dict[str, Any]]:
    conversations: list[list[str]] = []
    for item in json.loads((SAMPLES / "sharegpt.json").read_text(encoding="utf-8")):
        conversations.append([t["value"] for t in item["conversations"] if t["from"] != "system"])
    for line in (SAMPLES / "chat_messages.jsonl").read_text(encoding="utf-8").splitlines():
        turns = json.loads(line)["messages"]
        conversations.append([t["content"] for t in turns if t["role"] != "system"])
    records = []
    seen: set[str] = set()  # the samples reuse a few follow-ups verbatim: each input once
    for turns in conversations:
        for a, b in itertools.pairwise(turns):
            if a not in seen:
                seen.add(a)
                records.append({"input": a, "output": b})
    return records


def words_of_samples() -> list[str]:
    text = (SAMPLES / "support_tickets.jsonl").read_text(encoding="utf-8").lower()
    counts = Counter(re.findall(r"[a-z]{4,12}", text))
    return sorted(word for word, n in counts.items() if n >= 3)


def short(rng: random.Random, words: list[str], n: int) -> list[dict[str, Any]]:
    shapes = [
        ("What is a {a}?", "A {b}."),
        ("Where is my {a}?", "It ships {b}."),
        ("Can I change order {n}?", "Yes, until it {b}."),
        ("Do you sell {a}?", "Yes, in {b}."),
        ("How do I {a} my {b}?", "Open settings, then {c}."),
    ]
    seen: set[tuple[str, str]] = set()
    records = []
    while len(records) < n:
        question, answer = rng.choice(shapes)
        a, b, c = rng.sample(words, 3)
        values = {"a": a, "b": b, "c": c, "n": rng.randint(10, 9999)}
        pair = (question.format(**values), answer.format(**values))
        if pair not in seen:
            seen.add(pair)
            records.append({"input": pair[0], "output": pair[1]})
    return records


def typo(text: str, rng: random.Random) -> str | None:
    """The text with one letter of one word of 6+ letters doubled, or None."""
    tokens = text.split(" ")
    long = [k for k, t in enumerate(tokens) if len(t) >= 6 and t.isalpha()]
    if not long:
        return None
    k = rng.choice(long)
    spot = rng.randrange(1, len(tokens[k]))
    tokens[k] = tokens[k][:spot] + tokens[k][spot - 1] + tokens[k][spot:]
    return " ".join(tokens)


def build(n_synthetic: int, seed: int) -> tuple[list[dict[str, Any]], list[list[str]]]:
    """The records (with `id` and `set`) and the planted families of copies (ids)."""
    rng = random.Random(seed)
    records: list[dict[str, Any]] = []
    families: list[list[str]] = []

    def add(group: str, items: list[dict[str, Any]]) -> list[str]:
        ids = []
        for item in items:
            rid = f"{group}-{len(records):07d}"
            records.append({"id": rid, **item, "set": group})
            ids.append(rid)
        return ids

    canned_records = canned(rng)
    canned_ids = add("canned", canned_records)
    words = words_of_samples()
    own = [
        k for k, r in enumerate(canned_records) if r["output"] not in CANNED and "\n" in r["input"]
    ]
    for k in rng.sample(own, 150):
        original = canned_records[k]
        copy = {
            "input": _edit(original["input"], rng, words, rng.randint(1, 2)),
            "output": _edit(original["output"], rng, words, rng.randint(1, 3)),
        }
        [copy_id] = add("edited", [copy])
        families.append([canned_ids[k], copy_id])
    add("chained", chained())
    short_records = short(rng, words, 2000)
    short_ids = add("short", short_records)
    for rid, record in zip(short_ids[:200], short_records[:200], strict=True):
        changed = typo(record["input"], rng)
        if changed is not None:
            [copy] = add("typos", [{"input": changed, "output": record["output"]}])
            families.append([rid, copy])
    generated, truth = generate(n_synthetic, seed)
    synthetic = list(generated)
    first = len(records)
    add("synthetic", [{k: v for k, v in r.items() if k != "id"} for r in synthetic])
    parent = list(range(len(synthetic)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in truth.exact + truth.near:
        parent[find(a)] = find(b)
    grouped: dict[int, list[str]] = {}
    for k in range(len(synthetic)):
        grouped.setdefault(find(k), []).append(records[first + k]["id"])
    families += [members for members in grouped.values() if len(members) > 1]
    return records, families


def score(dropped: set[str], families: list[list[str]]) -> tuple[float, float]:
    """Precision: drops inside a planted family. Recall: of the drops a perfect fix makes
    (family size - 1 each), how many it made."""
    family_of = {rid: k for k, members in enumerate(families) for rid in members}
    correct = [rid for rid in dropped if rid in family_of]
    per_family = Counter(family_of[rid] for rid in correct)
    found = sum(min(n, len(families[k]) - 1) for k, n in per_family.items())
    expected = sum(len(members) - 1 for members in families)
    precision = len(correct) / len(dropped) if dropped else 1.0
    return precision, found / expected if expected else 1.0


def old_rule_drops(records: list[dict[str, Any]]) -> set[str]:
    """What the rule before pairs dropped: exact copies of input+output, then all but the
    first member of each single-linkage cluster over input and output joined."""
    frame = pl.DataFrame(records)
    both = pl.DataFrame({"i": dedup_text(frame["input"]), "o": dedup_text(frame["output"])}).select(
        pl.concat_str("i", pl.lit("\n"), "o")
    )["i"]
    first = pl.DataFrame({"t": both}).with_row_index("row").select(pl.col("row").min().over("t"))
    first_rows = first.to_series().to_numpy()
    is_first = first_rows == range(len(first_rows))
    ids = frame["id"].to_list()
    dropped = {ids[k] for k in range(len(ids)) if not is_first[k]}
    near = near_duplicates(both, NearDuplicateParams(min_words=0), candidates_mask=is_first)
    for cluster in near.clusters:
        dropped.update(ids[row] for row in cluster[1:])
    return dropped


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--synthetic", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    records, families = build(args.synthetic, args.seed)
    sets = Counter(r["set"] for r in records)
    set_of = {r["id"]: r["set"] for r in records}
    folder = Path(tempfile.mkdtemp(prefix="curate-dedup-"))
    data, clean = folder / "data.jsonl", folder / "clean.jsonl"
    data.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "curate", "lint", str(data), "--fix", "--out", str(clean),
         "--exit-zero", "--output-format", "json"],
        check=True, capture_output=True,
    )  # fmt: skip
    seconds = time.perf_counter() - started
    kept = {json.loads(line)["id"] for line in clean.read_text().splitlines()}
    dropped = {r["id"] for r in records} - kept
    print(f"{len(records):,} records ({', '.join(f'{k} {v:,}' for k, v in sets.items())})")
    print(f"{sum(len(f) - 1 for f in families):,} planted copies in {len(families):,} families")
    for name, drops, took in (
        ("curate lint --fix (pairs)", dropped, f"{seconds:.1f} s"),
        ("before: one Jaccard, single linkage", old_rule_drops(records), "reference"),
    ):
        precision, recall = score(drops, families)
        per_set = Counter(set_of[rid] for rid in drops)
        print(f"{name} [{took}]")
        print(f"  dropped {len(drops):,}: precision {precision:.4f}, recall {recall:.4f}")
        print("  dropped per set: " + ", ".join(f"{k} {per_set.get(k, 0):,}" for k in sets))


if __name__ == "__main__":
    main()
