"""Incidents 10-14 of blind18."""
from common import Inc, pyjson
from gen import healthy_status, klog_ts, pgv, py_ts, syslog_ts
from part3 import web


# 10. Buildkite 2016 style: database downsized to save money, CPU saturates at peak
def inc_sql_downsized(out):
    inc = Inc("cloudsql-downsized-tier", "parcelpost-prod", "2025-11-28T11:30:00Z", 50, 1810)
    r = inc.rng
    ch = 6 * 60 + 4
    sql = inc.sql_res("orders-pg", "europe-west2")
    pl = "cloudsql.googleapis.com/postgres.log"
    inc.audit(ch, sql, "cloudsql.googleapis.com", "cloudsql.instances.update", "projects/parcelpost-prod/instances/orders-pg", "finops-bot@parcelpost-prod.iam.gserviceaccount.com",
              request={"@type": "type.googleapis.com/google.cloud.sql.v1beta4.SqlInstancesUpdateRequest", "body": {"settings": {"tier": "db-custom-4-15360"}}, "instance": "orders-pg", "project": "parcelpost-prod"},
              ua="terraform/1.9.8 (+https://www.terraform.io) terraform-provider-google/6.12.0 rightsizing-plan/2025-11")
    for j, msg in enumerate(["LOG:  received fast shutdown request", "LOG:  aborting any active transactions", "LOG:  database system is shut down"]):
        inc.add(ch + 40 + j, sql, pl, "INFO", text="%s %s" % (pgv(inc, ch + 40 + j, 1), msg))
    inc.add(ch + 95, sql, pl, "INFO", text="%s LOG:  database system is ready to accept connections" % pgv(inc, ch + 95, 1))
    def load(t):
        return 0.0 if t < ch + 95 else min(1.0, (t - ch - 95) / 600)
    api = inc.run_res("orders-api", "orders-api-00511-kam", "europe-west2")
    def f(t, p):
        if ch + 40 <= t < ch + 95:
            return 500, r.uniform(0.01, 0.1)
        l = load(t)
        if r.random() < 0.18 * l:
            return 504 if r.random() < 0.5 else 500, r.uniform(5, 30)
        return healthy_status(inc, 0.08 + 1.6 * l)
    web(inc, api, "api.parcelpost.co.uk", [("GET", "/v1/orders/{}"), ("POST", "/v1/checkout"), ("GET", "/v1/basket"), ("POST", "/v1/basket/items"), ("GET", "/v1/delivery-slots")], 5.0, f)
    for t in inc.poisson(0.8):
        l = load(t)
        if r.random() < 0.6 * l:
            inc.add(t, sql, pl, "INFO", text="%s LOG:  duration: %.3f ms  statement: %s" % (pgv(inc, t, r.randint(30000, 60000)), r.uniform(1500, 14000), r.choice([
                "SELECT o.* FROM orders o JOIN order_items i ON i.order_id = o.id WHERE o.customer_id = $1 ORDER BY o.created_at DESC LIMIT 20",
                "UPDATE stock SET reserved = reserved + $1 WHERE sku = $2", "SELECT * FROM delivery_slots WHERE depot_id = $1 AND day >= $2"])))
            if r.random() < 0.4:
                inc.add(t + 0.01, sql, pl, "ERROR", text="%s ERROR:  canceling statement due to statement timeout" % pgv(inc, t, r.randint(30000, 60000)))
                inc.add(t + 0.02, api, "run.googleapis.com/stderr", "ERROR", text="%s ERROR [orders.db] sqlalchemy.exc.OperationalError: (psycopg2.errors.QueryCanceled) canceling statement due to statement timeout" % py_ts(inc, t))
        elif r.random() < 0.2:
            inc.add(t, sql, pl, "INFO", text="%s LOG:  checkpoint starting: time" % pgv(inc, t, 88))
    for t in inc.every(10, 0.5):
        l = load(t)
        inc.add(t, api, "run.googleapis.com/stdout", "INFO" if l < 0.5 else "WARNING", jp=pyjson("db pool stats size=20 checked_out=%d overflow=%d wait_ms_p95=%d" % (int(6 + 14 * l), int(10 * l), int(3 + 4000 * l)), logger="orders.db.pool"))
    hook = inc.run_res("payments-webhook", "payments-webhook-00033-gir", "europe-west2")
    for t in inc.poisson(0.08):
        inc.add(t, hook, "run.googleapis.com/stdout", "WARNING", jp=pyjson("Stripe webhook signature verification failed for endpoint we_1Nx0legacy (No signatures found matching the expected signature for payload)", logger="webhook.verify"))
    truth = {"title": "Rightsizing plan moved Cloud SQL orders-pg from 16 to 4 vCPU before the Black Friday peak; queries time out",
             "root_cause": {"evidence": ["db-custom-4-15360"], "category": "capacity", "must_mention": ["orders-pg", "CPU"]},
             "symptoms": [{"evidence": "canceling statement due to statement timeout"}, {"evidence": "db pool stats"}, {"evidence": "QueryCanceled"}],
             "distractors": [{"evidence": "Stripe webhook signature verification failed"}],
             "priority": "P1"}
    return inc, truth


