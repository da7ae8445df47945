"""Python tracebacks: recognise their lines, parse them, and stitch split ones back together.

Cloud Run writes a plain-text traceback on stderr as one log entry per line, and a gcloud export
lists entries newest first, so the lines of one traceback arrive consecutive (per instance) but
usually in reverse.  `stitch_tracebacks` keeps a small buffer of traceback-looking lines per
(instance, stream), sorts a buffer by time when it is flushed and folds each complete traceback
into one `LogRecord`.  Buffers are capped in lines and in number, so memory stays flat whatever
the input size.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import fields
from operator import attrgetter

from rca.models import ERROR_RANK, SEVERITY_RANK, LogRecord, is_stream_default
from rca.sources import lineformat as lf

# Line kinds (0 means "not a traceback line"): Python's, and those of traces whose headline comes
# first (Java, Node, Go), as rca.sources.lineformat defines them.
TB_START, FRAME, CODE, CHAIN, EXC = 1, 2, 3, 4, 5
AT, CAUSE, PANIC, END = lf.AT, lf.CAUSE, lf.PANIC, lf.END
LEAD = 10  # an ERROR line just before a trace of the same writer (logger.exception's message): it leads the fold
_TRACE_STARTS = (TB_START, EXC, PANIC)
_RANK = SEVERITY_RANK
NO_HEADLINE = "stack trace without its exception line"  # the name of frames whose headline was not seen
TEXT_KEY = "text"  # extra key: the text to mine when it is not the message (prefix left out, a headline)
SOURCE_KEY = "source"  # extra key: the writer named by the line's prefix (logger/pid), part of the stitch key
# Starts of lines that may be a Java / Go / Node trace line (checked with lineformat's patterns).
_OTHER_STARTS = ("Caused by: ", "Suppressed: ", "Exception in thread ", "panic: ", "fatal error: ", "goroutine ",
                 "created by ", "exit status ", "(node:", "[Unhandled", "Unhandled", "Uncaught ", "[signal ")

TRACEBACK_HEADER = "Traceback (most recent call last):"
_CHAIN_DIRECT = "The above exception was the direct cause of the following exception"
_CHAIN_DURING = "During handling of the above exception, another exception occurred"

_FRAME_RE = re.compile(r'[ \t]+File "[^"\n]*", line \d+')
# An exception class name, possibly dotted (asyncio.exceptions.CancelledError).
_NAME_RE = re.compile(r"_*[A-Za-z][A-Za-z0-9_]*(?:\._*[A-Za-z][A-Za-z0-9_]*)*")
_EXC_SUFFIXES = ("Error", "Exception", "Exit", "Interrupt", "Warning", "Failure", "Fault")
_BARE_EXCEPTIONS = frozenset({"StopIteration", "StopAsyncIteration", "BaseExceptionGroup", "ExceptionGroup"})

# Stitching limits: a traceback longer than this many lines is folded in pieces.
MAX_TRACEBACK_LINES = 1000
MAX_OPEN_BUFFERS = 256
STITCH_GAP_S = 2.0
LEAD_GAP_S = 0.25  # a logger's message and the trace it prints are one write: another writer's line is further away
MAX_MESSAGE_CHARS = 64 * 1024
TRACE_MESSAGE_CHARS = 1800  # a folded trace's message: under the 2,000 characters a cluster sample keeps
_TRUNC_MARK = " …[truncated]"  # after a folded traceback's text cut at MAX_MESSAGE_CHARS
_EXC_LINE_CHARS = 500  # a cause's exception line kept between the frames of a chained traceback
_EXC_TYPE_CHARS = 120  # a chain entry for an exception line with no recognisable type name
_CHAIN_SEP = " -> "  # between the types of a chained traceback
_CHAIN_KEY = "exception_chain"  # the extra key of a folded row holding them
_NO_TIME = float("-inf")
_SWEEP_EVERY = 512  # rows between two looks for buffers the stream has moved past
_STITCHED = "stitched_entries"  # the extra key of a folded row: how many entries it holds


def exception_name(line: str, strict: bool = True) -> str:
    """The exception type named by a `Type: message` line (or a bare `Type`), or "".

    strict: the name must look like an exception class (ends in Error/Exception/..., or is a
    well-known bare name), so that `Config: loaded` on its own is not mistaken for one.
    Non-strict accepts any capitalised (possibly dotted) identifier; used next to stack frames,
    where the line after the frames is the exception line by construction.
    """
    i = line.find(":")
    if i < 0:
        name = line
    else:
        name = line[:i]
        if line[i + 1:i + 2] not in ("", " ", "\t"):  # "http://...", "a:b"
            return ""
    if not name or " " in name or len(name) > 200 or _NAME_RE.fullmatch(name) is None:
        return ""
    last = name.rpartition(".")[2]
    if last.endswith(_EXC_SUFFIXES) or last in _BARE_EXCEPTIONS:
        return name
    if not strict and last.lstrip("_")[:1].isupper():
        return name
    return ""


def classify_line(msg: str, exception: str = "") -> int:
    """Kind of a one-line message as part of a traceback (0: not a traceback line).

    exception: the strict exception name already found for this message, if any (saves work).
    """
    c = msg[:1]
    if c == " " or c == "\t":
        if "\n" in msg:
            return 0
        if _FRAME_RE.match(msg):
            return FRAME
        k = lf.trace_kind(msg)  # Java/Node `at ...`, `... 3 more`, Go file lines, indented `Caused by:`
        return k if k in (AT, CAUSE) else CODE
    if not c:
        return CODE  # a blank line inside a trace (Go prints some)
    if msg.startswith(_OTHER_STARTS) or (msg[-1:] == ")" and "(" in msg and " " not in msg.partition("(")[0]):
        k = lf.trace_kind(msg)
        if k in (AT, CAUSE, PANIC, END, CODE):
            return k
    if c == "T" or c == "D":
        if msg.startswith(TRACEBACK_HEADER):
            return TB_START if "\n" not in msg else 0
        if msg.startswith(_CHAIN_DIRECT) or msg.startswith(_CHAIN_DURING):
            return CHAIN if "\n" not in msg else 0
    elif c == "^" or c == "~":
        return CODE if "\n" not in msg else 0
    if exception and msg.startswith(exception):
        return EXC if "\n" not in msg else 0
    # Candidate exception lines: any capitalised (dotted) identifier, alone or before ": ";
    # whether it really is the exception line is decided by its position once sorted.
    sp = msg.find(" ")
    if (sp < 0 or msg[sp - 1] == ":") and (c.isalpha() or c == "_") and "\n" not in msg:
        return EXC if exception_name(msg, strict=False) else 0
    if c == "E" and msg.startswith("Error [") or c == "U" and msg.startswith("Uncaught "):
        return lf.trace_kind(msg)  # Node: `Error [ERR_X]: ...`, `Uncaught TypeError: ...`
    return 0


def parse_traceback(lines: list[str]) -> tuple[tuple[str, ...], str, list[str]]:
    """Frames (outermost first), final exception type and chain: see _parse_traceback."""
    return _parse_traceback(lines)[:3]


def _parse_traceback(lines: list[str]) -> tuple[tuple[str, ...], str, list[str], str]:
    """Frames (outermost first, chained causes kept in order), final exception type, chain.

    frames holds `File "x.py", line N, in f` lines; for a chained traceback the cause's
    exception line and the "The above exception..." / "During handling..." sentence are kept
    between the frame groups, so the chain stays readable.  chain lists the exception types,
    first cause first.
    """
    frames: list[str] = []
    chain: list[str] = []
    in_tb = False
    last_exc_line = ""
    for line in lines:
        s = line.strip()
        if not s:
            continue
        if s.startswith(TRACEBACK_HEADER):
            in_tb = True
            continue
        if s.startswith(_CHAIN_DIRECT) or s.startswith(_CHAIN_DURING):
            if last_exc_line:
                frames.append(last_exc_line)
            frames.append(s)
            in_tb = False
            continue
        if line[:1] in (" ", "\t"):
            if _FRAME_RE.match(line):
                frames.append(s)
                in_tb = True  # also when the header was lost
            continue  # code and caret lines
        if not in_tb:
            continue
        # First unindented line after the frames: the exception line.
        name = exception_name(s, strict=False)
        chain.append(name or s.split(":", 1)[0][:_EXC_TYPE_CHARS])
        last_exc_line = s[:_EXC_LINE_CHARS]
        in_tb = False
    exc = chain[-1] if chain else ""
    return tuple(frames), exc, chain, last_exc_line


def traceback_fields(text: str) -> tuple[tuple[str, ...], str, str, str]:
    """(frames, exception, chain description, headline) for a multi-line message holding a
    traceback; the headline is its final exception line ("" when none was written)."""
    frames, exc, chain, headline = _parse_traceback(text.split("\n"))
    return frames, exc, _CHAIN_SEP.join(chain) if len(chain) > 1 else "", headline


# Rows: tuples of the LogRecord fields in their order (see rca.sources.gcloud.normalize_row); a
# row may carry more items after these, which folding drops.
_TS, _SEV, _MSG, _SVC, _REV, _INST, _TRACE, _STREAM, _IDX = 0, 1, 2, 3, 4, 5, 6, 7, 13


def _text(row: tuple) -> str:
    """The text of a row without its line prefix (what is classified and mined)."""
    extra = row[14] if len(row) > 14 else None
    return extra.get(TEXT_KEY, row[_MSG]) if extra else row[_MSG]


def fold_rows(group: list[tuple], kinds: list[int] | None = None) -> tuple:
    """One row for the lines of one trace (already in time order), named by its headline.

    A log line before the trace (kind 0, e.g. logger.exception's message) may lead the group.
    The message keeps the first line as written (its prefix included) and the other lines without
    their prefixes; `extra["text"]` is the headline, which is what a template is mined from: the
    exception line of a Python traceback, the innermost `Caused by:` of a Java trace, the first line
    of a Node error or a Go panic."""
    lines = [_text(r) for r in group]
    if kinds is None:
        kinds = [classify_line(t) for t in lines]
    headline = ""
    if TB_START not in kinds and FRAME not in kinds:  # a trace whose headline comes first
        headline, exc, chain, frames = headline_first(lines, kinds)
    else:
        frames, exc, chain = parse_traceback(lines)
        for t, k in zip(reversed(lines), reversed(kinds)):
            if k == EXC:
                headline = t.strip()
                break
    first = group[0]
    text = _compact_trace([first[_MSG], *lines[1:]])
    ts = None
    trace = ""
    sev = first[_SEV]
    rank = SEVERITY_RANK.get(sev, 0)
    index = first[_IDX]
    for r in group:
        if ts is None and r[_TS] is not None:
            ts = r[_TS]
        if not trace and r[_TRACE]:
            trace = r[_TRACE]
        rr = SEVERITY_RANK.get(r[_SEV], 0)
        if rr > rank:
            rank, sev = rr, r[_SEV]
        if r[_IDX] < index:
            index = r[_IDX]
    if headline and (sev == "DEFAULT" or (rank < ERROR_RANK and is_stream_default(sev, first[_STREAM]))):
        # a trace says its own level when its writer gave none (or only a stream default below ERROR:
        # stdout's INFO; stderr's ERROR is kept): an uncaught exception is an error, a Go panic or fatal error a crash
        sev = "CRITICAL" if headline.startswith(("panic: ", "fatal error: ")) else "ERROR"
    extra = {_STITCHED: str(len(group)), TEXT_KEY: headline[:_EXC_LINE_CHARS] if headline else NO_HEADLINE}
    if len(chain) > 1:
        extra[_CHAIN_KEY] = _CHAIN_SEP.join(chain)
    return (ts, sev, text, first[_SVC], first[_REV], first[_INST], trace, first[_STREAM],
            None, None, "", exc, frames, index, extra)


def headline_first(lines: list[str], kinds: list[int]) -> tuple[str, str, list[str], tuple[str, ...]]:
    """(headline, exception type, chain innermost first, `at` frames) of a Java / Node / Go trace:
    the innermost `Caused by:` when there is one, else the first headline (`T: m`, `panic: ...`)."""
    heads = [t.strip() for t, k in zip(lines, kinds) if k in (EXC, PANIC, CAUSE)]
    causes = [t.strip() for t, k in zip(lines, kinds) if k == CAUSE]
    headline = (causes[-1] if causes else heads[0]) if heads else ""
    chain = [_head_type(h) for h in heads]
    chain.reverse()  # the innermost cause first, as for Python
    exc = _head_type(headline) if heads else ""
    return headline, exc, chain, tuple(t.strip() for t, k in zip(lines, kinds) if k == AT)


def join_rows(group: list[tuple]) -> tuple:
    """One row for a message written over several lines (the first with its prefix, the rest
    continuation lines without one): the lines joined, mined from the text without the prefix."""
    first = group[0]
    text = "\n".join(_text(r) for r in group)
    message = "\n".join(r[_MSG] for r in group)
    if len(message) > MAX_MESSAGE_CHARS:
        message = message[:MAX_MESSAGE_CHARS] + _TRUNC_MARK
        text = text[:MAX_MESSAGE_CHARS] + _TRUNC_MARK
    extra = {**(first[14] or {}), _STITCHED: str(len(group)), TEXT_KEY: text}
    return (*first[:_MSG], message, *first[_MSG + 1:14], extra)


def _compact_trace(lines: list[str]) -> str:
    """The message of a folded trace: its first line, then as many of its last lines as fit in
    TRACE_MESSAGE_CHARS, the middle elided with `…` (every frame stays in `frames`). A Python
    traceback's exception line and a Java trace's innermost cause come last, and a report shows the
    start of a message: so the headline is always in what it shows."""
    text = "\n".join(lines)
    if len(text) <= TRACE_MESSAGE_CHARS:
        return text
    tail: list[str] = []
    size = len(lines[0]) + 4
    for line in reversed(lines[1:]):
        if tail and size + len(line) + 1 > TRACE_MESSAGE_CHARS:
            break
        tail.append(line)
        size += len(line) + 1
    tail.reverse()
    if len(tail) < len(lines) - 1:
        text = "\n".join([lines[0], "  …", *tail])
    return text if len(text) <= MAX_MESSAGE_CHARS else text[:MAX_MESSAGE_CHARS] + _TRUNC_MARK


def _head_type(line: str) -> str:
    """The exception type a headline names (`panic` for a Go panic)."""
    return lf.headline_type(line) or exception_name(line.removeprefix("Caused by: "), strict=False)


def _segment(buf: list[tuple[int, tuple]]) -> list[tuple]:
    """Split time-ordered trace-looking lines into folded traces and single rows.

    Python: header, frames and code, the exception line last (chains: sentence, next header).
    Java / Node / Go: the headline first (`T: m`, `panic: ...`), then `at` frames and `Caused by:`
    headlines, `exit status N` last.  A group with no frame is not a trace: its lines stay rows.
    """
    out: list[tuple] = []
    group: list[tuple] = []
    gkinds: list[int] = []
    has_frames = False
    # 0 no group, 1 in frames, 2 after exception line, 3 after chain sentence, 4 after a lead line,
    # 5 headline-first trace
    state = 0

    def close() -> None:
        nonlocal group, gkinds, has_frames, state
        if has_frames:
            out.append(fold_rows(group, gkinds))
        else:
            out.extend(group)
        group, gkinds, has_frames, state = [], [], False, 0

    def take(rec: tuple, kind: int) -> None:
        group.append(rec)
        gkinds.append(kind)

    for kind, rec in buf:
        while True:
            if state == 4:  # a lead line: a trace must start right after it
                if kind in (TB_START, FRAME, EXC, PANIC):
                    state = 0
                    continue
                close()
                continue
            if state == 0:
                if kind == LEAD:
                    take(rec, 0)
                    state = 4
                elif kind in (TB_START, FRAME):
                    take(rec, kind)
                    has_frames = True
                    state = 1
                elif kind == CHAIN:
                    take(rec, kind)
                    state = 3
                elif kind in (EXC, PANIC, CAUSE, AT):
                    take(rec, kind)
                    has_frames = kind == AT
                    state = 5
                else:
                    out.append(rec)
                break
            if state == 5:
                if kind in (AT, CODE, CAUSE):
                    take(rec, kind)
                    has_frames = has_frames or kind == AT
                    break
                if kind == END and has_frames:
                    take(rec, kind)
                    close()
                    break
                close()
                continue  # reconsider this line with no open group
            if state == 1:
                if kind in (AT, PANIC, CAUSE, END):
                    close()
                    continue
                take(rec, kind)
                if kind == EXC:
                    state = 2
                elif kind == CHAIN:
                    state = 3
                has_frames = True
                break
            if state == 2:
                if kind == CHAIN:
                    take(rec, kind)
                    state = 3
                    break
                if kind == CODE or (kind == EXC and rec[_TS] is not None and rec[_TS] == group[-1][_TS]):
                    # the exception message's next lines (`Detail: ...` looks like an exception line;
                    # at the very same instant it is not a new one), or the blank line ending a trace
                    take(rec, CODE)
                    break
                close()
                continue  # reconsider this line with no open group
            # state 3: after a chain sentence only a new traceback header continues the group
            if kind == TB_START:
                take(rec, kind)
                has_frames = True
                state = 1
                break
            close()
    if group:
        close()
    return out


# Kinds that follow each other inside one trace, in the order it is written: Python's header,
# frames, code and exception line; the headline, `at` frames and causes of Java, Node and Go.
_IN_ORDER = frozenset({(TB_START, FRAME), (FRAME, CODE), (CODE, FRAME), (FRAME, FRAME), (CODE, EXC), (FRAME, EXC),
                       (EXC, CHAIN), (CHAIN, TB_START), (EXC, AT), (AT, AT), (AT, CAUSE), (CAUSE, AT), (AT, END),
                       (PANIC, CODE), (PANIC, AT)})


def _in_order(kinds: list[int]) -> int:
    return sum((a, b) in _IN_ORDER for a, b in zip(kinds, kinds[1:]))


def _orient_ties(lines: list[tuple[int, tuple]]) -> None:
    """Lines written at the very same instant (one write split into entries) carry no order of
    their own: an export may list them either way round, whatever the order of the rest. Each
    run of equal timestamps is turned round when the reverse reads more like a trace (header,
    frames, exception line; headline then frames), so the fold finds its headline either way."""
    i = 0
    while i < len(lines):
        j = i + 1
        ts = lines[i][1][_TS]
        while j < len(lines) and ts is not None and lines[j][1][_TS] == ts:
            j += 1
        if j - i > 1:
            run = lines[i:j]
            kinds = [k for k, _ in run]
            if _in_order(kinds[::-1]) > _in_order(kinds):
                lines[i:j] = run[::-1]
        i = j


class _Buffer:
    __slots__ = ("lines", "tmin", "tmax")

    def __init__(self) -> None:
        self.lines: list[tuple[int, tuple]] = []
        self.tmin: float | None = None
        self.tmax: float | None = None


def row_kind(row: tuple) -> int:
    """`classify_line` of a row's text without its prefix (0 for a row that already holds a
    folded traceback)."""
    return 0 if row[12] else classify_line(_text(row), row[11])


class RowStitcher:
    """The state of `stitch_rows`, fed many rows at a time (`feed`), then `finish`ed.

    Fold tracebacks split over consecutive one-line entries; pass everything else through.
    Works whatever the input order (gcloud exports are newest first): lines are buffered per
    (instance, stream) while they look like traceback lines and the buffer is sorted by
    (timestamp, input position in reading order) when flushed.  A buffer is flushed when a
    non-traceback line of the same key arrives, when a line is more than STITCH_GAP_S away from
    it, when it reaches MAX_TRACEBACK_LINES, when more than MAX_OPEN_BUFFERS are open, or at the end.
    """

    __slots__ = ("open_bufs", "last_ts", "backwards", "since_sweep")

    def __init__(self) -> None:
        self.open_bufs: dict[tuple[str, str, str, str], _Buffer] = {}  # by (instance, stream, service, source)
        self.last_ts: float | None = None
        self.backwards = 0  # timestamps seen decreasing minus increasing: tells the input's order
        self.since_sweep = 0

    def _flush(self, key: tuple[str, str, str, str], out: list[tuple]) -> None:
        b = self.open_bufs.pop(key)
        lines = b.lines
        if len(lines) > 1:
            sign = -1 if self.backwards > 0 else 1
            lines.sort(key=lambda kr: (_NO_TIME if kr[1][_TS] is None else kr[1][_TS], sign * kr[1][_IDX]))
            _orient_ties(lines)
        out.extend(_segment(lines))

    def feed(self, rows: Iterable[tuple], kinds: Iterable[int], out: list[tuple]) -> list[tuple]:
        """Append to `out` the rows that are complete after these (rows in input order, kind =
        `row_kind(row)`): rows that are not folded as they came (extra items included), a folded
        traceback as a new 15-item row. Returns `out`."""
        open_bufs = self.open_bufs
        last_ts = self.last_ts
        since_sweep = self.since_sweep
        gap = STITCH_GAP_S
        sweep_every = _SWEEP_EVERY
        append = out.append
        try:
            for rec, kind in zip(rows, kinds):
                ts = rec[_TS]
                if ts is not None:
                    if last_ts is not None:
                        if ts < last_ts:
                            self.backwards += 1
                        elif ts > last_ts:
                            self.backwards -= 1
                    last_ts = ts
                if not kind and not open_bufs and (self.backwards > 0 or SEVERITY_RANK.get(rec[_SEV], 0) < ERROR_RANK):
                    append(rec)
                    continue
                extra = rec[14]
                key = (rec[_INST], rec[_STREAM], rec[_SVC], extra.get(SOURCE_KEY, "") if extra else "")
                buf = open_bufs.get(key)
                if (buf is not None and ts is not None and buf.tmin is not None
                        and (ts < buf.tmin - gap or ts > buf.tmax + gap)):  # type: ignore[operator]
                    self._flush(key, out)
                    buf = None
                if (not kind and ts is not None and SEVERITY_RANK.get(rec[_SEV], 0) >= ERROR_RANK
                        and not ("Warning: " in (line := _text(rec)) and lf.WARNING_CLASS.search(line))):  # a warning printed before a crash is not its message
                    # an ERROR line just before a trace's first line, by the same writer or with a
                    # prefix on that line only, is the trace's message (logger.exception's): newest
                    # first it closes the trace's buffer; oldest first it waits for a trace to follow
                    if self.backwards > 0:
                        lead_key = key if buf is not None or not key[3] else (*key[:3], "")
                        lead = open_bufs.get(lead_key)
                        if (lead is not None and lead.tmin is not None and lead.lines[-1][0] in _TRACE_STARTS
                                and lead.tmin - LEAD_GAP_S <= ts <= lead.tmin and any(k in (FRAME, AT) for k, _ in lead.lines)):
                            lead.lines.append((LEAD, rec))
                            lead.tmin = ts
                            self._flush(lead_key, out)
                            continue
                    else:
                        if buf is not None:
                            self._flush(key, out)
                        buf = open_bufs[key] = _Buffer()
                        buf.lines.append((LEAD, rec))
                        buf.tmin = buf.tmax = ts
                        continue
                if kind in _TRACE_STARTS and buf is None and not key[3] and ts is not None:
                    lead_key = next((k for k, b in open_bufs.items() if k[:3] == key[:3] and len(b.lines) == 1
                                     and b.lines[0][0] == LEAD and b.tmax is not None and ts - LEAD_GAP_S <= b.tmax <= ts), None)
                    if lead_key is not None:  # oldest first: the ERROR line held for a trace that now starts
                        buf = open_bufs[key] = open_bufs.pop(lead_key)
                if not kind and buf is not None and ts is not None and ts == buf.tmin == buf.tmax:
                    # the same writer at the very same instant as a trace: a continuation line of it
                    # (a multi-line exception message written with the prefix on every line)
                    kind = CODE
                if not kind:
                    if buf is not None:
                        self._flush(key, out)
                    append(rec)
                else:
                    if buf is None:
                        if len(open_bufs) >= MAX_OPEN_BUFFERS:
                            self._flush(next(iter(open_bufs)), out)
                        buf = open_bufs[key] = _Buffer()
                    buf.lines.append((kind, rec))
                    if ts is not None:
                        if buf.tmin is None or ts < buf.tmin:
                            buf.tmin = ts
                        if buf.tmax is None or ts > buf.tmax:
                            buf.tmax = ts
                    if len(buf.lines) >= MAX_TRACEBACK_LINES:
                        self._flush(key, out)
                # Now and then release buffers the stream has moved past (frees memory, emits sooner).
                since_sweep += 1
                if since_sweep >= sweep_every and open_bufs and ts is not None:
                    since_sweep = 0
                    self._sweep(ts, out)
        finally:
            self.last_ts = last_ts
            self.since_sweep = since_sweep
        return out

    def pass_by(self, ts: float | None, out: list[tuple]) -> None:
        """What `feed` does for a row its caller keeps itself, known to be no traceback line and of
        a key with no open buffer: the input's order and the periodic sweep (which may let buffered
        rows go, into `out`). The query plan feeds only the rows that matter and passes the others."""
        if ts is not None:
            if self.last_ts is not None:
                if ts < self.last_ts:
                    self.backwards += 1
                elif ts > self.last_ts:
                    self.backwards -= 1
            self.last_ts = ts
        if not self.open_bufs:
            return
        self.since_sweep += 1
        if self.since_sweep >= _SWEEP_EVERY and ts is not None:
            self.since_sweep = 0
            self._sweep(ts, out)

    def _sweep(self, ts: float, out: list[tuple]) -> None:
        """Release the buffers the stream has moved past (frees memory, emits sooner)."""
        gap = STITCH_GAP_S
        for k in [k for k, b in self.open_bufs.items()
                  if b.tmin is not None and (ts < b.tmin - gap or ts > b.tmax + gap)]:  # type: ignore[operator]
            self._flush(k, out)

    def finish(self, out: list[tuple]) -> list[tuple]:
        """Append the rows of every buffer still open (end of input). Returns `out`."""
        for k in list(self.open_bufs):
            self._flush(k, out)
        return out


def stitch_rows(items: Iterable[tuple[tuple, int]]) -> Iterator[tuple]:
    """`RowStitcher` over (row, kind) pairs, one at a time: what it emits, as soon as it can."""
    st = RowStitcher()
    out: list[tuple] = []
    feed = st.feed
    for rec, kind in items:
        if not kind and not st.open_bufs and (st.backwards > 0 or _RANK.get(rec[_SEV], 0) < ERROR_RANK):
            # the common case, without the call (oldest first, an ERROR line may lead a trace)
            ts = rec[_TS]
            if ts is not None:
                last_ts = st.last_ts
                if last_ts is not None:
                    if ts < last_ts:
                        st.backwards += 1
                    elif ts > last_ts:
                        st.backwards -= 1
                st.last_ts = ts
            yield rec
            continue
        feed((rec,), (kind,), out)
        if out:
            yield from out
            out.clear()
    yield from st.finish(out)


_RECORD_ROW = attrgetter(*(f.name for f in fields(LogRecord)))


def stitch_tracebacks(records: Iterable[LogRecord]) -> Iterator[LogRecord]:
    """`stitch_rows` for LogRecords: records that are not folded are yielded unchanged."""

    def items() -> Iterator[tuple[tuple, int]]:
        for rec in records:
            row = (*_RECORD_ROW(rec), rec)
            yield row, row_kind(row)

    for row in stitch_rows(items()):
        yield row[15] if len(row) > 15 else LogRecord(*row)
