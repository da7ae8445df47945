"""The BigQuery path: one plan definition, its DuckDB rendering equal to the file path on every
incident, and `rca generate|mine --bigquery` through the real google-cloud-bigquery client
against a BigQuery REST server on 127.0.0.1 (tests/bigquery_server.py)."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest
from google.auth.credentials import AnonymousCredentials
from google.cloud.bigquery import SchemaField
from typer.testing import CliRunner

from bigquery_server import _LA_SCHEMA, FakeBigQuery, Tables
from corpora import MISSING, SHARED, incident_params
from rca.cli import app
from rca.errors import UsageError
from rca.mining.stats import INSTANCE_TRACK
from rca.models import ReadStats
from rca.pipeline import mine_records
from rca.sources import bigquery, bqplan, read_records

TABLE = "my-proj.logs_link._AllLogs"
WIDE = (datetime(2000, 1, 1, tzinfo=timezone.utc), datetime(2100, 1, 1, tzinfo=timezone.utc))


def _load(path: Path) -> list[dict]:
    with (gzip.open(path) if path.suffix == ".gz" else open(path, "rb")) as fh:
        return json.load(fh)


def _schema(fields: list) -> list[SchemaField]:
    return [SchemaField(n, k, fields=_schema(s) if s else ()) for n, k, s in fields]


class _Rows:
    """A source whose reduction is the BigQuery rows (what BigQueryRecords hands the pipeline)."""

    def __init__(self, rows: list[tuple], stats: ReadStats) -> None:
        self.rows, self.stats = rows, stats

    def __iter__(self):
        return iter(())

    def reduction(self):
        return bigquery.reduce_rows(iter(self.rows), self.stats, TABLE)


def _clusters(mining) -> list[tuple]:
    """Templates, counts, severities, and the top instances while a cluster has no more than the
    instance table holds (past it, which come first depends on entry order, which BigQuery's
    groups keep only to the minute)."""
    return sorted((c.template, c.count, c.severity, c.top_instances if c.instances <= INSTANCE_TRACK else None)
                  for c in mining.clusters)


def _plan_rows(entries: list[dict]) -> list[tuple]:
    """The BigQuery query, rendered for DuckDB by sqlglot, run over the entries as a Log Analytics table."""
    tables = Tables()
    tables.load_log_analytics(TABLE, entries)
    cols = bqplan.columns_from_schema(_schema(_LA_SCHEMA), {"type": "DAY", "field": "timestamp"})
    sql = bqplan.stage1_sql(TABLE, cols, *WIDE, max_raw=bigquery.MAX_RAW_ENTRIES)
    duck = bqplan.to_duckdb(sql).replace('"my-proj"."logs_link"."_AllLogs"', tables.local(TABLE))
    return tables.con.execute(duck).fetchall()


def _both_ways(entries: list[dict], tmp_path: Path):
    """The mining of `entries` through BigQuery's query (rendered for DuckDB) and through the file path."""
    path = tmp_path / "logs.json"
    path.write_text(json.dumps(entries))
    bq_stats, file_stats = ReadStats(), ReadStats()
    return (mine_records(_Rows(_plan_rows(entries), bq_stats), bq_stats),
            mine_records(read_records(str(path), "auto", file_stats), file_stats))


@pytest.mark.parametrize("path", incident_params())
def test_plan_rendered_for_duckdb_mines_as_the_file_does(path: Path) -> None:
    entries = _load(path)
    rows = _plan_rows(entries)
    bq_stats, file_stats = ReadStats(), ReadStats()
    via_bq = mine_records(_Rows(rows, bq_stats), bq_stats)
    via_file = mine_records(read_records(str(path), "auto", file_stats), file_stats)
    assert _clusters(via_bq) == _clusters(via_file)
    assert via_bq.total_entries == via_file.total_entries
    assert via_bq.by_severity == via_file.by_severity
    assert bq_stats.folded_tracebacks == file_stats.folded_tracebacks
    # only aggregates and the entries that need ordered work leave BigQuery
    assert sum(1 for r in rows if r[0] == "r") < len(entries)


