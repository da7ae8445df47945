"""Impact that is not a failed HTTP request: work the system says goes wrong (new warning streams
that start beyond doubt and keep running), failed work that outlives a short blip of requests,
and a failure that recurs in bursts. Invented windows, checked on what the analysis reports."""

from __future__ import annotations

from rca.analysis import analyse
from tests.test_analysis import M0, _requests, cluster, mining_of


def _served() -> dict:
    """An hour of requests, every one served."""
    return {m: [(200, 0.05)] * 20 for m in range(60)}


def _background() -> list:
    """What a healthy hour logs: an even warning, and a rarer one that happens to start a few minutes in."""
    return [cluster("cbgwarn1", "cache refresh slow <NUM> ms", {m: 2 for m in range(60)}, severity="WARNING"),
            cluster("cbgwarn2", "deprecated header used by client <STR>", {m: 1 for m in range(4, 60, 2)}, severity="WARNING")]


def _new_warnings(start: int) -> list:
    """A worker that starts to say its work repeats, and goes on saying it to the window's end."""
    return [cluster("credeliv", "message redelivered msg_id=<HEX> attempt=<NUM>", {m: 4 for m in range(start, 60)}, severity="WARNING"),
            cluster("cduplic8", "duplicate order <*> already assigned, rejecting", {m: 3 for m in range(start + 1, 60)}, severity="WARNING")]


def test_warning_streams_that_start_beyond_doubt_and_keep_running_are_an_incident():
    """No request fails and no error is logged, but from minute 20 a worker reports redelivered and
    duplicated work it never reported before: the onset is minute 20 and the priority says so."""
    analysis = analyse(mining_of(_background() + _new_warnings(20)), _requests(_served()))
    assert analysis.priority == "P2" and not analysis.healthy
    assert analysis.onset is not None and int(analysis.onset.timestamp() // 60) == M0 + 20
    assert any(s.kind == "trouble" and s.count == 40 * 4 + 39 * 3 for s in analysis.impact.signals)


def test_a_healthy_hour_with_a_warning_that_merely_starts_late_stays_no_incident():
    """The rare background warning starts at minute 4: a silence its own rate makes unlikely at
    one in twenty, but not beyond doubt. Nothing else changes: no incident."""
    analysis = analyse(mining_of(_background()), _requests(_served()))
    assert analysis.priority == "none" and analysis.healthy


def test_new_trouble_that_stops_before_the_window_ends_is_no_lasting_change():
    """The same warnings for ten minutes, then silence for half an hour: not still running at the
    window's end, so they mark no incident under way."""
    passing = [cluster("credeliv", "message redelivered msg_id=<HEX> attempt=<NUM>", {m: 4 for m in range(20, 30)}, severity="WARNING")]
    assert analyse(mining_of(_background() + passing), _requests(_served())).priority == "none"


def _blip_window(work_fails_after: bool):
    """Six in a hundred requests fail for two minutes (a ripple), while an import job that began
    at minute 20 reports failed runs: until the blip, or on to the window's end."""
    reqs = {m: [(200, 0.05)] * 100 for m in range(60)}
    for m in (30, 31):
        reqs[m] = [(200, 0.05)] * 94 + [(502, 0.05)] * 6
    runs = range(20, 59, 3) if work_fails_after else range(20, 32, 3)
    failed = cluster("cimport1", "bulk import <*> completed: upload failed for <NUM> records", {m: 1 for m in runs}, severity="WARNING")
    failed.services = ["orders"]
    burst = cluster("cburst01", "payload rejected: request too large", {30: 8, 31: 6})
    burst.services = ["orders"]
    return analyse(mining_of([failed, burst]), _requests(reqs))


def test_a_ripple_of_requests_is_no_incident_unless_the_work_keeps_failing_after_it():
    recovered = _blip_window(work_fails_after=False)
    assert recovered.priority == "none" and "ripple" in recovered.priority_reason
    failing = _blip_window(work_fails_after=True)
    assert failing.priority == "P2" and "ripple" not in failing.priority_reason


def test_a_failure_that_recurs_in_growing_bursts_begins_at_its_first_burst():
    """A node is drained every nine minutes and the work on it aborts, more each time: the
    loudest burst is the last, but the failure began at the first. A stream with one stray line
    long before its burst is not moved back to it."""
    background = cluster("cbgerr01", "token already consumed, treating as duplicate", {m: 1 for m in range(0, 60, 2)})
    aborts = cluster("caborts1", "aborting match <*>: server shutting down", {12: 3, 21: 6, 30: 9, 39: 14})
    assert _onset(analyse(mining_of([background, aborts]))) == 12
    stray = cluster("caborts1", "aborting match <*>: server shutting down", {12: 1, 39: 30, 40: 20})
    assert _onset(analyse(mining_of([background, stray]))) == 39


def _onset(analysis) -> int | None:
    return int(analysis.onset.timestamp() // 60) - M0 if analysis.onset is not None else None


def test_advice_that_starts_beyond_doubt_is_not_trouble():
    """From minute 20 a newly started worker warns, on every request it serves, that an option is
    deprecated and asks to update its configuration: new and still running, but advice about some
    day, not the system reporting that work goes wrong. No incident; the same stream saying work is
    redelivered is one."""
    advice = [cluster("cadvice1", "Option <STR> in group [cache] is deprecated, please update to <STR>", {m: 4 for m in range(20, 60)}, severity="WARNING")]
    analysis = analyse(mining_of(_background() + advice), _requests(_served()))
    assert analysis.priority == "none" and analysis.healthy
    assert analyse(mining_of(_background() + _new_warnings(20)[:1]), _requests(_served())).priority == "P2"
