"""Analysis stage: onset, ranked causes vs symptoms vs noise, impact and priority.

Deterministic and cheap (it works on clusters, never on entries); every number it produces is
computed from the mined evidence.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from rca.analysis.culprit import culprit_category, is_broker, is_datastore
from rca.analysis.impact import (SURGE_RISE, client_surge, compute_impact, down_endpoints, failing_traffic, graded_timeline, impact_timeline,
                                 rose_at_onset, worst_share)
from rca.analysis.knowledge import clean_exit, impact_kind, load_signatures, readable_text, words
from rca.analysis.onset import Onset, find_latency_shift, find_onset
from rca.analysis.ranking import (LEAD_MINUTES, PARALLEL_RISE, candidates_from, classify_and_score, names_any, own_words, provably_new,
                                  steady_streams)
from rca.models import PLATFORM_STREAMS, SEVERITY_RANK, WARNING_RANK, Analysis, Candidate, ClusterStats, Impact, MiningResult, RequestStats, to_datetime


def analyse(mining: MiningResult, requests: RequestStats | None = None) -> Analysis:
    requests = requests or RequestStats()
    first_minute = int(mining.window_start.timestamp() // 60) if mining.window_start else None
    last_minute = int(mining.window_end.timestamp() // 60) if mining.window_end else None
    # an even stream is background unless users were failing all along (then it may be the incident)
    background = steady_streams(mining) if first_minute is not None and not _failing_throughout(requests) else set()
    # ... and a stream that is the log of requests failing since the window opened is the incident under way
    logged = _logged_failures(mining, requests, first_minute, last_minute)
    background -= {logged} if logged else set()
    # ... and so is an even stream of failed calls or timeouts: it measures no change
    kinds = {c.id: kind for c in mining.clusters if c.id not in background and (kind := impact_kind(c))}
    kinds = {cid: kind for cid, kind in kinds.items() if not _absorbed(mining.cluster(cid), kind, requests)}
    onset, basis = _anchored_onset(mining, requests, kinds, first_minute, last_minute, background, logged is not None)
    onset, basis = _earlier_departure(requests, onset, basis, first_minute, last_minute)
    views = classify_and_score(mining, onset, background, quiet_signals=basis == "latency")
    candidates = candidates_from(views)
    for c in candidates:  # what the culprit is (a datastore, a client's own pool) decides the category too
        c.category = culprit_category(c, mining)
    _announced_category(candidates, mining)
    restart_ids = [v.cluster.id for v in views if (m := v.symptom_match) and m.signature.restart and not clean_exit(v.cluster)]
    if basis == "trouble":  # the streams that marked the onset measure the harm too
        kinds = {**{c.id: "trouble" for c in _new_trouble(mining, background)}, **kinds}
    # a 4xx departure found where the errors mark none is measured as the onset measured it
    impact = compute_impact(mining, requests, onset.minute, restart_ids, kinds,
                            DEPARTURE_SHARE if basis == "client-errors" else SURGE_RISE)
    has_cause = any(
        c.role == "cause" and (cl := mining.cluster(c.cluster_id)) is not None and cl.errors > 0 for c in candidates
    )
    blip = _blip(requests, onset.minute, last_minute, mining, impact) if onset.minute is not None and last_minute is not None else None
    unlogged = _unlogged_failure(mining, views, requests, onset.minute, last_minute)
    priority, why = decide_priority(impact, has_cause, onset.minute is not None, blip=blip is not None,
                                    unlogged=unlogged, lost=_work_lost(mining, first_minute, last_minute, requests),
                                    ripple=blip is not None and blip < RIPPLE_SHARE, refusals=_refusals(requests),
                                    worst=worst_share(graded_timeline(requests, impact), onset.minute),
                                    down=down_endpoints(requests, onset.minute),
                                    one_run=_one_batch_run(mining, impact))
    top = next((c for c in candidates if c.role == "cause"), None)
    if priority == "P2" and top is not None and (cl := mining.cluster(top.cluster_id)) is not None and is_broker(cl.services):
        # a broker that fails stops every pipeline through it, beyond the requests that fail on it
        priority, why = "P1", f"a background pipeline is down: the likely cause is on the message broker {cl.services[0]}, which every pipeline through it depends on"
    if (onset.ongoing_from_start and basis == "errors" and logged is None and _runs_to_the_end(onset, last_minute, mining.error_timeline)
            and _steady_trickle(requests, impact)):
        if refusing := _refusing_input(mining, candidates):
            candidates = _leading(candidates, refusing)  # what makes the window an incident is what it found
        else:
            priority, why = "none", "no change in the window: errors and a trickle of failed requests run at a steady low level from its start"
    important = [c.cluster_id for c in candidates[:3]]
    important += [v.cluster.id for v in views if v.role == "symptom"][:4]
    matched = {m.signature.id for v in views for m in v.matches}
    checked = [s.title for s in load_signatures() if s.role == "cause" and s.id not in matched]
    causes = [c for c in candidates if c.role == "cause"]
    rivals = rival_causes(causes)
    return Analysis(
        onset=to_datetime(onset.minute * 60) if onset.minute is not None else None,
        baseline_error_per_min=round(onset.baseline_per_min, 3),
        peak_error_per_min=onset.peak_per_min,
        candidates=candidates,
        symptoms=_symptoms(views, impact, candidates),
        noise=[v.cluster.id for v in views if v.role == "noise"],
        important=list(dict.fromkeys(important)),
        priority=priority,
        priority_reason=why,
        impact=impact,
        requests=requests,
        healthy=priority == "none",
        mid_incident=onset.minute is not None and onset.ongoing_from_start,
        onset_basis=basis if onset.minute is not None else "",
        hypotheses_close=_close(causes, rivals),
        rivals=[c.cluster_id for c in rivals],
        checked_not_found=checked,
    )


ABSORBED_MIN_REQUESTS = 50  # a service answering this many requests, none with a server error, absorbs its timeouts


def _absorbed(cluster: ClusterStats | None, kind: str, requests: RequestStats) -> bool:
    """Timeouts (or fallbacks) logged by services that answered every one of their own requests
    without a server error: the caller gave up on a dependency and served its users anyway (a
    fallback, an optional part of a page left out), so the timeouts measure no harm to them. A
    service with no request logs of its own may be failing its work: its timeouts still count."""
    if cluster is None or kind not in ("timeouts", "degraded") or not cluster.services:
        return False
    for service in cluster.services:
        minutes = requests.service_timeline.get(service)
        if not minutes or sum(v[0] for v in minutes.values()) < ABSORBED_MIN_REQUESTS or any(v[1] for v in minutes.values()):
            return False
    return True


def _symptoms(views: list, impact: Impact, candidates: list[Candidate]) -> list[str]:
    """Symptom clusters, then the clusters that measure the impact (failed calls, exits, timeouts
    reported by clients or jobs): downstream effects the report must show."""
    out = [v.cluster.id for v in views if v.role == "symptom"]
    taken = set(out) | {c.cluster_id for c in candidates}
    out += [cid for s in impact.signals for cid in s.cluster_ids if cid not in taken]
    return list(dict.fromkeys(out))


CLOSE_SCORES = 0.3  # two causes this close in score are not told apart by the evidence


def _close(causes: list[Candidate], rivals: list[Candidate]) -> bool:
    """Does a different explanation (`rival_causes`: another signature, or another unmatched error;
    a second cluster of the same signature, or an echo, is the same hypothesis) score within
    CLOSE_SCORES of the best cause?"""
    return bool(rivals) and causes[0].score - rivals[0].score < CLOSE_SCORES


def competing(analysis: Analysis, named: list[str]) -> list[Candidate]:
    """The explanations that compete with the cause an analyst named (`named`: its cluster ids),
    best first: the ranking's best cause and its rivals (`Analysis.rivals`), but the named one."""
    causes = [c for c in analysis.candidates if c.role == "cause"]
    if not causes:
        return []
    by_id = {c.cluster_id: c for c in causes}
    hypotheses = [causes[0], *(by_id[i] for i in analysis.rivals if i in by_id)]
    # a change named as the cause brings the failure it explains with it: that failure is its account
    same = set(named) | {c.explains for c in analysis.candidates if c.cluster_id in named and c.explains}
    origins = _echo_origins(analysis.candidates)
    return [c for c in hypotheses if c.cluster_id not in same and not origins.get(c.cluster_id, set()) & same]


