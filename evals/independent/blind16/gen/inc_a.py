"""Incidents 1-4."""
from common import Inc, FIRST


def pg_prefix(inc, t, pid):
    return inc.fmt(t, "%Y-%m-%d %H:%M:%S.%3 UTC") + " [%d]" % pid


# ---------------------------------------------------------------------------
def discourse_pgbouncer(out):
    I = Inc("discourse-pgbouncer-pool-mode", "2025-04-08T13:20:00Z", 45, 1601, "forum-chaos-lab")
    r = I.rng
    F = 14 * 60 + 23.4
    ns = "discourse"
    webs = ["discourse-web-6c9d7f8b94-%s" % s for s in ("2xkqp", "8mv4n", "tz7rw")]
    sk = "discourse-sidekiq-5f7b9c6d88-lq2vd"
    pgbs = ["pgbouncer-7d8c5b6f4-gh2ks", "pgbouncer-7d8c5b6f4-wq9zm"]
    host = "forum.chaoslab.dev"
    routes = [("GET", "/latest.json", 30), ("GET", "/t/%s/%d.json", 25), ("GET", "/c/general/4.json", 8),
              ("POST", "/posts.json", 5), ("GET", "/session/current.json", 10), ("GET", "/notifications.json", 8),
              ("POST", "/message-bus/%s/poll", 14)]
    tot = sum(w for *_, w in routes)
    ctrl = {"/latest.json": "ListController#latest", "/c/general/4.json": "ListController#category_default",
            "/posts.json": "PostsController#create", "/session/current.json": "SessionController#current",
            "/notifications.json": "NotificationsController#index"}

    def pick():
        x = r.uniform(0, tot)
        for m, p, w in routes:
            x -= w
            if x <= 0:
                break
        if "%s/%d" in p:
            p = p % (r.choice(["welcome-to-the-lab", "chaos-day-notes", "pgbouncer-tuning", "release-3-4-beta", "k8s-upgrade-plan"]), r.randint(100, 9000))
        elif "%s" in p:
            p = p % I.hx(32)
        return m, p

    pid_ctr = [0]
    for t in I.poisson(lambda t: 95.0):
        m, p = pick()
        w = r.choice(webs)
        bad = t > F + 4 and "/message-bus/" not in p and r.random() < (0.34 if t < F + 600 else 0.29)
        st = 500 if bad else (200 if m == "GET" else r.choice([200, 200, 200, 422]))
        ms = r.randint(18, 140) if not bad else r.randint(6, 40)
        if "/message-bus/" in p:
            ms = r.randint(20000, 25000)
        I.lb(t + ms / 1000.0, host, m, p, st, ms / 1000.0, rule="forum-lb", backend="k8s1-discourse-web-80")
        if "/message-bus/" in p:
            continue
        c = ctrl.get(p.split("?")[0], "TopicsController#show")
        rid = I.hx(8) + "-" + I.hx(4) + "-" + I.hx(4)
        I.k8s(t, ns, w, "discourse", "Started %s \"%s\" for 10.8.%d.%d at %s" % (m, p, r.randint(0, 3), r.randint(2, 250), I.fmt(t, "%Y-%m-%d %H:%M:%S +0000")))
        I.k8s(t + 0.002, ns, w, "discourse", "Processing by %s as JSON" % c)
        if bad:
            n = r.randint(1, 60)
            if r.random() < 0.62:
                err = "PG::DuplicatePstatement: ERROR:  prepared statement \"a%d\" already exists" % n
            else:
                err = "PG::InvalidSqlStatementName: ERROR:  prepared statement \"a%d\" does not exist" % n
            I.k8s(t + ms / 1000.0, ns, w, "discourse", "Completed 500 Internal Server Error in %dms (ActiveRecord: %.1fms | Allocations: %d)" % (ms, ms * 0.4, r.randint(900, 9000)))
            I.k8s(t + ms / 1000.0 + 0.001, ns, w, "discourse", "ActiveRecord::StatementInvalid (%s\n)" % err)
            I.k8s(t + ms / 1000.0 + 0.002, ns, w, "discourse", "app/models/topic_query.rb:%d:in `default_results'" % r.choice([742, 851, 1009]))
        else:
            I.k8s(t + ms / 1000.0, ns, w, "discourse", "Completed %d %s in %dms (Views: %.1fms | ActiveRecord: %.1fms | Allocations: %d)" % (
                st, "OK" if st == 200 else "Unprocessable Entity", ms, ms * 0.3, ms * 0.45, r.randint(2000, 40000)))
    # sidekiq
    jobs = ["Jobs::ProcessPost", "Jobs::PostAlert", "Jobs::NotifyMailingListSubscribers", "Jobs::UpdateGravatar", "Jobs::PullHotlinkedImages", "Jobs::CreateUserReviewable", "Jobs::EmitWebHookEvent"]
    for t in I.poisson(40):
        j = r.choice(jobs)
        jid = I.hx(24)
        tid = I.hx(4)
        I.k8s(t, ns, sk, "sidekiq", "%s pid=41 tid=%s class=%s jid=%s INFO: start" % (I.fmt(t, "%Y-%m-%dT%H:%M:%S.%3Z"), tid, j, jid), app="discourse-sidekiq")
        el = r.uniform(0.02, 1.4)
        if t > F + 5 and r.random() < 0.3:
            I.k8s(t + el, ns, sk, "sidekiq", "%s pid=41 tid=%s class=%s jid=%s elapsed=%.3f INFO: fail" % (I.fmt(t + el, "%Y-%m-%dT%H:%M:%S.%3Z"), tid, j, jid, el), app="discourse-sidekiq")
            I.k8s(t + el + 0.001, ns, sk, "sidekiq", "%s pid=41 tid=%s WARN: ActiveRecord::StatementInvalid: PG::DuplicatePstatement: ERROR:  prepared statement \"a%d\" already exists" % (I.fmt(t + el, "%Y-%m-%dT%H:%M:%S.%3Z"), tid, r.randint(1, 40)), app="discourse-sidekiq")
        else:
            I.k8s(t + el, ns, sk, "sidekiq", "%s pid=41 tid=%s class=%s jid=%s elapsed=%.3f INFO: done" % (I.fmt(t + el, "%Y-%m-%dT%H:%M:%S.%3Z"), tid, j, jid, el), app="discourse-sidekiq")
    # distractor: PollFeed to partner blog times out
    for t in I.every(120, t0=37):
        tid = I.hx(4)
        I.k8s(t, ns, sk, "sidekiq", "%s pid=41 tid=%s WARN: Jobs::PollFeed: Net::OpenTimeout fetching https://blog.partner-lab.example/feed.xml (execution expired)" % (I.fmt(t, "%Y-%m-%dT%H:%M:%S.%3Z"), tid), app="discourse-sidekiq", sev="WARNING")
    for t in I.every(300, t0=50):
        I.k8s(t, ns, r.choice(webs), "discourse", "DEPRECATION WARNING: Using `Rails.application.secrets` is deprecated in favor of `Rails.application.credentials` (called from block in <main> at /var/www/discourse/config/initializers/100-secret_token.rb:8)", sev="WARNING")
    # pgbouncer (logs to stderr -> ERROR severity in GKE, as in reality)
    for pb in pgbs:
        for t in I.every(60, t0=r.uniform(0, 60), jitter=0.01):
            busy = t > F
            I.k8s(t, ns, pb, "pgbouncer", "%s LOG stats: %d xacts/s, %d queries/s, %d client parses/s, %d server parses/s, %d binds/s, in %d B/s, out %d B/s, xact %d us, query %d us, wait %d us" % (
                pg_prefix(I, t, 1), r.randint(140, 210), r.randint(380, 520), 0, 0, 0, r.randint(80000, 130000), r.randint(400000, 700000), r.randint(900, 1900), r.randint(300, 700), r.randint(4, 40) if not busy else r.randint(3, 30)), stream="stderr")
        for t in I.poisson(6):
            c = "C-0x%s" % I.hx(12)
            I.k8s(t, ns, pb, "pgbouncer", "%s LOG %s: discourse/discourse@10.8.%d.%d:%d login attempt: db=discourse user=discourse tls=no replication=no" % (pg_prefix(I, t, 1), c, r.randint(0, 3), r.randint(2, 250), r.randint(30000, 60000)), stream="stderr")
            tc = t + r.uniform(30, 600)
            I.k8s(tc, ns, pb, "pgbouncer", "%s LOG %s: discourse/discourse@10.8.%d.%d:%d closing because: client close request (age=%ds)" % (pg_prefix(I, tc, 1), c, r.randint(0, 3), r.randint(2, 250), r.randint(30000, 60000), int(tc - t)), stream="stderr")
    # ROOT CAUSE: configmap edited, reloader sidecar diff + SIGHUP
    I.audit(F - 6.2, "io.k8s.core.v1.configmaps.update", "core/v1/namespaces/discourse/configmaps/pgbouncer-config", "sre-oncall-bot@forum-chaos-lab.iam.gserviceaccount.com", ua="chaos-runner/0.9.3")
    for i, pb in enumerate(pgbs):
        tt = F + i * 1.7
        I.k8s(tt, ns, pb, "config-reloader", "level=info ts=%s caller=reloader.go:212 msg=\"config file changed\" file=/etc/pgbouncer/pgbouncer.ini diff=\"pool_mode = session -> transaction\" action=\"send SIGHUP to pid 1\"" % I.fmt(tt, "%Y-%m-%dT%H:%M:%S.%3Z"), app="pgbouncer")
        I.k8s(tt + 0.01, ns, pb, "pgbouncer", "%s LOG got SIGHUP, re-reading config" % pg_prefix(I, tt + 0.01, 1), stream="stderr")
    # postgres on a VM (ops agent -> gce_instance)
    vm = "discourse-pg-1"
    for t in I.every(300, t0=95):
        I.gce(t, vm, "postgresql_general", "%s LOG:  checkpoint starting: time" % pg_prefix(I, t, 731))
        I.gce(t + 28, vm, "postgresql_general", "%s LOG:  checkpoint complete: wrote %d buffers (%.1f%%); 0 WAL file(s) added, 0 removed, %d recycled; write=26.%03d s, sync=0.0%02d s, total=26.%03d s; sync files=%d, longest=0.004 s, average=0.001 s; distance=%d kB, estimate=%d kB" % (
            pg_prefix(I, t + 28, 731), r.randint(900, 3000), r.uniform(0.5, 2.5), r.randint(1, 3), r.randint(0, 999), r.randint(1, 9), r.randint(0, 999), r.randint(30, 90), r.randint(9000, 30000), r.randint(20000, 40000)))
    for t in I.poisson(0.6):
        I.gce(t, vm, "postgresql_general", "%s LOG:  automatic vacuum of table \"discourse.public.%s\": index scans: 1" % (pg_prefix(I, t, r.randint(20000, 29999)), r.choice(["user_visits", "topic_views", "message_bus", "post_timings", "user_actions"])))
    for t in I.poisson(lambda t: 11.0 if t > F + 4 else 0):
        n = r.randint(1, 60)
        pid = r.randint(30000, 39999)
        if r.random() < 0.62:
            I.gce(t, vm, "postgresql_general", "%s ERROR:  prepared statement \"a%d\" already exists" % (pg_prefix(I, t, pid), n), sev="ERROR")
        else:
            I.gce(t, vm, "postgresql_general", "%s ERROR:  prepared statement \"a%d\" does not exist" % (pg_prefix(I, t, pid), n), sev="ERROR")
    # redis noise
    for t in I.every(300, t0=140):
        I.k8s(t, ns, "redis-0", "redis", "1:M %s * 100 changes in 300 seconds. Saving..." % I.fmt(t, "%d %b %Y %H:%M:%S.%3"), app="redis")
        I.k8s(t + 0.01, ns, "redis-0", "redis", "1:M %s * Background saving started by pid %d" % (I.fmt(t, "%d %b %Y %H:%M:%S.%3"), r.randint(1000, 9000)), app="redis")
        I.k8s(t + 0.9, ns, "redis-0", "redis", "1:M %s * Background saving terminated with success" % I.fmt(t + 0.9, "%d %b %Y %H:%M:%S.%3"), app="redis")
    n = I.write(out, {
        "title": "Discourse 500s after PgBouncer pool_mode switched from session to transaction (prepared statements break)",
        "root_cause": {"evidence": ["pool_mode = session -> transaction"], "category": "configuration",
                       "must_mention": ["pgbouncer", "pool_mode"]},
        "symptoms": [{"evidence": "already exists"}, {"evidence": "Completed 500 Internal Server Error"}, {"evidence": "does not exist"}],
        "distractors": [{"evidence": "Net::OpenTimeout"}, {"evidence": "DEPRECATION WARNING"}],
        "priority": "P1"})
    return I.iid, n


