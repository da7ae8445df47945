"""RowStitcher.feed in C (rca/sources/_fastrow.c `stitch_feed`) against its Python reference.

Both are fed the same rows in the same batches; after every batch the output so far and the whole
stitcher state must be equal: the open buffers (keys, order, lines, time spans), the last time
seen, the direction count and the sweep counter, and the on_fold calls made. Rows come from every
incident (real tracebacks split one line per entry, newest first and oldest first) and from random
streams run with tiny limits, so that time gaps, full buffers, too many buffers, sweeps, missing
times, int times, chained tracebacks and a failing on_fold / _fold all happen. The two also take
turns on one stream, which works because the C loop keeps its state in the stitcher.
"""

from __future__ import annotations

import gc
import random
import sys
import tracemalloc

import pytest
from corpora import incident_logs

from rca import accel
from rca.models import ReadStats
from rca.sources import read_records, tracebacks
from rca.sources.reader import _json_rows
from rca.sources.tracebacks import RowStitcher, row_kind

pytest.importorskip("rca.sources._fastrow", reason="C accelerator not built")
if accel.pure_python():
    pytest.skip("RCA_PURE_PYTHON=1: the C loop is off, there is nothing to compare", allow_module_level=True)

_feed_py = tracebacks._feed_py


def _feed_c(st: RowStitcher, rows, kinds, out):
    return tracebacks._feed_c(st, rows, kinds, out)


def test_the_c_loop_is_in_use():
    # built and not turned off: a rule the C code cannot follow must show here, not silently
    assert tracebacks._STITCH_OFF is None
    assert RowStitcher.feed is tracebacks._feed_c


def _state(st: RowStitcher) -> tuple:
    bufs = [(k, type(b), list(b.lines), b.tmin, b.tmax) for k, b in st.open_bufs.items()]
    return bufs, st.last_ts, st.backwards, st.since_sweep


def _fold_mark(calls: list) -> object:
    def fold(row: tuple) -> tuple:
        calls.append(row)
        return row + ("folded",)

    return fold


def _compare(rows: list[tuple], rnd: random.Random, make_fold=_fold_mark, turns: bool = False) -> tuple[int, int]:
    """Feed rows to a Python and a C stitcher in the same random batches; equal all along.
    turns: the second stitcher is fed by C and Python in turn. Returns (on_fold calls, failed calls)."""
    kinds = [row_kind(r) for r in rows]
    calls_a: list = []
    calls_b: list = []
    a, b = RowStitcher(on_fold=make_fold(calls_a)), RowStitcher(on_fold=make_fold(calls_b))
    out_a: list[tuple] = []
    out_b: list[tuple] = []
    errors = 0
    i = 0
    while i < len(rows):
        k = rnd.choice((1, 2, 7, 100, 2000))
        err_a = err_b = None
        try:
            _feed_py(a, rows[i:i + k], kinds[i:i + k], out_a)
        except ValueError as exc:
            err_a = str(exc)
        try:
            (_feed_py if turns and rnd.random() < 0.5 else _feed_c)(b, rows[i:i + k], kinds[i:i + k], out_b)
        except ValueError as exc:
            err_b = str(exc)
        assert err_a == err_b, i
        errors += err_a is not None
        assert out_a == out_b, i
        assert _state(a) == _state(b), i
        assert calls_a == calls_b, i
        i += k
    a.finish(out_a)
    b.finish(out_b)
    assert out_a == out_b
    return len(calls_a), errors


def _incident_rows(logs) -> list[tuple]:
    stats = ReadStats()
    stream = read_records(str(logs), "auto", stats)
    if stream.fmt not in ("array", "jsonl"):
        stream.close()
        pytest.skip("not JSON")
    rows = [row for row, _ in _json_rows(stream.src, stream.fmt, stats)]
    stream.close()
    return rows


@pytest.mark.parametrize("order", ["as-exported", "reversed"])
@pytest.mark.parametrize("logs", incident_logs(), ids=lambda p: p.parent.name)
def test_c_feed_equals_python_on_incidents(logs, order):
    rows = _incident_rows(logs)
    if order == "reversed":
        rows.reverse()
    _compare(rows, random.Random(len(rows)))


