"""Language identification for the language rules: a vectorised function-word test first,
langdetect only for what that test cannot answer.

`detect_languages` gives one row per text: `lang` (an ISO 639-1 code, or null when not
confident), `confidence` and `method`:

- ``"no-letters"``: the text is null or has no letter at all (a number, an emoji, punctuation).
- ``"too-short"``: fewer than `LanguageParams.min_words` distinct words. Never confident: a
  greeting, "ok thx", a number or an order id is not flagged on a guess.
- ``"function-words"``: the cheap test answered. Each language has a list of its most
  frequent words ("the", "and", "you" ... "und", "ist" ... "que", "los" ...); the text's
  words are looked up in all lists at once, in polars, with no Python loop per text. It
  answers when one language has clearly more *distinctive* words (listed under it alone)
  than any other, its listed words make up a large share of the text, and the text is
  mostly Latin script.
- ``"orthography"``: a text mostly in a script one language alone is written in (Greek,
  Hangul, Thai, Tamil ...), or whose letters belong to one language of a shared script
  (Russian's ы and э, Ukrainian's ї and є, Persian's پ and گ, Japanese kana); see
  `curate.orthography`. Confidence 1.0.
- ``"langdetect"``: everything else with enough words (other scripts, other languages,
  mixed or ambiguous text) goes to langdetect, seeded so that results are deterministic;
  confident only when its top probability reaches `LanguageParams.min_confidence`.

Words are runs of letters (`[^\\W\\d_]+`, lowercased), so digits-only tokens such as order
numbers do not count; in scripts written without spaces (Chinese, Japanese, Thai, ...) every
two letters count as one word.

The word lists and thresholds were picked by measurement on the texts of
`benchmarks/langid_agreement.py` (the sample files, 40 paragraphs in each of es, de, fr, it,
pt and nl, and texts in 29 other languages): the function-word test answered 99.9% of the
English texts and 97.5-100% of the others, every one of its answers agreed with langdetect,
and it answered no text of the 29 other languages. Swedish, Polish, Indonesian and Turkish
were guard languages then; their lists were promoted (and lengthened by a few everyday
words) later, and Finnish and Vietnamese lists added: on the same texts it then answered 17
texts in those six, all agreeing with langdetect, and still none wrongly. Texts in the
answered languages had a share of at least 0.25 (threshold 0.20) and a margin of at least
2; close neighbours (Catalan, Galician, Danish) reach shares up to 0.34 but their guard
lists keep the margin at 1.5 or less; unrelated languages stay below a share of 0.23.
"""

from __future__ import annotations

import multiprocessing
import os
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Final

import polars as pl

from curate.orthography import orthographic_languages

if TYPE_CHECKING:
    from langdetect.detector_factory import DetectorFactory

__all__ = [
    "ANSWERED_LANGUAGES",
    "FUNCTION_WORDS",
    "GUARD_WORDS",
    "LanguageParams",
    "detect_languages",
    "langdetect_top",
]


@dataclass(frozen=True)
class LanguageParams:
    """Thresholds for a confident language answer.

    Attributes:
        min_words: Texts with fewer distinct words than this are never confident (lang null),
            except by the short-text test: from `min_short_words` distinct words on, a text
            whose words include at least two distinctive function words of one language, no
            distinctive word of any other (English included), and at least half of them
            listed under that language ("Wo ist meine Bestellung?").
        min_confidence: langdetect's top probability needed for a confident answer; also the
            confidence the function-word test reports at its weakest accepted margin.
        min_function_share: The function-word test answers only when at least this share of
            the text's words are listed under the winning language.
        min_function_margin: ... when the winner has at least this many times as many
            distinctive words as the runner-up (and at least two).
        min_latin_share: ... and when at least this share of the text's words are in Latin
            script.
    """

    min_words: int = 6
    min_short_words: int = 3
    min_confidence: float = 0.90
    min_function_share: float = 0.20
    min_function_margin: float = 2.0
    min_latin_share: float = 0.90


def _words(block: str) -> tuple[str, ...]:
    return tuple(block.split())