def tied_to_harm(mining: MiningResult, analysis: Analysis, cluster_ids: list[str]) -> bool:
    """Is the cause named (`cluster_ids`) tied to the harm by more than its rank: its own service
    failed requests since the onset (the failure is where users are hurt), or a failing endpoint
    or a line of the harm (a symptom, a cluster that measures the impact) names its service (a
    caller naming its callee, a host, a job)? Without any, the cause is an error that ran beside
    the harm: measured over the development sets (bench/calib.py), such causes were right about
    half the time, however well they ranked. (Symptoms logged by the same service, or lines on the
    same instance or trace, did not tell right from wrong there: they are not counted.)"""
    named = [c for i in cluster_ids if (c := mining.cluster(i)) is not None]
    services = sorted({s for c in named for s in c.services if s not in PLATFORM_STREAMS})
    since = analysis.onset.timestamp() // 60 if analysis.onset is not None else None
    for s in services:
        if any(failed and (since is None or minute >= since)
               for minute, (_, failed) in analysis.requests.service_timeline.get(s, {}).items()):
            return True
    if any(e.failed and names_any(e.endpoint.lower(), services) for e in analysis.impact.endpoints):
        return True  # a failing endpoint's path names it (`GET /booking/...` of the booking service)
    harm = dict.fromkeys([*analysis.symptoms, *(cid for sig in analysis.impact.signals for cid in sig.cluster_ids)])
    ids = {c.id for c in named}
    return any(names_any(own_words(c), services) for h in harm if h not in ids and (c := mining.cluster(h)) is not None)


def _echo_origins(candidates: list[Candidate]) -> dict[str, set[str]]:
    """Every cluster each candidate repeats or follows, along the chain of `echo_of` (a follower of
    a first signal whose own echo is a message below that follower's exception): a candidate
    whose chain reaches the named cause is that cause's account, not a rival to it."""
    echo = {c.cluster_id: c.echo_of for c in candidates if c.echo_of}
    out: dict[str, set[str]] = {}
    for cid in echo:
        seen: set[str] = set()
        at = echo.get(cid)
        while at is not None and at not in seen:
            seen.add(at)
            at = echo.get(at)
        out[cid] = seen
    return out


def rival_causes(causes: list[Candidate]) -> list[Candidate]:
    """The causes after the best one that are other explanations, not the same one again."""
    if not causes:
        return []
    top = causes[0]
    same = {top.cluster_id, top.echo_of} - {None}
    origins = _echo_origins(causes)
    return [c for c in causes[1:]
            if (c.signature != top.signature or top.signature is None) and not origins.get(c.cluster_id, set()) & same
            and c.cluster_id not in same]


