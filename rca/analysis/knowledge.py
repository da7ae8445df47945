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


_RULE_CHARS = frozenset("-=+|*_~. ")
_TABLE_CELL = re.compile(r"\s\|(?:\s|$)")


def is_table_row(template: str) -> bool:
    """True for a row or a rule of a printed table (a load tester's or a CLI's periodic report:
    cells between ' | ' separators, or a line of dashes): output, not an event, whatever the
    stream's severity. A row that names an exception is still an event."""
    first = template.strip().splitlines()[0] if template.strip() else ""
    if len(first) >= 8 and set(first) <= _RULE_CHARS:
        return True
    return len(_TABLE_CELL.findall(first + " ")) >= 1 and (first.count("|") >= 2 or first.rstrip().endswith("|")) \
        and not _EVENT_WORDS.search(first)


def says_event(line: str) -> bool:
    """Does the line say its level or name an exception (an event, however it is laid out)?"""
    return bool(_EVENT_WORDS.search(line))


# a line that says its level or names an exception is an event, whatever separates its fields
_EVENT_WORDS = re.compile(r"(?:Error|Exception|Traceback|panic)\b|\b(?:ERROR|ERR|WARN|WARNING|CRITICAL|FATAL|SEVERE|INFO|"
                          r"DEBUG|NOTICE|TRACE)\b")


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
    any_level: bool = False  # also matched below WARNING (a first signal of a cascade is often INFO)
    action: bool = False  # an action's words: a change only of an act (rca.analysis.changes.is_act)
    combined: re.Pattern[str] | None = None  # all patterns in one pass (None when they name groups)


@dataclass(frozen=True)
class SignatureMatch:
    signature: Signature
    groups: dict[str, str] = field(default_factory=dict)


@lru_cache(maxsize=1)
def _knowledge() -> dict:
    return tomllib.loads(resources.files("rca.data").joinpath("signatures.toml").read_text(encoding="utf-8"))


# '{name}' in a pattern: the [words] vocabulary of that name (a quantifier's braces hold digits)
_WORDS_REF = re.compile(r"\{([a-z_]+)\}")


def _expand(pattern: str) -> str:
    """The pattern with each '{name}' replaced by the [words] vocabulary of that name, as a group."""
    return _WORDS_REF.sub(lambda m: f"(?:{_knowledge()['words'][m.group(1)]})", pattern)


@lru_cache(maxsize=None)
def words(name: str) -> re.Pattern[str]:
    """A vocabulary of signatures.toml's [words] table (patterns share it as '{name}'), case-blind."""
    return re.compile(_knowledge()["words"][name], re.IGNORECASE)


@lru_cache(maxsize=1)
def load_signatures() -> tuple[Signature, ...]:
    out = []
    for raw in _knowledge()["signature"]:
        patterns = [_expand(p) for p in raw["patterns"]]
        out.append(
            Signature(
                id=raw["id"],
                role=raw["role"],
                category=raw["category"],
                weight=float(raw.get("weight", 1.0)),
                title=raw["title"],
                patterns=tuple(re.compile(p, re.IGNORECASE) for p in patterns),
                statement=raw.get("statement", ""),
                mechanism=raw.get("mechanism", ""),
                process=raw.get("process", ""),
                actions=tuple(raw.get("actions", ())),
                restart=bool(raw.get("restart", False)),
                impact=raw.get("impact", "restarts" if raw.get("restart") else ""),
                any_level=bool(raw.get("any_level", False)),
                action=bool(raw.get("action", False)),
                combined=None if any("(?P<" in p for p in patterns)
                else re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE),
            )
        )
    return tuple(out)


@dataclass(frozen=True)
class Kind:
    """A failure category and the words that name it: the [[kind]] table's own and every pattern
    of the cause signatures of that category (one vocabulary, kept in signatures.toml)."""

    category: str
    words: re.Pattern[str]


_NAMED_GROUP = re.compile(r"[(][?]P<[^>]+>")


