"""`confident_wrong`: the evals count the reports that call their cause "high" confidence and are
wrong, so a ranking that guesses loudly shows up even when root_cause@1 does not move."""

from __future__ import annotations

from rca.evals.metrics import Truth, failed_grade, summarise
from tests.test_eval_metrics import HEALTHY, report, scores, truth


def _sure(rep, confidence: float):
    rep.root_cause.confidence = confidence
    return rep


def test_a_wrong_cause_at_high_confidence_is_counted_and_a_hedged_one_is_not():
    wrong_sure = scores(_sure(report(primary="sentry"), 0.85))
    wrong_hedged = scores(_sure(report(primary="sentry"), 0.55))
    right_sure = scores(_sure(report(primary="mod"), 0.9))
    assert wrong_sure["confident_wrong"] is True
    assert wrong_hedged["confident_wrong"] is False and wrong_hedged["root_cause@1"] is False
    assert right_sure["confident_wrong"] is False
    assert summarise([wrong_sure, wrong_hedged, right_sure])["confident_wrong"] == 1


def test_a_healthy_window_given_a_confident_cause_is_counted():
    healthy = truth(**HEALTHY)
    assert scores(_sure(report(primary="sentry", priority="P3"), 0.8), healthy)["confident_wrong"] is True
    assert scores(_sure(report(primary="sentry", priority="P3"), 0.6), healthy)["confident_wrong"] is False
    assert scores(report(primary=None, candidates=(), priority="none"), healthy)["confident_wrong"] is False


def test_a_report_that_could_not_be_built_claims_nothing():
    assert failed_grade(Truth.model_validate({"id": "x", **HEALTHY}))["confident_wrong"] is False
