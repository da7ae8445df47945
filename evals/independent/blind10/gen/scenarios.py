from common import *

JAVA_SQL_STACK = [
    "\tat org.springframework.orm.jpa.vendor.HibernateJpaDialect.convertHibernateAccessException(HibernateJpaDialect.java:290)",
    "\tat org.springframework.orm.jpa.vendor.HibernateJpaDialect.translateExceptionIfPossible(HibernateJpaDialect.java:241)",
    "\tat org.springframework.dao.support.PersistenceExceptionTranslationInterceptor.invoke(PersistenceExceptionTranslationInterceptor.java:152)",
    "\tat com.parcelpoint.orders.service.ShipmentService.create(ShipmentService.java:118)",
    "\tat com.parcelpoint.orders.web.ShipmentController.create(ShipmentController.java:64)",
    "\tat java.base/java.lang.Thread.run(Thread.java:1583)",
]


def truth(sc, g, rc, symptoms, distractors, prio):
    return {"id": sc.id, "title": sc.title, "window": {"start": g.start, "end": iso(g.t1)[:19] + "Z"},
            "root_cause": rc, "symptoms": [{"evidence": s} for s in symptoms],
            "distractors": [{"evidence": d} for d in distractors], "priority": prio}


def between(r, a, b, k):
    return sorted(r.uniform(a, b) for _ in range(k))


# 1 ---------------------------------------------------------------------------------------------------------
class SeqOverflow(Scenario):
    id = "shipments-id-sequence-exhausted"
    title = "shipments_id_seq hit the int4 maximum; every new shipment insert fails"
    start = "2026-11-18T13:50:00Z"; minutes = 40; seed = 101

    def req(self, g, q, t):
        tc = g.t0 + 14 * 60 + 7
        if t < tc:
            return
        if q["svc"] == "orders-svc" and q["tpl"] == "/api/orders/shipments":
            q.update(status=500, lat=q["lat"] * 0.6, role="symptom")
            pid = g.pg(t + 0.01, "ERROR", 'nextval: reached maximum value of sequence "shipments_id_seq" (2147483647)', role="cause")
            g.pg(t + 0.011, "STATEMENT", "insert into shipments (carrier, created_at, merchant_id, service_level, status, id) values ($1, $2, $3, $4, $5, $6)", role="noise", pid=pid)
            g.app("orders-svc", t + 0.02, "ERROR", "Failed to create shipment for merchant mrc_%04d" % g.r.randint(1, 900),
                  role="symptom", logger="c.p.orders.web.ShipmentController",
                  stack=["org.springframework.dao.DataIntegrityViolationException: could not execute statement [ERROR: nextval: reached maximum value of sequence \"shipments_id_seq\" (2147483647)]"] + JAVA_SQL_STACK,
                  stack_role="cause")
        if q["svc"] == "checkout-api" and q["tpl"] == "/v1/checkout/confirm":
            q.update(status=502, role="symptom", lat=q["lat"] * 0.7)
            g.app("checkout-api", t + q["lat"], "ERROR", "upstream orders-svc returned 500 on create_shipment", role="symptom",
                  trace=q["trace"], logger="checkout.clients.orders", attempt=3)
        if q["svc"] == "web-bff" and q["tpl"] == "/api/bulk-import":
            q.update(status=500, role="symptom")

    def inject(self, g):
        r = g.r
        for tt in between(r, g.t0 + 9 * 60, g.t1, 70):
            g.app("web-bff", tt, "ERROR", "TypeError: Cannot read properties of undefined (reading 'locale')", role="distractor",
                  err={"type": "TypeError", "stack": "TypeError: Cannot read properties of undefined (reading 'locale')\n    at formatEta (/app/dist/track/eta.js:41:27)"},
                  route="/track/:id")
        # ops notices a few minutes in
        g.app("orders-svc", g.t0 + 14 * 60 + 7 + 260, "WARN", "circuit 'shipment-create' error rate 100.0% over last 60s",
              role="symptom", logger="c.p.orders.resilience.CircuitMonitor", thread="metrics-1")

    def truth(self, g):
        return truth(self, g, {"evidence": ['reached maximum value of sequence "shipments_id_seq"'], "category": "database",
                               "must_mention": ["shipments_id_seq"]},
                     ["upstream orders-svc returned 500 on create_shipment", "Failed to create shipment for merchant"],
                     ["Cannot read properties of undefined (reading 'locale')"], "P0")


# 2 ---------------------------------------------------------------------------------------------------------
class MigrationLock(Scenario):
    id = "blocking-create-index-migration"
    title = "Schema migration ran CREATE INDEX (not CONCURRENTLY) on tracking_events during the day, blocking all writes"
    start = "2026-11-24T10:05:00Z"; minutes = 35; seed = 202

    def setup(self, g):
        self.tc = g.t0 + 7 * 60 + 22
        self.tend = g.t0 + 23 * 60 + 40

    def req(self, g, q, t):
        if not (self.tc + 3 < t < self.tend):
            return
        if q["svc"] == "tracking-svc" and q["tpl"] == "/api/track/events":
            q.update(status=504, lat=30 + g.r.random(), role="symptom",
                     nginx_err='{ts} [error] 31#31: *{n} upstream timed out (110: Operation timed out) while reading response header from upstream, client: 10.128.0.9, server: api.parcelpoint.io, request: "{req}", upstream: "http://{up}:8080/api/track/events", host: "api.parcelpoint.io"')
            g.app("tracking-svc", t + 30, "error", "insert tracking event failed", role="symptom", caller="store/pg.go:233",
                  error="ERROR: canceling statement due to statement timeout (SQLSTATE 57014)")

    def inject(self, g):
        r = g.r
        pod = "orders-migrate-0142-x7k2p"
        res = g.k8s_res(None, pod, container="flyway")
        g.k8s_event(self.tc - 20, "Pod", pod, "Scheduled", "Successfully assigned core/%s to %s" % (pod, NODES[2]), comp="default-scheduler")
        g.k8s_event(self.tc - 8, "Pod", pod, "Started", "Started container flyway", comp="kubelet")
        for i, ln in enumerate(["Flyway Community Edition 10.15.0 by Redgate",
                                "Database: jdbc:postgresql://10.61.0.3:5432/orders (PostgreSQL 15.8)",
                                "Successfully validated 142 migrations (execution time 00:00.412s)",
                                "Current version of schema \"public\": 141",
                                "Migrating schema \"public\" to version \"142 - tracking events carrier ref idx\""]):
            g.add(self.tc - 2 + i * 0.4, res, "stdout", "INFO", text=ln, role="cause" if i == 4 else "noise")
        pid = 47102
        g.pg(self.tc, "LOG", "statement: CREATE INDEX idx_tracking_events_carrier_ref ON tracking_events (carrier, carrier_ref)", role="cause", user="migrator", pid=pid)
        t = self.tc + 4
        while t < self.tend:
            w = r.randint(48000, 52000)
            g.pg(t, "LOG", "process %d still waiting for RowExclusiveLock on relation 16423 of database 16401 after 1000.%03d ms" % (w, r.randint(0, 999)), role="symptom", user=r.choice(["tracking_app", "ingest_app"]), pid=w)
            g.pg(t + 0.001, "DETAIL", "Process holding the lock: %d. Wait queue: %s." % (pid, ", ".join(str(r.randint(48000, 52000)) for _ in range(r.randint(3, 19)))), role="noise", pid=w)
            g.pg(t + 0.002, "STATEMENT", "INSERT INTO tracking_events (shipment_id, carrier, carrier_ref, code, occurred_at, payload) VALUES ($1,$2,$3,$4,$5,$6)", pid=w)
            if r.random() < 0.7:
                g.pg(t + 29, "ERROR", "canceling statement due to statement timeout", role="symptom", user="ingest_app")
            t += r.uniform(2, 6)
        for tt in between(r, self.tc + 20, self.tend, 120):
            g.app("ingest-worker", tt, "error", "failed to persist tracking event, nacking", role="symptom",
                  error="psycopg.errors.QueryCanceled: canceling statement due to statement timeout", carrier=r.choice(["DHL", "DPD", "UPS", "GLS"]))
        g.pg(self.tend - 1, "LOG", "duration: 976214.553 ms  statement: CREATE INDEX idx_tracking_events_carrier_ref ON tracking_events (carrier, carrier_ref)", role="cause", user="migrator", pid=pid)
        g.add(self.tend, res, "stdout", "INFO", text="Successfully applied 1 migration to schema \"public\", now at version v142 (execution time 16:16.391s)")
        g.k8s_event(self.tend + 3, "Pod", pod, "Completed", "Job completed", comp="job-controller")
        # distractor: BI tool password failures
        for tt in between(r, g.t0, g.t1, 90):
            g.pg(tt, "FATAL", 'password authentication failed for user "metabase_ro"', role="distractor", db="orders", user="metabase_ro")
        for tt in between(r, self.tc + 60, self.tend + 120, 25):
            g.app("tracking-svc", tt, "warn", "webhook backlog growing", role="symptom", caller="ingest/queue.go:71", pending=r.randint(800, 9000))

    def truth(self, g):
        return truth(self, g, {"evidence": ["CREATE INDEX idx_tracking_events_carrier_ref", "142 - tracking events carrier ref idx"],
                               "category": "database", "must_mention": ["tracking_events", "CREATE INDEX"]},
                     ["still waiting for RowExclusiveLock", "failed to persist tracking event", "upstream timed out (110: Operation timed out)"],
                     ['password authentication failed for user "metabase_ro"'], "P1")


