"""The /rca slash-command server: the real app under uvicorn on 127.0.0.1, real signed form posts,
a fake Slack (response_url + Web API) and a fake Cloud Logging API."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from urllib.parse import urlencode

import pytest
import requests
import uvicorn
from slack_sdk.signature import SignatureVerifier

from fake_gcp import FakeLogging, incident_entries, run_entry
from fake_slack import FakeSlack
from rca.errors import UsageError
from rca.slack.commands import HELP_TEXT
from rca.slack.server import SlackSettings, create_app

SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
PROJECT = "demo"


@contextmanager
def running(settings: SlackSettings, gcp: FakeLogging) -> Iterator[str]:
    """The app under uvicorn in a thread, on a free port, reading from `gcp`; yields its base URL."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(settings, connection=gcp.connection()), log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


def signed_post(base: str, form: dict, *, secret: str = SECRET, ts: int | None = None, headers: dict | None = None, body: bytes | None = None, sign_body: bytes | None = None, timeout: float = 10) -> requests.Response:
    raw = body if body is not None else urlencode(form).encode()
    stamp = str(int(time.time()) if ts is None else ts)
    signed = sign_body if sign_body is not None else raw
    signature = "v0=" + hmac.new(secret.encode(), b"v0:" + stamp.encode() + b":" + signed, hashlib.sha256).hexdigest()
    sent = {"Content-Type": "application/x-www-form-urlencoded", "X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": signature}
    if headers is not None:
        sent = {**sent, **headers}
        sent = {k: v for k, v in sent.items() if v is not None}
    return requests.post(f"{base}/slack/commands", data=raw, headers=sent, timeout=timeout)


def command(slack: FakeSlack, key: str, text: str, user: str = "U1", channel: str = "C123") -> dict:
    return {
        "token": "legacy-unused", "team_id": "T1", "team_domain": "acme", "channel_id": channel, "channel_name": "incidents",
        "user_id": user, "user_name": user.lower(), "command": "/rca", "text": text, "api_app_id": "A1",
        "response_url": slack.response_url(key), "trigger_id": "1.2.3",
    }


@pytest.fixture
def gcp() -> Iterator[FakeLogging]:
    with FakeLogging() as fake:
        fake.add(incident_entries(PROJECT, "checkout", datetime.now(timezone.utc), extra_line="db down <!channel> <@U999> <http://evil.example|x>"))
        yield fake


@pytest.fixture
def slack() -> Iterator[FakeSlack]:
    with FakeSlack() as fake:
        yield fake


def settings(slack: FakeSlack, **kw) -> SlackSettings:
    base = dict(signing_secret=SECRET, project=PROJECT, bot_token=slack.token, api_url=slack.api_url, workers=4, queue_limit=30, provider="offline")
    base.update(kw)
    return SlackSettings(**base)


@pytest.fixture
def app_url(gcp: FakeLogging, slack: FakeSlack) -> Iterator[str]:
    with running(settings(slack), gcp) as url:
        yield url


# ---------------------------------------------------------------------------- the happy path


def test_command_is_acknowledged_fast_and_the_summary_posted(app_url: str, slack: FakeSlack, gcp: FakeLogging) -> None:
    started = time.monotonic()
    response = signed_post(app_url, command(slack, "ok", "checkout last 1h"))
    assert time.monotonic() - started < 3
    assert response.status_code == 200
    ack = response.json()
    assert ack["response_type"] == "ephemeral"
    assert "Analysing checkout … last 1h" in ack["text"]

    summary = slack.wait_messages("ok", timeout=30)[0]
    assert summary["response_type"] == "in_channel" and summary["replace_original"] is False
    assert summary["blocks"][0]["type"] == "header" and "checkout" in summary["blocks"][0]["text"]["text"]
    text = json.dumps(summary, ensure_ascii=False)
    assert "Top clusters" in text and "×*" in text and "Five whys" in text
    # the filter sent to Cloud Logging: explicit window, the service
    assert gcp.calls >= 1
    assert 'resource.labels.service_name = "checkout"' in gcp.requests[0]["filter"]
    assert 'timestamp >= "' in gcp.requests[0]["filter"]

    # with a bot token the full Markdown report is uploaded (files_upload_v2: 3 steps)
    slack.wait_for(lambda: slack.completed, timeout=10)
    methods = [m for m, _ in slack.api_calls]
    assert methods == ["files.getUploadURLExternal", "files.completeUploadExternal"]
    assert slack.completed[0]["channel_id"] == "C123"
    (content,) = slack.uploads.values()
    assert len(content) > 100 and b"checkout" in content


