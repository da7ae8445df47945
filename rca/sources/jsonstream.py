"""Stream JSON values out of a gcloud export without loading the whole array.

Three layers, fastest first:

1. Batch: in each buffered chunk find the last `}` followed by `, {` and decode everything up to
   it as one JSON array with orjson.  If that decodes, the cut was a real element boundary (a
   JSON parser's state after the same bytes is the same, so a valid array there means the real
   stream is between elements too); if not (a `}, {` inside a string), fall back to layer 2.
2. One element: an exact, possessive (non-backtracking) regex matches a balanced object of
   bounded depth, growing the buffer geometrically for large elements.
3. Slow path for elements larger than MAX_BUFFERED_ENTRY, too deep, or cut off by end of input:
   a tokenizer that walks strings and brackets chunk by chunk and copies the element while
   truncating strings longer than MAX_STRING_BYTES, so a 50 MB textPayload costs one pass and
   bounded memory. What is left of an element past the entry limit (MAX_ENTRY_BYTES: a 2 GB
   number, blanks, millions of short strings) is walked without being kept and skipped.

Memory is bounded by the chunk size plus the largest element kept (the entry limit).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import orjson

from rca.errors import InputError
from rca.models import ReadStats

CHUNK_SIZE = 64 * 1024
MAX_BUFFERED_ENTRY = 4 * 1024 * 1024
MAX_STRING_BYTES = 64 * 1024
MAX_ENTRY_BYTES = 16 * 1024 * 1024  # after string truncation; larger entries are skipped
_MAX_BOUNDARY_PROBES = 64
_MAX_NOTES = 5

_loads = orjson.loads
_DecodeError = orjson.JSONDecodeError

_WS = re.compile(rb"[ \t\r\n]*")
_AFTER_ELEMENT = re.compile(rb"[ \t\r\n]*,[ \t\r\n]*\{")
_SPECIAL = re.compile(rb'["{}\[\]]')
_STR_BODY = re.compile(rb'[^"\\]*+(?:\\.[^"\\]*+)*+', re.S)
_SCALAR = re.compile(rb'"[^"\\]*+(?:\\.[^"\\]*+)*+"|[-+.0-9A-Za-z]++', re.S)
_SCALAR_TAIL = re.compile(rb"[-+.0-9A-Za-z]*+")
_STR = rb'"[^"\\]*+(?:\\.[^"\\]*+)*+"'


def _object_pattern(depth: int) -> bytes:
    inner = rb"\{(?:[^{}\"]++|" + _STR + rb")*+\}"
    for _ in range(depth):
        inner = rb"\{(?:[^{}\"]++|" + _STR + rb"|" + inner + rb")*+\}"
    return inner


_OBJECT = re.compile(_object_pattern(12), re.S)
_HIGH_SURROGATE_TAIL = re.compile(rb"\\u[dD][89abAB][0-9a-fA-F]{2}$")

QUOTE, LBRACE, RBRACE, LBRACKET, RBRACKET, COMMA = b'"{}[],'


class Skipped:
    """Placeholder yielded for an element found whole but not usable; the reader counts `reason`.

    The scanner knows where such an element ends, so the rest of the input is still read: one
    bad entry costs that entry, as an invalid line does in JSON Lines (issue 14 G).
    """

    __slots__ = ("offset", "reason")

    def __init__(self, offset: int, reason: str) -> None:
        self.offset = offset
        self.reason = reason


class TooLarge(Skipped):
    """An element bigger than the entry limit even after its long strings were cut."""

    __slots__ = ()

    def __init__(self, offset: int) -> None:
        super().__init__(offset, "entry too large")


def entry_only_error(msg: str) -> str | None:
    """The skip reason when orjson's error is about one value's content, not the JSON structure.

    Invalid UTF-8, nesting past orjson's depth limit and a number beyond a double leave the
    element's bounds intact (the scanner found its end), so that element alone is dropped; any
    other error is a syntax error.
    """
    if "UTF-8" in msg:
        return "invalid UTF-8"
    if "depth" in msg or "recursion" in msg:
        return "nested too deeply"
    if msg.startswith("number is infinity"):  # 1e999, or thousands of digits
        return "number out of range"
    return None


class _Truncated(Exception):
    """End of input inside a value; `data` is what the value held so far (to tell a cut from a typo)."""

    def __init__(self, start: int, data: bytes | bytearray | memoryview | None = None) -> None:
        self.start = start
        self.data = data


class Chunks:
    """A sliding window over a byte stream; only unconsumed bytes are kept."""

    __slots__ = ("_read", "buf", "base", "eof", "chunk_size")

    def __init__(self, read: Callable[[int], bytes], base: int = 0, chunk_size: int = CHUNK_SIZE) -> None:
        self._read = read
        self.buf = b""
        self.base = base  # absolute offset of buf[0]
        self.eof = False
        self.chunk_size = chunk_size

    def refill(self, keep: int, want: int = 0) -> int:
        """Drop bytes before `keep`, append more data; return the new index of `keep`."""
        if self.eof:
            return keep
        data = self._read(max(self.chunk_size, want))
        if not data:
            self.eof = True
        if keep:
            self.base += keep
            self.buf = self.buf[keep:] + data
        elif data:
            self.buf += data
        return 0

    @property
    def end_offset(self) -> int:
        return self.base + len(self.buf)


def skip_ws(ch: Chunks, pos: int) -> int:
    """Index of the next non-whitespace byte (refilling as needed); len(buf) at end of input."""
    while True:
        pos = _WS.match(ch.buf, pos).end()  # type: ignore[union-attr]
        if pos < len(ch.buf) or ch.eof:
            return pos
        pos = ch.refill(pos)


def _safe_cut(body: bytes) -> bytes:
    """Cut JSON string content so it stays valid: no split escape, UTF-8 char or surrogate pair."""
    body = body.decode("utf-8", "ignore").encode()
    i = body.rfind(b"\\", max(0, len(body) - 6))
    if i >= 0:
        j = i
        while j > 0 and body[j - 1] == 0x5C:
            j -= 1
        if (i - j + 1) % 2 == 1:  # body[i] starts an escape sequence
            need = 6 if body[i + 1:i + 2] == b"u" else 2
            if len(body) - i < need:
                body = body[:i]
    while _HIGH_SURROGATE_TAIL.search(body):
        body = body[:-6]
    return body


class JsonScanner:
    """Yields the top-level values of a JSON export; `index` counts values handed out."""

    def __init__(self, read: Callable[[int], bytes], name: str, stats: ReadStats,
                 base: int = 0, chunk_size: int = CHUNK_SIZE, max_entry_bytes: int = MAX_ENTRY_BYTES) -> None:
        self.ch = Chunks(read, base, chunk_size)
        # an entry larger than this (after long strings are cut) is skipped, never held whole
        self.max_entry = max_entry_bytes
        self._max_buffered = min(MAX_BUFFERED_ENTRY, max_entry_bytes)
        self._max_scalar = min(MAX_STRING_BYTES, max_entry_bytes)
        self.name = name
        self.stats = stats
        self.index = 0
        self.bad_lines = 0
        self._cut_notes = 0
        self._skip_notes = 0

    # ------------------------------------------------------------------ helpers

    def _note(self, text: str) -> None:
        if len(self.stats.notes) < 50:
            self.stats.notes.append(text)

    def _ended_inside(self, start: int, data: bytes | bytearray | memoryview | None = None) -> None:
        """Input stopped in the middle of entry `index`: partial result or error.

        If the bytes of the unfinished value hold a syntax error before their end, the input is
        corrupt rather than cut short (a stray quote makes everything after it look unfinished).
        """
        if data is not None:
            try:
                _loads(data)
            except _DecodeError as e:
                if not e.msg.startswith(("unexpected end", "unexpected content after")) and not entry_only_error(e.msg):
                    raise InputError(
                        f"{self.name}: invalid JSON in entry {self.index} at byte {start + e.pos}: {e.msg}"
                    ) from None
        end = self.ch.end_offset
        if self.index == 0:
            raise InputError(
                f"{self.name} is truncated: input ended inside entry 0 at byte {end} "
                f"(entry started at byte {start}; no complete entry read)"
            )
        self.stats.truncated = True
        self._note(f"input ended inside entry {self.index} at byte {end} (entry started at byte {start}); "
                   f"kept the {self.index} entries before it")

    def _decode(self, data: bytes | memoryview, start: int) -> object:
        try:
            return _loads(data)
        except _DecodeError as e:
            reason = entry_only_error(e.msg)
            if reason is not None:
                if self._skip_notes < _MAX_NOTES:
                    self._skip_notes += 1
                    self._note(f"entry {self.index}: {reason} at byte {start + e.pos} ({e.msg}); skipped")
                return Skipped(start, reason)
            raise InputError(
                f"{self.name}: invalid JSON in entry {self.index} at byte {start + e.pos}: {e.msg}"
            ) from None

    def _one(self, pos: int) -> tuple[object, int]:
        """Decode the single value starting at buf[pos]; returns (value, index after it)."""
        ch = self.ch
        c = ch.buf[pos]
        if c == LBRACE:
            while True:
                m = _OBJECT.match(ch.buf, pos)
                if m is not None:
                    end = m.end()
                    return self._decode(memoryview(ch.buf)[pos:end], ch.base + pos), end
                size = len(ch.buf) - pos
                if ch.eof:
                    # The rest of the input is here: a cut-off entry, a typo, or nesting deeper
                    # than the pattern handles (orjson then decodes it, and the slow path ends it).
                    try:
                        return _loads(memoryview(ch.buf)[pos:]), len(ch.buf)
                    except _DecodeError as e:
                        if e.msg.startswith("unexpected end"):
                            raise _Truncated(ch.base + pos) from None
                        if not e.msg.startswith("unexpected content after") and not entry_only_error(e.msg):
                            raise InputError(f"{self.name}: invalid JSON in entry {self.index} "
                                             f"at byte {ch.base + pos + e.pos}: {e.msg}") from None
                    break
                if size >= self._max_buffered:
                    break
                pos = ch.refill(pos, want=size)
            return self._slow(pos)
        if c in (QUOTE, LBRACKET):
            return self._slow(pos)
        while True:
            m = _SCALAR.match(ch.buf, pos)
            if m is None:
                got = bytes(ch.buf[pos:pos + 1])
                raise InputError(
                    f"{self.name}: invalid JSON at byte {ch.base + pos} (entry {self.index}): unexpected {got!r}"
                )
            if m.end() < len(ch.buf) or ch.eof:
                return self._decode(ch.buf[pos:m.end()], ch.base + pos), m.end()
            if m.end() - pos > self._max_scalar:  # a number or literal no log holds: walk past it
                return self._skip_scalar(pos)
            pos = ch.refill(pos)

    def _skip_scalar(self, pos: int) -> tuple[object, int]:
        """Consume an oversized top-level scalar chunk by chunk without keeping it."""
        ch = self.ch
        start = ch.base + pos
        while True:
            end = _SCALAR_TAIL.match(ch.buf, pos).end()  # type: ignore[union-attr]
            if end < len(ch.buf) or ch.eof:
                return self._too_large(start, ch.base + end - start), end
            pos = ch.refill(len(ch.buf))

    def _too_large(self, start: int, size: int) -> TooLarge:
        if self._skip_notes < _MAX_NOTES:
            self._skip_notes += 1
            self._note(f"entry {self.index}: {size:,} bytes at byte {start} (over {self.max_entry:,} "
                       f"after cutting long strings); skipped")
        return TooLarge(start)

    def _slow(self, pos: int) -> tuple[object, int]:
        """Walk one value chunk by chunk, truncating long strings; returns (value, index after)."""
        ch = self.ch
        start = ch.base + pos
        out: bytearray | None = bytearray()
        depth = 0
        cut = longest = 0
        limit = self.max_entry
        while True:
            buf = ch.buf
            m = _SPECIAL.search(buf, pos)
            if m is None:
                if out is not None:
                    out += memoryview(buf)[pos:]
                    if len(out) > limit:  # a huge number or run of blanks: stop keeping it
                        out = None
                if ch.eof:
                    raise _Truncated(start, out)
                pos = ch.refill(len(buf))
                continue
            j = m.start()
            c = buf[j]
            if out is not None:
                out += memoryview(buf)[pos:j + 1]
            pos = j + 1
            if c == QUOTE:
                pos, n = self._slow_string(pos, out, start)
                if n > MAX_STRING_BYTES:
                    cut += 1
                    longest = max(longest, n)
                if depth == 0:
                    if out is not None and len(out) > limit:
                        out = None
                    break  # a top-level string
            elif c in (LBRACE, LBRACKET):
                depth += 1
            else:
                depth -= 1
                if depth <= 0:
                    if out is not None and len(out) > limit:
                        out = None
                    break
            if out is not None and len(out) > limit:
                out = None
        if cut and self._cut_notes < _MAX_NOTES:
            self._cut_notes += 1
            self._note(f"entry {self.index}: {cut} string(s) longer than {MAX_STRING_BYTES // 1024} KiB "
                       f"truncated (longest {longest} bytes)")
        if out is None:
            return self._too_large(start, ch.base + pos - start), pos
        return self._decode(bytes(out), start), pos

    def _slow_string(self, pos: int, out: bytearray | None, start: int) -> tuple[int, int]:
        """Consume a string body from pos (after its quote); append at most MAX_STRING_BYTES."""
        ch = self.ch
        n = 0
        sstart = len(out) if out is not None else 0
        while True:
            buf = ch.buf
            k = _STR_BODY.match(buf, pos).end()  # type: ignore[union-attr]
            if out is not None and n < MAX_STRING_BYTES:
                out += memoryview(buf)[pos:min(k, pos + MAX_STRING_BYTES - n)]
            n += k - pos
            if k < len(buf) and buf[k] == QUOTE:
                pos = k + 1
                break
            if ch.eof:
                raise _Truncated(start, out)
            pos = ch.refill(k)
        if out is not None:
            if n > MAX_STRING_BYTES:
                body = _safe_cut(bytes(out[sstart:]))
                del out[sstart:]
                out += body
                out += " …[truncated]".encode()
            out += b'"'
        return pos, n

    def _last_boundary(self, pos: int) -> tuple[int, int] | None:
        """(end of the last complete-looking element, start of the next) in buf[pos:], or None."""
        buf = self.ch.buf
        j = len(buf)
        for _ in range(_MAX_BOUNDARY_PROBES):
            j = buf.rfind(b"}", pos, j)
            if j < 0:
                return None
            m = _AFTER_ELEMENT.match(buf, j + 1)
            if m is not None:
                return j + 1, m.end() - 1
        return None

    def _bad_line(self, line_no: int, e: orjson.JSONDecodeError) -> object:
        if self.index == 0 and not entry_only_error(e.msg):
            raise InputError(f"{self.name}: line {line_no} is not valid JSON ({e.msg} at column {e.pos + 1})")
        self.bad_lines += 1
        if self.bad_lines <= _MAX_NOTES:
            self._note(f"line {line_no} is not valid JSON ({e.msg}); skipped")
        return _BAD_LINE

    # ------------------------------------------------------------------ formats

    def array_values(self) -> Iterator[object]:
        """Elements of a JSON array (gcloud --format=json); concatenated arrays are read in turn."""
        ch = self.ch
        pos = skip_ws(ch, 0)
        no_batch_before = 0  # absolute offset: a batch cut failed before here
        while True:  # one iteration per array
            pos = skip_ws(ch, pos + 1)  # after '['
            if pos >= len(ch.buf):
                self._ended_inside(ch.end_offset)
                return
            if ch.buf[pos] == RBRACKET:
                pass
            else:
                while True:  # pos is at the start of an element
                    if len(ch.buf) - pos < ch.chunk_size // 2 and not ch.eof:
                        pos = ch.refill(pos)
                    if ch.base + pos >= no_batch_before:
                        cut = self._last_boundary(pos)
                        if cut is not None:
                            end, nxt = cut
                            try:
                                items = _loads(b"".join((b"[", memoryview(ch.buf)[pos:end], b"]")))
                            except _DecodeError:
                                items = None
                                no_batch_before = ch.base + end
                            if items is not None:
                                for item in items:
                                    yield item
                                    self.index += 1
                                pos = nxt
                                continue
                    start = ch.base + pos
                    try:
                        value, pos = self._one(pos)
                    except _Truncated as t:
                        self._ended_inside(t.start, t.data)
                        return
                    yield value
                    self.index += 1
                    pos = skip_ws(ch, pos)
                    if pos >= len(ch.buf):
                        self.stats.truncated = True
                        self._note(f"input ended after entry {self.index - 1} at byte {ch.end_offset} "
                                   f"without the closing ']'")
                        return
                    c = ch.buf[pos]
                    if c == COMMA:
                        pos = skip_ws(ch, pos + 1)
                        if pos >= len(ch.buf):
                            self._ended_inside(ch.end_offset)
                            return
                        continue
                    if c == RBRACKET:
                        break
                    raise InputError(
                        f"{self.name}: invalid JSON after entry {self.index - 1} at byte {ch.base + pos}: "
                        f"expected ',' or ']' (entry started at byte {start})"
                    )
            pos = skip_ws(ch, pos + 1)  # after ']'
            if pos >= len(ch.buf):
                return
            if ch.buf[pos] != LBRACKET:
                self.stats.truncated = True
                self._note(f"ignored data after the end of the JSON array at byte {ch.base + pos}")
                return

    def object_values(self) -> Iterator[object]:
        """Whitespace-separated JSON values: one pretty-printed LogEntry, or `jq '.[]'` output."""
        ch = self.ch
        pos = skip_ws(ch, 0)
        while pos < len(ch.buf):
            try:
                value, pos = self._one(pos)
            except _Truncated as t:
                self._ended_inside(t.start, t.data)
                return
            yield value
            self.index += 1
            pos = skip_ws(ch, pos)

    def line_values(self) -> Iterator[object]:
        """JSON Lines: one value per line; an undecodable line is skipped once one line worked."""
        ch = self.ch
        pos = 0
        line_no = 0
        while True:
            buf = ch.buf
            nl = buf.rfind(b"\n", pos)
            if nl < 0:
                rest = len(buf) - pos
                if ch.eof:
                    if rest and buf[pos:].strip():
                        try:
                            value = _loads(buf[pos:])
                        except _DecodeError as e:
                            if e.msg.startswith("unexpected end"):
                                self._ended_inside(ch.base + pos)
                                return
                            value = self._bad_line(line_no + 1, e)
                        yield value
                        self.index += 1
                    return
                if rest >= self._max_buffered:  # one huge line: walk it without keeping it whole
                    p = skip_ws(ch, pos)
                    try:
                        value, pos = self._one(p)
                    except _Truncated as t:
                        self._ended_inside(t.start, t.data)
                        return
                    line_no += 1
                    yield value
                    self.index += 1
                    pos = skip_ws(ch, pos)  # also eats the newline
                    continue
                pos = ch.refill(pos, want=rest)
                continue
            lines = buf[pos:nl].split(b"\n")
            for k, line in enumerate(lines):
                try:
                    value = _loads(line)
                except _DecodeError as e:
                    if not line.strip():
                        continue
                    value = self._bad_line(line_no + k + 1, e)
                yield value
                self.index += 1
            line_no += len(lines)
            pos = nl + 1


class _BadLine:
    __slots__ = ()


_BAD_LINE = _BadLine()


def is_bad_line(value: object) -> bool:
    return value is _BAD_LINE
