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
slot values (names, products, order numbers, dates, amounts). A candidate is rejected when it
is too similar to an accepted one, and a final check over every pair of ordinary records fails
loudly if a near duplicate slipped through. Standard library only; the seed is fixed, so two
runs write byte-identical files.
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


def _product(name: str, short: str, price: float, tags: str, *fields: str, **extra: str) -> Product:
    material, dims, weight, care, warranty, spec, defect = fields
    found = set(tags.split())
    found |= {key for key in ("assembly", "weather") if extra.get(key)}
    return Product(
        name, short, price, frozenset(found), material, dims, weight, care, warranty, spec,
        defect, **extra,
    )  # fmt: skip


TENT_CARE = "pitch it to dry completely before storing it, and hand-wash it with mild soap only"
TENT_WEATHER = "is rated for three-season use and has a 3,000 mm waterproof fly"

PRODUCTS = (
    _product(
        "Ridgeline 2-Person Tent",
        "Ridgeline tent",
        229.00,
        "",
        "ripstop nylon with aluminum poles",
        "88 x 54 inches on the floor and packs down to 20 x 7 inches",
        "4 lb 11 oz",
        TENT_CARE,
        "two-year warranty",
        "sleeps two with a vestibule on each side",
        "one of the poles snapped at a joint",
        assembly="pitches in about five minutes with no tools",
        weather=TENT_WEATHER,
    ),
    _product(
        "Ridgeline 4-Person Tent",
        "Ridgeline 4P",
        349.00,
        "",
        "ripstop nylon with aluminum poles",
        "96 x 90 inches on the floor and packs down to 25 x 9 inches",
        "9 lb 2 oz",
        TENT_CARE,
        "two-year warranty",
        "sleeps four with 60 inches of headroom",
        "the main door zipper split open",
        assembly="pitches in about ten minutes, a little quicker with two people",
        weather=TENT_WEATHER,
    ),
    _product(
        "Cirrus Down Sleeping Bag",
        "Cirrus bag",
        189.00,
        "soft",
        "650-fill responsibly sourced down with a recycled nylon shell",
        "fits people up to 6 ft 2 in and packs to 8 x 15 inches",
        "2 lb 4 oz",
        "front-load wash it on gentle with a down soap, then tumble dry it low with dryer balls",
        "two-year warranty",
        "is comfort-rated to 30 degrees Fahrenheit",
        "the zipper keeps separating from the track",
        weather="has a water-resistant shell but should always be used inside a tent",
    ),
    _product(
        "Driftwood Camp Hammock",
        "Driftwood hammock",
        64.99,
        "soft",
        "parachute nylon",
        "10 feet long and 4.5 feet wide",
        "1 lb 3 oz",
        "machine-wash it cold and let it air dry",
        "one-year warranty",
        "holds up to 400 lb",
        "a seam near one of the end loops is fraying",
        assembly="comes with tree straps and hangs in under three minutes",
        weather="dries quickly, but it's best brought inside during storms",
    ),
    _product(
        "Kestrel Two-Burner Camp Stove",
        "Kestrel stove",
        119.00,
        "ignition",
        "powder-coated steel",
        "22 x 13 x 4 inches when folded",
        "11 lb",
        "wipe out the drip tray after each trip and never submerge the regulator",
        "two-year warranty",
        "puts out 20,000 BTU per burner",
        "the right burner's igniter stopped sparking",
        weather="has wind screens on three sides for breezy campsites",
    ),
    _product(
        "Ember Cast-Iron Skillet",
        "Ember skillet",
        54.99,
        "",
        "pre-seasoned cast iron",
        "12 inches across the cooking surface",
        "7 lb 8 oz",
        "rinse it with hot water, dry it on the stove, and rub in a thin layer of oil",
        "lifetime warranty",
        "works on induction, gas and open campfires",
        "a hairline crack appeared across the base",
    ),
    _product(
        "Ember Portable Pizza Oven",
        "pizza oven",
        399.00,
        "electronic display ignition",
        "stainless steel with a cordierite stone",
        "25 x 16 x 13 inches with a 16-inch stone",
        "28 lb",
        "let it cool completely, brush off the stone, and never use soap on it",
        "two-year warranty",
        "reaches 900 degrees in about 20 minutes",
        "the built-in thermometer display went blank",
        weather="can live outdoors year-round under the included cover",
    ),
    _product(
        "Glacier 45-Quart Cooler",
        "Glacier cooler",
        279.00,
        "",
        "rotomolded polyethylene",
        "26 x 17 x 17 inches",
        "24 lb empty",
        "rinse it with warm soapy water and let it dry with the lid open",
        "five-year warranty",
        "keeps ice for up to five days",
        "the lid latch cracked and won't stay closed",
        weather="is built to sit outside in sun and rain",
    ),
    _product(
        "Cascade Insulated Bottle (32 oz)",
        "Cascade bottle",
        34.99,
        "",
        "double-wall stainless steel",
        "32 oz and 3.6 inches wide",
        "1 lb 1 oz",
        "put the lid in the dishwasher but hand-wash the bottle itself",
        "lifetime warranty",
        "keeps drinks cold for 24 hours and hot for 12",
        "it stopped keeping drinks cold and the outside sweats",
    ),
    _product(
        "Trailhead 24L Daypack",
        "Trailhead pack",
        89.00,
        "soft",
        "recycled ripstop nylon",
        "19 x 11 x 8 inches",
        "1 lb 9 oz",
        "spot-clean it with a damp cloth and let it air dry",
        "lifetime warranty",
        "fits a 15-inch laptop and a 3-liter hydration bladder",
        "a shoulder strap buckle snapped",
    ),
    _product(
        "Fjord Rain Shell",
        "Fjord jacket",
        149.00,
        "soft sized",
        "three-layer waterproof-breathable nylon",
        "true to size with room for a fleece underneath",
        "12 oz",
        "machine-wash it cold and tumble dry it low to refresh the water repellency",
        "two-year warranty",
        "has pit zips and a helmet-compatible hood",
        "the seam tape is peeling inside the hood",
    ),
    _product(
        "Alpine Merino Socks (3-pack)",
        "Alpine sock 3-pack",
        39.00,
        "soft sized",
        "a merino wool blend",
        "made in sizes S through XL",
        "about 3 oz per pair",
        "machine-wash them warm inside out and lay them flat to dry",
        "one-year no-holes guarantee",
        "has cushioned heels and a seamless toe in every pair",
        "two of the pairs already have holes in the heel",
    ),
    _product(
        "Summit Down Throw",
        "Summit throw",
        129.00,
        "soft",
        "recycled down inside a ripstop shell",
        "50 x 70 inches",
        "1 lb 6 oz",
        "machine-wash it cold on gentle and tumble dry it low",
        "one-year warranty",
        "packs into its own stuff sack",
        "down is leaking through one of the baffles",
    ),
    _product(
        "Hearth Wool Blanket",
        "Hearth blanket",
        149.00,
        "soft",
        "100% New Zealand wool",
        "60 x 80 inches",
        "3 lb 12 oz",
        "dry clean it, or hand-wash it cold with a wool wash and lay it flat to dry",
        "one-year warranty",
        "is woven in a traditional herringbone pattern",
        "the edge binding is unraveling",
    ),
    _product(
        "Meadow Picnic Blanket",
        "picnic blanket",
        59.00,
        "soft",
        "a cotton top with a waterproof backing",
        "60 x 72 inches",
        "2 lb",
        "machine-wash it cold and line dry it",
        "one-year warranty",
        "folds into a carry roll with a leather strap",
        "the waterproof backing is peeling off",
        weather="has a waterproof backing for damp grass but shouldn't stay out overnight",
    ),
    _product(
        "Birch Folding Camp Chair",
        "Birch chair",
        79.00,
        "",
        "an aluminum frame with a canvas seat",
        "17 inches high at the seat and folds to 36 x 6 inches",
        "8 lb",
        "wipe down the canvas and hose off the frame",
        "two-year warranty",
        "supports up to 300 lb",
        "one of the rivets on the armrest popped out",
        weather="handles rain fine, though the canvas lasts longer when it's stored dry",
    ),
    _product(
        "Sequoia Adirondack Chair",
        "Adirondack chair",
        329.00,
        "freight",
        "FSC-certified acacia wood",
        "38 x 30 x 37 inches",
        "42 lb",
        "oil it once a season with teak oil",
        "two-year warranty",
        "supports up to 350 lb",
        "one of the back slats split along the grain",
        assembly="takes about 30 minutes with a Phillips screwdriver",
        weather="can stay outside all year, though a cover helps in snowy winters",
    ),
    _product(
        "Willow Hanging Egg Chair",
        "egg chair",
        449.00,
        "freight",
        "all-weather resin wicker on a powder-coated steel stand",
        "78 inches tall on its stand",
        "63 lb",
        "wipe it down with mild soap and store the cushions indoors in winter",
        "two-year warranty",
        "supports up to 265 lb",
        "the wicker is coming loose near the top of the frame",
        assembly="takes about 45 minutes with two people",
        weather="can stay outside, but the cushions should come in when it rains",
    ),
    _product(
        "Basalt Steel Fire Pit",
        "Basalt fire pit",
        259.00,
        "",
        "corten weathering steel",
        "30 inches across",
        "38 lb",
        "just brush out the ash, since the rust patina is intentional and protects the steel",
        "three-year warranty",
        "comes with a spark screen and a poker",
        "the welded base ring came apart",
        weather="is designed to live outside and develop a protective rust patina",
    ),
    _product(
        "Tidepool Outdoor Rug (5x8)",
        "Tidepool rug",
        119.00,
        "soft",
        "recycled polypropylene",
        "5 x 8 feet",
        "9 lb",
        "hose it off and let it dry flat",
        "one-year warranty",
        "is reversible with a different pattern on each side",
        "the edges are curling and the binding split",
        weather="is UV-stabilized and fine outdoors, though rolling it up for snowy months helps",
    ),
    _product(
        "Canopy Shade Sail",
        "shade sail",
        94.00,
        "soft",
        "breathable HDPE fabric",
        "a 12 x 12 x 12 foot triangle",
        "3 lb",
        "hose it off and take it down before high winds",
        "two-year warranty",
        "blocks about 90 percent of UV",
        "one of the corner D-rings tore out",
        assembly="mounts to posts or walls with the included hardware in about an hour",
        weather="can stay up through summer storms but should come down for winter",
    ),
    _product(
        "Orchard Garden Tool Set",
        "garden tool set",
        74.00,
        "",
        "stainless steel heads with ash wood handles",
        "a trowel, a transplanter and a pruner",
        "2 lb for the set",
        "wipe the blades dry after use and oil the handles twice a year",
        "lifetime warranty",
        "includes a waxed canvas tool roll",
        "the pruner spring broke",
    ),
    _product(
        "Terra Ceramic Planter Set",
        "Terra planter set",
        68.00,
        "",
        "glazed stoneware",
        "6, 8 and 10 inches across",
        "9 lb for the set",
        "wash them with warm soapy water and bring them inside below freezing",
        "one-year warranty",
        "has drainage holes and a matching saucer for each pot",
        "the glaze is crazing on the largest pot",
        weather="is fine outside in mild weather but can crack if left out through a freeze",
    ),
    _product(
        "Juniper Soy Candle",
        "Juniper candle",
        26.00,
        "",
        "soy wax with a cotton wick",
        "8 oz in a reusable amber jar",
        "14 oz",
        "trim the wick to a quarter inch before each burn",
        "one-year satisfaction guarantee",
        "burns for about 50 hours",
        "the wick drowned after the first burn",
    ),
    _product(
        "Maple End-Grain Cutting Board",
        "maple board",
        89.00,
        "",
        "end-grain hard maple",
        "18 x 12 x 1.5 inches",
        "9 lb",
        "hand-wash it only and oil it monthly with food-safe mineral oil",
        "one-year warranty",
        "has a juice groove and rubber feet",
        "a crack opened up along one glue line",
    ),
    _product(
        "Copperline Electric Kettle",
        "Copperline kettle",
        72.00,
        "electronic display",
        "stainless steel with a copper-finish handle",
        "0.9 liters",
        "2 lb 4 oz",
        "descale it monthly with a vinegar and water solution",
        "two-year warranty",
        "holds any temperature from 140 to 212 degrees",
        "the temperature display flickers and then shuts off",
    ),
    _product(
        "Lumen Solar String Lights",
        "Lumen light strand",
        49.99,
        "electronic solar",
        "shatterproof bulbs on a weatherproof cable",
        "48 feet with 24 bulbs",
        "2 lb 8 oz",
        "wipe the solar panel every month so it charges fully",
        "two-year warranty",
        "gives about eight hours of light on a full charge",
        "half the bulbs stopped lighting up",
        weather="is weatherproof and meant to stay up outdoors all season",
    ),
    _product(
        "Aurora Rechargeable Headlamp",
        "Aurora headlamp",
        44.99,
        "electronic rechargeable",
        "an aluminum housing with a silicone strap",
        "2.5 x 1.5 inches",
        "3 oz",
        "wipe the lens and keep the USB-C port cover closed",
        "two-year warranty",
        "puts out 400 lumens and charges over USB-C",
        "it won't hold a charge for more than an hour",
    ),
    _product(
        "Harbor LED Patio Lantern",
        "Harbor lantern",
        69.00,
        "electronic rechargeable solar",
        "powder-coated steel and frosted glass",
        "14 inches tall",
        "3 lb",
        "wipe the glass and the solar cap with a soft cloth",
        "two-year warranty",
        "charges by solar or USB-C and runs about 12 hours",
        "the dimmer button stopped working",
        weather="is rain-resistant, though it's best kept out of standing water",
    ),
    _product(
        "Brightfield Smart Sprinkler Controller",
        "Brightfield controller",
        159.00,
        "electronic app display",
        "a weather-sealed polycarbonate case",
        "8 x 6 x 2 inches",
        "1 lb 4 oz",
        "keep the cover closed and dust the vents now and then",
        "two-year warranty",
        "runs up to eight watering zones from the Fernwood Home app",
        "it drops off Wi-Fi every night",
    ),
    _product(
        "Hearthside Infrared Patio Heater",
        "patio heater",
        299.00,
        "electronic display ignition",
        "powder-coated aluminum",
        "35 inches tall",
        "16 lb",
        "unplug it and wipe the reflector with a dry cloth",
        "two-year warranty",
        "warms about 100 square feet",
        "it shuts off after a few minutes with an error",
        weather="is rated for covered outdoor spaces but shouldn't sit in the rain",
    ),
    _product(
        "Beacon Weather Station",
        "Beacon station",
        129.00,
        "electronic app display",
        "UV-resistant plastic",
        "a 7-inch display plus an outdoor sensor about 12 inches tall",
        "2 lb",
        "clean the rain gauge funnel monthly",
        "two-year warranty",
        "tracks wind, rain, temperature and humidity in the Fernwood Home app",
        "the outdoor sensor stopped reporting to the display",
    ),
    _product(
        "Pinecone Coir Doormat",
        "doormat",
        32.00,
        "",
        "natural coconut coir on a rubber backing",
        "18 x 30 inches",
        "4 lb",
        "shake it out and brush it, and avoid soaking it",
        "one-year warranty",
        "has a pinecone pattern stamped in black",
        "the coir is shedding in clumps",
        weather="works under a covered porch but breaks down faster when left in the rain",
    ),
    _product(
        "Quarry Slate Coasters (set of 4)",
        "slate coaster set",
        28.00,
        "",
        "natural slate with felt backs",
        "4 inches square",
        "1 lb 8 oz",
        "wipe them with a damp cloth and let them air dry",
        "one-year warranty",
        "comes as a set of four",
        "the felt pads are peeling off",
    ),
)
PRODUCT_BY_SHORT = {p.short: p for p in PRODUCTS}
COMPARE_PAIRS = (
    (
        "Ridgeline tent", "Ridgeline 4P",
        "If it's usually just you and one other person, the 2-person saves almost half the "
        "weight; families and anyone camping with a dog tend to prefer the 4-person.",
    ),
    (
        "Summit throw", "Hearth blanket",
        "The Summit is the better pick for camping and car trips because it packs small, while "
        "the Hearth is the cozier choice for the couch.",
    ),
    (
        "Lumen light strand", "Harbor lantern",
        "To light a whole patio, go with the Lumen lights; for a single table or path, the "
        "Harbor lantern is brighter and you can carry it around.",
    ),
    (
        "Birch chair", "Adirondack chair",
        "The Birch goes anywhere you can carry it, while the Sequoia is a stay-put chair for a "
        "deck or lawn.",
    ),
    (
        "Driftwood hammock", "egg chair",
        "The Driftwood is made for trips and packs into a pocket, while the Willow is a "
        "backyard centerpiece that stays put.",
    ),
    (
        "picnic blanket", "Tidepool rug",
        "For picnics and beach days the Meadow folds up and travels; for a permanent patio "
        "the Tidepool stays put and hoses clean.",
    ),
)  # fmt: skip


# --- people, places and other slot values -------------------------------------------------------

