"""The pieces of the reduction that must not change results: masking caches, the traceback
stitcher fed in batches, the request tally fed in columns."""

from __future__ import annotations

import random

from rca.mining import masking
from rca.models import LogRecord
from rca.sources.tracebacks import RowStitcher, row_kind, stitch_rows


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


def test_request_tally_columns_equal_records_past_the_reservoir():
    """add_columns (worker path) and tap (records) agree, also once latencies are sampled."""
    from rca.analysis.impact import EXACT_LATENCIES, RequestTally

    rnd = random.Random(5)
    n = EXACT_LATENCIES * 3 // 2
    recs = [LogRecord(1_757_000_000.0 + i * 0.01 if i % 97 else None, "INFO", "x",
                      http_status=None if i % 5 == 0 else rnd.choice([200, 201, 404, 500, 503]),
                      latency_s=None if i % 11 == 0 else rnd.random(),
                      endpoint="" if i % 13 == 0 else f"GET /api/items/{rnd.randrange(3000)}/x{i % 2500}",
                      service=f"svc-{i % 7}")
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
                      [r.timestamp for r in part], [r.endpoint for r in part], [r.service for r in part])
        i += k
    assert a.summary() == b.summary()
    assert a.summary().latency_estimated