# 3 ---------------------------------------------------------------------------------------------------------
class RedisKeys(Scenario):
    id = "cache-janitor-keys-blocks-redis"
    title = "New cache-janitor release sweeps sessions with KEYS, blocking Memorystore every 5 minutes"
    start = "2026-11-26T08:02:00Z"; minutes = 45; seed = 303

    def setup(self, g):
        self.runs = [g.t0 + 60 * m + 4 for m in range(3, 45, 5)]
        self.block = [(s + 1.5, s + 1.5 + g.r.uniform(5.5, 8.5)) for s in self.runs]

    def blocked(self, t):
        return any(a <= t <= b + 1 for a, b in self.block)

    def req(self, g, q, t):
        if not self.blocked(t):
            return
        if q["svc"] == "web-bff" and q["tpl"] in ("/api/session", "/track/{pp}", "/"):
            q.update(status=503 if g.r.random() < 0.6 else 200, lat=1.0 + g.r.random() * 4, role="symptom")
            g.app("web-bff", t + 1, "ERROR", "session lookup failed: Command timed out", role="symptom", trace=q["trace"],
                  err={"type": "Error", "message": "Command timed out"}, redis="10.61.8.4:6379")
        if q["svc"] == "checkout-api":
            q.update(status=500, lat=2.0 + g.r.random(), role="symptom")
            g.app("checkout-api", t + 2, "ERROR", "redis.exceptions.TimeoutError: Timeout reading from socket", role="symptom",
                  trace=q["trace"], logger="checkout.session")

    def inject(self, g):
        r = g.r
        for i, s in enumerate(self.runs):
            pod = "cache-janitor-29%06d-%s" % (r.randint(0, 999999), g.hx(5))
            g.k8s_event(s - 2, "Pod", pod, "Started", "Started container janitor", comp="kubelet")
            kw = dict(podname=pod, container="janitor", logger="janitor")
            g.app("cache-janitor", s, "INFO", "cache-janitor 2.3.0 starting sweep host=10.61.8.4 pattern=sess:* mode=keys", role="cause", **kw)
            n = r.randint(1750000, 1900000)
            g.app("cache-janitor", self.block[i][1], "INFO", "KEYS sess:* returned %d keys in %.2fs" % (n, self.block[i][1] - self.block[i][0]), role="cause", **dict(kw))
            g.app("cache-janitor", self.block[i][1] + 4, "INFO", "expired %d stale sessions, done" % r.randint(9000, 30000), **dict(kw))
        # the release of the janitor cronjob (just before window) -> one audit entry in window? put it at start
        g.audit(g.t0 + 20, "io.k8s.batch.v1.cronjobs.patch", "k8s.io", "batch/v1/namespaces/core/cronjobs/cache-janitor",
                "argocd-sa@parcelpoint-prod.iam.gserviceaccount.com", g.cluster_res(), ua="argocd-application-controller/v2.12.3",
                request={"spec": {"schedule": "*/5 * * * *", "jobTemplate": {"spec": {"template": {"spec": {"containers": [{"name": "janitor", "image": "europe-docker.pkg.dev/parcelpoint-prod/apps/cache-janitor:2.3.0"}]}}}}}})
        for tt in between(r, g.t0, g.t1, 120):
            g.app("orders-svc", tt, "WARN", "Failed to export spans. The request could not be executed. Full error message: Failed to connect to otel-collector.observability.svc/10.48.3.12:4317",
                  role="distractor", logger="i.o.e.internal.grpc.GrpcExporter", thread="BatchSpanProcessor_WorkerThread-1")
        for a, b in self.block:
            g.app("tracking-svc", b + 0.5, "warn", "slow redis call", role="symptom", caller="cache/redis.go:48", cmd="GET", duration_ms=int((b - a) * 1000))

    def truth(self, g):
        return truth(self, g, {"evidence": ["KEYS sess:*", "mode=keys"], "category": "code-bug",
                               "must_mention": ["cache-janitor", "KEYS"]},
                     ["session lookup failed: Command timed out", "Timeout reading from socket", "slow redis call"],
                     ["Failed to export spans"], "P1")


