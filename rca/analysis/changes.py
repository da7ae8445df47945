"""Change events against the onset: which deploy, if any, is shown to precede the incident, and
which action lines are acts (an operator's command, a job run) rather than routines.

Advice to roll back rests on this alone (issue 15): a revision first seen shortly before the onset,
or a deploy audit entry, never a revision that was already logging when the window opened.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from datetime import datetime

from rca.analysis.knowledge import match_signatures, words
from rca.models import Analysis, ClusterStats, MiningResult
from rca.sources.lineformat import message_of

EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # an address: who made a change (a user, a service account)
_PRINCIPAL = re.compile(rf"(?:\bby|principal(?:Email)?[\"']?\s*[:=])\s*[\"']?({EMAIL})")
NEW_REVISION_GAP_S = 120  # a revision first seen sooner after the window opens may simply predate it
DEPLOY_LEAD_S = 1800  # how long before the onset a deploy still counts as "shortly before"


@dataclass(frozen=True)
class Deploy:
    """A deploy the logs show before the onset: a revision first seen then, or a deploy audit entry."""

    revision: str
    at: datetime
    who: str = ""
    cluster_id: str = ""


def took_effect(change: ClusterStats) -> datetime | None:
    """When a change took effect: a long-running operation (a Memorystore or Cloud SQL update, a
    node pool upgrade) when its completion was logged, minutes after the request; anything else
    when it was logged. Only a change logged once (one request, one completion) has one such time."""
    done = change.completed
    if done is not None and change.first_seen is not None and done > change.first_seen and change.count <= 2:
        return done
    return change.first_seen


def deploy_before_onset(mining: MiningResult, analysis: Analysis) -> Deploy | None:
    """The latest deploy shown to precede the onset (at most DEPLOY_LEAD_S before it, or within the
    onset minute), or None. A revision counts only when first seen NEW_REVISION_GAP_S or more after
    the window opened and the window does not open mid-incident, and only in a service that logged
    errors or failed requests; so does a deploy audit entry."""
    if analysis.onset is None or mining.window_start is None or analysis.mid_incident:
        return None
    onset = analysis.onset.timestamp()
    opened = mining.window_start.timestamp()
    found: list[Deploy] = []
    harmed = _harmed_services(analysis)
    for rev, first in mining.revisions_first_seen.items():
        t = first.timestamp()
        if t - opened >= NEW_REVISION_GAP_S and -60 <= onset - t <= DEPLOY_LEAD_S and _may_have_harmed(mining, rev, harmed):
            found.append(Deploy(rev, first))
    for cand in analysis.candidates:
        c = mining.cluster(cand.cluster_id)
        if cand.role != "change" or cand.signature != "deploy" or c is None or c.first_seen is None or not is_deploy(c):
            continue  # (a new instance's first line is where a deploy took effect, not its record)
        t = c.first_seen.timestamp()
        if t - opened >= NEW_REVISION_GAP_S and -60 <= onset - t <= DEPLOY_LEAD_S:
            text = "\n".join(c.samples[:3])
            who = m.group(1) if (m := _PRINCIPAL.search(text)) else ""
            found.append(Deploy(c.revisions[-1] if c.revisions else "", c.first_seen, who, c.id))
    if not found:
        return None
    found.sort(key=lambda d: d.at, reverse=True)  # the latest deploy first
    # a revision and its audit entry are one deploy: keep the revision name and the principal
    return Deploy(
        next((d.revision for d in found if d.revision), ""),
        found[0].at,
        next((d.who for d in found if d.who), ""),
        next((d.cluster_id for d in found if d.cluster_id), ""),
    )


def _harmed_services(analysis: Analysis) -> set[str]:
    """Services that logged errors or failed requests: where a deploy could be the incident's."""
    return set(analysis.impact.services) | set(analysis.impact.failing_services)


def _may_have_harmed(mining: MiningResult, revision: str, harmed: set[str]) -> bool:
    """A new revision of a service that neither logged an error nor failed a request in the window
    is not the incident's deploy when others did: rolling it back is no advice (a revision whose
    service the logs do not tell is kept, and so is any when the harm names no service)."""
    if not harmed:  # harm without a failing service (latency alone): a deploy anywhere may be it
        return True
    services = {s for c in mining.clusters if revision in c.revisions for s in c.services}
    return not services or bool(services & harmed)


