from datetime import timedelta
from core import Gen, ts_java, ts_log4j, ts_pg, ts_py, ts_z, iso


# ---------------------------------------------------------------- 4. Hasura allowlist enabled in prod
def hasura_noise(g, F=None):
    """Storefront on Hasura. F=None -> healthy. Returns pods."""
    r = g.r
    ns = "storefront"
    hasura_old = g.pod("hasura", 3)
    hasura_new = g.pod("hasura", 3, "new")
    web = g.pod("storefront-web", 3)
    actions = g.pod("actions-handler", 2)
    allowed = {"GetCart", "AddToCart", "GetFeatureFlags"}
    ops = [("GetProductPage", 30), ("ListCategoryProducts", 22), ("GetCart", 14), ("AddToCart", 6), ("SearchProducts", 14),
           ("GetFeatureFlags", 8), ("PlaceOrder", 2), ("GetOrderHistory", 3), ("GetRecommendations", 6)]
    names = [o for o, w in ops for _ in range(w)]
    pages = {"GetProductPage": "/p/{}", "ListCategoryProducts": "/c/{}", "SearchProducts": "/search?q={}",
             "GetCart": "/cart", "AddToCart": "/api/cart", "GetFeatureFlags": "/api/flags", "PlaceOrder": "/api/checkout",
             "GetOrderHistory": "/account/orders", "GetRecommendations": "/api/recs/{}"}

    def hpod(i_m):
        if F is None or i_m < F:
            return r.choice(hasura_old)
        k = min(3, int((i_m - F) / 1.0) + 1)
        return r.choice(hasura_new[:k] + hasura_old[k:])

    def req(t, m):
        op = r.choice(names)
        hp = hpod(m)
        blocked = F is not None and hp in hasura_new and op not in allowed
        rid = g.uuid()
        role = "user" if r.random() < 0.6 else "anonymous"
        path = pages[op].format(r.choice(["trail-runner-2", "merino-crew", "rain-shell", "hiking", "socks", "kids"]))
        host = "shop.northtrail.co"
        if not blocked:
            et = r.uniform(0.004, 0.08)
            g.k8s(t, ns, hp, "graphql-engine", "INFO", {"type": "http-log", "timestamp": iso(t)[:-4] + "+0000", "level": "info",
                  "detail": {"operation": {"user_vars": {"x-hasura-role": role}, "request_id": rid, "response_size": r.randint(200, 30000),
                             "request_mode": "single", "query": {"operationName": op}, "query_execution_time": et},
                             "request_id": rid, "http_info": {"status": 200, "http_version": "HTTP/1.1", "url": "/v1/graphql", "ip": g.podip(), "method": "POST", "content_encoding": None}}})
            if r.random() < 0.5:
                g.k8s(t + timedelta(milliseconds=3), ns, r.choice(web), "web", "INFO", f"{ts_z(t)} info  GET {path} 200 {int(et * 1000) + r.randint(5, 40)}ms (ssr {op})")
            g.lb(t, host, "POST" if op in ("AddToCart", "PlaceOrder") else "GET", path, 200, et + r.uniform(0.01, 0.06))
        else:
            g.k8s(t, ns, hp, "graphql-engine", "ERROR", {"type": "http-log", "timestamp": iso(t)[:-4] + "+0000", "level": "error",
                  "detail": {"operation": {"user_vars": {"x-hasura-role": role}, "error": {"path": "$", "error": "query is not in any of the allowlists", "code": "validation-failed"},
                             "request_id": rid, "response_size": 106, "request_mode": "error", "query": {"operationName": op}},
                             "request_id": rid, "http_info": {"status": 200, "http_version": "HTTP/1.1", "url": "/v1/graphql", "ip": g.podip(), "method": "POST", "content_encoding": None}}})
            w = r.choice(web)
            g.stack(t + timedelta(milliseconds=4), ns, w, "web", "ERROR", [f"{ts_z(t)} error ApolloError: query is not in any of the allowlists",
                    "    at new ApolloError (/app/node_modules/@apollo/client/errors/index.js:39:28)",
                    "    at /app/.next/server/chunks/4821.js:1:10422 {", f"  operation: '{op}',", f"  path: '{path}'", "}"])
            if op not in ("GetRecommendations",):
                g.k8s(t + timedelta(milliseconds=5), ns, w, "web", "ERROR", f"{ts_z(t)} error GET {path} 500 {r.randint(8, 40)}ms (ssr {op}) rendering error page")
                g.lb(t, host, "POST" if op in ("AddToCart", "PlaceOrder") else "GET", path, 500, r.uniform(0.01, 0.05), size=1834)
            else:
                g.lb(t, host, "GET", path, 200, 0.02, size=2)
    g.poisson(150, req, rate_fn=lambda m: 1.0 + 0.2 * (m > 25))

    def action(t, m):
        a = r.choice(actions)
        if r.random() < 0.8:
            g.k8s(t, ns, a, "handler", "INFO", {"level": 30, "time": int(t.timestamp() * 1000), "pid": 1, "hostname": a, "msg": "action handled", "action": r.choice(["calculateShipping", "validateCoupon"]), "durationMs": r.randint(5, 140)})
        else:  # distractor: CRM event trigger target flaky (pre-existing)
            g.k8s(t, ns, hpod(m), "graphql-engine", "WARNING", {"type": "event-trigger", "timestamp": iso(t)[:-4] + "+0000", "level": "warn",
                  "detail": {"trigger_name": "order_created_to_crm", "event_id": g.uuid(), "message": "event trigger webhook returned 502: https://hooks.crm-sync.northtrail.co/orders", "tries": r.randint(1, 5)}})
    g.poisson(10, action)

    def carrier(t, m):  # routine: carrier rate API timeouts inside an action, handled with a fallback
        a = r.choice(actions)
        g.k8s(t, ns, a, "handler", "ERROR", {"level": 50, "time": int(t.timestamp() * 1000), "pid": 1, "hostname": a, "msg": "calculateShipping: carrier rates API timeout after 3000ms, using table rates", "err": {"type": "AbortError", "message": "The operation was aborted due to timeout"}})
    g.poisson(0.25, carrier)

    def hasura_bg(t, m):
        hp = hpod(m)
        g.k8s(t, ns, hp, "graphql-engine", "INFO", {"type": "schema-sync", "timestamp": iso(t)[:-4] + "+0000", "level": "info",
              "detail": {"instance_id": g.uuid(), "message": "Polling metadata resource version: up to date", "resource_version": 412}})
    g.periodic(1.0, hasura_bg, offset=0.4)

    sql = g.pod("cloudsql-proxy", 1)[0]

    def pglog(t, m):
        res = {"type": "cloudsql_database", "labels": {"database_id": f"{g.project}:storefront-pg", "project_id": g.project, "region": "us-central1"}}
        e = g._base(t, "INFO", res, "cloudsql.googleapis.com%2Fpostgres.log")
        e["textPayload"] = r.choice([
            f"{ts_pg(t)} [{r.randint(1000, 90000)}]: [2-1] db=storefront,user=hasura LOG:  duration: {r.randint(200, 900)}.{r.randint(100, 999)} ms  execute <unnamed>: SELECT coalesce(json_agg(\"root\" ), '[]' ) AS \"root\" FROM (SELECT ...",
            f"{ts_pg(t)} [{r.randint(100, 900)}]: [1-1] db=,user= LOG:  checkpoint complete: wrote {r.randint(100, 3000)} buffers ({r.uniform(0.1, 2):.1f}%); 0 WAL file(s) added, 0 removed, 2 recycled",
            f"{ts_pg(t)} [{r.randint(100, 900)}]: [1-1] db=,user= LOG:  automatic vacuum of table \"storefront.public.cart_items\": index scans: 1"])
        g.out.append(e)
    g.poisson(2, pglog)
    return hasura_old, hasura_new


