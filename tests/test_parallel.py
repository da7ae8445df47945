"""The fast path equals the straightforward path: same clusters, counts, statistics and read stats.

`mine_and_tally` on a `read_records` stream of a large file reads it with worker processes
(rca.mining.parallel); RCA_WORKERS=1 forces the straightforward single-process path. Both must
give the same MiningResult (every field, samples and links included), RequestStats and ReadStats.
"""

from __future__ import annotations

import gzip
import json
import random
import re
import runpy
import shutil
from pathlib import Path

import pytest
from corpora import incident_logs

from rca.mining import masking
from rca.mining import parallel as par
from rca.models import LogRecord, ReadStats
from rca.pipeline import mine_and_tally, mine_records
from rca.sources import read_records
from rca.sources.tracebacks import RowStitcher, row_kind, stitch_rows

ROOT = Path(__file__).resolve().parents[1]


def _incident_logs() -> list[Path]:
    return incident_logs("logs*")


def _plain(path: Path, tmp_path: Path) -> Path:
    """An uncompressed copy (the parallel path reads regular uncompressed files)."""
    if path.read_bytes()[:2] != b"\x1f\x8b":
        return path
    out = tmp_path / (path.parent.name + ".json")
    with gzip.open(path, "rb") as src, open(out, "wb") as dst:
        shutil.copyfileobj(src, dst)
    return out


def _run(path: Path, monkeypatch: pytest.MonkeyPatch, workers: str, segment: int = 0, tally: bool = True):
    monkeypatch.setenv("RCA_WORKERS", workers)
    if segment:
        monkeypatch.setenv("RCA_SEGMENT_BYTES", str(segment))
    else:
        monkeypatch.delenv("RCA_SEGMENT_BYTES", raising=False)
    par.last_mode = ""
    stats = ReadStats()
    progress: list[int] = []
    records = read_records(str(path), "auto", stats)
    if tally:
        mining, requests = mine_and_tally(records, stats, progress.append)
        req = requests.model_dump(mode="json")
    else:
        mining, req = mine_records(records, stats, progress.append), None
    return mining.model_dump(mode="json"), req, stats.model_dump(mode="json"), progress, par.last_mode


def _same(a, b) -> None:
    (ma, ra, sa, pa, _), (mb, rb, sb, pb, _) = a, b
    assert sa == sb
    assert ma["total_entries"] == mb["total_entries"]
    assert [c["id"] for c in ma["clusters"]] == [c["id"] for c in mb["clusters"]]
    for ca, cb in zip(ma["clusters"], mb["clusters"]):
        assert ca == cb, ca["id"]
    assert ma == mb
    assert ra == rb
    assert pa[-1] == pb[-1] == ma["total_entries"]


@pytest.mark.skipif(not _incident_logs(), reason="no incident folders")
@pytest.mark.parametrize("logs", _incident_logs(), ids=lambda p: p.parent.name)
def test_parallel_equals_straightforward_on_incidents(logs: Path, tmp_path: Path, monkeypatch):
    path = _plain(logs, tmp_path)
    one = _run(path, monkeypatch, "1")
    assert one[4] == ""  # the straightforward path
    # Small segments so that even a small incident is cut into many pieces.
    two = _run(path, monkeypatch, "2", segment=64 * 1024)
    if path.read_bytes().lstrip()[:1] == b"[" and path.stat().st_size > 3 * 64 * 1024:
        assert two[4] == "parallel"
    _same(one, two)


@pytest.fixture(scope="module")
def big_export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """~150k generated entries (~150 MB): large enough for the automatic choice of workers."""
    gen = runpy.run_path(str(ROOT / "bench" / "gen_logs.py"))
    out = tmp_path_factory.mktemp("big") / "export.json"
    gen["generate"]("oom", 3, 150_000, str(out))
    return out


def test_parallel_equals_straightforward_on_a_generated_export(big_export: Path, monkeypatch):
    assert big_export.stat().st_size >= par.PARALLEL_MIN_BYTES
    monkeypatch.setattr(par, "_cpus", lambda: 2)
    fast = _run(big_export, monkeypatch, "")  # automatic choice
    assert fast[4] == "parallel"
    slow = _run(big_export, monkeypatch, "1")
    assert slow[4] == ""
    _same(slow, fast)
    assert fast[3] == sorted(fast[3]) and fast[3][0] == 10_000  # progress still moves


