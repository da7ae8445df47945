"""The answer first: summary, status, timeline, follow-ups and the confidence reason, computed from
the mining result and the analysis (hand-built incidents; the replayed ones are in test_render)."""

from __future__ import annotations

import re

from rca.analysis import analyse
from rca.llm.offline import OfflineAnalyst
from rca.models import RequestStats
from rca.render import render
from rca.render.assemble import assemble_report
from rca.schema import Report
from test_analysis import M0, cluster, dt, incident, mining_of


def report_for(mining, requests: RequestStats | None = None) -> Report:
    analysis = analyse(mining, requests)
    output, info = OfflineAnalyst().analyse(mining, analysis)
    return assemble_report(mining, analysis, output, info)


def stopped_incident():
    """The incident() of test_analysis, but the cause and its symptoms stop at minute 44."""
    burst = {m: 40 for m in range(30, 45)}
    return mining_of([
        cluster("cnoise01", "Feature flag cache refresh slow <NUM> ms", {m: 2 for m in range(60)}, severity="WARNING"),
        cluster("ccause01", "sqlalchemy.exc.TimeoutError: QueuePool limit of size <NUM> overflow <NUM> reached", {m: 3 for m in range(29, 45)}),
        cluster("csym0001", "POST <PATH> → <NUM>", burst, http_statuses={503: 600}, first_second=20),
    ])


def requests_failing_from(minute: int) -> RequestStats:
    """10 requests a minute all hour, 6 of them failing (503) from `minute` on."""
    timeline = {M0 + m: (10, 6 if m >= minute else 0) for m in range(60)}
    failed = sum(bad for _, bad in timeline.values())
    return RequestStats(total=600, by_status={200: 600 - failed, 503: failed}, timeline=timeline)


def sentences(text: str) -> int:
    """Sentence ends outside code spans."""
    return len(re.findall(r"[.!?](?:\s|$)", re.sub(r"`[^`]*`", "code", text)))


def test_errors_up_to_the_end_are_ongoing():
    r = report_for(incident())
    assert r.status.state == "ongoing"
    assert r.status.last_error_at == dt(59, 30)
    assert r.status.quiet_for_s == 29.0
    assert "Still failing" in r.summary and "stopped" not in r.summary
    assert r.timeline[-1].kind == "ongoing"


def test_errors_that_stopped_well_before_the_end_are_stopped():
    r = report_for(stopped_incident())
    assert r.status.state == "stopped"
    assert r.status.last_error_at == dt(44, 30)
    assert r.status.quiet_for_s == 15 * 60 + 29  # 44:30 -> 59:59
    assert "It stopped at 21:44:30 UTC, 15m 29s before the logs end, after 14m 30s" in r.summary  # onset 21:30:00
    assert "so far" not in r.summary
    recovery = [e for e in r.timeline if e.kind == "recovery"]
    assert recovery and recovery[0].at == dt(44, 30)
    md = render(r, "md")
    assert "**stopped**: quiet for 15m 29s before the logs end" in md


def test_a_gappy_error_stream_is_not_called_stopped_after_one_of_its_usual_pauses():
    gappy = {m: 30 for m in range(30, 53, 8)}  # a burst every 8 minutes, the last at minute 46
    mining = mining_of([
        cluster("cnoise01", "Feature flag cache refresh slow <NUM> ms", {m: 2 for m in range(60)}, severity="WARNING"),
        cluster("ccause01", "sqlalchemy.exc.TimeoutError: QueuePool limit of size <NUM> overflow <NUM> reached", gappy),
    ])
    r = report_for(mining)
    assert r.root_cause is not None
    assert r.status.state == "ongoing"  # 13 minutes quiet, but it pauses 8 minutes between bursts


def test_summary_is_the_answer_in_at_most_three_sentences():
    r = report_for(incident(), requests_failing_from(30))
    assert 1 <= sentences(r.summary) <= 3
    assert r.summary.startswith("checkout: 180 of 300 requests failed with server errors since ")
    assert "(60.0%)" in r.summary
    assert "priority " + r.priority in r.summary
    assert "first action: " + r.remediation[0].action[0].lower() in r.summary


def test_healthy_window_says_no_incident_and_state_unknown():
    mining = mining_of([cluster("cwarn001", "Slow query took <DURATION>", {m: 1 for m in range(0, 60, 4)}, severity="WARNING")])
    r = report_for(mining)
    assert r.summary.startswith("No incident")
    assert r.status.state == "unknown"
    assert r.timeline == []
    assert [f.cluster_ids for f in r.follow_ups] == [["cwarn001"]]  # a recurring warning is still worth a ticket


