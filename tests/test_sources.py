"""rca.sources: formats, normalisation and bad input (tracebacks and streaming have their own modules)."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from datetime import datetime, UTC
from pathlib import Path

import pytest

from rca.errors import EmptyInputError, InputError, UsageError
from rca.models import ReadStats
from rca.sources import iter_raw_entries, normalize_entry, read_records

DATA = Path(__file__).parent / "data" / "sources"
EXCERPT = DATA / "auth_db_excerpt.json"
ROOT = Path(__file__).resolve().parents[1]


def epoch(text: str) -> float:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


def entry(text: str | None = "hello", ts: str | None = "2025-09-16T14:18:20.5Z", **kw) -> dict:
    e: dict = {
        "logName": "projects/p/logs/run.googleapis.com%2Fstderr",
        "resource": {"type": "cloud_run_revision",
                     "labels": {"service_name": "backend", "revision_name": "backend-00042-abc"}},
        "labels": {"instanceId": "inst-1"},
        "severity": "INFO",
    }
    if text is not None:
        e["textPayload"] = text
    if ts is not None:
        e["timestamp"] = ts
    e.update(kw)
    return {k: v for k, v in e.items() if v is not None}


def write(tmp_path: Path, name: str, data: bytes | str) -> str:
    p = tmp_path / name
    p.write_bytes(data.encode() if isinstance(data, str) else data)
    return str(p)


def read(path: str, fmt: str = "auto") -> tuple[list, ReadStats]:
    stats = ReadStats()
    return list(read_records(path, fmt, stats)), stats


def norm(e: dict):
    rec = normalize_entry(e, 0)
    assert rec is not None
    return rec


# --------------------------------------------------------------------------- formats


def test_gcloud_array_newest_first_reads_every_entry():
    recs, stats = read(str(EXCERPT))
    raw = json.loads(EXCERPT.read_text())
    assert stats.format == "gcloud-json" and stats.source == str(EXCERPT)
    assert stats.entries_read == len(raw) == 33
    # the 12 traceback lines of one instance become one record
    assert stats.records == len(recs) == 33 - 11
    assert stats.skipped == 0 and stats.no_timestamp == 0 and not stats.partial
    # per raw entry, before folding: the 12 traceback lines count as 12 ERROR entries
    assert stats.by_severity == {"INFO": 11, "WARNING": 4, "ERROR": 17, "CRITICAL": 1}
    exits = [r for r in recs if r.message == "Container called exit(1)."]
    assert len(exits) == 1
    r = exits[0]
    assert r.stream == "varlog/system" and r.service == "netra-auth-service"
    assert r.revision == "netra-auth-service-00298-fq7" and r.instance == "b0e81ade9cce3667"
    assert r.severity == "WARNING" and r.timestamp == pytest.approx(epoch("2025-09-16T14:18:21.484647Z"))


def test_gzip_array_gives_the_same_records(tmp_path):
    plain, _ = read(str(EXCERPT))
    gz = write(tmp_path, "logs.json.gz", gzip.compress(EXCERPT.read_bytes()))
    zipped, stats = read(gz)
    assert stats.format == "gcloud-json"
    assert zipped == plain


def test_gzip_is_detected_by_content_not_name(tmp_path):
    p = write(tmp_path, "renamed.log", gzip.compress(json.dumps([entry("from gz")]).encode()))
    recs, _ = read(p)
    assert [r.message for r in recs] == ["from gz"]


def test_multi_member_gzip_with_zero_padding(tmp_path):
    data = gzip.compress(b'[{"textPayload": "a"},') + gzip.compress(b'{"textPayload": "b"}]') + b"\0" * 16
    recs, stats = read(write(tmp_path, "m.json.gz", data))
    assert [r.message for r in recs] == ["a", "b"] and not stats.truncated


@pytest.mark.parametrize("compress", [False, True])
def test_stdin_plain_and_gzip(compress):
    data = EXCERPT.read_bytes()
    if compress:
        data = gzip.compress(data)
    code = (
        "from rca.sources import read_records\n"
        "from rca.models import ReadStats\n"
        "s = ReadStats()\n"
        "recs = list(read_records('-', 'auto', s))\n"
        "print(len(recs), s.entries_read, s.format, s.source)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], input=data, capture_output=True, cwd=ROOT,
                         env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=60, check=True)
    assert out.stdout.decode().split() == ["22", "33", "gcloud-json", "-"]


def test_stdin_empty_is_an_error():
    code = "from rca.sources import read_records\nread_records('-')\n"
    out = subprocess.run([sys.executable, "-c", code], input=b"", capture_output=True, cwd=ROOT,
                         env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=60)
    assert out.returncode != 0 and b"EmptyInputError: stdin is empty" in out.stderr


def test_jsonl(tmp_path):
    lines = [json.dumps(entry(f"line {i}", f"2025-09-16T14:18:2{i}Z")) for i in range(3)]
    p = write(tmp_path, "logs.jsonl", "\n".join(lines) + "\n\n")
    recs, stats = read(p)
    assert stats.format == "jsonl" and stats.entries_read == 3
    assert [r.message for r in recs] == ["line 0", "line 1", "line 2"]
    assert recs[2].timestamp == epoch("2025-09-16T14:18:22Z")


def test_jsonl_bad_line_in_the_middle_is_skipped_and_counted(tmp_path):
    p = write(tmp_path, "logs.jsonl", '{"textPayload": "a"}\nnot json at all\n{"textPayload": "c"}\n')
    recs, stats = read(p)
    assert [r.message for r in recs] == ["a", "c"]
    assert stats.skipped_reasons == {"invalid JSON line": 1} and stats.partial
    assert any("line 2" in n for n in stats.notes)


def test_jsonl_forced_on_non_json_names_the_line(tmp_path):
    p = write(tmp_path, "x.txt", "hello\n")
    with pytest.raises(InputError, match=r"line 1 is not valid JSON"):
        read_records(p, "jsonl").__next__()


def test_single_pretty_printed_logentry_object_is_one_entry(tmp_path):
    p = write(tmp_path, "one.json", json.dumps(entry("just me", "2025-09-16T14:18:20.123456789Z"), indent=2))
    recs, stats = read(p)
    assert stats.format == "gcloud-json" and len(recs) == 1
    assert recs[0].message == "just me"
    assert recs[0].timestamp == pytest.approx(epoch("2025-09-16T14:18:20.123456Z"), abs=1e-6)


def test_concatenated_objects_like_jq_output(tmp_path):
    text = json.dumps(entry("one"), indent=2) + "\n" + json.dumps(entry("two"), indent=2) + "\n"
    recs, _ = read(write(tmp_path, "jq.json", text))
    assert [r.message for r in recs] == ["one", "two"]


def test_concatenated_arrays(tmp_path):
    text = json.dumps([entry("a")]) + "\n" + json.dumps([entry("b"), entry("c")])
    recs, stats = read(write(tmp_path, "cat.json", text))
    assert [r.message for r in recs] == ["a", "b", "c"] and not stats.truncated


def test_compact_single_line_array(tmp_path):
    p = write(tmp_path, "compact.json", json.dumps([entry(f"m{i}") for i in range(500)], separators=(",", ":")))
    recs, stats = read(p)
    assert [r.message for r in recs] == [f"m{i}" for i in range(500)]


def test_plain_text_iso_syslog_levels_and_traceback(tmp_path):
    recs, stats = read(str(DATA / "app.log"))
    assert stats.format == "text"
    assert stats.entries_read == 17  # non-blank lines
    assert stats.by_severity == {"INFO": 1, "ERROR": 11, "WARNING": 1, "DEFAULT": 2, "CRITICAL": 2}
    by_msg = {r.message.split("\n")[0]: r for r in recs}  # the raw first line
    assert len(recs) == 8

    first = by_msg["2025-09-16T14:18:20.535Z INFO app started"]
    assert first.severity == "INFO" and first.timestamp == epoch("2025-09-16T14:18:20.535Z")
    assert first.extra["text"] == "app started"  # what a template is mined from

    tb = by_msg["2025-09-16 14:18:21,100 ERROR db: connection failed"]  # logger.exception: one record
    assert tb.severity == "ERROR" and tb.timestamp == pytest.approx(epoch("2025-09-16T14:18:21.100Z"))
    assert tb.exception == "RuntimeError"
    assert 'File "/app/db.py", line 10, in connect' in tb.frames
    assert "TimeoutError: validation timed out" in tb.frames  # the chained cause is kept
    assert tb.message.endswith("RuntimeError: startup failed")
    assert stats.folded_tracebacks == 1

    assert tb.extra["text"] == "RuntimeError: startup failed"  # named by its headline

    gunicorn = by_msg["[2025-09-16 14:18:22 +0000] [7] [WARNING] Worker timeout (pid:7)"]
    assert gunicorn.severity == "WARNING" and gunicorn.timestamp == epoch("2025-09-16T14:18:22Z")

    sys_rec = by_msg["Sep 16 14:18:23 web1 nginx[123]: upstream timed out (110: Connection timed out)"]
    assert sys_rec.service == "nginx" and sys_rec.instance == "web1"
    ts = datetime.fromtimestamp(sys_rec.timestamp, UTC)
    assert (ts.month, ts.day, ts.hour, ts.minute, ts.second) == (9, 16, 14, 18, 23)

    bare = by_msg["a line without a timestamp"]
    assert bare.timestamp is None and bare.severity == "DEFAULT"
    lone = by_msg["ModuleNotFoundError: No module named 'auth_service'"]
    assert lone.exception == "ModuleNotFoundError" and lone.frames == () and lone.severity == "ERROR"
    assert stats.no_timestamp == 2

    assert by_msg["2025-09-16T16:18:24.000+02:00 CRITICAL clock in another zone"].timestamp == epoch("2025-09-16T14:18:24Z")
    assert by_msg["2025-09-16T14:18:25Z FATAL giving up"].severity == "CRITICAL"


def test_syslog_year_is_never_in_the_future():
    from rca.sources.text import parse_line

    now = datetime(2026, 1, 2, tzinfo=UTC)
    ts, msg, service, host = parse_line("Dec 31 23:59:59 host app: bye", now)
    assert datetime.fromtimestamp(ts, UTC).year == 2025
    ts, *_ = parse_line("Jan  1 00:00:01 host app: hi", now)
    assert datetime.fromtimestamp(ts, UTC).year == 2026


def test_text_that_starts_with_a_bracket_is_text_not_json(tmp_path):
    p = write(tmp_path, "gunicorn.log", "[2025-09-16 14:18:04 +0000] [1] [INFO] Starting gunicorn 23.0.0\n")
    recs, stats = read(p)
    assert stats.format == "text" and recs[0].extra["text"] == "Starting gunicorn 23.0.0"


def test_not_json_in_a_file_named_json_is_an_error_but_text_elsewhere(tmp_path):
    content = "this is not json {\n"
    for name in ("logs.json", "logs.JSONL", "export.json.gz"):
        with pytest.raises(InputError, match=r"is not JSON \(it starts with 'this is not json \{.*--input-format text"):
            read_records(write(tmp_path, name, content))
    recs, stats = read(write(tmp_path, "notes.txt", content))
    assert stats.format == "text" and [r.message for r in recs] == ["this is not json {"]
    recs, _ = read(write(tmp_path, "logs2.json", content), "text")  # forcing text always works
    assert len(recs) == 1


def test_forced_format_is_respected(tmp_path):
    p = write(tmp_path, "x.json", json.dumps([entry("a")]))
    recs, stats = read(p, "text")
    assert stats.format == "text" and len(recs) == 1 and recs[0].message.startswith("[{")
    with pytest.raises(InputError, match="is not JSON"):
        read_records(write(tmp_path, "t.log", "plain text\n"), "gcloud-json")
    with pytest.raises(UsageError, match="unknown input format"):
        read_records(p, "xml")


def test_byte_order_mark_and_path_objects(tmp_path):
    p = tmp_path / "bom.json"
    p.write_bytes(b"\xef\xbb\xbf" + json.dumps([entry("with bom")]).encode())
    stats = ReadStats()
    recs = list(read_records(p, "auto", stats))  # a Path works as well as a str
    assert [r.message for r in recs] == ["with bom"] and stats.source == str(p)


def test_iter_raw_entries_yields_the_decoded_dicts():
    raw = list(iter_raw_entries(str(EXCERPT)))
    assert raw == json.loads(EXCERPT.read_text())


# --------------------------------------------------------------------------- normalisation


def test_http_request_only_entry():
    e = entry(None, httpRequest={
        "requestMethod": "GET", "requestUrl": "https://api.example.com/api/threads?limit=20&x=1#frag",
        "status": 503, "latency": "8.5s", "responseSize": "43",
    }, severity=None)
    r = norm(e)
    assert r.message == "GET /api/threads → 503 Service Unavailable (8.5 s)"
    assert r.endpoint == "GET /api/threads" and r.http_status == 503 and r.latency_s == 8.5
    assert r.severity == "ERROR"  # DEFAULT/missing: from the status
    e["httpRequest"].update(status=404, latency="0.112114537s")
    r = norm(e)
    assert r.severity == "WARNING" and r.latency_s == pytest.approx(0.112114537)
    assert r.message == "GET /api/threads → 404 Not Found (0.112 s)"
    e["httpRequest"].update(status=200)
    assert norm(e).severity == "INFO"


def test_http_request_with_text_keeps_the_text_and_the_request_fields():
    e = entry("The request failed because the instance could not start successfully.", severity="ERROR",
              httpRequest={"requestMethod": "POST", "requestUrl": "/api/agent/run", "status": "500",
                           "latency": {"seconds": 1, "nanos": 500000000}})
    r = norm(e)
    assert r.message.startswith("The request failed")
    assert (r.http_status, r.latency_s, r.endpoint) == (500, 1.5, "POST /api/agent/run")


def test_json_payload_error_type_and_value_are_kept():
    r = norm(entry(None, severity="ERROR", jsonPayload={
        "message": "Database connection validation timeout exceeded (15s)",
        "error": {"type": "TimeoutError", "value": "Database connection validation timeout exceeded (15s)"},
        "labels": {"module": "auth_service.db"},
    }))
    assert r.message == "Database connection validation timeout exceeded (15s)"
    assert r.exception == "TimeoutError"
    r = norm(entry(None, severity="ERROR", jsonPayload={
        "message": "startup aborted", "error": {"type": "ModuleNotFoundError", "value": "No module named 'x'"}}))
    assert r.message == "startup aborted: ModuleNotFoundError: No module named 'x'"
    assert r.exception == "ModuleNotFoundError"


def test_json_payload_message_fallbacks_and_compaction():
    assert norm(entry(None, jsonPayload={"msg": "via msg"})).message == "via msg"
    assert norm(entry(None, jsonPayload={"error": "boom only"})).message == "boom only"
    assert norm(entry(None, jsonPayload={"message": "m", "err": "e"})).message == "m: e"
    r = norm(entry(None, jsonPayload={"b": 1, "a": {"c": [1, 2]}}))
    assert r.message == '{"a":{"c":[1,2]},"b":1}'


def test_json_payload_severity_used_when_entry_says_default():
    r = norm(entry(None, severity="DEFAULT", jsonPayload={"message": "m", "severity": "warn"}))
    assert r.severity == "WARNING"


@pytest.mark.parametrize("payload, expected", [
    ({"level": 50, "msg": "job failed"}, "ERROR"),  # pino / bunyan numbers
    ({"level": 60, "msg": "exiting"}, "CRITICAL"),
    ({"level": 40, "msg": "slow"}, "WARNING"),
    ({"level": 30, "msg": "ok"}, "INFO"),
    ({"level": "ERROR", "msg": "x"}, "ERROR"),  # Go slog
    ({"levelname": "WARNING", "message": "x"}, "WARNING"),  # python-json-logger
    ({"lvl": "eror", "msg": "x"}, "DEFAULT"),  # no level word: the text decides
    ({"lvl": "error", "msg": "x"}, "ERROR"),
    ({"log.level": "warn", "message": "x"}, "WARNING"),  # ECS
    ({"log": {"level": "error"}, "message": "x"}, "ERROR"),
    ({"severity": 500, "message": "x"}, "ERROR"),  # Cloud Logging's own numbers inside the payload
])
def test_structured_level_fields_give_the_severity_when_the_entry_has_none(payload, expected):
    e = entry(None, jsonPayload=payload)
    del e["severity"]
    assert norm(e).severity == expected
    # the entry's own level still wins over the payload's
    assert norm(entry(None, severity="NOTICE", jsonPayload=payload)).severity == "NOTICE"


def test_nested_error_object_of_a_node_logger_is_the_mined_message():
    e = entry(None, jsonPayload={
        "level": 50, "msg": "webhook delivery failed", "attempt": 2,
        "err": {"type": "RangeError", "message": "Invalid time value",
                "stack": "RangeError: Invalid time value\n    at toISO (/srv/lib/dates.js:9:11)"}})
    del e["severity"]
    r = norm(e)
    assert r.severity == "ERROR"
    assert r.message == "webhook delivery failed: RangeError: Invalid time value"
    assert r.exception == "RangeError"


def test_a_go_panic_line_with_no_level_is_critical():
    e = entry("panic: runtime error: index out of range [3] with length 3")
    del e["severity"]
    assert norm(e).severity == "CRITICAL"
    assert norm(entry("panic: runtime error: slice bounds", severity="WARNING")).severity == "WARNING"


def test_json_payload_stack_trace_field_is_folded():
    tb = 'Traceback (most recent call last):\n  File "/app/x.py", line 3, in f\n    g()\nKeyError: \'k\''
    r = norm(entry(None, severity="ERROR", jsonPayload={"message": "handler failed", "stack_trace": tb}))
    assert r.message == "handler failed\n" + tb
    assert r.exception == "KeyError" and r.frames == ('File "/app/x.py", line 3, in f',)


def test_text_payload_holding_structured_json():
    text = json.dumps({"labels": {"module": "m"}, "message": "Structured logging validation failed: Missing field",
                       "severity": "WARNING", "error": {"type": "LogRecordValidationError", "value": "Missing field"}})
    r = norm(entry(text, severity="DEFAULT"))
    assert r.message == "Structured logging validation failed: Missing field"
    assert r.severity == "WARNING" and r.exception == "LogRecordValidationError"
    # a text payload that only looks like JSON stays as it is
    assert norm(entry("{not json} at all", severity="INFO")).message == "{not json} at all"


@pytest.mark.parametrize("text, expected", [
    ("[2025-09-16 14:18:20 +0000] [7] [ERROR] Application startup failed.", "ERROR"),
    ("WARN disk almost full", "WARNING"),
    ("level=error msg=oops", "ERROR"),
    ("[warning] low memory", "WARNING"),
    ("CRITICAL: core components failed", "CRITICAL"),
    ("FATAL: cannot continue", "CRITICAL"),
    ("Traceback (most recent call last):\n  File \"x.py\", line 1, in <module>\nValueError: v", "ERROR"),
    ("Exception in ASGI application", "ERROR"),
    ("ValueError: bad input", "ERROR"),
    ("INFO ok", "INFO"),
    ("all good here", "DEFAULT"),
])
def test_severity_inferred_from_text_when_default(text, expected):
    assert norm(entry(text, severity="DEFAULT")).severity == expected
    assert norm(entry(text, severity=None)).severity == expected


@pytest.mark.parametrize("given, expected", [
    ("WARN", "WARNING"), ("warning", "WARNING"), ("FATAL", "CRITICAL"), ("err", "ERROR"),
    (500, "ERROR"), (200, "INFO"), ("EMERGENCY", "EMERGENCY"), ("bogus", "DEFAULT"),
])
def test_severity_names_are_normalised(given, expected):
    r = norm(entry("some text", severity=given))
    assert r.severity == (expected if expected != "DEFAULT" else "DEFAULT")


def test_explicit_severity_is_not_overridden_by_text():
    assert norm(entry("[ERROR] words", severity="INFO")).severity == "INFO"


def test_timestamps_nanoseconds_offsets_and_fallbacks():
    r = norm(entry("x", "2025-09-16T14:18:20.123456789Z"))
    assert r.timestamp == pytest.approx(epoch("2025-09-16T14:18:20.123456Z"), abs=1e-6)
    assert norm(entry("x", "2025-09-16T16:18:20+02:00")).timestamp == epoch("2025-09-16T14:18:20Z")
    assert norm(entry("x", "2025-09-16T14:18:20")).timestamp == epoch("2025-09-16T14:18:20Z")  # naive = UTC
    fallback = entry("x", None, receiveTimestamp="2025-09-16T14:18:21.5Z")
    assert norm(fallback).timestamp == epoch("2025-09-16T14:18:21.5Z")
    assert norm(entry("x", None)).timestamp is None
    assert norm(entry("x", "not a time")).timestamp is None


def test_entries_without_timestamps_are_kept_and_counted(tmp_path):
    p = write(tmp_path, "a.json", json.dumps([entry("a", None), entry("b"), entry("c", None)]))
    recs, stats = read(p)
    assert [r.message for r in recs] == ["a", "b", "c"]
    assert stats.no_timestamp == 2 and recs[0].timestamp is None


def test_where_the_entry_came_from():
    r = norm(entry("x", trace="projects/p/traces/4e11f546"))
    assert (r.service, r.revision, r.instance, r.stream, r.trace) == (
        "backend", "backend-00042-abc", "inst-1", "stderr", "4e11f546")
    k8s = {"textPayload": "x", "logName": "projects/p/logs/stdout",
           "resource": {"type": "k8s_container", "labels": {"container_name": "api", "namespace_name": "prod",
                                                            "pod_name": "api-7f9c-xk2"}}}
    r = norm(k8s)
    assert (r.service, r.instance, r.stream) == ("api", "api-7f9c-xk2", "stdout")
    k8s["resource"]["labels"].pop("container_name")
    assert norm(k8s).service == "api-7f9c-xk2"  # an event about a pod is about that pod
    k8s["resource"]["labels"].pop("pod_name")
    assert norm(k8s).service == "prod"
    fn = {"textPayload": "x", "resource": {"labels": {"function_name": "ingest"}},
          "logName": "projects/p/logs/cloudfunctions.googleapis.com%2Fcloud-functions"}
    r = norm(fn)
    assert (r.service, r.stream) == ("ingest", "cloud-functions")
    bare = {"textPayload": "x", "logName": "projects/p/logs/my-app"}
    assert norm(bare).service == "my-app"
    syslog = {"textPayload": "x", "logName": "projects/p/logs/run.googleapis.com%2Fvarlog%2Fsystem"}
    assert norm(syslog).stream == "varlog/system"


def test_proto_payload_audit_log():
    r = norm({"protoPayload": {"methodName": "google.iam.admin.v1.CreateServiceAccountKey",
                               "status": {"code": 7, "message": "Permission denied"}},
              "timestamp": "2025-09-16T14:18:20Z"})
    assert r.message == "google.iam.admin.v1.CreateServiceAccountKey PERMISSION_DENIED Permission denied"
    assert r.severity == "ERROR"
    ok = norm({"protoPayload": {"methodName": "v1.Services.ReplaceService", "status": {}}, "severity": "NOTICE"})
    assert ok.message == "v1.Services.ReplaceService OK" and ok.severity == "NOTICE"
    who = norm({"protoPayload": {"methodName": "v1.Services.ReplaceService", "status": {},
                                 "authenticationInfo": {"principalEmail": "dev@example.com"}}})
    assert who.message == "v1.Services.ReplaceService OK by dev@example.com"  # who deployed


def test_an_audit_entry_says_what_it_changed_in_its_own_words():
    """IAM binding deltas and DNS record-set changes are named; every word is grounded in the payload."""
    from rca.evals.grounded import RawLogs, _raw_entry

    iam = {"protoPayload": {
        "methodName": "SetIamPolicy", "status": {}, "authenticationInfo": {"principalEmail": "ops@example.com"},
        "serviceData": {"policyDelta": {"bindingDeltas": [
            {"action": "REMOVE", "role": "roles/pubsub.subscriber", "member": "serviceAccount:worker@p.iam.gserviceaccount.com"}]}}},
        "timestamp": "2025-09-16T14:18:20Z"}
    dns = {"protoPayload": {
        "methodName": "dns.changes.create", "status": {},
        "request": {"change": {"deletions": [{"name": "db.corp.example.", "type": "CNAME", "rrdatas": ["x."]}]}}},
        "timestamp": "2025-09-16T14:18:21Z"}
    lines = [norm(iam).message, norm(dns).message]
    assert lines == ["SetIamPolicy OK by ops@example.com REMOVE roles/pubsub.subscriber serviceAccount:worker@p.iam.gserviceaccount.com",
                     "dns.changes.create OK deletions db.corp.example. CNAME"]
    raw = RawLogs([_raw_entry(iam), _raw_entry(dns)])
    assert all(raw.has_line(line) for line in lines)
    assert not raw.has_line("dns.changes.create OK deletions api.corp.example. CNAME")


def test_lone_exception_line_has_its_exception_set():
    r = norm(entry("ModuleNotFoundError: No module named 'auth_service'", severity="ERROR"))
    assert r.exception == "ModuleNotFoundError" and r.frames == ()
    assert norm(entry("Config: loaded 3 keys")).exception == ""
    assert norm(entry("see http://example.com: down")).exception == ""


def test_entry_without_any_payload_is_none():
    assert normalize_entry({"timestamp": "2025-09-16T14:18:20Z", "severity": "ERROR"}, 3) is None


def test_normalize_never_trips_on_odd_types():
    r = normalize_entry({"textPayload": 42, "labels": None, "resource": {"labels": {"service_name": 7}}}, 0)
    assert r is not None and r.message == "42" and r.service == "7"


@pytest.mark.parametrize("shape", ["json", "text"])
def test_long_message_is_cut_to_64_kib_with_a_note(tmp_path, shape):
    if shape == "json":
        p = write(tmp_path, "long.json", json.dumps([entry("y" * 200_000)]))
    else:  # long enough to cut, short enough to arrive in one buffered chunk with its newline
        p = write(tmp_path, "long.log", "2025-09-16T14:18:20Z INFO " + "y" * 100_000 + "\nnext\n")
    recs, stats = read(p)
    assert 60_000 < len(recs[0].message) < 70_000 and recs[0].message.endswith("…[truncated]")
    assert any("truncated" in n or "KiB" in n for n in stats.notes)


# --------------------------------------------------------------------------- bad input


def test_missing_file_and_directory(tmp_path):
    missing = str(tmp_path / "nope.json")
    with pytest.raises(InputError, match=r"^cannot read .*nope\.json: No such file or directory$"):
        read_records(missing)  # raised at the call, not on first iteration
    with pytest.raises(InputError, match=r"^cannot read .*: Is a directory$"):
        read_records(str(tmp_path))


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root can read anything")
def test_unreadable_file(tmp_path):
    p = write(tmp_path, "secret.json", "[]")
    os.chmod(p, 0)
    with pytest.raises(InputError, match="cannot read .*Permission denied"):
        read_records(p)


@pytest.mark.parametrize("content", [b"", b"  \n\t\n  "])
def test_empty_input(tmp_path, content):
    p = write(tmp_path, "e.json", content)
    with pytest.raises(EmptyInputError, match=r"e\.json is empty$"):
        read_records(p)
    with pytest.raises(EmptyInputError, match="is empty"):
        read_records(write(tmp_path, "e.json.gz", gzip.compress(content)))


def test_empty_array(tmp_path):
    p = write(tmp_path, "a.json", "[ ]")
    with pytest.raises(EmptyInputError, match="no log entries"):
        list(read_records(p))


def test_binary_input(tmp_path):
    p = write(tmp_path, "x.bin", bytes(range(256)) * 8)
    with pytest.raises(InputError, match="looks like a binary file"):
        read_records(p)
    p = write(tmp_path, "y.bin", b"\xff\xfe\xfa\xfb" * 40 + b"more" * 300)  # mostly not UTF-8 at the start
    with pytest.raises(InputError, match="looks like a binary file"):
        read_records(p)
    # a few stray bytes are a flawed text, not a binary file (issue 14 G): read, bytes replaced
    p = write(tmp_path, "y.log", b"ok text" + b"\xff\xfe\xfa" + b" more" * 300)
    assert [r.message[:12] for r in read_records(p)] == ["ok text\ufffd\ufffd\ufffd m"]
    p = write(tmp_path, "z.zst", b"\x28\xb5\x2f\xfd" + b"\x00" * 50)
    with pytest.raises(InputError, match="zstd-compressed"):
        read_records(p)


def test_utf8_character_cut_by_the_sniff_window_is_not_binary(tmp_path):
    text = ("x" * 1023 + "é\n") * 3
    recs, stats = read(write(tmp_path, "t.log", text))
    assert stats.format == "text" and len(recs) == 3


def test_truncated_array_keeps_what_was_read(tmp_path):
    full = json.dumps([entry("a"), entry("b"), entry("c")]).encode()
    cut = full[:full.rindex(b'"textPayload"')]  # stop inside the third entry
    recs, stats = read(write(tmp_path, "t.json", cut))
    assert [r.message for r in recs] == ["a", "b"]
    assert stats.truncated and stats.partial
    assert any(n.startswith(f"input ended inside entry 2 at byte {len(cut)}") for n in stats.notes)


def test_truncated_array_missing_only_the_bracket(tmp_path):
    recs, stats = read(write(tmp_path, "t.json", json.dumps([entry("a"), entry("b")])[:-1]))
    assert len(recs) == 2 and stats.truncated
    assert any("without the closing ']'" in n for n in stats.notes)


def test_truncated_before_any_entry_is_an_error(tmp_path):
    data = '[{"textPayload": "never finished'
    with pytest.raises(InputError, match=rf"is truncated: input ended inside entry 0 at byte {len(data)}"):
        list(read_records(write(tmp_path, "t.json", data)))


def test_truncated_gzip_keeps_complete_entries(tmp_path):
    data = json.dumps([entry(f"m{i}") for i in range(3000)], indent=2).encode()
    gz = gzip.compress(data)
    recs, stats = read(write(tmp_path, "cut.json.gz", gz[: len(gz) // 2]))
    assert 0 < len(recs) < 3000 and [r.message for r in recs[:3]] == ["m0", "m1", "m2"]
    assert stats.truncated and any("gzip stream ended early" in n for n in stats.notes)


def test_corrupt_gzip(tmp_path):
    gz = bytearray(gzip.compress(json.dumps([entry("a")] * 100).encode()))
    gz[30:60] = b"\x00" * 30
    with pytest.raises(InputError, match="corrupt gzip data"):
        list(read_records(write(tmp_path, "bad.json.gz", bytes(gz))))


def test_invalid_json_inside_the_array_names_entry_and_byte(tmp_path):
    data = '[{"textPayload": "a"}, {"textPayload": "b" "oops": 1}]'
    with pytest.raises(InputError, match=r"invalid JSON in entry 1 at byte \d+"):
        list(read_records(write(tmp_path, "bad.json", data)))
    data = '[{"textPayload": "a"} {"textPayload": "b"}]'
    with pytest.raises(InputError, match=r"after entry 0 at byte 22: expected ',' or ']'"):
        list(read_records(write(tmp_path, "bad2.json", data)))


def test_error_messages_are_one_line(tmp_path):
    cases = [str(tmp_path / "missing"), write(tmp_path, "b.bin", b"\x00\x01" * 100),
             write(tmp_path, "t.json", '[{"a"'), write(tmp_path, "o.json", '{"foo": 1}')]
    for p in cases:
        with pytest.raises(InputError) as info:
            list(read_records(p))
        assert "\n" not in str(info.value) and str(info.value)


def test_object_instead_of_array(tmp_path):
    expected = r"is a JSON object.*not a gcloud logging export \(expected an array of LogEntry objects\)"
    with pytest.raises(InputError, match=expected):
        list(read_records(write(tmp_path, "foo.json", '{"foo": 1}')))
    with pytest.raises(InputError, match="is a JSON object, not a gcloud logging export"):
        list(read_records(write(tmp_path, "foo2.json", '{\n  "foo": 1\n}\n')))


def test_non_objects_and_payloadless_entries_are_skipped_and_counted(tmp_path):
    data = json.dumps([entry("a"), 1, "x", None, [1], {"foo": 2}, {"severity": "ERROR"}, entry("b")])
    recs, stats = read(write(tmp_path, "m.json", data))
    assert [r.message for r in recs] == ["a", "b"]
    assert stats.entries_read == 8 and stats.skipped == 6 and sum(stats.by_severity.values()) == 2
    assert stats.skipped_reasons == {"not an object": 4, "no payload": 2}
    assert stats.partial


def test_structurally_broken_entry_is_skipped_as_malformed(tmp_path):
    data = json.dumps([{"textPayload": "x", "resource": "not an object"}, entry("fine")])
    recs, stats = read(write(tmp_path, "m.json", data))
    assert [r.message for r in recs] == ["fine"] and stats.skipped_reasons == {"malformed entry": 1}


def test_only_unusable_entries_is_an_error(tmp_path):
    with pytest.raises(EmptyInputError, match=r"none of the 2 entries could be used \(no payload: 2\)"):
        list(read_records(write(tmp_path, "u.json", '[{"foo": 1}, {"bar": 2}]')))


def test_stats_are_true_when_the_consumer_stops_early():
    stats = ReadStats()
    it = read_records(str(EXCERPT), "auto", stats)
    first = [next(it) for _ in range(3)]
    it.close()
    assert len(first) == 3 and stats.records == 3 and stats.entries_read >= 3


def test_continuation_lines_of_a_logger_message_in_a_text_log_are_one_record(tmp_path):
    """Lines without a time or prefix of their own after a logger's line belong to it: a warning
    wrapped over three lines, an exception's DETAIL line. A new Java headline still starts a trace."""
    p = write(tmp_path, "app.log", "\n".join([
        "2024-05-01 10:00:00,123 ERROR app.db - Query failed",
        "Traceback (most recent call last):",
        '  File "/app/db.py", line 1, in save',
        'psycopg2.errors.UniqueViolation: duplicate key value violates unique constraint "users_pkey"',
        "DETAIL:  Key (id)=(42) already exists.",
        '2024-05-01 10:00:01,000 WARNING app.cfg - Option "x" is deprecated for removal (',
        "the reason is long",
        "). Its value may be silently ignored.",
        "2024-05-01 10:00:02,000 INFO app.web - done",
    ]) + "\n")
    recs, stats = read(p)
    assert [r.severity for r in recs] == ["ERROR", "WARNING", "INFO"] and stats.entries_read == 9
    trace, warning, _ = recs
    assert trace.exception == "psycopg2.errors.UniqueViolation" and trace.message.endswith("already exists.")
    assert trace.extra["text"].startswith("psycopg2.errors.UniqueViolation: duplicate key")  # still named by its headline
    assert warning.extra["text"] == 'Option "x" is deprecated for removal (\nthe reason is long\n). Its value may be silently ignored.'


