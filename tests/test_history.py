"""Run history (rca.history) against real databases: a SQLite file, and a PostgreSQL 15 server
these tests start themselves (skipped, with the reason, where its binaries are absent)."""

from __future__ import annotations

import json
import os
import pwd
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

import pytest

from corpora import SHARED
from history_logs import BACKGROUND, CAUSE, DAY1, DAY2, write_window

REPO = Path(__file__).resolve().parent.parent
PG_BIN = Path("/usr/lib/postgresql/15/bin")


def rca(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "rca", *args], capture_output=True, text=True, cwd=REPO, env={**os.environ, **(env or {})}, timeout=300
    )


# ------------------------------------------------------------------------------ PostgreSQL server


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Postgres:
    """A throw-away PostgreSQL cluster on 127.0.0.1. PostgreSQL refuses to run as root, so as root
    the server runs as the `postgres` (else `nobody`) user via runuser."""

    def __init__(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="rca-pg-"))
        self.port = _free_port()
        self.prefix: list[str] = []
        if os.geteuid() == 0:
            user = "postgres"
            try:
                pw = pwd.getpwnam(user)
            except KeyError:
                user, pw = "nobody", pwd.getpwnam("nobody")
            os.chown(self.dir, pw.pw_uid, pw.pw_gid)
            self.prefix = ["runuser", "-u", user, "--"]
        data = self.dir / "data"
        self._run(str(PG_BIN / "initdb"), "-D", str(data), "-U", "rca", "--auth=trust", "-E", "UTF8", "--no-sync")
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run(str(PG_BIN / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(self.dir / "log"), "-w", "-t", "60", "start")

    def _run(self, *cmd: str) -> None:
        out = subprocess.run([*self.prefix, *cmd], capture_output=True, text=True, timeout=120, cwd=self.dir)
        if out.returncode != 0:
            raise RuntimeError(f"{Path(cmd[0]).name} failed: {out.stderr.strip() or out.stdout.strip()}")

    def new_database(self) -> str:
        name = f"h_{uuid.uuid4().hex[:12]}"
        self._run(str(PG_BIN / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "rca", name)
        return f"postgresql://rca@127.0.0.1:{self.port}/{name}"

    def stop(self) -> None:
        try:
            self._run(str(PG_BIN / "pg_ctl"), "-D", str(self.dir / "data"), "-m", "fast", "-w", "stop")
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres():
    if not (PG_BIN / "initdb").exists():
        pytest.skip(f"PostgreSQL 15 server binaries not found in {PG_BIN}: the postgresql backend is not tested here")
    server = _Postgres()
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "history.sqlite3")
    return request.getfixturevalue("postgres").new_database()


# ------------------------------------------------------------------------------ in-process runs


def _report(logs: Path, location: str, warnings: list[str], ref: str | None = None):
    from rca.history.hook import HistoryHook
    from rca.llm.base import AnalystOptions
    from rca.models import ReadStats
    from rca.pipeline import build_report
    from rca.sources import read_records

    hook = HistoryHook.open(location, warn=warnings.append)
    stats = ReadStats()
    report = build_report(read_records(str(logs), "auto", stats), stats, AnalystOptions(provider="offline"), history=hook)
    run_id = hook.record(report, report_ref=ref)
    hook.close()
    return report, run_id


def test_replaying_incidents_twice_marks_them_recurring_and_names_the_first_run(store_url: str):
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} not present")
    from rca.evals.grounded import check_grounded
    from rca.render import render
    from rca.render.slack import render_slack

    incidents = sorted(p for p in SHARED.glob("*/logs.json*") if p.is_file())
    assert len(incidents) >= 2
    warnings: list[str] = []
    first = {p.parent.name: _report(p, store_url, warnings, ref=f"reports/{p.parent.name}-1.md") for p in incidents}
    second = {p.parent.name: _report(p, store_url, warnings, ref=f"reports/{p.parent.name}-2.md") for p in incidents}
    assert warnings == []

    opener, _ = first[incidents[0].parent.name]
    assert all(c.history is not None and c.history.status == "new" for c in opener.clusters)
    assert opener.similar_incidents == []

    incidents_seen = 0
    for name, (report, _) in second.items():
        past_report, past_id = first[name]
        assert report.clusters and all(c.history.status == "recurring" and c.history.runs >= 1 for c in report.clusters), name
        # history must not change what was found: same root cause as the first time
        assert (report.root_cause and report.root_cause.cluster_ids) == (past_report.root_cause and past_report.root_cause.cluster_ids)
        if report.priority == "none":
            continue
        incidents_seen += 1
        top = report.similar_incidents[0]
        assert top.run_id == past_id, name
        assert top.root_cause == past_report.root_cause.statement
        assert f"reports/{name}-1.md" in top.links
        markdown = render(report, "md")
        assert "## Seen before" in markdown and f"run {past_id}," in markdown
        # the section's runs and rates are checked against the report, like every other number
        logs = next(str(p) for p in incidents if p.parent.name == name)
        grounded = check_grounded(render(report, "json"), markdown, logs)
        assert grounded.ok, (name, grounded.problems[:3])
        rate = re.search(r"now (\d+\.\d\d)/min", markdown)
        if rate:
            wrong = markdown.replace(rate.group(0), f"now {float(rate.group(1)) + 7.31:.2f}/min")
            assert not check_grounded(render(report, "json"), wrong, logs).ok, name
        slack = json.dumps(render_slack(report))
        assert re.search(r"Seen \d+ times? this week, last on 20\d\d-", slack), name
    assert incidents_seen >= 2


