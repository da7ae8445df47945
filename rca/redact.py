"""Redaction of secrets and personal data: the one output boundary every command passes.

    redactor = Redactor()                      # on by default; Redactor(enabled=False) for --no-redact
    redactor("postgres://app:hunter2@db:5432") # -> "postgres://app:[PASSWORD_1]@db:5432"
    report = redactor.tree(report)             # every string of a Report / MiningResult / entry

Where it runs: the finished Report (rca.render.assemble: samples, templates and the analyst's prose
alike), `rca mine` results, `rca fetch` exports, the evidence and the repair turn sent to the
model, and recordings. Slack and HTML are rendered from the redacted Report.

Placeholders are stable within one Redactor: the same secret gets the same placeholder wherever it
appears (and whichever pattern found it first), so the model can still see that two log lines
carry the same token. What is kept: URL schemes, user names and hosts, the key of a `key=value`
pair, the word "Bearer", header names. What goes: the secret itself. Patterns match values, not
code: an unquoted value that is a call, an index, a dotted name, `None`, a type or a `${VAR}`
reference is not a secret (`DB_PASSWORD = secrets.get("db-password")` stays as written).

Covered: private-key blocks, credentials in URLs and DSNs, JWTs, bearer/basic auth, cookies,
vendor-prefixed keys (Anthropic, OpenAI, Stripe, Google, GitHub, GitLab, Slack, AWS, SendGrid, npm,
PyPI, Hugging Face, Shopify, Twilio, Mailgun; Slack/Discord webhooks), AWS secret keys (40-char
mixed-case base64), `password=` / `secret=` / `token=` / `api_key=` / `session=` / `signature=`
pairs (also JSON, query strings, a service-account file's `private_key_id`), e-mails (also in URL
paths) and Luhn-valid card numbers. Extra patterns can be added per Redactor.

Runs on samples and templates (bounded by the number of clusters) and on each entry `rca fetch`
writes, not on every entry a report reads; the
patterns are compiled once at import, and each is tried only when its trigger word is present.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

T = TypeVar("T")
_SLOT = re.compile(r"<(?:\*|[A-Z][A-Z0-9_]*)>")  # template placeholders: <*>, <NUM>, <IP>, <STR>...

Rule = tuple[str, re.Pattern[str], int, tuple[str, ...]]
# (kind, pattern, group holding the secret (0: whole match), trigger: lowercase substrings one of
# which a text must contain for the pattern to be tried at all -- empty: always tried)

_PASSWORD_WORDS = r"password|passwd|pwd|passphrase"
_KEY_WORDS = (
    _PASSWORD_WORDS
    + r"|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key(?:[_-]?id)?|client[_-]?secret|credentials?"
    + r"|session(?:[_-]?id)?|sessid|signature|sig"
)
# A JSON object key (or a dict key in a payload) naming a secret: its whole string value goes.
SECRET_KEY = re.compile(r"(?i)^(?:[A-Za-z0-9]+[_.-])*(?:" + _KEY_WORDS + r"|authorization|cookie)$")

_RULES: list[Rule] = [
    # PEM private keys; an unterminated block (a truncated sample) is redacted to the end.
    (
        "private_key",
        re.compile(
            r"-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----(?:.*?-----END [A-Z0-9 ]*PRIVATE KEY-----|.*\Z)",
            re.DOTALL,
        ),
        0,
        ("private key-----",),
    ),
    # scheme://user:password@host -> keep scheme, user and host.
    ("password", re.compile(r"(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{0,30}://[^\s:/@]*:([^\s/@]+)@"), 1, ("://",)),
    ("jwt", re.compile(r"\beyJ[A-Za-z0-9_-]{6,}\.[A-Za-z0-9_-]{6,}\.[A-Za-z0-9_-]*"), 0, ("eyj",)),
    ("token", re.compile(r"(?i)\bbearer\s+([A-Za-z0-9._~+/=-]{8,})"), 1, ("bearer",)),
    ("token", re.compile(r"(?i)\bbasic\s+([A-Za-z0-9+/]{12,}={0,2})"), 1, ("basic",)),
    # Cookie / Set-Cookie headers: every value goes, the header name stays.
    ("cookie", re.compile(r"(?i)\b(?:set-)?cookie\b[\"']?\s*[:=]\s*[\"']?([^\r\n\"']+)"), 1, ("cookie",)),
    # Keys with a vendor prefix: Anthropic, OpenAI, Stripe, Google, GitHub, GitLab, Slack, AWS,
    # SendGrid, npm, PyPI, Hugging Face, Shopify, Twilio, Mailgun; Slack/Discord webhook URLs.
    ("api_key", re.compile(r"\bsk-ant-[A-Za-z0-9_-]{16,}"), 0, ("sk-ant-",)),
    ("api_key", re.compile(r"\bsk-[A-Za-z0-9_-]{16,}"), 0, ("sk-",)),
    ("api_key", re.compile(r"\b(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{10,}"), 0, ("_live_", "_test_")),
    ("api_key", re.compile(r"\bwhsec_[A-Za-z0-9]{20,}"), 0, ("whsec_",)),
    ("api_key", re.compile(r"\bAIza[0-9A-Za-z_-]{30,}"), 0, ("aiza",)),
    ("token", re.compile(r"\bya29\.[0-9A-Za-z_-]{20,}"), 0, ("ya29.",)),
    ("api_key", re.compile(r"\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{22,})"), 0, ("gh", "github_pat_")),
    ("api_key", re.compile(r"\bglpat-[A-Za-z0-9_-]{20,}"), 0, ("glpat-",)),
    ("api_key", re.compile(r"\bxox[abposre]-[A-Za-z0-9-]{10,}"), 0, ("xox",)),
    ("api_key", re.compile(r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b"), 0, ("akia", "asia")),
    ("api_key", re.compile(r"\bSG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}"), 0, ("sg.",)),
    ("api_key", re.compile(r"\b(?:npm_[A-Za-z0-9]{36}|pypi-[A-Za-z0-9_-]{50,}|hf_[A-Za-z0-9]{30,})"), 0, ("npm_", "pypi-", "hf_")),
    ("api_key", re.compile(r"\bshp(?:at|ss|ca|pa)_[a-fA-F0-9]{32}\b"), 0, ("shp",)),
    ("api_key", re.compile(r"\b(?:AC|SK)[0-9a-f]{32}\b"), 0, ("ac", "sk")),
    ("api_key", re.compile(r"\bkey-[0-9a-zA-Z]{32}\b"), 0, ("key-",)),
    ("webhook", re.compile(r"https://(?:hooks\.slack\.com/services|discord(?:app)?\.com/api/webhooks)/([\w/-]+)"), 1, ("hooks.slack.com", "discord")),
    # key=value, key: value, "key": "value" -- keep the key, redact the value.
    (
        "secret",
        re.compile(
            # the key word starts a word or ends a compound (`db_password`, `x-api-key`); no prefix
            # is matched, so a long `a_a_a_…` run costs one pass, not one per segment
            r"(?i)(?<![A-Za-z0-9])(?P<key>" + _KEY_WORDS + r")"
            r"(?P<sep>[\"']?\s*[=:]\s*[\"']?)"
            r"(?P<value>(?!\[[A-Z_]+_\d+\])(?:(?<=\")[^\"\n]+|(?<=')[^'\n]+|[^\s\"'&,;})\]]+))"
        ),
        3,
        ("passw", "pwd", "passphrase", "secret", "token", "key", "credential", "session", "sessid", "sig"),
    ),
    # An AWS secret access key (or any 40-character mixed-case base64 word) on its own.
    ("secret_key", re.compile(r"(?<![A-Za-z0-9/+=])(?=[A-Za-z0-9/+]*[a-z])(?=[A-Za-z0-9/+]*[A-Z])(?=[A-Za-z0-9/+]*\d)[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])"), 0, ()),
    ("email", re.compile(r"(?<!://)(?<![\w.%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b"), 0, ("@",)),
    # not inside a longer word: a hex id (a Cloud Run instance, a trace) often holds a Luhn-valid run of digits
    ("card", re.compile(r"(?<![0-9A-Za-z-])[2-6](?:[ -]?\d){12,18}(?![0-9A-Za-z-])"), 0, ()),
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


_CODE_VALUE = re.compile(
    r"[$%{<]|[A-Za-z_][\w]*(?:\.[A-Za-z_]\w*)+$|(?:none|null|nil|undefined|true|false|str|bytes|int|string|optional|secretstr)$|.*[(\[]",
    re.IGNORECASE,
)


def _is_secret_value(m: re.Match[str]) -> bool:
    """`key=v` and JSON `"key": "v"` always; a bare `token: word` only when the word looks random.

    Keeps prose such as "invalid token: expired" readable while `password: hunter2` still goes.
    An unquoted value that is code -- a call, an index, a dotted name, `None`, a type, a `${VAR}`
    reference -- is not a secret: `DB_PASSWORD = secrets.get("db-password")` stays as written.
    """
    sep, value = m.group("sep"), m.group("value")
    quoted = '"' in sep or "'" in sep
    if m.group("key") == "PWD" and value.startswith("/"):
        return False  # the shell's working directory (sudo logs `PWD=/home/x ;`), not a password
    if not quoted and _CODE_VALUE.match(value):
        return False
    if "=" in sep or quoted or _PASSWORD_KEY.search(m.group("key")):
        return True
    return len(value) >= 20 or (len(value) >= 8 and any(c.isdigit() for c in value))


_CHECKS: dict[str, Callable[[re.Match[str]], bool]] = {"card": _is_card, "secret": _is_secret_value}


def _compile_extra(extra: Iterable[str | re.Pattern[str] | tuple[str, str | re.Pattern[str]]]) -> list[Rule]:
    rules: list[Rule] = []
    for item in extra:
        kind, pattern = item if isinstance(item, tuple) else ("custom", item)
        compiled = pattern if isinstance(pattern, re.Pattern) else re.compile(pattern)
        rules.append((kind, compiled, 1 if compiled.groups else 0, ()))
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
        self._subs = [(pattern, self._replace(kind, group), trigger) for kind, pattern, group, trigger in rules]
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
        low = text.lower()
        for pattern, replace, trigger in self._subs:
            if trigger and not any(t in low for t in trigger):
                continue
            text = pattern.sub(replace, text)
        return text

    # ------------------------------------------------------------------ the output boundary

    def tree(self, value: T, by_key: bool = False) -> T:
        """`value` with every string in it redacted: a Pydantic model (a Report, a MiningResult),
        or JSON-like dicts and lists (dict keys too). Every command passes its output through this
        before rendering it, so no format can skip redaction.

        A cluster's parameter values are redacted in their template's context (`password=<*>`
        makes `CanaryPassw0rd` a password). `by_key` (raw log entries): the whole string value of
        a key naming a secret (`"password": "..."`, `"private_key_id": "..."`) goes too.
        """
        if not self.enabled:
            return value
        if hasattr(value, "model_dump") and hasattr(type(value), "model_validate"):
            return type(value).model_validate(self._walk(value.model_dump(), by_key))  # type: ignore[attr-defined]
        return self._walk(value, by_key)

    def _walk(self, value: Any, by_key: bool) -> Any:
        if isinstance(value, str):
            return self(value)
        if isinstance(value, dict):
            out = {}
            for k, v in value.items():
                if by_key and isinstance(k, str) and isinstance(v, str) and v and SECRET_KEY.match(k) and not _PLACEHOLDER.fullmatch(v):
                    out[self(k)] = self._placeholder("password" if _PASSWORD_KEY.search(k) else "secret", v)
                elif k == "params" and isinstance(v, dict) and isinstance(value.get("template"), str):
                    out[k] = {name: [self._param(value["template"], name, p) for p in values] for name, values in v.items()}
                else:
                    out[self(k) if isinstance(k, str) else k] = self._walk(v, by_key)
            return out
        if isinstance(value, (list, tuple)):
            return type(value)(self._walk(v, by_key) for v in value)
        return value

    def _param(self, template: str, name: str, param: Any) -> Any:
        if isinstance(param, dict) and isinstance(param.get("value"), str):
            return {**param, "value": self.in_template(template, name, param["value"])}
        return self._walk(param, False)

    def in_template(self, template: str, name: str, value: str) -> str:
        """A template parameter's value, redacted in its context.

        Alone, `CanaryPassw0rd` looks harmless; in `password=<*>` it is a password. The value is put
        back into the template (at the placeholder `name` = "<STR>#2" names), the line is redacted,
        and the redacted value cut out again; when that is not possible the value is withheld.
        """
        if not self.enabled:
            return value
        token, _, index = name.rpartition("#")
        slots = list(_SLOT.finditer(template))
        slot = slots[int(index) - 1] if index.isdigit() and 0 < int(index) <= len(slots) else None
        if slot is None or slot.group(0) != token:
            slot = next((m for m in slots if m.group(0) == token), None)
        prefix = template[: slot.start()][-80:] if slot else ""
        suffix = template[slot.end() :][:40] if slot else ""
        whole = prefix + value + suffix
        redacted = self(whole)
        if redacted == whole:
            return value
        if redacted.startswith(prefix) and redacted.endswith(suffix) and len(redacted) >= len(prefix) + len(suffix):
            return redacted[len(prefix) : len(redacted) - len(suffix)]
        return "[REDACTED]"