# The most frequent words of each language, lowercased, as `[^\W\d_]+` tokens (so "don't"
# gives "don" and "t", "l'adresse" gives "l"). Lists may overlap: a word listed under one
# language only is *distinctive* and counts as evidence for that language; a word listed under
# several ("de", "la", "a", "que", "en", "in", "is", "die" ...) counts only towards the share
# of function words, never towards the winner or the margin. A word frequent in one language
# and rare in another ("o" in Portuguese, "le" in French, "do" in Portuguese) is listed under
# the first only.
FUNCTION_WORDS: dict[str, tuple[str, ...]] = {
    "en": _words(
        """
        the and to of a i you it in is that for with on this be are was have your we my me not
        but at by or as an from will can if would they there what about all our has had were
        been which when just so did does get out up no know them their these those how than some
        into only like here where who very because let us please thanks thank could should any
        also he she his her him its more t don didn doesn isn ll ve s m d
        """
    ),
    "es": _words(
        """
        de la que el en y a los se del las un por con no una su para es al lo como más pero sus
        le ya fue este ha sí porque esta son cuando muy sin sobre también me hasta hay donde
        dónde han desde todo nos todos uno les ni otros ese eso esto qué unos unas yo otro otra
        él esa estos mucho muchos muchas nada cual cuál ella estar estas algo mi mis tu tus te
        usted ustedes gracias hola está están estoy tengo tiene puede hacer he hemos había
        después ahora aquí así siempre hace nuestro nuestra os si aunque algunas algunos otras
        ellos ellas nosotros tienen pueden quiero necesito todavía favor entonces fueron estaba
        ningún ninguna tampoco según luego hacia
        """
    ),
    "pt": _words(
        """
        de a o que e do da em um para é com não uma os no se na por mais as dos como mas foi ao
        ele das tem à seu sua ou ser quando muito muita muitos há nos já está eu também só pelo
        pela até isso ela depois sem mesmo aos seus suas quem nas me esse essa eles elas estão
        você vocês num numa nem meu minha às têm pelos pelas nós tenho lhe este esta isto nosso
        nossa obrigado obrigada olá aqui onde agora ainda então pode posso fazer bem sim são vai
        vou todo toda todos todas estava tinha ter dele dela meus minhas
        """
    ),
    "it": _words(
        """
        di e il la che a in un per è non una i da sono si del le con lo della ha al mi ma più
        come ho anche se questo questa questi gli ci nel nella nei alla alle allo delle dei
        degli dello ti io sul sulla tu cosa molto lei tutto tutti tutte ne essere fatto dal
        dalla dai perché dove quando loro noi voi mio mia suo sua tuo tua nostro nostra già
        ancora ed dell nell dall sull grazie ciao sei siamo hanno po qui c l su
        """
    ),
    "fr": _words(
        """
        de la le et les des en un du une que est pour qui dans a par plus pas au sur ne se ce il
        sont avec ils elle elles aux son nous vous je tu on mais ou où été être avoir fait cette
        ces tout tous toute toutes très comme aussi donc quand leur leurs sans chez encore déjà
        votre vos notre nos mon ma mes ton ta tes me te moi toi lui merci bonjour peut ai j l d
        qu c n s m à
        """
    ),
    "de": _words(
        """
        der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch es
        an werden aus er hat dass sie nach wird bei einer um am sind noch wie einem über einen
        so zum war haben nur oder aber vor zur bis mehr durch man dann ich wir ihr ihre ihren
        ihnen mir mich uns unser unsere mein meine meinen sehr schon bitte danke vielen kann
        können hier jetzt gibt kein keine habe wenn dieser diese dieses wurde vom du dich dir
        """
    ),
    "nl": _words(
        """
        de en van het een in is dat op te zijn met voor niet die aan er om ook als maar bij dan
        of uit nog wordt worden naar door heeft hebben heb ik je jij u we wij ze zij hij mijn
        jouw uw hun haar ons onze deze dit wat wel geen zo kan kunt kunnen moet zou was werd al
        nu waar hoe veel heel alle jullie bedankt graag alsjeblieft over tot meer na
        """
    ),
    "sv": _words(
        """
        och i att det som en på är av för med till har de inte om ett men var jag sig från vi
        så kan när min mitt hur eller skulle också efter tack du han hon ni dem den detta
        dessa mig dig oss er hej här där nu bara mycket kunde vill ska
        """
    ),
    "pl": _words(
        """
        i w nie się z że jest jak ale po co tak za od już czy mnie ja są może tylko bardzo
        dziękuję proszę dla przez który która które jeśli być ten to na do mam mój moja moje
        gdzie kiedy dzień dobry witam
        """
    ),
    "id": _words(
        """
        yang dan ini itu dengan untuk tidak dari dalam akan pada juga saya ke karena ada bisa
        oleh atau kami anda kita mereka sudah belum lebih harus sebagai jika hanya tetapi
        terima kasih mohon mau apakah bagaimana kapan di halo selamat
        """
    ),
    "tr": _words(
        """
        ve bir bu da de için ile çok daha gibi ama var yok mi mı ben sen biz siz onlar olan
        olarak kadar sonra şey her en lütfen teşekkür ederiz ne nasıl neden nerede merhaba
        siparişim sipariş benim
        """
    ),
    "fi": _words(
        """
        ja ei että olen olet hän mutta kun jos niin ole oli ovat tämä tämän sen mitä missä
        miten voi voin vielä jo myös kanssa minun minulle minä sinä sinun teidän meidän
        kiitos hei tilaus tilaukseni paketti ollut olisi kuin nyt vain sitten mikä koska
        """
    ),
    "vi": _words(
        """
        tôi của và là có không được cho này một những các với đã để trong người bạn chúng
        đơn hàng khi thì nhưng vì rất cũng đến từ nào sẽ chưa xin cảm ơn vui lòng anh chị
        em làm sao bao giờ ở đâu gì
        """
    ),
}
"""Frequent words of the languages the function-word test may answer."""

