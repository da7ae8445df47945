"""A change whose effect waits for the next use (a lowered timeout meets its first long request, a
job's next run reads a changed setting) shows minutes after it was made. When it touched the
failing service itself, or a setting the failures spell out, and nothing else changed or failed in
between, it still leads; a change to something else that long before does not, nor does a deploy
followed by new code's own exception. And after a deploy, a permission denied at the moment new
code starts failing is the deploy's configuration (the identity it runs as), not new code's bug.
Invented logs, read as a user would (`build_report`)."""

from __future__ import annotations

from test_deploy_startup import _pod
from test_operator_actions import _at, _report, _requests

OPERATOR = "deployer@shop.example.com"
FAIL_AT = 30 * 60


def _audit(seconds: float, method: str, resource: str, resource_type: str = "k8s_cluster", log: str = "activity",
           severity: str = "NOTICE", status: dict | None = None, who: str = OPERATOR) -> dict:
    return {"timestamp": _at(seconds), "severity": severity, "logName": f"projects/shop/logs/cloudaudit.googleapis.com%2F{log}",
            "resource": {"type": resource_type, "labels": {"cluster_name": "prod"}},
            "protoPayload": {"methodName": method, "resourceName": resource, "status": status or {},
                             "authenticationInfo": {"principalEmail": who}}}


def _export(change: dict | None, own: str | None = None) -> list[dict]:
    """The shop's requests fail from 10:30 (`_requests`); ledger-api serves all hour. From 10:30
    its caller cart-web logs failed calls to it and ledger-api logs that its reports were cut off;
    `own`: ledger-api logs this error too. A mail relay warns about a full spool all hour (an
    old failure beside the incident). `change`: an audit entry made before the failures."""
    out = _requests(FAIL_AT)
    out += [_pod(m * 60 + s, "ledger-api-6f7c9-a1b2c", f"ledger {m * 60 + s} posted") for m in range(60) for s in (10, 40)]
    out += [_pod(m * 60 + 25, "mail-relay-5d4c3-z1y2x", "spool 80% full, deferring bulk mail", "WARNING") for m in range(60)]
    out += [_pod(t, "cart-web-5b6c7-q9w8e", "posting to ledger-api did not succeed: status 503", "ERROR")
            for t in range(FAIL_AT + 3, 3600, 6)]
    out += [_pod(t, "ledger-api-6f7c9-a1b2c", "report cut off reached before the response was sent", "WARNING")
            for t in range(FAIL_AT + 4, 3600, 12)]
    if own:
        out += [_pod(t, "ledger-api-6f7c9-a1b2c", own, "ERROR") for t in range(FAIL_AT + 5, 3600, 9)]
    if change is not None:
        out.append(change)
    return out


def _top(entries: list[dict], path) -> str:
    report, by_id = _report(entries, path)
    assert report.root_cause is not None and report.root_cause.cluster_ids
    return by_id[report.root_cause.cluster_ids[0]].samples[0]


DEPLOY = "io.k8s.apps.v1.deployments.patch"


def test_a_deploy_whose_effect_waits_for_the_next_use_leads_the_failures_after_it(tmp_path):
    """ledger-api is redeployed at 10:26 (with a lower limit on report requests) and from 10:30 its
    first long reports are cut off: nothing else changed and nothing of the incident failed in
    between, and the failures say no more than that the requests were cut off, so the deploy
    leads."""
    top = _top(_export(_audit(26 * 60, DEPLOY, "apps/v1/namespaces/shop/deployments/ledger-api")), tmp_path / "own.json")
    assert DEPLOY in top


def test_a_change_to_something_else_long_before_the_failures_is_not_singled_out(tmp_path):
    """The same deploy four minutes before, but of another service: a coincidence in time. The
    ledger's failures lead."""
    top = _top(_export(_audit(26 * 60, DEPLOY, "apps/v1/namespaces/shop/deployments/fulfilment-batch")), tmp_path / "other.json")
    assert DEPLOY not in top


