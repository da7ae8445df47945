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

from rca.analysis.onset import latency_shifted
from rca.fmt import fmt_seconds
from rca.models import (
    PLATFORM_STREAMS,
    ClusterStats,
    EndpointImpact,
    Impact,
    ImpactSignal,
    LatencyStats,
    LogRecord,
    MiningResult,
    RequestStats,
    to_datetime,
)

EXACT_LATENCIES = 200_000
MAX_ENDPOINTS = 2_000
MAX_SERVICES = 200  # services whose requests are tallied per minute on their own; the rest as one
OTHER_SERVICES = "(other services)"
MAX_LATENCY_ENDPOINTS = 50  # endpoints whose latency is kept per minute (the first seen; enough to say which slowed)
MAX_FLOW_ENDPOINTS = 200  # endpoints whose users' requests and failures are kept per minute (the first seen): which flow is down
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


def _tally_minute(table: dict[str, dict[int, list]], cap: int, key: str, minute: int, value: float) -> None:
    """One more request, and `value` added (its latency, or whether it failed), in `key`'s slot of
    `minute`: for the first `cap` keys only (bounded memory)."""
    minutes = table.get(key)
    if minutes is None:
        if len(table) >= cap:
            return
        minutes = table[key] = {}
    slot = minutes.get(minute)
    if slot is None:
        slot = minutes[minute] = [0, 0]
    slot[0] += 1
    slot[1] += value