def test_parallel_jsonl_and_mine_records(big_export: Path, tmp_path: Path, monkeypatch):
    """JSON lines are cut at newlines; `mine_records` (rca mine) takes the same path."""
    lines = tmp_path / "export.jsonl"
    entries = json.loads(big_export.read_bytes()[:8_000_000].rsplit(b"},", 1)[0] + b"}]")
    with open(lines, "wb") as f:
        for e in entries:
            f.write(json.dumps(e).encode() + b"\n")
    one = _run(lines, monkeypatch, "1", tally=False)
    two = _run(lines, monkeypatch, "3", segment=256 * 1024, tally=False)
    assert two[4] == "parallel"
    _same(one, two)


def _export(tmp_path: Path, entries: list[dict], indent: int | None = 2) -> Path:
    p = tmp_path / "logs.json"
    p.write_text(json.dumps(entries, indent=indent))
    return p


def _entries(n: int, seed: int = 1) -> list[dict]:
    rnd = random.Random(seed)
    out = []
    for i in range(n):
        ts = f"2025-09-16T14:{59 - i * 60 // n:02d}:{rnd.randrange(60):02d}.{rnd.randrange(10**6):06d}Z"
        inst = f"inst{rnd.randrange(5)}"
        kind = rnd.randrange(4)
        if kind == 0:
            e = {"textPayload": f"user {rnd.randrange(10**6)} logged in from 10.0.{rnd.randrange(9)}.{rnd.randrange(99)}"}
        elif kind == 1:
            e = {"httpRequest": {"requestMethod": "GET", "requestUrl": f"https://x.io/api/items/{rnd.randrange(99)}",
                                 "status": rnd.choice([200, 200, 503]), "latency": f"{rnd.random():.4f}s"}}
        elif kind == 2:
            e = {"jsonPayload": {"message": "job done", "items": [{"id": j, "tags": [{"k": "v"}]} for j in range(3)]}}
        else:
            e = {"textPayload": rnd.choice(["Traceback (most recent call last):", '  File "/app/x.py", line 3, in f',
                                            "    f()", "ValueError: bad value"])}
        e.update({"timestamp": ts, "labels": {"instanceId": inst}, "severity": rnd.choice(["INFO", "ERROR", "DEFAULT"]),
                  "logName": "projects/p/logs/run.googleapis.com%2Fstderr",
                  "resource": {"type": "cloud_run_revision", "labels": {"service_name": "svc"}}})
        out.append(e)
    return out


@pytest.mark.parametrize("indent", [2, None], ids=["pretty", "minified"])
def test_nested_arrays_and_minified_input(tmp_path: Path, monkeypatch, indent):
    """Cuts must not land inside nested arrays of objects; a minified array is read in one piece."""
    path = _export(tmp_path, _entries(3000), indent)
    one = _run(path, monkeypatch, "1")
    two = _run(path, monkeypatch, "2", segment=64 * 1024)
    _same(one, two)
    assert two[4] == ("parallel" if indent else "")


def _odd_entries() -> list[object]:
    """Entries whose rows hold every kind of value: frames, an exception chain, HTTP fields from
    strings, proto payloads, no timestamp, odd severities; and values that are skipped."""
    chained = ("Traceback (most recent call last):\n  File \"/app/a.py\", line 1, in f\n    g()\nKeyError: 'x'\n\n"
               "The above exception was the direct cause of the following exception:\n\n"
               "Traceback (most recent call last):\n  File \"/app/b.py\", line 2, in h\n    f()\nRuntimeError: boom")
    base = {"timestamp": "2025-09-16T14:30:00.5Z", "logName": "projects/p/logs/app%2Fstdout",
            "resource": {"type": "k8s_container", "labels": {"container_name": "api", "pod_name": "api-1"}}}
    odd: list[object] = [
        {**base, "jsonPayload": {"message": chained}, "severity": "ERROR"},
        {**base, "jsonPayload": {"message": "ValueError: bad input", "level": "warn"}},
        {**base, "httpRequest": {"requestMethod": "POST", "requestUrl": "https://x.io/a/b?q=1", "status": "503",
                                 "latency": "1.25s"}, "trace": "projects/p/traces/abc123"},
        {**base, "protoPayload": {"status": {"code": 7, "message": "denied"}, "methodName": "Get"}},
        {"jsonPayload": {"msg": "no time here", "extra": [1, 2.5, None]}, "severity": 300},
        {**base, "textPayload": '{"message": "structured as text", "severity": "CRITICAL"}', "severity": "INFO"},
        {**base, "timestamp": "2025-09-16 14:30:00", "textPayload": "odd time \u00e9\u2192 \U0001f600"},
        42,
        {**base},  # no payload
    ]
    return odd