FIRST_NAMES = (
    "Maria", "James", "Aisha", "Wei", "Priya", "Diego", "Hannah", "Kwame", "Sofia", "Liam",
    "Fatima", "Noah", "Yuki", "Olivia", "Mateo", "Chloe", "Arjun", "Grace", "Tomas", "Zoe",
    "Ethan", "Amara", "Lucas", "Nadia", "Owen", "Leila", "Samir", "Elena", "Marcus", "Ingrid",
    "Rafael", "Mei", "Jonah", "Imani", "Caleb", "Rosa", "Dmitri", "Hana", "Felix", "Beatriz",
    "Kofi", "Ava", "Malik", "Freya", "Andre", "Lena", "Tariq", "Julia", "Hugo", "Esther",
    "Ravi", "Nora", "Isaac", "Camila", "Theo", "Ayesha", "Gabriel", "Keiko", "Omar", "Bianca",
    "Declan", "Simone", "Victor", "Anika", "Luis", "Margaret", "Ben", "Tanya", "Carlos", "Helen",
    "Kenji", "Rachel", "Elijah", "Nia", "Patrick", "Laila", "Ruben", "Claire", "Jamal", "Ines",
    "Connor", "Asha", "Miguel", "Heather", "Sanjay", "Eva", "Trevor", "Mariam", "Dante", "Paige",
    "Hector", "Rhea", "Wesley", "Yara", "Colin", "Adaeze", "Stefan", "Lucy", "Andrei", "Monique",
    "Graham", "Talia", "Emeka", "Brooke", "Raj", "Vanessa", "Desmond", "Ivy", "Sergio", "Joanne",
    "Kai", "Farah", "Nathan", "Gemma", "Abdul", "Tessa", "Lorenzo", "Megan", "Haruto", "Alicia",
    "Bruno", "Jasmine", "Ibrahim", "Naomi", "Pablo", "Carmen", "Finn", "Rosalind", "Emmanuel",
    "Wren", "Xavier", "Lydia", "Moses", "Anjali", "Quentin", "Odile", "Reggie", "Sunita",
)  # fmt: skip
LAST_NAMES = (
    "Nguyen", "Okafor", "Patel", "Garcia", "Smith", "Kowalski", "Haddad", "Johansson", "Reyes",
    "Chen", "Mensah", "O'Brien", "Rossi", "Tanaka", "Dubois", "Silva", "Khan", "Fischer",
    "Murphy", "Alvarez", "Kim", "Novak", "Adeyemi", "Larsen", "Bianchi", "Cohen", "Morales",
    "Walker", "Sato", "Ivanova", "Hughes", "Mahmoud", "Brennan", "Costa", "Wright", "Yilmaz",
    "Baptiste", "Lindqvist", "Osei", "Park", "Moreau", "Schmidt", "Ramirez", "Bailey", "Singh",
    "Andersen", "Petrov", "Romero", "Foster", "Nakamura", "Ortiz", "Sullivan", "Ferreira",
    "Hoffman", "Abebe", "Castillo", "Whitaker", "Delgado", "Kaur", "Lambert",
)  # fmt: skip
CITIES = (
    ("Denver", 0.0881), ("Austin", 0.0825), ("Columbus", 0.075), ("Raleigh", 0.0725),
    ("Madison", 0.055), ("Boise", 0.06), ("Phoenix", 0.086), ("Nashville", 0.0925),
    ("Sacramento", 0.0875), ("Pittsburgh", 0.07), ("Burlington", 0.07), ("Omaha", 0.07),
    ("Albuquerque", 0.07625), ("Richmond", 0.06), ("Spokane", 0.09), ("Tucson", 0.087),
    ("Savannah", 0.07), ("Minneapolis", 0.08025),
)  # fmt: skip
COUNTRIES = ("Canada", "the United Kingdom", "Australia", "Ireland", "New Zealand", "Japan")
CARRIERS = ("UPS", "FedEx", "USPS")
RELATIONS = (
    "mom", "dad", "sister", "brother", "partner", "best friend", "daughter", "son",
    "grandmother", "uncle",
)  # fmt: skip
RECENT = ("this morning", "last night", "about an hour ago", "yesterday afternoon", "earlier today")
COLORS = (
    "sage", "charcoal", "rust", "sand", "navy", "forest green", "oatmeal", "slate blue", "clay",
    "ivory",
)  # fmt: skip
SIZES = ("S", "M", "L", "XL")
PROMOS = (
    ("TRAIL15", 15), ("HEARTH10", 10), ("SPRING20", 20), ("WELCOME10", 10), ("CAMPFIRE15", 15),
    ("FERNDAY20", 20),
)  # fmt: skip
COMPANIES = (
    "Pinegrove Design", "Halcyon Analytics", "Blue Heron Landscaping", "Marlow & Finch Architects",
    "Summit Youth Camps", "Riverbend Dental", "Copper Kettle Bakery", "Larkspur Events",
    "Tallgrass Realty", "Westbrook Outdoor School",
)  # fmt: skip
DAMAGE = (
    "part of it snapped clean off", "it's badly dented on one side",
    "there's a crack running along one edge", "a corner is chipped and sharp",
    "it's scratched all over and one piece is bent",
)  # fmt: skip
REASONS = (
    "It's smaller than I expected.", "The color looks different in person.",
    "I ended up getting one as a gift.", "It's just not quite right for our space.",
    "I ordered two by accident.", "It turned out heavier than I can comfortably carry.",
)  # fmt: skip
DECLINES = (
    "Your card was declined. Please use a different payment method.",
    "Payment could not be authorized (error 2051).",
    "Transaction declined: verification failed.",
)
CHECKOUT_ERRORS = (
    "Something went wrong. Please try again.",
    "We couldn't calculate shipping for this address.",
    "Your session has expired. Please refresh the page.",
    "Unable to apply payment. Error code 4012.",
)
WIFI_ERRORS = ("Device not found", "Unable to join network", "Setup timed out", "Connection failed")
ERROR_CODES = ("E2", "E4", "E7", "E9")
DEVICES = ("iPhone 15", "iPhone 13 mini", "Pixel 8", "Galaxy S23", "iPad Air", "OnePlus 11")
APP_VERSIONS = ("4.2.1", "4.3.0", "4.3.2", "4.4.0")
APP_SCREENS = ("my orders", "the cart", "product reviews", "my account page", "the wishlist")
BROWSERS = ("Chrome", "Safari", "Firefox", "Edge")
COLLEAGUES = ("Jordan", "Priya", "Mateo", "Alex", "Dana", "Kim", "Tobias", "Renee")
USE_CASES = (
    "weekend camping trips", "our back patio", "a small apartment balcony",
    "car camping with two kids", "a cabin we rent out", "backyard get-togethers", "long hikes",
    "our lake house",
)  # fmt: skip
TYPOS = (
    ("received", "recieved"), ("address", "adress"), ("because", "becuase"),
    ("definitely", "definately"), ("tomorrow", "tommorow"), ("which", "wich"),
    ("really", "realy"), ("until", "untill"), ("already", "allready"), ("could", "cuold"),
    ("please", "pls"), ("thanks", "thx"), ("know", "kno"), ("package", "pakage"),
    ("separately", "seperately"), ("weird", "wierd"),
)  # fmt: skip


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


SHIPPING = (
    Scenario(
        "shipping_delivery",
        "late_delivery",
        "problem",
        "{who} says order #{order} ({product}) missed its promised delivery date of {promised} "
        "and wants to know where it is.",
        (
            "My order #{order} was supposed to arrive by {promised} and it still hasn't shown up.",
            "I'm still waiting on order {order}. The confirmation email promised delivery by "
            "{promised}, and that date has come and gone.",
            "Where is my {short}? I ordered it on {order_date} (order #{order}) and the estimate "
            "said {promised}.",
            "Order number {order} is officially late: it was due on {promised} and there's no "
            "sign of it.",
            "I placed order #{order} for the {product} back on {order_date} and it never arrived "
            "by the {promised} date you gave me.",
        ),
        (
            (
                "The tracking hasn't updated in {stuck_days} days.",
                "I can see why the tracking looked frozen; there really hasn't been a scan for "
                "{stuck_days} days, which isn't acceptable.",
            ),
            (
                "I paid an extra $14.95 for expedited shipping so it would get here on time.",
                "Since the expedited shipping you paid for didn't deliver on its promise, I've "
                "refunded the $14.95 upgrade to your original payment method.",
            ),
            (
                "I need it for a trip on {event_date}.",
                "I've noted your trip on {event_date}, and if the carrier can't make it in time "
                "the replacement will go out overnight at our cost.",
            ),
            (
                "{carrier} just tells me to contact the seller.",
                "You did the right thing writing to us, because {carrier} only discusses traces "
                "with the shipper, so I've opened one on your behalf.",
            ),
        ),
        (
            "Can you tell me what's going on?",
            "Could you check where it is and when I can realistically expect it?",
            "If it's lost, please just send a replacement.",
            "What are my options at this point?",
            "Please let me know whether I should keep waiting or if you can do something now.",
        ),
        (
            (
                "I checked order #{order} with {carrier}: the package has been sitting at their "
                "regional hub since {stuck_date}, which is why tracking stopped moving.",
                "I looked up order #{order}, and {carrier} last scanned it on {stuck_date} before "
                "it went quiet, so I've opened a formal trace with them.",
                "According to {carrier}, order #{order} missed a connection at their sorting "
                "facility on {stuck_date} and has been rerouted.",
            ),
            (
                "They've now committed to delivering it by {new_eta}.",
                "Their updated estimate is {new_eta}, and I'll be watching it daily until then.",
                "The revised delivery date they gave me is {new_eta}.",
            ),
            (
                "If it isn't with you by then, I'll ship a replacement {product} at no charge, "
                "and you won't need to write back first.",
                "Should {new_eta} pass without a delivery, I'll send a new {product} straight "
                "away and settle the lost one with {carrier} ourselves.",
                "If that date slips too, just reply to this email and I'll either reship the "
                "{short} or refund the full {total}, whichever you prefer.",
            ),
        ),
    ),
    Scenario(
        "shipping_delivery",
        "delivered_not_received",
        "problem",
        "{who} reports that order #{order} shows as delivered on {delivered} but never arrived.",
        (
            "Tracking for order #{order} says it was delivered on {delivered}, but nothing was "
            "left at my door.",
            "According to {carrier} my package was delivered {delivered}. It wasn't. I've "
            "checked everywhere.",
            "My {short} (order {order}) is marked as delivered, but I never received it.",
            "I got a delivery notification for order #{order} on {delivered}, but there was no "
            "box when I got home.",
        ),
        (
            (
                "I've already asked my neighbors and checked the mailroom.",
                "Thank you for already checking with your neighbors and the mailroom; that saves "
                "us a step.",
            ),
            (
                "The delivery photo shows a porch that isn't mine.",
                "A delivery photo of someone else's porch is a strong sign the driver left it at "
                "the wrong address, and I've included that in the claim.",
            ),
            (
                "I live in an apartment building and packages sometimes end up at the front "
                "desk, but they don't have it either.",
                "",
            ),
            (
                "This is the second package from you that's gone missing this year.",
                "I'm sorry this has happened twice, so I've flagged your address with our "
                "shipping team and future orders will need a signature.",
            ),
        ),
        (
            "What can you do?",
            "Can you look into this please?",
            "I'd like either a replacement or a refund.",
            "How do we fix this?",
        ),
        (
            (
                "{carrier} recorded order #{order} as delivered on {delivered}, but the GPS point "
                "on the scan is about a block from your address, so I've filed a missing-package "
                "claim.",
                "I've opened a claim with {carrier} for order #{order}; they sometimes mark a "
                "package delivered early and then drop it off the following morning.",
                "I've reported order #{order} to {carrier} as delivered but not received and "
                "asked them to check with the driver who scanned it on {delivered}.",
            ),
            (
                "Rather than make you wait on their investigation, I've already sent a "
                "replacement {product}, which should arrive by {new_eta}.",
                "You don't need to wait for the outcome: a replacement {product} is on its way "
                "and should land by {new_eta}.",
                "If you'd prefer a refund to a replacement, I can return the full {total} to "
                "your card ending in {last4} today.",
            ),
            (
                "If the original box turns up after all, keep it somewhere safe and let me know, "
                "and we'll send you a prepaid label for it.",
                "If the first package does appear, reply here and I'll email a free return label "
                "for whichever one you don't need.",
                "",
            ),
        ),
    ),
    Scenario(
        "shipping_delivery",
        "damaged_in_transit",
        "problem",
        "{who} received the {product} from order #{order} damaged in transit and wants it "
        "replaced.",
        (
            "My {short} from order #{order} arrived broken: {damage}.",
            "The box for order {order} showed up crushed and the {short} inside is damaged.",
            "I just opened my delivery (order #{order}) and the {product} is damaged, {damage}.",
            "Unfortunately the {product} I received today was damaged in shipping. {damage_cap}.",
        ),
        (
            (
                "The outer box had a huge dent in one corner.",
                "Thanks for mentioning the dented box; it tells me this happened in transit, not "
                "in our warehouse.",
            ),
            (
                "I took photos of the box and the damage if you need them.",
                "The photos would help with our carrier claim, so feel free to attach them, but "
                "the replacement doesn't depend on them.",
            ),
            (
                "It was a gift for my {relation}, so I'm pretty disappointed.",
                "I know this was meant for your {relation}, which makes it extra disappointing, "
                "and I'm sorry.",
            ),
            ("The order total was {total}.", ""),
        ),
        (
            "Can you send a replacement?",
            "What's the fastest way to get a new one?",
            "Do I need to send the broken one back?",
            "How should I proceed?",
        ),
        (
            (
                "I've sent a replacement {product} under order #{order}, and it should reach you "
                "by {new_eta}.",
                "A brand-new {product} is already on its way to you at no charge, with delivery "
                "expected by {new_eta}.",
                "I've put through a free replacement {product}; it leaves our warehouse tomorrow "
                "and should arrive around {new_eta}.",
            ),
            (
                "There's no need to send the damaged one back, so please recycle it or dispose "
                "of it however is easiest.",
                "You don't need to return the damaged {short}; we'll handle the claim with "
                "{carrier} directly.",
                "Please don't go to the trouble of shipping the broken one back to us.",
            ),
            (
                "I've also asked our warehouse to double-box this shipment.",
                "",
                "I've added extra padding instructions to the order so this doesn't happen twice.",
            ),
        ),
        products="hard",
    ),
    Scenario(
        "shipping_delivery",
        "partial_shipment",
        "problem",
        "{who} received only part of order #{order}: the {product2} arrived but the {product} "
        "is missing.",
        (
            "I ordered a {product} and a {product2} (order #{order}) but only the {short2} came.",
            "Order {order} arrived today, but it was missing the {short}. The {short2} was there.",
            "Only half my order showed up. The {short2} is here, but there's no {short}.",
            "My package for order #{order} only had the {product2} in it. Where's my {short}?",
        ),
        (
            (
                "The packing slip lists both items.",
                "Good catch on the packing slip: it lists everything on the order, even items "
                "shipping separately, which is confusing, and I've passed that feedback on.",
            ),
            (
                "I don't see a second tracking number anywhere.",
                "The second tracking number only appears once that parcel is scanned, which is "
                "why you couldn't find it yet.",
            ),
            ("I paid {total} for the two of them.", ""),
        ),
        (
            "Is the rest coming separately or did it get left out?",
            "Can you check whether it was ever shipped?",
            "Please let me know what happened to it.",
        ),
        (
            (
                "The {product} on order #{order} ships from our second warehouse, so it's "
                "travelling separately with {carrier}.",
                "Your order #{order} was split into two parcels: the {short2} came from our main "
                "warehouse, and the {product} left a different facility on {ship_date}.",
                "I checked order #{order}, and the {product} was packed on its own because of "
                "its size; it's with {carrier} now.",
            ),
            (
                "It's scheduled to arrive on {new_eta}, and the tracking number ends in {tail}.",
                "{carrier} expects to deliver it by {new_eta} (tracking ending {tail}).",
            ),
            (
                "If it hasn't arrived by then, let me know and I'll send another {short} right "
                "away.",
                "Sorry for the confusion; we should have told you it was coming in two boxes.",
                "",
            ),
        ),
    ),
    Scenario(
        "shipping_delivery",
        "delivery_time_question",
        "question",
        "{who} asks how long shipping to {city} takes for the {product} and whether it will "
        "arrive by {event_date}.",
        (
            "How long does shipping usually take to {city}? I'm looking at the {product} and "
            "need it by {event_date}.",
            "Before I order the {short}, can you tell me roughly when it would arrive in {city}? "
            "I'd need it before {event_date}.",
            "I want to order a {product} but I need it by {event_date}. I'm in {city}.",
            "Quick question about delivery times to {city} for the {short}: would it make it by "
            "{event_date}?",
        ),
        (
            (
                "It's for my {relation}'s birthday.",
                "I hope the {short} makes your {relation}'s birthday a good one.",
            ),
            ("I'm not a Plus member, if that changes anything.", "{ship_note}"),
            ("We're heading out of town on {event_date}.", ""),
        ),
        (
            "Is expedited shipping an option?",
            "Would it get here in time?",
            "Thanks for letting me know!",
            "What would you recommend?",
        ),
        (
            (
                "Standard shipping to {city} usually takes 3–7 business days, and orders placed "
                "before 1 p.m. Eastern leave the warehouse the same day.",
                "Most orders to {city} arrive within 3–7 business days with standard shipping.",
                "For {city}, standard delivery is typically 3–7 business days from the day you "
                "order.",
            ),
            (
                "If you need it sooner, expedited shipping is $14.95 and arrives in 2 business "
                "days.",
                "Expedited shipping ($14.95) gets it there in 2 business days if you're cutting "
                "it close.",
                "There's also a 2-business-day expedited option for $14.95 at checkout.",
            ),
            (
                "Ordering by {order_by} would get the {product} to you before {event_date} with "
                "either option.",
                "To be safe for {event_date}, I'd place the order for the {short} by {order_by}.",
            ),
        ),
        products="nonfreight",
    ),
    Scenario(
        "shipping_delivery",
        "expedite_upgrade",
        "request",
        "{who} wants to upgrade order #{order} ({product}) to expedited shipping to have it "
        "before {event_date}.",
        (
            "I placed order #{order} {recent} with standard shipping, but now I need it sooner.",
            "Can I upgrade order {order} to expedited shipping? It's the {product}.",
            "Is it too late to switch order #{order} to faster shipping? I need the {short} "
            "before {event_date}.",
            "I just realized standard shipping won't get my {short} here in time. Order number "
            "{order}.",
        ),
        (
            (
                "It's for a trip that starts on {event_date}.",
                "Your trip on {event_date} leaves a comfortable buffer with the new date.",
            ),
            ("I'm happy to pay the difference.", ""),
            ("I ordered it {recent}, so hopefully it hasn't gone out yet.", ""),
        ),
        (
            "Please let me know if that's possible.",
            "What would it cost?",
            "Can you make that change for me?",
        ),
        (
            (
                "Good news: order #{order} hadn't been packed yet, so I've upgraded it to "
                "expedited shipping.",
                "I caught order #{order} before it left the warehouse and switched it to 2-day "
                "expedited shipping.",
            ),
            (
                "The $14.95 upgrade has been charged to your card ending in {last4}, and the new "
                "delivery date is {new_eta}.",
                "I've waived the $14.95 upgrade fee this time; the {product} should now arrive by "
                "{new_eta}.",
                "You'll see a separate $14.95 charge for the upgrade, and the {short} is now due "
                "on {new_eta}.",
            ),
            ("That leaves plenty of margin before {event_date}.", ""),
        ),
        products="nonfreight",
    ),
    Scenario(
        "shipping_delivery",
        "freight_scheduling",
        "problem",
        "{who} hasn't been contacted to schedule freight delivery of the {product} on order "
        "#{order}.",
        (
            "My {product} (order #{order}) is supposed to come by freight, but nobody has called "
            "to schedule it.",
            "I was told the freight company would contact me to set up a delivery window for the "
            "{short}. It's been over a week and nothing.",
            "How do I schedule delivery for my {short}? Order {order}.",
            "Still no call from the freight people about my {product}. Order number {order}.",
        ),
        (
            (
                "I work weekdays, so I'd need an evening or Saturday slot.",
                "I've asked for an evening or Saturday window since you work weekdays, and "
                "they'll confirm which one fits.",
            ),
            (
                "I have stairs up to my front door, is that a problem?",
                "Stairs aren't a problem, because the freight team does threshold delivery, "
                "which includes carrying it up to your front door.",
            ),
            ("I ordered it on {order_date}.", ""),
        ),
        (
            "Who should I contact?",
            "Can you help me get it scheduled?",
            "When will it actually arrive?",
        ),
        (
            (
                "Large items like the {product} ship with our freight partner, Ridgeway Freight, "
                "and they usually call within 3 business days of pickup.",
                "I checked with our freight partner, and order #{order} reached their local "
                "terminal on {stuck_date}, but the scheduling call was never made.",
                "I've escalated order #{order} with our freight partner; the {short} is at their "
                "terminal and ready to book.",
            ),
            (
                "They'll call you by {ship_by} to agree on a four-hour delivery window.",
                "I've asked them to reach out by {ship_by} with available delivery windows.",
            ),
            (
                "Freight delivery is free and includes bringing it to your door, but not assembly.",
                "",
                "If you don't hear from them by {ship_by}, reply here and I'll book the slot for "
                "you directly.",
            ),
        ),
        products="freight",
    ),
    Scenario(
        "shipping_delivery",
        "tracking_not_working",
        "problem",
        "{who} can't track order #{order} because the tracking number isn't working.",
        (
            "The tracking number for order #{order} doesn't work; {carrier} says it can't find it.",
            "I got a shipping confirmation for order {order} on {ship_date}, but tracking just "
            'says "label created".',
            "Tracking for my {short} hasn't worked since I got the shipping email.",
            "I never received a tracking number for order #{order}, only a note that it shipped.",
        ),
        (
            ("I've tried on the {carrier} site and in your app.", ""),
            (
                "It's been {ship_days} days since the shipping email.",
                "{ship_days} days without a working tracking number is too long, and I'm sorry.",
            ),
        ),
        (
            "Can you check if it actually shipped?",
            "Can you send me a working tracking number?",
            "Is my order actually on its way?",
        ),
        (
            (
                "Order #{order} was handed to {carrier} on {ship_date}; their system just took "
                "longer than usual to pick up the label.",
                "I checked, and order #{order} is definitely moving: the first {carrier} scan "
                "happened on {stuck_date}, it just didn't sync to your tracking page.",
                "The label for order #{order} was printed on {ship_date}, but {carrier} only "
                "scanned the parcel on {stuck_date}, which is why tracking looked dead.",
            ),
            (
                "The tracking number ends in {tail}, and it should work on their site now.",
                "It's now showing in transit with an estimated delivery of {new_eta}.",
                "{carrier} currently expects to deliver it on {new_eta}.",
            ),
            ("I've resent the shipping email with the updated tracking details.", ""),
        ),
    ),
    Scenario(
        "shipping_delivery",
        "returned_to_sender",
        "problem",
        "{who}'s order #{order} is being returned to sender because of an address problem.",
        (
            'Tracking for order #{order} now says "returning to sender". Why?',
            "My {short} was apparently undeliverable and is going back to you. Order {order}.",
            "{carrier} says my package (order #{order}) couldn't be delivered because of an "
            "address issue, but my address is correct.",
        ),
        (
            (
                "I just moved, so maybe the old address was on the order?",
                "You were right about the move: the order still had your previous address, so "
                "I've updated it on the account too.",
            ),
            (
                "My apartment number was definitely included.",
                "You're right that the apartment number was there; {carrier} dropped it when "
                "they printed their own label, which is on them, not you.",
            ),
        ),
        (
            "Can you reship it?",
            "Can it be redirected instead of going all the way back?",
            "What happens now?",
        ),
        (
            (
                "I contacted {carrier} about order #{order}; the parcel is already on its way "
                "back to us, so it can't be redirected.",
                "Once a package is flagged as return-to-sender, {carrier} won't redirect it, so "
                "order #{order} will come back to our warehouse.",
            ),
            (
                "Rather than wait for it, I've shipped a new {product} to the corrected address, "
                "arriving by {new_eta}.",
                "I've already sent a fresh {product} today at no extra cost, and it should be "
                "with you by {new_eta}.",
                "If you'd prefer, I can refund the {total} instead once the original gets back "
                "to us.",
            ),
            ("There's nothing you need to do with the original when it comes back to us.", ""),
        ),
    ),
    Scenario(
        "shipping_delivery",
        "international_shipping",
        "question",
        "{who} asks whether Fernwood ships the {product} to {country} and what it costs.",
        (
            "Do you ship to {country}? I'd love to order the {product}.",
            "I'm based in {country}. Can I order the {short} from your store?",
            "Is international shipping to {country} available? I'm interested in a {short}.",
        ),
        (
            (
                "Will I have to pay customs fees on delivery?",
                "On customs: duties and taxes are calculated and paid at checkout, so there's "
                "nothing to pay at the door.",
            ),
            (
                "A friend in the States recommended you.",
                "Please thank your friend for the recommendation!",
            ),
        ),
        ("How much would shipping be?", "How long would it take?", "Thanks in advance."),
        (
            (
                "We do ship to {country}! International orders go out with our global partner "
                "and usually arrive in 6–12 business days.",
                "Yes, {country} is one of the places we ship to, with delivery typically taking "
                "6–12 business days.",
            ),
            (
                "Shipping for the {product} to {country} would be {intl_fee}, shown at checkout "
                "before you pay.",
                "For a {short}, international shipping comes to {intl_fee}.",
            ),
            (
                "Just note that returns from {country} aren't free, so double-check sizing and "
                "dimensions before ordering.",
                "Duties and import taxes are collected at checkout, so the price you see is what "
                "you pay.",
                "",
            ),
        ),
        products="nonfreight",
    ),
)

