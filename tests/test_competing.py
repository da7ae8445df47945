"""What the report offers as a competing explanation of the cause it names."""
from __future__ import annotations

from rca.analysis import analyse, competing
from rca.models import ReadStats
from rca.pipeline import mine_and_tally
from rca.sources.reader import read_records
from test_sources_tracebacks import write_entries


def _ts(minute: int, second: float) -> str:
    return f"2026-03-02T10:{minute:02d}:{second:06.3f}Z"


def _app(name: str, minute: int, second: float, text: str, severity: str = "INFO", stream: str = "stdout") -> dict:
    return {"timestamp": _ts(minute, second), "severity": severity, "textPayload": text, "logName": f"projects/p/logs/{stream}",
            "resource": {"type": "k8s_container",
                         "labels": {"container_name": name, "pod_name": f"{name}-7d9f8c6b5-x2k4q", "namespace_name": "payments"}}}


def _policy_then_timeouts() -> list[dict]:
    """An hour of two services; a network policy created at 10:29:50; checkout's database calls time
    out from 10:30 on; cart fails on a missing key a few times from 10:40 (another failure)."""
    entries = [_app(name, m, s + k, f"{name} handled request {m * 60 + s} in 14 ms")
               for m in range(60) for s in (0, 20, 40) for k, name in enumerate(("checkout", "cart"))]
    entries.append({"timestamp": _ts(29, 50), "severity": "NOTICE", "logName": "projects/p/logs/cloudaudit.googleapis.com%2Factivity",
                    "protoPayload": {"methodName": "io.k8s.networking.v1.networkpolicies.create",
                                     "authenticationInfo": {"principalEmail": "ops@example.com"},
                                     "resourceName": "networking.k8s.io/v1/namespaces/payments/networkpolicies/ledger-allow-web"},
                    "resource": {"type": "k8s_cluster", "labels": {"cluster_name": "prod"}}})
    entries += [_app("checkout", m, s, "database query failed: dial tcp 10.0.0.5:5432: i/o timeout", "ERROR", "stderr")
                for m in range(30, 60) for s in range(5, 60, 5)]
    entries += [_app("cart", m, 7, "failed to render receipt: KeyError: 'discount_code'", "ERROR", "stderr") for m in range(40, 46)]
    return entries


def test_the_failure_a_named_change_explains_is_not_its_competitor(tmp_path):
    """A network policy created just before database calls time out is named as the cause, with
    the timeouts it explains. Those timeouts are the change's own account, not "the next competing
    explanation"; a different failure (another service's missing key) still is."""
    stats = ReadStats()
    mining, requests = mine_and_tally(read_records(write_entries(tmp_path, _policy_then_timeouts()), stats=stats), stats)
    analysis = analyse(mining, requests)
    template = {c.cluster_id: mining.cluster(c.cluster_id).template for c in analysis.candidates}
    policy, timeouts, other = (c.cluster_id for c in analysis.candidates[:3])
    assert "networkpolicies.create" in template[policy] and analysis.candidates[0].role == "change"
    assert analysis.candidates[0].explains == timeouts and "i/o timeout" in template[timeouts]
    assert "KeyError" in template[other] and analysis.rivals == [other]
    assert [c.cluster_id for c in competing(analysis, [policy])] == [other]
    # naming the failure itself leaves the same rival
    assert [c.cluster_id for c in competing(analysis, [timeouts])] == [other]
