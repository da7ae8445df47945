"""Number and time formatting shared by every renderer and the analysts (it sits below both:
rca/llm does not import rca/render).

One convention everywhere (the grounded checker relies on it): UTC times as
`YYYY-MM-DD HH:MM:SS UTC`, counts with thousands separators, shares with one decimal.
"""

from __future__ import annotations

from datetime import datetime

SPARK = "▁▂▃▄▅▆▇█"


def fmt_time(dt: datetime | None) -> str:
    return dt.strftime("%Y-%m-%d %H:%M:%S UTC") if dt else "unknown"


def fmt_clock(dt: datetime | None) -> str:
    return dt.strftime("%H:%M:%S UTC") if dt else "unknown"


def fmt_int(n: int | None) -> str:
    return "unknown" if n is None else f"{n:,}"


def fmt_pct(x: float | None) -> str:
    if x is None:
        return "n/a"
    if 0 < x < 0.001:
        return "<0.1%"
    return f"{x * 100:.1f}%"


def fmt_share(part: int, whole: int) -> str:
    return fmt_pct(part / whole) if whole else "n/a"


def fmt_seconds(s: float | None) -> str:
    if s is None:
        return "n/a"
    if s < 1:
        return f"{s * 1000:.0f} ms"
    return f"{s:.2f} s"


def fmt_duration(s: float | None) -> str:
    if s is None:
        return "n/a"
    s = int(round(s))
    h, rem = divmod(s, 3600)
    m, sec = divmod(rem, 60)
    if h:
        return f"{h}h {m:02d}m"
    if m:
        return f"{m}m {sec:02d}s"
    return f"{sec}s"


def sparkline(timeline: dict[int, int], first_minute: int | None, last_minute: int | None, width: int = 30) -> str:
    """Minute histogram squeezed into `width` characters."""
    if not timeline or first_minute is None or last_minute is None:
        return ""
    n = last_minute - first_minute + 1
    buckets = [0] * min(width, n)
    per = n / len(buckets)
    for minute, count in timeline.items():
        i = int((minute - first_minute) / per)
        if 0 <= i < len(buckets):
            buckets[i] += count
    top = max(buckets) or 1
    return "".join(" " if b == 0 else SPARK[min(7, int(b / top * 7.999))] for b in buckets)


def excerpt(text: str, limit: int = 160) -> str:
    """First line of a log message, cut with an ellipsis: a substring of the raw text."""
    line = next((ln for ln in text.splitlines() if ln.strip()), "")
    return line if len(line) <= limit else line[: limit - 1] + "…"


def head_tail(text: str, limit: int) -> str:
    """At most `limit` characters, keeping head and tail: a traceback's last line (the exception
    and its message, the line that matters) survives the cut."""
    if len(text) <= limit:
        return text
    body = text.rstrip()
    last = body.rsplit("\n", 1)[-1] if "\n" in body else ""
    tail = min(max(limit // 3, len(last) + 1 if last else 0), limit // 2)
    return text[: max(0, limit - tail - 1)].rstrip() + "…" + body[len(body) - tail :]


def cut_lines(text: str, max_lines: int = 12) -> str:
    """A long sample keeps its head and its tail: a traceback's last lines name the exception."""
    lines = text.rstrip().splitlines() or [""]
    if len(lines) <= max_lines:
        return "\n".join(lines)
    head = max(1, max_lines // 3)
    tail = max_lines - head - 1
    return "\n".join(lines[:head] + ["…"] + lines[-tail:])  # "…" alone: the grounded checker's wildcard
