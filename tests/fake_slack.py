"""A fake Slack on 127.0.0.1: response_url receiver, Web API and file-upload endpoint.

    with FakeSlack() as slack:
        url = slack.response_url("cmd1")          # POST JSON here -> slack.messages("cmd1")
        WebClient(token="xoxb-test", base_url=slack.api_url)
        slack.api_errors["files.completeUploadExternal"] = "not_in_channel"

Web API methods: auth.test, files.getUploadURLExternal (hands out an upload URL on this server),
files.completeUploadExternal, chat.postMessage. Bearer tokens must be `slack.token`.
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qs, urlsplit

from loopback import LoopbackServer


class FakeSlack(LoopbackServer):
    def __init__(self, token: str = "xoxb-test-token") -> None:
        self.token = token
        self.responses: dict[str, list[dict]] = {}  # response_url key -> posted JSON bodies
        self.api_calls: list[tuple[str, dict]] = []  # (method, params)
        self.uploads: dict[str, bytes] = {}  # file_id -> bytes posted to the upload URL
        self.completed: list[dict] = []  # files.completeUploadExternal params
        self.expired: set[str] = set()  # response_url keys past their lifetime (answer 404)
        self.api_errors: dict[str, str] = {}  # method -> Slack error code to answer with
        self.reject_blocks = False  # answer response_url posts that carry blocks with 400 invalid_blocks
        self._ids = itertools.count(1)
        self._cond = threading.Condition()
        self._serve(self._handler())

    @property
    def api_url(self) -> str:
        return f"{self.url}/api/"

    def response_url(self, key: str) -> str:
        return f"{self.url}/response/{key}"

    def expire(self, key: str) -> None:
        self.expired.add(key)

    def messages(self, key: str) -> list[dict]:
        with self._cond:
            return list(self.responses.get(key, []))

    def wait_for(self, predicate: Callable[[], Any], timeout: float = 10.0) -> Any:
        """Wait until predicate() is truthy (re-checked whenever anything arrives)."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                value = predicate()
                if value:
                    return value
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"timed out after {timeout}s; responses so far: {json.dumps(self.responses)[:2000]}")
                self._cond.wait(min(left, 0.2))

    def wait_messages(self, key: str, n: int = 1, timeout: float = 10.0) -> list[dict]:
        return self.wait_for(lambda: len(self.responses.get(key, [])) >= n and list(self.responses[key]), timeout)


    # ------------------------------------------------------------------ handlers
    def _record(self, fn: Callable[[], Any]) -> Any:
        with self._cond:
            result = fn()
            self._cond.notify_all()
            return result

    def _api(self, method: str, params: dict, auth: str) -> dict:
        self._record(lambda: self.api_calls.append((method, params)))
        if auth != f"Bearer {self.token}":
            return {"ok": False, "error": "invalid_auth"}
        if method in self.api_errors:
            return {"ok": False, "error": self.api_errors[method]}
        if method == "auth.test":
            return {"ok": True, "url": "https://fake.slack.com/", "team": "Fake", "user": "rca", "team_id": "T1", "user_id": "U0BOT", "bot_id": "B1"}
        if method == "files.getUploadURLExternal":
            file_id = f"F{next(self._ids):08d}"
            return {"ok": True, "upload_url": f"{self.url}/upload/{file_id}", "file_id": file_id}
        if method == "files.completeUploadExternal":
            files = json.loads(params.get("files", "[]"))
            self._record(lambda: self.completed.append(params))
            return {"ok": True, "files": [{"id": f["id"], "title": f.get("title", ""), "name": f.get("title", "")} for f in files]}
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": f"{time.time():.6f}"}
        if method == "chat.postMessage":
            return {"ok": True, "channel": params.get("channel"), "ts": f"{time.time():.6f}"}
        return {"ok": False, "error": "unknown_method"}

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                parts = urlsplit(self.path)
                path = parts.path
                if path.startswith("/response/"):
                    key = path.removeprefix("/response/")
                    body = json.loads(raw or b"{}")
                    if key in fake.expired:  # Slack: a response_url past its 30 minutes
                        self._send(404, "expired_url", "text/plain")
                        return
                    if fake.reject_blocks and body.get("blocks"):
                        self._send(400, "invalid_blocks", "text/plain")
                        return
                    fake._record(lambda: fake.responses.setdefault(key, []).append(body))
                    self._send(200, "ok", "text/plain")
                elif path.startswith("/upload/"):
                    file_id = path.removeprefix("/upload/")
                    fake._record(lambda: fake.uploads.__setitem__(file_id, raw))
                    self._send(200, f"OK - {len(raw)}", "text/plain")
                elif path.startswith("/api/"):
                    params = {k: v[0] for k, v in parse_qs(parts.query).items()}
                    ctype = self.headers.get("Content-Type", "")
                    if "json" in ctype:
                        params.update(json.loads(raw or b"{}"))
                    elif raw:
                        params.update({k: v[0] for k, v in parse_qs(raw.decode()).items()})
                    result = fake._api(path.removeprefix("/api/"), params, self.headers.get("Authorization", ""))
                    self._send(200, json.dumps(result), "application/json; charset=utf-8")
                else:
                    self._send(404, "not found", "text/plain")

            def _send(self, status: int, text: str, ctype: str) -> None:
                data = text.encode()
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        return Handler
