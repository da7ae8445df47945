"""Text log lines that carry their own prefix: timestamps, levels, loggers; trace lines; access lines.

Containers on GKE / Cloud Run ship what a program prints as `textPayload`, prefix included
(`2024-05-01 10:00:00,123 ERROR app.db - connection refused`, glog `E0501 10:00:00.123 7 x.go:42]
...`, logfmt, JSON printed as text).  Mining the whole line puts the prefix into the template and
the message into `<*>`, and the level inside the line is lost.  This module recognises the common
prefixes generically (never a dataset's own format) and says what kind of line a stack-trace line
is, for Python, Java, Go and Node.

Every pattern is *data*: a name and a regular expression with named groups, written in the
common subset of Python `re` and RE2 (no look-around, no backreferences, no possessive or atomic
groups), so a SQL engine with RE2 regex functions (DuckDB, BigQuery) can apply the very same
strings.  Python applies them here with `re`.

    parse_prefix(line) -> Prefixed | None    level (Cloud Logging severity), message, logger, time
    trace_kind(text) -> int                   TB_START / FRAME / CODE / CHAIN / EXC / AT / CAUSE / PANIC / END
    parse_access(text) -> Access | None       method, path, status, latency of an access line
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple
from datetime import datetime, UTC

import orjson

# --------------------------------------------------------------------------- levels

# A line that names the warning it is (Python's `file.py:18: UserWarning: ...`, Node's
# `(node:1) DeprecationWarning: ...`): a warning whatever level the stream gave it (stderr: ERROR).
WARNING_CLASS = re.compile(r"(?:^|[\s:\]])[A-Z]\w*Warning: ")

# Level words as programs print them -> Cloud Logging severity.  Keys are upper case; look up
# `level.upper()`.  Single letters are glog/klog (and Android) levels.
LEVELS: dict[str, str] = {
    "TRACE": "DEBUG", "DEBUG": "DEBUG", "DBG": "DEBUG", "FINE": "DEBUG", "FINER": "DEBUG", "FINEST": "DEBUG",
    "VERBOSE": "DEBUG", "INFO": "INFO", "INF": "INFO", "INFORMATION": "INFO", "CONFIG": "INFO",
    "NOTICE": "NOTICE", "AUDIT": "NOTICE", "NOTE": "INFO", "SYSTEM": "INFO", "WARN": "WARNING", "WARNING": "WARNING", "WRN": "WARNING",
    "ERROR": "ERROR", "ERR": "ERROR", "EROR": "ERROR", "SEVERE": "ERROR", "CRITICAL": "CRITICAL",
    "CRIT": "CRITICAL", "FATAL": "CRITICAL", "FTL": "CRITICAL", "ALERT": "ALERT", "EMERGENCY": "EMERGENCY",
    "EMERG": "EMERGENCY", "PANIC": "EMERGENCY", "DPANIC": "CRITICAL",
    "D": "DEBUG", "V": "DEBUG", "I": "INFO", "W": "WARNING", "E": "ERROR", "F": "CRITICAL",
}
# syslog PRI % 8 -> severity (RFC 5424 numeric severities)
SYSLOG_SEVERITY = ("EMERGENCY", "ALERT", "CRITICAL", "ERROR", "WARNING", "NOTICE", "INFO", "DEBUG")

# Upper-case level words (longest alternative first: RE2 and `re` both take the first that fits).
_LV = (r"(?:TRACE|DEBUG|INFO|NOTICE|AUDIT|WARNING|WARN|ERROR|CRITICAL|FATAL|SEVERE|ALERT|EMERGENCY"
       r"|EMERG|CRIT|DPANIC|PANIC)")
# Any case, for levels in brackets or after `level=` (`[error]`, `[Warning]`).
_LV_ANY = r"(?i:trace|debug|info|notice|warning|warn|error|err|critical|crit|fatal|severe|alert|emerg|emergency)"
_DATE = r"\d{4}[-/]\d\d[-/]\d\d"
_TIME = r"\d\d:\d\d:\d\d(?:[.,]\d{1,9})?"
_TZ = r"(?: ?(?:Z|z|UTC|[+-]\d\d:?\d\d))?"
_ISO = _DATE + r"[Tt ]" + _TIME + _TZ
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
# c.e.Foo, app.db, Foo#42, x.py:7, logback's abbreviated o.a.c.c.C.[.[.[/].[dispatcherServlet]
_LOGGER_DOTTED = r"[A-Za-z_$][\w$-]*(?:[.#/][\w$<>\[\]/-]*)+(?::\d+)?"
# Trace context a pattern prints before the message (MDC): `TraceID: abc SpanID: def`, `trace_id=abc`
_TRACE_CTX = r"(?P<ctx>(?:(?i:trace_?id|span_?id|request_?id|x-request-id|correlation_?id)[:=] ?[\w-]+ +)*)"


@dataclass(frozen=True, slots=True)
class LinePattern:
    """One prefix format.  Named groups (all optional but `msg`):

    ts (date and time), date, time, level / level2 (a level word; level2 when a second
    alternative needed its own group), pri (syslog PRI number), logger / logger2, pid, thread,
    ctx (request context in brackets), msg (the message, to the end of the line).
    `first`: the characters a matching line can start with (a fast pre-filter; "" = any).
    """

    name: str
    regex: str
    first: str = ""


# Order matters: the first pattern that matches wins (more specific ones first).
PREFIX_PATTERNS: tuple[LinePattern, ...] = (
    # glog / klog: E0501 10:00:00.123456    7 server.go:42] message
    LinePattern("glog", r"(?s)^(?P<level>[IWEF])(?P<date>\d{4}) (?P<time>\d\d:\d\d:\d\d\.\d+) +(?P<pid>\d+) "
                r"(?P<logger>[^ :\]]+:\d+)\] ?(?P<msg>.*)$", "IWEF"),
    # MySQL's error log (8.0: 2024-05-01T10:00:00.123456Z 12 [Warning] [MY-010055] [Server] msg; 5.7
    # without the error code and subsystem; the number is a thread, not a process); a MySQL
    # container writes it to stderr, so the level inside is all that tells a note from an error
    LinePattern("mysql", r"(?s)^(?P<ts>" + _ISO + r") +\d+ \[(?P<level>System|ERROR|Warning|Note)\]"
                r" (?:\[MY-\d+\] )?(?:\[(?P<logger>[A-Za-z]+)\] )?(?P<msg>.*)$", "0123456789"),
    # Ruby's Logger (Rails, Sidekiq): I, [2024-05-01T10:00:00.123456 #7]  INFO -- progname: [tags] message;
    # Rails' tagged logging puts the request id in brackets before the message
    LinePattern("ruby", r"(?s)^[DIWEFAU], \[(?P<ts>" + _ISO + r") #(?P<pid>\d+)\] +(?P<level>" + _LV
                + r"|ANY) -- (?P<logger>[^:\n]*): (?P<ctx>(?:\[[^\]\n]*\] )*)(?P<msg>.*)$", "DIWEFAU"),
    # oslo.log and Python `%(asctime)s %(process)d %(levelname)s %(name)s [ctx] msg`
    LinePattern("oslo", r"(?s)^(?P<ts>" + _DATE + r" " + _TIME + r") (?P<pid>\d+) (?P<level>" + _LV
                + r") (?P<logger>[A-Za-z_][\w.-]*) (?P<ctx>(?:\[[^\]\n]*\] ?)*)(?P<msg>.*)$", "0123456789"),
    # Spring Boot: 2024-05-01 10:00:00.123 ERROR 1 --- [app] [main] o.s.b.App : message
    LinePattern("spring", r"(?s)^(?P<ts>" + _ISO + r") +(?P<level>" + _LV + r") +(?P<pid>\d+) +--- +"
                r"(?:\[[^\]\n]*\] +)?\[(?P<thread>[^\]\n]*)\] +(?P<logger>\S+) +: (?P<msg>.*)$", "0123456789"),
    # Python `%(asctime)s - %(name)s - %(levelname)s - %(message)s`
    LinePattern("python-dash", r"(?s)^(?P<ts>" + _ISO + r") - (?P<logger>\S+) - (?P<level>" + _LV
                + r") - (?P<msg>.*)$", "0123456789"),
    # log4j / logback / Python with a logger: [date] time [thread] LEVEL [thread] logger - message
    LinePattern("log4j", r"(?s)^(?:(?P<date>" + _DATE + r")[Tt ])?(?P<time>" + _TIME + r")" + _TZ
                + r" +(?:\[(?P<thread>[^\]\n]*)\] +)?(?P<level>" + _LV + r") +(?:\[[^\]\n]*\] +)?"
                r"(?:(?P<logger>" + _LOGGER_DOTTED + r")(?: *[-:|] +| +)|(?P<logger2>[\w$.-]+)(?: - | \| ))"
                + _TRACE_CTX + r"(?P<msg>.*)$", "0123456789"),
    # Celery: [2024-05-01 10:00:00,123: ERROR/MainProcess] message
    LinePattern("celery", r"(?s)^\[(?P<ts>" + _ISO + r"): (?P<level>" + _LV + r")/(?P<thread>[^\]\n]+)\] "
                r"(?P<msg>.*)$", "["),
    # gunicorn / Flask: [2024-05-01 10:00:00 +0000] [7] [ERROR] msg ; [ts] ERROR in app: msg ;
    # fluent-bit pads its level to five characters: [2024/05/01 10:00:00] [ warn] [input:tail.0] msg
    LinePattern("bracket-time", r"(?s)^\[(?P<ts>" + _ISO + r")\] +(?:\[(?P<pid>\d+)\] +)?"
                r"(?:\[ ?(?P<level>" + _LV_ANY + r")\]:? +|(?P<level2>" + _LV + r")(?: in (?P<logger>[\w.]+))?:? +)?"
                r"(?P<msg>.*)$", "["),
    # Python logging's default: ERROR:app.db:message
    LinePattern("python-default", r"(?s)^(?P<level>CRITICAL|ERROR|WARNING|INFO|DEBUG):(?P<logger>[\w.-]*):"
                r"(?P<msg>.*)$", "CEWID"),
    # uvicorn / FastAPI: "ERROR:    message"
    LinePattern("uvicorn", r"(?s)^(?P<level>CRITICAL|ERROR|WARNING|INFO|DEBUG|TRACE): +(?P<msg>.*)$", "CEWIDT"),
    # syslog RFC 3164: <13>May  1 10:00:00 host prog[7]: message
    LinePattern("syslog", r"(?s)^(?:<(?P<pri>\d{1,3})>)?(?P<ts>" + _MONTH + r" [ \d]\d " + _TIME
                + r") (?P<host>\S+) (?P<logger>[^\s:\[\]]+)(?:\[(?P<pid>\d+)\])?: ?(?P<msg>.*)$",
                "<JFMASOND"),
    # syslog RFC 5424: <13>1 2024-05-01T10:00:00Z host app 7 ID47 - message
    LinePattern("syslog5424", r"(?s)^<(?P<pri>\d{1,3})>1 (?P<ts>\S+) (?P<host>\S+) (?P<logger>\S+) "
                r"(?P<pid>\S+) \S+ (?:-|(?:\[[^\]\n]*\])+) ?(?P<msg>.*)$", "<"),
    # a level first: "ERROR 2024-05-01 10:00:00 message", "[WARN] message", "WARN  message"
    LinePattern("level-first", r"(?s)^\[?(?P<level>" + _LV + r")\]?:? +(?:\[?(?P<ts>" + _ISO + r")\]?:? +)?"
                r"(?P<msg>.*)$", "[ACDEFINPSTW"),
    # a timestamp first, then maybe a level: "2024-05-01T10:00:00Z ERROR [worker]: message",
    # Go's log package "2024/05/01 10:00:00 message", nginx "2024/05/01 10:00:00 [error] 7#7: msg"
    LinePattern("timestamp", r"(?s)^\[?(?P<ts>" + _ISO + r")\]?:? +(?:(?:\[(?P<level>" + _LV_ANY + r")\]|"
                r"(?P<level2>" + _LV + r")|level=(?P<level3>\w+)):? +(?:\[(?P<logger>[^\]\n]{1,80})\]:? +)?)?"
                r"(?P<msg>.*)$", "[0123456789"),
    # a time of day first (no date): "10:00:00.123 message" when nothing above fitted
    LinePattern("time", r"(?s)^(?P<time>" + _TIME + r") +(?:\[?(?P<level>" + _LV + r")\]? +)?(?P<msg>.*)$",
                "0123456789"),
)

# logfmt (`level=error ts=... msg="..." err="..."`): one key=value pair; a line is logfmt when
# it starts with a pair and has a level or msg key.
LOGFMT_START = r"^[A-Za-z_][\w.-]*=(?:\"|[^\s\"=]|\s)"
LOGFMT_PAIR = r"(?P<key>[A-Za-z_][\w.-]*)=(?P<value>\"(?:[^\"\\]|\\.)*\"|[^\s\"]*)"
LOGFMT_LEVEL_KEYS = ("level", "lvl", "severity", "loglevel", "log.level")
LOGFMT_MESSAGE_KEYS = ("msg", "message", "event")
LOGFMT_DROP_KEYS = ("ts", "time", "timestamp", "t", "caller", "logger", "source", "component", "pid", "thread")
# Trace context a message starts with when the pattern printed it inside the message (logfmt, JSON,
# a prefix this module does not know): `TraceID: abc SpanID: def ...`. Every message of a service
# starting alike would make the miner merge unrelated messages, so it is left out of the mined text.
TRACE_CTX_LEAD = r"^(?:(?i:trace_?id|span_?id|request_?id|x-request-id|correlation_?id)[:=] ?[\w-]+ +)+"
# Request context in brackets that a pattern printed inside the message (oslo's `[req-<uuid> user
# project - - -] [instance: <uuid>]`, Rails' tagged `[<request id>]`): a bracket holding an id (a
# UUID or a long hex number) is context, not what happened; like TRACE_CTX_LEAD, left out.
BRACKET_CTX_LEAD = (r"^(?:\[[^\]\n]{0,200}?(?:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}|[0-9a-fA-F]{16,})"
                    r"[^\]\n]{0,200}\] ?)+")
# JSON printed as text: where the fields are.
JSON_LEVEL_KEYS = ("severity", "level", "levelname", "lvl", "log.level", "loglevel")
JSON_MESSAGE_KEYS = ("message", "msg", "event", "log", "textPayload")
JSON_LOGGER_KEYS = ("logger", "logger_name", "name", "loggerName")
JSON_TIME_KEYS = ("time", "timestamp", "ts", "@timestamp", "datetime")

_GROUPS = ("msg", "level", "level2", "level3", "pri", "logger", "logger2", "pid", "ts", "date", "time")
_NEEDS_MESSAGE = frozenset({"timestamp", "time", "level-first"})  # a bare time or level is not a prefix
# Formats whose logger is the program that wrote the line (syslog's TAG): on a VM's syslog or journal
# stream every process shares one log, and the program is the writer an engineer reads it by.
PROGRAM_FORMATS = frozenset({"syslog", "syslog5424"})
_MAY_NEST = frozenset({"timestamp", "time", "syslog", "syslog5424", "bracket-time"})  # a level may follow inside


def _compile(p: LinePattern) -> tuple:
    rx = re.compile(p.regex)
    return p, rx, {g: rx.groupindex.get(g, 0) for g in _GROUPS}  # 0: the pattern has no such group


_COMPILED = tuple(_compile(p) for p in PREFIX_PATTERNS)
# First characters of a line that may carry a prefix (the patterns' own, and logfmt's lower-case
# keys): a cheap test before parse_prefix.
PREFIX_FIRST = frozenset("".join(p.first for p in PREFIX_PATTERNS)) | frozenset("abcdefghijklmnopqrstuvwxyz_")
# First characters of a headline `headline_type` may name (Exception in thread, Caused by, panic:,
# fatal error:, Uncaught / Unhandled..., `(node:7) Unhandled...`).
HEADLINE_FIRST = frozenset("ECSPpfU(")
_BY_FIRST: dict[str, tuple] = {}
for _c in {ch for p in PREFIX_PATTERNS for ch in p.first}:
    _BY_FIRST[_c] = tuple(x for x in _COMPILED if not x[0].first or _c in x[0].first)
_ANY_FIRST = tuple(x for x in _COMPILED if not x[0].first)
_LOGFMT_START = re.compile(LOGFMT_START)
_CTX_LEAD = re.compile(TRACE_CTX_LEAD)
_BRACKET_CTX_LEAD = re.compile(BRACKET_CTX_LEAD)


def _no_ctx(msg: str) -> str:
    """The message without a leading run of trace-context fields (TRACE_CTX_LEAD) or of
    bracketed request context (BRACKET_CTX_LEAD)."""
    if msg[:1] == "[":
        m = _BRACKET_CTX_LEAD.match(msg)
    elif msg[:1] in "TtSsRrXxCc":
        m = _CTX_LEAD.match(msg)
    else:
        return msg
    return msg[m.end():] if m is not None and m.end() < len(msg) else msg
_LOGFMT_PAIR = re.compile(LOGFMT_PAIR)
_MONTHS = {m: i for i, m in enumerate("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(), 1)}
_TS_PARTS = re.compile(r"(\d{4})[-/](\d\d)[-/](\d\d)[Tt ](\d\d):(\d\d):(\d\d)(?:[.,](\d{1,9}))?"
                       r" ?(Z|z|UTC|[+-]\d\d:?\d\d)?")


class Prefixed(NamedTuple):
    """What a line's own prefix says.  severity "" when it names no level."""

    format: str  # the LinePattern name, "logfmt" or "json"
    severity: str  # Cloud Logging severity of the embedded level, or ""
    message: str  # the line without its prefix (what a template should be mined from)
    logger: str = ""
    time: str = ""  # the prefix's date and time as written ("" when it has no date)
    source: str = ""  # logger and process id: lines of one writer (stitching key)
    program: str = ""  # the program a syslog line names (its TAG, without the pid), "" for other formats

    @property
    def timestamp(self) -> float | None:
        """Epoch seconds of `time` (no zone = UTC); computed on demand (log entries have their own)."""
        return timestamp_epoch(self.time)


