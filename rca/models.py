"""Contracts between pipeline stages.

sources  -> Iterator[LogRecord] + ReadStats
mining   -> MiningResult (ClusterStats per template, window totals, per-minute timelines, links)
analysis -> Analysis (onset, ranked Candidates with roles, Impact, priority)
analysts -> AnalystOutput (root cause, five whys, remediation) -- prose that cites cluster ids
render   -> takes rca.schema.Report

`LogRecord` is a slotted dataclass, not a Pydantic model: one is made per log entry and a
million Pydantic validations would cost more than mining itself. Everything whose size depends
on the number of clusters (not entries) is Pydantic.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Literal

from pydantic import BaseModel, Field, PrivateAttr

# Cloud Logging severities, lowest first.
SEVERITIES: tuple[str, ...] = (
    "DEFAULT",
    "DEBUG",
    "INFO",
    "NOTICE",
    "WARNING",
    "ERROR",
    "CRITICAL",
    "ALERT",
    "EMERGENCY",
)
SEVERITY_RANK: dict[str, int] = {name: i for i, name in enumerate(SEVERITIES)}
ERROR_RANK = SEVERITY_RANK["ERROR"]
WARNING_RANK = SEVERITY_RANK["WARNING"]


ERROR_SEVERITIES: tuple[str, ...] = SEVERITIES[ERROR_RANK:]  # ERROR and worse


def is_error(severity: str) -> bool:
    return SEVERITY_RANK.get(severity, 0) >= ERROR_RANK


def error_count(by_severity: dict[str, int]) -> int:
    """Entries at ERROR or worse in a count by severity."""
    return sum(n for s, n in by_severity.items() if s in ERROR_SEVERITIES)


# The level a shipper (GKE, Cloud Run) gives a line of each stream when it did not read the line's
# own: what the writer said may replace it. One table for both engines (the plans render it as SQL,
# rca.sources.plan.stream_default_sql) and for the grounded checker.
STREAM_DEFAULT_SEVERITY: dict[str, str] = {"stdout": "INFO", "stderr": "ERROR"}


def is_stream_default(severity: str, stream: str) -> bool:
    """Is `severity` only the level `stream` ('stdout', 'stderr') gets by default, not one its writer chose?"""
    return STREAM_DEFAULT_SEVERITY.get(stream) == severity


def to_datetime(ts: float | None) -> datetime | None:
    return None if ts is None else datetime.fromtimestamp(ts, tz=timezone.utc)


# --------------------------------------------------------------------------- sources


# Streams the platform writes itself (request logs, instance starts, audit and k8s events): no
# application's own words. An entry of one that names no service is named after its stream (a load
# balancer's request log: 'requests').
PLATFORM_STREAMS = frozenset({"requests", "varlog/system", "activity", "data_access", "system_event", "policy", "events"})


# LogRecord.extra key of an audit entry that closes a long-running operation (`operation.last`
# without `operation.first`): a Memorystore, Cloud SQL or GKE update logs its request, then minutes
# later its completion, which is when the change took effect (ClusterStats.completed)
OPERATION_KEY = "operation"
OPERATION_DONE = "completed"


@dataclass(slots=True)
class LogRecord:
    """One normalised log entry (or one folded traceback)."""

    timestamp: float | None  # epoch seconds, UTC; None when the entry had none
    severity: str  # one of SEVERITIES (inferred from the text when the entry said DEFAULT)
    message: str  # the text a human would read; a folded traceback keeps all its lines
    service: str = ""  # Cloud Run service / k8s container / logName tail
    revision: str = ""
    instance: str = ""
    trace: str = ""
    stream: str = ""  # logName tail: "stdout", "stderr", "requests", "varlog/system", ...
    http_status: int | None = None
    latency_s: float | None = None
    endpoint: str = ""  # "GET /api/threads" (path without query string), for request logs
    exception: str = ""  # exception type of the final exception line, e.g. "ModuleNotFoundError"
    frames: tuple[str, ...] = ()  # folded stack frames, outermost first, + chained causes
    index: int = 0  # 0-based position of the entry in the input (for error messages)
    extra: dict[str, str] = field(default_factory=dict)  # small, optional labels


class ReadStats(BaseModel):
    """What a source saw; lets the report say 'partial' honestly."""

    source: str = ""  # path, "-" for stdin, or "projects/P" for live
    format: str = ""  # "gcloud-json", "jsonl", "text", "cloud-logging"
    entries_read: int = 0  # raw entries decoded (before traceback folding)
    by_severity: dict[str, int] = Field(default_factory=dict)  # raw entries per severity (after inference)
    records: int = 0  # LogRecords yielded (after folding)
    skipped: int = 0  # malformed entries dropped
    skipped_reasons: dict[str, int] = Field(default_factory=dict)
    no_timestamp: int = 0
    bad_timestamps: int = 0  # of no_timestamp: a timestamp was there but is no usable time
    folded_tracebacks: int = 0
    truncated: bool = False  # e.g. --max-entries reached, or input ended early
    notes: list[str] = Field(default_factory=list)

    @property
    def partial(self) -> bool:
        return self.truncated or self.skipped > 0 or self.bad_timestamps > 0


# --------------------------------------------------------------------------- mining



MAX_READ_NOTES = 5  # read notes of one kind (bad timestamps, cut messages) a run keeps


def bad_timestamp(stats: ReadStats, index: int, value: object) -> None:
    """A timestamp that is no usable time (out of the calendar, unreadable): counted, and noted
    (by the reader or the query plan)."""
    stats.bad_timestamps += 1
    if stats.bad_timestamps <= MAX_READ_NOTES:
        shown = repr(value)
        shown = shown if len(shown) <= 60 else shown[:57] + "..."
        stats.notes.append(f"entry {index}: timestamp {shown} is not a usable time; kept without a time")


def truncation_note(index: int, chars: str) -> str:
    """The read note for an entry whose message was cut (by the reader or the query plan)."""
    return f"entry {index}: message of {chars} characters truncated to 64 KiB"


def nothing_usable(name: str, stats: ReadStats) -> str:
    """The error for an input none of whose entries could be used (by the reader or the query plan)."""
    if stats.entries_read == 0:
        return f"{name} contains no log entries (empty JSON array)"
    reasons = ", ".join(f"{r}: {n}" for r, n in sorted(stats.skipped_reasons.items()))
    return f"{name}: none of the {stats.entries_read} entries could be used ({reasons})"


class LatencyStats(BaseModel):
    count: int = 0
    p50_s: float | None = None
    p95_s: float | None = None
    max_s: float | None = None


class ParamValue(BaseModel):
    value: str
    count: int


class ClusterStats(BaseModel):
    """Everything rca knows about one template. Size bounded regardless of entry count."""

    id: str  # stable fingerprint: same template + service -> same id in every run
    template: str
    count: int
    severity: str  # the most severe level seen in the cluster
    by_severity: dict[str, int]
    services: list[str]
    revisions: list[str] = Field(default_factory=list)
    streams: list[str] = Field(default_factory=list)
    first_seen: datetime | None
    last_seen: datetime | None
    # when the long-running operation it logs completed (Cloud Audit Logs' `operation.last` entry,
    # minutes after the request at first_seen): when a change took effect; None when not logged apart
    completed: datetime | None = None
    timeline: dict[int, int] = Field(default_factory=dict)  # minute (epoch s // 60) -> count
    samples: list[str] = Field(default_factory=list)  # raw messages; the first one seen is kept
    exception: str = ""  # most common exception type
    stack: list[str] = Field(default_factory=list)  # frames of one sample traceback
    params: dict[str, list[ParamValue]] = Field(default_factory=dict)  # "<*>#1" -> top values
    http_statuses: dict[int, int] = Field(default_factory=dict)
    endpoints: dict[str, int] = Field(default_factory=dict)  # top endpoints (bounded)
    latency: LatencyStats = Field(default_factory=LatencyStats)
    instances: int = 0  # distinct instances (bounded counter, exact up to 10k)
    # the instances with most entries, (name, entries), at most 5: which host a failure sits on
    top_instances: list[tuple[str, int]] = Field(default_factory=list)
    traces: int = 0  # entries carrying a trace id
    # how steadily a number in its messages moves one way, in the order the messages came (0..1,
    # `stats.number_trend`): a count rising or a budget falling, not a value jittering
    number_trend: float = 0.0

    @property
    def errors(self) -> int:
        return sum(n for s, n in self.by_severity.items() if is_error(s))


class ClusterLink(BaseModel):
    """`source` was seen shortly before `target` on the same instance or trace `count` times."""

    source: str
    target: str
    count: int
    via: Literal["instance", "trace"]


class OtherClusters(BaseModel):
    """Clusters past the cluster cap, folded together: counted, never shown one by one."""

    clusters: int = 0  # clusters folded (drain clusters folded while streaming count one each)
    entries: int = 0
    by_severity: dict[str, int] = Field(default_factory=dict)


class MiningResult(BaseModel):
    clusters: list[ClusterStats]  # every cluster, by count descending
    total_entries: int
    by_severity: dict[str, int]
    window_start: datetime | None
    window_end: datetime | None
    timeline: dict[int, int] = Field(default_factory=dict)  # all entries per minute
    error_timeline: dict[int, int] = Field(default_factory=dict)  # ERROR+ per minute
    links: list[ClusterLink] = Field(default_factory=list)
    revisions_first_seen: dict[str, datetime] = Field(default_factory=dict)
    read: ReadStats = Field(default_factory=ReadStats)
    miner: str = ""  # description of the miner configuration
    # entries whose timestamps lay far from all the others (clock garbage): counted in their
    # clusters but kept out of the window and timelines; the earliest and latest such time
    time_outliers: int = 0
    time_outlier_range: list[datetime] = Field(default_factory=list)
    # entries of the least important clusters past the cap (MAX_CLUSTERS), when there were more
    other: OtherClusters | None = None

    _index: tuple[int, int, dict[str, ClusterStats]] | None = PrivateAttr(default=None)

    def cluster(self, cluster_id: str) -> ClusterStats | None:
        """By id, through an index rebuilt whenever the cluster list changes (callers loop over ids)."""
        key = (id(self.clusters), len(self.clusters))
        if self._index is None or self._index[:2] != key:
            self._index = (*key, {c.id: c for c in self.clusters})
        return self._index[2].get(cluster_id)


# --------------------------------------------------------------------------- analysis

Role = Literal["cause", "change", "symptom", "noise", "other"]
Priority = Literal["P0", "P1", "P2", "P3", "none"]
CATEGORIES = (
    "missing-dependency",
    "configuration",
    "database",
    "network",
    "resource-exhaustion",
    "upstream-dependency",
    "code-bug",
    "certificate",
    "capacity",
    "permissions",
    "other",
)


class Candidate(BaseModel):
    cluster_id: str
    score: float
    reason: str  # one sentence, numbers from code
    role: Role = "cause"
    signature: str | None = None  # id of the matched knowledge-base failure signature
    category: str = "other"
    echo_of: str | None = None  # the cluster that logged the same failure first (this one repeats it)
    surged: bool = False  # a warning stream whose rate rose many times at the onset (no error, no signature)
    precursor: bool = False  # a warning whose number ran one way before the onset, until its component failed
    first_signal: bool = False  # began minutes before its component's other failures and ran on through them
    explains: str | None = None  # a change event: the failure cluster it explains (calls that stopped getting through)
    waited_on: str | None = None  # the service callers wait on, when this cluster is its signal (cascades)


class EndpointImpact(BaseModel):
    endpoint: str
    failed: int
    total: int


ImpactKind = Literal[
    "server-errors", "client-errors", "latency", "restarts", "failed-requests", "failed-operations",
    "timeouts", "dead-letters", "backlog", "degraded", "failed-deliveries", "trouble",
]


class ImpactSignal(BaseModel):
    """One measured sign that users or jobs are hurt, counted from the onset minute on."""

    kind: ImpactKind
    count: int  # events since the onset (for latency: requests slower than the baseline p95)
    baseline: float = 0.0  # the same measure's rate before the onset (per minute; a share for ratios)
    share: float | None = None  # of requests, when a denominator exists (0..1)
    total: int | None = None  # that denominator (requests or deliveries), as the text names it
    text: str  # one phrase, numbers from code, no log text
    cluster_ids: list[str] = Field(default_factory=list)
    first: datetime | None = None


class Impact(BaseModel):
    """Business impact, all computed from the logs."""

    total_requests: int = 0
    failed_requests: int = 0  # HTTP status >= 500
    error_rate: float | None = None  # failed / total requests (0..1), None without requests
    client_errors: int = 0  # 4xx
    incident_requests: int = 0  # requests from the onset minute on
    incident_failed_requests: int = 0
    incident_error_rate: float | None = None
    # the same since the onset on the traffic of the services that failed requests, when other
    # services' requests (which did not fail) are in the window too: what priority is graded on
    failing_services: list[str] = Field(default_factory=list)
    failing_service_requests: int = 0
    failing_service_failed_requests: int = 0
    # of the requests since the onset, those a push subscription delivered (Pub/Sub retries the same
    # messages while the endpoint fails): a background pipeline's failures, not users'
    push_deliveries: int = 0
    push_failed: int = 0
    # when latency stepped up: the endpoint that added the most waiting, its mean before and since
    slowed_endpoint: str = ""
    slowed_before_s: float | None = None
    slowed_after_s: float | None = None
    endpoints: list[EndpointImpact] = Field(default_factory=list)
    services: list[str] = Field(default_factory=list)  # services with ERROR+ entries
    latency: LatencyStats = Field(default_factory=LatencyStats)
    restarts: int = 0  # container exits / instance start failures observed
    error_entries: int = 0
    first_error: datetime | None = None
    last_error: datetime | None = None
    duration_s: float | None = None  # onset -> last error
    signals: list[ImpactSignal] = Field(default_factory=list)  # strongest first; priority names the first
    timeline: dict[int, int] = Field(default_factory=dict)  # minute -> impact events (the onset follows it)


class RequestStats(BaseModel):
    """HTTP request figures tallied while streaming (exact up to `exact_limit` latencies)."""

    total: int = 0
    by_status: dict[int, int] = Field(default_factory=dict)
    latency: LatencyStats = Field(default_factory=LatencyStats)
    endpoints: list[EndpointImpact] = Field(default_factory=list)  # worst first
    latency_estimated: bool = False  # True when more requests than the exact reservoir holds
    timeline: dict[int, tuple[int, int]] = Field(default_factory=dict)  # minute -> (requests, failed)
    client_timeline: dict[int, int] = Field(default_factory=dict)  # minute -> 4xx responses
    latency_timeline: dict[int, tuple[int, float]] = Field(default_factory=dict)  # minute -> (n, sum of latency s)
    # service -> minute -> (requests, failed): a failing service's share is measured on its own
    # traffic, not diluted by other services' (bounded: MAX_SERVICES, the rest as one)
    service_timeline: dict[str, dict[int, tuple[int, int]]] = Field(default_factory=dict, exclude=True)
    # minute -> (push deliveries, failed): requests a push subscription (Pub/Sub) sent, counted in
    # the figures above (they are HTTP requests) but no user's: a background pipeline's
    push_timeline: dict[int, tuple[int, int]] = Field(default_factory=dict)
    # endpoint -> minute -> (n, sum of latency s), for the first MAX_LATENCY_ENDPOINTS endpoints:
    # which one slowed, when latency stepped up
    endpoint_latency: dict[str, dict[int, tuple[int, float]]] = Field(default_factory=dict, exclude=True)
    # service's endpoint ("GET /x on svc") -> minute -> (users' requests, failed), push deliveries
    # left out, for the first MAX_FLOW_ENDPOINTS: which user flow is down, however small its share
    endpoint_timeline: dict[str, dict[int, tuple[int, int]]] = Field(default_factory=dict, exclude=True)


class Analysis(BaseModel):
    onset: datetime | None
    baseline_error_per_min: float = 0.0
    peak_error_per_min: int = 0
    candidates: list[Candidate]  # ranked best first (causes and changes)
    symptoms: list[str] = Field(default_factory=list)  # cluster ids
    noise: list[str] = Field(default_factory=list)  # cluster ids
    important: list[str] = Field(default_factory=list)  # cluster ids worth a section, in order
    priority: Priority
    priority_reason: str = ""
    impact: Impact
    requests: RequestStats = Field(default_factory=RequestStats)
    healthy: bool = False
    mid_incident: bool = False  # the window opens with the incident under way: no baseline, no "new" claims
    onset_basis: str = ""  # what the onset was measured on ("impact", "client-errors": a 4xx departure, "errors", "latency", "")
    hypotheses_close: bool = False  # the top causes are too close to single one out
    # the causes that are other explanations than the best one, best first (rca.analysis.rival_causes):
    # the one list the confidence sentence, the "does not single out" hedge and the confidence read
    rivals: list[str] = Field(default_factory=list)  # cluster ids
    checked_not_found: list[str] = Field(default_factory=list)  # signatures checked, absent


# --------------------------------------------------------------------------- analysts


# what a report calls "high" confidence: an on-call engineer may act on it without a second look,
# so the evals count the reports that claim it and are wrong (`confident_wrong`)
HIGH_CONFIDENCE = 0.8


class RootCause(BaseModel):
    cluster_ids: list[str] = Field(description="one or two cluster ids holding the cause, primary first")
    statement: str = Field(description="one or two sentences naming the root cause")
    category: str = Field(description="one of: " + ", ".join(CATEGORIES))
    confidence: float = Field(ge=0.0, le=1.0)


class Why(BaseModel):
    question: str
    answer: str
    cluster_ids: list[str] = Field(default_factory=list)


class Action(BaseModel):
    action: str
    timeframe: str  # "now (0-30 min)", "today", "this week", "this quarter"
    owner: str | None = None


class AnalystOutput(BaseModel):
    """What an analyst (offline rules or an LLM) writes. Prose only; numbers come from code."""

    root_cause: RootCause | None
    five_whys: list[Why] = Field(default_factory=list)
    impact_summary: str = ""
    remediation: list[Action] = Field(default_factory=list)
    success_metrics: list[str] = Field(default_factory=list)
