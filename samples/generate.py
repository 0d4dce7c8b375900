"""Generate the curate sample datasets for Fernwood Supply Co., a fictional outdoor-goods store.

Run ``python samples/generate.py`` from anywhere: it rewrites every sample file next to itself.

* ``support_tickets.jsonl``: the main input/output dataset, with a small documented set of
  planted problems (duplicates, near duplicates, a conflict, a leaked secret, a personal email,
  non-English records, an empty reply and an over-long reply).
* ``alpaca.jsonl``, ``sharegpt.json``, ``chat_messages.jsonl``, ``prompt_completion.csv``:
  small samples of the other record shapes, all ordinary.
* ``planted.json``: the planted problems, machine-readable, for tests.
* ``README.md``: what each file holds, with the numbers this run produced.

Tickets are built combinatorially from scenarios, phrasing variants, optional sentences and
slot values (names, products, order numbers, dates, amounts). Those tables live as JSON in
``generator_data/`` beside this file (catalog, slot values, brand voice, warranty terms, the
other shapes' prompts, and one file per category under ``scenarios/``) and are loaded at
start-up; this file holds the logic and the settings. A candidate is rejected when it is too
similar to an accepted one, and a final check over every pair of ordinary records fails loudly
if a near duplicate slipped through. Standard library only; the seed is fixed, so two runs
write byte-identical files.
"""

from __future__ import annotations

import csv
import json
import math
import random
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

SEED = 20260214
OUT_DIR = Path(__file__).resolve().parent

BRAND = "Fernwood Supply Co."
SIGN_OFF = "— Sam, Fernwood Support"

# Pairwise limits on word 3-gram Jaccard similarity between ordinary records (the guarantee),
# and the stricter limits used while sampling so the guarantee holds with room to spare.
LIMITS = {"combined": 0.30, "input": 0.35, "output": 0.45}
SAMPLING_LIMITS = {"combined": 0.25, "input": 0.29, "output": 0.37}
INPUT_WORDS = (15, 150)
OUTPUT_WORDS = (40, 200)

CATEGORY_TARGETS = {
    "shipping_delivery": 118,
    "billing": 94,
    "returns_exchanges": 84,
    "refunds": 70,
    "order_changes": 62,
    "product_question": 58,
    "technical_issue": 54,
    "subscription": 44,
    "account_access": 26,
    "feedback": 20,
}
CATEGORY_LABELS = {
    "shipping_delivery": "Shipping & delivery",
    "billing": "Billing & payments",
    "returns_exchanges": "Returns & exchanges",
    "refunds": "Refunds",
    "order_changes": "Change an order",
    "product_question": "Product question",
    "technical_issue": "Website or device problem",
    "subscription": "Fernwood Plus",
    "account_access": "Account & sign-in",
    "feedback": "Feedback",
}
CHANNELS = (("email", 0.42), ("chat", 0.34), ("web_form", 0.24))
NAME_KNOWN = {"email": 0.85, "chat": 0.6, "web_form": 0.7}
START = datetime(2026, 1, 5, 7, 0, 0, tzinfo=UTC)
SPAN_DAYS = 174

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
MONTHS_ES = (
    "enero", "febrero", "marzo", "abril", "mayo", "junio",
    "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre",
)  # fmt: skip


# --- data tables -------------------------------------------------------------------------------

DATA_DIR = OUT_DIR / "generator_data"
"""The literal tables (catalog, slot values, scenarios, phrasings, terms, prompts), in JSON."""


def frozen(value: Any) -> Any:
    """JSON lists as tuples, recursively: the tables are read-only and used as tuples."""
    if isinstance(value, list):
        return tuple(frozen(item) for item in value)
    if isinstance(value, dict):
        return {key: frozen(item) for key, item in value.items()}
    return value


def load_data(name: str) -> Any:
    """One file of DATA_DIR, with every JSON list turned into a tuple."""
    path = DATA_DIR / name
    if not path.is_file():
        raise SystemExit(f"{path} is missing: the generator reads its tables from {DATA_DIR}")
    return frozen(json.loads(path.read_text(encoding="utf-8")))


# --- catalog -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Product:
    """One catalog item; the text fields are written to slot into the reply templates."""

    name: str
    short: str
    price: float
    tags: frozenset[str]
    material: str
    dims: str
    weight: str
    care: str
    warranty: str
    spec: str
    defect: str
    assembly: str = ""
    weather: str = ""


def _product(entry: dict[str, Any]) -> Product:
    """A catalog entry; "assembly" and "weather" join its tags when those texts are given."""
    found = set(entry["tags"])
    found |= {key for key in ("assembly", "weather") if entry.get(key)}
    return Product(**{**entry, "tags": frozenset(found)})


CATALOG = load_data("catalog.json")
PRODUCTS = tuple(_product(entry) for entry in CATALOG["products"])
PRODUCT_BY_SHORT = {p.short: p for p in PRODUCTS}
COMPARE_PAIRS: tuple[tuple[str, str, str], ...] = CATALOG["compare_pairs"]


# --- people, places and other slot values -------------------------------------------------------

SLOT_VALUES = load_data("slot_values.json")
FIRST_NAMES: tuple[str, ...] = SLOT_VALUES["first_names"]
LAST_NAMES: tuple[str, ...] = SLOT_VALUES["last_names"]
CITIES: tuple[tuple[str, float], ...] = SLOT_VALUES["cities"]
COUNTRIES: tuple[str, ...] = SLOT_VALUES["countries"]
CARRIERS: tuple[str, ...] = SLOT_VALUES["carriers"]
RELATIONS: tuple[str, ...] = SLOT_VALUES["relations"]
RECENT: tuple[str, ...] = SLOT_VALUES["recent"]
COLORS: tuple[str, ...] = SLOT_VALUES["colors"]
SIZES: tuple[str, ...] = SLOT_VALUES["sizes"]
PROMOS: tuple[tuple[str, int], ...] = SLOT_VALUES["promos"]
COMPANIES: tuple[str, ...] = SLOT_VALUES["companies"]
DAMAGE: tuple[str, ...] = SLOT_VALUES["damage"]
REASONS: tuple[str, ...] = SLOT_VALUES["reasons"]
DECLINES: tuple[str, ...] = SLOT_VALUES["declines"]
CHECKOUT_ERRORS: tuple[str, ...] = SLOT_VALUES["checkout_errors"]
WIFI_ERRORS: tuple[str, ...] = SLOT_VALUES["wifi_errors"]
ERROR_CODES: tuple[str, ...] = SLOT_VALUES["error_codes"]
DEVICES: tuple[str, ...] = SLOT_VALUES["devices"]
APP_VERSIONS: tuple[str, ...] = SLOT_VALUES["app_versions"]
APP_SCREENS: tuple[str, ...] = SLOT_VALUES["app_screens"]
BROWSERS: tuple[str, ...] = SLOT_VALUES["browsers"]
COLLEAGUES: tuple[str, ...] = SLOT_VALUES["colleagues"]
USE_CASES: tuple[str, ...] = SLOT_VALUES["use_cases"]
TYPOS: tuple[tuple[str, str], ...] = SLOT_VALUES["typos"]


# --- scenarios ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scenario:
    """One kind of ticket: input sentence variants and the reply steps that resolve it.

    `details` are optional customer sentences, each paired with the reply sentence that answers
    it ("" when no answer is needed). Each entry of `steps` is one reply slot with its phrasing
    variants; a "" variant means the slot may be left out.
    """

    category: str
    key: str
    mood: str
    summary: str
    problems: tuple[str, ...]
    details: tuple[tuple[str, str], ...]
    asks: tuple[str, ...]
    steps: tuple[tuple[str, ...], ...]
    products: str = "any"


SCENARIOS_BY_CATEGORY = {
    category: tuple(Scenario(category, **row) for row in load_data(f"scenarios/{category}.json"))
    for category in CATEGORY_TARGETS
}
SCENARIOS = tuple(s for scenarios in SCENARIOS_BY_CATEGORY.values() for s in scenarios)


# --- brand voice -------------------------------------------------------------------------------

