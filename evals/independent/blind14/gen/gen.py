#!/usr/bin/env python3
"""Generate the blind14 incident set. Usage: python3 gen.py [OUTDIR]"""
import sys, os, json
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib import *

P = "larkspur-prod"
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

PATHS = ["/", "/c/living-room/sofas", "/p/linen-throw-%d", "/api/v2/catalog/search?q=%s", "/api/v2/cart", "/api/v2/catalog/items/%d",
         "/static/js/app.%s.js", "/api/v2/recommendations?sku=%d", "/checkout", "/api/v2/reviews/%d"]
def path(w):
    p = w.r.choice(PATHS)
    if "%d" in p: p = p % w.r.randint(1000, 99999)
    if "%s" in p: p = p % w.r.choice(["rug", "lamp", "oak+table", "throw", "d41c9a2f"])
    return p

def web_tier(w, webhosts, rate, fail=lambda o: None, latm=lambda o: 1.0, mult=None, host="www.larkspur.com", bs="web-mig-bs"):
    """External HTTPS LB request logs + nginx access/error on the web MIG."""
    def req(o):
        p = path(w); h = w.r.choice(webhosts)
        f = fail(o)
        st = w.r.choices([200, 200, 200, 304, 404, 301, 499], [60, 20, 10, 4, 3, 2, 1])[0]
        lat = w.r.lognormvariate(-3.0, .7) * latm(o)
        det = "response_sent_by_backend"
        if f:
            st, det, lat = f
        hr = http(w, w.r.choice(["GET"] * 5 + ["POST"]), "https://%s%s" % (host, p), st, lat, server="10.128.0.%d" % (10 + webhosts.index(h)))
        w.emit(o, lbres(w, bs), "requests", "INFO" if st < 400 else ("WARNING" if st < 500 else "ERROR"),
               js={"@type": "type.googleapis.com/google.cloud.loadbalancing.type.LoadBalancerLogEntry", "statusDetails": det,
                   "backendTargetProjectNumber": "projects/551203344871", "remoteIp": hr["remoteIp"]}, http=hr, trace=True)
        if det == "response_sent_by_backend" and w.r.random() < .5:
            w.emit(o - lat * .9, gce(w, h), "nginx_access", "INFO", http=dict(hr, protocol="HTTP/1.1", remoteIp="35.191.%d.%d" % (w.r.randint(0, 255), w.r.randint(1, 254))),
                   js={"host": host, "user": "-", "referer": "-", "upstream_response_time": "%.3f" % (lat * .95)}, labels=gce_lbl(h))
    w.poisson(rate, req, mult=mult)
    for h in webhosts:  # LB health checks hit nginx
        w.every(10, lambda o, h=h: w.emit(o, gce(w, h), "nginx_access", "INFO", http=http(w, "GET", "http://10.128.0.%d/healthz" % (10 + webhosts.index(h)), 200, .001, 2, ua="GoogleHC/1.0", rip="35.191.%d.%d" % (w.r.randint(0, 255), w.r.randint(1, 254))), js={"host": "-", "user": "-", "referer": "-"}, labels=gce_lbl(h)))
        w.poisson(.3, lambda o, h=h: w.emit(o, gce(w, h), "nginx_error", "ERROR" if w.r.random() < .5 else "WARNING", js={"message": w.r.choice([
            "%s [error] %d#%d: *%d open() \"/var/www/static/favicon-32x32.png\" failed (2: No such file or directory), client: %s, server: www.larkspur.com, request: \"GET /favicon-32x32.png HTTP/1.1\", host: \"www.larkspur.com\"",
            "%s [warn] %d#%d: *%d an upstream response is buffered to a temporary file /var/cache/nginx/proxy_temp/4/17/0000012174 while reading upstream, client: %s, server: www.larkspur.com, request: \"GET /api/v2/catalog/search?q=rug HTTP/1.1\"",
            "%s [info] %d#%d: *%d client %s closed keepalive connection"]) % (w.ts(o).strftime("%Y/%m/%d %H:%M:%S"), 2140, 2140, w.r.randint(10000, 999999), ip(w)), "level": "error"}, labels=gce_lbl(h)))

def java_app(w, res, log, name, rate, lines, mult=None):
    def f(o):
        lvl, thr, cls, msg = w.r.choice(lines)
        if callable(msg): msg = msg()
        w.emit(o, res, log, None if log == "journald" else ("INFO" if lvl in ("INFO", "DEBUG") else lvl.replace("WARN", "WARNING")),
               text="%s %-5s [%s] %s - %s" % (w.ts(o).strftime("%Y-%m-%d %H:%M:%S,%f")[:-3], lvl, thr, cls, msg))
    w.poisson(rate, f, mult=mult)

def jtrace(w, o, res, log, head, frames, sev="ERROR", labels=None):
    w.emit(o, res, log, sev, text=head, labels=labels)
    for i, fr in enumerate(frames):
        w.emit(o + 0.0001 * (i + 1), res, log, sev, text=fr, labels=labels)

# =====================================================================================
def s01_nginx_worker_connections():
    w = W("nginx-worker-connections-surge", "2026-11-28T18:40:00Z", 45, 101, P)
    web = ["web-mig-7k2p", "web-mig-c91d", "web-mig-q4xs", "web-mig-zz3m"]
    app = ["catalog-mig-1b8v", "catalog-mig-6tqe", "catalog-mig-hh21"]
    T = 16 * 60  # push campaign lands
    surge = lambda o: 1.0 if o < T else (3.2 if o < T + 14 * 60 else 2.2)
    bad = lambda o: T + 50 < o < T + 22 * 60
    def fail(o):
        if bad(o) and w.r.random() < .34:
            return w.r.choice([(502, "backend_connection_closed_before_data_sent_to_client", w.r.uniform(.01, .3)),
                               (502, "failed_to_connect_to_backend", w.r.uniform(.001, .05)),
                               (504, "backend_timeout", 30.0)])
    web_tier(w, web, 110, fail=fail, latm=lambda o: 2.5 if bad(o) else 1.0, mult=surge)
    # root cause: nginx alert
    def alert(o):
        h = w.r.choice(web)
        kind = w.r.random()
        if kind < .6:
            m = "%s [alert] %d#%d: *%d 1024 worker_connections are not enough while connecting to upstream, client: %s, server: www.larkspur.com, request: \"GET %s HTTP/2.0\", upstream: \"http://10.128.1.%d:8080%s\", host: \"www.larkspur.com\"" % (w.ts(o).strftime("%Y/%m/%d %H:%M:%S"), 2141, 2141, w.r.randint(800000, 999999), ip(w), path(w), w.r.randint(20, 40), path(w))
        else:
            m = "%s [alert] %d#%d: 1024 worker_connections are not enough" % (w.ts(o).strftime("%Y/%m/%d %H:%M:%S"), 2142, 2142)
        w.emit(o, gce(w, h), "nginx_error", "ALERT", js={"message": m, "level": "alert"}, labels=gce_lbl(h))
    w.poisson(30, alert, start=T + 40, end=T + 22 * 60, mult=lambda o: 1.0 if o < T + 14 * 60 else .3)
    for h in web:
        w.every(300, lambda o, h=h: w.emit(o, gce(w, h), "syslog", None, text="%s %s nginx-stats[%d]: active=%d reading=%d writing=%d waiting=%d" % (w.ts(o).strftime("%b %e %H:%M:%S"), h, 3312,
            (1019 if bad(o) else w.r.randint(180, 340)), w.r.randint(0, 8), (740 if bad(o) else w.r.randint(40, 90)), (279 if bad(o) else w.r.randint(120, 260))), labels=gce_lbl(h)))
    # push campaign context
    cf = cfn(w, "push-campaign-sender")
    w.emit(T - 40, cf, "cloudfunctions.googleapis.com/cloud-functions", "INFO", js={"message": "campaign cyber_weekend_2 dispatch started: segment=all_app_users audience=1184220", "severity": "INFO"}, labels={"execution_id": w.hx(12)})
    w.emit(T + 200, cf, "cloudfunctions.googleapis.com/cloud-functions", "INFO", js={"message": "campaign cyber_weekend_2 dispatch finished: sent=1179311 failed=4909", "severity": "INFO"}, labels={"execution_id": w.hx(12)})
    # catalog-api (Java on VMs) chatter; it's healthy but sees fewer requests during the storm
    for a in app:
        java_app(w, gce(w, a), "catalog-api", "catalog-api", 25, [
            ("INFO", "http-nio-8080-exec-%d" % w.r.randint(1, 200), "c.l.catalog.web.SearchController", lambda: "search q=%s hits=%d took=%dms" % (w.r.choice(["rug", "lamp", "sofa"]), w.r.randint(0, 400), w.r.randint(8, 90))),
            ("INFO", "http-nio-8080-exec-%d" % w.r.randint(1, 200), "c.l.catalog.web.ItemController", lambda: "GET item sku=%d cache=%s" % (w.r.randint(1000, 99999), w.r.choice(["hit", "hit", "miss"]))),
            ("DEBUG", "scheduling-1", "c.l.catalog.cache.PriceCacheRefresher", lambda: "refreshed %d price entries" % w.r.randint(100, 900)),
            ("WARN", "http-nio-8080-exec-%d" % w.r.randint(1, 200), "c.l.catalog.web.ItemController", lambda: "sku %d has no primary image, using placeholder" % w.r.randint(1000, 99999))],
            mult=lambda o: .6 if bad(o) else 1.0)
    # distractor: Hikari housekeeper warning on one catalog VM (GC pause / VM steal)
    for o in [T + 300, T + 460, T + 610, 200, 1400]:
        w.emit(o, gce(w, app[1]), "catalog-api", "WARNING", text="%s WARN  [HikariPool-1 housekeeper] com.zaxxer.hikari.pool.HikariPool - HikariPool-1 - Thread starvation or clock leap detected (housekeeper delta=1m4s37ms)." % w.ts(o).strftime("%Y-%m-%d %H:%M:%S,%f")[:-3])
    syslog_pack(w, web + app)
    cloudsql_pack(w, "shop-mysql-prod", .8)
    return w, {"title": "Push campaign surge exhausts nginx worker_connections on web MIG; LB returns 502/504",
        "root_cause": {"evidence": ["worker_connections are not enough"], "category": "resource-exhaustion", "must_mention": ["worker_connections", "nginx"]},
        "symptoms": [{"evidence": "backend_connection_closed_before_data_sent_to_client"}, {"evidence": "failed_to_connect_to_backend"}, {"evidence": "backend_timeout"}],
        "distractors": [{"evidence": "Thread starvation or clock leap detected"}], "priority": "P1"}