# ---------------------------------------------------------------------------
def mediawiki_memcached(out):
    I = Inc("mediawiki-memcached-flush-stampede", "2025-05-21T08:05:00Z", 50, 1602, "wiki-chaos-lab")
    r = I.rng
    F = 8 * 60 + 41.0
    ns = "wiki"
    fpm = ["mediawiki-7b5d9f6c8-%s" % s for s in ("4hx2k", "9zvq1", "c7l3p", "r8wd6")]
    mcs = ["memcached-0", "memcached-1", "memcached-2"]
    host = "wiki.chaoslab.dev"

    def miss(t):  # cache miss ratio over time
        if t < F:
            return 0.04
        x = (t - F) / 60.0
        return max(0.05, 0.97 - 0.055 * x)

    def errp(t):
        if t < F + 20:
            return 0.003
        x = (t - F) / 60.0
        if x < 3:
            return 0.25 + 0.12 * x
        return max(0.01, 0.62 - 0.045 * (x - 3))

    pages = ["Main_Page", "Chaos_Engineering", "PostgreSQL", "Memcached", "Kubernetes", "Special:RecentChanges", "Incident_Runbook", "Network_Topology", "On-call_Rotation", "Service_Catalog", "Category:Runbooks"]
    for t in I.poisson(130):
        pg = r.choice(pages)
        path = "/wiki/%s" % pg if r.random() < 0.8 else "/w/load.php?lang=en&modules=startup&only=scripts&skin=vector-2022"
        pod = r.choice(fpm)
        if r.random() < errp(t) and "load.php" not in path:
            st = r.choice([504, 504, 503, 502])
            lat = 30.0 if st == 504 else r.uniform(0.5, 5)
            I.lb(t, host, "GET", path, st, lat, rule="wiki-lb", backend="k8s1-mediawiki-80", size=r.randint(150, 400))
            if st == 504:
                I.k8s(t + lat, ns, pod, "nginx", "%s [error] 22#22: *%d upstream timed out (110: Operation timed out) while reading response header from upstream, client: 10.44.%d.%d, server: %s, request: \"GET %s HTTP/1.1\", upstream: \"fastcgi://127.0.0.1:9000\", host: \"%s\"" % (
                    I.fmt(t + lat, "%Y/%m/%d %H:%M:%S"), r.randint(10000, 99999), r.randint(0, 9), r.randint(2, 250), host, path, host), stream="stderr", app="mediawiki")
            else:
                I.k8s(t + lat, ns, pod, "nginx", "%s [error] 22#22: *%d connect() to 127.0.0.1:9000 failed (11: Resource temporarily unavailable) while connecting to upstream, client: 10.44.%d.%d, server: %s, request: \"GET %s HTTP/1.1\", upstream: \"fastcgi://127.0.0.1:9000\", host: \"%s\"" % (
                    I.fmt(t + lat, "%Y/%m/%d %H:%M:%S"), r.randint(10000, 99999), r.randint(0, 9), r.randint(2, 250), host, path, host), stream="stderr", app="mediawiki")
        else:
            m = miss(t)
            lat = r.uniform(0.03, 0.18) if r.random() > m else r.uniform(0.6, 9.0) * (1.0 if t > F else 0.3)
            I.lb(t, host, "GET", path, 200, lat, rule="wiki-lb", backend="k8s1-mediawiki-80")
            I.k8s(t + lat, ns, pod, "nginx", "10.44.%d.%d - - [%s] \"GET %s HTTP/1.1\" 200 %d \"-\" \"%s\" rt=%.3f" % (
                r.randint(0, 9), r.randint(2, 250), I.fmt(t + lat, "%d/%b/%Y:%H:%M:%S +0000"), path, r.randint(3000, 120000), "GoogleHC/1.0" if r.random() < 0.02 else "Mozilla/5.0", lat), app="mediawiki")
    # php-fpm pressure
    for t in I.poisson(lambda t: 9.0 if F + 15 < t < F + 14 * 60 else 0.0):
        pod = r.choice(fpm)
        if r.random() < 0.45:
            I.k8s(t, ns, pod, "php-fpm", "[%s] WARNING: [pool www] server reached pm.max_children setting (40), consider raising it" % I.fmt(t, "%d-%b-%Y %H:%M:%S"), stream="stderr", app="mediawiki")
        else:
            I.k8s(t, ns, pod, "php-fpm", "[%s] WARNING: [pool www] child %d, script '/var/www/html/index.php' (request: \"GET /index.php\") executing too slow (%.6f sec), logging" % (I.fmt(t, "%d-%b-%Y %H:%M:%S"), r.randint(100, 999), r.uniform(5, 29)), stream="stderr", app="mediawiki")
    # mediawiki debug log channels (json via monolog)
    for t in I.poisson(lambda t: 14.0 if F + 10 < t < F + 16 * 60 else 0.4):
        pod = r.choice(fpm)
        if r.random() < 0.6:
            I.k8s(t, ns, pod, "mediawiki", js={"channel": "DBPerformance", "level": "WARNING", "message": "Expectation (readQueryTime <= 5) by MediaWiki::main not met (actual: %.6f):\nquery: SELECT old_id,old_text,old_flags FROM `text` WHERE old_id = 'X' LIMIT N [TRX#%s]" % (r.uniform(5.1, 28), I.hx(6)), "host": pod, "wiki": "wikidb", "reqId": I.hx(24)}, app="mediawiki")
        else:
            I.k8s(t, ns, pod, "mediawiki", js={"channel": "rdbms", "level": "ERROR", "message": "Wikimedia\\Rdbms\\LoadBalancer::getConnection: lost connection to wiki-pg-1; Error: Query timed out after 30000 ms (wiki-pg-1)", "host": pod, "wiki": "wikidb", "reqId": I.hx(24)}, app="mediawiki")
    # cache stats sidecar (quiet corroboration)
    for mc in mcs:
        items = r.randint(2100000, 2300000)
        for t in I.every(60, t0=r.uniform(0, 60), jitter=0.05):
            if t > F:
                items = min(2200000, int(items * 1.0) + r.randint(40000, 90000)) if items > 10 else r.randint(30000, 60000)
            hits = 1 - miss(t)
            I.k8s(t, ns, mc, "stats", "memcached_stats curr_items=%d get_hits_ratio=%.3f evictions=%d curr_connections=%d bytes=%d" % (items, hits, r.randint(0, 3), r.randint(180, 260), items * 1700), app="memcached")
    # ROOT CAUSE: chaos runner sends flush_all
    cr = "chaos-runner-28801410-vx7mq"
    I.k8s(F - 2.1, "chaos-testing", cr, "runner", js={"level": "info", "ts": I.ts(F - 2.1), "msg": "starting experiment", "experiment": "wiki-cache-cold-start", "steps": 1}, app="chaos-runner")
    for i, mc in enumerate(mcs):
        I.k8s(F + i * 0.05, "chaos-testing", cr, "runner", js={"level": "info", "ts": I.ts(F + i * 0.05), "msg": "action completed", "action": "memcached.flush_all", "target": "%s.memcached.wiki.svc:11211" % mc, "reply": "OK"}, app="chaos-runner")
        I.k8s(F + i * 0.05 + 0.2, ns, mc, "stats", "memcached_stats curr_items=0 get_hits_ratio=0.000 evictions=0 curr_connections=%d bytes=0" % r.randint(180, 260), app="memcached")
    # postgres VM slow queries
    vm = "wiki-pg-1"
    for t in I.poisson(lambda t: 30.0 * miss(t) if t > F else 0.3):
        d = r.uniform(1000, 9000) if t > F else r.uniform(1000, 1500)
        I.gce(t, vm, "postgresql_general", "%s LOG:  duration: %.3f ms  execute <unnamed>: SELECT %s" % (pg_prefix(I, t, r.randint(10000, 40000)), d, r.choice([
            "old_id,old_text,old_flags FROM \"text\" WHERE old_id = $1 LIMIT 1",
            "page_id,page_namespace,page_title,page_is_redirect,page_latest FROM page WHERE page_namespace = $1 AND page_title = $2 LIMIT 1",
            "rev_id,rev_page,rev_timestamp,rev_actor FROM revision WHERE rev_page = $1 ORDER BY rev_timestamp DESC LIMIT 1",
            "msg_resource_links FROM msg_resource WHERE mr_resource IN ($1,$2,$3)"])), sev="INFO")
    for t in I.every(300, t0=210):
        I.gce(t, vm, "postgresql_general", "%s LOG:  checkpoint starting: time" % pg_prefix(I, t, 611))
    for t in I.every(60, t0=5, jitter=2):
        load = 1.2 + (14 * miss(t) if t > F else 0) + r.uniform(0, 0.6)
        I.gce(t, vm, "syslog", "%s wiki-pg-1 pg-exporter[902]: level=info msg=\"stats\" active_connections=%d load1=%.2f cpu_util=%.2f" % (I.fmt(t, "%b %d %H:%M:%S"), int(12 + 90 * miss(t)) if t > F else r.randint(8, 16), load, min(0.99, load / 16)))
    # jobrunner + distractor (email)
    jr = "mediawiki-jobrunner-6f8d9c7b5-k2vzn"
    for t in I.poisson(12):
        I.k8s(t, ns, jr, "jobrunner", "%s %s Title=%s requestId=%s (id=%d,timestamp=%s) t=%d good" % (
            I.fmt(t, "%Y-%m-%d %H:%M:%S"), r.choice(["htmlCacheUpdate", "refreshLinks", "recentChangesUpdate", "cirrusSearchLinksUpdate"]), r.choice(pages), I.hx(24), r.randint(100000, 999999), I.fmt(t - 3, "%Y%m%d%H%M%S"), r.randint(3, 900)), app="mediawiki-jobrunner")
    for t in I.poisson(1.2):
        I.k8s(t, ns, jr, "jobrunner", "%s enotifNotify Title=User_talk:%s requestId=%s t=%d error=Mailer: SMTP connect() failed: smtp-relay.corp.example:587 Connection refused" % (
            I.fmt(t, "%Y-%m-%d %H:%M:%S"), r.choice(FIRST).capitalize(), I.hx(24), r.randint(3000, 5000)), app="mediawiki-jobrunner", stream="stderr")
    n = I.write(out, {
        "title": "Wiki mostly unavailable after memcached flush_all: cold cache stampede overloads PostgreSQL",
        "root_cause": {"evidence": ["memcached.flush_all", "wiki-cache-cold-start"], "category": "capacity",
                       "must_mention": ["memcached", "flush"]},
        "symptoms": [{"evidence": "upstream timed out"}, {"evidence": "pm.max_children"}, {"evidence": "Query timed out"}],
        "distractors": [{"evidence": "SMTP connect() failed"}],
        "priority": "P0"})
    return I.iid, n


