"""Follow the harm back, not the clock: the cause is the stream the harm's own lines lead back to."""
from __future__ import annotations

from rca.analysis import Analysis, analyse, competing
from rca.models import Candidate, Impact, ReadStats
from rca.pipeline import mine_and_tally
from rca.sources.reader import read_records
from test_sources_tracebacks import write_entries


def _ts(minute: int, second: float) -> str:
    return f"2026-03-02T10:{minute:02d}:{second:06.3f}Z"


def _app(name: str, minute: int, second: float, text: str, severity: str = "INFO") -> dict:
    return {"timestamp": _ts(minute, second), "severity": severity, "textPayload": text, "logName": "projects/p/logs/stdout",
            "resource": {"type": "k8s_container",
                         "labels": {"container_name": name, "pod_name": f"{name}-7d9f8c6b5-x2k4q", "namespace_name": "ops"}}}


def _ranked(tmp_path, entries: list[dict]) -> tuple[list[str], Analysis]:
    stats = ReadStats()
    mining, requests = mine_and_tally(read_records(write_entries(tmp_path, entries), stats=stats), stats)
    analysis = analyse(mining, requests)
    return [mining.cluster(c.cluster_id).template for c in analysis.candidates], analysis


def _baseline(names: tuple[str, ...]) -> list[dict]:
    return [_app(name, m, s + k, f"{name} handled request {m * 60 + s} in 14 ms")
            for m in range(45) for s in (0, 20, 40) for k, name in enumerate(names)]


def test_a_timeout_linked_to_no_harm_yields_to_the_stream_the_harm_leads_back_to(tmp_path):
    """A host agent's metadata watch times out a few seconds before the planner starts to fail:
    it is the first error at the onset, but nothing but its own lines is harmed. The planner's
    failed export runs (the harm) lead back to the exception its own instance logged just
    before them, which the report names first."""
    entries = _baseline(("planner", "host-agent"))
    entries += [_app("host-agent", m, 8, "Error watching metadata: context deadline exceeded", "ERROR") for m in (30, 33, 37, 41)]
    entries += [_app("planner", m, 17, "ZoneLookupError: local time 02:30 does not exist in region tz", "ERROR")
                for m in range(30, 45)]
    entries += [_app("planner", m, 38, "plan export run failed: 3 of 9 regions not written", "ERROR") for m in range(30, 45)]
    templates, _ = _ranked(tmp_path, entries)
    assert "ZoneLookupError" in templates[0]
    assert any("Error watching metadata" in t for t in templates[1:])


def test_a_timeout_on_the_harmed_service_keeps_its_place(tmp_path):
    """The same timeout logged by the service whose runs fail is linked to the harm: no reorder."""
    entries = _baseline(("planner", "host-agent"))
    entries += [_app("planner", m, 8, "Error watching metadata: context deadline exceeded", "ERROR") for m in range(30, 45)]
    entries += [_app("host-agent", m, 17, "ZoneLookupError: local time 02:30 does not exist in region tz", "ERROR")
                for m in range(30, 45)]
    entries += [_app("planner", m, 38, "plan export run failed: 3 of 9 regions not written", "ERROR") for m in range(30, 45)]
    templates, _ = _ranked(tmp_path, entries)
    assert "Error watching metadata" in templates[0]


def _reads_then_checksum(caller_line: str) -> list[dict]:
    """Reads fail at a caller from 10:30:10; the datastore logs its own diagnosis 40 s later."""
    entries = _baseline(("reader", "ring-db"))
    entries += [_app("reader", m, s, caller_line, "ERROR") for m in range(30, 45) for s in (10, 40)]
    entries += [_app("ring-db", m, 50, "compaction of table readings failed: block at offset 4096 failed checksum, marking file corrupt",
                     "ERROR") for m in range(30, 45)]
    return entries


def test_a_datastores_own_diagnosis_outranks_its_callers_earlier_read_failures(tmp_path):
    """The caller's read failure says it came from the datastore; the datastore's checksum failure,
    logged after the first failed reads, says why, and ranks above them."""
    templates, _ = _ranked(tmp_path, _reads_then_checksum(
        "read failed for device 42: ReadFailureException: Cassandra failure during read query at consistency QUORUM"))
    assert "failed checksum" in templates[0]


def test_a_caller_answered_with_a_client_error_stays_above_the_datastores_later_line(tmp_path):
    """A caller whose requests the datastore rejects as bad (a 4xx) is the likelier culprit: the
    datastore's later lines are its after-effects."""
    templates, _ = _ranked(tmp_path, _reads_then_checksum(
        "read failed for device 42: database answered status code 400 (bad request) for query at consistency QUORUM"))
    assert "(bad request)" in templates[0]


def test_a_follower_of_the_named_cause_is_no_competing_explanation():
    """A first signal's follower, and a message ranked below that follower's exception, are the
    named cause's own account; only another failure competes with it."""
    def cand(cid: str, score: float, echo_of: str | None = None) -> Candidate:
        return Candidate(cluster_id=cid, score=score, reason="r", role="cause", echo_of=echo_of)

    candidates = [cand("first", 4.7), cand("follower", 4.69, "first"), cand("message", 4.68, "follower"), cand("other", 2.0)]
    analysis = Analysis(onset=None, priority="P2", impact=Impact(), candidates=candidates, rivals=["message", "other"])
    assert [c.cluster_id for c in competing(analysis, ["first"])] == ["other"]