def level_severity(word: str | None) -> str:
    """Cloud Logging severity of a level word ("warn" -> "WARNING"); "" when unknown."""
    if not word:
        return ""
    return LEVELS.get(word.strip('"').upper(), "")


def timestamp_epoch(text: str | None) -> float | None:
    """Epoch seconds of an ISO-like `2024-05-01 10:00:00,123 +0000` (no zone = UTC); else None."""
    if not text:
        return None
    m = _TS_PARTS.match(text)
    if m is None:
        return None
    y, mo, d, h, mi, s, frac, tz = m.groups()
    try:
        base = datetime(int(y), int(mo), int(d), int(h), int(mi), min(int(s), 59), tzinfo=UTC).timestamp()
    except ValueError:
        return None
    if frac:
        base += int(frac) / 10 ** len(frac)
    if tz and tz not in ("Z", "z", "UTC"):
        sign = -1 if tz[0] == "-" else 1
        hhmm = tz[1:].replace(":", "")
        base -= sign * (int(hhmm[:2]) * 3600 + int(hhmm[2:4]) * 60)
    return base


def message_of(line: str) -> str:
    """A line's message without its own prefix (timestamp, pid, level, logger, request context),
    or the line itself when it has none this module knows or nothing follows the prefix."""
    parsed = parse_prefix(line)
    return parsed.message if parsed is not None and parsed.message.strip() else line


