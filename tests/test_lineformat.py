"""Line prefixes, stack-trace line kinds and access lines (rca.sources.lineformat).

Every line here was written for this test, in the shape the named program prints.
"""

from __future__ import annotations

import re

import pytest

from rca.sources import lineformat as lf
from rca.sources.lineformat import (
    AT, CAUSE, CODE, END, EXC, FRAME, PANIC, TB_START, headline_type, parse_access, parse_prefix, trace_kind,
)

PREFIXED = [
    # line, format, severity, message, logger
    ("2023-03-01 09:15:42.517 4410 ERROR shop.cart.manager [req-0a1b2c3d - - - - -] Checkout failed",
     "oslo", "ERROR", "Checkout failed", "shop.cart.manager"),
    ("2023-03-01 09:15:42.517 4410 ERROR shop.cart.manager [req-1 u p - d d] [order: 77] Checkout failed",
     "oslo", "ERROR", "Checkout failed", "shop.cart.manager"),
    ("2023-03-01 09:15:42.517 4410 DEBUG shop.cart.manager Cache warm", "oslo", "DEBUG", "Cache warm", "shop.cart.manager"),
    ("E0301 09:15:42.517000    12 reconciler.go:118] sync failed: timeout", "glog", "ERROR", "sync failed: timeout",
     "reconciler.go:118"),
    ("W0301 09:15:42.517000    12 lease.go:9] lease renewal slow", "glog", "WARNING", "lease renewal slow", "lease.go:9"),
    ("09:15:42.517 [http-nio-8080-exec-3] ERROR c.s.pay.Gateway - charge declined", "log4j", "ERROR", "charge declined",
     "c.s.pay.Gateway"),
    ("2023-03-01 09:15:42,517 WARN  [main] org.shop.Boot: slow start", "log4j", "WARNING", "slow start", "org.shop.Boot"),
    ("09:15:42.517 INFO  o.s.svc.OrderController#88 order created", "log4j", "INFO", "order created",
     "o.s.svc.OrderController#88"),
    ("09:15:42.517 WARN  o.s.svc.OrderController#88 TraceID: 4bf92f35 SpanID: 00f067aa [get] order missing", "log4j",
     "WARNING", "[get] order missing", "o.s.svc.OrderController#88"),
    ("09:15:42.517 ERROR o.a.c.c.C.[.[.[/].[dispatcherServlet]#175 Servlet.service() threw", "log4j", "ERROR",
     "Servlet.service() threw", "o.a.c.c.C.[.[.[/].[dispatcherServlet]#175"),
    ("2023-03-01 09:15:42.517  ERROR 1 --- [           main] o.s.boot.SpringApplication               : Run failed",
     "spring", "ERROR", "Run failed", "o.s.boot.SpringApplication"),
    ("2023-03-01 09:15:42,517 - billing.jobs - CRITICAL - ledger out of balance", "python-dash", "CRITICAL",
     "ledger out of balance", "billing.jobs"),
    ("E, [2023-03-01T09:15:42.517204 #1] ERROR -- : [5f2c9e1a-77b0] PG::QueryCanceled: canceling statement", "ruby",
     "ERROR", "PG::QueryCanceled: canceling statement", ""),
    ("W, [2023-03-01T09:15:42.517204 #12]  WARN -- sidekiq: retry scheduled", "ruby", "WARNING", "retry scheduled",
     "sidekiq"),
    ("2023-03-01T09:15:42.517204Z 48213 [Note] [MY-010914] [Server] Aborted connection 48213 to db: 'shop'", "mysql",
     "INFO", "Aborted connection 48213 to db: 'shop'", "Server"),
    ("2023-03-01T09:15:42.517204Z 0 [ERROR] [MY-012574] [InnoDB] Unable to lock ./ibdata1 error: 11", "mysql", "ERROR",
     "Unable to lock ./ibdata1 error: 11", "InnoDB"),
    ("2023-03-01T09:15:42.517204Z 3 [Warning] Aborted connection 3 to db: 'shop'", "mysql", "WARNING",
     "Aborted connection 3 to db: 'shop'", ""),
    ("[2023/03/01 09:15:42] [ warn] [input:tail:tail.0] file rotated", "bracket-time", "WARNING",
     "[input:tail:tail.0] file rotated", ""),
    ("WARNING:billing.jobs:retrying", "python-default", "WARNING", "retrying", "billing.jobs"),
    ("ERROR:    Exception in ASGI application", "uvicorn", "ERROR", "Exception in ASGI application", ""),
    ("[2023-03-01 09:15:42 +0000] [9] [CRITICAL] WORKER TIMEOUT (pid:12)", "bracket-time", "CRITICAL",
     "WORKER TIMEOUT (pid:12)", ""),
    ("[2023-03-01 09:15:42,517] ERROR in views: Exception on /cart [POST]", "bracket-time", "ERROR",
     "Exception on /cart [POST]", "views"),
    ("[2023-03-01 09:15:42,517: WARNING/ForkPoolWorker-2] task retry", "celery", "WARNING", "task retry", ""),
    ("<11>Mar  1 09:15:42 node-a billing[311]: ledger failed", "syslog", "ERROR", "ledger failed", "billing"),
    ("Mar  1 09:15:42 node-a cron[311]: job started", "syslog", "", "job started", "cron"),
    ("2023-03-01T09:15:42.517Z WARN [poller]: queue deep", "timestamp", "WARNING", "queue deep", "poller"),
    ("2023/03/01 09:15:42 [error] 31#31: *7 upstream timed out", "timestamp", "ERROR", "31#31: *7 upstream timed out", ""),
    ("2023-03-01T09:15:42Z starting server", "timestamp", "", "starting server", ""),
    ("[ERROR] disk full", "level-first", "ERROR", "disk full", ""),
    ('level=warn ts=2023-03-01T09:15:42Z caller=store.go:51 msg="compaction slow" took=3s', "logfmt", "WARNING",
     "compaction slow took=3s", "store.go:51"),
    ('{"level":"error","msg":"payment rejected","logger":"pay","time":"2023-03-01T09:15:42Z"}', "json", "ERROR",
     "payment rejected", "pay"),
]


