"""Find secrets and personal data in texts, and redact them.

Fine-tuning data whose outputs contain API keys, tokens, private keys, passwords, e-mail
addresses, phone numbers or payment card numbers teaches the model to repeat them. This
module finds them in up to millions of texts:

1. A vectorised prefilter in polars picks the rows that may hold something (a few cheap
   regexes with literal prefixes). Rows holding characters used to hide text (zero-width and
   other invisible characters, fullwidth and other compatibility forms) are folded first
   (NFKC, invisible characters removed) and prefiltered on the folded text, so a key split by
   zero-width spaces or written in fullwidth letters is not skipped.
2. Only those rows go to the exact detectors in Python, which run on the folded text:
   detect-secrets' (Yelp) regex plugins for key formats, a few rules of ours for formats
   detect-secrets lacks and for prose ("my API key is ..."), libphonenumber (`phonenumbers`)
   for phone numbers and a Luhn check with known IIN prefixes for card numbers.
3. Every hit's span is mapped back from the folded text to the original text, so `redact`
   works on the original.

Spans are Python string indices (code points) into the original text.
"""

from __future__ import annotations

import base64
import binascii
import bisect
import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

import polars as pl

__all__ = [
    "PERSONAL_KINDS",
    "SECRET_KINDS",
    "Hit",
    "find_personal_data",
    "find_secrets",
    "fold",
    "redact",
]

SECRET_KINDS: frozenset[str] = frozenset(
    {
        *("aws-access-key", "aws-secret-key", "stripe-key", "github-token", "gitlab-token"),
        *("slack-token", "slack-webhook", "openai-key", "anthropic-key", "google-api-key"),
        *("sendgrid-key", "pypi-token", "square-oauth-secret", "azure-storage-key", "npm-token"),
        *("jwt", "twilio-key", "mailchimp-key", "discord-token", "telegram-token"),
        *("basic-auth-password", "artifactory-token", "private-key"),
        *("password-assignment", "generic-api-key"),
    }
)
"""The kinds `find_secrets` reports."""

PERSONAL_KINDS: frozenset[str] = frozenset({"email", "phone", "card-number"})
"""The kinds `find_personal_data` can look for."""

DEFAULT_REGION = "US"
"""Region for phone numbers written without a country code."""


@dataclass(frozen=True)
class Hit:
    """One secret or piece of personal data found in a text.

    Attributes:
        kind: What was found: one of `SECRET_KINDS` ("aws-access-key", "stripe-key",
            "github-token", "private-key", "slack-token", "openai-key", "jwt",
            "password-assignment", "generic-api-key", ...) or of `PERSONAL_KINDS` ("email",
            "phone", "card-number").
        start: Start of the span in the original text (code point index).
        end: End of the span in the original text (exclusive).
        preview: A safe preview for reports, e.g. "sk_live_…4f2a"; never the whole value.
    """

    kind: str
    start: int
    end: int
    preview: str


# --------------------------------------------------------------------------------------------
# Folding: undo what hides text from regexes, keeping a map back to the original positions.
# --------------------------------------------------------------------------------------------

_INVISIBLE_RANGES: tuple[tuple[int, int], ...] = (
    (0x00AD, 0x00AD),  # soft hyphen
    (0x034F, 0x034F),  # combining grapheme joiner
    (0x061C, 0x061C),  # Arabic letter mark
    (0x115F, 0x1160),  # Hangul fillers
    (0x17B4, 0x17B5),  # Khmer inherent vowels
    (0x180B, 0x180F),  # Mongolian variation selectors and vowel separator
    (0x200B, 0x200F),  # zero-width space / non-joiner / joiner, LRM, RLM
    (0x202A, 0x202E),  # bidi embeddings and overrides
    (0x2060, 0x2064),  # word joiner, invisible operators
    (0x2066, 0x206F),  # bidi isolates, deprecated format characters
    (0x3164, 0x3164),  # Hangul filler
    (0xFE00, 0xFE0F),  # variation selectors
    (0xFEFF, 0xFEFF),  # zero-width no-break space (BOM)
    (0xFFA0, 0xFFA0),  # halfwidth Hangul filler
    (0xFFF9, 0xFFFB),  # interlinear annotation
    (0x1D173, 0x1D17A),  # musical formatting
    (0xE0000, 0xE007F),  # tag characters
    (0xE0100, 0xE01EF),  # variation selectors supplement
)

# Non-ASCII characters that are common in ordinary prose and that NFKC leaves alone (checked by
# the tests): rows holding only these and ASCII need no folding.
_SAFE_3BYTE = "\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u20ac"  # – — ‘ ’ “ ” • €
_SAFE_2BYTE_RANGES: tuple[tuple[int, int], ...] = (
    (0x00A1, 0x00A7),
    (0x00A9, 0x00A9),
    (0x00AB, 0x00AC),
    (0x00AE, 0x00AE),
    (0x00B0, 0x00B1),
    (0x00B6, 0x00B7),
    (0x00BB, 0x00BB),
    (0x00BF, 0x00FF),  # Latin-1 letters, × and ÷
    (0x0100, 0x0131),  # Latin Extended-A (less the few NFKC changes)
    (0x0134, 0x013E),
    (0x0141, 0x0148),
    (0x014A, 0x017E),
)
# Curly quotes are safe for the prefilter but folded to ASCII for the detectors (quoted values).
_QUOTES = {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'}


def _py_class(ranges: Iterable[tuple[int, int]]) -> str:
    """The inside of a Python regex character class for code point ranges."""
    return "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
        for a, b in ranges
    )


