"""Street addresses written in English: a house number, a capitalised street name and a
street type, confirmed by what an address has around it.

No maintained library finds addresses in free text (usaddress and libpostal parse a string
already known to be one), so this is a pattern, kept strict for precision: "42 Elm Street"
alone could be a product or a sentence ("the 3 Park Avenue stores"), so a street line
counts only when something confirms it:

- a unit after it (`Apt 4B`, `Suite 200`, `#12`),
- a city after a comma, a US ZIP code after a state or a comma, or a UK postcode within the
  next 60 characters, or
- a phrase that introduces an address just before it ("ship to", "I live at", "my address
  is", "deliver to", "moved to", "billing address").

Lower-case addresses, addresses without a street type ("12 Rue de la Paix", "Calle Mayor
5") and PO boxes are not found.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from curate.sensitive.hits import _Found

STREET_TYPES = (
    "Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Place|Pl|Terrace"
    "|Way|Parkway|Pkwy|Circle|Cir|Highway|Hwy|Square|Sq|Trail|Crescent|Close|Grove|Gardens"
)
_STREET = (
    rf"(?<![\w.,-])[1-9][0-9]{{0,5}}[A-Z]?,?[ \t]+(?:(?:[NSEW]\.?|North|South|East|West)[ \t]+)?"
    rf"(?:(?:[A-Z][a-z']+|[0-9]{{1,3}}(?:st|nd|rd|th))[ \t]+){{1,3}}(?:{STREET_TYPES})\b\.?"
)
PRE_STREET = (
    rf"[0-9][A-Z]?,?[ \t]+(?:[NSEW]\.?[ \t]+)?(?:[A-Z][a-z']+[ \t]+|[0-9]+(?:st|nd|rd|th)[ \t]+)"
    rf"{{1,4}}(?:{STREET_TYPES})\b"
)
"""The prefilter: a number, one to four capitalised words (a direction spelt out, and up to
three for the name) and a street type: every street line `_STREET` finds matches it."""

_STREET_RE = re.compile(_STREET)
_UNIT_RE = re.compile(
    r",?[ \t]*(?:[Aa]pt|[Aa]partment|[Ss]uite|[Ss]te|[Uu]nit|[Ff]lat|[Ff]loor|#)\.?[ \t]*#?"
    r"(?:[0-9]|[A-Z]\b)"
)
_CITY_RE = re.compile(r",[ \t]*[A-Z][a-z]+")
_CODE_RE = re.compile(
    # A ZIP code after a state or a comma (a bare five-digit number may be an order or SKU),
    # or a UK postcode, whose shape is its own.
    r"(?:\b[A-Z]{2}[ \t]+|,[ \t]*)[0-9]{5}(?:-[0-9]{4})?\b"
    r"|\b[A-Z]{1,2}[0-9][A-Z0-9]?[ \t]?[0-9][A-Z]{2}\b"
)
_CUE_RE = re.compile(
    r"\b(?:address(?:\s+is)?|live[sd]?\s+at|living\s+at|located\s+at|reside\s+at"
    r"|ship(?:ped|ping)?\s+(?:it\s+|them\s+)?to|deliver(?:ed|y)?\s+(?:it\s+|them\s+)?to"
    r"|send\s+(?:it\s+|them\s+)?to|mail(?:ed)?\s+(?:it\s+|them\s+)?to|moved\s+to"
    r"|billing|shipping|residence)\b[:\s]*$",
    re.IGNORECASE,
)
_CONTEXT = 60


def find_street_addresses(text: str) -> Iterator[_Found]:
    """Street lines with something that confirms them; the hit spans the street line."""
    for match in _STREET_RE.finditer(text):
        after = text[match.end() : match.end() + _CONTEXT]
        before = text[max(0, match.start() - 40) : match.start()]
        if (
            _UNIT_RE.match(after)
            or _CITY_RE.match(after)
            or _CODE_RE.search(after)
            or _CUE_RE.search(before)
        ):
            yield _Found("street-address", match.start(), match.end(), match.group(), 2)