def test_follow_ups_are_recurring_defects_that_are_not_the_cause():
    r = report_for(incident())
    by_cluster = {cid: f for f in r.follow_ups for cid in f.cluster_ids}
    assert set(by_cluster) == {"cnoise01", "cnoise02"}  # not the cause, not the symptoms, not request lines
    assert by_cluster["cnoise02"].priority == "P2" and by_cluster["cnoise01"].priority == "P3"  # ERROR before WARNING
    assert r.follow_ups[0].cluster_ids == ["cnoise02"]
    body = by_cluster["cnoise01"].body
    assert "**What:** 120 entries at WARNING from checkout" in body and "in 60 of the window's 60 minutes" in body
    assert "its rate did not change with the incident" in body
    assert "```text\nFeature flag cache refresh slow <NUM> ms\n```" in body


def test_a_printed_tables_rows_are_neither_follow_ups_nor_candidates():
    """A load tester printing its stats table to stderr every minute: ERROR by the stream's
    default, but a report's rows, not a defect and not a cause."""
    mining = incident()
    every = {m: 1 for m in range(60)}
    mining.clusters += [
        cluster("ctable01", "Name # calls # failed | Avg Max | calls/s", every),
        cluster("ctable02", "------------------------------------------------", every),
        cluster("ctable03", "GET <PATH> <NUM> <NUM>(<NUM>%) | <NUM> <NUM> | <NUM>", {m: 1 for m in range(29, 60)}),
    ]
    r = report_for(mining)
    tables = {"ctable01", "ctable02", "ctable03"}
    assert not tables & {cid for f in r.follow_ups for cid in f.cluster_ids}
    assert not tables & {c.cluster_id for c in r.candidates}
    assert {cid for f in r.follow_ups for cid in f.cluster_ids} == {"cnoise01", "cnoise02"}


def test_a_warning_that_starts_with_the_incident_is_no_follow_up():
    mining = incident()
    mining.clusters.append(cluster("clate001", "Retrying payment call", {m: 1 for m in range(35, 60)}, severity="WARNING"))
    r = report_for(mining)
    assert all("clate001" not in f.cluster_ids for f in r.follow_ups)


def test_timeline_is_in_order_and_names_the_cause_and_only_new_revisions():
    mining = incident()
    mining.revisions_first_seen = {"checkout-00041-abc": dt(0, 2), "checkout-00042-new": dt(28, 10)}
    r = report_for(mining)
    times = [e.at for e in r.timeline]
    assert times == sorted(times)
    kinds = [e.kind for e in r.timeline]
    assert {"change", "onset", "cause", "peak", "ongoing"} <= set(kinds)
    changes = [e.text for e in r.timeline if e.kind == "change"]
    assert changes == ["new revision `checkout-00042-new` first seen"]  # 00041 logs from the first seconds: no change
    cause = next(e for e in r.timeline if e.kind == "cause")
    assert cause.cluster_ids == ["ccause01"] and cause.at == dt(29)
    assert next(e for e in r.timeline if e.kind == "peak").text == "44 errors in one minute"
    first = next(e for e in r.timeline if e.kind == "first_error")  # the steady background error at 00:00
    assert first.cluster_ids == ["cnoise02"] and first.text.endswith("(background: logged before the onset, not part of the incident)")


def test_confidence_reason_explains_the_number():
    r = report_for(incident())
    reason = r.confidence_reason
    assert reason.startswith(f"{r.root_cause.confidence:.2f} (")
    assert "`ccause01`" in reason
    healthy = report_for(mining_of([cluster("cwarn001", "Slow query took <DURATION>", {m: 1 for m in range(0, 60, 4)}, severity="WARNING")]))
    assert healthy.confidence_reason.startswith("No root cause is named")


def test_markdown_puts_the_answer_first_and_shows_each_sample_once():
    r = report_for(incident())
    md = render(r, "md")
    order = ["**Summary:**", "## Status", "## Root cause", "## Impact", "## Timeline", "## Actions", "## Follow-ups", "## Evidence"]
    positions = [md.index(h) for h in order]
    assert positions == sorted(positions)
    evidence = md.split("## Evidence", 1)[1]
    rows = [line.split("|")[1].strip() for line in evidence.splitlines() if line.startswith("| `c")]
    assert len(rows) == len(set(rows)) and "`ccause01`" in rows  # each cluster's template once
    fences = re.findall(r"```text\n(.*?)\n```", md, flags=re.S)
    assert len(fences) == len(set(fences))  # each sample once
    assert "### `c" not in md  # no per-cluster sections repeating the table
    assert len(md.splitlines()) <= 120
    assert "--format issues" in md


def test_markdown_shrinks_the_evidence_to_fit_120_lines():
    mining = incident()
    long_trace = "Traceback (most recent call last):\n" + "\n".join(f'  File "/app/m{i}.py", line {i}, in f{i}\n    g{i}()' for i in range(40)) + "\nValueError: bad thing"
    for i in range(12):
        mining.clusters.append(cluster(f"csym1{i:03d}", f"Worker {i} crashed", {m: 2 for m in range(31, 60)}, sample=long_trace))
    r = report_for(mining)
    md = render(r, "md")
    assert len(md.splitlines()) <= 120
    assert "ValueError: bad thing" in md  # a cut sample keeps its tail, where the exception is


