"""Incidents 5-8."""
from common import Inc, FIRST


def pgp(inc, t, pid):
    return inc.fmt(t, "%Y-%m-%d %H:%M:%S.%3 UTC") + " [%d]" % pid


def syslog(inc, t, host, prog):
    return "%s %s %s" % (inc.fmt(t, "%b %d %H:%M:%S"), host, prog)


# ---------------------------------------------------------------------------
def superset_replica(out):
    I = Inc("superset-standby-conflict-cancels", "2025-08-19T14:00:00Z", 40, 1605, "analytics-chaos-lab")
    r = I.rng
    F = 3 * 60 + 48.2
    ns = "superset"
    web = ["superset-6f7d8c9b5-%s" % s for s in ("b4mzq", "t9xkc")]
    rep = "analytics-pg-replica-1"
    pri = "analytics-pg-primary"
    # rollup job on primary: heavy delete/update bursts every 6 min
    bursts = [60 + 360 * i for i in range(7)]

    def conflict(t):
        return t > F + 20 and any(0 <= t - b <= 150 for b in bursts)

    charts = ["Revenue by Region", "Daily Active Users", "Orders Funnel", "Churn Cohorts", "Top SKUs", "Refund Rate", "Warehouse Lag"]
    for t in I.poisson(45):
        pod = r.choice(web)
        ch = r.choice(charts)
        cid = charts.index(ch) + 11
        bad = conflict(t) and r.random() < 0.55
        ms = r.randint(120, 2500)
        st = 500 if bad else 200
        I.lb(t + ms / 1000, "bi.chaoslab.dev", "POST", "/api/v1/chart/data?form_data=%%7B%%22slice_id%%22%%3A%d%%7D" % cid, st, ms / 1000, rule="bi-lb", backend="k8s1-superset-8088")
        I.k8s(t + ms / 1000, ns, pod, "superset", "%s - - [%s] \"POST /api/v1/chart/data?form_data=%%7B%%22slice_id%%22%%3A%d%%7D HTTP/1.1\" %d %d \"https://bi.chaoslab.dev/superset/dashboard/%d/\" \"%s\"" % (
            "10.44.%d.%d" % (r.randint(0, 5), r.randint(2, 250)), I.fmt(t + ms / 1000, "%d/%b/%Y:%H:%M:%S +0000"), cid, st, r.randint(300, 90000), r.randint(1, 9), "Mozilla/5.0"), app="superset")
        if bad:
            pid = r.randint(20000, 29999)
            I.k8s(t + ms / 1000 - 0.01, ns, pod, "superset", "%s:ERROR:superset.connectors.sqla.models:Query SELECT ... FROM analytics.%s on schema analytics failed" % (I.fmt(t, "%Y-%m-%d %H:%M:%S,%3"), r.choice(["orders_daily", "sessions_rollup", "refunds"])), app="superset", stream="stderr")
            I.k8s(t + ms / 1000 - 0.009, ns, pod, "superset", "psycopg2.errors.SerializationFailure: canceling statement due to conflict with recovery", app="superset", stream="stderr")
            I.k8s(t + ms / 1000 - 0.008, ns, pod, "superset", "DETAIL:  User query might have needed to see row versions that must be removed.", app="superset", stream="stderr")
            I.gce(t + ms / 1000 - 0.02, rep, "postgresql_general", "%s ERROR:  canceling statement due to conflict with recovery" % pgp(I, t, pid), sev="ERROR")
            I.gce(t + ms / 1000 - 0.0199, rep, "postgresql_general", "%s DETAIL:  User query might have needed to see row versions that must be removed." % pgp(I, t, pid), sev="ERROR")
        else:
            I.k8s(t + ms / 1000 - 0.02, ns, pod, "superset", "%s:INFO:superset.common.query_context_processor:Cache key: %s" % (I.fmt(t, "%Y-%m-%d %H:%M:%S,%3"), I.hx(32)), app="superset")
    # ROOT CAUSE: standby reloaded with max_standby_streaming_delay = 0
    I.gce(F - 0.4, rep, "syslog", "%s[4112]: chaos : TTY=unknown ; PWD=/home/chaos ; USER=postgres ; COMMAND=/usr/bin/psql -c ALTER SYSTEM SET max_standby_streaming_delay = 0" % syslog(I, F - 0.4, rep, "sudo"))
    I.gce(F, rep, "postgresql_general", "%s LOG:  received SIGHUP, reloading configuration files" % pgp(I, F, 912))
    I.gce(F + 0.001, rep, "postgresql_general", "%s LOG:  parameter \"max_standby_streaming_delay\" changed to \"0\"" % pgp(I, F + 0.001, 912))
    # primary: rollup job
    for b in bursts:
        I.gce(b, pri, "postgresql_general", "%s LOG:  duration: %.3f ms  statement: DELETE FROM analytics.sessions_rollup WHERE day >= current_date - 2" % (pgp(I, b + 40, 33120), r.uniform(30000, 45000)))
        I.gce(b + 70, pri, "postgresql_general", "%s LOG:  automatic vacuum of table \"analytics.analytics.sessions_rollup\": index scans: 1" % pgp(I, b + 70, r.randint(40000, 49999)))
        I.k8s(b - 1, "etl", "rollup-hourly-%d-%s" % (29004000 + bursts.index(b), I.hx(5)), "rollup", js={"severity": "INFO", "message": "rollup started", "job": "sessions_rollup", "window_days": 2}, app="rollup-hourly")
        I.k8s(b + 75, "etl", "rollup-hourly-%d-%s" % (29004000 + bursts.index(b), I.hx(5)), "rollup", js={"severity": "INFO", "message": "rollup finished", "job": "sessions_rollup", "rows": r.randint(800000, 1200000)}, app="rollup-hourly")
    for t in I.every(300, t0=120):
        for vm, pid in ((pri, 611), (rep, 615)):
            I.gce(t, vm, "postgresql_general", "%s LOG:  %s starting: time" % (pgp(I, t, pid), "checkpoint" if vm == pri else "restartpoint"))
    for t in I.every(30, jitter=1):
        I.gce(t, rep, "syslog", "%s[1201]: level=info msg=\"replication\" lag_bytes=%d replay_lag_s=%.2f" % (syslog(I, t, rep, "pg-exporter"), r.randint(0, 90000), r.uniform(0, 0.8)))
    # superset worker (celery) + distractor thumbnails
    wk = "superset-worker-7c5d6b8f9-p2lkn"
    for t in I.poisson(6):
        I.k8s(t, ns, wk, "worker", "[%s: INFO/ForkPoolWorker-%d] Task cache_chart_data[%s] succeeded in %.3fs: None" % (I.fmt(t, "%Y-%m-%d %H:%M:%S,%3"), r.randint(1, 4), I.uuid(), r.uniform(0.2, 3)), app="superset-worker")
    for t in I.poisson(1.4):
        I.k8s(t, ns, wk, "worker", "[%s: WARNING/ForkPoolWorker-%d] Failed at generating thumbnail Message: timeout: Timed out receiving message from renderer: 30.000" % (I.fmt(t, "%Y-%m-%d %H:%M:%S,%3"), r.randint(1, 4)), app="superset-worker", stream="stderr", sev="WARNING")
    for t in I.every(600, t0=200):
        I.k8s(t, ns, r.choice(web), "superset", "%s:WARNING:superset.config:Flask-Caching: CACHE_TYPE is null, using NullCache is deprecated" % I.fmt(t, "%Y-%m-%d %H:%M:%S,%3"), app="superset", stream="stderr", sev="WARNING")
    n = I.write(out, {
        "title": "Superset dashboards fail during rollups: standby set to max_standby_streaming_delay = 0 cancels replica queries",
        "root_cause": {"evidence": ["max_standby_streaming_delay"], "category": "database",
                       "must_mention": ["max_standby_streaming_delay"]},
        "symptoms": [{"evidence": "conflict with recovery"}, {"evidence": "SerializationFailure"}],
        "distractors": [{"evidence": "Failed at generating thumbnail"}, {"evidence": "NullCache is deprecated"}],
        "priority": "P2"})
    return I.iid, n


