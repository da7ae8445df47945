"""Charts for the HTML report, drawn by plotly.js (inlined, so the file works with no network).

Figures are plotly's declarative JSON (data + layout) built from the Report's per-minute series:
every minute of the window is on the axis (a quiet minute is a zero, not a gap that collapses),
and the onset and change events are marked on each chart.
"""

from __future__ import annotations

import json
from functools import lru_cache
from html import escape

from rca.models import is_error, to_datetime
from rca.schema import Report

TOP_CLUSTERS = 5
CAUSE_COLOUR = "#c0392b"
PALETTE = ["#2980b9", "#e67e22", "#27ae60", "#8e44ad", "#7f8c8d", "#16a085"]  # the other clusters (no red)


@lru_cache(maxsize=1)
def plotly_js() -> str:
    """plotly.js from the plotly package (a well-kept, pinned copy; no CDN)."""
    from plotly.offline import get_plotlyjs

    return get_plotlyjs()


def _minutes(report: Report) -> list[int]:
    w = report.window
    if w.start is None or w.end is None:
        keys = set(report.series.errors) | set(report.series.requests)
        return list(range(min(keys), max(keys) + 1)) if keys else []
    return list(range(int(w.start.timestamp() // 60), int(w.end.timestamp() // 60) + 1))


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
    minutes = _minutes(report)
    top = [c for c in report.clusters if any(is_error(s) for s in c.by_severity) and c.timeline][:TOP_CLUSTERS]
    if not minutes or not top:
        return None
    x = [_iso(m) for m in minutes]
    data = []
    for c in top:
        label = c.template if len(c.template) <= 60 else c.template[:59] + "…"
        label = escape(label).replace("%{", "% {")  # plotly reads tags and %{variables} in hover text
        data.append({
            "type": "bar", "name": f"{c.id} ({c.role})", "x": x, "y": [c.timeline.get(m, 0) for m in minutes],
            "marker": {"color": CAUSE_COLOUR if c.role == "cause" else PALETTE[len(data) % len(PALETTE)]},
            "hovertemplate": "%{y} · " + label + "<extra>" + c.id + "</extra>",
        })
    return {"data": data, "layout": _layout(report, "Entries per minute, top error clusters", "entries a minute")}


def request_chart(report: Report) -> dict | None:
    """Failed requests (and all requests) per minute, with the mean latency per minute."""
    s = report.series
    minutes = _minutes(report)
    if not minutes or not s.requests:
        return None
    x = [_iso(m) for m in minutes]
    data = [
        {"type": "bar", "name": "failed (5xx)", "x": x, "y": [s.failed_requests.get(m, 0) for m in minutes], "marker": {"color": "#c0392b"}},
        {"type": "bar", "name": "other requests", "x": x, "y": [s.requests.get(m, 0) - s.failed_requests.get(m, 0) for m in minutes],
         "marker": {"color": "#b5c7d3"}},
    ]
    extra = {}
    if s.latency_mean_s:
        data.append({"type": "scatter", "mode": "lines", "name": "mean latency (s)", "yaxis": "y2", "x": x,
                     "y": [s.latency_mean_s.get(m) for m in minutes], "line": {"color": "#2c3e50"}, "connectgaps": False})
        extra["yaxis2"] = {"title": {"text": "mean latency (s)"}, "overlaying": "y", "side": "right", "rangemode": "tozero"}
    title = "Requests per minute" + (" and mean latency" if s.latency_mean_s else "")
    return {"data": data, "layout": _layout(report, title, "requests a minute", **extra)}


def total_error_chart(report: Report) -> dict | None:
    """All ERROR+ entries per minute (the whole window's error rate)."""
    minutes = _minutes(report)
    if not minutes or not report.series.errors:
        return None
    x = [_iso(m) for m in minutes]
    data = [{"type": "scatter", "mode": "lines", "fill": "tozeroy", "name": "errors", "x": x,
             "y": [report.series.errors.get(m, 0) for m in minutes], "line": {"color": "#c0392b"}}]
    return {"data": data, "layout": _layout(report, "All errors per minute", "entries a minute")}


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