BILLING = (
    Scenario(
        "billing",
        "double_charge",
        "problem",
        "{who} was charged twice ({total} each) for order #{order}.",
        (
            "I was charged twice for order #{order}. Two charges of {total} on my card.",
            "My bank statement shows {total} taken twice for the same order ({order}).",
            "Double charge on my card ending {last4} for order {order}, please fix.",
            "Hi, I think I got billed two times for my {short}. Order #{order}, {total} each.",
        ),
        (
            ('I only clicked "place order" once.', ""),
            (
                "Money's tight this month so I really need that back.",
                "I understand money is tight, so I've prioritized this to move as fast as our "
                "payment processor allows.",
            ),
            ("Both charges show the same date, {order_date}.", ""),
        ),
        ("Please refund the extra charge.", "Can you reverse one of them?", "Which one is real?"),
        (
            (
                "I checked order #{order}, and you're right: our payment processor captured "
                "{total} twice on {order_date}.",
                "Looking at order #{order}, the second {total} is a duplicate capture caused by "
                "a timeout during checkout.",
                "One of the two {total} charges on your card ending in {last4} was a duplicate "
                "that our system should have released automatically.",
            ),
            (
                "I've reversed the duplicate today, and your bank should show it back on your "
                "card within 3–5 business days.",
                "The extra {total} has been refunded; banks typically take 3–5 business days to "
                "post it.",
            ),
            ("Your order itself is unaffected and still on schedule.", ""),
        ),
    ),
    Scenario(
        "billing",
        "charged_no_confirmation",
        "problem",
        "{who} was charged {total} for the {product} but never got an order confirmation.",
        (
            "My card was charged {total} on {order_date} but I never got an order confirmation.",
            "I tried to buy the {product} and the payment went through, but the site gave me an "
            "error and no order number.",
            "Money left my account ({total}) for a {short}, but I have no order email. What "
            "happened?",
        ),
        (
            ("I checked my spam folder too.", ""),
            (
                "The page froze after I hit pay.",
                "The frozen page you saw lines up with a brief checkout slowdown we had that "
                "afternoon.",
            ),
        ),
        (
            "Did the order actually go through?",
            "Can you confirm whether I have an order or just a charge?",
            "Please either confirm the order or give me my money back.",
        ),
        (
            (
                "The order did go through: it's order #{order} for the {product}, placed on "
                "{order_date}.",
                "I found it: your {total} payment created order #{order}, but the confirmation "
                "email never sent.",
                "Good news, order #{order} for the {product} was created on {order_date}, and "
                "only the confirmation email failed.",
            ),
            (
                "I've resent the confirmation, and the {short} is due to ship by {ship_by}.",
                "A fresh confirmation is on its way to your inbox, and the order is set to leave "
                "our warehouse by {ship_by}.",
            ),
            (
                "If you'd rather cancel it, just say so before {ship_by} and I'll refund the full "
                "{total}.",
                "",
            ),
        ),
    ),
    Scenario(
        "billing",
        "promo_not_applied",
        "request",
        "{who} wants promo code {promo} ({promo_pct} off) applied to order #{order} after the "
        "fact.",
        (
            "I used the code {promo} at checkout but it didn't take {promo_pct} off order "
            "#{order}.",
            "The promo code {promo} didn't apply to my order #{order}.",
            "Forgot to enter {promo} when I ordered my {short} yesterday. Can it still be applied?",
            "Your email said {promo} gives {promo_pct} off, but I was charged full price for "
            "order {order}.",
        ),
        (
            ("I paid {total} for the {short}.", ""),
            ("I got the code in your newsletter.", ""),
            (
                'The site said the code was "not valid for this item".',
                'The "not valid for this item" message was a bug on our side that affected some '
                "products that week.",
            ),
        ),
        (
            "Can you refund the difference?",
            "Could you apply it retroactively?",
            "Is there anything you can do?",
        ),
        (
            (
                "I've applied {promo} to order #{order} retroactively, which works out to "
                "{promo_saving}.",
                "I went ahead and honored {promo} on order #{order}: that's {promo_pct} off, or "
                "{promo_saving}.",
            ),
            (
                "The {promo_saving} refund is going back to your card ending in {last4} and "
                "should post within 3–5 business days.",
                "You'll see {promo_saving} credited back to the original payment method in 3–5 "
                "business days.",
            ),
            ("Next time, the code box sits just above the order total on the payment step.", ""),
        ),
    ),
    Scenario(
        "billing",
        "price_drop_adjustment",
        "request",
        "{who} asks for a price adjustment because the {product} dropped from {price} to "
        "{new_price} after purchase.",
        (
            "I bought the {product} on {purchase_date} for {price}, and now it's on sale for "
            "{new_price}.",
            "The {short} I ordered on {purchase_date} (order #{order}) just dropped to "
            "{new_price}.",
            "Saw the {short} is now {new_price}. I paid {price} for it on {purchase_date}.",
        ),
        (
            (
                "Kind of annoying to see that right after buying.",
                "I get it, it's never fun to see a sale right after you check out.",
            ),
            ("It hasn't even arrived yet.", ""),
        ),
        (
            "Do you do price adjustments?",
            "Can I get the difference back?",
            "Is there a price match policy?",
        ),
        (
            (
                "We offer price adjustments within 14 days of purchase, and order #{order} is "
                "well within that window.",
                "Since you bought it on {purchase_date}, you're inside our 14-day price "
                "adjustment window.",
            ),
            (
                "I've refunded the {diff} difference to your card ending in {last4}; it should "
                "show within 3–5 business days.",
                "The {diff} difference between {price} and {new_price} is on its way back to "
                "your original payment method.",
            ),
            ("", "Price adjustments cover our own prices only, in case you see it elsewhere."),
        ),
    ),
    Scenario(
        "billing",
        "sales_tax_question",
        "question",
        "{who} asks why {tax_amount} in sales tax was charged on order #{order} shipped to {city}.",
        (
            "Why was I charged {tax_amount} in sales tax on order #{order}?",
            "I didn't expect tax on my {short} order. It added {tax_amount}.",
            "Can you explain the tax line on my receipt for order {order}? It says {tax_amount}.",
        ),
        (
            (
                "I'm pretty sure I've never been charged tax by you before.",
                "You may not have seen tax before because some states only recently started "
                "requiring online stores to collect it.",
            ),
            ("The order was shipped to {city}.", ""),
        ),
        ("Is that correct?", "Can you double-check it?", "Was that a mistake?"),
        (
            (
                "Sales tax is based on the delivery address, and the combined rate for {city} is "
                "{tax_rate}.",
                "We're required to collect sales tax at the rate for the shipping address, which "
                "for {city} is {tax_rate}.",
            ),
            (
                "On the {product} subtotal of {total}, that comes to {tax_amount}, so the charge "
                "on order #{order} is correct.",
                "That works out to exactly {tax_amount} on order #{order}, so the amount was "
                "right.",
            ),
            (
                "If you're buying for a tax-exempt organization, send me the exemption "
                "certificate and I'll refund the tax.",
                "",
            ),
        ),
    ),
    Scenario(
        "billing",
        "invoice_request",
        "request",
        "{who} needs an itemized invoice for order #{order} made out to {company}.",
        (
            "Could I get an itemized invoice for order #{order}? I need it for an expense "
            "report at {company}.",
            "My company, {company}, is reimbursing me for the {product}, and they need a proper "
            "invoice, not the order email.",
            "I need a receipt showing the company name {company} for order {order}.",
        ),
        (
            (
                "It needs to show the tax separately.",
                "The invoice lists tax on its own line, as your finance team asked.",
            ),
            ("Our finance team is strict about this.", ""),
        ),
        ("Can you send one over?", "Is that possible?", "Where do I find that?"),
        (
            (
                "I've generated a PDF invoice for order #{order} with {company} in the bill-to "
                "field and attached it to this email.",
                "Attached is an itemized invoice for order #{order}, made out to {company}.",
            ),
            (
                "It shows the {product} at {price}, shipping, and tax as separate lines.",
                "It breaks out the {product}, the shipping charge and tax, with a total of "
                "{total} before tax.",
            ),
            (
                "For future orders, you can download invoices yourself from Account > Orders > "
                "View invoice.",
                "If you add the company name under Account > Billing, it will appear on future "
                "invoices automatically.",
            ),
        ),
    ),
    Scenario(
        "billing",
        "card_declined",
        "problem",
        "{who}'s card ending in {last4} keeps getting declined at checkout for the {product}.",
        (
            "My card keeps getting declined when I try to buy the {product}, but it works "
            "everywhere else.",
            'Checkout says "{decline_msg}" every time I try to pay for the {short}.',
            "Why is my card ending {last4} being declined on your site? I'm trying to order a "
            "{short}.",
        ),
        (
            (
                "My bank says they aren't blocking anything.",
                "Thanks for checking with your bank; that rules out the most common cause.",
            ),
            ("I've tried three times now.", ""),
        ),
        ("What's going on?", "How do I get this order through?", "Can you help?"),
        (
            (
                "I looked at the attempts on your account, and they're failing our address "
                "check: the billing ZIP code entered doesn't match the one your bank has.",
                "The declines on your card ending in {last4} came back from our processor as an "
                "address mismatch, not a problem with the card itself.",
                "Those attempts were blocked by our fraud filter because the billing and "
                "shipping names didn't match, which happens a lot with gift orders.",
            ),
            (
                "If you re-enter the billing address exactly as it appears on your statement, it "
                "should go through.",
                "I've cleared the flag on your account, so please try once more and it should "
                "be accepted.",
            ),
            (
                "The {product} is still in your cart at {price}, and I've held the stock for you "
                "for 48 hours.",
                "",
            ),
        ),
    ),
    Scenario(
        "billing",
        "pending_hold",
        "problem",
        "{who} cancelled order #{order} but still sees a pending {total} charge.",
        (
            "I cancelled order #{order} but there's still a pending charge of {total} on my card.",
            "You cancelled my order for the {short} but the money is still tied up.",
            "Why do I still have a {total} hold from Fernwood? Order {order} was cancelled.",
        ),
        (
            (
                "It's been {hold_days} days already.",
                "I know {hold_days} days feels like a long time for money to be tied up.",
            ),
            ("It's on my debit card, so it matters.", ""),
        ),
        ("When will it go away?", "Can you release it?", "Please fix this."),
        (
            (
                "Order #{order} was cancelled before we captured payment, so the {total} is only "
                "an authorization hold, not a charge.",
                "Good news: you were never actually charged for order #{order}; what you see is "
                "a temporary {total} authorization.",
            ),
            (
                "I've sent a release request to your bank, and holds usually drop off within 5–7 "
                "business days.",
                "Your bank controls when the hold falls off, typically 5–7 business days, but "
                "I've sent them a void notice to speed it up.",
            ),
            (
                "If it's still there after {hold_clear}, reply with a screenshot and I'll chase "
                "it with our processor.",
                "",
            ),
        ),
    ),
    Scenario(
        "billing",
        "gift_card_not_applied",
        "problem",
        "{who}'s {gc_amount} gift card wasn't applied to order #{order}.",
        (
            "I entered my gift card at checkout for order #{order} but my credit card was "
            "charged the full {total}.",
            "My {gc_amount} gift card didn't get applied when I bought the {short}.",
            "I have a gift card from my {relation} worth {gc_amount}, but it wasn't used on "
            "order {order}.",
        ),
        (
            ("The gift card was a birthday present.", ""),
            ('I definitely clicked "apply".', ""),
        ),
        (
            "Can you fix this?",
            "Can you refund the card and use the gift card instead?",
            "What should I do?",
        ),
        (
            (
                "The gift card was entered on order #{order} but wasn't applied before payment, "
                "so your card covered the whole {total}.",
                "I can see the gift card code on order #{order}, but the apply step didn't "
                "complete, so it still has its full {gc_amount} balance.",
            ),
            (
                "I've now applied the {gc_amount} gift card to the order and refunded that "
                "amount to your card ending in {last4}.",
                "I've charged {gc_amount} to the gift card and sent the same amount back to your "
                "credit card, which takes 3–5 business days to show.",
            ),
            ("You'll get an updated receipt by email shortly.", ""),
        ),
    ),
    Scenario(
        "billing",
        "shipping_fee_charged",
        "problem",
        "{who} was charged $6.95 shipping on order #{order} even though it was over $75.",
        (
            "My order #{order} was {total}, which is over your $75 free shipping minimum, but I "
            "was charged $6.95 for shipping.",
            "Why did I pay shipping on the {short}? I thought orders over $75 shipped free.",
            "I was charged a shipping fee on order {order} even though it qualified for free "
            "shipping.",
        ),
        (
            (
                "I'm a Plus member too, so it should have been free either way.",
                "And as a Plus member you get free shipping on every order regardless of total, "
                "so you're doubly right.",
            ),
            ("It's only $6.95, but it's the principle.", ""),
        ),
        ("Can you refund it?", "Was that a mistake?", "Please take a look."),
        (
            (
                "You're right: order #{order} qualified for free standard shipping, and the "
                "$6.95 fee was added by mistake.",
                "I checked order #{order}, and the $6.95 shipping charge shouldn't have been "
                "there.",
            ),
            (
                "I've refunded the $6.95 to your card ending in {last4}.",
                "The $6.95 is on its way back to your original payment method and should show "
                "in 3–5 business days.",
            ),
            ("", "Sorry for the hassle, and thanks for spotting it."),
        ),
        products="over75",
    ),
)

