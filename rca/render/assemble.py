"""Build the Report from the stages' outputs, then pass it through the output boundary (rca.redact):
every string in it -- samples, templates, the analyst's prose -- is redacted in one place.

Numbers are copied from the mining and analysis results, never from the analyst's prose.
"""

from __future__ import annotations

from datetime import datetime

from rca.models import SEVERITY_RANK, WARNING_RANK, Analysis, AnalystOutput, MiningResult
from rca.fmt import sparkline
from rca.redact import Redactor
from rca.render.story import culprit_services, tell
from rca.schema import AnalystInfo, Report, ReportCluster, Totals, Window

MAX_SAMPLES = 3


def _order(mining: MiningResult, analysis: Analysis, output: AnalystOutput) -> list[str]:
    """Most important first: root cause, candidates, symptoms, other errors, noise last."""
    ids: list[str] = []
    if output.root_cause:
        ids += output.root_cause.cluster_ids
    ids += [c.cluster_id for c in analysis.candidates]
    ids += analysis.symptoms
    noise = set(analysis.noise)
    rest = [c for c in mining.clusters if c.id not in noise]
    rest.sort(key=lambda c: (-c.errors, -SEVERITY_RANK.get(c.severity, 0), -c.count, c.id))
    ids += [c.id for c in rest]
    ids += [c.id for c in mining.clusters if c.id in noise]
    return list(dict.fromkeys(ids))


def _role(cluster_id: str, analysis: Analysis, output: AnalystOutput) -> str:
    if output.root_cause and cluster_id in output.root_cause.cluster_ids:
        return "cause"
    for cand in analysis.candidates:
        if cand.cluster_id == cluster_id:
            return "change" if cand.role == "change" else "candidate"
    if cluster_id in analysis.symptoms:
        return "symptom"
    if cluster_id in analysis.noise:
        return "noise"
    return "other"


def assemble_report(
    mining: MiningResult,
    analysis: Analysis,
    output: AnalystOutput,
    info: AnalystInfo,
    redact: bool = True,
    generated_at: datetime | None = None,
) -> Report:
    read = mining.read
    entries = read.entries_read or mining.total_entries
    by_severity = read.by_severity or mining.by_severity
    first_minute = int(mining.window_start.timestamp() // 60) if mining.window_start else None
    last_minute = int(mining.window_end.timestamp() // 60) if mining.window_end else None

    clusters = []
    for cid in _order(mining, analysis, output):
        c = mining.cluster(cid)
        if c is None:
            continue
        role = _role(cid, analysis, output)
        if SEVERITY_RANK.get(c.severity, 0) < WARNING_RANK and role not in ("cause", "candidate", "change", "symptom"):
            continue
        clusters.append(
            ReportCluster(
                id=c.id,
                template=c.template,
                count=c.count,
                severity=c.severity,
                by_severity=c.by_severity,
                services=c.services,
                first_seen=c.first_seen,
                last_seen=c.last_seen,
                samples=c.samples[:MAX_SAMPLES],
                role=role,
                share=round(c.count / entries, 6) if entries else 0.0,
                exception=c.exception,
                stack=c.stack[:30],
                http_statuses=c.http_statuses,
                latency=c.latency,
                sparkline=sparkline(c.timeline, first_minute, last_minute),
                timeline=c.timeline,
                top_instances=c.top_instances,
            )
        )

    notes = list(read.notes)
    if read.skipped:
        notes.append(f"{read.skipped:,} malformed entries were skipped")
    if read.no_timestamp:
        notes.append(f"{read.no_timestamp:,} entries had no timestamp")
    if mining.time_outliers:
        lo, hi = mining.time_outlier_range or (None, None)
        notes.append(f"{mining.time_outliers:,} entries with timestamps far from the rest "
                     f"({lo:%Y-%m-%d} to {hi:%Y-%m-%d}) were kept without a time" if lo and hi else
                     f"{mining.time_outliers:,} entries with timestamps far from the rest were kept without a time")
    redactor = Redactor(enabled=redact)  # one instance: the story's excerpts, cut after redaction, share its placeholders
    story = tell(mining, analysis, output, redactor)
    report = Report(
        title=_title(mining, analysis, output),
        generated_at=generated_at,
        source=read.source,
        window=Window(start=mining.window_start, end=mining.window_end, onset=analysis.onset),
        totals=Totals(
            entries=entries,
            by_severity=dict(sorted(by_severity.items(), key=lambda kv: -SEVERITY_RANK.get(kv[0], 0))),
            clusters=len(mining.clusters),
            other_clusters=mining.other.clusters if mining.other else 0,
            other_entries=mining.other.entries if mining.other else 0,
            skipped=read.skipped,
            partial=read.partial or mining.time_outliers > 0,
            notes=notes,
        ),
        clusters=clusters,
        root_cause=output.root_cause,
        candidates=analysis.candidates,
        five_whys=output.five_whys,
        priority=analysis.priority,
        priority_reason=analysis.priority_reason,
        impact=analysis.impact,
        impact_summary=output.impact_summary,
        remediation=output.remediation,
        success_metrics=output.success_metrics,
        checked_not_found=analysis.checked_not_found,
        analyst=info,
        **story,
    )
    return redactor.tree(report)


def _title(mining: MiningResult, analysis: Analysis, output: AnalystOutput) -> str:
    """'<service of the root cause>: <category> failure', or the services seen when healthy."""
    services = culprit_services(mining, output.root_cause.cluster_ids) if output.root_cause else []
    if not services:
        services = sorted({s for c in mining.clusters for s in c.services if c.errors}) or sorted(
            {s for c in mining.clusters for s in c.services}
        )
    who = ", ".join(services[:3]) or "logs"
    if analysis.priority == "none" or output.root_cause is None:
        return f"{who}: no incident found"
    if not output.root_cause.cluster_ids:
        return f"{who}: failing, cause not in these logs"
    return f"{who}: {output.root_cause.category} failure"
