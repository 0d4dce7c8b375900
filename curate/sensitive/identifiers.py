"""National and bank identifiers and network addresses: US social security numbers, IBANs,
IP addresses. Each is checked for its structure, not only its shape, so that order numbers,
dates, versions and invoice numbers of ordinary support text are not flagged:

- SSN: `123-45-6789` (dashes; spaces only after "SSN" or "social security"), with the
  structural rules of the Social Security Administration: no area 000, 666 or 900-999, no
  group 00, no serial 0000, and not one of the numbers published as examples (078-05-1120,
  219-09-9999).
- IBAN: two letters of a country that issues IBANs, two check digits, the country's length,
  and the ISO 13616 mod-97 checksum.
- IP address: IPv4 dotted quads and IPv6 addresses that Python's `ipaddress` parses and
  calls global (private, loopback, link-local and documentation ranges identify nobody), not
  inside a longer run of dots and digits (a version `1.2.3.4.5`), and not named a version
  or build or section just before (`version 1.2.3.4`, `clause 4.2.1.3`); a quad of one-digit
  parts only after a word such as "IP", "address", "server" or "from".
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterator

from curate.sensitive.hits import _Found

_SSN_CONTEXT_RE = re.compile(
    r"\b(?:ssn|social security|soc\.? sec\.?|taxpayer|tin)\b[^\n]{0,30}$", re.I
)
"""Before an SSN written with spaces (`536 22 1234`), which tables and codes also have."""
_SSN_RE = re.compile(
    r"(?<![0-9A-Za-z\-])([0-9]{3})([\- ])([0-9]{2})\2([0-9]{4})(?![0-9A-Za-z]|-[0-9])"
)
_SSN_EXAMPLES = frozenset({"078051120", "219099999", "123456789"})

# Lengths of the IBAN of each country that issues them (ISO 13616 registry).
IBAN_LENGTHS = {
    "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22,
    "BR": 29, "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "DO": 28,
    "EE": 20, "EG": 29, "ES": 24, "FI": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23,
    "GL": 18, "GR": 27, "GT": 28, "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IQ": 23, "IS": 26,
    "IT": 27, "JO": 30, "KW": 30, "KZ": 20, "LB": 28, "LC": 32, "LI": 21, "LT": 20, "LU": 20,
    "LV": 21, "MC": 27, "MD": 24, "ME": 22, "MK": 19, "MR": 27, "MT": 31, "MU": 30, "NL": 18,
    "NO": 15, "PK": 24, "PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22, "SA": 24,
    "SC": 31, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "ST": 25, "SV": 28, "TL": 23, "TN": 24,
    "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20,
}  # fmt: skip
_IBAN_RE = re.compile(r"(?<![A-Za-z0-9])([A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]){11,30})(?![A-Za-z0-9])")

_IPV4_RE = re.compile(r"(?<![0-9.])(?:[0-9]{1,3}\.){3}[0-9]{1,3}(?![0-9]|\.[0-9])")
_IPV6_RE = re.compile(
    r"(?<![0-9A-Za-z:])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?![0-9A-Za-z:])"
)
"""Candidates only: `ipaddress` decides (a time `10:30:45` is no address)."""

# Prefilters (polars regexes): where these shapes may be.
PRE_SSN = r"[0-9]{3}[\- ][0-9]{2}[\- ][0-9]{4}"
PRE_IBAN = r"[A-Z]{2}[0-9]{2} ?[A-Z0-9]{4}"
PRE_IP = r"[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}|[0-9A-Fa-f]{1,4}:[0-9A-Fa-f]{0,4}:"


def find_ssns(text: str) -> Iterator[_Found]:
    for match in _SSN_RE.finditer(text):
        area, separator, group, serial = match.groups()
        if separator == " " and not _SSN_CONTEXT_RE.search(
            text, max(0, match.start() - 40), match.start()
        ):
            continue
        digits = area + group + serial
        if (
            area in ("000", "666")
            or area.startswith("9")
            or group == "00"
            or serial == "0000"
            or digits in _SSN_EXAMPLES
        ):
            continue
        yield _Found("ssn", match.start(), match.end(), digits, 1)


def iban_valid(compact: str) -> bool:
    """The country's length and the ISO 13616 mod-97 check of an IBAN without spaces."""
    if IBAN_LENGTHS.get(compact[:2]) != len(compact):
        return False
    moved = compact[4:] + compact[:4]
    number = "".join(str(int(char, 36)) for char in moved)
    return int(number) % 97 == 1


def find_ibans(text: str) -> Iterator[_Found]:
    for match in _IBAN_RE.finditer(text):
        raw = match.group(1)
        compact = raw.replace(" ", "")
        # The longest prefix that is a valid IBAN: a sentence may go on after it.
        for size in range(len(compact), 14, -1):
            if iban_valid(compact[:size]):
                end = match.start(1)
                taken = 0
                while taken < size:  # map the compact length back onto the spaced text
                    taken += text[end] != " "
                    end += 1
                yield _Found("iban", match.start(1), end, compact[:size], 0)
                break


_VERSION_BEFORE_RE = re.compile(
    r"(?:\bv|\bversion|\bver\.?|\bbuild|\brelease|\bfirmware|\bupdate|\bapp|\bclause|\bsection"
    r"|\bchapter|\bstep|\bfigure|\btable|\bitem|\brule|\bart\.?|\barticle|§)\s*[:#]?\s*$",
    re.IGNORECASE,
)
_IP_CONTEXT_RE = re.compile(
    r"\b(?:ip|ips|ipv4|ipv6|address|addr|server|host|from|connect\w*|login|logged|blocked"
    r"|allow\w*|whitelist\w*|firewall|vpn|proxy|ping|dns|gateway|router)\b[^\n]{0,30}$",
    re.IGNORECASE,
)


def find_ip_addresses(text: str) -> Iterator[_Found]:
    for pattern in (_IPV4_RE, _IPV6_RE):
        for match in pattern.finditer(text):
            if _VERSION_BEFORE_RE.search(text, max(0, match.start() - 20), match.start()):
                continue
            value = match.group()
            if pattern is _IPV6_RE and (
                value.count(":") < 3 or not any(char.isdigit() for char in value)
            ):
                continue  # `db::add`, `ab::cd`: code, not an address
            try:
                address = ipaddress.ip_address(value)
            except ValueError:
                continue
            small = pattern is _IPV4_RE and all(int(part) < 10 for part in value.split("."))
            if small and not _IP_CONTEXT_RE.search(text, max(0, match.start() - 45), match.start()):
                continue  # `4.2.1.3`: a section number unless said to be an address
            if address.is_global:
                yield _Found("ip-address", match.start(), match.end(), match.group(), 2)
