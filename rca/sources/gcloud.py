"""Cloud Logging LogEntry (gcloud JSON or API JSON) -> LogRecord.

`normalize_entry` runs once per entry, so it is written for speed: plain dict access, no
validation library, regular expressions only on the rare paths.  Odd payload types are turned
into text; a structurally broken entry (say `"resource": "x"`) raises TypeError/AttributeError,
which the reader counts as a skipped "malformed entry".
"""

from __future__ import annotations

from collections.abc import Iterator
from http import HTTPStatus
import re
from datetime import datetime, UTC
from urllib.parse import unquote

import orjson

from rca.models import (MAX_READ_NOTES, OPERATION_DONE, OPERATION_KEY, SEVERITIES, SEVERITY_RANK, LogRecord, ReadStats, bad_timestamp, is_stream_default,
                        truncation_note)
from rca.sources.lineformat import (HEADLINE_FIRST, PREFIX_FIRST, headline_type, parse_access, parse_json_request, url_path, _MAX_PATH,
                                    parse_prefix)
from rca.sources.tracebacks import (AT, MAX_MESSAGE_CHARS, PANIC, SOURCE_KEY, TEXT_KEY, classify_line, exception_name,
                                    headline_first, traceback_fields)

_UTC = UTC
_fromiso = datetime.fromisoformat

# Keys that make a JSON object a LogEntry (used to reject `{"foo": 1}`).
LOGENTRY_KEYS = frozenset({
    "logName", "resource", "timestamp", "receiveTimestamp", "severity", "insertId",
    "textPayload", "jsonPayload", "protoPayload", "httpRequest", "labels", "trace",
})

_SEVERITY: dict[object, str] = {s: s for s in SEVERITIES}
_SEVERITY.update({
    "WARN": "WARNING", "ERR": "ERROR", "FATAL": "CRITICAL", "CRIT": "CRITICAL", "EMERG": "EMERGENCY",
    "PANIC": "EMERGENCY", "SEVERE": "ERROR", "TRACE": "DEBUG", "INFORMATION": "INFO", "NOTE": "NOTICE",
})
_SEVERITY.update({k.lower(): v for k, v in list(_SEVERITY.items()) if isinstance(k, str)})
_SEVERITY.update({k.capitalize(): v for k, v in list(_SEVERITY.items()) if isinstance(k, str)})
_SEVERITY.update({None: "DEFAULT", 0: "DEFAULT", 100: "DEBUG", 200: "INFO", 300: "NOTICE", 400: "WARNING",
                  500: "ERROR", 600: "CRITICAL", 700: "ALERT", 800: "EMERGENCY"})

LEVEL_NAMES = "EMERGENCY|EMERG|ALERT|CRITICAL|CRIT|FATAL|PANIC|SEVERE|ERROR|ERR|WARNING|WARN|NOTICE|INFO|DEBUG|TRACE"
_LEVEL_WORD = re.compile(rf"\b({LEVEL_NAMES})\b")
_LEVEL_KV = re.compile(r'(?i)\b(?:level|severity|lvl)\s*[=:]\s*"?([a-z]+)')
_LEVEL_BRACKET = re.compile(
    r"(?i)\[(emergency|emerg|alert|critical|crit|fatal|error|err|warning|warn|notice|info|debug)\]"
)

_GRPC_CODES = (
    "OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND",
    "ALREADY_EXISTS", "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED",
    "OUT_OF_RANGE", "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED",
)
# journald's `MESSAGE` (GKE and VM node logs: kubelet, containerd, node-problem-detector) after
# the application's own keys
_MESSAGE_KEYS = ("message", "msg", "MESSAGE", "error", "err", "exception")
_TRACE_KEYS = ("stack_trace", "stacktrace", "exc_info", "traceback", "stack")
_MAX_ENDPOINT = _MAX_PATH  # (one cut for every path: the DuckDB plan reads it too)
_TRUNC_MARK = " …[truncated]"


# Times a report can show (datetime's years 1-9999, a day's margin for offsets): a value outside
# is no timestamp; the entry is kept without a time and counted (issue 14 F).
_MIN_TS = -62135510400.0  # 0001-01-02T00:00:00Z
_MAX_TS = 253402214400.0  # 9999-12-31T00:00:00Z


def parse_timestamp(value: object) -> float | None:
    """RFC 3339 (nanoseconds allowed, 'Z' or offset; no offset means UTC) -> epoch seconds;
    None for a value that is no time or lies outside the years 1-9999."""
    ts = _parse_timestamp(value)
    return ts if ts is None or _MIN_TS <= ts <= _MAX_TS else None


