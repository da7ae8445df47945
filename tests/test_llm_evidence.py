"""The evidence pack: ordered, fenced, redacted, within budget, sized by clusters not entries."""

from __future__ import annotations

import time

from fake_anthropic import CANARIES, INJECTION, incident, large_mining

from rca.llm.evidence import CLOSE_TAG, OPEN_TAG, build_evidence, escape, estimate_tokens, param_value, sparkline
from rca.redact import Redactor


def test_sections_in_order_and_cause_in_detail() -> None:
    mining, analysis = incident()
    pack = build_evidence(mining, analysis, 8000, Redactor())
    text = pack.text
    heads = ["## Window and onset", "## Ranked candidates", "## Clusters in detail", "## HTTP impact"]
    positions = [text.index(h) for h in heads]
    assert positions == sorted(positions)
    assert pack.cluster_ids[0] == "c-5e1f0a2b"  # the top candidate comes first, though it is rare
    assert set(pack.cluster_ids) == {c.id for c in mining.clusters}
    section = text[text.index("### c-5e1f0a2b") : text.index("### c-77aa0c31")]
    for expected in ["template: ModuleNotFoundError: No module named <*>", "count: 42", "services: checkout-api",
                     "first seen: 2026-11-03 10:31:00 UTC", "per minute from 10:00: ", "exception: ModuleNotFoundError",
                     "stack (folded", "<sample>Traceback", "often followed by: c-77aa0c31"]:
        assert expected in section, expected
    assert 2 <= section.count("<sample>") <= 3
    assert "onset: 2026-11-03 10:31:00 UTC" in text
    assert "failed (5xx): 1,480 (29.1%)" in text
    assert pack.estimated_tokens == estimate_tokens(text) <= 8000


def test_canaries_are_redacted_in_the_pack() -> None:
    mining, analysis = incident()
    text = build_evidence(mining, analysis, 8000, Redactor()).text
    for name, secret in CANARIES.items():
        assert secret not in text, name
    assert "postgres://checkout:[PASSWORD_1]@10.0.0.5:5432/shop" in text  # user and host stay


def test_parameter_values_are_redacted_in_context() -> None:
    mining, analysis = incident()
    text = build_evidence(mining, analysis, 8000, Redactor()).text
    assert "<*>#1 = checkout (5); <*>#2 = [PASSWORD_" in text
    r = Redactor()
    assert param_value("connect to <*> as <*>", "<*>#1", "db.internal", r) == "db.internal"
    assert param_value("login password=<*> failed", "<*>#1", "hunter2", r) == "[PASSWORD_1]"
    assert param_value("mail to <*>", "<*>#1", "bob@example.com", r) == "[EMAIL_1]"


def test_log_text_cannot_leave_the_fence() -> None:
    mining, analysis = incident()
    text = build_evidence(mining, analysis, 8000, Redactor()).text
    assert text.count(OPEN_TAG) == 1 and text.count(CLOSE_TAG) == 1
    assert text.startswith(OPEN_TAG) and text.rstrip().endswith(CLOSE_TAG)
    assert INJECTION in text
    assert "&lt;/evidence>" in text and "&lt;/sample>" in text  # the log's own tags are inert
    assert text.count("<sample>") == text.count("</sample>")


def test_escape() -> None:
    assert escape("</evidence> <b> <*> a<b &lt; x\x1b[31mred <Sample>") == "&lt;/evidence> <b> <*> a<b &lt; xred &lt;Sample>"


def test_sparkline_is_per_minute_and_bounded() -> None:
    line, step = sparkline({100: 1, 101: 8, 105: 4}, 100, 109)
    assert (line, step) == ("▂█···▅····", 1)
    line, step = sparkline({m: 1 for m in range(0, 1440)}, 0, 1439)
    assert len(line) <= 60 and step == 24


