"""The grounded checker on reports of invented exports: counts it must derive the way the report does."""

from __future__ import annotations

import json

from rca.evals.grounded import check_grounded
from rca.models import ReadStats
from rca.pipeline import build_report
from rca.render import render
from rca.sources.reader import read_records


def _ts(minute: int, second: float) -> str:
    return f"2026-03-02T09:{minute:02d}:{second:06.3f}Z"


def _grounded(entries: list[dict], tmp_path):
    path = tmp_path / "logs.json"
    path.write_text(json.dumps(entries))
    stats = ReadStats()
    report = build_report(read_records(str(path), stats=stats), stats)
    md = render(report, "md")
    return md, check_grounded(render(report, "json"), md, str(path))


def _app(minute: int, second: float, text: str, severity: str) -> dict:
    return {"timestamp": _ts(minute, second), "severity": severity, "textPayload": text,
            "logName": "projects/p/logs/run.googleapis.com%2Fstderr",
            "resource": {"type": "cloud_run_revision", "labels": {"service_name": "ledger", "revision_name": "ledger-00007-abc"}}}


def test_a_request_logged_without_method_or_url_is_counted_under_its_path(tmp_path):
    """A scheduler's attempt records carry an HTTP status but no method or URL: the report names
    them by their path ('/') and the checker counts them there too."""
    entries = [_app(m, 1.0, "INFO ledger sweep ok", "INFO") for m in range(40)]
    for m in range(40):
        status = 504 if m >= 25 and m % 3 == 0 else 200
        entries.append({"timestamp": _ts(m, 30.0), "severity": "ERROR" if status >= 500 else "INFO",
                        "httpRequest": {"status": status},
                        "jsonPayload": {"@type": "type.googleapis.com/google.cloud.scheduler.logging.AttemptFinished",
                                        "jobName": "projects/p/locations/l/jobs/nightly", "status": "DEADLINE_EXCEEDED" if status >= 500 else "OK"},
                        "logName": "projects/p/logs/cloudscheduler.googleapis.com%2Fexecutions",
                        "resource": {"type": "cloud_scheduler_job", "labels": {"job_id": "nightly"}}})
    _, result = _grounded(entries, tmp_path)
    assert result.ok, result.problems
