from noise import gke_platform, ingress_line, chaos_mesh_controller


# 11 ---------------------------------------------------------------------------------------------
def kong_resourcequota(g):
    r = g.rng
    nodes = ["gke-gw-pool-%s-%s" % (g.hexid(8), g.hexid(4)) for _ in range(5)]
    gke_platform(g, nodes)
    kong = [g.k8s("gateway", "kong-gateway-6c7d8e9f0-%s" % g.hexid(5), "proxy", node=nodes[i % 5]) for i in range(4)]
    kic = g.k8s("gateway", "kong-gateway-6c7d8e9f0-%s" % g.hexid(5), "ingress-controller", node=nodes[0])
    ups = {"orders": [g.k8s("orders", "orders-svc-5d6e7f8a9-%s" % g.hexid(5), "orders", node=r.choice(nodes)) for _ in range(3)],
           "catalog": [g.k8s("catalog", "catalog-svc-4c5d6e7f8-%s" % g.hexid(5), "catalog", node=r.choice(nodes)) for _ in range(3)]}
    hpa_res = g.k8s_cluster()
    q_t = 120.0
    surge = 780.0   # evening traffic ramp (promo email sent)

    def rate_mult(t):
        return 1.0 if t < surge else min(2.6, 1 + (t - surge) / 300)

    g.audit(q_t, "io.k8s.core.v1.resourcequotas.create", "core/v1/namespaces/gateway/resourcequotas/gateway-compute", "config-sync@%s.iam.gserviceaccount.com" % g.project,
            req={"kind": "ResourceQuota", "metadata": {"name": "gateway-compute", "namespace": "gateway"}, "spec": {"hard": {"requests.cpu": "8", "requests.memory": "16Gi", "pods": "20"}}},
            ua="config-sync/1.19.0 (reconciler)")

    def hpa(t):
        m = rate_mult(t)
        want = min(12, max(4, int(4 * m + 0.5)))
        if t > surge and want > 4:
            g.add(t, hpa_res, "events", sev="INFO", js={"kind": "Event", "type": "Normal", "reason": "SuccessfulRescale", "message": "New size: %d; reason: cpu resource utilization (percentage of request) above target" % want, "involvedObject": {"kind": "HorizontalPodAutoscaler", "name": "kong-gateway", "namespace": "gateway"}, "source": {"component": "horizontal-pod-autoscaler"}})
            g.add(t + 0.5, hpa_res, "events", sev="WARNING", js={"kind": "Event", "type": "Warning", "reason": "FailedCreate", "message": "Error creating: pods \"kong-gateway-6c7d8e9f0-%s\" is forbidden: exceeded quota: gateway-compute, requested: requests.cpu=2, used: requests.cpu=8, limited: requests.cpu=8" % g.hexid(5), "involvedObject": {"kind": "ReplicaSet", "name": "kong-gateway-6c7d8e9f0", "namespace": "gateway"}, "source": {"component": "replicaset-controller"}})
    g.every(30, hpa, jitter=0.1)

    def req(t):
        m = rate_mult(t)
        k = r.choice(kong)
        svc = r.choice(["orders", "catalog", "catalog"])
        path = {"orders": r.choice(["/v1/orders", "/v1/orders/%d" % r.randint(10**5, 10**6)]), "catalog": r.choice(["/v1/products", "/v1/products/%d" % r.randint(1, 50000), "/v1/categories"])}[svc]
        over = max(0.0, m - 1.3)
        lat_k = r.uniform(1, 4) * (1 + over * 60 * r.random())
        up_lat = r.uniform(10, 90)
        st = 200
        if over > 0 and r.random() < over * 0.35:
            st = 504 if r.random() < 0.6 else 502
        total = (lat_k + up_lat) / 1000 if st == 200 else r.uniform(3, 60)
        g.jout(t + total, k, {"latencies": {"kong": int(lat_k), "proxy": int(up_lat), "request": int(total * 1000)}, "request": {"method": "GET" if "orders/" in path or svc == "catalog" else "POST", "uri": path, "url": "https://api.shopco.io:443" + path, "headers": {"user-agent": r.choice(__import__("common").UA[:3])}},
                             "response": {"status": st, "size": r.randint(300, 9000)}, "upstream_uri": path, "service": {"name": "%s.%s.80" % (svc, svc)}, "route": {"name": "%s.%s-api.00" % (svc, svc)}, "client_ip": g.ip(), "started_at": int(g.at(t).timestamp() * 1000)}, sev="INFO")
        if st == 504:
            g.err(t + total, k, '%s [error] %d#0: *%d upstream timed out (110: Connection timed out) while connecting to upstream, client: %s, server: kong, request: "GET %s HTTP/1.1", upstream: "http://%s:8080%s", host: "api.shopco.io"' % (g.fmt(t + total, "%Y/%m/%d %H:%M:%S"), r.randint(1000, 1300), r.randint(10**5, 10**7), g.ip(), path, g.podip(), path))
        elif st == 502:
            g.err(t + total, k, '%s [error] %d#0: *%d recv() failed (104: Connection reset by peer) while reading response header from upstream, client: %s, server: kong, request: "GET %s HTTP/1.1"' % (g.fmt(t + total, "%Y/%m/%d %H:%M:%S"), r.randint(1000, 1300), r.randint(10**5, 10**7), g.ip(), path))
        elif r.random() < 0.2:
            u = r.choice(ups[svc])
            g.jout(t, u, {"level": "info", "msg": "handled", "path": path, "dur_ms": int(up_lat)}, sev="INFO")
    def driver(t):
        n = int(rate_mult(t) * 4 + r.random())
        for _ in range(n):
            req(t + r.uniform(0, 1))
    g.every(1.0, driver, jitter=0.0)
    def kong_warn(t):
        if rate_mult(t) > 1.6:
            k = r.choice(kong)
            g.err(t, k, "%s [warn] %d#0: %d worker_connections are not enough, reusing connections" % (g.fmt(t, "%Y/%m/%d %H:%M:%S"), r.randint(1000, 1300), 16384), sev="WARNING")
            g.err(t + 0.3, k, "%s [alert] %d#0: *%d [lua] balancer.lua:%d: timer queue at 100%%, pending timers: %d" % (g.fmt(t, "%Y/%m/%d %H:%M:%S"), r.randint(1000, 1300), r.randint(10**5, 10**7), 412, r.randint(4000, 9000)), sev="WARNING")
    g.every(15, kong_warn)
    # noise
    g.every(30, lambda t: g.err(t, kic, 'time="%s" level=info msg="successfully synced configuration to Kong" update_strategy=InMemory url="https://10.%d.1.%d:8444"' % (g.iso(t)[:19] + "Z", r.randint(8, 60), r.randint(2, 250)), sev="INFO"), jitter=0.1)
    g.every(75, lambda t: g.err(t, kic, 'time="%s" level=error msg="resource processing failed: failed to fetch KongPlugin resource" namespace=legacy name=rate-limit-old error="KongPlugin.configuration.k8s.konghq.com \\"rate-limit-old\\" not found"' % (g.iso(t)[:19] + "Z")), jitter=0.3)
    g.every(50, lambda t: g.err(t, r.choice(kong), '%s [warn] %d#0: *%d [kong] handler.lua:%d [openid-connect] token introspection cache miss for issuer https://login.shopco.io, refreshing JWKS' % (g.fmt(t, "%Y/%m/%d %H:%M:%S"), r.randint(1000, 1300), r.randint(10**5, 10**7), 233), sev="WARNING"), jitter=0.5)
    g.every(20, lambda t: [g.jout(t, u, {"level": "debug", "msg": "db pool stats", "open": r.randint(5, 20), "idle": r.randint(1, 10)}, sev="DEBUG") for u in ups["orders"]], jitter=0.2)
    chaos_mesh_controller(g, [(1500, 1800, "IOChaos", "catalog-staging", "catalog-io-latency", "catalog-svc-staging-0")])
    return {
        "title": "New ResourceQuota gateway-compute caps the gateway namespace at 8 CPU; Kong HPA cannot scale for the evening surge, gateway saturates with 502/504",
        "root_cause": {"evidence": ["exceeded quota: gateway-compute", "resourcequotas.create"], "category": "capacity",
                       "must_mention": ["quota", "kong"]},
        "symptoms": [{"evidence": "upstream timed out (110: Connection timed out) while connecting"}, {"evidence": "worker_connections are not enough"}, {"evidence": "timer queue at 100%"}],
        "distractors": [{"evidence": "rate-limit-old"}, {"evidence": "catalog-io-latency"}],
        "priority": "P1",
    }


