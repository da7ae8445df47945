"""The C accelerator for the per-batch mining counters (`_Miner._batch_py`) leaves exactly the state
of the Python reference after every batch: every cluster accumulator (each dict with its items in
the same insertion order, the same int/float types, latency arrays and histograms, instance sets),
the miner's severities, timelines and window. On every incident, with the columns as tuples (the
single-process path) and as lists (the parallel path), and with tiny table limits, so that every
first-come cap and the exact -> histogram switch of latencies run."""

from __future__ import annotations

import math
import types
from array import array
from pathlib import Path

import pytest

from corpora import incident_logs

from rca import accel

from rca.mining import stats
from rca.models import ReadStats
from rca.sources.reader import read_records

fastbatch = pytest.importorskip("rca.mining._fastbatch", reason="C accelerator not built")
if accel.pure_python():
    pytest.skip("RCA_PURE_PYTHON=1: the accelerators are off, there is nothing to compare", allow_module_level=True)

ROOT = Path(__file__).resolve().parent.parent
INCIDENTS = incident_logs()


def _typed(v: object) -> object:
    """A value with the types of everything in it, dicts as ordered item lists."""
    if isinstance(v, dict):
        return ("dict", [(_typed(k), _typed(x)) for k, x in v.items()])
    if isinstance(v, (list, tuple, array)):
        return (type(v).__name__, [_typed(x) for x in v])
    if isinstance(v, set):
        return ("set", sorted(v))
    if isinstance(v, float) and math.isnan(v):
        return ("nan",)
    return (type(v).__name__, v)


def _state(m: stats._Miner) -> object:
    return _typed({
        "accs": {k: {s: getattr(a, s) for s in stats._Acc.__slots__} for k, a in m.accs.items()},
        "by_severity": m.by_severity,
        "timeline": m.timeline,
        "error_timeline": m.error_timeline,
        "window": (m.window_start, m.window_end, m.total),
        "revisions_first": m.revisions_first,
        "pairs": m.pairs,
    })


def _batch_c_only(self: stats._Miner, keys: list, cols: list, minutes: None = None) -> None:
    assert fastbatch.batch(self, self.accs, keys, cols) is True  # not left to the Python reference


def _miner(impl: str) -> stats._Miner:
    m = stats._Miner(None)
    fn = stats._Miner._batch_py if impl == "py" else _batch_c_only
    m._batch = types.MethodType(fn, m)  # type: ignore[method-assign]
    return m


def _add(m: stats._Miner, batch: list, n: int, as_lists: bool) -> None:
    cols = list(zip(*map(stats._RECORD_COLUMNS, batch)))
    keys = m.tm.add_batch(cols[2])
    if as_lists:
        cols = [list(c) for c in cols]
    m.add_batch(keys, cols, n)


def _run_both(records: list, as_lists: bool = False, step: int = 700) -> tuple[stats._Miner, stats._Miner]:
    py, c = _miner("py"), _miner("c")
    n = 0
    for i in range(0, len(records), step):  # batches that do not line up with anything
        batch = records[i:i + step]
        _add(py, batch, n, as_lists)
        _add(c, batch, n, as_lists)
        n += len(batch)
        assert _state(c) == _state(py), f"state differs after {n} records"
    return py, c


def test_the_accelerator_is_used() -> None:
    assert stats._Miner._batch is not stats._Miner._batch_py


@pytest.mark.parametrize("as_lists", [False, True], ids=["tuples", "lists"])
@pytest.mark.parametrize("incident", INCIDENTS, ids=lambda p: p.parent.name)
def test_same_state_on_every_incident(incident: Path, as_lists: bool) -> None:
    records = list(read_records(str(incident), "auto", ReadStats()))
    py, c = _run_both(records, as_lists)
    assert py.result().model_dump() == c.result().model_dump()


