from datetime import timedelta
from core import Gen, ts_java, ts_log4j, ts_pg, ts_py, ts_z, iso


# ---------------------------------------------------------------- 8. Superset SECRET_KEY rotated without re-encrypting
def superset_secret(out):
    g = Gen("superset-secret-key-rotated", 2608, "meridian-bi", "bi-gke", "us-east4",
            "2026-10-05T14:00:00Z", 45)
    r = g.r
    ns = "superset"
    web_old = g.pod("superset", 3)
    web_new = g.pod("superset", 3, "new")
    wk_old = g.pod("superset-worker", 2)
    wk_new = g.pod("superset-worker", 2, "new")
    beat = g.pod("superset-celerybeat", 1)[0]
    F = 9.0
    dash = ["Weekly KPIs", "Sales Pipeline", "Support SLA", "Marketing Attribution", "Finance Close", "Product Usage"]

    def webp(m):
        if m < F + 1.5:
            return r.choice(web_old)
        return r.choice(web_new)

    def chart(t, m):
        p = webp(m)
        cid = r.randint(100, 980)
        broken = p in web_new
        if not broken:
            d = r.uniform(0.15, 3.5)
            g.k8s(t, ns, p, "superset", "INFO", f"{ts_py(t)}:INFO:superset.commands.chart.data.get_data_command:Query for chart {cid} served from {'cache' if r.random() < 0.3 else 'database analytics_pg'} in {d:.2f}s")
            g.k8s(t, ns, p, "superset", "INFO", f"{g.podip()} - - [{t.strftime('%d/%b/%Y:%H:%M:%S')} +0000] \"POST /api/v1/chart/data?form_data=%7B%22slice_id%22%3A{cid}%7D HTTP/1.1\" 200 {r.randint(800, 90000)} \"https://bi.meridian.io/superset/dashboard/{r.randint(1, 40)}/\" \"{g.ua()}\"")
            g.lb(t, "bi.meridian.io", "POST", f"/api/v1/chart/data?form_data=%7B%22slice_id%22%3A{cid}%7D", 200, d)
            return
        lines = [f"{ts_py(t)}:ERROR:superset.views.base:Invalid decryption key",
                 "Traceback (most recent call last):",
                 "  File \"/usr/local/lib/python3.10/site-packages/sqlalchemy_utils/types/encrypted/encrypted_type.py\", line 136, in decrypt",
                 "    decrypted = self.fernet.decrypt(value)",
                 "  File \"/usr/local/lib/python3.10/site-packages/cryptography/fernet.py\", line 84, in decrypt",
                 "    return self._decrypt_data(data, timestamp, time_info)",
                 "  File \"/usr/local/lib/python3.10/site-packages/cryptography/fernet.py\", line 161, in _verify_signature",
                 "    raise InvalidToken",
                 "cryptography.fernet.InvalidToken",
                 "",
                 "During handling of the above exception, another exception occurred:",
                 "",
                 "Traceback (most recent call last):",
                 "  File \"/app/superset/views/base_api.py\", line 127, in wraps",
                 "    duration, response = time_function(f, self, *args, **kwargs)",
                 "  File \"/app/superset/models/core.py\", line 412, in get_sqla_engine",
                 "    sqlalchemy_uri=self.sqlalchemy_uri_decrypted,",
                 "  File \"/usr/local/lib/python3.10/site-packages/sqlalchemy_utils/types/encrypted/encrypted_type.py\", line 138, in decrypt",
                 "    raise ValueError('Invalid decryption key')",
                 "ValueError: Invalid decryption key"]
        for i, ln in enumerate(lines):
            g.k8s(t + timedelta(microseconds=40 * i), ns, p, "superset", "ERROR", ln)
        g.k8s(t + timedelta(milliseconds=3), ns, p, "superset", "INFO", f"{g.podip()} - - [{t.strftime('%d/%b/%Y:%H:%M:%S')} +0000] \"POST /api/v1/chart/data?form_data=%7B%22slice_id%22%3A{cid}%7D HTTP/1.1\" 500 88 \"https://bi.meridian.io/superset/dashboard/{r.randint(1, 40)}/\" \"{g.ua()}\"")
        g.lb(t, "bi.meridian.io", "POST", f"/api/v1/chart/data?form_data=%7B%22slice_id%22%3A{cid}%7D", 500, r.uniform(0.05, 0.2), size=88)
    g.poisson(26, chart, rate_fn=lambda m: 1.0 + 0.3 * (m > 20))

    def misc(t, m):
        p = webp(m)
        path = r.choice(["/api/v1/dashboard/?q=(page:0)", "/api/v1/me/", "/static/assets/spa.entry.js", "/api/v1/log/", "/superset/dashboard/12/", "/api/v1/chart/?q=(page:0)"])
        g.k8s(t, ns, p, "superset", "INFO", f"{g.podip()} - - [{t.strftime('%d/%b/%Y:%H:%M:%S')} +0000] \"GET {path} HTTP/1.1\" 200 {r.randint(300, 80000)} \"-\" \"{g.ua()}\"")
        g.lb(t, "bi.meridian.io", "GET", path, 200, r.uniform(0.01, 0.3))
    g.poisson(40, misc)

    def warn_cache(t, m):
        p = webp(m)
        g.k8s(t, ns, p, "superset", "WARNING", f"{ts_py(t)}:WARNING:superset.utils.cache_manager:Falling back to the built-in cache, that stores data in the metadata database, for the following cache: `FILTER_STATE_CACHE_CONFIG`. It is recommended to use `RedisCache`, `MemcachedCache` or another dedicated caching backend for production deployments")
    g.periodic(6, warn_cache, offset=2)

    def worker(t, m):
        w = r.choice(wk_new if m >= F + 2 else wk_old)
        broken = m >= F + 2
        c = r.random()
        if c < 0.35:  # distractor: thumbnail renderer timeouts (pre-existing)
            g.k8s(t, ns, w, "superset-worker", "WARNING", f"[{ts_py(t)}: WARNING/ForkPoolWorker-{r.randint(1, 4)}] Failed at generating thumbnail Message: timeout: Timed out receiving message from renderer: 60.000")
        elif c < 0.6 and broken:
            rid = r.randint(1, 30)
            g.k8s(t, ns, w, "superset-worker", "ERROR", f"[{ts_py(t)}: ERROR/ForkPoolWorker-{r.randint(1, 4)}] Report Schedule {rid} ({r.choice(dash)}) failed: Invalid decryption key")
            g.k8s(t + timedelta(milliseconds=2), ns, w, "superset-worker", "INFO", f"[{ts_py(t)}: INFO/ForkPoolWorker-{r.randint(1, 4)}] Report state: Error")
        else:
            g.k8s(t, ns, w, "superset-worker", "INFO", f"[{ts_py(t)}: INFO/ForkPoolWorker-{r.randint(1, 4)}] Task reports.execute[{g.uuid()}] succeeded in {r.uniform(0.5, 40):.3f}s: None")
    g.poisson(6, worker)

    def beat_tick(t, m):
        g.k8s(t, ns, beat, "superset-celerybeat", "INFO", f"[{ts_py(t)}: INFO/MainProcess] Scheduler: Sending due task reports.scheduler (reports.scheduler)")
    g.periodic(1, beat_tick, offset=0.02, jitter=0.0)

    # cause: the secops rotation job replaces the Secret, Reloader rolls the deployments
    tc = g.at(F)
    g.audit(tc, "io.k8s.core.v1.secrets.update", "core/v1/namespaces/superset/secrets/superset-env",
            "system:serviceaccount:secops:secret-rotator",
            request={"kind": "Secret", "metadata": {"name": "superset-env", "namespace": "superset", "annotations": {"secops.meridian.io/rotated-keys": "SUPERSET_SECRET_KEY,REDIS_PASSWORD", "secops.meridian.io/policy": "rotate-older-than-365d"}}, "data": "<redacted>"})
    rot = "secret-rotator-29201460-b7nq4"
    g.k8s(tc - timedelta(seconds=2), "secops", rot, "rotator", "INFO", {"level": "info", "msg": "rotating keys older than 365d", "secret": "superset/superset-env", "keys": ["SUPERSET_SECRET_KEY", "REDIS_PASSWORD"]})
    g.k8s(tc + timedelta(seconds=1), "secops", rot, "rotator", "INFO", {"level": "info", "msg": "secret updated", "secret": "superset/superset-env", "version": 7})
    rl = "reloader-reloader-6f9c5d8b7-qz4lm"
    for k, dep in enumerate(["superset", "superset-worker"]):
        t = tc + timedelta(seconds=3 + k)
        g.k8s(t, "reloader", rl, "reloader", "INFO", f"time=\"{t.strftime('%Y-%m-%dT%H:%M:%SZ')}\" level=info msg=\"Changes detected in 'superset-env' of type 'SECRET' in namespace 'superset'; updated '{dep}' of type 'Deployment' in namespace 'superset'\"")
    for k, p in enumerate(web_new + wk_new):
        t = g.at(F + 0.3 + k * 0.35)
        c = "superset" if p in web_new else "superset-worker"
        g.event(t, ns, "Pod", p, "Started", f"Started container {c}")
        if c == "superset":
            g.k8s(t + timedelta(seconds=5), ns, p, c, "INFO", f"[{t.strftime('%Y-%m-%d %H:%M:%S')} +0000] [1] [INFO] Starting gunicorn 21.2.0")
            g.k8s(t + timedelta(seconds=5), ns, p, c, "INFO", f"[{t.strftime('%Y-%m-%d %H:%M:%S')} +0000] [1] [INFO] Listening at: http://0.0.0.0:8088 (1)")
            g.k8s(t + timedelta(seconds=9), ns, p, c, "INFO", f"{ts_py(t)}:INFO:superset.app:Loaded your LOCAL configuration at [/app/pythonpath/superset_config.py]")
    for k, p in enumerate(web_old + wk_old):
        g.event(g.at(F + 0.7 + k * 0.35), ns, "Pod", p, "Killing", "Stopping container " + ("superset" if p in web_old else "superset-worker"))
    n = g.write(out, {
        "title": "Every Superset chart 500s with Invalid decryption key after SECRET_KEY rotation without re-encrypting secrets",
        "root_cause": {"evidence": ["secrets/superset-env", "Changes detected in 'superset-env'", "rotating keys older than 365d"], "category": "configuration",
                       "must_mention": ["SECRET_KEY"]},
        "symptoms": [{"evidence": "Invalid decryption key"}, {"evidence": "InvalidToken"}],
        "distractors": [{"evidence": "Failed at generating thumbnail"}, {"evidence": "Falling back to the built-in cache"}],
        "priority": "P1"})
    return n