def parse_prefix(line: str) -> Prefixed | None:
    """The prefix a line carries, or None when it has none this module knows.

    Only the first line of a multi-line message is looked at for the prefix; the rest stays in
    the message.
    """
    c = line[:1]
    if not c:
        return None
    if c == "{":
        return parse_json_line(line)
    for pat, rx, gi in _BY_FIRST.get(c, _ANY_FIRST):
        m = rx.match(line)
        if m is None:
            continue
        grp = m.group
        msg = grp(gi["msg"])
        name = pat.name
        if name in _NEEDS_MESSAGE and not msg.strip():
            continue
        level = ((gi["level"] and grp(gi["level"])) or (gi["level2"] and grp(gi["level2"]))
                 or (gi["level3"] and grp(gi["level3"])))
        sev = LEVELS.get(level.upper(), "") if level else ""
        if not sev and gi["pri"] and grp(gi["pri"]):
            sev = SYSLOG_SEVERITY[int(grp(gi["pri"])) % 8]
        if level == "TRACE" and name == "oslo":
            sev = "ERROR"  # oslo.log's TRACE level marks traceback lines
        logger = (gi["logger"] and grp(gi["logger"])) or (gi["logger2"] and grp(gi["logger2"])) or ""
        pid = (gi["pid"] and grp(gi["pid"])) or ""
        time = ""
        if gi["ts"]:
            time = grp(gi["ts"]) or ""
        elif gi["date"] and name != "glog" and grp(gi["date"]):  # glog has no year
            time = f"{grp(gi['date'])} {grp(gi['time'])}"
        if time and not time[:1].isdigit():
            time = ""  # syslog's month names: the year is not in the line
        program = logger if name in PROGRAM_FORMATS and logger != "-" else ""
        if not sev and name in _MAY_NEST:
            inner = parse_prefix(msg) if msg[:1] in ("{", "[") or msg[:1].isupper() or msg[:1].isdigit() else None
            if inner is not None and inner.severity:
                return Prefixed(inner.format, inner.severity, inner.message, inner.logger or logger,
                                time or inner.time, inner.source or f"{logger}/{pid}", program)
        return Prefixed(name, sev, _no_ctx(msg), logger, time, f"{logger}/{pid}" if (logger or pid) else "", program)
    if _LOGFMT_START.match(line):
        return parse_logfmt(line)
    return None


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == '"' and value[-1] == '"':
        return value[1:-1].replace('\\"', '"').replace("\\\\", "\\")
    return value


