"""Incidents 9-12 and the two healthy windows."""
from common import Inc, FIRST


def syslog(inc, t, host, prog):
    return "%s %s %s" % (inc.fmt(t, "%b %d %H:%M:%S"), host, prog)


def pgp(inc, t, pid):
    return inc.fmt(t, "%Y-%m-%d %H:%M:%S.%3 UTC") + " [%d]" % pid


# ---------------------------------------------------------------------------
def grafana_sqlite(out):
    I = Inc("grafana-sqlite-shared-by-replicas", "2025-03-11T15:30:00Z", 35, 1609, "obs-chaos-lab")
    r = I.rng
    F = 9 * 60 + 14.0
    ns = "monitoring"
    old = "grafana-6b8d7c9f54-qz2rk"
    new = ["grafana-6b8d7c9f54-7hn4d", "grafana-6b8d7c9f54-xw8lp"]

    def gl(t, logger, lvl, msg, extra=""):
        return "logger=%s t=%s level=%s msg=%s%s" % (logger, I.dt(t).strftime("%Y-%m-%dT%H:%M:%S.%f") + "Z", lvl, msg, extra)

    def pods(t):
        return [old] + (new if t > F + 25 else [])

    # ROOT CAUSE: deployment scaled 1 -> 3 while Grafana still uses sqlite on a shared RWX volume
    I.audit(F, "io.k8s.apps.v1.deployments.scale.patch", "apps/v1/namespaces/monitoring/deployments/grafana/scale", "chaos-runner@obs-chaos-lab.iam.gserviceaccount.com", ua="chaos-runner/0.9.3")
    I.event(F + 0.4, ns, "Deployment", "grafana", "ScalingReplicaSet", "Scaled up replica set grafana-6b8d7c9f54 to 3 from 1", comp="deployment-controller")
    for i, p in enumerate(new):
        t = F + 2 + i
        I.event(t, ns, "Pod", p, "Scheduled", "Successfully assigned monitoring/%s to %s" % (p, I.node_of(p)), comp="default-scheduler")
        I.event(t + 3, ns, "Pod", p, "Pulled", "Container image \"docker.io/grafana/grafana:11.2.0\" already present on machine")
        I.event(t + 4, ns, "Pod", p, "Started", "Started container grafana")
        I.k8s(t + 6, ns, p, "grafana", gl(t + 6, "settings", "info", "\"Config loaded from\" file=/usr/share/grafana/conf/defaults.ini"), app="grafana")
        I.k8s(t + 6.1, ns, p, "grafana", gl(t + 6.1, "settings", "info", "\"Path Data\" path=/var/lib/grafana"), app="grafana")
        I.k8s(t + 6.3, ns, p, "grafana", gl(t + 6.3, "sqlstore", "info", "\"Connecting to DB\" dbtype=sqlite3"), app="grafana")
        I.k8s(t + 6.5, ns, p, "grafana", gl(t + 6.5, "migrator", "info", "\"Locking database\""), app="grafana")
        I.k8s(t + 6.6, ns, p, "grafana", gl(t + 6.6, "migrator", "info", "\"Starting DB migrations\""), app="grafana")
        I.k8s(t + 8, ns, p, "grafana", gl(t + 8, "http.server", "info", "\"HTTP Server Listen\" address=[::]:3000 protocol=http subUrl= socket="), app="grafana")
    locked = lambda t: t > F + 30
    users = FIRST[:12]
    for t in I.poisson(70):
        p = r.choice(pods(t))
        u = r.choice(users)
        path, m = r.choice([("/api/ds/query", "POST"), ("/api/dashboards/uid/%s" % I.hx(9), "GET"), ("/api/search", "GET"), ("/api/user/auth-tokens/rotate", "POST"),
                            ("/api/dashboards/db", "POST"), ("/api/live/ws", "GET"), ("/api/annotations", "GET"), ("/api/prometheus/grafana/api/v1/rules", "GET")])
        write = path in ("/api/dashboards/db", "/api/user/auth-tokens/rotate")
        fail = locked(t) and ((write and r.random() < 0.7) or r.random() < 0.06)
        st = 500 if fail else 200
        if fail and path == "/api/user/auth-tokens/rotate":
            st = 401
        ms = r.randint(5, 400) if not fail else r.randint(5000, 5100)
        I.lb(t + ms / 1000, "grafana.chaoslab.dev", m, path, st, ms / 1000, rule="grafana-lb", backend="k8s1-grafana-3000")
        if fail:
            err = "database is locked"
            if path == "/api/user/auth-tokens/rotate":
                I.k8s(t + ms / 1000, ns, p, "grafana", gl(t + ms / 1000, "context userId=%d orgId=1 uname=%s" % (users.index(u) + 2, u), "error", "\"Failed to rotate token\" error=\"%s\" remote_addr=10.44.%d.%d traceID=" % (err, r.randint(0, 5), r.randint(2, 250))), app="grafana", stream="stderr")
            I.k8s(t + ms / 1000, ns, p, "grafana", gl(t + ms / 1000, "context userId=%d orgId=1 uname=%s" % (users.index(u) + 2, u), "error", "\"Request Completed\" method=%s path=%s status=%d remote_addr=10.44.%d.%d time_ms=%d duration=%.3fs size=%d referer= handler=%s status_source=server errorReason=InternalError errorMessageID=%s error=\"%s\"" % (
                m, path, st, r.randint(0, 5), r.randint(2, 250), ms, ms / 1000, r.randint(30, 80), path, "dashboard.failedToSave" if "dashboards/db" in path else "session.tokenRotate", err)), app="grafana", stream="stderr")
        elif r.random() < 0.25:
            I.k8s(t + ms / 1000, ns, p, "grafana", gl(t + ms / 1000, "context userId=%d orgId=1 uname=%s" % (users.index(u) + 2, u), "info", "\"Request Completed\" method=%s path=%s status=200 remote_addr=10.44.%d.%d time_ms=%d duration=%.3fs size=%d referer= handler=%s status_source=server" % (
                m, path, r.randint(0, 5), r.randint(2, 250), ms, ms / 1000, r.randint(100, 90000), path)), app="grafana")
    # alerting state writes from every replica
    for p in [old] + new:
        for t in I.every(10, t0=r.uniform(0, 10), jitter=0.5):
            if p != old and t < F + 12:
                continue
            if locked(t) and r.random() < 0.5:
                I.k8s(t, ns, p, "grafana", gl(t, "ngalert.state.manager", "error", "\"Failed to save alert states\" rule_uid=%s org_id=1 error=\"database is locked\"" % r.choice(["fdk2m9x", "be7q0ws", "a91tzzp", "c4xn3hk"])), app="grafana", stream="stderr")
            elif r.random() < 0.2:
                I.k8s(t, ns, p, "grafana", gl(t, "ngalert.scheduler", "info", "\"Alert rule evaluated\" rule_uid=%s org_id=1 version=%d attempt=0 now=%s results=1" % (r.choice(["fdk2m9x", "be7q0ws", "a91tzzp", "c4xn3hk"]), r.randint(3, 20), I.dt(t).strftime("%Y-%m-%dT%H:%M:%SZ"))), app="grafana")
    for t in I.poisson(lambda t: 3 if locked(t) else 0):
        p = r.choice([old] + new)
        I.k8s(t, ns, p, "grafana", gl(t, "cleanup", "error", "\"failed to delete expired sessions\" error=\"database is locked\""), app="grafana", stream="stderr")
    # distractor: usage stats egress blocked, plugin signature warnings
    for t in I.every(600, t0=150):
        I.k8s(t, ns, old, "grafana", gl(t, "infra.usagestats", "error", "\"Failed to send usage stats\" err=\"Post \\\"https://stats.grafana.org/grafana-usage-report\\\": dial tcp 34.120.177.193:443: i/o timeout\""), app="grafana", stream="stderr")
    for t in I.every(240, t0=30):
        I.k8s(t, ns, old, "grafana", gl(t, "plugins.update.checker", "warn", "\"Failed to check plugin updates\" error=\"Get \\\"https://grafana.com/api/plugins/versioncheck\\\": context deadline exceeded\""), app="grafana", stream="stderr", sev="WARNING")
    # prometheus datasource chatter in prometheus pod
    for t in I.every(120, jitter=3):
        I.k8s(t, ns, "prometheus-server-0", "prometheus", "ts=%s caller=compact.go:576 level=info component=tsdb msg=\"write block\" mint=%d maxt=%d ulid=01J%s duration=%dms" % (I.dt(t).strftime("%Y-%m-%dT%H:%M:%S.%fZ")[:-4] + "Z", 1741700000000, 1741707200000, I.hx(23).upper(), r.randint(300, 900)), app="prometheus")
    n = I.write(out, {
        "title": "Grafana saves, token rotation and alert state writes fail after scaling to 3 replicas on a shared SQLite volume",
        "root_cause": {"evidence": ["deployments/grafana/scale", "Scaled up replica set grafana-6b8d7c9f54 to 3"], "category": "configuration",
                       "must_mention": ["sqlite", "replica"]},
        "symptoms": [{"evidence": "database is locked"}, {"evidence": "Failed to save alert states"}],
        "distractors": [{"evidence": "Failed to send usage stats"}, {"evidence": "Failed to check plugin updates"}],
        "priority": "P2"})
    return I.iid, n


