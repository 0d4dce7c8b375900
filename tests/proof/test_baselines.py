"""The retrieval baseline and key-fact recall."""

from __future__ import annotations

from curate.proof.facts import fact_recall, facts_of
from curate.proof.retrieval import nearest_replies


def test_retrieval_answers_with_the_reply_of_the_most_similar_input() -> None:
    inputs = [
        "my parcel never arrived and tracking is stuck",
        "please cancel my membership before it renews",
        "the kettle leaks from the bottom",
    ]
    outputs = ["about the parcel", "about the membership", "about the kettle"]
    replies, positions = nearest_replies(
        inputs, outputs, ["cancel the membership please", "a leaking kettle", "zzz"]
    )
    assert replies[:2] == ["about the membership", "about the kettle"] and positions[:2] == [1, 2]
    assert positions[2] == 0  # nothing in common: the first record


def test_fact_recall_counts_strings_and_regexes() -> None:
    reply = "Hi Dana, order FW-123456 is refunded: $49.99 back on your card."
    facts = ["Dana", "fw-123456", "/\\$\\d+\\.\\d{2}/", "replacement"]
    assert fact_recall(reply, facts) == 0.75
    assert fact_recall(reply, None) is None
    assert fact_recall("  order   FW-123456 ", ["order FW-123456"]) == 1.0
    assert facts_of("Dana") == ["Dana"] and facts_of([]) is None and facts_of(None) is None
    assert fact_recall("x", ["/[/"]) == 0.0  # a broken regex is a plain string