def parse_logfmt(line: str) -> Prefixed | None:
    """`level=error ts=... caller=x.go:7 msg="failed" err="refused"` -> ERROR, `failed err="refused"`."""
    if "\n" in line:
        return None
    pairs = [(m.group("key"), m.group("value")) for m in _LOGFMT_PAIR.finditer(line)]
    if len(pairs) < 2:
        return None
    keys = {k.lower(): v for k, v in pairs}
    level = next((keys[k] for k in LOGFMT_LEVEL_KEYS if k in keys), "")
    msg_key = next((k for k in LOGFMT_MESSAGE_KEYS if k in keys), "")
    if not level and not msg_key:
        return None
    rest = [f"{k}={v}" for k, v in pairs
            if k.lower() not in LOGFMT_LEVEL_KEYS and k.lower() not in LOGFMT_DROP_KEYS and k.lower() != msg_key]
    msg = _no_ctx(_unquote(keys[msg_key])) if msg_key else ""
    message = " ".join([msg, *rest] if msg else rest) or line
    logger = _unquote(keys.get("logger") or keys.get("caller") or keys.get("component") or "")
    ts = next((_unquote(keys[k]) for k in ("ts", "time", "timestamp") if k in keys), "")
    return Prefixed("logfmt", level_severity(_unquote(level)), message, logger, ts, logger)