def test_a_setting_the_failures_spell_out_leads_though_its_effect_waits(tmp_path):
    """The database's global `report_cut_off_seconds` is lowered at 10:26 (a one-off statement in
    its log); from 10:30 the ledger's reports are cut off: the failures spell out the setting's
    name, so the statement leads. The same statement naming a setting the failures do not say
    is a coincidence in time."""
    def statement(setting: str) -> dict:
        return _pod(26 * 60, "ledger-db-0-aaaaa", f"LOG: statement: SET GLOBAL {setting} = 30")
    assert "SET GLOBAL" in _top(_export(statement("report_cut_off_seconds")), tmp_path / "spelled.json")
    assert "SET GLOBAL" not in _top(_export(statement("autovacuum_naptime_seconds")), tmp_path / "unsaid.json")


def test_new_code_failing_in_its_own_words_minutes_after_a_deploy_is_the_finding(tmp_path):
    """ledger-api is deployed at 10:26 and from 10:30 it raises an exception that says what went
    wrong: the exception is the finding, however the deploy is linked to it."""
    deploy = _audit(26 * 60, DEPLOY, "apps/v1/namespaces/shop/deployments/ledger-api")
    top = _top(_export(deploy, own="TypeError: Cannot read properties of undefined (reading 'currency')"), tmp_path / "code.json")
    assert "TypeError" in top


def _signing(denied: bool) -> list[dict]:
    """seal-svc is redeployed on Cloud Run at 10:29:05 (its revision ready 35 s later); from 10:29:45
    it logs 'seal failed' for every document and, with `denied`, the key service's data-access log
    refuses each of its signing calls at the same moment."""
    out = _requests(FAIL_AT)
    out += [_pod(m * 60 + s, "seal-svc-6f7c9-a1b2c", f"sealed doc {m * 60 + s}") for m in range(29) for s in (10, 40)]
    out.append(_audit(29 * 60 + 5, "google.cloud.run.v1.Services.ReplaceService", "namespaces/shop/services/seal-svc",
                      resource_type="cloud_run_revision"))
    ready = _pod(29 * 60 + 40, "seal-svc-x", "Ready condition status changed to True for Revision seal-svc-00042-abc.")
    ready["resource"] = {"type": "cloud_run_revision", "labels": {"service_name": "seal-svc", "revision_name": "seal-svc-00042-abc"}}
    ready["logName"] = "projects/shop/logs/run.googleapis.com%2Fvarlog%2Fsystem"
    out.append(ready)
    for t in range(29 * 60 + 45, 3600, 10):
        fail = _pod(t, "seal-svc-x", f"seal failed for doc_{t}", "ERROR")
        fail["resource"] = {"type": "cloud_run_revision", "labels": {"service_name": "seal-svc", "revision_name": "seal-svc-00042-abc"}}
        out.append(fail)
        if denied:
            out.append(_audit(t, "AsymmetricSign", "projects/shop/locations/europe/keyRings/docs/cryptoKeys/seal/cryptoKeyVersions/3",
                              resource_type="cloudkms_cryptokey", log="data_access", severity="ERROR",
                              status={"code": 7, "message": "PERMISSION_DENIED"}, who="1234-compute@developer.gserviceaccount.com"))
    return out


def test_a_permission_denied_as_new_code_starts_failing_is_the_deploys_configuration(tmp_path):
    """The new revision's calls to the key service are denied at the moment it starts failing to
    seal: the deploy changed what it runs as, so the deploy's request leads."""
    assert "ReplaceService" in _top(_signing(denied=True), tmp_path / "denied.json")


def test_without_a_denial_new_codes_own_failure_after_the_deploy_stays_the_finding(tmp_path):
    """The same deploy with only the new revision's own 'seal failed' errors: new code's failure
    in its own words is the finding, the deploy named beside it."""
    assert "seal failed" in _top(_signing(denied=False), tmp_path / "own.json")