def _parse_timestamp(value: object) -> float | None:
    if isinstance(value, str):
        try:
            dt = _fromiso(value)
        except ValueError:
            return _parse_timestamp_slow(value)
        if dt.tzinfo is None:
            dt = dt.replace(tzinfo=_UTC)
        return dt.timestamp()
    if isinstance(value, dict):  # protobuf-style {"seconds": ..., "nanos": ...}
        try:
            return int(value.get("seconds", 0)) + int(value.get("nanos", 0)) / 1e9
        except (TypeError, ValueError, OverflowError):
            return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        v = float(value)
        while v > 1e11:  # milli-, micro- or nanoseconds since the epoch, as some exporters write
            v /= 1000.0
        return v
    return None


_TS_SLOW = re.compile(
    r"\s*(\d{4})-(\d\d)-(\d\d)[Tt ](\d\d):(\d\d)(?::(\d\d)(?:[.,](\d+))?)?\s*([Zz]|[+-]\d\d:?\d\d)?\s*$"
)


def _parse_timestamp_slow(value: str) -> float | None:
    """Forms fromisoformat refuses: lowercase 't', '+0000' offsets, comma decimals, leap seconds."""
    m = _TS_SLOW.match(value)
    if m is None:
        return None
    y, mo, d, h, mi, s, frac, tz = m.groups()
    try:
        sec = int(s or 0)
        base = datetime(int(y), int(mo), int(d), int(h), int(mi), min(sec, 59), tzinfo=_UTC).timestamp()
    except ValueError:
        return None
    base += sec - min(sec, 59)
    if frac:
        base += int(frac[:9]) / 10 ** len(frac[:9])
    if tz and tz not in ("Z", "z"):
        sign = -1 if tz[0] == "-" else 1
        tz = tz[1:].replace(":", "")
        base -= sign * (int(tz[:2]) * 3600 + int(tz[2:]) * 60)
    return base


def normalize_severity(value: object) -> str:
    """Cloud Logging level name for a severity value ('WARN' -> 'WARNING', 500 -> 'ERROR')."""
    try:
        sev = _SEVERITY.get(value)  # type: ignore[arg-type]
    except TypeError:  # unhashable
        sev = None
    if sev is None:
        sev = _SEVERITY.get(value.strip().upper(), "DEFAULT") if isinstance(value, str) else "DEFAULT"
    return sev


_FATAL_HEADLINES = ("panic: ", "fatal error: ")
PY_TRACE_HEADER = "Traceback (most recent call last)"
INLINE_TRACE_MARKS = ("\tat ", "\n    at ", "\ngoroutine ")  # a Java / Node / Go trace written as one entry


def infer_severity(text: str) -> str:
    """Best guess of a level from message text; "DEFAULT" when the text says nothing."""
    head = text[:300]
    if head.startswith(_FATAL_HEADLINES):  # a Go runtime crash: the process is gone
        return "CRITICAL"
    m = _LEVEL_WORD.search(head)
    if m is not None:
        sev = _SEVERITY[m.group(1)]
    else:
        m = _LEVEL_BRACKET.search(head) or _LEVEL_KV.search(head)
        sev = normalize_severity(m.group(1)) if m is not None else "DEFAULT"
    if SEVERITY_RANK[sev] < SEVERITY_RANK["ERROR"] and (
        PY_TRACE_HEADER in text
        or (sev == "DEFAULT" and ("Exception" in head or exception_name(head.split("\n", 1)[0])))
    ):
        sev = "ERROR"
    return sev


def parse_latency(value: object) -> float | None:
    """'0.112114537s' (Duration JSON) or {"seconds", "nanos"} -> seconds."""
    if isinstance(value, str):
        try:
            return float(value[:-1] if value.endswith("s") else value)
        except ValueError:
            return None
    if isinstance(value, dict):
        try:
            return int(value.get("seconds", 0)) + int(value.get("nanos", 0)) / 1e9
        except (TypeError, ValueError, OverflowError):
            return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    return None


def format_latency(seconds: float) -> str:
    return f"{seconds:.0f} s" if seconds >= 100 else f"{seconds:.3g} s"


def log_stream(log_name: str) -> str:
    """'projects/p/logs/run.googleapis.com%2Fvarlog%2Fsystem' -> 'varlog/system'."""
    log_id = log_name.rpartition("/logs/")[2] if "/logs/" in log_name else log_name
    if "%" in log_id:
        log_id = unquote(log_id)
    first, sep, rest = log_id.partition("/")
    if sep and "." in first:  # drop the "run.googleapis.com/" style prefix
        return rest
    return log_id


def _compact(value: object) -> str:
    try:
        text = orjson.dumps(value, option=orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS).decode()
    except (TypeError, orjson.JSONEncodeError):
        text = str(value)
    return text


def _as_text(value: object) -> str:
    return value if isinstance(value, str) else _compact(value)