# =====================================================================================
def s02_order_id_overflow():
    w = W("orders-int-pk-exhausted", "2026-12-02T13:05:00Z", 40, 202, P)
    T = 9 * 60 + 13
    om = ["order-mig-2v9k", "order-mig-8hrc", "order-mig-tx0p"]
    hap = "edge-haproxy-1"
    st = gae(w, "storefront", "20261130t101522")
    nid = [2147483561]
    def order(o):
        a = w.r.choice(om); res = gce(w, a); thr = "http-nio-8080-exec-%d" % w.r.randint(1, 120)
        ts = w.ts(o).strftime("%Y-%m-%d %H:%M:%S,%f")[:-3]; cart = "c_" + w.hx(10)
        ok = o < T
        if ok:
            nid[0] += 1
            w.emit(o, res, "order-svc", "INFO", text="%s INFO  [%s] c.l.order.service.OrderService - Order created id=%d cart=%s total_cents=%d items=%d" % (ts, thr, min(nid[0], 2147483647), cart, w.r.randint(1500, 90000), w.r.randint(1, 6)), labels=gce_lbl(a))
            code, lat = 201, w.r.uniform(.08, .3)
        else:
            w.emit(o, res, "order-svc", "ERROR", text="%s ERROR [%s] c.l.order.repo.JdbcOrderRepository - Failed to insert order for cart %s" % (ts, thr, cart), labels=gce_lbl(a))
            jtrace(w, o + .001, res, "order-svc", "org.springframework.dao.DataIntegrityViolationException: PreparedStatementCallback; SQL [INSERT INTO orders (customer_id, cart_id, status, total_cents, currency, created_at) VALUES (?, ?, 'PENDING', ?, 'USD', NOW(6))]; Duplicate entry '2147483647' for key 'orders.PRIMARY'",
                   ["\tat org.springframework.jdbc.support.SQLExceptionSubclassTranslator.doTranslate(SQLExceptionSubclassTranslator.java:87)",
                    "\tat org.springframework.jdbc.core.JdbcTemplate.execute(JdbcTemplate.java:658)",
                    "\tat com.larkspur.order.repo.JdbcOrderRepository.insert(JdbcOrderRepository.java:112)",
                    "\tat com.larkspur.order.service.OrderService.place(OrderService.java:74)",
                    "Caused by: java.sql.SQLIntegrityConstraintViolationException: Duplicate entry '2147483647' for key 'orders.PRIMARY'",
                    "\tat com.mysql.cj.jdbc.exceptions.SQLError.createSQLException(SQLError.java:117)",
                    "\tat com.mysql.cj.jdbc.ClientPreparedStatement.executeUpdateInternal(ClientPreparedStatement.java:1061)",
                    "\t... 47 common frames omitted"], labels=gce_lbl(a))
            code, lat = 500, w.r.uniform(.02, .09)
        w.emit(o + lat, gce(w, hap), "haproxy", None, text="%s %s haproxy[1187]: 10.128.2.%d:%d [%s] fe_internal be_order/%s 0/0/1/%d/%d %d %d - - ---- %d/%d/%d/%d/0 0/0 \"POST /v1/orders HTTP/1.1\"" % (
            w.ts(o).strftime("%b %e %H:%M:%S"), hap, w.r.randint(2, 40), w.r.randint(30000, 60000), w.ts(o).strftime("%d/%b/%Y:%H:%M:%S.%f")[:-3], a, int(lat * 1000), int(lat * 1000) + 1, code, w.r.randint(200, 900), w.r.randint(40, 90), w.r.randint(40, 90), w.r.randint(5, 20), w.r.randint(0, 4)), labels=gce_lbl(hap))
        # storefront (App Engine) caller
        tr = w.hx(32)
        if ok:
            w.emit(o + lat + .01, st, "appengine.googleapis.com/request_log", "INFO", http=http(w, "POST", "https://www.larkspur.com/checkout/place-order", 302, lat + .15), trace=tr)
        else:
            w.emit(o + lat + .005, st, "stderr", "ERROR", js={"message": "Order placement failed for cart %s: order-svc returned 500 Internal Server Error" % cart, "severity": "ERROR", "logger": "storefront.checkout"}, trace=tr)
            w.emit(o + lat + .01, st, "appengine.googleapis.com/request_log", "ERROR", http=http(w, "POST", "https://www.larkspur.com/checkout/place-order", 502, lat + .12), trace=tr)
    w.poisson(14, order, mult=lambda o: 1.0 if o < T + 120 else 1.25)  # users retry
    # storefront browsing
    def browse(o):
        st_ = w.r.choices([200, 304, 404, 302], [80, 10, 6, 4])[0]
        w.emit(o, st, "appengine.googleapis.com/request_log", "INFO" if st_ < 400 else "WARNING", http=http(w, "GET", "https://www.larkspur.com" + path(w), st_, w.r.lognormvariate(-2.7, .6)), trace=True)
    w.poisson(120, browse)
    w.poisson(4, lambda o: w.emit(o, st, "stdout", None, text=w.r.choice(["INFO:storefront.session:session refreshed uid=%d" % w.r.randint(1, 999999), "INFO:storefront.cart:cart merged anon->user", "WARNING:storefront.reco:recommendation fallback used (timeout 150ms)"])))
    w.every(60, lambda o: w.emit(o, st, "appengine.googleapis.com/request_log", "INFO", http=http(w, "GET", "https://storefront-dot-larkspur-prod.uc.r.appspot.com/tasks/refresh-banners", 200, .4, ua="AppEngine-Google; (+http://code.google.com/appengine)", rip="0.1.0.2")))
    for a in om:
        java_app(w, gce(w, a), "order-svc", "order-svc", 10, [
            ("INFO", "http-nio-8080-exec-%d" % w.r.randint(1, 120), "c.l.order.web.OrderController", lambda: "GET /v1/orders/%d 200 %dms" % (w.r.randint(2147000000, 2147483600), w.r.randint(3, 40))),
            ("DEBUG", "scheduling-1", "c.l.order.outbox.OutboxRelay", lambda: "relayed %d outbox events to pubsub topic order-events" % w.r.randint(0, 30)),
            ("WARN", "http-nio-8080-exec-%d" % w.r.randint(1, 120), "c.l.order.tax.TaxClient", lambda: "tax quote cache expired for zip %05d, refetching" % w.r.randint(1000, 99999))])
    w.every(2, lambda o: w.emit(o, gce(w, hap), "haproxy", None, text="%s %s haproxy[1187]: Health check for server be_legacy/legacy-rpt-1 failed, reason: Layer4 timeout, check duration: 2001ms, status: 0/2 DOWN." % (w.ts(o).strftime("%b %e %H:%M:%S"), hap), labels=gce_lbl(hap)) if w.r.random() < .05 else None)
    # distractor: reporting user aborted connections, loud-ish ERROR on cloudsql
    db = sqlres(w, "shop-mysql-prod")
    w.poisson(3, lambda o: w.emit(o, db, "cloudsql.googleapis.com/mysql.err", "ERROR", text=w.ts(o).strftime("%Y-%m-%dT%H:%M:%S.%fZ ") + "%d [Note] [MY-010914] [Server] Aborted connection %d to db: 'shop' user: 'reporting' host: '10.20.0.14' (Got timeout reading communication packets)." % (w.r.randint(100000, 999999), w.r.randint(800000, 900000))), start=6 * 60, end=30 * 60)
    syslog_pack(w, om + [hap])
    cloudsql_pack(w, "shop-mysql-prod", .6)
    return w, {"title": "orders.id (signed INT) reaches 2147483647; every order insert fails with duplicate PRIMARY key",
        "root_cause": {"evidence": ["Duplicate entry '2147483647'"], "category": "database", "must_mention": ["orders", "2147483647"]},
        "symptoms": [{"evidence": "order-svc returned 500"}, {"evidence": "Failed to insert order for cart"}],
        "distractors": [{"evidence": "Got timeout reading communication packets"}], "priority": "P0"}

# =====================================================================================
def s03_metadata_lock():
    w = W("inventory-alter-metadata-lock", "2026-12-03T15:20:00Z", 50, 303, P)
    T = 11 * 60 + 7  # ALTER issued
    job = crjob(w, "db-migrate"); ex = "db-migrate-" + w.hx(5)
    jl = {"run.googleapis.com/execution_name": ex, "run.googleapis.com/task_attempt": "0", "run.googleapis.com/task_index": "0"}
    for i, m in enumerate(["alembic.runtime.migration Context impl MySQLImpl.", "alembic.runtime.migration Will assume non-transactional DDL.",
                           "alembic.runtime.migration Running upgrade 0146_sku_tags -> 0147_add_reserved_qty, add reserved_qty to inventory"]):
        w.emit(T - 3 + i * .2, job, "run.googleapis.com/stdout", None, text="INFO  [%s]" % m.split(" ", 1)[0] + " " + m.split(" ", 1)[1], labels=jl)
    w.emit(T, job, "run.googleapis.com/stdout", None, text="INFO  [migrate] executing: ALTER TABLE inventory ADD COLUMN reserved_qty INT NOT NULL DEFAULT 0, ALGORITHM=INPLACE, LOCK=NONE", labels=jl)
    audit(w, T - 8, "run.googleapis.com", "google.cloud.run.v1.Jobs.RunJob", "namespaces/%s/jobs/db-migrate" % P, "cloudbuild-deployer@larkspur-prod.iam.gserviceaccount.com", res=crjob(w, "db-migrate"))
    # the long report transaction from Composer started before the window
    c = composer(w)
    w.emit(60, c, "airflow-worker", "INFO", text="[%s] {bigquery_export.py:88} INFO - weekly_inventory_snapshot: streaming inventory rows to gs://larkspur-reports/inv/2026-12-03/ (consistent snapshot, txn open since 15:02:11)" % w.ts(60).strftime("%Y-%m-%d, %H:%M:%S UTC"), labels={"workflow": "weekly_inventory_snapshot", "task-id": "export_inventory", "try-number": "1"})
    w.every(120, lambda o: w.emit(o, c, "airflow-worker", "INFO", text="[%s] {bigquery_export.py:121} INFO - weekly_inventory_snapshot: %d rows written" % (w.ts(o).strftime("%Y-%m-%d, %H:%M:%S UTC"), int(o * 3100)), labels={"workflow": "weekly_inventory_snapshot", "task-id": "export_inventory", "try-number": "1"}), start=30, end=38 * 60)
    w.emit(38 * 60 + 3, c, "airflow-worker", "INFO", text="[%s] {taskinstance.py:1400} INFO - Marking task as SUCCESS. dag_id=weekly_inventory_snapshot, task_id=export_inventory" % w.ts(38 * 60 + 3).strftime("%Y-%m-%d, %H:%M:%S UTC"), labels={"workflow": "weekly_inventory_snapshot", "task-id": "export_inventory", "try-number": "1"})
    R = 38 * 60 + 5  # snapshot txn commits -> ALTER gets MDL, finishes, queue drains
    w.emit(R + 41, job, "run.googleapis.com/stdout", None, text="INFO  [migrate] statement finished in 1778.4s", labels=jl)
    w.emit(R + 42, job, "run.googleapis.com/stdout", None, text="INFO  [alembic.runtime.migration] Running upgrade 0147_add_reserved_qty -> done", labels=jl)
    blocked = lambda o: T < o < R + 45
    # mysql-watch cron on ops VM: processlist sampler
    ops = "ops-bastion-1"
    def watch(o):
        hm = w.ts(o).strftime("%b %e %H:%M:%S")
        if blocked(o):
            w.emit(o, gce(w, ops), "syslog", None, text="%s %s mysql-watch[%d]: threads_running=%d longest_running=%ds" % (hm, ops, w.r.randint(3000, 9000), min(40 + int((o - T) / 4), 480), int(o - T + 1080)), labels=gce_lbl(ops))
            w.emit(o + .01, gce(w, ops), "syslog", None, text="%s %s mysql-watch[%d]: id=812290 user=migrator time=%ds state='Waiting for table metadata lock' info='ALTER TABLE inventory ADD COLUMN reserved_qty INT NOT NULL DEFAULT 0, ALGORITHM=INPLACE, LOCK=NONE'" % (hm, ops, w.r.randint(3000, 9000), int(o - T)), labels=gce_lbl(ops))
            w.emit(o + .02, gce(w, ops), "syslog", None, text="%s %s mysql-watch[%d]: %d sessions in state 'Waiting for table metadata lock' (user=inventory, db=shop)" % (hm, ops, w.r.randint(3000, 9000), min(30 + int((o - T) / 4), 470)), labels=gce_lbl(ops))
        else:
            w.emit(o, gce(w, ops), "syslog", None, text="%s %s mysql-watch[%d]: threads_running=%d longest_running=%ds" % (hm, ops, w.r.randint(3000, 9000), w.r.randint(3, 12), int(o + 1080) if o < R else w.r.randint(0, 3)), labels=gce_lbl(ops))
    w.every(60, watch, start=20)
    # inventory-api (Go, GKE) JSON logs
    inv_pods = ["inventory-api-7c9d5f6b8-%s" % w.hx(5) for _ in range(4)]
    cart_pods = ["cart-api-5b7f9c4d6-%s" % w.hx(5) for _ in range(3)]
    def inv(o):
        p = w.r.choice(inv_pods); r = k8s_c(w, "commerce", p, "inventory-api"); sku = w.r.randint(10000, 99999)
        if blocked(o) and w.r.random() < .93:
            w.emit(o, r, "stderr", None, js={"level": "error", "ts": w.ts(o).timestamp(), "caller": "store/mysql.go:142", "msg": "inventory query failed", "sku": sku, "error": "context deadline exceeded", "elapsed_ms": 5000 + w.r.randint(0, 20)})
        else:
            w.emit(o, r, "stderr", None, js={"level": "info", "ts": w.ts(o).timestamp(), "caller": "http/handler.go:77", "msg": "GET /v1/stock", "sku": sku, "status": 200, "elapsed_ms": w.r.randint(2, 30)})
    w.poisson(70, inv)
    def cart(o):
        p = w.r.choice(cart_pods); r = k8s_c(w, "commerce", p, "cart-api")
        if blocked(o) and w.r.random() < .9:
            w.emit(o, r, "stdout", None, text='time="%s" level=warning msg="inventory lookup failed, rejecting add-to-cart" cart=%s err="inventory-api: 503 Service Unavailable" attempt=%d' % (w.ts(o).strftime("%Y-%m-%dT%H:%M:%SZ"), w.hx(10), w.r.randint(1, 3)))
        else:
            w.emit(o, r, "stdout", None, text='time="%s" level=info msg="item added" cart=%s sku=%d' % (w.ts(o).strftime("%Y-%m-%dT%H:%M:%SZ"), w.hx(10), w.r.randint(10000, 99999)))
    w.poisson(30, cart)
    def lb(o):
        b = blocked(o) and w.r.random() < .6
        st = 503 if b else w.r.choices([200, 201, 404], [90, 8, 2])[0]
        w.emit(o, lbres(w, "k8s1-commerce-cart-api-8080-neg"), "requests", "ERROR" if st >= 500 else "INFO", js={"@type": "type.googleapis.com/google.cloud.loadbalancing.type.LoadBalancerLogEntry", "statusDetails": "response_sent_by_backend"},
               http=http(w, "POST", "https://www.larkspur.com/api/v2/cart/items", st, 5.1 if b else w.r.uniform(.02, .2)), trace=True)
    w.poisson(30, lb)
    # distractor: gke node kernel message + zombie task in another DAG
    w.poisson(1.5, lambda o: w.emit(o, c, "airflow-scheduler", "ERROR", text="[%s] {scheduler_job_runner.py:1722} ERROR - Detected zombie job: {'full_filepath': '/home/airflow/gcs/dags/marketing_attribution.py', 'processor_subdir': '/home/airflow/gcs/dags', 'msg': \"{'DAG Id': 'marketing_attribution', 'Task Id': 'load_ga4_events', 'Run Id': 'scheduled__2026-12-03T14:00:00+00:00', 'Hostname': 'airflow-worker-8xk2d'}\", 'simple_task_instance': <SimpleTaskInstance>}" % w.ts(o).strftime("%Y-%m-%d %H:%M:%S,%f")[:-3]), start=5 * 60, end=45 * 60)
    w.poisson(6, lambda o: w.emit(o, c, "airflow-scheduler", "INFO", text="[%s] {scheduler_job_runner.py:%d} INFO - %s" % (w.ts(o).strftime("%Y-%m-%d %H:%M:%S,%f")[:-3], w.r.choice([414, 696, 1529]), w.r.choice(["Setting the following tasks to queued state:", "1 tasks up for execution:", "Sending TaskInstanceKey to CeleryExecutor with priority 1 and queue default", "Resetting orphaned tasks for active dag runs"]))))
    gke_pack(w)
    syslog_pack(w, [ops])
    cloudsql_pack(w, "shop-mysql-prod", .5)
    return w, {"title": "Migration ALTER TABLE inventory queued behind a long snapshot transaction; metadata lock blocks all inventory reads",
        "root_cause": {"evidence": ["ALTER TABLE inventory ADD COLUMN reserved_qty", "0147_add_reserved_qty"], "category": "database", "must_mention": ["inventory", "metadata lock"]},
        "symptoms": [{"evidence": "context deadline exceeded"}, {"evidence": "inventory lookup failed"}, {"evidence": "sessions in state"}],
        "distractors": [{"evidence": "Detected zombie job"}], "priority": "P1"}

