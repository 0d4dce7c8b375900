"""Lint's per-text cache: a warm run gives the findings of a cold one, analyses only what
changed, and nothing a user or a crash does to the cache folder can change a finding."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from curate.cli import app
from curate.io.analysis_cache import AnalysisCache, cache_folder
from tests.conftest import SAMPLES

TEXTS = [
    "Where is my order? It was supposed to arrive on Monday and nothing came.",
    "¿Dónde está mi pedido? Debía llegar el lunes y no ha llegado nada todavía.",
    "Wo ist meine Bestellung? Sie sollte am Montag ankommen und es kam nichts.",
    "Где мой заказ? Он должен был прийти в понедельник.",
    "注文した商品がまだ届いていません。",
    "ok",
]


def lengths(texts: pl.Series) -> pl.DataFrame:
    return pl.DataFrame({"n": texts.str.len_chars(), "upper": texts.str.to_uppercase()})


def counting(calls: list[int]) -> Callable[[pl.Series], pl.DataFrame]:
    def compute(texts: pl.Series) -> pl.DataFrame:
        if len(texts):  # the cache asks for the layout of no rows first
            calls.append(len(texts))
        return lengths(texts)

    return compute


CODE = ("tests.lint.test_cache",)


def test_a_warm_cache_gives_the_same_rows_and_computes_only_new_texts(tmp_path: Path) -> None:
    texts = pl.Series([*TEXTS, TEXTS[0], None])
    calls: list[int] = []
    first = AnalysisCache(tmp_path).rows("len", "o", texts, counting(calls), CODE)
    assert first.equals(lengths(texts))
    assert calls == [len(TEXTS) + 1]  # the repeated text once, the missing text once
    changed = pl.Series([*TEXTS[:-1], "a new text", TEXTS[0], None])
    warm = AnalysisCache(tmp_path)
    assert warm.rows("len", "o", changed, counting(calls), CODE).equals(lengths(changed))
    assert calls[-1] == 1 and warm.computed == 1


def test_a_few_new_texts_go_in_a_segment_until_the_segments_are_merged(tmp_path: Path) -> None:
    """A warm run that analyses a few new texts writes them beside the analysis's file,
    which stays as it was; later runs read them; once there are MAX_SEGMENTS, the next run
    that adds texts writes one file of every row and removes the segments."""
    from curate.io.analysis_cache import MAX_SEGMENTS

    base_texts = [f"text number {i}" for i in range(200)]
    AnalysisCache(tmp_path).rows("len", "o", pl.Series(base_texts), lengths, CODE)
    (path,) = tmp_path.glob("len-*.arrow")
    written = path.read_bytes()
    seen = list(base_texts)
    for run in range(MAX_SEGMENTS + 1):
        seen.append(f"new text {run}")
        texts = pl.Series(seen)
        calls: list[int] = []
        cache = AnalysisCache(tmp_path)
        assert cache.rows("len", "o", texts, counting(calls), CODE).equals(lengths(texts))
        assert calls == [1] and cache.computed == 1  # the segments before were read
        segments = list(tmp_path.glob("len-*.segment"))
        if run < MAX_SEGMENTS:
            assert len(segments) == run + 1 and path.read_bytes() == written
    assert segments == [] and pl.read_ipc(path).height == len(seen)


def test_options_and_code_key_the_file(tmp_path: Path) -> None:
    """Other options get a file of their own, kept beside the first. Other code (an upgrade,
    an edited rule) gets a new file; of the files of the same options under older code, the
    newest stays (two installs sharing the folder keep theirs) and the older ones go."""
    import os

    texts = pl.Series(TEXTS)
    calls: list[int] = []
    versions = [CODE, ("curate.langid",), ("curate.orthography",)]
    AnalysisCache(tmp_path).rows("len", "b", texts, counting(calls), CODE)
    written: list[Path] = []
    for age, code in enumerate(versions):
        before = set(tmp_path.glob("len-*.arrow"))
        AnalysisCache(tmp_path).rows("len", "a", texts, counting(calls), code)
        (new,) = set(tmp_path.glob("len-*.arrow")) - before
        written.append(new)
        os.utime(new, (1e9 + age, 1e9 + age))  # written in this order
    assert calls == [len(TEXTS)] * 4
    assert not written[0].exists() and written[1].exists() and written[2].exists()
    assert len(list(tmp_path.glob("len-*.arrow"))) == 3  # and the file of options "b"


def test_a_killed_runs_temporary_file_is_removed_once_it_is_old(tmp_path: Path) -> None:
    """A run killed while writing leaves its temporary file; a later run that writes the
    analysis's file whole removes it once it is an hour old, and leaves a fresh one (another
    run may be writing it)."""
    import os
    import time

    texts = pl.Series(TEXTS)
    AnalysisCache(tmp_path).rows("len", "o", texts, lengths, CODE)
    (path,) = tmp_path.glob("len-*.arrow")
    old, fresh = tmp_path / f".{path.name}.k1ll3d00", tmp_path / f".{path.name}.wr1t1ng0"
    for temporary in (old, fresh):
        temporary.write_bytes(b"half a file")
    hours_ago = time.time() - 2 * 3600
    os.utime(old, (hours_ago, hours_ago))
    more = pl.Series([*TEXTS, *(f"new text {i}" for i in range(len(TEXTS)))])
    AnalysisCache(tmp_path).rows("len", "o", more, lengths, CODE)  # the file written whole
    assert fresh.exists() and not old.exists()


def test_files_an_earlier_curate_left_are_removed_and_nothing_else(tmp_path: Path) -> None:
    """Writing an analysis's file removes that analysis's Parquet files of the cache's
    earlier format and their segments; files curate did not write stay, and in a folder
    without curate's mark nothing is removed."""
    legacy = ["len-a25725f95ea01c37.parquet", "len-3d1be6583a642c22.parquet.9affd3ec88e4.segment"]
    theirs = ["notes.parquet", "len-final.parquet", "len-report.arrow", "train.jsonl"]
    theirs.append("languages-3d1be6583a642c22.parquet")  # another analysis's: not this call's
    marked, unmarked = tmp_path / "marked", tmp_path / "unmarked"
    for folder in (marked, unmarked):
        folder.mkdir()
        for name in [*legacy, *theirs]:
            (folder / name).write_bytes(b"x")
    (unmarked / ".gitignore").write_text("*\n")
    for folder in (marked, unmarked):
        AnalysisCache(folder).rows("len", "o", pl.Series(TEXTS), lengths, CODE)
    (written,) = marked.glob("len-*-*.arrow")
    assert sorted(p.name for p in marked.iterdir()) == sorted([".gitignore", written.name, *theirs])
    assert all((unmarked / name).exists() for name in [*legacy, *theirs])