RETURNS = (
    Scenario(
        "returns_exchanges",
        "start_return",
        "request",
        "{who} wants to return the {product} from order #{order}, delivered {delivered}.",
        (
            "I'd like to return the {product} from order #{order}.",
            "How do I send back the {short}? It arrived on {delivered} and it's not what I "
            "expected.",
            "I want to return my {short}, order {order}.",
            "Can I return something I bought on {order_date}? It's the {product}.",
        ),
        (
            (
                "I've only used it once.",
                "Using it once is fine, as we accept gently used items within the return window.",
            ),
            ("I still have the original box.", ""),
            ("{reason}", ""),
        ),
        (
            "What's the process?",
            "Do I have to pay for return shipping?",
            "Please send me a label.",
        ),
        (
            (
                "Order #{order} was delivered on {delivered}, so you're comfortably within our "
                "30-day return window.",
                "Since the {product} arrived on {delivered}, it's eligible for a return until "
                "{return_by}.",
            ),
            (
                "I've emailed you a prepaid return label with return ID {rma}; drop the package "
                "at any {carrier} location.",
                "I've set up return {rma} for you, and the {carrier} label is attached to this "
                "email.",
            ),
            (
                "A $6.95 return shipping fee will be deducted from your refund of {price}, "
                "unless you'd prefer store credit, which is free.",
                "Once it's scanned at our warehouse, we'll refund {price} minus the $6.95 "
                "return shipping fee.",
            ),
        ),
    ),
    Scenario(
        "returns_exchanges",
        "exchange_size",
        "request",
        "{who} wants to exchange the {product} from order #{order} from size {size} to {size2}.",
        (
            "The {short} I ordered in size {size} is too {fit}. Can I swap it for size {size2}?",
            "I need to exchange my {product} for a size {size2}, because the {size} doesn't fit.",
            "Order #{order}: the {short} in size {size} fits too {fit}, so I'd like size {size2} "
            "instead.",
        ),
        (
            (
                "I haven't worn it outside and the tags are still on.",
                "Perfect that the tags are still on, since that keeps the exchange simple.",
            ),
            ("I'd like the same color, {color}.", "I've kept it in {color}, same as before."),
        ),
        (
            "How do I do an exchange?",
            "Can you send the new one before I return the old one?",
            "Please help.",
        ),
        (
            (
                "I've set up an exchange on order #{order} for the {product} in size {size2}.",
                "Exchange {rma} is ready: the size {size2} {short} will replace your {size}.",
            ),
            (
                "We'll ship the {size2} as soon as {carrier} scans your return, and exchanges are "
                "always free.",
                "To save you time, I've sent the {size2} out today; just return the {size} within "
                "14 days using the prepaid label I've attached.",
            ),
            ("If you're ever between sizes, the {product} is {dims}.", ""),
        ),
        products="sized",
    ),
    Scenario(
        "returns_exchanges",
        "exchange_color",
        "request",
        "{who} wants to exchange the {color} {product} from order #{order} for {color2}.",
        (
            "I ordered the {product} in {color} but I think {color2} would suit our space better.",
            "Can I exchange my {color} {short} for the {color2} one? Order {order}.",
            "The {color} {short} looks a lot darker in person. I'd like to switch to {color2}.",
        ),
        (
            ("It's unused and still in the box.", ""),
            (
                "My {relation} has the {color2} one and I love it.",
                "Great choice; the {color2} is one of our most popular colors.",
            ),
        ),
        ("Is that possible?", "How does it work?", "What do I need to do?"),
        (
            (
                "{color2} is in stock, so I've set up exchange {rma} on order #{order}.",
                "Happy to swap it: the {color2} {product} is reserved for you under exchange "
                "{rma}.",
            ),
            (
                "Drop the {color} one at any {carrier} location with the attached label, and "
                "we'll ship the {color2} as soon as it's scanned.",
                "The prepaid label is attached, and the {color2} version ships the moment your "
                "return is in transit.",
            ),
            ("Color exchanges are free, so there's no charge either way.", ""),
        ),
    ),
    Scenario(
        "returns_exchanges",
        "wrong_item",
        "problem",
        "{who} received a {product2} instead of the {product} ordered on order #{order}.",
        (
            "I ordered the {product} but received a {product2} instead. Order #{order}.",
            "Wrong item in my box! I got a {short2}, not the {short} I paid for.",
            "Order {order} came today, and it's the wrong product: a {product2} instead of a "
            "{product}.",
        ),
        (
            ("The packing slip says {short} but the item doesn't match.", ""),
            (
                "I need the {short} by {event_date}.",
                "I've marked it priority so the {short} arrives well before {event_date}.",
            ),
        ),
        (
            "How do I get the right one?",
            "What do I do with the wrong item?",
            "Please sort this out.",
        ),
        (
            (
                "I'm sorry about the mix-up: I've shipped the correct {product} with expedited "
                "shipping, arriving by {new_eta}.",
                "The correct {product} is on its way now via expedited shipping at no charge, "
                "due {new_eta}.",
            ),
            (
                "Please send the {short2} back with the prepaid label attached; anytime in the "
                "next 30 days is fine.",
                "You can return the {product2} with the attached label whenever it's convenient.",
            ),
            ("I've also let our warehouse team know so they can check the bin.", ""),
        ),
    ),
    Scenario(
        "returns_exchanges",
        "warranty_defect",
        "problem",
        "{who}'s {product} failed after {months_used} months ({defect}) and needs a warranty "
        "claim.",
        (
            "My {product} is only {months_used} months old and {defect}.",
            "I bought the {short} in {month_bought}, and now {defect}.",
            "Is this covered by warranty? {defect_cap} on my {short}.",
        ),
        (
            ("I've taken good care of it.", ""),
            (
                "I can send a photo.",
                "A photo would be great for our quality team, though the claim doesn't depend "
                "on it.",
            ),
        ),
        (
            "Can I get it repaired or replaced?",
            "What are my options?",
            "How do I make a warranty claim?",
        ),
        (
            (
                "The {product} comes with a {warranty}, and what you've described is a "
                "manufacturing defect, so it's fully covered.",
                "That's definitely covered by the {product}'s {warranty}.",
            ),
            (
                "I've sent a replacement under warranty claim {rma}; it should arrive by "
                "{new_eta}.",
                "I've approved warranty claim {rma}, and a new {short} is shipping to you today.",
            ),
            (
                "No need to send the old one back.",
                "If you can, please recycle the old one, since we don't need it returned.",
                "",
            ),
        ),
    ),
    Scenario(
        "returns_exchanges",
        "return_window_passed",
        "request",
        "{who} asks to return the {product} from order #{order}, delivered {old_delivered}, "
        "outside the 30-day window.",
        (
            "I know it's been more than 30 days, but can I still return the {product}?",
            "My {short} arrived on {old_delivered} and I never got around to returning it. Any "
            "chance?",
            "I missed the return window for order #{order} by a couple of weeks.",
        ),
        (
            ("I was traveling for most of last month.", ""),
            (
                "It's completely unused.",
                "Since it's unused, it can go straight back on the shelf.",
            ),
        ),
        ("Would you make an exception?", "Is store credit possible?", "What can I do?"),
        (
            (
                "Order #{order} was delivered on {old_delivered}, {late_days} days ago, so it's "
                "past our standard 30-day window.",
                "Our return window for order #{order} closed on {window_closed}.",
            ),
            (
                "I've made a one-time exception and set up return {rma} for store credit of "
                "{price}.",
                "As a one-time courtesy, I can accept it for store credit, and return {rma} is "
                "ready with the prepaid label attached.",
            ),
            (
                "The credit will land in your account once the {short} is scanned at our "
                "warehouse.",
                "Store credit doesn't expire, so you can use it whenever you like.",
            ),
        ),
    ),
    Scenario(
        "returns_exchanges",
        "return_label_problem",
        "problem",
        "{who} can't use the return label for return {rma} on order #{order}.",
        (
            "The return label you sent for order #{order} won't scan at the {carrier} store.",
            "I never got the return label for my {short}.",
            "My return label for {rma} expired before I could drop the package off.",
        ),
        (
            ("The clerk said the barcode was invalid.", ""),
            ("I don't have a printer at home.", "No printer is no problem."),
        ),
        ("Can you send a new one?", "What should I do?", "Can you help?"),
        (
            (
                "I've voided the old label and emailed you a new prepaid {carrier} label for "
                "return {rma}.",
                "A fresh {carrier} label for return {rma} is attached to this email, valid for "
                "30 days.",
            ),
            (
                "You can also show the QR code on your phone at the counter instead of printing "
                "it.",
                "If you can't print it, the {carrier} counter can scan the QR code from your "
                "phone.",
            ),
            (
                "Your return window for order #{order} has been extended to {return_by} so "
                "there's no pressure.",
                "",
            ),
        ),
    ),
    Scenario(
        "returns_exchanges",
        "gift_return",
        "request",
        "{who} wants to return a {product} received as a gift, without a receipt.",
        (
            "I received a {product} as a gift, but I already have one. Can I return it without "
            "a receipt?",
            "My {relation} gave me a {short} from your store and I'd like to exchange it for "
            "something else.",
            "Gift return question: I have a {short} but no order number.",
        ),
        (
            (
                "I don't want them to find out I returned it!",
                "Don't worry, gift returns are discreet.",
            ),
            ("It's still sealed.", ""),
        ),
        ("How do I do that?", "Is that possible?", "What are my options?"),
        (
            (
                "Gift returns don't need a receipt, so I've created return {rma} for the "
                "{product} under your name.",
                "No receipt needed: I've created gift return {rma} for the {product}.",
            ),
            (
                "Once it's back, you'll get {price} in store credit that you can spend on "
                "anything.",
                "You'll receive the full {price} as store credit as soon as the return is scanned.",
            ),
            ("", "The original purchaser won't get any notification."),
        ),
    ),
    Scenario(
        "returns_exchanges",
        "freight_return",
        "request",
        "{who} wants to return the {product}, a freight item, from order #{order}.",
        (
            "I'd like to return the {product}. It's too big for our patio.",
            "How do returns work for something big like the {short}? Order #{order}.",
            "We assembled the {short} and it's just not comfortable. Can we return it?",
        ),
        (
            ("We still have the box.", ""),
            (
                "It's already assembled.",
                "It's fine that it's assembled; the pickup crew just needs it wrapped or boxed.",
            ),
        ),
        ("How does that work?", "What does it cost?", "Can you set it up?"),
        (
            (
                "Large items like the {product} are picked up by our freight partner, so you "
                "won't have to haul it anywhere.",
                "For freight items like the {short}, we arrange a curbside pickup.",
            ),
            (
                "I've requested a pickup for return {rma}; they'll call you by {ship_by} to book "
                "a window.",
                "Return {rma} is set up, and the freight team will reach out by {ship_by}.",
            ),
            (
                "A $49 freight return fee comes out of your {price} refund.",
                "The refund of {price}, minus the $49 freight return fee, goes out once it "
                "reaches our warehouse.",
            ),
        ),
        products="freight",
    ),
)

REFUNDS = (
    Scenario(
        "refunds",
        "refund_status",
        "problem",
        "{who} returned the {product} from order #{order} and hasn't received the {price} refund.",
        (
            "I sent back my {short} on {return_drop} and still haven't seen a refund.",
            "Where's my refund for order #{order}? The return was dropped off on {return_drop}.",
            "The return for my {product} shows as delivered to you, but no refund yet.",
        ),
        (
            ("I have the {carrier} drop-off receipt.", ""),
            (
                "Your site said refunds take 3–5 days.",
                "You're right that it should have been quicker than this.",
            ),
        ),
        ("When will I get my money?", "Can you check on it?", "What's the holdup?"),
        (
            (
                "Your return for order #{order} reached our warehouse on {return_scan}, but it "
                "sat in the inspection queue longer than it should have.",
                "I can see the {product} arrived back on {return_scan}; the refund step was "
                "stuck in our queue.",
            ),
            (
                "I've just issued the refund of {price} to your card ending in {last4}.",
                "The {price} refund went out today to your original payment method.",
            ),
            (
                "Most banks post it within 5–10 business days.",
                "Depending on your bank, it should appear within 5–10 business days.",
            ),
        ),
    ),
    Scenario(
        "refunds",
        "lost_package_refund",
        "problem",
        "{who} wants a refund instead of a replacement for lost order #{order}.",
        (
            "My order #{order} never arrived and I'd rather have a refund than a replacement.",
            "The {short} got lost in the mail. Please just refund me, I bought something locally.",
            "{carrier} lost my package (order {order}). I want my money back, all {total} of it.",
        ),
        (
            ("Tracking hasn't moved since {stuck_date}.", ""),
            ("I don't need it anymore.", ""),
        ),
        ("Can you process that?", "How long will it take?", "Please confirm."),
        (
            (
                "I've confirmed with {carrier} that order #{order} is lost in their network.",
                "{carrier} has confirmed order #{order} is lost, so you don't need to wait any "
                "longer.",
            ),
            (
                "I've issued a full refund of {total} to your card ending in {last4}, including "
                "shipping.",
                "A full {total} refund is on its way back to your original payment method.",
            ),
            (
                "If the package does turn up, keep it or send it back with a label we'll "
                "provide, your choice.",
                "You should see the money within 5–10 business days, depending on your bank.",
            ),
        ),
    ),
    Scenario(
        "refunds",
        "refund_to_closed_card",
        "question",
        "{who}'s refund for order #{order} went to a closed card ending in {last4}.",
        (
            "My refund for order #{order} was sent to a card I've since cancelled.",
            "The card ending in {last4} is closed now. Where does my refund for the {short} go?",
            "I got a refund notice for order {order}, but that card was replaced after fraud.",
        ),
        (
            ("My bank issued a new card with a different number.", ""),
            ("It's {price}, so I'd like to make sure it doesn't disappear.", ""),
        ),
        ("Will I still get it?", "What happens now?", "Can you send it another way?"),
        (
            (
                "When a refund goes to a closed card, the bank either forwards it to your new "
                "card or sends it back to us.",
                "Refunds always go back to the original payment method, but banks usually "
                "reroute them to the replacement account.",
            ),
            (
                "The {price} refund on order #{order} was issued on {refund_date}, so please "
                "check with your bank first.",
                "Your bank should apply the {price} from order #{order} to your new card; it was "
                "sent on {refund_date}.",
            ),
            (
                "If your bank rejects it, it comes back to us within about 10 days and I'll "
                "send it as store credit or a check, whichever you prefer.",
                "If it bounces back to us, I'll reach out so we can reissue it another way.",
            ),
        ),
    ),
    Scenario(
        "refunds",
        "return_fee_deducted",
        "question",
        "{who} asks why the refund for order #{order} was {refund_amount} instead of {price}.",
        (
            "I got a refund for the {short}, but it was {refund_amount} instead of {price}.",
            "Why was my refund short? I paid {price} and only got {refund_amount} back.",
            "The refund for order #{order} is less than I paid: {refund_amount} instead of "
            "{price}.",
        ),
        (
            (
                "The item was defective, so I don't think I should pay return shipping.",
                "And since you mention it was defective, that fee never should have applied.",
            ),
            ("Nobody told me about a fee.", ""),
        ),
        ("Can you explain?", "Is that right?", "Can I get the rest?"),
        (
            (
                "The difference is our $6.95 return shipping fee, which is deducted when a "
                "prepaid label is used.",
                "We deducted $6.95 for the prepaid return label, which is why the refund came to "
                "{refund_amount}.",
            ),
            (
                "As a courtesy, I've refunded the $6.95 as well, so you'll have the full {price} "
                "back on your card ending in {last4}.",
                "I've sent the remaining $6.95 back to your original payment method, bringing "
                "the total refund to {price}.",
            ),
            ("", "It should appear within 3–5 business days."),
        ),
    ),
    Scenario(
        "refunds",
        "cancelled_order_refund",
        "question",
        "{who} cancelled order #{order} and wants to know when the {total} refund arrives.",
        (
            "I cancelled order #{order} on {purchase_date}. When will I get my {total} back?",
            "You confirmed my cancellation for the {short}, but I haven't been refunded.",
            "Still no refund for cancelled order {order}. It was {total}.",
        ),
        (("I need that money for rent.", "I understand the timing matters."),),
        ("Any update?", "Can you check?", "When should I expect it?"),
        (
            (
                "Order #{order} was cancelled on {purchase_date}, and the full {total} refund "
                "was issued the same day.",
                "I can see the cancellation went through and the {total} was refunded to your "
                "card ending in {last4}.",
            ),
            (
                "Banks usually take 5–10 business days to post refunds, so it should appear by "
                "{refund_by}.",
                "It should reach your account by {refund_by} at the latest.",
            ),
            (
                "If it's not there by then, reply with a statement screenshot and I'll get a "
                "trace reference from our processor.",
                "",
            ),
        ),
    ),
    Scenario(
        "refunds",
        "damaged_item_refund",
        "problem",
        "{who} wants a refund rather than a replacement for the damaged {product} on order "
        "#{order}.",
        (
            "My {short} arrived damaged and I'd rather just get a refund.",
            "The {product} from order #{order} came broken: {damage}. I want a refund, not a "
            "replacement.",
            "Please refund order {order}. The {short} was damaged when it arrived.",
        ),
        (
            ("I've already bought one elsewhere.", ""),
            ("I have photos.", "Photos aren't needed for the refund."),
        ),
        ("How long will the refund take?", "Can you do that?", "Thanks."),
        (
            (
                "I've refunded the full {price} for the {product} to your card ending in {last4}.",
                "A full refund of {price} is on its way to your original payment method.",
            ),
            (
                "There's no need to return the damaged item; please recycle it.",
                "You can keep or recycle the damaged {short}; we don't need it back.",
            ),
            ("The money should show within 5–10 business days.", ""),
        ),
        products="hard",
    ),
    Scenario(
        "refunds",
        "credit_instead_of_refund",
        "problem",
        "{who} was given store credit for returning the {product} but wanted a card refund.",
        (
            "I returned my {short} and got store credit, but I wanted my money back on my card.",
            "Return {rma} was refunded as store credit. I never asked for that.",
            "Why did I get {price} in store credit instead of a refund for the {product}?",
        ),
        (("I don't plan to shop again soon.", ""),),
        ("Can you change it?", "Please send it to my card.", "Can this be fixed?"),
        (
            (
                "I'm sorry, return {rma} was processed as store credit by mistake.",
                "You're right, return {rma} should have gone back to your card.",
            ),
            (
                "I've removed the {price} credit from your account and refunded {price} to your "
                "card ending in {last4}.",
                "The {price} store credit has been reversed and the same amount refunded to your "
                "original payment method.",
            ),
            ("It should show within 5–10 business days.", ""),
        ),
    ),
    Scenario(
        "refunds",
        "discounted_item_refund",
        "question",
        "{who} asks why the refund for one item from order #{order} was less than its list price.",
        (
            "I returned just the {short} from order #{order}, and the refund was {refund_disc} "
            "even though it costs {price}.",
            "Why did I only get {refund_disc} back for the {product}? The price is {price}.",
            "My refund for the {short} seems low: {refund_disc} instead of {price}.",
        ),
        (("I kept the rest of the order.", ""),),
        ("Is that a mistake?", "Can you explain?", "Can you check?"),
        (
            (
                "Because order #{order} used {promo}, the {promo_pct} discount was spread across "
                "every item, so the {short} actually cost you {refund_disc}.",
                "Order #{order} had the {promo} code applied, which took {promo_pct} off each "
                "item, including the {short}.",
            ),
            (
                "That means {refund_disc} is the full amount you paid for it, and that's what we "
                "refunded.",
                "So the {refund_disc} refund matches what you were charged for it.",
            ),
            ("", "The refund went to your card ending in {last4}."),
        ),
    ),
)

