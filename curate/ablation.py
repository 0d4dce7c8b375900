"""`curate run --ablate`: did curation help? Train a second adapter on the raw data, with the
same seed, steps and settings, and compare both on the same clean test split.

`raw` is every record of the input as it was (records set aside by `--fix`, duplicates and
records rejected in review included), less the validation and test records of the curated
split and any record whose input is the same as, or near, one of theirs: the comparison
must not hand the raw side the test answers. `curated` is the run's own adapter.

Written to `RUN/ablation.json` and a section of `report.md`: per metric and category the
mean difference curated - raw with its paired 95% interval, a verdict sentence, and a
memorisation check: for every secret or personal-data string in a record that was set aside,
whether either adapter repeats it when prompted with that record's input.
"""

from __future__ import annotations

import json
import shutil
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from curate.dedup import NearDuplicateParams
from curate.dedup.groups import Duplicates
from curate.io import Dataset, read_dataset
from curate.io.atomic import write_text_atomic
from curate.io.writer import Changes, json_line, source_texts
from curate.proof.report import metric_means, paired_differences
from curate.proof.statistics import Difference
from curate.proof.verdict import METRIC_NAMES, MIN_CATEGORY, describe
from curate.schemas.finding import HITS
from curate.schemas.lint import LintReport
from curate.schemas.settings import CurateSettings, FieldSettings

ABLATION = "ablation.json"
HELD_OUT = ("val", "test")


def raw_training_set(dataset: Dataset, splits: Path, out: Path) -> int:
    """Write `out/train.jsonl` with the raw records that may be trained on, and copy the
    curated split's val, test and manifest beside it; returns the records written."""
    held_out_ids: set[str] = set()
    for name in HELD_OUT:
        held_out_ids.update(read_dataset([splits / f"{name}.jsonl"]).frame["id"].to_list())
    frame = dataset.frame
    ids = frame.get_column("id").to_list()
    held = np.array([rid in held_out_ids for rid in ids])
    duplicates = Duplicates(dataset)
    group: np.ndarray = duplicates.exact_group("input").to_numpy()
    linked = np.isin(group, group[held])
    for cluster in duplicates.near_clusters("input", NearDuplicateParams()).clusters:
        if held[cluster].any():
            linked[cluster] = True
    out.mkdir(parents=True, exist_ok=True)
    texts = {source.path: source_texts(source) for source in dataset.sources}
    sources = {source.path: source for source in dataset.sources}
    lines = []
    for k, (rid, path, line) in enumerate(frame.select("id", "source", "source_line").iter_rows()):
        if not held[k] and not linked[k]:
            lines.append(json_line(sources[path], rid, texts[path][line], Changes()) + b"\n")
    (out / "train.jsonl").write_bytes(b"".join(lines))
    for name in (*(f"{h}.jsonl" for h in HELD_OUT), "manifest.json"):
        if (splits / name).is_file():
            shutil.copyfile(splits / name, out / name)
    return len(lines)


def secrets_set_aside(
    report: LintReport, dataset: Dataset, aside: set[str]
) -> list[dict[str, Any]]:
    """The secret and personal-data strings (LEAK005, LEAK006) in records set aside: each
    with the record's id, input and the string."""
    text = {
        rid: {"input": i, "output": o}
        for rid, i, o in dataset.frame.select("id", "input", "output").iter_rows()
    }
    found = []
    for finding in report.findings:
        if finding.rule not in ("LEAK005", "LEAK006"):
            continue
        for rid in finding.records:
            if rid not in aside or rid not in text:
                continue
            for hit in finding.detail.get(HITS, []):
                value = (text[rid][hit["field"]] or "")[hit["start"] : hit["end"]]
                if value:
                    found.append(
                        {
                            "id": rid,
                            "kind": hit["kind"],
                            "input": text[rid]["input"],
                            "value": value,
                        }
                    )
    return found


def ablate(
    paths: list[Path],
    out: Path,
    settings: CurateSettings,
    fields: FieldSettings,
    report: LintReport,
    set_aside: dict[str, list[str]],
    max_steps: int | None,
    limit: int | None,
    on_message: Callable[[str], None],
    should_stop: Callable[[], bool],
) -> dict[str, Any]:
    """Train the raw adapter, score both, compare, write `out/ablation.json`."""
    from curate.trainer.evaluate import adapter_scores
    from curate.trainer.train import train

    dataset = read_dataset(paths, fields)
    raw_run = out / "ablation" / "raw"
    raw_splits = raw_run / "splits"
    count = raw_training_set(dataset, out / "splits", raw_splits)
    on_message(f"ablation: training the raw adapter on {count} records (same settings, steps)")
    train(raw_splits, raw_run, settings.train, max_steps=max_steps, should_stop=should_stop)
    secrets = secrets_set_aside(report, dataset, set(set_aside))
    probes = [s["input"] for s in secrets]
    test = out / "splits" / "test.jsonl"
    on_message("ablation: scoring the raw and curated adapters on the same test split")
    raw_rows, raw_probed = adapter_scores(
        raw_run, test, settings, limit, probes, should_stop=should_stop
    )
    # The curated adapter's replies to the test split were scored by the evaluation already:
    # only the memorisation probes are new.
    curated_rows = tuned_scores(out / f"predictions-{test.stem}.jsonl")
    _, curated_probed = adapter_scores(out, None, settings, None, probes, should_stop=should_stop)
    result = compare(curated_rows, raw_rows, settings.eval.resamples, settings.eval.seed)
    result["raw_training_records"] = count
    result["memorised"] = [
        {
            "id": s["id"],
            "kind": s["kind"],
            "raw": s["value"] in raw_probed[k],
            "curated": s["value"] in curated_probed[k],
        }
        for k, s in enumerate(secrets)
    ]
    write_text_atomic(out / ABLATION, json.dumps(result, indent=2) + "\n")
    return result