def test_writes_refused_by_a_read_only_replica_right_after_a_deploy_are_where_it_pointed(tmp_path):
    """ledger-api is deployed at 10:29:30 and from 10:30 the database it now talks to refuses its
    writes as read-only, in the database's own log and in the ledger's: new code names no bug of
    its own but where it was pointed, so the deploy leads. The same deploy followed by new code's
    own TypeError keeps the error."""
    deploy = _audit(29 * 60 + 30, DEPLOY, "apps/v1/namespaces/shop/deployments/ledger-api")
    refused = _export(deploy, own="failed to save ledger entry: DatabaseError: cannot execute INSERT in a read-only transaction")
    refused += [_pod(t, "ledger-replica-0-bbbbb", "ledger_app@ledger ERROR:  cannot execute INSERT in a read-only transaction", "ERROR")
                for t in range(FAIL_AT + 5, 3600, 9)]
    assert DEPLOY in _top(refused, tmp_path / "replica.json")
    assert "TypeError" in _top(_export(deploy, own="TypeError: Cannot read properties of undefined (reading 'currency')"),
                               tmp_path / "bug.json")


def test_a_deployed_workload_saying_which_setting_is_wrong_is_the_finding(tmp_path):
    """ledger-api is deployed at 10:29:30 and from 10:30 it says itself which setting it cannot
    use: that line is the finding, the deploy named beside it."""
    deploy = _audit(29 * 60 + 30, DEPLOY, "apps/v1/namespaces/shop/deployments/ledger-api")
    top = _top(_export(deploy, own="Failed to load secret LEDGER_TOKEN: Secret version 8 is in DISABLED state"), tmp_path / "own.json")
    assert "LEDGER_TOKEN" in top


def test_a_job_submitted_minutes_before_the_failures_is_no_change_waiting_for_its_use(tmp_path):
    """A batch job whose name the failures spell out ('report cut off') is submitted at 10:26 and
    the ledger's reports are cut off from 10:30: a new object starts when it is made, so the
    submission waits for no later use and does not lead."""
    job = _audit(26 * 60, "google.cloud.batch.v1.BatchService.CreateJob", "projects/shop/locations/eu/jobs/report-cut-off-check")
    assert "CreateJob" not in _top(_export(job), tmp_path / "job.json")


def _queue_export(replicas: int) -> list[dict]:
    """The order consumer is scaled to `replicas` at 10:22; from 10:30, when the broker's queue is
    full, the shop's checkout tier can no longer enqueue orders (its requests fail)."""
    out = _requests(FAIL_AT)
    out += [_pod(m * 60 + s, "order-consumer-6f7c9-a1b2c", f"order {m * 60 + s} processed") for m in range(22) for s in (10, 40)]
    scale = _audit(22 * 60, "io.k8s.apps.v1.deployments.scale.patch", "apps/v1/namespaces/shop/deployments/order-consumer/scale")
    scale["protoPayload"]["request"] = {"spec": {"replicas": replicas}}
    out.append(scale)
    out += [_pod(t, "checkout-web-5b6c7-q9w8e", f"checkout {t} failed: could not enqueue order: send timed out due to producer "
                 "flow control", "ERROR") for t in range(FAIL_AT + 3, 3600, 6)]
    return out


def test_consumers_scaled_to_zero_lead_the_producers_failing_once_the_queue_is_full(tmp_path):
    """Eight minutes after the order consumer is scaled to zero its queue is full and the checkout
    tier cannot enqueue: the scale-down leads, though the failures do not name the consumer. A
    scale to three replicas (consumers still drain the queue) is a coincidence in time."""
    assert "scale.patch" in _top(_queue_export(0), tmp_path / "zero.json")
    assert "scale.patch" not in _top(_queue_export(3), tmp_path / "three.json")
