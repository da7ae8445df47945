"""Advice only from evidence (issue 15): rollback only after a deploy shown to precede the onset,
checks instead of claims the logs cannot prove, and honest uncertainty between close causes."""

from __future__ import annotations

from rca.analysis import analyse
from rca.analysis.changes import deploy_before_onset
from rca.llm.offline import OfflineAnalyst
from rca.render.assemble import assemble_report
from tests.test_analysis import cluster, dt, mining_of


def _incident(revisions: dict[str, tuple[int, int]], extra=()):
    """A code-bug incident whose errors start at minute 30, with revisions first seen at (minute, second)."""
    cause = cluster("ccause01", "TypeError: unsupported operand type(s) for +: 'NoneType' and 'int'", {m: 3 for m in range(30, 60)}, first_second=5)
    cause.revisions = list(revisions)
    mining = mining_of([cause, *extra])
    mining.revisions_first_seen = {rev: dt(*at) for rev, at in revisions.items()}
    return mining


def _rollbacks(mining):
    analysis = analyse(mining)
    output, _ = OfflineAnalyst().analyse(mining, analysis)
    return analysis, output, [a.action for a in output.remediation if "roll back" in a.action.lower()]


def test_rollback_names_a_revision_first_seen_shortly_before_the_onset():
    mining = _incident({"checkout-00041-abc": (0, 3), "checkout-00042-xyz": (29, 20)})
    analysis, output, rollbacks = _rollbacks(mining)
    assert len(rollbacks) == 1 and "`checkout-00042-xyz`" in rollbacks[0] and "shortly before the onset" in rollbacks[0]
    assert output.remediation[0].action == rollbacks[0]


def test_no_rollback_for_a_revision_that_was_logging_when_the_window_opened():
    # first seen seconds after the window start: it simply predates the window, it is not "new"
    mining = _incident({"checkout-00041-abc": (0, 4)})
    _, output, rollbacks = _rollbacks(mining)
    assert rollbacks == []
    assert any("Check the deploy and configuration history" in a.action for a in output.remediation)


def test_no_rollback_without_any_deploy_even_when_the_signature_suggests_one():
    cause = cluster("ccause02", "ModuleNotFoundError: No module named 'billing_core'", {m: 5 for m in range(30, 60)})
    mining = mining_of([cause])
    analysis = analyse(mining)
    output, _ = OfflineAnalyst().analyse(mining, analysis)
    assert analysis.candidates[0].signature == "missing-module"
    assert not [a for a in output.remediation if "roll" in a.action.lower() and "back" in a.action.lower()]


def test_a_deploy_audit_entry_names_who_deployed():
    audit = cluster("cdeploy1", "google.cloud.run.v1.Services.ReplaceService OK by <EMAIL>", {27: 1}, severity="NOTICE",
                    sample="google.cloud.run.v1.Services.ReplaceService OK by alice@example.com", first_second=10)
    mining = _incident({"checkout-00041-abc": (0, 3)}, extra=[audit])
    analysis = analyse(mining)
    deploy = deploy_before_onset(mining, analysis)
    assert deploy is not None and deploy.who == "alice@example.com" and deploy.cluster_id == "cdeploy1"
    _, _, rollbacks = _rollbacks(mining)
    assert len(rollbacks) == 1 and "deployed by" in rollbacks[0]


