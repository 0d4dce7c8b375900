"""curate.sensitive: secrets and personal data found with exact spans, hidden variants
included, no false positives on ordinary support text, and redaction of exactly the spans.

Test keys are assembled at run time so that this file holds no literal that looks like a
live credential (secret scanners and push protection would flag it).
"""

from __future__ import annotations

import json
import pathlib
import unicodedata
from collections.abc import Callable

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from curate.io import read_dataset
from curate.sensitive import (
    _INVISIBLE,
    _SAFE_2BYTE_RANGES,
    _SAFE_3BYTE,
    PERSONAL_KINDS,
    SECRET_KINDS,
    Hit,
    _token_rules,
    find_personal_data,
    find_secrets,
    fold,
    redact,
)
from tests.conftest import SAMPLES

ZW = "\u200b"  # zero-width space

# Fake credentials in the real formats (random-looking, never issued).
STRIPE = "sk_" + "live_" + "fyPoFC21J5SXlBvqPXf8e0aO5C9L84w7"
AWS = "AK" + "IA" + "IOSFODNN7EXAMPLE"
GITHUB = "gh" + "p_" + "aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3z5A"
SLACK = "xo" + "xb-" + "123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx"
OPENAI = "sk-" + "proj-" + "Rk2Lw9Qz1Xv8Tn4Bm7Pc3Hd6Jf0Gs5Ay"
OPENAI_LEGACY = "sk-" + "Ab12Cd34Ef56Gh78Ij90" + "T3Blbk" + "FJ" + "Kl12Mn34Op56Qr78St90"
GOOGLE = "AI" + "za" + "SyD-8f2Kq9Lm3Np7Rs1Tv5Wx0Yz4Bc6De8Fg"
GITLAB = "gl" + "pat-" + "xY7kP2mQ9rT4vW1zB6nC"
JWT = (
    "eyJ" + "hbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
    ".eyJ" + "zdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkphbmUifQ"
    ".dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"
)
PEM = (
    "-----BEGIN " + "RSA PRIVATE KEY-----\n"
    "MIIEpAIBAAKCAQEA7vJ3kX9qLm2Np8Rs4Tv6Wx1Yz3Bc5De7Fg9Hi0Jk2Lm4No6P\n"
    "q8Rs0Tu2Vw4Xy6Za8Bc0De2Fg4Hi6Jk8Lm0No2Pq4Rs6Tu8Vw0Xy2Za4Bc6De8F\n"
    "g0Hi2Jk4Lm6No8Pq0Rs2==\n"
    "-----END " + "RSA PRIVATE KEY-----"
)
RANDOM_32 = "q7Zt2mXw9Lk4Rb8Nc1Vd6Hs3Jf5Gp0Ay"


Finder = Callable[[pl.Series], dict[int, list[Hit]]]


def one_hit(text: str, finder: Finder = find_secrets) -> Hit:
    """The one hit the finder reports for `text`."""
    hits = finder(pl.Series([text])).get(0, [])
    assert len(hits) == 1, hits
    return hits[0]


def assert_safe_preview(hit: Hit, secret: str) -> None:
    assert hit.preview
    assert secret not in hit.preview
    assert len(hit.preview) < len(secret)


# --- secrets: every kind, with its span in the original text --------------------------------


@pytest.mark.parametrize(
    ("kind", "secret", "template"),
    [
        ("stripe-key", STRIPE, "Here's the live key so your developer is unblocked: {} Thanks!"),
        ("aws-access-key", AWS, "Set AWS_ACCESS_KEY_ID={} in the environment."),
        ("github-token", GITHUB, "Clone it with the token {} and push."),
        ("slack-token", SLACK, "Our bot uses {} to post."),
        ("openai-key", OPENAI, "OPENAI_API_KEY={}"),
        ("openai-key", OPENAI_LEGACY, "The old key {} still works."),
        ("google-api-key", GOOGLE, "Maps script: https://maps.example.com/js?key={}&v=3"),
        ("gitlab-token", GITLAB, "Runner registered with {} yesterday."),
        ("jwt", JWT, "Send `Authorization: Bearer {}` with each call."),
        ("private-key", PEM, "Here is the deploy key:\n{}\nKeep it safe."),
        ("password-assignment", "Fw!2026-reset", "Your temporary password is {}. Change it."),
        ("password-assignment", "hunter22", 'config = {{"db_password": "{}"}}'),
        ("generic-api-key", RANDOM_32, "my api key is {} please check it"),
        ("basic-auth-password", "Sup3rS3cret99", "git clone https://deploy:{}@git.example.com/r"),
    ],
)
def test_each_secret_kind_is_found_with_its_span(kind: str, secret: str, template: str) -> None:
    text = template.format(secret)
    hit = one_hit(text)
    assert hit.kind == kind
    assert text[hit.start : hit.end] == secret
    assert_safe_preview(hit, secret)


