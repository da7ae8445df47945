"""The 14 Lumenreel incidents. python3 incidents.py <OUT>"""
import sys
from world import *
from catalog import make, background, SPEC

D = dt.datetime
UTC = dt.timezone.utc
TF = "terraform-prod@lumenreel-prod.iam.gserviceaccount.com"
JAVA_TO = ["java.net.SocketTimeoutException: Read timed out",
           "\tat java.base/sun.nio.ch.NioSocketImpl.timedRead(NioSocketImpl.java:288)",
           "\tat java.base/java.net.Socket$SocketInputStream.read(Socket.java:1099)",
           "\tat org.apache.http.impl.io.SessionInputBufferImpl.streamRead(SessionInputBufferImpl.java:137)",
           "\tat org.springframework.web.client.RestTemplate.doExecute(RestTemplate.java:820)",
           "\tat com.lumenreel.catalog.artwork.ArtworkClient.resize(ArtworkClient.java:64)",
           "\t... 38 common frames omitted"]


def burst(w, t0, t1, rate, fn):
    for t in w.times(rate, t0, t1):
        fn(t)


def artwork_distractor(w, s, t0, t1, rate=6):
    burst(w, t0, t1, rate, lambda t: s["catalog-api"].exc(t, "ERROR",
          "Artwork resize failed for title, serving original: I/O error on GET request for \"http://artwork-resizer.media.svc:8080/v1/resize\": Read timed out",
          JAVA_TO, role="distractor"))


# ---------------------------------------------------------------- 1
def live_retention():
    w = World(101, D(2025, 3, 8, 19, 20, tzinfo=UTC), 40)
    s = make(w, ["packager", "playback-api", "web-bff", "entitlement-svc", "catalog-api"])
    background(w, s, 1.3)
    gke_system_noise(w, s["packager"].nodes + s["catalog-api"].nodes)
    C = 6.2
    audit(w, w.at(C), "storage.googleapis.com", "storage.buckets.update", "projects/_/buckets/lr-live-origin", TF,
          rtype="gcs_bucket", rlabels={"bucket_name": "lr-live-origin", "location": "us-central1", "project_id": PROJECT},
          request={"@type": "type.googleapis.com/storage.buckets.update", "retentionPolicy": {"retentionPeriod": "86400"},
                   "labels": {"managed-by": "terraform", "tier": "archive"}}, role="cause")
    chans = ["ch-sports1", "ch-sports2", "ch-news", "ch-kids", "ch-movies"]
    pk = s["packager"]
    for t in w.times(40, C + 0.1):
        ch = w.rng.choice(chans)
        pk.log(t, "ERROR", f"manifest write failed: googleapi: Error 403: Object 'live/{ch}/index.m3u8' is subject to bucket's retention policy or object retention and cannot be deleted or overwritten until 2025-03-09T19:26:11Z, retentionPolicyNotMet",
               role="cause", kv={"channel": ch, "attempt": w.rng.randint(1, 3)})
    for t in w.times(12, C + 0.1):
        pk.log(t, "INFO", "segment published", kv={"channel": w.rng.choice(chans)})
    for t in w.times(3, C + 1.5):
        pk.log(t, "WARNING", "live edge not advancing: manifest media sequence unchanged", role="symptom",
               kv={"channel": w.rng.choice(chans), "stale_for_s": w.rng.randint(30, 1800)})
    pb = s["playback-api"]
    for t in w.times(35, C + 1.0):
        ch = w.rng.choice(chans)
        pb.req(t, "GET", f"/v1/manifest/live/{ch}", 503, w.rng.uniform(0.01, 0.2), role="symptom")
        if w.rng.random() < 0.4:
            pb.log(t, "ERROR", f"live manifest stale for {ch}: last media sequence unchanged for >{w.rng.choice([30, 60, 120])}s, returning 503", role="symptom")
    bff = s["web-bff"]
    for t in w.times(25, C + 1.2):
        bff.log(t, "WARNING", f"client player error code=HLS_MANIFEST_STALE channel={w.rng.choice(chans)} device={w.rng.choice(['roku', 'androidtv', 'ios', 'web'])}", role="symptom")
    artwork_distractor(w, s, 1, 14, 5)
    return w, {"id": "live-origin-retention-lock", "title": "Live channels freeze: retention policy applied to the live origin bucket blocks manifest overwrites",
               "root_cause": {"evidence": ["retentionPolicyNotMet", "storage.buckets.update"], "category": "configuration",
                              "must_mention": ["lr-live-origin", "retention"]},
               "symptoms": [{"evidence": "live manifest stale"}, {"evidence": "HLS_MANIFEST_STALE"}, {"evidence": "live edge not advancing"}],
               "distractors": [{"evidence": "Artwork resize failed"}], "priority": "P0"}


