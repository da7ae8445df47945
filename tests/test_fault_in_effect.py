"""A fault injected on purpose (a chaos experiment, a proxy's toxic, a game day's step) and still in
effect when the failures began explains them, whatever they say: the tool's own line leads. Not when
the tool took the fault out before the failures began, nor when the failures outlast its removal,
nor for a host or an account merely named after a chaos lab. Invented logs, read as a user would
(`rca generate`)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

from rca.analysis.culprit import names_fault
from rca.models import ReadStats
from rca.pipeline import build_report
from rca.sources.reader import read_records

T0 = datetime(2026, 4, 2, 9, 0, tzinfo=timezone.utc)


def _at(seconds: float) -> str:
    return (T0 + timedelta(seconds=seconds)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _pod(seconds: float, app: str, text: str, severity: str = "INFO") -> dict:
    return {"timestamp": _at(seconds), "logName": "projects/lab/logs/stdout", "severity": severity,
            "resource": {"type": "k8s_container", "labels": {"namespace_name": "ledger", "pod_name": f"{app}-7d9f-abcde",
                                                             "container_name": app}},
            "labels": {"k8s-pod/app": app},
            "textPayload": text}


def _incident(fault_at: float | None, removed_at: float | None, fail_from: float, fail_to: float,
              host: str = "ledger.example.org") -> list[dict]:
    """An hour of a ledger API serving and logging; a fault tool's lines at `fault_at` (its start)
    and `removed_at` (its removal); the API's writes to its store fail from `fail_from` to `fail_to`."""
    out = [_pod(m * 60 + 5, "ledger-api", f"served {20 + m % 7} postings in the last minute (host {host})") for m in range(60)]
    out += [_pod(m * 60 + 30, "ledger-api", "cache warm: 4096 entries") for m in range(0, 60, 10)]
    t = fail_from
    k = 0
    while t < fail_to:
        out.append(_pod(t, "ledger-api", f"posting {9000 + k} not stored: write to journal volume took too long, giving up (host {host})",
                        "ERROR"))
        t += 7
        k += 1
    if fault_at is not None:
        out.append(_pod(fault_at, "fault-agent", "fault-agent: starting chaos step 1/1: inject io latency 800ms on "
                                                 "ledger/ledger-api volume journal (duration=30m)"))
    if removed_at is not None:
        out.append(_pod(removed_at, "fault-agent", "fault-agent: io latency on ledger/ledger-api removed, chaos step finished"))
    return out


def _report(entries: list[dict], path: Path):
    path.write_text(json.dumps(entries))
    stats = ReadStats()
    report = build_report(read_records(str(path), stats=stats), stats)
    return report, {c.id: c for c in report.clusters}


def _lead(report, by_id) -> str:
    assert report.root_cause is not None and report.root_cause.cluster_ids
    return by_id[report.root_cause.cluster_ids[0]].template


def test_a_fault_still_in_effect_when_the_failures_begin_leads_them(tmp_path):
    """The tool injects at 09:17, three minutes before the writes start failing (too far for
    timing alone to single out a change), and removes it at 09:45 as the failures end: its line
    is the root cause, and the failure it explains is named with it."""
    report, by_id = _report(_incident(17 * 60, 45 * 60, 20 * 60, 45 * 60), tmp_path / "in-effect.json")
    assert "starting chaos step" in _lead(report, by_id)
    lead = next(c for c in report.candidates if c.cluster_id == report.root_cause.cluster_ids[0])
    assert lead.role == "change" and lead.explains is not None and "not stored" in by_id[lead.explains].template


def test_a_fault_taken_out_before_the_failures_explains_nothing(tmp_path):
    """Injected at 09:05 and removed at 09:10; the writes fail from 09:20: not the fault's doing."""
    report, by_id = _report(_incident(5 * 60, 10 * 60, 20 * 60, 45 * 60), tmp_path / "removed.json")
    assert "chaos" not in _lead(report, by_id)


def test_failures_that_outlast_the_faults_removal_are_not_its_doing(tmp_path):
    """Injected at 09:17, removed at 09:25, but the writes go on failing to 09:55: another cause."""
    report, by_id = _report(_incident(17 * 60, 25 * 60, 20 * 60, 55 * 60), tmp_path / "outlast.json")
    assert "chaos" not in _lead(report, by_id)


def test_a_host_named_for_a_chaos_lab_is_no_fault_tool():
    """Words of a host, a URL or an account do not make a line a fault tool's."""
    assert not names_fault("upstream timed out, server: wiki.chaoslab.example, request: GET /")
    assert not names_fault("patch OK by chaos-runner@lab.iam.example.com on shop/deployments/cart")
    assert not names_fault("SET GLOBAL x = 1 [user=chaos_operator@10.0.0.7]")
    assert not names_fault('Successfully pulled image "europe-docker.pkg.example/chaoslab-shop/apps/cart:v2.1.0"')
    assert not names_fault('Successfully pulled image "<HOST>/chaoslab-shop/apps/cart:<NUM>"')  # a mined template
    assert names_fault("chaosd[41]: attack file delete")
    assert names_fault("proxy=redis toxic=latency_downstream status=active")
    assert names_fault("starting game day step 2: stop replica")
