"""`mine()`: LogRecords -> MiningResult (per-template statistics, window totals, links).

Entries are assigned to drain clusters while streaming and counted per drain cluster (bounded
accumulators); at the end the accumulators of drain clusters that the miner post-merged are
combined, so every entry is counted exactly once under its *final* template: the sum of cluster
counts equals `total_entries`. Memory grows with the number of clusters, not entries.
"""

from __future__ import annotations

import hashlib
import heapq
import math
import random
import re
from array import array
from collections import Counter, OrderedDict
from itertools import chain, compress, repeat
from operator import attrgetter, is_not
from typing import Callable, Iterable, Sequence

import re2

from rca.mining.masking import PLACEHOLDER_RE, to_star
from rca.mining.miner import MinerConfig, TemplateMiner
from rca.models import (
    ERROR_RANK,
    WARNING_RANK,
    SEVERITY_RANK,
    ClusterLink,
    ClusterStats,
    OPERATION_DONE,
    OPERATION_KEY,
    LatencyStats,
    LogRecord,
    MiningResult,
    OtherClusters,
    ParamValue,
    to_datetime,
)
from rca.batches import EXACT_LATENCIES, EXTREMES, LINK_WINDOW_S, MESSAGE_CHARS, MESSAGES_KEPT, SAMPLE_CHARS, SAMPLES_KEPT, Reduction

MAX_SAMPLES = SAMPLES_KEPT
MAX_DISTINCT_MESSAGES = MESSAGES_KEPT  # per drain cluster, for parameter values
MESSAGE_KEY_CHARS = MESSAGE_CHARS
MAX_PARAM_POSITIONS = 6
TOP_PARAM_VALUES = 5
PARAM_VALUE_CHARS = 200
MAX_ENDPOINTS = 10
ENDPOINT_TRACK = 200
MAX_SERVICES = 20
MAX_REVISIONS = 50
MAX_STREAMS = 20
MAX_EXCEPTIONS = 20
LATENCY_EXACT = EXACT_LATENCIES  # latencies kept exactly per cluster; beyond, a 1 ms histogram
MAX_INSTANCES = 10_000
# instance names counted per drain cluster (first come, first kept: both engines admit the same
# ones) and named per final cluster, so a report can say which host a failure sits on
INSTANCE_TRACK = 50
TOP_INSTANCES = 5
LINK_LRU = 20_000
MAX_LINKS = 500
MAX_PAIR_STATE = 100_000
PROGRESS_EVERY = 10_000
# The cluster cap (issue 14 C): a result holds at most MAX_CLUSTERS clusters; the rest are folded
# into one counted "other" bucket that every report format states. While streaming, drain clusters
# are bounded too: past MAX_LIVE_CLUSTERS the least important (lowest severity, then fewest
# entries) are folded until LIVE_CLUSTERS_AFTER remain, so 200k distinct messages cost bounded
# memory and time (a drain leaf of n clusters costs O(n) per new one).
MAX_CLUSTERS = 1_000
MAX_LIVE_CLUSTERS = 4_000
LIVE_CLUSTERS_AFTER = 2_000
# Timestamp outliers (issue 14 F): minutes split into runs at gaps over a day; a run far from the
# busiest one (over OUTLIER_MIN_DISTANCE and over 10x that run's span) holding at most a tenth of
# its entries is clock garbage (year 9999, 1970, a zeroed clock), not part of the incident.
OUTLIER_GAP_MIN = 24 * 60
OUTLIER_MIN_DISTANCE = 7 * 24 * 60


class _Acc:
    """Bounded statistics of one drain cluster."""

    __slots__ = (
        "count",
        "by_severity",
        "services",
        "revisions",
        "streams",
        "first_ts",
        "last_ts",
        "timeline",
        "first_index",
        "first_msg",
        "samples",
        "seen",
        "next_sample",
        "messages",
        "exceptions",
        "stack",
        "http",
        "endpoints",
        "lat",
        "lat_n",
        "lat_max",
        "lat_hist",
        "instances",
        "instance_counts",
        "traces",
        "done_ts",
    )

    def __init__(self) -> None:
        self.count = 0
        self.by_severity: dict[str, int] = {}
        self.services: dict[str, int] = {}
        self.revisions: dict[str, int] = {}
        self.streams: dict[str, int] = {}
        self.first_ts: float | None = None
        self.last_ts: float | None = None
        self.timeline: dict[int, int] = {}
        self.first_index = -1
        self.first_msg = ""
        self.samples: list[str] = []  # besides the first message
        self.seen = 0
        self.next_sample = 0
        self.messages: dict[str, int] = {}
        self.exceptions: dict[str, int] = {}
        self.stack: tuple[str, ...] = ()
        self.http: dict[int, int] = {}
        self.endpoints: dict[str, int] = {}
        self.lat = array("d")  # exact latencies, 8 bytes each
        self.lat_n = 0
        self.lat_max: float | None = None
        self.lat_hist: dict[int, int] | None = None
        self.instances: set[int] = set()
        self.instance_counts: dict[str, int] = {}  # entries per instance name (first come, first kept)
        self.traces = 0
        self.done_ts: float | None = None  # its first entry that completes a long-running operation


