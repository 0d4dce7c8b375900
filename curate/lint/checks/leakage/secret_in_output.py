from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from pydantic import Field

from curate.lint.context import LintContext
from curate.lint.registry import register
from curate.lint.rule import REDACT_SPANS, Rule, RuleOptions, Violation
from curate.schemas.finding import Severity

Field_ = Literal["input", "output"]


class FieldsOptions(RuleOptions):
    fields: list[Field_] = Field(default_factory=lambda: list[Field_](["output"]))
    """Which texts to scan: outputs are what a model learns to say."""


def scan(ctx: LintContext, fields: list[str], personal: bool) -> Iterator[Violation]:
    """Violations for every record whose chosen fields hold secrets (or personal data)."""
    from curate.sensitive import find_personal_data, find_secrets

    finder = find_personal_data if personal else find_secrets
    ids = ctx.frame.get_column("id")
    hits_by_row: dict[int, list[dict[str, object]]] = {}
    for field in fields:
        for row, hits in finder(ctx.frame.get_column(field)).items():
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
