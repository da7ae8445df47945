"""`rca serve slack`: the /rca slash command over HTTP (Starlette app run by uvicorn).

    POST /slack/commands   Slack's slash-command request (form-encoded, signed)
    GET  /healthz          liveness probe

Every POST is checked with slack_sdk's SignatureVerifier (v0 HMAC-SHA256 over the raw body,
timestamps within 5 minutes, constant-time compare) before anything else: 401 otherwise.

A valid command is acknowledged at once (Slack wants an answer within 3 s) with an ephemeral
"Analysing <service> … last 1h"; the report is built in a bounded worker pool from live Cloud
Logging and the Block Kit summary is posted to the command's `response_url`. A response_url
lives 30 minutes: a job that waited in the queue until too little of that is left is not run,
and the user is told (through the response_url while it lives, else with the bot token as an
ephemeral chat message; only without either is it just logged). Slack's unsigned `ssl_check`
ping is answered 200 and does nothing else.

On Cloud Run the report is built after the ack, so the service needs CPU outside requests:
instance-based billing (`--no-cpu-throttling`) and `--min-instances=1` (docs/slack-and-live.md). With a bot token the
full Markdown report is uploaded to the channel too (files_upload_v2). Every failure reaches the
user as an ephemeral message; a per-user rate limit and a queue bound keep the server responsive.

Environment:
    SLACK_SIGNING_SECRET          required
    SLACK_BOT_TOKEN               optional: upload the full report (scope files:write)
    RCA_GCP_PROJECT               project to read (else GOOGLE_CLOUD_PROJECT)
    RCA_SLACK_API_URL             Slack Web API base URL (GovSlack, a proxy), default https://slack.com/api/
    RCA_SLACK_RATE_LIMIT          commands per user per minute (default 3)
    RCA_SLACK_QUEUE               reports waiting for a worker at most (default 20)
    RCA_SLACK_MAX_ENTRIES         entries read per report (default 50000)
    RCA_SLACK_RESPONSE_TYPE       in_channel (default) or ephemeral, for the summary
    RCA_HISTORY                   run history store (file or postgresql:// URL; on Cloud Run use a
                                  shared database); `rca serve slack --no-history` turns it off
"""

from __future__ import annotations

import itertools
import logging
import os
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from datetime import datetime, timezone
from typing import Any, Literal
from urllib.parse import parse_qs

from pydantic import BaseModel, field_validator

from rca.errors import RcaError, UsageError
from rca.slack.commands import HELP_TEXT, HelpCommand, RcaCommand, parse_command

log = logging.getLogger("rca.slack")
MAX_BODY = 64 * 1024  # slash-command posts are a few hundred bytes
RESPONSE_URL_LIFETIME_S = 30 * 60  # Slack: a response_url takes 5 posts within 30 minutes
MIN_TIME_TO_REPORT_S = 5 * 60  # a job starting with less of the response_url's life left is expired


