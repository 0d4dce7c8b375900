"""Recall and false alarms of the personal-data detector (LEAK006), per kind.

    python benchmarks/pii_precision.py [--n 300] [--seed 0]

Planted: `--n` values of each kind, generated at random (not the examples the detectors
were written against), each in one of several support-ticket sentences. Recall is the share
found with the right kind. False alarms: a set of look-alikes that are not personal data
(order, invoice, tracking and SKU numbers, dates, times, versions, prices, ISBNs, UUIDs,
private and documentation IP addresses, Luhn-invalid 16-digit runs, SSNs with area 000/666/9xx,
IBANs with a wrong checksum, numbered names with a street type that are no address), and
every input and output of the two samples (records
planted there as personal data left out): any find in them is a false alarm.
"""

from __future__ import annotations

import argparse
import json
import random
import string
from collections import Counter
from pathlib import Path

import polars as pl

from curate.sensitive import find_personal_data
from curate.sensitive.identifiers import IBAN_LENGTHS

ROOT = Path(__file__).resolve().parents[1]
SENTENCES = [
    "You can reach me at {} any time.",
    "My details: {}.",
    "Please update the account to {} before Friday",
    "({}) was what I gave the agent last week",
    "Hi, it's Dana again, {} - thanks!",
]


def luhn_complete(prefix: str, size: int, rng: random.Random) -> str:
    body = prefix + "".join(rng.choice(string.digits) for _ in range(size - len(prefix) - 1))
    for check in string.digits:
        digits = body + check
        total = sum(
            (int(c) * 2 - 9 if int(c) > 4 else int(c) * 2) if i % 2 else int(c)
            for i, c in enumerate(reversed(digits))
        )
        if total % 10 == 0:
            return digits
    raise AssertionError


def iban(country: str, rng: random.Random) -> str:
    body = "".join(rng.choice(string.digits) for _ in range(IBAN_LENGTHS[country] - 4))
    number = int("".join(str(int(c, 36)) for c in body + country + "00"))
    compact = f"{country}{98 - number % 97:02d}{body}"
    return " ".join(compact[i : i + 4] for i in range(0, len(compact), 4))


def planted(kind: str, rng: random.Random) -> str:
    if kind == "email":
        user = rng.choice(["dana", "j.smith", "mike_88", "a.b-c", "sara.o"]) + str(
            rng.randint(1, 999)
        )
        return f"{user}@{rng.choice(['gmail.com', 'example.org', 'mail.co.uk', 'firma.de'])}"
    if kind == "phone":
        area, exchange = rng.randint(200, 989), rng.randint(200, 999)
        return rng.choice([
            f"({area}) {exchange}-{rng.randint(0, 9999):04d}",
            f"+1 {area} {exchange} {rng.randint(0, 9999):04d}",
            f"+44 20 {rng.randint(7000, 8999)} {rng.randint(0, 9999):04d}",
            f"+49 30 {rng.randint(100000, 999999)}",
            "+33 1 " + " ".join(str(rng.randint(10, 99)) for _ in range(4)),
            f"+91 {rng.randint(70000, 99999)} {rng.randint(10000, 99999)}",
            f"({rng.randint(100, 199)}) 555-{rng.randint(100, 199):04d}",  # unassigned area code
        ])  # fmt: skip
    if kind == "card-number":
        digits = rng.choice([
            luhn_complete("4", 16, rng), luhn_complete("51", 16, rng),
            luhn_complete("37", 15, rng), luhn_complete("6011", 16, rng),
        ])  # fmt: skip
        return " ".join(digits[i : i + 4] for i in range(0, len(digits), 4))
    if kind == "ssn":
        area = rng.choice([n for n in range(1, 900) if n != 666])
        return f"{area:03d}-{rng.randint(1, 99):02d}-{rng.randint(1, 9999):04d}"
    if kind == "iban":
        return iban(rng.choice(["GB", "DE", "FR", "NL", "ES", "IT", "BE"]), rng)
    if kind == "street-address":
        return street_address(rng)
    while True:
        if rng.random() < 0.7:
            address = ".".join(str(rng.randint(1, 223)) for _ in range(4))
        else:
            address = "2a00:" + ":".join(f"{rng.randint(0, 65535):x}" for _ in range(7))
        import ipaddress

        if ipaddress.ip_address(address).is_global:
            return address


