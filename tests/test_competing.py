"""What the report offers as a competing explanation of the cause it names."""
from __future__ import annotations

from rca.analysis import analyse, competing
from rca.models import Candidate
from test_analysis import cluster, mining_of


def test_the_failure_a_named_change_explains_is_not_its_competitor():
    """A network policy created just before database calls time out is named as the cause, with
    the timeouts it explains. Those timeouts are the change's own account, not "the next competing
    explanation"; a different failure (calls to another dependency timing out) still is."""
    mining = mining_of([cluster("cdbwait1", "dial tcp <IP>:5432: i/o timeout", {m: 30 for m in range(30, 60)})])
    analysis = analyse(mining)
    analysis.candidates = [
        Candidate(cluster_id="cpolicy1", score=5.13, reason="a change just before the onset", role="change",
                  signature="config-change", explains="cdbwait1"),
        Candidate(cluster_id="cdbwait1", score=5.12, reason="first seen at the onset", signature="db-timeout"),
        Candidate(cluster_id="cupstrm1", score=5.04, reason="first seen at the onset", signature="upstream-timeout"),
    ]
    analysis.rivals = ["cupstrm1"]
    assert [c.cluster_id for c in competing(analysis, ["cpolicy1"])] == ["cupstrm1"]
    # naming the failure itself leaves the same rival
    assert [c.cluster_id for c in competing(analysis, ["cdbwait1"])] == ["cupstrm1"]