# Numeric levels of Node's pino and bunyan (`"level": 50`); Cloud Logging's own numbers (100-800)
# are in _SEVERITY.
_NODE_LEVELS = {10: "DEBUG", 20: "DEBUG", 30: "INFO", 40: "WARNING", 50: "ERROR", 60: "CRITICAL"}
# Keys a structured logger writes its level under: Cloud Logging, Go slog/zap/logrus, pino, Python
# (python-json-logger, structlog), ECS (`log.level`), logfmt-style `lvl`.
_LEVEL_KEYS = ("severity", "level", "levelname", "lvl", "log.level", "loglevel", "log_level")
_ERROR_KEYS = ("error", "err", "exception")
# an error string joined to the message; `Error` as Go SDKs that capitalise their fields write it
ERROR_STRING_KEYS = ("error", "err", "Error")


def _payload_level(payload: dict) -> str:
    """The level a structured payload names for itself, as a level word ("" when none)."""
    for key in _LEVEL_KEYS:
        v = payload.get(key)
        if isinstance(v, str) and v:
            return v
        if type(v) is int:
            return _NODE_LEVELS.get(v) or _SEVERITY.get(v) or ""
    log = payload.get("log")
    if isinstance(log, dict) and isinstance(log.get("level"), str):
        return log["level"]
    return ""


def _message_key(payload: dict) -> str:
    """The key `_json_message` takes the message from ("" when none)."""
    for key in _MESSAGE_KEYS:
        v = payload.get(key)
        if v is not None and v != "" and not isinstance(v, dict):
            return key
    return ""


def _json_message(payload: dict) -> tuple[str, str, str]:
    """(message, exception type, severity named inside) of a structured payload.

    The message is `msg`, then an error object's `type: message` (`error`, pino's `err`,
    `exception`) or an error string, joined with ": " (rca.evals.grounded knows the same join)."""
    used = _message_key(payload)
    msg = _as_text(payload[used]) if used else ""
    exc = ""
    err = next((e for e in (payload.get(k) for k in _ERROR_KEYS) if isinstance(e, dict)), None)
    if err is not None:
        etype = err.get("type") or err.get("name") or err.get("@type") or ""
        evalue = err.get("value") or err.get("message") or ""
        etype = etype if isinstance(etype, str) else _compact(etype)
        evalue = evalue if isinstance(evalue, str) else _compact(evalue)
        exc = etype.rpartition("/")[2] if "/" in etype else etype
        detail = f"{etype}: {evalue}" if etype and evalue else (etype or evalue)
        if detail and (evalue not in msg if evalue else etype not in msg):
            msg = f"{msg}: {detail}" if msg else detail
    elif used in ("message", "msg"):
        for key in ERROR_STRING_KEYS:
            e = payload.get(key)
            if isinstance(e, str) and e and e not in msg:
                msg = f"{msg}: {e}"
                break
    if not msg:
        msg = _compact(payload)
    for key in _TRACE_KEYS:
        tb = payload.get(key)
        if isinstance(tb, str) and "\n" in tb and tb not in msg:
            msg = f"{msg}\n{tb}"
            break
    return msg, exc, _payload_level(payload)


_MAX_DELTAS = 3


def _audit_detail(pp: dict) -> str:
    """What an audit entry changed, in the entry's own words (each word a key or value of the
    payload, so rca.evals.grounded can find it): IAM binding deltas (`REMOVE roles/x member`) and
    the record sets a DNS change deletes or adds."""
    parts: list[str] = []
    for holder in (pp.get("serviceData"), pp.get("metadata")):
        delta = holder.get("policyDelta") if isinstance(holder, dict) else None
        deltas = delta.get("bindingDeltas") if isinstance(delta, dict) else None
        if isinstance(deltas, list):
            for d in deltas[:_MAX_DELTAS]:
                if isinstance(d, dict):
                    parts.append(" ".join(str(d[k]) for k in ("action", "role", "member") if isinstance(d.get(k), str)))
    req = pp.get("request")
    change = req.get("change") if isinstance(req, dict) else None
    if isinstance(change, dict):
        for key in ("deletions", "additions"):
            sets = change.get(key)
            if isinstance(sets, list) and sets:
                names = [f"{r.get('name')} {r.get('type')}" for r in sets[:_MAX_DELTAS]
                         if isinstance(r, dict) and isinstance(r.get("name"), str) and isinstance(r.get("type"), str)]
                if names:
                    parts.append(f"{key} " + " ".join(names))
    return " ".join(p for p in parts if p)


_MAX_SETTINGS = 4
# request fields that say where or how a call was made, not what it set
_NOT_SETTINGS = frozenset({"@type", "name", "kind", "apiVersion", "metadata", "project", "instance", "zone",
                           "region", "parent", "requestId", "validateOnly", "etag", "fingerprint", "resource",
                           "updateMask", "update_mask", "change"})