@pytest.mark.parametrize("line,fmt,sev,msg,logger", PREFIXED, ids=[p[1] + "-" + str(i) for i, p in enumerate(PREFIXED)])
def test_prefix_is_recognised_and_the_message_is_what_remains(line, fmt, sev, msg, logger):
    p = parse_prefix(line)
    assert p is not None
    assert (p.format, p.severity, p.message, p.logger) == (fmt, sev, msg, logger)


def test_indentation_of_a_prefixed_traceback_line_is_kept():
    p = parse_prefix('2023-03-01 09:15:42.517 4410 ERROR shop.worker   File "/srv/shop/cart.py", line 12, in total')
    assert p.message == '  File "/srv/shop/cart.py", line 12, in total'
    assert trace_kind(p.message) == FRAME
    assert p.source == "shop.worker/4410"


def test_timestamps_in_the_prefix_are_read_as_utc_unless_they_say_otherwise():
    assert parse_prefix("2023-03-01 09:15:42.500 7 INFO a.b ok").timestamp == 1677662142.5
    assert parse_prefix("[2023-03-01 09:15:42 +0100] [7] [INFO] ok").timestamp == 1677662142 - 3600
    assert parse_prefix("09:15:42.500 INFO  a.b.C ok").timestamp is None  # no date: no time claimed


@pytest.mark.parametrize("line", [
    "Checkout failed for order 12",
    "Error: connect ECONNREFUSED 10.0.0.3:5432",  # a Node headline, not a level
    "ValueError: bad total",
    "2023-03-01",
    "",
    "key=value",  # one pair is not logfmt
    "{not json",
])
def test_lines_without_a_known_prefix_are_left_alone(line):
    assert parse_prefix(line) is None


def test_a_logger_name_is_not_taken_from_the_first_word_of_a_plain_message():
    p = parse_prefix("2023-03-01 09:15:42 ERROR Connection refused by db")
    assert p.message == "Connection refused by db" and p.severity == "ERROR"


TRACE_LINES = [
    ("Traceback (most recent call last):", TB_START, ""),
    ('  File "/srv/app.py", line 3, in main', FRAME, ""),
    ("The above exception was the direct cause of the following exception:", lf.CHAIN, ""),
    ("    total = cart.total()", CODE, ""),
    ("        ^^^^^^^^^^", CODE, ""),
    ("KeyError: 'sku'", EXC, "KeyError"),
    ("java.lang.IllegalStateException: pool closed", EXC, "java.lang.IllegalStateException"),
    ('Exception in thread "worker-1" java.lang.OutOfMemoryError: Java heap space', PANIC,
     "java.lang.OutOfMemoryError"),
    ("\tat org.shop.Cart.total(Cart.java:42)", AT, ""),
    ("\t... 17 more", AT, ""),
    ("Caused by: java.net.ConnectException: Connection refused", CAUSE, "java.net.ConnectException"),
    ("panic: runtime error: invalid memory address or nil pointer dereference", PANIC, "panic"),
    ("[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x4a5f2e]", CODE, ""),
    ("goroutine 7 [running]:", AT, ""),
    ("main.(*Store).Get(0x0, {0x6b1c40, 0x3})", AT, ""),
    ("\t/src/store/store.go:88 +0x2e", AT, ""),
    ("exit status 2", END, ""),
    ("TypeError: Cannot read properties of undefined (reading 'id')", EXC, "TypeError"),
    ("    at Object.handler (/srv/routes/cart.js:14:22)", AT, ""),
    ("Error: connect ECONNREFUSED 10.0.0.3:5432", EXC, "Error"),
    ("(node:31) UnhandledPromiseRejectionWarning: Error: socket hang up", PANIC, "UnhandledPromiseRejectionWarning"),
    ("Checkout failed for order 12", 0, ""),
    ("Config: loaded", 0, ""),
]


