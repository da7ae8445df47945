"""RowStitcher.feed in C (rca/sources/_fastrow.c `stitch_feed`) against its Python reference.

Both are fed the same rows in the same batches; after every batch the output so far and the whole
stitcher state must be equal: the open buffers (keys, order, lines, time spans), the last time
seen, the direction count and the sweep counter, and the on_fold calls made. Rows come from every
incident (real tracebacks split one line per entry, newest first and oldest first) and from random
streams run with tiny limits, so that time gaps, full buffers, too many buffers, sweeps, missing
times, int times, chained tracebacks and a failing on_fold / _fold all happen. The two also take
turns on one stream, which works because the C loop keeps its state in the stitcher.

The C loop folds a traceback with the C twin of tracebacks._fold (with parse_traceback), exposed as
_fastrow.fold: compared with _fold on every group the incidents fold and on generated tracebacks (chains,
lost headers and exception lines, unnamed and long exception lines, Unicode whitespace, texts over
MAX_MESSAGE_CHARS, severities, times, traces and indexes in any order), and checked to hand to the Python
_fold the groups it does not handle and every group while a global _fold reads is not as configured.
"""

from __future__ import annotations

import gc
import random
import sys
import tracemalloc
import types

import pytest
from corpora import incident_logs

from rca import accel
from rca.models import ReadStats
from rca.sources import gcloud, read_records, tracebacks
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


def _assert_keeps_nothing(run, probes: tuple, warm: int, rounds: int) -> None:  # noqa: ANN001
    """`run()` many times over leaves no objects, no references to `probes` and no memory behind."""
    for _ in range(warm):
        run()
    gc.collect()
    objects = len(gc.get_objects())
    refs = [sys.getrefcount(x) for x in probes]
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for _ in range(rounds):
            run()
        gc.collect()
        after = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert len(gc.get_objects()) - objects < 50
    assert [sys.getrefcount(x) for x in probes] == refs
    assert after - before < 64 * 1024


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

    _assert_keeps_nothing(run, (rows[0], rows[-1], rows[0][2], kinds[0]), warm=20, rounds=200)


# ---------------------------------------------------------------------------------------------------
# The fold: tracebacks._fold (with parse_traceback) in C (_fastrow.fold, which the C flush uses).

_fold_py = tracebacks._fold
_fold_c = tracebacks._fastrow.fold


def _assert_same_row(got: tuple, want: tuple) -> None:
    """Every field equal and of the same type; frames a tuple of str; extra's keys in the same order."""
    assert got == want
    assert type(got) is tuple and len(got) == len(want) == 15
    assert [type(x) for x in got] == [type(x) for x in want]
    assert type(got[12]) is tuple and all(type(f) is str for f in got[12])
    assert type(got[14]) is dict and list(got[14].items()) == list(want[14].items())
    assert all(type(v) is str for v in got[14].values())


def _check_fold(group: list) -> tuple:
    """The C fold of group (which must be one it handles) is the Python one. Returns it."""
    want = _fold_py(group)
    got = _fold_c(group, False)
    assert got is not None, "handed to Python"
    _assert_same_row(got, want)
    _assert_same_row(_fold_c(group), want)
    return got


def test_the_c_fold_is_in_use():
    assert tracebacks._FOLD_OFF is None
    _check_fold([_row(1.0, tracebacks.TRACEBACK_HEADER, "i", 0)])


def _folded_groups(rows: list[tuple], monkeypatch) -> list[list]:
    """The groups the (Python) stitcher folds from rows, in both orders."""
    groups: list[list] = []

    def record(group: list) -> tuple:
        groups.append(list(group))
        return _fold_py(group)

    with monkeypatch.context() as m:
        m.setattr(tracebacks, "_fold", record)
        for rs in (rows, rows[::-1]):
            st = RowStitcher()
            out: list = []
            _feed_py(st, rs, [row_kind(r) for r in rs], out)
            st.finish(out)
    return groups


