"""Jinja2 filters: formatting (rca.fmt) and escaping of untrusted log text."""

from __future__ import annotations

import re

from rca import fmt
from rca.models import Candidate, error_count
from rca.schema import Report

_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")  # only what CommonMark could read as raw HTML
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|#!])")


def md_text(text: str) -> str:
    """Plain Markdown text: escape what could format, link or inject HTML."""
    return _MD_SPECIAL.sub(r"\\\1", str(text)).replace("\n", " ")


def md_code(text: str, limit: int = 200) -> str:
    """Inline code span that no backtick run in the text can close."""
    text = str(text).replace("\n", " ⏎ ")
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    ticks = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or longest else ""
    return f"{ticks}{pad}{text}{pad}{ticks}"


def md_fence(text: str, lang: str = "text") -> str:
    """Fenced block whose fence is longer than any backtick run inside (CommonMark)."""
    longest = max((len(m) for m in re.findall(r"`{3,}", str(text))), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{lang}\n{str(text).rstrip()}\n{fence}"


def md_cell(text: str, limit: int = 90) -> str:
    """A table cell: inline code, pipes escaped."""
    return md_code(text, limit).replace("|", "\\|")


def prose(text: str) -> str:
    """Analyst prose: keep its inline code spans, escape anything that could start raw HTML and
    stray pipes (tables), one paragraph. `<0.1%` stays as it is: it cannot open a tag."""
    parts = re.split(r"(`[^`]*`)", str(text))
    out = []
    for part in parts:
        if part.startswith("`") and part.endswith("`") and len(part) > 1:
            out.append(part)
        else:
            out.append(_TAG_START.sub("&lt;", part).replace("|", "\\|").replace("\n", " "))
    return "".join(out)


def html_prose(text: str):
    """Analyst prose for HTML: escaped, with its `code spans` as <code> (not literal backticks)."""
    from markupsafe import Markup, escape

    parts = re.split(r"(`[^`]*`)", str(text))
    out = []
    for part in parts:
        if part.startswith("`") and part.endswith("`") and len(part) > 1:
            out.append(Markup("<code>") + escape(part[1:-1]) + Markup("</code>"))
        else:
            out.append(escape(part))
    return Markup("").join(out)


def md_html(text: str):
    """Markdown we generated (a follow-up body) as HTML; raw HTML in it is escaped, not passed."""
    from markdown_it import MarkdownIt
    from markupsafe import Markup

    return Markup(MarkdownIt("commonmark", {"html": False}).render(str(text)))


def rivals(report: Report) -> list[Candidate]:
    """The candidates besides the root cause's clusters, a rival the statement names ("fits nearly
    as well") first, so that a table cut to its first rows never drops it."""
    rc = report.root_cause
    others = [c for c in report.candidates if rc is None or c.cluster_id not in rc.cluster_ids]
    if rc is None:
        return others
    return [c for c in others if c.cluster_id in rc.statement] + [c for c in others if c.cluster_id not in rc.statement]


FILTERS = {
    "time": fmt.fmt_time,
    "clock": fmt.fmt_clock,
    "int": fmt.fmt_int,
    "pct": fmt.fmt_pct,
    "share": fmt.fmt_share,
    "secs": fmt.fmt_seconds,
    "duration": fmt.fmt_duration,
    "md_text": md_text,
    "md_code": md_code,
    "md_fence": md_fence,
    "md_cell": md_cell,
    "prose": prose,
    "cut": fmt.cut_lines,
    "html_prose": html_prose,
    "md_html": md_html,
    "rivals": rivals,
    "errors": error_count,
}