def _gke(text: str, pod: str, container: str, labels: dict | None = None, **kw) -> dict:
    return {"timestamp": "2025-09-16T14:18:20.5Z", "logName": "projects/p/logs/stdout", "severity": "INFO",
            "textPayload": text, "labels": labels or {},
            "resource": {"type": "k8s_container", "labels": {"namespace_name": "shop", "pod_name": pod,
                                                              "container_name": container}}, **kw}


def test_gke_services_are_named_by_their_pod_not_their_container():
    """Every app container of a fleet may be called 'server': the pod's app label (or the
    workload its generated name shows) names the service; a sidecar belongs to its pod's app
    but keeps its own instance, so its lines never interleave with the app's."""
    label = normalize_entry(_gke("hi", "basket-6d8f7c9b5-x2kqz", "server", {"k8s-pod/app": "basket"}), 0)
    named = normalize_entry(_gke("hi", "billing-b7c5d9f2k4-w8z2p", "server",
                                 {"k8s-pod/app.kubernetes.io/name": "invoicing"}), 0)
    from_pod = normalize_entry(_gke("hi", "ledger-5f8b9c7d2-q4t6v", "server"), 0)
    daemon = normalize_entry(_gke("hi", "node-exporter-x7k2p", "exporter"), 0)
    stateful = normalize_entry(_gke("hi", "queue-2", "broker"), 0)
    sidecar = normalize_entry(_gke("GET /x 200", "basket-6d8f7c9b5-x2kqz", "istio-proxy", {"k8s-pod/app": "basket"}), 0)
    plain = normalize_entry(_gke("hi", "auth-users", "auth-users"), 0)
    assert [r.service for r in (label, named, from_pod, daemon, stateful, sidecar, plain)] == [
        "basket", "invoicing", "ledger", "node-exporter", "queue", "basket", "auth-users"]
    assert label.instance == "basket-6d8f7c9b5-x2kqz/server"
    assert sidecar.instance == "basket-6d8f7c9b5-x2kqz/istio-proxy"
    assert plain.instance == "auth-users"  # the container is its pod's app: the pod, as before