# ---------------------------------------------------------------- 9. Zulip: synchronous_standby_names matches no standby
def zulip_noise(g, F=None):
    r = g.r
    ns = "zulip"
    web = g.pod("zulip-django", 4)
    tornado = g.sts("zulip-tornado", 2)
    workers = g.pod("zulip-queue-workers", 2)
    pg0, pg1 = "zulip-pg-0", "zulip-pg-1"
    nginx = g.pod("zulip-nginx", 2)
    users = ["iago@acme-collab.org", "desdemona@acme-collab.org", "hamlet@acme-collab.org", "othello@acme-collab.org", "cordelia@acme-collab.org", "prospero@acme-collab.org"]

    def writes_hang(m):
        return F is not None and m >= F

    def zl(t, method, st, ms, path, db="2ms/3q"):
        return f"{t.strftime('%Y-%m-%d %H:%M:%S.')}{t.microsecond // 1000:03d} INFO [zr] {g.podip():<15} {method:<7} {st}  {ms}ms (db: {db}) {path} ({r.choice(users)} via website)"

    def get_req(t, m):
        w = r.choice(web)
        path = r.choice(["/json/messages", "/json/users/me/presence", "/json/events", "/json/messages/matches_narrow", "/json/users", "/json/streams/42/members"])
        meth = "POST" if "presence" in path else "GET"
        if meth == "POST" and writes_hang(m):
            # presence updates also write
            g.k8s(t, ns, w, "django", "ERROR", f"{t.strftime('%Y-%m-%d %H:%M:%S.')}{t.microsecond // 1000:03d} ERR  [zr] {g.podip():<15} POST    504 30.0s (db: 30.0s/1q) /json/users/me/presence ({r.choice(users)} via website)")
            return
        ms = r.randint(4, 120)
        g.k8s(t, ns, w, "django", "INFO", zl(t, meth, 200, ms, path))
        g.lb(t, "chat.acme-collab.org", meth, path, 200, ms / 1000 + 0.002)
    g.poisson(140, get_req)

    def send(t, m):
        w = r.choice(web)
        if not writes_hang(m):
            ms = r.randint(30, 220)
            g.k8s(t, ns, w, "django", "INFO", zl(t, "POST", 200, ms, "/json/messages", db=f"{r.randint(5, 40)}ms/{r.randint(8, 20)}q"))
            g.lb(t, "chat.acme-collab.org", "POST", "/json/messages", 200, ms / 1000)
            g.k8s(t + timedelta(milliseconds=ms), ns, r.choice(tornado), "tornado", "INFO", f"{t.strftime('%Y-%m-%d %H:%M:%S.')}{t.microsecond // 1000:03d} INFO [tornado] Processing event notice for {r.randint(2, 180)} recipients in {r.randint(1, 12)}ms")
            return
        # the commit never returns; uwsgi harakiri kills the worker at 30s
        g.k8s(t + timedelta(seconds=30), ns, w, "django", "ERROR", f"*** HARAKIRI ON WORKER {r.randint(1, 8)} (pid: {r.randint(100, 900)}, try: 1) ***")
        g.k8s(t + timedelta(seconds=30, milliseconds=1), ns, w, "django", "ERROR", f"*** uWSGI listen queue of socket \"127.0.0.1:3031\" (fd: 3) full !!! ({r.randint(100, 128)}/128) ***" if r.random() < 0.2 else f"HARAKIRI: --- uWSGI worker {r.randint(1, 8)} (pid: {r.randint(100, 900)}) WAS MANAGING REQUEST /json/messages SINCE {t.strftime('%a %b %d %H:%M:%S %Y')} ---")
        g.k8s(t + timedelta(seconds=30, milliseconds=2), ns, r.choice(nginx), "nginx", "ERROR", f"{t.strftime('%Y/%m/%d %H:%M:%S')} [error] 21#21: *{r.randint(10**5, 10**6)} upstream timed out (110: Connection timed out) while reading response header from upstream, client: {g.podip()}, server: chat.acme-collab.org, request: \"POST /json/messages HTTP/1.1\", upstream: \"uwsgi://127.0.0.1:3031\", host: \"chat.acme-collab.org\"")
        g.lb(t, "chat.acme-collab.org", "POST", "/json/messages", 504, 30.0 + r.uniform(0, 0.05), size=167)
        if r.random() < 0.5:
            g.k8s(t + timedelta(seconds=30, milliseconds=5), ns, pg0, "postgres", "WARNING", f"{ts_pg(t + timedelta(seconds=30))} [{r.randint(1000, 60000)}] zulip@zulip WARNING:  canceling wait for synchronous replication due to user request")
            g.k8s(t + timedelta(seconds=30, milliseconds=6), ns, pg0, "postgres", "WARNING", f"{ts_pg(t + timedelta(seconds=30))} [{r.randint(1000, 60000)}] zulip@zulip DETAIL:  The transaction has already committed locally, but might not have been replicated to the standby.")
    g.poisson(45, send)

    def qw(t, m):
        w = r.choice(workers)
        q = r.choice(["user_activity", "missedmessage_emails", "embed_links", "deferred_work", "outgoing_webhooks", "user_presence"])
        if q == "embed_links" and r.random() < 0.35:  # distractor
            g.k8s(t, ns, w, "queue-workers", "WARNING", f"{t.strftime('%Y-%m-%d %H:%M:%S.')}{t.microsecond // 1000:03d} WARN [zulip.queue] embed_links: Error fetching https://{r.choice(['www.linkedin.com/posts/', 'twitter.com/i/status/', 'medium.com/@'])}{g.hexid(8)}: 403 Client Error: Forbidden")
            return
        if writes_hang(m) and q in ("user_activity", "user_presence", "missedmessage_emails"):
            if r.random() < 0.3:
                g.k8s(t, ns, w, "queue-workers", "WARNING", f"{t.strftime('%Y-%m-%d %H:%M:%S.')}{t.microsecond // 1000:03d} WARN [zulip.queue] {q}: consumer has been processing the same batch for {r.randint(60, 900)}s; queue depth {r.randint(500, 40000)}")
            return
        g.k8s(t, ns, w, "queue-workers", "INFO", f"{t.strftime('%Y-%m-%d %H:%M:%S.')}{t.microsecond // 1000:03d} INFO [zulip.queue] {q}: processed {r.randint(1, 100)} events in {r.randint(2, 400)}ms")
    g.poisson(30, qw)

    def bounce(t, m):  # routine: missed-message emails to dead mailboxes
        w = r.choice(workers)
        g.k8s(t, ns, w, "queue-workers", "ERROR", f"{t.strftime('%Y-%m-%d %H:%M:%S.')}{t.microsecond // 1000:03d} ERR  [zulip.queue] missedmessage_emails: SMTPRecipientsRefused: {{'{r.choice(['former.intern', 'old.contractor', 'j.doe'])}@acme-collab.org': (550, b'5.1.1 The email account that you tried to reach does not exist.')}}")
    g.poisson(0.3, bounce)

    def pg_bg(t, m):
        c = r.random()
        if c < 0.5:
            g.k8s(t, ns, pg0, "postgres", "INFO", f"{ts_pg(t)} [{r.randint(1000, 60000)}] zulip@zulip LOG:  duration: {r.randint(500, 1900)}.{r.randint(100, 999)} ms  statement: SELECT zerver_usermessage.message_id, zerver_usermessage.flags FROM zerver_usermessage WHERE user_profile_id = {r.randint(10, 9000)} ORDER BY message_id DESC LIMIT 1000")
        elif c < 0.8:
            g.k8s(t, ns, pg1, "postgres", "INFO", f"{ts_pg(t)} [77] LOG:  restartpoint complete: wrote {r.randint(100, 4000)} buffers ({r.uniform(0.1, 3):.1f}%); 0 WAL file(s) added, 0 removed, {r.randint(1, 9)} recycled")
        else:
            g.k8s(t, ns, pg0, "postgres", "INFO", f"{ts_pg(t)} [{r.randint(1000, 60000)}] LOG:  automatic analyze of table \"zulip.zulip.zerver_message\"")
    g.poisson(3, pg_bg)

    def backup(t, m):
        j = "zulip-pg-wal-archive-" + g.hexid(5)
        g.k8s(t, ns, pg0, "postgres", "INFO", f"{ts_pg(t)} [101] LOG:  archive command completed for WAL file 00000001000004A2000000{r.randint(10, 99)}")
    g.periodic(2.5, backup, offset=0.7)
    return pg0, pg1


