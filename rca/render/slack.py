"""The report as a Slack Block Kit message (`rca generate --format slack`, the /rca command).

Layout: header (priority + the cause's service + what broke), context (window, counts), then the
first screen: summary, status and first action, root cause, impact, actions; then the five whys
and the top clusters with counts, sparklines and samples; footer. Within Block Kit limits: at most 50 blocks,
3,000 characters per section, 150 per header, ~12,000 in all; what does not fit is cut with a note.

Log text is untrusted: `&`, `<`, `>` are escaped so `<!channel>`, `<@U123>` or `<http://x|y>`
in a log line cannot ping anyone or make a link, and it is shown in code spans or blocks.
"""

from __future__ import annotations

import json
import re
from datetime import datetime

from rca.models import error_count
from rca.schema import Report, ReportCluster
from rca.fmt import head_tail

MAX_BLOCKS = 50
MAX_SECTION = 3000
MAX_HEADER = 150
MAX_TOTAL = 12000  # characters of text over all blocks (Slack truncates messages near 13k)
MAX_CLUSTERS = 5
SPARK = "▁▂▃▄▅▆▇█"
SPARK_WIDTH = 24
TRUNCATED_NOTE = "…truncated, full report attached/see `rca generate`"
PRIORITY_ICON = {"P0": ":red_circle:", "P1": ":large_orange_circle:", "P2": ":large_yellow_circle:", "P3": ":large_blue_circle:", "none": ":white_check_mark:"}


# ------------------------------------------------------------------------------ escaping


def escape(text: str) -> str:
    """Slack mrkdwn control characters: the only three Slack asks to escape."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    # typed "@channel"/"@here" are not parsed in API messages, but be safe with log text
    for word in ("channel", "here", "everyone"):
        text = text.replace(f"@{word}", f"@\u200b{word}")
    return text


def code(text: str, limit: int = 300) -> str:
    """Untrusted text as an inline code span (one line, no backticks, escaped)."""
    flat = " ".join(text.split()).replace("`", "ˋ")
    return f"`{escape(clip(flat, limit))}`" if flat else "` `"


def code_block(text: str, limit: int = 1200) -> str:
    body = clip(text.replace("```", "ˋˋˋ"), limit)
    return f"```{escape(body)}```"


def clip(text: str, limit: int) -> str:
    """Head and tail: a traceback sample keeps its exception line."""
    return head_tail(text, limit)


def plain(text: str) -> str:
    """Prose from the analyst: escaped, kept on its lines."""
    return escape(text.strip())


# ------------------------------------------------------------------------------ pieces


def sparkline(timeline: dict[int, int], start_min: int | None = None, end_min: int | None = None, width: int = SPARK_WIDTH) -> str:
    """Unicode bars of a per-minute timeline, bucketed into at most `width` characters."""
    if not timeline:
        return ""
    keys = [int(k) for k in timeline]
    lo = start_min if start_min is not None else min(keys)
    hi = end_min if end_min is not None else max(keys)
    lo, hi = min(lo, min(keys)), max(hi, max(keys))
    span = hi - lo + 1
    buckets = min(width, span)
    def bucket(minute: int) -> int:
        return min(buckets - 1, (minute - lo) * buckets // span)

    width_of = [0] * buckets  # minutes per bucket (they differ by one when span % buckets)
    for minute in range(lo, hi + 1):
        width_of[bucket(minute)] += 1
    sums = [0] * buckets
    for minute, n in timeline.items():
        sums[bucket(int(minute))] += n
    counts = [total / (w or 1) for total, w in zip(sums, width_of)]
    top = max(counts) or 1
    levels = len(SPARK) - 1  # ▁ is reserved for "none": any count shows at least ▂
    return "".join(SPARK[0] if n == 0 else SPARK[1 + min(levels - 1, int(n * levels / top - 1e-9))] for n in counts)


def _minute(value: datetime | None) -> int | None:
    return None if value is None else int(value.timestamp()) // 60


def _fmt_time(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M UTC") if value else "?"


def report_service(report: Report) -> str:
    services = list(report.impact.services)
    if not services:
        for cluster in report.clusters:
            services.extend(s for s in cluster.services if s not in services)
    if not services:
        return "logs"
    return services[0] if len(services) == 1 else f"{services[0]} +{len(services) - 1}"


def top_clusters(report: Report, limit: int = MAX_CLUSTERS) -> list[ReportCluster]:
    """Root-cause clusters first, then candidates, then the largest error clusters."""
    order: list[str] = []
    if report.root_cause:
        order.extend(report.root_cause.cluster_ids)
    order.extend(c.cluster_id for c in report.candidates)
    errors = sorted(
        (c for c in report.clusters if c.role != "noise"),
        key=lambda c: (-error_count(c.by_severity), -c.count),
    )
    order.extend(c.id for c in errors)
    seen: list[ReportCluster] = []
    for cid in order:
        cluster = report.cluster(cid)
        if cluster is not None and cluster not in seen:
            seen.append(cluster)
        if len(seen) >= limit:
            break
    return seen


def _section(text: str) -> dict:
    return {"type": "section", "text": {"type": "mrkdwn", "text": clip_section(text)}}


def clip_section(text: str, limit: int = MAX_SECTION) -> str:
    if len(text) <= limit:
        return text
    note = "\n" + TRUNCATED_NOTE
    cut = text[: limit - len(note)]
    if cut.count("```") % 2:  # do not leave a code block open
        cut = cut[: limit - len(note) - 3] + "```"
    elif cut.count("`") % 2:
        cut = cut[: limit - len(note) - 1] + "`"
    return cut + note


def _context(text: str) -> dict:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": clip_section(text)}]}


def cause_service(report: Report) -> str:
    """The service of the root-cause cluster: the one that is failing, not the first with errors."""
    cause = report.cluster(report.root_cause.cluster_ids[0]) if report.root_cause and report.root_cause.cluster_ids else None
    if cause is not None and cause.services:
        return cause.services[0] if len(cause.services) == 1 else f"{cause.services[0]} +{len(cause.services) - 1}"
    return report_service(report)


def header_text(report: Report) -> str:
    service = cause_service(report)
    if report.priority == "none":
        title = f"{service}: no incident found"
    else:
        cause = report.root_cause.statement if report.root_cause else "errors found"
        cause = cause.removeprefix(service.split(" +")[0] + " ")  # "svc: svc cannot ..." says the name once
        title = f"{report.priority} · {service}: {cause}"
    # plain_text is not mrkdwn, but keep log text in it from looking like <!channel> anyway
    title = title.replace("<", "‹").replace(">", "›")
    return clip(" ".join(title.split()), MAX_HEADER)


def _summary_lines(report: Report) -> str:
    t = report.totals
    errors = error_count(t.by_severity)
    parts = [f"{_fmt_time(report.window.start)} → {_fmt_time(report.window.end)}", f"{t.entries:,} entries", f"{errors:,} errors", f"{t.clusters or len(report.clusters):,} clusters"]
    if report.window.onset:
        parts.append(f"onset {_fmt_time(report.window.onset)}")
    if t.other_clusters:
        parts.append(f"{t.other_entries:,} entries of {t.other_clusters:,} smaller clusters folded into other")
    if t.partial:
        parts.append(":warning: partial read")
    analyst = report.analyst.name + (f" ({report.analyst.model})" if report.analyst.model else "")
    parts.append(f"analyst: {analyst}")
    return " · ".join(escape(p) for p in parts)


def _root_cause(report: Report) -> str:
    rc = report.root_cause
    if rc is None:
        if report.priority == "none":
            return "*No incident found.* " + plain(report.priority_reason or "No error burst stands out in this window.")
        return "*Root cause:* not determined from these logs. " + plain(report.priority_reason)
    lines = [f"*Root cause* ({escape(rc.category)}, confidence {rc.confidence:.0%})", plain(rc.statement)]
    if rc.cluster_ids:  # the templates are under Top clusters, off the first screen
        lines.append("_clusters " + ", ".join(f"`{escape(cid)}`" for cid in rc.cluster_ids[:2]) + "_")
    return "\n".join(lines)


def _link(url: str) -> str:
    """A person's link as a Slack link when it is a plain http(s) URL, else as code."""
    if re.fullmatch(r"https?://[^\s<>|`]+", url):
        return f"<{escape(url)}>"
    return code(url, 200)