def test_the_incidents_fold_tracebacks():
    # the comparison above means something: the incidents hold split tracebacks, in both orders
    folds = 0
    for logs in incident_logs():
        try:
            rows = _incident_rows(logs)
        except pytest.skip.Exception:
            continue
        folds += _compare(rows, random.Random(1))[0] + _compare(rows[::-1], random.Random(2))[0]
    assert folds > 0


_LINES = ["Traceback (most recent call last):", '  File "/app/x.py", line 3, in f', "    f()", "ValueError: bad",
          "The above exception was the direct cause of the following exception:",
          "During handling of the above exception, another exception occurred:", "    ^^^^", "request done",
          "GET / 200", "KeyError", "Config: loaded"]


def _row(ts, msg: str, instance: str, index: int, extra: dict | None = None, tail: tuple = ()) -> tuple:
    return (ts, "ERROR", msg, "svc", "", instance, "", "stderr", None, None, "", "", (), index,
            {} if extra is None else extra) + tail


def _random_rows(rnd: random.Random, n: int, backwards: bool) -> list[tuple]:
    rows = []
    t = 1000.0
    for i in range(n):
        t += rnd.choice([0.0, 0.0, 0.001, 0.5, 3.0]) * (-1 if backwards else 1) * (-1 if rnd.random() < 0.1 else 1)
        r = rnd.random()
        ts = None if r < 0.05 else int(t) if r < 0.08 else t  # now and then no time, or an int
        extra = {"stitched_entries": "3"} if rnd.random() < 0.02 else None  # looks folded already
        tail = ("masked",) if rnd.random() < 0.3 else ()  # a worker's row: 16 items
        rows.append(_row(ts, rnd.choice(_LINES), f"i{rnd.randrange(5)}", i, extra, tail))
    return rows


@pytest.mark.parametrize("seed", range(8))
def test_c_feed_equals_python_with_tiny_limits(seed: int, monkeypatch):
    rnd = random.Random(seed)
    monkeypatch.setattr(tracebacks, "MAX_OPEN_BUFFERS", rnd.choice((1, 2, 3)))
    monkeypatch.setattr(tracebacks, "MAX_TRACEBACK_LINES", rnd.choice((2, 3, 5, 9)))
    monkeypatch.setattr(tracebacks, "STITCH_GAP_S", rnd.choice((0.0, 0.4, 2.0)))
    rows = _random_rows(rnd, 4000, backwards=seed % 2 == 1)
    assert _compare(rows, rnd)[0] > 0  # something was folded
    assert _compare(rows, rnd, turns=True)[0] > 0


@pytest.mark.parametrize("seed", range(4))
def test_c_feed_equals_python_with_float_times_only(seed: int, monkeypatch):
    # with times that are all floats or None, every flush is the C one (no int time sends it to Python)
    rnd = random.Random(100 + seed)
    monkeypatch.setattr(tracebacks, "MAX_OPEN_BUFFERS", rnd.choice((2, 4, 256)))
    monkeypatch.setattr(tracebacks, "MAX_TRACEBACK_LINES", rnd.choice((3, 8, 1000)))
    monkeypatch.setattr(tracebacks, "STITCH_GAP_S", rnd.choice((0.4, 2.0)))
    rows = [r if type(r[0]) is not int else (float(r[0]),) + r[1:] for r in _random_rows(rnd, 6000, seed % 2 == 0)]
    assert _compare(rows, rnd)[0] > 0

    def no_python_flush(self, key, out):
        raise AssertionError("the C loop handed a flush to Python")

    monkeypatch.setattr(RowStitcher, "_flush", no_python_flush)
    kinds = [row_kind(r) for r in rows]
    _feed_c(RowStitcher(on_fold=lambda row: row), rows, kinds, [])


def test_sweeps_release_buffers_in_both(monkeypatch):
    # many rows of other instances, far later, and traceback lines left open: the sweep must flush them
    monkeypatch.setattr(tracebacks, "_SWEEP_EVERY", 5)
    assert tracebacks._fastrow.stitch_configure(vars(tracebacks)) is None
    try:
        rnd = random.Random(3)
        rows = []
        for i in range(3000):
            if i % 50 == 0:
                rows.append(_row(100.0 + i, "Traceback (most recent call last):", f"old{i}", i))
            else:
                rows.append(_row(100.0 + i + rnd.random(), rnd.choice(_LINES[2:4] + ["ok"]), f"o{i % 3}", i))
        kinds = [row_kind(r) for r in rows]
        for feed in (_feed_py, _feed_c):
            st = RowStitcher()
            out: list[tuple] = []
            feed(st, rows[:2000], kinds[:2000], out)
            assert not any(k[0].startswith("old") for k in st.open_bufs)  # swept, not left to the cap
        _compare(rows, rnd)
    finally:
        monkeypatch.undo()
        assert tracebacks._fastrow.stitch_configure(vars(tracebacks)) is None


