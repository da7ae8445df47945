"""AnthropicAnalyst against a fake Messages API on 127.0.0.1: the real SDK, real HTTP.

Covers the four steps (prepare, call, parse, re-ask), transport failures and their one-line
messages, the deadline, canaries and prompt injection, record/replay and batches.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fake_anthropic import (CANARIES, INJECTION, FakeAnthropic, answer, cite_evidence, error, hang, incident,
                            message, valid_answer)

from rca.errors import ProviderError
from rca.llm.anthropic_analyst import AnthropicAnalyst, analyse_batch
from rca.llm.base import DEFAULT_MODEL, AnalystOptions
from rca.llm.prompts import prompt_version
from rca.llm.replay import ReplayAnalyst

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture()
def fake(monkeypatch: pytest.MonkeyPatch):
    with FakeAnthropic() as server:
        monkeypatch.setenv("ANTHROPIC_BASE_URL", server.base_url)
        monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-test-0000000000000000000000")
        monkeypatch.delenv("RCA_MODEL", raising=False)
        monkeypatch.delenv("ANTHROPIC_AUTH_TOKEN", raising=False)
        yield server


def options(**kw) -> AnalystOptions:
    base = {"provider": "anthropic", "timeout_s": 5.0, "deadline_s": 20.0, "max_retries": 2}
    return AnalystOptions(**(base | kw))


def run(**kw):
    mining, analysis = incident()
    return AnthropicAnalyst(options(**kw)).analyse(mining, analysis)


def user_text(request) -> str:
    content = request.json["messages"][0]["content"]
    return content if isinstance(content, str) else "".join(b["text"] for b in content)


# --------------------------------------------------------------------------- the happy path


def test_valid_structured_answer(fake: FakeAnthropic) -> None:
    fake.enqueue(answer(valid_answer(), input_tokens=900, cache_creation=1600, cache_read=0, output_tokens=420))
    output, info = run()
    assert output.root_cause is not None
    assert output.root_cause.cluster_ids == ["c-5e1f0a2b"]
    assert output.root_cause.confidence == 0.85  # "high", mapped by code
    assert [w.cluster_ids for w in output.five_whys][:3] == [["c-0b3d9e44"], ["c-77aa0c31"], ["c-5e1f0a2b"]]
    assert output.remediation[0].timeframe == "now (0-30 min)"
    assert (info.name, info.model, info.prompt_version) == ("anthropic", DEFAULT_MODEL, prompt_version())
    assert (info.input_tokens, info.output_tokens, info.cache_read_tokens) == (2500, 420, 0)
    assert info.fallback_reason is None
    [count] = [r for r in fake.requests if r.path == "/v1/messages/count_tokens"]
    assert info.counted_prompt_tokens == -(-len(count.raw) // 4)  # what the fake counted for that body

    [request] = fake.message_requests
    body = request.json
    assert request.headers["authorization"] == "Bearer sk-ant-test-0000000000000000000000"
    assert body["model"] == DEFAULT_MODEL
    assert body["output_config"]["format"]["type"] == "json_schema"
    assert "five_whys" in body["output_config"]["format"]["schema"]["properties"]
    [system] = body["system"]
    assert system["cache_control"] == {"type": "ephemeral"}  # the stable prefix is cached
    assert "five_whys" in system["text"] and "never invent numbers" in system["text"].lower()


def test_thinking_blocks_are_skipped(fake: FakeAnthropic) -> None:
    fake.enqueue(answer(valid_answer(), thinking="The 503s start after the import error, so..."))
    output, _ = run()
    assert output.root_cause is not None and len(fake.message_requests) == 1


def test_model_from_options_then_env(fake: FakeAnthropic, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RCA_MODEL", "claude-from-env")
    fake.enqueue(answer(valid_answer()), answer(valid_answer()))
    assert run()[1].model == "claude-from-env"
    assert run(model="claude-from-flag")[1].model == "claude-from-flag"
    assert [r.json["model"] for r in fake.message_requests] == ["claude-from-env", "claude-from-flag"]


def test_cache_read_tokens_recorded(fake: FakeAnthropic) -> None:
    fake.enqueue(answer(valid_answer(), input_tokens=800, cache_read=1600, output_tokens=300))
    info = run()[1]
    assert (info.input_tokens, info.cache_read_tokens, info.output_tokens) == (800, 1600, 300)


# --------------------------------------------------------------------------- validation and the repair turn


def test_malformed_json_is_repaired(fake: FakeAnthropic) -> None:
    fake.enqueue(message('{"root_cause": {"cluster_ids": ["c-5e1f0a2b"], "statement": "trunc'), answer(valid_answer()))
    output, info = run()
    assert output.root_cause is not None
    first, repair = fake.message_requests
    messages = repair.json["messages"]
    assert [m["role"] for m in messages] == ["user", "assistant", "user"]
    assert messages[1]["content"].startswith('{"root_cause"')  # the bad answer, verbatim
    assert "Invalid JSON" in messages[2]["content"]
    assert info.input_tokens == 2 * 1500  # both turns counted


def test_schema_invalid_answer_fixed_by_repair(fake: FakeAnthropic) -> None:
    bad = valid_answer(remediation=[{"action": "Roll back now.", "timeframe": "asap"}])
    bad["root_cause"]["confidence"] = 0.9
    fake.enqueue(answer(bad), answer(valid_answer()))
    output, _ = run()
    assert output.remediation[0].timeframe == "now (0-30 min)"
    repair_prompt = fake.message_requests[1].json["messages"][2]["content"]
    assert "- root_cause.confidence: Input should be 'low', 'medium' or 'high' (got 0.9)" in repair_prompt
    assert "- remediation[0].timeframe: Input should be" in repair_prompt


def test_unknown_cluster_id_repaired(fake: FakeAnthropic) -> None:
    bad = valid_answer()
    bad["root_cause"]["cluster_ids"] = ["c-deadbeef"]
    fake.enqueue(answer(bad), answer(valid_answer()))
    output, _ = run()
    assert output.root_cause.cluster_ids == ["c-5e1f0a2b"]
    assert "root_cause.cluster_ids[0]: 'c-deadbeef' is not a cluster id in the evidence" in (
        fake.message_requests[1].json["messages"][2]["content"]
    )


def test_unknown_cluster_id_twice_raises(fake: FakeAnthropic) -> None:
    bad = valid_answer()
    bad["five_whys"][0]["cluster_ids"] = ["c-nothere"]
    fake.enqueue(answer(bad), answer(bad))
    with pytest.raises(ProviderError, match=r"failed validation after one repair turn: five_whys\[0\]\.cluster_ids\[0\]: 'c-nothere'"):
        run()
    assert len(fake.message_requests) == 2  # one repair turn, no more


def test_invented_figures_are_rejected(fake: FakeAnthropic) -> None:
    fake.enqueue(answer(valid_answer(impact_summary="About 12,345 checkouts failed (87.5% of traffic).")), answer(valid_answer()))
    run()
    repair_prompt = fake.message_requests[1].json["messages"][2]["content"]
    assert "impact_summary: the number 12345 does not appear in the evidence" in repair_prompt
    assert "impact_summary: the number 87.5% does not appear in the evidence" in repair_prompt


def test_figures_from_the_evidence_are_fine(fake: FakeAnthropic) -> None:
    fake.enqueue(answer(valid_answer(impact_summary="1,480 requests failed with 503 (29.1%), all on checkout-api.")))
    assert "1,480" in run()[0].impact_summary
    assert len(fake.message_requests) == 1


def test_cut_off_answer_is_repaired(fake: FakeAnthropic) -> None:
    fake.enqueue(message('{"root_cause": null, "five_wh', stop_reason="max_tokens"), answer(valid_answer()))
    run()
    assert "cut off" in fake.message_requests[1].json["messages"][2]["content"]


def test_failure_falls_back_to_offline_with_a_banner(fake: FakeAnthropic) -> None:
    from rca.pipeline import write_analysis

    bad = valid_answer()
    bad["root_cause"]["cluster_ids"] = ["c-ghost"]
    fake.enqueue(answer(bad), answer(bad))
    mining, analysis = incident()
    _, info = write_analysis(mining, analysis, options())
    assert info.name == "offline"
    assert info.fallback_reason and "anthropic analyst failed" in info.fallback_reason and "c-ghost" in info.fallback_reason


# --------------------------------------------------------------------------- transport: retries, timeouts, errors


def test_429_then_success_honours_retry_after(fake: FakeAnthropic) -> None:
    fake.enqueue(error(429, "slow down", headers={"retry-after": "0.6"}), answer(valid_answer()))
    start = time.perf_counter()
    output, _ = run()
    elapsed = time.perf_counter() - start
    assert output.root_cause is not None
    assert len(fake.message_requests) == 2
    assert elapsed >= 0.6  # the SDK's own first backoff is at most 0.5 s: retry-after was honoured
    assert "slow down" not in json.dumps(fake.message_requests[1].json)  # transport errors never reach the prompt


def test_529_until_retries_run_out(fake: FakeAnthropic) -> None:
    fake.enqueue(*[error(529, "Overloaded", headers={"retry-after-ms": "5"}) for _ in range(3)])
    with pytest.raises(ProviderError, match=r"^Anthropic is overloaded \(529\) after 2 retries$"):
        run(max_retries=2)
    assert len(fake.message_requests) == 3


# The three tests below assert what happened, not how long it took (no wall-clock bounds: they
# failed on a loaded machine). A 30 s hang answered by "nothing received for 0.3s" is the read
# timeout firing; waiting the hang out would end in another error or an answer.


def test_hang_past_the_timeout_fails_fast(fake: FakeAnthropic) -> None:
    fake.enqueue(hang(30))
    with pytest.raises(ProviderError, match=r"nothing received for 0.3s"):
        run(timeout_s=0.3, max_retries=0)
    assert len(fake.message_requests) == 1


def test_overall_deadline_stops_retries(fake: FakeAnthropic) -> None:
    fake.enqueue(*[hang(30) for _ in range(6)])
    with pytest.raises(ProviderError, match="overall deadline of 1s"):
        run(timeout_s=0.4, max_retries=5, deadline_s=1.0)
    # five retries were allowed; the deadline stopped them (0.4 s attempts and backoff in 1 s)
    assert 1 <= len(fake.message_requests) <= 3


def test_retry_after_beyond_the_deadline_gives_up_at_once(fake: FakeAnthropic) -> None:
    fake.enqueue(error(429, headers={"retry-after": "3600"}))
    with pytest.raises(ProviderError, match=r"overall deadline of 5s left no time to retry after HTTP 429"):
        run(deadline_s=5.0)
    assert len(fake.message_requests) == 1  # no sleep for the hour, no second attempt


def test_bad_key(fake: FakeAnthropic) -> None:
    fake.enqueue(error(401, "invalid x-api-key"))
    with pytest.raises(ProviderError) as exc:
        run()
    assert str(exc.value) == "Anthropic rejected the API key (401): check ANTHROPIC_API_KEY"
    assert len(fake.message_requests) == 1  # not retried


def test_unknown_model(fake: FakeAnthropic) -> None:
    fake.enqueue(error(404, "model: claude-nope"))
    with pytest.raises(ProviderError, match=r"^model claude-nope not found \(404\)"):
        run(model="claude-nope")


def test_bad_request_message_is_one_line(fake: FakeAnthropic) -> None:
    fake.enqueue(error(400, "prompt is too long:\n 210000 tokens > 200000 maximum"))
    with pytest.raises(ProviderError) as exc:
        run()
    assert str(exc.value) == "Anthropic rejected the request (400): prompt is too long: 210000 tokens > 200000 maximum"


def test_missing_key(fake: FakeAnthropic, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ANTHROPIC_API_KEY")
    with pytest.raises(ProviderError, match="ANTHROPIC_API_KEY is not set"):
        run()
    assert fake.requests == []


def test_unreachable_server(monkeypatch: pytest.MonkeyPatch) -> None:
    with FakeAnthropic() as server:
        url = server.base_url
    monkeypatch.setenv("ANTHROPIC_BASE_URL", url)  # nothing listens there any more
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-test")
    with pytest.raises(ProviderError, match="connection failed"):
        run(max_retries=0)


# --------------------------------------------------------------------------- privacy and prompt injection


def test_canaries_never_reach_the_server(fake: FakeAnthropic) -> None:
    bad = valid_answer()
    bad["root_cause"]["cluster_ids"] = ["c-nope"]
    fake.enqueue(answer(bad), answer(valid_answer()))  # a repair turn too: both requests checked
    run()
    assert len(fake.message_requests) == 2
    assert any(r.path == "/v1/messages/count_tokens" for r in fake.requests)  # the prompt was measured
    for request in fake.requests:  # every request body, the token count included
        decoded = json.dumps(request.json, ensure_ascii=False)
        for name, secret in CANARIES.items():
            assert secret not in request.raw and secret not in decoded, name


def test_injection_only_inside_the_evidence_block(fake: FakeAnthropic) -> None:
    fake.enqueue(answer(valid_answer()))
    run()
    body = fake.message_requests[0].json
    assert INJECTION not in json.dumps(body["system"])
    text = user_text(fake.message_requests[0])
    assert text.count("<evidence>") == 1 and text.count("</evidence>") == 1
    start, end = text.index("<evidence>"), text.index("</evidence>")
    hits = [i for i in range(len(text)) if text.startswith(INJECTION, i)]
    assert hits and all(start < i < end for i in hits)


def test_redaction_can_be_switched_off(fake: FakeAnthropic) -> None:
    fake.enqueue(answer(valid_answer()))
    run(redact=False)
    assert CANARIES["email"] in fake.message_requests[0].raw


# --------------------------------------------------------------------------- record and replay


def test_record_then_replay_bit_for_bit(fake: FakeAnthropic, tmp_path: Path) -> None:
    fake.enqueue(answer(valid_answer(), input_tokens=1234, output_tokens=321))
    output, info = run(record_dir=str(tmp_path))
    [recording] = list(tmp_path.glob("*.json"))
    record = json.loads(recording.read_text())
    assert record["model"] == DEFAULT_MODEL and record["prompt_version"] == prompt_version()
    assert record["info"]["input_tokens"] == 1234
    assert CANARIES["db_password"] not in recording.read_text()
    requests_while_recording = len(fake.requests)

    mining, analysis = incident()
    replayed, replay_info = ReplayAnalyst(options(provider="replay", replay_dir=str(tmp_path))).analyse(mining, analysis)
    assert replayed == output
    assert replayed.model_dump_json() == output.model_dump_json()
    assert replay_info.name == "replay" and replay_info.model == info.model
    assert replay_info.input_tokens == 1234 and replay_info.prompt_version == info.prompt_version
    assert len(fake.requests) == requests_while_recording  # replay made no request


def test_replay_without_a_matching_recording(fake: FakeAnthropic, tmp_path: Path) -> None:
    fake.enqueue(answer(valid_answer()))
    run(record_dir=str(tmp_path))
    mining, analysis = incident()
    analysis.priority = "P0"  # different evidence -> different hash
    with pytest.raises(ProviderError, match=r"no recording in .* matches this evidence .*1 recordings there"):
        ReplayAnalyst(options(provider="replay", replay_dir=str(tmp_path))).analyse(mining, analysis)
    with pytest.raises(ProviderError, match="recording"):
        ReplayAnalyst(options(provider="replay", replay_dir=str(tmp_path), model="claude-other")).analyse(*incident())
    with pytest.raises(ProviderError, match="does not exist"):
        ReplayAnalyst(options(provider="replay", replay_dir=str(tmp_path / "missing"))).analyse(*incident())


# --------------------------------------------------------------------------- batches


def test_batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with FakeAnthropic(batch_polls=2) as fake:
        monkeypatch.setenv("ANTHROPIC_BASE_URL", fake.base_url)
        monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-test")
        bad = valid_answer()
        bad["root_cause"]["cluster_ids"] = ["c-ghost"]
        fake.enqueue(
            answer(valid_answer()),  # batch request 1
            answer(bad),  # batch request 2: invalid, repaired by an ordinary request
            error(500, "boom"),  # batch request 3: errored
            answer(valid_answer()),  # the repair turn for request 2
        )
        mining, analysis = incident()
        items = [("case-a", mining, analysis), ("case-b", mining, analysis), ("case-c", mining, analysis)]
        results = analyse_batch(items, options(record_dir=str(tmp_path)), poll_interval_s=0.01)
        assert set(results) == {"case-a", "case-b", "case-c"}
        out_a, info_a = results["case-a"]
        assert out_a.root_cause.cluster_ids == ["c-5e1f0a2b"] and info_a.name == "anthropic"
        assert results["case-b"][0].root_cause.cluster_ids == ["c-5e1f0a2b"]
        assert isinstance(results["case-c"], ProviderError) and "errored" in str(results["case-c"])
        paths = [(r.method, r.path) for r in fake.requests]
        assert paths[0] == ("POST", "/v1/messages/batches")
        assert ("GET", f"/v1/messages/batches/{fake.requests[1].path.rsplit('/', 1)[-1]}") in paths
        assert paths[-1] == ("POST", "/v1/messages")  # the repair
        created = fake.requests[0].json["requests"]
        assert [r["custom_id"] for r in created] == ["rca-0", "rca-1", "rca-2"]
        assert created[0]["params"]["output_config"]["format"]["type"] == "json_schema"
        assert list(tmp_path.glob("*.json"))  # batch answers are recorded too


# --------------------------------------------------------------------------- end to end


def _generate(fake: FakeAnthropic, tmp_path: Path, *extra: str) -> subprocess.CompletedProcess:
    logs = tmp_path / "logs.jsonl"
    lines = [{"timestamp": f"2026-11-03T10:{m:02d}:00Z", "severity": "INFO", "textPayload": "GET /healthz 200"}
             for m in range(30)]
    lines += [{"timestamp": f"2026-11-03T10:{m:02d}:30Z", "severity": "ERROR",
               "textPayload": f"ModuleNotFoundError: No module named 'psycopg2' password={CANARIES['db_password']}"}
              for m in range(31, 40)]
    logs.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    env = {**os.environ, "PYTHONPATH": str(REPO), "ANTHROPIC_BASE_URL": fake.base_url}
    return subprocess.run(
        [sys.executable, "-m", "rca", "generate", "--provider", "anthropic", "--file", str(logs), "--format", "json",
         *extra],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=60,
    )


@pytest.mark.integration
def test_generate_end_to_end(fake: FakeAnthropic, tmp_path: Path) -> None:
    fake.enqueue(cite_evidence)
    proc = _generate(fake, tmp_path, "--record", str(tmp_path / "rec"))
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert report["analyst"]["name"] == "anthropic", report["analyst"]
    assert report["analyst"]["prompt_version"] == prompt_version()
    assert report["analyst"]["input_tokens"] > 0
    cited = report["root_cause"]["cluster_ids"][0]
    assert any(c["id"] == cited for c in report["clusters"])
    assert CANARIES["db_password"] not in fake.all_bodies()
    assert len(list((tmp_path / "rec").glob("*.json"))) == 1

    replayed = subprocess.run(
        [sys.executable, "-m", "rca", "generate", "--provider", "replay", "--replay", str(tmp_path / "rec"),
         "--file", str(tmp_path / "logs.jsonl"), "--format", "json"],
        cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)}, capture_output=True, text=True, timeout=60,
    )
    assert replayed.returncode == 0, replayed.stderr
    again = json.loads(replayed.stdout)
    assert again["analyst"]["name"] == "replay"
    for key in ("root_cause", "five_whys", "impact_summary", "remediation", "success_metrics"):
        assert again[key] == report[key], key
