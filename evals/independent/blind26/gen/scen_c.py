from datetime import timedelta
from core import Gen, ts_java, ts_log4j, ts_pg, ts_py, ts_z, iso


# ---------------------------------------------------------------- 6. Mastodon: ingress stops forwarding client IPs
def mastodon_proxy(out):
    g = Gen("mastodon-rack-attack-shared-ip", 2606, "fedi-commons", "mstdn-gke", "europe-west4",
            "2026-04-14T18:40:00Z", 45)
    r = g.r
    ns = "mastodon"
    web = g.pod("mastodon-web", 4)
    stream = g.pod("mastodon-streaming", 2)
    sk = g.pod("mastodon-sidekiq-default", 2) + g.pod("mastodon-sidekiq-push-pull", 2)
    ing = g.pod("ingress-nginx-controller", 2)
    F = 14.0
    gfe = ["35.191.12.%d" % i for i in (8, 17, 33)] + ["130.211.2.%d" % i for i in (41, 77)]
    paths = [("GET", "/api/v1/timelines/home", "Api::V1::Timelines::HomeController", "show", True),
             ("GET", "/api/v1/notifications", "Api::V1::NotificationsController", "index", True),
             ("GET", "/api/v1/timelines/public", "Api::V1::Timelines::PublicController", "show", False),
             ("GET", "/@{}", "AccountsController", "show", False),
             ("GET", "/@{}/{}", "StatusesController", "show", False),
             ("POST", "/api/v1/statuses", "Api::V1::StatusesController", "create", True),
             ("POST", "/api/v1/statuses/{}/favourite", "Api::V1::Statuses::FavouritesController", "create", True),
             ("GET", "/api/v2/search", "Api::V2::SearchController", "index", True),
             ("POST", "/auth/sign_in", "Auth::SessionsController", "create", False),
             ("GET", "/api/v1/instance", "Api::V1::InstancesController", "show", False),
             ("POST", "/inbox", "ActivityPub::InboxesController", "create", False)]
    weights = [20, 10, 6, 8, 10, 3, 5, 3, 1, 4, 18]
    users = ["kestrel", "ameliaw", "bogdan", "pixelpunk", "nora_s", "tidepool", "urbanfox", "mika", "zettel"]

    def req(t, m):
        meth, p, ctrl, act, authed = r.choices(paths, weights)[0]
        p = p.format(r.choice(users), r.randint(10**17, 10**18)) if "{}" in p else p
        rid = g.uuid()
        client = g.ip()
        shared = m >= F + 0.3
        seen_ip = r.choice(gfe) if shared else client
        # after the change every client collapses onto a handful of GFE addresses, throttles trip
        throttled = shared and m >= F + 1.5 and p != "/inbox" and r.random() < (0.55 if not authed else 0.18)
        if throttled:
            rule = "throttle_unauthenticated_api" if p.startswith("/api") and not authed else ("throttle_login_attempts/ip" if "sign_in" in p else "throttle_per_ip")
            if authed:
                rule = "throttle_per_ip"
            g.k8s(t, ns, r.choice(web), "web", "INFO", f"[{rid}] Rate limit hit ({rule}): {seen_ip} {meth} {p}")
            g.lb(t, "fedi.commons.social", meth, p, 429, r.uniform(0.002, 0.01), size=54)
        else:
            d = r.uniform(8, 180)
            st = 202 if p == "/inbox" else (302 if "sign_in" in p else 200)
            g.k8s(t, ns, r.choice(web), "web", "INFO", f"[{rid}] method={meth} path={p} format={'json' if p.startswith('/api') or p == '/inbox' else 'html'} controller={ctrl} action={act} status={st} duration={d:.2f} view={d * 0.3:.2f} db={d * 0.25:.2f}")
            g.lb(t, "fedi.commons.social", meth, p, st, d / 1000 + 0.003,
                 ua="http.rb/5.2.0 (Mastodon/4.3.2; +https://" + r.choice(["hachyderm.io", "fosstodon.org", "mastodon.art", "chaos.social"]) + "/)" if p == "/inbox" else None)
    g.poisson(190, req, rate_fn=lambda m: 1.0 + 0.25 * (m > 22))

    def streaming(t, m):
        s = r.choice(stream)
        c = r.random()
        if c < 0.6:
            g.k8s(t, ns, s, "streaming", "INFO", {"level": 30, "time": int(t.timestamp() * 1000), "pid": 1, "hostname": s, "name": "streaming", "requestId": g.uuid(), "accountId": str(r.randint(10**5, 10**6)), "msg": "Subscribed to timeline:" + str(r.randint(10**5, 10**6))})
        else:
            g.k8s(t, ns, s, "streaming", "INFO", {"level": 30, "time": int(t.timestamp() * 1000), "pid": 1, "hostname": s, "name": "streaming", "msg": "Unsubscribed from timeline:" + str(r.randint(10**5, 10**6))})
    g.poisson(25, streaming)

    def sidekiq(t, m):
        s = r.choice(sk)
        cls = r.choice(["FeedInsertWorker", "LinkCrawlWorker", "ActivityPub::ProcessingWorker", "DistributionWorker", "PushUpdateWorker", "ActivityPub::DeliveryWorker", "ThreadResolveWorker"])
        jid = g.hexid(24)
        if cls == "ActivityPub::DeliveryWorker" and r.random() < 0.22:  # distractor: dead remote instances
            host = r.choice(["social.defunct-town.net", "mstdn.oldschool.page", "toot.abandoned.party"])
            g.k8s(t, ns, s, "sidekiq", "WARNING", f"{ts_z(t)} pid=7 tid={g.hexid(6)} class={cls} jid={jid} elapsed={r.uniform(0.5, 10):.3f} WARN: Mastodon::UnexpectedResponseError: https://{host}/inbox returned code 410")
            return
        g.k8s(t, ns, s, "sidekiq", "INFO", f"{ts_z(t)} pid=7 tid={g.hexid(6)} class={cls} jid={jid} INFO: start")
        g.k8s(t + timedelta(milliseconds=r.randint(5, 400)), ns, s, "sidekiq", "INFO", f"{ts_z(t)} pid=7 tid={g.hexid(6)} class={cls} jid={jid} elapsed={r.uniform(0.005, 0.4):.3f} INFO: done")
    g.poisson(70, sidekiq)

    def sched(t, m):
        s = sk[0]
        for cls in ("Scheduler::AccountsStatusesCleanupScheduler", "Scheduler::IndexingScheduler"):
            g.k8s(t, ns, s, "sidekiq", "INFO", f"{ts_z(t)} pid=7 tid={g.hexid(6)} class={cls} jid={g.hexid(24)} INFO: start")
    g.periodic(5, sched, offset=1)

    def ingress_bg(t, m):
        i = r.choice(ing)
        g.k8s(t, "ingress-nginx", i, "controller", "INFO", f"{g.ip() if m < F else r.choice(gfe)} - - [{t.strftime('%d/%b/%Y:%H:%M:%S')} +0000] \"GET /api/v1/streaming/health HTTP/1.1\" 200 2 \"-\" \"kube-probe/1.30\" 120 0.001 [mastodon-mastodon-streaming-4000] [] {g.podip()}:4000 2 0.001 200 {g.hexid(32)}")
    g.poisson(12, ingress_bg)

    # cause: ingress ConfigMap change (part of a "cleanup unused annotations" PR) and reload
    tc = g.at(F)
    g.audit(tc - timedelta(seconds=5), "io.k8s.core.v1.configmaps.update", "core/v1/namespaces/ingress-nginx/configmaps/ingress-nginx-controller",
            "system:serviceaccount:flux-system:kustomize-controller",
            request={"data": {"use-forwarded-headers": "false", "compute-full-forwarded-for": "false", "proxy-body-size": "40m", "enable-real-ip": "false"}},
            extra={"metadata": {"kustomize.toolkit.fluxcd.io/name": "ingress-nginx", "revision": "main@sha1:5c0b7e1a"}})
    for i in ing:
        t = tc + timedelta(seconds=r.uniform(0.5, 3))
        g.k8s(t, "ingress-nginx", i, "controller", "INFO", f"I{t.strftime('%m%d %H:%M:%S.%f')}       7 event.go:377] Event(v1.ObjectReference{{Kind:\"ConfigMap\", Namespace:\"ingress-nginx\", Name:\"ingress-nginx-controller\", APIVersion:\"v1\"}}): type: 'Normal' reason: 'UPDATE' ConfigMap ingress-nginx/ingress-nginx-controller")
        g.k8s(t + timedelta(seconds=1), "ingress-nginx", i, "controller", "INFO", f"I{t.strftime('%m%d %H:%M:%S.%f')}       7 controller.go:193] \"Configuration changes detected, backend reload required\"")
        g.k8s(t + timedelta(seconds=2), "ingress-nginx", i, "controller", "INFO", f"I{t.strftime('%m%d %H:%M:%S.%f')}       7 controller.go:213] \"Backend successfully reloaded\"")
    # users complain, status page
    for k in range(10):
        t = g.at(F + 4 + k * 2.7, 40)
        g.k8s(t, ns, r.choice(web), "web", "WARNING", f"[{g.uuid()}] Rack::Attack throttled {r.choice(gfe)}: throttle_per_ip count={r.randint(301, 2600)} limit=300 period=300")
    n = g.write(out, {
        "title": "Mastodon users get 429s: ingress stopped forwarding client IPs, every visitor shares a few LB addresses",
        "root_cause": {"evidence": ["use-forwarded-headers", "compute-full-forwarded-for"], "category": "configuration",
                       "must_mention": ["forwarded", "ingress"]},
        "symptoms": [{"evidence": "Rate limit hit ("}, {"evidence": "Rack::Attack throttled"}],
        "distractors": [{"evidence": "returned code 410"}],
        "priority": "P1"})
    return n