def _rust_class(ranges: Iterable[tuple[int, int]]) -> str:
    """The inside of a Rust (polars) regex character class for code point ranges."""
    return "".join(f"\\x{{{a:X}}}" if a == b else f"\\x{{{a:X}}}-\\x{{{b:X}}}" for a, b in ranges)


_INVISIBLE_RUST = f"[{_rust_class(_INVISIBLE_RANGES)}]"
_SAFE_3BYTE_RUST = f"[{_rust_class((ord(c), ord(c)) for c in _SAFE_3BYTE)}]"
_UNSAFE_RUST = (
    f"[^\\x00-\\x7F{_rust_class(_SAFE_2BYTE_RANGES)}"
    f"{_rust_class((ord(c), ord(c)) for c in _SAFE_3BYTE)}]"
)
_FOLD_NEEDED_RE = re.compile(
    f"[^\\x00-\\x7f{_py_class(_SAFE_2BYTE_RANGES)}"
    f"{_py_class((ord(c), ord(c)) for c in _SAFE_3BYTE if c not in _QUOTES)}]"
)
_INVISIBLE = frozenset(chr(c) for a, b in _INVISIBLE_RANGES for c in range(a, b + 1))


@cache
def _fold_char(char: str) -> str:
    """What one character folds to: nothing (invisible), an ASCII quote, or its NFKC form."""
    if char in _INVISIBLE:
        return ""
    if char in _QUOTES:
        return _QUOTES[char]
    return unicodedata.normalize("NFKC", char)


