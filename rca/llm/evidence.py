"""The evidence pack: what the model sees, built from clusters (never from entries) within a budget.

    build_evidence(mining, analysis, budget_tokens, redactor) -> EvidencePack

Order: window and onset (mid-incident windows said so), the deterministic ranking with its
reasons, change events against the onset (and whether a deploy precedes it), background streams
marked as such, one section per important
cluster (template, counts, severity, services, first/last seen, a per-minute sparkline, 2-3 raw
samples, a folded trace's headline, the folded stack), impact (HTTP and every impact signal),
then one line per cluster that did not fit and a final
count of any that did not fit even as a line -- nothing is dropped silently.

Everything taken from logs is redacted first, then placed inside a single `<evidence>` ...
`</evidence>` block; a log line that contains a fence tag has its `<` written `&lt;`, so no log
line can close the block or pose as instructions outside it (no other HTML entities). The pack is a pure function of its inputs (no clock, no randomness), which
is what lets `rca.llm.replay` find a recording by the pack's hash.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from datetime import datetime, timezone

from pydantic import BaseModel, Field

from rca.analysis.changes import deploy_before_onset
from rca.llm.offline import key_line
from rca.models import Analysis, ClusterStats, MiningResult
from rca.fmt import fmt_duration, fmt_pct, fmt_seconds, fmt_time, head_tail

OPEN_TAG = "<evidence>"
CLOSE_TAG = "</evidence>"
CHARS_PER_TOKEN = 2.5  # log text is token-dense (ids, numbers, punctuation) and Claude 5 tokenizers count ~30% more: stay conservative
SPARK_CHARS = "▁▂▃▄▅▆▇█"
SPARK_WIDTH = 60
MAX_CANDIDATES = 10
MAX_ENDPOINTS = 8
SUMMARY_TEMPLATE_CHARS = 90
RESERVE_FOR_SUMMARIES = 0.12  # share of the budget kept for one-line summaries

_FENCE_TAG = re.compile(r"<(?=\s*/?\s*(?:evidence|sample)\b)", re.IGNORECASE)
_SLOT = re.compile(r"<(?:\*|[A-Z][A-Z0-9_]*)>")  # template placeholders: <*>, <NUM>, <IP>, <STR>...
_CONTROL = re.compile(r"\x1b\[[0-9;]*[A-Za-z]|[\x00-\x08\x0b-\x1f\x7f]")


class EvidencePack(BaseModel):
    text: str = Field(description="the evidence block, fenced, ready to drop into the user prompt")
    cluster_ids: list[str] = Field(description="clusters shown in detail, in order")
    summarised_ids: list[str] = Field(default_factory=list, description="clusters shown as one line")
    mentioned_ids: list[str] = Field(default_factory=list, description="clusters named in links only")
    omitted_clusters: int = 0  # counted in the last line but not named
    estimated_tokens: int
    budget_tokens: int

    @property
    def known_ids(self) -> set[str]:
        """Ids the model may cite: every cluster named anywhere in the pack."""
        return set(self.cluster_ids) | set(self.summarised_ids) | set(self.mentioned_ids)


# --------------------------------------------------------------------------- small helpers


def estimate_tokens(text: str) -> int:
    """Offline token estimate, on the high side: ASCII at 3 chars a token, anything else 1 each."""
    non_ascii = sum(1 for ch in text if ord(ch) > 127)
    return math.ceil((len(text) - non_ascii) / CHARS_PER_TOKEN + non_ascii)


def escape(text: str) -> str:
    """Make log text inert inside the evidence block: it cannot open or close a fence tag.

    Only a `<` that would start an `evidence` or `sample` tag is written `&lt;`; everything else
    stays as logged (no HTML entities: the prompt is not HTML, and `<PATH>` reads as it is).
    """
    return _FENCE_TAG.sub("&lt;", _CONTROL.sub("", text))


truncate = head_tail  # samples keep their last line (the exception message)


def iso(ts: datetime | None) -> str:
    """House format (rca.fmt), so a time the model quotes reads as the report prints it."""
    return fmt_time(ts.astimezone(timezone.utc)) if ts else "unknown"


def minute_label(minute: int) -> str:
    return datetime.fromtimestamp(minute * 60, tz=timezone.utc).strftime("%H:%M")


def counts(values: dict, limit: int = 6) -> str:
    items = sorted(values.items(), key=lambda kv: (-kv[1], str(kv[0])))[:limit]
    return ", ".join(f"{k} {v:,}" for k, v in items)


def sparkline(timeline: dict[int, int], start: int, end: int, width: int = SPARK_WIDTH) -> tuple[str, int]:
    """Per-minute counts from minute `start` to `end` as block characters; returns (line, minutes a char).

    Empty minutes are '·'; longer windows are bucketed so the line never exceeds `width`.
    """
    span = max(end - start + 1, 1)
    step = max(1, math.ceil(span / width))
    buckets = [0] * math.ceil(span / step)
    for minute, n in timeline.items():
        if start <= minute <= end:
            buckets[(minute - start) // step] += n
    peak = max(buckets, default=0)
    if peak == 0:
        return "·" * len(buckets), step
    top = len(SPARK_CHARS) - 1
    return "".join("·" if n == 0 else SPARK_CHARS[min(top, math.ceil(n / peak * top))] for n in buckets), step


def window_minutes(mining: MiningResult) -> tuple[int, int] | None:
    if mining.window_start and mining.window_end:
        return int(mining.window_start.timestamp()) // 60, int(mining.window_end.timestamp()) // 60
    minutes = list(mining.timeline) or [m for c in mining.clusters for m in c.timeline]
    return (min(minutes), max(minutes)) if minutes else None


# --------------------------------------------------------------------------- sections


class _Writer:
    """Redact, truncate, then escape every string that came from a log."""

    def __init__(self, redactor: Callable[[str], str]) -> None:
        self.redactor = redactor

    def __call__(self, text: str, limit: int = 400) -> str:
        return escape(truncate(self.redactor(text or ""), limit))


def _roles(analysis: Analysis) -> dict[str, str]:
    roles = {cid: "symptom" for cid in analysis.symptoms}
    roles.update({cid: "noise" for cid in analysis.noise})
    for cand in reversed(analysis.candidates):
        roles[cand.cluster_id] = cand.role
    return roles


def window_section(mining: MiningResult, analysis: Analysis, log: _Writer) -> str:
    lines = ["## Window and onset"]
    span = ""
    if mining.window_start and mining.window_end:
        span = f" ({fmt_duration((mining.window_end - mining.window_start).total_seconds())})"
    lines.append(f"window: {iso(mining.window_start)} to {iso(mining.window_end)}{span}")
    lines.append(f"entries: {mining.total_entries:,} ({counts(mining.by_severity, 9)})")
    lines.append(f"clusters: {len(mining.clusters):,}")
    lines.append(
        f"onset: {iso(analysis.onset)}; errors per minute: baseline {analysis.baseline_error_per_min:.1f},"
        f" peak {analysis.peak_error_per_min:,}"
    )
    if analysis.onset_basis:
        lines.append("onset measured on: " + ("the impact timeline (failed requests, exits, failed calls...)" if analysis.onset_basis in ("impact", "client-errors") else "the error burst"))
    if analysis.mid_incident:
        lines.append("the window opens mid-incident: there is no baseline before the onset, so nothing can be called new or absent from a baseline")
    if analysis.hypotheses_close:
        lines.append("the top causes score too close to single one out: say so and name what would tell them apart")
    lines.append(f"priority (computed): {analysis.priority}" + (f" - {log(analysis.priority_reason)}" if analysis.priority_reason else ""))
    if analysis.healthy:
        lines.append("the deterministic analysis found no incident (healthy)")
    span_minutes = window_minutes(mining)
    if span_minutes and mining.error_timeline:
        line, step = sparkline(mining.error_timeline, *span_minutes)
        lines.append(f"ERROR+ per {'minute' if step == 1 else f'{step} min'}: {line}")
    if mining.revisions_first_seen:
        recent = sorted(mining.revisions_first_seen.items(), key=lambda kv: kv[1])[-8:]
        lines.append("revisions first seen: " + ", ".join(f"{log(rev, 80)} at {iso(ts)}" for rev, ts in recent))
    read = mining.read
    if read.partial:
        lines.append(f"input is partial: {read.skipped:,} malformed entries skipped, truncated={read.truncated}")
    if mining.time_outliers:
        lines.append(f"{mining.time_outliers:,} entries with timestamps far from the rest are counted without a time")
    if mining.other:
        lines.append(f"{mining.other.entries:,} entries of {mining.other.clusters:,} smaller clusters are folded into "
                     "'other' (cluster cap); their templates are not shown")
    if analysis.checked_not_found:
        lines.append("known signatures checked and not found: " + ", ".join(log(s, 60) for s in analysis.checked_not_found[:12]))
    return "\n".join(lines)


def candidates_section(analysis: Analysis, log: _Writer) -> str:
    lines = ["## Ranked candidates (deterministic ranking, best first)"]
    if not analysis.candidates:
        lines.append("none")
    for rank, cand in enumerate(analysis.candidates[:MAX_CANDIDATES], 1):
        signature = f" signature={log(cand.signature, 60)}" if cand.signature else ""
        lines.append(
            f"{rank}. {cand.cluster_id} score={cand.score:.2f} role={cand.role} category={cand.category}{signature}"
        )
        lines.append(f"   reason: {log(cand.reason, 300)}")
    if len(analysis.candidates) > MAX_CANDIDATES:
        lines.append(f"({len(analysis.candidates) - MAX_CANDIDATES} lower-ranked candidates not listed)")
    return "\n".join(lines)


def cluster_section(
    cluster: ClusterStats,
    mining: MiningResult,
    role: str,
    log: _Writer,
    *,
    samples: int,
    sample_chars: int,
    frames: int,
    mentioned: set[str],
) -> str:
    c = cluster
    lines = [f"### {c.id} [{c.severity}] role={role}"]
    lines.append(f"template: {log(c.template, 500)}")
    if c.samples and "\n" in c.samples[0].strip():
        lines.append(f"headline: {log(key_line(c.samples[0], 300), 300)}")  # a folded trace's exception line
    lines.append(f"count: {c.count:,} ({counts(c.by_severity)})")
    lines.append(f"services: {', '.join(log(s, 60) for s in c.services[:5]) or 'unknown'}")
    if c.revisions:
        lines.append(f"revisions: {', '.join(log(r, 60) for r in c.revisions[:5])}")
    lines.append(f"first seen: {iso(c.first_seen)}; last seen: {iso(c.last_seen)}")
    span = window_minutes(mining)
    if span and c.timeline:
        line, step = sparkline(c.timeline, *span)
        lines.append(f"per {'minute' if step == 1 else f'{step} min'} from {minute_label(span[0])}: {line}")
    if c.exception:
        lines.append(f"exception: {log(c.exception, 120)}")
    if c.http_statuses:
        lines.append(f"http statuses: {counts(c.http_statuses)}")
    if c.endpoints:
        lines.append("endpoints: " + ", ".join(f"{log(e, 100)} {n:,}" for e, n in sorted(c.endpoints.items(), key=lambda kv: -kv[1])[:4]))
    if c.latency.count:
        lines.append(f"latency: {_latency(c.latency)}")
    if c.instances:
        lines.append(f"instances: {c.instances:,}")
    if c.top_instances:
        lines.append("top instances: " + ", ".join(f"{log(name, 80)} ({n:,})" for name, n in c.top_instances))
    params = [
        f"{log(name, 20)} = " + ", ".join(f"{escape(truncate(param_value(c.template, name, v.value, log.redactor), 80))} ({v.count:,})" for v in values[:3])
        for name, values in list(c.params.items())[:3]
        if values
    ]
    if params and samples > 1:
        lines.append("variable parts: " + "; ".join(params))
    links = sorted((l for l in mining.links if c.id in (l.source, l.target)), key=lambda l: -l.count)
    before = [l for l in links if l.target == c.id][:3]
    after = [l for l in links if l.source == c.id][:3]
    if before:
        lines.append("often preceded by: " + ", ".join(f"{l.source} ({l.via} {l.count:,})" for l in before))
    if after:
        lines.append("often followed by: " + ", ".join(f"{l.target} ({l.via} {l.count:,})" for l in after))
    mentioned.update([l.source for l in before] + [l.target for l in after])
    if c.stack and frames:
        lines.append("stack (folded, outermost first):")
        lines.extend(f"  {log(frame, 160)}" for frame in c.stack[:frames])
        if len(c.stack) > frames:
            lines.append(f"  ... {len(c.stack) - frames} more frames")
    for sample in c.samples[:samples]:
        lines.append(f"<sample>{log(sample, sample_chars)}</sample>")
    return "\n".join(lines)


def param_value(template: str, name: str, value: str, redactor: Callable[[str], str]) -> str:
    """A template parameter's value, redacted in its context (rca.redact.Redactor.in_template)."""
    in_template = getattr(redactor, "in_template", None)
    return in_template(template, name, value) if in_template else redactor(value)


