"""Operator and administrative actions logged in ordinary logs (not an audit log) as change events:
a command run through sudo, a script's shell trace, an admin tool's echo of its arguments, a
server acknowledging an operator's request, a job starting with its parameters. Words alone cannot
tell an act from a routine; the timeline can: the same line every few minutes all window long is
no change. Invented logs, read as a user would (`rca generate`), by both engines."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from rca.analysis.changes import one_off, reads_only
from rca.analysis.culprit import action_names, change_category
from rca.models import ClusterStats, ReadStats
from rca.pipeline import build_report
from rca.sources.reader import read_records

T0 = datetime(2026, 3, 1, 10, 0, tzinfo=timezone.utc)


def _at(seconds: float) -> str:
    return (T0 + timedelta(seconds=seconds)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _requests(fail_from: float | None) -> list[dict]:
    """A load balancer's requests to the cart backend, ten a minute for an hour; from `fail_from`
    seconds on six in ten fail with 503 and no service logs why."""
    out = []
    for m in range(60):
        for k in range(10):
            t = m * 60 + k * 6
            fail = fail_from is not None and t >= fail_from and k < 6
            out.append({"timestamp": _at(t), "logName": "projects/shop/logs/requests", "severity": "WARNING" if fail else "INFO",
                        "resource": {"type": "http_load_balancer", "labels": {"backend_service_name": "cart-backend"}},
                        "httpRequest": {"requestMethod": "GET", "requestUrl": f"https://shop.example.com/cart/{k}",
                                        "status": 503 if fail else 200, "latency": "0.080s"}})
    return out


def _syslog(seconds: float, host: str, program: str, text: str) -> dict:
    stamp = (T0 + timedelta(seconds=seconds)).strftime("%b %d %H:%M:%S").replace(" 0", "  ", 1)
    return {"timestamp": _at(seconds), "logName": "projects/shop/logs/syslog",
            "resource": {"type": "gce_instance", "labels": {"instance_id": "4411", "zone": "europe-west1-b"}},
            "textPayload": f"{stamp} {host} {program}: {text}"}


SUDO = "   alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/usr/local/bin/cartctl drain cart-pool-2"


def _report(entries: list[dict], path: Path, engine: str = "python"):
    path.write_text(json.dumps(entries))
    stats = ReadStats()
    report = build_report(read_records(str(path), stats=stats, engine=engine), stats)
    return report, {c.id: c for c in report.clusters}


def _background() -> list[dict]:
    """A host's routine: a cron job every five minutes and an ssh session now and then."""
    out = [_syslog(m * 60 + 1, "web-3", f"CRON[{4000 + m}]", "(root) CMD (/usr/lib/sysstat/sa1 1 1)") for m in range(0, 60, 5)]
    out += [_syslog(m * 60 + 20, "web-3", "systemd[1]", f"Started session-{m}.scope - Session {m} of User deploy.")
            for m in range(3, 60, 11)]
    return out


@pytest.mark.parametrize("engine", ["python", "duckdb"])
def test_a_command_run_just_before_the_failures_is_the_change_that_explains_them(tmp_path, engine):
    """An operator drains a pool through sudo at 10:29:40; requests fail from 10:30 and nothing
    errs before them. The report names the command as the likely cause, not 'no log line singles
    out a cause'."""
    entries = _requests(30 * 60) + _background() + [_syslog(29 * 60 + 40, "web-3", "sudo", SUDO)]
    report, by_id = _report(entries, tmp_path / "drain.json", engine)
    assert report.root_cause is not None and report.root_cause.cluster_ids
    top = by_id[report.root_cause.cluster_ids[0]]
    assert "COMMAND=" in top.samples[0] and "drain cart-pool-2" in top.samples[0]
    assert "likely cause" in report.root_cause.statement and report.root_cause.category == "configuration"
    assert any(c.role == "change" and c.cluster_id == top.id for c in report.candidates)


def test_without_the_command_no_line_is_blamed(tmp_path):
    report, _ = _report(_requests(30 * 60) + _background(), tmp_path / "nodrain.json")
    assert report.root_cause is not None and report.root_cause.cluster_ids == []
    assert "No log line in this window singles out a cause" in report.root_cause.statement


def test_the_same_command_run_all_window_long_is_a_routine_not_a_change(tmp_path):
    """The same sudo command every four minutes from the window's start to its end is a routine
    (a health check, a cron job): it is no change event and does not explain the failures."""
    runs = [_syslog(m * 60 + 40, "web-3", "sudo", SUDO) for m in range(1, 60, 4)]
    report, by_id = _report(_requests(30 * 60) + _background() + runs, tmp_path / "routine.json")
    assert not any(c.role == "change" for c in report.candidates)
    assert report.root_cause is not None and report.root_cause.cluster_ids == []


