#!/usr/bin/env python3
"""`plan.subject_sql` (the service a line without one is about: an OOM kill's process, a systemd
unit) with its substring guard against the same two regexes run on every row, in DuckDB, in this
one run: seconds (best of --repeat, alternating) and whether the two give the same column.

    python bench/bench_subject_sql.py                 # 2M messages, 1% of each kind
    python bench/bench_subject_sql.py --rows 500k
"""

from __future__ import annotations

import argparse
import time

import duckdb

from rca.sources import gcloud, plan


def unguarded(msg: str) -> str:
    """The expression before the guard: both regexes on every row."""
    return (f"coalesce(nullif(regexp_extract({msg}, {plan.q(gcloud.OOM_PROCESS)}, 1), ''), "
            f"nullif(regexp_extract({msg}, {plan.q(gcloud.SYSTEMD_UNIT)}, 1), ''), '')")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", default="2m")
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    rows = int(float(a.rows[:-1]) * {"k": 1e3, "m": 1e6}[a.rows[-1].lower()]) if a.rows[-1].isalpha() else int(a.rows)
    con = duckdb.connect()
    con.execute("SET threads = 1")
    con.execute(f"""CREATE TABLE m AS SELECT CASE
        WHEN i % 100 = 0 THEN 'Out of memory: Killed process ' || i || ' (worker-' || (i % 7) || ') total-vm:1kB'
        WHEN i % 100 = 1 THEN 'systemd[1]: unit-' || (i % 5) || '.service: Main process exited, code=killed'
        ELSE 'GET /api/item/' || i || ' handled in ' || (i % 97) || ' ms by pool worker ' || (i % 13) END AS msg
        FROM range({rows}) t(i)""")
    exprs = {"guarded (plan.subject_sql)": plan.subject_sql("msg"), "regex on every row": unguarded("msg")}
    digests = {k: con.execute(f"SELECT sum(hash({e})), count(*) FILTER (WHERE {e} <> '') FROM m").fetchone()
               for k, e in exprs.items()}
    best = dict.fromkeys(exprs, float("inf"))
    for _ in range(a.repeat):
        for k, e in exprs.items():
            t = time.process_time()
            con.execute(f"SELECT count(DISTINCT {e}) FROM m").fetchone()
            best[k] = min(best[k], time.process_time() - t)
    base = best["regex on every row"]
    print(f"{rows:,} messages, 2% named by an OOM kill or a systemd unit; CPU s, best of {a.repeat}")
    print("| expression | CPU s | ratio |\n|---|---|---|")
    for k in exprs:
        print(f"| {k} | {best[k]:.3f} | {best[k] / base:.2f} |")
    print("same column:", len(set(digests.values())) == 1, digests["guarded (plan.subject_sql)"])


if __name__ == "__main__":
    main()