# 12 ---------------------------------------------------------------------------------------------
def gitea_sequence_overflow(g):
    r = g.rng
    vm = g.gce("gitea-1", "europe-west4-a")
    runner = [g.gce("act-runner-%d" % i, "europe-west4-a") for i in range(1, 4)]
    db = g.sql("gitea-pg", "europe-west4")
    lb = g.lb("gitea-https-fr", "gitea-urlmap", "gitea-backend")
    wrap = 780.0

    def gl(t, lvl, src, msg, sev=None):
        g.add(t, vm, "gitea", sev=sev or {"I": "INFO", "W": "WARNING", "E": "ERROR", "T": "DEBUG"}[lvl], text="%s %s() [%s] %s" % (g.fmt(t, "%Y/%m/%d %H:%M:%S"), src, lvl, msg))

    def push(t):
        repo = r.choice(["platform/infra", "web/frontend", "web/api", "data/etl", "mobile/ios", "mobile/android", "platform/terraform-modules"])
        user = r.choice(["akoval", "mjansen", "deploybot", "lvdberg", "spetrov", "renovate-bot"])
        gl(t, "I", "...eb/routing/logger.go:102:func1", "router: completed POST /%s.git/git-receive-pack for 10.164.0.%d:0, 200 OK in %.1fms @ repo/githttp.go:532(repo.ServiceReceivePack)" % (repo, r.randint(2, 250), r.uniform(200, 3000)))
        if t >= wrap:
            gl(t + 0.3, "E", "...ices/webhook/webhook.go:%d:PrepareWebhook" % 158, "PrepareWebhooks: CreateHookTask: pq: nextval: reached maximum value of sequence \"hook_task_id_seq\" (2147483647)")
            gl(t + 0.31, "E", "...s/notify/notifier.go:%d:PushCommits" % 74, "webhook notifier failed for repo %s push by %s: pq: could not create hook_task" % (repo, user))
            g.add(t + 0.3, db, "cloudsql.googleapis.com%2Fpostgres.log", sev="ERROR", text="%s UTC [%d]: [2-1] db=gitea,user=gitea ERROR:  nextval: reached maximum value of sequence \"hook_task_id_seq\" (2147483647)" % (g.ms(t), r.randint(200000, 300000)))
            g.add(t + 0.3001, db, "cloudsql.googleapis.com%2Fpostgres.log", sev="ERROR", text="%s UTC [%d]: [3-1] db=gitea,user=gitea STATEMENT:  INSERT INTO \"hook_task\" (\"hook_id\",\"uuid\",\"payload_content\",\"event_type\",\"is_delivered\",\"delivered\") VALUES ($1,$2,$3,$4,$5,$6) RETURNING \"id\"" % (g.ms(t), r.randint(200000, 300000)))
        else:
            hid = 2147483647 - int((wrap - t) * 0.9)
            gl(t + 0.3, "T", "...ices/webhook/deliver.go:%d:Deliver" % 239, "Delivering hook task %d to https://ci.internal.example/api/hooks/gitea" % hid)
            # runner picks up job
            rr = r.choice(runner)
            g.add(t + r.uniform(2, 6), rr, "act_runner", sev="INFO", js={"level": "info", "msg": "task %d repo is %s https://git.example.io" % (r.randint(10**5, 10**6), repo), "time": g.iso(t + 3)})
    g.poisson(0.7, push)

    def webhook_lag(t):
        if t > wrap + 120:
            for rr in runner:
                g.add(t, rr, "act_runner", sev="INFO", js={"level": "info", "msg": "fetch task: no task available", "time": g.iso(t)})
    g.every(20, webhook_lag)
    g.every(20, lambda t: [g.add(t + 0.1, rr, "act_runner", sev="DEBUG", js={"level": "debug", "msg": "declare successfully", "time": g.iso(t)}) for rr in runner])
    # CI dashboard complaint: webhooks missing -> ci server polling gitea
    ci = g.gce("ci-controller-1", "europe-west4-a")
    def ci_check(t):
        if t > wrap + 300:
            g.add(t, ci, "ci-controller", sev="WARNING", js={"severity": "WARNING", "message": "no push webhooks received from git.example.io for %ds (expected ~1/min); falling back to polling is disabled" % int(t - wrap), "component": "hook-receiver"})
    g.every(60, ci_check)
    g.every(60, lambda t: g.add(t, ci, "ci-controller", sev="INFO", js={"severity": "INFO", "message": "queue stats", "pending": r.randint(0, 3) if t < wrap else 0, "running": r.randint(1, 8) if t < wrap + 400 else 0}))

    # web traffic
    def web(t):
        p = r.choice(["/", "/explore/repos", "/web/frontend/pulls", "/platform/infra/src/branch/main", "/api/v1/repos/search?q=etl", "/user/events", "/web/api/commits/branch/main"])
        lat = r.uniform(0.02, 0.4)
        st = 200
        gl(t + lat, "I", "...eb/routing/logger.go:102:func1", "router: completed GET %s for 10.164.0.%d:0, %d OK in %.1fms @ web/%s" % (p, r.randint(2, 250), st, lat * 1000, r.choice(["home.go:44(web.Home)", "repo/view.go:870(repo.Home)", "repo/pull.go:321(repo.ViewPullCommits)"])))
        g.add(t + lat, lb, "requests", sev="INFO", http=g.http("GET", "https://git.example.io" + p, st, lat), js={"@type": "type.googleapis.com/google.cloud.loadbalancing.type.LoadBalancerLogEntry", "statusDetails": "response_sent_by_backend"}, trace=True)
    g.poisson(4.0, web)
    # distractors: ssh brute force and mirror sync failure
    g.every(20, lambda t: g.add(t, vm, "syslog", text="%s gitea-1 sshd[%d]: Failed password for invalid user %s from %s port %d ssh2" % (g.fmt(t, "%b %d %H:%M:%S"), r.randint(10000, 60000), r.choice(["admin", "git", "oracle", "test"]), g.ip(), r.randint(30000, 60000))), jitter=0.7)
    g.every(300, lambda t: gl(t, "E", "...s/mirror/mirror_pull.go:%d:runSync" % 296, "SyncMirrors [repo: 712 mirrors/linux]: failed to update mirror repository: fatal: the remote end hung up unexpectedly - error: RPC failed; curl 92 HTTP/2 stream 5 was not closed cleanly: CANCEL (err 8)"), jitter=0.2)
    g.every(60, lambda t: gl(t, "I", "...es/cron/tasks.go:%d:RunWithUser" % 114, "Starting CronTask: %s" % r.choice(["update_mirrors", "repo_health_check", "check_repo_stats", "cleanup_hook_task_table", "archive_cleanup"])), jitter=0.3)
    g.every(300, lambda t: g.add(t, db, "cloudsql.googleapis.com%2Fpostgres.log", sev="INFO", text="%s UTC [27]: [1-1] db=,user= LOG:  checkpoint complete: wrote %d buffers" % (g.ms(t), r.randint(800, 5000))), jitter=0.05)
    g.every(120, lambda t: g.add(t, db, "cloudsql.googleapis.com%2Fpostgres.log", sev="INFO", text="%s UTC [%d]: [1-1] db=gitea,user=gitea LOG:  duration: %.3f ms  statement: SELECT * FROM \"action\" WHERE user_id=$1 ORDER BY created_unix DESC LIMIT 20" % (g.ms(t), r.randint(200000, 300000), r.uniform(1000, 2300))), jitter=0.5)
    return {
        "title": "Gitea hook_task_id_seq (int4) reached 2147483647; no webhooks are created after pushes, CI stops triggering",
        "root_cause": {"evidence": ["reached maximum value of sequence", "hook_task_id_seq"], "category": "database",
                       "must_mention": ["hook_task", "sequence"]},
        "symptoms": [{"evidence": "webhook notifier failed"}, {"evidence": "no push webhooks received"}],
        "distractors": [{"evidence": "Failed password for invalid user"}, {"evidence": "SyncMirrors"}],
        "priority": "P1",
    }