def test_node_and_audit_entries_are_linked_to_the_service_they_name():
    oom = {"timestamp": "2025-09-16T14:18:20.5Z", "logName": "projects/p/logs/events", "severity": "WARNING",
           "jsonPayload": {"reason": "OOMKilling", "message": "Memory cgroup out of memory: Killed process 4242 "
                                                             "(basket) total-vm:90210kB, anon-rss:1234kB"},
           "resource": {"type": "k8s_node", "labels": {"node_name": "gke-pool-1-abcd"}}}
    audit = {"timestamp": "2025-09-16T14:18:20.5Z", "logName": "projects/p/logs/cloudaudit.googleapis.com%2Factivity",
             "protoPayload": {"methodName": "io.k8s.core.v1.pods.delete",
                              "resourceName": "core/v1/namespaces/shop/pods/ledger-5f8b9c7d2-q4t6v"},
             "resource": {"type": "k8s_cluster", "labels": {"cluster_name": "c1"}}}
    patch = {**audit, "protoPayload": {"methodName": "io.k8s.apps.v1.deployments.patch",
                                       "resourceName": "apps/v1/namespaces/shop/deployments/ledger"}}
    custom = {**audit, "protoPayload": {"methodName": "org.traffic-lab.v1beta1.linkshapers.create",
                                        "resourceName": "traffic-lab.org/v1beta1/namespaces/shop/linkshapers/slow-ledger-db"}}
    assert [normalize_entry(e, 0).service for e in (oom, audit, patch, custom)] == ["basket", "ledger", "ledger", "slow-ledger-db"]
    # the line names what was changed, so a report quoting it as the cause says which object
    assert normalize_entry(custom, 0).message == "org.traffic-lab.v1beta1.linkshapers.create OK on shop/linkshapers/slow-ledger-db"
    secret = {**audit, "protoPayload": {"methodName": "google.cloud.secretmanager.v1.SecretManagerService.DisableSecretVersion",
                                        "resourceName": "projects/123/secrets/db-password/versions/4",
                                        "authenticationInfo": {"principalEmail": "ops@example.com"}}}
    assert normalize_entry(secret, 0).message.endswith("DisableSecretVersion OK by ops@example.com on projects/123/secrets/db-password/versions/4")