@pytest.mark.parametrize("line,kind,etype", TRACE_LINES)
def test_trace_line_kinds(line, kind, etype):
    assert trace_kind(line) == kind
    assert headline_type(line) == etype


ACCESS = [
    ('10.1.2.3 - - [01/Mar/2023:09:15:42 +0000] "GET /api/cart?id=7 HTTP/1.1" 502 157 "-" "curl/8.1" 0.250',
     ("GET", "/api/cart", 502, 0.25)),
    ('10.1.2.3 - alice [01/Mar/2023:09:15:42 +0000] "POST /login HTTP/1.1" 401 20', ("POST", "/login", 401, None)),
    ('172.17.0.1:50122 - "GET /healthz HTTP/1.1" 200 OK', ("GET", "/healthz", 200, None)),
    ('10.1.2.3 "DELETE /v1/items/9 HTTP/1.1" status: 404  len: 310 time: 0.0123', ("DELETE", "/v1/items/9", 404, 0.0123)),
    ('[GIN] 2023/03/01 - 09:15:42 | 500 |   12.5ms |      10.1.2.3 | POST     "/orders"', ("POST", "/orders", 500, 0.0125)),
    ("GET /api/items 504 3012.442 ms - 52", ("GET", "/api/items", 504, 3.012442)),
    ("Completed 500 Internal Server Error in 81ms (ActiveRecord: 2.1ms)", ("", "", 500, 0.081)),
    # HAProxy's httplog: five timers (the last the total, ms; -1 for a step never reached), the
    # status before the quoted request
    ('10.9.8.7:41000 [03/Apr/2025:08:00:01.250] web~ app/app-2 0/0/2/40/45 502 310 - - ---- 8/8/3/1/0 0/0 '
     '"GET /cart/12?view=full HTTP/1.1"', ("GET", "/cart/12", 502, 0.045)),
    ('10.9.8.7:41001 [03/Apr/2025:08:00:01.250] web app/<NOSRV> 0/-1/-1/-1/+3 503 217 - - SC-- 1/1/0/0/0 0/0 '
     '{shop.example|curl/8} "POST /pay HTTP/1.1"', ("POST", "/pay", 503, 0.003)),
    # Gitea's router log
    ("router: completed PUT /org/repo/settings for 10.2.3.4:0, 500 Internal Server Error in 12.5ms @ web/x.go:9(web.X)",
     ("PUT", "/org/repo/settings", 500, 0.0125)),
    # the Go HTTP middleware of Loki / Cortex / Mimir
    ('msg="PATCH /api/v1/rules (503) 2.5s Response: \\"unavailable\\""', ("PATCH", "/api/v1/rules", 503, 2.5)),
    # logfmt request records (Grafana, Docker Distribution), any key order
    ('msg="Request Completed" method=GET path=/api/search status=504 time_ms=30000 duration=30s size=0',
     ("GET", "/api/search", 504, 30.0)),
    ('response completed http.request.method=DELETE http.request.uri="/v2/img/blobs/x?y" http.response.status=404 '
     'http.response.duration=1.5ms', ("DELETE", "/v2/img/blobs/x", 404, 0.0015)),
    ("request done status=500 path=/jobs method=POST", ("POST", "/jobs", 500, None)),
]


@pytest.mark.parametrize("line,want", ACCESS)
def test_access_lines(line, want):
    a = parse_access(line)
    assert a is not None
    assert (a.method, a.path, a.status) == want[:3]
    assert a.latency_s == (pytest.approx(want[3]) if want[3] is not None else None)


@pytest.mark.parametrize("line", ["GET the cart", "returned 500 items", 'said "hello" 200 times',
                                  # a client's call out names a URL, not a path it served
                                  'msg="upstream call" method=GET url=http://stock:8080/items status=503',
                                  "method=GET path=/x phase=started",
                                  "GET /items (pending) 2s", "3/1/0/0/0 0/0 queue moved"])
def test_non_access_lines(line):
    assert parse_access(line) is None


ALL_PATTERNS = ([p.regex for p in lf.PREFIX_PATTERNS] + [p.regex for p in lf.TRACE_PATTERNS]
                + [p.regex for p in lf.ACCESS_PATTERNS] + [lf.LOGFMT_PAIR, lf.LOGFMT_START, lf.TRACE_CTX_LEAD])


