"""Issue 14 B, E, F, G: hostile or odd input is read as far as it can be, never rejected whole.

Each test is built from the issue's reproduction: multi-member gzip (B), an oversized entry (E),
an out-of-range timestamp (F), one bad byte or over-deep value inside one array entry (G).
"""

from __future__ import annotations

import gzip
import json
import os
import random
import subprocess
import sys
from pathlib import Path

from rca.models import ReadStats
from rca.sources import read_records


def _entries(n: int, start: int = 0, seed: int = 0) -> list[dict]:
    rnd = random.Random(seed)
    words = ["alpha", "beta", "gamma", "delta", "omega", "sigma", "kappa", "theta"]
    return [{"timestamp": f"2025-10-15T18:{(i // 60) % 60:02d}:{i % 60:02d}.{rnd.randrange(10**6):06d}Z",
             "severity": rnd.choice(["INFO", "WARNING", "ERROR"]),
             "textPayload": f"request {start + i} {' '.join(rnd.choices(words, k=12))} took {rnd.random():.6f}s"}
            for i in range(start, start + n)]


def _rca(*args: str) -> subprocess.CompletedProcess:
    """The `rca` command as a user runs it (no API key: the offline analyst)."""
    env = {k: v for k, v in os.environ.items() if k != "ANTHROPIC_API_KEY"} | {"CI": "1"}
    return subprocess.run([sys.executable, "-m", "rca", *args], capture_output=True, text=True, env=env, timeout=300)


def _messages(path: Path) -> tuple[list[tuple], ReadStats]:
    stats = ReadStats()
    recs = [(r.timestamp, r.severity, r.message) for r in read_records(str(path), stats=stats)]
    return recs, stats


# ---------------------------------------------------------------------------- B: multi-member gzip


def _members(tmp_path: Path, parts: list[bytes]) -> tuple[Path, Path]:
    """`cat a.gz b.gz ...` and the plain concatenation of the same parts."""
    gz = tmp_path / "cat.json.gz"
    gz.write_bytes(b"".join(gzip.compress(p) for p in parts))
    plain = tmp_path / "cat.json"
    plain.write_bytes(b"".join(parts))
    return gz, plain


def test_two_gzip_members_read_like_the_plain_concatenation(tmp_path):
    parts = [json.dumps(_entries(300, k * 300, seed=k)).encode() for k in range(2)]
    gz, plain = _members(tmp_path, parts)
    got, stats = _messages(gz)
    want, _ = _messages(plain)
    assert len(want) == 600 and got == want and not stats.partial


def test_ten_gzip_members_read_like_the_plain_concatenation(tmp_path):
    parts = ["".join(json.dumps(e) + "\n" for e in _entries(200, k * 200, seed=k)).encode() for k in range(10)]
    gz, plain = _members(tmp_path, parts)
    got, stats = _messages(gz)
    want, _ = _messages(plain)
    assert len(want) == 2000 and got == want and not stats.partial


def test_large_gzip_members_are_not_called_corrupt(tmp_path):
    # members far larger than one read of compressed input (256 KiB) and of output (64 KiB)
    parts = [json.dumps(_entries(12_000, k * 12_000, seed=k)).encode() for k in range(3)]
    gz, plain = _members(tmp_path, parts)
    assert gz.stat().st_size > 3 * 256 * 1024
    got, stats = _messages(gz)
    want, _ = _messages(plain)
    assert len(want) == 36_000 and got == want and not stats.partial


# ---------------------------------------------------------------------------- G: one bad entry in an array


def _array_with(tmp_path: Path, bad: bytes, at: int, n: int = 60, indent: int | None = None, name: str = "g.json") -> Path:
    parts = [json.dumps(e, indent=indent).encode() for e in _entries(n)]
    parts[at] = bad
    path = tmp_path / name
    path.write_bytes(b"[" + b",\n".join(parts) + b"]")
    return path


def _bad_utf8_entry() -> bytes:
    return json.dumps(_entries(1, 5)[0]).encode().replace(b"request", b"req\xffuest")


def _deep_entry() -> bytes:
    e = _entries(1, 5)[0]
    return json.dumps(e)[:-1].encode() + b', "jsonPayload": {"a": ' + b"[" * 5000 + b"]" * 5000 + b"}}"


