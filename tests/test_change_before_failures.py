"""A one-off change logged just before the failures begin, with no failure before it and no other
change that close, is the first suspect; the failures after it are its symptoms, though they never
name what was changed. Not when the failures were already running, when the change was long
before them, when another separate change was made as close, or when nothing failed. Invented
exports, read as a user would (`build_report`), checking what the report says."""

from __future__ import annotations

from test_parallel_lead_in import _dir
from test_quiet_culprits import _lines, _report, _ts

OPERATOR = "ops@example.com"


def _request(minute: int, second: float, status: int) -> dict:
    """A load balancer's request log: the users' view."""
    return {"timestamp": _ts(minute, second), "severity": "ERROR" if status >= 500 else "INFO",
            "logName": "projects/p/logs/requests",
            "resource": {"type": "http_load_balancer", "labels": {"forwarding_rule_name": "web-fr", "backend_service_name": "web-be"}},
            "httpRequest": {"requestMethod": "GET", "requestUrl": "https://shop.example.com/api/basket", "status": status,
                            "latency": "0.050s"}}


def _audit(minute: int, second: float, method: str, resource: str) -> dict:
    return {"timestamp": _ts(minute, second), "severity": "NOTICE", "logName": "projects/p/logs/cloudaudit.googleapis.com%2Factivity",
            "resource": {"type": "gce_firewall_rule", "labels": {"project_id": "p"}},
            "protoPayload": {"methodName": method, "resourceName": resource, "status": {},
                             "authenticationInfo": {"principalEmail": OPERATOR}}}


RULE = "projects/p/global/firewalls/allow-probe-ranges"
DELETE = "v1.compute.firewalls.delete"


def _export(changes: list[tuple[int, float, str, str]], fail_from: int | None = 16 * 60 + 20, app_errors: bool = True,
            parallel: bool = True) -> list[dict]:
    """Users fetch their basket every 5 s for 40 minutes; from `fail_from` seconds into the window
    (None: never) half the fetches fail with 502 and, with `app_errors`, the web tier logs an error
    of its own that names no changed object. `parallel`: a mail relay logs a certificate error
    every 20 s from minute 12, at the same rate throughout (another failure beside the incident)."""
    out = [_request(m, s, 502 if fail_from is not None and m * 60 + s >= fail_from and s % 10 == 0 else 200)
           for m in range(40) for s in range(0, 60, 5)]
    out += _lines("web", range(40), range(2, 60, 15), "basket {n} served")
    if fail_from is not None and app_errors:
        out += [e for e in _lines("web", range(40), range(1, 60, 10), "basket {n} not rendered: backend pool web-be has no "
                                  "members in service", "ERROR", "stderr") if int(e["timestamp"][14:16]) * 60 + float(e["timestamp"][17:23]) >= fail_from]
    if parallel:
        out += _lines("mail-relay", range(12, 40), range(7, 60, 20), "delivery to smtp.partner.example failed: x509: "
                      "certificate has expired or is not yet valid", "ERROR", "stderr")
    out += [_audit(m, s, method, resource) for m, s, method, resource in changes]
    return out


def test_a_change_just_before_the_failures_is_the_first_suspect(tmp_path):
    """A firewall rule is deleted 20 s before the fetches start failing. Neither the 502s nor the
    web tier's errors name the rule, and a certificate error of another service, running from
    minutes before at the rate it keeps, would rank first on its words: the deletion leads the
    report, named with the failure that followed it, as a network failure."""
    report, by_id = _report(_export([(16, 0.0, DELETE, RULE)]), _dir(tmp_path, "one"))
    top = by_id[report.root_cause.cluster_ids[0]]
    assert DELETE in top.template
    assert "allow-probe-ranges" in report.root_cause.statement
    assert "no members in service" in by_id[report.root_cause.cluster_ids[1]].template
    assert report.root_cause.category == "network"
    assert "certificate" not in top.template