def _any_of(patterns: list[str]) -> re.Pattern[str]:
    """Patterns joined into one case-blind regex (their named groups made plain: names may repeat)."""
    return re.compile("|".join(f"(?:{_NAMED_GROUP.sub('(?:', p)})" for p in patterns), re.IGNORECASE)


@lru_cache(maxsize=1)
def load_kinds() -> tuple[Kind, ...]:
    """The [[kind]] tables in their order (the more specific first)."""
    out = []
    for raw in _knowledge().get("kind", ()):
        patterns = [*map(_expand, raw["patterns"]), *(p.pattern for s in load_signatures() if s.role == "cause"
                                                      and s.category == raw["category"] for p in s.patterns)]
        out.append(Kind(raw["category"], _any_of(patterns)))
    return tuple(out)


def readable_text(cluster: ClusterStats) -> str:
    """Template + first sample without stack frames: what the signature patterns look at."""
    parts = [cluster.template]
    if cluster.samples:
        parts.append(cluster.samples[0][:4000])
    return _FRAME_LINE.sub("", "\n".join(parts))


# a guess, not a finding: the clause asks or hedges ("Worker was sent SIGKILL! Perhaps out of memory?")
_HEDGE = re.compile(r"\b(?:perhaps|maybe|possibly|probably|might|may be|could be|likely)\b", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[.!;\n]|(?<=[A-Za-z)])\?(?=\s|$)")  # a question mark after a word, not a SQL placeholder