def test_rows_from_the_workers_are_the_straightforward_rows(tmp_path: Path):
    """What the parent gets from the workers (each segment's rows encoded, sent and decoded) are
    the straightforward reader's rows, value for value and type for type, in the same order, with
    the masked message after them."""
    from rca.mining.masking import Masker
    from rca.sources.gcloud import EntryCache
    from rca.sources.reader import _json_rows

    entries: list[object] = _entries(3000, seed=5)
    odd = _odd_entries()
    for k, pos in enumerate(range(7, 3000, 97)):
        entries.insert(pos, odd[k % len(odd)])
    path = _export(tmp_path, entries)
    stats = ReadStats()
    stream = read_records(str(path), "auto", stats)
    want = [row for row, _ in _json_rows(stream.src, stream.fmt, stats)]
    stream.close()

    plan = par.Plan(None, str(path), "array", 0, path.stat().st_size, 2, 64 * 1024)
    assert par._segment_count(plan) > 5
    cache, masker, plain = EntryCache(), masking.Masker(2_000), Masker(0)
    got: list[tuple] = []
    offset = 0
    with open(path, "rb") as f:
        for j in range(par._segment_count(plan)):
            ok, payload = par._decode(par._encode((True, par._read_segment(f.fileno(), plan, j, cache, masker, 64))))
            assert ok
            entries_read, rows = payload[0], payload[1]
            for row in rows:
                assert row[13] >> par._ENTRY_BITS == j
                got.append((offset + (row[13] & par._POSITION), row))
            offset += entries_read
    assert offset == len(entries) and len(got) == len(want)
    kinds = set()
    for (index, g), w in zip(got, want):
        assert len(g) == 16 and index == w[13]
        fields = g[:13] + g[14:15]
        assert [type(v) for v in fields] == [type(v) for v in w[:13] + w[14:15]]
        assert repr(fields) == repr(w[:13] + w[14:15])  # floats bit for bit, bool is not int
        assert g[15] == " ".join(plain.tokens(w[2], 64))
        kinds.update(type(v).__name__ for v in g)
        kinds.update(f"extra:{k}" for k in g[14])
    assert {"NoneType", "float", "int", "str", "tuple", "dict", "extra:exception_chain"} <= kinds
    assert any(g[12] for _, g in got) and any(g[0] is None for _, g in got)


class _Name(str):
    """A str subclass: marshal does not write it."""


def test_messages_marshal_can_not_write_go_as_pickles():
    row = (1.5, "a", None, (), {}, True, 2**40, -0.0, float("inf"), ("f",), {"k": "v"})
    for msg in [(True, (2, [row, row[::-1]], [0, 1], {}, {"INFO": 2}, 0, [])),
                (True, (1, [(_Name("x"), 2)], [0], {}, {}, 0, [])), (False, "a reason")]:
        back = par._decode(memoryview(bytearray(par._encode(msg))))  # read from a buffer, as the parent does
        assert back == msg and repr(back) == repr(msg)
        if msg[0]:
            assert [[type(v) for v in r] for r in back[1][1]] == [[type(v) for v in r] for r in msg[1][1]]
    assert par._encode((True, [(_Name("x"),)]))[0] == 0x80  # pickled
    assert par._encode((True, [("x",)]))[0] != 0x80  # marshalled


def test_a_segment_the_workers_cannot_read_falls_back(tmp_path: Path, monkeypatch):
    """A string over 64 KiB (cut by the streaming reader) or a broken entry: the parallel attempt
    is dropped and the straightforward reader reads the file, so the results are the same."""
    entries = _entries(3000)
    entries[1700]["textPayload"] = "huge " + "x" * 100_000
    path = _export(tmp_path, entries)
    one = _run(path, monkeypatch, "1")
    two = _run(path, monkeypatch, "2", segment=64 * 1024)
    assert two[4] == "fallback"
    _same(one, two)
    assert any("truncated" in n for n in two[2]["notes"])


