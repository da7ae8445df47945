"""Analysis stage on hand-built mining results: onset, roles, ranking, impact, priority."""

from __future__ import annotations

from datetime import datetime, timezone

from rca.analysis import analyse, decide_priority
from rca.analysis.impact import RequestTally, endpoint_key, nearest_rank
from rca.analysis.onset import find_onset
from rca.models import ClusterLink, ClusterStats, Impact, LogRecord, MiningResult

T0 = 1_757_970_000 - (1_757_970_000 % 3600)  # an hour boundary
M0 = T0 // 60


def dt(minute: int, second: int = 0) -> datetime:
    return datetime.fromtimestamp((M0 + minute) * 60 + second, tz=timezone.utc)


def cluster(cid: str, template: str, minutes: dict[int, int], severity: str = "ERROR", sample: str | None = None, **kw) -> ClusterStats:
    timeline = {M0 + m: n for m, n in minutes.items()}
    first = min(minutes)
    last = max(minutes)
    return ClusterStats(
        id=cid,
        template=template,
        count=sum(minutes.values()),
        severity=severity,
        by_severity={severity: sum(minutes.values())},
        services=["checkout"],
        first_seen=dt(first, kw.pop("first_second", 0)),
        last_seen=dt(last, 30),
        timeline=timeline,
        samples=[sample or template],
        **kw,
    )


def mining_of(clusters: list[ClusterStats], links: list[ClusterLink] | None = None) -> MiningResult:
    error_tl: dict[int, int] = {}
    for c in clusters:
        if c.errors:
            for m, n in c.timeline.items():
                error_tl[m] = error_tl.get(m, 0) + n
    return MiningResult(
        clusters=clusters,
        total_entries=sum(c.count for c in clusters) + 5000,
        by_severity={},
        window_start=dt(0),
        window_end=dt(59, 59),
        error_timeline=error_tl,
        links=links or [],
    )


def incident() -> MiningResult:
    burst = {m: 40 for m in range(30, 60)}
    return mining_of(
        [
            # steady background warning all hour: noise
            cluster("cnoise01", "Feature flag cache refresh slow <NUM> ms", {m: 2 for m in range(60)}, severity="WARNING"),
            # steady background error all hour: noise, even though it is an ERROR
            cluster("cnoise02", "Failed to refresh exchange rates", {m: 1 for m in range(0, 60, 3)}),
            # the cause: new, just before the burst, matches a signature, rarer than the symptoms
            cluster("ccause01", "sqlalchemy.exc.TimeoutError: QueuePool limit of size <NUM> overflow <NUM> reached", {m: 3 for m in range(29, 60)}),
            # symptoms: 5xx request logs and crash-loop lines, far more frequent
            cluster("csym0001", "POST <PATH> → <NUM>", burst, http_statuses={503: 1200}, first_second=20),
            cluster("csym0002", "Container called exit(<NUM>).", {m: 5 for m in range(31, 60)}, severity="WARNING"),
        ],
        links=[ClusterLink(source="ccause01", target="csym0001", count=50, via="instance")],
    )


def test_onset_finds_the_burst():
    timeline = {M0 + m: 1 for m in range(0, 30, 5)} | {M0 + m: 30 for m in range(30, 50)}
    onset = find_onset(timeline, M0, M0 + 59)
    assert onset.minute == M0 + 30
    assert onset.baseline_per_min < 1
    assert onset.peak_per_min == 30


def test_onset_none_for_steady_errors():
    timeline = {M0 + m: 2 for m in range(60)}
    onset = find_onset(timeline, M0, M0 + 59)
    assert onset.minute is None or onset.ongoing_from_start


def test_onset_none_without_errors():
    assert find_onset({}, M0, M0 + 59).minute is None


def test_cause_outranks_more_frequent_symptoms_and_noise():
    analysis = analyse(incident())
    assert analysis.candidates[0].cluster_id == "ccause01"
    assert analysis.candidates[0].signature == "pool-exhaustion"
    # the client's own pool ran dry and nothing shows the database under strain
    assert analysis.candidates[0].category == "resource-exhaustion"
    assert {"csym0001", "csym0002"} <= set(analysis.symptoms)
    assert {"cnoise01", "cnoise02"} <= set(analysis.noise)
    assert all(c.cluster_id not in ("cnoise01", "cnoise02", "csym0001") for c in analysis.candidates)
    assert analysis.onset == dt(30)  # the burst; the cause was first seen a minute earlier
    assert "shortly before" in analysis.candidates[0].reason or "onset" in analysis.candidates[0].reason


def test_no_signature_still_ranks_the_first_new_error():
    clusters = incident().clusters
    clusters[2] = cluster("ccause01", "Order total mismatch for basket <NUM>", {m: 3 for m in range(29, 60)})
    analysis = analyse(mining_of(clusters))
    assert analysis.candidates[0].cluster_id == "ccause01"


def test_healthy_window_has_no_priority():
    mining = mining_of([cluster("cwarn001", "Slow query took <DURATION>", {m: 1 for m in range(0, 60, 4)}, severity="WARNING")])
    analysis = analyse(mining)
    assert analysis.priority == "none"
    assert analysis.healthy


def test_request_tally_and_priority_from_impact():
    tally = RequestTally()
    records = []
    for i in range(100):
        status = 503 if i >= 50 else 200
        records.append(LogRecord(timestamp=(M0 + 30 + i % 30) * 60 + (0 if i < 50 else 0), severity="INFO", message="", http_status=status, latency_s=i / 100, endpoint="GET /api/orders/123456"))
    list(tally.tap(records))
    stats = tally.summary()
    assert stats.total == 100 and stats.by_status == {200: 50, 503: 50}
    assert stats.latency.p50_s == 0.49 and stats.latency.max_s == 0.99
    assert stats.endpoints[0].endpoint == "GET /api/orders/{id}" and stats.endpoints[0].failed == 50
    analysis = analyse(incident(), stats)
    assert analysis.impact.failed_requests == 50
    assert analysis.priority == "P0"


def test_priority_levels():
    assert decide_priority(Impact(incident_requests=100, incident_failed_requests=50, incident_error_rate=0.5), True, True)[0] == "P0"
    assert decide_priority(Impact(incident_requests=100, incident_failed_requests=10, incident_error_rate=0.1), True, True)[0] == "P1"
    assert decide_priority(Impact(incident_requests=1000, incident_failed_requests=5, incident_error_rate=0.005), True, True)[0] == "P2"
    assert decide_priority(Impact(total_requests=500), True, True)[0] == "P3"  # errors while users are served
    assert decide_priority(Impact(), True, True)[0] == "P2"  # errors, and no request log to show users served
    assert decide_priority(Impact(), False, False)[0] == "none"


def test_nearest_rank_and_endpoint_keys():
    assert nearest_rank([1.0, 2.0, 3.0, 4.0], 50) == 2.0
    assert nearest_rank([1.0, 2.0, 3.0, 4.0], 95) == 4.0
    assert nearest_rank([], 50) is None
    assert endpoint_key("GET /api/threads/thread_9b9289c23212/messages") == "GET /api/threads/{id}/messages"
    assert endpoint_key("GET /health") == "GET /health"


def test_stack_frame_fragments_are_not_causes_and_java_pool_signature():
    burst = {m: 40 for m in range(30, 60)}
    mining = mining_of(
        [
            cluster("cframe01", "at com.zaxxer.hikari.pool.HikariPool.getConnection(HikariPool.java:<NUM>)", {m: 12 for m in range(29, 60)}, first_second=1),
            cluster("cframe02", "... <NUM> more", {m: 12 for m in range(29, 60)}, first_second=1),
            cluster(
                "ccause02",
                "java.sql.SQLTransientConnectionException: HikariPool-<NUM> - Connection is not available, request timed out after <NUM>ms.",
                {m: 3 for m in range(29, 60)},
                first_second=2,
            ),
            cluster("csym0001", "GET <PATH> → <NUM> Service Unavailable (<NUM> s)", burst, http_statuses={503: 1200}, first_second=20),
        ]
    )
    analysis = analyse(mining)
    assert analysis.candidates[0].cluster_id == "ccause02"
    assert analysis.candidates[0].signature == "pool-exhaustion"
    assert not {"cframe01", "cframe02"} & {c.cluster_id for c in analysis.candidates}


def test_incident_already_under_way_when_the_window_opens():
    steady = {m: 10 for m in range(60)}
    mining = mining_of(
        [
            cluster("ccause03", "asyncpg.exceptions.ConnectionDoesNotExistError: connection to database timed out", {m: 2 for m in range(60)}),
            cluster("csym0003", "GET <PATH> → <NUM> Service Unavailable (<NUM> s)", steady, http_statuses={503: 600}),
        ]
    )
    tally = RequestTally()
    records = [LogRecord(timestamp=(M0 + m) * 60.0, severity="ERROR", message="", http_status=503 if i % 2 else 200, endpoint="GET /x") for m in range(60) for i in range(20)]
    list(tally.tap(records))
    analysis = analyse(mining, tally.summary())
    assert analysis.candidates and analysis.candidates[0].cluster_id == "ccause03"
    assert analysis.priority == "P0"
    assert analysis.mid_incident  # the window opened with the incident under way
    assert all("absent from the baseline" not in c.reason for c in analysis.candidates)


# --------------------------------------------------------------------------- impact beyond 5xx


def _requests(per_minute: dict[int, list[tuple[int, float]]]):
    """A RequestStats from (status, latency) pairs per window minute."""
    tally = RequestTally()
    list(tally.tap(LogRecord(timestamp=(M0 + m) * 60.0 + i, severity="INFO", message="", http_status=st, latency_s=lat,
                             endpoint="GET /api/orders") for m, reqs in per_minute.items() for i, (st, lat) in enumerate(reqs)))
    return tally.summary()


def _new_error_at(minute: int) -> ClusterStats:
    return cluster("ccause09", "Order total mismatch for basket <NUM>", {m: 2 for m in range(minute, 60)})


def test_a_job_run_reported_failed_makes_p1_without_request_logs():
    mining = mining_of([
        _new_error_at(30),
        cluster("cjobfail", "Job run nightly-export failed: exit status <NUM>", {m: 1 for m in range(31, 60, 5)}, severity="INFO"),
    ])
    analysis = analyse(mining)
    assert analysis.priority == "P1"
    assert "failed calls or job runs reported by clients" in analysis.priority_reason
    signal = analysis.impact.signals[0]
    assert signal.kind == "failed-operations" and signal.count == 6 and signal.cluster_ids == ["cjobfail"]
    # the same failure report running all hour long is background, not impact
    steady = mining_of([_new_error_at(30), cluster("cjobfail", "Job run nightly-export failed", {m: 1 for m in range(60)}, severity="INFO")])
    background = analyse(steady)
    assert background.priority not in ("P0", "P1") and "failed calls" not in background.priority_reason


def test_unhandled_exceptions_in_request_handlers_make_p2_and_say_so():
    mining = mining_of([
        _new_error_at(30),
        cluster("chandler", "Exception on /checkout [POST]", {m: 3 for m in range(30, 60)}),
    ])
    analysis = analyse(mining)
    assert analysis.priority == "P2"
    assert "unhandled exceptions in the request handler" in analysis.priority_reason
    assert analysis.candidates[0].cluster_id in ("ccause09", "chandler")


def test_a_4xx_surge_against_its_own_baseline_is_impact():
    before = {m: [(200, 0.1)] * 19 + [(404, 0.1)] for m in range(0, 30)}  # 5% 404s all along: background
    after = {m: [(200, 0.1)] * 10 + [(403, 0.1)] * 10 for m in range(30, 60)}  # half refused
    analysis = analyse(mining_of([_new_error_at(30)]), _requests(before | after))
    assert analysis.priority == "P0"  # half of the users refused: as many failing as with server errors
    assert "4xx" in analysis.priority_reason
    tenth = {m: [(200, 0.1)] * 16 + [(403, 0.1)] * 3 for m in range(30, 60)}  # one in six refused
    assert analyse(mining_of([_new_error_at(30)]), _requests(before | tenth)).priority == "P1"
    # a surge of 404s (lookups of things that do not exist) is what users asked for: graded lower
    missing = {m: [(200, 0.1)] * 16 + [(404, 0.1)] * 3 for m in range(30, 60)}
    assert analyse(mining_of([_new_error_at(30)]), _requests(before | missing)).priority == "P2"
    half_missing = {m: [(200, 0.1)] * 10 + [(404, 0.1)] * 10 for m in range(30, 60)}
    assert analyse(mining_of([_new_error_at(30)]), _requests(before | half_missing)).priority == "P1"
    steady = {m: [(200, 0.1)] * 19 + [(404, 0.1)] for m in range(60)}
    assert analyse(mining_of([_new_error_at(30)]), _requests(steady)).priority == "P3"


def test_a_latency_shift_is_impact():
    reqs = {m: [(200, 0.1)] * 10 for m in range(30)} | {m: [(200, 1.5)] * 10 for m in range(30, 60)}
    analysis = analyse(mining_of([_new_error_at(30)]), _requests(reqs))
    assert analysis.priority == "P2"
    assert [s.kind for s in analysis.impact.signals] == ["latency"]
    assert analysis.impact.timeline == {}  # no failed request or impact cluster per minute


