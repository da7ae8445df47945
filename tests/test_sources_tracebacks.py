"""Traceback folding: inside one entry, and stitched across one-line entries in either order."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rca.models import LogRecord, ReadStats
from rca.sources import normalize_entry, read_records
from rca.sources import tracebacks as tb
from rca.sources.tracebacks import classify_line, exception_name, stitch_tracebacks

EXCERPT = Path(__file__).parent / "data" / "sources" / "auth_db_excerpt.json"

SPLIT_TRACEBACK = [  # time order, as Python printed it (auth-db-timeout, 14:18:20)
    "Traceback (most recent call last):",
    '  File "/usr/local/lib/python3.11/asyncio/tasks.py", line 500, in wait_for',
    "    return fut.result()",
    "           ^^^^^^^^^^^^",
    "asyncio.exceptions.CancelledError",
    "The above exception was the direct cause of the following exception:",
    "Traceback (most recent call last):",
    '  File "/app/auth_service/auth_core/database/connection.py", line 187, in validate_connection',
    "    await asyncio.wait_for(self._execute_probe(), timeout=self.validation_timeout)",
    '  File "/usr/local/lib/python3.11/asyncio/tasks.py", line 502, in wait_for',
    "    raise exceptions.TimeoutError() from exc",
    "TimeoutError",
]


def rec(msg: str, ts: float | None, index: int, instance: str = "i1", stream: str = "stderr",
        severity: str = "ERROR") -> LogRecord:
    return LogRecord(ts, severity, msg, "svc", "", instance, "", stream, index=index)


def stitched(records: list[LogRecord]) -> list[LogRecord]:
    return list(stitch_tracebacks(iter(records)))


def folded(records: list[LogRecord]) -> list[LogRecord]:
    return [r for r in records if r.frames]


def write_entries(tmp_path: Path, entries: list[dict]) -> str:
    p = tmp_path / "logs.json"
    p.write_text(json.dumps(entries, indent=2))
    return str(p)


# --------------------------------------------------------------------------- the real shape


@pytest.mark.parametrize("order", ["newest-first", "oldest-first"])
def test_split_traceback_from_the_incident_is_stitched(tmp_path, order):
    entries = json.loads(EXCERPT.read_text())
    if order == "oldest-first":
        entries.reverse()
    stats = ReadStats()
    recs = list(read_records(write_entries(tmp_path, entries), "auto", stats))
    tbs = folded(recs)
    assert len(tbs) == 1
    t = tbs[0]
    assert t.message == "\n".join(SPLIT_TRACEBACK)
    assert t.exception == "TimeoutError"
    assert t.frames == (
        'File "/usr/local/lib/python3.11/asyncio/tasks.py", line 500, in wait_for',
        "asyncio.exceptions.CancelledError",
        "The above exception was the direct cause of the following exception:",
        'File "/app/auth_service/auth_core/database/connection.py", line 187, in validate_connection',
        'File "/usr/local/lib/python3.11/asyncio/tasks.py", line 502, in wait_for',
    )
    assert t.extra["stitched_entries"] == "12"
    assert t.extra["exception_chain"] == "asyncio.exceptions.CancelledError -> TimeoutError"
    assert (t.instance, t.stream, t.service) == ("b0e81ade9cce3667", "stderr", "netra-auth-service")
    assert t.severity == "ERROR"
    first_line = next(e for e in entries if e.get("textPayload") == SPLIT_TRACEBACK[0]
                      and e["timestamp"].endswith("534647Z"))
    assert t.timestamp == normalize_entry(first_line, 0).timestamp  # the time the traceback started
    assert t.index == min(i for i, e in enumerate(entries) if e.get("textPayload") in SPLIT_TRACEBACK
                          and e["labels"]["instanceId"] == "b0e81ade9cce3667")
    # everything else passes through untouched, each line exactly once
    assert stats.entries_read == 33 and stats.records == len(recs) == 22
    assert stats.folded_tracebacks == 1
    messages = [r.message for r in recs if not r.frames]
    assert "[2025-09-16 14:18:20 +0000] [7] [ERROR] Application startup failed. Exiting." in messages
    assert "Database connection validation timeout exceeded (15s)" in messages
    assert not any(m in SPLIT_TRACEBACK for m in messages)


def test_other_streams_of_the_same_instance_do_not_break_the_traceback():
    lines = SPLIT_TRACEBACK[:6] + SPLIT_TRACEBACK[6:]
    recs = [rec(m, 100.0 + i * 0.001, i) for i, m in enumerate(lines)]
    recs.insert(5, rec("request log in between", 100.0045, 99, stream="stdout", severity="INFO"))
    out = stitched(recs)
    assert len(folded(out)) == 1 and folded(out)[0].message == "\n".join(SPLIT_TRACEBACK)
    assert [r.message for r in out if not r.frames] == ["request log in between"]


def test_interleaved_instances_fold_separately_in_both_orders():
    a = ["Traceback (most recent call last):", '  File "/a.py", line 1, in a', "    a()", "KeyError: 'a'"]
    b = ["Traceback (most recent call last):", '  File "/b.py", line 2, in b', "    b()", "ValueError: b"]
    recs = []
    for i in range(4):
        recs.append(rec(a[i], 100.0 + i * 0.01, 2 * i, instance="A"))
        recs.append(rec(b[i], 100.005 + i * 0.01, 2 * i + 1, instance="B"))
    for seq in (recs, list(reversed(recs))):
        out = stitched(seq)
        assert len(out) == 2
        by_inst = {r.instance: r for r in out}
        assert by_inst["A"].message == "\n".join(a) and by_inst["A"].exception == "KeyError"
        assert by_inst["B"].message == "\n".join(b) and by_inst["B"].exception == "ValueError"


def test_identical_timestamps_use_input_order_in_the_right_direction():
    lines = ["Traceback (most recent call last):", '  File "/x.py", line 9, in f', "    f()", "OSError: disk"]
    before = [rec("before", 99.0, 0, severity="INFO")]
    fwd = before + [rec(m, 100.0, i + 1) for i, m in enumerate(lines)] + [rec("after", 101.0, 9, severity="INFO")]
    assert folded(stitched(fwd))[0].message == "\n".join(lines)
    # newest first: indexes run against time, so ties must be broken the other way round
    n = len(lines)
    rev = [rec("after", 101.0, 0, severity="INFO")] + [rec(m, 100.0, n - i) for i, m in enumerate(lines)][::-1]
    rev += [rec("before", 99.0, n + 1, severity="INFO")]
    assert folded(stitched(rev))[0].message == "\n".join(lines)


def test_time_gap_splits_tracebacks():
    first = ["Traceback (most recent call last):", '  File "/x.py", line 1, in f', "KeyError: 'x'"]
    second = ["Traceback (most recent call last):", '  File "/y.py", line 2, in g', "KeyError: 'y'"]
    recs = [rec(m, 100.0 + i * 0.001, i) for i, m in enumerate(first)]
    recs += [rec(m, 110.0 + i * 0.001, 10 + i) for i, m in enumerate(second)]
    out = stitched(recs)
    assert [r.message for r in out] == ["\n".join(first), "\n".join(second)]


def test_two_tracebacks_back_to_back_on_one_instance_are_two_records():
    one = ["Traceback (most recent call last):", '  File "/x.py", line 1, in f', "KeyError: 'x'"]
    two = ["Traceback (most recent call last):", '  File "/y.py", line 2, in g', "IndexError: y"]
    recs = [rec(m, 100.0 + i * 0.001, i) for i, m in enumerate(one + two)]
    out = stitched(list(reversed(recs)))
    assert sorted(r.exception for r in out) == ["IndexError", "KeyError"]
    assert all(len(r.message.split("\n")) == 3 for r in out)


def test_lone_exception_line_not_next_to_frames_stays_its_own_record(tmp_path):
    entries = [
        {"textPayload": "ModuleNotFoundError: No module named 'auth_service'", "severity": "ERROR",
         "timestamp": "2025-09-15T22:34:40.319264Z", "labels": {"instanceId": "x"},
         "logName": "projects/p/logs/run.googleapis.com%2Fstderr"},
        {"textPayload": "Failed to import TokenValidator: No module named 'auth_service'", "severity": "ERROR",
         "timestamp": "2025-09-15T22:34:40.288608Z", "labels": {"instanceId": "x"},
         "logName": "projects/p/logs/run.googleapis.com%2Fstderr"},
    ]
    recs = list(read_records(write_entries(tmp_path, entries)))
    assert [r.message for r in recs] == [e["textPayload"] for e in entries]
    assert recs[0].exception == "ModuleNotFoundError" and recs[0].frames == ()


def test_indented_lines_that_are_not_a_traceback_pass_through():
    recs = [rec("  some indented note", 100.0, 0), rec("    another note", 100.1, 1), rec("plain line", 100.2, 2)]
    out = stitched(recs)
    assert [r.message for r in out] == [r.message for r in recs] and not folded(out)


def test_frames_whose_headline_is_missing_are_never_a_record_of_their_own():
    recs = [rec("    at com.example.Foo(Foo.java:1)", 100.0, 0), rec("  some indented note", 100.1, 1),
            rec("plain line", 100.2, 2)]
    out = stitched(recs)
    assert [r.message for r in out] == ["    at com.example.Foo(Foo.java:1)\n  some indented note", "plain line"]
    assert out[0].extra["text"] == "stack trace without its exception line"


def test_single_entry_traceback_with_chained_handling():
    text = (
        "Traceback (most recent call last):\n"
        '  File "/app/netra_backend/app/websocket_core/websocket_manager.py", line 53, in <module>\n'
        "    from auth_service.auth_core.core.token_validator import TokenValidator\n"
        "ModuleNotFoundError: No module named 'auth_service'\n\n"
        "During handling of the above exception, another exception occurred:\n\n"
        "Traceback (most recent call last):\n"
        '  File "/usr/local/lib/python3.11/site-packages/gunicorn/arbiter.py", line 608, in spawn_worker\n'
        "    worker.init_process()\n"
        '  File "/app/netra_backend/app/core/middleware_setup.py", line 836, in setup_middleware\n'
        '    raise RuntimeError(f"Failed to setup enhanced middleware: {e}")\n'
        "RuntimeError: Failed to setup enhanced middleware: No module named 'auth_service'"
    )
    r = normalize_entry({"textPayload": text, "severity": "ERROR"}, 5)
    assert r.message == text and r.exception == "RuntimeError"
    assert r.frames == (
        'File "/app/netra_backend/app/websocket_core/websocket_manager.py", line 53, in <module>',
        "ModuleNotFoundError: No module named 'auth_service'",
        "During handling of the above exception, another exception occurred:",
        'File "/usr/local/lib/python3.11/site-packages/gunicorn/arbiter.py", line 608, in spawn_worker',
        'File "/app/netra_backend/app/core/middleware_setup.py", line 836, in setup_middleware',
    )
    assert r.extra["exception_chain"] == "ModuleNotFoundError -> RuntimeError"
    # a complete traceback in one entry is never re-stitched
    assert stitched([r]) == [r]


def test_partial_traceback_without_header_still_folds():
    lines = ['  File "/x.py", line 1, in f', "    f()", "ZeroDivisionError: division by zero"]
    out = stitched([rec(m, 100.0 + i * 0.001, i) for i, m in enumerate(lines)])
    assert len(out) == 1 and out[0].exception == "ZeroDivisionError"


# --------------------------------------------------------------------------- bounds


def test_a_huge_traceback_is_folded_in_bounded_pieces(monkeypatch):
    monkeypatch.setattr(tb, "MAX_TRACEBACK_LINES", 50)
    lines = ["Traceback (most recent call last):"] + [f'  File "/r.py", line {i}, in r' for i in range(400)]
    lines.append("RecursionError: maximum recursion depth exceeded")
    out = stitched([rec(m, 100.0, i) for i, m in enumerate(lines)])
    assert sum(len(r.message.split("\n")) for r in out) == len(lines)
    assert max(len(r.message.split("\n")) for r in out) <= 50


def test_open_buffers_are_capped_and_flushed_early(monkeypatch):
    monkeypatch.setattr(tb, "MAX_OPEN_BUFFERS", 8)
    consumed = []

    def source():
        for i in range(100):  # 100 instances, each with one dangling traceback header
            consumed.append(i)
            yield rec("Traceback (most recent call last):", 100.0, i, instance=f"inst{i}")

    it = stitch_tracebacks(source())
    first = next(it)
    assert first.instance == "inst0" and len(consumed) <= 9
    assert 1 + sum(1 for _ in it) == 100


def test_stale_buffers_are_released_as_the_stream_moves_on():
    consumed = []

    def source():
        consumed.append(0)
        yield rec("Traceback (most recent call last):", 100.0, 0, instance="old")
        for i in range(1, 2000):  # other instances' normal lines, much later
            consumed.append(i)
            yield rec("ok", 200.0 + i, i, instance=f"other{i % 5}", severity="INFO")

    it = stitch_tracebacks(source())
    out = [next(it) for _ in range(1500)]
    assert any(r.instance == "old" for r in out)


# --------------------------------------------------------------------------- line classes


@pytest.mark.parametrize("line, kind", [
    ("Traceback (most recent call last):", tb.TB_START),
    ('  File "/app/x.py", line 12, in handler', tb.FRAME),
    ("    return fut.result()", tb.CODE),
    ("           ^^^^^^^^^^^^", tb.CODE),
    ("The above exception was the direct cause of the following exception:", tb.CHAIN),
    ("During handling of the above exception, another exception occurred:", tb.CHAIN),
    ("asyncio.exceptions.CancelledError", tb.EXC),
    ("TimeoutError", tb.EXC),
    ("psycopg2.errors.UndefinedTable: relation \"x\" does not exist", tb.EXC),
    ("Container called exit(1).", 0),
    ("Auth service unavailable, rejecting websocket connection", 0),
    ("Traceback (most recent call last):\n  File \"x\", line 1", 0),  # complete, not a piece
])
def test_classify_line(line, kind):
    assert classify_line(line) == kind


def test_exception_name_strict_and_lenient():
    assert exception_name("ModuleNotFoundError: No module named 'x'") == "ModuleNotFoundError"
    assert exception_name("KeyboardInterrupt") == "KeyboardInterrupt"
    assert exception_name("StopIteration") == "StopIteration"
    assert exception_name("psycopg2.errors.UndefinedTable: x") == ""
    assert exception_name("psycopg2.errors.UndefinedTable: x", strict=False) == "psycopg2.errors.UndefinedTable"
    assert exception_name("Note: this is fine") == ""
    assert exception_name("Database connection validation timeout exceeded (15s)") == ""
    assert exception_name("Error:no space after colon") == ""


def test_a_long_traceback_keeps_its_exception_line_in_the_message_and_every_frame():
    lines = ["Traceback (most recent call last):"]
    for i in range(60):
        lines += [f'  File "/srv/app/layer{i}.py", line {i + 1}, in call_{i}', f"    return call_{i + 1}(request, context)"]
    lines.append("ValueError: basket total is negative")
    out = stitched([rec(line, 100.0 + k * 1e-3, k) for k, line in enumerate(lines)])
    assert len(out) == 1
    r = out[0]
    assert len(r.frames) == 60 and r.exception == "ValueError"
    assert r.message.startswith("Traceback (most recent call last):\n  …\n")
    assert r.message.endswith("ValueError: basket total is negative") and len(r.message) <= tb.TRACE_MESSAGE_CHARS
    assert r.extra["text"] == "ValueError: basket total is negative"


@pytest.mark.parametrize("newest_first", [True, False])
@pytest.mark.parametrize("lead", ["2025-09-15 22:34:40,100 ERROR orders.worker - Failed to settle order 42",
                                  "Failed to settle order 42"])
def test_an_error_line_just_before_a_trace_leads_it_in_either_order(tmp_path, newest_first, lead):
    """logger.exception: the message, then the traceback one line per entry. The fold keeps the
    message as its first line and is named by the exception; a line before it at INFO stays apart."""
    lines = [lead, "Traceback (most recent call last):", '  File "/app/settle.py", line 7, in settle',
             "    ledger[order]", "KeyError: 'order-42'"]
    entries = [{"textPayload": "settling order 42", "severity": "INFO", "timestamp": "2025-09-15T22:34:40.050000Z",
                "labels": {"instanceId": "x"}, "logName": "projects/p/logs/run.googleapis.com%2Fstderr"}]
    entries += [{"textPayload": line, "severity": "ERROR", "timestamp": f"2025-09-15T22:34:40.{100 + i:03d}000Z",
                 "labels": {"instanceId": "x"}, "logName": "projects/p/logs/run.googleapis.com%2Fstderr"}
                for i, line in enumerate(lines)]
    recs = list(read_records(write_entries(tmp_path, entries[::-1] if newest_first else entries)))
    traces = [r for r in recs if r.frames]
    assert len(recs) == 2 and len(traces) == 1
    trace = traces[0]
    assert trace.message.split("\n")[0] == lead and trace.message.endswith("KeyError: 'order-42'")
    assert trace.exception == "KeyError" and trace.extra["text"] == "KeyError: 'order-42'"
    assert [r.message for r in recs if not r.frames] == ["settling order 42"]


@pytest.mark.parametrize("lines, expected", [
    (["panic: send on closed channel", "", "goroutine 12 [running]:", "main.(*pump).run(0xc000010000)",
      "\t/build/pump.go:77 +0x45", "created by main.start in goroutine 1", "\t/build/main.go:20 +0x9c"], "CRITICAL"),
    (["Exception in thread \"worker-3\" java.lang.IllegalStateException: queue closed",
      "\tat com.acme.q.Queue.take(Queue.java:88)", "\tat com.acme.q.Worker.run(Worker.java:31)"], "ERROR"),
])
def test_a_split_trace_with_no_level_takes_the_level_its_headline_implies(lines, expected):
    records = [rec(line, 100.0 + i * 0.001, i, severity="DEFAULT") for i, line in enumerate(lines)]
    (trace,) = folded(stitched(records))
    assert trace.severity == expected
    # a level the writer gave is kept
    records = [rec(line, 100.0 + i * 0.001, i, severity="WARNING") for i, line in enumerate(lines)]
    (trace,) = folded(stitched(records))
    assert trace.severity == "WARNING"


@pytest.mark.parametrize("text, headline, exc", [
    ("WARNING:billing.sync:could not refresh plan cache\nTraceback (most recent call last):\n"
     '  File "/srv/billing/sync.py", line 40, in refresh\n    rows = client.fetch()\n'
     "billing.errors.QuotaExceeded: 429 plan API quota exhausted",
     "billing.errors.QuotaExceeded: 429 plan API quota exhausted", "billing.errors.QuotaExceeded"),
    ("Request processing failed\norg.acme.web.HandlerException: render failed\n"
     "\tat org.acme.web.View.render(View.java:51)\n"
     "Caused by: java.io.FileNotFoundException: /etc/tpl/home.html (No such file or directory)\n"
     "\tat java.io.FileInputStream.open(FileInputStream.java:219)\n\t... 12 more",
     "Caused by: java.io.FileNotFoundException: /etc/tpl/home.html (No such file or directory)",
     "java.io.FileNotFoundException"),
])
def test_a_trace_written_as_one_entry_is_mined_by_its_exception_line(text, headline, exc):
    """The leading log message stays in the message (context); the template is the exception."""
    r = normalize_entry({"textPayload": text, "timestamp": "2025-01-01T00:00:00Z"}, 0)
    assert r.extra["text"] == headline and r.exception == exc
    assert r.message == text
    assert r.frames


@pytest.mark.parametrize("newest_first", [False, True])
def test_another_error_line_most_of_a_second_before_a_trace_does_not_lead_it(tmp_path, newest_first):
    """A logger's message and the trace it prints are one write; an unrelated ERROR line of the
    same container 0.6 s earlier is its own record, not the trace's message."""
    other = "2025-09-15 22:34:39.500 ERROR 1 --- [mail-2] c.a.Mailer : bounce from relay: mailbox full"
    lines = ["java.lang.IllegalArgumentException: amount must be positive",
             "\tat com.acme.pay.Charge.of(Charge.java:12)", "\tat com.acme.pay.Api.post(Api.java:40)"]
    entries = [{"textPayload": other, "timestamp": "2025-09-15T22:34:39.500000Z",
                "labels": {"instanceId": "x"}, "logName": "projects/p/logs/run.googleapis.com%2Fstdout"}]
    entries += [{"textPayload": line, "timestamp": f"2025-09-15T22:34:40.{100 + i:03d}000Z",
                 "labels": {"instanceId": "x"}, "logName": "projects/p/logs/run.googleapis.com%2Fstdout"}
                for i, line in enumerate(lines)]
    recs = list(read_records(write_entries(tmp_path, entries[::-1] if newest_first else entries)))
    (trace,) = [r for r in recs if r.frames]
    assert trace.message.split("\n")[0] == lines[0]
    assert [r.message for r in recs if not r.frames] == [other]


