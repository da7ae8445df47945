"""The grounded checker on a hand-made incident: a correct report passes, each kind of lie fails."""

from __future__ import annotations

import copy
import gzip
import json
import shutil
from datetime import datetime
from pathlib import Path

import pytest

from rca.evals.grounded import check_grounded, line_pattern, load_raw, template_matcher
from rca.models import LogRecord
from rca.schema import Report, ReportCluster

DATA = Path(__file__).parent / "data" / "evals"
LOGS = DATA / "tiny" / "auth-import" / "logs.json"


def ts(clock: str) -> float:
    return datetime.fromisoformat(f"2025-09-15T10:{clock}+00:00").timestamp()


def iso(clock: str) -> str:
    return f"2025-09-15T10:{clock}Z"


def minute(clock: str) -> int:
    return int(ts(clock) // 60)


MOD = "ModuleNotFoundError: No module named 'auth_service'"
FAILED = "The request failed because the instance could not start successfully."


def tiny_records() -> list[LogRecord]:
    """What rca.sources makes of tiny/auth-import/logs.json (oldest first)."""

    def rec(clock, severity, message, **kw):
        return LogRecord(timestamp=ts(clock), severity=severity, message=message, service="backend", **kw)

    return [
        rec("00:00.12", "INFO", "Environment detected: staging"),
        rec("00:30.5", "INFO", "GET /api/health → 200 OK (0.1 s)", http_status=200, latency_s=0.1, endpoint="GET /api/health"),
        rec("01:00.25", "ERROR", MOD),
        rec("01:00.9", "WARNING", "Sentry SDK not available"),
        rec("01:05", "WARNING", "Container called exit(3)."),
        rec("02:10", "ERROR", FAILED, http_status=503, latency_s=1.5, endpoint="POST /api/agent/run"),
        rec("03:00", "INFO", "Environment detected: staging"),
        rec("03:00.4", "ERROR", MOD),
        rec("03:02", "WARNING", "Container called exit(3)."),
        rec("04:45", "ERROR", FAILED, http_status=503, latency_s=2.5, endpoint="POST /api/agent/run"),
        rec("06:00", "INFO", "Environment detected: staging"),
        rec("06:00.7", "ERROR", MOD),
        rec("07:15", "ERROR", FAILED, http_status=503, latency_s=0.25, endpoint="GET /api/threads"),
        rec("09:30", "ERROR", MOD),
    ]


def cluster(cid, template, count, severity, first, last, samples, timeline, **kw) -> dict:
    return {
        "id": cid, "template": template, "count": count, "severity": severity,
        "by_severity": {severity: count}, "services": ["backend"],
        "first_seen": iso(first), "last_seen": iso(last), "samples": samples,
        "share": round(count / 14, 4), "timeline": {str(minute(m)): n for m, n in timeline.items()}, **kw,
    }


def tiny_report() -> dict:
    """A correct report of tiny/auth-import, written by hand."""
    clusters = [
        cluster("c2a2a2a2", "ModuleNotFoundError: No module named <*>", 4, "ERROR", "01:00.25", "09:30", [MOD],
                {"01:00": 1, "03:00": 1, "06:00": 1, "09:00": 1}, role="cause", exception="ModuleNotFoundError"),
        cluster("c4b4b4b4", FAILED, 3, "ERROR", "02:10", "07:15", [FAILED], {"02:00": 1, "04:00": 1, "07:00": 1},
                role="symptom", http_statuses={"503": 3},
                latency={"count": 3, "p50_s": 1.5, "p95_s": 2.5, "max_s": 2.5}),
        cluster("c1c1c1c1", "Environment detected: staging", 3, "INFO", "00:00.12", "06:00",
                ["Environment detected: staging"], {"00:00": 1, "03:00": 1, "06:00": 1}, role="other"),
        cluster("c3d3d3d3", "Container called exit(<NUM>).", 2, "WARNING", "01:05", "03:02",
                ["Container called exit(3)."], {"01:00": 1, "03:00": 1}, role="symptom"),
        cluster("c5e5e5e5", "Sentry SDK not available", 1, "WARNING", "01:00.9", "01:00.9",
                ["Sentry SDK not available"], {"01:00": 1}, role="noise"),
        cluster("c6f6f6f6", "GET <PATH> → <NUM> OK (<NUM> s)", 1, "INFO", "00:30.5", "00:30.5", ["GET /api/health → 200 OK (0.1 s)"],
                {"00:00": 1}, http_statuses={"200": 1}, latency={"count": 1, "p50_s": 0.1, "p95_s": 0.1, "max_s": 0.1}),
    ]
    return {
        "schema_version": "1",
        "title": "backend",
        "generated_at": "2025-09-15T12:00:00Z",
        "source": str(LOGS),
        "window": {"start": iso("00:00.12"), "end": iso("09:30"), "onset": iso("01:00")},
        "totals": {"entries": 14, "by_severity": {"ERROR": 7, "WARNING": 3, "INFO": 4}, "clusters": 6},
        "clusters": clusters,
        "root_cause": {"cluster_ids": ["c2a2a2a2"], "statement": "The backend cannot import the auth_service module.",
                       "category": "missing-dependency", "confidence": 0.9},
        "candidates": [{"cluster_id": "c2a2a2a2", "score": 0.9, "reason": "first error", "category": "missing-dependency"},
                       {"cluster_id": "c5e5e5e5", "score": 0.2, "reason": "warning", "role": "cause"}],
        "five_whys": [{"question": "Why do requests fail?", "answer": "The import of auth_service fails at start.",
                       "cluster_ids": ["c2a2a2a2"]}],
        "priority": "P0",
        "impact": {
            "total_requests": 4, "failed_requests": 3, "error_rate": 0.75, "client_errors": 0,
            "incident_requests": 3, "incident_failed_requests": 3, "incident_error_rate": 1.0,
            "endpoints": [{"endpoint": "POST /api/agent/run", "failed": 2, "total": 2},
                          {"endpoint": "GET /api/threads", "failed": 1, "total": 1}],
            "services": ["backend"], "latency": {"count": 4, "p50_s": 0.25, "p95_s": 2.5, "max_s": 2.5},
            "restarts": 2, "error_entries": 7, "first_error": iso("01:00.25"), "last_error": iso("09:30"),
            "duration_s": 510.0,
        },
        "remediation": [{"action": "Add auth_service to the image", "timeframe": "now (0-30 min)"}],
        "analyst": {"name": "offline"},
    }


TINY_MD = """\
# Incident report: backend

**Window:** 2025-09-15 10:00:00 UTC → 10:09:30 UTC (9m 30s)
**Entries:** 14 · ERROR 7 (50.0%) · WARNING 3 (21.4%) · INFO 4 (28.6%)
**Priority:** P0 — 3 of 4 requests failed (75.0%)

## Root cause

The backend cannot import the auth_service module.

| # | cluster | count | share | first seen | last seen |
|---|---|---:|---:|---|---|
| 1 | `c2a2a2a2` | 4 | 28.6% | 10:01:00 UTC | 10:09:30 UTC |

Template: `ModuleNotFoundError: No module named <*>`

```text
ModuleNotFoundError: No module named 'auth_service'
```

## Impact

1. 3 failed requests of 4 (75.0%), p50 latency 250 ms, p95 2.50 s, max 2.50 s; HTTP 503.
2. Containers called exit(3) 2 times; the incident lasted 8m 30s since the onset at 10:01:00 UTC.
3. POST /api/agent/run: 2 of 2 failed.

```bash
gcloud run services update backend --max-instances 10
```

_Generated by rca 0.1.0 on 2025-09-15 12:00:00 UTC_
"""


def run(report: dict | None = None, md: str = TINY_MD, logs: Path = LOGS, records=None):
    report = report if report is not None else tiny_report()
    return check_grounded(json.dumps(report), md, str(logs), records=records if records is not None else tiny_records())


def assert_problem(result, *needles: str) -> None:
    assert not result.ok
    hits = [p for p in result.problems if all(n in p for n in needles)]
    assert hits, f"no problem mentions {needles}: {result.problems}"


# --------------------------------------------------------------------------- the correct report


def test_hand_made_report_is_valid_schema():
    Report.model_validate_json(json.dumps(tiny_report()))


def test_correct_report_passes():
    result = run()
    assert result.problems == []
    assert result.ok
    assert result.checked > 60
    assert result.unverifiable == []
    assert result.verifiable_share == 1.0


def test_correct_report_passes_from_gzip_and_json_lines(tmp_path):
    entries = json.loads(LOGS.read_text())
    gz = tmp_path / "logs.json.gz"
    gz.write_bytes(gzip.compress(json.dumps(entries).encode()))
    assert run(logs=gz).problems == []
    jl = tmp_path / "logs.jsonl"
    jl.write_text("\n".join(json.dumps(e) for e in entries) + "\n")
    assert run(logs=jl).problems == []


# --------------------------------------------------------------------------- JSON lies (step a)


def test_wrong_cluster_count_fails():
    report = tiny_report()
    report["clusters"][0]["count"] = 5
    assert_problem(run(report), "c2a2a2a2", "count is 5", "4 records")


def test_count_moved_between_clusters_fails():
    report = tiny_report()
    report["clusters"][2]["count"] = 4
    report["clusters"][3]["count"] = 1
    result = run(report)
    assert_problem(result, "c1c1c1c1", "count is 4")
    assert_problem(result, "c3d3d3d3", "count is 1")


def test_wrong_totals_fail():
    report = tiny_report()
    report["totals"]["entries"] = 15
    report["totals"]["by_severity"]["ERROR"] = 8
    result = run(report)
    assert_problem(result, "totals.entries is 15", "14 entries")
    assert_problem(result, "totals.by_severity[ERROR] is 8", "7")


def test_first_seen_shifted_by_an_hour_fails():
    report = tiny_report()
    report["clusters"][0]["first_seen"] = "2025-09-15T11:01:00.250000Z"
    assert_problem(run(report), "c2a2a2a2", "first_seen is 2025-09-15 11:01:00 UTC")


def test_window_start_wrong_fails():
    report = tiny_report()
    report["window"]["start"] = "2025-09-15T09:00:00Z"
    assert_problem(run(report), "window.start")


def test_fabricated_sample_fails():
    report = tiny_report()
    report["clusters"][0]["samples"] = ["ModuleNotFoundError: No module named 'billing_service'"]
    assert_problem(run(report), "c2a2a2a2", "billing_service")


def test_wrong_impact_numbers_fail():
    report = tiny_report()
    report["impact"]["failed_requests"] = 4
    report["impact"]["error_rate"] = 1.0
    report["impact"]["latency"]["p95_s"] = 1.5
    report["impact"]["error_entries"] = 9
    result = run(report)
    assert_problem(result, "impact.failed_requests is 4")
    assert_problem(result, "impact.error_rate")
    assert_problem(result, "p95")
    assert_problem(result, "impact.error_entries is 9")


def test_wrong_share_and_http_statuses_fail():
    report = tiny_report()
    report["clusters"][1]["share"] = 0.5
    report["clusters"][1]["http_statuses"] = {"500": 3}
    result = run(report)
    assert_problem(result, "c4b4b4b4", "share")
    assert_problem(result, "c4b4b4b4", "http_statuses")


def test_redaction_placeholders_and_truncation_are_wildcards(tmp_path):
    entries = json.loads(LOGS.read_text())
    entries[0]["textPayload"] = "Login failed for alice@example.com: token eyJhbGciOi.eyJzdWIiOiIx.c2lnbmF0dXJl"
    logs = tmp_path / "logs.json"
    logs.write_text(json.dumps(entries))
    raw = load_raw(logs)
    assert raw.has_line("Login failed for [EMAIL_1]: token [JWT_1]")
    assert raw.has_line("Login failed for [EMAIL_1]: tok…")
    assert not raw.has_line("Login succeeded for [EMAIL_1]")


def test_multi_line_sample_is_checked_line_by_line(tmp_path):
    entries = json.loads(LOGS.read_text())
    entries[0]["textPayload"] = "Traceback (most recent call last):"
    entries[1]["textPayload"] = '  File "/app/main.py", line 3, in <module>'
    logs = tmp_path / "logs.json"
    logs.write_text(json.dumps(entries))
    raw = load_raw(logs)
    assert raw.has_line('Traceback (most recent call last):\n  File "/app/main.py", line 3, in <module>'.splitlines()[1])
    assert not raw.has_line('  File "/app/other.py", line 3, in <module>')


def test_template_regex():
    def matcher(template):
        return template_matcher(ReportCluster(id="x", template=template, count=1, severity="INFO", by_severity={},
                                              services=[], first_seen=None, last_seen=None, samples=[]))

    m = matcher("Worker (pid:<NUM>) exited with code <NUM>")
    assert m.matches("Worker (pid:7) exited with code 3")
    assert m.matches("Worker  (pid:7)\texited with code 3 ")
    assert not m.matches("Worker (pid:7) exited with code 3 and more")
    assert not m.matches("Worker (pid:7 12) exited with code 3")
    assert matcher("Login <*> failed").matches("Login for user bob failed")
    assert matcher("token [JWT_1] rejected").matches("token eyJx.eyJy.z rejected")
    assert not matcher("<*> <*>").verifiable
    long = " ".join(f"w{i}" for i in range(64))
    assert matcher(long).matches(long + " tail words past the token cap")


def test_request_lines_are_grounded_by_method_path_status_and_latency():
    raw = load_raw(LOGS)
    assert raw.has_line("POST /api/agent/run → 503 Service Unavailable (2.5 s)")
    assert raw.has_line("GET /api/threads → 503 (0.25 s)")
    assert not raw.has_line("GET /api/threads → 503 Gateway Timeout (0.25 s)")
    assert not raw.has_line("GET /api/threads → 500 (0.25 s)")
    assert not raw.has_line("GET /api/threads → 503 (0.3 s)")
    assert not raw.has_line("GET /api/users → 503 (0.25 s)")


def test_a_request_with_status_zero_is_grounded(tmp_path):
    """A load balancer logs status 0 when no response was sent (the client or the backend gave up):
    rca shows it as 'GET /cart → 0 (5 s)', and that line is as true of the logs as a 503."""
    entry = {"timestamp": "2025-09-15T10:00:01Z", "httpRequest": {"requestMethod": "GET", "requestUrl": "https://shop.example/cart",
                                                                "status": 0, "latency": "5s"},
             "resource": {"type": "http_load_balancer", "labels": {}}, "logName": "projects/p/logs/requests"}
    path = tmp_path / "logs.json"
    path.write_text(json.dumps([entry]))
    raw = load_raw(path)
    assert raw.has_line("GET /cart → 0 (5 s)")
    assert not raw.has_line("GET /cart → 0 (4 s)")


def test_line_pattern_needs_a_literal():
    assert line_pattern("[EMAIL_1] …") is None
    assert line_pattern("a [EMAIL_1] b").search("a x@y.z b")


# --------------------------------------------------------------------------- Markdown lies (step b)


def test_wrong_percentage_in_markdown_fails():
    md = TINY_MD.replace("| 4 | 28.6% |", "| 4 | 28.9% |")
    assert_problem(run(md=md), "md line 13", "28.9%")


def test_markdown_timestamp_shifted_by_an_hour_fails():
    md = TINY_MD.replace("| 10:01:00 UTC |", "| 11:01:00 UTC |")
    assert_problem(run(md=md), "md line 13", "11:01:00 UTC")
    md = TINY_MD.replace("2025-09-15 10:00:00 UTC →", "2025-09-15 11:00:00 UTC →")
    assert_problem(run(md=md), "md line 3", "2025-09-15 11:00:00 UTC")


def test_fabricated_quoted_log_line_fails():
    md = TINY_MD.replace("```text\n", "```text\nERROR: connection to database refused\n")
    assert_problem(run(md=md), "quoted log line", "connection to database refused")


def test_markdown_number_not_in_json_fails():
    md = TINY_MD.replace("3. POST /api/agent/run: 2 of 2 failed.", "3. POST /api/agent/run: 2 of 2 failed; 4,242 users affected.")
    assert_problem(run(md=md), "md line 25", "4,242")


def test_wrong_markdown_duration_and_latency_fail():
    md = TINY_MD.replace("lasted 8m 30s", "lasted 12m 30s").replace("p50 latency 250 ms", "p50 latency 900 ms")
    result = run(md=md)
    assert_problem(result, "12m 30s")
    assert_problem(result, "900 ms")


def test_unknown_template_and_cluster_id_in_code_spans_fail():
    md = TINY_MD.replace("`ModuleNotFoundError: No module named <*>`", "`ImportError: cannot import <*>`")
    md = md.replace("`c2a2a2a2`", "`c9999999`")
    result = run(md=md)
    assert_problem(result, "ImportError: cannot import <*>")
    assert_problem(result, "c9999999")


def test_fabricated_identifier_with_number_fails():
    md = TINY_MD.replace("Containers called exit(3)", "Containers called exit(7)")
    assert_problem(run(md=md), "exit(7)")


def test_ignored_tokens_do_not_fail():
    md = TINY_MD + "\n1. P1 follow-up\n2. Check 5xx rates and p95 again\n_Generated by rca 9.9.9_\n"
    assert run(md=md).problems == []


def test_broken_json_is_one_problem():
    result = check_grounded("{", TINY_MD, str(LOGS), records=tiny_records())
    assert not result.ok and len(result.problems) == 1
    assert "does not validate" in result.problems[0]


def test_unverifiable_template_is_listed_not_failed():
    report = copy.deepcopy(tiny_report())
    report["clusters"][5]["template"] = "<*> <PATH> → <NUM> <*> (<NUM> s)"
    result = run(report)
    assert result.ok, result.problems
    assert result.unverifiable == ["c6f6f6f6"]
    assert result.verifiable_share == pytest.approx(5 / 6)


def test_real_sources_agree_with_hand_made_records(tmp_path):
    """rca.sources' records give the same verdict on the hand-made report."""
    logs = tmp_path / "logs.json"
    shutil.copy(LOGS, logs)
    result = check_grounded(json.dumps(tiny_report()), TINY_MD, str(logs))
    assert result.problems == []


def test_skipped_entries_are_accounted_for(tmp_path):
    entries = json.loads(LOGS.read_text())
    lines = [json.dumps(e) for e in entries] + ["{not json", json.dumps({"insertId": "x", "timestamp": iso("05:00")})]
    logs = tmp_path / "logs.jsonl"
    logs.write_text("\n".join(lines) + "\n")
    report = tiny_report()
    report["totals"].update(entries=16, skipped=2)
    report["clusters"] = [{**cl, "share": round(cl["count"] / 16, 4)} for cl in report["clusters"]]
    md = TINY_MD.replace("**Entries:** 14 · ERROR 7 (50.0%) · WARNING 3 (21.4%) · INFO 4 (28.6%)", "**Entries:** 16")
    md = md.replace("| 4 | 28.6% |", "| 4 | 25.0% |")
    assert run(report, md=md, logs=logs).problems == []
    report["totals"]["skipped"] = 0
    assert_problem(run(report, md=md, logs=logs), "totals.entries is 16")


def test_clusters_not_shown_in_a_table_may_be_counted():
    table = "| `c2a2a2a2` | 4 |\n| `c4b4b4b4` | 3 |\n"
    assert run(md=TINY_MD + table + "\n4 more clusters are in the JSON report.\n").problems == []
    assert_problem(run(md=TINY_MD + table + "\n44 more clusters are in the JSON report.\n"), "'44'")


def test_audit_line_naming_who_made_the_change_is_grounded():
    from rca.evals.grounded import RawLogs, _raw_entry

    raw = RawLogs([_raw_entry({"protoPayload": {"methodName": "v1.Services.ReplaceService", "status": {},
                                                "authenticationInfo": {"principalEmail": "dev@example.com"}}})])
    assert raw.has_line("v1.Services.ReplaceService OK by dev@example.com")
    assert raw.has_line("v1.Services.ReplaceService OK by [EMAIL_1]")  # redacted at the output boundary
    assert not raw.has_line("v1.Services.DeleteService OK by dev@example.com")
    # the resource it changed, from its namespace on (a tail of resourceName), and not another one
    k8s = RawLogs([_raw_entry({"protoPayload": {"methodName": "io.k8s.apps.v1.deployments.patch", "status": {},
                                                "resourceName": "apps/v1/namespaces/shop/deployments/ledger"}})])
    assert k8s.has_line("io.k8s.apps.v1.deployments.patch OK on shop/deployments/ledger")
    assert not k8s.has_line("io.k8s.apps.v1.deployments.patch OK on shop/deployments/basket")


@pytest.mark.parametrize("payload", [
    {"msg": "cache refresh failed", "err": "dial tcp 10.1.2.3:6379: i/o timeout"},
    {"msg": "cache refresh failed", "err": {"type": "TimeoutError", "message": "i/o timeout"}},
])
def test_structured_message_joined_with_its_error_field_is_grounded(payload):
    """rca mines `msg: err` (rca.sources.gcloud._json_message); the checker knows the same join."""
    from rca.evals.grounded import RawLogs
    from rca.sources import normalize_entry

    rec = normalize_entry({"jsonPayload": payload, "timestamp": "2025-01-01T00:00:00Z"}, 0)
    raw = RawLogs([_raw_entry_of(payload)])
    assert ": " in rec.message and raw.has_line(rec.message)
    assert not raw.has_line("cache refresh failed: connection reset by peer")


def _raw_entry_of(payload: dict):
    from rca.evals.grounded import _raw_entry

    return _raw_entry({"jsonPayload": payload, "timestamp": "2025-01-01T00:00:00Z"})


def test_text_access_lines_and_relabelled_levels_are_recounted_independently():
    from rca.evals.grounded import RawLogs, _raw_entry

    gke = {"type": "k8s_container", "labels": {"container_name": "web"}}
    e = _raw_entry({"textPayload": '10.0.0.1 - - [05/Mar/2024:10:00:00 +0000] "GET /a?b=1 HTTP/1.1" 503 9 "-" "x" 0.250',
                    "resource": gke, "severity": "INFO", "logName": "projects/p/logs/stdout"})
    assert (e.method, e.path, e.http_status, e.latency_s) == ("GET", "/a", 503, 0.25)
    run = _raw_entry({"textPayload": 'INFO:     1.2.3.4:5 - "GET /a HTTP/1.1" 503 Service Unavailable',
                      "resource": {"type": "cloud_run_revision"}, "logName": "projects/p/logs/run.googleapis.com%2Fstdout"})
    assert run.http_status is None  # Cloud Run's own request log has it
    lvl = _raw_entry({"textPayload": "2024-03-05 10:00:00,001 ERROR app - boom", "severity": "INFO",
                      "logName": "projects/p/logs/stdout"})
    plain = _raw_entry({"textPayload": "boom", "severity": "INFO", "logName": "projects/p/logs/stdout"})
    assert lvl.relabelled and not plain.relabelled
    assert RawLogs([e, run]).entries[0].http_status == 503


@pytest.mark.parametrize("text,want", [
    ('<134>Dec  7 10:00:00 lb haproxy[12]: 10.0.0.1:5555 [07/Dec/2026:10:00:00.123] fe be/srv1 0/0/1/2/3 503 90 - - '
     '---- 1/1/0/0/0 0/0 "GET /x?y=1 HTTP/1.1"', ("GET", "/x", 503, 0.003)),
    ("router: completed DELETE /a/b for 10.0.0.1:0, 404 Not Found in 2.0ms @ x.go:1(y)", ("DELETE", "/a/b", 404, 0.002)),
    ('level=warn msg="POST /push (500) 1.5s Response: \\"x\\""', ("POST", "/push", 500, 1.5)),
    ('level=info msg="done" http.request.uri="/v2/x" http.request.method=HEAD http.response.status=502 '
     "http.response.duration=40ms", ("HEAD", "/v2/x", 502, 0.04)),
    ('level=info msg="call" method=GET url=http://other/x status=503', None),
    # a caching or forward proxy logs the absolute form of the request target: its path is the endpoint
    ('10.0.0.9 - - [07/Dec/2026:10:00:00 +0000] "GET http://www.example.org/news/42/today?cb=9 HTTP/1.1" 503 312 '
     '"-" "load/1.0"', ("GET", "/news/42/today", 503, None)),
])
def test_proxy_and_go_server_request_lines_are_recounted_as_rca_reads_them(text, want):
    from rca.evals.grounded import access_line
    from rca.sources.lineformat import parse_access, parse_prefix

    got = access_line(text)
    assert (got[:3] + (pytest.approx(got[3]),) if got else None) == want
    prefix = parse_prefix(text)
    mine = parse_access(prefix.message if prefix else text)
    assert (None if mine is None else (mine.method, mine.path, mine.status, pytest.approx(mine.latency_s))) == want


def test_a_quoted_sample_with_a_literal_angle_bracket_word_is_grounded_by_its_cluster():
    """A proxy writes `be/<NOSRV>` in its line: the report quotes that sample, which looks like a
    template to the checker; it is grounded by the sample, and a made-up one is still caught."""
    report = tiny_report()
    report["clusters"][5]["samples"] = ["10.0.0.1:5 [15/Sep/2025:10:00:30.500] fe be/<NOSRV> 0/-1/-1/-1/0 503 0 "
                                        '"GET /api/health HTTP/1.1"']
    quoted = TINY_MD + "\nThe proxy wrote `10.0.0.1:5 [15/Sep/2025:10:00:30.500] fe be/<NOSRV> 0/-1/-1/-1/0 503 0 …`.\n"
    assert not any("template" in p for p in run(report, quoted).problems)  # (the sample is not in these raw logs)
    assert_problem(run(report, TINY_MD + "\nThe proxy wrote `fe be/<NOSRV> 502 9`.\n"), "template", "NOSRV")


def test_a_lone_placeholder_may_stand_for_no_token_as_the_miners_alignment_merge_makes_it():
    from rca.evals.grounded import template_matcher
    from rca.schema import ReportCluster

    fields = {k: v for k, v in tiny_report()["clusters"][0].items() if k != "template"}
    m = template_matcher(ReportCluster(**fields, template="<*> KeyError: 'sku' in <*> basket"))
    assert m.matches("KeyError: 'sku' in basket")
    assert m.matches("Checkout failed: KeyError: 'sku' in cart basket")
    assert not m.matches("KeyError: 'qty' in basket")


def test_a_duration_from_a_timeline_event_to_the_onset_is_grounded():
    report = tiny_report()
    report["timeline"] = [{"at": iso("00:29.5"), "kind": "change", "text": "new revision `r2`", "cluster_ids": []}]
    ok = run(report, TINY_MD + "\nThe revision was first seen 30s before the onset.\n")
    assert ok.ok, ok.problems
    assert_problem(run(report, TINY_MD + "\nThe revision was first seen 47s before the onset.\n"), "47s")


def test_a_template_of_many_wildcards_checks_a_long_line_at_once():
    """Reproduction: a Java trace re-written as logfmt mined into a template of many `<*>` runs;
    Python's backtracking engine took minutes on one line that does not match (the eval looked
    hung). RE2 answers at once, and the answers are the same."""
    matcher = template_matcher(ReportCluster(id="x", template=" ".join(["<*> key=<*>"] * 10) + " end", count=1,
                                             severity="INFO", by_severity={}, services=[], first_seen=None,
                                             last_seen=None, samples=[]))
    assert not matcher.matches(" ".join(["x key=1"] * 30))
    assert matcher.matches(" ".join(["x key=1"] * 10) + " end")


def test_a_4xx_surge_beside_push_deliveries_names_a_denominator_the_json_holds(tmp_path):
    """Users' requests (not the queue's deliveries) are the denominator of a 4xx surge: the report
    names '… of N requests', and N must be in the JSON for the statement to be checkable."""
    from rca.cli import app
    from typer.testing import CliRunner

    run = {"type": "cloud_run_revision", "labels": {"service_name": "api"}}
    entries = []
    for m in range(30):
        for i in range(10):  # users: refused with 401 from minute 15 on
            entries.append({"timestamp": f"2026-03-02T10:{m:02d}:{i * 5:02d}.100Z", "severity": "INFO", "resource": run,
                            "httpRequest": {"requestMethod": "GET", "requestUrl": "https://api.example/v1/items",
                                            "status": 401 if m >= 15 and i < 8 else 200, "latency": "0.02s", "userAgent": "okhttp/4"}})
        for i in range(7):  # a push subscription delivering, all accepted
            entries.append({"timestamp": f"2026-03-02T10:{m:02d}:{i * 7 + 2:02d}.300Z", "severity": "INFO", "resource": run,
                            "httpRequest": {"requestMethod": "POST", "requestUrl": "https://api.example/push", "status": 204,
                                            "latency": "0.01s", "userAgent": "APIs-Google; (+https://developers.google.com/webmasters/APIs-Google.html)"}})
    logs = tmp_path / "logs.json"
    logs.write_text(json.dumps(entries))
    runner = CliRunner()
    out_json = runner.invoke(app, ["generate", "--file", str(logs), "--format", "json", "--no-history"])
    out_md = runner.invoke(app, ["generate", "--file", str(logs), "--format", "md", "--no-history"])
    assert out_json.exit_code == 0 and out_md.exit_code == 0
    assert "refused with 4xx" in out_md.stdout
    result = check_grounded(out_json.stdout, out_md.stdout, str(logs))
    assert result.ok, result.problems
