"""The split folder's dataset card (`README.md`): YAML `configs` so that
`datasets.load_dataset(folder)` names the splits, then the counts, the manifest's hashes,
what was dropped and why, and the lint summary where a lint ran."""

from __future__ import annotations

import json
import re
from collections import Counter

from curate.proof.render import md
from curate.schemas.manifest import SplitManifest
from curate.split.assign import SPLITS

CARD = "README.md"
MARK = "<!-- written by curate split: replaced by the next split -->"
"""Tells a card curate wrote from a README of the user's, which `--force` never replaces."""
_REASON_KIND = re.compile(r"(?: of | by |:| \().*$", re.DOTALL)
"""What a drop reason says without the record or person it names: the kind of drop."""
HUB_SPLIT_NAMES = {"train": "train", "val": "validation", "test": "test"}


def dataset_card(manifest: SplitManifest, lint_summary: str | None = None) -> str:
    """The card's text: front matter, then the tables. Category names and file names come
    from data, so they are escaped for Markdown."""
    files = {name: _jsonl_or_first(manifest, name) for name in SPLITS}
    lines = ["---", "configs:", "- config_name: default", "  data_files:"]
    for name in SPLITS:
        if files[name] and manifest.totals.get(name):
            lines += [f"  - split: {HUB_SPLIT_NAMES[name]}", f"    path: {json.dumps(files[name])}"]
    lines += ["---", MARK, "", "# Splits written by curate", ""]
    ratios = ", ".join(f"{name} {manifest.ratios[name]:g}" for name in SPLITS)
    lines += [
        f"Written by {md(manifest.tool)} with seed {manifest.seed}, ratios {ratios}, stratified "
        f"by `{md(manifest.stratify)}`; {manifest.groups} groups of duplicates kept whole in "
        "one split each, so no split leaks into another.",
        "",
        "| split | records | file | sha256 |",
        "|---|---:|---|---|",
    ]
    for name in SPLITS:
        for out in manifest.outputs.get(name, []):
            lines.append(f"| {name} | {out.records:,} | {md(out.path)} | `{out.sha256}` |")
    lines += ["", "## Records per category", ""]
    strata = sorted({s for counts in manifest.counts.values() for s in counts})
    lines += ["| category | " + " | ".join(SPLITS) + " |", "|---|" + "---:|" * len(SPLITS)]
    for stratum in strata:
        cells = " | ".join(f"{manifest.counts[name].get(stratum, 0):,}" for name in SPLITS)
        lines.append(f"| {md(stratum)} | {cells} |")
    lines += ["", "## Inputs", "", "| file | records | sha256 |", "|---|---:|---|"]
    lines += [f"| {md(i.path)} | {i.records:,} | `{i.sha256}` |" for i in manifest.inputs]
    reasons = Counter(_REASON_KIND.sub("", d.reason) for d in manifest.dropped)
    lines += ["", f"## Left out: {len(manifest.dropped):,} records", ""]
    lines += [f"- {md(reason)}: {n:,}" for reason, n in reasons.most_common()]
    lines += ["", "Each one, with its file and line, is listed in `manifest.json`.", ""]
    lines += ["## Lint", ""]
    lines.append(
        md(lint_summary)
        if lint_summary
        else "Not linted with this split: `curate lint` on this folder checks it, leakage "
        "between the splits included."
    )
    return "\n".join(lines) + "\n"


def _jsonl_or_first(manifest: SplitManifest, name: str) -> str | None:
    """The split's JSONL file (Parquet copies would double every record), else its file."""
    paths = [f.path for f in manifest.outputs.get(name, [])]
    return next((p for p in paths if p.endswith(".jsonl")), paths[0] if paths else None)


def is_our_card(text: str) -> bool:
    """Whether a README.md in a split folder is a card an earlier split wrote."""
    return MARK in text[:4000]
