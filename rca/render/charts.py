"""Charts for the HTML report, drawn by plotly.js (inlined, so the file works with no network).

Figures are plotly's declarative JSON (data + layout) built from the Report's per-minute series:
every minute of the window is on the axis (a quiet minute is a zero, not a gap that collapses),
and the onset and change events are marked on each chart.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from html import escape

from rca.models import is_error, to_datetime
from rca.schema import Report

TOP_CLUSTERS = 5
MAX_POINTS = 720  # bars per chart: a window longer than 12 hours is binned
CAUSE_COLOUR = "#c0392b"
PALETTE = ["#2980b9", "#e67e22", "#27ae60", "#8e44ad", "#7f8c8d", "#16a085"]  # the other clusters (no red)


@lru_cache(maxsize=1)
def plotly_js() -> str:
    """plotly.js from the plotly package (a well-kept, pinned copy; no CDN)."""
    from plotly.offline import get_plotlyjs

    return get_plotlyjs()


def _minutes(report: Report) -> tuple[list[int], int]:
    """The first minute of each bar and the minutes a bar covers: one a minute, binned so that a
    long window is drawn with at most MAX_POINTS bars."""
    w = report.window
    if w.start is None or w.end is None:
        keys = set(report.series.errors) | set(report.series.requests)
        lo, hi = (min(keys), max(keys)) if keys else (0, -1)
    else:
        lo, hi = int(w.start.timestamp() // 60), int(w.end.timestamp() // 60)
    if hi < lo:
        return [], 1
    step = max(1, math.ceil((hi - lo + 1) / MAX_POINTS))
    return list(range(lo, hi + 1, step)), step


def _sum(values: dict[int, int], starts: list[int], step: int) -> list[int]:
    return [sum(values.get(m, 0) for m in range(start, start + step)) for start in starts]


def _mean(values: dict[int, float], starts: list[int], step: int) -> list[float | None]:
    out = []
    for start in starts:
        got = [values[m] for m in range(start, start + step) if m in values]
        out.append(round(sum(got) / len(got), 6) if got else None)
    return out


def _per(step: int) -> str:
    return "a minute" if step == 1 else f"per {step} minutes"


def _iso(minute: int) -> str:
    return to_datetime(minute * 60).strftime("%Y-%m-%dT%H:%M:%SZ")


def _markers(report: Report) -> tuple[list[dict], list[dict]]:
    """Vertical lines (shapes) and labels for the onset and each change event."""
    marks = []
    if report.window.onset is not None:
        marks.append((report.window.onset, "onset", "#c0392b"))
    marks += [(e.at, "change", "#8e44ad") for e in report.timeline if e.kind == "change"]
    shapes, notes = [], []
    for at, label, colour in marks:
        x = at.strftime("%Y-%m-%dT%H:%M:%SZ")
        shapes.append({"type": "line", "xref": "x", "yref": "paper", "x0": x, "x1": x, "y0": 0, "y1": 1,
                       "line": {"color": colour, "width": 1.5, "dash": "dash"}})
        notes.append({"x": x, "y": 1, "xref": "x", "yref": "paper", "text": label, "showarrow": False,
                      "yanchor": "bottom", "font": {"color": colour, "size": 11}})
    return shapes, notes


def _layout(report: Report, title: str, y_title: str, **extra) -> dict:
    shapes, notes = _markers(report)
    layout = {
        "title": {"text": title, "font": {"size": 15}},
        "xaxis": {"type": "date", "title": {"text": "time (UTC)"}},
        "yaxis": {"title": {"text": y_title}, "rangemode": "tozero"},
        "shapes": shapes, "annotations": notes,
        "legend": {"orientation": "h", "y": -0.25},
        "margin": {"l": 60, "r": 60, "t": 50, "b": 40},
        "height": 340, "barmode": "stack", "hovermode": "x unified",
    }
    layout.update(extra)
    return layout


def error_chart(report: Report) -> dict | None:
    """Errors per minute of the top clusters (the cause and its symptoms first)."""
    minutes, step = _minutes(report)
    top = [c for c in report.clusters if any(is_error(s) for s in c.by_severity) and c.timeline][:TOP_CLUSTERS]
    if not minutes or not top:
        return None
    x = [_iso(m) for m in minutes]
    data = []
    for c in top:
        label = c.template if len(c.template) <= 60 else c.template[:59] + "…"
        label = escape(label).replace("%{", "% {")  # plotly reads tags and %{variables} in hover text
        data.append({
            "type": "bar", "name": f"{c.id} ({c.role})", "x": x, "y": _sum(c.timeline, minutes, step),
            "marker": {"color": CAUSE_COLOUR if c.role == "cause" else PALETTE[len(data) % len(PALETTE)]},
            "hovertemplate": "%{y} · " + label + "<extra>" + c.id + "</extra>",
        })
    return {"data": data, "layout": _layout(report, "Entries of the top error clusters", f"entries {_per(step)}")}


def request_chart(report: Report) -> dict | None:
    """Failed requests (5xx), client errors (4xx) and the rest per minute, with the mean latency
    per minute on a second axis."""
    s = report.series
    minutes, step = _minutes(report)
    if not minutes or not s.requests:
        return None
    x = [_iso(m) for m in minutes]
    failed = _sum(s.failed_requests, minutes, step)
    client = _sum(s.client_errors, minutes, step)
    data = [{"type": "bar", "name": "failed (5xx)", "x": x, "y": failed, "marker": {"color": CAUSE_COLOUR}}]
    if s.client_errors:
        data.append({"type": "bar", "name": "client errors (4xx)", "x": x, "y": client, "marker": {"color": "#e67e22"}})
    data.append({"type": "bar", "name": "other requests", "x": x, "marker": {"color": "#b5c7d3"},
                 "y": [max(0, n - f - c) for n, f, c in zip(_sum(s.requests, minutes, step), failed, client)]})
    latency, label = s.latency_mean_s, "mean latency (s)"
    extra = {}
    if latency:
        data.append({"type": "scatter", "mode": "lines", "name": label, "yaxis": "y2", "x": x,
                     "y": _mean(latency, minutes, step), "line": {"color": "#2c3e50"}, "connectgaps": False})
        extra["yaxis2"] = {"title": {"text": label}, "overlaying": "y", "side": "right", "rangemode": "tozero"}
    title = "Requests" + (f" and {label.split(' (')[0]}" if latency else "")
    return {"data": data, "layout": _layout(report, title, f"requests {_per(step)}", **extra)}


def total_error_chart(report: Report) -> dict | None:
    """All ERROR+ entries per minute (the whole window's error rate)."""
    minutes, step = _minutes(report)
    if not minutes or not report.series.errors:
        return None
    x = [_iso(m) for m in minutes]
    data = [{"type": "scatter", "mode": "lines", "fill": "tozeroy", "name": "errors", "x": x,
             "y": _sum(report.series.errors, minutes, step), "line": {"color": "#c0392b"}}]
    return {"data": data, "layout": _layout(report, "All errors", f"entries {_per(step)}")}


def charts(report: Report) -> list[dict]:
    """The charts that have data, as {"id", "json"}: JSON safe to put inside a <script> element."""
    out = []
    for name, build in (("errors", error_chart), ("requests", request_chart), ("all-errors", total_error_chart)):
        fig = build(report)
        if fig is not None:
            text = json.dumps(fig, ensure_ascii=False)
            text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            out.append({"id": f"chart-{name}", "json": text})
    return out
