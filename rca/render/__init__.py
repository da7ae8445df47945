"""Render stage: Report -> Markdown (house format), JSON, HTML or Slack Block Kit.

Templates live in the top-level `templates/` folder (in a wheel: rca/_resources/templates).
Log text is fenced and escaped here: a log line cannot end a code fence, inject HTML or ping
a Slack channel.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from rca.errors import UsageError
from rca.schema import Report


def resource_dir(name: str) -> Path:
    """`templates` or `prompts`: the repo folder in a checkout, the packaged copy in a wheel."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here.parent / name, here / "_resources" / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"rca resource folder {name!r} not found")


@lru_cache(maxsize=4)
def _env(autoescape: bool):
    import jinja2

    from rca.render import filters

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(resource_dir("templates"))),
        autoescape=autoescape,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters.update(filters.FILTERS)
    return env


MAX_MARKDOWN_LINES = 120
# From the fullest Markdown to the shortest: evidence table rows, sample blocks, lines a sample
# keeps (head and tail), endpoint and candidate rows.
FITS = (
    dict(rows=12, samples=4, sample_lines=12, endpoints=5, candidates=3),
    dict(rows=10, samples=3, sample_lines=8, endpoints=5, candidates=3),
    dict(rows=8, samples=3, sample_lines=6, endpoints=3, candidates=2),
    dict(rows=6, samples=2, sample_lines=5, endpoints=3, candidates=1),
    dict(rows=5, samples=1, sample_lines=4, endpoints=2, candidates=1),
)


def render_markdown(report: Report, max_lines: int = MAX_MARKDOWN_LINES) -> str:
    """The fullest Markdown that fits in `max_lines` (the evidence shrinks first)."""
    from rca import __version__

    template = _env(False).get_template("report.md.j2")
    for fit in FITS:
        text = template.render(r=report, version=__version__, fit=fit)
        if text.count("\n") <= max_lines:
            break
    return text


def render_issues(report: Report) -> str:
    """The follow-ups as issues ready to file: a `## title` and a body with the evidence each."""
    from rca import __version__

    return _env(False).get_template("issues.md.j2").render(r=report, version=__version__)


def render_html(report: Report) -> str:
    """One self-contained file: every section of the Markdown plus plotly charts, no network."""
    from rca import __version__
    from rca.render.charts import charts, plotly_js

    return _env(True).get_template("report.html.j2").render(
        r=report, version=__version__, charts=charts(report), plotly_js=plotly_js()
    )


def render_json(report: Report) -> str:
    """Pydantic writes NaN and infinities as null: the output is always valid JSON."""
    return report.model_dump_json(indent=2)


def render(report: Report, fmt: str) -> str:
    if fmt == "md":
        return render_markdown(report)
    if fmt == "json":
        return render_json(report)
    if fmt == "html":
        return render_html(report)
    if fmt == "issues":
        return render_issues(report)
    if fmt == "slack":
        from rca.render.slack import render_slack_json

        return render_slack_json(report)
    raise UsageError(f"unknown format {fmt!r}: use md, json, html, slack or issues")