# =====================================================================================
def s04_datastore_index():
    w = W("listings-datastore-missing-index", "2026-12-04T09:30:00Z", 35, 404, P)
    T = 7 * 60 + 40
    old, new = "20261201t140233", "20261204t093702"
    audit(w, T - 95, "appengine.googleapis.com", "google.appengine.v1.Versions.CreateVersion", "apps/%s/services/listings/versions/%s" % (P, new), "cloudbuild-deployer@larkspur-prod.iam.gserviceaccount.com", res={"type": "gae_app", "labels": {"module_id": "listings", "project_id": P, "version_id": new, "zone": ""}})
    audit(w, T - 2, "appengine.googleapis.com", "google.appengine.v1.Services.UpdateService", "apps/%s/services/listings" % P, "cloudbuild-deployer@larkspur-prod.iam.gserviceaccount.com", res={"type": "gae_app", "labels": {"module_id": "listings", "project_id": P, "version_id": "", "zone": ""}}, req={"service": {"split": {"allocations": {new: 1.0}}}, "updateMask": "split"})
    def lst(o):
        v = new if o > T else old; r = gae(w, "listings", v); tr = w.hx(32)
        u = w.r.choice(["/api/listings/search?q=%s&sort=price_asc&page=%d", "/api/listings/search?q=%s&sort=newest&page=%d", "/api/listings/search?q=%s&page=%d", "/api/listings/%s/%d"])
        u = u % (w.r.choice(["sofa", "rug", "lamp", "desk"]), w.r.randint(1, 5))
        sorted_ = "sort=" in u
        if o > T and sorted_:
            w.emit(o, r, "stderr", "ERROR", text="Traceback (most recent call last):\n  File \"/layers/google.python.pip/pip/lib/python3.12/site-packages/flask/app.py\", line 880, in full_dispatch_request\n    rv = self.dispatch_request()\n  File \"/workspace/listings/search.py\", line 64, in search\n    results = list(query.fetch(limit=48, offset=(page - 1) * 48))\n  File \"/layers/google.python.pip/pip/lib/python3.12/site-packages/google/api_core/grpc_helpers.py\", line 78, in error_remapped_callable\n    raise exceptions.from_grpc_error(exc) from exc\ngoogle.api_core.exceptions.FailedPrecondition: 400 no matching index found. recommended index is:\n- kind: Listing\n  properties:\n  - name: category\n  - name: active\n  - name: price_cents\n", trace=tr)
            w.emit(o + .01, r, "appengine.googleapis.com/request_log", "ERROR", http=http(w, "GET", "https://listings-dot-larkspur-prod.uc.r.appspot.com" + u, 500, w.r.uniform(.05, .2)), trace=tr,
                   proto={"@type": "type.googleapis.com/google.appengine.logging.v1.RequestLog", "resource": u, "status": 500, "versionId": v, "moduleId": "listings", "method": "GET"})
            fe = gae(w, "default", "20261129t080011")
            w.emit(o + .02, fe, "stdout", None, text='{"level":"ERROR","logger":"web.search","event":"listings search failed","status":500,"upstream":"listings","q":"%s"}' % u.split("q=")[1].split("&")[0])
            if w.r.random() < .5:
                w.emit(o + .03, fe, "stdout", None, text='{"level":"WARNING","logger":"web.search","event":"search page degraded: showing unsorted results","q":"%s"}' % u.split("q=")[1].split("&")[0])
        else:
            w.emit(o, r, "appengine.googleapis.com/request_log", "INFO", http=http(w, "GET", "https://listings-dot-larkspur-prod.uc.r.appspot.com" + u, 200, w.r.lognormvariate(-2.6, .5)), trace=tr,
                   proto={"@type": "type.googleapis.com/google.appengine.logging.v1.RequestLog", "resource": u, "status": 200, "versionId": v, "moduleId": "listings", "method": "GET"})
    w.poisson(90, lst)
    fe = gae(w, "default", "20261129t080011")
    w.poisson(150, lambda o: w.emit(o, fe, "appengine.googleapis.com/request_log", "INFO", http=http(w, "GET", "https://www.larkspur.com" + path(w), w.r.choices([200, 304, 404], [88, 8, 4])[0], w.r.lognormvariate(-2.8, .6)), trace=True))
    w.poisson(6, lambda o: w.emit(o, fe, "stdout", None, text=w.r.choice(['{"level":"INFO","logger":"web.session","event":"session refreshed"}', '{"level":"WARNING","logger":"web.reco","event":"recommendations timed out, serving defaults","timeout_ms":150}', '{"level":"INFO","logger":"web.cart","event":"cart merged"}'])))
    # new version instance startup
    for k in range(3):
        w.emit(T - 60 + k * 7, gae(w, "listings", new), "stdout", None, text="[%s] [%d] [INFO] Booting worker with pid: %d" % (w.ts(T - 60 + k * 7).strftime("%Y-%m-%d %H:%M:%S +0000"), 11, 12 + k))
        w.emit(T - 58 + k * 7, gae(w, "listings", new), "appengine.googleapis.com/request_log", "INFO", http=http(w, "GET", "https://listings-dot-larkspur-prod.uc.r.appspot.com/_ah/warmup", 200, 2.8, ua="AppEngine-Google; (+http://code.google.com/appengine)", rip="0.1.0.3"))
    # distractor: cron sitemap handler hitting deadline
    def smap(o):
        r = gae(w, "default", "20261129t080011")
        w.emit(o, r, "stderr", "ERROR", text="[CRITICAL] WORKER TIMEOUT (pid:%d) while handling /tasks/rebuild-sitemap" % w.r.randint(20, 40))
        w.emit(o + .1, r, "appengine.googleapis.com/request_log", "ERROR", http=http(w, "GET", "https://larkspur-prod.uc.r.appspot.com/tasks/rebuild-sitemap", 500, 600.0, ua="AppEngine-Google; (+http://code.google.com/appengine)", rip="0.1.0.1"))
    for o in [4 * 60, 14 * 60, 24 * 60, 34 * 60]: smap(o)
    w.poisson(1.2, lambda o: w.emit(o, gae(w, "default", "20261129t080011"), "stderr", "WARNING", text="/layers/google.python.pip/pip/lib/python3.12/site-packages/google/cloud/ndb/model.py:2411: DeprecationWarning: datetime.datetime.utcnow() is deprecated and scheduled for removal in a future version."))
    cf = cfn(w, "image-resizer")
    w.poisson(8, lambda o: w.emit(o, cf, "cloudfunctions.googleapis.com/cloud-functions", "DEBUG", text=w.r.choice(["Function execution started", "Function execution took %d ms, finished with status: 'ok'" % w.r.randint(200, 1500)]), labels={"execution_id": w.hx(12)}))
    return w, {"title": "listings version deployed with a new sorted Datastore query but no composite index; sorted search returns 500",
        "root_cause": {"evidence": ["no matching index found"], "category": "configuration", "must_mention": ["index", "Listing"]},
        "symptoms": [{"evidence": "listings search failed"}, {"evidence": "showing unsorted results"}],
        "distractors": [{"evidence": "WORKER TIMEOUT"}], "priority": "P1"}

# =====================================================================================
def s05_function_poison_event():
    w = W("invoice-function-utf16-poison-file", "2026-12-05T06:10:00Z", 40, 505, P)
    T = 6 * 60 + 31
    fn = cfn(w, "ingest-partner-invoices")
    partners = ["northwind-textiles", "alder-ceramics", "kiln-and-co", "brightlamp"]
    def good(o):
        ex = w.hx(12); lb = {"execution_id": ex}; pt = w.r.choice(partners)
        w.emit(o, fn, "cloudfunctions.googleapis.com/cloud-functions", "DEBUG", text="Function execution started", labels=lb)
        n = w.r.randint(5, 80)
        w.emit(o + .3, fn, "cloudfunctions.googleapis.com/cloud-functions", "INFO", text="INFO:ingest:parsed gs://larkspur-partner-drop/%s/invoices_%s_%03d.csv rows=%d" % (pt, "20261205", w.r.randint(1, 200), n), labels=lb)
        w.emit(o + .6, fn, "cloudfunctions.googleapis.com/cloud-functions", "DEBUG", text="Function execution took %d ms, finished with status: 'ok'" % w.r.randint(400, 1800), labels=lb)
    w.poisson(3, good)
    # the poison file: retried with backoff forever
    f = "gs://larkspur-partner-drop/acme-supply/invoices_20261205.csv"
    w.emit(T - 1, {"type": "gcs_bucket", "labels": {"bucket_name": "larkspur-partner-drop", "location": "us", "project_id": P}}, "cloudaudit.googleapis.com/data_access", "INFO",
           proto={"@type": "type.googleapis.com/google.cloud.audit.AuditLog", "serviceName": "storage.googleapis.com", "methodName": "storage.objects.create", "resourceName": "projects/_/buckets/larkspur-partner-drop/objects/acme-supply/invoices_20261205.csv", "authenticationInfo": {"principalEmail": "sftp-gateway@larkspur-prod.iam.gserviceaccount.com"}})
    t, k = T, 0
    while t < w.dur:
        for _ in range(w.r.choice([1, 1, 2])):
            ex = w.hx(12); lb = {"execution_id": ex}; o = t + w.r.uniform(0, 2)
            w.emit(o, fn, "cloudfunctions.googleapis.com/cloud-functions", "DEBUG", text="Function execution started", labels=lb)
            w.emit(o + .2, fn, "cloudfunctions.googleapis.com/cloud-functions", "INFO", text="INFO:ingest:processing %s size=1048210 generation=1733379091552114" % f, labels=lb)
            w.emit(o + .5, fn, "cloudfunctions.googleapis.com/cloud-functions", "ERROR", text="Traceback (most recent call last):\n  File \"/layers/google.python.pip/pip/lib/python3.11/site-packages/functions_framework/__init__.py\", line 174, in view_func\n    function(data, context)\n  File \"/workspace/main.py\", line 41, in ingest\n    for row in csv.DictReader(io.StringIO(blob.download_as_bytes().decode(\"utf-8\"))):\nUnicodeDecodeError: 'utf-8' codec can't decode byte 0xff in position 0: invalid start byte", labels=lb)
            w.emit(o + .55, fn, "cloudfunctions.googleapis.com/cloud-functions", "DEBUG", text="Function execution took %d ms, finished with status: 'crash'" % w.r.randint(600, 900), labels=lb)
        k += 1; t += min(10 * 1.6 ** k, 300) * w.r.uniform(.8, 1.2) if k < 8 else w.r.uniform(30, 90)
    # downstream: AP reconciler Cloud Run job every 10 min
    job = crjob(w, "ap-reconciler")
    def recon(o):
        ex = "ap-reconciler-" + w.hx(5); jl = {"run.googleapis.com/execution_name": ex, "run.googleapis.com/task_index": "0", "run.googleapis.com/task_attempt": "0"}
        w.emit(o, job, "run.googleapis.com/stdout", None, js={"lvl": "info", "event": "reconcile.start", "run_date": "2026-12-05"}, labels=jl)
        for p in partners + ["acme-supply"]:
            n = 0 if (p == "acme-supply" and o > T) else w.r.randint(40, 400)
            if n == 0:
                w.emit(o + 2, job, "run.googleapis.com/stdout", "WARNING", js={"lvl": "warn", "event": "reconcile.partner", "msg": "partner acme-supply: 0 invoices imported for 2026-12-05; expected ~340", "partner": p}, labels=jl)
            else:
                w.emit(o + 2, job, "run.googleapis.com/stdout", None, js={"lvl": "info", "event": "reconcile.partner", "partner": p, "imported": n}, labels=jl)
        w.emit(o + 4, job, "run.googleapis.com/stdout", None, js={"lvl": "info", "event": "reconcile.done"}, labels=jl)
    w.every(600, recon, start=120)
    # distractor: thumbnail function timeouts
    th = cfn(w, "thumbnail-gen")
    def thumb(o):
        ex = w.hx(12); lb = {"execution_id": ex}
        w.emit(o, th, "cloudfunctions.googleapis.com/cloud-functions", "DEBUG", text="Function execution started", labels=lb)
        if w.r.random() < .12:
            w.emit(o + 60, th, "cloudfunctions.googleapis.com/cloud-functions", "ERROR", text="Function execution took 60003 ms, finished with status: 'timeout'", labels=lb)
        else:
            w.emit(o + 1.5, th, "cloudfunctions.googleapis.com/cloud-functions", "DEBUG", text="Function execution took %d ms, finished with status: 'ok'" % w.r.randint(300, 4000), labels=lb)
    w.poisson(25, thumb)
    # web + gke noise
    web = ["web-mig-7k2p", "web-mig-c91d"]
    web_tier(w, web, 40)
    syslog_pack(w, web)
    w.poisson(2, lambda o: w.emit(o, cfn(w, "notify-email"), "cloudfunctions.googleapis.com/cloud-functions", "INFO", js={"message": "queued %d transactional emails" % w.r.randint(1, 30), "severity": "INFO"}, labels={"execution_id": w.hx(12)}))
    return w, {"title": "UTF-16 partner invoice file crashes ingest function on every retry; acme-supply invoices not imported",
        "root_cause": {"evidence": ["UnicodeDecodeError"], "category": "code-bug", "must_mention": ["invoices_20261205.csv", "utf-8"]},
        "symptoms": [{"evidence": "finished with status: 'crash'"}, {"evidence": "0 invoices imported"}],
        "distractors": [{"evidence": "finished with status: 'timeout'"}], "priority": "P2"}