@dataclass(frozen=True)
class _Folded:
    """A text folded for detection, with the map of its positions back to the original."""

    text: str
    origin: list[int] | None  # origin[i]: original index of folded char i; None: identity

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of the folded span [start, end)."""
        if self.origin is None:
            return start, end
        return self.origin[start], self.origin[end - 1] + 1


def fold(text: str) -> tuple[str, list[int] | None]:
    """Fold what hides text from detectors, keeping a map back to the original positions.

    Invisible characters (zero-width, bidi controls, tags, soft hyphen, ...) are removed,
    curly quotes become ASCII quotes and every other character is NFKC-normalised (fullwidth
    letters become ASCII, ...), character by character.

    Args:
        text: The original text.

    Returns:
        The folded text and, when it differs from the original, the original index of each
        folded character (None when the text needed no folding).
    """
    folded = _fold(text)
    return folded.text, folded.origin


def _fold(text: str) -> _Folded:
    """`fold`, with the position map in a `_Folded`; ASCII-only text is returned as is."""
    if _FOLD_NEEDED_RE.search(text) is None:
        return _Folded(text, None)
    parts: list[str] = []
    origin: list[int] = []
    last = 0
    for match in _FOLD_NEEDED_RE.finditer(text):
        start = match.start()
        if start > last:
            parts.append(text[last:start])
            origin.extend(range(last, start))
        replacement = _fold_char(match.group())
        parts.append(replacement)
        origin.extend([start] * len(replacement))
        last = start + 1
    parts.append(text[last:])
    origin.extend(range(last, len(text)))
    return _Folded("".join(parts), origin)


# --------------------------------------------------------------------------------------------
# Vectorised prefilter.
# --------------------------------------------------------------------------------------------

# Literal prefixes of the key formats (fast: the regex engine searches the literals first).
_PRE_KEY_LITERALS = (
    r"A3T|ABIA|ACCA|AKIA|ASIA|[rs]k_live_|gh[pousr]_|github_pat_"
    r"|gl(?:pat|dt|ft|soat|rt|cbt|imt|ptt|agent|oas)-|GR1348941|xox[aboprs]-|hooks\.slack\.com"
    r"|T3BlbkFJ|sk-(?:proj|svcacct|admin|ant)-|AIza|SG\.|_authToken|pypi-AgE|sq0csp-"
    r"|AccountKey=|AKC|BEGIN|PuTTY-User-Key-File|LS0tLS1CRUdJTi|eyJ"
)
_PRE_KEY_SHAPES = (
    r"AC[a-z0-9]{32}|SK[a-z0-9]{32}|AP[0-9A-F][A-Za-z0-9]{8}|-us[0-9]|://[^\s:@/]+:[^\s@/]+@"
    r"|(?:aws|AWS|Aws)[^\n]{0,20}?(?:[Kk]ey|KEY|[Pp]wd?|PWD?|[Pp]ass|PASS|[Tt]oken|TOKEN)"
)
_PRE_TELEGRAM = r"[0-9]{8,10}:[0-9A-Za-z_-]{35}"
_PRE_DISCORD = r"[MNO][A-Za-z0-9_-]{23,25}\.[A-Za-z0-9_-]{6}\."
# A secret-sounding word (lower, Capitalised or UPPER case) followed within 120 characters by
# a token of 16+ characters (the exact rule is `_find_keyword_secrets`).
_PRE_KEYWORD_TOKEN = (
    r"(?:[Ss]ecret|SECRET|[Tt]oken|TOKEN|[Bb]earer|BEARER|[Aa]uth|AUTH|[Cc]redential|CREDENTIAL"
    r"|[Kk]ey|KEY|[Pp]ass|PASS|[Pp]wd|PWD)[\s\S]{0,120}?[A-Za-z0-9+/_.~=-]{16}"
)
# A password word, then something that assigns it (the exact rule is `_find_passwords`).
_PRE_PASSWORD = (
    r"(?:[Pp][Aa][Ss][Ss]|[Pp][Ww][Dd])[ _-]?[A-Za-z]{0,7}[\"'`‘’“”\]\\]{0,3}[ \t]*"
    r"(?:(?i:is|was|now|new|set|changed|reset|will|temporar)|:=|=>|->|[:=])"
)
_PRE_EMAIL = r"@|\[at\]|\(at\)|\[ at \]|\( at \)|\[AT\]|\(AT\)"
_NANP = r"\(?[2-9][0-9]{2}\)?[ .\-/]?[2-9][0-9]{2}[ .\-]?[0-9]{4}"
_INTERNATIONAL = r"\+[0-9](?:[ ().\-/]{0,2}[0-9]){6,}"
_CARD_SHAPE = r"[0-9](?:[ \-]?[0-9]){12,18}"

_SECRET_PREFILTERS = {
    "keys": (_PRE_KEY_LITERALS, _PRE_KEY_SHAPES, _PRE_TELEGRAM, _PRE_DISCORD),
    "keyword": (_PRE_KEYWORD_TOKEN,),
    "password": (_PRE_PASSWORD,),
}
_PERSONAL_PREFILTERS = {
    "email": (_PRE_EMAIL,),
    "phone": (_NANP, _INTERNATIONAL),
    "card-number": (_CARD_SHAPE,),
}


def _as_strings(texts: pl.Series) -> pl.Series:
    """The texts as non-null strings (nulls become empty: they hold nothing)."""
    if texts.dtype != pl.String:
        texts = texts.cast(pl.String)
    return texts.fill_null("")


def _prefilter(texts: pl.Series, groups: dict[str, tuple[str, ...]]) -> dict[str, list[int]]:
    """Row indices that may hold something, per group of regexes (on raw and folded text)."""
    frame = texts.to_frame("t")
    t = pl.col("t")

    def exprs() -> list[pl.Expr]:
        return [
            pl.any_horizontal([t.str.contains(p) for p in patterns]).alias(name)
            for name, patterns in groups.items()
        ]

    # Rows with a non-ASCII character other than the common typographic ones may hide text.
    maybe_fold = (t.str.len_bytes() - t.str.len_chars()) > 2 * t.str.count_matches(_SAFE_3BYTE_RUST)
    masks = frame.lazy().select(*exprs(), maybe_fold.alias("__fold")).collect()
    found = {name: set(masks.get_column(name).arg_true().to_list()) for name in groups}
    fold_rows = masks.get_column("__fold").arg_true()
    if fold_rows.len():
        subset = texts.gather(fold_rows)
        fold_rows = fold_rows.filter(subset.str.contains(_UNSAFE_RUST))
    if fold_rows.len():
        folded = (
            texts.gather(fold_rows)
            .str.normalize("NFKC")
            .str.replace_all(_INVISIBLE_RUST, "")
            .to_frame("t")
        )
        folded_masks = folded.select(*exprs())
        for name in groups:
            hit = folded_masks.get_column(name)
            found[name].update(fold_rows.filter(hit).to_list())
    return {name: sorted(rows) for name, rows in found.items()}


# --------------------------------------------------------------------------------------------
# Secrets.
# --------------------------------------------------------------------------------------------

_TOKEN_CHARS = "A-Za-z0-9_\\-"


def _tail(chars: str | None) -> re.Pattern[str] | None:
    """A pattern for the run of `chars` a found token may continue with."""
    return re.compile(f"[{chars}]*") if chars else None


@dataclass(frozen=True)
class _Rule:
    """A key format: where it is, and what the found secret may continue with."""

    kind: str
    pattern: re.Pattern[str]
    extend: re.Pattern[str] | None = None  # what the token may run on with (span widening)
    check: Callable[[str], bool] | None = None


@dataclass(frozen=True)
class _Found:
    kind: str
    start: int  # folded positions
    end: int
    value: str
    rank: int  # lower wins an overlap


def _entropy(value: str) -> float:
    """Shannon entropy in bits per character."""
    size = len(value)
    counts: dict[str, int] = {}
    for char in value:
        counts[char] = counts.get(char, 0) + 1
    return -sum(n / size * math.log2(n / size) for n in counts.values())


def _is_random_enough(value: str, minimum: int = 20) -> bool:
    return len(value) >= minimum and _entropy(value) >= 3.5


@cache
def _token_rules() -> tuple[_Rule, ...]:
    """detect-secrets' regex plugins (imported lazily: detect-secrets takes ~0.2 s to import),
    then formats it does not know."""
    from detect_secrets.plugins.artifactory import ArtifactoryDetector
    from detect_secrets.plugins.aws import AWSKeyDetector
    from detect_secrets.plugins.azure_storage_key import AzureStorageKeyDetector
    from detect_secrets.plugins.basic_auth import BasicAuthDetector
    from detect_secrets.plugins.discord import DiscordBotTokenDetector
    from detect_secrets.plugins.github_token import GitHubTokenDetector
    from detect_secrets.plugins.gitlab_token import GitLabTokenDetector
    from detect_secrets.plugins.jwt import JwtTokenDetector
    from detect_secrets.plugins.mailchimp import MailchimpDetector
    from detect_secrets.plugins.npm import NpmDetector
    from detect_secrets.plugins.openai import OpenAIDetector
    from detect_secrets.plugins.pypi_token import PypiTokenDetector
    from detect_secrets.plugins.sendgrid import SendGridDetector
    from detect_secrets.plugins.slack import SlackDetector
    from detect_secrets.plugins.square_oauth import SquareOAuthDetector
    from detect_secrets.plugins.stripe import StripeDetector
    from detect_secrets.plugins.telegram_token import TelegramBotTokenDetector
    from detect_secrets.plugins.twilio import TwilioKeyDetector

    def rules(kind: str, plugin: Any, extend: str | None = _TOKEN_CHARS, **kw: Any) -> list[_Rule]:
        return [_Rule(kind, pattern, _tail(extend), **kw) for pattern in plugin.denylist]

    def own(kind: str, pattern: str) -> _Rule:
        return _Rule(kind, re.compile(pattern), _tail(_TOKEN_CHARS))

    aws_key_id, aws_secret = AWSKeyDetector.denylist
    slack_token, slack_webhook = SlackDetector.denylist
    # In order of precedence where two overlap.
    return (
        _Rule("aws-access-key", aws_key_id, _tail("A-Z0-9")),
        _Rule("aws-secret-key", aws_secret),
        *rules("stripe-key", StripeDetector, "A-Za-z0-9"),
        *rules("github-token", GitHubTokenDetector, "A-Za-z0-9_"),
        own("github-token", r"github_pat_[A-Za-z0-9_]{22,}"),
        *rules("gitlab-token", GitLabTokenDetector),
        _Rule("slack-token", slack_token, _tail("A-Za-z0-9\\-")),
        _Rule("slack-webhook", slack_webhook, _tail("A-Za-z0-9_/")),
        *rules("openai-key", OpenAIDetector),
        own("openai-key", r"sk-(?:proj|svcacct|admin)-[A-Za-z0-9_\-]{20,}"),
        own("anthropic-key", r"sk-ant-[a-z]{3,6}\d{2}-[A-Za-z0-9_\-]{32,}"),
        own("google-api-key", r"AIza[0-9A-Za-z_\-]{35}"),
        *rules("sendgrid-key", SendGridDetector),
        *rules("pypi-token", PypiTokenDetector),
        *rules("square-oauth-secret", SquareOAuthDetector),
        *rules("azure-storage-key", AzureStorageKeyDetector, "A-Za-z0-9+/="),
        *rules("npm-token", NpmDetector, None),
        *rules(
            "jwt",
            JwtTokenDetector,
            "A-Za-z0-9_\\-.=+/",
            check=lambda v: JwtTokenDetector.is_formally_valid(v.rstrip(".")),
        ),
        *rules("twilio-key", TwilioKeyDetector, "a-z0-9"),
        *rules("mailchimp-key", MailchimpDetector, "0-9"),
        *rules("discord-token", DiscordBotTokenDetector),
        *rules("telegram-token", TelegramBotTokenDetector),
        *rules("basic-auth-password", BasicAuthDetector, None, check=_not_placeholder),
        # Its `AP[0-9A-F]...{8,}` also fits product codes: require a long random token.
        *rules("artifactory-token", ArtifactoryDetector, "A-Za-z0-9", check=_is_random_enough),
    )


@cache
def _private_key_patterns() -> tuple[re.Pattern[str], ...]:
    """detect-secrets' private key headers (BEGIN RSA PRIVATE KEY, PuTTY-User-Key-File-2...)."""
    from detect_secrets.plugins.private_key import PrivateKeyDetector

    return tuple(PrivateKeyDetector.denylist)