def history_line(report: Report) -> str | None:
    """"Seen 3 times this week, last on 2025-09-16: <root cause> (<link>)" from the history store."""
    if not report.similar_incidents:
        return None
    top = report.similar_incidents[0]
    root = report.cluster(report.root_cause.cluster_ids[0]) if report.root_cause and report.root_cause.cluster_ids else None
    past = root.history if root is not None and root.history is not None and root.history.status == "recurring" else None
    if past is not None and past.recent_runs:
        seen = f"Seen {past.recent_runs} time{'s' if past.recent_runs != 1 else ''} this week, last on {past.last_seen:%Y-%m-%d}"
    elif past is not None:
        seen = f"Seen {past.runs} time{'s' if past.runs != 1 else ''} before, last on {past.last_seen:%Y-%m-%d}"
    else:
        when = f"{top.window.start:%Y-%m-%d}" if top.window.start else f"run {top.run_id}"
        seen = f"Looks like {when}"
    cause = plain(clip(" ".join((top.root_cause or "no root cause recorded").split()), 300))
    links = [u for u in top.links if u != top.report] or top.links
    link = f" ({_link(links[0])})" if links else f" (run {top.run_id})"
    return f":repeat: {seen}: {cause}{link}"


def _answer(report: Report) -> str | None:
    """The first screen: the summary, whether it is still happening, the first thing to do."""
    lines = [f"*Summary:* {plain(report.summary)}"] if report.summary else []
    st = report.status
    if st.state != "unknown":
        when = f"; last error {_fmt_time(st.last_error_at)}" if st.last_error_at else ""
        quiet = f", quiet for {st.quiet_for_s / 60:.0f} min before the logs end" if st.state == "stopped" and st.quiet_for_s else ""
        lines.append(f"*Status:* {escape(st.state)}{quiet}{when}")
    now = [a for a in report.remediation if a.timeframe.lower().startswith("now")] or report.remediation
    if now and report.priority != "none" and "first action:" not in report.summary:  # said once
        lines.append(f"*First action:* {plain(now[0].action)}")
    return "\n".join(lines) if lines else None


