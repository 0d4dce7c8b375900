"""Find secrets and personal data in texts, and redact them.

Fine-tuning data whose outputs contain API keys, tokens, private keys, passwords, e-mail
addresses, phone numbers or payment card numbers teaches the model to repeat them. This
package finds them in up to millions of texts:

1. A vectorised prefilter in polars picks the rows that may hold something (a few cheap
   regexes with literal prefixes). Rows holding characters used to hide text (zero-width and
   other invisible characters, fullwidth and other compatibility forms) are folded first
   (NFKC, invisible characters removed) and prefiltered on the folded text, so a key split by
   zero-width spaces or written in fullwidth letters is not skipped.
2. Only those rows go to the exact detectors in Python, which run on the folded text:
   detect-secrets' (Yelp) regex plugins for key formats, a few rules of ours for formats
   detect-secrets lacks and for prose ("my API key is ..."), libphonenumber (`phonenumbers`)
   for phone numbers and a Luhn check with known IIN prefixes for card numbers.
3. Every hit's span is mapped back from the folded text to the original text, so `redact`
   works on the original.

Spans are Python string indices (code points) into the original text.

One module per job:

- ``hits``: `Hit`, and how overlapping finds are settled.
- ``folding``: `fold`, what hides text from regexes undone, with a map back.
- ``scan``: steps 1 and 3, the prefilter and the loop over the rows that pass it.
- ``secrets``: `find_secrets`, its prefilter and previews; its detectors are in
  ``secret_formats`` (key formats, private keys) and ``secret_prose`` (keywords,
  passwords), which share the value tests of ``secret_values``.
- ``personal``: `find_personal_data` (e-mail addresses, phone and card numbers).
- ``redaction``: `redact`.

Import from ``curate.sensitive``; the modules are an implementation detail.
"""

from __future__ import annotations

from curate.sensitive.folding import _INVISIBLE as _INVISIBLE
from curate.sensitive.folding import _SAFE_2BYTE_RANGES as _SAFE_2BYTE_RANGES
from curate.sensitive.folding import _SAFE_3BYTE as _SAFE_3BYTE
from curate.sensitive.folding import fold
from curate.sensitive.hits import Hit
from curate.sensitive.personal import DEFAULT_REGION as DEFAULT_REGION
from curate.sensitive.personal import PERSONAL_KINDS, find_personal_data
from curate.sensitive.redaction import redact
from curate.sensitive.secret_formats import _token_rules as _token_rules
from curate.sensitive.secrets import SECRET_KINDS, find_secrets

__all__ = [
    "PERSONAL_KINDS",
    "SECRET_KINDS",
    "Hit",
    "find_personal_data",
    "find_secrets",
    "fold",
    "redact",
]
