"""Mining a large export with worker processes: decode in parallel, mine in order.

The straightforward path reads one entry after the other in one process: scan and decode JSON,
normalise each entry into a row, fold tracebacks, mask the message, find its drain cluster and
update the per-cluster statistics. Everything up to the masking depends on one entry only; from
the traceback folding on, results depend on the order of the whole stream (drain clusters evolve
with every message, samples and links follow the stream). So:

- worker processes (one per core) each take every W-th *segment* of the file (a few MiB, cut at
  an element boundary) and do the per-entry work: scan, decode (orjson), normalise, classify
  traceback lines, mask; they send the rows of a segment as one message (marshal; values that
  repeat within the segment are one object each, so they are written and rebuilt once);
- the parent takes the segments strictly in file order and does the order-dependent work on the
  same rows in the same order as the straightforward path: fold tracebacks, drain clusters
  (through its caches), statistics, links, the request tally, progress.

The result is identical to the straightforward path (`tests/test_parallel.py` compares them),
because the parent sees exactly the rows, in exactly the order, that the straightforward reader
would have produced; the workers only precompute pure functions of one entry.

Cutting a JSON array at an arbitrary byte offset needs care: a segment boundary is the first
`}` `,` newline `{` at or after the offset (the least indented one in a 64 KiB window, so
pretty-printed nested arrays are passed over). Each worker decodes its segment as a JSON array of
its own; a segment that decodes cleanly from a true element start ends at a true element
boundary (a JSON parser's state after the same bytes is the same), so by induction from the file
start every cut is right when every segment decodes cleanly. If any segment does not (a cut
inside a string, a malformed file, a note the reader would write with a position in it), the
parallel attempt is dropped and the straightforward path reads the file from the start, so odd
inputs get exactly the straightforward behaviour and messages.

Used automatically for regular JSON array / JSON lines files of at least `PARALLEL_MIN_BYTES`
on a machine with two or more cores; `RCA_WORKERS=1` forces one process, `RCA_WORKERS=N` (N >= 2)
forces N workers whatever the size. A gzip file (from `GZIP_MIN_BYTES` compressed, Linux) is
decompressed by one more process, which cuts the segments by the same rule and deals them out
through pipes (`_gz_reader`); stdin is read in one process.
"""

from __future__ import annotations

import marshal
import itertools
import math
import os
import pickle
import re
import queue
import sys
import threading
import warnings

import orjson
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from operator import itemgetter

from rca.mining.stats import BATCH, PROGRESS_EVERY, _Miner
from rca.models import MiningResult, ReadStats
from rca.sources.gcloud import LOGENTRY_KEYS

PARALLEL_MIN_BYTES = 40 * 1024 * 1024  # ~40k gcloud entries: below, process start-up is not repaid
SEGMENT_BYTES = 4 * 1024 * 1024
_WINDOW = 64 * 1024
_MAX_WORKERS = 4
_ENTRY_BITS = 32  # a row's index is (segment << 32) | position in segment: ordered like the file
_POSITION = (1 << _ENTRY_BITS) - 1
_AHEAD = 2  # segments a worker may have read before the parent takes them
_WORKER_TOKEN_CACHE = 16_000  # per generation: the repeating tokens fit; smaller is faster here

# `}` `,` newline `{`: where one element of a pretty-printed or one-per-line array ends and the
# next begins (a raw newline cannot be inside a JSON string). Group 1: indentation of the `{`.
_ARRAY_CUT = re.compile(rb"\}[ \t]*,[ \t]*\r?\n([ \t]*)\{")


# The columns the parent mines, taken from rows one at a time (cheaper than transposing all 16
# with zip(*rows)): the 13 record fields the statistics use, then the masked message.
_COLUMNS = [itemgetter(k) for k in range(13)] + [itemgetter(15)]
_WHICH = (*range(13), 15)  # the same, for the C transpose (rca.mining._fastmine.columns)

last_mode = ""  # "parallel" or "fallback" after mine_parallel (for tests and the benchmark)


class _Unclean(Exception):
    """A segment the workers could not read exactly like the straightforward reader."""


