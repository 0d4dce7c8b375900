"""Expert win rates from the judge journal, and the report refreshed with them.

Per judged model pair: each test record's outcome is its experts' majority (no majority:
a tie), so a record judged by three experts still counts once and records stay the
independent unit of the interval. The win rate is wins / (wins + losses), ties left out,
with a Wilson score 95% interval; a preference is claimed only where the interval excludes
0.5, otherwise the report says there is no measurable difference. Where two or more experts
judged the same records, their agreement is given as in `curate review --agreement`
(Cohen's kappa for two experts, Fleiss' or Krippendorff's for more).

The section goes into `report.json` (`experts`), `report.md` (replacing an earlier expert
section, anything else in the file kept as it is, an ablation section included) and
`report.html`, each written atomically.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from pydantic import ValidationError

from curate.agreement import agreement_row
from curate.io.atomic import write_text_atomic
from curate.io.errors import DatasetError
from curate.judging.journal import current, decided
from curate.judging.predictions import Prediction, read_predictions
from curate.proof.render import md, write_html
from curate.proof.statistics import wilson_interval
from curate.schemas.judgement import TIE, UNDO, Judgement
from curate.schemas.report import MODELS, EvalReport, ExpertPair

HEADING = "## Expert judgements"
METHOD = (
    "Each expert saw a test prompt and two replies labelled A and B, in random order with "
    "the models hidden, and chose the better one or a tie. A record judged by several "
    "experts counts once, as their majority (no majority: a tie). Win rate = wins / (wins "
    "+ losses), ties left out, with a Wilson score 95% interval; a preference is claimed "
    "only where the interval excludes 0.5."
)


def oriented(pair: tuple[str, str]) -> tuple[str, str]:
    """(first, second): the win rate is given for the later model of `MODELS` (tuned over
    base, prompted over base), names outside `MODELS` after them in name order."""
    rank = {name: index for index, name in enumerate(MODELS)}
    first, second = sorted(pair, key=lambda m: (rank.get(m, len(MODELS)), m), reverse=True)
    return first, second


def expert_pairs(
    judgements: Iterable[Judgement], predictions: list[Prediction] | None = None
) -> list[ExpertPair]:
    """One entry per model pair with a standing better-or-tie judgement. With the run's
    `predictions`, judgements of replies that changed since are left out and counted."""
    lines = list(judgements)
    outdated: Counter[tuple[str, str]] = Counter()
    if predictions is not None:
        lines, old = current(lines, predictions)
        outdated.update(j.pair for j in old if j.winner != UNDO)
    by_pair: dict[tuple[str, str], dict[str, dict[str, str]]] = {}
    for judgement in decided(lines):
        labels = by_pair.setdefault(judgement.pair, {}).setdefault(judgement.id, {})
        labels[judgement.reviewer] = judgement.winner
    return [
        _pair(oriented(pair), labels, outdated[pair]) for pair, labels in sorted(by_pair.items())
    ]


def _pair(
    models: tuple[str, str], labels: dict[str, dict[str, str]], outdated: int = 0
) -> ExpertPair:
    first, second = models
    outcomes = Counter(_majority(by.values()) for by in labels.values())
    wins, losses, ties = outcomes[first], outcomes[second], outcomes[TIE]
    decisive = wins + losses
    interval = wilson_interval(wins, decisive) if decisive else None
    several = {rid: by for rid, by in labels.items() if len(by) >= 2}
    return ExpertPair(
        first=first,
        second=second,
        records=len(labels),
        wins=wins,
        ties=ties,
        losses=losses,
        judgements=sum(len(by) for by in labels.values()),
        reviewers=sorted({reviewer for by in labels.values() for reviewer in by}),
        rate=wins / decisive if decisive else None,
        ci95=interval,
        claim=_claim(first, second, interval),
        agreement=agreement_row(None, several) if several else None,
        outdated=outdated,
    )


def _majority(votes: Iterable[str]) -> str:
    counted = Counter(votes).most_common()
    if len(counted) > 1 and counted[0][1] == counted[1][1]:
        return TIE
    return counted[0][0]


def _claim(first: str, second: str, interval: tuple[float, float] | None) -> str:
    if interval is None:
        return f"no measurable difference between {first} and {second}: no record was decided"
    low, high = interval
    if low > 0.5:
        return f"experts prefer {first} to {second} (the interval is above 0.5)"
    if high < 0.5:
        return f"experts prefer {second} to {first} (the interval is below 0.5)"
    return (
        f"no measurable difference between {first} and {second} "
        f"(the interval {low:.2f}..{high:.2f} includes 0.5)"
    )


def rate_text(pair: ExpertPair) -> str:
    """`0.73 (0.43..0.90)`, or `-` without a decided record."""
    if pair.rate is None or pair.ci95 is None:
        return "-"
    return f"{pair.rate:.2f} ({pair.ci95[0]:.2f}..{pair.ci95[1]:.2f})"


def agreement_text(pair: ExpertPair) -> str | None:
    """One sentence on agreement between experts, where several judged the same records."""
    row = pair.agreement
    if row is None:
        return None
    method = {"cohen": "Cohen's kappa", "fleiss": "Fleiss' kappa"}.get(
        row.method, "Krippendorff's alpha"
    )
    kappa = "undefined (one label throughout)" if row.kappa is None else f"{row.kappa:.2f}"
    return (
        f"{row.items} records judged by {row.raters} experts: {row.percent_agreement:.0%} "
        f"agreement, {method} {kappa} ({row.interpretation})"
    )


def outdated_text(pair: ExpertPair) -> str:
    """Why some judgements of the pair do not count."""
    return (
        f"Left out: {count(pair.outdated, 'judgement')} of replies that changed since "
        "(the run was evaluated again)"
    )


def markdown_section(pairs: list[ExpertPair]) -> str:
    """The report.md section (ending in a blank line), or '' without judgements."""
    if not pairs:
        return ""
    lines = [
        f"{HEADING} (blind, side by side)",
        "",
        METHOD,
        "",
        "| models | records | wins | ties | losses | win rate (95% CI) | judgements | experts |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for pair in pairs:
        lines.append(
            f"| {md(pair.first)} over {md(pair.second)} | {pair.records} | {pair.wins} | "
            f"{pair.ties} | {pair.losses} | {rate_text(pair)} | {pair.judgements} | "
            f"{len(pair.reviewers)} |"
        )
    lines.append("")
    for pair in pairs:
        lines.append(f"- **{md(pair.first)} over {md(pair.second)}**: {md(pair.claim)}.")
        agreement = agreement_text(pair)
        if agreement:
            lines.append(f"  Agreement: {md(agreement)}.")
        if pair.outdated:
            lines.append(f"  {outdated_text(pair)}.")
    return "\n".join(lines) + "\n\n"


def summary_lines(pairs: list[ExpertPair]) -> list[str]:
    """Plain lines for the terminal (`--summary`, and after the judge screen closes)."""
    if not pairs:
        return ["no expert judgements yet"]
    lines = []
    for pair in pairs:
        lines.append(
            f"{pair.first} over {pair.second}: {count(pair.wins, 'win')}, "
            f"{count(pair.ties, 'tie')}, {count(pair.losses, 'loss')} on "
            f"{count(pair.records, 'record')} ({count(pair.judgements, 'judgement')} by "
            f"{count(len(pair.reviewers), 'expert')})"
        )
        if pair.rate is not None and pair.ci95 is not None:
            low, high = pair.ci95
            rate = f"win rate {pair.rate:.2f}, 95% CI {low:.2f}..{high:.2f} (Wilson)"
        else:
            rate = "no win rate"
        lines.append(f"  {rate}: {pair.claim}")
        agreement = agreement_text(pair)
        if agreement:
            lines.append(f"  agreement: {agreement}")
        if pair.outdated:
            lines.append(f"  {outdated_text(pair)}")
    return lines


def count(n: int, word: str) -> str:
    """`1 win`, `3 losses`."""
    return f"{n} {word}" + ("" if n == 1 else "es" if word.endswith("s") else "s")


def splice_section(markdown: str, section: str) -> str:
    """`markdown` with its expert section replaced by `section` (removed when empty), or
    `section` put before `## Metrics` (at the end where there is none). Data in a section
    is escaped by `md`, so a line starting `## ` is always a heading of ours."""
    lines = markdown.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if line.startswith(HEADING)), None)
    if start is not None:
        end = next(
            (i for i in range(start + 1, len(lines)) if re.match(r"## ", lines[i])), len(lines)
        )
        return "".join(lines[:start]) + section + "".join(lines[end:])
    metrics = next((i for i, line in enumerate(lines) if line.rstrip() == "## Metrics"), None)
    if metrics is None:
        joiner = "" if not markdown or markdown.endswith("\n\n") else "\n"
        return markdown + (joiner + section if section else "")
    return "".join(lines[:metrics]) + section + "".join(lines[metrics:])


def refresh_report(run: Path, judgements: Iterable[Judgement]) -> list[ExpertPair]:
    """Write the expert section into the run's report.json, report.md and report.html.
    Returns the pairs; a run without a readable report.json is one clear error."""
    pairs = expert_pairs(judgements, read_predictions(run))
    path = run / "report.json"
    try:
        report = EvalReport.model_validate_json(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DatasetError(str(path), "missing: the run was not evaluated") from None
    except (OSError, UnicodeDecodeError, ValidationError) as exc:
        first = str(exc).splitlines()[0]
        raise DatasetError(str(path), f"not a readable report: {first}") from None
    report = report.model_copy(update={"experts": pairs})
    write_text_atomic(path, report.model_dump_json(indent=2) + "\n")
    markdown = run / "report.md"
    if markdown.is_file():
        text = markdown.read_text(encoding="utf-8")
        write_text_atomic(markdown, splice_section(text, markdown_section(pairs)))
        write_html(run)
    return pairs
