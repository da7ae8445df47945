"""Live reads from Cloud Logging (`entries.list` over HTTP with google-cloud-logging).

    LiveQuery --build_filter--> filter text with explicit time bounds
              --fetch_entries--> API LogEntry dicts, newest first (paged, quota errors retried)
              --read_live-----> LogRecords via rca.sources.gcloud.normalize_row, ReadStats filled
              --write_export--> a `gcloud logging read --format=json` file that --file reads back

Credentials are Application Default Credentials (`gcloud auth application-default login`, or a
service account on GCP). The endpoint is Cloud Logging's, or gcloud's own override of it
(`gcloud config set api_endpoint_overrides/logging URL`, seen here as the environment variable
CLOUDSDK_API_ENDPOINT_OVERRIDES_LOGGING: Private Service Connect, VPC Service Controls).

Quota: `entries.list` allows 60 requests a minute per project and a 429 carries no Retry-After.
Requests are paced to at most one a second, and a 429 or 5xx is retried with exponential backoff
and full jitter, capped at 60 s a wait, for up to `RetryPolicy.give_up_after_s` in all. Everything
time-related goes through a `Connection` (its clock and random source), which tests replace.
"""

from __future__ import annotations

import json
import os
import random
import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from pydantic import BaseModel, field_validator

from rca.errors import SourceError, UsageError
from rca.models import SEVERITIES, LogRecord, ReadStats
from rca.sources.gcloud import K8S_APP_LABELS, EntryCache, add_skipped, row_or_skip

ENDPOINT_OVERRIDE_ENV = "CLOUDSDK_API_ENDPOINT_OVERRIDES_LOGGING"  # gcloud's api_endpoint_overrides/logging
MIN_REQUEST_INTERVAL_S = 1.0  # entries.list: 60 requests a minute per project
DEFAULT_WINDOW = timedelta(hours=1)
PAGE_SIZE = 1000
READ_SCOPES = ("https://www.googleapis.com/auth/logging.read",)
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
_SINCE = re.compile(r"^\s*(\d+)\s*([smhdw])\s*$", re.IGNORECASE)
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days", "w": "weeks"}
_SERVICE_LABELS = ("service_name", "container_name", "function_name")  # Cloud Run, GKE, Functions

Progress = Callable[[int], None]


