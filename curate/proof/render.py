"""The report for people: `report.md` with two SVG charts beside it, and the terminal table.

Data is never markup: category names and ids are escaped for Markdown and XML, and the
terminal table is built from plain `Text`, never from markup strings.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from curate.proof.verdict import BASELINES, METRIC_NAMES
from curate.schemas.report import MODELS, Delta, EvalReport
from curate.terminal import plain

LOSS_CHART = "loss_curve.svg"
CATEGORY_CHART = "category_scores.svg"
COLOURS = {"base": "#9aa5b1", "prompted": "#e0a458", "retrieval": "#6c8ebf", "tuned": "#3c9d5d"}
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|&])")


def md(text: object) -> str:
    """Text from data, safe inside Markdown (and the HTML a renderer makes of it)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", plain(text))


def number(value: float | None) -> str:
    """A mean as the reports show it (`-` where the metric applies to no record)."""
    return "-" if value is None else f"{value:.3f}"


def interval_text(delta: float, low: float, high: float) -> str:
    """`+0.337 (+0.202..+0.462)`: a difference and its 95% interval."""
    return f"{delta:+.3f} ({low:+.3f}..{high:+.3f})"


def _interval(delta: Delta | None) -> str:
    return "-" if delta is None else interval_text(delta.delta, *delta.ci95)


def _metrics_shown(report: EvalReport) -> list[str]:
    return [m for m in report.metrics if any(report.models[x].get(m) is not None for x in MODELS)]


def render_markdown(report: EvalReport, charts: dict[str, str] | None = None) -> str:
    charts = charts or {}
    primary = report.verdict.primary_metric
    lines = [
        f"# Evaluation on {md(report.split)} ({report.n} records)",
        "",
        f"**Verdict ({report.verdict.advice})**: {md(report.verdict.text)}",
        "",
        "A difference counts only where its 95% interval (paired bootstrap) excludes 0; "
        "otherwise there is no measurable difference.",
        "",
        "## Overall",
        "",
        "| metric | " + " | ".join(MODELS) + " | "
        + " | ".join(f"tuned − {m} (95% CI)" for m in BASELINES) + " |",
        "| --- | " + " | ".join("---:" for _ in range(len(MODELS) + len(BASELINES))) + " |",
    ]  # fmt: skip
    for metric in _metrics_shown(report):
        cells = [number(report.models[m].get(metric)) for m in MODELS]
        cells += [_interval(report.deltas[f"tuned_vs_{m}"].get(metric)) for m in BASELINES]
        name = METRIC_NAMES.get(metric, metric) + (" (primary)" if metric == primary else "")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    lines += ["", f"Win rate of tuned on {METRIC_NAMES.get(primary, primary)} (sign test):", ""]
    for model in BASELINES:
        w = report.win_rates[f"tuned_vs_{model}"]
        lines.append(
            f"- against {model}: {w.rate:.0%} ({w.wins} wins, {w.losses} losses, "
            f"{w.ties} ties; p = {w.p_value:.2g})"
        )
    lines += [
        "",
        f"## Per category ({METRIC_NAMES.get(primary, primary)})",
        "",
        "| category | n | " + " | ".join(MODELS) + " | tuned − base (95% CI) |",
        "| --- | ---: | " + " | ".join("---:" for _ in MODELS) + " | ---: |",
    ]
    for category in report.categories:
        cells = [number(category.models[m].get(primary)) for m in MODELS]
        judged = (
            "too few to judge"
            if category.too_few
            else _interval(category.deltas.get("tuned_vs_base", {}).get(primary))
        )
        lines.append(
            f"| {md(category.name)} | {category.n} | " + " | ".join(cells) + f" | {judged} |"
        )
    if CATEGORY_CHART in charts.values():
        lines += ["", f"![{primary} per category and model]({CATEGORY_CHART})"]
    if LOSS_CHART in charts.values():
        lines += ["", "## Training", "", f"![training and validation loss]({LOSS_CHART})"]
    lines += ["", "## Metrics", ""]
    lines += [f"- **{METRIC_NAMES.get(m, m)}**: {md(text)}" for m, text in report.metrics.items()]
    lines += ["", "## Provenance", "", "```json", _provenance_json(report), "```", ""]
    return "\n".join(lines)


