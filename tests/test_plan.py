"""The query plan (rca.sources.plan on DuckDB) reads what the streaming reader reads.

- Its normalisation equals `normalize_row` on every entry it does not leave to it;
- its pre-mask never changes what the masker writes;
- `rca mine` through the plan gives the clusters and counts of the record-by-record path, from a
  file, a .gz file and stdin;
- the plan's aggregates are derived for BigQuery by sqlglot.
"""

from __future__ import annotations

import gzip
import json
import random
import runpy
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from corpora import incident_logs, incident_params

from rca.mining import mine
from rca.mining.masking import Masker
from rca.models import OPERATION_DONE, OPERATION_KEY, ReadStats
from rca.pipeline import mine_and_tally
from rca.redact import Redactor
from rca.render.mining import render_mining_json
from rca.sources import duck, plan, read_records
from rca.sources.gcloud import DELIVERY_KEY, PUSH_DELIVERY, EntryCache, normalize_row
from rca.sources.reader import iter_raw_entries
from rca.sources.tracebacks import SOURCE_KEY, TEXT_KEY

ROOT = Path(__file__).resolve().parents[1]


def _odd_entries() -> list[dict]:
    """Entries of every shape: frames, an exception chain, HTTP fields from strings, proto
    payloads, no timestamp, odd severities, structured logs printed as text, no payload."""
    chained = ("Traceback (most recent call last):\n  File \"/app/a.py\", line 1, in f\n    g()\nKeyError: 'x'\n\n"
               "The above exception was the direct cause of the following exception:\n\n"
               "Traceback (most recent call last):\n  File \"/app/b.py\", line 2, in h\n    f()\nRuntimeError: boom")
    base = {"timestamp": "2025-09-16T14:30:00.5Z", "logName": "projects/p/logs/app%2Fstdout",
            "resource": {"type": "k8s_container", "labels": {"container_name": "api", "pod_name": "api-1"}}}
    return [
        {**base, "jsonPayload": {"message": chained}, "severity": "ERROR"},
        {**base, "jsonPayload": {"message": "ValueError: bad input", "level": "warn"}},
        {**base, "jsonPayload": {"msg": "dial failed", "error": "connection refused", "severity": ""}},
        {**base, "jsonPayload": {"message": "failed", "error": {"type": "TimeoutError", "value": "slow"}}},
        {**base, "jsonPayload": {"event": "no message key", "n": 3}},
        # Go SDK fields with capitals; journald's MESSAGE holding a program's line, prefix and all
        {**base, "jsonPayload": {"level": "error", "msg": "Workflow panic", "Error": "replay mismatch", "Attempt": 4}},
        {**base, "jsonPayload": {"msg": "both", "error": "lower", "Error": "upper"}},
        {**base, "logName": "projects/p/logs/kubelet", "resource": {"type": "k8s_node", "labels": {"node_name": "n1"}},
         "jsonPayload": {"MESSAGE": "E0916 14:30:00.123456    2311 manager.go:83] \"Failed to sync\" err=\"boom\"",
                         "_HOSTNAME": "n1", "_SYSTEMD_UNIT": "kubelet.service"}},
        {**base, "jsonPayload": {"MESSAGE": "plain journald line", "PRIORITY": "6"}},
        {**base, "httpRequest": {"requestMethod": "POST", "requestUrl": "https://x.io/a/b?q=1", "status": "503",
                                 "latency": "1.25s"}, "trace": "projects/p/traces/abc123"},
        {**base, "httpRequest": {"requestUrl": "api/items#frag", "status": 404, "latency": 0.0004}},
        {**base, "httpRequest": {"requestMethod": "GET", "requestUrl": "https://x.io", "status": 200,
                                 "latency": "150.5s"}, "severity": "DEFAULT"},
        {**base, "protoPayload": {"status": {"code": 7, "message": "denied"}, "methodName": "Get"}},
        # a queue's deliveries (Pub/Sub push, Cloud Tasks): plain, and odd (a proto payload beside)
        {**base, "httpRequest": {"requestMethod": "POST", "requestUrl": "/push", "status": 503,
                                 "userAgent": "APIs-Google; (+https://developers.google.com/webmasters/APIs-Google.html)"}},
        {**base, "protoPayload": {"methodName": "x"}, "httpRequest": {"requestMethod": "POST", "requestUrl": "/tasks/a",
                                                                      "status": 500, "userAgent": "Google-Cloud-Tasks"}},
        {"jsonPayload": {"msg": "no time here", "extra": [1, 2.5, None]}, "severity": 300},
        {**base, "textPayload": '{"message": "structured as text", "severity": "CRITICAL"}', "severity": "INFO"},
        {**base, "timestamp": "2025-09-16 14:30:00", "textPayload": "odd time \u00e9\u2192 \U0001f600"},
        {**base, "timestamp": {"seconds": 1757000000, "nanos": 5}, "textPayload": "proto time"},
        {**base, "textPayload": "Exception in worker: level=error boom"},
        {**base, "textPayload": "KeyError: 'user'"},
        {**base, "textPayload": "  File \"/app/x.py\", line 3, in f"},
        {**base, "textPayload": "[WARN] disk at 91%", "severity": "Default"},
        {**base, "textPayload": "", "labels": {"instanceId": "i-1"}},
        {**base, "textPayload": "x" * 70_000},
        {**base, "severity": "warning ", "textPayload": "spaced severity"},
        {**base, "logName": "projects/p/logs/cloudaudit.googleapis.com%2Factivity", "textPayload": "audit"},
        {**base},  # no payload
        {**base, "textPayload": "app label", "labels": {"k8s-pod/app": "basket"},
         "resource": {"type": "k8s_container", "labels": {"container_name": "server", "pod_name": "basket-6d8f7c9b5-x2kqz"}}},
        {**base, "textPayload": "sidecar", "labels": {"k8s-pod/app.kubernetes.io/name": "basket"},
         "resource": {"type": "k8s_container", "labels": {"container_name": "istio-proxy", "pod_name": "basket-1"}}},
        {**base, "textPayload": "pod name", "resource": {"type": "k8s_container", "labels": {
            "container_name": "server", "pod_name": "ledger-b7c5d9f2k4-w8z2p"}}},
        {**base, "textPayload": "daemon", "resource": {"type": "k8s_pod", "labels": {"pod_name": "node-exporter-x7k2p"}}},
        {**base, "textPayload": "odd label", "labels": {"k8s-pod/app": 7}},
        {**base, "jsonPayload": {"message": "Memory cgroup out of memory: Killed process 42 (basket) total-vm:1kB"},
         "resource": {"type": "k8s_node", "labels": {"node_name": "n1"}}},
        # a Go crash headline (CRITICAL) and Java / Node / Go traces written as one entry (named by their headline)
        {**base, "jsonPayload": {"message": "panic: assignment to entry in nil map"}},
        # every level key a structured payload may name its level by (gcloud._LEVEL_KEYS, pino's numbers, ECS's log.level)
        {**base, "jsonPayload": {"message": "quota reached", "lvl": "error"}},
        {**base, "jsonPayload": {"msg": "quota reached", "log.level": "warn"}, "severity": "DEFAULT"},
        {**base, "jsonPayload": {"message": "quota reached", "loglevel": 50}},
        {**base, "jsonPayload": {"message": "quota reached", "log": {"level": "critical"}}},
        {**base, "jsonPayload": {"message": "quota reached", "log": "a line", "log_level": "debug"}},
        # requests a proxy logs as JSON: Kong's log plugin (no message), Caddy's access log (a
        # message beside the request), one printed as text; a client's call out (a URL) is none
        {**base, "jsonPayload": {"latencies": {"kong": 3, "proxy": 40, "request": 45},
                                 "request": {"method": "GET", "uri": "/cart/7?x=1", "url": "https://shop.example/cart/7?x=1"},
                                 "response": {"status": 503, "size": 120}, "client_ip": "10.0.0.9"}},
        {**base, "jsonPayload": {"level": "error", "msg": "handled request", "request": {"method": "POST", "uri": "/pay"},
                                 "status": 502, "duration": 0.25}},
        {**base, "textPayload": '{"request": {"method": "PUT", "uri": "/items/3"}, "response": {"status": 404}}'},
        {**base, "jsonPayload": {"msg": "call", "request": {"method": "GET", "uri": "http://stock/items"}, "status": 500}},
        # a payload's own level over its stream's default (stdout INFO, stderr ERROR), not over a level set on purpose
        {**base, "logName": "projects/p/logs/stdout", "severity": "INFO", "jsonPayload": {"message": "quota reached", "level": "error"}},
        {**base, "logName": "projects/p/logs/stderr", "severity": "ERROR", "jsonPayload": {"msg": "all good", "log.level": "info"}},
        {**base, "logName": "projects/p/logs/stdout", "severity": "NOTICE", "jsonPayload": {"message": "quota reached", "level": "error"}},
        # a systemd line about a unit, shipped in a VM's syslog
        {**base, "logName": "projects/p/logs/syslog", "resource": {"type": "gce_instance", "labels": {"instance_id": "7"}},
         "textPayload": "Mar  2 10:00:01 vm-1 systemd[1]: queue-agent.service: Main process exited, code=killed, status=9/KILL"},
        # a VM's line: named by the Ops Agent's name label, not its numeric id
        {**base, "logName": "projects/p/logs/syslog", "resource": {"type": "gce_instance", "labels": {"instance_id": "5829374619"}},
         "labels": {"compute.googleapis.com/resource_name": "ingest-vm-01"}, "textPayload": "disk almost full"},
        {**base, "textPayload": "java.lang.IllegalStateException: bad 42\n\tat com.x.Foo.bar(Foo.java:1)\n\tat com.x.Main.main(Main.java:2)"},
        {**base, "textPayload": "TypeError: x is undefined\n    at handler (/app/index.js:3:9)\n    at process (node:internal/x:1:1)"},
        {**base, "textPayload": "panic: boom\n\ngoroutine 1 [running]:\nmain.main()\n\t/src/main.go:9 +0x1d"},
    ]