def _latency(lat) -> str:
    parts = [f"{name} {fmt_seconds(value)}" for name, value in (("p50", lat.p50_s), ("p95", lat.p95_s), ("max", lat.max_s)) if value is not None]
    return ", ".join(parts) + f" over {lat.count:,} requests"


def impact_section(analysis: Analysis, log: _Writer) -> str:
    imp = analysis.impact
    lines = ["## HTTP impact (computed)"]
    if imp.total_requests:
        rate = f" ({fmt_pct(imp.error_rate)})" if imp.error_rate is not None else ""
        lines.append(f"requests: {imp.total_requests:,}; failed (5xx): {imp.failed_requests:,}{rate}; client errors (4xx): {imp.client_errors:,}")
    else:
        lines.append("no HTTP request logs in the input")
    for ep in imp.endpoints[:MAX_ENDPOINTS]:
        lines.append(f"- {log(ep.endpoint, 100)}: {ep.failed:,} failed of {ep.total:,}")
    if imp.latency.count:
        lines.append(f"latency: {_latency(imp.latency)}")
    lines.append(f"error entries: {imp.error_entries:,}; restarts / failed starts: {imp.restarts:,}")
    if imp.signals:
        lines.append("impact signals since the onset (each against its own baseline before it), strongest first:")
        for sig in imp.signals:
            ids = f" (clusters {', '.join(sig.cluster_ids)})" if sig.cluster_ids else ""
            lines.append(f"- {sig.kind}: {log(sig.text, 200)}{ids}")
    else:
        lines.append("impact signals since the onset: none measured")
    if imp.services:
        lines.append("services with errors: " + ", ".join(log(s, 60) for s in imp.services[:10]))
    lines.append(f"first error: {iso(imp.first_error)}; last error: {iso(imp.last_error)}")
    if imp.duration_s is not None:
        lines.append(f"duration from onset to last error: {fmt_duration(imp.duration_s)}")
    return "\n".join(lines)