_SECRET_KEY = re.compile(r"secret|password|token|credential|sha256", re.I)


def _leaves(value: object, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], object]]:
    if isinstance(value, dict):
        for k, v in value.items():
            if isinstance(k, str) and (path or k not in _NOT_SETTINGS):
                yield from _leaves(v, path + (k,))
    elif isinstance(value, list):
        for v in value[:_MAX_SETTINGS]:
            yield from _leaves(v, path)
    elif value is not None and path:
        yield path, value


def _request_settings(req: dict) -> list[str]:
    """`field=value` for the scalar fields a change request set (a patch's new values; the fields its
    updateMask names first), each field named by its last two keys: what the engineer reads to
    know what changed (`cacheKeyPolicy.includeQueryString=false`, `settings.tier=db-custom-2`)."""
    mask = req.get("updateMask") or req.get("update_mask")
    masked = {m.strip().rpartition(".")[2] for m in mask.split(",")} if isinstance(mask, str) else set()
    found: list[tuple[bool, str]] = []
    for path, value in _leaves(req):
        if any(_SECRET_KEY.search(k) for k in path):
            continue
        text = ("true" if value else "false") if isinstance(value, bool) else str(value)
        if not text or len(text) > 100 or any(c.isspace() for c in text):
            continue
        found.append((path[-1] not in masked, f"{'.'.join(path[-2:])}={text}"))
    found.sort(key=lambda f: f[0])  # stable: masked fields first, then the request's own order
    return [f for _, f in found[:_MAX_SETTINGS]]


def _resource_short(name: str) -> str:
    """An audit entry's resource as an engineer names it: a Kubernetes object from its namespace on
    (`shop/deployments/ledger`), anything else as written, cut to 120 characters."""
    i = name.find("namespaces/")
    if i >= 0 and name.count("/", i) >= 3:
        name = name[i + len("namespaces/"):]
    return name[:120]


def _proto_message(pp: dict) -> tuple[str, str, int | None, str, float | None]:
    """(message, mined text, http status, endpoint, latency) for a protoPayload (audit or request log).

    An audit entry's message ends with the fields its request set (`_request_settings`), which the
    mined text leaves out: a long-running operation logs its request (with the body) and its
    completion (without), and both are one change event."""
    method = pp.get("methodName")
    if isinstance(method, str) and method:
        st = pp.get("status")
        status_txt = ""
        if isinstance(st, dict) and st:
            code = st.get("code")
            name = _GRPC_CODES[code] if isinstance(code, int) and 0 <= code < len(_GRPC_CODES) else ""
            smsg = st.get("message") if isinstance(st.get("message"), str) else ""
            status_txt = " ".join(x for x in (name or (str(code) if code is not None else ""), smsg) if x)
        line = f"{method} {status_txt}" if status_txt else f"{method} OK"
        auth = pp.get("authenticationInfo")
        who = auth.get("principalEmail") if isinstance(auth, dict) else None
        if isinstance(who, str) and who:  # who made the change: the rollback advice names them
            line = f"{line} by {who}"
        res = pp.get("resourceName")
        if isinstance(res, str) and res:  # what it changed, so the line quoted as a cause names it
            line = f"{line} on {_resource_short(res)}"
        detail = _audit_detail(pp)
        line = f"{line} {detail}" if detail else line
        req = pp.get("request")
        settings = _request_settings(req) if isinstance(req, dict) and not detail else []
        return (" ".join([line, *settings]) if settings else line), line, None, "", None
    if "resource" in pp and "method" in pp:  # App Engine RequestLog
        path = url_path(str(pp.get("resource") or "/"))
        endpoint = f"{pp.get('method')} {path}"
        status = pp.get("status") if isinstance(pp.get("status"), int) else None
        lat = parse_latency(pp.get("latency"))
        line = _request_line(endpoint, status, lat)
        return line, line, status, endpoint, lat
    line = _compact(pp)
    return line, line, None, "", None


def _completes_operation(op: object) -> bool:
    """Is this the entry that closes a long-running operation, logged apart from its request
    (`operation.last`, not `operation.first`: a call done at once is logged with both)?"""
    return isinstance(op, dict) and op.get("last") is True and op.get("first") is not True


def _status_text(status: int | None) -> str:
    """'503 Service Unavailable': the reason phrase keeps 200s and 503s in different clusters."""
    text = _STATUS_TEXT.get(status)  # type: ignore[arg-type]
    if text is None:
        text = _status_text_uncached(status)
        if len(_STATUS_TEXT) < 1024:
            _STATUS_TEXT[status] = text  # type: ignore[index]
    return text


_STATUS_TEXT: dict[int, str] = {}


def _status_text_uncached(status: int | None) -> str:
    if status is None:
        return "-"
    try:
        return f"{status} {HTTPStatus(status).phrase}"
    except ValueError:
        return str(status)


