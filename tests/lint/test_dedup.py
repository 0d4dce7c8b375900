"""Near-duplicate detection (MinHash LSH) and n-gram overlap in curate.dedup."""

from __future__ import annotations

import random
import re
import time

import numpy as np
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from curate.dedup import (
    NearDuplicateParams,
    NearDuplicates,
    minhash_signatures,
    near_duplicates,
    ngram_overlap,
    ngram_overlap_runs,
)

# A few hundred common English words: texts drawn from them at random look like English to
# a word tokenizer but share no long word sequences by accident.
COMMON_WORDS = """
        the of and to a in is it you that he was for on are with as his they be at one have
        this from or had by hot word but what some we can out other were all there when up
        use your how said an each she which do their time if will way about many then them
        write would like so these her long make thing see him two has look more day could go
        come did number sound no most people my over know water than call first who may down
        side been now find any new work part take get place made live where after back little
        only round man year came show every good me give our under name very through just
        form sentence great think say help low line differ turn cause much mean before move
        right boy old too same tell does set three want air well also play small end put home
        read hand port large spell add even land here must big high such follow act why ask
        men change went light kind off need house picture try us again animal point mother
        world near build self earth father head stand own page should country found answer
        school grow study still learn plant cover food sun four between state keep eye never
        last let thought city tree cross farm hard start might story saw far sea draw left
        late run while press close night real life few north open seem together next white
        children begin got walk example ease paper group always music those both mark often
        letter until mile river car feet care second book carry took science eat room friend
        began idea fish mountain stop once base hear horse cut sure watch color face wood main
        enough plain girl usual young ready above ever red list though feel talk bird soon
        body dog family direct pose leave song measure door product black short numeral class
        wind question happen complete ship area half rock order fire south problem piece told
        knew pass since top whole king space heard best hour better true during hundred five
        remember step early hold west ground interest reach fast verb sing listen six table
        travel less morning ten simple several vowel toward war lay against pattern slow
        center love person money serve appear road map rain rule govern pull cold notice voice
        unit power town fine certain fly fall lead cry dark machine note wait plan figure star
        box noun field rest correct able pound done beauty drive stood contain front teach
        week final gave green oh quick develop ocean warm free minute strong special mind
        behind clear tail produce fact street inch multiply nothing course stay wheel full
        force blue object decide surface deep moon island foot system busy test record boat
        common gold possible plane dry wonder laugh thousand ago ran check game shape miss
        brought heat snow tire bring yes distant fill east paint language among
"""
WORDS = list(dict.fromkeys(COMMON_WORDS.split()))
DEFAULT = NearDuplicateParams()
_NEIGHBOURS = 10  # members of a large LSH bucket are paired with this many neighbours


def words(rng: random.Random, count: int) -> list[str]:
    return rng.choices(WORDS, k=count)


def other_word(rng: random.Random, word: str) -> str:
    while True:
        choice = rng.choice(WORDS)
        if choice != word:
            return choice


def edit(tokens: list[str], kind: str, edits: int, rng: random.Random) -> list[str]:
    """Apply `edits` edits of one kind at scattered positions (evenly spaced, not at the ends,
    never adjacent): the hardest case for n-gram Jaccard, as each edit breaks n n-grams."""
    out = list(tokens)
    spots = [(k + 1) * len(tokens) // (edits + 1) for k in range(edits)]
    for spot in reversed(spots):
        if kind == "substitute":
            out[spot] = other_word(rng, out[spot])
        elif kind == "insert":
            out.insert(spot, rng.choice(WORDS))
        else:
            del out[spot]
    return out


def bigrams(text: str, n: int = 2) -> set[tuple[str, ...]]:
    """Reference shingling, independent of the module: word n-grams, or all words if fewer."""
    tokens = re.findall(r"\w+", text)
    if 0 < len(tokens) < n:
        return {tuple(tokens)}
    return {tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)}


def jaccard(a: str, b: str, n: int = 2) -> float:
    x, y = bigrams(a, n), bigrams(b, n)
    return len(x & y) / len(x | y) if x | y else 0.0


def pair_set(result: NearDuplicates) -> set[tuple[int, int]]:
    return {(int(i), int(j)) for i, j in result.pairs}