def zulip_syncrep(out):
    g = Gen("zulip-sync-standby-mismatch", 2609, "acme-collab-prod", "collab-gke", "us-central1",
            "2026-11-12T15:35:00Z", 40)
    F = 11.0
    pg0, pg1 = zulip_noise(g, F)
    r = g.r
    tc = g.at(F - 0.1)
    g.audit(tc - timedelta(seconds=25), "io.k8s.core.v1.configmaps.patch", "core/v1/namespaces/zulip/configmaps/zulip-pg-conf",
            "tomasz.nowak@acme-collab.org", request={"data": {"zz-replication.conf": "synchronous_commit = on\nsynchronous_standby_names = 'zulip_pg_1'\n"}})
    g.k8s(tc, "zulip", pg0, "postgres", "INFO", f"{ts_pg(tc)} [1] LOG:  received SIGHUP, reloading configuration files")
    g.k8s(tc + timedelta(milliseconds=3), "zulip", pg0, "postgres", "INFO", f"{ts_pg(tc)} [1] LOG:  parameter \"synchronous_standby_names\" changed to \"zulip_pg_1\"")
    g.k8s(tc + timedelta(milliseconds=5), "zulip", pg0, "postgres", "INFO", f"{ts_pg(tc)} [1] LOG:  parameter \"synchronous_commit\" changed to \"on\"")
    # the replica is streaming fine but its application_name is zulip-pg-1
    t = g.at(1.2)
    g.k8s(t, "zulip", pg1, "postgres", "INFO", f"{ts_pg(t)} [64] LOG:  started streaming WAL from primary at 4A2/31000000 on timeline 1")
    g.k8s(t, "zulip", pg1, "postgres", "INFO", f"{ts_pg(t)} [64] LOG:  primary_conninfo: host=zulip-pg-0.zulip-pg port=5432 user=replicator application_name=zulip-pg-1")
    # tornado & health
    for k in range(4):
        t = g.at(F + 3 + k * 6, 60)
        g.k8s(t, "monitoring", "alertmanager-main-0", "alertmanager", "INFO", f"ts={ts_z(t)} caller=dispatch.go:164 level=info component=dispatcher msg=\"Notify success\" receiver=pagerduty-collab alertname={r.choice(['ZulipSendLatencyHigh', 'ZulipHTTP5xx'])}")
    n = g.write(out, {
        "title": "Sending messages in Zulip hangs: synchronous_standby_names names no connected standby, every commit waits",
        "root_cause": {"evidence": ["synchronous_standby_names", "zz-replication.conf"], "category": "database",
                       "must_mention": ["synchronous", "standby"]},
        "symptoms": [{"evidence": "HARAKIRI ON WORKER"}, {"evidence": "canceling wait for synchronous replication"},
                     {"evidence": "upstream timed out (110: Connection timed out)"}],
        "distractors": [{"evidence": "embed_links: Error fetching"}, {"evidence": "SMTPRecipientsRefused"}],
        "priority": "P0"})
    return n