BRAND_VOICE = load_data("brand_voice.json")
ACKS: dict[str, tuple[str, ...]] = BRAND_VOICE["acks"]
CLOSINGS: tuple[str, ...] = BRAND_VOICE["closings"]
MOOD_CLOSINGS: dict[str, tuple[str, ...]] = BRAND_VOICE["mood_closings"]
EXTRAS: tuple[str, ...] = BRAND_VOICE["extras"]
CONTEXTS: dict[str, tuple[tuple[str, str], ...]] = BRAND_VOICE["contexts"]
BACKSTORIES: dict[str, tuple[tuple[str, str], ...]] = BRAND_VOICE["backstories"]
EMAIL_OPENERS: tuple[str, ...] = BRAND_VOICE["email_openers"]
EMAIL_CLOSERS: tuple[str, ...] = BRAND_VOICE["email_closers"]
CHAT_INTROS: tuple[str, ...] = BRAND_VOICE["chat_intros"]
CHAT_GREETINGS: tuple[str, ...] = BRAND_VOICE["chat_greetings"]
WEB_SIGNATURES: tuple[str, ...] = BRAND_VOICE["web_signatures"]


# --- slot values ---------------------------------------------------------------------------------


def pick(rng: random.Random, options: Sequence[str]) -> str:
    """One option, chosen by index so the draw depends only on the seed."""
    return options[rng.randrange(len(options))]


def money(value: float) -> str:
    return f"${value:,.2f}"


def day(value: datetime) -> str:
    return f"{MONTHS[value.month - 1]} {value.day}"


def capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


def products_for(tag: str) -> list[Product]:
    """The catalog items a scenario may mention."""
    if tag == "any":
        return list(PRODUCTS)
    if tag == "nonfreight":
        return [p for p in PRODUCTS if "freight" not in p.tags]
    if tag == "hard":
        return [p for p in PRODUCTS if "soft" not in p.tags]
    if tag == "over75":
        return [p for p in PRODUCTS if p.price >= 75]
    found = [p for p in PRODUCTS if tag in p.tags]
    if not found:
        raise SystemExit(f"no product has the tag {tag!r}")
    return found


def choose_products(rng: random.Random, scenario: Scenario) -> tuple[Product, Product, str]:
    """The main product, a second one (exchanges, comparisons) and comparison advice."""
    if scenario.products == "compare":
        first, second, advice = COMPARE_PAIRS[rng.randrange(len(COMPARE_PAIRS))]
        one, two = PRODUCT_BY_SHORT[first], PRODUCT_BY_SHORT[second]
        if rng.random() < 0.5:
            one, two = two, one
        return one, two, advice
    pool = products_for(scenario.products)
    product = pool[rng.randrange(len(pool))]
    others = [p for p in PRODUCTS if p is not product and "freight" not in p.tags]
    return product, others[rng.randrange(len(others))], ""


def product_slots(product: Product, suffix: str = "") -> dict[str, str]:
    return {
        f"product{suffix}": product.name,
        f"short{suffix}": product.short,
        f"price{suffix}": money(product.price),
        f"material{suffix}": product.material,
        f"weight{suffix}": product.weight,
    }


def date_slots(rng: random.Random, created: datetime) -> dict[str, str]:
    """Dates consistent with the ticket's own timestamp (orders before it, promises after)."""

    def after(low: int, high: int) -> datetime:
        return created + timedelta(days=rng.randint(low, high))

    def before(low: int, high: int) -> datetime:
        return created - timedelta(days=rng.randint(low, high))

    ordered = before(9, 20)
    shipped = ordered + timedelta(days=1)
    stuck = shipped + timedelta(days=rng.randint(1, 2))
    delivered = ordered + timedelta(days=rng.randint(3, 5))
    event = after(12, 24)
    old_delivered = before(38, 60)
    dropped = before(10, 16)
    months_used = rng.randint(2, 10)
    return {
        "order_date": day(ordered),
        "ship_date": day(shipped),
        "stuck_date": day(stuck),
        "stuck_days": str((created - stuck).days),
        "ship_days": str((created - shipped).days),
        "promised": day(ordered + timedelta(days=6)),
        "delivered": day(delivered),
        "return_by": day(delivered + timedelta(days=30)),
        "new_eta": day(after(2, 6)),
        "ship_by": day(after(1, 2)),
        "event_date": day(event),
        "order_by": day(event - timedelta(days=8)),
        "hold_until": day(after(7, 21)),
        "pause_until": day(after(30, 90)),
        "hold_days": str(rng.randint(4, 9)),
        "hold_clear": day(created + timedelta(days=7)),
        "old_delivered": day(old_delivered),
        "late_days": str((created - old_delivered).days),
        "window_closed": day(old_delivered + timedelta(days=30)),
        "return_drop": day(dropped),
        "return_scan": day(dropped + timedelta(days=rng.randint(3, 5))),
        "refund_date": day(before(3, 7)),
        "refund_by": day(created + timedelta(days=7)),
        "purchase_date": day(before(2, 10)),
        "renewal_date": day(before(1, 4)),
        "next_renewal": day(after(5, 28)),
        "grace_until": day(created + timedelta(days=7)),
        "trial_end": day(before(1, 3)),
        "restock_date": day(after(10, 35)),
        "months_used": str(months_used),
        "month_bought": MONTHS[(created - timedelta(days=30 * months_used)).month - 1],
    }


def money_slots(rng: random.Random, product: Product, second: Product) -> dict[str, str]:
    """Amounts derived from the catalog price, so every figure in a ticket adds up."""
    price = product.price
    promo, percent = PROMOS[rng.randrange(len(PROMOS))]
    drop = (0.15, 0.2, 0.25)[rng.randrange(3)]
    new_price = math.floor(price * (1 - drop)) + 0.99 - 1
    city, rate = CITIES[rng.randrange(len(CITIES))]
    cards = [amount for amount in (25, 50, 75, 100) if amount <= price]
    plan = "monthly" if rng.random() < 0.6 else "annual"
    if price < 60:
        intl_fee = 18.0
    elif price < 150:
        intl_fee = 29.0
    else:
        intl_fee = 45.0
    if price >= 75:
        ship_note = f"Because the {product.short} is over $75, standard shipping is free anyway."
    else:
        ship_note = "Orders under $75 have a flat $6.95 shipping fee unless you're a Plus member."
    return {
        "total": money(price),
        "total_both": money(price + second.price),
        "new_price": money(new_price),
        "diff": money(price - new_price),
        "promo": promo,
        "promo_pct": f"{percent}%",
        "promo_saving": money(price * percent / 100),
        "refund_disc": money(price * (100 - percent) / 100),
        "refund_amount": money(price - 6.95),
        "plus_saving": money(price * 0.1),
        "city": city,
        "tax_rate": f"{rate * 100:.3g}%",
        "tax_amount": money(price * rate),
        "gc_amount": money(cards[rng.randrange(len(cards))]),
        "plan": plan,
        "plan_price": "$8.99" if plan == "monthly" else "$89.00",
        "intl_fee": money(intl_fee),
        "ship_note": ship_note,
    }