def test_c_fold_equals_python_on_every_incident_group(monkeypatch):
    n = chained = 0
    for logs in incident_logs():
        try:
            rows = _incident_rows(logs)
        except pytest.skip.Exception:
            continue
        for group in _folded_groups(rows, monkeypatch):
            row = _check_fold(group)
            n += 1
            chained += "exception_chain" in row[14]
    assert n > 0 and chained > 0


def test_the_c_flush_folds_in_c():
    # the Python _fold is not called by the C loop for groups the C fold handles (every incident group)
    rows = []
    for logs in incident_logs():
        try:
            rows += _incident_rows(logs)
        except pytest.skip.Exception:
            continue
    code = tracebacks._fold.__code__
    calls = [0, 0]

    def profile(frame, event, arg):
        if event == "call" and frame.f_code is code:
            calls[0] += 1

    folds: list = []
    st = RowStitcher(on_fold=_fold_mark(folds))
    sys.setprofile(profile)
    try:
        out: list = []
        _feed_c(st, rows, [row_kind(r) for r in rows], out)
        st.finish(out)
    finally:
        sys.setprofile(None)
    assert folds and calls[0] == 0


# Lines of generated tracebacks. Whitespace str.strip() removes, ASCII and not (\x1c-\x1f are whitespace
# to str.strip), and names the C exception_name twin has to get right in parse_traceback's non-strict use.
_WS = [" ", "\t", "\u3000", "\xa0", "\x1c", "\x1f", "\u2009", "\x0b", "\x0c", "\r", "\x85", "\u2028"]
_HEADERS = [tracebacks.TRACEBACK_HEADER, "  " + tracebacks.TRACEBACK_HEADER, "\u3000" + tracebacks.TRACEBACK_HEADER,
            tracebacks.TRACEBACK_HEADER + " and more", "\t" + tracebacks.TRACEBACK_HEADER + "\xa0"]
_CHAINS = [tracebacks._CHAIN_DIRECT + ":", tracebacks._CHAIN_DURING + ":", "  " + tracebacks._CHAIN_DIRECT,
           "\u3000" + tracebacks._CHAIN_DURING + ":\u2009", tracebacks._CHAIN_DIRECT[:-3]]
_FRAMES = ['  File "/app/x.py", line 3, in f', '\tFile "/app/y.py", line 10, in <module>',
           '    File "/app/ü.py", line 7, in g   ', '  File "x", line \u0663, in h', '  File "/srv/😀.py", line 1, in 𝔣',
           ' \t File "a b.py", line 12345678901234567890, in z\u3000']
_CODE = ["    f()", "    ^^^^^^", "  File \"x\", line a, in h", "\t\tx = {'a': 1}", '  File "no close, line 3',
         "    ~~~~^^~~", "  ValueError: indented"]
_EXC = ["ValueError: bad", "KeyError", "KeyError: 'k'", "asyncio.exceptions.CancelledError", "Name:x", "Name:",
        "Config: loaded", "lower case: thing", "something went wrong", "x" * 300, "y" * 130 + ": tail",
        "Ошибка: плохо", "ÄError: x", "ValueError: " + "v" * 600, "E" * 201 + "Error: x", "http://x: y",
        ":leading colon", "ValueError:\tx", "ValueError: x\u3000", "\u3000ValueError: x", "\x1cKeyError",
        "_Private: x", "mod._Thing: y", "a.b.: c", "StopIteration", "Foo Bar: baz", "😀Error: x",
        "z" * 119 + "ж" * 5 + ": t", "ValueError: \u2028 next", "Über: x", "\u3000\u3000code after frames"]
# the limits of a chain entry (_EXC_TYPE_CHARS) and of a cause's exception line (_EXC_LINE_CHARS), and around
_EXC += [c * (tracebacks._EXC_TYPE_CHARS + d) + tail
         for d in (-1, 0, 1) for c in ("w", "ш") for tail in ("", ": x", ":x")]
_EXC += ["ValueError: " + c * (tracebacks._EXC_LINE_CHARS - 12 + d) for d in (-1, 0, 1) for c in ("v", "😀")]
_BLANK = ["", " ", "\u3000", "\t \x0b", "\xa0\u2009"]