@pytest.mark.parametrize("line", [
    "Oct 14 18:11:59 web-1 deploy-hook[2411]: + sudo -u www-data shopctl cache flush --all",
    "Control utility [ver. 3.1.0] ... Command [TOPOLOGY] started; Arguments: --topology remove node-7 --yes",
    "INFO  [RMI TCP Connection(12)-127.0.0.1] Replicator.java:88 - Stopping replication by operator request",
    "INFO [Coordinator] Received partition map change request: removed members=[node-7]",
    "2026-04-02T09:32:06Z [INFO] agent: Deregistered service: service=cart-7f3a1",
    "Successfully updated replicas of deployment/cart to 0",
    "Read-only mode enabled",
    "starting backfill: UPDATE carts SET currency_v2 = upper(currency) (batch=5000, sleep=0ms)",
    "retention-purge: deleting events older than 30d in 12 partitions (batch=500)",
    "Packages that will be upgraded: libc6 openssl",
    "Set replication_factor=1 for keyspace orders",
    "Failover initiated by operator: primary moved to db-2",
    "2026-03-01 10:29:30.000 UTC [811]: db=shop,user=admin LOG:  statement: REVOKE SELECT ON carts FROM shop_ro;",
    "2026-03-01 10:29:30.000 UTC [811]: db=shop,user=admin LOG:  statement: ALTER SYSTEM SET max_connections = 20;",
    # a tool's key=value record with the command it ran as a field, or as JSON
    'netops-agent[311]: run=42 action=apply cmd="sysctl -w net.core.somaxconn=64" duration=10m',
    "mon.a log [INF] : from='client.admin' cmd=[{\"prefix\": \"pool set\", \"var\": \"size\", \"val\": \"1\"}]: dispatch",
    # a config reloader stating what it changed, old -> new
    'level=info caller=reloader.go:88 msg="config file changed" file=/etc/proxy/proxy.ini diff="max_conns = 100 -> 10"',
    "reloaded config: worker_timeout changed from 30s to 2s",
])
def test_action_lines_of_every_shape_become_change_events(tmp_path, line):
    """Each shape, logged once a minute before the failures, is a change candidate."""
    assert _changes_with(line, tmp_path) == [line]


def _changes_with(line: str, tmp_path: Path) -> list[str]:
    """The change candidates' lines when `line` is logged once, 30 s before requests fail."""
    entry = {"timestamp": _at(29 * 60 + 30), "severity": "INFO", "logName": "projects/shop/logs/ops",
             "resource": {"type": "gce_instance", "labels": {"instance_id": "4412", "zone": "europe-west1-b"}},
             "textPayload": line}
    report, by_id = _report(_requests(30 * 60) + _background() + [entry], tmp_path / "action.json")
    return [by_id[c.cluster_id].samples[0] for c in report.candidates if c.role == "change"]


@pytest.mark.parametrize("line", [
    "GET /healthz 200 OK",
    "worker started with 8 threads",
    "processed 512 events in batch 77",
    "user alice logged in from 10.0.0.4",
    "2026-03-01 10:29:30.000 UTC [811]: db=shop,user=app LOG:  statement: SELECT * FROM carts WHERE id = 7",
    "2026-03-01 10:29:30.000 UTC [811]: db=shop,user=rates_sync LOG:  statement: TRUNCATE staging_rates",  # a job's reload step
    # key=value records that are no act: a request's controller action, a value's route, a client's call
    "method=POST path=/inbox controller=InboxController action=create status=202 duration=53.1",
    "quote computed lane=DE -> FR service=express cache=hit",
    "slow cache call cmd=GET duration_ms=612",
    "GC in 612ms. Eden Space: 2604474785 -> 0; Old Gen: 4335341409 -> 5122649542;",  # a diff of no setting
])
def test_ordinary_lines_are_not_actions(tmp_path, line):
    assert _changes_with(line, tmp_path) == []


