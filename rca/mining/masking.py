"""Masking: replace the variable parts of a log message with named placeholders.

One combined, precompiled regex (alternation in priority order) rewrites each whitespace token,
through a bounded token cache (words and common values repeat, so most tokens skip the regex);
the few rules that span spaces (dates written with spaces) run on the whole message first, only
when it holds a ":". Placeholders are named (`<UUID>`, `<IP>`, `<NUM>`...) rather than `<*>`: drain3 does not count
a template's `<*>` tokens as matches, so messages that are mostly numbers would otherwise open a
cluster each, while two `<NUM>` tokens match like any equal words.

The rules are generic (no per-dataset patterns). Each number is its own placeholder and punctuation
around it is kept (`2016/9/27:20:40:54.787` -> `<NUM>/<NUM>/<NUM>:<NUM>:<NUM>:<NUM>`), which is
how labelled template corpora write them; only unambiguous compound values (ISO timestamps with a
zone, UUIDs, IPs with their port, URLs, paths, e-mail addresses, host names) become one placeholder.
Before all that, an array of JSON objects after a message's first word (a dump of records) becomes
one `<JSON>` token (`collapse_records`).
"""

from __future__ import annotations

import functools
import re

import orjson


# Every placeholder the masker can write. `<*>` is what the drain tree writes for positions it
# generalised itself. Evaluators map all of these to `<*>`.
PLACEHOLDERS: tuple[str, ...] = (
    "<TS>",
    "<UUID>",
    "<EMAIL>",
    "<URL>",
    "<IP>",
    "<HOST>",
    "<PATH>",
    "<HEX>",
    "<ID>",
    "<DURATION>",
    "<SIZE>",
    "<NUM>",
    "<STR>",
    "<BOOL>",
    "<JSON>",
    "<*>",
)
PLACEHOLDER_SET = frozenset(PLACEHOLDERS)
PLACEHOLDER_RE = re.compile("|".join(re.escape(p) for p in PLACEHOLDERS))

_TLDS = (
    "com|net|org|edu|gov|mil|int|io|ai|dev|app|cloud|info|biz|co|us|uk|de|fr|jp|cn|hk|ru|br|in|au|"
    "ca|nl|eu|it|es|se|ch|kr|tw|om|local|internal|lan|localdomain"
)
_UNIT_TIME = r"(?:ns|us|µs|ms|s|sec|secs|m|min|mins|h|hr|hrs|d)"
_UNIT_SIZE = r"(?:[kKMGTP]i?[bB]|[bB]|bytes|[kKMGT])"

# (name, pattern) in priority order: at one position the first alternative that matches wins.
# `(?<![\w.])`-style guards keep matches on token-ish boundaries.
_B = r"(?<![A-Za-z0-9_])"  # left boundary: not inside a word
_E = r"(?![A-Za-z0-9_])"  # right boundary
# Host and port. Three patterns share one host name and one port, and differ on purpose in what
# they accept around them, because each answers a different question:
# - the HOST mask (here) takes one label only (`redis:6379`): a dotted name is the TLD mask's or an
#   IP's, and a template keeps the rest literal;
# - TARGET (rca.analysis.culprit: where a refused or unresolved call went, compared with the value a
#   configuration line sets) takes an IPv4 or a dotted name, with its port, as group 1;
# - HOST_PORT (rca.analysis.ranking: does a caller name a host of its own, in lowercased text) takes
#   a name with or without dots, but not a stack frame's source file and line
#   ('(HikariPool.java:696)', '/src/x.go:42'), or a URL's host.
HOST_NAME = r"[a-z][a-z0-9-]*"  # a host name's first label (any case where a pattern ignores case)
PORT = r":\d{2,5}"
TARGET = re.compile(rf"(?<![\w.-])((?:\d{{1,3}}\.){{3}}\d{{1,3}}{PORT}|{HOST_NAME}(?:\.[a-z0-9-]+)+{PORT})(?![\w.-])",
                    re.IGNORECASE)
HOST_PORT = re.compile(rf"(?<![\w./-]){HOST_NAME}(?:\.[a-z0-9-]+)*(?<!\.java)(?<!\.kt)(?<!\.scala)(?<!\.py)(?<!\.go)"
                       rf"(?<!\.js)(?<!\.ts)(?<!\.rb)(?<!\.cs){PORT}\b|://[a-z][\w.-]*")