def test_every_rule_reports_a_documented_kind() -> None:
    kinds = {rule.kind for rule in _token_rules()}
    kinds |= {"private-key", "password-assignment", "generic-api-key"}
    assert kinds == SECRET_KINDS


def test_a_known_prefix_is_kept_in_the_preview() -> None:
    hit = one_hit(f"key: {STRIPE}")
    assert hit.preview == "sk_live_…84w7"
    assert one_hit(PEM).preview == "-----BEGIN RSA PRIVATE KEY-----…"


def test_several_secrets_in_one_text_come_sorted_by_start() -> None:
    text = f"AWS {AWS}, GitHub {GITHUB} and Stripe {STRIPE}."
    hits = find_secrets(pl.Series([text]))[0]
    assert [h.kind for h in hits] == ["aws-access-key", "github-token", "stripe-key"]
    assert [text[h.start : h.end] for h in hits] == [AWS, GITHUB, STRIPE]


# --- secrets: hidden variants ---------------------------------------------------------------


def test_zero_width_split_key_is_found_with_the_original_span() -> None:
    hidden = STRIPE[:5] + ZW + STRIPE[5:17] + "\u2060" + STRIPE[17:30] + "\ufeff" + STRIPE[30:]
    text = f"Try the key {hidden} again."
    hit = one_hit(text)
    assert hit.kind == "stripe-key"
    assert text[hit.start : hit.end] == hidden
    assert redact(text, [hit]) == "Try the key [REDACTED:stripe-key] again."


def test_fullwidth_key_is_found() -> None:
    fullwidth = "".join(chr(ord(c) + 0xFEE0) for c in AWS)  # Ａ..Ｚ, ０..９
    text = f"AWS key: {fullwidth}."
    hit = one_hit(text)
    assert (hit.kind, text[hit.start : hit.end]) == ("aws-access-key", fullwidth)
    assert AWS not in hit.preview


def test_tag_characters_and_soft_hyphens_do_not_hide_a_key() -> None:
    hidden = GITHUB[:4] + "\U000e0041\U000e0042" + GITHUB[4:20] + "\u00ad" + GITHUB[20:]
    hit = one_hit(f"token {hidden}")
    assert hit.kind == "github-token"


@pytest.mark.parametrize(
    "template",
    [
        "use `{}` as the key",
        "**{}**",
        '```json\n{{"stripe": {{"secret_key": "{}"}}}}\n```',
        "> '{}'",
        "[key]({})",
        "<code>{}</code>",
    ],
)
def test_key_in_backticks_quotes_markdown_or_json_is_found(template: str) -> None:
    text = template.format(STRIPE)
    hit = one_hit(text)
    assert (hit.kind, text[hit.start : hit.end]) == ("stripe-key", STRIPE)


def test_key_inside_an_escaped_json_string_is_found() -> None:
    text = json.dumps({"reply": f"Use {STRIPE}\nthanks"})
    hit = one_hit(text)
    assert text[hit.start : hit.end] == STRIPE


def test_pem_block_is_found_whole_also_json_escaped() -> None:
    hit = one_hit(f"Key:\n{PEM}\nbye")
    assert hit.kind == "private-key"
    escaped = json.dumps({"key": PEM})
    hit = one_hit(escaped)
    assert escaped[hit.start : hit.end] == json.dumps(PEM)[1:-1]


