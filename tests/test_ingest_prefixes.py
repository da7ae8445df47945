"""End to end: exports whose text lines carry their own prefix, split traces of four languages, and
access lines, through `rca mine` / `rca generate` as a user runs them, and the grounded check.

Every line is written here for the test (an invented shop service), in the shapes the named
programs print.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime, timedelta, UTC
from pathlib import Path

import pytest

from rca.evals.grounded import access_line, check_grounded
from rca.models import ReadStats
from rca.pipeline import mine_and_tally
from rca.sources.reader import read_records
from rca.sources.lineformat import parse_access

REPO = Path(__file__).resolve().parent.parent
T0 = datetime(2024, 3, 5, 10, 0, 0, tzinfo=UTC)


def rca(*args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "ANTHROPIC_API_KEY"} | {"CI": "1"}
    return subprocess.run([sys.executable, "-m", "rca", *args], capture_output=True, cwd=REPO, env=env, timeout=300)


def entry(text: str, at: float, *, severity: str = "INFO", stream: str = "stdout", pod: str = "cart-7d9f",
          container: str = "cart") -> dict:
    ts = (T0 + timedelta(seconds=at)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    return {"textPayload": text, "timestamp": ts, "severity": severity, "logName": f"projects/shop/logs/{stream}",
            "resource": {"type": "k8s_container", "labels": {"container_name": container, "pod_name": pod}}}


def generate_json(path: str) -> tuple[str, dict]:
    """`rca generate --format json` of PATH (offline): its output and the report."""
    out = rca("generate", "--file", path, "--format", "json", "--provider", "offline", "--no-history")
    assert out.returncode == 0, out.stderr.decode()
    return out.stdout.decode(), json.loads(out.stdout)


def export(tmp_path: Path, entries: list[dict]) -> str:
    """Written newest first, as `gcloud logging read` does (entries of one instant too)."""
    entries = sorted(entries, key=lambda e: e["timestamp"])[::-1]
    p = tmp_path / "logs.json"
    p.write_text(json.dumps(entries))
    return str(p)


def mine(path: str) -> list[dict]:
    out = rca("mine", "--file", path, "--format", "json")
    assert out.returncode == 0, out.stderr.decode()
    return json.loads(out.stdout)["clusters"]


def oslo(at: float, level: str, logger: str, msg: str, pid: int = 4410) -> str:
    stamp = (T0 + timedelta(seconds=at)).strftime("%Y-%m-%d %H:%M:%S.%f")[:-3]
    return f"{stamp} {pid} {level} {logger} {msg}"


def prefixed_export(tmp_path: Path) -> str:
    """A service logging with a full prefix on every line, a traceback included (oslo.log style)."""
    entries = []
    for i in range(120):
        at = i * 5.0
        entries.append(entry(oslo(at, "DEBUG", "shop.cart.sync", f"[req-{i:08x}-aaaa - - - - -] Synced basket {1000 + i} "
                                  f"in {i % 7 + 1} ms sync /srv/shop/cart/sync.py:88"), at, stream="stderr", severity="DEBUG"))
        entries.append(entry(oslo(at + 1, "INFO", "shop.cart.api", f"[req-{i:08x}-bbbb u{i % 3} p1 - d d] Basket {1000 + i} "
                                  f"priced at {i * 3} EUR"), at + 1, stream="stderr", severity="INFO"))
    tb_at = 400.5
    lines = [
        "[req-0000beef-cccc u1 p1 - d d] Checkout failed for basket 1080: KeyError: 'currency'",
        "Traceback (most recent call last):",
        '  File "/srv/shop/cart/api.py", line 41, in checkout',
        "    total = pricing.total(basket)",
        '  File "/srv/shop/cart/pricing.py", line 17, in total',
        "    rate = RATES[basket['currency']]",
        "KeyError: 'currency'",
        "Known currencies: USD, GBP",  # the exception message goes on over more lines
        "Basket source: import",
        "",
    ]
    # every line of one record carries the record's prefix and time (as oslo.log writes them)
    for k, line in enumerate(lines):
        entries.append(entry(oslo(tb_at, "ERROR", "shop.cart.api", line), tb_at, stream="stderr", severity="ERROR"))
        if k == 3:  # another writer of the same container logs in the middle of the traceback
            entries.append(entry(oslo(tb_at, "DEBUG", "shop.cart.sync", "[req-0000cafe-aaaa - - - - -] Synced basket 999 "
                                      "in 2 ms sync /srv/shop/cart/sync.py:88", pid=4411), tb_at, stream="stderr",
                                 severity="DEBUG"))
    return export(tmp_path, entries)


def test_prefixed_lines_are_mined_without_their_prefix_and_the_traceback_is_named_by_its_headline(tmp_path):
    clusters = mine(prefixed_export(tmp_path))
    templates = [c["template"] for c in clusters]
    # the prefix (time, pid, level, logger, request context) is in no template: one cluster per message
    assert not any("2024" in t or "shop.cart" in t or "req-" in t or "DEBUG" in t for t in templates), templates
    synced = [c for c in clusters if c["template"].startswith("Synced basket")]
    assert len(synced) == 1 and synced[0]["count"] == 121
    assert synced[0]["samples"][0].startswith("2024-03-05 10:")  # the raw line stays in the samples
    # the traceback: one record, named by its exception line, ERROR; no frame line is a cluster
    tb = [c for c in clusters if c["exception"] == "KeyError" and c["template"].startswith("KeyError")]
    assert len(tb) == 1 and tb[0]["count"] == 1 and tb[0]["severity"] == "ERROR"
    assert any("pricing.py" in f for f in tb[0]["stack"])
    assert not any(t.lstrip().startswith(("File ", "Traceback", "rate =", "Known", "Basket source")) for t in templates)
    assert "" not in templates and "Known currencies: USD, GBP" in tb[0]["samples"][0]
    assert len(clusters) <= 6


def test_the_level_inside_the_line_replaces_the_stream_default(tmp_path):
    entries = [entry(f"12:00:0{i}.000 [main] ERROR c.s.pay.Gateway - charge declined for order {i}", i, stream="stdout",
                     severity="INFO") for i in range(5)]
    entries += [entry(f"12:00:1{i}.000 [main] DEBUG c.s.pay.Gateway - polling queue {i}", 10 + i, stream="stderr",
                      severity="ERROR") for i in range(3)]
    entries.append(entry("12:00:20.000 [main] WARN  c.s.pay.Gateway - slow answer", 20, stream="stdout", severity="NOTICE"))
    clusters = {c["template"]: c for c in mine(export(tmp_path, entries))}
    assert clusters["charge declined for order <NUM>"]["by_severity"] == {"ERROR": 5}
    assert clusters["polling queue <NUM>"]["by_severity"] == {"DEBUG": 3}
    assert clusters["slow answer"]["by_severity"] == {"NOTICE": 1}  # an explicit non-default level is kept


def java_go_node_export(tmp_path: Path) -> str:
    entries = []
    java = [
        "java.lang.IllegalStateException: checkout aborted",
        "\tat org.shop.cart.Checkout.run(Checkout.java:77)",
        "\tat org.shop.cart.Api.post(Api.java:31)",
        "Caused by: org.shop.pricing.PricingException: no rate for EUR",
        "\tat org.shop.pricing.Rates.get(Rates.java:12)",
        "\t... 2 more",
        "Caused by: java.net.SocketTimeoutException: Read timed out",
        "\tat java.base/java.net.SocketInputStream.read(SocketInputStream.java:168)",
        "\t... 5 more",
    ]
    go = [
        "panic: runtime error: invalid memory address or nil pointer dereference",
        "[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x4a5f2e]",
        "",
        "goroutine 1 [running]:",
        "main.(*Store).Get(0x0, {0x6b1c40, 0x3})",
        "\t/src/store/store.go:88 +0x2e",
        "main.main()",
        "\t/src/main.go:21 +0x65",
        "exit status 2",
    ]
    node = [
        "TypeError: Cannot read properties of undefined (reading 'sku')",
        "    at lineTotal (/srv/app/cart.js:14:22)",
        "    at Array.map (<anonymous>)",
        "    at async handler (/srv/app/routes.js:40:5)",
    ]
    for rep in range(3):
        base = 100.0 * rep
        entries.append(entry("12:00:00.000 [http-1] ERROR o.s.cart.Api - request failed", base, stream="stdout"))
        for k, line in enumerate(java):
            entries.append(entry(line, base + 0.001 * (k + 1), stream="stderr", severity="ERROR", container="cart"))
        for k, line in enumerate(go):
            entries.append(entry(line, base + 10 + 0.001 * k, stream="stderr", severity="ERROR", container="store",
                                 pod="store-1"))
        for k, line in enumerate(node):
            entries.append(entry(line, base + 20 + 0.001 * k, stream="stderr", severity="ERROR", container="web",
                                 pod="web-1"))
        entries.append(entry(f"served page {rep}", base + 30, container="web", pod="web-1"))
    return export(tmp_path, entries)


def test_java_go_and_node_traces_fold_into_one_record_named_by_their_headline(tmp_path):
    clusters = mine(java_go_node_export(tmp_path))
    by_exc = {c["exception"]: c for c in clusters if c["exception"]}
    java = by_exc["java.net.SocketTimeoutException"]  # the innermost Caused by
    assert java["template"].startswith("Caused by: java.net.SocketTimeoutException: Read timed out")
    assert java["count"] == 3 and java["services"] == ["cart"]
    assert any("Checkout.java:77" in f for f in java["stack"])
    go = by_exc["panic"]
    assert go["template"].startswith("panic: runtime error") and go["count"] == 3
    node = by_exc["TypeError"]
    assert node["template"].startswith("TypeError: Cannot read properties") and node["count"] == 3
    # no frame, goroutine or `... n more` line is a cluster of its own
    for c in clusters:
        t = c["template"].lstrip()
        assert not t.startswith(("at ", "...", "goroutine", "main.", "/src", "<PATH>", "exit status", "Caused by: org")), t
    assert sum(c["count"] for c in clusters) == 3 * (1 + 1 + 1 + 1 + 1)  # log line, 3 traces, page


def test_access_lines_written_as_text_are_requests(tmp_path):
    entries = []
    for i in range(40):
        status = 503 if 20 <= i < 30 else 200
        entries.append(entry(f'10.4.0.{i % 5} - - [05/Mar/2024:10:00:{i:02d} +0000] "GET /api/basket/{i}?x=1 HTTP/1.1" '
                             f'{status} 312 "-" "probe/1.0" 0.{i + 10:03d}', float(i), container="nginx", pod="nginx-1"))
    for i in range(6):
        entries.append(entry(f'INFO:     10.4.0.9:5{i:04d} - "POST /checkout HTTP/1.1" 500 Internal Server Error',
                             50.0 + i, container="api", pod="api-1"))
    path = export(tmp_path, entries)
    out, report = generate_json(path)
    assert (report["impact"]["total_requests"], report["impact"]["failed_requests"]) == (46, 16)
    templates = {c["template"]: c for c in mine(path)}
    post = next(c for t, c in templates.items() if t.startswith("POST "))
    assert post["count"] == 6 and post["http_statuses"] == {"500": 6} and post["endpoints"] == {"POST /checkout": 6}
    md = rca("generate", "--file", path, "--format", "md", "--provider", "offline", "--no-history").stdout.decode()
    result = check_grounded(out, md, path)
    assert result.ok, result.problems


def test_reports_on_prefixed_and_split_trace_exports_are_grounded(tmp_path):
    for make in (prefixed_export, java_go_node_export):
        d = tmp_path / make.__name__
        d.mkdir()
        path = make(d)
        js = rca("generate", "--file", path, "--format", "json", "--provider", "offline", "--no-history")
        md = rca("generate", "--file", path, "--format", "md", "--provider", "offline", "--no-history")
        assert js.returncode == 0 and md.returncode == 0, js.stderr.decode()
        result = check_grounded(js.stdout.decode(), md.stdout.decode(), path)
        assert result.ok, result.problems
        assert not result.unverifiable or len(result.unverifiable) < len(json.loads(js.stdout)["clusters"])


def test_proxy_and_go_server_request_records_are_requests_in_both_engines_and_the_checker(tmp_path):
    """HAProxy's httplog (after a syslog prefix; the status before the quoted request, the total
    time in ms), Gitea's router log, the Loki/Cortex middleware line, a logfmt request record and
    Kong's JSON log record are requests: counted, failed when 5xx, by both engines, and recounted alike by the checker."""
    entries = []
    for i in range(20):
        bad = 10 <= i < 15
        status = 503 if bad else 200
        entries.append(entry(f"<134>Mar  5 10:00:{i:02d} lb-1 haproxy[7]: 10.4.0.{i % 5}:4{i:04d} "
                             f"[05/Mar/2024:10:00:{i:02d}.120] fe_web be_shop/{'<NOSRV>' if bad else 'shop-1'} "
                             f"{'0/-1/-1/-1/0' if bad else '0/0/1/20/22'} {status} 217 - - {'SC--' if bad else '----'} "
                             f'4/4/0/0/0 0/0 "GET /basket/{i} HTTP/1.1"', float(i), container="haproxy", pod="lb-1"))
        entries.append(entry(f"2024/03/05 10:00:{i:02d} ...routing/logger.go:102:func1() [I] router: completed "
                             f"POST /org/repo.git/push for 10.4.0.8:0, {status + 1 if bad else 200} OK in 31.5ms @ x.go:1(y)",
                             float(i) + 0.1, container="git", pod="git-1"))
        entries.append(entry(f'level=warn ts=2024-03-05T10:00:{i:02d}Z caller=logging.go:86 msg="POST /push ({status}) 1.5s"',
                             float(i) + 0.2, container="ingester", pod="ingester-1"))
        entries.append(entry(f'logger=context t=2024-03-05T10:00:{i:02d}Z level=info msg="Request Completed" method=GET '
                             f"path=/api/query status={status} duration=80ms", float(i) + 0.3, container="dash", pod="dash-1"))
        kong = entry("", float(i) + 0.4, container="proxy", pod="kong-1")
        del kong["textPayload"]
        kong["jsonPayload"] = {"latencies": {"kong": 2, "proxy": 30, "request": 33}, "client_ip": "10.4.0.3",
                               "request": {"method": "GET", "uri": f"/v1/items/{i}", "url": f"https://shop.example/v1/items/{i}"},
                               "response": {"status": status, "size": 90}}
        entries.append(kong)
    path = export(tmp_path, entries)
    out, report = generate_json(path)
    assert (report["impact"]["total_requests"], report["impact"]["failed_requests"]) == (100, 25)
    for engine in ("duckdb", "python"):
        stats = ReadStats()
        _, requests = mine_and_tally(read_records(path, "auto", stats, engine), stats)
        assert requests.total == 100 and sum(n for st, n in requests.by_status.items() if st >= 500) == 25, engine
    md = rca("generate", "--file", path, "--format", "md", "--provider", "offline", "--no-history").stdout.decode()
    result = check_grounded(out, md, path)
    assert result.ok, result.problems


