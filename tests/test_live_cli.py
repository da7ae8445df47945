"""`rca fetch` and `rca generate --project` as subprocesses against the fake Cloud Logging API."""

from __future__ import annotations

import json
import re
import os
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from fake_gcp import FakeLogging, incident_entries
from rca.llm.base import AnalystOptions
from rca.models import ReadStats
from rca.pipeline import build_report
from rca.sources.live import LiveQuery, read_live


@pytest.fixture
def fake():
    with FakeLogging() as server:
        server.add(incident_entries("demo", "checkout", datetime.now(timezone.utc), minutes=40))
        yield server


@pytest.fixture
def rca(fake: FakeLogging, tmp_path: Path):
    """`rca ...` as a subprocess configured as a user would point it at this endpoint."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ANTHROPIC_", "RCA_"))}
    env.update(fake.environment(tmp_path), CI="1")

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "rca", *args], env=env, capture_output=True, text=True, timeout=120)

    return run


def comparable(report: dict) -> dict:
    return {
        "entries": report["totals"]["entries"],
        "clusters": sorted((c["id"], c["count"]) for c in report["clusters"]),
        "priority": report["priority"],
        "root_cause": report["root_cause"],
    }


@pytest.mark.integration
def test_fetch_writes_a_file_that_generate_reads_back(fake: FakeLogging, rca, tmp_path: Path) -> None:
    out = tmp_path / "checkout.json"
    fetched = rca("fetch", "--project", "demo", "--service", "checkout", "--since", "1h", "-o", str(out))
    assert fetched.returncode == 0, fetched.stderr
    assert fetched.stderr.startswith(f"wrote {len(fake.entries)} entries to {out} (window ")
    assert len(json.loads(out.read_text())) == len(fake.entries)

    again = rca("fetch", "--project", "demo", "-o", str(out))
    assert again.returncode == 2 and "--force" in again.stderr  # never overwrites silently

    from_file = rca("generate", "--file", str(out), "--format", "json", "--provider", "offline")
    assert from_file.returncode == 0, from_file.stderr
    live = rca("generate", "--project", "demo", "--service", "checkout", "--since", "1h", "--format", "json", "--provider", "offline")
    assert live.returncode == 0, live.stderr
    file_report, live_report = json.loads(from_file.stdout), json.loads(live.stdout)
    assert live_report["totals"]["entries"] > 0 and live_report["priority"] != "none"
    assert comparable(live_report) == comparable(file_report)  # same logs, same report
    raw: dict[str, int] = {}
    for entry in fake.entries:
        raw[entry["severity"]] = raw.get(entry["severity"], 0) + 1
    assert live_report["totals"]["by_severity"] == raw  # raw entries, before traceback folding


@pytest.mark.integration
def test_generate_live_permission_error_is_one_line(fake: FakeLogging, rca) -> None:
    fake.deny()
    result = rca("generate", "--project", "demo", "--since", "1h")
    assert result.returncode == 2
    assert result.stderr == (
        "rca: error: permission denied reading logs of project demo: the caller needs roles/logging.viewer (Logs Viewer)\n"
    )


@pytest.mark.integration
def test_generate_live_bad_window_is_a_usage_error(fake: FakeLogging, rca) -> None:
    result = rca("generate", "--project", "demo", "--since", "yesterday")
    assert result.returncode == 2 and "--since" in result.stderr and result.stderr.count("\n") == 1
    assert fake.calls == 0


def test_empty_window_gives_a_healthy_report(fake: FakeLogging) -> None:
    stats = ReadStats()
    records = read_live(LiveQuery(project="demo", service="nobody-here", since="1h"), stats, connection=fake.connection())
    report = build_report(records, stats, AnalystOptions(provider="offline"))
    assert stats.entries_read == 0 and fake.calls == 1
    assert report.totals.entries == 0
    assert report.priority == "none" and report.root_cause is None


def test_truncated_live_read_makes_a_partial_report(fake: FakeLogging) -> None:
    stats = ReadStats()
    report = build_report(read_live(LiveQuery(project="demo", max_entries=50), stats, connection=fake.connection()), stats, AnalystOptions(provider="offline"))
    assert stats.truncated and report.totals.partial
    assert any("--max-entries 50" in note for note in report.totals.notes)


# ------------------------------------------------------------------------------ quota and errors


def test_fetch_through_40s_of_quota_errors_completes_at_one_request_a_second(tmp_path: Path) -> None:
    """Cloud Logging allows 60 entries.list calls a minute and answers 429 without Retry-After.
    `rca fetch` (the real command, in process, with a clock that does not really sleep) keeps
    backing off until the quota is back, and never asks more than once a second."""
    from typer.testing import CliRunner

    from fake_gcp import FakeClock
    from rca.cli import app

    clock = FakeClock()
    with FakeLogging(max_page_size=20, clock=clock) as server:
        server.add(incident_entries("demo", "checkout", datetime.now(timezone.utc), minutes=20))
        server.busy_for(40)
        out = tmp_path / "export.json"
        result = CliRunner().invoke(app, ["fetch", "--project", "demo", "--since", "1h", "-o", str(out), "--no-progress"],
                                    obj=server.connection(clock))
        assert result.exit_code == 0, result.output
        assert len(json.loads(out.read_text())) == len(server.entries)
        times = server.times
        quota = [t for t in times if t < times[0] + 40]
        assert len(quota) >= 3 and times[-1] - times[0] > 40  # it backed off through the 40 s, then read every page
        assert all(b - a >= 1.0 for a, b in zip(times, times[1:]))  # never more than one request a second
        assert max(b - a for a, b in zip(times, times[1:])) <= 60.0  # no wait longer than the 60 s cap


@pytest.mark.parametrize(
    "status,status_text,message,reason,expected",
    [
        (403, "PERMISSION_DENIED", "Cloud Logging API has not been used in project 123 before or it is disabled.", "SERVICE_DISABLED",
         "the Cloud Logging API is not enabled in project demo: `gcloud services enable logging.googleapis.com --project demo`"),
        (403, "PERMISSION_DENIED", "Permission denied on resource project demo.", "CONSUMER_INVALID",
         "project demo does not exist (or was deleted): check --project (`gcloud projects list`)"),
        (404, "NOT_FOUND", "Project not found: demo", None,
         "project demo does not exist (or was deleted): check --project (`gcloud projects list`)"),
        (403, "PERMISSION_DENIED", "Permission 'logging.logEntries.list' denied on resource (or it may not exist).", None,
         "permission denied reading logs of project demo: the caller needs roles/logging.viewer (Logs Viewer)"),
    ],
    ids=["api-disabled", "no-such-project", "not-found", "missing-role"],
)
def test_disabled_api_and_missing_project_are_told_apart_from_a_missing_role(status, status_text, message, reason, expected) -> None:
    from rca.errors import SourceError
    from rca.sources.live import fetch_entries

    with FakeLogging() as server:
        server.refuse(status, status_text, message, reason)
        with pytest.raises(SourceError) as info:
            list(fetch_entries(LiveQuery(project="demo"), connection=server.connection()))
        assert str(info.value) == expected
        assert server.calls == 1  # none of these is retried


def test_reports_sharing_a_connection_share_the_one_request_a_second_budget(tmp_path: Path) -> None:
    """Two fetches at once (two Slack reports) through one Connection: together, still at most one
    request a second, so they do not exhaust the per-project quota between them."""
    import threading

    from fake_gcp import FakeClock
    from rca.sources.live import write_export

    clock = FakeClock()
    with FakeLogging(max_page_size=10, clock=clock) as server:
        server.add(incident_entries("demo", "checkout", datetime.now(timezone.utc), minutes=10))
        connection = server.connection(clock)
        threads = [threading.Thread(target=write_export, args=(LiveQuery(project="demo", since="1h"), tmp_path / f"{i}.json"),
                                    kwargs={"connection": connection}) for i in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        times = sorted(server.times)
        assert len(times) >= 2 * -(-len(server.entries) // 10)  # both read every page
        assert all(b - a >= 1.0 for a, b in zip(times, times[1:]))
        assert all(len(json.loads((tmp_path / f"{i}.json").read_text())) == len(server.entries) for i in range(2))


# ------------------------------------------------------------------------------ baseline window


def test_generate_reads_a_baseline_window_before_the_one_asked_for(tmp_path: Path) -> None:
    """A window that opens mid-incident holds no healthy minutes: an error stream that has run all
    along looks as new as the cause. The 30 minutes before the window (read by default) show it
    running there at the same rate, so it is background; `--baseline 0` reads only the window."""
    from typer.testing import CliRunner

    from fake_gcp import FakeClock, run_entry
    from rca.cli import app

    now = datetime.now(timezone.utc).replace(microsecond=0)
    background = "Exchange-rate cache refresh failed for region eu-west"
    entries = incident_entries("demo", "checkout", now, minutes=40)
    entries += [run_entry("demo", "checkout", now - timedelta(minutes=m, seconds=7), text=background, severity="ERROR")
                for m in range(0, 60, 2)]

    def generate(*extra: str) -> tuple[dict, list[dict]]:
        with FakeLogging(clock=FakeClock()) as server:
            server.add(entries)
            args = ["generate", "--project", "demo", "--service", "checkout", "--start", (now - timedelta(minutes=15)).isoformat(),
                    "--end", now.isoformat(), "--format", "json", "--provider", "offline", "--no-history", "--no-progress", *extra]
            result = CliRunner().invoke(app, args, obj=server.connection(FakeClock()))
            assert result.exit_code == 0, result.output
            return json.loads(result.stdout), list(server.requests)

    def background_is_candidate(report: dict) -> bool:
        ids = {c["id"] for c in report["clusters"] if background in c["template"]}
        return bool(ids & {c["cluster_id"] for c in report["candidates"]})

    with_baseline, requests = generate()
    assert len(requests) == 2  # the window, then the 30 minutes before it
    bounds = [re.findall(r'timestamp [<>]= "([^"]+)"', r["filter"]) for r in requests]
    assert bounds[1][0] == (now - timedelta(minutes=45)).isoformat().replace("+00:00", "Z")
    assert bounds[1][1] < bounds[0][0]  # the baseline ends before the window starts
    assert not background_is_candidate(with_baseline)
    assert "psycopg2" in with_baseline["clusters"][0]["template"] or "psycopg2" in json.dumps(with_baseline["root_cause"])
    assert any(n.startswith("baseline: the 30 minutes before the window") for n in with_baseline["totals"]["notes"])

    without, requests = generate("--baseline", "0")
    assert len(requests) == 1 and background_is_candidate(without)
    assert not any(n.startswith("baseline:") for n in without["totals"]["notes"])

    two_hours, requests = generate("--baseline", "2h")
    assert re.findall(r'timestamp >= "([^"]+)"', requests[1]["filter"])[0] == (now - timedelta(minutes=135)).isoformat().replace("+00:00", "Z")


def test_baseline_needs_project_and_a_duration(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from rca.cli import app
    from rca.errors import UsageError

    logs = tmp_path / "logs.json"
    logs.write_text("[]")
    result = CliRunner().invoke(app, ["generate", "--file", str(logs), "--baseline", "1h", "--no-history"])
    assert isinstance(result.exception, UsageError) and "--baseline" in str(result.exception)
    result = CliRunner().invoke(app, ["generate", "--project", "demo", "--baseline", "soon", "--no-history"])
    assert isinstance(result.exception, UsageError) and "--baseline 'soon'" in str(result.exception)