# a command line as a host or a script logs it: sudo's 'COMMAND=/path/tool args', a shell trace's
# '+ tool args', an admin tool's echo of its 'Arguments: --flag value'
COMMAND_LINE = re.compile(r"\bCOMMAND=(\S.*)$|(?:^|[\]\w]:\s+)\+{1,3} ([a-z/].*)$|\b(?:arguments|argv)\s*[:=]\s*(\S.*)$",
                          re.IGNORECASE | re.MULTILINE)


# ... or as a field of a key=value record: cmd="tool args", command='tool args', or the command as
# JSON (cmd=[{"op": "quota set", "limit": "0"}], whose values are its words)
COMMAND_FIELD = re.compile(r"""(?<![\w.-])(?:cmd|command)=(?:"([^"\n]+)"|'([^'\n]+)'|(\[\{[^\n]*?\}\]|\{[^\n]*?\}))""",
                           re.IGNORECASE)
_JSON_VALUE = re.compile(r':\s*"([^"]*)"')


def command_line(text: str) -> str:
    """The command (program and arguments) an action line logs, or '' when it logs none."""
    if m := COMMAND_LINE.search(text):
        return next((g.strip() for g in m.groups() if g), "")
    if m := COMMAND_FIELD.search(text):
        value = next(g for g in m.groups() if g).strip()
        return " ".join(_JSON_VALUE.findall(value)) if value[:1] in "[{" else value
    return ""


# a setting's old and new values, as a config reloader or watcher states them ('cache_mode = write-back ->
# write-through', 'max_conns: 100 -> 20', 'timeout changed from 30s to 5s')
_VALUE = r"['\"]?([^\s'\",;]+)['\"]?"
_SETTING_DIFF = re.compile(rf"(?<![\w.-])([a-z_][\w.-]*)\s*(?:[:=]\s*{_VALUE}\s+(?:->|=>|→)|\s(?:was\s+)?changed from\s+{_VALUE}\s+to)\s+{_VALUE}",
                           re.IGNORECASE)


def setting_diffs(text: str) -> list[tuple[str, str, str]]:
    """(setting, old value, new value) of each change a line states as a diff; [] when it states none.
    A line that says what a setting went from and to tells more than one that says an object changed."""
    return [(m.group(1), m.group(2) or m.group(3), m.group(4)) for m in _SETTING_DIFF.finditer(text)]


ACTION_MINUTES = 6  # one act (or one operator's few) is logged in a handful of minutes; a stream in more is work, not an act


def one_off(c: ClusterStats, window_start: float, window_end: float) -> bool:
    """Is this cluster an act done inside the window (an operator's command, a job run), not a
    routine? Words cannot tell a one-off sweep from the same sweep every five minutes; the timeline
    can. It starts a minute or more after the window opened (else it may have run before), it is
    logged in at most ACTION_MINUTES minutes, and it is not a series that runs the window long: one
    whose silences before its first entry and after its last are no longer than its own spacing
    (a health check, a cron job every few minutes) recurs; it was not done once."""
    minutes = sorted(c.timeline)
    if c.first_seen is None or not minutes or c.first_seen.timestamp() - window_start < 60 or len(minutes) > ACTION_MINUTES:
        return False
    if len(minutes) == 1:
        return True
    spacing = (minutes[-1] - minutes[0]) / (len(minutes) - 1)
    before, after = minutes[0] - window_start // 60, window_end // 60 - minutes[-1]
    return before > 1.5 * spacing + 1 or after > 1.5 * spacing + 1


# programs that only run others ('sudo -u www-data wp …'): the command is the one they run
_RUNNERS = frozenset({"sudo", "env", "nice", "nohup", "timeout", "exec", "time", "runuser"})
_WITH_VALUE = frozenset({"-u", "-g", "-n", "-c", "--user", "--group"})  # a runner's options that take a value