# ---------------------------------------------------------------- 2
def signin_blocking():
    w = World(202, D(2025, 4, 14, 7, 40, tzinfo=UTC), 35)
    s = make(w, ["web-bff", "account-api", "search-api", "billing-svc", "notify-svc"])
    background(w, s)
    fn = Svc(w, "before-signin-gate", "gcf", "plain", lang="node", replicas=3)
    C = 9.0
    audit(w, w.at(C - 1.5), "cloudfunctions.googleapis.com", "google.cloud.functions.v1.CloudFunctionsService.UpdateFunction",
          f"projects/{PROJECT}/locations/us-central1/functions/before-signin-gate", "dana.okafor@lumenreel.tv",
          rtype="cloud_function", rlabels={"function_name": "before-signin-gate", "region": REGION, "project_id": PROJECT},
          request={"function": {"entryPoint": "beforeSignIn", "runtime": "nodejs20", "sourceArchiveUrl": "gs://lr-gcf-src/before-signin-gate-v1.9.0.zip"}})
    IDP = {"type": "identitytoolkit_project", "labels": {"project_id": PROJECT}}
    def idp(t, ok, role):
        p = {"@type": "type.googleapis.com/google.cloud.identitytoolkit.v1.AuthLog" if False else "type.googleapis.com/google.cloud.audit.AuditLog",
             "methodName": w.rng.choice(["google.cloud.identitytoolkit.v1.AuthenticationService.SignInWithPassword",
                                         "google.cloud.identitytoolkit.v1.AuthenticationService.SignInWithIdp"]),
             "serviceName": "identitytoolkit.googleapis.com", "resourceName": f"projects/{PNUM}",
             "requestMetadata": {"callerIp": f"{w.rng.randint(20, 220)}.{w.rng.randint(1, 254)}.{w.rng.randint(1, 254)}.1"}}
        if not ok:
            p["status"] = {"code": 3, "message": "BLOCKING_FUNCTION_ERROR_RESPONSE : HTTP Cloud Function returned an error: Code: 500 Message: Internal Server Error"}
        e = {"resource": IDP, "logName": f"projects/{PROJECT}/logs/identitytoolkit.googleapis.com%2Frequests",
             "protoPayload": p, "severity": "INFO" if ok else "ERROR"}
        w.add(t, e, role)
    for t in w.times(30, 0, C):
        t0 = t
        fn.log(t0, "DEBUG", "Function execution started")
        fn.log(t0 + dt.timedelta(milliseconds=40), "INFO", f"Function execution took {w.rng.randint(18, 90)} ms, finished with status code: 200")
        idp(t0 + dt.timedelta(milliseconds=60), True, "noise")
    for t in w.times(32, C):
        fn.log(t, "DEBUG", "Function execution started")
        if w.rng.random() < 0.93:
            fn.exc(t + dt.timedelta(milliseconds=8), "ERROR", "TypeError: Cannot read properties of undefined (reading 'country')",
                   ["    at beforeSignIn (/workspace/index.js:41:52)", "    at /workspace/node_modules/gcip-cloud-functions/lib/auth-blocking.js:128:29",
                    "    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)"], role="cause")
            fn.log(t + dt.timedelta(milliseconds=12), "INFO", f"Function execution took {w.rng.randint(8, 30)} ms, finished with status code: 500", role="symptom")
            idp(t + dt.timedelta(milliseconds=30), False, "symptom")
            s["web-bff"].req(t + dt.timedelta(milliseconds=60), "POST", "/api/auth/signin", 500, w.rng.uniform(0.1, 0.6), role="symptom")
            if w.rng.random() < 0.6:
                s["web-bff"].log(t + dt.timedelta(milliseconds=61), "ERROR", "sign-in failed: FirebaseError: auth/internal-error", role="symptom")
        else:
            fn.log(t + dt.timedelta(milliseconds=20), "INFO", f"Function execution took {w.rng.randint(18, 90)} ms, finished with status code: 200")
            idp(t + dt.timedelta(milliseconds=60), True, "noise")
    for t in w.times(4, C + 2):
        s["account-api"].log(t, "WARNING", "session refresh rejected: refresh token missing, user must sign in again", role="symptom")
    burst(w, 3, 22, 7, lambda t: s["search-api"].exc(t, "ERROR",
          "index snapshot restore failed: checksum mismatch on segment _4f.cfs, keeping previous index generation",
          ["Traceback (most recent call last):", '  File "/app/search/snapshot.py", line 212, in restore', "    verify(seg)",
           '  File "/app/search/snapshot.py", line 88, in verify', "    raise ChecksumError(seg.name)"], role="distractor"))
    return w, {"id": "signin-blocking-function-typeerror", "title": "Sign-in fails for most users: Identity Platform beforeSignIn blocking function throws TypeError after deploy",
               "root_cause": {"evidence": ["Cannot read properties of undefined (reading 'country')"], "category": "code-bug",
                              "must_mention": ["before-signin-gate"]},
               "symptoms": [{"evidence": "BLOCKING_FUNCTION_ERROR_RESPONSE"}, {"evidence": "auth/internal-error"}, {"evidence": "finished with status code: 500"}],
               "distractors": [{"evidence": "checksum mismatch on segment"}], "priority": "P0"}


# ---------------------------------------------------------------- 3
def mysql_mdl():
    w = World(303, D(2025, 3, 11, 14, 0, tzinfo=UTC), 45)
    s = make(w, ["billing-svc", "web-bff", "account-api", "notify-svc", "comments-svc", "catalog-api"])
    background(w, s, skip_traffic=("billing-svc",))
    gke_system_noise(w, s["catalog-api"].nodes)
    mig = Svc(w, "db-migrate", "job", "python", replicas=1)
    mig.execution = "db-migrate-7kq2c"
    DB = {"type": "cloudsql_database", "labels": {"database_id": f"{PROJECT}:lr-mysql-main", "project_id": PROJECT, "region": REGION}}
    C = 12.0
    bl = s["billing-svc"]
    P = SPEC["billing-svc"][4]
    traffic(w, bl, P, 25, 0, C)
    mig.log(w.at(C - 0.2), "INFO", "Context impl MySQLImpl.", logger="alembic.runtime.migration")
    mig.log(w.at(C - 0.15), "INFO", "Will assume non-transactional DDL.", logger="alembic.runtime.migration")
    mig.log(w.at(C), "INFO", "Running upgrade 5c1e0a9d2f11 -> 8b77d3e4a190, add trial_source: ALTER TABLE subscriptions ADD COLUMN trial_source VARCHAR(32) NULL, ALGORITHM=INPLACE, LOCK=NONE",
            role="cause", logger="alembic.runtime.migration")
    for i, t in enumerate(w.periodic(60, C + 1, 45)):
        mig.log(t, "WARNING", f"lock monitor: DDL still running after {int((t - w.at(C)).total_seconds())}s, state='Waiting for table metadata lock', blocker thread 88121 user=analytics_ro idle in transaction",
                role="cause", logger="lr_migrate.lockwatch")
    for t in w.times(25, C + 0.05):
        lat = w.rng.uniform(30, 60)
        if w.rng.random() < 0.85:
            bl.req(t, w.rng.choice(["GET", "POST"]), w.rng.choice(["/v1/subscriptions/me", "/v1/subscriptions"]), 500, lat, role="symptom")
            if w.rng.random() < 0.5:
                bl.exc(t, "ERROR", "HikariPool-1 - Connection is not available, request timed out after 30000ms.",
                       ["java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 30000ms.",
                        "\tat com.zaxxer.hikari.pool.HikariPool.createTimeoutException(HikariPool.java:696)",
                        "\tat com.lumenreel.billing.SubscriptionRepository.findActive(SubscriptionRepository.java:57)"], role="symptom")
        else:
            bl.req(t, "POST", "/v1/webhooks/stripe", 200, w.rng.uniform(0.05, 0.3))
    for t in w.times(6, C + 2):
        generic(w, t, "cloudsql_database", DB["labels"], "cloudsql.googleapis.com%2Fmysql-slow.log",
                f"# Query_time: {w.rng.uniform(30, 60):.6f}  Lock_time: {w.rng.uniform(29, 59):.6f} Rows_sent: 0  Rows_examined: 0\nSELECT s.id, s.plan, s.status FROM subscriptions s WHERE s.user_id = {w.rng.randint(10**6, 10**7)} AND s.status IN ('active','trialing');",
                role="symptom")
    for t in w.times(14, C + 0.5):
        s["web-bff"].log(t, "ERROR", f"upstream billing-svc timeout after 30000ms path=/v1/subscriptions/me", role="symptom")
    for t in w.periodic(300):
        generic(w, t, "cloudsql_database", DB["labels"], "cloudsql.googleapis.com%2Fmysql.err",
                f"{ts(t)[:-1]} 0 [Note] [MY-010914] [Server] Aborted connection {w.rng.randint(80000, 99999)} to db: 'lumenreel' user: 'comments' host: 'cloudsqlproxy~10.8.1.{w.rng.randint(2, 250)}' (Got timeout reading communication packets).",
                severity="INFO")
    burst(w, 5, 30, 9, lambda t: s["notify-svc"].log(t, "ERROR", "apns: connection closed by peer, reconnecting", role="distractor",
                                                     kv={"err": "http2: server sent GOAWAY and closed the connection; LastStreamID=1999, ErrCode=NO_ERROR"}))
    return w, {"id": "subscriptions-metadata-lock", "title": "Billing hangs: online ALTER TABLE on subscriptions waits on a metadata lock held by an idle reporting transaction",
               "root_cause": {"evidence": ["Waiting for table metadata lock", "ALTER TABLE subscriptions"], "category": "database",
                              "must_mention": ["subscriptions", "metadata lock"]},
               "symptoms": [{"evidence": "Connection is not available, request timed out"}, {"evidence": "upstream billing-svc timeout"}, {"evidence": "Lock_time"}],
               "distractors": [{"evidence": "apns: connection closed by peer"}], "priority": "P1"}


