"""What rules read: the dataset with each record's split role, and the work rules share.

Shared work (normal forms, duplicate groups, MinHash clusters, languages, lengths) is
computed the first time a rule asks for it and cached on the Dataset, so a run does it once.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import polars as pl

from curate.dedup.groups import Duplicates, Key
from curate.io import Dataset
from curate.io.analysis_cache import (
    ANALYSIS_CACHE,
    AnalysisCache,
    cache_folder,
    dataset_text_keys,
)
from curate.schemas.finding import Location
from curate.schemas.settings import CurateSettings

if TYPE_CHECKING:
    from curate.signals import MatchedSignals, TestScores
    from curate.tokens import TokenCounts
T = TypeVar("T")

SPLIT_NAMES = re.compile(r"^(train|training|val|valid|validation|dev|test|testing)(?=$|[-_.])")
ROLE_OF_NAME = {
    "train": "train",
    "training": "train",
    "val": "val",
    "valid": "val",
    "validation": "val",
    "dev": "val",
    "test": "test",
    "testing": "test",
}
EVAL_ROLE = "eval"
NOT_SPACE = r"\S"
"""A text holds something besides whitespace when this matches: `str.contains(NOT_SPACE)`
asks that without copying the text, which `str.strip_chars() != ""` does (0.7 GB of
replies at 1M records)."""


SHARD = re.compile(r"^data-\d+-of-\d+\.arrow$")
"""A shard of a `datasets` save_to_disk folder: its folder is named after the split."""


def role_of(path: str) -> str:
    """`train`, `val` or `test` for files named after a split (any extension), or shards in
    a folder named after one (`dd/train/data-00000-of-00001.arrow`), else ''."""
    name = Path(path).name.lower()
    if SHARD.match(name):
        name = Path(path).parent.name.lower()
    match = SPLIT_NAMES.match(name)
    return ROLE_OF_NAME[match.group(1)] if match else ""


class LintContext:
    """The dataset as rules see it.

    `frame` is the canonical frame plus `role`: the split a record belongs to (`train`,
    `val`, `test`), `eval` for records of `--eval` files, or '' for an unsplit dataset.
    Most rules look at `training` (everything but eval records); leakage rules compare roles.
    """

    def __init__(
        self, dataset: Dataset, settings: CurateSettings, eval_paths: set[str] | None = None
    ) -> None:
        self.dataset = dataset
        self.settings = settings
        eval_paths = eval_paths or set()
        roles = {
            source.path: EVAL_ROLE if source.path in eval_paths else role_of(source.path)
            for source in dataset.sources
        }
        self.frame = dataset.frame.with_columns(
            pl.col("source").replace_strict(roles, default="").alias("role")
        )
        # Registered now, so that the duplicate search finds it too (`Duplicates.cache`).
        self.analysis_cache()

    # --- views ---------------------------------------------------------------------------

    @property
    def training(self) -> pl.DataFrame:
        """Records that are training data (not from `--eval` files)."""
        return self.frame.filter(pl.col("role") != EVAL_ROLE)

    @property
    def roles(self) -> set[str]:
        return set(self.frame.get_column("role").unique().to_list())

    @property
    def has_splits(self) -> bool:
        return bool(self.roles & {"train", "val", "test"})

    def locations(self, ids: list[str]) -> list[Location]:
        """File and line of each record, in the order given."""
        row_of, sources, lines = self._places
        rows = [row_of[rid] for rid in ids if rid in row_of]
        return [Location(path=sources[r], line=lines[r]) for r in rows]

    @cached_property
    def _places(self) -> tuple[dict[str, int], list[str], list[int | None]]:
        """Row of each record id, and each row's file and line, as Python values: a lint
        run asks for tens of thousands of locations, and a polars lookup per record costs
        more than these lists (0.3 s for 12k findings at 100k records)."""
        frame = self.frame
        ids = frame.get_column("id").to_list()
        return (
            {rid: row for row, rid in enumerate(ids)},
            frame.get_column("source").to_list(),
            frame.get_column("source_line").to_list(),
        )

    # --- shared work ---------------------------------------------------------------------

    def shared(self, name: str, compute: Callable[[], T]) -> T:
        """Compute once per dataset: `ctx.shared("x", lambda: ...)`."""
        return self.dataset.shared(name, compute)

    def analysis_cache(self) -> AnalysisCache:
        """Per-text results kept on disk between runs (`[lint] cache-dir`)."""
        lint = self.settings.lint
        return self.shared(
            ANALYSIS_CACHE,
            lambda: AnalysisCache(cache_folder(lint.cache_dir, self.settings.source)),
        )

    def text_keys(self, field: str) -> pl.DataFrame:
        """The cache keys of a field's texts (`text_keys`), computed once: the analyses of
        one field (language, secrets, personal data) look their results up by them."""
        return dataset_text_keys(self.dataset, field)

    @property
    def duplicates(self) -> Duplicates:
        """Exact groups, near clusters and near pairs, shared with split and the app."""
        return Duplicates(self.dataset)

    def normal_text(self, key: Key) -> pl.Series:
        """The dedup normal form of input, output, or both joined by a newline."""
        return self.duplicates.normal_text(key)

    def exact_group(self, key: Key) -> pl.Series:
        """Per record, the row of the record kept of its exact-copy group."""
        return self.duplicates.exact_group(key)

    def template_refusals(self) -> tuple[dict[str, str], str]:
        """Chats the training model's template refuses (id -> why), and its tokenizer."""
        from curate.tokens import template_refusals

        settings = self.settings
        return self.shared(
            "template_refusals",
            lambda: template_refusals(self.frame, settings.lint.tokenizer, settings.train.model),
        )

    def tokens(self, limit: int | None = None) -> TokenCounts:
        """Prompt and total token counts: exact (for every record near `limit`) with the
        training model's tokenizer where it is on this machine, else estimated."""
        from curate.tokens import count_tokens

        settings = self.settings
        limit = limit or settings.train.max_seq_length
        return self.shared(
            f"tokens:{limit}",
            lambda: count_tokens(
                self.frame,
                settings.lint.tokenizer,
                settings.train.model,
                limit,
                self.analysis_cache(),
            ),
        )

    def signals(self) -> MatchedSignals | None:
        """The signals of `[lint] run` (`--run`) on this dataset's records; None without a
        run. A run that is not one, or has none, raises `DatasetError`."""
        from curate.signals import match_signals

        run = run_folder(self.settings)
        if run is None:
            return None
        return self.shared(f"signals:{run}", lambda: match_signals(run, self.dataset))

    def test_scores(self) -> TestScores | None:
        """The base and tuned models' scores on this dataset's test records, from the
        evaluation of `[lint] run`; None without a run or an evaluation."""
        from curate.signals import match_predictions

        run = run_folder(self.settings)
        if run is None:
            return None
        return self.shared(f"predictions:{run}", lambda: match_predictions(run, self.dataset))


def run_folder(settings: CurateSettings) -> Path | None:
    """`[lint] run`: relative to the config file that sets it (`--run` gives an absolute
    path), None when not set."""
    if settings.lint.run is None:
        return None
    run = Path(settings.lint.run)
    if not run.is_absolute() and settings.source:
        run = Path(settings.source).parent / run
    return run


def run_signals(dataset: Dataset, settings: CurateSettings) -> MatchedSignals | None:
    """The signals of `[lint] run` on `dataset`, read now (a bad run folder is one error
    before any rule runs) and kept on the dataset for the MOD rules; None without a run."""
    return LintContext(dataset, settings).signals()


def signals_note(dataset: Dataset, settings: CurateSettings) -> str | None:
    """`run_signals`, and a note on those that no longer apply."""
    signals = run_signals(dataset, settings)
    return signals.note() if signals is not None else None