STREET_NAMES = [
    "Evergreen",
    "Maple",
    "Baker",
    "Oak",
    "Cedar Hill",
    "Pennsylvania",
    "Elm",
    "Sunset",
    "Lake Shore",
    "42nd",
    "Church",
    "High",
    "Victoria",
    "Mill Pond",
]
STREET_TYPES = [
    "Street",
    "St",
    "Avenue",
    "Ave",
    "Road",
    "Rd",
    "Lane",
    "Drive",
    "Dr.",
    "Court",
    "Boulevard",
    "Way",
    "Terrace",
    "Place",
]
CITIES = [("Springfield", "IL", "62704"), ("Portland", "OR", "97205"), ("Austin", "TX", "78701"),
          ("Denver", "CO", "80202")]  # fmt: skip


def street_address(rng: random.Random) -> str:
    """A street line and, as most written addresses have, what follows it: a unit, a city,
    a state and ZIP; one in five is the street line alone."""
    line = f"{rng.randint(1, 9999)} {rng.choice(STREET_NAMES)} {rng.choice(STREET_TYPES)}"
    city, state, zip_code = rng.choice(CITIES)
    return rng.choice([
        f"{line}, {city}, {state} {zip_code}", f"{line}, {city}",
        f"{line} Apt {rng.randint(1, 40)}",
        f"{line}, Suite {rng.randint(100, 900)}, {city} {state} {zip_code}", line,
    ])  # fmt: skip


LOOK_ALIKES = [
    "Order FW-{} shipped", "invoice 2026-{:06d}", "tracking 1Z999AA1{:08d}",
    "SKU 4521-889-{:04d}", "on 2026-11-{:02d} at 10:30:45", "version 1.{}.3.4",
    "total $1,{:03d}.56", "ISBN 978-3-16-14{:04d}-0", "ticket #{:07d}", "ref 0000-{:04d}-0000-0000",
    "call back after {}:30", "from 192.168.{}.7", "docs at 203.0.113.{}",
    "ssn-like 000-{:02d}-1234", "666-12-{:04d}", "IBAN GB00 WEST 1234 5698 7654 {:02d}",
    "uuid 123e4567-e89b-12d3-a456-{:012d}", "zip 9{:04d}", "qty {} units of 12-pack",
    "room 4{:02d}-12", "build 20.1.{}.2",
    "the {} Park Avenue stores are closed", "we stock {} Oak Grove tables", "Route 6{} Diner",
    "Chapter {} Court filing", "about {} Main Street shops", "Top {} Road Trips of 2026",
    "Season {} Ocean Drive episode", "I waited {} days on Main Street",
    "we stock {} Oak Grove tables, SKU 48213 and 48214",
]  # fmt: skip


def luhn_invalid(rng: random.Random) -> str:
    """A Visa-shaped 16-digit number whose checksum is wrong."""
    digits = luhn_complete("4", 16, rng)
    wrong = digits[:-1] + str((int(digits[-1]) + rng.randint(1, 9)) % 10)
    return "card " + " ".join(wrong[i : i + 4] for i in range(0, 16, 4))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    kinds = ["email", "phone", "card-number", "ssn", "iban", "ip-address", "street-address"]
    print(f"recall on {args.n} planted values of each kind:")
    for kind in kinds:
        texts = [rng.choice(SENTENCES).format(planted(kind, rng)) for _ in range(args.n)]
        hits = find_personal_data(pl.Series(texts))
        found = sum(any(h.kind == kind for h in hits.get(i, [])) for i in range(len(texts)))
        print(f"  {kind:14} {found:4} / {args.n}  {found / args.n:6.1%}")
    negatives = [t.format(rng.randint(1, 99)) for t in LOOK_ALIKES for _ in range(20)]
    negatives += [luhn_invalid(rng) for _ in range(20)]
    alarms = find_personal_data(pl.Series(negatives))
    kinds_hit = Counter(h.kind for hits in alarms.values() for h in hits)
    print(f"false alarms on {len(negatives)} look-alikes: {len(alarms)} ({dict(kinds_hit)})")
    texts = []
    for sample in ("support_tickets.jsonl", "demo/tickets.jsonl"):
        path = ROOT / "samples" / sample
        planted_ids = {
            rid for p in json.loads(path.with_name("planted.json").read_text())
            if p["kind"] in ("email", "secret") for rid in p["ids"]
        }  # fmt: skip
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            if record.get("id") not in planted_ids:
                texts += [record.get("input", ""), record.get("output", "")]
    alarms = find_personal_data(pl.Series(texts))
    kinds_hit = Counter(h.kind for hits in alarms.values() for h in hits)
    print(f"false alarms on the samples' {len(texts):,} texts: {len(alarms)} ({dict(kinds_hit)})")


if __name__ == "__main__":
    main()