def test_requests_that_get_slower_without_any_error_are_an_incident_from_the_shift():
    """No error burst, no failed request: mean latency tripling from minute 25 on and staying up
    is the onset; a steady error stream all hour long does not hide it."""
    reqs = {m: [(200, 0.03 + 0.01 * (i % 3)) for i in range(12)] for m in range(25)}
    reqs |= {m: [(200, 0.11 + 0.02 * (i % 3)) for i in range(12)] for m in range(25, 60)}
    steady = cluster("cbgerr01", "quota probe failed: 403 Forbidden", {m: 4 for m in range(60)})
    analysis = analyse(mining_of([steady]), _requests(reqs))
    assert analysis.onset == dt(25) and analysis.onset_basis == "latency"
    assert analysis.priority == "P2" and "latency" in analysis.priority_reason
    # the same latency all hour (noisy, but no step): no incident
    flat = {m: [(200, 0.03 + 0.08 * ((m + i) % 2)) for i in range(12)] for m in range(60)}
    assert analyse(mining_of([steady]), _requests(flat)).priority == "none"
    # a blip of three slow minutes that recovers is no shift
    blip = {m: [(200, 0.04)] * 12 for m in range(60)} | {m: [(200, 0.4)] * 12 for m in (30, 31, 32)}
    assert analyse(mining_of([steady]), _requests(blip)).onset_basis != "latency"


# --------------------------------------------------------------------------- background, novelty, cascades


def test_a_loud_error_stream_running_since_the_window_opened_is_background():
    mining = mining_of([
        cluster("cloud001", "Registry lookup failed: no instances available", {m: 30 for m in range(60)}),
        cluster("cquiet01", "Price service returned an empty list", {m: 1 for m in range(30, 60)}, first_second=15),
    ])
    analysis = analyse(mining)
    assert analysis.candidates[0].cluster_id == "cquiet01"
    assert "cloud001" in analysis.noise


def test_a_stream_first_seen_seconds_after_the_window_opens_is_not_new():
    # window opens at minute 0; onset at minute 1: too little baseline to call anything "new"
    mining = mining_of([
        cluster("cearly01", "Order status wrong for order <NUM>", {0: 4, 1: 4, 2: 30, 3: 30}, first_second=8),
        cluster("cnew0001", "Route lookup by ids failed", {2: 12, 3: 12}, first_second=5),
    ])
    analysis = analyse(mining)
    early = next(c for c in analysis.candidates + [] if c.cluster_id == "cearly01") if "cearly01" not in analysis.noise else None
    assert analysis.candidates[0].cluster_id == "cnew0001"
    assert early is None or "present since the window opened" in early.reason
    assert all("absent from the baseline" not in c.reason for c in analysis.candidates if c.cluster_id == "cearly01")


def test_callee_that_changed_first_outranks_the_callers_timeouts():
    slow = cluster("ccallee1", "Slow query: SELECT on orders took <NUM> ms", {m: 4 for m in range(29, 60)}, severity="WARNING")
    slow.services = ["orders-db-proxy"]
    timeouts = cluster("ccaller1", "Upstream request to orders timed out after <NUM> s", {m: 40 for m in range(30, 60)}, first_second=40)
    mining = mining_of([slow, timeouts])
    analysis = analyse(mining)
    assert analysis.candidates[0].cluster_id == "ccallee1"
    caller = next(c for c in analysis.candidates if c.cluster_id == "ccaller1")
    assert "another service that changed first" in caller.reason


def test_an_info_level_gc_pause_in_the_callee_is_the_first_signal_of_a_cascade():
    gc = cluster("ccallee2", "GC pause (G1 Evacuation Pause) <NUM> ms", {m: 6 for m in range(28, 60)}, severity="INFO")
    gc.services = ["pricing"]
    bulkhead = cluster("ccaller2", "Bulkhead 'pricing' is full and does not permit further calls", {m: 30 for m in range(30, 60)}, first_second=20)
    timeouts = cluster("ccaller3", "Call to pricing timed out after <NUM> ms", {m: 30 for m in range(30, 60)}, first_second=25)
    analysis = analyse(mining_of([gc, bulkhead, timeouts]))
    assert analysis.candidates[0].cluster_id == "ccallee2"
    assert analysis.candidates[0].signature == "resource-pressure"
    # the same GC line, steady all hour, is background and not a candidate
    steady = cluster("ccallee2", "GC pause (G1 Evacuation Pause) <NUM> ms", {m: 6 for m in range(60)}, severity="INFO")
    analysis = analyse(mining_of([steady, bulkhead, timeouts]))
    assert "ccallee2" not in {c.cluster_id for c in analysis.candidates[:1]}


def test_a_callee_warning_logged_as_its_callers_begin_to_time_out_outranks_their_timeouts():
    """The callee's own line (a server finishing calls past their deadline) is written in the same
    second as its callers' first timeouts, not ten seconds before: it is still the callee's signal,
    and the callers' louder timeouts are their view of it, not a rival explanation."""
    slow = cluster("cslowsrv", "handled call GetQuote past its deadline", {m: 8 for m in range(30, 50)},
                   severity="WARNING", first_second=4)
    slow.services = ["quotes"]
    caller_a = cluster("cwaita01", "fetch quote failed: context deadline exceeded", {m: 30 for m in range(30, 50)}, first_second=4)
    caller_b = cluster("cwaitb01", "Exception calling quotes: StatusCode.DEADLINE_EXCEEDED", {m: 30 for m in range(30, 50)},
                       first_second=5)
    caller_b.services = ["basket"]
    analysis = analyse(mining_of([slow, caller_a, caller_b]))
    top = analysis.candidates[0]
    assert top.cluster_id == "cslowsrv" and top.waited_on == "quotes"
    assert not analysis.hypotheses_close  # the callers' timeouts are the same failure, seen from them
    # two other services changing at once and nothing naming either: no callee to point at
    other = cluster("cother01", "cache refresh skipped: lock held", {m: 3 for m in range(30, 50)}, severity="WARNING", first_second=1)
    other.services = ["catalogue"]
    analysis = analyse(mining_of([slow, other, caller_a, caller_b]))
    assert analysis.candidates[0].cluster_id not in ("cslowsrv", "cother01")
    # ... unless the callers' words name the callee
    named = cluster("cwaitn01", "call to quotes:7000 failed: context deadline exceeded", {m: 30 for m in range(30, 50)},
                    first_second=4)
    assert analyse(mining_of([slow, other, named])).candidates[0].cluster_id == "cslowsrv"
    # a wrapper in another service repeating a waiting caller's words (without the wait) is that
    # caller's echo, and so below the callee too
    waits = cluster("cwaitq01", "GetQuote for basket <*> failed: the quote service answered too late (deadline exceeded)",
                    {m: 30 for m in range(30, 50)}, first_second=5)
    wrapper = cluster("cwrap001", "GetQuote for basket <*> failed: the quote service answered too late",
                      {m: 30 for m in range(30, 50)}, first_second=7)
    wrapper.services = ["web"]
    ranked = [c.cluster_id for c in analyse(mining_of([slow, waits, wrapper])).candidates]
    assert ranked[0] == "cslowsrv" and ranked.index("cwaitq01") < ranked.index("cwrap001")


def test_an_info_stream_of_another_service_that_starts_before_callers_wait_is_what_they_wait_on():
    """A slow-query log (INFO, one line per query) starts in the database a little before its
    callers' pool waits: the callers' pool exhaustion is their view of it. The same INFO stream
    starting only after the waits, or steady all hour, is not."""
    def waits():
        # its trace's frames name source files and lines, not hosts it calls
        w = cluster("cpool001", "pool exhausted: connection is not available, request timed out after <NUM>ms",
                    {m: 20 for m in range(30, 50)}, first_second=40,
                    sample="pool exhausted: connection is not available, request timed out after 30000ms\n"
                           "\tat com.example.pool.Pool.timeout(Pool.java:696)\n\tat com.example.Ledger.book(Ledger.java:42)")
        w.services = ["ledger"]
        return w

    def queries(minutes: dict[int, int], second: int) -> ClusterStats:
        q = cluster("cquery01", "select * from entries where booked_on > <STR>", minutes, severity="INFO", first_second=second)
        q.services = ["ledger-db"]
        return q

    analysis = analyse(mining_of([waits(), queries({m: 25 for m in range(30, 50)}, 10)]))
    assert analysis.candidates[0].cluster_id == "cquery01"
    assert analysis.candidates[0].category == "database"  # what the waits it explains are on
    late = analyse(mining_of([waits(), queries({m: 25 for m in range(31, 50)}, 30)]))
    assert late.candidates[0].cluster_id == "cpool001"
    steady = analyse(mining_of([waits(), queries({m: 25 for m in range(60)}, 0)]))
    assert steady.candidates[0].cluster_id == "cpool001"
    # a stack-trace piece of the waiting callers written at INFO is no signal of its own
    piece = cluster("cpiece01", "java.sql.SQLTransientConnectionException: pool timed out", {m: 20 for m in range(30, 50)},
                    severity="INFO", first_second=10)
    piece.services = ["ledger-api"]
    assert analyse(mining_of([waits(), piece])).candidates[0].cluster_id == "cpool001"


def test_callers_quoting_the_server_error_they_were_answered_with_rank_below_the_source():
    """Several services log the 500 a downstream service answered them with (a JSON error body,
    a client exception for a 5xx), louder than anything else and all at once; the downstream
    service's own signal started first, and is the finding. Without a signal that started
    earlier, the quoting callers keep their rank."""
    starve = cluster("cstarve1", "worker pool saturated: <NUM> tasks queued, housekeeping delayed by <DURATION>",
                     {m: 1 for m in range(30, 45)}, severity="WARNING", first_second=2)
    starve.services = ["routes"]
    quoted = cluster("cquote01", "booking failed; nested exception is UpstreamCallException: answer <JSON>",
                     {m: 30 for m in range(30, 45)}, first_second=20,
                     sample='booking failed; nested exception is UpstreamCallException: answer '
                            '{"status":500,"error":"Internal Server Error","path":"/api/v1/itinerary"}')
    quoted.services = ["travel", "booking"]
    assert analyse(mining_of([starve, quoted])).candidates[0].cluster_id == "cstarve1"
    assert analyse(mining_of([quoted])).candidates[0].cluster_id == "cquote01"
    # a caller's error that quotes no server error keeps its rank above the quieter warning
    own = cluster("cown0001", "booking failed; nested exception is KeyError: 'fare'", {m: 30 for m in range(30, 45)}, first_second=20)
    own.services = ["travel", "booking"]
    assert analyse(mining_of([starve, own])).candidates[0].cluster_id == "cown0001"


_MESH = ('[2026-01-05T10:00:00.000Z] "POST /rates.Rates/Convert HTTP/2" {status} {flags} - "-" 12 0 3001 - "-" "grpc-go/1.59.0" '
         '"req-1" "rates:7000" "10.0.0.9:7000" outbound|7000||rates.default.svc.cluster.local 10.0.0.7:41234 10.1.0.9:7000 '
         '10.0.0.7:50000 - default')


def test_a_mesh_proxys_failed_calls_name_the_callee_that_logs_nothing():
    """The callee is healthy in its own logs (a slow network path to it); only the callers' proxy
    records the calls it gave up on, at INFO, naming the upstream: that record is the finding."""
    proxy = cluster("cmesh001", '"POST <PATH> HTTP/2" <NUM> DC downstream_remote_disconnect outbound|<NUM>||<HOST>',
                    {m: 10 for m in range(30, 45)}, severity="INFO", sample=_MESH.format(status=0, flags="DC"), first_second=6)
    proxy.services = ["web"]
    timeouts = cluster("ctimeo01", "could not convert price: rpc error: code = DeadlineExceeded desc = context deadline exceeded", {m: 10 for m in range(30, 45)},
                       first_second=6)
    timeouts.services = ["web"]
    analysis = analyse(mining_of([proxy, timeouts]))
    assert analysis.candidates[0].cluster_id == "cmesh001" and analysis.candidates[0].waited_on == "rates"
    # calls that succeed are no failure record
    ok = proxy.model_copy(update={"samples": [_MESH.format(status=200, flags="-")]})
    assert analyse(mining_of([ok, timeouts])).candidates[0].cluster_id == "ctimeo01"
    # the callee's own failure (a kill logged as the calls began to fail) is the better evidence
    oom = cluster("coomrate", "Memory cgroup out of memory: Killed process <NUM> (rates)", {30: 1, 36: 1, 42: 1},
                  severity="WARNING", first_second=5)
    oom.services = ["rates"]
    assert analyse(mining_of([proxy, timeouts, oom])).candidates[0].cluster_id == "coomrate"


def test_a_callee_that_crashes_outranks_its_callers_louder_connection_refused():
    """The callers' refusals start a few seconds before the callee's crash is first logged (the
    listener went away first); the crash is still the cause."""
    refused = cluster("crefuse1", "sync to billing-ledger:7000 failed: dial tcp <IP>: connect: connection refused",
                      {m: 50 for m in range(30, 60)}, first_second=2)
    panic = cluster("cpanic01", "panic: runtime error: invalid memory address or nil pointer dereference",
                    {m: 1 for m in range(30, 60, 3)}, severity="CRITICAL", first_second=15)
    panic.services = ["billing-ledger"]
    analysis = analyse(mining_of([refused, panic]))
    assert [c.cluster_id for c in analysis.candidates[:2]] == ["cpanic01", "crefuse1"]
    assert "dying" in analysis.candidates[1].reason
    oom = cluster("coomkill", "Memory cgroup out of memory: Killed process <NUM> (java)", {m: 1 for m in range(30, 60, 4)},
                  severity="WARNING", first_second=20)
    oom.services = ["events"]
    assert analyse(mining_of([refused, oom])).candidates[0].cluster_id == "coomkill"
    # without a dying process anywhere, the refusals stay the best explanation
    assert analyse(mining_of([refused])).candidates[0].cluster_id == "crefuse1"