def test_one_bad_utf8_byte_skips_that_entry_only(tmp_path):
    for at in (0, 30, 59):  # in the sniffed head, in the middle, the last entry
        recs, stats = _messages(_array_with(tmp_path, _bad_utf8_entry(), at))
        assert len(recs) == 59, at
        assert stats.partial and stats.skipped == 1 and stats.skipped_reasons == {"invalid UTF-8": 1}
        assert any(f"entry {at}" in n and "UTF-8" in n for n in stats.notes), stats.notes


def test_one_over_deep_value_skips_that_entry_only(tmp_path):
    for at in (0, 30, 59):
        recs, stats = _messages(_array_with(tmp_path, _deep_entry(), at))
        assert len(recs) == 59, at
        assert stats.partial and stats.skipped == 1 and stats.skipped_reasons == {"nested too deeply": 1}
        assert any(f"entry {at}" in n and "deep" in n for n in stats.notes), stats.notes


def test_a_number_beyond_a_double_skips_that_entry_only(tmp_path):
    for number in (b"1e999", b"7" * 400, b"-" + b"9" * 5000):
        bad = json.dumps(_entries(1, 5)[0])[:-1].encode() + b', "jsonPayload": {"n": ' + number + b"}}"
        for at in (0, 30):
            recs, stats = _messages(_array_with(tmp_path, bad, at))
            assert len(recs) == 59 and stats.skipped_reasons == {"number out of range": 1}, (number[:8], at)


def test_bad_entries_in_a_pretty_printed_export_are_skipped(tmp_path):
    path = _array_with(tmp_path, _bad_utf8_entry(), 40, indent=2)
    recs, stats = _messages(path)
    assert len(recs) == 59 and stats.skipped_reasons == {"invalid UTF-8": 1}


def test_generate_writes_a_partial_report_for_a_bad_entry(tmp_path):
    path = _array_with(tmp_path, _bad_utf8_entry(), 30)
    out = tmp_path / "r.md"
    res = _rca("generate", "--file", str(path), "-o", str(out))
    assert res.returncode == 0, res.stderr
    text = out.read_text()
    assert "Partial data" in text and "UTF-8" in text


def test_latin1_text_log_is_text_not_binary(tmp_path):
    path = tmp_path / "app.log"
    path.write_bytes("2025-10-15T18:00:00Z ERROR caf\xe9 payment failed for r\xe9sum\xe9\n".encode("latin-1") * 20)
    recs, stats = _messages(path)
    assert len(recs) == 20 and stats.format == "text"


# ---------------------------------------------------------------------------- F: timestamps out of range


def _with_timestamp(tmp_path: Path, ts: object, n: int = 20, at: int = 5) -> Path:
    entries = [{"timestamp": f"2025-10-15T18:00:{i:02d}Z", "severity": "ERROR",
                "textPayload": "db timeout after 30s"} for i in range(n)]
    entries.insert(at, {"timestamp": ts, "severity": "ERROR", "textPayload": "db timeout after 30s"})
    path = tmp_path / "f.json"
    path.write_text(json.dumps(entries))
    return path


def _report(tmp_path: Path, path: Path) -> dict:
    out = tmp_path / "r.json"
    res = _rca("generate", "--file", str(path), "--format", "json", "-o", str(out), "--force")
    assert res.returncode == 0, res.stderr
    return json.loads(out.read_text())


def _window(report: dict) -> tuple[str, str]:
    return report["window"]["start"][:10], report["window"]["end"][:10]


def test_timestamp_outside_the_calendar_is_kept_without_a_time(tmp_path):
    for ts in ({"seconds": 253402300800}, -1e12, {"seconds": -62135596801}, "yesterday"):
        report = _report(tmp_path, _with_timestamp(tmp_path, ts))
        assert report["totals"]["entries"] == 21, ts
        assert _window(report) == ("2025-10-15", "2025-10-15"), ts
        assert report["totals"]["partial"], ts
        assert any("kept without a time" in n for n in report["totals"]["notes"]), (ts, report["totals"]["notes"])


def test_far_outliers_do_not_stretch_the_window(tmp_path):
    for ts in ("9999-12-30T12:00:00Z", "0001-01-01T00:00:00Z", 1, 1e300, "2025-06-01T00:00:00Z"):
        report = _report(tmp_path, _with_timestamp(tmp_path, ts))
        assert report["totals"]["entries"] == 21, ts
        assert _window(report) == ("2025-10-15", "2025-10-15"), ts
        assert report["window"]["start"].startswith("2025-10-15T18:00:00"), ts
        assert report["window"]["end"].startswith("2025-10-15T18:00:19"), ts  # exact, not the minute's end
        notes = report["totals"]["notes"]
        assert report["totals"]["partial"] and any("kept without a time" in n for n in notes), (ts, notes)


