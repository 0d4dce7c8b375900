"""Language identification: confident answers only, the cheap function-word test first, and
agreement with full langdetect."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import polars as pl
import pytest
from langdetect import DetectorFactory, detect_langs
from polars.testing import assert_frame_equal

from curate import langid
from curate.langid import (
    ANSWERED_LANGUAGES,
    FUNCTION_WORDS,
    GUARD_WORDS,
    LanguageParams,
    detect_languages,
)
from curate.orthography import orthographic_languages
from tests.conftest import SAMPLES

PARAGRAPHS = {
    "en": "Thanks for getting back to me so quickly. The replacement arrived this morning and it "
    "works perfectly, so I don't need the return label any more.",
    "es": "Gracias por tu respuesta tan rápida. El paquete de reemplazo llegó esta mañana y "
    "funciona perfectamente, así que ya no necesito la etiqueta de devolución.",
    "de": "Vielen Dank für die schnelle Antwort. Das Ersatzpaket ist heute Morgen angekommen und "
    "funktioniert einwandfrei, deshalb brauche ich das Rücksendeetikett nicht mehr.",
    "fr": "Merci pour votre réponse rapide. Le colis de remplacement est arrivé ce matin et il "
    "fonctionne parfaitement, je n'ai donc plus besoin de l'étiquette de retour.",
    "it": "Grazie per la risposta così veloce. Il pacco sostitutivo è arrivato stamattina e "
    "funziona perfettamente, quindi non mi serve più l'etichetta per il reso.",
    "pt": "Obrigado pela resposta tão rápida. A encomenda de substituição chegou hoje de manhã e "
    "funciona perfeitamente, por isso já não preciso da etiqueta de devolução.",
    "nl": "Bedankt voor je snelle antwoord. Het vervangende pakket is vanochtend aangekomen en "
    "werkt perfect, dus ik heb het retourlabel niet meer nodig.",
}
NON_LATIN = {
    "ru": "Спасибо за быстрый ответ. Посылка с заменой пришла сегодня утром и работает отлично, "
    "поэтому этикетка для возврата мне больше не нужна.",
    "zh": "我两个星期前订了一件外套，但是包裹到现在还没有到。物流信息已经好几天没有更新了。"
    "请问我的订单现在在哪里？",
}
# Neighbours of the answered languages: the function-word test must leave them to langdetect.
NEIGHBOURS = {
    "ca": "Moltes gràcies per la resposta tan ràpida. El paquet de substitució ha arribat aquest "
    "matí i funciona perfectament, així que ja no necessito l'etiqueta de devolució.",
    "af": "Baie dankie vir jou vinnige antwoord. Die vervangende pakkie het vanoggend aangekom en "
    "werk perfek, so ek het nie meer die retoerplakker nodig nie.",
    "da": "Tak for dit hurtige svar. Den nye pakke kom i morges og virker perfekt, så jeg har "
    "ikke længere brug for returlabelen.",
}
SHORT = ["Hi", "Thanks!", "12345", "ok thx", "#NW-482913", "ok ok ok ok ok ok ok ok", "", None]


def detect(*texts: str | None, params: LanguageParams | None = None) -> list[dict]:
    series = pl.Series(texts, dtype=pl.String)
    return detect_languages(series, params or LanguageParams()).to_dicts()


def reference(text: str) -> tuple[str, float]:
    """Full langdetect, seeded, as the benchmark runs it."""
    top = detect_langs(text)[0]
    return top.lang.split("-")[0], top.prob


@pytest.fixture
def seeded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(DetectorFactory, "seed", 0)


def test_paragraphs_in_the_answered_languages_are_confident_and_cheap() -> None:
    rows = detect(*PARAGRAPHS.values())
    for lang, row in zip(PARAGRAPHS, rows, strict=True):
        assert row["lang"] == lang
        assert row["method"] == "function-words"
        assert 0.9 <= row["confidence"] <= 1.0


@pytest.mark.parametrize("text", SHORT, ids=repr)
def test_short_texts_are_never_a_confident_guess(text: str | None) -> None:
    [row] = detect(text)
    assert row["lang"] is None
    assert row["confidence"] == 0.0
    assert row["method"] in {"too-short", "no-letters"}


def test_short_texts_methods() -> None:
    methods = [row["method"] for row in detect(*SHORT)]
    assert methods == [
        "too-short",
        "too-short",
        "no-letters",
        "too-short",
        "too-short",
        "too-short",
        "no-letters",
        "no-letters",
    ]


def test_min_words_counts_distinct_words() -> None:
    text = "Thanks so much for all your help"  # 7 distinct words
    assert detect(text)[0]["lang"] == "en"
    too_short = LanguageParams(min_words=8, min_short_words=8)  # the short test off too
    assert detect(text, params=too_short)[0]["method"] == "too-short"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Wo ist meine Bestellung?", "de"),  # two German function words, nothing else
        ("Merci pour votre réponse", "fr"),
        ("Thanks so much for all your help", "en"),
        ("Is it über cool?", None),  # English words beside the foreign one
        ("Hola amigo", None),  # under min-short-words
        ("Das Boot and the sea", None),  # a German title in English
        ("Jag har inte fått min beställning", "sv"),
        ("Saya belum menerima pesanan saya", "id"),
        ("Gdzie jest moje zamówienie?", "pl"),
        ("Tôi chưa nhận được đơn hàng", "vi"),
        ("Kiitos, paketti tuli jo", "fi"),
    ],
)
def test_a_short_text_is_answered_only_on_strong_function_words(
    text: str, lang: str | None
) -> None:
    row = detect(text, params=LanguageParams(min_words=8))[0]
    assert row["lang"] == lang


@pytest.mark.usefixtures("seeded")
@pytest.mark.parametrize(("lang", "text"), list(NON_LATIN.items()), ids=list(NON_LATIN))
def test_letters_that_name_one_language_answer_without_langdetect(lang: str, text: str) -> None:
    [row] = detect(text)
    assert (row["method"], row["lang"], row["confidence"]) == ("orthography", lang, 1.0)
    assert reference(text)[0] == lang


# Texts of several words whose letters settle the language, and texts of a shared script
# whose letters do not (left to langdetect).
SETTLED = {
    "Дякую за швидку відповідь. Посилка прийшла сьогодні вранці і працює": "uk",
    "Дзякуй за хуткую адказ. Пасылка прыйшла сёння раніцай і ўсё працуе": "be",
    "از پاسخ سریع شما متشکرم. بسته جایگزین امروز صبح رسید و عالی کار می‌کند": "fa",
    "آپ کے فوری جواب کا شکریہ۔ متبادل پیکیج آج صبح پہنچ گیا اور بہترین ہے": "ur",
    "شكرا على الرد السريع. وصلت الحزمة البديلة هذا الصباح في ١٠ دقائق": "ar",
    "二週間前にコートを注文しましたが、まだ届いていません。": "ja",
    "빠른 답변 감사합니다. 교체 패키지가 오늘 아침에 도착했습니다": "ko",
    "Ευχαριστώ πολύ για τη γρήγορη απάντηση σας σήμερα": "el",
    "Благодаря за бързия отговор. Пратката пристигна тази сутрин": None,  # Bulgarian
    "Дзякуй за хуткі адказ. Пасылка прыйшла сёння раніцай і працуе выдатна": None,  # no ў
    "Хвала на брзом одговору. Пакет је стигао јутрос и ради одлично": None,  # Serbian
    "Жылдам жауап үшін рахмет. Сәлемдеме бүгін таңертең келді": None,  # Kazakh
    "मेरा ऑर्डर दो सप्ताह पहले भेजा गया था लेकिन अभी तक नहीं पहुंचा": None,  # Hindi or Marathi
    "Thanks for the quick reply, it works now": None,
}


@pytest.mark.parametrize(("text", "lang"), list(SETTLED.items()))
def test_only_letters_of_one_language_settle_it(text: str, lang: str | None) -> None:
    assert orthographic_languages(pl.Series([text])).to_list() == [lang]


def test_chinese_without_spaces_counts_words() -> None:
    # One run of letters between punctuation marks is not one word.
    assert detect("我的订单两个星期了还没有到")[0]["method"] == "orthography"
    assert detect("你好")[0]["method"] == "too-short"


@pytest.mark.parametrize(("lang", "text"), list(NEIGHBOURS.items()), ids=list(NEIGHBOURS))
def test_neighbouring_languages_are_left_to_langdetect(lang: str, text: str) -> None:
    [row] = detect(text)
    assert row["method"] == "langdetect"
    # langdetect hesitates between Danish and Norwegian here (0.85): no confident answer.
    assert row["lang"] == (None if lang == "da" else lang)


def test_mixed_frame_keeps_order_and_types() -> None:
    texts = [PARAGRAPHS["de"], "Hi", NON_LATIN["ru"], None, PARAGRAPHS["en"], NON_LATIN["ru"]]
    frame = detect_languages(pl.Series(texts))
    assert frame.schema == pl.Schema(
        {"lang": pl.String, "confidence": pl.Float64, "method": pl.String}
    )
    assert frame["lang"].to_list() == ["de", None, "ru", None, "en", "ru"]
    assert frame["method"].to_list() == [
        "function-words",
        "too-short",
        "orthography",
        "no-letters",
        "function-words",
        "orthography",
    ]
    assert detect_languages(pl.Series([], dtype=pl.String)).height == 0


def test_support_tickets_are_answered_by_the_cheap_test() -> None:
    tickets = pl.read_ndjson(SAMPLES / "support_tickets.jsonl")
    texts = pl.concat([tickets["input"], tickets["output"]])
    frame = detect_languages(texts)
    counts = dict(frame["method"].value_counts().iter_rows())
    assert counts["function-words"] >= 0.98 * texts.len()
    assert frame.filter(pl.col("method") == "function-words")["lang"].unique().sort().to_list() == [
        "de",
        "en",
        "es",
    ]


def test_planted_language_problems_are_found() -> None:
    tickets = pl.read_ndjson(SAMPLES / "support_tickets.jsonl")
    planted = tickets.filter(pl.col("id").is_in(["T-00143", "T-00540"])).sort("id")
    inputs = detect_languages(planted["input"])["lang"].to_list()
    outputs = detect_languages(planted["output"])["lang"].to_list()
    assert inputs == ["es", "de"]  # non-English tickets
    assert outputs == ["es", "en"]  # T-00540: German ticket, English reply


def test_deterministic() -> None:
    texts = pl.Series([*PARAGRAPHS.values(), *NON_LATIN.values(), *NEIGHBOURS.values(), "Hi"])
    first = detect_languages(texts)
    assert_frame_equal(first, detect_languages(texts))
    langid._detector_factory.cache_clear()  # a fresh langdetect factory gives the same
    assert_frame_equal(first, detect_languages(texts))


@pytest.mark.usefixtures("seeded")
def test_confident_answers_agree_with_langdetect_on_the_sample_outputs() -> None:
    outputs = pl.read_ndjson(SAMPLES / "support_tickets.jsonl")["output"]
    frame = detect_languages(outputs).with_columns(text=outputs)
    confident = frame.filter(pl.col("lang").is_not_null())
    assert confident.height == outputs.len() - 1  # the planted empty reply
    for row in confident.iter_rows(named=True):
        assert row["lang"] == reference(row["text"])[0], row["text"]


@pytest.mark.usefixtures("seeded")
def test_langdetect_path_reports_langdetect_probability() -> None:
    hindi = "मेरा ऑर्डर दो सप्ताह पहले भेजा गया था लेकिन अभी तक नहीं पहुंचा है"
    [row] = detect(hindi)
    lang, prob = reference(hindi)
    assert (row["method"], row["lang"], row["confidence"]) == (
        "langdetect",
        lang,
        pytest.approx(prob),
    )
    low = detect(hindi, params=LanguageParams(min_confidence=1.01))[0]
    assert low["lang"] is None
    assert low["confidence"] == pytest.approx(prob)


def test_word_lists_are_lowercase_single_tokens() -> None:
    assert set(ANSWERED_LANGUAGES) >= {"en", "es", "de", "fr", "it", "pt", "nl"}
    assert not set(FUNCTION_WORDS) & set(GUARD_WORDS)
    for words in (*FUNCTION_WORDS.values(), *GUARD_WORDS.values()):
        assert 20 <= len(words) <= 130
        for word in words:
            assert word == word.lower() and word.isalpha(), word
    for lang in ANSWERED_LANGUAGES:  # every answered language has distinctive evidence
        codes = langid._word_codes()
        index = codes.languages.index(lang)
        assert sum(owner == index for owner in codes.owner.values()) >= 20, lang


def test_stored_profiles_give_the_probabilities_of_a_fresh_load(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """langdetect's table is stored in curate's cache on the first load and read from it
    after: every text gets the probabilities langdetect's own loading gives; a damaged
    store is loaded afresh."""
    from langdetect.detector_factory import PROFILES_DIRECTORY

    from curate.langid_profiles import load_profiles

    monkeypatch.setenv("CURATE_CACHE", str(tmp_path))
    texts = [*PARAGRAPHS.values(), *NON_LATIN.values(), *NEIGHBOURS.values(), "ok ok"]

    def probabilities(load: Callable[[DetectorFactory], None]) -> list[list[tuple[str, float]]]:
        factory = DetectorFactory()
        load(factory)
        factory.set_seed(0)
        found = []
        for text in texts:
            detector = factory.create()
            detector.append(text)
            found.append([(guess.lang, guess.prob) for guess in detector.get_probabilities()])
        return found

    fresh = probabilities(lambda factory: factory.load_profile(PROFILES_DIRECTORY))
    assert probabilities(load_profiles) == fresh  # cold: loaded, then stored
    (stored,) = tmp_path.glob("langdetect-*")
    warm = DetectorFactory()
    load_profiles(warm)
    assert not dict.__len__(warm.word_lang_prob_map)  # nothing read before it is needed
    assert probabilities(load_profiles) == fresh
    table = stored / "table.npy"
    table.write_bytes(table.read_bytes()[:1000])
    assert probabilities(load_profiles) == fresh
    mended = DetectorFactory()
    load_profiles(mended)  # the damaged store was replaced: read again, not loaded afresh
    assert not dict.__len__(mended.word_lang_prob_map)


def test_forked_workers_detect_as_this_process_does(monkeypatch: pytest.MonkeyPatch) -> None:
    """From `PARALLEL_AT` texts on, langdetect runs in forked workers (sharing the stored
    profile table); each text gets the answer it gets here."""
    texts = [*PARAGRAPHS.values(), *NON_LATIN.values(), *NEIGHBOURS.values(), "ok ok"] * 2
    here = [langid.langdetect_top(text) for text in texts]
    monkeypatch.setattr(langid, "PARALLEL_AT", 2)
    assert langid._langdetect_all(texts) == here