_RULES: list[tuple[str, str]] = [
    # Protocol versions stay literal ("HTTP/1.1").
    ("KEEP", r"\bHTTP/\d(?:\.\d)?\b"),
    # ISO-8601 timestamps with a T or a zone; a bracketed gunicorn "[2025-09-15 21:41:18 +0000]".
    (
        "TS",
        _B + r"\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})?"
        r"|[ T]\d{2}:\d{2}:\d{2}(?:[.,]\d+)? ?(?:Z|UTC|[+-]\d{2}:?\d{2}))" + _E,
    ),
    # ctime-style dates: "Fri Jul 01 08:16:53 PDT 2005", "Sun Jul  3 10:05:25 2005".
    (
        "TS",
        r"\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun),? +(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) +\d{1,2},?"
        r" +\d{1,2}:\d{2}:\d{2}(?:\.\d+)?(?: +[A-Z]{3,4})?(?: +\d{4})?\b",
    ),
    ("UUID", _B + r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}" + _E),
    ("EMAIL", _B + r"[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+" + _E),
    ("URL", r"\b[a-zA-Z][a-zA-Z0-9+.-]{1,15}://[^\s\"'<>()\[\]{},;]+"),
    # IPv4 (with an optional leading slash and :port), IPv6, MAC-like colon hex strings.
    ("IP", r"(?<![\w.:/])/?\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?" + r"(?![\w.]*\w)"),
    (
        "IP",
        r"(?<![\w:])(?:[0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4}(?![\w:])"
        r"|(?<![\w:])(?:[0-9a-fA-F]{1,4}:){1,6}:(?:[0-9a-fA-F]{1,4}(?::[0-9a-fA-F]{1,4}){0,5})?(?![\w:])"
        r"|(?<![\w:])::1(?![\w:])",
    ),
    ("HEX", r"(?<![\w:])[0-9a-fA-F]{2}(?::[0-9a-fA-F]{2}){5,}(?![\w:])"),
    # Java-style "host/1.2.3.4:port"; "host:port" with a 2-5 digit port.
    ("IP", _B + r"[A-Za-z][\w.-]*/\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?(?![\w.]*\w)"),
    ("HOST", r"(?<![\w.-])" + HOST_NAME + PORT + r"(?![\w:.]*\w)"),
    # Host names ending in a known top-level domain, with an optional :port.
    ("HOST", _B + r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*"
     r"\.(?:" + _TLDS + r")(?::\d{1,5})?(?![\w.-]*\w)"),
    # Absolute paths (one or more segments) at the start of a token.
    ("PATH", r"(?<![\w.:/-])(?:/[\w.~%@+*$-]+)+/?(?=$|[\s,;:)\]}'\"])"),
    ("HEX", _B + r"0[xX][0-9a-fA-F]+" + _E),
    # Long hex strings with at least one digit (hashes, instance / trace ids).
    ("HEX", _B + r"(?=[a-fA-F]*\d)[0-9a-fA-F]{12,}" + _E),
    # Identifiers that embed numbers: blk_-123, attempt_1445_0020_m_000003_0, req-9bc3...
    ("ID", _B + r"[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)*_-?\d[\w-]*" + _E),
    # Quoted values after "=" / ":" or holding a digit: tag="AudioMix" -> tag="<STR>" (quotes kept).
    ("QSTR", r"(?<=[=:])'[^'\s]{1,80}'(?![\w'])|(?<=[=:])\"[^\"\s]{1,80}\"(?![\w\"])"
     r"|(?<![\w'\"])'[^'\s\d]{0,40}\d[^'\s]{0,40}'(?![\w'])|(?<![\w'\"])\"[^\"\s\d]{0,40}\d[^\"\s]{0,40}\"(?![\w\"])"),
    # key=value: a value that is not a plain word (up to a delimiter) is masked.
    ("KV", r"(?<=[A-Za-z0-9_]=)(?![<\"'])(?![A-Za-z][A-Za-z_-]*(?:[\s,;)\]}&(]|$))[^\s,;()\]}&\"']+"),
    ("BOOL", _B + r"(?:true|false|True|False)" + _E),
    # Versions: v2.0, v1.12.3
    ("NUM", _B + r"[vV]\d+(?:\.\d+)+" + _E),
    ("DURATION", r"(?<![\w.])[-+]?\d+(?:\.\d+)?" + _UNIT_TIME + r"(?![\w])"),
    ("SIZE", r"(?<![\w.])\d+(?:\.\d+)?" + _UNIT_SIZE + r"(?![\w])"),
    # Numbers: 42, -7, 3.14, 6.1.7601.23505; a sign only after a space or an opening character.
    ("NUM", r"(?:(?<=[\s=(\[:,])[-+]|^[-+])?(?<![A-Za-z0-9_])(?<!\d\.)\d+(?:\.\d+)*(?![A-Za-z0-9_])"),
]

