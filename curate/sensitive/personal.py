"""`find_personal_data`: e-mail addresses, phone numbers, payment card numbers, US social
security numbers, IBANs, IP addresses and street addresses.

Fine-tuning data that quotes customers' addresses or numbers teaches the model to repeat
them. Each kind is checked for more than its shape, so that the order numbers, invoice
numbers and handles of ordinary support text are not flagged: e-mail addresses by an RFC-ish
regex around each "@", phone numbers by libphonenumber (`phonenumbers`) or by a format no id
has (an international prefix with grouping, a parenthesised area code), card numbers by a
Luhn check with known IIN prefixes, the identifiers of `identifiers.py` by their
structure and checksums, and street addresses (`addresses.py`) by what confirms them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

import polars as pl

from curate.sensitive.addresses import PRE_STREET, find_street_addresses
from curate.sensitive.hits import Hit, _Found, _resolve
from curate.sensitive.identifiers import (
    PRE_IBAN,
    PRE_IP,
    PRE_SSN,
    find_ibans,
    find_ip_addresses,
    find_ssns,
)
from curate.sensitive.scan import _run

PERSONAL_KINDS: frozenset[str] = frozenset(
    {"email", "phone", "card-number", "ssn", "iban", "ip-address", "street-address"}
)
"""The kinds `find_personal_data` can look for."""

DEFAULT_REGION = "US"
"""Region for phone numbers written without a country code."""

# The prefilter (run by polars, see `scan`); the phone shapes serve the exact detector too.
_PRE_EMAIL = r"@|\[at\]|\(at\)|\[ at \]|\( at \)|\[AT\]|\(AT\)"
_NANP = r"\(?[2-9][0-9]{2}\)?[ .\-/]?[2-9][0-9]{2}[ .\-]?[0-9]{4}"
_INTERNATIONAL = r"\+[0-9](?:[ ().\-/]{0,2}[0-9]){6,}"
_CARD_SHAPE = r"[0-9](?:[ \-]?[0-9]){12,18}"
_FORMATTED = (
    r"\+[1-9][0-9]{0,2}[ .\-]?\(?[0-9]{1,4}\)?[ .\-][0-9]{2,4}[ .\-][0-9]{2,4}"
    r"|\([0-9]{3}\) ?[0-9]{3}[ .\-][0-9]{4}"
)

_PERSONAL_PREFILTERS = {
    "email": (_PRE_EMAIL,),
    "phone": (_NANP, _INTERNATIONAL, _FORMATTED),
    "card-number": (_CARD_SHAPE,),
    "ssn": (PRE_SSN,),
    "iban": (PRE_IBAN,),
    "ip-address": (PRE_IP,),
    "street-address": (PRE_STREET,),
}


_EMAIL_RE = re.compile(
    r"(?<![A-Za-z0-9_%+\-])[A-Za-z0-9][A-Za-z0-9._%+\-]{0,63}"
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![A-Za-z0-9\-])"
)
# The local part just before an "@" (searched up to the "@": endpos makes `$` match there).
_LOCAL_PART_RE = re.compile(r"(?<![A-Za-z0-9_%+\-])[A-Za-z0-9][A-Za-z0-9._%+\-]{0,63}$")
_URL_USER_RE = re.compile(r"://[^\s/@]*:?$")  # https://user:password@host is no address
_OBFUSCATED_AT_RE = re.compile(r"[\[(]\s*at\s*[\])]", re.IGNORECASE)
_OBFUSCATED_EMAIL_RE = re.compile(
    r"(?<![A-Za-z0-9_%+\-])[A-Za-z0-9][A-Za-z0-9._%+\-]{0,63}\s*[\[(]\s*at\s*[\])]\s*"
    r"(?:[A-Za-z0-9\-]+\s*(?:[\[(]\s*dot\s*[\])]|\.)\s*)+[A-Za-z]{2,24}(?![A-Za-z0-9\-])",
    re.IGNORECASE,
)
_PHONE_SHAPE_RE = re.compile(f"{_INTERNATIONAL}|{_NANP}")
# Written unmistakably as a phone number, whether or not libphonenumber knows the range
# (an unassigned area code, a fictional 555 exchange): an international prefix followed by
# groups, or an area code in parentheses.
_FORMATTED_PHONE_RE = re.compile(
    r"(?<![0-9A-Za-z+])(?:\+([1-9][0-9]{0,2})(?:[ \-]|(?=\())"
    r"\(?[0-9]{1,4}\)?(?:[ \-][0-9]{2,4}){2,4}"
    r"|\([0-9]{3}\) ?[0-9]{3}[ \-][0-9]{4})(?![0-9]|[.,][0-9])"
)
_EXTENSION_RE = re.compile(r"\s*(?:ext\.?|extension|x|#)\s*[0-9]{1,6}$", re.IGNORECASE)
_PHONE_CONTEXT_RE = re.compile(
    r"\b(?:call|phone|tel|telephone|mobile|cell|cellphone|text|sms|fax|whatsapp|signal"
    r"|contact|reach|dial|ph|mob)\b[^\n]{0,25}$",
    re.IGNORECASE,
)
_NANP_GROUPS = ([3, 3, 4], [1, 3, 3, 4], [3, 7], [1, 3, 7])
_CARD_RE = re.compile(r"[0-9](?:[ \-]?[0-9]){12,18}(?![ \-]?[0-9])")
# Runs of digits and separators: a cheap scan that finds where phone and card shapes can be.
_DIGIT_RUN_RE = re.compile(r"[(+0-9][0-9 ().\-/]{6,}")


def _find_emails(text: str) -> Iterator[_Found]:
    """E-mail addresses around each "@" (cheaper than a regex scan of the whole text)."""
    done = 0
    at = text.find("@")
    while at >= 0:
        local = _LOCAL_PART_RE.search(text, max(done, at - 64), at)
        if local:
            match = _EMAIL_RE.match(text, local.start(), at + 256)
            if match and not _URL_USER_RE.search(text, max(0, match.start() - 100), match.start()):
                yield _Found("email", match.start(), match.end(), match.group(), 0)
                done = match.end()
        at = text.find("@", max(at + 1, done))
    if _OBFUSCATED_AT_RE.search(text):
        for match in _OBFUSCATED_EMAIL_RE.finditer(text):
            yield _Found("email", match.start(), match.end(), match.group(), 1)


def _luhn(digits: str) -> bool:
    """The Luhn checksum of a card number is valid."""
    total = 0
    for i, char in enumerate(reversed(digits)):
        d = int(char)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _card_brand(digits: str) -> str | None:
    """The card network from the IIN prefix and length, or None."""
    size = len(digits)
    two, three, four = int(digits[:2]), int(digits[:3]), int(digits[:4])
    if digits[0] == "4" and size in (13, 16, 19):
        return "visa"
    if (51 <= two <= 55 or 2221 <= four <= 2720) and size == 16:
        return "mastercard"
    if two in (34, 37) and size == 15:
        return "amex"
    if (four == 6011 or two == 65 or 644 <= three <= 649) and 16 <= size <= 19:
        return "discover"
    if 3528 <= four <= 3589 and 16 <= size <= 19:
        return "jcb"
    return None


def _find_cards(text: str, runs: list[tuple[int, int]]) -> Iterator[_Found]:
    """13-19 digits grouped like a card, with a known IIN prefix and a valid Luhn checksum."""
    for run_start, run_end in runs:
        if sum(c.isdigit() for c in text[run_start:run_end]) < 13:
            continue
        for match in _CARD_RE.finditer(text, run_start, run_end):
            start = match.start()
            before = text[max(0, start - 2) : start]
            if before[-1:].isalnum() or before[-1:] == "_" or re.fullmatch(r"[0-9][ \-]", before):
                continue  # part of a longer run or of a code
            raw = match.group()
            digits = re.sub(r"[ \-]", "", raw)
            groups = [len(g) for g in re.split(r"[ \-]", raw)]
            plausible = (
                len(groups) == 1
                or groups in ([4, 6, 5], [4, 6, 4])
                or (all(g == 4 for g in groups[:-1]) and 1 <= groups[-1] <= 4)
            )
            if plausible and _card_brand(digits) and _luhn(digits):
                yield _Found("card-number", start, match.end(), digits, 0)


@lru_cache(maxsize=32_768)
def _valid_numbers(window: str, region: str) -> tuple[tuple[int, int, str, int], ...]:
    """libphonenumber's valid numbers in a window: (start, end, raw, country code).

    Cached: signatures repeat the same number in the same words across many records.
    """
    import phonenumbers

    matcher = phonenumbers.PhoneNumberMatcher(window, region, leniency=phonenumbers.Leniency.VALID)
    return tuple((m.start, m.end, m.raw_string, m.number.country_code or 0) for m in matcher)


def _find_phones(
    text: str, runs: list[tuple[int, int]], region: str = DEFAULT_REGION
) -> Iterator[_Found]:
    """Valid phone numbers (libphonenumber) in windows around phone-shaped digit runs."""
    windows: list[list[int]] = []
    for run_start, run_end in runs:
        if not _PHONE_SHAPE_RE.search(text, run_start, run_end):
            continue
        start, end = max(0, run_start - 40), min(len(text), run_end + 40)
        if windows and start <= windows[-1][1]:
            windows[-1][1] = end
        else:
            windows.append([start, end])
    for first, last in windows:
        for number_start, number_end, raw, country in _valid_numbers(text[first:last], region):
            start, end = first + number_start, first + number_end
            if not raw.lstrip("(").startswith("+") and country == 1:
                groups = [len(g) for g in re.findall(r"[0-9]+", _EXTENSION_RE.sub("", raw))]
                if groups in ([10], [11]):
                    if not _PHONE_CONTEXT_RE.search(text, max(0, start - 40), start):
                        continue  # a bare 10-digit run: an id unless said to be a phone
                elif groups not in _NANP_GROUPS:
                    continue  # not grouped like a NANP number: 2026-000123 is an invoice
            yield _Found("phone", start, end, raw, 2)
    for run_start, run_end in runs:
        for match in _FORMATTED_PHONE_RE.finditer(text, max(0, run_start - 1), run_end):
            size = sum(char.isdigit() for char in match.group())
            calling_code = match.group(1)
            if 7 <= size <= 15 and (calling_code is None or _assigned_country(calling_code)):
                yield _Found("phone", match.start(), match.end(), match.group(), 3)


def _assigned_country(code: str) -> bool:
    """An international calling code in use (`+15 000 000 units` has none)."""
    import phonenumbers

    return int(code) in phonenumbers.COUNTRY_CODE_TO_REGION_CODE


def _personal_preview(kind: str, value: str) -> str:
    """ "j…@example.com", "+44 …0958", "visa …1111": never the whole value."""
    if kind == "email":
        if "@" not in value:  # name [at] example [dot] com
            value = re.sub(r"\s*[\[(]\s*dot\s*[\])]\s*", ".", value, flags=re.IGNORECASE)
            value = re.sub(r"\s*[\[(]\s*at\s*[\])]\s*", "@", value, flags=re.IGNORECASE)
        local, _, domain = value.partition("@")
        return f"{local[:1] if len(local) > 2 else ''}…@{domain}"
    if kind == "iban":
        return f"{value[:2]}…{value[-2:]}"
    if kind == "ip-address":
        separator = ":" if ":" in value else "."
        return f"{value.split(separator)[0]}{separator}…"
    if kind == "street-address":
        return f"… {value.split()[-1]}"  # the street type: "… Street"
    digits = "".join(c for c in value if c.isdigit())
    if kind == "ssn":
        return f"…-{digits[-4:]}"
    if kind == "card-number":
        return f"{_card_brand(digits) or 'card'} …{digits[-4:]}"
    country = value[: value.find(" ")] if value.startswith("+") and " " in value else ""
    return f"{country + ' ' if country else ''}…{digits[-4:]}"


def _detect_personal(folded: str, groups: set[str]) -> list[_Found]:
    """The personal data in one folded text, for the kinds its prefilter matched."""
    found: list[_Found] = []
    if "email" in groups:
        found.extend(_find_emails(folded))
    if "card-number" in groups or "phone" in groups:
        runs = [match.span() for match in _DIGIT_RUN_RE.finditer(folded)]
        if "card-number" in groups:
            found.extend(_find_cards(folded, runs))
        if "phone" in groups:
            found.extend(_find_phones(folded, runs))
    if "ssn" in groups:
        found.extend(find_ssns(folded))
    if "iban" in groups:
        found.extend(find_ibans(folded))
    if "ip-address" in groups:
        found.extend(find_ip_addresses(folded))
    if "street-address" in groups:
        found.extend(find_street_addresses(folded))
    return _resolve(found)


def find_personal_data(
    texts: pl.Series, kinds: frozenset[str] = PERSONAL_KINDS
) -> dict[int, list[Hit]]:
    """Find e-mail addresses, phone numbers, payment card numbers, SSNs, IBANs, IP
    addresses and street addresses in texts.

    E-mail addresses by an RFC-ish regex (also "name [at] domain [dot] com"); phone numbers by
    libphonenumber (valid numbers only; without a country code they are read as US numbers and
    must be grouped like one, or be said to be a phone); card numbers are 13-19 digits,
    Luhn-valid, with a known IIN prefix (Visa, Mastercard, Amex, Discover, JCB).

    Args:
        texts: One text per row (nulls are skipped).
        kinds: The kinds to look for: any of "email", "phone", "card-number", "ssn",
            "iban", "ip-address", "street-address".

    Returns:
        Row index -> hits sorted by start, only for rows with at least one hit.

    Raises:
        ValueError: If `kinds` names an unknown kind.
    """
    unknown = set(kinds) - PERSONAL_KINDS
    if unknown:
        raise ValueError(f"unknown personal data kinds: {sorted(unknown)}")
    groups = {kind: _PERSONAL_PREFILTERS[kind] for kind in sorted(kinds)}
    if not groups:
        return {}
    return _run(texts, groups, _detect_personal, _personal_preview)