def test_no_rollback_for_a_new_revision_of_a_service_that_neither_erred_nor_failed_requests():
    """A healthy service deployed ten minutes before another service's failures: its rollback is
    no advice; the failing service's own new revision still is."""
    other = cluster("cnotify1", "sent <NUM> notifications", {m: 4 for m in range(20, 60)}, severity="INFO", first_second=2)
    other.services, other.revisions = ["notify"], ["notify-00007-qqq"]
    mining = _incident({"checkout-00041-abc": (0, 3)}, extra=[other])
    mining.revisions_first_seen["notify-00007-qqq"] = dt(20, 2)
    analysis, output, rollbacks = _rollbacks(mining)
    assert deploy_before_onset(mining, analysis) is None and rollbacks == []
    assert any("Check the deploy and configuration history" in a.action for a in output.remediation)
    mining = _incident({"checkout-00041-abc": (0, 3), "checkout-00042-xyz": (20, 2)}, extra=[other])
    mining.revisions_first_seen["notify-00007-qqq"] = dt(20, 2)
    _, _, rollbacks = _rollbacks(mining)
    assert len(rollbacks) == 1 and "`checkout-00042-xyz`" in rollbacks[0]


def test_a_deploy_after_the_onset_is_not_a_cause():
    mining = _incident({"checkout-00041-abc": (0, 3), "checkout-00042-xyz": (45, 0)})
    assert _rollbacks(mining)[2] == []


def test_what_logs_cannot_show_is_a_check_not_a_fact():
    cause = cluster("ccause03", "sqlalchemy.exc.TimeoutError: QueuePool limit of size <NUM> overflow <NUM> reached", {m: 3 for m in range(30, 60)})
    mining = mining_of([cause])
    output, _ = OfflineAnalyst().analyse(mining, analyse(mining))
    last = output.five_whys[-1].answer
    assert last.startswith("Not visible in these logs; check:")


def test_close_hypotheses_are_said_with_what_tells_them_apart():
    a = cluster("ccausea1", "Order total mismatch for basket <NUM>", {m: 3 for m in range(30, 60)}, first_second=5)
    b = cluster("ccauseb1", "Inventory reservation rejected for sku <NUM>", {m: 3 for m in range(30, 60)}, first_second=5)
    b.services = ["inventory"]
    mining = mining_of([a, b])
    analysis = analyse(mining)
    assert analysis.hypotheses_close
    output, info = OfflineAnalyst().analyse(mining, analysis)
    other = next(c for c in ("ccausea1", "ccauseb1") if c != output.root_cause.cluster_ids[0])
    assert "does not single out" in output.root_cause.statement and f"`{other}`" in output.root_cause.statement
    assert output.root_cause.confidence <= 0.5
    # the confidence sentence reads the same rivals: it names that one, and never says "no
    # competing explanation" beside "too close to single one out"
    reason = assemble_report(mining, analysis, output, info).confidence_reason
    assert f"competing explanation (`{other}`)" in reason and "too close to single one out" in reason
    assert "no competing explanation" not in reason
    # one clear cause: no such hedge
    single = mining_of([a])
    out1, info1 = OfflineAnalyst().analyse(single, analyse(single))
    assert "does not single out" not in out1.root_cause.statement and out1.root_cause.confidence > 0.5
    reason1 = assemble_report(single, analyse(single), out1, info1).confidence_reason
    assert "no competing explanation" in reason1 and "too close" not in reason1


def test_a_later_line_repeating_the_same_failure_is_no_rival_hypothesis():
    """The handler logs the failure, then the framework logs it again with its traceback: one
    failure, not two explanations to tell apart."""
    a = cluster("cfirst01", "Cannot reboot instance: resize_disk() takes at least <NUM> arguments (<NUM> given)",
                {m: 3 for m in range(30, 60)}, first_second=5)
    b = cluster("cecho001", "Exception during handling: TypeError: resize_disk() takes at least <NUM> arguments (<NUM> given)",
                {m: 3 for m in range(30, 60)}, first_second=6)
    mining = mining_of([a, b])
    analysis = analyse(mining)
    echo = next(c for c in analysis.candidates if c.cluster_id == "cecho001")
    assert echo.echo_of == "cfirst01"
    assert not analysis.hypotheses_close
    output, _ = OfflineAnalyst().analyse(mining, analysis)
    assert output.root_cause.cluster_ids[0] == "cfirst01"
    assert "does not single out" not in output.root_cause.statement and output.root_cause.confidence > 0.5