def _messy(rnd: random.Random, line: str) -> str:
    """line with now and then whitespace around it (of any kind), or a tab for a space."""
    r = rnd.random()
    if r < 0.1:
        return line + rnd.choice(_WS) * rnd.randrange(1, 3)
    if r < 0.15 and line[:1] not in (" ", "\t"):
        return rnd.choice(_WS[2:]) + line
    if r < 0.2:
        return line.replace(" ", "\t", 1)
    return line


def _tb_lines(rnd: random.Random) -> list[str]:
    lines: list[str] = []
    if rnd.random() < 0.15:  # any lines at all
        pool = _HEADERS + _CHAINS + _FRAMES + _CODE + _EXC + _BLANK
        return [_messy(rnd, rnd.choice(pool)) for _ in range(rnd.randrange(1, 12))]
    for part in range(rnd.choice((1, 1, 2, 3))):
        if part:
            lines.append(rnd.choice(_CHAINS))
            if rnd.random() < 0.2:
                lines.append(rnd.choice(_BLANK))
        if rnd.random() < 0.85:  # else the header was lost
            lines.append(rnd.choice(_HEADERS) if rnd.random() < 0.3 else tracebacks.TRACEBACK_HEADER)
        for _ in range(rnd.randrange(0, 6)):
            lines.append(_messy(rnd, rnd.choice(_FRAMES)))
            for _ in range(rnd.choice((0, 1, 1, 2))):
                lines.append(rnd.choice(_CODE))
        if rnd.random() < 0.85:  # else no exception line
            lines.append(_messy(rnd, rnd.choice(_EXC)))
        if rnd.random() < 0.1:
            lines.append(rnd.choice(_EXC + _BLANK))  # a line after the exception line
    return lines or [tracebacks.TRACEBACK_HEADER]


_SEVS = list(tracebacks.SEVERITY_RANK) + ["FOO", "", "error", "Warning", "DEFAULT", "EMERGENCY"]


def _tb_rows(rnd: random.Random, lines: list[str]) -> list[tuple]:
    """Rows for one traceback's lines: times missing (often the first), severities in any order and
    unknown ones, traces now and then on later lines only, indexes in any order, a worker's extra items."""
    rows = []
    base = rnd.randrange(-5, 10**6) if rnd.random() < 0.9 else 2**70
    order = list(range(len(lines)))
    if rnd.random() < 0.5:
        rnd.shuffle(order)
    elif rnd.random() < 0.5:
        order.reverse()
    inst = rnd.choice(("i", "inst-ü", ""))
    for j, msg in enumerate(lines):
        r = rnd.random()
        ts = None if (j == 0 and r < 0.4) or r < 0.1 else (1000 + j if r < 0.15 else 1000.0 + j * 0.001)
        sev = rnd.choice(_SEVS) if rnd.random() < 0.7 else "ERROR"
        trace = "" if j == 0 or rnd.random() < 0.6 else rnd.choice(("", None, f"projects/p/traces/{j}", "t"))
        row = (ts, sev, msg, rnd.choice(("svc", "svc2")), "rev-1", inst, trace, rnd.choice(("stderr", "stdout")),
               None, None, "", rnd.choice(("", "ValueError")), (), base + order[j] * rnd.choice((1, -1, 7)),
               {} if rnd.random() < 0.8 else {"k": "v"})
        if rnd.random() < 0.3:
            row += ("masked text",)
        rows.append(row)
    return rows


@pytest.mark.parametrize("seed", range(4))
def test_c_fold_equals_python_on_generated_tracebacks(seed: int):
    rnd = random.Random(1000 + seed)
    chained = 0
    for _ in range(3000):
        row = _check_fold(_tb_rows(rnd, _tb_lines(rnd)))
        chained += "exception_chain" in row[14]
    assert chained > 100


