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
