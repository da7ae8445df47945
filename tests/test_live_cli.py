"""`rca fetch` and `rca generate --project` as subprocesses against the fake Cloud Logging API."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest

from fake_gcp import FakeLogging, incident_entries
from rca.llm.base import AnalystOptions
from rca.models import ReadStats
from rca.pipeline import build_report
from rca.sources.live import LiveQuery, read_live


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch):
    with FakeLogging(max_page_size=100) as server:
        monkeypatch.setenv("RCA_LOGGING_ENDPOINT", server.url)
        server.add(incident_entries("demo", "checkout", datetime.now(timezone.utc), minutes=40))
        yield server


def rca(*args: str, endpoint: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ANTHROPIC_", "RCA_"))}
    env.update(RCA_LOGGING_ENDPOINT=endpoint, RCA_LIVE_RETRY_BASE_S="0.01", CI="1")
    return subprocess.run([sys.executable, "-m", "rca", *args], env=env, capture_output=True, text=True, timeout=120)


def comparable(report: dict) -> dict:
    return {
        "entries": report["totals"]["entries"],
        "clusters": sorted((c["id"], c["count"]) for c in report["clusters"]),
        "priority": report["priority"],
        "root_cause": report["root_cause"],
    }


@pytest.mark.integration
def test_fetch_writes_a_file_that_generate_reads_back(fake: FakeLogging, tmp_path: Path) -> None:
    out = tmp_path / "checkout.json"
    fetched = rca("fetch", "--project", "demo", "--service", "checkout", "--since", "1h", "-o", str(out), endpoint=fake.url)
    assert fetched.returncode == 0, fetched.stderr
    assert fetched.stderr.startswith(f"wrote {len(fake.entries)} entries to {out} (window ")
    assert len(json.loads(out.read_text())) == len(fake.entries)

    again = rca("fetch", "--project", "demo", "-o", str(out), endpoint=fake.url)
    assert again.returncode == 2 and "--force" in again.stderr  # never overwrites silently

    from_file = rca("generate", "--file", str(out), "--format", "json", "--provider", "offline", endpoint=fake.url)
    assert from_file.returncode == 0, from_file.stderr
    live = rca("generate", "--project", "demo", "--service", "checkout", "--since", "1h", "--format", "json", "--provider", "offline", endpoint=fake.url)
    assert live.returncode == 0, live.stderr
    file_report, live_report = json.loads(from_file.stdout), json.loads(live.stdout)
    assert live_report["totals"]["entries"] > 0 and live_report["priority"] != "none"
    assert comparable(live_report) == comparable(file_report)  # same logs, same report
    raw: dict[str, int] = {}
    for entry in fake.entries:
        raw[entry["severity"]] = raw.get(entry["severity"], 0) + 1
    assert live_report["totals"]["by_severity"] == raw  # raw entries, before traceback folding


@pytest.mark.integration
def test_generate_live_permission_error_is_one_line(fake: FakeLogging) -> None:
    fake.deny()
    result = rca("generate", "--project", "demo", "--since", "1h", endpoint=fake.url)
    assert result.returncode == 2
    assert result.stderr == (
        "rca: error: permission denied reading logs of project demo: the caller needs roles/logging.viewer (Logs Viewer)\n"
    )


@pytest.mark.integration
def test_generate_live_bad_window_is_a_usage_error(fake: FakeLogging) -> None:
    result = rca("generate", "--project", "demo", "--since", "yesterday", endpoint=fake.url)
    assert result.returncode == 2 and "--since" in result.stderr and result.stderr.count("\n") == 1
    assert fake.calls == 0


def test_empty_window_gives_a_healthy_report(fake: FakeLogging) -> None:
    stats = ReadStats()
    records = read_live(LiveQuery(project="demo", service="nobody-here", since="1h"), stats)
    report = build_report(records, stats, AnalystOptions(provider="offline"))
    assert stats.entries_read == 0 and fake.calls == 1
    assert report.totals.entries == 0
    assert report.priority == "none" and report.root_cause is None


def test_truncated_live_read_makes_a_partial_report(fake: FakeLogging) -> None:
    stats = ReadStats()
    report = build_report(read_live(LiveQuery(project="demo", max_entries=50), stats), stats, AnalystOptions(provider="offline"))
    assert stats.truncated and report.totals.partial
    assert any("--max-entries 50" in note for note in report.totals.notes)