def make_context(rng: random.Random, scenario: Scenario, created: datetime) -> dict[str, str]:
    """Every slot a template may use, drawn fresh for one ticket."""
    product, second, advice = choose_products(rng, scenario)
    first, last = pick(rng, FIRST_NAMES), pick(rng, LAST_NAMES)
    colors = rng.sample(COLORS, 2)
    size_index = rng.randrange(len(SIZES) - 1)
    smaller = rng.random() < 0.5
    damage = pick(rng, DAMAGE)
    ctx = {
        "name": first,
        "full": f"{first} {last}",
        "initial": last[0],
        "order": f"FW-{rng.randint(100000, 999999)}",
        "order2": f"FW-{rng.randint(100000, 999999)}",
        **product_slots(product),
        **product_slots(second, "2"),
        "dims": product.dims,
        "care": product.care,
        "warranty": product.warranty,
        "spec": product.spec,
        "defect": product.defect,
        "defect_cap": capitalized(product.defect),
        "assembly": product.assembly,
        "weather": product.weather,
        "advice": advice,
        "credit": pick(rng, ("$10", "$15", "$20", "$25")),
        "last4": f"{rng.randint(0, 9999):04d}",
        "rma": f"R-{rng.randint(10000, 99999)}",
        "tail": f"{rng.randint(0, 9999):04d}",
        "carrier": pick(rng, CARRIERS),
        "country": pick(rng, COUNTRIES),
        "company": pick(rng, COMPANIES),
        "color": colors[0],
        "color2": colors[1],
        "size": SIZES[size_index + 1] if smaller else SIZES[size_index],
        "size2": SIZES[size_index] if smaller else SIZES[size_index + 1],
        "fit": pick(rng, ("big", "loose")) if smaller else pick(rng, ("small", "tight")),
        "relation": pick(rng, RELATIONS),
        "recent": pick(rng, RECENT),
        "damage": damage,
        "damage_cap": capitalized(damage),
        "reason": pick(rng, REASONS),
        "decline_msg": pick(rng, DECLINES),
        "checkout_err": pick(rng, CHECKOUT_ERRORS),
        "wifi_err": pick(rng, WIFI_ERRORS),
        "err_code": pick(rng, ERROR_CODES),
        "device": pick(rng, DEVICES),
        "app_version": pick(rng, APP_VERSIONS),
        "app_screen": pick(rng, APP_SCREENS),
        "browser": pick(rng, BROWSERS),
        "colleague": pick(rng, COLLEAGUES),
        "use_case": pick(rng, USE_CASES),
        **date_slots(rng, created),
        **money_slots(rng, product, second),
    }
    return ctx


def fill(template: str, ctx: dict[str, str]) -> str:
    """Fill a template; fail loudly on an unknown slot or a brace left behind."""
    text = template.format_map(ctx)
    if "{" in text or "}" in text:
        raise SystemExit(f"unfilled template: {template!r}")
    return text


# --- one ticket ---------------------------------------------------------------------------------


@dataclass
class Ticket:
    """A generated ticket plus what was used to build it (kept for the planted variants)."""

    input: str
    output: str
    category: str
    channel: str
    created: datetime
    scenario: str
    summary: str
    ctx: dict[str, str] = field(repr=False)
    known: bool = True
    id: str = ""

    def row(self) -> dict[str, str]:
        return {
            "id": self.id,
            "input": self.input,
            "output": self.output,
            "category": self.category,
            "channel": self.channel,
            "created_at": self.created.strftime("%Y-%m-%dT%H:%M:%SZ"),
        }


@dataclass
class Draft:
    """The customer's sentences and the reply sentences that answer them."""

    body: str
    detail_replies: list[str]
    opening_replies: list[str]


def maybe(
    rng: random.Random, options: Sequence[tuple[str, str]], chance: float
) -> tuple[str, str] | None:
    return options[rng.randrange(len(options))] if options and rng.random() < chance else None


def draft_message(
    rng: random.Random, scenario: Scenario, ctx: dict[str, str], channel: str
) -> Draft:
    """Problem, optional details, context and backstory, and the ask, in a varied order."""
    counts = {"chat": (0, 1, 1), "web_form": (0, 1, 1, 2, 2), "email": (1, 2, 2, 3)}[channel]
    details = rng.sample(scenario.details, min(rng.choice(counts), len(scenario.details)))
    context = maybe(rng, CONTEXTS.get(scenario.mood, ()), 0.3)
    backstory = maybe(rng, BACKSTORIES.get(scenario.mood, ()), 0.45 if channel == "email" else 0)
    middle = [text for text, _ in details] + ([context[0]] if context else [])
    rng.shuffle(middle)
    ask = pick(rng, scenario.asks)
    head = [pick(rng, scenario.problems)] + ([backstory[0]] if backstory else [])
    sentences = [*head, ask, *middle] if rng.random() < 0.25 else [*head, *middle, ask]
    body = " ".join(fill(s, ctx) for s in sentences)
    replies = [fill(reply, ctx) for _, reply in details if reply]
    opening = [fill(extra[1], ctx) for extra in (context, backstory) if extra and extra[1]]
    return Draft(body, replies, opening)


def add_typo(rng: random.Random, text: str) -> str:
    """Misspell one common word, the way customers do."""
    present = [(old, new) for old, new in TYPOS if re.search(rf"\b{old}\b", text)]
    if not present:
        return text
    old, new = present[rng.randrange(len(present))]
    return re.sub(rf"\b{old}\b", new, text, count=1)


def wrap_email(rng: random.Random, body: str, ctx: dict[str, str], known: bool) -> str:
    parts = [pick(rng, EMAIL_OPENERS)] if rng.random() < 0.8 else []
    parts.append(body)
    closer = pick(rng, EMAIL_CLOSERS)
    if known:
        parts.append(closer + "\n" + (ctx["name"] if rng.random() < 0.6 else ctx["full"]))
    elif rng.random() < 0.5:
        parts.append(closer)
    return "\n\n".join(parts)


def wrap_chat(rng: random.Random, body: str, ctx: dict[str, str], known: bool) -> str:
    if known:
        return fill(pick(rng, CHAT_INTROS), ctx) + " " + body
    if rng.random() < 0.4:
        return pick(rng, CHAT_GREETINGS) + " " + body
    return body[:1].lower() + body[1:] if rng.random() < 0.4 else body


def wrap_web_form(
    rng: random.Random, body: str, ctx: dict[str, str], known: bool, category: str
) -> str:
    text = body
    if rng.random() < 0.5:
        text = f"Topic: {CATEGORY_LABELS[category]}\n\n{body}"
    if known:
        text += "\n\n" + fill(pick(rng, WEB_SIGNATURES), ctx)
    return text


def compose_reply(
    rng: random.Random, scenario: Scenario, ctx: dict[str, str], draft: Draft, known: bool
) -> str:
    """Greeting, acknowledgement, the scenario's steps with the detail answers, sign-off."""
    greeting = f"Hi {ctx['name']}," if known else "Hi there,"
    opening = [pick(rng, ACKS[scenario.mood]), *draft.opening_replies]
    steps = [fill(s, ctx) for s in (pick(rng, slot) for slot in scenario.steps) if s]
    where = min(len(steps), rng.choice((0, 1, 1, 2)))
    steps[where:where] = draft.detail_replies
    closing = []
    if scenario.mood in ("problem", "request") and rng.random() < 0.2:
        closing.append(pick(rng, EXTRAS))
    closing.append(pick(rng, CLOSINGS + MOOD_CLOSINGS[scenario.mood]))
    if rng.random() < 0.5:
        paragraphs = [" ".join(opening + steps), " ".join(closing)]
    else:
        paragraphs = [" ".join(opening), " ".join(steps), " ".join(closing)]
    return "\n\n".join([greeting, *paragraphs, SIGN_OFF])


def pick_channel(rng: random.Random) -> str:
    roll = rng.random()
    for channel, share in CHANNELS:
        if roll < share:
            return channel
        roll -= share
    return CHANNELS[-1][0]


def build_ticket(rng: random.Random, scenario: Scenario, created: datetime) -> Ticket:
    """One ordinary ticket for a scenario, timestamped `created`."""
    channel = pick_channel(rng)
    if channel == "chat":
        created = created.replace(hour=rng.randint(13, 23))
    ctx = make_context(rng, scenario, created)
    known = rng.random() < NAME_KNOWN[channel]
    draft = draft_message(rng, scenario, ctx, channel)
    body = draft.body
    if rng.random() < (0.35 if channel == "chat" else 0.12):
        body = add_typo(rng, body)
    if channel == "email":
        text = wrap_email(rng, body, ctx, known)
    elif channel == "chat":
        text = wrap_chat(rng, body, ctx, known)
    else:
        text = wrap_web_form(rng, body, ctx, known, scenario.category)
    ctx["who"] = ctx["name"] if known else "The customer"
    return Ticket(
        input=text,
        output=compose_reply(rng, scenario, ctx, draft, known),
        category=scenario.category,
        channel=channel,
        created=created,
        scenario=scenario.key,
        summary=fill(scenario.summary, ctx),
        ctx=ctx,
        known=known,
    )


# --- similarity ----------------------------------------------------------------------------------