def _request_line(endpoint: str, status: int | None, latency: float | None) -> str:
    if latency is None:
        return f"{endpoint} → {_status_text(status)}"
    return f"{endpoint} → {_status_text(status)} ({format_latency(latency)})"


def _status_severity(status: int | None) -> str:
    if status is None:
        return "DEFAULT"
    return "ERROR" if status >= 500 else "WARNING" if status >= 400 else "INFO"


class EntryCache:
    """Per-reader memo of values that repeat on every entry (log names, URLs, minutes).

    Bounded: each table is cleared when it reaches _CACHE_MAX, so memory stays flat.
    """

    __slots__ = ("streams", "paths", "minutes", "names", "apps")

    def __init__(self) -> None:
        self.streams: dict[str, str] = {}
        self.paths: dict[str, str] = {}
        self.minutes: dict[str, float] = {}
        # one string object per service / revision / instance name: hashed once by later stages
        # (links, distinct instances)
        self.names: dict[str, str] = {}
        self.apps: dict[str, str] = {}  # pod name -> its workload (k8s_app)


_CACHE_MAX = 4096


def _fast_timestamp(value: str, minutes: dict[str, float]) -> float | None:
    """'2025-09-16T14:59:58.721041Z' via a per-minute memo; anything else via parse_timestamp."""
    if len(value) >= 20 and value[-1] == "Z" and value[16] == ":" and value[19:20] in (".", "Z"):
        key = value[:16]
        base = minutes.get(key)
        if base is None:
            base = parse_timestamp(key + "Z")
            if base is None:
                return None
            if len(minutes) >= _CACHE_MAX:
                minutes.clear()
            minutes[key] = base
        try:
            return base + float(value[17:-1])
        except ValueError:
            return parse_timestamp(value)
    return parse_timestamp(value)


# A delivery by a queue, by the user agent Google's senders use (Pub/Sub push: "APIs-Google;
# (+https://developers.google.com/webmasters/APIs-Google.html)", "CloudPubSub-Google"; Cloud Tasks
# and Cloud Scheduler: "Google-Cloud-Tasks", "Google-Cloud-Scheduler"): a message handed to the
# endpoint and retried while it fails, a background pipeline's work, not a user's request.
_PUSH_AGENT = re.compile(r"^(?:APIs-Google\b|CloudPubSub-Google\b|Google-Cloud-(?:Tasks|Scheduler)\b)")
DELIVERY_KEY = "delivery"  # extra key of a request record that a push subscription sent
PUSH_DELIVERY = "push"


# Platforms that log every request themselves (httpRequest entries): an access line their
# containers print is the same request again, so it is not counted twice.
PLATFORM_REQUEST_LOGS = frozenset({"cloud_run_revision", "gae_app", "cloud_function", "cloud_run_job"})


def _counts_requests(resource: object) -> bool:
    """May a text access line of this resource count as a request?"""
    return not (isinstance(resource, dict) and resource.get("type") in PLATFORM_REQUEST_LOGS)


# Kubernetes: the pod's own labels name its app (GKE copies them into the entry's labels as
# "k8s-pod/<key>", dots in the key kept or made underscores); the container name does not (every
# app container of a fleet may be called "server" or "app", and a sidecar "istio-proxy").
GCE_NAME_LABEL = "compute.googleapis.com/resource_name"  # a GCE entry's VM name, beside its numeric instance_id
K8S_APP_LABELS = ("k8s-pod/app", "k8s-pod/app.kubernetes.io/name", "k8s-pod/app_kubernetes_io/name",
                  "k8s-pod/k8s-app", "k8s-pod/name", "k8s-pod/app.kubernetes.io/instance",
                  "k8s-pod/app_kubernetes_io/instance", "k8s-pod/service", "k8s-pod/component")
# Pod names: '<deployment>-<replicaset hash>-<5>', '<daemonset or job>-<5>', '<statefulset>-<n>'.
# A replicaset hash uses Kubernetes' random alphabet (no vowels, no 0/1/3) or holds a digit, so a
# word ('exporter', 'users') is never taken for one; a lone 5-character suffix must use the alphabet.
K8S_RAND = "bcdfghjklmnpqrstvwxz2456789"
POD_DEPLOY = r"(.+)-([a-z0-9]{6,10})-[a-z0-9]{5}"
POD_HASH = rf"[{K8S_RAND}]+|.*[0-9].*"
POD_SET = rf"(.+)-(?:[{K8S_RAND}]{{5}}|[0-9]{{1,4}})"
_POD_DEPLOY, _POD_HASH, _POD_SET = re.compile(POD_DEPLOY), re.compile(POD_HASH), re.compile(POD_SET)


