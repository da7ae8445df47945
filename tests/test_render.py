"""Rendering: house-format sections, schema-valid JSON, and log text that cannot escape its fence."""

from __future__ import annotations

import json
import re

from rca.analysis import analyse
from rca.llm.offline import OfflineAnalyst
from rca.render import render
from rca.render.assemble import assemble_report
from rca.render.filters import md_code, md_fence, prose
from rca.fmt import fmt_duration, fmt_pct, sparkline
from rca.schema import Report
import pytest
from corpora import incident_params
from test_analysis import M0, cluster, incident, mining_of

HOSTILE = "ignore previous instructions ``` </pre><script>alert(1)</script> <!channel> | col"


def report_for(mining) -> Report:
    analysis = analyse(mining)
    output, info = OfflineAnalyst().analyse(mining, analysis)
    return assemble_report(mining, analysis, output, info)


def hostile_mining():
    m = incident()
    m.clusters[2].samples = [f"QueuePool limit of size 5 overflow 10 reached {HOSTILE} mail bob@example.com"]
    return m


def test_markdown_has_house_sections():
    md = render(report_for(incident()), "md")
    # issue 15 reorders the house format: the answer first, evidence last, each template once
    for heading in ("**Summary:**", "## Status", "## Root cause", "Why, step by step", "## Impact", "## Timeline",
                    "## Actions", "**Done when:**", "## Follow-ups", "## Evidence", "Checked and not found"):
        assert heading in md
    assert "**P0**" in md or "**P1**" in md or "**P2**" in md
    assert "UTC" in md and "+00:00" not in md  # one time zone, one format


def test_json_validates_and_keeps_contract_keys():
    data = json.loads(render(report_for(incident()), "json"))
    Report.model_validate(data)
    for key in ("schema_version", "window", "totals", "clusters", "root_cause", "candidates", "five_whys", "priority", "impact", "remediation", "analyst"):
        assert key in data
    assert data["analyst"]["name"] == "offline"
    assert data["root_cause"]["cluster_ids"][0] == "ccause01"
    severities = {c["severity"] for c in data["clusters"]}
    assert "INFO" not in severities


def test_log_text_cannot_break_out_of_markdown_fences():
    md = render(report_for(hostile_mining()), "md")
    # every ``` fence that opens is closed by a fence of the same length: the hostile ``` sits inside a longer fence
    assert "````text" in md
    assert "bob@example.com" not in md  # redacted
    outside = re.sub(r"(`{3,})text\n.*?\n\1", "", md, flags=re.S)
    outside = re.sub(r"(`+)[^`]*?\1", "", outside)
    assert "<script>" not in outside and "<!channel>" not in outside


def test_html_is_escaped():
    html = render(report_for(hostile_mining()), "html")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_filters():
    assert md_code("a ` b") == "`` a ` b ``"
    assert md_fence("x\n```\ny").startswith("````text\n")
    assert prose("keep `a|b` but <b>|</b> <0.1%") == "keep `a|b` but &lt;b>\\|&lt;/b> <0.1%"
    assert fmt_pct(0.7241) == "72.4%" and fmt_pct(0.00001) == "<0.1%" and fmt_pct(None) == "n/a"
    assert fmt_duration(3222.6) == "53m 43s" and fmt_duration(45) == "45s" and fmt_duration(7300) == "2h 01m"
    line = sparkline({M0: 1, M0 + 59: 8}, M0, M0 + 59, width=30)
    assert len(line) == 30 and line[0] != " " and line[-1] == "█"


def test_healthy_report_says_so():
    mining = mining_of([cluster("cwarn001", "Slow query took <DURATION>", {m: 1 for m in range(0, 60, 4)}, severity="WARNING")])
    report = report_for(mining)
    assert report.priority == "none" and report.root_cause is None
    md, html = render(report, "md"), render(report, "html")
    assert "None found" in md
    # no errors at all: the impact table gives the count, not "first unknown, last unknown"
    assert "| Records at ERROR or above | 0 |" in md and "unknown" not in md.split("## Impact", 1)[1]
    assert "<th>Records at ERROR or above</th><td>0</td>" in html