def together(result: NearDuplicates, i: int, j: int) -> bool:
    return any(i in cluster and j in cluster for cluster in result.clusters)


# --- near_duplicates: recall on edited copies --------------------------------------------------


@pytest.mark.parametrize("length", [20, 50, 200])
def test_edited_copies_are_clustered_with_their_originals(length: int) -> None:
    rng = random.Random(length)
    texts: list[str] = []
    cases: list[tuple[int, int, str, int]] = []
    # Several originals per case so that the worst case (20 words, 3 substitutions: bigram
    # Jaccard 13/25 = 0.52, just above the threshold) is tried more than once.
    for kind in ("substitute", "insert", "delete"):
        for edits in (1, 2, 3):
            for _ in range(4):
                original = words(rng, length)
                copy = edit(original, kind, edits, rng)
                cases.append((len(texts), len(texts) + 1, kind, edits))
                texts += [" ".join(original), " ".join(copy)]
    texts += [" ".join(words(rng, length)) for _ in range(100)]

    result = near_duplicates(pl.Series(texts), DEFAULT)

    missed = [case for case in cases if not together(result, case[0], case[1])]
    assert not missed, f"edited copies not clustered: {missed}"
    # Every verified pair is a planted one, and its similarity is the exact bigram Jaccard.
    assert pair_set(result) == {(i, j) for i, j, _, _ in cases}
    for (i, j), similarity in zip(result.pairs.tolist(), result.similarity.tolist(), strict=True):
        assert similarity == pytest.approx(jaccard(texts[i], texts[j]))
        assert similarity >= DEFAULT.threshold


def test_worst_case_twenty_words_three_substitutions_sits_just_above_threshold() -> None:
    rng = random.Random(7)
    original = words(rng, 20)
    copy = edit(original, "substitute", 3, rng)
    assert jaccard(" ".join(original), " ".join(copy)) == pytest.approx(13 / 25)


# --- near_duplicates: precision --------------------------------------------------------------


def test_unrelated_texts_are_not_clustered_and_every_planted_copy_is_found() -> None:
    rng = random.Random(2024)
    texts = [" ".join(words(rng, rng.randint(20, 80))) for _ in range(2000)]
    planted: set[tuple[int, int]] = set()
    for source in rng.sample(range(2000), 20):
        tokens = texts[source].split(" ")
        copy = edit(tokens, rng.choice(["substitute", "insert", "delete"]), rng.randint(1, 3), rng)
        planted.add((source, len(texts)))
        texts.append(" ".join(copy))

    result = near_duplicates(pl.Series(texts), DEFAULT)

    assert pair_set(result) == planted
    assert sorted(map(tuple, result.clusters)) == sorted(planted)
    assert result.pairs.dtype == np.int64
    assert result.pairs.shape == (20, 2)
    assert result.similarity.shape == (20,)
    assert (result.pairs[:, 0] < result.pairs[:, 1]).all()


def test_threshold_is_respected() -> None:
    rng = random.Random(3)
    base = words(rng, 40)
    texts = [" ".join(base)]
    for edits in range(1, 13):
        texts.append(" ".join(edit(base, "substitute", edits, rng)))
    result = near_duplicates(pl.Series(texts), DEFAULT)
    truth = {j for j in range(1, len(texts)) if jaccard(texts[0], texts[j]) >= 0.5}
    found = {j for i, j in pair_set(result) if i == 0}
    assert found == truth
    assert 0 < len(truth) < len(texts) - 1  # both sides of the threshold were tried


# --- near_duplicates: large buckets and the candidates mask ----------------------------------