# ---------------------------------------------------------------------------
def traefik_body_limit(out):
    I = Inc("mattermost-traefik-body-limit", "2025-05-06T11:15:00Z", 40, 1610, "chat-chaos-lab")
    r = I.rng
    F = 15 * 60 + 31.8
    tr = ["traefik-7b9c5d6f8-%s" % s for s in ("8lq2m", "tz4nx")]
    mm = ["mattermost-0", "mattermost-1"]
    users = FIRST

    def mml(t, lvl, msg, **kw):
        d = {"timestamp": I.dt(t).strftime("%Y-%m-%d %H:%M:%S.%f")[:-3] + " Z", "level": lvl, "msg": msg, "caller": kw.pop("caller", "app/server.go:1102")}
        d.update(kw)
        return d

    routes = [("GET", "/api/v4/users/me/teams/unread", 20), ("GET", "/api/v4/channels/%s/posts?page=0&per_page=60", 25), ("POST", "/api/v4/posts", 14),
              ("POST", "/api/v4/files?channel_id=%s", 6), ("GET", "/api/v4/files/%s/thumbnail", 10), ("POST", "/api/v4/users/status/ids", 10),
              ("GET", "/api/v4/websocket", 4), ("GET", "/api/v4/system/ping", 5)]
    tot = sum(x[2] for x in routes)
    for t in I.poisson(160):
        x = r.uniform(0, tot)
        for m, p, w in routes:
            x -= w
            if x <= 0:
                break
        if "%s" in p:
            p = p % I.hx(26)
        upload = p.startswith("/api/v4/files?")
        size = r.randint(200, 2000) if not upload else r.choice([r.randint(30000, 900000), r.randint(1100000, 25000000), r.randint(1100000, 9000000)])
        ms = r.randint(3, 80) if not upload else r.randint(200, 4000)
        st = 200 if m == "GET" else 201
        if upload and t > F + 6 and size > 1048576:
            st, ms = 413, r.randint(1, 4)
        pod = r.choice(tr)
        I.lb(t + ms / 1000, "chat.chaoslab.dev", m, p, st, ms / 1000, rule="chat-lb", backend="k8s1-traefik-443", size=r.randint(100, 80000) if st < 400 else 24)
        I.k8s(t + ms / 1000, "ingress", pod, "traefik", "10.44.%d.%d - - [%s] \"%s %s HTTP/1.1\" %d %d \"-\" \"%s\" %d \"chat-mattermost-8d1f0e5b7c2a9d34e6f1@kubernetescrd\" \"%s\" %dms" % (
            r.randint(0, 5), r.randint(2, 250), I.fmt(t + ms / 1000, "%d/%b/%Y:%H:%M:%S +0000"), m, p, st, r.randint(100, 80000) if st < 400 else 24,
            r.choice(["Mattermost Desktop/5.9.0", "Mattermost Mobile/2.21.0", "Mozilla/5.0"]), r.randint(10000, 99999), "-" if st == 413 else "http://10.44.3.%d:8065" % r.choice([17, 52]), ms), app="traefik")
        if st in (200, 201) and r.random() < 0.3:
            I.k8s(t + ms / 1000, "chat", r.choice(mm), "mattermost", js=mml(t, "debug", "Received HTTP request", method=m, url=p.split("?")[0], request_id=I.hx(26), status_code=str(st), caller="web/handlers.go:187"), app="mattermost")
        if upload and st == 201:
            I.k8s(t + ms / 1000, "chat", r.choice(mm), "mattermost", js=mml(t, "info", "File uploaded", caller="app/file.go:1042", size=size, user_id=I.hx(26)), app="mattermost")
    # ROOT CAUSE: GitOps applies a new Middleware (buffering, 1 MiB) and attaches it to the Mattermost route
    fx = "kustomize-controller-6d4f8b7c9-m2xkq"
    for t in I.every(300, t0=40):
        I.k8s(t, "flux-system", fx, "manager", js={"level": "info", "ts": I.dt(t).strftime("%Y-%m-%dT%H:%M:%S.%fZ")[:-4] + "Z", "msg": "server-side apply completed", "controller": "kustomization", "name": "chat-apps", "namespace": "flux-system",
                                                   "revision": "main@sha1:%s" % ("4be1c0d9a7" if t < F else "9f3a27e6c1"), "output": {"Deployment/chat/mattermost": "unchanged", "IngressRoute/chat/mattermost": "unchanged", "Service/chat/mattermost": "unchanged"}}, app="kustomize-controller")
    I.k8s(F, "flux-system", fx, "manager", js={"level": "info", "ts": I.dt(F).strftime("%Y-%m-%dT%H:%M:%S.%fZ")[:-4] + "Z", "msg": "server-side apply completed", "controller": "kustomization", "name": "chat-apps", "namespace": "flux-system",
                                               "revision": "main@sha1:9f3a27e6c1", "output": {"Deployment/chat/mattermost": "unchanged", "IngressRoute/chat/mattermost": "configured", "Middleware/chat/limit-body": "created", "Service/chat/mattermost": "unchanged"}}, app="kustomize-controller")
    I.event(F + 0.2, "flux-system", "Kustomization", "chat-apps", "Progressing", "IngressRoute/chat/mattermost configured\nMiddleware/chat/limit-body created", comp="kustomize-controller")
    I.audit(F - 0.4, "io.traefik.v1alpha1.middlewares.create", "traefik.io/v1alpha1/namespaces/chat/middlewares/limit-body", "system:serviceaccount:flux-system:kustomize-controller", ua="flux/v2 kustomize-controller")
    I.audit(F - 0.2, "io.traefik.v1alpha1.ingressroutes.patch", "traefik.io/v1alpha1/namespaces/chat/ingressroutes/mattermost", "system:serviceaccount:flux-system:kustomize-controller", ua="flux/v2 kustomize-controller")
    # mattermost noise + distractor push proxy
    for t in I.poisson(3):
        I.k8s(t, "chat", r.choice(mm), "mattermost", js=mml(t, "info", "Websocket connection closed", caller="app/web_conn.go:887", user_id=I.hx(26)), app="mattermost")
    for t in I.poisson(1.1):
        I.k8s(t, "chat", r.choice(mm), "mattermost", js=mml(t, "error", "Failed to send push notification", caller="app/notification_push.go:634", error="Post \"https://push-test.mattermost.com/api/v1/send_push\": context deadline exceeded", device_id="apple_rn-v2:%s" % I.hx(16)), app="mattermost")
    for t in I.every(900, t0=200):
        I.k8s(t, "chat", "mattermost-0", "mattermost", js=mml(t, "warn", "The license has expired or is about to expire, some features may stop working", caller="app/license.go:238"), app="mattermost")
    for t in I.every(60, jitter=2):
        I.k8s(t, "chat", "mattermost-0", "mattermost", js=mml(t, "debug", "PluginAPI: Periodic job run", caller="app/plugin_api.go:977", plugin_id=r.choice(["com.mattermost.calls", "playbooks", "com.mattermost.nps"])), app="mattermost")
    for p in tr:
        for t in I.every(600, t0=r.uniform(0, 600)):
            I.k8s(t, "ingress", p, "traefik", js={"level": "warn", "msg": "Router uses a non-existent certificate resolver", "routerName": "legacy-wiki@kubernetescrd", "certResolver": "letsencrypt-staging", "time": I.dt(t).strftime("%Y-%m-%dT%H:%M:%SZ")}, app="traefik")
    n = I.write(out, {
        "title": "Mattermost file uploads over 1 MiB rejected with 413 after GitOps attached a new limit-body buffering middleware",
        "root_cause": {"evidence": ["Middleware/chat/limit-body", "middlewares/limit-body"], "category": "configuration",
                       "must_mention": ["limit-body", "413"]},
        "symptoms": [{"evidence": "HTTP/1.1\" 413"}],
        "distractors": [{"evidence": "Failed to send push notification"}, {"evidence": "non-existent certificate resolver"}],
        "priority": "P2"})
    return I.iid, n