def test_a_callee_stopped_by_the_platform_outranks_its_callers_refusals():
    """A pod of the callee is killed (an INFO event, or the callee saying it got SIGTERM): its
    callers' connection refusals, louder and ERROR, are their view of that stop."""
    refused = cluster("crefuse1", "Error: connect ECONNREFUSED <IP>:<NUM>", {m: 30 for m in range(30, 33)}, first_second=3)
    for text in ("Stopping container ledger", "io.k8s.core.v1.pods.delete OK by system:serviceaccount:ops:janitor",
                 "received SIGTERM, shutting down"):
        stop = cluster("cstop001", text, {30: 1}, severity="INFO", first_second=1)
        stop.services = ["ledger"]
        analysis = analyse(mining_of([refused, stop]))
        assert [c.cluster_id for c in analysis.candidates[:2]] == ["cstop001", "crefuse1"], text
        assert analysis.candidates[0].signature == "instance-stopped"
    # a stop of the callers' own service long before is no explanation of their refusals
    late = cluster("cstop002", "Stopping container ledger", {5: 1}, severity="INFO")
    late.services = ["ledger"]
    assert analyse(mining_of([refused, late])).candidates[0].cluster_id == "crefuse1"


def test_callers_errors_that_name_a_stopped_service_rank_below_its_stop():
    """A store shuts down (SIGTERM at INFO); seconds later its callers fail, loudly, naming its
    host: the shutdown is the cause, the callers' errors its effect."""
    stop = cluster("cstop001", "Received SIGTERM scheduling shutdown...", {30: 1}, severity="INFO", first_second=1)
    stop.services = ["kv-store"]
    calls = cluster("ccall001", "could not load basket: storage unavailable <*>", {m: 40 for m in range(30, 45)},
                    first_second=4, sample="could not load basket: storage unavailable (kv-store:6379 UnableToConnect)")
    analysis = analyse(mining_of([stop, calls]))
    assert [c.cluster_id for c in analysis.candidates[:2]] == ["cstop001", "ccall001"]
    # a caller whose errors do not name it keeps its rank (the stop may be unrelated)
    other = cluster("ccall002", "could not load basket: storage unavailable <*>", {m: 40 for m in range(30, 45)},
                    first_second=4, sample="could not load basket: storage unavailable (db-main:5432 timeout)")
    assert analyse(mining_of([stop, other])).candidates[0].cluster_id == "ccall002"


def test_a_brokers_disk_alarm_is_disk_exhaustion_and_outranks_its_callers_timeouts():
    """A broker blocks publishers when its disk alarm goes off (a WARNING, once); its callers time
    out loudly, naming it, a little later: the alarm is the cause."""
    alarm = cluster("calarm01", "disk resource limit alarm set on node <*>.", {30: 1}, severity="WARNING")
    alarm.services = ["broker"]
    calls = cluster("ccall001", "publish failed: <*>", {m: 20 for m in range(30, 45)}, first_second=20,
                    sample="publish failed: I/O error on POST request for \"http://broker:5672/publish\": Read timed out")
    analysis = analyse(mining_of([alarm, calls]))
    assert analysis.candidates[0].cluster_id == "calarm01"
    assert analysis.candidates[0].signature == "disk-full"


def test_failures_that_start_late_are_a_departure_not_failing_throughout():
    """Half the requests fail from minute 15 on (over a third of the window's): that, and a loud
    steady error stream all hour, must not make the window look failing from its start (no
    mid-incident window); the onset is minute 15."""
    from rca.models import RequestStats
    timeline = {M0 + m: (20, 10 if m >= 15 else 0) for m in range(60)}
    failed = sum(bad for _, bad in timeline.values())
    requests = RequestStats(total=1200, by_status={200: 1200 - failed, 503: failed}, timeline=timeline)
    loud = cluster("cloud001", "flush failed, retry in <NUM> seconds", {m: 30 for m in range(60)})
    cause = cluster("ccause01", "sqlalchemy.exc.TimeoutError: QueuePool limit of size <NUM> overflow <NUM> reached",
                    {m: 3 for m in range(15, 60)})
    analysis = analyse(mining_of([loud, cause]), requests)
    assert analysis.onset == dt(15) and not analysis.mid_incident
    assert analysis.candidates[0].cluster_id == "ccause01"


def test_a_readiness_probe_failure_is_a_symptom_whatever_error_it_quotes():
    """The kubelet quoting 'connection refused' is its view of an instance that does not answer:
    a symptom, never the refusing dependency the callers' lines are about."""
    probe = cluster("cprobe01", 'Readiness probe failed: Get "<STR>": dial tcp <IP>: connect: connection refused',
                    {m: 2 for m in range(30, 40)}, severity="WARNING")
    refused = cluster("crefuse1", "sync to ledger failed: connection refused", {m: 10 for m in range(30, 40)}, first_second=20)
    analysis = analyse(mining_of([probe, refused]))
    assert "cprobe01" in analysis.symptoms
    assert "cprobe01" not in {c.cluster_id for c in analysis.candidates}


def test_a_failure_that_grows_in_steps_starts_at_its_first_step():
    """A leak: small bursts of failures, then louder ones; the loudest stretch is a later stage
    and the onset is where the failures first departed from the background."""
    timeline = {M0 + m: 1 for m in range(0, 15, 4)}
    timeline |= {M0 + 15: 20, M0 + 19: 25, M0 + 20: 12, M0 + 23: 50, M0 + 24: 26}
    timeline |= {M0 + m: 120 + (m % 3) * 30 for m in range(27, 51)}
    assert find_onset(timeline, M0, M0 + 59).minute == M0 + 15
    # an old blip, long over before the burst, is not its start
    blip = {M0 + m: 1 for m in range(60)} | {M0 + 10: 40, M0 + 11: 30} | {M0 + m: 100 for m in range(30, 50)}
    assert find_onset(blip, M0, M0 + 59).minute == M0 + 30


def test_a_flag_switch_and_a_mutating_audit_call_are_change_events():
    from rca.analysis.knowledge import match_signatures

    for template in ("feature flag <STR> toggled on for <NUM>% of users", "flag '<STR>' changed <BOOL> -> <BOOL>",
                     "compute.firewalls.patch OK by <EMAIL>", "dns.changes.create OK deletions <HOST> A",
                     "google.pubsub.v1.Subscriber.ModifyPushConfig OK by <EMAIL>", "cert-manager.io.v1.certificates.update OK",
                     # any verb that is no read: a failover, a resize, a rule added
                     "google.cloud.redis.v1.CloudRedis.FailoverInstance OK by <EMAIL>",
                     "v1.compute.instanceGroupManagers.resize OK by <EMAIL>", "beta.compute.securityPolicies.addRule OK by <EMAIL>"):
        c = cluster("cchange1", template, {20: 1}, severity="INFO")
        assert [m.signature.id for m in match_signatures(c, roles=("change",))] == ["config-change"], template
    # a Kubernetes rollout is a deploy (a rollback undoes it)
    c = cluster("cchange2", "io.k8s.apps.v1.deployments.patch OK by <EMAIL>", {20: 1}, severity="NOTICE")
    assert match_signatures(c, roles=("change",))[0].signature.id == "deploy"
    for template in ("feature flag cache refreshed in <NUM> ms", "storage.objects.get OK by <EMAIL>",
                     "google.pubsub.v1.Publisher.Publish OK by <EMAIL>", "io.k8s.core.v1.pods.list OK by <EMAIL>",
                     "google.cloud.secretmanager.v1.SecretManagerService.AccessSecretVersion OK by <EMAIL>"):
        assert not match_signatures(cluster("cother01", template, {20: 1}, severity="INFO"), roles=("change",)), template


def test_a_flag_change_needs_a_change_verb_a_named_flag_and_the_value_it_went_to():
    from rca.analysis.knowledge import match_signatures

    def changes(text: str) -> list[str]:
        return [m.signature.id for m in match_signatures(cluster("cflag002", text, {20: 1}, severity="INFO"), roles=("change",))]

    for text in ("feature flag new-pricing switched from false to true", "Feature flag checkout_v2 set to true by ops",
                 "toggled feature flag dark-mode on", "config key db.pool.size updated: 50 -> 5",
                 "flag <STR> was changed to <BOOL>"):
        assert changes(text) == ["config-change"], text
    # packet captures, bit masks and flag names without a change: an arrow alone is no transition
    for text in ("tcp flags [S] -> <IP>.<NUM> length <NUM>", "IP <IP> > <IP>: Flags [S.], seq <NUM> -> ack",
                 "flags=0x2 -> next hop <IP>", "flag parser changed behaviour", "flag <STR> value <NUM> -> <NUM> bytes"):
        assert changes(text) == [], text


def test_slow_queries_and_lock_waits_are_a_database_cause_and_gc_pauses_a_resource_one():
    from rca.analysis.knowledge import match_signatures

    def category(template: str) -> str:
        return match_signatures(cluster("cpress01", template, {20: 1}, severity="WARNING"), roles=("cause",))[0].signature.category

    assert category("Slow query (<NUM> ms): UPDATE accounts SET balance = <NUM>") == "database"
    assert category("still waiting for row lock on table shipments after <NUM> ms") == "database"
    assert category("GC pause (G1 Evacuation Pause) <NUM> ms") == "resource-exhaustion"
    assert category("waiting for a free connection from pool main") == "resource-exhaustion"


def test_a_steady_trickle_of_failed_requests_from_the_window_start_is_no_incident():
    """0.5% of requests fail every minute of the hour, with their error line: no change, no incident.
    The same errors with a third of requests failing all hour are an incident under way (P1: a
    major degradation, most requests served all along)."""
    err = cluster("cupstrm1", "upstream prematurely closed connection while reading response header", {m: 1 for m in range(60)})
    trickle = {m: [(200, 0.05)] * 199 + [(502, 0.05)] for m in range(60)}
    analysis = analyse(mining_of([err]), _requests(trickle))
    assert analysis.priority == "none" and "steady" in analysis.priority_reason
    failing = {m: [(200, 0.05)] * 2 + [(502, 0.05)] for m in range(60)}
    assert analyse(mining_of([err]), _requests(failing)).priority == "P1"


def test_one_failure_logged_twice_ranks_its_first_line_and_the_echo_says_so():
    origin = cluster("corigin1", "Cannot resize volume: quota_check() takes exactly <NUM> arguments (<NUM> given)",
                     {m: 1 for m in range(30, 60, 6)}, first_second=1)
    echo = cluster("cecho001", "Exception during message handling: TypeError: quota_check() takes exactly <NUM> arguments (<NUM> given)",
                   {m: 4 for m in range(30, 60)}, first_second=2)
    tiny = cluster("cexitcd1", "Exit code: <NUM>", {m: 6 for m in range(30, 60)}, first_second=1)
    analysis = analyse(mining_of([origin, echo, tiny]))
    ranked = [c.cluster_id for c in analysis.candidates]
    assert ranked.index("corigin1") < ranked.index("cecho001")
    assert ranked[-1] == "cexitcd1"  # says too little to name a failure
    echoed = next(c for c in analysis.candidates if c.cluster_id == "cecho001")
    assert echoed.echo_of == "corigin1" and "first logged in cluster corigin1" in echoed.reason


def _short_window(clusters: list[ClusterStats], minutes: int = 4) -> MiningResult:
    mining = mining_of(clusters)
    mining.window_end = dt(minutes - 1, 40)
    return mining


def test_a_few_new_errors_with_a_failed_call_in_a_short_window_are_an_incident():
    """Four minutes give the change-point test no power; errors after a quiet stretch with a
    client's failed call from that minute on are an incident all the same."""
    quiet_then_failing = [
        cluster("cwarn001", "Option <*> is deprecated", {0: 3, 1: 2, 3: 1}, severity="WARNING"),
        cluster("cbug0001", "Failed to resize disk <UUID>: TypeError: resize() takes exactly <NUM> arguments", {2: 1}, first_second=10),
        cluster("cecho001", "Resize of disk <UUID> failed", {2: 4, 3: 1}, first_second=11),
        cluster("cclient1", "Check resize-disk failed: status error", {2: 1}, severity="INFO", first_second=40),
    ]
    analysis = analyse(_short_window(quiet_then_failing))
    assert analysis.onset == dt(2)
    assert analysis.candidates[0].cluster_id == "cbug0001"
    assert analysis.priority == "P1"
    # without the failed call, a handful of errors is not an incident
    assert analyse(_short_window(quiet_then_failing[:3])).priority in ("P3", "none")
    # errors from the window's first minute on: no quiet stretch, so no onset is made up
    from_start = [cluster("cbug0002", "Failed to resize disk <UUID>: TypeError: boom", {0: 1, 2: 1}), quiet_then_failing[3]]
    assert analyse(_short_window(from_start)).onset is None


def test_one_failure_event_after_minutes_of_silence_is_reported_not_hidden():
    """Two error records of one failure (the message with its trace, and the framework's echo)
    in an otherwise error-free quarter hour: too few for a change-point test, but a departure all
    the same. Errors logged while the request logs show users served are P3 (with no request logs
    at all, P2: no evidence that users were served); a single stray record is not enough."""
    event = [
        cluster("cinfo001", "Served GET <PATH> in <NUM> ms", {m: 20 for m in range(15)}, severity="INFO"),
        cluster("cbug0003", "TypeError: create() takes exactly <NUM> arguments (<NUM> given)", {4: 1}, first_second=58),
        cluster("cecho003", "Create failed: TypeError: create() takes exactly <NUM> arguments (<NUM> given)", {4: 1}, first_second=59),
    ]
    mining = mining_of(event)
    mining.window_end = dt(14, 10)
    served = _requests({m: [(200, 0.05)] * 20 for m in range(15)})
    analysis = analyse(mining, served)
    assert analysis.onset == dt(4) and analysis.priority == "P3"
    assert analysis.candidates[0].cluster_id == "cbug0003"
    assert analyse(mining).priority == "P2"
    lone = mining_of(event[:2])
    lone.window_end = dt(14, 10)
    assert analyse(lone).priority == "none"