def tuned_scores(predictions: Path) -> list[dict[str, Any]]:
    """The tuned model's per-record scores from an evaluation's predictions file."""
    rows = [json.loads(line) for line in predictions.read_text(encoding="utf-8").splitlines()]
    return [
        {"id": r["id"], "category": r.get("category"), "scores": r["scores"]["tuned"]} for r in rows
    ]


def compare(
    curated: list[dict[str, Any]], raw: list[dict[str, Any]], resamples: int, seed: int
) -> dict[str, Any]:
    """Means of both, `curated - raw` per metric with intervals, per category, a verdict."""
    by_id = {r["id"]: r for r in raw}
    pairs = [(c, by_id[c["id"]]) for c in curated if c["id"] in by_id]

    def deltas(members: list[tuple[dict[str, Any], dict[str, Any]]]) -> dict[str, Difference]:
        return paired_differences(
            [c["scores"] for c, _ in members], [r["scores"] for _, r in members], resamples, seed
        )

    by_category: dict[str, list[tuple[dict[str, Any], dict[str, Any]]]] = defaultdict(list)
    for c, r in pairs:
        by_category[c.get("category") or "(none)"].append((c, r))
    overall = deltas(pairs)
    primary = "fact_recall" if "fact_recall" in overall else "rouge_l"
    verdict = "Curated " + _sentence(overall.get(primary), primary) + f" (n = {len(pairs)})."
    others = [
        describe("raw", metric, d)
        for metric, d in overall.items()
        if metric != primary and (d.above_zero or d.below_zero)
    ]
    if others:  # measurable either way: a loss elsewhere is never hidden behind the primary
        verdict += " On other metrics curated " + "; ".join(others) + "."
    return {
        "n": len(pairs),
        "raw": metric_means([r["scores"] for _, r in pairs]),
        "curated": metric_means([c["scores"] for c, _ in pairs]),
        "deltas": _as_json(overall),
        "categories": [
            {
                "name": name,
                "n": len(members),
                "too_few": len(members) < MIN_CATEGORY,
                "deltas": {} if len(members) < MIN_CATEGORY else _as_json(deltas(members)),
            }
            for name, members in sorted(by_category.items())
        ],
        "verdict": verdict,
        "primary_metric": primary,
    }


def _as_json(differences: dict[str, Difference]) -> dict[str, Any]:
    return {
        metric: {"delta": d.delta, "ci95": [d.low, d.high], "p_value": d.p_value, "n": d.n}
        for metric, d in differences.items()
    }


def _sentence(difference: Difference | None, primary: str) -> str:
    if difference is None:
        return f"cannot be compared with raw on {METRIC_NAMES.get(primary, primary)}"
    return describe("raw", primary, difference)


def markdown_section(result: dict[str, Any]) -> str:
    """The ablation's section of report.md."""
    from curate.proof.render import interval_text, md, number

    lines = [
        "",
        "## Ablation: did curation help?",
        "",
        md(result["verdict"]),
        "",
        f"Raw adapter trained on {result['raw_training_records']} records (val, test and "
        "their near copies left out); the same settings, seed and steps as curated.",
        "",
        "| metric | raw | curated | curated − raw (95% CI) |",
        "| --- | ---: | ---: | ---: |",
    ]
    for metric, d in result["deltas"].items():
        raw, curated = result["raw"].get(metric), result["curated"].get(metric)
        lines.append(
            f"| {METRIC_NAMES.get(metric, metric)} | {number(raw)} | {number(curated)} | "
            f"{interval_text(d['delta'], *d['ci95'])} |"
        )
    if result["memorised"]:
        lines += [
            "",
            "Secrets and personal data set aside, prompted with their record's input:",
            "",
        ]
        for m in result["memorised"]:
            said = {name: "repeats it" if m[name] else "does not" for name in ("raw", "curated")}
            lines.append(
                f"- {md(m['id'])} ({md(m['kind'])}): raw {said['raw']}, curated {said['curated']}"
            )
    return "\n".join(lines) + "\n"
