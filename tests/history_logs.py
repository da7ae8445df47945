"""Small synthetic Cloud Run windows for the history tests (made here, no real logs copied).

`healthy_window` has a steady background ERROR (an exchange-rate refresh that fails once a
minute and is retried) among normal traffic. `incident_window` opens mid-incident: a database
pool is exhausted from its first minute on (no healthy minutes) and requests fail, while the same
background ERROR goes on at the same rate.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

SERVICE = "orders-api"
BACKGROUND = "Exchange rate refresh failed: provider returned HTTP 503, keeping cached rates"
CAUSE = "sqlalchemy.exc.TimeoutError: QueuePool limit of size 10 overflow 5 reached, connection timed out, timeout 30.00"


def _entry(ts: datetime, severity: str, text: str | None = None, status: int | None = None, path: str = "/api/orders") -> dict:
    entry: dict = {
        "insertId": f"{ts.timestamp():.6f}-{severity}-{status}-{hash(text) & 0xFFFF:x}",
        "logName": f"projects/demo/logs/run.googleapis.com%2F{'requests' if status else 'stderr'}",
        "resource": {"type": "cloud_run_revision", "labels": {"service_name": SERVICE, "revision_name": f"{SERVICE}-00042-abc"}},
        "severity": severity,
        "timestamp": ts.strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
        "labels": {"instanceId": "00a1b2c3"},
    }
    if status is not None:
        entry["httpRequest"] = {"requestMethod": "GET", "requestUrl": f"https://orders.example.com{path}", "status": status, "latency": "0.120s"}
    if text is not None:
        entry["textPayload"] = text
    return entry


def _window(start: datetime, minutes: int, failing: bool) -> list[dict]:
    entries = []
    for m in range(minutes):
        t0 = start + timedelta(minutes=m)
        entries.append(_entry(t0 + timedelta(seconds=5), "ERROR", BACKGROUND))
        for i in range(6):
            t = t0 + timedelta(seconds=8 * i + 2)
            if failing and i % 2 == 0:
                entries.append(_entry(t, "ERROR", CAUSE))
                entries.append(_entry(t + timedelta(milliseconds=30), "ERROR", status=503))
            else:
                entries.append(_entry(t, "INFO", status=200))
    entries.sort(key=lambda e: e["timestamp"], reverse=True)  # gcloud prints newest first
    return entries


def write_window(path: Path, start: datetime, minutes: int = 60, failing: bool = False) -> Path:
    path.write_text(json.dumps(_window(start, minutes, failing)), encoding="utf-8")
    return path


DAY1 = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)
DAY2 = datetime(2026, 3, 3, 14, 0, tzinfo=timezone.utc)
