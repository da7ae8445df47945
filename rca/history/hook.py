"""What `rca generate`, `rca baseline` and the Slack server call. A broken store never costs the
report: the first failure prints one warning line and the run goes on without history.

    hook = HistoryHook.open(location)            # None location: the default SQLite file
    report = build_report(records, stats, options, history=hook)   # adjust() + annotate()
    ...write the report...
    hook.record(report, report_ref=path)         # then close()
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from rca.history.annotate import annotate_report, similar_incidents
from rca.history.baseline import apply_history_baseline, background_clusters, rates_per_min, window_minutes
from rca.history.models import ClusterRow, RunRecord
from rca.history.store import HistoryError, HistoryStore
from rca.models import Analysis, MiningResult
from rca.redact import Redactor
from rca.schema import Report

Warn = Callable[[str], None]


def warn_stderr(message: str) -> None:
    print(f"rca: warning: {message}", file=sys.stderr, flush=True)


class HistoryHook:
    """One run's link to the store: remembers the window's clusters between the pipeline's steps."""

    def __init__(self, store: HistoryStore | None, warn: Warn = warn_stderr) -> None:
        self.store = store
        self.warn = warn
        self._mining: MiningResult | None = None
        self._analysis: Analysis | None = None
        self._background: set[str] = set()
        self._healthy: dict = {}

    @classmethod
    def open(cls, location: str | None = None, warn: Warn = warn_stderr) -> HistoryHook:
        try:
            return cls(HistoryStore.open(location), warn)
        except HistoryError as exc:
            warn(f"{exc}; the report is written without history")
            return cls(None, warn)

    def _fail(self, exc: HistoryError) -> None:
        self.warn(f"{exc}; the report is written without history")
        if self.store is not None:
            self.store.close()
        self.store = None

    def close(self) -> None:
        if self.store is not None:
            self.store.close()

    # ------------------------------------------------------------------ pipeline steps
    def adjust(self, mining: MiningResult, analysis: Analysis) -> Analysis:
        """History as a baseline (rca.history.baseline), between analysis and the analyst."""
        self._mining = mining
        self._analysis = analysis
        if self.store is None:
            return analysis
        ids = [c.cluster_id for c in analysis.candidates] + list(analysis.symptoms)
        try:
            self._healthy = self.store.fingerprint_stats(ids, healthy_only=True)
        except HistoryError as exc:
            self._fail(exc)
            return analysis
        self._background = background_clusters(mining, analysis, self._healthy)
        adjusted = apply_history_baseline(mining, analysis, self._healthy)
        self._analysis = adjusted
        return adjusted

    def annotate(self, report: Report) -> Report:
        if self.store is None or self._mining is None:
            return report
        mining = self._mining
        failing = {c.id for c in mining.clusters if c.errors > 0}
        services = {s for c in mining.clusters if c.errors > 0 for s in c.services}
        try:
            seen = self.store.fingerprint_stats([c.id for c in report.clusters], reference=mining.window_end or report.generated_at)
            healthy = self.store.fingerprint_stats([c.id for c in report.clusters], healthy_only=True)
            past = self.store.past_incidents(failing)
        except HistoryError as exc:
            self._fail(exc)
            return report
        similar = similar_incidents(failing, services, past)
        return annotate_report(report, rates_per_min(mining), seen, healthy, self._background, similar)

    # ------------------------------------------------------------------ recording
    def record(self, report: Report, report_ref: str | None = None) -> int | None:
        """Store this run after its report is written; None when there is no usable store."""
        if self.store is None or self._mining is None:
            return None
        roles = {c.id: c.role for c in report.clusters}
        noise = set(self._analysis.noise) if self._analysis else set()
        run = run_record(self._mining, roles, noise)
        redact = Redactor()
        root = report.root_cause
        run = run.model_copy(
            update=dict(
                kind="report",
                healthy=False,  # only a person says a window was healthy (`rca baseline`): a missed incident must not become background
                title=redact(report.title),
                root_cause=redact(root.statement) if root else None,
                category=root.category if root else None,
                root_cluster_ids=list(root.cluster_ids) if root else [],
                priority=report.priority,
                report=report_ref,
            )
        )
        try:
            run_id = self.store.record(run)
            self.store.prune()
            return run_id
        except HistoryError as exc:
            self.warn(f"{exc}; this run was not recorded")
            return None


def run_record(mining: MiningResult, roles: dict[str, str] | None = None, noise: set[str] | None = None) -> RunRecord:
    """The window's clusters as stored rows (templates redacted: the store outlives the report)."""
    roles, noise = roles or {}, noise or set()
    minutes = window_minutes(mining.window_start, mining.window_end)
    redact = Redactor()
    rows = [
        ClusterRow(
            fingerprint=c.id,
            template=redact(c.template[:500]),
            severity=c.severity,
            count=c.count,
            errors=c.errors,
            rate_per_min=c.count / minutes,
            role=roles.get(c.id) or ("noise" if c.id in noise else "other"),
            services=c.services,
        )
        for c in mining.clusters
    ]
    return RunRecord(
        window_start=mining.window_start,
        window_end=mining.window_end,
        minutes=minutes,
        source=mining.read.source,
        services=sorted({s for c in mining.clusters for s in c.services}),
        entries=mining.read.entries_read or mining.total_entries,
        clusters=rows,
    )


def record_baseline(store: HistoryStore, mining: MiningResult, report_ref: str | None = None) -> int:
    """`rca baseline`: the window is healthy by the user's word; every cluster is background."""
    run = run_record(mining).model_copy(update=dict(kind="baseline", healthy=True, title="healthy baseline", report=report_ref))
    run_id = store.record(run)
    store.prune()
    return run_id