def _normalised(path: Path, fmt: str = "array") -> list[tuple]:
    fmt = {"newline_delimited": "jsonl"}.get(fmt, fmt)
    return duckdb.connect().sql(plan.normalised(duck.source_sql(str(path), fmt, "auto")) + " ORDER BY idx").fetchall()


def _check_against_python(path: Path, fmt: str = "array") -> tuple[int, int]:
    """(entries, odd ones): every entry the plan normalises itself equals normalize_row's row."""
    cache = EntryCache()
    rows = _normalised(path, fmt)
    odd = 0
    entries = list(iter_raw_entries(str(path)))
    assert len(rows) == len(entries)
    for row, entry in zip(rows, entries):
        idx, *fields = row
        if row[-2]:  # odd: left to normalize_row
            odd += 1
            # the entry as normalize_row reads it: the keys it reads, present and not null
            assert plan.entry_json(row[-1]) == {k: entry[k] for k in plan.ENTRY_KEYS if entry.get(k) is not None}
            continue
        want = normalize_row(entry, idx, cache)
        assert want is not None, entry
        assert tuple(fields[:12]) == want[:12], (entry, fields[:12], want[:12])
        # the mined text without the line's prefix, the writer the prefix names, a queue's delivery,
        # an operation's completion
        assert (row[-6], row[-5], row[-4], row[-3]) == (want[14].get(TEXT_KEY), want[14].get(SOURCE_KEY),
                                                        want[14].get(DELIVERY_KEY) == PUSH_DELIVERY,
                                                        want[14].get(OPERATION_KEY) == OPERATION_DONE), (entry, row[-6:-2])
    return len(rows), odd


