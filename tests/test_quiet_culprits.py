"""Culprits that say little: a unit killed by a signal (only systemd tells, in the syslog stream),
GC pauses that build up on a callee before its callers time out, OOM kills that start minutes
before the callers' loud failures. Invented exports, read as a user would (`rca generate`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from rca.models import ReadStats
from rca.pipeline import build_report
from rca.sources.reader import read_records
from test_sources_tracebacks import write_entries


def _report(entries: list[dict], tmp_path: Path, engine: str = "python"):
    stats = ReadStats()
    report = build_report(read_records(write_entries(tmp_path, entries), stats=stats, engine=engine), stats)
    by_id = {c.id: c for c in report.clusters}
    return report, by_id


def _mined(entries: list[dict], tmp_path: Path) -> dict:
    """The clusters each engine mines from these entries: engine -> MiningResult."""
    from rca.pipeline import mine_and_tally

    path = write_entries(tmp_path, entries)
    out = {}
    for engine in ("python", "duckdb"):
        stats = ReadStats()
        out[engine], _ = mine_and_tally(read_records(path, stats=stats, engine=engine), stats)
    return out


def _ts(minute: int, second: float) -> str:
    return f"2026-03-02T10:{minute:02d}:{second:06.3f}Z"


def _k8s(app: str, minute: int, second: float, text: str, severity: str = "INFO", stream: str = "stdout") -> dict:
    return {"timestamp": _ts(minute, second), "severity": severity, "textPayload": text,
            "logName": f"projects/p/logs/{stream}", "labels": {"k8s-pod/app": app},
            "resource": {"type": "k8s_container", "labels": {"container_name": app, "pod_name": f"{app}-7d9f8c6b5-x2k4q"}}}


def _lines(app: str, minutes: range, seconds: range, text: str, severity: str = "INFO", stream: str = "stdout") -> list[dict]:
    """A stream of `app`'s lines at these seconds of these minutes; `{n}` in the text counts up."""
    return [_k8s(app, m, s, text.format(n=m * 60 + int(s)), severity, stream) for m in minutes for s in seconds]


def _syslog(host: str, minute: int, second: float, text: str) -> dict:
    """A line of a VM's syslog as the Ops Agent ships it: no severity, the `syslog` stream, the
    VM's instance id as its only resource label."""
    return {"timestamp": _ts(minute, second), "logName": "projects/p/logs/syslog",
            "textPayload": f"Mar  2 10:{minute:02d}:{int(second):02d} {host} {text}",
            "labels": {"compute.googleapis.com/resource_name": host},
            "resource": {"type": "gce_instance", "labels": {"instance_id": "4417000000000000001"}}}


def _killed_unit_export() -> list[dict]:
    entries = [_syslog("store-w-1", m, 1.0, f"CRON[{4000 + m}]: (root) CMD (run-parts /etc/cron.hourly)") for m in range(30)]
    entries += _lines("ingest", range(30), range(0, 60, 12), "uploaded chunk {n} in 12 ms")
    entries += _lines("acme-blob-namenode", range(30), range(30, 31), "heartbeat from 3 storenodes, {n} blocks pending")
    failing = range(12, 30)
    entries += _lines("ingest", failing, range(8, 60, 6), "chunk upload failed: java.net.ConnectException: Connection refused",
                      "ERROR", "stderr")
    entries += _lines("ingest", failing, range(9, 60, 6), "WARN retrying chunk {n} on another replica", "WARNING")
    # the callers name the dead process by what it does, not by its unit's whole name
    entries += _lines("exporter", failing, range(10, 60, 6), "DataWriter: excluding storenode 10.0.0.7:7000 from the write "
                      "pipeline: java.io.IOException: Broken chain", "ERROR", "stderr")
    entries.append(_syslog("store-w-1", 12, 5.0, "systemd[1]: acme-blob-storenode.service: Main process exited, code=killed, status=9/KILL"))
    entries.append(_syslog("store-w-1", 12, 5.0, "systemd[1]: acme-blob-storenode.service: Failed with result 'signal'."))
    return entries


@pytest.mark.parametrize("engine", ["python", "duckdb"])
def test_a_unit_killed_by_a_signal_is_named_by_its_unit_and_is_the_cause(tmp_path, engine):
    """The store's process is SIGKILLed; it writes nothing, only systemd logs the kill, in the
    VM's syslog stream. The report files that line under the unit (not under 'syslog') and names
    the kill as the cause; the callers' refused connections, louder and later, rank below it."""
    report, by_id = _report(_killed_unit_export(), tmp_path, engine)
    top = by_id[report.root_cause.cluster_ids[0]]
    assert "code=killed" in top.template or "result 'signal'" in top.template, top.template
    assert top.services == ["acme-blob-storenode"]
    for words in ("Connection refused", "excluding storenode"):
        caller = next(c for c in report.clusters if words in c.template)
        assert caller.id not in report.root_cause.cluster_ids
        assert caller.count > 100 and top.count == 1


