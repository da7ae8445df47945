"""Thin typer commands: parse arguments, call the pipeline, map errors to exit codes.

Exit codes: 0 report written, 2 usage or bad input, 1 internal error. Heavy libraries (drain3,
anthropic, google-cloud-logging, slack) are imported inside the commands that need them so that
`rca --help` stays instant.
"""

from __future__ import annotations

import errno
import functools
import inspect
import os
import sys
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from rca import __version__
from rca.errors import OutputError, RcaError, UsageError
from rca.llm import CHOICES
from rca.output import refuse_overwrite
from rca.batches import DEFAULT_ENGINE, ENGINES

app = typer.Typer(
    name="rca",
    help="Root-cause reports from Google Cloud service logs.",
    add_completion=False,
    pretty_exceptions_enable=False,
    no_args_is_help=True,
)
eval_app = typer.Typer(help="Replay historical incidents and score the reports; measure template mining.", no_args_is_help=True)
serve_app = typer.Typer(help="Run rca as a service.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")
app.add_typer(serve_app, name="serve")


def _add_history_app() -> None:
    from rca.history.cli import history_app

    app.add_typer(history_app, name="history")


_add_history_app()


class InputFormat(str, Enum):
    auto = "auto"
    gcloud_json = "gcloud-json"
    jsonl = "jsonl"
    text = "text"


Engine = Enum("Engine", {name: name for name in ENGINES}, type=str)  # rca.batches.ENGINES


class OutputFormat(str, Enum):
    md = "md"
    json = "json"
    html = "html"
    slack = "slack"
    issues = "issues"


Provider = Enum("Provider", {name: name for name in CHOICES}, type=str)  # from the registry in rca.llm


# ---------------------------------------------------------------- shared options (defined once)
FileOpt = Annotated[Optional[str], typer.Option("--file", "-f", help="Log export to read: JSON array (gcloud), .gz, JSON lines or text; '-' for stdin.")]
InputFormatOpt = Annotated[InputFormat, typer.Option("--input-format", help="Force the input format instead of detecting it.")]
ProjectOpt = Annotated[Optional[str], typer.Option("--project", help="Read live from Cloud Logging in this GCP project.")]
FilterOpt = Annotated[Optional[str], typer.Option("--filter", help="Extra Cloud Logging filter expression (with --project or --bigquery).")]
SinceOpt = Annotated[Optional[str], typer.Option("--since", help="Window length back from now: 30m, 1h, 6h, 1d (with --project or --bigquery).")]
StartOpt = Annotated[Optional[str], typer.Option("--start", help="Window start, RFC 3339 (with --project or --bigquery).")]
EndOpt = Annotated[Optional[str], typer.Option("--end", help="Window end, RFC 3339 (with --project or --bigquery).")]
SeverityOpt = Annotated[Optional[str], typer.Option("--severity", help="Minimum severity, e.g. WARNING (with --project or --bigquery).")]
ServiceOpt = Annotated[Optional[str], typer.Option("--service", help="Cloud Run service / k8s container name (with --project or --bigquery).")]
BaselineOpt = Annotated[Optional[str], typer.Option("--baseline", help="With --project: also read this long a window just before the one asked for (default 30m; 2h, or 0 for none); streams running there are background.")]
MaxEntriesOpt = Annotated[int, typer.Option("--max-entries", help="Stop after this many entries, newest first; the report says it is partial (with --project or --bigquery).")]
OutputOpt = Annotated[Optional[Path], typer.Option("--output", "-o", help="Write here instead of stdout.")]
ForceOpt = Annotated[bool, typer.Option("--force", help="Overwrite --output if it exists.")]
NoRedactOpt = Annotated[bool, typer.Option("--no-redact", help="Do not redact secrets and personal data (not recommended).")]
ProgressOpt = Annotated[Optional[bool], typer.Option("--progress/--no-progress", help="Progress bar (default: on when stderr is a terminal).")]
BigQueryOpt = Annotated[Optional[str], typer.Option("--bigquery", help="Reduce logs in BigQuery: a Log Analytics view (PROJECT.LINKED_DATASET._AllLogs) or a log-sink table; window with --since or --start/--end (docs/bigquery.md).")]
DryRunOpt = Annotated[bool, typer.Option("--dry-run", help="With --bigquery: print the bytes the query would process (a free BigQuery dry run) and exit.")]
ShowSqlOpt = Annotated[bool, typer.Option("--show-sql", help="With --bigquery: print the query and exit.")]
BillingProjectOpt = Annotated[Optional[str], typer.Option("--billing-project", help="With --bigquery: the project the query job runs in (default: the table's).")]
HistoryOpt = Annotated[Optional[str], typer.Option("--history", envvar="RCA_HISTORY", help="History store: a file path or a database URL (postgresql://…). Default: rca's SQLite file in the user data folder.")]
EngineOpt = Annotated[Engine, typer.Option("--engine", help="How a JSON export is reduced: duckdb (a query plan) or python (record by record); same results.")]
NoHistoryOpt = Annotated[bool, typer.Option("--no-history", help="Neither read nor record run history.")]