class SlackSettings(BaseModel):
    signing_secret: str
    project: str
    bot_token: str | None = None
    api_url: str | None = None  # Slack Web API base URL, e.g. http://127.0.0.1:PORT/api/
    workers: int = 2
    queue_limit: int = 20
    rate_limit: int = 3  # commands per user per rate_window_s
    rate_window_s: float = 60.0
    max_entries: int = 50_000
    response_type: Literal["in_channel", "ephemeral"] = "in_channel"
    provider: str = "auto"  # analyst: a name from rca.llm.CHOICES
    history: str | None = None  # history store location (rca.history); None: the default file
    use_history: bool = True

    @field_validator("provider")
    @classmethod
    def _provider(cls, value: str) -> str:
        from rca.llm import CHOICES

        if value not in CHOICES:
            raise UsageError(f"RCA_SLACK_PROVIDER must be one of {', '.join(CHOICES)}")
        return value

    @classmethod
    def from_env(cls, workers: int = 2, env: dict[str, str] | None = None, use_history: bool = True) -> SlackSettings:
        env = dict(os.environ if env is None else env)
        secret = env.get("SLACK_SIGNING_SECRET", "").strip()
        if not secret:
            raise UsageError("SLACK_SIGNING_SECRET is not set: copy the Signing Secret from your Slack app's Basic Information page")
        project = (env.get("RCA_GCP_PROJECT") or env.get("GOOGLE_CLOUD_PROJECT") or "").strip()
        if not project:
            raise UsageError("set RCA_GCP_PROJECT (or GOOGLE_CLOUD_PROJECT) to the project whose logs /rca reads")
        if workers < 1:
            raise UsageError("--workers must be at least 1")
        response_type = env.get("RCA_SLACK_RESPONSE_TYPE", "in_channel")
        if response_type not in ("in_channel", "ephemeral"):
            raise UsageError("RCA_SLACK_RESPONSE_TYPE must be in_channel or ephemeral")
        try:
            return cls(
                signing_secret=secret,
                project=project,
                bot_token=env.get("SLACK_BOT_TOKEN") or None,
                api_url=env.get("RCA_SLACK_API_URL") or None,
                workers=workers,
                queue_limit=int(env.get("RCA_SLACK_QUEUE", 20)),
                rate_limit=int(env.get("RCA_SLACK_RATE_LIMIT", 3)),
                max_entries=int(env.get("RCA_SLACK_MAX_ENTRIES", 50_000)),
                response_type=response_type,
                provider=env.get("RCA_SLACK_PROVIDER", "auto"),
                history=env.get("RCA_HISTORY") or None,
                use_history=use_history,
            )
        except ValueError as exc:  # an int() above
            raise UsageError(f"bad RCA_SLACK_* setting: {exc}") from None


# ------------------------------------------------------------------------- admission control


class RateLimiter:
    """At most `limit` events per key in any `window_s` seconds (sliding window)."""

    def __init__(self, limit: int, window_s: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.limit, self.window_s, self.clock = limit, window_s, clock
        self._events: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def check(self, key: str) -> float:
        """Record an event; 0 when allowed, else the seconds until the next one is."""
        now = self.clock()
        with self._lock:
            events = self._events.setdefault(key, deque())
            while events and now - events[0] >= self.window_s:
                events.popleft()
            if self.limit and len(events) >= self.limit:
                return max(0.1, self.window_s - (now - events[0]))
            events.append(now)
            return 0.0

    def refund(self, key: str) -> None:
        """Forget the last event of `key` (the command was turned away for another reason)."""
        with self._lock:
            events = self._events.get(key)
            if events:
                events.pop()


class ReportPool:
    """A ThreadPoolExecutor with a bound on the waiting jobs and a count of what is ahead."""

    def __init__(self, workers: int, queue_limit: int) -> None:
        self.workers, self.queue_limit = workers, queue_limit
        self._executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="rca-report")
        self._active = 0  # submitted and not finished (running + waiting)
        self._lock = threading.Lock()

    def submit(self, job: Callable[[], None]) -> int | None:
        """Start or queue `job`; the number of reports ahead of it (0: starts now), None: full."""
        with self._lock:
            if self._active >= self.workers + self.queue_limit:
                return None
            ahead = self._active if self._active >= self.workers else 0
            self._active += 1
        try:
            self._executor.submit(self._run, job)
        except RuntimeError:  # shutting down
            with self._lock:
                self._active -= 1
            return None
        return ahead

    def _run(self, job: Callable[[], None]) -> None:
        try:
            job()
        finally:
            with self._lock:
                self._active -= 1

    @property
    def active(self) -> int:
        return self._active

    def shutdown(self, wait: bool = False) -> None:
        self._executor.shutdown(wait=wait, cancel_futures=not wait)


# ------------------------------------------------------------------------- replies


def ephemeral(text: str) -> dict:
    return {"response_type": "ephemeral", "text": text}