# 11. npm left-pad 2016: unpublished package breaks every build
def inc_left_pad(out):
    inc = Inc("npm-package-unpublished-builds", "lumenly-prod", "2025-03-22T14:25:00Z", 40, 1811)
    r = inc.rng
    fe = inc.run_res("storefront", "storefront-00620-voc")
    web(inc, fe, "www.lumenly.shop", [("GET", "/"), ("GET", "/p/{}"), ("GET", "/cart"), ("POST", "/api/cart"), ("GET", "/_next/static/chunks/{}.js")], 3.5)
    for t in inc.poisson(0.3):
        inc.add(t, fe, "run.googleapis.com/stdout", "INFO", jp={"level": 30, "time": int(1742653500000 + t * 1000), "msg": r.choice(["rendered /p/[slug]", "cache revalidated", "served from ISR cache"]), "pid": 1})
    img = inc.run_res("image-resizer", "image-resizer-00110-caw")
    for t in inc.poisson(0.06):
        inc.add(t, img, "run.googleapis.com/stdout", "WARNING", jp={"level": 40, "msg": "source object not found: gs://lumenly-media/avatars/%s.jpg, serving placeholder" % inc.hexid(12)})
    repos = [("storefront", "6d1a2b3c-4e5f-4a1b-9c8d-7e6f5a4b3c2d"), ("admin-console", "1f2e3d4c-5b6a-4798-8a9b-0c1d2e3f4a5b"), ("email-renderer", "9a8b7c6d-5e4f-4321-a0b9-c8d7e6f5a4b3")]
    start_fail = 3 * 60
    t = 20.0
    k = 0
    while t < inc.dur - 120:
        name, trig = repos[k % 3]
        k += 1
        bid = "%s-%s-%s-%s-%s" % (inc.hexid(8), inc.hexid(4), inc.hexid(4), inc.hexid(4), inc.hexid(12))
        res = {"type": "build", "labels": {"build_id": bid, "build_trigger_id": trig, "project_id": "lumenly-prod"}}
        def b(tt, msg, sev="INFO"):
            inc.add(tt, res, "cloudbuild", sev, text=msg)
        b(t, "starting build \"%s\"" % bid)
        b(t + 1, "FETCHSOURCE")
        b(t + 3, "From https://github.com/lumenly/%s" % name)
        b(t + 4, " * branch            %s -> FETCH_HEAD" % inc.hexid(40))
        b(t + 6, "BUILD")
        b(t + 7, "Starting Step #0 - \"npm-ci\"")
        b(t + 8, "Step #0 - \"npm-ci\": Pulling image: node:20-bookworm")
        if t < start_fail:
            b(t + 40, "Step #0 - \"npm-ci\": added 1412 packages, and audited 1413 packages in 31s")
            b(t + 41, "Finished Step #0 - \"npm-ci\"")
            b(t + 120, "DONE")
        else:
            b(t + 19, "Step #0 - \"npm-ci\": npm ERR! code E404")
            b(t + 19.01, "Step #0 - \"npm-ci\": npm ERR! 404 Not Found - GET https://registry.npmjs.org/left-pad/-/left-pad-1.3.0.tgz - Not found")
            b(t + 19.02, "Step #0 - \"npm-ci\": npm ERR! 404 ")
            b(t + 19.03, "Step #0 - \"npm-ci\": npm ERR! 404  'left-pad@1.3.0' is not in this registry.")
            b(t + 19.04, "Step #0 - \"npm-ci\": npm ERR! 404 ")
            b(t + 19.05, "Step #0 - \"npm-ci\": npm ERR! 404 Note that you can also install from a")
            b(t + 19.06, "Step #0 - \"npm-ci\": npm ERR! 404 tarball, folder, http url, or git url.")
            b(t + 19.2, "Step #0 - \"npm-ci\": npm ERR! A complete log of this run can be found in: /builder/home/.npm/_logs/%s-debug-0.log" % inc.ts(t)[:19].replace(":", "_"))
            b(t + 20, "Finished Step #0 - \"npm-ci\"")
            b(t + 20.5, "ERROR", "ERROR")
            b(t + 20.6, "ERROR: build step 0 \"node:20-bookworm\" failed: step exited with non-zero status: 1", "ERROR")
        inc.audit(t, {"type": "build", "labels": {"build_id": bid, "build_trigger_id": trig, "project_id": "lumenly-prod"}}, "cloudbuild.googleapis.com",
                  "google.devtools.cloudbuild.v1.CloudBuild.CreateBuild", "projects/lumenly-prod/builds/%s" % bid, "service-5011@gcp-sa-cloudbuild.iam.gserviceaccount.com",
                  ua="GitHub trigger")
        t += r.uniform(120, 260)
    # a Go service builds fine
    gb = {"type": "build", "labels": {"build_id": "go-" + inc.hexid(8), "build_trigger_id": "2b3c4d5e-6f70-4812-9a3b-4c5d6e7f8091", "project_id": "lumenly-prod"}}
    for j, m in enumerate(["starting build", "Step #0 - \"go-test\": ok  \tgithub.com/lumenly/inventory/internal/stock\t2.114s", "Step #1 - \"docker\": Successfully built 9c1f0e2d3b4a", "DONE"]):
        inc.add(900 + j * 30, gb, "cloudbuild", "INFO", text=m)
    truth = {"title": "left-pad@1.3.0 unpublished from npm; all frontend builds fail at npm ci (production unaffected)",
             "root_cause": {"evidence": ["'left-pad@1.3.0' is not in this registry", "left-pad-1.3.0.tgz"], "category": "missing-dependency", "must_mention": ["left-pad"]},
             "symptoms": [{"evidence": "failed: step exited with non-zero status: 1"}],
             "distractors": [{"evidence": "source object not found: gs://lumenly-media"}],
             "priority": "P3"}
    return inc, truth