@pytest.mark.parametrize("logs", incident_params())
def test_the_plan_normalises_every_incident_entry_as_normalize_row(logs: Path):
    n, odd = _check_against_python(logs)
    assert odd < n  # the plan does the common shapes itself


def test_the_plan_normalises_odd_shapes_or_leaves_them_to_normalize_row(tmp_path: Path):
    path = tmp_path / "odd.json"
    entries = _odd_entries()
    rnd = random.Random(3)
    for i in range(300):  # combinations of the shapes above
        a, b = rnd.sample(entries, 2)
        entries.append({**a, **{k: v for k, v in b.items() if k != "textPayload" or rnd.random() < 0.5}})
    path.write_text(json.dumps(entries))
    n, odd = _check_against_python(path)
    assert 0 < odd < n


class _Reads(dict):
    """An entry that records which of its keys are read."""

    def __init__(self, *args: object) -> None:
        super().__init__(*args)
        self.read: set[str] = set()

    def get(self, key, default=None):  # noqa: ANN001 - dict's signature
        self.read.add(key)
        return super().get(key, default)

    def __getitem__(self, key):  # noqa: ANN001
        self.read.add(key)
        return super().__getitem__(key)


def test_an_odd_rows_entry_holds_every_key_normalize_row_reads():
    """The plan decodes only plan.ENTRY_KEYS of an entry and rebuilds an odd row's entry from them:
    normalize_row must read nothing else (else an odd row would lose a field on the plan)."""
    read: set[str] = set()
    for entry in _odd_entries():
        watched = _Reads(entry)
        normalize_row(watched, 0, EntryCache())
        read |= watched.read
    assert read <= set(plan.ENTRY_KEYS), read - set(plan.ENTRY_KEYS)
    assert {"textPayload", "jsonPayload", "protoPayload", "httpRequest", "timestamp", "labels"} <= read


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    gen = runpy.run_path(str(ROOT / "bench" / "gen_logs.py"))
    out = tmp_path_factory.mktemp("gen") / "export.json"
    gen["generate"]("oom", 3, 6_000, str(out))
    return out