class RequestTally:
    """Counts HTTP requests as records stream past, in bounded memory."""

    def __init__(self, seed: int = 0) -> None:
        self.total = 0
        self.by_status: dict[int, int] = {}
        self._latencies = array("d")  # 8 bytes a latency (a list of floats takes 32)
        self._seen_latencies = 0
        self._max_latency: float | None = None
        self._endpoints: dict[str, list[int]] = {}
        self._minutes: dict[int, list] = {}  # minute -> [requests, failed, 4xx, timed, latency sum]
        self._rng = random.Random(seed)
        self._keys: dict[str, str] = {}  # endpoint -> endpoint_key(endpoint), bounded memo
        self._services: dict[str, dict[int, list[int]]] = {}  # service -> minute -> [requests, failed]
        self._push: dict[int, list[int]] = {}  # minute -> [push deliveries, failed]
        self._ep_latency: dict[str, dict[int, list]] = {}  # endpoint key -> minute -> [n, latency sum]
        self._ep_minutes: dict[str, dict[int, list[int]]] = {}  # endpoint key -> minute -> [users' requests, failed]

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
            slot = self._minutes.setdefault(int(record.timestamp // 60), [0, 0, 0, 0, 0.0])
            slot[0] += 1
            if status >= 500:
                slot[1] += 1
            elif status >= 400:
                slot[2] += 1
            if record.latency_s is not None:
                slot[3] += 1
                slot[4] += record.latency_s
            if record.extra and record.extra.get("delivery") == "push":
                self._add_push(int(record.timestamp // 60), status >= 500)
            else:  # a service's own traffic is its users' requests
                self._add_service(record.service, int(record.timestamp // 60), status >= 500)
        if record.endpoint:
            key = self._add_endpoint(record.endpoint, status >= 500)
            if record.latency_s is not None and record.timestamp is not None:
                self._add_endpoint_latency(key, int(record.timestamp // 60), record.latency_s)
            if record.timestamp is not None and not (record.extra and record.extra.get("delivery") == "push"):
                self._add_endpoint_minute(key, record.service, int(record.timestamp // 60), status >= 500)

    def _add_endpoint_latency(self, key: str, minute: int, latency: float) -> None:
        _tally_minute(self._ep_latency, MAX_LATENCY_ENDPOINTS, key, minute, latency)

    def _add_endpoint_minute(self, key: str, service: str, minute: int, failed: bool) -> None:
        """A user flow is one service's endpoint: two services' `GET /health` are two flows."""
        flow = key if not service or service in PLATFORM_STREAMS else f"{key} on {service}"
        _tally_minute(self._ep_minutes, MAX_FLOW_ENDPOINTS, flow, minute, failed)

    def keep_window(self, start: float, end: float) -> None:
        """Forget the per-minute figures outside [start, end]: minutes mining found to be
        timestamp outliers (their requests stay in the totals)."""
        lo, hi = int(start // 60), int(end // 60)
        for m in [m for m in self._minutes if not lo <= m <= hi]:
            del self._minutes[m]
        for minutes in (*self._services.values(), self._push, *self._ep_latency.values(), *self._ep_minutes.values()):
            for m in [m for m in minutes if not lo <= m <= hi]:
                del minutes[m]

    def _add_push(self, minute: int, failed: bool) -> None:
        slot = self._push.setdefault(minute, [0, 0])
        slot[0] += 1
        slot[1] += failed

    def _add_service(self, service: str, minute: int, failed: bool) -> None:
        minutes = self._services.get(service)
        if minutes is None:
            if len(self._services) >= MAX_SERVICES:
                service = OTHER_SERVICES
            minutes = self._services.setdefault(service, {})
        slot = minutes.get(minute)
        if slot is None:
            slot = minutes[minute] = [0, 0]
        slot[0] += 1
        if failed:
            slot[1] += 1

    def _add_endpoint(self, endpoint: str, failed: bool) -> str:
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
        return key

    def add_columns(self, status: Sequence[int | None], latency: Sequence[float | None],
                    timestamps: Sequence[float | None], endpoints: Sequence[str],
                    services: Sequence[str] | None = None, pushed: Sequence[bool] | None = None) -> None:
        """`add` for each record of a batch given as columns, in order; records without an HTTP
        status are not requests and are passed over, as `tap` does."""
        if status.count(None) == len(status):
            return
        if services is not None:
            add_service = self._add_service
            for st, ts, svc, push in zip(status, timestamps, services, pushed or repeat(False)):
                if st is None or ts is None:
                    continue
                if push:  # a queue's delivery: the pipeline's figure, not the service's users'
                    self._add_push(int(ts // 60), st >= 500)
                else:
                    add_service(svc or "", int(ts // 60), st >= 500)
        by_status = self.by_status
        minutes = self._minutes
        lats = self._latencies
        getrandbits = self._rng.getrandbits
        keys = self._keys
        eps = self._endpoints
        total = self.total
        seen = self._seen_latencies
        mx = self._max_latency
        requests = compress(zip(status, latency, timestamps, endpoints, pushed or repeat(False), services or repeat("")),
                            map(is_not, status, repeat(None)))
        for st, lat, ts, ep, push, svc in requests:
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
                    slot = minutes[m] = [0, 0, 0, 0, 0.0]
                slot[0] += 1
                if failed:
                    slot[1] += 1
                elif st >= 400:
                    slot[2] += 1
                if lat is not None:
                    slot[3] += 1
                    slot[4] += lat
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
                if lat is not None and ts is not None:
                    self._add_endpoint_latency(key, int(ts // 60), lat)
                if ts is not None and not push:
                    self._add_endpoint_minute(key, svc or "", int(ts // 60), failed)
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
            client_timeline={m: v[2] for m, v in sorted(self._minutes.items()) if v[2]},
            latency_timeline={m: (v[3], round(v[4], 6)) for m, v in sorted(self._minutes.items()) if v[3]},
            service_timeline={s: {m: (v[0], v[1]) for m, v in sorted(minutes.items())} for s, minutes in self._services.items()},
            push_timeline={m: (v[0], v[1]) for m, v in sorted(self._push.items())},
            endpoint_latency={k: {m: (v[0], round(v[1], 6)) for m, v in sorted(minutes.items())}
                              for k, minutes in self._ep_latency.items()},
            endpoint_timeline={k: {m: (v[0], v[1]) for m, v in sorted(minutes.items())} for k, minutes in self._ep_minutes.items()},
        )


def _split(timeline: dict[int, int], onset: int, first: int, last: int) -> tuple[int, int, float]:
    """(entries before the onset, entries from it on, rate per minute before it)."""
    before = sum(n for m, n in timeline.items() if m < onset)
    after = sum(n for m, n in timeline.items() if m >= onset)
    return before, after, before / max(1, onset - first)


def rose_at_onset(before_rate: float, after: int, after_minutes: int) -> bool:
    """Did a count rise at the onset? At least one event above what the old rate predicts, and at
    least twice the old rate (a steady stream, however loud, is background)."""
    expected = before_rate * after_minutes
    return after >= 1 and after - expected >= 1 and after >= 2 * expected


_KIND_TEXT = {  # (one, many)
    "restarts": ("{n} container exit or failed start", "{n} container exits or failed starts"),
    "failed-requests": ("{n} request failed with an unhandled exception in the request handler",
                        "{n} requests failed with unhandled exceptions in the request handler"),
    "failed-operations": ("{n} failed call or job run reported by a client", "{n} failed calls or job runs reported by clients"),
    "timeouts": ("{n} timeout", "{n} timeouts"),
    "dead-letters": ("{n} message dead-lettered or dropped after retries", "{n} messages dead-lettered or dropped after retries"),
    "backlog": ("{n} report of work backing up (a backlog or a lag)", "{n} reports of work backing up (a backlog or a lag)"),
    "failed-deliveries": ("{n} push delivery failed", "{n} push deliveries failed"),
    "degraded": ("{n} degraded or fallback answer", "{n} degraded or fallback answers"),
    "trouble": ("{n} warning or error from streams that began at the onset and still run",
                "{n} warnings or errors from streams that began at the onset and still run"),
}
# strongest first: what users feel most directly
_KIND_ORDER = ("server-errors", "failed-operations", "failed-deliveries", "restarts", "failed-requests", "client-errors",
               "timeouts", "dead-letters", "backlog", "latency", "trouble", "degraded")


def impact_timeline(mining: MiningResult, requests: RequestStats, impact_kinds: dict[str, str]) -> dict[int, int]:
    """Per minute: failed requests (5xx) plus entries of clusters whose kind is an impact
    (exits, failed calls or jobs, timeouts, dead letters, degraded answers)."""
    out: dict[int, int] = {m: v[1] for m, v in requests.timeline.items() if v[1]}
    for c in mining.clusters:
        if c.id in impact_kinds and not any(s >= 500 for s in c.http_statuses):  # 5xx are counted above
            for m, n in c.timeline.items():
                out[m] = out.get(m, 0) + n
    return dict(sorted(out.items()))


SURGE_RISE = 0.1  # a 4xx surge: this much more of all requests than before the onset


def impact_signals(
    mining: MiningResult, requests: RequestStats, onset: int | None, impact_kinds: dict[str, str], client_rise: float = SURGE_RISE,
) -> list[ImpactSignal]:
    """Every measured impact since the onset, each against its own baseline before the onset
    (`client_rise`: the rise of the 4xx share that counts as a surge, see client_surge)."""
    if onset is None or mining.window_start is None or mining.window_end is None:
        return []
    first = int(mining.window_start.timestamp() // 60)
    last = int(mining.window_end.timestamp() // 60)
    after_minutes = max(1, last - onset + 1)
    at = to_datetime(onset * 60)
    out: list[ImpactSignal] = []
    # server errors and 4xx: shares of requests, before and after the onset
    pre = [v for m, v in requests.timeline.items() if m < onset]
    post = [v for m, v in requests.timeline.items() if m >= onset]
    pre_n, post_n = sum(v[0] for v in pre), sum(v[0] for v in post)
    pre_fail, post_fail = sum(v[1] for v in pre), sum(v[1] for v in post)
    # push deliveries (a subscription retrying its messages) are a pipeline's failures: their own signal
    push_pre = [v for m, v in requests.push_timeline.items() if m < onset]
    push_post = [v for m, v in requests.push_timeline.items() if m >= onset]
    push_n, push_fail = sum(v[0] for v in push_post), sum(v[1] for v in push_post)
    base_n, base_fail = sum(v[0] for v in push_pre), sum(v[1] for v in push_pre)
    pre_n, post_n = pre_n - base_n, post_n - push_n
    pre_fail, post_fail = pre_fail - base_fail, post_fail - push_fail
    if push_fail:
        share, base = push_fail / push_n, (base_fail / base_n if base_n else 0.0)
        if share >= 2 * base and share > base:
            out.append(ImpactSignal(kind="failed-deliveries", count=push_fail, share=round(share, 4), baseline=round(base, 4), total=push_n,
                                    text=(f"{push_fail:,} of {push_n:,} deliveries by Pub/Sub push, Cloud Tasks or Cloud Scheduler "
                                          "failed (a queue retrying its messages: a background pipeline failing, not users' requests)"),
                                    first=at))
    if post_fail and post_n:
        share, base = post_fail / post_n, (pre_fail / pre_n if pre_n else 0.0)
        if share >= 2 * base and share > base:
            out.append(ImpactSignal(kind="server-errors", count=post_fail, share=round(share, 4), baseline=round(base, 4), total=post_n,
                                    text=f"{post_fail:,} of {post_n:,} requests failed with server errors", first=at))
    pre_4xx = sum(n for m, n in requests.client_timeline.items() if m < onset)
    post_4xx = sum(n for m, n in requests.client_timeline.items() if m >= onset)
    if surge := client_surge(pre_4xx, pre_n, post_4xx, post_n, client_rise):
        share, base = surge
        out.append(ImpactSignal(kind="client-errors", count=post_4xx, share=round(share, 4), baseline=round(base, 4), total=post_n,
                                text=(f"{post_4xx:,} of {post_n:,} requests were refused with 4xx, a surge against their baseline" if pre_n
                                      else f"{post_4xx:,} of {post_n:,} requests were refused with 4xx from the window's first minute "
                                           "(it opens on them: no baseline to compare with)"),
                                first=at))
    pre_lat = [v for m, v in requests.latency_timeline.items() if m < onset]
    post_lat = [v for m, v in requests.latency_timeline.items() if m >= onset]
    pre_c, post_c = sum(v[0] for v in pre_lat), sum(v[0] for v in post_lat)
    if pre_c and post_c:
        pre_mean = sum(v[1] for v in pre_lat) / pre_c
        if latency_shifted(pre_c, pre_mean * pre_c, post_c, sum(v[1] for v in post_lat)):
            text = f"mean latency of {post_c:,} requests since the onset at least doubled against its baseline"
            if slowed := slowed_endpoint(requests, onset):
                text += f"; {slowed[0]} slowed most, from {fmt_seconds(slowed[1])} on average before the onset to {fmt_seconds(slowed[2])} after it"
            out.append(ImpactSignal(kind="latency", count=post_c, baseline=round(pre_mean, 4), text=text, first=at))
    # clusters whose kind is an impact, counted when their rate rose at the onset
    by_kind: dict[str, list[tuple[int, float, ClusterStats]]] = {}
    for c in mining.clusters:
        kind = impact_kinds.get(c.id)
        if kind is None or any(s >= 500 for s in c.http_statuses):
            continue
        _, after, rate = _split(c.timeline, onset, first, last)
        if rose_at_onset(rate, after, after_minutes):
            by_kind.setdefault(kind, []).append((after, rate, c))
    for kind, items in by_kind.items():
        n = sum(a for a, _, _ in items)
        if kind == "restarts":
            n = max(a for a, _, _ in items)  # one crash writes several such lines
        firsts = [c.first_seen for _, _, c in items if c.first_seen]
        out.append(ImpactSignal(kind=kind, count=n, baseline=round(sum(r for _, r, _ in items), 4),  # type: ignore[arg-type]
                                text=_KIND_TEXT[kind][n != 1].format(n=f"{n:,}"), cluster_ids=[c.id for _, _, c in items][:5],
                                first=max(at, min(firsts)) if firsts and at else at))
    out.sort(key=lambda s: (_KIND_ORDER.index(s.kind), -s.count))
    return out


def client_surge(pre_4xx: int, pre_n: int, post_4xx: int, post_n: int, rise: float = SURGE_RISE) -> tuple[float, float] | None:
    """(share, baseline share) of requests refused with a 4xx since the onset, when that is a surge:
    at least five, three times the share before, and `rise` of requests more; else None."""
    if post_4xx < 5 or not post_n:
        return None
    share, base = post_4xx / post_n, (pre_4xx / pre_n if pre_n else 0.0)
    return (share, base) if share >= 3 * base and share - base >= rise else None


SLOWED_RATIO = 1.5  # an endpoint slowed when its mean since the onset is at least this many times its mean before
SLOWED_MIN_REQUESTS = 3  # ... over at least this many requests on each side


def slowed_endpoint(requests: RequestStats, onset: int | None) -> tuple[str, float, float] | None:
    """(endpoint, mean latency before the onset, mean since) of the endpoint that added the most
    waiting since the onset (requests times added mean latency), or None: which one slowed."""
    if onset is None:
        return None
    best: tuple[float, str, float, float] | None = None
    for key, minutes in requests.endpoint_latency.items():
        pre_n = sum(v[0] for m, v in minutes.items() if m < onset)
        post_n = sum(v[0] for m, v in minutes.items() if m >= onset)
        if pre_n < SLOWED_MIN_REQUESTS or post_n < SLOWED_MIN_REQUESTS:
            continue
        pre = sum(v[1] for m, v in minutes.items() if m < onset) / pre_n
        post = sum(v[1] for m, v in minutes.items() if m >= onset) / post_n
        added = post_n * (post - pre)
        if post >= SLOWED_RATIO * pre and post > pre and (best is None or added > best[0]):
            best = (added, key, round(pre, 4), round(post, 4))
    return best[1:] if best else None


def failing_service_traffic(requests: RequestStats, onset: int | None) -> tuple[list[str], int, int]:
    """(services that failed requests since the onset, their requests, their failed requests) when
    other services' requests, none of them failed, are in the window too; else ([], 0, 0). The share
    of a failing service's own traffic is the user's view of it: a healthy neighbour's traffic laid
    over the window must not dilute it."""
    if onset is None or len(requests.service_timeline) < 2:
        return [], 0, 0
    totals = {s: (sum(v[0] for m, v in tl.items() if m >= onset), sum(v[1] for m, v in tl.items() if m >= onset))
              for s, tl in requests.service_timeline.items()}
    failing = sorted(s for s, (_, f) in totals.items() if f)
    if not failing or len(failing) == len(totals) or OTHER_SERVICES in failing:
        return [], 0, 0
    return failing, sum(totals[s][0] for s in failing), sum(totals[s][1] for s in failing)


def failing_traffic(services: list[str]) -> str:
    """The failing services' requests in words ('requests to web, cart'): requests whose entries name
    no service (a load balancer's request log) are named after their log, which is no service."""
    named = [s for s in services[:3] if s not in PLATFORM_STREAMS]
    logs = [s for s in services[:3] if s in PLATFORM_STREAMS]
    parts = [f"requests to {', '.join(named)}"] if named else []
    if logs:
        parts.append(f"requests logged without a service (the {', '.join(logs)} log{'s' if len(logs) > 1 else ''})")
    return " and ".join(parts)


WORST_MINUTES = 5  # the stretch over which "at its worst" is measured
WORST_MIN_REQUESTS = 20  # ... when it holds this many requests (fewer say nothing of a share)


def worst_share(timeline: dict[int, tuple[int, int]], onset: int | None) -> float | None:
    """The highest share of requests that failed in any WORST_MINUTES-minute stretch since the
    onset (minute -> (requests, failed)): how bad it got for users, rather than the average over a
    window that may hold the ramp up and the recovery. None when no stretch holds enough requests."""
    if onset is None:
        return None
    minutes = sorted(m for m in timeline if m >= onset)
    best = None
    for i, start in enumerate(minutes):
        stretch = [timeline[m] for m in minutes[i:] if m < start + WORST_MINUTES]
        n = sum(v[0] for v in stretch)
        if n >= WORST_MIN_REQUESTS:
            share = sum(v[1] for v in stretch) / n
            best = share if best is None else max(best, share)
    return best


def users_timeline(requests: RequestStats) -> dict[int, tuple[int, int]]:
    """Minute -> (requests, failed) of every user's request in the window: all requests but the
    deliveries a push subscription retried (a pipeline's, not a user's)."""
    push = requests.push_timeline
    return {m: (n - push.get(m, (0, 0))[0], f - push.get(m, (0, 0))[1]) for m, (n, f) in requests.timeline.items()}


DOWN_SHARE = 0.5  # an endpoint is down when half or more of its requests since the onset failed,
DOWN_WORST = 0.9  # ... or nine in ten or more over its worst five minutes (an outage it recovered from)


def down_endpoints(requests: RequestStats, onset: int | None) -> list[tuple[str, int, int, bool]] | None:
    """(endpoint, users' requests since the onset, failed, whether most failed over all that time)
    of every endpoint down since the onset: DOWN_SHARE or more of its WORST_MIN_REQUESTS or more
    requests failed, or DOWN_WORST of them in its worst stretch (see worst_share). A user flow is
    one service's endpoint: while it is down its users cannot do that thing at all, however small its share
    of all traffic. None when no endpoint that failed requests since the onset served that many
    (nothing to tell: a healthy neighbour's busy endpoints say nothing of the failing ones)."""
    if onset is None:
        return None
    measured = []
    for key, minutes in requests.endpoint_timeline.items():
        n = sum(v[0] for m, v in minutes.items() if m >= onset)
        failed = sum(v[1] for m, v in minutes.items() if m >= onset)
        if n >= WORST_MIN_REQUESTS and failed:
            most = failed >= DOWN_SHARE * n
            measured.append((key, n, failed, most, most or (worst_share(minutes, onset) or 0.0) >= DOWN_WORST))
    if not measured:
        return None
    return sorted(((key, n, failed, most) for key, n, failed, most, down in measured if down), key=lambda e: (-e[2], e[0]))


def graded_timeline(requests: RequestStats, impact: Impact) -> dict[int, tuple[int, int]]:
    """Minute -> (requests, failed) of the traffic priority is graded on (see decide_priority): the
    failing services' own when others' are in the window, else users' requests without the
    deliveries a push subscription retried, else every request."""
    if impact.failing_services:
        out: dict[int, tuple[int, int]] = {}
        for service in impact.failing_services:
            for m, (n, f) in requests.service_timeline.get(service, {}).items():
                a, b = out.get(m, (0, 0))
                out[m] = (a + n, b + f)
        return out
    if impact.push_deliveries:
        return users_timeline(requests)
    return dict(requests.timeline)


def compute_impact(
    mining: MiningResult,
    requests: RequestStats,
    onset_minute: int | None,
    restart_cluster_ids: Iterable[str],
    impact_kinds: dict[str, str] | None = None,
    client_rise: float = SURGE_RISE,
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
    kinds = dict(impact_kinds or {})
    kinds.update({cid: "restarts" for cid in restart_ids})
    failing, svc_total, svc_failed = failing_service_traffic(requests, onset_minute)
    pushed = [v for m, v in requests.push_timeline.items() if onset_minute is not None and m >= onset_minute]
    signals = impact_signals(mining, requests, onset_minute, kinds, client_rise)
    slowed = slowed_endpoint(requests, onset_minute) if any(s.kind == "latency" for s in signals) else None
    return Impact(
        slowed_endpoint=slowed[0] if slowed else "",
        slowed_before_s=slowed[1] if slowed else None,
        slowed_after_s=slowed[2] if slowed else None,
        push_deliveries=sum(v[0] for v in pushed),
        push_failed=sum(v[1] for v in pushed),
        failing_services=failing,
        failing_service_requests=svc_total,
        failing_service_failed_requests=svc_failed,
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
        signals=signals,
        timeline=impact_timeline(mining, requests, kinds),
    )