# ---------------------------------------------------------------------------
def jaeger_sampling(out):
    I = Inc("jaeger-sampling-probability-flood", "2025-06-24T17:45:00Z", 35, 1611, "tracing-chaos-lab")
    r = I.rng
    F = 11 * 60 + 3.6
    ns = "tracing"
    cols = ["jaeger-collector-5c7d9b8f6-%s" % s for s in ("4kq8n", "rr2tx")]
    q = "jaeger-query-6d8b7c5f9-w9zlm"
    apps = {"checkout": ["checkout-7f6d5c8b9-%s" % s for s in ("2pq9x", "mm7vk")], "cart": ["cart-5b8c9d7f6-kz3wq"], "payments": ["payments-6c7b8d9f5-h4vxt"]}

    def jl(t, lvl, caller, msg, **kw):
        d = {"level": lvl, "ts": round(I.dt(t).timestamp(), 6), "caller": caller, "msg": msg}
        d.update(kw)
        return d

    flood = lambda t: t > F + 35
    # app traffic (unaffected mostly)
    for t in I.poisson(90):
        svc = r.choice(list(apps))
        pod = r.choice(apps[svc])
        lat = r.uniform(0.01, 0.2)
        I.lb(t, "shop.tracelab.dev", "POST" if svc != "cart" else "GET", "/api/%s" % svc, 200, lat + (0.01 if flood(t) else 0), rule="shop-lb", backend="k8s1-%s-8080" % svc)
        if r.random() < 0.3:
            I.k8s(t, "shop", pod, svc, js={"severity": "INFO", "message": "%s request handled" % svc, "duration_ms": int(lat * 1000), "trace_sampled": flood(t) or r.random() < 0.01}, app=svc)
    # ROOT CAUSE: sampling strategies file reloaded with default probability 1.0
    I.audit(F - 14, "io.k8s.core.v1.configmaps.update", "core/v1/namespaces/tracing/configmaps/jaeger-sampling-strategies", "chaos-runner@tracing-chaos-lab.iam.gserviceaccount.com", ua="chaos-runner/0.9.3")
    for c in cols:
        tt = F + r.uniform(0, 4)
        I.k8s(tt, ns, c, "jaeger-collector", js=jl(tt, "info", "static/strategy_store.go:95", "Updated sampling strategies", strategies="{\"default_strategy\":{\"type\":\"probabilistic\",\"param\":1.0},\"service_strategies\":[]}"), app="jaeger-collector")
    # collector symptoms
    for t in I.poisson(lambda t: 30.0 if flood(t) else 0.0):
        c = r.choice(cols)
        x = r.random()
        if x < 0.45:
            I.k8s(t, ns, c, "jaeger-collector", js=jl(t, "error", "config/config.go:154", "Elasticsearch could not process bulk request", request=r.randint(2500, 5000), failed=r.randint(300, 2500), response="es_rejected_execution_exception: rejected execution of coordinating operation"), app="jaeger-collector", sev="ERROR")
        elif x < 0.8:
            I.k8s(t, ns, c, "jaeger-collector", js=jl(t, "warn", "app/span_processor.go:188", "Queue is full, dropping span", queue_size=2000, dropped_total=r.randint(1000, 900000)), app="jaeger-collector")
        else:
            I.k8s(t, ns, c, "jaeger-collector", js=jl(t, "error", "config/config.go:141", "Elasticsearch part of bulk request failed", map_key="index", response="{\"status\":429,\"error\":{\"type\":\"es_rejected_execution_exception\"}}"), app="jaeger-collector", sev="ERROR")
    for t in I.poisson(lambda t: 6.0 if flood(t) else 0.0):
        svc = r.choice(list(apps))
        I.k8s(t, "shop", r.choice(apps[svc]), svc, js={"severity": "WARNING", "message": "BatchSpanProcessor: dropping span, export queue full (max_queue_size=2048)", "logger": "opentelemetry.sdk.trace.export"}, app=svc)
    # opensearch-traces nodes
    for i in range(3):
        nd = "opensearch-traces-%d" % i
        for t in I.poisson(lambda t: 8.0 if flood(t) else 0.0):
            I.k8s(t, ns, nd, "opensearch", "[%s][WARN ][o.o.i.IndexingPressure    ] [%s] rejected execution of coordinating operation [coordinating_and_primary_bytes=%d, replica_bytes=0, all_bytes=%d, coordinating_operation_bytes=%d, max_coordinating_and_primary_bytes=429496729]" % (
                I.fmt(t, "%Y-%m-%dT%H:%M:%S,%3"), nd, r.randint(420000000, 429000000), r.randint(420000000, 429000000), r.randint(1000000, 9000000)), app="opensearch-traces")
        for t in I.poisson(0.8):
            I.k8s(t, ns, nd, "opensearch", "[%s][INFO ][o.o.c.m.MetadataMappingService] [%s] [jaeger-span-2025-06-24/%s] update_mapping [_doc]" % (I.fmt(t, "%Y-%m-%dT%H:%M:%S,%3"), nd, I.hx(22)), app="opensearch-traces")
    # collector healthy chatter
    for c in cols:
        for t in I.every(60, jitter=1):
            I.k8s(t, ns, c, "jaeger-collector", js=jl(t, "info", "healthcheck/handler.go:129", "Health Check state change", status="ready") if r.random() < 0.05 else jl(t, "debug", "app/span_processor.go:240", "queue stats", queue_length=r.randint(0, 60) if not flood(t) else 2000, spans_received=r.randint(900, 1500) if not flood(t) else r.randint(60000, 90000)), app="jaeger-collector")
    # distractor: jaeger-query dependencies index missing
    for t in I.poisson(1.0):
        I.k8s(t, ns, q, "jaeger-query", js=jl(t, "error", "app/http_handler.go:504", "HTTP handler, Internal Server Error", error="failed to search for dependencies: index_not_found_exception: no such index [jaeger-dependencies-2025-06-24]"), app="jaeger-query", sev="ERROR")
    for t in I.poisson(4):
        I.k8s(t, ns, q, "jaeger-query", js=jl(t, "info", "app/http_handler.go:212", "HTTP request", path="/api/traces", status=200, duration_ms=r.randint(20, 900)), app="jaeger-query")
    n = I.write(out, {
        "title": "Trace ingestion overwhelmed (dropped spans, bulk rejections) after default sampling probability set to 1.0",
        "root_cause": {"evidence": ["Updated sampling strategies"], "category": "configuration",
                       "must_mention": ["sampling"]},
        "symptoms": [{"evidence": "Queue is full, dropping span"}, {"evidence": "es_rejected_execution_exception"}, {"evidence": "export queue full"}],
        "distractors": [{"evidence": "failed to search for dependencies"}],
        "priority": "P3"})
    return I.iid, n