def test_log_text_in_the_summary_is_escaped(app_url: str, slack: FakeSlack) -> None:
    assert signed_post(app_url, command(slack, "esc", "checkout")).status_code == 200
    summary = slack.wait_messages("esc", timeout=30)[0]
    text = json.dumps(summary, ensure_ascii=False)
    assert "<!channel>" not in text and "<@U999>" not in text and "<http://evil.example|x>" not in text
    assert "&lt;!channel&gt;" in text


def test_help_answers_without_reading_logs(app_url: str, slack: FakeSlack, gcp: FakeLogging) -> None:
    response = signed_post(app_url, command(slack, "help", "help"))
    assert response.status_code == 200
    assert response.json() == {"response_type": "ephemeral", "text": HELP_TEXT}
    time.sleep(0.2)
    assert gcp.calls == 0 and slack.messages("help") == []


def test_bad_command_text_is_explained(app_url: str, slack: FakeSlack, gcp: FakeLogging) -> None:
    response = signed_post(app_url, command(slack, "bad", "checkout last 3w"))
    assert response.status_code == 200
    assert "window" in response.json()["text"] and response.json()["response_type"] == "ephemeral"
    assert gcp.calls == 0


def test_ssl_check_is_answered(app_url: str) -> None:
    assert signed_post(app_url, {"ssl_check": "1", "token": "x"}).status_code == 200


def test_unsigned_ssl_check_gets_200_and_runs_nothing(app_url: str, slack: FakeSlack, gcp: FakeLogging) -> None:
    """Slack's certificate check is not signed; it expects 200 (401 marks the endpoint broken)."""
    response = requests.post(f"{app_url}/slack/commands", data={"ssl_check": "1", "token": "legacy"}, timeout=10)
    assert response.status_code == 200 and response.text == ""
    assert gcp.calls == 0 and slack.api_calls == []
    # a command that merely carries ssl_check is still a command: unsigned, it is refused
    form = {**command(slack, "sneaky", "checkout"), "ssl_check": "1"}
    assert requests.post(f"{app_url}/slack/commands", data=form, timeout=10).status_code == 401


def test_entity_encoded_severity_is_understood(app_url: str, slack: FakeSlack, gcp: FakeLogging) -> None:
    """Slack sends `severity>=ERROR` as `severity&gt;=ERROR` in a slash command's text."""
    response = signed_post(app_url, command(slack, "ent", "checkout last 1h severity&gt;=ERROR"))
    assert response.status_code == 200
    assert "Analysing checkout … last 1h, severity ≥ ERROR" in response.json()["text"]
    slack.wait_messages("ent", timeout=30)
    assert "severity >= ERROR" in gcp.requests[0]["filter"]


# ---------------------------------------------------------------------------- signatures


def test_test_signatures_match_slack_sdk() -> None:
    body, stamp = b"text=checkout&user_id=U1", "1714560000"
    ours = "v0=" + hmac.new(SECRET.encode(), b"v0:" + stamp.encode() + b":" + body, hashlib.sha256).hexdigest()
    assert SignatureVerifier(SECRET).generate_signature(timestamp=stamp, body=body) == ours