GUARD_WORDS: dict[str, tuple[str, ...]] = {
    "ca": _words(
        """
        de la i a que en un una amb els del dels al no és molt però aquest aquesta meva seva va
        vam vaig hem pel pels perquè també més ja si jo ell nosaltres quan res gràcies
        """
    ),
    # Danish and Norwegian Bokmål together.
    "da": _words(
        """
        og i jeg det en til er som på de med af av ikke var mig meg sig men har om vi min mitt
        havde ham da fra du ud ut sin oss opp hvor hvad hva være skal vil kan dere jer tak takk
        """
    ),
    "ro": _words(
        """
        și să de la în nu a cu pe un că mai pentru este sunt din care se vă îmi acum dar sau
        fost fi lui ei foarte mulțumesc această acest unei unui
        """
    ),
    "gl": _words(
        """
        unha xa pola polo polos polas túa teu súa tamén hai dun dunha coa co nin aínda cando
        grazas vostede moito moita miña estou tiña
        """
    ),
    "af": _words(
        """
        die nie ek jy ons julle hulle sal vir het is dit wat n hy sy jou baie asseblief gaan
        """
    ),
}
"""Frequent words of neighbouring languages that the function-word test never answers: they
compete for the win and the margin, so that a Catalan, Afrikaans or Danish text, which shares
words with the answered languages, goes to langdetect."""

ANSWERED_LANGUAGES: tuple[str, ...] = tuple(FUNCTION_WORDS)
"""The languages the function-word test may answer."""

_LANGDETECT_SEED = 0
_MIN_DISTINCTIVE = 2
"""The function-word test needs at least this many distinctive words of the winner."""

_DENSE_SCRIPTS = r"\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}"
"""Scripts written without spaces between words."""
_TOKEN = rf"[[^\W\d_]--[{_DENSE_SCRIPTS}]]+"
"""A word: a run of letters (marks included) outside the dense scripts; digits do not count."""
_DENSE_LETTER = rf"[\p{{L}}&&[{_DENSE_SCRIPTS}]]"
"""A letter of a dense script: every two of them count as one word."""
_OTHER_SCRIPT_RUN = rf"[\p{{L}}--\p{{Latin}}--[{_DENSE_SCRIPTS}]]+"
"""A run of letters neither Latin nor dense (Cyrillic, Greek, Arabic, Devanagari ...)."""


DETECTED = pl.Schema({"lang": pl.String(), "confidence": pl.Float64(), "method": pl.String()})
"""The columns `detect_languages` gives."""


