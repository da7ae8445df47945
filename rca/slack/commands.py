"""Parsing the /rca slash command text.

    /rca help
    /rca <service> [last 30m|1h|6h|1d] [severity>=LEVEL]

Words may come in any order after the service; `last` is optional (`/rca checkout 30m`), and
`sev>=error`, `severity=ERROR` and `severity>ERROR` (means >=) are accepted. The window is capped
at MAX_WINDOW so one command cannot read a month of logs.
"""

from __future__ import annotations

import re
from datetime import timedelta

from pydantic import BaseModel

from rca.errors import UsageError
from rca.models import SEVERITIES

DEFAULT_SINCE = "1h"
MAX_WINDOW = timedelta(days=1)
_SERVICE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
_SINCE = re.compile(r"^(\d+)([mhd])$", re.IGNORECASE)
_SEVERITY = re.compile(r"^(?:severity|sev|level)\s*(>=|=>|>|=|:)\s*([A-Za-z]+)$", re.IGNORECASE)

HELP_TEXT = (
    "*/rca* writes a root-cause report from the last hour of a service's Cloud Logging entries.\n"
    "• `/rca checkout` — service `checkout`, last 1h\n"
    "• `/rca checkout last 30m` — window: `30m`, `1h`, `6h` or up to `1d`\n"
    "• `/rca checkout last 6h severity>=ERROR` — only ERROR and worse\n"
    "• `/rca help` — this message\n"
    "The service is a Cloud Run service, GKE container or Cloud Function name. "
    "The summary is posted here; with a bot token the full Markdown report is attached."
)


class RcaCommand(BaseModel):
    service: str
    since: str = DEFAULT_SINCE
    severity: str | None = None

    def describe(self) -> str:
        sev = f", severity ≥ {self.severity}" if self.severity else ""
        return f"{self.service} … last {self.since}{sev}"


class HelpCommand(BaseModel):
    pass


def decode_entities(text: str) -> str:
    """Slack sends `&`, `<`, `>` in slash-command text as `&amp;`, `&lt;`, `&gt;` (its message
    formatting escapes): `severity>=ERROR` arrives as `severity&gt;=ERROR`. Decoded before
    parsing; `&amp;` last, so `&amp;lt;` stays the text `&lt;`."""
    return (text or "").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def parse_command(text: str) -> RcaCommand | HelpCommand:
    """Parse the text after `/rca`; raise UsageError with a message fit to show the user."""
    words = _tokens(decode_entities(text))
    if not words or words[0].lower() in ("help", "-h", "--help", "?"):
        return HelpCommand()
    service, rest = words[0], words[1:]
    if not _SERVICE.match(service):
        raise UsageError(f"`{_safe(service)}` is not a service name (letters, digits, `-`, `_`, `.`). Try `/rca help`.")
    since, severity = DEFAULT_SINCE, None
    i = 0
    while i < len(rest):
        word = rest[i]
        low = word.lower()
        if low in ("last", "since", "for") and i + 1 < len(rest):
            since = _since(rest[i + 1])
            i += 2
            continue
        if _SINCE.match(low):
            since = _since(low)
        elif match := _SEVERITY.match(word):
            severity = _severity(match.group(2))
        elif low.upper() in SEVERITIES:
            severity = low.upper()
        else:
            raise UsageError(f"I don't understand `{_safe(word)}`. Usage: `/rca <service> [last 30m|1h|6h] [severity>=LEVEL]`.")
        i += 1
    return RcaCommand(service=service, since=since, severity=severity)


def _tokens(text: str) -> list[str]:
    """Split on spaces, keeping `severity >= ERROR` together."""
    text = re.sub(r"\s*(>=|=>|>|=|:)\s*", r"\1", (text or "").strip())
    return text.split()


def _since(word: str) -> str:
    match = _SINCE.match(word.strip())
    if not match or int(match.group(1)) == 0:
        raise UsageError(f"`{_safe(word)}` is not a window: use 30m, 1h, 6h or 1d.")
    n, unit = int(match.group(1)), match.group(2).lower()
    length = timedelta(minutes=n) if unit == "m" else timedelta(hours=n) if unit == "h" else timedelta(days=n)
    if length > MAX_WINDOW:
        raise UsageError("the window is at most 1d for /rca; use `rca generate --project … --since` for longer ones.")
    return f"{n}{unit}"


def _severity(word: str) -> str:
    upper = word.upper()
    if upper not in SEVERITIES:
        raise UsageError(f"`{_safe(word)}` is not a severity: use one of {', '.join(SEVERITIES)}.")
    return upper


def _safe(text: str) -> str:
    """User text echoed back inside a code span: escaped, no backticks, short."""
    text = text.replace("`", "'")[:60]
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