@pytest.mark.parametrize(
    "case",
    ["wrong secret", "stale timestamp", "future timestamp", "no signature", "no timestamp", "no headers", "tampered body", "junk timestamp", "not utf-8"],
)
def test_unsigned_or_bad_requests_are_rejected_and_run_nothing(case: str, app_url: str, slack: FakeSlack, gcp: FakeLogging) -> None:
    form = command(slack, "evil", "checkout")
    raw = urlencode(form).encode()
    kwargs: dict = {
        "wrong secret": dict(secret="not-the-secret"),
        "stale timestamp": dict(ts=int(time.time()) - 301),
        "future timestamp": dict(ts=int(time.time()) + 600),
        "no signature": dict(headers={"X-Slack-Signature": None}),
        "no timestamp": dict(headers={"X-Slack-Request-Timestamp": None}),
        "no headers": dict(headers={"X-Slack-Signature": None, "X-Slack-Request-Timestamp": None}),
        "tampered body": dict(body=raw.replace(b"checkout", b"payments"), sign_body=raw),
        "junk timestamp": dict(headers={"X-Slack-Request-Timestamp": "yesterday"}),
        "not utf-8": dict(body=raw + b"\xff\xfe"),
    }[case]
    response = signed_post(app_url, form, **kwargs)
    assert response.status_code == 401
    assert "Analysing" not in response.text
    time.sleep(0.3)
    assert gcp.calls == 0
    assert slack.messages("evil") == [] and slack.api_calls == []


def test_oversized_body_is_refused_before_anything(app_url: str, slack: FakeSlack, gcp: FakeLogging) -> None:
    form = command(slack, "big", "checkout")
    form["padding"] = "x" * 100_000
    assert signed_post(app_url, form).status_code == 413
    assert gcp.calls == 0 and slack.messages("big") == []


# ---------------------------------------------------------------------------- failures reach the user


def test_unknown_service_gets_a_helpful_message(app_url: str, slack: FakeSlack, gcp: FakeLogging) -> None:
    assert signed_post(app_url, command(slack, "ghost", "chekout")).status_code == 200
    (message,) = slack.wait_messages("ghost", timeout=20)
    assert message["response_type"] == "ephemeral"
    assert "No log entries for service `chekout`" in message["text"]
    assert "gcloud run services list --project demo" in message["text"]
    assert len(gcp.requests) == 2 and 'timestamp >= "' in gcp.requests[1]["filter"]  # the window, then a 7-day probe


def test_quiet_service_gets_a_healthy_report(app_url: str, slack: FakeSlack, gcp: FakeLogging) -> None:
    gcp.add([run_entry(PROJECT, "billing", datetime.now(timezone.utc) - timedelta(hours=5), text="started", severity="INFO")])
    assert signed_post(app_url, command(slack, "quiet", "billing last 1h")).status_code == 200
    (message,) = slack.wait_messages("quiet", timeout=20)
    assert message.get("blocks"), message
    assert "no incident" in message["blocks"][0]["text"]["text"]


def test_permission_error_reaches_the_user(app_url: str, slack: FakeSlack, gcp: FakeLogging) -> None:
    gcp.deny()
    assert signed_post(app_url, command(slack, "denied", "checkout")).status_code == 200
    (message,) = slack.wait_messages("denied", timeout=20)
    assert message["response_type"] == "ephemeral"
    assert "roles/logging.viewer" in message["text"] and "checkout" in message["text"]


def test_upload_failure_is_reported_not_swallowed(app_url: str, slack: FakeSlack) -> None:
    slack.api_errors["files.completeUploadExternal"] = "not_in_channel"
    assert signed_post(app_url, command(slack, "noup", "checkout")).status_code == 200
    summary, note = slack.wait_messages("noup", n=2, timeout=30)
    assert summary.get("blocks")
    assert note["response_type"] == "ephemeral" and "not_in_channel" in note["text"] and "/invite" in note["text"]


