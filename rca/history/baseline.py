"""History as a baseline: a cluster that healthy past windows show at the same rate is background.

Inside one window, "absent from the baseline" can only mean "absent earlier in this window"; a
window that opens mid-incident has no healthy minutes, so a steady background error looks as new
as the cause. Past healthy windows (recorded with `rca baseline`, on a person's word) tell them
apart: a candidate or symptom whose rate now is at most BACKGROUND_RATIO times its mean rate in
healthy windows moves to noise. This runs after rca.analysis, on its result, and never edits it
in place.
"""

from __future__ import annotations

from datetime import datetime

from rca.history.models import FingerprintStats
from rca.models import Analysis, MiningResult

BACKGROUND_RATIO = 2.0  # "the same rate": up to twice the healthy mean (Poisson noise on small counts)


def window_minutes(start: datetime | None, end: datetime | None) -> float:
    if start is None or end is None:
        return 1.0
    return max(1.0, (end - start).total_seconds() / 60.0)


def rates_per_min(mining: MiningResult) -> dict[str, float]:
    minutes = window_minutes(mining.window_start, mining.window_end)
    return {c.id: c.count / minutes for c in mining.clusters}


def background_clusters(mining: MiningResult, analysis: Analysis, healthy: dict[str, FingerprintStats]) -> set[str]:
    """Candidates and symptoms whose rate now is no higher than in healthy past windows."""
    rates = rates_per_min(mining)
    ids = [c.cluster_id for c in analysis.candidates] + list(analysis.symptoms)
    return {
        cid
        for cid in ids
        if (past := healthy.get(cid)) is not None
        and past.runs > 0
        and rates.get(cid, 0.0) <= BACKGROUND_RATIO * past.mean_rate_per_min
    }


def apply_history_baseline(mining: MiningResult, analysis: Analysis, healthy: dict[str, FingerprintStats]) -> Analysis:
    """The Analysis with background clusters moved to noise (a new object; the input is unchanged).

    With every cause gone and nothing but logged errors (P3), the window is not an incident."""
    background = background_clusters(mining, analysis, healthy)
    if not background:
        return analysis
    candidates = [c for c in analysis.candidates if c.cluster_id not in background]
    update: dict = {
        "candidates": candidates,
        "symptoms": [s for s in analysis.symptoms if s not in background],
        "noise": list(dict.fromkeys([*analysis.noise, *sorted(background)])),
        "important": [i for i in analysis.important if i not in background],
    }
    if analysis.priority == "P3" and not any(c.role == "cause" for c in candidates):
        update["priority"] = "none"
        update["priority_reason"] = "the errors logged are background: healthy past windows show them at the same rate"
        update["healthy"] = True
    return analysis.model_copy(update=update)