def test_a_truncated_file_falls_back_with_the_same_notes(tmp_path: Path, monkeypatch):
    path = _export(tmp_path, _entries(3000))
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 300])  # cut inside the last entry
    one = _run(path, monkeypatch, "1")
    two = _run(path, monkeypatch, "2", segment=64 * 1024)
    assert two[4] == "fallback"
    _same(one, two)
    assert one[2]["truncated"]


# --------------------------------------------------------------------------- gzip files


@pytest.mark.skipif(not _incident_logs(), reason="no incident folders")
@pytest.mark.parametrize("logs", [p for p in _incident_logs() if p.name.endswith(".gz")][:6],
                         ids=lambda p: p.parent.name)
def test_gzip_files_in_parallel_equal_straightforward(logs: Path, monkeypatch):
    one = _run(logs, monkeypatch, "1")
    two = _run(logs, monkeypatch, "2", segment=64 * 1024)
    assert two[4] == "parallel"
    _same(one, two)


def test_gzip_generated_export_and_jsonl(big_export: Path, tmp_path: Path, monkeypatch):
    gz = tmp_path / "export.json.gz"
    with open(big_export, "rb") as src, gzip.open(gz, "wb", compresslevel=1) as dst:
        shutil.copyfileobj(src, dst)
    monkeypatch.setattr(par, "_cpus", lambda: 2)
    fast = _run(gz, monkeypatch, "")  # automatic choice: big enough compressed
    assert fast[4] == "parallel"
    _same(_run(gz, monkeypatch, "1"), fast)
    lines = tmp_path / "export.jsonl.gz"
    entries = json.loads(big_export.read_bytes()[:3_000_000].rsplit(b"\n  },\n", 1)[0] + b"\n  }\n]")
    lines.write_bytes(gzip.compress(b"".join(json.dumps(e).encode() + b"\n" for e in entries)))
    two = _run(lines, monkeypatch, "3", segment=128 * 1024, tally=False)
    assert two[4] == "parallel"
    _same(_run(lines, monkeypatch, "1", tally=False), two)


def test_truncated_or_odd_gzip_files_fall_back_with_the_same_notes(tmp_path: Path, monkeypatch):
    path = _export(tmp_path, _entries(3000))
    gz = tmp_path / "logs.json.gz"
    data = gzip.compress(path.read_bytes())
    gz.write_bytes(data[: len(data) * 2 // 3])  # a download cut short
    one = _run(gz, monkeypatch, "1")
    two = _run(gz, monkeypatch, "2", segment=64 * 1024)
    assert two[4] == "fallback"
    _same(one, two)
    assert one[2]["truncated"]
    entries = _entries(3000)
    entries[2100]["textPayload"] = "huge " + "x" * 100_000  # a string the reader truncates
    gz.write_bytes(gzip.compress(_export(tmp_path, entries).read_bytes()))
    one = _run(gz, monkeypatch, "1")
    two = _run(gz, monkeypatch, "2", segment=64 * 1024)
    assert two[4] == "fallback"
    _same(one, two)


def test_stdin_and_small_files_stay_in_one_process(tmp_path: Path, monkeypatch):
    path = _export(tmp_path, _entries(50))
    monkeypatch.delenv("RCA_WORKERS", raising=False)
    assert par.plan_for(read_records(str(path))) is None  # small
    gz = tmp_path / "logs.json.gz"
    gz.write_bytes(gzip.compress(path.read_bytes()))
    assert par.plan_for(read_records(str(gz))) is None  # a small gzip file
    monkeypatch.setenv("RCA_WORKERS", "2")
    assert par.plan_for(read_records(str(gz))).gzip  # forced: a reader process decompresses
    stream = read_records(str(path))
    next(stream)
    assert par.plan_for(stream) is None  # already started
    assert par.plan_for(iter([])) is None  # not a file stream


# --------------------------------------------------------------------------- the pieces


_reference_tokens = masking.plain_tokens


def test_masking_caches_and_shortcuts_change_nothing():
    rnd = random.Random(7)
    alphabet = "0123456789abcdefxX:./-_=\"'@ ,;()[]{}msKBhZ+%~"
    words = ["GET", "/api/v1/items", "user=42", "0x1f", "::1", "fe80::1:2", "10.0.0.1:8080", "/10.1.2.3/x",
             "Wed Jan 12 10:05:25 2005", "2025-09-15 21:41:18 +0000", "2025-10-07 04:07:11,146",
             "020e6aa8-62aa-47bd-bfd0-6ebfc4db4f19", "a489c868f0c3", "35ms", "1.5s", "v2.0", "HTTP/1.1",
             "status=failed", 'tag="Lock7"', "/static/js/main.1d0e2e21.js", "blk_-42", "(0.037", "ok"]
    msgs = []
    for _ in range(20_000):
        toks = [rnd.choice(words) if rnd.random() < 0.6 else "".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 24)))
                for _ in range(rnd.randint(1, 12))]
        toks = ["".join(str(rnd.randrange(10)) if c.isdigit() else c for c in t) for t in toks]
        msgs.append(" ".join(toks))
    cached = masking.Masker(2_000)  # small: generations turn over during the test
    plain = masking.Masker(0)
    for m in msgs + msgs[:5000]:
        for limit in (64, 3):
            want = _reference_tokens(m, limit)
            assert cached.tokens(m, limit) == want, m
            assert plain.tokens(m, limit) == want, m


