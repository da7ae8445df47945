"""Block Kit rendering: content, limits, and escaping of untrusted log text."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

from rca.models import Action, Candidate, Impact, RootCause, Why
from rca.render.slack import MAX_BLOCKS, MAX_HEADER, MAX_SECTION, MAX_TOTAL, escape, render_slack, render_slack_json, sparkline
from rca.schema import AnalystInfo, Report, ReportCluster, Totals, Window

START = datetime(2026, 5, 1, 11, 0, tzinfo=timezone.utc)
END = START + timedelta(hours=1)
M0 = int(START.timestamp()) // 60


def cluster(cid: str, template: str, count: int, severity: str = "ERROR", sample: str | None = None, **kw) -> ReportCluster:
    return ReportCluster(
        id=cid, template=template, count=count, severity=severity, by_severity={severity: count}, services=["checkout"],
        first_seen=START + timedelta(minutes=30), last_seen=END, samples=[sample or template],
        timeline={M0 + 30 + i: count // 30 + 1 for i in range(30)}, **kw,
    )


def make_report(clusters: list[ReportCluster] | None = None, **kw) -> Report:
    clusters = clusters if clusters is not None else [
        cluster("c1", "ModuleNotFoundError: No module named <*>", 120, role="cause", sample="ModuleNotFoundError: No module named 'psycopg2'"),
        cluster("c2", "GET /api/orders 503", 480, role="symptom"),
        cluster("c3", "served order <*>", 900, severity="INFO", role="noise"),
    ]
    fields = dict(
        title="checkout incident", source="projects/demo", window=Window(start=START, end=END, onset=START + timedelta(minutes=30)),
        totals=Totals(entries=1500, by_severity={"ERROR": 600, "INFO": 900}, clusters=len(clusters)),
        clusters=clusters,
        root_cause=RootCause(cluster_ids=["c1"], statement="Revision 00043 cannot import psycopg2: the image lacks the driver.", category="missing-dependency", confidence=0.9),
        candidates=[Candidate(cluster_id="c1", score=0.9, reason="first error at onset")],
        five_whys=[Why(question=f"Why {i}?", answer=f"Because {i}.") for i in range(1, 6)],
        priority="P1", priority_reason="31% of requests failed for 30 minutes",
        impact=Impact(total_requests=960, failed_requests=480, error_rate=0.5, services=["checkout"], restarts=30),
        impact_summary="Half of checkout requests failed.",
        remediation=[Action(action="Roll back to revision 00042", timeframe="now (0-30 min)"), Action(action="Add psycopg2 to requirements", timeframe="today")],
        analyst=AnalystInfo(name="offline"),
    )
    fields.update(kw)
    return Report(**fields)


def all_text(message: dict) -> str:
    return json.dumps(message, ensure_ascii=False)


def test_message_has_header_root_cause_clusters_whys_actions() -> None:
    message = render_slack(make_report())
    blocks = message["blocks"]
    assert blocks[0]["type"] == "header"
    assert blocks[0]["text"]["text"].startswith("P1 · checkout: Revision 00043 cannot import psycopg2")
    text = all_text(message)
    for needle in ("*Root cause*", "missing-dependency", "*Top clusters*", "*120×*", "*480×*", "*Five whys*", "Why 5?", "*Actions*", "Roll back to revision 00042", "480/960 requests failed (50.0%)"):
        assert needle in text, needle
    assert "Full report" in blocks[-1]["elements"][0]["text"]
    assert message["text"] == blocks[0]["text"]["text"]
    # the root-cause cluster is listed first; noise is left out of the top clusters
    cluster_sections = [b["text"]["text"] for b in blocks if b["type"] == "section" and "×*" in b["text"]["text"]]
    assert cluster_sections[0].startswith("`▁") and "*120×*" in cluster_sections[0]
    assert not any("served order" in s for s in cluster_sections)


def test_sparklines_follow_the_timeline() -> None:
    assert sparkline({M0: 1, M0 + 1: 4, M0 + 2: 8}) == "▂▅█"
    assert sparkline({M0: 0, M0 + 1: 8}) == "▁█"
    assert sparkline({}) == ""
    line = sparkline({M0 + 59: 5}, M0, M0 + 59)
    assert len(line) == 24 and line.endswith("█") and set(line[:-1]) == {"▁"}


def test_untrusted_log_text_cannot_ping_or_link() -> None:
    evil = "boom <!channel> <@U123> <http://evil.example|click> & `tick` @here"
    report = make_report([cluster("c1", evil, 5, sample=evil)], priority="P3", root_cause=RootCause(cluster_ids=["c1"], statement=f"Logged {evil}", category="other", confidence=0.5))
    message = render_slack(report)
    text = all_text(message)
    for raw in ("<!channel>", "<@U123>", "<http://evil.example|click>"):
        assert raw not in text
    assert "&lt;!channel&gt;" in text and "&lt;@U123&gt;" in text and "&lt;http://evil.example|click&gt;" in text
    assert "&amp;" in text and "@\u200bhere" in text
    # log text sits in code spans: the backticks inside it are neutralised
    sections = [b["text"]["text"] for b in message["blocks"] if b["type"] == "section"]
    assert any("`boom &lt;!channel&gt;" in s for s in sections)
    assert escape("a<b>&c") == "a&lt;b&gt;&amp;c"
    assert message["blocks"][0]["text"]["text"].startswith("P3 · checkout: Logged boom ‹!channel› ‹@U123›")


def test_stays_within_block_kit_limits_with_huge_content() -> None:
    long = "x" * 10_000
    clusters = [cluster(f"c{i}", f"error {i} " + long, 100 - i, sample=long) for i in range(60)]
    report = make_report(
        clusters,
        root_cause=RootCause(cluster_ids=["c0"], statement="cause " + long, category="other", confidence=0.5),
        five_whys=[Why(question="q" * 4000, answer="a" * 4000) for _ in range(5)],
        remediation=[Action(action="do " + long, timeframe="today") for _ in range(20)],
        candidates=[Candidate(cluster_id=f"c{i}", score=1.0, reason="r") for i in range(60)],
        impact_summary=long,
    )
    message = render_slack(report)
    blocks = message["blocks"]
    assert len(blocks) <= MAX_BLOCKS
    assert len(blocks[0]["text"]["text"]) <= MAX_HEADER
    for block in blocks:
        if block["type"] == "section":
            assert len(block["text"]["text"]) <= MAX_SECTION
        if block["type"] == "context":
            assert all(len(e["text"]) <= MAX_SECTION for e in block["elements"])
    total = sum(len(b["text"]["text"]) for b in blocks if "text" in b) + sum(len(e["text"]) for b in blocks for e in b.get("elements", []))
    assert total <= MAX_TOTAL
    assert "…truncated, full report attached/see `rca generate`" in all_text(message)
    # a clipped code span is closed again
    for block in blocks:
        if block["type"] == "section":
            assert block["text"]["text"].count("```") % 2 == 0


def test_healthy_report_says_so() -> None:
    report = make_report([], root_cause=None, candidates=[], five_whys=[], remediation=[], priority="none", priority_reason="no errors in the window", impact=Impact(), impact_summary="")
    message = render_slack(report)
    assert message["blocks"][0]["text"]["text"] == "logs: no incident found"
    assert "No incident found" in all_text(message)


def test_render_slack_json_is_the_same_message() -> None:
    report = make_report()
    assert json.loads(render_slack_json(report)) == render_slack(report)


def test_first_screen_is_the_answer_without_masked_templates() -> None:
    from rca.schema import Status

    report = make_report(
        summary="checkout: 480 of 960 requests failed since 11:30 UTC. Still failing. Likely cause: `psycopg2`.",
        status=Status(state="ongoing", last_error_at=END, quiet_for_s=0.0),
        impact=Impact(total_requests=960, failed_requests=480, error_rate=0.5, services=["gateway", "checkout"], restarts=30),
    )
    blocks = render_slack(report)["blocks"]
    # the header names the service of the root cause, not the first service with errors
    assert blocks[0]["text"]["text"].startswith("P1 · checkout: ")
    first_screen = blocks[: next(i for i, b in enumerate(blocks) if b["type"] == "divider")]
    text = all_text(first_screen)
    assert "*Summary:* checkout: 480 of 960 requests failed" in text
    assert "*Status:* ongoing" in text and "*First action:* Roll back to revision 00042" in text
    assert "&lt;*&gt;" not in text and "ModuleNotFoundError: No module named" not in text  # no masked templates there
    assert "No module named &lt;*&gt;" in all_text(blocks)  # the templates are still in the message, further down
