from __future__ import annotations

from collections.abc import Iterator

from curate.lint.checks.leakage.secret_in_output import FieldsOptions, scan
from curate.lint.context import LintContext
from curate.lint.registry import register
from curate.lint.rule import REDACT_SPANS, Rule, Violation
from curate.schemas.finding import Severity


@register
class PersonalDataInOutput(Rule[FieldsOptions]):
    """Output contains personal data: an email address, a phone number or a card number.

    ## Why it matters
    The model learns to hand out the address or number to other users, which is a privacy
    breach and under GDPR/CCPA a reportable one; card numbers also break PCI DSS.

    ## Example
    "You can reach me directly at dana.whitfield@gmail.com."

    ## Fix
    Replace the data with a placeholder or remove the record;
    `curate lint --fix --unsafe-fixes --out clean.jsonl` replaces it with `[REDACTED:kind]`.
    """

    code = "LEAK006"
    name = "personal-data-in-output"
    severity = Severity.WARNING
    Options = FieldsOptions
    fix = REDACT_SPANS

    def check(self, ctx: LintContext) -> Iterator[Violation]:
        yield from scan(ctx, list(self.options.fields), personal=True)
