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
    prefix = [0]
    for b in bins:
        prefix.append(prefix[-1] + b)
    total = prefix[-1]
    peak = max(error_timeline.values())
    if total == 0:
        return Onset(None, 0.0, 0)
    base_ll = _ll(total, n)
    best = (0.0, None, None)
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
    llr, i, j = best
    whole_rate = total / n_minutes
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
