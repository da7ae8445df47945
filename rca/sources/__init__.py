"""Ingest stage: log files, exports and stdin -> a stream of `LogRecord`s (+ `ReadStats`).

    read_records(path, input_format="auto", stats=None) -> Iterator[LogRecord]
    normalize_entry(entry, index) -> LogRecord | None      (also used by the live source)
    iter_raw_entries(path) -> Iterator[dict]               (raw LogEntry dicts, for recounts)

Formats (detected from content; gzip is undone transparently, also on stdin): the JSON array
`gcloud logging read --format=json` writes, JSON lines of LogEntry objects, and plain text.
Everything streams: memory depends on the largest entry, not on the number of entries.
"""

from rca.sources.gcloud import normalize_entry
from rca.sources.reader import iter_raw_entries, read_records

__all__ = ["iter_raw_entries", "normalize_entry", "read_records"]