def test_bucket_of_identical_texts_is_one_cluster_and_masked_rows_are_skipped() -> None:
    rng = random.Random(11)
    template = " ".join(words(rng, 60))
    texts = [template] * 5000 + [" ".join(words(rng, 60)) for _ in range(1000)]
    order = list(range(len(texts)))
    rng.shuffle(order)
    texts = [texts[k] for k in order]
    mask = np.ones(len(texts), dtype=bool)
    mask[::7] = False
    copies = [row for row, text in enumerate(texts) if text == template]
    expected = [row for row in copies if mask[row]]

    start = time.perf_counter()
    result = near_duplicates(pl.Series(texts), DEFAULT, candidates_mask=mask)
    elapsed = time.perf_counter() - start

    assert result.clusters == [expected]
    skipped = set(np.flatnonzero(~mask).tolist())
    assert not skipped & set(result.pairs.ravel().tolist())
    assert (result.similarity == 1.0).all()
    # Pairs stay linear in the bucket size (neighbours in signature order, not all pairs).
    assert len(result.pairs) <= 10 * len(expected)
    assert elapsed < 5.0
    assert result.similarity_to(expected[:5]) == {row: 1.0 for row in expected[1:5]}


def test_large_bucket_of_templated_texts_is_paired_linearly() -> None:
    rng = random.Random(12)
    template = words(rng, 80)
    texts = []
    for _ in range(3000):  # one slot filled differently: bigram Jaccard 77/81 or more
        tokens = list(template)
        tokens[40] = rng.choice(WORDS)
        texts.append(" ".join(tokens))
    texts += [" ".join(words(rng, 80)) for _ in range(500)]

    start = time.perf_counter()
    result = near_duplicates(pl.Series(texts), DEFAULT)
    elapsed = time.perf_counter() - start

    assert result.clusters == [list(range(3000))]
    # Texts with the same slot word are identical and paired once with the first of them;
    # the others are paired with their neighbours in signature order, not all with all.
    assert len(result.pairs) < 3000 * 2 * _NEIGHBOURS
    assert elapsed < 5.0


def test_candidates_mask_must_match_the_texts() -> None:
    with pytest.raises(ValueError, match="candidates_mask"):
        near_duplicates(pl.Series(["a b", "a b"]), DEFAULT, candidates_mask=np.ones(3, bool))


def test_all_rows_masked_out() -> None:
    result = near_duplicates(pl.Series(["a b c", "a b c"]), DEFAULT, np.zeros(2, bool))
    assert result.clusters == []
    assert result.pairs.shape == (0, 2)


# --- near_duplicates: short and empty texts ----------------------------------------------------


def test_short_texts_get_one_shingle_and_empty_texts_are_never_duplicates() -> None:
    texts = pl.Series(["hello", "hello", "world", "", "", None, "!!! ...", "!!!", "a b", "a b"])
    result = near_duplicates(texts, DEFAULT)
    assert result.clusters == [[0, 1], [8, 9]]


def test_empty_input() -> None:
    result = near_duplicates(pl.Series([], dtype=pl.String), DEFAULT)
    assert result.clusters == []
    assert result.pairs.shape == (0, 2)
    assert result.similarity.shape == (0,)
    assert minhash_signatures(pl.Series([], dtype=pl.String), DEFAULT).shape == (0, 128)


def test_similarity_to_computes_unverified_pairs_exactly() -> None:
    rng = random.Random(5)
    base = words(rng, 60)
    chain = [base]
    for _ in range(6):  # each copy edits the previous one: a chain, not a star
        chain.append(edit(chain[-1], "substitute", 3, rng))
    texts = [" ".join(tokens) for tokens in chain]
    result = near_duplicates(pl.Series(texts), DEFAULT)
    assert len(result.clusters) == 1
    cluster = result.clusters[0]
    similarity = result.similarity_to(cluster)
    assert set(similarity) == set(cluster[1:])
    for member, value in similarity.items():
        assert value == pytest.approx(jaccard(texts[cluster[0]], texts[member]))
    assert result.similarity_to([cluster[0]]) == {}


def test_determinism() -> None:
    rng = random.Random(99)
    texts = [" ".join(words(rng, 40)) for _ in range(500)]
    texts += [" ".join(edit(t.split(" "), "substitute", 2, rng)) for t in texts[:50]]
    series = pl.Series(texts)
    first = near_duplicates(series, DEFAULT)
    second = near_duplicates(series, DEFAULT)
    assert first.clusters == second.clusters
    assert np.array_equal(first.pairs, second.pairs)
    assert np.array_equal(first.similarity, second.similarity)
    assert np.array_equal(minhash_signatures(series, DEFAULT), minhash_signatures(series, DEFAULT))