# ---------------------------------------------------------------- 4
def progress_overflow():
    w = World(404, D(2025, 5, 2, 20, 10, tzinfo=UTC), 30)
    s = make(w, ["playback-api", "web-bff", "entitlement-svc", "catalog-api", "reco-svc", "search-api"])
    background(w, s, 1.5, skip_traffic=("playback-api",))
    gke_system_noise(w, s["catalog-api"].nodes + s["reco-svc"].nodes)
    pb = s["playback-api"]
    C = -3  # started before the window
    for t in w.times(110):
        path = w.rng.choice(["/v1/playback/heartbeat", "/v1/playback/heartbeat", "/v1/playback/start", "/v1/manifest/1234"])
        tr = w.hexid(32)
        if path == "/v1/playback/heartbeat" and w.rng.random() < 0.97:
            pb.req(t, "POST", path, 500, w.rng.uniform(0.02, 0.09), role="symptom", trace=tr)
            if w.rng.random() < 0.5:
                pb.log(t, "ERROR", "failed to persist progress: Error 1062 (23000): Duplicate entry '2147483647' for key 'watch_progress.PRIMARY'",
                       role="cause", trace=tr, kv={"table": "watch_progress", "op": "INSERT"})
        else:
            pb.req(t, "POST" if "manifest" not in path else "GET", path, 200, w.rng.uniform(0.02, 0.2), trace=tr)
    for t in w.times(12):
        pb.log(t, "WARNING", "heartbeat retry budget exhausted, dropping position update", role="symptom")
    for t in w.times(9):
        s["web-bff"].log(t, "WARNING", f"continue-watching position missing for title {w.rng.randint(10000, 99999)}, resuming from 0", role="symptom")
    for t in w.times(5):
        s["reco-svc"].log(t, "WARNING", "watch_progress stream stale: newest row older than 900s, using cached history", role="symptom")
    burst(w, 2, 26, 10, lambda t: pb.log(t, "ERROR", "widevine license server returned 500 for device class L3, retrying with fallback server", role="distractor",
                                         kv={"license_server": "lic-eu.drmtoday.example", "device": "chrome-l3"}))
    return w, {"id": "watch-progress-int-overflow", "title": "Resume positions not saved: watch_progress INT primary key hit 2147483647",
               "root_cause": {"evidence": ["Duplicate entry '2147483647'"], "category": "database", "must_mention": ["watch_progress", "2147483647"]},
               "symptoms": [{"evidence": "heartbeat retry budget exhausted"}, {"evidence": "continue-watching position missing"}, {"evidence": "watch_progress stream stale"}],
               "distractors": [{"evidence": "widevine license server returned 500"}], "priority": "P1"}