def test_the_plan_normalises_generated_logs(generated: Path):
    n, odd = _check_against_python(generated)
    assert odd < n / 5  # gunicorn's prefixed lines (15% here) are normalize_row's: ingest's line rules


def _messages() -> list[str]:
    msgs: set[str] = set()
    for logs in incident_logs():
        for rec in read_records(str(logs)):
            msgs.add(rec.message)
    rnd = random.Random(5)
    words = ["42", "-7", "3.14", "1.2.3.4", "0x1f", "12345678901", "123456789012", "a489c868f0c3f", "abc",
             "020e6aa8-62aa-47bd-bfd0-6ebfc4db4f19", "user=42", "10:05:07", "2025-09-15 21:41:18 +0000", "[x]", "{y}",
             "v2", "eth0", "HTTP/1.1", "5ms", "(42)", "42,", "\t", "\u00a0", "Jul 3 10:05:25"]
    for _ in range(3000):
        msgs.add(" ".join(rnd.choice(words) for _ in range(rnd.randint(1, 9))))
    return sorted(msgs)


def test_the_pre_mask_never_changes_the_masked_message():
    msgs = _messages()
    con = duckdb.connect()
    con.execute("CREATE TABLE t (m VARCHAR)")
    con.executemany("INSERT INTO t VALUES (?)", [(m,) for m in msgs])
    pre = con.sql(f"SELECT m, {plan.premask_sql('m')} FROM t").fetchall()
    masker = Masker()
    changed = 0
    for raw, pm in pre:
        if pm != raw:
            changed += 1
            assert masker.masked(pm, 64) == masker.masked(raw, 64), (raw, pm)
    assert changed > len(msgs) / 10  # it does pre-mask


def _summary(result) -> dict:  # noqa: ANN001
    """What must not depend on the engine: clusters and their counts by every key."""
    return {c.id: (c.template, c.count, c.by_severity, c.services, c.revisions, c.streams, c.timeline,
                   c.http_statuses, c.endpoints, c.first_seen, c.last_seen, c.exception, c.stack, c.params,
                   c.instances, c.top_instances, c.traces, c.latency, c.samples[0])
            for c in result.clusters}


@pytest.mark.parametrize("logs", incident_params(limit=8))
def test_mining_through_the_plan_equals_record_by_record(logs: Path):
    assert read_records(str(logs), engine="duckdb").reduction() is not None  # DuckDB reads it (no fallback)
    stats = ReadStats()
    planned, requests = mine_and_tally(read_records(str(logs), "auto", stats, "duckdb"), stats)
    plain_stats = ReadStats()
    plain = mine(list(read_records(str(logs), "auto", plain_stats)))
    assert _summary(planned) == _summary(plain)
    assert planned.total_entries == plain.total_entries
    assert planned.window_start == plain.window_start and planned.window_end == plain.window_end
    assert planned.revisions_first_seen == plain.revisions_first_seen
    assert planned.timeline == plain.timeline and planned.error_timeline == plain.error_timeline
    # links follow the order in which the stitcher lets held-back lines go, its sweeps included
    assert planned.links == plain.links
    assert stats.model_dump() == plain_stats.model_dump()


def test_texts_that_differ_only_in_digits_mine_as_record_by_record(tmp_path: Path):
    """Mining sees one text per digit shape when the masker writes the shape without a digit; the
    texts of shapes it may tell apart (versions, words with digits, 0x, ::1, HTTP versions) are
    mined one by one: the clusters equal the record-by-record path's."""
    rnd = random.Random(11)
    forms = ["job v{d} done in {d}ms", "GET /x/{d} HTTP/1.{d} {d}", "GET /y HTTP/{d} {d}", "node eth{d} up",
             "id 0x{d}f ok", "host ::{d} down", "key {d}{d}{d}ab{d} loaded", "retry {d} of {d}",
             "User u{d}@x.io enabled 2FA", "took ({d}.{d} s)", "worker-{d} exited with {d}", "eth{d}", "v{d}", "HTTP/1.{d}",
             "0x{d}", "::{d}"]
    entries = []
    for i in range(3000):
        text = rnd.choice(forms)
        while "{d}" in text:
            text = text.replace("{d}", str(rnd.choice([0, 1, 2, 7, 10, 12, 99, 2025])), 1)
        entries.append({"textPayload": text, "severity": rnd.choice(["INFO", "ERROR"]),
                        "timestamp": f"2025-01-01T00:{i // 60 % 60:02d}:{i % 60:02d}Z"})
    path = tmp_path / "digits.json"
    path.write_text(json.dumps(entries))
    assert read_records(str(path), engine="duckdb").reduction() is not None
    stats = ReadStats()
    planned, _ = mine_and_tally(read_records(str(path), "auto", stats, "duckdb"), stats)
    plain = mine(list(read_records(str(path))))
    assert _summary(planned) == _summary(plain)
    assert len(plain.clusters) >= 8