def test_a_healthy_window_recorded_first_makes_its_steady_clusters_background(store_url: str, tmp_path: Path):
    from rca.history.hook import record_baseline
    from rca.history.store import HistoryStore
    from rca.models import ReadStats
    from rca.pipeline import mine_records
    from rca.sources import read_records

    healthy = write_window(tmp_path / "healthy.json", DAY1)
    incident = write_window(tmp_path / "incident.json", DAY2, failing=True)
    warnings: list[str] = []

    def role_of(report, text: str) -> str:
        return next(c for c in report.clusters if text.split(":")[0] in c.template).role

    before, _ = _report(incident, store_url, warnings)
    # without history the window has no healthy minute: the steady background error ranks as a candidate
    assert role_of(before, BACKGROUND) != "noise"
    cause_before = before.root_cause.cluster_ids

    stats = ReadStats()
    with HistoryStore.open(store_url) as store:
        record_baseline(store, mine_records(read_records(str(healthy), "auto", stats), stats))

    after, _ = _report(incident, store_url, warnings)
    assert warnings == []
    background = next(c for c in after.clusters if BACKGROUND.split(":")[0] in c.template)
    assert background.role == "noise"
    assert background.history.background and background.history.healthy_runs == 1
    assert after.root_cause.cluster_ids == cause_before
    assert role_of(after, CAUSE) == "cause"
    assert all(c.cluster_id != background.id for c in after.candidates)

    # the healthy window itself, with its own history, is no longer a P3 incident
    calm, _ = _report(healthy, store_url, warnings)
    assert calm.priority == "none" and calm.root_cause is None


def test_concurrent_writer_processes_lose_nothing(store_url: str):
    """Four processes record 15 runs each into one store at the same time."""
    script = (
        "import sys\n"
        "from rca.history.store import HistoryStore\n"
        "from rca.history.models import RunRecord, ClusterRow\n"
        "store = HistoryStore.open(sys.argv[1])\n"
        "for i in range(15):\n"
        "    rows = [ClusterRow(fingerprint=f'c{sys.argv[2]}x{i}x{j}', template='t', severity='ERROR', count=1, errors=1, rate_per_min=0.1) for j in range(40)]\n"
        "    store.record(RunRecord(source=f'writer-{sys.argv[2]}', clusters=rows))\n"
        "store.close()\n"
    )
    procs = [subprocess.Popen([sys.executable, "-c", script, store_url, str(w)], stderr=subprocess.PIPE, text=True) for w in range(4)]
    errors = [p.communicate(timeout=300)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0, 0], errors
    from rca.history.store import HistoryStore

    with HistoryStore.open(store_url) as store:
        found = store.list_runs(limit=0)
    assert len(found) == 60
    assert {s.source for s in found} == {f"writer-{w}" for w in range(4)}
    assert all(s.clusters == 40 for s in found)


# ------------------------------------------------------------------------------ the commands