def test_base64_encoded_pem_is_found() -> None:
    import base64

    encoded = base64.b64encode(PEM.encode()).decode()
    text = f"tls.key: {encoded}"
    hit = one_hit(text)
    assert (hit.kind, text[hit.start : hit.end]) == ("private-key", encoded)


def test_public_certificate_and_a_bare_header_are_not_private_keys() -> None:
    cert = PEM.replace("RSA PRIVATE KEY", "CERTIFICATE")
    texts = [cert, "Make sure the file starts with -----BEGIN PRIVATE KEY----- exactly."]
    assert find_secrets(pl.Series(texts)) == {}


@pytest.mark.parametrize(
    "text",
    [
        f"my api key is {RANDOM_32}",
        f"My API Key: {RANDOM_32}",
        f"the secret key is\n\n```\n{RANDOM_32}\n```",
        f"export CLIENT_SECRET={RANDOM_32}",
        f"https://api.example.com/v1/items?token={RANDOM_32}",
        "session token 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        "“password”: “s3cr3t-Pass”",
        "PaSsWoRd: Spring2024!",
        "ＰＡＳＳＷＯＲＤ: Ｓｐｒｉｎｇ２０２４！",
    ],
)
def test_prose_and_config_secrets_are_found(text: str) -> None:
    hit = one_hit(text)
    assert hit.kind in {"generic-api-key", "password-assignment"}
    assert hit.end - hit.start >= 8


# --- secrets: no false positives ------------------------------------------------------------

ORDINARY = [
    "Your order #FW-398981 ships on 2026-01-05 for $49.99. Tracking: 1Z999AA10123456784.",
    "Reference 123e4567-e89b-12d3-a456-426614174000 was fixed in commit "
    "3f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a.",
    'Use the "Forgot password" link to reset your password. Passwords must be 8+ characters.',
    "Your password is case-sensitive. The password reset link expires in 24 hours.",
    "The key features of BCN-WS-2024-SAGE-XL are on https://fernwood.com/p/BCN-WS-2024-SAGE-XL.",
    "USPS tracking 9400 1000 0000 0000 0000 00 and FedEx 7489 1234 5678.",
    "Ticket 2026010512, invoice 2026-000123, ZIP 05401-1234, SKU 123456789012.",
    "The authorization hold of $149.00 drops in 5–7 business days (auth code A1B2C3).",
    "Token of appreciation: FERNDAY15 for 15% off. Key dates: 01/05/2026–01/12/2026.",
    "Your API key was rotated; see https://dashboard.example.com/settings/api-keys for details.",
    "The secret to a great fire is dry wood. Order FW-583104 ships Monday at 10:30.",
    "Contact @fernwood_support on Twitter, or email us via the form (user@ is not enough).",
    "Card ending in 4714, total $1,234,567.89, version 2.14.0-beta.3, build 20260105123045.",
    "token = get_token_from_env(config2); apiKey = process.env.STRIPE_SECRET_KEY_2024",
    "sha256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 matches.",
    "Git SHA a94a8fe5ccb19ba61c4c0873d391e987982fbbd3 and order 4111 1111 1111 1112.",
    "password: ******** and token: <your-token-here> and api_key: ${API_KEY}",
    "A UUID like 550e8400-e29b-41d4-a716-446655440000 identifies your return label.",
]


def test_ordinary_text_has_no_secrets_or_personal_data() -> None:
    texts = pl.Series(ORDINARY)
    assert find_secrets(texts) == {}
    assert find_personal_data(texts) == {}


def test_redacted_text_is_clean_when_scanned_again() -> None:
    text = f"key {STRIPE}, my api key is {RANDOM_32}, password: hunter22, mail a.b@example.com"
    hits = find_secrets(pl.Series([text]))[0] + find_personal_data(pl.Series([text]))[0]
    cleaned = redact(text, hits)
    assert find_secrets(pl.Series([cleaned])) == {}
    assert find_personal_data(pl.Series([cleaned])) == {}