def _rca_mine(args: list[str], stdin: bytes | None = None) -> dict:
    engine = [] if "--engine" in args else ["--engine", "duckdb"]  # the plan, unless asked otherwise
    out = subprocess.run([sys.executable, "-m", "rca", "mine", *args, *engine, "--format", "json", "--no-progress"],
                         input=stdin, capture_output=True, check=True)
    return json.loads(out.stdout)


def _clusters(result: dict) -> dict:
    return {c["id"]: (c["count"], c["by_severity"], c["timeline"]) for c in result["clusters"]}


@pytest.mark.integration
def test_file_gzip_and_stdin_give_the_same_clusters(generated: Path, tmp_path: Path):
    gz = tmp_path / "export.json.gz"
    gz.write_bytes(gzip.compress(generated.read_bytes()))
    plain = _rca_mine(["--file", str(generated)])
    assert _clusters(_rca_mine(["--file", str(gz)])) == _clusters(plain)
    assert _clusters(_rca_mine(["--file", "-"], stdin=generated.read_bytes())) == _clusters(plain)
    assert _clusters(_rca_mine(["--file", str(gz), "--engine", "python"])) == _clusters(plain)  # record by record
    assert plain["read"]["entries_read"] > 6_000 * 0.9


def test_the_aggregates_transpile_to_bigquery():
    sqlglot = pytest.importorskip("sqlglot")
    limits = {"message_chars": 300, "messages_kept": 64, "sample_chars": 2000, "samples_kept": 5,
              "exact_latencies": 2048, "link_window_s": 5.0, "extremes": 16}
    for name, sql in plan.cluster_queries("logs.k", limits).items():
        out = sqlglot.transpile(sql, read="duckdb", write="bigquery")[0]
        assert "logs.k" in out, name


# ----------------------------------------------------------------------------- odd inputs (issue 14)


def _entries(n: int, start: int = 0) -> list[dict]:
    return [{"textPayload": f"request {i} served in {i % 7} ms", "severity": "INFO",
             "timestamp": f"2025-01-01T00:{(start + i) // 60 % 60:02d}:{(start + i) % 60:02d}Z"} for i in range(n)]


def _mine_file(path: Path) -> dict:
    return _rca_mine(["--file", str(path)])


@pytest.mark.integration
def test_multi_member_gzip_reads_like_the_plain_file(tmp_path: Path):
    """`cat a.gz b.gz` (log rotation, `gzip` appending): every member is read (issue 14 B)."""
    a, b = _entries(300), _entries(200, start=300)
    lines = tmp_path / "logs.jsonl"
    lines.write_text("".join(json.dumps(e) + "\n" for e in a + b))
    members = tmp_path / "members.jsonl.gz"
    members.write_bytes(gzip.compress("".join(json.dumps(e) + "\n" for e in a).encode())
                        + gzip.compress("".join(json.dumps(e) + "\n" for e in b).encode()))
    assert _clusters(_mine_file(members)) == _clusters(_mine_file(lines))
    arrays = tmp_path / "arrays.json.gz"  # two gcloud exports, one gzip member each
    arrays.write_bytes(gzip.compress(json.dumps(a).encode()) + gzip.compress(json.dumps(b).encode()))
    got = _mine_file(arrays)
    assert got["total_entries"] == 500 and _clusters(got) == _clusters(_mine_file(lines))


@pytest.mark.integration
def test_out_of_range_timestamps_are_no_timestamps(tmp_path: Path):
    """A time beyond year 9999 or before year 1 neither aborts the run nor stretches the window
    (issue 14 F)."""
    path = tmp_path / "logs.json"
    path.write_text(json.dumps(_entries(20) + [{"textPayload": "far", "timestamp": {"seconds": 253402300800}},
                                               {"textPayload": "early", "timestamp": -1e12}]))
    got = _mine_file(path)
    assert got["read"]["no_timestamp"] == 2 and got["total_entries"] == 22
    assert got["window_start"].startswith("2025-01-01") and got["window_end"].startswith("2025-01-01")