# 12. Discord-style Cassandra tombstones after a bulk retention delete
def inc_tombstones(out):
    inc = Inc("cassandra-tombstones-after-purge", "parlor-prod", "2025-08-20T08:58:00Z", 45, 1812)
    r = inc.rng
    C, L = "parlor-prod-euw1", "europe-west1"
    purge = 2 * 60 + 10
    hot = purge + 14 * 60
    jobpod = "message-retention-purge-29262778-%s" % inc.hexid(5)
    jres = inc.k8s_res(C, "jobs", jobpod, "purge", L)
    inc.k8s_event(purge - 2, C, "CronJob", "message-retention-purge", "jobs", "SuccessfulCreate", "Created job message-retention-purge-29262778", component="cronjob-controller", location=L)
    inc.add(purge, jres, "stdout", "INFO", jp={"level": "INFO", "logger": "purge", "message": "message-retention-purge: deleting messages older than 90d in 18422 channels (batch=500, consistency=LOCAL_QUORUM)"})
    for t in inc.every(60, 2, purge + 30, hot + 300):
        inc.add(t, jres, "stdout", "INFO", jp={"level": "INFO", "logger": "purge", "message": "message-retention-purge: progress channels=%d rows_deleted=%d" % (int((t - purge) * 19), int((t - purge) * 4900))})
    inc.add(hot + 320, jres, "stdout", "INFO", jp={"level": "INFO", "logger": "purge", "message": "message-retention-purge: done, 18422 channels, 4210332 rows deleted in 1090s"})
    cass = ["cassandra-%d" % i for i in range(6)]
    tpl = "SELECT * FROM messages.messages_by_channel WHERE channel_id = %d AND bucket = 2025%02d LIMIT 50"
    for t in inc.poisson(0.5, purge + 240):
        pod = r.choice(cass)
        res = inc.k8s_res(C, "data", pod, "cassandra", L)
        s = inc.ts(t)
        ch = r.choice([1029384756, 1170033221, 998877123, 1204455667, 1100220033, 1055667788])
        frac = min(1.0, (t - purge) / (hot - purge))
        tomb = int(12000 + 120000 * frac * r.uniform(0.6, 1.1))
        if tomb > 100000:
            inc.add(t, res, "stdout", "ERROR", text="ERROR [ReadStage-%d] %s %s,%s NoSpamLogger.java:111 - Scanned over 100001 tombstones during query '%s' (last scanned row token was %d and partion key was ((%d, 2025%02d))); query aborted" % (
                r.randint(1, 8), s[:10], s[11:19], s[20:23], tpl % (ch, 8), r.randint(-9 * 10**18, 9 * 10**18), ch, 8))
        else:
            inc.add(t, res, "stdout", "WARNING", text="WARN  [ReadStage-%d] %s %s,%s ReadCommand.java:609 - Read 50 live rows and %d tombstone cells for query %s; token %d (see tombstone_warn_threshold)" % (
                r.randint(1, 8), s[:10], s[11:19], s[20:23], tomb, tpl % (ch, 8), r.randint(-9 * 10**18, 9 * 10**18)))
    for pod in cass:
        res = inc.k8s_res(C, "data", pod, "cassandra", L)
        for t in inc.every(120, 5):
            s = inc.ts(t)
            inc.add(t, res, "stdout", "INFO", text="INFO  [ScheduledTasks:1] %s %s,%s NoSpamLogger.java:105 - Maximum memory usage reached (512.000MiB), cannot allocate chunk of 1.000MiB" % (s[:10], s[11:19], s[20:23]))
        for t in inc.every(45, 5):
            s = inc.ts(t)
            gc = r.randint(210, 380) if t < hot else r.randint(300, 900)
            inc.add(t, res, "stdout", "INFO" if gc < 500 else "WARNING", text="%s [Service Thread] %s %s,%s GCInspector.java:285 - G1 Young Generation GC in %dms.  G1 Eden Space: %d -> 0; G1 Old Gen: %d -> %d;" % (
                "INFO " if gc < 500 else "WARN ", s[:10], s[11:19], s[20:23], gc, r.randint(10**9, 3 * 10**9), r.randint(4 * 10**9, 6 * 10**9), r.randint(4 * 10**9, 6 * 10**9)))
    api = ["messages-api-6c7d8e9f0-%s" % inc.hexid(5) for _ in range(6)]
    lb = inc.lb_res("k8s1-messages-api-8080-77aa", "k8s2-fr-parlor", "k8s2-tp-parlor", "k8s2-um-parlor")
    for t in inc.poisson(4.0):
        path = r.choice(["/v1/channels/%d/messages?limit=50", "/v1/channels/%d/messages", "/v1/users/@me/guilds", "/v1/channels/%d/typing"])
        path = path % r.randint(10**9, 1.3 * 10**9) if "%d" in path else path
        frac = 0 if t < purge + 240 else min(1.0, (t - purge) / (hot - purge))
        if "messages?limit" in path and r.random() < 0.10 * frac:
            lat = r.uniform(2, 5)
            inc.lb_request(t, lb, "api.parlor.chat", "GET", path, 504 if r.random() < 0.4 else 500, lat)
            inc.add(t + lat, inc.k8s_res(C, "api", r.choice(api), "messages-api", L), "stderr", "ERROR", jp={"level": "error", "msg": "history read failed", "error": "ReadFailure: Error from server: code=1300 [Replica(s) failed to execute read] message=\"Operation failed - received 0 responses and 2 failures: READ_TOO_MANY_TOMBSTONES from /10.4.2.%d:7000\" info={'consistency': 'LOCAL_QUORUM', 'required_responses': 2, 'received_responses': 0, 'failures': 2}" % r.randint(10, 40)})
        else:
            st, lat = healthy_status(inc, 0.04)
            inc.lb_request(t, lb, "api.parlor.chat", "POST" if "typing" in path else "GET", path, st, lat)
    pres = ["presence-7f8e9d-%s" % inc.hexid(5) for _ in range(3)]
    for t in inc.poisson(0.06):
        inc.add(t, inc.k8s_res(C, "api", r.choice(pres), "presence", L), "stderr", "ERROR", jp={"level": "error", "msg": "presence write failed: READONLY You can't write against a read only replica.", "shard": "presence-redis-2"})
    for t in inc.poisson(0.5):
        inc.add(t, inc.k8s_res(C, "api", r.choice(pres), "presence", L), "stdout", "INFO", jp={"level": "info", "msg": "presence fanout", "sessions": r.randint(10, 4000)})
    truth = {"title": "Retention purge left millions of tombstones in hot channel partitions; Cassandra aborts history reads",
             "root_cause": {"evidence": ["Scanned over 100001 tombstones", "tombstone cells", "deleting messages older than 90d"], "category": "database", "must_mention": ["tombstone"]},
             "symptoms": [{"evidence": "READ_TOO_MANY_TOMBSTONES"}, {"evidence": "history read failed"}],
             "distractors": [{"evidence": "READONLY You can't write against a read only replica"}, {"evidence": "Maximum memory usage reached"}],
             "priority": "P2"}
    return inc, truth


