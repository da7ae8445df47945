"""The JSON scanner streams: exact on tricky content at any chunk size, flat memory, linear time."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest

from rca.errors import InputError
from rca.models import ReadStats
from rca.sources import jsonstream, read_records
from rca.sources.jsonstream import JsonScanner, _safe_cut

ROOT = Path(__file__).resolve().parents[1]

TRICKY = [
    {"textPayload": "braces in text: }, { and }] and [{ and },{\"a\": 1}", "severity": "INFO"},
    {"textPayload": 'escaped quote \\" and backslash at end \\\\', "labels": {"k": "v"}},
    {"textPayload": "unicode é 日本 \u2028 emoji \U0001F600", "x": "\\u00e9"},
    {"jsonPayload": {"items": [{"a": 1}, {"b": [2, {"c": 3}]}, {}], "empty": {}, "list": []}},
    {"jsonPayload": {"message": "}\n, {", "n": -1.5e3, "t": True, "f": False, "z": None}},
    {"deep": {"a": {"b": {"c": {"d": {"e": {"f": {"g": {"h": {"i": {"j": {"k": {"l": {"m": {"n": {"o": 1}}}}}}}}}}}}}}},
     "textPayload": "fifteen levels deep"},
    {},
    {"textPayload": ""},
]


def scan(data: bytes, chunk_size: int, kind: str = "array") -> list:
    stats = ReadStats()
    sc = JsonScanner(io.BytesIO(data).read, "test", stats, chunk_size=chunk_size)
    values = {"array": sc.array_values, "objects": sc.object_values, "jsonl": sc.line_values}[kind]()
    return list(values)


@pytest.mark.parametrize("chunk_size", [1, 2, 3, 7, 64, 1000, 1 << 17])
@pytest.mark.parametrize("indent", [None, 2, "\t"])
def test_array_scanner_matches_json_loads(chunk_size, indent):
    items = TRICKY * 5 + [1, "str", None, [1, {"a": 2}]]
    data = json.dumps(items, indent=indent, ensure_ascii=False).encode()
    assert scan(data, chunk_size) == items


@pytest.mark.parametrize("chunk_size", [1, 5, 64, 1 << 17])
def test_object_stream_and_lines_match_json_loads(chunk_size):
    pretty = "\n".join(json.dumps(x, indent=2, ensure_ascii=False) for x in TRICKY).encode()
    assert scan(pretty, chunk_size, "objects") == TRICKY
    lines = ("\r\n".join(json.dumps(x) for x in TRICKY) + "\n\n").encode()
    assert scan(lines, chunk_size, "jsonl") == TRICKY


@pytest.mark.parametrize("chunk_size", [3, 64, 4096])
def test_slow_path_is_exact_too(monkeypatch, chunk_size):
    # elements bigger than MAX_BUFFERED_ENTRY go through the chunk-by-chunk tokenizer
    monkeypatch.setattr(jsonstream, "MAX_BUFFERED_ENTRY", 16)
    items = TRICKY * 3
    data = json.dumps(items, indent=1, ensure_ascii=False).encode()
    assert scan(data, chunk_size) == items


def test_false_boundaries_inside_strings_do_not_cut_entries():
    # every entry carries a "}, {" that looks like an element boundary to the batch decoder
    items = [{"textPayload": f'x{i}}}, {{"a": "{i}"}}, {{'} for i in range(3000)]
    data = json.dumps(items).encode()
    assert scan(data, 4096) == items


@pytest.mark.parametrize("body", [
    "plain ascii " * 10_000,
    'quote \\" backslash \\\\ ' * 6_000,
    "é日本😀" * 20_000,
    "\\u00e9\\ud83d\\ude00" * 10_000,
])
def test_long_strings_are_cut_into_valid_json(monkeypatch, body):
    monkeypatch.setattr(jsonstream, "MAX_BUFFERED_ENTRY", 1024)
    monkeypatch.setattr(jsonstream, "MAX_STRING_BYTES", 5_001)  # cut anywhere, even mid-escape
    raw = f'[{{"textPayload": "{body}", "severity": "ERROR"}}, {{"textPayload": "next"}}]'.encode()
    out = scan(raw, 257)
    assert len(out) == 2 and out[1] == {"textPayload": "next"} and out[0]["severity"] == "ERROR"
    text = out[0]["textPayload"]
    assert text.endswith(" …[truncated]") and len(text.encode()) < 5_100
    full = json.loads(raw)[0]["textPayload"]
    assert full.startswith(text[: -len(" …[truncated]")])


def test_safe_cut_never_leaves_a_broken_escape():
    for tail in (b"\\", b"\\u", b"\\u00", b"\\u00e", b"\\ud83d", b"\xc3", b"\xe6\x97"):
        cut = _safe_cut(b"abc" + tail)
        assert json.loads(b'"' + cut + b'"') == "abc"
    assert _safe_cut(b"abc\\\\") == b"abc\\\\"  # an escaped backslash is complete
    assert _safe_cut(b"abc\\u00e9") == b"abc\\u00e9"


# --------------------------------------------------------------------------- huge lines


HUGE = 50_000_000


def _peak(fn) -> tuple[object, int, float]:
    tracemalloc.start()
    t0 = time.perf_counter()
    try:
        result = fn()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return result, peak, time.perf_counter() - t0


@pytest.mark.parametrize("shape", ["array", "jsonl", "text"])
def test_a_50_mb_line_is_cut_not_loaded(tmp_path, shape):
    p = tmp_path / f"huge.{shape}"
    body = "x" * HUGE
    with open(p, "w") as f:
        if shape == "array":
            f.write('[{"textPayload": "before"}, {"severity": "ERROR", "textPayload": "')
            f.write(body)
            f.write('"}, {"textPayload": "after"}]')
        elif shape == "jsonl":
            f.write('{"textPayload": "before"}\n{"severity": "ERROR", "textPayload": "' + body + '"}\n'
                    '{"textPayload": "after"}\n')
        else:
            f.write("2025-09-16T14:18:20Z INFO before\n" + body + "\n2025-09-16T14:18:21Z INFO after\n")
    del body
    stats = ReadStats()
    recs, peak, seconds = _peak(lambda: list(read_records(str(p), "auto", stats)))
    assert len(recs) == 3 and recs[2].message.endswith("after")
    assert 60_000 < len(recs[1].message) < 70_000 and recs[1].message.endswith("…[truncated]")
    assert peak < 20 * 1024 * 1024, f"peak {peak / 1e6:.1f} MB"
    assert seconds < 15  # one linear pass; quadratic rescanning would take minutes
    assert any("truncated" in n or "KiB" in n for n in stats.notes)


def test_compact_single_line_array_of_many_entries(tmp_path):
    entry = ('{"logName":"projects/p/logs/run.googleapis.com%%2Fstdout","severity":"INFO",'
             '"textPayload":"request %d ok","timestamp":"2025-09-16T14:18:%02dZ"}')
    p = tmp_path / "compact.json"
    p.write_text("[" + ",".join(entry % (i, i % 60) for i in range(60_000)) + "]")
    stats = ReadStats()
    n = sum(1 for _ in read_records(str(p), "auto", stats))
    assert n == stats.entries_read == 60_000 and not stats.partial


# --------------------------------------------------------------------------- memory is flat in N


def generate(path: Path, n: int) -> None:
    """A gcloud-style (pretty, newest first) export of n small Cloud Run entries."""
    tmpl = (
        '  {\n    "insertId": "%d",\n    "labels": {\n      "instanceId": "inst-%d"\n    },\n'
        '    "logName": "projects/p/logs/run.googleapis.com%%2Fstderr",\n'
        '    "resource": {\n      "labels": {\n        "revision_name": "svc-00001",\n'
        '        "service_name": "svc"\n      },\n      "type": "cloud_run_revision"\n    },\n'
        '    "severity": "%s",\n    "textPayload": "request %d handled in %d ms",\n'
        '    "timestamp": "2025-09-16T14:%02d:%02d.%06dZ"\n  }'
    )
    sev = ("INFO", "WARNING", "ERROR")
    with open(path, "w") as f:
        f.write("[\n")
        f.write(",\n".join(tmpl % (i, i % 50, sev[i % 3], i, i % 997, 59 - (i // 3600) % 60,
                                   59 - (i // 60) % 60, i % 1_000_000) for i in range(n)))
        f.write("\n]\n")


def test_tracemalloc_peak_does_not_grow_with_entries(tmp_path):
    peaks = {}
    for n in (2_000, 20_000):
        p = tmp_path / f"gen{n}.json"
        generate(p, n)
        stats = ReadStats()
        count, peak, _ = _peak(lambda p=p, stats=stats: sum(1 for _ in read_records(str(p), "auto", stats)))
        assert count == stats.entries_read == n
        peaks[n] = peak
    assert peaks[20_000] < 10 * 1024 * 1024
    assert peaks[20_000] < peaks[2_000] + 1024 * 1024, peaks


CHILD = """
import re, sys
from rca.models import ReadStats
from rca.sources import read_records
stats = ReadStats()
n = sum(1 for _ in read_records(sys.argv[1], "auto", stats))
hwm = re.search(r"VmHWM:\\s+(\\d+) kB", open("/proc/self/status").read()).group(1)
print(n, stats.entries_read, hwm)
"""


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="needs Linux /proc for VmHWM")
def test_peak_memory_for_200k_entries_equals_20k(tmp_path):
    """Peak RSS (VmHWM) of a reader process: 200k entries (~60 MB of JSON) cost what 20k cost.

    (Not ru_maxrss: Linux carries the parent's high-water mark over fork+exec.)
    """
    rss = {}
    for n in (20_000, 200_000):
        p = tmp_path / f"gen{n}.json"
        generate(p, n)
        out = subprocess.run([sys.executable, "-c", CHILD, str(p)], capture_output=True, text=True, cwd=ROOT,
                             env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=300, check=True)
        count, read, maxrss_kb = map(int, out.stdout.split())
        assert count == read == n
        rss[n] = maxrss_kb
        p.unlink()
    assert rss[200_000] - rss[20_000] < 16 * 1024, rss  # KiB: a loaded file would add ~60 MB


def test_invalid_json_after_many_entries_reports_the_byte_offset(tmp_path):
    p = tmp_path / "gen.json"
    generate(p, 3_000)
    data = p.read_bytes()
    bad_at = data.index(b'"textPayload"', len(data) // 2)
    p.write_bytes(data[:bad_at] + b"#" + data[bad_at + 1:])
    with pytest.raises(InputError, match=r"invalid JSON in entry \d+ at byte \d+") as info:
        list(read_records(str(p)))
    offset = int(str(info.value).split("at byte ")[1].split(":")[0])
    assert abs(offset - bad_at) < 40
