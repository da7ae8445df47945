"""A deploy, its new instances' first lines stating the settings (or the version) they run with,
then failures: when the failures only say that calls or the process failed (the callers' failed
calls, the new instances' own timeouts or crashes), the deploy is the cause, and the new instances'
line stating their settings is where it took effect and says what changed; when the new code fails
in its own words (an exception), that failure is the finding. Invented logs, read as a user would
(`build_report`)."""

from __future__ import annotations

from test_operator_actions import _at, _report, _requests

OPERATOR = "deployer@shop.example.com"
DEPLOY_AT = 29 * 60 + 30
SETTINGS = "ledger listener ready: idle_ms=5000 max_conns=64 header_wait_ms=0"


def _pod(seconds: float, pod: str, text: str, severity: str = "INFO") -> dict:
    return {"timestamp": _at(seconds), "severity": severity, "logName": "projects/shop/logs/stdout", "textPayload": text,
            "resource": {"type": "k8s_container", "labels": {"namespace_name": "shop", "container_name": pod.rsplit("-", 2)[0],
                                                             "pod_name": pod}}}


def _deploy(seconds: float) -> dict:
    return {"timestamp": _at(seconds), "severity": "NOTICE", "logName": "projects/shop/logs/cloudaudit.googleapis.com%2Factivity",
            "resource": {"type": "k8s_cluster", "labels": {"cluster_name": "prod"}},
            "protoPayload": {"methodName": "io.k8s.apps.v1.deployments.patch", "resourceName": "apps/v1/namespaces/shop/deployments/ledger-api",
                             "status": {}, "authenticationInfo": {"principalEmail": OPERATOR}}}


def _export(own: str | None = None, deploy: bool = True, startup_every: int | None = None) -> list[dict]:
    """The shop's requests fail from 10:30 (`_requests`); ledger-api's old pods serve all hour. With
    `deploy`, ledger-api is patched at 10:29:30 and two new pods state their settings 15 s later
    (or, `startup_every`, the line is logged every so many minutes all hour: a routine). From 10:30
    the caller cart-web logs failed calls to ledger-api; `own`: the new pods log this error too."""
    out = _requests(30 * 60)
    out += [_pod(m * 60 + s, "ledger-api-6f7c9-a1b2c", f"ledger {m * 60 + s} posted") for m in range(60) for s in (10, 40)]
    if deploy:
        out.append(_deploy(DEPLOY_AT))
    times = range(70, 3600, startup_every * 60) if startup_every else [DEPLOY_AT + 15, DEPLOY_AT + 17]
    out += [_pod(t, f"ledger-api-8d4e1-{k:05d}", SETTINGS) for k, t in enumerate(times)]
    out += [_pod(t, "cart-web-5b6c7-q9w8e", "posting to ledger-api did not succeed: status 503", "ERROR")
            for t in range(30 * 60 + 3, 3600, 6)]
    if own:
        out += [_pod(t, "ledger-api-8d4e1-00000", own, "ERROR") for t in range(30 * 60 + 5, 3600, 9)]
    return out


def _top(tmp_path, name: str, **kw) -> tuple[str, object]:
    report, by_id = _report(_export(**kw), tmp_path / f"{name}.json")
    assert report.root_cause is not None and report.root_cause.cluster_ids
    return by_id[report.root_cause.cluster_ids[0]].samples[0], report


def test_callers_failing_right_after_a_deploy_are_its_symptoms_and_the_new_pods_settings_lead(tmp_path):
    """ledger-api is deployed at 10:29:30, its new pods state their settings at 10:29:45 and its
    caller's calls fail from 10:30:03. The report leads with the new pods' settings line, not the
    caller's error, names the failure after it, and advises rolling back or reverting the deploy."""
    top, report = _top(tmp_path, "callers")
    assert top == SETTINGS
    assert "posting to ledger-api did not succeed" in report.root_cause.statement
    assert report.root_cause.category != "code-bug"
    assert any("deployments.patch" in a.action or "revert" in a.action.lower() or "roll back" in a.action.lower()
               for a in report.remediation)


def test_the_new_pods_own_timeouts_after_a_deploy_are_its_symptoms(tmp_path):
    """The new pods' own calls time out: a timeout says only that a call failed, not why; the
    deploy's settings line still leads."""
    top, _ = _top(tmp_path, "own-timeouts", own="call to bank-gateway failed: connect ETIMEDOUT 10.4.0.7:443")
    assert top == SETTINGS


def test_new_code_failing_in_its_own_words_is_the_finding(tmp_path):
    """The new pods raise an exception that says what went wrong: that is the root cause, the
    deploy its context."""
    top, _ = _top(tmp_path, "own-exception", own="TypeError: Cannot read properties of undefined (reading 'currency')")
    assert "TypeError" in top


def test_a_settings_line_without_a_deploy_or_logged_all_along_is_no_change(tmp_path):
    """The same settings line with no deploy before it, or logged every ten minutes all hour,
    is no change: the caller's failure leads."""
    top, report = _top(tmp_path, "no-deploy", deploy=False)
    assert top != SETTINGS and not any(c.role == "change" for c in report.candidates)
    top, _ = _top(tmp_path, "routine", startup_every=10)
    assert top != SETTINGS


def _run_entry(seconds: float, payload: dict, log: str, severity: str = "INFO") -> dict:
    return {"timestamp": _at(seconds), "severity": severity, "logName": f"projects/shop/logs/{log}", **payload,
            "resource": {"type": "cloud_run_revision", "labels": {"service_name": "ledger-api", "revision_name": "ledger-api-00042-abc"}}}


def test_a_rollout_ready_just_before_the_failures_is_led_by_its_deploy_request(tmp_path):
    """ledger-api's update is requested at 10:28:50 (over a minute before the failures, too early
    for timing alone) and its new revision is ready at 10:29:35; the callers fail from 10:30:03.
    The revision's readiness is the deploy's progress, not another act: the request leads."""
    entries = [e for e in _export(deploy=False) if SETTINGS not in e.get("textPayload", "")]
    entries.append(_run_entry(28 * 60 + 50, {"protoPayload": {
        "methodName": "google.cloud.run.v1.Services.ReplaceService", "resourceName": "namespaces/shop/services/ledger-api",
        "status": {}, "authenticationInfo": {"principalEmail": OPERATOR}}}, "cloudaudit.googleapis.com%2Factivity", "NOTICE"))
    entries.append(_run_entry(29 * 60 + 35, {"textPayload": "Ready condition status changed to True for Revision ledger-api-00042-abc."},
                              "run.googleapis.com%2Fvarlog%2Fsystem"))
    report, by_id = _report(entries, tmp_path / "rollout.json")
    assert report.root_cause is not None and report.root_cause.cluster_ids
    assert "ReplaceService" in by_id[report.root_cause.cluster_ids[0]].samples[0]
