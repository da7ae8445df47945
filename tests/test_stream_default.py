"""The stream-default rule (stdout INFO, stderr ERROR: a level the shipper assumed, which the line's
own level may replace) is one table: the Python engine, the SQL plans and the grounded checker
read it, so they cannot disagree on which entries a written level relabels."""

from __future__ import annotations

import itertools

import duckdb

from rca.models import SEVERITIES, is_stream_default
from rca.sources import plan

STREAMS = ("stdout", "stderr", "", "varlog/system", "app/stdout", "STDOUT")


def test_sql_and_python_agree_on_every_severity_and_stream():
    pairs = list(itertools.product(SEVERITIES, STREAMS))
    rows = duckdb.sql(
        f"SELECT sev, stream, coalesce({plan.stream_default_sql('sev', 'stream')}, false) AS d "
        "FROM (SELECT unnest($sevs) AS sev, unnest($streams) AS stream)",
        params={"sevs": [s for s, _ in pairs], "streams": [t for _, t in pairs]},
    ).fetchall()
    assert len(rows) == len(pairs)
    assert {(s, t): d for s, t, d in rows} == {(s, t): is_stream_default(s, t) for s, t in pairs}
    assert {(s, t) for s, t, d in rows if d} == {("INFO", "stdout"), ("ERROR", "stderr")}