def test_a_message_logged_just_before_its_traceback_leads_it_through_bigquery_too(tmp_path: Path) -> None:
    """logger.exception: an ERROR line, then the traceback one line per entry. The file path folds
    the line into the trace; BigQuery must send that line one by one too, not in a group."""
    lines = ["Failed to settle order 42", "Traceback (most recent call last):", '  File "/app/settle.py", line 7, in settle',
             "    ledger[order]", "KeyError: 'order-42'"]
    entries = [{"textPayload": "settling order 42", "severity": "INFO", "timestamp": "2025-09-15T22:34:40.050000Z",
                "insertId": "a0", "labels": {"instanceId": "x"}, "logName": "projects/p/logs/run.googleapis.com%2Fstderr",
                "resource": {"type": "cloud_run_revision", "labels": {"service_name": "orders"}}}]
    entries += [{"textPayload": line, "severity": "ERROR", "timestamp": f"2025-09-15T22:34:40.{100 + i:03d}000Z",
                 "insertId": f"b{i}", "labels": {"instanceId": "x"}, "logName": "projects/p/logs/run.googleapis.com%2Fstderr",
                 "resource": {"type": "cloud_run_revision", "labels": {"service_name": "orders"}}}
                for i, line in enumerate(lines)]
    via_bq, via_file = _both_ways(entries, tmp_path)
    assert via_file.total_entries == 2  # the message and its traceback are one entry
    assert _clusters(via_bq) == _clusters(via_file)


def test_the_sql_reads_only_the_window_and_the_columns_rca_uses() -> None:
    cols = bqplan.columns_from_schema(_schema(_LA_SCHEMA), {"type": "DAY", "field": "timestamp"})
    start, end = datetime(2025, 9, 16, 14, tzinfo=timezone.utc), datetime(2025, 9, 16, 15, tzinfo=timezone.utc)
    sql = bqplan.stage1_sql(TABLE, cols, start, end, max_raw=10)
    assert "timestamp >= TIMESTAMP '2025-09-16 14:00:00.000000+00'" in sql
    assert "timestamp <= TIMESTAMP '2025-09-16 15:00:00.000000+00'" in sql
    assert "SELECT *" not in sql.split("FROM `my-proj.logs_link._AllLogs`")[0].split("WITH src AS (")[1]
    # a legacy sink partitioned by ingestion time is bounded by _PARTITIONTIME too
    legacy = bqplan.columns_from_schema(_schema(_LA_SCHEMA), {"type": "DAY"})
    assert "_PARTITIONTIME BETWEEN" in bqplan.stage1_sql(TABLE, legacy, start, end, max_raw=10)


def test_a_table_without_log_columns_is_refused() -> None:
    with pytest.raises(ValueError, match="timestamp"):
        bqplan.columns_from_schema(_schema([("name", "STRING", None)]), None)


# ---------------------------------------------------------------------------- through the client

INCIDENT = SHARED / "auth-db-timeout" / "logs.json"
WINDOW = ["--start", "2025-09-16T13:00:00Z", "--end", "2025-09-16T16:00:00Z"]


@pytest.fixture
def fake():
    with FakeBigQuery(page_rows=700) as server:  # the client pages through getQueryResults
        yield server


def _conn(fake: FakeBigQuery) -> bigquery.BigQueryConnection:
    return bigquery.BigQueryConnection(endpoint=fake.endpoint, credentials=AnonymousCredentials())


def _run(fake: FakeBigQuery, *args: str):
    return CliRunner().invoke(app, list(args), obj=_conn(fake))


@pytest.mark.skipif(not INCIDENT.is_file(), reason=MISSING)
def test_generate_through_bigquery_reports_the_clusters_the_file_gives(fake: FakeBigQuery, tmp_path: Path) -> None:
    fake.tables.load_log_analytics(TABLE, _load(INCIDENT))
    out_bq, out_file = tmp_path / "bq.json", tmp_path / "file.json"
    r = _run(fake, "generate", "--bigquery", TABLE, *WINDOW, "--format", "json", "--provider", "offline",
             "--no-history", "-o", str(out_bq))
    assert r.exit_code == 0, r.output
    r = CliRunner().invoke(app, ["generate", "--file", str(INCIDENT), "--format", "json", "--provider", "offline",
                                 "--no-history", "-o", str(out_file)])
    assert r.exit_code == 0, r.output
    bq, local = json.loads(out_bq.read_text()), json.loads(out_file.read_text())

    def counts(report: dict) -> list:
        return sorted((c["template"], c["count"]) for c in report["clusters"])

    assert counts(bq) == counts(local)
    pages = [p for m, p, _ in fake.requests if m == "GET" and "/queries/" in p]
    assert len(pages) > 1  # the results came in pages


@pytest.mark.skipif(not INCIDENT.is_file(), reason=MISSING)
def test_dry_run_prints_the_bytes_and_runs_nothing(fake: FakeBigQuery) -> None:
    fake.tables.load_log_analytics(TABLE, _load(INCIDENT))
    r = _run(fake, "mine", "--bigquery", TABLE, *WINDOW, "--dry-run")
    assert r.exit_code == 0, r.output
    whole = int(r.output.split("would process ")[1].split(" bytes")[0])
    assert whole > 0 and not fake.jobs
    inserted = [b for m, p, b in fake.requests if m == "POST" and p.split("?")[0].endswith("/jobs")]
    assert inserted and all(b["configuration"]["dryRun"] for b in inserted)
    r = _run(fake, "mine", "--bigquery", TABLE, "--start", "2025-09-16T14:00:00Z", "--end", "2025-09-16T14:10:00Z", "--dry-run")
    narrow = int(r.output.split("would process ")[1].split(" bytes")[0])
    assert 0 < narrow < whole  # the filter on the partition column bounds the bytes