class OptionGroup:
    """Options several commands take, declared once: as a decorator it adds them to a command's
    parameters (Typer reads the signature) and hands their values to it as one dict, `name`."""

    def __init__(self, name: str, **options: tuple[object, object]) -> None:
        self.name, self.options = name, options  # parameter -> (Annotated type, default)

    def __call__(self, command: Callable) -> Callable:
        signature = inspect.signature(command, eval_str=True)
        own = [p for p in signature.parameters.values() if p.name != self.name]
        added = [inspect.Parameter(n, inspect.Parameter.KEYWORD_ONLY, default=d, annotation=a) for n, (a, d) in self.options.items()]

        @functools.wraps(command)
        def run(*args: object, **kwargs: object) -> object:
            kwargs[self.name] = {n: kwargs.pop(n) for n in self.options}
            return command(*args, **kwargs)

        run.__signature__ = signature.replace(parameters=[*own, *added])  # type: ignore[attr-defined]
        return run


# --since/--start/--end: the window read (live or in BigQuery); LiveQuery's and BigQueryQuery's names
window_options = OptionGroup("window", since=(SinceOpt, None), start=(StartOpt, None), end=(EndOpt, None))
# what Cloud Logging selects besides the window (LiveQuery's names)
select_options = OptionGroup("select", filter=(FilterOpt, None), severity=(SeverityOpt, None), service=(ServiceOpt, None),
                             max_entries=(MaxEntriesOpt, 0))
bigquery_options = OptionGroup("bq", bigquery=(BigQueryOpt, None), dry_run=(DryRunOpt, False), show_sql=(ShowSqlOpt, False),
                               billing_project=(BillingProjectOpt, None))


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"rca {__version__} (engine: {DEFAULT_ENGINE}; --engine duckdb: DuckDB {version('duckdb')})")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")] = False,
) -> None:
    """rca: root-cause reports from Google Cloud service logs."""


def write_output(text: str, output: Path | None, force: bool) -> None:
    """Print, or write (rca.output: atomic, through symlinks, devices in place); never overwrite a
    user's file without --force. A closed or full stdout is a one-line error."""
    from rca.output import open_output

    text = text if text.endswith("\n") else text + "\n"
    if output is None:
        try:
            sys.stdout.write(text)
            sys.stdout.flush()
        except OSError as exc:
            _silence_stdout()
            raise OutputError(f"cannot write the report to stdout: {exc.strerror or exc}") from None
        return
    with open_output(output, force) as fh:
        fh.write(text)


