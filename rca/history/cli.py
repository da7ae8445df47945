"""`rca history list | show RUN | search FINGERPRINT|TEXT | link RUN URL | prune`.

Every command takes `--history` (or RCA_HISTORY): a file path or a database URL; the default is
the SQLite file in the user data folder. `--json` prints the same data as JSON for scripts.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Annotated, Optional

import typer

from rca.errors import UsageError

history_app = typer.Typer(help="Past runs: list, show, search, link a ticket, prune.", no_args_is_help=True)

LocationOpt = Annotated[
    Optional[str],
    typer.Option("--history", envvar="RCA_HISTORY", help="History store: a file path or a database URL (postgresql://…). Default: rca's SQLite file in the user data folder."),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON.")]


def _open(location: str | None):
    from rca.history.store import HistoryStore

    return HistoryStore.open(location)


def _when(dt: datetime | None) -> str:
    return dt.strftime("%Y-%m-%d %H:%M") if dt else "-"


def _line(s) -> str:
    what = s.root_cause or s.title or "-"
    what = " ".join(what.split())
    if len(what) > 90:
        what = what[:89] + "…"
    return f"{s.run_id:>5}  {_when(s.window_start):16}  {s.kind:8}  {s.priority:4}  {s.clusters:>5}  {what}"


def _print_runs(found: list, as_json: bool) -> None:
    if as_json:
        typer.echo(json.dumps([s.model_dump(mode="json") for s in found], indent=2, ensure_ascii=False))
        return
    if not found:
        typer.echo("no runs")
        return
    typer.echo(f"{'run':>5}  {'window start (UTC)':16}  {'kind':8}  {'prio':4}  {'clust':>5}  root cause / title")
    for s in found:
        typer.echo(_line(s))


@history_app.command("list")
def list_runs(
    location: LocationOpt = None,
    limit: Annotated[int, typer.Option("--limit", help="Newest runs to show.")] = 20,
    as_json: JsonOpt = False,
) -> None:
    """The newest runs, newest first."""
    with _open(location) as store:
        _print_runs(store.list_runs(limit=max(1, limit)), as_json)


@history_app.command("show")
def show(
    run: Annotated[int, typer.Argument(help="Run id (from `rca history list`).")],
    location: LocationOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """One run: its window, root cause, links and clusters."""
    with _open(location) as store:
        detail = store.show(run)
    if as_json:
        typer.echo(json.dumps(detail.model_dump(mode="json"), indent=2, ensure_ascii=False))
        return
    typer.echo(f"run {detail.run_id} ({detail.kind}{', healthy' if detail.healthy else ''}), recorded {_when(detail.recorded_at)} UTC")
    typer.echo(f"window:     {_when(detail.window_start)} to {_when(detail.window_end)} UTC")
    typer.echo(f"source:     {detail.source or '-'}")
    typer.echo(f"services:   {', '.join(detail.services) or '-'}")
    typer.echo(f"priority:   {detail.priority}")
    typer.echo(f"root cause: {detail.root_cause or '-'}")
    if detail.report:
        typer.echo(f"report:     {detail.report}")
    for url in detail.links:
        typer.echo(f"link:       {url}")
    typer.echo(f"clusters:   {len(detail.cluster_rows)}")
    for c in detail.cluster_rows[:30]:
        typer.echo(f"  {c.fingerprint}  {c.severity:8} {c.count:>7}  {c.rate_per_min:8.2f}/min  {c.role:8} {' '.join(c.template.split())[:80]}")


@history_app.command("search")
def search(
    query: Annotated[str, typer.Argument(help="A cluster fingerprint (e.g. c7308a5f), or text in a root cause, title or template.")],
    location: LocationOpt = None,
    limit: Annotated[int, typer.Option("--limit")] = 20,
    as_json: JsonOpt = False,
) -> None:
    """Runs holding a fingerprint, or whose root cause, title or a template contains the text."""
    if not query.strip():
        raise UsageError("give a fingerprint or some text to search for")
    with _open(location) as store:
        _print_runs(store.search(query, limit=max(1, limit)), as_json)


@history_app.command("link")
def link(
    run: Annotated[int, typer.Argument(help="Run id.")],
    url: Annotated[str, typer.Argument(help="Ticket, postmortem or chat link.")],
    location: LocationOpt = None,
) -> None:
    """Attach a ticket or postmortem link to a run; later similar reports show it."""
    if not url.strip() or any(ch.isspace() for ch in url.strip()):
        raise UsageError("the link must be one URL without spaces")
    with _open(location) as store:
        store.add_link(run, url.strip())
    typer.echo(f"linked run {run} to {url.strip()}", err=True)


@history_app.command("prune")
def prune(
    location: LocationOpt = None,
    older_than: Annotated[str, typer.Option("--older-than", help="Delete runs recorded longer ago than this: 90d, 12w, 24h.")] = "365d",
    keep: Annotated[int, typer.Option("--keep", help="Keep at most this many newest runs.")] = 5000,
) -> None:
    """Delete old runs (every recorded run also prunes with the defaults) and compact the file."""
    from rca.sources.live import parse_since

    try:
        age = parse_since(older_than)
    except (UsageError, ValueError):
        raise UsageError(f"--older-than {older_than!r}: use a number and s, m, h, d or w, e.g. 90d") from None
    if keep < 0:
        raise UsageError("--keep must be zero or more")
    with _open(location) as store:
        deleted = store.prune(keep_days=age.total_seconds() / 86400, keep_runs=keep)
        store.compact()
    typer.echo(f"deleted {deleted} runs", err=True)
