"""`rca eval perturb`: variants that must not change the answer, and their scores beside the baseline."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from rca.errors import UsageError
from rca.evals.incidents import discover_incidents
from rca.evals.perturb import (
    SHIFT,
    TRANSFORMS,
    _ts,
    add_noise,
    evidence_times,
    healthy_part,
    load_entries,
    run_perturb_eval,
)

TINY = Path(__file__).resolve().parent / "data" / "evals" / "tiny"


@pytest.fixture(scope="module")
def auth():
    inc = next(i for i in discover_incidents([str(TINY)]) if i.id == "auth-import")
    return inc, load_entries(inc.logs)


def test_window_cuts_keep_the_evidence(auth):
    inc, entries = auth
    first = evidence_times(entries, inc.truth)[0]
    late = TRANSFORMS["late-start"](entries, inc.truth)
    assert min(_ts(e) for e in late) >= first and evidence_times(late, inc.truth)
    assert len(late) < len(entries)
    short = TRANSFORMS["short-end"](entries, inc.truth)
    assert max(_ts(e) for e in short) <= first + timedelta(minutes=4) and evidence_times(short, inc.truth)


def test_prefix_rewrites_keep_the_message_and_put_the_level_in_the_text(auth):
    inc, entries = auth
    needle = inc.truth.root_cause.evidence[0]
    for name, level in (("log4j", " ERROR "), ("glog", "E"), ("logfmt", "level=error")):
        out = TRANSFORMS[name](entries, inc.truth)
        lines = [e["textPayload"] for e in out if needle in e.get("textPayload", "")]
        assert lines and all("jsonPayload" not in e for e in out)
        assert lines[0].startswith(level) if name == "glog" else level in lines[0]
    stripped = TRANSFORMS["default-severity"](entries, inc.truth)
    assert {e["severity"] for e in stripped if "textPayload" in e or "jsonPayload" in e} == {"DEFAULT"}


def test_rename_shift_and_noise(auth):
    inc, entries = auth
    renamed = TRANSFORMS["rename"](entries, inc.truth)
    assert not {e["resource"]["labels"]["service_name"] for e in renamed} & {"backend"}
    shifted = TRANSFORMS["shift"](entries, inc.truth)
    assert _ts(shifted[0]) - _ts(entries[0]) == SHIFT
    healthy = next(i for i in discover_incidents([str(TINY)]) if i.id == "healthy")
    noise = healthy_part(load_entries(healthy.logs), healthy.truth)
    mixed = add_noise(entries, noise)
    assert len(entries) < len(mixed) <= len(entries) + len(noise)
    assert [e["timestamp"] for e in mixed] == sorted((e["timestamp"] for e in mixed), reverse=True)
    assert all(e["resource"]["labels"]["service_name"].startswith("bg") for e in mixed if e not in entries)


def test_the_table_scores_every_transformation(tmp_path, capsys):
    out = tmp_path / "p.json"
    run_perturb_eval([str(TINY)], transforms=["original", "shift", "noise"], json_path=out, progress=False)
    table = capsys.readouterr().out
    assert "| original | 2 |" in table and "| shift | 2 |" in table and "| noise | 2 |" in table
    data = json.loads(out.read_text())
    assert {r["transform"] for r in data["table"]} == {"original", "shift", "noise"}
    assert len(data["rows"]) == 6
    with pytest.raises(UsageError, match="unknown"):
        run_perturb_eval([str(TINY)], transforms=["sideways"], progress=False)