def test_a_unit_line_of_systemd_is_filed_under_the_unit_even_when_nothing_fails(tmp_path):
    """Any systemd line about a unit ('x.service: Succeeded.') is about that unit, by both engines;
    other lines are filed under the program that wrote them (rca: tests/test_syslog_programs.py)."""
    entries = [_syslog("vm-1", m, 2.0, "CRON[17]: (root) CMD (true)") for m in range(10)]
    entries.append(_syslog("vm-1", 4, 3.0, "systemd[1]: apt-daily.service: Succeeded."))
    for engine, mining in _mined(entries, tmp_path).items():
        services = {c.template: c.services for c in mining.clusters}
        assert [svcs for t, svcs in services.items() if "Succeeded" in t] == [["apt-daily"]], (engine, services)
        assert [svcs for t, svcs in services.items() if "CMD" in t] == [["CRON"]], (engine, services)


def _gc_export() -> list[dict]:
    entries = _lines("pricing", range(40), range(0, 60, 10), "[gc] GC({n}) Pause Young (Normal) (G1 Evacuation Pause) "
                     "120M->41M(256M) 3.104ms")
    entries += _lines("storefront", range(40), range(3, 60, 10), "GET /product/{n} 200 in 41 ms")
    # the heap fills from 10:10:30: full collections, in bursts as the process restarts
    full = "[gc] GC({n}) Pause Full (G1 Compaction Pause) 254M->251M(256M) 812.402ms"
    entries += _lines("pricing", range(10, 11), range(30, 60, 5), full)
    entries += _lines("pricing", range(11, 40), range(1, 60, 5), full)[:-12 * 2]  # it stops a little before the end
    # the callers' errors: louder, and later
    entries += _lines("storefront", range(12, 40), range(1, 60, 2), "Error while rendering price: java.net.SocketTimeoutException: "
                      "Read timed out", "ERROR", "stderr")
    return entries


def test_gc_pauses_building_up_on_a_callee_rank_above_its_callers_timeouts(tmp_path):
    """The callee logs only its GC, at INFO: full collections start a minute and a half before its
    callers time out and keep coming in bursts. The report blames the pauses (resource pressure),
    and the callers' timeouts, thirty times louder, wait on it."""
    report, by_id = _report(_gc_export(), tmp_path)
    top = by_id[report.root_cause.cluster_ids[0]]
    assert "Pause Full" in top.template and top.services == ["pricing"]
    assert report.root_cause.category == "resource-exhaustion"
    timeouts = next(c for c in report.candidates if "SocketTimeoutException" in by_id[c.cluster_id].template)
    assert "pricing" in timeouts.reason


def _oom_export(kills_from: int | None) -> list[dict]:
    entries = _lines("thumbs", range(40), range(0, 60, 10), "resized image {n} in 80 ms")
    entries += _lines("gallery", range(40), range(5, 60, 10), "GET /album/{n} 200 in 90 ms")
    for m in range(kills_from if kills_from is not None else 40, 40, 2):
        entries.append({"timestamp": _ts(m, 27.0), "severity": "WARNING", "logName": "projects/p/logs/events",
                        "jsonPayload": {"reason": "OOMKilling", "message": f"Memory cgroup out of memory: Killed process "
                                        f"{3000 + m} (thumbd) total-vm:2723947kB, anon-rss:1044612kB"},
                        "resource": {"type": "k8s_node", "labels": {"node_name": "pool-a-3kq1"}}})
    # a replica too few: the callers' refusals surge much later
    entries += _lines("gallery", range(24, 40), range(1, 60, 3), "thumbnail proxy: dial tcp 10.4.0.9:8080: connect: connection refused",
                      "ERROR", "stderr")
    return entries


def test_oom_kills_that_start_minutes_before_the_callers_fail_are_the_cause(tmp_path):
    """The kernel kills the callee's process every two minutes from minute 14; its callers' refused
    connections surge only ten minutes later. The kills run on through the surge at their rate, so
    they are the failure building up, not background: the report names the OOM kills first and
    says the refusals come while a process is dying."""
    report, by_id = _report(_oom_export(14), tmp_path)
    top = by_id[report.root_cause.cluster_ids[0]]
    assert "out of memory" in top.template
    refused = next(c for c in report.candidates if "connection refused" in by_id[c.cluster_id].template)
    assert "dying" in refused.reason
    # with no kills, the refusals are the finding
    plain, plain_ids = _report(_oom_export(None), tmp_path)
    assert "connection refused" in plain_ids[plain.root_cause.cluster_ids[0]].template