@pytest.mark.parametrize("engine", ["python", "duckdb"])
def test_a_trace_written_in_one_instant_folds_whichever_way_round_the_export_lists_its_lines(tmp_path, engine):
    """A crash loop prints a traceback one line per entry, every line stamped with the same
    instant, and the export (newest first) lists each instant's lines in the order they were
    written. The fold still reads header, frames, exception line and is named by the exception;
    a warnings-module line printed 0.2 s before it is a warning of its own, not the trace's message."""
    from rca.pipeline import mine_records

    lines = ["Traceback (most recent call last):", '  File "/srv/worker/main.py", line 3, in <module>',
             "    import imaging", '  File "/srv/worker/imaging.py", line 1, in <module>', "    from _imaging import core",
             "ImportError: libtiffx.so.6: cannot open shared object file: No such file or directory"]
    warning = "/srv/lib/legacy/__init__.py:9: UserWarning: the legacy codec registry is deprecated"
    entries = []
    for run in range(3):  # three crashes a minute apart; each instant's lines in write order
        second = f"2025-09-15T22:{30 + run}:40"
        entries.append([{"textPayload": warning, "severity": "ERROR", "timestamp": f"{second}.100000Z",
                         "labels": {"instanceId": "x"}, "logName": "projects/p/logs/stderr"}]
                       + [{"textPayload": line, "severity": "ERROR", "timestamp": f"{second}.300000Z",
                           "labels": {"instanceId": "x"}, "logName": "projects/p/logs/stderr"} for line in lines])
    export = [e for run in reversed(entries) for e in (run[1:] + run[:1])]  # newest instant first, lines as written
    stats = ReadStats()
    mining = mine_records(read_records(write_entries(tmp_path, export), stats=stats, engine=engine), stats)
    by_exc = {c.exception: c for c in mining.clusters}
    assert by_exc["ImportError"].count == 3 and by_exc["ImportError"].template.startswith("ImportError: libtiffx.so")
    assert by_exc["ImportError"].samples[0].startswith("Traceback (most recent call last):")
    (other,) = [c for c in mining.clusters if c is not by_exc["ImportError"]]
    assert other.count == 3 and "UserWarning: the legacy codec registry" in other.template
