"""What the reduction hands to mining and impact: named batches, sized by distinct messages.

The query plan (rca.sources.plan, run by rca.sources.duck) hands mining the distinct pre-masked
messages; mining masks and mines each once and gives back a cluster key per message; the engine
then computes every figure per key over all the entries. Nothing here holds one item per entry.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rca.models import ReadStats

# How a JSON export is reduced: "python", record by record (rca.sources.gcloud, rca.mining), or
# "duckdb", the query plan (rca.sources.plan run by rca.sources.duck); both give the same clusters.
# The plan is not the default: on this project's 2-core machine it still costs more CPU and memory
# than the record path (docs/performance.md).
ENGINES = ("python", "duckdb")
DEFAULT_ENGINE = "python"

# The sizes of what the engine computes for mining.
MESSAGE_CHARS = 300  # a distinct message is its first 300 characters
MESSAGES_KEPT = 64  # distinct messages kept per cluster (for parameter values)
SAMPLE_CHARS = 2_000
SAMPLES_KEPT = 5
EXACT_LATENCIES = 2_048  # latencies kept exactly per cluster; beyond, a 1 ms histogram
LINK_WINDOW_S = 5.0  # an entry follows another on one instance / trace within this many seconds
EXTREMES = 16  # the earliest and latest times kept (rca.mining.stats: the window without outlier times)


@dataclass(frozen=True, slots=True)
class ClusterSummary:
    """The figures of one cluster key (a drain cluster) that are not counts by a value."""

    key: int
    count: int
    first_pos: int  # where its first entry comes in input order
    first_ts: float | None
    last_ts: float | None
    sample: str  # the raw message of its first entry
    frames: tuple[str, ...]  # a folded traceback's frames (the first one's)
    instances: list[str]  # distinct instances
    traces: int  # entries carrying a trace id
    latency_n: int
    latency_max: float | None
    latency_exact: list[float] | None  # every latency, while there are few
    latency_ms: dict[int, int] | None  # else a 1 ms histogram (whole seconds from 60 s)
    completed_ts: float | None = None  # its first entry that completes a long-running operation


@dataclass
class ClusterFigures:
    """Every figure mining keeps per cluster key, computed by the engine over all entries."""

    clusters: list[ClusterSummary]  # by first_pos
    counts: list[tuple[int, str, int | None, int]]  # (key, severity, minute, entries)
    values: list[tuple[int, str, str, int]]  # (key, field, value, entries), each key's in order of first use
    http: list[tuple[int, int, int]]  # (key, status, entries)
    messages: list[tuple[int, str, int]]  # (key, message, entries): the first distinct ones, in order
    samples: list[tuple[int, str]]  # (key, message): the first distinct ones, in order
    links: list[tuple[int, int, str, int]]  # (source key, target key, via, count)
    revisions_first: dict[str, float]
    lows: list[float]  # the earliest times (EXTREMES), ascending
    highs: list[float]  # the latest times, descending


@dataclass(frozen=True, slots=True)
class RequestColumns:
    """HTTP request entries, in input order, as columns (what the request tally reads)."""

    status: list[int]
    latency: list[float | None]
    timestamp: list[float | None]
    endpoint: list[str]
    service: list[str] | None = None  # the service of each request (None: not known)
    push: list[bool] | None = None  # delivered by a queue (Pub/Sub push, Cloud Tasks, Scheduler), not a user


@dataclass
class Reduction:
    """An input reduced by the engine, read in three steps that stream (nothing held whole):

    1. `shapes()`: the digit shapes of the distinct texts (digits written '2', but the masker's
       digit literals: rca.sources.plan.shape_sql); mining says which of them it may tell apart by
       their digits ("varying": the masked shape keeps a '2'), the others' texts all mask alike;
    2. `texts(varying)`: one text per unit (a shape, or a distinct text of a varying shape), in
       order of first occurrence; mining keys each; `figures((text, key) ...)` computes every
       figure per key over all the entries;
    3. `requests()`: the request columns (read once, last); it closes the engine when done, and
       `close()` does so for a caller that needs no request figures."""

    shapes: Callable[[], Iterator[str]]
    texts: Callable[[Iterable[str]], Iterator[str]]
    figures: Callable[[Iterable[tuple[str, int]]], ClusterFigures]
    requests: Callable[[], Iterator[RequestColumns]]
    read: ReadStats
    close: Callable[[], None]
    total: int = 0  # entries after folding
