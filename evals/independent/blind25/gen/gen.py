#!/usr/bin/env python3
"""Generator for blind25: 14 incidents of an online-education company on Google Cloud.
Usage: python gen.py OUTDIR   (stdlib only, fixed seeds, deterministic bytes)"""
import gzip, json, os, random, sys
from datetime import datetime, timezone, timedelta

PROJECT = "learnwave-prod"
REGION = "us-central1"
CLUSTER = "lw-prod-gke"
ZONE = "us-central1-b"

UAS_WEB = [
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/19.1 Safari/605.1.15",
    "Mozilla/5.0 (X11; CrOS x86_64 16181.61.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:145.0) Gecko/20100101 Firefox/145.0",
]
UAS_IOS = ["LearnWave/5.21.3 (iPhone; iOS 19.1; Scale/3.00)", "LearnWave/5.21.1 (iPad; iOS 18.6; Scale/2.00)",
           "LearnWave/5.20.4 (iPhone; iOS 19.0; Scale/3.00)"]
UAS_AND = ["LearnWave/5.22.0 (Android 15; Pixel 8)", "LearnWave/5.21.2 (Android 14; SM-A546B)",
           "okhttp/4.12.0 LearnWave/5.22.0 (Android 16; Pixel 9)"]


def iso(t):
    d = datetime.fromtimestamp(t, tz=timezone.utc)
    return d.strftime("%Y-%m-%dT%H:%M:%S.") + "%06dZ" % d.microsecond


def ts(s):
    return datetime.strptime(s, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc).timestamp()


def caller_ua(principal, service):
    if "terraform" in principal:
        return "google-api-go-client/0.5 Terraform/1.9.8 (+https://www.terraform.io) terraform-provider-google/6.12.0"
    if "container-engine-robot" in principal:
        return "glbc/v1.33.0 (linux/amd64) kubernetes/ingress-gce"
    if "argocd" in principal:
        return "argocd-application-controller/v2.13.1 (linux/amd64) kubernetes/$Format"
    if "bq-scheduled" in principal:
        return "BigQuery Data Transfer Service"
    if principal.endswith("@learnwave.io"):
        return "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36,gzip(gfe)"
    if service == "cloudfunctions.googleapis.com":
        return "google-cloud-sdk gcloud/548.0.0 command/gcloud.functions.deploy"
    if service == "run.googleapis.com":
        return "google-cloud-sdk gcloud/548.0.0 command/gcloud.run.deploy"
    return "google-cloud-sdk gcloud/548.0.0"


def rev_suffix(svc):
    v = sum((i + 7) * ord(c) for i, c in enumerate(svc))
    return "".join("abcdefghijklmnopqrstuvwxyz"[(v >> (5 * k)) % 26] for k in range(3))


class Inc:
    def __init__(self, iid, start, minutes, seed):
        self.id = iid
        self.rng = random.Random(seed)
        self.t0 = ts(start)
        self.t1 = self.t0 + minutes * 60
        self.E = []
        self.revs = {}

    # ---------- helpers ----------
    def hx(self, n):
        return "%0*x" % (n, self.rng.getrandbits(4 * n))

    def arrivals(self, rpm, a=None, b=None):
        a = self.t0 if a is None else a
        b = self.t1 if b is None else b
        t = a + self.rng.expovariate(rpm / 60.0)
        while t < b:
            yield t
            t += self.rng.expovariate(rpm / 60.0)

    def every(self, period, offset=0.0, jitter=0.5, a=None, b=None):
        a = self.t0 if a is None else a
        b = self.t1 if b is None else b
        t = a + offset
        while t < b:
            yield t + self.rng.uniform(0, jitter)
            t += period

    def add(self, t, resource, logName, severity, payload=None, kind="text", extra=None):
        e = {"insertId": self.hx(16), "logName": "projects/%s/logs/%s" % (PROJECT, logName),
             "receiveTimestamp": iso(t + self.rng.uniform(0.05, 0.9)), "resource": resource,
             "severity": severity, "timestamp": iso(t)}
        if kind == "text":
            e["textPayload"] = payload
        elif kind == "json":
            e["jsonPayload"] = payload
        elif kind == "proto":
            e["protoPayload"] = payload
        if extra:
            e.update(extra)
        self.E.append((t, e))
        return e

    # ---------- resources ----------
    def run_res(self, svc, rev=None):
        rev = rev or self.revs.get(svc) or "%s-00%d-%s" % (svc, 100 + sum(map(ord, svc)) % 300, rev_suffix(svc))
        return {"type": "cloud_run_revision", "labels": {"configuration_name": svc, "location": REGION,
                "project_id": PROJECT, "revision_name": rev, "service_name": svc}}

    def k8s_res(self, ns, pod, container):
        return {"type": "k8s_container", "labels": {"cluster_name": CLUSTER, "container_name": container,
                "location": REGION, "namespace_name": ns, "pod_name": pod, "project_id": PROJECT}}

    def fn_res(self, fn):
        return {"type": "cloud_run_revision", "labels": {"configuration_name": fn, "location": REGION,
                "project_id": PROJECT, "revision_name": fn + "-00042-kev", "service_name": fn}}

    def sql_res(self, inst):
        return {"type": "cloudsql_database", "labels": {"database_id": "%s:%s" % (PROJECT, inst),
                "project_id": PROJECT, "region": REGION}}

    # ---------- entry kinds ----------
    def run_req(self, t, svc, method, path, status, lat, host, ua=None, rev=None, rsize=None):
        tr = self.hx(32)
        return self.add(t, self.run_res(svc, rev), "run.googleapis.com%2Frequests",
                        "ERROR" if status >= 500 else ("WARNING" if status >= 400 else "INFO"),
                        kind=None, extra={
                            "httpRequest": {"latency": "%.6fs" % lat, "protocol": "HTTP/1.1",
                                            "remoteIp": "%d.%d.%d.%d" % (self.rng.randint(24, 203), self.rng.randint(0, 255), self.rng.randint(0, 255), self.rng.randint(1, 254)),
                                            "requestMethod": method, "requestSize": str(self.rng.randint(300, 2400)),
                                            "requestUrl": "https://%s%s" % (host, path),
                                            "responseSize": str(rsize if rsize is not None else self.rng.randint(200, 48000)),
                                            "serverIp": "169.254.%d.%d" % (self.rng.randint(1, 15), self.rng.randint(1, 254)),
                                            "status": status, "userAgent": ua or self.rng.choice(UAS_WEB)},
                            "labels": {"instanceId": "00" + self.hx(62)},
                            "trace": "projects/%s/traces/%s" % (PROJECT, tr), "spanId": self.hx(16),
                            "traceSampled": False})

    def lb_req(self, t, fwd, backend, method, url, status, lat, details="response_sent_by_backend", ua=None, cache=None, extra_json=None):
        jp = {"@type": "type.googleapis.com/google.cloud.loadbalancing.type.LoadBalancerLogEntry",
              "statusDetails": details, "backendTargetProjectNumber": "projects/418220917731",
              "remoteIp": "%d.%d.%d.%d" % (self.rng.randint(24, 203), self.rng.randint(0, 255), self.rng.randint(0, 255), self.rng.randint(1, 254))}
        if cache is not None:
            jp["cacheDecision"] = cache
        if extra_json:
            jp.update(extra_json)
        hr = {"requestMethod": method, "requestUrl": url, "status": status, "latency": "%.6fs" % lat,
              "requestSize": str(self.rng.randint(120, 900)), "responseSize": str(self.rng.randint(300, 900000) if status < 400 else self.rng.randint(100, 600)),
              "userAgent": ua or self.rng.choice(UAS_WEB), "remoteIp": jp["remoteIp"],
              "serverIp": "10.40.%d.%d" % (self.rng.randint(0, 7), self.rng.randint(2, 250))}
        if cache is not None:
            hr["cacheLookup"] = True
            hr["cacheHit"] = cache == "hit"
        return self.add(t, {"type": "http_load_balancer", "labels": {"backend_service_name": backend,
                        "forwarding_rule_name": fwd, "project_id": PROJECT, "target_proxy_name": fwd.replace("fr", "tp"),
                        "url_map_name": "lw-prod-urlmap", "zone": "global"}}, "requests",
                        "WARNING" if status >= 400 else "INFO", jp, "json",
                        extra={"httpRequest": hr, "trace": "projects/%s/traces/%s" % (PROJECT, self.hx(32)), "spanId": self.hx(16)})

    def run_json(self, t, svc, sev, payload, rev=None, stream="stdout"):
        return self.add(t, self.run_res(svc, rev), "run.googleapis.com%2F" + stream, sev, payload, "json")

    def run_text(self, t, svc, sev, text, rev=None, stream="stdout"):
        return self.add(t, self.run_res(svc, rev), "run.googleapis.com%2F" + stream, sev, text, "text")

    def k8s_text(self, t, ns, pod, container, sev, text, stream="stdout"):
        return self.add(t, self.k8s_res(ns, pod, container), stream, sev, text, "text")

    def k8s_json(self, t, ns, pod, container, sev, payload, stream="stdout"):
        return self.add(t, self.k8s_res(ns, pod, container), stream, sev, payload, "json")

    def k8s_event(self, t, ns, kind, name, reason, message, etype="Normal", component="deployment-controller"):
        res = {"type": "k8s_pod" if kind == "Pod" else "k8s_cluster",
               "labels": {"cluster_name": CLUSTER, "location": REGION, "project_id": PROJECT}}
        if kind == "Pod":
            res["labels"].update({"namespace_name": ns, "pod_name": name})
        return self.add(t, res, "events", "WARNING" if etype == "Warning" else "INFO", {
            "apiVersion": "v1", "kind": "Event", "type": etype, "reason": reason, "message": message,
            "involvedObject": {"apiVersion": {"Pod": "v1", "Ingress": "networking.k8s.io/v1", "HorizontalPodAutoscaler": "autoscaling/v2"}.get(kind, "apps/v1"), "kind": kind, "name": name, "namespace": ns},
            "metadata": {"name": "%s.%s" % (name, self.hx(16)), "namespace": ns},
            "source": {"component": component}, "count": 1, "firstTimestamp": iso(t)[:19] + "Z", "lastTimestamp": iso(t)[:19] + "Z",
            "reportingComponent": component}, "json")

    def audit(self, t, service, method, resource_name, principal, res_type, res_labels, request=None, response=None, severity="NOTICE", log="activity", status=None, metadata=None):
        p = {"@type": "type.googleapis.com/google.cloud.audit.AuditLog",
             "authenticationInfo": {"principalEmail": principal},
             "requestMetadata": {"callerIp": "35.%d.%d.%d" % (self.rng.randint(180, 240), self.rng.randint(0, 255), self.rng.randint(1, 254)),
                                 "callerSuppliedUserAgent": caller_ua(principal, service)},
             "serviceName": service, "methodName": method, "resourceName": resource_name,
             "authorizationInfo": [{"permission": method.split(".")[-1], "granted": True, "resource": resource_name}]}
        if request is not None:
            p["request"] = request
        if response is not None:
            p["response"] = response
        if status is not None:
            p["status"] = status
        if metadata is not None:
            p["metadata"] = metadata
        labels = {"project_id": PROJECT}
        labels.update(res_labels)
        return self.add(t, {"type": res_type, "labels": labels}, "cloudaudit.googleapis.com%2F" + log, severity, p, "proto",
                        extra={"operation": {"id": "operation-" + self.hx(20), "producer": service, "first": True, "last": True}})

    def pg(self, t, inst, sev, text):
        return self.add(t, self.sql_res(inst), "cloudsql.googleapis.com%2Fpostgres.log", sev, text)

    def sched(self, t, job, target, status_code=200):
        p = {"@type": "type.googleapis.com/google.cloud.scheduler.logging.AttemptFinished",
             "jobName": "projects/%s/locations/%s/jobs/%s" % (PROJECT, REGION, job), "targetType": "HTTP", "url": target}
        if status_code != 200:
            p["status"] = "INTERNAL"
        p["debugInfo"] = "URL_SUCCESS_%d" % status_code if status_code < 400 else "URL_ERROR_INTERNAL"
        return self.add(t, {"type": "cloud_scheduler_job", "labels": {"job_id": job, "location": REGION, "project_id": PROJECT}},
                        "cloudscheduler.googleapis.com%2Fexecutions", "INFO" if status_code < 400 else "ERROR", p, "json")

    # ---------- output ----------
    def write(self, out, truth):
        d = os.path.join(out, self.id)
        os.makedirs(d, exist_ok=True)
        ents = [e for t, e in sorted(self.E, key=lambda x: (-x[0], x[1]["insertId"])) if self.t0 <= t < self.t1]
        data = json.dumps(ents, indent=2, ensure_ascii=False).encode()
        with open(os.path.join(d, "logs.json.gz"), "wb") as f:
            with gzip.GzipFile(fileobj=f, mode="wb", mtime=0, filename="") as g:
                g.write(data)
        truth = dict(truth)
        truth["id"] = self.id
        truth["window"] = {"start": iso(self.t0)[:19] + "Z", "end": iso(self.t1)[:19] + "Z"}
        order = ["id", "title", "window", "root_cause", "symptoms", "distractors", "priority"]
        with open(os.path.join(d, "truth.json"), "w") as f:
            json.dump({k: truth[k] for k in order}, f, indent=2)
            f.write("\n")
        return len(ents)