@pytest.mark.integration
def test_an_oversized_entry_in_a_gzip_file_is_cut(tmp_path: Path):
    """A 20 MB message inside a .gz (issue 14 E): read, the message cut to 64 KiB, said so."""
    entries = _entries(50)
    entries[10]["textPayload"] = "huge " + "x" * 20_000_000
    path = tmp_path / "logs.json.gz"
    path.write_bytes(gzip.compress(json.dumps(entries).encode(), compresslevel=1))
    got = _mine_file(path)
    assert got["total_entries"] == 50
    assert any("truncated" in n for n in got["read"]["notes"])
    assert max(len(s) for c in got["clusters"] for s in c["samples"]) <= 70_000


# ----------------------------------------------------------------------------- lines with their own prefix


def _prefixed_export(seed: int) -> list[dict]:
    """A gcloud export (newest first) of containers printing text lines with their own prefixes
    (oslo.log, log4j, glog, logfmt, Python logging), tracebacks one line per entry with and without
    the prefix (Python, Java, Go, Node) and access lines, on a platform that logs requests itself
    and on one that does not. Built here: no real log text."""
    rnd = random.Random(seed)
    out: list[dict] = []
    t = [1_757_000_000.0]

    def add(text: str, pod: str, stream: str = "stderr", sev: str | None = None, rtype: str = "k8s_container",
            same_instant: bool = False) -> None:
        if not same_instant:
            t[0] += rnd.choice((0.0004, 0.01, 0.3, 1.5))
        stamp = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(t[0])) + f".{int(t[0] % 1 * 1e6):06d}Z"
        entry = {"timestamp": stamp, "textPayload": text, "logName": f"projects/p/logs/{stream}",
                 "resource": {"type": rtype, "labels": {"container_name": pod.split("-")[0], "pod_name": pod}}}
        if sev is not None:
            entry["severity"] = sev
        out.append(entry)

    def stamp() -> str:
        return time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(t[0])) + f".{rnd.randint(0, 999):03d}"

    def oslo(level: str, logger: str, msg: str, pid: int, pod: str, same: bool = False) -> None:
        add(f"{stamp()} {pid} {level} {logger} [req-{rnd.randint(1, 9)}a2b - - - - -] {msg}", pod,
            sev=rnd.choice(("ERROR", "INFO", None)), same_instant=same)

    py_trace = ["Traceback (most recent call last):", '  File "/usr/lib/svc/manager.py", line 42, in attach',
                "    volume = self.db.get(ctx, volume_id)", '  File "/usr/lib/svc/db.py", line 7, in get',
                "    return rows[key]", "KeyError: 'attach_mode'"]
    java = ["java.lang.IllegalStateException: order 42 rejected", "\tat com.shop.Orders.place(Orders.java:88)",
            "\tat com.shop.Api.handle(Api.java:12)", "Caused by: java.io.IOException: connection reset",
            "\tat com.shop.Db.query(Db.java:31)", "\t... 2 more"]
    go = ["panic: runtime error: index out of range [3] with length 3", "", "goroutine 1 [running]:",
          "main.handler(0xc000012345)", "\t/app/main.go:27 +0x1d", "exit status 2"]
    node = ["TypeError: Cannot read properties of undefined (reading 'id')",
            "    at getUser (/app/users.js:14:22)", "    at process.processTicksAndRejections (node:internal/process:95:5)"]
    for i in range(400):
        pod = rnd.choice(("cinder-1", "cinder-2", "shop-1", "edge-1"))
        pid = rnd.choice((1234, 5678))
        r = rnd.random()
        if r < 0.25:
            oslo(rnd.choice(("INFO", "DEBUG", "WARNING", "ERROR")), rnd.choice(("svc.api", "svc.volume.manager")),
                 rnd.choice((f"Volume {rnd.randint(1, 99)} attached to {rnd.randint(100, 999)}",
                             f"Lock acquired by {rnd.randint(1, 9)} :: waited 0.00{rnd.randint(1, 9)}s",
                             "Exception during message handling: KeyError: 'attach_mode'")), pid, pod)
        elif r < 0.32:  # a Python traceback, the prefix on every line, at one instant
            oslo("ERROR", "oslo_messaging.rpc.server", py_trace[0], pid, pod)
            for line in py_trace[1:]:
                oslo(rnd.choice(("ERROR", "TRACE")), "oslo_messaging.rpc.server", line, pid, pod, same=True)
        elif r < 0.37:  # the same without a prefix, one line per entry
            for k, line in enumerate(py_trace):
                add(line, pod, same_instant=k > 0)
        elif r < 0.45:
            add(f"{stamp()} [http-nio-8080-exec-{rnd.randint(1, 4)}] {rnd.choice(('ERROR', 'WARN', 'INFO'))} "
                f"c.s.OrderService - order {rnd.randint(1, 500)} failed: timeout after {rnd.randint(1, 9)}s", pod,
                stream="stdout", sev="INFO")
        elif r < 0.5:
            for k, line in enumerate(java):
                add(line, pod, sev=rnd.choice(("ERROR", None)), same_instant=k > 0)
        elif r < 0.57:
            add(f"E0916 14:30:{rnd.randint(10, 59)}.{rnd.randint(100000, 999999)}    7 server.go:42] "
                f"dial tcp 10.0.0.{rnd.randint(1, 9)}:5432: connect: connection refused", pod)
        elif r < 0.6:
            for k, line in enumerate(go):
                add(line, pod, same_instant=k > 0)
        elif r < 0.63:
            for k, line in enumerate(node):
                add(line, pod, stream="stdout", sev="INFO", same_instant=k > 0)
        elif r < 0.7:
            add(f'level=error ts=2025-09-16T14:30:0{rnd.randint(0, 9)}Z caller=db.go:7 msg="query failed" '
                f'err="timeout after {rnd.randint(1, 9)}s"', pod, stream="stdout", sev="INFO")
        elif r < 0.76:
            add(rnd.choice((f"ERROR:app.db:connection to db-{rnd.randint(1, 3)} refused",
                            f"2025-09-16 14:30:04,{rnd.randint(100, 999)} - app.cache - WARNING - slow get {rnd.randint(1, 99)}",
                            "WARNING:  worker timeout (pid:12)")), pod, sev=rnd.choice((None, "DEFAULT")))
        elif r < 0.78:  # MySQL's error log and fluent-bit on stderr: the level inside tells a note from an error
            add(rnd.choice((f"{stamp().replace(' ', 'T')}Z {rnd.randint(1, 90000)} [Note] [MY-010914] [Server] Aborted connection "
                            f"{rnd.randint(1, 9000)} to db: 'shop' (Got timeout reading communication packets).",
                            f"{stamp().replace(' ', 'T')}Z 0 [ERROR] [MY-012574] [InnoDB] Unable to lock ./ibdata1 error: 11",
                            f"[{stamp()[:19].replace('-', '/')}] [ warn] [input:tail:tail.0] file=/var/log/x{rnd.randint(1, 9)}.log rotated")),
                pod)
        elif r < 0.8:  # Rails: Ruby's Logger prefix, the request id as a tag, the request's own line
            tag = f"[{rnd.randint(10**7, 10**8 - 1):x}-{rnd.randint(1000, 9999)}]"
            add(rnd.choice((f"I, [{stamp().replace(' ', 'T')} #1]  INFO -- : {tag} Completed "
                            f"{rnd.choice(('200 OK', '500 Internal Server Error'))} in {rnd.randint(2, 900)}ms",
                            f"E, [{stamp().replace(' ', 'T')} #1] ERROR -- : {tag} PG::QueryCanceled: canceling statement")),
                pod, stream="stdout", sev="INFO")
        elif r < 0.88:
            status = rnd.choice((200, 200, 503, 404))
            line = rnd.choice((f'10.0.0.{rnd.randint(1, 9)} - - [16/Sep/2025:14:30:05 +0000] "GET /api/items/{rnd.randint(1, 9)} '
                               f'HTTP/1.1" {status} 12 "-" "curl/8" rt={rnd.randint(1, 900) / 1000}',
                               f"POST /api/orders {status} {rnd.randint(1, 90)}.5 ms",
                               # HAProxy's httplog after a syslog prefix: the status before the request
                               f"<134>Sep 16 14:30:05 lb haproxy[12]: 10.0.0.{rnd.randint(1, 9)}:5555 "
                               f"[16/Sep/2025:14:30:05.123] fe be/srv1 0/0/1/{rnd.randint(1, 90)}/{rnd.randint(91, 200)} "
                               f'{status} 312 - - ---- 3/3/1/1/0 0/0 "GET /api/cart/{rnd.randint(1, 9)} HTTP/1.1"',
                               f"router: completed GET /repo/{rnd.randint(1, 9)} for 10.0.0.2:0, {status} OK in 3.5ms",
                               f'level=warn caller=logging.go:86 msg="POST /api/v1/push ({status}) 1.{rnd.randint(1, 9)}s"',
                               f'level=info msg="Request Completed" method=GET path=/api/q status={status} '
                               f"duration={rnd.randint(1, 900)}ms"))
            add(line, pod, stream="stdout", rtype=rnd.choice(("k8s_container", "cloud_run_revision")))
        else:
            add(rnd.choice((f"Starting worker {rnd.randint(1, 9)}", "Connection pool exhausted",
                            "fatal error: concurrent map writes", f"Syncing {rnd.randint(1, 99)} items")), pod,
                stream="stdout", sev="INFO")
    out.reverse()  # gcloud lists entries newest first
    return out