def pod_workload(pod: str) -> str:
    """The workload a pod name belongs to ('cart-7f9c4d5b8-x2kqz' -> 'cart'); '' when the name
    does not look generated."""
    m = _POD_DEPLOY.fullmatch(pod)
    if m and _POD_HASH.fullmatch(m.group(2)):
        return m.group(1)
    m = _POD_SET.fullmatch(pod)
    return m.group(1) if m else ""


def k8s_app(labels: object, pod: str, memo: dict[str, str]) -> str:
    """The app a Kubernetes entry of this pod belongs to: the pod's app label, else the workload
    its name shows, else '' (memo: pod name -> workload)."""
    if isinstance(labels, dict):
        for key in K8S_APP_LABELS:
            value = labels.get(key)
            if type(value) is str and value:
                return value
    app = memo.get(pod)
    if app is None:
        if len(memo) >= _CACHE_MAX:
            memo.clear()
        app = memo[pod] = pod_workload(pod)
    return app


# Entries that name no service of their own but the thing they are about: the kernel's OOM killer
# on a node names the process it killed; a Kubernetes audit entry names the object it changed.
OOM_HINT = "Killed process "  # a substring every match holds: a cheap test before the regex (both engines)
OOM_PROCESS = OOM_HINT + r"[0-9]+ \(([A-Za-z0-9_.:/+-]{1,64})\)"
_OOM_PROCESS = re.compile(OOM_PROCESS)
# systemd (through syslog or the journal) names the unit a line is about: 'systemd[1]:
# hadoop-hdfs-datanode.service: Main process exited, code=killed' is about hadoop-hdfs-datanode, not
# about the 'syslog' stream it was shipped in. RE2 too (the query plans run it).
SYSTEMD_HINT = ".service: "
SYSTEMD_UNIT = r"(?:^|: )([A-Za-z0-9_@-][A-Za-z0-9_.@-]{0,63}?)\.service: "
_SYSTEMD_UNIT = re.compile(SYSTEMD_UNIT)
# any namespaced object (`.../namespaces/<ns>/<kind>/<name>`, custom resources included), or a
# workload named without its namespace
_K8S_OBJECT = re.compile(r"(?:^|/)namespaces/[^/]+/([a-z0-9.-]+)/([^/]+)|(?:^|/)(deployments|statefulsets|daemonsets|replicasets|pods|services|jobs|cronjobs)/([^/]+)")


def _subject(message: str, pp: object) -> str:
    """The service an entry without one is about ('' when none is named)."""
    if OOM_HINT in message:
        m = _OOM_PROCESS.search(message)
        if m:
            return m.group(1)
    if SYSTEMD_HINT in message:
        m = _SYSTEMD_UNIT.search(message)
        if m:
            return m.group(1)
    if isinstance(pp, dict):
        name = pp.get("resourceName")
        if type(name) is str:
            m = _K8S_OBJECT.search(name)
            if m:
                kind, obj = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
                return (pod_workload(obj) or obj) if kind == "pods" else obj
    return ""

def normalize_entry(entry: dict, index: int, cache: EntryCache | None = None) -> LogRecord | None:
    """One Cloud Logging LogEntry dict -> LogRecord; None when it has no usable payload.

    cache: optional per-reader EntryCache (a reader passes one; the live source may too).
    """
    row = normalize_row(entry, index, EntryCache() if cache is None else cache)
    return None if row is None else LogRecord(*row)


