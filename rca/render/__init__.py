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


def render_markdown(report: Report) -> str:
    from rca import __version__

    return _env(False).get_template("report.md.j2").render(r=report, version=__version__)


def render_html(report: Report) -> str:
    from rca import __version__

    return _env(True).get_template("report.html.j2").render(r=report, version=__version__)


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
    if fmt == "slack":
        from rca.render.slack import render_slack_json

        return render_slack_json(report)
    raise UsageError(f"unknown format {fmt!r}: use md, json, html or slack")
