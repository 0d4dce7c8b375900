"""`find_secrets`: API keys, tokens, private keys and passwords in many texts.

Fine-tuning data whose outputs contain credentials teaches the model to repeat them. The
prefilter groups below decide which detectors run on a row (`scan`); the detectors are in
`secret_formats` (key formats, private keys) and `secret_prose` (keywords, passwords).
"""

from __future__ import annotations

import re

import polars as pl

from curate.sensitive.hits import Hit, _Found, _resolve
from curate.sensitive.scan import _run
from curate.sensitive.secret_formats import _find_private_keys, _find_tokens
from curate.sensitive.secret_prose import _find_keyword_secrets, _find_passwords

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
# A password word, then something that assigns it (the exact rule is `_find_passwords`).
_PRE_PASSWORD = (
    r"(?:[Pp][Aa][Ss][Ss]|[Pp][Ww][Dd])[ _-]?[A-Za-z]{0,7}[\"'`‘’“”\]\\]{0,3}[ \t]*"
    r"(?:(?i:is|was|now|new|set|changed|reset|will|temporar)|:=|=>|->|[:=])"
)

_SECRET_WORD = (
    r"(?:[Ss]ecret|SECRET|[Tt]oken|TOKEN|[Bb]earer|BEARER|[Aa]uth|AUTH|[Cc]redential|CREDENTIAL"
    r"|[Kk]ey|KEY|[Pp]ass|PASS|[Pp]wd|PWD)"
)
_LONG_TOKEN = r"[A-Za-z0-9+/_.~=-]{16}"
# A secret-sounding word (lower, Capitalised or UPPER case) followed within 120 characters by
# a token of 16+ characters (the exact rule is `_find_keyword_secrets`).
_PRE_KEYWORD_TOKEN = _SECRET_WORD + r"[\s\S]{0,120}?" + _LONG_TOKEN
_SECRET_NARROWING: dict[str, tuple[str, ...]] = {"keyword": (_SECRET_WORD, _LONG_TOKEN)}
"""The keyword prefilter's bounded gap makes it slow on every row (0.4 s on 100k replies of
1 KB): it runs only on rows that hold both a secret word and a long token somewhere."""

_SECRET_PREFILTERS = {
    "keys": (_PRE_KEY_LITERALS, _PRE_KEY_SHAPES, _PRE_TELEGRAM, _PRE_DISCORD),
    "keyword": (_PRE_KEYWORD_TOKEN,),
    "password": (_PRE_PASSWORD,),
}


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
    return _run(texts, _SECRET_PREFILTERS, _detect_secrets, _secret_preview, _SECRET_NARROWING)