# ---------------------------------------------------------------- 5
def pod_ip_exhaustion():
    w = World(505, D(2025, 6, 20, 18, 30, tzinfo=UTC), 40)
    s = make(w, ["catalog-api", "web-bff", "reco-svc", "entitlement-svc", "playback-api", "packager"], catalog_api={})
    background(w, s, 1.6, skip_traffic=("catalog-api",))
    ca = s["catalog-api"]
    allnodes = ca.nodes + s["reco-svc"].nodes + s["entitlement-svc"].nodes
    gke_system_noise(w, allnodes, 8)
    lb = LB(w)
    C = 4.0
    for t in w.times(130):
        m = (t - w.start).total_seconds() / 60
        overloaded = m > C + 3
        p = w.rng.choice(["/v2/titles/{id}", "/v2/rails/home", "/v2/titles/{id}/episodes"]).replace("{id}", str(w.rng.randint(10**4, 10**5)))
        if overloaded and w.rng.random() < 0.22:
            lb.req(t, "GET", f"https://catalog.lumenreel.tv{p}", w.rng.choice([502, 503]), w.rng.uniform(5, 30), role="symptom",
                   details=w.rng.choice(["backend_timeout", "failed_to_pick_backend"]))
            if w.rng.random() < 0.3:
                ca.log(t, "WARNING", "Rejecting request: executor queue full (active=200, queued=500)", role="symptom", logger="c.l.catalog.web.ThrottleFilter")
        else:
            lb.req(t, "GET", f"https://catalog.lumenreel.tv{p}", 200, w.rng.uniform(0.02, 3 if overloaded else 0.3))
    # HPA wants more pods
    for t in w.periodic(60, 0):
        n = 12 + int((t - w.start).total_seconds() / 180)
        k8s_event(w, t, "HorizontalPodAutoscaler", "catalog-api", "catalog", "SuccessfulRescale",
                  f"New size: {n}; reason: cpu resource utilization (percentage of request) above target", source="horizontal-pod-autoscaler")
    newpods = [f"catalog-api-7d9f8c6b5d-{w.hexid(5)}" for _ in range(14)]
    for t in w.times(9, C):
        pod = w.rng.choice(newpods)
        k8s_event(w, t, "Pod", pod, "catalog", "FailedCreatePodSandBox",
                  f"Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox \"{w.hexid(64)}\": plugin type=\"gke\" failed (add): failed to allocate for range 0: no IP addresses available in range set: 10.44.{w.rng.randint(0, 63)}.1-10.44.{w.rng.randint(0, 63)}.254",
                  etype="Warning", role="cause")
    for t in w.periodic(120, C - 4):
        generic(w, t, "gce_instance_group_manager", {"instance_group_manager_id": "7712093381", "instance_group_manager_name": "gke-lr-prod-gke-default-pool-7c1e2a-grp", "location": "us-central1-b", "project_id": PROJECT},
                "cloudaudit.googleapis.com%2Factivity", None, role="cause")
        w.entries[-1][1].pop("jsonPayload", None)
        w.entries[-1][1]["protoPayload"] = {"@type": "type.googleapis.com/google.cloud.audit.AuditLog", "serviceName": "compute.googleapis.com",
            "methodName": "v1.compute.instances.insert", "resourceName": f"projects/{PROJECT}/zones/us-central1-b/instances/gke-lr-prod-gke-default-pool-7c1e2a-{w.hexid(4)}",
            "authenticationInfo": {"principalEmail": f"{PNUM}@cloudservices.gserviceaccount.com"},
            "status": {"code": 8, "message": f"IP space of 'projects/{PROJECT}/regions/us-central1/subnetworks/lr-prod-gke-subnet' secondary range 'lr-prod-pods' is exhausted."}}
        w.entries[-1][1]["severity"] = "ERROR"
    for t in w.periodic(60, C):
        k8s_event(w, t, "Pod", w.rng.choice(newpods), "catalog", "NotTriggerScaleUp",
                  "pod didn't trigger scale-up: 1 max node group size reached" if False else "pod didn't trigger scale-up (it wouldn't fit if a new node is added): scale-up of node group gke-lr-prod-gke-default-pool-7c1e2a-grp failed previously",
                  etype="Normal", source="cluster-autoscaler")
    for t in w.times(8, C + 2):
        s["web-bff"].log(t, "ERROR", f"catalog upstream error status={w.rng.choice([502, 503])} rail=home fallback=stale-cache", role="symptom")
    burst(w, 0, 40, 5, lambda t: generic(w, t, "k8s_container", {"cluster_name": CLUSTER, "container_name": "metrics-server", "location": REGION,
          "namespace_name": "kube-system", "pod_name": "metrics-server-v0.7.1-6b8f9d6d7-qz2lx", "project_id": PROJECT}, "stderr",
          f"E{t.strftime('%m%d %H:%M:%S.%f')}       1 scraper.go:149] \"Failed to scrape node\" err=\"Get \\\"https://10.128.0.{w.rng.randint(2, 90)}:10250/metrics/resource\\\": context deadline exceeded\" node=\"{w.rng.choice(allnodes)}\"",
          severity="ERROR", role="distractor"))
    return w, {"id": "gke-pod-range-exhausted", "title": "catalog-api cannot scale for the evening peak: GKE pod secondary range out of IP addresses",
               "root_cause": {"evidence": ["no IP addresses available in range set", "secondary range 'lr-prod-pods' is exhausted"], "category": "resource-exhaustion",
                              "must_mention": ["lr-prod-pods", "catalog-api"]},
               "symptoms": [{"evidence": "executor queue full"}, {"evidence": "catalog upstream error"}, {"evidence": "backend_timeout"}],
               "distractors": [{"evidence": "Failed to scrape node"}], "priority": "P1"}


# ---------------------------------------------------------------- 6
def gpu_stockout():
    w = World(606, D(2025, 7, 9, 15, 5, tzinfo=UTC), 50)
    s = make(w, ["transcode-worker", "upload-api", "packager", "catalog-api", "notify-svc", "web-bff"])
    background(w, s, 0.8)
    gke_system_noise(w, s["transcode-worker"].nodes + s["catalog-api"].nodes, 5)
    tw = s["transcode-worker"]
    pend = [f"transcode-worker-gpu-6f7c9b8d4-{w.hexid(5)}" for _ in range(10)]
    for t in w.periodic(75, 0):
        k8s_event(w, t, "Pod", w.rng.choice(pend), "media", "FailedScaleUp",
                  "Node scale up in zones us-central1-a associated with this pod failed: GCE out of resources. Pod is at risk of not being scheduled.",
                  etype="Warning", role="cause", source="cluster-autoscaler")
    for t in w.periodic(240, 0):
        e = generic(w, t, "gce_instance_group_manager", {"instance_group_manager_id": "88120033", "instance_group_manager_name": "gke-lr-prod-gke-gpu-l4-pool-91ab3c-grp",
                   "location": "us-central1-a", "project_id": PROJECT}, "cloudaudit.googleapis.com%2Factivity", None, role="cause")
        e.pop("jsonPayload", None)
        e["protoPayload"] = {"@type": "type.googleapis.com/google.cloud.audit.AuditLog", "serviceName": "compute.googleapis.com", "methodName": "v1.compute.instances.insert",
                             "resourceName": f"projects/{PROJECT}/zones/us-central1-a/instances/gke-lr-prod-gke-gpu-l4-pool-91ab3c-{w.hexid(4)}",
                             "status": {"code": 8, "message": "ZONE_RESOURCE_POOL_EXHAUSTED: The zone 'projects/lumenreel-prod/zones/us-central1-a' does not have enough resources available to fulfill the request. Try a different zone, or try again later."},
                             "authenticationInfo": {"principalEmail": f"{PNUM}@cloudservices.gserviceaccount.com"}}
        e["severity"] = "ERROR"
    for t in w.periodic(45, 0):
        k8s_event(w, t, "Pod", w.rng.choice(pend), "media", "FailedScheduling",
                  "0/23 nodes are available: 3 Insufficient nvidia.com/gpu, 20 node(s) didn't match Pod's node affinity/selector. preemption: 0/23 nodes are available: 3 No preemption victims found for incoming pod, 20 Preemption is not helpful for scheduling.",
                  etype="Warning", role="symptom", source="default-scheduler")
    for i, t in enumerate(w.periodic(60, 0)):
        tw.log(t, "WARNING", f"transcode queue age {14 + i * 1.1:.1f} min exceeds SLO 10 min (undelivered=%d)" % (180 + i * 9), role="symptom", logger="worker.lag")
    ua = s["upload-api"]
    for t in w.times(3, 5):
        ua.log(t, "WARNING", f"asset a_{w.rng.randint(10**5, 10**6)} waiting for transcode for {w.rng.randint(15, 70)} min; creator notified of delay", role="symptom")
    burst(w, 0, 50, 6, lambda t: tw.exc(t, "ERROR", f"ffmpeg exited 1 for job tj_{w.rng.randint(10**5, 10**6)}: Error while decoding stream #0:1: Invalid data found when processing input",
          ["Traceback (most recent call last):", '  File "/app/worker/encode.py", line 141, in run', "    subprocess.run(cmd, check=True, capture_output=True)",
           "subprocess.CalledProcessError: Command '['ffmpeg', '-hide_banner', '-i', '/scratch/in.mov']' returned non-zero exit status 1."], role="distractor"))
    return w, {"id": "gpu-zone-stockout", "title": "Transcode backlog grows: GPU L4 node pool cannot scale up, zone out of resources",
               "root_cause": {"evidence": ["GCE out of resources", "ZONE_RESOURCE_POOL_EXHAUSTED"], "category": "capacity",
                              "must_mention": ["gpu-l4-pool", "us-central1-a"]},
               "symptoms": [{"evidence": "Insufficient nvidia.com/gpu"}, {"evidence": "transcode queue age"}, {"evidence": "waiting for transcode"}],
               "distractors": [{"evidence": "Invalid data found when processing input"}], "priority": "P2"}