def _anchored_onset(
    mining: MiningResult, requests: RequestStats, kinds: dict[str, str], first: int | None, last: int | None,
    background: set[str], logged: bool = False,
) -> tuple[Onset, str]:
    """The onset is when impact changes (failed requests, exits, failed calls, timeouts...); the
    error burst stands in when impact shows no change, and is kept when it leads the impact by up
    to LEAD_MINUTES (the cause comes before the harm it does) or trails it by a minute or two.
    `logged`: an error stream logs the requests that fail from the window's first minute
    (`_logged_failures`), so the window opens on the incident."""
    timeline = mining.error_timeline
    if background:  # loud streams that run all window long must not hide a quieter start
        timeline = dict(timeline)
        for c in mining.clusters:
            if c.id in background and c.errors:
                share = c.errors / c.count
                for m, n in c.timeline.items():
                    timeline[m] = timeline.get(m, 0) - n * share
        timeline = {m: round(n) for m, n in timeline.items() if round(n) > 0} or mining.error_timeline
    errors = _first_burst(mining, find_onset(timeline, first, last), background)
    if errors.minute is None and mining.error_timeline and (logged or _failing_throughout(requests)):
        # no burst because the incident was already under way when the window opened
        errors = Onset(min(mining.error_timeline), 0.0, errors.peak_per_min, last, ongoing_from_start=True)
    harm_timeline = impact_timeline(mining, requests, kinds)
    for c in mining.clusters:  # a steady stream of failed requests (a broken proxy all window long) is no change either
        failed = sum(n for s, n in c.http_statuses.items() if s >= 500)
        if c.id in background and failed:
            share = failed / sum(c.http_statuses.values())
            for m, n in c.timeline.items():
                harm_timeline[m] = harm_timeline.get(m, 0) - n * share
            harm_timeline = {m: round(n) for m, n in harm_timeline.items() if round(n) > 0}
    harm = find_onset(harm_timeline, first, last)
    if errors.minute is None and harm.minute is None and (quiet := _after_silence(timeline, harm_timeline, first, last)):
        return quiet, "errors"
    if errors.minute is None and harm.minute is None and (edge := _at_opening(timeline, harm_timeline, first, last)):
        return edge, "errors"
    if errors.minute is None and harm.minute is None and (
            new := _new_sustained_failure(mining, kinds, background, first, last)) is not None:
        return new, "impact"
    if errors.minute is None and harm.minute is None and (refused := _client_error_surge(requests, first, last)):
        return refused, "impact"  # nothing failed with a server error, but users are refused: 401/403/429
    if (errors.ongoing_from_start and (harm.minute is None or harm.ongoing_from_start)
            and (refused := _client_error_departure(requests, first, last)) is not None):
        return refused, "client-errors"  # errors at one level all window long mark no change; the 4xx answers do
    if (errors.ongoing_from_start and (harm.minute is None or harm.ongoing_from_start)
            and (new := _new_sustained_failure(mining, kinds, background, first, last, harm_only=True)) is not None):
        return new, "impact"  # ... nor do they hide harm the system reports from a later minute on (a backlog, dead letters)
    if ((errors.minute is None or errors.ongoing_from_start) and (harm.minute is None or harm.ongoing_from_start)
            and requests.latency_timeline and not logged and not _failing_throughout(requests)):
        shift = find_latency_shift(requests.latency_timeline)
        if shift is not None:  # no errors, no failures: requests got slower and stayed slower
            return Onset(shift, 0.0, 0, last), "latency"
    if errors.minute is None and harm.minute is None and (trouble := _trouble_onset(mining, background, last)) is not None:
        return trouble, "trouble"  # nothing failed, but the system began reporting trouble it did not report before
    if harm.minute is None or harm.ongoing_from_start and errors.minute is not None:
        return errors, "errors"
    if (errors.minute is not None and -2 <= harm.minute - errors.minute <= LEAD_MINUTES
            and not (errors.ongoing_from_start and harm.minute > errors.minute)
            and not _parallel_lead(mining, errors.minute, harm.minute, last, background)):
        # within the minutes' resolution, or the errors lead: keep the burst (but errors running
        # since the window opened lead nothing: a later departure of the impact is the onset)
        return errors, "errors"
    anchored = Onset(harm.minute, errors.baseline_per_min, errors.peak_per_min, harm.end_minute, harm.ongoing_from_start)
    return anchored, "impact"


RECURRED_SHARE = 1 / 3  # of a stream's entries logged before its loudest burst: it was failing already


