"""A fake Cloud Logging v2 HTTP API on 127.0.0.1, for the real google-cloud-logging client.

    with FakeLogging() as fake:                       # serves POST /v2/entries:list
        fake.add(incident_entries("demo", "checkout", now))
        fake.fail(429, times=1)                       # next request: quota error, then normal
        fake.deny()                                   # every request: 403 PERMISSION_DENIED
        fake.busy_for(40)                             # 429 for 40 s of fake.clock time
        connection = fake.connection(clock)           # rca.sources.live.Connection to this fake
        env = fake.environment(tmp_path)              # for `rca` run as a subprocess: gcloud's
                                                      # endpoint override + an ADC file

It applies the parts of the filter rca writes (timestamp bounds, `severity >=`, the service
label), sorts by `orderBy`, and pages with `pageSize`/`pageToken` (`max_page_size` forces small
pages). Every request body is kept in `fake.requests`.
"""

from __future__ import annotations

import itertools
import json
import re
import threading
import time
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler
from typing import Any

from loopback import LoopbackServer

SEVERITIES = ("DEFAULT", "DEBUG", "INFO", "NOTICE", "WARNING", "ERROR", "CRITICAL", "ALERT", "EMERGENCY")

QUOTA_ERROR = {
    "error": {
        "code": 429,
        "message": "Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute' "
        "of service 'logging.googleapis.com'.",
        "status": "RESOURCE_EXHAUSTED",
    }
}
PERMISSION_ERROR = {
    "error": {
        "code": 403,
        "message": "Permission 'logging.logEntries.list' denied on resource (or it may not exist).",
        "status": "PERMISSION_DENIED",
    }
}
_ids = itertools.count(1)


def rfc3339(value: datetime) -> str:
    return value.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f") + "Z"


