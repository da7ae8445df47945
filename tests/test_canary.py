"""The output boundary: canary secrets of real-world shapes never leave rca, through any command
or format, while code and config lines that merely name secrets come out as written.

Every command runs as a subprocess (`rca generate|mine|fetch`); Claude's path goes through the
fake Anthropic server (tests/fake_anthropic.py), Cloud Logging through tests/fake_gcp.py, Slack's
through tests/fake_slack.py. Each check has a `--no-redact` control showing the canary is quoted
there, so the assertion that it is gone could fail.
"""

from __future__ import annotations

import html
import re
import json
import os
import subprocess
import tempfile
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from canary import CODE_LINES, CONFIG_LINES, ECHOED, SECRETS, entries

REPO = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.integration
KEEP = CODE_LINES + CONFIG_LINES


def views(text: str) -> list[str]:
    """The text as written, HTML-unescaped, and JSON-decoded (so `\\"` and `&#34;` hide nothing)."""
    out = [text, html.unescape(text)]
    try:
        out.append(json.dumps(json.loads(text), ensure_ascii=False))
    except ValueError:
        pass
    return out


def found(text: str, needles: dict[str, str]) -> list[str]:
    seen = views(text)
    return sorted(name for name, value in needles.items() if any(value in v or json.dumps(value)[1:-1] in v for v in seen))


def kept(text: str) -> set[str]:
    seen = views(text)
    return {line for line in KEEP if any(line in v or json.dumps(line)[1:-1] in v for v in seen)}


SECRET_VALUES = {name: value for name, (value, _) in SECRETS.items()}


def rca(*args: str, env: dict | None = None) -> str:
    # each call its own run history, so the plain and the redacted report are of the same first run
    own_data = tempfile.mkdtemp(prefix="rca-data-")
    full = {k: v for k, v in os.environ.items() if not k.startswith(("ANTHROPIC_", "RCA_"))} | {"CI": "1", "XDG_DATA_HOME": own_data} | (env or {})
    out = subprocess.run([sys.executable, "-m", "rca", *args], capture_output=True, text=True, cwd=REPO, env=full, timeout=300)
    assert out.returncode == 0, out.stderr
    return out.stdout


@pytest.fixture(scope="module")
def export(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("canary") / "logs.json"
    path.write_text(json.dumps(entries()))
    return path


COMMANDS = {
    "generate-md": ["generate", "--format", "md"],
    "generate-json": ["generate", "--format", "json"],
    "generate-html": ["generate", "--format", "html"],
    "generate-slack": ["generate", "--format", "slack"],
    "mine-table": ["mine", "--top", "200"],
    "mine-json": ["mine", "--format", "json"],
}


@pytest.mark.parametrize("name", COMMANDS)
def test_no_canary_in_any_command_or_format_and_code_survives(export: Path, name: str) -> None:
    args = [*COMMANDS[name], "--file", str(export)]
    plain = rca(*args, "--no-redact")
    redacted = rca(*args)
    if name in ("generate-json", "mine-json"):  # the control: these quote every canary
        assert found(plain, SECRET_VALUES) == sorted(SECRET_VALUES)
    # --no-redact reaches every part, the analyst's prose included: not one placeholder
    assert re.findall(r"\[[A-Z_]+_\d+\]", plain) == []
    assert found(redacted, SECRET_VALUES) == []
    assert kept(plain) and kept(redacted) == kept(plain)  # code and config lines come out as written


def test_fetch_and_live_reports_are_redacted(tmp_path: Path) -> None:
    from fake_gcp import FakeLogging

    now = datetime.now(timezone.utc)
    with FakeLogging() as fake:
        fake.add(entries(project="demo", start=now - timedelta(minutes=45)))
        env = fake.environment(tmp_path)
        out = tmp_path / "export.json"
        rca("fetch", "--project", "demo", "--since", "2h", "-o", str(out), env=env)
        text = out.read_text()
        assert found(text, SECRET_VALUES) == []
        assert kept(text) == set(KEEP)
        rca("fetch", "--project", "demo", "--since", "2h", "-o", str(out), "--force", "--no-redact", env=env)
        assert found(out.read_text(), SECRET_VALUES) == sorted(SECRET_VALUES)  # the control
        live = rca("generate", "--project", "demo", "--since", "2h", "--format", "json", env=env)
        assert found(live, SECRET_VALUES) == []


def echoing_answer(body: dict):
    """A valid answer that cites the evidence and echoes secrets in its prose (as a model may)."""
    from fake_anthropic import cite_evidence

    reply = cite_evidence(body)
    data = json.loads(reply.body["content"][-1]["text"])
    data["impact_summary"] += f" The key {ECHOED['echoed_stripe']} was in use."
    data["remediation"][0]["action"] += f" Tell {ECHOED['echoed_email']}."
    reply.body["content"][-1]["text"] = json.dumps(data)
    return reply


@pytest.mark.parametrize("redact", [True, False], ids=["redacted", "control"])
def test_claude_path_prompts_answers_and_recordings(export: Path, tmp_path: Path, redact: bool) -> None:
    from fake_anthropic import FakeAnthropic

    flag = [] if redact else ["--no-redact"]
    with FakeAnthropic() as fake:
        fake.enqueue(echoing_answer)
        env = {"ANTHROPIC_BASE_URL": fake.base_url, "ANTHROPIC_API_KEY": "sk-ant-test-0000000000000000000000"}
        report = rca("generate", "--provider", "anthropic", "--file", str(export), "--format", "json",
                     "--record", str(tmp_path / "rec"), *flag, env=env)
        prompts = fake.all_bodies()
    assert json.loads(report)["analyst"]["name"] == "anthropic"
    [recording] = (tmp_path / "rec").glob("*.json")
    every = {**SECRET_VALUES, **ECHOED}
    if redact:
        assert found(prompts, SECRET_VALUES) == []
        assert found(report, every) == []
        assert found(recording.read_text(), every) == []
    else:
        assert found(prompts, SECRET_VALUES) and found(report, ECHOED) == sorted(ECHOED)


def test_slack_summary_and_attached_report_are_redacted(tmp_path: Path) -> None:
    from fake_gcp import FakeLogging
    from fake_slack import FakeSlack
    from rca.slack.commands import parse_command
    from rca.slack.server import ReportJob, SlackSettings

    now = datetime.now(timezone.utc)
    with FakeLogging() as gcp, FakeSlack() as slack:
        gcp.add(entries(project="demo", start=now - timedelta(minutes=45)))
        settings = SlackSettings(signing_secret="s", project="demo", bot_token=slack.token, api_url=slack.api_url, provider="offline")
        form = {"channel_id": "C1", "user_id": "U1", "response_url": slack.response_url("k"), "text": "orders"}
        ReportJob(settings, parse_command("orders last 1h"), form, connection=gcp.connection())()
        posted = json.dumps(slack.messages("k"), ensure_ascii=False)
        uploaded = "\n".join(data.decode("utf-8", "replace") for data in slack.uploads.values())
    assert "orders" in posted and uploaded
    assert found(posted, SECRET_VALUES) == [] and found(uploaded, SECRET_VALUES) == []
