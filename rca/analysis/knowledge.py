"""The knowledge base of failure signatures (rca/data/signatures.toml), loaded as data.

Matching looks at what a human would read first: the template and the first sample with
stack-frame lines removed, so a path like `.../database/connection.py` in a frame does not make
an unrelated exception look like a database failure.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from rca.models import ClusterStats

_FRAME_LINE = re.compile(r"^\s+\S.*$|^\s*\^+\s*$", re.MULTILINE)

# A line that is only part of a stack trace (a frame, the "Traceback" head, a "... N more" tail):
# it never names a failure on its own. Searched at the end of the text, so a frame line that still
# carries a logger prefix (oslo.log, log4j) is recognised too. Python, Java, Go and Node.
_FRAGMENT = re.compile(
    r"(?:^|\s)(?:File \"[^\n]*\", line \S+(?:, in \S+)?"  # Python frame
    r"|Traceback \(most recent call last\):?"  # Python head
    r"|at [\w$.<>*]+\([^()\n]*\)"  # Java frame
    r"|at (?:async )?[\w$.<>*\[\] ]+ \([^()\n]*:\d+(?::\d+)?\)|at \S+:\d+:\d+"  # Node frame
    r"|\.\.\. <?\S+>? more|Caused by: <\*>"  # Java tails
    r"|goroutine \S+ \[[\w ,]+\]:|\S+\.go:\S+(?: \+0x[0-9a-f]+| \+<HEX>| \+<\*>)?"  # Go
    r"|\^+|[{}])\s*$"
    r"|^\s*at <\*>\s*$"
)


def is_fragment(template: str) -> bool:
    """True for a template that is a stack-trace fragment, not a headline (see _FRAGMENT)."""
    first = template.strip().splitlines()[0] if template.strip() else ""
    return bool(_FRAGMENT.search(first))


@dataclass(frozen=True)
class Signature:
    id: str
    role: str  # cause | symptom | change
    category: str
    weight: float
    title: str
    patterns: tuple[re.Pattern[str], ...]
    statement: str = ""
    mechanism: str = ""
    process: str = ""
    actions: tuple[dict, ...] = ()
    restart: bool = False
    impact: str = ""  # what a match measures (see signatures.toml), "restarts" when restart is set


@dataclass(frozen=True)
class SignatureMatch:
    signature: Signature
    groups: dict[str, str] = field(default_factory=dict)


@lru_cache(maxsize=1)
def load_signatures() -> tuple[Signature, ...]:
    text = resources.files("rca.data").joinpath("signatures.toml").read_text(encoding="utf-8")
    out = []
    for raw in tomllib.loads(text)["signature"]:
        out.append(
            Signature(
                id=raw["id"],
                role=raw["role"],
                category=raw["category"],
                weight=float(raw.get("weight", 1.0)),
                title=raw["title"],
                patterns=tuple(re.compile(p, re.IGNORECASE) for p in raw["patterns"]),
                statement=raw.get("statement", ""),
                mechanism=raw.get("mechanism", ""),
                process=raw.get("process", ""),
                actions=tuple(raw.get("actions", ())),
                restart=bool(raw.get("restart", False)),
                impact=raw.get("impact", "restarts" if raw.get("restart") else ""),
            )
        )
    return tuple(out)


def readable_text(cluster: ClusterStats) -> str:
    """Template + first sample without stack frames: what the signature patterns look at."""
    parts = [cluster.template]
    if cluster.samples:
        parts.append(cluster.samples[0][:4000])
    return _FRAME_LINE.sub("", "\n".join(parts))


def match_signatures(cluster: ClusterStats, roles: tuple[str, ...] | None = None) -> list[SignatureMatch]:
    """Every signature the cluster matches (only those of `roles` when given), strongest first."""
    text = readable_text(cluster)
    matches = []
    for sig in load_signatures():
        if roles is not None and sig.role not in roles:
            continue
        for pattern in sig.patterns:
            m = pattern.search(text)
            if m:
                groups = {k: v for k, v in m.groupdict().items() if v}
                matches.append(SignatureMatch(sig, groups))
                break
    role_order = {"symptom": 0, "cause": 1, "change": 2}
    matches.sort(key=lambda m: (role_order.get(m.signature.role, 3), -m.signature.weight))
    return matches


def impact_kind(cluster: ClusterStats) -> str | None:
    """What harm the cluster measures (restarts, failed-requests, failed-operations, timeouts,
    dead-letters, degraded), from the first impact-bearing signature it matches; None for DEBUG."""
    if cluster.severity == "DEBUG" or cluster.http_statuses:
        return None
    text = readable_text(cluster)
    for sig in load_signatures():
        if sig.impact and any(p.search(text) for p in sig.patterns):
            return sig.impact
    return None


def signature_by_id(sig_id: str | None) -> Signature | None:
    return next((s for s in load_signatures() if s.id == sig_id), None)
