"""Integration: the `rca` command run as a user would, as a subprocess."""

from __future__ import annotations

import re

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
INCIDENTS = REPO.parent / "shared" / "incidents"
pytestmark = pytest.mark.integration


def rca(*args: str, stdin: bytes | None = None, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    full_env = {k: v for k, v in os.environ.items() if k != "ANTHROPIC_API_KEY"} | {"CI": "1"} | (env or {})
    return subprocess.run(
        [sys.executable, "-m", "rca", *args], input=stdin, capture_output=True, cwd=cwd or REPO, env=full_env, timeout=300
    )


def logs_of(incident: str) -> Path:
    plain = INCIDENTS / incident / "logs.json"
    return plain if plain.exists() else plain.with_suffix(".json.gz")


needs_incidents = pytest.mark.skipif(not INCIDENTS.is_dir(), reason="../shared/incidents not present")


def test_help_and_version_are_instant_and_clean():
    out = rca("--help")
    assert out.returncode == 0 and b"generate" in out.stdout and b"eval" in out.stdout
    out = rca("--version")
    assert out.returncode == 0 and out.stdout.startswith(b"rca ")
    assert re.search(rb"engine: python; --engine duckdb: DuckDB \d+\.\d+\.\d+", out.stdout)  # names both engines


def test_schema_prints_json_schema():
    out = rca("schema")
    assert out.returncode == 0
    schema = json.loads(out.stdout)
    assert {"window", "totals", "clusters", "root_cause", "priority", "analyst"} <= set(schema["properties"])


@needs_incidents
@pytest.mark.parametrize("incident", sorted(p.name for p in INCIDENTS.iterdir() if (p / "truth.json").exists()) if INCIDENTS.is_dir() else [])
def test_generate_json_names_the_true_root_cause(incident: str):
    truth = json.loads((INCIDENTS / incident / "truth.json").read_text())
    out = rca("generate", "--file", str(logs_of(incident)), "--format", "json")
    assert out.returncode == 0, out.stderr.decode()
    report = json.loads(out.stdout)
    assert report["analyst"]["name"] == "offline"
    if truth["root_cause"] is None:
        assert report["priority"] not in ("P0", "P1")
        return
    primary = report["root_cause"]["cluster_ids"][0]
    cluster = next(c for c in report["clusters"] if c["id"] == primary)
    text = (cluster["template"] + "\n" + "\n".join(cluster["samples"])).lower()
    assert any(e.lower() in text for e in truth["root_cause"]["evidence"]), cluster["template"]
    for d in truth["distractors"]:
        assert d["evidence"].lower() not in text
    assert report["root_cause"]["category"] == truth["root_cause"]["category"]
    assert report["priority"] == truth["priority"]


@needs_incidents
def test_markdown_from_gzip_and_stdin_agree(tmp_path: Path):
    path = logs_of("auth-service-import")
    raw = path.read_bytes()
    from_file = rca("generate", "--file", str(path), "--format", "json")
    from_stdin = rca("generate", "--file", "-", "--format", "json", stdin=raw)
    assert from_file.returncode == 0 and from_stdin.returncode == 0
    a, b = json.loads(from_file.stdout), json.loads(from_stdin.stdout)
    assert a["totals"] == {**b["totals"]} and a["root_cause"]["cluster_ids"] == b["root_cause"]["cluster_ids"]
    md = rca("generate", "--file", str(path))
    assert md.returncode == 0 and md.stdout.decode().startswith("# ")


@needs_incidents
def test_output_refuses_to_overwrite(tmp_path: Path):
    target = tmp_path / "report.md"
    target.write_text("my notes")
    out = rca("generate", "--file", str(logs_of("monitoring-module-missing")), "--output", str(target))
    assert out.returncode == 2
    assert target.read_text() == "my notes"
    assert b"--force" in out.stderr and b"Traceback" not in out.stderr
    out = rca("generate", "--file", str(logs_of("monitoring-module-missing")), "--output", str(target), "--force")
    assert out.returncode == 0 and target.read_text().startswith("# ")


@pytest.mark.parametrize(
    "content",
    [b"", b"this is not json {", b'[{"timestamp": "2025-01-01T00:00:00Z", "textPayload": "x"}, {"times', b'{"foo": 1}', b"\x00\x01\x02binary\xff\xfe" * 100],
    ids=["empty", "not-json", "truncated", "object", "binary"],
)
def test_bad_input_is_one_line_exit_2_or_partial(tmp_path: Path, content: bytes):
    path = tmp_path / "logs.json"
    path.write_bytes(content)
    out = rca("generate", "--file", str(path), "--format", "json")
    err = out.stderr.decode()
    assert b"Traceback" not in out.stderr
    if out.returncode == 0:  # accepted with what could be read: must say it is partial
        assert json.loads(out.stdout)["totals"]["partial"] is True
    else:
        assert out.returncode == 2, err
        assert err.startswith("rca: error:") and len(err.strip().splitlines()) == 1


def test_unreadable_path_is_exit_2(tmp_path: Path):
    out = rca("generate", "--file", str(tmp_path / "missing.json"))
    assert out.returncode == 2 and out.stderr.decode().startswith("rca: error:")
    out = rca("generate", "--file", str(tmp_path))
    assert out.returncode == 2 and b"Traceback" not in out.stderr


def test_no_source_is_usage_error():
    out = rca("generate")
    assert out.returncode == 2 and b"--file" in out.stderr


@needs_incidents
def test_mine_prints_clusters(tmp_path: Path):
    out = rca("mine", "--file", str(logs_of("monitoring-module-missing")), "--top", "5")
    assert out.returncode == 0
    lines = out.stdout.decode().splitlines()
    assert "clusters" in lines[0] and len(lines) >= 6
    out = rca("mine", "--file", str(logs_of("monitoring-module-missing")), "--format", "json")
    data = json.loads(out.stdout)
    assert sum(c["count"] for c in data["clusters"]) == data["total_entries"]


def test_plain_text_logs(tmp_path: Path):
    lines = [f"2025-09-15T21:{m:02d}:00Z INFO request served in {m} ms" for m in range(30)]
    lines += [f"2025-09-15T21:{m:02d}:05Z ERROR psycopg2.OperationalError: connection to server timed out (database db-main)" for m in range(30, 45)]
    path = tmp_path / "app.log.gz"
    path.write_bytes(gzip.compress("\n".join(lines).encode()))
    out = rca("generate", "--file", str(path), "--format", "json")
    assert out.returncode == 0, out.stderr.decode()
    report = json.loads(out.stdout)
    assert report["totals"]["entries"] == 45
    assert report["root_cause"]["category"] == "database"