def test_other_params() -> None:
    rng = random.Random(8)
    base = words(rng, 50)
    texts = [" ".join(base), " ".join(edit(base, "substitute", 2, rng)), " ".join(words(rng, 50))]
    params = NearDuplicateParams(threshold=0.8, ngram=3, num_perm=64, seed=3)
    result = near_duplicates(pl.Series(texts), params)
    assert jaccard(texts[0], texts[1], 3) < 0.8
    assert result.clusters == []
    result = near_duplicates(pl.Series(texts), NearDuplicateParams(threshold=0.6, ngram=3))
    assert result.clusters == [[0, 1]]
    assert minhash_signatures(pl.Series(texts), params).shape == (3, 64)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"threshold": 0.0},
        {"threshold": 1.5},
        {"ngram": 0},
        {"num_perm": 1},
        {"seed": -1},
        {"seed": 1 << 32},
    ],
)
def test_params_are_validated(kwargs: dict[str, float]) -> None:
    with pytest.raises(ValueError):
        NearDuplicateParams(**kwargs)  # type: ignore[arg-type]


# --- minhash_signatures ----------------------------------------------------------------------


def test_signatures_of_identical_texts_are_identical() -> None:
    rng = random.Random(1)
    text = " ".join(words(rng, 30))
    other = " ".join(words(rng, 30))
    signatures = minhash_signatures(pl.Series([text, other, text]), DEFAULT)
    assert signatures.shape == (3, 128)
    assert signatures.dtype == np.uint32
    assert np.array_equal(signatures[0], signatures[2])
    assert not np.array_equal(signatures[0], signatures[1])


def test_signature_agreement_estimates_jaccard() -> None:
    rng = random.Random(21)
    texts: list[str] = []
    for k in range(300):
        base = words(rng, 50)
        texts += [" ".join(base), " ".join(edit(base, "substitute", 1 + k % 20, rng))]
    signatures = minhash_signatures(pl.Series(texts), DEFAULT)
    estimate = (signatures[0::2] == signatures[1::2]).mean(axis=1)
    exact = np.array([jaccard(texts[i], texts[i + 1]) for i in range(0, len(texts), 2)])
    assert exact.min() < 0.2
    assert exact.max() > 0.8
    error = np.abs(estimate - exact)
    assert error.mean() < 0.1
    assert abs((estimate - exact).mean()) < 0.02  # unbiased
    assert error.max() < 0.2


def test_signatures_of_empty_texts() -> None:
    signatures = minhash_signatures(pl.Series(["", None, "   ", "word"]), DEFAULT)
    assert (signatures[:3] == np.iinfo(np.uint32).max).all()
    assert (signatures[3] != np.iinfo(np.uint32).max).any()
    assert minhash_signatures(pl.Series([None, None]), DEFAULT).shape == (2, 128)


def test_signatures_match_datasketch_affine32() -> None:
    from datasketch import MinHash

    from curate.dedup import _shingles

    texts = pl.Series(["the cat sat on the mat and the dog sat on the log", "one"])
    signatures = minhash_signatures(texts, DEFAULT)
    grams, counts = _shingles(texts, DEFAULT.ngram, DEFAULT.seed)
    values = (grams >> np.uint64(32)).astype(np.uint32)
    start = 0
    for row, count in enumerate(counts.tolist()):
        reference = MinHash(num_perm=128, seed=1, hashfunc=int, scheme="affine32")
        reference.update_batch(values[start : start + count].tolist())
        start += count
        assert np.array_equal(reference.hashvalues, signatures[row])


def test_punctuation_is_not_part_of_words() -> None:
    signatures = minhash_signatures(pl.Series(["hello, world!", "hello world"]), DEFAULT)
    assert np.array_equal(signatures[0], signatures[1])


# --- ngram_overlap ---------------------------------------------------------------------------


def test_ngram_overlap() -> None:
    rng = random.Random(13)
    train_words = [words(rng, 100) for _ in range(50)]
    train = pl.Series([" ".join(tokens) for tokens in train_words])
    span = train_words[17][40:53]
    fresh = words(rng, 13)
    probe = pl.Series(
        [
            " ".join(span),  # a copied 13-word span: its only 13-gram occurs in train
            " ".join(fresh + span),  # 14 13-grams, 1 of them copied
            " ".join(words(rng, 30)),  # unrelated
            " ".join(span[:12]),  # too short for a 13-gram
            "",
            None,
        ]
    )
    overlap = ngram_overlap(train, probe)
    assert overlap.dtype == np.float64
    assert overlap.tolist() == pytest.approx([1.0, 1 / 14, 0.0, 0.0, 0.0, 0.0])


