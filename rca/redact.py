"""Redaction of secrets and personal data before text leaves the process (prompt, report, Slack).

    redactor = Redactor()                      # on by default
    redactor("postgres://app:hunter2@db:5432") # -> "postgres://app:[PASSWORD_1]@db:5432"

Placeholders are stable within one Redactor: the same secret gets the same placeholder wherever it
appears (and whichever pattern found it first), so the model can still see that two log lines
carry the same token. What is kept: URL schemes, user names and hosts, the key of a `key=value`
pair, the word "Bearer". What goes: the secret itself.

Covered: private-key blocks, credentials in URLs and DSNs, JWTs, bearer/basic auth, Anthropic /
OpenAI-style (`sk-`), Google (`AIza`), GitHub (`ghp_` ...), Slack (`xox?-`) and AWS (`AKIA`) keys,
`password=` / `secret=` / `token=` / `api_key=` pairs (also JSON `"password": "..."`), emails and
Luhn-valid card numbers. Extra patterns can be added per Redactor.

Runs on samples and templates (bounded by the number of clusters), not on every log entry; the
patterns are compiled once at import.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

Rule = tuple[str, re.Pattern[str], int]  # (kind, pattern, group holding the secret; 0 = whole match)

_PASSWORD_WORDS = r"password|passwd|pwd|passphrase"
_KEY_WORDS = (
    _PASSWORD_WORDS
    + r"|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|client[_-]?secret|credentials?"
)

_RULES: list[Rule] = [
    # PEM private keys; an unterminated block (a truncated sample) is redacted to the end.
    (
        "private_key",
        re.compile(
            r"-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----(?:.*?-----END [A-Z0-9 ]*PRIVATE KEY-----|.*\Z)",
            re.DOTALL,
        ),
        0,
    ),
    # scheme://user:password@host -> keep scheme, user and host.
    ("password", re.compile(r"\b[A-Za-z][A-Za-z0-9+.-]*://[^\s:/@]*:([^\s/@]+)@"), 1),
    ("jwt", re.compile(r"\beyJ[A-Za-z0-9_-]{6,}\.[A-Za-z0-9_-]{6,}\.[A-Za-z0-9_-]*"), 0),
    ("token", re.compile(r"(?i)\bbearer\s+([A-Za-z0-9._~+/=-]{8,})"), 1),
    ("token", re.compile(r"(?i)\bbasic\s+([A-Za-z0-9+/]{12,}={0,2})"), 1),
    ("api_key", re.compile(r"\bsk-ant-[A-Za-z0-9_-]{16,}"), 0),
    ("api_key", re.compile(r"\bsk-[A-Za-z0-9_-]{16,}"), 0),
    ("api_key", re.compile(r"\bAIza[0-9A-Za-z_-]{30,}"), 0),
    ("api_key", re.compile(r"\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{22,})"), 0),
    ("api_key", re.compile(r"\bxox[abposr]-[A-Za-z0-9-]{10,}"), 0),
    ("api_key", re.compile(r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b"), 0),
    # key=value, key: value, "key": "value" -- keep the key, redact the value.
    (
        "secret",
        re.compile(
            r"(?i)(?<![A-Za-z0-9])(?P<key>(?:[A-Za-z0-9]+[_.-])*(?:" + _KEY_WORDS + r"))"
            r"(?P<sep>[\"']?\s*[=:]\s*[\"']?)"
            r"(?P<value>(?!\[[A-Z_]+_\d+\])(?:(?<=\")[^\"\n]+|(?<=')[^'\n]+|[^\s\"'&,;})\]]+))"
        ),
        3,
    ),
    ("email", re.compile(r"(?<![/\w.%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b"), 0),
    ("card", re.compile(r"(?<![\d-])[2-6](?:[ -]?\d){12,18}(?![\d-])"), 0),
]

_PLACEHOLDER = re.compile(r"\[[A-Z_]+_\d+\]|<(?:\*|[A-Z][A-Z0-9_]*)>")  # ours, or a template's <*> / <NUM>


def luhn_valid(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _is_card(m: re.Match[str]) -> bool:
    digits = re.sub(r"[ -]", "", m.group(0))
    return 13 <= len(digits) <= 19 and luhn_valid(digits)


_PASSWORD_KEY = re.compile(r"(?i)(?:" + _PASSWORD_WORDS + r")$")


def _is_secret_value(m: re.Match[str]) -> bool:
    """`key=v` and JSON `"key": "v"` always; a bare `token: word` only when the word looks random.

    Keeps prose such as "invalid token: expired" readable while `password: hunter2` still goes.
    """
    sep, value = m.group("sep"), m.group("value")
    if "=" in sep or '"' in sep or "'" in sep or _PASSWORD_KEY.search(m.group("key")):
        return True
    return len(value) >= 20 or (len(value) >= 8 and any(c.isdigit() for c in value))


_CHECKS: dict[str, Callable[[re.Match[str]], bool]] = {"card": _is_card, "secret": _is_secret_value}


def _compile_extra(extra: Iterable[str | re.Pattern[str] | tuple[str, str | re.Pattern[str]]]) -> list[Rule]:
    rules: list[Rule] = []
    for item in extra:
        kind, pattern = item if isinstance(item, tuple) else ("custom", item)
        compiled = pattern if isinstance(pattern, re.Pattern) else re.compile(pattern)
        rules.append((kind, compiled, 1 if compiled.groups else 0))
    return rules


class Redactor:
    """`redactor(text) -> text` with secrets replaced by stable placeholders like `[API_KEY_1]`.

    `extra_patterns`: regexes (or `(kind, regex)` pairs) redacted after the built-in ones; a
    pattern with a capture group redacts only its first group.
    """

    def __init__(
        self,
        enabled: bool = True,
        extra_patterns: Iterable[str | re.Pattern[str] | tuple[str, str | re.Pattern[str]]] = (),
    ) -> None:
        self.enabled = enabled
        rules = _RULES + _compile_extra(extra_patterns)
        self._subs = [(pattern, self._replace(kind, group)) for kind, pattern, group in rules]
        self._seen: dict[str, str] = {}
        self._counts: dict[str, int] = {}

    @property
    def redacted(self) -> int:
        """Distinct secrets replaced so far."""
        return len(self._seen)

    def _placeholder(self, kind: str, value: str) -> str:
        if value not in self._seen:
            n = self._counts.get(kind, 0) + 1
            self._counts[kind] = n
            self._seen[value] = f"[{kind.upper()}_{n}]"
        return self._seen[value]

    def _replace(self, kind: str, group: int) -> Callable[[re.Match[str]], str]:
        check = _CHECKS.get(kind)

        def replace(m: re.Match[str]) -> str:
            value = m.group(group)
            if not value or _PLACEHOLDER.fullmatch(value) or (check and not check(m)):
                return m.group(0)
            label = "password" if kind == "secret" and _PASSWORD_KEY.search(m.group("key")) else kind
            start, end = m.span(group)
            whole = m.group(0)
            offset = m.start(0)
            return whole[: start - offset] + self._placeholder(label, value) + whole[end - offset :]

        return replace

    def __call__(self, text: str) -> str:
        if not self.enabled or not text:
            return text
        for pattern, replace in self._subs:
            text = pattern.sub(replace, text)
        return text