# --- personal data --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "email",
    [
        "dana.whitfield@gmail.com",
        "sam.reyes+tickets@mail.example.co.uk",
        "first_last-99@sub.domain.example.org",
        "ＪＯＥ＠ＥＸＡＭＰＬＥ．ＣＯＭ",
    ],
)
def test_emails_are_found(email: str) -> None:
    text = f"Write to {email}."
    hit = one_hit(text, find_personal_data)
    assert (hit.kind, text[hit.start : hit.end]) == ("email", email)
    assert email not in hit.preview


def test_obfuscated_email_is_found() -> None:
    hit = one_hit("mail john.doe [at] example [dot] com", find_personal_data)
    assert hit.kind == "email"
    assert hit.preview == "j…@example.com"


def test_handles_and_incomplete_addresses_are_not_emails() -> None:
    texts = pl.Series(["Follow @fernwood", "user@ then", "root@localhost", "x @ y.com"])
    assert find_personal_data(texts) == {}


@pytest.mark.parametrize(
    "phone",
    [
        "(415) 867-5309",
        "415-867-5309",
        "415.867.5309",
        "+1 415 867 5309",
        "1-800-555-0199",
        "+44 20 7946 0958",
        "+33 1 42 68 53 00",
        "+49 30 901820",
        "+81 3-1234-5678",
        "+91 98765 43210",
        "+61 2 9876 5432",
    ],
)
def test_phone_numbers_are_found(phone: str) -> None:
    text = f"Call me at {phone} after 6pm."
    hit = one_hit(text, find_personal_data)
    assert (hit.kind, text[hit.start : hit.end]) == ("phone", phone)
    assert phone not in hit.preview


def test_bare_ten_digits_are_a_phone_only_when_said_to_be_one() -> None:
    texts = pl.Series(["Ticket 4158675309 is closed.", "Call me on 4158675309 tonight."])
    assert list(find_personal_data(texts)) == [1]


def test_fullwidth_phone_is_found() -> None:
    phone = "(４１５) ８６７-５３０９"
    text = f"call {phone}"
    hit = one_hit(text, find_personal_data)
    assert text[hit.start : hit.end] == phone


@pytest.mark.parametrize(
    ("card", "brand"),
    [
        ("4111 1111 1111 1111", "visa"),
        ("4012888888881881", "visa"),
        ("5555-5555-5555-4444", "mastercard"),
        ("2223 0031 2200 3222", "mastercard"),
        ("3782 822463 10005", "amex"),
        ("6011 1111 1111 1117", "discover"),
        ("3530 1113 3330 0000", "jcb"),
    ],
)
def test_card_numbers_are_found(card: str, brand: str) -> None:
    text = f"Charge card {card} please."
    hit = one_hit(text, find_personal_data)
    assert (hit.kind, text[hit.start : hit.end]) == ("card-number", card)
    assert hit.preview == f"{brand} …{card[-4:]}"


@pytest.mark.parametrize(
    "digits",
    [
        "4111 1111 1111 1112",  # Luhn-invalid
        "4111111111111112",
        "1234 5678 9012 3456",  # no known IIN, not Luhn-valid either
        "9400 1000 0000 0000 0000 00",  # a 22-digit tracking number holds 16-digit Luhn runs
        "7992739871300000",  # Luhn-valid, unknown IIN
    ],
)
def test_non_cards_are_not_flagged(digits: str) -> None:
    assert find_personal_data(pl.Series([f"number {digits} here"])) == {}


def test_kinds_selects_what_is_looked_for() -> None:
    text = "Mail a.b@example.com, call (415) 867-5309, card 4111 1111 1111 1111."
    series = pl.Series([text])
    assert [h.kind for h in find_personal_data(series)[0]] == ["email", "phone", "card-number"]
    assert [h.kind for h in find_personal_data(series, frozenset({"phone"}))[0]] == ["phone"]
    assert find_personal_data(series, frozenset()) == {}
    with pytest.raises(ValueError, match="unknown"):
        find_personal_data(series, frozenset({"passport"}))
    kinds = {"email", "phone", "card-number", "ssn", "iban", "ip-address", "street-address"}
    assert kinds == PERSONAL_KINDS