def test_c_fold_every_exception_line_and_chain_sentence():
    # each exception line after frames, alone and as the cause of each chain sentence, in every whitespace
    rnd = random.Random(4)
    chained = 0
    for exc in _EXC:
        for ws in [""] + _WS:
            for line in (exc + ws, ws + exc, exc.replace(" ", ws or " ")):
                _check_fold(_tb_rows(rnd, [tracebacks.TRACEBACK_HEADER, _FRAMES[0], line]))
                _check_fold(_tb_rows(rnd, [_FRAMES[1], line, "ValueError: after"]))  # no header
                for chain in _CHAINS:  # (the last one is not a chain sentence)
                    row = _check_fold(_tb_rows(rnd, [_FRAMES[0], line, chain, tracebacks.TRACEBACK_HEADER,
                                                     _FRAMES[2], "KeyError: k"]))
                    chained += "exception_chain" in row[14]
        _check_fold(_tb_rows(rnd, [_FRAMES[0], "    code"]))  # no exception line
        _check_fold(_tb_rows(rnd, [exc, _FRAMES[0]]))  # exception line before the frames
    assert chained > len(_EXC) * len(_WS) * 4


def test_c_fold_cuts_the_text_at_max_message_chars():
    rnd = random.Random(6)
    limit = tracebacks.MAX_MESSAGE_CHARS
    head = [tracebacks.TRACEBACK_HEADER, _FRAMES[0], _FRAMES[4]]
    fixed = sum(len(x) + 1 for x in head)
    for fill in ("a", "ж", "😀", "a😀"):
        for over in (-2, -1, 0, 1, 2, 1000):
            for tail in ("ValueError: x", "E" + "é" * 700):
                n = limit + over - fixed - len(tail) - 1
                big = (fill * n)[:n]
                row = _check_fold(_tb_rows(rnd, head + [big, tail]))
                assert row[2].endswith(tracebacks._TRUNC_MARK) == (over > 0)
    row = _check_fold(_tb_rows(rnd, [_FRAMES[0], "ValueError: " + "x" * (3 * limit)]))  # one huge line
    assert len(row[2]) == limit + len(tracebacks._TRUNC_MARK)
    _check_fold(_tb_rows(rnd, [tracebacks.TRACEBACK_HEADER] + ["  File \"x\", line 1, in f"] * 5000 + ["KeyError"]))


def test_c_fold_picks_like_python():
    # the highest severity (the first of that rank), the first time and trace, the lowest index
    def rows(sevs, times=None, traces=None, idx=None):
        n = len(sevs)
        times = times or [1.0] * n
        traces = traces or [""] * n
        idx = idx or list(range(n))
        return [_row(t, msg, "i", i)[:1] + (s,) + _row(t, msg, "i", i)[2:6] + (tr,) + _row(t, msg, "i", i)[7:]
                for s, t, tr, i, msg in zip(sevs, times, traces, idx, [_FRAMES[0]] * (n - 1) + ["KeyError"])]

    for sevs in (["ERROR", "CRITICAL", "ERROR"], ["FOO", "DEFAULT", "BAR"], ["DEFAULT", "FOO"], ["", "INFO"],
                 ["EMERGENCY", "ALERT"], ["INFO", "WARNING", "WARNING"], ["error", "ERROR"]):
        row = _check_fold(rows(sevs))
        assert row[1] == _fold_py(rows(sevs))[1]
    row = _check_fold(rows(["ERROR"] * 4, times=[None, None, 3.0, 2.0], traces=["", None, "", "t3"], idx=[5, 2, 9, 2]))
    assert row[0] == 3.0 and row[6] == "t3" and row[13] == 2
    row = _check_fold(rows(["ERROR"] * 3, times=[None, None, None], traces=[None, "", None], idx=[2**80, -2**80, 0]))
    assert row[0] is None and row[6] == "" and row[13] == -2**80