# =====================================================================================
def s06_batch_retention_policy():
    w = W("ml-scores-bucket-retention-lock", "2026-12-06T02:00:00Z", 45, 606, P)
    T = 3 * 60 + 12
    audit(w, T, "storage.googleapis.com", "storage.buckets.update", "projects/_/buckets/larkspur-ml-scores", "dana.k@larkspur.com",
          res={"type": "gcs_bucket", "labels": {"bucket_name": "larkspur-ml-scores", "location": "us-central1", "project_id": P}},
          req={"retentionPolicy": {"retentionPeriod": "2592000"}, "@type": "type.googleapis.com/storage.buckets.update"},
          extra={"serviceData": {"@type": "type.googleapis.com/google.iam.v1.logging.AuditData", "policyDelta": {}}, "metadata": {"reason": "COMP-2291 30d retention for model outputs"}})
    job = "nightly-scoring-20261206"; S = 9 * 60
    c = composer(w); wl = {"workflow": "nightly_scoring", "task-id": "run_batch_scoring", "try-number": "1"}
    w.emit(S - 5, c, "airflow-worker", "INFO", text="[%s] {batch.py:112} INFO - Submitted Cloud Batch job projects/larkspur-prod/locations/us-central1/jobs/%s" % (w.ts(S - 5).strftime("%Y-%m-%d, %H:%M:%S UTC"), job), labels=wl)
    audit(w, S - 4, "batch.googleapis.com", "google.cloud.batch.v1.BatchService.CreateJob", "projects/larkspur-prod/locations/us-central1/jobs/" + job, "composer-worker@larkspur-prod.iam.gserviceaccount.com")
    ntask = 16; fin = []
    for ti in range(ntask):
        task = "task/%s-group0-%d/0/0" % (job, ti); r = batchres(w, job, task); o = S + 70 + w.r.uniform(0, 40)
        w.emit(o, r, "batch_agent_logs", "INFO", text="Task %s-group0-%d/0/0 runnable 0 started" % (job, ti))
        for k in range(12):
            o += w.r.uniform(60, 80)
            w.emit(o, r, "batch_task_logs", "INFO", text="%s INFO scoring: shard %02d batch %d/12 scored %d users" % (w.ts(o).strftime("%Y-%m-%d %H:%M:%S,%f")[:-3], ti, k + 1, w.r.randint(9000, 11000)))
        o += 5
        w.emit(o, r, "batch_task_logs", "INFO", text="%s INFO writer: writing gs://larkspur-ml-scores/latest/part-%05d.parquet (overwrite)" % (w.ts(o).strftime("%Y-%m-%d %H:%M:%S,%f")[:-3], ti))
        w.emit(o + .8, r, "batch_task_logs", "ERROR", text="Traceback (most recent call last):\n  File \"/app/score.py\", line 211, in <module>\n    main()\n  File \"/app/score.py\", line 204, in main\n    blob.upload_from_filename(local, if_generation_match=None)\n  File \"/usr/local/lib/python3.11/site-packages/google/cloud/storage/blob.py\", line 2995, in upload_from_filename\n    self._handle_filename_and_upload(\ngoogle.api_core.exceptions.Forbidden: 403 POST https://storage.googleapis.com/upload/storage/v1/b/larkspur-ml-scores/o?uploadType=resumable: Object 'latest/part-%05d.parquet' is subject to bucket's retention policy or object retention and cannot be deleted or overwritten until 2026-12-31T02:47:55.103-08:00" % (ti, ))
        w.emit(o + 1.5, r, "batch_agent_logs", "ERROR", text="Task %s-group0-%d/0/0 runnable 0 exited with exit code 1. Task state is updated from RUNNING to FAILED on zones/us-central1-b/instances/%s-%s-group0-0-%s" % (job, ti, job[:20], w.hx(4), w.hx(4)))
        fin.append(o + 1.5)
    F = max(fin) + 20
    w.emit(F, c, "airflow-worker", "ERROR", text="[%s] {taskinstance.py:2698} ERROR - Task failed with exception\nairflow.exceptions.AirflowException: Batch job %s finished in state FAILED (16/16 tasks failed)" % (w.ts(F).strftime("%Y-%m-%d, %H:%M:%S UTC"), job), labels=wl)
    w.emit(F + 1, c, "airflow-worker", "INFO", text="[%s] {taskinstance.py:1206} INFO - Marking task as UP_FOR_RETRY. dag_id=nightly_scoring, task_id=run_batch_scoring" % w.ts(F + 1).strftime("%Y-%m-%d, %H:%M:%S UTC"), labels=wl)
    # reco-api on GKE serving stale scores
    pods = ["reco-api-6f8d9c7b5-%s" % w.hx(5) for _ in range(3)]
    def reco(o):
        p = w.r.choice(pods)
        if o > F and w.r.random() < .02:
            w.emit(o, k8s_c(w, "reco", p, "reco-api"), "stdout", "WARNING", js={"severity": "WARNING", "message": "serving recommendations from stale scores snapshot (age 26h, max 24h)", "component": "scores-loader"})
        else:
            w.emit(o, k8s_c(w, "reco", p, "reco-api"), "stdout", "INFO", js={"severity": "INFO", "message": "recommend user=%d k=12 took=%dms" % (w.r.randint(1, 9999999), w.r.randint(4, 40))})
    w.poisson(70, reco)
    # distractor: broken DAG import (unrelated dag)
    w.every(30, lambda o: w.emit(o, c, "airflow-scheduler", "ERROR", text="[%s] {manager.py:1063} ERROR - Broken DAG: [/home/airflow/gcs/dags/tmp_backfill_gbq.py] Traceback (most recent call last):\n  File \"/home/airflow/gcs/dags/tmp_backfill_gbq.py\", line 4, in <module>\n    import pandas_gbq\nModuleNotFoundError: No module named 'pandas_gbq'" % w.ts(o).strftime("%Y-%m-%d %H:%M:%S,%f")[:-3]))
    w.poisson(8, lambda o: w.emit(o, c, "airflow-scheduler", "INFO", text="[%s] {scheduler_job_runner.py:%d} INFO - %s" % (w.ts(o).strftime("%Y-%m-%d %H:%M:%S,%f")[:-3], w.r.choice([414, 696, 1529]), w.r.choice(["Setting the following tasks to queued state:", "1 tasks up for execution:", "Resetting orphaned tasks for active dag runs", "Exiting gracefully upon receiving signal 15"][:3]))))
    w.poisson(4, lambda o: w.emit(o, c, "airflow-worker", "INFO", text="[%s] {base.py:%d} INFO - %s" % (w.ts(o).strftime("%Y-%m-%d, %H:%M:%S UTC"), w.r.randint(40, 300), w.r.choice(["Using connection ID 'google_cloud_default' for task execution.", "Executing <Task(BigQueryInsertJobOperator): load_orders_daily> on 2026-12-05", "Task exited with return code 0"])), labels={"workflow": "warehouse_daily", "task-id": "load_orders_daily", "try-number": "1"}))
    gke_pack(w)
    return w, {"title": "Retention policy added to larkspur-ml-scores bucket; nightly Batch scoring job cannot overwrite latest/ outputs",
        "root_cause": {"evidence": ["storage.buckets.update", "subject to bucket's retention policy"], "category": "configuration", "must_mention": ["larkspur-ml-scores", "retention"]},
        "symptoms": [{"evidence": "exited with exit code 1"}, {"evidence": "finished in state FAILED"}, {"evidence": "stale scores snapshot"}],
        "distractors": [{"evidence": "No module named 'pandas_gbq'"}], "priority": "P2"}

# =====================================================================================
def s07_dataproc_pga():
    w = W("dataproc-serverless-subnet-pga-off", "2026-12-01T04:15:00Z", 40, 707, P)
    T = 5 * 60 + 48
    audit(w, T, "compute.googleapis.com", "v1.compute.subnetworks.setPrivateIpGoogleAccess", "projects/larkspur-prod/regions/us-central1/subnetworks/analytics-usc1", "terraform-net@larkspur-prod.iam.gserviceaccount.com",
          res={"type": "gce_subnetwork", "labels": {"location": "us-central1", "project_id": P, "subnetwork_id": "4418830021766342", "subnetwork_name": "analytics-usc1"}},
          req={"@type": "type.googleapis.com/compute.subnetworks.setPrivateIpGoogleAccess", "privateIpGoogleAccess": False})
    audit(w, T + 3, "compute.googleapis.com", "v1.compute.subnetworks.setPrivateIpGoogleAccess", "projects/larkspur-prod/regions/us-central1/subnetworks/analytics-usc1", "terraform-net@larkspur-prod.iam.gserviceaccount.com",
          res={"type": "gce_subnetwork", "labels": {"location": "us-central1", "project_id": P, "subnetwork_id": "4418830021766342", "subnetwork_name": "analytics-usc1"}}, sev="NOTICE", extra={"response": {"status": "DONE", "operationType": "setPrivateIpGoogleAccess"}})
    c = composer(w)
    # earlier batch running fine (submitted before change)
    b0 = "sessionize-20261201-0400-" + w.hx(4)
    def spark(o):
        w.emit(o, dpbatch(w, b0), "dataproc.googleapis.com/output", None, text="%s INFO %s: %s" % (w.ts(o).strftime("%y/%m/%d %H:%M:%S"), w.r.choice(["TaskSetManager", "DAGScheduler", "BlockManagerInfo"]),
            w.r.choice(["Finished task %d.0 in stage 7.0 (TID %d) in %d ms on 10.40.0.%d (executor %d) (%d/400)" % (w.r.randint(0, 399), w.r.randint(2000, 4000), w.r.randint(800, 9000), w.r.randint(2, 60), w.r.randint(1, 12), w.r.randint(1, 400)),
                        "Added broadcast_%d_piece0 in memory on 10.40.0.%d:41213 (size: 38.2 KiB, free: 2.1 GiB)" % (w.r.randint(1, 40), w.r.randint(2, 60))])))
    w.poisson(40, spark, end=14 * 60)
    w.emit(14 * 60 + 2, dpbatch(w, b0), "dataproc.googleapis.com/output", None, text="%s INFO SparkContext: Successfully stopped SparkContext" % w.ts(14 * 60 + 2).strftime("%y/%m/%d %H:%M:%S"))
    # Spark executor-lost warnings (distractor, before and unrelated)
    for o in [3 * 60, 3 * 60 + 40, 7 * 60, 9 * 60 + 30]:
        w.emit(o, dpbatch(w, b0), "dataproc.googleapis.com/output", "WARNING", text="%s WARN TaskSetManager: Lost task 112.0 in stage 7.0 (TID 2913) (10.40.0.17 executor 4): ExecutorLostFailure (executor 4 exited caused by one of the running tasks) Reason: Container from a bad node: executor decommissioned" % w.ts(o).strftime("%y/%m/%d %H:%M:%S"))
    # subsequent DAG runs try to create new batches and fail
    def attempt(o, dag, try_):
        wl = {"workflow": dag, "task-id": "run_spark", "try-number": str(try_)}; bid = "%s-20261201-%s-%s" % (dag.replace("_", "-")[:18], w.ts(o).strftime("%H%M"), w.hx(4))
        w.emit(o, c, "airflow-worker", "INFO", text="[%s] {dataproc.py:2451} INFO - Creating batch %s" % (w.ts(o).strftime("%Y-%m-%d, %H:%M:%S UTC"), bid), labels=wl)
        audit(w, o + .5, "dataproc.googleapis.com", "google.cloud.dataproc.v1.BatchController.CreateBatch", "projects/larkspur-prod/locations/us-central1/batches/" + bid, "composer-worker@larkspur-prod.iam.gserviceaccount.com", sev="ERROR",
              status={"code": 9, "message": "Subnetwork 'analytics-usc1' does not support Private Google Access which is required for Dataproc clusters when 'internal_ip_only' is set to 'true'. Enable Private Google Access on subnetwork 'analytics-usc1' or set 'internal_ip_only' to 'false'."})
        w.emit(o + 1, c, "airflow-worker", "ERROR", text="[%s] {taskinstance.py:2698} ERROR - Task failed with exception\ngoogle.api_core.exceptions.FailedPrecondition: 400 Subnetwork 'analytics-usc1' does not support Private Google Access which is required for Dataproc clusters when 'internal_ip_only' is set to 'true'. Enable Private Google Access on subnetwork 'analytics-usc1' or set 'internal_ip_only' to 'false'." % w.ts(o + 1).strftime("%Y-%m-%d, %H:%M:%S UTC"), labels=wl)
        w.emit(o + 1.2, c, "airflow-worker", "INFO", text="[%s] {taskinstance.py:1206} INFO - Marking task as %s. dag_id=%s, task_id=run_spark" % (w.ts(o + 1).strftime("%Y-%m-%d, %H:%M:%S UTC"), "UP_FOR_RETRY" if try_ < 3 else "FAILED", dag), labels=wl)
    for dag, st in [("sessionize_hourly", 16 * 60), ("attribution_model", 19 * 60), ("sessionize_hourly_eu", 22 * 60)]:
        for t in range(1, 4):
            attempt(st + (t - 1) * 300 + w.r.uniform(0, 5), dag, t)
    # other composer work succeeds
    w.poisson(5, lambda o: w.emit(o, c, "airflow-worker", "INFO", text="[%s] {bigquery.py:%d} INFO - %s" % (w.ts(o).strftime("%Y-%m-%d, %H:%M:%S UTC"), w.r.randint(1000, 3000), w.r.choice(["Inserting job airflow_warehouse_daily_load_orders_%s" % w.hx(10), "Job completed: bytes processed=%d" % w.r.randint(10 ** 8, 10 ** 11)])), labels={"workflow": "warehouse_daily", "task-id": "load_orders", "try-number": "1"}))
    w.poisson(8, lambda o: w.emit(o, c, "airflow-scheduler", "INFO", text="[%s] {scheduler_job_runner.py:%d} INFO - %s" % (w.ts(o).strftime("%Y-%m-%d %H:%M:%S,%f")[:-3], w.r.choice([414, 696]), w.r.choice(["Setting the following tasks to queued state:", "1 tasks up for execution:"]))))
    # data freshness monitor (Cloud Run job)
    job = crjob(w, "freshness-check")
    w.every(300, lambda o: w.emit(o, job, "run.googleapis.com/stdout", "WARNING" if o > 25 * 60 else None, text=("level=warn msg=\"table stale\" table=analytics.sessions lag_minutes=%d slo_minutes=90" % (60 + int(o / 60))) if o > 25 * 60 else ("level=info msg=\"fresh\" table=analytics.sessions lag_minutes=%d" % (30 + int(o / 60)))))
    web = ["etl-runner-1", "etl-runner-2"]
    syslog_pack(w, web)
    pods = ["reco-api-6f8d9c7b5-%s" % w.hx(5) for _ in range(3)]
    w.poisson(60, lambda o: w.emit(o, k8s_c(w, "reco", w.r.choice(pods), "reco-api"), "stdout", "INFO", js={"severity": "INFO", "message": "recommend user=%d k=12 took=%dms" % (w.r.randint(1, 9999999), w.r.randint(4, 40))}))
    for h in web:
        w.poisson(8, lambda o, h=h: w.emit(o, gce(w, h), "etl-runner", None, text="%s %s [%s] %s" % (w.ts(o).strftime("%Y-%m-%d %H:%M:%S,%f")[:-3], w.r.choice(["INFO", "INFO", "DEBUG", "WARNING"]), w.r.choice(["loader", "sftp", "dedupe"]), w.r.choice(["loaded %d rows into staging.partner_orders" % w.r.randint(100, 9000), "no new files in /inbound/partner_x", "dedupe removed %d rows" % w.r.randint(0, 40), "slow sftp listing (%.1fs)" % w.r.uniform(3, 9)])), labels=gce_lbl(h)))
    gke_pack(w)
    return w, {"title": "Terraform disables Private Google Access on analytics-usc1; Dataproc Serverless batch creation fails",
        "root_cause": {"evidence": ["setPrivateIpGoogleAccess"], "category": "network", "must_mention": ["analytics-usc1", "Private Google Access"]},
        "symptoms": [{"evidence": "does not support Private Google Access"}, {"evidence": "table stale"}],
        "distractors": [{"evidence": "ExecutorLostFailure"}], "priority": "P2"}

