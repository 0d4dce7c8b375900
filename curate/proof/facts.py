"""Key-fact recall: the share of a record's listed facts that a reply states.

A record may list what a correct reply must state (the customer's name, the order number,
the product, the action taken) in a field, `facts` by default: a list of strings, or one
string. A fact written `/.../` is a regular expression (searched case-insensitively); any
other fact must appear in the reply as written, ignoring case and runs of spaces. Fact recall
shows content, not style: a model that learnt the house format but copies another
customer's reply scores low.
"""

from __future__ import annotations

import re
from typing import Any

_SPACES = re.compile(r"\s+")


def facts_of(value: Any) -> list[str] | None:
    """The facts a record lists (None when it lists none)."""
    if value is None:
        return None
    if isinstance(value, str):
        value = [value]
    facts = [str(v) for v in value if v is not None and str(v).strip()]
    return facts or None


def fact_recall(reply: str, facts: list[str] | None) -> float | None:
    """Share of `facts` the reply states; None when the record lists none."""
    if not facts:
        return None
    text = _SPACES.sub(" ", reply).lower()
    found = 0
    for fact in facts:
        if len(fact) > 2 and fact.startswith("/") and fact.endswith("/"):
            try:
                found += re.search(fact[1:-1], reply, re.IGNORECASE) is not None
            except re.error:
                found += _SPACES.sub(" ", fact).lower() in text
        else:
            found += _SPACES.sub(" ", fact).lower().strip() in text
    return found / len(facts)
