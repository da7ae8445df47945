#!/usr/bin/env python3
"""blind18: 12 public-postmortem failure classes re-told on a Google Cloud estate + 2 healthy windows.
Usage: python gen.py OUTDIR   (stdlib only, deterministic)"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import Inc, pyjson  # noqa: E402

R = None  # set per incident


def pick(inc, seq):
    return inc.rng.choice(seq)


def healthy_status(inc, base_lat=0.06):
    r = inc.rng.random()
    if r < 0.012:
        return 404, inc.rng.uniform(0.004, 0.03)
    if r < 0.02:
        return 304, inc.rng.uniform(0.003, 0.02)
    if r < 0.023:
        return 499, inc.rng.uniform(0.5, 8)
    if r < 0.0245:
        return 429, inc.rng.uniform(0.002, 0.01)
    return 200, inc.rng.lognormvariate(0, 0.6) * base_lat


def chatter(inc, res, logname, rate, fn, start=0.0, end=None):
    for t in inc.poisson(rate, start, end):
        out = fn(t)
        if out is None:
            continue
        sev, payload = out[0], out[1]
        extra = out[2] if len(out) > 2 else {}
        if isinstance(payload, dict):
            inc.add(t, res, logname, sev, jp=payload, **extra)
        else:
            inc.add(t, res, logname, sev, text=payload, **extra)


def klog_ts(inc, t, lvl="I"):
    s = inc.ts(t)
    return "%s%s%s %s" % (lvl, s[5:7], s[8:10], s[11:26])


def pg_prefix(inc, t, pid, db="", user=""):
    s = inc.ts(t)
    return "%s %s.%s UTC [%d]: [%d-1] db=%s,user=%s" % (s[:10], s[11:19], s[20:23], pid, inc.rng.randint(1, 9), db, user)


def pgv(inc, t, pid, db=None, user=None):
    s = inc.ts(t)
    return "%s %s.%s UTC [%d]" % (s[:10], s[11:19], s[20:23], pid)


def py_ts(inc, t):
    s = inc.ts(t)
    return "%s %s,%s" % (s[:10], s[11:19], s[20:23])


def syslog_ts(inc, t):
    import datetime as dt
    d = inc.start + dt.timedelta(seconds=t)
    return d.strftime("%b %d %H:%M:%S").replace(" 0", "  ", 1) if d.day < 10 else d.strftime("%b %d %H:%M:%S")


# =====================================================================================
# 1. GitLab 2017 style: operator wipes the data directory on the PRIMARY instead of the replica
# =====================================================================================
def inc_pg_datadir_wiped(out):
    inc = Inc("pg-primary-datadir-wiped", "codeforge-prod", "2025-03-11T22:40:00Z", 50, 1801)
    r = inc.rng
    C = "cf-prod-usc1"
    fault = 19 * 60 + 41.3
    db1 = inc.gce_res(4410223981173344101, "us-central1-a")
    db2 = inc.gce_res(4410223981173344377, "us-central1-b")
    host = "codeforge.dev"
    web_pods = ["rails-web-6b9d8f7c5-%s" % s for s in ("x2kq9", "p7mzt", "h4wnd", "r9cfl", "t6bvq", "k3jsz")]
    sk_pods = ["sidekiq-default-7c5d9b6f8-%s" % s for s in ("m2qvx", "d8zrw", "f5ktn")]
    pgb_pods = ["pgbouncer-5f7d6c9b4-%s" % s for s in ("l9xq2", "w3nhv")]
    lb = inc.lb_res("k8s1-7a1c2e9f-default-rails-web-8080-3f9a1b2c", "k8s2-fr-cf-web", "k8s2-tp-cf-web", "k8s2-um-cf-web")
    paths = [("GET", "/explore/projects"), ("GET", "/%s/%s/-/merge_requests"), ("GET", "/%s/%s/-/blob/main/README.md"),
             ("POST", "/api/v4/projects/%d/issues"), ("GET", "/api/v4/projects/%d/pipelines"), ("GET", "/users/sign_in"),
             ("POST", "/%s/%s.git/git-upload-pack"), ("GET", "/api/v4/user"), ("PUT", "/api/v4/projects/%d/merge_requests/%d")]
    users = ["acme", "nimbus", "kleinlab", "oss-tools", "frostbyte", "zeta-ui"]
    repos = ["api", "website", "infra", "mobile-app", "docs", "sdk-python"]

    def mkpath(p):
        m, tpl = p
        c = tpl.count("%")
        if "%d" in tpl:
            vals = tuple(r.randint(100, 99999) for _ in range(c))
        else:
            vals = (r.choice(users), r.choice(repos))[:c]
        return m, tpl % vals if c else tpl

    for t in inc.poisson(3.2):
        m, p = mkpath(r.choice(paths))
        pod = r.choice(web_pods)
        if t < fault:
            st, lat = healthy_status(inc, 0.09)
        else:
            st, lat = (500, r.uniform(0.05, 0.4)) if r.random() < 0.93 else (200, r.uniform(0.01, 0.05))
            if p.startswith("/users/sign_in") and r.random() < 0.5:
                st = 502
        inc.lb_request(t, lb, host, m, p, st, lat, backend_ip="10.52.%d.%d:8080" % (r.randint(0, 5), r.randint(2, 250)))
        rid = inc.hexid(26).upper()
        res = inc.k8s_res(C, "web", pod, "rails")
        s = inc.ts(t)
        if st < 500:
            inc.add(t + lat, res, "stdout", "INFO",
                    text="I, [%s #%d]  INFO -- : [%s] Completed %d %s in %dms (Views: %.1fms | ActiveRecord: %.1fms | Allocations: %d)" % (
                        s[:26], r.randint(10, 60), rid, st, {200: "OK", 404: "Not Found", 304: "Not Modified", 429: "Too Many Requests", 499: "OK"}[st],
                        int(lat * 1000), lat * 300, lat * 400, r.randint(2000, 90000)))
        else:
            if r.random() < 0.5:
                inc.add(t + lat, res, "stderr", "ERROR",
                        text='E, [%s #%d] ERROR -- : [%s] PG::ConnectionBad (connection to server at "10.40.0.11", port 6432 failed: server closed the connection unexpectedly' % (s[:26], r.randint(10, 60), rid))
            else:
                inc.add(t + lat, res, "stderr", "ERROR",
                        text='E, [%s #%d] ERROR -- : [%s] ActiveRecord::ConnectionNotEstablished (connection to server at "10.40.0.11", port 6432 failed: FATAL:  pgbouncer cannot connect to server' % (s[:26], r.randint(10, 60), rid))
            if r.random() < 0.25:
                for ln in ["app/models/concerns/cached_counter.rb:41:in `refresh!'", "app/controllers/application_controller.rb:118:in `set_current_user'",
                           "lib/gitlab/middleware/read_only.rb:18:in `call'"]:
                    inc.add(t + lat + 0.001, res, "stderr", "ERROR", text="E, [%s #%d] ERROR -- : [%s] %s" % (s[:26], 22, rid, ln))
    # health of pgbouncer
    for pod in pgb_pods:
        res = inc.k8s_res(C, "web", pod, "pgbouncer")
        for t in inc.every(60, 2):
            s = inc.ts(t)
            inc.add(t, res, "stdout", "INFO", text="%s %s UTC [1] LOG stats: %d xacts/s, %d queries/s, in %d B/s, out %d B/s, xact %d us, query %d us, wait %d us" % (
                s[:10], s[11:23], r.randint(800, 1400) if t < fault else 0, r.randint(2000, 4100) if t < fault else 0, r.randint(400000, 900000), r.randint(900000, 3000000), r.randint(900, 3000), r.randint(300, 900), r.randint(5, 40) if t < fault else 0))
        for t in inc.poisson(0.6, fault + 1):
            s = inc.ts(t)
            inc.add(t, res, "stdout", "WARNING", text="%s %s UTC [1] WARNING S-0x%s: codeforge/gitlab@10.40.0.11:5432 pooler error: server conn crashed?" % (s[:10], s[11:23], inc.hexid(12)) if r.random() < 0.3 else
                    "%s %s UTC [1] LOG S-0x%s: codeforge/gitlab@10.40.0.11:5432 closing because: server DNS lookup failed or connect failed (age=0s)" % (s[:10], s[11:23], inc.hexid(12)))
    # sidekiq
    for pod in sk_pods:
        res = inc.k8s_res(C, "jobs", pod, "sidekiq")
        def skf(t, pod=pod):
            jc = r.choice(["PipelineProcessWorker", "MergeWorker", "PostReceive", "NewNoteWorker", "ProjectCacheWorker", "Elastic::ProcessBookkeepingService"])
            jid = inc.hexid(24)
            if jc.startswith("Elastic") and r.random() < 0.5:
                return ("WARNING", {"severity": "WARN", "class": jc, "jid": jid, "message": "Elastic::ProcessBookkeepingService: bulk request to search-es-01:9200 failed: Faraday::TimeoutError (Net::ReadTimeout with #<TCPSocket:(closed)>), will retry 512 refs", "job_status": "retry"})
            if t >= fault and not jc.startswith("Elastic"):
                return ("ERROR", {"severity": "ERROR", "class": jc, "jid": jid, "message": "%s JID-%s: fail: %.3f sec" % (jc, jid, r.uniform(0.01, 0.2)), "job_status": "fail",
                                  "exception.class": "ActiveRecord::ConnectionNotEstablished", "exception.message": "connection to server at \"10.40.0.11\", port 6432 failed: FATAL:  pgbouncer cannot connect to server"})
            return ("INFO", {"severity": "INFO", "class": jc, "jid": jid, "message": "%s JID-%s: done: %.3f sec" % (jc, jid, r.uniform(0.02, 2.5)), "job_status": "done", "duration_s": round(r.uniform(0.02, 2.5), 3)})
        chatter(inc, res, "stdout", 0.9, skf)
    # replica broken before the window: GitLab's trigger
    pg = "postgresql_general"
    for t in inc.every(5, 0.2, 0, 6 * 60 + 20):
        inc.add(t, db2, pg, "ERROR", text="%s FATAL:  could not receive data from WAL stream: ERROR:  requested WAL segment 000000010000A2B4000000F3 has already been removed" % pgv(inc, t, r.randint(20000, 29000)))
        inc.add(t + 0.01, db2, pg, "INFO", text="%s LOG:  started streaming WAL from primary at A2B4/F3000000 on timeline 1" % pgv(inc, t, r.randint(20000, 29000)))
    for t in inc.every(60, 3):
        if t < fault:
            inc.add(t, db1, pg, "INFO", text="%s LOG:  checkpoint complete: wrote %d buffers (%.1f%%); 0 WAL file(s) added, 0 removed, %d recycled; write=%.3f s, sync=%.3f s, total=%.3f s" % (
                pgv(inc, t, 1187), r.randint(3000, 40000), r.uniform(0.5, 6), r.randint(10, 60), r.uniform(20, 27), r.uniform(0.01, 0.4), r.uniform(20, 28)))
        if r.random() < 0.4 and t < fault:
            inc.add(t + 7, db1, pg, "INFO", text="%s LOG:  duration: %.3f ms  statement: SELECT \"ci_builds\".* FROM \"ci_builds\" WHERE \"ci_builds\".\"commit_id\" = %d ORDER BY \"ci_builds\".\"id\" DESC" % (
                pgv(inc, t, r.randint(30000, 39000)), r.uniform(1000, 2600), r.randint(1000000, 9000000)))
    sl = "syslog"
    # operator activity
    def sysl(t, res, hostn, prog, msg, sev="INFO"):
        inc.add(t, res, sl, sev, text="%s %s %s: %s" % (syslog_ts(inc, t), hostn, prog, msg))
    t0 = 6 * 60 + 25
    sysl(t0, db2, "db-pg-02", "sshd[31877]", "Accepted publickey for alice from 35.235.241.18 port 40112 ssh2: ED25519 SHA256:qF2m0wYtP3c1hNn8m0c9dS1Vn7Lq3s0M3bXW4kq4p9E")
    sysl(t0 + 40, db2, "db-pg-02", "sudo[31920]", "   alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/usr/bin/systemctl stop postgresql@14-main")
    sysl(t0 + 41, db2, "db-pg-02", "systemd[1]", "Stopped PostgreSQL Cluster 14-main.")
    for k in range(4):
        tt = t0 + 120 + k * 95
        sysl(tt, db2, "db-pg-02", "sudo[%d]" % (32001 + k), "   alice : TTY=pts/0 ; PWD=/home/alice ; USER=postgres ; COMMAND=/usr/bin/pg_basebackup -h 10.40.0.11 -D /var/lib/postgresql/14/main -U replicator -v -P -X stream")
        inc.add(tt + 1.5, db1, pg, "ERROR", text="%s FATAL:  number of requested standby connections exceeds max_wal_senders (currently 4)" % pgv(inc, tt, 32010 + k, "replication", "replicator"))
        sysl(tt + 2, db2, "db-pg-02", "pg_basebackup[%d]" % (32004 + k), "pg_basebackup: error: could not connect to server: FATAL:  number of requested standby connections exceeds max_wal_senders (currently 4)", "ERROR")
    sysl(t0 + 600, db2, "db-pg-02", "sudo[32120]", "   alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/usr/bin/find /var/lib/postgresql/14/main -mindepth 1 -delete")
    sysl(t0 + 660, db1, "db-pg-01", "sshd[88211]", "Accepted publickey for alice from 35.235.241.18 port 40388 ssh2: ED25519 SHA256:qF2m0wYtP3c1hNn8m0c9dS1Vn7Lq3s0M3bXW4kq4p9E")
    sysl(t0 + 700, db1, "db-pg-01", "sudo[88240]", "   alice : TTY=pts/1 ; PWD=/home/alice ; USER=root ; COMMAND=/usr/bin/vi /etc/postgresql/14/main/postgresql.conf")
    sysl(t0 + 760, db1, "db-pg-01", "sudo[88251]", "   alice : TTY=pts/1 ; PWD=/home/alice ; USER=root ; COMMAND=/usr/bin/systemctl reload postgresql@14-main")
    inc.add(t0 + 760.4, db1, pg, "INFO", text="%s LOG:  received SIGHUP, reloading configuration files" % pgv(inc, t0 + 760, 1187))
    inc.add(t0 + 760.5, db1, pg, "INFO", text="%s LOG:  parameter \"max_wal_senders\" cannot be changed without restarting the server" % pgv(inc, t0 + 760, 1187))
    sysl(fault, db1, "db-pg-01", "sudo[88302]", "   alice : TTY=pts/1 ; PWD=/home/alice ; USER=root ; COMMAND=/usr/bin/rm -rf /var/lib/postgresql/14/main")
    fl = [(2.1, "ERROR", "ERROR:  could not open file \"base/16402/2619\": No such file or directory"),
          (2.3, "ERROR", "ERROR:  could not open file \"base/16402/1259\": No such file or directory"),
          (3.0, "ERROR", "ERROR:  could not open file \"base/16402/87412\": No such file or directory"),
          (4.2, "CRITICAL", "PANIC:  could not open file \"pg_wal/000000010000A2B5000000A1\": No such file or directory"),
          (4.5, "INFO", "LOG:  WAL writer process (PID 1193) was terminated by signal 6: Aborted"),
          (4.6, "INFO", "LOG:  terminating any other active server processes"),
          (5.1, "INFO", "LOG:  all server processes terminated; reinitializing"),
          (5.3, "CRITICAL", "PANIC:  could not open file \"global/pg_control\": No such file or directory"),
          (5.6, "INFO", "LOG:  startup process (PID 88330) was terminated by signal 6: Aborted"),
          (5.7, "INFO", "LOG:  aborting startup due to startup process failure"),
          (5.9, "INFO", "LOG:  database system is shut down")]
    for dt_, sev, msg in fl:
        inc.add(fault + dt_, db1, pg, sev, text="%s %s" % (pgv(inc, fault + dt_, 1187 if "LOG" in msg else r.randint(40000, 48000)), msg))
    sysl(fault + 6.5, db1, "db-pg-01", "systemd[1]", "postgresql@14-main.service: Main process exited, code=exited, status=1/FAILURE", "ERROR")
    sysl(fault + 6.6, db1, "db-pg-01", "systemd[1]", "postgresql@14-main.service: Failed with result 'exit-code'.", "ERROR")
    sysl(fault + 95, db1, "db-pg-01", "sudo[88390]", "   alice : TTY=pts/1 ; PWD=/home/alice ; USER=root ; COMMAND=/usr/bin/systemctl start postgresql@14-main")
    inc.add(fault + 96, db1, pg, "CRITICAL", text="%s FATAL:  data directory \"/var/lib/postgresql/14/main\" does not exist" % pgv(inc, fault + 96, 88401))
    sysl(fault + 96.3, db1, "db-pg-01", "systemd[1]", "Failed to start PostgreSQL Cluster 14-main.", "ERROR")
    sysl(fault + 400, db1, "db-pg-01", "sudo[88511]", "   alice : TTY=pts/1 ; PWD=/home/alice ; USER=root ; COMMAND=/usr/bin/ls -la /var/lib/postgresql/14/")
    sysl(fault + 700, db1, "db-pg-01", "sshd[88602]", "Accepted publickey for bogdan from 35.235.241.22 port 51022 ssh2: ED25519 SHA256:Zk2c8pLQ0b8Jr3m2dV0xk8Qh1aS6f9T4n7yBq2mE5uA")
    sysl(fault + 800, db1, "db-pg-01", "sudo[88622]", "   bogdan : TTY=pts/2 ; PWD=/home/bogdan ; USER=root ; COMMAND=/usr/bin/gsutil ls -l gs://codeforge-db-backups/pg/db-pg-01/")
    # routine syslog noise on both DB VMs
    for res, hn in ((db1, "db-pg-01"), (db2, "db-pg-02")):
        for t in inc.every(300, 20):
            sysl(t, res, hn, "google_guest_agent[912]", "Updating keys for user alice." if r.random() < 0.1 else "OS Login is enabled; metadata SSH keys are ignored.")
        for t in inc.every(60, 1):
            sysl(t, res, hn, "otelopscol[1402]", "2025-03-11T%s.000Z\tinfo\tprometheusreceiver scrape ok target=localhost:9187" % inc.ts(t)[11:19])
        for t in inc.every(600, 30):
            sysl(t, res, hn, "CRON[%d]" % r.randint(40000, 60000), "(root) CMD (/usr/local/bin/wal-g-push-status.sh >/dev/null 2>&1)")
    # GKE noise
    for t in inc.every(30, 3):
        pod = r.choice(web_pods)
        inc.add(t, inc.k8s_res(C, "web", pod, "rails"), "stdout", "INFO", text="I, [%s #1]  INFO -- : Puma stats: {\"workers\":4,\"booted_workers\":4,\"running\":16,\"backlog\":0}" % inc.ts(t)[:26])
    truth = {"title": "Operator repairing replication ran rm -rf on the primary's data directory; every write and read fails",
             "root_cause": {"evidence": ["COMMAND=/usr/bin/rm -rf /var/lib/postgresql/14/main"], "category": "database",
                            "must_mention": ["db-pg-01", "data directory"]},
             "symptoms": [{"evidence": "pgbouncer cannot connect to server"}, {"evidence": "could not open file \"base/16402"},
                          {"evidence": "PG::ConnectionBad"}, {"evidence": "data directory \"/var/lib/postgresql/14/main\" does not exist"}],
             "distractors": [{"evidence": "search-es-01:9200 failed"}],
             "priority": "P0"}
    return inc, truth


# =====================================================================================
# 2. Sentry/Mailchimp style: transaction ID wraparound, Cloud SQL refuses writes
# =====================================================================================
def inc_xid_wraparound(out):
    inc = Inc("cloudsql-xid-wraparound", "tallyhq-prod", "2025-05-06T13:10:00Z", 45, 1802)
    r = inc.rng
    sql = inc.sql_res("events-pg-prod")
    pl = "cloudsql.googleapis.com/postgres.log"
    rate = 2150.0
    left0 = 5_080_000
    fault = (left0 - 3_000_000) / rate  # ~967s
    ingest = inc.run_res("ingest-api", "ingest-api-00412-qaz")
    writer = inc.run_res("event-writer", "event-writer-00233-muv")
    dash = inc.run_res("dashboard-api", "dashboard-api-00198-hek")
    rep = inc.run_res("report-mailer", "report-mailer-00057-pob")
    for t in inc.poisson(3.0):
        inc.run_request(t, ingest, "ingest.tallyhq.io", "POST", r.choice(["/v1/track", "/v1/batch", "/v1/identify", "/v1/page"]), 200 if r.random() > 0.003 else 400, r.uniform(0.004, 0.03))
        if r.random() < 0.04:
            inc.add(t, ingest, "run.googleapis.com/stdout", "INFO", jp=pyjson("published batch", topic="projects/tallyhq-prod/topics/raw-events", messages=r.randint(1, 200), ms=round(r.uniform(2, 14), 1)))
    for t in inc.poisson(1.6):
        st, lat = healthy_status(inc, 0.12)
        if t > fault + 300 and r.random() < 0.05:
            st = 200
        inc.run_request(t, dash, "app.tallyhq.io", "GET", r.choice(["/api/dashboards/%d" % r.randint(1, 9000), "/api/insights/funnel", "/api/insights/trends", "/api/projects/%d/events?limit=100" % r.randint(1, 900)]), st, lat)
    # event-writer: pub/sub push
    for t in inc.poisson(2.2):
        ok = t < fault
        lat = r.uniform(0.02, 0.09) if ok else r.uniform(0.005, 0.02)
        inc.run_request(t, writer, "event-writer-7xk2aq3fva-uc.a.run.app", "POST", "/_pubsub/raw-events", 204 if ok else 500, lat)
        if ok:
            if r.random() < 0.25:
                inc.add(t + lat, writer, "run.googleapis.com/stdout", "INFO", jp=pyjson("inserted %d events into event_log" % r.randint(50, 500), logger="writer.sink"))
        else:
            inc.add(t + lat, writer, "run.googleapis.com/stdout", "ERROR", jp=pyjson(
                "insert failed: psycopg2.errors.ProgramLimitExceeded: database is not accepting commands to avoid wraparound data loss in database \"events\"", logger="writer.sink",
                subscription="projects/tallyhq-prod/subscriptions/raw-events-writer", attempt=r.randint(1, 40)))
            if r.random() < 0.15:
                for ln in ["Traceback (most recent call last):", '  File "/app/writer/sink.py", line 77, in write_batch', "    cur.execute(INSERT_SQL, rows)",
                           "psycopg2.errors.ProgramLimitExceeded: database is not accepting commands to avoid wraparound data loss in database \"events\"",
                           "HINT:  Stop the postmaster and vacuum that database in single-user mode."]:
                    inc.add(t + lat + 0.001, writer, "run.googleapis.com/stderr", "ERROR", text=ln)
    # postgres log
    for t in inc.every(2.0, 0.3):
        left = int(left0 - rate * t)
        if left > 3_000_000:
            pfx = pg_prefix(inc, t, r.randint(100000, 180000), "events", "writer")
            inc.add(t, sql, pl, "WARNING", text="%s WARNING:  database \"events\" must be vacuumed within %d transactions" % (pfx, left))
            if r.random() < 0.3:
                inc.add(t + 0.0005, sql, pl, "INFO", text="%s HINT:  To avoid a database shutdown, execute a database-wide VACUUM in that database.\n\tYou might also need to commit or roll back old prepared transactions, or drop stale replication slots." % pfx)
        else:
            for _ in range(3):
                pfx = pg_prefix(inc, t, r.randint(100000, 180000), "events", "writer")
                tt = t + r.uniform(0, 1.9)
                inc.add(tt, sql, pl, "ERROR", text="%s ERROR:  database is not accepting commands to avoid wraparound data loss in database \"events\"" % pfx)
                inc.add(tt + 0.0004, sql, pl, "INFO", text="%s HINT:  Stop the postmaster and vacuum that database in single-user mode.\n\tYou might also need to commit or roll back old prepared transactions, or drop stale replication slots." % pfx)
    for t in inc.every(60, 4):
        pfx = pg_prefix(inc, t, r.randint(190000, 199999))
        inc.add(t, sql, pl, "WARNING", text="%s WARNING:  oldest xmin is far in the past" % pfx)
        inc.add(t + 0.0003, sql, pl, "INFO", text="%s HINT:  Close open transactions soon to avoid wraparound problems.\n\tYou might also need to commit or roll back old prepared transactions, or drop stale replication slots." % pfx)
        if r.random() < 0.5:
            inc.add(t + 0.2, sql, pl, "INFO", text="%s LOG:  automatic aggressive vacuum to prevent wraparound of table \"events.public.event_log\": index scans: 0\n\tpages: 0 removed, 91832211 remain, 0 skipped due to pins, 0 skipped frozen\n\ttuples: 0 removed, 1843302912 remain, 61220394 are dead but not yet removable, oldest xmin: 2094770187\n\tbuffer usage: 9120331 hits, 2201 misses, 10 dirtied" % pfx)
    for t in inc.every(300, 10):
        inc.add(t, sql, pl, "INFO", text="%s LOG:  checkpoint complete: wrote %d buffers (%.1f%%); 0 WAL file(s) added, 0 removed, %d recycled; write=269.8 s, sync=0.%d s, total=270.1 s" % (pg_prefix(inc, t, 211), r.randint(20000, 90000), r.uniform(1, 7), r.randint(20, 90), r.randint(10, 99)))
    for t in inc.poisson(0.25):
        inc.add(t, sql, pl, "INFO", text="%s LOG:  duration: %.3f ms  statement: SELECT date_trunc('hour', ts) AS h, count(*) FROM event_log WHERE project_id = %d AND ts > now() - interval '7 days' GROUP BY 1" % (pg_prefix(inc, t, r.randint(100000, 180000), "events", "dashboard"), r.uniform(1000, 5200), r.randint(1, 900)))
    # the long-lived session, visible only as connection log lines at window start
    inc.add(33.2, sql, pl, "INFO", text="%s LOG:  connection authorized: user=analytics_export database=events application_name=bq-export-worker SSL enabled (protocol=TLSv1.3, cipher=TLS_AES_256_GCM_SHA384, bits=256)" % pg_prefix(inc, 33.2, 144021, "events", "analytics_export"))
    # dashboards: stale data warnings (symptom, quiet)
    for t in inc.every(60, 2, fault + 240):
        inc.add(t, dash, "run.googleapis.com/stdout", "WARNING", jp=pyjson("freshness check: newest event_log row is %d s old (threshold 300 s)" % int(t - fault + r.randint(0, 30)), logger="dashboard.freshness"))
    for t in inc.every(90, 3):
        inc.add(t, dash, "run.googleapis.com/stdout", "INFO", jp=pyjson("cache stats hits=%d misses=%d evictions=%d" % (r.randint(5000, 9000), r.randint(200, 900), r.randint(0, 40)), logger="dashboard.cache"))
    # distractor: SendGrid 429 in report-mailer
    for t in inc.poisson(0.07):
        inc.add(t, rep, "run.googleapis.com/stdout", "ERROR", jp=pyjson("sendgrid send failed: HTTP Error 429: Too Many Requests (X-RateLimit-Remaining: 0); report_id=%d will retry in 60s" % r.randint(10000, 99999), logger="mailer.send"))
    for t in inc.poisson(0.1):
        inc.add(t, rep, "run.googleapis.com/stdout", "INFO", jp=pyjson("weekly report rendered for org %d in %.1fs" % (r.randint(1, 4000), r.uniform(0.8, 6)), logger="mailer.render"))
    # pub/sub: subscription push errors visible via audit-ish system log? keep ingest chatter
    truth = {"title": "Cloud SQL events DB hits transaction ID wraparound protection; event writes refused",
             "root_cause": {"evidence": ["must be vacuumed within", "oldest xmin is far in the past", "are dead but not yet removable"],
                            "category": "database", "must_mention": ["wraparound", "vacuum"]},
             "symptoms": [{"evidence": "ProgramLimitExceeded"}, {"evidence": "newest event_log row is"},
                          {"evidence": "not accepting commands to avoid wraparound"}],
             "distractors": [{"evidence": "sendgrid send failed"}],
             "priority": "P1"}
    return inc, truth


INCIDENTS = [inc_pg_datadir_wiped, inc_xid_wraparound]

if __name__ == "__main__":
    import part2  # noqa: F401  (registers the remaining incidents)
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for fn in INCIDENTS + part2.INCIDENTS:
        inc, truth = fn(out)
        n, blob = inc.write(out, truth)
        miss = []
        rc = truth.get("root_cause")
        evs = (rc["evidence"] if rc else []) + [s["evidence"] for s in truth.get("symptoms", [])] + [d["evidence"] for d in truth.get("distractors", [])]
        for ev in evs:
            if ev.lower().replace('"', '\\"') not in blob and ev.lower() not in blob:
                miss.append(ev)
        print("%-34s %6d entries%s" % (inc.id, n, ("  MISSING: %s" % miss) if miss else ""))