# =====================================================================================
def s08_mig_replace_all():
    w = W("api-mig-rolling-replace-all-at-once", "2026-12-02T19:30:00Z", 35, 808, P)
    T = 12 * 60 + 4
    audit(w, T, "compute.googleapis.com", "v1.compute.instanceGroupManagers.patch", "projects/larkspur-prod/zones/us-central1-a/instanceGroupManagers/api-mig", "ravi.s@larkspur.com",
          res={"type": "gce_instance_group_manager", "labels": {"instance_group_manager_id": "7781230098134", "instance_group_manager_name": "api-mig", "location": "us-central1-a", "project_id": P}},
          req={"@type": "type.googleapis.com/compute.instanceGroupManagers.patch", "updatePolicy": {"type": "PROACTIVE", "minimalAction": "REPLACE", "maxSurge": {"fixed": 0}, "maxUnavailable": {"percent": 100}},
               "versions": [{"instanceTemplate": "projects/larkspur-prod/global/instanceTemplates/api-tmpl-20261202-b"}]})
    old = ["api-mig-%s" % w.hx(4) for _ in range(6)]; new = ["api-mig-%s" % w.hx(4) for _ in range(6)]
    down = {}; up = {}
    for i, h in enumerate(old):
        d = T + 8 + w.r.uniform(0, 25); down[h] = d
        audit(w, d, "compute.googleapis.com", "v1.compute.instances.delete", "projects/larkspur-prod/zones/us-central1-a/instances/" + h, "551203344871@cloudservices.gserviceaccount.com", res=gce(w, h, "us-central1-a"), sev="NOTICE")
        w.emit(d - 3, gce(w, h, "us-central1-a"), "syslog", None, text="%s %s systemd[1]: Stopping api-server.service - Larkspur API server..." % (w.ts(d - 3).strftime("%b %e %H:%M:%S"), h), labels=gce_lbl(h))
    for i, h in enumerate(new):
        c0 = T + 40 + w.r.uniform(0, 20)
        audit(w, c0, "compute.googleapis.com", "v1.compute.instances.insert", "projects/larkspur-prod/zones/us-central1-a/instances/" + h, "551203344871@cloudservices.gserviceaccount.com", res=gce(w, h, "us-central1-a"), sev="NOTICE")
        b = c0 + 35 + w.r.uniform(0, 10); hm = lambda o: w.ts(o).strftime("%b %e %H:%M:%S")
        for j, m in enumerate(["kernel: Linux version 6.1.0-27-cloud-amd64 (debian-kernel@lists.debian.org)", "systemd[1]: Started google-startup-scripts.service - Google Compute Engine Startup Scripts.", "google_metadata_script_runner[712]: Starting startup scripts (version 20241105.00).", "google_metadata_script_runner[712]: startup-script: Pulling config from gs://larkspur-deploy/api/20261202-b/"]):
            w.emit(b + j * 2, gce(w, h, "us-central1-a"), "syslog", None, text="%s %s %s" % (hm(b + j * 2), h, m), labels=gce_lbl(h))
        u = b + 150 + w.r.uniform(0, 60); up[h] = u
        w.emit(u - 5, gce(w, h, "us-central1-a"), "api-server", "INFO", text="%s INFO  [main] o.s.b.w.e.tomcat.TomcatWebServer - Tomcat started on port 8080 (http) with context path '/'" % w.ts(u - 5).strftime("%Y-%m-%d %H:%M:%S,%f")[:-3], labels=gce_lbl(h))
        w.emit(u - 4, gce(w, h, "us-central1-a"), "api-server", "INFO", text="%s INFO  [main] c.l.api.ApiApplication - Started ApiApplication in 141.22 seconds (process running for 146.9)" % w.ts(u - 4).strftime("%Y-%m-%d %H:%M:%S,%f")[:-3], labels=gce_lbl(h))
    haps = ["edge-haproxy-1", "edge-haproxy-2"]
    def alive(o): return [h for h in old if o < down[h]] + [h for h in new if o > up[h]]
    for hp in haps:
        for h in old:
            w.emit(down[h] + w.r.uniform(1, 4), gce(w, hp), "haproxy", None, text="%s %s haproxy[1187]: Server be_api/%s is DOWN, reason: Layer4 connection problem, info: \"Connection refused\", check duration: 0ms. %d active and 0 backup servers left. 0 sessions active, 0 requeued, 0 remaining in queue." % (w.ts(down[h]).strftime("%b %e %H:%M:%S"), hp, h, len([x for x in old if down[x] > down[h]])), labels=gce_lbl(hp))
        last = max(down.values()) + 3
        w.emit(last, gce(w, hp), "haproxy", None, text="%s %s haproxy[1187]: backend be_api has no server available!" % (w.ts(last).strftime("%b %e %H:%M:%S"), hp), labels=gce_lbl(hp))
        for h in new:
            w.emit(up[h] + w.r.uniform(2, 6), gce(w, hp), "haproxy", None, text="%s %s haproxy[1187]: Server be_api/%s is UP, reason: Layer7 check passed, code: 200, check duration: 3ms. %d active and 0 backup servers online. 0 sessions requeued, 0 total in queue." % (w.ts(up[h]).strftime("%b %e %H:%M:%S"), hp, h, len([x for x in new if up[x] <= up[h]])), labels=gce_lbl(hp))
        w.every(3, lambda o, hp=hp: w.emit(o, gce(w, hp), "haproxy", None, text="%s %s haproxy[1187]: Health check for server be_legacy/legacy-rpt-1 failed, reason: Layer4 timeout, check duration: 2001ms, status: 0/2 DOWN." % (w.ts(o).strftime("%b %e %H:%M:%S"), hp), labels=gce_lbl(hp)) if w.r.random() < .08 else None)
    def req(o):
        hp = w.r.choice(haps); a = alive(o)
        u = w.r.choice(["/v2/catalog/items/%d", "/v2/cart", "/v2/orders/%d", "/v2/account/me", "/v2/reviews/%d"])
        u = u % w.r.randint(1000, 99999) if "%d" in u else u
        if a:
            be = w.r.choice(a); st = w.r.choices([200, 200, 201, 404, 401], [70, 15, 5, 6, 4])[0]; tt = w.r.randint(5, 120)
            w.emit(o, gce(w, hp), "haproxy", None, text="%s %s haproxy[1187]: %s:%d [%s] fe_https~ be_api/%s 0/0/1/%d/%d %d %d - - ---- %d/%d/%d/%d/0 0/0 \"GET %s HTTP/1.1\"" % (w.ts(o).strftime("%b %e %H:%M:%S"), hp, ip(w), w.r.randint(1024, 65000), w.ts(o).strftime("%d/%b/%Y:%H:%M:%S.%f")[:-3], be, tt - 1, tt, st, w.r.randint(300, 9000), w.r.randint(100, 300), w.r.randint(100, 300), w.r.randint(10, 40), w.r.randint(0, 5), u), labels=gce_lbl(hp))
        else:
            w.emit(o, gce(w, hp), "haproxy", None, text="%s %s haproxy[1187]: %s:%d [%s] fe_https~ be_api/<NOSRV> 0/-1/-1/-1/0 503 217 - - SC-- %d/%d/0/0/0 0/0 \"GET %s HTTP/1.1\"" % (w.ts(o).strftime("%b %e %H:%M:%S"), hp, ip(w), w.r.randint(1024, 65000), w.ts(o).strftime("%d/%b/%Y:%H:%M:%S.%f")[:-3], w.r.randint(100, 300), w.r.randint(100, 300), u), labels=gce_lbl(hp))
    w.poisson(160, req)
    # mobile app BFF on Cloud Run sees upstream 503
    bff = {"type": "cloud_run_revision", "labels": {"configuration_name": "mobile-bff", "location": "us-central1", "project_id": P, "revision_name": "mobile-bff-00231-kq8", "service_name": "mobile-bff"}}
    def bf(o):
        if not alive(o):
            w.emit(o, bff, "run.googleapis.com/stdout", "ERROR", js={"severity": "ERROR", "message": "upstream api.larkspur.internal returned 503 Service Unavailable", "route": "/m/home", "retry": w.r.randint(0, 2)}, trace=True)
        else:
            w.emit(o, bff, "run.googleapis.com/stdout", "INFO", js={"severity": "INFO", "message": "GET /m/home 200", "ms": w.r.randint(20, 200)}, trace=True)
    w.poisson(50, bf)
    for h in old + new:
        java_app(w, gce(w, h, "us-central1-a"), "api-server", "api", 6, [("INFO", "http-nio-8080-exec-9", "c.l.api.web.CatalogController", lambda: "served %d items" % w.r.randint(1, 48)), ("WARN", "http-nio-8080-exec-3", "c.l.api.auth.TokenVerifier", lambda: "token near expiry for uid=%d" % w.r.randint(1, 9999999))],
                 mult=(lambda o, h=h: 1.0 if o < down[h] - 3 else 0.0) if h in down else (lambda o, h=h: 1.0 if o > up[h] else 0.0))
    syslog_pack(w, haps)
    return w, {"title": "Operator patches api-mig with maxUnavailable=100%/maxSurge=0 REPLACE; all API backends removed at once",
        "root_cause": {"evidence": ["instanceGroupManagers.patch"], "category": "configuration", "must_mention": ["api-mig", "maxUnavailable"]},
        "symptoms": [{"evidence": "has no server available"}, {"evidence": "<NOSRV>"}, {"evidence": "returned 503 Service Unavailable"}],
        "distractors": [{"evidence": "be_legacy/legacy-rpt-1 failed"}], "priority": "P0"}