def _two_windows(tmp_path: Path) -> tuple[Path, Path]:
    return write_window(tmp_path / "healthy.json", DAY1), write_window(tmp_path / "incident.json", DAY2, failing=True)


def test_two_rca_generate_processes_at_once_both_record(tmp_path: Path):
    healthy, incident = _two_windows(tmp_path)
    store = tmp_path / "shared.sqlite3"
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "rca", "generate", "--file", str(logs), "--history", str(store), "--format", "json", "-o", str(tmp_path / f"{logs.stem}.{i}.out.json")],
            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        for i, logs in enumerate((healthy, incident, incident))
    ]
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], outs
    assert all("warning" not in err for _, err in outs)
    listed = json.loads(rca("history", "list", "--json", "--history", str(store)).stdout)
    assert sorted(Path(r["source"]).name for r in listed) == ["healthy.json", "incident.json", "incident.json"]
    assert sorted(Path(r["report"]).name for r in listed) == ["healthy.0.out.json", "incident.1.out.json", "incident.2.out.json"]
    clusters = {p.stem.split(".")[0]: json.loads(p.read_text())["totals"]["clusters"] for p in tmp_path.glob("*.out.json")}
    assert all(r["clusters"] == clusters[Path(r["source"]).stem] for r in listed)


@pytest.mark.parametrize("kind", ["corrupt", "folder", "newer"])
def test_a_corrupt_or_unreadable_store_is_one_warning_and_the_report_is_still_written(tmp_path: Path, kind: str):
    _, incident = _two_windows(tmp_path)
    if kind == "newer":  # written by a later rca whose migrations this one does not have
        from sqlalchemy import update

        from rca.history.store import HistoryStore, _alembic_version

        store = tmp_path / "history.sqlite3"
        with HistoryStore.open(store) as opened, opened.engine.begin() as conn:
            conn.execute(update(_alembic_version).values(version_num="9999"))
    elif kind == "corrupt":
        store = tmp_path / "history.sqlite3"
        store.write_bytes(b"this is not a database, " * 200)
        before = store.read_bytes()
    else:
        store = tmp_path / "a-folder"
        store.mkdir()
    out = tmp_path / "report.md"
    done = rca("generate", "--file", str(incident), "--history", str(store), "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert "# orders-api" in out.read_text()
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("rca: warning: history store") and "without history" in lines[0]
    if kind == "corrupt":
        assert store.read_bytes() == before  # a user's file is never overwritten
    listed = rca("history", "list", "--history", str(store))
    assert listed.returncode == 2 and len(listed.stderr.strip().splitlines()) == 1 and "Traceback" not in listed.stderr


def test_history_commands_list_show_search_link_prune(tmp_path: Path):
    healthy, incident = _two_windows(tmp_path)
    store = str(tmp_path / "h.sqlite3")
    env = {"RCA_HISTORY": store}
    assert rca("baseline", "--file", str(healthy), env=env).returncode == 0
    first = tmp_path / "first.json"
    assert rca("generate", "--file", str(incident), "--format", "json", "-o", str(first), env=env).returncode == 0
    cause = json.loads(first.read_text())["root_cause"]["cluster_ids"][0]

    listed = json.loads(rca("history", "list", "--json", env=env).stdout)
    assert [(r["run_id"], r["kind"], r["healthy"]) for r in listed] == [(2, "report", False), (1, "baseline", True)]
    shown = json.loads(rca("history", "show", "2", "--json", env=env).stdout)
    assert cause in {c["fingerprint"] for c in shown["cluster_rows"]} and shown["report"] == str(first)
    assert [r["run_id"] for r in json.loads(rca("history", "search", cause, "--json", env=env).stdout)] == [2]
    assert [r["run_id"] for r in json.loads(rca("history", "search", "queuepool", "--json", env=env).stdout)] == [2]
    assert "no runs" in rca("history", "search", "nothing-like-this", env=env).stdout

    linked = rca("history", "link", "2", "https://tickets.example.com/INC-42", env=env)
    assert linked.returncode == 0, linked.stderr
    second = rca("generate", "--file", str(incident), "--format", "json", env=env)
    similar = json.loads(second.stdout)["similar_incidents"]
    assert similar[0]["run_id"] == 2 and "https://tickets.example.com/INC-42" in similar[0]["links"]
    slack = rca("generate", "--file", str(incident), "--format", "slack", env=env).stdout
    assert "<https://tickets.example.com/INC-42>" in slack and "Seen 2 times this week, last on 2026-03-03" in slack

    missing = rca("history", "show", "999", env=env)
    assert missing.returncode == 2 and missing.stderr.strip() == f"rca: error: no run 999 in history store {store}"
    assert rca("history", "prune", "--keep", "1", env=env).returncode == 0
    assert [r["run_id"] for r in json.loads(rca("history", "list", "--json", env=env).stdout)] == [4]


def test_default_store_lives_in_the_user_data_folder_and_no_history_writes_nothing(tmp_path: Path):
    _, incident = _two_windows(tmp_path)
    default = Path(os.environ["XDG_DATA_HOME"]) / "rca" / "history.sqlite3"
    assert rca("generate", "--file", str(incident), "--no-history").returncode == 0
    assert not default.exists()
    assert rca("generate", "--file", str(incident)).returncode == 0
    assert default.is_file()
    assert len(json.loads(rca("history", "list", "--json").stdout)) == 1


def test_schema_has_the_history_contract():
    schema = json.loads(rca("schema").stdout)
    defs = schema["$defs"]
    assert set(defs["ClusterHistory"]["properties"]["status"]["enum"]) == {"new", "recurring"}
    assert {"first_seen", "runs"} <= set(defs["ClusterHistory"]["properties"])
    assert {"run_id", "window", "root_cause", "links"} <= set(defs["SimilarIncident"]["properties"])
    assert "similar_incidents" in schema["properties"]


def test_the_store_knows_its_newest_migration(tmp_path: Path):
    from alembic.script import ScriptDirectory

    from rca.history.store import SCHEMA_HEAD, HistoryStore

    assert ScriptDirectory(str(REPO / "rca" / "history" / "migrations")).get_current_head() == SCHEMA_HEAD
    with HistoryStore.open(tmp_path / "h.sqlite3") as store:
        assert store.revision() == SCHEMA_HEAD


def test_the_slack_server_records_each_report_and_says_when_it_was_seen_before(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from fake_gcp import FakeLogging
    from fake_slack import FakeSlack
    from test_slack_server import command, running, settings, signed_post

    from rca.history.store import HistoryStore

    store = tmp_path / "team.sqlite3"
    with FakeLogging() as gcp, FakeSlack() as slack:
        from datetime import datetime, timezone

        from fake_gcp import incident_entries

        gcp.add(incident_entries("demo", "checkout", datetime.now(timezone.utc)))
        with running(settings(slack, bot_token=None, history=str(store)), gcp) as url:
            assert signed_post(url, command(slack, "first", "checkout last 1h")).status_code == 200
            first = json.dumps(slack.wait_messages("first", timeout=60)[0], ensure_ascii=False)
            assert signed_post(url, command(slack, "second", "checkout last 1h")).status_code == 200
            second = json.dumps(slack.wait_messages("second", timeout=60)[0], ensure_ascii=False)
    assert ":repeat:" not in first
    assert ":repeat: Seen 1 time this week, last on" in second
    with HistoryStore.open(store) as opened:
        assert [s.kind for s in opened.list_runs()] == ["report", "report"]


def test_baseline_reads_live_cloud_logging_with_project(tmp_path: Path):
    """`rca baseline --project P --service S --since 1h` through rca.sources.live, against the fake API."""
    from datetime import datetime, timezone

    from fake_gcp import FakeLogging, incident_entries

    store = tmp_path / "h.sqlite3"
    with FakeLogging() as fake:
        fake.add(incident_entries("demo", "checkout", datetime.now(timezone.utc), minutes=30))
        env = fake.environment(tmp_path)
        done = rca("baseline", "--project", "demo", "--service", "checkout", "--since", "1h", "--history", str(store), env=env)
        assert done.returncode == 0, done.stderr
        assert 'resource.labels.service_name = "checkout"' in fake.requests[0]["filter"]
    assert done.stderr.startswith("recorded healthy window as run 1: ")
    (run,) = json.loads(rca("history", "list", "--json", "--history", str(store)).stdout)
    assert run["kind"] == "baseline" and run["healthy"] and run["source"] == "projects/demo" and run["clusters"] > 0