@dataclass
class Plan:
    """A parallel read of `stream` (a rca.sources.reader.RecordStream) with `workers` processes."""

    stream: object
    path: str
    fmt: str  # "array" or "jsonl"
    start: int  # file offset of the content ('[' of the array, first byte of the first line)
    size: int
    workers: int
    segment_bytes: int
    gzip: bool = False  # a compressed file: a reader process decompresses and cuts (`_gz_reader`)


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return os.cpu_count() or 1


GZIP_MIN_BYTES = 4 * 1024 * 1024  # compressed: ~40 MB of JSON


def _start_method() -> str:
    return os.environ.get("RCA_START_METHOD") or ("fork" if sys.platform.startswith("linux") else "spawn")


def plan_for(records: object) -> Plan | None:
    """A Plan when `records` is an untouched file stream worth reading in parallel, else None.

    A gzip file is decompressed by one more process that deals the segments out through pipes it
    hands to the workers by inheritance: Linux (fork) only.
    """
    from rca.sources.reader import RecordStream

    if not isinstance(records, RecordStream) or records.started:
        return None
    setting = os.environ.get("RCA_WORKERS", "").strip()
    forced = 0
    if setting:
        try:
            forced = int(setting)
        except ValueError:
            forced = 0
        if forced == 1:
            return None
    src = records.src
    compressed = src.gzip is not None
    if records.path == "-" or records.fmt not in ("array", "jsonl") or not os.path.isfile(records.path):
        return None
    if compressed and _start_method() != "fork":
        return None
    try:
        size = os.stat(records.path).st_size
    except OSError:
        return None
    if forced >= 2:
        workers = forced
    else:
        cpus = _cpus()
        if cpus < 2 or size < (GZIP_MIN_BYTES if compressed else PARALLEL_MIN_BYTES):
            return None
        workers = max(2, min(cpus - 1, _MAX_WORKERS))
    segment = int(os.environ.get("RCA_SEGMENT_BYTES", "0") or 0) or SEGMENT_BYTES
    segment = max(_WINDOW, segment // _WINDOW * _WINDOW)  # windows of neighbours line up
    plan = Plan(records, records.path, records.fmt, src.head_offset, size, workers, segment, gzip=compressed)
    if compressed:
        return plan  # the reader finds the cuts as it decompresses
    if _segment_count(plan) < 2:
        return None
    with open(plan.path, "rb") as f:
        if _boundary(f.fileno(), plan, 1) is None:
            return None  # nothing to cut at (one line, or a minified array): one process
    return plan


def _segment_count(plan: Plan) -> int:
    return max(1, math.ceil((plan.size - plan.start) / plan.segment_bytes))


def _boundary(fd: int, plan: Plan, j: int) -> tuple[int, int] | None:
    """(cut, start) of segment j >= 1: segment j-1 ends at `cut`, segment j starts at `start`.

    None when no boundary follows segment j's nominal offset (everything to the end belongs to
    the segments before). A pure function of the file and j, so every process agrees on it.
    """
    pos = plan.start + j * plan.segment_bytes
    while pos < plan.size:
        data = os.pread(fd, _WINDOW + 256, pos)
        if not data:
            return None
        cut = _window_cut(data, plan.fmt)
        if cut is not None:
            return pos + cut[0], pos + cut[1]
        pos += _WINDOW
    return None


def _window_cut(data: bytes, fmt: str) -> tuple[int, int] | None:
    """(cut, start) of the element boundary `_boundary` takes in a window (data: the window and
    256 bytes after it), or None."""
    if fmt == "jsonl":
        nl = data.find(b"\n", 0, _WINDOW)
        return (nl + 1, nl + 1) if nl >= 0 else None
    best = None
    for m in _ARRAY_CUT.finditer(data):
        if m.start() >= _WINDOW:
            break
        indent = m.end(1) - m.start(1)
        if best is None or indent < best[0]:
            best = (indent, m.start() + 1, m.end() - 1)
            if indent == 0:
                break
    return None if best is None else (best[1], best[2])


def _segment_range(fd: int, plan: Plan, j: int) -> tuple[int, int, bool] | None:
    """(start, end, last) byte range of segment j, or None when the segment is empty."""
    if j == 0:
        start = plan.start
    else:
        b = _boundary(fd, plan, j)
        if b is None:
            return None
        start = b[1]
    nxt = _boundary(fd, plan, j + 1) if j + 1 < _segment_count(plan) else None
    if nxt is None:
        return start, plan.size, True
    if nxt[0] <= start:
        return None  # the next boundary is this one: nothing in between
    return start, nxt[0], False


# ---------------------------------------------------------------------------------- worker side


def _encode(msg: tuple) -> bytes:
    """A worker's message as bytes: marshal, or pickle for what marshal does not write.

    marshal writes and reads the values rows are made of (None, bool, int, float, str, tuple,
    list, dict) faster than pickle, keeps their exact types and values (floats bit for bit), and
    writes an object that is referenced more than once once, with back-references (version >= 3),
    so the parent gets one object per interned value too. Both ends are the same interpreter (a
    forked or spawned sys.executable), so the format matches. Anything marshal cannot write
    (ValueError: a subclass, an arbitrary object) goes as a pickle instead. (marshal would turn a
    bytearray or memoryview into bytes; rows never hold one: they come from decoded JSON.)
    """
    try:
        return marshal.dumps(msg, 4)
    except ValueError:
        return pickle.dumps(msg, protocol=pickle.HIGHEST_PROTOCOL)


def _decode(data: bytes) -> tuple:
    """The message `_encode` made: a pickle starts with PROTO (0x80), marshal data never does
    (its first byte is a type code, ASCII, possibly with the 0x80 reference flag added)."""
    return pickle.loads(data) if data[0] == 0x80 else marshal.loads(data)


def _long_string(data: bytes) -> bool:
    """Could `data` (JSON text) hold a string longer than MAX_STRING_BYTES?

    A JSON string holds no raw newline, so a long one lies in a long newline-free stretch; only
    such (rare) stretches are tokenised.
    """
    from rca.sources.jsonstream import MAX_STRING_BYTES

    n = len(data)
    last = -1  # position of the last newline seen
    while n - last - 1 > MAX_STRING_BYTES:
        nl = data.rfind(b"\n", last + 1, last + 2 + MAX_STRING_BYTES)
        if nl < 0:  # a stretch longer than a long string: look at its strings
            stop = data.find(b"\n", last + 1)
            stretch = data[last + 1:None if stop < 0 else stop]
            if any(m.end() - m.start() > MAX_STRING_BYTES + 2 for m in _JSON_STRING.finditer(stretch)):
                return True
            if stop < 0:
                return False
            nl = stop
        last = nl
    return False


_JSON_STRING = re.compile(rb'"[^"\\]*+(?:\\.[^"\\]*+)*+"', re.S)


_PIECE = 64 * 1024  # decoded in pieces of this size: the values of one stay in the CPU caches
_WS = b" \t\r\n"


def _decode_segment(fd: int, plan: Plan, j: int) -> Iterator[list] | None:
    """Lists of the top-level values of segment j, in order; None when the segment is empty.

    For input without strings over MAX_STRING_BYTES or entries over MAX_ENTRY_BYTES the streaming
    scanner yields exactly what orjson decodes, whatever its chunking, and writes no note; a
    segment that is not like that is left to the straightforward reader (_Unclean).
    """
    rng = _segment_range(fd, plan, j)
    if rng is None:
        return None
    start, end, last = rng
    data = os.pread(fd, end - start, start)
    if len(data) != end - start:
        raise _Unclean("file changed while reading")
    return _segment_values(data, plan, j, last)


def _segment_values(data: bytes, plan: Plan, j: int, last: bool) -> Iterator[list]:
    """Lists of the top-level values in segment j's bytes (`_decode_segment`)."""
    from rca.sources.jsonstream import MAX_BUFFERED_ENTRY, MAX_ENTRY_BYTES

    if plan.fmt == "jsonl":
        return _jsonl_values(data, j, MAX_BUFFERED_ENTRY)
    if len(data) >= MAX_ENTRY_BYTES or _long_string(data):
        raise _Unclean("very long strings or entries")
    # The elements alone: no '[' (segment 0), no ']' and what follows it (last segment).
    lo, hi = 0, len(data)
    if j == 0:
        lo = len(data) - len(data.lstrip(_WS))
        if data[lo:lo + 1] != b"[":
            raise _Unclean("no array")
        lo += 1
    if last:
        body_end = data.rstrip(_WS)
        if not body_end.endswith(b"]"):
            raise _Unclean("no closing bracket")
        hi = len(body_end) - 1
    return _array_pieces(data, lo, hi)


def _array_pieces(data: bytes, lo: int, hi: int) -> Iterator[list]:
    """Decode data[lo:hi] (array elements and commas) in pieces cut at element boundaries.

    A cut is a `}` `,` newline `{` (never inside a string); a piece that decodes as an array from
    a true element start ends at a true element boundary. A piece that does not decode (a cut in a
    nested array) is decoded together with the rest.
    """
    loads = orjson.loads
    pos = lo
    while True:
        while pos < hi and data[pos] in _WS:
            pos += 1
        if pos >= hi:
            return
        cut = nxt = -1
        if hi - pos > _PIECE + _PIECE // 2:
            best = None
            for m in _ARRAY_CUT.finditer(data, pos + _PIECE, min(hi, pos + _PIECE + _PIECE // 2)):
                indent = m.end(1) - m.start(1)
                if best is None or indent < best[0]:
                    best = (indent, m.start() + 1, m.end() - 1)
                    if indent <= 2:
                        break
            if best is not None:
                cut, nxt = best[1], best[2]
        values = None
        if cut >= 0:
            try:
                values = loads(b"[" + data[pos:cut] + b"]")
            except orjson.JSONDecodeError:
                values = None  # a cut inside a nested array
        if values is None:  # the rest in one piece
            try:
                values = loads(b"[" + data[pos:hi] + b"]")
            except orjson.JSONDecodeError:
                raise _Unclean("segment is not a JSON array") from None
            if values:
                yield values
            return
        yield values
        pos = nxt


def _jsonl_values(data: bytes, j: int, max_line: int) -> Iterator[list]:
    values = []
    for line in data.split(b"\n"):
        if len(line) >= max_line:
            raise _Unclean("a very long line")
        try:
            values.append(orjson.loads(line))
        except orjson.JSONDecodeError:
            if line.strip():
                raise _Unclean("a line that is not JSON") from None
    if j == 0 and values and (type(values[0]) is not dict or LOGENTRY_KEYS.isdisjoint(values[0])):
        raise _Unclean("not LogEntry lines")
    yield values


def _read_segment(fd: int, plan: Plan, j: int, cache, masker, max_tokens: int,  # noqa: ANN001
                  data: tuple[bytes, bool] | None = None) -> tuple:
    """`_rows` of segment j, read from the file (or given: its bytes and whether it is the last)."""
    if data is None:
        pieces = _decode_segment(fd, plan, j)
    else:
        pieces = _segment_values(data[0], plan, j, data[1])
    return _rows(pieces, j, cache, masker, max_tokens)


def _rows(pieces, j: int, cache, masker, max_tokens: int) -> tuple:  # noqa: ANN001
    """Decode, normalise and precompute the rows of segment j (in a worker process).

    Returns (entries, rows, kinds, skipped, severities, no_ts, truncations): rows are LogRecord
    field tuples with the index (j << 32 | position), followed by the masked message (16 items);
    truncations are (position, characters) of truncated messages.
    Raises _Unclean when the segment cannot be read exactly like the straightforward reader would.

    Values that repeat within the segment are one object each, so `_encode` writes them once
    and the parent rebuilds them once: the masked message (through a per-segment table), the
    service, revision, instance and stream (through `cache`), and every empty `extra`, which is
    one shared empty dict. Nothing downstream of the rows mutates `extra` (the parent mines a
    row's first 13 fields and the masked message; traceback folding builds a new row with a new
    dict), so sharing one is safe. Other strings (message, trace, endpoint) are not interned:
    hashing each of them here costs more than writing and reading the repeats (measured).
    """
    from rca.sources import reader
    from rca.sources.tracebacks import classify_line

    if pieces is None:
        return 0, [], [], {}, {}, 0, []
    rows: list[tuple] = []
    kinds: list[int] = []
    skipped: dict[str, int] = {}
    severities: dict[str, int] = {}
    truncations: list[tuple[int, str]] = []
    no_ts = 0
    interned: dict[str, str] = {}  # one object per distinct masked message: sent once, hashed once
    no_extra: dict[str, str] = {}
    i = (j << _ENTRY_BITS) - 1
    segment_rows = reader.segment_rows
    masked = masker.masked_function()
    for values in pieces:
        i, missing = segment_rows(values, i, cache, masked, classify_line, max_tokens, no_extra, rows, kinds,
                                  skipped, severities, truncations, interned, _POSITION)
        no_ts += missing
    return i - (j << _ENTRY_BITS) + 1, rows, kinds, skipped, severities, no_ts, truncations


def _columns():  # noqa: ANN202
    """rca.mining._fastmine.columns (rows to columns in one pass) when in use (rca.accel), else None."""
    from rca import accel

    return getattr(accel.load("rca.mining._fastmine"), "columns", None)


def _send(fd: int, data: bytes) -> None:
    """Write one message to a pipe: its length (8 bytes, little-endian), then the bytes.

    Plain os.write of memoryview slices: no copies (Connection.send_bytes costs more here).
    """
    for part in (len(data).to_bytes(8, "little"), data):
        view = memoryview(part)
        while len(view):
            view = view[os.write(fd, view):]


_SEG_DATA, _SEG_LAST, _SEG_ERROR = 0, 1, 2  # what the gzip reader sends a worker (first byte)


def _gz_reader(plan: Plan, outs: list[int]) -> None:
    """Reader process for a gzip file: decompress it and deal the segments out round robin.

    Segments are cut by the rule `_boundary` uses, on the decompressed bytes (they need not fall
    where they would in the uncompressed file: results depend only on the order of the rows).
    Worker j % W gets segment j as [kind byte][bytes]; the last one is marked; a failure (a
    truncated or corrupt file) goes to every worker, which passes it on to the parent, which
    then reads the file in one process (and reports it as the straightforward reader does).
    """
    import gzip

    try:
        with gzip.open(plan.path, "rb") as f:
            skip = plan.start
            while skip > 0:
                got = f.read(min(skip, 1 << 20))
                if not got:
                    break
                skip -= len(got)
            buf = bytearray()
            eof = False
            j = 0
            pos = plan.segment_bytes  # where the next cut is looked for
            while True:
                while not eof and len(buf) < pos + _WINDOW + 256:
                    chunk = f.read(1 << 20)
                    if not chunk:
                        eof = True
                    buf += chunk
                cut = None
                while cut is None and pos < len(buf) - (0 if eof else _WINDOW + 256):
                    found = _window_cut(bytes(buf[pos:pos + _WINDOW + 256]), plan.fmt)
                    if found is not None:
                        cut = (pos + found[0], pos + found[1])
                    else:
                        pos += _WINDOW
                if cut is None:
                    if eof:
                        _send(outs[j % len(outs)], bytes([_SEG_LAST]) + bytes(buf))
                        break
                    continue  # no boundary yet: read on
                _send(outs[j % len(outs)], bytes([_SEG_DATA]) + bytes(buf[:cut[0]]))
                del buf[:cut[1]]
                j += 1
                pos = plan.segment_bytes
    except BaseException as exc:  # noqa: BLE001 - every worker hears of it; the parent reads alone
        for fd in outs:
            try:
                _send(fd, bytes([_SEG_ERROR]) + f"reading {plan.path}: {type(exc).__name__}: {exc}".encode())
            except OSError:
                pass
    finally:
        os._exit(0)


def _gz_segments(fd: int, w: int, workers: int) -> Iterator[tuple[int, bytes | None, bool]]:
    """(j, bytes, last) of the segments the gzip reader deals to worker w, in order; bytes None
    after a reader failure (then the message is in `last`'s place: see _worker)."""
    j = w
    while True:
        head = _read_exactly(fd, 8)
        if head is None:
            return
        data = _read_exactly(fd, int.from_bytes(head, "little"))
        if data is None:
            raise _Unclean("the gzip reader stopped")
        kind = data[0]
        if kind == _SEG_ERROR:
            raise _Unclean(bytes(data[1:]).decode(errors="replace"))
        yield j, bytes(data[1:]), kind == _SEG_LAST
        if kind == _SEG_LAST:
            return
        j += workers


def _read_exactly(fd: int, n: int) -> bytearray | None:
    """n bytes from fd, or None at the end of the stream before any."""
    buf = bytearray(n)
    view = memoryview(buf)
    pos = 0
    while pos < n:
        got = os.readv(fd, [view[pos:]])
        if not got:
            if pos == 0:
                return None
            raise _Unclean("a message cut short")
        pos += got
    return buf


def _worker(plan: Plan, w: int, conn, max_tokens: int, cache_size: int, inp: int = -1,  # noqa: ANN001
            job: int = -1, inherited: tuple[int, ...] = ()) -> None:
    """Worker process: read segments w, w + W, ... and send each as one message (`_encode`).

    With a `job` pipe (worker 0), it then waits for one more task: the parameter values of the
    clusters the parent hands it (`_serve_params`). `inherited`: the parent's ends of pipes that
    are not this worker's (closed at once, so that their readers see their end).
    """
    for fd in inherited:
        try:
            os.close(fd)
        except OSError:
            pass
    out = conn.fileno()
    outbox: queue.Queue = queue.Queue(maxsize=_AHEAD)
    sender = None
    try:
        import gc

        from rca.mining.masking import Masker
        from rca.sources.gcloud import EntryCache

        gc.disable()  # a worker's objects live for one segment; collected every few segments
        cache = EntryCache()
        masker = Masker(min(cache_size, _WORKER_TOKEN_CACHE))
        fd = -1 if plan.gzip else os.open(plan.path, os.O_RDONLY)

        # A sender thread writes to the pipe (without the GIL) while this one reads on, so a
        # worker stays up to _AHEAD segments ahead of the parent instead of waiting for it.
        def send() -> None:
            while True:
                data = outbox.get()
                if data is None:
                    return
                try:
                    _send(out, data)
                except OSError:
                    return

        sender = threading.Thread(target=send, daemon=True)
        sender.start()
        if plan.gzip:  # segments from the reader process; (True, None) when there are no more
            def segments() -> Iterator[tuple[int, tuple[bytes, bool] | None]]:
                last = False
                for j, data, last in _gz_segments(inp, w, plan.workers):
                    yield j, (data, last)
                if not last:
                    yield -1, None
        else:
            def segments() -> Iterator[tuple[int, tuple[bytes, bool] | None]]:
                for j in range(w, _segment_count(plan), plan.workers):
                    yield j, None
        it = segments()
        while True:
            try:
                j, data = next(it)
                if j < 0:
                    msg = (True, None)
                else:
                    msg = (True, _read_segment(fd, plan, j, cache, masker, max_tokens, data))
            except StopIteration:
                break
            except _Unclean as exc:
                msg = (False, str(exc))
            outbox.put(_encode(msg))
            if not msg[0] or msg[1] is None or not sender.is_alive():
                break
            del msg
            if j // plan.workers % 32 == 31:
                gc.collect()
        outbox.put(None)
        sender.join()
        if job >= 0:
            _serve_params(job, out)
    except (BrokenPipeError, EOFError, KeyboardInterrupt):
        pass
    except BaseException as exc:  # noqa: BLE001 - report, never print (stderr may be locked)
        try:
            failure = _encode((False, f"worker failed: {type(exc).__name__}: {exc}"))
            if sender is not None and sender.is_alive():  # after what it is sending, not into it
                outbox.put(failure)
                outbox.put(None)
                sender.join()
            else:
                _send(out, failure)
        except BaseException:  # noqa: BLE001
            pass
    finally:
        # Leave without running interpreter shutdown (flushing inherited streams could block).
        os._exit(0)


def _serve_params(job: int, out: int) -> None:
    """Worker 0, its segments sent: wait for the parent's list of (template, messages) and answer
    with their parameter values as {name: [(value, count)]} (what `params_of` takes); the end
    of the job pipe (the parent is done, or gone) ends the wait."""
    from rca.mining.stats import plain_params

    head = _read_exactly(job, 8)
    if head is None:
        return
    data = _read_exactly(job, int.from_bytes(head, "little"))
    if data is None:
        return
    items = _decode(data)
    del data
    _send(out, _encode((True, ("params", plain_params(items)))))


# ---------------------------------------------------------------------------------- parent side


class _Workers:
    def __init__(self, plan: Plan, max_tokens: int, cache_size: int) -> None:
        import multiprocessing as mp

        ctx = mp.get_context(_start_method())
        self.conns = []
        self.procs = []
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)  # fork with a progress-bar thread
            bare = replace(plan, stream=None)  # what a worker needs (picklable for "spawn")
            inputs: list[int] = []
            if plan.gzip:  # a reader process decompresses and deals segments to the workers
                pipes = [os.pipe() for _ in range(plan.workers)]
                reader = ctx.Process(target=_gz_reader, args=(bare, [wr for _, wr in pipes]), daemon=True)
                reader.start()
                for _, wr in pipes:
                    os.close(wr)  # only the reader writes: its exit is the workers' end of input
                inputs = [rd for rd, _ in pipes]
                self.procs.append(reader)
            # Worker 0 stays after its segments, for one task at the end (`ask_params`): on this
            # pipe, whose write end only the parent keeps (fork: the others close theirs).
            self.job = -1
            job_rd = -1
            if ctx.get_start_method() == "fork":
                job_rd, self.job = os.pipe()
            for w in range(plan.workers):
                r, s = ctx.Pipe(duplex=False)
                job = job_rd if w == 0 else -1
                inherited = tuple(fd for fd in (self.job, job_rd) if fd >= 0 and fd != job)
                p = ctx.Process(target=_worker, args=(bare, w, s, max_tokens, cache_size,
                                                      inputs[w] if inputs else -1, job, inherited), daemon=True)
                p.start()
                s.close()
                self.conns.append(r)
                self.procs.append(p)
            for rd in inputs:
                os.close(rd)
            if job_rd >= 0:
                os.close(job_rd)
        # One receive buffer per worker, reused: a message is read straight into it (no
        # intermediate chunks and copies as with Connection.recv_bytes) and decoded from it.
        self.bufs = [bytearray(0) for _ in self.conns]

    def _read(self, k: int, n: int) -> memoryview:
        """The next n bytes from worker k (in its reused buffer: use them before reading on)."""
        buf = self.bufs[k]
        if len(buf) < n:
            buf = self.bufs[k] = bytearray(max(n, len(buf) * 5 // 4))
        view = memoryview(buf)[:n]
        fd = self.conns[k].fileno()
        pos = 0
        while pos < n:
            got = os.readv(fd, [view[pos:]])
            if not got:
                raise EOFError("end of stream")
            pos += got
        return view

    def recv(self, j: int) -> tuple:
        k = j % len(self.conns)
        try:
            size = int.from_bytes(self._read(k, 8), "little")
            ok, payload = _decode(self._read(k, size))
        except (EOFError, OSError) as exc:
            raise _Unclean(f"worker stopped: {exc}") from None
        except (ValueError, TypeError, IndexError, pickle.UnpicklingError) as exc:  # pragma: no cover
            raise _Unclean(f"unreadable message from a worker: {exc}") from None
        if not ok:
            raise _Unclean(payload)
        return payload

    def ask_params(self, items: list) -> Callable[[], list | None] | None:
        """Hand `items` (template, messages) to worker 0 (idle once every segment is in); returns
        a function that waits for its answer (None if it cannot give one), or None if it cannot
        be asked. See `stats.params_of`."""
        if self.job < 0:
            return None
        try:
            _send(self.job, _encode(items))
        except (OSError, ValueError):
            return None

        def answer() -> list | None:
            try:
                while True:
                    got = self.recv(0)
                    # (True, None): a gzip worker's "no more segments", not read by the parent
                    if got is not None:
                        return got[1] if got[0] == "params" else None
            except (_Unclean, TypeError, IndexError):
                return None

        return answer

    def close(self) -> None:
        if self.job >= 0:
            os.close(self.job)
            self.job = -1
        for c in self.conns:
            c.close()
        for p in self.procs:
            if p.is_alive():
                p.terminate()
        for p in self.procs:
            p.join(timeout=5)


def mine_parallel(
    plan: Plan,
    progress: Callable[[int], None] | None = None,
    tally: bool = False,
):  # noqa: ANN201 - (MiningResult, RequestTally | None)
    """Mine (and tally requests, when asked) with worker processes; falls back to one process.

    Returns (MiningResult, RequestTally or None); `plan.stream.stats` is filled in as the
    straightforward reader would fill it.
    """
    global last_mode
    from rca.analysis.impact import RequestTally

    stream = plan.stream
    stats: ReadStats = stream.stats  # type: ignore[attr-defined]
    initial = stats.model_copy(deep=True)
    try:
        result = _mine_parallel(plan, progress, RequestTally() if tally else None)
        last_mode = "parallel"
        return result
    except _Unclean as exc:
        last_mode = "fallback"
        if os.environ.get("RCA_DEBUG"):
            print(f"rca: parallel read dropped ({exc}); reading in one process", file=sys.stderr)
    # The straightforward path, from the start, on the untouched stream.
    for name in ReadStats.model_fields:
        setattr(stats, name, getattr(initial, name))
    from rca.mining.stats import mine

    if tally:
        t = RequestTally()
        return mine(t.tap(stream), progress=progress), t  # type: ignore[arg-type]
    return mine(stream, progress=progress), None  # type: ignore[arg-type]


def _mine_parallel(plan: Plan, progress, tally):  # noqa: ANN001, ANN202
    from rca.errors import EmptyInputError
    from rca.sources.reader import _MAX_NOTES, _nothing_usable, truncation_note
    from rca.sources.tracebacks import RowStitcher

    stream = plan.stream
    stats: ReadStats = stream.stats  # type: ignore[attr-defined]
    m = _Miner(None)
    tm = m.tm
    config = tm.config
    workers = _Workers(plan, config.max_tokens, config.cache_size)

    masked = tm.masked_message
    stitcher = RowStitcher(on_fold=lambda row: row + (masked(row[2]),))
    to_columns = _columns()
    n = 0
    folded = 0
    trunc_notes = 0

    def mine_rows(rows: list[tuple]) -> None:
        """Mine rows in stream order, in batches that end on multiples of BATCH (progress)."""
        nonlocal n, folded
        i = 0
        while i < len(rows):
            take = BATCH - n % BATCH
            batch = rows[i:i + take]
            i += take
            cols = to_columns(batch, _WHICH) if to_columns is not None else [list(map(get, batch)) for get in _COLUMNS]
            keys = tm.add_batch(cols[2], cols[13])
            m.add_batch(keys, cols[:13], n)
            if tally is not None:
                tally.add_columns(cols[8], cols[9], cols[0], cols[10])
            folded += sum(map(bool, cols[12]))
            n += len(batch)
            if progress is not None and n % PROGRESS_EVERY == 0:
                progress(n)

    try:
        offset = 0  # global index of the segment's first entry
        for j in itertools.count() if plan.gzip else range(_segment_count(plan)):
            got = workers.recv(j)
            if got is None:  # a gzip file's end: the worker whose turn it was had no segment
                break
            entries, rows, kinds, skipped, severities, no_ts, truncs = got
            stats.entries_read += entries
            stats.no_timestamp += no_ts
            for reason, k in skipped.items():
                stats.skipped += k
                stats.skipped_reasons[reason] = stats.skipped_reasons.get(reason, 0) + k
            by_sev = stats.by_severity
            for sev, k in severities.items():
                by_sev[sev] = by_sev.get(sev, 0) + k
            for i, chars in truncs:
                if trunc_notes < _MAX_NOTES:
                    trunc_notes += 1
                    stats.notes.append(truncation_note(offset + i, chars))
            offset += entries
            mine_rows(stitcher.feed(rows, kinds, []))
        mine_rows(stitcher.finish([]))
        if progress is not None and n % PROGRESS_EVERY:
            progress(n)
        stats.records += n
        stats.folded_tracebacks += folded
        stream.close()  # type: ignore[attr-defined]
        if n == 0:
            raise EmptyInputError(_nothing_usable(stream.src.name, stats))  # type: ignore[attr-defined]
        result: MiningResult = m.result(helper=workers.ask_params)
    finally:
        workers.close()
    return result, tally
