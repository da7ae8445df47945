"""What the history store keeps per run, and what it answers: small Pydantic models whose size
depends on the number of clusters, never on the number of log entries."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

RunKind = Literal["report", "baseline"]


class ClusterRow(BaseModel):
    """One cluster of one run, by its stable fingerprint (template + service)."""

    fingerprint: str
    template: str  # redacted, clipped
    severity: str
    count: int
    errors: int = 0
    rate_per_min: float  # count / window minutes
    role: str = "other"
    services: list[str] = Field(default_factory=list)


class RunRecord(BaseModel):
    """One `rca generate` report or `rca baseline` healthy window."""

    kind: RunKind = "report"
    healthy: bool = False
    window_start: datetime | None = None
    window_end: datetime | None = None
    minutes: float = 1.0
    source: str = ""
    services: list[str] = Field(default_factory=list)
    title: str = ""
    root_cause: str | None = None
    category: str | None = None
    root_cluster_ids: list[str] = Field(default_factory=list)
    priority: str = "none"
    report: str | None = None  # the report's path or link
    entries: int = 0
    clusters: list[ClusterRow] = Field(default_factory=list)


class RunSummary(BaseModel):
    """A stored run as `rca history list/show` prints it."""

    run_id: int
    recorded_at: datetime
    kind: RunKind
    healthy: bool
    window_start: datetime | None
    window_end: datetime | None
    source: str
    services: list[str]
    title: str
    root_cause: str | None
    category: str | None
    root_cluster_ids: list[str]
    priority: str
    report: str | None
    entries: int
    clusters: int = 0
    links: list[str] = Field(default_factory=list)


class RunDetail(RunSummary):
    cluster_rows: list[ClusterRow] = Field(default_factory=list)


class FingerprintStats(BaseModel):
    """How a fingerprint appeared in past runs (all runs, or healthy runs only)."""

    fingerprint: str
    runs: int
    first_seen: datetime | None
    last_seen: datetime | None
    mean_rate_per_min: float
    recent_runs: int = 0  # runs in the 7 days before the reference time


class PastRun(BaseModel):
    """A candidate for "similar incident": a past run's fingerprints with its summary."""

    summary: RunSummary
    fingerprints: set[str]
