"""Issue 14 H and I: filters with --file, valid JSON, writing through links and devices, a closed
or full stdout -- the `rca` command run as a subprocess, as a user would."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.integration


def rca(*args: str, stdout=subprocess.PIPE) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "ANTHROPIC_API_KEY"} | {"CI": "1"}
    return subprocess.run([sys.executable, "-m", "rca", *args], stdout=stdout, stderr=subprocess.PIPE, cwd=REPO, env=env, timeout=300)


def small_log(tmp_path: Path) -> Path:
    """A few minutes of request logs, some with latencies JSON cannot hold (`NaNs`, `infs`)."""
    lines = []
    for m in range(10):
        for latency in ("0.120s", "NaNs", "infs", "-infs"):
            lines.append({"timestamp": f"2026-03-01T10:{m:02d}:00Z", "severity": "ERROR" if m > 6 else "INFO",
                          "httpRequest": {"requestMethod": "GET", "requestUrl": "https://x.example/api", "status": 503 if m > 6 else 200,
                                          "latency": latency},
                          "logName": "projects/p/logs/run.googleapis.com%2Frequests"})
        lines.append({"timestamp": f"2026-03-01T10:{m:02d}:30Z", "severity": "ERROR" if m > 6 else "INFO",
                      "textPayload": "db timeout" if m > 6 else "ok"})
    path = tmp_path / "logs.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    return path


# ------------------------------------------------------------------------------ H


@pytest.mark.parametrize("flag", [["--max-entries", "10"], ["--service", "checkout"], ["--severity", "ERROR"],
                                  ["--since", "1h"], ["--start", "2026-03-01T10:00:00Z"], ["--filter", 'severity>=ERROR']],
                         ids=lambda f: f[0])
def test_live_only_flags_with_file_are_refused_not_ignored(tmp_path: Path, flag: list[str]) -> None:
    out = rca("generate", "--file", str(small_log(tmp_path)), *flag)
    err = out.stderr.decode()
    assert out.returncode == 2 and out.stdout == b""
    assert err.startswith(f"rca: error: {flag[0]} selects entries in Cloud Logging (--project)") and err.count("\n") == 1


# ------------------------------------------------------------------------------ I


def strict_json(text: bytes):
    def refuse(name: str):
        raise AssertionError(f"{name} in the JSON output")

    return json.loads(text, parse_constant=refuse)


@pytest.mark.parametrize("command", [["generate", "--format", "json"], ["mine", "--format", "json"]], ids=["generate", "mine"])
def test_json_output_never_holds_nan_or_infinity(tmp_path: Path, command: list[str]) -> None:
    out = rca(*command, "--file", str(small_log(tmp_path)))
    assert out.returncode == 0, out.stderr.decode()
    strict_json(out.stdout)


def test_force_writes_through_a_symlink_and_keeps_it(tmp_path: Path) -> None:
    target = tmp_path / "reports" / "latest.md"
    target.parent.mkdir()
    target.write_text("old report\n")
    link = tmp_path / "report.md"
    link.symlink_to(target)
    refused = rca("generate", "--file", str(small_log(tmp_path)), "-o", str(link))
    assert refused.returncode == 2 and "--force" in refused.stderr.decode()
    assert target.read_text() == "old report\n"
    out = rca("generate", "--file", str(small_log(tmp_path)), "-o", str(link), "--force")
    assert out.returncode == 0, out.stderr.decode()
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text().startswith("# ")
    assert sorted(p.name for p in target.parent.iterdir()) == ["latest.md"]  # no temporary left behind


def test_a_device_is_written_to_not_replaced(tmp_path: Path) -> None:
    out = rca("generate", "--file", str(small_log(tmp_path)), "-o", "/dev/null")
    assert out.returncode == 0, out.stderr.decode()
    assert Path("/dev/null").is_char_device()
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    out = rca("generate", "--file", str(small_log(tmp_path)), "--format", "json", "-o", str(fifo), "--force")
    got, _ = reader.communicate(timeout=60)
    assert out.returncode == 0, out.stderr.decode()
    assert fifo.is_fifo() and strict_json(got)["schema_version"]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_stdout_is_a_one_line_error(tmp_path: Path) -> None:
    with open("/dev/full", "wb") as full:
        out = rca("generate", "--file", str(small_log(tmp_path)), stdout=full)
    err = out.stderr.decode()
    assert out.returncode == 1
    assert err == "rca: error: cannot write the report to stdout: No space left on device\n"


def test_a_closed_stdout_is_a_one_line_error(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "ANTHROPIC_API_KEY"} | {"CI": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "rca", "generate", "--file", str(small_log(tmp_path))],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=REPO, env=env)
    proc.stdout.close()  # the reader went away (`rca generate | head -0`)
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=300) == 1
    assert err == "rca: error: cannot write the report to stdout: Broken pipe\n"
