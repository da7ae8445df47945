"""Quiet changes as root causes: one audit line, minutes or seconds before the failures, that the
failures name by the changed object's name, by the service the object is named after, or (right
after it) by the kind of object changed. Invented exports, read as a user would."""

from __future__ import annotations

import pytest

from tests.test_changes_named import _app, _audit, _report, _ts


BOT = "platform-bot@quill.iam.gserviceaccount.com"


def _vm(service: str, minute: int, second: float, text: str, severity: str = "INFO") -> dict:
    return {"timestamp": _ts(minute, second), "severity": severity, "textPayload": text,
            "logName": f"projects/quill/logs/{service}",
            "resource": {"type": "gce_instance", "labels": {"instance_id": "77120045", "zone": "europe-west1-b"}}}


def _traffic(service: str = "ledger-web") -> list[dict]:
    return [_app(service, m, s, f"GET /ledger/{m * 60 + s} 200") for m in range(45) for s in range(0, 60, 5)]


SUBNET = "projects/quill/regions/europe-west1/subnetworks/batch-euw1"


def _subnet_export(change: bool) -> list[dict]:
    """A batch job is submitted every ten minutes; it succeeds until an operator switches a setting
    of its subnetwork at 12:40, and from the next run on (22:30, ten minutes later) every
    submission fails naming the subnetwork."""
    out = _traffic()
    if change:
        out.append(_audit(12, 40.0, "v1.compute.subnetworks.setPrivateIpGoogleAccess", SUBNET, BOT))
    for m in (2, 12):
        out.append(_app("nightly-rollup", m, 30.0, f"batch rollup-{m} submitted"))
    for m in range(22, 45, 2):
        out.append(_app("nightly-rollup", m, 30.0, f"batch rollup-{m} rejected: Subnetwork 'batch-euw1' does not allow the "
                                                   "workers to reach the storage API", "ERROR"))
        out.append(_app("nightly-rollup", m, 31.0, f"rollup-{m} gave up after the submission failed", "ERROR"))
    return out


def test_a_change_the_failures_name_ten_minutes_later_is_the_cause(tmp_path):
    """The first run after the change is ten minutes later: the change the failures name by its
    object's own name still explains them, and the report leads with it."""
    report, by_id = _report(_subnet_export(True), tmp_path / "subnet.json")
    top = by_id[report.root_cause.cluster_ids[0]]
    assert "setPrivateIpGoogleAccess" in top.template
    assert "batch-euw1" in report.root_cause.statement


def test_without_the_change_the_failure_is_the_finding(tmp_path):
    report, by_id = _report(_subnet_export(False), tmp_path / "nochange.json")
    top = by_id[report.root_cause.cluster_ids[0]]
    assert "Subnetwork" in top.template or "rollup" in top.template
    assert "OK by" not in top.template


BUCKET = "projects/_/buckets/quill-exports"


