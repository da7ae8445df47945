"""What the grounded checker recounts beyond counts: the instances a report says a failure sits on
(the wrong host, a made-up count or a dropped busier host fail), and JSON printed as text."""

from __future__ import annotations

import json
from pathlib import Path

from rca.evals.grounded import check_grounded
from tests.test_cli import rca
from tests.test_instances import HOSTS, _logs


def _report(path: str) -> tuple[dict, str]:
    out = rca("generate", "--file", path, "--format", "json", "--provider", "offline", "--no-history")
    assert out.returncode == 0, out.stderr.decode()
    md = rca("generate", "--file", path, "--format", "md", "--provider", "offline", "--no-history").stdout.decode()
    return json.loads(out.stdout), md


def _failing(report: dict) -> dict:
    return next(c for c in report["clusters"] if "no space" in c["template"])


def test_the_listed_instance_and_its_count_are_recounted(tmp_path: Path):
    path = _logs(tmp_path, HOSTS[1:2])
    report, md = _report(path)
    assert _failing(report)["top_instances"] == [[HOSTS[1], 150]]
    assert check_grounded(json.dumps(report), md, path).ok

    moved = json.loads(json.dumps(report))
    _failing(moved)["top_instances"] = [[HOSTS[3], 150]]  # blames a healthy host
    problems = check_grounded(json.dumps(moved), md, path).problems
    assert any(HOSTS[3] in p and "0 in its records" in p for p in problems), problems

    inflated = json.loads(json.dumps(report))
    _failing(inflated)["top_instances"] = [[HOSTS[1], 300]]
    problems = check_grounded(json.dumps(inflated), md, path).problems
    assert any("300 entries in the report but 150" in p for p in problems), problems


def test_an_omitted_busier_instance_fails(tmp_path: Path):
    path = _logs(tmp_path, HOSTS[:2])
    report, md = _report(path)
    failing = _failing(report)
    assert sorted(failing["top_instances"]) == [[HOSTS[0], 150], [HOSTS[1], 150]]
    assert check_grounded(json.dumps(report), md, path).ok
    failing["top_instances"] = failing["top_instances"][:1]  # "confined to one host": the other is dropped
    problems = check_grounded(json.dumps(report), md, path).problems
    assert any("busiest instances" in p for p in problems), problems


def test_json_printed_as_text_is_grounded_by_its_message_and_error():
    """A logger printing JSON to stdout: rca mines `msg: error`, and the checker finds that line
    in the raw text payload too (it decodes the JSON as rca does)."""
    from rca.evals.grounded import RawLogs, _raw_entry
    from rca.sources import normalize_entry

    entry = {"textPayload": json.dumps({"level": "error", "msg": "transfer failed",
                                        "error": "dial tcp 10.4.0.7:26257: connect: connection refused"}),
             "timestamp": "2025-01-01T00:00:00Z", "logName": "projects/p/logs/stdout", "severity": "INFO"}
    rec = normalize_entry(entry, 0)
    raw = RawLogs([_raw_entry(entry)])
    assert rec.message == "transfer failed: dial tcp 10.4.0.7:26257: connect: connection refused"
    assert raw.has_line(rec.message)
    assert not raw.has_line("transfer failed: connection reset by peer")


def test_long_latencies_past_the_exact_buffer_are_grounded_at_the_precision_shown(tmp_path: Path):
    """Past the exact buffer mining keeps latencies over a minute to four significant digits (a
    long-lived connection's 698.5 s); the checker must hold a percentile to that precision, not to
    5 ms, or a true report is called ungrounded."""
    import random

    rnd = random.Random(7)

    def entry(t: float, status: int, latency: float) -> dict:
        return {"timestamp": f"2025-09-15T10:{int(t) // 60:02d}:{int(t) % 60:02d}.{int(t * 1000) % 1000:03d}Z",
                "severity": "ERROR" if status >= 500 else "INFO",
                "httpRequest": {"requestMethod": "GET", "requestUrl": "https://chat.example/socket", "status": status,
                                "latency": f"{latency:.6f}s"},
                "resource": {"type": "http_load_balancer", "labels": {}}, "logName": "projects/p/logs/requests"}

    entries = [entry(i * 0.5, 200, rnd.uniform(0.01, 0.2)) for i in range(2400)]
    entries += [entry(1200 + i * 0.6, 504, rnd.uniform(600, 800)) for i in range(3000)]  # past the exact buffer
    path = tmp_path / "logs.json"
    path.write_text(json.dumps(entries))
    report, md = _report(str(path))
    (slow,) = [c for c in report["clusters"] if c["latency"]["count"] == 3000]
    assert slow["latency"]["p50_s"] > 600
    result = check_grounded(json.dumps(report), md, str(path))
    assert not [p for p in result.problems if "latency" in p], result.problems
    slow["latency"]["p50_s"] = round(slow["latency"]["p50_s"] + 1, 1)  # a second off is still a lie
    problems = check_grounded(json.dumps(report), md, str(path)).problems
    assert any("latency p50" in p for p in problems), problems