def normalize_row(entry: dict, index: int, cache: EntryCache) -> tuple | None:
    """`normalize_entry` as a plain tuple of the LogRecord fields, in their order (a "row").

    Rows are what the reader passes around: cheaper to build and copy than LogRecords, which are
    made from them only where a caller wants records.
    """
    get = entry.get
    text = get("textPayload")
    http = get("httpRequest")
    jp = pp = None
    if text is None:
        jp = get("jsonPayload")
        pp = get("protoPayload")
        if jp is None and pp is None and http is None:
            return None

    ts_value = get("timestamp") or get("receiveTimestamp")
    if ts_value:
        if (type(ts_value) is str and len(ts_value) >= 20 and ts_value[-1] == "Z" and ts_value[16] == ":"
                and ts_value[19] in ".Z"):
            # _fast_timestamp, inlined: '2025-09-16T14:59:58.721041Z' via the per-minute memo
            base = cache.minutes.get(ts_value[:16])
            if base is not None:
                try:
                    ts = base + float(ts_value[17:-1])
                except ValueError:
                    ts = parse_timestamp(ts_value)
            else:
                ts = _fast_timestamp(ts_value, cache.minutes)
        else:
            ts = _fast_timestamp(ts_value, cache.minutes) if type(ts_value) is str else parse_timestamp(ts_value)
    else:
        ts = None
    sev_value = get("severity")
    sev = _SEVERITY.get(sev_value)  # type: ignore[arg-type]
    if sev is None:
        sev = normalize_severity(sev_value)

    exc = ""
    frames: tuple[str, ...] = ()
    extra: dict[str, str] = {}
    inner_sev = ""
    prefix = None  # what the line's own prefix says (rca.sources.lineformat)
    json_access = None
    if text is not None:
        if type(text) is not str:
            text = _as_text(text)
        message = text
        if text[:1] == "{":  # structured log printed as text
            try:
                inner = orjson.loads(text)
            except orjson.JSONDecodeError:
                inner = None
            if isinstance(inner, dict):
                message, exc, inner_sev = _json_message(inner)
                if http is None and "request" in inner and _counts_requests(get("resource")):
                    json_access = parse_json_request(inner)
        elif text[:1] in PREFIX_FIRST:
            prefix = parse_prefix(text)
    elif jp is not None:
        if isinstance(jp, dict):
            message, exc, inner_sev = _json_message(jp)
            if http is None and "request" in jp and _counts_requests(get("resource")):
                json_access = parse_json_request(jp)
            if "MESSAGE" in jp and message[:1] in PREFIX_FIRST and _message_key(jp) == "MESSAGE":
                prefix = parse_prefix(message)  # journald carries the program's line, prefix and all
        else:
            message = _as_text(jp)
    else:
        message = ""

    status = latency = None
    endpoint = ""
    if http is not None and isinstance(http, dict):
        st = http.get("status")
        if type(st) is int:
            status = st
        elif isinstance(st, str) and st.isdigit():
            status = int(st)
        lat = http.get("latency")
        if lat is not None:
            latency = parse_latency(lat)
        url = http.get("requestUrl")
        if type(url) is str:
            paths = cache.paths
            path = paths.get(url)
            if path is None:
                path = url_path(url)
                if len(paths) >= _CACHE_MAX:
                    paths.clear()
                paths[url] = path
        else:
            path = "/"
        method = http.get("requestMethod")
        endpoint = f"{method} {path}" if method else path
        agent = http.get("userAgent")
        if type(agent) is str and _PUSH_AGENT.search(agent):
            extra[DELIVERY_KEY] = PUSH_DELIVERY
        if not message:
            message = _request_line(endpoint, status, latency)
    audit_mined = None
    if not message and pp is not None:
        if isinstance(pp, dict):
            message, audit_mined, pstatus, pendpoint, plat = _proto_message(pp)
            if _completes_operation(get("operation")):
                extra[OPERATION_KEY] = OPERATION_DONE
            if pstatus is not None:
                status, endpoint, latency = pstatus, pendpoint, plat
            if sev == "DEFAULT" and isinstance(pp.get("status"), dict) and pp["status"].get("code"):
                sev = "ERROR"
        else:
            message = _as_text(pp)

    mined = message if audit_mined is None else audit_mined  # the text templates are mined from: the message without the line's prefix
    if json_access is not None:  # a request a proxy wrote as JSON (Kong, Caddy): a request record
        status, latency, endpoint = json_access.status, json_access.latency_s, json_access.endpoint
        mined = _request_line(endpoint, status, None)
    if prefix is not None:
        mined = prefix.message
        if prefix.source:
            extra[SOURCE_KEY] = prefix.source
    if http is None and text is not None and text[:1] != "{" and "\n" not in mined and _counts_requests(get("resource")):
        # a request written as a text access line (nginx, gunicorn, uvicorn, ...): a request record
        access = parse_access(mined)
        if access is not None:
            status, latency, endpoint = access.status, access.latency_s, access.endpoint
            mined = _request_line(endpoint or "request", status, None)
    if "\n" in message:
        if PY_TRACE_HEADER in message:
            frames, tb_exc, chain, headline = traceback_fields(message)
            exc = tb_exc or exc
            if chain:
                extra["exception_chain"] = chain
            if headline:  # named by its exception line, as a trace folded from several entries is
                mined = headline
        elif any(mark in message for mark in INLINE_TRACE_MARKS):
            # a Java / Node / Go trace written as one entry: named by its headline too
            lines = mined.split("\n")
            kinds = [classify_line(t) for t in lines]
            if AT in kinds or PANIC in kinds:
                headline, h_exc, chain_l, h_frames = headline_first(lines, kinds)
                if headline:
                    mined, exc, frames = headline, h_exc or exc, h_frames
                    if len(chain_l) > 1:
                        extra["exception_chain"] = " -> ".join(chain_l)
    elif not exc:
        sp = mined.find(" ")
        if sp < 0 or mined[sp - 1] == ":":  # "Name: ..." or a bare "Name": maybe an exception
            exc = exception_name(mined)
        elif mined[:1] in HEADLINE_FIRST:
            exc = headline_type(mined)

    if len(message) > MAX_MESSAGE_CHARS:
        extra["truncated_chars"] = str(len(message))
        message = message[:MAX_MESSAGE_CHARS] + _TRUNC_MARK
        if len(mined) > MAX_MESSAGE_CHARS:
            mined = mined[:MAX_MESSAGE_CHARS] + _TRUNC_MARK
    if mined is not message and mined != message:
        extra[TEXT_KEY] = mined

    # Where the entry came from.
    service = revision = instance = ""
    labels = get("labels")
    if labels:
        instance = labels.get("instanceId") or ""  # Cloud Run
    res = get("resource")
    if res is not None:
        rl = res.get("labels")
        if rl:
            rget = rl.get
            service = rget("service_name") or ""
            pod = rget("pod_name")
            if not service and type(pod) is str and pod:
                service = k8s_app(labels, pod, cache.apps)
                container = rget("container_name")
                if service and container and container != service and not instance:
                    # a sidecar (or an app container named 'server') keeps its own stream of lines
                    instance = f"{pod}/{container}"
            if not service:
                service = (rget("container_name") or pod or rget("namespace_name") or rget("function_name")
                           or rget("job_name") or rget("module_id") or "")
            revision = rget("revision_name") or rget("version_id") or ""
            if not instance:
                # a VM by its name (the Ops Agent's label), not its numeric id: what an engineer knows it by;
                # a Cloud SQL database by its id, which its own log and the audit entries that change it share
                instance = (pod or (labels.get(GCE_NAME_LABEL) if type(labels) is dict else None)
                            or rget("instance_id") or rget("database_id") or "")
    stream = ""
    log_name = get("logName")
    if log_name:
        streams = cache.streams
        stream = streams.get(log_name)  # type: ignore[assignment]
        if stream is None:
            stream = log_stream(log_name)
            if len(streams) >= _CACHE_MAX:
                streams.clear()
            streams[log_name] = stream
    if not service:  # what the line is about, else the program that wrote it (a VM's syslog), else its stream
        service = _subject(message, pp) or (prefix.program if prefix is not None else "") or stream

    # The level written inside the line (or its JSON payload) wins over what the shipper assumed: a missing or DEFAULT
    # severity, or the stream default (stdout INFO, stderr ERROR, as GKE and Cloud Run label them).
    # JSON printed as text always says its own level.
    embedded = ""
    if inner_sev:
        embedded = normalize_severity(inner_sev)
        if embedded == "DEFAULT":
            embedded = ""
    elif prefix is not None:
        embedded = prefix.severity
    if embedded and (sev == "DEFAULT" or is_stream_default(sev, stream) or (text is not None and text[:1] == "{")):
        sev = embedded
    if sev == "DEFAULT":
        sev = _status_severity(status) if status is not None else infer_severity(mined)
    trace = get("trace") or ""
    if trace:
        trace = trace.rpartition("/")[2]
    if type(service) is not str or type(revision) is not str or type(instance) is not str:
        service, revision, instance = str(service), str(revision), str(instance)
    names = cache.names
    if len(names) >= _CACHE_MAX:
        names.clear()
    intern = names.setdefault
    service = intern(service, service)
    revision = intern(revision, revision)
    instance = intern(instance, instance)

    return (ts, sev, message, service, revision, instance, trace, stream,
            status, latency, endpoint, exc, frames, index, extra)