def detect_languages(texts: pl.Series, params: LanguageParams = LanguageParams()) -> pl.DataFrame:
    """Detect the language of every text, confidently or not at all.

    Args:
        texts: String series (nulls allowed).
        params: Thresholds; see `LanguageParams`.

    Returns:
        One row per text, in order: `lang` (ISO 639-1 code such as "en", or null when not
        confident), `confidence` (0..1: langdetect's top probability, or for the function-word
        test a margin score from `min_confidence` at the weakest accepted margin to 1.0; 0.0
        for "too-short" and "no-letters"), and `method` ("function-words", "langdetect",
        "too-short" or "no-letters"). Deterministic: langdetect is seeded.
    """
    if texts.is_empty():  # asked often (the lint cache asks for the columns), answered at once
        return pl.DataFrame(schema=DETECTED)
    frame = _cheap_test(texts.cast(pl.String), params).with_row_index("row")
    frame = _orthography_test(frame)
    pending = frame.filter(pl.col("method") == "langdetect").select("row", "text")
    if pending.height:
        unique = pending["text"].unique().to_list()
        found = dict(zip(unique, _langdetect_all(unique), strict=True))
        detected = pending.select(
            "row",
            pl.col("text")
            .replace_strict(
                {text: lang for text, (lang, _) in found.items()}, return_dtype=pl.String
            )
            .alias("ld_lang"),
            pl.col("text")
            .replace_strict(
                {text: prob for text, (_, prob) in found.items()}, return_dtype=pl.Float64
            )
            .alias("ld_prob"),
        )
        frame = frame.join(detected, on="row", how="left", maintain_order="left").with_columns(
            pl.when(pl.col("method") != "langdetect")
            .then(pl.col("lang"))
            .when(pl.col("ld_prob") >= params.min_confidence)
            .then(pl.col("ld_lang"))
            .alias("lang"),
            pl.when(pl.col("method") == "langdetect")
            .then(pl.col("ld_prob"))
            .otherwise(pl.col("confidence"))
            .alias("confidence"),
        )
    return frame.select(pl.col(name).cast(dtype) for name, dtype in DETECTED.items())


def _orthography_test(frame: pl.DataFrame) -> pl.DataFrame:
    """Answer the texts left to langdetect whose letters settle the language."""
    pending = frame.filter(pl.col("method") == "langdetect")
    if pending.is_empty():
        return frame
    settled = pending.select(
        "row", orthographic_languages(pending.get_column("text")).alias("settled")
    ).drop_nulls("settled")
    if settled.is_empty():
        return frame
    answered = pl.col("settled").is_not_null()
    return (
        frame.join(settled, on="row", how="left", maintain_order="left")
        .with_columns(
            pl.when(answered).then(pl.col("settled")).otherwise(pl.col("lang")).alias("lang"),
            pl.when(answered).then(1.0).otherwise(pl.col("confidence")).alias("confidence"),
            pl.when(answered)
            .then(pl.lit("orthography"))
            .otherwise(pl.col("method"))
            .alias("method"),
        )
        .drop("settled")
    )


def _cheap_test(texts: pl.Series, params: LanguageParams) -> pl.DataFrame:
    """Columns text, lang, confidence, method; method "langdetect" marks what is left to do."""
    features = _features(texts).lazy()
    n_tokens = pl.col("tokens")
    # Distinct words: "ok ok ok ok ok ok" is no more evidence than "ok" (langdetect calls it
    # Slovak with probability 0.99999).
    words = pl.col("distinct") + pl.col("dense") // 2
    other = pl.col("other_runs") + pl.col("dense") // 2
    best_n = pl.col("best_n").fill_null(0)
    second_n = pl.col("second_n").fill_null(0)
    share = pl.col("best_all").fill_null(0) / pl.max_horizontal(n_tokens, 1)
    margin = params.min_function_margin
    answered = (
        (words >= params.min_words)
        & (other <= (1 - params.min_latin_share) * words)
        & pl.col("best").is_in(ANSWERED_LANGUAGES)
        & (share >= params.min_function_share)
        & (best_n >= _MIN_DISTINCTIVE)
        & (best_n >= margin * second_n)
    )
    # A short text has too few words for langdetect, but two distinctive function words of
    # one language and none of another, making up half the text, are not a guess.
    short_answered = (
        (words >= params.min_short_words)
        & (other <= (1 - params.min_latin_share) * words)
        & pl.col("best").is_in(ANSWERED_LANGUAGES)
        & (best_n >= _MIN_DISTINCTIVE)
        & (second_n == 0)
        & (share >= 0.5)
    )
    method = (
        pl.when(pl.col("text").is_null() | (n_tokens + pl.col("dense") == 0))
        .then(pl.lit("no-letters"))
        .when((words < params.min_words) & short_answered)
        .then(pl.lit("function-words"))
        .when(words < params.min_words)
        .then(pl.lit("too-short"))
        .when(answered)
        .then(pl.lit("function-words"))
        .otherwise(pl.lit("langdetect"))
    )
    # At the weakest accepted margin (second = best / margin) this is min_confidence; with no
    # runner-up at all it is 1.0.
    confidence = 1 - (1 - params.min_confidence) * margin * second_n / pl.max_horizontal(best_n, 1)
    return (
        features.with_columns(method.alias("method"))
        .select(
            "text",
            pl.when(pl.col("method") == "function-words").then(pl.col("best")).alias("lang"),
            pl.when(pl.col("method") == "function-words")
            .then(confidence)
            .otherwise(0.0)
            .alias("confidence"),
            "method",
        )
        .collect()
    )