def _silence_stdout() -> None:
    """After EPIPE/ENOSPC on stdout, point it at /dev/null so the interpreter's final flush
    does not print a second error."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def refuse_live_filters(file: str | None, live: dict) -> None:
    """--service, --severity, --since/--start/--end, --filter and --max-entries select entries in
    Cloud Logging (--project). With --file they would be silently ignored, so they are refused."""
    if not file:
        return
    flags = {"service": "--service", "severity": "--severity", "since": "--since", "start": "--start", "end": "--end",
             "filter": "--filter", "max_entries": "--max-entries"}
    given = [flag for key, flag in flags.items() if live.get(key)]
    if given:
        raise UsageError(
            f"{', '.join(given)} select{'s' if len(given) == 1 else ''} entries in Cloud Logging (--project) and "
            f"{'is' if len(given) == 1 else 'are'} not applied to --file; read with --project, or cut the file "
            "first (e.g. `jq` on the export)"
        )


def _connection(ctx: typer.Context):
    """The Cloud Logging connection: production's unless a caller embedding the app passes one as
    the click context object (`app(obj=Connection(...))`: a test's local endpoint and clock)."""
    from rca.sources.live import Connection

    return ctx.obj if isinstance(ctx.obj, Connection) else None


def _bigquery_connection(ctx: typer.Context | None):
    """The BigQuery connection a caller embedding the app passes as the click context object
    (`app(obj=BigQueryConnection(...))`: a test's local endpoint), else production's."""
    from rca.sources.bigquery import BigQueryConnection

    obj = ctx.obj if ctx is not None else None
    return obj if isinstance(obj, BigQueryConnection) else None


def _bigquery_query(table: str, file: str | None, live: dict, billing_project: str | None):
    """--bigquery with its window; the Cloud Logging selectors are not applied to it, so refused."""
    from rca.sources.bigquery import BigQueryQuery

    if file or live.get("project"):
        raise UsageError("give one of --file, --project or --bigquery")
    flags = {"service": "--service", "severity": "--severity", "filter": "--filter", "max_entries": "--max-entries"}
    given = [flag for key, flag in flags.items() if live.get(key)]
    if given:
        raise UsageError(f"{', '.join(given)} {'is' if len(given) == 1 else 'are'} not applied to --bigquery "
                         "(it reads the whole window); use --since or --start/--end")
    return BigQueryQuery(table=table, since=live.get("since"), start=live.get("start"), end=live.get("end"),
                         billing_project=billing_project)


def _bigquery_only(ctx: typer.Context | None, bq: dict, file: str | None, live: dict) -> bool:
    """--show-sql / --dry-run (`bq`: bigquery_options): print and return True (the command then stops)."""
    if not (bq["dry_run"] or bq["show_sql"]):
        return False
    if not bq["bigquery"]:
        raise UsageError("--dry-run and --show-sql go with --bigquery")
    from rca.sources import bigquery

    query = _bigquery_query(bq["bigquery"], file, live, bq["billing_project"])
    if bq["show_sql"]:
        sql = bigquery.build_sql(query, bigquery.make_client(query, _bigquery_connection(ctx)))
        write_output(sql, None, False)
    if bq["dry_run"]:
        _, processed = bigquery.dry_run(query, _bigquery_connection(ctx))
        typer.echo(f"{query.table}: this query would process {processed} bytes ({bigquery.format_bytes(processed)}); "
                   "BigQuery bills on-demand queries by bytes processed")
    return True


def _open_records(file: str | None, input_format: InputFormat, live: dict, progress: bool | None, connection=None,
                  baseline: str | None = None, engine: Engine = Engine[DEFAULT_ENGINE], bq: dict | None = None,
                  ctx: typer.Context | None = None):
    """Pick the source: a file/stdin, live Cloud Logging or BigQuery (`bq`: bigquery_options). Returns
    (records, stats, baseline): with --project, `baseline` (rca.pipeline.Baseline or None) reads the
    window before the asked one."""
    from rca.models import ReadStats

    stats = ReadStats()
    if bq and bq["bigquery"]:
        from rca.sources.bigquery import BigQueryRecords

        query = _bigquery_query(bq["bigquery"], file, live, bq["billing_project"])
        if baseline is not None:
            raise UsageError("--baseline reads the window before --project's; it is not applied to --bigquery")
        return BigQueryRecords(query, stats, _bigquery_connection(ctx)), stats, None
    if live.get("project"):
        if file:
            raise UsageError("give either --file or --project, not both")
        from rca.pipeline import Baseline
        from rca.sources.live import LiveQuery, baseline_query, parse_baseline, pinned, read_live

        span = parse_baseline(baseline)
        query = pinned(LiveQuery(**live))
        before = None
        if span is not None:
            words = describe_span(span)
            before = Baseline(read_live(baseline_query(query, span), ReadStats(), connection=connection), words)
        return read_live(query, stats, progress=progress, connection=connection), stats, before
    if baseline is not None:
        raise UsageError("--baseline reads the window before --project's; with --file, cut the baseline into the file")
    if not file:
        raise UsageError("nothing to read: give --file PATH (or '-' for stdin), --project P or --bigquery P.D.TABLE")
    refuse_live_filters(file, live)
    from rca.sources import read_records

    return read_records(file, input_format.value, stats, engine.value), stats, None


def describe_span(span) -> str:  # noqa: ANN001 - a timedelta
    """"30 minutes", "2 hours", "1 day": a baseline's length as the report names it."""
    seconds = int(span.total_seconds())
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds % size == 0:
            n = seconds // size
            return f"{n} {unit}{'s' if n != 1 else ''}"
    return f"{seconds} seconds"


@app.command()
@window_options
@select_options
@bigquery_options
def generate(
    ctx: typer.Context,
    file: FileOpt = None,
    input_format: InputFormatOpt = InputFormat.auto,
    project: ProjectOpt = None,
    baseline: BaselineOpt = None,
    format_: Annotated[OutputFormat, typer.Option("--format", help="md (default; rendered to the terminal's width on a terminal), json, html (self-contained, with charts), slack (Block Kit JSON) or issues (the follow-ups, ready to file).")] = OutputFormat.md,
    output: OutputOpt = None,
    force: ForceOpt = False,
    provider: Annotated[Provider, typer.Option("--provider", help="auto: anthropic when ANTHROPIC_API_KEY is set, else offline.")] = Provider.auto,
    model: Annotated[Optional[str], typer.Option("--model", envvar="RCA_MODEL", help="Claude model for the anthropic provider.")] = None,
    budget_tokens: Annotated[int, typer.Option("--budget-tokens", help="Token budget of the evidence sent to the model.")] = 8000,
    record: Annotated[Optional[str], typer.Option("--record", help="Store each model request/answer in this folder.")] = None,
    replay: Annotated[Optional[str], typer.Option("--replay", help="Folder of recorded answers for --provider replay.")] = None,
    no_redact: NoRedactOpt = False,
    progress: ProgressOpt = None,
    history: HistoryOpt = None,
    no_history: NoHistoryOpt = False,
    engine: EngineOpt = Engine[DEFAULT_ENGINE],
    *, window: dict, select: dict, bq: dict,  # window_options, select_options, bigquery_options
) -> None:
    """Analyse logs and write a root-cause report (and record it in the run history)."""
    from rca.llm.base import AnalystOptions
    from rca.pipeline import build_report
    from rca.progress import progress_bar
    from rca.render import render

    live = dict(project=project, **window, **select)
    if _bigquery_only(ctx, bq, file, live):
        return
    refuse_overwrite(output, force)
    records, stats, before = _open_records(file, input_format, live, progress, _connection(ctx), baseline, engine, bq, ctx)
    options = AnalystOptions(provider=provider.value, model=model, budget_tokens=budget_tokens, record_dir=record, replay_dir=replay, redact=not no_redact)
    hook = None
    if not no_history:
        from rca.history.hook import HistoryHook

        hook = HistoryHook.open(history)
    try:
        with progress_bar("Mining log entries", enabled=progress) as update:
            report = build_report(records, stats, options, progress=update, history=hook, baseline=before)
        text = render(report, format_.value)
        if format_ is OutputFormat.md and output is None and sys.stdout.isatty():
            from rca.render.terminal import print_markdown

            print_markdown(text)
        else:
            write_output(text, output, force)
        if hook is not None:  # recorded only once the report is written
            hook.record(report, report_ref=str(output.resolve()) if output else None)
    finally:
        if hook is not None:  # the store's connection is released on every path, errors included
            hook.close()


@app.command()
@window_options
@select_options
def baseline(
    file: FileOpt = None,
    input_format: InputFormatOpt = InputFormat.auto,
    project: ProjectOpt = None,
    history: HistoryOpt = None,
    progress: ProgressOpt = None,
    engine: EngineOpt = Engine[DEFAULT_ENGINE],
    *, window: dict, select: dict,  # window_options, select_options
) -> None:
    """Record a healthy window (from a file, or live with --project) in the run history.

    Clusters it shows at the same rate later count as background, not as causes."""
    from rca.history.hook import record_baseline
    from rca.history.store import HistoryStore
    from rca.pipeline import mine_records
    from rca.progress import progress_bar

    records, stats, _ = _open_records(file, input_format, dict(project=project, **window, **select), progress, engine=engine)
    with HistoryStore.open(history) as store:
        with progress_bar("Mining log entries", enabled=progress) as update:
            mining = mine_records(records, stats, progress=update)
        run_id = record_baseline(store, mining)
    span = f"{mining.window_start:%Y-%m-%d %H:%M} to {mining.window_end:%Y-%m-%d %H:%M} UTC" if mining.window_start and mining.window_end else "no timestamps"
    typer.echo(f"recorded healthy window as run {run_id}: {len(mining.clusters)} clusters, {span}, in {store.display}", err=True)


@app.command()
@window_options
@bigquery_options
def mine(
    ctx: typer.Context,
    file: FileOpt = None,
    input_format: InputFormatOpt = InputFormat.auto,
    format_: Annotated[str, typer.Option("--format", help="table (default) or json.")] = "table",
    top: Annotated[int, typer.Option("--top", help="How many clusters to show in the table.")] = 30,
    output: OutputOpt = None,
    force: ForceOpt = False,
    no_redact: NoRedactOpt = False,
    progress: ProgressOpt = None,
    engine: EngineOpt = Engine[DEFAULT_ENGINE],
    *, window: dict, bq: dict,  # window_options, bigquery_options
) -> None:
    """Mine templates only (clusters with counts), no analysis."""
    from rca.pipeline import mine_records
    from rca.progress import progress_bar
    from rca.redact import Redactor
    from rca.render.mining import render_mining_json, render_mining_table

    if format_ not in ("table", "json"):
        raise UsageError("--format must be table or json")
    if not bq["bigquery"] and any(window.values()):
        raise UsageError("--since/--start/--end select a window with --bigquery; `rca mine` reads --file whole")
    if _bigquery_only(ctx, bq, file, window):
        return
    refuse_overwrite(output, force)
    records, stats, _ = _open_records(file, input_format, window, progress, None, None, engine, bq, ctx)
    with progress_bar("Mining log entries", enabled=progress) as update:
        result = mine_records(records, stats, progress=update)
    result = Redactor(enabled=not no_redact).tree(result)  # the output boundary, as for reports
    text = render_mining_json(result) if format_ == "json" else render_mining_table(result, top=top)
    write_output(text, output, force)


@app.command()
def schema() -> None:
    """Print the report's JSON Schema."""
    import json

    from rca.schema import report_json_schema

    typer.echo(json.dumps(report_json_schema(), indent=2))


@app.command()
@window_options
@select_options
def fetch(
    ctx: typer.Context,
    project: Annotated[str, typer.Option("--project", help="GCP project to read from.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Where to write the export (gcloud JSON format).")],
    force: ForceOpt = False,
    no_redact: NoRedactOpt = False,
    progress: ProgressOpt = None,
    *, window: dict, select: dict,  # window_options, select_options
) -> None:
    """Fetch entries from Cloud Logging into a file that `--file` reads back (secrets redacted
    like every other output, unless --no-redact)."""
    from rca.redact import Redactor
    from rca.sources.live import LiveQuery, write_export

    refuse_overwrite(output, force)
    query = LiveQuery(project=project, **window, **select)
    summary = write_export(query, output, progress=progress, redactor=Redactor(enabled=not no_redact), force=force, connection=_connection(ctx))
    typer.echo(summary, err=True)


@eval_app.command("incidents")
def eval_incidents(
    dirs: Annotated[list[Path], typer.Argument(help="Incident folders, or folders of incident folders (FORMAT.md).")],
    provider: Annotated[Provider, typer.Option("--provider")] = Provider.offline,
    model: Annotated[Optional[str], typer.Option("--model", envvar="RCA_MODEL")] = None,
    replay: Annotated[Optional[str], typer.Option("--replay", help="Recorded answers for --provider replay.")] = None,
    record: Annotated[Optional[str], typer.Option("--record", help="Record model answers here.")] = None,
    batch: Annotated[bool, typer.Option("--batch", help="Use the Message Batches API (anthropic, half price).")] = False,
    json_path: Annotated[Optional[Path], typer.Option("--json", help="Write per-incident and summary metrics here.")] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="Incidents replayed in parallel.")] = 1,
    fail_under: Annotated[Optional[list[str]], typer.Option("--fail-under", help="METRIC=VALUE: exit 1 when the summary metric is below VALUE (above it for distractor_blamed, false_alarm, tokens, seconds); METRIC<=VALUE / METRIC>=VALUE state the direction.")] = None,
    history: Annotated[bool, typer.Option("--history/--no-history", help="Append the summary to evals/results/.")] = False,
    progress: ProgressOpt = None,
) -> None:
    """Replay incidents through the full pipeline and grade every report."""
    from rca.evals.incidents import run_incident_eval

    code = run_incident_eval(
        [str(d) for d in dirs], provider=provider.value, model=model, replay_dir=replay, record_dir=record,
        batch=batch, json_path=json_path, jobs=jobs, fail_under=fail_under or [], history=history, progress=progress,
    )
    raise typer.Exit(code)