def test_a_plain_text_log_with_a_java_trace_and_access_lines(tmp_path):
    p = tmp_path / "app.log"
    p.write_text(
        "2024-03-05 10:00:00,001 INFO  [main] o.s.Boot - started\n"
        "2024-03-05 10:00:01,001 ERROR [http-1] o.s.cart.Api - request failed\n"
        "java.lang.IllegalStateException: checkout aborted\n"
        "\tat org.shop.cart.Checkout.run(Checkout.java:77)\n"
        "Caused by: java.io.IOException: disk full\n"
        "\t... 1 more\n"
        '10.4.0.1 - - [05/Mar/2024:10:00:02 +0000] "GET /api/basket HTTP/1.1" 502 12 "-" "probe/1.0"\n'
    )
    clusters = {c["template"]: c for c in mine(str(p))}
    assert clusters["started"]["by_severity"] == {"INFO": 1}
    assert clusters["request failed"]["by_severity"] == {"ERROR": 1}
    trace = next(c for c in clusters.values() if c["exception"] == "java.io.IOException")
    assert trace["template"].startswith("Caused by: java.io.IOException") and trace["count"] == 1
    req = next(c for t, c in clusters.items() if t.startswith("GET "))
    assert req["http_statuses"] == {"502": 1}
    assert len(clusters) == 4