# ---------------------------------------------------------------------------
def drone_bandwidth(out):
    I = Inc("drone-runner-egress-bandwidth-throttle", "2025-07-29T13:00:00Z", 45, 1612, "ci-chaos-lab")
    r = I.rng
    F = 13 * 60 + 2.2
    runners = ["drone-runner-1", "drone-runner-2", "drone-runner-3"]
    slow = "drone-runner-2"

    def lf(t, lvl, msg, **kw):
        s = "time=\"%s\" level=%s msg=\"%s\"" % (I.dt(t).strftime("%Y-%m-%dT%H:%M:%SZ"), lvl, msg)
        for k, v in kw.items():
            s += " %s=%s" % (k, v if isinstance(v, int) or " " not in str(v) else "\"%s\"" % v)
        return s

    repos = ["platform/api", "platform/web", "data/etl", "infra/terraform-modules", "mobile/app", "platform/auth"]
    bid = [4100]
    for t in I.poisson(5.5):
        bid[0] += 1
        b = bid[0]
        repo = r.choice(repos)
        rn = r.choice(runners)
        I.gce(t, "drone-server", "drone", lf(t, "info", "webhook parsed", repo=repo, event="push", commit=I.hx(40)))
        I.gce(t + 0.5, "drone-server", "drone", lf(t + 0.5, "info", "trigger: received", build=b, repo=repo))
        ts = t + r.uniform(2, 10)
        I.gce(ts, rn, "drone-runner", lf(ts, "debug", "stage received", **{"stage.id": b * 3, "stage.name": "default", "stage.number": 1, "repo.id": repos.index(repo) + 1, "repo.name": repo, "build.number": b}))
        if rn == slow and ts > F:
            dur = r.uniform(600, 1800)
            te = ts + dur
            kind = r.random()
            if kind < 0.5:
                I.gce(ts + r.uniform(60, 300), rn, "drone-runner", lf(ts + 200, "error", "cannot pull image", image="registry.chaoslab.dev/ci/golang:1.23", error="context deadline exceeded", **{"build.number": b}), sev="ERROR")
            else:
                I.gce(ts + r.uniform(60, 300), rn, "drone-runner", lf(ts + 200, "error", "step failed", step="clone", exit_code=128, error="error: RPC failed; curl 18 transfer closed with outstanding read data remaining", **{"build.number": b}), sev="ERROR")
            I.gce(te, rn, "drone-runner", lf(te, "debug", "updated stage to complete", **{"stage.status": "failure" if kind < 0.85 else "killed", "build.number": b, "duration": int(dur)}))
            I.gce(te + 0.3, "drone-server", "drone", lf(te + 0.3, "warning", "build finished with failure", build=b, repo=repo), sev="WARNING")
        else:
            dur = r.uniform(60, 420)
            te = ts + dur
            ok = r.random() < 0.93
            I.gce(te, rn, "drone-runner", lf(te, "debug", "updated stage to complete", **{"stage.status": "success" if ok else "failure", "build.number": b, "duration": int(dur)}))
            if not ok:
                I.gce(te - 0.2, rn, "drone-runner", lf(te - 0.2, "error", "step failed", step="test", exit_code=1, error="exit status 1", **{"build.number": b}), sev="ERROR")
    # runner heartbeats
    for rn in runners:
        for t in I.every(10, jitter=0.5):
            if rn == slow and t > F and r.random() < 0.1:
                I.gce(t + 10, rn, "drone-runner", lf(t + 10, "error", "cannot ping the remote server", error="Post \"https://drone.chaoslab.dev/rpc/v2/ping\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)"), sev="ERROR")
            elif r.random() < 0.2:
                I.gce(t, rn, "drone-runner", lf(t, "debug", "successfully pinged the remote server"))
            else:
                I.gce(t, rn, "drone-runner", lf(t, "trace", "poller: request stage from remote server", **{"thread": r.randint(1, 4)}))
    # ROOT CAUSE: bandwidth throttle applied on runner-2 egress
    I.gce(F, slow, "syslog", "%s[2410]: experiment=runner-egress-03 fault=bandwidth action=apply cmd=\"tc qdisc add dev ens4 root tbf rate 512kbit burst 32kbit latency 400ms\" duration=30m" % syslog(I, F, slow, "chaos-agent"))
    # docker daemon on runners
    for rn in runners:
        for t in I.poisson(1.5):
            I.gce(t, rn, "syslog", "%s[%d]: time=\"%s\" level=info msg=\"ignoring event\" container=%s module=libcontainerd namespace=moby topic=/tasks/delete type=\"*events.TaskDelete\"" % (
                syslog(I, t, rn, "dockerd"), 700 + runners.index(rn), I.dt(t).strftime("%Y-%m-%dT%H:%M:%S.%f") + "Z", I.hx(64)))
    for t in I.poisson(lambda t: 3.0 if t > F else 0):
        I.gce(t, slow, "syslog", "%s[701]: time=\"%s\" level=error msg=\"Not continuing with pull after error: context canceled\"" % (syslog(I, t, slow, "dockerd"), I.dt(t).strftime("%Y-%m-%dT%H:%M:%S.%f") + "Z"), sev="ERROR")
    # distractor: server cannot sync a departed user's repos
    for t in I.every(180, t0=25):
        I.gce(t, "drone-server", "drone", lf(t, "error", "syncer: cannot sync repository list", user="old-release-bot", error="Bad credentials"), sev="ERROR")
    for t in I.poisson(25):
        I.gce(t, "drone-server", "drone", lf(t, "debug", "api: request completed", path=r.choice(["/api/user/repos", "/api/repos/platform/api/builds", "/api/repos/data/etl/builds/latest", "/api/user"]), status=200, latency="%dms" % r.randint(2, 60)))
    for t in I.every(60, jitter=2):
        I.gce(t, "drone-server", "drone", lf(t, "debug", "cron: checking for pending jobs" if r.random() < 0.7 else "api: request completed", **({} if r.random() < 0.7 else {"path": "/api/user/repos", "status": 200})))
    n = I.write(out, {
        "title": "CI builds on drone-runner-2 time out pulling images and cloning after a tc bandwidth throttle was applied to its NIC",
        "root_cause": {"evidence": ["tbf rate 512kbit", "fault=bandwidth"], "category": "network", "must_mention": ["bandwidth", "drone-runner-2"]},
        "symptoms": [{"evidence": "cannot pull image"}, {"evidence": "cannot ping the remote server"}, {"evidence": "RPC failed; curl 18"}],
        "distractors": [{"evidence": "cannot sync repository list"}],
        "priority": "P3"})
    return I.iid, n