# 13 ---------------------------------------------------------------------------------------------
def healthy_gameday(g):
    """Busy hour on the Solr/search stack during a game day: a chaos experiment on a redundant replica is tolerated."""
    r = g.rng
    nodes = ["gke-search-prod-pool-1-%s-%s" % (g.hexid(8), g.hexid(4)) for _ in range(3)]
    gke_platform(g, nodes)
    solr = [g.k8s("search", "solr-%d" % i, "solr", node=nodes[i]) for i in range(3)]
    api = [g.k8s("search", "search-api-6b8d9f7c4-%s" % g.hexid(5), "search-api", node=r.choice(nodes)) for _ in range(3)]
    ing = g.k8s("ingress-nginx", "ingress-nginx-controller-7d9f8c-%s" % g.hexid(5), "controller", node=nodes[1])
    kill = 1100.0

    def q(t):
        i = r.randrange(3)
        if kill <= t < kill + 50 and i == 1:
            i = 0
        qt = r.randint(3, 70)
        g.out(t, solr[i], "%s INFO  (qtp1893492-%d) [   x:products] o.a.s.c.S.Request webapp=/solr path=/select params={q=%s&rows=24} hits=%d status=0 QTime=%d" % (g.ms(t), r.randint(20, 260), r.choice(["boots", "tent", "headlamp", "socks"]), r.randint(0, 4000), qt))
        lat = qt / 1000 + r.uniform(0.01, 0.05)
        st = 200
        if kill <= t < kill + 8 and r.random() < 0.1:
            g.out(t + 0.02, r.choice(api), '{"@timestamp":"%s","level":"WARN","logger_name":"com.shopfront.search.SolrSearchService","message":"Retrying select on solr-0 after IOException from solr-1: Connection reset","trace_id":"%s"}' % (g.iso(t), g.hexid(32)), sev="WARNING")
        g.out(t + lat, ing, ingress_line(g, t, "GET", "/api/search?q=x", st, lat, "search-search-api-8080", "%s:8080" % g.podip()))
    g.poisson(6.0, q)
    chaos_mesh_controller(g, [(kill, kill + 60, "PodChaos", "search", "solr-replica-kill", "solr-1")])
    g.k8s_event(kill + 2, "search", "Pod", "solr-1", "Killing", "Stopping container solr")
    g.k8s_event(kill + 25, "search", "Pod", "solr-1", "Started", "Started container solr")
    g.out(kill + 45, solr[1], "%s INFO  (main) [   ] o.e.j.s.Server Started Server@3c0be339{STARTING}[10.0.20,sto=0] @14211ms" % g.ms(kill + 45))
    g.every(15, lambda t: [g.out(t, s, "%s INFO  (commitScheduler-14-thread-1) [   x:products] o.a.s.u.DirectUpdateHandler2 start commit{,optimize=false,openSearcher=true,softCommit=true}" % g.ms(t)) for s in solr])
    g.every(2.2, lambda t: g.out(t, solr[r.randrange(3)], "%s ERROR (qtp1893492-%d) [   x:products] o.a.s.h.RequestHandlerBase org.apache.solr.common.SolrException: undefined field colour" % (g.ms(t), r.randint(20, 260)), sev="ERROR"))
    g.every(40, lambda t: g.out(t, solr[r.randrange(3)], "%s WARN  (qtp1893492-%d) [   x:products] o.a.s.h.c.SearchHandler Slow query: {q=*:*&rows=10000&wt=json} hits=184211 QTime=1490" % (g.ms(t), r.randint(20, 260)), sev="WARNING"), jitter=0.5)
    g.every(300, lambda t: g.out(t, r.choice(api), '{"@timestamp":"%s","level":"ERROR","logger_name":"com.shopfront.search.SynonymRefresher","message":"Failed to refresh synonyms from gs://shopfront-search-config/synonyms.txt: 503 Service Unavailable, keeping previous version"}' % g.iso(t), sev="ERROR"), jitter=0.2)
    g.every(20, lambda t: g.out(t, r.choice(api), '{"@timestamp":"%s","level":"INFO","logger_name":"o.s.b.a.health","message":"Health check UP"}' % g.iso(t)))
    return {"title": "Healthy: busy search hour with a tolerated game-day PodChaos on a redundant Solr replica", "root_cause": None, "priority": "none"}