def changes_section(mining: MiningResult, analysis: Analysis, log: _Writer) -> str:
    """Change events (deploys, config / IAM / secret changes) against the onset, and the deploy
    shown to precede it, if any: the only ground for a rollback."""
    lines = ["## Change events (computed)"]
    deploy = deploy_before_onset(mining, analysis)
    if deploy is not None:
        who = f", by {log(deploy.who, 80)}" if deploy.who else ""
        what = f"revision {log(deploy.revision, 80)}" if deploy.revision else f"cluster {deploy.cluster_id}"
        lines.append(f"deploy before the onset: {what} first seen {iso(deploy.at)}{who}")
    else:
        lines.append("deploy before the onset: none shown (no revision first seen shortly before it, no deploy audit entry);"
                     " do not advise a rollback")
    for cand in analysis.candidates:
        c = mining.cluster(cand.cluster_id)
        if cand.role == "change" and c is not None:
            lead = ""
            if analysis.onset and c.first_seen:
                secs = (analysis.onset - c.first_seen).total_seconds()
                lead = f" ({fmt_duration(abs(secs))} {'before' if secs >= 0 else 'after'} the onset)"
            lines.append(f"- {c.id} first seen {iso(c.first_seen)}{lead}: {log(c.template, SUMMARY_TEMPLATE_CHARS)}")
    return "\n".join(lines)