def test_statement_names_the_new_revision_and_the_failure_it_precedes():
    mining = _incident({"checkout-00041-abc": (0, 3), "checkout-00042-xyz": (29, 20)})
    analysis = analyse(mining)
    output, _ = OfflineAnalyst().analyse(mining, analysis)
    assert "Revision `checkout-00042-xyz`" in output.root_cause.statement
    assert "follow that deploy" in output.root_cause.statement
    plain = _incident({"checkout-00041-abc": (0, 3)})
    out2, _ = OfflineAnalyst().analyse(plain, analyse(plain))
    assert "Revision `" not in out2.root_cause.statement


def test_impact_says_whether_the_errors_stopped():
    stopped = cluster("ccause05", "TypeError: 'NoneType' object is not subscriptable", {m: 3 for m in range(30, 41)})
    mining = mining_of([stopped])
    output, _ = OfflineAnalyst().analyse(mining, analyse(mining))
    assert "stopped at" in output.impact_summary and "so far" not in output.impact_summary
    ongoing = cluster("ccause05", "TypeError: 'NoneType' object is not subscriptable", {m: 3 for m in range(30, 60)})
    mining = mining_of([ongoing])
    output, _ = OfflineAnalyst().analyse(mining, analyse(mining))
    assert "so far" in output.impact_summary


def test_a_latency_regression_after_a_deploy_names_the_change_and_the_new_revisions_own_lines():
    from tests.test_analysis import _requests

    audit = cluster("cdeploy2", "google.cloud.run.v1.Services.UpdateService OK by <EMAIL>", {24: 1}, severity="NOTICE",
                    sample="google.cloud.run.v1.Services.UpdateService OK by bob@example.com", first_second=50)
    per_request = cluster("cnewwork", "pricing snapshot fetched in <DURATION>", {m: 40 for m in range(25, 60)}, severity="DEBUG",
                          sample="pricing snapshot fetched in 95ms")
    startup = cluster("cnewboot", "pricing snapshot mode=remote", {25: 2}, severity="INFO")
    old_line = cluster("coldline", "request handled", {m: 40 for m in range(60)}, severity="DEBUG")
    for c in (per_request, startup):
        c.revisions, c.streams = ["quotes-00008-new"], ["stdout"]
    old_line.revisions = ["quotes-00007-old", "quotes-00008-new"]
    mining = mining_of([audit, per_request, startup, old_line])
    mining.revisions_first_seen = {"quotes-00007-old": dt(0, 1), "quotes-00008-new": dt(25, 2)}
    reqs = {m: [(200, 0.05)] * 10 for m in range(25)} | {m: [(200, 0.16)] * 10 for m in range(25, 60)}
    analysis = analyse(mining, _requests(reqs))
    output, _ = OfflineAnalyst().analyse(mining, analysis)
    assert analysis.priority == "P2" and output.root_cause is not None
    assert output.root_cause.cluster_ids == ["cnewwork", "cnewboot", "cdeploy2"]
    assert "got slower" in output.root_cause.statement and "`quotes-00008-new`" in output.root_cause.statement
    # the same shift with no change logged before it: no cause cluster is invented; the report says
    # what slowed and since when, and that these logs do not show why
    bare = mining_of([cluster("coldline", "request handled", {m: 40 for m in range(60)}, severity="DEBUG")])
    output, _ = OfflineAnalyst().analyse(bare, analyse(bare, _requests(reqs)))
    assert output.root_cause is not None and output.root_cause.cluster_ids == []
    assert "got slower from" in output.root_cause.statement and "cause is outside them" in output.root_cause.statement