# The record fields mining reads, in the column order of `_Miner.add_batch`.
COLUMNS = ("timestamp", "severity", "message", "service", "revision", "instance", "trace", "stream",
           "http_status", "latency_s", "endpoint", "exception", "frames")
_RECORD_COLUMNS = attrgetter(*COLUMNS)
BATCH = 2_000  # divides PROGRESS_EVERY


class _Miner:
    def __init__(self, config: MinerConfig | None) -> None:
        self.tm = TemplateMiner(config)
        self.accs: dict[int, _Acc] = {}
        self.rng = random.Random(0)
        self.total = 0
        self.by_severity: dict[str, int] = {}
        self.window_start: float | None = None
        self.window_end: float | None = None
        self.timeline: dict[int, int] = {}
        self.error_timeline: dict[int, int] = {}
        self.revisions_first: dict[str, float] = {}
        # the last (time, key) by instance / trace, least recently seen first (LINK_LRU of each)
        self.last_by_instance: OrderedDict = OrderedDict()
        self.last_by_trace: OrderedDict = OrderedDict()
        self.pairs: dict[tuple[int, int, str], int] = {}
        self.lows: list[float] = []  # the EXTREMES earliest times, ascending
        self.highs: list[float] = []  # the EXTREMES latest times, descending
        self.other = OtherClusters()
        self.max_clusters = MAX_CLUSTERS
        self.max_live = MAX_LIVE_CLUSTERS
        self.live_after = LIVE_CLUSTERS_AFTER

    # ------------------------------------------------------------------ per batch of records

    def add(self, rec: LogRecord, index: int) -> None:
        """One record (`add_records` for many)."""
        self.add_records([rec], index)

    def add_records(self, recs: list[LogRecord], start: int) -> None:
        """Records in stream order; `start` is the position of the first one in the stream."""
        cols = list(zip(*map(_RECORD_COLUMNS, recs)))
        keys = self.tm.add_batch([r.extra.get("text", r.message) if r.extra else r.message for r in recs])
        self.add_batch(keys, cols, start)
        for k, r in zip(keys, recs):
            if r.extra and r.extra.get(OPERATION_KEY) == OPERATION_DONE and r.timestamp is not None:
                a = self.accs[k]
                a.done_ts = r.timestamp if a.done_ts is None else min(a.done_ts, r.timestamp)
        if len(self.accs) > self.max_live:
            self._fold_live()

    def _fold_live(self) -> None:
        """Fold the least important drain clusters into `other` (see MAX_LIVE_CLUSTERS)."""
        ranked = sorted(self.accs.items(), key=lambda kv: _importance(kv[1].by_severity, kv[1].count))
        drop = [k for k, _ in ranked[: len(ranked) - self.live_after]]
        for k in drop:
            a = self.accs.pop(k)
            self._fold(a.count, a.by_severity)
        self.tm.forget(drop)

    def _fold(self, count: int, by_severity: dict[str, int]) -> None:
        other = self.other
        other.clusters += 1
        other.entries += count
        for sev, n in by_severity.items():
            other.by_severity[sev] = other.by_severity.get(sev, 0) + n

    def add_batch(self, keys: list[int], cols: Sequence[Sequence], start: int,
                  minutes: Sequence[int | None] | None = None) -> None:
        """A batch of records in column form (`COLUMNS` order) with their miner keys.

        Exactly what adding the records one by one would do: counters of values that take few
        distinct values are counted per batch (C-level `Counter`) and merged in order of first
        occurrence, which keeps the first-come caps of the bounded tables; what depends on
        the order record by record (first seen, samples, links, parameter messages) is done in
        one loop over the batch.
        """
        ts, sev, msg, svc, rev, inst, trace, stream, status, lat, endpoint, exc, frames = cols
        if not len(keys):
            return
        self._batch(keys, cols, minutes)
        self._records(keys, ts, msg, rev, inst, trace, start)

    def _batch(self, keys: Sequence[int], cols: Sequence[Sequence],
               minutes: Sequence[int | None] | None = None) -> None:
        """The per-batch counters of `add_batch` (all but the record-by-record part) and the window."""
        ts, sev, msg, svc, rev, inst, trace, stream, status, lat, endpoint, exc, frames = cols
        n = len(keys)
        accs = self.accs
        for k in dict.fromkeys(keys):  # new clusters in order of first occurrence
            if k not in accs:
                accs[k] = _Acc()
        if "" in sev or None in sev:
            sev = [s or "DEFAULT" for s in sev]
        if minutes is None:
            minutes = [int(t // 60) for t in ts] if None not in ts else [None if t is None else int(t // 60) for t in ts]
        self.total += n

        # counts, severities, timelines
        bs = self.by_severity
        tl = self.timeline
        etl = self.error_timeline
        for (k, s, m), c in Counter(zip(keys, sev, minutes)).items():
            a = accs[k]
            a.count += c
            d = a.by_severity
            d[s] = d.get(s, 0) + c
            bs[s] = bs.get(s, 0) + c
            if m is not None:
                tl[m] = tl.get(m, 0) + c
                if SEVERITY_RANK.get(s, 0) >= ERROR_RANK:
                    etl[m] = etl.get(m, 0) + c
                d = a.timeline
                d[m] = d.get(m, 0) + c
        # services, revisions and streams: one pass over distinct combinations, in order of first
        # occurrence (so each (key, value) pair is met in its own first-occurrence order)
        for (k, v, r, st), c in Counter(zip(keys, svc, rev, stream)).items():
            a = accs[k]
            for d, value, cap in ((a.services, v, MAX_SERVICES), (a.revisions, r, MAX_REVISIONS),
                                  (a.streams, st, MAX_STREAMS)):
                if value:
                    x = d.get(value)
                    if x is not None:
                        d[value] = x + c
                    elif len(d) < cap:  # first come, first kept
                        d[value] = c
        # distinct instances (bounded; a pair already seen adds nothing) and traced entries
        pairs = Counter(zip(keys, inst))  # one pass: the distinct pairs and the entries of each
        for k, ins in pairs:
            if ins:
                s_ = accs[k].instances
                if len(s_) < MAX_INSTANCES:
                    s_.add(hash(ins))  # ints: half the memory of 90-character instance ids
        if any(inst):
            _merge_capped(accs, "instance_counts", pairs, INSTANCE_TRACK)
        if any(trace):
            for k, c in Counter(compress(keys, trace)).items():
                accs[k].traces += c
        if any(exc):
            _merge_capped(accs, "exceptions", Counter(zip(keys, exc)), MAX_EXCEPTIONS)
        if any(endpoint):
            _merge_capped(accs, "endpoints", Counter(zip(keys, endpoint)), ENDPOINT_TRACK)
        if status.count(None) != n:
            for (k, v), c in Counter(zip(keys, status)).items():
                if v is not None:
                    d = accs[k].http
                    d[v] = d.get(v, 0) + c
        if any(frames):
            for k, f in compress(zip(keys, frames), frames):  # the rows with frames only
                if not accs[k].stack:
                    accs[k].stack = tuple(f)
        if lat.count(None) != n:
            for k, v in compress(zip(keys, lat), map(is_not, lat, repeat(None))):  # rows with a latency
                a = accs[k]
                a.lat_n += 1
                if a.lat_max is None or v > a.lat_max:
                    a.lat_max = v
                hist = a.lat_hist
                if hist is None:
                    a.lat.append(v)
                    if len(a.lat) > LATENCY_EXACT:
                        a.lat_hist = _to_hist(a.lat)
                        a.lat = array("d")
                else:
                    b = _lat_bucket(v)
                    hist[b] = hist.get(b, 0) + 1

        # record by record: window, first/last seen, revisions, links, samples, messages, instances
        tsv = ts if None not in ts else [t for t in ts if t is not None]
        if tsv:
            lo = min(tsv)
            hi = max(tsv)
            if self.window_start is None or lo < self.window_start:
                self.window_start = lo
            if self.window_end is None or hi > self.window_end:
                self.window_end = hi
            # the few earliest and latest times, so a window without outliers is still exact
            if len(self.lows) < EXTREMES or lo < self.lows[-1]:
                self.lows = heapq.nsmallest(EXTREMES, chain(self.lows, tsv))
            if len(self.highs) < EXTREMES or hi > self.highs[-1]:
                self.highs = heapq.nlargest(EXTREMES, chain(self.highs, tsv))

    def _records(self, keys: Sequence[int], ts: Sequence, msg: Sequence[str], rev: Sequence[str],
                 inst: Sequence[str], trace: Sequence[str], start: int) -> None:
        """What depends on the order record by record: first/last seen, the first time of each
        revision, links, samples, parameter messages."""
        accs = self.accs
        revisions_first = self.revisions_first
        by_instance = self.last_by_instance
        by_trace = self.last_by_trace
        getrandbits = self.rng.getrandbits
        index = start
        for k, t, m, r, ins, tr in zip(keys, ts, msg, rev, inst, trace):
            a = accs[k]
            if t is not None:
                ft = a.first_ts
                if ft is None or t < ft:
                    a.first_ts = t
                lt = a.last_ts
                if lt is None or t > lt:
                    a.last_ts = t
                if r:
                    p = revisions_first.get(r)
                    if p is None or t < p:
                        revisions_first[r] = t
                # links: the previous record of this instance / trace
                if ins:
                    self._link(by_instance, ins, t, k, "instance")
                if tr:
                    self._link(by_trace, tr, t, k, "trace")
            # samples: the first message, then a reservoir of distinct others
            if a.first_index < 0:
                a.first_index = index
                a.first_msg = m[:SAMPLE_CHARS]
            else:
                seen = a.seen = a.seen + 1
                samples = a.samples
                if len(samples) < MAX_SAMPLES - 1:
                    sm = m[:SAMPLE_CHARS]
                    if sm != a.first_msg and sm not in samples:
                        samples.append(sm)
                elif seen >= a.next_sample:
                    # j = rng.randrange(seen), as random.Random draws it (inlined: hot)
                    nb = seen.bit_length()
                    j = getrandbits(nb)
                    while j >= seen:
                        j = getrandbits(nb)
                    if j < MAX_SAMPLES - 1:
                        sm = m[:SAMPLE_CHARS]
                        if sm != a.first_msg and sm not in samples:
                            samples[j] = sm
                    # sparse reservoir: later messages are considered ever more rarely;
                    # next_sample = seen + 1 + rng.randrange(1 + seen // (4 * MAX_SAMPLES))
                    span = 1 + seen // (4 * MAX_SAMPLES)
                    nb = span.bit_length()
                    x = getrandbits(nb)
                    while x >= span:
                        x = getrandbits(nb)
                    a.next_sample = seen + 1 + x
            d = a.messages
            mk = m if len(m) <= MESSAGE_KEY_CHARS else m[:MESSAGE_KEY_CHARS]
            c = d.get(mk)
            if c is not None:
                d[mk] = c + 1
            elif len(d) < MAX_DISTINCT_MESSAGES:
                d[mk] = 1
            index += 1

    def add_reduction(self, reduction: Reduction) -> None:
        """A Reduction (rca.batches): each distinct text is masked and mined once, in order of
        first occurrence (so drain sees what it would see entry by entry); the engine then
        computes the figures per cluster key over all the entries."""
        add, masked = self.tm.add, self.tm.masked_message
        varying = (shape for shape in reduction.shapes() if "2" in masked(shape))
        figures = reduction.figures((text, add(text)) for text in reduction.texts(varying))
        accs = self.accs
        for c in figures.clusters:  # by first occurrence
            a = accs[c.key] = _Acc()
            a.count = c.count
            self.total += c.count
            a.first_index = c.first_pos
            a.first_msg = c.sample[:SAMPLE_CHARS]
            a.first_ts, a.last_ts, a.done_ts = c.first_ts, c.last_ts, c.completed_ts
            a.stack = c.frames
            a.instances = set(map(hash, c.instances[:MAX_INSTANCES]))
            a.traces = c.traces
            a.lat_n, a.lat_max = c.latency_n, c.latency_max
            if c.latency_exact is not None:
                a.lat = array("d", c.latency_exact)
            else:
                a.lat_hist = c.latency_ms
            for t in (c.first_ts, c.last_ts):
                if t is not None:
                    if self.window_start is None or t < self.window_start:
                        self.window_start = t
                    if self.window_end is None or t > self.window_end:
                        self.window_end = t
        bs, tl, etl = self.by_severity, self.timeline, self.error_timeline
        for key, sev, minute, n in figures.counts:
            a = accs[key]
            a.by_severity[sev] = a.by_severity.get(sev, 0) + n
            bs[sev] = bs.get(sev, 0) + n
            if minute is not None:
                a.timeline[minute] = a.timeline.get(minute, 0) + n
                tl[minute] = tl.get(minute, 0) + n
                if SEVERITY_RANK.get(sev, 0) >= ERROR_RANK:
                    etl[minute] = etl.get(minute, 0) + n
        caps = {"services": MAX_SERVICES, "revisions": MAX_REVISIONS, "streams": MAX_STREAMS,
                "exceptions": MAX_EXCEPTIONS, "endpoints": ENDPOINT_TRACK, "instance_counts": INSTANCE_TRACK}
        for key, field, value, n in figures.values:  # in order of first use: first come, first kept
            d = getattr(accs[key], field)
            if len(d) < caps[field]:
                d[value] = n
        for key, status, n in figures.http:
            accs[key].http[status] = n
        for key, message, n in figures.messages:
            accs[key].messages[message] = n
        for key, sample in figures.samples:
            a = accs[key]
            if sample != a.first_msg and len(a.samples) < MAX_SAMPLES - 1:
                a.samples.append(sample)
        for src, dst, via, n in figures.links:
            self.pairs[(src, dst, via)] = n
        self.revisions_first.update(figures.revisions_first)
        self.lows, self.highs = figures.lows, figures.highs

    def _link(self, lru: OrderedDict, ident: str, ts: float, key: int, via: str) -> None:  # noqa: ANN001
        prev = lru.get(ident)
        if prev is not None:
            pts, pkey = prev
            if pkey != key and abs(ts - pts) <= LINK_WINDOW_S:
                pair = (pkey, key, via) if pts <= ts else (key, pkey, via)
                n = self.pairs.get(pair)
                if n is not None:
                    self.pairs[pair] = n + 1
                else:
                    if len(self.pairs) >= MAX_PAIR_STATE:
                        self._prune_pairs()
                    self.pairs[pair] = 1
            lru.move_to_end(ident)
        lru[ident] = (ts, key)
        if len(lru) > LINK_LRU:
            lru.popitem(last=False)

    def _prune_pairs(self) -> None:
        """Keep the most frequent half of the pair counters (bounded state)."""
        keep = sorted(self.pairs.items(), key=lambda kv: -kv[1])[: MAX_PAIR_STATE // 2]
        self.pairs = dict(keep)

    # ------------------------------------------------------------------ result

    def _outlier_minutes(self) -> set[int]:
        """Minutes holding timestamps far from the rest (see OUTLIER_GAP_MIN); usually none."""
        tl = self.timeline
        if len(tl) < 2:
            return set()
        minutes = sorted(tl)
        if minutes[-1] - minutes[0] <= OUTLIER_MIN_DISTANCE:
            return set()
        runs: list[list[int]] = [[minutes[0]]]
        for a, b in zip(minutes, minutes[1:]):
            if b - a > OUTLIER_GAP_MIN:
                runs.append([b])
            else:
                runs[-1].append(b)
        counts = [sum(tl[m] for m in run) for run in runs]
        main = max(range(len(runs)), key=counts.__getitem__)
        lo, hi = runs[main][0], runs[main][-1]
        far = max(OUTLIER_MIN_DISTANCE, 10 * (hi - lo))
        out: set[int] = set()
        for i, run in enumerate(runs):
            distance = lo - run[-1] if run[-1] < lo else run[0] - hi
            if i != main and distance > far and counts[i] * 10 <= counts[main]:
                out.update(run)
        return out

    def _drop_outliers(self) -> tuple[int, list[float]]:
        """Take outlier minutes out of the timelines, the window and first/last seen: those entries
        stay counted in their clusters, without a time. Returns (entries, [earliest, latest])."""
        out = self._outlier_minutes()
        if not out:
            return 0, []
        n = sum(self.timeline.pop(m) for m in out)
        for m in out:
            self.error_timeline.pop(m, None)
        kept = sorted(self.timeline)
        when = [min(out) * 60.0, max(out) * 60.0]
        if self.window_start is not None and int(self.window_start // 60) in out:
            self.window_start = next((t for t in self.lows if int(t // 60) not in out), kept[0] * 60.0)
        if self.window_end is not None and int(self.window_end // 60) in out:
            self.window_end = next((t for t in self.highs if int(t // 60) not in out), kept[-1] * 60.0 + 59.0)
        for a in self.accs.values():
            if any(m in a.timeline for m in out):
                for m in out:
                    a.timeline.pop(m, None)
                own = sorted(a.timeline)
                # to the minute (clamped to the window) when the cluster's own bound was an outlier
                if a.first_ts is not None and int(a.first_ts // 60) in out:
                    a.first_ts = max(own[0] * 60.0, self.window_start) if own else None  # type: ignore[type-var]
                if a.last_ts is not None and int(a.last_ts // 60) in out:
                    a.last_ts = min(own[-1] * 60.0 + 59.999, self.window_end) if own else None  # type: ignore[type-var]
        for r, t in list(self.revisions_first.items()):
            if int(t // 60) in out:
                self.revisions_first[r] = self.window_start  # type: ignore[assignment]
        return n, when

    def result(self) -> MiningResult:
        """The mining result."""
        outliers, outlier_range = self._drop_outliers()
        final = self.tm.final_groups()
        groups: dict[int, list[int]] = {}
        for key in self.accs:
            groups.setdefault(final[key], []).append(key)
        built: list[tuple[str, str, ClusterStats]] = []
        messages: list[tuple[str, Counter[str]]] = []
        for root, members in groups.items():
            template = self.tm.template(root)
            stats, msgs = self._cluster(template, [self.accs[k] for k in members])
            built.append((to_star(" ".join(template.split())), stats.services[0] if stats.services else "", stats))
            messages.append((template, msgs))
        for (_, _, cs), (template, msgs) in zip(built, messages):
            cs.params = extract_params(template, msgs)
            if SEVERITY_RANK.get(cs.severity, 0) >= WARNING_RANK:
                cs.number_trend = number_trend(template, msgs)
        # stable ids: fingerprint of the normalised template + primary service
        by_id: dict[str, list[tuple[str, str, ClusterStats]]] = {}
        for norm, service, cs in built:
            cid = "c" + hashlib.sha1(f"{norm}\x00{service}".encode()).hexdigest()[:7]
            by_id.setdefault(cid, []).append((norm, service, cs))
        root_to_id: dict[int, str] = {}
        clusters: list[ClusterStats] = []
        for cid, items in by_id.items():
            items.sort(key=lambda x: (x[0], x[1], -x[2].count, x[2].first_seen is None, x[2].first_seen or 0))
            for i, (_, _, cs) in enumerate(items):
                cs.id = cid if i == 0 else f"{cid}-{i}"
                clusters.append(cs)
        for (root, _members), (_, _, cs) in zip(groups.items(), built):
            root_to_id[root] = cs.id
        clusters.sort(key=lambda c: (-c.count, c.id))
        if len(clusters) > self.max_clusters:
            clusters = self._cap(clusters)
        kept = {c.id for c in clusters}
        # links between final clusters (not those folded into other)
        link_counts: Counter[tuple[str, str, str]] = Counter()
        for (a, b, via), n in self.pairs.items():
            if a not in final or b not in final:
                continue  # a drain cluster folded while streaming
            ia, ib = root_to_id[final[a]], root_to_id[final[b]]
            if ia != ib and ia in kept and ib in kept:
                link_counts[(ia, ib, via)] += n
        links = [
            ClusterLink(source=a, target=b, count=n, via=via)  # type: ignore[arg-type]
            for (a, b, via), n in sorted(link_counts.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_LINKS]
        ]
        return MiningResult(
            clusters=clusters,
            total_entries=self.total,
            by_severity=_order_severity(self.by_severity),
            window_start=to_datetime(self.window_start),
            window_end=to_datetime(self.window_end),
            timeline=dict(sorted(self.timeline.items())),
            error_timeline=dict(sorted(self.error_timeline.items())),
            links=links,
            revisions_first_seen={
                r: to_datetime(t) for r, t in sorted(self.revisions_first.items(), key=lambda kv: (kv[1], kv[0]))
            },  # type: ignore[misc]
            miner=self.tm.config.describe(),
            time_outliers=outliers,
            time_outlier_range=[to_datetime(t) for t in outlier_range],  # type: ignore[misc]
            other=self.other if self.other.entries else None,
        )

    def _cap(self, clusters: list[ClusterStats]) -> list[ClusterStats]:
        """The MAX_CLUSTERS clusters kept: the largest half, then the most severe (then largest)
        of the rest; the others are folded into `other`. Order stays by count."""
        half = self.max_clusters // 2
        rest = sorted(clusters[half:], key=lambda c: _importance(c.by_severity, c.count), reverse=True)
        keep = clusters[:half] + rest[: self.max_clusters - half]
        ids = {c.id for c in keep}
        for c in clusters:
            if c.id not in ids:
                self._fold(c.count, c.by_severity)
        return [c for c in clusters if c.id in ids]

    def _cluster(self, template: str, accs: list[_Acc]) -> tuple[ClusterStats, Counter[str]]:
        """The statistics of one final cluster (params still empty), and its messages."""
        accs = sorted(accs, key=lambda a: a.first_index)
        count = sum(a.count for a in accs)
        by_sev: Counter[str] = Counter()
        services: Counter[str] = Counter()
        revisions: Counter[str] = Counter()
        streams: Counter[str] = Counter()
        timeline: Counter[int] = Counter()
        exceptions: Counter[str] = Counter()
        http: Counter[int] = Counter()
        endpoints: Counter[str] = Counter()
        messages: Counter[str] = Counter()
        instances: set[int] = set()
        instance_counts: Counter[str] = Counter()
        lat: list[float] = []
        lat_hist: Counter[int] = Counter()
        lat_n = 0
        lat_max: float | None = None
        traces = 0
        first_ts = last_ts = done_ts = None
        stack: tuple[str, ...] = ()
        for a in accs:
            by_sev.update(a.by_severity)
            services.update(a.services)
            revisions.update(a.revisions)
            streams.update(a.streams)
            timeline.update(a.timeline)
            exceptions.update(a.exceptions)
            http.update(a.http)
            endpoints.update(a.endpoints)
            messages.update(a.messages)
            if len(instances) < MAX_INSTANCES:
                instances.update(a.instances)
            instance_counts.update(a.instance_counts)
            lat.extend(a.lat)
            if a.lat_hist:
                lat_hist.update(a.lat_hist)
            lat_n += a.lat_n
            if a.lat_max is not None and (lat_max is None or a.lat_max > lat_max):
                lat_max = a.lat_max
            traces += a.traces
            if a.first_ts is not None and (first_ts is None or a.first_ts < first_ts):
                first_ts = a.first_ts
            if a.last_ts is not None and (last_ts is None or a.last_ts > last_ts):
                last_ts = a.last_ts
            if a.done_ts is not None and (done_ts is None or a.done_ts < done_ts):
                done_ts = a.done_ts
            if not stack and a.stack:
                stack = a.stack
        samples = [accs[0].first_msg]
        for a in accs:
            for s in [a.first_msg, *a.samples]:
                if len(samples) >= MAX_SAMPLES:
                    break
                if s not in samples:
                    samples.append(s)
        if lat_hist or len(lat) > LATENCY_EXACT:
            lat_hist.update(_to_hist(lat))
            lat = []
        severity = max(by_sev, key=lambda s: (SEVERITY_RANK.get(s, 0), s)) if by_sev else "DEFAULT"
        return ClusterStats(
            id="",
            template=template,
            count=count,
            severity=severity,
            by_severity=_order_severity(by_sev),
            services=[s for s, _ in sorted(services.items(), key=lambda kv: (-kv[1], kv[0]))],
            revisions=[s for s, _ in sorted(revisions.items(), key=lambda kv: (-kv[1], kv[0]))],
            streams=[s for s, _ in sorted(streams.items(), key=lambda kv: (-kv[1], kv[0]))],
            first_seen=to_datetime(first_ts),
            last_seen=to_datetime(last_ts),
            completed=to_datetime(done_ts),
            timeline=dict(sorted(timeline.items())),
            samples=samples,
            exception=max(exceptions, key=lambda e: (exceptions[e], e)) if exceptions else "",
            stack=list(stack),
            params={},  # filled in by `result`
            http_statuses=dict(sorted(http.items())),
            endpoints=dict(sorted(endpoints.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_ENDPOINTS]),
            latency=_latency(lat, lat_hist, lat_n, lat_max),
            instances=len(instances),
            top_instances=sorted(instance_counts.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_INSTANCES],
            traces=traces,
        ), messages


def _importance(by_severity: dict[str, int], count: int) -> tuple[int, int]:
    """How much a cluster matters to a report: its most severe level, then its size."""
    return max((SEVERITY_RANK.get(s, 0) for s in by_severity), default=0), count


def _merge_capped(accs: dict[int, _Acc], field: str, counts: Counter, cap: int) -> None:
    """Add per-batch (key, value) counts to the bounded per-cluster tables `field`.

    Counter keeps pairs in order of first occurrence, so a value is admitted exactly when it
    would have been record by record: at its first occurrence, if the table had room then.
    Empty values are not counted.
    """
    for (k, v), c in counts.items():
        if v:
            d = getattr(accs[k], field)
            x = d.get(v)
            if x is not None:
                d[v] = x + c
            elif len(d) < cap:
                d[v] = c


def _order_severity(d: dict[str, int]) -> dict[str, int]:
    return {s: d[s] for s in sorted(d, key=lambda s: (SEVERITY_RANK.get(s, 0), s))}


def _lat_bucket(v: float) -> int:
    """Histogram bucket in ms: whole milliseconds below 60 s, four significant digits above (10 ms
    below 100 s, 100 ms below 1000 s, ...), so a load balancer's 60.09 s timeouts are not shown as
    60.0 s while the buckets stay few (about 9,000 a decade) however many entries there are."""
    ms = int(round(v * 1000))
    if ms < 60_000:
        return ms
    step = 10 ** (len(str(ms)) - 4)
    return (ms + step // 2) // step * step


def _to_hist(values: list[float]) -> dict[int, int]:
    h: dict[int, int] = {}
    for v in values:
        b = _lat_bucket(v)
        h[b] = h.get(b, 0) + 1
    return h


def _latency(exact: list[float], hist: dict[int, int], n: int, mx: float | None) -> LatencyStats:
    """Nearest-rank percentiles (rank = ceil(q * n)): exact while a cluster has at most
    LATENCY_EXACT latencies, else from the histogram (within 0.5 ms below 60 s, four significant
    digits above)."""
    if not n:
        return LatencyStats()
    if hist:
        items = sorted(hist.items())
        total = sum(c for _, c in items)

        def q(p: float) -> float:
            rank = max(1, math.ceil(p * total))
            seen = 0
            for b, c in items:
                seen += c
                if seen >= rank:
                    return b / 1000
            return items[-1][0] / 1000

    else:
        xs = sorted(exact)
        if not xs:
            return LatencyStats()

        def q(p: float) -> float:
            return xs[max(1, math.ceil(p * len(xs))) - 1]

    return LatencyStats(count=n, p50_s=q(0.5), p95_s=q(0.95), max_s=mx)


_SPLIT_RE = re.compile(r"(<[A-Z]+>|<\*>)")


def template_regex(template: str, max_groups: int = 12, anchored: bool = True) -> re2._Regexp | None:
    """A regex matching raw messages of a template; one group per placeholder (first max_groups);
    not `anchored`, it finds the template after a prefix of the message's own (a time, a level).

    Compiled by RE2, whose matching time is linear in the message: with a backtracking engine, a
    template of a few dozen placeholders and a message that just fails to match took minutes."""
    parts = _SPLIT_RE.split(template)
    out: list[str] = ["^"] if anchored else []
    groups = 0
    for i, part in enumerate(parts):
        if i % 2 == 1:
            if groups < max_groups:
                out.append("(.*?)" if i < len(parts) - 2 or parts[-1] else "(.*)")
                groups += 1
            else:
                out.append(".*?")
        else:
            chunks = part.split()
            lead = part[:1].isspace()
            trail = part[-1:].isspace()
            body = r"\s+".join(re.escape(c) for c in chunks)
            out.append((r"\s+" if lead else "") + body + (r"\s+" if trail and chunks else ""))
    if groups == 0:
        return None
    try:
        return re2.compile("(?s)" + "".join(out))
    except re2.error:
        return None


def extract_params(template: str, messages: dict[str, int] | Counter[str]) -> dict[str, list[ParamValue]]:
    """Top values of the first variable positions of a template, from (message -> count)."""
    names = PLACEHOLDER_RE.findall(template)[:MAX_PARAM_POSITIONS]
    if not names or not messages:
        return {}
    rx = template_regex(template, MAX_PARAM_POSITIONS)
    if rx is None:
        return {}
    counters: list[Counter[str]] = [Counter() for _ in names]
    for msg, n in messages.items():
        m = rx.match(msg)
        if m is None:
            continue
        for i, v in enumerate(m.groups()[: len(names)]):
            counters[i][v.strip()[:PARAM_VALUE_CHARS]] += n
    out: dict[str, list[ParamValue]] = {}
    for i, (name, c) in enumerate(zip(names, counters), start=1):
        if c:
            top = sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_PARAM_VALUES]
            out[f"{name}#{i}"] = [ParamValue(value=v, count=k) for v, k in top]
    return out


TREND_MIN_POINTS = 6  # distinct messages a trend needs
TREND_MIN_VALUES = 3  # distinct values of the number (two would be a flag, not a count)


def number_trend(template: str, messages: dict[str, int] | Counter[str]) -> float:
    """How steadily a number of the template moves one way across its distinct messages, in the
    order they first came (mining keeps that order; the input's is its time order, either way
    round): the largest |Kendall tau-b| of a numeric slot against that order, 0..1. A count that
    rises or a budget that runs down scores near 1; an id, a latency or a jittering gauge near 0.
    Bounded: the messages are the first MESSAGES_KEPT distinct ones."""
    found = list(PLACEHOLDER_RE.finditer(template))[:12]
    slots = [i for i, m in enumerate(found) if m.group() == "<NUM>" and not _clock(template, m.start(), m.end())]
    if not slots or len(messages) < TREND_MIN_POINTS:
        return 0.0
    rx = template_regex(template, 12, anchored=False)
    if rx is None:
        return 0.0
    series: list[list[float]] = [[] for _ in slots]
    for msg in messages:
        m = rx.search(msg)
        if m is None:
            continue
        groups = m.groups()
        for j, i in enumerate(slots):
            try:
                series[j].append(float(groups[i].strip()))
            except (ValueError, IndexError):
                series[j].append(math.nan)
    best = 0.0
    for ys in series:
        ys = [y for y in ys if y == y]
        if len(ys) >= TREND_MIN_POINTS and len(set(ys)) >= TREND_MIN_VALUES:
            best = max(best, abs(_kendall(ys)))
    return round(best, 3)


def _clock(template: str, start: int, end: int) -> bool:
    """A number that is part of a time of day (`<NUM>:<NUM>`): it moves with the clock."""
    return template[end:end + 1] == ":" or template[start - 1:start] == ":" and template[start - 6:start - 1].endswith("<NUM>")


def _kendall(ys: list[float]) -> float:
    """Kendall's tau-b of `ys` against their positions (ties in `ys` allowed)."""
    concordant = discordant = ties = 0
    n = len(ys)
    for i in range(n):
        yi = ys[i]
        for j in range(i + 1, n):
            d = ys[j] - yi
            if d > 0:
                concordant += 1
            elif d < 0:
                discordant += 1
            else:
                ties += 1
    pairs = n * (n - 1) // 2
    denom = math.sqrt(pairs * (pairs - ties))
    return (concordant - discordant) / denom if denom else 0.0


def mine(
    records: Iterable[LogRecord],
    config: MinerConfig | None = None,
    progress: Callable[[int], None] | None = None,
    max_clusters: int = MAX_CLUSTERS,
    max_live_clusters: int = MAX_LIVE_CLUSTERS,
) -> MiningResult:
    """Mine templates and per-template statistics from records (any order, e.g. newest first).

    At most `max_clusters` clusters come out; the rest are counted in `other` (see MAX_CLUSTERS)."""
    m = _Miner(config)
    m.max_clusters = max_clusters
    m.max_live = max_live_clusters
    m.live_after = max_live_clusters // 2
    n = 0
    batch: list[LogRecord] = []
    for rec in records:
        batch.append(rec)
        if len(batch) >= BATCH:
            m.add_records(batch, n)
            n += len(batch)
            batch = []
            if progress is not None and n % PROGRESS_EVERY == 0:
                progress(n)
    if batch:
        m.add_records(batch, n)
        n += len(batch)
    if progress is not None and n % PROGRESS_EVERY:
        progress(n)
    return m.result()


def mine_reduction(reduction: Reduction, config: MinerConfig | None = None) -> MiningResult:
    """Mine templates and per-template statistics from a Reduction (rca.batches); call before
    reading its request columns."""
    m = _Miner(config)
    m.add_reduction(reduction)
    result = m.result()
    result.read = reduction.read
    return result


__all__ = ["extract_params", "mine", "mine_reduction", "template_regex"]