# 14 ---------------------------------------------------------------------------------------------
def healthy_wordpress(g):
    r = g.rng
    web = [g.gce("wp-web-%d" % i, "europe-west1-b") for i in range(1, 4)]
    db = g.sql("wp-mysql-prod", "europe-west1")
    lb = g.lb("wp-https-fr", "wp-urlmap", "wp-web-backend")
    pages = ["/", "/shop/", "/product/trail-runner-2/", "/blog/winter-training-plan/", "/category/shoes/", "/cart/", "/checkout/"]

    def req(t):
        w = r.randrange(3)
        p = r.choice(pages)
        lat = r.uniform(0.04, 0.5)
        st = 200 if r.random() > 0.01 else r.choice([404, 499, 500])
        g.add(t + lat, web[w], "nginx_access", text='10.132.0.%d - - [%s] "GET %s HTTP/1.1" %d %d "-" "%s" rt=%.3f uct="0.000" urt="%.3f"' % (r.randint(2, 250), g.fmt(t, "%d/%b/%Y:%H:%M:%S +0000"), p, st, r.randint(3000, 90000), r.choice(__import__("common").UA[:3]), lat, lat))
        g.add(t + lat, lb, "requests", sev="ERROR" if st >= 500 else ("WARNING" if st >= 400 else "INFO"), http=g.http("GET", "https://www.trailhead-outfitters.eu" + p, st, lat + 0.003), js={"@type": "type.googleapis.com/google.cloud.loadbalancing.type.LoadBalancerLogEntry", "statusDetails": "response_sent_by_backend"}, trace=True)
        if st == 500:
            g.add(t + lat, web[w], "php-fpm", sev="ERROR", text="[%s UTC] PHP Fatal error:  Uncaught TypeError: count(): Argument #1 ($value) must be of type Countable|array, null given in /var/www/html/wp-content/plugins/size-guide/size-guide.php:77" % g.fmt(t, "%d-%b-%Y %H:%M:%S"))
    g.poisson(6.0, req)
    g.every(5, lambda t: g.add(t, web[r.randrange(3)], "nginx_access", text='35.191.%d.%d - - [%s] "GET /healthz.php HTTP/1.1" 200 2 "-" "GoogleHC/1.0" rt=0.004 uct="0.000" urt="0.004"' % (r.randint(0, 255), r.randint(1, 254), g.fmt(t, "%d/%b/%Y:%H:%M:%S +0000"))))
    g.every(25, lambda t: g.add(t, web[r.randrange(3)], "php-fpm", sev="WARNING", text="[%s UTC] PHP Deprecated:  Creation of dynamic property WC_Product_Variable::$trail_badges is deprecated in /var/www/html/wp-content/plugins/trail-badges/includes/class-badges.php on line 88" % g.fmt(t, "%d-%b-%Y %H:%M:%S")), jitter=0.6)
    g.every(30, lambda t: g.add(t, web[r.randrange(3)], "nginx_error", sev="ERROR", text='%s [error] %d#0: *%d access forbidden by rule, client: %s, server: www.trailhead-outfitters.eu, request: "POST /xmlrpc.php HTTP/1.1"' % (g.fmt(t, "%Y/%m/%d %H:%M:%S"), r.randint(900, 990), r.randint(10**5, 10**7), g.ip())), jitter=0.7)
    # a brief, harmless php-fpm pool warning during a crawler burst
    g.every(600, lambda t: g.add(t, web[r.randrange(3)], "php-fpm", sev="WARNING", text="[%s] WARNING: [pool www] seems busy (you may need to increase pm.start_servers, or pm.min/max_spare_servers), spawning 8 children, there are 2 idle, and 31 total children" % g.fmt(t, "%d-%b-%Y %H:%M:%S")), jitter=0.3)
    g.every(60, lambda t: g.add(t, web[r.randrange(3)], "syslog", text="%s wp-web-%d CRON[%d]: (www-data) CMD (wp cron event run --due-now --path=/var/www/html >/dev/null 2>&1)" % (g.fmt(t, "%b %d %H:%M:%S"), r.randint(1, 3), r.randint(20000, 40000))), jitter=0.02)
    def slowq(t):
        g.add(t, db, "cloudsql.googleapis.com%2Fmysql-slow.log", sev="INFO", text="# Query_time: %.6f  Lock_time: 0.000%03d Rows_sent: %d  Rows_examined: %d\nSELECT option_name, option_value FROM wp_options WHERE autoload = 'yes';" % (r.uniform(2, 3.5), r.randint(10, 999), r.randint(1, 500), r.randint(20000, 90000)))
    g.every(90, slowq, jitter=0.6)
    g.every(400, lambda t: g.add(t, web[r.randrange(3)], "php-fpm", sev="WARNING", text="[%s UTC] PHP Warning:  file_get_contents(https://api.exchangerate.host/latest?base=EUR): Failed to open stream: HTTP request failed! HTTP/1.1 502 Bad Gateway in /var/www/html/wp-content/plugins/multi-currency/rates.php on line 41" % g.fmt(t, "%d-%b-%Y %H:%M:%S")), jitter=0.3)
    g.every(900, lambda t: g.add(t, web[0], "syslog", text="%s wp-web-1 wp-backup[%d]: uploaded wp-content-%s.tar.gz to gs://trailhead-wp-backups/ (412 MB)" % (g.fmt(t, "%b %d %H:%M:%S"), r.randint(30000, 40000), g.fmt(t, "%Y%m%d%H%M"))), jitter=0.05)
    return {"title": "Healthy: ordinary busy WordPress shop hour with plugin deprecations, bot noise and a sporadic plugin fatal", "root_cause": None, "priority": "none"}