# ---------------------------------------------------------------- 7
def eventarc_deleted():
    w = World(707, D(2025, 8, 19, 9, 0, tzinfo=UTC), 45)
    s = make(w, ["upload-api", "web-bff", "notify-svc", "catalog-api", "account-api"])
    background(w, s)
    gke_system_noise(w, s["catalog-api"].nodes, 4)
    ing = Svc(w, "media-ingest", "run", "json-sev", lang="py", replicas=3, host="media-ingest-qz7mra2lxa-uc.a.run.app")
    fn = Svc(w, "thumbnailer", "gcf", "plain", replicas=2)
    C = 6.5
    for t in w.times(5, 0, C):
        a = w.rng.randint(10**5, 10**6)
        ing.req(t, "POST", "/", 200, w.rng.uniform(0.3, 2.5), ua="APIs-Google; (+https://developers.google.com/webmasters/APIs-Google.html)")
        ing.log(t, "INFO", f"CloudEvent google.cloud.storage.object.v1.finalized for gs://lr-uploads-raw/a_{a}/source.mov, enqueued transcode")
    for t in w.periodic(15):
        ing.req(t, "GET", "/healthz", 200, 0.002)
    audit(w, w.at(C), "eventarc.googleapis.com", "google.cloud.eventarc.v1.Eventarc.DeleteTrigger",
          f"projects/{PROJECT}/locations/us-central1/triggers/uploads-finalized-to-ingest", TF, role="cause",
          request={"@type": "type.googleapis.com/google.cloud.eventarc.v1.DeleteTriggerRequest", "name": f"projects/{PROJECT}/locations/us-central1/triggers/uploads-finalized-to-ingest", "validateOnly": False})
    audit(w, w.at(C + 0.1), "run.googleapis.com", "google.cloud.run.v2.Services.UpdateService", f"projects/{PROJECT}/locations/us-central1/services/notify-svc", TF,
          rtype="cloud_run_revision", rlabels={"service_name": "notify-svc", "location": REGION, "project_id": PROJECT, "revision_name": "", "configuration_name": ""})
    ua = s["upload-api"]
    for t in w.times(4, C + 10):
        ua.log(t, "WARNING", f"asset a_{w.rng.randint(10**5, 10**6)} still in state UPLOADED after {w.rng.randint(600, 2100)}s, no ingest event received", role="symptom")
    for t in w.times(1.5, C + 12):
        ua.req(t, "POST", "/v1/uploads", 201, w.rng.uniform(0.1, 0.4))
        ua.log(t, "INFO", "duplicate upload detected for creator, previous asset never left UPLOADED; re-issuing session", role="symptom")
    for t in w.periodic(300, C + 15):
        ua.log(t, "ERROR", f"ingest SLA breached: {w.rng.randint(20, 90)} assets older than 15 min without transcode job", role="symptom")
    for t in w.times(2):
        fn.log(t, "INFO", f"Generated 6 thumbnails for a_{w.rng.randint(10**5, 10**6)}")
    burst(w, 2, 40, 4, lambda t: fn.exc(t, "ERROR", "PIL.UnidentifiedImageError: cannot identify image file <_io.BytesIO object at 0x3e7b6f0c2a90>",
          ["Traceback (most recent call last):", '  File "/workspace/main.py", line 33, in make_thumbs', "    img = Image.open(io.BytesIO(blob.download_as_bytes()))",
           '  File "/layers/google.python.pip/pip/lib/python3.11/site-packages/PIL/Image.py", line 3339, in open', "    raise UnidentifiedImageError(msg)"], role="distractor"))
    return w, {"id": "eventarc-trigger-deleted", "title": "New uploads never ingested: Terraform apply deleted the Eventarc trigger for upload finalize events",
               "root_cause": {"evidence": ["DeleteTrigger"], "category": "configuration", "must_mention": ["uploads-finalized-to-ingest", "eventarc"]},
               "symptoms": [{"evidence": "still in state UPLOADED"}, {"evidence": "ingest SLA breached"}],
               "distractors": [{"evidence": "cannot identify image file"}], "priority": "P1"}