def _injected_export(method: str) -> list[dict]:
    """A search backend gets slow under an injected CPU hog: its ingest clients are refused with
    429 (a rate-limit failure, loud), a minute and a half after a Kubernetes object was created (not
    so close that the timing alone singles the change out: rca.analysis.ranking.CHANGE_LEAD_S)."""
    entries = _lines("indexer", range(30), range(0, 60, 10), "indexed batch {n} in 35 ms")
    entries += _lines("shipper", range(11, 30), range(2, 60, 4), "bulk request rejected: HTTP 429 Too Many Requests (retrying)",
                      "ERROR", "stderr")
    entries.append({"timestamp": _ts(9, 30.0), "severity": "NOTICE",
                    "logName": "projects/p/logs/cloudaudit.googleapis.com%2Factivity",
                    "resource": {"type": "k8s_cluster", "labels": {"cluster_name": "search"}},
                    "protoPayload": {"methodName": method, "status": {},
                                     "resourceName": f"{method.rsplit('.', 2)[0]}/namespaces/search/{method.split('.')[-2]}/hog-indexer-2",
                                     "authenticationInfo": {"principalEmail": "system:serviceaccount:drills:runner"}}})
    return entries


def test_a_fault_injected_on_purpose_explains_the_failure_that_follows_whatever_its_kind(tmp_path):
    """A chaos experiment created a minute and a half before the onset is the cause of the failures
    that follow, whichever failure signature they match (here a rate limit, which an ordinary
    configuration change does not explain). An ordinary object created at the same time is not,
    nor an experiment deleted."""
    report, by_id = _report(_injected_export("io.example-chaos.v1.cpuchaos.create"), tmp_path)
    top = by_id[report.root_cause.cluster_ids[0]]
    assert "cpuchaos.create" in top.template
    for method in ("io.example.v1.widgets.create", "io.example-chaos.v1.cpuchaos.delete"):  # ending an experiment injects nothing
        plain, plain_ids = _report(_injected_export(method), tmp_path)
        assert "Too Many Requests" in plain_ids[plain.root_cause.cluster_ids[0]].template, method


def test_a_json_payloads_own_level_wins_over_its_streams_default(tmp_path):
    """GKE lifts only a payload's `severity` key: a JSON line with `level: error` (or ECS's
    `log.level`, pino's 50) printed to stdout arrives as INFO, and an info line on stderr as ERROR.
    The payload's own level is the line's, by both engines; an entry's level set on purpose (not
    its stream's default) stays."""
    def line(i: int, payload: dict, severity: str, stream: str) -> dict:
        return {"timestamp": _ts(1, i * 0.5), "severity": severity, "jsonPayload": payload,
                "logName": f"projects/p/logs/{stream}", "labels": {"k8s-pod/app": "api"},
                "resource": {"type": "k8s_container", "labels": {"container_name": "api", "pod_name": "api-7d9f8c6b5-x2k4q"}}}
    entries = []
    for i in range(5):
        entries.append(line(i, {"message": "charge failed: card processor unreachable", "level": "error"}, "INFO", "stdout"))
        entries.append(line(i, {"message": "cache warm, serving", "log.level": "INFO"}, "ERROR", "stderr"))
        entries.append(line(i, {"msg": "retry budget low", "level": 40}, "INFO", "stdout"))
        entries.append(line(i, {"message": "audit trail written", "level": "debug"}, "NOTICE", "stdout"))
    for engine, mining in _mined(entries, tmp_path).items():
        levels = {c.template: c.severity for c in mining.clusters}
        assert levels == {"charge failed: card processor unreachable": "ERROR", "cache warm, serving": "INFO",
                          "retry budget low": "WARNING", "audit trail written": "NOTICE"}, (engine, levels)


def test_a_go_server_closed_by_its_own_shutdown_during_a_rollout_is_a_planned_stop(tmp_path):
    """During a rollout each old pod's Go server returns 'http: Server closed' (logged at level
    error) once the program shut it down: a stop the rollout planned, not the incident's cause."""
    entries = _lines("quotes", range(30), range(0, 60, 10), "GET /quote/{n} 200 in 14 ms")
    entries.append({"timestamp": _ts(12, 1.0), "severity": "NOTICE", "logName": "projects/p/logs/cloudaudit.googleapis.com%2Factivity",
                    "resource": {"type": "k8s_cluster", "labels": {"cluster_name": "c1"}},
                    "protoPayload": {"methodName": "io.k8s.apps.v1.deployments.patch", "status": {},
                                     "resourceName": "apps/v1/namespaces/shop/deployments/quotes",
                                     "authenticationInfo": {"principalEmail": "deployer@example.com"}}})
    for i in range(4):
        entries.append({**_k8s("quotes", 12, 20.0 + i * 9, "", "ERROR", "stderr"), "textPayload": None,
                        "jsonPayload": {"level": "error", "msg": "http: Server closed", "caller": "main.go:88"}})
        entries[-1].pop("textPayload")
    entries.append(_k8s("quotes", 12, 50.0, "pricing table reload took 2.1 s", "WARNING"))
    report, by_id = _report(entries, tmp_path)
    assert report.root_cause is None or "Server closed" not in by_id[report.root_cause.cluster_ids[0]].template
    closed = next(c for c in report.clusters if "Server closed" in c.template)
    assert closed.role != "cause" and closed.severity == "ERROR"