# 4 ---------------------------------------------------------------------------------------------------------
class FirestoreIndex(Scenario):
    id = "firestore-missing-composite-index"
    title = "Shipment-history status filter shipped without its Firestore composite index"
    start = "2026-11-19T16:10:00Z"; minutes = 35; seed = 404

    def setup(self, g):
        self.tc = g.t0 + 9 * 60 + 40

    def req(self, g, q, t):
        if t > self.tc + 40 and q["svc"] == "web-bff":
            q["rev"] = "web-bff-00213-dup"
            if q["tpl"] == "/api/account/shipments?status={st}":
                q.update(status=500, role="symptom", lat=0.09)
                g.app("web-bff", t + 0.08, "ERROR", "Error: 9 FAILED_PRECONDITION: The query requires an index. You can create it here: https://console.firebase.google.com/v1/r/project/parcelpoint-prod/firestore/indexes?create_composite=ClVwcm9qZWN0cy9wYXJjZWxwb2ludC1wcm9kL2RhdGFiYXNlcy8oZGVmYXVsdCkvY29sbGVjdGlvbkdyb3Vwcy9zaGlwbWVudHMvaW5kZXhlcy9fEAEaCgoGc3RhdHVzEAEaDgoKY3JlYXRlZF9hdBACGgwKCF9fbmFtZV9fEAI",
                      role="cause", trace=q["trace"], err={"code": 9, "details": "The query requires an index."}, collection="accounts/{uid}/shipments")
                g.app("web-bff", t + 0.085, "WARN", "shipment history unavailable, rendering empty state", role="symptom", trace=q["trace"])

    def inject(self, g):
        r = g.r
        g.audit(self.tc, "google.cloud.run.v1.Services.ReplaceService", "run.googleapis.com",
                "namespaces/parcelpoint-prod/services/web-bff", "cloudbuild-deployer@parcelpoint-prod.iam.gserviceaccount.com",
                {"type": "cloud_run_revision", "labels": {"project_id": P, "service_name": "web-bff", "revision_name": "", "configuration_name": "", "location": REGION}},
                ua="google-cloud-sdk gcloud/502.0.0 command/gcloud.run.deploy invocation-id/%s" % g.hx(32),
                request={"service": {"spec": {"template": {"metadata": {"name": "web-bff-00213-dup"}, "spec": {"containers": [{"image": "europe-docker.pkg.dev/parcelpoint-prod/apps/web-bff:2026.11.19-3"}]}}}}})
        g.add(self.tc + 25, g.run_res("web-bff", "web-bff-00213-dup"), "run.googleapis.com%2Fvarlog%2Fsystem", "INFO",
              text="Starting new instance. Reason: DEPLOYMENT_ROLLOUT - Instance started due to traffic shifting between revisions due to deployment, traffic split adjustment, or deployment health check.")
        g.app("web-bff", self.tc + 31, "INFO", "server listening", port=8080, version="2026.11.19-3", features=["history_status_filter"])
        for tt in between(r, g.t0 + 300, g.t1, 60):
            g.app("tracking-svc", tt, "error", "carrier poll failed, giving up", role="distractor", caller="poller/carrier.go:104",
                  carrier="GLS", error="Get \"https://api.gls-group.eu/public/v1/tracking\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)")

    def truth(self, g):
        return truth(self, g, {"evidence": ["The query requires an index"], "category": "configuration",
                               "must_mention": ["index", "shipments"]},
                     ["shipment history unavailable", "/api/account/shipments?status="],
                     ["api.gls-group.eu"], "P2")


# 5 ---------------------------------------------------------------------------------------------------------
class TasksPaused(Scenario):
    id = "cloud-tasks-queue-left-paused"
    title = "customer-notifications Cloud Tasks queue paused by an operator and not resumed; notifications stop"
    start = "2026-11-20T09:30:00Z"; minutes = 45; seed = 505

    def setup(self, g):
        self.tc = g.t0 + 6 * 60 + 13

    def inject(self, g):
        r = g.r
        # remove notify-worker deliveries after pause
        g.E = [e for e in g.E if not (e["resource"]["labels"].get("service_name") == "notify-worker" and e["_t"] > self.tc + 2)]
        g.audit(self.tc, "google.cloud.tasks.v2.CloudTasks.PauseQueue", "cloudtasks.googleapis.com",
                "projects/parcelpoint-prod/locations/europe-west1/queues/customer-notifications", "j.okafor@parcelpoint.io",
                {"type": "cloud_tasks_queue", "labels": {"project_id": P, "queue_id": "customer-notifications", "target_type": "HTTP"}},
                ua="google-cloud-sdk gcloud/502.0.0 command/gcloud.tasks.queues.pause invocation-id/%s" % g.hx(32),
                request={"@type": "type.googleapis.com/google.cloud.tasks.v2.PauseQueueRequest", "name": "projects/parcelpoint-prod/locations/europe-west1/queues/customer-notifications"},
                response={"state": "PAUSED"}, role="cause")
        g.audit(self.tc - 95, "google.cloud.tasks.v2.CloudTasks.GetQueue", "cloudtasks.googleapis.com",
                "projects/parcelpoint-prod/locations/europe-west1/queues/customer-notifications", "j.okafor@parcelpoint.io",
                {"type": "cloud_tasks_queue", "labels": {"project_id": P, "queue_id": "customer-notifications", "target_type": "HTTP"}},
                ua="google-cloud-sdk gcloud/502.0.0 command/gcloud.tasks.queues.describe", sev="INFO")
        # checkout keeps enqueueing fine
        t = g.t0
        while t < g.t1:
            for _ in range(r.randint(3, 7)):
                g.app("checkout-api", t + r.random() * 60, "INFO", "enqueued notification task", logger="checkout.notify",
                      queue="customer-notifications", task="notify-%s" % g.hx(10))
            t += 60
        # watchdog cron every 5 min
        for k, tt in enumerate(range(int(g.t0) + 150, int(g.t1), 300)):
            age = max(0, tt - self.tc)
            pod = "queue-watchdog-29%06d-%s" % (r.randint(0, 999999), g.hx(5))
            js = {"message": "queue stats", "queue": "customer-notifications", "tasks": int(40 + age * 1.7 if age else r.randint(0, 30)),
                  "oldest_task_age_seconds": int(age) if age else r.randint(1, 12)}
            sev, role = "INFO", "noise"
            if age > 600:
                js["message"] = "customer-notifications backlog: oldest task age above 600s threshold"
                sev, role = "WARNING", "symptom"
            g.add(tt, g.k8s_res(None, pod, ns="ops", container="watchdog"), "stdout", sev, js=js, role=role)
        for tt in between(r, self.tc + 600, g.t1, 14):
            g.app("web-bff", tt, "INFO", "customer requested resend of confirmation email", route="/api/notifications/resend", role="symptom")
        # distractor: geo-svc timeouts in checkout, loud
        for tt in between(r, g.t0 + 700, g.t0 + 1900, 140):
            g.app("checkout-api", tt, "WARNING", "address validation fallback: timeout calling geo-svc after 800ms", logger="checkout.address", role="distractor")

    def truth(self, g):
        return truth(self, g, {"evidence": ["CloudTasks.PauseQueue"], "category": "other",
                               "must_mention": ["customer-notifications", "paused"]},
                     ["oldest task age above 600s threshold", "resend of confirmation email"],
                     ["timeout calling geo-svc"], "P2")