def test_groups_the_c_fold_leaves_to_python(monkeypatch):
    # odd rows: the Python _fold answers (or raises) for them, the same through _fastrow.fold
    base = _tb_rows(random.Random(2), [tracebacks.TRACEBACK_HEADER, _FRAMES[0], "ValueError: x"])

    def with_field(i: int, value: object, at: int = 1) -> list:
        g = list(base)
        g[at] = g[at][:i] + (value,) + g[at][i + 1:]
        return g

    class Str(str):
        pass

    odd = [with_field(2, b"  File \"x\", line 1, in f"), with_field(2, None), with_field(2, Str("KeyError")),
           with_field(1, None), with_field(1, Str("ERROR")), with_field(6, 5), with_field(6, Str("t")),
           with_field(13, 3.0), with_field(13, True), with_field(13, None),
           [base[0], list(base[1]), base[2]], [base[0], base[1][:10]], [], tuple(base), [base[0], "row"]]
    for group in odd:
        assert _fold_c(group, False) is None, group
        try:
            want = ("ok", _fold_py(group))
        except Exception as exc:  # noqa: BLE001 - both must fail alike
            want = ("raised", type(exc))
        try:
            got = ("ok", _fold_c(group))
        except Exception as exc:  # noqa: BLE001
            got = ("raised", type(exc))
        assert got == want, group
    # a rank that is not an int: Python for the groups with that severity
    monkeypatch.setitem(tracebacks.SEVERITY_RANK, "ODD", 2.5)
    monkeypatch.setitem(tracebacks.SEVERITY_RANK, "HUGE", 2**70)
    for sev in ("ODD", "HUGE"):
        assert _fold_c(with_field(1, sev), False) is None
        _assert_same_row(_fold_c(with_field(1, sev)), _fold_py(with_field(1, sev)))
        assert _fold_c(with_field(1, sev, 0), False) is None
    # a rank added to the dict is seen by both
    monkeypatch.setitem(tracebacks.SEVERITY_RANK, "NEW", 99)
    assert _check_fold(with_field(1, "NEW", 2))[1] == "NEW"


@pytest.mark.parametrize("name, value", [
    ("MAX_MESSAGE_CHARS", 20), ("_TRUNC_MARK", "..."), ("_EXC_LINE_CHARS", 3), ("_EXC_TYPE_CHARS", 2),
    ("_CHAIN_SEP", " / "), ("_CHAIN_KEY", "chain"), ("_STITCHED", "n"), ("TRACEBACK_HEADER", "Traceback"),
    ("_CHAIN_DIRECT", "The above"), ("_CHAIN_DURING", "During"), ("SEVERITY_RANK", {"INFO": 9}), ("_MSG", 3),
    ("_IDX", 4), ("parse_traceback", lambda lines: ((), "X", ["A", "B"])), ("exception_name", lambda s, strict: ""),
    ("_fold", lambda group: ("folded",)),
])
def test_a_changed_global_sends_the_folds_to_python(monkeypatch, name, value):
    # what _fold reads, changed after configuring (a monkeypatch): the Python _fold folds, in the loop too
    rnd = random.Random(8)
    groups = [_tb_rows(rnd, [tracebacks.TRACEBACK_HEADER, _FRAMES[0], "Name:x " * 20, _CHAINS[0], _FRAMES[1],
                             "ValueError: " + "é" * 30]) for _ in range(5)]
    monkeypatch.setattr(tracebacks, name, value)
    for group in groups:
        assert _fold_c(group, False) is None
        assert _fold_c(group) == tracebacks._fold(group)
    if name not in ("_STITCHED", "_IDX"):  # (read by stitch_configure, for the loop: not to be changed)
        _compare([r for g in groups for r in g], rnd)