# ---------------------------------------------------------------- 7. Spring demo: MySQL wait_timeout lowered below Hikari lifetimes
def spring_wait_timeout(out):
    g = Gen("spring-mysql-wait-timeout", 2607, "acme-orders-prod", "orders-gke", "us-west1",
            "2026-08-20T09:15:00Z", 50)
    r = g.r
    ns = "shop"
    gw = g.pod("api-gateway", 2)
    order = g.pod("order-service", 3)
    inv = g.pod("inventory-service", 2)
    notif = g.pod("notification-service", 1)
    F = 6.0

    def sb(t, lvl, svc, thread, logger, msg):
        return f"{ts_z(t)[:-1]}+00:00 {lvl:>5} 1 --- [{svc}] [{thread}] {logger:<40} : {msg}"

    inv_last_use = {p: 0.0 for p in inv}

    def place(t, m):
        o = r.choice(order)
        ip = r.choice(inv)
        oid = r.randint(10**6, 10**7)
        idle = m - inv_last_use[ip]
        inv_last_use[ip] = m
        # stale pooled connections fail after the server starts killing idle ones at 60s
        stale = m >= F + 1.2 and r.random() < 0.24
        skus = ",".join(f"SKU-{r.randint(1000, 9999)}" for _ in range(r.randint(1, 3)))
        if not stale:
            g.k8s(t, ns, ip, "inventory-service", "INFO", sb(t, "INFO", "inventory-service", f"nio-8080-exec-{r.randint(1, 20)}", "c.a.inventory.web.ReservationController", f"Reserved {skus} for order {oid}"))
            g.k8s(t + timedelta(milliseconds=20), ns, o, "order-service", "INFO", sb(t, "INFO", "order-service", f"nio-8080-exec-{r.randint(1, 30)}", "c.a.order.service.OrderService", f"Order {oid} placed, total={r.randint(10, 400)}.{r.randint(0, 99):02d} USD"))
            g.lb(t, "api.acme-shop.com", "POST", "/api/orders", 201, r.uniform(0.05, 0.25))
            return
        ago = r.randint(61000, 900000)
        th = f"nio-8080-exec-{r.randint(1, 20)}"
        tr = [sb(t, "WARN", "inventory-service", th, "com.zaxxer.hikari.pool.PoolBase", f"HikariPool-1 - Failed to validate connection com.mysql.cj.jdbc.ConnectionImpl@{g.hexid(8)} (No operations allowed after connection closed.). Possibly consider using a shorter maxLifetime value.")]
        for ln in tr:
            g.k8s(t, ns, ip, "inventory-service", "WARNING", ln)
        if r.random() < 0.55:
            # validation caught it, the retry succeeded but slowly
            g.k8s(t + timedelta(milliseconds=40), ns, ip, "inventory-service", "INFO", sb(t, "INFO", "inventory-service", th, "c.a.inventory.web.ReservationController", f"Reserved {skus} for order {oid}"))
            g.k8s(t + timedelta(milliseconds=60), ns, o, "order-service", "INFO", sb(t, "INFO", "order-service", f"nio-8080-exec-{r.randint(1, 30)}", "c.a.order.service.OrderService", f"Order {oid} placed, total={r.randint(10, 400)}.{r.randint(0, 99):02d} USD"))
            g.lb(t, "api.acme-shop.com", "POST", "/api/orders", 201, r.uniform(0.4, 1.4))
            return
        te = t + timedelta(milliseconds=5)
        lines = [sb(te, "ERROR", "inventory-service", th, "o.h.engine.jdbc.spi.SqlExceptionHelper", "Communications link failure"),
                 sb(te, "ERROR", "inventory-service", th, "o.a.c.c.C.[.[.[/].[dispatcherServlet]", "Servlet.service() for servlet [dispatcherServlet] in context with path [] threw exception [Request processing failed: org.springframework.dao.DataAccessResourceFailureException: could not execute statement [Communications link failure] [update stock set reserved=reserved+? where sku=?]] with root cause"),
                 "com.mysql.cj.exceptions.CJCommunicationsException: Communications link failure",
                 "",
                 f"The last packet successfully received from the server was {ago:,} milliseconds ago. The last packet sent successfully to the server was {ago + 1:,} milliseconds ago. is longer than the server configured value of 'wait_timeout'. You should consider either expiring and/or testing connection validity before use in your application, increasing the server configured values for client timeouts, or using the Connector/J connection property 'autoReconnect=true' to avoid this problem.",
                 "\tat com.mysql.cj.exceptions.ExceptionFactory.createException(ExceptionFactory.java:52)",
                 "\tat com.mysql.cj.protocol.a.NativeProtocol.send(NativeProtocol.java:588)",
                 "\tat com.mysql.cj.jdbc.ClientPreparedStatement.executeInternal(ClientPreparedStatement.java:912)",
                 "\tat com.zaxxer.hikari.pool.HikariProxyPreparedStatement.executeUpdate(HikariProxyPreparedStatement.java)",
                 "\tat com.acme.inventory.repo.StockRepository.reserve(StockRepository.java:71)",
                 "Caused by: java.net.SocketException: Connection reset",
                 "\tat java.base/sun.nio.ch.NioSocketImpl.implRead(NioSocketImpl.java:328)",
                 "\t... 84 common frames omitted"]
        for i, ln in enumerate(lines):
            g.k8s(te + timedelta(microseconds=50 * i), ns, ip, "inventory-service", "ERROR", ln)
        g.k8s(te + timedelta(milliseconds=30), ns, o, "order-service", "ERROR", sb(te, "ERROR", "order-service", f"nio-8080-exec-{r.randint(1, 30)}", "c.a.order.client.InventoryClient", f"Reservation failed for order {oid}: 500 Internal Server Error from POST http://inventory-service:8080/api/reservations"))
        g.k8s(te + timedelta(milliseconds=31), ns, o, "order-service", "WARNING", sb(te, "WARN", "order-service", f"nio-8080-exec-{r.randint(1, 30)}", "c.a.order.service.OrderService", f"Order {oid} rolled back: inventory reservation unavailable"))
        g.lb(t, "api.acme-shop.com", "POST", "/api/orders", 502, r.uniform(0.05, 0.3), size=120)
    g.poisson(22, place)

    def browse(t, m):
        o = r.choice(order)
        g.k8s(t, ns, r.choice(gw), "api-gateway", "INFO", sb(t, "INFO", "api-gateway", f"reactor-http-epoll-{r.randint(1, 4)}", "c.a.gateway.filter.AccessLogFilter", f"GET /api/{r.choice(['catalog', 'catalog/search', 'orders/mine', 'cart'])} -> {r.choice(['catalog-service', 'order-service', 'cart-service'])} 200 {r.randint(4, 90)}ms"))
        g.lb(t, "api.acme-shop.com", "GET", r.choice(["/api/catalog", "/api/catalog/search?q=lamp", "/api/orders/mine", "/api/cart"]), 200, r.uniform(0.01, 0.12))
    g.poisson(90, browse)

    def hikari(t, m):
        for p in order + inv:
            svc = p.rsplit("-", 2)[0]
            g.k8s(t + timedelta(milliseconds=r.randint(0, 999)), ns, p, svc, "INFO", sb(t, "DEBUG" if False else "INFO", svc, "HikariPool-1 housekeeper", "com.zaxxer.hikari.pool.HikariPool", f"HikariPool-1 - Pool stats (total=10, active={r.randint(0, 3)}, idle={r.randint(7, 10)}, waiting=0)"))
    g.periodic(2.5, hikari, offset=0.6)

    def notify(t, m):
        n = notif[0]
        if r.random() < 0.15:  # distractor: flaky SMTP relay
            g.k8s(t, ns, n, "notification-service", "WARNING", sb(t, "WARN", "notification-service", "task-2", "c.a.notify.mail.MailSender", "Mail server connection failed; retrying in 30s: Couldn't connect to host, port: smtp-relay.acme-mail.net, 587; timeout 5000"))
        else:
            g.k8s(t, ns, n, "notification-service", "INFO", sb(t, "INFO", "notification-service", "task-2", "c.a.notify.mail.MailSender", f"Sent order-confirmation to customer {r.randint(10**5, 10**6)}"))
    g.poisson(8, notify)

    def mysql_log(t, m, sev="INFO", msg=None):
        res = {"type": "cloudsql_database", "labels": {"database_id": f"{g.project}:shop-mysql", "project_id": g.project, "region": "us-west1"}}
        e = g._base(t, sev, res, "cloudsql.googleapis.com%2Fmysql.err")
        e["textPayload"] = msg
        g.out.append(e)

    def mysql_bg(t, m):
        if m >= F + 1 and r.random() < 0.75:
            mysql_log(t, m, "WARNING", f"{ts_z(t)[:-1]}000Z {r.randint(10**4, 10**5)} [Note] [MY-013730] [Server] Aborted connection {r.randint(10**5, 10**6)} to db: 'inventory' user: 'inventory' host: '10.{r.randint(4, 5)}.{r.randint(0, 9)}.{r.randint(2, 250)}' (Got timeout reading communication packets).")
        else:
            mysql_log(t, m, "INFO", f"{ts_z(t)[:-1]}000Z 0 [Note] [MY-011953] [InnoDB] Page cleaner took {r.randint(4000, 9000)}ms to flush {r.randint(100, 900)} pages")
    g.poisson(3, mysql_bg)

    tc = g.at(F)
    g.audit(tc, "cloudsql.instances.update", f"instances/shop-mysql", "terraform-ci@acme-orders-prod.iam.gserviceaccount.com",
            service="cloudsql.googleapis.com",
            rtype={"type": "cloudsql_database", "labels": {"database_id": f"{g.project}:shop-mysql", "project_id": g.project, "region": "us-west1"}},
            request={"@type": "type.googleapis.com/google.cloud.sql.v1beta4.SqlInstancesUpdateRequest", "body": {"settings": {"databaseFlags": [
                {"name": "wait_timeout", "value": "60"}, {"name": "interactive_timeout", "value": "60"}, {"name": "slow_query_log", "value": "on"}]}}},
            extra={"metadata": {"terraform_run": "run-7Hq2", "commit": "9ac1f07 mysql: reap idle connections (connection count alerts)"}})
    t = tc + timedelta(seconds=44)
    res = {"type": "cloudsql_database", "labels": {"database_id": f"{g.project}:shop-mysql", "project_id": g.project, "region": "us-west1"}}
    e = g._base(t, "NOTICE", res, "cloudaudit.googleapis.com%2Fsystem_event")
    e["protoPayload"] = {"@type": "type.googleapis.com/google.cloud.audit.AuditLog", "methodName": "cloudsql.instances.update", "serviceName": "cloudsql.googleapis.com",
                         "resourceName": "instances/shop-mysql", "status": {}, "metadata": {"operationType": "UPDATE", "status": "DONE", "restartRequired": False}}
    g.out.append(e)
    n = g.write(out, {
        "title": "Orders intermittently fail: Cloud SQL wait_timeout lowered to 60s, pooled inventory connections go stale",
        "root_cause": {"evidence": ["cloudsql.instances.update"], "category": "database",
                       "must_mention": ["wait_timeout"]},
        "symptoms": [{"evidence": "Communications link failure"}, {"evidence": "Failed to validate connection"},
                     {"evidence": "inventory reservation unavailable"}],
        "distractors": [{"evidence": "smtp-relay.acme-mail.net"}],
        "priority": "P1"})
    return n
