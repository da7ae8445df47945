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


def _varying(minute: int) -> int:
    """An uneven per-minute count (4 to 12), the same for whatever logs each failed request."""
    return 4 + (minute * 7) % 9


def test_an_error_logged_for_each_refused_request_from_the_first_minute_is_an_incident_under_way():
    """The window opens on requests refused with 4xx, and one service logs an ERROR for each, minute
    by minute, to the window's end: no burst to find, but the incident already under way (said so,
    with no baseline claim), the stream that logs the failures its likely cause - not background."""
    refused = {m: _varying(m) for m in range(60)}
    mining = mining_of([
        cluster("cgrpc001", "quote lookup failed: rpc error: code = FailedPrecondition desc = tariff table not loaded", refused),
        cluster("cnoise03", "Failed to refresh exchange rates", {m: 1 for m in range(0, 60, 3)}),
    ])
    requests = _requests({m: [(402, 0.1)] * refused[m] + [(200, 0.1)] * 48 for m in range(60)})
    analysis = analyse(mining, requests)
    assert analysis.priority == "P2" and analysis.mid_incident
    assert analysis.candidates[0].cluster_id == "cgrpc001"
    signal = next(s for s in analysis.impact.signals if s.kind == "client-errors")
    assert "baseline" not in signal.text.replace("no baseline", "") and "first minute" in signal.text


def test_an_even_error_stream_that_does_not_move_with_the_refused_requests_stays_background():
    """The same stream, as many errors, but its minutes do not rise and fall with the refused
    requests (a background stream at its own pace beside 4xx users always get): no incident."""
    refused = {m: _varying(m) for m in range(60)}
    mining = mining_of([
        cluster("cgrpc001", "quote lookup failed: rpc error: code = FailedPrecondition desc = tariff table not loaded", {m: 8 for m in range(60)}),
    ])
    requests = _requests({m: [(402, 0.1)] * refused[m] + [(200, 0.1)] * 48 for m in range(60)})
    assert analyse(mining, requests).priority == "none"


def test_a_4xx_departure_is_the_onset_when_the_errors_run_at_one_level_all_window():
    """Errors at one low level from the first minute to the last mark no change; requests refused
    with 4xx from minute 20 on, none before (one endpoint's uploads, under a tenth of all requests),
    do: that is the onset, and the incident is measured on them. The same 4xx share all window
    long is what users always get: no incident."""
    steady = cluster("cpush001", "webhook delivery to partner failed: context deadline exceeded", {m: 1 + m % 2 for m in range(60)})
    departed = _requests({m: ([(413, 0.1)] * 4 if m >= 20 else []) + [(200, 0.1)] * 56 for m in range(60)})
    analysis = analyse(mining_of([steady]), departed)
    assert analysis.onset == dt(20) and not analysis.mid_incident
    assert analysis.priority == "P2" and any(s.kind == "client-errors" for s in analysis.impact.signals)
    always = _requests({m: [(413, 0.1)] * 4 + [(200, 0.1)] * 56 for m in range(60)})
    assert analyse(mining_of([steady]), always).priority == "none"
    # a rise two minutes after the window opens has no baseline of its own to depart from: the window
    # opened on the incident (its errors from the first minute), not at the rise, and users are still refused
    early = analyse(mining_of([steady]), _requests({m: ([(413, 0.1)] * 4 if m >= 2 else []) + [(200, 0.1)] * 56 for m in range(60)}))
    assert early.onset == dt(0) and early.priority == "P2"


def test_a_backlog_the_system_reports_under_errors_that_run_all_window_is_the_onset():
    """Errors at one level from the first minute to the last mark no change; a queue that reports
    its backlog growing from minute 25 to the end (harm the system states itself: work waits) does.
    That is the onset and the impact, not "no incident". Requests served all along stay served."""
    steady = cluster("cpoll001", "carrier poll failed: connection reset by peer", {m: 3 + m % 2 for m in range(60)})
    backlog = cluster("cback002", "notifications backlog growing: oldest task age above <DURATION> threshold",
                      {m: 1 for m in range(25, 60, 4)}, severity="WARNING")
    served = _requests({m: [(200, 0.1)] * 50 for m in range(60)})
    analysis = analyse(mining_of([steady, backlog]), served)
    assert analysis.onset == dt(25) and analysis.priority == "P2"
    assert any(s.kind == "backlog" and s.cluster_ids == ["cback002"] for s in analysis.impact.signals)
    assert analyse(mining_of([steady]), served).priority == "none"