def parse_ts(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


class FakeClock:
    """rca.sources.live.Clock without real waiting: sleep() moves time on at once."""

    def __init__(self, start: float = 1000.0) -> None:
        self.t = start
        self._lock = threading.Lock()

    def now(self) -> float:
        with self._lock:
            return self.t

    def sleep(self, seconds: float) -> None:
        if seconds > 0:
            with self._lock:
                self.t += seconds


class FakeLogging(LoopbackServer):
    def __init__(self, max_page_size: int = 1000, delay_s: float = 0.0, clock: FakeClock | None = None) -> None:
        self.entries: list[dict] = []
        self.requests: list[dict] = []
        self.max_page_size = max_page_size
        self.delay_s = delay_s  # added to every response (slow API)
        self._script: list[tuple[int, dict, dict]] = []  # (status, body, headers) served first
        self._denied = False
        self._error: tuple[int, dict] | None = None
        self.clock = clock
        self.times: list[float] = []  # clock time of each request (with a clock)
        self._busy_until: float | None = None
        self._lock = threading.Lock()
        self._serve(self._handler())

    # ------------------------------------------------------------------ scripting
    def add(self, entries: list[dict]) -> FakeLogging:
        with self._lock:
            self.entries.extend(entries)
        return self

    def fail(self, status: int = 429, times: int = 1, retry_after: str | None = None) -> FakeLogging:
        body = QUOTA_ERROR if status == 429 else {"error": {"code": status, "message": "backend error", "status": "UNAVAILABLE"}}
        headers = {"Retry-After": retry_after} if retry_after else {}
        with self._lock:
            self._script.extend([(status, body, headers)] * times)
        return self

    def deny(self) -> FakeLogging:
        self._denied = True
        return self

    def refuse(self, status: int, status_text: str, message: str, reason: str | None = None) -> FakeLogging:
        """Every request: this error, with a google.rpc.ErrorInfo `reason` as Google sends it."""
        error: dict[str, Any] = {"code": status, "message": message, "status": status_text}
        if reason:
            error["details"] = [{"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": reason,
                                 "domain": "googleapis.com", "metadata": {"service": "logging.googleapis.com"}}]
        self._error = (status, {"error": error})
        return self

    def busy_for(self, seconds: float) -> FakeLogging:
        """Answer 429 (no Retry-After, as Cloud Logging) until `seconds` of clock time have passed."""
        assert self.clock is not None, "busy_for needs a clock"
        self._busy_until = self.clock.now() + seconds
        return self

    def connection(self, clock: FakeClock | None = None, **kwargs: Any) -> Any:
        """A Connection to this fake: anonymous credentials, and the given clock (else real time)."""
        from google.auth.credentials import AnonymousCredentials

        from rca.sources.live import Connection, RetryPolicy

        extra = {"clock": clock} if clock is not None else {"policy": RetryPolicy(base_delay_s=0.01, max_delay_s=0.05, give_up_after_s=0.2, min_interval_s=0.0)}
        return Connection(endpoint=self.url, credentials=AnonymousCredentials(), **{**extra, **kwargs})

    def environment(self, folder: Any) -> dict[str, str]:
        """What `rca` run as a subprocess needs to read from this fake as a user would configure
        it: gcloud's endpoint override and an Application Default Credentials file (an
        authorized_user with a token still valid, so nothing is refreshed)."""
        from pathlib import Path

        adc = Path(folder) / "adc.json"
        adc.write_text(json.dumps({"type": "authorized_user", "client_id": "rca-test.apps.example", "client_secret": "x",
                                   "refresh_token": "r", "token": "fake-access-token", "expiry": "2099-01-01T00:00:00Z"}))
        return {"CLOUDSDK_API_ENDPOINT_OVERRIDES_LOGGING": self.url, "GOOGLE_APPLICATION_CREDENTIALS": str(adc)}

    @property
    def calls(self) -> int:
        return len(self.requests)

    # ------------------------------------------------------------------ lifecycle

    # ------------------------------------------------------------------ the API
    def _respond(self, body: dict) -> tuple[int, dict, dict]:
        with self._lock:
            self.requests.append(body)
            if self.clock is not None:
                self.times.append(self.clock.now())
                if self._busy_until is not None and self.clock.now() < self._busy_until:
                    return 429, QUOTA_ERROR, {}
            if self._script:
                return self._script.pop(0)
            entries = list(self.entries)
        if self._error is not None:
            return self._error[0], self._error[1], {}
        if self._denied:
            return 403, PERMISSION_ERROR, {}
        project_prefixes = tuple(f"{name}/" for name in body.get("resourceNames", []))
        matched = [e for e in entries if e.get("logName", "").startswith(project_prefixes) and _matches(e, body.get("filter", ""))]
        descending = "desc" in body.get("orderBy", "").lower()
        matched.sort(key=lambda e: e.get("timestamp", ""), reverse=descending)
        offset = int(body.get("pageToken") or 0)
        size = min(int(body.get("pageSize") or 50), self.max_page_size)
        page = matched[offset : offset + size]
        out: dict[str, Any] = {"entries": page} if page else {}
        if offset + size < len(matched):
            out["nextPageToken"] = str(offset + size)
        return 200, out, {}

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b"{}"
                if self.path.split("?")[0] != "/v2/entries:list":
                    self._send(404, {"error": {"code": 404, "message": f"no route {self.path}", "status": "NOT_FOUND"}}, {})
                    return
                if fake.delay_s:
                    time.sleep(fake.delay_s)
                self._send(*fake._respond(json.loads(raw or b"{}")))

            def _send(self, status: int, body: dict, headers: dict) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=UTF-8")
                self.send_header("Content-Length", str(len(data)))
                for key, value in headers.items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(data)

        return Handler


def _matches(entry: dict, filter_: str) -> bool:
    ts = entry.get("timestamp")
    for op, value in re.findall(r'timestamp\s*(>=|<=)\s*"([^"]+)"', filter_):
        if ts is None:
            return False
        if op == ">=" and parse_ts(ts) < parse_ts(value):
            return False
        if op == "<=" and parse_ts(ts) > parse_ts(value):
            return False
    level = re.search(r"severity\s*>=\s*([A-Z]+)", filter_)
    if level and SEVERITIES.index(entry.get("severity", "DEFAULT")) < SEVERITIES.index(level.group(1)):
        return False
    services = re.findall(r'resource\.labels\.\w+\s*=\s*"((?:[^"\\]|\\.)*)"', filter_)
    if services:
        labels = entry.get("resource", {}).get("labels", {})
        names = {labels.get("service_name"), labels.get("container_name"), labels.get("function_name")}
        if not names & set(services):
            return False
    return True


# ---------------------------------------------------------------------- realistic entries


def run_entry(
    project: str,
    service: str,
    when: datetime,
    *,
    text: str | None = None,
    payload: dict | None = None,
    severity: str = "DEFAULT",
    log: str = "stderr",
    status: int | None = None,
    path: str = "/api/orders",
    latency_s: float = 0.05,
    revision: str | None = None,
    instance: str = "0069c7a988",
) -> dict:
    """One Cloud Run entry as `entries.list` returns it (and gcloud prints it)."""
    revision = revision or f"{service}-00042-abc"
    entry: dict[str, Any] = {
        "insertId": f"{next(_ids):012x}",
        "logName": f"projects/{project}/logs/run.googleapis.com%2F{log}",
        "receiveTimestamp": rfc3339(when + timedelta(milliseconds=40)),
        "resource": {
            "type": "cloud_run_revision",
            "labels": {
                "configuration_name": service,
                "location": "europe-west1",
                "project_id": project,
                "revision_name": revision,
                "service_name": service,
            },
        },
        "labels": {"instanceId": instance},
        "severity": severity,
        "timestamp": rfc3339(when),
    }
    if status is not None:
        entry["httpRequest"] = {
            "requestMethod": "GET",
            "requestUrl": f"https://{service}-xyz-ew.a.run.app{path}",
            "requestSize": "412",
            "status": status,
            "responseSize": "1024",
            "userAgent": "Mozilla/5.0",
            "remoteIp": "203.0.113.7",
            "serverIp": "216.239.32.53",
            "latency": f"{latency_s:.9f}s",
            "protocol": "HTTP/1.1",
        }
        entry["trace"] = f"projects/{project}/traces/{next(_ids):032x}"
    if payload is not None:
        entry["jsonPayload"] = payload
    elif text is not None:
        entry["textPayload"] = text
    return entry


def incident_entries(project: str, service: str, now: datetime, *, minutes: int = 40, extra_line: str | None = None) -> list[dict]:
    """Healthy traffic, then a bad revision that cannot import psycopg2: 503s and restarts."""
    out: list[dict] = []
    start = now - timedelta(minutes=minutes)
    onset = now - timedelta(minutes=minutes // 2)
    for minute in range(minutes):
        t = start + timedelta(minutes=minute, seconds=5)
        broken = t >= onset
        for i in range(4):
            out.append(
                run_entry(project, service, t + timedelta(seconds=i * 10), log="requests", status=503 if broken else 200,
                          severity="ERROR" if broken else "INFO", latency_s=0.004 if broken else 0.08)
            )
        if broken:
            rev = f"{service}-00043-new"
            for j, line in enumerate([
                "Traceback (most recent call last):",
                '  File "/app/main.py", line 3, in <module>',
                "    import psycopg2",
                "ModuleNotFoundError: No module named 'psycopg2'",
            ]):
                out.append(run_entry(project, service, t + timedelta(milliseconds=j), text=line, severity="ERROR", revision=rev, instance=f"inst{minute}"))
            out.append(run_entry(project, service, t + timedelta(seconds=1), text="Container called exit(1).", log="varlog%2Fsystem", severity="WARNING", revision=rev))
        else:
            out.append(run_entry(project, service, t, payload={"message": f"served order {minute}", "severity": "INFO"}, log="stdout", severity="INFO"))
    if extra_line is not None:
        out.append(run_entry(project, service, onset + timedelta(seconds=30), text=extra_line, severity="ERROR"))
    return out