def LogRecordRow(ts, msg, instance, index):  # noqa: N802 - a row, built like LogRecord fields
    r = LogRecord(ts, "ERROR", msg, "svc", "", instance, "", "stderr", index=index)
    return (r.timestamp, r.severity, r.message, r.service, r.revision, r.instance, r.trace, r.stream,
            r.http_status, r.latency_s, r.endpoint, r.exception, r.frames, r.index, r.extra)


def test_row_stitcher_fed_in_batches_equals_one_at_a_time():
    lines = ["Traceback (most recent call last):", '  File "/app/x.py", line 3, in f', "    f()",
             "ValueError: bad", "The above exception was the direct cause of the following exception:",
             "request done", "GET / 200"]
    rnd = random.Random(11)
    rows = []
    t = 1000.0
    for i in range(5000):
        t -= rnd.choice([0.0, 0.001, 0.5, 3.0])
        rows.append(LogRecordRow(t if rnd.random() > 0.02 else None, rnd.choice(lines), f"i{rnd.randrange(7)}", i))
    kinds = [row_kind(r) for r in rows]
    one = list(stitch_rows(zip(rows, kinds)))
    st = RowStitcher()
    out: list[tuple] = []
    i = 0
    while i < len(rows):
        k = rnd.randrange(1, 700)
        st.feed(rows[i:i + k], kinds[i:i + k], out)
        i += k
    st.finish(out)
    assert out == one
    assert len(one) < len(rows)  # something was folded


def test_segment_boundaries_are_a_pure_function_of_the_file(tmp_path: Path):
    path = _export(tmp_path, _entries(2000))
    stream = read_records(str(path))
    plan = par.Plan(None, str(path), stream.fmt, stream.src.head_offset, path.stat().st_size, 2, 64 * 1024)
    data = path.read_bytes()
    with open(path, "rb") as f:
        bounds = [par._boundary(f.fileno(), plan, j) for j in range(1, par._segment_count(plan))]
    for cut, start in filter(None, bounds):
        assert data[cut - 1:cut] == b"}" and data[start:start + 1] == b"{"
        assert re.fullmatch(rb"[ \t]*,[ \t]*\r?\n[ \t]*", data[cut:start])
    stream.close()


def test_request_tally_columns_equal_records_past_the_reservoir():
    """add_columns (worker path) and tap (records) agree, also once latencies are sampled."""
    from rca.analysis.impact import EXACT_LATENCIES, RequestTally

    rnd = random.Random(5)
    n = EXACT_LATENCIES * 3 // 2
    recs = [LogRecord(1_757_000_000.0 + i * 0.01 if i % 97 else None, "INFO", "x",
                      http_status=None if i % 5 == 0 else rnd.choice([200, 201, 404, 500, 503]),
                      latency_s=None if i % 11 == 0 else rnd.random(),
                      endpoint="" if i % 13 == 0 else f"GET /api/items/{rnd.randrange(3000)}/x{i % 2500}")
            for i in range(n)]
    a = RequestTally()
    for _ in a.tap(recs):
        pass
    b = RequestTally()
    i = 0
    while i < n:
        k = rnd.randrange(1, 5000)
        part = recs[i:i + k]
        b.add_columns([r.http_status for r in part], [r.latency_s for r in part],
                      [r.timestamp for r in part], [r.endpoint for r in part])
        i += k
    assert a.summary() == b.summary()
    assert a.summary().latency_estimated


