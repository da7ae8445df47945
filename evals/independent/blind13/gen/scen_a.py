from noise import gke_platform, ingress_line, chaos_mesh_controller


# 1 ----------------------------------------------------------------------------------------------
def solr_open_files(g):
    r = g.rng
    nodes = ["gke-search-prod-pool-1-%s-%s" % (g.hexid(8), g.hexid(4)) for _ in range(3)]
    gke_platform(g, nodes)
    solr = [g.k8s("search", "solr-%d" % i, "solr", node=nodes[i]) for i in range(3)]
    api = [g.k8s("search", "search-api-6b8d9f7c4-%s" % g.hexid(5), "search-api", node=r.choice(nodes)) for _ in range(3)]
    idx = g.k8s("search", "catalog-indexer-5f7d8b9c6-%s" % g.hexid(5), "indexer", node=nodes[0])
    ing = g.k8s("ingress-nginx", "ingress-nginx-controller-7d9f8c-%s" % g.hexid(5), "controller", node=nodes[1])
    restart = {2: 300.0, 1: 420.0, 0: 540.0}
    fd_fail = {2: 1260.0, 1: 1500.0, 0: 1740.0}   # each pod hits 4096 fds later as segments accumulate

    def slog(t, i, lvl, thread, logger, msg, core=" x:products"):
        return g.out(t, solr[i], "%s %-5s (%s) [  %s] %s %s" % (g.ms(t), lvl, thread, core, logger, msg),
                     sev={"INFO": "INFO", "WARN": "WARNING", "ERROR": "ERROR"}[lvl])

    def broken(i, t):
        return t >= fd_fail[i]

    # queries
    def query(t):
        i = r.randrange(3)
        if restart[i] <= t < restart[i] + 45:
            i = (i + 1) % 3
        q = r.choice(["running+shoes", "usb-c+cable", "coffee+grinder", "rain+jacket", "desk+lamp", "lego", "air+fryer"])
        a = r.choice(api)
        tr = g.hexid(32)
        bad = broken(i, t) and r.random() < 0.55
        if not bad:
            qt = r.randint(3, 60)
            slog(t, i, "INFO", "qtp1893492-%d" % r.randint(20, 260), "o.a.s.c.S.Request", "webapp=/solr path=/select params={q=%s&fq=in_stock:true&rows=24&wt=javabin&version=2} hits=%d status=0 QTime=%d" % (q, r.randint(0, 5000), qt))
            st, lat = 200, qt / 1000 + r.uniform(0.01, 0.06)
        else:
            th = "qtp1893492-%d" % r.randint(20, 260)
            slog(t, i, "ERROR", th, "o.a.s.s.HttpSolrCall", "500 Exception writing document id null to the index; possible analysis error. => java.nio.file.FileSystemException: /var/solr/data/products/data/index/_%s.cfs: Too many open files" % g.hexid(3))
            if r.random() < 0.3:
                g.lines(t + 0.0001, solr[i], ["java.nio.file.FileSystemException: /var/solr/data/products/data/index/_%s.cfs: Too many open files" % g.hexid(3),
                                              "\tat sun.nio.fs.UnixException.translateToIOException(UnixException.java:100) ~[?:?]",
                                              "\tat sun.nio.fs.UnixFileSystemProvider.newFileChannel(UnixFileSystemProvider.java:182) ~[?:?]",
                                              "\tat org.apache.lucene.store.MMapDirectory.openInput(MMapDirectory.java:237) ~[?:?]",
                                              "\tat org.apache.lucene.index.SegmentReader.<init>(SegmentReader.java:97) ~[?:?]",
                                              "\tat org.apache.solr.search.SolrIndexSearcher.<init>(SolrIndexSearcher.java:279) ~[?:?]"], sev="INFO")
            st, lat = 500, r.uniform(0.02, 0.4)
            g.out(t + lat, a, '{"@timestamp":"%s","level":"ERROR","logger_name":"com.shopfront.search.SolrSearchService","thread_name":"http-nio-8080-exec-%d","message":"Search failed for q=%s: Error from server at http://solr-%d.solr-headless.search:8983/solr/products: Server Error","trace_id":"%s"}' % (g.iso(t + lat), r.randint(1, 200), q, i, tr), sev="ERROR")
            if r.random() < 0.5:
                g.out(t + lat + 0.002, a, '{"@timestamp":"%s","level":"WARN","logger_name":"com.shopfront.search.SearchFallback","thread_name":"http-nio-8080-exec-%d","message":"Serving degraded results from cache for q=%s (solr unavailable)","trace_id":"%s"}' % (g.iso(t + lat), r.randint(1, 200), q, tr), sev="WARNING")
                st = 200
        if r.random() < 0.25:
            g.out(t + lat + 0.003, a, '{"@timestamp":"%s","level":"DEBUG","logger_name":"com.shopfront.search.SolrSearchService","message":"solr select q=%s took %dms","trace_id":"%s"}' % (g.iso(t + lat), q, int(lat * 1000), tr), sev="DEBUG")
        g.out(t + lat + 0.01, ing, ingress_line(g, t, "GET", "/api/search?q=%s" % q, 500 if st == 500 else 200, lat + 0.004, "search-search-api-8080", "%s:8080" % g.podip()), trace=tr)
    g.poisson(2.8, query)

    # distractor: old mobile client asks for a field that does not exist (400 on every node, all hour)
    def badfield(t):
        i = r.randrange(3)
        slog(t, i, "ERROR", "qtp1893492-%d" % r.randint(20, 260), "o.a.s.h.RequestHandlerBase", "org.apache.solr.common.SolrException: undefined field colour")
        a = r.choice(api)
        g.out(t + 0.01, a, '{"@timestamp":"%s","level":"WARN","logger_name":"com.shopfront.search.SolrSearchService","message":"Bad request from client app=shopfront-android/5.2.0 facet=colour: undefined field colour","trace_id":"%s"}' % (g.iso(t), g.hexid(32)), sev="WARNING")
        g.out(t + 0.02, ing, ingress_line(g, t, "GET", "/api/search?q=shirt&facet=colour", 400, 0.012, "search-search-api-8080", "%s:8080" % g.podip(), ua="okhttp/4.12.0"))
    g.poisson(0.5, badfield)

    # indexer + commits
    def index_batch(t):
        i = 0
        n = r.choice([250, 500, 500, 1000])
        if any(broken(k, t) for k in range(3)) and r.random() < 0.6:
            g.err(t, idx, "%s,%03d ERROR [indexer.solr] Solr update failed for batch %s (%d docs): HTTP 500 from http://solr-0.solr-headless.search:8983/solr/products/update, retrying in 10s" % (g.fmt(t, "%Y-%m-%d %H:%M:%S"), r.randint(0, 999), g.hexid(8), n))
        else:
            g.err(t, idx, "%s,%03d INFO [indexer.solr] indexed batch of %d docs in %.2fs" % (g.fmt(t, "%Y-%m-%d %H:%M:%S"), r.randint(0, 999), n, r.uniform(0.4, 2.5)), sev="INFO")
            slog(t, i, "INFO", "qtp1893492-%d" % r.randint(20, 260), "o.a.s.u.p.LogUpdateProcessorFactory", "webapp=/solr path=/update params={wt=javabin&version=2}{add=[%s (%d) ... (%d adds)]} 0 %d" % (g.hexid(10), r.randint(10**17, 10**18), n, r.randint(40, 900)))
    g.every(8, index_batch, jitter=0.3)

    def commit(t):
        for i in range(3):
            if restart[i] <= t < restart[i] + 40:
                continue
            if broken(i, t) and r.random() < 0.7:
                slog(t, i, "ERROR", "commitScheduler-%d-thread-1" % r.randint(10, 30), "o.a.s.u.CommitTracker", "auto commit error...:java.io.IOException: Too many open files")
            else:
                slog(t, i, "INFO", "commitScheduler-%d-thread-1" % r.randint(10, 30), "o.a.s.u.DirectUpdateHandler2", "start commit{_version_=%d,optimize=false,openSearcher=true,waitSearcher=true,expungeDeletes=false,softCommit=true,prepareCommit=false}" % r.randint(10**17, 10**18))
                slog(t + 0.2, i, "INFO", "searcherExecutor-%d-thread-1" % r.randint(10, 30), "o.a.s.c.SolrCore", "Registered new searcher autowarm time: %d ms" % r.randint(20, 400))
    g.every(15, commit, jitter=0.1)

    # jetty acceptor failing -> connection refusals from kubelet probe / search-api
    def accept_fail(t):
        for i in range(3):
            if broken(i, t) and r.random() < 0.5:
                g.out(t, solr[i], "%s WARN  (qtp1893492-14) [   ] o.e.j.s.AbstractConnector Accept Failure => java.io.IOException: Too many open files" % g.ms(t), sev="WARNING")
    g.every(3, accept_fail)

    # rolling restart: statefulset rollout with new image (base image changed -> nofile 4096)
    g.audit(280, "io.k8s.apps.v1.statefulsets.patch", "apps/v1/namespaces/search/statefulsets/solr", "cloudbuild-deployer@%s.iam.gserviceaccount.com" % g.project,
            req={"spec": {"template": {"spec": {"containers": [{"name": "solr", "image": "us-docker.pkg.dev/%s/search/solr:9.6.1-shopfront-r7" % g.project}]}}}}, ua="kubectl/v1.30.4 (linux/amd64) kubernetes/1a2b3c4")
    for i, t in restart.items():
        g.k8s_event(t - 30, "search", "Pod", "solr-%d" % i, "Killing", "Stopping container solr")
        g.k8s_event(t - 5, "search", "Pod", "solr-%d" % i, "Pulled", "Container image \"us-docker.pkg.dev/%s/search/solr:9.6.1-shopfront-r7\" already present on machine" % g.project)
        g.k8s_event(t - 4, "search", "Pod", "solr-%d" % i, "Started", "Started container solr")
        g.lines(t, solr[i], ["*** [WARN] *** Your open file limit is currently 4096.  ",
                             " It should be set to 65000 to avoid operational disruption. ",
                             " If you no longer wish to see this warning, set SOLR_ULIMIT_CHECKS to false in your profile or solr.in.sh",
                             "Starting Solr on port 8983 from /opt/solr/server"], stream="stderr", sev="ERROR")
        slog(t + 3, i, "INFO", "main", "o.a.s.s.CoreContainerProvider", "Using logger factory org.apache.logging.slf4j.Log4jLoggerFactory", core=" ")
        slog(t + 3.5, i, "INFO", "main", "o.a.s.c.SolrResourceLoader", "Solr started with \"-XX:+CrashOnOutOfMemoryError\" that will crash on any OutOfMemoryError exception. ", core=" ")
        slog(t + 9, i, "INFO", "coreLoadExecutor-13-thread-1", "o.a.s.c.SolrCore", "Opening new SolrCore at [/var/solr/data/products], dataDir=[/var/solr/data/products/data/]")
        slog(t + 14, i, "INFO", "main", "o.e.j.s.Server", "Started Server@3c0be339{STARTING}[10.0.20,sto=0] @14211ms", core=" ")
    # unrelated chaos experiment in staging namespace
    chaos_mesh_controller(g, [(900, 1500, "NetworkChaos", "staging-checkout", "checkout-latency-200ms", "cart-5c9f8d7b6-x2kqp")])
    # background WARNs
    g.every(40, lambda t: slog(t, r.randrange(3), "WARN", "qtp1893492-%d" % r.randint(20, 260), "o.a.s.h.c.SearchHandler", "Slow query: {q=*:*&rows=10000&wt=json} hits=184211 QTime=1532"), jitter=0.5)
    g.every(20, lambda t: g.out(t, r.choice(api), '{"@timestamp":"%s","level":"INFO","logger_name":"o.s.b.a.health","message":"Health check UP"}' % g.iso(t)))

    return {
        "title": "Solr pods restarted with a 4096 open-file limit run out of file descriptors; search and indexing fail",
        "root_cause": {"evidence": ["Too many open files", "open file limit is currently 4096"], "category": "resource-exhaustion",
                       "must_mention": ["solr", "open file"]},
        "symptoms": [{"evidence": "Search failed for q="}, {"evidence": "Solr update failed for batch"}, {"evidence": "Serving degraded results from cache"}],
        "distractors": [{"evidence": "undefined field colour"}, {"evidence": "checkout-latency-200ms"}],
        "priority": "P1",
    }