def test_a_log_of_several_days_keeps_its_window(tmp_path):
    # two busy days a week apart are both real: nothing is an outlier
    entries = [{"timestamp": f"2025-10-{d:02d}T18:{i // 60:02d}:{i % 60:02d}Z", "severity": "ERROR",
                "textPayload": "db timeout after 30s"} for d in (1, 8) for i in range(100)]
    path = tmp_path / "days.json"
    path.write_text(json.dumps(entries))
    report = _report(tmp_path, path)
    assert _window(report) == ("2025-10-01", "2025-10-08")
    assert not report["totals"]["partial"]


# ---------------------------------------------------------------------------- E: one oversized entry


_BIG = 8 * 1024 * 1024  # the oversized value; the entry limit is injected far below it
_LIMIT = 1024 * 1024


def _gz_with_big_value(tmp_path: Path, shape: str, size: int = _BIG) -> Path:
    """A .json.gz export whose entry 1 holds a value of _BIG bytes, written without holding it."""
    small = b'{"timestamp":"2025-10-15T18:00:00Z","severity":"ERROR","textPayload":"small one"}'
    head, fill, tail = {
        "number in an object": (b'[' + small + b',{"timestamp":"2025-10-15T18:00:01Z","jsonPayload":{"n":', b"7",
                                b'}},' + small + b']'),
        "top-level number": (b'[' + small + b',', b"7", b',' + small + b']'),
        "padding in an object": (b'[' + small + b',{"timestamp":"2025-10-15T18:00:01Z","textPayload":"x",',
                                 b" ", b'"k":1},' + small + b']'),
        "many small strings": (b'[' + small + b',{"timestamp":"2025-10-15T18:00:01Z","jsonPayload":{"a":[',
                               b'"abcdefghijklmno",', b'"z"]}},' + small + b']'),
        "json line number": (small + b'\n{"timestamp":"2025-10-15T18:00:01Z","jsonPayload":{"n":', b"7",
                             b'}}\n' + small + b'\n'),
    }[shape]
    path = tmp_path / "big.json.gz"
    block = fill * (1024 * 1024 // len(fill))
    with gzip.open(path, "wb", compresslevel=1) as f:
        f.write(head)
        for _ in range(size // len(block)):
            f.write(block)
        f.write(tail)
    return path


def test_an_oversized_entry_is_skipped_counted_and_noted_in_bounded_memory(tmp_path):
    import tracemalloc

    for shape in ("number in an object", "top-level number", "padding in an object", "json line number"):
        path = _gz_with_big_value(tmp_path, shape)
        stats = ReadStats()
        tracemalloc.start()
        try:
            recs = list(read_records(str(path), stats=stats, max_entry_bytes=_LIMIT))
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert [r.message for r in recs] == ["small one", "small one"], shape
        assert stats.partial and stats.skipped == 1, (shape, stats)
        assert set(stats.skipped_reasons) <= {"entry too large", "not an object"}, (shape, stats.skipped_reasons)
        assert any("entry 1" in n for n in stats.notes), (shape, stats.notes)
        # what the reader holds stays a few times the limit, below the value's own size
        assert peak < 6 * _LIMIT, (shape, peak)


def test_an_entry_of_many_short_strings_over_the_limit_is_skipped(tmp_path):
    stats = ReadStats()
    path = _gz_with_big_value(tmp_path, "many small strings", size=2 * _LIMIT)
    recs = list(read_records(str(path), stats=stats, max_entry_bytes=_LIMIT))
    assert [r.message for r in recs] == ["small one", "small one"]
    assert stats.skipped_reasons == {"entry too large": 1}


def test_an_oversized_entry_in_a_report_is_said(tmp_path):
    path = _gz_with_big_value(tmp_path, "number in an object", size=20 * 1024 * 1024)
    report = _report(tmp_path, path)  # default limit (16 MiB): the 20 MiB value is too large
    assert report["totals"]["partial"] and report["totals"]["skipped"] == 1
    assert any("entry 1" in n and "skipped" in n for n in report["totals"]["notes"]), report["totals"]["notes"]
