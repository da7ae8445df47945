"""Cause, symptom or noise? Rank clusters with general evidence, not string rules.

Evidence used, per cluster:
- timing: clusters that first appear just before or at the onset of the error burst score high;
  clusters that only appear well after it are more likely consequences
- novelty: a first sighting counts only when the stream would have been seen earlier had it been
  running (`provably_new`: a Poisson test on the gap since the window opened), so a stream that
  shows up in the window's first seconds is never "new"; "absent from the baseline" is claimed
  only when the window holds a baseline (it does not open mid-incident)
- change per cluster: a stream present before the onset whose rate did not rise at the onset is
  background noise however loud, whatever its severity
- severity: ERROR and above outweigh warnings
- precursors: a warning already running before the onset is background unless its number runs
  steadily one way (a count rising, a budget falling) and its component then fails; one that stops
  when the errors begin leads them; a stream that began minutes before its own component's other
  failures and ran on through them is their first signal and leads them (`_first_signal`), as
  does a refusal (a rate limit, a quota) retried with back-off before its service began to fail
- knowledge: a matching failure signature (cause, symptom or change) from the knowledge base
- links: a cluster seen just before other error clusters on the same instance or trace is
  upstream of them; one seen just after a candidate is downstream
- frequency counts a little: the most frequent error is often a symptom
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from rca.analysis.changes import (is_act, once_per_instance, said_lines, setting_diffs, starts_bulk_work, states_change,
                                  states_new_value, took_effect)
from rca.analysis.culprit import (DOTTED_NAME, FAULT_INJECTION, SERVER_SIDE_POOL, changed_names, changed_object, ddl_tables,
                                  gates_calls, is_datastore, names_fault, what_changed)
from rca.analysis.knowledge import (SignatureMatch, failed_call_logged, impact_kind, is_fragment, is_table_row, signature_by_id,
                                    match_signatures, readable_text, says_event, words)
from rca.analysis.onset import Onset
from rca.batches import LINK_WINDOW_S
from rca.mining.masking import HOST_PORT
from rca.models import SEVERITY_RANK, WARNING_RANK, Candidate, ClusterStats, MiningResult
from rca.sources.lineformat import OUTBOUND_CLUSTER, WARNING_CLASS
from rca.sources.tracebacks import NO_HEADLINE

LEAD_MINUTES = 15  # how long before the onset a cause may first appear
LATE_MINUTES = 3  # first seen this long after the onset: probably a consequence
MID_WINDOW_MINUTES = 10  # a window this long that opens on high error rates really opens mid-incident


@dataclass
class ClusterView:
    cluster: ClusterStats
    matches: list[SignatureMatch]
    role: str = "other"
    score: float = 0.0
    reasons: list[str] = field(default_factory=list)
    before: int = 0  # entries before the onset (minus the lead window)
    during: int = 0  # entries inside the burst
    pre_rate: float = 0.0
    post_rate: float = 0.0
    new: bool = True  # provably_new: not a stream already running when the window opened
    echo_of: str | None = None  # the earliest cluster logging the same failure, when this one repeats it
    surged: bool = False  # `_warning_surge`: a warning stream that surged at the onset
    explains: str | None = None  # `_change_explains_failed_calls`: the failure this change explains
    waited_on: str | None = None  # `_waiting_callers_below_callee`: the service callers wait on, signalled here
    wait_category: str | None = None  # ... and the category of the waits it explains
    parallel: bool = False  # `_parallel_failures`: ran on unchanged through an onset that broke something else
    takes_up: bool = False  # `_taking_up`: a program's line that it took up a changed object's new content
    stated: bool = False  # `_stated_change`: a line below WARNING that states a change just before the onset
    precursor: bool = False  # `_warned_before`: a warning whose number ran one way until its component failed
    first_signal: bool = False  # `_first_signal`: its component's failures followed it minutes later

    @property
    def cause_match(self) -> SignatureMatch | None:
        return next((m for m in self.matches if m.signature.role == "cause"), None)

    @property
    def symptom_match(self) -> SignatureMatch | None:
        return next((m for m in self.matches if m.signature.role == "symptom"), None)

    @property
    def change_match(self) -> SignatureMatch | None:
        return next((m for m in self.matches if m.signature.role == "change"), None)


def _says_why(v: "ClusterView") -> bool:
    """A request log whose own text gives a failure mode (the platform refused it for want of an
    instance, a policy or a quota) is evidence of a cause, not just a client error; a bare status
    code in the sample does not count."""
    m = v.cause_match
    return m is not None and any(p.search(v.cluster.template) for p in m.signature.patterns)


def _is_request_symptom(c: ClusterStats) -> bool:
    failed = sum(n for s, n in c.http_statuses.items() if s >= 500)
    return bool(c.http_statuses) and failed * 2 >= sum(c.http_statuses.values())


NOVELTY_P = 0.05  # a gap this unlikely under the stream's own rate means it was not running before


def provably_new(c: ClusterStats, window_start: float, p: float = NOVELTY_P) -> bool:
    """Would this stream have shown up earlier had it been running when the window opened?

    Under its own rate (entries over its active span) the chance of a silent gap as long as the one
    between the window's start and its first entry is exp(-rate * gap); only a chance below `p`
    proves the stream started inside the window. A one-off entry needs a minute of silence before it.
    """
    if c.first_seen is None:
        return False
    gap = c.first_seen.timestamp() - window_start
    if c.count <= 1 or c.last_seen is None:
        return gap >= 60
    span = max(60.0, c.last_seen.timestamp() - c.first_seen.timestamp())
    return math.exp(-(c.count - 1) / span * gap) < p


def _starts_at(c: ClusterStats, onset: Onset, window_start: float) -> bool:
    """A stream (not a request log, not DEBUG) that provably starts within LEAD_MINUTES before the
    onset or in its minute: a first signal that changed with it."""
    if onset.minute is None or c.first_seen is None or c.http_statuses or c.severity == "DEBUG":
        return False
    lead = onset.minute * 60 - c.first_seen.timestamp()
    return -60 < lead <= LEAD_MINUTES * 60 and provably_new(c, window_start)


SURGE_RATIO = 10.0  # a warning stream whose rate rose this many times at the onset changed with it


def _warning_surge(v: ClusterView) -> bool:
    """A WARNING stream that ran at a trickle before the onset and surged with it (authentication
    failures after a key rotation, rejections after a quota change): its rate changed at the onset,
    which makes it a candidate, not background, though it is no error."""
    c = v.cluster
    return (SEVERITY_RANK.get(c.severity, 0) >= WARNING_RANK and v.post_rate >= SURGE_RATIO * v.pre_rate
            and v.post_rate >= 1.0)


def _precursor(v: "ClusterView", onset: Onset, last_minute: int, waits: dict[str, float] | None = None) -> bool:
    """A stream that started inside the window (provably new), within LEAD_MINUTES before the
    onset, and runs on through it: the failure building up (tokens expiring one by one, a disk
    filling, retries growing, kills repeating), not a background the onset found already there.

    A warning or an error must keep at least the rate it had before (measured from its own start,
    not the window's): a stream that fades before the onset is no precursor. A known failure of its
    own (an OOM kill, a full disk; not a caller's waits, which may be a callee's background
    slowness) is allowed the chance wobble of a count (two Poisson standard deviations) below it. A pressure signal logged below WARNING (GC
    pauses, slow queries: a cause signature matched at any level) comes in bursts as the process
    fills up and restarts, so it need only keep running through the onset; but only on a callee:
    a service other than those whose calls wait (`waits`: waiting service -> its first wait), that
    started by the time the first of them waited. Pressure with no one waiting on it harms no one."""
    c = v.cluster
    pressure = (any(m.signature.role == "cause" and m.signature.any_level for m in v.matches) and bool(waits)
                and c.first_seen is not None and not set(c.services) & set(waits or {})
                and c.first_seen.timestamp() <= min((waits or {}).values(), default=0.0) + SAME_TIME_S)
    if (onset.minute is None or onset.ongoing_from_start or not v.new or v.before == 0 or c.first_seen is None
            or (SEVERITY_RANK.get(c.severity, 0) < WARNING_RANK and not pressure) or c.http_statuses):
        return False
    start = int(c.first_seen.timestamp() // 60)
    if onset.minute - start > LEAD_MINUTES:
        return False
    after = round(v.post_rate * max(1, last_minute - onset.minute + 1))  # _split_counts' count from the onset on, exactly
    if after < 3:
        return False
    if SEVERITY_RANK.get(c.severity, 0) < WARNING_RANK:
        return True
    expected = v.before / max(1, onset.minute - 1 - start) * max(1, last_minute - onset.minute + 1)
    if v.cause_match is not None and not _waits(v):  # a failure of its own (a kill, a full disk), not a caller's waits
        return after >= expected - 2 * math.sqrt(expected)
    return after >= expected


FIRST_SIGNAL_LEAD_S = 120  # a component's stream this far ahead of its other failures was the first to change


def _refused_before_failing(v: "ClusterView", onset: Onset, last_minute: int, errors_from: dict[str, list[float]]) -> bool:
    """A known failure of its own (a cause signature: a rate limit, a quota, no capacity) that
    started inside the window within LEAD_MINUTES before the onset and still logs after it, on a
    service whose errors then began (a new error stream of it starting FIRST_SIGNAL_LEAD_S or more
    later, by LATE_MINUTES after the onset): the service failing after it is the link that makes
    it no background, even when its rate falls (a refused step retried with back-off thins out).
    `errors_from`: service -> first sightings of its provably new error streams."""
    c = v.cluster
    if (onset.minute is None or onset.ongoing_from_start or not v.new or v.cause_match is None or c.first_seen is None
            or c.http_statuses or SEVERITY_RANK.get(c.severity, 0) < WARNING_RANK):
        return False
    first, t0 = c.first_seen.timestamp(), onset.minute * 60
    if t0 - first > LEAD_MINUTES * 60 or sum(n for m, n in c.timeline.items() if m >= onset.minute) < 3:
        return False
    return any(FIRST_SIGNAL_LEAD_S <= t - first and t - t0 <= LATE_MINUTES * 60
               for s in c.services for t in errors_from.get(s, []))


TREND_STEADY = 0.9  # |Kendall tau| of a warning's number against its order: it runs one way, not jitters


def _failing_at_onset(views: list["ClusterView"], onset: Onset) -> set[str]:
    """Services with an error stream that provably starts at the onset (a minute before it to
    LATE_MINUTES after): the components that began to fail."""
    if onset.minute is None:
        return set()
    t0 = onset.minute * 60
    return {s for v in views if v.cluster.errors and v.cluster.first_seen is not None and v.new
            and -60 <= v.cluster.first_seen.timestamp() - t0 <= LATE_MINUTES * 60 for s in v.cluster.services}


def _warned_before(v: "ClusterView", onset: Onset, failing: set[str]) -> bool:
    """A warning stream already running before the onset whose number runs steadily one way (a
    count rising, a remaining budget falling: `ClusterStats.number_trend`) up to the onset, on a
    component that then began to fail: the failure announcing itself, not background. A steady
    background warning's number jitters; a trend alone is no link, the same component failing is."""
    c = v.cluster
    if (onset.minute is None or onset.ongoing_from_start or c.errors or c.http_statuses or v.before == 0
            or SEVERITY_RANK.get(c.severity, 0) < WARNING_RANK or c.number_trend < TREND_STEADY
            or c.last_seen is None or c.last_seen.timestamp() < onset.minute * 60 - 60):
        return False
    return bool(set(c.services) & failing)


def _gave_way(v: "ClusterView", onset: Onset) -> bool:
    """A precursor (`_warned_before`) that stopped within LATE_MINUTES of the onset: its warnings
    turned into the errors, the strongest link a warning has to the failure that followed it."""
    c = v.cluster
    return (v.precursor and onset.minute is not None and c.last_seen is not None
            and c.last_seen.timestamp() <= onset.minute * 60 + LATE_MINUTES * 60)


def _split_counts(c: ClusterStats, onset: Onset, first_minute: int, last_minute: int) -> tuple[int, int, float, float]:
    """Entries before the onset, entries during the burst, and the rates before / after it."""
    if onset.minute is None:
        return 0, c.count, 0.0, 0.0
    before = sum(n for m, n in c.timeline.items() if m < onset.minute - 1)
    end = onset.end_minute if onset.end_minute is not None else last_minute
    during = sum(n for m, n in c.timeline.items() if onset.minute <= m <= end)
    pre_len = max(1, onset.minute - 1 - first_minute)
    post_len = max(1, last_minute - onset.minute + 1)
    after = sum(n for m, n in c.timeline.items() if m >= onset.minute)
    return before, during, before / pre_len, after / post_len


def steady_streams(mining: MiningResult) -> set[str]:
    """Streams that run through the whole window at an even rate: background, however loud.

    Running when the window opened (not `provably_new`), still running at its end, present in at
    least 80% of its minutes, and no minute above three times the stream's median minute.
    """
    if mining.window_start is None or mining.window_end is None:
        return set()
    start, end = mining.window_start.timestamp(), mining.window_end.timestamp()
    minutes = int(end // 60) - int(start // 60) + 1
    if minutes < 5:
        return set()
    out = set()
    for c in mining.clusters:
        if c.count < minutes or c.last_seen is None or len(c.timeline) < 0.8 * minutes:
            continue
        if end - c.last_seen.timestamp() > max(120.0, 0.05 * (end - start)) or provably_new(c, start):
            continue
        counts = sorted(c.timeline.values())
        if counts[-1] <= 3 * counts[len(counts) // 2]:
            out.add(c.id)
    return out


def classify_and_score(mining: MiningResult, onset: Onset, background: set[str] | frozenset[str] = frozenset(),
                       quiet_signals: bool = False) -> list[ClusterView]:
    """Give every WARNING+ cluster (or signature match) a role and a cause score; `background`
    (from `steady_streams`) is noise whatever its level. `quiet_signals` (the onset is a latency
    step, nothing failed): a stream below WARNING that starts at the step is a candidate too (slow
    queries, pool waits, cache reloads, retries are often logged at INFO)."""
    if mining.window_start is None or mining.window_end is None:
        return []
    first_minute = int(mining.window_start.timestamp() // 60)
    last_minute = int(mining.window_end.timestamp() // 60)
    onset_ts = onset.minute * 60 if onset.minute is not None else None

    views: list[ClusterView] = []
    quiet: list[ClusterStats] = []  # streams below WARNING that start at the onset
    window = (mining.window_start.timestamp(), mining.window_end.timestamp())
    objects = _object_changes(mining)
    deploys = _deploys(mining, window)
    for c in mining.clusters:
        warning = SEVERITY_RANK.get(c.severity, 0) >= WARNING_RANK
        # below WARNING: a change event (deploy, IAM, secret) or a cascade's first signal
        matches = match_signatures(c) if warning else (
            match_signatures(c, roles=("change",)) + match_signatures(c, roles=("cause",), any_level_only=True))
        # an action's words (a command run, a job started) make a change only of an act, not of a routine
        matches = [m for m in matches if not m.signature.action or is_act(c, *window)]
        took = None if warning or matches else _taking_up(c, objects, window) or _starting_up(c, deploys, window)
        stated = None if warning or matches or took else _stated_change(c, onset, window)
        if took is not None:
            matches = [took]  # a step of that change: where it took effect
        elif stated is not None:
            matches = [stated]  # a change nobody flagged as one: the line states it
        if not warning:
            starts = _starts_at(c, onset, window[0])
            if not matches and not (starts and (quiet_signals or mesh_callee(c))):
                if starts:
                    quiet.append(c)  # a candidate if the errors turn out to be callers waiting on another service
                continue
        v = ClusterView(c, matches, takes_up=took is not None, stated=stated is not None)
        v.before, v.during, v.pre_rate, v.post_rate = _split_counts(c, onset, first_minute, last_minute)
        v.new = provably_new(c, mining.window_start.timestamp())
        views.append(v)

    views += _callees_of_waiting_callers(views, quiet, onset, first_minute, last_minute, mining.window_start.timestamp())
    waits: dict[str, float] = {}  # a service whose calls wait (timeouts, pool waits) -> its first wait
    for v in views:
        if _waits(v) and v.new and v.cluster.errors and v.cluster.first_seen is not None:
            for svc in v.cluster.services:
                waits[svc] = min(waits.get(svc, math.inf), v.cluster.first_seen.timestamp())
    failing = _failing_at_onset(views, onset)
    errors_from: dict[str, list[float]] = {}  # a service -> first sightings of its new error streams
    for v in views:
        if v.cluster.errors and v.new and v.cluster.first_seen is not None and not v.cluster.http_statuses:
            for svc in v.cluster.services:
                errors_from.setdefault(svc, []).append(v.cluster.first_seen.timestamp())
    # roles
    for v in views:
        c = v.cluster
        if v.stated:
            v.role = "change"  # a line stating a change in its own words (a diff's '{' ends no stack frame)
        elif is_fragment(c.template) or _continuation(c) or _blank_line(c):
            v.role = "other"  # a stack-frame or code line logged on its own: part of a trace, not a finding
        elif is_table_row(c.template):
            v.role = "noise"  # a printed table's row (a load tester's stats): output, not an event
        elif v.symptom_match or _is_request_symptom(c):
            v.role = "symptom"
        elif c.http_statuses and not failed_call_logged(c) and not _says_why(v):
            v.role = "noise"  # request logs of client errors: what users did, not why we fail
        elif v.change_match and not v.cause_match:
            v.role = "change"
        elif _precursor(v, onset, last_minute, waits) or _refused_before_failing(v, onset, last_minute, errors_from):
            v.role = "cause"  # born in the window shortly before the onset and still running: not background
        elif _warned_before(v, onset, failing):
            v.role, v.precursor = "cause", True  # the component warned, its number moving one way, then failed
        elif onset.minute is not None and not onset.ongoing_from_start and v.before > 0 and (
                v.post_rate <= 3 * v.pre_rate or not c.errors and not v.cause_match and (quiet_signals or not _warning_surge(v))):
            v.role = "noise"  # already there while the service was healthy, at a rate the onset did not change
        elif onset.minute is not None and not onset.ongoing_from_start and v.before > 0 and not c.errors and (
                not v.cause_match or _warning_surge(v)):
            # a warning stream that surged with the onset (with a latency step, warnings that surge
            # with it, "slow request" lines, are the step itself: they stay background)
            v.role, v.surged = "cause", True
        elif c.id in background:
            v.role = "noise"  # an even stream through the whole window
        elif onset.minute is not None and not v.new and _steady(c, onset.minute, first_minute, last_minute):
            v.role = "noise"  # running since the window opened at a rate the onset did not change
        elif onset.minute is None:
            v.role = "noise"  # no error burst in the window: whatever is logged is the background
        else:
            v.role = "cause"

    _no_capacity_while_crashing(views)
    _planned_stops(views, mining)
    by_id = {v.cluster.id: v for v in views}
    error_ids = {v.cluster.id for v in views if v.cluster.errors}
    out_links: dict[str, int] = {}
    in_links: dict[str, int] = {}
    for link in mining.links:
        if link.source in by_id and link.target in error_ids:
            out_links[link.source] = out_links.get(link.source, 0) + link.count
        if link.target in by_id and link.source in error_ids:
            in_links[link.target] = in_links.get(link.target, 0) + link.count

    roots = _chain_roots(views)
    # the order of first sightings; in a window that opens mid-incident a stream running from its
    # first second is the earliest sighting there is, once the window is long enough to have told
    # a burst from the background had there been one
    opens_on_failure = onset.ongoing_from_start and last_minute - first_minute >= MID_WINDOW_MINUTES
    causes = [v for v in views if v.role in ("cause", "change") and (v.new or opens_on_failure)]
    firsts = sorted({int(v.cluster.first_seen.timestamp() // 10) for v in causes if v.cluster.first_seen})
    baseline = onset.minute is not None and not onset.ongoing_from_start and onset.minute - first_minute >= 2
    for v in views:
        _score(v, onset_ts, firsts, out_links.get(v.cluster.id, 0), in_links.get(v.cluster.id, 0), baseline,
               onset.ongoing_from_start, opens_on_failure, mining.window_start.timestamp())
    if onset_ts is not None and not onset.ongoing_from_start:
        _parallel_failures(views, onset_ts, mining)
    _callers_after_callee(views)
    _waiting_callers_below_callee(views)
    _server_error_answers_below_their_source(views)
    if onset_ts is not None:
        _clients_quoting_the_server(views, onset_ts, mining)
    _clients_quoting_the_servers_words(views)
    _messages_below_their_exception(views)
    _refused_by_a_crashing_callee(views)
    if onset_ts is not None and not onset.ongoing_from_start:
        _change_explains_failed_calls(views, onset_ts, mining.window_start.timestamp())
        _change_just_before_failures(views, onset_ts, mining.window_start.timestamp(), last_minute,
                                     [t.timestamp() for t in mining.revisions_first_seen.values()])
        _change_whose_effect_lags(views, onset_ts, mining.window_start.timestamp(), last_minute)
        _bulk_work_before_shared_limit(views, onset_ts, mining.window_start.timestamp(), last_minute)
    _callee_diagnosis_after_its_callers(views)
    _echoes(views)
    _warnings_before_failures(views, onset)
    _first_signal(views, onset)
    _follow_the_harm_back(views, mining)
    if onset_ts is not None:
        _fault_in_effect(views, onset_ts, mining)
    for v in views:
        if v.role == "cause" and any(r in readable_text(v.cluster) for r in roots):
            v.score = round(v.score + 0.2, 2)
            v.reasons.append("carries the original exception of a chained traceback")
    # ties: a one-line statement before a folded trace of the same failure (its sample may be cut
    # before the exception line), then by id so runs are stable
    views.sort(key=lambda v: (-v.score, bool(v.cluster.samples) and "\n" in v.cluster.samples[0].strip(), v.cluster.id))
    return views


def _warnings_before_failures(views: list[ClusterView], onset: Onset) -> None:
    """A precursor (`_warned_before`) ranks just below the best error of its own component: the
    warning said what was running out before the errors said that it had. One that gave way to
    the errors (`_gave_way`) ranks above every cause: the errors are its consequence."""
    causes = [v for v in views if v.role == "cause" and not v.precursor]
    for v in views:
        if not v.precursor:
            continue
        v.reasons.append("its number ran steadily one way before the onset, and its component then began to fail")
        own = [w for w in causes if w.cluster.errors and set(w.cluster.services) & set(v.cluster.services)]
        if _gave_way(v, onset) and causes:
            v.score = round(max(w.score for w in causes) + 0.01, 2)
            v.reasons.append("it stopped when the errors began: the warnings turned into the failure")
        elif own:
            v.score = max(v.score, round(max(w.score for w in own) - 0.01, 2))


def _first_signal(views: list[ClusterView], onset: Onset) -> None:
    """The first signal to change, not the loudest: a stream of a component that began inside the
    window (`provably_new`, within LEAD_MINUTES of the onset) or as a precursor whose number ran
    one way (`_warned_before`), and logs on through the onset, is where that component's failure
    showed first when the component's other failure streams began at least FIRST_SIGNAL_LEAD_S
    after it (by LATE_MINUTES after the onset): those are the failure it announced and rank just
    below it. Earliness alone singles out nothing (a background stream is early too); the same
    component failing after it does. Any instance counts: pods that fail to start leave the
    running ones overloaded. A later failure that matches a known failure mode (a cause signature)
    when the earlier stream matches none says why itself: the earlier one (a start-up banner of a
    restarting service) is its prelude. A change logged before those later failures (within LEAD_MINUTES)
    is the better suspect for them, unless the earlier stream is a precursor: a number running
    one way was the failure building whatever was changed meanwhile."""
    if onset.minute is None or onset.ongoing_from_start:
        return
    t0 = onset.minute * 60
    for v in views:
        c = v.cluster
        if v.role != "cause" or v.echo_of or v.parallel or c.first_seen is None or c.last_seen is None:
            continue
        first = c.first_seen.timestamp()
        if not (v.precursor or v.new and t0 - first <= LEAD_MINUTES * 60) or c.last_seen.timestamp() < t0:
            continue
        later = [w for w in views if w is not v and w.role == "cause" and w.cluster.first_seen is not None
                 and set(w.cluster.services) & set(c.services) and w.score >= v.score
                 and w.cluster.first_seen.timestamp() - first >= FIRST_SIGNAL_LEAD_S
                 and w.cluster.first_seen.timestamp() - t0 <= LATE_MINUTES * 60]
        if not later or v.cause_match is None and any(w.cause_match is not None for w in later):
            continue  # a later failure naming a known failure mode says why; an earlier line that names none is its prelude
        last = max(w.cluster.first_seen.timestamp() for w in later)  # type: ignore[union-attr]
        if not v.precursor and any(w.role == "change" and w.cluster.first_seen is not None
                                   and 0 <= last - w.cluster.first_seen.timestamp() <= LEAD_MINUTES * 60 for w in views):
            continue
        v.first_signal = True
        v.score = round(max(w.score for w in later) + 0.01, 2)
        v.reasons.append(f"it began {int((min(w.cluster.first_seen.timestamp() for w in later) - first) // 60)} min "  # type: ignore[union-attr]
                         "before its component's other failures and ran on through them: the first signal of that failure")
        for w in later:  # (all now below it)
            w.echo_of = w.echo_of or c.id
            w.reasons.append(f"its component logged cluster {c.id} minutes before: this failure followed it")


_CHAIN_MARKERS = ("During handling of the above exception", "The above exception was the direct cause")
_EXC_LINE = re.compile(r"^([\w.]+(?:Error|Exception|Exit|Timeout)\b.*)$", re.MULTILINE)


def _chain_roots(views: list[ClusterView]) -> set[str]:
    """The first exception line of each chained traceback: the original error, not a wrapper."""
    roots = set()
    for v in views:
        for sample in v.cluster.samples[:1]:
            if any(marker in sample for marker in _CHAIN_MARKERS):
                m = _EXC_LINE.search(sample)
                if m and len(m.group(1)) >= 12:
                    roots.add(m.group(1).strip())
    return roots


PARALLEL_RISE = 3.0  # a lead-in stream that rises this many times with the harm (or the onset) is where it grew from
PARALLEL_LEAD_S = 120  # a stream that started this long before the onset had time to show its own rate


def _own_rates(c: ClusterStats, onset_minute: int, last_minute: int) -> tuple[float, float]:
    """A stream's rate from its own first minute to the onset, and from the onset on."""
    start = min(c.timeline) if c.timeline else onset_minute
    pre = sum(n for m, n in c.timeline.items() if m < onset_minute) / max(1, onset_minute - start)
    post = sum(n for m, n in c.timeline.items() if m >= onset_minute) / max(1, last_minute - onset_minute + 1)
    return pre, post


def _parallel_failures(views: list[ClusterView], onset_ts: int, mining: MiningResult) -> None:
    """A failure that began minutes before the onset and logs on through it at the rate it had
    from its start is a parallel failure, not the one the onset brought, when the onset arrived
    with a new failure stream of another service at least as loud, while its own service showed no
    change then (no new stream of it at the onset, none that names it, no link from it to the
    onset's streams on an instance or trace): whatever broke at the onset broke elsewhere. It keeps no credit for its
    timing (an SRE asks "what changed at the onset?", and it did not), and it is no callee's
    signal for the cascades below."""
    if mining.window_end is None:
        return
    onset_minute, last_minute = onset_ts // 60, int(mining.window_end.timestamp() // 60)

    def at_onset(w: ClusterView) -> bool:
        t = w.cluster.first_seen.timestamp()  # type: ignore[union-attr]
        return -60 <= t - onset_ts <= LATE_MINUTES * 60

    fresh = [w for w in views if w.role in ("cause", "symptom") and w.new and w.cluster.first_seen is not None and at_onset(w)
             and (w.cluster.errors or SEVERITY_RANK.get(w.cluster.severity, 0) >= WARNING_RANK)]
    linked = {(link.source, link.target) for link in mining.links}
    for v in views:
        c = v.cluster
        if v.role != "cause" or not v.new or c.first_seen is None or not c.timeline:
            continue
        lead = onset_ts - c.first_seen.timestamp()
        if not PARALLEL_LEAD_S <= lead <= LEAD_MINUTES * 60:
            continue
        pre, post = _own_rates(c, onset_minute, last_minute)
        if post >= PARALLEL_RISE * pre:
            continue  # it rose with the onset: the failure grew out of it
        mine = set(c.services)
        if any(set(w.cluster.services) & mine or (c.id, w.cluster.id) in linked or names_any(own_words(w.cluster), sorted(mine))
               for w in fresh):
            continue  # its own service changed at the onset too, the onset's streams name it, or it leads them
        if not any(w.role == "cause" and w.post_rate >= post for w in fresh):
            continue  # the onset brought no new failure as loud as it
        v.parallel = True
        v.score = round(v.score - 1.2, 2)
        v.reasons = [r for r in v.reasons if not r.startswith("first seen")]
        v.reasons.append("it ran at the rate it had from its start through the onset, while the onset brought new failures "
                         "of other services: a parallel failure, not what changed")


def _steady(c: ClusterStats, onset: int, first_minute: int, last_minute: int) -> bool:
    """A stream whose rate from the onset on is at most twice its rate before it (minutes before
    the onset needed; the window's opening minute counts)."""
    pre_len = onset - first_minute
    if pre_len < 1:
        return False
    before = sum(n for m, n in c.timeline.items() if m < onset)
    after = sum(n for m, n in c.timeline.items() if m >= onset)
    return before > 0 and after / max(1, last_minute - onset + 1) <= 2 * before / pre_len


_WORD = re.compile(r"[A-Za-z]{2,}")
_SLOT_RE = re.compile(r"<[^<>\s]{1,12}>")
_NAMED_EXCEPTION = re.compile(r"\b(?:[A-Z][a-z0-9]+){2,}:(?:\s|$)|\b[\w.]*(?:Error|Exception|Fault):")
ECHO_MIN_CHARS = 30  # a shared run of text this long (and half the shorter template) is one failure


def says_warning(c: ClusterStats) -> bool:
    """Does the line call itself a warning (a deprecation, a user warning), on a stream that makes
    every line an ERROR (stderr)? It is scored as the warning it says it is: something printed on
    the way, not the failure."""
    return not c.exception and not c.stack and bool(WARNING_CLASS.search(c.template))


def _continuation(c: ClusterStats) -> bool:
    """A one-line entry written indented (a source line or an argument of a trace, a wrapped
    message's tail) that names no exception: the middle of a multi-line write split into entries,
    whose headline is another entry."""
    sample = c.samples[0] if c.samples else ""
    return (sample[:1] in (" ", "\t") and bool(sample.strip()) and "\n" not in sample.strip()
            and not c.exception and not _NAMED_EXCEPTION.search(sample) and not says_event(sample))  # not a right-aligned level


def _blank_line(c: ClusterStats) -> bool:
    """An entry with no words at all (a multi-line write's blank separator lines, each logged as
    its own entry at the block's level): it says nothing, and blank lines of unrelated blocks fall
    into one cluster, so its first sighting is no failure's start."""
    return not c.template.strip() and not any(s.strip() for s in c.samples)


def _words(template: str) -> int:
    return len(_WORD.findall(_SLOT_RE.sub(" ", template)))


def _echoes(views: list[ClusterView], limit: int = 40) -> None:
    """One failure logged several times (the component's own line, then a wrapper or an RPC layer
    re-raising it, a client quoting the error its database answered with): the earliest is the
    origin, the later ones echo it. A warning may echo an error, never the reverse. Ties in time go
    to the component's own one-line statement over a folded trace of it."""
    from difflib import SequenceMatcher

    top = sorted((v for v in views if v.role == "cause" and v.cluster.first_seen
                  and (v.cluster.errors or SEVERITY_RANK.get(v.cluster.severity, 0) >= WARNING_RANK)),
                 key=lambda v: -v.score)[:limit]
    top.sort(key=lambda v: (v.cluster.first_seen.timestamp(), v.cluster.id))  # type: ignore[union-attr]
    texts = {v.cluster.id: _SLOT_RE.sub("<*>", v.cluster.template) for v in top}
    by_id = {v.cluster.id: v for v in top}

    def order(v: ClusterView) -> tuple[float, int]:
        sample = v.cluster.samples[0] if v.cluster.samples else v.cluster.template
        return (round(v.cluster.first_seen.timestamp(), 1), sample.strip().count("\n"))  # type: ignore[union-attr]

    for i, a in enumerate(top):
        for b in top[i + 1:]:
            ta, tb = texts[a.cluster.id], texts[b.cluster.id]
            if min(len(ta), len(tb)) < ECHO_MIN_CHARS:
                continue
            m = SequenceMatcher(None, ta, tb, autojunk=False).find_longest_match(0, len(ta), 0, len(tb))
            if m.size < ECHO_MIN_CHARS or m.size < 0.5 * min(len(ta), len(tb)):
                continue
            first, later = (a, b) if order(a) <= order(b) else (b, a)
            if order(first) == order(later) or later.cluster.errors and not first.cluster.errors:
                continue
            if first.echo_of == later.cluster.id:
                continue  # already the later one's view (a client quoting its server, a message below its exception)
            origin = first.echo_of if first.echo_of in by_id else first.cluster.id  # (a callee signal is no error origin)
            if later.echo_of is None:
                head = by_id[origin]
                later.score = round(min(later.score - 0.4, head.score - 0.01), 2)  # never above its origin
                later.reasons.append(f"repeats the failure first logged in cluster {origin}")
                later.echo_of = origin
                for v in views:  # what was ranked below the echo (callers waiting on it) goes below its origin
                    if v.echo_of == later.cluster.id and v.score >= head.score:
                        v.score = round(head.score - 0.01, 2)


MESSAGE_LEAD_S = 1.0  # a logger's message and the trace it prints are one write: the trace starts within this second
GENERIC_EXCEPTIONS = frozenset({"Error", "Exception", "Throwable", "RuntimeError", "RuntimeException"})


def _headline(c: ClusterStats) -> bool:
    """Is this the exception line of a trace (or an exception logged on one line) naming a type
    that says something (`InvalidArgument`, `OperationalError`; not a bare `Error`, not a label)?"""
    return (bool(c.exception) and c.template != NO_HEADLINE and not _label(c)
            and c.exception.rpartition(".")[2] not in GENERIC_EXCEPTIONS)


def _label(c: ClusterStats) -> bool:
    """A line whose 'exception' is a label in capitals (`HINT:`, `DETAIL:`): the next line of an
    error message (a database's detail under a client's exception), written as its own entry."""
    return c.exception.isupper() and "." not in c.exception


def _same_instances(a: ClusterStats, b: ClusterStats) -> bool:
    """Do two clusters of one service come from the same instances (their busiest ones shared; a
    service that names no instance counts as one)?"""
    if not a.top_instances or not b.top_instances:
        return not a.top_instances and not b.top_instances
    return bool({name for name, _ in a.top_instances} & {name for name, _ in b.top_instances})


def _messages_below_their_exception(views: list[ClusterView]) -> None:
    """The exception says why; the line logged with it says what was being done. An application
    that logs an error's message and its trace as separate entries (`logger.exception("save
    failed")` on one stream, the traceback on another; a Java message line, then the stack) gives
    two clusters of one service and instance that start together: the message ('entry N not
    saved; returning 500', 'sync failed, retrying') first, then, within MESSAGE_LEAD_S, the trace's
    headline ('CheckViolation: new row violates check constraint'). The message ranks just below
    the headline. So do the frames of a trace whose headline was lost (`NO_HEADLINE`), next to a
    headline of their service and instance that started within LINK_WINDOW_S of them, and the
    detail lines of an exception's message written as entries of their own (`HINT: ...`, a label
    in capitals), next to a headline that started within MESSAGE_LEAD_S of them. A message
    that names a known failure mode itself (a signature match) keeps its place: there the message
    is the why."""
    heads = [w for w in views if w.role == "cause" and w.cluster.errors and w.cluster.first_seen is not None
             and _headline(w.cluster)]
    if not heads:
        return
    for v in views:
        c = v.cluster
        if v.role != "cause" or not c.errors or c.first_seen is None or v.cause_match is not None:
            continue
        headless, label = c.template == NO_HEADLINE, bool(c.exception) and _label(c)
        if c.exception and not label:
            continue
        if not headless and not label and (c.stack or _NAMED_EXCEPTION.search(c.template)
                                           or (c.samples and "\n" in c.samples[0].strip())):
            continue
        t = c.first_seen.timestamp()
        low, high = ((-LINK_WINDOW_S, LINK_WINDOW_S) if headless else (-MESSAGE_LEAD_S, MESSAGE_LEAD_S) if label
                     else (0.0, MESSAGE_LEAD_S))
        near = [w for w in heads if w is not v and set(w.cluster.services) & set(c.services) and _same_instances(c, w.cluster)
                and low <= w.cluster.first_seen.timestamp() - t <= high]  # type: ignore[union-attr]
        if near:
            top = max(near, key=lambda w: w.score)
            what = ("frames of a trace whose exception line" if headless else "the next line of the message whose exception line"
                    if label else "the message logged with the exception")
            _below(v, top, f"{what} cluster {top.cluster.id} names ({top.cluster.exception})")


QUOTE_WORDS = 6  # a run of this many words of another's message is a quote of it, not a shared phrase


def _message_words(text: str) -> list[str]:
    """The words of a message, lowercased, slots and numbers left out ('database is not accepting ...')."""
    return [w.lower() for w in _WORD.findall(_SLOT_RE.sub(" ", text))]


def _quotes(words: list[str], text: str) -> bool:
    """Does the text hold QUOTE_WORDS consecutive words of `words` (in order, as words)?"""
    own = " " + " ".join(_message_words(text)) + " "
    return any(" " + " ".join(words[i:i + QUOTE_WORDS]) + " " in own for i in range(len(words) - QUOTE_WORDS + 1))


def _clients_quoting_the_servers_words(views: list[ClusterView]) -> None:
    """A client's exception that quotes the message a server (a database, a broker) logged for the
    same failure ('OperationalError: database is not accepting commands ...' beside the database's
    own 'ERROR: database is not accepting commands ...') is that failure as the client saw it:
    when both started together (within SAME_TIME_S), the server's own line is the first-hand
    account and the client's ranks just below it, whichever came first; so do the client's other
    errors that started with its quote (within MESSAGE_LEAD_S: the wrapper that logged it). A
    quote is a run of QUOTE_WORDS words or more, so a shared generic phrase ('connection refused')
    links nothing; the server's line must say it in its own words (no exception type of its own)."""
    servers = [w for w in views if w.role == "cause" and w.cluster.first_seen is not None and w.cluster.errors
               and not w.cluster.exception and not _NAMED_EXCEPTION.search(w.cluster.template)
               and len(_message_words(w.cluster.template)) >= QUOTE_WORDS]
    if not servers:
        return
    for v in views:
        c = v.cluster
        if v.role != "cause" or c.first_seen is None or not (c.exception or _NAMED_EXCEPTION.search(c.template)):
            continue
        t = c.first_seen.timestamp()
        mine = set(c.services)
        own = [w for w in servers if not set(w.cluster.services) & mine
               and abs(w.cluster.first_seen.timestamp() - t) <= SAME_TIME_S  # type: ignore[union-attr]
               and _quotes(_message_words(w.cluster.template), c.template)]
        if own:
            top = max(own, key=lambda w: w.score)
            _below(v, top, f"it quotes the message cluster {top.cluster.id} of {', '.join(sorted(top.cluster.services))} "
                           "logs for the same failure in its own words")
            for u in views:  # the client's other errors that started with the quote: the same failure, seen by the client
                if (u is not v and u.role == "cause" and u.cluster.errors and u.cluster.first_seen is not None
                        and set(u.cluster.services) & mine and u.score >= top.score
                        and abs(u.cluster.first_seen.timestamp() - t) <= MESSAGE_LEAD_S):
                    _below(u, top, f"its service quotes the message cluster {top.cluster.id} logs for the same failure, "
                                   "from the same moment")


def _callers_after_callee(views: list[ClusterView]) -> None:
    """Cascades: a caller's errors are not the cause when the service it calls changed first.

    A cause cluster first seen at least 10 s after a new candidate of another service loses
    weight when it is a generic "calls time out" match, or when its text names that service
    (a bulkhead, circuit breaker or client error about the callee).
    """
    starts = [(v.cluster.first_seen.timestamp(), set(v.cluster.services), set(v.cluster.http_statuses)) for v in views
              if v.role in ("cause", "change") and v.new and v.cluster.first_seen and not v.parallel]
    for v in views:
        if v.role != "cause" or v.cluster.first_seen is None:
            continue
        mine = set(v.cluster.services)
        first = v.cluster.first_seen.timestamp()
        prior = [(svc, codes) for t, svc, codes in starts if t <= first - 10 and not (svc & mine)]
        earlier = {s for svc, _ in prior for s in svc}
        if not earlier:
            continue
        m = v.cause_match
        if m is not None and m.signature.id == "upstream-timeout":
            v.score = round(v.score - m.signature.weight - 0.6, 2)
            v.reasons.append(f"its calls wait on another service that changed first ({', '.join(sorted(earlier)[:3])})")
            continue
        if m is None and any(s.signature.role == "impact" and s.signature.impact == "failed-operations" for s in v.matches):
            v.score = round(v.score - 0.6, 2)  # "backend error: GET /x -> 502": the answer another service gave
            v.reasons.append("it reports a failed answer from a call, while another service failed first")
            continue
        # the callee's name in the caller's own words: its message, or the exception its trace carries
        text = own_words(v.cluster)
        named = [s for s in earlier if names_any(text, [s])]
        quoted = _quoted_statuses(v.cluster.samples[0] if v.cluster.samples else v.cluster.template)
        answered = sorted(s for svc, codes in prior if quoted & codes for s in svc)
        if named or answered:
            callee = max((w for w in views if w.role in ("cause", "change") and w.new and w.cluster.first_seen and not w.parallel
                          and w.cluster.first_seen.timestamp() <= first - 10 and set(w.cluster.services) & set(named)),
                         key=lambda w: w.score, default=None)
            v.score = round(v.score - 1.0, 2)
            if callee is not None and m is None:  # nothing but the callee's failure in its words: below it
                v.score = round(min(v.score, callee.score - 0.01), 2)
            v.reasons.append(f"a caller's view of {(sorted(named) or answered)[0]}, which changed first")


_QUOTED_STATUS = re.compile(
    r"(?:status(?: code)?|response code|HTTP(?:/[\d.]+)?)[ :=]*([45]\d\d)\b"
    r"|\b([45]\d\d) (?:Too Many Requests|Service Unavailable|Bad Gateway|Gateway Time-?out|Internal Server Error)", re.IGNORECASE)


def _quoted_statuses(text: str) -> set[int]:
    """The HTTP statuses a client error line says it received ('status code 429', '503 Service Unavailable')."""
    return {int(a or b) for a, b in _QUOTED_STATUS.findall(text)}


CRASH_SIGNATURES = frozenset({"oom", "oom-killer", "instance-stopped"})  # signatures that say the process died or was stopped
CRASH_NEAR_S = 300.0


# scaled down to a size that still serves (to zero is an outage, not housekeeping), or rolled out
_SCALED_DOWN = re.compile(
    r"Scaled down replica set \S+ to [1-9]|New size: [1-9]\d*; reason: All metrics below target"
    r"|(?:deployments|statefulsets|replicasets)\.(?:patch|update) OK|Rolling out|rolling update", re.IGNORECASE)
PLANNED_STOP_S = 120.0


def _planned_stops(views: list[ClusterView], mining: MiningResult) -> None:
    """An instance stopped right after its service was scaled down or rolled out is the autoscaler
    or the rollout at work, not a crash: it is no cause (HPA scale-downs happen every hour)."""
    plans = [c.first_seen.timestamp() for c in mining.clusters if c.first_seen is not None
             and any(_SCALED_DOWN.search(x) for x in c.samples[:1] or [c.template])]
    if not plans:
        return
    for v in views:
        m = v.cause_match
        if v.role != "cause" or m is None or m.signature.id != "instance-stopped" or v.cluster.first_seen is None:
            continue
        t = v.cluster.first_seen.timestamp()
        if any(0 <= t - p <= PLANNED_STOP_S for p in plans):
            v.role = "noise"
            v.reasons.append("stopped just after a scale-down or rollout: planned")


def _no_capacity_while_crashing(views: list[ClusterView]) -> None:
    """'No available instance' means the platform cannot place work: a capacity limit when the
    service's instances are healthy, but only a symptom when they crash or fail to start."""
    crashing = {s for v in views if v.symptom_match and v.symptom_match.signature.restart for s in v.cluster.services}
    for v in views:
        if v.role == "cause" and v.cause_match and v.cause_match.signature.id == "no-capacity" and set(v.cluster.services) & crashing:
            v.role = "symptom"


def _dying_near(c: ClusterStats, t: float) -> bool:
    """Was a process of this crash stream dying within CRASH_NEAR_S of `t`? Kills that repeat
    (a crash loop, OOM kills one replica after another) are near every caller error they cause,
    not only the first."""
    if c.first_seen is None:
        return False
    if abs(c.first_seen.timestamp() - t) <= CRASH_NEAR_S:
        return True
    return c.first_seen.timestamp() <= t and any(abs(m * 60 + 30 - t) <= CRASH_NEAR_S for m in c.timeline)


def _refused_by_a_crashing_callee(views: list[ClusterView]) -> None:
    """Connections are refused because nothing listens, or reset because the listener died
    mid-call: when another service's process dies around the same time (an OOM kill, a process
    killed by a signal, a panic or another CRITICAL line), the refusals are its callers' view of
    that crash, however loud, and rank below it. Before or after: a rollout or a restart may stop
    the listener seconds before the crash is first logged; kills that repeat are near each caller
    error they cause (`_dying_near`). Any other error of a caller that names the dying service (its
    host in the caller's message, or the word of its name that is its own: `_role_words`) is its
    view too."""
    crashes = [v for v in views if v.role == "cause" and v.new and v.cluster.first_seen is not None and (
        (v.cause_match is not None and v.cause_match.signature.id in CRASH_SIGNATURES)
        or SEVERITY_RANK.get(v.cluster.severity, 0) >= SEVERITY_RANK["CRITICAL"])]
    if not crashes:
        return
    everyone = {s for v in views for s in v.cluster.services}
    callers: dict[str, ClusterView] = {}  # a refused caller's service -> the crash it saw
    for v in views:
        m = v.cause_match
        if v.role != "cause" or v.cluster.first_seen is None or v in crashes:
            continue
        text = own_words(v.cluster)
        refused = m is not None and m.signature.id == "connection-refused" or bool(words("connection_lost").search(text))
        mine = set(v.cluster.services)
        t = v.cluster.first_seen.timestamp()
        near = [w for w in crashes if w is not v and not set(w.cluster.services) & mine and _dying_near(w.cluster, t)
                and (refused or names_any(text, w.cluster.services) or names_any(text, _role_words(w.cluster.services, everyone)))]
        if near:
            top = max(near, key=lambda w: w.score)
            v.score = round(min(v.score - 1.0, top.score - 0.01), 2)
            v.echo_of = v.echo_of or top.cluster.id  # the crash seen by its callers: no rival explanation
            v.reasons.append(f"refused while cluster {top.cluster.id} shows a process of {', '.join(top.cluster.services) or 'another service'} dying")
            for svc in mine:
                callers[svc] = max((top, callers.get(svc, top)), key=lambda w: w.score)
    # a refused caller's other errors since the process died (the retries, the work it abandons)
    # are its view of the same death
    for v in views:
        tops = [w for svc in v.cluster.services if (w := callers.get(svc)) is not None]
        if v.role != "cause" or v in crashes or not tops or v.cluster.first_seen is None:
            continue
        top = max(tops, key=lambda w: w.score)
        if top.cluster.first_seen <= v.cluster.first_seen and _dying_near(top.cluster, v.cluster.first_seen.timestamp()):  # type: ignore[operator]
            _below(v, top, f"its service's connections were refused while cluster {top.cluster.id} shows a process dying")


def own_words(c: ClusterStats) -> str:
    """A cluster's template and first sample, lowercased: what a caller says about whom it called."""
    return (c.template + "\n" + (c.samples[0] if c.samples else "")).lower()


def _role_words(services: list[str], everyone: set[str]) -> list[str]:
    """The words of these service names that no other service's name has ('datanode' of
    'hadoop-hdfs-datanode' beside 'hadoop-hdfs-namenode'; not 'hadoop'): what the service does,
    as its callers call it ('Excluding datanode ...'). Six letters or more, so no short word of
    ordinary text is taken for a name."""
    taken = {part for o in everyone if o not in services for part in _PARTS.split(o.lower())}
    return [word for s in services for word in _PARTS.split(s.lower())
            if len(word) >= 6 and word.isalpha() and word not in taken]


def names_any(text: str, services: list[str]) -> bool:
    """Does the (lowercased) text name one of the services as a word (a host, 'redis-cart:6379')?"""
    return any(len(s) >= 4 and _as_word(s).search(text) for s in services)


@lru_cache(maxsize=1024)
def _as_word(name: str) -> re.Pattern[str]:
    """The name, lowercased, as a word of a lowercased text (called in loops over pairs of clusters)."""
    return re.compile(rf"(?<![\w-]){re.escape(name.lower())}(?![\w-])")


# calls that stop getting through: to a dependency, or to a database (a connection that times out
# is the same failure whichever the callee is)
REACHABILITY = frozenset({"upstream-timeout", "connection-refused", "dns", "permission-denied", "db-timeout", "network-deny"})
# the kind of change that produces a failure: calls stop getting through after a configuration
# change; queries name a column or table that is gone after a schema migration
_CHANGE_FOR = {**{sig: "config-change" for sig in REACHABILITY}, "db-schema": "schema-migration"}


CHANGE_LEAD_IN_S = 120
"""How far into the window a change stream must first show to be known to start there: a stream
renewed all along (a lease, a scheduled job) shows within its first two minutes."""


def _known_made_in_window(v: ClusterView, window_start: float) -> bool:
    """Was this change made inside the window, not a stream the window opened on? First seen
    CHANGE_LEAD_IN_S or more after the window opened, or a one-off (ONE_OFF_CHANGES) that is
    provably new (`provably_new`: a single entry after a minute of silence): an act logged once
    is that act wherever it falls, not the tail of a routine, and a window opened a minute or
    two before it must not hide it."""
    c = v.cluster
    if c.first_seen is None:
        return False
    return c.first_seen.timestamp() - window_start >= CHANGE_LEAD_IN_S or (
        c.count <= ONE_OFF_CHANGES and provably_new(c, window_start))


def _change_explains_failed_calls(views: list[ClusterView], onset_ts: int, window_start: float) -> None:
    """Calls that stop getting through (time out, refused, unresolved, denied) right after a
    configuration change (a firewall rule, a network policy, an IAM binding, a DNS record, a flag)
    are that change's doing: the callee need not log anything. So are queries that name a column
    or table gone right after a schema migration. When the best cause is such a failure and the
    kind of change that produces it (_CHANGE_FOR; a config change, not a deploy, which has its own
    rollback advice) was logged within LEAD_MINUTES before the onset, the change ranks first and
    says which failure it explains. A fault injected on purpose (`culprit.FAULT_INJECTION`, a chaos
    experiment created) explains the failure that follows it whatever its kind."""
    causes = [v for v in views if v.role == "cause"]
    if not causes:
        return
    top = max(causes, key=lambda v: v.score)
    kind = _CHANGE_FOR.get(top.cause_match.signature.id) if top.cause_match is not None else None
    named = _names(readable_text(top.cluster))
    changes = [v for v in views if v.role == "change" and (m := v.change_match) is not None
               and (m.signature.id == kind or m.signature.id == "config-change" and FAULT_INJECTION.search(v.cluster.template))
               and _known_made_in_window(v, window_start)
               and -60 <= _burst_start(top.cluster, onset_ts) - v.cluster.first_seen.timestamp()
               and onset_ts - v.cluster.first_seen.timestamp() <= LEAD_MINUTES * 60
               and (kind != "config-change" or _on_the_path(v.cluster, top.cluster, named))]
    if not changes:
        _change_named_by_failures(views, onset_ts, window_start)
        return
    # the change that names what fails (the column, the host), else the latest before the onset
    change = max(changes, key=lambda v: (bool(_names(_what_changed(v.cluster)) & named), v.cluster.first_seen.timestamp()))  # type: ignore[union-attr]
    change.score = round(max(change.score, top.score + 0.01), 2)
    change.explains = top.cluster.id
    change.reasons.append(f"a change just before the onset: the failure since (cluster {top.cluster.id}) started right after it")


def _first_busy_minute(c: ClusterStats, since_ts: float = -math.inf) -> int | None:
    """The first minute (from `since_ts` on) in which a stream runs at a quarter of its median
    minute or more: where it began in earnest, past any stray early lines; None when none does."""
    counts = sorted(c.timeline.values())
    if not counts:
        return None
    floor = counts[len(counts) // 2] / 4
    return next((m for m in sorted(c.timeline) if m * 60 >= since_ts and c.timeline[m] >= floor), None)


def _burst_start(c: ClusterStats, onset_ts: int) -> int:
    """When this failure's own burst began: its first busy minute from the onset on (or a minute
    before). A stray early line, or another stream that set the onset a minute or two earlier,
    does not move it; the change that preceded the burst did."""
    busy = _first_busy_minute(c, onset_ts - 60)
    return busy * 60 if busy is not None else onset_ts


NAMED_AFTER_S = LEAD_MINUTES * 60  # a failure that starts this soon after a change it names may follow from it
KIND_AFTER_S = 60  # ... and this soon, when it names only the kind of object changed ("the bucket's retention policy")


def _change_named_by_failures(views: list[ClusterView], onset_ts: int, window_start: float) -> None:
    """A change (not a deploy: a key disabled, a pod deleted, a flag flipped) logged just before
    the onset whose object the failures starting after it name explains them, whatever kind of
    failure they are: what fails names what was changed. Named by the object's own name ('key
    invoices-cmek is not enabled', 'mongo-rs-0: connection closed') within NAMED_AFTER_S (a job
    that runs every ten minutes meets the changed subnetwork at its next run); failing in the
    service the object is named after (the VM 'loki-ingester-2' of 'loki'), or logged mostly by the
    host the change was made on (a setting altered on a database server whose own log then errs:
    `_on_its_host`); or, within
    KIND_AFTER_S, by the kind of object changed (a bucket updated, then "the bucket's retention
    policy" refuses writes). A stronger naming wins, then the latest change. A change after the
    onset (a fix, a rollback) never explains, nor one the failures do not name; nor one whose
    object's own service logs what it did (a stop) above the failure: that is the finding. The
    failure itself may be that service's (a server erring after a statement in its own log)."""
    top = max((v for v in views if v.role == "cause"), key=lambda v: v.score, default=None)
    if top is None:
        return
    failures = [v for v in views if v.role in ("cause", "symptom") and v.new and v.cluster.first_seen is not None
                and (v.cluster.errors or SEVERITY_RANK.get(v.cluster.severity, 0) >= WARNING_RANK)
                and not any(m.signature.role == "change" for m in v.matches)]
    best: tuple[int, float, ClusterView, ClusterView, str] | None = None
    for v in views:
        m = v.change_match
        first = v.cluster.first_seen
        if (m is None or m.signature.id == "deploy" or first is None or first.timestamp() - window_start < 120
                or not -60 <= onset_ts - first.timestamp() <= LEAD_MINUTES * 60):
            continue
        names = sorted(set(_changed(v.cluster)) | _ddl_tables(v.cluster))
        kinds = sorted({k for line in v.cluster.samples or [v.cluster.template] for k in _changed_kinds(line)})
        named: list[tuple[int, ClusterView, str]] = []
        for f in failures:
            after = f.cluster.first_seen.timestamp() - first.timestamp()  # type: ignore[union-attr]
            if not 0 <= after <= NAMED_AFTER_S:
                continue
            text = readable_text(f.cluster).lower()
            host = not _same_object(names, f.cluster.services) and _on_its_host(v.cluster, f.cluster)
            strength = (3 if names_any(text, names) else 2 if _same_object(names, f.cluster.services) or host
                        else 1 if after <= KIND_AFTER_S and names_any(text, kinds) else 0)
            if strength:
                named.append((strength, f, "is logged by the host it was made on" if strength == 2 and host else "names what it changed"))
        if not named:
            continue
        strength, failure, link = max(named, key=lambda sf: (sf[0], sf[1].score))
        if _own_failure_after_stated(v, [failure]):
            continue
        own = set(v.cluster.services) - set(v.cluster.streams)  # the object's service (an audit log's own stream is none)
        if any(w.role == "cause" and w is not v and w is not failure and set(w.cluster.services) & own and w.score >= failure.score
               for w in views):
            continue
        if best is None or (strength, first.timestamp()) > best[:2]:
            best = (strength, first.timestamp(), v, failure, link)
    if best is None:
        return
    _, _, change, failure, link = best
    change.score = round(max(change.score, top.score + 0.01), 2)
    change.explains = failure.cluster.id
    change.reasons.append(f"a change just before the onset: the failure since (cluster {failure.cluster.id}) {link}")


def _on_its_host(change: ClusterStats, failure: ClusterStats) -> bool:
    """Was the change made on the host that logs most of this failure? A command run on one
    machine (a setting altered, a service reconfigured), or an update of a Cloud SQL database (its
    id is the instance of its audit entry and of its own log), and that machine's own server
    failing since: the change touched the failing component itself."""
    host = change.top_instances[0][0] if len(change.top_instances) == 1 and change.top_instances[0][1] == change.count else ""
    return bool(host) and bool(failure.top_instances) and failure.top_instances[0][0] == host


CHANGE_LEAD_S = 60
"""How soon before the first failure of the burst a change is its first suspect, whatever the
failures say. A change shows within a minute: a deleted firewall rule or Service at the next health
checks or lookups (probes every 5-10 s, two or three failing), a scale to zero when its pods have
stopped (a 30 s termination grace by default), a blocking DDL when the writes queued behind its lock
reach their statement timeout (often 30 s). A change made longer before the failures may still be
the cause, but timing alone no longer singles it out."""

CHANGE_SET_S = 30
"""Changes logged this close to each other are one act: a tool applying a plan (a Terraform apply
deleting one rule and inserting another, an Argo CD sync pruning several objects, a table dropped
and created again, a migration's steps). Further apart they are separate acts: rivals."""

ONE_OFF_CHANGES = 3  # a change cluster logged this many times or fewer is one act, not a routine renewal
PARALLEL_RATIO = 3.0  # a failure running before a change at a rate it keeps within this factor after it is not its doing


def _change_just_before_failures(views: list[ClusterView], onset_ts: int, window_start: float, last_minute: int,
                                 revisions: Sequence[float] = ()) -> None:
    """A one-off change logged just before the failures begin is the first suspect, and the failures
    after it are its symptoms unless they were already running before it: the rule an on-call
    engineer applies to a timeline before reading a word of it. It holds when (a) the first failure
    of the burst (errors or warnings logged more than once, `_failure_start`) comes at most
    CHANGE_LEAD_S after the change, (b) no failure of the burst came before it (a failure that was
    already running at a rate it keeps is a parallel one: `_parallel_to`), (c) no other change was
    logged in that span but those made with it (CHANGE_SET_S: one act; the earliest of them leads,
    as nothing in the timing tells them apart), and when new code is in play (a deploy in that span)
    no failure of the burst is the deployed workload's own that says why (`_own_reason`: new code's
    exception is the finding, the deploy its rollback advice; its callers' failed calls, its own
    timeouts or a kill by a signal are the deploy's symptoms), nor did a new revision whose deploy
    is not logged start logging then (`revisions`: whose failure it is is unknown), and (d) the
    change is a one-off (ONE_OFF_CHANGES) or a program's line taking it up,
    not a stream renewed all along. A change's time is when it took effect (`changes.took_effect`:
    a long-running operation's completion). The change then ranks above every cause and names the failure
    it explains: the best cause that started after it, else its loudest symptom. A deploy's new
    instances' line stating their settings leads it (it says what changed); a rollout's progress
    is led by the deploy's request on the same workload. A change already
    ranked first for what the failures name keeps its place unless it is another step of the
    same act, which is then led by its first step."""
    changes = [v for v in views if v.role == "change" and _known_made_in_window(v, window_start)]
    at = {v.cluster.id: took_effect(v.cluster).timestamp() for v in changes}  # type: ignore[union-attr]
    failures = [v for v in views if v.role in ("cause", "symptom") and v.cluster.first_seen is not None and v.cluster.count > 1
                and (v.cluster.errors or SEVERITY_RANK.get(v.cluster.severity, 0) >= WARNING_RANK)
                and v.change_match is None]  # (a single line is no burst)
    if not changes or not failures:
        return
    # the change nearest before the failures' start decides which failures are already running
    starts = sorted(((*_failure_start(f.cluster), f) for f in failures), key=lambda s: (s[0], s[1], s[2].cluster.id))
    for t_change in sorted(set(at.values()), reverse=True):
        burst = [(lo, hi, f) for lo, hi, f in starts if not _parallel_to(f.cluster, t_change, last_minute)]
        if burst and burst[0][0] >= t_change:
            break
    else:
        return
    # the burst began at `first_failure`, or (a stream whose start only its minute tells) by `latest`
    first_failure, latest = burst[0][0], min(hi for _, hi, _ in burst)
    near = sorted((v for v in changes if first_failure - CHANGE_LEAD_S <= at[v.cluster.id] <= latest),
                  key=lambda v: (at[v.cluster.id], v.cluster.id))
    if not near or not -LEAD_MINUTES * 60 <= at[near[0].cluster.id] - onset_ts <= 60:
        return
    if not _one_act(near, at):
        return  # separate acts before the failures: the timing does not single one out
    deployed = [v for v in changes if v.change_match is not None and v.change_match.signature.id == "deploy"
                and first_failure - LEAD_MINUTES * 60 <= at[v.cluster.id] <= latest]
    if any(first_failure - LEAD_MINUTES * 60 <= t <= latest for t in revisions if t - window_start >= 120) and not deployed:
        return  # a new revision whose deploy is not logged: its workload is unknown, so is whose failure this is
    if _new_code_fails_on_its_own(deployed, burst):
        return  # new code failing in its own words: that failure is the finding, the deploy named beside it
    # the step that states what changed (a reloader's 'max_conns = 100 -> 10' after the
    # bare 'configmap updated') leads its act: it says what the others only say was touched
    # (else a program's line that it took the change up: where it took effect)
    # (a new instance's line stating its settings leads its deploy; one stating only its version
    # tells no more than the deploy, which leads)
    lead = next((v for v in sorted(near, key=lambda v: (not _states_diff(v.cluster), not _states_new_value(v),
                                                        not (v.takes_up and _states_settings(v.cluster)),
                                                        not (v.takes_up and not _starts_deploy(v))))
                 if v.cluster.count <= ONE_OFF_CHANGES or v.takes_up), None)
    if lead is None or _own_failure_after_stated(lead, [f for _, _, f in burst]):
        return
    if _is_deploy_step(lead) and not (lead.takes_up and _states_settings(lead.cluster)):
        # a rollout's progress ('revision ready', a new instance's version) is led by the deploy's
        # request on the same workload, logged up to CHANGE_LEAD_S before it: the act's first step
        request = min((v for v in changes if _is_deploy_step(v) and _same_object(v.cluster.services, lead.cluster.services)
                       and 0 < at[lead.cluster.id] - at[v.cluster.id] <= CHANGE_LEAD_S and v.cluster.count <= ONE_OFF_CHANGES),
                      key=lambda v: (at[v.cluster.id], v.cluster.id), default=None)
        if request is not None:
            lead, near = request, [request, *near]
    promoted = [v for v in views if v.role == "change" and v.explains]
    if any(v not in near for v in promoted):
        return  # a change the failures name, made earlier: naming outweighs nearness
    after = [f for lo, _, f in burst if lo <= first_failure + CHANGE_LEAD_S]
    failure = max((f for f in after if f.role == "cause"), key=lambda f: f.score, default=None) or max(
        after, key=lambda f: (f.cluster.errors, f.cluster.count))
    top = max((v.score for v in views if v.role == "cause" or v in promoted), default=lead.score)
    for v in promoted:
        if v is not lead:  # another step of the same act: it ranks with it, below its first step
            v.explains = None
            v.score = round(min(v.score, top - 0.01), 2)
    lead.score = round(max(lead.score, top + 0.01), 2)
    for v in near:
        if v is not lead and v.score >= lead.score:  # the act's other steps rank with it, below its lead
            v.score = round(lead.score - 0.01, 2)
    lead.explains = lead.explains or failure.cluster.id
    lead.reasons.append("the failures began right after this change, with none before it and no other change that close"
                        if len(near) == 1 else
                        "the failures began right after this change, the first of the changes logged together with it, with none before it"
                        if lead is near[0] else
                        "the failures began right after the changes logged together with this one, with none before them; "
                        + ("this one states what changed (old -> new)" if _states_diff(lead.cluster) else
                           "this one is the program taking the change up"))


CHANGE_LAG_S = LEAD_MINUTES * 60
"""How long a change's effect may wait for the next use of what it changed: the first request
longer than a lowered timeout, the next run of a job, a queue filling after its consumers were
scaled away, cached entries expiring. Past CHANGE_LEAD_S timing alone no longer singles a change
out, so such a change must be on the failing path (`_change_on_the_failing_path`)."""

_IDENT_PARTS = re.compile(r"[a-z0-9]+")


def _latest_change_before_burst(views: list[ClusterView], window_start: float, last_minute: int,
                                onset_ts: int) -> tuple[float, list[tuple[float, float, ClusterView]], list[ClusterView]] | None:
    """The latest change before the burst that no failure of the burst precedes (a parallel failure
    aside: `_parallel_to`), made within LEAD_MINUTES before the onset (or in the minute after),
    with no other act shortly before it (CHANGE_LEAD_S; those made with it, CHANGE_SET_S, are its
    act): (when it took effect, the burst's failures by start, the act), else None. Nothing is
    returned once a change explains the failures."""
    if any(v.role == "change" and v.explains for v in views):
        return None
    changes = [v for v in views if v.role == "change" and _known_made_in_window(v, window_start)]
    failures = [v for v in views if v.role in ("cause", "symptom") and v.cluster.first_seen is not None and v.cluster.count > 1
                and (v.cluster.errors or SEVERITY_RANK.get(v.cluster.severity, 0) >= WARNING_RANK)
                and v.change_match is None]
    if not changes or not failures:
        return None
    at = {v.cluster.id: took_effect(v.cluster).timestamp() for v in changes}  # type: ignore[union-attr]
    starts = sorted(((*_failure_start(f.cluster), f) for f in failures), key=lambda s: (s[0], s[1], s[2].cluster.id))
    for t_change in sorted(set(at.values()), reverse=True):  # the latest change that no failure of the burst precedes
        burst = [(lo, hi, f) for lo, hi, f in starts if not _parallel_to(f.cluster, t_change, last_minute)]
        if burst and burst[0][0] >= t_change:
            break
    else:
        return None
    if not -LEAD_MINUTES * 60 <= t_change - onset_ts <= 60:
        return None
    act = [v for v in changes if 0 <= t_change - at[v.cluster.id] <= CHANGE_SET_S]
    if any(0 < t_change - at[v.cluster.id] <= CHANGE_LEAD_S for v in changes if v not in act):
        return None  # another act shortly before this one: the timing does not single one out
    return t_change, burst, act


def _change_whose_effect_lags(views: list[ClusterView], onset_ts: int, window_start: float, last_minute: int) -> None:
    """A one-off change to the failing path is the first suspect even when its effect waits for the
    next use (CHANGE_LAG_S): when no change was found just before the failures
    (`_change_just_before_failures`), the latest change before the burst leads it if (a) the burst's
    first failure came more than CHANGE_LEAD_S and at most CHANGE_LAG_S after it, (b) no failure of
    the burst came before it (a parallel failure aside: `_parallel_to`), (c) no other change was
    logged between it and the failures but those made with it (CHANGE_SET_S), (d) it is a one-off
    (ONE_OFF_CHANGES) that alters something in use, not a creation (`_creates`: a job submitted
    starts now), (e) it touched what the first failures run on or name
    (`_change_on_the_failing_path`) and they do not name the permission or setting they lack
    themselves (DEPLOY_SETTINGS: then that line is the finding), and (f) after a deploy, no
    failure of the burst is the deployed workload's own that says why (`_new_code_fails_on_its_own`), nor, after any
    other change, a failure in its own words of the program the change was made on."""
    found = _latest_change_before_burst(views, window_start, last_minute, onset_ts)
    if found is None:
        return
    t_change, burst, act = found
    first_failure = burst[0][0]
    if not CHANGE_LEAD_S < first_failure - t_change <= CHANGE_LAG_S:
        return
    lead = min((v for v in act if v.cluster.count <= ONE_OFF_CHANGES), key=lambda v: (took_effect(v.cluster), v.cluster.id), default=None)
    if lead is None or _creates(lead.cluster):
        return  # what a change creates (a job submitted, a resource made) starts now: it waits for no next use
    first = [f for lo, _, f in burst if lo <= first_failure + CHANGE_LEAD_S]
    if not any(_change_on_the_failing_path(v.cluster, f.cluster) for v in act for f in first):
        return
    if any((m := f.cause_match) is not None and m.signature.category in DEPLOY_SETTINGS for f in first):
        return  # a failure naming the permission or setting it lacks is the finding when timing alone no longer points
    deployed = [v for v in act if _is_deploy_step(v)]
    if _new_code_fails_on_its_own(deployed, burst):
        return  # new code failing in its own words: that failure is the finding, the deploy named beside it
    if not deployed and _changed_program_fails_on_its_own(lead, first):
        return  # the program that took the change up then fails in its own words: its code met the new value
    failure = max((f for f in first if f.role == "cause"), key=lambda f: f.score, default=None) or max(
        first, key=lambda f: (f.cluster.errors, f.cluster.count))
    _lead_act(views, lead, act, failure, "the failures began minutes after this change to what they run on, with none before "
              "them and no other change since: its effect waited for the next use")


# failures of a backend running out under load: a quota or rate limit, a connection pool, time
# waiting on a database, slow queries, lock waits (what every user of a shared backend meets at once)
SHARED_LIMIT = frozenset({"rate-limit", "pool-exhaustion", "db-timeout", "database-pressure", "resource-pressure"})


def _under_shared_load(failure: ClusterStats, matches: Sequence[SignatureMatch]) -> bool:
    """Does this failure say a shared backend is running out (SHARED_LIMIT), or is it the
    datastore's own complaint (`is_datastore`: its errors, its slow-statement log)?"""
    return any(m.signature.id in SHARED_LIMIT for m in matches) or is_datastore(failure.services)


def _bulk_work_before_shared_limit(views: list[ClusterView], onset_ts: int, window_start: float, last_minute: int) -> None:
    """A bulk job started minutes before a shared backend gave way is the first suspect: its load
    is what the backend's other users ran out of (a backfill using up a quota, a batch run holding
    a database's connections, a bulk UPDATE the replicas cannot replay). When no change was found
    for the failures by nearness or by their path, the latest change before the burst leads it if
    (a) it is a one-off (ONE_OFF_CHANGES) whose line starts a bulk operation or a job's work
    (`changes.starts_bulk_work`), (b) it took effect within LEAD_MINUTES before the onset and no
    failure of the burst came before it (a parallel failure aside: `_parallel_to`), (c) no other
    change was logged between it and the failures but those made with it (CHANGE_SET_S), and (d)
    a failure of the burst's first minute (CHANGE_LEAD_S) says a shared backend is running out
    (`_under_shared_load`), logged by another component than the job's (the job's own complaint
    about the limit is part of it, not the finding; `_latest_change_before_burst` finds (b) and
    (c)). The job's name is no link to the failing callers (they never call it); its start and
    the backend's first failure minutes later are the only trace it leaves."""
    found = _latest_change_before_burst(views, window_start, last_minute, onset_ts)
    if found is None:
        return
    _, burst, act = found
    job = min((v for v in act if v.cluster.count <= ONE_OFF_CHANGES
               and starts_bulk_work(v.cluster)),
              key=lambda v: (took_effect(v.cluster), v.cluster.id), default=None)
    if job is None:
        return
    first_failure = burst[0][0]
    first = [f for lo, _, f in burst if lo <= first_failure + CHANGE_LEAD_S]
    loaded = [f for f in first if not _same_object(job.cluster.services, f.cluster.services) and _under_shared_load(f.cluster, f.matches)]
    if not loaded:
        return
    failure = max(loaded, key=lambda f: (f.role == "cause", f.score))
    _lead_act(views, job, act, failure, "a bulk job started minutes before a backend it shares with the failing services ran out "
              "(a limit, a pool, a database under load), with no other change since: its load is what they ran out of")


def _lead_act(views: list[ClusterView], lead: ClusterView, act: list[ClusterView], failure: ClusterView, reason: str) -> None:
    """Put a change above every cause, the other steps of its act just below it, and name the
    failure it explains, for `reason`."""
    top = max((v.score for v in views if v.role == "cause"), default=lead.score)
    lead.score = round(max(lead.score, top + 0.01), 2)
    for v in act:
        if v is not lead and v.score >= lead.score:
            v.score = round(lead.score - 0.01, 2)
    lead.explains = failure.cluster.id
    lead.reasons.append(reason)


def _one_act(near: list[ClusterView], at: dict[str, float]) -> bool:
    """Are these changes (in time order) one act? All logged within CHANGE_SET_S of the first, but
    a deploy's rollout progress ('revision ready') on the workload a deploy request of the set
    named, up to CHANGE_LEAD_S after it: a rollout takes its time, and it is still that deploy; and
    a program's own line taking a change up or stating the value it now runs with (`takes_up`,
    `stated`) up to CHANGE_LEAD_S after another change of the set: a pushed setting reaches its
    readers at their next reload, and that is where the act took effect, not a second act."""
    t0 = at[near[0].cluster.id]
    requests = [v for v in near if _is_deploy_step(v)]
    return all(at[v.cluster.id] - t0 <= CHANGE_SET_S
               or _is_deploy_step(v) and any(r is not v and 0 < at[v.cluster.id] - at[r.cluster.id] <= CHANGE_LEAD_S
                                             and _same_object(r.cluster.services, v.cluster.services) for r in requests)
               or (v.takes_up or v.stated) and any(0 < at[v.cluster.id] - at[r.cluster.id] <= CHANGE_LEAD_S
                                                   and not (r.takes_up or r.stated) for r in near)
               for v in near)


# an audit line's method that makes a new object ('BatchService.CreateJob', 'instances.insert')
_CREATE_METHOD = re.compile(r"^[\w.-]*\.(?:create|insert)\w*\s+OK\b", re.IGNORECASE)


def _creates(c: ClusterStats) -> bool:
    """Does this change make a new object rather than alter one in use (`_CREATE_METHOD`)?"""
    return any(_CREATE_METHOD.match(line) for line in c.samples or [c.template])


_QUEUE_REFUSED = words("queue_refused")
_SCALED_TO_ZERO = words("scaled_to_zero")


def _drained_queue_fills(change: ClusterStats, failure: ClusterStats) -> bool:
    """Did the change scale a workload to no replicas, and does the failure say its producer can no
    longer hand work on (`queue_refused`: enqueue fails, flow control)? With its consumers gone the
    queue fills, and producers block once it is full: minutes later, whatever they name."""
    return (any(_SCALED_TO_ZERO.search(line) for line in change.samples or [change.template])
            and bool(_QUEUE_REFUSED.search(readable_text(failure))))


def _change_on_the_failing_path(change: ClusterStats, failure: ClusterStats) -> bool:
    """Did the change touch what this failure runs on or names? The failing service itself or an
    object named after it (`_same_object`), the host that logs the failure (`_on_its_host`; a
    program's name alone is no link, it runs on other hosts too), an identifier the failure also
    names, or a setting the failure spells out in words ('GC life time' for tidb_gc_life_time: two or more of the
    identifier's parts, in order, eight characters or more), or the queue whose consumers it
    scaled away (`_drained_queue_fills`). Not a network object alone: what
    gates calls shows at the next probe, within CHANGE_LEAD_S, and waits for no later use."""
    if _same_object(_changed(change), failure.services) or _on_its_host(change, failure) or _drained_queue_fills(change, failure):
        return True
    said = readable_text(failure)
    if _names(_what_changed(change)) & _names(said):
        return True
    text = " ".join(_IDENT_PARTS.findall(said.lower()))
    for name in _changed(change):
        parts = [p for p in re.split(r"[._-]", name.lower()) if p]
        for i in range(len(parts)):
            for j in range(i + 2, len(parts) + 1):
                phrase = " ".join(parts[i:j])
                if len(phrase) >= 8 and re.search(rf"(?<!\S){re.escape(phrase)}(?!\S)", text):
                    return True
    return False


# a program saying it took up new content ('Updated rate limits', 'Reloaded routes', 'applying new limits')
_TAKE_UP = re.compile(r"^\W*(?:updated|reloaded|reloading|re-?read(?:ing)?|applied|applying|loaded|loading|refreshed)\b",
                      re.IGNORECASE)
_NAME_WORD = re.compile(r"[a-z]{4,}")


def _object_changes(mining: MiningResult) -> list[tuple[float, set[str], SignatureMatch]]:
    """(when, the words of its name, its match) of each one-off change to a named object (an audit
    line's config map, secret, bucket: `culprit.changed_object`) whose name has two words or more."""
    out = []
    for c in mining.clusters:
        if c.first_seen is None or c.count > ONE_OFF_CHANGES or (obj := changed_object(c.samples[0] if c.samples else c.template)) is None:
            continue
        m = next((m for m in match_signatures(c, roles=("change",)) if m.signature.id != "deploy"), None)
        if m is not None and len(words := set(_NAME_WORD.findall(obj[1].lower()))) >= 2:
            out.append((c.first_seen.timestamp(), words, m))
    return out


def _taking_up(c: ClusterStats, objects: list[tuple[float, set[str], SignatureMatch]],
               window: tuple[float, float]) -> SignatureMatch | None:
    """The change (its match) whose new content this line says a program took up, else None: a
    one-off (`changes.is_act`) logged within CHANGE_SET_S after an object changed, that starts with
    a verb of taking up (updated, reloaded, applied, loaded) and names the object by two of its
    name's words or more ('Reloaded rate limits' seconds after config map
    'proxy-rate-limits' was updated). It says which program runs with the change, and when."""
    if c.first_seen is None or not _TAKE_UP.match(c.template) or not is_act(c, *window):
        return None
    said = set(_NAME_WORD.findall(c.template.lower()))
    return next((m for t, words, m in objects if 0 <= c.first_seen.timestamp() - t <= CHANGE_SET_S and len(said & words) >= 2), None)


_SETTING = re.compile(r"(?<![\w.-])[A-Za-z_][\w.-]*=(?!=)[^\s,;&=]+")
_VERSION = re.compile(r"(?<![\w.])v?\d+\.\d+\.\d+(?:[-+][\w.]+)?(?![\w.])")


def _deploys(mining: MiningResult, window: tuple[float, float]) -> list[tuple[float, list[str], SignatureMatch]]:
    """(when it took effect, the workloads it changed, its match) of each one-off deploy."""
    out = []
    for c in mining.clusters:
        if c.first_seen is None or c.count > ONE_OFF_CHANGES or not is_act(c, *window):
            continue
        m = next((m for m in match_signatures(c, roles=("change",)) if m.signature.id == "deploy"), None)
        if m is not None:
            out.append((took_effect(c).timestamp(), c.services, m))  # type: ignore[union-attr]
    return out


def _is_deploy_step(v: ClusterView) -> bool:
    """Is this change a deploy or a step of one (its rollout, a new instance's first line)?"""
    return v.change_match is not None and v.change_match.signature.id == "deploy"


def _starts_deploy(v: ClusterView) -> bool:
    """Is this a new instance's first line after a deploy (`_starting_up`)?"""
    return v.takes_up and _is_deploy_step(v)


def _states_settings(c: ClusterStats) -> bool:
    """Does this line state settings (two key=value pairs or more)?"""
    return any(len(_SETTING.findall(line)) >= 2 for line in c.samples or [c.template])


def _starting_up(c: ClusterStats, deploys: list[tuple[float, list[str], SignatureMatch]],
                 window: tuple[float, float]) -> SignatureMatch | None:
    """The deploy (its match) whose new instances this line is the first word of, else None: a
    one-off (`changes.is_act`) of the deployed workload, first logged within CHANGE_LEAD_S after the
    deploy took effect, that states the settings it runs with (two key=value pairs or more:
    'listener ready: idle_ms=5000 max_conns=64') or its own version ('billing 4.1.0
    starting'). A new instance's first lines are where a deploy took effect, and say what changed."""
    if c.first_seen is None or not is_act(c, *window):
        return None
    lines = c.samples or [c.template]
    settings = _states_settings(c)
    for t, services, m in deploys:
        if not 0 < c.first_seen.timestamp() - t <= CHANGE_LEAD_S or not _same_object(services, c.services):
            continue
        if settings or any(_VERSION.search(line) and any(s.lower() in line.lower() for s in c.services) for line in lines):
            return m
    return None


def _stated_change(c: ClusterStats, onset: Onset, window: tuple[float, float]) -> SignatureMatch | None:
    """A configuration change (its match) stated by a line below WARNING that no change signature
    knows, else None: an act (`changes.is_act`, or once per instance: `changes.once_per_instance`;
    ONE_OFF_CHANGES entries at most, or one per instance), not a DEBUG line,
    first logged within LEAD_MINUTES before an onset (or in its minute) of a window that does not
    open on the failure, whose words state what changed (`changes.states_change`: a value set, a
    file's diff, a version moved, a bulk operation started). "What changed just before it broke?"
    includes a program reloading its config with a new value or a host upgrading a package. Routines
    (a config dump on every restart, a cron run) repeat and are no act; a window without an onset
    has nothing for a change to come before."""
    if onset.minute is None or onset.ongoing_from_start or c.first_seen is None or c.http_statuses or c.severity == "DEBUG":
        return None
    if not -60 < onset.minute * 60 - c.first_seen.timestamp() <= LEAD_MINUTES * 60:
        return None
    if c.count > max(ONE_OFF_CHANGES, c.instances) or not (is_act(c, *window) or once_per_instance(c, *window)):
        return None  # (an act is logged once, or once by each instance it was done on)
    if not any(states_change(line) for line in said_lines(c)):
        return None
    config_change = signature_by_id("config-change")  # what a stated change is
    assert config_change is not None
    return SignatureMatch(config_change)


def _states_new_value(v: ClusterView) -> bool:
    """Is this a stated change (`_stated_change`) that says what something became
    (`changes.states_new_value`)? Within its act it says what the others only say was done."""
    return v.stated and any(states_new_value(line) for line in said_lines(v.cluster))


def _own_failure_after_stated(change: ClusterView, failures: Sequence[ClusterView]) -> bool:
    """Does the program that stated a change (`_stated_change`) then fail in its own words
    (`_changed_program_fails_on_its_own`)?"""
    return change.stated and _changed_program_fails_on_its_own(change, failures)


def _changed_program_fails_on_its_own(change: ClusterView, failures: Sequence[ClusterView]) -> bool:
    """Does the program a change was made on then fail in its own words (`_own_reason`: an
    exception that says why)? Its code met the new value and says what went wrong: that failure
    is the finding, the change its context."""
    return any(_own_reason(f) and _same_object(change.cluster.services, f.cluster.services) for f in failures)


_NO_REASON = words("no_reason")


def gives_no_reason(c: ClusterStats, signature: str | None) -> bool:
    """Does a failure say only that a call or the process failed (a wait that ran out, a refused
    connection, a kill by a signal: `no_reason`, or a waiting signature), not why in the program's
    own terms? Its reason lies with what it waited on, which its own lines do not show."""
    return (signature in WAITING and not _refuses_clients(c)) or bool(_NO_REASON.search(readable_text(c)))


def _own_reason(v: ClusterView) -> bool:
    """Does a failure say why in the program's own terms (an exception, a panic, a rejected
    message)? After a deploy, that is new code's own failure and the finding; one that
    `gives_no_reason` is the deploy's symptom."""
    return v.role == "cause" and v.cluster.errors > 0 and not gives_no_reason(
        v.cluster, v.cause_match.signature.id if v.cause_match else None)


DEPLOY_SETTINGS = frozenset({"permissions", "configuration"})
"""Failure categories that name what a deploy sets besides its code: the identity it runs as,
its environment, its settings and limits."""
DEPLOY_TARGETS = frozenset({"datastore-failover"})
"""Failures (signature ids) that name where a deploy points its code: writes refused by a
read-only replica are a connection string's doing when they start with the deploy."""


def _new_code_fails_on_its_own(deployed: list[ClusterView], burst: list[tuple[float, float, ClusterView]]) -> bool:
    """After a deploy, is a failure of the deployed workload new code's own (`_own_reason`), the
    finding with the deploy its rollback advice? Not when, by the time that one began, another
    component (the platform's audit of the calls, the database) logged a failure of the burst
    that names access, identity or configuration (DEPLOY_SETTINGS: a permission denied) or where
    the code was pointed (DEPLOY_TARGETS): that is the deploy's configuration, and new code's
    error its echo. When the workload itself says which setting is wrong, that line is the finding."""
    if not deployed:
        return False
    ours = [(lo, f) for lo, _, f in burst if any(_same_object(d.cluster.services, f.cluster.services) for d in deployed)]
    if not any(_own_reason(f) for _, f in ours):
        return False
    setting = min((lo for lo, _, f in burst if (m := f.cause_match) is not None and all(f is not g for _, g in ours)
                   and (m.signature.category in DEPLOY_SETTINGS or m.signature.id in DEPLOY_TARGETS)), default=math.inf)
    return any(lo < setting for lo, f in ours if _own_reason(f))


def _states_diff(c: ClusterStats) -> bool:
    """Does this change say what a setting went from and to (`changes.setting_diffs`)?"""
    return any(setting_diffs(line) for line in said_lines(c))


def _failure_start(c: ClusterStats) -> tuple[float, float]:
    """When a failure stream began in earnest, as the earliest and latest time it may have: its
    first entry, unless its first minutes hold only stray lines (under a quarter of its median
    minute); then some time in the first minute at that level (only its count is known)."""
    assert c.first_seen is not None
    first = c.first_seen.timestamp()
    busy = _first_busy_minute(c)
    if busy is None or busy * 60 <= first or int(first // 60) not in c.timeline:  # (no count for its first minute: not stray)
        return first, first
    return float(busy * 60), float(busy * 60 + 59)


def _parallel_to(c: ClusterStats, t_change: float, last_minute: int) -> bool:
    """Was this failure already running before the change, at a rate the change did not raise
    (PARALLEL_RATIO)? Then it is another failure beside the burst, not the change's symptom, and
    it does not mean the failures began before the change. Whole minutes only: the change's own
    minute counts on neither side."""
    minute = int(t_change // 60)
    if c.first_seen is None or c.first_seen.timestamp() >= minute * 60:
        return False
    first = int(c.first_seen.timestamp() // 60)
    before = sum(n for m, n in c.timeline.items() if m < minute)
    after = sum(n for m, n in c.timeline.items() if m > minute)
    return after / max(1, last_minute - minute) <= PARALLEL_RATIO * before / max(1, minute - first)


def _changed(change: ClusterStats) -> list[str]:
    """The names of what a change touched (`culprit.changed_names`), over its samples."""
    return sorted({n for line in change.samples or [change.template] for n in changed_names(line)})


def _ddl_tables(change: ClusterStats) -> set[str]:
    """The tables a schema change's DDL statements name (`culprit.ddl_tables`), over its samples."""
    return {t for line in change.samples or [change.template] for t in ddl_tables(line)}


def _changed_kinds(line: str) -> set[str]:
    """The kind of object an audit line changed, in the singular, as a failure names it
    (`culprit.changed_object`: '…/buckets/assets-origin' -> 'bucket'); none when it names none."""
    obj = changed_object(line)
    return {obj[0].lower()} if obj else set()


def _on_the_path(change: ClusterStats, failure: ClusterStats, named: set[str]) -> bool:
    """Could this configuration change stop these calls? It touches what decides which calls get
    through (a network object, an IAM binding), or the failing service itself (its flag, its
    settings), or it names something the failure names (the host, the secret). A change to
    something else (a queue's rate, another bucket's access) is a coincidence in time."""
    text = _what_changed(change)
    return gates_calls(text) or _same_object(change.services, failure.services) or bool(_names(text) & named)


_PARTS = re.compile(r"[-_.]")


def _same_object(changed: list[str], failing: list[str]) -> bool:
    """Is what the change touched the failing service, or named after it ('checkout-config' for
    checkout: its name's parts run inside the other's)? Names under four characters are too common
    to tell."""
    for a in changed:
        for b in failing:
            pa, pb = _PARTS.split(a.lower()), _PARTS.split(b.lower())
            short, long = (pa, pb) if len(pa) <= len(pb) else (pb, pa)
            if len("-".join(short)) >= 4 and any(long[i:i + len(short)] == short for i in range(len(long) - len(short) + 1)):
                return True
    return False


def _what_changed(change: ClusterStats) -> str:
    """A change's text without who made it (see culprit.what_changed)."""
    return what_changed(readable_text(change))


# a dotted or underscored identifier (culprit.DOTTED_NAME), or a name of three or more hyphenated
# parts (a secret, a bucket, a policy: 'payments-api-key')
_NAME = re.compile(rf"{DOTTED_NAME}|\b[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+){{2,}}\b")


def _names(text: str) -> set[str]:
    """The identifiers a text names, with each dotted part on its own ('orders.client_ref' also
    gives 'client_ref'), lowercased: what a change and a failure can have in common."""
    out = set()
    for m in _NAME.finditer(text):
        name = m.group(0).lower()
        out.add(name)
        out.update(p for p in name.split(".") if "_" in p or len(p) >= 6)
    return out


def _wrapper_line(v: ClusterView) -> bool:
    """A web framework's own line that a request raised ("Exception on /x [GET]", "Error handling
    request"), with no exception named in it (its trace, if any, was not folded into it)."""
    c = v.cluster
    return (any(m.signature.role == "impact" and m.signature.impact == "failed-requests" for m in v.matches)
            and not c.exception and not _NAMED_EXCEPTION.search(c.template) and not c.stack)


def _score(v: ClusterView, onset_ts: int | None, firsts: list[int], out_n: int, in_n: int, baseline: bool = True,
           mid: bool = False, opens_on_failure: bool = False, window_start: float | None = None) -> None:
    """The cause score. `mid`: the window opens with the incident under way, so its onset is
    before the window and a stream first seen minutes into it is no closer to it than one
    running from the first second: no onset credit; the order of first sightings still counts,
    and with `opens_on_failure` (a window long enough to trust that reading) a stream running
    from the first second is first in that order."""
    c = v.cluster
    warns = says_warning(c)
    err_share = c.errors / c.count if c.count and not warns else 0.0
    # a known failure in a line with no level at all (a host's syslog, the kernel, flow records:
    # the platform sets none) stands at a warning's level; a writer's own INFO does not
    unlevelled = c.severity == "DEFAULT" and v.cause_match is not None
    score = 1.0 * err_share + (0.4 if SEVERITY_RANK.get(c.severity, 0) >= WARNING_RANK and (warns or not c.errors) or unlevelled else 0.0)
    reasons: list[str] = []
    first = c.first_seen.timestamp() if c.first_seen else None
    if onset_ts is not None and first is not None and mid and (v.new or opens_on_failure):
        reasons.append("first seen after the window opened on an incident already under way" if v.new
                       else _unseen_start(first, window_start, "present since the window opened") + " on an incident already under way: among the earliest signs")
        if firsts:
            rank = firsts.index(int(first // 10)) if int(first // 10) in firsts else len(firsts)
            score += 0.6 / (1 + rank)
    elif onset_ts is not None and first is not None and not v.new and v.role != "change":
        # a change is an event logged when it was made, not a stream that might have run unseen
        reasons.append(_unseen_start(first, window_start, "present since the window opened: its start is not in these logs"))
    elif onset_ts is not None and first is not None:
        lead_min = (onset_ts - first) / 60  # positive: appeared before the onset
        if -LATE_MINUTES <= lead_min <= LEAD_MINUTES:
            score += 1.2
            reasons.append("first seen at the onset of the error burst" if lead_min < 1 else "first seen shortly before the error burst")
        elif lead_min < -LATE_MINUTES:
            score -= min(1.5, 0.15 * (-lead_min))
            reasons.append("first seen after the burst had started")
        if baseline and (v.before == 0 or v.new and lead_min <= 2):  # (minutes are coarse: a start a second before the onset's minute is new)
            score += 0.5
            reasons.append("absent from the baseline")
        # order of first appearance among candidates, in 10 s steps
        if firsts:
            rank = firsts.index(int(first // 10)) if int(first // 10) in firsts else len(firsts)
            score += 0.6 / (1 + rank)
    words = _words(c.template)
    if words < 3:
        score -= 0.5  # says too little to name a failure ("Stdout: u''", "Exit code: <NUM>")
    if (_NAMED_EXCEPTION.search(c.template) or c.exception) and not warns:
        score += 0.3  # names the exception: a headline, not a continuation line
    if v.cause_match:
        score += v.cause_match.signature.weight
        reasons.append(f"matches the '{_sentence_case(v.cause_match.signature.title)}' failure signature")
    elif _wrapper_line(v):
        score -= 0.8
        reasons.append("a framework's line that a request raised, naming no exception: the exception it wraps is the finding")
    if v.surged:
        reasons.append("its rate rose many times over at the onset, from a trickle before it")  # no number: reasons are shown
    if v.role == "symptom":
        score -= 2.0
    elif v.role == "noise":
        score -= 2.5
        reasons.append("steady before the onset: background noise")
    elif v.role == "change":
        score -= 0.3
    if out_n:
        score += min(0.6, 0.15 * math.log2(1 + out_n))
        reasons.append("seen just before other errors on the same instance or trace")
    if in_n and not v.cause_match:
        score -= min(0.4, 0.1 * math.log2(1 + in_n))
    score += 0.1 * math.log10(1 + c.count)
    v.score = round(score, 2)
    v.reasons = reasons


def _unseen_start(first: float, window_start: float | None, opened: str) -> str:
    """Why a stream is not provably new: it was there in the window's first minute (`opened`), or
    it is too sparse for a quiet start to prove it began inside the window."""
    if window_start is None or first - window_start < 60:
        return opened
    return "too sparse to tell when it started (at its rate it may have run unseen since the window opened)"


def _sentence_case(title: str) -> str:
    """A title inside a sentence: its first letter lowered, but not an acronym's ('DNS resolution
    failure') or a class name's ('TypeError')."""
    return title[:1].lower() + title[1:] if title[1:2].islower() else title


EXTRA_CHANGES = 5  # change events kept past the candidates' cap: a report must show what was changed in its window


def candidates_from(views: list[ClusterView], limit: int = 10) -> list[Candidate]:
    """The best `limit` causes and changes, then up to EXTRA_CHANGES more change events made in
    the window (provably new: an operator's delete, a bucket's update; not a controller's lease
    renewals running all along). A quiet change ranked below ten louder errors is still what an
    engineer looks for first, and the report holds only the clusters it ranks."""
    out: list[Candidate] = []
    extra: list[Candidate] = []
    for v in views:
        if v.role not in ("cause", "change"):
            continue
        if len(out) >= limit and not (v.role == "change" and _made_in_window(v) and len(extra) < EXTRA_CHANGES):
            continue
        m = v.cause_match or v.change_match
        reason = "; ".join(v.reasons) or "warning or error in the window"
        (out if len(out) < limit else extra).append(
            Candidate(
                cluster_id=v.cluster.id,
                score=max(0.0, v.score),  # a ranking score; below zero it only says "unlikely"
                reason=reason[0].upper() + reason[1:],
                role=v.role,  # type: ignore[arg-type]
                signature=m.signature.id if m else None,
                category=m.signature.category if m else v.wait_category or _fallback_category(v.cluster),
                echo_of=v.echo_of,
                surged=v.surged,
                precursor=v.precursor,
                first_signal=v.first_signal,
                explains=v.explains,
                waited_on=v.waited_on,
            )
        )
    return out + extra


def _made_in_window(v: ClusterView) -> bool:
    """A change made inside the window: provably new, or an act (an action's match survives only
    on a one-off that started after the window opened: `changes.is_act`), however sparse."""
    return v.new or any(m.signature.action for m in v.matches)


def _fallback_category(c: ClusterStats) -> str:
    """No known failure mode matched: an error a database logs itself is a database's failure; an
    error the application raised or logged itself is most likely a code bug; anything else stays
    'other'."""
    if c.errors and is_datastore(c.services):
        return "database"  # a database's own error log
    return "code-bug" if c.exception or c.errors or _NAMED_EXCEPTION.search(c.template) else "other"


# --------------------------------------------------------------------------- cascades: callers that wait

# Signatures that say a caller is waiting on something slower than itself (a dependency's answer,
# a pooled connection, the database): its errors are the callers' view of a slow callee.
WAITING = frozenset({"upstream-timeout", "pool-exhaustion", "db-timeout"})
SAME_TIME_S = 5.0  # a callee's signal logged this soon after its callers began to wait changed with them

# A mesh sidecar's (Envoy: Istio, Anthos Service Mesh) record of a call its pod made out that got no
# good answer: status 0 (no response: reset, timed out, abandoned) or 5xx; the upstream cluster
# names the callee ('outbound|7000||currency.ns.svc.cluster.local').
_MESH_FAILED = re.compile(r"\"[A-Z]+ \S+ HTTP/[\d.]+\" (?:0|5\d\d) \S+.*?" + OUTBOUND_CLUSTER + r"([A-Za-z0-9][\w-]*)")


def mesh_callee(c: ClusterStats) -> str:
    """The service a mesh proxy's failed outbound calls were made to, or ''."""
    text = c.samples[0] if c.samples else c.template
    if "outbound|" not in text:
        return ""
    m = _MESH_FAILED.search(text)
    return m.group(1) if m else ""




def _waits(v: ClusterView) -> bool:
    """Does the cluster say its writer waits on someone slower? A database refusing connections
    because its own slots are full ('too many clients') is the callee speaking, not a caller."""
    m = v.cause_match
    return m is not None and m.signature.id in WAITING and not _refuses_clients(v.cluster)


def _refuses_clients(c: ClusterStats) -> bool:
    """A datastore's own line saying its connection slots are full: the callee refusing."""
    return is_datastore(c.services) and bool(SERVER_SIDE_POOL.search(readable_text(c)))


def _subjects(c: ClusterStats) -> set[str]:
    """The services a cluster speaks for: a mesh proxy's failed calls speak for the callee."""
    callee = mesh_callee(c)
    return {callee} if callee else set(c.services)


def _callees_of_waiting_callers(views: list[ClusterView], quiet: list[ClusterStats], onset: Onset,
                                first_minute: int, last_minute: int, window_start: float) -> list[ClusterView]:
    """When the errors at the onset are callers waiting (timeouts, pool waits), what they wait on
    may log its change below WARNING (a slow-query log, a proxy's record of calls it abandoned):
    a stream of another service that starts at the onset, no later than the first wait, is a
    candidate like a warning would be. Streams of the waiting services themselves are not."""
    if onset.minute is None or onset.ongoing_from_start:
        return []
    waiting = [v for v in views if _waits(v) and v.new and v.cluster.errors and v.cluster.first_seen is not None]
    if not waiting:
        return []
    first_wait = min(v.cluster.first_seen.timestamp() for v in waiting)  # type: ignore[union-attr]
    # services that log warnings or errors of their own from the onset speak for themselves
    loud = {s for v in views if v.new for s in v.cluster.services}
    out = []
    for c in quiet:
        if c.first_seen is None or c.first_seen.timestamp() > first_wait + SAME_TIME_S or set(c.services) & loud:
            continue
        if c.exception or is_fragment(c.template) or _NAMED_EXCEPTION.search(c.template):
            continue  # a piece of a trace written at the stream's default level, not a signal of its own
        v = ClusterView(c, [])
        v.before, v.during, v.pre_rate, v.post_rate = _split_counts(c, onset, first_minute, last_minute)
        v.new = provably_new(c, window_start)
        out.append(v)
    return out


def _waiting_callers_below_callee(views: list[ClusterView]) -> None:
    """Cascades: callers that wait (timeouts, pool waits) rank below the service they wait on when
    that service's own signal changed first or with them (a warning, a probe, a slow-query log, a
    proxy's failed calls to it), though it is quieter: the wait says someone else is slow, the
    callee's signal says who. The callee is the service the caller's words name, else the one
    other service whose own signal (not a wait of its own, nor a change: a deploy the waits do not
    name is no sign that its service is slow) started by the time the waits began."""
    _proxy_below_callee(views)
    callees = [w for w in views if w.role in ("cause", "change") and w.new and w.cluster.first_seen is not None
               and not _waits(w) and not w.parallel]
    if not callees:
        return
    waiting: dict[str, ClusterView] = {}  # a waiting caller's service -> the callee signal it waits on
    for v in views:
        if v.role != "cause" or not _waits(v) or v.cluster.first_seen is None:
            continue
        mine = set(v.cluster.services)
        t = v.cluster.first_seen.timestamp()
        # a wait lasts: the callee's errors come before the first one times out (a second or
        # more); its quieter signals (warnings, a proxy's record, a slow-query log) may be
        # written as the waits begin
        near = [w for w in callees if not _subjects(w.cluster) & mine
                and w.cluster.first_seen.timestamp() <= t + (-1.0 if w.cluster.errors else SAME_TIME_S)]  # type: ignore[union-attr]
        text = own_words(v.cluster)
        named = [w for w in near if names_any(text, sorted(_subjects(w.cluster)))]
        if not named:  # a change the waits do not name is no callee's signal: whether it explains them is
            near = [w for w in near if w.role == "cause"]  # `_change_explains_failed_calls`' to judge
        if not named and v.cause_match.signature.category == "database":  # type: ignore[union-attr]
            # waits for the database: on a datastore's own signal (a change to one is for _change_explains_failed_calls)
            named = [w for w in near if w.role == "cause" and is_datastore(sorted(_subjects(w.cluster)))]
        if not named and (len({s for w in near for s in _subjects(w.cluster)}) != 1 or HOST_PORT.search(text)):
            continue  # no name, and no single other service changed (or the caller names a host of its own): no callee to point at
        top = max(named or near, key=lambda w: w.score)
        if not top.waited_on:
            top.waited_on = ", ".join(sorted(_subjects(top.cluster)))
            top.wait_category = v.cause_match.signature.category  # type: ignore[union-attr]  # what the waits are on
        for svc in mine:
            waiting[svc] = max((top, waiting.get(svc, top)), key=lambda w: w.score)
        _below(v, top, f"it waits on {', '.join(sorted(_subjects(top.cluster)))}, whose own signal "
                       f"(cluster {top.cluster.id}) changed by the time the waits began")
    # a waiting caller's other errors since the callee changed (the failed answer it then gives,
    # the wrapper of its timeout) are its view of the same slow callee
    for v in views:
        tops = [w for svc in v.cluster.services if (w := waiting.get(svc)) is not None and w is not v]
        if v.role != "cause" or _waits(v) or not tops or v.cluster.first_seen is None or v.waited_on:
            continue
        top = max(tops, key=lambda w: w.score)
        if v.cluster.first_seen >= top.cluster.first_seen:  # type: ignore[operator]
            _below(v, top, f"its service waits on {top.waited_on}, whose own signal (cluster {top.cluster.id}) changed first")


def _below(v: ClusterView, top: ClusterView, reason: str) -> None:
    """A caller's view of the callee signal `top`: ranked just below it, and no rival explanation."""
    v.echo_of = v.echo_of or top.cluster.id
    if top.score <= v.score:
        v.score = round(top.score - 0.01, 2)
        v.reasons.append(reason)


def _proxy_below_callee(views: list[ClusterView]) -> None:
    """A mesh proxy's record of failed calls speaks for the callee only while the callee says
    nothing itself: the callee's own signal (a kill, a warning) logged by the time the failed calls
    began, or just after, is the better evidence and ranks above it."""
    for v in views:
        callee = mesh_callee(v.cluster) if v.role == "cause" else ""
        if not callee or v.cluster.first_seen is None:
            continue
        t = v.cluster.first_seen.timestamp()
        own = [w for w in views if w is not v and w.role in ("cause", "change") and callee in w.cluster.services
               and w.cluster.first_seen is not None and -LEAD_MINUTES * 60 <= w.cluster.first_seen.timestamp() - t <= SAME_TIME_S]
        if own:
            top = max(own, key=lambda w: w.score)
            v.score = round(min(v.score, top.score - 0.01), 2)
            v.reasons.append(f"a proxy's record of calls to {callee}, which logs its own failure (cluster {top.cluster.id})")


# A caller's error that quotes a server error it was answered with: a client exception for a 5xx
# (Spring's HttpServerErrorException, 'server error 503'), a JSON error body with a 5xx status,
# 'status code 502', '503 Service Unavailable'. (Lowercased text.)
_QUOTED_5XX = re.compile(r"httpservererrorexception|server ?error(?:exception)?\W{1,4}5\d\d\b|\"status\"\s*:\s*5\d\d\b"
                         r"|\bstatus(?: code)?[ :=]+5\d\d\b|\b5\d\d (?:internal server error|bad gateway|service unavailable"
                         r"|gateway time-?out)")


def _server_error_answers_below_their_source(views: list[ClusterView]) -> None:
    """A caller logging the server error another service answered it with reports that service's
    failure: it ranks below the best signal of another service that started by the time it did
    (the answering service's own error, or what that service waits on), however loud it is."""
    starts = [w for w in views if w.role in ("cause", "change") and w.new and w.cluster.first_seen is not None and not w.parallel]
    for v in views:
        if v.role != "cause" or v.cluster.first_seen is None or v.waited_on or not _QUOTED_5XX.search(own_words(v.cluster)):
            continue
        mine = set(v.cluster.services)
        t = v.cluster.first_seen.timestamp()
        earlier = [w for w in starts if w is not v and not _subjects(w.cluster) & mine and w.cluster.first_seen.timestamp() <= t]  # type: ignore[union-attr]
        if earlier:
            top = max(earlier, key=lambda w: w.score)
            _below(v, top, f"it quotes a server error it was answered with, while cluster {top.cluster.id} of "
                           f"{', '.join(sorted(_subjects(top.cluster)))} started first")


# an error code as a program writes it: words joined by underscores, in capitals
# (LOCK_WAIT_EXCEEDED) or given as a value after a label ('reason: queue_overflowed'); not
# a key ('required_responses': 2, channel_id=5), a call (self.dispatch_request()) or a name in a
# sentence (a task, a metric: 'task refresh_counters failed')
_CODE = re.compile(r"(?<![.\w])(?:[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|(?:(?<=[:=] )|(?<=[:=]))[a-z][a-z0-9]*(?:_[a-z0-9]+)+)\b(?!['\"]?\s*[:=(])")
CODE_WORD_CLUSTERS = 2  # a word of a code that at most this many templates write out as a word is the failure's own
CODE_WORD_MIN = 5  # shorter words ('too', 'many', 'read') say nothing of which failure it is


def _code_words(text: str) -> set[str]:
    """The words of the error codes a text carries ('queue_overflowed' -> 'queue', 'overflowed')."""
    return {w for m in _CODE.finditer(text) for w in m.group(0).lower().split("_") if len(w) >= CODE_WORD_MIN and w.isalpha()}


def _clients_quoting_the_server(views: list[ClusterView], onset_ts: int, mining: MiningResult) -> None:
    """A client's error that carries the error code the server sent back (LOCK_WAIT_EXCEEDED,
    a refusal's queue_overflowed) is the server's failure as its client saw it: when another service
    logs that failure in its own words ('lock wait exceeded on table ledger', 'dispatch queue
    overflowed, dropping') and it started with the onset, that line is the first-hand account, and the
    client's ranks below it, whichever was logged first (a server may log a failure once it is
    done, or only every so often). Only a word of the code that few clusters share links them
    ('exceeded' or 'invalid' would link any two failures), found in the server's template: its
    own words, not a parameter (a URL, a name)."""
    templates = [c.template.lower() for c in mining.clusters]
    servers = [w for w in views if w.role == "cause" and w.new and not w.parallel and w.cluster.first_seen is not None
               and (w.cluster.errors or SEVERITY_RANK.get(w.cluster.severity, 0) >= WARNING_RANK)
               and -LEAD_MINUTES * 60 <= onset_ts - w.cluster.first_seen.timestamp() <= LATE_MINUTES * 60]
    for v in views:
        if v.role != "cause" or v.cluster.first_seen is None:
            continue
        codes = _code_words(readable_text(v.cluster))
        rare = {word for word in codes if sum(bool(_as_word(word).search(t)) for t in templates) <= CODE_WORD_CLUSTERS}
        if not rare:
            continue
        mine = set(v.cluster.services)
        own = [w for w in servers if w is not v and not set(w.cluster.services) & mine
               and any(_as_word(word).search(text := w.cluster.template.lower()) for word in rare)
               and not _code_words(text) & rare]  # the server says it in words, not in the code
        if own:
            top = max(own, key=lambda w: w.score)
            _below(v, top, f"it carries the error code the server sent back, while cluster {top.cluster.id} of "
                           f"{', '.join(sorted(top.cluster.services))} logs that failure in its own words")


# Follow the harm back, not the clock: the cause is the stream the harm's own lines lead back to
# (its service and instances, a trace, its words), which may start minutes before or after the
# onset; a stream that happens to start near the onset but links to no harm but its own is not it.
HARM_LATE_S = LATE_MINUTES * 60  # a stream first seen this long after a harm began did not start that harm


def _harm_streams(views: list[ClusterView]) -> list[ClusterView]:
    """What users or jobs saw fail, as streams not in the background: symptoms, served requests
    answered with a server error, and the lines that measure harm (failed operations, timeouts,
    dead letters)."""
    return [v for v in views if v.cluster.first_seen is not None and v.role != "noise"
            and (v.role == "symptom" or any(s >= 500 for s in v.cluster.http_statuses) or impact_kind(v.cluster) is not None)]


def _leads_to(v: ClusterView, harm: ClusterView, links: set[tuple[str, str]]) -> bool:
    """Is `v` where that harm comes from on its own ground: logged before it on the same trace or
    instance (a mined link), or by the same service's instances up to LEAD_MINUTES before it began?"""
    if v is harm or v.cluster.first_seen is None or harm.cluster.first_seen is None:
        return False
    if (v.cluster.id, harm.cluster.id) in links:
        return True
    lead = harm.cluster.first_seen.timestamp() - v.cluster.first_seen.timestamp()
    return (bool(set(v.cluster.services) & set(harm.cluster.services)) and _same_instances(v.cluster, harm.cluster)
            and -SAME_TIME_S <= lead <= LEAD_MINUTES * 60)


def _linked_to_harm(views: list[ClusterView], harms: list[ClusterView], links: set[tuple[str, str]]) -> set[str]:
    """The clusters a harm stream other than their own leads back to: by service (the harm is
    logged by the same service), a trace or instance link either way, or the harm's words naming
    their service; then, through callers' views ranked below another cluster (an echo, a quote, a
    wait), the cluster they were ranked below."""
    linked: set[str] = set()
    for v in views:
        for h in harms:
            if h is v:
                continue
            if ((v.cluster.id, h.cluster.id) in links or (h.cluster.id, v.cluster.id) in links or h.echo_of == v.cluster.id
                    or set(v.cluster.services) & set(h.cluster.services) or names_any(own_words(h.cluster), v.cluster.services)):
                linked.add(v.cluster.id)
                break
    by_id = {v.cluster.id: v for v in views}
    todo = list(linked)
    while todo:
        v = by_id[todo.pop()]
        if v.echo_of and v.echo_of in by_id and v.echo_of not in linked:
            linked.add(v.echo_of)
            todo.append(v.echo_of)
    return linked | {v.cluster.id for v in views if v.waited_on}


def _follow_the_harm_back(views: list[ClusterView], mining: MiningResult) -> None:
    """The best cause yields to the stream the harm leads back to when nothing but its own lines
    link it to any harm, and either it only waits on someone (its timeouts explain themselves, not
    the others' failures) or it began more than HARM_LATE_S after that harm was already under way
    (it cannot have started it). The stream the harm leads back to is the earliest error (or
    known failure) logged before a harm stream of another cluster on its trace, or by its
    service's same instances (`_leads_to`): ties go to the line naming an exception, then to the
    score."""
    causes = [v for v in views if v.role == "cause" and v.cluster.first_seen is not None]
    if not causes:
        return
    top = max(causes, key=lambda v: v.score)
    harms = _harm_streams(views)
    links = {(link.source, link.target) for link in mining.links}
    if top.cluster.id in _linked_to_harm(views, harms, links):
        return
    t = top.cluster.first_seen.timestamp()  # type: ignore[union-attr]
    waits = _waits(top) or impact_kind(top.cluster) == "timeouts"
    led = [(h, v) for h in harms if h is not top for v in causes
           if v is not top and v.echo_of is None and not v.parallel and (v.cluster.errors or v.cause_match) and _leads_to(v, h, links)
           and (waits or t - h.cluster.first_seen.timestamp() > HARM_LATE_S)]  # type: ignore[union-attr]
    if not led:
        return
    harm, leader = min(led, key=lambda hv: (int(hv[1].cluster.first_seen.timestamp()),  # type: ignore[union-attr]
                                            not _headline(hv[1].cluster), -hv[1].score))
    leader.score = round(max(leader.score, top.score + 0.01), 2)
    why = "only waits on another" if waits else "began minutes after that harm was under way"
    leader.reasons.append(f"the harm logged in cluster {harm.cluster.id} leads back to it (same trace, or same service "
                          f"and instances, just before); cluster {top.cluster.id} links to no harm but its own and {why}")


CALLEE_LATE_S = LATE_MINUTES * 60  # a callee may log its own diagnosis this long after its callers failed


def _callee_diagnosis_after_its_callers(views: list[ClusterView]) -> None:
    """A callee may log why it failed after its callers report the failure (a read fails at once;
    the datastore's checksum or corruption line comes with its next compaction or retry): a
    caller's error that names the callee's service, or says it came from a datastore when the
    callee is one, ranks below the callee's own error (else its warning) first logged up to
    CALLEE_LATE_S after it. Not when the caller says why itself (a cause signature other than a
    failed call), was answered with a 4xx (a client sending bad requests is the culprit; its
    callee's rejections follow it), or when the callee's line is a restart (an after-effect). The
    caller's stream must be new in the window (the callee's lines are timed against its start),
    and neither a datastore's own line nor a server its callers are already ranked below; lines
    that start together are the other rules' to pair (`_clients_quoting_the_servers_words`)."""
    callees = [w for w in views if w.role == "cause" and not w.parallel and w.echo_of is None and w.cluster.first_seen is not None
               and not w.symptom_match and (w.cluster.errors or SEVERITY_RANK.get(w.cluster.severity, 0) >= WARNING_RANK)]
    if not callees:
        return
    for v in views:
        c = v.cluster
        m = v.cause_match
        if (v.role != "cause" or not c.errors or c.first_seen is None or v.echo_of or not v.new or is_datastore(c.services)
                or m is not None and m.signature.id not in REACHABILITY | WAITING
                or any(u.echo_of == c.id for u in views)):  # (already the server its callers are ranked below)
            continue
        text = own_words(c)
        if any(400 <= s < 500 for s in _quoted_statuses(text)) or any(400 <= s < 500 for s in c.http_statuses):
            continue
        t = c.first_seen.timestamp()
        mine = set(c.services)
        later = [w for w in callees if not set(w.cluster.services) & mine
                 and 0 < w.cluster.first_seen.timestamp() - t <= CALLEE_LATE_S]  # type: ignore[union-attr]
        named = [w for w in later if names_any(text, w.cluster.services)]
        if not named and is_datastore([text]):
            named = [w for w in later if is_datastore(w.cluster.services)]
        if len({s for w in named for s in w.cluster.services}) != 1:
            continue  # no callee, or more than one: nothing to point at
        top = max(named, key=lambda w: (bool(w.cluster.errors), w.score))  # its own error, else its warning
        _below(v, top, f"a caller's report of the failure that {', '.join(top.cluster.services)} diagnoses itself "
                       f"in cluster {top.cluster.id}, logged after its first failures")  # (no number: reasons are shown)


# --------------------------------------------------------------------------- a fault injected on purpose

_FAULT_UNDONE = words("fault_undone")
_DELETE_METHOD = re.compile(r"^[\w.-]*\.delete\w*\s+OK\b", re.IGNORECASE)
FAULT_OUTLAST_S = 120  # failures still logged this long after the tool took its fault out are not its doing
FAULT_START_S = LATE_MINUTES * 60  # a fault put in this soon after the onset may still be what started the failures after it


def _fault_tool(c: ClusterStats) -> bool:
    """Is this a fault-injection tool's own line: one that says in its own words that it puts a
    fault in on purpose (`culprit.names_fault`: a chaos experiment, a proxy's toxic, a game day)?
    A report of its work, not a failure (no error, below WARNING, no request)."""
    if c.http_statuses or c.errors or SEVERITY_RANK.get(c.severity, 0) >= WARNING_RANK or c.first_seen is None or c.last_seen is None:
        return False  # (a failure that names a host of a 'chaos-lab' is no tool's line)
    return names_fault(readable_text(c))


def _fault_in_effect(views: list[ClusterView], onset_ts: int, mining: MiningResult) -> None:
    """A fault injected on purpose and still in effect when the failures began explains them: the
    tool's own line (`_fault_tool`: an experiment applied, a toxic added, an injector's command or
    its status while the fault holds) leads the failures, whatever their kind, when it was logged
    before the onset (or in its first minute: FAULT_START_S), the tool did not say it took the fault
    out (`fault_undone`) before the onset, the failures it explains began while it held (or ran
    since the window opened, while its status ran too) and did not outlast its removal by more
    than FAULT_OUTLAST_S (failures that go on after it are another's). Its first line leads (what
    was put in, and where); only when the best finding is a failure, not a change another rule
    ranked first. Any other experiment, applied and recovered before the onset or while the
    failures went on, explains nothing."""
    if mining.window_start is None or mining.window_end is None:
        return
    window = (mining.window_start.timestamp(), mining.window_end.timestamp())
    tools = [c for c in mining.clusters if _fault_tool(c)]
    if not tools:
        return
    # taken out: the tool says so, or the experiment object is deleted (an API's `...delete OK`)
    undone = [c for c in tools if any(_FAULT_UNDONE.search(line) for line in said_lines(c)) or _DELETE_METHOD.search(c.template)]
    put_in = [c for c in tools if c not in undone and c.first_seen.timestamp() <= onset_ts + FAULT_START_S]  # type: ignore[union-attr]
    if not put_in:
        return
    # its first line, and of the lines it logged in that second the one stating settings (what it put in)
    first = min(put_in, key=lambda c: (int(c.first_seen.timestamp()), not _states_settings(c), c.first_seen.timestamp(), c.id))  # type: ignore[union-attr]
    t0 = first.first_seen.timestamp()  # type: ignore[union-attr]
    running = not provably_new(first, window[0])  # its status ran since the window opened: in effect before it
    t1 = min((c.first_seen.timestamp() for c in undone if c.first_seen.timestamp() > t0), default=math.inf)  # type: ignore[union-attr]
    if t1 <= onset_ts:
        return  # taken out before the failures began
    by_id = {v.cluster.id: v for v in views}
    lead_now = max(views, key=lambda v: v.score, default=None)
    if lead_now is not None and (lead_now.role == "change" or lead_now.cluster.id in {c.id for c in tools}):
        return  # a change ranked first already (another rule's finding), or the tool's own line
    failures = [v for v in views if (v.cluster.errors or SEVERITY_RANK.get(v.cluster.severity, 0) >= WARNING_RANK)
                and not v.cluster.http_statuses and v.cluster.first_seen is not None
                and v.cluster.last_seen is not None and v.cluster.id not in {c.id for c in tools}
                and v.role in ("cause", "symptom", "noise")
                and (running or _failure_start(v.cluster)[1] >= t0 - 60)  # (stray early lines aside)
                and v.cluster.first_seen.timestamp() < t1]
    if not failures:
        return
    failure = max(failures, key=lambda v: (v.role == "cause", v.score))
    best = max((v for v in views if v.role == "cause"), key=lambda v: v.score, default=None)
    if best is not None and best not in failures:
        return  # the best finding began before the fault was put in (or is the tool's own): not its doing
    if failure.cluster.last_seen.timestamp() > t1 + FAULT_OUTLAST_S:  # type: ignore[union-attr]
        return  # the failures outlast the fault's removal: not its doing
    v = by_id.get(first.id)
    if v is None:
        config_change = signature_by_id("config-change")
        assert config_change is not None
        v = ClusterView(first, [SignatureMatch(config_change)], new=provably_new(first, window[0]))
        views.append(v)
    top = max((w.score for w in views if w is not v), default=0.0)
    v.role = "change"
    v.score = round(max(v.score, top + 0.01), 2)
    v.explains = failure.cluster.id
    v.reasons.append(f"a fault injected on purpose, in effect when the failures began: the failure since (cluster "
                     f"{failure.cluster.id}) began while it held" + ("" if math.isinf(t1) else " and ended with its removal"))