# 13/14 healthy windows
def inc_healthy_run(out):
    inc = Inc("healthy-marketplace-deploy", "orchard-prod", "2025-09-09T16:20:00Z", 50, 1813)
    r = inc.rng
    old = inc.run_res("catalog-api", "catalog-api-00214-gud")
    new = inc.run_res("catalog-api", "catalog-api-00215-wex")
    dep = 20 * 60
    inc.audit(dep, old, "run.googleapis.com", "google.cloud.run.v1.Services.ReplaceService", "namespaces/orchard-prod/services/catalog-api", "deploy@orchard-prod.iam.gserviceaccount.com",
              ua="google-cloud-sdk gcloud/470.0.0 command/gcloud.run.deploy")
    for t in inc.poisson(4.0):
        res = new if t > dep + 40 else old
        st, lat = healthy_status(inc, 0.05)
        inc.run_request(t, res, "api.orchard.market", r.choice(["GET", "GET", "POST"]), r.choice(["/v1/listings/{}".replace("{}", inc.hexid(8)), "/v1/search?q=apples", "/v1/sellers/%d" % r.randint(1, 9000), "/v1/cart"]), st, lat)
    for t in inc.every(2, 0.5, dep + 5, dep + 60):
        inc.add(t, new, "run.googleapis.com/varlog/system", "INFO", text="Starting new instance. Reason: DEPLOYMENT_ROLLOUT - Instance started due to traffic shifting between revisions due to deployment, traffic split adjustment, or deployment health check.")
    orders = inc.run_res("order-events", "order-events-00088-hal")
    for t in inc.poisson(1.0):
        inc.run_request(t, orders, "order-events-g2k9pz3wqa-uc.a.run.app", "POST", "/pubsub/orders", 204 if r.random() > 0.004 else 500, r.uniform(0.01, 0.08))
        if r.random() < 0.3:
            inc.add(t, orders, "run.googleapis.com/stdout", "INFO", jp=pyjson("order event processed", order_id=inc.hexid(10), type=r.choice(["created", "paid", "shipped"])))
    imgw = inc.run_res("image-worker", "image-worker-00041-sip")
    for t in inc.poisson(0.05):
        inc.add(t, imgw, "run.googleapis.com/stdout", "WARNING", jp=pyjson("unsupported EXIF orientation 0 in upload %s, leaving as-is" % inc.hexid(10)))
    sql = inc.sql_res("orchard-pg")
    for t in inc.every(300, 3):
        inc.add(t, sql, "cloudsql.googleapis.com/postgres.log", "INFO", text="%s LOG:  checkpoint starting: time" % pgv(inc, t, 77))
    for t in inc.poisson(0.05):
        inc.add(t, sql, "cloudsql.googleapis.com/postgres.log", "INFO", text="%s LOG:  duration: %.3f ms  statement: SELECT * FROM listings WHERE seller_id = $1 ORDER BY updated_at DESC" % (pgv(inc, t, r.randint(4000, 9000)), r.uniform(1000, 1800)))
    exp = {"type": "cloud_run_job", "labels": {"job_name": "nightly-export", "location": "us-central1", "project_id": "orchard-prod"}}
    inc.add(600, exp, "run.googleapis.com/stderr", "WARNING", text="%s WARNING [export] BigQuery load job attempt 1 failed: 503 Service Unavailable; retrying in 8s" % py_ts(inc, 600))
    inc.add(612, exp, "run.googleapis.com/stdout", "INFO", text="%s INFO [export] BigQuery load job completed: 1209332 rows" % py_ts(inc, 612))
    truth = {"title": "Healthy: routine Cloud Run deploy, normal traffic, one retried export",
             "root_cause": None, "symptoms": [],
             "distractors": [{"evidence": "unsupported EXIF orientation"}, {"evidence": "BigQuery load job attempt 1 failed"}],
             "priority": "none"}
    return inc, truth


