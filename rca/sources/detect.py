"""Open an input (path or stdin), undo gzip, and decide what format it is from its first bytes.

Format is decided from content, not the file name: the same export arrives as logs.json,
logs.json.gz, a pipe from `gcloud logging read`, or a file somebody renamed.
"""

from __future__ import annotations

import os
import re
import sys
import zlib
from collections.abc import Callable
from typing import BinaryIO

import orjson

from rca.errors import EmptyInputError, InputError, UsageError

FORMATS = ("auto", "gcloud-json", "jsonl", "text")
SNIFF_BYTES = 64 * 1024
_RAW_CHUNK = 256 * 1024
_WS = b" \t\r\n"
_BOM = b"\xef\xbb\xbf"
_OTHER_COMPRESSION = (
    (b"\x28\xb5\x2f\xfd", "zstd"),
    (b"BZh", "bzip2"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"PK\x03\x04", "zip"),
)
_JSON_SUFFIXES = (".json", ".jsonl", ".ndjson", ".json.gz", ".jsonl.gz", ".ndjson.gz")
_PRETTY_OBJECT_START = re.compile(rb'\{\s*(?:"[^"\\\n]*"\s*:|$)')


class _Prefixed:
    """A raw stream with some already-read bytes put back in front (for sniffing stdin)."""

    def __init__(self, raw: BinaryIO, prefix: bytes) -> None:
        self._raw = raw
        self._prefix = prefix

    def read(self, n: int = -1) -> bytes:
        if self._prefix:
            if n is None or n < 0:
                data, self._prefix = self._prefix + self._raw.read(), b""
                return data
            data, self._prefix = self._prefix[:n], self._prefix[n:]
            return data
        return self._raw.read(n)


class _Gunzip:
    """Streaming gzip decoder (multi-member; a stream cut short yields what it held).

    zlib directly instead of gzip.GzipFile: GzipFile raises EOFError on a truncated file and
    drops the data it had decompressed in that read, and we want to keep every complete entry.

    At the end of a member the input after it is `unused_data` only. CPython's decompressor,
    when a member ends inside input that was itself an `unconsumed_tail` (a large member read with
    an output limit), leaves those same bytes in `unconsumed_tail` too; adding both fed the next
    member a second copy of its start ("invalid block type", or, with small members, data that
    doubles with every member).
    """

    def __init__(self, raw_read: Callable[[int], bytes]) -> None:
        self._raw_read = raw_read
        self._d = zlib.decompressobj(31)
        self._pending = b""
        self._done = False
        self.truncated = False

    def read(self, n: int) -> bytes:
        while not self._done:
            d = self._d
            if d.eof:
                rest = d.unused_data  # not + unconsumed_tail: see the class docstring
                self._pending = b""
                while not rest.strip(b"\x00"):  # zero padding after the last member is allowed
                    rest = self._raw_read(_RAW_CHUNK)
                    if not rest:
                        self._done = True
                        return b""
                self._d = d = zlib.decompressobj(31)
                self._pending = rest.lstrip(b"\x00")
            if not self._pending:
                self._pending = self._raw_read(_RAW_CHUNK)
                if not self._pending:
                    self._done = True
                    self.truncated = True
                    return d.flush()
            out = d.decompress(self._pending, n)
            self._pending = d.unconsumed_tail
            if out:
                return out
        return b""


class Input:
    """An opened input: `read(n)` yields decompressed bytes; errors become one-line InputErrors."""

    def __init__(self, name: str, raw: BinaryIO, close_raw: bool) -> None:
        self.name = name
        self._raw = raw
        self._close_raw = close_raw
        self.gzip: _Gunzip | None = None
        self.head = b""  # first bytes of the (decompressed) content, not yet handed out
        self.head_offset = 0  # bytes (BOM, leading whitespace) dropped before `head`
        self._read: Callable[[int], bytes] = raw.read

    def read(self, n: int) -> bytes:
        if self.head:
            data, self.head = self.head, b""
            return data
        try:
            return self._read(n)
        except zlib.error as e:
            raise InputError(f"{self.name}: corrupt gzip data ({e})") from None
        except OSError as e:
            raise InputError(f"cannot read {self.name}: {e.strerror or e}") from None

    @property
    def gzip_truncated(self) -> bool:
        return self.gzip is not None and self.gzip.truncated

    def close(self) -> None:
        if self._close_raw:
            self._raw.close()


def _read_at_least(read: Callable[[int], bytes], n: int) -> bytes:
    """Read until n bytes or end of input (pipes may return short reads)."""
    parts = []
    got = 0
    while got < n:
        data = read(n - got)
        if not data:
            break
        parts.append(data)
        got += len(data)
    return b"".join(parts)