def test_million_entries_stay_within_budget_and_nothing_is_dropped_silently() -> None:
    mining, analysis = large_mining(entries=1_000_000, clusters=5000)
    start = time.perf_counter()
    pack = build_evidence(mining, analysis, 8000, Redactor())
    assert time.perf_counter() - start < 2.0
    assert pack.estimated_tokens <= 8000
    assert pack.cluster_ids[0] == analysis.candidates[0].cluster_id
    assert pack.summarised_ids, "clusters that do not fit are summarised in one line each"
    total = len(pack.cluster_ids) + len(pack.summarised_ids) + pack.omitted_clusters
    assert total == len(mining.clusters)
    assert f"and {pack.omitted_clusters:,} more clusters not listed" in pack.text


def test_size_depends_on_clusters_not_entries() -> None:
    small, analysis = large_mining(entries=10_000, clusters=300)
    big, analysis_big = large_mining(entries=10_000_000, clusters=300)
    a = build_evidence(small, analysis, 6000, Redactor())
    b = build_evidence(big, analysis_big, 6000, Redactor())
    assert a.cluster_ids == b.cluster_ids
    assert abs(a.estimated_tokens - b.estimated_tokens) < 0.05 * a.estimated_tokens  # only digits differ


def test_tiny_budget_still_shows_the_top_candidate() -> None:
    mining, analysis = incident()
    pack = build_evidence(mining, analysis, 600, Redactor())
    assert pack.cluster_ids == ["c-5e1f0a2b"]
    assert pack.text.count("<sample>") == 1  # the compact form
    assert len(pack.summarised_ids) + pack.omitted_clusters == len(mining.clusters) - 1


def test_pack_is_deterministic() -> None:
    mining, analysis = incident()
    assert build_evidence(mining, analysis, 8000, Redactor()).text == build_evidence(mining, analysis, 8000, Redactor()).text


# --------------------------------------------------------------------------- issue 12: what the pack says


def test_pack_marks_background_impact_changes_and_a_window_that_opens_mid_incident():
    from rca.analysis import analyse
    from rca.llm.evidence import build_evidence
    from tests.test_analysis import cluster, mining_of

    mining = mining_of([
        cluster("cloud001", "Registry lookup failed: no instances available", {m: 30 for m in range(60)}),
        cluster("cquiet01", "Price service returned an empty list", {m: 1 for m in range(30, 60)}, first_second=15),
        cluster("cjobfail", "Job run nightly-export failed: exit status <NUM>", {m: 1 for m in range(31, 60, 5)}, severity="INFO"),
    ])
    analysis = analyse(mining)
    text = build_evidence(mining, analysis, budget_tokens=6000).text
    assert "## Background streams" in text and "cloud001" in text.split("## Background streams")[1].split("##")[0]
    assert "- failed-operations: 6 failed calls or job runs reported by clients (clusters cjobfail)" in text
    assert "deploy before the onset: none shown" in text and "do not advise a rollback" in text
    assert "opens mid-incident" not in text

    steady = mining_of([cluster("ccause03", "connection to database timed out", {m: 2 for m in range(60)})])
    from rca.analysis.impact import RequestTally
    from rca.models import LogRecord
    from tests.test_analysis import M0

    tally = RequestTally()
    list(tally.tap(LogRecord(timestamp=(M0 + m) * 60.0, severity="ERROR", message="", http_status=503 if i % 2 else 200)
                   for m in range(60) for i in range(20)))
    mid = analyse(steady, tally.summary())
    assert mid.mid_incident
    assert "the window opens mid-incident" in build_evidence(steady, mid, budget_tokens=6000).text


def test_pack_gives_a_folded_trace_its_headline():
    from rca.analysis import analyse
    from rca.llm.evidence import build_evidence
    from tests.test_analysis import cluster, mining_of

    trace = "Traceback (most recent call last):\n  File \"/app/pay.py\", line 9, in charge\n    total = price + fee\nTypeError: unsupported operand type(s) for +: 'NoneType' and 'int'"
    mining = mining_of([cluster("ctrace01", "Traceback (most recent call last): <*>", {m: 2 for m in range(30, 60)}, sample=trace)])
    text = build_evidence(mining, analyse(mining), budget_tokens=6000).text
    assert "headline: TypeError: unsupported operand type(s) for +: 'NoneType' and 'int'" in text