def test_a_change_before_symptoms_only_names_the_symptom_it_explains(tmp_path):
    """No line but the users' 502s fails: the report still leads with the deletion (not "no log
    line singles out a cause"), and names the failed requests that followed it."""
    report, by_id = _report(_export([(16, 0.0, DELETE, RULE)], app_errors=False, parallel=False), _dir(tmp_path, "sym"))
    assert DELETE in by_id[report.root_cause.cluster_ids[0]].template
    assert "allow-probe-ranges" in report.root_cause.statement
    failure = by_id[report.root_cause.cluster_ids[1]]
    assert failure.http_statuses and 502 in failure.http_statuses
    assert f"cluster `{failure.id}`" in report.root_cause.statement


def _late_app_errors(export: list[dict], start: int) -> list[dict]:
    """The web tier's own error begins only `start` seconds into the window, well after the 502s."""
    return [e for e in export if not ("no members in service" in str(e.get("textPayload", ""))
                                      and int(e["timestamp"][14:16]) * 60 + float(e["timestamp"][17:23]) < start)]


def test_the_report_follows_a_change_ranked_before_a_later_error(tmp_path):
    """The fetches fail 20 s after the deletion and the web tier's own error comes a minute and a
    half later: the ranking puts the deletion first (it explains the failed fetches), and the
    report leads with it and names the later error as what followed, instead of naming the error
    with the deletion as a side note -- and does not then say the logs name no deeper cause."""
    report, by_id = _report(_late_app_errors(_export([(16, 0.0, DELETE, RULE)], parallel=False), 17 * 60 + 50),
                            _dir(tmp_path, "late"))
    assert DELETE in by_id[report.root_cause.cluster_ids[0]].template
    assert "no members in service" in by_id[report.root_cause.cluster_ids[1]].template
    assert report.root_cause.statement.startswith("A change to")
    assert "do not name a deeper cause" not in report.root_cause.statement
    why = next(w for w in report.five_whys if w.question == "Why does that error happen?")  # the change, not "unknown"
    assert "right after a change" in why.answer and by_id[report.root_cause.cluster_ids[0]].id in why.cluster_ids


def test_a_change_with_nothing_failing_after_it_is_no_incident(tmp_path):
    """The same deletion in a healthy window: no onset, no cause."""
    report, _ = _report(_export([(16, 0.0, DELETE, RULE)], fail_from=None, parallel=False), _dir(tmp_path, "healthy"))
    assert report.priority == "none"
    assert report.root_cause is None or not report.root_cause.cluster_ids


def test_a_change_long_before_the_failures_is_not_singled_out(tmp_path):
    """The deletion two minutes before the failures: timing no longer points at it; the web
    tier's error is the finding."""
    report, by_id = _report(_export([(14, 20.0, DELETE, RULE)], parallel=False), _dir(tmp_path, "early"))
    assert DELETE not in by_id[report.root_cause.cluster_ids[0]].template


def test_failures_running_before_the_change_are_not_its_symptoms(tmp_path):
    """The fetches fail from 16:20 and the rule is deleted 30 s later (a responder's change):
    the failures came first, so the change explains nothing."""
    report, by_id = _report(_export([(16, 50.0, DELETE, RULE)], parallel=False), _dir(tmp_path, "after"))
    assert DELETE not in by_id[report.root_cause.cluster_ids[0]].template


def test_two_separate_changes_close_before_the_failures_single_out_neither(tmp_path):
    """A bucket's settings changed 55 s before the failures and the rule deleted 15 s before:
    two acts, and the timing does not say which; neither is promoted over the failure."""
    changes = [(15, 25.0, "storage.buckets.update", "projects/_/buckets/shop-assets"), (16, 5.0, DELETE, RULE)]
    report, by_id = _report(_export(changes, parallel=False), _dir(tmp_path, "two"))
    top = by_id[report.root_cause.cluster_ids[0]]
    assert "OK by" not in top.template and "no members in service" in top.template


