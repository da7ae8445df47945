"""Platform churn (a node drained, instances replaced, probes failing while pods start) with users
served is no incident; the same churn with instances that crash is. Invented services and lines only."""

from __future__ import annotations

from rca.analysis import analyse
from tests.test_analysis import _requests, cluster, mining_of


def _served(failed_per_minute: int = 0):
    """An hour of requests, all served but `failed_per_minute` from minute 30 on."""
    reqs = {m: [(200, 0.05)] * 100 for m in range(60)}
    for m in range(30, 60):
        reqs[m] = [(200, 0.05)] * (100 - failed_per_minute) + [(503, 0.05)] * failed_per_minute
    return _requests(reqs)


def _churn(stop_line: str, start_line: str, minutes=range(30, 40)):
    stop = cluster("cstop001", stop_line, {m: 1 for m in minutes}, severity="WARNING")
    start = cluster("cstart01", start_line, {m: 1 for m in minutes}, severity="WARNING")
    stop.services = start.services = ["lobby"]
    return [stop, start]


def test_instances_stopped_on_sigterm_and_still_starting_while_users_are_served_are_no_incident():
    churn = _churn("Container terminated on signal 15.",
                   'Default STARTUP TCP probe failed 1 time consecutively for container "lobby-1" on port 8080. '
                   "The instance has not yet started listening on the port.")
    analysis = analyse(mining_of(churn), _served())
    assert analysis.priority == "none" and analysis.healthy
    assert analysis.impact.restarts == 0


def test_instances_killed_or_failing_to_start_are_restarts_that_raise_the_priority():
    crash = _churn("Container terminated on signal 9.",
                   'Default STARTUP TCP probe failed 1 time consecutively for container "lobby-1" on port 8080. '
                   "The instance was not started.")
    analysis = analyse(mining_of(crash), _served())
    assert analysis.impact.restarts == 10
    assert analysis.priority == "P1" and analysis.priority_reason == "instances crash-loop"


def test_readiness_probes_failing_during_a_drain_are_no_failed_calls_or_timeouts():
    probes = [
        cluster("cprobe01", 'Readiness probe failed: timeout: failed to connect service ":8080" within 1s', {m: 2 for m in range(30, 45)},
                severity="WARNING"),
        cluster("cprobe02", "Readiness probe failed: HTTP probe failed with statuscode: 503", {m: 2 for m in range(30, 45)},
                severity="WARNING"),
    ]
    analysis = analyse(mining_of(probes))
    assert not [s for s in analysis.impact.signals if s.kind in ("failed-operations", "timeouts")]
    assert analysis.priority == "none"
    # a client whose calls time out in the same minutes is harm, probe or no probe
    calls = cluster("ccall001", "call to lobby timed out after <NUM> s", {m: 4 for m in range(30, 45)})
    signals = {s.kind for s in analyse(mining_of([*probes, calls])).impact.signals}
    assert "timeouts" in signals


def test_a_driver_failing_one_step_of_a_connection_to_a_restarting_node_is_no_failed_operation():
    handshake = cluster("cchan001", "[s0|/10.0.4.7:9042] Error while opening new channel (ConnectionInitException: "
                        "Protocol initialization request, step 1 (OPTIONS): failed to send request)", {m: 2 for m in range(30, 40)},
                        severity="WARNING")
    analysis = analyse(mining_of([handshake]))
    assert not [s for s in analysis.impact.signals if s.kind == "failed-operations"]
    assert analysis.priority not in ("P0", "P1")


def test_one_batch_run_that_failed_once_is_p2_but_a_pipeline_whose_runs_keep_failing_is_p1():
    cause = cluster("clost001", "ExecutorLostFailure: container killed by the node: out of memory", {m: 2 for m in range(30, 34)})
    once = cluster("cjob0001", "Job 7 failed: stage 3 aborted after task 41 failed 4 times", {41: 1}, severity="INFO")
    analysis = analyse(mining_of([cause, once]))
    assert analysis.priority == "P2" and "one batch run failed" in analysis.priority_reason
    every_run = cluster("cjob0001", "Job 7 failed: stage 3 aborted after task 41 failed 4 times", {m: 1 for m in range(35, 60, 4)},
                        severity="INFO")
    assert analyse(mining_of([cause, every_run])).priority == "P1"
    # a user's call that failed once is no batch run, however short
    call = cluster("ccall002", "API ERROR: create volume vol-7: Internal Server Error (HTTP 500)", {41: 1}, severity="INFO")
    assert analyse(mining_of([cause, call])).priority == "P1"


def test_a_batch_run_named_by_its_stage_or_batches_is_a_failed_run_as_one_vocabulary_says():
    """The words of a batch run that a failed-operation line may name are the words that make it one
    batch run: a failed stage, failed batches count as both."""
    cause = cluster("clost002", "ExecutorLostFailure: container killed by the node: out of memory", {m: 2 for m in range(30, 34)})
    for line in ("Stage 3 (nightly settlement) failed after 4 attempts", "2 batches of ledger rows failed to load"):
        once = cluster("crun0001", line, {41: 1}, severity="INFO")
        analysis = analyse(mining_of([cause, once]))
        assert analysis.priority == "P2" and "one batch run failed" in analysis.priority_reason, line


def test_a_worker_that_exited_after_sigterm_is_no_restart_but_one_that_exited_with_an_error_is():
    from rca.analysis.knowledge import clean_exit

    drained = cluster("cexit001", "Worker (pid:<NUM>) exited with code <NUM>", {30: 3}, sample="Worker (pid:7) exited with code 143")
    crashed = cluster("cexit002", "Worker (pid:<NUM>) exited with code <NUM>", {30: 3}, sample="Worker (pid:7) exited with code 3")
    assert clean_exit(drained) and not clean_exit(crashed)


def test_a_quiet_window_without_request_logs_does_not_claim_requests_it_never_saw():
    probes = cluster("cprobe03", "Readiness probe failed: HTTP probe failed with statuscode: 500", {m: 1 for m in range(30, 40)},
                     severity="WARNING")
    analysis = analyse(mining_of([probes]))
    assert analysis.priority == "none" and "requests" not in analysis.priority_reason
