"""Secrets written in prose and code: a long random token a few words after a
secret-sounding word ("my API key is 3f9a..."), and password assignments ("password: ...").

No format to match here, so these rules lean on context: the keyword before the token, no
word in between saying it is an identifier, and the value tests of `secret_values`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from curate.sensitive.hits import _Found
from curate.sensitive.secret_values import _looks_like_secret, _not_placeholder

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
# Words that say the token after them is an identifier, not a secret.
_NOT_SECRET_WORDS = frozenset(
    {
        *("order", "orders", "tracking", "commit", "sha", "hash", "checksum", "id", "uuid"),
        *("ticket", "reference", "ref", "number", "invoice", "serial", "sku", "model"),
        *("version", "url", "link", "file", "path", "request"),
    }
)
_SENTENCE_END = (".", "!", "?")
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
