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
from pathlib import Path

import duckdb
import pytest
from corpora import incident_logs

from rca.mining import mine
from rca.mining.masking import Masker
from rca.models import ReadStats
from rca.pipeline import mine_and_tally
from rca.sources import plan, read_records
from rca.sources.gcloud import EntryCache, normalize_row
from rca.sources.reader import iter_raw_entries

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
        {**base, "httpRequest": {"requestMethod": "POST", "requestUrl": "https://x.io/a/b?q=1", "status": "503",
                                 "latency": "1.25s"}, "trace": "projects/p/traces/abc123"},
        {**base, "httpRequest": {"requestUrl": "api/items#frag", "status": 404, "latency": 0.0004}},
        {**base, "httpRequest": {"requestMethod": "GET", "requestUrl": "https://x.io", "status": 200,
                                 "latency": "150.5s"}, "severity": "DEFAULT"},
        {**base, "protoPayload": {"status": {"code": 7, "message": "denied"}, "methodName": "Get"}},
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
    ]


def _normalised(path: Path, fmt: str = "array") -> list[tuple]:
    cols = "{" + ", ".join(f"{plan.q(k)}: 'JSON'" for k in plan.ENTRY_FIELDS) + "}"
    source = (f"(SELECT ordinality - 1 AS idx, * FROM read_json({plan.q(str(path))}, format='{fmt}', "
              f"columns={cols}) WITH ORDINALITY)")
    return duckdb.connect().sql(plan.normalised(source) + " ORDER BY idx").fetchall()


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
            assert json.loads(row[-1]).keys() <= set(plan.ENTRY_FIELDS)
            continue
        want = normalize_row(entry, idx, cache)
        assert want is not None, entry
        assert tuple(fields[:12]) == want[:12], (entry, fields[:12], want[:12])
    return len(rows), odd


@pytest.mark.parametrize("logs", incident_logs(), ids=lambda p: p.parent.name)
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


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    gen = runpy.run_path(str(ROOT / "bench" / "gen_logs.py"))
    out = tmp_path_factory.mktemp("gen") / "export.json"
    gen["generate"]("oom", 3, 6_000, str(out))
    return out


def test_the_plan_normalises_generated_logs(generated: Path):
    n, odd = _check_against_python(generated)
    assert odd < n / 10


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
                   c.instances, c.traces, c.latency, c.samples[0])
            for c in result.clusters}


@pytest.mark.parametrize("logs", incident_logs()[:8], ids=lambda p: p.parent.name)
def test_mining_through_the_plan_equals_record_by_record(logs: Path):
    stats = ReadStats()
    planned, requests = mine_and_tally(read_records(str(logs), "auto", stats), stats)
    plain_stats = ReadStats()
    plain = mine(list(read_records(str(logs), "auto", plain_stats)))
    assert _summary(planned) == _summary(plain)
    assert planned.total_entries == plain.total_entries
    assert planned.window_start == plain.window_start and planned.window_end == plain.window_end
    assert planned.revisions_first_seen == plain.revisions_first_seen
    assert planned.timeline == plain.timeline and planned.error_timeline == plain.error_timeline
    # Links follow the order the stitcher lets held-back lines go, which the plan reproduces but
    # for its periodic sweep of stale buffers: a few counts may differ by one.
    a = {(link.source, link.target, link.via): link.count for link in planned.links}
    b = {(link.source, link.target, link.via): link.count for link in plain.links}
    assert sum(abs(a.get(k, 0) - b.get(k, 0)) for k in a.keys() | b.keys()) <= 0.02 * sum(b.values()) + 3
    assert stats.model_dump() == plain_stats.model_dump()


def _rca_mine(args: list[str], stdin: bytes | None = None) -> dict:
    out = subprocess.run([sys.executable, "-m", "rca", "mine", *args, "--format", "json", "--no-progress"],
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
    assert plain["read"]["entries_read"] > 6_000 * 0.9


def test_the_aggregates_transpile_to_bigquery():
    sqlglot = pytest.importorskip("sqlglot")
    limits = {"message_chars": 300, "messages_kept": 64, "sample_chars": 2000, "samples_kept": 5,
              "exact_latencies": 2048, "link_window_s": 5.0}
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
def test_one_bad_utf8_byte_costs_one_character_not_the_file(tmp_path: Path):
    """One invalid UTF-8 byte inside one entry of an array (issue 14 G): the entry is read with the
    byte replaced, and the read notes say where."""
    good = _entries(100)
    data = (json.dumps(good[:50], indent=1)[:-1].encode()
            + b',\n{"textPayload": "bad \xff byte", "timestamp": "2025-01-01T00:01:00Z"},\n'
            + json.dumps(good[50:], indent=1)[1:].encode())
    path = tmp_path / "logs.json"
    path.write_bytes(data)
    got = _mine_file(path)
    assert got["total_entries"] == 101
    assert any("invalid UTF-8" in n and "entry 50" in n for n in got["read"]["notes"])


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