def test_the_c_fold_is_off_while_the_exception_name_twin_is_not_this_modules():
    # the C exception_name twin configured with another function (an edited copy of the module), or off
    def configure(fn) -> None:
        tracebacks._fastrow.configure(gcloud.normalize_row_py, gcloud._SEVERITY, gcloud._STATUS_TEXT, fn,
                                      tracebacks.MAX_MESSAGE_CHARS, gcloud._CACHE_MAX, gcloud._MAX_ENDPOINT)

    group = _tb_rows(random.Random(3), [_FRAMES[0], "Oops: x", _CHAINS[0], _FRAMES[1], "ValueError: y"])
    f = tracebacks.exception_name
    try:
        # the twins turned off by a rule of the module, then the rule back: off until configured again
        with pytest.MonkeyPatch.context() as m:
            m.setattr(tracebacks, "_NAME_RE", tracebacks.re.compile("x"))
            configure(tracebacks.exception_name)
        assert tracebacks._fastrow.traceback_rules() is None
        assert _fold_c(group, False) is None
        _assert_same_row(_fold_c(group), _fold_py(group))
        for changes in ({"_EXC_SUFFIXES": ("Oops",)}, {"_NAME_RE": tracebacks.re.compile("x")}):
            g = {**vars(tracebacks), **changes}
            g["exception_name"] = types.FunctionType(f.__code__, g, f.__name__, f.__defaults__)
            configure(g["exception_name"])
            assert (tracebacks._fastrow.traceback_rules() is None) == ("_NAME_RE" in changes)
            assert _fold_c(group, False) is None, changes
            _assert_same_row(_fold_c(group), _fold_py(group))
    finally:
        configure(tracebacks.exception_name)
    _check_fold(group)


def test_fold_configure_turns_the_c_fold_off_for_rules_it_cannot_follow():
    g = vars(tracebacks)
    try:
        for change in ({"_EXC_LINE_CHARS": -1}, {"_EXC_TYPE_CHARS": 1.5}, {"MAX_MESSAGE_CHARS": 2**70},
                       {"_TRUNC_MARK": None}, {"SEVERITY_RANK": list(tracebacks.SEVERITY_RANK)}, {"_IDX": -1},
                       {"_FRAME_RE": tracebacks.re.compile(r'[ \t]+File "[^"\n]*", line \d*')}):
            why = tracebacks._fastrow.fold_configure({**g, **change})
            assert isinstance(why, str), change
            group = _tb_rows(random.Random(1), [_FRAMES[0], "KeyError"])
            assert _fold_c(group, False) is None
            assert _fold_c(group) == _fold_py(group)
        # another module's globals (a copy): _fold is not a function of them
        assert isinstance(tracebacks._fastrow.fold_configure(dict(g)), str)
        with pytest.raises(TypeError):
            tracebacks._fastrow.fold_configure(None)
    finally:
        assert tracebacks._fastrow.fold_configure(g) is None
    _check_fold(_tb_rows(random.Random(1), [_FRAMES[0], "KeyError"]))


@pytest.mark.parametrize("seed", range(3))
def test_c_feed_equals_python_on_generated_tracebacks(seed: int):
    # the whole stitcher over generated tracebacks, split one line per row, with other rows between
    rnd = random.Random(300 + seed)
    rows: list[tuple] = []
    t = 5000.0
    for k in range(400):
        lines = _tb_lines(rnd)
        inst = f"i{rnd.randrange(3)}"
        for j, msg in enumerate(lines):
            t += rnd.choice((0.0, 0.001, 0.01))
            r = _tb_rows(rnd, [msg])[0]
            rows.append((None if rnd.random() < 0.05 else t,) + r[1:5] + (inst,) + r[6:13] + (len(rows),) + r[14:])
        if rnd.random() < 0.5:
            rows.append(_row(t + 3.0, "request done", inst, len(rows)))
    for rs in (rows, rows[::-1]):
        assert _compare(rs, rnd)[0] > 100


def test_the_c_fold_keeps_nothing():
    rnd = random.Random(12)
    groups = [_tb_rows(rnd, _tb_lines(rnd)) for _ in range(300)]
    groups.append(_tb_rows(rnd, [_FRAMES[0], "ValueError: " + "x" * (tracebacks.MAX_MESSAGE_CHARS + 10)]))
    groups.append([groups[0][0], list(groups[0][0])])  # handed to Python (which raises)

    def run() -> None:
        for g in groups:
            try:
                _fold_c(g)
            except TypeError:
                pass
            _fold_c(g, False)

    _assert_keeps_nothing(run, (groups[0][0], groups[0][0][2], groups[0][0][1], groups[5][-1][13]), warm=5, rounds=50)