def test_a_client_reporting_a_server_error_on_its_call_is_a_failed_operation():
    """Clients write the server's answer in many ways; each is a failed call (impact), at INFO too."""
    from rca.analysis.knowledge import impact_kind

    for text in ("Create volume: Unexpected API Error (HTTP 500) (Request-ID: req-<UUID>)",
                 "call to pricing failed: status code 503", "GET <PATH> -> 502 Bad Gateway after <NUM> ms"):
        assert impact_kind(cluster("cclient2", text, {30: 1}, severity="INFO")) == "failed-operations", text
    assert impact_kind(cluster("cclient3", "GET <PATH> status: 200 len: <NUM>", {30: 1}, severity="INFO")) is None


def test_the_category_follows_the_failure_mode_the_error_names():
    """Invented lines, one per failure mode: the category an on-call engineer would file it under."""
    from rca.analysis.knowledge import match_signatures

    def category(template: str) -> str:
        return match_signatures(cluster("ccat0001", template, {20: 1}), roles=("cause",))[0].signature.category

    assert category('psycopg.errors.UndefinedColumn: column "orders.legacy_sku" does not exist') == "database"
    assert category("Unknown column 'ship_region' in 'where clause'") == "database"
    assert category("io.grpc.StatusRuntimeException: ABORTED: Transaction was aborted. It was wounded by a higher priority transaction") == "database"
    assert category("SET failed: READONLY You can't write against a read only replica.") == "database"
    assert category("partner api answered <NUM> Too Many Requests: rate limit exceeded") == "upstream-dependency"
    assert category("The request was aborted because there was no available instance.") == "capacity"
    assert category("<NUM>/<NUM> nodes are available: <NUM> Insufficient memory.") == "capacity"
    assert category("rejecting bearer token: no matching key for kid <HEX> in the key set") == "configuration"
    assert category("java.net.UnknownHostException: inventory-svc.shop.svc") == "network"
    assert category("disk free space alarm set on node broker-<NUM>") == "resource-exhaustion"


def test_a_probe_on_a_path_the_app_does_not_serve_is_a_configuration_cause_and_other_probe_failures_are_not():
    from rca.analysis.knowledge import match_signatures

    wrong_path = cluster("cprobe01", "Readiness probe failed: HTTP probe failed with statuscode: <NUM>", {20: 1}, severity="WARNING",
                         sample="Readiness probe failed: HTTP probe failed with statuscode: 404")
    down = cluster("cprobe02", "Readiness probe failed: Get <URL>: dial tcp <IP>: connect: connection refused", {20: 1}, severity="WARNING")
    assert [m.signature.role for m in match_signatures(wrong_path)][:1] == ["cause"]
    assert match_signatures(wrong_path)[0].signature.category == "configuration"
    assert "probe-misconfigured" not in [m.signature.id for m in match_signatures(down)]


def test_requests_turned_away_for_lack_of_instances_are_the_cause_when_no_instance_is_failing():
    """Requests aborted for want of an instance, with no crash or startup failure behind them: the
    service is out of capacity, and that is what the report names."""
    burst = {m: 30 for m in range(30, 60)}
    mining = mining_of([
        cluster("cnocap01", "The request was aborted because there was no available instance.", {m: 20 for m in range(30, 60)}),
        cluster("cclient1", "lookup failed: Request failed with status code <NUM>", burst, first_second=5),
    ])
    analysis = analyse(mining)
    assert analysis.candidates[0].cluster_id == "cnocap01"
    assert analysis.candidates[0].category == "capacity"


def test_requests_refused_with_a_platform_reason_are_evidence_and_plain_client_errors_are_not():
    """Cloud Run answers 429 'no available instance' when it cannot scale: that request log says why
    requests fail. A 429 request log with nothing but the status is what a client did."""
    refused = cluster("cnocap02", "The request was aborted because there was no available instance.", {m: 25 for m in range(30, 60)},
                      severity="WARNING", http_statuses={429: 750})
    client = cluster("cclient2", "GET <PATH> <NUM>", {m: 25 for m in range(30, 60)}, severity="WARNING", http_statuses={429: 750},
                     sample="GET /v1/quote 429")
    caller = cluster("ccaller1", "lookup failed: Request failed with status code <NUM>", {m: 10 for m in range(30, 60)}, first_second=8)
    assert analyse(mining_of([refused, caller])).candidates[0].cluster_id == "cnocap02"
    assert "cclient2" not in [c.cluster_id for c in analyse(mining_of([client, caller])).candidates]


def test_no_available_instance_is_a_symptom_while_the_services_instances_crash():
    crash = cluster("ccrash01", "Container called exit(<NUM>).", {m: 2 for m in range(30, 60)}, severity="WARNING")
    cause = cluster("ccause03", "KeyError: 'PAYMENT_REGION'", {m: 2 for m in range(30, 60)})
    nocap = cluster("cnocap03", "The request was aborted because there was no available instance.", {m: 25 for m in range(30, 60)},
                    severity="WARNING", http_statuses={429: 750}, first_second=3)
    analysis = analyse(mining_of([crash, cause, nocap]))
    assert analysis.candidates[0].cluster_id == "ccause03"
    assert "cnocap03" not in [c.cluster_id for c in analysis.candidates]


def test_a_caller_quoting_the_status_another_service_started_answering_is_that_services_echo():
    """The callee's request logs start answering 429 (no instance to take them) a minute before its
    caller logs 'Request failed with status code 429': the caller's louder ERROR is the echo."""
    callee = cluster("cnocap04", "The request was aborted because there was no available instance.", {m: 25 for m in range(30, 60)},
                     severity="WARNING", http_statuses={429: 750})
    callee.services = ["quotes"]
    caller = cluster("ccaller2", "quote fetch failed: upstream answered status <NUM>", {m: 10 for m in range(31, 60)},
                     sample="quote fetch failed: upstream answered status 429")
    assert analyse(mining_of([callee, caller])).candidates[0].cluster_id == "cnocap04"
    # a caller quoting another status is not that service's echo
    other = cluster("ccaller3", "quote fetch failed: upstream answered status <NUM>", {m: 10 for m in range(31, 60)},
                    sample="quote fetch failed: upstream answered status 401")
    reasons = {c.cluster_id: c.reason for c in analyse(mining_of([callee, other])).candidates}
    assert "a caller's view" not in reasons["ccaller3"]


def _opens_on_the_failure(extra: list[ClusterStats]) -> MiningResult:
    """A quarter hour that opens on a failure: one exception at the first second, then quiet."""
    clusters = [
        cluster("cinfo004", "Served GET <PATH> in <NUM> ms", {m: 20 for m in range(15)}, severity="INFO"),
        cluster("cbug0004", "ValueError: Field <STR> cannot be None", {0: 1}),
        # a warning stream that starts a minute later (a config nag, another service's retry)
        cluster("cwarn004", "No protocol specified for api_server <STR>, please update the config", {1: 4, 6: 5, 11: 4},
                severity="WARNING", first_second=13),
        *extra,
    ]
    mining = mining_of(clusters)
    mining.window_end = dt(14, 10)
    return mining


def test_a_window_that_opens_on_the_failure_reports_it_mid_incident():
    """Every error in the window's first minute, then quiet: one failure event already under way
    when the window opened (no quiet stretch to depart from). With a client's failed call it is an
    incident: the exception leads, not a stream first seen a minute later, and nothing is claimed
    to be absent from a baseline the window does not have."""
    failed_call = cluster("cclient4", "Check build-server failed: status error", {2: 1}, severity="INFO", first_second=20)
    analysis = analyse(_opens_on_the_failure([failed_call]))
    assert analysis.onset == dt(0) and analysis.mid_incident
    assert analysis.priority == "P1"
    assert analysis.candidates[0].cluster_id == "cbug0004"
    assert all("absent from the baseline" not in c.reason for c in analysis.candidates)
    warn = next(c for c in analysis.candidates if c.cluster_id == "cwarn004")
    assert "at the onset" not in warn.reason
    # a lone record with no harm after it is not enough
    assert analyse(_opens_on_the_failure([])).priority == "none"


def test_a_burst_at_the_window_opening_that_stops_is_no_steady_trickle():
    """Errors and one failed request in the window's first minute, then none: a failure event,
    not a service that always fails a few requests, so it is not dismissed as background."""
    from rca.models import RequestStats

    mining = _opens_on_the_failure([cluster("cbug0005", "AttributeError: 'NoneType' object has no attribute 'get'", {0: 3})])
    minutes = range(M0, M0 + 15)
    requests = RequestStats(total=600, by_status={200: 599, 500: 1},
                            timeline={m: (40, 1 if m == M0 else 0) for m in minutes})
    analysis = analyse(mining, requests)
    assert analysis.priority == "P2" and analysis.mid_incident
    assert analysis.candidates[0].cluster_id in ("cbug0004", "cbug0005")


def test_a_failing_service_is_graded_on_its_own_traffic_not_its_neighbours():
    """A healthy neighbour's traffic in the same window (another service, ten times busier) must not
    dilute the failing service's share of failed requests: half of checkout's requests fail,
    which is P0 whatever the catalog serves beside it."""
    tally = RequestTally()
    for m in range(30):
        for i in range(30):
            status = 503 if m >= 15 and i % 2 == 0 else 200
            tally.add(LogRecord((M0 + m) * 60 + i, "ERROR" if status >= 500 else "INFO", "POST /pay",
                                service="checkout", http_status=status, endpoint="POST /pay"))
        for i in range(300):
            tally.add(LogRecord((M0 + m) * 60 + i / 10, "INFO", "GET /items", service="catalog", http_status=200,
                                endpoint="GET /items"))
    requests = tally.summary()
    burst = cluster("cpay0001", "payment backend refused: ConnectionError: upstream unavailable", {m: 10 for m in range(15, 30)})
    mining = mining_of([burst])
    mining.window_end = dt(29, 59)
    analysis = analyse(mining, requests)
    assert analysis.impact.incident_failed_requests == 225 and analysis.impact.incident_requests == 4950
    assert analysis.impact.failing_services == ["checkout"]
    assert (analysis.impact.failing_service_requests, analysis.impact.failing_service_failed_requests) == (450, 225)
    assert analysis.priority == "P0" and "requests to checkout" in analysis.priority_reason
    # one service alone: graded on all requests, as before
    alone = RequestTally()
    for rec in (r for r in [LogRecord((M0 + 20) * 60, "ERROR", "x", service="checkout", http_status=503)]):
        alone.add(rec)
    assert analyse(mining, alone.summary()).impact.failing_services == []


def test_failing_requests_that_name_no_service_are_called_by_their_log_not_requests_to_requests():
    """A load balancer's request log names no service: its entries are named after the log
    ('requests'). When they fail beside a healthy service, the priority and the impact call them
    the requests logged without a service, not 'requests to requests'."""
    from rca.llm.offline import OfflineAnalyst

    tally = RequestTally()
    for m in range(30):
        for i in range(30):
            status = 502 if m >= 15 and i % 2 == 0 else 200
            tally.add(LogRecord((M0 + m) * 60 + i, "WARNING" if status >= 500 else "INFO", "GET /cart", service="requests",
                                stream="requests", http_status=status, endpoint="GET /cart"))
            tally.add(LogRecord((M0 + m) * 60 + i, "INFO", "GET /items", service="catalog", http_status=200, endpoint="GET /items"))
    burst = cluster("ccart001", "cart-db unreachable: ConnectionRefusedError: [Errno 111] Connection refused", {m: 10 for m in range(15, 30)})
    mining = mining_of([burst])
    mining.window_end = dt(29, 59)
    analysis = analyse(mining, tally.summary())
    assert analysis.impact.failing_services == ["requests"]
    assert "requests to requests" not in analysis.priority_reason
    assert "a quarter or more of requests logged without a service (the requests log) fail" in analysis.priority_reason
    output, _ = OfflineAnalyst().analyse(mining, analysis)
    assert "of the requests logged without a service (the requests log) alone, 225 of 450" in output.impact_summary
    assert "failing service requests" not in output.impact_summary


def _push_export(tmp_path, agent: str, engine: str = "python"):  # noqa: ANN001, ANN202
    """An invented export: a web service's users all served, and a worker whose push endpoint
    fails half its deliveries from minute 10 on (the same messages retried), with its error."""
    import json

    from rca.models import ReadStats
    from rca.pipeline import mine_and_tally
    from rca.sources.reader import read_records

    entries = []
    for m in range(20):
        for i in range(20):
            entries.append({"timestamp": f"2026-03-02T10:{m:02d}:{i * 2:02d}.100Z", "severity": "INFO",
                            "resource": {"type": "cloud_run_revision", "labels": {"service_name": "web"}},
                            "httpRequest": {"requestMethod": "GET", "requestUrl": "https://web.example/home", "status": 200,
                                            "latency": "0.05s", "userAgent": "Mozilla/5.0"}})
        for i in range(6):
            failed = m >= 10 and i % 2 == 0
            entries.append({"timestamp": f"2026-03-02T10:{m:02d}:{i * 9 + 1:02d}.300Z", "severity": "ERROR" if failed else "INFO",
                            "resource": {"type": "cloud_run_revision", "labels": {"service_name": "worker"}},
                            "httpRequest": {"requestMethod": "POST", "requestUrl": "https://worker.example/push", "status": 500 if failed else 204,
                                            "latency": "0.2s", "userAgent": agent}})
            if failed:
                entries.append({"timestamp": f"2026-03-02T10:{m:02d}:{i * 9 + 1:02d}.200Z", "severity": "ERROR",
                                "resource": {"type": "cloud_run_revision", "labels": {"service_name": "worker"}},
                                "textPayload": "export failed: PermissionError: bucket exports is read-only"})
    path = tmp_path / f"push-{len(agent)}.json"
    path.write_text(json.dumps(entries))
    stats = ReadStats()
    mining, requests = mine_and_tally(read_records(str(path), stats=stats, engine=engine), stats)
    return analyse(mining, requests)