# 6 ---------------------------------------------------------------------------------------------------------
class PubsubTooLarge(Scenario):
    id = "pubsub-publish-payload-too-large"
    title = "orders-svc release embeds label PDFs in ShipmentCreated batches; bulk-import publishes exceed 10 MB and fail"
    start = "2026-11-23T11:15:00Z"; minutes = 40; seed = 606

    def inject(self, g):
        r = g.r
        hash2 = "85f4c7d9b"
        tdep = g.t0 + 4 * 60
        g.audit(tdep, "io.k8s.apps.v1.deployments.patch", "k8s.io", "apps/v1/namespaces/core/deployments/orders-svc",
                "argocd-sa@parcelpoint-prod.iam.gserviceaccount.com", g.cluster_res(), ua="argocd-application-controller/v2.12.3",
                request={"spec": {"template": {"spec": {"containers": [{"name": "orders-svc", "image": "europe-docker.pkg.dev/parcelpoint-prod/apps/orders-svc:4.31.0"}]}}}})
        for i in range(3):
            p = "orders-svc-%s-%s" % (hash2, ["d2w8m", "n5kqa", "s7hzv"][i])
            g.k8s_event(tdep + 10 + i * 40, "Pod", p, "Started", "Started container orders-svc", comp="kubelet")
            g.app("orders-svc", tdep + 30 + i * 40, "INFO", "Started OrdersApplication in 21.84 seconds (process running for 23.1)", pod=p,
                  logger="c.p.orders.OrdersApplication", thread="main")
        bulk = between(r, g.t0 + 9 * 60, g.t1, 11)
        for tb in bulk:
            p = "orders-svc-%s-%s" % (hash2, r.choice(["d2w8m", "n5kqa", "s7hzv"]))
            job = "bulk_%s" % g.hx(8)
            n = r.randint(180, 900)
            g.app("orders-svc", tb, "INFO", "Bulk import %s started: %d shipments merchant=mrc_%04d" % (job, n, r.randint(1, 900)), pod=p,
                  logger="c.p.orders.bulk.BulkImportService", thread="bulk-exec-1")
            fails = 0
            for k in range(r.randint(2, 6)):
                tt = tb + 20 + k * 6
                fails += 100
                g.app("orders-svc", tt, "ERROR", "Publish of batch (100 messages, 14.2 MB) to projects/parcelpoint-prod/topics/shipment-events failed", pod=p,
                      role="symptom", logger="c.p.orders.events.EventPublisher", thread="pubsub-publisher-%d" % r.randint(1, 4),
                      stack=["java.util.concurrent.ExecutionException: com.google.api.gax.rpc.InvalidArgumentException: io.grpc.StatusRuntimeException: INVALID_ARGUMENT: Request payload size exceeds the limit: 10485760 bytes.",
                             "\tat com.google.common.util.concurrent.AbstractFuture.getDoneValue(AbstractFuture.java:592)",
                             "\tat com.parcelpoint.orders.events.EventPublisher.flush(EventPublisher.java:88)",
                             "Caused by: com.google.api.gax.rpc.InvalidArgumentException: io.grpc.StatusRuntimeException: INVALID_ARGUMENT: Request payload size exceeds the limit: 10485760 bytes.",
                             "\tat com.google.api.gax.rpc.ApiExceptionFactory.createException(ApiExceptionFactory.java:92)",
                             "\t... 14 common frames omitted"], stack_role="cause")
            g.app("orders-svc", tb + 60, "WARN", "Bulk import %s completed with %d failed event publishes; downstream notifications/tracking not triggered" % (job, fails),
                  pod=p, role="symptom", logger="c.p.orders.bulk.BulkImportService", thread="bulk-exec-1")
            g.app("web-bff", tb + 62, "WARN", "bulk import status partial_failure", job=job, role="symptom")
        for tt in between(r, g.t0 + 120, g.t1, 85):
            g.app("ingest-worker", tt, "error", "ack deadline exceeded for message, will be redelivered", role="distractor",
                  subscription="carrier-webhooks-sub", logger="google.cloud.pubsub_v1.subscriber._protocol.leaser")
        for tt in between(r, g.t0 + 25 * 60, g.t0 + 27 * 60, 30):
            g.pg(tt, "ERROR", 'duplicate key value violates unique constraint "merchant_api_keys_pkey"', role="noise", user="orders_app")

    def truth(self, g):
        return truth(self, g, {"evidence": ["Request payload size exceeds the limit"], "category": "code-bug",
                               "must_mention": ["shipment-events", "payload size"]},
                     ["failed event publishes", "bulk import status partial_failure"],
                     ["ack deadline exceeded for message"], "P2")


# 7 ---------------------------------------------------------------------------------------------------------
class ZoneStockout(Scenario):
    id = "gke-scaleup-zone-stockout"
    title = "Evening peak: cluster autoscaler cannot add c2d nodes (us-central1-a stockout); pods pending, tracking/pricing slow"
    start = "2026-11-27T18:40:00Z"; minutes = 45; seed = 707

    def setup(self, g):
        self.tc = g.t0 + 5 * 60

    def load(self, g, svc, t):
        m = (t - g.t0) / 60
        return 1.0 + min(1.2, max(0, (m - 3) * 0.05))

    def req(self, g, q, t):
        m = (t - self.tc) / 60
        if m < 6 or q["svc"] not in ("tracking-svc", "pricing-svc"):
            return
        sat = min(0.45, (m - 6) * 0.02)
        q["lat"] *= 1 + m * 0.6
        if g.r.random() < sat:
            q.update(status=504, lat=10 + g.r.random() * 0.2, role="symptom",
                     nginx_err='{ts} [error] 31#31: *{n} upstream timed out (110: Operation timed out) while reading response header from upstream, client: 10.128.0.14, server: api.parcelpoint.io, request: "{req}", upstream: "http://{up}:8080/", host: "api.parcelpoint.io"')
            if q["svc"] == "pricing-svc":
                g.app("checkout-api", t + 10, "ERROR", "pricing quote failed: ReadTimeout after 10.0s", role="symptom", trace=q["trace"], logger="checkout.clients.pricing")

    def inject(self, g):
        r = g.r
        zone = "us-central1-a"
        mig = "gke-pp-prod-gke-pool-c2d-91e0d4aa-grp"
        t = self.tc
        k = 0
        while t < g.t1:
            for svc, h in (("tracking-svc", "5b7f9c6d4"), ("pricing-svc", "68d4b7c9f")):
                if r.random() < 0.7:
                    p = "%s-%s-%s" % (svc, h, g.hx(5))
                    g.k8s_event(t + r.random() * 20, "Pod", p, "FailedScheduling", "0/9 nodes are available: 9 Insufficient cpu. preemption: 0/9 nodes are available: 9 No preemption victims found for incoming pod.", "Warning", role="symptom", comp="default-scheduler")
                    g.k8s_event(t + r.random() * 20 + 1, "Pod", p, "NotTriggerScaleUp", "pod didn't trigger scale-up: 1 in backoff after failed scale-up", "Normal", comp="cluster-autoscaler")
            if k % 2 == 0:
                g.add(t + 5, g.cluster_res(), "container.googleapis.com%2Fcluster-autoscaler-visibility", "INFO",
                      js={"resultInfo": {"results": [{"eventId": g.hx(8) + "-" + g.hx(4) + "-" + g.hx(4) + "-" + g.hx(4) + "-" + g.hx(12),
                                                      "errorMsg": {"messageId": "scale.up.error.out.of.resources",
                                                                   "parameters": ["https://www.googleapis.com/compute/v1/projects/parcelpoint-prod/zones/%s/instanceGroups/%s" % (zone, mig)]}}]},
                          "decision": None} if False else
                      {"resultInfo": {"measureTime": str(int(t)), "results": [{"eventId": g.hx(8) + "-" + g.hx(4), "errorMsg": {"messageId": "scale.up.error.out.of.resources",
                       "parameters": ["https://www.googleapis.com/compute/v1/projects/parcelpoint-prod/zones/%s/instanceGroups/%s" % (zone, mig)]}}]}},
                      role="cause")
                g.audit(t + 3, "v1.compute.instances.insert", "compute.googleapis.com",
                        "projects/parcelpoint-prod/zones/%s/instances/gke-pp-prod-gke-pool-c2d-91e0d4aa-%s" % (zone, g.hx(4)),
                        "%s@cloudservices.gserviceaccount.com" % PNUM,
                        {"type": "gce_instance", "labels": {"project_id": P, "zone": zone, "instance_id": str(r.randint(10**18, 9 * 10**18))}},
                        sev="ERROR", ua="GCE Managed Instance Group for GKE",
                        status={"code": 8, "message": "ZONE_RESOURCE_POOL_EXHAUSTED: The zone 'projects/parcelpoint-prod/zones/%s' does not have enough resources available to fulfill the request.  '(resource type:compute)'." % zone},
                        role="cause", opid="operation-%d-%s" % (int(t * 1000), g.hx(8)), first=False, last=True)
            if k % 3 == 0:
                g.k8s_event(t + 12, "HorizontalPodAutoscaler", "tracking-svc", "SuccessfulRescale", "New size: %d; reason: cpu resource utilization (percentage of request) above target" % min(14, 6 + k), comp="horizontal-pod-autoscaler")
            t += 60
            k += 1
        for tt in between(r, g.t0, g.t1, 60):
            g.add(tt, {"type": "k8s_node", "labels": {"project_id": P, "location": "us-central1-b", "cluster_name": CLUSTER, "node_name": NODES[3]}},
                  "kernel", "WARNING", text="[%.6f] EXT4-fs warning (device sdb): ext4_dx_add_entry:2516: Directory (ino: 1573121) index full, reach max htree level :2" % r.uniform(800000, 900000), role="distractor")

    def truth(self, g):
        return truth(self, g, {"evidence": ["ZONE_RESOURCE_POOL_EXHAUSTED", "scale.up.error.out.of.resources"], "category": "capacity",
                               "must_mention": ["us-central1-a", "pool-c2d"]},
                     ["Insufficient cpu", "pricing quote failed: ReadTimeout", "upstream timed out (110: Operation timed out)"],
                     ["EXT4-fs warning"], "P1")