ORDER_CHANGES = (
    Scenario(
        "order_changes",
        "change_address",
        "request",
        "{who} wants to change the shipping address on order #{order}, placed {recent}.",
        (
            "I just placed order #{order} {recent} and realized it's going to my old address.",
            "Can I change the shipping address on order {order}? I entered the wrong one.",
            "Please update the delivery address for my {short} order. I want it to go to my "
            "{relation} instead.",
        ),
        (
            ("I'm so sorry, I always do this.", "No apology needed; it happens all the time."),
            ("It's the {short} I ordered.", ""),
        ),
        ("Is it too late?", "Can you change it?", "What do you need from me?"),
        (
            (
                "Order #{order} hasn't been packed yet, so I've put it on a short hold.",
                "I caught order #{order} before it reached the packing line and paused it.",
            ),
            (
                "Just reply with the full new address and I'll update it right away.",
                "Send me the new street address in your reply and I'll switch it over.",
            ),
            (
                "It will still ship by {ship_by}.",
                "Once it's updated, the {product} is still on track to ship by {ship_by}.",
            ),
        ),
    ),
    Scenario(
        "order_changes",
        "cancel_order",
        "request",
        "{who} wants to cancel order #{order} ({product}), placed {recent}.",
        (
            "Please cancel order #{order}. I placed it {recent} by mistake.",
            "I'd like to cancel my order for the {product}. Order number {order}.",
            "Changed my mind about the {short}, can you cancel order {order}?",
        ),
        (
            ("I found a similar one locally.", ""),
            ("It hasn't shipped yet, I think.", ""),
        ),
        ("Thanks.", "Can you confirm once it's done?", "How long does the refund take?"),
        (
            (
                "I've cancelled order #{order} before it was packed.",
                "Order #{order} is cancelled; it hadn't left the warehouse yet.",
            ),
            (
                "The full {total} has been refunded to your card ending in {last4} and should "
                "show in 3–5 business days.",
                "You'll see the {total} back on your original payment method within 3–5 "
                "business days.",
            ),
            ("", "A cancellation confirmation is on its way to your inbox."),
        ),
    ),
    Scenario(
        "order_changes",
        "add_item",
        "request",
        "{who} wants to add a {product2} to order #{order}.",
        (
            "Can I add a {product2} to order #{order}? I forgot it.",
            "I just ordered the {short} and would like to add the {short2} to the same order.",
            "Is it possible to add an item to order {order}? I want a {product2} too.",
        ),
        (
            ("I'd like them to arrive together.", "They'll travel together."),
            ("Same card is fine.", ""),
        ),
        ("Is that possible?", "How do I do that?", "Thanks!"),
        (
            (
                "Paid orders can't be edited, so I've created a linked order #{order2} for the "
                "{product2} at {price2}.",
                "I've placed a second order, #{order2}, for the {short2} at {price2} and linked "
                "it to order #{order}.",
            ),
            (
                "It's charged to your card ending in {last4}, and both will ship together by "
                "{ship_by}.",
                "Both orders will be packed in one box and ship by {ship_by}, with no extra "
                "shipping charge.",
            ),
            ("", "You'll receive a separate confirmation for #{order2}."),
        ),
    ),
    Scenario(
        "order_changes",
        "change_color",
        "request",
        "{who} wants to change the {product} on order #{order} from {color} to {color2} before "
        "it ships.",
        (
            "I just ordered the {product} in {color} but I meant to pick {color2}. Order #{order}.",
            "Can I switch the color on order {order}? {color} to {color2}, please.",
            "I ordered the wrong color {short}. Could you change it to {color2}?",
        ),
        (("Sorry for the hassle.", ""), ("I placed it {recent}.", "")),
        ("Can you change it?", "Is it too late?", "Thanks in advance."),
        (
            (
                "Order #{order} hadn't been packed yet, so I've switched the {short} to {color2}.",
                "I've changed the {product} on order #{order} from {color} to {color2}.",
            ),
            (
                "The price is the same, and it still ships by {ship_by}.",
                "Nothing changes on the price, and it's still due to ship by {ship_by}.",
            ),
            ("", "An updated confirmation is on its way."),
        ),
    ),
    Scenario(
        "order_changes",
        "cancel_after_shipping",
        "request",
        "{who} wants to cancel order #{order}, but it has already shipped.",
        (
            "I need to cancel order #{order}, please.",
            "Please cancel my {short} order. Order {order}.",
            "Can I still cancel order #{order}? I don't need the {product} anymore.",
        ),
        (("I got the shipping email but I hope you can stop it.", ""),),
        ("Thanks.", "Is that possible?", "Please confirm."),
        (
            (
                "Unfortunately order #{order} was picked up by {carrier} {recent}, so I can't "
                "cancel it anymore.",
                "Order #{order} already left our warehouse with {carrier}, which means it can't "
                "be cancelled now.",
            ),
            (
                "Once it arrives, you can return it within 30 days, and I've set up return {rma} "
                "with a free label.",
                "The easiest option is to refuse the delivery, and {carrier} will bring it back "
                "to us for a full refund of {total}.",
            ),
            ("", "Your refund goes out as soon as it's back with us."),
        ),
    ),
    Scenario(
        "order_changes",
        "combine_orders",
        "request",
        "{who} wants orders #{order} and #{order2} shipped together.",
        (
            "I placed two orders, #{order} and #{order2}. Can they ship together?",
            "Could you combine order {order} with order {order2}? I paid shipping twice.",
            "I ordered the {short} and then the {short2} separately. Any way to combine them?",
        ),
        (("I'd like to save on shipping.", ""),),
        ("Is that possible?", "Can you refund one shipping charge?", "Thanks!"),
        (
            (
                "I've merged order #{order2} into order #{order}, so everything ships in one box.",
                "Orders #{order} and #{order2} are now combined into a single shipment.",
            ),
            (
                "I've refunded the second $6.95 shipping charge to your card ending in {last4}.",
                "The duplicate $6.95 shipping fee is on its way back to you.",
            ),
            ("Everything should ship by {ship_by}.", ""),
        ),
    ),
    Scenario(
        "order_changes",
        "remove_item",
        "request",
        "{who} wants to remove the {product2} from order #{order}.",
        (
            "Please remove the {product2} from order #{order}. I only want the {short}.",
            "Can you take the {short2} off my order {order}?",
            "I accidentally added a {product2} to order #{order}.",
        ),
        (("Everything else is fine.", ""),),
        ("Thanks!", "Can you refund it?", "Is it too late?"),
        (
            (
                "I've removed the {product2} from order #{order} before it was packed.",
                "The {short2} is off order #{order} now.",
            ),
            (
                "The {price2} for it is on its way back to your card ending in {last4}.",
                "You'll see a {price2} refund within 3–5 business days.",
            ),
            ("The {product} still ships by {ship_by}.", ""),
        ),
    ),
    Scenario(
        "order_changes",
        "hold_shipment",
        "request",
        "{who} wants order #{order} held until {hold_until} while they are away.",
        (
            "I'll be away until {hold_until}. Can you hold order #{order} until then?",
            "Could you delay shipping my {short} until after {hold_until}? Order {order}.",
            "Please don't ship order #{order} yet. I won't be home until {hold_until}.",
        ),
        (
            (
                "I don't want it sitting on my porch.",
                "I agree a porch isn't the place for a {short} for days.",
            ),
            ("It's the {product}.", ""),
        ),
        ("Is that possible?", "Can you do that?", "Thanks."),
        (
            (
                "I've put order #{order} on hold until {hold_until}.",
                "Order #{order} will stay in our warehouse until {hold_until}.",
            ),
            (
                "It will ship the next business day after that, and you'll get tracking by email.",
                "The day after {hold_until}, it'll go out with {carrier}.",
            ),
            ("", "Your card won't be charged again."),
        ),
    ),
)

PRODUCT_QUESTIONS = (
    Scenario(
        "product_question",
        "dimensions",
        "question",
        "{who} asks about the size and weight of the {product}.",
        (
            "What are the dimensions of the {product}?",
            "How big is the {short} exactly, and how much does it weigh?",
            "I'm trying to figure out if the {short} will fit in my space. How big is it?",
        ),
        (
            ("It's for {use_case}.", "It should suit {use_case} nicely."),
            ("I couldn't find the weight on the product page.", ""),
        ),
        ("Thanks!", "Can you let me know?", "Appreciate it."),
        (
            (
                "The {product} is {dims} and weighs {weight}.",
                "Here are the specs: the {product} is {dims}, and it weighs {weight}.",
            ),
            (
                "It's made from {material}.",
                "For reference, it's built from {material}.",
            ),
            ("I'll ask the web team to add the weight to the product page.", ""),
        ),
    ),
    Scenario(
        "product_question",
        "care_instructions",
        "question",
        "{who} asks how to clean and care for the {product}.",
        (
            "How should I clean the {product}?",
            "What's the best way to care for the {short}? I don't want to ruin it.",
            "Can I put the {short} in the washing machine or dishwasher?",
        ),
        (("I just got it last week.", ""),),
        ("Thanks!", "Any tips?", "Appreciate the help."),
        (
            (
                "The {product} is made from {material}, so to keep it in good shape, {care}.",
                "For the {product}, which is {material}, the best routine is to {care}.",
            ),
            (
                "Looked after that way, it's covered by our {warranty} for defects.",
                "",
            ),
        ),
    ),
    Scenario(
        "product_question",
        "outdoor_use",
        "question",
        "{who} asks whether the {product} can be used or left outdoors.",
        (
            "Can the {product} be left outside?",
            "Is the {short} okay in the rain?",
            "How does the {short} hold up outdoors?",
        ),
        (("We get a lot of rain here.", ""), ("It's for {use_case}.", "")),
        ("Thanks!", "Just want to be sure before buying.", "Let me know."),
        (
            (
                "Good question: the {product} {weather}.",
                "The {product} {weather}.",
            ),
            (
                "To keep it at its best, {care}.",
                "It's made from {material}, and it's covered by a {warranty}.",
            ),
        ),
        products="weather",
    ),
    Scenario(
        "product_question",
        "warranty_length",
        "question",
        "{who} asks what warranty covers the {product}.",
        (
            "What kind of warranty does the {product} have?",
            "How long is the warranty on the {short}?",
            "If the {short} breaks, is it covered?",
        ),
        (("I'm comparing a few brands.", ""),),
        ("Thanks!", "Just curious.", "Let me know."),
        (
            (
                "The {product} comes with a {warranty} covering defects in materials and "
                "workmanship.",
                "It's backed by a {warranty} against manufacturing defects.",
            ),
            (
                "It doesn't cover normal wear or accidental damage, but we look at every claim "
                "individually.",
                "Normal wear and accidents aren't included, though we're fair about borderline "
                "cases.",
            ),
            (
                "To make a claim, just reply to your order email with a photo.",
                "",
            ),
        ),
    ),
    Scenario(
        "product_question",
        "restock",
        "question",
        "{who} asks when the {color} {product} will be back in stock.",
        (
            "When will the {product} be back in stock in {color}?",
            "The {color} {short} shows sold out. Any idea when it's coming back?",
            "Are you restocking the {short} in {color}?",
        ),
        (("I've been waiting a while.", ""),),
        ("Thanks!", "Please let me know.", "Can you notify me?"),
        (
            (
                "The {color} {product} is due back on {restock_date}.",
                "We're expecting more {color} {short} stock around {restock_date}.",
            ),
            (
                "I've added you to the restock alert, so you'll get an email the day it lands.",
                "You're on the waitlist now, and you'll be notified as soon as it's available.",
            ),
            ("If you'd like something sooner, {color2} is in stock now.", ""),
        ),
    ),
    Scenario(
        "product_question",
        "compare_products",
        "question",
        "{who} asks about the difference between the {product} and the {product2}.",
        (
            "What's the difference between the {product} and the {product2}?",
            "Trying to decide between the {short} and the {short2}. Which would you pick?",
            "Can you compare the {short} and the {short2} for me?",
        ),
        (("It's for {use_case}.", "For {use_case}, it's worth weighing that."),),
        ("Thanks!", "Which one do you recommend?", "Appreciate it."),
        (
            (
                "The {product} is {material} and weighs {weight}, while the {product2} is "
                "{material2} and weighs {weight2}.",
                "Side by side, the {short} weighs {weight} and the {short2} weighs {weight2}.",
            ),
            (
                "Price-wise, it's {price} versus {price2}.",
                "They come in at {price} and {price2} respectively.",
            ),
            ("{advice}",),
        ),
        products="compare",
    ),
    Scenario(
        "product_question",
        "assembly",
        "question",
        "{who} asks whether the {product} needs assembly.",
        (
            "Does the {product} need to be assembled?",
            "How hard is the {short} to set up?",
            "Do I need any tools for the {short}?",
        ),
        (("I'm not very handy.", "You don't need to be especially handy for this one."),),
        ("Thanks!", "Let me know.", "Appreciate it."),
        (
            (
                "The {product} {assembly}.",
                "Setup is simple: the {product} {assembly}.",
            ),
            (
                "Instructions are in the box, and there's a video on the product page.",
                "The printed guide walks through every step.",
            ),
        ),
        products="assembly",
    ),
    Scenario(
        "product_question",
        "gift_wrap",
        "question",
        "{who} asks whether the {product} can be gift wrapped with a note.",
        (
            "Can you gift wrap the {product}?",
            "I'm sending the {short} to my {relation}. Do you offer gift wrapping?",
            "Is it possible to include a gift note with the {short}?",
        ),
        (("It's a surprise.", "We'll keep it a surprise."),),
        ("Thanks!", "How does it work?", "What does it cost?"),
        (
            (
                "Yes: gift wrapping is $5 per item and you can select it at checkout.",
                "We do wrap gifts, for $5 per item, selected at checkout.",
            ),
            (
                "You can add a note of up to 200 characters, and prices are hidden on the "
                "packing slip.",
                "The packing slip won't show prices, and there's room for a short note.",
            ),
            ("", "The {product} fits our standard gift box."),
        ),
    ),
    Scenario(
        "product_question",
        "key_specs",
        "question",
        "{who} asks about the key specs of the {product} for {use_case}.",
        (
            "What are the key specs on the {product}? I'm wondering if it'll work for {use_case}.",
            "Is the {short} a good fit for {use_case}?",
            "Can you tell me more about the {short}? It's for {use_case}.",
        ),
        (("I've read the reviews but want to hear from you.", ""),),
        ("Thanks!", "Let me know.", "Appreciate any advice."),
        (
            (
                "The headline spec is that it {spec}.",
                "The big thing to know is that it {spec}.",
            ),
            (
                "It's made from {material} and weighs {weight}.",
                "It's {dims} and weighs {weight}.",
            ),
            ("For {use_case}, I think it's a solid choice.", ""),
        ),
    ),
)