# ---------------------------------------------------------------------------
def kafka_connect_converter(out):
    I = Inc("kafka-connect-avro-converter-mismatch", "2025-06-03T19:40:00Z", 40, 1603, "data-chaos-lab")
    r = I.rng
    F = 12 * 60 + 7.3
    ns = "data"
    workers = ["connect-worker-0", "connect-worker-1"]

    def jl(t, lvl, msg, cls):
        return "[%s] %s %s (%s)" % (I.fmt(t, "%Y-%m-%d %H:%M:%S,%3"), lvl, msg, cls)

    # healthy connector chatter
    for w in workers:
        for t in I.every(60, t0=r.uniform(0, 60), jitter=1):
            I.k8s(t, ns, w, "connect", jl(t, "INFO", "WorkerSourceTask{id=inventory-debezium-0} Committing offsets for %d acknowledged messages" % r.randint(200, 1800), "org.apache.kafka.connect.runtime.WorkerSourceTask"), app="kafka-connect")
        for t in I.every(30, t0=r.uniform(0, 30), jitter=0.5):
            I.k8s(t, ns, w, "connect", jl(t, "INFO", "[Consumer clientId=connector-consumer-inventory-s3-sink-%d, groupId=connect-inventory-s3-sink] Seeking to offset %d for partition inventory.v1-%d" % (workers.index(w), r.randint(10 ** 6, 10 ** 7), r.randint(0, 5)), "org.apache.kafka.clients.consumer.KafkaConsumer"), app="kafka-connect")
        for t in I.poisson(1.2):
            I.k8s(t, ns, w, "connect", "%s - - [%s] \"GET /connectors?expand=status HTTP/1.1\" 200 %d \"-\" \"Prometheus/2.53.0\" %d (org.apache.kafka.connect.runtime.rest.RestServer)" % ("10.12.%d.%d" % (r.randint(0, 3), r.randint(2, 250)), I.fmt(t, "%d/%b/%Y:%H:%M:%S +0000"), r.randint(900, 1500), r.randint(2, 20)), app="kafka-connect")
    # orders sink healthy until F
    for t in I.every(15, t0=3, t1=F):
        I.k8s(t, ns, "connect-worker-1", "connect", jl(t, "INFO", "[orders-jdbc-sink|task-0] Received %d records. First record kafka coordinates:(orders.v1-%d-%d). Writing them to the database..." % (r.randint(40, 400), r.randint(0, 5), r.randint(10 ** 6, 10 ** 7)), "io.confluent.connect.jdbc.sink.JdbcSinkTask"), app="kafka-connect")
        I.k8s(t + 0.2, ns, "connect-worker-1", "connect", jl(t + 0.2, "INFO", "[orders-jdbc-sink|task-0] Completed write operation for %d records to the database" % r.randint(40, 400), "io.confluent.connect.jdbc.sink.JdbcSinkTask"), app="kafka-connect")
    # ROOT CAUSE: connector config PUT switching value converter
    w = "connect-worker-0"
    I.k8s(F, ns, w, "connect", "10.12.7.31 - - [%s] \"PUT /connectors/orders-jdbc-sink/config HTTP/1.1\" 200 1187 \"-\" \"curl/8.5.0\" 61 (org.apache.kafka.connect.runtime.rest.RestServer)" % I.fmt(F, "%d/%b/%Y:%H:%M:%S +0000"), app="kafka-connect")
    I.k8s(F + 0.3, ns, w, "connect", jl(F + 0.3, "INFO", "[Worker clientId=connect-1, groupId=connect-cluster] Connector orders-jdbc-sink config updated", "org.apache.kafka.connect.runtime.distributed.DistributedHerder"), app="kafka-connect")
    w1 = "connect-worker-1"
    t = F + 1.1
    I.k8s(t, ns, w1, "connect", jl(t, "INFO", "[orders-jdbc-sink|task-0] Stopping task orders-jdbc-sink-0", "org.apache.kafka.connect.runtime.Worker"), app="kafka-connect")
    I.k8s(t + 0.4, ns, w1, "connect", jl(t + 0.4, "INFO", "[orders-jdbc-sink|task-0] Creating task orders-jdbc-sink-0", "org.apache.kafka.connect.runtime.Worker"), app="kafka-connect")
    cfg = ["TaskConfig values: ", "\ttask.class = class io.confluent.connect.jdbc.sink.JdbcSinkTask", "\tkey.converter = class org.apache.kafka.connect.storage.StringConverter",
           "\tvalue.converter = class io.confluent.connect.avro.AvroConverter", "\tvalue.converter.schema.registry.url = http://schema-registry.data.svc:8081", "\terrors.tolerance = none"]
    I.k8s(t + 0.5, ns, w1, "connect", jl(t + 0.5, "INFO", "[orders-jdbc-sink|task-0] " + "\n".join(cfg), "org.apache.kafka.connect.runtime.TaskConfig"), app="kafka-connect")
    I.k8s(t + 0.6, ns, w1, "connect", jl(t + 0.6, "INFO", "[orders-jdbc-sink|task-0] Set up the value converter class io.confluent.connect.avro.AvroConverter for task orders-jdbc-sink-0 using the connector config", "org.apache.kafka.connect.runtime.Worker"), app="kafka-connect")
    trace = [
        "org.apache.kafka.connect.errors.ConnectException: Tolerance exceeded in error handler",
        "\tat org.apache.kafka.connect.runtime.errors.RetryWithToleranceOperator.execAndHandleError(RetryWithToleranceOperator.java:230)",
        "\tat org.apache.kafka.connect.runtime.errors.RetryWithToleranceOperator.execute(RetryWithToleranceOperator.java:156)",
        "\tat org.apache.kafka.connect.runtime.WorkerSinkTask.convertAndTransformRecord(WorkerSinkTask.java:533)",
        "\tat org.apache.kafka.connect.runtime.WorkerSinkTask.convertMessages(WorkerSinkTask.java:513)",
        "\tat org.apache.kafka.connect.runtime.WorkerSinkTask.poll(WorkerSinkTask.java:349)",
        "\tat org.apache.kafka.connect.runtime.WorkerSinkTask.iteration(WorkerSinkTask.java:250)",
        "\tat org.apache.kafka.connect.runtime.WorkerTask.doRun(WorkerTask.java:204)",
        "\tat java.base/java.lang.Thread.run(Thread.java:840)",
        "Caused by: org.apache.kafka.connect.errors.DataException: Failed to deserialize data for topic orders.v1 to Avro: ",
        "\tat io.confluent.connect.avro.AvroConverter.toConnectData(AvroConverter.java:148)",
        "\tat org.apache.kafka.connect.storage.Converter.toConnectData(Converter.java:88)",
        "\t... 13 more",
        "Caused by: org.apache.kafka.common.errors.SerializationException: Unknown magic byte!",
        "\tat io.confluent.kafka.serializers.AbstractKafkaSchemaSerDe.getByteBuffer(AbstractKafkaSchemaSerDe.java:600)",
        "\tat io.confluent.kafka.serializers.AbstractKafkaAvroDeserializer$DeserializationContext.<init>(AbstractKafkaAvroDeserializer.java:389)",
    ]

    def fail(t0):
        I.k8s(t0, ns, w1, "connect", jl(t0, "ERROR", "[orders-jdbc-sink|task-0] WorkerSinkTask{id=orders-jdbc-sink-0} Task threw an uncaught and unrecoverable exception. Task is being killed and will not recover until manually restarted", "org.apache.kafka.connect.runtime.WorkerTask"), app="kafka-connect", stream="stderr")
        for i, ln in enumerate(trace):
            I.k8s(t0 + 0.0001 * (i + 1), ns, w1, "connect", ln, app="kafka-connect", stream="stderr")
        I.k8s(t0 + 0.01, ns, w1, "connect", jl(t0 + 0.01, "INFO", "[orders-jdbc-sink|task-0] Stopping task", "io.confluent.connect.jdbc.sink.JdbcSinkTask"), app="kafka-connect")
    fail(F + 2.9)
    # operator restarts task twice (automation), fails again
    for tr in (F + 9 * 60 + 12, F + 19 * 60 + 40):
        I.k8s(tr, ns, w, "connect", "10.12.7.31 - - [%s] \"POST /connectors/orders-jdbc-sink/tasks/0/restart HTTP/1.1\" 204 0 \"-\" \"connect-restarter/1.2\" 18 (org.apache.kafka.connect.runtime.rest.RestServer)" % I.fmt(tr, "%d/%b/%Y:%H:%M:%S +0000"), app="kafka-connect")
        fail(tr + 2.2)
    # downstream: reporting freshness checker
    rp = "orders-freshness-checker-6d9b8c7f5-j4pzt"
    for t in I.every(60, t0=20, jitter=1):
        lag = 40 + r.randint(0, 30) if t < F else int(t - F) + r.randint(20, 60)
        if lag > 300:
            I.k8s(t, "reporting", rp, "checker", js={"severity": "WARNING", "message": "orders_fact freshness lag %ds exceeds SLO 300s" % lag, "table": "warehouse.orders_fact", "lag_seconds": lag}, app="orders-freshness-checker")
        else:
            I.k8s(t, "reporting", rp, "checker", js={"severity": "INFO", "message": "orders_fact fresh (lag %ds)" % lag, "table": "warehouse.orders_fact", "lag_seconds": lag}, app="orders-freshness-checker")
    # producer (orders-api) healthy
    oa = ["orders-api-7c8d9f6b5-%s" % s for s in ("mm2qx", "pz7kd")]
    for t in I.poisson(50):
        I.k8s(t, "shop", r.choice(oa), "orders-api", js={"level": "info", "msg": "order published", "topic": "orders.v1", "order_id": "ord_%s" % I.hx(10), "partition": r.randint(0, 5), "ms": r.randint(2, 18)}, app="orders-api")
    # brokers on VMs: segment rolls + distractor fetcher disconnect
    for b in (1, 2, 3):
        vm = "kafka-broker-%d" % b
        for t in I.poisson(1.5):
            I.gce(t, vm, "kafka_server", "[%s] INFO [ProducerStateManager partition=%s-%d] Wrote producer snapshot at offset %d with 0 producer ids in 2 ms. (org.apache.kafka.storage.internals.log.ProducerStateManager)" % (I.fmt(t, "%Y-%m-%d %H:%M:%S,%3"), r.choice(["orders.v1", "inventory.v1", "clicks.v2"]), r.randint(0, 5), r.randint(10 ** 6, 10 ** 7)))
            I.gce(t + 0.002, vm, "kafka_server", "[%s] INFO [LocalLog partition=%s-%d, dir=/var/lib/kafka/data] Rolled new log segment at offset %d in 3 ms. (kafka.log.LocalLog)" % (I.fmt(t, "%Y-%m-%d %H:%M:%S,%3"), r.choice(["orders.v1", "inventory.v1", "clicks.v2"]), r.randint(0, 5), r.randint(10 ** 6, 10 ** 7)))
    for t in I.poisson(0.5):
        I.gce(t, "kafka-broker-3", "kafka_server", "[%s] WARN [ReplicaFetcher replicaId=3, leaderId=1, fetcherId=0] Error in response for fetch request (type=FetchRequest, replicaId=3, maxWait=500, minBytes=1, maxBytes=10485760) (kafka.server.ReplicaFetcherThread)" % I.fmt(t, "%Y-%m-%d %H:%M:%S,%3"), sev="WARNING")
        I.gce(t + 0.001, "kafka-broker-3", "kafka_server", "java.io.IOException: Connection to 1 was disconnected before the response was read", sev="WARNING")
    # schema registry noise
    for t in I.poisson(12):
        I.k8s(t, ns, "schema-registry-0", "schema-registry", "[%s] INFO 10.12.%d.%d - - [%s] \"GET /subjects/%s-value/versions/latest HTTP/1.1\" 200 %d \"-\" \"Java/17.0.11\" %d (io.confluent.rest-utils.requests)" % (
            I.fmt(t, "%Y-%m-%d %H:%M:%S,%3"), r.randint(0, 3), r.randint(2, 250), I.fmt(t, "%d/%b/%Y:%H:%M:%S +0000"), r.choice(["inventory.v1", "clicks.v2"]), r.randint(400, 2000), r.randint(1, 9)), app="schema-registry")
    n = I.write(out, {
        "title": "orders-jdbc-sink dead after its config was changed to the Avro converter while the topic carries JSON",
        "root_cause": {"evidence": ["PUT /connectors/orders-jdbc-sink/config", "value.converter = class io.confluent.connect.avro.AvroConverter", "Set up the value converter class io.confluent.connect.avro.AvroConverter"],
                       "category": "configuration", "must_mention": ["converter", "orders-jdbc-sink"]},
        "symptoms": [{"evidence": "Unknown magic byte"}, {"evidence": "Task is being killed"}, {"evidence": "freshness lag"}],
        "distractors": [{"evidence": "disconnected before the response was read"}],
        "priority": "P2"})
    return I.iid, n