def test_rejected_blocks_fall_back_to_text(app_url: str, slack: FakeSlack) -> None:
    slack.reject_blocks = True
    assert signed_post(app_url, command(slack, "plain", "checkout")).status_code == 200
    message = slack.wait_messages("plain", timeout=30)[0]
    assert "blocks" not in message and "checkout" in message["text"]


# ---------------------------------------------------------------------------- load


def test_rate_limit_per_user(app_url: str, slack: FakeSlack) -> None:
    texts = [signed_post(app_url, command(slack, f"rl{i}", "checkout", user="UBUSY")).json()["text"] for i in range(4)]
    assert all("Analysing" in t for t in texts[:3])
    assert "try again in" in texts[3] and "Analysing" not in texts[3]
    # another user is not affected
    assert "Analysing" in signed_post(app_url, command(slack, "rl-other", "checkout", user="UCALM")).json()["text"]
    for i in range(3):
        slack.wait_messages(f"rl{i}", timeout=30)


def test_twenty_commands_at_once_are_all_acknowledged_and_answered(app_url: str, slack: FakeSlack) -> None:
    def send(i: int) -> tuple[float, dict]:
        started = time.monotonic()
        response = signed_post(app_url, command(slack, f"load{i}", "checkout last 1h", user=f"U{i}"))
        assert response.status_code == 200
        return time.monotonic() - started, response.json()

    started = time.monotonic()
    with ThreadPoolExecutor(20) as pool:
        results = list(pool.map(send, range(20)))
    assert max(elapsed for elapsed, _ in results) < 3
    texts = [ack["text"] for _, ack in results]
    assert all("Analysing checkout" in t for t in texts)
    assert any("Queued behind" in t for t in texts)  # 4 workers, 20 commands
    slack.wait_for(lambda: all(slack.messages(f"load{i}") for i in range(20)), timeout=45)
    assert all(slack.messages(f"load{i}")[0].get("blocks") for i in range(20))
    assert time.monotonic() - started < 45


def test_queue_bound_turns_commands_away(gcp: FakeLogging, slack: FakeSlack) -> None:
    gcp.delay_s = 0.5  # keep the single worker busy
    with running(settings(slack, workers=1, queue_limit=1), gcp) as url:
        texts = [signed_post(url, command(slack, f"q{i}", "checkout", user=f"U{i}")).json()["text"] for i in range(3)]
        assert "Analysing" in texts[0] and "Queued" not in texts[0]
        assert "Queued behind 1 report." in texts[1]
        assert "busy" in texts[2] and "Analysing" not in texts[2]
        slack.wait_messages("q0", timeout=30)
        slack.wait_messages("q1", timeout=30)


# ---------------------------------------------------------------------------- configuration and the command


def test_settings_require_the_signing_secret_and_a_project() -> None:
    with pytest.raises(UsageError, match="SLACK_SIGNING_SECRET"):
        SlackSettings.from_env(env={"RCA_GCP_PROJECT": "demo"})
    with pytest.raises(UsageError, match="RCA_GCP_PROJECT"):
        SlackSettings.from_env(env={"SLACK_SIGNING_SECRET": "s"})
    s = SlackSettings.from_env(workers=3, env={"SLACK_SIGNING_SECRET": "s", "GOOGLE_CLOUD_PROJECT": "p1", "RCA_SLACK_API_URL": "http://x/api/"})
    assert (s.project, s.workers, s.bot_token, s.api_url) == ("p1", 3, None, "http://x/api/")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _env(**extra: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "RCA_", "GOOGLE_CLOUD_PROJECT"))}
    env.update(extra)
    return env


@pytest.mark.integration
def test_serve_slack_without_secret_is_a_one_line_error() -> None:
    result = subprocess.run([sys.executable, "-m", "rca", "serve", "slack", "--port", str(_free_port())], env=_env(RCA_GCP_PROJECT="demo"), capture_output=True, text=True, timeout=30)
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "SLACK_SIGNING_SECRET" in result.stderr