def test_changes_made_together_are_one_act_led_by_its_first_step(tmp_path):
    """A plan applied at once deletes the rule and inserts a new one 5 s later: one act. Its
    first step leads, and the statement names the other step and says the timing does not tell
    them apart."""
    changes = [(16, 0.0, DELETE, RULE), (16, 5.0, "v1.compute.firewalls.insert", "projects/p/global/firewalls/probe-ranges-v2")]
    report, by_id = _report(_export(changes), _dir(tmp_path, "act"))
    assert DELETE in by_id[report.root_cause.cluster_ids[0]].template
    assert "firewalls.insert" in report.root_cause.statement
    assert "does not tell these apart" in report.root_cause.statement


def _run(revision: str, minute: int, second: float, text: str) -> dict:
    return {"timestamp": _ts(minute, second), "severity": "INFO", "textPayload": text, "logName": "projects/p/logs/run.googleapis.com%2Fstdout",
            "resource": {"type": "cloud_run_revision", "labels": {"service_name": "pricing", "revision_name": revision}}}


def test_a_new_revision_as_close_to_the_failures_leaves_the_change_unsingled(tmp_path):
    """A new revision of a service starts logging 4 s after the rule is deleted: new code is as
    close to the failures as the change, so timing does not single the change out."""
    entries = _export([(16, 0.0, DELETE, RULE)], parallel=False)
    entries += [_run("pricing-00041-old", m, s, "price computed") for m in range(16) for s in range(4, 60, 20)]
    entries += [_run("pricing-00042-new", m, s, "price computed") for m in range(16, 40) for s in range(4, 60, 20) if m * 60 + s >= 16 * 60 + 4]
    report, by_id = _report(entries, _dir(tmp_path, "rev"))
    assert DELETE not in by_id[report.root_cause.cluster_ids[0]].template


def _operation(minute: int, second: float, first: bool, last: bool) -> dict:
    """One entry of a long-running update of the web tier's node pool: the request, or its
    completion, logged apart and sharing the operation's id."""
    entry = _audit(minute, second, "google.container.v1.ClusterManager.UpdateNodePool",
                   "projects/p/locations/europe-west1/clusters/shop/nodePools/web-pool")
    entry["operation"] = {"id": "projects/p/locations/europe-west1/operations/operation-42", "producer": "container.googleapis.com",
                          **({"first": True} if first else {}), **({"last": True} if last else {})}
    return entry


def test_a_long_running_change_counts_from_when_it_completed(tmp_path):
    """The cache update is requested two minutes before the failures (too early for timing alone
    to point at it) but completes 10 s before them: it took effect then, so it leads, and the
    statement says both times."""
    entries = _export([], parallel=False) + [_operation(14, 20.0, True, False), _operation(16, 10.0, False, True)]
    report, by_id = _report(entries, _dir(tmp_path, "lro"))
    assert "UpdateNodePool" in by_id[report.root_cause.cluster_ids[0]].template
    assert "requested at 10:14:20 UTC, completed at 10:16:10 UTC" in report.root_cause.statement


def test_a_long_running_change_without_its_completion_counts_from_its_request(tmp_path):
    """The same request with no completion logged (the export ends, or the call returned at once
    with both marks on one entry): its time is the request's, two minutes before the failures,
    and timing does not single it out."""
    for name, ops in (("open", [_operation(14, 20.0, True, False)]), ("sync", [_operation(14, 20.0, True, True)])):
        report, by_id = _report(_export([], parallel=False) + ops, _dir(tmp_path, name))
        assert "UpdateNodePool" not in by_id[report.root_cause.cluster_ids[0]].template
        assert "completed at" not in report.root_cause.statement


def test_both_engines_keep_when_an_operation_completed(tmp_path):
    """The record path and the query plan agree on the completion time of the operation's cluster."""
    from test_quiet_culprits import _mined

    entries = _export([], fail_from=None, parallel=False) + [_operation(14, 20.0, True, False), _operation(16, 10.0, False, True)]
    for engine, mining in _mined(entries, tmp_path).items():
        change = next(c for c in mining.clusters if "UpdateNodePool" in c.template)
        assert change.completed is not None and change.completed.isoformat() == "2026-03-02T10:16:10+00:00", engine
        assert change.first_seen.isoformat() == "2026-03-02T10:14:20+00:00", engine