# ---------------------------------------------------------------------------
def synapse_nfs(out):
    I = Inc("synapse-media-nfs-server-stopped", "2025-09-02T21:10:00Z", 45, 1606, "matrix-chaos-lab")
    r = I.rng
    F = 16 * 60 + 5.5
    ns = "matrix"
    main = "synapse-main-0"
    media = ["synapse-media-repo-0", "synapse-media-repo-1"]
    fed = "synapse-federation-sender-0"
    users = ["@%s:chaoslab.dev" % u for u in FIRST]

    def sl(t, logger, pid, lvl, ctx, msg):
        return "%s - %s - %d - %s - %s - %s" % (I.fmt(t, "%Y-%m-%d %H:%M:%S,%3"), logger, pid, lvl, ctx, msg)

    # client API traffic on main
    for t in I.poisson(110):
        u = r.choice(users)
        path = r.choice(["/_matrix/client/v3/sync?timeout=30000&since=s%d_%d" % (r.randint(10 ** 5, 10 ** 6), r.randint(1000, 9999)),
                         "/_matrix/client/v3/rooms/!%s:chaoslab.dev/send/m.room.message/m%d" % (I.hx(18), r.randint(10 ** 12, 10 ** 13)),
                         "/_matrix/client/v3/keys/query", "/_matrix/client/v3/pushrules/", "/_matrix/client/v3/rooms/!%s:chaoslab.dev/read_markers" % I.hx(18)])
        lat = 30 if "sync" in path and r.random() < 0.5 else r.uniform(0.005, 0.09)
        m = "PUT" if "/send/" in path else ("POST" if "read_markers" in path or "keys" in path else "GET")
        rid = "%s-%d" % (m, r.randint(10000, 99999))
        I.k8s(t, ns, main, "synapse", sl(t, "synapse.access.http.8008", 41, "INFO", rid, "10.44.%d.%d - 8008 - {%s} Processed request: %.3fsec/0.000sec (%.3fsec, 0.000sec) (0.001sec/0.003sec/2) %dB 200 \"%s %s HTTP/1.1\" \"Element/1.11.85\" [0 dbevts]" % (
            r.randint(0, 5), r.randint(2, 250), u, lat, lat / 5, r.randint(100, 9000), m, path)), app="synapse", stream="stderr", sev="INFO")
    # media traffic
    for t in I.poisson(28):
        pod = r.choice(media)
        mid = I.hx(24)
        thumb = r.random() < 0.7
        path = ("/_matrix/media/v3/thumbnail/chaoslab.dev/%s?width=320&height=240&method=scale" % mid) if thumb else ("/_matrix/media/v3/upload?filename=IMG_%d.jpg" % r.randint(1000, 9999))
        m = "GET" if thumb else "POST"
        rid = "%s-%d" % (m, r.randint(10000, 99999))
        if t > F + 3:
            lat = r.uniform(0.02, 0.1) if thumb else r.uniform(0.05, 0.4)
            I.lb(t, "matrix.chaoslab.dev", m, path, 500, lat, rule="matrix-lb", backend="k8s1-synapse-media-8085")
            I.k8s(t, ns, pod, "synapse", sl(t, "synapse.http.server", 7, "ERROR", rid, "Failed handle request via '%s': <XForwardedForRequest at 0x7f%s method='%s' uri='%s' clientproto='HTTP/1.1' site='8085'>" % ("ThumbnailResource" if thumb else "UploadResource", I.hx(9), m, path)), app="synapse-media", stream="stderr")
            tb = ["Traceback (most recent call last):",
                  "  File \"/usr/local/lib/python3.11/site-packages/synapse/http/server.py\", line 332, in _async_render_wrapper",
                  "    callback_return = await self._async_render(request)",
                  "  File \"/usr/local/lib/python3.11/site-packages/synapse/media/media_storage.py\", line %d, in %s" % ((212, "fetch_media") if thumb else (160, "store_into_file")),
                  "    with open(local_path, \"%s\") as f:" % ("rb" if thumb else "wb"),
                  "OSError: [Errno 5] Input/output error: '/data/media_store/%s/%s/%s/%s'" % ("local_thumbnails" if thumb else "local_content", mid[:2], mid[2:4], mid[4:])]
            for i, ln in enumerate(tb):
                I.k8s(t + 0.0001 * (i + 1), ns, pod, "synapse", ln, app="synapse-media", stream="stderr")
            I.k8s(t + lat, ns, pod, "synapse", sl(t + lat, "synapse.access.http.8085", 7, "INFO", rid, "10.44.%d.%d - 8085 - {%s} Processed request: %.3fsec/0.000sec (0.001sec, 0.000sec) (0.000sec/0.000sec/0) 65B 500 \"%s %s HTTP/1.1\" \"Element/1.11.85\" [0 dbevts]" % (
                r.randint(0, 5), r.randint(2, 250), r.choice(users), lat, m, path)), app="synapse-media", stream="stderr", sev="INFO")
        else:
            lat = r.uniform(0.01, 0.08) if thumb else r.uniform(0.1, 1.2)
            if F < t < F + 3:
                lat = r.uniform(5, 60)
            I.lb(t + lat, "matrix.chaoslab.dev", m, path, 200, lat, rule="matrix-lb", backend="k8s1-synapse-media-8085")
            I.k8s(t + lat, ns, pod, "synapse", sl(t + lat, "synapse.access.http.8085", 7, "INFO", rid, "10.44.%d.%d - 8085 - {%s} Processed request: %.3fsec/0.000sec (0.001sec, 0.000sec) (0.000sec/0.002sec/1) %dB 200 \"%s %s HTTP/1.1\" \"Element/1.11.85\" [0 dbevts]" % (
                r.randint(0, 5), r.randint(2, 250), r.choice(users), lat, r.randint(2000, 900000), m, path)), app="synapse-media", stream="stderr", sev="INFO")
    # kernel on GKE nodes mounting the share (soft mount)
    mnodes = [I.node_of(m) for m in media]
    for t in I.poisson(lambda t: 3.0 if t > F + 2 else 0):
        I.knode(t, r.choice(mnodes), "kernel", "nfs: server 10.128.0.41 not responding, timed out", sev="WARNING")
    # ROOT CAUSE on the NFS VM
    vm = "nfs-media-1"
    I.gce(F - 0.6, vm, "syslog", "%s[2217]:    chaos : TTY=unknown ; PWD=/home/chaos ; USER=root ; COMMAND=/usr/bin/systemctl stop nfs-server" % syslog(I, F - 0.6, vm, "sudo"))
    I.gce(F - 0.5, vm, "syslog", "%s[1]: Stopping NFS server and services..." % syslog(I, F - 0.5, vm, "systemd"))
    I.gce(F - 0.1, vm, "syslog", "%s: [%d.%06d] nfsd: last server has exited, flushing export cache" % (syslog(I, F - 0.1, vm, "kernel"), 812331, r.randint(0, 999999)))
    I.gce(F, vm, "syslog", "%s[1]: nfs-server.service: Deactivated successfully." % syslog(I, F, vm, "systemd"))
    I.gce(F + 0.01, vm, "syslog", "%s[1]: Stopped NFS server and services." % syslog(I, F + 0.01, vm, "systemd"))
    for t in I.every(600, t0=300):
        I.gce(t, vm, "syslog", "%s[1]: Starting Daily apt download activities..." % syslog(I, t, vm, "systemd"))
        I.gce(t + 2, vm, "syslog", "%s[1]: apt-daily.service: Deactivated successfully." % syslog(I, t + 2, vm, "systemd"))
    for t in I.every(60, jitter=2):
        I.gce(t, vm, "syslog", "%s[812]: Accepted publickey for ops-monitor from 10.128.0.5 port %d ssh2: ED25519 SHA256:Lq9%s" % (syslog(I, t, vm, "sshd"), r.randint(40000, 60000), I.hx(20)) if r.random() < 0.1 else "%s[655]: [ops-agent] %s metrics flushed ok" % (syslog(I, t, vm, "google_guest_agent"), I.hx(6)))
    # federation sender: distractor (dead remote server)
    for t in I.poisson(8):
        dest = r.choice(["matrix.org", "mozilla.org", "kde.org", "fosdem.org", "chaoslab-partners.net"])
        I.k8s(t, ns, fed, "synapse", sl(t, "synapse.federation.sender.transaction_manager", 9, "INFO", "federation_transaction_transmission_loop-%d" % r.randint(1000, 9999), "TX [%s] {%d} Sending transaction [%d], (PDUs: %d, EDUs: %d)" % (dest, r.randint(10 ** 12, 10 ** 13), r.randint(10 ** 12, 10 ** 13), r.randint(0, 3), r.randint(0, 5))), app="synapse-federation-sender", stream="stderr", sev="INFO")
    for t in I.poisson(1.5):
        I.k8s(t, ns, fed, "synapse", sl(t, "synapse.federation.sender.per_destination_queue", 9, "WARNING", "federation_transaction_transmission_loop-%d" % r.randint(1000, 9999), "TX [matrix.old-community.org] Failed to send transaction: Failed to send request: DNSLookupError: DNS lookup failed: Couldn't find the hostname 'matrix.old-community.org'."), app="synapse-federation-sender", stream="stderr", sev="WARNING")
    # main process background
    for t in I.every(60, jitter=1):
        I.k8s(t, ns, main, "synapse", sl(t, "synapse.util.caches.lrucache", 41, "INFO", "LruCache._expire_old_entries-%d" % r.randint(100, 999), "Dropped %d items from caches" % r.randint(0, 400)), app="synapse", stream="stderr", sev="INFO")
    for t in I.every(300, t0=30):
        I.k8s(t, ns, main, "synapse", sl(t, "synapse.storage.databases.main.metrics", 41, "INFO", "generate_user_daily_visits-%d" % r.randint(10, 99), "Calling _generate_user_daily_visits"), app="synapse", stream="stderr", sev="INFO")
    n = I.write(out, {
        "title": "Matrix media uploads and thumbnails fail: NFS server backing the media store was stopped",
        "root_cause": {"evidence": ["systemctl stop nfs-server", "Stopped NFS server and services", "Stopping NFS server and services", "last server has exited"],
                       "category": "other", "must_mention": ["nfs"]},
        "symptoms": [{"evidence": "Input/output error"}, {"evidence": "not responding, timed out"}, {"evidence": "Failed handle request via"}],
        "distractors": [{"evidence": "DNSLookupError"}],
        "priority": "P2"})
    return I.iid, n