@pytest.mark.parametrize("n", [1, 3, 6])
def test_ngram_overlap_matches_brute_force(n: int) -> None:
    rng = random.Random(4)
    vocabulary = WORDS[: {1: 60, 3: 8, 6: 3}[n]]  # small enough for some n-grams to recur
    train = [" ".join(rng.choices(vocabulary, k=rng.randint(0, 40))) for _ in range(300)]
    probe = [" ".join(rng.choices(vocabulary, k=rng.randint(0, 15))) for _ in range(100)]
    seen = {tuple(t[i : i + n]) for t in map(str.split, train) for i in range(len(t) - n + 1)}
    expected = []
    for tokens in map(str.split, probe):
        grams = [tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)]
        expected.append(sum(g in seen for g in grams) / len(grams) if grams else 0.0)
    overlap = ngram_overlap(pl.Series(train), pl.Series(probe), n=n)
    assert overlap.tolist() == pytest.approx(expected)
    assert 0 < overlap.mean() < 1


@pytest.mark.parametrize("n", [1, 3, 6])
def test_longest_shared_run_matches_brute_force(n: int) -> None:
    """The longest run of consecutive probe n-grams found in train, in words."""
    rng = random.Random(5)
    vocabulary = WORDS[: {1: 60, 3: 8, 6: 3}[n]]
    train = [" ".join(rng.choices(vocabulary, k=rng.randint(0, 40))) for _ in range(300)]
    probe = [" ".join(rng.choices(vocabulary, k=rng.randint(0, 15))) for _ in range(100)]
    seen = {tuple(t[i : i + n]) for t in map(str.split, train) for i in range(len(t) - n + 1)}
    expected = []
    for tokens in map(str.split, probe):
        best = run = 0
        for i in range(len(tokens) - n + 1):
            run = run + 1 if tuple(tokens[i : i + n]) in seen else 0
            best = max(best, run)
        expected.append(best + n - 1 if best else 0)
    _, runs = ngram_overlap_runs(pl.Series(train), pl.Series(probe), n=n)
    assert runs.tolist() == expected
    assert any(expected)


def test_ngram_overlap_empty_train_or_probe() -> None:
    empty = pl.Series([], dtype=pl.String)
    some = pl.Series(["a b c d e f g h i j k l m n"])
    assert ngram_overlap(empty, some).tolist() == [0.0]
    assert ngram_overlap(some, empty).shape == (0,)
    assert ngram_overlap(some, some).tolist() == [1.0]


# --- internals: chunking, band choice --------------------------------------------------------


def test_results_do_not_depend_on_chunking(monkeypatch: pytest.MonkeyPatch) -> None:
    # The block sizes live in the modules that use them.
    from curate import normalize
    from curate.dedup import jaccard, lsh, minhash, ngrams, shingles

    rng = random.Random(17)
    texts = [" ".join(words(rng, rng.randint(0, 40))) for _ in range(300)]
    texts += [" ".join(edit(t.split(" "), "insert", 2, rng)) for t in texts[:30] if t]
    series = pl.Series(texts)
    raw = pl.Series([t.upper().replace(" ", "\u00a0 ", 3) for t in texts] + [None, "Ｘ\n\ty"])
    normal = normalize.dedup_text(raw)
    mask = np.array([k % 5 != 3 for k in range(len(texts))])
    whole = near_duplicates(series, DEFAULT, mask)
    signatures = minhash_signatures(series, DEFAULT)
    overlap = ngram_overlap(series, series[:40], n=4)
    monkeypatch.setattr(minhash, "_TOKENISE_CHUNK", 7)
    monkeypatch.setattr(shingles, "_TOKENISE_BYTES", 500)
    monkeypatch.setattr(minhash, "_MINHASH_BLOCK", 5)
    monkeypatch.setattr(ngrams, "_OVERLAP_CHUNK", 11)
    monkeypatch.setattr(lsh, "_PAIR_BLOCK", 3)
    monkeypatch.setattr(jaccard, "_JACCARD_BLOCK", 50)
    monkeypatch.setattr(normalize, "SLICE_TEXTS", 13)
    assert normalize.dedup_text(raw).equals(normal)
    chunked = near_duplicates(series, DEFAULT, mask)
    assert chunked.clusters == whole.clusters
    assert len(whole.clusters) >= 20
    assert np.array_equal(chunked.pairs, whole.pairs)
    assert np.array_equal(chunked.similarity, whole.similarity)
    assert np.array_equal(minhash_signatures(series, DEFAULT), signatures)
    assert np.array_equal(ngram_overlap(series, series[:40], n=4), overlap)