def test_a_journald_node_line_is_read_as_the_programs_own_line():
    """GKE and VM node logs (kubelet, containerd) arrive as journald fields: the message is
    MESSAGE, and the program's own prefix inside it (here glog's) gives the level and leaves the
    mined text, as for the same line written to stdout."""
    rec = normalize_entry({"timestamp": "2025-09-16T14:30:00.5Z", "logName": "projects/p/logs/kubelet",
                           "resource": {"type": "k8s_node", "labels": {"node_name": "pool-a-1"}},
                           "jsonPayload": {"MESSAGE": 'E0916 14:30:00.123456    2311 manager.go:83] "Failed to sync pod" '
                                                      'err="context deadline exceeded"',
                                           "_HOSTNAME": "pool-a-1", "_SYSTEMD_UNIT": "kubelet.service"}}, 0)
    assert rec is not None and rec.severity == "ERROR" and rec.service == "kubelet"
    assert rec.extra["text"].startswith('"Failed to sync pod"') and "_HOSTNAME" not in rec.extra["text"]


def test_an_error_field_written_with_a_capital_joins_the_message():
    """Go SDKs that capitalise their fields write `Error`: its text is the failure, so it joins the
    message as `error` does (a bare "Workflow panic" names nothing)."""
    rec = normalize_entry({"timestamp": "2025-09-16T14:30:00.5Z",
                           "jsonPayload": {"level": "error", "msg": "Workflow panic",
                                           "Error": "[X100] nondeterministic definition: replay mismatch"}}, 0)
    assert rec is not None and rec.message == "Workflow panic: [X100] nondeterministic definition: replay mismatch"


def test_a_mysql_note_on_stderr_is_not_an_error():
    """A MySQL container writes its whole error log to stderr, which the platform labels ERROR;
    the level inside the line ([Note], [Warning], [ERROR]) is what the entry really carries."""
    def sev(text: str) -> str:
        rec = normalize_entry({"timestamp": "2025-09-16T14:30:00.5Z", "severity": "ERROR", "textPayload": text,
                               "logName": "projects/p/logs/stderr",
                               "resource": {"type": "k8s_container", "labels": {"container_name": "mysql"}}}, 0)
        assert rec is not None
        return rec.severity

    assert sev("2025-09-16T14:30:00.512345Z 8812 [Note] [MY-010914] [Server] Aborted connection 8812 to db: 'shop'") == "INFO"
    assert sev("2025-09-16T14:30:00.512345Z 0 [Warning] [MY-010068] [Server] CA certificate ca.pem is self signed.") == "WARNING"
    assert sev("2025-09-16T14:30:00.512345Z 0 [ERROR] [MY-012574] [InnoDB] Unable to lock ./ibdata1 error: 11") == "ERROR"
