"""The exception says why; the line logged with it says what was being done. Invented exports, read
as a user would (`build_report`): an application's message and the traceback it printed as
separate entries, and a client whose exception quotes a database's own error message."""

from __future__ import annotations

from test_parallel_lead_in import _dir
from test_quiet_culprits import _lines, _report, _ts

TRACE = ["Traceback (most recent call last):", '  File "/app/ledger/store.py", line 88, in save', "    session.flush()",
         'psycopg.errors.CheckViolation: new row for relation "entries" violates check constraint "amount_positive"']


def _newest_first(entries: list[dict]) -> list[dict]:
    """The entries as a gcloud export lists them."""
    return sorted(entries, key=lambda e: e["timestamp"], reverse=True)


def _run(service: str, minute: int, second: float, stream: str, severity: str, text: str = "", status: int = 0) -> dict:
    """An entry of a Cloud Run service's one instance: a line on stdout / stderr, or a request log."""
    e = {"timestamp": _ts(minute, second), "severity": severity, "labels": {"instanceId": f"00ab{service}77c1"},
         "logName": f"projects/p/logs/run.googleapis.com%2F{stream}",
         "resource": {"type": "cloud_run_revision", "labels": {"service_name": service, "revision_name": f"{service}-00031-kq2"}}}
    if status:
        e["httpRequest"] = {"requestMethod": "POST", "requestUrl": "https://ledger.example.com/entries", "status": status,
                            "latency": "0.040s"}
    else:
        e["textPayload"] = text
    return e


def _message_and_trace_export(trace_service: str) -> list[dict]:
    """From minute 12, ledger-api fails to save entries: every failure logs its message on stdout
    ('entry N could not be saved; returning 500') and answers 500; every other one is followed a
    millisecond later by the traceback it printed on stderr, one line per entry. `trace_service`:
    whose traceback it is."""
    entries = []
    for m in range(40):
        for s in range(0, 60, 6):
            if m < 12 or s % 12:
                entries.append(_run("ledger-api", m, s, "requests", "INFO", status=200))
                continue
            entries.append(_run("ledger-api", m, s, "stdout", "ERROR", f"entry {m * 60 + s} could not be saved; returning 500"))
            entries.append(_run("ledger-api", m, s + 0.0005, "requests", "ERROR", status=500))
            if s % 24 == 0:
                entries += [_run(trace_service, m, s + 0.001 + i * 0.0001, "stderr", "ERROR", line) for i, line in enumerate(TRACE)]
    return _newest_first(entries)


def test_the_exception_headline_ranks_above_the_message_logged_with_it(tmp_path):
    """The message is twice as loud and starts a millisecond first, but the exception its trace
    names (a check constraint) says why: it is the root cause. When the trace is another service's,
    nothing links the two, and the message keeps its place."""
    report, by_id = _report(_message_and_trace_export("ledger-api"), _dir(tmp_path, "linked"))
    top = by_id[report.root_cause.cluster_ids[0]]
    assert "CheckViolation" in top.template
    unlinked, by_id = _report(_message_and_trace_export("audit-worker"), _dir(tmp_path, "apart"))
    assert "could not be saved" in by_id[unlinked.root_cause.cluster_ids[0]].template


def _quoting_export(server_says: str) -> list[dict]:
    """From minute 15 orders-api's inserts fail: it logs what it was doing ('order N not stored'),
    then its client exception quoting the database's message and the database's HINT on its next
    line, all at the same instant; the database logs `server_says` for each refused insert."""
    quoted = "tuple concurrently relocated by the compactor, cannot finish the write"
    entries = _lines("orders-api", range(40), range(0, 60, 10), "order {n} stored")
    entries += _lines("orders-db", range(40), range(5, 60, 20), "checkpoint complete: wrote {n} buffers")
    entries += _lines("orders-api", range(15, 40), range(2, 60, 4), "order {n} not stored; returning 500", "ERROR", "stderr")
    entries += _lines("orders-api", range(15, 40), range(2, 60, 4), f"psycopg.errors.ObjectInUse: {quoted}", "ERROR", "stderr")
    entries += _lines("orders-api", range(15, 40), range(2, 60, 4), "HINT: retry once the compaction of the table is over",
                      "ERROR", "stderr")
    entries += _lines("orders-db", range(15, 40), range(3, 60, 8), f"ERROR: {server_says}", "ERROR", "stderr")
    return _newest_first(entries)


def test_the_servers_own_line_ranks_above_a_client_quoting_its_message(tmp_path):
    """The client's lines are louder, and its exception names a type, but the exception quotes the
    database's own message, logged at the same time: the database's line is the root cause, and a
    database's failure (no known failure mode named). When the database's line shares only a
    few words with the client's, the client keeps its place."""
    report, by_id = _report(_quoting_export("tuple concurrently relocated by the compactor, cannot finish the write"),
                            _dir(tmp_path, "quoted"))
    assert by_id[report.root_cause.cluster_ids[0]].services == ["orders-db"]
    assert report.root_cause.category == "database"
    generic, by_id = _report(_quoting_export("cannot finish the write"), _dir(tmp_path, "generic"))
    assert by_id[generic.root_cause.cluster_ids[0]].services == ["orders-api"]