# ---------------------------------------------------------------- 8
def pubsub_payload():
    w = World(808, D(2025, 9, 3, 21, 15, tzinfo=UTC), 35)
    s = make(w, ["web-bff", "playback-api", "catalog-api", "reco-svc", "account-api"])
    background(w, s, 1.2)
    gke_system_noise(w, s["catalog-api"].nodes, 4)
    ec = Svc(w, "events-collector", "run", "pino", lang="node", replicas=4)
    ec.revision = "events-collector-00412-wuv"
    old = Svc(w, "events-collector", "run", "pino", lang="node", replicas=3)
    old.revision = "events-collector-00411-tab"
    C = 8.0
    audit(w, w.at(C - 1.2), "run.googleapis.com", "google.cloud.run.v1.Services.ReplaceService", "namespaces/lumenreel-prod/services/events-collector",
          "cloud-build-deployer@lumenreel-prod.iam.gserviceaccount.com", rtype="cloud_run_revision",
          rlabels={"service_name": "events-collector", "location": REGION, "project_id": PROJECT, "revision_name": "", "configuration_name": ""})
    for t in w.times(120):
        (old if t < w.at(C) else ec).req(t, "POST", "/v1/events", 202, w.rng.uniform(0.003, 0.03), size=0)
    for t in w.times(6, 0, C):
        old.log(t, "INFO", f"published batch of {w.rng.randint(200, 900)} events to player-events")
    for i in range(4):
        ec.log(w.at(C - 0.5 + i * 0.03), "INFO", "pubsub publisher configured batching={maxMessages:5000,maxBytes:20971520,maxMilliseconds:500} topic=player-events", role="cause")
    for t in w.times(8, C):
        ec.log(t, "ERROR", "publish failed: Error: 3 INVALID_ARGUMENT: Request payload size exceeds the limit: 10485760 bytes.", role="cause",
               kv={"topic": "projects/lumenreel-prod/topics/player-events", "batchSize": w.rng.randint(4100, 5000)})
        if w.rng.random() < 0.7:
            ec.log(t + dt.timedelta(seconds=3), "WARNING", f"dropping batch of {w.rng.randint(4100, 5000)} events after 3 retries", role="symptom")
    for t in w.times(0.3, C):
        ec.log(t, "INFO", f"published batch of {w.rng.randint(40, 300)} events to player-events")
    SUB = {"project_id": PROJECT, "subscription_id": "player-events-bq"}
    for t in w.periodic(300, C + 5):
        generic(w, t, "pubsub_subscription", SUB, "pubsub.googleapis.com%2Fsubscription", {"message": "BigQuery subscription player-events-bq: no messages received in the last 300s", "subscription": "projects/lumenreel-prod/subscriptions/player-events-bq"},
                severity="WARNING", role="symptom")
    for t in w.times(0.5, C + 12):
        s["reco-svc"].log(t, "WARNING", "realtime watch signals stale: last player event 600s ago, using batch features", role="symptom")
    artwork_distractor(w, s, 4, 30, 7)
    return w, {"id": "pubsub-batch-over-10mb", "title": "Player analytics events dropped: events-collector publish batches exceed the Pub/Sub 10 MB request limit",
               "root_cause": {"evidence": ["Request payload size exceeds the limit", "maxBytes:20971520"], "category": "code-bug",
                              "must_mention": ["events-collector", "player-events"]},
               "symptoms": [{"evidence": "dropping batch of"}, {"evidence": "no messages received in the last"}, {"evidence": "realtime watch signals stale"}],
               "distractors": [{"evidence": "Artwork resize failed"}], "priority": "P2"}


# ---------------------------------------------------------------- 9
def recursive_trigger():
    w = World(909, D(2025, 10, 6, 2, 30, tzinfo=UTC), 30)
    s = make(w, ["upload-api", "web-bff", "notify-svc", "search-api"])
    background(w, s, 0.4)
    fn = Svc(w, "thumbnailer", "gcf", "plain", replicas=6)
    C = 4.0
    audit(w, w.at(C), "cloudfunctions.googleapis.com", "google.cloud.functions.v1.CloudFunctionsService.UpdateFunction",
          f"projects/{PROJECT}/locations/us-central1/functions/thumbnailer", "cloud-build-deployer@lumenreel-prod.iam.gserviceaccount.com",
          rtype="cloud_function", rlabels={"function_name": "thumbnailer", "region": REGION, "project_id": PROJECT}, role="cause",
          request={"function": {"entryPoint": "make_thumbs", "runtime": "python311", "eventTrigger": {"eventType": "google.storage.object.finalize", "resource": "projects/_/buckets/lr-uploads-raw"},
                                "environmentVariables": {"THUMB_BUCKET": "lr-uploads-raw", "THUMB_PREFIX": "thumbs/"}}})
    for t in w.times(2, 0, C):
        fn.log(t, "INFO", f"Generated 6 thumbnails for a_{w.rng.randint(10**5, 10**6)} -> gs://lr-thumbs/")
        fn.log(t + dt.timedelta(seconds=1), "INFO", f"Function execution took {w.rng.randint(900, 3000)} ms, finished with status: 'ok'")
    for i in range(6):
        fn.log(w.at(C + 1.2 + i * 0.05), "INFO", "thumbnailer 2.4.0 cold start: input bucket gs://lr-uploads-raw output bucket gs://lr-uploads-raw prefix thumbs/", role="cause")
    for t in w.times(1, C + 1):
        fn.log(t, "INFO", f"Generated 6 thumbnails for a_{w.rng.randint(10**5, 10**6)} -> gs://lr-uploads-raw/thumbs/")
    # the loop grows
    for t in w.times(60, C + 1.5):
        m = (t - w.at(C)).total_seconds() / 60
        if w.rng.random() > min(1, m / 20):
            continue
        depth = min(12, 1 + int(m / 2.2 * w.rng.random()) + 1)
        name = f"a_{w.rng.randint(10**5, 10**6)}_{w.rng.randint(0, 5)}" + "_thumb" * depth + ".jpg"
        fn.log(t, "INFO", f"Processing gs://lr-uploads-raw/thumbs/{name}", role="symptom")
        if depth > 6 and w.rng.random() < 0.5:
            fn.log(t + dt.timedelta(milliseconds=300), "WARNING", f"source image too small ({w.rng.randint(2, 20)}x{w.rng.randint(2, 12)}), writing placeholder", role="symptom")
        fn.log(t + dt.timedelta(milliseconds=500), "INFO", f"Function execution took {w.rng.randint(300, 1400)} ms, finished with status: 'ok'")
    bud = Svc(w, "budget-notifier", "gcf", "plain", replicas=1)
    bud.log(w.at(C + 21), "WARNING", "Budget alert: 'lr-prod-monthly' cost of Cloud Functions + Cloud Storage forecast exceeded 120% of budget", role="symptom")
    burst(w, 0, 30, 4, lambda t: s["upload-api"].exc(t, "ERROR", "google.resumable_media.common.InvalidResponse: ('Request failed with status code', 410, 'Expected one of', <HTTPStatus.OK: 200>) upload session expired",
          ["Traceback (most recent call last):", '  File "/app/uploads/finalize.py", line 77, in finalize', "    session.transmit_next_chunk(transport)"], role="distractor"))
    return w, {"id": "thumbnailer-recursive-trigger", "title": "Thumbnailer writes into its own trigger bucket and re-triggers itself (runaway invocations and cost)",
               "root_cause": {"evidence": ["output bucket gs://lr-uploads-raw", "UpdateFunction"], "category": "code-bug",
                              "must_mention": ["thumbnailer", "lr-uploads-raw"]},
               "symptoms": [{"evidence": "_thumb_thumb"}, {"evidence": "Budget alert"}],
               "distractors": [{"evidence": "upload session expired"}], "priority": "P3"}