# ====================== background noise =======================
COURSES = [88412, 90117, 77310, 91004, 65521, 83390, 70215, 99002, 84471, 61877]


def pyjson(msg, sev="INFO", logger="app", **kw):
    d = {"severity": sev, "message": msg, "logger": logger}
    d.update(kw)
    return d


def background(I, scale=1.0, hooks=None, skip=()):
    """Healthy traffic + chatter for the whole estate. hooks: svc -> fn(t, path, ua) -> (status, lat) or None."""
    r = I.rng
    hooks = hooks or {}

    def hk(svc, t, path, ua, st, lat):
        f = hooks.get(svc)
        if f:
            v = f(t, path, ua)
            if v:
                return v
        return st, lat

    # web-frontend (Next.js on Cloud Run)
    if "web" not in skip:
        for t in I.arrivals(70 * scale):
            p = r.choice(["/", "/courses", "/courses/%d" % r.choice(COURSES), "/learn/%d/lesson/%d" % (r.choice(COURSES), r.randint(1, 40)),
                          "/_next/static/chunks/app-%s.js" % I.hx(8), "/dashboard", "/pricing"])
            st = 304 if p.startswith("/_next") and r.random() < 0.4 else (404 if r.random() < 0.01 else 200)
            st, lat = hk("web-frontend", t, p, None, st, r.uniform(0.01, 0.35))
            I.run_req(t, "web-frontend", "GET", p, st, lat, "www.learnwave.io")
        for t in I.every(300, 40):
            I.run_text(t, "web-frontend", "INFO", " ✓ Revalidated /courses (ISR) in %dms" % r.randint(180, 900))
    # course-api (Python FastAPI on Cloud Run, JSON logs)
    if "course" not in skip:
        for t in I.arrivals(110 * scale):
            c = r.choice(COURSES)
            m, p = r.choice([("GET", "/v1/courses/%d" % c), ("GET", "/v1/courses/%d/lessons" % c), ("GET", "/v1/me/progress"),
                             ("POST", "/v1/progress/heartbeat"), ("POST", "/v1/progress/heartbeat"), ("GET", "/v1/search?q=%s" % r.choice(["python", "calculus", "ielts", "excel", "sql"])),
                             ("GET", "/v1/me/enrollments")])
            ua = r.choice(UAS_WEB + UAS_IOS + UAS_AND)
            st = 200 if r.random() > 0.006 else r.choice([401, 404])
            lat = r.uniform(0.02, 0.25) if "search" not in p else r.uniform(0.2, 1.9)
            st, lat = hk("course-api", t, p, ua, st, lat)
            I.run_req(t, "course-api", m, p, st, lat, "api.learnwave.io", ua=ua)
            if "search" in p and lat > 1.5:
                I.run_json(t + lat, "course-api", "WARNING", pyjson("slow request", "WARNING", "app.middleware.timing", path=p.split("?")[0], duration_ms=int(lat * 1000)))
        for t in I.every(60, 7):
            I.run_json(t, "course-api", "INFO", pyjson("cache stats", logger="app.cache", hits=r.randint(4000, 9000), misses=r.randint(80, 400), redis="10.12.0.4:6379"))
        for t in I.arrivals(3 * scale):
            I.run_json(t, "course-api", "WARNING", pyjson("Deprecated field 'instructor_name' requested by client", "WARNING", "app.api.compat",
                                                           client=r.choice(UAS_IOS[2:] + UAS_AND[1:2])))
    # mobile-bff (Node on Cloud Run, pino)
    if "bff" not in skip:
        for t in I.arrivals(60 * scale):
            ua = r.choice(UAS_IOS + UAS_AND)
            m, p = r.choice([("GET", "/m/v2/home"), ("GET", "/m/v2/courses/%d" % r.choice(COURSES)), ("POST", "/m/v2/sync"), ("GET", "/m/v2/downloads"), ("GET", "/m/v2/notifications")])
            st, lat = hk("mobile-bff", t, p, ua, 200, r.uniform(0.03, 0.4))
            I.run_req(t, "mobile-bff", m, p, st, lat, "m.learnwave.io", ua=ua)
        for t in I.every(120, 13):
            I.run_json(t, "mobile-bff", "INFO", {"level": "info", "time": int(t * 1000), "pid": 1, "hostname": "localhost", "msg": "upstream pool stats", "course_api_sockets": r.randint(20, 60), "free": r.randint(2, 30)})
    # video-token-svc (Go on Cloud Run, zap JSON)
    if "video" not in skip:
        for t in I.arrivals(40 * scale):
            p = "/v1/playback-token?lesson=%d" % r.randint(100000, 999999)
            st, lat = hk("video-token-svc", t, p, None, 200, r.uniform(0.004, 0.03))
            I.run_req(t, "video-token-svc", "GET", p, st, lat, "video-token.learnwave.io")
    # grading-worker (Java Spring Boot on GKE, logback text)
    if "grading" not in skip:
        pods = ["grading-worker-7d9c6b5f4-%s" % s for s in ("x2kqp", "m8lzt", "c4vnw")]
        for t in I.arrivals(35 * scale):
            pod = r.choice(pods)
            sid = r.randint(8_100_000, 8_300_000)
            I.k8s_text(t, "grading", pod, "grading-worker", "INFO",
                       "%s  INFO 1 --- [grader-%d] c.l.grading.SubmissionGrader        : Graded submission %d quiz=%d score=%d/%d in %dms" % (
                           iso(t)[:23].replace("T", " "), r.randint(1, 8), sid, r.randint(30000, 39999), r.randint(0, 20), 20, r.randint(12, 180)))
        for t in I.every(60, 21):
            I.k8s_text(t, "grading", pods[0], "grading-worker", "INFO",
                       "%s  INFO 1 --- [scheduling-1] c.l.grading.QueueMetrics             : pubsub subscription grading-submissions-sub outstanding=%d" % (iso(t)[:23].replace("T", " "), r.randint(0, 12)))
    # live-gateway (Go on GKE)
    if "live" not in skip:
        lp = ["live-gateway-5f7b9d8c6-%s" % s for s in ("qz7rt", "h2pwd")]
        for t in I.arrivals(25 * scale):
            I.k8s_json(t, "live", r.choice(lp), "live-gateway", "INFO", {"level": "info", "msg": r.choice(["client joined", "client left", "room heartbeat"]),
                                                                          "room": "cls-%d" % r.randint(1000, 1100), "participants": r.randint(3, 180)})
    # Cloud SQL postgres
    if "pg" not in skip:
        for t in I.every(300, 100, 3):
            I.pg(t, "lw-pg-main", "INFO", "%s UTC [%d]: [1-1] db=,user= LOG:  checkpoint starting: time" % (iso(t)[:19].replace("T", " "), 28))
            I.pg(t + r.uniform(20, 60), "lw-pg-main", "INFO", "%s UTC [%d]: [2-1] db=,user= LOG:  checkpoint complete: wrote %d buffers (%.1f%%); 0 WAL file(s) added, 0 removed, %d recycled; write=%.3f s, sync=%.3f s, total=%.3f s" % (
                iso(t + 40)[:19].replace("T", " "), 28, r.randint(900, 6000), r.uniform(0.5, 4), r.randint(1, 4), r.uniform(20, 60), r.uniform(0.01, 0.2), r.uniform(20, 60)))
        for t in I.arrivals(1.5):
            I.pg(t, "lw-pg-main", "INFO", "%s UTC [%d]: [1-1] db=lms,user=cloudsqladmin LOG:  automatic vacuum of table \"lms.public.%s\": index scans: 1" % (
                iso(t)[:19].replace("T", " "), r.randint(30000, 60000), r.choice(["lesson_progress", "events_outbox", "sessions", "notifications"])))
    # Cloud Scheduler jobs
    if "sched" not in skip:
        for t in I.every(300, 0, 1):
            I.sched(t + 0.8, "progress-rollup-5m", "https://course-api-4kq2x7-uc.a.run.app/internal/rollup")
            I.run_req(t + 0.3, "course-api", "POST", "/internal/rollup", 200, r.uniform(0.4, 0.8), "course-api-4kq2x7-uc.a.run.app", ua="Google-Cloud-Scheduler")
        for t in I.every(900, 120, 1):
            I.sched(t + 2, "reminder-emails-15m", "https://notify-fn-4kq2x7-uc.a.run.app/")
            I.run_text(t + 1, "notify-fn", "INFO", "Queued %d reminder emails (deadline < 24h)" % r.randint(40, 300))


