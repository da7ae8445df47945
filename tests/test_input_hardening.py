"""Issue 14 B, E, F, G: hostile or odd input is read as far as it can be, never rejected whole.

Each test is built from the issue's reproduction: multi-member gzip (B), an oversized entry (E),
an out-of-range timestamp (F), one bad byte or over-deep value inside one array entry (G).
"""

from __future__ import annotations

import gzip
import json
import random
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