def test_a_failing_on_fold_or_fold_leaves_the_same_state(monkeypatch):
    rnd = random.Random(5)
    rows = [_row(1000.0 - i * 0.01, rnd.choice(_LINES), f"i{rnd.randrange(3)}", i) for i in range(3000)]

    def make_fold(calls: list) -> object:  # the 20th, 40th... call of a stitcher's on_fold fails
        def fold(row: tuple) -> tuple:
            calls.append(row)
            if len(calls) % 20 == 0:
                raise ValueError(f"on_fold {len(calls)}")
            return row + ("folded",)

        return fold

    folds, errors = _compare(rows, random.Random(9), make_fold)
    assert folds > 0 and errors > 0

    fold = tracebacks._fold

    def failing_fold(group: list) -> tuple:  # some tracebacks cannot be folded
        if group[0][13] % 7 == 0:
            raise ValueError(f"fold {group[0][13]}")
        return fold(group)

    monkeypatch.setattr(tracebacks, "_fold", failing_fold)
    folds, errors = _compare(rows, random.Random(10))
    assert folds > 0 and errors > 0


def test_odd_calls_go_to_python_and_still_agree():
    rows = _random_rows(random.Random(7), 500, backwards=True)
    kinds = [row_kind(r) for r in rows]
    odd = [i for i in range(100, 500, 37)]  # rows of another shape in the middle: Python goes on from there
    for variant in ("lists", "a few lists", "iterators", "bool kinds", "a few bool kinds", "short kinds"):
        if variant == "lists":
            r, k = [list(x) for x in rows], kinds
        elif variant == "a few lists":
            r, k = [list(x) if i in odd else x for i, x in enumerate(rows)], kinds
        elif variant == "a few bool kinds":
            r, k = rows, [bool(x) if i in odd else x for i, x in enumerate(kinds)]
        elif variant == "iterators":
            r, k = rows, kinds
        elif variant == "bool kinds":
            r, k = rows, [bool(x) for x in kinds]
        else:
            r, k = rows, kinds[:300]
        a, b = RowStitcher(), RowStitcher()
        out_a: list = []
        out_b: list = []
        for j in range(0, len(r), 120):
            if variant == "iterators":
                _feed_py(a, iter(r[j:j + 120]), iter(k[j:j + 120]), out_a)
                _feed_c(b, iter(r[j:j + 120]), iter(k[j:j + 120]), out_b)
            else:
                _feed_py(a, r[j:j + 120], k[j:j + 120], out_a)
                _feed_c(b, r[j:j + 120], k[j:j + 120], out_b)
            assert out_a == out_b, variant
            assert _state(a) == _state(b), variant
        a.finish(out_a)
        b.finish(out_b)
        assert out_a == out_b, variant
    with pytest.raises(TypeError):
        _feed_c(RowStitcher(), 5, kinds, [])


def test_nothing_is_kept_after_many_calls():
    rows = _random_rows(random.Random(11), 1500, backwards=True)
    rows = [r if type(r[0]) is not int else (float(r[0]),) + r[1:] for r in rows]
    kinds = [row_kind(r) for r in rows]

    def run() -> None:
        st = RowStitcher(on_fold=lambda row: row + ("m",))
        out: list = []
        for i in range(0, len(rows), 250):
            st.feed(rows[i:i + 250], kinds[i:i + 250], out)
        st.finish(out)

    for _ in range(20):
        run()
    gc.collect()
    objects = len(gc.get_objects())
    refs = [sys.getrefcount(x) for x in (rows[0], rows[-1], rows[0][2], kinds[0])]
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for _ in range(200):
            run()
        gc.collect()
        after = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert len(gc.get_objects()) - objects < 50
    assert [sys.getrefcount(x) for x in (rows[0], rows[-1], rows[0][2], kinds[0])] == refs
    assert after - before < 64 * 1024
