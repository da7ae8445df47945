"""Live Cloud Logging source: the real google-cloud-logging client against tests/fake_gcp.py."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from fake_gcp import FakeLogging, incident_entries, run_entry
from rca.errors import SourceError, UsageError
from rca.models import ReadStats
from rca.sources.live import (
    FetchState,
    LiveQuery,
    build_filter,
    fetch_entries,
    make_client,
    read_live,
    write_export,
)

NOW = datetime(2026, 5, 1, 12, 0, 0, tzinfo=timezone.utc)


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch):
    with FakeLogging() as server:
        yield server


def now() -> datetime:
    return datetime.now(timezone.utc)


# ------------------------------------------------------------------------------ filter


def test_filter_has_explicit_time_bounds_default_last_hour() -> None:
    text = build_filter(LiveQuery(project="demo"), now=NOW)
    assert text == 'timestamp >= "2026-05-01T11:00:00Z"\nAND timestamp <= "2026-05-01T12:00:00Z"'


def test_filter_combines_since_severity_service_and_user_filter() -> None:
    query = LiveQuery(project="demo", since="30m", severity="warning", service="check\"out", filter='jsonPayload.x="y" OR textPayload:"z"')
    text = build_filter(query, now=NOW)
    assert text.splitlines() == [
        'timestamp >= "2026-05-01T11:30:00Z"',
        'AND timestamp <= "2026-05-01T12:00:00Z"',
        "AND severity >= WARNING",
        'AND (resource.labels.service_name = "check\\"out" OR resource.labels.container_name = "check\\"out"'
        ' OR resource.labels.function_name = "check\\"out" OR labels."k8s-pod/app" = "check\\"out")',
        'AND (jsonPayload.x="y" OR textPayload:"z")',
    ]


def test_filter_start_end_rfc3339_with_offsets() -> None:
    query = LiveQuery(project="demo", start="2026-05-01T10:00:00+02:00", end="2026-05-01T09:30:00.250Z")
    assert build_filter(query, now=NOW).splitlines()[:2] == [
        'timestamp >= "2026-05-01T08:00:00Z"',
        'AND timestamp <= "2026-05-01T09:30:00.250000Z"',
    ]
    assert build_filter(LiveQuery(project="demo", end="2026-05-01T09:00:00Z", since="1d"), now=NOW).startswith(
        'timestamp >= "2026-04-30T09:00:00Z"'
    )


@pytest.mark.parametrize(
    "kwargs, words",
    [
        (dict(since="90"), "--since"),
        (dict(since="1 fortnight"), "--since"),
        (dict(since="0m"), "--since"),
        (dict(start="yesterday"), "--start"),
        (dict(end="2026-13-01T00:00:00Z"), "--end"),
        (dict(severity="LOUD"), "--severity"),
        (dict(max_entries=-5), "--max-entries"),
        (dict(project="My Project"), "--project"),
    ],
)
def test_invalid_values_are_usage_errors(kwargs: dict, words: str) -> None:
    with pytest.raises(UsageError, match=words) as info:
        build_filter(LiveQuery(**{"project": "demo", **kwargs}), now=NOW)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(
    "kwargs, words",
    [
        (dict(start="2026-05-01T12:00:00Z", end="2026-05-01T11:00:00Z"), "window is empty"),
        (dict(start="2026-05-01T11:00:00Z", since="1h"), "not both"),
    ],
)
def test_inconsistent_windows_are_usage_errors(kwargs: dict, words: str) -> None:
    with pytest.raises(UsageError, match=words):
        build_filter(LiveQuery(project="demo", **kwargs), now=NOW)


# ------------------------------------------------------------------------------ fetching


def test_real_client_pages_newest_first_with_explicit_filter(fake: FakeLogging) -> None:
    fake.max_page_size = 25
    entries = incident_entries("demo", "checkout", now(), minutes=20)
    fake.add(entries)
    fake.add([run_entry("other-project", "checkout", now(), text="not ours")])
    state = FetchState()
    got = list(fetch_entries(LiveQuery(project="demo", service="checkout", since="1h"), state=state, connection=fake.connection()))

    assert len(got) == len(entries) == state.fetched
    assert [e["insertId"] for e in got] == [e["insertId"] for e in sorted(entries, key=lambda e: e["timestamp"], reverse=True)]
    assert got[0] == max(entries, key=lambda e: e["timestamp"])  # API JSON round-trips unchanged
    pages = -(-len(entries) // 25)
    assert fake.calls == pages
    tokens = [r.get("pageToken") for r in fake.requests]
    assert tokens == [None] + [str(25 * i) for i in range(1, pages)]
    for request in fake.requests:
        assert request["resourceNames"] == ["projects/demo"]
        assert request["orderBy"] == "timestamp desc"
        assert request["pageSize"] == 1000
        assert 'timestamp >= "' in request["filter"] and 'timestamp <= "' in request["filter"]
        assert 'resource.labels.service_name = "checkout"' in request["filter"]
    assert not state.truncated


def test_quota_error_is_retried_with_backoff(fake: FakeLogging) -> None:
    fake.max_page_size = 30
    fake.add(incident_entries("demo", "checkout", now(), minutes=10))
    fake.fail(429, times=1)  # first page
    client = make_client("demo", fake.connection())
    got = list(fetch_entries(LiveQuery(project="demo"), client=client))
    assert len(got) == len(fake.entries)
    assert fake.calls == -(-len(got) // 30) + 1
    assert fake.requests[0] == fake.requests[1]  # the same page asked again


def test_quota_error_mid_paging_does_not_duplicate(fake: FakeLogging) -> None:
    fake.max_page_size = 10
    fake.add(incident_entries("demo", "checkout", now(), minutes=5))
    client = make_client("demo", fake.connection())
    stream = fetch_entries(LiveQuery(project="demo"), client=client)
    first = [next(stream) for _ in range(10)]
    fake.fail(503, times=1).fail(429, times=1)
    rest = list(stream)
    ids = [e["insertId"] for e in first + rest]
    assert len(ids) == len(set(ids)) == len(fake.entries)


def test_quota_exhausted_is_a_one_line_source_error(fake: FakeLogging) -> None:
    fake.add(incident_entries("demo", "checkout", now(), minutes=5))
    fake.fail(429, times=10)
    with pytest.raises(SourceError, match="quota") as info:
        list(fetch_entries(LiveQuery(project="demo"), client=make_client("demo", fake.connection())))
    assert 1 < fake.calls < 10  # retried, then gave up when the retry budget was spent
    assert "\n" not in str(info.value)


def test_permission_denied_names_the_role(fake: FakeLogging) -> None:
    fake.deny()
    with pytest.raises(SourceError) as info:
        list(fetch_entries(LiveQuery(project="demo"), connection=fake.connection()))
    assert str(info.value) == (
        "permission denied reading logs of project demo: the caller needs roles/logging.viewer (Logs Viewer)"
    )
    assert fake.calls == 1  # 403 is not retried


def test_missing_credentials_explain_adc_login(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("CLOUDSDK_API_ENDPOINT_OVERRIDES_LOGGING", raising=False)
    monkeypatch.setenv("GOOGLE_APPLICATION_CREDENTIALS", str(tmp_path / "missing.json"))
    with pytest.raises(SourceError, match="gcloud auth application-default login") as info:
        list(fetch_entries(LiveQuery(project="demo")))
    assert "\n" not in str(info.value)


def test_max_entries_stops_and_marks_truncated(fake: FakeLogging) -> None:
    fake.add(incident_entries("demo", "checkout", now(), minutes=20))
    state = FetchState()
    got = list(fetch_entries(LiveQuery(project="demo", max_entries=37), state=state, connection=fake.connection()))
    assert len(got) == 37 and state.truncated
    assert fake.calls == 1 and fake.requests[0]["pageSize"] == 38
    assert "--max-entries 37" in state.notes[0]


def test_empty_result_is_not_an_error(fake: FakeLogging) -> None:
    state = FetchState()
    assert list(fetch_entries(LiveQuery(project="demo", service="ghost"), state=state, connection=fake.connection())) == []
    assert state.fetched == 0 and not state.truncated and fake.calls == 1


# ------------------------------------------------------------------------------ records


def test_read_live_yields_records_and_fills_stats(fake: FakeLogging) -> None:
    fake.add(incident_entries("demo", "checkout", now(), minutes=10))
    stats = ReadStats()
    records = list(read_live(LiveQuery(project="demo", service="checkout", max_entries=30), stats, connection=fake.connection()))
    assert stats.source == "projects/demo" and stats.format == "cloud-logging"
    assert stats.entries_read == 30
    assert stats.records == len(records) and 0 < len(records) <= 30
    assert stats.truncated and stats.partial
    assert any("--max-entries 30" in note for note in stats.notes)
    assert {r.service for r in records} == {"checkout"}
    assert any(r.http_status == 503 for r in records)


# ------------------------------------------------------------------------------ export


def test_write_export_is_gcloud_json_newest_first(fake: FakeLogging, tmp_path: Path) -> None:
    entries = incident_entries("demo", "checkout", now(), minutes=5)
    fake.add(entries)
    out = tmp_path / "export.json"
    summary = write_export(LiveQuery(project="demo", since="1h"), out, connection=fake.connection())
    text = out.read_text(encoding="utf-8")
    data = json.loads(text)
    assert data == sorted(entries, key=lambda e: e["timestamp"], reverse=True)
    assert text.startswith('[\n  {\n    "httpRequest": {\n      "latency": ')  # 2-space indent, sorted keys
    assert text.endswith("\n  }\n]\n")
    assert summary.startswith(f"wrote {len(entries)} entries to {out} (window ")
    assert "truncated" not in summary
    assert [p.name for p in tmp_path.iterdir()] == ["export.json"]


def test_write_export_truncated_and_empty(fake: FakeLogging, tmp_path: Path) -> None:
    fake.add(incident_entries("demo", "checkout", now(), minutes=5))
    summary = write_export(LiveQuery(project="demo", max_entries=3), tmp_path / "a.json", connection=fake.connection())
    assert "truncated at --max-entries 3" in summary
    assert len(json.loads((tmp_path / "a.json").read_text())) == 3
    summary = write_export(LiveQuery(project="demo", service="nobody"), tmp_path / "b.json", connection=fake.connection())
    assert (tmp_path / "b.json").read_text() == "[]\n"
    assert summary.startswith("wrote 0 entries") and "nothing matched" in summary


def test_write_export_failure_leaves_nothing_behind(fake: FakeLogging, tmp_path: Path) -> None:
    fake.add(incident_entries("demo", "checkout", now(), minutes=5)).deny()
    out = tmp_path / "export.json"
    with pytest.raises(SourceError, match="roles/logging.viewer"):
        write_export(LiveQuery(project="demo"), out, connection=fake.connection())
    assert list(tmp_path.iterdir()) == []


def test_progress_callback_counts_entries(fake: FakeLogging, tmp_path: Path) -> None:
    fake.add(incident_entries("demo", "checkout", now(), minutes=5))
    seen: list[int] = []
    write_export(LiveQuery(project="demo"), tmp_path / "x.json", progress=seen.append, connection=fake.connection())
    assert seen and seen[-1] == len(fake.entries) and seen == sorted(seen)


def test_reading_never_probes_the_metadata_server(fake: FakeLogging) -> None:
    # google-cloud-logging builds a Logger per logName while listing; without a resource each one
    # asks metadata.google.internal (5 s timeouts off GCP). Ours hands it a resource.
    logger = make_client("demo", fake.connection()).logger("run.googleapis.com%2Fstderr")
    assert logger.default_resource.type == "global"


def test_entries_keep_nanoseconds_and_every_field_the_api_returned(fake: FakeLogging) -> None:
    entry = run_entry("demo", "checkout", now() - timedelta(minutes=1), text="part 1 of a long line")
    entry["timestamp"] = entry["timestamp"][:-1] + "123Z"  # nanoseconds, as Cloud Logging sends them
    entry["receiveTimestamp"] = entry["timestamp"][:19] + ".987654321Z"
    entry["split"] = {"uid": "abc", "index": 0, "totalSplits": 2}
    entry["errorGroups"] = [{"id": "COz8uL6Mj9a9IA"}]
    entry["apphub"] = {"application": {"id": "shop"}}
    fake.add([entry])
    (got,) = fetch_entries(LiveQuery(project="demo", since="1h"), connection=fake.connection())
    assert got == entry


def test_a_window_that_would_take_minutes_suggests_bigquery(fake: FakeLogging, capsys: pytest.CaptureFixture) -> None:
    fake.max_page_size = 1000
    start = now() - timedelta(seconds=31)  # a busy last half minute of a 1 h window
    fake.add([run_entry("demo", "checkout", start + timedelta(milliseconds=20 * i), text=f"line {i}") for i in range(1500)])
    state = FetchState()
    list(fetch_entries(LiveQuery(project="demo", since="1h"), state=state, connection=fake.connection()))
    # the first page (1,000 entries) spans 20 s of a 1 h window: ~180k entries, ~3 minutes at 60 pages a minute
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--bigquery" in err and "minutes" in err and "docs/bigquery.md" in err


def test_a_small_window_suggests_nothing(fake: FakeLogging, capsys: pytest.CaptureFixture) -> None:
    fake.add(incident_entries("demo", "checkout", now(), minutes=5))
    list(fetch_entries(LiveQuery(project="demo", since="1h"), connection=fake.connection()))
    assert "--bigquery" not in capsys.readouterr().err