def background_section(mining: MiningResult, analysis: Analysis, log: _Writer, limit: int = 8) -> str:
    """The loudest streams that ran before the onset at an unchanged rate: background, not causes."""
    noise = [c for c in (mining.cluster(i) for i in analysis.noise) if c is not None]
    noise.sort(key=lambda c: (-c.errors, -c.count, c.id))
    lines = ["## Background streams (steady before the onset; not causes however loud)"]
    lines.extend(summary_line(c, log) for c in noise[:limit])
    if len(noise) > limit:
        lines.append(f"- ... and {len(noise) - limit:,} more background clusters")
    if not noise:
        lines.append("none")
    return "\n".join(lines)


def summary_line(cluster: ClusterStats, log: _Writer) -> str:
    return f"- {cluster.id} [{cluster.severity}] {cluster.count:,}: {log(cluster.template, SUMMARY_TEMPLATE_CHARS)}"


def importance_order(mining: MiningResult, analysis: Analysis) -> list[ClusterStats]:
    """Candidates (ranked), then analysis.important, symptoms, other errors, warnings, the rest."""
    by_id = {c.id: c for c in mining.clusters}
    ordered: dict[str, ClusterStats] = {}

    def add(ids: Iterable[str]) -> None:
        for cid in ids:
            if cid in by_id and cid not in ordered:
                ordered[cid] = by_id[cid]

    add(c.cluster_id for c in analysis.candidates)
    add(analysis.important)
    add(analysis.symptoms)
    noise = set(analysis.noise)
    add(c.id for c in mining.clusters if c.errors and c.id not in noise)
    add(c.id for c in mining.clusters if c.severity == "WARNING" and c.id not in noise)
    add(c.id for c in mining.clusters if c.id not in noise)
    add(c.id for c in mining.clusters)
    return list(ordered.values())