_COMBINED = re.compile("|".join(f"(?P<{name}{i}>{pat})" for i, (name, pat) in enumerate(_RULES)))

# Characters some rules cannot match without (each rule's match holds one of them), by rule index:
# a token without "@" cannot hold an EMAIL, one without ":" no URL, IPv6, HOST:port, and so on.
# `_rules_for(token)` is `_COMBINED` without the rules the token cannot match: the same matches,
# in fewer tries (the combined regex tries every rule at every position).
_NEEDS: tuple[str | None, ...] = (
    "/",  # KEEP: HTTP/1.1
    "-",  # TS: 2025-09-15...
    ":",  # TS: ctime, holds H:MM:SS
    "-",  # UUID
    "@",  # EMAIL
    ":",  # URL: scheme://
    ".",  # IP: dotted quad
    ":",  # IP: v6
    ":",  # HEX: colon-separated bytes
    "/",  # IP: host/1.2.3.4
    ":",  # HOST: name:port
    ".",  # HOST: name.tld
    "/",  # PATH
    "xX",  # HEX: 0x...
    None,  # HEX: long hex strings
    "_",  # ID: blk_-123
    "'\"",  # QSTR: quoted values
    "=",  # KV: key=value (the "=" is in the lookbehind, inside the token)
    None,  # BOOL
    ".",  # NUM: v1.2
    None,  # DURATION
    None,  # SIZE
    None,  # NUM
)
assert len(_NEEDS) == len(_RULES)
_NEED_CHARS = ("-", ":", "@", ".", "/", "xX", "_", "'\"", "=")
_SUBSETS: dict[int, re.Pattern[str]] = {}


def _rules_for(tok: str) -> re.Pattern[str]:
    key = 0
    for bit, chars in enumerate(_NEED_CHARS):
        for ch in chars:
            if ch in tok:
                key |= 1 << bit
                break
    rx = _SUBSETS.get(key)
    if rx is None:
        present = {chars for bit, chars in enumerate(_NEED_CHARS) if key >> bit & 1}
        rx = _SUBSETS[key] = re.compile("|".join(
            f"(?P<{name}{i}>{pat})" for i, (name, pat) in enumerate(_RULES) if _NEEDS[i] is None or _NEEDS[i] in present
        ))
    return rx
_SPECIAL = {"KEEP", "QSTR", "KV"}
_GROUP_TO_PLACEHOLDER = {f"{name}{i}": f"<{name}>" for i, (name, _) in enumerate(_RULES) if name not in _SPECIAL}
_KEEP_GROUPS = {f"{name}{i}" for i, (name, _) in enumerate(_RULES) if name == "KEEP"}
_QSTR_GROUPS = {f"{name}{i}" for i, (name, _) in enumerate(_RULES) if name == "QSTR"}

# Values that name a state or an outcome stay literal in key=value pairs ("status=failed").
STATE_WORDS = frozenset(
    """
    established refused accepted rejected denied granted allowed forbidden blocked unblocked
    failed failure failures fail succeeded success successful successfully succeed ok error errors
    warning warn timeout timed expired started starting start stopped stopping stop startup shutdown
    opened opening open closed closing close connected connecting disconnected disconnecting
    enabled enabling disabled disabling up down created creating deleted deleting removed removing
    added adding updated updating killed terminated terminating exited exiting running finished
    completed complete aborted abort cancelled canceled retrying retry loaded loading unloaded
    found missing invalid valid available unavailable healthy unhealthy ready lost dropped sent
    received reset restarted restarting crashed panic fatal critical begin end ended done
    acquired released locked unlocked mounted unmounted registered unregistered paused resumed
    get post put patch delete head options
    """.split()
)
_ENUM = re.compile(r"[A-Z]{2}[A-Z0-9_]*")


@functools.lru_cache(maxsize=1 << 16)
def is_state_word(word: str) -> bool:
    """A state / outcome word or an ALL_CAPS enum value: part of the event, never a variable."""
    return word.lower() in STATE_WORDS or (len(word) >= 2 and _ENUM.fullmatch(word) is not None)


