"""Write the demo sample: the support tickets with replies in one strict house format.

    python samples/demo/generate.py

Reads `samples/support_tickets.jsonl` and `samples/planted.json` and writes, beside this
file, `tickets.jsonl` and `planted.json` (standard library only, deterministic: two runs write
the same bytes). See README.md here for what the sample is for.

Every ordinary reply becomes

    Hi <first name>,            (or "Hi there," when the ticket gives no name)

    Order: #FW-123456           (the ticket's order number, or "none")
    Resolution: <the action the original reply took, one sentence>
    Next step: <the house's next step for the category, one sentence>

    — Sam, Fernwood Support

and the record lists in `facts` the specifics a correct reply must state that come from the
ticket itself (the customer's first name where the ticket gives it, the order number where it
has one): another customer's reply cannot have them, and only a model that learnt to carry
them over from the ticket into the house format states them.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SAMPLES = HERE.parent
SIGN_OFF = "— Sam, Fernwood Support"
REPLY = "Reply to this email"
NEXT_STEPS = {
    "shipping_delivery": f"{REPLY} if the parcel has not arrived within five business days.",
    "billing": f"{REPLY} if the charge still shows after five business days.",
    "returns_exchanges": f"{REPLY} once the return is on its way and I will track it for you.",
    "refunds": f"{REPLY} if the refund has not reached your account within ten business days.",
    "order_changes": f"{REPLY} if anything on the updated order looks wrong.",
    "product_question": f"{REPLY} with any other question about the product.",
    "technical_issue": f"{REPLY} if the problem comes back after these steps.",
    "subscription": f"{REPLY} if you see any further membership charge.",
    "account_access": f"{REPLY} if you still cannot sign in.",
    "feedback": f"{REPLY} any time you have more ideas.",
}
ACTION = re.compile(
    r"\b(I've|I have|I'll|I will|I can|I checked|I looked|is now|are now|has been|have been|"
    r"we've|We've|we have|You can|you can)\b"
)
ORDER = re.compile(r"#?FW-(\d{6})")
GREETING = re.compile(r"^Hi ([A-Z][a-z]+),")
# Planted problems kept as they were (lint finds them by their content, not their format).
KEPT_AS_THEY_WERE = {"secret", "non_english", "empty_output", "email", "lang_mismatch", "overlong"}
# Ordinary tickets that get another ticket's reply (same category): wrong replies in the
# house format that lint cannot see.
WRONG_REPLY = ("T-00033", "T-00151", "T-00277", "T-00395", "T-00471", "T-00587")


def sentences(text: str) -> list[str]:
    body = " ".join(text.split())
    return [s for s in re.split(r"(?<=[.!?])\s+", body) if s]


def resolution(reply: str) -> str:
    """The sentence of the original reply that says what was done."""
    lines = [line for line in reply.split("\n") if line.strip()]
    body = " ".join(lines[1:-1]) if len(lines) > 2 else reply
    found = sentences(body)
    for sentence in found:
        if ACTION.search(sentence) and len(sentence.split()) >= 6:
            return sentence
    return found[min(1, len(found) - 1)] if found else "I have looked into this for you."


def house_reply(record: dict[str, Any]) -> tuple[str, list[str]]:
    """The record's reply in the house format, and the facts it must state."""
    original = record["output"]
    greeting = GREETING.match(original.strip())
    name = greeting.group(1) if greeting and greeting.group(1) != "there" else None
    order = ORDER.search(record["input"])
    facts = []
    if name and re.search(rf"\b{name}\b", record["input"]):
        facts.append(name)
    else:
        name = None
    if order:
        facts.append(f"FW-{order.group(1)}")
    reply = "\n".join(
        [
            f"Hi {name or 'there'},",
            "",
            f"Order: {'#FW-' + order.group(1) if order else 'none'}",
            f"Resolution: {resolution(original)}",
            f"Next step: {NEXT_STEPS[record['category']]}",
            "",
            SIGN_OFF,
        ]
    )
    return reply, facts


def main() -> None:
    records = [
        json.loads(line)
        for line in (SAMPLES / "support_tickets.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    planted = json.loads((SAMPLES / "planted.json").read_text(encoding="utf-8"))
    kind_of = {rid: entry["kind"] for entry in planted for rid in entry["ids"][:1]}
    copy_of = {entry["ids"][0]: entry["ids"][1] for entry in planted if len(entry["ids"]) == 2}
    by_id = {r["id"]: r for r in records}
    out: list[dict[str, Any]] = []
    for record in records:
        if kind_of.get(record["id"]) in KEPT_AS_THEY_WERE:
            out.append({**record, "facts": []})
            continue
        reply, facts = house_reply(record)
        out.append({**record, "output": reply, "facts": facts})
    index = {r["id"]: k for k, r in enumerate(out)}
    for copy, original in copy_of.items():
        kind = kind_of[copy]
        if kind == "conflict":
            # Both replies stay as they were (one approves the refund, one refuses it): in
            # the house format they would differ in one line and read as near copies.
            out[index[original]] = {**by_id[original], "facts": []}
            out[index[copy]] = {**by_id[copy], "facts": []}
            continue
        source = out[index[original]]
        twin = dict(out[index[copy]])
        twin["output"], twin["facts"] = source["output"], source["facts"]
        twin["input"] = source["input"]
        if kind == "exact_duplicate":
            twin.update(_disguised(source, by_id[copy], by_id[original]))
        elif kind == "near_duplicate":
            twin["input"] = source["input"].replace(" you ", " you please ", 1)
            twin["output"] = source["output"].replace("Resolution: ", "Resolution: Good news: ", 1)
        out[index[copy]] = twin
    for k, rid in enumerate(WRONG_REPLY):
        record = out[index[rid]]
        same = [
            r for r in out if r["category"] == record["category"] and r["id"] not in WRONG_REPLY
        ]
        donor = same[(k * 7 + 3) % len(same)]
        record["output"] = donor["output"]  # another customer's reply; facts stay this one's
    body = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in out)
    (HERE / "tickets.jsonl").write_text(body, encoding="utf-8")
    notes = [
        *planted,
        {
            "kind": "wrong_reply",
            "ids": list(WRONG_REPLY),
            "note": "another customer's reply in the house format (same category): "
            "valid format, wrong name and order; lint cannot see it",
        },
    ]
    (HERE / "planted.json").write_text(json.dumps(notes, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {len(out)} records to {HERE / 'tickets.jsonl'}", file=sys.stderr)


def _disguised(
    source: dict[str, Any], copy: dict[str, Any], original: dict[str, Any]
) -> dict[str, str]:
    """The exact copy's disguise, re-applied to the house-format record."""
    if copy["input"] == original["input"] and copy["output"] == original["output"]:
        return {}
    if "\u200b" in copy["input"]:
        return {
            "input": source["input"].replace("itemized", "item\u200bized", 1),
            "output": source["output"].replace(" ", "\u00a0", 1),
        }
    return {
        "input": re.sub(r"([.?!]) ", r"\1  ", source["input"].lower()),
        "output": "  " + source["output"].replace(": ", ":   ", 1) + "  ",
    }


if __name__ == "__main__":
    main()