# --------------------- distractors ---------------------
def d_fcm(I, rpm=2.0):
    for t in I.arrivals(rpm):
        I.run_text(t, "notify-fn", "WARNING", "FCM send failed for device token %s...: UNREGISTERED (app uninstalled or token expired), pruning" % I.hx(10))
    return {"evidence": "UNREGISTERED (app uninstalled or token expired)"}


def d_stt(I, a, b):
    pod = "subtitles-worker-6c8d7f9b5-r4tjx"
    for t in I.arrivals(1.2, a, b):
        I.k8s_text(t, "media", pod, "subtitles-worker", "ERROR",
                   "ERROR subtitles.transcribe: Speech-to-Text long-running recognize for lesson %d failed: 503 UNAVAILABLE: The service is currently unavailable. Retrying in 32s" % I.rng.randint(100000, 999999), stream="stderr")
    return {"evidence": "Speech-to-Text long-running recognize"}


def d_reco(I, rpm=1.5):
    for t in I.arrivals(rpm):
        I.run_json(t, "recommendation-svc", "WARNING", {"severity": "WARNING", "message": "feature store lookup exceeded 150ms deadline, serving popular-courses fallback", "user_bucket": I.rng.randint(0, 63)})
    return {"evidence": "serving popular-courses fallback"}


def d_probe(I):
    pod = "grading-worker-7d9c6b5f4-m8lzt"
    for t in I.every(240, 30, 20):
        I.k8s_event(t, "grading", "Pod", pod, "Unhealthy", "Readiness probe failed: Get \"http://10.52.3.17:9404/metrics\": dial tcp 10.52.3.17:9404: connect: connection refused (jmx-exporter sidecar)", "Warning", "kubelet")
    return {"evidence": "jmx-exporter sidecar"}


def d_thumb(I, rpm=0.8):
    for t in I.arrivals(rpm):
        I.run_text(t, "thumbnail-fn", "WARNING", "convert-im6.q16: Corrupt JPEG data: premature end of data segment `/tmp/in-%s.jpg' @ warning/jpeg.c/JPEGWarningHandler/403." % I.hx(8), stream="stderr")
    return {"evidence": "Corrupt JPEG data: premature end of data segment"}


def d_font(I, rpm=0.6):
    for t in I.arrivals(rpm):
        I.run_json(t, "certificate-svc", "WARNING", {"severity": "WARNING", "message": "font 'Noto Sans CJK JP' not found, falling back to DejaVu Sans for certificate %s" % I.hx(12)})
    return {"evidence": "falling back to DejaVu Sans"}


def d_sendgrid(I, rpm=1.0):
    for t in I.arrivals(rpm):
        I.run_text(t, "notify-fn", "WARNING", "SendGrid event: bounce type=blocked reason=\"452 4.2.2 The email account that you tried to reach is over quota\" to=%s***@%s" % (I.hx(3), I.rng.choice(["gmail.com", "outlook.com", "yahoo.co.jp"])))
    return {"evidence": "is over quota"}


# ============================ incidents ==============================
def inc_cdn_key(out):
    I = Inc("video-cdn-signing-key-removed", "2026-03-09T14:10:00Z", 45, 2501)
    r = I.rng
    tf = I.t0 + 12 * 60 + 17
    background(I, 1.2)
    # Cloud CDN HLS traffic via backend bucket
    for t in I.arrivals(230):
        seg = "/hls/c%d/l%d/%s/seg_%05d.ts" % (r.choice(COURSES), r.randint(1, 40), r.choice(["720p", "1080p", "480p"]), r.randint(1, 900))
        ua = r.choice(UAS_WEB + UAS_IOS + UAS_AND)
        if t < tf:
            hit = r.random() < 0.86
            I.lb_req(t, "lw-video-fr-https", "lw-video-hls-bb", "GET", "https://media.learnwave.io" + seg, 200,
                     r.uniform(0.002, 0.02) if hit else r.uniform(0.05, 0.3), "response_from_cache" if hit else "response_sent_by_backend", ua, "hit" if hit else "miss")
        else:
            I.lb_req(t, "lw-video-fr-https", "lw-video-hls-bb", "GET", "https://media.learnwave.io" + seg, 403,
                     r.uniform(0.001, 0.006), "signed_request_invalid_key", ua, "miss")
    # terraform apply: add new key, then delete old one
    sa = "terraform-cdn@learnwave-infra.iam.gserviceaccount.com"
    I.audit(tf - 41, "compute.googleapis.com", "v1.compute.backendBuckets.addSignedUrlKey",
            "projects/%s/global/backendBuckets/lw-video-hls-bb" % PROJECT, sa, "gce_backend_bucket", {"backend_bucket_id": "5120448811203921", "location": "global"},
            request={"@type": "type.googleapis.com/compute.backendBuckets.addSignedUrlKey", "keyName": "hls-key-2026q1"})
    I.audit(tf - 3, "compute.googleapis.com", "v1.compute.backendBuckets.deleteSignedUrlKey",
            "projects/%s/global/backendBuckets/lw-video-hls-bb" % PROJECT, sa, "gce_backend_bucket", {"backend_bucket_id": "5120448811203921", "location": "global"},
            request={"@type": "type.googleapis.com/compute.backendBuckets.deleteSignedUrlKey", "keyName": "hls-key-2025q4"})
    # video-token-svc keeps signing with the old key name (quiet INFO)
    for t in I.every(600, 50):
        I.run_json(t, "video-token-svc", "INFO", {"level": "info", "ts": t, "caller": "signer/cookie.go:88", "msg": "signing config loaded", "key_name": "hls-key-2025q4", "key_source": "sm://cdn-signing-key/latest", "ttl": "4h"})
    # player telemetry: errors reported by clients
    for t in I.arrivals(160, tf + 5):
        ua = r.choice(UAS_WEB + UAS_IOS + UAS_AND)
        I.run_req(t, "course-api", "POST", "/v1/telemetry/playback", 202, r.uniform(0.005, 0.02), "api.learnwave.io", ua=ua)
        if r.random() < 0.35:
            I.run_json(t + 0.01, "course-api", "ERROR", pyjson("player error reported: HLS fragLoadError 403 on segment fetch", "ERROR", "app.telemetry",
                                                                lesson=r.randint(100000, 999999), player=r.choice(["hls.js 1.6.2", "AVPlayer", "ExoPlayer 1.5"])))
    for t in I.arrivals(4, tf + 240):
        I.run_json(t, "support-bot", "WARNING", {"severity": "WARNING", "message": "spike in support chats tagged 'video not loading'", "last_5m": r.randint(40, 200)})
    ds = [d_stt(I, I.t0, I.t1), d_fcm(I)]
    n = I.write(out, {
        "title": "Video playback fails for all learners: Cloud CDN signing key hls-key-2025q4 deleted while still used by the token service",
        "root_cause": {"evidence": ["deleteSignedUrlKey"], "category": "configuration", "must_mention": ["hls-key-2025q4", "signed"]},
        "symptoms": [{"evidence": "signed_request_invalid_key"}, {"evidence": "HLS fragLoadError 403"}],
        "distractors": ds, "priority": "P0"})
    return n