# --------------------------------------------------------------------------- the pack

# (samples, sample chars, stack frames): the full form first, then the compact one.
_FORMS = ((3, 500, 12), (1, 300, 6))


def _fitting_section(
    cluster: ClusterStats, mining: MiningResult, role: str, log: _Writer, budget: int, mentioned: set[str], must: bool
) -> str | None:
    """The fullest form of the cluster's section that fits `budget` (the compact form if `must`)."""
    for i, (samples, chars, frames) in enumerate(_FORMS):
        links: set[str] = set()
        text = cluster_section(cluster, mining, role, log, samples=samples, sample_chars=chars, frames=frames, mentioned=links)
        if estimate_tokens(text) + 1 <= budget or (must and i == len(_FORMS) - 1):
            mentioned |= links
            return text
    return None


def build_evidence(
    mining: MiningResult,
    analysis: Analysis,
    budget_tokens: int = 8000,
    redactor: Callable[[str], str] | None = None,
) -> EvidencePack:
    """The fenced, redacted evidence text and which clusters it covers, within `budget_tokens`.

    The top-ranked candidate is always shown in detail (compact if need be), even when that alone
    overshoots a very small budget.
    """
    if redactor is None:
        from rca.redact import Redactor

        redactor = Redactor()
    log = _Writer(redactor)
    roles = _roles(analysis)
    head = [window_section(mining, analysis, log), candidates_section(analysis, log),
            changes_section(mining, analysis, log), background_section(mining, analysis, log)]
    tail = impact_section(analysis, log)
    used = estimate_tokens("\n\n".join([OPEN_TAG, *head, tail, "## Clusters in detail", CLOSE_TAG])) + 8
    detail_budget = budget_tokens - used - int(budget_tokens * RESERVE_FOR_SUMMARIES)

    order = importance_order(mining, analysis)
    top = analysis.candidates[0].cluster_id if analysis.candidates else None
    sections: list[str] = []
    mentioned: set[str] = set()
    for cluster in order:
        section = _fitting_section(cluster, mining, roles.get(cluster.id, "other"), log, detail_budget, mentioned, must=cluster.id == top and not sections)
        if section is None:
            break  # detail stays a prefix of the importance order; the rest become one-liners
        sections.append(section)
        detail_budget -= estimate_tokens(section) + 1
    detailed = [c.id for c in order[: len(sections)]]
    rest = order[len(sections) :]

    summary_budget = budget_tokens - used - sum(estimate_tokens(s) + 1 for s in sections)
    summary_lines: list[str] = []
    summarised: list[str] = []
    omitted: list[ClusterStats] = []
    for cluster in rest:
        line = "" if omitted else summary_line(cluster, log)
        cost = estimate_tokens(line) + 1
        if omitted or cost > summary_budget - 40:  # keep room for the closing count line
            omitted.append(cluster)
            continue
        summary_budget -= cost
        summary_lines.append(line)
        summarised.append(cluster.id)

    parts = [OPEN_TAG, *head, "## Clusters in detail", *(sections or ["none"])]
    parts.append(tail)
    if summary_lines or omitted:
        block = ["## Other clusters (one line each: id [severity] count: template)", *summary_lines]
        if omitted:
            by_sev: dict[str, int] = {}
            for c in omitted:
                by_sev[c.severity] = by_sev.get(c.severity, 0) + c.count
            block.append(
                f"- ... and {len(omitted):,} more clusters not listed ({sum(c.count for c in omitted):,} entries; "
                f"by their top severity: {counts(by_sev, 9)})"
            )
        parts.append("\n".join(block))
    parts.append(CLOSE_TAG)
    text = "\n\n".join(parts) + "\n"
    known = set(detailed) | set(summarised)
    real = {c.id for c in mining.clusters}
    return EvidencePack(
        text=text,
        cluster_ids=detailed,
        summarised_ids=summarised,
        mentioned_ids=sorted(m for m in mentioned if m not in known and m in real),
        omitted_clusters=len(omitted),
        estimated_tokens=estimate_tokens(text),
        budget_tokens=budget_tokens,
    )