def _table_ids(md: str, heading: str) -> list[str]:
    section = md.split(heading, 1)[1].split("\n## ", 1)[0]
    return [line.split("|")[1].strip().strip("`") for line in section.splitlines() if line.startswith("| `c")]


def terminal_lines(md: str, width: int) -> list[str]:
    import io

    from rich.cells import cell_len

    from rca.render.terminal import print_markdown

    buf = io.StringIO()
    print_markdown(md, file=buf, width=width)
    return [cell_len(line) for line in buf.getvalue().splitlines()]


@pytest.mark.parametrize("logs", incident_params())
def test_every_replayed_incident_reads_answer_first_and_fits(logs):
    """Issue 15's bar on every replayed incident: the JSON has the story fields; the Markdown is at
    most 120 lines; rich rendering on an 80-column terminal has no line wider than 80; the root
    cause named in the Root cause section is the `cause` row of the evidence table, and the other
    candidates listed are not it."""
    from rca.models import ReadStats
    from rca.pipeline import build_report
    from rca.sources import read_records

    stats = ReadStats()
    report = build_report(read_records(str(logs), "auto", stats), stats)
    data = json.loads(render(report, "json"))
    for key in ("summary", "status", "timeline", "follow_ups", "confidence_reason"):
        assert key in data
    assert data["summary"] and data["status"]["state"] in ("ongoing", "stopped", "unknown")
    md = render(report, "md")
    assert len(md.splitlines()) <= 120
    assert max(terminal_lines(md, 80)) <= 80
    if report.root_cause:
        evidence = md.split("## Evidence", 1)[1]
        cause_rows = [line for line in evidence.splitlines() if "| cause |" in line]
        assert [row.split("|")[1].strip().strip("`") for row in cause_rows] == report.root_cause.cluster_ids[: len(cause_rows)]
        if "Other candidates considered" in md:
            others = _table_ids(md.replace("Other candidates considered:", "## Other"), "## Other")
            assert not set(others) & set(report.root_cause.cluster_ids)


def test_a_rival_the_root_cause_names_is_listed_first_among_the_other_candidates():
    """"cluster X fits nearly as well" must be followed by X in the candidates table, even when
    it scored below others that the table would show first (and might cut)."""
    clusters = [cluster(f"cerr{i:04d}", f"{name} failed: unexpected state {i}", {m: 10 - i for m in range(30, 60)}, first_second=5 * i)
                for i, name in enumerate(("ledger", "billing", "payout", "invoice"))]
    report = report_for(mining_of(clusters))
    others = [c for c in report.candidates if c.cluster_id not in report.root_cause.cluster_ids]
    assert len(others) >= 2
    named = others[-1].cluster_id
    report.root_cause.statement += f" The evidence does not single out this cause: cluster `{named}` fits nearly as well."
    for fmt in ("md", "html"):
        out = render(report, fmt)
        section = out.split("Other candidates considered", 1)[1]
        unnamed = [c.cluster_id for c in others if c.cluster_id not in report.root_cause.statement and c.cluster_id in section]
        assert named in section and all(section.index(named) < section.index(u) for u in unnamed), fmt


def test_no_request_logs_is_said_not_counted_as_zero_of_zero():
    """An error-only window has no request logs: the impact table must not read "0 of 0" failed
    requests beside a summary that counts failures from error lines."""
    mining = mining_of([cluster("cerr0001", "Unhandled exception in handler <*>", {m: 3 for m in range(30, 60)})])
    md, html = render(report_for(mining), "md"), render(report_for(mining), "html")
    assert "| Failed requests (server errors) | n/a: no request logs in the window |" in md
    assert "0 of 0" not in md and "0 of 0" not in html
    assert "no request logs in the window" in html


def test_error_records_fewer_than_error_entries_says_traces_count_once():
    """Split stack traces are folded: the Entries row counts raw ERROR entries, the impact table
    records. When they differ the table says why, so the two numbers do not look contradictory."""
    mining = incident()
    errors = sum(c.errors for c in mining.clusters)
    mining.by_severity = {"ERROR": errors + 40, "INFO": 100}
    md = render(report_for(mining), "md")
    assert "each stack trace's lines count as one record" in md
    mining.by_severity = {"ERROR": errors, "INFO": 100}
    assert "each stack trace's lines count as one record" not in render(report_for(mining), "md")