def parse_json_line(line: str) -> Prefixed | None:
    """A JSON object printed as a line: its level, message, logger and time."""
    try:
        obj = orjson.loads(line)
    except orjson.JSONDecodeError:
        return None
    if not isinstance(obj, dict):
        return None
    level = next((obj[k] for k in JSON_LEVEL_KEYS if isinstance(obj.get(k), str)), "")
    msg = next((obj[k] for k in JSON_MESSAGE_KEYS if isinstance(obj.get(k), str) and obj[k]), None)
    if msg is None:
        return None
    logger = next((obj[k] for k in JSON_LOGGER_KEYS if isinstance(obj.get(k), str)), "")
    ts = next((obj[k] for k in JSON_TIME_KEYS if isinstance(obj.get(k), str)), "")
    return Prefixed("json", level_severity(level), _no_ctx(msg), logger, ts, logger)


# --------------------------------------------------------------------------- stack-trace lines

# Line kinds (0: not a trace line).  1-5 are Python's (the values rca.sources.tracebacks uses).
TB_START, FRAME, CODE, CHAIN, EXC = 1, 2, 3, 4, 5
AT = 6  # a frame of a trace whose headline comes first: Java/Node `at ...`, `... 3 more`, Go frames
CAUSE = 7  # Java `Caused by: T: m` / `Suppressed: ...`: a nested headline
PANIC = 8  # a headline that starts a trace for sure: Go `panic: ...`, Java `Exception in thread ...`
END = 9  # the last line of a Go crash: `exit status 2`