def inc_lti_samesite(out):
    I = Inc("lti-launch-samesite-lax", "2026-04-14T13:02:00Z", 40, 2502)
    r = I.rng
    tdep = I.t0 + 4 * 60 + 33
    old, new = "lti-tool-00187-viq", "lti-tool-00188-rop"
    background(I, 1.0)
    I.audit(tdep - 70, "run.googleapis.com", "google.cloud.run.v1.Services.ReplaceService",
            "namespaces/%s/services/lti-tool" % PROJECT, "ci-deployer@learnwave-ci.iam.gserviceaccount.com", "cloud_run_revision",
            {"service_name": "lti-tool", "location": REGION, "configuration_name": "", "revision_name": ""},
            request={"@type": "type.googleapis.com/google.cloud.run.v1.ReplaceServiceRequest", "service": {"spec": {"template": {"metadata": {"name": new},
                     "spec": {"containers": [{"image": "us-central1-docker.pkg.dev/learnwave-ci/apps/lti-tool:2026.04.14-3", "env": [
                         {"name": "RAILS_ENV", "value": "production"}, {"name": "SESSION_COOKIE_SAMESITE", "value": "Lax"}, {"name": "RAILS_MAX_THREADS", "value": "8"}]}]}}}}})
    I.run_text(tdep - 20, "lti-tool", "INFO", "=> Booting Puma", rev=new)
    I.run_text(tdep - 19, "lti-tool", "INFO", "=> Rails 8.0.2 application starting in production", rev=new)
    I.run_text(tdep - 18, "lti-tool", "INFO", "I, [%s #1]  INFO -- : session_store configured: key=_lti_tool_session secure=true same_site=lax" % iso(tdep - 18)[:26], rev=new)
    I.run_text(tdep - 17, "lti-tool", "INFO", "* Listening on http://0.0.0.0:8080", rev=new)
    platforms = ["https://canvas.state-u.edu", "https://lms.northfield.ac.uk", "https://moodle.cityu.edu", "https://d2l.lakeside.edu", "https://bb.riverview.edu"]
    for t in I.arrivals(55):
        rev = old if t < tdep else new
        pl = r.choice(platforms)
        I.run_req(t, "lti-tool", "POST", "/lti/login", 302, r.uniform(0.01, 0.05), "lti.learnwave.io", rev=rev)
        t2 = t + r.uniform(0.6, 2.0)
        rid = I.hx(8) + "-" + I.hx(4)
        I.run_text(t2, "lti-tool", "INFO", "I, [%s #1]  INFO -- : [%s] Started POST \"/lti/launch\" for %d.%d.%d.%d" % (iso(t2)[:26], rid, r.randint(24, 200), r.randint(0, 255), r.randint(0, 255), r.randint(1, 254)), rev=rev)
        if rev == old or r.random() < 0.03:
            I.run_req(t2, "lti-tool", "POST", "/lti/launch", 302, r.uniform(0.08, 0.3), "lti.learnwave.io", rev=rev)
            I.run_text(t2 + 0.1, "lti-tool", "INFO", "I, [%s #1]  INFO -- : [%s] LTI 1.3 launch ok iss=%s deployment=%d message_type=LtiResourceLinkRequest" % (iso(t2 + 0.1)[:26], rid, pl, r.randint(1, 40)), rev=rev)
            I.run_text(t2 + 0.12, "lti-tool", "INFO", "I, [%s #1]  INFO -- : [%s] Completed 302 Found in %dms (ActiveRecord: %.1fms)" % (iso(t2 + 0.12)[:26], rid, r.randint(60, 300), r.uniform(2, 20)), rev=rev)
        else:
            I.run_req(t2, "lti-tool", "POST", "/lti/launch", 401, r.uniform(0.01, 0.04), "lti.learnwave.io", rev=rev)
            I.run_text(t2 + 0.01, "lti-tool", "WARNING", "W, [%s #1]  WARN -- : [%s] LTI launch rejected: state parameter mismatch (no state in session) iss=%s" % (iso(t2 + 0.01)[:26], rid, pl), rev=rev)
            I.run_text(t2 + 0.02, "lti-tool", "INFO", "I, [%s #1]  INFO -- : [%s] Completed 401 Unauthorized in %dms" % (iso(t2 + 0.02)[:26], rid, r.randint(3, 15)), rev=rev)
    for t in I.every(600, 200):
        I.run_json(t, "course-api", "WARNING", pyjson("institutional launches below baseline", "WARNING", "app.metrics", ratio=round(r.uniform(0.02, 0.1), 3)) if t > tdep + 300 else pyjson("institutional launches within baseline", "INFO", "app.metrics"))
    # NRPS membership sync distractor (slow upstream roster API, unrelated)
    dd = []
    for t in I.arrivals(1.0):
        I.run_text(t, "lti-tool", "WARNING", "W, [%s #1]  WARN -- : NRPS membership sync for context %s took %.1fs (page %d), upstream slow" % (iso(t)[:26], I.hx(10), r.uniform(8, 25), r.randint(2, 30)), rev=old if t < tdep else new)
    dd.append({"evidence": "NRPS membership sync"})
    dd.append(d_thumb(I))
    I.write(out, {
        "title": "LTI 1.3 launches from all LMSs fail: new lti-tool revision sets the session cookie SameSite=Lax, so the cross-site launch POST loses the state cookie",
        "root_cause": {"evidence": ["same_site=lax", "SESSION_COOKIE_SAMESITE"], "category": "configuration", "must_mention": ["SameSite"]},
        "symptoms": [{"evidence": "state parameter mismatch"}, {"evidence": "Completed 401 Unauthorized"}],
        "distractors": dd, "priority": "P1"})


def inc_ws_timeout(out):
    I = Inc("live-class-websocket-30s-backend-timeout", "2026-05-20T15:40:00Z", 50, 2503)
    r = I.rng
    tch = I.t0 + 9 * 60 + 5
    background(I, 1.0, skip=("live",))
    be = "k8s1-7c1e2a4b-live-live-gateway-8080-5d1f0a3e"
    I.audit(tch - 95, "k8s.io", "io.k8s.core.v1.services.update", "core/v1/namespaces/live/services/live-gateway",
            "argocd-application-controller@learnwave-prod.iam.gserviceaccount.com", "k8s_cluster", {"cluster_name": CLUSTER, "location": REGION},
            request={"metadata": {"name": "live-gateway", "namespace": "live", "annotations": {"cloud.google.com/neg": "{\"ingress\": true}", "helm.sh/chart": "live-gateway-3.0.0"}},
                     "spec": {"ports": [{"port": 8080, "targetPort": 8080}], "type": "ClusterIP"}})
    I.k8s_event(tch - 60, "live", "Ingress", "live-ingress", "Sync", "Scheduled for sync", component="loadbalancer-controller")
    I.audit(tch, "compute.googleapis.com", "v1.compute.backendServices.patch", "projects/%s/global/backendServices/%s" % (PROJECT, be),
            "service-418220917731@container-engine-robot.iam.gserviceaccount.com", "gce_backend_service", {"backend_service_id": "7781230045512", "location": "global"},
            request={"@type": "type.googleapis.com/compute.backendServices.patch", "timeoutSec": 30, "connectionDraining": {"drainingTimeoutSec": 0}, "sessionAffinity": "NONE"})
    I.k8s_event(tch + 20, "live", "Ingress", "live-ingress", "Sync", "UpdateURLMap", component="loadbalancer-controller")
    lp = ["live-gateway-6b8c7d9f5-%s" % s for s in ("w9kds", "p3tqz", "n7vbx")]
    # connection establishments and durations
    for t in I.arrivals(18):
        I.k8s_json(t, "live", r.choice(lp), "live-gateway", "INFO", {"level": "info", "msg": "room heartbeat", "room": "cls-%d" % r.randint(1000, 1100), "participants": r.randint(3, 180)})
    for t in I.arrivals(40 if True else 0):
        after = t > tch + 30
        rate_ok = (not after) or r.random() < 0.1
        dur = r.uniform(60, 2400) if rate_ok else 30.0 + r.uniform(0.0, 0.05)
        pod = r.choice(lp)
        room = "cls-%d" % r.randint(1000, 1100)
        I.lb_req(t + dur, "lw-live-fr-https", be, "GET", "https://live.learnwave.io/ws?room=" + room, 101, dur,
                 "backend_timeout" if not rate_ok else "websocket_closed", r.choice(UAS_WEB + UAS_IOS))
        I.k8s_json(t, "live", pod, "live-gateway", "INFO", {"level": "info", "msg": "client joined", "room": room, "participants": r.randint(3, 180)})
        if not rate_ok:
            I.k8s_json(t + dur, "live", pod, "live-gateway", "WARNING", {"level": "warn", "msg": "websocket closed abnormally", "code": 1006, "room": room, "session_secs": round(dur, 2)})
            if r.random() < 0.5:
                I.k8s_json(t + dur + 0.3, "live", pod, "live-gateway", "ERROR", {"level": "error", "msg": "failed to deliver to client: write: broken pipe", "room": room, "event": r.choice(["whiteboard.stroke", "poll.open", "chat.message", "hand.raise"])})
    # reconnect storms seen by clients (telemetry) and instructors
    for t in I.arrivals(35, tch + 60):
        I.run_json(t, "course-api", "WARNING", pyjson("live class client reconnect", "WARNING", "app.telemetry", reason="socket closed 1006", attempt=r.randint(1, 9)))
    for t in I.arrivals(2, tch + 300):
        I.run_json(t, "course-api", "ERROR", pyjson("instructor reported: students dropping from live class every 30 seconds", "ERROR", "app.support", room="cls-%d" % r.randint(1000, 1100)))
    ds = [d_probe(I), d_sendgrid(I)]
    I.write(out, {
        "title": "Live classes disconnect every 30 s: Helm chart upgrade dropped the BackendConfig annotation, ingress controller reset the backend service timeout to 30 s",
        "root_cause": {"evidence": ["v1.compute.backendServices.patch", "io.k8s.core.v1.services.update"], "category": "configuration", "must_mention": ["BackendConfig", "timeout"]},
        "symptoms": [{"evidence": "websocket closed abnormally"}, {"evidence": "live class client reconnect"}],
        "distractors": ds, "priority": "P1"})


