"""A load balancer's request logs are filed under the backend service that served them, not the
log's name ("requests"): with two backends, the report says which one fails. The same name on
every path: the file, the DuckDB engine and BigQuery's query."""

from __future__ import annotations

import json
from pathlib import Path

from rca.mining import mine
from rca.models import ReadStats
from rca.pipeline import mine_and_tally
from rca.sources import read_records
from tests.test_bigquery import _both_ways
from tests.test_cli import rca


def _lb(i: int, backend: str, status: int) -> dict:
    return {"timestamp": f"2025-09-15T22:{10 + i // 60:02d}:{i % 60:02d}.000000Z", "insertId": f"lb{i}",
            "logName": "projects/p/logs/requests", "severity": "ERROR" if status >= 500 else "INFO",
            "httpRequest": {"requestMethod": "GET", "requestUrl": f"https://shop.example/{backend[:4]}/{i}",
                            "status": status, "latency": "0.120s"},
            "jsonPayload": {"@type": "type.googleapis.com/google.cloud.loadbalancing.type.LoadBalancerLogEntry",
                            "statusDetails": "response_sent_by_backend"},
            "resource": {"type": "http_load_balancer",
                         "labels": {"backend_service_name": backend, "forwarding_rule_name": "shop-fr",
                                    "url_map_name": "shop-map", "zone": "global"}}}


def _entries() -> list[dict]:
    return [_lb(i, "cart-backend" if i % 2 else "search-backend", 503 if i % 2 and i > 60 else 200) for i in range(240)]


def test_each_backends_requests_are_its_own_service(tmp_path: Path):
    path = tmp_path / "logs.json"
    path.write_text(json.dumps(_entries()))
    plain = mine(list(read_records(str(path), "auto", ReadStats())))
    stats = ReadStats()
    planned, _ = mine_and_tally(read_records(str(path), "auto", stats, "duckdb"), stats)
    for mining in (plain, planned):
        assert {s for c in mining.clusters for s in c.services} == {"cart-backend", "search-backend"}
    out = rca("generate", "--file", str(path), "--format", "json", "--provider", "offline", "--no-history")
    assert out.returncode == 0, out.stderr.decode()
    report = json.loads(out.stdout)
    assert report["impact"]["failing_services"] == ["cart-backend"]
    assert "requests to cart-backend fail" in report["priority_reason"]


def test_bigquery_names_the_backend_too(tmp_path: Path):
    via_bq, via_file = _both_ways(_entries(), tmp_path)
    names = lambda m: sorted((c.template, sorted(c.services)) for c in m.clusters)  # noqa: E731
    assert names(via_bq) == names(via_file)
    assert "requests" not in {s for _, svcs in names(via_file) for s in svcs}