def _features(texts: pl.Series) -> pl.DataFrame:
    """Per text: its words and function-word counts, all texts at once.

    Columns: text; tokens (how many words, lowercased), distinct (how many distinct ones);
    dense (letters of scripts written without spaces); other_runs (runs of letters neither
    Latin nor dense); best (the language with the most distinctive words, null if none),
    best_n (that count), best_all (all words listed under best, distinctive or not; null
    when best is a guard language) and second_n (the runner-up's distinctive count).

    The words of all texts are looked up in one join against the word lists (a row per
    word), which is several times faster than filtering each text's list of words.
    """
    codes = _word_codes()
    indexes = range(len(codes.languages))
    listed = pl.DataFrame(
        {
            "word": codes.words,
            "owner": [codes.owner.get(word, _NO_OWNER) for word in codes.words],
            "member": [codes.member.get(word, 0) for word in codes.words],
        },
        schema={"word": pl.String, "owner": pl.UInt8, "member": pl.UInt32},
    )
    # An ASCII text has no letters of other scripts: its two script counts are 0 without a
    # regex pass (most texts of most datasets are ASCII; a null skips the regex).
    beyond_ascii = pl.when(pl.col("text").str.len_bytes() != pl.col("text").str.len_chars()).then(
        pl.col("text")
    )
    base = (
        pl.DataFrame({"text": texts})
        .lazy()
        .with_row_index("row")
        .with_columns(
            pl.col("text").str.to_lowercase().str.extract_all(_TOKEN).alias("words"),
            beyond_ascii.str.count_matches(_DENSE_LETTER).fill_null(0).alias("dense"),
            beyond_ascii.str.count_matches(_OTHER_SCRIPT_RUN).fill_null(0).alias("other_runs"),
        )
        .collect(engine=_PARALLEL_ENGINE)
    )
    hits = (
        base.lazy()
        .select("row", pl.col("words").alias("word"))
        .explode("word")
        .join(listed.lazy(), on="word", how="inner")
        .group_by("row")
        .agg(
            *[(pl.col("owner") == i).sum().alias(f"d{i}") for i in indexes],
            *[
                ((pl.col("member") & (1 << i)) > 0).sum().alias(f"a{i}")
                for i in range(len(ANSWERED_LANGUAGES))
            ],
        )
    )
    best_n = pl.max_horizontal(f"d{i}" for i in indexes).fill_null(0)
    # The first language with the most distinctive words (ties fail the margin anyway).
    best_index = pl.coalesce(
        pl.when((pl.col(f"d{i}") == pl.col("best_n")) & (pl.col("best_n") > 0)).then(pl.lit(i))
        for i in indexes
    )
    index = pl.col("best_index")
    second_n = pl.max_horizontal(
        pl.when(index == i).then(0).otherwise(pl.col(f"d{i}")) for i in indexes
    )
    best_all = pl.coalesce(
        pl.when(index == i).then(pl.col(f"a{i}")) for i in range(len(ANSWERED_LANGUAGES))
    )
    # Each step is its own with_columns: nested, the expressions make planning slow (~30 ms).
    return (
        base.lazy()
        .join(hits, on="row", how="left", maintain_order="left")
        .with_columns(
            pl.col("words").list.len().alias("tokens"),
            pl.col("words").list.n_unique().alias("distinct"),
            *[pl.col(f"d{i}").fill_null(0) for i in indexes],
        )
        .with_columns(best_n.alias("best_n"))
        .with_columns(best_index.alias("best_index"))
        .select(
            "text",
            "tokens",
            "distinct",
            "dense",
            "other_runs",
            index.replace_strict(dict(enumerate(codes.languages)), return_dtype=pl.String).alias(
                "best"
            ),
            "best_n",
            best_all.alias("best_all"),
            second_n.fill_null(0).alias("second_n"),
        )
        .collect(engine=_PARALLEL_ENGINE)
    )


