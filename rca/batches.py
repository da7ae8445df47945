"""What the reduction hands to mining and impact: named batches, sized by distinct messages.

The query plan (rca.sources.plan, run by rca.sources.duck) reduces the entries to groups of
entries that share a pre-masked message and every field mining counts by; mining masks each
distinct message once and sums the groups into clusters. Nothing here holds one item per entry.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from rca.models import ReadStats

# What mining reads of the entries beyond the groups (the reduction computes them to these sizes).
MESSAGE_CHARS = 300  # a distinct message is its first 300 characters
MESSAGES_KEPT = 64  # distinct messages kept per cluster (for parameter values)
LINK_WINDOW_S = 5.0  # an entry follows another on one instance / trace within this many seconds


@dataclass(frozen=True, slots=True)
class MessageGroup:
    """Entries with the same pre-masked text, severity, source, minute and request fields."""

    text: str  # the pre-masked message: masks like every message of the group
    severity: str
    service: str
    revision: str
    instance: str
    stream: str
    minute: int | None  # epoch minute; None for entries without a timestamp
    http_status: int | None
    endpoint: str
    exception: str
    count: int
    first_index: int  # input position of the group's first entry
    first_ts: float | None
    last_ts: float | None
    sample: str  # the raw message of the first entry
    traces: int  # entries carrying a trace id
    frames: tuple[str, ...] = ()  # a folded traceback's frames (the first entry's)
    latency_n: int = 0
    latency_max: float | None = None
    latency_ms: dict[int, int] = field(default_factory=dict)  # 1 ms histogram (whole seconds from 60 s)


@dataclass(frozen=True, slots=True)
class MessageCount:
    """One distinct raw message (cut at 300 characters) of a pre-masked text, with its count:
    the first ones of each text, in input order, for parameter values and samples."""

    text: str
    message: str
    count: int
    first_index: int


@dataclass(frozen=True, slots=True)
class LinkCount:
    """`count` entries of `target` followed an entry of `source` on one instance or trace
    within the link window (texts are pre-masked messages; mining maps them to clusters)."""

    source: str
    target: str
    via: str
    count: int


@dataclass(frozen=True, slots=True)
class RequestColumns:
    """HTTP request entries, in input order, as columns (what the request tally reads)."""

    status: list[int]
    latency: list[float | None]
    timestamp: list[float | None]
    endpoint: list[str]


@dataclass
class Reduction:
    """Everything mining and impact read from one input, with what the source saw."""

    groups: list[MessageGroup]  # by first_index
    messages: list[MessageCount]  # by first_index
    links: list[LinkCount]
    requests: Iterator[RequestColumns]  # read once, in order
    read: ReadStats
    total: int = 0  # entries after folding (sum of group counts)