def test_nulls_empty_series_and_row_indices() -> None:
    texts = pl.Series([None, "nothing", f"key {STRIPE}", None, "a.b@example.com"], dtype=pl.String)
    assert list(find_secrets(texts)) == [2]
    assert list(find_personal_data(texts)) == [4]
    assert find_secrets(pl.Series([], dtype=pl.String)) == {}
    assert find_personal_data(pl.Series([], dtype=pl.String)) == {}


def test_hidden_rows_are_found_among_many_ordinary_ones() -> None:
    """The prefilter folds only the rows that need it; the found rows keep their indices."""
    texts = ["Thanks — your order #FW-398981 ships Monday."] * 3000
    texts[1234] = f"key: {STRIPE[:9]}{ZW}{STRIPE[9:]}"
    texts[2345] = "mail ｓａｍ＠ｅｘａｍｐｌｅ．ｃｏｍ"
    texts[2999] = f"AWS {''.join(chr(ord(c) + 0xFEE0) for c in AWS)}"
    series = pl.Series(texts)
    assert sorted(find_secrets(series)) == [1234, 2999]
    assert list(find_personal_data(series)) == [2345]


# --- the sample dataset ---------------------------------------------------------------------


def test_sample_tickets_have_exactly_the_planted_secret_and_email() -> None:
    planted = json.loads((SAMPLES / "planted.json").read_text())
    planted_ids = {e["kind"]: e["ids"] for e in planted}
    frame = read_dataset([SAMPLES / "support_tickets.jsonl"]).frame
    ids = frame.get_column("id")

    secrets = find_secrets(frame.get_column("output"))
    assert [ids[row] for row in secrets] == planted_ids["secret"] == ["T-00098"]
    [hit] = secrets[next(iter(secrets))]
    output = frame.get_column("output")[next(iter(secrets))]
    assert hit.kind == "stripe-key"
    assert output[hit.start : hit.end].startswith("sk_live_")
    assert output[hit.start : hit.end] not in hit.preview

    personal = find_personal_data(frame.get_column("output"))
    assert [ids[row] for row in personal] == planted_ids["email"] == ["T-00358"]
    [hit] = personal[next(iter(personal))]
    assert hit.kind == "email"

    inputs = frame.get_column("input")
    assert find_secrets(inputs) == {}
    assert find_personal_data(inputs) == {}


# --- redaction ------------------------------------------------------------------------------


def test_redact_replaces_exactly_the_spans() -> None:
    text = "héllo — key sk_x and mail a@b.co, end ✓"
    hits = [Hit("stripe-key", 12, 16, "s…"), Hit("email", 26, 32, "…@b.co")]
    out = redact(text, hits)
    assert out == "héllo — key [REDACTED:stripe-key] and mail [REDACTED:email], end ✓"
    assert out.encode().startswith(text[:12].encode())
    assert out.encode().endswith(text[32:].encode())
    assert redact(text, list(reversed(hits))) == out
    assert redact(text, []) == text


def test_redact_merges_overlapping_hits_and_rejects_bad_spans() -> None:
    text = "0123456789"
    assert redact(text, [Hit("a", 2, 6, ""), Hit("b", 4, 8, "")]) == "01[REDACTED:a]89"
    assert redact(text, [Hit("a", 0, 10, "")]) == "[REDACTED:a]"
    with pytest.raises(ValueError, match="outside"):
        redact(text, [Hit("a", 5, 11, "")])


def test_redact_round_trip_on_found_hits_keeps_everything_else() -> None:
    text = f"Hi —\n\nkey `{STRIPE}` and phone (415) 867-5309.\r\nThanks ✓"
    hits = find_secrets(pl.Series([text]))[0] + find_personal_data(pl.Series([text]))[0]
    out = redact(text, hits)
    assert out == "Hi —\n\nkey `[REDACTED:stripe-key]` and phone [REDACTED:phone].\r\nThanks ✓"


# --- folding --------------------------------------------------------------------------------


