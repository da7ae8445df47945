"""Tests for bench/gen_logs.py, the synthetic gcloud-export generator (loaded by path: bench/ is not a package)."""

from __future__ import annotations

import gzip
import importlib.util
import json
import sys
from datetime import datetime
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GEN_PATH = ROOT / "bench" / "gen_logs.py"
SYNTHETIC = ROOT / "evals" / "synthetic"

CATEGORIES = {"missing-dependency", "configuration", "database", "network", "resource-exhaustion",
              "upstream-dependency", "code-bug", "certificate", "capacity", "permissions", "other"}
SEVERITIES = {"DEFAULT", "DEBUG", "INFO", "NOTICE", "WARNING", "ERROR", "CRITICAL", "ALERT", "EMERGENCY"}


def _load():
    spec = importlib.util.spec_from_file_location("gen_logs", GEN_PATH)
    mod = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("gen_logs", mod)
    spec.loader.exec_module(mod)
    return mod


gen = _load()


def _read(path: Path):
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        return json.load(f)


def _texts(entry) -> str:
    """Everything a human (or a cluster sample) would read from one entry."""
    parts = [entry.get("textPayload") or ""]
    jp = entry.get("jsonPayload")
    if jp:
        parts.append(jp.get("message", ""))
    if "protoPayload" in entry:
        parts.append(json.dumps(entry["protoPayload"]))
    return "\n".join(parts).lower()


def _first_seen(entries_oldest_first, evidence: str):
    ev = evidence.lower()
    for e in entries_oldest_first:
        if ev in _texts(e):
            return e["timestamp"]
    return None


def _ts(s: str) -> datetime:
    return datetime.fromisoformat(s.replace("Z", "+00:00"))


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """One small export + truth per scenario (generated once for the module)."""
    d = tmp_path_factory.mktemp("gen")
    out = {}
    for i, sc in enumerate(gen.SCENARIOS):
        logs, truth = d / f"{sc}.json", d / f"{sc}.truth.json"
        stats = gen.generate(sc, 1000 + i, 2500, str(logs), truth=str(truth))
        out[sc] = (_read(logs), json.loads(truth.read_text()), stats)
    return out


def test_valid_gcloud_array_newest_first(generated):
    for sc, (entries, truth, stats) in generated.items():
        assert isinstance(entries, list) and entries, sc
        assert stats["entries"] == len(entries)
        ts = [e["timestamp"] for e in entries]
        assert ts == sorted(ts, reverse=True), f"{sc}: not newest first"
        start, end = _ts(truth["window"]["start"]), _ts(truth["window"]["end"])
        assert start <= _ts(ts[-1]) and _ts(ts[0]) < end, sc
        for e in entries:
            assert set(e) >= {"insertId", "logName", "resource", "severity", "timestamp", "receiveTimestamp"}, e
            assert e["severity"] in SEVERITIES
            assert e["logName"].startswith("projects/")
            assert "type" in e["resource"] and "labels" in e["resource"]
            assert _ts(e["receiveTimestamp"]) >= _ts(e["timestamp"])
            payloads = [k for k in ("textPayload", "jsonPayload", "protoPayload") if k in e]
            assert payloads or "httpRequest" in e, e
            assert len([k for k in payloads if k != "textPayload" or "httpRequest" not in e]) <= 1
            if "httpRequest" in e:
                hr = e["httpRequest"]
                assert isinstance(hr["status"], int) and hr["latency"].endswith("s")
                float(hr["latency"][:-1])
                assert e["logName"].endswith("run.googleapis.com%2Frequests")
                assert hr["requestUrl"].startswith("https://") and "{" not in hr["requestUrl"]
            if e["resource"]["type"] == "cloud_run_revision" and "protoPayload" not in e:
                assert len(e["labels"]["instanceId"]) == 88
                assert e["resource"]["labels"]["revision_name"].startswith(e["resource"]["labels"]["service_name"])
            if "jsonPayload" in e:
                assert {"message", "severity", "labels"} <= set(e["jsonPayload"])


