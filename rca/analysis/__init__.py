"""Analysis stage: onset, ranked causes vs symptoms vs noise, impact and priority.

Deterministic and cheap (it works on clusters, never on entries); every number it produces is
computed from the mined evidence.
"""

from __future__ import annotations

from rca.analysis.impact import compute_impact, impact_timeline
from rca.analysis.knowledge import impact_kind, load_signatures
from rca.analysis.onset import Onset, find_latency_shift, find_onset
from rca.analysis.ranking import LEAD_MINUTES, candidates_from, classify_and_score, steady_streams
from rca.models import Analysis, Candidate, Impact, MiningResult, RequestStats, to_datetime


def analyse(mining: MiningResult, requests: RequestStats | None = None) -> Analysis:
    requests = requests or RequestStats()
    first_minute = int(mining.window_start.timestamp() // 60) if mining.window_start else None
    last_minute = int(mining.window_end.timestamp() // 60) if mining.window_end else None
    # an even stream is background unless users were failing all along (then it may be the incident)
    background = steady_streams(mining) if first_minute is not None and not _failing_throughout(requests) else set()
    # ... and so is an even stream of failed calls or timeouts: it measures no change
    kinds = {c.id: kind for c in mining.clusters if c.id not in background and (kind := impact_kind(c))}
    onset, basis = _anchored_onset(mining, requests, kinds, first_minute, last_minute, background)
    views = classify_and_score(mining, onset, background)
    candidates = candidates_from(views)
    restart_ids = [v.cluster.id for v in views if (m := v.symptom_match) and m.signature.restart]
    impact = compute_impact(mining, requests, onset.minute, restart_ids, kinds)
    has_cause = any(
        c.role == "cause" and (cl := mining.cluster(c.cluster_id)) is not None and cl.errors > 0 for c in candidates
    )
    priority, why = decide_priority(impact, has_cause, onset.minute is not None)
    if onset.ongoing_from_start and basis == "errors" and _steady_trickle(requests, impact):
        priority, why = "none", "no change in the window: errors and a trickle of failed requests run at a steady low level from its start"
    important = [c.cluster_id for c in candidates[:3]]
    important += [v.cluster.id for v in views if v.role == "symptom"][:4]
    matched = {m.signature.id for v in views for m in v.matches}
    checked = [s.title for s in load_signatures() if s.role == "cause" and s.id not in matched]
    causes = [c for c in candidates if c.role == "cause"]
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
        hypotheses_close=_close(causes),
        checked_not_found=checked,
    )


def _symptoms(views: list, impact: Impact, candidates: list[Candidate]) -> list[str]:
    """Symptom clusters, then the clusters that measure the impact (failed calls, exits, timeouts
    reported by clients or jobs): downstream effects the report must show."""
    out = [v.cluster.id for v in views if v.role == "symptom"]
    taken = set(out) | {c.cluster_id for c in candidates}
    out += [cid for s in impact.signals for cid in s.cluster_ids if cid not in taken]
    return list(dict.fromkeys(out))


CLOSE_SCORES = 0.3  # two causes this close in score are not told apart by the evidence


def _close(causes: list[Candidate]) -> bool:
    """Does a different explanation (another signature, or another unmatched error) score within
    CLOSE_SCORES of the best cause? A second cluster of the same signature, or a later line that
    repeats the same failure (an echo), is the same hypothesis."""
    rivals = rival_causes(causes)
    return bool(rivals) and causes[0].score - rivals[0].score < CLOSE_SCORES


def rival_causes(causes: list[Candidate]) -> list[Candidate]:
    """The causes after the best one that are other explanations, not the same one again."""
    if not causes:
        return []
    top = causes[0]
    same = {top.cluster_id, top.echo_of} - {None}
    return [c for c in causes[1:]
            if (c.signature != top.signature or top.signature is None) and c.echo_of not in same and c.cluster_id not in same]


def _anchored_onset(
    mining: MiningResult, requests: RequestStats, kinds: dict[str, str], first: int | None, last: int | None,
    background: set[str],
) -> tuple[Onset, str]:
    """The onset is when impact changes (failed requests, exits, failed calls, timeouts...); the
    error burst stands in when impact shows no change, and is kept when it leads the impact by up
    to LEAD_MINUTES (the cause comes before the harm it does) or trails it by a minute or two."""
    timeline = mining.error_timeline
    if background:  # loud streams that run all window long must not hide a quieter start
        timeline = dict(timeline)
        for c in mining.clusters:
            if c.id in background and c.errors:
                share = c.errors / c.count
                for m, n in c.timeline.items():
                    timeline[m] = timeline.get(m, 0) - n * share
        timeline = {m: round(n) for m, n in timeline.items() if round(n) > 0} or mining.error_timeline
    errors = find_onset(timeline, first, last)
    if errors.minute is None and mining.error_timeline and _failing_throughout(requests):
        # no burst because the incident was already under way when the window opened
        errors = Onset(min(mining.error_timeline), 0.0, errors.peak_per_min, last, ongoing_from_start=True)
    harm_timeline = impact_timeline(mining, requests, kinds)
    harm = find_onset(harm_timeline, first, last)
    if errors.minute is None and harm.minute is None and (quiet := _after_silence(timeline, harm_timeline, first, last)):
        return quiet, "errors"
    if ((errors.minute is None or errors.ongoing_from_start) and (harm.minute is None or harm.ongoing_from_start)
            and requests.latency_timeline and not _failing_throughout(requests)):
        shift = find_latency_shift(requests.latency_timeline)
        if shift is not None:  # no errors, no failures: requests got slower and stayed slower
            return Onset(shift, 0.0, 0, last), "latency"
    if harm.minute is None or harm.ongoing_from_start and errors.minute is not None:
        return errors, "errors"
    if (errors.minute is not None and -2 <= harm.minute - errors.minute <= LEAD_MINUTES
            and not (errors.ongoing_from_start and harm.minute > errors.minute)):
        # within the minutes' resolution, or the errors lead: keep the burst (but errors running
        # since the window opened lead nothing: a later departure of the impact is the onset)
        return errors, "errors"
    anchored = Onset(harm.minute, errors.baseline_per_min, errors.peak_per_min, harm.end_minute, harm.ongoing_from_start)
    return anchored, "impact"


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


TRICKLE_SHARE = 0.01  # failed requests below this share of many, with no change: background
TRICKLE_MIN_REQUESTS = 200


def _steady_trickle(requests: RequestStats, impact: Impact) -> bool:
    """Errors since the window opened with no departure to find, while nearly every request
    succeeds and nothing restarts: what the service always does, not an incident under way."""
    failed = sum(n for status, n in requests.by_status.items() if status >= 500)
    return (requests.total >= TRICKLE_MIN_REQUESTS and failed / requests.total < TRICKLE_SHARE
            and impact.restarts == 0)


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


# what each impact signal makes the incident, at most (server errors and restarts are graded by share)
_SIGNAL_PRIORITY = {
    "failed-operations": "P1",  # a client's call or a job run failed end to end
    "client-errors": "P2",
    "failed-requests": "P2",
    "timeouts": "P2",
    "dead-letters": "P2",
    "latency": "P2",
    "degraded": "P3",
}


def decide_priority(impact: Impact, has_cause: bool, burst: bool) -> tuple[str, str]:
    """P0-P3 or none from measured impact, not from wording; the reason names the signal.

    P0: a quarter or more of requests fail. P1: one in twenty or more fail, instances crash-loop,
    a quarter of requests refused with a 4xx surge, or clients / jobs report failed calls or runs.
    P2: some requests fail, instances restart, unhandled exceptions in request handlers, timeouts,
    dead letters or latency at least doubled. P3: errors (or only degraded answers) without user
    impact. none: no new errors, and at most a background trickle of failed requests (under 1%).
    """
    rate = impact.incident_error_rate if impact.incident_error_rate is not None else impact.error_rate
    failed = impact.incident_failed_requests or impact.failed_requests
    if not has_cause and not burst and (rate or 0) < 0.01 and impact.restarts == 0:
        return "none", "no error burst; failed requests stay at a background level"
    if rate is not None and failed >= 5 and rate >= 0.25:
        return "P0", "a quarter or more of requests fail with server errors since the onset"
    if rate is not None and failed >= 5 and rate >= 0.05:
        return "P1", "a significant share of requests fail with server errors since the onset"
    if impact.restarts >= 3:
        return "P1", "instances crash-loop"
    signals = {s.kind: s for s in impact.signals}
    if (s := signals.get("client-errors")) and (s.share or 0) >= 0.25:
        return "P1", f"impact: {s.text}"
    ranked = sorted((s for s in impact.signals if s.kind in _SIGNAL_PRIORITY), key=lambda s: _SIGNAL_PRIORITY[s.kind])
    if ranked and _SIGNAL_PRIORITY[ranked[0].kind] == "P1":
        return "P1", f"impact: {ranked[0].text}"
    if failed >= 1 or impact.restarts >= 1:
        return "P2", "some requests fail or instances restart"
    if ranked and _SIGNAL_PRIORITY[ranked[0].kind] == "P2":
        return "P2", f"impact: {ranked[0].text}"
    if has_cause:
        return "P3", "errors are logged but no request failures, restarts or other impact are observed"
    return "none", "no error burst and no failing requests in the window"