# ---------------------------------------------------------------------------
def nomad_docker(out):
    # window opens ~100 s after docker was stopped on nomad-client-3
    I = Inc("nomad-client-docker-daemon-stopped", "2025-10-14T06:30:00Z", 35, 1607, "nomad-chaos-lab")
    r = I.rng
    F = -98.0
    clients = ["nomad-client-%d" % i for i in (1, 2, 3, 4)]
    bad = "nomad-client-3"
    backends = {c: ["10.128.0.%d:%d" % (20 + i, r.randint(20000, 32000)) for _ in range(2)] for i, c in enumerate(clients)}

    def nl(t, lvl, msg):
        return "%s [%s] %s" % (I.fmt(t, "%Y-%m-%dT%H:%M:%S.%3Z"), lvl, msg)

    resched = 11 * 60  # allocations rescheduled off client-3 after reschedule delay + failed restarts
    # traefik (runs on client-1) access logs in common log format + LB
    for t in I.poisson(140):
        c = r.choice(clients)
        be = r.choice(backends[c])
        svc = r.choice(["shop-api", "shop-web", "cart"])
        path = r.choice(["/api/products", "/api/cart", "/", "/api/products/%d" % r.randint(1, 5000), "/static/app.%s.js" % I.hx(8)])
        if c == bad and t < resched:
            st, ms = 502, r.randint(0, 3)
        else:
            st, ms = 200, r.randint(3, 60)
        I.lb(t, "shop.nomadlab.dev", "GET", path, st, ms / 1000 + 0.002, rule="nomad-lb", backend="traefik-mig")
        I.gce(t, "nomad-client-1", "traefik", "10.128.0.2 - - [%s] \"GET %s HTTP/1.1\" %d %d \"-\" \"-\" %d \"%s@nomad\" \"http://%s\" %dms" % (
            I.fmt(t, "%d/%b/%Y:%H:%M:%S +0000"), path, st, r.randint(100, 40000) if st == 200 else 11, r.randint(10000, 99999), svc, be, ms), sev="INFO")
    # traefik distractor: TLS scanners
    for t in I.poisson(2):
        I.gce(t, "nomad-client-1", "traefik", "%s ERR Error while Peeking first byte error=\"read tcp 10.128.0.20:443->%d.%d.%d.%d:%d: i/o timeout\"" % (I.fmt(t, "%Y-%m-%dT%H:%M:%SZ"), r.choice([45, 89, 185, 193]), r.randint(1, 254), r.randint(1, 254), r.randint(1, 254), r.randint(30000, 60000)), sev="ERROR")
    # ROOT CAUSE (docker stopped before window; client keeps reporting it)
    for t in I.every(30, t0=5, jitter=0.3):
        I.gce(t, bad, "nomad", nl(t, "ERROR", "client.driver_mgr.docker: failed to list pause containers: error=\"Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\""), sev="ERROR")
    for t in I.every(60, t0=12, jitter=0.3):
        I.gce(t, bad, "nomad", nl(t, "WARN", "client.driver_mgr: driver health changed: driver=docker from=healthy to=unhealthy description=\"Failed to connect to docker daemon\"" if t < 20 else "client.fingerprint_mgr: fingerprinting driver: driver=docker health=unhealthy description=\"Failed to connect to docker daemon\""), sev="WARNING")
    I.gce(2.0, bad, "syslog", "%s[1]: docker.socket: Deactivated successfully." % syslog(I, 2.0, bad, "systemd"))
    # allocations on client-3 failing restarts
    allocs = [(I.uuid(), s) for s in ("shop-api", "shop-web", "cart")]
    for a, svc in allocs:
        for k, t in enumerate(I.every(95, t0=r.uniform(8, 40), t1=resched, jitter=3)):
            I.gce(t, bad, "nomad", nl(t, "ERROR", "client.alloc_runner.task_runner: running driver failed: alloc_id=%s task=%s error=\"failed to create container: Failed to create container configuration for image \\\"registry.nomadlab.dev/%s:2.14.%d\\\": Cannot connect to the Docker daemon at unix:///var/run/docker.sock\"" % (a, svc, svc, r.randint(0, 3))), sev="ERROR")
            I.gce(t + 0.01, bad, "nomad", nl(t + 0.01, "INFO", "client.alloc_runner.task_runner: restarting task: alloc_id=%s task=%s reason=\"Restart within policy\" delay=%ds" % (a, svc, 15 + k * 15)), sev="INFO")
        I.gce(resched - 5, bad, "nomad", nl(resched - 5, "INFO", "client.alloc_runner.task_runner: not restarting task: alloc_id=%s task=%s reason=\"Exceeded allowed attempts 3 in interval 30m0s and mode is \\\"fail\\\"\"" % (a, svc)), sev="INFO")
        for s in (1, 2, 3):
            tt = resched + r.uniform(1, 8)
            I.gce(tt, "nomad-server-%d" % s, "nomad", nl(tt, "DEBUG" if s != 2 else "INFO", "worker: created evaluation: eval=\"<Eval %s JobID: \\\"%s\\\" Namespace: \\\"default\\\">\" triggered_by=alloc-failure" % (I.uuid(), svc)), sev="INFO")
        tt = resched + r.uniform(10, 20)
        c = r.choice(["nomad-client-2", "nomad-client-4"])
        I.gce(tt, c, "nomad", nl(tt, "INFO", "client.alloc_runner.task_runner: Task event: alloc_id=%s task=%s type=Started msg=\"Task started by client\" failed=false" % (I.uuid(), svc)), sev="INFO")
    # healthy client noise
    for c in clients:
        for t in I.every(60, jitter=2):
            I.gce(t, c, "nomad", nl(t, "INFO", "client: node registration complete" if r.random() < 0.05 else "client.gc: garbage collection skipped because no terminal allocations: reason=\"number of allocations (%d) is over the limit (50)\"" % r.randint(6, 9) if r.random() < 0.3 else "agent: (runner) rendered \"(dynamic)\" => \"/opt/nomad/data/alloc/%s/%s/secrets/env.vars\"" % (I.uuid(), r.choice(["shop-api", "cart"]))), sev="INFO")
        for t in I.every(300, t0=r.uniform(0, 300)):
            I.gce(t, c, "nomad", nl(t, "WARN", "client.fingerprint_mgr.network: unable to parse speed: path=/usr/sbin/ethtool device=ens4"), sev="WARNING")
        if c != bad:
            for t in I.poisson(1):
                I.gce(t, c, "syslog", "%s[%d]: time=\"%s\" level=info msg=\"ignoring event\" container=%s module=libcontainerd namespace=moby topic=/tasks/delete type=\"*events.TaskDelete\"" % (
                    syslog(I, t, c, "dockerd"), r.randint(600, 900), I.fmt(t, "%Y-%m-%dT%H:%M:%S.%3Z"), I.hx(64)), sev="INFO")
    for s in (1, 2, 3):
        for t in I.every(120, jitter=5):
            I.gce(t, "nomad-server-%d" % s, "nomad", nl(t, "INFO", "nomad.raft: snapshot not needed: index=%d" % r.randint(900000, 990000) if r.random() < 0.5 else "nomad: memberlist: Stream connection from=10.128.0.%d:%d" % (r.randint(10, 14), r.randint(40000, 60000))), sev="INFO")
    n = I.write(out, {
        "title": "A quarter of shop requests return 502 after the Docker daemon was stopped on nomad-client-3",
        "root_cause": {"evidence": ["Cannot connect to the Docker daemon", "Failed to connect to docker daemon", "docker.socket: Deactivated"],
                       "category": "other", "must_mention": ["docker", "nomad-client-3"]},
        "symptoms": [{"evidence": "\" 502 "}, {"evidence": "Exceeded allowed attempts"}],
        "distractors": [{"evidence": "Error while Peeking first byte"}, {"evidence": "unable to parse speed"}],
        "priority": "P2"})
    return I.iid, n