def test_spawned_workers_give_the_same_result(tmp_path: Path, monkeypatch):
    """Where fork is not used (macOS, Windows), workers are spawned: same results."""
    path = _export(tmp_path, _entries(2500))
    one = _run(path, monkeypatch, "1")
    monkeypatch.setenv("RCA_START_METHOD", "spawn")
    two = _run(path, monkeypatch, "2", segment=64 * 1024)
    assert two[4] == "parallel"
    _same(one, two)


def _param_items(n: int) -> list[tuple[str, dict[str, int]]]:
    rng = random.Random(7)
    items = []
    for i in range(n):
        template = f"job {i} took <NUM> ms for user <*> on <IP>"
        msgs = {f"job {i} took {rng.randint(1, 900)} ms for user u{rng.randint(1, 40)} on 10.0.0.{rng.randint(1, 9)}":
                rng.randint(1, 5) for _ in range(20)}
        items.append((template, msgs))
    return items


def _drain_segments(workers: par._Workers, plan: par.Plan) -> None:
    """Take every segment, as the parent does before it builds the result."""
    import itertools

    for j in itertools.count() if plan.gzip else range(par._segment_count(plan)):
        if workers.recv(j) is None:
            break


@pytest.mark.skipif(par._start_method() != "fork", reason="worker 0 serves the end task only when forked")
@pytest.mark.parametrize("compressed", [False, True])
def test_worker_zero_computes_parameter_values_after_its_segments(tmp_path: Path, compressed: bool):
    """Once every segment is in, the first worker takes the other half of the parameter
    extraction (instead of a forked copy of the parent): its answer is `extract_params`'."""
    from rca.mining.stats import extract_params, params_of

    path = _export(tmp_path, _entries(2500))
    if compressed:
        gz = tmp_path / "export.json.gz"
        gz.write_bytes(gzip.compress(path.read_bytes()))
        path = gz
    plan = par.Plan(None, str(path), "array", 0, path.stat().st_size, 2, 64 * 1024, gzip=compressed)
    items = _param_items(260)
    want = [{k: [(p.value, p.count) for p in v] for k, v in extract_params(t, m).items()} for t, m in items]
    workers = par._Workers(plan, 64, 1000)
    try:
        _drain_segments(workers, plan)
        answer = workers.ask_params(items)
        assert answer is not None
        assert answer() == want
    finally:
        workers.close()
    # the same through params_of, half here and half there
    workers = par._Workers(plan, 64, 1000)
    try:
        _drain_segments(workers, plan)
        asked: list[int] = []

        def helper(share):  # noqa: ANN001, ANN202 - params_of's hand, counted
            asked.append(len(share))
            return workers.ask_params(share)

        got = params_of(items, helper)
    finally:
        workers.close()
    assert asked == [len(items) // 2]
    assert [{k: [(p.value, p.count) for p in v] for k, v in g.items()} for g in got] == want


@pytest.mark.skipif(par._start_method() != "fork", reason="worker 0 serves the end task only when forked")
def test_a_lost_worker_zero_still_gives_the_right_parameter_values(tmp_path: Path):
    """Worker 0 gone before the end task: it cannot be asked, and the values come from elsewhere."""
    import os
    import signal

    from rca.mining.stats import extract_params, params_of

    path = _export(tmp_path, _entries(2500))
    plan = par.Plan(None, str(path), "array", 0, path.stat().st_size, 2, 64 * 1024)
    items = _param_items(220)
    workers = par._Workers(plan, 64, 1000)
    try:
        _drain_segments(workers, plan)
        os.kill(workers.procs[0].pid, signal.SIGKILL)
        workers.procs[0].join(5)
        asked: list = []

        def helper(share):  # noqa: ANN001, ANN202 - params_of's hand, with what it gave back
            asked.append(workers.ask_params(share))
            return asked[-1]

        got = params_of(items, helper)
    finally:
        workers.close()
    assert asked == [None]  # the dead worker could not be asked: the values came from elsewhere
    assert got == [extract_params(t, m) for t, m in items]