TINY = {"MAX_SERVICES": 1, "MAX_REVISIONS": 2, "MAX_STREAMS": 1, "MAX_EXCEPTIONS": 1, "ENDPOINT_TRACK": 2,
        "MAX_INSTANCES": 2, "LATENCY_EXACT": 3}


@pytest.fixture
def tiny_limits(monkeypatch: pytest.MonkeyPatch):  # noqa: ANN201
    for name, value in TINY.items():
        monkeypatch.setattr(stats, name, value)
    stats._configure_fastbatch()
    try:
        yield
    finally:
        monkeypatch.undo()
        stats._configure_fastbatch()


@pytest.mark.parametrize("incident", INCIDENTS, ids=lambda p: p.parent.name)
def test_same_state_with_tiny_table_limits(incident: Path, tiny_limits: None) -> None:
    records = list(read_records(str(incident), "auto", ReadStats()))
    py, c = _run_both(records, as_lists=True, step=333)
    assert py.result().model_dump() == c.result().model_dump()


def test_the_tiny_limits_are_in_force(tiny_limits: None) -> None:
    records = []
    for incident in INCIDENTS:
        records += list(read_records(str(incident), "auto", ReadStats()))
    py = _miner("py")  # the same data as the tests above, in one stream: C and Python agree there
    for i in range(0, len(records), 2000):
        _add(py, records[i:i + 2000], i, False)
    accs = py.accs.values()
    assert any(len(a.services) == 1 for a in accs) and all(len(a.services) <= 1 for a in accs)
    assert all(len(a.instances) <= 2 for a in accs) and any(len(a.instances) == 2 for a in accs)
    assert any(a.lat_hist for a in accs)  # latencies switched to the histogram
    assert all(len(a.endpoints) <= 2 for a in accs)


def _rec(ts: float | None, sev: str | None, msg: str, **kw: object) -> stats.LogRecord:
    return stats.LogRecord(timestamp=ts, severity=sev, message=msg, **kw)  # type: ignore[arg-type]


def test_edge_cases_by_hand(tiny_limits: None) -> None:
    """Missing timestamps and severities, negative and fractional minutes, half-way latencies
    (round half to even), latencies above 60 s, statuses of equal value and other type, frames."""
    recs = []
    for i in range(300):
        recs.append(_rec(
            None if i % 7 == 0 else -90.5 + i * 13.25,
            ["", None, "ERROR", "INFO", "CRITICAL", "custom"][i % 6],
            f"request {i % 5} took {i} ms",
            service=["", "a", "b"][i % 3], revision=["r1", "", "r2", "r3"][i % 4], instance=str(i % 4 * 0),
            trace="" if i % 2 else f"t{i % 9}", stream=["stdout", "stderr", ""][i % 3],
            http_status=[None, 200, 200.0, 500][i % 4], latency_s=[None, 0.0005, 0.0015, 61.5, 62.5, 1e13, -0.25][i % 7],
            endpoint=["", "GET /a", "GET /b", "POST /c"][i % 4], exception=["", "E1", "E2"][i % 3],
            frames=() if i % 11 else (f"frame {i}",),
        ))
    for step in (1, 2, 5, 64, 300):
        _run_both(recs, as_lists=bool(step % 2), step=step)


def test_exotic_batches_use_the_python_reference() -> None:
    """Timestamps that are not floats, columns of other lengths: batch() declines, nothing changed."""
    m = stats._Miner(None)
    recs = [_rec(60, "INFO", "x"), _rec(61.0, "INFO", "y")]  # an int timestamp
    cols = list(zip(*map(stats._RECORD_COLUMNS, recs)))
    keys = m.tm.add_batch(cols[2])
    assert fastbatch.batch(m, m.accs, keys, cols) is False
    assert m.accs == {} and m.total == 0
    assert fastbatch.batch(m, m.accs, keys[:1], cols) is False
    py, c = _miner("py"), stats._Miner(None)  # c: the dispatch of stats
    for x in (py, c):
        x.add_batch(x.tm.add_batch(cols[2]), cols, 0)
    assert _state(c) == _state(py)