def _first_burst(mining: MiningResult, onset: Onset, background: set[str]) -> Onset:
    """A failure that recurs in bursts (a node drained at a time, each drain aborting the work on
    it) begins at its first burst, not at its loudest, which the change-point search finds. When
    the error streams that make up most of the burst began inside the window beyond doubt
    (`provably_new` at TROUBLE_P) more than two minutes before it, and had logged a third of their
    entries or more by then, the onset moves to their first entry. A stray early line of a stream
    that then bursts is no earlier burst: it holds too small a share."""
    if onset.minute is None or onset.ongoing_from_start or mining.window_start is None:
        return onset
    end = onset.end_minute if onset.end_minute is not None else onset.minute
    in_burst = {c.id: sum(n for m, n in c.timeline.items() if onset.minute <= m <= end) * c.errors / c.count
                for c in mining.clusters if c.errors and c.id not in background}
    total = sum(in_burst.values())
    earlier = [c for c in mining.clusters if in_burst.get(c.id) and c.first_seen is not None
               and c.first_seen.timestamp() < (onset.minute - 2) * 60
               and sum(n for m, n in c.timeline.items() if m < onset.minute) >= RECURRED_SHARE * c.count
               and provably_new(c, mining.window_start.timestamp(), TROUBLE_P)]
    if not total or sum(in_burst[c.id] for c in earlier) * 2 < total:
        return onset
    start = int(min(c.first_seen.timestamp() for c in earlier if c.first_seen) // 60)
    return Onset(start, onset.baseline_per_min, onset.peak_per_min, onset.end_minute)


def _parallel_lead(mining: MiningResult, start: int, harm: int, last: int | None, background: set[str]) -> bool:
    """Errors that depart some minutes before the harm does are where the failure began only when
    the harm grows out of them: the streams that make up the lead-in (error streams that start
    between the two onsets) rise with the harm. When every one of them logs on at the rate it had before (a
    parallel failure: a reconnecting client, a job's own errors) and the harm arrives with streams
    of its own, the lead-in is no part of it, and the harm's departure is the onset."""
    if last is None or harm - start <= 2:
        return False
    lead = [c for c in mining.clusters if c.errors and c.id not in background and c.timeline
            and start - 1 <= min(c.timeline) < harm]
    if not lead:
        return False
    for c in lead:
        first = min(c.timeline)
        pre = sum(n for m, n in c.timeline.items() if first <= m < harm) / max(1, harm - first)
        post = sum(n for m, n in c.timeline.items() if m >= harm) / max(1, last - harm + 1)
        if post >= PARALLEL_RISE * pre:
            return False
    return True


def _earlier_departure(requests: RequestStats, onset: Onset, basis: str, first: int | None,
                       last: int | None) -> tuple[Onset, str]:
    """The failure may show before its errors do: users refused (a surge of 401/403/429 answers
    against their own baseline) minutes before the first ERROR, and still refused when the errors
    come. The onset is that earlier departure, when it leads the error onset by more than the
    minutes' resolution and at most LEAD_MINUTES: the errors that follow (a client of the refusing
    service failing its own work) are its consequences, not where it began."""
    if onset.minute is None or onset.ongoing_from_start or basis == "latency" or first is None or last is None:
        return onset, basis
    surge = _client_error_surge(requests, first, last)
    if (surge is not None and surge.minute is not None and surge.minute - first >= QUIET_MINUTES  # a baseline to depart from
            and 2 < onset.minute - surge.minute <= LEAD_MINUTES and (surge.end_minute is None or surge.end_minute >= onset.minute)):
        return Onset(surge.minute, surge.baseline_per_min, max(surge.peak_per_min, onset.peak_per_min), onset.end_minute), "impact"
    return onset, basis


QUIET_MINUTES = 3  # an error-free stretch this long before a lone failure event makes it a departure


def _after_silence(errors: dict[int, int], harm: dict[int, int], first: int | None, last: int | None) -> Onset | None:
    """A change-point test has no power over a few minutes or a few entries (and folding a
    message into its trace changes the count, not the failure). Errors that start after an
    error-free stretch are a departure all the same, its onset the first error, when either
    - most of them fall within LEAD_MINUTES of the first, with user-visible harm (failed calls,
      failed requests, exits) from that minute on, or
    - they are one failure event (two or more error records within two minutes, nothing after)
      after QUIET_MINUTES of silence: errors logged, whose priority impact decides."""
    if not errors or first is None or last is None:
        return None
    start = min(errors)
    if start - first < 1:
        return None  # errors from the window's first minute: no silence to depart from
    early = sum(n for m, n in errors.items() if m <= start + LEAD_MINUTES)
    if harm and early * 2 >= sum(errors.values()) and any(start <= m <= start + LEAD_MINUTES for m in harm):
        return Onset(start, 0.0, max(errors.values()), last)
    if start - first >= QUIET_MINUTES and max(errors) - start <= 1 and sum(errors.values()) >= 2:
        return Onset(start, 0.0, max(errors.values()), last)
    return None


def _at_opening(errors: dict[int, int], harm: dict[int, int], first: int | None, last: int | None) -> Onset | None:
    """The mirror of `_after_silence` for a window that opens on the failure: every error falls
    in its first minutes (within a minute of each other), then QUIET_MINUTES or more without one.
    Too few to test, but one failure event all the same, already under way when the window opened
    (no baseline claims): two or more error records, or one with harm (failed calls, failed
    requests, exits) logged from then on."""
    if not errors or first is None or last is None:
        return None
    start, end = min(errors), max(errors)
    if start - first > 1 or end - start > 1 or last - end < QUIET_MINUTES:
        return None
    if sum(errors.values()) >= 2 or any(m >= start for m in harm):
        return Onset(start, 0.0, max(errors.values()), end, ongoing_from_start=True)
    return None


SUSTAINED_MIN_ENTRIES = 5  # a new failure stream this long, in as many distinct minutes, is no blip


def _new_sustained_failure(mining: MiningResult, kinds: dict[str, str], background: set[str],
                           first: int | None, last: int | None, harm_only: bool = False) -> Onset | None:
    """A sparse failure that starts inside the window and keeps failing to its end (a scheduled
    job 404ing every run, a consumer failing every few minutes): too thin for a change-point test
    on the whole timeline, but a change all the same when the stream is provably new (its silence
    before is too long for its own rate) and still running at the window's end. Its first entry is
    the onset; the earliest such stream when there are several. `harm_only`: only streams that
    measure harm (`kinds`: a backlog, dead letters, failed runs), when errors run all window long."""
    if first is None or last is None or mining.window_start is None or mining.window_end is None:
        return None
    start, end = mining.window_start.timestamp(), mining.window_end.timestamp()
    firsts = []
    for c in mining.clusters:
        if c.id in background or not (c.id in kinds if harm_only else c.errors or c.id in kinds) or c.first_seen is None or c.last_seen is None:
            continue
        if any(s >= 500 for s in c.http_statuses) or c.count < SUSTAINED_MIN_ENTRIES or len(c.timeline) < SUSTAINED_MIN_ENTRIES:
            continue
        if end - c.last_seen.timestamp() > max(300.0, 0.1 * (end - start)) or not provably_new(c, start):
            continue
        firsts.append(int(c.first_seen.timestamp() // 60))
    if not firsts:
        return None
    return Onset(min(firsts), 0.0, 0, last)


TROUBLE_P = 0.001  # a silence before a stream this unlikely under its own rate: it began in the window beyond doubt


_ADVISORY = words("advisory")


def _new_trouble(mining: MiningResult, background: set[str]) -> list[ClusterStats]:
    """Warning and error streams (not request logs) that began inside the window beyond doubt and
    still run at its end, SUSTAINED_MIN_ENTRIES or more in as many minutes: the system reporting
    trouble it did not report before (work redelivered, pods refused, a metric it cannot read),
    though no request failed and no error burst stands out. Beyond doubt: the silence before the
    stream is a thousand-to-one under its own rate (`provably_new` at TROUBLE_P, not the NOVELTY_P a
    candidate needs): a background stream that merely happened to start a few minutes in does not
    pass, and nothing else marks the change. Earliest first."""
    if mining.window_start is None or mining.window_end is None:
        return []
    start, end = mining.window_start.timestamp(), mining.window_end.timestamp()
    out = []
    for c in mining.clusters:
        if c.id in background or c.http_statuses or c.first_seen is None or c.last_seen is None:
            continue
        warned = sum(n for s, n in c.by_severity.items() if SEVERITY_RANK.get(s, 0) >= WARNING_RANK)
        if warned * 2 < c.count or c.count < SUSTAINED_MIN_ENTRIES or len(c.timeline) < SUSTAINED_MIN_ENTRIES:
            continue
        if end - c.last_seen.timestamp() > max(300.0, 0.1 * (end - start)) or not provably_new(c, start, TROUBLE_P):
            continue
        if _ADVISORY.search(readable_text(c)):  # a deprecation or a setting to update: advice, not trouble
            continue
        out.append(c)
    return sorted(out, key=lambda c: c.first_seen)  # type: ignore[arg-type,return-value]


def _trouble_onset(mining: MiningResult, background: set[str], last: int | None) -> Onset | None:
    """The first minute of the earliest `_new_trouble` stream, or None."""
    trouble = _new_trouble(mining, background)
    if not trouble or last is None or trouble[0].first_seen is None:
        return None
    return Onset(int(trouble[0].first_seen.timestamp() // 60), 0.0, 0, last)


def _client_error_surge(requests: RequestStats, first: int | None, last: int | None, rise: float = SURGE_RISE) -> Onset | None:
    """The onset of a surge of 4xx answers (expired keys, revoked permissions, quotas), when no
    error burst or failure marks one: a change-point on the 4xx timeline whose share of requests
    rises as the impact signal requires (three times its share before, and by `rise` of requests:
    a tenth unless asked for less)."""
    surge = find_onset(requests.client_timeline, first, last)
    if surge.minute is None or surge.ongoing_from_start:
        return None
    pre = [v for m, v in requests.timeline.items() if m < surge.minute]
    post = [v for m, v in requests.timeline.items() if m >= surge.minute]
    pre_n, post_n = sum(v[0] for v in pre), sum(v[0] for v in post)
    pre_4xx = sum(n for m, n in requests.client_timeline.items() if m < surge.minute)
    post_4xx = sum(n for m, n in requests.client_timeline.items() if m >= surge.minute)
    return surge if client_surge(pre_4xx, pre_n, post_4xx, post_n, rise) else None


DEPARTURE_BASELINE_MINUTES = 5  # a 4xx departure this soon after the window opens has no baseline of its own
DEPARTURE_SHARE = 0.02  # a 4xx departure that lasts to the window's end: this much more of all requests


def _client_error_departure(requests: RequestStats, first: int | None, last: int | None) -> Onset | None:
    """A 4xx answer rate that departs from its own baseline inside the window and stays departed to
    its end (three times the share before, and DEPARTURE_SHARE of all requests more), when the
    window's errors run at one level from its first minute to its last and so mark no change. A
    smaller rise than `_client_error_surge` asks for: a feature refused (one endpoint's uploads
    rejected) is a small share of all requests, but a change that lasts, where the errors show none."""
    surge = _client_error_surge(requests, first, last, DEPARTURE_SHARE)
    if surge is None or first is None or last is None or (surge.end_minute or 0) < last - 1:
        return None
    if not any(n for m, (n, _) in requests.timeline.items() if m < surge.minute):  # type: ignore[operator]
        return None  # no requests before it: nothing to depart from
    if surge.minute - first < DEPARTURE_BASELINE_MINUTES:  # type: ignore[operator]
        # too few minutes before it to tell a departure from the incident's own progression: the
        # window opened on the incident (the errors running from its first minute), not at the rise
        return Onset(first, 0.0, surge.peak_per_min, last, ongoing_from_start=True)
    return surge


def _runs_to_the_end(onset: Onset, last: int | None, errors: dict[int, int]) -> bool:
    """Do the errors run on to the window's end (a steady level), rather than stop after a burst?
    The burst search may end its segment a minute or two early on a level that merely wavers, so
    errors still logged in the window's last two minutes count as running on too."""
    return (onset.end_minute is None or last is None or onset.end_minute >= last - 1
            or bool(errors.get(last) or errors.get(last - 1)))


TRICKLE_SHARE = 0.01  # failed requests below this share of many, with no change: background
TRICKLE_MIN_REQUESTS = 200


def _steady_trickle(requests: RequestStats, impact: Impact) -> bool:
    """Errors since the window opened with no departure to find, while nearly every request
    succeeds and nothing restarts: what the service always does, not an incident under way."""
    return _served(requests) and impact.restarts == 0


_UNREADABLE = words("unreadable_input")
_HALTED = words("halted")


def _refusing_input(mining: MiningResult, candidates: list[Candidate]) -> list[str]:
    """The candidate error streams that say a program cannot read the input it is given (a
    payload it cannot decode or deserialise, a file it cannot parse). Each such line is a piece of
    work refused, the same way every time: an incident under way (a sender's format or a schema
    changed), not the background trickle of a healthy service, even while its other requests are
    served."""
    return [c.cluster_id for c in candidates if c.role == "cause" and (cl := mining.cluster(c.cluster_id)) is not None
            and cl.errors and not cl.http_statuses and _UNREADABLE.search(readable_text(cl))]


def _leading(candidates: list[Candidate], ids: list[str]) -> list[Candidate]:
    """The candidates with `ids` first (in their order, scored just above the best of the others),
    the others after them."""
    lead = [c for c in candidates if c.cluster_id in ids]
    rest = [c for c in candidates if c.cluster_id not in ids]
    best = max((c.score for c in rest), default=0.0)
    lead = [c.model_copy(update={"score": round(max(c.score, best + 0.01 * (len(lead) - i)), 2)}) for i, c in enumerate(lead)]
    return lead + rest


def _served(requests: RequestStats) -> bool:
    """Were nearly all of many requests served (failed ones under TRICKLE_SHARE)?"""
    failed = sum(n for status, n in requests.by_status.items() if status >= 500)
    return requests.total >= TRICKLE_MIN_REQUESTS and failed / requests.total < TRICKLE_SHARE


LOGGED_SHARE = 0.05  # requests failing (4xx or 5xx) from the window's first minute: at least this share of them
LOGGED_MATCH = 0.8  # ... and an error stream whose count is within this factor of theirs (either way)
LOGGED_CORRELATION = 0.8  # ... whose count moves with theirs minute by minute (Pearson, at least this)
LOGGED_COVERAGE = 0.8  # ... in at least this share of the window's minutes, from its first to its last


def _logged_failures(mining: MiningResult, requests: RequestStats, first: int | None, last: int | None) -> str | None:
    """The error stream (its cluster id) that logs the requests failing from the window's first
    minute to its last, one error for each failed request: as many entries as failed requests,
    rising and falling with them minute by minute. No background stream does that (it runs at
    its own pace, whatever the requests do), so the window opens on an incident already under
    way, however even the level: there is no baseline to depart from, and no onset to find.
    None when no stream does."""
    if first is None or last is None or last - first < 5 or not requests.total:
        return None
    minutes = range(first, last + 1)
    failed = [requests.timeline.get(m, (0, 0))[1] + requests.client_timeline.get(m, 0) for m in minutes]
    total = sum(failed)
    if total < 5 * len(minutes) ** 0.5 or total < LOGGED_SHARE * requests.total:
        return None
    best: tuple[float, str] | None = None
    for c in mining.clusters:
        if c.errors and (r := _logs_one_for_one(c, c.errors, failed, minutes)) is not None and (best is None or r > best[0]):
            best = (r, c.id)
    return best[1] if best else None


def _logs_one_for_one(c: ClusterStats, entries: int, failed: list[int], minutes: range) -> float | None:
    """How closely a stream that is no request log follows the `failed` requests minute by minute
    (Pearson), when it logs about one entry (`entries` of its own) for each of them and runs from
    the first of `minutes` to the last; None when it does not, or follows them less than
    LOGGED_CORRELATION."""
    total = sum(failed)
    if c.http_statuses or not c.timeline or not LOGGED_MATCH * total <= entries <= total / LOGGED_MATCH:
        return None
    if min(c.timeline) > minutes[0] + 1 or max(c.timeline) < minutes[-1] - 1 or len(c.timeline) < LOGGED_COVERAGE * len(minutes):
        return None
    r = _correlation([c.timeline.get(m, 0) for m in minutes], failed)
    return r if r >= LOGGED_CORRELATION else None


def _correlation(a: list[int], b: list[int]) -> float:
    """Pearson's correlation of two equally long series (0 when either is flat)."""
    try:
        return statistics.correlation(a, b)
    except statistics.StatisticsError:
        return 0.0


def _failing_throughout(requests: RequestStats) -> bool:
    """Were requests failing all along: one in twenty over the window, and as many in its first
    quarter (failures that only start later are a departure, however much they weigh in the total)?"""
    failed = sum(n for status, n in requests.by_status.items() if status >= 500)
    if not (failed >= 5 and requests.total > 0 and failed / requests.total >= 0.05):
        return False
    minutes = sorted(requests.timeline)
    if not minutes:
        return True
    head = [requests.timeline[m] for m in minutes if m < minutes[0] + max(3, (minutes[-1] - minutes[0] + 1) // 4)]
    total = sum(n for n, _ in head)
    return total == 0 or sum(bad for _, bad in head) / total >= 0.05


WORST_P0 = 0.5  # most users failing: half the requests or more over the worst five minutes
FAILED_OPERATIONS_P1 = 5  # with no error to explain them, fewer failed calls or runs are some harm (P2)

# what each impact signal makes the incident, at most (server errors and restarts are graded by share)
_SIGNAL_PRIORITY = {
    "failed-operations": "P1",  # a client's call or a job run failed end to end
    "client-errors": "P2",
    "failed-requests": "P2",
    "timeouts": "P2",
    "dead-letters": "P2",
    "backlog": "P2",  # work the system says waits or is late: a pipeline behind, users' results not there yet
    "latency": "P2",
    "trouble": "P2",  # work the system reports going wrong since the onset, with no request failing
    "degraded": "P3",
}


BLIP_MINUTES = 3  # failed requests above their baseline for at most this many minutes, then recovered: a blip


RIPPLE_SHARE = 0.1  # a blip in which at most this share of requests failed in its worst minute is a ripple


UNRECOVERED_KINDS = ("failed-operations", "dead-letters", "backlog", "trouble")  # work failing, not requests
UNRECOVERED_MINUTES = 2  # ... reported in this many minutes after a blip: the work did not recover with the requests


def _blip(requests: RequestStats, onset: int, last: int, mining: MiningResult, impact: Impact) -> float | None:
    """Did the requests' failures rise above their own baseline share for at most BLIP_MINUTES
    and then return to it, with requests served for QUIET_MINUTES or more after? A short failure
    that recovered by itself (a pod replaced, a failover), shown by the request log itself: the
    requests after it succeed again. A minute is raised when its failures exceed three times what
    the baseline share predicts, and two more. Returns the share of requests that failed in the
    worst raised minute, or None when it was no blip, or when failed work (`impact`'s signals of
    UNRECOVERED_KINDS: calls or runs failed, messages dead-lettered) that began inside the window
    (`provably_new`: not a background stream of retried polls) is still reported in
    UNRECOVERED_MINUTES minutes after it: the requests recovered, the work did not."""
    pre = [v for m, v in requests.timeline.items() if m < onset]
    pre_n = sum(n for n, _ in pre)
    base = sum(f for _, f in pre) / pre_n if pre_n else 0.0
    raised = [m for m, (n, f) in requests.timeline.items() if m >= onset and f > 3 * base * n + 2]
    if not raised or max(raised) - min(raised) >= BLIP_MINUTES or last - max(raised) < QUIET_MINUTES:
        return None
    after = sum(n for m, (n, _) in requests.timeline.items() if m > max(raised))
    if after < QUIET_MINUTES:
        return None
    if mining.window_start is not None:
        failing = {m for s in impact.signals if s.kind in UNRECOVERED_KINDS for cid in s.cluster_ids
                   if (c := mining.cluster(cid)) is not None and provably_new(c, mining.window_start.timestamp())
                   for m in c.timeline if m > max(raised)}
        if len(failing) >= UNRECOVERED_MINUTES:
            return None
    return max(requests.timeline[m][1] / requests.timeline[m][0] for m in raised)


ONE_RUN_MINUTES = 2  # failure lines of a batch job within this many minutes: one run that failed


def _one_batch_run(mining: MiningResult, impact: Impact) -> bool:
    """Are the failed operations one batch run that failed, once: every line a job's (its tasks,
    stages, workflow: the batch_run words of signatures.toml), all within ONE_RUN_MINUTES? A batch
    job to rerun, its output late; not a pipeline whose runs keep failing, nor a user's call that failed."""
    signal = next((s for s in impact.signals if s.kind == "failed-operations"), None)
    clusters = [c for cid in signal.cluster_ids if (c := mining.cluster(cid)) is not None] if signal else []
    if not clusters or not all(words("batch_run").search(readable_text(c)) for c in clusters):
        return False
    minutes = [m for c in clusters for m, n in c.timeline.items() if n]
    return bool(minutes) and max(minutes) - min(minutes) < ONE_RUN_MINUTES


REFUSALS = frozenset({401, 403, 407, 429})  # the service turns away a user it should serve (auth, quota, capacity)


def _refusals(requests: RequestStats) -> bool:
    """Are the window's 4xx answers mostly refusals (401, 403, 407, 429) rather than what users
    asked for (404 for a missing thing, 400 for a malformed request)? Only refusals fail a user
    as surely as a server error does."""
    client = {s: n for s, n in requests.by_status.items() if 400 <= s < 500}
    return sum(n for s, n in client.items() if s in REFUSALS) * 2 >= sum(client.values()) > 0


UNLOGGED_MIN_MINUTES = 5  # a failure stream logged in at least this many minutes since the onset is sustained
UNLOGGED_END_MINUTES = 2  # ... and still logging within this many minutes of the window's end: not recovered
UNLOGGED_BASELINE_MINUTES = 5  # a rise needs this many minutes before the onset to be measured against


def _unlogged_failure(mining: MiningResult, views: list, requests: RequestStats, onset: int | None,
                      last: int | None) -> tuple[str, int] | None:
    """(service, its errors in the window) of the loudest error stream that rose at the onset, still runs
    when the logs end, and is logged by a component with no request log of its own (a worker, a game
    server, a database, a client's reports relayed by a collector), when other services' request logs
    name them; else None. Those request logs speak only for the services they cover: that they
    were served is no evidence that this component's work was, and a failure that began with the
    incident and has not stopped is that work failing, not noise. A service that answered its own
    requests is measured by them (its errors did not fail its users); see decide_priority."""
    if onset is None or last is None or not any(s and s not in PLATFORM_STREAMS for s in requests.service_timeline):
        return None  # no service names its own requests (only a load balancer's log, or none): nothing to tell apart
    first = int(mining.window_start.timestamp() // 60) if mining.window_start else onset
    if onset - first < UNLOGGED_BASELINE_MINUTES:
        return None  # a window that opens on the failure: what ran before it is unknown, so no rise is shown
    best: tuple[int, str, int] | None = None
    for v in views:
        c = v.cluster
        if v.role not in ("cause", "symptom") or not c.errors or c.errors < c.count or c.http_statuses:
            continue
        if not c.services or any(s in requests.service_timeline or s in PLATFORM_STREAMS for s in c.services):
            continue  # a platform's own log (audit, events) is no component whose work fails
        after = {m: n for m, n in c.timeline.items() if m >= onset}
        before = sum(n for m, n in c.timeline.items() if m < onset)
        if len(after) < UNLOGGED_MIN_MINUTES or sum(after.values()) < FAILED_OPERATIONS_P1 or max(after) < last - UNLOGGED_END_MINUTES:
            continue
        errors = sum(after.values())
        if not rose_at_onset(before / max(1, onset - first), errors, last - onset + 1):
            continue
        if best is None or errors > best[0]:
            best = (errors, c.services[0], c.errors)
    return (best[1], best[2]) if best else None


LOST_WORK_KINDS = ("failed-operations", "dead-letters")  # impact kinds that say a piece of work was lost, not delayed


@dataclass(frozen=True)
class LostWork:
    """Work the window says was lost, counted over the whole window (no onset to count from):
    `failed` entries of failed runs, calls or dead-lettered messages, over `minutes` minutes, the
    services that said they halted their work (`halted`, see the [words] table), and a service
    refusing its own requests all along (`refusing`, see _refusing_all_along)."""
    failed: int = 0
    minutes: int = 1
    halted: tuple[str, ...] = ()
    refusing: str = ""

    @property
    def sustained(self) -> bool:
        """At least one failed run or call a minute on average: failing all along, not now and then."""
        return self.failed >= max(1, self.minutes)


REFUSED_SHARE = 0.25  # of a service's own requests answered 4xx all window long, each logged: refused work, not clients' slips


def _refusing_all_along(mining: MiningResult, requests: RequestStats, first: int | None, last: int | None) -> str:
    """A service that answers REFUSED_SHARE or more of its own requests with 4xx or 5xx from the
    window's first minute to its last, and logs each refusal in a warning or error of its own
    (as many entries, rising and falling with them minute by minute, see _logged_failures): it
    refuses work it should do (a key or certificate it no longer accepts, a format it no longer
    reads), not clients' occasional mistakes. Its name, or "" when no service does."""
    if first is None or last is None or last - first < 5:
        return ""
    minutes = range(first, last + 1)
    refused: dict[str, list[int]] = {}
    for c in mining.clusters:  # request logs of one service whose every answer refused the request
        if len(c.services) == 1 and c.services[0] in requests.service_timeline and c.http_statuses and min(c.http_statuses) >= 400:
            series = refused.setdefault(c.services[0], [0] * len(minutes))
            for i, m in enumerate(minutes):
                series[i] += c.timeline.get(m, 0)
    for service, series in sorted(refused.items()):
        total, served = sum(series), sum(v[0] for v in requests.service_timeline[service].values())
        if total < 5 * len(minutes) ** 0.5 or total < REFUSED_SHARE * served:
            continue
        if any(service in c.services and SEVERITY_RANK.get(c.severity, 0) >= WARNING_RANK
               and _logs_one_for_one(c, c.count, series, minutes) is not None for c in mining.clusters):
            return service
    return ""


def _work_lost(mining: MiningResult, first: int | None, last: int | None, requests: RequestStats | None = None) -> LostWork:
    """What was lost in the window, whenever it was: failed runs, calls and dropped messages
    (even streams too, which mark no change), and components that said they halted. Read when
    there is no onset: an incident already under way when the window opened shows no change,
    only its losses."""
    failed = sum(c.count for c in mining.clusters if not c.http_statuses and impact_kind(c) in LOST_WORK_KINDS)
    stopped = {s for c in mining.clusters if SEVERITY_RANK.get(c.severity, 0) >= WARNING_RANK and not c.http_statuses
               and _HALTED.search(readable_text(c)) for s in c.services}
    minutes = last - first + 1 if first is not None and last is not None else 1
    refusing = _refusing_all_along(mining, requests, first, last) if requests is not None else ""
    return LostWork(failed, minutes, tuple(sorted(stopped)), refusing)


def _under_way(lost: LostWork | None) -> tuple[str, str] | None:
    """With no onset and nothing else to grade: work lost all window long (`LostWork.sustained`)
    is an incident already under way when the window opened (P2); a component that halted its
    work is one too, though nothing measures what waits on it (P3)."""
    if lost is None:
        return None
    if lost.sustained:
        return "P2", ("no onset in the window, but work fails all along it (failed runs, calls or dropped messages, one a "
                      "minute or more on average): an incident already under way when the window opened")
    if lost.refusing:
        return "P2", (f"no onset in the window, but {lost.refusing} refuses a quarter or more of its own requests from its first "
                      "minute to its last, logging each refusal: an incident already under way when the window opened")
    if lost.halted:
        return "P3", (f"no onset in the window, but {', '.join(lost.halted)} says it halted its work: nothing measures what "
                      "waits on it")
    return None


def decide_priority(impact: Impact, has_cause: bool, burst: bool, blip: bool = False,
                    refusals: bool = False, worst: float | None = None, ripple: bool = False,
                    one_run: bool = False, unlogged: tuple[str, int] | None = None,
                    lost: LostWork | None = None, down: list[tuple[str, int, int, bool]] | None = None) -> tuple[str, str]:
    """P0-P3 or none from measured impact, not from wording; the reason names the signal.

    P0: a quarter or more of requests fail (server errors, or `refusals` - 401, 403, 429 - in a
    4xx surge: a refused user is a failed one) and most did at the worst (`worst`, the highest share
    failed over five minutes since the onset, when measured: half or more), and that is a core flow
    down: some endpoint is down (`down`, see down_endpoints: a share spread thin over every
    endpoint, none of them down, is a major degradation, P1). P1: one in twenty or
    more fail or are refused (a quarter or more that never reached half at their worst), a
    quarter answered with other 4xx in a surge (404s: what users asked for), instances crash-loop, or
    clients / jobs report failed calls or runs beyond the server errors that rose at the onset
    (no more than those are the same failures seen by their callers, graded by their share), or
    errors that rose at the onset still run on a component that writes no request logs (`unlogged`,
    see _unlogged_failure: the requests others served do not show its work served). P2: some requests
    fail, `one_run` (one batch run that failed, once: see _one_batch_run), instances restart, unhandled exceptions in request handlers, timeouts, dead letters, a backlog (work the system says waits) or
    latency at least doubled, or errors in a window without request logs (users' harm unmeasured);
    P1 instead when one endpoint is `down` however small its share of the traffic (its users
    cannot do that at all).
    P3: a `blip` (failures that rose for a few minutes and recovered, see _blip), or errors (or only
    degraded answers) while the request logs show users served. none: no new errors, and at
    most a background trickle of failed requests (under 1%), or a `ripple`: a blip in which nine
    requests in ten or more were served even in its worst minute (a rollout's or a scale-down's
    handover), when nothing graded above it (a crash loop, failed runs beyond the server errors);
    or, with no cause among the candidates, under 1% of requests failing and no harm measured but
    those failures (no failed runs, timeouts, backlog; restarts only at a steady pace that loses no
    work): a healthy window's routine errors.
    """
    rate = impact.incident_error_rate if impact.incident_error_rate is not None else impact.error_rate
    failed = impact.incident_failed_requests or impact.failed_requests
    of = "requests"
    if impact.push_deliveries and not impact.failing_service_requests:  # users' requests only
        users = impact.incident_requests - impact.push_deliveries
        failed = impact.incident_failed_requests - impact.push_failed
        rate = failed / users if users > 0 else None
        of = "users' requests"
    if impact.failing_service_requests:  # graded on the failing services' own traffic
        rate = impact.failing_service_failed_requests / impact.failing_service_requests
        failed = impact.failing_service_failed_requests
        of = failing_traffic(impact.failing_services)
    if not has_cause and not burst and (rate or 0) < 0.01 and impact.restarts == 0 and (under_way := _under_way(lost)):
        return under_way
    if not has_cause and not burst and (rate or 0) < 0.01 and impact.restarts == 0:
        return "none", ("no error burst; failed requests stay at a background level" if impact.total_requests
                        else "no error burst, and nothing failing: no failed calls, runs, timeouts or restarts")
    if rate is not None and failed >= 5 and rate >= 0.25 and (worst is None or worst >= WORST_P0):
        if down is not None and not down:
            return "P1", (f"a quarter or more of {of} fail with server errors since the onset, but no endpoint failed half of its "
                          "requests since the onset, nor nine in ten at its worst: a degradation spread over every user flow, "
                          "none of them down")
        return "P0", f"a quarter or more of {of} fail with server errors since the onset"
    if rate is not None and failed >= 5 and rate >= 0.25:
        return "P1", f"a quarter or more of {of} fail with server errors since the onset, but not most of them in any five minutes"
    if rate is not None and failed >= 5 and rate >= 0.05:
        return "P1", f"a significant share of {of} fail with server errors since the onset"
    signals = {s.kind: s for s in impact.signals}
    # a crash loop that ran at the same pace before the onset is background (no restarts signal);
    # with no onset at all, one that loses no work (no failed run, call or message) is too
    if impact.restarts >= 3 and (not burst and (lost is None or lost.failed > 0)
                                 or signals.get("restarts") is not None and signals["restarts"].count >= 3):
        return "P1", "instances crash-loop"
    if impact.push_failed >= 5 and impact.push_failed >= 0.05 * impact.push_deliveries:
        return "P1", (f"a background pipeline fails: {impact.push_failed:,} of {impact.push_deliveries:,} deliveries by Pub/Sub push, "
                      "Cloud Tasks or Cloud Scheduler failed since the onset (a queue retrying its messages, not users' requests)")
    if (s := signals.get("client-errors")) and refusals and (s.share or 0) >= 0.05:
        return ("P0" if (s.share or 0) >= 0.25 else "P1"), f"impact: {s.text}"
    if (s := signals.get("client-errors")) and (s.share or 0) >= 0.25:
        return "P1", f"impact: {s.text}"
    ranked = sorted((s for s in impact.signals if s.kind in _SIGNAL_PRIORITY), key=lambda s: _SIGNAL_PRIORITY[s.kind])
    if ranked and ranked[0].kind == "failed-operations" and one_run:
        return "P2", f"impact: one batch run failed ({ranked[0].text}, all at once): a job to rerun, not a pipeline down"
    if (ranked and _SIGNAL_PRIORITY[ranked[0].kind] == "P1" and (has_cause or ranked[0].count >= FAILED_OPERATIONS_P1)
            and not (ranked[0].kind == "failed-operations" and "server-errors" in signals
                     and ranked[0].count <= signals["server-errors"].count)):
        return "P1", f"impact: {ranked[0].text}"
    if blip and ripple:
        return "none", ("a ripple, no incident: a few requests failed for a few minutes, nine in ten or more were served even in the "
                        "worst minute, then all recovered by themselves")
    if blip and failed >= 1:
        return "P3", "a short blip: failed requests rose for a few minutes, then recovered by themselves"
    if down:
        how = "half or more of its requests since the onset" if down[0][3] else "nine in ten of its requests at its worst"
        return "P1", f"a user flow is down: {down[0][0]} failed {how}, though other endpoints serve theirs"
    if (not has_cause and (rate or 0) < 0.01 and all(s.kind == "server-errors" for s in impact.signals)
            and (impact.restarts == 0 or not burst and lost is not None and lost.failed == 0 and _under_way(lost) is None)):
        return "none", ("no cause stands out, and fewer than one request in a hundred fails with nothing else harmed (no failed "
                        "runs or calls, timeouts, backlog, or restarts losing work): the routine errors of a healthy window")
    if failed >= 1 or impact.restarts >= 1:
        return "P2", "some requests fail or instances restart"
    if ranked and _SIGNAL_PRIORITY[ranked[0].kind] in ("P1", "P2"):  # a P1 kind below its count: some harm
        return "P2", f"impact: {ranked[0].text}"
    if has_cause and not impact.total_requests:
        # no request log to show users served: the absence of failed requests is no evidence of no harm
        return "P2", "errors are logged, and the window holds no request logs to show whether users were served"
    if has_cause and unlogged is not None:
        return "P1", (f"errors on {unlogged[0]}, which writes no request logs, rose at the onset and still run when the logs end, "
                      f"{unlogged[1]:,} in the window: requests served elsewhere do not show its work served")
    if has_cause:
        return "P3", "errors are logged but no request failures, restarts or other impact are observed"
    return "none", "no error burst and no failing requests in the window"


def _announced_category(candidates: list[Candidate], mining: MiningResult) -> None:
    """A precursor (a warning that announced its component's failure) is of the kind of the
    failure it announced: a datastore that warned and then failed is a database failure; any other
    component's, that of its own best error candidate."""
    for c in candidates:
        cl = mining.cluster(c.cluster_id)
        if not c.precursor or cl is None:
            continue
        if is_datastore(cl.services):
            c.category = "database"
            continue
        own = next((o for o in candidates if o.role == "cause" and not o.precursor and (ocl := mining.cluster(o.cluster_id)) is not None
                    and ocl.errors and set(ocl.services) & set(cl.services)), None)
        if own is not None:
            c.category = own.category
