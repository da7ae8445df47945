"""The C accelerator for normalize_row gives exactly the rows of the Python reference.

Compared entry by entry (types included) on every shared and synthetic incident, on generated
bench logs and on tens of thousands of randomly assembled odd entries, so a change to one
implementation that is not made to the other fails here.
"""

from __future__ import annotations

import gzip
import math
import random
from pathlib import Path

import orjson
import pytest

from corpora import incident_logs

from rca import accel

from rca.sources import gcloud

fastrow = pytest.importorskip("rca.sources._fastrow", reason="C accelerator not built")
if accel.pure_python():
    pytest.skip("RCA_PURE_PYTHON=1: the accelerators are off, there is nothing to compare", allow_module_level=True)

ROOT = Path(__file__).resolve().parent.parent


def _same(a: tuple | None, b: tuple | None) -> bool:
    if a is None or b is None:
        return a is b
    if len(a) != len(b):
        return False
    for x, y in zip(a, b):
        if type(x) is not type(y):
            return False
        if isinstance(x, float) and math.isnan(x) and math.isnan(y):
            continue
        if x != y:
            return False
    return True


def _outcome(fn, entry: object, i: int, cache: gcloud.EntryCache) -> tuple:  # noqa: ANN001
    try:
        return ("ok", fn(entry, i, cache))
    except Exception as exc:  # noqa: BLE001 - both must fail alike
        return ("raised", type(exc))


def _compare(entries: list, label: str) -> int:
    """Number of entries on which the two implementations differ (asserting on the first)."""
    py_cache, c_cache = gcloud.EntryCache(), gcloud.EntryCache()
    for i, entry in enumerate(entries):
        a = _outcome(gcloud.normalize_row_py, entry, i, py_cache)
        b = _outcome(fastrow.normalize_row, entry, i, c_cache)
        if a[0] != b[0] or (a[0] == "ok" and not _same(a[1], b[1])) or (a[0] == "raised" and a[1] is not b[1]):
            raise AssertionError(f"{label} entry {i}: {str(entry)[:300]}\n python: {a}\n C:      {b}")
    return len(entries)


def test_the_accelerator_is_what_normalize_row_is() -> None:
    assert gcloud.normalize_row is fastrow.normalize_row  # the reader and the workers get the C function


