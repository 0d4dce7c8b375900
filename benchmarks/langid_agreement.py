"""Agreement and speed of `curate.langid.detect_languages` against full langdetect.

    python benchmarks/langid_agreement.py [FILES...]

Reads the inputs and outputs of FILES (default: the three sample files below) with
`curate.io.read_dataset`, adds a built-in multilingual set (40 short paragraphs in each of
es, de, fr, it, pt and nl, written for this benchmark) and a smaller set of other texts
(neighbouring languages the function-word test must not answer, other scripts, languages
outside its lists, code), and compares `detect_languages` with langdetect run on every text
(`detect_langs`, `DetectorFactory.seed = 0`: the reference).

It prints, per group of texts and in total: texts/s of both and their ratio, the share of
texts the cheap function-word test answered, agreement with langdetect's top answer on every
confident answer (by method), how many of langdetect's confident answers are also confident
here, accuracy against the known language of the built-in paragraphs, and the list of
disagreements.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import polars as pl
from langdetect import DetectorFactory, detect_langs
from langdetect.lang_detect_exception import LangDetectException

from curate.io import read_dataset
from curate.langid import LanguageParams, detect_languages

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_FILES = [
    ROOT / "samples" / "support_tickets.jsonl",
    ROOT / "samples" / "alpaca.jsonl",
    ROOT / "samples" / "chat_messages.jsonl",
]

# The built-in texts, written for this benchmark: 40 paragraphs in each of es, de, fr, it, pt
# and nl, and other texts, each tagged with its language: neighbours of the answered languages,
# other scripts, languages outside the word lists, English prose and code.
CHEAP_METHODS = ("function-words", "orthography")
"""The answers given without langdetect."""
TEXTS_FILE = Path(__file__).resolve().parent / "data" / "langid_texts.json"
_TEXTS = json.loads(TEXTS_FILE.read_text(encoding="utf-8"))

MULTILINGUAL: dict[str, list[str]] = _TEXTS["multilingual"]
"""40 paragraphs per language, by known language."""

OTHER_TEXTS: dict[str, list[str]] = _TEXTS["other"]
"""Other texts by known language (ISO 639-1; "gl" is Galician, which langdetect lacks)."""


FILES = "all files"
"""The group of every text read from the files (English-heavy with the default files)."""
BUILT_IN = "built-in "


def _select(frame: pl.DataFrame, group: str) -> pl.DataFrame:
    """The rows of one group, of all files (FILES) or of everything ("ALL")."""
    if group == "ALL":
        return frame
    if group == FILES:
        return frame.filter(~pl.col("group").str.starts_with(BUILT_IN))
    return frame.filter(pl.col("group") == group)


@dataclass
class Timing:
    """Seconds spent by each detector on one group of texts."""

    ours: float
    langdetect: float


def load_texts(files: list[Path]) -> pl.DataFrame:
    """Columns group, truth (known language or null) and text, one row per text."""
    rows: list[tuple[str, str | None, str]] = []
    for path in files:
        frame = read_dataset([path]).frame
        for column in ("input", "output"):
            rows.extend((path.name, None, text) for text in frame[column].drop_nulls())
    for lang, paragraphs in MULTILINGUAL.items():
        rows.extend((f"{BUILT_IN}es/de/fr/it/pt/nl", lang, text) for text in paragraphs)
    for lang, texts in OTHER_TEXTS.items():
        rows.extend((f"{BUILT_IN}other", lang, text) for text in texts)
    schema = {"group": pl.String, "truth": pl.String, "text": pl.String}
    return pl.DataFrame(rows, schema=schema, orient="row")


def run_reference(texts: list[str]) -> tuple[list[str | None], list[float], list[float]]:
    """langdetect's top answer (ISO 639-1), its probability and the seconds, per text."""
    DetectorFactory.seed = 0
    langs: list[str | None] = []
    probs: list[float] = []
    seconds: list[float] = []
    for text in texts:
        start = time.perf_counter()
        try:
            top = detect_langs(text)[0]
            lang, prob = top.lang.split("-")[0], float(top.prob)
        except LangDetectException:
            lang, prob = None, 0.0
        seconds.append(time.perf_counter() - start)
        langs.append(lang)
        probs.append(prob)
    return langs, probs, seconds