def test_band_choice_matches_datasketch_optimiser() -> None:
    from datasketch.lsh import _optimal_param as reference

    from curate.dedup import _lsh_bands, _optimal_param

    for threshold in (0.3, 0.5, 0.8):
        for num_perm in (32, 128):
            for weight in (0.5, 0.995):
                assert _optimal_param(threshold, num_perm, 1 - weight, weight) == reference(
                    threshold, num_perm, 1 - weight, weight
                )
    assert _lsh_bands(0.5, 128) == (42, 3)


@pytest.mark.parametrize(("threshold", "records"), [(0.5, 40_000), (0.8, 5), (0.9, 1)])
def test_band_keys_from_cached_rows_equal_those_from_transposed_signatures(
    threshold: float, records: int
) -> None:
    """The cache gives signatures a record per row; their band keys must be the keys the
    signing code makes from transposed blocks, or a warm run would pair other records."""
    from curate.dedup.lsh import _band_keys, _band_keys_of_rows, _lsh_bands

    signatures = np.random.default_rng(3).integers(0, 2**32, (records, 128), dtype=np.uint32)
    bands, rows = _lsh_bands(threshold, 128)
    expected = _band_keys(np.ascontiguousarray(signatures.T), bands, rows)
    assert np.array_equal(_band_keys_of_rows(signatures, bands, rows), expected)


def test_words_are_the_matches_of_the_word_pattern() -> None:
    from curate.dedup import _word_hashes

    texts = pl.Series(
        [
            "hello, world!",
            "  a\tb\nc  ",
            "",
            None,
            "don't stop-me now...",
            "café naïve – élan; 東京 タワー",
            "x_y z__ 123 4.5",
            "!!!",
            "über—straße (a)(b)[c]{d} e.g.",
            "zero\u200bwidth no\u00a0break",
            "नमस्ते दुनिया",
        ]
    )
    hashes, counts = _word_hashes(texts, 5)
    words = texts.str.extract_all(r"\w+")
    assert counts.tolist() == words.list.len().fill_null(0).to_list()
    assert counts.tolist()[:4] == [2, 3, 0, 0]
    expected = words.explode(empty_as_null=False, keep_nulls=False).hash(5).to_numpy()
    assert np.array_equal(hashes, expected)


PIECES = [
    "order",
    "Order",
    "ORDER ",
    "late",
    " late",
    "late\n",
    "a\nb",
    "a b",
    "",
    "\u00a0late",
    "ｌａｔｅ",
]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(PIECES)), min_size=1, max_size=25)
)
def test_copies_of_a_record_are_records_whose_joined_normal_texts_are_equal(
    records: list[tuple[str, str]],
) -> None:
    """Record copies come from the input's and output's groups without a joined text;
    they are exactly the groups of the joined normal texts, kept record included."""
    from curate.dedup.groups import Duplicates, exact_keepers
    from curate.io import Dataset

    frame = pl.DataFrame(
        {
            "id": [f"r{k}" for k in range(len(records))],
            "input": [i for i, _ in records],
            "output": [o for _, o in records],
        }
    )
    duplicates = Duplicates(Dataset(frame, []))
    joined = duplicates.normal_text("both")
    for side in ("input", "output"):
        assert not duplicates.normal_text(side).str.contains("\n").any()
    expected = exact_keepers(joined, frame.get_column("id"))
    assert duplicates.exact_group("both").to_list() == expected.to_list()