# An exception type: a (dotted) name whose last part ends like an exception class.
_EXC_TYPE = (r"(?:[A-Za-z_$][\w$]*\.)*(?:[A-Za-z_$][\w$]*)?(?:Error|Exception|Exit|Interrupt|Warning|Failure|Fault"
             r"|Throwable|Rejection)")


@dataclass(frozen=True, slots=True)
class TracePattern:
    """A stack-trace line shape: `kind` is one of the constants above; `lang` who prints it.
    Named groups: type (exception type), message (exception message)."""

    name: str
    lang: str
    kind: int
    regex: str


# First match wins.  Applied to the message without its log prefix.
TRACE_PATTERNS: tuple[TracePattern, ...] = (
    TracePattern("py-header", "python", TB_START, r"^Traceback \(most recent call last\):\s*$"),
    TracePattern("py-frame", "python", FRAME, r'^[ \t]+File "[^"\n]*", line \d+'),
    TracePattern("py-chain", "python", CHAIN,
                 r"^(?:The above exception was the direct cause of the following exception"
                 r"|During handling of the above exception, another exception occurred):?\s*$"),
    TracePattern("java-thread", "java", PANIC,
                 r"^Exception in thread \"[^\"\n]*\" (?P<type>[\w$.]+)(?::\s*(?P<message>.*))?$"),
    TracePattern("java-caused-by", "java", CAUSE,
                 r"^\s*(?:Caused by|Suppressed): (?P<type>[\w$.]+)(?::\s*(?P<message>.*))?$"),
    TracePattern("java-more", "java", AT, r"^\s+\.\.\. \d+ (?:more|common frames omitted)\s*$"),
    TracePattern("at-frame", "java/node", AT, r"^[ \t]+at [^ \n].*$"),
    TracePattern("go-panic", "go", PANIC, r"^(?P<type>panic|fatal error): (?P<message>.*)$"),
    TracePattern("go-goroutine", "go", AT, r"^goroutine \d+ \[[^\]\n]*\]:\s*$"),
    TracePattern("go-file", "go", AT, r"^[ \t]+\S+\.go:\d+(?: \+0x[0-9a-f]+)?\s*$"),
    TracePattern("go-created-by", "go", AT, r"^created by \S+"),
    TracePattern("go-func", "go", AT, r"^[\w/.-]+\.[\w*().-]+\(.*\)\s*$"),
    TracePattern("go-signal", "go", CODE, r"^\[signal [^\]\n]*\]\s*$"),
    TracePattern("go-exit", "go", END, r"^exit status \d+\s*$"),
    TracePattern("node-unhandled", "node", PANIC,
                 r"^(?:\(node:\d+\) |\[)?(?P<type>UnhandledPromiseRejection\w*)(?::\s*(?P<message>.*))?$"),
    TracePattern("node-error-code", "node", EXC,
                 r"^(?:Uncaught )?(?P<type>(?:[A-Z][\w$]*)?Error) \[(?P<code>[A-Z0-9_]+)\]: (?P<message>.*)$"),
    TracePattern("exception-line", "any", EXC,
                 r"^(?:Uncaught )?(?P<type>" + _EXC_TYPE + r")(?::\s(?P<message>.*)|:)?\s*$"),
    TracePattern("caret", "python/node", CODE, r"^\s*[\^~]+\s*$"),
    TracePattern("indented", "python", CODE, r"^[ \t]+\S"),
)
_TRACE_COMPILED = tuple((p, re.compile(p.regex)) for p in TRACE_PATTERNS)
_TRACE_FIRST = frozenset(" \tTDECSPgcfe[(U^~") | frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_$")


def trace_match(text: str) -> tuple[TracePattern, re.Match[str]] | None:
    """The trace pattern a one-line message fits, with its match, or None."""
    if not text or "\n" in text or text[0] not in _TRACE_FIRST:
        return None
    for pat, rx in _TRACE_COMPILED:
        m = rx.match(text)
        if m is not None:
            return pat, m
    return None


def trace_kind(text: str) -> int:
    """The kind of a one-line message as a stack-trace line (0: not one)."""
    hit = trace_match(text)
    return 0 if hit is None else hit[0].kind


def headline_type(text: str) -> str:
    """The exception type a headline names (`java.io.IOException`, `TypeError`, `panic`), or ""."""
    hit = trace_match(text.strip())
    if hit is None or "type" not in hit[1].re.groupindex:
        return ""
    return hit[1].group("type") or ""


# --------------------------------------------------------------------------- access lines


@dataclass(frozen=True, slots=True)
class AccessPattern:
    """An access-line shape.  Named groups: method, path, status, latency, unit (ms, s, us, µs;
    none = seconds), latency_ms (milliseconds)."""

    name: str
    regex: str