TECHNICAL = (
    Scenario(
        "technical_issue",
        "wifi_setup",
        "problem",
        "{who} can't connect the {product} to Wi-Fi in the Fernwood Home app.",
        (
            'My {product} won\'t connect to Wi-Fi. The Fernwood Home app just says "{wifi_err}".',
            "I can't get the {short} onto my Wi-Fi network. Setup fails every time.",
            'The {short} keeps failing setup in the app with "{wifi_err}".',
        ),
        (("My router is only a few feet away.", ""), ("I've restarted it twice.", "")),
        ("Any ideas?", "Is it defective?", "What should I try?"),
        (
            (
                "The {product} only works on a 2.4 GHz network, so if your router combines 2.4 "
                "and 5 GHz under one name, setup can fail.",
                'That "{wifi_err}" message usually means your phone is on a 5 GHz band, while '
                "the {short} needs 2.4 GHz.",
            ),
            (
                "Try holding the reset button for 10 seconds until the light blinks amber, then "
                "add it again in the app with your phone next to it.",
                "Reset the {short} by holding its button for 10 seconds, then retry setup.",
            ),
            (
                "If it still won't connect, I'll send a replacement under the {warranty}.",
                "",
            ),
        ),
        products="app",
    ),
    Scenario(
        "technical_issue",
        "battery_not_charging",
        "problem",
        "{who}'s {product} won't hold a charge.",
        (
            "My {product} won't hold a charge anymore.",
            "The {short} dies after about an hour even when fully charged.",
            "I can't get the {short} to charge at all.",
        ),
        (
            ("I bought it on {order_date}.", ""),
            ("I've tried two different cables.", "Thanks for trying two cables already."),
        ),
        ("Is this a known issue?", "What can I do?", "Can you help?"),
        (
            (
                "First, please charge it from a wall adapter rather than a laptop, since some "
                "laptops don't supply enough power.",
                "Try a full charge from a 5-volt wall adapter, not a computer port.",
            ),
            (
                "If it still drains fast, it's covered by the {warranty} and I'll replace it.",
                "If that doesn't help, I'll send a replacement {product} under warranty.",
            ),
            ("", "Let me know how it goes."),
        ),
        products="rechargeable",
    ),
    Scenario(
        "technical_issue",
        "solar_not_lighting",
        "problem",
        "{who}'s {product} doesn't turn on at night.",
        (
            "My {product} doesn't come on at night.",
            "The {short} worked for a week and now it won't light up after dark.",
            "I set up the {short} but it stays off at night.",
        ),
        (("It gets sun all afternoon.", ""), ("The switch is on.", "")),
        ("What am I doing wrong?", "Is it broken?", "Any tips?"),
        (
            (
                "The light sensor sometimes picks up a porch light and thinks it's still day, "
                "so try moving the panel away from other lights.",
                "Make sure the solar panel isn't near another light, because the sensor will "
                "keep it off.",
            ),
            (
                "Also give it two full sunny days to charge completely.",
                "Let it charge for two full days of sun before testing it again.",
            ),
            (
                "If it still stays dark, I'll replace it under the {warranty}.",
                "",
            ),
        ),
        products="solar",
    ),
    Scenario(
        "technical_issue",
        "checkout_error",
        "problem",
        '{who} gets the error "{checkout_err}" when checking out with the {product}.',
        (
            'I keep getting "{checkout_err}" when I try to check out.',
            'Your site won\'t let me buy the {short}. It says "{checkout_err}"',
            'Checkout error on {browser}: "{checkout_err}"',
        ),
        (("I've cleared my cache.", ""), ("I'm trying to buy the {product}.", "")),
        ("Can you help?", "Is the site down?", "How can I place my order?"),
        (
            (
                "We had a bug affecting some {browser} users this week, and it's fixed now.",
                "That error was caused by an issue on our side that's now resolved.",
            ),
            (
                "Please try again in a private window, and it should go through.",
                "If you'd like, I can place the order for you at {price} and send you a payment "
                "link.",
            ),
            ("", "Sorry for the frustration."),
        ),
    ),
    Scenario(
        "technical_issue",
        "app_crash",
        "problem",
        "{who}'s Fernwood app crashes on their {device} when opening {app_screen}.",
        (
            "The Fernwood app crashes every time I open {app_screen} on my {device}.",
            "Your app keeps closing when I tap {app_screen}.",
            "App crash on {device} whenever I go to {app_screen}.",
        ),
        (("I've reinstalled it.", ""), ("It started after the last update.", "")),
        ("Is there a fix?", "Any ideas?", "Please help."),
        (
            (
                "This is a known bug in version {app_version} on some devices, and a fix is "
                "rolling out this week.",
                "Our app team has reproduced this on the {device} and is shipping a fix soon.",
            ),
            (
                "In the meantime, you can reach {app_screen} from our website in your browser.",
                "Until then, the website works fine for everything the app does.",
            ),
            ("", "I'll follow up when the update is out."),
        ),
    ),
    Scenario(
        "technical_issue",
        "error_code",
        "problem",
        "{who}'s {product} shows error code {err_code}.",
        (
            "My {product} is showing error code {err_code}.",
            "The {short} displays {err_code} and stops working.",
            "What does {err_code} mean on the {short}?",
        ),
        (("It's only a few weeks old.", ""),),
        ("How do I fix it?", "Is it broken?", "What should I do?"),
        (
            (
                "{err_code} on the {product} means the temperature sensor reading is out of range.",
                "Error {err_code} points to a sensor fault on the {short}.",
            ),
            (
                "Unplug it for 10 minutes and restart; that clears it in most cases.",
                "A full power cycle usually clears it.",
            ),
            (
                "If the code comes back, I'll replace the unit under the {warranty}.",
                "If it returns, let me know and I'll send a replacement.",
            ),
        ),
        products="display",
    ),
    Scenario(
        "technical_issue",
        "igniter_failure",
        "problem",
        "{who}'s {product} igniter clicks but won't light.",
        (
            "The igniter on my {product} clicks but won't light. Order #{order}.",
            "My {short} won't light anymore. The igniter sparks but nothing catches.",
            "I've had the {short} since {month_bought} and now it won't ignite at all.",
        ),
        (
            (
                "The fuel tank is full.",
                "Thanks for confirming the fuel is full; that rules out the obvious.",
            ),
            (
                "It lights fine with a long match, just not with the button.",
                "Since it lights with a match, the burner is fine and the problem is the igniter "
                "itself.",
            ),
        ),
        ("Any tips?", "Is it defective?", "What should I check?"),
        (
            (
                "First, check that the regulator is fully threaded and the valve is open all the "
                "way, because a loose connection starves the igniter.",
                "Most of the time this comes down to the regulator connection, so unscrew it, "
                "check the rubber seal, and thread it back on firmly.",
            ),
            (
                "Also wipe the igniter tip with a dry cloth, since grease buildup can stop the "
                "spark from reaching the gas.",
                "Grease on the igniter tip is another common culprit, and a quick wipe usually "
                "fixes it.",
            ),
            (
                "If it still won't catch, I'll send a replacement igniter module for free under "
                "the {product}'s {warranty}.",
                "If none of that helps, the igniter is covered by the {warranty} and I'll ship a "
                "new one straight away.",
            ),
        ),
        products="ignition",
    ),
    Scenario(
        "technical_issue",
        "photo_upload",
        "problem",
        "{who} can't upload photos with their review of the {product}.",
        (
            "I'm trying to leave a review for the {product} but the photos won't upload.",
            'Photo upload keeps failing on my {short} review. It just says "upload failed".',
            "I can't add pictures to my review of the {short} from my {device}.",
        ),
        (
            ("I'm using the browser on my {device}.", ""),
            (
                "The review text posted fine, just not the pictures.",
                "Good to know the text went through; the photos can be added to it afterward.",
            ),
        ),
        ("Any ideas?", "What am I doing wrong?", "Can you help?"),
        (
            (
                "Our review uploader accepts JPG and PNG files up to 10 MB, and many phones save "
                "photos as HEIC by default, which it can't read yet.",
                "The most common cause is the file format: the uploader doesn't support HEIC "
                "yet, which is the default on a lot of phones.",
            ),
            (
                "If you attach the photos to a reply here, I'll add them to your {short} review "
                "myself.",
                'You can switch your camera setting to "Most Compatible", or simply reply with '
                "the photos and I'll upload them for you.",
            ),
            (
                "Thanks for taking the time to review the {product}; it genuinely helps other "
                "customers.",
                "",
            ),
        ),
    ),
    Scenario(
        "technical_issue",
        "missing_order_history",
        "problem",
        "{who} can't see order #{order} in their account's order history.",
        (
            "Order #{order} doesn't show up in my order history, but I got a confirmation email.",
            "I can't find my {short} order anywhere on the website when I'm logged in.",
            "My account doesn't list order {order}. Did it even go through?",
        ),
        (
            ("I definitely signed in first.", ""),
            (
                "I need it there to start a return.",
                "Now that it's linked, you can start the return right from Account > Orders.",
            ),
        ),
        ("Where did it go?", "Can you fix that?", "Any ideas?"),
        (
            (
                "Order #{order} was placed through guest checkout, probably because the session "
                "had signed you out, so it wasn't attached to your account.",
                "The order went through fine, but it was placed as a guest order, which is why "
                "your account couldn't see it.",
            ),
            (
                "I've linked order #{order} to your account, so it now appears under Account > "
                "Orders.",
                "I've attached it to your profile, and it should show up after you refresh the "
                "page.",
            ),
            ("The {product} is still scheduled to arrive by {new_eta}.", ""),
        ),
    ),
)

SUBSCRIPTION = (
    Scenario(
        "subscription",
        "cancel_plus",
        "request",
        "{who} wants to cancel their {plan} Fernwood Plus membership before it renews.",
        (
            "Please cancel my Fernwood Plus membership. I'm on the {plan} plan.",
            "I'd like to stop my Plus subscription before it renews on {next_renewal}.",
            "How do I cancel Plus? I can't find the option anywhere in my account.",
            "I want to end my Fernwood Plus membership, effective now if possible.",
        ),
        (
            (
                "I'm just not ordering enough to make it worth {plan_price}.",
                "That makes sense; Plus only pays off if you order a few times a year.",
            ),
            (
                "I already tried cancelling in the app but it just spins.",
                "Sorry the app got stuck; its cancel button has a bug we're fixing, so I've done "
                "it from our side.",
            ),
            ("Nothing wrong with the service, I'm just cutting back on subscriptions.", ""),
        ),
        (
            "Can you confirm once it's done?",
            "Please make sure I'm not charged again.",
            "Thanks for your help.",
        ),
        (
            (
                "I've cancelled your Fernwood Plus membership, so the {plan_price} {plan} "
                "renewal on {next_renewal} won't happen.",
                "Your Plus membership is now cancelled, and there will be no further "
                "{plan_price} charges to your card ending in {last4}.",
                "Done: your {plan} Plus membership is cancelled as of the end of the current "
                "period, {next_renewal}.",
            ),
            (
                "Your benefits, including free shipping and the 60-day return window, stay "
                "active until {next_renewal}.",
                "You'll keep free shipping and member pricing until {next_renewal}, so any order "
                "before then still gets the perks.",
            ),
            (
                "If you ever want to come back, you can restart Plus from Account > Membership "
                "in a couple of clicks.",
                "A cancellation confirmation is on its way to your inbox.",
                "",
            ),
        ),
    ),
    Scenario(
        "subscription",
        "pause_plus",
        "request",
        "{who} wants to pause their Fernwood Plus membership until {pause_until}.",
        (
            "Can I pause my Fernwood Plus membership until {pause_until}?",
            "I'd like to put Plus on hold for a while rather than cancel. I'm on the {plan} plan.",
            "Is there a way to pause Plus? I won't be ordering anything until {pause_until}.",
        ),
        (
            ("I'm moving for work and everything is in boxes.", "Good luck with the move!"),
            (
                "Money's a bit tight right now.",
                "Totally understandable, and pausing is exactly what the option is for.",
            ),
            (
                "I don't want to lose my member history.",
                "Pausing keeps your member history intact, including your original start date.",
            ),
        ),
        ("Is that possible?", "What happens to my benefits while it's paused?", "Let me know."),
        (
            (
                "I've paused your Plus membership until {pause_until}, and it will resume "
                "automatically that day.",
                "Your Plus membership is now on hold until {pause_until}.",
            ),
            (
                "You won't be charged the {plan_price} {plan} fee while it's paused, and your "
                "card ending in {last4} stays on file for when it resumes.",
                "There are no {plan_price} charges during the pause; billing picks up again on "
                "{pause_until}.",
            ),
            (
                "Free shipping and member discounts are switched off during the pause, so keep "
                "that in mind if you order before then.",
                "If you need to order something in the meantime, you can unpause it any time "
                "from Account > Membership.",
                "",
            ),
        ),
    ),
    Scenario(
        "subscription",
        "unexpected_renewal",
        "problem",
        "{who} was charged {plan_price} for a Plus renewal on {renewal_date} they didn't expect.",
        (
            "I was just charged {plan_price} for Fernwood Plus on {renewal_date}. I didn't "
            "realize it renewed automatically.",
            "Why did my Plus membership renew? I see a {plan_price} charge from {renewal_date} "
            "on my card ending {last4}.",
            "I got hit with a {plan_price} renewal for Plus and I honestly thought I had "
            "cancelled it.",
            "There's a Plus renewal charge of {plan_price} on my statement from {renewal_date} "
            "that I don't want.",
        ),
        (
            (
                "I haven't ordered anything in months.",
                "Since you haven't ordered in a while, it's fair to reverse this.",
            ),
            (
                "I never got a reminder email.",
                "You should have had a reminder a week before renewal, and I'm sorry it didn't "
                "reach you.",
            ),
        ),
        (
            "Can I get a refund?",
            "Please reverse it and cancel the membership.",
            "What can you do?",
        ),
        (
            (
                "I can see the {plan} renewal went through on {renewal_date}, and you haven't "
                "used any Plus benefits since then.",
                "Your {plan} Plus membership renewed on {renewal_date}, and no orders have used "
                "the benefits since.",
            ),
            (
                "I've refunded the full {plan_price} to your card ending in {last4} and "
                "cancelled the membership so it won't renew again.",
                "The {plan_price} is on its way back to your card ending in {last4}, and I've "
                "turned off auto-renewal.",
            ),
            ("Refunds usually post within 3–5 business days.", ""),
        ),
    ),
    Scenario(
        "subscription",
        "switch_to_annual",
        "request",
        "{who} wants to switch Fernwood Plus from monthly to annual billing.",
        (
            "Can I switch my Plus membership from monthly to annual? I think it works out cheaper.",
            "I'd like to change Fernwood Plus to yearly billing before my next renewal on "
            "{next_renewal}.",
            "How do I move to the annual Plus plan? I'm paying $8.99 a month at the moment.",
        ),
        (
            (
                "I order from you almost every month.",
                "With how often you order, annual definitely makes sense.",
            ),
            (
                "Will I lose anything by switching mid-cycle?",
                "You won't lose anything by switching now; the current month runs out as normal.",
            ),
        ),
        ("How much would it be?", "Can you make the change?", "Let me know what I need to do."),
        (
            (
                "I've switched your Fernwood Plus to the annual plan, starting on your next "
                "renewal date, {next_renewal}.",
                "From {next_renewal}, you'll be billed annually instead of monthly; I've made "
                "the change on your account.",
            ),
            (
                "The annual plan is $89.00 a year instead of $8.99 a month, which saves you "
                "$18.88 over twelve months.",
                "At $89.00 a year, that's $18.88 less than twelve monthly payments of $8.99.",
            ),
            ("The $89.00 will be charged to your card ending in {last4} on {next_renewal}.", ""),
        ),
    ),
    Scenario(
        "subscription",
        "benefits_not_applied",
        "problem",
        "{who} was charged shipping on order #{order} despite having Fernwood Plus.",
        (
            "I'm a Plus member but I was charged $6.95 shipping on order #{order}.",
            "Why didn't my Plus free shipping apply to my {short} order? Order {order}.",
            "Shipping was added to order #{order} even though I've had Plus since last year.",
        ),
        (
            (
                "I was definitely signed in when I checked out.",
                "You were signed in, but checkout didn't refresh your member status, which is "
                "the bug on our end.",
            ),
            ("The {plan} fee came out of my account as usual.", ""),
        ),
        ("Can you fix it?", "Can I get the shipping back?", "What happened?"),
        (
            (
                "I checked order #{order}, and your Plus membership was active, so shipping "
                "should have been free.",
                "You're right: order #{order} should have shipped free under your Plus membership.",
            ),
            (
                "I've refunded the $6.95 shipping charge to your card ending in {last4}.",
                "The $6.95 is on its way back to your original payment method.",
            ),
            (
                "I've also refreshed your member status, so future orders will show free "
                "shipping at checkout.",
                "",
            ),
        ),
    ),
    Scenario(
        "subscription",
        "trial_converted",
        "problem",
        "{who}'s Fernwood Plus free trial converted to a paid {plan} membership on {trial_end}.",
        (
            "My Fernwood Plus free trial turned into a paid {plan} membership on {trial_end} "
            "and I was charged {plan_price}.",
            "I signed up for the 30-day Plus trial and forgot to cancel. Now there's a "
            "{plan_price} charge.",
            "I didn't mean to keep Plus after the trial ended on {trial_end}. Can you undo the "
            "charge?",
        ),
        (
            (
                "I didn't get a reminder before the trial ended.",
                "We send a reminder three days before a trial ends, and I'm sorry it didn't "
                "reach you.",
            ),
            ("I only signed up for the free shipping on one order.", ""),
        ),
        ("Can I get a refund?", "Please cancel it and refund me.", "Is there anything you can do?"),
        (
            (
                "Your trial converted to the {plan} plan on {trial_end}, and since you haven't "
                "used any Plus benefits since then, I've refunded the {plan_price}.",
                "I've refunded the {plan_price} {plan} charge from {trial_end} to your card "
                "ending in {last4}.",
            ),
            (
                "I've also cancelled the membership, so nothing else will be charged.",
                "Plus is now cancelled on your account, and there won't be any further charges.",
            ),
            ("The refund should show within 3–5 business days.", ""),
        ),
    ),
    Scenario(
        "subscription",
        "renewal_failed",
        "problem",
        "{who}'s Fernwood Plus renewal on {renewal_date} failed and needs a new card.",
        (
            "I got an email saying my Fernwood Plus renewal failed. I have a new card now.",
            "My Plus payment didn't go through on {renewal_date}. What do I need to do?",
            "Plus says my card ending {last4} was declined for the renewal. That card expired.",
        ),
        (
            (
                "I don't want to lose my free shipping.",
                "You won't lose free shipping as long as the card is updated by {grace_until}.",
            ),
            ("I'm about to place a big order.", ""),
        ),
        ("How do I update my card?", "Will I lose my benefits?", "Can you help?"),
        (
            (
                "Your {plan} renewal on {renewal_date} failed because the card ending in {last4} "
                "has expired.",
                "The renewal attempt on {renewal_date} was declined, since the card ending in "
                "{last4} is no longer valid.",
            ),
            (
                "Your Plus benefits stay active during a grace period until {grace_until}, so "
                "nothing changes yet.",
                "You have a grace period until {grace_until}, and all your benefits keep working "
                "until then.",
            ),
            (
                "To update the card, go to Account > Membership > Payment method, and we'll "
                "retry the {plan_price} charge automatically.",
                "Once you add the new card under Account > Membership, the {plan_price} renewal "
                "retries right away.",
            ),
        ),
    ),
    Scenario(
        "subscription",
        "plus_benefits_question",
        "question",
        "{who} asks what Fernwood Plus includes and whether it's worth it.",
        (
            "What exactly does Fernwood Plus include? I order maybe four or five times a year.",
            "Is Fernwood Plus worth it? I'm thinking about the {product} and a few other things.",
            "Can you tell me about the Plus membership before I sign up? I'm eyeing the {short}.",
        ),
        (
            (
                "I mostly buy bigger items.",
                "For bigger items, the free shipping adds up quickly.",
            ),
            (
                "Is there a free trial?",
                "There's a 30-day free trial for first-time members, so you can try it first.",
            ),
        ),
        ("How much does it cost?", "Would it save me money?", "Thanks!"),
        (
            (
                "Fernwood Plus includes free standard shipping on every order, 10% off "
                "full-price items, and a 60-day return window instead of 30 days.",
                "Plus members get free standard shipping with no minimum, 10% off full-price "
                "gear, and twice as long to return things.",
            ),
            (
                "It's $8.99 a month or $89.00 a year.",
                "You can pay $8.99 monthly or $89.00 for the year, which works out cheaper.",
            ),
            (
                "On the {product} alone, 10% off would save you {plus_saving}.",
                "If you order four or more times a year, it usually pays for itself on shipping "
                "alone.",
            ),
        ),
    ),
)