# ---------------------------------------------------------------- 10
def vertex_signature():
    w = World(1010, D(2025, 11, 12, 17, 0, tzinfo=UTC), 40)
    s = make(w, ["reco-svc", "web-bff", "catalog-api", "billing-svc", "search-api", "playback-api"])
    background(w, s, 1.1)
    gke_system_noise(w, s["reco-svc"].nodes + s["catalog-api"].nodes, 5)
    rc = s["reco-svc"]
    C = 11.0
    audit(w, w.at(C), "aiplatform.googleapis.com", "google.cloud.aiplatform.v1.EndpointService.UpdateEndpoint",
          f"projects/{PNUM}/locations/us-central1/endpoints/3318801752096112640", "ml-release@lumenreel-prod.iam.gserviceaccount.com",
          rtype="audited_resource", role="cause",
          request={"@type": "type.googleapis.com/google.cloud.aiplatform.v1.UpdateEndpointRequest",
                   "endpoint": {"displayName": "reco-ranker", "trafficSplit": {"5511204477": 0, "7730918812": 100}}, "updateMask": "trafficSplit"})
    for t in w.times(30, C + 0.3):
        rc.log(t, "ERROR", "Vertex predict failed for endpoint reco-ranker: 400 {\"error\": \"Failed to process element: 0 key: user_embedding of 'instances' list. Error: INVALID_ARGUMENT: JSON object: does not have named input: user_embedding\"}",
               role="cause", kv={"endpoint": "projects/418822097315/locations/us-central1/endpoints/3318801752096112640"})
        rc.log(t + dt.timedelta(milliseconds=5), "WARNING", "ranker unavailable, falling back to popularity rail", role="symptom")
    for t in w.times(10, C + 0.5):
        s["web-bff"].log(t, "INFO", "home rails degraded: personalised=false source=popularity", role="symptom")
    burst(w, 3, 35, 6, lambda t: s["billing-svc"].log(t, "ERROR", "Stripe webhook rejected: No signatures found matching the expected signature for payload", role="distractor",
          logger="c.l.billing.webhook.StripeWebhookController"))
    return w, {"id": "vertex-ranker-input-mismatch", "title": "Personalised rails gone: Vertex AI endpoint traffic moved to a ranker model with a different input signature",
               "root_cause": {"evidence": ["does not have named input", "UpdateEndpoint"], "category": "configuration", "must_mention": ["reco-ranker", "user_embedding"]},
               "symptoms": [{"evidence": "falling back to popularity rail"}, {"evidence": "personalised=false"}],
               "distractors": [{"evidence": "No signatures found matching the expected signature"}], "priority": "P2"}


# ---------------------------------------------------------------- 11
def concurrent_map():
    w = World(1111, D(2025, 12, 1, 19, 45, tzinfo=UTC), 35)
    s = make(w, ["entitlement-svc", "playback-api", "web-bff", "reco-svc", "catalog-api", "packager"], **{"entitlement-svc": {"replicas": 6}})
    background(w, s, 1.4, skip_traffic=("playback-api",))
    es = s["entitlement-svc"]
    gke_system_noise(w, es.nodes + s["reco-svc"].nodes, 6)
    C = 5.0
    audit(w, w.at(C - 1), "container.googleapis.com", "io.k8s.apps.v1.deployments.patch", "apps/v1/namespaces/playback/deployments/entitlement-svc",
          "cloud-deploy@lumenreel-prod.iam.gserviceaccount.com", rtype="k8s_cluster", rlabels={"cluster_name": CLUSTER, "location": REGION, "project_id": PROJECT},
          request={"spec": {"template": {"spec": {"containers": [{"name": "entitlement-svc", "image": "us-docker.pkg.dev/lumenreel-prod/apps/entitlement-svc:v3.18.0"}]}}}})
    for t in w.times(1.8, C + 1):
        pod = w.rng.choice(es.pods)
        es.raw(t, "fatal error: concurrent map writes", role="cause", stream="stderr", pod=pod)
        for i, fr in enumerate(["", "goroutine 48211 [running]:", "lumenreel.tv/entitlement/internal/policy.(*Cache).Put(0xc0001a2f00, {0xc00a3e1b80, 0x24}, 0xc00b7a2000)",
                                "\t/src/internal/policy/cache.go:77 +0x1a5", "lumenreel.tv/entitlement/internal/policy.(*Evaluator).Check(0xc000214d20, {0x1d6a9c8, 0xc00a9f2c30}, 0xc009e0a1e0)",
                                "\t/src/internal/policy/evaluator.go:142 +0x3b8", "created by net/http.(*Server).Serve in goroutine 1"]):
            es.raw(t + dt.timedelta(microseconds=i + 1), fr, role="noise", stream="stderr", pod=pod)
        k8s_event(w, t + dt.timedelta(seconds=w.rng.randint(20, 200)), "Pod", pod, "playback", "BackOff", "Back-off restarting failed container entitlement-svc in pod " + pod,
                  etype="Warning", role="symptom")
    pb = s["playback-api"]
    for t in w.times(80):
        path = w.rng.choice(["/v1/playback/start", "/v1/playback/heartbeat", "/v1/playback/heartbeat"])
        if path.endswith("start") and t > w.at(C + 1) and w.rng.random() < 0.35:
            pb.req(t, "POST", path, 503, w.rng.uniform(0.5, 3), role="symptom")
            pb.log(t, "ERROR", "entitlement check failed: rpc error: code = Unavailable desc = connection error: desc = \"transport: Error while dialing: dial tcp 10.44.3.17:8080: connect: connection reset by peer\"", role="symptom")
        else:
            pb.req(t, "POST", path, 200, w.rng.uniform(0.02, 0.3))
    burst(w, 2, 33, 8, lambda t: s["reco-svc"].log(t, "ERROR", "feature store online read timed out after 200ms (featureview=user_watch_stats)", role="distractor"))
    return w, {"id": "entitlement-concurrent-map-writes", "title": "Playback starts fail intermittently: entitlement-svc v3.18.0 crashes with concurrent map writes",
               "root_cause": {"evidence": ["concurrent map writes"], "category": "code-bug", "must_mention": ["entitlement-svc"]},
               "symptoms": [{"evidence": "Back-off restarting failed container"}, {"evidence": "entitlement check failed"}],
               "distractors": [{"evidence": "feature store online read timed out"}], "priority": "P1"}


