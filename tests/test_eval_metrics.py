"""Every FORMAT.md metric on small hand-made reports, including wrong reports that must score badly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rca.errors import InputError
from rca.evals.metrics import METRICS, Truth, failed_grade, grade, load_truth, summarise
from rca.schema import Report

DATA = Path(__file__).parent / "data" / "evals"


def truth(**over) -> Truth:
    base = {
        "id": "auth-import",
        "root_cause": {"evidence": ["No module named 'auth_service'"], "category": "missing-dependency",
                       "must_mention": ["auth_service", "image"]},
        "symptoms": [{"evidence": "Container called exit(3)"}, {"evidence": "instance could not start successfully"}],
        "distractors": [{"evidence": "Sentry SDK not available"}],
        "priority": "P0",
    }
    base.update(over)
    return Truth.model_validate(base)


HEALTHY = {"root_cause": None, "symptoms": [], "priority": "none"}


def c(cid: str, template: str, samples: list[str] | None = None) -> dict:
    return {"id": cid, "template": template, "count": 1, "severity": "ERROR", "by_severity": {"ERROR": 1},
            "services": ["backend"], "first_seen": None, "last_seen": None, "samples": samples or []}


CLUSTERS = [
    c("mod", "ModuleNotFoundError: No module named <*>", ["ModuleNotFoundError: No module named 'auth_service'"]),
    c("exit", "Container called exit(<NUM>).", ["Container called exit(3)."]),
    c("start", "The request failed because the instance could not start successfully."),
    c("sentry", "Sentry SDK not available", ["Sentry SDK not available"]),
    c("env", "Environment detected: <*>", ["Environment detected: staging"]),
]


def report(primary: str | None = "mod", candidates=("mod", "sentry"), priority="P0", category="missing-dependency",
           statement="The image lacks the auth_service module.", clusters=None, fallback=None, tokens=(0, 0)) -> Report:
    rc = None
    if primary is not None:
        rc = {"cluster_ids": [primary], "statement": statement, "category": category, "confidence": 0.8}
    return Report.model_validate({
        "window": {"start": None, "end": None},
        "totals": {"entries": 5, "by_severity": {"ERROR": 5}},
        "clusters": clusters if clusters is not None else CLUSTERS,
        "root_cause": rc,
        "candidates": [{"cluster_id": cid, "score": 0.5, "reason": "r"} for cid in candidates],
        "five_whys": [{"question": "Why does the import fail?", "answer": "The Docker build skipped the package."}],
        "priority": priority,
        "impact": {},
        "remediation": [],
        "analyst": {"name": "offline", "fallback_reason": fallback, "input_tokens": tokens[0], "output_tokens": tokens[1]},
    })


def scores(rep: Report, tr: Truth | None = None, **kw) -> dict:
    args = dict(schema_valid=True, grounded=True, seconds=1.25)
    args.update(kw)
    return grade(rep, tr or truth(), **args)


# --------------------------------------------------------------------------- right and wrong reports


def test_correct_report_scores_perfectly():
    s = scores(report(tokens=(1200, 300)))
    assert list(s) == list(METRICS)
    assert s["root_cause@1"] is True and s["root_cause@3"] is True and s["category"] is True
    assert s["mention_recall"] == 1.0 and s["symptom_recall"] == 1.0
    assert s["distractor_blamed"] is False and s["priority"] is True
    assert s["schema_valid"] is True and s["grounded"] is True
    assert s["false_alarm"] is None  # not a healthy window
    assert (s["input_tokens"], s["output_tokens"], s["seconds"]) == (1200, 300, 1.25)


def test_blaming_a_distractor_scores_badly():
    s = scores(report(primary="sentry", candidates=("sentry", "env", "exit"), category="configuration",
                      statement="Sentry is not configured.", priority="P2"))
    assert s["root_cause@1"] is False
    assert s["root_cause@3"] is False
    assert s["distractor_blamed"] is True
    assert s["category"] is False
    assert s["mention_recall"] == 0.0
    assert s["priority"] is False


def test_root_cause_at_3_counts_the_top_three_candidates_only():
    assert scores(report(primary="exit", candidates=("exit", "env", "mod")))["root_cause@3"] is True
    assert scores(report(primary="exit", candidates=("exit", "env", "start", "mod")))["root_cause@3"] is False
    # the primary root cause counts even when the candidates list omits it
    assert scores(report(primary="mod", candidates=("exit", "env", "start")))["root_cause@3"] is True


def test_evidence_matches_template_or_sample_case_insensitively():
    clusters = [c("mod", "ModuleNotFoundError: No module named <*>", ["modulenotfounderror: NO MODULE named 'AUTH_SERVICE'"])]
    assert scores(report(clusters=clusters, candidates=()))["root_cause@1"] is True
    clusters = [c("mod", "ModuleNotFoundError: No module named <*>")]  # no sample: the template alone
    assert scores(report(clusters=clusters, candidates=()))["root_cause@1"] is False


def test_unknown_cluster_id_does_not_match():
    assert scores(report(primary="nope", candidates=()))["root_cause@1"] is False


def test_missing_symptom_lowers_symptom_recall():
    clusters = [cl for cl in CLUSTERS if cl["id"] != "exit"]
    assert scores(report(clusters=clusters))["symptom_recall"] == 0.5
    assert scores(report(clusters=clusters[:1], candidates=("mod",)))["symptom_recall"] == 0.0


def test_mention_recall_reads_statement_and_five_whys():
    s = scores(report(statement="A module is missing."))
    assert s["mention_recall"] == 0.0  # neither auth_service nor image
    s = scores(report(statement="auth_service is missing."))
    assert s["mention_recall"] == 0.5
    assert scores(report(), truth(root_cause={"evidence": ["x"], "category": "other"}))["mention_recall"] is None


def test_schema_and_grounded_flags_pass_through():
    s = scores(report(), schema_valid=False, grounded=False)
    assert s["schema_valid"] is False and s["grounded"] is False


def test_no_root_cause_on_an_incident_scores_badly():
    s = scores(report(primary=None, candidates=(), priority="none"))
    assert s["root_cause@1"] is False and s["root_cause@3"] is False and s["category"] is False
    assert s["mention_recall"] == 0.0 and s["distractor_blamed"] is False and s["priority"] is False


def test_healthy_window():
    healthy = truth(**HEALTHY)
    quiet = scores(report(primary=None, candidates=(), priority="none"), healthy)
    assert quiet["false_alarm"] is False and quiet["priority"] is True
    for name in ("root_cause@1", "root_cause@3", "category", "mention_recall", "symptom_recall"):
        assert quiet[name] is None
    alarm = scores(report(primary="sentry", priority="P1"), healthy)
    assert alarm["false_alarm"] is True and alarm["priority"] is False
    assert alarm["distractor_blamed"] is True
    assert scores(report(primary=None, candidates=(), priority="P2"), healthy)["false_alarm"] is False


def test_failed_grade_fails_every_applicable_metric():
    s = failed_grade(truth(), 3.0)
    assert s["root_cause@1"] is False and s["schema_valid"] is False and s["grounded"] is False
    assert s["false_alarm"] is None and s["seconds"] == 3.0
    assert failed_grade(truth(**HEALTHY))["root_cause@1"] is None


# --------------------------------------------------------------------------- summary


def test_summary_means_applicable_values_and_counts_must_be_false_metrics():
    rows = [
        scores(report(tokens=(100, 10))),
        scores(report(primary="sentry", candidates=("sentry",)), grounded=False),
        scores(report(primary="sentry", priority="P1"), truth(**HEALTHY)),
        scores(report(primary=None, candidates=(), priority="none"), truth(**HEALTHY), seconds=0.75),
    ]
    s = summarise(rows)
    assert s["root_cause@1"] == 0.5  # two incidents apply
    assert s["distractor_blamed"] == 2  # a count: the incident and the healthy window blamed Sentry
    assert s["false_alarm"] == 1  # a count over the two healthy windows
    assert s["grounded"] == 0.75
    assert s["priority"] == 0.75
    assert s["input_tokens"] == 25.0
    assert s["seconds"] == pytest.approx((1.25 * 3 + 0.75) / 4)
    assert s["incidents"] == 4
    assert summarise([rows[0]])["false_alarm"] is None  # no healthy window: n/a


# --------------------------------------------------------------------------- truth.json


def test_load_truth_of_the_tiny_incidents():
    t = load_truth(DATA / "tiny" / "auth-import" / "truth.json")
    assert t.id == "auth-import" and not t.healthy and t.root_cause.must_mention == ["auth_service", "import"]
    assert load_truth(DATA / "tiny" / "healthy" / "truth.json").healthy


@pytest.mark.parametrize(
    "content, message",
    [
        ('{"id": "x", "root_cause": null,', "not valid JSON"),
        ("[1, 2]", "JSON object"),
        ('{"id": "x", "priority": "P0"}', "root_cause"),
        ('{"id": "x", "root_cause": {"evidence": ["a"], "category": "gremlins"}, "priority": "P1"}', "unknown category"),
        ('{"id": "x", "root_cause": {"evidence": [], "category": "other"}, "priority": "P1"}', "root_cause.evidence"),
        ('{"id": "x", "root_cause": null, "priority": "P7"}', "priority"),
        ('{"id": "x", "root_cause": null, "priority": "P0"}', "healthy"),
    ],
)
def test_broken_truth_is_a_one_line_input_error(tmp_path, content, message):
    path = tmp_path / "truth.json"
    path.write_text(content)
    with pytest.raises(InputError) as err:
        load_truth(path)
    assert message in str(err.value) and "\n" not in str(err.value)


def test_truth_accepts_plain_strings_and_defaults_the_id(tmp_path):
    folder = tmp_path / "my-incident"
    folder.mkdir()
    (folder / "truth.json").write_text(json.dumps({
        "root_cause": {"evidence": "boom", "category": "code-bug"}, "symptoms": ["500s"], "priority": "P2"}))
    t = load_truth(folder / "truth.json")
    assert t.id == "my-incident" and t.root_cause.evidence == ["boom"] and t.symptoms[0].evidence == "500s"


# --------------------------------------------------------------------------- the baseline


def _mined(*clusters: tuple[str, str, int, str]):
    from rca.models import ClusterStats, MiningResult

    out = [ClusterStats(id=cid, template=template, count=n, severity=sev, by_severity={sev: n}, services=["api"],
                        first_seen=None, last_seen=None, samples=[template])
           for cid, template, n, sev in clusters]
    return MiningResult(clusters=out, total_entries=sum(c.count for c in out), by_severity={}, window_start=None, window_end=None)


def test_baseline_blames_the_most_frequent_error_headline_not_a_frame_or_a_warning():
    from rca.evals.metrics import BASELINE, baseline_cluster, grade_baseline

    mining = _mined(
        ("cwarn", "Slow request <NUM> ms", 900, "WARNING"),
        ("cframe", '  File "<PATH>", line <NUM>, in handle', 500, "ERROR"),
        ("cjava", "\tat com.example.Repo.find(Repo.java:<NUM>)", 400, "ERROR"),
        ("csymp", "Upstream call failed: 503", 120, "ERROR"),
        ("ccause", "KeyError: 'tenant_id'", 30, "ERROR"),
    )
    assert baseline_cluster(mining).id == "csymp"
    truth = Truth(id="x", root_cause={"evidence": ["tenant_id"], "category": "code-bug"}, priority="P1")
    assert grade_baseline(mining, truth) == {BASELINE: False, "baseline_cluster": "csymp"}
    truth = Truth(id="x", root_cause={"evidence": ["upstream call failed"], "category": "code-bug"}, priority="P1")
    assert grade_baseline(mining, truth)[BASELINE] is True
    healthy = Truth(id="h", root_cause=None, priority="none")
    assert grade_baseline(mining, healthy)[BASELINE] is None
    assert baseline_cluster(_mined(("cwarn", "Slow request", 9, "WARNING"))) is None


def test_summary_carries_the_baseline_only_when_rows_have_it():
    from rca.evals.metrics import BASELINE

    rows = [{"root_cause@1": True, BASELINE: False}, {"root_cause@1": True, BASELINE: True}, {"root_cause@1": None, BASELINE: None}]
    assert summarise(rows)[BASELINE] == 0.5
    assert BASELINE not in summarise([{"root_cause@1": True}])