# 8 ---------------------------------------------------------------------------------------------------------
class ScaleToZero(Scenario):
    id = "tracking-svc-scaled-to-zero-wrong-context"
    title = "Engineer ran kubectl scale --replicas=0 against prod instead of staging; tracking API down"
    start = "2026-11-25T15:20:00Z"; minutes = 40; seed = 808

    def setup(self, g):
        self.tc = g.t0 + 8 * 60 + 31
        self.tfix = g.t0 + 29 * 60 + 5

    def req(self, g, q, t):
        if self.tc + 25 < t < self.tfix + 50:
            if q["svc"] == "tracking-svc":
                q.update(status=503, lat=0.001, role="symptom", up_status="-", upstream="-", no_app=True)
            if q["svc"] == "web-bff" and q["tpl"] == "/track/{pp}":
                q.update(status=502, role="symptom")
                g.app("web-bff", t + q["lat"], "ERROR", "tracking upstream error 503 Service Temporarily Unavailable", role="symptom", trace=q["trace"])

    def inject(self, g):
        r = g.r
        res = g.cluster_res()
        g.audit(self.tc, "io.k8s.apps.v1.deployments.scale.patch", "k8s.io", "apps/v1/namespaces/core/deployments/tracking-svc/scale",
                "m.haddad@parcelpoint.io", res, ua="kubectl/v1.30.2 (darwin/arm64) kubernetes/39683505",
                request={"@type": "k8s.io/Patch", "spec": {"replicas": 0}}, response={"spec": {"replicas": 0}, "status": {"replicas": 4}}, role="cause")
        g.k8s_event(self.tc + 0.4, "Deployment", "tracking-svc", "ScalingReplicaSet", "Scaled down replica set tracking-svc-5b7f9c6d4 from 4 to 0", role="symptom")
        for i in range(4):
            p = g.pod("tracking-svc", i)
            g.k8s_event(self.tc + 1 + i * 0.1, "Pod", p, "Killing", "Stopping container tracking-svc", comp="kubelet")
            g.app("tracking-svc", self.tc + 1.2 + i * 0.1, "info", "shutting down http server", pod=p, caller="cmd/server/main.go:201")
        g.E = [e for e in g.E if not (e["resource"]["labels"].get("container_name") == "tracking-svc" and self.tc + 3 < e["_t"] < self.tfix + 30)]
        for tt in between(r, self.tc + 25, self.tfix + 40, 50):
            g.add(tt, g.k8s_res(None, "ingress-nginx-controller-6f9b8c7d5-8rl2x", ns="ingress-nginx", container="controller"), "stderr", "ERROR",
                  text='W%s       7 controller.go:1214] Service "core/tracking-svc" does not have any active Endpoint.' % dt.datetime.fromtimestamp(tt, dt.timezone.utc).strftime("%m%d %H:%M:%S.%f"),
                  role="symptom")
        g.audit(self.tfix, "io.k8s.apps.v1.deployments.scale.patch", "k8s.io", "apps/v1/namespaces/core/deployments/tracking-svc/scale",
                "s.brandt@parcelpoint.io", res, ua="kubectl/v1.31.1 (linux/amd64) kubernetes/948afe5",
                request={"@type": "k8s.io/Patch", "spec": {"replicas": 4}}, response={"spec": {"replicas": 4}, "status": {"replicas": 0}}, role="cause")
        g.k8s_event(self.tfix + 0.5, "Deployment", "tracking-svc", "ScalingReplicaSet", "Scaled up replica set tracking-svc-5b7f9c6d4 from 0 to 4")
        for i in range(4):
            p = "tracking-svc-5b7f9c6d4-%s" % ["l2mzk", "p8vwd", "r4cjq", "z6tye"][i]
            g.app("tracking-svc", self.tfix + 14 + i, "info", "http server listening", pod=p, caller="cmd/server/main.go:160", addr=":8080")
        for tt in between(r, g.t0, g.t1, 150):
            g.pg(tt, "FATAL", 'password authentication failed for user "metabase_ro"', role="distractor", db="orders", user="metabase_ro")

    def truth(self, g):
        return truth(self, g, {"evidence": ["deployments.scale.patch"], "category": "other",
                               "must_mention": ["tracking-svc", "replicas"]},
                     ["does not have any active Endpoint", "tracking upstream error 503", "Scaled down replica set tracking-svc"],
                     ["password authentication failed"], "P0")


