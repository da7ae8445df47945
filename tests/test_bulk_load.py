"""A bulk job started minutes before a backend it shares with other services runs out (a quota, a
connection pool, a database under load) is what they ran out of: its start leads their failures,
though the failing services never call it and nothing names it. The same start before failures
that say something else (new code's exception) is a coincidence in time. Invented logs, read as a
user would (`build_report`)."""

from __future__ import annotations

import pytest
from test_deploy_startup import _pod
from test_operator_actions import _report, _requests

from rca.analysis.changes import states_change

FAIL_AT = 30 * 60
START = "orders-resync starting: 40,000 orders to rewrite, workers=8"


def _export(failure: str, job_start: float | None = 27 * 60 + 30, complains: bool = True) -> list[dict]:
    """The shop's requests fail from 10:30 (`_requests`); cart-api and billing-api serve all hour.
    With `job_start`, the orders-resync job logs its start then and progress every half minute,
    and (`complains`) from 10:29:50 that it is refused by the limit too. From 10:29:50 cart-api
    and, a little later, billing-api log `failure`."""
    out = _requests(FAIL_AT)
    out += [_pod(m * 60 + s, "cart-api-6f7c9-a1b2c", f"cart {m * 60 + s} saved") for m in range(60) for s in (10, 40)]
    out += [_pod(m * 60 + s, "billing-api-5d4c3-z1y2x", f"invoice {m * 60 + s} sent") for m in range(60) for s in (20, 50)]
    out += [_pod(t, "cart-api-6f7c9-a1b2c", failure, "ERROR") for t in range(FAIL_AT - 10, 3600, 7)]
    out += [_pod(t, "billing-api-5d4c3-z1y2x", failure, "ERROR") for t in range(FAIL_AT + 20, 3600, 11)]
    if job_start is not None:
        out.append(_pod(job_start, "orders-resync-x7k2p-q1w2e", START))
        out += [_pod(t, "orders-resync-x7k2p-q1w2e", f"batch {t} done, 500 orders rewritten")
                for t in range(int(job_start) + 20, FAIL_AT - 10 if complains else 3600, 30)]
    if job_start is not None and complains:
        out += [_pod(t, "orders-resync-x7k2p-q1w2e", "429 from orders API, backing off 2s", "WARNING") for t in range(FAIL_AT - 10, 3600, 5)]
    return out


QUOTA = "orders API call failed: 429 Quota exceeded for quota metric 'API requests' and limit 'per minute'"


@pytest.mark.parametrize("complains", [True, False])
def test_a_bulk_job_started_before_a_shared_quota_ran_out_leads_the_failures(tmp_path, complains):
    """The resync starts at 10:27:30 and from 10:29:50 cart-api and billing-api are refused by the
    quota they share with it, whether or not the job is refused too: the report leads with the
    job's start, says its load is what the others ran out of, and files it as resource exhaustion
    (our own allocation used up)."""
    report, by_id = _report(_export(QUOTA, complains=complains), tmp_path / "quota.json")
    assert report.root_cause is not None and report.root_cause.cluster_ids
    assert by_id[report.root_cause.cluster_ids[0]].samples[0] == START
    assert "load" in report.root_cause.statement
    assert report.root_cause.category == "resource-exhaustion"
    # the first thing to do is to pause the job (a run is not reverted), and the summary says so
    assert report.remediation[0].action.startswith("Pause or throttle the job")
    assert "revert" not in report.remediation[0].action
    assert not any(a.action.startswith("Check the change") for a in report.remediation)  # not the same step again, as a revert


def test_without_the_job_the_quota_refusal_is_the_finding(tmp_path):
    """The same refusals with no job started: the refusal itself is what the report names."""
    report, by_id = _report(_export(QUOTA, job_start=None), tmp_path / "alone.json")
    assert report.root_cause is not None and report.root_cause.cluster_ids
    assert "Quota exceeded" in by_id[report.root_cause.cluster_ids[0]].samples[0]


def test_a_job_started_before_failures_that_say_something_else_is_not_singled_out(tmp_path):
    """The same start (the job running quietly) before cart-api and billing-api fail with an
    exception in their own code, no backend running out: a coincidence in time, the exception leads."""
    report, by_id = _report(_export("TypeError: Cannot read properties of undefined (reading 'total')", complains=False),
                            tmp_path / "code.json")
    assert report.root_cause is not None and report.root_cause.cluster_ids
    assert "TypeError" in by_id[report.root_cause.cluster_ids[0]].samples[0]


def test_a_job_named_after_its_work_states_that_it_starts():
    """'users-reindex starting: …' starts a bulk operation as 'starting reindex' does; a line that
    only names such work ('reindex done') does not."""
    assert states_change("users-reindex starting: 1,200,000 documents, batch=500")
    assert states_change("Starting nightly route precompute for 2026-09-15: parallelism=32")
    assert not states_change("users-reindex done: 1,200,000 documents")