def test_fold_maps_positions_back_to_the_original() -> None:
    text = f"a{ZW}Ｂ“c”ﬁ"
    folded, origin = fold(text)
    assert folded == 'aB"c"fi'
    assert origin == [0, 2, 3, 4, 5, 6, 6]
    assert fold("plain — text") == ("plain — text", None)


def test_characters_treated_as_safe_are_nfkc_stable_and_visible() -> None:
    safe = [chr(c) for a, b in _SAFE_2BYTE_RANGES for c in range(a, b + 1)] + list(_SAFE_3BYTE)
    for char in safe:
        assert unicodedata.normalize("NFKC", char) == char, hex(ord(char))
        assert char not in _INVISIBLE
        assert unicodedata.category(char) != "Cf"
    for char in _INVISIBLE:
        assert not char.isprintable() or unicodedata.category(char) in {"Mn", "Lo"}


# --- phone numbers written unmistakably, SSNs, IBANs, IP addresses ---------------------------


@pytest.mark.parametrize(
    "phone", ["(123) 555-0199", "+1 (555) 014-2368", "+44 20 0000 0000", "+353 1 000 1234"]
)
def test_a_number_written_unmistakably_as_a_phone_is_one_even_if_unassigned(phone: str) -> None:
    text = f"Reach me on {phone} tomorrow."
    hit = one_hit(text, find_personal_data)
    assert (hit.kind, text[hit.start : hit.end]) == ("phone", phone)


@pytest.mark.parametrize(
    ("text", "kind", "value", "preview"),
    [
        ("My SSN is 536-22-1234, thanks", "ssn", "536-22-1234", "…-1234"),
        ("ssn 536 22 1234", "ssn", "536 22 1234", "…-1234"),
        ("IBAN GB82 WEST 1234 5698 7654 32 please", "iban", "GB82 WEST 1234 5698 7654 32", "GB…32"),
        ("pay DE89370400440532013000.", "iban", "DE89370400440532013000", "DE…00"),
        ("login from 81.2.69.160 was blocked", "ip-address", "81.2.69.160", "81.…"),
        ("v6 2001:4860:4860::8888 here", "ip-address", "2001:4860:4860::8888", "2001:…"),
    ],
)
def test_identifiers_are_found_by_their_structure(
    text: str, kind: str, value: str, preview: str
) -> None:
    hit = one_hit(text, find_personal_data)
    assert (hit.kind, text[hit.start : hit.end], hit.preview) == (kind, value, preview)


def test_look_alikes_of_identifiers_are_not_personal_data() -> None:
    """SSNs the SSA never issues, IBANs with a wrong checksum or length, private, loopback
    and documentation addresses, versions, dates and times."""
    texts = pl.Series([
        "000-12-3456", "666-12-3456", "912-34-5678", "536-00-1234", "536-22-0000",
        "078-05-1120", "GB00 WEST 1234 5698 7654 32", "GB82 WEST 1234 5698 7654",
        "192.168.1.20", "10.0.0.1", "127.0.0.1", "203.0.113.9", "::1", "fe80::1",
        "version 1.2.3.4", "v2.0.1.7", "10.2.3.4.5", "2026-11-30 at 10:30:45", "1.2.3",
        "db::add", "ab::cd", "clause 4.2.1.3", "Table: 120 45 1000", "+15 000 000 units",
        "+1 250.00 100.00", "+48.85 66.35 22.10",
    ])  # fmt: skip
    assert find_personal_data(texts) == {}