# ---------------------------------------------------------------------------
def healthy_forum(out):
    I = Inc("healthy-discourse-pgbouncer-evening", "2025-04-10T19:00:00Z", 45, 1613, "forum-chaos-lab")
    r = I.rng
    ns = "discourse"
    webs = ["discourse-web-6c9d7f8b94-%s" % s for s in ("2xkqp", "8mv4n", "tz7rw")]
    sk = "discourse-sidekiq-5f7b9c6d88-lq2vd"
    pgbs = ["pgbouncer-7d8c5b6f4-gh2ks", "pgbouncer-7d8c5b6f4-wq9zm"]
    for t in I.poisson(85):
        p = r.choice(["/latest.json", "/t/chaos-day-notes/%d.json" % r.randint(100, 9000), "/session/current.json", "/notifications.json", "/c/general/4.json"])
        w = r.choice(webs)
        st = 200 if r.random() > 0.01 else r.choice([404, 403])
        ms = r.randint(15, 160)
        I.lb(t + ms / 1000, "forum.chaoslab.dev", "GET", p, st, ms / 1000, rule="forum-lb", backend="k8s1-discourse-web-80")
        I.k8s(t, ns, w, "discourse", "Started GET \"%s\" for 10.8.%d.%d at %s" % (p, r.randint(0, 3), r.randint(2, 250), I.fmt(t, "%Y-%m-%d %H:%M:%S +0000")))
        I.k8s(t + ms / 1000, ns, w, "discourse", "Completed %d %s in %dms (Views: %.1fms | ActiveRecord: %.1fms | Allocations: %d)" % (st, {200: "OK", 404: "Not Found", 403: "Forbidden"}[st], ms, ms * 0.3, ms * 0.45, r.randint(2000, 40000)))
    for t in I.poisson(35):
        el = r.uniform(0.02, 1.5)
        I.k8s(t + el, ns, sk, "sidekiq", "%s pid=41 tid=%s class=%s jid=%s elapsed=%.3f INFO: done" % (I.fmt(t + el, "%Y-%m-%dT%H:%M:%S.%3Z"), I.hx(4), r.choice(["Jobs::ProcessPost", "Jobs::PostAlert", "Jobs::UpdateGravatar", "Jobs::EmitWebHookEvent"]), I.hx(24), el), app="discourse-sidekiq")
    # distractors: partner feed timeout, rate-limited login attempts, one sidekiq retry
    for t in I.every(120, t0=61):
        I.k8s(t, ns, sk, "sidekiq", "%s pid=41 tid=%s WARN: Jobs::PollFeed: Net::OpenTimeout fetching https://blog.partner-lab.example/feed.xml (execution expired)" % (I.fmt(t, "%Y-%m-%dT%H:%M:%S.%3Z"), I.hx(4)), app="discourse-sidekiq", sev="WARNING")
    for t in I.poisson(0.8):
        I.k8s(t, ns, r.choice(webs), "discourse", "RateLimiter::LimitExceeded (You’ve performed this action too many times. Please wait %d seconds before trying again.)" % r.randint(5, 60), sev="WARNING")
        I.lb(t, "forum.chaoslab.dev", "POST", "/session", 429, 0.01, rule="forum-lb", backend="k8s1-discourse-web-80")
    for pb in pgbs:
        for t in I.every(60, t0=r.uniform(0, 60), jitter=0.01):
            I.k8s(t, ns, pb, "pgbouncer", "%s LOG stats: %d xacts/s, %d queries/s, 0 client parses/s, 0 server parses/s, 0 binds/s, in %d B/s, out %d B/s, xact %d us, query %d us, wait %d us" % (
                pgp(I, t, 1), r.randint(130, 200), r.randint(360, 500), r.randint(80000, 130000), r.randint(400000, 700000), r.randint(900, 1900), r.randint(300, 700), r.randint(4, 40)), stream="stderr")
    # benign config reload with no change (routine)
    I.k8s(1210.5, ns, pgbs[0], "config-reloader", "level=info ts=%s caller=reloader.go:188 msg=\"config file unchanged, skipping reload\" file=/etc/pgbouncer/pgbouncer.ini" % I.fmt(1210.5, "%Y-%m-%dT%H:%M:%S.%3Z"), app="pgbouncer")
    vm = "discourse-pg-1"
    for t in I.every(300, t0=95):
        I.gce(t, vm, "postgresql_general", "%s LOG:  checkpoint starting: time" % pgp(I, t, 731))
        I.gce(t + 27, vm, "postgresql_general", "%s LOG:  checkpoint complete: wrote %d buffers (%.1f%%); 0 WAL file(s) added, 0 removed, 2 recycled; write=26.%03d s" % (pgp(I, t + 27, 731), r.randint(800, 2500), r.uniform(0.4, 2), r.randint(0, 999)))
    for t in I.poisson(0.5):
        I.gce(t, vm, "postgresql_general", "%s LOG:  automatic analyze of table \"discourse.public.%s\"" % (pgp(I, t, r.randint(20000, 29999)), r.choice(["topic_views", "post_timings", "user_actions"])))
    for t in I.every(1500, t0=600):
        I.gce(t, vm, "postgresql_general", "%s LOG:  duration: %.3f ms  statement: SELECT count(*) FROM user_visits WHERE visited_at > now() - interval '30 days'" % (pgp(I, t, r.randint(20000, 29999)), r.uniform(1100, 1900)))
    n = I.write(out, {
        "title": "Healthy evening window on the Discourse / PgBouncer stack",
        "root_cause": None,
        "symptoms": [],
        "distractors": [{"evidence": "Net::OpenTimeout"}, {"evidence": "RateLimiter::LimitExceeded"}],
        "priority": "none"})
    return I.iid, n


