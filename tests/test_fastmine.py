"""The C accelerator for the per-record mining statistics leaves exactly the state of the Python
reference: every cluster accumulator, the link tables (in their LRU order), the pair counters, the
random generator's state, and the final MiningResult. Also with tiny table limits, so that LRU
eviction, pair pruning, reservoir replacement and message caps all run."""

from __future__ import annotations

import random
import types
from collections import OrderedDict
from pathlib import Path

import pytest

from corpora import incident_logs

from rca import accel

from rca.mining import stats
from rca.models import ReadStats
from rca.sources.reader import read_records

faststats = pytest.importorskip("rca.mining._fastmine", reason="C accelerator not built")
if accel.pure_python():
    pytest.skip("RCA_PURE_PYTHON=1: the accelerators are off, there is nothing to compare", allow_module_level=True)

ROOT = Path(__file__).resolve().parent.parent
INCIDENTS = incident_logs()


def _miner(impl: str) -> stats._Miner:
    m = stats._Miner(None)
    fn = stats._Miner._records_py if impl == "py" else stats._Miner._records
    m._records = types.MethodType(fn, m)  # type: ignore[method-assign]
    if impl == "py":  # the reference keeps its link tables in OrderedDicts
        m.last_by_instance, m.last_by_trace = OrderedDict(), OrderedDict()
    else:
        assert type(m.last_by_instance) is faststats.LinkTable
    return m


def _state(m: stats._Miner) -> dict:
    accs = {k: {s: (list(getattr(a, s)) if s in ("lat", "samples") else getattr(a, s)) for s in stats._Acc.__slots__}
            for k, a in m.accs.items()}
    return {
        "accs": accs,
        "revisions_first": list(m.revisions_first.items()),
        "by_instance": list(m.last_by_instance.items()),
        "by_trace": list(m.last_by_trace.items()),
        "pairs": list(m.pairs.items()),
        "rng": m.rng.getstate(),
        "window": (m.window_start, m.window_end, m.total),
    }


def _run_both(records: list) -> tuple[stats._Miner, stats._Miner]:
    py, c = _miner("py"), _miner("c")
    n = 0
    for i in range(0, len(records), 700):  # batches that do not line up with anything
        batch = records[i:i + 700]
        py.add_records(batch, n)
        c.add_records(batch, n)
        n += len(batch)
        assert _state(c) == _state(py), f"state differs after {n} records"
    return py, c


def test_the_accelerator_is_used() -> None:
    assert stats._Miner._records is not stats._Miner._records_py


@pytest.mark.parametrize("incident", INCIDENTS, ids=lambda p: p.parent.name)
def test_same_state_on_every_incident(incident: Path) -> None:
    records = list(read_records(str(incident), "auto", ReadStats()))
    py, c = _run_both(records)
    assert py.result().model_dump() == c.result().model_dump()


def _random_records(rng: random.Random, n: int, idents: int) -> list:
    """Records from a few clusters, instances and traces, with times that go back and forth."""
    from rca.models import LogRecord

    out = []
    for i in range(n):
        out.append(LogRecord(
            timestamp=None if rng.random() < 0.05 else 1_700_000_000.0 + i * rng.choice((0.1, 1.0, 5.0)) - rng.random() * 40,
            severity=rng.choice(("INFO", "ERROR", "WARNING")),
            message=rng.choice(("db timeout after %d ms", "GET /x %d", "pool full: %d waiting", "ok %d")) % (i % 97),
            service=rng.choice(("api", "worker")),
            instance="" if rng.random() < 0.2 else f"inst-{rng.randrange(idents)}",
            trace="" if rng.random() < 0.3 else rng.choice((f"t{rng.randrange(idents * 3)}", "é-trace", "trace\u2028x")),
        ))
    return out


