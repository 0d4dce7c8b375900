"""Properties of the split assignment (hypothesis)."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from curate.split.assign import SPLITS, Group, assign, quotas

ratios_strategy = st.sampled_from(
    [(0.8, 0.1, 0.1), (0.7, 0.15, 0.15), (0.5, 0.25, 0.25), (0.9, 0.1, 0.0), (1 / 3, 1 / 3, 1 / 3)]
)


@st.composite
def datasets(draw: st.DrawFn) -> list[Group]:
    sizes = draw(st.lists(st.integers(1, 4), min_size=1, max_size=80))
    strata = draw(st.lists(st.sampled_from("abcde"), min_size=len(sizes), max_size=len(sizes)))
    groups, n = [], 0
    for size, stratum in zip(sizes, strata, strict=True):
        records = tuple(f"r{n + i:04d}" for i in range(size))
        n += size
        groups.append(Group(key=records[0], records=records, stratum=stratum))
    return groups


@settings(max_examples=200, deadline=None)
@given(groups=datasets(), ratios=ratios_strategy, seed=st.integers(0, 10))
def test_every_record_in_one_split_and_groups_whole(
    groups: list[Group], ratios: tuple[float, float, float], seed: int
) -> None:
    placed = assign(groups, ratios, seed)
    assert set(placed) == {r for g in groups for r in g.records}
    assert set(placed.values()) <= set(SPLITS)
    for group in groups:
        assert len({placed[r] for r in group.records}) == 1
    for i, name in enumerate(SPLITS):
        if ratios[i] == 0:
            assert name not in placed.values()


@settings(max_examples=200, deadline=None)
@given(
    counts=st.dictionaries(st.sampled_from("abcdef"), st.integers(1, 60), min_size=1),
    ratios=ratios_strategy,
    seed=st.integers(0, 10),
)
def test_single_record_strata_are_within_one_of_ideal(
    counts: dict[str, int], ratios: tuple[float, float, float], seed: int
) -> None:
    groups = [
        Group(key=f"{s}{i}", records=(f"{s}{i}",), stratum=s)
        for s, n in counts.items()
        for i in range(n)
    ]
    placed = assign(groups, ratios, seed)
    for stratum, n in counts.items():
        got = Counter(placed[g.records[0]] for g in groups if g.stratum == stratum)
        wanted = quotas(n, ratios)
        assert [got[name] for name in SPLITS] == wanted
        for i in range(3):
            if n >= 3 and ratios[i] > 0:
                assert wanted[i] >= 1, (stratum, i)
        if all(n * r >= 1 or r == 0 for r in ratios):  # no minimum had to be forced
            assert all(abs(w - n * r) < 1 for w, r in zip(wanted, ratios, strict=True))


@settings(max_examples=100, deadline=None)
@given(n=st.integers(0, 500), ratios=ratios_strategy)
def test_quotas_add_up(n: int, ratios: tuple[float, float, float]) -> None:
    counts = quotas(n, ratios)
    assert sum(counts) == n and min(counts) >= 0


def test_assignment_ignores_group_order() -> None:
    groups = [Group(key=f"k{i}", records=(f"k{i}",), stratum="s") for i in range(50)]
    assert assign(groups, (0.8, 0.1, 0.1), 7) == assign(groups[::-1], (0.8, 0.1, 0.1), 7)
    assert assign(groups, (0.8, 0.1, 0.1), 7) != assign(groups, (0.8, 0.1, 0.1), 8)
