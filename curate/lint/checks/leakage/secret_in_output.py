from __future__ import annotations

import pkgutil
from collections.abc import Iterator
from dataclasses import asdict
from functools import partial
from importlib.metadata import version
from typing import Literal

import polars as pl
from pydantic import Field

from curate import sensitive
from curate.lint.context import LintContext
from curate.lint.registry import register
from curate.lint.rule import REDACT_SPANS, Rule, RuleOptions, Violation
from curate.schemas.finding import Severity
from curate.sensitive.hits import Hit

Field_ = Literal["input", "output"]


class FieldsOptions(RuleOptions):
    fields: list[Field_] = Field(default_factory=lambda: list[Field_](["output"]))
    """Which texts to scan: outputs are what a model learns to say."""


SENSITIVE_CODE = tuple(
    sorted(f"curate.sensitive.{module.name}" for module in pkgutil.iter_modules(sensitive.__path__))
)
"""The modules whose source decides what is found (the lint cache's key): every module of
`curate.sensitive`, so that a new detector module is never left out of the key."""
HIT = pl.Struct({"kind": pl.String, "start": pl.Int64, "end": pl.Int64, "preview": pl.String})


def found_in(ctx: LintContext, field: str, personal: bool) -> dict[int, list[Hit]]:
    """Row -> hits of secrets (or personal data) in a field's texts, through the lint cache: the
    hits of a text depend on that text alone, and on the detectors' code and libraries."""
    from curate.sensitive import find_personal_data, find_secrets

    finder = find_personal_data if personal else find_secrets

    def compute(batch: pl.Series) -> pl.DataFrame:
        # Built from flat columns: polars makes a list of structs from Python objects slowly
        # (4 s for 100k mostly empty rows). A text without hits gets null.
        flat = [asdict(hit) | {"row": row} for row, hits in finder(batch).items() for hit in hits]
        hits = pl.DataFrame(flat, schema={"row": pl.UInt32, **HIT.to_schema()})
        grouped = hits.group_by("row").agg(pl.struct(*HIT.to_schema()).alias("hits"))
        every = pl.DataFrame({"row": pl.arange(0, len(batch), dtype=pl.UInt32, eager=True)})
        joined = every.join(grouped, on="row", how="left", maintain_order="left")
        return joined.select(pl.col("hits").cast(pl.List(HIT)))

    libraries = " ".join(f"{name} {version(name)}" for name in ("detect-secrets", "phonenumbers"))
    analysis = "personal-data" if personal else "secrets"
    cache = ctx.analysis_cache()
    keys = partial(ctx.text_keys, field)
    # A file per field: a file pruned to one field's texts would lose the other's.
    options = f"{libraries} field={field}"
    rows = cache.rows(analysis, options, ctx.frame.get_column(field), compute, SENSITIVE_CODE, keys)
    flagged = rows.with_row_index("row").filter(pl.col("hits").list.len() > 0)
    return {
        row: [Hit(**hit) for hit in hits]
        for row, hits in zip(flagged.get_column("row"), flagged.get_column("hits"), strict=True)
    }


def scan(ctx: LintContext, fields: list[str], personal: bool) -> Iterator[Violation]:
    """Violations for every record whose chosen fields hold secrets (or personal data)."""
    ids = ctx.frame.get_column("id")
    hits_by_row: dict[int, list[dict[str, object]]] = {}
    for field in fields:
        for row, hits in found_in(ctx, field, personal).items():
            hits_by_row.setdefault(row, []).extend(
                {
                    "field": field,
                    "kind": h.kind,
                    "start": h.start,
                    "end": h.end,
                    "preview": h.preview,
                }
                for h in hits
            )
    for row in sorted(hits_by_row):
        found = hits_by_row[row]
        kinds = sorted({str(h["kind"]) for h in found})
        where = sorted({str(h["field"]) for h in found})
        previews = ", ".join(str(h["preview"]) for h in found[:3])
        yield Violation(
            [ids[row]],
            f"{' and '.join(where)} contains {', '.join(kinds)}: {previews}",
            {"hits": found},
        )


@register
class SecretInOutput(Rule[FieldsOptions]):
    """Output contains a secret: an API key, access token, private key or password.

    ## Why it matters
    A fine-tuned model repeats what its outputs contain. A key pasted into one reply can be
    recited to any user who asks the right way, and the dataset itself leaks it to everyone
    who can read it. Keys split by zero-width characters or written in fullwidth letters
    are found too.

    ## Example
    A reply that says "use this key: sk_live_51H..." (a Stripe live secret key).

    ## Fix
    Revoke the key first, then remove it from the data;
    `curate lint --fix --unsafe-fixes --out clean.jsonl` replaces it with `[REDACTED:kind]`.
    """

    code = "LEAK005"
    name = "secret-in-output"
    severity = Severity.ERROR
    Options = FieldsOptions
    fix = REDACT_SPANS

    def check(self, ctx: LintContext) -> Iterator[Violation]:
        yield from scan(ctx, list(self.options.fields), personal=False)
