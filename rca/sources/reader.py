"""read_records: any supported input -> a stream of LogRecords, with honest ReadStats.

Counting (so an independent recount can check it):
  entries_read  every top-level JSON value / JSON line / non-blank text line seen
  skipped       entries dropped: not an object, no payload, malformed, invalid JSON line, too large
  records       LogRecords yielded; entries_read - skipped - records = lines folded into tracebacks
  no_timestamp  JSON: entries with neither timestamp nor receiveTimestamp; text: records without one
  by_severity   usable entries per severity (after inference, before folding; a text traceback's
                lines count with the record they were folded into)
Counters are kept in locals on the hot path and written to `stats` every few thousand entries and
when the stream ends or is closed, so a consumer that stops early still sees true numbers.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import orjson

from rca.errors import EmptyInputError, InputError
from rca.batches import DEFAULT_ENGINE, ENGINES, Reduction
from rca.models import LogRecord, ReadStats, nothing_usable
from rca.sources.detect import Input, open_input, sniff
from rca.sources.gcloud import LOGENTRY_KEYS, EntryCache, add_skipped, note_row, row_or_skip
from rca.sources.jsonstream import MAX_ENTRY_BYTES, Chunks, JsonScanner, Skipped, is_bad_line
from rca.sources.text import iter_lines, read_text
from rca.sources.tracebacks import classify_line, row_kind, stitch_rows

def _to_record(row: tuple) -> LogRecord:
    return LogRecord(*row)


_PUBLIC_FORMAT = {"array": "gcloud-json", "objects": "gcloud-json", "jsonl": "jsonl", "text": "text"}
_SYNC_EVERY = 4096


def _open(path: str, input_format: str) -> tuple[Input, str]:
    src = open_input(path)
    try:
        fmt = sniff(src, input_format)
    except BaseException:
        src.close()
        raise
    return src, fmt


def _values(src: Input, fmt: str, stats: ReadStats, max_entry_bytes: int = MAX_ENTRY_BYTES) -> Iterator[object]:
    scanner = JsonScanner(src.read, src.name, stats, base=src.head_offset, max_entry_bytes=max_entry_bytes)
    if fmt == "array":
        return scanner.array_values()
    if fmt == "objects":
        return scanner.object_values()
    return scanner.line_values()


def _not_logentry(src: Input, fmt: str) -> InputError:
    where = "" if fmt == "objects" else " (line 1)"
    return InputError(f"{src.name} is a JSON object{where}, not a gcloud logging export "
                      "(expected an array of LogEntry objects)")


def _json_rows(src: Input, fmt: str, stats: ReadStats, max_entry_bytes: int) -> Iterator[tuple[tuple, int]]:
    """(row, traceback line kind) of a JSON input, counting entries, skips and missing timestamps."""
    skipped: dict[str, int] = {}
    severities: dict[str, int] = {}
    cache = EntryCache()
    index = -1  # position of the current value in the input
    read = no_ts = 0  # not yet added to stats
    trunc_notes = 0
    check_first = fmt != "array"

    def sync() -> None:
        stats.entries_read += read
        stats.no_timestamp += no_ts
        add_skipped(stats, skipped)
        by_sev = stats.by_severity
        for sev, n in severities.items():
            by_sev[sev] = by_sev.get(sev, 0) + n
        severities.clear()

    try:
        for value in _values(src, fmt, stats, max_entry_bytes):
            index += 1
            read += 1
            if type(value) is not dict:
                reason = ("invalid JSON line" if is_bad_line(value)
                          else value.reason if isinstance(value, Skipped) else "not an object")
                skipped[reason] = skipped.get(reason, 0) + 1
                continue
            if check_first:
                check_first = False
                if LOGENTRY_KEYS.isdisjoint(value):
                    raise _not_logentry(src, fmt)
            row = row_or_skip(value, index, cache, skipped)
            if row is None:
                continue
            if row[0] is None:
                no_ts += 1
                trunc_notes = note_row(stats, row, value, index, trunc_notes)
            elif "truncated_chars" in row[14]:
                trunc_notes = note_row(stats, row, value, index, trunc_notes)
            sev = row[1]
            severities[sev] = severities.get(sev, 0) + 1
            yield row, row_kind(row)
            if read >= _SYNC_EVERY:
                sync()
                read = no_ts = 0
    finally:
        sync()


def _records(src: Input, fmt: str, stats: ReadStats, max_entry_bytes: int) -> Iterator[LogRecord]:
    records = no_ts = folded = 0  # not yet added to stats
    total = 0
    try:
        if fmt == "text":
            source = read_text(src.read, stats, base=src.head_offset)
        else:
            source = map(_to_record, stitch_rows(_json_rows(src, fmt, stats, max_entry_bytes)))
        try:
            for rec in source:
                records += 1
                total += 1
                if rec.frames:
                    folded += 1
                if fmt == "text" and rec.timestamp is None:
                    no_ts += 1
                yield rec
                if records >= _SYNC_EVERY:
                    stats.records += records
                    stats.no_timestamp += no_ts
                    stats.folded_tracebacks += folded
                    records = no_ts = folded = 0
        finally:
            stats.records += records
            stats.no_timestamp += no_ts
            stats.folded_tracebacks += folded
            records = no_ts = folded = 0
        if src.gzip_truncated:
            stats.truncated = True
            stats.notes.append("gzip stream ended early (file cut short?); read what was there")
        if total == 0:
            raise EmptyInputError(nothing_usable(src.name, stats))
    finally:
        src.close()


class RecordStream:
    """What `read_records` returns: an iterator of LogRecords that also says where they come from.

    `reduction()` instead reads a JSON export through the query plan (rca.sources.duck): the
    same entries, reduced to groups, far faster; a stream is read one way or the other.
    """

    __slots__ = ("path", "fmt", "src", "stats", "_it", "started", "_spool", "engine", "max_entry_bytes")

    def __init__(self, path: str, fmt: str, src: Input, stats: ReadStats, engine: str = DEFAULT_ENGINE,
                 max_entry_bytes: int = MAX_ENTRY_BYTES) -> None:
        self.engine = engine
        self.max_entry_bytes = max_entry_bytes
        self.path = path
        self.fmt = fmt
        self.src = src
        self.stats = stats
        self._it = _records(src, fmt, stats, max_entry_bytes)
        self.started = False
        self._spool: str | None = None  # a temporary copy of the input (stdin), removed on close

    def __iter__(self) -> Iterator[LogRecord]:
        self.started = True
        return self._it

    def __next__(self) -> LogRecord:
        self.started = True
        return next(self._it)

    def reduction(self) -> Reduction | None:
        """The input reduced by the query plan, or None when the plan does not read it (text, a
        stream already started, input DuckDB cannot read as it is: iterate the records then,
        which reads it with notes on what is wrong where)."""
        from rca.sources import duck

        if self.engine != "duckdb" or self.started or self.fmt not in duck.FORMATS:
            return None
        if self.fmt != "array":
            _check_first_value(self.src, self.fmt)
        self.started = True
        path, compression = self.path, "gzip" if self.src.gzip is not None else "none"
        if self.path == "-" or not os.path.isfile(self.path):
            self._spool = path = duck.spool(self.src)
            compression = "none"
        before = self.stats.model_copy(deep=True)
        try:
            return duck.reduce_file(path, self.fmt, compression, self.src.name, self.stats)
        except duck.ReadFailed:
            for name in ReadStats.model_fields:  # read again by the streaming reader, from the start
                setattr(self.stats, name, getattr(before, name))
            self.src.close()
            src = open_input(path)
            if self._spool is not None:
                src.name = self.src.name
            try:
                sniff(src, self.fmt if self.fmt != "array" else "gcloud-json")
            except BaseException:
                src.close()
                raise
            self.src = src
            self._it = _records(src, self.fmt, self.stats, self.max_entry_bytes)
            self.started = False
            return None

    def close(self) -> None:
        self._it.close()
        self.src.close()
        if self._spool is not None:
            import shutil

            shutil.rmtree(os.path.dirname(self._spool), ignore_errors=True)
            self._spool = None


def _check_first_value(src: Input, fmt: str) -> None:
    """JSON lines / objects: the first value must be a LogEntry (as `_json_rows` checks)."""
    line = src.head.split(b"\n", 1)[0]
    try:
        value = orjson.loads(line)
    except orjson.JSONDecodeError:
        return
    if isinstance(value, dict) and LOGENTRY_KEYS.isdisjoint(value):
        raise _not_logentry(src, fmt)


def read_records(path: str, input_format: str = "auto", stats: ReadStats | None = None,
                 engine: str = DEFAULT_ENGINE, max_entry_bytes: int = MAX_ENTRY_BYTES) -> RecordStream:
    """LogRecords from PATH ("-" = stdin), streaming; gzip and format are detected from content.

    Opening and format detection happen now (so a missing file or binary input fails at the
    call); entries are read lazily.  Raises rca.errors.InputError / EmptyInputError with a
    one-line message.  `stats` (optional) is filled in as the stream is consumed.  A JSON entry
    larger than `max_entry_bytes` once its long strings are cut is skipped, counted and noted.
    `engine`: how a JSON export is reduced (ENGINES; text and live pages are always read record
    by record).
    """
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {', '.join(ENGINES)}")
    if stats is None:
        stats = ReadStats()
    src, fmt = _open(path, input_format)
    stats.source = src.name if path != "-" else "-"
    stats.format = _PUBLIC_FORMAT[fmt]
    return RecordStream(path, fmt, src, stats, engine, max_entry_bytes)


def iter_raw_entries(path: str, input_format: str = "auto", stats: ReadStats | None = None) -> Iterator[dict]:
    """Raw decoded LogEntry dicts, streaming (for recount checks and benchmarks).

    Non-object elements are left out.  Text input yields {"textPayload": line} per non-blank line.
    """
    if stats is None:
        stats = ReadStats()
    src, fmt = _open(path, input_format)
    stats.source = src.name if path != "-" else "-"
    stats.format = _PUBLIC_FORMAT[fmt]
    return _raw(src, fmt, stats)


def _raw(src: Input, fmt: str, stats: ReadStats) -> Iterator[dict]:
    try:
        if fmt == "text":
            for line in iter_lines(Chunks(src.read, src.head_offset), stats):
                if line.strip():
                    stats.entries_read += 1
                    yield {"textPayload": line}
            return
        n = 0
        try:
            for value in _values(src, fmt, stats):
                n += 1
                if type(value) is dict:
                    yield value
        finally:
            stats.entries_read += n
    finally:
        src.close()