def test_push_deliveries_failing_are_a_background_pipeline_not_users_requests(tmp_path):
    """Pub/Sub push (and Cloud Tasks) deliveries retried against a failing endpoint are requests in
    the logs, but no user's: they make a failing background pipeline (P1), said so, not a quarter
    of users' requests failing (P0). The same entries from a browser are users' requests."""
    pushed = _push_export(tmp_path, "APIs-Google; (+https://developers.google.com/webmasters/APIs-Google.html)")
    assert pushed.impact.push_failed == 30 and pushed.impact.push_deliveries == 60
    assert pushed.priority == "P1" and "background pipeline" in pushed.priority_reason
    assert any(s.kind == "failed-deliveries" for s in pushed.impact.signals)
    assert not any(s.kind == "server-errors" for s in pushed.impact.signals)
    # the query plan (--engine duckdb) tells them apart the same way
    planned = _push_export(tmp_path, "APIs-Google; (+https://developers.google.com/webmasters/APIs-Google.html)", engine="duckdb")
    assert (planned.impact, planned.priority) == (pushed.impact, pushed.priority)
    browsed = _push_export(tmp_path, "Mozilla/5.0 (X11; Linux x86_64)")
    assert browsed.impact.push_deliveries == 0
    assert browsed.priority == "P0" and "requests to worker" in browsed.priority_reason


def _slower_export(tmp_path, new_stream: bool, old_stream: bool = False):  # noqa: ANN001, ANN202
    """An invented export: POST /checkout goes from 80 ms to 900 ms at minute 20 (GET /home stays
    at 30 ms), nothing fails and no change is logged; optionally an INFO stream starts with it, or
    runs all along."""
    import json

    from rca.llm.offline import OfflineAnalyst
    from rca.models import ReadStats
    from rca.pipeline import mine_and_tally
    from rca.sources.reader import read_records

    res = {"type": "cloud_run_revision", "labels": {"service_name": "shop", "revision_name": "shop-00012-abc"}}
    entries = []
    for m in range(30):
        for i in range(20):
            entries.append({"timestamp": f"2026-03-02T10:{m:02d}:{i * 3:02d}.100Z", "severity": "INFO", "resource": res,
                            "httpRequest": {"requestMethod": "POST", "requestUrl": "https://shop.example/checkout", "status": 200,
                                            "latency": "0.9s" if m >= 20 else "0.08s"}})
            entries.append({"timestamp": f"2026-03-02T10:{m:02d}:{i * 3 + 1:02d}.100Z", "severity": "INFO", "resource": res,
                            "httpRequest": {"requestMethod": "GET", "requestUrl": "https://shop.example/home", "status": 200,
                                            "latency": "0.03s"}})
            if i % 2 == 0 and (old_stream or new_stream and m >= 20):
                entries.append({"timestamp": f"2026-03-02T10:{m:02d}:{i * 3 + 2:02d}.500Z", "severity": "INFO", "resource": res,
                                "textPayload": f"pricing cache cold, reloading {m * 10 + i} rules from origin"})
    path = tmp_path / f"slower-{new_stream}-{old_stream}.json"
    path.write_text(json.dumps(entries))
    stats = ReadStats()
    mining, requests = mine_and_tally(read_records(str(path), stats=stats), stats)
    analysis = analyse(mining, requests)
    return mining, analysis, OfflineAnalyst().analyse(mining, analysis)[0]


def test_a_latency_step_with_no_logged_change_names_the_endpoint_or_the_stream_that_started_with_it(tmp_path):
    """Requests slowed and nothing failed or changed: the report says which endpoint slowed, by how
    much and since when (not "no root cause"); a new stream at any level that starts with the step
    is the suspect; one that ran all along is not."""
    mining, analysis, out = _slower_export(tmp_path, new_stream=False)
    assert analysis.onset_basis == "latency" and analysis.priority == "P2"
    assert (analysis.impact.slowed_endpoint, analysis.impact.slowed_before_s, analysis.impact.slowed_after_s) == ("POST /checkout", 0.08, 0.9)
    assert out.root_cause is not None and out.root_cause.cluster_ids == []
    assert "POST /checkout slowed most, from 80 ms to 900 ms" in out.root_cause.statement and "10:20:00" in out.root_cause.statement
    mining, analysis, out = _slower_export(tmp_path, new_stream=True)
    stream = next(c for c in mining.clusters if "pricing cache" in c.template)
    assert analysis.candidates[0].cluster_id == stream.id
    assert out.root_cause is not None and out.root_cause.cluster_ids == [stream.id]
    mining, analysis, out = _slower_export(tmp_path, new_stream=False, old_stream=True)
    assert not analysis.candidates and out.root_cause is not None and out.root_cause.cluster_ids == []


def test_a_call_that_is_being_retried_is_no_failed_operation_or_timeout_yet():
    """A line that says the call is retried ("retrying chunk 3", "retry 2/5", "attempt 2 of 5") is a
    transient failure, not harm a user sees; one that gave up is."""
    from rca.analysis.knowledge import impact_kind

    for text in ("warehouse upload hit a transient error (<NUM> Service Unavailable), retrying batch <NUM>",
                 "pricing call timed out, retry <NUM>/<NUM> (the batch will be retried)",
                 "upload call failed with status code 503, attempt <NUM> of <NUM>, backing off"):
        assert impact_kind(cluster("cretry01", text, {30: 1}, severity="WARNING")) is None, text
    assert impact_kind(cluster("cretry02", "pricing call timed out after <NUM> s", {30: 1}, severity="WARNING")) == "timeouts"
    assert impact_kind(cluster("cretry03", "export job failed: 503 Service Unavailable after <NUM> retries, giving up",
                               {30: 1}, severity="ERROR")) == "failed-operations"


def test_pods_not_ready_during_a_rollout_are_no_crash_loop():
    """A readiness probe failing takes a pod out of rotation while it starts; it restarts nothing.
    Liveness and startup probe failures do restart it."""
    from rca.analysis.knowledge import match_signatures

    def restarts(text: str) -> bool:
        return any(m.signature.restart for m in match_signatures(cluster("cprobe01", text, {30: 4}, severity="WARNING")))

    assert not restarts('Readiness probe failed: Get "<STR>": dial tcp <IP>: connect: connection refused')
    assert restarts('Liveness probe failed: Get "<STR>": dial tcp <IP>: connect: connection refused')
    assert restarts("STARTUP TCP probe failed <NUM> times consecutively for container <STR> on port <NUM>")


def test_a_surge_of_401s_with_no_server_error_is_an_incident_and_the_warning_that_surged_with_it_a_candidate():
    """Users refused with 401 from minute 30 on (a key rotated, verifiers kept the old key set):
    no error burst, no 5xx, but the 4xx surge is the onset. A warning stream that trickled before
    and surged with it is a candidate (not background because it is no error); the rotation
    logged at INFO before it is a change event."""
    from rca.analysis.knowledge import match_signatures

    reqs = {m: [(200, 0.02)] * 40 + [(401, 0.01)] * (1 if m < 30 else 30) for m in range(60)}
    rejected = cluster("cjwks001", "token rejected: no matching key for its key id in the key set", {m: (1 if m < 30 else 30) for m in range(60)},
                       severity="WARNING")
    rotated = cluster("crot0001", "signing key rotated: active kid=<STR> previous kid=<STR>", {26: 1}, severity="INFO")
    steady = cluster("cwarn030", "slow cache refresh <NUM> ms", {m: 2 for m in range(60)}, severity="WARNING")
    analysis = analyse(mining_of([rejected, rotated, steady]), _requests(reqs))
    assert analysis.onset == dt(30) and analysis.priority == "P0"  # 30 of 70 requests refused
    assert any(s.kind == "client-errors" for s in analysis.impact.signals)
    surged = next(c for c in analysis.candidates if c.cluster_id == "cjwks001")
    assert surged.role == "cause" and surged.surged and "rate rose" in surged.reason
    assert "cwarn030" in analysis.noise
    assert [m.signature.id for m in match_signatures(rotated, roles=("change",))] == ["config-change"]
    # the same 401s all along: no surge, no incident
    flat = {m: [(200, 0.02)] * 40 + [(401, 0.01)] * 10 for m in range(60)}
    assert analyse(mining_of([steady]), _requests(flat)).priority == "none"


def test_a_scheduled_job_failing_every_run_with_404_is_an_incident_beside_a_steadily_failing_proxy():
    """A scheduler's execution log says each run failed (ERROR, answered 404) every three minutes
    from minute 20 on: sparse, but a new stream still failing at the window's end, so its first run
    is the onset and the failed runs are the impact; a proxy failing a few percent of the requests
    all window long is background, not the onset."""
    proxy = cluster("cproxy01", "GET <PATH> → <NUM> Bad Gateway (<NUM> s)", {m: 10 for m in range(60)}, http_statuses={502: 600})
    proxy_err = cluster("cproxy02", "upstream TLS handshake failed: bad certificate", {m: 10 for m in range(60)})
    runs = cluster("csched01", "job attempt failed: URL_ERROR-ERROR_NOT_FOUND, HTTP response code 404", {m: 1 for m in range(20, 60, 3)},
                   http_statuses={404: 14}, first_second=5)
    reqs = {m: [(200, 0.02)] * 250 + [(502, 0.5)] * 10 for m in range(60)}
    analysis = analyse(mining_of([proxy, proxy_err, runs]), _requests(reqs))
    assert analysis.onset == dt(20)
    assert analysis.candidates[0].cluster_id == "csched01"
    assert analysis.priority == "P1" and any(s.kind == "failed-operations" for s in analysis.impact.signals)
    # a user's 404s (request logs at WARNING) stay what users did
    typo = cluster("ctypo001", "GET <PATH> → <NUM> Not Found", {m: 1 for m in range(20, 60, 3)}, severity="WARNING",
                   http_statuses={404: 14})
    without = analyse(mining_of([proxy, proxy_err]), _requests(reqs)).priority
    assert analyse(mining_of([proxy, proxy_err, typo]), _requests(reqs)).priority == without != "P1"


def test_slow_request_warnings_that_surge_with_a_latency_step_are_the_step_not_its_cause():
    """With latency as the onset, the warnings that report slow requests surge with it: they are
    the impact, so they do not become a surged candidate as a warning surge with a 4xx onset does."""
    reqs = {m: [(200, 0.05 if m < 30 else 0.6)] * 30 for m in range(60)}
    slow = cluster("cslow001", "slow request POST <PATH> took <NUM>ms (threshold <NUM>ms)", {m: (1 if m < 30 else 20) for m in range(60)},
                   severity="WARNING")
    analysis = analyse(mining_of([slow]), _requests(reqs))
    assert analysis.onset_basis == "latency" and analysis.onset == dt(30)
    assert not any(c.surged for c in analysis.candidates) and "cslow001" in analysis.noise


def test_a_config_change_just_before_calls_stop_getting_through_is_named_first():
    """Calls to a dependency time out from minute 30 and the callee logs nothing; a network policy
    was created at minute 28. The change explains the timeouts and ranks first, and the report
    names it first. A merged audit template (`<*> OK by ...`) is still a change by its sample."""
    from rca.llm.offline import OfflineAnalyst

    timeouts = cluster("ctimeo01", "call to pricing timed out after <NUM> s: ConnectTimeoutError", {m: 30 for m in range(30, 60)}, first_second=5)
    policy = cluster("cpolicy1", "<*> OK by <EMAIL>", {28: 1}, severity="NOTICE", first_second=20,
                     sample="io.k8s.networking.v1.networkpolicies.create OK by ops@example.com")
    policy.services = ["deny-egress"]  # a Kubernetes audit entry's service is the object it changed
    mining = mining_of([timeouts, policy])
    analysis = analyse(mining)
    assert analysis.candidates[0].cluster_id == "cpolicy1" and analysis.candidates[0].explains == "ctimeo01"
    output, _ = OfflineAnalyst().analyse(mining, analysis)
    assert output.root_cause is not None and output.root_cause.cluster_ids == ["cpolicy1", "ctimeo01"]
    assert output.root_cause.statement.count("networkpolicies.create") == 1  # named once, first
    assert output.root_cause.statement.startswith("A change to `deny-egress`")  # the object it changed
    assert output.root_cause.category == "network"  # what the change touched: a network object stops the calls
    # a flag switched before the same timeouts keeps the failure's category
    flag = cluster("cflag001", "feature flag pricing_v2 changed from false to true", {28: 1}, severity="INFO", first_second=20)
    mining = mining_of([timeouts, flag])
    output, _ = OfflineAnalyst().analyse(mining, analyse(mining))
    assert output.root_cause is not None and output.root_cause.cluster_ids[0] == "cflag001"
    assert output.root_cause.category == "upstream-dependency"
    assert output.remediation[0].action.startswith("Check the change logged at")
    # an API group with a hyphen (a custom resource, here a traffic-shaping object) is still a
    # change, and database calls that time out after it are calls that stop getting through
    dbslow = cluster("cdbslow1", "ReadItems failed: socket error or timeout talking to MongoDB", {m: 30 for m in range(30, 60)},
                     first_second=5)
    shaping = cluster("cshape01", "<*> OK by <EMAIL>", {28: 1}, severity="NOTICE", first_second=20,
                      sample="org.traffic-lab.v1beta1.linkshapers.create OK by system:serviceaccount:lab:runner")
    shaped = analyse(mining_of([dbslow, shaping]))
    assert shaped.candidates[0].cluster_id == "cshape01" and shaped.candidates[0].explains == "cdbslow1"
    # a code error after the same change is not a reachability failure: the error stays first
    bug = cluster("cbug0030", "TypeError: unsupported operand type(s) for +: 'int' and 'str'", {m: 30 for m in range(30, 60)}, first_second=5)
    assert analyse(mining_of([bug, policy])).candidates[0].cluster_id == "cbug0030"