def _classify(m: re.Match[str]) -> str | None:
    """Placeholder for a match, or None to keep the text."""
    g = m.lastgroup
    if g in _KEEP_GROUPS:
        return None
    if g in _QSTR_GROUPS:
        text = m.group()
        inner = text[1:-1]
        if is_state_word(inner):
            return None
        return text[0] + "<STR>" + text[-1]
    ph = _GROUP_TO_PLACEHOLDER.get(g)  # type: ignore[arg-type]
    if ph is None:  # KV
        text = m.group()
        if is_state_word(text.rstrip(".:")):
            return None
        inner = _COMBINED.fullmatch(text)
        if inner is not None and inner.lastgroup in _GROUP_TO_PLACEHOLDER:
            return _GROUP_TO_PLACEHOLDER[inner.lastgroup]
        return "<STR>"
    return ph


def _replace(m: re.Match[str]) -> str:
    ph = _classify(m)
    return m.group() if ph is None else ph


# Rules that span whitespace (dates written with spaces) run on the whole message first, and only
# when it holds a ":"; everything else is masked token by token through a bounded token cache
# (words and common values repeat a lot, so most tokens skip the regex entirely).
_MULTI = re.compile(
    r"\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun),? +(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) +\d{1,2},?"
    r" +\d{1,2}:\d{2}:\d{2}(?:\.\d+)?(?: +[A-Z]{3,4})?(?: +\d{4})?\b"
    r"|(?<![A-Za-z0-9_])\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:[.,]\d+)? ?(?:Z|UTC|[+-]\d{2}:?\d{2})(?![A-Za-z0-9_])"
)


# Prefilters for `_MULTI`, each implied by one of its alternatives (and led by a literal, which
# the regex engine finds quickly): every match holds an H:MM:SS time, the ISO form a zone after
# it, the ctime form a month name, spaces and a day before it.
_HMS = re.compile(r":\d\d:")
_ISO_PRE = re.compile(r":\d\d:\d\d(?:[.,]\d+)? ?(?:Z|UTC|[+-]\d)")
_CTIME_PRE = re.compile(r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) +\d{1,2},? +\d{1,2}:\d\d:\d\d")

# Whole-token shapes whose masking is known without the combined regex (checked rule by rule: at
# position 0 no earlier rule can match these tokens, and the rule below consumes the whole token).
_FAST = re.compile(
    r"(?P<UUID>[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})"
    r"|(?=[a-fA-F]*\d)(?P<HEX>[0-9a-fA-F]{12,})"
    # an absolute path not starting with a digit (which could be an IP): only PATH matches at "/"
    r"|(?P<PATH>/(?!\d)[\w.~%@+*$-]+(?:/[\w.~%@+*$-]+)*/?)"
)
_FAST_PLACEHOLDER = {"UUID": "<UUID>", "HEX": "<HEX>", "PATH": "<PATH>"}
_MISSING = object()

# Digit shape: ASCII digits written "2". The rules treat all digits alike except for two literals,
# "0x" (HEX) and "::1" (IP): so every digit is rewritten in a token holding neither "x"/"X" nor
# "::", the digits 1-9 in a token with an "x" but no "::", and 2-9 otherwise. The rules then match
# a token and its shape at the same places with the same alternatives; when the shape's masked form
# holds no "2", every rewritten digit was inside a placeholder and the masked form is the same for
# every token of that shape ("38624" and "41973" are both "<NUM>", "169.254.3.35:42389" and
# "10.0.7.183:36398" both "<IP>"). When the shape's masked form is the shape itself, every match in
# it kept its text (or there was none), and so do the token's (the same matches, decided alike:
# state words and enum names treat digits alike): its masked form is the token ("36b43146").
_DIGIT_SHAPE = str.maketrans("0123456789", "2222222222")
_DIGIT_SHAPE_X = str.maketrans("123456789", "222222222")
_DIGIT_SHAPE_COLONS = str.maketrans("3456789", "2222222")
# The same rewrites on the token's UTF-8 bytes (what the caches key on: bytes.translate with a
# 256-byte table is several times faster than str.translate with a dict). A multi-byte UTF-8
# sequence (or a surrogate written with "surrogatepass") holds no byte below 0x80, so no ASCII
# digit byte, and the encoding is one-to-one: the byte shape is the encoded str shape.
_BYTE_SHAPE = bytes.maketrans(b"0123456789", b"2222222222")
_BYTE_SHAPE_X = bytes.maketrans(b"123456789", b"222222222")
_BYTE_SHAPE_COLONS = bytes.maketrans(b"3456789", b"2222222")
_SAME = ""  # shape cache value: the token's masked form is the token itself (never a masked form)