def test_show_sql_prints_the_query_and_exits(fake: FakeBigQuery) -> None:
    fake.tables.load_log_analytics(TABLE, [])
    r = _run(fake, "generate", "--bigquery", TABLE, "--since", "2h", "--show-sql", "--no-history")
    assert r.exit_code == 0, r.output
    assert r.output.startswith("WITH src AS (") and f"FROM `{TABLE}`" in r.output
    assert not [p for m, p, _ in fake.requests if m == "POST"]


def _main(fake: FakeBigQuery, *args: str) -> subprocess.CompletedProcess:
    """`rca` as a user runs it, the connection given the way an embedding caller does."""
    code = ("import sys; from google.auth.credentials import AnonymousCredentials; from rca import cli; "
            "from rca.sources.bigquery import BigQueryConnection; "
            f"conn = BigQueryConnection(endpoint={fake.endpoint!r}, credentials=AnonymousCredentials()); "
            "import functools; cli.app = functools.partial(cli.app, obj=conn); sys.argv[0] = 'rca'; cli.main()")
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=120)


def test_table_not_found_is_one_line(fake: FakeBigQuery) -> None:
    r = _main(fake, "mine", "--bigquery", "my-proj.logs_link.nope", "--since", "1h")
    assert r.returncode == 2
    assert r.stderr.count("\n") == 1 and "my-proj.logs_link.nope not found" in r.stderr


def test_access_denied_names_the_roles(fake: FakeBigQuery) -> None:
    fake.tables.load_log_analytics(TABLE, [])
    fake.tables.denied.add(TABLE)
    r = _main(fake, "generate", "--bigquery", TABLE, "--since", "1h", "--no-history")
    assert r.returncode == 2 and r.stderr.count("\n") == 1
    assert "roles/bigquery.jobUser" in r.stderr and "roles/bigquery.dataViewer" in r.stderr


@pytest.mark.parametrize("name", ["logs._AllLogs", "my-proj.logs", "my proj.logs.t", "p.d.t; DROP"])
def test_a_bad_table_name_is_a_usage_error(name: str) -> None:
    r = CliRunner().invoke(app, ["mine", "--bigquery", name, "--since", "1h", "--show-sql"])
    assert isinstance(r.exception, UsageError) and "PROJECT.DATASET.TABLE" in str(r.exception)


def test_filters_that_bigquery_does_not_apply_are_refused() -> None:
    r = CliRunner().invoke(app, ["generate", "--bigquery", TABLE, "--severity", "ERROR", "--no-history"])
    assert isinstance(r.exception, UsageError) and "--severity" in str(r.exception)


def test_missing_extra_is_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "google_cloud_bigquery_absent.py"
    blocker.write_text("import sys\nsys.modules['google.cloud.bigquery'] = None\n")
    code = (f"import runpy, sys; runpy.run_path({str(blocker)!r}); sys.argv = ['rca', 'mine', '--bigquery', "
            f"{TABLE!r}, '--since', '1h']; from rca.cli import main; main()")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.returncode == 2
    assert r.stderr.strip() == "rca: error: --bigquery needs the BigQuery client: pip install 'rca[bigquery]'"


@pytest.mark.skipif(not INCIDENT.is_file(), reason=MISSING)
@pytest.mark.parametrize("ingestion_time", [False, True], ids=["timestamp-partitioned", "ingestion-time-partitioned"])
def test_a_log_sink_table_mines_as_the_file_does(fake: FakeBigQuery, tmp_path: Path, ingestion_time: bool) -> None:
    sink = "my-proj.logs_sink.run_googleapis_com_stdout"
    fake.tables.load_log_sink(sink, _load(INCIDENT), str(tmp_path), ingestion_time=ingestion_time)
    r = _run(fake, "mine", "--bigquery", sink, *WINDOW, "--format", "json")
    assert r.exit_code == 0, r.output
    local = CliRunner().invoke(app, ["mine", "--file", str(INCIDENT), "--format", "json"])
    got, want = json.loads(r.output), json.loads(local.output)
    assert sorted((c["template"], c["count"]) for c in got["clusters"]) == sorted((c["template"], c["count"]) for c in want["clusters"])
    (query,) = [b["configuration"]["query"]["query"] for m, p, b in fake.requests if m == "POST"]
    assert ("_PARTITIONTIME BETWEEN" in query) == ingestion_time
    assert "jsonPayload" in query and "json_payload" not in query