def test_a_flag_switched_just_before_the_onset_is_named_beside_the_deploy():
    flag = cluster("cflag001", "flag '<STR>' changed <BOOL> -> <BOOL>", {29: 1}, severity="INFO",
                   sample="flag 'bulk-discounts' changed false -> true", first_second=50)
    mining = _incident({"checkout-00041-abc": (0, 3), "checkout-00042-xyz": (20, 0)}, extra=[flag])
    analysis = analyse(mining)
    output, _ = OfflineAnalyst().analyse(mining, analysis)
    statement = output.root_cause.statement
    assert "`checkout-00042-xyz`" in statement and "flag 'bulk-discounts' changed false -> true" in statement


def test_statement_says_what_was_being_done_when_a_trace_was_logged():
    """A trace folded with the message it was logged with is named by its exception; the statement
    also quotes that message, which says what was being done (here: deleting a network)."""
    trace = ("2024-05-01 10:30:02,100 ERROR net.api - DELETE of network n-7 failed\n"
             "Traceback (most recent call last):\n  File \"/app/net.py\", line 40, in delete\n"
             "TypeError: ensure_unused() takes exactly 3 arguments (2 given)")
    mining = mining_of([cluster("ctrace01", "TypeError: ensure_unused() takes exactly <NUM> arguments (<NUM> given)",
                                {m: 2 for m in range(30, 60)}, sample=trace, exception="TypeError")])
    output, _ = OfflineAnalyst().analyse(mining, analyse(mining))
    statement = output.root_cause.statement
    assert "`TypeError: ensure_unused() takes exactly 3 arguments (2 given)`" in statement
    assert "logged as `DELETE of network n-7 failed`" in statement


def test_a_logged_change_before_the_onset_is_the_first_action_when_no_deploy_precedes_it():
    change = cluster("cflag001", "feature flag new-pricing switched from false to true", {28: 1}, severity="INFO")
    cause = cluster("ccause01", "NullPointerException: surcharge table is null", {m: 5 for m in range(29, 60)}, first_second=5)
    mining = mining_of([change, cause])
    output, _ = OfflineAnalyst().analyse(mining, analyse(mining))
    first = output.remediation[0].action
    assert "cflag001" in first and "no new revision" not in first


def test_the_statement_and_the_rollback_say_the_same_of_when_the_revision_appeared():
    for first_minute, when in ((29, "shortly before the onset"), (30, "at the onset")):  # a minute before, and in the onset's minute
        mining = _incident({"checkout-00041-abc": (0, 3), "checkout-00042-xyz": (first_minute, 20)})
        output, _ = OfflineAnalyst().analyse(mining, analyse(mining))
        rollback = next(a.action for a in output.remediation if a.action.startswith("Roll back"))
        assert when in rollback, (first_minute, rollback)
        assert f"was first seen {when}" in output.root_cause.statement, (first_minute, output.root_cause.statement)


def test_a_name_that_stops_resolving_right_after_a_rollout_of_the_same_service_is_filed_as_configuration():
    """The same unresolvable host is 'network' on its own, and 'configuration' when a rollout of the
    failing service just before the onset explains it (a changed address, not a network fault)."""
    def report(services_of_change):
        cause = cluster("cdns0001", "java.net.UnknownHostException: billing-api.internal", {m: 4 for m in range(30, 60)}, first_second=5)
        extra = []
        if services_of_change is not None:
            change = cluster("cdeploy2", "io.k8s.apps.v1.deployments.patch OK by <EMAIL>", {28: 1}, severity="NOTICE", first_second=10)
            change.services = services_of_change
            extra.append(change)
        mining = mining_of([cause, *extra])
        output, _ = OfflineAnalyst().analyse(mining, analyse(mining))
        return output.root_cause

    assert report(None).category == "network"
    assert report(["checkout"]).category == "configuration"  # the failing service was rolled out
    assert report(["dns-zone"]).category == "network"  # a change elsewhere does not make it the service's config