# 9 ---------------------------------------------------------------------------------------------------------
class FirewallHC(Scenario):
    id = "lb-healthcheck-firewall-deleted"
    title = "Terraform refactor deleted the firewall rule allowing Google health-check ranges; GKE backends marked unhealthy"
    start = "2026-11-30T10:00:00Z"; minutes = 35; seed = 909

    def setup(self, g):
        self.tc = g.t0 + 6 * 60 + 48
        self.tdown = self.tc + 42

    def req(self, g, q, t):
        if t > self.tdown and q["svc"] in ("tracking-svc", "orders-svc", "pricing-svc"):
            q.update(status=502, lat=0.002, role="symptom", lb_details="failed_to_pick_backend")
        if t > self.tdown and q["svc"] == "checkout-api" and q["tpl"] != "/v1/checkout/session/{sid}":
            q.update(status=502, role="symptom")
            g.app("checkout-api", t + q["lat"], "ERROR", "pricing/orders call failed: HTTP 502 from api.parcelpoint.io", role="symptom", trace=q["trace"], logger="checkout.clients")

    def inject(self, g):
        r = g.r
        fwres = {"type": "gce_firewall_rule", "labels": {"project_id": P, "firewall_rule_id": "7342190051823311234"}}
        g.audit(self.tc, "v1.compute.firewalls.delete", "compute.googleapis.com", "projects/parcelpoint-prod/global/firewalls/allow-gclb-hc-gke",
                "terraform-ci@parcelpoint-prod.iam.gserviceaccount.com", fwres, ua="Terraform/1.9.8 (+https://www.terraform.io) terraform-provider-google/6.12.0",
                opid="operation-%d-%s" % (int(self.tc * 1000), g.hx(8)), role="cause")
        g.audit(self.tc + 9, "v1.compute.firewalls.insert", "compute.googleapis.com", "projects/parcelpoint-prod/global/firewalls/fw-lb-health-checks",
                "terraform-ci@parcelpoint-prod.iam.gserviceaccount.com", {"type": "gce_firewall_rule", "labels": {"project_id": P, "firewall_rule_id": "1150923384412098765"}},
                ua="Terraform/1.9.8 (+https://www.terraform.io) terraform-provider-google/6.12.0",
                request={"network": "projects/parcelpoint-prod/global/networks/pp-shared-staging", "sourceRanges": ["35.191.0.0/16", "130.211.0.0/22"], "allowed": [{"IPProtocol": "tcp"}]})
        for zone in ("us-central1-a", "us-central1-b", "us-central1-c"):
            for k in range(r.randint(2, 4)):
                ip = "10.44.%d.%d" % (r.randint(0, 7), r.randint(2, 250))
                tt = self.tc + r.uniform(18, 45)
                g.add(tt, {"type": "gce_network_endpoint_group", "labels": {"project_id": P, "zone": zone, "network_endpoint_group_id": str(r.randint(10**18, 9 * 10**18))}},
                      "compute.googleapis.com%2Fhealthchecks", "INFO",
                      js={"healthCheckProbeResult": {"ipAddress": ip, "previousHealthState": "HEALTHY", "healthState": "UNHEALTHY",
                                                     "detailedHealthState": "TIMEOUT", "probeRequest": "/healthz", "responseLatency": "5.001s",
                                                     "probeCompletionTimestamp": iso(tt)}}, role="symptom")
        for tt in between(r, self.tc - 120, g.t1, 80):
            g.app("notify-worker", tt, "ERROR", "merchant webhook delivery failed", role="distractor", url="https://hooks.vandermolen-shop.nl/parcel",
                  err="Post \"https://hooks.vandermolen-shop.nl/parcel\": tls: failed to verify certificate: x509: certificate has expired or is not yet valid")

    def truth(self, g):
        return truth(self, g, {"evidence": ["allow-gclb-hc-gke", "v1.compute.firewalls.delete"], "category": "network",
                               "must_mention": ["firewall", "health"]},
                     ["failed_to_pick_backend", "UNHEALTHY", "HTTP 502 from api.parcelpoint.io"],
                     ["x509: certificate has expired"], "P0")


# 10 --------------------------------------------------------------------------------------------------------
class GrpcPings(Scenario):
    id = "grpc-keepalive-too-many-pings"
    title = "orders-svc rollout set gRPC keepAliveTime=10s; tracking-svc server GOAWAYs with too_many_pings, order detail calls fail"
    start = "2026-12-01T13:30:00Z"; minutes = 40; seed = 1010
    newhash = "6b8d5f7c4"

    def setup(self, g):
        self.tc = g.t0 + 7 * 60 + 10
        self.pods = ["orders-svc-%s-%s" % (self.newhash, s) for s in ("c4pxe", "j7fnv", "u2kqd")]

    def req(self, g, q, t):
        if q["svc"] == "orders-svc" and q["tpl"] == "/api/orders/{oid}" and t > self.tc + 150 and g.r.random() < 0.27:
            q.update(status=503, role="symptom", lat=q["lat"] + 0.05)
            p = g.r.choice(self.pods)
            g.app("orders-svc", t + 0.04, "ERROR", "Tracking enrichment failed for order %s" % q["path"].split("/")[-1], pod=p, role="symptom",
                  logger="c.p.orders.client.TrackingClient",
                  stack=["io.grpc.StatusRuntimeException: UNAVAILABLE: Connection closed after GOAWAY. HTTP/2 error code: ENHANCE_YOUR_CALM, debug data: too_many_pings",
                         "\tat io.grpc.stub.ClientCalls.toStatusRuntimeException(ClientCalls.java:268)",
                         "\tat io.grpc.stub.ClientCalls.getUnchecked(ClientCalls.java:249)",
                         "\tat com.parcelpoint.tracking.v1.TrackingQueryGrpc$TrackingQueryBlockingStub.getStatus(TrackingQueryGrpc.java:311)",
                         "\tat com.parcelpoint.orders.client.TrackingClient.status(TrackingClient.java:57)"], stack_role="noise")

    def inject(self, g):
        r = g.r
        g.audit(self.tc - 30, "io.k8s.apps.v1.deployments.patch", "k8s.io", "apps/v1/namespaces/core/deployments/orders-svc",
                "argocd-sa@parcelpoint-prod.iam.gserviceaccount.com", g.cluster_res(), ua="argocd-application-controller/v2.12.3",
                request={"spec": {"template": {"spec": {"containers": [{"name": "orders-svc", "image": "europe-docker.pkg.dev/parcelpoint-prod/apps/orders-svc:4.32.0"}]}}}})
        for i, p in enumerate(self.pods):
            ts = self.tc + i * 45
            g.k8s_event(ts - 20, "Pod", p, "Pulled", "Container image \"europe-docker.pkg.dev/parcelpoint-prod/apps/orders-svc:4.32.0\" already present on machine", comp="kubelet")
            g.app("orders-svc", ts, "INFO", "Started OrdersApplication in 19.02 seconds (process running for 20.4)", pod=p, logger="c.p.orders.OrdersApplication", thread="main")
            g.app("orders-svc", ts - 3, "INFO", "gRPC channel tracking-svc.core.svc:9090 configured: keepAliveTime=10s keepAliveTimeout=5s keepAliveWithoutCalls=true idleTimeout=30m",
                  pod=p, role="cause", logger="c.p.orders.config.GrpcClientConfig", thread="main")
        # remove old pods' app lines after rollout
        t = self.tc + 100
        while t < g.t1:
            for _ in range(r.randint(2, 5)):
                tt = t + r.random() * 60
                g.app("tracking-svc", tt, "error", "transport: Got too many pings from the client, closing the connection.", role="cause",
                      caller="grpclog/component.go:41", system="grpc")
                p = r.choice(self.pods)
                g.app("orders-svc", tt + 0.01, "WARN", "Received GOAWAY with ENHANCE_YOUR_CALM. Debug data: too_many_pings; reconnecting channel to tracking-svc.core.svc:9090",
                      pod=p, role="symptom", logger="i.g.n.NettyClientHandler", thread="grpc-nio-worker-ELG-1-%d" % r.randint(1, 8))
            t += 60
        for tt in between(r, g.t0 + 200, g.t1, 70):
            g.app("tracking-svc", tt, "error", "refresh carrier token failed", role="distractor", caller="carrier/dhl/auth.go:77",
                  carrier="DHL", error="oauth2: \"invalid_client\" \"Client authentication failed\"")
        for tt in between(r, self.tc + 160, g.t1, 25):
            g.app("web-bff", tt, "WARN", "order detail degraded: tracking status missing", role="symptom")

    def truth(self, g):
        return truth(self, g, {"evidence": ["keepAliveTime=10s", "Got too many pings from the client"], "category": "configuration",
                               "must_mention": ["keepalive", "orders-svc"]},
                     ["Connection closed after GOAWAY", "Tracking enrichment failed for order"],
                     ["refresh carrier token failed"], "P1")