WORD_RE = re.compile(r"\w+")


def word_count(text: str) -> int:
    return len(WORD_RE.findall(text))


def shingles(text: str) -> frozenset[str]:
    """Word 3-grams of the lowercased text."""
    words = WORD_RE.findall(text.lower())
    return frozenset(" ".join(words[i : i + 3]) for i in range(len(words) - 2))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def ticket_shingles(ticket: Ticket) -> dict[str, frozenset[str]]:
    return {
        "combined": shingles(ticket.input + " " + ticket.output),
        "input": shingles(ticket.input),
        "output": shingles(ticket.output),
    }


@dataclass
class ShingleIndex:
    """Inverted index from shingle to record number: exact Jaccard against every record."""

    sets: list[frozenset[str]] = field(default_factory=list)
    postings: dict[str, list[int]] = field(default_factory=dict)

    def closest(self, item: frozenset[str]) -> tuple[float, int]:
        """The highest Jaccard similarity to any indexed record, and that record's number."""
        counts: Counter[int] = Counter()
        for shingle in item:
            counts.update(self.postings.get(shingle, ()))
        best, best_index = 0.0, -1
        for index in sorted(counts):
            shared = counts[index]
            value = shared / (len(item) + len(self.sets[index]) - shared)
            if value > best:
                best, best_index = value, index
        return best, best_index

    def add(self, item: frozenset[str]) -> None:
        number = len(self.sets)
        self.sets.append(item)
        for shingle in item:
            self.postings.setdefault(shingle, []).append(number)


@dataclass
class SimilarityGuard:
    """One index per compared text (input, output, both); rejects candidates over the limits."""

    limits: dict[str, float]
    indexes: dict[str, ShingleIndex] = field(
        default_factory=lambda: {kind: ShingleIndex() for kind in LIMITS}
    )

    def accepts(self, ticket: Ticket) -> bool:
        sets = ticket_shingles(ticket)
        return all(
            self.indexes[kind].closest(sets[kind])[0] < limit for kind, limit in self.limits.items()
        )

    def add(self, ticket: Ticket) -> None:
        for kind, item in ticket_shingles(ticket).items():
            self.indexes[kind].add(item)


def random_time(rng: random.Random) -> datetime:
    return START + timedelta(seconds=rng.randrange(SPAN_DAYS * 86400))


def within_lengths(ticket: Ticket) -> bool:
    return (
        INPUT_WORDS[0] <= word_count(ticket.input) <= INPUT_WORDS[1]
        and OUTPUT_WORDS[0] <= word_count(ticket.output) <= OUTPUT_WORDS[1]
    )


def generate_pool(rng: random.Random, targets: dict[str, int]) -> list[Ticket]:
    """Ordinary tickets per category, each different enough from all the others; by time."""
    guard = SimilarityGuard(SAMPLING_LIMITS)
    tickets: list[Ticket] = []
    for category, target in targets.items():
        scenarios = SCENARIOS_BY_CATEGORY[category]
        made = attempts = 0
        while made < target:
            attempts += 1
            if attempts > 80 * target:
                raise SystemExit(f"{category}: only {made} of {target} distinct tickets")
            scenario = scenarios[rng.randrange(len(scenarios))]
            ticket = build_ticket(rng, scenario, random_time(rng))
            if within_lengths(ticket) and guard.accepts(ticket):
                guard.add(ticket)
                tickets.append(ticket)
                made += 1
    tickets.sort(key=lambda t: t.created)
    return tickets


# --- verification -------------------------------------------------------------------------------

FORBIDDEN = {
    "email address": re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+"),
    "url": re.compile(r"https?://|www\.", re.IGNORECASE),
    "phone number": re.compile(r"\+?\d[\d ().-]{8,}\d"),
    "card-like digits": re.compile(r"(?:\d[ -]?){13,19}"),
    "api key": re.compile(r"\b(?:sk|pk|rk)_(?:live|test)_|\bAKIA[0-9A-Z]{16}\b|\b\w{32,}\b"),
}
ALLOWED_NON_ASCII = frozenset("—–")


def check_text(ticket: Ticket) -> None:
    """Fail on anything in an ordinary ticket that a linter would rightly flag."""
    for name, text in (("input", ticket.input), ("output", ticket.output)):
        for what, pattern in FORBIDDEN.items():
            if match := pattern.search(text):
                raise SystemExit(f"{ticket.id} {name}: {what} {match.group()!r}")
        odd = sorted({c for c in text if ord(c) > 127 and c not in ALLOWED_NON_ASCII})
        if odd:
            raise SystemExit(f"{ticket.id} {name}: unexpected characters {odd}")
    if not within_lengths(ticket):
        raise SystemExit(f"{ticket.id}: input or output length out of range")


def verify_ordinary(tickets: list[Ticket]) -> dict[str, tuple[float, str, str]]:
    """Check every pair of ordinary tickets; return the highest Jaccard per text and its pair.

    Raises SystemExit naming the offending pair when any limit in LIMITS is reached.
    """
    outputs: dict[str, str] = {}
    for ticket in tickets:
        check_text(ticket)
        if ticket.output in outputs:
            raise SystemExit(f"identical outputs: {outputs[ticket.output]} and {ticket.id}")
        outputs[ticket.output] = ticket.id
    report: dict[str, tuple[float, str, str]] = {}
    for kind, limit in LIMITS.items():
        index = ShingleIndex()
        best = (0.0, "", "")
        for ticket in tickets:
            item = ticket_shingles(ticket)[kind]
            value, other = index.closest(item)
            if value >= limit:
                pair = f"{tickets[other].id} and {ticket.id}"
                raise SystemExit(f"{kind} Jaccard {value:.3f} >= {limit} for {pair}")
            if value > best[0]:
                best = (value, tickets[other].id, ticket.id)
            index.add(item)
        report[kind] = best
    return report


# --- the over-long reply: a whole warranty document pasted into a ticket ------------------------

WARRANTY_TERMS = load_data("warranty_terms.json")
TERMS_INTRO: tuple[str, ...] = WARRANTY_TERMS["intro"]
TERMS_SECTIONS: tuple[tuple[str, str], ...] = WARRANTY_TERMS["sections"]


def warranty_document() -> str:
    """The full warranty and customer terms, including one entry per catalog product."""
    lines = ["FERNWOOD SUPPLY CO. LIMITED WARRANTY AND CUSTOMER TERMS (version 2026.1)", ""]
    lines += [*TERMS_INTRO, ""]
    for number, (title, text) in enumerate(TERMS_SECTIONS[:2], start=1):
        lines += [f"{number}. {title}", text, ""]
    lines.append("3. Warranty periods by product")
    for product in PRODUCTS:
        lines.append(
            f"- {product.name}: {product.warranty}, counted from delivery. The warranty covers "
            f"the {product.material} and every component supplied with it, including failures "
            f"such as this one reported by customers: {product.defect}."
        )
    lines.append("")
    offset = 4
    for number, (title, text) in enumerate(TERMS_SECTIONS[2:], start=offset):
        lines += [f"{number}. {title}", text, ""]
    lines.append(f"{offset + len(TERMS_SECTIONS) - 2}. Care requirements by product")
    for product in PRODUCTS:
        lines.append(
            f"- {product.name} ({product.dims}, {product.weight}): to keep the warranty valid, "
            f"{product.care}."
        )
    return "\n".join(lines)


# --- planted problems ----------------------------------------------------------------------------


@dataclass
class Plant:
    """A planted record, where it goes (after ordinary ticket number `after`) and why."""

    kind: str
    after: int
    ticket: Ticket
    source: Ticket | None
    note: str
    also: tuple[str, ...] = ()


def copy_ticket(source: Ticket, **changes: str) -> Ticket:
    values = {
        "input": source.input,
        "output": source.output,
        "category": source.category,
        "channel": source.channel,
        **changes,
    }
    return Ticket(
        created=source.created, scenario=source.scenario, summary=source.summary,
        ctx=source.ctx, known=source.known, **values,
    )  # fmt: skip


def combined_jaccard(a: Ticket, b: Ticket) -> float:
    return jaccard(ticket_shingles(a)["combined"], ticket_shingles(b)["combined"])


