"""A change just before the failures at the edges of what the timing rule saw: a one-off change a
minute or so after the window opened (a window opened just before it must not hide it), and a
program taking a pushed setting up at its next reload (that reload is where the act took effect,
not a second act that leaves the timing unsingled). Invented exports, read as a user would
(`build_report`)."""

from __future__ import annotations

from test_parallel_lead_in import _dir
from test_quiet_culprits import _lines, _report, _ts

OPERATOR = "ops@example.com"
PARAM = "projects/p/locations/global/parameters/cart-rules"
UPDATE = "google.cloud.parametermanager.v1.ParameterManager.UpdateParameterVersion"


def _audit(minute: int, second: float, method: str = UPDATE, resource: str = PARAM) -> dict:
    return {"timestamp": _ts(minute, second), "severity": "NOTICE", "logName": "projects/p/logs/cloudaudit.googleapis.com%2Factivity",
            "resource": {"type": "audited_resource", "labels": {"project_id": "p", "service": "parametermanager.googleapis.com"}},
            "protoPayload": {"methodName": method, "resourceName": resource, "status": {},
                             "authenticationInfo": {"principalEmail": OPERATOR}}}


def _request(minute: int, second: float, status: int) -> dict:
    return {"timestamp": _ts(minute, second), "severity": "ERROR" if status >= 500 else "INFO",
            "logName": "projects/p/logs/requests",
            "resource": {"type": "http_load_balancer", "labels": {"forwarding_rule_name": "web-fr", "backend_service_name": "web-be"}},
            "httpRequest": {"requestMethod": "POST", "requestUrl": "https://shop.example.com/api/basket/items", "status": status,
                            "latency": "0.040s"}}


def _export(change_at: tuple[int, float], fail_from: float, reload_at: tuple[int, float] | None = None,
            minutes: int = 30) -> list[dict]:
    """Users add to their baskets every 5 s; from `fail_from` seconds into the window every other
    add fails with 500 and the basket service logs why in its own words (which name no setting);
    a search tier logs a steady trickle of timeouts all along (background). The setting is changed
    at `change_at`; with `reload_at`, the edge gateway in front of it logs taking it up then."""
    out = [_request(m, s, 500 if m * 60 + s >= fail_from and s % 10 == 0 else 200) for m in range(minutes) for s in range(0, 60, 5)]
    out += _lines("basket", range(minutes), range(2, 60, 15), "basket {n} updated")
    out += [e for e in _lines("basket", range(minutes), range(1, 60, 10), "add refused for basket {n}: quota check returned "
                              "nothing to compare against", "ERROR", "stderr")
            if int(e["timestamp"][14:16]) * 60 + float(e["timestamp"][17:23]) >= fail_from]
    out += _lines("search", range(minutes), range(33, 34), "suggest backend slow, serving cached results", "WARNING")
    out.append(_audit(*change_at))
    if reload_at is not None:
        out += _lines("edge-gateway", range(reload_at[0], reload_at[0] + 1), range(int(reload_at[1]), int(reload_at[1]) + 1),
                      "edge settings reloaded generation=42 max_line_items=0")
    return out


def _top(report, by_id) -> str:
    return by_id[report.root_cause.cluster_ids[0]].template


def test_a_one_off_change_a_minute_after_the_window_opened_still_leads(tmp_path):
    """The window opens 75 s before the setting is changed; the adds fail from 25 s after it. A
    single audit entry after a minute of silence is that act, not the tail of a routine the window
    opened on: it leads, as it would two minutes further in."""
    report, by_id = _report(_export((1, 15.0), 100.0), _dir(tmp_path, "early"))
    assert UPDATE in _top(report, by_id)
    assert "cart-rules" in report.root_cause.statement


def test_the_same_change_further_in_leads_too(tmp_path):
    """The same export shifted: change three minutes in, failures 25 s later (what held before)."""
    report, by_id = _report(_export((3, 15.0), 220.0), _dir(tmp_path, "later"))
    assert UPDATE in _top(report, by_id)


def test_a_routine_at_the_window_start_is_not_singled_out(tmp_path):
    """An audit entry in the window's first seconds is not provably new (no minute of silence
    before it): the failures' own line leads."""
    report, by_id = _report(_export((0, 5.0), 100.0), _dir(tmp_path, "start"))
    assert "add refused" in _top(report, by_id)


def test_a_program_taking_the_change_up_at_its_next_reload_is_the_same_act(tmp_path):
    """The setting is changed; 45 s later the edge gateway reloads it and states the new value;
    the adds fail 5 s after that. The reload is where the change took effect, not a second act
    leaving the timing unsingled: the change leads (the failures never name it)."""
    report, by_id = _report(_export((5, 0.0), 5 * 60 + 50.0, reload_at=(5, 45.0)), _dir(tmp_path, "reload"))
    top = _top(report, by_id)
    assert UPDATE in top or "max_line_items" in top
    assert "add refused" not in top


def test_two_separate_audited_acts_still_leave_the_timing_unsingled(tmp_path):
    """Two different audited changes 45 s apart (neither a program's take-up) before the failures:
    nothing in the timing singles one out, so neither is put above the failure by timing."""
    entries = _export((5, 0.0), 5 * 60 + 50.0)
    entries.append(_audit(5, 45.0, "v1.compute.backendBuckets.patch", "projects/p/global/backendBuckets/static-assets"))
    report, by_id = _report(entries, _dir(tmp_path, "two"))
    assert "add refused" in _top(report, by_id)