def hasura_allowlist(out):
    g = Gen("hasura-allowlist-enabled", 2604, "northtrail-shop-prod", "shop-gke", "us-central1",
            "2026-06-26T16:04:00Z", 35)
    F = 0.6
    old, new = hasura_noise(g, F)
    r = g.r
    ta = g.at(0.0, 10)
    g.audit(ta - timedelta(seconds=40), "io.k8s.apps.v1.deployments.patch", "apps/v1/namespaces/storefront/deployments/hasura",
            "argocd-application-controller@northtrail-shop-prod.iam.gserviceaccount.com",
            request={"spec": {"template": {"spec": {"containers": [{"name": "graphql-engine", "env": [{"name": "HASURA_GRAPHQL_ENABLE_ALLOWLIST", "value": "true"}]}]}}}},
            extra={"metadata": {"argocd.argoproj.io/app": "hasura-prod", "revision": "e41a7d2 security hardening: lock down ad-hoc graphql"}})
    for k, p in enumerate(new):
        t = g.at(F + k * 1.0 - 0.2)
        g.event(t, "storefront", "Pod", p, "Started", "Started container graphql-engine")
        g.k8s(t + timedelta(seconds=2), "storefront", p, "graphql-engine", "INFO", {"type": "startup", "timestamp": iso(t)[:-4] + "+0000", "level": "info",
              "detail": {"kind": "server_configuration", "info": {"port": 8080, "server_host": "HostAny", "transaction_isolation": "ISOLATION LEVEL READ COMMITTED",
                         "admin_secret_set": True, "auth_hook": None, "jwt_secret": [{"claims_namespace": "https://hasura.io/jwt/claims", "type": "RS256"}],
                         "unauth_role": "anonymous", "cors_config": {"allowed_origins": "https://shop.northtrail.co", "disabled": False},
                         "enable_console": False, "enable_telemetry": False, "use_prepared_statements": True, "enable_allowlist": True,
                         "enabled_apis": ["metadata", "graphql"], "live_query_options": {"batch_size": 100, "refetch_delay": 1},
                         "log_level": "info", "stringify_numeric_types": False}}})
        g.k8s(t + timedelta(seconds=3), "storefront", p, "graphql-engine", "INFO", {"type": "startup", "timestamp": iso(t)[:-4] + "+0000", "level": "info",
              "detail": {"kind": "metadata", "info": "Metadata loaded: 1 source, 48 tables, 2 actions, 1 query collection (allowed-queries: 3 queries)"}})
        g.k8s(t + timedelta(seconds=4), "storefront", p, "graphql-engine", "INFO", {"type": "startup", "timestamp": iso(t)[:-4] + "+0000", "level": "info", "detail": {"kind": "server", "info": {"message": "starting API server", "time_taken": 2.81}}})
        g.event(t + timedelta(seconds=30), "storefront", "Pod", old[k], "Killing", "Stopping container graphql-engine")
    # alerting / on-call chatter
    for m in (4.0, 9.0, 14.0):
        t = g.at(m, 20)
        g.k8s(t, "monitoring", "alertmanager-main-0", "alertmanager", "INFO", f"ts={ts_z(t)} caller=dispatch.go:164 level=info component=dispatcher msg=\"Notify success\" receiver=pagerduty-storefront alertname=StorefrontHigh5xxRate")
    n = g.write(out, {
        "title": "Storefront pages 500: Hasura rolled with the query allowlist enabled, most operations rejected",
        "root_cause": {"evidence": ["enable_allowlist"], "category": "configuration",
                       "must_mention": ["allowlist"]},
        "symptoms": [{"evidence": "query is not in any of the allowlists"}, {"evidence": "rendering error page"},
                     {"evidence": "StorefrontHigh5xxRate"}],
        "distractors": [{"evidence": "event trigger webhook returned 502"}, {"evidence": "carrier rates API timeout"}],
        "priority": "P0"})
    return n


