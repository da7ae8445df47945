"""Windows that open mid-incident: what the order of first sightings can and cannot say."""
from __future__ import annotations

from rca.analysis import analyse
from test_analysis import _requests, cluster, dt, mining_of


def test_mid_incident_window_ranks_the_earliest_sign_above_a_later_consequence():
    """A window that opens with the failure under way: the failure it opens on (a rare exception in
    its first seconds) is the earliest sign there is; an error first logged two minutes later about
    the state that failure left behind is its consequence, not a newer and so likelier cause."""
    steady = {m: 10 for m in range(30)}
    mining = mining_of(
        [
            cluster("cfirst01", "ExportFailure: could not render report: render_pdf() takes 3 positional arguments", {0: 2}),
            cluster("clater01", "Report <*> must be ready to publish, but its state is failed", {2: 1}, first_second=40),
            cluster("csym0009", "GET <PATH> → <NUM>", steady, http_statuses={500: 300}),
        ]
    )
    mining.window_end = dt(29, 59)
    requests = _requests({m: [(500 if i % 3 == 0 else 200, None) for i in range(30)] for m in range(30)})
    analysis = analyse(mining, requests)
    assert analysis.mid_incident
    ranked = [c.cluster_id for c in analysis.candidates]
    assert ranked.index("cfirst01") < ranked.index("clater01"), ranked


def test_a_short_window_that_opens_on_errors_gives_its_first_streams_no_head_start():
    """Three minutes that open on errors are too short to tell a background stream from a failure
    under way: a stream there from the first second is not promoted as the earliest sign."""
    mining = mining_of(
        [
            cluster("cback001", "Lookup of seat map failed: result is null", {0: 4, 1: 3, 2: 4}),
            cluster("cnew0001", "TokenStore: code not found for session <*>", {1: 3, 2: 3}, first_second=50),
        ]
    )
    mining.window_end = dt(2, 59)
    analysis = analyse(mining)
    back = next(c for c in analysis.candidates if c.cluster_id == "cback001")
    assert "among the earliest signs" not in back.reason