def test_a_clean_exit_is_not_offered_as_instances_failing_to_start():
    cause = cluster("ccause05", "TypeError: 'NoneType' object is not subscriptable", {m: 3 for m in range(30, 60)}, first_second=5)
    done = cluster("cexit000", "Container called exit(<NUM>).", {31: 1}, severity="INFO", sample="Container called exit(0).")  # a job finished
    mining = mining_of([cause, done])
    analysis = analyse(mining)
    output, _ = OfflineAnalyst().analyse(mining, analysis)
    whys = " ".join(w.answer for w in output.five_whys)
    assert analysis.impact.restarts == 0
    assert "fail to start or exit" not in whys


def test_an_outage_whose_cause_logs_nothing_is_not_called_no_incident(tmp_path):
    """A load balancer's requests to one backend start failing at 10:30 (60% of them, P0) and no
    service logs anything about it. The report must not say "No incident ... Nothing to do now":
    it says users are failing, where, since when, that these logs do not show why, and where to
    look."""
    import json
    import subprocess
    import sys
    from datetime import datetime, timedelta, timezone

    t0 = datetime(2026, 3, 1, 10, 0, tzinfo=timezone.utc)
    entries = []
    for m in range(60):
        for k in range(10):
            at = (t0 + timedelta(seconds=m * 60 + k * 6)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
            fail = m >= 30 and k < 6
            entries.append({"timestamp": at, "logName": "projects/shop/logs/requests", "severity": "WARNING" if fail else "INFO",
                            "resource": {"type": "http_load_balancer", "labels": {"backend_service_name": "web-backend"}},
                            "httpRequest": {"requestMethod": "GET", "requestUrl": f"https://shop.example.com/cart/{k}",
                                            "status": 502 if fail else 200, "latency": "0.120s"}})
    entries.reverse()
    logs = tmp_path / "logs.json"
    logs.write_text(json.dumps(entries))
    out = subprocess.run([sys.executable, "-m", "rca", "generate", "--no-history", "--file", str(logs), "--format", "json"],
                         capture_output=True, text=True, check=True)
    report = json.loads(out.stdout)
    assert report["priority"] in ("P0", "P1")
    assert "No incident" not in report["summary"] and "no incident" not in report["title"]
    assert report["status"]["state"] == "ongoing"
    assert report["root_cause"]["cluster_ids"] == [] and "No log line in this window singles out a cause" in report["root_cause"]["statement"]
    assert "`GET /cart/{id}`" in report["remediation"][0]["action"]


def test_a_source_line_of_a_traceback_names_no_dependency():
    """`host=self.host` in a traceback's quoted source line is code: the statement must not list
    `self.host` as a name involved in the failure, while a real host in the message still is."""
    from rca.llm.offline import entities

    names = entities(["    port=port, host=self.host)", "connect failed: host=db-primary.internal refused"])
    assert "self.host" not in names and "db-primary.internal" in names


def test_a_failure_that_only_says_a_call_failed_is_not_named_with_high_confidence():
    # the same timing and the same lead over every rival: the exception says why, the timeout and
    # the refused connection only say that a call failed, so what they waited on is still the question
    from rca.models import HIGH_CONFIDENCE

    from tests.test_confidence_ties import _requests

    def report(text):
        mining = mining_of([cluster("ccause01", text, {m: 3 for m in range(30, 60)}, first_second=5)])
        analysis = analyse(mining, _requests({"checkout": True}))  # its service fails requests: tied to the harm
        output, info = OfflineAnalyst().analyse(mining, analysis)
        return assemble_report(mining, analysis, output, info)

    own = report("TypeError: unsupported operand type(s) for +: 'NoneType' and 'int'")
    assert own.root_cause.confidence >= HIGH_CONFIDENCE and "not why" not in own.confidence_reason
    for text in ("upstream request timed out after 30s calling inventory-api", "Error: connect ECONNREFUSED 10.0.0.7:5432"):
        waited = report(text)
        assert waited.root_cause.cluster_ids == ["ccause01"]  # still named: the ranking is unchanged
        assert waited.root_cause.confidence < HIGH_CONFIDENCE
        assert "only that a call or the process failed, not why" in waited.confidence_reason