def test_a_framework_line_that_a_request_raised_ranks_below_the_exception_and_a_callers_failed_answer_below_the_callee():
    """"Exception on /x [GET]" names no failure (its trace was not folded into it), and a caller's
    "backend error: GET /x -> 500" is the answer another service gave after it failed first: the
    exception that names the failure leads, however loud the other two."""
    wrapper = cluster("cwrap001", "Exception on <PATH> [GET]", {m: 40 for m in range(30, 60)}, sample="Exception on /v2/carts/9/lines [GET]")
    caller = cluster("ccall001", "orders backend error: GET <PATH> -> <NUM>", {m: 45 for m in range(30, 60)}, first_second=12,
                     sample="orders backend error: GET /v2/carts/9/lines -> 502")
    caller.services = ["storefront"]
    exc = cluster("cexc0001", "ProgrammingError: column shipments.region_code does not exist", {m: 20 for m in range(30, 60)},
                  first_second=25)
    for c in (wrapper, exc):
        c.services = ["orders-api"]
    ranked = [c.cluster_id for c in analyse(mining_of([wrapper, caller, exc])).candidates]
    assert ranked[0] == "cexc0001", ranked


def test_an_instance_stopped_by_a_scale_down_is_no_cause_and_one_killed_out_of_the_blue_is():
    """The autoscaler stops two pods a few seconds after scaling the replica set down: planned.
    The same stop with no scale-down before it is a candidate (a killed callee)."""
    scaled = cluster("cscale01", "Scaled down replica set <*> to <NUM> from <NUM>", {40: 1}, severity="INFO",
                     sample="Scaled down replica set front-end-6d9f to 2 from 4")
    stop = cluster("cstop001", "Stopping container front-end", {40: 2}, severity="INFO", first_second=1)
    refused = cluster("crefuse2", "GET /catalogue failed: connect ECONNREFUSED <IP>", {m: 3 for m in range(40, 45)}, first_second=2)
    refused.services = ["orders"]
    stop.services = scaled.services = ["front-end"]
    planned = analyse(mining_of([scaled, stop, refused]))
    assert "cstop001" not in [c.cluster_id for c in planned.candidates if c.role == "cause"]
    unplanned = analyse(mining_of([stop, refused]))
    assert unplanned.candidates[0].cluster_id == "cstop001"

    # scaled to zero: the service is gone, that is the outage itself
    scaled.samples = ["Scaled down replica set front-end-6d9f to 0 from 1"]
    assert analyse(mining_of([scaled, stop, refused])).candidates[0].cluster_id == "cstop001"


def test_two_failed_calls_with_no_error_to_explain_them_are_some_harm_not_a_broken_pipeline():
    """An error burst, clients reporting two failed calls, and no candidate cause (a healthy window's
    noise): some harm, P2. A failing run every minute, or the same two failures with an error that
    explains them (a short window's whole incident), is P1."""
    from rca.models import ImpactSignal

    def priority(count: int, has_cause: bool) -> str:
        signal = ImpactSignal(kind="failed-operations", count=count, text=f"{count} failed calls or job runs reported by clients")
        return decide_priority(Impact(signals=[signal]), has_cause=has_cause, burst=True)[0]

    assert priority(2, has_cause=False) == "P2"
    assert priority(30, has_cause=False) == "P1"
    assert priority(2, has_cause=True) == "P1"


def test_a_readiness_probe_failing_during_a_scale_out_is_no_failed_operation():
    """A readiness probe keeps a starting pod out of rotation: its failure is the platform's check,
    not a user's call that failed. A synthetic monitor's probe that fails is one."""
    from rca.analysis.knowledge import impact_kind

    assert impact_kind(cluster("cready01", 'Readiness probe failed: Get "<STR>": dial tcp <IP>: connect: connection refused',
                               {14: 2}, severity="WARNING")) is None
    assert impact_kind(cluster("cuptime1", "uptime probe checkout-home failed: HTTP <NUM>", {14: 2}, severity="WARNING")) == "failed-operations"


def test_exits_with_code_zero_are_finished_work_not_crashes():
    """A job's tasks that call exit(0) finished; a non-zero code is a crash. The template masks the
    code, so the samples decide; a window whose only change is tasks finishing is no incident."""
    from rca.analysis.knowledge import clean_exit, impact_kind

    done = cluster("cexit001", "Container called exit(<NUM>).", {m: 1 for m in range(17, 25)}, severity="WARNING",
                   sample="Container called exit(0).")
    done.samples = ["Container called exit(0)."] * 3
    assert clean_exit(done) and impact_kind(done) is None
    crashed = done.model_copy(update={"samples": ["Container called exit(0).", "Container called exit(1)."]})
    assert not clean_exit(crashed) and impact_kind(crashed) == "restarts"
    reqs = _requests({m: [(200, 0.05)] * 60 for m in range(60)})
    assert analyse(mining_of([done]), reqs).priority == "none"
    assert analyse(mining_of([crashed]), reqs).priority != "none"


def test_timeouts_of_a_caller_that_answered_all_its_users_are_absorbed():
    """A front end gives up on an optional dependency (its deadline is short) during a load ramp and
    still answers every request with 200: the timeouts harm no user. The same timeouts while its
    requests fail with 5xx are impact."""
    timeouts = cluster("cads0001", "failed to retrieve recommendations: rpc error: code = DeadlineExceeded desc = context deadline exceeded",
                       {m: 2 for m in range(31, 38)}, severity="WARNING")
    fine = _requests({m: [(200, 0.05)] * 40 for m in range(60)})
    for minutes in fine.service_timeline.values():
        assert not any(v[1] for v in minutes.values())
    served = RequestTally()
    list(served.tap(LogRecord(timestamp=(M0 + m) * 60.0 + i, severity="INFO", message="", http_status=200, latency_s=0.05,
                              endpoint="GET /", service="checkout") for m in range(60) for i in range(40)))
    assert not analyse(mining_of([timeouts]), served.summary()).impact.signals
    assert analyse(mining_of([timeouts]), served.summary()).priority in ("none", "P3")
    failing = RequestTally()
    list(failing.tap(LogRecord(timestamp=(M0 + m) * 60.0 + i, severity="INFO", message="", http_status=(504 if m >= 31 and i < 4 else 200),
                               latency_s=0.05, endpoint="GET /", service="checkout") for m in range(60) for i in range(40)))
    analysis = analyse(mining_of([timeouts]), failing.summary())
    assert {s.kind for s in analysis.impact.signals} >= {"timeouts"} and analysis.priority in ("P1", "P2")


def test_a_pool_that_runs_dry_is_the_databases_failure_only_when_the_database_shows_strain():
    """Connections held by slow queries (or refused by the database itself) make pool exhaustion a
    database failure; a client pool that runs dry on its own (a deadlock holding connections, too
    small a pool) with the database answering quickly is the client's resource running out."""
    pool = cluster("cpool001", "HikariPool-1 - Connection is not available, request timed out after <NUM>ms.", {m: 3 for m in range(30, 60)})
    assert analyse(mining_of([pool])).candidates[0].category == "resource-exhaustion"
    slow = cluster("cslow001", "Slow query (<NUM> ms): SELECT * FROM ledger_entries WHERE account = <NUM>", {m: 2 for m in range(29, 60)},
                   severity="WARNING")
    analysis = analyse(mining_of([pool, slow]))
    assert next(c for c in analysis.candidates if c.cluster_id == "cpool001").category == "database"
    refused = cluster("cslots01", "FATAL: remaining connection slots are reserved for non-replication superuser connections",
                      {m: 3 for m in range(30, 60)})
    assert analyse(mining_of([refused])).candidates[0].category == "database"


def test_a_stopped_datastore_is_a_database_failure_and_a_stopped_app_instance_is_not():
    """The same shutdown lines mean a database failure when the stopped instance is a datastore
    (known from its name), and stay 'other' for an application's instance."""
    def stopped(service: str) -> str:
        refused = cluster("crefuse1", "Error: connect ECONNREFUSED <IP>:<NUM>", {m: 30 for m in range(30, 33)}, first_second=3)
        c = cluster("cstop001", "Received SIGTERM scheduling shutdown...", {30: 1}, severity="INFO", first_second=1)
        c.services = [service]
        top = analyse(mining_of([refused, c])).candidates[0]
        assert top.cluster_id == "cstop001"
        return top.category

    expected = {"session-store-redis": "database", "payments-db": "database", "ledger-postgres-0": "database",
                "payments": "other", "feedback-api": "other"}
    assert {service: stopped(service) for service in expected} == expected


def test_failed_requests_for_two_minutes_that_recover_are_a_blip_and_for_twelve_an_incident():
    """A pod replaced in under two minutes: its callers' requests fail, then succeed again for the
    rest of the window (P3). The same failures running for twelve minutes are not a blip."""
    refused = cluster("crefuse1", "Error: connect ECONNREFUSED <IP>:<NUM>", {20: 30, 21: 3}, first_second=3)
    short = {m: [(200, 0.05)] * 50 + [(503, 0.05)] * (30 if m == 20 else 3 if m == 21 else 0) for m in range(60)}
    analysis = analyse(mining_of([refused]), _requests(short))
    assert analysis.priority == "P3" and "blip" in analysis.priority_reason
    long_refused = cluster("crefuse1", "Error: connect ECONNREFUSED <IP>:<NUM>", {m: 3 for m in range(20, 32)}, first_second=3)
    longer = {m: [(200, 0.05)] * 50 + [(503, 0.05)] * (3 if 20 <= m < 32 else 0) for m in range(60)}
    assert analyse(mining_of([long_refused]), _requests(longer)).priority == "P2"


def test_callers_failed_calls_no_more_than_the_failed_requests_are_graded_by_the_request_share():
    """Callers report 20 failed calls while the request log shows 200 of 6,000 requests failing:
    the same failures from the other side, a small share (P2). Failed calls the request log does
    not show (a job's runs, an API call that failed in a back end) still make it P1."""
    err = cluster("cdisk001", "write failed: No space left on device", {m: 4 for m in range(30, 50)})
    calls = cluster("ccall001", "upstream call failed (HTTP 503)", {m: 1 for m in range(30, 50)}, severity="WARNING")
    reqs = {m: [(200, 0.05)] * 200 + [(503, 0.05)] * (10 if 30 <= m < 50 else 0) for m in range(60)}
    analysis = analyse(mining_of([err, calls]), _requests(reqs))
    assert any(s.kind == "failed-operations" for s in analysis.impact.signals)
    assert analysis.priority == "P2"
    unseen = {m: [(200, 0.05)] * 200 for m in range(60)}
    assert analyse(mining_of([err, calls]), _requests(unseen)).priority == "P1"


def test_the_pools_own_timeout_in_another_words_is_no_sign_of_database_strain():
    """The pool's wait timing out, logged again as a SQL exception ("SQLTransientConnectionException
    ... timed out"), is the same exhaustion: it does not make the database the strained resource."""
    pool = cluster("cpool001", "HikariPool-1 - Connection is not available, request timed out after <NUM>ms.", {m: 3 for m in range(30, 60)})
    echo = cluster("cpool002", "java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out "
                   "after <NUM>ms.", {m: 1 for m in range(30, 60)})
    analysis = analyse(mining_of([pool, echo]))
    assert {c.category for c in analysis.candidates if c.signature == "pool-exhaustion"} == {"resource-exhaustion"}


def test_calls_refused_at_the_address_the_configuration_set_are_a_configuration_failure():
    """The service logs the configuration it loaded, and its calls are refused at the very address
    that configuration names: the configured address is wrong. The same refusals with no such line
    (or a line naming another address) stay a network failure."""
    refused = cluster("crefuse1", "delivery failed: connect ECONNREFUSED <IP>:<NUM>", {m: 20 for m in range(20, 60)},
                      sample="delivery failed: connect ECONNREFUSED 10.9.8.7:9443")
    loaded = cluster("cconf001", "config loaded (revision <NUM>): gateway.url=<URL> timeout.ms=<NUM>", {45: 1}, severity="INFO",
                     sample="config loaded (revision 12): gateway.url=https://10.9.8.7:9443 timeout.ms=3000")
    assert analyse(mining_of([refused, loaded])).candidates[0].category == "configuration"
    assert analyse(mining_of([refused])).candidates[0].category == "network"
    other = loaded.model_copy(update={"samples": ["config loaded (revision 12): gateway.url=https://10.9.8.8:9443 timeout.ms=3000"]})
    assert analyse(mining_of([refused, other])).candidates[0].category == "network"


def _named_first(mining: MiningResult, change: str, failure: str) -> str:
    """Assert that the analysis ranks `change` first as the explanation of `failure` and that the
    offline report names both, the change first; return the report's category."""
    from rca.llm.offline import OfflineAnalyst

    analysis = analyse(mining)
    assert analysis.candidates[0].cluster_id == change and analysis.candidates[0].explains == failure
    output, _ = OfflineAnalyst().analyse(mining, analysis)
    assert output.root_cause is not None and output.root_cause.cluster_ids == [change, failure]
    return output.root_cause.category


