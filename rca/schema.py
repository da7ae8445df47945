"""The report: the JSON contract other tools rely on (`rca schema` prints it).

Required shape (schema_version "2"): window, totals, clusters, root_cause, candidates, five_whys,
priority, impact, remediation, analyst; since "2" also summary, status, timeline, follow_ups and
confidence_reason (the answer first: what broke, whether it still happens, what to do). Extra
fields are additive.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from rca.models import Action, Candidate, Impact, LatencyStats, Priority, RootCause, Why

SCHEMA_VERSION = "2"


class Window(BaseModel):
    start: datetime | None
    end: datetime | None
    onset: datetime | None = None


class Totals(BaseModel):
    entries: int
    by_severity: dict[str, int]
    clusters: int = 0
    # past the cluster cap (rca.mining.stats.MAX_CLUSTERS): entries and clusters folded into "other"
    other_clusters: int = 0
    other_entries: int = 0
    skipped: int = 0
    partial: bool = False
    notes: list[str] = Field(default_factory=list)


class ClusterHistory(BaseModel):
    """This cluster in past runs of the history store (rca.history): new or recurring."""

    status: Literal["new", "recurring"]
    first_seen: datetime | None = None  # window start of the earliest past run holding it
    runs: int = 0  # past runs holding it
    last_seen: datetime | None = None
    recent_runs: int = 0  # past runs in the 7 days before this window
    usual_per_min: float | None = None  # mean rate in those past runs
    rate_per_min: float = 0.0  # its rate in this window
    healthy_runs: int = 0  # past healthy windows holding it
    background: bool = False  # seen at the same rate in healthy past windows: counted as noise


class SimilarIncident(BaseModel):
    """A past report from the history store that shares this window's failing clusters."""

    run_id: int
    window: Window
    root_cause: str | None
    links: list[str] = Field(default_factory=list)
    title: str = ""
    priority: str = ""
    category: str | None = None
    report: str | None = None  # path or link of the past report
    similarity: float = 0.0  # 0..1: shared failing clusters, root cause and services
    shared_clusters: int = 0


class ReportCluster(BaseModel):
    id: str
    template: str
    count: int
    severity: str
    by_severity: dict[str, int]
    services: list[str]
    first_seen: datetime | None
    last_seen: datetime | None
    samples: list[str]
    role: str = "other"  # cause | change | symptom | noise | other
    share: float = 0.0  # count / totals.entries
    exception: str = ""
    stack: list[str] = Field(default_factory=list)
    http_statuses: dict[int, int] = Field(default_factory=dict)
    latency: LatencyStats = Field(default_factory=LatencyStats)
    sparkline: str = ""
    timeline: dict[int, int] = Field(default_factory=dict)
    top_instances: list[tuple[str, int]] = Field(default_factory=list)  # (instance, entries), most first, at most 5
    history: ClusterHistory | None = None  # None when no history store was used


class Status(BaseModel):
    """Is it still happening? Judged from the incident's own clusters against the window's end."""

    state: Literal["ongoing", "stopped", "unknown"] = "unknown"
    last_error_at: datetime | None = None  # last entry of the cause or its symptoms (or any error)
    quiet_for_s: float | None = None  # window end - last_error_at
    reason: str = ""  # how the state was decided, in words


class TimelineEvent(BaseModel):
    at: datetime
    kind: str  # change | first_error | onset | cause | symptom | peak | recovery | last_error
    text: str
    cluster_ids: list[str] = Field(default_factory=list)


class FollowUp(BaseModel):
    """A real defect seen in the logs that is not the incident's cause: a ticket ready to file."""

    title: str
    priority: Literal["P0", "P1", "P2", "P3"] = "P3"
    cluster_ids: list[str] = Field(default_factory=list)
    body: str = ""  # Markdown: what, how often, since when, why it is not the cause, a sample


class Series(BaseModel):
    """Per-minute series for charts (minute = epoch seconds // 60)."""

    errors: dict[int, int] = Field(default_factory=dict)  # ERROR+ entries per minute
    requests: dict[int, int] = Field(default_factory=dict)
    failed_requests: dict[int, int] = Field(default_factory=dict)  # HTTP status >= 500
    client_errors: dict[int, int] = Field(default_factory=dict)  # HTTP 4xx per minute
    latency_mean_s: dict[int, float] = Field(default_factory=dict)  # mean request latency per minute


class AnalystInfo(BaseModel):
    name: Literal["offline", "anthropic", "replay"]
    model: str | None = None
    input_tokens: int = 0
    output_tokens: int = 0
    cache_read_tokens: int = 0
    counted_prompt_tokens: int | None = None  # messages.count_tokens of the prompt (online only)
    prompt_version: str | None = None
    repaired: bool = False  # the model's first answer failed validation and a repair turn fixed it
    fallback_reason: str | None = None  # set when an LLM was asked but the offline analyst wrote


class Report(BaseModel):
    schema_version: str = SCHEMA_VERSION
    title: str = ""
    generated_at: datetime | None = None
    source: str = ""
    window: Window
    totals: Totals
    clusters: list[ReportCluster]
    root_cause: RootCause | None
    candidates: list[Candidate]
    five_whys: list[Why]
    priority: Priority
    priority_reason: str = ""
    impact: Impact
    impact_summary: str = ""
    remediation: list[Action]
    success_metrics: list[str] = Field(default_factory=list)
    checked_not_found: list[str] = Field(default_factory=list)
    analyst: AnalystInfo
    similar_incidents: list[SimilarIncident] = Field(default_factory=list)  # most similar first
    summary: str = ""  # at most three sentences: what broke, since when, still happening?, how bad, first action
    status: Status = Field(default_factory=Status)
    timeline: list[TimelineEvent] = Field(default_factory=list)
    follow_ups: list[FollowUp] = Field(default_factory=list)
    confidence_reason: str = ""
    series: Series = Field(default_factory=Series)

    def cluster(self, cluster_id: str) -> ReportCluster | None:
        return next((c for c in self.clusters if c.id == cluster_id), None)


def report_json_schema() -> dict:
    return Report.model_json_schema()