def test_unsafe_fix_redacts_personal_data_in_a_chats_prompt(tmp_path: pathlib.Path) -> None:
    """LEAK006 scans prompts: `--fix --unsafe-fixes` redacts a number in a user turn of a
    chat (and an alpaca instruction) where it stands, instead of refusing the file."""
    from typer.testing import CliRunner

    from curate.cli import app

    chat = tmp_path / "chat.jsonl"
    chat.write_text(json.dumps({"messages": [
        {"role": "user", "content": "Call me on (415) 867-5309 please"},
        {"role": "assistant", "content": "We will call you tomorrow."},
    ]}) + "\n")  # fmt: skip
    alpaca = tmp_path / "alpaca.jsonl"
    record = {"instruction": "Email it", "input": "to dana.whitfield@gmail.com", "output": "Sent."}
    alpaca.write_text(json.dumps(record) + "\n")
    for data in (chat, alpaca):
        out = tmp_path / f"clean-{data.name}"
        args = ["lint", str(data), "--select", "LEAK006", "--fix", "--unsafe-fixes"]
        result = CliRunner().invoke(app, [*args, "--out", str(out)])
        assert result.exit_code in (0, 1), result.output
        written = out.read_text()
        assert "867-5309" not in written and "dana.whitfield" not in written
        assert "[REDACTED:" in written


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.lists(
            st.sampled_from(
                [
                    "token",
                    "Secret",
                    "PASS",
                    "key",
                    " ",
                    "\n",
                    "=",
                    ": ",
                    "x" * 60,
                    "é",
                    "sk_live_abc",
                    "AbCdEfGhIjKlMnOpQr",
                    "0123456789abcdef",
                    "a+b/c=d~e.f_g-h",
                ]
            ),
            max_size=12,
        ).map("".join),
        max_size=10,
    )
)
def test_narrowed_secret_prefilter_picks_the_rows_the_full_one_picks(texts: list[str]) -> None:
    """Running the slow keyword prefilter only on rows with a secret word and a long token
    picks exactly the rows running it on every row picks."""
    from curate.sensitive.scan import _prefilter
    from curate.sensitive.secrets import _SECRET_NARROWING, _SECRET_PREFILTERS

    series = pl.Series(texts, dtype=pl.String)
    narrowed = _prefilter(series, _SECRET_PREFILTERS, _SECRET_NARROWING)
    assert narrowed == _prefilter(series, _SECRET_PREFILTERS)


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Please ship to 742 Evergreen Terrace, Springfield.", "742 Evergreen Terrace"),
        ("My new address is 221B Baker Street", "221B Baker Street"),
        ("1600 Pennsylvania Ave NW, Washington, DC 20500", "1600 Pennsylvania Ave"),
        ("We moved to 12 West 42nd Street last week", "12 West 42nd Street"),
        ("It is 42 Elm St. Apt 4B", "42 Elm St."),
        ("350 Fifth Avenue New York NY 10118", "350 Fifth Avenue"),
        ("Deliver to 10 Downing Street, London SW1A 2AA", "10 Downing Street"),
        ("Mail it to 12 N. Main St, Austin", "12 N. Main St"),
        ("The 3 Park Avenue stores are closed.", None),
        ("I waited 3 days on Main Street", None),
        ("Order 12345 shipped via 2 Day Air", None),
        ("we have 2 Blue Lane chairs in stock", None),
        ("Chapter 11 Court filing", None),
        ("Room 101 Main Street sign", None),
        ("We stock 3 Oak Grove tables (SKU 48213)", None),
        ("ship to 42 elm street", None),  # lower case: not found (documented)
    ],
)
def test_a_street_address_needs_something_that_confirms_it(text: str, address: str | None) -> None:
    hits = find_personal_data(pl.Series([text]), frozenset({"street-address"})).get(0, [])
    assert [text[h.start : h.end] for h in hits] == ([address] if address else [])
    if address:
        assert hits[0].preview == "… " + address.split()[-1]  # never the whole address


_PIECES = st.sampled_from(["12", "221B", "7,", "N.", "West", "Main", "42nd", "o'Hara", "x", ","])
_GAPS = st.sampled_from([" ", "  ", "\t", ""])


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(_PIECES, _GAPS).map("".join), min_size=1, max_size=5).map("".join),
    st.sampled_from(["Street", "St.", "Ave", "Road", "Way"]),
    st.sampled_from(["", ", Austin", " Apt 4", " 78701", "x"]),
)
def test_every_street_line_passes_the_prefilter(head: str, kind: str, tail: str) -> None:
    """The polars prefilter never drops a text the exact street pattern would find."""
    from curate.sensitive.addresses import _STREET_RE, PRE_STREET

    text = head + kind + tail
    if _STREET_RE.search(text):
        assert pl.Series([text]).str.contains(PRE_STREET).item()