# 2 ----------------------------------------------------------------------------------------------
def wordpress_cache_flush(g):
    r = g.rng
    web = [g.gce("wp-web-%d" % i, "europe-west1-b") for i in range(1, 4)]
    db = g.sql("wp-mysql-prod", "europe-west1")
    mc = g.gce("wp-memcached-1", "europe-west1-b")
    lb = g.lb("wp-https-fr", "wp-urlmap", "wp-web-backend")
    flush_t = 420.0
    heavy_end = 1500.0   # cache warm again roughly here

    def load(t):
        if t < flush_t:
            return 0.0
        if t < flush_t + 60:
            return (t - flush_t) / 60
        if t < heavy_end:
            return 1.0
        return max(0.0, 1 - (t - heavy_end) / 400)

    pages = ["/", "/shop/", "/product/trail-runner-2/", "/blog/winter-training-plan/", "/category/shoes/", "/cart/", "/wp-json/wc/store/v1/cart", "/my-account/"]

    def req(t):
        w = r.randrange(3)
        p = r.choice(pages)
        L = load(t)
        ua = r.choice(g.rng.sample(__import__("common").UA[:3] + __import__("common").UA[8:], 3))
        if r.random() < L * 0.45:
            st, lat = 504, 60.0 + r.uniform(0, 0.2)
            g.add(t + lat, web[w], "nginx_error", sev="ERROR", text='%s [error] %d#%d: *%d upstream timed out (110: Connection timed out) while reading response header from upstream, client: 10.132.0.%d, server: www.trailhead-outfitters.eu, request: "GET %s HTTP/1.1", upstream: "fastcgi://unix:/run/php/php8.2-fpm.sock:", host: "www.trailhead-outfitters.eu"' % (g.fmt(t + lat, "%Y/%m/%d %H:%M:%S"), r.randint(900, 990), 0, r.randint(10**5, 10**7), r.randint(2, 250), p))
        elif r.random() < L * 0.3:
            st, lat = 502, r.uniform(0.001, 0.01)
            g.add(t, web[w], "nginx_error", sev="ERROR", text='%s [error] %d#0: *%d connect() to unix:/run/php/php8.2-fpm.sock failed (11: Resource temporarily unavailable) while connecting to upstream, client: 10.132.0.%d, server: www.trailhead-outfitters.eu, request: "GET %s HTTP/1.1"' % (g.fmt(t, "%Y/%m/%d %H:%M:%S"), r.randint(900, 990), r.randint(10**5, 10**7), r.randint(2, 250), p))
        else:
            st = 200
            lat = r.uniform(0.05, 0.35) * (1 + L * r.uniform(5, 40))
        g.add(t + lat, web[w], "nginx_access", sev=None, text='10.132.0.%d - - [%s] "GET %s HTTP/1.1" %d %d "https://www.trailhead-outfitters.eu/" "%s" rt=%.3f uct="0.000" urt="%s"' % (r.randint(2, 250), g.fmt(t, "%d/%b/%Y:%H:%M:%S +0000"), p, st, r.randint(3000, 90000) if st == 200 else 562, ua, lat, "%.3f" % lat if st != 502 else "-"))
        g.add(t + lat, lb, "requests", sev="ERROR" if st >= 500 else "INFO", http=g.http("GET", "https://www.trailhead-outfitters.eu" + p, st, lat + 0.003, ua=ua),
              js={"@type": "type.googleapis.com/google.cloud.loadbalancing.type.LoadBalancerLogEntry", "statusDetails": {504: "backend_timeout", 502: "response_sent_by_backend"}.get(st, "response_sent_by_backend"), "backendTargetProjectNumber": "projects/48213377102"}, trace=True)
    g.poisson(5.0, req)

    # health checks
    g.every(5, lambda t: g.add(t, web[r.randrange(3)], "nginx_access", text='35.191.%d.%d - - [%s] "GET /healthz.php HTTP/1.1" 200 2 "-" "GoogleHC/1.0" rt=0.004 uct="0.000" urt="0.004"' % (r.randint(0, 255), r.randint(1, 254), g.fmt(t, "%d/%b/%Y:%H:%M:%S +0000"))))

    # deploy hook flushes object cache (root cause)
    w0 = web[0]
    g.add(flush_t - 40, w0, "syslog", sev=None, text="%s wp-web-1 deploy-hook[24117]: Deploying theme trailhead-child 3.8.2 (git 4f1c9e2)" % g.fmt(flush_t - 40, "%b %d %H:%M:%S"))
    g.add(flush_t - 12, w0, "syslog", sev=None, text="%s wp-web-1 deploy-hook[24117]: rsync: 212 files updated in /var/www/html/wp-content/themes/trailhead-child" % g.fmt(flush_t - 12, "%b %d %H:%M:%S"))
    g.add(flush_t - 1, w0, "syslog", sev=None, text="%s wp-web-1 deploy-hook[24117]: + sudo -u www-data wp cache flush --path=/var/www/html" % g.fmt(flush_t - 1, "%b %d %H:%M:%S"))
    g.add(flush_t, w0, "syslog", sev=None, text="%s wp-web-1 deploy-hook[24117]: Success: The cache was flushed." % g.fmt(flush_t, "%b %d %H:%M:%S"))
    g.add(flush_t + 1, w0, "syslog", sev=None, text="%s wp-web-1 deploy-hook[24117]: + sudo -u www-data wp transient delete --all --path=/var/www/html" % g.fmt(flush_t + 1, "%b %d %H:%M:%S"))
    g.add(flush_t + 3, w0, "syslog", sev=None, text="%s wp-web-1 deploy-hook[24117]: Success: 3184 transients deleted from the database." % g.fmt(flush_t + 3, "%b %d %H:%M:%S"))
    g.add(flush_t + 4, w0, "syslog", sev=None, text="%s wp-web-1 deploy-hook[24117]: deploy finished in 44s" % g.fmt(flush_t + 4, "%b %d %H:%M:%S"))

    # memcached stats exporter (hit ratio collapse)
    def mcstats(t):
        L = load(t)
        hit = 0.97 - 0.9 * L if t >= flush_t else 0.97 + r.uniform(-0.01, 0.01)
        if flush_t <= t < flush_t + 20:
            hit = 0.01
        g.add(t, mc, "memcached-exporter", sev="INFO", js={"msg": "stats", "curr_items": int(1800000 * (1 - L * 0.9)) if t >= flush_t else 1800000 + r.randint(-5000, 5000), "get_hit_ratio": round(hit, 3), "evictions": r.randint(0, 3), "curr_connections": r.randint(180, 260)})
    g.every(60, mcstats, jitter=0.02)

    # php-fpm pool saturation
    def fpm(t):
        L = load(t)
        for w in range(3):
            if L > 0.6 and r.random() < 0.8:
                g.add(t + r.uniform(0, 5), web[w], "php-fpm", sev="WARNING", text="[%s] WARNING: [pool www] server reached pm.max_children setting (40), consider raising it" % g.fmt(t, "%d-%b-%Y %H:%M:%S"))
            if L > 0.3 and r.random() < 0.5 * L:
                g.add(t + r.uniform(0, 5), web[w], "php-fpm", sev="WARNING", text="[%s] WARNING: [pool www] child %d, script '/var/www/html/index.php' (request: \"GET /index.php\") executing too slow (%.6f sec), logging" % (g.fmt(t, "%d-%b-%Y %H:%M:%S"), r.randint(3000, 40000), r.uniform(5, 30)))
    g.every(10, fpm)

    # mysql slow queries
    def slowq(t):
        L = load(t)
        n = 1 if r.random() < 0.2 else 0
        n += int(L * r.uniform(2, 6))
        for _ in range(n):
            q = r.choice(["SELECT option_name, option_value FROM wp_options WHERE autoload = 'yes'",
                          "SELECT wp_posts.ID FROM wp_posts LEFT JOIN wp_wc_product_meta_lookup wc_product_meta_lookup ON wp_posts.ID = wc_product_meta_lookup.product_id WHERE 1=1 AND wp_posts.post_type = 'product' ORDER BY wc_product_meta_lookup.total_sales DESC LIMIT 0, 24",
                          "SELECT t.*, tt.* FROM wp_terms AS t INNER JOIN wp_term_taxonomy AS tt ON t.term_id = tt.term_id WHERE tt.taxonomy IN ('product_cat')",
                          "SELECT meta_id, post_id, meta_key, meta_value FROM wp_postmeta WHERE post_id IN (%s)" % ",".join(str(r.randint(100, 9000)) for _ in range(8))])
            g.add(t + r.uniform(0, 10), db, "cloudsql.googleapis.com%2Fmysql-slow.log", sev="INFO", text="# Query_time: %.6f  Lock_time: 0.000%03d Rows_sent: %d  Rows_examined: %d\n%s;" % (r.uniform(2, 4) * (1 + L * 4), r.randint(10, 999), r.randint(1, 500), r.randint(20000, 900000), q))
    g.every(10, slowq)

    def dberr(t):
        if load(t) > 0.7 and r.random() < 0.4:
            g.add(t, web[r.randrange(3)], "php-fpm", sev="WARNING", text="[%s UTC] PHP Warning:  mysqli_real_connect(): (HY000/1040): Too many connections in /var/www/html/wp-includes/class-wpdb.php on line 2019" % g.fmt(t, "%d-%b-%Y %H:%M:%S"))
    g.every(6, dberr)

    # distractors / background noise
    g.every(25, lambda t: g.add(t, web[r.randrange(3)], "php-fpm", sev="WARNING", text="[%s UTC] PHP Deprecated:  Creation of dynamic property WC_Product_Variable::$trail_badges is deprecated in /var/www/html/wp-content/plugins/trail-badges/includes/class-badges.php on line 88" % g.fmt(t, "%d-%b-%Y %H:%M:%S")), jitter=0.6)
    g.every(30, lambda t: g.add(t, web[r.randrange(3)], "nginx_error", sev="ERROR", text='%s [error] %d#0: *%d access forbidden by rule, client: %s, server: www.trailhead-outfitters.eu, request: "POST /xmlrpc.php HTTP/1.1", host: "www.trailhead-outfitters.eu"' % (g.fmt(t, "%Y/%m/%d %H:%M:%S"), r.randint(900, 990), r.randint(10**5, 10**7), g.ip())), jitter=0.7)
    g.every(300, lambda t: g.add(t, web[r.randrange(3)], "php-fpm", sev="ERROR", text="[%s UTC] PHP Fatal error:  Uncaught Error: Call to undefined function mailchimp_get_store_id() in /var/www/html/wp-content/plugins/mc4wp-woo-sync/sync.php:212" % g.fmt(t, "%d-%b-%Y %H:%M:%S")), jitter=0.3)
    g.every(60, lambda t: g.add(t, web[r.randrange(3)], "syslog", text="%s wp-web-%d CRON[%d]: (www-data) CMD (wp cron event run --due-now --path=/var/www/html >/dev/null 2>&1)" % (g.fmt(t, "%b %d %H:%M:%S"), r.randint(1, 3), r.randint(20000, 40000))), jitter=0.02)
    g.every(90, lambda t: g.add(t, web[r.randrange(3)], "syslog", text="%s wp-web-%d google_guest_agent[812]: Updating keys for user deploy." % (g.fmt(t, "%b %d %H:%M:%S"), r.randint(1, 3))), jitter=0.5)
    g.every(120, lambda t: g.add(t, mc, "syslog", text="%s wp-memcached-1 systemd[1]: Started Daily apt download activities." % g.fmt(t, "%b %d %H:%M:%S")), jitter=0.1, end=200)
    return {
        "title": "Theme deploy hook flushed the WordPress object cache; cold cache stampedes MySQL, PHP-FPM saturates, 504s",
        "root_cause": {"evidence": ["wp cache flush", "The cache was flushed"], "category": "other", "must_mention": ["cache", "flush"]},
        "symptoms": [{"evidence": "server reached pm.max_children"}, {"evidence": "upstream timed out (110: Connection timed out)"}, {"evidence": "Too many connections"}],
        "distractors": [{"evidence": "mailchimp_get_store_id"}, {"evidence": "Creation of dynamic property"}],
        "priority": "P1",
    }


