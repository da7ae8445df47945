"""The first signal to change, not the loudest: a component that began failing minutes before its
louder failures (new pods that cannot start, so the running ones overload; a refused step retried
with back-off) is where its failure showed first. Invented exports, read as a user would
(`build_report`)."""

from __future__ import annotations

from test_parallel_lead_in import _dir, _request
from test_quiet_culprits import _lines, _report, _ts


def _requests() -> list[dict]:
    """shop-api answers every ten seconds; from minute 18 every third order fails."""
    return [_request(m, s, 500 if m >= 18 and s % 30 == 0 else 200) for m in range(36) for s in range(0, 60, 10)]


def _overload_export(early_app: str, change_at: int | None = None) -> list[dict]:
    """From minute 13 `early_app` warns that a new replica of render-pool could not get an address
    (twice a minute, to the end); from minute 18 render-pool rejects jobs and shop-api's orders
    fail; a mailer warns at an even rate all along. `change_at`: a rollout of render-pool logged
    at that minute."""
    entries = _requests()
    entries += _lines(early_app, range(13, 36), range(4, 60, 30),
                      "WARNING: replica render-pool-{n} did not start: no address left in the pod network range", "WARNING")
    entries += _lines("render-pool", range(18, 36), range(2, 60, 5), "job {n} rejected: worker queue full", "ERROR")
    entries += _lines("shop-api", range(18, 36), range(3, 60, 6), "order {n} not rendered: render-pool rejected the job", "ERROR", "stderr")
    entries += _lines("mailer", range(36), range(11, 60, 30), "smtp relay slow to answer, retrying", "WARNING")
    if change_at is not None:
        entries.append({"timestamp": _ts(change_at, 30), "severity": "NOTICE",
                        "logName": "projects/p/logs/cloudaudit.googleapis.com%2Factivity",
                        "resource": {"type": "k8s_cluster", "labels": {"project_id": "p", "cluster_name": "prod"}},
                        "protoPayload": {"methodName": "io.k8s.apps.v1.deployments.patch", "status": {},
                                         "resourceName": "apps/v1/namespaces/prod/deployments/render-pool",
                                         "authenticationInfo": {"principalEmail": "ops@example.com"}}})
    return entries


def test_a_component_that_began_failing_minutes_before_its_loud_errors_leads_them(tmp_path):
    """render-pool's replicas could not start five minutes before its queue overflowed: that
    warning leads the report, above the louder errors of the same component that followed it."""
    report, by_id = _report(_overload_export("render-pool"), _dir(tmp_path, "same"))
    top = by_id[report.root_cause.cluster_ids[0]]
    assert "did not start" in top.template
    assert "showed its failure here first" in report.root_cause.statement
    queue = next(c for c in report.candidates if "queue full" in by_id[c.cluster_id].template)
    assert "followed it" in queue.reason
    # the statement names what followed, so the reader sees the failure they know in it
    assert "later failure followed it: `job" in report.root_cause.statement and "worker queue full" in report.root_cause.statement


def test_an_early_warning_of_another_component_or_before_a_change_does_not_lead(tmp_path):
    """The same early warning from a component that does not fail later is no first signal of
    render-pool's failure; nor is it when render-pool was rolled out between it and the errors:
    the change is the better suspect. In both the queue's errors lead."""
    for name, entries in (("other", _overload_export("net-agent")), ("change", _overload_export("render-pool", change_at=16))):
        report, by_id = _report(entries, _dir(tmp_path, name))
        assert "did not start" not in by_id[report.root_cause.cluster_ids[0]].template
        assert "showed its failure here first" not in report.root_cause.statement


def _backoff_export(fails_later: bool) -> list[dict]:
    """From minute 8 the kubelet cannot pull render-pool's image (429, rate limited), retrying with
    back-off: ever rarer, still at it after the onset. With `fails_later`, render-pool's workers
    then time out from minute 15; the onset at minute 18 brings shop-api's failures either way."""
    entries = _requests()
    for m in (8, 9, 10, 12, 14, 17, 21, 26, 32):
        entries += _lines("render-pool", range(m, m + 1), range(5, 60, 20),
                          'Failed to pull image "render:4.1": 429 Too Many Requests from registry', "WARNING")
    if fails_later:
        entries += _lines("render-pool", range(15, 36), range(9, 60, 20), "worker {n} timed out, killing it", "ERROR")
    entries += _lines("shop-api", range(18, 36), range(3, 60, 6), "order {n} failed: internal error", "ERROR", "stderr")
    entries += _lines("mailer", range(36), range(11, 60, 30), "smtp relay slow to answer, retrying", "WARNING")
    return entries


def test_a_refusal_retried_with_back_off_before_its_service_fails_is_the_cause(tmp_path):
    """The image pulls were refused (rate limited) before render-pool's workers began to time out:
    though the refusals thinned out at the onset, the service failing after them makes them the
    cause, not background. Without render-pool failing after them they are no candidate at all."""
    report, by_id = _report(_backoff_export(True), _dir(tmp_path, "fails"))
    assert "Failed to pull image" in by_id[report.root_cause.cluster_ids[0]].template
    assert report.root_cause.category == "upstream-dependency"
    quiet, qby = _report(_backoff_export(False), _dir(tmp_path, "quiet"))
    assert all("Failed to pull image" not in qby[c.cluster_id].template for c in quiet.candidates if c.cluster_id in qby)