HTML_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<style>
body {{ font-family: sans-serif; max-width: 1100px; margin: 2em auto; padding: 0 1em; }}
table {{ border-collapse: collapse; margin: 1em 0; }}
th, td {{ border: 1px solid #ccc; padding: 4px 8px; }}
td {{ text-align: right; }} td:first-child {{ text-align: left; }}
img {{ max-width: 100%; border: 1px solid #eee; }}
pre {{ background: #f6f6f6; padding: 1em; overflow-x: auto; }}
</style></head><body>
{body}
</body></html>
"""


def write_html(run: Path) -> Path:
    """`report.html` beside `report.md`: the same report for a browser (the charts load from
    the run folder). Markdown is rendered with raw HTML disabled, so nothing in the data
    becomes markup."""
    from markdown_it import MarkdownIt

    from curate.io.atomic import write_text_atomic

    text = (run / "report.md").read_text(encoding="utf-8")
    body = MarkdownIt("commonmark", {"html": False}).enable("table").render(text)
    page = HTML_PAGE.format(title=escape(f"curate report: {run.name}"), body=body)
    write_text_atomic(run / "report.html", page)
    return run / "report.html"


def _provenance_json(report: EvalReport) -> str:
    # Inside a code fence nothing is markup but the fence itself; JSON escapes control
    # characters, and a run of three backticks cannot survive json.dumps of a string unchanged.
    text = json.dumps(report.provenance.model_dump(), indent=2, ensure_ascii=True)
    return text.replace("```", "`\\u0060`")


def terminal_table(report: EvalReport, title: str) -> Any:
    """A rich Table: every metric for the four models and tuned's intervals."""
    from rich.table import Table
    from rich.text import Text

    table = Table(title=Text(title), title_justify="left")
    table.add_column("metric")
    for name in [*MODELS, *(f"tuned − {m} (95% CI)" for m in BASELINES)]:
        table.add_column(name, justify="right")
    for metric in _metrics_shown(report):
        cells = [number(report.models[m].get(metric)) for m in MODELS]
        cells += [_interval(report.deltas[f"tuned_vs_{m}"].get(metric)) for m in BASELINES]
        table.add_row(Text(METRIC_NAMES.get(metric, metric)), *(Text(c) for c in cells))
    return table


def write_charts(report: EvalReport, run: Path) -> dict[str, str]:
    """Write the charts the data allows into `run`; returns {what: file name}."""
    from curate.io.atomic import write_text_atomic

    written = {}
    losses = _losses(run / "metrics.jsonl")
    if losses["train"]:
        write_text_atomic(run / LOSS_CHART, loss_svg(losses))
        written["loss"] = LOSS_CHART
    if report.categories:
        write_text_atomic(run / CATEGORY_CHART, category_svg(report))
        written["categories"] = CATEGORY_CHART
    return written


def _losses(metrics: Path) -> dict[str, list[tuple[float, float]]]:
    found: dict[str, list[tuple[float, float]]] = {"train": [], "val": []}
    if not metrics.is_file():
        return found
    for line in metrics.read_text().splitlines():
        entry = json.loads(line) if line.strip() else {}
        step = entry.get("step")
        if not isinstance(step, int | float):
            continue
        if isinstance(entry.get("loss"), int | float):
            found["train"].append((float(step), float(entry["loss"])))
        if isinstance(entry.get("eval_loss"), int | float):
            found["val"].append((float(step), float(entry["eval_loss"])))
    return found


def loss_svg(losses: dict[str, list[tuple[float, float]]]) -> str:
    """Training (and validation) loss against steps, as an SVG line chart."""
    width, height, pad = 640, 320, 48
    points = losses["train"] + losses["val"]
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    x0, x1 = min(xs), max(xs) if max(xs) > min(xs) else min(xs) + 1
    y0, y1 = 0.0, max(ys) * 1.1 if max(ys) > 0 else 1.0

    def at(x: float, y: float) -> str:
        px = pad + (x - x0) / (x1 - x0) * (width - 2 * pad)
        py = height - pad - (y - y0) / (y1 - y0) * (height - 2 * pad)
        return f"{px:.1f},{py:.1f}"

    parts = _svg_open(width, height, "Training and validation loss")
    parts.append(_axes(width, height, pad, f"step ({x0:g}..{x1:g})", f"loss (0..{y1:.2f})"))
    for name, colour in (("train", "#3c9d5d"), ("val", "#e0a458")):
        series = losses[name]
        if series:
            path = " ".join(at(x, y) for x, y in series)
            parts.append(
                f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{path}"/>'
            )
            for x, y in series:
                cx, cy = at(x, y).split(",")
                parts.append(f'<circle cx="{cx}" cy="{cy}" r="3" fill="{colour}"/>')
    parts.append(_legend([("training loss", "#3c9d5d"), ("validation loss", "#e0a458")], width))
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def category_svg(report: EvalReport) -> str:
    """The primary metric per category, one horizontal bar per model; categories too few to
    judge drawn pale and marked *."""
    primary = report.verdict.primary_metric
    name = METRIC_NAMES.get(primary, primary)
    groups = [("overall", report.n, False, report.models)] + [
        (c.name, c.n, c.too_few, c.models) for c in report.categories
    ]
    bar, gap, top, left, right = 9, 12, 40, 190, 170
    plot = 420
    width = left + plot + right
    height = top + len(groups) * (bar * len(MODELS) + gap) + 50
    parts = _svg_open(width, height, f"{name} per category")
    bottom = height - 50
    parts.append(f'<line x1="{left}" y1="{top}" x2="{left}" y2="{bottom}" stroke="#333"/>')
    parts.append(
        f'<line x1="{left}" y1="{bottom}" x2="{left + plot}" y2="{bottom}" stroke="#333"/>'
    )
    for tick in (0.0, 0.25, 0.5, 0.75, 1.0):
        x = left + tick * plot
        parts.append(
            f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{bottom}" stroke="#eee"/>'
            f'<text x="{x:.1f}" y="{bottom + 14}" font-size="10" text-anchor="middle">'
            f"{tick:g}</text>"
        )
    parts.append(
        f'<text x="{left + plot / 2:.0f}" y="{bottom + 30}" font-size="11" '
        f'text-anchor="middle">{escape(name)}</text>'
    )
    for g, (label, n, too_few, models) in enumerate(groups):
        y0 = top + g * (bar * len(MODELS) + gap) + gap / 2
        for k, model in enumerate(MODELS):
            value = models[model].get(primary) or 0.0
            w = max(0.0, min(1.0, value)) * plot
            opacity = "0.45" if too_few else "1"
            parts.append(
                f'<rect x="{left}" y="{y0 + k * bar:.1f}" width="{w:.1f}" height="{bar - 1}" '
                f'fill="{COLOURS[model]}" fill-opacity="{opacity}"/>'
            )
        text = f"{label} ({n}){' *' if too_few else ''}"
        middle = y0 + bar * len(MODELS) / 2 + 4
        parts.append(
            f'<text x="{left - 8}" y="{middle:.1f}" font-size="11" text-anchor="end">'
            f"{escape(text)}</text>"
        )
    parts.append(_legend([(m, COLOURS[m]) for m in MODELS], width))
    parts.append(
        f'<text x="{width - right + 16}" y="{top + 90}" font-size="10">* fewer than 10</text>'
        f'<text x="{width - right + 16}" y="{top + 104}" font-size="10">records: too few</text>'
        f'<text x="{width - right + 16}" y="{top + 118}" font-size="10">to judge</text>'
    )
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def _svg_open(width: int, height: int, title: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif">',
        f"<title>{escape(title)}</title>",
        f'<rect width="{width}" height="{height}" fill="white"/>',
        f'<text x="{width / 2:.0f}" y="20" font-size="14" text-anchor="middle">'
        f"{escape(title)}</text>",
    ]


def _axes(width: int, height: int, pad: int, x_label: str, y_label: str) -> str:
    return (
        f'<line x1="{pad}" y1="{height - pad}" x2="{width - pad}" y2="{height - pad}" '
        'stroke="#333"/>'
        f'<line x1="{pad}" y1="{pad}" x2="{pad}" y2="{height - pad}" stroke="#333"/>'
        f'<text x="{width / 2:.0f}" y="{height - 24}" font-size="11" text-anchor="middle">'
        f"{escape(x_label)}</text>"
        f'<text x="14" y="{height / 2:.0f}" font-size="11" text-anchor="middle" '
        f'transform="rotate(-90 14 {height / 2:.0f})">{escape(y_label)}</text>'
    )


def _legend(entries: list[tuple[str, str]], width: int) -> str:
    items = []
    for k, (name, colour) in enumerate(entries):
        x = width - 150
        y = 36 + 16 * k
        items.append(
            f'<rect x="{x}" y="{y - 9}" width="10" height="10" fill="{colour}"/>'
            f'<text x="{x + 16}" y="{y}" font-size="11">{escape(name)}</text>'
        )
    return "".join(items)
