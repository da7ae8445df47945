"""The report's history fields: each cluster new or recurring, and the most similar past incidents.

Similarity of a past report to this window (0..1): 0.6 x Jaccard of the failing cluster
fingerprints (ERROR and above; a fingerprint is template + service, stable across runs), 0.3 when
the past root-cause cluster fails here too, 0.1 x Jaccard of the services.
"""

from __future__ import annotations

from rca.history.models import FingerprintStats, PastRun
from rca.schema import ClusterHistory, Report, SimilarIncident, Window

MAX_SIMILAR = 3
MIN_SIMILARITY = 0.2


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def similarity(failing: set[str], services: set[str], past: PastRun) -> float:
    root = set(past.summary.root_cluster_ids)
    score = 0.6 * _jaccard(failing, past.fingerprints)
    score += 0.3 if root & failing else 0.0
    score += 0.1 * _jaccard(services, set(past.summary.services))
    return round(score, 3)


def similar_incidents(failing: set[str], services: set[str], past: list[PastRun]) -> list[SimilarIncident]:
    # ties (the same incident replayed) go to the run a person linked a ticket to, then the newest
    scored = sorted(
        ((similarity(failing, services, p), p) for p in past),
        key=lambda sp: (-sp[0], not sp[1].summary.links, -sp[1].summary.run_id),
    )
    out = []
    for score, p in scored:
        if score < MIN_SIMILARITY or len(out) >= MAX_SIMILAR:
            break
        s = p.summary
        out.append(
            SimilarIncident(
                run_id=s.run_id,
                window=Window(start=s.window_start, end=s.window_end),
                root_cause=s.root_cause,
                links=[*([s.report] if s.report else []), *s.links],
                title=s.title,
                priority=s.priority,
                category=s.category,
                report=s.report,
                similarity=score,
                shared_clusters=len(failing & p.fingerprints),
            )
        )
    return out


def annotate_report(
    report: Report,
    rates: dict[str, float],
    seen: dict[str, FingerprintStats],
    healthy: dict[str, FingerprintStats],
    background: set[str],
    similar: list[SimilarIncident],
) -> Report:
    """A copy of the report with `clusters[].history` and `similar_incidents` filled in."""
    clusters = []
    for c in report.clusters:
        past = seen.get(c.id)
        calm = healthy.get(c.id)
        history = ClusterHistory(
            status="recurring" if past and past.runs else "new",
            first_seen=past.first_seen if past else None,
            runs=past.runs if past else 0,
            last_seen=past.last_seen if past else None,
            recent_runs=past.recent_runs if past else 0,
            usual_per_min=round(past.mean_rate_per_min, 4) if past else None,
            rate_per_min=round(rates.get(c.id, 0.0), 4),
            healthy_runs=calm.runs if calm else 0,
            background=c.id in background,
        )
        clusters.append(c.model_copy(update={"history": history}))
    return report.model_copy(update={"clusters": clusters, "similar_incidents": similar})