def digit_shape(tok: str) -> str:
    if "::" in tok:
        return tok.translate(_DIGIT_SHAPE_COLONS)
    if "x" in tok or "X" in tok:
        return tok.translate(_DIGIT_SHAPE_X)
    return tok.translate(_DIGIT_SHAPE)


# An array of JSON objects inside a text message ("Payload dump for batch 7: [{...}, {...}]",
# "response body: [{...}]") is a dump of records: the text before it says what happened, the
# records are data. Masked value by value, their words (states such as "pending" / "active",
# which the word guard keeps apart, types, names) would make nearly every dump a template of its
# own. So the array, from "[{" to its closing "]", becomes one `<JSON>` token, unless it opens
# the message (then the message is the data, and is masked as before). Strings are skipped when
# brackets are counted; an array that does not close within _RECORDS_SCAN characters (a cut
# message) runs to the end.
_RECORDS_OPEN = re.compile(r'(?:(?<=\s)|(?<=[:=(]))\[\s*\{\s*"')
_JSON_LEX = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')
_RECORDS_SCAN = 65_536
_MAX_DUMPS = 4


def collapse_records(message: str) -> str:
    """The message with each array of JSON objects after its first word written `<JSON>`."""
    pos = 0
    for _ in range(_MAX_DUMPS):
        m = _RECORDS_OPEN.search(message, pos)
        if m is None:
            break
        start = m.start()
        if not message[:start].strip():
            pos = m.end()
            continue
        end = len(message)
        if message.endswith("]"):  # most dumps end the message: one parse instead of the scan below
            try:
                if type(orjson.loads(message[start:])) is list:
                    return message[:start] + "<JSON>"
            except ValueError:  # not one JSON array (or not encodable): the scan decides
                pass
        depth = 0
        for t in _JSON_LEX.finditer(message, start, min(len(message), start + _RECORDS_SCAN)):
            c = t.group()
            if c == "[" or c == "{":
                depth += 1
            elif c == "]" or c == "}":
                depth -= 1
                if depth == 0:
                    end = t.end()
                    break
        message = message[:start] + "<JSON>" + message[end:]
        pos = start + 6
    return message


def _mask_uncached(tok: str) -> str:
    """The masked token without caches (`_FAST` answers for its shapes exactly as the rules do)."""
    f = _FAST.fullmatch(tok)
    return _FAST_PLACEHOLDER[f.lastgroup] if f is not None else _rules_for(tok).sub(_replace, tok)  # type: ignore[index]