_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "CONNECT", "TRACE")
_METHOD = r"(?P<method>" + "|".join(_METHODS) + ")"
_GO_DURATION = r"(?P<latency>\d+(?:\.\d+)?)(?P<unit>ns|µs|us|ms|s|m)"
ACCESS_PATTERNS: tuple[AccessPattern, ...] = (
    # HAProxy's HTTP log format (`option httplog`): client [date] frontend backend/server
    # TR/Tw/Tc/Tr/Ta (1.x: Tq/Tw/Tc/Tr/Tt; a timer is -1 when its step never happened; Ta/Tt in
    # ms, `+` with logasap) status bytes ... "GET /x HTTP/1.1": the status before the request
    AccessPattern("haproxy", r"(?:^|\s)-?\d+/-?\d+/-?\d+/-?\d+/(?:-1|\+?(?P<latency_ms>\d+)) (?P<status>[1-5]\d\d)"
                  r" \+?\d+ [^\n]*?\"" + _METHOD + r" (?P<path>[^ \"]+)(?: HTTP/[\d.]+)?\""),
    # nginx / Apache combined and common, gunicorn, uvicorn, werkzeug, Django: "GET /x HTTP/1.1" 500
    # (eventlet's wsgi server writes `"GET /x HTTP/1.1" status: 500  len: 12 time: 0.01`)
    AccessPattern("quoted-request", r"\"" + _METHOD + r" (?P<path>[^ \"]+)(?: HTTP/[\d.]+)?\" (?:status: )?"
                  r"(?P<status>[1-5]\d\d)\b(?:[^\n]*?(?:\b(?:rt|request_time|duration|latency|upstream_response_time"
                  r"|time)[=:] ?\"?(?P<latency>\d+(?:\.\d+)?)(?P<unit>ms|us|µs|s)?|\s(?P<latency_end>\d+\.\d+)\s*$))?"),
    # gin: [GIN] 2024/05/01 - 10:00:00 | 500 |  1.2ms |  10.0.0.1 | GET  "/x"
    AccessPattern("gin", r"\| +(?P<status>[1-5]\d\d) \| +(?P<latency>\d+(?:\.\d+)?)(?P<unit>ns|µs|us|ms|s|m) \|"
                  r" +\S* *\| +" + _METHOD + r" +\"(?P<path>[^\"\n]+)\""),
    # morgan / plain: GET /x 500 12.345 ms ; "GET /x 500 in 12ms"
    AccessPattern("method-path-status", r"(?:^|\s)" + _METHOD + r" (?P<path>/[^ \n]*) (?P<status>[1-5]\d\d)"
                  r"(?: (?:in )?(?P<latency>\d+(?:\.\d+)?) ?(?P<unit>ms|us|µs|s)\b)?"),
    # Gitea's router log: completed GET /x for 10.0.0.1:0, 500 Internal Server Error in 12.3ms @ ...
    AccessPattern("method-path-for-client", r"(?:^|\s)" + _METHOD + r" (?P<path>/[^ \n]*) for [^\s,]+, "
                  r"(?P<status>[1-5]\d\d)\b[A-Za-z ]* in " + _GO_DURATION + r"\b"),
    # Go HTTP middleware of Loki, Cortex, Mimir, Tempo (weaveworks/dskit): POST /x (500) 1.2ms
    AccessPattern("method-path-paren-status", r"(?:^|[\s\"])" + _METHOD + r" (?P<path>/[^ \n]*) "
                  r"\((?P<status>[1-5]\d\d)\)(?: " + _GO_DURATION + r"\b)?"),
    # Rails: Completed 500 Internal Server Error in 12ms
    AccessPattern("completed", r"^Completed (?P<status>[1-5]\d\d) [A-Za-z ]+ in (?P<latency>\d+(?:\.\d+)?)"
                  r"(?P<unit>ms)\b"),
)
_MAX_PATH = 300  # an endpoint name is cut here (a path can carry a whole payload)
_ACCESS_COMPILED = tuple((p, re.compile(p.regex)) for p in ACCESS_PATTERNS)
_UNIT = {None: 1.0, "": 1.0, "s": 1.0, "ms": 1e-3, "us": 1e-6, "µs": 1e-6, "ns": 1e-9, "m": 60.0}


@dataclass(frozen=True, slots=True)
class Access:
    """A request written as a text line."""

    method: str
    path: str
    status: int
    latency_s: float | None

    @property
    def endpoint(self) -> str:
        return f"{self.method} {self.path}" if self.method else ""


_ACCESS_HINTS = ("GET ", "POST ", "PUT ", "PATCH ", "DELETE ", "HEAD ", "OPTIONS ", "Completed ", "CONNECT ", "TRACE ",
                 "method=")


# A service mesh sidecar (Envoy: Istio, Anthos Service Mesh) logs the calls its pod makes as well
# as the requests it serves; its upstream cluster tells them apart ('outbound|7070||cart.ns.svc...'
# against 'inbound|8080||'). A call out is the callee's request, logged again by the caller's proxy.
# OUTBOUND_CLUSTER: the upstream cluster up to the callee's name (rca.analysis.ranking reads the name).
OUTBOUND_CLUSTER = r"(?:^|\s)outbound\|[0-9]+\|[^|\s]*\|"
_OUTBOUND_CALL = re.compile(OUTBOUND_CLUSTER + r"\S")