def _impact(report: Report) -> str | None:
    imp = report.impact
    lines = []
    if report.impact_summary:
        lines.append(plain(report.impact_summary))
    numbers = []
    if imp.total_requests:
        rate = f" ({imp.error_rate:.1%})" if imp.error_rate is not None else ""
        numbers.append(f"{imp.failed_requests:,}/{imp.total_requests:,} requests failed{rate}")
    if imp.restarts:
        numbers.append(f"{imp.restarts:,} restarts")
    if imp.duration_s:
        numbers.append(f"{imp.duration_s / 60:.0f} min since onset")
    if numbers:
        lines.append(" · ".join(numbers))
    for ep in imp.endpoints[:3]:
        lines.append(f"• {code(ep.endpoint, 120)} {ep.failed:,}/{ep.total:,} failed")
    if report.priority_reason and report.priority != "none":
        lines.append(f"_{escape(report.priority)}: {plain(report.priority_reason)}_")
    return ("*Impact*\n" + "\n".join(lines)) if lines else None


def _cluster_text(report: Report, cluster: ReportCluster) -> str:
    start, end = _minute(report.window.start), _minute(report.window.end)
    spark = sparkline(cluster.timeline, start, end) or cluster.sparkline
    role = f" · {escape(cluster.role)}" if cluster.role not in ("", "other") else ""
    head = f"`{spark}` *{cluster.count:,}×* {escape(cluster.severity)}{role}" if spark else f"*{cluster.count:,}×* {escape(cluster.severity)}{role}"
    lines = [head, code(cluster.template, 500)]
    if cluster.samples and cluster.samples[0].strip() != cluster.template.strip():
        lines.append(code_block(cluster.samples[0], 700))
    if cluster.first_seen:
        lines.append(f"_first {_fmt_time(cluster.first_seen)} · last {_fmt_time(cluster.last_seen)}_")
    return "\n".join(lines)


def _whys(report: Report) -> str | None:
    if not report.five_whys:
        return None
    lines = ["*Five whys*"]
    for i, why in enumerate(report.five_whys[:5], 1):
        lines.append(f"{i}. _{plain(why.question)}_\n    {plain(why.answer)}")
    return "\n".join(lines)


def _actions(report: Report) -> str | None:
    if not report.remediation:
        return None
    lines = ["*Actions*"]
    for action in report.remediation[:8]:
        owner = f" ({escape(action.owner)})" if action.owner else ""
        lines.append(f"• *{escape(action.timeframe)}*: {plain(action.action)}{owner}")
    return "\n".join(lines)


# ------------------------------------------------------------------------------ message


def render_slack(report: Report, footer: str | None = None) -> dict:
    """A Block Kit message (`{"text", "blocks"}`) that stays within Slack's limits."""
    icon = PRIORITY_ICON.get(report.priority, "")
    head = header_text(report)
    blocks: list[dict] = [
        {"type": "header", "text": {"type": "plain_text", "text": head, "emoji": True}},
        _context(f"{icon} {_summary_lines(report)}"),
    ]
    # first screen: the answer (summary, status, first action), whether it was seen before, then
    # cause, impact and actions; the masked templates and samples come after them
    answer = _answer(report)
    if answer:
        blocks.append(_section(answer))
    seen = history_line(report)
    if seen:
        blocks.append(_context(seen))
    for text in (_root_cause(report), _impact(report), _actions(report), _whys(report)):
        if text:
            blocks.append(_section(text))
    clusters = top_clusters(report)
    if clusters:
        blocks.append({"type": "divider"})
        blocks.append(_section(f"*Top clusters* (of {len(report.clusters):,})"))
        blocks.extend(_section(_cluster_text(report, c)) for c in clusters)
    tail = footer or "Full report: `rca generate` (Markdown, HTML or JSON)"
    blocks = _fit(blocks, _context(tail))
    return {"text": escape(head), "blocks": blocks}


def _fit(blocks: list[dict], footer: dict) -> list[dict]:
    """Drop trailing blocks past the block/character budget; say so in the footer."""
    budget = MAX_TOTAL - _size(footer) - len(TRUNCATED_NOTE) - 10
    kept: list[dict] = []
    used = 0
    truncated = False
    for block in blocks:
        size = _size(block)
        if len(kept) >= MAX_BLOCKS - 2 or used + size > budget:
            truncated = True
            break
        kept.append(block)
        used += size
    while kept and kept[-1]["type"] == "divider":
        kept.pop()
    if truncated:
        footer = _context(TRUNCATED_NOTE + " · " + footer["elements"][0]["text"])
    return kept + [footer]


def _size(block: dict) -> int:
    if "text" in block:
        return len(block["text"]["text"])
    return sum(len(e.get("text", "")) for e in block.get("elements", []))


def render_slack_json(report: Report) -> str:
    return json.dumps(render_slack(report), indent=2, ensure_ascii=False, allow_nan=False)