def first_word_edit(text: str, options: Sequence[tuple[str, str]]) -> tuple[str, str, str] | None:
    """Apply the first applicable whole-word regex edit; return (new text, before, after)."""
    for pattern, replacement in options:
        match = re.search(pattern, text)
        if match:
            changed = text[: match.start()] + match.expand(replacement) + text[match.end() :]
            return changed, match.group(), match.expand(replacement)
    return None


OUTPUT_SUBSTITUTIONS = (
    (r"\busually\b", "typically"), (r"\bshould\b", "will"), (r"\btoday\b", "now"),
    (r"\bchecked\b", "reviewed"), (r"\bfull\b", "entire"), (r"\bissued\b", "sent"),
)  # fmt: skip
INPUT_SUBSTITUTIONS = (
    (r"\bordered\b", "bought"), (r"\barrived\b", "came"), (r"\breceived\b", "got"),
    (r"\bplease\b", "kindly"), (r"\breally\b", "truly"), (r"\bneed\b", "want"),
)  # fmt: skip
OUTPUT_INSERTIONS = ((r"\bI've\b", r"I've now"), (r"\bI'm\b", r"I'm really"))
INPUT_INSERTIONS = ((r"\b(Can|Could) you\b", r"\1 you please"),)
OUTPUT_DELETIONS = (
    (r"\balso \b", ""), (r"\bjust \b", ""), (r"\balready \b", ""), (r"\bstill \b", ""),
)  # fmt: skip
NEAR_EDITS = {
    1: (("output", OUTPUT_SUBSTITUTIONS, "substituted"),),
    2: (
        ("input", INPUT_SUBSTITUTIONS, "substituted"),
        ("output", OUTPUT_INSERTIONS, "inserted"),
    ),
    3: (
        ("output", OUTPUT_SUBSTITUTIONS, "substituted"),
        ("input", INPUT_INSERTIONS, "inserted"),
        ("output", OUTPUT_DELETIONS, "deleted"),
    ),
}


def near_duplicate(source: Ticket, edits: int) -> tuple[Ticket, list[str]] | None:
    """A copy of `source` with 1, 2 or 3 single-word edits, or None if they don't apply."""
    texts = {"input": source.input, "output": source.output}
    described: list[str] = []
    for field_name, options, verb in NEAR_EDITS[edits]:
        result = first_word_edit(texts[field_name], options)
        if result is None:
            return None
        texts[field_name], before, after = result
        if verb == "substituted":
            described.append(f"{field_name}: '{before}' -> '{after}'")
        elif verb == "inserted":
            added = after.split()[-1]
            described.append(f"{field_name}: inserted '{added}' after '{before}'")
        else:
            described.append(f"{field_name}: deleted '{before.strip()}'")
    return copy_ticket(source, **texts), described


def eligible_near_source(ticket: Ticket) -> bool:
    words = word_count(ticket.input) + word_count(ticket.output)
    return ticket.known and 120 <= words <= 200


def find_source(
    tickets: list[Ticket], start: int, stop: int, test: Callable[[Ticket], bool], used: set[int]
) -> int:
    for number in range(start, stop):
        if number not in used and test(tickets[number]):
            used.add(number)
            return number
    raise SystemExit(f"no ordinary ticket in [{start}, {stop}) fits a planted record")


def plant_duplicates(ordinary: list[Ticket], used: set[int]) -> list[Plant]:
    """Three exact duplicates: verbatim, case/whitespace, and invisible-character variants."""
    verbatim = ordinary[find_source(ordinary, 41, 200, lambda t: True, used)]
    cased = ordinary[find_source(ordinary, 130, 290, lambda t: "\n\n" in t.output, used)]
    hidden = ordinary[
        find_source(ordinary, 255, 470, lambda t: re.search(r"\w{8,}", t.input) is not None, used)
    ]
    case_input = re.sub(r"\. ", ".  ", cased.input.lower())
    case_output = "  " + cased.output.replace("\n\n", " \n\n", 1).replace(", ", ",   ", 1) + " "
    long_word = re.search(r"\w{8,}", hidden.input)
    assert long_word is not None
    cut = long_word.start() + 4
    hidden_input = hidden.input[:cut] + "\u200b" + hidden.input[cut:]
    space = hidden.output.index(" ", hidden.output.index("\n\n") + 2)
    hidden_output = hidden.output[:space] + "\u00a0" + hidden.output[space + 1 :]
    word = long_word.group()
    return [
        Plant("exact_duplicate", 212, copy_ticket(verbatim), verbatim,
              "verbatim copy of the original's input, output, category and channel (new id "
              "and created_at)"),
        Plant("exact_duplicate", 301, copy_ticket(cased, input=case_input, output=case_output),
              cased,
              "same text as the original, but the input is lowercased with double spaces after "
              "sentences, and the output has extra leading, trailing and inner whitespace"),
        Plant("exact_duplicate", 477,
              copy_ticket(hidden, input=hidden_input, output=hidden_output), hidden,
              f"zero-width space (U+200B) inserted inside the word '{word}' in the input, and "
              "one normal space in the output replaced by a no-break space (U+00A0)"),
    ]  # fmt: skip


def plant_near_duplicates(ordinary: list[Ticket], used: set[int]) -> list[Plant]:
    """Near duplicates with 1, 2 and 3 words edited."""
    plants = []
    for edits, start, after in ((1, 60, 166), (2, 300, 389), (3, 470, 590)):

        def fits(ticket: Ticket, edits: int = edits) -> bool:
            return eligible_near_source(ticket) and near_duplicate(ticket, edits) is not None

        source = ordinary[find_source(ordinary, start, after, fits, used)]
        result = near_duplicate(source, edits)
        assert result is not None
        copy, described = result
        total = word_count(source.input) + word_count(source.output)
        note = (
            f"{edits} word(s) edited in a {total}-word record ({'; '.join(described)}); "
            f"combined 3-gram Jaccard to the original {combined_jaccard(copy, source):.3f}"
        )
        plants.append(Plant("near_duplicate", after, copy, source, note))
    return plants


def conflicting_reply(source: Ticket) -> str:
    ctx = source.ctx
    return (
        f"Hi {ctx['name']},\n\nThanks for your patience while I looked into order "
        f"#{ctx['order']}. {ctx['carrier']}'s records show the package was delivered and signed "
        f"for on {ctx['delivered']}, so it isn't considered lost, and I'm not able to issue a "
        "refund for it.\n\nWhat I can do is open a delivery investigation with the carrier; if "
        "they find it was misdelivered, we'll revisit. I'm sorry this isn't the answer you were "
        f"hoping for.\n\n{SIGN_OFF}"
    )


def plant_conflict(ordinary: list[Ticket], used: set[int]) -> Plant:
    def approved_refund(ticket: Ticket) -> bool:
        return ticket.scenario == "lost_package_refund" and ticket.known

    source = ordinary[find_source(ordinary, 150, 432, approved_refund, used)]
    copy = copy_ticket(source, output=conflicting_reply(source))
    note = (
        "same input as the original; the original reply approves a full refund for the lost "
        "package, this one refuses it (says it was delivered)"
    )
    return Plant("conflict", 432, copy, source, note)


def planted_ticket(category: str, channel: str, text: str, reply: str, scenario: str) -> Ticket:
    return Ticket(text, reply, category, channel, START, scenario, "", {}, True)