def inc_idle_tx(out):
    I = Inc("gradebook-lock-held-by-psql-session", "2026-06-02T09:15:00Z", 45, 2504)
    r = I.rng
    tl = I.t0 + 6 * 60 + 12
    hb = 4711
    background(I, 1.0, skip=("grading",))
    pfx = lambda t, pid, n, db, user, app: "%s UTC [%d]: [%d-1] db=%s,user=%s,app=%s " % (iso(t)[:19].replace("T", " "), pid, n, db, user, app)
    I.audit(tl - 140, "cloudsql.googleapis.com", "cloudsql.instances.connect", "projects/%s/instances/lw-pg-main" % PROJECT,
            "dana.k@learnwave.io", "cloudsql_database", {"database_id": "%s:lw-pg-main" % PROJECT, "region": REGION}, log="data_access", severity="INFO")
    I.pg(tl - 30, "lw-pg-main", "INFO", pfx(tl - 30, hb, 1, "lms", "dana.k@learnwave.io", "psql") + "LOG:  statement: BEGIN;")
    I.pg(tl, "lw-pg-main", "INFO", pfx(tl, hb, 2, "lms", "dana.k@learnwave.io", "psql") +
         "LOG:  statement: UPDATE gradebook_entries SET late_penalty_pct = 0 WHERE term_id = '2026S' AND late_penalty_pct > 0;")
    I.pg(tl + 41, "lw-pg-main", "INFO", pfx(tl + 41, hb, 3, "lms", "dana.k@learnwave.io", "psql") + "LOG:  duration: 40815.223 ms")
    pods = ["grading-worker-7d9c6b5f4-%s" % s for s in ("x2kqp", "m8lzt", "c4vnw")]
    for t in I.arrivals(36):
        pod = r.choice(pods)
        sid = r.randint(8_100_000, 8_300_000)
        stamp = iso(t)[:23].replace("T", " ")
        thr = "grader-%d" % r.randint(1, 8)
        if t < tl + 45 or r.random() < 0.12:
            I.k8s_text(t, "grading", pod, "grading-worker", "INFO", "%s  INFO 1 --- [%s] c.l.grading.SubmissionGrader        : Graded submission %d quiz=%d score=%d/20 in %dms" % (stamp, thr, sid, r.randint(30000, 39999), r.randint(0, 20), r.randint(12, 180)))
            continue
        wpid = r.randint(20000, 29999)
        t5 = t + 5.0
        I.pg(t + 1.0, "lw-pg-main", "INFO", pfx(t + 1, wpid, 1, "lms", "grading_svc", "PostgreSQL JDBC Driver") + "LOG:  process %d still waiting for ShareLock on transaction 88130457 after 1000.0%02d ms" % (wpid, r.randint(10, 99)))
        I.pg(t + 1.0, "lw-pg-main", "INFO", pfx(t + 1, wpid, 2, "lms", "grading_svc", "PostgreSQL JDBC Driver") + "DETAIL:  Process holding the lock: %d. Wait queue: %d." % (hb, wpid))
        I.pg(t5, "lw-pg-main", "ERROR", pfx(t5, wpid, 3, "lms", "grading_svc", "PostgreSQL JDBC Driver") + "ERROR:  canceling statement due to lock timeout")
        I.pg(t5, "lw-pg-main", "ERROR", pfx(t5, wpid, 4, "lms", "grading_svc", "PostgreSQL JDBC Driver") + "STATEMENT:  UPDATE gradebook_entries SET score = $1, graded_at = now() WHERE submission_id = $2")
        st5 = iso(t5)[:23].replace("T", " ")
        lines = ["%s ERROR 1 --- [%s] c.l.grading.SubmissionGrader        : Failed to persist grade for submission %d, will nack" % (st5, thr, sid),
                 "org.springframework.dao.CannotAcquireLockException: PreparedStatementCallback; SQL [UPDATE gradebook_entries SET score = ?, graded_at = now() WHERE submission_id = ?]; ERROR: canceling statement due to lock timeout",
                 "\tat org.springframework.jdbc.support.SQLStateSQLExceptionTranslator.doTranslate(SQLStateSQLExceptionTranslator.java:108)",
                 "\tat org.springframework.jdbc.core.JdbcTemplate.update(JdbcTemplate.java:1008)",
                 "\tat io.learnwave.grading.GradebookRepository.saveScore(GradebookRepository.java:57)",
                 "\tat io.learnwave.grading.SubmissionGrader.handle(SubmissionGrader.java:142)",
                 "Caused by: org.postgresql.util.PSQLException: ERROR: canceling statement due to lock timeout",
                 "\t... 14 common frames omitted"]
        for i, ln in enumerate(lines):
            I.k8s_text(t5 + i * 0.0003, "grading", pod, "grading-worker", "ERROR", ln, stream="stderr")
    for t in I.every(60, 21):
        out_n = 4 if t < tl + 60 else int(40 + (t - tl) / 8)
        I.k8s_text(t, "grading", pods[0], "grading-worker", "INFO" if out_n < 100 else "WARNING",
                   "%s %s 1 --- [scheduling-1] c.l.grading.QueueMetrics             : pubsub subscription grading-submissions-sub outstanding=%d" % (iso(t)[:23].replace("T", " "), "INFO" if out_n < 100 else "WARN", out_n))
    # course-api quiz submit waits on the same rows
    for t in I.arrivals(30):
        bad = t > tl + 30 and r.random() < 0.7
        st, lat = (504, 30.0 + r.uniform(0, 0.01)) if bad else (200, r.uniform(0.05, 0.3))
        I.run_req(t, "course-api", "POST", "/v1/quizzes/%d/submit" % r.randint(30000, 39999), st, lat, "api.learnwave.io", ua=r.choice(UAS_WEB + UAS_IOS))
        if bad:
            I.run_json(t + lat, "course-api", "ERROR", pyjson("quiz submit timed out waiting for gradebook update", "ERROR", "app.quiz", error="sqlalchemy.exc.OperationalError: (psycopg.errors.QueryCanceled) canceling statement due to statement timeout"))
    # distractor: analytics replica lag warnings + idle pgbouncer
    dd = []
    for t in I.every(180, 60, 30):
        I.pg(t, "lw-pg-analytics-replica", "WARNING", "%s UTC [77]: [1-1] db=,user= WARNING:  terminating walreceiver due to timeout (replication lag %ds, archive recovery resumed)" % (iso(t)[:19].replace("T", " "), r.randint(30, 90)))
    dd.append({"evidence": "terminating walreceiver due to timeout"})
    dd.append(d_reco(I))
    I.write(out, {
        "title": "Grading and quiz submissions stall: an engineer's psql session updated every spring-term gradebook row inside an open transaction and left it idle, holding the row locks",
        "root_cause": {"evidence": ["late_penalty_pct = 0", "app=psql"], "category": "database", "must_mention": ["psql", "lock"]},
        "symptoms": [{"evidence": "CannotAcquireLockException"}, {"evidence": "quiz submit timed out"}],
        "distractors": dd, "priority": "P1"})


def inc_bq_quota(out):
    I = Inc("bigquery-custom-quota-instructor-analytics", "2026-07-07T10:45:00Z", 50, 2505)
    r = I.rng
    tq = I.t0 + 15 * 60 + 9  # the 11:00 run pushes the project over its daily quota
    background(I, 0.9)
    sqsa = "bq-scheduled@learnwave-prod.iam.gserviceaccount.com"
    for k, t in enumerate([I.t0 + 15 * 60 - 60 * 60, I.t0 + 15 * 60, I.t0 + 75 * 60]):
        if not (I.t0 <= t < I.t1):
            continue
        I.add(t, {"type": "bigquery_dts_config", "labels": {"config_id": "6a1f0e22-0000-2b11-9c44-001a114f8e70", "location": "us", "project_id": PROJECT}},
              "bigquerydatatransfer.googleapis.com%2Ftransfer_config", "INFO", {"message": "Dispatched run to data source with id 1887321405522 (scheduled query engagement_rollup_v2)", "@type": "type.googleapis.com/google.cloud.bigquery.datatransfer.logging.v1.TransferRunMessage"}, "json")
        I.audit(t + 8, "bigquery.googleapis.com", "google.cloud.bigquery.v2.JobService.InsertJob", "projects/%s/jobs/scheduled_query_65f2_%s" % (PROJECT, I.hx(8)),
                sqsa, "bigquery_project", {"location": "US"}, log="data_access", severity="INFO",
                metadata={"@type": "type.googleapis.com/google.cloud.audit.BigQueryAuditMetadata", "jobChange": {"after": "DONE", "job": {
                    "jobConfig": {"type": "QUERY", "queryConfig": {"query": "-- engagement_rollup_v2\nSELECT * FROM `learnwave-prod.analytics.events_raw` e JOIN `learnwave-prod.analytics.sessions` s USING (session_id)",
                                                                  "destinationTable": "projects/learnwave-prod/datasets/analytics/tables/engagement_rollup"}},
                    "jobStats": {"queryStats": {"totalProcessedBytes": "4318876235776", "totalBilledBytes": "4318876253696"}, "totalSlotMs": "918223114"}}}})
    # analytics endpoint on course-api
    for t in I.arrivals(22):
        p = "/v1/instructor/courses/%d/analytics?range=%s" % (r.choice(COURSES), r.choice(["7d", "30d", "term"]))
        if t < tq:
            I.run_req(t, "course-api", "GET", p, 200, r.uniform(0.8, 3.2), "api.learnwave.io")
            if r.random() < 0.1:
                I.run_json(t, "course-api", "INFO", pyjson("bigquery job done", logger="app.analytics", bytes_processed=r.randint(10**8, 3 * 10**9), cache_hit=r.random() < 0.4))
        else:
            if r.random() < 0.25:  # served from BI cache
                I.run_req(t, "course-api", "GET", p, 200, r.uniform(0.03, 0.1), "api.learnwave.io")
                continue
            I.run_req(t, "course-api", "GET", p, 500, r.uniform(0.2, 0.5), "api.learnwave.io")
            I.run_json(t + 0.2, "course-api", "ERROR", pyjson("analytics query failed", "ERROR", "app.analytics",
                                                                error="google.api_core.exceptions.Forbidden: 403 Custom quota exceeded: Your usage exceeded the custom quota for QueryUsagePerDay, which is set by your administrator. For more information, see https://cloud.google.com/bigquery/cost-controls; reason: quotaExceeded, location: usage.querybytes"))
    # scheduled report exports also fail
    for t in I.every(600, 130):
        if t > tq:
            I.sched(t, "weekly-instructor-digest-10m", "https://reports-job-4kq2x7-uc.a.run.app/run", 500)
            I.run_text(t + 0.5, "reports-job", "ERROR", "Traceback (most recent call last):", stream="stderr")
            I.run_text(t + 0.5, "reports-job", "ERROR", "  File \"/app/reports/digest.py\", line 88, in build", stream="stderr")
            I.run_text(t + 0.5, "reports-job", "ERROR", "google.api_core.exceptions.Forbidden: 403 Custom quota exceeded: Your usage exceeded the custom quota for QueryUsagePerDay, which is set by your administrator.", stream="stderr")
        else:
            I.sched(t, "weekly-instructor-digest-10m", "https://reports-job-4kq2x7-uc.a.run.app/run")
    ds = [d_font(I), d_fcm(I, 1.2)]
    I.write(out, {
        "title": "Instructor analytics and digests fail: new scheduled query engagement_rollup_v2 scans 4 TB per run and exhausts the project's QueryUsagePerDay custom quota",
        "root_cause": {"evidence": ["engagement_rollup_v2"], "category": "resource-exhaustion", "must_mention": ["QueryUsagePerDay", "engagement_rollup_v2"]},
        "symptoms": [{"evidence": "analytics query failed"}, {"evidence": "Custom quota exceeded"}],
        "distractors": ds, "priority": "P2"})


