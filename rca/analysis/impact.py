"""Business impact, computed from the logs: requests, failures, latency, restarts, duration.

Definitions (the grounded checker uses the same ones):
- a request is a record with an HTTP status; failed = status >= 500; client error = 400..499
- latency percentiles use the nearest-rank method over all request latencies (exact up to
  EXACT_LATENCIES requests, a uniform reservoir beyond, flagged `latency_estimated`)
- error entries = records with severity >= ERROR
- restarts = the largest count among non-request clusters recognised as container exits or failed
  instance starts (one crash writes several such lines; the largest is the number of crashes)
"""

from __future__ import annotations

import math
import random
import re
from array import array
from itertools import compress, repeat
from operator import is_not
from collections.abc import Iterable, Iterator, Sequence

from rca.models import (
    EndpointImpact,
    Impact,
    LatencyStats,
    LogRecord,
    MiningResult,
    RequestStats,
    to_datetime,
)

EXACT_LATENCIES = 200_000
MAX_ENDPOINTS = 2_000
_KEY_MEMO = 10_000
_ID_SEGMENT = re.compile(
    r"^(?:\d+|[0-9a-fA-F]{8,}|[0-9a-fA-F-]{32,36}|[A-Za-z]+[_-][0-9a-fA-F]{6,}|.*\d.*\d.*\d.*)$"
)


def _randbelow(getrandbits, n: int) -> int:  # noqa: ANN001
    """random.Random.randrange(n) for n > 0, drawn the way CPython draws it (inlined: hot)."""
    k = n.bit_length()
    r = getrandbits(k)
    while r >= n:
        r = getrandbits(k)
    return r


def nearest_rank(sorted_values: list[float], q: float) -> float | None:
    """Nearest-rank percentile (q in 0..100) of an already sorted list."""
    if not sorted_values:
        return None
    rank = max(1, math.ceil(q / 100 * len(sorted_values)))
    return sorted_values[rank - 1]


def latency_stats(values: list[float]) -> LatencyStats:
    ordered = sorted(values)
    return LatencyStats(
        count=len(ordered),
        p50_s=nearest_rank(ordered, 50),
        p95_s=nearest_rank(ordered, 95),
        max_s=ordered[-1] if ordered else None,
    )


def endpoint_key(endpoint: str) -> str:
    """'GET /api/threads/thread_9b92/messages' -> 'GET /api/threads/{id}/messages'."""
    method, _, path = endpoint.partition(" ")
    if not path:
        return endpoint
    parts = [("{id}" if seg and _ID_SEGMENT.match(seg) else seg) for seg in path.split("/")]
    return f"{method} {'/'.join(parts)}"