def healthy_storefront(out):
    g = Gen("healthy-storefront-hasura", 2613, "northtrail-shop-prod", "shop-gke", "us-central1",
            "2026-07-02T10:30:00Z", 40)
    old, new = hasura_noise(g, None)
    r = g.r
    # routine: HPA scale, cert-manager renewal, a cronjob
    g.event(g.at(12.3), "storefront", "HorizontalPodAutoscaler", "storefront-web", "SuccessfulRescale",
            "New size: 4; reason: cpu resource utilization (percentage of request) above target", component="horizontal-pod-autoscaler")
    g.event(g.at(31.0), "storefront", "HorizontalPodAutoscaler", "storefront-web", "SuccessfulRescale",
            "New size: 3; reason: All metrics below target", component="horizontal-pod-autoscaler")
    t = g.at(20.1)
    cm = "cert-manager-7b9d4f6c8-x2k9p"
    g.k8s(t, "cert-manager", cm, "cert-manager-controller", "INFO", f"I{t.strftime('%m%d %H:%M:%S.%f')}       1 conditions.go:263] Setting lastTransitionTime for Certificate \"shop-northtrail-tls\" condition \"Issuing\" to {t.strftime('%Y-%m-%d %H:%M:%S')} +0000 UTC m=+991241.1")
    g.k8s(t + timedelta(seconds=14), "cert-manager", cm, "cert-manager-controller", "INFO", f"I{t.strftime('%m%d %H:%M:%S.%f')}       1 controller.go:162] \"re-queuing item due to optimistic locking on resource\" logger=\"cert-manager.certificates-issuing\"")
    g.k8s(t + timedelta(seconds=40), "cert-manager", cm, "cert-manager-controller", "INFO", f"I{t.strftime('%m%d %H:%M:%S.%f')}       1 issuing_controller.go:277] \"Certificate issued\" logger=\"cert-manager.certificates-issuing\" resource_name=\"shop-northtrail-tls\" resource_namespace=\"storefront\"")
    job = "sitemap-builder-29188230-7tq2n"
    t = g.at(30.0)
    g.event(t, "storefront", "Job", "sitemap-builder-29188230", "SuccessfulCreate", f"Created pod: {job}", component="job-controller")
    for i, msg in enumerate(["sitemap: fetching products via hasura (role=sitemap)", "sitemap: 4812 product urls, 61 category urls", "sitemap: uploaded gs://northtrail-public/sitemap.xml (412 KiB)", "sitemap: done in 48.2s"]):
        g.k8s(t + timedelta(seconds=5 + i * 15), "storefront", job, "builder", "INFO", {"level": "info", "msg": msg})
    g.k8s(t + timedelta(seconds=12), "storefront", job, "builder", "WARNING", {"level": "warn", "msg": "sitemap: 3 products without canonical slug, skipped"})
    n = g.write(out, {
        "title": "Healthy storefront hour (Hasura, web, actions; flaky CRM webhook only)",
        "root_cause": None,
        "symptoms": [],
        "distractors": [{"evidence": "event trigger webhook returned 502"}, {"evidence": "without canonical slug"}, {"evidence": "carrier rates API timeout"}],
        "priority": "none"})
    return n