def test_realistic_mix(generated):
    entries = generated["healthy"][0]
    streams = {e["logName"].rsplit("/", 1)[1] for e in entries}
    assert {"run.googleapis.com%2Fstdout", "run.googleapis.com%2Fstderr", "run.googleapis.com%2Frequests"} <= streams
    reqs = [e for e in entries if "httpRequest" in e]
    ok = sum(1 for e in reqs if e["httpRequest"]["status"] < 400)
    assert 0.2 < len(reqs) / len(entries) < 0.6 and ok / len(reqs) > 0.9
    assert any("jsonPayload" in e for e in entries)
    assert any("\n" in (e.get("textPayload") or "") for e in entries), "no folded traceback"
    assert any((e.get("textPayload") or "") == "Traceback (most recent call last):" for e in entries), \
        "no split traceback"
    assert len({e["resource"]["labels"]["service_name"] for e in entries}) >= 3
    assert len({e["labels"]["instanceId"] for e in entries}) >= 6


def test_template_diversity_and_long_lines(tmp_path):
    out = tmp_path / "big.json"
    gen.generate("healthy", 5, 40000, str(out))
    entries = _read(out)
    import re
    def norm(m):
        m = re.sub(r"[0-9a-f]{8}-[0-9a-f-]{27}|\b[0-9a-f]{6,}\b|[\w.]+@[\w.]+", "<V>", m)
        return re.sub(r"\d+", "<N>", m)[:100]
    msgs = {norm(e.get("textPayload") or e.get("jsonPayload", {}).get("message", ""))
            for e in entries if "httpRequest" not in e}
    assert 300 <= len(msgs) <= 1500, len(msgs)
    longest = max(len(e.get("textPayload") or e.get("jsonPayload", {}).get("message", "")) for e in entries)
    assert longest > 5000


def test_deterministic_for_a_seed(tmp_path):
    a, b, c = tmp_path / "a.json.gz", tmp_path / "b.json.gz", tmp_path / "c.json.gz"
    gen.generate("oom", 7, 2000, str(a))
    gen.generate("oom", 7, 2000, str(b))
    gen.generate("oom", 8, 2000, str(c))
    assert a.read_bytes() == b.read_bytes()
    assert gzip.decompress(a.read_bytes()) != gzip.decompress(c.read_bytes())
    t1 = gen.truth_for("oom", 7)
    assert t1 == gen.truth_for("oom", 7)
    assert t1 != gen.truth_for("oom", 8)


def test_styles_hold_the_same_entries(tmp_path):
    p = {k: tmp_path / f"x.{k}" for k in ("gcloud", "compact", "jsonl", "gz")}
    gen.generate("rate-limit", 3, 1500, str(p["gcloud"]))
    gen.generate("rate-limit", 3, 1500, str(p["compact"]), style="compact")
    gen.generate("rate-limit", 3, 1500, str(p["jsonl"]), jsonl=True)
    gen.generate("rate-limit", 3, 1500, str(p["gz"]), gz=True)
    ref = _read(p["gcloud"])
    raw = p["gcloud"].read_text()
    assert raw == json.dumps(ref, indent=2, sort_keys=True, ensure_ascii=False) + "\n"  # gcloud layout
    assert _read(p["compact"]) == ref
    assert [json.loads(line) for line in p["jsonl"].read_text().splitlines()] == ref
    assert json.loads(gzip.decompress(p["gz"].read_bytes())) == ref


def test_entry_count_is_close_to_requested(tmp_path):
    for sc in ("healthy", "pool-exhaustion", "bad-config", "disk-full"):
        st = gen.generate(sc, 2, 8000, str(tmp_path / "n.json"))
        assert 0.85 * 8000 <= st["entries"] <= 1.15 * 8000, (sc, st)
    assert gen.generate("healthy", 2, 0, str(tmp_path / "e.json"))["entries"] == 0
    assert _read(tmp_path / "e.json") == []


def test_truth_shape(generated):
    for sc, (_, t, _) in generated.items():
        assert set(t) == {"id", "title", "window", "root_cause", "symptoms", "distractors", "priority"}, sc
        if sc == "healthy":
            assert t["root_cause"] is None and t["priority"] == "none" and t["symptoms"] == []
            continue
        rc = t["root_cause"]
        assert rc["category"] in CATEGORIES and rc["evidence"] and rc["must_mention"]
        assert t["priority"] in {"P0", "P1", "P2", "P3"}
        assert t["symptoms"] and t["distractors"]