def row_or_skip(value: dict, index: int, cache: EntryCache, skipped: dict[str, int]) -> tuple | None:
    """`normalize_row` of one LogEntry dict, or None with the reason counted in `skipped` (the
    record path, rca.sources.reader, and the plan's odd rows, rca.sources.duck, skip alike)."""
    try:
        row = normalize_row(value, index, cache)
    except (TypeError, AttributeError, ValueError, KeyError, OverflowError):
        skipped["malformed entry"] = skipped.get("malformed entry", 0) + 1
        return None
    if row is None:
        skipped["no payload"] = skipped.get("no payload", 0) + 1
    return row


def add_skipped(stats: ReadStats, skipped: dict[str, int]) -> None:
    """Move the skips counted in `skipped` (row_or_skip) to `stats`."""
    for reason, n in skipped.items():
        stats.skipped += n
        stats.skipped_reasons[reason] = stats.skipped_reasons.get(reason, 0) + n
    skipped.clear()


def note_row(stats: ReadStats, row: tuple, value: dict, index: int, notes: int) -> int:
    """The notes a row calls for: an entry's timestamp that could not be read, a message cut (the
    first MAX_READ_NOTES; `notes`: how many so far, returned updated)."""
    if row[0] is None:
        ts_value = value.get("timestamp") or value.get("receiveTimestamp")
        if ts_value:
            bad_timestamp(stats, index, ts_value)
    chars = row[14].get("truncated_chars")
    if chars and notes < MAX_READ_NOTES:
        notes += 1
        stats.notes.append(truncation_note(index, chars))
    return notes
