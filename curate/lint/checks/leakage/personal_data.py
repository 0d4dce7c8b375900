from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from curate.lint.checks.leakage.secret_in_output import Field_, FieldsOptions, scan
from curate.lint.context import LintContext
from curate.lint.registry import register
from curate.lint.rule import REDACT_SPANS, Rule, Violation
from curate.schemas.finding import Severity


class PersonalOptions(FieldsOptions):
    fields: list[Field_] = Field(default_factory=lambda: list[Field_](["input", "output"]))
    """Which texts to scan: prompts too, since chat models are trained on them as context."""


@register
class PersonalDataInOutput(Rule[PersonalOptions]):
    """A prompt or reply contains personal data: an e-mail address, a phone number, a card
    number, a US social security number, an IBAN, an IP address or a street address.

    ## Why it matters
    The model learns to hand out the address or number to other users, which is a privacy
    breach and under GDPR/CCPA a reportable one; card numbers also break PCI DSS. Prompts
    are scanned too (`fields`): a chat model is trained on them as context, and a reply can
    repeat what the prompt said.

    Each kind is checked for its structure, not its shape: phone numbers valid by
    libphonenumber or written unmistakably as one (`+44 20 7946 0958`, `(555) 014-2368`),
    cards by the Luhn check and a known issuer prefix, SSNs by the SSA's rules (no area 000,
    666 or 9xx), IBANs by country length and mod-97, IP addresses by `ipaddress` (global
    ones only: a private or documentation address identifies nobody; not a version number),
    street addresses (number, capitalised name, street type) only with a unit, a city, a
    ZIP or postcode after them or "ship to", "I live at" ... before them.

    ## Example
    "You can reach me directly at dana.whitfield@gmail.com."

    ## Fix
    Replace the data with a placeholder or remove the record;
    `curate lint --fix --unsafe-fixes --out clean.jsonl` replaces it with `[REDACTED:kind]`.
    """

    code = "LEAK006"
    name = "personal-data-in-output"
    severity = Severity.WARNING
    Options = PersonalOptions
    fix = REDACT_SPANS

    def check(self, ctx: LintContext) -> Iterator[Violation]:
        yield from scan(ctx, list(self.options.fields), personal=True)
