"""When did errors depart from the window's baseline?

A Poisson change-point search over the per-minute error counts: the segment [i, j) whose error
rate differs most from the rest (log-likelihood ratio), keeping only segments whose rate is
several times the rest. When errors are high from the first minute there is no departure to
find: the incident was already under way when the window opened. Windows of more than MAX_BINS minutes are binned so the search stays quick.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

MAX_BINS = 360
MIN_LLR = 6.0  # about p < 0.001 for one extra parameter pair
MIN_RATIO = 3.0  # the burst's error rate is at least this many times the rest of the window's
MIN_EXCESS = 0.2  # ... and at least this many errors per minute above it


@dataclass(frozen=True)
class Onset:
    minute: int | None  # epoch minute where the burst starts; None when no burst
    baseline_per_min: float  # error rate before the onset (or over the window when none)
    peak_per_min: int
    end_minute: int | None = None  # last minute of the burst (exclusive end - 1)
    ongoing_from_start: bool = False  # errors were already high when the window opened


def _ll(count: float, length: float) -> float:
    return count * math.log(count / length) if count > 0 and length > 0 else 0.0


ESCALATION_BASE = 3  # bins a lead-in lasts, and bins before it to measure the background on (the first may be cut short)


def _burst(bins: list[int]) -> tuple[float, int | None, int | None]:
    """(log-likelihood ratio, start, end) of the segment of `bins` whose rate differs most from
    the rest's, among those well above it; (0, None, None) when none is."""
    n = len(bins)
    prefix = [0]
    for b in bins:
        prefix.append(prefix[-1] + b)
    total = prefix[-1]
    if total == 0:
        return 0.0, None, None
    base_ll = _ll(total, n)
    best: tuple[float, int | None, int | None] = (0.0, None, None)
    for i in range(n):
        for j in range(i + 1, n + 1):
            inside, length = prefix[j] - prefix[i], j - i
            outside, out_len = total - inside, n - length
            # a burst is a real departure: well above the rest of the window, not a wiggle
            if out_len == 0 or inside / length < MIN_RATIO * outside / out_len + MIN_EXCESS:
                continue
            llr = _ll(inside, length) + _ll(outside, out_len) - base_ll
            if llr > best[0]:
                best = (llr, i, j)
    return best


def _lead_in(bins: list[int], i: int) -> int | None:
    """Where a stretch that ends at bin i began, when it is itself a departure from the bins before
    it (LLR, ratio and excess as for a burst, in its later half too) and lasts ESCALATION_BASE bins
    or more from its first error; None otherwise."""
    best: tuple[float, int | None] = (MIN_LLR, None)
    for k in range(ESCALATION_BASE, i - ESCALATION_BASE + 1):
        if not bins[k] or i - k < ESCALATION_BASE:
            continue
        inside, before = sum(bins[k:i]), sum(bins[:k])
        floor = MIN_RATIO * before / k + MIN_EXCESS
        mid = (k + i) // 2  # sustained: its later half too stays above what came before (no old blip)
        if inside / (i - k) < floor or sum(bins[mid:i]) / (i - mid) < floor:
            continue
        llr = _ll(inside, i - k) + _ll(before, k) - _ll(inside + before, i)
        if llr > best[0]:
            best = (llr, k)
    return best[1]


def find_onset(error_timeline: dict[int, int], first_minute: int | None, last_minute: int | None) -> Onset:
    if not error_timeline or first_minute is None or last_minute is None:
        return Onset(None, 0.0, 0)
    n_minutes = last_minute - first_minute + 1
    width = max(1, math.ceil(n_minutes / MAX_BINS))
    n = math.ceil(n_minutes / width)
    bins = [0] * n
    for minute, count in error_timeline.items():
        idx = (minute - first_minute) // width
        if 0 <= idx < n:
            bins[idx] += count
    total = sum(bins)
    peak = max(error_timeline.values())
    if total == 0:
        return Onset(None, 0.0, 0)
    llr, i, j = _burst(bins)
    whole_rate = total / n_minutes
    if i is not None and llr >= MIN_LLR:
        # the loudest segment may be a later stage of a failure that grew in steps (a leak, a
        # cascade): a burst just before it, above what came before, is where the departure began
        while (lead := _lead_in(bins, i)) is not None:
            i = lead
    prefix = [0]
    for b in bins:
        prefix.append(prefix[-1] + b)
    if i is None or llr < MIN_LLR:
        # no burst: either steady noise, or an incident already under way for the whole window
        busy = sum(1 for b in bins if b) / n
        ongoing = busy >= 0.8 and whole_rate >= 1.0
        start = min(error_timeline) if ongoing else None
        return Onset(start, whole_rate, peak, last_minute if ongoing else None, ongoing_from_start=ongoing)
    before = prefix[i]
    before_minutes = i * width
    baseline = before / before_minutes if before_minutes else 0.0
    onset_minute = first_minute + i * width
    # within the first bin, start at the first minute that has errors
    for m in range(onset_minute, onset_minute + width):
        if error_timeline.get(m):
            onset_minute = m
            break
    end_minute = min(last_minute, first_minute + j * width - 1)
    return Onset(onset_minute, baseline, peak, end_minute, ongoing_from_start=(i == 0))


# A latency shift: requests' mean latency at least LATENCY_RATIO times its level before, by at least
# LATENCY_MIN_S, over at least LATENCY_MIN_REQUESTS requests on each side.
LATENCY_RATIO = 2.0
LATENCY_MIN_S = 0.05
LATENCY_MIN_REQUESTS = 20
_SUSTAINED = 0.8  # share of the minutes after the shift that stay well above the level before


def latency_shifted(pre_n: int, pre_sum: float, post_n: int, post_sum: float) -> bool:
    """Did the mean latency of requests shift up between the two spans (see LATENCY_RATIO)?"""
    if pre_n < LATENCY_MIN_REQUESTS or post_n < LATENCY_MIN_REQUESTS:
        return False
    pre, post = pre_sum / pre_n, post_sum / post_n
    return post >= LATENCY_RATIO * pre and post - pre >= LATENCY_MIN_S


def find_latency_shift(latency_timeline: dict[int, tuple[int, float]], min_minutes: int = 3) -> int | None:
    """The minute request latency stepped up and stayed up (a regression without errors is an
    incident too): the split with the largest rise whose later minutes, nearly all of them, sit
    well above the mean before it. None when latency did not shift."""
    minutes = sorted(m for m, (n, _) in latency_timeline.items() if n)
    if len(minutes) < 2 * min_minutes:
        return None
    n_all = sum(latency_timeline[m][0] for m in minutes)
    s_all = sum(latency_timeline[m][1] for m in minutes)
    pre_n = 0
    pre_s = 0.0
    best: tuple[float, int] | None = None
    for i, m in enumerate(minutes):
        if i >= min_minutes and len(minutes) - i >= min_minutes and pre_n and pre_s > 0:
            post_n, post_s = n_all - pre_n, s_all - pre_s
            if latency_shifted(pre_n, pre_s, post_n, post_s):
                level = pre_s / pre_n
                after = minutes[i:]
                high = sum(1 for k in after if latency_timeline[k][1] / latency_timeline[k][0] >= 1.5 * level)
                ratio = (post_s / post_n) / level
                if high >= _SUSTAINED * len(after) and (best is None or ratio > best[0]):
                    best = (ratio, m)
        n, s = latency_timeline[m]
        pre_n += n
        pre_s += s
    return best[1] if best else None