def _cluster(minutes: list[int], first_second: int = 10) -> ClusterStats:
    first = T0 + timedelta(minutes=minutes[0], seconds=first_second)
    last = T0 + timedelta(minutes=minutes[-1], seconds=first_second)
    return ClusterStats(id="c1", template="x", count=len(minutes), severity="INFO", by_severity={"INFO": len(minutes)},
                        services=["ops"], first_seen=first, last_seen=last,
                        timeline={int(T0.timestamp() // 60) + m: 1 for m in minutes})


@pytest.mark.parametrize("minutes,expected", [
    ([29], True),  # once
    ([29, 29, 30], True),  # a burst
    ([7, 19, 23, 29], True),  # rolled over hosts, then done long before the window ends
    ([3, 13, 23, 33, 43, 53], False),  # every ten minutes, the window long
    ([0], False),  # in the window's first minute: it may have run before
    ([2, 5, 8, 11, 14, 17, 20, 23], False),  # too many minutes for one act
])
def test_one_off_is_read_from_the_timeline(minutes, expected):
    start, end = T0.timestamp(), T0.timestamp() + 3600 - 1
    assert one_off(_cluster(minutes, first_second=0 if minutes == [0] else 10), start, end) is expected


def test_the_same_command_record_every_few_minutes_is_a_routine(tmp_path):
    """A tool that logs the command it runs as a field every four minutes, the window long, runs a
    routine: no change event, nothing blamed."""
    line = 'netops-agent[311]: action=apply cmd="iptables -I INPUT -p tcp --dport 6379 -j DROP" duration=1s'
    runs = [_syslog(m * 60 + 40, "web-3", "netops-agent[311]", line.split(": ", 1)[1]) for m in range(1, 60, 4)]
    report, _ = _report(_requests(30 * 60) + _background() + runs, tmp_path / "routine-cmd.json")
    assert not any(c.role == "change" for c in report.candidates)
    assert report.root_cause is not None and report.root_cause.cluster_ids == []


def test_a_reloaders_diff_leads_the_bare_config_object_update_it_follows(tmp_path):
    """A config map is updated at 10:29:30 and the proxy's reloader logs six seconds later what
    changed in it (max_conns = 100 -> 10); requests fail from 10:30. Both are one act; the line
    that says what changed leads the root cause, the bare update is still a change candidate."""
    update = {"timestamp": _at(29 * 60 + 30), "severity": "NOTICE", "logName": "projects/shop/logs/cloudaudit.googleapis.com%2Factivity",
              "resource": {"type": "k8s_cluster", "labels": {"cluster_name": "prod"}},
              "protoPayload": {"methodName": "io.k8s.core.v1.configmaps.update", "resourceName": "core/v1/namespaces/shop/configmaps/proxy-config",
                               "status": {}, "authenticationInfo": {"principalEmail": "ops@shop.example.com"}}}
    reload = {"timestamp": _at(29 * 60 + 36), "severity": "INFO", "logName": "projects/shop/logs/stdout",
              "resource": {"type": "k8s_container", "labels": {"container_name": "proxy", "namespace_name": "shop", "pod_name": "proxy-7d9f-x2"}},
              "textPayload": 'level=info caller=reloader.go:88 msg="config file changed" file=/etc/proxy/proxy.ini diff="max_conns = 100 -> 10"'}
    report, by_id = _report(_requests(30 * 60) + _background() + [update, reload], tmp_path / "diff.json")
    assert report.root_cause is not None and report.root_cause.cluster_ids
    assert "max_conns = 100 -> 10" in by_id[report.root_cause.cluster_ids[0]].samples[0]
    changes = [by_id[c.cluster_id].samples[0] for c in report.candidates if c.role == "change"]
    assert any("configmaps.update" in s for s in changes)


def _config_update(seconds: float, name: str) -> dict:
    return {"timestamp": _at(seconds), "severity": "NOTICE", "logName": "projects/shop/logs/cloudaudit.googleapis.com%2Factivity",
            "resource": {"type": "k8s_cluster", "labels": {"cluster_name": "prod"}},
            "protoPayload": {"methodName": "io.k8s.core.v1.configmaps.update", "resourceName": f"core/v1/namespaces/shop/configmaps/{name}",
                             "status": {}, "authenticationInfo": {"principalEmail": "ops@shop.example.com"}}}


def _proxy(seconds: float, text: str) -> dict:
    return {"timestamp": _at(seconds), "severity": "INFO", "logName": "projects/shop/logs/stdout", "textPayload": text,
            "resource": {"type": "k8s_container", "labels": {"container_name": "proxy", "namespace_name": "shop", "pod_name": "proxy-7d9f-x2"}}}


def test_a_program_taking_up_a_changed_config_object_leads_its_act(tmp_path):
    """Config map 'proxy-rate-limits' is updated at 10:29:30; ten seconds later the proxy logs that it
    reloaded its rate limits; requests fail from 10:30. The proxy's line says where the change took
    effect: it leads the root cause, the update is still a change candidate."""
    entries = _requests(30 * 60) + _background() + [_config_update(29 * 60 + 30, "proxy-rate-limits"),
                                                     _proxy(29 * 60 + 40, "Reloaded rate limits")]
    report, by_id = _report(entries, tmp_path / "takeup.json")
    assert report.root_cause is not None and report.root_cause.cluster_ids
    assert by_id[report.root_cause.cluster_ids[0]].template == "Reloaded rate limits"
    assert any("configmaps.update" in by_id[c.cluster_id].samples[0] for c in report.candidates if c.role == "change")


@pytest.mark.parametrize("line,every", [
    ("Reloaded rate limits", 5),  # the proxy reloads every five minutes: a routine, no step of the update
    ("Reloaded plugins", None),  # once, but of something the update's name does not name
])
def test_a_reload_line_that_is_no_step_of_the_update_does_not_lead(tmp_path, line, every):
    times = range(2 * 60 + 40, 60 * 60, every * 60) if every else [29 * 60 + 40]
    entries = _requests(30 * 60) + _background() + [_config_update(29 * 60 + 30, "proxy-rate-limits")] + [_proxy(t, line) for t in times]
    report, by_id = _report(entries, tmp_path / "noreload.json")
    assert report.root_cause is not None and report.root_cause.cluster_ids
    assert "configmaps.update" in by_id[report.root_cause.cluster_ids[0]].samples[0]


def test_an_action_names_what_it_acted_on():
    assert action_names('agent: action=apply cmd="ethtool -K eth1 gro off"') >= {"eth1"}
    assert action_names("COMMAND=/usr/local/bin/cartctl drain cart-pool-2") == {"cart-pool-2", "cart-pool"}
    assert {"node-7"} <= action_names("Command [TOPOLOGY] started; Arguments: --topology remove node-7 --yes")
    assert "cart" in action_names("agent: Deregistered service: service=cart-7f3a1")
    assert action_names("+ shopctl cache flush --all") == set()  # words, not names


@pytest.mark.parametrize("line,reads", [
    ("COMMAND=/usr/bin/ls -l /var/lib/postgresql", True),
    ("COMMAND=/usr/bin/journalctl -u cart --since today", True),
    ("+ sudo -u www-data shopctl status --all", True),
    ("COMMAND=/usr/bin/kubectl get pods -n shop", True),
    ("COMMAND=/usr/bin/rm -rf /srv/cart/data", False),
    ("+ sudo -u www-data shopctl cache flush --all", False),
    ("COMMAND=/opt/queue/bin/brokerctl pause-consumers", False),
    ('agent: cmd="journalctl -u cart --since today"', True),
    ("audit: cmd=[{\"prefix\": \"status\", \"format\": \"json\"}]: dispatch", True),
    ('agent: cmd="iptables -A OUTPUT -p tcp --dport 5432 -j DROP"', False),
])
def test_a_command_that_only_reads_is_no_change(line, reads):
    assert reads_only(line) is reads


def test_an_operator_looking_around_before_the_failures_is_not_blamed(tmp_path):
    """An operator lists a directory through sudo a minute before requests fail: a read changes
    nothing, so no line is blamed."""
    look = "   alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/usr/bin/ls -l /srv/cart"
    report, _ = _report(_requests(30 * 60) + _background() + [_syslog(29 * 60 + 10, "web-3", "sudo", look)], tmp_path / "ls.json")
    assert not any(c.role == "change" for c in report.candidates)
    assert report.root_cause is not None and report.root_cause.cluster_ids == []


def _app(seconds: float, text: str, severity: str = "ERROR") -> dict:
    return {"timestamp": _at(seconds), "severity": severity, "textPayload": text,
            "logName": "projects/shop/logs/run.googleapis.com%2Fstderr",
            "resource": {"type": "cloud_run_revision", "labels": {"service_name": "checkout", "revision_name": "checkout-00042-abc"}}}


def test_a_command_the_failures_name_leads_the_report_without_naming_sudo_as_what_changed(tmp_path):
    """The failures from 10:30 name the pool the operator drained at 10:29:40: the command leads
    the root cause; what changed is the command's, not 'sudo', the program that logged it."""
    fails = [_app(t, f"checkout failed: pool cart-pool-2 has no backend (order {t})") for t in range(30 * 60 + 5, 60 * 60, 7)]
    report, by_id = _report(_requests(30 * 60) + _background() + fails + [_syslog(29 * 60 + 40, "web-3", "sudo", SUDO)],
                            tmp_path / "named.json")
    top = by_id[report.root_cause.cluster_ids[0]]
    assert "COMMAND=" in top.samples[0]
    assert "cart-pool-2" in report.root_cause.statement and "`sudo`" not in report.root_cause.statement


@pytest.mark.parametrize("line,expected", [
    # a proxy's setting changed, then its database errs: the database fails for that configuration
    ('level=info msg="config file changed" file=/etc/pool/pool.ini diff="cache_mode = write-back -> write-through"', "configuration"),
    ("COMMAND=/usr/local/bin/shopctl set cache.ttl=0", "configuration"),
])
def test_a_datastore_failing_right_after_a_configuration_change_fails_for_that_configuration(line, expected):
    change = ClusterStats(id="c1", template=line, count=1, severity="INFO", by_severity={"INFO": 1}, services=["ops"], samples=[line],
                          first_seen=T0, last_seen=T0)
    assert change_category(change, "database") == expected
    assert change_category(change, "capacity") == "capacity"  # a failure of its own kind keeps it