@pytest.mark.parametrize(
    "damage",
    [
        lambda whole: b"",
        lambda whole: b"ARROW1 not really arrow",
        lambda whole: b"\x00" * 100,
        lambda whole: whole[: len(whole) // 2],
        lambda whole: whole[:-8] + b"\xff" * 8,
    ],
    ids=["empty", "garbage", "zeros", "cut-in-half", "broken-footer"],
)
def test_a_damaged_cache_file_is_ignored_and_rewritten(
    tmp_path: Path, damage: Callable[[bytes], bytes]
) -> None:
    texts = pl.Series(TEXTS)
    AnalysisCache(tmp_path).rows("len", "o", texts, lengths, CODE)
    (path,) = tmp_path.glob("len-*.arrow")
    path.write_bytes(damage(path.read_bytes()))
    calls: list[int] = []
    assert (
        AnalysisCache(tmp_path)
        .rows("len", "o", texts, counting(calls), CODE)
        .equals(lengths(texts))
    )
    assert calls == [len(TEXTS)]
    assert pl.read_ipc(path).height == len(TEXTS)


def test_a_killed_run_leaves_nothing_that_is_read(tmp_path: Path) -> None:
    """A run killed while writing leaves a temporary file beside the cache: never read."""
    texts = pl.Series(TEXTS)
    AnalysisCache(tmp_path).rows("len", "o", texts, lengths, CODE)
    (path,) = tmp_path.glob("len-*.arrow")
    (tmp_path / f".{path.name}.abc123").write_bytes(b"half a file")
    assert AnalysisCache(tmp_path).rows("len", "o", texts, lengths, CODE).equals(lengths(texts))


def test_an_unwritable_cache_costs_speed_only(tmp_path: Path) -> None:
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x")
    texts = pl.Series(TEXTS)
    assert (
        AnalysisCache(blocked / "cache")
        .rows("len", "o", texts, lengths, CODE)
        .equals(lengths(texts))
    )


WORKER = """
import sys
from pathlib import Path
import polars as pl
from curate.io.analysis_cache import AnalysisCache
folder, seed = sys.argv[1], int(sys.argv[2])
texts = pl.Series([f"text {seed}-{i} " * (i % 7 + 1) for i in range(2000)] + ["shared"])
compute = lambda t: pl.DataFrame({"n": t.str.len_chars()})
rows = AnalysisCache(Path(folder)).rows("len", "o", texts, compute, ("curate.io",))
assert rows.get_column("n").to_list() == texts.str.len_chars().to_list()
"""


def test_concurrent_runs_never_corrupt_it(tmp_path: Path) -> None:
    """Six processes write the same cache file at once: each gets right rows, and the file
    that is left is whole (one writer's, read by the next run)."""
    import subprocess
    import sys

    runs = [
        subprocess.Popen([sys.executable, "-c", WORKER, str(tmp_path), str(seed % 3)])
        for seed in range(6)
    ]
    assert [run.wait(timeout=120) for run in runs] == [0] * 6
    (path,) = tmp_path.glob("len-*.arrow")
    assert pl.read_ipc(path).height >= 2001
    done = subprocess.run([sys.executable, "-c", WORKER, str(tmp_path), "1"], timeout=120)
    assert done.returncode == 0


@settings(max_examples=40, deadline=None)
@given(st.lists(st.one_of(st.none(), st.text(max_size=40)), max_size=30), st.integers(0, 5))
def test_cached_rows_equal_fresh_rows_whatever_was_cached_before(
    texts: list[str | None], split: int
) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        cache = AnalysisCache(Path(folder))
        series = pl.Series(texts, dtype=pl.String)
        cache.rows("len", "o", series[split:], lengths, CODE)  # some of them seen before
        assert cache.rows("len", "o", series, lengths, CODE).equals(lengths(series))


def test_the_folder_follows_config_flag_and_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CURATE_LINT_CACHE_DIR", raising=False)
    config = str(tmp_path / "project" / "curate.toml")
    assert cache_folder(".curate_cache", config) == tmp_path / "project" / ".curate_cache"
    assert cache_folder(".curate_cache", None) == Path(".curate_cache")
    assert cache_folder("", config) is None
    monkeypatch.setenv("CURATE_LINT_CACHE_DIR", str(tmp_path / "env"))
    assert cache_folder(".curate_cache", config) == tmp_path / "env"
    assert cache_folder("/elsewhere", config) == Path("/elsewhere")


def lint_json(path: Path, *extra: str) -> dict:
    result = CliRunner().invoke(
        app, ["lint", str(path), "--output-format", "json", "--exit-zero", *extra]
    )
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_lint_findings_are_the_same_cold_warm_and_uncached(tmp_path: Path) -> None:
    data = SAMPLES / "support_tickets.jsonl"
    cache = tmp_path / "cache"
    cold = lint_json(data, "--cache-dir", str(cache))
    assert list(cache.glob("languages-*.arrow"))
    assert (cache / ".gitignore").read_text().splitlines()[-1] == "*"
    warm = lint_json(data, "--cache-dir", str(cache))
    uncached = lint_json(data, "--no-cache", "--cache-dir", str(tmp_path / "unused"))
    assert cold["findings"] == warm["findings"] == uncached["findings"]
    assert not (tmp_path / "unused").exists()


def test_one_fields_new_texts_never_cost_the_other_fields_results(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One question asked 60 times with 60 different answers, the question reworded before
    each run: each run detects the language of the new question alone. (When both fields
    shared a file, the question's run that wrote the file whole pruned it to the question's
    texts, and the next 60 answers were detected again.)"""
    from curate import langid
    from curate.io import analysis_cache

    monkeypatch.setattr(analysis_cache, "PRUNE_SLACK", 0)  # prune as soon as files outgrow
    detected: list[int] = []
    real = langid.detect_languages

    def counting_detector(texts: pl.Series, *args: object) -> pl.DataFrame:
        detected[-1] += len(texts)
        return real(texts, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(langid, "detect_languages", counting_detector)
    data, cache = tmp_path / "d.jsonl", tmp_path / "cache"
    for run in range(analysis_cache.MAX_SEGMENTS + 3):
        rows = [
            {"input": f"Where is my order number {run}?", "output": f"{TEXTS[0]} ({i})"}
            for i in range(60)
        ]
        data.write_text("".join(json.dumps(r) + "\n" for r in rows))
        detected.append(0)
        lint_json(data, "--cache-dir", str(cache), "--select", "LANG001")
    assert detected == [61] + [1] * (analysis_cache.MAX_SEGMENTS + 2)


def test_an_edited_record_is_judged_afresh(tmp_path: Path) -> None:
    rows = [{"input": f"question {i} about my order please", "output": TEXTS[0]} for i in range(8)]
    data = tmp_path / "d.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in rows))
    cache = tmp_path / "cache"
    before = lint_json(data, "--cache-dir", str(cache), "--select", "LANG001")
    assert before["findings"] == []
    rows[3]["output"] = TEXTS[1]  # now Spanish
    data.write_text("".join(json.dumps(r) + "\n" for r in rows))
    after = lint_json(data, "--cache-dir", str(cache), "--select", "LANG001")
    assert [f["locations"][0]["line"] for f in after["findings"]] == [4]


def test_the_near_duplicate_search_is_the_same_with_cached_signatures(tmp_path: Path) -> None:
    import numpy as np

    from curate.dedup import NearDuplicateParams
    from curate.dedup.search import candidate_pairs

    base = [
        f"my order number {i} has not arrived and the tracking page shows no update since"
        f" the {i % 5} of the month so please tell me where it is"
        for i in range(40)
    ]
    near = [text.replace("please", "kindly") for text in base[::4]]
    texts = pl.Series([*base, *near, "", None], dtype=pl.String)
    params = NearDuplicateParams()
    mask = np.arange(len(texts)) % 7 != 3
    for chosen in (None, mask):
        plain = candidate_pairs(texts, params, chosen)
        cold = candidate_pairs(texts, params, chosen, AnalysisCache(tmp_path))
        warm_cache = AnalysisCache(tmp_path)
        warm = candidate_pairs(texts, params, chosen, warm_cache)
        assert len(plain[0]) > 0
        for got in (cold, warm):
            assert np.array_equal(got[0], plain[0]) and np.array_equal(got[1], plain[1])
        assert warm_cache.computed == 0


def test_joined_texts_give_the_candidates_of_the_joined_series(tmp_path: Path) -> None:
    """The record-pair search joins input and output a chunk at a time: the candidates,
    cold, warm and uncached, are those of the texts joined all at once."""
    import numpy as np

    from curate.dedup import NearDuplicateParams
    from curate.dedup.joined import JoinedTexts
    from curate.dedup.search import candidate_pairs

    inputs = [
        f"where is my order {i % 9} it was due on the {i % 4} of the month" for i in range(36)
    ]
    outputs = [
        f"sorry for the delay order {i % 9} ships on monday and arrives by the {i % 4}"
        for i in range(36)
    ]
    inputs[5], outputs[7], outputs[8] = None, None, ""  # type: ignore[call-overload]
    first, second = pl.Series(inputs, dtype=pl.String), pl.Series(outputs, dtype=pl.String)
    joined = pl.Series([f"{a or ''}\n{b or ''}" for a, b in zip(inputs, outputs, strict=True)])
    params = NearDuplicateParams(threshold=0.4)
    mask = np.arange(len(inputs)) % 5 != 2
    for chosen in (None, mask):
        plain = candidate_pairs(joined, params, chosen)
        assert len(plain[0]) > 0
        lazily = candidate_pairs(JoinedTexts(first, second), params, chosen)
        cold = candidate_pairs(JoinedTexts(first, second), params, chosen, AnalysisCache(tmp_path))
        warm_cache = AnalysisCache(tmp_path)
        warm = candidate_pairs(JoinedTexts(first, second), params, chosen, warm_cache)
        for got in (lazily, cold, warm):
            assert np.array_equal(got[0], plain[0]) and np.array_equal(got[1], plain[1])
        assert warm_cache.computed == 0
    assert list(tmp_path.glob("minhash-joined-*.arrow"))


def test_secrets_and_personal_data_come_back_from_the_cache_whole(tmp_path: Path) -> None:
    """Every hit (kind, span, preview), several to a reply, as a cold run finds them: the
    redaction fix cuts by these spans."""
    replies = [
        "Mail jane.doe@example.com or call +1 (415) 555-0142; key sk_live_4eC39HqLyjWDarjtT1zdp7dc",
        "Nothing here",
        "Card 4111 1111 1111 1111, IBAN GB82 WEST 1234 5698 7654 32, ip 8.8.8.8",
    ]
    data = tmp_path / "d.jsonl"
    data.write_text(
        "".join(json.dumps({"input": f"q{i}", "output": r}) + "\n" for i, r in enumerate(replies))
    )
    cache = tmp_path / "cache"
    options = ("--select", "LEAK005,LEAK006", "--cache-dir", str(cache))
    cold, warm = lint_json(data, *options), lint_json(data, *options)
    uncached = lint_json(data, "--select", "LEAK005,LEAK006", "--no-cache")
    assert cold["findings"] == warm["findings"] == uncached["findings"]
    hits = [h for f in cold["findings"] for h in f["detail"]["hits"]]
    assert {h["kind"] for h in hits} >= {"email", "phone", "card-number", "iban", "stripe-key"}
    assert {p.name.split("-")[0] for p in cache.glob("*.arrow")} >= {"secrets", "personal"}


def test_a_key_matches_only_when_both_its_halves_do() -> None:
    """Cached rows are found by the first half of a key and checked on the second: a text
    whose first half matches a cached text's is not that text, and two cached texts that
    share a first half are told apart (then both halves are joined on)."""
    from curate.io.analysis_cache import _positions

    def frame(pairs: list[tuple[int, int]]) -> pl.DataFrame:
        k0, k1 = zip(*pairs, strict=True)
        return pl.DataFrame({"k0": k0, "k1": k1}, schema={"k0": pl.UInt64, "k1": pl.UInt64})

    keys = frame([(7, 8), (1, 9), (1, 2), (5, 6)])
    assert _positions(keys, frame([(1, 2), (7, 8)])).to_list() == [1, None, 0, None]
    shared_first = frame([(1, 2), (1, 9), (7, 8)])
    assert _positions(keys, shared_first).to_list() == [2, 1, 0, None]
    assert _positions(keys, None).to_list() == [None] * 4