ACCOUNT = (
    Scenario(
        "account_access",
        "reset_email_missing",
        "problem",
        "{who} isn't receiving the password reset email.",
        (
            "I've requested a password reset three times and the email never arrives.",
            "The \"forgot password\" email isn't coming through. I've waited over an hour.",
            "I can't log in and the reset link never shows up in my inbox.",
            "Your password reset emails aren't reaching me, so I'm stuck outside my account.",
        ),
        (
            (
                "I've checked spam and promotions.",
                "Thanks for already checking spam and promotions.",
            ),
            (
                "I need to check on order #{order}.",
                "In the meantime, order #{order} is on track to arrive by {new_eta}.",
            ),
            ("I'm using the same email I always use.", ""),
        ),
        ("Can you reset it for me?", "What should I do?", "Can you send it manually?"),
        (
            (
                "Your address was on our email provider's suppression list after a bounce last "
                "month, which blocks reset emails, and I've removed it.",
                "The reset emails were being blocked because an earlier message bounced, and "
                "I've cleared that block.",
                "The reset emails were sent, but your mail server rejected them as bulk mail; "
                "I've switched your account to our priority sender.",
            ),
            (
                "Please request one more reset now; it should arrive within five minutes, and "
                "the link is valid for an hour.",
                "A fresh reset link should land in your inbox within a few minutes if you try "
                "again, and it stays valid for 60 minutes.",
            ),
            ("If it still doesn't show, reply here and I'll set a temporary password.", ""),
        ),
    ),
    Scenario(
        "account_access",
        "locked_out",
        "problem",
        "{who} is locked out after too many failed sign-in attempts.",
        (
            "My account is locked after I entered the wrong password a few times.",
            "It says my account is temporarily locked. How long does that last?",
            "I'm locked out of my Fernwood account and need to get back in today.",
        ),
        (
            (
                "I have a gift card balance on the account I need to use.",
                "Your gift card balance is safe and will be there when you sign in.",
            ),
            ("I think I mixed up my old and new passwords.", ""),
        ),
        ("Can you unlock it?", "How do I get back in?", "Please help."),
        (
            (
                "Accounts lock for 30 minutes after five failed attempts, to protect against "
                "someone guessing the password.",
                "The lock kicked in after several wrong passwords, which is an automatic "
                "security step.",
            ),
            (
                "I've unlocked it manually, so you can sign in again right now.",
                "I've lifted the lock from our side, and you can try again straight away.",
            ),
            (
                'If you\'re not sure of the password, use "Forgot password" on the sign-in page '
                "to set a new one.",
                "I'd suggest resetting the password so you're starting fresh.",
            ),
        ),
    ),
    Scenario(
        "account_access",
        "change_login_email",
        "request",
        "{who} wants to change the email address used to sign in.",
        (
            "I need to change the email address on my account to my new work address.",
            "How do I update the email I use to sign in? My old inbox is going away.",
            "I'm switching email providers and want my Fernwood account moved over.",
        ),
        (
            (
                "I still have access to the old address for now.",
                "Since you can still get into the old inbox, this will be quick.",
            ),
            (
                "I have an open order, #{order}.",
                "Order #{order} and your other orders will move with the account automatically.",
            ),
        ),
        ("What do I need to do?", "Can you change it for me?", "Thanks."),
        (
            (
                "For security, I've sent a verification link to the email currently on your "
                "account; once you click it, you can enter the new one.",
                "To protect your account, the change has to be confirmed from your current "
                "inbox, so I've just sent a verification link there.",
            ),
            (
                "After that, go to Account > Profile, enter the new address, and confirm it from "
                "the new inbox.",
                "Then update it under Account > Profile, and we'll send a final confirmation to "
                "the new address.",
            ),
            ("Your order history, saved addresses and Plus membership will all carry over.", ""),
        ),
    ),
    Scenario(
        "account_access",
        "merge_accounts",
        "request",
        "{who} has two Fernwood accounts and wants them merged.",
        (
            "I accidentally made two accounts with different emails. Can you merge them?",
            "I have an old account and a new one, and my orders are split between them.",
            "My order history is split across two Fernwood accounts. Can they be combined?",
        ),
        (
            (
                "One of them has my Plus membership.",
                "I kept the one with your Plus membership as the main account.",
            ),
            ("My most recent order was #{order}.", ""),
        ),
        ("Is that possible?", "Which one should I keep?", "Please help."),
        (
            (
                "I've merged the two accounts, keeping the one you signed in with most recently "
                "as the primary.",
                "Both accounts are now combined into one, and the older sign-in has been closed.",
            ),
            (
                "All your past orders, including #{order}, now appear under Account > Orders.",
                "Your order history, saved addresses and any store credit now live in the "
                "single account.",
            ),
            ("Use your usual password on the remaining account.", ""),
        ),
    ),
    Scenario(
        "account_access",
        "delete_account",
        "request",
        "{who} wants their Fernwood account and personal data deleted.",
        (
            "Please delete my Fernwood account and all my personal data.",
            "I'd like to close my account permanently and have my details removed.",
            "How do I get my data deleted from your systems? I no longer want an account.",
        ),
        (
            ("I don't shop online much anymore.", ""),
            (
                "I want to be sure I won't get any more marketing emails.",
                "You won't get any more marketing emails; I've unsubscribed you already.",
            ),
        ),
        ("Please confirm when it's done.", "How long does it take?", "Thanks."),
        (
            (
                "I've submitted a deletion request for your account, which is completed within "
                "30 days.",
                "Your account is scheduled for permanent deletion within the next 30 days.",
            ),
            (
                "We keep order records required for tax purposes for seven years, but they're "
                "separated from your profile.",
                "A few order records have to be kept under tax law, but they won't be linked to "
                "a profile or used for marketing.",
            ),
            (
                "You'll get a final confirmation email once the deletion is complete.",
                "If you change your mind within 30 days, just reply and I can cancel the request.",
            ),
        ),
    ),
    Scenario(
        "account_access",
        "two_step_codes",
        "problem",
        "{who} isn't receiving two-step verification codes by text message.",
        (
            "I'm not getting the text message codes to sign in.",
            "The two-step verification code never arrives on my phone, so I can't log in.",
            "I can't sign in because the verification texts stopped coming.",
        ),
        (
            (
                "I switched phone carriers last week.",
                "A carrier switch is the most likely cause, because text codes can get filtered "
                "for a while after moving.",
            ),
            (
                "I'm traveling abroad right now.",
                "Text codes often fail abroad, so switching methods will help while you're away.",
            ),
        ),
        ("How do I get in?", "Can you turn it off?", "Please help."),
        (
            (
                "I've temporarily switched your two-step method to email codes, so you can sign "
                "in now.",
                "I've reset your two-step verification so the next code comes by email instead "
                "of text.",
            ),
            (
                "Once you're in, I'd recommend setting up an authenticator app under Account > "
                "Security, which doesn't depend on your phone signal.",
                "After signing in, you can add an authenticator app in Account > Security as a "
                "more reliable option.",
            ),
        ),
    ),
)

FEEDBACK = (
    Scenario(
        "feedback",
        "praise_product",
        "praise",
        "{who} shares praise for the {product}.",
        (
            "Just wanted to say the {product} is fantastic. We've used it every weekend since "
            "it arrived.",
            "No problem to report, just a thank-you: the {short} is the best thing I've bought "
            "this year.",
            "I rarely write to companies, but the {short} has been so good I had to.",
        ),
        (
            (
                "We took it on {use_case} and it held up perfectly.",
                "It's great to hear it held up so well on {use_case}.",
            ),
            ("My {relation} wants one now too.", "Your {relation} has good taste!"),
        ),
        ("Keep up the good work!", "Thanks for making great stuff.", "That's all!"),
        (
            (
                "Thank you so much for taking the time to tell us about the {product}; messages "
                "like this make our week.",
                "This really made my day, and I've shared your note about the {short} with our "
                "product team.",
            ),
            (
                "The design team spent two seasons testing it, so they'll be thrilled to hear "
                "it's earning its keep.",
                "I've passed your comments along to the designers, who love hearing how the "
                "{short} gets used.",
            ),
            (
                "If you ever feel like leaving a review on the product page, it helps other "
                "customers a lot.",
                "",
            ),
        ),
    ),
    Scenario(
        "feedback",
        "praise_agent",
        "praise",
        "{who} praises {colleague} from the support team.",
        (
            "I chatted with {colleague} last week about my order and they were amazing.",
            "I wanted to pass on a thank-you to {colleague}, who sorted out my {short} problem "
            "so quickly.",
            "{colleague} on your support team went above and beyond for me on order #{order}.",
        ),
        (
            (
                "They even followed up the next day to check it had arrived.",
                "Following up like that is exactly what we hope for.",
            ),
            (
                "Please make sure their manager hears about it.",
                "I've copied {colleague}'s team lead so it goes on record.",
            ),
        ),
        ("Thanks again.", "Please pass it on.", "That's all, just wanted to say it."),
        (
            (
                "Thank you for letting us know; I've passed your message straight to {colleague}.",
                "I'll make sure {colleague} sees this today.",
            ),
            (
                "We share notes like yours in our weekly team meeting, and {colleague} will be "
                "thrilled.",
                "Kind words like these mean a lot to the team, and {colleague} really earned them.",
            ),
        ),
    ),
    Scenario(
        "feedback",
        "packaging_waste",
        "complaint",
        "{who} complains about excess packaging on order #{order}.",
        (
            "My order #{order} came in a huge box with way too much plastic for one {short}.",
            "I love your products but the packaging on my {short} was really wasteful.",
            "Why was a small {short} shipped in a box three times its size, full of plastic air "
            "pillows?",
        ),
        (
            (
                "You market yourselves as sustainable.",
                "You're right to hold us to our sustainability promises.",
            ),
            ("I had to take the plastic to a special recycling drop-off.", ""),
        ),
        ("Please do better.", "Is there a way to request less packaging?", "Just so you know."),
        (
            (
                "You're right, and I'm sorry: order #{order} should have gone out in a "
                "right-sized box.",
                "Thank you for telling us; a {short} shouldn't need that much packaging.",
            ),
            (
                "I've shared your order details with our warehouse lead, who is reviewing the "
                "box sizes used for the {short}.",
                "I've flagged order #{order} to our fulfillment team, since we're in the middle "
                "of replacing plastic air pillows with paper.",
            ),
            ("I've also added a minimal-packaging note to your account for future orders.", ""),
        ),
    ),
    Scenario(
        "feedback",
        "product_suggestion",
        "suggestion",
        "{who} suggests an improvement to the {product}.",
        (
            "Suggestion: the {product} would be perfect if it came in a larger size.",
            "I love the {short}, but it really needs a carrying bag. Any plans for one?",
            "Have you considered making the {short} in more colors, like {color2}?",
        ),
        (
            ("I'd buy two immediately.", ""),
            ("A lot of people at my campground asked about it.", ""),
        ),
        ("Just an idea!", "Hope that helps.", "Would love to see it."),
        (
            (
                "I've logged your idea for the {product} in our product feedback tracker, where "
                "the design team reviews every suggestion.",
                "I've passed this straight to the team that designs the {short}.",
            ),
            (
                "I can't promise anything, but requests that come up often do make it into new "
                "versions.",
                "They review customer ideas every quarter, and yours is now on the list.",
            ),
        ),
    ),
    Scenario(
        "feedback",
        "website_redesign",
        "complaint",
        "{who} complains that the redesigned website is harder to use.",
        (
            "The new website is much harder to use. I couldn't find my order history for ages.",
            "Not a fan of the redesign. Filtering by size doesn't work properly anymore.",
            "Your site redesign made it really hard to find the {short} I wanted to reorder.",
        ),
        (
            ("I'm on {browser}.", ""),
            ("I nearly gave up and shopped elsewhere.", "I'm really glad you stuck with us."),
        ),
        ("Please fix it.", "Just some feedback.", "Is there a way to use the old site?"),
        (
            (
                "Thank you for the honest feedback; I've passed it to our web team, who are "
                "collecting comments on the redesign.",
                "I'm sorry the new site made things harder, and I've shared your comments with "
                "the web team.",
            ),
            (
                "A fix for the size filters is going out next week, and order history now lives "
                "under the account icon in the top right.",
                "The old site can't be switched back on, but your order history is now under "
                "the account icon, and reordering takes one click from there.",
            ),
        ),
    ),
    Scenario(
        "feedback",
        "driver_complaint",
        "complaint",
        "{who} complains about how the {carrier} driver handled order #{order}.",
        (
            "The {carrier} driver threw my package over the fence. Order #{order}.",
            "The delivery driver left my {short} out in the rain on the driveway.",
            "I watched your delivery driver drop my {short} box from waist height onto the steps.",
        ),
        (
            ("Luckily nothing broke this time.", "I'm relieved nothing broke."),
            ("It's not the first time with this driver.", ""),
        ),
        ("Please pass this on.", "Can you do something about it?", "Just wanted to report it."),
        (
            (
                "I'm sorry about that; I've reported the delivery of order #{order} to {carrier} "
                "with the details you gave me.",
                "That isn't acceptable, and I've filed a complaint with {carrier} about order "
                "#{order}.",
            ),
            (
                "If anything turns out to be damaged once you open it, let me know and I'll "
                "replace the {short} right away.",
                "Should the {short} show any damage, I'll send a replacement at no cost.",
            ),
        ),
    ),
    Scenario(
        "feedback",
        "quality_disappointed",
        "complaint",
        "{who} is disappointed with the quality of the {product}.",
        (
            "Honestly, I expected more from the {product} for {price}.",
            "The {short} feels cheaper than it looks online. Not impressed.",
            "I'm disappointed with the {short}. {defect_cap} after only a month.",
        ),
        (
            ("I've bought from you for years.", "Thank you for being with us for years."),
            ("I'm not asking for anything, just sharing.", ""),
        ),
        ("Just wanted you to know.", "Thought you should hear it.", "Please pass it on."),
        (
            (
                "I'm sorry the {product} hasn't lived up to what you expected, and I've shared "
                "your comments with our quality team.",
                "Thank you for telling us; the quality team reviews every comment like this.",
            ),
            (
                "If you'd like, you can still return it for a full refund of {price}, or I can "
                "send a replacement under the {warranty}.",
                "It's covered by a {warranty}, so if anything has failed, reply and I'll send a "
                "replacement.",
            ),
        ),
    ),
)

SCENARIOS = (
    SHIPPING + BILLING + RETURNS + REFUNDS + ORDER_CHANGES + PRODUCT_QUESTIONS + TECHNICAL
    + SUBSCRIPTION + ACCOUNT + FEEDBACK
)  # fmt: skip
SCENARIOS_BY_CATEGORY = {
    category: tuple(s for s in SCENARIOS if s.category == category) for category in CATEGORY_TARGETS
}


# --- brand voice -------------------------------------------------------------------------------

ACKS = {
    "problem": (
        "I'm sorry about this, and thank you for taking the time to write in.",
        "Thanks for letting us know, and I'm sorry for the trouble.",
        "I'm really sorry this happened, so let's get it fixed.",
        "Thank you for flagging this, and apologies for the hassle.",
        "Sorry for the frustration here; I've looked into it for you.",
        "Thanks for your patience, and I'm sorry it came to this.",
        "I appreciate you reaching out, and I'm sorry this wasn't smooth.",
        "That's not the experience we want you to have, so thank you for telling us.",
        "Apologies for the inconvenience, and thanks for the clear details.",
        "Thank you for getting in touch; I know this is annoying, and I've dug into it.",
        "I'm sorry you had to contact us about this.",
        "Thanks for the heads-up, and sorry for the bother.",
    ),
    "question": (
        "Great question, and thanks for checking with us first.",
        "Happy to help with that.",
        "Thanks for reaching out with this.",
        "Good question! Here's what you need to know.",
        "I'd be glad to help you figure this out.",
        "Thanks for your message; let me explain.",
        "Sure thing, here are the details.",
        "Thanks for asking, it's a common question.",
        "Glad you asked.",
    ),
    "request": (
        "Thanks for letting us know, and happy to help with this.",
        "No problem at all, I can take care of that.",
        "Absolutely, let me sort that out for you.",
        "Thanks for getting in touch; this is an easy one to handle.",
        "Of course, I'm glad to help.",
        "Thanks for the clear request, I've taken care of it.",
        "Happy to help you with this.",
        "Sure, consider it handled.",
        "Thanks for asking; here's where things stand.",
    ),
    "praise": (
        "Thank you so much for the kind words!",
        "What a lovely message to receive, thank you.",
        "Thanks for taking the time to write in with this.",
        "This is so nice to hear, thank you.",
        "You've made the whole team smile with this one.",
        "We really appreciate you sharing this.",
    ),
    "complaint": (
        "Thank you for the honest feedback, and I'm sorry we let you down.",
        "I'm sorry about this, and I appreciate you telling us directly.",
        "Thanks for taking the time to share this; it's fair criticism.",
        "I hear you, and I'm sorry this was your experience.",
        "I appreciate you raising this, and I'm sorry it happened.",
        "Feedback like this is how we get better, so thank you.",
        "I'm sorry, that's not the standard we hold ourselves to.",
    ),
    "suggestion": (
        "Thanks for the idea!",
        "What a great suggestion, thank you.",
        "Thanks for taking the time to share this idea.",
        "I love hearing ideas like this, thank you.",
        "Thanks for thinking about how we could make it better.",
    ),
}
CLOSINGS = (
    "Let me know if there's anything else I can help with.",
    "I'm around if you have any other questions.",
    "Thanks again for reaching out, and have a lovely week.",
    "Happy to help with anything else you need.",
    "Feel free to write back any time.",
    "Thanks for being a Fernwood customer.",
    "Enjoy the rest of your day!",
    "Hope that helps, and talk soon.",
    "Take care, and happy adventuring.",
    "Wishing you plenty of good days outside.",
    "If you have any follow-up questions, I'm just a reply away.",
    "Reach out any time you need a hand.",
    "If anything else comes up, just reply here and it'll come straight back to me.",
)
MOOD_CLOSINGS = {
    "problem": (
        "Thanks for your patience while we sort this out.",
        "Thanks for giving us the chance to make this right.",
        "I'll keep this ticket open until you confirm everything's sorted.",
        "Sorry again for the trouble.",
    ),
    "request": ("Let me know if you'd like me to change anything else.",),
    "question": ("Hope that answers your question.",),
    "praise": ("Thanks again for brightening our day.",),
    "complaint": ("Thanks again for holding us to a high standard.",),
    "suggestion": ("Keep the ideas coming!",),
}
EXTRAS = (
    "I've added a note to your account so anyone on the team can see the full history.",
    "You'll get an automatic confirmation email about this shortly.",
    "I'll keep an eye on this myself over the next few days.",
)
CONTEXTS = {
    "problem": (
        (
            "I've been a customer for a few years and this is the first time I've had to write in.",
            "Thank you for sticking with us for the past few years; we really appreciate it.",
        ),
        (
            "Sorry if this is the wrong place to ask.",
            "You're in exactly the right place, so no worries at all.",
        ),
        (
            "I looked through the help center first but couldn't find an answer.",
            "Sorry the help center didn't cover this; I've passed that gap along to the team "
            "that writes it.",
        ),
        (
            "Honestly, this is getting frustrating.",
            "I completely understand the frustration, and I'm sorry we've added to your week.",
        ),
        (
            "I love your stuff, so I'm hoping this is an easy fix.",
            "It's great to hear you've been enjoying our gear.",
        ),
        (
            "I already sent a message about this last week but never heard back.",
            "I'm sorry your earlier message went unanswered; I've taken ownership of this ticket "
            "so it won't slip again.",
        ),
        (
            "I'm not very good with computers, so please keep it simple.",
            "I've kept the steps below short and simple.",
        ),
    ),
    "request": (
        (
            "I've been a customer for a few years, so I hope this is doable.",
            "Thank you for sticking with us for the past few years; we really appreciate it.",
        ),
        (
            "Sorry if this is the wrong place to ask.",
            "You're in exactly the right place, so no worries at all.",
        ),
        ("Appreciate any help you can give.", ""),
        (
            "I'm a bit short on time this week.",
            "I've kept this quick so it doesn't eat into your week.",
        ),
    ),
    "question": (
        (
            "Sorry if this is the wrong place to ask.",
            "You're in exactly the right place, so no worries at all.",
        ),
        (
            "I looked through the help center first but couldn't find an answer.",
            "Sorry the help center didn't cover this; I've passed that gap along to the team "
            "that writes it.",
        ),
        ("Sorry if this is a silly question.", "Not a silly question at all."),
    ),
}
BACKSTORIES = {
    "problem": (
        (
            "For context, I've ordered from you maybe ten times over the past few years and "
            "never had an issue, so I'm hoping this is just a one-off glitch somewhere.",
            "You've been with us a long time, and this definitely isn't the experience we want "
            "for you.",
        ),
        (
            "I'd normally just wait it out, but I've got a busy couple of weeks coming up with "
            "work and the kids' school events, so I'd really like to get this settled.",
            "I know you've got a busy few weeks ahead, so I've tried to make this as hands-off "
            "for you as possible.",
        ),
        (
            "I tried to sort this out myself before writing in, but I couldn't find anything in "
            "my account that explained what was going on.",
            "",
        ),
        (
            "My partner says I'm overthinking it, but I'd rather check now than find out later "
            "that something went wrong.",
            "You're not overthinking it at all; it was worth checking.",
        ),
    ),
    "request": (
        (
            "I know these things can be a hassle on your end, so thank you in advance for taking "
            "a look, and sorry for the extra work.",
            "It's no hassle at all, honestly.",
        ),
        (
            "We've been slowly redoing our backyard this spring and I'm trying to get all the "
            "pieces in place before the weather warms up.",
            "Good luck with the backyard project!",
        ),
        (
            "I've been a happy customer for a while and would like to keep it that way, which is "
            "why I'm asking rather than just giving up on it.",
            "",
        ),
    ),
    "question": (
        (
            "I've been going back and forth on this for a couple of weeks, reading reviews and "
            "comparing options, and I'd like a straight answer before I commit.",
            "",
        ),
        (
            "A friend of mine recommended your store, and I want to make sure I get this right "
            "the first time.",
            "Please thank your friend for recommending us!",
        ),
        (
            "I'm trying to plan ahead for the summer season, when we spend most weekends "
            "outside with family.",
            "It sounds like a great summer plan.",
        ),
    ),
    "complaint": (
        (
            "I don't usually write in about this kind of thing, but I think it's worth you "
            "knowing, since I've recommended your store to quite a few friends.",
            "Thank you for recommending us to your friends, too.",
        ),
    ),
    "praise": (
        (
            "I spend a lot of time outdoors and I've tried plenty of brands over the years, so I "
            "don't say this lightly.",
            "Coming from someone who has tried plenty of brands, that means a lot.",
        ),
    ),
}
EMAIL_OPENERS = (
    "Hi,", "Hello,", "Hi there,", "Hello Fernwood team,", "Hi Fernwood,", "Good morning,",
    "Good afternoon,", "To whom it may concern,", "Hey folks,", "Dear Fernwood Support,",
)  # fmt: skip
EMAIL_CLOSERS = (
    "Thanks,", "Thank you,", "Best,", "Cheers,", "Thanks so much,", "Regards,", "Kind regards,",
    "Many thanks,", "Appreciate it,", "Best wishes,",
)  # fmt: skip
CHAT_INTROS = (
    "hi, this is {name}.", "Hey, {name} here.", "Hello, my name is {name}.", "Hi! It's {name}.",
    "{name} here.",
)  # fmt: skip
CHAT_GREETINGS = ("hi", "hello", "hey there", "Hi,", "hiya")
WEB_SIGNATURES = ("- {name}", "{full}", "Thanks, {name}", "{name} {initial}.")


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

