"""A VM's syslog (the Ops Agent's `syslog` receiver, journald) ships every process of the host in
one stream with no service label: each line is filed under the program its prefix names (syslog's
TAG, without the pid), not under the stream, by every engine; the instance stays the VM."""

from __future__ import annotations

from pathlib import Path

import pytest

from rca.models import ReadStats
from rca.pipeline import build_report
from rca.sources.reader import read_records
from test_bigquery import _both_ways
from test_quiet_culprits import _lines, _mined, _ts
from test_sources_tracebacks import write_entries

VM = "db-vm-3"


def _vm_line(minute: int, second: float, text: str, rfc5424: bool = False) -> dict:
    """One syslog line as the Ops Agent ships it from a VM: no severity, the `syslog` stream."""
    if rfc5424:  # <PRI>1 time host app-name procid msgid structured-data msg
        tag, _, msg = text.partition(": ")
        prog, _, pid = tag.rstrip("]").partition("[")
        payload = f"<30>1 {_ts(minute, second)} {VM} {prog} {pid or '-'} - - {msg}"
    else:
        payload = f"Mar  2 10:{minute:02d}:{int(second):02d} {VM} {text}"
    return {"timestamp": _ts(minute, second), "logName": "projects/p/logs/syslog", "textPayload": payload,
            "labels": {"compute.googleapis.com/resource_name": VM},
            "resource": {"type": "gce_instance", "labels": {"instance_id": "5512000000000000007"}}}


def _vm_export(rfc5424: bool = False) -> list[dict]:
    entries = [_vm_line(m, 1.0, f"kernel: [{900 + m}.5] eth0: link up, 10000 Mbps full duplex", rfc5424) for m in range(20)]
    entries += [_vm_line(m, 2.0, f"quorumd[811]: applied raft entry {m * 7} in 3 ms", rfc5424) for m in range(20)]
    entries += [_vm_line(m, 3.0, f"ledger-app[2207]: served batch {m} to 4 clients", rfc5424) for m in range(20)]
    return entries


@pytest.mark.parametrize("rfc5424", [False, True])
def test_a_vms_syslog_is_filed_by_program_in_both_engines(tmp_path: Path, rfc5424: bool) -> None:
    for engine, mining in _mined(_vm_export(rfc5424), tmp_path).items():
        services = sorted({s for c in mining.clusters for s in c.services})
        assert services == ["kernel", "ledger-app", "quorumd"], (engine, services)
    records = list(read_records(write_entries(tmp_path, _vm_export(rfc5424))))
    assert {r.instance for r in records} == {VM}  # the instance stays the VM


def test_a_vms_syslog_is_filed_by_program_through_bigquery(tmp_path: Path) -> None:
    via_bq, via_file = _both_ways(_vm_export(), tmp_path)
    for mining in (via_bq, via_file):
        assert sorted({s for c in mining.clusters for s in c.services}) == ["kernel", "ledger-app", "quorumd"]


def test_a_line_with_a_service_of_its_own_keeps_it(tmp_path: Path) -> None:
    """A container printing a syslog-looking line is still its workload's line."""
    entries = _lines("relay", range(10), range(0, 60, 20), "Mar  2 10:00:00 relay-host postfix[9]: queued mail {n}")
    for engine, mining in _mined(entries, tmp_path).items():
        assert {s for c in mining.clusters for s in c.services} == {"relay"}, engine


@pytest.mark.parametrize("engine", ["python", "duckdb"])
def test_the_failing_program_on_a_vm_is_the_cause_the_report_names(tmp_path: Path, engine: str) -> None:
    """The consensus store on the VM starts failing its disk syncs; the app on the same VM times out
    on it a minute later. Both only ever wrote to the VM's syslog: the report names the store."""
    entries = _vm_export()
    entries += [_vm_line(m, s, f"quorumd[811]: ERROR fsync of wal segment {m * 60 + s} took 2400 ms, exceeding 1000 ms; "
                               "leader heartbeat missed") for m in range(10, 20) for s in (10, 25, 40)]
    entries += [_vm_line(m, s, f"ledger-app[2207]: ERROR request {m * 60 + s} failed: deadline exceeded waiting for quorum")
                for m in range(11, 20) for s in (12, 30, 50)]
    stats = ReadStats()
    report = build_report(read_records(write_entries(tmp_path, entries), stats=stats, engine=engine), stats)
    by_id = {c.id: c for c in report.clusters}
    top = by_id[report.root_cause.cluster_ids[0]]
    assert top.services == ["quorumd"], (top.template, top.services)
    assert "quorumd" in report.root_cause.statement, report.root_cause.statement