@eval_app.command("perturb")
def eval_perturb(
    dirs: Annotated[list[Path], typer.Argument(help="Incident folders, or folders of incident folders (FORMAT.md).")],
    transform: Annotated[Optional[list[str]], typer.Option("--transform", "-t", help="Only these variants (repeatable): original, late-start, short-end, default-severity, log4j, glog, logfmt, rename, shift, noise.")] = None,
    only: Annotated[Optional[list[str]], typer.Option("--only", help="Only incidents whose id contains this (repeatable).")] = None,
    json_path: Annotated[Optional[Path], typer.Option("--json", help="Write the table and every row here.")] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="Variants replayed in parallel.")] = 1,
    progress: ProgressOpt = None,
) -> None:
    """Replay variants of every incident that must not change the answer (window cut late or short,
    severity stripped, other line prefixes, services renamed, time shifted, noise laid over) and
    score each kind of variant, the baseline beside it."""
    from rca.evals.perturb import run_perturb_eval

    raise typer.Exit(run_perturb_eval([str(d) for d in dirs], transforms=transform, only=only, jobs=jobs,
                                      json_path=json_path, progress=progress))


@eval_app.command("loghub")
def eval_loghub(
    data_dir: Annotated[Path, typer.Argument(help="The loghub2k folder (one sub-folder per dataset).")],
    json_path: Annotated[Optional[Path], typer.Option("--json", help="Write the table here as JSON.")] = None,
    truth_key: Annotated[str, typer.Option("--truth-key", help="template (default) or eventid.")] = "template",
    fail_under: Annotated[Optional[list[str]], typer.Option("--fail-under", help="METRIC=VALUE on our mean (GA, PA, FGA).")] = None,
    history: Annotated[bool, typer.Option("--history/--no-history", help="Append the summary to evals/results/.")] = False,
) -> None:
    """Template-mining accuracy (GA, PA, FGA) on Loghub-2k, ours next to plain drain3."""
    from rca.evals.loghub import run_loghub_cli

    raise typer.Exit(run_loghub_cli(data_dir, json_path=json_path, truth_key=truth_key, fail_under=fail_under or [], history=history))