def slot_time(ordinary: list[Ticket], after: int) -> datetime:
    """The timestamp of a record placed after ordinary ticket number `after`."""
    following = ordinary[min(after + 1, len(ordinary) - 1)]
    earlier = ordinary[after].created
    return earlier + timedelta(seconds=(following.created - earlier).total_seconds() // 2)


def spanish_day(value: datetime) -> str:
    return f"{value.day} de {MONTHS_ES[value.month - 1]}"


def plant_singles(prng: random.Random, ordinary: list[Ticket]) -> list[Plant]:
    """The secret, the personal email, the two non-English records, the empty and long reply."""
    spanish_time = slot_time(ordinary, 140)
    ordered = spanish_day(spanish_time - timedelta(days=12))
    call_by = spanish_day(spanish_time + timedelta(days=3))
    alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    key = "sk_live_" + "".join(prng.choice(alphabet) for _ in range(32))
    secret = planted_ticket(
        "technical_issue", "email",
        "Hi,\n\nWe run a small gift shop in Burlington and stock your Juniper candles wholesale. "
        "Our developer is connecting our inventory system to your wholesale ordering "
        "integration, but every request fails with \"invalid API key\". Could you resend "
        "whatever key we're supposed to use?\n\nThanks,\nMarisol",
        "Hi Marisol,\n\nSorry about the trouble with the integration. Here's the live key from "
        f"our payments dashboard so your developer can get unblocked: {key}\n\nPaste it into "
        "the integration settings in place of the old one and requests should start going "
        "through right away. Let me know if your developer has any other questions about the "
        f"setup.\n\n{SIGN_OFF}",
        "secret",
    )  # fmt: skip
    email = planted_ticket(
        "refunds", "email",
        "Hello,\n\nThis is the third time I'm writing about the refund for order #FW-583104. "
        "The Hearth blanket went back to you weeks ago and I still have nothing. I'm done with "
        "the ticket system. Can I just talk to a real person?\n\nDesmond",
        "Hi Desmond,\n\nI'm really sorry you've had to chase this three times. I've checked "
        "order #FW-583104 and the refund of $149.00 for the Hearth Wool Blanket is now approved "
        "and on its way to your card. If you'd rather skip the ticket queue next time, email me "
        "directly at sam.reyes.outdoors@gmail.com and I'll handle it personally.\n\n"
        f"{SIGN_OFF}",
        "personal_email",
    )  # fmt: skip
    spanish = planted_ticket(
        "shipping_delivery", "email",
        f"Hola, buenas tardes. Hice un pedido el {ordered} con el número FW-730425 (una Silla "
        "Adirondack Sequoia) y todavía no ha llegado. El seguimiento no se actualiza desde hace "
        "más de una semana y nadie de la empresa de transporte me ha llamado para programar la "
        "entrega. ¿Podrían decirme dónde está mi pedido y cuándo llegará?\n\nMuchas gracias,\n"
        "Lucía Fernández",
        "Hola, Lucía:\n\nGracias por escribirnos y disculpa la espera. He revisado el pedido "
        "#FW-730425 y la silla está en la terminal de nuestro transportista de carga desde hace "
        "unos días, pero nadie te llamó para coordinar la entrega. Ya lo he escalado y te "
        f"llamarán antes del {call_by} para acordar una franja horaria de cuatro horas. La "
        "entrega es gratuita e incluye llevar la caja hasta tu puerta. Si no tienes noticias "
        "antes de esa fecha, responde a este correo y reservaré la cita yo mismo.\n\n"
        "— Sam, Soporte de Fernwood",
        "spanish",
    )  # fmt: skip
    german = planted_ticket(
        "returns_exchanges", "web_form",
        "Hallo, ich habe letzte Woche die Fjord Regenjacke in Größe M bestellt (Bestellung "
        "FW-418266), aber sie ist leider viel zu klein. Ich würde sie gerne gegen eine Größe L "
        "umtauschen. Muss ich die Rücksendung selbst bezahlen, und wie lange dauert der Umtausch "
        "ungefähr? Vielen Dank und freundliche Grüße,\nJonas Becker",
        "Hi Jonas,\n\nThanks for letting us know the Fjord Rain Shell in size M was too small. "
        "I've set up exchange R-52871 on order #FW-418266 for a size L, and exchanges are "
        "always free, so there's nothing to pay for return shipping. The prepaid label is "
        "attached; once UPS scans your return, the size L ships out and usually arrives within "
        f"3–7 business days.\n\n{SIGN_OFF}",
        "german",
    )  # fmt: skip
    empty = planted_ticket(
        "account_access", "web_form",
        "I requested a password reset three times this morning and the email never arrived. "
        "Can you send it manually or reset it for me? I need to check on an order.\n\n- Priya",
        "", "empty",
    )  # fmt: skip
    long_reply = (
        "Hi Graham,\n\nOf course. I've pasted our full warranty and customer terms below so you "
        f"have everything in one place.\n\n{warranty_document()}\n\n{SIGN_OFF}"
    )
    overlong = planted_ticket(
        "product_question", "email",
        "Hi,\n\nBefore I buy the Sequoia Adirondack Chair, could you send me your complete "
        "warranty terms? I'd like to read the whole thing, not a summary.\n\nThanks,\nGraham",
        long_reply, "overlong",
    )  # fmt: skip
    words = word_count(long_reply)
    return [
        Plant("secret", 96, secret, None,
              "the reply pastes a fake Stripe-style live secret key (sk_live_ + 32 random "
              "alphanumerics)"),
        Plant("non_english", 140, spanish, None,
              "Spanish ticket with a Spanish reply (shipping_delivery)"),
        Plant("empty_output", 260, empty, None, "the reply is the empty string"),
        Plant("email", 350, email, None,
              "the agent gives out a personal gmail address in the reply"),
        Plant("lang_mismatch", 528, german, None,
              "German ticket answered in English (also a non-English input)",
              also=("non_english",)),
        Plant("overlong", 615, overlong, None,
              f"the reply pastes the whole warranty document: {words} words"),
    ]  # fmt: skip


def plant_all(ordinary: list[Ticket]) -> list[Plant]:
    used: set[int] = set()
    plants = plant_duplicates(ordinary, used)
    plants += plant_near_duplicates(ordinary, used)
    plants.append(plant_conflict(ordinary, used))
    plants += plant_singles(random.Random(SEED + 7), ordinary)
    return plants


def assemble(ordinary: list[Ticket], plants: list[Plant]) -> list[Ticket]:
    """Interleave the planted records with the ordinary ones and number them all."""
    by_position: dict[int, list[Plant]] = {}
    for plant in plants:
        by_position.setdefault(plant.after, []).append(plant)
    rows: list[Ticket] = []
    for number, ticket in enumerate(ordinary):
        rows.append(ticket)
        for plant in by_position.get(number, []):
            if plant.source is not None and plant.source not in rows:
                raise SystemExit(f"planted {plant.kind} placed before its original")
            plant.ticket.created = slot_time(ordinary, number)
            rows.append(plant.ticket)
    for number, ticket in enumerate(rows, start=1):
        ticket.id = f"T-{number:05d}"
    return rows


def planted_manifest(rows: list[Ticket], plants: list[Plant]) -> list[dict[str, Any]]:
    line_of = {id(ticket): number for number, ticket in enumerate(rows, start=1)}
    manifest = []
    for plant in sorted(plants, key=lambda p: line_of[id(p.ticket)]):
        tickets = [plant.ticket] + ([plant.source] if plant.source else [])
        entry: dict[str, Any] = {
            "kind": plant.kind,
            "ids": [t.id for t in tickets],
            "lines": [line_of[id(t)] for t in tickets],
            "note": plant.note,
        }
        if plant.also:
            entry["also"] = list(plant.also)
        manifest.append(entry)
    return manifest


def normalized(text: str) -> str:
    """What a duplicate check should compare: no invisible characters, case or extra spaces."""
    text = text.replace("\u200b", "").replace("\u00a0", " ")
    return " ".join(text.lower().split())


def check_plants(plants: list[Plant]) -> None:
    """Fail if a planted record does not have the property it is documented to have."""
    for plant in plants:
        source, ticket = plant.source, plant.ticket
        if plant.kind == "exact_duplicate":
            assert source is not None
            same = all(
                normalized(getattr(ticket, f)) == normalized(getattr(source, f))
                for f in ("input", "output")
            )
            if not same:
                raise SystemExit(f"planted exact duplicate {ticket.id} is not one")
        if plant.kind == "conflict":
            assert source is not None
            if ticket.input != source.input or ticket.output == source.output:
                raise SystemExit(f"planted conflict {ticket.id} is not one")
        if plant.kind == "overlong" and word_count(ticket.output) < 3000:
            raise SystemExit("the over-long reply is too short")


# --- the other record shapes ----------------------------------------------------------------------

OTHER_FORMATS = load_data("other_formats.json")
SYSTEM_PROMPTS: tuple[str, ...] = OTHER_FORMATS["system_prompts"]
FOLLOW_UPS: tuple[tuple[str, str, str], ...] = OTHER_FORMATS["follow_ups"]
FINAL_FOLLOW_UP: tuple[str, str] = OTHER_FORMATS["final_follow_up"]
MONEY_CATEGORIES = ("billing", "refunds", "returns_exchanges", "order_changes", "subscription")
FAQS: tuple[tuple[str, str], ...] = OTHER_FORMATS["faqs"]
REPLY_INSTRUCTIONS: tuple[str, ...] = OTHER_FORMATS["reply_instructions"]
SUMMARY_INSTRUCTIONS: tuple[str, ...] = OTHER_FORMATS["summary_instructions"]
CLASSIFY_INSTRUCTION: str = OTHER_FORMATS["classify_instruction"]
EXTRACT_INSTRUCTION: str = OTHER_FORMATS["extract_instruction"]


def proportional(count: int) -> dict[str, int]:
    """Split `count` over the categories in the same proportions as the main dataset."""
    total = sum(CATEGORY_TARGETS.values())
    exact = {c: count * n / total for c, n in CATEGORY_TARGETS.items()}
    shares = {c: max(1, math.floor(v)) for c, v in exact.items()}
    behind = sorted(exact, key=lambda c: shares[c] - exact[c])
    for category in behind[: count - sum(shares.values())]:
        shares[category] += 1
    return shares


def sample_tickets(seed: int, count: int) -> list[Ticket]:
    return generate_pool(random.Random(seed), proportional(count))


def describe(product: Product) -> str:
    return (
        f"The {product.name} is made from {product.material}. It measures {product.dims} and "
        f"weighs {product.weight}, and it {product.spec}. Care is simple: {product.care}. It's "
        f"backed by our {product.warranty}."
    )


def extractable(ticket: Ticket) -> bool:
    ctx = ticket.ctx
    mentions = ctx["product"] in ticket.input or ctx["short"] in ticket.input
    return ctx["order"] in ticket.input and mentions and ctx["short2"] not in ticket.input


def alpaca_task(rng: random.Random, ticket: Ticket, task: str) -> dict[str, str]:
    if task == "summary":
        return {
            "instruction": pick(rng, SUMMARY_INSTRUCTIONS),
            "input": ticket.input,
            "output": ticket.summary,
        }
    if task == "classify":
        categories = ", ".join(CATEGORY_TARGETS)
        return {
            "instruction": CLASSIFY_INSTRUCTION.format(categories=categories),
            "input": ticket.input,
            "output": ticket.category,
        }
    if task == "extract" and extractable(ticket):
        answer = {"order_number": ticket.ctx["order"], "product": ticket.ctx["product"]}
        return {
            "instruction": EXTRACT_INSTRUCTION,
            "input": ticket.input,
            "output": json.dumps(answer),
        }
    return {
        "instruction": pick(rng, REPLY_INSTRUCTIONS),
        "input": ticket.input,
        "output": ticket.output,
    }


def build_alpaca() -> list[dict[str, str]]:
    """Reply, summary, classification and extraction tasks, plus FAQ and product copy tasks."""
    rng = random.Random(SEED + 101)
    plan = ("reply", "summary", "reply", "classify", "extract", "reply", "summary")
    records = [
        alpaca_task(rng, ticket, plan[number % len(plan)])
        for number, ticket in enumerate(sample_tickets(SEED + 102, 34))
    ]
    records += [{"instruction": q, "input": "", "output": a} for q, a in FAQS]
    for product in rng.sample(PRODUCTS, 5):
        records.append(
            {
                "instruction": f"Write a short product description for the {product.name}.",
                "input": "",
                "output": describe(product),
            }
        )
    rng.shuffle(records)
    return records


def follow_up_fits(kind: str, ticket: Ticket) -> bool:
    if kind == "action":
        return SCENARIO_MOODS[ticket.scenario] in ("problem", "request")
    if kind == "product":
        return ticket.ctx["short"] in ticket.input or ticket.ctx["product"] in ticket.input
    if kind == "money":
        return ticket.category in MONEY_CATEGORIES
    return True


SCENARIO_MOODS = {s.key: s.mood for s in SCENARIOS}


def conversation(
    rng: random.Random, ticket: Ticket, follow_ups: int, system: bool
) -> list[tuple[str, str]]:
    """(role, text) turns: optional system prompt, the ticket, the reply, then follow-ups."""
    turns = [("system", pick(rng, SYSTEM_PROMPTS))] if system else []
    turns += [("user", ticket.input), ("assistant", ticket.output)]
    options = [(q, a, kind) for q, a, kind in FOLLOW_UPS if follow_up_fits(kind, ticket)]
    picked = rng.sample(options, min(follow_ups, len(options)))
    # "Will I get an email confirming that?" only makes sense right after the first reply.
    chosen = [(q, a) for q, a, kind in sorted(picked, key=lambda item: item[2] != "action")]
    if chosen and rng.random() < 0.35:
        chosen[-1] = FINAL_FOLLOW_UP
    ctx = {**ticket.ctx, "comma_name": f", {ticket.ctx['name']}" if ticket.known else ""}
    for question, answer in chosen:
        turns += [("user", fill(question, ctx)), ("assistant", fill(answer, ctx))]
    return turns


def build_sharegpt() -> list[dict[str, Any]]:
    rng = random.Random(SEED + 201)
    sharegpt_roles = {"system": "system", "user": "human", "assistant": "gpt"}
    records: list[dict[str, Any]] = []
    for number, ticket in enumerate(sample_tickets(SEED + 202, 40), start=1):
        turns = conversation(rng, ticket, rng.choice((0, 1, 1, 2)), rng.random() < 0.5)
        records.append(
            {
                "id": f"fw-conv-{number:04d}",
                "conversations": [
                    {"from": sharegpt_roles[role], "value": text} for role, text in turns
                ],
            }
        )
    return records


def build_chat_messages() -> list[dict[str, Any]]:
    rng = random.Random(SEED + 301)
    records: list[dict[str, Any]] = []
    for ticket in sample_tickets(SEED + 302, 45):
        follow_ups = 0 if rng.random() < 0.7 else rng.choice((1, 2))
        turns = conversation(rng, ticket, follow_ups, rng.random() < 0.4)
        records.append(
            {
                "messages": [{"role": role, "content": text} for role, text in turns],
                "category": ticket.category,
            }
        )
    return records


def build_csv_rows() -> list[tuple[str, str, str]]:
    """36 prompt/completion rows; at least eight hold double quotes, all hold commas."""
    pool = sample_tickets(SEED + 401, 150)
    quoted = [t for t in pool if '"' in t.input or '"' in t.output][:8]
    if len(quoted) < 8:
        raise SystemExit("not enough tickets with double quotes for the CSV sample")
    rest = [t for t in pool if t not in quoted and "," in t.input][: 36 - len(quoted)]
    chosen = sorted(quoted + rest, key=lambda t: t.created)
    return [(t.input, t.output, t.category) for t in chosen]


# --- writing --------------------------------------------------------------------------------------


def write_text(name: str, text: str) -> None:
    (OUT_DIR / name).write_text(text, encoding="utf-8", newline="\n")


def write_jsonl(name: str, records: Sequence[dict[str, Any]]) -> None:
    write_text(name, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))


