"""Plain-text logs: one entry per line, timestamps and levels parsed when present.

Recognised timestamps: ISO 8601 near the start of the line (`2025-09-16T14:18:20.535Z`,
`2025-09-16 14:18:20,535`, gunicorn's `[2025-09-16 14:18:20 +0000]`; no offset means UTC) and
syslog `Sep 16 14:18:20 host prog[pid]: message` (the year is not in the line: the current one,
or the previous one when that would put the line in the future).  A Python traceback printed
after a line (logger.exception) is folded into that line's record, in file order.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import datetime, UTC

from rca.models import LogRecord, ReadStats
from rca.sources.gcloud import _parse_timestamp_slow, infer_severity
from rca.sources.jsonstream import Chunks
from rca.sources.tracebacks import (
    CHAIN, CODE, EXC, FRAME, MAX_MESSAGE_CHARS, TB_START, classify_line, exception_name,
    parse_traceback,
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
    """The last record, kept back until the next line shows whether a traceback follows it."""

    __slots__ = ("ts", "msg", "service", "instance", "index", "lines", "state")

    def __init__(self, ts: float | None, msg: str, service: str, instance: str, index: int, state: int) -> None:
        self.ts = ts
        self.msg = msg
        self.service = service
        self.instance = instance
        self.index = index
        self.lines: list[str] = []
        self.state = state  # 0 plain, 1 in frames, 2 after exception line, 3 after chain sentence

    def takes(self, kind: int) -> bool:
        if len(self.lines) >= _MAX_TB_LINES:
            return False
        st = self.state
        if st == 0:
            return kind == TB_START
        if st == 1:
            return kind in (FRAME, CODE, EXC, CHAIN, TB_START)
        if st == 2:
            return kind == CHAIN
        return kind == TB_START

    @property
    def entries(self) -> int:
        """Input lines this record is made of."""
        return len(self.lines) + (1 if self.msg else 0)

    def add(self, line: str, kind: int) -> None:
        self.lines.append(line)
        if kind == EXC:
            self.state = 2
        elif kind == CHAIN:
            self.state = 3
        else:
            self.state = 1

    def record(self) -> LogRecord:
        if not self.lines:
            msg = self.msg
            exc = exception_name(msg) if msg[:1].isalpha() else ""
            return LogRecord(self.ts, infer_severity(msg), msg, self.service, "", self.instance, "", "",
                             None, None, "", exc, (), self.index)
        all_lines = [self.msg, *self.lines] if self.msg else self.lines
        frames, exc, chain = parse_traceback(all_lines)
        text = "\n".join(all_lines)
        if len(text) > MAX_MESSAGE_CHARS:
            text = text[:MAX_MESSAGE_CHARS] + " …[truncated]"
        extra = {"exception_chain": " -> ".join(chain)} if len(chain) > 1 else {}
        return LogRecord(self.ts, infer_severity(text), text, self.service, "", self.instance, "", "",
                         None, None, "", exc, frames, self.index, extra)


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



def _fold_line(line: str, held: _Held | None, index: int, now: datetime) -> tuple[_Held | None, _Held]:
    """Attach a traceback line to the held record, or finish the held one and hold this line.

    Returns (finished record or None, record now held).
    """
    ts, msg, service, instance = parse_line(line, now)
    if ts is None:
        kind = classify_line(line)
        if held is not None and kind and held.takes(kind):
            held.add(line, kind)
            return None, held
        if kind == TB_START:  # a traceback with no log line before it
            new = _Held(None, "", "", "", index, 0)
            new.add(line, kind)
            return held, new
    return held, _Held(ts, msg, service, instance, index, 0)