# ---------------------------------------------------------------------------
def opensearch_breaker(out):
    # window opens ~4 minutes after the report first ran
    I = Inc("opensearch-report-aggregation-breaker", "2025-07-15T10:24:00Z", 40, 1604, "search-chaos-lab")
    r = I.rng
    ns = "search"
    nodes = ["opensearch-data-0", "opensearch-data-1", "opensearch-data-2"]
    runs = [-250 + 300 * i for i in range(10)]  # report re-runs every 5 minutes (cron */5)

    def heavy(t):
        return any(0 <= t - s <= 95 for s in runs)

    def ol(t, lvl, cls, node, msg):
        return "[%s][%-5s][%-28s] [%s] %s" % (I.fmt(t, "%Y-%m-%dT%H:%M:%S,%3"), lvl, cls, node, msg)

    # catalog-search API (customer facing) via LB
    cs = ["catalog-search-5b6c7d8f9-%s" % s for s in ("8qv2m", "kd4xz", "w7tnp")]
    for t in I.poisson(150):
        q = r.choice(["boots", "rain jacket", "tent", "headlamp", "wool socks", "trail shoes", "backpack 40l", "stove"])
        pod = r.choice(cs)
        bad = heavy(t) and r.random() < 0.42
        if bad:
            st = r.choice([503, 503, 500])
            lat = r.uniform(0.05, 2.5)
            I.lb(t, "shop.chaoslab.dev", "GET", "/api/search?q=%s" % q.replace(" ", "+"), st, lat, rule="shop-lb", backend="k8s1-catalog-search-8080")
            I.k8s(t + lat, ns, pod, "catalog-search", "%s ERROR 1 --- [nio-8080-exec-%d] c.c.search.SearchController           : search failed q='%s': OpenSearchStatusException[OpenSearch exception [type=circuit_breaking_exception, reason=[parent] Data too large, data for [<http_request>] would be [%d/%.1fgb], which is larger than the limit of [%d/%.1fgb], real usage: [%d/%.1fgb], new bytes reserved: [%d/%.1fkb], usages [request=0/0b, fielddata=%d/%.1fmb, in_flight_requests=%d/%.1fkb]]]" % (
                I.fmt(t + lat, "%Y-%m-%dT%H:%M:%S.%3Z"), r.randint(1, 200), q, 8189000000, 7.6, 8160437862, 7.5, 8188000000, 7.6, 2400, 2.3, 912000000, 869.7, 2400, 2.3), app="catalog-search", stream="stderr")
        else:
            lat = r.uniform(0.02, 0.12) * (3 if heavy(t) else 1)
            I.lb(t, "shop.chaoslab.dev", "GET", "/api/search?q=%s" % q.replace(" ", "+"), 200, lat, rule="shop-lb", backend="k8s1-catalog-search-8080")
    for t in I.poisson(20):
        I.k8s(t, ns, r.choice(cs), "catalog-search", "%s  INFO 1 --- [nio-8080-exec-%d] c.c.search.SearchController           : search ok hits=%d took=%dms" % (I.fmt(t, "%Y-%m-%dT%H:%M:%S.%3Z"), r.randint(1, 200), r.randint(0, 900), r.randint(8, 90)), app="catalog-search")
    # ROOT CAUSE: scheduled report runs a huge terms aggregation
    for s in runs:
        if s < -10:
            continue
        I.k8s(s, ns, "opensearch-dashboards-7f9c8d6b5-x2lqv", "dashboards", js={"type": "log", "@timestamp": I.ts(s), "tags": ["info", "plugins", "reportsDashboards"], "pid": 1, "message": "Executing scheduled report definition weekly-customers-by-session (trigger cron */5 * * * *, requested by analyst team)"}, app="opensearch-dashboards")
        for k, nd in enumerate(nodes):
            tt = s + 31 + r.uniform(0, 25)
            I.k8s(tt, ns, nd, "opensearch", ol(tt, "WARN", "i.s.s.query", nd, "[sessions-2025.07][%d] took[%.1fs], took_millis[%d], total_hits[%d hits], stats[], search_type[QUERY_THEN_FETCH], total_shards[15], source[{\"size\":0,\"aggregations\":{\"by_user\":{\"terms\":{\"field\":\"user_id\",\"size\":500000},\"aggregations\":{\"sessions\":{\"cardinality\":{\"field\":\"session_id\"}}}}}}], id[reports-weekly-customers-by-session]," % (
                k, tt - s, int((tt - s) * 1000), r.randint(90000000, 99000000))), app="opensearch")
    for s in runs:
        if s < -10:
            continue
        t = s + 92
        I.k8s(t, ns, "opensearch-dashboards-7f9c8d6b5-x2lqv", "dashboards", js={"type": "log", "@timestamp": I.ts(t), "tags": ["error", "plugins", "reportsDashboards"], "pid": 1, "message": "Failed to generate report: circuit_breaking_exception [parent] Data too large"}, app="opensearch-dashboards")
    # breaker + gc on data nodes
    for t in I.poisson(lambda t: 18.0 if heavy(t) else 0.0):
        nd = r.choice(nodes)
        if r.random() < 0.4:
            I.k8s(t, ns, nd, "opensearch", ol(t, "WARN", "o.o.m.j.JvmGcMonitorService", nd, "[gc][%d] overhead, spent [%.1fs] collecting in the last [%.1fs]" % (r.randint(80000, 90000), r.uniform(1.2, 3.8), r.uniform(1.5, 4.2))), app="opensearch")
        else:
            I.k8s(t, ns, nd, "opensearch", ol(t, "WARN", "o.o.i.b.HierarchyCircuitBreakerService", nd, "attempting to trigger G1GC due to high heap usage [%d]" % r.randint(8150000000, 8189000000)), app="opensearch")
    for t in I.poisson(lambda t: 5.0 if heavy(t) else 0.0):
        nd = r.choice(nodes)
        I.k8s(t, ns, nd, "opensearch", ol(t, "WARN", "r.suppressed", nd, "path: /catalog/_search, params: {index=catalog}"), app="opensearch")
        I.k8s(t + 0.0001, ns, nd, "opensearch", "org.opensearch.core.common.breaker.CircuitBreakingException: [parent] Data too large, data for [<http_request>] would be [8189544210/7.6gb], which is larger than the limit of [8160437862/7.5gb]", app="opensearch")
        I.k8s(t + 0.0002, ns, nd, "opensearch", "\tat org.opensearch.indices.breaker.HierarchyCircuitBreakerService.checkParentLimit(HierarchyCircuitBreakerService.java:457) ~[opensearch-2.15.0.jar:2.15.0]", app="opensearch")
        I.k8s(t + 0.0003, ns, nd, "opensearch", "\tat org.opensearch.common.breaker.ChildMemoryCircuitBreaker.addEstimateBytesAndMaybeBreak(ChildMemoryCircuitBreaker.java:128) ~[opensearch-2.15.0.jar:2.15.0]", app="opensearch")
    # routine opensearch noise
    for nd in nodes:
        for t in I.poisson(1.0):
            I.k8s(t, ns, nd, "opensearch", ol(t, "INFO", "o.o.c.m.MetadataMappingService", nd, "[logs-app-2025.07.15/%s] update_mapping [_doc]" % I.hx(22)), app="opensearch")
        for t in I.every(300, t0=r.uniform(0, 300)):
            I.k8s(t, ns, nd, "opensearch", ol(t, "INFO", "o.o.m.j.JvmGcMonitorService", nd, "[gc][young][%d][%d] duration [%dms], collections [1]/[1s], total [%dms]/[%.1fh], memory [%.1fgb]->[%.1fgb]/[8gb]" % (r.randint(80000, 90000), r.randint(9000, 9999), r.randint(20, 80), r.randint(20, 80), r.uniform(10, 30), r.uniform(4, 6), r.uniform(2, 3))), app="opensearch")
    # distractor: ISM rollover failing for an unrelated alias
    for t in I.every(300, t0=60):
        I.k8s(t, ns, "opensearch-data-1", "opensearch", ol(t, "WARN", "o.o.i.i.ManagedIndexRunner", "opensearch-data-1", "Failed to execute rollover for index [audit-000042]: rollover target [audit] does not point to a write index"), app="opensearch")
    # fluent-bit and dashboards chatter
    for t in I.poisson(8):
        I.k8s(t, ns, "opensearch-dashboards-7f9c8d6b5-x2lqv", "dashboards", js={"type": "response", "@timestamp": I.ts(t), "tags": [], "pid": 1, "method": "post", "statusCode": 200, "req": {"url": "/api/saved_objects/_bulk_get", "method": "post"}, "res": {"statusCode": 200, "responseTime": r.randint(10, 90)}, "message": "POST /api/saved_objects/_bulk_get 200 %dms - 9.0B" % r.randint(10, 90)}, app="opensearch-dashboards")
    n = I.write(out, {
        "title": "Product search 503s: scheduled Dashboards report runs a 500k-bucket terms aggregation every 5 minutes and trips the parent circuit breaker",
        "root_cause": {"evidence": ["weekly-customers-by-session", "\"size\":500000"], "category": "resource-exhaustion",
                       "must_mention": ["report", "aggregation"]},
        "symptoms": [{"evidence": "circuit_breaking_exception"}, {"evidence": "Data too large"}, {"evidence": "overhead, spent"}],
        "distractors": [{"evidence": "Failed to execute rollover"}],
        "priority": "P1"})
    return I.iid, n