# =====================================================================================
def s09_spot_preemption():
    w = W("transcode-spot-mig-mass-preemption", "2026-12-05T20:00:00Z", 50, 909, P)
    T = 14 * 60 + 22
    vms = ["transcode-spot-mig-%s" % w.hx(4) for _ in range(6)]
    pre = {h: T + w.r.uniform(0, 95) for h in vms[:5]}
    hm = lambda o: w.ts(o).strftime("%b %e %H:%M:%S")
    back = {}
    for h in vms:
        r = gce(w, h, "us-central1-b"); lb = gce_lbl(h)
        end = pre.get(h, w.dur)
        def work(o, h=h, r=r, lb=lb):
            j = "j_" + w.hx(8)
            w.emit(o, r, "transcode-worker", None, js={"lvl": "info", "msg": "job done", "job": j, "profile": w.r.choice(["hls-1080p", "hls-720p", "mp4-480p"]), "secs": round(w.r.uniform(20, 140), 1)}, labels=lb)
        w.poisson(4, work, end=end)
        if h in pre:
            p = pre[h]
            audit(w, p, "compute.googleapis.com", "compute.instances.preempted", "projects/larkspur-prod/zones/us-central1-b/instances/" + h, "system@google.com", res=r, sev="INFO", log="cloudaudit.googleapis.com/system_event",
                  extra={"status": {"message": "Instance was preempted."}})
            w.emit(p + 1, r, "syslog", None, text="%s %s systemd-logind[611]: Power key pressed short." % (hm(p + 1), h), labels=lb)
            w.emit(p + 1.2, r, "syslog", None, text="%s %s systemd-logind[611]: Powering off..." % (hm(p + 1), h), labels=lb)
            w.emit(p + 1.5, r, "syslog", None, text="%s %s systemd[1]: Stopping transcode-worker.service - Larkspur transcode worker..." % (hm(p + 1), h), labels=lb)
            for k in range(w.r.randint(2, 4)):
                w.emit(p + 2 + k * .1, r, "transcode-worker", "WARNING", js={"lvl": "warn", "msg": "received SIGTERM, abandoning job; message will be redelivered after ack deadline", "job": "j_" + w.hx(8)}, labels=lb)
            w.emit(p + 25, r, "syslog", None, text="%s %s google_metadata_script_runner[2210]: shutdown-script: uploading partial segments to gs://larkspur-media-tmp/partial/ (timeout 25s)" % (hm(p + 25), h), labels=lb)
            nh = "transcode-spot-mig-%s" % w.hx(4)
            tries = w.r.randint(2, 4)
            for k in range(tries):
                o = p + 60 + k * w.r.uniform(120, 200)
                ok = k == tries - 1
                audit(w, o, "compute.googleapis.com", "v1.compute.instances.insert", "projects/larkspur-prod/zones/us-central1-b/instances/" + nh, "551203344871@cloudservices.gserviceaccount.com", res=gce(w, nh, "us-central1-b"), sev="NOTICE" if ok else "ERROR",
                      status=None if ok else {"code": 8, "message": "The zone 'projects/larkspur-prod/zones/us-central1-b' does not have enough resources available to fulfill the request. '(resource type:compute)'."})
                if ok:
                    back[nh] = o + 200
                    w.emit(o + 60, gce(w, nh, "us-central1-b"), "syslog", None, text="%s %s systemd[1]: Started transcode-worker.service - Larkspur transcode worker." % (hm(o + 60), nh), labels=gce_lbl(nh))
                    w.poisson(4, lambda o2, nh=nh: w.emit(o2, gce(w, nh, "us-central1-b"), "transcode-worker", None, js={"lvl": "info", "msg": "job done", "job": "j_" + w.hx(8), "profile": "hls-720p", "secs": round(w.r.uniform(20, 140), 1)}, labels=gce_lbl(nh)), start=o + 70)
    syslog_pack(w, vms[:2])
    # media-api on GKE: queue depth & SLA
    pods = ["media-api-7d5c8b9f4-%s" % w.hx(5) for _ in range(3)]
    def depth(o):
        alive = 6 - sum(1 for h in pre if pre[h] < o) + sum(1 for h in back if back[h] < o)
        d = 120 + max(0, (o - T)) * (5 - alive) * 0.9 if o > T else w.r.randint(60, 180)
        d = int(max(40, d))
        sev = "WARNING" if d > 300 else "INFO"
        w.emit(o, k8s_c(w, "media", pods[0], "media-api"), "stdout", sev, js={"severity": sev, "message": ("transcode queue depth %d exceeds SLA threshold 300; oldest job waiting %ds" % (d, int(d * 1.4))) if d > 300 else ("transcode queue depth %d" % d), "subscription": "transcode-jobs-sub"})
    w.every(30, depth)
    def uploads(o):
        p = w.r.choice(pods)
        w.emit(o, k8s_c(w, "media", p, "media-api"), "stdout", "INFO", js={"severity": "INFO", "message": "upload accepted", "asset": w.hx(10), "bytes": w.r.randint(10 ** 6, 4 * 10 ** 8)})
    w.poisson(20, uploads)
    w.poisson(8, lambda o: w.emit(o, k8s_c(w, "media", w.r.choice(pods), "media-api"), "stdout", "INFO", js={"severity": "INFO", "message": "GET /v1/assets/%s status=%s" % (w.hx(10), "ready" if o < T + 300 or w.r.random() < .5 else "processing")}))
    # distractor: notify-email function sendgrid 400s
    ne = cfn(w, "notify-email")
    w.poisson(6, lambda o: w.emit(o, ne, "cloudfunctions.googleapis.com/cloud-functions", "ERROR", js={"message": "SendGrid responded 400 Bad Request: {\"errors\":[{\"message\":\"Does not contain a valid address.\",\"field\":\"personalizations.0.to.0.email\"}]}", "severity": "ERROR", "template": "order_shipped"}, labels={"execution_id": w.hx(12)}))
    w.poisson(10, lambda o: w.emit(o, ne, "cloudfunctions.googleapis.com/cloud-functions", "DEBUG", text=w.r.choice(["Function execution started", "Function execution took %d ms, finished with status: 'ok'" % w.r.randint(90, 900)]), labels={"execution_id": w.hx(12)}))
    gke_pack(w)
    return w, {"title": "Mass Spot preemption of transcode-spot-mig in us-central1-b; recreation stalls; transcode backlog breaches SLA",
        "root_cause": {"evidence": ["compute.instances.preempted", "Instance was preempted"], "category": "capacity", "must_mention": ["transcode-spot-mig", "preempt"]},
        "symptoms": [{"evidence": "abandoning job"}, {"evidence": "exceeds SLA threshold"}, {"evidence": "does not have enough resources available"}],
        "distractors": [{"evidence": "SendGrid responded 400"}], "priority": "P2"}

# =====================================================================================
def s10_composer_dag_import_timeout():
    w = W("composer-dynamic-exports-dagbag-timeout", "2026-12-03T07:00:00Z", 40, 1010, P)
    T = 8 * 60 + 15
    c = composer(w)
    audit(w, T - 70, "storage.googleapis.com", "storage.objects.create", "projects/_/buckets/us-central1-larkspur-composer-9f2c1d3a-bucket/objects/dags/dynamic_exports.py", "ci-dags@larkspur-prod.iam.gserviceaccount.com",
          res={"type": "gcs_bucket", "labels": {"bucket_name": "us-central1-larkspur-composer-9f2c1d3a-bucket", "location": "us-central1", "project_id": P}}, sev="INFO", log="cloudaudit.googleapis.com/data_access")
    f = "/home/airflow/gcs/dags/dynamic_exports.py"
    def tout(o):
        ts = w.ts(o).strftime("%Y-%m-%d %H:%M:%S,%f")[:-3]
        w.emit(o, c, "dag-processor-manager", "ERROR", text="[%s] {manager.py:1217} ERROR - Processor for %s with PID %d started at %s has timed out, killing it." % (ts, f, w.r.randint(2000, 90000), w.ts(o - 30).strftime("%Y-%m-%dT%H:%M:%S.%f+00:00")))
        w.emit(o + .2, c, "airflow-dag-processor", "ERROR", text="[%s] {dagbag.py:351} ERROR - Failed to import: %s\nTraceback (most recent call last):\n  File \"%s\", line 23, in <module>\n    partners = fetch_partner_configs()\n  File \"%s\", line 14, in fetch_partner_configs\n    resp = requests.get(CONFIG_URL, headers=_auth_headers())\n  File \"/opt/python3.11/lib/python3.11/site-packages/urllib3/connectionpool.py\", line 537, in _make_request\n    response = conn.getresponse()\n  File \"/opt/python3.11/lib/python3.11/site-packages/airflow/utils/timeout.py\", line 69, in handle_timeout\n    raise AirflowTaskTimeout(self.error_message)\nairflow.exceptions.AirflowTaskTimeout: DagBag import timeout for %s after 30.0s.\nPlease take a look at these docs to improve your DAG import time:\n* https://airflow.apache.org/docs/apache-airflow/2.9.3/best-practices.html#top-level-python-code" % (ts, f, f, f, f))
    w.every(60, tout, start=T)
    w.emit(T + 75, c, "airflow-scheduler", "INFO", text="[%s] {manager.py:575} INFO - Deactivated 38 DAGs which are no longer present in file." % w.ts(T + 75).strftime("%Y-%m-%d %H:%M:%S,%f")[:-3])
    partners = ["northwind", "alder", "kiln", "brightlamp", "acme", "tidewater", "fernhill"]
    def sched(o):
        ts = w.ts(o).strftime("%Y-%m-%d %H:%M:%S,%f")[:-3]
        if o > T + 75 and w.r.random() < .25:
            p = w.r.choice(partners)
            w.emit(o, c, "airflow-scheduler", "WARNING", text="[%s] {scheduler_job_runner.py:1321} WARNING - DAG 'export_partner_%s' not found in serialized_dag table" % (ts, p))
        else:
            w.emit(o, c, "airflow-scheduler", "INFO", text="[%s] {scheduler_job_runner.py:%d} INFO - %s" % (ts, w.r.choice([414, 696, 1529]), w.r.choice(["Setting the following tasks to queued state:", "1 tasks up for execution:", "Sending TaskInstanceKey(dag_id='warehouse_daily', task_id='load_orders', run_id='scheduled__2026-12-03T06:00:00+00:00', try_number=1, map_index=-1) to CeleryExecutor with priority 3 and queue default"])))
    w.poisson(12, sched)
    def proc(o):
        ts = w.ts(o).strftime("%Y-%m-%d %H:%M:%S,%f")[:-3]
        d = w.r.choice(["warehouse_daily.py", "nightly_scoring.py", "marketing_attribution.py", "sessionize_hourly.py", "inventory_snapshot.py"])
        w.emit(o, c, "dag-processor-manager", "INFO", text="[%s] {processor.py:161} INFO - Started process (PID=%d) to work on /home/airflow/gcs/dags/%s" % (ts, w.r.randint(2000, 90000), d))
    w.poisson(10, proc)
    # exports that used to run every 15 min stop; partner portal notices staleness
    def export(o):
        p = w.r.choice(partners)
        w.emit(o, c, "airflow-worker", "INFO", text="[%s] {gcs.py:%d} INFO - export_partner_%s: wrote gs://larkspur-partner-exports/%s/orders_%s.csv.gz" % (w.ts(o).strftime("%Y-%m-%d, %H:%M:%S UTC"), w.r.randint(500, 700), p, p, w.ts(o).strftime("%Y%m%dT%H%M")), labels={"workflow": "export_partner_" + p, "task-id": "export_orders", "try-number": "1"})
    w.poisson(5, export, end=T)
    portal = gae(w, "partner-portal", "20261120t113045")
    def port(o):
        if o > T + 20 * 60 and w.r.random() < .3:
            w.emit(o, portal, "stderr", "WARNING", text="WARNING:portal.exports:latest export for partner %s is %d minutes old (expected <= 20)" % (w.r.choice(partners), int((o - T) / 60) + 10))
        w.emit(o + .1, portal, "appengine.googleapis.com/request_log", "INFO", http=http(w, "GET", "https://partners.larkspur.com/exports/latest", 200, w.r.uniform(.05, .3)), trace=True)
    w.poisson(40, port)
    w.poisson(60, lambda o: w.emit(o, portal, "appengine.googleapis.com/request_log", w.r.choice(["INFO"] * 9 + ["WARNING"]), http=http(w, "GET", "https://partners.larkspur.com" + w.r.choice(["/orders", "/invoices", "/catalog/feed", "/login", "/static/app.css"]), w.r.choices([200, 304, 302, 404], [80, 10, 6, 4])[0], w.r.lognormvariate(-2.5, .6)), trace=True))
    # distractor: celery broker reconnects on workers
    w.poisson(1, lambda o: w.emit(o, c, "airflow-worker", "WARNING", text="[%s: WARNING/MainProcess] consumer: Connection to broker lost. Trying to re-establish the connection...\nredis.exceptions.ConnectionError: Error while reading from airflow-redis-service.composer-system.svc.cluster.local:6379 : (104, 'Connection reset by peer')" % w.ts(o).strftime("%Y-%m-%d %H:%M:%S,%f")[:-3], labels={"worker_id": "airflow-worker-%s" % w.hx(5)}))
    w.poisson(4, lambda o: w.emit(o, c, "airflow-worker", "INFO", text="[%s] {bigquery.py:%d} INFO - Job completed: bytes processed=%d" % (w.ts(o).strftime("%Y-%m-%d, %H:%M:%S UTC"), w.r.randint(1000, 3000), w.r.randint(10 ** 8, 10 ** 11)), labels={"workflow": "warehouse_daily", "task-id": "load_orders", "try-number": "1"}))
    gke_pack(w, cluster="us-central1-larkspur-composer-9f2c1d3a-gke")
    cloudsql_pack(w, "shop-mysql-prod", .5)
    return w, {"title": "dynamic_exports.py makes a network call at import; DagBag import timeout deactivates 38 partner export DAGs",
        "root_cause": {"evidence": ["DagBag import timeout", "has timed out, killing it"], "category": "code-bug", "must_mention": ["dynamic_exports.py"]},
        "symptoms": [{"evidence": "Deactivated 38 DAGs"}, {"evidence": "not found in serialized_dag table"}, {"evidence": "minutes old (expected <= 20)"}],
        "distractors": [{"evidence": "Connection to broker lost"}], "priority": "P2"}