def command_argv(text: str) -> list[str]:
    """The words of the command an action line logs, from the program a runner (sudo, env) runs
    on; [] when it logs none. An admin tool's echo of its arguments holds no program."""
    m = COMMAND_LINE.search(text)
    if m is None and COMMAND_FIELD.search(text) is None:
        return []
    argv = command_line(text).split()
    while argv and argv[0].rsplit("/", 1)[-1] in _RUNNERS:
        argv = argv[1:]
        while argv and argv[0].startswith("-"):
            argv = argv[2:] if argv[0] in _WITH_VALUE else argv[1:]
    return argv if m is None or m.group(3) is None else ["", *argv]


def reads_only(text: str) -> bool:
    """Does the command an action line logs only read (`ls`, `journalctl`, a tool's `status` or
    `get`)? An operator looking around changes nothing. Judged on the program a runner (sudo, env)
    runs, and on its first argument that is no option (the tool's subcommand)."""
    argv = command_argv(text)
    if not argv:
        return False
    program = argv[0].rsplit("/", 1)[-1]
    sub = next((a for a in argv[1:] if not a.startswith("-")), "")
    return any(_READS.fullmatch(w) is not None for w in (program, sub.rsplit("/", 1)[-1]) if w)


_READS = words("read_only_command")


def is_act(c: ClusterStats, window_start: float, window_end: float) -> bool:
    """Is this cluster an act that changed something: a one-off in the window (`one_off`) whose
    commands, when it logs any, do more than read (`reads_only`; one session's commands may share
    a cluster: any that changes makes it an act)?"""
    return one_off(c, window_start, window_end) and not all(reads_only(s) for s in c.samples or [c.template])


def once_per_instance(c: ClusterStats, window_start: float, window_end: float) -> bool:
    """Is this cluster one act done across a fleet: each of two or more instances logs it at most
    once (a package upgraded on each host, a config file pushed to each runner), starting a minute
    or more after the window opened? Rolled out host by host it may span more minutes than one
    operator's act (`one_off`), but no instance repeats it; nor is it a schedule whose every run
    is a new pod (three runs or more spread evenly through the window)."""
    if c.first_seen is None or c.first_seen.timestamp() - window_start < 60 or c.instances < 2 or c.count > c.instances:
        return False
    return not _evenly_spaced(c, window_start, window_end) and not all(reads_only(s) for s in c.samples or [c.template])


def _evenly_spaced(c: ClusterStats, window_start: float, window_end: float) -> bool:
    """Do three entries or more run the window long at their own spacing (a scheduled job whose
    every run is a new pod), with no silence before the first or after the last longer than it?"""
    minutes = sorted(c.timeline)
    if len(minutes) < 3:
        return False
    spacing = (minutes[-1] - minutes[0]) / (len(minutes) - 1)
    before, after = minutes[0] - window_start // 60, window_end // 60 - minutes[-1]
    return before <= 1.5 * spacing + 1 and after <= 1.5 * spacing + 1


# A line below WARNING that states a change in its own words (issue 12: "what changed just before
# it broke?" includes lines nobody flagged as changes): a setting given a value, a file's diff, a
# package's version moved, a bulk operation started
_SET_TO = re.compile(r"\b[\w.-]+\s+(?:(?:is|was|has been)\s+)?(?:set|changed|raised|lowered|reduced|increased|limited|capped)\s+"
                     r"to\s+['\"`]?[\w.<>-]", re.IGNORECASE)
_KEY_VALUE = re.compile(r"(?<![\w.-])[A-Za-z_][\w.-]*(?:=|\s=\s)(?!=)[^\s,;&=]+")
_UNIFIED_DIFF = re.compile(r"\bdiff\b[^\n]*?(?:^|\s)-\s*\S[^\n]*?\s\+\s*\S", re.IGNORECASE)
_VERSION_MOVE = re.compile(r"\b(?:upgrad\w*|downgrad\w*|install\w*|updat\w*)\b", re.IGNORECASE)
# a release's version: three numbers or more ('2.14.0'), or two with a packager's revision ('14.11-0ubuntu1')
_VERSION = re.compile(r"(?<![\w.])v?\d+(?:\.\d+){2,}(?:[-+~][\w.+~]+)?(?![\w.])|(?<![\w.])v?\d+\.\d+[-+~][\w.+~]+(?![\w.])")
_CONFIG_WORD = re.compile(rf"\b(?:{words('config_word').pattern})\b", re.IGNORECASE)
_STATE_WORD = words("state_word")