# 3 ----------------------------------------------------------------------------------------------
def rails_migration_lock(g):
    r = g.rng
    nodes = ["gke-shop-prod-pool-2-%s-%s" % (g.hexid(8), g.hexid(4)) for _ in range(4)]
    gke_platform(g, nodes)
    web = [g.k8s("storefront", "storefront-web-7f9c8d6b5-%s" % g.hexid(5), "puma", node=r.choice(nodes)) for _ in range(4)]
    sk = [g.k8s("storefront", "storefront-sidekiq-6d8c7b9f4-%s" % g.hexid(5), "sidekiq", node=r.choice(nodes)) for _ in range(2)]
    mig = g.k8s("storefront", "storefront-db-migrate-28941572-%s" % g.hexid(5), "migrate", node=nodes[0])
    ing = g.k8s("ingress-nginx", "ingress-nginx-controller-6c8f-%s" % g.hexid(5), "controller", node=nodes[1])
    db = g.sql("storefront-pg-prod")
    mt = 180.0          # migration starts (window opens just before)
    mend = 1620.0       # index build finishes

    def locked(t):
        return mt + 2 <= t < mend

    def rl(t, res, lvl, rid, msg):
        return g.out(t, res, "%s, [%s #1] %5s -- : [%s] %s" % (lvl[0], g.fmt(t, "%Y-%m-%dT%H:%M:%S.%f"), lvl, rid, msg), sev={"INFO": "INFO", "WARN": "WARNING", "ERROR": "ERROR", "DEBUG": "DEBUG", "FATAL": "CRITICAL"}[lvl])

    def request(t):
        rid = "%s-%s-%s-%s-%s" % (g.hexid(8), g.hexid(4), g.hexid(4), g.hexid(4), g.hexid(12))
        w = r.choice(web)
        kind = r.random()
        if kind < 0.25:
            path, ctrl, method = "/checkout", "CheckoutsController#create", "POST"
        elif kind < 0.35:
            path, ctrl, method = "/cart/items", "CartItemsController#create", "POST"
        else:
            path, ctrl, method = r.choice(["/products/%d" % r.randint(1, 9000), "/collections/outdoor", "/", "/search?q=tent"]), "ProductsController#show", "GET"
        rl(t, w, "INFO", rid, "Started %s \"%s\" for %s at %s +0000" % (method, path, g.podip(), g.fmt(t, "%Y-%m-%d %H:%M:%S")))
        rl(t + 0.001, w, "INFO", rid, "Processing by %s as HTML" % ctrl)
        if path == "/checkout" and locked(t):
            lat = 15.0 + r.uniform(0, 0.05)
            rl(t + lat, w, "INFO", rid, "Completed 500 Internal Server Error in %dms (ActiveRecord: %.1fms | Allocations: %d)" % (lat * 1000, lat * 1000 - 3, r.randint(4000, 9000)))
            rl(t + lat, w, "FATAL", rid, "  ")
            rl(t + lat, w, "FATAL", rid, "ActiveRecord::QueryCanceled (PG::QueryCanceled: ERROR:  canceling statement due to statement timeout")
            rl(t + lat, w, "FATAL", rid, "CONTEXT:  while inserting index tuple (%d,%d) in relation \"orders\"" % (r.randint(1000, 90000), r.randint(1, 60)) if r.random() < 0.2 else ":")
            rl(t + lat, w, "FATAL", rid, "app/services/checkout/place_order.rb:41:in `call'")
            rl(t + lat, w, "FATAL", rid, "app/controllers/checkouts_controller.rb:18:in `create'")
            st = 500
        elif path == "/checkout":
            lat = r.uniform(0.2, 0.9)
            rl(t + 0.1, w, "DEBUG", rid, "  Order Create (4.1ms)  INSERT INTO \"orders\" (\"cart_id\", \"total_cents\", \"currency\", \"created_at\", \"updated_at\") VALUES ($1, $2, $3, $4, $5) RETURNING \"id\"")
            rl(t + lat, w, "INFO", rid, "Redirected to https://shop.fernway.com/orders/%d" % r.randint(10**6, 10**7))
            rl(t + lat, w, "INFO", rid, "Completed 302 Found in %dms (ActiveRecord: %.1fms | Allocations: %d)" % (lat * 1000, lat * 300, r.randint(4000, 9000)))
            st = 302
        else:
            lat = r.uniform(0.03, 0.3)
            if locked(t) and r.random() < 0.15:
                lat += r.uniform(1, 4)   # waiting puma threads
            rl(t + lat, w, "INFO", rid, "Completed 200 OK in %dms (Views: %.1fms | ActiveRecord: %.1fms | Allocations: %d)" % (lat * 1000, lat * 600, lat * 300, r.randint(2000, 40000)))
            st = 200
        g.out(t + lat + 0.002, ing, ingress_line(g, t, method, path, st, lat + 0.003, "storefront-storefront-web-3000", "%s:3000" % g.podip()))
    g.poisson(2.0, request)

    # migration job (root cause)
    g.k8s_event(mt - 8, "storefront", "Pod", mig["labels"]["pod_name"], "Started", "Started container migrate")
    g.out(mt - 3, mig, "I, [%s #1]  INFO -- : Migrating to AddFulfillmentStatusToOrders (20261118093012)" % g.fmt(mt - 3, "%Y-%m-%dT%H:%M:%S.%f"))
    g.out(mt - 2.9, mig, "== 20261118093012 AddFulfillmentStatusToOrders: migrating ===========================")
    g.out(mt - 2.8, mig, "-- add_column(:orders, :fulfillment_status, :string)")
    g.out(mt - 2.7, mig, "   -> 0.0113s")
    g.out(mt, mig, "-- add_index(:orders, :fulfillment_status)")
    g.add(mt + 0.2, db, "cloudsql.googleapis.com%2Fpostgres.log", sev="INFO", text="%s UTC [%d]: [1-1] db=storefront,user=storefront_migrator LOG:  statement: CREATE INDEX \"index_orders_on_fulfillment_status\" ON \"orders\" (\"fulfillment_status\")" % (g.ms(mt), 40211))
    g.out(mend, mig, "   -> %.4fs" % (mend - mt))
    g.out(mend + 0.1, mig, "== 20261118093012 AddFulfillmentStatusToOrders: migrated (%.4fs) ==================" % (mend - mt + 0.03))
    g.k8s_event(mend + 2, "storefront", "Pod", mig["labels"]["pod_name"], "Completed", "Job completed")

    # postgres lock waits
    def pglocks(t):
        if locked(t):
            for _ in range(r.randint(1, 3)):
                pid = r.randint(41000, 49000)
                g.add(t + r.uniform(0, 4), db, "cloudsql.googleapis.com%2Fpostgres.log", sev="INFO", text="%s UTC [%d]: [3-1] db=storefront,user=storefront_app LOG:  process %d still waiting for RowExclusiveLock on relation 16842 of database 16401 after 1000.081 ms" % (g.ms(t), pid, pid))
                g.add(t + r.uniform(0, 4), db, "cloudsql.googleapis.com%2Fpostgres.log", sev="INFO", text="%s UTC [%d]: [4-1] db=storefront,user=storefront_app DETAIL:  Process holding the lock: 40211. Wait queue: %s." % (g.ms(t), pid, ", ".join(str(r.randint(41000, 49000)) for _ in range(r.randint(3, 14)))))
                g.add(t + r.uniform(0, 4), db, "cloudsql.googleapis.com%2Fpostgres.log", sev="ERROR", text="%s UTC [%d]: [5-1] db=storefront,user=storefront_app ERROR:  canceling statement due to statement timeout" % (g.ms(t), pid))
        if r.random() < 0.3:
            g.add(t, db, "cloudsql.googleapis.com%2Fpostgres.log", sev="INFO", text="%s UTC [%d]: [1-1] db=storefront,user=storefront_app LOG:  duration: %.3f ms  statement: SELECT \"products\".* FROM \"products\" WHERE \"products\".\"collection_id\" = 12 ORDER BY position" % (g.ms(t), r.randint(41000, 49000), r.uniform(500, 1400)))
    g.every(5, pglocks)
    g.every(300, lambda t: g.add(t, db, "cloudsql.googleapis.com%2Fpostgres.log", sev="INFO", text="%s UTC [27]: [1-1] db=,user= LOG:  checkpoint complete: wrote %d buffers (%.1f%%); 0 WAL file(s) added, 0 removed, 2 recycled; write=%.3f s" % (g.ms(t), r.randint(2000, 9000), r.uniform(1, 6), r.uniform(100, 270))), jitter=0.05)

    # sidekiq jobs
    def job(t):
        s = r.choice(sk)
        jid = g.hexid(24)
        cls = r.choice(["OrderConfirmationMailer", "Inventory::ReserveJob", "FulfillmentSyncJob", "SearchIndexJob", "AbandonedCartJob"])
        g.jout(t, s, {"ts": g.iso(t), "pid": 1, "tid": g.hexid(4), "lvl": "INFO", "msg": "start", "ctx": {"class": cls, "jid": jid}})
        if cls == "FulfillmentSyncJob" and locked(t):
            g.jout(t + 10, s, {"ts": g.iso(t + 10), "pid": 1, "tid": g.hexid(4), "lvl": "WARN", "msg": "PG::LockNotAvailable: ERROR:  canceling statement due to lock timeout", "ctx": {"class": cls, "jid": jid, "retry_count": r.randint(0, 4)}}, sev="WARNING")
            g.jout(t + 10, s, {"ts": g.iso(t + 10), "pid": 1, "tid": g.hexid(4), "lvl": "INFO", "msg": "fail", "ctx": {"class": cls, "jid": jid, "elapsed": 10.01}})
        else:
            el = r.uniform(0.01, 1.2)
            g.jout(t + el, s, {"ts": g.iso(t + el), "pid": 1, "tid": g.hexid(4), "lvl": "INFO", "msg": "done", "ctx": {"class": cls, "jid": jid, "elapsed": round(el, 3)}})
    g.poisson(1.2, job)

    # distractors
    def bots(t):
        w = r.choice(web)
        rid = g.hexid(8) + "-" + g.hexid(4) + "-" + g.hexid(4) + "-" + g.hexid(4) + "-" + g.hexid(12)
        p = r.choice(["/wp-login.php", "/.env", "/phpmyadmin/index.php", "/wp-admin/setup-config.php", "/.git/config"])
        rl(t, w, "INFO", rid, "Started GET \"%s\" for %s at %s +0000" % (p, g.ip(), g.fmt(t, "%Y-%m-%d %H:%M:%S")))
        rl(t + 0.002, w, "FATAL", rid, "ActionController::RoutingError (No route matches [GET] \"%s\"):" % p)
        g.out(t + 0.004, ing, ingress_line(g, t, "GET", p, 404, 0.004, "storefront-storefront-web-3000", "%s:3000" % g.podip(), ua="Mozilla/5.0 zgrab/0.x"))
    g.poisson(0.8, bots)
    g.every(240, lambda t: g.jout(t, r.choice(sk), {"ts": g.iso(t), "pid": 1, "tid": g.hexid(4), "lvl": "ERROR", "msg": "Net::ReadTimeout with #<TCPSocket:(closed)>", "ctx": {"class": "ShippingRatesRefreshJob", "jid": g.hexid(24), "retry_count": 2}, "error_class": "Net::ReadTimeout"}, sev="ERROR"), jitter=0.3)
    g.every(30, lambda t: g.jout(t, r.choice(sk), {"ts": g.iso(t), "pid": 1, "tid": g.hexid(4), "lvl": "INFO", "msg": "Heartbeat", "ctx": {}}), jitter=0.1)
    return {
        "title": "Migration AddFulfillmentStatusToOrders builds a non-concurrent index on orders; checkout INSERTs block and time out",
        "root_cause": {"evidence": ["AddFulfillmentStatusToOrders", "CREATE INDEX \"index_orders_on_fulfillment_status\""], "category": "database",
                       "must_mention": ["orders", "index"]},
        "symptoms": [{"evidence": "canceling statement due to statement timeout"}, {"evidence": "still waiting for RowExclusiveLock"}, {"evidence": "Completed 500 Internal Server Error"}],
        "distractors": [{"evidence": "ActionController::RoutingError"}, {"evidence": "Net::ReadTimeout"}],
        "priority": "P0",
    }