def test_gke_services_are_named_by_their_pod_through_bigquery_too(tmp_path: Path) -> None:
    """Containers all called 'server': BigQuery names each line's service by its pod's app label or
    pod name, and a node's OOM kill by the process it names, as the file path does."""
    def gke(i: int, text: str, pod: str, container: str, labels: dict) -> dict:
        return {"textPayload": text, "severity": "INFO", "timestamp": f"2025-09-15T22:34:{10 + i:02d}.000000Z",
                "insertId": f"k{i}", "labels": labels, "logName": "projects/p/logs/stdout",
                "resource": {"type": "k8s_container", "labels": {"pod_name": pod, "container_name": container}}}
    entries = [gke(0, "basket ready", "basket-6d8f7c9b5-x2kqz", "server", {"k8s-pod/app": "basket"}),
               gke(1, "ledger ready", "ledger-5f8b9c7d2-q4t6v", "server", {}),
               gke(2, "proxy ready", "ledger-5f8b9c7d2-q4t6v", "istio-proxy", {}),
               {"jsonPayload": {"message": "Memory cgroup out of memory: Killed process 9 (basket) total-vm:1kB"},
                "severity": "WARNING", "timestamp": "2025-09-15T22:34:30.000000Z", "insertId": "n1",
                "logName": "projects/p/logs/events", "resource": {"type": "k8s_node", "labels": {"node_name": "n1"}}}]
    via_bq, via_file = _both_ways(entries, tmp_path)

    def services(mining) -> list[tuple[str, list[str]]]:
        return sorted((c.template, sorted(c.services)) for c in mining.clusters)
    assert services(via_bq) == services(via_file)
    assert {s for _, svcs in services(via_file) for s in svcs} == {"basket", "ledger"}


def test_structured_payloads_get_their_level_and_message_through_bigquery_too(tmp_path: Path) -> None:
    """BigQuery's query is rendered from plan.py's JSON rules: a payload naming its level under any
    key (lvl, log.level, a pino number, a `log` object) or holding an error string or object
    gets the file path's message and severity."""
    payloads = [{"message": "quota reached", "lvl": "error"}, {"msg": "quota reached", "log.level": "warn"},
                {"message": "quota reached", "loglevel": 50}, {"message": "quota reached", "log": {"level": "critical"}},
                {"message": "quota reached", "log": "a line", "log_level": "debug"},
                {"msg": "dial failed", "error": "connection refused"}, {"msg": "dial failed", "err": {"type": "Timeout"}},
                {"message": "plain", "severity": "NOTICE"}]
    entries = [{"jsonPayload": p, "timestamp": f"2025-09-15T22:34:{10 + i:02d}.000000Z", "insertId": f"j{i}",
                "logName": "projects/p/logs/stdout", "resource": {"type": "k8s_container", "labels": {"container_name": "api"}}}
               for i, p in enumerate(payloads)]
    via_bq, via_file = _both_ways(entries, tmp_path)
    assert _clusters(via_bq) == _clusters(via_file)
    assert via_bq.by_severity == via_file.by_severity
    assert {"ERROR", "WARNING", "CRITICAL", "DEBUG", "NOTICE"} <= set(via_file.by_severity)


def test_a_queues_deliveries_are_told_from_users_requests_through_bigquery_too(tmp_path: Path) -> None:
    """Pub/Sub push deliveries (by their user agent) are no user's requests: BigQuery reads the user
    agent, keeps it on its groups and on the entries it sends one by one, as the file path does."""
    from rca.analysis import analyse
    from rca.pipeline import mine_and_tally

    push = "APIs-Google; (+https://developers.google.com/webmasters/APIs-Google.html)"
    entries = [{"timestamp": f"2026-03-02T10:{i // 20:02d}:{i % 20:02d}.100000Z", "insertId": f"p{i}", "severity": "INFO",
                "logName": "projects/p/logs/run.googleapis.com%2Frequests",
                "resource": {"type": "cloud_run_revision", "labels": {"service_name": "worker"}},
                "httpRequest": {"requestMethod": "POST", "requestUrl": "https://worker.example/push",
                                "status": 500 if i % 3 == 0 else 204, "latency": "0.2s",
                                "userAgent": push if i % 2 else "Mozilla/5.0"}} for i in range(60)]
    path = tmp_path / "logs.json"
    path.write_text(json.dumps(entries))
    bq_stats, file_stats = ReadStats(), ReadStats()
    via_bq = analyse(*mine_and_tally(_Rows(_plan_rows(entries), bq_stats), bq_stats)).impact
    via_file = analyse(*mine_and_tally(read_records(str(path), "auto", file_stats), file_stats)).impact
    assert via_file.push_deliveries == 30 and via_file.push_failed == 10
    assert (via_bq.push_deliveries, via_bq.push_failed) == (via_file.push_deliveries, via_file.push_failed)