@pytest.mark.integration
@pytest.mark.parametrize("seed", [1, 2])
def test_prefixed_text_lines_mine_through_the_plan_as_record_by_record(tmp_path: Path, seed: int):
    """Text lines with their own prefixes, traces and access lines: `rca mine --format json`
    through the plan gives what the record-by-record path gives (templates mined from the line
    without its prefix, embedded levels, folded traces named by their headline, access lines as
    requests), and the raw line stays the sample."""
    path = tmp_path / "prefixed.json"
    path.write_text(json.dumps(_prefixed_export(seed)))
    assert read_records(str(path), engine="duckdb").reduction() is not None  # DuckDB reads it (no fallback)
    got = _rca_mine(["--file", str(path)])
    stats = ReadStats()
    want = mine(list(read_records(str(path), "auto", stats)))
    want.read = stats
    want = json.loads(render_mining_json(Redactor().tree(want)))

    def comparable(result: dict) -> dict:
        return {c["id"]: {**c, "samples": c["samples"][:1]} for c in result["clusters"]}

    assert comparable(got) == comparable(want)
    for key in ("total_entries", "by_severity", "window_start", "window_end", "timeline", "error_timeline", "read"):
        assert got[key] == want[key], key
    # links follow the order in which the stitcher lets held-back lines go (its periodic sweep
    # of stale buffers included: the prefixed traces of one writer stay buffered long here)
    assert got["links"] == want["links"]
    # what the rules did, seen in the result
    templates = {c["template"] for c in got["clusters"]}
    assert not any(t.startswith("<") and "ERROR" in t for t in templates)  # no prefix mined
    folded = [c for c in got["clusters"] if c["stack"]]
    assert {c["exception"] for c in folded} >= {"KeyError", "java.io.IOException", "panic", "TypeError"}
    assert any(c["http_statuses"].get("503") for c in got["clusters"])
    assert any(s.startswith("20") and "oslo_messaging" in s for c in got["clusters"] for s in c["samples"])