def inc_stripe_raw(out):
    I = Inc("stripe-webhook-signature-after-json-middleware", "2026-08-18T16:20:00Z", 55, 2506)
    r = I.rng
    tdep = I.t0 + 11 * 60 + 40
    old, new = "payments-svc-00230-dap", "payments-svc-00231-zeq"
    background(I, 1.0)
    bsteps = ["Starting Step #0 - \"fetch\"", "Step #0 - \"fetch\": HEAD is now at 7c1d2e9 refactor(app): register express.json() globally, drop per-route parsers",
              "Finished Step #0 - \"fetch\"", "Starting Step #1 - \"build\"", "Step #1 - \"build\": Successfully built 3b1f0c9a77e2", "Finished Step #1 - \"build\"",
              "Starting Step #2 - \"deploy\"", "Step #2 - \"deploy\": Deploying container to Cloud Run service [payments-svc] in project [learnwave-prod] region [us-central1]",
              "Step #2 - \"deploy\": Service [payments-svc] revision [payments-svc-00231-zeq] has been deployed and is serving 100 percent of traffic.", "Finished Step #2 - \"deploy\"", "DONE"]
    for i, s in enumerate(bsteps):
        I.add(tdep - 240 + i * 22, {"type": "build", "labels": {"build_id": "9d6e2c41-7a55-4e0b-b0a1-55c3e2f1d901", "build_trigger_id": "3f1c2b7e-payments-main", "project_id": PROJECT}},
              "cloudbuild", "INFO", s)
    I.audit(tdep - 30, "run.googleapis.com", "google.cloud.run.v1.Services.ReplaceService", "namespaces/%s/services/payments-svc" % PROJECT,
            "cloudbuild@learnwave-prod.iam.gserviceaccount.com", "cloud_run_revision", {"service_name": "payments-svc", "location": REGION, "configuration_name": "", "revision_name": ""},
            request={"@type": "type.googleapis.com/google.cloud.run.v1.ReplaceServiceRequest", "service": {"spec": {"template": {"metadata": {"name": new}, "spec": {"containers": [{"image": "us-central1-docker.pkg.dev/learnwave-ci/apps/payments-svc@sha256:" + I.hx(64)}]}}}}})
    pino = lambda t, lvl, msg, **kw: dict({"level": lvl, "time": int(t * 1000), "pid": 1, "hostname": "localhost", "msg": msg}, **kw)
    I.run_json(tdep - 8, "payments-svc", "INFO", pino(tdep - 8, "info", "middleware registered", order=["requestId", "helmet", "express.json", "rateLimit", "routes"]), rev=new)
    I.run_json(tdep - 7, "payments-svc", "INFO", pino(tdep - 7, "info", "payments-svc listening", port=8080, node="v22.11.0"), rev=new)
    for t in I.arrivals(14):
        rev = old if t < tdep else new
        I.run_req(t, "payments-svc", "POST", "/v1/checkout/session", 200, r.uniform(0.2, 0.7), "pay.learnwave.io", rev=rev)
        I.run_json(t + 0.3, "payments-svc", "INFO", pino(t, "info", "checkout session created", course=r.choice(COURSES), currency=r.choice(["usd", "eur", "inr", "brl"])), rev=rev)
    for t in I.arrivals(16):
        rev = old if t < tdep else new
        ev = r.choice(["checkout.session.completed", "checkout.session.completed", "payment_intent.succeeded", "charge.refunded", "invoice.paid"])
        if rev == old:
            I.run_req(t, "payments-svc", "POST", "/webhooks/stripe", 200, r.uniform(0.05, 0.2), "pay.learnwave.io", ua="Stripe/1.0 (+https://stripe.com/docs/webhooks)", rev=rev)
            I.run_json(t + 0.05, "payments-svc", "INFO", pino(t, "info", "stripe event processed", type=ev, id="evt_" + I.hx(24)), rev=rev)
            if ev == "checkout.session.completed":
                I.run_json(t + 0.1, "course-api", "INFO", pyjson("enrollment granted", logger="app.enroll", course=r.choice(COURSES), source="stripe"))
        else:
            I.run_req(t, "payments-svc", "POST", "/webhooks/stripe", 400, r.uniform(0.004, 0.02), "pay.learnwave.io", ua="Stripe/1.0 (+https://stripe.com/docs/webhooks)", rev=rev)
            I.run_json(t + 0.005, "payments-svc", "ERROR", pino(t, "error", "Webhook signature verification failed. No signatures found matching the expected signature for payload. Are you passing the raw request body you received from Stripe?", type="StripeSignatureVerificationError"), rev=rev)
    for t in I.every(300, 200, 10):
        if t > tdep + 600:
            I.run_json(t, "course-api", "WARNING", pyjson("paid orders without enrollment after 10m", "WARNING", "app.reconcile", count=int((t - tdep) / 20 + r.randint(0, 9))))
    for t in I.arrivals(3, tdep + 900):
        I.run_json(t, "support-bot", "WARNING", {"severity": "WARNING", "message": "ticket tagged 'paid but no access'", "channel": r.choice(["chat", "email", "app"])})
    dd = []
    for t in I.arrivals(0.7):
        I.run_json(t, "payments-svc", "WARNING", pino(t, "warn", "card_declined from issuer", decline_code=r.choice(["insufficient_funds", "do_not_honor", "expired_card"])), rev=old if t < tdep else new)
    dd.append({"evidence": "card_declined from issuer"})
    dd.append(d_sendgrid(I))
    I.write(out, {
        "title": "Course purchases not granted: payments-svc deploy registered express.json() globally, so Stripe webhook bodies are re-serialized and every signature check fails",
        "root_cause": {"evidence": ["register express.json() globally", "middleware registered"], "category": "code-bug", "must_mention": ["express.json", "raw"]},
        "symptoms": [{"evidence": "Webhook signature verification failed"}, {"evidence": "paid orders without enrollment"}],
        "distractors": dd, "priority": "P1"})


def inc_min_version(out):
    I = Inc("mobile-min-version-blocks-ios", "2026-09-03T07:31:00Z", 40, 2507)
    r = I.rng
    tc = I.t0 + 70
    trel = tc + 42
    def bff_hook(t, path, ua):
        if t > trel and "iPhone" in ua or (t > trel and "iPad" in ua):
            return 426, r.uniform(0.002, 0.01)
        return None
    background(I, 1.0, hooks={"mobile-bff": bff_hook})
    I.audit(tc, "firebaseremoteconfig.googleapis.com", "google.firebase.remoteconfig.v1.RemoteConfigService.UpdateRemoteConfig",
            "projects/%s/remoteConfig" % PROJECT, "priya.m@learnwave.io", "audited_resource", {"service": "firebaseremoteconfig.googleapis.com", "method": "UpdateRemoteConfig"},
            request={"parameters": {"min_supported_version_android": {"defaultValue": {"value": "5.22.0"}}, "min_supported_version_ios": {"defaultValue": {"value": "5.22.0"}}},
                     "version": {"description": "force update for 5.22 auth fix"}}, response={"versionNumber": "418"})
    pino = lambda t, lvl, msg, **kw: dict({"level": lvl, "time": int(t * 1000), "pid": 1, "hostname": "localhost", "msg": msg}, **kw)
    I.run_json(trel, "mobile-bff", "INFO", pino(trel, "info", "remote config reloaded version=418 min_supported_version{ios=5.22.0, android=5.22.0}"))
    for t in I.every(300, trel - I.t0 + 300):
        I.run_json(t, "mobile-bff", "INFO", pino(t, "info", "remote config poll: unchanged version=418"))
    for t in I.every(300, 20, 1):
        if t < trel:
            I.run_json(t, "mobile-bff", "INFO", pino(t, "info", "remote config poll: unchanged version=417"))
    for t in I.arrivals(90, trel):
        ua = r.choice(UAS_IOS)
        I.run_req(t, "mobile-bff", "GET", r.choice(["/m/v2/home", "/m/v2/sync", "/m/v2/courses/%d" % r.choice(COURSES)]), 426, r.uniform(0.002, 0.01), "m.learnwave.io", ua=ua)
        if r.random() < 0.4:
            I.run_json(t, "mobile-bff", "WARNING", pino(t, "warn", "client below minimum version, responding 426 Upgrade Required", client=ua.split(" ")[0], platform="ios"))
    for t in I.arrivals(1.5, trel + 240):
        I.run_json(t, "support-bot", "WARNING", {"severity": "WARNING", "message": "app store reviews spike: 'update required but no update available'", "platform": "ios"})
    for t in I.every(600, 300):
        I.add(t, {"type": "global", "labels": {"project_id": PROJECT}}, "appstore-connect-poller", "INFO",
              {"message": "App Store version status", "app": "LearnWave", "live_version": "5.21.3", "pending_version": "5.22.0", "state": "WAITING_FOR_REVIEW"}, "json")
    ds = [d_fcm(I, 3), d_reco(I)]
    I.write(out, {
        "title": "All iOS app users blocked with 426: Remote Config min_supported_version_ios raised to 5.22.0, which is still waiting for App Store review",
        "root_cause": {"evidence": ["UpdateRemoteConfig", "ios=5.22.0"], "category": "configuration", "must_mention": ["min_supported_version", "5.22.0"]},
        "symptoms": [{"evidence": "client below minimum version"}, {"evidence": "update required but no update available"}],
        "distractors": ds, "priority": "P0"})


def inc_utf8mb3(out):
    I = Inc("quiz-free-text-utf8mb3-emoji", "2026-09-22T18:05:00Z", 35, 2508)
    r = I.rng
    tm = I.t0 + 3 * 60 + 10
    background(I, 0.9)
    jr = {"type": "cloud_run_job", "labels": {"job_name": "quiz-migrate", "location": REGION, "project_id": PROJECT}}
    for i, s in enumerate(["Operations to perform:", "  Apply all migrations: admin, auth, contenttypes, quiz, sessions", "Running migrations:",
                           "  Applying quiz.0142_free_text_answers... OK", "SQL: CREATE TABLE `quiz_free_text_answers` (`id` bigint AUTO_INCREMENT NOT NULL PRIMARY KEY, `attempt_id` bigint NOT NULL, `question_id` integer NOT NULL, `answer_text` longtext NOT NULL) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci",
                           "  Applying quiz.0143_attempt_free_text_flag... OK", "Container called exit(0)."]):
        I.add(tm + i * 0.8, jr, "run.googleapis.com%2Fstdout", "INFO", s)
    I.audit(tm - 15, "run.googleapis.com", "google.cloud.run.v1.Jobs.RunJob", "namespaces/%s/jobs/quiz-migrate" % PROJECT, "ci-deployer@learnwave-ci.iam.gserviceaccount.com",
            "cloud_run_job", {"job_name": "quiz-migrate", "location": REGION})
    for t in I.arrivals(45, tm + 60):
        emoji = r.random() < 0.06
        aid = r.randint(5_000_000, 5_999_999)
        if not emoji:
            I.run_req(t, "quiz-svc", "POST", "/api/attempts/%d/answers" % aid, 201, r.uniform(0.03, 0.15), "quiz.learnwave.io", ua=r.choice(UAS_WEB + UAS_IOS + UAS_AND))
            continue
        I.run_req(t, "quiz-svc", "POST", "/api/attempts/%d/answers" % aid, 500, r.uniform(0.03, 0.1), "quiz.learnwave.io", ua=r.choice(UAS_WEB + UAS_IOS + UAS_AND))
        ch = r.choice(["\\xF0\\x9F\\x98\\x8A", "\\xF0\\x9F\\x91\\x8D", "\\xF0\\x9F\\xA4\\x94", "\\xF0\\x9D\\x91\\xA5"])
        tb = ["Internal Server Error: /api/attempts/%d/answers" % aid, "Traceback (most recent call last):",
              "  File \"/usr/local/lib/python3.12/site-packages/django/db/backends/mysql/base.py\", line 76, in execute",
              "    return self.cursor.execute(query, args)",
              "  File \"/usr/local/lib/python3.12/site-packages/MySQLdb/cursors.py\", line 179, in execute",
              "    res = self._query(mogrified_query)",
              "MySQLdb.OperationalError: (1366, \"Incorrect string value: '%s' for column 'answer_text' at row 1\")" % ch,
              "", "The above exception was the direct cause of the following exception:", "",
              "  File \"/app/quiz/views/answers.py\", line 61, in create",
              "    FreeTextAnswer.objects.create(attempt_id=attempt.id, question_id=q.id, answer_text=payload[\"text\"])",
              "django.db.utils.OperationalError: (1366, \"Incorrect string value: '%s' for column 'answer_text' at row 1\")" % ch]
        for i, ln in enumerate(tb):
            if ln:
                I.run_text(t + 0.02 + i * 0.0002, "quiz-svc", "ERROR", ln, stream="stderr")
    for t in I.arrivals(30, I.t0, tm + 60):
        I.run_req(t, "quiz-svc", "POST", "/api/attempts/%d/answers" % r.randint(5_000_000, 5_999_999), 201, r.uniform(0.03, 0.15), "quiz.learnwave.io")
    for t in I.arrivals(25):
        I.run_req(t, "quiz-svc", "GET", "/api/quizzes/%d" % r.randint(30000, 39999), 200, r.uniform(0.01, 0.08), "quiz.learnwave.io")
    for t in I.every(60, 5):
        I.add(t, I.sql_res("lw-mysql-quiz"), "cloudsql.googleapis.com%2Fmysql.err", "INFO", "%sZ 0 [Note] [MY-010914] [Server] Aborted connection %d to db: 'quiz' user: 'quiz_app' host: 'cloudsqlproxy~10.8.0.%d' (Got timeout reading communication packets)." % (iso(t)[:26], r.randint(100000, 200000), r.randint(2, 40)))
    ds = [d_thumb(I), d_stt(I, I.t0 + 600, I.t1)]
    I.write(out, {
        "title": "Free-text quiz answers with emoji fail: migration 0142 created quiz_free_text_answers with utf8mb3 charset",
        "root_cause": {"evidence": ["DEFAULT CHARSET=utf8mb3"], "category": "database", "must_mention": ["utf8", "answer_text"]},
        "symptoms": [{"evidence": "Incorrect string value"}, {"evidence": "Internal Server Error: /api/attempts"}],
        "distractors": ds + [{"evidence": "Got timeout reading communication packets"}], "priority": "P2"})


