from __future__ import annotations

from collections.abc import Iterator

from curate.dedup.groups import star_groups
from curate.lint.checks.duplicates import NearOptions
from curate.lint.context import EVAL_ROLE, LintContext
from curate.lint.registry import register
from curate.lint.rule import DROP_COPIES, Rule, Violation
from curate.schemas.finding import Severity


@register
class NearDuplicate(Rule[NearOptions]):
    """Record is a near copy of another: its input and its output are each nearly the
    other's (a few words edited, added or removed).

    ## Why it matters
    Near copies overweight one example as much as exact ones, and they are how duplicates
    slip past exact checks: change a word and the copy looks new. MinHash LSH over word
    pairs finds them at any dataset size.

    Both sides must be near, each by its own threshold (`input-threshold`,
    `output-threshold`, default `threshold` = 0.5, the Jaccard similarity of word-pair
    sets). Different questions answered with the same canned reply are not copies: they
    teach the model when to give that reply (DUP004 reports the reply), so where two
    records share a canned reply their inputs must be nearer (`canned-input-threshold`,
    0.8). Inputs that each name a number the other lacks (order FW-513238 and order
    FW-478023) are about different things. A chat log flattened into records, where one
    record's reply is the next one's request, is no copy either. Texts
    under `min-words` (10) words are near only when nearly equal (the same words, or one
    typo in a word of 5+ letters): on a handful of word pairs a Jaccard is no evidence, and
    "What is a motormouth?" and "What is a ratchet jaw?" are two questions. `key =
    "input"` or `"output"` compares one side only.

    Each group is a star: the kept record, the one with the smallest id in natural order
    (`T-9` before `T-10`; the same rule for DUP001, `--fix`, `curate split` and the review
    app), is near every other member itself, and the finding gives each member's
    similarity to it. A record near only to a record that is itself dropped stays.

    ## Example
    Line 603 is line 499 with "should" changed to "will", "please" added and "just" removed.

    ## Fix
    Keep one record per group: `curate lint --fix --out clean.jsonl` keeps the record
    with the smallest id and drops the others.
    """

    code = "DUP002"
    name = "near-duplicate"
    severity = Severity.WARNING
    memory_heavy = True
    long_running = True
    Options = NearOptions
    fix = DROP_COPIES

    def check(self, ctx: LintContext) -> Iterator[Violation]:
        options = self.options
        if options.key == "both":
            near = ctx.duplicates.record_pairs(options.record_params())
        else:
            near = ctx.duplicates.near_pairs(options.key, options.text_params())
        frame = ctx.frame
        ids = frame.get_column("id").to_list()
        roles = frame.get_column("role").to_list()
        training = [role != EVAL_ROLE for role in roles]
        pairs = near.pairs[[training[a] and training[b] for a, b in near.pairs.tolist()]]
        sides = ["input", "output"] if options.key == "both" else [options.key]
        similarity = {
            (a, b): values
            for (a, b), values in zip(near.pairs.tolist(), near.similarity.tolist(), strict=True)
        }
        for group in star_groups(pairs, ids, partition=roles):
            kept, members = group[0], group[1:]
            records = [ids[row] for row in group]
            per_member = {
                ids[row]: dict(
                    zip(
                        sides,
                        (round(v, 3) for v in similarity[min(kept, row), max(kept, row)]),
                        strict=True,
                    )
                )
                for row in members
            }
            lowest = {side: min(values[side] for values in per_member.values()) for side in sides}
            shown = ", ".join(f"{side} {value:.2f}" for side, value in lowest.items())
            yield Violation(
                records,
                f"{len(members)} near {'copy' if len(members) == 1 else 'copies'} of "
                f"{records[0]} (similarity {shown} or more)",
                {
                    "keep": records[0],
                    "drop": records[1:],
                    "similarity": per_member,
                    "key": options.key,
                },
            )
