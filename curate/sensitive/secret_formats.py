"""Secrets with a known format: API keys and tokens, and private key blocks.

detect-secrets' (Yelp) regex plugins give the key formats, plus a few rules of ours for
formats it lacks. Their matches are widened to whole tokens (a plugin regex may match only
the start of a key), so the span covers, and `redact` removes, the whole key.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from curate.sensitive.hits import _Found
from curate.sensitive.secret_values import _is_random_enough, _not_placeholder

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