def healthy_zulip(out):
    g = Gen("healthy-zulip-evening", 2614, "acme-collab-prod", "collab-gke", "us-central1",
            "2026-11-18T20:10:00Z", 50)
    pg0, pg1 = zulip_noise(g, None)
    r = g.r
    # routine: nightly analytics cron, a pod rescheduled by autoscaler, a WARN about slow query
    job = "zulip-analytics-count-29211320-lr4xc"
    t = g.at(20.0)
    g.event(t, "zulip", "Job", "zulip-analytics-count-29211320", "SuccessfulCreate", f"Created pod: {job}", component="job-controller")
    for i, msg in enumerate(["Starting update_analytics_counts", "Updated active_users_audit:is_bot:day through 2026-11-18", "Updated messages_sent:client:day", "Finished update_analytics_counts in 212.4s"]):
        g.k8s(t + timedelta(seconds=5 + i * 60), "zulip", job, "analytics", "INFO", f"{ts_py(t + timedelta(seconds=5 + i * 60))} INFO [zulip.analytics] {msg}")
    g.k8s(t + timedelta(seconds=100), "zulip", job, "analytics", "WARNING", f"{ts_py(t + timedelta(seconds=100))} WARN [zulip.analytics] Stat messages_in_stream:is_bot:day took 94.1s, longer than the 60s budget")
    rp = g.pod("zulip-queue-workers", 1, "resched")[0]
    g.event(g.at(33.0), "zulip", "Pod", rp, "Scheduled", f"Successfully assigned zulip/{rp} to gke-collab-gke-pool-1-9b8d1c4e-h2lk", component="default-scheduler")
    n = g.write(out, {
        "title": "Healthy Zulip evening (routine analytics cron, link-preview 403s)",
        "root_cause": None,
        "symptoms": [],
        "distractors": [{"evidence": "embed_links: Error fetching"}, {"evidence": "longer than the 60s budget"}, {"evidence": "SMTPRecipientsRefused"}],
        "priority": "none"})
    return n