def _bucket_export(change_minute: int, fail_from: float) -> list[dict]:
    """Exports overwrite the same objects every few seconds; the bucket is updated at
    `change_minute`:10 and from `fail_from` seconds into the window the overwrites are refused by
    the bucket's retention policy (the failure quotes the object, not the bucket's name)."""
    out = _traffic()
    out += [_app("exporter", m, s, f"wrote exports/latest/part-{s}.csv") for m in range(45) for s in range(0, 60, 6)
            if m * 60 + s < fail_from]
    out.append(_audit(change_minute, 10.0, "storage.buckets.update", BUCKET, BOT))
    out += [_app("exporter", int(t // 60), t % 60, f"export write failed: 403 Object 'exports/latest/part-{int(t) % 60}.csv' "
                                                    "is subject to bucket's retention policy and cannot be overwritten", "ERROR")
            for t in range(int(fail_from), 45 * 60, 3)]
    return out


def test_a_change_right_before_failures_that_name_its_kind_is_the_cause(tmp_path):
    """Five seconds after the bucket update the writes are refused by 'the bucket's retention
    policy': the failure names the kind of object just changed, so the change leads."""
    report, by_id = _report(_bucket_export(20, 20 * 60 + 15), tmp_path / "bucket.json")
    top = by_id[report.root_cause.cluster_ids[0]]
    assert "storage.buckets.update" in top.template
    assert "quill-exports" in report.root_cause.statement


def test_a_change_of_the_same_kind_long_before_is_no_cause(tmp_path):
    """The same failures, but the bucket update was twelve minutes earlier and the writes kept
    working since: naming only the kind of object is too weak a link across that gap."""
    report, by_id = _report(_bucket_export(8, 20 * 60 + 15), tmp_path / "early.json")
    top = by_id[report.root_cause.cluster_ids[0]]
    assert "retention policy" in top.template


def test_a_change_to_an_object_named_after_the_failing_service_is_the_cause(tmp_path):
    """A disk is detached from the VM 'ledgerd-3'; seconds later the ledgerd process on it finds
    its file system read-only. Its lines do not quote the VM's name, but the object changed is
    named after the service that fails."""
    out = _traffic()
    out += [_vm("ledgerd", m, s, f"segment {m * 60 + s} flushed") for m in range(45) for s in range(0, 60, 10) if m < 18]
    out.append(_audit(18, 0.0, "v1.compute.instances.detachDisk", "projects/quill/zones/europe-west1-b/instances/ledgerd-3",
                      "compute.googleapis.com"))
    out += [_vm("ledgerd", int(t // 60), t % 60, "flush failed: open /data/segments/current: read-only file system", "ERROR")
            for t in range(18 * 60 + 4, 45 * 60, 4)]
    report, by_id = _report(out, tmp_path / "disk.json")
    top = by_id[report.root_cause.cluster_ids[0]]
    assert "detachDisk" in top.template
    assert "ledgerd-3" in report.root_cause.statement


def _migration_export(ddl: str, failure: str) -> list[dict]:
    """A migration job starts at 16:02 and runs `ddl`; from four seconds later the API's queries
    on that table fail (`failure`), while a scheduler of another team logs an error of its own
    from minute 14 on."""
    out = _traffic("stock-api")
    out += [_app("stock-scheduler", m, 20.0, f"Detected orphaned task run {m}: marking it failed", "ERROR") for m in range(14, 45)]
    out.append(_app("stock-migrate", 16, 1.0, "migration job starting"))
    out.append(_app("stock-migrate", 16, 2.0, ddl))
    out += [_app("stock-api", int(t // 60), t % 60, failure, "ERROR") for t in range(16 * 60 + 6, 45 * 60, 2)]
    return out


def test_a_migration_whose_table_the_failing_queries_name_is_the_cause(tmp_path):
    """The DDL names the table it alters; the failing queries name the same table: the migration
    leads the report, which names the table, files the failure as a database one and tells the
    failing queries, not the other team's scheduler errors."""
    report, by_id = _report(_migration_export("executing: ALTER TABLE stock_levels ADD COLUMN reserved INT NOT NULL DEFAULT 0",
                                              "stock_levels query failed: context deadline exceeded"), tmp_path / "alter.json")
    ids = report.root_cause.cluster_ids
    assert "ALTER TABLE" in by_id[ids[0]].template
    assert "stock_levels" in report.root_cause.statement
    assert report.root_cause.category == "database"
    assert not any("orphaned" in by_id[i].template for i in ids)


def test_an_index_build_is_a_schema_change_of_the_table_it_indexes(tmp_path):
    """A database's statement log of an index build (no migration tool's words around it) is a
    schema change of the indexed table, and the inserts into that table that time out after it
    are its doing."""
    report, by_id = _report(_migration_export('LOG:  statement: CREATE INDEX "idx_stock_levels_sku" ON "stock_levels" ("sku")',
                                              'ERROR:  canceling statement due to statement timeout: INSERT INTO stock_levels (sku, qty)'),
                            tmp_path / "index.json")
    assert "CREATE INDEX" in by_id[report.root_cause.cluster_ids[0]].template
    assert "stock_levels" in report.root_cause.statement


def test_a_migration_of_another_table_is_no_cause(tmp_path):
    """The same failures after a migration of a table they never name: it is not blamed."""
    report, by_id = _report(_migration_export("executing: ALTER TABLE audit_trail ADD COLUMN actor TEXT",
                                              "stock_levels query failed: context deadline exceeded"), tmp_path / "other.json")
    assert "ALTER TABLE" not in by_id[report.root_cause.cluster_ids[0]].template


def _host_line(host: str, log: str, minute: int, second: float, text: str, severity: str | None = None) -> dict:
    """A line a VM ships (the Ops Agent): its name in the label an engineer knows it by."""
    entry = {"timestamp": _ts(minute, second), "textPayload": text, "logName": f"projects/quill/logs/{log}",
             "labels": {"compute.googleapis.com/resource_name": host},
             "resource": {"type": "gce_instance", "labels": {"instance_id": f"55{len(host)}0017", "zone": "europe-west1-b"}}}
    if severity:
        entry["severity"] = severity
    return entry


def _setting_export(changed_on: str) -> list[dict]:
    """An operator alters a setting of the database server on `changed_on` at 12:30; from 15:40
    (over three minutes later, when the nightly report's heavy queries arrive) the server on
    ledger-db-2 cancels statements and the web tier's queries fail. Neither names the setting."""
    out = _traffic()
    for host in ("ledger-db-2", "report-runner-1"):
        out += [_host_line(host, "syslog", m, 1.0, f"Mar 11 08:{m:02d}:01 {host} CRON[{4000 + m}]: (root) CMD (run-parts /etc/cron.hourly)")
                for m in range(45)]
    out += [_host_line("ledger-db-2", "postgresql_general", m, 20.0, f"2026-05-11 08:{m:02d}:20.000 UTC [{900 + m}] LOG:  checkpoint complete",
                       "INFO") for m in range(45)]
    out.append(_host_line(changed_on, "syslog", 12, 30.0, f"Mar 11 08:12:30 {changed_on} sudo[2211]: ops : TTY=pts/0 ; PWD=/home/ops ; "
                          "USER=postgres ; COMMAND=/usr/bin/psql -c ALTER SYSTEM SET statement_timeout = 50"))
    for m in range(15, 45):
        for s in range(40 if m == 15 else 0, 60, 10):
            out.append(_host_line("ledger-db-2", "postgresql_general", m, s,
                                  f"2026-05-11 08:{m:02d}:{s:02d}.000 UTC [{2000 + m * 6 + s // 10}] ERROR:  canceling statement due to "
                                  "user request", "ERROR"))
            out.append(_app("ledger-web", m, s + 0.5, "ledger query failed: QueryCanceled: canceling statement due to user request",
                            "ERROR"))
    return out


def test_a_setting_altered_on_the_failing_server_minutes_before_is_the_cause(tmp_path):
    """The setting is altered on the very host whose database server then cancels statements:
    the change touched the failing component itself, so it explains the failures though they
    start over three minutes later and name nothing of it."""
    report, by_id = _report(_setting_export("ledger-db-2"), tmp_path / "same-host.json")
    top = by_id[report.root_cause.cluster_ids[0]]
    assert "ALTER SYSTEM" in top.template
    assert "canceling statement" in by_id[report.root_cause.cluster_ids[1]].template


def test_the_same_command_on_another_host_is_no_cause(tmp_path):
    """The same command run on a machine that is not the failing server: a coincidence in time,
    three minutes early; the server's own failure is the finding."""
    report, by_id = _report(_setting_export("report-runner-1"), tmp_path / "other-host.json")
    top = by_id[report.root_cause.cluster_ids[0]]
    assert "ALTER SYSTEM" not in top.template
    assert "canceling statement" in top.template


def _own_log_export(changed_on: str) -> list[dict]:
    """The database server on ledger-db-2 logs, through its host's syslog, a statement run by hand
    at 12:30 (a role's setting altered) on `changed_on`; from 15:40, three minutes later, ledger-db-2
    cancels statements and the web tier's queries fail. Nothing names the role."""
    out = _traffic()
    for host in ("ledger-db-2", "ledger-db-3"):
        out += [_host_line(host, "syslog", m, 20.0, f"Mar 11 08:{m:02d}:20 {host} postgres[{900 + m}]: LOG:  checkpoint complete")
                for m in range(45)]
    out.append(_host_line(changed_on, "syslog", 12, 30.0, f"Mar 11 08:12:30 {changed_on} postgres[2211]: ops@ledger LOG:  "
                          "statement: ALTER ROLE ledger_ro SET work_mem = '64kB';"))
    for m in range(15, 45):
        for s in range(40 if m == 15 else 0, 60, 10):
            out.append(_host_line("ledger-db-2", "syslog", m, s, f"Mar 11 08:{m:02d}:{s:02d} ledger-db-2 postgres[{2000 + m * 6 + s // 10}]: "
                                  "ledger_app@ledger ERROR:  canceling statement due to user request", "ERROR"))
            out.append(_app("ledger-web", m, s + 0.5, "ledger query failed: QueryCanceled: canceling statement due to user request",
                            "ERROR"))
    return out


def test_a_statement_the_failing_server_logs_itself_just_before_is_the_cause(tmp_path):
    """The failing server's own log holds the statement run by hand minutes before its first error:
    the change touched the failing component itself. Its own errors rank below it, not above it,
    though they come from the same server."""
    report, by_id = _report(_own_log_export("ledger-db-2"), tmp_path / "own-log.json")
    assert "ALTER ROLE" in by_id[report.root_cause.cluster_ids[0]].template


def test_a_statement_on_another_server_is_no_cause(tmp_path):
    """The same statement logged by another database server: the failing server's errors lead."""
    report, by_id = _report(_own_log_export("ledger-db-3"), tmp_path / "other-server.json")
    top = by_id[report.root_cause.cluster_ids[0]]
    assert "ALTER ROLE" not in top.template
    assert "canceling statement" in top.template


def _sql_line(database: str, minute: int, second: float, text: str, severity: str) -> dict:
    """A Cloud SQL database's own log line: its resource names the database by its id."""
    return {"timestamp": _ts(minute, second), "severity": severity, "textPayload": text,
            "logName": "projects/quill/logs/cloudsql.googleapis.com%2Fpostgres.log",
            "resource": {"type": "cloudsql_database", "labels": {"database_id": f"quill:{database}", "region": "europe-west1"}}}


def _sql_flag_export(changed: str) -> list[dict]:
    """An operator updates Cloud SQL instance `changed` at 12:30 (the audit entry about the database
    carries its id); from 15:40 the database ledger-pg errs in its own log and the web tier's
    writes fail. Nothing names what the update set."""
    out = _traffic()
    for db in ("ledger-pg", "reports-pg"):
        out += [_sql_line(db, m, 20.0, f"2026-05-11 08:{m:02d}:20.000 UTC [{900 + m}]: [1-1] db=ledger,user=cloudsqladmin LOG:  "
                          "checkpoint complete", "INFO") for m in range(45)]
    audit = _audit(12, 30.0, "cloudsql.instances.update", f"projects/quill/instances/{changed}", BOT)
    audit["resource"] = {"type": "cloudsql_database", "labels": {"database_id": f"quill:{changed}", "region": "europe-west1"}}
    out.append(audit)
    for m in range(15, 45):
        for s in range(40 if m == 15 else 0, 60, 10):
            out.append(_sql_line("ledger-pg", m, s, f"2026-05-11 08:{m:02d}:{s:02d}.000 UTC [{2000 + m * 6 + s // 10}]: [5-1] "
                                 "db=ledger,user=ledger_app ERROR:  could not serialize access due to concurrent update", "ERROR"))
            out.append(_app("ledger-web", m, s + 0.5, "ledger write failed: SerializationFailure: could not serialize access",
                            "ERROR"))
    return out


@pytest.mark.parametrize("engine", ["python", "duckdb"])
def test_an_update_of_the_cloud_sql_instance_whose_log_then_errs_is_the_cause(tmp_path, engine):
    """The audit entry and the database's own log carry the same database id: the update touched
    the database that fails three minutes later, so it leads the report (either reading of the export)."""
    report, by_id = _report(_sql_flag_export("ledger-pg"), tmp_path / "sql.json", engine)
    assert "cloudsql.instances.update" in by_id[report.root_cause.cluster_ids[0]].template


def test_an_update_of_another_cloud_sql_instance_is_no_cause(tmp_path):
    report, by_id = _report(_sql_flag_export("reports-pg"), tmp_path / "sql-other.json")
    assert "cloudsql.instances.update" not in by_id[report.root_cause.cluster_ids[0]].template
