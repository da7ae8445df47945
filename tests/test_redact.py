"""Redaction: canary secrets go, the text around them stays, placeholders are stable."""

from __future__ import annotations

import re
import time

import pytest

from rca.redact import Redactor, luhn_valid

CANARY_LINES = [
    ("AIzaSyA1234567890abcdefghijklmnopqrstuv", "GOOGLE_KEY=AIzaSyA1234567890abcdefghijklmnopqrstuv loaded"),
    ("sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123", "using key sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123 for claude"),
    ("sk-proj-abcdefghijklmnopqrstuvwx", "openai sk-proj-abcdefghijklmnopqrstuvwx"),
    ("ghp_abcdefghijklmnopqrstuvwxyz0123456789", "git clone https://ghp_abcdefghijklmnopqrstuvwxyz0123456789 failed"),
    ("xoxb-123456789012-abcdefghijkl", "slack token xoxb-123456789012-abcdefghijkl rejected"),
    ("AKIAIOSFODNN7EXAMPLE", "aws access key AKIAIOSFODNN7EXAMPLE denied"),
    ("ya29.a0AfH6SMBxCANARYtoken", "Authorization: Bearer ya29.a0AfH6SMBxCANARYtoken"),
    ("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.SflKxwRJSMeKKF2QT4fw", "jwt=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.SflKxwRJSMeKKF2QT4fw"),
    ("hunter2-canary", "connecting to postgres://app:hunter2-canary@db.internal:5432/shop"),
    ("s3cr3t-canary", "redis://:s3cr3t-canary@cache:6379/0 unreachable"),
    ("pw-canary-1", "login password=pw-canary-1&user=bob"),
    ("sec-canary-2", "client_secret=sec-canary-2 invalid"),
    ("tok-canary-3", "GET /cb?token=tok-canary-3 401"),
    ("key-canary-4", "api_key: key-canary-4"),
    ("json canary 5", '{"password": "json canary 5", "user": "bob"}'),
    ("bob.smith@example.com", "sent receipt to bob.smith@example.com"),
    ("4111 1111 1111 1111", "charge card 4111 1111 1111 1111 declined"),
    ("5500005555555559", "card=5500005555555559 declined"),
    ("MIIEpAIBAAKCAQEA7canary", "key: -----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA7canary\n-----END RSA PRIVATE KEY-----"),
    ("MIIEtruncatedcanary", "-----BEGIN OPENSSH PRIVATE KEY-----\nMIIEtruncatedcanary"),
]


@pytest.mark.parametrize("secret,line", CANARY_LINES, ids=[s[:16] for s, _ in CANARY_LINES])
def test_canary_is_redacted(secret: str, line: str) -> None:
    out = Redactor()(line)
    assert secret not in out
    assert re.search(r"\[[A-Z_]+_1\]", out), out


def test_dsn_keeps_scheme_user_and_host() -> None:
    out = Redactor()("DATABASE_URL=postgres://checkout:Pa55word@10.0.0.5:5432/shop")
    assert out == "DATABASE_URL=postgres://checkout:[PASSWORD_1]@10.0.0.5:5432/shop"


def test_key_value_keeps_the_key() -> None:
    assert Redactor()("db_password: hunter2 retry=3") == "db_password: [PASSWORD_1] retry=3"
    assert Redactor()("Authorization: Bearer abcdefgh12345678") == "Authorization: Bearer [TOKEN_1]"


def test_same_secret_same_placeholder_within_one_redactor() -> None:
    r = Redactor()
    a = r("user bob@example.com failed")
    b = r("retry for bob@example.com and eve@example.com")
    assert a == "user [EMAIL_1] failed"
    assert b == "retry for [EMAIL_1] and [EMAIL_2]"
    # the same value found by two patterns keeps its first placeholder
    key = "AIzaSyA1234567890abcdefghijklmnopqrstuv"
    assert r(f"api_key={key}") == f"api_key={r(key)}" == "api_key=[API_KEY_1]"
    assert Redactor()("eve@example.com") == "[EMAIL_1]"  # a new Redactor starts again


def test_luhn() -> None:
    assert luhn_valid("4111111111111111")
    assert not luhn_valid("4111111111111112")
    r = Redactor()
    assert r("order 4111111111111112 ok") == "order 4111111111111112 ok"
    assert r("ts 1700000000000000000 ok") == "ts 1700000000000000000 ok"  # nanosecond timestamps are not cards
    # a Cloud Run instance id is hex: a Luhn-valid run of digits inside it is not a card
    instance = "00024d5a1b09588f77a1cf47293041642881eee37a6a"
    assert luhn_valid("47293041642881") and r(f"instance {instance} up") == f"instance {instance} up"
    assert r("pan_4111111111111111 declined") == "pan_[CARD_1] declined"


@pytest.mark.parametrize(
    "line",
    [
        "FATAL: password authentication failed for user \"app\"",
        "invalid token: expired",
        "max_tokens: 4096 reached",
        "GET /api/threads 200 0.112s trace=105445aa7843bc8bf206b12000100000",
        "instance 00bf4bf02d started on 10.8.0.12:8080 at 2026-11-03T10:31:00Z",
        "ModuleNotFoundError: No module named 'psycopg2'",
        "request_id=7f3a9e21-1c2b-4d5e-8f90-123456789abc",
        "postgres://app@db.internal:5432/shop connection refused",
    ],
)
def test_ordinary_log_lines_survive(line: str) -> None:
    assert Redactor()(line) == line


def test_disabled_is_identity() -> None:
    line = "password=hunter2 bob@example.com"
    assert Redactor(enabled=False)(line) == line


def test_template_placeholders_are_not_secrets() -> None:
    assert Redactor()("db login password=<*> token=<NUM> retrying") == "db login password=<*> token=<NUM> retrying"


def test_extra_patterns() -> None:
    r = Redactor(extra_patterns=[r"CUST-\d{6}", ("employee", re.compile(r"emp=(E\d+)"))])
    assert r("customer CUST-123456 emp=E42 done") == "customer [CUSTOM_1] emp=[EMPLOYEE_1] done"


HOSTILE = {
    "key-segments": "a_" * 100_000 + " token",
    "url-scheme": "a." * 100_000 + " ://",
    "email-domain": "x@" + "a." * 100_000 + "1",
    "email-local": "a." * 100_000 + "@",
    "card-digits": "4 " * 100_000,
    "pem-markers": "-----BEGIN PRIVATE KEY-----" * 8_000,
    "separator-run": "password" + " " * 200_000,
    "key-words": "token=" * 40_000,
}


@pytest.mark.parametrize("name", HOSTILE)
def test_a_hostile_line_costs_one_pass_not_one_per_position(name: str) -> None:
    """200 KB lines shaped to make a backtracking pattern quadratic (minutes); each must stay a
    single linear pass. The bound is loose on purpose: it catches hangs, not speed."""
    start = time.perf_counter()
    Redactor()(HOSTILE[name])
    assert time.perf_counter() - start < 5.0


def test_sudo_working_directory_is_not_a_password() -> None:
    """sudo logs the shell's working directory as `PWD=/path`: kept, so the report shows where the
    command ran; a lower-case `pwd=` value or a PWD that is not a path is still redacted."""
    r = Redactor()
    line = "chaos : TTY=unknown ; PWD=/home/chaos ; USER=root ; COMMAND=/usr/bin/systemctl restart cups"
    assert r(line) == line
    assert "hunter2" not in r("login pwd=hunter2 user=bob")
    assert "s3cretvalue" not in r("PWD=s3cretvalue")