def test_a_schema_migration_just_before_queries_miss_a_column_is_named_first():
    """A migration renames a column at minute 29 and queries fail on the old name from minute 30:
    the migration explains the failure and ranks first, the category stays database. Without the
    migration the failing query is the cause; a migration long before explains nothing."""
    missing = cluster("cschema1", 'psycopg2.errors.UndefinedColumn: column orders.client_ref does not exist', {m: 20 for m in range(30, 60)},
                      first_second=15)
    migration = cluster("cmigr001", "[alembic.runtime.migration] Running upgrade <HEX> -> <HEX>, rename orders.client_ref to client_id",
                        {29: 1}, severity="INFO", first_second=50)
    assert _named_first(mining_of([missing, migration]), "cmigr001", "cschema1") == "database"
    assert analyse(mining_of([missing])).candidates[0].cluster_id == "cschema1"
    early = migration.model_copy(update={"first_seen": dt(5), "last_seen": dt(5), "timeline": {M0 + 5: 1}})
    assert analyse(mining_of([missing, early])).candidates[0].cluster_id == "cschema1"


def test_of_several_migration_steps_the_one_naming_the_failing_column_explains_it():
    """Three migration lines just before the onset: the step that names the column the queries
    miss is the explanation, not merely the last line of the run."""
    missing = cluster("cschema1", 'ERROR: column orders.client_ref does not exist', {m: 20 for m in range(30, 60)}, first_second=15)
    step = cluster("cmigr001", "Running upgrade <HEX> -> <HEX>, rename orders.client_ref to client_id", {29: 1}, severity="INFO",
                   first_second=20)
    index = cluster("cmigr002", "Running upgrade <HEX> -> <HEX>, add index ix_orders_created_at", {29: 1}, severity="INFO", first_second=40)
    done = cluster("cmigr003", "schema migration run finished", {29: 1}, severity="INFO", first_second=50)
    analysis = analyse(mining_of([missing, step, index, done]))
    assert analysis.candidates[0].cluster_id == "cmigr001" and analysis.candidates[0].explains == "cschema1"


def test_a_failover_of_a_datastore_just_before_its_clients_are_refused_is_named_first_as_a_database_failure():
    """An operation on a datastore (a failover) logged just before its clients' connections are
    refused explains them: the change is named first and the category is the datastore's."""
    refused = cluster("crefuse1", "cache write failed: Error <NUM> connecting to <IP>. Connection refused.", {m: 20 for m in range(30, 33)},
                      first_second=20)
    failover = cluster("cfail001", "google.cloud.redis.v1.CloudRedis.FailoverInstance OK by <EMAIL>", {29: 1}, severity="NOTICE",
                       first_second=50, sample="google.cloud.redis.v1.CloudRedis.FailoverInstance OK by ops@example.com")
    assert _named_first(mining_of([refused, failover]), "cfail001", "crefuse1") == "database"


def test_a_failing_message_broker_is_a_pipeline_down_and_a_failing_app_is_graded_by_its_share():
    """A broker's disk alarm blocks its publishers: a few percent of requests fail (those that
    publish), but every pipeline through the broker stops: P1. The same share failing behind an
    application's own error stays P2."""
    def graded(service: str) -> str:
        alarm = cluster("calarm01", "disk resource limit alarm set on node <*>. Publishers will be blocked", {30: 1}, severity="WARNING")
        alarm.services = [service]
        timeouts = cluster("ctimeo01", "java.net.SocketTimeoutException: Read timed out", {m: 2 for m in range(31, 60)}, first_second=30)
        timeouts.services = ["orders"]
        reqs = {m: [(200, 0.05)] * 60 + [(500, 3.0)] * (2 if m > 30 else 0) for m in range(60)}
        return analyse(mining_of([alarm, timeouts]), _requests(reqs)).priority

    assert graded("rabbitmq") == "P1"
    assert graded("ledger") == "P2"


def test_a_warning_stream_born_shortly_before_the_onset_and_rising_through_it_is_a_candidate():
    """Tokens stop validating one by one: the warning starts six minutes before the failures and
    grows with them. It was not there when the window opened, so it is the failure building up, not
    a background the onset found; a stream that started as early but faded before the onset stays noise."""
    failures = cluster("cfail001", "instance build failed: Unauthorized (HTTP 401)", {m: 10 for m in range(20, 60)})
    rising = cluster("cwarn001", "could not validate token: signing key not found", {m: 5 if m < 20 else 6 for m in range(14, 60)},
                     severity="WARNING")
    faded = cluster("cwarn002", "slow disk flush on volume data", {m: 3 for m in range(14, 19)} | {40: 1}, severity="WARNING")
    analysis = analyse(mining_of([failures, rising, faded]))
    roles = {c.cluster_id: c.role for c in analysis.candidates}
    assert roles.get("cwarn001") == "cause" and "cwarn001" not in analysis.noise
    assert roles.get("cwarn002") != "cause"


def test_a_warning_printed_before_each_crash_and_the_code_line_under_it_rank_below_the_crash():
    """A worker on a stream that makes every line an ERROR prints a deprecation warning (the
    warnings module's `file:line: UserWarning: ...` and, indented under it, the source line), then
    crashes on a library missing from its image. The warning comes first and says it is a warning;
    the indented code line is the middle of a write, no finding. The crash ranks first, as a
    missing dependency named in the report."""
    from rca.llm.offline import OfflineAnalyst

    crashes = {m: 1 for m in range(30, 60, 2)}
    warning = cluster("cwarn001", "<PATH>:<NUM>: UserWarning: pkg_meta is deprecated as an API", crashes, first_second=10,
                      sample="/srv/site-packages/vendorlib/__init__.py:7: UserWarning: pkg_meta is deprecated as an API")
    code = cluster("ccode001", "import pkg_meta", crashes, first_second=10, sample="  import pkg_meta")
    aligned = cluster("calign01", "ERROR worker stopped: job queue closed", crashes, first_second=12, sample="   ERROR worker stopped: job queue closed")
    crash = cluster("ccrash01", "ImportError: libgeosx.so.<NUM>: cannot open shared object file: No such file or directory", crashes,
                    first_second=11, sample="ImportError: libgeosx.so.3: cannot open shared object file: No such file or directory",
                    exception="ImportError")
    links = [ClusterLink(source="cwarn001", target="ccrash01", count=15, via="instance")]
    mining = mining_of([warning, code, crash, aligned], links)
    analysis = analyse(mining)
    assert analysis.candidates[0].cluster_id == "ccrash01" and analysis.candidates[0].category == "missing-dependency"
    assert "ccode001" not in {c.cluster_id for c in analysis.candidates}
    assert "calign01" in {c.cluster_id for c in analysis.candidates}  # a right-aligned level is a line of its own
    output, _ = OfflineAnalyst().analyse(mining, analysis)
    assert output.root_cause is not None and "libgeosx.so.3" in output.root_cause.statement


def test_a_log_line_guessing_at_a_cause_is_no_evidence_of_it():
    """A process manager kills a worker that timed out and guesses why ('Perhaps out of memory?'):
    the guess matches no out-of-memory failure, so the pods the scheduler could not place for want
    of CPU rank first. A line that says it ran out of memory still does."""
    guess = cluster("ckill001", "Worker (pid:<NUM>) was sent SIGKILL! Perhaps out of memory?", {m: 5 for m in range(28, 60)}, first_second=58)
    pending = cluster("cpend001", "0/6 nodes are available: 6 Insufficient cpu.", {m: 20 for m in range(29, 60)}, severity="WARNING",
                      first_second=4)
    analysis = analyse(mining_of([guess, pending]))
    assert analysis.candidates[0].cluster_id == "cpend001" and analysis.candidates[0].category == "capacity"
    assert next(c for c in analysis.candidates if c.cluster_id == "ckill001").signature is None
    said = cluster("ckill002", "Worker (pid:<NUM>) was killed: out of memory", {m: 5 for m in range(28, 60)}, first_second=58)
    assert next(c for c in analyse(mining_of([said, pending])).candidates if c.cluster_id == "ckill002").signature == "oom"
    # a question mark that is a query's placeholder is no question
    slow = cluster("cslow001", "Slow query (<NUM> ms): SELECT qty FROM stock WHERE sku = ? FOR UPDATE", {m: 5 for m in range(29, 60)},
                   severity="WARNING")
    failed = cluster("cfail001", "reservation failed for order <NUM>", {m: 5 for m in range(30, 60)})
    assert next(c for c in analyse(mining_of([slow, failed])).candidates if c.cluster_id == "cslow001").signature == "database-pressure"


def test_a_database_refusing_connections_is_what_its_callers_pool_waits_are_on():
    """The database's own log says its connection slots are full from minute 29; a minute later
    a client's pool times out waiting for a connection, and a batch job of a third service logs a
    retry warning. The database is the callee the waits are on: it ranks first, the waits below it."""
    refused = cluster("cslots01", "FATAL: sorry, too many clients already", {m: 30 for m in range(29, 60)}, first_second=50)
    refused.services = ["postgres.log"]
    waits = cluster("cpool001", "HikariPool-1 - Connection is not available, request timed out after <NUM>ms.", {m: 60 for m in range(30, 60)},
                    first_second=55)
    waits.services = ["orders-api"]
    retry = cluster("cretry01", "warehouse pool warmup incomplete, retrying in <DURATION>", {m: 1 for m in range(30, 32)},
                    severity="WARNING", first_second=5)
    retry.services = ["report-job"]
    analysis = analyse(mining_of([refused, waits, retry]))
    assert analysis.candidates[0].cluster_id == "cslots01"
    caller = next(c for c in analysis.candidates if c.cluster_id == "cpool001")
    assert caller.score < analysis.candidates[0].score and caller.echo_of == "cslots01"


def test_a_change_is_named_for_calls_that_stop_getting_through_only_when_it_is_on_their_path():
    """Shortly before a service is denied a secret, a storage bucket's IAM binding changed: an IAM
    binding grants one resource, and this one names nothing the denial names (the principal's
    address, common to many changes, names nothing either), so it explains nothing and the denial
    stays first. A queue's rate changed before calls to an outside API time out touches nothing on
    their path: the timeouts stay first. The failing service's own settings are on its path."""
    denied = cluster("cdenied1", "fatal: could not load secret billing-api-key: PERMISSION_DENIED: Permission "
                     "'secretmanager.versions.access' denied", {m: 5 for m in range(30, 60)}, severity="CRITICAL", first_second=8)
    bucket = cluster("cbucket1", "<*> OK by <EMAIL>", {27: 1}, severity="NOTICE", first_second=9,
                     sample="storage.setIamPermissions OK by deployer@acme-prod.iam.gserviceaccount.com on "
                            "projects/_/buckets/acme-prod-assets ADD roles/storage.objectViewer allUsers")
    bucket.services = ["activity"]
    analysis = analyse(mining_of([denied, bucket]))
    assert analysis.candidates[0].cluster_id == "cdenied1"
    assert next(c for c in analysis.candidates if c.cluster_id == "cbucket1").explains is None
    timeouts = cluster("ctimeo01", 'mail send failed: Post "https://api.mailer.example/v3/send": context deadline exceeded',
                       {m: 30 for m in range(30, 60)}, first_second=5)
    timeouts.services = ["notifier"]
    queue = cluster("cqueue01", "<*> OK by <EMAIL>", {22: 1}, severity="NOTICE", first_second=10,
                    sample="google.cloud.tasks.v2.CloudTasks.UpdateQueue OK by ops@acme-prod.iam.gserviceaccount.com on "
                           "projects/acme-prod/locations/us-central1/queues/email-send")
    queue.services = ["activity"]
    assert analyse(mining_of([timeouts, queue])).candidates[0].cluster_id == "ctimeo01"
    # the failing service's own settings, changed at the same time, are on the path
    settings = cluster("cconfig1", "<*> OK by <EMAIL>", {22: 1}, severity="NOTICE", first_second=10,
                       sample="io.k8s.core.v1.configmaps.update OK by ops@acme-prod.iam.gserviceaccount.com on mail/configmaps/notifier-config")
    settings.services = ["notifier-config"]
    assert _named_first(mining_of([timeouts, settings]), "cconfig1", "ctimeo01") == "upstream-dependency"


def test_users_refused_minutes_before_the_first_error_start_the_incident_there():
    """One identity server of two cannot read new tokens: a quarter of requests are refused with
    401 from minute 20, and a client that builds on it first logs an ERROR at minute 27. The
    incident starts with the refusals, and the token rejections logged with them (warnings) rank
    above the client's later errors, as a configuration failure of the keys."""
    from rca.llm.offline import OfflineAnalyst

    reqs = {m: [(200, 0.02)] * 30 + [(401, 0.01)] * (0 if m < 20 else 10) for m in range(60)}
    rejected = cluster("ctoken01", "Could not recognize session token: TokenNotFound", {m: 12 for m in range(20, 60)},
                       severity="WARNING", first_second=20)
    rejected.services = ["identity"]
    spawn = cluster("cspawn01", "Build failed: Unauthorized: the request you have made requires authentication (HTTP 401)",
                    {m: 1 for m in range(27, 60, 2)}, first_second=40)
    spawn.services = ["builder"]
    mining = mining_of([rejected, spawn])
    analysis = analyse(mining, _requests(reqs))
    assert analysis.onset == dt(20) and analysis.onset_basis == "impact"
    assert analysis.candidates[0].cluster_id == "ctoken01" and analysis.candidates[0].category == "configuration"
    output, _ = OfflineAnalyst().analyse(mining, analysis)
    assert output.root_cause is not None and output.root_cause.cluster_ids[0] == "ctoken01"
    # with no request logs the first error starts it
    assert analyse(mining_of([rejected, spawn])).onset == dt(27)