# ---------------------------------------------------------------------------
def odoo_mtu(out):
    I = Inc("odoo-postgres-vm-mtu-blackhole", "2025-11-04T09:00:00Z", 50, 1608, "erp-chaos-lab")
    r = I.rng
    F = 19 * 60 + 52.7
    END = F + 25 * 60
    ns = "erp"
    pods = ["odoo-5d8f7c9b6-%s" % s for s in ("2mx7q", "h8kzt", "vq4nw")]
    vm = "erp-pg-1"

    def ol(t, pid, lvl, logger, msg):
        return "%s %d %s erpdb %s: %s" % (I.fmt(t, "%Y-%m-%d %H:%M:%S,%3"), pid, lvl, logger, msg)

    active = lambda t: F < t < END
    calls = [("/web/dataset/call_kw/sale.order/web_search_read", True), ("/web/dataset/call_kw/stock.picking/web_search_read", True),
             ("/web/dataset/call_kw/account.move/web_read_group", True), ("/report/pdf/account.report_invoice/%d", True),
             ("/web/dataset/call_kw/res.partner/name_search", False), ("/web/action/load", False), ("/web/webclient/version_info", False),
             ("/longpolling/poll", False), ("/web/dataset/call_kw/sale.order/onchange", False)]
    for t in I.poisson(120):
        p, big = r.choice(calls)
        if "%d" in p:
            p = p % r.randint(1000, 9999)
        pod = r.choice(pods)
        pid = 100 + pods.index(pod) * 7 + r.randint(0, 5)
        if big and active(t) and r.random() < 0.8:
            lat = r.uniform(58, 60)
            I.lb(t + lat, "erp.chaoslab.dev", "POST", p, 504, lat, rule="erp-lb", backend="k8s1-odoo-8069", size=168)
            I.k8s(t + lat + 1, ns, pod, "odoo", ol(t + lat + 1, pid, "ERROR", "odoo.sql_db", "bad query: SELECT \"%s\".\"id\" FROM \"%s\" ORDER BY \"%s\".\"id\" DESC LIMIT 80\nERROR: could not receive data from server: Connection timed out" % ((p.split("/")[4].replace(".", "_") if "call_kw" in p else "account_move",) * 3)), app="odoo", stream="stderr")
            I.k8s(t + lat + 1.01, ns, pod, "odoo", ol(t + lat + 1.01, pid, "ERROR", "odoo.http", "Exception during request handling."), app="odoo", stream="stderr")
            tb = ["Traceback (most recent call last):", "  File \"/usr/lib/python3/dist-packages/odoo/http.py\", line 2162, in __call__",
                  "    response = request._serve_db()", "  File \"/usr/lib/python3/dist-packages/odoo/sql_db.py\", line 332, in execute",
                  "    res = self._obj.execute(query, params)", "psycopg2.OperationalError: could not receive data from server: Connection timed out"]
            for i, ln in enumerate(tb):
                I.k8s(t + lat + 1.01 + 0.0001 * (i + 1), ns, pod, "odoo", ln, app="odoo", stream="stderr")
        else:
            lat = r.uniform(0.02, 0.4) if not big else r.uniform(0.15, 1.6)
            if "longpolling" in p:
                lat = 50.0
            I.lb(t + lat, "erp.chaoslab.dev", "POST" if "call_kw" in p or "poll" in p else "GET", p, 200, lat, rule="erp-lb", backend="k8s1-odoo-8069")
            I.k8s(t + lat, ns, pod, "odoo", ol(t + lat, pid, "INFO", "werkzeug", "10.44.%d.%d - - [%s] \"POST %s HTTP/1.1\" 200 - %d %.3f %.3f" % (
                r.randint(0, 5), r.randint(2, 250), I.fmt(t + lat, "%d/%b/%Y %H:%M:%S"), p, r.randint(2, 40), lat * 0.4, lat * 0.6)), app="odoo", stream="stderr", sev="INFO")
    # workers killed by limit_time_real while blocked
    for t in I.poisson(lambda t: 2.5 if active(t) and t > F + 120 else 0):
        pod = r.choice(pods)
        I.k8s(t, ns, pod, "odoo", ol(t, 1, "ERROR", "odoo.service.server", "WorkerHTTP (%d) timeout after 120s" % r.randint(100, 140)).replace(" erpdb ", " ? "), app="odoo", stream="stderr")
        I.k8s(t + 0.3, ns, pod, "odoo", ol(t + 0.3, 1, "INFO", "odoo.service.server", "Worker WorkerHTTP (%d) alive" % r.randint(141, 199)).replace(" erpdb ", " ? "), app="odoo", stream="stderr", sev="INFO")
    # postgres side
    for t in I.poisson(lambda t: 4.0 if active(t) else 0):
        pid = r.randint(50000, 59999)
        I.gce(t, vm, "postgresql_general", "%s LOG:  could not send data to client: Connection timed out" % pgp(I, t, pid), sev="INFO")
        I.gce(t + 0.001, vm, "postgresql_general", "%s FATAL:  connection to client lost" % pgp(I, t, pid), sev="ERROR")
    for t in I.every(300, t0=45):
        I.gce(t, vm, "postgresql_general", "%s LOG:  checkpoint starting: time" % pgp(I, t, 702))
    for t in I.poisson(2):
        I.gce(t, vm, "postgresql_general", "%s LOG:  connection authorized: user=odoo database=erpdb application_name=odoo-%d" % (pgp(I, t, r.randint(50000, 59999)), r.randint(100, 140)))
    # ROOT CAUSE: chaos agent raises interface MTU above the VPC MTU on the DB VM
    I.gce(F, vm, "syslog", "%s[1882]: experiment=mtu-blackhole-03 fault=link-mtu action=apply cmd=\"ip link set dev ens4 mtu 8896\" duration=25m vpc_mtu=1460" % syslog(I, F, vm, "chaos-agent"))
    I.gce(F + 0.02, vm, "syslog", "%s[455]: ens4: MTU set to 8896" % syslog(I, F + 0.02, vm, "systemd-networkd"))
    I.gce(END, vm, "syslog", "%s[1882]: experiment=mtu-blackhole-03 fault=link-mtu action=revert cmd=\"ip link set dev ens4 mtu 1460\"" % syslog(I, END, vm, "chaos-agent"))
    I.gce(END + 0.02, vm, "syslog", "%s[455]: ens4: MTU set to 1460" % syslog(I, END + 0.02, vm, "systemd-networkd"))
    for t in I.every(60, jitter=2):
        I.gce(t, vm, "syslog", "%s[1210]: level=info msg=\"stats\" active_connections=%d load1=%.2f" % (syslog(I, t, vm, "pg-exporter"), r.randint(20, 40) if not active(t) else r.randint(55, 90), r.uniform(0.4, 1.5)))
    # cron worker + distractor (fetchmail)
    cron = "odoo-cron-6b7c8d9f5-lk2pw"
    for t in I.every(60, jitter=3):
        I.k8s(t, ns, cron, "odoo", ol(t, 7, "INFO", "odoo.addons.base.models.ir_cron", "Job '%s' (%d) starting" % (r.choice(["Mail: Email Queue Manager", "Procurement: run scheduler", "Calendar: Event Reminder", "Notification: Notify scheduled messages"]), r.randint(1, 40))), app="odoo-cron", stream="stderr", sev="INFO")
    for t in I.every(300, t0=20):
        I.k8s(t, ns, cron, "odoo", ol(t, 7, "INFO", "odoo.addons.mail.models.fetchmail", "start checking for new emails on imap server Support Inbox"), app="odoo-cron", stream="stderr", sev="INFO")
        I.k8s(t + 10, ns, cron, "odoo", ol(t + 10, 7, "ERROR", "odoo.addons.mail.models.fetchmail", "General failure when trying to fetch mail from imap server Support Inbox."), app="odoo-cron", stream="stderr")
        I.k8s(t + 10.001, ns, cron, "odoo", "ConnectionRefusedError: [Errno 111] Connection refused", app="odoo-cron", stream="stderr")
    for t in I.every(420, t0=100):
        I.k8s(t, ns, r.choice(pods), "odoo", ol(t, 120, "WARNING", "py.warnings", "/usr/lib/python3/dist-packages/odoo/fields.py:734: DeprecationWarning: Field stock.move.product_packaging_id: unknown parameter 'check_company'"), app="odoo", stream="stderr", sev="WARNING")
    n = I.write(out, {
        "title": "Odoo list views and reports time out: chaos agent set the DB VM interface MTU to 8896 above the 1460 VPC MTU",
        "root_cause": {"evidence": ["mtu 8896", "MTU set to 8896"], "category": "network", "must_mention": ["MTU"]},
        "symptoms": [{"evidence": "could not receive data from server"}, {"evidence": "timeout after 120s"}, {"evidence": "connection to client lost"}],
        "distractors": [{"evidence": "General failure when trying to fetch mail"}, {"evidence": "DeprecationWarning"}],
        "priority": "P1"})
    return I.iid, n