class LiveQuery(BaseModel):
    """What to read. Validated on construction: bad values raise UsageError (a one-line message)."""

    project: str
    filter: str | None = None
    since: str | None = None  # "30m", "1h", "6h", "1d"
    start: str | None = None  # RFC 3339
    end: str | None = None  # RFC 3339
    severity: str | None = None  # minimum severity
    service: str | None = None
    max_entries: int = 0  # 0 = unlimited

    @field_validator("project")
    @classmethod
    def _project(cls, value: str) -> str:
        value = (value or "").strip()
        if not re.fullmatch(r"[a-z0-9][a-z0-9.:-]{0,99}", value):
            raise UsageError(f"--project {value!r} is not a GCP project id (lowercase letters, digits, hyphens)")
        return value

    @field_validator("since")
    @classmethod
    def _since(cls, value: str | None) -> str | None:
        if value is not None:
            parse_since(value)
        return value

    @field_validator("start", "end")
    @classmethod
    def _time(cls, value: str | None, info: Any) -> str | None:
        if value is not None:
            parse_time(value, f"--{info.field_name}")
        return value

    @field_validator("severity")
    @classmethod
    def _severity(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        upper = value.strip().upper()
        if upper not in SEVERITIES:
            raise UsageError(f"--severity {value!r} is not one of {', '.join(SEVERITIES)}")
        return upper

    @field_validator("service")
    @classmethod
    def _service(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        return value.strip()

    @field_validator("max_entries")
    @classmethod
    def _max_entries(cls, value: int) -> int:
        if value < 0:
            raise UsageError("--max-entries must be 0 (unlimited) or more")
        return value

    @property
    def resource_name(self) -> str:
        return f"projects/{self.project}"


# ------------------------------------------------------------------------------------ filter


def parse_since(text: str) -> timedelta:
    match = _SINCE.match(text or "")
    if not match or int(match.group(1)) == 0:
        raise UsageError(f"--since {text!r} is not a duration like 30m, 1h, 6h or 1d")
    return timedelta(**{_UNITS[match.group(2).lower()]: int(match.group(1))})


def parse_time(text: str, flag: str = "time") -> datetime:
    """RFC 3339 (`2024-05-01T12:00:00Z`, offsets allowed); a time without a zone is UTC."""
    try:
        value = datetime.fromisoformat(text.strip().replace("z", "Z"))
    except ValueError:
        raise UsageError(f"{flag} {text!r} is not an RFC 3339 time like 2024-05-01T12:00:00Z") from None
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc)


def query_window(query: LiveQuery, now: datetime | None = None) -> tuple[datetime, datetime]:
    """The explicit [start, end] of a query; the default is the last hour."""
    now = (now or datetime.now(timezone.utc).replace(microsecond=0)).astimezone(timezone.utc)
    if query.since and query.start:
        raise UsageError("give --since or --start, not both")
    end = parse_time(query.end, "--end") if query.end else now
    if query.start:
        start = parse_time(query.start, "--start")
    else:
        start = end - (parse_since(query.since) if query.since else DEFAULT_WINDOW)
    if start >= end:
        raise UsageError(f"the window is empty: start {format_time(start)} is not before end {format_time(end)}")
    return start, end


def format_time(value: datetime) -> str:
    value = value.astimezone(timezone.utc)
    spec = "microseconds" if value.microsecond else "seconds"
    return value.replace(tzinfo=None).isoformat(timespec=spec) + "Z"


def quote(value: str) -> str:
    """A Cloud Logging filter string literal."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def build_filter(query: LiveQuery, now: datetime | None = None) -> str:
    """The Cloud Logging filter: time bounds always explicit, then severity, service, user filter."""
    start, end = query_window(query, now)
    terms = [f"timestamp >= {quote(format_time(start))}", f"timestamp <= {quote(format_time(end))}"]
    if query.severity:
        terms.append(f"severity >= {query.severity}")
    if query.service:
        name = quote(query.service)
        # a GKE pod's app label names its service (rca.sources.gcloud.k8s_app), whatever its containers are called
        terms.append("(" + " OR ".join([*(f"resource.labels.{label} = {name}" for label in _SERVICE_LABELS),
                                        f'labels."{K8S_APP_LABELS[0]}" = {name}']) + ")")
    if query.filter and query.filter.strip():
        terms.append(f"({query.filter.strip()})")
    return "\nAND ".join(terms)


DEFAULT_BASELINE = timedelta(minutes=30)


def parse_baseline(text: str | None) -> timedelta | None:
    """--baseline: how long a window before the asked one to read as a baseline ("30m", "2h");
    "0" turns it off; None (not given) is DEFAULT_BASELINE."""
    if text is None:
        return DEFAULT_BASELINE
    if text.strip() in ("0", "0m", "0h", "off", "none"):
        return None
    match = _SINCE.match(text)
    if not match or int(match.group(1)) == 0:
        raise UsageError(f"--baseline {text!r}: give a duration like 30m or 2h, or 0 for no baseline")
    return timedelta(**{_UNITS[match.group(2).lower()]: int(match.group(1))})


def pinned(query: LiveQuery, now: datetime | None = None) -> LiveQuery:
    """The query with its window written out (start and end), so two reads agree on it."""
    start, end = query_window(query, now)
    return query.model_copy(update={"since": None, "start": format_time(start), "end": format_time(end)})


def baseline_query(query: LiveQuery, span: timedelta, now: datetime | None = None) -> LiveQuery:
    """The same selection over the `span` before the query's window, ending just before it starts."""
    start, _ = query_window(query, now)
    return query.model_copy(update={
        "since": None, "start": format_time(start - span), "end": format_time(start - timedelta(microseconds=1)),
    })


def describe_window(query: LiveQuery, now: datetime | None = None) -> str:
    start, end = query_window(query, now)
    return f"{format_time(start)} to {format_time(end)}"


# ------------------------------------------------------------------------------------ client


@dataclass(frozen=True)
class RetryPolicy:
    """Quota (429) and transient (5xx) errors: exponential backoff with full jitter, each wait at
    most `max_delay_s`, retried until `give_up_after_s` of waiting has passed."""

    base_delay_s: float = 2.0
    max_delay_s: float = 60.0
    give_up_after_s: float = 300.0
    min_interval_s: float = MIN_REQUEST_INTERVAL_S

    def delay(self, attempt: int, rng: random.Random) -> float:
        """Full jitter (AWS architecture blog): uniform in [cap/2, cap], cap = base * 2^(attempt-1)."""
        cap = min(self.base_delay_s * 2 ** (attempt - 1), self.max_delay_s)
        return rng.uniform(cap / 2, cap)


class Clock:
    """Time as the live source sees it: `now()` (monotonic seconds) and `sleep(s)`."""

    def now(self) -> float:
        return time.monotonic()

    def sleep(self, seconds: float) -> None:
        if seconds > 0:
            time.sleep(seconds)


class Pacer:
    """At most one request per `interval_s` through everything that shares this pacer (all the
    reports of one `rca serve slack`: the quota is per project, not per report). One request at
    a time: a turn lasts until its request has been sent and answered."""

    def __init__(self, clock: Clock, interval_s: float) -> None:
        self._clock, self._interval = clock, interval_s
        self._last: float | None = None
        self._lock = threading.Lock()

    @contextmanager
    def turn(self) -> Iterator[None]:
        with self._lock:
            if self._last is not None:
                self._clock.sleep(self._last + self._interval - self._clock.now())
            self._last = self._clock.now()
            yield


@dataclass
class Connection:
    """How rca reaches Cloud Logging. The defaults are production's; tests pass a local endpoint,
    anonymous credentials and a clock that does not really sleep. Clients made from one
    Connection share its pacer."""

    endpoint: str | None = None  # None: CLOUDSDK_API_ENDPOINT_OVERRIDES_LOGGING, else Cloud Logging
    credentials: Any = None  # None: Application Default Credentials
    clock: Clock = field(default_factory=Clock)
    rng: random.Random = field(default_factory=random.Random)
    policy: RetryPolicy = field(default_factory=RetryPolicy)
    pacer: Pacer | None = None  # made from clock and policy on first use

    def shared_pacer(self) -> Pacer:
        if self.pacer is None:
            self.pacer = Pacer(self.clock, self.policy.min_interval_s)
        return self.pacer


class RetryingHttp:
    """The `_http` object the client sends requests through: paces requests to one a second and
    retries 429/5xx with backoff.

    entries.list is a read, so a retried POST is safe. When the retry budget is spent the response
    is returned as is and google-cloud-logging raises its usual exception (TooManyRequests...).
    """

    def __init__(self, session: Any, connection: Connection) -> None:
        self._session = session
        self._policy = connection.policy
        self._clock = connection.clock
        self._rng = connection.rng
        self._pacer = connection.shared_pacer()
        self.retries = 0

    def request(self, method: str, url: str, **kwargs: Any) -> Any:
        waited = 0.0
        attempt = 0
        while True:
            with self._pacer.turn():
                response = self._session.request(method, url, **kwargs)
            attempt += 1
            if response.status_code not in RETRY_STATUSES:
                return response
            delay = self._policy.delay(attempt, self._rng)
            if waited + delay > self._policy.give_up_after_s:
                return response
            self.retries += 1
            waited += delay
            response.close()
            self._clock.sleep(delay)

    def __getattr__(self, name: str) -> Any:  # is_mtls, close, ...
        return getattr(self._session, name)


def _client_class() -> type:
    """google-cloud-logging's Client, minus a metadata-server probe per log name.

    Turning each listed entry into an object makes a Logger per logName, and a Logger built
    without a resource calls `detect_resource()`: two requests to metadata.google.internal with a
    5 s timeout each, which hang off GCP (googleapis/python-logging#475). We only read, so the
    Logger's default resource is never used: give it one.
    """
    from google.cloud.logging import Client, Logger, Resource

    class ReadClient(Client):
        def logger(self, name: str, *, labels: Any = None, resource: Any = None) -> Any:
            return Logger(name, client=self, labels=labels, resource=resource or Resource(type="global", labels={}))

    return ReadClient


def make_client(project: str, connection: Connection | None = None) -> Any:
    """A google-cloud-logging Client over HTTP, paced and retrying (see RetryingHttp)."""
    import google.auth
    from google.auth.exceptions import DefaultCredentialsError
    from google.auth.transport.requests import AuthorizedSession

    connection = connection or Connection()
    endpoint = (connection.endpoint or os.environ.get(ENDPOINT_OVERRIDE_ENV, "")).strip().rstrip("/")
    credentials = connection.credentials
    if credentials is None:
        try:
            credentials, _ = google.auth.default(scopes=READ_SCOPES)
        except DefaultCredentialsError as exc:
            raise missing_credentials(exc) from None
    http = RetryingHttp(AuthorizedSession(credentials), connection)
    options = {"api_endpoint": endpoint} if endpoint else None
    return _client_class()(project=project, credentials=credentials, _http=http, _use_grpc=False, client_options=options)


def missing_credentials(exc: Exception) -> SourceError:
    key_file = os.environ.get("GOOGLE_APPLICATION_CREDENTIALS")
    if key_file:
        reason = str(exc).splitlines()[0][:160] if str(exc) else type(exc).__name__
        return SourceError(
            f"GOOGLE_APPLICATION_CREDENTIALS={key_file} is not usable ({reason}); fix it, "
            "or unset it and run `gcloud auth application-default login`"
        )
    return SourceError(
        "no Google Cloud credentials found: run `gcloud auth application-default login` "
        "(or set GOOGLE_APPLICATION_CREDENTIALS to a service-account key file)"
    )


def _endpoint_of(client: Any) -> str:
    return getattr(getattr(client, "_connection", None), "API_BASE_URL", "Cloud Logging")


def source_error(exc: Exception, query: LiveQuery, endpoint: str) -> SourceError | None:
    """Map a client exception to a one-line SourceError (None: not ours to explain)."""
    import requests
    from google.api_core import exceptions as api
    from google.auth import exceptions as auth

    project = query.project
    message = getattr(exc, "message", None) or str(exc)
    reason = (getattr(exc, "reason", None) or "").upper()
    lowered = message.lower()
    if reason == "SERVICE_DISABLED" or "has not been used in project" in lowered or "api is disabled" in lowered or "it is disabled" in lowered:
        return SourceError(
            f"the Cloud Logging API is not enabled in project {project}: "
            f"`gcloud services enable logging.googleapis.com --project {project}`"
        )
    if reason in ("CONSUMER_INVALID", "PROJECT_NOT_FOUND") or isinstance(exc, api.NotFound) or re.search(
        r"project\b.*\b(?:not found|does not exist|was deleted)|unknown project", lowered
    ):
        return SourceError(f"project {project} does not exist (or was deleted): check --project (`gcloud projects list`)")
    if reason == "BILLING_DISABLED":
        return SourceError(f"billing is disabled for project {project}, so Cloud Logging refuses reads")
    if isinstance(exc, (api.Forbidden, api.PermissionDenied)):
        return SourceError(
            f"permission denied reading logs of project {project}: the caller needs roles/logging.viewer (Logs Viewer)"
        )
    if isinstance(exc, (api.Unauthorized, api.Unauthenticated, auth.RefreshError)):
        return SourceError(
            f"Google Cloud credentials were refused ({message.splitlines()[0][:200]}): "
            "run `gcloud auth application-default login` again"
        )
    if isinstance(exc, auth.DefaultCredentialsError):
        return missing_credentials(exc)
    if isinstance(exc, (api.TooManyRequests, api.ResourceExhausted)):
        return SourceError(
            f"Cloud Logging read quota (60 requests a minute) still exhausted for project {project} after "
            "retrying for minutes: another reader shares it; try again later, or narrow the window (--since)"
        )
    if isinstance(exc, (api.BadRequest, api.InvalidArgument)):
        return SourceError(f"Cloud Logging rejected the query: {message.splitlines()[0][:300]}")
    if isinstance(exc, api.GoogleAPICallError):
        return SourceError(f"Cloud Logging failed: {message.splitlines()[0][:300]}")
    if isinstance(exc, (requests.ConnectionError, requests.Timeout, auth.TransportError)):
        return SourceError(f"cannot reach Cloud Logging at {endpoint}: {type(exc).__name__}")
    return None


# ------------------------------------------------------------------------------------ fetch


@dataclass
class FetchState:
    """Filled while entries are fetched (a generator cannot return this to a for loop)."""

    filter: str = ""
    window: str = ""
    fetched: int = 0
    truncated: bool = False
    oldest: str | None = None  # timestamp of the last (oldest) entry yielded
    notes: list[str] = field(default_factory=list)


def list_entry_pages(client: Any, query: LiveQuery, filter_: str, page_size: int) -> Iterator[list[dict]]:
    """entries.list pages, newest first, as the API's JSON: nanosecond timestamps and every field
    (`split`, `errorGroups`, ...) kept, as gcloud prints them. The library's LogEntry objects cut
    timestamps to microseconds and drop fields they do not model, so only its HTTP connection
    (credentials, endpoint, pacing and retries) is used."""
    token = None
    while True:
        body: dict[str, Any] = {"resourceNames": [query.resource_name], "filter": filter_, "orderBy": "timestamp desc",
                                "pageSize": page_size}
        if token:
            body["pageToken"] = token
        page = client._connection.api_request(method="POST", path="/entries:list", data=body)
        yield page.get("entries") or []
        token = page.get("nextPageToken")
        if not token:
            return


def download_minutes(first_page: list[dict], window_start: datetime, page_size: int) -> float | None:
    """Minutes the window would take to download at the entries.list quota (60 pages a minute),
    from the stretch of time the first page (newest first) covers; None when it cannot tell."""
    if len(first_page) < page_size:
        return None  # the whole window fits in one page
    try:
        newest = datetime.fromisoformat(str(first_page[0]["timestamp"])[:26].rstrip("Z") + "+00:00")
        oldest = datetime.fromisoformat(str(first_page[-1]["timestamp"])[:26].rstrip("Z") + "+00:00")
    except (KeyError, ValueError):
        return None
    covered = (newest - oldest).total_seconds()
    if covered <= 0:
        covered = 0.001
    entries = len(first_page) * max((newest - window_start).total_seconds(), covered) / covered
    return entries / page_size / (60 / MIN_REQUEST_INTERVAL_S)


SUGGEST_BIGQUERY_MINUTES = 2.0


def fetch_entries(
    query: LiveQuery,
    client: Any = None,
    progress: Progress | None = None,
    *,
    state: FetchState | None = None,
    now: datetime | None = None,
    connection: Connection | None = None,
) -> Iterator[dict]:
    """Entries of the query's window, newest first, as API JSON dicts; stops at max_entries."""
    from rca.errors import warn

    state = state if state is not None else FetchState()
    now = now or datetime.now(timezone.utc).replace(microsecond=0)
    state.filter = build_filter(query, now)
    state.window = describe_window(query, now)
    client = client if client is not None else make_client(query.project, connection)
    limit = query.max_entries
    page_size = min(PAGE_SIZE, limit + 1) if limit else PAGE_SIZE
    try:
        for number, page in enumerate(list_entry_pages(client, query, state.filter, page_size)):
            if number == 0 and not limit:
                minutes = download_minutes(page, query_window(query, now)[0], page_size)
                if minutes is not None and minutes >= SUGGEST_BIGQUERY_MINUTES:
                    warn(f"this window holds about {int(minutes * 60 * PAGE_SIZE / (60 / MIN_REQUEST_INTERVAL_S)):,} "
                         f"entries: about {minutes:.0f} minutes to download at Cloud Logging's 60 reads a minute; if "
                         "they are in BigQuery (Log Analytics or a log sink), `--bigquery PROJECT.DATASET.TABLE` "
                         "reduces them there (docs/bigquery.md)")
            for data in page:
                if limit and state.fetched >= limit:
                    state.truncated = True
                    state.notes.append(
                        f"stopped at --max-entries {limit}: entries older than {state.oldest or 'the last one read'} "
                        f"in the window were not read"
                    )
                    return
                state.fetched += 1
                state.oldest = data.get("timestamp", state.oldest)
                if progress is not None and (state.fetched % 100 == 0 or state.fetched < 100):
                    progress(state.fetched)
                yield data
    except Exception as exc:  # noqa: BLE001 - mapped to one-line errors, the rest re-raised
        mapped = source_error(exc, query, _endpoint_of(client))
        if mapped is None:
            raise
        raise mapped from None
    if progress is not None:
        progress(state.fetched)


def _progress_callable(progress: Any) -> tuple[Progress | None, bool | None]:
    """`progress` may be an update callable or the --progress/--no-progress flag (None: auto)."""
    if callable(progress):
        return progress, None
    return None, progress


def read_live(
    query: LiveQuery, stats: ReadStats, progress: Any = None, connection: Connection | None = None
) -> Iterator[LogRecord]:
    """LogRecords of the query's window, with ReadStats filled as they are read.

    Entries go through the same normalisation and traceback stitching as a gcloud export file,
    so `rca generate --project` and `rca fetch` + `rca generate --file` give the same report.
    An empty window is not an error: it makes a healthy report.
    `progress` (a callable) receives the number of entries fetched; a bool/None flag is accepted for
    symmetry with the file source but draws nothing: the caller's mining bar already counts.
    """
    from rca.sources.tracebacks import stitch_tracebacks

    update, _ = _progress_callable(progress)
    stats.source = query.resource_name
    stats.format = "cloud-logging"
    for record in stitch_tracebacks(_normalized(query, stats, update, connection)):
        stats.records += 1
        if record.frames:
            stats.folded_tracebacks += 1
        yield record


def _normalized(
    query: LiveQuery, stats: ReadStats, progress: Progress | None, connection: Connection | None
) -> Iterator[LogRecord]:
    state = FetchState()
    cache = EntryCache()
    skipped: dict[str, int] = {}
    for index, entry in enumerate(fetch_entries(query, progress=progress, state=state, connection=connection)):
        stats.entries_read += 1
        row = row_or_skip(entry, index, cache, skipped)
        if skipped:
            add_skipped(stats, skipped)
        if row is None:
            continue
        record = LogRecord(*row)
        if record.timestamp is None:
            stats.no_timestamp += 1
        stats.by_severity[record.severity] = stats.by_severity.get(record.severity, 0) + 1
        yield record
    stats.notes.append(f"read live from {query.resource_name}, window {state.window}")
    if state.truncated:
        stats.truncated = True
        stats.notes.extend(state.notes)


def write_export(
    query: LiveQuery,
    output: Path,
    progress: Any = None,
    *,
    redactor: Any = None,
    force: bool = False,
    connection: Connection | None = None,
) -> str:
    """Write the window as `gcloud logging read --format=json` would (newest first), atomically
    (rca.output: through symlinks, devices in place), each entry through the output boundary."""
    from rca.output import open_output
    from rca.progress import progress_bar
    from rca.redact import Redactor

    redact = redactor if redactor is not None else Redactor()
    output = Path(output)
    update, enabled = _progress_callable(progress)
    state = FetchState()
    with progress_bar("Fetching log entries", total=query.max_entries or None, enabled=enabled if update is None else False) as bar:
        with open_output(output, force) as fh:
            entries = fetch_entries(query, progress=update or bar, state=state, connection=connection)
            count = _write_json_array((redact.tree(entry, by_key=True) for entry in entries), fh)
    summary = f"wrote {count} entries to {output} (window {state.window}"
    if state.truncated:
        summary += f"; truncated at --max-entries {query.max_entries}"
    elif count == 0:
        summary += "; nothing matched the filter"
    return summary + ")"


def _write_json_array(entries: Iterator[dict], fh: Any) -> int:
    """gcloud's layout: `[`, each entry indented two spaces with sorted keys, `]`; `[]` when empty."""
    count = 0
    for entry in entries:
        text = json.dumps(entry, indent=2, sort_keys=True, ensure_ascii=False)
        fh.write("[\n" if count == 0 else ",\n")
        fh.write("\n".join("  " + line for line in text.splitlines()))
        count += 1
    fh.write("\n]\n" if count else "[]\n")
    return count
