"""Which instances a cluster sits on: both mining engines name the same ones, and a report whose
failure is confined to one host says which (invented Cloud Run logs)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

from rca.evals.grounded import check_grounded
from rca.mining import mine
from rca.models import ReadStats
from rca.pipeline import mine_and_tally
from rca.sources import read_records
from tests.test_cli import rca

T0 = datetime(2025, 3, 4, 9, 0, tzinfo=timezone.utc)
HOSTS = ["00a1f3c9e2b7d4", "00b2e4d8f1c6a5", "00c3d5e7a9b8f6", "00d4c6f8b0a7e7"]


def _entry(second: float, message: str, host: str, severity: str = "INFO") -> dict:
    return {"timestamp": (T0 + timedelta(seconds=second)).isoformat().replace("+00:00", "Z"),
            "severity": severity, "textPayload": message,
            "resource": {"type": "cloud_run_revision",
                         "labels": {"service_name": "photo-upload", "revision_name": "photo-upload-00012-abc"}},
            "labels": {"instanceId": host}}


def _logs(tmp_path: Path, failing_hosts: list[str], onset: int = 600) -> str:
    """Twenty minutes of uploads on four instances; from `onset` (second) on, the failing hosts
    refuse every write to their scratch disk."""
    entries = []
    for i in range(1200):
        host = HOSTS[i % 4]
        entries.append(_entry(i, f"stored upload {i} for album {i % 37} in {20 + i % 50} ms", host))
        if i >= onset and host in failing_hosts:
            entries.append(_entry(i + 0.2, f"upload {i} failed: write /scratch/part-{i}: no space left on device",
                                  host, "ERROR"))
    path = tmp_path / "logs.json"
    path.write_text(json.dumps(entries))
    return str(path)


def test_both_engines_name_the_same_top_instances(tmp_path: Path):
    path = _logs(tmp_path, HOSTS[:1])
    stats = ReadStats()
    planned, _ = mine_and_tally(read_records(path, "auto", stats, "duckdb"), stats)
    plain = mine(list(read_records(path, "auto", ReadStats())))
    top = {c.template: c.top_instances for c in plain.clusters}
    assert top == {c.template: c.top_instances for c in planned.clusters}
    failing = next(c for c in plain.clusters if "no space" in c.template)
    assert failing.top_instances == [(HOSTS[0], 150)]
    stored = next(c for c in plain.clusters if c.template.startswith("stored"))
    assert sorted(stored.top_instances) == [(h, 300) for h in HOSTS]


def test_a_failure_on_one_host_is_said_to_sit_there(tmp_path: Path):
    path = _logs(tmp_path, HOSTS[2:3])
    out = rca("generate", "--file", path, "--format", "json", "--provider", "offline", "--no-history")
    assert out.returncode == 0, out.stderr.decode()
    statement = json.loads(out.stdout)["root_cause"]["statement"]
    assert f"confined to instance `{HOSTS[2]}` (all 150 of its lines)" in statement
    md = rca("generate", "--file", path, "--format", "md", "--provider", "offline", "--no-history").stdout.decode()
    assert HOSTS[2] in md
    result = check_grounded(out.stdout.decode(), md, path)
    assert result.ok, result.problems


def test_a_failure_on_every_host_names_none(tmp_path: Path):
    path = _logs(tmp_path, HOSTS)
    out = rca("generate", "--file", path, "--format", "json", "--provider", "offline", "--no-history")
    assert out.returncode == 0, out.stderr.decode()
    statement = json.loads(out.stdout)["root_cause"]["statement"]
    assert "no space left" in statement
    assert "confined to" not in statement and not any(h in statement for h in HOSTS)


def test_a_few_lines_on_two_hosts_are_not_said_to_be_confined_there(tmp_path: Path):
    # six lines on two of four instances: spread evenly, lines land on so few often enough
    path = _logs(tmp_path, HOSTS[:2], onset=1188)
    out = rca("generate", "--file", path, "--format", "json", "--provider", "offline", "--no-history")
    assert out.returncode == 0, out.stderr.decode()
    statement = json.loads(out.stdout)["root_cause"]["statement"]
    assert "no space left" in statement and "confined to" not in statement