def _asserted(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """The first match of the pattern that the line asserts: not in a clause that ends in a
    question mark or hedges before it (a program guessing at why something happened names a
    failure it has not seen)."""
    for m in pattern.finditer(text):
        start = max((b.end() for b in _CLAUSE_END.finditer(text, 0, m.start())), default=0)
        end = _CLAUSE_END.search(text, m.end())
        if (end is None or end.group() != "?") and not _HEDGE.search(text, start, m.start()):
            return m
    return None


def match_signatures(
    cluster: ClusterStats, roles: tuple[str, ...] | None = None, any_level_only: bool = False
) -> list[SignatureMatch]:
    """Every signature the cluster matches (only those of `roles` when given, and only `any_level`
    ones when `any_level_only`), strongest first."""
    text = readable_text(cluster)
    matches = []
    for sig in load_signatures():
        if roles is not None and sig.role not in roles or any_level_only and not sig.any_level:
            continue
        if sig.combined is not None:  # one pass over the text instead of one per pattern
            if _asserted(sig.combined, text):
                matches.append(SignatureMatch(sig))
            continue
        for pattern in sig.patterns:
            m = _asserted(pattern, text)
            if m:
                groups = {k: v for k, v in m.groupdict().items() if v}
                matches.append(SignatureMatch(sig, groups))
                break
    role_order = {"symptom": 0, "cause": 1, "change": 2}
    matches.sort(key=lambda m: (role_order.get(m.signature.role, 3), -m.signature.weight))
    return matches


# A line that announces a retry ("retrying chunk 3", "will be retried", "retry 2/5", "attempt 2 of 5",
# "backing off"): the call failed once and is tried again, which is no failed operation or timeout
# the user sees (one that gave up says so: "dropped after retries", "giving up").
_RETRYING = re.compile(r"\bretrying\b|\bwill be retried\b|\bretry (?:#?\d+|<NUM>)(?:/| of )|\battempt (?:#?\d+|<NUM>) (?:of|/) "
                       r"|\bbacking off\b", re.IGNORECASE)
_GAVE_UP = re.compile(r"giving up|gave up|exhausted|dropp(?:ed|ing)|dead[- ]?letter|max(?:imum)? retries", re.IGNORECASE)
_RETRIED_KINDS = frozenset({"failed-operations", "timeouts"})


def failed_call_logged(cluster: ClusterStats) -> bool:
    """Calls answered with a 4xx that their caller logged as errors (a scheduler's or a queue's
    execution log: "job attempt failed, 404"): a run that failed end to end, not a user's typo."""
    statuses = cluster.http_statuses
    return (bool(statuses) and all(400 <= s < 500 for s in statuses) and cluster.errors * 2 >= cluster.count)


# the exit code a line reports: "exit(0)", "exited with code 1", "exit code: 137", "exitCode=0"
_EXIT_CODE = re.compile(r"\bexit\((\d+)\)|\bexit(?:ed)?(?: with)? (?:status|code)[: ]+(\d+)\b|\bexit ?code[\"']?[:= ]+(\d+)\b",
                        re.IGNORECASE)


# a stop the platform asked for: terminated on SIGTERM (a scale-down, a drain, a new revision
# replacing the old); SIGKILL (an OOM kill, a hung process) is no request to stop
_ASKED_TO_STOP = re.compile(r"\bterminated (?:on|by) signal (?:15|SIGTERM)\b|\bterminated (?:on|by) SIGTERM\b", re.IGNORECASE)
_CLEAN_CODES = frozenset({0, 143})  # done, or stopped on the SIGTERM it was sent (128 + 15)
# a start still under way: a startup probe that failed once while the instance "has not yet started"
# listening; a start that failed says the instance "was not started" or "failed to start"
_STILL_STARTING = re.compile(r"\bnot yet started\b", re.IGNORECASE)


def clean_exit(cluster: ClusterStats) -> bool:
    """Every sample of an exit line reports code 0 (a process that finished its work: a job's task,
    a one-shot container), a stop the platform asked for (SIGTERM, or exit code 143 after it: a
    drain, a scale-down, a rollout replacing it) or a start still under way: no crash. Its template masks the code, so the samples tell."""
    if cluster.samples and all(_ASKED_TO_STOP.search(s) or _STILL_STARTING.search(s) for s in cluster.samples):
        return True
    codes = [next(g for g in m.groups() if g is not None) for s in cluster.samples if (m := _EXIT_CODE.search(s))]
    return bool(codes) and len(codes) == len(cluster.samples) and all(int(c) in _CLEAN_CODES for c in codes)


# the platform checking an instance (a readiness, liveness or startup probe): a failed check takes
# the instance out of rotation or restarts it, it is no user's failed call or timeout
_PROBE = re.compile(r"\b(?:readiness|liveness|startup)\b[^\n]{0,12}\bprobe\b|\bprobeType=\W?(?:Readiness|Liveness|Startup)\b",
                    re.IGNORECASE)


def impact_kind(cluster: ClusterStats) -> str | None:
    """What harm the cluster measures (restarts, failed-requests, failed-operations, timeouts,
    dead-letters, degraded), from the first impact-bearing signature it matches; None for DEBUG.
    A failed call or timeout that the line says is being retried is no harm yet, nor is a probe
    that failed (the platform checking an instance: _PROBE)."""
    if cluster.http_statuses:
        return "failed-operations" if failed_call_logged(cluster) else None
    if cluster.severity == "DEBUG":
        return None
    text = readable_text(cluster)
    if not _impact_any().search(text):
        return None
    retried = _RETRYING.search(text) is not None and _GAVE_UP.search(text) is None
    probe = _PROBE.search(text) is not None
    for sig in load_signatures():
        if sig.impact and (sig.combined.search(text) if sig.combined else any(p.search(text) for p in sig.patterns)):
            if (retried or probe) and sig.impact in _RETRIED_KINDS or sig.impact == "restarts" and clean_exit(cluster):
                continue
            return sig.impact
    return None


@lru_cache(maxsize=1)
def _impact_any() -> re.Pattern[str]:
    """Every impact-bearing pattern in one regex: most clusters are ruled out in one pass."""
    patterns = [p.pattern for s in load_signatures() if s.impact for p in s.patterns]
    return _any_of(patterns)


def signature_by_id(sig_id: str | None) -> Signature | None:
    return next((s for s in load_signatures() if s.id == sig_id), None)