def test_a_vm_is_named_by_its_name_label_by_both_engines(tmp_path: Path):
    """A GCE entry carries the VM's numeric id and, from the Ops Agent, its name: the instance the
    report shows (and links lines by) is the name an engineer knows the VM by."""
    entry = {"timestamp": "2025-03-02T10:00:00Z", "logName": "projects/p/logs/syslog", "textPayload": "disk almost full",
             "resource": {"type": "gce_instance", "labels": {"instance_id": "5829374619"}},
             "labels": {"compute.googleapis.com/resource_name": "ingest-vm-01"}}
    path = tmp_path / "vm.json"
    path.write_text(json.dumps([entry, {**entry, "labels": {}}]))
    rows = normalize_row(entry, 0, EntryCache()), normalize_row({**entry, "labels": {}}, 1, EntryCache())
    assert [r[5] for r in rows] == ["ingest-vm-01", "5829374619"]  # (ts, severity, message, service, revision, instance, ...)
    assert [r[6] for r in _normalised(path)] == ["ingest-vm-01", "5829374619"]  # the plan's rows lead with idx


def test_latencies_past_the_exact_buffer_agree_between_the_engines(tmp_path: Path):
    """Past the exact buffer both engines bucket latencies alike (whole ms below a minute, four
    significant digits above), so a cluster's p50/p95 are the same whichever engine read the file."""
    rnd = random.Random(9)
    entries = []
    for i in range(5_000):
        lat = rnd.choice((rnd.uniform(0.001, 59.9), 60 + rnd.uniform(0.0, 0.5), rnd.uniform(100, 5000)))
        stamp = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(1_757_000_000 + i * 0.5)) + "Z"
        entries.append({"timestamp": stamp, "severity": "ERROR", "logName": "projects/p/logs/requests",
                        "resource": {"type": "http_load_balancer", "labels": {}},
                        "httpRequest": {"requestMethod": "GET", "requestUrl": "https://x.example/api/items",
                                        "status": 504, "latency": f"{lat:.6f}s"}})
    entries.reverse()
    path = tmp_path / "lb.json"
    path.write_text(json.dumps(entries))
    got = _rca_mine(["--file", str(path)])
    want = json.loads(render_mining_json(Redactor().tree(mine(list(read_records(str(path), "auto", ReadStats()))))))
    lat_got = [c["latency"] for c in got["clusters"] if c["latency"]["count"]]
    lat_want = [c["latency"] for c in want["clusters"] if c["latency"]["count"]]
    assert lat_got == lat_want and lat_got and lat_got[0]["count"] == 5_000