_PARALLEL_ENGINE: Final = "streaming"
"""Polars' streaming engine splits one column's work over the cores in morsels (word
features of 2 x 100k texts of 550 bytes on 2 cores: 1.85 s against 2.1 s in memory)."""

PARALLEL_AT = 200
"""langdetect runs at a few hundred texts a second; from this many texts on, a pool of
forked workers (one per core) shares the work. Forking is not free in a large process (its
page tables, and every page a worker touches is copied): with 82 texts per field, a lint of
100k pairs ran 0.8 and 1.4 s slower forking than detecting in the process (two runs
each), though forked workers detect those texts in 0.19 s against 0.28 s."""


def _langdetect_all(texts: list[str]) -> list[tuple[str | None, float]]:
    """langdetect_top for each text, in forked worker processes when there are many.

    Results do not depend on the worker: each detection reseeds its own generator. The
    workers run pure Python only (no polars), so forking a process with polars threads
    is safe here.
    """
    workers = min(os.cpu_count() or 1, 4)
    if len(texts) < PARALLEL_AT or workers < 2 or not hasattr(os, "fork"):
        return [langdetect_top(text) for text in texts]
    _detector_factory()  # load the profiles once, before forking, so workers share them
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        return pool.map(langdetect_top, texts, chunksize=max(1, len(texts) // (workers * 8)))


def langdetect_top(text: str) -> tuple[str | None, float]:
    """langdetect's most probable language for one text, seeded, as (ISO 639-1 code, prob).

    Codes that map to the same ISO 639-1 code ("zh-cn", "zh-tw") have their probabilities
    added. (None, 0.0) when langdetect finds nothing to go on.

    Args:
        text: The text.

    Returns:
        The top language and its probability.
    """
    from langdetect.lang_detect_exception import LangDetectException

    detector = _detector_factory().create()
    detector.append(text)
    try:
        ranked = detector.get_probabilities()
    except LangDetectException:
        return None, 0.0
    probs: dict[str, float] = {}
    for guess in ranked:
        code = guess.lang.split("-")[0]
        probs[code] = probs.get(code, 0.0) + guess.prob
    if not probs:
        return None, 0.0
    lang = max(probs, key=lambda code: (probs[code], code))
    return lang, min(probs[lang], 1.0)


@cache
def _detector_factory() -> DetectorFactory:
    """A langdetect factory of our own (profiles loaded once), seeded for determinism."""
    from langdetect.detector_factory import DetectorFactory

    from curate.langid_profiles import load_profiles

    factory = DetectorFactory()
    load_profiles(factory)
    factory.set_seed(_LANGDETECT_SEED)
    return factory


@dataclass(frozen=True)
class _WordCodes:
    """The word lists encoded for polars.

    Attributes:
        languages: Answered languages first (index = bit in `member`), then guards.
        words: Every listed word.
        owner: Distinctive word -> index of the only language it is listed under.
        member: Word -> bit mask of the answered languages it is listed under.
    """

    languages: tuple[str, ...]
    words: list[str]
    owner: dict[str, int]
    member: dict[str, int]


_NO_OWNER = 255


@cache
def _word_codes() -> _WordCodes:
    languages = (*FUNCTION_WORDS, *GUARD_WORDS)
    lists = {**FUNCTION_WORDS, **GUARD_WORDS}
    where: dict[str, list[int]] = {}
    for index, lang in enumerate(languages):
        for word in dict.fromkeys(lists[lang]):
            where.setdefault(word, []).append(index)
    answered = len(FUNCTION_WORDS)
    return _WordCodes(
        languages=languages,
        words=sorted(where),
        owner={word: found[0] for word, found in where.items() if len(found) == 1},
        member={
            word: sum(1 << index for index in found if index < answered)
            for word, found in where.items()
        },
    )