def test_truth_evidence_occurs_in_logs(generated):
    for sc, (entries, t, _) in generated.items():
        texts = [_texts(e) for e in entries]
        blob = "\n".join(texts)
        if t["root_cause"]:
            for ev in t["root_cause"]["evidence"]:
                assert ev.lower() in blob, (sc, ev)
            for term in t["root_cause"]["must_mention"]:
                assert term.lower() in blob, (sc, term)
        for s in t["symptoms"] + t["distractors"]:
            assert s["evidence"].lower() in blob, (sc, s)
        # evidence classes must not overlap: no distractor/symptom line also carries root-cause evidence
        if t["root_cause"]:
            roots = [ev.lower() for ev in t["root_cause"]["evidence"]]
            for s in t["symptoms"] + t["distractors"]:
                for x in texts:
                    if s["evidence"].lower() in x and "\n" not in x:
                        assert not any(r in x for r in roots), (sc, s, x[:200])


def test_root_cause_appears_before_first_symptom(generated):
    for sc, (entries, t, _) in generated.items():
        if not t["root_cause"]:
            continue
        oldest_first = entries[::-1]
        roots = [ts for ts in (_first_seen(oldest_first, ev) for ev in t["root_cause"]["evidence"]) if ts]
        first_root = min(roots)
        for s in t["symptoms"]:
            first_sym = _first_seen(oldest_first, s["evidence"])
            assert first_sym and first_root < first_sym, (sc, s, first_root, first_sym)
        # distractors are steady: present before the onset
        for d in t["distractors"]:
            assert _first_seen(oldest_first, d["evidence"]) < first_root, (sc, d)


def test_symptoms_outnumber_root_cause_in_most_scenarios(generated):
    """The most frequent error should usually be a symptom (5xx / crash lines), not the root cause."""
    wins = 0
    incidents = [sc for sc in generated if sc != "healthy"]
    for sc in incidents:
        entries, t, _ = generated[sc]
        texts = [_texts(e) for e in entries]
        root = max(sum(1 for x in texts if ev.lower() in x) for ev in t["root_cause"]["evidence"])
        fivexx = sum(1 for e in entries if e.get("httpRequest", {}).get("status", 0) >= 500)
        sym = max([sum(1 for x in texts if s["evidence"].lower() in x) for s in t["symptoms"]] + [fivexx])
        wins += sym > root
    assert wins >= len(incidents) - 2, wins


def test_cli_writes_logs_and_truth(tmp_path):
    out, truth = tmp_path / "l.json.gz", tmp_path / "t.json"
    rc = gen.main(["--entries", "1200", "--scenario", "secret-disabled", "--seed", "4", "--output", str(out),
                   "--gzip", "--truth", str(truth), "--impact", "full"])
    assert rc == 0
    assert _read(out)
    t = json.loads(truth.read_text())
    assert t["id"] == "secret-disabled-4" and t["priority"] == "P0"
    with pytest.raises(SystemExit):
        gen.main(["--scenario", "nope", "--output", str(out)])


@pytest.mark.skipif(not SYNTHETIC.is_dir(), reason="evals/synthetic not present")
def test_committed_synthetic_set_is_reproducible(tmp_path):
    """evals/synthetic/* is exactly what `gen_logs.py --eval-set` writes (so it can be regenerated)."""
    folders = sorted(p.name for p in SYNTHETIC.iterdir() if p.is_dir())
    assert folders == sorted(f"{sc}-{seed}" for sc, seed, _, _ in gen.EVAL_SET)
    gen.write_eval_set(str(tmp_path), quiet=True)
    for name in folders:
        assert json.loads((SYNTHETIC / name / "truth.json").read_text()) == \
            json.loads((tmp_path / name / "truth.json").read_text()), name
        assert gzip.decompress((SYNTHETIC / name / "logs.json.gz").read_bytes()) == \
            gzip.decompress((tmp_path / name / "logs.json.gz").read_bytes()), name
    total = sum(p.stat().st_size for p in SYNTHETIC.rglob("*") if p.is_file())
    assert total < 5 * 1024 * 1024
