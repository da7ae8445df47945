"""`rca eval incidents`: discovery, the JSON/table output, gates, parallel runs, history."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from rca.errors import InputError, UsageError
from rca.evals.history import append_history, latest_markdown, read_history
from rca.evals.incidents import check_gates, discover_incidents, parse_gates, run_incident_eval
from rca.evals.metrics import METRICS

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "tests" / "data" / "evals"
TINY = DATA / "tiny"
SHARED = REPO.parent / "shared" / "incidents"


# --------------------------------------------------------------------------- discovery


def test_discovers_an_incident_folder_and_a_folder_of_them():
    assert [i.id for i in discover_incidents([str(TINY)])] == ["auth-import", "healthy"]
    assert [i.id for i in discover_incidents([str(TINY / "healthy")])] == ["healthy"]
    # the same folder named twice is replayed once
    assert len(discover_incidents([str(TINY), str(TINY / "healthy")])) == 2


@pytest.mark.parametrize(
    "path, message",
    [
        ("does-not-exist", "no such folder"),
        ("tiny/auth-import/logs.json", "not a folder"),
        ("broken/no-truth", "no truth.json"),
        ("broken", "no truth.json"),  # a sub-folder has logs but no truth.json
        ("broken/bad-json", "not valid JSON"),
        ("broken/bad-category", "unknown category"),
    ],
)
def test_bad_dirs_are_one_line_input_errors(path, message):
    with pytest.raises(InputError) as err:
        discover_incidents([str(DATA / path)])
    assert message in str(err.value) and "\n" not in str(err.value)


def test_missing_logs_is_an_input_error(tmp_path):
    (tmp_path / "x").mkdir()
    shutil.copy(TINY / "healthy" / "truth.json", tmp_path / "x" / "truth.json")
    with pytest.raises(InputError, match="no logs.json"):
        discover_incidents([str(tmp_path / "x")])


def test_empty_folder_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no truth.json here or in its sub-folders"):
        discover_incidents([str(tmp_path)])


# --------------------------------------------------------------------------- gates


def test_gates_parse_directions():
    gates = parse_gates(["root_cause@1=0.8", "false_alarm=0", "grounded>=1", "seconds<=5", "distractor_blamed<=0"])
    assert [(g.metric, g.value, g.maximum) for g in gates] == [
        ("root_cause@1", 0.8, False), ("false_alarm", 0.0, True), ("grounded", 1.0, False),
        ("seconds", 5.0, True), ("distractor_blamed", 0.0, True)]
    summary = {"root_cause@1": 0.75, "false_alarm": 1, "grounded": 1.0, "seconds": 2.0, "distractor_blamed": 0}
    failures, notes = check_gates(gates, summary)
    assert len(failures) == 2 and "root_cause@1" in failures[0] and "false_alarm" in failures[1]
    failures, notes = check_gates(parse_gates(["symptom_recall=0.9"]), {"symptom_recall": None})
    assert failures == [] and "skipped" in notes[0]


@pytest.mark.parametrize("spec", ["bogus=1", "grounded", "grounded=high"])
def test_bad_gates_are_usage_errors(spec):
    with pytest.raises(UsageError):
        parse_gates([spec])


# --------------------------------------------------------------------------- runs


def test_eval_writes_json_with_every_metric(tmp_path, capsys):
    out = tmp_path / "out.json"
    code = run_incident_eval([str(TINY)], json_path=out, progress=False)
    assert code == 0
    data = json.loads(out.read_text())
    assert set(data) == {"summary", "incidents", "run"}
    assert [r["id"] for r in data["incidents"]] == ["auth-import", "healthy"]
    for row in data["incidents"]:
        for name in METRICS:
            assert name in row
        assert row["error"] is None
        assert isinstance(row["schema_valid"], bool) and isinstance(row["grounded"], bool)
        assert row["grounded"] is True, row["grounded_problems"]
    healthy = data["incidents"][1]
    assert healthy["root_cause@1"] is None and isinstance(healthy["false_alarm"], bool)
    assert data["incidents"][0]["false_alarm"] is None
    for name in METRICS:
        assert name in data["summary"]
    assert isinstance(data["summary"]["false_alarm"], int)  # a count
    table = capsys.readouterr().out
    assert "auth-import" in table and "summary (2)" in table and "root_cause@1" in table
    # the baseline "most frequent ERROR headline" is graded on the same clusters, beside rca
    assert data["incidents"][0]["baseline_root_cause@1"] is True and data["incidents"][0]["baseline_cluster"]
    assert healthy["baseline_root_cause@1"] is None
    assert data["summary"]["baseline_root_cause@1"] == 1.0
    assert "baseline@1" in table and "baseline 1.00" in table


def test_failing_gate_exits_1(tmp_path, capsys):
    assert run_incident_eval([str(TINY)], fail_under=["schema_valid=1.01"], progress=False) == 1
    assert "FAIL schema_valid" in capsys.readouterr().err
    assert run_incident_eval([str(TINY)], fail_under=["false_alarm<=0", "schema_valid=1"], progress=False) == 0


def test_a_broken_incident_scores_as_failed_and_the_eval_goes_on(tmp_path):
    bad = tmp_path / "empty-logs"
    bad.mkdir()
    shutil.copy(TINY / "auth-import" / "truth.json", bad / "truth.json")
    (bad / "logs.json").write_text("[]")
    out = tmp_path / "out.json"
    assert run_incident_eval([str(bad), str(TINY / "healthy")], json_path=out, progress=False) == 0
    rows = json.loads(out.read_text())["incidents"]
    assert rows[0]["error"] and "EmptyInputError" in rows[0]["error"]
    assert rows[0]["root_cause@1"] is False and rows[0]["grounded"] is False
    assert rows[1]["error"] is None


def test_parallel_jobs_give_the_same_scores(tmp_path):
    one, two = tmp_path / "one.json", tmp_path / "two.json"
    run_incident_eval([str(TINY)], json_path=one, progress=False)
    run_incident_eval([str(TINY)], json_path=two, jobs=2, progress=False)

    def scores(path):
        rows = json.loads(path.read_text())["incidents"]
        return [{k: v for k, v in r.items() if k != "seconds"} for r in rows]

    assert scores(one) == scores(two)


def test_usage_errors():
    with pytest.raises(UsageError):
        run_incident_eval([str(TINY)], batch=True, provider="offline")
    with pytest.raises(UsageError):
        run_incident_eval([str(TINY)], jobs=0)
    with pytest.raises(UsageError):
        run_incident_eval([str(TINY)], provider="replay")


def test_history_is_appended_and_rendered(tmp_path, monkeypatch):
    monkeypatch.setenv("RCA_RESULTS_DIR", str(tmp_path))
    assert run_incident_eval([str(TINY)], history=True, progress=False) == 0
    runs = read_history("incidents")
    assert len(runs) == 1
    run = runs[0]
    assert run["provider"] == "offline" and run["dirs"] == [str(TINY)] and run["commit"]
    assert run["date"].endswith("Z") and run["summary"]["incidents"] == 2
    md = latest_markdown("incidents")
    assert "| metric | value |" in md and "| root_cause@1 |" in md and "| false_alarm | 0 |" in md


def test_append_history_for_other_kinds(tmp_path):
    path = append_history("loghub", {"GA": 0.9, "per_dataset": {"HDFS": {"GA": 1.0}}}, None, {"note": "x"},
                          directory=tmp_path)
    append_history("loghub", {"GA": 0.95}, None, {}, directory=tmp_path)
    assert path == tmp_path / "loghub.jsonl"
    lines = path.read_text().splitlines()
    assert len(lines) == 2 and json.loads(lines[0])["note"] == "x"
    md = latest_markdown("loghub", directory=tmp_path)
    assert "| GA | 0.950 |" in md
    assert "per_dataset" not in md
    first = latest_markdown("nothing", directory=tmp_path)
    assert "No nothing eval recorded yet" in first


# --------------------------------------------------------------------------- end to end


@pytest.mark.integration
def test_cli_on_the_shared_incidents(tmp_path):
    if not SHARED.is_dir():
        pytest.skip(f"the shared incidents folder {SHARED} is not present")
    out = tmp_path / "out.json"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.run(
        [sys.executable, "-m", "rca", "eval", "incidents", str(SHARED), "--json", str(out), "--jobs", "2"],
        capture_output=True, text=True, cwd=tmp_path, env=env, timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    assert "summary" in proc.stdout
    assert proc.stderr == ""  # no progress bar when piped
    data = json.loads(out.read_text())
    ids = sorted(p.name for p in SHARED.iterdir() if (p / "truth.json").exists())
    assert sorted(r["id"] for r in data["incidents"]) == ids
    for name in METRICS:
        assert name in data["summary"]
    for row in data["incidents"]:
        assert row["error"] is None, row["error"]
        assert row["schema_valid"] is True
        assert row["grounded"] is True, f"{row['id']}: {row['grounded_problems']}"
        assert row["verifiable_share"] >= 0.9, row["unverifiable_clusters"]


@pytest.mark.integration
def test_cli_bad_dir_is_a_one_line_error(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.run([sys.executable, "-m", "rca", "eval", "incidents", str(tmp_path / "nope")],
                          capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 2
    assert proc.stderr.strip().count("\n") == 0 and "no such folder" in proc.stderr


# --------------------------------------------------------------------------- --batch


def test_batch_sends_every_incident_in_one_request(tmp_path, monkeypatch):
    import fake_anthropic
    from rca.models import ReadStats
    from rca.pipeline import mine_and_tally
    from rca.sources import read_records

    logs = str(TINY / "auth-import" / "logs.json")
    mining, _ = mine_and_tally(read_records(logs, "auto", ReadStats()), ReadStats())
    cause = next(c.id for c in mining.clusters if "auth_service" in c.template or any("auth_service" in s for s in c.samples))
    reply = {
        "root_cause": {"cluster_ids": [cause], "statement": "The image lacks the auth_service module, so the import fails.",
                       "category": "missing-dependency", "confidence": "high"},
        "five_whys": [{"question": "Why do requests fail?", "answer": "The import of auth_service fails at start.",
                       "cluster_ids": [cause]}],
        "impact_summary": "Requests fail while instances cannot start.",
        "remediation": [{"action": "Add auth_service to the image.", "timeframe": "today", "owner": None}],
        "success_metrics": [],
    }
    with fake_anthropic.FakeAnthropic(batch_polls=0) as fake:
        monkeypatch.setenv("ANTHROPIC_BASE_URL", fake.base_url)
        monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-test-0000000000000000000000")
        monkeypatch.delenv("RCA_MODEL", raising=False)
        fake.enqueue(fake_anthropic.answer(reply, input_tokens=1234, output_tokens=321),
                     fake_anthropic.error(500, "boom"))
        out = tmp_path / "out.json"
        code = run_incident_eval([str(TINY)], provider="anthropic", batch=True, json_path=out, progress=False)
    assert code == 0
    creates = [r for r in fake.requests if r.method == "POST" and r.path == "/v1/messages/batches"]
    assert len(creates) == 1 and len(creates[0].json["requests"]) == 2
    first, second = json.loads(out.read_text())["incidents"]
    assert first["error"] is None and first["fallback_reason"] is None and first["schema_valid"] is True
    assert (first["input_tokens"], first["output_tokens"]) == (1234, 321)
    assert first["root_cause@1"] is True and first["grounded"] is True, first["grounded_problems"]
    assert second["error"] is None and "anthropic analyst failed" in second["fallback_reason"]
    assert second["schema_valid"] is False  # the offline fallback wrote it