def url_path(url: str) -> str:
    """Path of a request URL without scheme, host, query string or fragment."""
    i = url.find("://")
    if i >= 0:
        j = url.find("/", i + 3)
        url = url[j:] if j >= 0 else "/"
    elif not url.startswith("/"):
        j = url.find("/")
        url = url[j:] if j >= 0 else "/" + url
    for sep in ("?", "#"):
        k = url.find(sep)
        if k >= 0:
            url = url[:k]
    return (url or "/")[:_MAX_PATH]


def _bare_path(path: str) -> str:
    """A request's path without its query string or fragment, cut to _MAX_PATH characters. A proxy
    (Varnish, Squid, a forward proxy) logs the absolute form `http://host/x`: read as a full
    `requestUrl` is (`url_path`)."""
    i = path.find("://")
    if 0 < i < 10 and path[:i].isalpha():
        return url_path(path)
    return path.split("?", 1)[0].split("#", 1)[0][:_MAX_PATH]


def parse_access(text: str) -> Access | None:
    """Method, path (no query string), status and latency of an access line (a request the
    writer served), or None; a mesh proxy's line for a call its pod made out is None too."""
    for hint in _ACCESS_HINTS:  # substring tests first: most lines are not access lines
        if hint in text:
            break
    else:
        return None
    if "outbound|" in text and _OUTBOUND_CALL.search(text):
        return None
    for _pat, rx in _ACCESS_COMPILED:
        m = rx.search(text)
        if m is None:
            continue
        g = m.groupdict()
        lat = None
        if g.get("latency"):
            lat = float(g["latency"]) * _UNIT.get(g.get("unit"), 1.0)
        elif g.get("latency_end"):
            lat = float(g["latency_end"])
        elif g.get("latency_ms"):
            lat = float(g["latency_ms"]) / 1000
        return Access(g.get("method") or "", _bare_path(g.get("path") or ""), int(g["status"]), lat)
    return _logfmt_request(text) if "method=" in text else None


# A logfmt request record, its keys in any order (Grafana, Docker Distribution / Harbor, Go
# servers): method=GET path=/x status=500 duration=12ms, a key maybe namespaced
# (`http.request.method`). The path is a path, not a URL: a client logs its calls out by URL.
_REQUEST_KEY = re.compile(r"(?:[\w.-]*[._])?(method|path|uri|status|status_?code|duration|latency|elapsed|took)")
_REQUEST_FIELD = {"uri": "path", "status_code": "status", "statuscode": "status", "latency": "duration",
                  "elapsed": "duration", "took": "duration"}
_GO_DURATION_RX = re.compile(_GO_DURATION + r"\b")


def _logfmt_request(text: str) -> Access | None:
    found: dict[str, str] = {}
    for m in _LOGFMT_PAIR.finditer(text):
        k = _REQUEST_KEY.fullmatch(m.group("key"))
        if k is None or (m.start() and not text[m.start() - 1].isspace()):
            continue
        field = _REQUEST_FIELD.get(k.group(1), k.group(1))
        value = _unquote(m.group("value"))
        if field in found or not {"method": value in _METHODS, "path": value.startswith("/"),
                                  "status": len(value) == 3 and value.isdigit() and value[0] in "12345",
                                  "duration": _GO_DURATION_RX.match(value) is not None}[field]:
            continue
        found[field] = value
    if not {"method", "path", "status"} <= found.keys():
        return None
    lat = None
    if "duration" in found:
        d = _GO_DURATION_RX.match(found["duration"])
        lat = float(d.group("latency")) * _UNIT[d.group("unit")]
    return Access(found["method"], _bare_path(found["path"]), int(found["status"]), lat)


# A request a proxy or server writes as a JSON object by its documented default: `request` an
# object with the HTTP `method` and the `uri` it served (a path), the status under `response`
# (Kong's log plugins) or beside it (Caddy's access log); the latency `latencies.request` in ms
# (Kong) or `duration` in seconds (Caddy).
def parse_json_request(payload: dict) -> Access | None:
    request = payload.get("request")
    if not isinstance(request, dict):
        return None
    method, uri = request.get("method"), request.get("uri")
    if method not in _METHODS or not isinstance(uri, str) or not uri.startswith("/"):
        return None
    response = payload.get("response")
    status = response.get("status") if isinstance(response, dict) else payload.get("status")
    if isinstance(status, str) and status.isdigit():
        status = int(status)
    if type(status) is not int or not 100 <= status <= 599:
        return None
    latencies, duration = payload.get("latencies"), payload.get("duration")
    lat = None
    if isinstance(latencies, dict) and type(latencies.get("request")) in (int, float):
        lat = latencies["request"] / 1000
    elif type(duration) in (int, float):
        lat = float(duration)
    return Access(method, _bare_path(uri), status, lat)