_BOUNDARY = " \t\r\n\"'`=:;,()[]{}<>"
_PEM_END_RE = re.compile(r"(?:\s|\\r|\\n)*-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----")
# Header fields (Proc-Type: ...) and base64 lines, on new lines (real or JSON-escaped ones).
_PEM_BODY_RE = re.compile(
    r"(?:(?:[ \t]*(?:\r?\n|(?:\\r)?\\n))*[ \t]*"
    r"(?:[\w-]+: [^\s\\]+|[A-Za-z0-9+/=]{16,}(?=\s|\\[rn]|-----|$)))+"
    r"(?:\s*(?:(?:\\r)?\\n)?[A-Za-z0-9+/=]{1,16}(?=\s|\\[rn]|-----|$))?"
)
_PUTTY_END_RE = re.compile(r"Private-MAC: *[0-9a-fA-F]+")
_B64_PEM_RE = re.compile(r"LS0tLS1CRUdJTi[A-Za-z0-9+/=]*(?:(?:\r?\n|\\n)[A-Za-z0-9+/=]{4,})*")


def _find_private_keys(text: str) -> Iterator[_Found]:
    """PEM and PuTTY private key blocks, header to END line (or to the end of the body), and
    base64-encoded PEM ("LS0tLS1CRUdJTi..."). A header with no key material is no hit."""
    for pattern in _private_key_patterns():
        for match in pattern.finditer(text):
            start, end = match.span()
            if text.startswith("-----", start - 5):
                start -= 5
            if match.group().startswith("PuTTY"):
                closing = _PUTTY_END_RE.search(text, end, end + 20_000)
                line_end = text.find("\n", end)
                end = closing.end() if closing else len(text) if line_end < 0 else line_end
            else:
                if text.startswith("-----", end):
                    end += 5
                body = _PEM_BODY_RE.match(text, end)
                if not body or not re.search(r"[A-Za-z0-9+/=]{16}", body.group()):
                    continue  # a header alone, say in instructions, holds no key
                end = body.end()
                if closing := _PEM_END_RE.match(text, end):
                    end = closing.end()
            yield _Found("private-key", start, end, text[start:end], 0)
    for match in _B64_PEM_RE.finditer(text):
        head = re.sub(r"\\n|\s", "", match.group())[:64]
        try:
            decoded = base64.b64decode(head[: len(head) // 4 * 4])
        except (binascii.Error, ValueError):
            continue
        if b"PRIVATE KEY" in decoded or b"PuTTY" in decoded:
            yield _Found("private-key", match.start(), match.end(), match.group(), 0)


def _widen(text: str, start: int, end: int, extend: re.Pattern[str] | None) -> tuple[int, int]:
    """Trim boundary characters and run on to the end of the token."""
    while start < end and text[start] in _BOUNDARY:
        start += 1
    while end > start and text[end - 1] in _BOUNDARY:
        end -= 1
    if extend and (tail := extend.match(text, end)):
        end = tail.end()
    return start, end


def _find_tokens(text: str) -> Iterator[_Found]:
    """Key formats: detect-secrets' plugin regexes and ours, spans widened to whole tokens."""
    for rank, rule in enumerate(_token_rules(), start=1):
        for match in rule.pattern.finditer(text):
            group = 1 if rule.pattern.groups and match.group(1) else 0
            start, end = _widen(text, *match.span(group), rule.extend)
            if rule.kind == "npm-token":
                end = start + len(re.split(r"[\s\"'`]", text[start:end], maxsplit=1)[0])
            value = text[start:end]
            if value and (rule.check is None or rule.check(value)):
                yield _Found(rule.kind, start, end, value, rank)


# Prose and code: a secret-sounding word, then within a few words a long random token.
_KEYWORD_RE = re.compile(
    r"(?:(?<![a-z])|(?-i:(?<=[a-z])(?=[A-Z])))"
    r"(?:api[\s_-]?keys?|access[\s_-]?keys?|secret(?:[\s_-]?keys?)?s?|private[\s_-]?keys?"
    r"|client[\s_-]?secrets?|(?:access|refresh|session|auth|api|bearer|id)[\s_-]?tokens?|tokens?"
    r"|bearer|auth(?:entication|orization)?(?:[\s_-]?(?:keys?|codes?|headers?))?|credentials?"
    r"|passwords?|passwd|passphrase|pass[\s_-]?codes?|pwd|keys?)"
    r"(?![a-z])",
    re.IGNORECASE,
)
_PIECE_RE = re.compile(r"[^\s\"'`()\[\]{}<>,;|]+")
_SECRET_TOKEN_RE = re.compile(r"[A-Za-z0-9+/_\-.~]+=*")
# An identifier made of words (getUserToken2, STRIPE_SECRET_KEY_2024) once digits are removed.
_WORDISH_RE = re.compile(r"(?:[A-Z]?[a-z]{2,}|[A-Z]{2,}(?![a-z])|[_\-.~/+=])+")
# Words that say the token after them is an identifier, not a secret.
_NOT_SECRET_WORDS = frozenset(
    {
        *("order", "orders", "tracking", "commit", "sha", "hash", "checksum", "id", "uuid"),
        *("ticket", "reference", "ref", "number", "invoice", "serial", "sku", "model"),
        *("version", "url", "link", "file", "path", "request"),
    }
)
_SENTENCE_END = (".", "!", "?")


def _mixed_segments_share(value: str) -> float:
    """Share of the characters in separator-delimited segments that mix character classes."""
    mixed = total = 0
    for segment in re.split(r"[/._\-~+=]+", value):
        total += len(segment)
        has_digit = any(c.isdigit() for c in segment)
        has_alpha = any(c.isalpha() for c in segment)
        humps = len(re.findall(r"[a-z][A-Z]", segment))
        if (has_digit and has_alpha) or humps >= 2:
            mixed += len(segment)
    return mixed / total if total else 0.0


def _looks_like_secret(value: str) -> bool:
    """A long random token: >= 16 chars, >= 3.5 bits/char, letters and digits mixed."""
    if not 16 <= len(value) <= 1024 or not _SECRET_TOKEN_RE.fullmatch(value):
        return False
    if not (any(c.isdigit() for c in value) and any(c.isalpha() for c in value)):
        return False
    if _entropy(value) < 3.5 or _mixed_segments_share(value) < 0.5:
        return False
    wordish = len(re.findall(r"[0-9]+", value)) <= 2 and _WORDISH_RE.fullmatch(
        re.sub(r"[0-9]+", "", value)
    )
    return not wordish


_CANDIDATE_TOKEN_RE = re.compile(r"[A-Za-z0-9+/_\-.~]{16,}=*")
_GAP_STRIP = "=:\\*"


def _keyword_before(text: str, start: int) -> bool:
    """A secret-sounding word at most five words before `start`, in the same sentence, with no
    word in between saying what follows is an identifier ("order", "commit", ...)."""
    keywords = list(_KEYWORD_RE.finditer(text, max(0, start - 120), start))
    if not keywords:
        return False
    pieces = _PIECE_RE.findall(text, keywords[-1].end(), start)
    if len(pieces) > 5:
        return False
    for piece in pieces:
        word = piece.strip(_GAP_STRIP)
        if word.lower() in _NOT_SECRET_WORDS or word.endswith(_SENTENCE_END):
            return False
    return True


def _find_keyword_secrets(text: str) -> Iterator[_Found]:
    """Prose and code: a long random token a few words after a secret-sounding word."""
    for token in _CANDIDATE_TOKEN_RE.finditer(text):
        start, end = token.span()
        while text[end - 1] == ".":
            end -= 1
        value = text[start:end]
        if (
            value.startswith("//")  # a URL
            or text.startswith("@", end)  # an e-mail address
            or (start and text[start - 1] in "@#$%&")
            or not _looks_like_secret(value)
        ):
            continue
        if _keyword_before(text, start):
            yield _Found("generic-api-key", start, end, value, 90)


_PASSWORD_RE = re.compile(
    r"(?:(?<![a-z])|(?-i:(?<=[a-z])(?=[A-Z])))"
    r"(?:pass(?:word|wd|phrase|[\s_-]?code)|pwd)s?(?![a-z])"
    r"[\\\"'`\]]{0,3}[ \t]*"  # the end of a quoted key: "password": / ['password'] =
    r"(?:(?:(?:is|was|now|new|set\s+to|changed\s+to|reset\s+to|will\s+be|temporarily|temporary)\b"
    r"|:=|=>|->|[:=])[ \t]*){1,3}"
    r"(?P<value>\\?[\"'`][^\s\"'`\\]{1,128}\\?[\"'`]|[^\s\"'`\\]{1,128})",
    re.IGNORECASE,
)
_PLACEHOLDER_RE = re.compile(
    r"[*•x.#\-]+|<[^>]*>|\$\{?\w+\}?|%\(?\w+\)?s?|\{\{.*\}\}|\[[^\]]*\]"
    r"|.*(?:redacted|example|your|placeholder|hidden|xxxx|\*\*\*).*"
    r"|password|passwd|secret|null|none|nil|empty|required|optional|true|false|undefined",
    re.IGNORECASE,
)


def _not_placeholder(value: str) -> bool:
    """False for stand-ins such as ********, <password>, ${DB_PASSWORD} or [REDACTED:...]."""
    return not _PLACEHOLDER_RE.fullmatch(value)


def _find_passwords(text: str) -> Iterator[_Found]:
    """ "password is/:/= <value>": a quoted value of 4+ characters, or 6+ mixing letters and
    digits (or only digits) unquoted, so "password is case-sensitive" is no hit."""
    for match in _PASSWORD_RE.finditer(text):
        start, end = match.span("value")
        quoted = text[start] in "\\\"'`"
        if quoted:
            start += 2 if text[start] == "\\" else 1
            end -= 2 if text[end - 2] == "\\" else 1
        else:
            while end > start and text[end - 1] in ".,;:)":
                end -= 1
        value = text[start:end]
        if not value or not _not_placeholder(value):
            continue
        has_alpha = any(c.isalpha() for c in value)
        has_digit = any(c.isdigit() for c in value)
        if (
            (quoted and len(value) >= 4)
            or (len(value) >= 6 and has_alpha and has_digit)
            or (len(value) >= 6 and value.isdigit())
        ):
            yield _Found("password-assignment", start, end, value, 80)


def _resolve(found: Iterable[_Found]) -> list[_Found]:
    """Keep the best-ranked of overlapping hits (the longer first among equals), by start."""
    kept: list[_Found] = []  # disjoint, sorted by start
    starts: list[int] = []
    for hit in sorted(found, key=lambda f: (f.rank, f.start - f.end, f.start)):
        at = bisect.bisect_right(starts, hit.start)
        if (
            hit.end > hit.start
            and (at == 0 or kept[at - 1].end <= hit.start)
            and (at == len(kept) or hit.end <= kept[at].start)
        ):
            kept.insert(at, hit)
            starts.insert(at, hit.start)
    return kept


_PUBLIC_PREFIX_RE = re.compile(
    r"(?:[rs]k_(?:live|test)_|sk-(?:proj-|svcacct-|admin-|ant-[a-z]+\d\d-)?|gh[pousr]_"
    r"|github_pat_|gl[a-z]+-|xox[a-z]-|A3T|AKIA|ASIA|ABIA|ACCA|AIza|SG\.|sq0csp-|pypi-|npm_"
    r"|https://hooks\.slack\.com/services/|eyJ)"
)


def _secret_preview(kind: str, value: str) -> str:
    """A public prefix (sk_live_, ghp_, AKIA, ...) or at most 1/8 of the value at each end."""
    value = " ".join(value.split())
    if kind == "private-key":
        header = re.match(r"-----BEGIN [A-Z0-9 ]*-----|[^\s]{0,14}", value)
        return f"{header.group() if header else ''}…"
    size = len(value)
    prefix = _PUBLIC_PREFIX_RE.match(value)
    if prefix and size - prefix.end() >= 16:
        return f"{prefix.group()}…{value[-4:]}"
    keep = min(4, size // 8)
    return f"{value[:keep]}…{value[size - keep :] if keep else ''}"


def _detect_secrets(folded: str, groups: set[str]) -> list[_Found]:
    """The secrets in one folded text, for the groups its prefilter matched."""
    found: list[_Found] = []
    if "keys" in groups:
        found.extend(_find_private_keys(folded))
        found.extend(_find_tokens(folded))
    if "password" in groups:
        found.extend(_find_passwords(folded))
    if "keyword" in groups:
        found.extend(_find_keyword_secrets(folded))
    return _resolve(found)


def _run(
    texts: pl.Series,
    groups: dict[str, tuple[str, ...]],
    detect: Callable[[str, set[str]], list[_Found]],
    preview: Callable[[str, str], str],
) -> dict[int, list[Hit]]:
    """Prefilter all rows, run `detect` on the folded text of the rows that pass, and map the
    hits back to the original text."""
    texts = _as_strings(texts)
    if texts.is_empty():
        return {}
    rows_by_group = _prefilter(texts, groups)
    groups_by_row: dict[int, set[str]] = {}
    for name, rows in rows_by_group.items():
        for row in rows:
            groups_by_row.setdefault(row, set()).add(name)
    if not groups_by_row:
        return {}
    rows = sorted(groups_by_row)
    values = texts.gather(rows).to_list()
    result: dict[int, list[Hit]] = {}
    for row, text in zip(rows, values, strict=True):
        folded = _fold(text)
        hits = []
        for f in detect(folded.text, groups_by_row[row]):
            start, end = folded.span(f.start, f.end)
            hits.append(Hit(f.kind, start, end, preview(f.kind, f.value)))
        if hits:
            result[row] = hits
    return result


def find_secrets(texts: pl.Series) -> dict[int, list[Hit]]:
    """Find API keys, tokens, private keys and passwords in texts.

    Key formats come from detect-secrets' regex plugins (AWS, Stripe, GitHub, GitLab, Slack,
    OpenAI, JWT, private keys, SendGrid, Twilio, Mailchimp, npm, PyPI, Discord, Telegram,
    Square, Azure storage, basic-auth URLs, Artifactory) plus formats it lacks (GitHub
    fine-grained tokens, OpenAI project keys, Anthropic keys, Google API keys, base64-encoded
    PEM private keys); `password-assignment` is "password is/: <value>" and `generic-api-key`
    a long random token a few words after a secret-sounding word ("my API key is 3f9a...").

    Args:
        texts: One text per row (nulls are skipped).

    Returns:
        Row index -> hits sorted by start, only for rows with at least one hit.
    """
    return _run(texts, _SECRET_PREFILTERS, _detect_secrets, _secret_preview)


# --------------------------------------------------------------------------------------------
# Personal data.
# --------------------------------------------------------------------------------------------

_EMAIL_RE = re.compile(
    r"(?<![A-Za-z0-9_%+\-])[A-Za-z0-9][A-Za-z0-9._%+\-]{0,63}"
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![A-Za-z0-9\-])"
)
# The local part just before an "@" (searched up to the "@": endpos makes `$` match there).
_LOCAL_PART_RE = re.compile(r"(?<![A-Za-z0-9_%+\-])[A-Za-z0-9][A-Za-z0-9._%+\-]{0,63}$")
_URL_USER_RE = re.compile(r"://[^\s/@]*:?$")  # https://user:password@host is no address
_OBFUSCATED_AT_RE = re.compile(r"[\[(]\s*at\s*[\])]", re.IGNORECASE)
_OBFUSCATED_EMAIL_RE = re.compile(
    r"(?<![A-Za-z0-9_%+\-])[A-Za-z0-9][A-Za-z0-9._%+\-]{0,63}\s*[\[(]\s*at\s*[\])]\s*"
    r"(?:[A-Za-z0-9\-]+\s*(?:[\[(]\s*dot\s*[\])]|\.)\s*)+[A-Za-z]{2,24}(?![A-Za-z0-9\-])",
    re.IGNORECASE,
)
_PHONE_SHAPE_RE = re.compile(f"{_INTERNATIONAL}|{_NANP}")
_EXTENSION_RE = re.compile(r"\s*(?:ext\.?|extension|x|#)\s*[0-9]{1,6}$", re.IGNORECASE)
_PHONE_CONTEXT_RE = re.compile(
    r"\b(?:call|phone|tel|telephone|mobile|cell|cellphone|text|sms|fax|whatsapp|signal"
    r"|contact|reach|dial|ph|mob)\b[^\n]{0,25}$",
    re.IGNORECASE,
)
_NANP_GROUPS = ([3, 3, 4], [1, 3, 3, 4], [3, 7], [1, 3, 7])
_CARD_RE = re.compile(r"[0-9](?:[ \-]?[0-9]){12,18}(?![ \-]?[0-9])")
# Runs of digits and separators: a cheap scan that finds where phone and card shapes can be.
_DIGIT_RUN_RE = re.compile(r"[(+0-9][0-9 ().\-/]{6,}")


def _find_emails(text: str) -> Iterator[_Found]:
    """E-mail addresses around each "@" (cheaper than a regex scan of the whole text)."""
    done = 0
    at = text.find("@")
    while at >= 0:
        local = _LOCAL_PART_RE.search(text, max(done, at - 64), at)
        if local:
            match = _EMAIL_RE.match(text, local.start(), at + 256)
            if match and not _URL_USER_RE.search(text, max(0, match.start() - 100), match.start()):
                yield _Found("email", match.start(), match.end(), match.group(), 0)
                done = match.end()
        at = text.find("@", max(at + 1, done))
    if _OBFUSCATED_AT_RE.search(text):
        for match in _OBFUSCATED_EMAIL_RE.finditer(text):
            yield _Found("email", match.start(), match.end(), match.group(), 1)


def _luhn(digits: str) -> bool:
    """The Luhn checksum of a card number is valid."""
    total = 0
    for i, char in enumerate(reversed(digits)):
        d = int(char)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _card_brand(digits: str) -> str | None:
    """The card network from the IIN prefix and length, or None."""
    size = len(digits)
    two, three, four = int(digits[:2]), int(digits[:3]), int(digits[:4])
    if digits[0] == "4" and size in (13, 16, 19):
        return "visa"
    if (51 <= two <= 55 or 2221 <= four <= 2720) and size == 16:
        return "mastercard"
    if two in (34, 37) and size == 15:
        return "amex"
    if (four == 6011 or two == 65 or 644 <= three <= 649) and 16 <= size <= 19:
        return "discover"
    if 3528 <= four <= 3589 and 16 <= size <= 19:
        return "jcb"
    return None


def _find_cards(text: str, runs: list[tuple[int, int]]) -> Iterator[_Found]:
    """13-19 digits grouped like a card, with a known IIN prefix and a valid Luhn checksum."""
    for run_start, run_end in runs:
        if sum(c.isdigit() for c in text[run_start:run_end]) < 13:
            continue
        for match in _CARD_RE.finditer(text, run_start, run_end):
            start = match.start()
            before = text[max(0, start - 2) : start]
            if before[-1:].isalnum() or before[-1:] == "_" or re.fullmatch(r"[0-9][ \-]", before):
                continue  # part of a longer run or of a code
            raw = match.group()
            digits = re.sub(r"[ \-]", "", raw)
            groups = [len(g) for g in re.split(r"[ \-]", raw)]
            plausible = (
                len(groups) == 1
                or groups in ([4, 6, 5], [4, 6, 4])
                or (all(g == 4 for g in groups[:-1]) and 1 <= groups[-1] <= 4)
            )
            if plausible and _card_brand(digits) and _luhn(digits):
                yield _Found("card-number", start, match.end(), digits, 0)


@lru_cache(maxsize=32_768)
def _valid_numbers(window: str, region: str) -> tuple[tuple[int, int, str, int], ...]:
    """libphonenumber's valid numbers in a window: (start, end, raw, country code).

    Cached: signatures repeat the same number in the same words across many records.
    """
    import phonenumbers

    matcher = phonenumbers.PhoneNumberMatcher(window, region, leniency=phonenumbers.Leniency.VALID)
    return tuple((m.start, m.end, m.raw_string, m.number.country_code or 0) for m in matcher)


def _find_phones(
    text: str, runs: list[tuple[int, int]], region: str = DEFAULT_REGION
) -> Iterator[_Found]:
    """Valid phone numbers (libphonenumber) in windows around phone-shaped digit runs."""
    windows: list[list[int]] = []
    for run_start, run_end in runs:
        if not _PHONE_SHAPE_RE.search(text, run_start, run_end):
            continue
        start, end = max(0, run_start - 40), min(len(text), run_end + 40)
        if windows and start <= windows[-1][1]:
            windows[-1][1] = end
        else:
            windows.append([start, end])
    for first, last in windows:
        for number_start, number_end, raw, country in _valid_numbers(text[first:last], region):
            start, end = first + number_start, first + number_end
            if not raw.lstrip("(").startswith("+") and country == 1:
                groups = [len(g) for g in re.findall(r"[0-9]+", _EXTENSION_RE.sub("", raw))]
                if groups in ([10], [11]):
                    if not _PHONE_CONTEXT_RE.search(text, max(0, start - 40), start):
                        continue  # a bare 10-digit run: an id unless said to be a phone
                elif groups not in _NANP_GROUPS:
                    continue  # not grouped like a NANP number: 2026-000123 is an invoice
            yield _Found("phone", start, end, raw, 2)


def _personal_preview(kind: str, value: str) -> str:
    """ "j…@example.com", "+44 …0958", "visa …1111": never the whole value."""
    if kind == "email":
        if "@" not in value:  # name [at] example [dot] com
            value = re.sub(r"\s*[\[(]\s*dot\s*[\])]\s*", ".", value, flags=re.IGNORECASE)
            value = re.sub(r"\s*[\[(]\s*at\s*[\])]\s*", "@", value, flags=re.IGNORECASE)
        local, _, domain = value.partition("@")
        return f"{local[:1] if len(local) > 2 else ''}…@{domain}"
    digits = "".join(c for c in value if c.isdigit())
    if kind == "card-number":
        return f"{_card_brand(digits) or 'card'} …{digits[-4:]}"
    country = value[: value.find(" ")] if value.startswith("+") and " " in value else ""
    return f"{country + ' ' if country else ''}…{digits[-4:]}"


def _detect_personal(folded: str, groups: set[str]) -> list[_Found]:
    """The personal data in one folded text, for the kinds its prefilter matched."""
    found: list[_Found] = []
    if "email" in groups:
        found.extend(_find_emails(folded))
    if "card-number" in groups or "phone" in groups:
        runs = [match.span() for match in _DIGIT_RUN_RE.finditer(folded)]
        if "card-number" in groups:
            found.extend(_find_cards(folded, runs))
        if "phone" in groups:
            found.extend(_find_phones(folded, runs))
    return _resolve(found)


def find_personal_data(
    texts: pl.Series, kinds: frozenset[str] = PERSONAL_KINDS
) -> dict[int, list[Hit]]:
    """Find e-mail addresses, phone numbers and payment card numbers in texts.

    E-mail addresses by an RFC-ish regex (also "name [at] domain [dot] com"); phone numbers by
    libphonenumber (valid numbers only; without a country code they are read as US numbers and
    must be grouped like one, or be said to be a phone); card numbers are 13-19 digits,
    Luhn-valid, with a known IIN prefix (Visa, Mastercard, Amex, Discover, JCB).

    Args:
        texts: One text per row (nulls are skipped).
        kinds: The kinds to look for: any of "email", "phone", "card-number".

    Returns:
        Row index -> hits sorted by start, only for rows with at least one hit.

    Raises:
        ValueError: If `kinds` names an unknown kind.
    """
    unknown = set(kinds) - PERSONAL_KINDS
    if unknown:
        raise ValueError(f"unknown personal data kinds: {sorted(unknown)}")
    groups = {kind: _PERSONAL_PREFILTERS[kind] for kind in sorted(kinds)}
    if not groups:
        return {}
    return _run(texts, groups, _detect_personal, _personal_preview)


# --------------------------------------------------------------------------------------------
# Redaction.
# --------------------------------------------------------------------------------------------


def redact(text: str, hits: list[Hit]) -> str:
    """Replace each hit span with `[REDACTED:<kind>]`; the rest of the text is left as is.

    Overlapping hits (say from `find_secrets` and `find_personal_data` together) are merged
    into one replacement named after the first of them.

    Args:
        text: The original text the hits were found in.
        hits: Hits for this text, in any order.

    Returns:
        The text with every hit span replaced.

    Raises:
        ValueError: If a hit's span is not inside the text.
    """
    spans: list[list[Any]] = []
    for hit in sorted(hits, key=lambda h: (h.start, -h.end)):
        if not 0 <= hit.start <= hit.end <= len(text):
            raise ValueError(f"hit {hit.kind} [{hit.start}, {hit.end}) is outside the text")
        if spans and hit.start < spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], hit.end)
        else:
            spans.append([hit.start, hit.end, hit.kind])
    parts: list[str] = []
    last = 0
    for start, end, kind in spans:
        parts.append(text[last:start])
        parts.append(f"[REDACTED:{kind}]")
        last = end
    parts.append(text[last:])
    return "".join(parts)