# 11 --------------------------------------------------------------------------------------------------------
class RatesEmpty(Scenario):
    id = "rates-sync-loaded-empty-rate-cards"
    title = "BigQuery view redefined by analyst returns no rows; rates-sync truncates rate_cards; quotes fail as cache expires"
    start = "2026-12-02T05:52:00Z"; minutes = 45; seed = 1111

    def setup(self, g):
        self.tsync = g.t0 + 8 * 60 + 2

    def req(self, g, q, t):
        m = (t - self.tsync) / 60
        if m < 0.3:
            return
        miss = min(0.85, 0.05 + m * 0.03)
        if q["svc"] == "pricing-svc" and g.r.random() < miss:
            lane = g.r.choice(["DE->FR", "DE->DE", "NL->DE", "DE->AT", "FR->ES", "DE->PL", "BE->NL"])
            q.update(status=422, role="symptom")
            g.app("pricing-svc", t + q["lat"] - 0.002, "ERROR", "NoRateCard: no rate card for lane %s service=standard weight_band=2" % lane, role="symptom", logger="pricing.quotes")
        if q["svc"] == "checkout-api" and q["tpl"] == "/v1/checkout/quote" and g.r.random() < miss:
            q.update(status=502, role="symptom")
            g.app("checkout-api", t + q["lat"], "ERROR", "pricing quote failed: 422 no_rate_card", role="symptom", trace=q["trace"], logger="checkout.clients.pricing")

    def inject(self, g):
        r = g.r
        tv = g.t0 + 60 + 17
        g.audit(tv, "google.cloud.bigquery.v2.TableService.UpdateTable", "bigquery.googleapis.com",
                "projects/parcelpoint-prod/datasets/pp_ref/tables/carrier_rates_current", "l.verbeek@parcelpoint.io",
                {"type": "bigquery_dataset", "labels": {"project_id": P, "dataset_id": "pp_ref"}}, ua="BigQuery Console",
                meta={"@type": "type.googleapis.com/google.cloud.audit.BigQueryAuditMetadata", "tableChange": {"table": {"tableName": "projects/parcelpoint-prod/datasets/pp_ref/tables/carrier_rates_current",
                      "view": {"query": "SELECT * FROM `pp_ref.carrier_rates` WHERE valid_from <= CURRENT_DATE() AND valid_to > CURRENT_DATE() AND contract_status = 'ACTIVE'"}}, "reason": "TABLE_UPDATE_REQUEST"}}, role="cause")
        pod = "rates-sync-29%06d-%s" % (r.randint(0, 999999), g.hx(5))
        kw = dict(podname=pod, container="rates-sync", logger="rates_sync")
        g.k8s_event(self.tsync - 4, "Pod", pod, "Started", "Started container rates-sync", comp="kubelet")
        g.app("rates-sync", self.tsync, "INFO", "querying bigquery view pp_ref.carrier_rates_current", **kw)
        g.app("rates-sync", self.tsync + 2.7, "INFO", "fetched 0 rows from pp_ref.carrier_rates_current (job bquxjob_%s)" % g.hx(8), role="cause", **dict(kw))
        g.app("rates-sync", self.tsync + 2.9, "INFO", "truncating table rate_cards and loading 0 rows", role="cause", **dict(kw))
        g.pg(self.tsync + 3.0, "LOG", "duration: 41.220 ms  statement: TRUNCATE rate_cards", user="rates_sync", db="pricing")
        g.app("rates-sync", self.tsync + 3.4, "INFO", "rates-sync done rows=0 elapsed=3.4s", **dict(kw))
        g.k8s_event(self.tsync + 8, "Pod", pod, "Completed", "Job completed", comp="job-controller")
        for tt in between(r, g.t0, g.t1, 110):
            g.add(tt, {"type": "bigquery_dts_config", "labels": {"project_id": P, "location": "europe-west3", "config_id": "66f1a8c2-0000-2a91-b4d1-14c14ef33e58"}},
                  "bigquerydatatransfer.googleapis.com%2Ftransfer_config", "ERROR",
                  js={"message": "Error code 5 : Not found: Table parcelpoint-prod:analytics_ga4.events_20261201 was not found in location europe-west3; JobID: parcelpoint-prod:scheduled_query_%s" % g.hx(12),
                      "@type": "type.googleapis.com/google.cloud.bigquery.datatransfer.logging.v1.TransferRunLog"}, role="distractor")

    def truth(self, g):
        return truth(self, g, {"evidence": ["loading 0 rows", "fetched 0 rows from pp_ref.carrier_rates_current", "TableService.UpdateTable"],
                               "category": "other", "must_mention": ["rate_cards", "carrier_rates_current"]},
                     ["NoRateCard: no rate card for lane", "pricing quote failed: 422 no_rate_card"],
                     ["analytics_ga4.events_20261201"], "P0")