@serve_app.command("slack")
def serve_slack(
    host: Annotated[str, typer.Option("--host")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port")] = 3000,
    workers: Annotated[int, typer.Option("--workers", help="Reports built at once.")] = 2,
    no_history: NoHistoryOpt = False,
) -> None:
    """Serve the /rca Slack slash command (needs SLACK_SIGNING_SECRET; RCA_HISTORY names the history store)."""
    from rca.slack.server import serve

    serve(host=host, port=port, workers=workers, use_history=not no_history)


def main() -> None:
    """Entry point: one-line errors, no tracebacks (set RCA_DEBUG=1 to see them)."""
    try:
        app()
    except RcaError as exc:
        if os.environ.get("RCA_DEBUG"):
            raise
        typer.echo(f"rca: error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        typer.echo("rca: interrupted", err=True)
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001 - the last line of defence against tracebacks
        if os.environ.get("RCA_DEBUG"):
            raise
        if isinstance(exc, OSError) and exc.errno in (errno.EPIPE, errno.ENOSPC, errno.EIO):
            _silence_stdout()  # stdout closed or full while something other than a report was printed
            typer.echo(f"rca: error: cannot write the output: {exc.strerror}", err=True)
            sys.exit(1)
        typer.echo(f"rca: internal error: {type(exc).__name__}: {exc} (set RCA_DEBUG=1 for details)", err=True)
        sys.exit(1)