class RequestTally:
    """Counts HTTP requests as records stream past, in bounded memory."""

    def __init__(self, seed: int = 0) -> None:
        self.total = 0
        self.by_status: dict[int, int] = {}
        self._latencies = array("d")  # 8 bytes a latency (a list of floats takes 32)
        self._seen_latencies = 0
        self._max_latency: float | None = None
        self._endpoints: dict[str, list[int]] = {}
        self._minutes: dict[int, list[int]] = {}  # minute -> [requests, failed]
        self._rng = random.Random(seed)
        self._keys: dict[str, str] = {}  # endpoint -> endpoint_key(endpoint), bounded memo

    def tap(self, records: Iterable[LogRecord]) -> Iterator[LogRecord]:
        for record in records:
            if record.http_status is not None:
                self.add(record)
            yield record

    def add(self, record: LogRecord) -> None:
        status = record.http_status
        self.total += 1
        self.by_status[status] = self.by_status.get(status, 0) + 1
        if record.latency_s is not None:
            self._add_latency(record.latency_s)
        if record.timestamp is not None:
            slot = self._minutes.setdefault(int(record.timestamp // 60), [0, 0])
            slot[0] += 1
            if status >= 500:
                slot[1] += 1
        if record.endpoint:
            self._add_endpoint(record.endpoint, status >= 500)

    def _add_endpoint(self, endpoint: str, failed: bool) -> None:
        key = self._keys.get(endpoint)
        if key is None:
            if len(self._keys) >= _KEY_MEMO:
                self._keys.clear()
            key = self._keys[endpoint] = endpoint_key(endpoint)
        slot = self._endpoints.get(key)
        if slot is None:
            if len(self._endpoints) >= MAX_ENDPOINTS:
                key = "(other endpoints)"
            slot = self._endpoints.setdefault(key, [0, 0])
        slot[0] += 1
        if failed:
            slot[1] += 1

    def add_columns(self, status: Sequence[int | None], latency: Sequence[float | None],
                    timestamps: Sequence[float | None], endpoints: Sequence[str]) -> None:
        """`add` for each record of a batch given as columns, in order; records without an HTTP
        status are not requests and are passed over, as `tap` does."""
        if status.count(None) == len(status):
            return
        by_status = self.by_status
        minutes = self._minutes
        lats = self._latencies
        getrandbits = self._rng.getrandbits
        keys = self._keys
        eps = self._endpoints
        total = self.total
        seen = self._seen_latencies
        mx = self._max_latency
        requests = compress(zip(status, latency, timestamps, endpoints), map(is_not, status, repeat(None)))
        for st, lat, ts, ep in requests:
            total += 1
            by_status[st] = by_status.get(st, 0) + 1
            failed = st >= 500
            if lat is not None:  # _add_latency, inlined
                seen += 1
                if mx is None or lat > mx:
                    mx = lat
                if len(lats) < EXACT_LATENCIES:
                    lats.append(lat)
                else:
                    j = _randbelow(getrandbits, seen)
                    if j < EXACT_LATENCIES:
                        lats[j] = lat
            if ts is not None:
                m = int(ts // 60)
                slot = minutes.get(m)
                if slot is None:
                    slot = minutes[m] = [0, 0]
                slot[0] += 1
                if failed:
                    slot[1] += 1
            if ep:  # _add_endpoint, inlined
                key = keys.get(ep)
                if key is None:
                    if len(keys) >= _KEY_MEMO:
                        keys.clear()
                    key = keys[ep] = endpoint_key(ep)
                slot = eps.get(key)
                if slot is None:
                    if len(eps) >= MAX_ENDPOINTS:
                        key = "(other endpoints)"
                    slot = eps.setdefault(key, [0, 0])
                slot[0] += 1
                if failed:
                    slot[1] += 1
        self.total = total
        self._seen_latencies = seen
        self._max_latency = mx

    def _add_latency(self, value: float) -> None:
        self._seen_latencies += 1
        if self._max_latency is None or value > self._max_latency:
            self._max_latency = value
        if len(self._latencies) < EXACT_LATENCIES:
            self._latencies.append(value)
        else:  # reservoir sampling keeps a uniform sample
            j = _randbelow(self._rng.getrandbits, self._seen_latencies)
            if j < EXACT_LATENCIES:
                self._latencies[j] = value

    def summary(self) -> RequestStats:
        stats = latency_stats(self._latencies)
        stats.count = self._seen_latencies
        stats.max_s = self._max_latency
        endpoints = [EndpointImpact(endpoint=k, total=v[0], failed=v[1]) for k, v in self._endpoints.items()]
        endpoints.sort(key=lambda e: (-e.failed, -e.total, e.endpoint))
        return RequestStats(
            total=self.total,
            by_status=dict(sorted(self.by_status.items())),
            latency=stats,
            endpoints=endpoints[:20],
            latency_estimated=self._seen_latencies > EXACT_LATENCIES,
            timeline={m: (v[0], v[1]) for m, v in sorted(self._minutes.items())},
        )


def compute_impact(
    mining: MiningResult,
    requests: RequestStats,
    onset_minute: int | None,
    restart_cluster_ids: Iterable[str],
) -> Impact:
    failed = sum(n for s, n in requests.by_status.items() if s >= 500)
    client = sum(n for s, n in requests.by_status.items() if 400 <= s < 500)
    error_clusters = [c for c in mining.clusters if c.errors]
    first_error = min((c.first_seen for c in error_clusters if c.first_seen), default=None)
    last_error = max((c.last_seen for c in error_clusters if c.last_seen), default=None)
    restart_ids = set(restart_cluster_ids)
    restarts = max((c.count for c in mining.clusters if c.id in restart_ids and not c.http_statuses), default=0)
    services = sorted({s for c in error_clusters for s in c.services})
    start = to_datetime(onset_minute * 60) if onset_minute is not None else first_error
    duration = (last_error - start).total_seconds() if (start and last_error and last_error >= start) else None
    incident = [v for m, v in requests.timeline.items() if onset_minute is not None and m >= onset_minute]
    incident_total = sum(v[0] for v in incident)
    incident_failed = sum(v[1] for v in incident)
    return Impact(
        incident_requests=incident_total,
        incident_failed_requests=incident_failed,
        incident_error_rate=(incident_failed / incident_total) if incident_total else None,
        total_requests=requests.total,
        failed_requests=failed,
        error_rate=(failed / requests.total) if requests.total else None,
        client_errors=client,
        endpoints=[e for e in requests.endpoints if e.failed][:10],
        services=services,
        latency=requests.latency,
        restarts=restarts,
        error_entries=sum(c.errors for c in mining.clusters),
        first_error=first_error,
        last_error=last_error,
        duration_s=duration,
    )
