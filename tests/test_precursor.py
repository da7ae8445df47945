"""A component often warns before it fails: a datastore counting down what it has left, a worker
counting up what it leaked. Such a warning runs from the window's start (it is not new), so only
its number says it is going somewhere. Invented exports, read as a user would (`build_report`)."""

from __future__ import annotations

import random
from pathlib import Path

from test_parallel_lead_in import _dir, _request
from test_quiet_culprits import _lines, _mined, _report

from rca.mining.stats import number_trend


def _export(counting_down: bool) -> list[dict]:
    """ledger-db warns twice a minute from the window's start about the row slots it has left
    (counting down, or as a control wandering up and down); from minute 18 it refuses writes and
    shop-api fails a third of its orders; a mailer warns at an even rate all along."""
    rng = random.Random(7)
    entries = [_request(m, s, 500 if m >= 18 and s % 30 == 0 else 200) for m in range(36) for s in range(0, 60, 10)]
    for m in range(18):
        for s in (7, 37):
            left = 900_000 - (m * 60 + s) * 800 if counting_down else rng.randint(300_000, 900_000)
            entries += _lines("ledger-db", range(m, m + 1), range(s, s + 1),
                              f"WARNING: table ledger_rows has {left} free row slots before it stops taking writes", "WARNING")
    entries += _lines("ledger-db", range(18, 36), range(2, 60, 6), "ERROR: table ledger_rows takes no new writes", "ERROR")
    entries += _lines("shop-api", range(18, 36), range(3, 60, 6), "sale {n} not saved: ledger refused the write", "ERROR", "stderr")
    entries += _lines("mailer", range(36), range(11, 60, 30), "smtp relay slow to answer, retrying", "WARNING")
    return entries


def test_a_warning_whose_number_runs_down_until_its_component_fails_is_the_root_cause(tmp_path):
    """The datastore's warning counted its free slots down until it refused writes: it leads the
    report as a database failure, though it ran from the window's first minute. The same warning
    with a number that only wanders is background: an error leads instead."""
    report, by_id = _report(_export(True), _dir(tmp_path, "down"))
    top = by_id[report.root_cause.cluster_ids[0]]
    assert "free row slots" in top.template
    assert report.root_cause.category == "database"
    assert "warned before it failed" in report.root_cause.statement
    wander, wby = _report(_export(False), _dir(tmp_path, "wander"))
    assert "free row slots" not in wby[wander.root_cause.cluster_ids[0]].template
    assert all("free row slots" not in wby[c.cluster_id].template for c in wander.candidates if c.cluster_id in wby)


def test_both_engines_see_the_same_trend(tmp_path):
    """The trend is read from the messages mining keeps, the same in both engines."""
    mined = _mined(_export(True), tmp_path)
    trends = {engine: next(c.number_trend for c in m.clusters if "free row slots" in c.template) for engine, m in mined.items()}
    assert trends["python"] == trends["duckdb"] >= 0.9


def test_number_trend_tells_a_count_from_a_jitter_and_the_clock():
    template = "pool health: <NUM> workers stuck at <NUM>:<NUM>:<NUM>"
    rising = {f"pool health: {n} workers stuck at 10:{m:02d}:00": 1 for m, n in enumerate(range(10, 200, 9))}
    assert number_trend(template, rising) > 0.9  # the count, not the clock, which also rises
    clock_only = {f"pool health: {n} workers stuck at 10:{m:02d}:00": 1 for m, n in enumerate([5, 9, 3, 7, 4, 8, 6, 2, 9, 3])}
    assert number_trend(template, clock_only) < 0.5
    assert number_trend(template, dict(list(rising.items())[:4])) == 0.0  # too few to tell