@pytest.mark.integration
def test_rca_serve_slack_subprocess_end_to_end(gcp: FakeLogging, slack: FakeSlack, tmp_path) -> None:
    port = _free_port()
    env = _env(SLACK_SIGNING_SECRET=SECRET, RCA_GCP_PROJECT=PROJECT, RCA_SLACK_PROVIDER="offline", **gcp.environment(tmp_path))
    proc = subprocess.Popen([sys.executable, "-m", "rca", "serve", "slack", "--host", "127.0.0.1", "--port", str(port), "--workers", "2"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                if requests.get(f"{base}/healthz", timeout=1).ok:
                    break
            except requests.ConnectionError:
                pass
            assert proc.poll() is None and time.monotonic() < deadline, "server did not start"
            time.sleep(0.1)
        assert signed_post(base, command(slack, "x", "checkout"), secret="wrong").status_code == 401
        response = signed_post(base, command(slack, "sub", "checkout last 30m"))
        assert response.status_code == 200 and "last 30m" in response.json()["text"]
        summary = slack.wait_messages("sub", timeout=30)[0]
        assert summary.get("blocks")
        assert slack.api_calls == []  # no bot token: no upload
        assert "rca generate --project demo --service checkout --since 30m" in json.dumps(summary)
    finally:
        proc.terminate()
        proc.wait(10)


# ---------------------------------------------------------------------------- response_url lifetime


class StepClock:
    def __init__(self) -> None:
        self.t = 0.0

    def __call__(self) -> float:
        return self.t


@pytest.mark.parametrize("waited_min,via", [(27, "response_url"), (31, "chat.postEphemeral")])
def test_a_job_queued_past_the_response_url_lifetime_tells_the_user(waited_min: int, via: str, slack: FakeSlack, gcp: FakeLogging) -> None:
    """A report that would start with too little of response_url's 30 minutes left is not built:
    the user is told through the response_url while it lives, else with the bot token."""
    from rca.slack.commands import parse_command
    from rca.slack.server import ReportJob

    clock = StepClock()
    form = command(slack, "late", "checkout")
    job = ReportJob(settings(slack), parse_command("checkout"), form, connection=gcp.connection(), clock=clock)
    clock.t = waited_min * 60
    if via == "chat.postEphemeral":
        slack.expire("late")
    job()
    assert gcp.calls == 0  # no report was built
    if via == "response_url":
        [message] = slack.messages("late")
        assert message["response_type"] == "ephemeral" and "too busy" in message["text"] and "ask again" in message["text"]
    else:
        assert slack.messages("late") == []
        [(method, params)] = slack.api_calls
        assert method == "chat.postEphemeral" and params["user"] == "U1" and params["channel"] == "C123"
        assert "too busy" in params["text"]


def test_a_job_that_waited_a_little_still_runs(slack: FakeSlack, gcp: FakeLogging) -> None:
    from rca.slack.commands import parse_command
    from rca.slack.server import ReportJob

    clock = StepClock()
    job = ReportJob(settings(slack, bot_token=None), parse_command("checkout"), command(slack, "soon", "checkout"),
                    connection=gcp.connection(), clock=clock)
    clock.t = 10 * 60
    job()
    assert gcp.calls >= 1 and slack.messages("soon")[0].get("blocks")


def test_a_report_finished_after_the_response_url_expired_still_reaches_the_user(slack: FakeSlack, gcp: FakeLogging) -> None:
    from rca.slack.commands import parse_command
    from rca.slack.server import ReportJob

    slack.expire("slow")  # the build outlived the response_url
    job = ReportJob(settings(slack), parse_command("checkout"), command(slack, "slow", "checkout"), connection=gcp.connection())
    job()
    assert slack.messages("slow") == []
    ephemeral = [p for m, p in slack.api_calls if m == "chat.postEphemeral"]
    assert ephemeral and "checkout" in ephemeral[0]["text"] and ephemeral[0]["user"] == "U1"
