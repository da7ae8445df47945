"""Quiet culprits beside loud callers: a kernel OOM kill in a host's syslog and a gateway's records
of dropped connections (neither has a level at all), a callee's lock-retry warnings while an
unrelated service was redeployed minutes earlier. Invented exports, read as a user would
(`build_report`), checking what the report names first."""

from __future__ import annotations

from pathlib import Path

from test_quiet_culprits import _lines, _report, _syslog, _ts


def _dir(tmp_path: Path, name: str) -> Path:
    """One folder per export (`_report` writes its logs.json there)."""
    d = tmp_path / name
    d.mkdir()
    return d


def _oom_host_export(kills: bool) -> list[dict]:
    """A batch driver loses executors on a worker VM; the only trace of why is the kernel's, in the
    VM's syslog, which carries no severity."""
    entries = [_syslog("batch-w-3", m, 1.0, f"CRON[{4000 + m}]: (root) CMD (run-parts /etc/cron.hourly)") for m in range(30)]
    entries += _lines("batch-driver", range(30), range(0, 60, 15), "INFO TaskSetManager: finished task {n} in 812 ms")
    if kills:
        for m in range(14, 30, 3):
            entries.append(_syslog("batch-w-3", m, 44.0, f"kernel: [81{m}.402] Out of memory: Killed process {7000 + m} (java) "
                                   "total-vm:9123456kB, anon-rss:7340032kB, file-rss:0kB, shmem-rss:0kB"))
    # the driver's errors, a second after each kill and far louder
    entries += _lines("batch-driver", range(14, 30), range(45, 60, 3), "ERROR Scheduler: Lost executor {n} on batch-w-3: "
                      "container exited unexpectedly", "ERROR", "stderr")
    return entries


def test_kernel_oom_kills_without_a_level_rank_above_the_loud_errors_they_cause(tmp_path):
    """The kills are DEFAULT (syslog sets no level) and rarer than the driver's errors, which
    follow each by a second: the report names the kernel's kill first, as resource exhaustion.
    Without the kills the driver's errors are the finding."""
    report, by_id = _report(_oom_host_export(True), _dir(tmp_path, "oom"))
    top = by_id[report.root_cause.cluster_ids[0]]
    assert "Out of memory: Killed process" in top.template, top.template
    assert report.root_cause.category == "resource-exhaustion"
    driver = next(c for c in report.clusters if "Lost executor" in c.template)
    assert driver.count > 10 * top.count
    plain, plain_ids = _report(_oom_host_export(False), _dir(tmp_path, "plain"))
    assert "Lost executor" in plain_ids[plain.root_cause.cluster_ids[0]].template


def _dropped_export(records: bool) -> list[dict]:
    """An egress gateway runs out of room: its flow records (no message, no level) say DROPPED;
    the service calling out logs dial timeouts, louder, from the same seconds."""
    entries = _lines("payments", range(40), range(0, 60, 10), "charged order {n}")
    if records:
        for m in range(12, 40):
            for s in range(10, 60, 2):
                entries.append({"timestamp": _ts(m, s), "logName": "projects/p/logs/compute.googleapis.com%2Fnat_flows",
                                "resource": {"type": "nat_gateway", "labels": {"gateway_name": "egress-gw-1"}},
                                "jsonPayload": {"connection": {"src_ip": "10.8.0.4", "dest_ip": "203.0.113.9", "dest_port": 443},
                                                "allocation_status": "DROPPED"}})
    entries += _lines("payments", range(12, 40), range(8, 60, 4), "charge failed: dial tcp 203.0.113.9:443: i/o timeout",
                      "ERROR", "stderr")
    return entries


def test_a_platforms_records_of_dropped_connections_rank_above_the_callers_timeouts(tmp_path):
    """A gateway's flow records of connections it dropped (no level, no message) are the network
    dropping the calls: the report names them before the callers' timeouts. Without them the
    timeouts are the finding."""
    report, by_id = _report(_dropped_export(True), _dir(tmp_path, "dropped"))
    top = by_id[report.root_cause.cluster_ids[0]]
    assert "DROPPED" in top.template, top.template
    plain, plain_ids = _report(_dropped_export(False), _dir(tmp_path, "plain"))
    assert "i/o timeout" in plain_ids[plain.root_cause.cluster_ids[0]].template


def _contention_export() -> list[dict]:
    entries = _lines("coupons", range(40), range(0, 60, 10), "redeemed coupon {n}")
    entries += _lines("cart", range(40), range(3, 60, 10), "POST /cart/{n} 200 in 45 ms")
    entries += _lines("catalog", range(40), range(6, 60, 10), "GET /items/{n} 200 in 12 ms")
    # an unrelated service is redeployed four minutes before anything goes wrong
    entries.append({"timestamp": _ts(8, 20.0), "severity": "NOTICE", "logName": "projects/p/logs/cloudaudit.googleapis.com%2Factivity",
                    "resource": {"type": "cloud_run_revision", "labels": {"service_name": "catalog"}},
                    "protoPayload": {"methodName": "google.cloud.run.v1.Services.ReplaceService", "status": {},
                                     "resourceName": "namespaces/shop/services/catalog",
                                     "authenticationInfo": {"principalEmail": "deployer@example.com"}}})
    # the coupon store's rows are contended: its own retries first, then its own deadline errors
    entries += _lines("coupons", range(12, 40), range(1, 60, 2), "WARN retrying aborted transaction (attempt {n}): Transaction "
                      "was aborted, lock contention on coupon row", "WARNING")
    entries += _lines("coupons", range(12, 40), range(30, 60, 3), "redeem failed: DEADLINE_EXCEEDED: deadline exceeded after 10s",
                      "ERROR", "stderr")
    entries += _lines("cart", range(12, 40), range(44, 60, 1), "apply coupon failed: upstream request timeout after 10s",
                      "ERROR", "stderr")
    return entries


def test_a_callees_own_pressure_outranks_its_callers_despite_an_unrelated_deploy(tmp_path):
    """The callers time out on the coupon store; the store's own lock-retry warnings began first.
    A deploy of another service four minutes before is named by none of the waits: it is no
    callee, so the store's warnings, not the deploy and not the louder timeouts, come first."""
    report, by_id = _report(_contention_export(), _dir(tmp_path, "contention"))
    top = by_id[report.root_cause.cluster_ids[0]]
    assert "retrying aborted transaction" in top.template, top.template
    for c in report.candidates:
        if "catalog" in by_id[c.cluster_id].services:
            continue
        assert "waits on catalog" not in c.reason, c.reason