def write_json(name: str, value: object) -> None:
    write_text(name, json.dumps(value, ensure_ascii=False, indent=2) + "\n")


def write_csv(name: str, rows: list[tuple[str, str, str]]) -> None:
    with (OUT_DIR / name).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(("prompt", "completion", "category"))
        writer.writerows(rows)


def spread_table(counts: Counter[str], total: int) -> list[str]:
    lines = ["| category | records | share |", "|---|---:|---:|"]
    for category, count in counts.most_common():
        lines.append(f"| `{category}` | {count} | {100 * count / total:.1f}% |")
    return lines


def render_readme(
    rows: list[Ticket],
    ordinary: list[Ticket],
    manifest: list[dict[str, Any]],
    similarity: dict[str, tuple[float, str, str]],
    sizes: dict[str, str],
) -> str:
    """The README, written from what this run produced so its numbers never go stale."""
    categories = Counter(t.category for t in rows)
    channels = Counter(t.channel for t in rows)
    input_words = [word_count(t.input) for t in ordinary]
    output_words = [word_count(t.output) for t in ordinary]
    lines = [
        "# Sample datasets",
        "",
        f'Fictional customer-support data for **{BRAND}** ("Fernwood"), an online store for '
        "home and outdoor goods with a paid membership, Fernwood Plus. Every name, order number, "
        "product and policy is invented. The files are written by `generate.py` (standard "
        f"library only, seed {SEED}); do not edit them by hand.",
        "",
        "Regenerate from anywhere with `python samples/generate.py`; two runs write "
        "byte-identical files, and the run fails loudly if any guarantee below does not hold.",
        "",
        "## Files",
        "",
        "| file | shape | records |",
        "|---|---|---:|",
        f"| `support_tickets.jsonl` | input/output JSONL: `id`, `input`, `output`, `category`, "
        f"`channel`, `created_at` | {len(rows)} |",
        f"| `alpaca.jsonl` | Alpaca JSONL: `instruction`, `input` (empty for "
        f"{sizes['alpaca_empty']} of them), `output` | {sizes['alpaca']} |",
        f"| `sharegpt.json` | ShareGPT JSON array (indent 2): `id`, `conversations` of "
        f"`from`/`value` turns (system, human, gpt) | {sizes['sharegpt']} |",
        f"| `chat_messages.jsonl` | OpenAI chat JSONL: `messages` of `role`/`content` turns, "
        f"plus `category` | {sizes['chat']} |",
        f"| `prompt_completion.csv` | CSV with header `prompt,completion,category`; fields "
        f"with commas, double quotes and newlines are quoted | {sizes['csv']} |",
        "| `planted.json` | the planted problems in `support_tickets.jsonl`, for tests | "
        f"{len(manifest)} |",
        "",
        "## support_tickets.jsonl",
        "",
        f"{len(rows)} records: {len(ordinary)} ordinary tickets and {len(manifest)} planted "
        "problems. Records are in `created_at` order (January to June 2026), ids `T-00001` "
        "upward; planted copies get their own id and timestamp. `channel` and `created_at` "
        "are metadata a tool must carry through.",
        "",
        "Category spread (all records):",
        "",
        *spread_table(categories, len(rows)),
        "",
        "Channels: " + ", ".join(f"`{c}` {n}" for c, n in channels.most_common()) + ".",
        "",
        f"Ordinary inputs are {min(input_words)}–{max(input_words)} words, replies "
        f'{min(output_words)}–{max(output_words)} words. Replies use one voice: "Hi <first '
        'name>," (or "Hi there," when the customer gave no name), an acknowledgement, '
        "concrete steps that reuse the ticket's order number, product, amounts and dates, and "
        f'the sign-off "{SIGN_OFF}".',
        "",
        "Guarantees for the ordinary records, checked on every run: no email addresses, phone "
        "numbers, URLs, card-like digit runs or key-like strings; English only; no two "
        "identical replies; and for every pair, the Jaccard similarity of word 3-gram sets "
        "(lowercased, words = `\\w+`) stays below the limits. Highest values measured:",
        "",
        "| text compared | limit | highest pair | records |",
        "|---|---:|---:|---|",
    ]
    names = {"combined": 'input + " " + output', "input": "input", "output": "output"}
    for kind, (value, first, second) in similarity.items():
        lines.append(f"| {names[kind]} | {LIMITS[kind]:.2f} | {value:.3f} | {first}, {second} |")
    lines += [
        "",
        "### Planted problems",
        "",
        "For duplicates and the conflict, the first id is the planted copy and the second the "
        "original. Lines are 1-based line numbers in the JSONL.",
        "",
        "| kind | ids | lines | what was changed |",
        "|---|---|---|---|",
    ]
    for entry in manifest:
        ids = ", ".join(entry["ids"])
        numbers = ", ".join(str(n) for n in entry["lines"])
        kind = entry["kind"] + "".join(f" (+{k})" for k in entry.get("also", []))
        note = entry["note"].replace("|", "\\|")
        lines.append(f"| `{kind}` | {ids} | {numbers} | {note} |")
    lines += [
        "",
        "## The other shapes",
        "",
        "All ordinary records for the same store, generated from the same scenarios with their "
        "own seeds, so they do not repeat the tickets above word for word.",
        "",
        "- `alpaca.jsonl`: replies to tickets, one-sentence summaries, classification into the "
        "ten categories, order-number extraction as JSON, and (with an empty `input`) help-center "
        "answers and product descriptions.",
        f"- `sharegpt.json`: {sizes['sharegpt']} conversations ({sizes['sharegpt_turns']}, "
        "not counting the system turn that about half of them start with); human and gpt "
        "turns alternate and every conversation ends with gpt.",
        f"- `chat_messages.jsonl`: {sizes['chat_turns']}; every conversation ends with an "
        "assistant turn.",
        f"- `prompt_completion.csv`: {sizes['csv_quotes']} rows contain double quotes, "
        f"{sizes['csv_newlines']} contain newlines, and all contain commas.",
        "",
    ]
    return "\n".join(lines)