def test_follow_ups_print_as_issues_ready_to_file():
    issues = render(report_for(incident()), "issues")
    titles = re.findall(r"^## (.+)$", issues, flags=re.M)
    assert titles == ["checkout: Failed to refresh exchange rates", "checkout: Feature flag cache refresh slow \\<NUM\\> ms"]
    first = issues.split("\n---\n", 1)[0]
    assert "**Priority:** P2" in first and "`cnoise02`" in first and "**What:** 20 entries at ERROR" in first
    assert "```text\nFailed to refresh exchange rates\n```" in first
    healthy = mining_of([cluster("cinfo001", "Served <NUM> requests", {m: 1 for m in range(60)}, severity="INFO")])
    assert render(report_for(healthy), "issues").startswith("No follow-ups")


def test_request_chart_draws_4xx_and_latency_per_minute_when_the_tally_has_them():
    import json

    from rca.render.charts import charts

    base = requests_failing_from(30)
    tallied = RequestStats(**{**base.model_dump(), "client_timeline": {M0 + 31: 2},
                                 "latency_timeline": {M0 + 31: (4, 10.0), M0 + 32: (0, 0.0)}})
    report = report_for(incident(), tallied)
    assert report.series.client_errors == {M0 + 31: 2}
    assert report.series.latency_mean_s == {M0 + 31: 2.5}
    fig = json.loads(next(c["json"] for c in charts(report) if c["id"] == "chart-requests"))
    traces = {t["name"]: t for t in fig["data"]}
    assert set(traces) == {"failed (5xx)", "client errors (4xx)", "other requests", "mean latency (s)"}
    assert traces["mean latency (s)"]["y"][31] == 2.5 and traces["mean latency (s)"]["y"][32] is None
    assert traces["other requests"]["y"][31] == 10 - 6 - 2
    plain = report_for(incident(), base)
    names = [t["name"] for t in json.loads(next(c["json"] for c in charts(plain) if c["id"] == "chart-requests"))["data"]]
    assert names == ["failed (5xx)", "other requests"]


def test_confidence_reason_says_when_the_window_opens_mid_incident_or_hypotheses_are_close():
    from rca.models import Analysis

    class Judged(Analysis):
        """An analysis that also says whether the window opens mid-incident and the top hypotheses are close."""

        mid_incident: bool = False
        hypotheses_close: bool = False

    mining = incident()
    analysis = analyse(mining)
    output, info = OfflineAnalyst().analyse(mining, analysis)
    plain = assemble_report(mining, analysis, output, info)
    assert "too close" not in plain.confidence_reason and "already under way" not in plain.confidence_reason
    judged = Judged(**{**analysis.model_dump(), "mid_incident": True, "hypotheses_close": True})
    r = assemble_report(mining, judged, output, info)
    assert "too close to single one out" in r.confidence_reason and "already under way" in r.confidence_reason
    assert next(e for e in r.timeline if e.kind == "onset").text == "errors are already under way when the window opens"


def test_schema_2_has_the_story_fields():
    from rca.schema import SCHEMA_VERSION, report_json_schema

    schema = report_json_schema()
    assert SCHEMA_VERSION == "2" and schema["properties"]["schema_version"]["default"] == "2"
    assert {"summary", "status", "timeline", "follow_ups", "confidence_reason"} <= set(schema["properties"])
    states = schema["$defs"]["Status"]["properties"]["state"]["enum"]
    assert states == ["ongoing", "stopped", "unknown"]


def test_a_long_window_is_binned_and_keeps_every_count():
    import json
    from datetime import timedelta

    from rca.render.charts import MAX_POINTS, charts

    r = report_for(incident(), requests_failing_from(30))
    r.window.end = r.window.start + timedelta(days=2)  # 2,881 minutes: bars of 5 minutes
    figs = {c["id"]: json.loads(c["json"]) for c in charts(r)}
    total = figs["chart-all-errors"]["data"][0]["y"]
    assert len(total) <= MAX_POINTS and sum(total) == sum(r.series.errors.values())
    assert figs["chart-all-errors"]["layout"]["yaxis"]["title"]["text"] == "entries per 5 minutes"
    failed = next(t for t in figs["chart-requests"]["data"] if t["name"] == "failed (5xx)")["y"]
    assert sum(failed) == sum(r.series.failed_requests.values()) == 180


def test_without_request_logs_the_summary_leads_with_what_the_logs_say_failed():
    """No request logs, but the logs say calls timed out: the summary says that, not "no failed
    requests are visible", and says it once (not again as the priority's reason)."""
    mining = mining_of([
        cluster("cnoise01", "Feature flag cache refresh slow <NUM> ms", {m: 2 for m in range(60)}, severity="WARNING"),
        cluster("ctimeout", "upstream request timed out after <NUM> ms calling inventory", {m: 6 for m in range(30, 60)}),
    ])
    r = report_for(mining)
    assert r.impact.signals and r.impact.failed_requests == 0
    first = r.impact.signals[0].text
    assert r.summary.startswith(f"checkout: {first} since ")
    assert "no failed requests" not in r.summary
    assert r.summary.count(first) == 1