@pytest.mark.parametrize("regex", ALL_PATTERNS)
def test_patterns_use_only_what_re2_accepts(regex):
    """No look-around, backreferences, possessive or atomic groups: SQL engines (RE2) run them too."""
    for construct in ("(?=", "(?!", "(?<=", "(?<!", "(?>", "*+", "++", "?+"):
        assert construct not in regex
    assert not re.search(r"\\[1-9]|\(\?P=", regex)


def test_patterns_compile_in_duckdb_re2():
    duckdb = pytest.importorskip("duckdb")
    con = duckdb.connect()
    line = "2023-03-01 09:15:42.517 4410 ERROR shop.cart.manager [req-1] Checkout failed"
    for regex in ALL_PATTERNS:
        con.execute("select regexp_matches(?, ?)", [line, regex]).fetchone()
    oslo = next(p.regex for p in lf.PREFIX_PATTERNS if p.name == "oslo")
    assert con.execute("select regexp_extract(?, ?, 4)", [line, oslo]).fetchone()[0] == "shop.cart.manager"


@pytest.mark.parametrize("line", [
    'ts=2023-01-29T09:05:07Z level=error logger=a.b.RouteService pid=1 msg="TraceID: a2ec49 SpanID: be07 route lookup failed"',
    '{"level": "error", "message": "trace_id=4bf92f35 span_id=00f067aa route lookup failed"}',
    "E0129 09:05:07.186028       1 routes.go:41] request_id=r-81 route lookup failed",
])
def test_trace_context_printed_inside_the_message_is_not_mined(line):
    """Ids printed at the start of every message would make the miner merge unrelated messages."""
    parsed = parse_prefix(line)
    assert parsed is not None and parsed.severity == "ERROR" and parsed.message == "route lookup failed"


@pytest.mark.parametrize("line", [
    'ts=2018-06-28T02:59:43Z level=error logger=nova.compute pid=7 msg="[req-6a4e2cc2-cd79-4250-b906-d08f3f2fb10e '
    '4990181b6c074c00a052c4700cd8ad5d - default default] [instance: 5c0b86a1-f568-4474-9f00-6a1e2b3c4d5e] reboot failed"',
    '{"level": "error", "message": "[0af7651916cd43dd8448eb211c80319c] reboot failed"}',
])
def test_bracketed_request_context_inside_the_message_is_not_mined(line):
    """oslo's `[req-<uuid> …] [instance: <uuid>]` or a tagged request id printed inside a logfmt or
    JSON message: context, as the oslo prefix's own brackets are, so the message is what happened."""
    assert parse_prefix(line).message == "reboot failed"


def test_a_bracket_without_an_id_stays_in_the_message():
    assert parse_prefix('level=error msg="[main] reboot failed"').message == "[main] reboot failed"


def test_a_message_that_is_only_trace_context_keeps_it():
    assert parse_prefix('level=info msg="TraceID: a2ec49 "').message.startswith("TraceID")


def test_a_rails_request_line_counts_as_a_request_after_its_logger_prefix_and_tags():
    """Rails in production writes `I, [time #pid]  INFO -- : [request-id] Completed 500 ...`: the
    request, its status and latency are read once the prefix and the request-id tag are gone."""
    p = parse_prefix("I, [2023-03-01T09:15:42.517204 #1]  INFO -- : [5f2c9e1a-77b0] Completed 500 Internal Server"
                     " Error in 1532ms (ActiveRecord: 1500.2ms | Allocations: 812)")
    assert p is not None and p.severity == "INFO" and p.time.startswith("2023-03-01T09:15:42")
    a = parse_access(p.message)
    assert a is not None and a.status == 500 and abs(a.latency_s - 1.532) < 1e-9


@pytest.mark.parametrize("payload,want", [
    ({"request": {"method": "GET", "uri": "/a/1?b=2"}, "response": {"status": 503}, "latencies": {"request": 1250}},
     ("GET", "/a/1", 503, 1.25)),  # Kong's log plugins: latencies in ms
    ({"msg": "handled request", "request": {"method": "POST", "uri": "/pay"}, "status": 502, "duration": 0.5},
     ("POST", "/pay", 502, 0.5)),  # Caddy's access log: duration in s
    ({"request": {"method": "GET", "uri": "https://stock/items"}, "status": 500}, None),  # a call out, by URL
    ({"request": {"method": "GET", "uri": "/a"}}, None),  # no status: not answered
    ({"request": "GET /a", "status": 200}, None),
])
def test_json_request_records(payload, want):
    from rca.evals.grounded import json_request

    a = lf.parse_json_request(payload)
    assert (None if a is None else (a.method, a.path, a.status, a.latency_s)) == want
    assert json_request(payload) == want  # the checker counts the same