def inc_healthy_gke(out):
    inc = Inc("healthy-gke-batch-evening", "meridian-prod", "2025-10-02T19:40:00Z", 45, 1814)
    r = inc.rng
    C = "mer-prod-euw3"
    L = "europe-west3"
    lb = inc.lb_res("k8s1-web-frontend-80-1a2b", "k8s2-fr-mer", "k8s2-tp-mer", "k8s2-um-mer")
    web(inc, lb, "www.meridian-travel.eu", [("GET", "/"), ("GET", "/search?from=FRA&to=LIS"), ("GET", "/trip/{}"), ("POST", "/api/bookings"), ("GET", "/wp-login.php")], 4.0, kind="lb")
    for t in inc.poisson(0.8):
        inc.add(t, inc.k8s_res(C, "web", "frontend-5d6c7b-%s" % r.choice(["a1x2y", "b3z4w", "c5v6u"]), "frontend", L), "stdout", "INFO", jp={"level": "info", "msg": "search served", "cache": r.choice(["hit", "miss"]), "ms": r.randint(20, 300)})
    for t in inc.every(120, 5):
        inc.k8s_event(t, C, "HorizontalPodAutoscaler", "frontend", "web", "SuccessfulRescale", "New size: %d; reason: cpu resource utilization (percentage of request) below target" % r.randint(4, 7), component="horizontal-pod-autoscaler", location=L)
    inc.k8s_event(1500, C, "Node", "gke-mer-prod-euw3-pool-1-9f8e7d6c-zz1q", "default", "ScaleDown", "marked the node as toBeDeleted/unschedulable", component="cluster-autoscaler", location=L)
    bp = "fare-refresh-29282400-%s" % inc.hexid(5)
    inc.k8s_event(600, C, "Pod", bp, "batch", "OOMKilling", "Memory cgroup out of memory: Killed process 4412 (python3) total-vm:3311204kB, anon-rss:2096128kB", etype="Warning", location=L)
    inc.k8s_event(640, C, "Pod", "fare-refresh-29282400-%s" % inc.hexid(5), "batch", "Started", "Started container refresh", location=L)
    inc.add(1400, inc.k8s_res(C, "batch", bp, "refresh", L), "stdout", "INFO", jp={"level": "info", "msg": "fare refresh finished on retry: 88123 fares updated"})
    for t in inc.poisson(0.03):
        inc.add(t, inc.k8s_res(C, "web", "frontend-5d6c7b-a1x2y", "frontend", L), "stderr", "WARNING", jp={"level": "warn", "msg": "partner feed skyline-air returned stale prices (age 46m), using cached"})
    truth = {"title": "Healthy: evening traffic with HPA scale-in, one OOM-killed batch pod that succeeded on retry",
             "root_cause": None, "symptoms": [],
             "distractors": [{"evidence": "Memory cgroup out of memory"}, {"evidence": "partner feed skyline-air returned stale prices"}],
             "priority": "none"}
    return inc, truth


INCIDENTS = [inc_sql_downsized, inc_left_pad, inc_tombstones, inc_healthy_run, inc_healthy_gke]