def test_a_ticket_server_recording_clock_skew_is_the_cause_of_the_authentication_failures_it_explains():
    """A host's clock jumps at minute 11: its daemons' authentication is rejected (warnings that
    say why: clock skew), and the ticket server records the same at INFO. A job's first ERROR, an
    executor lost, comes ten minutes later. The skew, a known failure mode, ranks first as a
    configuration failure; without the reason in its words the rejection would not."""
    rejected = cluster("csasl001", "javax.security.sasl.SaslException: GSS initiate failed [Caused by GSSException: No valid "
                       "credentials provided (Mechanism level: Clock skew too great (<NUM>))]", {m: 6 for m in range(11, 60)},
                       severity="WARNING", first_second=42)
    kdc = cluster("ckdc0001", "TGS_REQ 10.0.0.7: CLOCK_SKEW: authtime 0, dn/worker-2@REALM for nn/master@REALM, Clock skew too great",
                  {m: 6 for m in range(11, 60)}, severity="INFO", first_second=32)
    kdc.services = ["krb5kdc"]
    lost = cluster("clost001", "ERROR YarnScheduler: Lost executor 3 on worker-2: Container marked as failed", {21: 2}, first_second=29)
    lost.services = ["job-driver"]
    analysis = analyse(mining_of([rejected, kdc, lost]))
    assert analysis.candidates[0].cluster_id == "csasl001" and analysis.candidates[0].signature == "clock-skew"
    assert analysis.candidates[0].category == "configuration"
    bare = rejected.model_copy(update={"template": "javax.security.sasl.SaslException: GSS initiate failed",
                                       "samples": ["javax.security.sasl.SaslException: GSS initiate failed"]})
    assert analyse(mining_of([bare, kdc, lost])).candidates[0].cluster_id == "clost001"


def test_connections_a_new_policy_denies_are_the_failure_it_explains_though_logged_without_a_level():
    """A default-deny egress policy is created at minute 28; from then on the dataplane records
    each connection it drops (no level: DEFAULT) and callers' lookups time out at INFO, while a
    reconciler logs an ERROR about another object. The deny records are the failure, the policy
    the change that explains them: it is named first as a network failure."""
    from rca.llm.offline import OfflineAnalyst

    policy = cluster("cpolicy1", "<*> OK by <EMAIL>", {28: 1}, severity="NOTICE", first_second=20,
                     sample="io.k8s.networking.v1.networkpolicies.create OK by system:serviceaccount:sync:applier on shop/networkpolicies/deny-all-egress")
    policy.services = ["deny-all-egress"]
    denied = cluster("cdeny001", '{"connection":{"dest_ip":<STR>,"dest_port":<NUM>,"direction":<STR>},"disposition":<STR>,"src":{"namespace":<STR>}}',
                     {m: 150 for m in range(28, 60)}, severity="DEFAULT", first_second=23,
                     sample='{"connection":{"dest_ip":"10.0.0.10","dest_port":53,"direction":"egress"},"disposition":"deny","src":{"namespace":"shop"}}')
    denied.services = ["policy-action"]
    lookups = cluster("clookup1", "request failed: dial tcp: lookup <HOST> on <IP>: read udp <IP>-><IP>: i/o timeout",
                      {m: 80 for m in range(28, 60)}, severity="INFO", first_second=28)
    other = cluster("crecon01", "failed to apply shop-typo/allow-dns: namespaces \"shop-typo\" not found", {28: 1}, first_second=21)
    other.services = ["reconciler"]
    mining = mining_of([policy, denied, lookups, other])
    analysis = analyse(mining)
    assert analysis.candidates[0].cluster_id == "cpolicy1" and analysis.candidates[0].explains == "cdeny001"
    output, _ = OfflineAnalyst().analyse(mining, analysis)
    assert output.root_cause is not None and output.root_cause.cluster_ids == ["cpolicy1", "cdeny001"]
    assert output.root_cause.category == "network"
    # allow records are no failure
    allowed = denied.model_copy(update={"samples": [denied.samples[0].replace('"deny"', '"allow"')]})
    assert analyse(mining_of([policy, allowed, lookups, other])).candidates[0].cluster_id == "crecon01"


def test_a_database_refusal_that_starts_a_second_before_the_onsets_minute_still_leads_its_waiting_callers():
    """Minutes are coarse: the database's first refusal lands a second before the minute before
    the onset (its first entries are a trickle), its refusals in other words follow, and a client's
    pool waits start at the onset. The first refusal is no baseline stream: it ranks first, and the
    waits, ranked below the later refusal they were put under, stay below the first one too."""
    slots = cluster("cslots01", "FATAL: remaining connection slots are reserved for non-replication superuser connections",
                    {28: 1, 29: 2} | {m: 40 for m in range(30, 60)}, first_second=59)
    clients = cluster("cslots02", "FATAL: sorry, too many clients already", {m: 10 for m in range(30, 60)}, first_second=5)
    clients.template = "FATAL: remaining connection slots are reserved for non-replication superuser connections; sorry, too many clients"
    slots.services = clients.services = ["postgres.log"]
    waits = cluster("cpool001", "HikariPool-1 - Connection is not available, request timed out after <NUM>ms.", {m: 60 for m in range(30, 60)},
                    first_second=20)
    waits.services = ["orders-api"]
    analysis = analyse(mining_of([slots, clients, waits]))
    assert analysis.onset == dt(30)
    assert analysis.candidates[0].cluster_id == "cslots01" and "absent from the baseline" in analysis.candidates[0].reason
    scores = {c.cluster_id: c.score for c in analysis.candidates}
    assert scores["cpool001"] < scores["cslots01"]


def test_a_fault_injected_on_purpose_just_before_calls_time_out_explains_them():
    """A chaos experiment adds network delay to a database pod at minute 28 and a service's
    queries time out from minute 29. The experiment names neither the failing service nor anything
    its errors name, but an injected fault is on every path: it is named first, as a network
    failure."""
    dbslow = cluster("cdbslow1", "ReadPosts failed: socket error or timeout talking to MongoDB", {m: 30 for m in range(29, 60)},
                     first_second=5)
    dbslow.services = ["post-storage-service"]
    chaos = cluster("cchaos01", "<*> OK by <*>", {28: 1}, severity="NOTICE", first_second=20,
                    sample="org.chaos-mesh.v1alpha1.networkchaos.create OK by system:serviceaccount:lab:runner on shop/networkchaos/slow-posts-db")
    chaos.services = ["slow-posts-db"]
    assert _named_first(mining_of([dbslow, chaos]), "cchaos01", "cdbslow1") == "network"


def test_a_failure_still_running_on_a_component_without_request_logs_is_graded_p1():
    """Request logs speak only for the services they cover. Errors that began at the onset and still
    run when the logs end on a worker that writes no request logs are its work failing (P1), however
    many requests the web tier served; the same errors on the web tier, whose own requests were all
    served, did not fail its users (P3); nor does a stream that stopped long before the logs end, one
    from the window's first minutes, or one beside a load balancer's log only."""
    def served_by(service: str):
        tally = RequestTally()
        list(tally.tap(LogRecord(timestamp=(M0 + m) * 60.0 + i, severity="INFO", message="", http_status=200, latency_s=0.05,
                                 endpoint="GET /api/orders", service=service) for m in range(60) for i in range(20)))
        return tally.summary()

    def failing_on(service: str, minutes: range) -> MiningResult:
        failing = cluster("cwork001", "asset-sync: stat <PATH>: Stale file handle (errno=<NUM>)", {m: 3 for m in minutes})
        failing.services = [service]
        return mining_of([failing])

    worker = analyse(failing_on("render-worker", range(30, 60)), served_by("web"))
    assert worker.onset == dt(30)
    assert worker.priority == "P1"
    assert "render-worker" in worker.priority_reason and "no request logs" in worker.priority_reason
    assert analyse(failing_on("web", range(30, 60)), served_by("web")).priority == "P3"
    assert analyse(failing_on("render-worker", range(30, 42)), served_by("web")).priority == "P3"
    # a stream from the window's first minutes: too few minutes before it to show that it rose
    assert analyse(failing_on("render-worker", range(3, 60)), served_by("web")).priority == "P3"
    # a load balancer's log names no service: it cannot tell which components its requests reached
    assert analyse(failing_on("render-worker", range(30, 60)), served_by("requests")).priority == "P3"


def test_with_no_onset_a_steady_crash_loop_that_loses_no_work_is_no_p1_but_one_whose_job_fails_is():
    """No burst in the window: a sidecar backs off and restarts every four minutes from the first
    minute to the last. Nothing it does is reported failed, so it is no P1 (it was crash-looping
    before the window too, at the same pace). The same loop beside a Job that reports its runs
    failing is work lost: P1."""
    loop = cluster("cloop001", "Back-off restarting failed container exporter in pod batch-<NUM>",
                   {m: 1 for m in range(0, 60, 4)}, severity="WARNING")
    background = cluster("cbgwarn1", "cache refresh took <NUM> ms", {m: 2 for m in range(60)}, severity="WARNING")
    steady = analyse(mining_of([loop, background]))
    assert steady.onset is None and steady.priority not in ("P0", "P1")
    job = cluster("cjobfail", "Job has reached the specified backoff limit", {m: 1 for m in range(5, 60, 15)}, severity="WARNING")
    failing = analyse(mining_of([loop, background, job]))
    assert failing.onset is None and failing.priority == "P1"


def test_with_no_onset_work_failing_all_window_long_or_a_halted_component_is_an_incident():
    """No burst and no failed request: a client reports an upload failing several times a minute
    from the first minute to the last (the incident was under way when the window opened), which
    is P2; a component that logs once that it halted its work is P3. A failed run now and then
    (fewer than one a minute) is still no incident."""
    background = cluster("cbgwarn2", "cache refresh took <NUM> ms", {m: 2 for m in range(60)}, severity="WARNING")
    uploads = cluster("cupload1", "client reported upload failure", {m: 5 for m in range(60)}, severity="WARNING")
    assert analyse(mining_of([background, uploads])).priority == "P2"
    halted = cluster("chalt001", "critical error detected; halting", {40: 1})
    analysis = analyse(mining_of([background, halted]))
    assert analysis.onset is None and analysis.priority == "P3" and "halted" in analysis.priority_reason
    rare = cluster("crare001", "client reported upload failure", {m: 1 for m in range(0, 60, 10)}, severity="WARNING")
    assert analyse(mining_of([background, rare])).priority == "none"


def test_errors_that_say_the_input_cannot_be_read_are_an_incident_under_way_not_a_steady_trickle():
    """An error every minute of the hour while 0.5% of requests fail: a healthy service's steady
    trickle, no incident. The same errors saying the service cannot deserialise the payloads it is
    sent are work refused every time (a sender's format changed): an incident already under way."""
    reqs = _requests({m: [(200, 0.05)] * 199 + [(502, 0.05)] for m in range(60)})
    trickle = cluster("ctrick01", "upstream prematurely closed connection while reading response header", {m: 1 for m in range(60)})
    quiet = analyse(mining_of([trickle]), reqs)
    assert quiet.priority == "none" and quiet.healthy
    refused = cluster("crefus01", "Cannot deserialize value of type `Kind` from String <STR>: not one of the values accepted",
                      {m: 1 + 3 * (m % 7 == 0) for m in range(60)})
    analysis = analyse(mining_of([trickle, refused]), reqs)
    assert analysis.priority in ("P2", "P3") and not analysis.healthy
    assert analysis.candidates[0].cluster_id == "crefus01"
    same = cluster("cother01", "export of record <NUM> skipped: tenant <STR> has no region", {m: 1 + 3 * (m % 7 == 0) for m in range(60)})
    assert analyse(mining_of([trickle, same]), reqs).priority == "none"


def test_with_no_onset_a_service_refusing_a_third_of_its_requests_all_along_and_saying_why_is_an_incident():
    """No error and no burst: from the first minute to the last one to three requests in six to
    the sign-in service are answered 403, and the service logs a warning for each ('signature
    validation failed'). It refuses work it should do: an incident under way (P2), not clients'
    slips. The same 403s with nothing logging them, or among six times the traffic, stay no incident."""
    refused = {m: 1 + m % 3 for m in range(60)}

    def requests(per_minute: int):
        tally = RequestTally()
        list(tally.tap(LogRecord(timestamp=(M0 + m) * 60.0 + i, severity="INFO", message="", service="signin",
                                 http_status=403 if i < refused[m] else 200, latency_s=0.05, endpoint="POST /login")
                       for m in range(60) for i in range(per_minute)))
        return tally.summary()

    def signin(c: ClusterStats) -> ClusterStats:
        c.services = ["signin"]
        return c

    refusals = signin(cluster("crefl403", "POST <PATH> → <NUM> Forbidden (<NUM> s)", refused, severity="WARNING",
                              http_statuses={403: sum(refused.values())}))
    said = signin(cluster("csigwarn", "response rejected for tenant=<STR>: signature validation failed", refused, severity="WARNING"))
    background = cluster("cbgwarn3", "cache refresh took <NUM> ms", {m: 2 for m in range(60)}, severity="WARNING")
    analysis = analyse(mining_of([refusals, said, background]), requests(6))
    assert analysis.onset is None and analysis.priority == "P2" and "signin" in analysis.priority_reason
    assert analyse(mining_of([refusals, background]), requests(6)).priority == "none"
    assert analyse(mining_of([refusals, said, background]), requests(36)).priority == "none"