@lru_cache(maxsize=1)
def _starts_operation() -> re.Pattern[str]:
    """A line starting a bulk operation: a start verb, then a maintenance job or an operation word
    ('starting backfill'), or a job named after its work, then the start verb ('users-reindex
    starting:', 'nightly import started')."""
    ops = f"{words('maintenance_job').pattern}|{words('bulk_operation').pattern}"
    return re.compile(rf"\b(?:start(?:s|ing|ed)?|launch(?:es|ing|ed)?|begin(?:s|ning)?|kick(?:ing|ed) off)\b[^\n]{{0,30}}?\b(?:{ops})\b"
                      rf"|\b(?:{ops})(?:[-_.][\w-]*)?\s*:?\s+(?:start(?:s|ing|ed)|launch(?:es|ing|ed)|begin(?:s|ning)?|kicked off)\b",
                      re.IGNORECASE)


def starts_operation(text: str) -> bool:
    """Does a line start a bulk operation or a batch job's work (`_starts_operation`: 'starting
    backfill', 'users-reindex starting')? Such work adds load to whatever it reads and writes."""
    return bool(_starts_operation().search(text))


STATED_SETTINGS_MAX = 3  # more key=value pairs on one line are a record's fields (a port, a request), not a setting given,
# unless the line names the configuration file they went into (a tool writing it, with its arguments)
_CONFIG_FILE = re.compile(r"[\w-]+\.(?:ini|conf|cfg|ya?ml|toml|properties)\b", re.IGNORECASE)


def said_lines(c: ClusterStats) -> list[str]:
    """What a cluster's samples say, without each line's own prefix (`lineformat.message_of`):
    a logfmt or log4j line's `ts=… level=… logger=…` are how it was written, not settings it
    states. The template when there are no samples (it is mined without the prefix already)."""
    return [message_of(line) for line in c.samples] or [c.template]


def starts_bulk_work(c: ClusterStats) -> bool:
    """Does a change cluster start a bulk operation or a job's work (`starts_operation` on any of
    its lines)? Its load, not a setting, is what it changed: ranking lets it lead the failures of a
    shared backend's other users, and the category and advice follow from that."""
    return any(starts_operation(line) for line in c.samples or [c.template])


def states_change(text: str) -> bool:
    """Does a line state what it changed: a setting given a value on a line about configuration
    ('Configuration loaded max_conns=1', 'Setting threshold: limit = 0.4'), a value set ('watermark
    set to 300 MiB'), a diff of a file, a package moved between two versions ('upgrade libfoo 1.2.3
    1.3.0'), or a bulk operation started ('starting backfill', 'starting experiment')? A line that
    only says something happened ('config reloaded') states nothing, nor does one that prints an
    object's many fields ('reload for port admin_state_up=True, binding:host_id=…, …')."""
    if states_new_value(text) or starts_operation(text):
        return True
    pairs = len(_KEY_VALUE.findall(text))
    return bool(_CONFIG_WORD.search(text)) and (1 <= pairs <= STATED_SETTINGS_MAX or pairs > 0 and bool(_CONFIG_FILE.search(text)))


def states_new_value(text: str) -> bool:
    """Does a line say what something became: a value set ('limit set to 2'), a file's diff, a
    setting's old and new values on a line about configuration (not a state's: 'phase: Running ->
    Succeeded' is progress; nor a route's or a heap's 'DE -> FR', '2604474785 -> 0'), or a
    package moved between two versions? Within one act it tells more than the steps that only say
    a command ran or a file was loaded."""
    if _SET_TO.search(text) or _UNIFIED_DIFF.search(text):
        return True
    if _CONFIG_WORD.search(text) and any(_STATE_WORD.fullmatch(key.rsplit(".", 1)[-1]) is None for key, _, _ in setting_diffs(text)):
        return True
    return bool(_VERSION_MOVE.search(text)) and len(set(_VERSION.findall(text))) >= 2


def is_deploy(change: ClusterStats) -> bool:
    """Is a change cluster a deploy (new code: a revision, a rollout, a function's new version)?"""
    return any(m.signature.id == "deploy" for m in match_signatures(change, roles=("change",)))