def inc_ags_scope(out):
    I = Inc("lti-grade-passback-invalid-scope", "2026-10-06T12:00:00Z", 45, 2509)
    r = I.rng
    tf = I.t0 - 40 * 60  # started before the window
    background(I, 1.0)
    plats = {"https://canvas.state-u.edu": 0.30, "https://lms.northfield.ac.uk": 0.2, "https://moodle.cityu.edu": 0.2, "https://d2l.lakeside.edu": 0.15, "https://bb.riverview.edu": 0.15}
    pods = ["lti-passback-84c9d7b6f-%s" % s for s in ("k2l9m", "t7rjq")]
    lg = lambda t, lvl, msg: "%s %-5s [passback] %s" % (iso(t)[:23], lvl, msg)
    tok_next = {}
    for t in I.arrivals(40):
        pl = r.choices(list(plats), list(plats.values()))[0]
        pod = r.choice(pods)
        li = r.randint(10000, 99999)
        if pl != "https://canvas.state-u.edu":
            I.k8s_text(t, "lti", pod, "lti-passback", "INFO", lg(t, "INFO", "score posted platform=%s lineitem=%d user=%s status=200" % (pl, li, I.hx(8))))
            continue
        if tok_next.get(pod, 0) < t:
            tok_next[pod] = t + 55
            I.k8s_text(t, "lti", pod, "lti-passback", "WARNING", lg(t, "WARN", "token request to https://canvas.state-u.edu/login/oauth2/token failed: 400 {\"error\":\"invalid_scope\",\"error_description\":\"Invalid scope: https://purl.imsglobal.org/spec/lti-ags/scope/score\"} client_id=10000000000417"))
        I.k8s_text(t + 0.01, "lti", pod, "lti-passback", "ERROR", lg(t, "ERROR", "grade passback failed platform=https://canvas.state-u.edu lineitem=%d user=%s: no access token; retry scheduled in %ds" % (li, I.hx(8), r.choice([60, 120, 300, 600]))), stream="stderr")
    for t in I.every(60, 11):
        I.k8s_text(t, "lti", pods[0], "lti-passback", "INFO", lg(t, "INFO", "passback queue depth=%d oldest_age=%ds" % (1800 + int((t - tf) / 2.3) + r.randint(0, 20), int(t - tf))))
    for t in I.every(900, 400):
        I.run_json(t, "course-api", "WARNING", pyjson("grades not synced to LMS for > 30m", "WARNING", "app.reconcile", platform="canvas.state-u.edu", pending=r.randint(2000, 3000)))
    for t in I.arrivals(0.4, I.t0 + 1200):
        I.run_json(t, "support-bot", "WARNING", {"severity": "WARNING", "message": "ticket from instructor: grades missing in Canvas gradebook", "institution": "State University"})
    ds = [d_probe(I), d_font(I)]
    I.write(out, {
        "title": "Grades not passed back to one university's Canvas: its Developer Key no longer grants the LTI AGS score scope (invalid_scope on token requests)",
        "root_cause": {"evidence": ["invalid_scope"], "category": "permissions", "must_mention": ["scope", "state-u"]},
        "symptoms": [{"evidence": "grade passback failed"}, {"evidence": "grades not synced to LMS"}],
        "distractors": ds, "priority": "P2"})


def inc_readonly_fs(out):
    I = Inc("assignment-upload-readonly-rootfs", "2026-10-27T20:10:00Z", 50, 2510)
    r = I.rng
    tr = I.t0 + 14 * 60 + 3
    background(I, 1.0)
    ns = "media"
    I.audit(tr, "k8s.io", "io.k8s.apps.v1.deployments.patch", "apps/v1/namespaces/media/deployments/assignment-upload",
            "argocd-application-controller@learnwave-prod.iam.gserviceaccount.com", "k8s_cluster", {"cluster_name": CLUSTER, "location": REGION},
            request={"spec": {"template": {"spec": {"containers": [{"name": "assignment-upload", "securityContext": {"readOnlyRootFilesystem": True, "runAsNonRoot": True, "allowPrivilegeEscalation": False}}]}}}})
    oldp = ["assignment-upload-5b7d8c9f6-%s" % s for s in ("a1bcd", "e2fgh", "i3jkl")]
    newp = ["assignment-upload-7f9c6d5b8-%s" % s for s in ("m4nop", "q5rst", "u6vwx")]
    for i in range(3):
        tt = tr + 5 + i * 40
        I.k8s_event(tt, ns, "Deployment", "assignment-upload", "ScalingReplicaSet", "Scaled up replica set assignment-upload-7f9c6d5b8 to %d" % (i + 1))
        I.k8s_event(tt + 2, ns, "Pod", newp[i], "Pulled", "Container image \"us-central1-docker.pkg.dev/learnwave-ci/apps/assignment-upload:2026.10.21\" already present on machine", component="kubelet")
        I.k8s_event(tt + 3, ns, "Pod", newp[i], "Started", "Started container assignment-upload", component="kubelet")
        I.k8s_text(tt + 5, ns, newp[i], "assignment-upload", "INFO", "INFO:     Uvicorn running on http://0.0.0.0:8080 (Press CTRL+C to quit)")
        I.k8s_event(tt + 30, ns, "Deployment", "assignment-upload", "ScalingReplicaSet", "Scaled down replica set assignment-upload-5b7d8c9f6 to %d" % (2 - i))
    cut = tr + 90
    for t in I.arrivals(30):
        big = r.random() < 0.72
        pods = oldp if t < cut else newp
        pod = r.choice(pods)
        aid = r.randint(200000, 299999)
        if t < cut or not big:
            I.lb_req(t, "lw-api-fr-https", "k8s1-7c1e2a4b-media-assignment-upload-8080-2b9e", "POST", "https://api.learnwave.io/v1/assignments/%d/upload" % aid, 201, r.uniform(0.4, 6.0), ua=r.choice(UAS_WEB))
            I.k8s_text(t, ns, pod, "assignment-upload", "INFO", "INFO:     10.52.%d.%d:0 - \"POST /v1/assignments/%d/upload HTTP/1.1\" 201 Created" % (r.randint(0, 7), r.randint(2, 250), aid))
            continue
        I.lb_req(t, "lw-api-fr-https", "k8s1-7c1e2a4b-media-assignment-upload-8080-2b9e", "POST", "https://api.learnwave.io/v1/assignments/%d/upload" % aid, 500, r.uniform(0.2, 1.0), ua=r.choice(UAS_WEB))
        tb = ["ERROR:    Exception in ASGI application", "Traceback (most recent call last):",
              "  File \"/usr/local/lib/python3.12/site-packages/starlette/formparsers.py\", line 252, in parse",
              "    await file.write(message_bytes)",
              "  File \"/usr/local/lib/python3.12/tempfile.py\", line 865, in rollover",
              "    newfile = self._file = TemporaryFile(**self._TemporaryFileArgs)",
              "  File \"/usr/local/lib/python3.12/tempfile.py\", line 157, in _candidate_tempdir_list",
              "FileNotFoundError: [Errno 2] No usable temporary directory found in ['/tmp', '/var/tmp', '/usr/tmp', '/app']"]
        for i, ln in enumerate(tb):
            I.k8s_text(t + 0.2 + i * 0.0002, ns, pod, "assignment-upload", "ERROR", ln, stream="stderr")
        I.k8s_text(t + 0.21, ns, pod, "assignment-upload", "INFO", "INFO:     10.52.%d.%d:0 - \"POST /v1/assignments/%d/upload HTTP/1.1\" 500 Internal Server Error" % (r.randint(0, 7), r.randint(2, 250), aid))
    for t in I.arrivals(2, cut + 400):
        I.run_json(t, "course-api", "ERROR", pyjson("assignment submission failed near deadline, student notified", "ERROR", "app.assignments", course=r.choice(COURSES)))
    for t in I.every(300, 250):
        I.k8s_text(t, ns, r.choice(newp if t > cut else oldp), "assignment-upload", "INFO", "INFO:     10.52.0.1:0 - \"GET /healthz HTTP/1.1\" 200 OK")
    dd = [d_thumb(I)]
    for t in I.every(120, 30, 10):
        I.k8s_event(t, "kube-system", "Pod", "fluentbit-gke-%s" % r.choice(["8kd2l", "9x1qa"]), "BackOff", "Back-off restarting failed container fluentbit-metrics-collector", "Warning", "kubelet")
    dd.append({"evidence": "fluentbit-metrics-collector"})
    I.write(out, {
        "title": "Assignment uploads over 1 MB fail: hardening rollout set readOnlyRootFilesystem on assignment-upload, so multipart spooling to /tmp has no writable temp dir",
        "root_cause": {"evidence": ["readOnlyRootFilesystem"], "category": "configuration", "must_mention": ["readOnlyRootFilesystem", "/tmp"]},
        "symptoms": [{"evidence": "No usable temporary directory"}, {"evidence": "assignment submission failed"}],
        "distractors": dd, "priority": "P1"})


