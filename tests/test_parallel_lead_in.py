"""Errors that start some minutes before users fail are not always where the failure began: an
unrelated stream (a client reconnecting, a sidecar complaining) may start first and log on at the
same rate through the incident. Invented exports, read as a user would (`build_report`), checking
what the report says."""

from __future__ import annotations

from pathlib import Path

from test_quiet_culprits import _lines, _report, _ts


def _dir(tmp_path: Path, name: str) -> Path:
    d = tmp_path / name
    d.mkdir()
    return d


def _request(minute: int, second: float, status: int) -> dict:
    return {"timestamp": _ts(minute, second), "severity": "ERROR" if status >= 500 else "INFO",
            "logName": "projects/p/logs/run.googleapis.com%2Frequests",
            "resource": {"type": "cloud_run_revision", "labels": {"service_name": "shop-api", "revision_name": "shop-api-00012-xq4"}},
            "httpRequest": {"requestMethod": "POST", "requestUrl": "https://shop.example.com/api/orders", "status": status,
                            "latency": "0.120s"}}


def _export(parallel_rises: bool) -> list[dict]:
    """shop-api fails half its order requests from minute 16 with an error of its own; a notifier
    logs a reconnect error from minute 9, at an even rate (or, as a control, four times as often
    once the orders fail)."""
    entries = [_request(m, s, 500 if m >= 16 and s % 20 == 0 else 200) for m in range(40) for s in range(0, 60, 10)]
    entries += _lines("shop-api", range(40), range(5, 60, 20), "order {n} accepted")
    entries += _lines("shop-api", range(16, 40), range(0, 60, 20), "order {n} not saved: ledger answered REJECTED (balance row "
                      "checksum differs from the journal)", "ERROR", "stderr")
    entries += _lines("notifier", range(9, 16), range(3, 60, 15), "push channel to relay dropped, reconnecting", "ERROR", "stderr")
    entries += _lines("notifier", range(16, 40), range(3, 60, 4 if parallel_rises else 15),
                      "push channel to relay dropped, reconnecting", "ERROR", "stderr")
    return entries


def test_an_even_error_stream_that_starts_before_the_harm_does_not_take_the_onset(tmp_path):
    """The notifier's errors start seven minutes before the orders fail and keep their rate: the
    onset is when requests start failing, and the orders' own error is the finding. When the
    notifier's errors grow with the failures instead, the onset stays at their start."""
    report, by_id = _report(_export(False), _dir(tmp_path, "even"))
    assert report.window.onset is not None and report.window.onset.strftime("%H:%M") == "10:16"
    assert "ledger answered REJECTED" in by_id[report.root_cause.cluster_ids[0]].template
    grows, _ = _report(_export(True), _dir(tmp_path, "grows"))
    assert grows.window.onset is not None and grows.window.onset.strftime("%H:%M") == "10:09"


def _function_update(minute: int) -> dict:
    return {"timestamp": _ts(minute, 30.0), "severity": "NOTICE", "logName": "projects/p/logs/cloudaudit.googleapis.com%2Factivity",
            "resource": {"type": "cloud_function", "labels": {"function_name": "quote-gate", "region": "europe-west1"}},
            "protoPayload": {"@type": "type.googleapis.com/google.cloud.audit.AuditLog", "serviceName": "cloudfunctions.googleapis.com",
                             "methodName": "google.cloud.functions.v1.CloudFunctionsService.UpdateFunction",
                             "resourceName": "projects/p/locations/europe-west1/functions/quote-gate",
                             "authenticationInfo": {"principalEmail": "dev@example.com"}}}


def _function_entry(minute: int, second: int, text: str, severity: str) -> dict:
    return {"timestamp": _ts(minute, second), "severity": severity, "textPayload": text,
            "logName": "projects/p/logs/cloudfunctions.googleapis.com%2Fcloud-functions",
            "resource": {"type": "cloud_function", "labels": {"function_name": "quote-gate", "region": "europe-west1"}}}


def test_a_function_that_fails_right_after_its_update_fails_for_its_new_code(tmp_path):
    """A Cloud Functions UpdateFunction deploys new code, as a new Cloud Run revision does: the
    TypeError the function raises from then on is a code bug, not the configuration of a one-off
    change to some object."""
    entries = [_function_entry(m, s, "quote computed", "INFO") for m in range(30) for s in range(0, 60, 10)]
    entries.append(_function_update(11))
    entries += [_function_entry(m, s, "TypeError: Cannot read properties of undefined (reading 'currency')", "ERROR")
                for m in range(12, 30) for s in range(5, 60, 10)]
    report, by_id = _report(entries, _dir(tmp_path, "fn"))
    assert "TypeError" in by_id[report.root_cause.cluster_ids[0]].template
    assert report.root_cause.category == "code-bug"