@pytest.mark.parametrize("seed", range(4))
def test_link_tables_evict_like_an_ordereddict(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Random records with more instances and traces than the tables hold: the C link tables
    (hash index with backward-shift deletion, recency list) end each batch with the same entries
    in the same order as the reference's OrderedDicts, and count the same pairs."""
    rng = random.Random(seed)
    lru = (3, 17, 64, 1000)[seed]
    try:
        monkeypatch.setattr(stats, "LINK_LRU", lru)
        monkeypatch.setattr(stats, "MAX_PAIR_STATE", 10_000)
        faststats.configure(stats._Acc, stats.LINK_WINDOW_S, 10_000, lru, stats.MAX_SAMPLES,
                            stats.SAMPLE_CHARS, stats.MESSAGE_KEY_CHARS, stats.MAX_DISTINCT_MESSAGES)
        py, c = _run_both(_random_records(rng, 6000, idents=(5, 40, 300, 900)[seed]))
        assert len(c.last_by_trace) == min(lru, len(py.last_by_trace)) and len(py.last_by_trace) == lru
        assert py.pairs and c.pairs == py.pairs
    finally:
        monkeypatch.undo()
        _restore()


def test_link_table_from_python() -> None:
    t = faststats.LinkTable()
    assert len(t) == 0 and t.items() == []
    with pytest.raises(TypeError):
        faststats.LinkTable(3)


def _restore() -> None:
    faststats.configure(stats._Acc, stats.LINK_WINDOW_S, stats.MAX_PAIR_STATE, stats.LINK_LRU, stats.MAX_SAMPLES,
                        stats.SAMPLE_CHARS, stats.MESSAGE_KEY_CHARS, stats.MAX_DISTINCT_MESSAGES)


@pytest.mark.parametrize("incident", INCIDENTS[:6], ids=lambda p: p.parent.name)
def test_same_state_with_tiny_table_limits(incident: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    records = list(read_records(str(incident), "auto", ReadStats()))
    limits = {"LINK_WINDOW_S": 30.0, "MAX_PAIR_STATE": 6, "LINK_LRU": 3, "MAX_SAMPLES": 3, "SAMPLE_CHARS": 12,
              "MESSAGE_KEY_CHARS": 9, "MAX_DISTINCT_MESSAGES": 4}
    try:
        for name, value in limits.items():
            monkeypatch.setattr(stats, name, value)
        faststats.configure(stats._Acc, *limits.values())
        py, c = _run_both(records)
        assert len(py.last_by_instance) <= 3 and len(py.pairs) <= 6  # the limits were in force
        assert any(len(a.samples) == 2 and a.seen > 10 for a in py.accs.values())  # reservoirs replaced
    finally:
        monkeypatch.undo()
        _restore()


# ----------------------------------------------------------------------------- the miner's caches

from rca.mining import miner as miner_mod  # noqa: E402


def _cache_state(tm: miner_mod.TemplateMiner) -> tuple:
    mc = tm._masked_cache
    return list(mc.new.items()), list(mc.old.items()), sorted(tm._clusters), tm._final


@pytest.mark.parametrize("cache_size", [2, 37, 50_000])
def test_same_keys_and_cache_states_as_add_batch(cache_size: int, monkeypatch: pytest.MonkeyPatch) -> None:
    fastkeys = miner_mod._fastkeys
    assert fastkeys is not None
    messages: list[str] = []
    for incident in INCIDENTS[:8]:
        messages += [r.message for r in read_records(str(incident), "auto", ReadStats())]
    messages += messages[:3000]  # repeats: cache hits in both generations
    cfg = miner_mod.MinerConfig(cache_size=cache_size)
    py, c, own = (miner_mod.TemplateMiner(cfg) for _ in range(3))
    for i in range(0, len(messages), 900):
        batch = messages[i:i + 900]
        masked = [py.masked_message(m) for m in batch]
        monkeypatch.setattr(miner_mod, "_fastkeys", None)
        expect = py.add_batch(batch, masked)
        monkeypatch.setattr(miner_mod, "_fastkeys", fastkeys)
        assert c.add_batch(batch, masked) == expect
        assert own.add_batch(batch) == expect  # masking the messages itself
        assert _cache_state(c) == _cache_state(py) == _cache_state(own)
    assert [py.template(k) for k in sorted(py._clusters)] == [c.template(k) for k in sorted(c._clusters)]


def test_columns_is_the_transpose() -> None:
    from operator import itemgetter

    rows = [tuple(f"r{r}c{c}" if c % 3 else (r * c if c % 2 else None) for c in range(16)) for r in range(500)]
    which = (*range(13), 15)
    assert faststats.columns(rows, which) == [list(map(itemgetter(k), rows)) for k in which]
    assert faststats.columns([], which) == [[] for _ in which]
    with pytest.raises(IndexError):
        faststats.columns([(1, 2)], which)