def time_ours(texts: pl.Series, params: LanguageParams, repeats: int = 3) -> float:
    """Best of `repeats` wall times of detect_languages on the texts."""
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        detect_languages(texts, params)
        best = min(best, time.perf_counter() - start)
    return best


def _pct(part: int, whole: int) -> str:
    return f"{part}/{whole} = {100 * part / whole:.1f}%" if whole else f"{part}/0"


def report(frame: pl.DataFrame, timings: dict[str, Timing], params: LanguageParams) -> None:
    """Print the tables; `frame` has the texts with both detectors' answers."""
    long = frame.filter(~pl.col("method").is_in(["too-short", "no-letters"]))
    confident = long.filter(pl.col("lang").is_not_null())
    print(f"min_words={params.min_words} min_confidence={params.min_confidence}")
    print()
    header = (
        f"{'group':28} {'texts':>6} {'>=min':>6} {'cheap':>7} {'ours t/s':>10} "
        f"{'langdetect t/s':>15} {'speedup':>8} {'agree (confident)':>22}"
    )
    print(header)
    print("-" * len(header))
    for group, timing in timings.items():
        part = _select(frame, group)
        part_long = part.filter(~pl.col("method").is_in(["too-short", "no-letters"]))
        part_conf = part_long.filter(pl.col("lang").is_not_null())
        cheap = part_long["method"].is_in(CHEAP_METHODS).sum()
        agree = (part_conf["lang"] == part_conf["ref_lang"]).sum()
        ours_rate = part.height / timing.ours
        ref_rate = part.height / timing.langdetect
        print(
            f"{group:28} {part.height:>6} {part_long.height:>6} "
            f"{100 * cheap / max(part_long.height, 1):>6.1f}% {ours_rate:>10,.0f} "
            f"{ref_rate:>15,.0f} {ours_rate / ref_rate:>7.1f}x "
            f"{_pct(agree, part_conf.height):>22}"
        )
    print()
    print("texts/s: all texts of the group, both detectors; langdetect (the reference) runs on")
    print("every text, detect_languages only where its cheap test cannot answer.")
    print()

    print("Agreement with langdetect's top answer, texts with >= min_words words:")
    for method in (*CHEAP_METHODS, "langdetect"):
        part = confident.filter(pl.col("method") == method)
        agree = (part["lang"] == part["ref_lang"]).sum()
        print(f"  {method:15} confident answers agreeing: {_pct(agree, part.height)}")
    ref_conf = long.filter(pl.col("ref_prob") >= params.min_confidence)
    same = (ref_conf["lang"] == ref_conf["ref_lang"]).fill_null(False).sum()
    print(
        f"  langdetect confident (prob >= {params.min_confidence}) answers also given here: "
        f"{_pct(same, ref_conf.height)}"
    )
    answered = (long["method"] == "function-words").sum()
    print(f"  answered by the function-word test: {_pct(answered, long.height)}")
    answered = (long["method"] == "orthography").sum()
    print(f"  answered by their letters (orthography): {_pct(answered, long.height)}")
    answers = confident.group_by("method", "lang").len()
    for method in (*CHEAP_METHODS, "langdetect"):
        found = answers.filter(pl.col("method") == method).sort(["len", "lang"], descending=True)
        shown = ", ".join(f"{lang} {n}" for _, lang, n in found.iter_rows())
        print(f"  {method} answers: {shown or 'none'}")
    print()

    known = frame.filter(pl.col("truth").is_not_null() & pl.col("truth").is_in(MULTILINGUAL))
    known_long = known.filter(~pl.col("method").is_in(["too-short", "no-letters"]))
    print("Built-in es/de/fr/it/pt/nl paragraphs against their known language:")
    ours_right = (known_long["lang"] == known_long["truth"]).fill_null(False).sum()
    ours_wrong = (known_long["lang"] != known_long["truth"]).fill_null(False).sum()
    ref_right = (known_long["ref_lang"] == known_long["truth"]).fill_null(False).sum()
    print(f"  detect_languages right: {_pct(ours_right, known_long.height)}, wrong: {ours_wrong}")
    print(f"  langdetect right:       {_pct(ref_right, known_long.height)}")
    other = frame.filter(
        pl.col("truth").is_not_null()
        & ~pl.col("truth").is_in(MULTILINGUAL)
        & pl.col("method").is_in(CHEAP_METHODS)
        & (pl.col("lang") != pl.col("truth"))
    )
    print(
        "  other built-in texts given a wrong language by the function-word or letter test: "
        f"{other.height}"
    )
    print()

    wrong = confident.filter(pl.col("lang") != pl.col("ref_lang").fill_null(""))
    print(f"Disagreements (confident here, other top answer in langdetect): {wrong.height}")
    pairs = Counter(zip(wrong["lang"].to_list(), wrong["ref_lang"].to_list(), strict=True))
    for (ours, ref), count in pairs.most_common():
        print(f"  ours {ours} / langdetect {ref}: {count}")
    for row in wrong.iter_rows(named=True):
        snippet = " ".join(row["text"].split())[:90]
        print(
            f"  - {row['group']}: ours {row['lang']} ({row['method']}, {row['confidence']:.3f})"
            f" / langdetect {row['ref_lang']} ({row['ref_prob']:.3f}), truth {row['truth']}: "
            f"{snippet}"
        )
    doubtful = long.filter(pl.col("lang").is_null() & (pl.col("ref_prob") >= params.min_confidence))
    print()
    print(f"Left unconfident here although langdetect is confident: {doubtful.height}")
    for row in doubtful.iter_rows(named=True):
        snippet = " ".join(row["text"].split())[:90]
        print(
            f"  - {row['group']}: ours {row['method']} ({row['confidence']:.3f}) / langdetect "
            f"{row['ref_lang']} ({row['ref_prob']:.3f}): {snippet}"
        )