class Responder:
    """Posts to a command's response_url (slack_sdk WebhookClient)."""

    def __init__(self, response_url: str) -> None:
        from slack_sdk.webhook import WebhookClient

        self.client = WebhookClient(response_url, timeout=15)

    def send(self, body: dict) -> bool:
        try:
            response = self.client.send_dict(body)
        except Exception as exc:  # noqa: BLE001 - nowhere left to report to but the log
            log.warning("posting to response_url failed: %s", exc)
            return False
        if response.status_code != 200:
            log.warning("response_url answered %s: %s", response.status_code, response.body[:200])
            return False
        return True


def unknown_service_text(service: str, project: str, since: str) -> str:
    return (
        f":mag: No log entries for service `{service}` in project `{project}` in the last {since} "
        "(nor in the last 7 days). Check the name:\n"
        f"• Cloud Run: `gcloud run services list --project {project}`\n"
        "• GKE: the container name in `kubectl get pods -o jsonpath='{.items[*].spec.containers[*].name}'`\n"
        f"• Cloud Functions: `gcloud functions list --project {project}`\n"
        "rca matches `resource.labels.service_name`, `container_name` or `function_name`. "
        "Also check that rca's service account has roles/logging.viewer on the project."
    )


class ReportJob:
    """Builds one report for one command and posts the results. Runs in a pool thread.

    `connection` is the Cloud Logging connection (rca.sources.live.Connection; None: production's),
    `clock` the monotonic clock the response_url's age is measured with. Both are seams for tests.
    """

    def __init__(
        self,
        settings: SlackSettings,
        command: RcaCommand,
        form: dict[str, str],
        connection: Any = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.settings, self.command, self.form = settings, command, form
        self.responder = Responder(form["response_url"])
        self.connection, self.clock = connection, clock
        self.received = clock()

    def expired(self) -> bool:
        """Too little of the response_url's 30 minutes left to build and post a report: tell the
        user instead of starting work whose answer would be lost."""
        age = self.clock() - self.received
        if age < RESPONSE_URL_LIFETIME_S - MIN_TIME_TO_REPORT_S:
            return False
        text = (
            f":hourglass: rca was too busy to analyse `{self.command.service}` in time "
            f"(the request waited {age / 60:.0f} min in the queue, and Slack lets rca answer for 30 min). "
            "Please ask again."
        )
        if age < RESPONSE_URL_LIFETIME_S and self.responder.send(ephemeral(text)):
            return True
        if not self.post_ephemeral(text):
            log.warning("report for %s expired in the queue after %.0f s; nowhere left to tell the user", self.command.service, age)
        return True

    def post_ephemeral(self, text: str) -> bool:
        """chat.postEphemeral with the bot token (the response_url is dead); False without one."""
        if not (self.settings.bot_token and self.form.get("channel_id") and self.form.get("user_id")):
            return False
        from slack_sdk import WebClient
        from slack_sdk.errors import SlackApiError, SlackRequestError

        kwargs = {"base_url": self.settings.api_url} if self.settings.api_url else {}
        try:
            WebClient(token=self.settings.bot_token, timeout=15, **kwargs).chat_postEphemeral(
                channel=self.form["channel_id"], user=self.form["user_id"], text=text
            )
        except (SlackApiError, SlackRequestError, OSError) as exc:
            log.warning("chat.postEphemeral failed: %s", exc)
            return False
        return True

    def __call__(self) -> None:
        started = time.monotonic()
        if self.expired():
            return
        try:
            self.run()
        except RcaError as exc:
            from rca.render.slack import escape

            self.responder.send(ephemeral(f":warning: rca could not analyse `{self.command.service}`: {escape(str(exc))}"))
        except Exception as exc:  # noqa: BLE001 - the user hears about every failure
            log.error("report for %s failed:\n%s", self.command.service, traceback.format_exc())
            self.responder.send(ephemeral(f":x: rca failed on `{self.command.service}` with an internal error ({type(exc).__name__}); the server log has details."))
        finally:
            log.info("report for %s done in %.1fs", self.command.service, time.monotonic() - started)

    def query(self, since: str | None = None, max_entries: int | None = None) -> Any:
        from rca.sources.live import LiveQuery

        return LiveQuery(
            project=self.settings.project,
            service=self.command.service,
            since=since or self.command.since,
            severity=self.command.severity if since is None else None,
            max_entries=self.settings.max_entries if max_entries is None else max_entries,
        )

    def run(self) -> None:
        from rca.llm.base import AnalystOptions
        from rca.models import ReadStats
        from rca.pipeline import build_report
        from rca.sources.live import read_live

        stats = ReadStats()
        records: Iterator[Any] = read_live(self.query(), stats, connection=self.connection)
        first = next(records, None)
        if first is None:
            if not self.service_exists():
                self.responder.send(ephemeral(unknown_service_text(self.command.service, self.settings.project, self.command.since)))
                return
            records = iter(())
        else:
            records = itertools.chain([first], records)
        hook = None
        if self.settings.use_history:
            from rca.history.hook import HistoryHook

            hook = HistoryHook.open(self.settings.history, warn=log.warning)
        try:
            report = build_report(records, stats, AnalystOptions(provider=self.settings.provider), history=hook)
            if hook is not None:  # before posting: a command that follows this answer sees this run
                hook.record(report)
            self.post(report)
        finally:
            if hook is not None:
                hook.close()

    def service_exists(self) -> bool:
        """Does the service have any entry at all in the last 7 days? (one-entry read)"""
        from rca.sources.live import fetch_entries

        return next(fetch_entries(self.query(since="7d", max_entries=1), connection=self.connection), None) is not None

    def post(self, report: Any) -> None:
        from rca.render.slack import render_slack

        cmd = self.command
        uploading = bool(self.settings.bot_token and self.form.get("channel_id"))
        severity = f" --severity {cmd.severity}" if cmd.severity else ""
        footer = (
            "Full Markdown report attached below."
            if uploading
            else f"Full report: `rca generate --project {self.settings.project} --service {cmd.service} --since {cmd.since}{severity}`"
        )
        message = render_slack(report, footer=footer)
        body = {"response_type": self.settings.response_type, "replace_original": False, **message}
        if not self.responder.send(body):
            # e.g. Slack rejected the blocks: fall back to the plain summary rather than silence
            self.responder.send({"response_type": self.settings.response_type, "text": message["text"]})
        if uploading:
            self.upload(report)

    def upload(self, report: Any) -> None:
        from slack_sdk import WebClient
        from slack_sdk.errors import SlackApiError, SlackRequestError

        content, ext = markdown_of(report)
        stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M")
        kwargs = {"base_url": self.settings.api_url} if self.settings.api_url else {}
        client = WebClient(token=self.settings.bot_token, timeout=30, **kwargs)
        try:
            client.files_upload_v2(
                channel=self.form["channel_id"],
                content=content,
                filename=f"rca-{self.command.service}-{stamp}.{ext}",
                title=f"rca report: {self.command.service} (last {self.command.since})",
            )
        except SlackApiError as exc:
            error = exc.response.get("error", "unknown_error") if exc.response is not None else "unknown_error"
            hint = " Invite the app to this channel (`/invite @rca`) to get the full report." if error in ("not_in_channel", "channel_not_found") else ""
            self.responder.send(ephemeral(f":paperclip: The full report could not be attached ({error}).{hint}"))
        except (SlackRequestError, OSError) as exc:
            self.responder.send(ephemeral(f":paperclip: The full report could not be attached ({type(exc).__name__})."))


def markdown_of(report: Any) -> tuple[str, str]:
    """The full report as Markdown (the lead's renderer); JSON when the renderer is missing."""
    try:
        from rca.render import render
    except ImportError:
        return report.model_dump_json(indent=2), "json"
    return render(report, "md"), "md"


# ------------------------------------------------------------------------- the app


def warm_up() -> None:
    """Import the heavy modules once at startup, not inside the first report (or its ack)."""
    import slack_sdk.webhook  # noqa: F401

    import rca.pipeline  # noqa: F401
    import rca.render.slack  # noqa: F401
    import rca.sources.live  # noqa: F401
    from rca.sources.live import _client_class

    _client_class()  # google.cloud.logging


def create_app(settings: SlackSettings, connection: Any = None, clock: Callable[[], float] = time.monotonic) -> Any:
    """The Starlette app. `connection` (rca.sources.live.Connection) and `clock` are seams: a
    test's Cloud Logging endpoint, and the clock queued jobs' age is measured with."""
    from slack_sdk.signature import SignatureVerifier
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import JSONResponse, PlainTextResponse, Response
    from starlette.routing import Route

    verifier = SignatureVerifier(settings.signing_secret)
    pool = ReportPool(settings.workers, settings.queue_limit)
    limiter = RateLimiter(settings.rate_limit, settings.rate_window_s)

    def verified(body: bytes, headers: Any) -> bool:
        try:
            return verifier.is_valid_request(body, dict(headers))
        except (ValueError, UnicodeDecodeError):  # non-numeric timestamp, body not UTF-8
            return False

    async def commands(request: Request) -> Response:
        body = b""
        async for chunk in request.stream():  # bounded read: nothing is trusted yet
            body += chunk
            if len(body) > MAX_BODY:
                return PlainTextResponse("request too large", status_code=413)
        form = _form(body)
        if form.get("ssl_check") and not form.get("command"):
            return Response(status_code=200)  # Slack's certificate check: unsigned, expects 200, runs nothing
        if not verified(body, request.headers):
            return PlainTextResponse("invalid request signature", status_code=401)
        return JSONResponse(admit(form))

    def admit(form: dict[str, str]) -> dict:
        """The immediate (ephemeral) answer; queues the report when there is one to build."""
        try:
            command = parse_command(form.get("text", ""))
        except UsageError as exc:
            return ephemeral(f":warning: {exc}")
        if isinstance(command, HelpCommand):
            return ephemeral(HELP_TEXT)
        if not form.get("response_url", "").startswith(("https://", "http://")):
            return ephemeral(":warning: this request has no response_url to post the report to.")
        user = f"{form.get('team_id', '')}:{form.get('user_id', '')}"
        wait = limiter.check(user)
        if wait:
            return ephemeral(
                f":hourglass: You have asked for {settings.rate_limit} reports in the last minute; try again in {wait:.0f} s."
            )
        ahead = pool.submit(ReportJob(settings, command, form, connection=connection, clock=clock))
        if ahead is None:
            limiter.refund(user)
            return ephemeral(f":hourglass: rca is busy ({pool.active} reports in progress); try again in a few minutes.")
        text = f":mag: Analysing {command.describe()}. The report will be posted here."
        if ahead:
            text += f" Queued behind {ahead} report{'s' if ahead != 1 else ''}."
        return ephemeral(text)

    async def healthz(request: Request) -> Response:
        return JSONResponse({"ok": True, "active_reports": pool.active})

    @asynccontextmanager
    async def lifespan(app: Any) -> Any:
        warm_up()
        yield
        pool.shutdown(wait=False)

    app = Starlette(
        routes=[Route("/slack/commands", commands, methods=["POST"]), Route("/healthz", healthz, methods=["GET"])],
        lifespan=lifespan,
    )
    app.state.pool = pool
    app.state.settings = settings
    return app


def _form(body: bytes) -> dict[str, str]:
    try:
        return {k: v[0] for k, v in parse_qs(body.decode("utf-8"), keep_blank_values=True).items()}
    except UnicodeDecodeError:
        return {}


def serve(host: str = "127.0.0.1", port: int = 3000, workers: int = 2, use_history: bool = True) -> None:
    """Run the slash-command server until interrupted."""
    import uvicorn

    settings = SlackSettings.from_env(workers=workers, use_history=use_history)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    log.info("serving /rca on http://%s:%d/slack/commands for project %s (%d workers)", host, port, settings.project, workers)
    uvicorn.run(create_app(settings), host=host, port=port, log_level="info", access_log=False)