TERMS_INTRO = (
    "This document sets out the limited warranty, return, refund, shipping and membership terms "
    "that apply to purchases from Fernwood Supply Co. It applies to every order placed on our "
    "website, in our app, over chat or by email, whether you buy as a guest or with an account. "
    "Please read it alongside the product page and the care card that comes with each item, "
    "because some products carry extra requirements for the warranty to stay valid. Where this "
    "document and a product page disagree, the more generous term applies to you.",
    "Nothing in these terms takes away rights you have under the consumer protection laws of "
    "the state or country where you live. Those rights are in addition to the promises made "
    "here. If a local law gives you a longer warranty period or a stronger remedy, you receive "
    "the benefit of that law and the corresponding part of this document is read to match it.",
)
TERMS_SECTIONS = (
    (
        "Who this warranty covers",
        "The warranty covers the original purchaser and anyone who received the product as a "
        "gift from the original purchaser. Proof of purchase can be an order number, a gift "
        "receipt, a bank statement showing the charge, or the name and delivery address used on "
        "the order, which we can look up for you. Products bought from an authorized retailer "
        "are covered in the same way as products bought directly from us. Products bought "
        "second-hand, at auction, or from a seller who is not an authorized retailer are not "
        "covered, although we are always happy to advise on care and spare parts for them.",
    ),
    (
        "What the warranty covers",
        "We warrant that every product is free from defects in materials and workmanship under "
        "normal household and recreational use for the period listed for that product below. "
        "A defect is a fault that was present when the product left us, even if it only becomes "
        "visible later: a seam that was stitched without enough tension, a weld that was not "
        "fully fused, a zipper with a misaligned slider, a coating that separates from the base "
        "material, an electronic component that fails while being used as described in the "
        "manual. The warranty period starts on the date the product was delivered to you, not "
        "the date it was ordered, so time spent in transit never counts against you.",
    ),
    (
        "What the warranty does not cover",
        "The warranty does not cover normal wear and tear, such as fading from sunlight, the "
        "softening of fabrics over time, scratches on cookware, or the patina that weathering "
        "steel develops by design. It does not cover damage caused by accidents, misuse, "
        "neglect, fire, flood, animals, improper storage, or use for a purpose the product was "
        "not designed for, including commercial rental or institutional use unless the product "
        "page says otherwise. It does not cover modifications or repairs made by anyone other "
        "than Fernwood or a repairer we have approved, products used with fuel, chargers or "
        "accessories that do not meet the specifications in the manual, or cosmetic differences "
        "between natural materials such as wood grain, slate texture and wool color, which vary "
        "from piece to piece and are part of their character.",
    ),
    (
        "How to make a claim",
        "To make a claim, reply to your order confirmation or contact our support team through "
        "the help center, and include your order number or other proof of purchase, a short "
        "description of the problem, and at least one photo that shows it. For electronic "
        "products, please also tell us what troubleshooting you have already tried, because a "
        "reset or a firmware update often solves the problem immediately and saves you the wait "
        "for a replacement. We aim to reply to every warranty claim within one business day. "
        "We may ask for additional photos or a short video, and in a small number of cases we "
        "may ask you to send the product to our repair center with a prepaid label that we "
        "provide at no cost to you.",
    ),
    (
        "Repair, replacement or refund",
        "When a claim is approved, we will repair the product, replace it with the same item or "
        "one of equal or greater value, or refund the price you paid, at our discretion and with "
        "your preferences in mind. Replacement products carry the remainder of the original "
        "warranty period or ninety days, whichever is longer. If the product has been "
        "discontinued, we will offer the closest current equivalent or a refund. We cover the "
        "cost of shipping for approved warranty replacements in both directions. Where a "
        "defective part can be replaced by you in a few minutes, such as a tent pole section, a "
        "buckle or an igniter module, we may send the part with instructions instead of a whole "
        "new product, so that less ends up in a landfill.",
    ),
    (
        "Returns",
        "You may return most items within 30 days of delivery for any reason. Fernwood Plus "
        "members may return items within 60 days of delivery. Items must be unused or only "
        "gently used, clean, and complete with all parts and accessories. We provide a prepaid "
        "return label for every return; a return shipping fee of $6.95 is deducted from the "
        "refund unless the return is for a defect, a shipping error on our part, or an exchange, "
        "or unless you choose store credit. Large items that ship by freight, such as outdoor "
        "furniture, are collected from your home by our freight partner, and a freight return "
        "fee of $49 is deducted from the refund. Candles that have been burned, socks that have "
        "been worn, and personalized or engraved items cannot be returned unless they are "
        "defective.",
    ),
    (
        "Exchanges",
        "Exchanges for a different size or color are always free. You can either return the "
        "original item first and have the new one shipped as soon as your return is scanned by "
        "the carrier, or ask us to ship the new item immediately, in which case we place a "
        "temporary authorization on your card for the value of the new item, which is released "
        "when the original is received. Exchanges for a different product are handled as a "
        "return and a new order, and any price difference is charged or refunded accordingly.",
    ),
    (
        "Refunds",
        "Refunds are issued to the original payment method within three to five business days "
        "after your return is scanned at our warehouse. Depending on your bank or card issuer, it "
        "can take a further five to ten business days for the refund to appear on your "
        "statement. Refunds for orders paid with a gift card are returned to a gift card. "
        "Refunds for orders that used a promotional code reflect the discounted price actually "
        "paid for each item, with the discount spread proportionally across the items in the "
        "order. Shipping charges are refunded when the return is the result of our error or a "
        "defect. If you would prefer store credit, it is issued immediately, carries no return "
        "fee, and never expires.",
    ),
    (
        "Price adjustments",
        "If the price of an item you bought from us drops within 14 days of your purchase, we "
        "will refund the difference on request. Price adjustments apply to prices on our own "
        "website and app, and not to clearance events, flash sales limited to a few hours, "
        "bundle pricing, or prices offered by other retailers. One adjustment is available per "
        "item per order.",
    ),
    (
        "Shipping and delivery",
        "Standard shipping within the contiguous United States usually takes three to seven "
        "business days and is free on orders over $75 and on all orders for Fernwood Plus "
        "members; other standard orders carry a flat $6.95 fee. Expedited shipping arrives in "
        "two business days and costs $14.95. Orders placed before one in the afternoon Eastern "
        "time on a business day usually leave our warehouse the same day. Freight items ship "
        "within seven to twelve business days, and our freight partner contacts you to agree a "
        "four-hour delivery window; freight delivery includes carrying the item to your door but "
        "not assembly. International orders usually arrive in six to twelve business days, "
        "with duties and taxes collected at checkout. If a package is lost or arrives damaged, "
        "contact us and we will send a replacement or a refund without waiting for the result "
        "of the carrier's investigation.",
    ),
    (
        "Fernwood Plus membership",
        "Fernwood Plus costs $8.99 a month or $89.00 a year and renews automatically until "
        "cancelled. Members receive free standard shipping on every order, ten percent off "
        "full-price items, early access to seasonal collections, and a 60-day return window. "
        "New members receive a 30-day free trial, and we send a reminder three days before the "
        "trial ends and seven days before each annual renewal. You can cancel at any time from "
        "your account, and your benefits continue until the end of the period you have paid "
        "for. If you are charged for a renewal and have not used any member benefits since, we "
        "will refund that renewal on request. Memberships can be paused for up to three months "
        "once per year.",
    ),
    (
        "Gift cards and store credit",
        "Gift cards and store credit never expire and carry no fees. They can be used on any "
        "product, including sale items, and can be combined with one promotional code per "
        "order. They cannot be redeemed for cash except where the law requires it. If a gift "
        "card is lost or stolen, we can replace the remaining balance if you can provide the "
        "original order number or the card number from a receipt.",
    ),
    (
        "Safety notices for fuel-burning and electrical products",
        "Camp stoves, pizza ovens and patio heaters must only be used outdoors or in a "
        "well-ventilated covered space as described in their manuals, and never inside a tent, "
        "vehicle, garage or home, because they produce carbon monoxide. Keep them at least three "
        "feet from walls, overhanging branches, awnings and anything flammable, and never leave "
        "them unattended while lit or hot. Check fuel connections with soapy water before each "
        "season. Electrical products must be used with the supplied charger or one that meets "
        "the specifications in the manual. Solar products should be placed where the panel "
        "receives direct sunlight and away from other light sources that can confuse the dusk "
        "sensor. Stop using any product that shows signs of damage, overheating or leaking fuel, "
        "and contact us for advice before using it again.",
    ),
    (
        "Limitation of liability",
        "To the extent permitted by law, our total liability for any claim relating to a "
        "product is limited to the price you paid for it, and we are not liable for indirect or "
        "consequential losses such as the cost of a cancelled trip, lost food in a cooler, or "
        "damage to other property, except where that damage was caused by our negligence. "
        "Nothing in these terms limits our liability for death or personal injury caused by "
        "our negligence, for fraud, or for anything else that cannot be limited by law.",
    ),
    (
        "Resolving disagreements",
        "If you are unhappy with how a claim has been handled, please ask for it to be reviewed "
        "by a support team lead, who will reply within five business days. Most disagreements "
        "are settled at that stage. If we still cannot agree, you may use any dispute "
        "resolution service or court available to you under the law where you live, and we "
        "will cooperate fully with that process.",
    ),
    (
        "Changes to these terms",
        "We may update these terms from time to time, for example when we add new products or "
        "change our shipping partners. The version that applies to your order is the one that "
        "was published on the day you placed it, and changes never reduce the warranty on a "
        "product you have already bought. Each version is dated, and previous versions are "
        "available from our support team on request.",
    ),
)


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

SYSTEM_PROMPTS = (
    "You are Sam, a customer support agent for Fernwood Supply Co., an online store for home "
    "and outdoor goods with a membership called Fernwood Plus. Be warm and concrete, use the "
    'order details the customer gives, and sign off as "— Sam, Fernwood Support".',
    "You answer customer messages for Fernwood Supply Co. Greet the customer by first name "
    "when you know it, resolve the issue with specific next steps, and keep replies under 200 "
    "words.",
    "You are a helpful support assistant for an outdoor and home goods store. Follow "
    "Fernwood's policies: 30-day returns (60 days for Plus members), free standard shipping "
    "over $75, and price adjustments within 14 days of purchase.",
)
FOLLOW_UPS = (
    (
        "Thanks! Will I get an email confirming that?",
        "You will: a confirmation usually arrives within the hour. If it doesn't show up, check "
        "your spam folder and let me know.",
        "action",
    ),
    (
        "One more thing, do you ship to Canada?",
        "We do! Standard shipping to Canada takes 6–12 business days, and duties are collected "
        "at checkout, so there's nothing extra to pay at the door.",
        "any",
    ),
    (
        "Is the {product} covered by a warranty, by the way?",
        "It is: the {product} comes with a {warranty} that covers defects in materials and "
        "workmanship. Just reply to your order email with a photo if anything goes wrong.",
        "product",
    ),
    (
        "Could you also remind me how to clean the {short}?",
        "Of course. For the {product}, {care}.",
        "product",
    ),
    (
        "Can I use a gift card on my next order?",
        "Yes, just enter the gift card code at the payment step. Any remaining balance stays on "
        "the card for next time, and gift cards never expire.",
        "any",
    ),
    (
        "How long do refunds usually take to show up?",
        "Once a refund is issued, most banks post it within 5–10 business days. Credit cards "
        "tend to be quicker than debit cards.",
        "money",
    ),
    (
        "Do Plus members get anything extra on returns?",
        "They do: Plus members get a 60-day return window instead of 30 days, on top of free "
        "standard shipping and 10% off full-price items.",
        "any",
    ),
)
FINAL_FOLLOW_UP = (
    "Perfect, that's all I needed. Thanks so much!",
    "You're very welcome{comma_name}! Enjoy the rest of your week.",
)
MONEY_CATEGORIES = ("billing", "refunds", "returns_exchanges", "order_changes", "subscription")
FAQS = (
    (
        "Explain Fernwood's return policy in a short paragraph for the help center.",
        "You can return most items within 30 days of delivery, or within 60 days if you're a "
        "Fernwood Plus member. Items should be unused or gently used and complete with all their "
        "parts. Every return comes with a prepaid label; a $6.95 return shipping fee is deducted "
        "from the refund unless the item is defective, we made a shipping mistake, or you choose "
        "an exchange or store credit. Refunds go back to the original payment method within 3–5 "
        "business days of the return being scanned at our warehouse.",
    ),
    (
        "What does a Fernwood Plus membership include?",
        "Fernwood Plus costs $8.99 a month or $89.00 a year. Members get free standard shipping "
        "on every order with no minimum, 10% off full-price items, early access to seasonal "
        "collections, and a 60-day return window instead of 30 days. New members can try it "
        "free for 30 days, and you can cancel or pause it at any time from Account > Membership.",
    ),
    (
        "Write a short, friendly auto-reply for when the support inbox is closed over a holiday "
        "weekend.",
        "Hi there,\n\nThanks for getting in touch with Fernwood Support! Our team is taking a "
        "short break for the holiday weekend, so replies may take a little longer than usual. "
        "We'll be back on Tuesday morning and will answer messages in the order they arrived. If "
        "your question is about an order, including the order number will help us get to it "
        f"faster.\n\n{SIGN_OFF}",
    ),
    (
        "List the steps a customer should follow to make a warranty claim.",
        "1. Find your order number, gift receipt or other proof of purchase.\n2. Take at least "
        "one clear photo of the problem.\n3. Reply to your order confirmation email, or contact "
        "support through the help center, with the order number, a short description and the "
        "photo.\n4. For electronic products, mention any troubleshooting you've already tried."
        "\n5. We reply within one business day and, once the claim is approved, send a repair, "
        "replacement or refund at no shipping cost to you.",
    ),
    (
        "Describe how long standard and expedited shipping take.",
        "Standard shipping within the contiguous United States usually takes 3–7 business days "
        "and is free on orders over $75 or for Fernwood Plus members; otherwise it's a flat "
        "$6.95. Expedited shipping costs $14.95 and arrives in 2 business days. Orders placed "
        "before 1 p.m. Eastern on a business day usually leave the warehouse the same day, and "
        "large freight items take 7–12 business days.",
    ),
    (
        "Explain how price adjustments work at Fernwood.",
        "If the price of something you bought from us drops within 14 days of your purchase, "
        "we'll refund the difference when you ask. It covers prices on our own website and app, "
        "but not clearance events, short flash sales, bundles or other retailers' prices. Just "
        "contact support with your order number and we'll send the difference back to your "
        "original payment method.",
    ),
    (
        "Explain why a refund can take longer than five days to appear on a bank statement.",
        "We issue refunds within 3–5 business days of a return being scanned at our warehouse, "
        "but the money then has to pass through the card network and your bank. Most banks post "
        "refunds within 5–10 business days after that, and debit cards are often slower than "
        "credit cards. If a refund hasn't appeared after 10 business days, we can give you a "
        "trace reference to share with your bank.",
    ),
    (
        "Describe the difference between store credit and a refund at Fernwood.",
        "A refund sends the money back to your original payment method and takes a few business "
        "days to appear, with a $6.95 return shipping fee deducted unless the item was "
        "defective. Store credit is issued to your Fernwood account as soon as the return is "
        "scanned, has no return fee, never expires, and can be used on anything in the store, "
        "including sale items.",
    ),
    (
        "How does gift wrapping work at Fernwood?",
        "Gift wrapping costs $5 per item and can be selected at checkout. Wrapped items come in "
        "a recycled kraft box with a cotton ribbon, and you can add a gift note of up to 200 "
        "characters. Prices are never shown on the packing slip for gift orders, and gift "
        "recipients can return items for store credit without a receipt.",
    ),
)
REPLY_INSTRUCTIONS = (
    "Write a reply to this customer support ticket as Sam from Fernwood Support.",
    "Draft the ideal support response to the message below.",
    "Respond to this customer on behalf of Fernwood Supply Co.",
    "You are a Fernwood support agent. Reply to the following ticket.",
)
SUMMARY_INSTRUCTIONS = (
    "Summarize this support ticket in one sentence.",
    "Write a one-line summary of the customer's issue for the ticket queue.",
    "Give a brief internal summary of this ticket.",
)
CLASSIFY_INSTRUCTION = (
    "Classify this support ticket into one of these categories: {categories}. Answer with the "
    "category name only."
)
EXTRACT_INSTRUCTION = (
    "Extract the order number and the product mentioned in this ticket. Answer with JSON that "
    "has the keys order_number and product."
)


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