class Masker:
    """Masks messages token by token, with bounded two-generation caches (size 0: none).

    Caches: token -> masked token, and digit shape (UTF-8 bytes) -> masked token (see
    `_DIGIT_SHAPE`), so that numbers, addresses and times that differ only in their digits skip the
    combined regex. Masking is a pure function of the message: the caches change only its speed.
    """

    __slots__ = ("size", "new", "old", "shapes_new", "shapes_old")

    def __init__(self, cache_size: int = 100_000) -> None:
        self.size = cache_size
        self.new: dict[str, str] = {}
        self.old: dict[str, str] = {}
        self.shapes_new: dict[bytes, str | None] = {}
        self.shapes_old: dict[bytes, str | None] = {}

    def _put_shape(self, shape: bytes, masked: str | None) -> None:
        if len(self.shapes_new) >= self.size:
            self.shapes_old = self.shapes_new
            self.shapes_new = {}
        self.shapes_new[shape] = masked

    def _token(self, tok: str) -> str:
        """The masked token, on a miss in the newer token cache generation (size > 0)."""
        m = self.old.get(tok)
        if m is None:
            m = self._uncached(tok)
        new = self.new
        if len(new) >= self.size:
            self.old = new
            self.new = new = {}
        new[tok] = m
        return m

    def _uncached(self, tok: str) -> str:
        """The masked token past the token cache (size > 0)."""
        if tok[0] == "/" or (len(tok) >= 12 and tok[:8].isalnum()):
            # `_FAST` first, on the tokens it can match (PATH starts with "/"; HEX and UUID are 12+
            # characters long and start with 8 hex digits). Whether it matches depends only on the
            # digit shape (hex digits stay hex digits, a digit after "/" a digit), so its shapes never
            # enter the shape cache (their tokens are answered before) and looking them up first
            # could only miss: the same answer, without computing the shape.
            f = _FAST.fullmatch(tok)
            if f is not None:
                return _FAST_PLACEHOLDER[f.lastgroup]  # type: ignore[index]
        # digit_shape(tok) on the UTF-8 bytes, inlined
        try:
            b = tok.encode()
        except UnicodeEncodeError:  # lone surrogates
            b = tok.encode("utf-8", "surrogatepass")
        if "::" in tok:
            shape = b.translate(_BYTE_SHAPE_COLONS)
        elif "x" in tok or "X" in tok:
            shape = b.translate(_BYTE_SHAPE_X)
        else:
            shape = b.translate(_BYTE_SHAPE)
        if shape == b:  # no digits
            return _rules_for(tok).sub(_replace, tok)
        # digits: the shape's masked form may stand for this token
        sm = self.shapes_new.get(shape, _MISSING)
        if sm is _MISSING:
            sm = self.shapes_old.get(shape, _MISSING)
            if sm is _MISSING:
                text = shape.decode("utf-8", "surrogatepass")
                sm = _rules_for(text).sub(_replace, text)
                if sm == text:
                    sm = _SAME
                elif "2" in sm:
                    sm = None  # a digit survived: this shape says nothing about other tokens
            self._put_shape(shape, sm)  # type: ignore[arg-type]
        if sm:
            return sm  # type: ignore[return-value]
        return tok if sm is not None else _rules_for(tok).sub(_replace, tok)  # _SAME, or None

    def masked(self, message: str, limit: int = 0) -> str:
        """The masked message the drain tree sees: `tokens` joined by single spaces."""
        return " ".join(self.tokens(message, limit))

    def tokens(self, message: str, limit: int = 0) -> list[str]:
        """The message's whitespace tokens, masked (only the first `limit` when limit > 0).

        A message cut short by characters (huge tokens) ends in `<*>` instead of a partial token.
        """
        cut = False
        parts = None
        if "[" in message and "{" in message:
            message = collapse_records(message)
        if limit > 0:
            if len(message) > limit * 256:
                message = message[: limit * 256]
                cut = True
            parts = message.split(None, limit)
            if len(parts) > limit:
                del parts[limit:]
                message = " ".join(parts)
                cut = False  # a token-count prefix: the template stands for the first tokens
        if _has_times(message):
            message = _MULTI.sub("<TS>", message)
            parts = None
        if parts is None:
            parts = message.split()
        if self.size <= 0:
            out = list(map(_mask_uncached, parts))
        else:
            get = self.new.get
            token = self._token
            out = [get(tok) or token(tok) for tok in parts]  # masked tokens are never empty
        if cut and out:
            out[-1] = "<*>"
        return out


def _has_times(message: str) -> bool:
    """Does the message hold a time that `_MULTI` rewrites (checked with its cheap prefilters)?"""
    return (":" in message and _HMS.search(message) is not None
            and (_ISO_PRE.search(message) is not None or _CTIME_PRE.search(message) is not None))


def plain_tokens(message: str, limit: int = 0) -> list[str]:
    """`Masker.tokens` as the rules define it: no caches, no shortcuts (the reference for tests)."""
    cut = False
    message = collapse_records(message)
    if limit > 0:
        if len(message) > limit * 256:
            message, cut = message[: limit * 256], True
        parts = message.split(None, limit)
        if len(parts) > limit:
            message, cut = " ".join(parts[:limit]), False
    if ":" in message:
        message = _MULTI.sub("<TS>", message)
    out = [_COMBINED.sub(_replace, tok) for tok in message.split()]
    if cut and out:
        out[-1] = "<*>"
    return out


_DEFAULT = Masker()


def mask_tokens(message: str) -> list[str]:
    """The message's whitespace tokens, masked."""
    return _DEFAULT.tokens(message)


def mask(message: str) -> str:
    """Return the message with variable parts replaced by named placeholders (whitespace collapsed)."""
    return " ".join(mask_tokens(message))


def mask_with_values(message: str) -> tuple[str, list[tuple[str, str]]]:
    """Like `mask` on the whole text (whitespace kept), also returning (placeholder, original text)
    for each replacement, in order."""
    values: list[tuple[str, str]] = []

    def repl(m: re.Match[str]) -> str:
        ph = _classify(m)
        if ph is None:
            return m.group()
        values.append((ph, m.group()))
        return ph

    return _COMBINED.sub(repl, message), values


def is_placeholder(token: str) -> bool:
    return token in PLACEHOLDER_SET


def to_star(template: str) -> str:
    """Write every named placeholder as `<*>`."""
    return PLACEHOLDER_RE.sub("<*>", template)