def main(argv: list[str] | None = None) -> int:
    """Run the comparison and print the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, default=DEFAULT_FILES)
    parser.add_argument(
        "--scale",
        type=int,
        default=100,
        help="also time detect_languages on the file texts repeated this many times (1: skip)",
    )
    args = parser.parse_args(argv)
    params = LanguageParams()
    frame = load_texts(args.files)

    # Warm-up: both load langdetect's profiles once, outside the timings.
    detect_languages(pl.Series(["Ce texte en français charge les profils de langdetect."]))
    DetectorFactory.seed = 0
    detect_langs("This English sentence loads the profiles of langdetect.")

    ours = detect_languages(frame["text"], params)
    ref_lang, ref_prob, ref_seconds = run_reference(frame["text"].to_list())
    frame = pl.concat([frame, ours], how="horizontal").with_columns(
        ref_lang=pl.Series(ref_lang, dtype=pl.String),
        ref_prob=pl.Series(ref_prob, dtype=pl.Float64),
        ref_seconds=pl.Series(ref_seconds, dtype=pl.Float64),
    )
    timings: dict[str, Timing] = {}
    for group in [*dict.fromkeys(frame["group"].to_list()), FILES, "ALL"]:
        part = _select(frame, group)
        if part.height:
            timings[group] = Timing(time_ours(part["text"], params), part["ref_seconds"].sum())
    report(frame, timings, params)
    files = _select(frame, FILES)
    if args.scale > 1 and files.height:
        tiled = pl.concat([files["text"]] * args.scale)
        seconds = time_ours(tiled, params, repeats=1)
        ref_rate = files.height / files["ref_seconds"].sum()
        print()
        print(
            f"Scale: the file texts repeated {args.scale}x ({tiled.len():,} texts): "
            f"detect_languages {tiled.len() / seconds:,.0f} texts/s, "
            f"{tiled.len() / seconds / ref_rate:,.0f}x langdetect's {ref_rate:,.0f} texts/s "
            "(identical texts share one langdetect call, so this measures the vectorised path)."
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
