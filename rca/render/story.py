"""The answer first: summary, status, timeline, follow-ups and why the confidence is what it is.

Computed by code from the mining result, the analysis and the analyst's choice of root cause, so
every number and time here is the logs' own. The analyst's prose is not read, only the cluster ids
it names and its first action. Log text appears only as excerpts inside code spans (backticks
replaced), already passed through the redactor.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from rca.analysis import competing, tied_to_harm
from rca.analysis.knowledge import is_table_row
from rca.analysis.onset import latency_shifted
from rca.analysis.ranking import gives_no_reason
from rca.llm.offline import key_line
from rca.models import HIGH_CONFIDENCE, PLATFORM_STREAMS, SEVERITY_RANK, WARNING_RANK, Analysis, AnalystOutput, ClusterStats, MiningResult, is_error, to_datetime
from rca.render.filters import md_fence
from rca.fmt import cut_lines, fmt_clock, fmt_duration, fmt_int, fmt_share, fmt_time
from rca.schema import FollowUp, Series, Status, TimelineEvent

MIN_QUIET_S = 300  # a pause shorter than five minutes is not a recovery
LATENCY_TAIL_MINUTES = 5  # a latency regression is judged ongoing on the requests of the last minutes
MAX_FOLLOW_UPS = 5
MAX_EVENTS = 12
NEW_REVISION_AFTER_S = 120  # a revision first seen this long after the window opens is a change in it

Redact = Callable[[str], str]


def span(text: str, limit: int = 120) -> str:
    """A log excerpt as one inline code span: one line, cut, no backtick that could close it."""
    return f"`{key_line(text, limit).replace('`', 'ˋ')}`"


def incident_ids(analysis: Analysis, output: AnalystOutput) -> list[str]:
    """The clusters that make up the incident: the named cause and its symptoms."""
    ids = list(output.root_cause.cluster_ids) if output.root_cause else []
    return list(dict.fromkeys(ids + list(analysis.symptoms)))


def _minute(dt: datetime | None) -> int | None:
    return None if dt is None else int(dt.timestamp() // 60)


def _clusters(mining: MiningResult, ids: list[str]) -> list[ClusterStats]:
    return [c for c in (mining.cluster(i) for i in ids) if c is not None]


# ------------------------------------------------------------------------------ status


def decide_status(mining: MiningResult, analysis: Analysis, output: AnalystOutput) -> Status:
    """Ongoing or stopped: how long the incident's clusters have been quiet at the window's end,
    against the longest pause they took while the incident ran (a gappy error stream is not
    called stopped after one of its usual pauses)."""
    end = mining.window_end
    if output.root_cause is None or analysis.priority == "none" or end is None:
        last = analysis.impact.last_error
        return Status(
            state="unknown",
            last_error_at=last,
            quiet_for_s=round((end - last).total_seconds(), 1) if end and last else None,
            reason="no incident was found in this window" if end else "the entries carry no timestamps",
        )
    if analysis.onset_basis == "latency":
        return _latency_status(analysis)
    clusters = [c for c in _clusters(mining, incident_ids(analysis, output)) if c.last_seen]
    erroring = [c for c in clusters if c.errors] or clusters
    if not erroring:
        return Status(state="unknown", last_error_at=analysis.impact.last_error,
                      reason="no timed log line is named as part of the incident, so whether it still runs cannot be told")
    last = max(c.last_seen for c in erroring if c.last_seen)
    quiet = max(0.0, (end - last).total_seconds())
    onset = _minute(analysis.onset)
    minutes = sorted({m for c in erroring for m in c.timeline if onset is None or m >= onset})
    longest_gap = max((b - a for a, b in zip(minutes, minutes[1:])), default=1) * 60
    needed = max(MIN_QUIET_S, 2 * longest_gap)
    if quiet >= needed:
        state = "stopped"
        reason = (f"the incident's clusters have been quiet for {fmt_duration(quiet)} before the window ends, "
                  f"longer than {fmt_duration(needed)} (twice their longest pause while failing, at least 5 minutes)")
    else:
        state = "ongoing"
        reason = (f"the incident's clusters logged {fmt_duration(quiet)} before the window ends, "
                  f"within their usual pause ({fmt_duration(needed)}): still failing when the logs end")
    return Status(state=state, last_error_at=last, quiet_for_s=round(quiet, 1), reason=reason)


def _latency_status(analysis: Analysis) -> Status:
    """A latency regression is ongoing while the last minutes' requests are still slow against
    the level before the onset (the same test that found the shift)."""
    timeline = analysis.requests.latency_timeline
    onset = _minute(analysis.onset)
    pre = [v for m, v in timeline.items() if onset is not None and m < onset]
    tail = [timeline[m] for m in sorted(timeline)[-LATENCY_TAIL_MINUTES:] if onset is None or m >= onset]
    pre_n, tail_n = sum(n for n, _ in pre), sum(n for n, _ in tail)
    still = bool(pre_n and tail_n) and latency_shifted(pre_n, sum(x for _, x in pre), tail_n, sum(x for _, x in tail))
    return Status(state="ongoing" if still else "stopped", last_error_at=None, quiet_for_s=None,
                  reason=("requests in the window's last minutes are still slow against the level before the onset" if still
                          else "requests in the window's last minutes are back near the level before the onset"))


# ------------------------------------------------------------------------------ timeline


def opens_mid_incident(mining: MiningResult, analysis: Analysis) -> bool:
    """The analysis's own verdict when it gives one (`mid_incident`), else an onset in the window's
    first three minutes."""
    flag = getattr(analysis, "mid_incident", None)
    if flag is not None:
        return bool(flag)
    return analysis.onset is not None and mining.window_start is not None and (analysis.onset - mining.window_start).total_seconds() < 180



def new_revisions(mining: MiningResult) -> list[tuple[str, datetime]]:
    """Revisions first seen well after the window opened: deploys inside the window. A revision
    that logs from the first seconds was already running and is no change."""
    if mining.window_start is None:
        return []
    return sorted(
        ((rev, first) for rev, first in mining.revisions_first_seen.items()
         if (first - mining.window_start).total_seconds() > NEW_REVISION_AFTER_S),
        key=lambda kv: kv[1],
    )


def build_timeline(mining: MiningResult, analysis: Analysis, output: AnalystOutput, status: Status, redact: Redact) -> list[TimelineEvent]:
    events: list[TimelineEvent] = []
    onset = analysis.onset

    def add(at: datetime | None, kind: str, text: str, ids: list[str] | None = None) -> None:
        if at is not None:
            events.append(TimelineEvent(at=at, kind=kind, text=text, cluster_ids=ids or []))

    for cand in analysis.candidates:
        c = mining.cluster(cand.cluster_id)
        if cand.role == "change" and c is not None:
            add(c.first_seen, "change", f"{span(redact(c.samples[0] if c.samples else c.template))}", [c.id])
    revisions = new_revisions(mining)
    if onset is not None:  # the deploys nearest the onset matter; others are listed in the JSON
        revisions.sort(key=lambda kv: abs((kv[1] - onset).total_seconds()))
    for rev, first in revisions[:3]:
        add(first, "change", f"new revision `{redact(rev)}` first seen")

    errors = sorted((c for c in mining.clusters if c.errors and c.first_seen), key=lambda c: c.first_seen)
    if errors:
        first = errors[0]
        background = (onset is not None and first.id not in incident_ids(analysis, output)
                      and (onset - first.first_seen).total_seconds() > 120)
        add(first.first_seen, "first_error", f"{span(redact(first.samples[0] if first.samples else first.template))}"
            + (" (background: logged before the onset, not part of the incident)" if background else ""), [first.id])
    if onset is not None:
        if opens_mid_incident(mining, analysis):
            text = "errors are already under way when the window opens"
        elif analysis.baseline_error_per_min:
            text = "the error rate departs from the window's background"
        else:
            text = "errors begin; none were logged before"
        add(onset, "onset", text)
    if output.root_cause:
        for c in _clusters(mining, output.root_cause.cluster_ids[:1]):
            add(c.first_seen, "cause", f"{span(redact(c.samples[0] if c.samples else c.template))} ({fmt_int(c.count)} in all)", [c.id])
    symptoms = sorted((c for c in _clusters(mining, analysis.symptoms) if c.first_seen), key=lambda c: c.first_seen)
    for c in symptoms[:2]:
        add(c.first_seen, "symptom", f"{span(redact(c.samples[0] if c.samples else c.template))} ({fmt_int(c.count)} in all)", [c.id])
    failed = sorted(m for m, (_, bad) in analysis.requests.timeline.items() if bad and (onset is None or m >= _minute(onset)))
    if failed and analysis.priority != "none":
        add(to_datetime(failed[0] * 60), "impact", "first failed requests (server errors)")
    if mining.error_timeline and analysis.priority != "none":
        peak_minute, peak = max(mining.error_timeline.items(), key=lambda kv: (kv[1], -kv[0]))
        add(to_datetime(peak_minute * 60), "peak", f"{fmt_int(peak)} errors in one minute")
    if status.state == "stopped":
        add(status.last_error_at, "recovery", f"last error of the incident; quiet for {fmt_duration(status.quiet_for_s)} until the logs end")
    elif status.state == "ongoing":
        add(status.last_error_at, "ongoing", "still failing when the logs end")

    order = {k: i for i, k in enumerate(("change", "first_error", "onset", "cause", "symptom", "impact", "peak", "recovery", "ongoing"))}
    events.sort(key=lambda e: (e.at, order.get(e.kind, 99)))
    out: list[TimelineEvent] = []
    for e in events:  # one line per moment and cluster: the first-error and the cause are often one entry
        if out and e.cluster_ids and out[-1].cluster_ids == e.cluster_ids and out[-1].at == e.at:
            if e.kind == "cause":
                out[-1] = e
            continue
        out.append(e)
    if len(out) > MAX_EVENTS:  # keep the head of the story and its end
        out = out[: MAX_EVENTS - 2] + out[-2:]
    return out


# ------------------------------------------------------------------------------ follow-ups


def _rate(c: ClusterStats, lo: int, hi: int) -> float:
    """Entries per minute of cluster `c` over minutes [lo, hi)."""
    return sum(n for m, n in c.timeline.items() if lo <= m < hi) / (hi - lo) if hi > lo else 0.0


def find_follow_ups(mining: MiningResult, analysis: Analysis, output: AnalystOutput, redact: Redact) -> list[FollowUp]:
    """Recurring warnings and errors that are not part of the incident: each is a real defect (a
    missing optional package, a malformed config value, a deprecated call) that deserves a ticket.

    Chosen by behaviour, not wording: at WARNING or above, not a request log line, not the cause,
    a candidate or a symptom, logged in at least three different minutes, and (when there is an
    onset) already logged before it."""
    skip = set(incident_ids(analysis, output)) | {c.cluster_id for c in analysis.candidates}
    start, end = _minute(mining.window_start), _minute(mining.window_end)
    onset = _minute(analysis.onset)
    picked: dict[str, tuple[ClusterStats, list[ClusterStats]]] = {}
    for c in mining.clusters:
        if c.id in skip or SEVERITY_RANK.get(c.severity, 0) < WARNING_RANK or c.http_statuses or c.endpoints:
            continue
        if len(c.timeline) < 3 or c.first_seen is None or is_table_row(c.template):
            continue  # a printed table's rows are report output, not a defect
        if onset is not None and _minute(c.first_seen) >= onset:
            continue
        head = key_line(c.samples[0] if c.samples else c.template, 100)
        if head in picked:
            picked[head][1].append(c)
        else:
            picked[head] = (c, [c])
    ranked = sorted(picked.values(), key=lambda p: (-SEVERITY_RANK.get(p[0].severity, 0), -sum(x.count for x in p[1])))
    out = []
    for c, group in ranked[:MAX_FOLLOW_UPS]:
        count = sum(x.count for x in group)
        services = sorted({s for x in group for s in x.services})
        minutes = len({m for x in group for m in x.timeline})
        span_min = (end - start + 1) if start is not None and end is not None else minutes
        sample = redact(c.samples[0] if c.samples else c.template)
        head = key_line(sample, 90).replace("`", "ˋ")
        who = ", ".join(services[:2]) or "logs"
        lines = [
            f"**What:** {fmt_int(count)} entries at {c.severity} from {who}, {fmt_time(c.first_seen)} to "
            f"{fmt_time(max(x.last_seen for x in group if x.last_seen))}, in {fmt_int(minutes)} of the window's "
            f"{fmt_int(span_min)} minutes (clusters {', '.join(f'`{x.id}`' for x in group)}).",
        ]
        if onset is not None and start is not None and end is not None:
            before, after = _rate(c, start, onset), _rate(c, onset, end + 1)
            steady = before > 0 and 0.5 <= after / before <= 2
            lines += ["", (
                f"**Not the cause:** already logged before the incident began at {fmt_clock(analysis.onset)} "
                f"({before:.2f} a minute before, {after:.2f} after)"
                + ("; its rate did not change with the incident." if steady else "; its rate changed with the incident, so check whether it is related."))]
        else:
            lines += ["", "**Not the cause:** no incident in this window; it recurs at a steady rate on its own."]
        lines += ["", "**Sample:**", "", md_fence(cut_lines(sample)), "",
                  "**Suggested:** fix the condition the message reports (or stop logging it at "
                  f"{c.severity} if it is expected), so that it no longer hides real errors."]
        out.append(FollowUp(
            title=f"{who}: {head}",
            priority="P2" if is_error(c.severity) else "P3",
            cluster_ids=[x.id for x in group],
            body="\n".join(lines),
        ))
    return out


# ------------------------------------------------------------------------------ confidence


def confidence_reason(mining: MiningResult, analysis: Analysis, output: AnalystOutput) -> str:
    root = output.root_cause
    if root is None:
        return "No root cause is named, so there is no confidence to explain: " + (
            analysis.priority_reason or "no error burst stands out in this window") + "."
    level = "high" if root.confidence >= HIGH_CONFIDENCE else "moderate" if root.confidence >= 0.6 else "low"
    parts = [f"{root.confidence:.2f} ({level})"]
    top = next((c for c in analysis.candidates if c.cluster_id in root.cluster_ids), None)
    if top is not None and top.reason:
        parts.append(f"the cause cluster `{top.cluster_id}`: {top.reason[0].lower() + top.reason[1:].rstrip('.')}")
    # the ranking's own rivals (Analysis.rivals), as the statement's "does not single out" hedge reads them
    rivals = competing(analysis, [top.cluster_id]) if top is not None else []
    if rivals:
        parts.append(f"the next competing explanation (`{rivals[0].cluster_id}`) scores {rivals[0].score:.2f} against {top.score:.2f}")
    elif top is not None:
        parts.append("no competing explanation was found")
    caveats = []
    named = mining.cluster(top.cluster_id) if top is not None else None
    if named is not None and gives_no_reason(named, top.signature):
        caveats.append("its lines say only that a call or the process failed, not why (what it waited on is not shown)")
    if analysis.hypotheses_close:
        caveats.append("the top hypotheses score too close to single one out (check the other candidates too)")
    if top is not None and top.role == "cause" and not tied_to_harm(mining, analysis, root.cluster_ids):
        caveats.append("nothing but its rank ties it to the harm: no failed request is logged for its service since the onset, and no "
                       "failing endpoint or line of the harm names it (to tell, check whether the failing requests or operations "
                       "pass through it)")
    if opens_mid_incident(mining, analysis):
        caveats.append("the window opens when the failure is already under way, so what is new cannot be told from what was there before")
    if not analysis.requests.total:
        caveats.append("there are no request logs, so user impact is inferred from errors alone")
    if top is None and root.cluster_ids:
        caveats.append("the analyst named a cluster the ranking did not put forward")
    elif not root.cluster_ids:
        caveats.append("no log line in the window shows the cause")
    text = "; ".join(parts) + "."
    if caveats:
        text += " Lower because " + " and ".join(caveats) + "."
    return text[0].upper() + text[1:]


# ------------------------------------------------------------------------------ summary


def first_action(output: AnalystOutput) -> str:
    now = [a for a in output.remediation if a.timeframe.lower().startswith("now")]
    chosen = (now or output.remediation or [None])[0]
    return chosen.action.strip().rstrip(".") if chosen else ""


def culprit_services(mining: MiningResult, cluster_ids: list[str]) -> list[str]:
    """The services of the root cause: those of its first cluster that names a service, not only
    a platform log stream (an audit entry's 'activity' stream is where a change was logged, not
    what fails: the failure it explains, next in the list, names that)."""
    clusters = [c for i in cluster_ids if (c := mining.cluster(i)) is not None and c.services]
    own = next((c for c in clusters if not set(c.services) <= PLATFORM_STREAMS), clusters[0] if clusters else None)
    return own.services if own is not None else []


def summarise(mining: MiningResult, analysis: Analysis, output: AnalystOutput, status: Status, follow_ups: list[FollowUp], redact: Redact) -> str:
    """At most three sentences: what broke for users and since when; whether it still happens and
    how bad; the likely cause and the first action."""
    imp = analysis.impact
    if output.root_cause is None or analysis.priority == "none":
        failed = (f"; {fmt_int(imp.failed_requests)} of {fmt_int(imp.total_requests)} requests failed "
                  f"({fmt_share(imp.failed_requests, imp.total_requests)}), a background level") if imp.total_requests else ""
        tail = (f" {len(follow_ups)} recurring warning{'s' if len(follow_ups) != 1 else ''} worth a ticket "
                f"{'are' if len(follow_ups) != 1 else 'is'} listed under follow-ups.") if follow_ups else " Nothing to do now."
        return f"No incident: no error burst stands out in this window{failed}.{tail}"
    cause = mining.cluster(output.root_cause.cluster_ids[0]) if output.root_cause.cluster_ids else None
    services = (culprit_services(mining, output.root_cause.cluster_ids) or imp.services)[:2]
    who = ", ".join(services) or "The service"
    since = f" since {fmt_clock(analysis.onset)}" if analysis.onset else ""
    requests = imp.incident_requests if analysis.onset else imp.total_requests
    failed = imp.incident_failed_requests if analysis.onset else imp.failed_requests
    if failed:
        what = f"{who}: {fmt_int(failed)} of {fmt_int(requests)} requests failed with server errors{since} ({fmt_share(failed, requests)})"
        if imp.restarts:
            what += f" and instances exited or failed to start {fmt_int(imp.restarts)} times"
    elif imp.restarts:
        what = f"{who}: instances exited or failed to start {fmt_int(imp.restarts)} times{since}"
    elif imp.signals:  # no server errors: the impact is what the logs say failed
        what = f"{who}: {imp.signals[0].text}{since}; {fmt_int(imp.error_entries)} errors logged"
        if imp.total_requests:
            what += ", and no request failed with a server error"
    else:
        none = "no request failed with a server error" if imp.total_requests else "no failed requests are visible in these logs"
        what = f"{who}: {fmt_int(imp.error_entries)} errors logged{since}; {none}"
    reason = analysis.priority_reason or ""
    if reason and imp.signals and imp.signals[0].text in what:  # said once is enough
        reason = ""
    prio = f"priority {analysis.priority}" + (f" ({reason})" if reason else "")
    if analysis.onset_basis == "latency":
        how = ("Still slow when the logs end" if status.state == "ongoing" else "Back near its earlier latency when the logs end") + f"; {prio}"
    elif status.state == "ongoing":
        how = f"Still failing when the logs end ({fmt_duration(imp.duration_s)} so far); {prio}"
    elif status.state == "stopped":
        lasted = (status.last_error_at - analysis.onset).total_seconds() if analysis.onset and status.last_error_at else imp.duration_s
        how = (f"It stopped at {fmt_clock(status.last_error_at)}, {fmt_duration(status.quiet_for_s)} before the logs end, "
               f"after {fmt_duration(max(0.0, lasted))}; {prio}")
    else:
        how = prio[0].upper() + prio[1:]
    evidence = span(redact(cause.samples[0] if cause and cause.samples else (cause.template if cause else "")), 100) if cause else ""
    action = first_action(output)
    if not output.root_cause.cluster_ids:
        why = "No log line in this window shows the cause"
    else:
        why = f"Likely cause ({output.root_cause.category}): {evidence}" if evidence else f"Likely cause: {output.root_cause.category}"
    last = f"{why}; first action: {action[0].lower() + action[1:]}." if action else f"{why}."
    return f"{what}. {how}. {last}"


# ------------------------------------------------------------------------------ all of it


def series_of(mining: MiningResult, analysis: Analysis) -> Series:
    """Per-minute series for the charts, from the request tally: requests, 5xx, 4xx and the mean
    latency (the tally keeps a count and a sum per minute, not a distribution)."""
    req = analysis.requests
    return Series(
        errors=dict(mining.error_timeline),
        requests={m: n for m, (n, _) in req.timeline.items()},
        failed_requests={m: bad for m, (_, bad) in req.timeline.items()},
        client_errors=dict(req.client_timeline),
        latency_mean_s={m: round(total / n, 6) for m, (n, total) in req.latency_timeline.items() if n},
    )


def tell(mining: MiningResult, analysis: Analysis, output: AnalystOutput, redact: Redact = str) -> dict:
    """The Report fields of this module, as keyword arguments."""
    status = decide_status(mining, analysis, output)
    follow_ups = find_follow_ups(mining, analysis, output, redact)
    return dict(
        summary=summarise(mining, analysis, output, status, follow_ups, redact),
        status=status,
        timeline=build_timeline(mining, analysis, output, status, redact),
        follow_ups=follow_ups,
        confidence_reason=confidence_reason(mining, analysis, output),
        series=series_of(mining, analysis),
    )