def healthy_kafka(out):
    I = Inc("healthy-kafka-connect-nightly", "2025-06-05T02:10:00Z", 55, 1614, "data-chaos-lab")
    r = I.rng
    ns = "data"
    workers = ["connect-worker-0", "connect-worker-1"]

    def jl(t, lvl, msg, cls):
        return "[%s] %s %s (%s)" % (I.fmt(t, "%Y-%m-%d %H:%M:%S,%3"), lvl, msg, cls)

    for t in I.every(15, t0=3):
        I.k8s(t, ns, "connect-worker-1", "connect", jl(t, "INFO", "[orders-jdbc-sink|task-0] Received %d records. First record kafka coordinates:(orders.v1-%d-%d). Writing them to the database..." % (r.randint(5, 80), r.randint(0, 5), r.randint(10 ** 6, 10 ** 7)), "io.confluent.connect.jdbc.sink.JdbcSinkTask"), app="kafka-connect")
        I.k8s(t + 0.2, ns, "connect-worker-1", "connect", jl(t + 0.2, "INFO", "[orders-jdbc-sink|task-0] Completed write operation for %d records to the database" % r.randint(5, 80), "io.confluent.connect.jdbc.sink.JdbcSinkTask"), app="kafka-connect")
    for w in workers:
        for t in I.every(60, jitter=1):
            I.k8s(t, ns, w, "connect", jl(t, "INFO", "WorkerSourceTask{id=inventory-debezium-0} Committing offsets for %d acknowledged messages" % r.randint(10, 300), "org.apache.kafka.connect.runtime.WorkerSourceTask"), app="kafka-connect")
        for t in I.poisson(1.2):
            I.k8s(t, ns, w, "connect", "10.12.%d.%d - - [%s] \"GET /connectors?expand=status HTTP/1.1\" 200 %d \"-\" \"Prometheus/2.53.0\" %d (org.apache.kafka.connect.runtime.rest.RestServer)" % (r.randint(0, 3), r.randint(2, 250), I.fmt(t, "%d/%b/%Y:%H:%M:%S +0000"), r.randint(900, 1500), r.randint(2, 20)), app="kafka-connect")
        for t in I.every(600, t0=r.uniform(0, 600)):
            I.k8s(t, ns, w, "connect", jl(t, "WARN", "[inventory-s3-sink|task-0] Commit of offsets timed out", "org.apache.kafka.connect.runtime.WorkerSinkTask"), app="kafka-connect", sev="WARNING")
    for t in I.every(60, t0=20, jitter=1):
        lag = 30 + r.randint(0, 40)
        I.k8s(t, "reporting", "orders-freshness-checker-6d9b8c7f5-j4pzt", "checker", js={"severity": "INFO", "message": "orders_fact fresh (lag %ds)" % lag, "table": "warehouse.orders_fact", "lag_seconds": lag}, app="orders-freshness-checker")
    # nightly compaction job on the warehouse + an expected retry
    I.k8s(900, "reporting", "warehouse-compact-29161530-7xq2d", "compact", js={"severity": "INFO", "message": "compaction started", "tables": 14}, app="warehouse-compact")
    I.k8s(1030, "reporting", "warehouse-compact-29161530-7xq2d", "compact", js={"severity": "WARNING", "message": "table warehouse.clicks_raw locked by autovacuum, retrying in 30s", "attempt": 1}, app="warehouse-compact")
    I.k8s(2250, "reporting", "warehouse-compact-29161530-7xq2d", "compact", js={"severity": "INFO", "message": "compaction finished", "tables": 14, "reclaimed_mb": 1834}, app="warehouse-compact")
    oa = ["orders-api-7c8d9f6b5-%s" % s for s in ("mm2qx", "pz7kd")]
    for t in I.poisson(30):
        I.k8s(t, ns, "schema-registry-0", "schema-registry", "[%s] INFO 10.12.%d.%d - - [%s] \"GET /schemas/ids/%d HTTP/1.1\" 200 %d \"-\" \"Java/17.0.11\" %d (io.confluent.rest-utils.requests)" % (
            I.fmt(t, "%Y-%m-%d %H:%M:%S,%3"), r.randint(0, 3), r.randint(2, 250), I.fmt(t, "%d/%b/%Y:%H:%M:%S +0000"), r.randint(1, 40), r.randint(400, 2000), r.randint(1, 9)), app="schema-registry")
    for t in I.poisson(28):
        I.k8s(t, "shop", r.choice(oa), "orders-api", js={"level": "info", "msg": "order published", "topic": "orders.v1", "order_id": "ord_%s" % I.hx(10), "partition": r.randint(0, 5), "ms": r.randint(2, 18)}, app="orders-api")
    for b in (1, 2, 3):
        for t in I.poisson(1.3):
            I.gce(t, "kafka-broker-%d" % b, "kafka_server", "[%s] INFO [LocalLog partition=%s-%d, dir=/var/lib/kafka/data] Rolled new log segment at offset %d in 3 ms. (kafka.log.LocalLog)" % (I.fmt(t, "%Y-%m-%d %H:%M:%S,%3"), r.choice(["orders.v1", "inventory.v1", "clicks.v2"]), r.randint(0, 5), r.randint(10 ** 6, 10 ** 7)))
        for t in I.every(300, t0=r.uniform(0, 300)):
            I.gce(t, "kafka-broker-%d" % b, "kafka_server", "[%s] INFO [GroupCoordinator %d]: Group connect-inventory-s3-sink with generation %d is now empty (__consumer_offsets-%d) (kafka.coordinator.group.GroupCoordinator)" % (I.fmt(t, "%Y-%m-%d %H:%M:%S,%3"), b, r.randint(40, 60), r.randint(0, 49)) if r.random() < 0.2 else "[%s] INFO [UnifiedLog partition=clicks.v2-%d, dir=/var/lib/kafka/data] Deleting segment files LogSegment(baseOffset=%d, size=%d) (kafka.log.LocalLog$)" % (I.fmt(t, "%Y-%m-%d %H:%M:%S,%3"), r.randint(0, 5), r.randint(10 ** 6, 10 ** 7), r.randint(10 ** 8, 10 ** 9)))
    for t in I.poisson(0.4):
        I.gce(t, "kafka-broker-3", "kafka_server", "[%s] WARN [ReplicaFetcher replicaId=3, leaderId=1, fetcherId=0] Error in response for fetch request (type=FetchRequest, replicaId=3, maxWait=500, minBytes=1, maxBytes=10485760) (kafka.server.ReplicaFetcherThread)" % I.fmt(t, "%Y-%m-%d %H:%M:%S,%3"), sev="WARNING")
        I.gce(t + 0.001, "kafka-broker-3", "kafka_server", "java.io.IOException: Connection to 1 was disconnected before the response was read", sev="WARNING")
    n = I.write(out, {
        "title": "Healthy nightly window on the Kafka Connect pipeline",
        "root_cause": None,
        "symptoms": [],
        "distractors": [{"evidence": "disconnected before the response was read"}, {"evidence": "Commit of offsets timed out"}],
        "priority": "none"})
    return I.iid, n