def open_input(path: str | os.PathLike[str]) -> Input:
    """Open PATH ("-" for stdin) and set up transparent gzip decompression."""
    path = os.fspath(path)
    if path == "-":
        raw: BinaryIO = sys.stdin.buffer
        src = Input("stdin", raw, close_raw=False)
    else:
        try:
            raw = open(path, "rb")  # noqa: SIM115 - closed by Input.close
        except OSError as e:
            raise InputError(f"cannot read {path}: {e.strerror or e}") from None
        src = Input(path, raw, close_raw=True)
    try:
        magic = _read_at_least(src.read, 2)
    except InputError:
        src.close()
        raise
    if magic == b"\x1f\x8b":
        src.gzip = _Gunzip(_Prefixed(raw, magic).read)
        src._read = src.gzip.read
    else:
        src._read = _Prefixed(raw, magic).read
    return src


def _looks_binary(head: bytes) -> bool:
    """NUL bytes, or many bytes that are not UTF-8: a stray byte (Latin-1 in a log line, one bad
    byte in one entry) is text with a flaw that the reader handles per line or per entry."""
    sample = head[:1024]
    if b"\x00" in sample:
        return True
    if len(head) > len(sample):
        sample = sample[:-3]  # not a multi-byte character cut by the window
    bad = sample.decode("utf-8", "replace").count("\ufffd") - sample.count("\ufffd".encode())
    return bad > len(sample) // 8  # random or compressed bytes: about half are not UTF-8


def _first_line(head: bytes, start: int) -> bytes:
    nl = head.find(b"\n", start)
    return head[start:] if nl < 0 else head[start:nl]


def _auto_text(src: Input, stripped: bytes) -> str:
    """Plain text is the fallback, except for a file whose name promises JSON.

    logs.json holding "<html>..." or a gcloud error message is a broken export, not a text log;
    reading it as text would produce a confident report about nothing.
    """
    if src.name.lower().endswith(_JSON_SUFFIXES):
        start = stripped[:24].decode("utf-8", "replace")
        raise InputError(f"{src.name} is not JSON (it starts with {start!r}); "
                         "use --input-format text to read it as plain text")
    return "text"


def sniff(src: Input, input_format: str = "auto") -> str:
    """Read the first bytes and return the internal format: array | objects | jsonl | text.

    Raises EmptyInputError for empty (or whitespace-only) input and InputError for binary data
    or for content that cannot be the format the caller insisted on.
    """
    if input_format not in FORMATS:
        raise UsageError(f"unknown input format {input_format!r} (choose from {', '.join(FORMATS)})")
    name = src.name
    head = _read_at_least(src.read, SNIFF_BYTES)
    dropped = 0
    if head.startswith(_BOM):
        head = head[len(_BOM):]
        dropped = len(_BOM)
    stripped = head.lstrip(_WS)
    while not stripped and head:  # whitespace-only so far: look further without keeping it
        dropped += len(head)
        head = _read_at_least(src.read, SNIFF_BYTES)
        stripped = head.lstrip(_WS)
    src.head_offset = dropped + len(head) - len(stripped)
    if not stripped:
        suffix = " (after gzip decompression)" if src.gzip else ""
        raise EmptyInputError(f"{name} is empty{suffix}")
    if len(stripped) < SNIFF_BYTES // 2:  # keep enough to judge the first line
        stripped += _read_at_least(src.read, SNIFF_BYTES)
    src.head = stripped
    for magic, kind in _OTHER_COMPRESSION:
        if stripped.startswith(magic):
            raise InputError(f"{name} looks like a {kind}-compressed file; only gzip is decompressed automatically")
    if _looks_binary(stripped):
        raise InputError(f"{name} looks like a binary file (not JSON or text logs)")

    first = stripped[:1]
    if input_format == "text":
        return "text"
    if input_format == "jsonl":
        return "jsonl"
    if input_format == "gcloud-json":
        if first == b"[":
            return "array"
        if first == b"{":
            return "objects"
        raise InputError(f"{name} is not JSON: it starts with {stripped[:20].decode('utf-8', 'replace')!r}")
    # auto
    if first == b"[":
        rest = stripped[1:].lstrip(_WS)
        if rest[:1] in (b"{", b"]"):
            return "array"
        between = stripped[1:len(stripped) - len(rest)]
        if b"\n" in between:
            return "array"  # pretty-printed array of something; the scanner decides what
        try:
            orjson.loads(_first_line(stripped, 0))
            return "array"
        except orjson.JSONDecodeError:
            return _auto_text(src, stripped)  # "[2025-09-16 14:18:20 +0000] [1] [INFO] Starting gunicorn"
    if first == b"{":
        line = _first_line(stripped, 0)
        if b"\n" not in stripped and len(stripped) >= SNIFF_BYTES:
            return "objects"  # a first line longer than the sniff window: scan it as JSON
        try:
            value = orjson.loads(line)
        except orjson.JSONDecodeError:
            value = None
        if isinstance(value, dict):
            return "jsonl"
        if _PRETTY_OBJECT_START.match(line.rstrip()):
            return "objects"
    return _auto_text(src, stripped)