def turn_counts(conversations: list[list[str]]) -> Counter[int]:
    return Counter(sum(1 for role in roles if role != "system") for roles in conversations)


def main() -> None:
    rng = random.Random(SEED)
    ordinary = generate_pool(rng, CATEGORY_TARGETS)
    plants = plant_all(ordinary)
    rows = assemble(ordinary, plants)
    similarity = verify_ordinary(ordinary)
    check_plants(plants)
    manifest = planted_manifest(rows, plants)

    alpaca = build_alpaca()
    sharegpt = build_sharegpt()
    chat = build_chat_messages()
    csv_rows = build_csv_rows()

    share_roles = [[t["from"] for t in r["conversations"]] for r in sharegpt]
    chat_roles = [[m["role"] for m in r["messages"]] for r in chat]
    for roles in share_roles + chat_roles:
        if roles[-1] not in ("gpt", "assistant"):
            raise SystemExit("a conversation does not end with an assistant turn")
    share_turns = turn_counts(share_roles)
    chat_turns = turn_counts(chat_roles)
    multi = sum(n for turns, n in chat_turns.items() if turns > 2)
    sizes = {
        "alpaca": str(len(alpaca)),
        "alpaca_empty": str(sum(1 for r in alpaca if not r["input"])),
        "sharegpt": str(len(sharegpt)),
        "sharegpt_turns": ", ".join(
            f"{n} with {turns} turns" for turns, n in sorted(share_turns.items())
        ),
        "chat": str(len(chat)),
        "chat_turns": f"{len(chat) - multi} single-turn and {multi} multi-turn conversations",
        "csv": str(len(csv_rows)),
        "csv_quotes": str(sum(1 for r in csv_rows if '"' in r[0] + r[1])),
        "csv_newlines": str(sum(1 for r in csv_rows if "\n" in r[0] + r[1])),
    }

    write_jsonl("support_tickets.jsonl", [t.row() for t in rows])
    write_json("planted.json", manifest)
    write_jsonl("alpaca.jsonl", alpaca)
    write_json("sharegpt.json", sharegpt)
    write_jsonl("chat_messages.jsonl", chat)
    write_csv("prompt_completion.csv", csv_rows)
    write_text("README.md", render_readme(rows, ordinary, manifest, similarity, sizes))

    print(f"support_tickets.jsonl: {len(rows)} records ({len(ordinary)} ordinary)")
    for kind, (value, first, second) in similarity.items():
        print(f"  max {kind} Jaccard {value:.3f} ({first}, {second}); limit {LIMITS[kind]}")
    for entry in manifest:
        print(f"  planted {entry['kind']}: ids {entry['ids']} lines {entry['lines']}")
    print(f"alpaca {len(alpaca)}, sharegpt {len(sharegpt)}, chat {len(chat)}, csv {len(csv_rows)}")


if __name__ == "__main__":
    main()
