"""Issue 14 J and 4-6: what Claude is shown and how its failures end -- the real SDK against the
fake Messages API (tests/fake_anthropic.py) on 127.0.0.1."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fake_anthropic import FakeAnthropic, Reply, answer, cite_evidence, incident, message, valid_answer

from rca.errors import ProviderError
from rca.llm.anthropic_analyst import MAX_ECHO_CHARS, AnthropicAnalyst
from rca.llm.base import AnalystOptions

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture()
def fake(monkeypatch: pytest.MonkeyPatch):
    with FakeAnthropic() as server:
        monkeypatch.setenv("ANTHROPIC_BASE_URL", server.base_url)
        monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-test-0000000000000000000000")
        monkeypatch.delenv("RCA_MODEL", raising=False)
        monkeypatch.delenv("ANTHROPIC_AUTH_TOKEN", raising=False)
        yield server


def run(**kw):
    options = AnalystOptions(**({"provider": "anthropic", "timeout_s": 5.0, "deadline_s": 20.0, "max_retries": 1} | kw))
    return AnthropicAnalyst(options).analyse(*incident())


HTML_PAGE = Reply(status=200, body="<html><body><h1>Proxy login required</h1></body></html>", headers={"content-type": "text/html"})
OTHER_JSON = Reply(status=200, body={"status": "ok", "data": {"result": "accepted"}})


@pytest.mark.parametrize("reply", [HTML_PAGE, OTHER_JSON], ids=["html-page", "other-json"])
def test_a_200_that_is_not_a_message_is_a_provider_error(fake: FakeAnthropic, reply: Reply) -> None:
    fake.enqueue(reply)
    with pytest.raises(ProviderError, match="not a Message"):
        run(max_retries=0)


def logs(tmp_path: Path, traceback: bool = False) -> Path:
    lines = [{"timestamp": f"2026-11-03T10:{m:02d}:00Z", "severity": "INFO", "textPayload": "GET /healthz 200"} for m in range(30)]
    for m in range(31, 40):
        if traceback:
            frames = "".join(f'  File "/usr/lib/python3.11/site-packages/lib{i}/module_{i}.py", line {100 + i}, in call_{i}\n    return self.inner_{i}(request, timeout=timeout)\n' for i in range(12))
            text = ("Traceback (most recent call last):\n" + frames +
                    "ssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: certificate has expired (_ssl.c:1006)")
        else:
            text = "ModuleNotFoundError: No module named 'psycopg2'"
        lines.append({"timestamp": f"2026-11-03T10:{m:02d}:30Z", "severity": "ERROR", "textPayload": text})
    path = tmp_path / "logs.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    return path


def generate(tmp_path: Path, env: dict, *extra: str, traceback: bool = False) -> subprocess.CompletedProcess:
    full = {k: v for k, v in os.environ.items() if not k.startswith(("ANTHROPIC_", "RCA_"))} | {"CI": "1"} | env
    return subprocess.run([sys.executable, "-m", "rca", "generate", "--file", str(logs(tmp_path, traceback)), "--format", "json", *extra],
                          cwd=REPO, env=full, capture_output=True, text=True, timeout=120)


def test_html_page_falls_back_with_one_stderr_line(tmp_path: Path) -> None:
    with FakeAnthropic() as fake:
        fake.enqueue(HTML_PAGE, HTML_PAGE, HTML_PAGE, HTML_PAGE)
        out = generate(tmp_path, {"ANTHROPIC_BASE_URL": fake.base_url, "ANTHROPIC_API_KEY": "sk-ant-test"}, "--provider", "anthropic")
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert report["analyst"]["name"] == "offline" and "not a Message" in report["analyst"]["fallback_reason"]
    assert out.stderr.count("\n") == 1 and out.stderr.startswith("rca: warning: anthropic analyst failed:")


def test_explicit_anthropic_without_a_key_says_so_on_stderr(tmp_path: Path) -> None:
    out = generate(tmp_path, {}, "--provider", "anthropic")
    assert out.returncode == 0, out.stderr
    assert out.stderr == ("rca: warning: anthropic analyst failed: ANTHROPIC_API_KEY is not set; "
                          "the offline analyst wrote the report\n")
    assert json.loads(out.stdout)["analyst"]["fallback_reason"] == "anthropic analyst failed: ANTHROPIC_API_KEY is not set"


def test_a_hung_count_tokens_does_not_hold_the_report(fake: FakeAnthropic) -> None:
    fake.count_delay = 60  # a measurement that never answers
    fake.enqueue(answer(valid_answer()))
    started = time.monotonic()
    output, info = run(count_timeout_s=0.5)
    assert output.root_cause is not None and info.counted_prompt_tokens is None
    assert time.monotonic() - started < 15  # well inside the 20 s analysis deadline it used to wait out


def test_requests_are_streamed_cached_and_counted_with_the_schema(fake: FakeAnthropic) -> None:
    bad = valid_answer()
    bad["root_cause"]["cluster_ids"] = ["c-ghost"]
    fake.enqueue(answer(bad), answer(valid_answer()))
    _, info = run()
    first, repair = fake.message_requests
    assert first.json["stream"] is True and repair.json["stream"] is True
    evidence = first.json["messages"][0]
    assert evidence["content"][-1]["cache_control"] == {"type": "ephemeral"}  # breakpoint on the evidence
    assert repair.json["messages"][0] == evidence and repair.json["system"] == first.json["system"]  # same cached prefix
    [count] = [r for r in fake.requests if r.path == "/v1/messages/count_tokens"]
    assert count.json["output_config"] == first.json["output_config"]  # the schema counts as input
    assert info.repaired


def test_the_repair_turn_does_not_resend_a_huge_answer(fake: FakeAnthropic) -> None:
    huge = '{"root_cause": "' + "x" * 2_000_000 + '"}'
    fake.enqueue(message(huge), answer(valid_answer()))
    run()
    repair = fake.message_requests[1]
    echoed = repair.json["messages"][1]["content"]
    assert len(echoed) <= MAX_ECHO_CHARS and echoed.startswith('{"root_cause": "xxx') and echoed.endswith('x"}')
    assert len(repair.raw) < 200_000
    assert f"{len(huge):,} characters" in repair.json["messages"][2]["content"]


def test_a_traceback_prompt_keeps_the_exception_message_and_has_no_entities(tmp_path: Path) -> None:
    with FakeAnthropic() as fake:
        fake.enqueue(cite_evidence)
        out = generate(tmp_path, {"ANTHROPIC_BASE_URL": fake.base_url, "ANTHROPIC_API_KEY": "sk-ant-test"}, "--provider", "anthropic",
                       traceback=True)
        [request] = fake.message_requests
    assert out.returncode == 0, out.stderr
    prompt = "".join(block["text"] for block in request.json["messages"][0]["content"])
    assert "certificate has expired" in prompt
    assert "ssl.SSLCertVerificationError" in prompt
    for entity in ("&lt;", "&gt;", "&amp;", "&#"):
        assert entity not in prompt, entity
