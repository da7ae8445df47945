"""Quiet callees beside loud callers: a callee's lock-retry warnings while an unrelated service was
redeployed minutes earlier. Invented exports, read as a user would (`build_report`), checking what
the report names first."""

from __future__ import annotations

from test_quiet_culprits import _lines, _report, _ts


def _contention_export() -> list[dict]:
    entries = _lines("coupons", range(40), range(0, 60, 10), "redeemed coupon {n}")
    entries += _lines("cart", range(40), range(3, 60, 10), "POST /cart/{n} 200 in 45 ms")
    entries += _lines("catalog", range(40), range(6, 60, 10), "GET /items/{n} 200 in 12 ms")
    # an unrelated service is redeployed four minutes before anything goes wrong
    entries.append({"timestamp": _ts(8, 20.0), "severity": "NOTICE", "logName": "projects/p/logs/cloudaudit.googleapis.com%2Factivity",
                    "resource": {"type": "cloud_run_revision", "labels": {"service_name": "catalog"}},
                    "protoPayload": {"methodName": "google.cloud.run.v1.Services.ReplaceService", "status": {},
                                     "resourceName": "namespaces/shop/services/catalog",
                                     "authenticationInfo": {"principalEmail": "deployer@example.com"}}})
    # the coupon store's rows are contended: its own retries first, then its own deadline errors
    entries += _lines("coupons", range(12, 40), range(1, 60, 2), "WARN retrying aborted transaction (attempt {n}): Transaction "
                      "was aborted, lock contention on coupon row", "WARNING")
    entries += _lines("coupons", range(12, 40), range(30, 60, 3), "redeem failed: DEADLINE_EXCEEDED: deadline exceeded after 10s",
                      "ERROR", "stderr")
    entries += _lines("cart", range(12, 40), range(44, 60, 1), "apply coupon failed: upstream request timeout after 10s",
                      "ERROR", "stderr")
    return entries


def test_a_callees_own_pressure_outranks_its_callers_despite_an_unrelated_deploy(tmp_path):
    """The callers time out on the coupon store; the store's own lock-retry warnings began first.
    A deploy of another service four minutes before is named by none of the waits: it is no
    callee, so the store's warnings, not the deploy and not the louder timeouts, come first."""
    report, by_id = _report(_contention_export(), tmp_path / "contention.json")
    top = by_id[report.root_cause.cluster_ids[0]]
    assert "retrying aborted transaction" in top.template, top.template
    for c in report.candidates:
        if "catalog" in by_id[c.cluster_id].services:
            continue
        assert "waits on catalog" not in c.reason, c.reason