# ---------------------------------------------------------------- 12
def alloydb_lag():
    w = World(1212, D(2026, 1, 20, 13, 10, tzinfo=UTC), 45)
    s = make(w, ["account-api", "web-bff", "notify-svc", "search-api", "catalog-api"])
    background(w, s)
    gke_system_noise(w, s["catalog-api"].nodes, 4)
    job = Svc(w, "backfill-profile-locale", "job", "json-sev", lang="py", replicas=1)
    job.execution = "backfill-profile-locale-l9x2m"
    AL = lambda inst: {"cluster_id": "lr-accounts", "instance_id": inst, "location": REGION, "resource_container": f"projects/{PNUM}"}
    C = 7.0
    job.log(w.at(C), "INFO", "starting backfill: UPDATE profiles SET locale_v2 = normalize_locale(locale) WHERE id BETWEEN $1 AND $2 (batch=20000, sleep=0ms)", role="cause")
    for i, t in enumerate(w.periodic(20, C + 0.2)):
        job.log(t, "INFO", f"batch {i + 1}/2410 committed rows=20000 elapsed_ms={w.rng.randint(1500, 4000)}")
    for t in w.periodic(40, C + 2):
        generic(w, t, "alloydb.googleapis.com/Instance", AL("lr-accounts-primary"), "alloydb.googleapis.com%2Fpostgres.log",
                {"textPayload": f"{ts(t)[:-4]} UTC [{w.rng.randint(1000, 9000)}]: [1-1] db=,user= LOG:  checkpoints are occurring too frequently ({w.rng.randint(6, 14)} seconds apart)"}, severity="INFO", role="cause")
    for t in w.times(3, C + 3):
        generic(w, t, "alloydb.googleapis.com/Instance", AL("lr-accounts-rp"), "alloydb.googleapis.com%2Fpostgres.log",
                {"textPayload": f"{ts(t)[:-4]} UTC [{w.rng.randint(1000, 9000)}]: [2-1] db=accounts,user=account_api ERROR:  canceling statement due to conflict with recovery"}, severity="ERROR", role="symptom")
    aa = s["account-api"]
    for t in w.times(9, C + 4):
        aa.log(t, "WARNING", f"playlist pl_{w.rng.randint(10**6, 10**7)} not found on read pool right after create, retrying on primary", role="symptom",
               kv={"replica_lag_ms": w.rng.randint(20000, 240000)})
        if w.rng.random() < 0.3:
            aa.req(t, "GET", "/v1/playlists/pl_1", 404, w.rng.uniform(0.01, 0.05), role="symptom")
    for t in w.times(4, C + 6):
        s["web-bff"].log(t, "WARNING", "profile update not visible after save (stale read), showing optimistic value", role="symptom")
    burst(w, 0, 45, 9, lambda t: s["notify-svc"].log(t, "ERROR", "fcm: registration-token-not-registered, token pruned", role="distractor",
                                                     kv={"device": f"d_{w.rng.randint(10**5, 10**6)}"}))
    return w, {"id": "alloydb-readpool-lag-backfill", "title": "Stale reads on AlloyDB read pool: unthrottled profiles backfill drives replica lag",
               "root_cause": {"evidence": ["UPDATE profiles SET locale_v2", "checkpoints are occurring too frequently"], "category": "database",
                              "must_mention": ["backfill", "read pool"]},
               "symptoms": [{"evidence": "not found on read pool right after create"}, {"evidence": "conflict with recovery"}, {"evidence": "stale read"}],
               "distractors": [{"evidence": "registration-token-not-registered"}], "priority": "P2"}


# ---------------------------------------------------------------- healthy
def healthy_evening():
    w = World(1313, D(2025, 10, 24, 20, 0, tzinfo=UTC), 50)
    s = make(w, ["web-bff", "playback-api", "catalog-api", "entitlement-svc", "reco-svc", "search-api", "billing-svc", "packager"])
    background(w, s, 1.2, noise_scale=2.0)
    gke_system_noise(w, s["catalog-api"].nodes + s["reco-svc"].nodes, 8)
    artwork_distractor(w, s, 12, 15, 4)
    for t in w.periodic(600, 0):
        k8s_event(w, t, "HorizontalPodAutoscaler", "catalog-api", "catalog", "SuccessfulRescale", "New size: 14; reason: cpu resource utilization (percentage of request) above target", source="horizontal-pod-autoscaler")
    return w, {"id": "healthy-friday-evening", "title": "Healthy: Friday evening peak with routine noise", "root_cause": None,
               "symptoms": [], "distractors": [], "priority": "none"}


def healthy_morning():
    w = World(1414, D(2026, 2, 3, 8, 30, tzinfo=UTC), 30)
    s = make(w, ["web-bff", "account-api", "upload-api", "notify-svc", "transcode-worker", "comments-svc"])
    background(w, s, 0.9, noise_scale=2.5)
    gke_system_noise(w, s["transcode-worker"].nodes, 5)
    audit(w, w.at(11), "run.googleapis.com", "google.cloud.run.v1.Services.ReplaceService", "namespaces/lumenreel-prod/services/comments-svc",
          "cloud-build-deployer@lumenreel-prod.iam.gserviceaccount.com", rtype="cloud_run_revision",
          rlabels={"service_name": "comments-svc", "location": REGION, "project_id": PROJECT, "revision_name": "", "configuration_name": ""})
    for t in w.times(2, 11, 12):
        s["comments-svc"].log(t, "INFO", "Started CommentsApplication in 8.412 seconds (process running for 9.1)", logger="c.l.comments.CommentsApplication")
    return w, {"id": "healthy-weekday-morning", "title": "Healthy: weekday morning with a routine deploy", "root_cause": None,
               "symptoms": [], "distractors": [], "priority": "none"}


ALL = [live_retention, signin_blocking, mysql_mdl, progress_overflow, pod_ip_exhaustion, gpu_stockout, eventarc_deleted,
       pubsub_payload, recursive_trigger, vertex_signature, concurrent_map, alloydb_lag, healthy_evening, healthy_morning]

if __name__ == "__main__":
    out = sys.argv[1] if len(sys.argv) > 1 else "/work/sets/blind12"
    for f in ALL:
        w, truth = f()
        n = w.write(os.path.join(out, truth["id"]), truth)
        print(f"{truth['id']:40s} {n:6d} entries")
