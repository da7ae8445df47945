"""Plain-text logs: one entry per line, timestamps and levels parsed when present.

Recognised timestamps: ISO 8601 near the start of the line (`2025-09-16T14:18:20.535Z`,
`2025-09-16 14:18:20,535`, gunicorn's `[2025-09-16 14:18:20 +0000]`; no offset means UTC) and
syslog `Sep 16 14:18:20 host prog[pid]: message` (the year is not in the line: the current one,
or the previous one when that would put the line in the future), and every prefix
rca.sources.lineformat knows (oslo.log, log4j, glog, Python logging, logfmt, ...): the embedded
level is the record's severity and the prefix stays out of the mined text (`extra["text"]`).
A Python traceback printed after a line (logger.exception) is folded into that line's record;
Java, Node and Go traces into one record named by their headline; access lines become requests.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import datetime, UTC

from rca.models import LogRecord, ReadStats
from rca.sources.gcloud import _parse_timestamp_slow, _request_line, _status_severity, infer_severity
from rca.sources.jsonstream import Chunks
from rca.sources.lineformat import HEADLINE_FIRST, PREFIX_FIRST, headline_type, parse_access, parse_prefix
from rca.sources.tracebacks import (
    AT, CAUSE, CHAIN, CODE, END, EXC, FRAME, PANIC, SOURCE_KEY, TB_START, TEXT_KEY, classify_line, exception_name,
    fold_rows,
)

MAX_LINE_BYTES = 64 * 1024
_MAX_TB_LINES = 1000

_ISO = re.compile(r"(\d{4}-\d\d-\d\d)[Tt ](\d\d:\d\d:\d\d)([.,]\d+)?(\s?(?:[Zz]|[+-]\d\d:?\d\d))?")
_SYSLOG = re.compile(r"(?:<\d{1,3}>)?([A-Z][a-z]{2}) {1,2}(\d{1,2}) (\d\d):(\d\d):(\d\d)(\.\d+)?\s+")
_SYSLOG_TAG = re.compile(r"(\S+) ([^\s:\[\]]+)(?:\[\d+\])?: ?")
_MONTHS = {m: i for i, m in enumerate(("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
                                        "Oct", "Nov", "Dec"), start=1)}
_UTC = UTC


def _iso_epoch(date: str, time: str, frac: str | None, tz: str | None) -> float | None:
    text = f"{date}T{time}"
    try:
        base = datetime.fromisoformat(text).replace(tzinfo=_UTC).timestamp()
    except ValueError:
        return _parse_timestamp_slow(text)
    if frac:
        digits = frac[1:10]
        base += int(digits) / 10 ** len(digits)
    if tz:
        tz = tz.strip()
        if tz not in ("Z", "z"):
            sign = -1 if tz[0] == "-" else 1
            hhmm = tz[1:].replace(":", "")
            base -= sign * (int(hhmm[:2]) * 3600 + int(hhmm[2:4]) * 60)
    return base


def parse_line(line: str, now: datetime) -> tuple[float | None, str, str, str]:
    """(timestamp, message, service, instance) of one text line."""
    m = _ISO.search(line, 0, 64)
    if m is not None and m.start() <= 32:
        ts = _iso_epoch(m.group(1), m.group(2), m.group(3), m.group(4))
        head = line[:m.start()].rstrip("[ ")
        rest = line[m.end():].lstrip("] ")
        msg = f"{head} {rest}" if head else rest
        return ts, msg.strip() or line.strip(), "", ""
    m = _SYSLOG.match(line)
    if m is not None and m.group(1) in _MONTHS:
        month, day = _MONTHS[m.group(1)], int(m.group(2))
        h, mi, s = int(m.group(3)), int(m.group(4)), int(m.group(5))
        ts = None
        for year in (now.year, now.year - 1):
            try:
                dt = datetime(year, month, day, h, mi, s, tzinfo=_UTC)
            except ValueError:  # Feb 29 in a non-leap year
                continue
            if dt.timestamp() <= now.timestamp() + 2 * 86400:
                ts = dt.timestamp() + (float(m.group(6)) if m.group(6) else 0.0)
                break
        rest = line[m.end():]
        t = _SYSLOG_TAG.match(rest)
        if t is not None:
            return ts, rest[t.end():].strip() or rest.strip(), t.group(2), t.group(1)
        return ts, rest.strip(), "", ""
    return None, line.strip(), "", ""


def iter_lines(ch: Chunks, stats: ReadStats) -> Iterator[str]:
    """Decoded lines; a line longer than MAX_LINE_BYTES is cut there and the rest skipped unread."""
    pos = 0
    notes = 0
    line_no = 0

    def cut(head: bytes, total: int) -> str:
        nonlocal notes
        if notes < 5 and len(stats.notes) < 50:
            notes += 1
            stats.notes.append(f"line {line_no}: {total} bytes long, kept the first {MAX_LINE_BYTES // 1024} KiB")
        return head[:MAX_LINE_BYTES].decode("utf-8", "ignore") + " …[truncated]"

    while True:
        buf = ch.buf
        nl = buf.rfind(b"\n", pos)
        if nl >= 0:
            for raw in buf[pos:nl].split(b"\n"):
                line_no += 1
                if len(raw) > MAX_LINE_BYTES:
                    yield cut(raw, len(raw))
                else:
                    yield raw.decode("utf-8", "replace").rstrip("\r")
            pos = nl + 1
            continue
        if ch.eof:
            if pos < len(buf):
                line_no += 1
                raw = buf[pos:]
                yield cut(raw, len(raw)) if len(raw) > MAX_LINE_BYTES else raw.decode("utf-8", "replace").rstrip("\r")
            return
        if len(buf) - pos > MAX_LINE_BYTES:
            head = buf[pos:pos + MAX_LINE_BYTES]
            total = len(buf) - pos
            pos = ch.refill(len(buf))
            while True:  # skip to the end of the line without keeping it
                buf = ch.buf
                nl = buf.find(b"\n")
                if nl >= 0:
                    total += nl
                    pos = nl + 1
                    break
                total += len(buf)
                if ch.eof:
                    pos = len(buf)
                    break
                pos = ch.refill(len(buf))
            line_no += 1
            yield cut(head, total)
            continue
        pos = ch.refill(pos)


class _Held:
    """The last record, kept back until the next lines show whether a trace follows it.

    rows: the record's line and the trace lines attached to it (rows as in
    rca.sources.tracebacks), kinds: their trace line kinds.
    """

    __slots__ = ("rows", "kinds", "state", "source")

    def __init__(self, row: tuple, kind: int, source: str) -> None:
        self.rows = [row]
        self.kinds = [kind]
        self.source = source
        # 0 plain line, 1 in Python frames, 2 after the exception line, 3 after a chain sentence,
        # 5 in a trace whose headline came first (Java, Node, Go), 6 closed
        self.state = _STATE_AFTER.get(kind, 0)

    def takes(self, kind: int) -> bool:
        if len(self.rows) >= _MAX_TB_LINES:
            return False
        return kind in _TAKES[self.state]

    @property
    def entries(self) -> int:
        """Input lines this record is made of."""
        return len(self.rows)

    def add(self, row: tuple, kind: int) -> None:
        self.rows.append(row)
        self.kinds.append(kind)
        st = self.state
        if st == 5:
            self.state = 6 if kind == END else 5
        elif kind == EXC:
            self.state = 2
        elif kind == CHAIN:
            self.state = 3
        else:
            self.state = _STATE_AFTER.get(kind, 1)

    def record(self) -> LogRecord:
        if len(self.rows) == 1:
            return LogRecord(*self.rows[0])
        return LogRecord(*fold_rows(self.rows, self.kinds))


_STATE_AFTER = {TB_START: 1, FRAME: 1, EXC: 5, PANIC: 5, CAUSE: 5, AT: 5}
_TAKES: dict[int, frozenset[int]] = {
    0: frozenset({TB_START}),
    1: frozenset({FRAME, CODE, EXC, CHAIN, TB_START}),
    2: frozenset({CHAIN}),
    3: frozenset({TB_START}),
    5: frozenset({AT, CODE, CAUSE, END}),
    6: frozenset(),
}


def read_text(read: Callable[[int], bytes], stats: ReadStats, now: datetime | None = None,
              base: int = 0) -> Iterator[LogRecord]:
    """LogRecords of a plain-text log; counts go to stats (entries = non-blank lines)."""
    now = now or datetime.now(_UTC)
    ch = Chunks(read, base)
    held: _Held | None = None
    index = 0
    severities: dict[str, int] = {}
    try:
        for line in iter_lines(ch, stats):
            if not line.strip():
                continue
            done, held = _fold_line(line, held, index, now)
            index += 1
            if done is not None:
                rec = done.record()
                severities[rec.severity] = severities.get(rec.severity, 0) + done.entries
                yield rec
        if held is not None:
            rec = held.record()
            severities[rec.severity] = severities.get(rec.severity, 0) + held.entries
            yield rec
    finally:
        stats.entries_read += index
        for sev, n in severities.items():
            stats.by_severity[sev] = stats.by_severity.get(sev, 0) + n



def _row(line: str, index: int, now: datetime) -> tuple[tuple, str]:
    """The row of one text line (the LogRecord fields in order) and the writer its prefix names."""
    raw = line.rstrip()
    service = instance = sev = source = ""
    prefix = parse_prefix(raw) if raw[:1] in PREFIX_FIRST else None
    if prefix is not None and prefix.format != "syslog":
        ts, msg, sev, source = prefix.timestamp, prefix.message, prefix.severity, prefix.source
    else:  # syslog (the year is guessed here), an ISO time a little way in, or no prefix
        ts, msg, service, instance = parse_line(raw, now)
        if ts is None:
            msg = raw  # keep the indentation of trace lines
        inner = parse_prefix(msg) if msg[:1] in PREFIX_FIRST else None
        if inner is not None:
            msg, sev, source = inner.message, inner.severity, inner.source
            if ts is None:
                ts = inner.timestamp
        elif prefix is not None:
            sev = prefix.severity
    status = latency = None
    endpoint = ""
    access = parse_access(msg)
    if access is not None:
        status, latency, endpoint = access.status, access.latency_s, access.endpoint
        msg = _request_line(endpoint or "request", status, None)
    if not sev:
        sev = _status_severity(status) if status is not None else infer_severity(msg)
    exc = exception_name(msg) if msg[:1].isalpha() else ""
    if not exc and msg[:1] in HEADLINE_FIRST:
        exc = headline_type(msg)
    extra: dict[str, str] = {}
    if msg != raw:
        extra[TEXT_KEY] = msg
    if source:
        extra[SOURCE_KEY] = source
    return (ts, sev, raw, service, "", instance, "", "", status, latency, endpoint, exc, (), index, extra), source


def _fold_line(line: str, held: _Held | None, index: int, now: datetime) -> tuple[_Held | None, _Held]:
    """Attach a trace line to the held record, or finish the held one and hold this line.

    A line with its own timestamp joins a trace only when its prefix names the same writer
    (every line of an oslo.log traceback carries the full prefix). Returns (finished record or
    None, record now held).
    """
    row, source = _row(line, index, now)
    kind = classify_line(row[14].get(TEXT_KEY, row[2]) if row[14] else row[2], row[11])
    if held is not None and kind and held.takes(kind) and (row[0] is None or source == held.source):
        held.add(row, kind)
        return None, held
    return held, _Held(row, kind if kind in _STATE_AFTER else 0, source)