# ---------------------------------------------------------------- 5. Airbyte CDC slot invalidated
def airbyte_slot(out):
    g = Gen("airbyte-cdc-slot-invalidated", 2605, "fjord-ops-data", "elt-gke", "europe-north1",
            "2026-09-08T01:45:00Z", 55)
    r = g.r
    pg = "orders-pg-0"
    srv = g.pod("airbyte-server", 1)[0]
    wl = g.pod("airbyte-worker", 2)
    app = g.pod("orders-api", 3)
    F1, F2, J = 4.0, 7.5, 16.0

    def pgt(t, sev_word, msg, pid=None, db="", user=""):
        return f"{ts_pg(t)} [{pid or r.randint(100, 60000)}] {user + '@' + db + ' ' if db else ''}{sev_word}:  {msg}"

    def apptraffic(t, m):
        p = r.choice(app)
        g.k8s(t, "orders", p, "api", "INFO", f"{ts_z(t)} INFO  [orders-api] POST /v2/orders status=201 dur={r.randint(8, 90)}ms tenant={r.choice(['no-osl', 'se-sto', 'dk-cph', 'fi-hel'])}")
        if r.random() < 0.3:
            g.k8s(t, "orders", p, "api", "INFO", f"{ts_z(t)} INFO  [orders-api] GET /v2/orders/{r.randint(10**6, 10**7)} status=200 dur={r.randint(2, 20)}ms")
    g.poisson(45, apptraffic)

    def pgnoise(t, m):
        c = r.random()
        if c < 0.4:
            g.k8s(t, "orders", pg, "postgres", "INFO", pgt(t, "LOG", f"connection authorized: user=orders_app database=orders application_name=orders-api SSL enabled (protocol=TLSv1.3, cipher=TLS_AES_256_GCM_SHA384, bits=256)"))
        elif c < 0.7:
            g.k8s(t, "orders", pg, "postgres", "INFO", pgt(t, "LOG", f"duration: {r.randint(500, 2400)}.{r.randint(100, 999)} ms  statement: SELECT o.id, o.status FROM orders o JOIN order_lines l ON l.order_id = o.id WHERE o.tenant = $1 AND o.created_at > $2", db="orders", user="reporting"))
        else:
            g.k8s(t, "orders", pg, "postgres", "INFO", pgt(t, "LOG", f"automatic vacuum of table \"orders.public.order_events\": index scans: 1, pages: 0 removed, {r.randint(10**5, 10**6)} remain, {r.randint(100, 9000)} scanned"))
    g.poisson(6, pgnoise)

    def checkpoint(t, m):
        g.k8s(t, "orders", pg, "postgres", "INFO", pgt(t, "LOG", "checkpoint starting: time", pid=88))
        g.k8s(t + timedelta(seconds=r.randint(40, 140)), "orders", pg, "postgres", "INFO", pgt(t, "LOG", f"checkpoint complete: wrote {r.randint(20000, 90000)} buffers ({r.uniform(5, 20):.1f}%); 0 WAL file(s) added, {r.randint(0, 300)} removed, {r.randint(10, 80)} recycled; write={r.uniform(100, 260):.3f} s, sync=0.{r.randint(1, 999):03d} s, total={r.uniform(100, 270):.3f} s; distance={r.randint(10**6, 4 * 10**6)} kB, estimate={r.randint(10**6, 4 * 10**6)} kB", pid=88))
    g.periodic(5, checkpoint, offset=0.8)

    # DBA change: cap the WAL a slot can hold (disk had alerted at night)
    t = g.at(F1)
    g.k8s(t, "orders", pg, "postgres", "INFO", pgt(t, "LOG", "received SIGHUP, reloading configuration files", pid=1))
    g.k8s(t + timedelta(milliseconds=4), "orders", pg, "postgres", "INFO", pgt(t, "LOG", "parameter \"max_slot_wal_keep_size\" changed to \"8GB\"", pid=1))
    g.audit(t - timedelta(seconds=30), "io.k8s.core.v1.configmaps.patch", "core/v1/namespaces/orders/configmaps/orders-pg-config",
            "ingrid.dahl@fjord-ops.no", request={"data": {"postgresql.conf.d/20-wal.conf": "max_wal_size = 16GB\nmax_slot_wal_keep_size = 8GB\n"}})
    t = g.at(F2)
    g.k8s(t, "orders", pg, "postgres", "INFO", pgt(t, "LOG", "checkpoint starting: wal", pid=88))
    g.k8s(t + timedelta(seconds=1), "orders", pg, "postgres", "INFO", pgt(t, "LOG", "invalidating obsolete replication slot \"airbyte_orders_slot\"", pid=88))
    g.k8s(t + timedelta(seconds=1, milliseconds=1), "orders", pg, "postgres", "INFO", pgt(t, "DETAIL", "The slot's restart_lsn 3A1/1F000060 exceeds the limit by 27487790 bytes.", pid=88))
    g.k8s(t + timedelta(seconds=1, milliseconds=2), "orders", pg, "postgres", "INFO", pgt(t, "HINT", "You might need to increase max_slot_wal_keep_size.", pid=88))
    g.k8s(t + timedelta(seconds=70), "orders", pg, "postgres", "INFO", pgt(t, "LOG", "checkpoint complete: wrote 61219 buffers (11.7%); 0 WAL file(s) added, 912 removed, 0 recycled; write=64.112 s, sync=0.091 s, total=69.420 s", pid=88))

    # Airbyte scheduled syncs
    def sync(t0, conn, cid, job, ok=True, attempts=1, source="postgres"):
        w = r.choice(wl)
        t = t0
        for a in range(attempts):
            g.k8s(t, "airbyte", w, "airbyte-worker-container", "INFO", f"{ts_py(t)[:19]} INFO i.a.w.t.TemporalAttemptExecution(get):138 - Executing worker wrapper. Airbyte id: {g.uuid()}")
            g.k8s(t + timedelta(seconds=1), "airbyte", w, "airbyte-worker-container", "INFO", f"{ts_py(t)[:19]} INFO i.a.w.g.DefaultReplicationWorker(run):178 - start sync worker. job id: {job} attempt id: {a}")
            pod = f"source-{source}-read-{job}-{a}-{g.hexid(5)}"
            g.event(t + timedelta(seconds=3), "airbyte", "Pod", pod, "Started", f"Started container main")
            if ok:
                for i in range(r.randint(5, 9)):
                    g.k8s(t + timedelta(seconds=20 + i * 15), "airbyte", w, "airbyte-worker-container", "INFO", f"{ts_py(t)[:19]} INFO i.a.w.i.s.DefaultSyncStatsTracker(updateStats):{r.randint(100, 300)} - Records read: {(i + 1) * r.randint(5000, 9000)} ({r.randint(3, 90)} MB)")
                te = t + timedelta(seconds=170)
                g.k8s(te, "airbyte", w, "airbyte-worker-container", "INFO", f"{ts_py(te)[:19]} INFO i.a.w.g.DefaultReplicationWorker(run):281 - sync summary: {{status=completed, recordsSynced={r.randint(40000, 90000)}, bytesSynced={r.randint(10**7, 10**8)}, startTime={int(t.timestamp() * 1000)}, endTime={int(te.timestamp() * 1000)}}}")
                g.k8s(te + timedelta(seconds=2), "airbyte", srv, "airbyte-server-container", "INFO", f"{ts_py(te)[:19]} INFO i.a.s.s.JobNotifier(notifyJob):92 - Job {job} for connection {conn} ({cid}) succeeded")
                return
            ts = t + timedelta(seconds=12)
            lines = [f"{ts_py(ts)[:19]} INFO i.a.w.i.VersionedAirbyteStreamFactory(internalLog):308 - source > Using CDC: true",
                     f"{ts_py(ts)[:19]} INFO i.a.w.i.VersionedAirbyteStreamFactory(internalLog):308 - source > Attempting to find the named replication slot using the query: HikariProxyPreparedStatement@1410422 wrapping SELECT * FROM pg_replication_slots WHERE slot_name = 'airbyte_orders_slot' AND plugin = 'pgoutput' AND database = 'orders'",
                     f"{ts_py(ts)[:19]} INFO i.a.w.i.VersionedAirbyteStreamFactory(internalLog):308 - source > Found replication slot airbyte_orders_slot: plugin=pgoutput, active=false, wal_status=lost, restart_lsn=null; resuming from saved offset LSN 3A1/1F000060"]
            for i, ln in enumerate(lines):
                g.k8s(ts + timedelta(seconds=i), "airbyte", w, "airbyte-worker-container", "INFO", ln)
            te = ts + timedelta(seconds=9)
            err = [f"{ts_py(te)[:19]} ERROR i.a.w.i.VersionedAirbyteStreamFactory(internalLog):308 - source > io.debezium.DebeziumException: org.postgresql.util.PSQLException: ERROR: can no longer get changes from replication slot \"airbyte_orders_slot\"",
                   f"{ts_py(te)[:19]} ERROR i.a.w.i.VersionedAirbyteStreamFactory(internalLog):308 - source >   Detail: This slot has been invalidated because it exceeded the maximum reserved size.",
                   f"{ts_py(te)[:19]} ERROR i.a.w.i.VersionedAirbyteStreamFactory(internalLog):308 - source > \tat io.debezium.connector.postgresql.PostgresStreamingChangeEventSource.execute(PostgresStreamingChangeEventSource.java:181)",
                   f"{ts_py(te)[:19]} ERROR i.a.w.i.VersionedAirbyteStreamFactory(internalLog):308 - source > \tat io.airbyte.integrations.source.postgres.cdc.PostgresCdcStateHandler.saveState(PostgresCdcStateHandler.java:44)",
                   f"{ts_py(te)[:19]} WARN i.a.w.g.DefaultReplicationWorker(run):203 - Source process exited with non-zero exit code 1",
                   f"{ts_py(te)[:19]} INFO i.a.w.g.DefaultReplicationWorker(run):281 - sync summary: {{status=failed, recordsSynced=0, bytesSynced=0, failureOrigin=source, failureType=system_error}}"]
            for i, ln in enumerate(err):
                sev = "ERROR" if " ERROR " in ln else ("WARNING" if " WARN " in ln else "INFO")
                g.k8s(te + timedelta(milliseconds=i * 3), "airbyte", w, "airbyte-worker-container", sev, ln)
            g.k8s(te + timedelta(seconds=1), "orders", pg, "postgres", "ERROR", pgt(te, "ERROR", "can no longer get changes from replication slot \"airbyte_orders_slot\"", db="orders", user="airbyte_cdc"))
            g.k8s(te + timedelta(seconds=1, milliseconds=1), "orders", pg, "postgres", "ERROR", pgt(te, "DETAIL", "This slot has been invalidated because it exceeded the maximum reserved size.", db="orders", user="airbyte_cdc"))
            g.k8s(te + timedelta(seconds=2), "airbyte", srv, "airbyte-server-container", "WARNING", f"{ts_py(te)[:19]} WARN i.a.c.t.s.a.RetryStatePersistenceActivityImpl - Attempt {a} of job {job} failed; retrying in {60 * (a + 1)}s (failure origin: source)")
            t = te + timedelta(seconds=60 * (a + 1))
        g.k8s(t, "airbyte", srv, "airbyte-server-container", "ERROR", f"{ts_py(t)[:19]} ERROR i.a.s.s.JobNotifier(notifyJob):96 - Job {job} for connection {conn} ({cid}) failed after {attempts} attempts: Something went wrong in the connector. See the logs for more details.")
        g.k8s(t + timedelta(seconds=1), "airbyte", srv, "airbyte-server-container", "INFO", f"{ts_py(t)[:19]} INFO i.a.n.SlackNotificationClient(notify):74 - Sent failure notification to #data-alerts for connection {conn}")

    sync(g.at(1.0), "orders-pg → bigquery", "6a0c2e8f", 48207, ok=True)
    sync(g.at(J), "orders-pg → bigquery", "6a0c2e8f", 48221, ok=False, attempts=3)
    sync(g.at(46.0), "orders-pg → bigquery", "6a0c2e8f", 48233, ok=False, attempts=1)
    sync(g.at(10.0), "zendesk → bigquery", "1be93f04", 48214, ok=True, source="zendesk-support")
    sync(g.at(31.0), "stripe → bigquery", "77d0a1c5", 48227, ok=True, source="stripe")
    # distractor: HubSpot rate limits on another connection
    for i in range(3):
        t = g.at(21 + i * 7.5)
        w = r.choice(wl)
        g.k8s(t, "airbyte", w, "airbyte-worker-container", "WARNING", f"{ts_py(t)[:19]} WARN i.a.w.i.VersionedAirbyteStreamFactory(internalLog):308 - source > Backing off _send(...) for {r.randint(5, 40)}.0s (requests.exceptions.HTTPError: 429 Client Error: Too Many Requests for url: https://api.hubapi.com/crm/v3/objects/contacts?limit=100)")
        g.k8s(t + timedelta(seconds=30), "airbyte", w, "airbyte-worker-container", "ERROR", f"{ts_py(t)[:19]} ERROR i.a.w.i.VersionedAirbyteStreamFactory(internalLog):308 - source > Giving up _send(...) after 5 tries (requests.exceptions.HTTPError: 429 Client Error: Too Many Requests for url: https://api.hubapi.com/crm/v3/objects/contacts?limit=100)")

    def server_bg(t, m):
        g.k8s(t, "airbyte", srv, "airbyte-server-container", "INFO", f"{ts_py(t)[:19]} INFO i.a.s.RequestLogger(filter):{r.randint(100, 130)} - REQ 10.20.{r.randint(0, 9)}.{r.randint(2, 250)} POST 200 /api/v1/{r.choice(['jobs/list', 'connections/get', 'workspaces/get', 'health', 'connections/list'])}")
    g.poisson(14, server_bg)

    def worker_bg(t, m):
        g.k8s(t, "airbyte", r.choice(wl), "airbyte-worker-container", "INFO", f"{ts_py(t)[:19]} INFO i.t.i.w.Poller$PollLoopTask(run):{r.randint(250, 290)} - Polling for tasks on queue SYNC (idle)")
    g.poisson(8, worker_bg)

    dbt = "dbt-freshness-29190111-hx8mz"
    t = g.at(40.0)
    g.k8s(t, "analytics", dbt, "dbt", "INFO", f"{t.strftime('%H:%M:%S')}  Running with dbt=1.8.7")
    g.k8s(t + timedelta(seconds=20), "analytics", dbt, "dbt", "WARNING", f"{t.strftime('%H:%M:%S')}  WARN freshness of raw_orders.orders: max(_airbyte_extracted_at) is 2h 41m old (warn after 2h)")
    g.k8s(t + timedelta(seconds=21), "analytics", dbt, "dbt", "ERROR", f"{t.strftime('%H:%M:%S')}  ERROR STALE freshness of raw_orders.order_lines: max(_airbyte_extracted_at) is 2h 41m old (error after 2h30m)")
    n = g.write(out, {
        "title": "Airbyte CDC syncs from orders DB fail: replication slot invalidated after max_slot_wal_keep_size was lowered",
        "root_cause": {"evidence": ["invalidating obsolete replication slot", "max_slot_wal_keep_size\" changed"], "category": "database",
                       "must_mention": ["slot", "max_slot_wal_keep_size"]},
        "symptoms": [{"evidence": "can no longer get changes from replication slot"}, {"evidence": "failed after 3 attempts"},
                     {"evidence": "STALE freshness of raw_orders"}],
        "distractors": [{"evidence": "api.hubapi.com"}],
        "priority": "P2"})
    return n
