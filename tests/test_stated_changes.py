"""Changes nobody flagged as changes: an INFO line that states a new value (a program reloading its
configuration, a host upgrading a package, a bulk job starting), logged once per instance just
before the failures, is what changed before it broke, and the report leads with it; the same line
logged all along (a restart's config dump, a cron run), or in a window where nothing broke, is no
change. Invented logs, read as a user would (`build_report`)."""

from __future__ import annotations

import pytest
from test_deploy_startup import _pod
from test_operator_actions import _at, _report, _requests

from rca.analysis.changes import states_change

RELOAD = "Configuration loaded from /etc/orderd/orderd.toml workers=16 max_conns=2"


DIFF = "orderd.conf diff: -  location /orders/ {  +  location /orders/v2/ {"
UPGRADE = "upgrade libpq5:amd64 14.11-0ubuntu0.22.04.1 16.2-1.pgdg22.04+1"


def _export(reload_at: list[float], fail: bool = True, line: str = RELOAD) -> list[dict]:
    """orderd's pods serve all hour; `reload_at`: when each of them logs `line` (one pod each).
    With `fail`, the shop's requests fail from 10:30 and the caller cart-web logs failed calls."""
    out = _requests(30 * 60 if fail else None)
    out += [_pod(m * 60 + s, "orderd-6f7c9-a1b2c", f"order {m * 60 + s} stored") for m in range(60) for s in (10, 40)]
    out += [_pod(t, f"orderd-6f7c9-{k:05d}", line) for k, t in enumerate(reload_at)]
    if fail:
        out += [_pod(t, "cart-web-5b6c7-q9w8e", "placing order with orderd did not succeed: status 503", "ERROR")
                for t in range(30 * 60 + 3, 3600, 6)]
    return out


def _top(tmp_path, name: str, entries: list[dict]) -> tuple[str, object, dict]:
    report, by_id = _report(entries, tmp_path / f"{name}.json")
    top = by_id[report.root_cause.cluster_ids[0]].samples[0] if report.root_cause and report.root_cause.cluster_ids else ""
    return top, report, by_id


@pytest.mark.parametrize("line", [RELOAD, DIFF, UPGRADE])
def test_a_line_stating_a_change_just_before_the_failures_leads(tmp_path, line):
    """Two pods reload their configuration with max_conns=2 (or log a diff of their config file,
    or a package upgraded between two versions) at 10:29:40 and 10:29:45, with no change event in
    the logs; the callers fail from 10:30:03. The report leads with that line, which states the
    change, and names the failure after it."""
    top, report, _ = _top(tmp_path, "reload", _export([29 * 60 + 40, 29 * 60 + 45], line=line))
    assert top == line
    assert report.root_cause.category == "configuration"
    assert "placing order with orderd did not succeed" in report.root_cause.statement


def test_the_same_line_logged_all_along_or_without_failures_is_no_change(tmp_path):
    """The reload line logged every ten minutes all hour (a routine restart's dump), or twice in a
    window where nothing fails: neither is a change."""
    top, report, by_id = _top(tmp_path, "routine", _export(list(range(90, 3600, 600))))
    assert top != RELOAD
    assert not any(c.role == "change" and by_id[c.cluster_id].samples[0] == RELOAD for c in report.candidates)
    _, report, by_id = _top(tmp_path, "healthy", _export([29 * 60 + 40, 29 * 60 + 45], fail=False))
    assert not any(c.role == "change" for c in report.candidates)


def test_the_line_stating_the_value_leads_the_act_that_made_it(tmp_path):
    """An operator runs a command in a pod at 10:29:35 (an audit entry that says only that) and the
    server logs the value it was given five seconds later: the report cites the value."""
    entries = _export([])
    entries.append({"timestamp": _at(29 * 60 + 35), "severity": "NOTICE",
                    "logName": "projects/shop/logs/cloudaudit.googleapis.com%2Factivity",
                    "resource": {"type": "k8s_cluster", "labels": {"cluster_name": "prod"}},
                    "protoPayload": {"methodName": "io.k8s.core.v1.pods.exec.create", "status": {},
                                     "resourceName": "core/v1/namespaces/shop/pods/orderd-6f7c9-a1b2c/exec",
                                     "authenticationInfo": {"principalEmail": "ops@shop.example.com"}}})
    entries.append(_pod(29 * 60 + 40, "orderd-6f7c9-a1b2c", "connection limit set to 2 (was 200), by admin command"))
    top, _, _ = _top(tmp_path, "act", entries)
    assert top.startswith("connection limit set to 2")


@pytest.mark.parametrize("line, stated", [
    ("Configuration loaded from /etc/app.toml workers=16 max_conns=2", True),
    ("Setting cache threshold via admin tool: cache.high_watermark.ratio = 0.05", True),
    ("request queue limit set to 12 entries", True),
    ("upgrade libssl3:amd64 3.0.2-0ubuntu1.15 3.0.2-0ubuntu1.18", True),
    ("proxy.conf diff: -  upstream_timeout 30s  +  upstream_timeout 3s", True),
    ("starting backfill of table accounts (batch=5000)", True),
    ("Configuration reloaded", False),  # says it happened, not what it became
    ("processed batch items=120 failed=0", False),  # fields, but nothing about configuration
    ("worker 3 started", False),
    ("sync state updated. phase: Running -> Succeeded", False),  # an object's progress, no setting
    ("quote computed lane=DE -> FR service=express", False),  # a route's ends, not a setting's values
    # an object's many fields on a routine line that mentions a reload: a record printed, no setting given
    ("Trigger reload for port admin_state_up=True, device_owner=compute:nova, mac_address=fa:16:3e:00:00:01, status=ACTIVE", False),
    # a tool writing a configuration file, with its arguments: the file says what they went into
    ("copy module invoked with dest=/etc/worker/settings.toml src=/tmp/upload mode=0600 owner=root backup=False", True),
])
def test_what_states_a_change(line, stated):
    assert states_change(line) is stated


def test_a_logfmt_line_s_own_fields_state_no_setting(tmp_path):
    """A pod written in logfmt logs, once and just before the failures, that it launched a helper
    with a configuration file (`ts=… level=info logger=… pid=… msg="Running helper … --config-file …"`):
    the line's own prefix fields are how it was written, not settings given, so it is no change;
    the same words with a value set are one."""
    helper = ('ts=2024-05-01T10:29:40Z level=info logger=orderd.daemon pid=31150 '
              'msg="Running helper: [\'sudo\', \'rootwrap\', \'--config-file\', \'/etc/orderd/orderd.conf\']"')
    _, report, by_id = _top(tmp_path, "logfmt", _export([29 * 60 + 40], line=helper))
    assert not any(c.role == "change" for c in report.candidates)
    stated = 'ts=2024-05-01T10:29:40Z level=info logger=orderd.daemon pid=31150 msg="Configuration loaded from /etc/orderd.toml max_conns=2"'
    top, report, _ = _top(tmp_path, "logfmt-stated", _export([29 * 60 + 40, 29 * 60 + 45], line=stated))
    assert top == stated