def test_rca_pure_python_turns_every_accelerator_off() -> None:
    import os
    import subprocess
    import sys

    check = (
        "from rca.sources import gcloud, reader\n"
        "from rca.mining import masking, miner, parallel, stats\n"
        "assert gcloud.normalize_row is gcloud.normalize_row_py\n"
        "assert reader.segment_rows is reader.segment_rows_py\n"
        "assert masking._mask_parts is None and miner._fastkeys is None and parallel._columns() is None\n"
        "assert stats._Miner._records is stats._Miner._records_py and stats._Miner._batch is stats._Miner._batch_py\n"
    )
    env = {**os.environ, "RCA_PURE_PYTHON": "1"}
    out = subprocess.run([sys.executable, "-c", check], env=env, capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr


def _load(path: Path) -> list:
    data = gzip.open(path).read() if path.suffix == ".gz" else path.read_bytes()
    return orjson.loads(data)


@pytest.mark.parametrize("incident", incident_logs(), ids=lambda p: p.parent.name)
def test_same_rows_on_every_incident(incident: Path) -> None:
    entries = _load(incident)
    assert isinstance(entries, list) and entries
    assert _compare(entries, incident.parent.name) == len(entries)


@pytest.mark.parametrize("scenario", ["pool-exhaustion", "oom", "healthy"])
def test_same_rows_on_generated_logs(scenario: str, tmp_path: Path) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("gen_logs", ROOT / "bench" / "gen_logs.py")
    gen = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(gen)  # type: ignore[union-attr]
    out = tmp_path / "gen.json"
    gen.generate(scenario, 11, 8_000, str(out))
    entries = _load(out)
    assert _compare(entries, f"generated {scenario}") == len(entries) > 7_000


# ----------------------------------------------------------------------------- odd entries

_TEXTS = [
    "GET /healthz 200", "ValueError: bad value", "Error:", "worker: started", "", " leading space", "x",
    "no exception here", "Traceback (most recent call last):\n  File \"a.py\", line 1, in f\nKeyError: 'k'",
    "line one\nline two", "{\"message\": \"structured\", \"severity\": \"ERROR\"}", "{not json", "é ünïcode → ok",
    "a" * 70_000, "pool: QueuePool limit of size 5 reached", "Timeout", "java.lang.IllegalStateException: x",
    42, 3.5, None, ["a"], {"k": "v"}, True,
]
_SEVERITIES = ["INFO", "ERROR", "WARNING", "DEBUG", "DEFAULT", "warn", "Error", "fatal", " error ", "", None,
               200, 500, 0, 650, True, 2.0, "NOPE", ["ERROR"], {"x": 1}]
_TIMESTAMPS = ["2025-09-16T14:59:58.721041Z", "2025-09-16T14:59:58Z", "2025-09-16T14:59:58.5+02:00",
               "2025-09-16T14:59:5x.1Z", "2025-09-16 14:59:58", "2025-09-16T14:59:58.123456789Z", "", None, 0,
               1758034798, 1758034798123, {"seconds": 1758034798, "nanos": 5}, "garbage", "2025-09-16T14:59:58.Z",
               "2025-09-16T14:59:58.1_0Z", "2025-09-16T14:59:58. 5Z"]
_URLS = ["https://api.example.com/v1/orders/42?x=1#frag", "/api/v2/me", "api/v2/me?q", "http://host", "", None,
         "relative", "/a/b#c?d", 17, "https://h/" + "p" * 400, "/?only=query"]
_LATENCIES = ["0.123s", "1.5", "12s", "150.2s", "abc", "s", "", "nan s", "nans", "infs", "1e3s",
              {"seconds": 1, "nanos": 5}, 0.5, None, True, "0.0000123s", "99.99s", "100s", "-1s"]
_STATUSES = [200, 503, 404, 499, 999, "503", "abc", None, 200.0, True, 0, -1]
_METHODS = ["GET", "POST", "", None, 5, "DELETE"]
_LABELS = [None, {}, {"instanceId": "00bf4bf0"}, {"instanceId": ""}, {"instanceId": 7}, ["x"], "str", {"other": 1}]
_RESOURCES = [
    None, {}, "res", {"labels": None}, {"labels": {}}, {"labels": ["x"]}, {"labels": "s"},
    {"type": "cloud_run_revision", "labels": {"service_name": "api", "revision_name": "api-0001"}},
    {"labels": {"container_name": "web", "pod_name": "web-7d9", "namespace_name": "prod"}},
    {"labels": {"service_name": "", "function_name": "fn", "version_id": "v3", "instance_id": "i-1"}},
    {"labels": {"service_name": 12, "revision_name": None}}, {"labels": {"module_id": "default", "job_name": "j"}},
]
_LOGNAMES = ["projects/p/logs/run.googleapis.com%2Fstdout", "projects/p/logs/app", "", None, 5,
             "projects/p/logs/run.googleapis.com%2Fvarlog%2Fsystem"]
_TRACES = ["projects/p/traces/abc123", "abc", "", None, 99, "a/b/"]
_JSON_PAYLOADS = [
    {"message": "user login ok", "severity": "INFO"}, {"message": "", "msg": "fallback msg"},
    {"message": "db failed", "error": "timeout"}, {"message": "x", "error": {"type": "E", "message": "m"}},
    {"message": "with stack", "stack_trace": "Traceback (most recent call last):\n  File \"x\"\nE: y"},
    {"message": None, "err": "e"}, {"message": {"nested": 1}}, {"message": 12}, {"level": "error", "message": "m"},
    {"event": "no message key"}, {}, "a string payload", ["list"], {"message": "ValueError: boom"},
    {"message": "ok", "stack": None}, {"message": "multi\nline"},
]


def _odd_entry(rng: random.Random) -> dict:
    e: dict = {}

    def maybe(key: str, pool: list, p: float = 0.7) -> None:
        if rng.random() < p:
            e[key] = rng.choice(pool)

    kind = rng.random()
    if kind < 0.35:
        e["textPayload"] = rng.choice(_TEXTS)
    elif kind < 0.6:
        e["jsonPayload"] = rng.choice(_JSON_PAYLOADS)
    elif kind < 0.65:
        e["protoPayload"] = {"methodName": "storage.get", "status": {"code": 7, "message": "denied"}}
    if rng.random() < 0.45:
        h = {}
        for key, pool in (("status", _STATUSES), ("latency", _LATENCIES), ("requestUrl", _URLS),
                          ("requestMethod", _METHODS)):
            if rng.random() < 0.85:
                h[key] = rng.choice(pool)
        e["httpRequest"] = h if rng.random() < 0.95 else "not a dict"
    maybe("timestamp", _TIMESTAMPS, 0.9)
    maybe("receiveTimestamp", _TIMESTAMPS, 0.2)
    maybe("severity", _SEVERITIES, 0.9)
    maybe("labels", _LABELS, 0.5)
    maybe("resource", _RESOURCES, 0.8)
    maybe("logName", _LOGNAMES, 0.8)
    maybe("trace", _TRACES, 0.4)
    return e


def test_same_rows_on_random_odd_entries() -> None:
    rng = random.Random(20261127)
    entries = [_odd_entry(rng) for _ in range(30_000)]
    # repeated entries too: the second time round, the per-minute and URL memos are warm
    assert _compare(entries + entries[:5_000], "random") == 35_000


def test_status_and_latency_formatting_match_python() -> None:
    rng = random.Random(5)
    values = [0.0, -0.0, 1e-9, 0.000123456, 0.0995, 0.1, 0.99949, 0.9995, 9.995, 99.94, 99.95, 99.999, 100.0,
              100.5, 101.5, 1234.5, 1e20, float("inf"), float("nan")]
    values += [rng.uniform(0, 200) for _ in range(2000)] + [10 ** rng.uniform(-7, 4) for _ in range(2000)]
    entries = [{"timestamp": "2025-09-16T14:59:58.5Z", "severity": "INFO",
                "httpRequest": {"status": rng.choice([200, 503, 404]), "latency": f"{v!r}s",
                                "requestUrl": "/x", "requestMethod": "GET"}} for v in values]
    _compare(entries, "latencies")


def test_worker_row_loop_in_c_matches_the_python_loop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """rca.mining.parallel._read_segment with the C row loop and with its Python loop."""
    import os

    from rca.mining import parallel
    from rca.mining.masking import Masker

    rng = random.Random(99)
    values: list = _load(sorted((ROOT / "evals" / "synthetic").glob("*/logs.json*"))[0])[:3000]
    # (no string over 64 KiB: a worker leaves those segments to the single-process reader)
    values += [e for e in (_odd_entry(rng) for _ in range(6000)) if len(orjson.dumps(e)) < 60_000]
    values += [5, "text", [1, 2], None, {"resource": "x", "textPayload": "a"}, {"severity": "INFO"}]
    rng.shuffle(values)
    path = tmp_path / "seg.json"
    path.write_bytes(orjson.dumps(values, option=orjson.OPT_INDENT_2))
    plan = parallel.Plan(None, str(path), "array", 0, path.stat().st_size, 2, 1 << 30)

    def read() -> tuple:
        fd = os.open(path, os.O_RDONLY)
        try:
            return parallel._read_segment(fd, plan, 0, gcloud.EntryCache(), Masker(4000), 64)
        finally:
            os.close(fd)

    from rca.sources import reader

    assert reader.segment_rows is fastrow.segment_rows
    c_result = read()
    monkeypatch.setattr(reader, "segment_rows", reader.segment_rows_py)
    py_result = read()
    assert c_result[0] == py_result[0] == len(values)
    assert len(c_result[1]) > 5000
    assert c_result[3] == py_result[3] and sum(c_result[3].values()) > 6  # skipped, by reason
    assert c_result[2:] == py_result[2:]  # kinds, skipped, severities, no time, truncations
    assert len(c_result[1]) == len(py_result[1])
    for a, b in zip(c_result[1], py_result[1]):  # rows (NaN latencies compare as equal here)
        assert _same(a, b)
