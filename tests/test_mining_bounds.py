"""Issue 14 C: a mining result stays bounded, whatever the number of distinct messages."""

from __future__ import annotations

import random
import string

from rca.mining import TemplateMiner, mine
from rca.models import LogRecord


def _names(n: int, seed: int = 0) -> list[str]:
    rnd = random.Random(seed)
    out: set[str] = set()
    while len(out) < n:
        out.add("".join(rnd.choices(string.ascii_lowercase, k=rnd.randint(4, 9))))
    return sorted(out)


def _records(messages: list[str]) -> list[LogRecord]:
    return [LogRecord(timestamp=1_760_551_200.0 + i, severity="INFO", message=m) for i, m in enumerate(messages)]


def test_many_user_names_are_one_cluster_past_five_thousand():
    # the reproduction: 5,000 distinct names gave one cluster, 5,001 gave 5,001
    for n in (5_000, 5_001, 20_000):
        result = mine(_records([f"Accepted password for {u} from 10.0.0.1 port 22 ssh2" for u in _names(n)]))
        assert [(c.template, c.count) for c in result.clusters] == [
            ("Accepted password for <*> from <IP> port <NUM> ssh2", n)], n


def test_a_name_slot_stays_one_family_in_the_tree():
    """Names become a variable as the words arrive: drain clusters stay few, not one per name."""
    for fmt in ("Accepted password for {} from 10.0.0.1 port 22 ssh2", "session for {} opened by root now",
                "user {} logged in from 10.0.0.1"):
        tm = TemplateMiner()
        keys = [tm.add(fmt.format(u)) for u in _names(5_000, seed=1)]
        assert len(set(keys)) <= 100, fmt  # tree children of one node at most, not 5,000
        assert len(set(tm.final_groups()[k] for k in keys)) == 1, fmt


def test_state_words_in_a_name_slot_stay_their_own_events():
    names = _names(50)
    msgs = [f"Job for {u} finished in the pool" for u in names]
    msgs += ["Job for FAILED finished in the pool", "Job for refused finished in the pool"]
    result = mine(_records(msgs))
    templates = {c.template: c.count for c in result.clusters}
    assert templates["Job for <*> finished in the pool"] == 50
    assert templates["Job for FAILED finished in the pool"] == 1
    assert templates["Job for refused finished in the pool"] == 1


def _free_text(n: int, seed: int = 3) -> list[str]:
    """n messages with nothing in common: every one its own template."""
    rnd = random.Random(seed)
    vocab = ["".join(rnd.choices(string.ascii_lowercase, k=rnd.randint(4, 10))) for _ in range(5_000)]
    return [" ".join(rnd.choices(vocab, k=rnd.randint(5, 12))) for _ in range(n)]


def test_cluster_cap_folds_the_rest_into_a_counted_other_bucket():
    msgs = _free_text(3_000)
    recs = _records(msgs)
    for i in range(2_900, 2_950):  # late, rare errors: the ones a report is about
        recs[i].severity = "ERROR"
    result = mine(recs, max_clusters=100, max_live_clusters=400)
    assert len(result.clusters) <= 100
    assert result.other is not None and result.other.entries > 0
    # every entry is counted once: in a kept cluster or in other
    assert sum(c.count for c in result.clusters) + result.other.entries == result.total_entries == 3_000
    assert sum(result.other.by_severity.values()) == result.other.entries
    # the most severe clusters are kept over background, even when they arrive last
    assert sum(c.count for c in result.clusters if c.severity == "ERROR") == 50
    assert "ERROR" not in result.other.by_severity


def test_no_other_bucket_below_the_cap():
    result = mine(_records(_free_text(300)), max_clusters=1_000)
    assert result.other is None and sum(c.count for c in result.clusters) == 300


def test_streaming_memory_is_bounded_by_live_clusters():
    """Drain clusters alive at once stay under the live cap while 8k distinct messages stream."""
    from rca.mining.stats import _Miner

    m = _Miner(None)
    m.max_live, m.live_after = 400, 200
    recs = _records(_free_text(8_000, seed=5))
    peak = 0
    for start in range(0, len(recs), 2_000):
        m.add_records(recs[start:start + 2_000], start)
        peak = max(peak, len(m.accs), len(m.tm.keys()))
    assert peak <= 400 + 2_000  # the cap, plus at most one batch of new clusters before folding
    result = m.result()
    assert sum(c.count for c in result.clusters) + result.other.entries == 8_000


def test_every_report_format_says_what_was_folded_into_other(tmp_path):
    import json
    import os
    import subprocess
    import sys

    entries = [{"timestamp": f"2025-10-15T18:{i // 60 % 60:02d}:{i % 60:02d}Z", "severity": "INFO", "textPayload": m}
               for i, m in enumerate(_free_text(1_300, seed=7))]
    entries += [{"timestamp": "2025-10-15T18:30:00Z", "severity": "ERROR", "textPayload": "payment gateway timeout"}] * 20
    path = tmp_path / "many.json"
    path.write_text(json.dumps(entries))
    env = {k: v for k, v in os.environ.items() if k != "ANTHROPIC_API_KEY"} | {"CI": "1"}
    outs = {}
    for fmt in ("md", "json", "html", "slack"):
        out = tmp_path / f"r.{fmt}"
        res = subprocess.run([sys.executable, "-m", "rca", "generate", "--file", str(path), "--format", fmt,
                              "-o", str(out)], capture_output=True, text=True, env=env, timeout=600)
        assert res.returncode == 0, res.stderr
        outs[fmt] = out.read_text()
    totals = json.loads(outs["json"])["totals"]
    assert totals["clusters"] == 1_000 and totals["other_clusters"] >= 300
    assert totals["other_entries"] + sum(c["count"] for c in json.loads(outs["json"])["clusters"]) <= 1_320
    folded = f"{totals['other_entries']:,} entries of {totals['other_clusters']:,} smaller clusters folded into"
    for fmt in ("md", "html", "slack"):
        assert folded in outs[fmt], fmt
    assert "payment gateway timeout" in outs["md"]  # the errors are kept, not folded


def test_the_evidence_pack_says_what_was_folded_and_what_lost_its_time():
    from rca.analysis import analyse
    from rca.llm.evidence import build_evidence
    from rca.redact import Redactor

    recs = _records(_free_text(400))
    recs.append(LogRecord(timestamp=253_402_000_000.0, severity="ERROR", message="disk full on /var"))  # year 9999
    mining = mine(recs, max_clusters=100)
    assert mining.other is not None and mining.time_outliers == 1
    pack = build_evidence(mining, analyse(mining), 8000, Redactor())
    assert f"{mining.other.entries:,} entries of {mining.other.clusters:,} smaller clusters are folded" in pack.text
    assert "1 entries with timestamps far from the rest" in pack.text