def inc_receipt(out):
    I = Inc("ios-iap-receipt-sandbox-endpoint", "2026-11-10T11:20:00Z", 40, 2511)
    r = I.rng
    tdep = I.t0 + 8 * 60 + 2
    background(I, 1.0)
    I.audit(tdep - 110, "cloudfunctions.googleapis.com", "google.cloud.functions.v2.FunctionService.UpdateFunction",
            "projects/%s/locations/%s/functions/iap-verifier" % (PROJECT, REGION), "ci-deployer@learnwave-ci.iam.gserviceaccount.com", "cloud_function",
            {"function_name": "iap-verifier", "region": REGION},
            request={"@type": "type.googleapis.com/google.cloud.functions.v2.UpdateFunctionRequest", "function": {"name": "projects/%s/locations/%s/functions/iap-verifier" % (PROJECT, REGION),
                     "serviceConfig": {"environmentVariables": {"APPLE_VERIFY_RECEIPT_URL": "https://sandbox.itunes.apple.com/verifyReceipt", "GOOGLE_PLAY_PACKAGE": "io.learnwave.app", "LOG_LEVEL": "info"}}}},
            metadata={"@type": "type.googleapis.com/google.cloud.functions.v2.OperationMetadata"})
    fnr = "iap-verifier-00019-yab"
    I.run_text(tdep, "iap-verifier", "INFO", "iap-verifier starting: apple endpoint=https://sandbox.itunes.apple.com/verifyReceipt play package=io.learnwave.app", rev=fnr)
    for t in I.arrivals(9):
        ua = r.choice(UAS_IOS + UAS_AND)
        ios = "Android" not in ua
        if not ios or t < tdep:
            I.run_req(t, "mobile-bff", "POST", "/m/v2/iap/verify", 200, r.uniform(0.3, 1.1), "m.learnwave.io", ua=ua)
            I.run_text(t + 0.2, "iap-verifier", "INFO", "verified %s purchase product=course_%d status=0" % ("apple" if ios else "google", r.choice(COURSES)),
                       rev=fnr if t > tdep else "iap-verifier-00018-kuw")
            continue
        I.run_req(t, "mobile-bff", "POST", "/m/v2/iap/verify", 402, r.uniform(0.3, 0.9), "m.learnwave.io", ua=ua)
        I.run_text(t + 0.2, "iap-verifier", "ERROR", "apple verifyReceipt returned status=21008 for product=course_%d transaction=%d; purchase not verified" % (r.choice(COURSES), r.randint(2000000000000000, 2999999999999999)), rev=fnr, stream="stderr")
        I.run_json(t + 0.3, "mobile-bff", "WARNING", {"level": "warn", "time": int(t * 1000), "pid": 1, "hostname": "localhost", "msg": "iap verification rejected, entitlement not granted", "platform": "ios"})
    for t in I.arrivals(1.0, tdep + 600):
        I.run_json(t, "support-bot", "WARNING", {"severity": "WARNING", "message": "ticket tagged 'charged on iPhone but course locked'"})
    ds = [d_sendgrid(I), d_stt(I, I.t0, I.t0 + 1500)]
    I.write(out, {
        "title": "iOS course purchases not unlocked: iap-verifier redeployed with the staging APPLE_VERIFY_RECEIPT_URL (sandbox), production receipts get status 21008",
        "root_cause": {"evidence": ["sandbox.itunes.apple.com"], "category": "configuration", "must_mention": ["sandbox"]},
        "symptoms": [{"evidence": "status=21008"}, {"evidence": "entitlement not granted"}],
        "distractors": ds, "priority": "P1"})


def inc_keepalive(out):
    I = Inc("catalog-svc-keepalive-502s", "2026-11-24T17:00:00Z", 55, 2512)
    r = I.rng
    tdep = I.t0 - 20 * 60  # deployed before the window opened
    background(I, 1.0)
    be = "k8s1-7c1e2a4b-catalog-catalog-svc-8080-0c4d"
    pods = ["catalog-svc-66d8b9c7f-%s" % s for s in ("r2d2x", "c3p0q", "bb8zz", "k2sox")]
    # a pod restart inside the window re-logs the listener config (quiet)
    for i, pod in enumerate(pods[:2]):
        tt = I.t0 + 17 * 60 + i * 8
        I.k8s_event(tt - 5, "catalog", "Pod", pod, "Started", "Started container catalog-svc", component="kubelet")
        I.k8s_json(tt, "catalog", pod, "catalog-svc", "INFO", {"level": 30, "severity": "INFO", "msg": "Server listening at http://0.0.0.0:8080", "keepAliveTimeout": 5000, "headersTimeout": 60000, "framework": "fastify 5.2.1"})
        I.k8s_json(tt + 0.01, "catalog", pod, "catalog-svc", "INFO", {"level": 30, "severity": "INFO", "msg": "http server options keepAliveTimeout=5000ms requestTimeout=0 (defaults)"})
    for t in I.arrivals(260):
        p = r.choice(["/v1/catalog/courses/%d" % r.choice(COURSES), "/v1/catalog/search?q=%s" % r.choice(["ai", "spanish", "gmat", "react", "statistics"]),
                      "/v1/catalog/categories", "/v1/catalog/courses/%d/reviews" % r.choice(COURSES)])
        if r.random() < 0.017:
            I.lb_req(t, "lw-api-fr-https", be, "GET", "https://api.learnwave.io" + p, 502, r.uniform(0.001, 0.01), "backend_connection_closed_before_data_sent_to_client")
        else:
            I.lb_req(t, "lw-api-fr-https", be, "GET", "https://api.learnwave.io" + p, 200, r.uniform(0.01, 0.2))
            if r.random() < 0.08:
                I.k8s_json(t, "catalog", r.choice(pods), "catalog-svc", "INFO", {"level": 30, "severity": "INFO", "msg": "request completed", "url": p, "statusCode": 200, "responseTime": round(r.uniform(3, 150), 1)})
    for t in I.arrivals(4):
        I.run_json(t, "web-frontend", "WARNING", {"severity": "WARNING", "message": "catalog fetch failed, retrying once", "status": 502})
    for t in I.arrivals(1.3):
        I.run_json(t, "mobile-bff", "ERROR", {"level": "error", "time": int(t * 1000), "pid": 1, "hostname": "localhost", "msg": "upstream catalog returned 502 Bad Gateway", "retry": False})
    dd = [d_reco(I), d_fcm(I)]
    for t in I.every(600, 100):
        I.k8s_event(t, "catalog", "HorizontalPodAutoscaler", "catalog-svc", "FailedGetResourceMetric", "failed to get cpu utilization: unable to get metrics for resource cpu: no metrics returned from resource metrics API", "Warning", "horizontal-pod-autoscaler")
    dd.append({"evidence": "no metrics returned from resource metrics API"})
    I.write(out, {
        "title": "~1.7% of catalog requests get 502: rewrite to fastify left Node's default 5 s keepAliveTimeout, below the load balancer's 600 s idle timeout",
        "root_cause": {"evidence": ["keepAliveTimeout=5000", "keepAliveTimeout"], "category": "network", "must_mention": ["keepAliveTimeout"]},
        "symptoms": [{"evidence": "backend_connection_closed_before_data_sent_to_client"}, {"evidence": "upstream catalog returned 502"}],
        "distractors": dd, "priority": "P2"})


def inc_healthy1(out):
    I = Inc("healthy-term-start-monday", "2026-09-07T13:00:00Z", 60, 2513)
    r = I.rng
    background(I, 1.5)
    ds = [d_fcm(I, 3), d_thumb(I), d_probe(I)]
    for t in I.every(900, 600):
        I.k8s_event(t, "grading", "HorizontalPodAutoscaler", "grading-worker", "SuccessfulRescale", "New size: %d; reason: pubsub.googleapis.com|subscription|num_undelivered_messages above target" % r.randint(3, 6), component="horizontal-pod-autoscaler")
    for t in I.arrivals(2):
        I.run_json(t, "course-api", "WARNING", pyjson("rate limit soft threshold reached for client", "WARNING", "app.ratelimit", client_id="partner-" + r.choice(["a12", "b77", "c03"])))
    I.write(out, {"title": "Healthy window: first Monday of term, high but normal traffic", "root_cause": None, "symptoms": [], "distractors": ds, "priority": "none"})


def inc_healthy2(out):
    I = Inc("healthy-evening-live-classes", "2026-11-18T23:10:00Z", 35, 2514)
    r = I.rng
    background(I, 0.8)
    ds = [d_sendgrid(I), d_reco(I), d_stt(I, I.t0 + 300, I.t0 + 900)]
    for t in I.every(1800, 400):
        I.audit(t, "run.googleapis.com", "google.cloud.run.v1.Services.ReplaceService", "namespaces/%s/services/web-frontend" % PROJECT,
                "ci-deployer@learnwave-ci.iam.gserviceaccount.com", "cloud_run_revision", {"service_name": "web-frontend", "location": REGION, "configuration_name": "", "revision_name": ""},
                request={"@type": "type.googleapis.com/google.cloud.run.v1.ReplaceServiceRequest", "service": {"spec": {"template": {"metadata": {"name": "web-frontend-00%d-%s" % (r.randint(400, 499), I.hx(3))}}}}})
    I.write(out, {"title": "Healthy window: evening live classes, one routine frontend deploy", "root_cause": None, "symptoms": [], "distractors": ds, "priority": "none"})


ALL = [inc_cdn_key, inc_lti_samesite, inc_ws_timeout, inc_idle_tx, inc_bq_quota, inc_stripe_raw, inc_min_version,
       inc_utf8mb3, inc_ags_scope, inc_readonly_fs, inc_receipt, inc_keepalive, inc_healthy1, inc_healthy2]

if __name__ == "__main__":
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for f in ALL:
        f(out)
    if os.environ.get("GEN_VERBOSE"):
        for d in sorted(os.listdir(out)):
            p = os.path.join(out, d, "logs.json.gz")
            if os.path.exists(p):
                print(d, len(json.loads(gzip.open(p).read())), os.path.getsize(p))