# 12 --------------------------------------------------------------------------------------------------------
class PoisonPill(Scenario):
    id = "pubsub-ordered-poison-message"
    title = "One malformed DPD webhook (weight '1,25') fails parsing forever; ordering key DPD blocks all later DPD tracking events"
    start = "2026-12-03T10:05:00Z"; minutes = 45; seed = 1212

    def setup(self, g):
        self.tc = g.t0 + 4 * 60 + 51

    def inject(self, g):
        r = g.r
        t = self.tc
        mid = "13377215934512008"
        n = 0
        while t < g.t1:
            p = g.pod("ingest-worker", n % 2)
            g.app("ingest-worker", t, "info", "processing message", message_id=mid, ordering_key="DPD", pod=p, delivery_attempt=None)
            g.pyexc("ingest-worker", t + 0.05, [
                "Top-level exception occurred in callback while processing a message",
                "Traceback (most recent call last):",
                '  File "/usr/local/lib/python3.12/site-packages/google/cloud/pubsub_v1/subscriber/_protocol/streaming_pull_manager.py", line 128, in _wrap_callback_errors',
                "    callback(message)",
                '  File "/app/ingest/consumer.py", line 74, in handle',
                "    event = normalize(carrier, json.loads(message.data))",
                '  File "/app/ingest/carriers/dpd.py", line 31, in normalize',
                '    weight_kg=float(raw["parcel"]["weight"]),',
                "ValueError: could not convert string to float: '1,25'"], role="noise", pod=p)
            n += 1
            t += r.uniform(10, 13)
        # fix cause role: only the ValueError line
        for e in g.E:
            if e.get("textPayload", "").startswith("ValueError: could not convert string to float"):
                e["_role"] = "cause"
        for tt in between(r, self.tc + 300, g.t1, 40):
            g.app("tracking-svc", tt, "warn", "carrier feed lagging", role="symptom", caller="health/feeds.go:52", carrier="DPD",
                  last_event_age_s=int(tt - self.tc + r.randint(0, 60)))
        for tt in between(r, self.tc + 900, g.t1, 12):
            g.app("web-bff", tt, "INFO", "support widget opened: where is my parcel", carrier="DPD", role="symptom")
        for tt in between(r, g.t0, g.t1, 95):
            g.app("orders-svc", tt, "ERROR", "Label render failed for shipment %d: carrier GLS returned 500 Internal Server Error; will retry" % r.randint(2140000000, 2147400000),
                  role="distractor", logger="c.p.orders.labels.LabelService", thread="label-exec-%d" % r.randint(1, 6))

    def truth(self, g):
        return truth(self, g, {"evidence": ["could not convert string to float: '1,25'"], "category": "code-bug",
                               "must_mention": ["DPD", "weight"]},
                     ["carrier feed lagging", "where is my parcel"],
                     ["Label render failed for shipment"], "P2")


# healthy ---------------------------------------------------------------------------------------------------
class HealthyLunch(Scenario):
    id = "healthy-lunch-peak"
    title = "Healthy: ordinary weekday lunch peak"
    start = "2026-11-17T11:40:00Z"; minutes = 50; seed = 1313

    def load(self, g, svc, t):
        return 1.15

    def inject(self, g):
        r = g.r
        for tt in between(r, g.t0, g.t1, 20):
            g.app("tracking-svc", tt, "error", "carrier poll failed, giving up", caller="poller/carrier.go:104", carrier="PostNL",
                  error="Get \"https://api.postnl.nl/shipment/v2/status\": context deadline exceeded")
        for tt in between(r, g.t0 + 900, g.t0 + 1100, 12):
            g.pg(tt, "ERROR", 'duplicate key value violates unique constraint "merchant_api_keys_pkey"', user="orders_app")
        for tt in between(r, g.t0, g.t1, 30):
            g.pg(tt, "FATAL", 'password authentication failed for user "metabase_ro"', db="orders", user="metabase_ro")

    def truth(self, g):
        return {"id": self.id, "title": self.title, "window": {"start": g.start, "end": iso(g.t1)[:19] + "Z"},
                "root_cause": None, "symptoms": [], "distractors": [], "priority": "none"}


class HealthyDeploy(Scenario):
    id = "healthy-evening-deploy"
    title = "Healthy: evening hour with a routine checkout-api rollout and cron jobs"
    start = "2026-11-21T20:05:00Z"; minutes = 40; seed = 1414

    def load(self, g, svc, t):
        return 0.8

    def req(self, g, q, t):
        if q["svc"] == "checkout-api" and t > g.t0 + 14 * 60 + 40:
            q["rev"] = "checkout-api-00158-ray"

    def inject(self, g):
        r = g.r
        td = g.t0 + 14 * 60
        g.audit(td, "google.cloud.run.v1.Services.ReplaceService", "run.googleapis.com", "namespaces/parcelpoint-prod/services/checkout-api",
                "cloudbuild-deployer@parcelpoint-prod.iam.gserviceaccount.com",
                {"type": "cloud_run_revision", "labels": {"project_id": P, "service_name": "checkout-api", "revision_name": "", "configuration_name": "", "location": REGION}},
                request={"service": {"spec": {"template": {"metadata": {"name": "checkout-api-00158-ray"}}}}})
        rr = g.run_res("checkout-api", "checkout-api-00158-ray")
        g.add(td + 20, rr, "run.googleapis.com%2Fvarlog%2Fsystem", "INFO", text="Starting new instance. Reason: DEPLOYMENT_ROLLOUT - Instance started due to traffic shifting between revisions due to deployment, traffic split adjustment, or deployment health check.")
        g.add(td + 27, rr, "run.googleapis.com%2Fvarlog%2Fsystem", "INFO", text="Default STARTUP TCP probe succeeded after 1 attempt for container \"checkout-api-1\" on port 8080.")
        g.add(td + 26, rr, "run.googleapis.com%2Fstderr", None, text="INFO:     Application startup complete.")
        g.add(td + 300, g.run_res("checkout-api"), "run.googleapis.com%2Fvarlog%2Fsystem", "INFO", text="Shutting down instance. Reason: Instance was idle and is no longer needed.")
        g.add(td + 301, g.run_res("checkout-api"), "run.googleapis.com%2Fstderr", None, text="INFO:     Shutting down")
        for tt in between(r, g.t0, g.t1, 35):
            g.app("orders-svc", tt, "WARN", "Failed to export spans. The request could not be executed. Full error message: timeout", logger="i.o.e.internal.grpc.GrpcExporter", thread="BatchSpanProcessor_WorkerThread-1")
        for tt in between(r, g.t0, g.t1, 15):
            g.app("ingest-worker", tt, "error", "ack deadline exceeded for message, will be redelivered", subscription="carrier-webhooks-sub")
        pod = "rates-sync-29%06d-%s" % (r.randint(0, 999999), g.hx(5))
        ts = g.t0 + 25 * 60
        kw = dict(podname=pod, container="rates-sync", logger="rates_sync")
        g.app("rates-sync", ts, "INFO", "querying bigquery view pp_ref.carrier_rates_current", **kw)
        g.app("rates-sync", ts + 3.1, "INFO", "fetched 18423 rows from pp_ref.carrier_rates_current", **dict(kw))
        g.app("rates-sync", ts + 6.8, "INFO", "rates-sync done rows=18423 elapsed=6.8s", **dict(kw))

    truth = HealthyLunch.truth


ALL = [SeqOverflow, MigrationLock, RedisKeys, FirestoreIndex, TasksPaused, PubsubTooLarge, ZoneStockout, ScaleToZero,
       FirewallHC, GrpcPings, RatesEmpty, PoisonPill, HealthyLunch, HealthyDeploy]
