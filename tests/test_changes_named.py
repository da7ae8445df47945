"""Changes whose object the failures name: an audit entry that disables a key among thousands of
reads of the same key, a pod deleted just before its callers fail. Invented exports, read as a user
would (`rca generate`), by both engines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rca.models import ReadStats
from rca.pipeline import build_report, mine_and_tally
from rca.sources.reader import read_records

KEY = "projects/acme-sec/locations/eu/keyRings/vault/cryptoKeys/ledger-seal/cryptoKeyVersions/3"


def _ts(minute: int, second: float) -> str:
    return f"2026-05-11T08:{minute:02d}:{second:06.3f}Z"


def _app(service: str, minute: int, second: float, text: str, severity: str = "INFO") -> dict:
    return {"timestamp": _ts(minute, second), "severity": severity, "textPayload": text,
            "logName": "projects/acme/logs/run.googleapis.com%2Fstderr",
            "resource": {"type": "cloud_run_revision", "labels": {"service_name": service, "revision_name": f"{service}-00042-abc"}}}


def _audit(minute: int, second: float, method: str, resource: str, who: str, stream: str = "activity",
           severity: str = "NOTICE") -> dict:
    return {"timestamp": _ts(minute, second), "severity": severity,
            "logName": f"projects/acme-sec/logs/cloudaudit.googleapis.com%2F{stream}",
            "resource": {"type": "audited_resource", "labels": {"service": "cloudkms.googleapis.com"}},
            "protoPayload": {"methodName": method, "resourceName": resource, "status": {},
                             "authenticationInfo": {"principalEmail": who}}}


def _key_export(change_minute: int | None, other_secret: bool = False, reenable_minute: int = 40) -> list[dict]:
    """Statements are sealed with a key read thousands of times (data-access reads that say OK, in
    the same audit form as a change); at `change_minute` an operator updates the key's version, and
    from 20 s later the seal calls fail naming the key. `other_secret`: a secret of another service
    is rotated three minutes before, as a rotation job does every day."""
    out = [_app("statements", m, s, "GET /statements/{} 200".format(m * 60 + s)) for m in range(40) for s in range(0, 60, 6)]
    out += [_audit(m, s + 1, "Decrypt", KEY, "statements@acme.iam.gserviceaccount.com", "data_access", "INFO")
            for m in range(40) for s in range(0, 60, 12)]
    if other_secret:
        out.append(_audit(17, 4.0, "google.cloud.secretmanager.v1.SecretManagerService.AddSecretVersion",
                          "projects/1234/secrets/mail-relay-token", "rotator@acme.iam.gserviceaccount.com"))
    if change_minute is not None:
        out.append(_audit(change_minute, 30.0, "google.cloud.kms.v1.KeyManagementService.UpdateCryptoKeyVersion", KEY,
                          "oncall@acme.example"))
        fail_from = change_minute * 60 + 50
        if reenable_minute < 40:  # the key enabled again: the failures stop
            out.append(_audit(reenable_minute, 0.0, "google.cloud.kms.v1.KeyManagementService.UpdateCryptoKeyVersion", KEY,
                              "oncall@acme.example"))
        for t in range(fail_from, reenable_minute * 60, 5):
            out.append(_app("statements", t // 60, t % 60,
                            f"seal failed: key {KEY} is not enabled, current state is: DISABLED", "ERROR"))
            out.append(_app("statements", t // 60, t % 60 + 0.5, "Exception on /v1/statements/render [POST]", "ERROR"))
    return out


def _report(entries: list[dict], path: Path, engine: str = "python"):
    path.write_text(json.dumps(entries))
    stats = ReadStats()
    report = build_report(read_records(str(path), stats=stats, engine=engine), stats)
    return report, {c.id: c for c in report.clusters}


@pytest.mark.parametrize("engine", ["python", "duckdb"])
def test_a_change_among_reads_of_the_same_object_is_its_own_event(tmp_path, engine):
    """An audit stream's reads ('Decrypt OK by … on key') and a change to the same key ('…Update…
    OK by … on key') share every word but the method: the method is the event, so the change is a
    cluster of its own and not lost among thousands of reads."""
    path = tmp_path / "key.json"
    path.write_text(json.dumps(_key_export(20)))
    stats = ReadStats()
    mining, _ = mine_and_tally(read_records(str(path), stats=stats, engine=engine), stats)
    change = [c for c in mining.clusters if "UpdateCryptoKeyVersion" in c.template]
    assert len(change) == 1 and change[0].count == 1
    assert not any("Decrypt" in c.template for c in change)


def test_a_change_to_the_object_the_failures_name_is_the_cause(tmp_path):
    """The failures start 20 s after the key change and name the key: the report leads with the
    change, names the key, files it as configuration (no code changed), says when the key was
    changed again, and the rotation of another service's secret a few minutes earlier is not
    blamed."""
    report, by_id = _report(_key_export(20, other_secret=True, reenable_minute=33), tmp_path / "key.json")
    top = by_id[report.root_cause.cluster_ids[0]]
    assert "UpdateCryptoKeyVersion" in top.template
    assert "ledger-seal" in report.root_cause.statement
    assert "changed again at 08:33:00" in report.root_cause.statement  # the re-enable, as the quoted entry may be either
    assert report.root_cause.category == "configuration"
    assert not any("AddSecretVersion" in by_id[i].template for i in report.root_cause.cluster_ids)
    # the title and summary name the service that fails, not the audit stream the change was logged in
    assert report.title.startswith("statements:") and report.summary.startswith("statements:")


def test_a_change_the_failures_do_not_name_is_not_the_cause(tmp_path):
    """The same failures with only the unrelated secret rotation before them: a change close in
    time whose object the failures never name explains nothing; the failure is the finding."""
    entries = [e for e in _key_export(20, other_secret=True)
               if "UpdateCryptoKeyVersion" not in json.dumps(e)]
    report, by_id = _report(entries, tmp_path / "other.json")
    top = by_id[report.root_cause.cluster_ids[0]]
    assert "AddSecretVersion" not in top.template
    assert "DISABLED" in top.template or "Exception" in top.template


def _k8s_audit(minute: int, second: float, method: str, resource: str, who: str) -> dict:
    return {"timestamp": _ts(minute, second), "severity": "NOTICE",
            "logName": "projects/acme/logs/cloudaudit.googleapis.com%2Factivity",
            "resource": {"type": "k8s_cluster", "labels": {"cluster_name": "prod"}},
            "protoPayload": {"methodName": method, "resourceName": resource, "status": {},
                             "authenticationInfo": {"principalEmail": who}}}


def test_a_change_just_before_the_failures_own_burst_explains_it_though_the_onset_came_earlier(tmp_path):
    """Another service's rollout logs a minute of errors at minute 20, so the window's onset is
    there; a network policy is created at 22:06 and the calls to the service it fences time out
    from 22:10 on (one stray timeout at minute 8). The policy preceded the failure's own burst:
    it is the cause, though it was logged two minutes after the onset."""
    timeout = ("quote call failed: HTTPConnectionPool(host='tariff-svc.tariff.svc.cluster.local', port=8080): "
               "Max retries exceeded (Caused by ConnectTimeoutError(timed out))")
    out = [_app("orders", m, s, "POST /orders 200") for m in range(40) for s in range(0, 60, 3)]
    out.append(_app("orders", 8, 3.0, timeout, "ERROR"))
    out.append(_k8s_audit(19, 30.0, "io.k8s.apps.v1.deployments.patch", "apps/v1/namespaces/shop/deployments/catalog",
                          "ci@acme.iam.gserviceaccount.com"))
    out += [_app("catalog", 20, s, "catalog worker lost its lease during shutdown", "ERROR") for s in range(0, 60, 4)]
    out.append(_k8s_audit(22, 6.0, "io.k8s.networking.v1.networkpolicies.create",
                          "networking.k8s.io/v1/namespaces/tariff/networkpolicies/tariff-allow-web-only", "oncall@acme.example"))
    out += [_app("orders", t // 60, t % 60, timeout, "ERROR") for t in range(22 * 60 + 10, 40 * 60, 2)]
    report, by_id = _report(out, tmp_path / "policy.json")
    assert "networkpolicies.create" in by_id[report.root_cause.cluster_ids[0]].template
    assert "tariff-allow-web-only" in report.root_cause.statement


def test_a_change_whose_object_logs_its_own_stop_leaves_the_stop_first(tmp_path):
    """A cache is scaled to zero at 20:30 and back at 32:30; the cache logs its own shutdown and
    its callers fail until it is back. The cache's own record of what happened to it (its stop)
    is the finding, as the ranking puts it above the callers' errors: the scale change, tied to
    the failure only by time, does not push in front of it."""
    out = [_app("basket", m, s, "GET /basket 200") for m in range(40) for s in range(0, 60, 3)]
    out.append(_k8s_audit(20, 30.0, "io.k8s.apps.v1.deployments.scale.patch", "apps/v1/namespaces/shop/deployments/basket-cache/scale",
                          "ops@acme.iam.gserviceaccount.com"))
    out.append(_k8s_audit(32, 30.0, "io.k8s.apps.v1.deployments.scale.patch", "apps/v1/namespaces/shop/deployments/basket-cache/scale",
                          "ops@acme.iam.gserviceaccount.com"))
    out.append(_app("basket-cache", 20, 31.0, "Stopping container basket-cache"))
    out.append(_app("basket-cache", 20, 31.5, "Received SIGTERM scheduling shutdown..."))
    out += [_app("basket", t // 60, t % 60, "request error: could not retrieve basket: It was not possible to connect to basket-cache:6379", "ERROR")
            for t in range(20 * 60 + 34, 32 * 60 + 35, 3)]
    report, by_id = _report(out, tmp_path / "scale.json")
    top = by_id[report.root_cause.cluster_ids[0]]
    assert "scale.patch" not in top.template



@pytest.mark.parametrize("engine", ["python", "duckdb"])
def test_a_patch_names_the_fields_it_set_and_the_report_stays_grounded(tmp_path, engine):
    """A backend-service patch logged by Cloud Audit Logs carries the new values in its request:
    the change event says which fields it set (`iap.enabled=true`; the fields the updateMask names
    first), never a secret's digest, and the grounded checker finds those words in the entry."""
    from rca.evals.grounded import check_grounded
    from rca.render import render

    entries = _key_export(None)
    patch = _audit(19, 30.0, "v1.compute.backendServices.patch",
                   "projects/acme/global/backendServices/public-api", "ops@acme.example")
    patch["protoPayload"]["request"] = {
        "@type": "type.googleapis.com/compute.backendServices.patch", "name": "public-api",
        "timeoutSec": 30, "iap": {"enabled": True, "oauth2ClientSecretSha256": "c0ffee"},
        "updateMask": "iap.enabled"}
    # the operation's completion, logged a few seconds later without the request body
    done = _audit(19, 34.0, "v1.compute.backendServices.patch",
                  "projects/acme/global/backendServices/public-api", "ops@acme.example")
    entries += [patch, done]
    path = tmp_path / "patch.json"
    report, by_id = _report(entries, path, engine)
    changes = [c for c in by_id.values() if "backendServices.patch" in c.template]
    assert len(changes) == 1 and changes[0].count == 2  # one change, logged twice
    sample = next(s for s in changes[0].samples if "=" in s)
    assert sample.endswith("on projects/acme/global/backendServices/public-api iap.enabled=true timeoutSec=30")
    assert "c0ffee" not in sample and "public-api=" not in sample
    result = check_grounded(render(report, "json"), render(report, "md"), str(path))
    assert result.ok, result.problems