# =====================================================================================
def s11_liquibase_stale_lock():
    w = W("billing-api-liquibase-stale-changelog-lock", "2026-12-06T16:45:00Z", 40, 1111, P)
    T = 4 * 60 + 2
    audit(w, T, "k8s.io", "io.k8s.apps.v1.deployments.patch", "apps/v1/namespaces/billing/deployments/billing-api", "cloudbuild-deployer@larkspur-prod.iam.gserviceaccount.com", res=k8s_cluster(w),
          req={"spec": {"template": {"spec": {"containers": [{"name": "billing-api", "image": "us-central1-docker.pkg.dev/larkspur-prod/apps/billing-api:2026.12.06-3"}]}}}})
    oldp = ["billing-api-6d9f7c8b5-%s" % w.hx(5) for _ in range(4)]
    newp = ["billing-api-84b6d7f9c-%s" % w.hx(5) for _ in range(2)]
    cl = k8s_cluster(w)
    for i, p in enumerate(newp):
        st = T + 5 + i * 2; r = k8s_c(w, "billing", p, "billing-api")
        w.emit(st, k8s_pod(w, "billing", p), "events", "INFO", js={"reason": "Scheduled", "message": "Successfully assigned billing/%s to gke-prod-gke-usc1-pool-2-3a9f1c2e-x8kq" % p, "involvedObject": {"kind": "Pod", "name": p, "namespace": "billing"}, "type": "Normal"})
        t = st + 12; n = 0
        while t < w.dur:
            w.emit(t, r, "stdout", None, text="%s  INFO 1 --- [           main] c.l.billing.BillingApiApplication        : Starting BillingApiApplication v2026.12.06-3 using Java 21.0.5 with PID 1" % w.ts(t).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z")
            w.emit(t + 9, r, "stdout", None, text="%s  INFO 1 --- [           main] liquibase.database                       : Set default schema name to billing" % (w.ts(t + 9).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"))
            for k in range(30):
                w.emit(t + 10 + k * 10, r, "stdout", None, text="%s  INFO 1 --- [           main] liquibase.lockservice                    : Waiting for changelog lock...." % (w.ts(t + 10 + k * 10).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"))
            e = t + 310
            w.emit(e, r, "stdout", None, text="%s ERROR 1 --- [           main] o.s.boot.SpringApplication               : Application run failed" % (w.ts(e).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"))
            for k, fr in enumerate(["org.springframework.beans.factory.BeanCreationException: Error creating bean with name 'liquibase' defined in class path resource [org/springframework/boot/autoconfigure/liquibase/LiquibaseAutoConfiguration$LiquibaseConfiguration.class]: liquibase.exception.LockException: Could not acquire change log lock.  Currently locked by billing-api-6d9f7c8b5-2wq7n (10.8.3.17) since 12/6/26, 3:58 PM",
                                    "\tat org.springframework.beans.factory.support.AbstractAutowireCapableBeanFactory.initializeBean(AbstractAutowireCapableBeanFactory.java:1806)",
                                    "\tat org.springframework.boot.SpringApplication.run(SpringApplication.java:335)",
                                    "Caused by: liquibase.exception.LockException: Could not acquire change log lock.  Currently locked by billing-api-6d9f7c8b5-2wq7n (10.8.3.17) since 12/6/26, 3:58 PM",
                                    "\tat liquibase.lockservice.StandardLockService.waitForLock(StandardLockService.java:271)",
                                    "\tat liquibase.Liquibase.lambda$update$1(Liquibase.java:216)",
                                    "\t... 24 common frames omitted"]):
                w.emit(e + .001 * (k + 1), r, "stdout", None, text=fr)
            n += 1
            bo = min(10 * 2 ** (n - 1), 300)
            w.emit(e + 2, k8s_pod(w, "billing", p), "events", "WARNING", js={"reason": "BackOff", "message": "Back-off restarting failed container billing-api in pod %s_billing(%s)" % (p, w.hx(8)), "involvedObject": {"kind": "Pod", "name": p, "namespace": "billing"}, "type": "Warning", "count": n})
            t = e + bo + 2
    w.emit(T + 600 + 5, cl, "events", "WARNING", js={"reason": "ProgressDeadlineExceeded", "message": "Deployment \"billing-api\" has timed out progressing: ReplicaSet \"billing-api-84b6d7f9c\" has timed out progressing.", "involvedObject": {"kind": "Deployment", "name": "billing-api", "namespace": "billing"}, "type": "Warning"})
    # old pods keep serving, but 1 fewer (maxUnavailable=1 terminated one) -> latency up
    term = oldp[3]
    w.emit(T + 6, k8s_pod(w, "billing", term), "events", "INFO", js={"reason": "Killing", "message": "Stopping container billing-api", "involvedObject": {"kind": "Pod", "name": term, "namespace": "billing"}, "type": "Normal"})
    def req(o):
        live = oldp[:3] if o > T + 6 else oldp
        p = w.r.choice(live); r = k8s_c(w, "billing", p, "billing-api")
        slow = o > T + 6
        ms = int(w.r.lognormvariate(3.5, .6) * (1.6 if slow else 1))
        w.emit(o, r, "stdout", None, text="%s  INFO 1 --- [nio-8080-exec-%d] c.l.billing.web.InvoiceController        : GET /v1/invoices/%s 200 %dms" % (w.ts(o).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z", w.r.randint(1, 200), w.hx(8), ms))
    w.poisson(95, req)
    w.poisson(1.5, lambda o: w.emit(o, k8s_c(w, "billing", w.r.choice(oldp[:3]), "billing-api"), "stdout", None, text="%s  WARN 1 --- [nio-8080-exec-%d] c.l.billing.tax.VatClient                : VAT lookup slow (%dms) for country=%s" % (w.ts(o).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z", w.r.randint(1, 200), w.r.randint(800, 2500), w.r.choice(["DE", "FR", "NL"]))))
    # HPA
    w.every(120, lambda o: w.emit(o, cl, "events", "WARNING" if o > T + 300 else "INFO", js={"reason": "SuccessfulRescale" if o < T + 300 else "FailedRescale", "message": ("New size: 4; reason: cpu resource utilization (percentage of request) above target" if o < T + 300 else "New size: 6; reason: cpu resource utilization above target; 2 replicas unavailable"), "involvedObject": {"kind": "HorizontalPodAutoscaler", "name": "billing-api", "namespace": "billing"}}))
    # distractor: fluentbit flush failures and a noisy unrelated crashlooping cronjob
    cj = "ledger-export-29021760-" + w.hx(5)
    for o in [2 * 60, 17 * 60, 32 * 60]:
        r = k8s_c(w, "finance", cj, "ledger-export")
        w.emit(o, r, "stderr", "ERROR", text="Traceback (most recent call last):\n  File \"/app/export.py\", line 88, in <module>\n    upload(report)\n  File \"/app/export.py\", line 61, in upload\n    sftp.put(path, remote)\nparamiko.ssh_exception.SSHException: Error reading SSH protocol banner[Errno 104] Connection reset by peer")
        w.emit(o + 1, k8s_pod(w, "finance", cj), "events", "WARNING", js={"reason": "BackoffLimitExceeded", "message": "Job has reached the specified backoff limit", "involvedObject": {"kind": "Job", "name": cj[:-6], "namespace": "finance"}, "type": "Warning"})
    gke_pack(w)
    cloudsql_pack(w, "billing-pg-prod", .3)
    return w, {"title": "billing-api rollout stuck: Liquibase changelog lock left held by a killed pod; new pods crash-loop",
        "root_cause": {"evidence": ["Could not acquire change log lock"], "category": "database", "must_mention": ["billing-api", "changelog lock"]},
        "symptoms": [{"evidence": "Back-off restarting failed container"}, {"evidence": "ProgressDeadlineExceeded"}, {"evidence": "Waiting for changelog lock"}],
        "distractors": [{"evidence": "Error reading SSH protocol banner"}], "priority": "P2"}

# =====================================================================================
def s12_duplicate_cron():
    w = W("charge-renewals-cron-runs-on-every-mig-instance", "2026-12-01T11:50:00Z", 45, 1212, P)
    base = ["worker-mig-4m2c"]; added = ["worker-mig-%s" % w.hx(4) for _ in range(3)]
    S = 3 * 60
    for i, h in enumerate(added):
        o = S + i * 20
        audit(w, o, "compute.googleapis.com", "v1.compute.instances.insert", "projects/larkspur-prod/zones/us-central1-c/instances/" + h, "551203344871@cloudservices.gserviceaccount.com", res=gce(w, h, "us-central1-c"), sev="NOTICE",
              extra={"metadata": {"@type": "type.googleapis.com/google.cloud.audit.InstanceGroupManagerMetadata", "reason": "autoscaler: CPU utilization 0.78 > target 0.6 for worker-mig"}})
        w.emit(o + 55, gce(w, h, "us-central1-c"), "syslog", None, text="%s %s systemd[1]: Started cron.service - Regular background program processing daemon." % (w.ts(o + 55).strftime("%b %e %H:%M:%S"), h), labels=gce_lbl(h))
        w.emit(o + 56, gce(w, h, "us-central1-c"), "syslog", None, text="%s %s cron[601]: (CRON) INFO (Running @reboot jobs)" % (w.ts(o + 56).strftime("%b %e %H:%M:%S"), h), labels=gce_lbl(h))
    allh = base + added
    C = [10 * 60, 40 * 60]  # 12:00 and 12:30 runs
    pay = ["payments-api-5c8f7d6b9-%s" % w.hx(5) for _ in range(3)]
    for c0 in C:
        for h in allh:
            if h in added and c0 < S + 60: continue
            r = gce(w, h, "us-central1-c"); lb = gce_lbl(h); o = c0 + w.r.uniform(0, .8)
            pid = w.r.randint(10000, 40000)
            w.emit(o, r, "syslog", None, text="%s %s CRON[%d]: (larkspur) CMD (/opt/larkspur/bin/charge-renewals --window=30m >> /var/log/larkspur/renewals.log 2>&1)" % (w.ts(o).strftime("%b %e %H:%M:%S"), h, pid), labels=lb)
            w.emit(o + 1, r, "renewals", None, text="ts=%s level=info app=charge-renewals host=%s msg=\"run start\" due=%d lock=disabled" % (w.ts(o + 1).strftime("%Y-%m-%dT%H:%M:%SZ"), h, 212), labels=lb)
            t = o + 2
            for k in range(212):
                t += w.r.uniform(.3, 1.6)
                sub = "sub_%06d" % (300000 + k * 7)
                w.emit(t, r, "renewals", None, text="ts=%s level=info app=charge-renewals host=%s msg=\"charged\" subscription=%s amount_cents=%d" % (w.ts(t).strftime("%Y-%m-%dT%H:%M:%SZ"), h, sub, 1299 + (k % 5) * 1000), labels=lb)
                if h != base[0]:
                    p = w.r.choice(pay); pr = k8s_c(w, "payments", p, "payments-api")
                    w.emit(t + .2, pr, "stdout", "WARNING", js={"severity": "WARNING", "message": "duplicate charge detected: subscription %s already charged this period (idempotency key renewal-%s-%s differs)" % (sub, sub, h), "component": "ledger", "subscription": sub})
            w.emit(t + 1, r, "renewals", None, text="ts=%s level=info app=charge-renewals host=%s msg=\"run done\" charged=212 failed=0" % (w.ts(t + 1).strftime("%Y-%m-%dT%H:%M:%SZ"), h), labels=lb)
    # support/customer impact
    sup = cfn(w, "zendesk-webhook")
    w.poisson(2.5, lambda o: w.emit(o, sup, "cloudfunctions.googleapis.com/cloud-functions", "INFO", js={"message": "ticket created: tag=billing_double_charge customer=%d" % w.r.randint(100000, 999999), "severity": "INFO"}, labels={"execution_id": w.hx(12)}), start=C[0] + 300)
    # payments-api normal traffic
    w.poisson(40, lambda o: w.emit(o, k8s_c(w, "payments", w.r.choice(pay), "payments-api"), "stdout", "INFO", js={"severity": "INFO", "message": "POST /v1/charges 201", "ms": w.r.randint(120, 700)}))
    # distractor: webhook signature failures
    w.poisson(3, lambda o: w.emit(o, k8s_c(w, "payments", w.r.choice(pay), "payments-api"), "stdout", "ERROR", js={"severity": "ERROR", "message": "webhook signature verification failed: timestamp outside tolerance (source=psp-webhooks, event=charge.refunded)", "component": "webhooks"}))
    # worker regular job processing
    for h in allh:
        w.poisson(6, lambda o, h=h: w.emit(o, gce(w, h, "us-central1-c"), "worker", None, text="ts=%s level=%s app=worker host=%s msg=\"%s\"" % (w.ts(o).strftime("%Y-%m-%dT%H:%M:%SZ"), w.r.choice(["info", "info", "debug", "warn"]), h, w.r.choice(["processed order-events batch size=50", "invoice pdf rendered", "retrying sendgrid enqueue", "gc pause 41ms"])), labels=gce_lbl(h)), start=0 if h in base else S + 80)
    syslog_pack(w, allh)
    gke_pack(w)
    return w, {"title": "worker-mig scaled out to 4; /etc/cron.d charge-renewals baked into template runs on every instance and double-charges subscribers",
        "root_cause": {"evidence": ["CMD (/opt/larkspur/bin/charge-renewals"], "category": "configuration", "must_mention": ["charge-renewals", "worker-mig"]},
        "symptoms": [{"evidence": "duplicate charge detected"}, {"evidence": "billing_double_charge"}],
        "distractors": [{"evidence": "webhook signature verification failed"}], "priority": "P1"}

# =====================================================================================
def h01_healthy_web():
    w = W("healthy-web-estate-saturday-evening", "2026-11-29T21:10:00Z", 45, 1301, P)
    web = ["web-mig-7k2p", "web-mig-c91d", "web-mig-q4xs", "web-mig-zz3m"]
    def fail(o):
        if w.r.random() < .004: return (502, "backend_connection_closed_before_data_sent_to_client", w.r.uniform(.01, .2))
        if w.r.random() < .002: return (504, "backend_timeout", 30.0)
    web_tier(w, web, 120, fail=fail)
    app = ["catalog-mig-1b8v", "catalog-mig-6tqe"]
    for a in app:
        java_app(w, gce(w, a), "catalog-api", "catalog-api", 20, [
            ("INFO", "http-nio-8080-exec-%d" % w.r.randint(1, 200), "c.l.catalog.web.SearchController", lambda: "search q=%s hits=%d took=%dms" % (w.r.choice(["rug", "lamp", "sofa"]), w.r.randint(0, 400), w.r.randint(8, 90))),
            ("WARN", "http-nio-8080-exec-%d" % w.r.randint(1, 200), "c.l.catalog.web.ItemController", lambda: "sku %d has no primary image, using placeholder" % w.r.randint(1000, 99999)),
            ("ERROR", "http-nio-8080-exec-%d" % w.r.randint(1, 200), "c.l.catalog.web.ReviewController", lambda: "review service call failed: java.net.SocketTimeoutException: Read timed out (retrying once)")])
    hap = "edge-haproxy-1"
    w.every(3, lambda o: w.emit(o, gce(w, hap), "haproxy", None, text="%s %s haproxy[1187]: Health check for server be_legacy/legacy-rpt-1 failed, reason: Layer4 timeout, check duration: 2001ms, status: 0/2 DOWN." % (w.ts(o).strftime("%b %e %H:%M:%S"), hap), labels=gce_lbl(hap)) if w.r.random() < .08 else None)
    # one spot VM preempted and replaced without fuss
    h = "transcode-spot-mig-91fa"
    audit(w, 22 * 60, "compute.googleapis.com", "compute.instances.preempted", "projects/larkspur-prod/zones/us-central1-b/instances/" + h, "system@google.com", res=gce(w, h, "us-central1-b"), sev="INFO", log="cloudaudit.googleapis.com/system_event", extra={"status": {"message": "Instance was preempted."}})
    audit(w, 23 * 60, "compute.googleapis.com", "v1.compute.instances.insert", "projects/larkspur-prod/zones/us-central1-b/instances/transcode-spot-mig-b07c", "551203344871@cloudservices.gserviceaccount.com", res=gce(w, "transcode-spot-mig-b07c", "us-central1-b"))
    for o in [5 * 60, 35 * 60]:
        for k in range(12):
            w.emit(o + k * .5, gce(w, web[0]), "syslog", None, text="%s %s kernel: [%d.%06d] [UFW BLOCK] IN=ens4 OUT= MAC=42:01:0a:80:00:0a SRC=%s DST=10.128.0.10 LEN=44 TOS=0x00 PREC=0x00 TTL=243 ID=54321 PROTO=TCP SPT=%d DPT=%d WINDOW=1024 RES=0x00 SYN URGP=0" % (w.ts(o).strftime("%b %e %H:%M:%S"), web[0], 812345 + int(o), w.r.randint(0, 999999), ip(w), w.r.randint(1024, 65000), w.r.choice([22, 23, 3389, 5900, 6379])), labels=gce_lbl(web[0]))
    syslog_pack(w, web + app + [hap])
    cloudsql_pack(w, "shop-mysql-prod", 1.0)
    cf = cfn(w, "push-campaign-sender")
    w.poisson(.5, lambda o: w.emit(o, cf, "cloudfunctions.googleapis.com/cloud-functions", "WARNING", js={"message": "FCM token unregistered, pruning device %s" % w.hx(16), "severity": "WARNING"}, labels={"execution_id": w.hx(12)}))
    return w, {"title": "Healthy: busy Saturday evening on the web/VM estate", "root_cause": None, "symptoms": [], "distractors": [], "priority": "none"}

def h02_healthy_data():
    w = W("healthy-data-platform-overnight", "2026-12-04T03:00:00Z", 50, 1402, P)
    c = composer(w)
    w.poisson(14, lambda o: w.emit(o, c, "airflow-scheduler", "INFO", text="[%s] {scheduler_job_runner.py:%d} INFO - %s" % (w.ts(o).strftime("%Y-%m-%d %H:%M:%S,%f")[:-3], w.r.choice([414, 696, 1529]), w.r.choice(["Setting the following tasks to queued state:", "1 tasks up for execution:", "Resetting orphaned tasks for active dag runs"]))))
    w.poisson(10, lambda o: w.emit(o, c, "dag-processor-manager", "INFO", text="[%s] {processor.py:161} INFO - Started process (PID=%d) to work on /home/airflow/gcs/dags/%s" % (w.ts(o).strftime("%Y-%m-%d %H:%M:%S,%f")[:-3], w.r.randint(2000, 90000), w.r.choice(["warehouse_daily.py", "nightly_scoring.py", "dynamic_exports.py", "sessionize_hourly.py"]))))
    w.poisson(8, lambda o: w.emit(o, c, "airflow-worker", "INFO", text="[%s] {bigquery.py:%d} INFO - Job completed: bytes processed=%d" % (w.ts(o).strftime("%Y-%m-%d, %H:%M:%S UTC"), w.r.randint(1000, 3000), w.r.randint(10 ** 8, 10 ** 11)), labels={"workflow": "warehouse_daily", "task-id": "load_orders", "try-number": "1"}))
    # a task fails once and succeeds on retry
    wl = {"workflow": "marketing_attribution", "task-id": "load_ga4_events", "try-number": "1"}
    w.emit(12 * 60, c, "airflow-worker", "ERROR", text="[%s] {taskinstance.py:2698} ERROR - Task failed with exception\ngoogle.api_core.exceptions.ServiceUnavailable: 503 POST https://bigquery.googleapis.com/bigquery/v2/projects/larkspur-prod/jobs?prettyPrint=false: Error encountered during execution. Retrying may solve the problem." % w.ts(12 * 60).strftime("%Y-%m-%d, %H:%M:%S UTC"), labels=wl)
    w.emit(17 * 60, c, "airflow-worker", "INFO", text="[%s] {taskinstance.py:1400} INFO - Marking task as SUCCESS. dag_id=marketing_attribution, task_id=load_ga4_events" % w.ts(17 * 60).strftime("%Y-%m-%d, %H:%M:%S UTC"), labels=dict(wl, **{"try-number": "2"}))
    w.poisson(1, lambda o: w.emit(o, c, "airflow-worker", "WARNING", text="[%s: WARNING/MainProcess] consumer: Connection to broker lost. Trying to re-establish the connection..." % w.ts(o).strftime("%Y-%m-%d %H:%M:%S,%f")[:-3]))
    # Batch job running fine
    job = "nightly-scoring-20261204"
    for ti in range(8):
        r = batchres(w, job, "task/%s-group0-%d/0/0" % (job, ti)); o = 60 + w.r.uniform(0, 30)
        w.emit(o, r, "batch_agent_logs", "INFO", text="Task %s-group0-%d/0/0 runnable 0 started" % (job, ti))
        for k in range(25):
            o += w.r.uniform(60, 90)
            w.emit(o, r, "batch_task_logs", "INFO", text="%s INFO scoring: shard %02d batch %d/25 scored %d users" % (w.ts(o).strftime("%Y-%m-%d %H:%M:%S,%f")[:-3], ti, k + 1, w.r.randint(9000, 11000)))
            if w.r.random() < .05:
                w.emit(o + 1, r, "batch_task_logs", "WARNING", text="%s WARNING google.auth.compute_engine._metadata: Compute Engine Metadata server unavailable on attempt 1 of 3. Reason: timed out" % w.ts(o).strftime("%Y-%m-%d %H:%M:%S,%f")[:-3])
    # Dataproc serverless
    b0 = "sessionize-20261204-0300-" + w.hx(4)
    w.poisson(40, lambda o: w.emit(o, dpbatch(w, b0), "dataproc.googleapis.com/output", None, text="%s INFO TaskSetManager: Finished task %d.0 in stage %d.0 (TID %d) in %d ms on 10.40.0.%d (executor %d)" % (w.ts(o).strftime("%y/%m/%d %H:%M:%S"), w.r.randint(0, 399), w.r.randint(1, 9), w.r.randint(2000, 4000), w.r.randint(800, 9000), w.r.randint(2, 60), w.r.randint(1, 12))), end=30 * 60)
    for o in [8 * 60, 21 * 60]:
        w.emit(o, dpbatch(w, b0), "dataproc.googleapis.com/output", "WARNING", text="%s WARN TaskSetManager: Lost task 87.0 in stage 4.0 (TID 1201) (10.40.0.22 executor 6): ExecutorLostFailure (executor 6 exited caused by one of the running tasks) Reason: Container from a bad node: executor decommissioned" % w.ts(o).strftime("%y/%m/%d %H:%M:%S"))
    # functions
    fn = cfn(w, "ingest-partner-invoices")
    def good(o):
        lb = {"execution_id": w.hx(12)}
        w.emit(o, fn, "cloudfunctions.googleapis.com/cloud-functions", "DEBUG", text="Function execution started", labels=lb)
        w.emit(o + .6, fn, "cloudfunctions.googleapis.com/cloud-functions", "DEBUG", text="Function execution took %d ms, finished with status: 'ok'" % w.r.randint(400, 1800), labels=lb)
    w.poisson(3, good)
    th = cfn(w, "thumbnail-gen")
    w.poisson(.3, lambda o: w.emit(o, th, "cloudfunctions.googleapis.com/cloud-functions", "ERROR", text="Function execution took 60003 ms, finished with status: 'timeout'", labels={"execution_id": w.hx(12)}))
    # Cloud Run job
    job2 = crjob(w, "freshness-check")
    w.every(300, lambda o: w.emit(o, job2, "run.googleapis.com/stdout", None, text="level=info msg=\"fresh\" table=analytics.sessions lag_minutes=%d" % w.r.randint(20, 60)))
    # GKE
    pods = ["reco-api-6f8d9c7b5-%s" % w.hx(5) for _ in range(3)]
    w.poisson(40, lambda o: w.emit(o, k8s_c(w, "reco", w.r.choice(pods), "reco-api"), "stdout", "INFO", js={"severity": "INFO", "message": "recommend user=%d k=12 took=%dms" % (w.r.randint(1, 9999999), w.r.randint(4, 40))}))
    p = "ledger-export-29022480-" + w.hx(5)
    w.emit(33 * 60, k8s_c(w, "finance", p, "ledger-export"), "stderr", "ERROR", text="paramiko.ssh_exception.SSHException: Error reading SSH protocol banner[Errno 104] Connection reset by peer")
    w.emit(34 * 60, k8s_c(w, "finance", p, "ledger-export"), "stdout", None, text="INFO retry 2/5: upload ok (4.1 MB) to sftp.partner-bank.example:22")
    gke_pack(w)
    syslog_pack(w, ["etl-runner-1", "ops-bastion-1"])
    return w, {"title": "Healthy: overnight data platform with ordinary retries and warnings", "root_cause": None, "symptoms": [], "distractors": [], "priority": "none"}

ALL = [s01_nginx_worker_connections, s02_order_id_overflow, s03_metadata_lock, s04_datastore_index, s05_function_poison_event,
       s06_batch_retention_policy, s07_dataproc_pga, s08_mig_replace_all, s09_spot_preemption, s10_composer_dag_import_timeout,
       s11_liquibase_stale_lock, s12_duplicate_cron, h01_healthy_web, h02_healthy_data]

if __name__ == "__main__":
    bad = 0
    for f in ALL:
        w, truth = f()
        n, probs = w.write(OUT, truth)
        print("%-50s %6d %s" % (w.id, n, "; ".join(probs) if probs else "ok"))
        bad += bool(probs)
    sys.exit(1 if bad else 0)
