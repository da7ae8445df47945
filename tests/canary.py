"""Canary secrets in real-world shapes, and real-world code and config lines that must survive
redaction intact. Shared by the canary tests (tests/test_canary.py)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

# name -> (secret value, the log line that carries it)
SECRETS: dict[str, tuple[str, str]] = {
    "aws_access_key": ("AKIAZ7CANARYQ4XW2LMN", "boto: using access key AKIAZ7CANARYQ4XW2LMN for s3 upload"),
    "aws_secret_key": ("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", "aws configure: secret wJalrXUtnFEMI/K7MDENG/bPxRfiCYCANARYKEY1 rejected"),
    "sa_private_key_id": ("3f1c2a9b8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a", "loaded credentials "),  # line built below
    "sa_private_key": ("MIIEvAIBADANBgkqhkiG9w0BAQEFAASCBKYwggSiCanaryKeyBody", ""),
    "google_api_key": ("AIzaSyDCanary-7Kq2bZ0xLmNoPqRsTuVwXyZ12", "maps call failed: key=AIzaSyDCanary-7Kq2bZ0xLmNoPqRsTuVwXyZ12 quota"),
    "stripe_key": ("sk_live_51CanaryStripeSecretKeyAbcdefGhij", "stripe: charge failed with sk_live_51CanaryStripeSecretKeyAbcdefGhij (card_declined)"),
    "slack_token": ("xoxb-2841-1943-CanarySlackBotTok", "slack post failed for token xoxb-2841-1943-CanarySlackBotTok: invalid_auth"),
    "github_token": ("ghp_Canary0GitHub1Token2Abcdefghijklmnop", "git fetch https://ghp_Canary0GitHub1Token2Abcdefghijklmnop@github.com/acme/app failed"),
    "sendgrid_key": ("SG.CanarySendGrid1234.AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdefg", "mail: sendgrid rejected SG.CanarySendGrid1234.AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdefg"),
    "anthropic_key": ("sk-ant-api03-CanaryAnthropicKey-00042xyz", "llm: 401 for key sk-ant-api03-CanaryAnthropicKey-00042xyz"),
    "jwt": ("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjYW5hcnktdXNlciJ9.Q2FuYXJ5U2lnbmF0dXJlMDA0Mg", "auth: expired jwt eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjYW5hcnktdXNlciJ9.Q2FuYXJ5U2lnbmF0dXJlMDA0Mg"),
    "cookie": ("CanarySess10nValue0042", "upstream 502 for request with Cookie: session=CanarySess10nValue0042; theme=dark"),
    "bearer": ("CanaryBearerTok3n0042abcdef", "proxy: upstream said 403 to Authorization: Bearer CanaryBearerTok3n0042abcdef"),
    "email_in_path": ("canary.user@example.org", "GET /api/users/canary.user@example.org/keys returned 500"),
    "card": ("5555 5555 5555 4444", "payment failed for card 5555 5555 5555 4444 (do_not_honor)"),
    "url_password": ("CanaryDbPassw0rd", "psycopg2.OperationalError: could not connect to postgres://app:CanaryDbPassw0rd@db.internal:5432/orders"),
    "query_password": ("CanaryQueryPw9x", "GET /login?user=bob&password=CanaryQueryPw9x&next=/home 500"),
}
_SA = {"type": "service_account", "project_id": "acme-prod", "private_key_id": SECRETS["sa_private_key_id"][0],
       "private_key": f"-----BEGIN PRIVATE KEY-----\n{SECRETS['sa_private_key'][0]}\n-----END PRIVATE KEY-----\n",
       "client_email": "rca-reader@acme-prod.iam.gserviceaccount.com"}
SECRETS["sa_private_key_id"] = (SECRETS["sa_private_key_id"][0], "auth failed, loaded credentials " + json.dumps(_SA))
SECRETS["sa_private_key"] = (SECRETS["sa_private_key"][0], "")

# Prose an answer from the model may echo (no digits: the answer's numbers are checked).
ECHOED = {"echoed_stripe": "sk_live_CanaryEchoedStripeKeyAbcdefGhij", "echoed_email": "canary.echo@example.org"}

# Code and config lines that name secrets without holding one: they must come out as written.
CODE_LINES = [
    'DB_PASSWORD = secrets.get("db-password")',
    'token = request.headers.get("Authorization")',
    'password = os.environ["DB_PASSWORD"]',
    "api_key = settings.STRIPE_API_KEY",
]
CONFIG_LINES = [
    "password: ${DB_PASSWORD}",
    "export GITHUB_TOKEN=$(gh auth token)",
    "valueFrom: {secretKeyRef: {name: db-credentials, key: password}}",
    'headers["Authorization"] = f"Bearer {token}"',
]


def traceback_text(code: str, n: int) -> str:
    return (
        "Traceback (most recent call last):\n"
        f'  File "/app/config{n}.py", line {10 + n}, in load\n'
        f"    {code}\n"
        f"KeyError: 'missing setting number {n}'"
    )


def entries(project: str = "p", service: str = "orders", start: datetime | None = None) -> list[dict]:
    """An export (newest first): healthy traffic, then errors that carry every canary and code line."""
    t0 = start or datetime(2026, 3, 1, 10, 0, tzinfo=timezone.utc)
    out: list[dict] = []

    def add(minute: float, severity: str, text: str) -> None:
        out.append({
            "timestamp": (t0 + timedelta(minutes=minute)).isoformat().replace("+00:00", "Z"),
            "severity": severity, "textPayload": text, "insertId": f"{len(out):08x}",
            "resource": {"type": "cloud_run_revision", "labels": {"service_name": service, "revision_name": f"{service}-00007-abc", "project_id": project}},
            "logName": f"projects/{project}/logs/run.googleapis.com%2Fstderr", "labels": {"instanceId": "inst-1"},
        })

    for m in range(40):
        add(m, "INFO", "request served in 12 ms")
    for m in range(20, 40):
        for i, (_, line) in enumerate(v for v in SECRETS.values() if v[1]):
            add(m + i / 100, "ERROR", line)
        for i, code in enumerate(CODE_LINES):
            add(m + 0.5 + i / 100, "ERROR", traceback_text(code, i))
        for i, line in enumerate(CONFIG_LINES):
            add(m + 0.7 + i / 100, "ERROR", f"config check failed at line: {line}")
    out.sort(key=lambda e: e["timestamp"], reverse=True)
    return out