def test_a_mesh_proxys_call_out_is_not_a_request_its_pod_served():
    """Envoy sidecars log the requests their pod serves (upstream cluster inbound|...) and the
    calls it makes (outbound|...): the call out is the callee's request, so it is no request of
    the caller (counting both would count every internal hop as a user request)."""
    served = ('[2025-09-16T14:18:20.123Z] "GET /basket HTTP/1.1" 503 - via_upstream - "-" 0 95 12 11 "-" "curl/8" '
              '"a1" "web:8080" "10.0.0.5:8080" inbound|8080|| 127.0.0.6:4000 10.0.0.5:8080 10.0.0.9:5000 '
              'outbound_.8080_._.web.shop.svc.cluster.local default')
    call_out = ('[2025-09-16T14:18:20.120Z] "POST /shop.Basket/Get HTTP/2" 503 UF upstream_reset_before_response_started'
                '{connection_failure} - "-" 50 91 2 - "-" "grpc-go/1.5" "a1" "basket:7070" "10.0.0.7:7070" '
                'outbound|7070||basket.shop.svc.cluster.local - 10.0.0.7:7070 10.0.0.5:5100 - default')
    assert parse_access(served) is not None and parse_access(served).status == 503
    assert parse_access(call_out) is None
    assert access_line(served) is not None and access_line(call_out) is None  # the eval's own reading agrees
