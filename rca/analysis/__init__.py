"""Analysis stage: onset, ranked causes vs symptoms vs noise, impact and priority.

Deterministic and cheap (it works on clusters, never on entries); every number it produces is
computed from the mined evidence.
"""

from __future__ import annotations

from rca.analysis.impact import compute_impact
from rca.analysis.knowledge import load_signatures
from rca.analysis.onset import Onset, find_onset
from rca.analysis.ranking import candidates_from, classify_and_score
from rca.models import Analysis, Impact, MiningResult, RequestStats, to_datetime


def analyse(mining: MiningResult, requests: RequestStats | None = None) -> Analysis:
    requests = requests or RequestStats()
    first_minute = int(mining.window_start.timestamp() // 60) if mining.window_start else None
    last_minute = int(mining.window_end.timestamp() // 60) if mining.window_end else None
    onset = find_onset(mining.error_timeline, first_minute, last_minute)
    if onset.minute is None and mining.error_timeline and _failing_throughout(requests):
        # no burst because the incident was already under way when the window opened
        onset = Onset(min(mining.error_timeline), 0.0, onset.peak_per_min, last_minute, ongoing_from_start=True)
    views = classify_and_score(mining, onset)
    candidates = candidates_from(views)
    restart_ids = [v.cluster.id for v in views if (m := v.symptom_match) and m.signature.restart]
    impact = compute_impact(mining, requests, onset.minute, restart_ids)
    has_cause = any(
        c.role == "cause" and (cl := mining.cluster(c.cluster_id)) is not None and cl.errors > 0 for c in candidates
    )
    priority, why = decide_priority(impact, has_cause, onset.minute is not None)
    important = [c.cluster_id for c in candidates[:3]]
    important += [v.cluster.id for v in views if v.role == "symptom"][:4]
    matched = {m.signature.id for v in views for m in v.matches}
    checked = [s.title for s in load_signatures() if s.role == "cause" and s.id not in matched]
    return Analysis(
        onset=to_datetime(onset.minute * 60) if onset.minute is not None else None,
        baseline_error_per_min=round(onset.baseline_per_min, 3),
        peak_error_per_min=onset.peak_per_min,
        candidates=candidates,
        symptoms=[v.cluster.id for v in views if v.role == "symptom"],
        noise=[v.cluster.id for v in views if v.role == "noise"],
        important=list(dict.fromkeys(important)),
        priority=priority,
        priority_reason=why,
        impact=impact,
        requests=requests,
        healthy=priority == "none",
        checked_not_found=checked,
    )


def _failing_throughout(requests: RequestStats) -> bool:
    failed = sum(n for status, n in requests.by_status.items() if status >= 500)
    return failed >= 5 and requests.total > 0 and failed / requests.total >= 0.05


def decide_priority(impact: Impact, has_cause: bool, burst: bool) -> tuple[str, str]:
    """P0-P3 or none from measured impact (request failures, crash loops), not from wording.

    P0: a quarter or more of requests fail. P1: one in twenty or more fail, or instances
    crash-loop. P2: some requests fail or instances restart. P3: errors without user impact.
    none: no new errors, and at most a background trickle of failed requests (under 1%).
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
    if failed >= 1 or impact.restarts >= 1:
        return "P2", "some requests fail or instances restart"
    if has_cause:
        return "P3", "errors are logged but no request failures or restarts are observed"
    return "none", "no error burst and no failing requests in the window"
