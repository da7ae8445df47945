#!/usr/bin/env python3
"""Generator for blind19: 14 incidents of a logistics / delivery-tracking company on Google Cloud.

Usage: python gen.py OUTDIR      (standard library only, deterministic output)
"""
import datetime as dt
import gzip
import json
import os
import random
import sys

PROJECT = "swiftlane-prod"
PNUM = "418275530921"
REGION = "us-central1"
CLUSTER = "dispatch-prod"


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse(s):
    return dt.datetime.strptime(s, "%Y-%m-%dT%H:%M:%SZ")


UAS_DRIVER = ["SwiftlaneDriver/5.13.2 (Android 14; SM-A546B)", "SwiftlaneDriver/5.13.2 (Android 13; Pixel 6a)",
              "SwiftlaneDriver/5.13.1 (iOS 17.5; iPhone13,2)", "SwiftlaneDriver/5.13.2 (iOS 18.1; iPhone15,3)",
              "SwiftlaneDriver/5.12.9 (Android 12; moto g power)"]
UAS_WEB = ["Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
           "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
           "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.81 Mobile Safari/537.36",
           "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Safari/605.1.15"]
DEPOTS = ["CHI-1", "CHI-2", "MKE-1", "IND-3", "STL-1", "DET-2", "MSP-1", "CLE-1", "KC-2", "OMA-1", "DSM-1", "COL-4"]


class Inc:
    def __init__(self, iid, start, minutes, seed):
        self.id = iid
        self.S = parse(start)
        self.E = self.S + dt.timedelta(minutes=minutes)
        self.minutes = minutes
        self.r = random.Random(seed)
        self.ents = []
        self.inst = {}

    # ---------- helpers
    def t(self, m):
        return self.S + dt.timedelta(seconds=m * 60.0)

    def m(self, t):
        return (t - self.S).total_seconds() / 60.0

    def hx(self, n):
        return "".join(self.r.choice("0123456789abcdef") for _ in range(n))

    def uid(self):
        h = self.hx(32)
        return "%s-%s-%s-%s-%s" % (h[:8], h[8:12], h[12:16], h[16:20], h[20:])

    def times(self, rate, m0=0.0, m1=None):
        """Poisson-ish event times (minutes offsets) with `rate` per minute between m0 and m1."""
        m1 = self.minutes if m1 is None else m1
        out = []
        if rate <= 0:
            return out
        x = m0
        while True:
            x += self.r.expovariate(rate)
            if x >= m1:
                break
            out.append(x)
        return out

    def every(self, period, m0=0.0, m1=None, jitter=0.02):
        m1 = self.minutes if m1 is None else m1
        out = []
        x = m0 + self.r.uniform(0, period)
        while x < m1:
            out.append(x + self.r.uniform(0, jitter))
            x += period
        return out

    def emit(self, m, resource, log, severity, kind=None, payload=None, extra=None):
        t = self.t(m) if not isinstance(m, dt.datetime) else m
        if t < self.S or t >= self.E:
            return None
        e = {
            "insertId": self.hx(self.r.choice([12, 16, 20])),
            "logName": "projects/%s/logs/%s" % (PROJECT, log),
            "receiveTimestamp": iso(t + dt.timedelta(microseconds=self.r.randint(40000, 900000))),
            "resource": resource,
            "severity": severity,
            "timestamp": iso(t),
        }
        if kind:
            e[kind] = payload
        if extra:
            e.update(extra)
        self.ents.append(e)
        return e

    def instance_id(self, key):
        if key not in self.inst:
            self.inst[key] = [self.hx(96) for _ in range(self.r.randint(2, 4))]
        return self.r.choice(self.inst[key])

    def trace(self):
        return {"trace": "projects/%s/traces/%s" % (PROJECT, self.hx(32)), "spanId": self.hx(16),
                "traceSampled": self.r.random() < 0.1}

    def write(self, out, truth):
        self.ents.sort(key=lambda e: (e["timestamp"], e["insertId"]), reverse=True)
        d = os.path.join(out, self.id)
        os.makedirs(d, exist_ok=True)
        raw = json.dumps(self.ents, indent=2, sort_keys=True).encode()
        with open(os.path.join(d, "logs.json.gz"), "wb") as f:
            with gzip.GzipFile(fileobj=f, mode="wb", mtime=0, filename="") as g:
                g.write(raw)
        truth = dict(truth)
        truth["id"] = self.id
        truth["window"] = {"start": iso(self.S).replace(".000000", ""), "end": iso(self.E).replace(".000000", "")}
        order = ["id", "title", "window", "root_cause", "symptoms", "distractors", "priority"]
        truth = {k: truth[k] for k in order}
        with open(os.path.join(d, "truth.json"), "w") as f:
            json.dump(truth, f, indent=2)
            f.write("\n")
        return len(self.ents)


# ---------------------------------------------------------------- resources
def run_res(svc, rev):
    return {"type": "cloud_run_revision", "labels": {"configuration_name": svc, "location": REGION,
            "project_id": PROJECT, "revision_name": rev, "service_name": svc}}


def job_res(job):
    return {"type": "cloud_run_job", "labels": {"job_name": job, "location": REGION, "project_id": PROJECT}}


def k8s_res(ns, pod, container):
    return {"type": "k8s_container", "labels": {"cluster_name": CLUSTER, "container_name": container,
            "location": REGION, "namespace_name": ns, "pod_name": pod, "project_id": PROJECT}}


def k8s_pod_res(ns, pod):
    return {"type": "k8s_pod", "labels": {"cluster_name": CLUSTER, "location": REGION, "namespace_name": ns,
            "pod_name": pod, "project_id": PROJECT}}


def k8s_cluster_res():
    return {"type": "k8s_cluster", "labels": {"cluster_name": CLUSTER, "location": REGION, "project_id": PROJECT}}


def sql_res(inst):
    return {"type": "cloudsql_database", "labels": {"database_id": "%s:%s" % (PROJECT, inst), "project_id": PROJECT,
            "region": REGION}}


def alloy_res(cluster, inst):
    return {"type": "alloydb.googleapis.com/Instance", "labels": {"cluster_id": cluster, "instance_id": inst,
            "location": REGION, "resource_container": "projects/%s" % PNUM}}


def fn_res(name):
    return {"type": "cloud_function", "labels": {"function_name": name, "project_id": PROJECT, "region": REGION}}


def sched_res(job):
    return {"type": "cloud_scheduler_job", "labels": {"job_id": job, "location": REGION, "project_id": PROJECT}}


def gce_res(iid, zone="us-central1-b"):
    return {"type": "gce_instance", "labels": {"instance_id": iid, "project_id": PROJECT, "zone": zone}}


def lb_res(fr, um, be):
    return {"type": "http_load_balancer", "labels": {"backend_service_name": be, "forwarding_rule_name": fr,
            "project_id": PROJECT, "target_proxy_name": um + "-target-proxy", "url_map_name": um, "zone": "global"}}


# ---------------------------------------------------------------- payload makers
def run_request(inc, m, svc, rev, host, method, path, status, lat, ua=None, size=None):
    sev = "INFO" if status < 400 else ("WARNING" if status < 500 else "ERROR")
    hr = {"latency": "%.6fs" % lat, "protocol": "HTTP/1.1", "remoteIp": "%d.%d.%d.%d" % (
        inc.r.choice([73, 98, 174, 24, 71, 107, 172]), inc.r.randint(1, 254), inc.r.randint(1, 254), inc.r.randint(1, 254)),
        "requestMethod": method, "requestSize": str(inc.r.randint(180, 2400)),
        "requestUrl": "https://%s%s" % (host, path), "responseSize": str(size if size is not None else inc.r.randint(90, 14000)),
        "serverIp": "169.254.%d.%d" % (inc.r.randint(1, 15), inc.r.randint(1, 254)), "status": status,
        "userAgent": ua or inc.r.choice(UAS_DRIVER)}
    extra = {"httpRequest": hr, "labels": {"instanceId": inc.instance_id(rev)}}
    extra.update(inc.trace())
    return inc.emit(m, run_res(svc, rev), "run.googleapis.com%2Frequests", sev, None, None, extra)


def run_log(inc, m, svc, rev, sev, payload, stream="stdout", kind=None, trace=False):
    kind = kind or ("textPayload" if isinstance(payload, str) else "jsonPayload")
    extra = {"labels": {"instanceId": inc.instance_id(rev)}}
    if trace:
        extra.update(inc.trace())
    return inc.emit(m, run_res(svc, rev), "run.googleapis.com%2F" + stream, sev, kind, payload, extra)


def run_sys(inc, m, svc, rev, text, sev="INFO"):
    return inc.emit(m, run_res(svc, rev), "run.googleapis.com%2Fvarlog%2Fsystem", sev, "textPayload", text,
                    {"labels": {"instanceId": inc.instance_id(rev)}})


def k8s_log(inc, m, ns, pod, container, sev, payload, stream="stdout"):
    kind = "textPayload" if isinstance(payload, str) else "jsonPayload"
    node = "gke-dispatch-prod-pool-2-%s-%s" % (inc.r.choice(["5b1c9e2a", "0f7d3a41", "c28e6b90"]), inc.hx(4))
    return inc.emit(m, k8s_res(ns, pod, container), stream, sev, kind, payload,
                    {"labels": {"compute.googleapis.com/resource_name": node, "k8s-pod/app": container}})


def k8s_event(inc, m, ns, kind, name, reason, message, etype="Normal", component="kubelet", count=1):
    t = inc.t(m)
    payload = {"apiVersion": "v1", "kind": "Event", "count": count, "reason": reason, "message": message,
               "type": etype, "source": {"component": component},
               "involvedObject": {"apiVersion": "v1" if kind in ("Pod", "Service") else ("autoscaling/v2" if kind == "HorizontalPodAutoscaler" else "apps/v1"),
                                  "kind": kind, "name": name, "namespace": ns},
               "firstTimestamp": t.strftime("%Y-%m-%dT%H:%M:%SZ"), "lastTimestamp": t.strftime("%Y-%m-%dT%H:%M:%SZ"),
               "metadata": {"name": "%s.%s" % (name, inc.hx(16)), "namespace": ns, "uid": inc.uid()}}
    res = k8s_pod_res(ns, name) if kind == "Pod" else {"type": "k8s_cluster", "labels": {"cluster_name": CLUSTER, "location": REGION, "project_id": PROJECT}}
    return inc.emit(m, res, "events", "WARNING" if etype == "Warning" else "INFO", "jsonPayload", payload)


def audit(inc, m, res, service, method, resource_name, principal, request=None, response=None, log="activity",
          sev="NOTICE", status=None, ip=None, ua="google-cloud-sdk gcloud/502.0.0 command/gcloud.run.deploy", metadata=None):
    pp = {"@type": "type.googleapis.com/google.cloud.audit.AuditLog",
          "authenticationInfo": {"principalEmail": principal},
          "authorizationInfo": [{"granted": status is None, "permission": method if service == "k8s.io" else service.split(".")[0] + "." + method.split(".")[-1].lower(),
                                 "resource": resource_name}],
          "methodName": method, "requestMetadata": {"callerIp": ip or "35.%d.%d.%d" % (inc.r.randint(180, 240), inc.r.randint(1, 254), inc.r.randint(1, 254)),
                                                    "callerSuppliedUserAgent": ua, "requestAttributes": {}, "destinationAttributes": {}},
          "resourceName": resource_name, "serviceName": service}
    if request is not None:
        pp["request"] = request
    if response is not None:
        pp["response"] = response
    if status is not None:
        pp["status"] = status
    if metadata is not None:
        pp["metadata"] = metadata
    return inc.emit(m + inc.r.uniform(0.0005, 0.012), res, "cloudaudit.googleapis.com%2F" + log, sev, "protoPayload", pp)


def sched_attempt(inc, m, job, url, finished=False, status=None, code=200):
    if not finished:
        p = {"@type": "type.googleapis.com/google.cloud.scheduler.logging.AttemptStarted",
             "jobName": "projects/%s/locations/%s/jobs/%s" % (PROJECT, REGION, job),
             "scheduledTime": iso(inc.t(m)).split(".")[0] + ".000Z", "targetType": "HTTP", "url": url}
        return inc.emit(m, sched_res(job), "cloudscheduler.googleapis.com%2Fexecutions", "INFO", "jsonPayload", p)
    p = {"@type": "type.googleapis.com/google.cloud.scheduler.logging.AttemptFinished",
         "jobName": "projects/%s/locations/%s/jobs/%s" % (PROJECT, REGION, job), "targetType": "HTTP", "url": url}
    sev = "INFO"
    hr = {"status": code}
    if status:
        p["status"] = status
        p["debugInfo"] = "URL_ERROR-ERROR_OTHER. Original HTTP response code number = %d" % code
        sev = "ERROR"
    return inc.emit(m, sched_res(job), "cloudscheduler.googleapis.com%2Fexecutions", sev, "jsonPayload", p,
                    {"httpRequest": hr})


def lb_request(inc, m, host, path, method, status, lat, be, details="response_sent_by_backend", ua=None):
    sev = "INFO" if status < 400 else ("WARNING" if status < 500 else "ERROR")
    hr = {"latency": "%.6fs" % lat, "protocol": "HTTP/1.1", "remoteIp": "%d.%d.%d.%d" % (
        inc.r.choice([73, 98, 174, 24, 71]), inc.r.randint(1, 254), inc.r.randint(1, 254), inc.r.randint(1, 254)),
        "requestMethod": method, "requestSize": str(inc.r.randint(200, 1800)), "requestUrl": "https://%s%s" % (host, path),
        "responseSize": str(inc.r.randint(120, 9000) if status < 500 else 332), "serverIp": "10.8.%d.%d" % (inc.r.randint(0, 7), inc.r.randint(2, 250)),
        "status": status, "userAgent": ua or inc.r.choice(UAS_WEB)}
    p = {"@type": "type.googleapis.com/google.cloud.loadbalancing.type.LoadBalancerLogEntry",
         "backendTargetProjectNumber": "projects/" + PNUM, "statusDetails": details,
         "remoteIp": hr["remoteIp"]}
    extra = {"httpRequest": hr}
    extra.update(inc.trace())
    return inc.emit(m, lb_res("k8s2-fr-dispatch-console", "k8s2-um-dispatch-console", be), "requests", sev,
                    "jsonPayload", p, extra)


# ---------------------------------------------------------------- names
def pods(inc, base, n):
    rs = "".join(inc.r.choice("bcdfghjklmnpqrstvwxz2456789") for _ in range(10))
    return ["%s-%s-%s" % (base, rs, "".join(inc.r.choice("bcdfghjklmnpqrstvwxz2456789") for _ in range(5))) for _ in range(n)]


def rid(inc, n=5):
    return "".join(inc.r.choice("0123456789ABCDEFGHJKLMNPQRSTUVWXYZ") for _ in range(n))


def java_ts(t):
    return t.strftime("%Y-%m-%d %H:%M:%S.") + "%03d" % (t.microsecond // 1000)


def py_ts(t):
    return t.strftime("%Y-%m-%d %H:%M:%S,") + "%03d" % (t.microsecond // 1000)


def go_ts(t):
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (t.microsecond // 1000)


# ================================================================ BACKGROUND NOISE
class Bg:
    """Normal background for the whole estate. Fault scenarios override pieces through hooks."""

    def __init__(self, inc, load=1.0, revs=None):
        self.inc = inc
        self.load = load
        r = inc.r
        self.revs = {"driver-api": "driver-api-00%d-%s" % (r.randint(300, 480), rid(inc, 3).lower()),
                     "tracking-web": "tracking-web-00%d-%s" % (r.randint(100, 220), rid(inc, 3).lower()),
                     "address-service": "address-service-000%d-%s" % (r.randint(40, 99), rid(inc, 3).lower()),
                     "pod-upload": "pod-upload-000%d-%s" % (r.randint(50, 87), rid(inc, 3).lower()),
                     "notify-gateway": "notify-gateway-00%d-%s" % (r.randint(120, 213), rid(inc, 3).lower()),
                     "shift-planner": "shift-planner-000%d-%s" % (r.randint(20, 70), rid(inc, 3).lower())}
        if revs:
            self.revs.update(revs)
        self.pods = {"dispatch-api": pods(inc, "dispatch-api", 4), "routing-engine": pods(inc, "routing-engine", 6),
                     "dispatch-worker": pods(inc, "dispatch-worker", 3), "location-ingest": pods(inc, "location-ingest", 8),
                     "scan-service": pods(inc, "scan-service", 3)}
        # hooks: functions (m) -> override; default None means healthy
        self.driver_status = None   # fn(m, path) -> (status, lat) or None
        self.dispatch_lb_status = None
        self.skip = set()

    def drv(self, m, path, method):
        inc = self.inc
        ov = self.driver_status(m, path, method) if self.driver_status else None
        if ov:
            return ov
        st = 200
        if inc.r.random() < 0.004:
            st = inc.r.choice([400, 401, 404, 409])
        if path.startswith("/v1/locations"):
            return st, inc.r.lognormvariate(-3.4, 0.4)
        return st, inc.r.lognormvariate(-2.6, 0.6)

    def run(self):
        inc, r, L = self.inc, self.inc.r, self.load
        sk = self.skip
        # ---- driver-api (Cloud Run, Node, JSON with severity/message)
        if "driver-api" not in sk:
            rev = self.revs["driver-api"]
            paths = [("POST", "/v1/locations/batch", 0.45), ("GET", "/v1/route/next", 0.12), ("POST", "/v1/stops/{s}/complete", 0.1),
                     ("GET", "/v1/driver/state", 0.12), ("POST", "/v1/stops/{s}/arrive", 0.07), ("GET", "/v1/shifts?date={d}", 0.04),
                     ("POST", "/v1/auth/refresh", 0.05), ("GET", "/v1/messages/unread", 0.05)]
            for m in inc.times(95 * L):
                x = r.random()
                acc = 0
                for meth, p, w in paths:
                    acc += w
                    if x <= acc:
                        break
                path = p.replace("{s}", "STP-" + rid(inc, 8)).replace("{d}", inc.t(m).strftime("%Y-%m-%d"))
                st, lat = self.drv(m, path, meth)
                run_request(inc, m, "driver-api", rev, "driver.swiftlane.io", meth, path, st, lat)
                if "complete" in path and st < 400 and r.random() < 0.5:
                    run_log(inc, m + 0.0003, "driver-api", rev, "INFO", {"severity": "INFO", "message": "stop completed",
                            "stop_id": path.split("/")[3], "driver_id": "D-%05d" % r.randint(1000, 48000),
                            "pod": r.choice(["photo", "signature", "photo", "pin"]), "pid": 1, "hostname": "localhost"})
            for m in inc.times(3 * L):
                run_log(inc, m, "driver-api", rev, "INFO", {"severity": "INFO", "message": "location batch accepted",
                        "points": r.randint(20, 240), "driver_id": "D-%05d" % r.randint(1000, 48000), "pid": 1, "hostname": "localhost"})
            for m in inc.times(0.35):
                run_log(inc, m, "driver-api", rev, "WARNING", {"severity": "WARNING", "message": "slow handler",
                        "route": r.choice(["GET /v1/route/next", "GET /v1/driver/state"]), "duration_ms": r.randint(1200, 2600), "pid": 1, "hostname": "localhost"})
            for m in inc.times(0.25):
                run_log(inc, m, "driver-api", rev, "WARNING", {"severity": "WARNING", "message": "refresh token reuse detected, rotating family",
                        "driver_id": "D-%05d" % r.randint(1000, 48000), "pid": 1, "hostname": "localhost"})
        # ---- tracking-web (Cloud Run, Python, text logs gunicorn)
        if "tracking-web" not in sk:
            rev = self.revs["tracking-web"]
            for m in inc.times(40 * L):
                p = r.choice(["/t/%s" % rid(inc, 10), "/api/track/PCL%s" % rid(inc, 9), "/api/track/PCL%s/eta" % rid(inc, 9),
                              "/static/app.%s.js" % "3f9a1c", "/api/track/PCL%s/events" % rid(inc, 9)])
                st = 200 if r.random() > 0.01 else 404
                run_request(inc, m, "tracking-web", rev, "track.swiftlane.io", "GET", p, st, r.lognormvariate(-3.0, 0.5), ua=r.choice(UAS_WEB))
            for m in inc.times(4 * L):
                run_log(inc, m, "tracking-web", rev, "INFO", "[%s +0000] [%d] [INFO] eta served parcel=PCL%s eta_min=%d source=%s" % (
                    inc.t(m).strftime("%Y-%m-%d %H:%M:%S"), r.randint(8, 14), rid(inc, 9), r.randint(3, 240), r.choice(["cache", "cache", "model"])), stream="stderr")
        # ---- dispatch-api on GKE (Java Spring Boot, textPayload)
        if "dispatch-api" not in sk:
            for m in inc.times(14 * L):
                pod = r.choice(self.pods["dispatch-api"])
                t = inc.t(m)
                msg = r.choice(["c.s.dispatch.api.AssignmentController  : offer created order=ORD-%s driver=D-%05d eta=%dmin" % (rid(inc, 8), r.randint(1000, 48000), r.randint(4, 45)),
                                "c.s.dispatch.api.AssignmentController  : offer accepted order=ORD-%s driver=D-%05d" % (rid(inc, 8), r.randint(1000, 48000)),
                                "c.s.dispatch.routing.RoutingClient     : route solved stops=%d in %dms" % (r.randint(4, 32), r.randint(90, 900)),
                                "c.s.dispatch.api.ConsoleController     : GET /console/v2/depots/%s/board 200" % r.choice(DEPOTS)])
                k8s_log(inc, m, "dispatch", pod, "dispatch-api", "INFO", "%s  INFO 1 --- [nio-8080-exec-%d] %s" % (java_ts(t), r.randint(1, 40), msg))
            for m in inc.every(1.0):
                pod = r.choice(self.pods["dispatch-api"])
                k8s_log(inc, m, "dispatch", pod, "dispatch-api", "INFO", "%s  INFO 1 --- [   scheduling-1] c.s.dispatch.sla.SlaSweeper             : sla sweep done open_orders=%d late=%d" % (
                    java_ts(inc.t(m)), r.randint(1800, 5200), r.randint(0, 6)))
            for m in inc.times(0.2):
                pod = r.choice(self.pods["dispatch-api"])
                k8s_log(inc, m, "dispatch", pod, "dispatch-api", "WARNING", "%s  WARN 1 --- [nio-8080-exec-%d] o.h.engine.jdbc.spi.SqlExceptionHelper   : SQL Warning Code: 0, SQLState: 00000" % (java_ts(inc.t(m)), r.randint(1, 40)))
        # console LB requests (GKE ingress)
        if "dispatch-lb" not in sk:
            for m in inc.times(22 * L):
                p = r.choice(["/console/v2/depots/%s/board" % r.choice(DEPOTS), "/api/v1/orders/ORD-%s" % rid(inc, 8), "/api/v1/assignments",
                              "/api/v1/drivers/D-%05d/route" % r.randint(1000, 48000), "/console/v2/live"])
                ov = self.dispatch_lb_status(m, p) if self.dispatch_lb_status else None
                if ov:
                    st, lat, det = ov
                else:
                    st, lat, det = (200 if r.random() > 0.006 else 404), r.lognormvariate(-2.8, 0.5), "response_sent_by_backend"
                lb_request(inc, m, "dispatch.swiftlane.io", p, r.choice(["GET", "GET", "POST"]), st, lat,
                           "k8s1-5e0c7d1a-dispatch-dispatch-api-8080-7c1f2e9b", det)
        # ---- routing-engine (Go slog text)
        if "routing-engine" not in sk:
            for m in inc.times(10 * L):
                pod = r.choice(self.pods["routing-engine"])
                k8s_log(inc, m, "routing", pod, "routing-engine", "INFO", 'time=%s level=INFO msg="route solved" region=%s stops=%d legs=%d solve_ms=%d' % (
                    go_ts(inc.t(m)), r.choice(["us-midwest", "us-great-lakes", "us-plains"]), r.randint(3, 40), r.randint(3, 40), r.randint(40, 800)), stream="stderr")
            for m in inc.every(15.0):
                for pod in self.pods["routing-engine"]:
                    k8s_log(inc, m + r.uniform(0, 0.3), "routing", pod, "routing-engine", "INFO", 'time=%s level=INFO msg="graph snapshot current" region=us-midwest version=%s nodes=%d' % (
                        go_ts(inc.t(m)), "20260%d" % r.randint(10000, 99999), 18422113), stream="stderr")
        # ---- dispatch-worker (Python logging text)
        if "dispatch-worker" not in sk:
            for m in inc.times(6 * L):
                pod = r.choice(self.pods["dispatch-worker"])
                k8s_log(inc, m, "dispatch", pod, "dispatch-worker", "INFO", "%s INFO [dispatch_worker.optimizer] batch optimized depot=%s orders=%d drivers=%d took=%.1fs" % (
                    py_ts(inc.t(m)), r.choice(DEPOTS), r.randint(3, 40), r.randint(2, 30), r.uniform(2.0, 7.5)), stream="stderr")
        # ---- location-ingest (Go zap JSON with severity key)
        if "location-ingest" not in sk:
            for m in inc.times(12 * L):
                pod = r.choice(self.pods["location-ingest"])
                k8s_log(inc, m, "tracking", pod, "location-ingest", "INFO", {"severity": "INFO", "ts": round(inc.t(m).timestamp(), 3), "caller": "ingest/batch.go:88",
                        "msg": "flushed batch", "points": r.randint(400, 2600), "lag_ms": r.randint(80, 900)})
            for m in inc.times(0.6):
                pod = r.choice(self.pods["location-ingest"])
                k8s_log(inc, m, "tracking", pod, "location-ingest", "WARNING", {"severity": "WARNING", "ts": round(inc.t(m).timestamp(), 3), "caller": "ingest/validate.go:41",
                        "msg": "dropping out-of-order point", "driver_id": "D-%05d" % r.randint(1000, 48000), "age_s": r.randint(300, 4000)})
        # ---- scan-service (Python JSON severity/message)
        if "scan-service" not in sk:
            for m in inc.times(7 * L):
                pod = r.choice(self.pods["scan-service"])
                k8s_log(inc, m, "depot", pod, "scan-service", "INFO", {"severity": "INFO", "message": "scan recorded parcel=PCL%s depot=%s event=%s" % (
                    rid(inc, 9), r.choice(DEPOTS), r.choice(["INBOUND", "SORTED", "LOADED", "LOADED", "OUT_FOR_DELIVERY"])), "logger": "scans.api"})
        # ---- kube-system chatter
        for m in inc.times(1.2):
            node = "gke-dispatch-prod-pool-2-%s-%s" % (r.choice(["5b1c9e2a", "0f7d3a41", "c28e6b90"]), inc.hx(4))
            k8s_log(inc, m, "kube-system", "konnectivity-agent-%s-%s" % (inc.hx(10)[:9], rid(inc, 5).lower()), "konnectivity-agent", "INFO",
                    "I%s %d clientconn.go:%d] \"connection established\" serverID=\"%s\"" % (inc.t(m).strftime("%m%d %H:%M:%S.%f"), 1, r.randint(300, 320), inc.uid()), stream="stderr")
        for m in inc.every(5.0):
            k8s_log(inc, m, "kube-system", "gke-metrics-agent-%s" % rid(inc, 5).lower(), "gke-metrics-agent", "INFO",
                    "%s\tinfo\tprometheusreceiver@v0.92.0/metrics_receiver.go:231\tScrape job added\t{\"kind\": \"receiver\", \"name\": \"prometheus\"}" % go_ts(inc.t(m)), stream="stderr")
        # ---- Cloud SQL parcels-pg checkpoints / autovacuum
        if "sql" not in sk:
            for m in inc.every(5.0):
                t = inc.t(m)
                inc.emit(m, sql_res("parcels-pg"), "cloudsql.googleapis.com%2Fpostgres.log", "INFO", "textPayload",
                         "%s UTC [%d]: [1-1] db=,user= LOG:  checkpoint starting: time" % (t.strftime("%Y-%m-%d %H:%M:%S.") + "%03d" % (t.microsecond // 1000), 27))
                inc.emit(m + 2.4, sql_res("parcels-pg"), "cloudsql.googleapis.com%2Fpostgres.log", "INFO", "textPayload",
                         "%s UTC [%d]: [2-1] db=,user= LOG:  checkpoint complete: wrote %d buffers (%.1f%%); 0 WAL file(s) added, 0 removed, %d recycled; write=%.3f s, sync=0.%03d s, total=%.3f s" % (
                             inc.t(m + 2.4).strftime("%Y-%m-%d %H:%M:%S.%f")[:-3], 27, r.randint(1800, 9000), r.uniform(0.5, 3.0), r.randint(1, 4), r.uniform(100, 144), r.randint(1, 90), r.uniform(140, 150)))
            for m in inc.times(0.4):
                inc.emit(m, sql_res("parcels-pg"), "cloudsql.googleapis.com%2Fpostgres.log", "INFO", "textPayload",
                         "%s UTC [%d]: [1-1] db=parcels,user=cloudsqladmin LOG:  automatic vacuum of table \"parcels.public.%s\": index scans: 1" % (
                             inc.t(m).strftime("%Y-%m-%d %H:%M:%S.%f")[:-3], r.randint(20000, 90000), r.choice(["scan_events", "parcels", "stop_events", "notifications"])))
        # ---- Cloud Scheduler periodic jobs
        for m in inc.every(5.0):
            sched_attempt(inc, m, "stale-order-sweeper", "https://dispatch-internal.swiftlane.io/tasks/sweep-stale")
            sched_attempt(inc, m + 0.02, "stale-order-sweeper", "https://dispatch-internal.swiftlane.io/tasks/sweep-stale", finished=True)
        for m in inc.every(10.0):
            sched_attempt(inc, m, "eta-model-refresh", "https://eta-model-%s-uc.a.run.app/refresh" % PNUM[:6])
            sched_attempt(inc, m + 0.3, "eta-model-refresh", "https://eta-model-%s-uc.a.run.app/refresh" % PNUM[:6], finished=True)
        # ---- sms-status-webhook cloud function (gen1, Node text logs)
        if "sms" not in sk:
            for m in inc.times(9 * L):
                eid = inc.hx(12)
                inc.emit(m, fn_res("sms-status-webhook"), "cloudfunctions.googleapis.com%2Fcloud-functions", "INFO", "textPayload",
                         "status callback sid=SM%s status=%s to=+1312***%04d" % (inc.hx(32), r.choice(["sent", "delivered", "delivered", "delivered"]), r.randint(0, 9999)),
                         {"labels": {"execution_id": eid}})
        # ---- BigQuery scheduled load audit (data access)
        for m in inc.every(15.0):
            audit(inc, m, {"type": "bigquery_project", "labels": {"location": "US", "project_id": PROJECT}}, "bigquery.googleapis.com",
                  "google.cloud.bigquery.v2.JobService.InsertJob", "projects/%s/jobs/scheduled_query_%s" % (PROJECT, inc.hx(8)),
                  "service-%s@gcp-sa-bigquerydatatransfer.iam.gserviceaccount.com" % PNUM, log="data_access", sev="INFO",
                  metadata={"@type": "type.googleapis.com/google.cloud.audit.BigQueryAuditMetadata", "jobChange": {"job": {"jobName": "projects/%s/jobs/scheduled_query_%s" % (PROJECT, inc.hx(8)),
                            "jobConfig": {"type": "QUERY", "queryConfig": {"destinationTable": "projects/%s/datasets/ops_analytics/tables/stop_durations_hourly" % PROJECT}},
                            "jobStatus": {"jobState": "DONE"}}, "after": "DONE"}}, ua="BigQuery Data Transfer Service")


# ================================================================ DISTRACTORS (real, unrelated)
def d_apns(inc, bg, rate=0.5):
    rev = bg.revs["driver-api"]
    for m in inc.times(rate):
        run_log(inc, m, "driver-api", rev, "ERROR", {"severity": "ERROR", "message": "APNs push failed: BadDeviceToken",
                "device": inc.hx(8) + "…", "driver_id": "D-%05d" % inc.r.randint(1000, 48000), "pid": 1, "hostname": "localhost"})
    return "APNs push failed: BadDeviceToken"


def d_logo404(inc, bg, rate=0.4):
    rev = bg.revs["tracking-web"]
    for m in inc.times(rate):
        run_log(inc, m, "tracking-web", rev, "WARNING", "[%s +0000] [%d] [WARNING] carrier logo fetch failed: 404 from https://cdn.swiftlane.io/partners/%s/logo.svg" % (
            inc.t(m).strftime("%Y-%m-%d %H:%M:%S"), inc.r.randint(8, 14), inc.r.choice(["fastfreight", "nordpost", "bluebird-couriers"])), stream="stderr")
    return "carrier logo fetch failed"


def d_metabase(inc, bg, rate=0.3):
    for m in inc.times(rate):
        t = inc.t(m)
        pid = inc.r.randint(20000, 90000)
        inc.emit(m, sql_res("parcels-pg"), "cloudsql.googleapis.com%2Fpostgres.log", "ERROR", "textPayload",
                 "%s UTC [%d]: [1-1] db=parcels,user=metabase_ro FATAL:  password authentication failed for user \"metabase_ro\"" % (t.strftime("%Y-%m-%d %H:%M:%S.%f")[:-3], pid))
        inc.emit(m + 0.00001, sql_res("parcels-pg"), "cloudsql.googleapis.com%2Fpostgres.log", "INFO", "textPayload",
                 "%s UTC [%d]: [2-1] db=parcels,user=metabase_ro DETAIL:  Connection matched pg_hba.conf line 14: \"host all all all scram-sha-256\"" % (t.strftime("%Y-%m-%d %H:%M:%S.%f")[:-3], pid))
    return 'password authentication failed for user "metabase_ro"'


def d_fluentbit(inc, bg, rate=0.5):
    for m in inc.times(rate):
        k8s_log(inc, m, "kube-system", "fluentbit-gke-%s" % rid(inc, 5).lower(), "fluentbit", "WARNING",
                "[%s] [ warn] [engine] failed to flush chunk '1-%d.%06d.flb', retry in %d seconds: task_id=%d, input=tail.1 > output=stackdriver.0 (out_id=0)" % (
                    inc.t(m).strftime("%Y/%m/%d %H:%M:%S"), int(inc.t(m).timestamp()), inc.r.randint(0, 999999), inc.r.choice([7, 10, 14, 19]), inc.r.randint(0, 40)), stream="stderr")
    return "failed to flush chunk"


def d_legacy(inc, bg, rate=0.5):
    for m in inc.times(rate):
        pod = inc.r.choice(bg.pods["dispatch-api"])
        k8s_log(inc, m, "dispatch", pod, "dispatch-api", "WARNING", "%s  WARN 1 --- [nio-8080-exec-%d] c.s.dispatch.api.LegacyAssignShim        : Deprecated API /v1/legacy/assign called by client=console-v1 depot=%s; will be removed 2027-01-31" % (
            java_ts(inc.t(m)), inc.r.randint(1, 40), inc.r.choice(DEPOTS)))
    return "Deprecated API /v1/legacy/assign"


def d_twilio30003(inc, bg, rate=0.3):
    for m in inc.times(rate):
        inc.emit(m, fn_res("sms-status-webhook"), "cloudfunctions.googleapis.com%2Fcloud-functions", "WARNING", "textPayload",
                 "status callback sid=SM%s status=undelivered ErrorCode=30003 (Unreachable destination handset) to=+1414***%04d" % (inc.hx(32), inc.r.randint(0, 9999)),
                 {"labels": {"execution_id": inc.hx(12)}})
    return "ErrorCode=30003"


def d_bq_finance(inc, bg):
    for m in inc.every(8.0):
        audit(inc, m, {"type": "bigquery_project", "labels": {"location": "US", "project_id": PROJECT}}, "bigquery.googleapis.com",
              "google.cloud.bigquery.v2.JobService.InsertJob", "projects/%s/jobs/scheduled_query_6a1f0c2d" % PROJECT,
              "service-%s@gcp-sa-bigquerydatatransfer.iam.gserviceaccount.com" % PNUM, log="data_access", sev="ERROR",
              status={"code": 7, "message": "Access Denied: Table swiftlane-finance:billing.carrier_invoices: User does not have permission to query table swiftlane-finance:billing.carrier_invoices, or perhaps it does not exist."},
              ua="BigQuery Data Transfer Service")
    return "billing.carrier_invoices"


def d_probe(inc, bg, rate=0.25):
    pod = "metrics-exporter-7c9d5b4f6-" + rid(inc, 5).lower()
    for m in inc.times(rate):
        k8s_event(inc, m, "monitoring", "Pod", pod, "Unhealthy", "Readiness probe failed: Get \"http://10.8.%d.%d:9102/ready\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)" % (
            inc.r.randint(0, 7), inc.r.randint(2, 250)), etype="Warning", count=inc.r.randint(2, 400))
    return "metrics-exporter"


def d_webhook_sig(inc, bg, rate=0.3):
    for m in inc.times(rate):
        inc.emit(m, fn_res("sms-status-webhook"), "cloudfunctions.googleapis.com%2Fcloud-functions", "ERROR", "textPayload",
                 "Rejected request: invalid X-Twilio-Signature from %d.%d.%d.%d path=/%s" % (
                     inc.r.choice([45, 185, 193, 91]), inc.r.randint(1, 254), inc.r.randint(1, 254), inc.r.randint(1, 254), inc.r.choice(["", "wp-login.php", ".env", "status"])),
                 {"labels": {"execution_id": inc.hx(12)}})
    return "invalid X-Twilio-Signature"


def d_pgcheckpoint(inc, bg):
    for m in inc.every(6.0):
        t = inc.t(m)
        inc.emit(m, sql_res("parcels-pg"), "cloudsql.googleapis.com%2Fpostgres.log", "WARNING", "textPayload",
                 "%s UTC [27]: [3-1] db=,user= LOG:  checkpoints are occurring too frequently (%d seconds apart)" % (t.strftime("%Y-%m-%d %H:%M:%S.%f")[:-3], inc.r.randint(18, 28)))
        inc.emit(m + 0.00001, sql_res("parcels-pg"), "cloudsql.googleapis.com%2Fpostgres.log", "WARNING", "textPayload",
                 "%s UTC [27]: [4-1] db=,user= HINT:  Consider increasing the configuration parameter \"max_wal_size\"." % t.strftime("%Y-%m-%d %H:%M:%S.%f")[:-3])
    return "checkpoints are occurring too frequently"


def d_labelrender(inc, bg, rate=0.15):
    for m in inc.times(rate):
        inc.emit(m, fn_res("label-render"), "cloudfunctions.googleapis.com%2Fcloud-functions", "WARNING", "textPayload",
                 "Function execution took %d ms, finished with status: 'timeout'" % 60000, {"labels": {"execution_id": inc.hx(12)}})
    return "finished with status: 'timeout'"


def d_geoconf(inc, bg, rate=0.4):
    rev = bg.revs["address-service"]
    for m in inc.times(rate):
        run_log(inc, m, "address-service", rev, "WARNING", {"severity": "WARNING", "message": "low geocode confidence, using depot override",
                "confidence": round(inc.r.uniform(0.2, 0.5), 2), "postal_code": "%05d" % inc.r.randint(46000, 68000), "logger": "address.geocode"})
    return "low geocode confidence"


def d_guestagent(inc, bg, rate=0.2):
    for m in inc.times(rate):
        inc.emit(m, gce_res("4471920016634128804"), "GCEGuestAgent", "ERROR", "textPayload",
                 "Error watching metadata: context deadline exceeded", {"labels": {"instance_name": "tile-cache-1"}})
    return "Error watching metadata"


def d_grafana_cert(inc, bg):
    for m in inc.every(10.0):
        k8s_log(inc, m, "cert-manager", "cert-manager-6b8d9f7c5d-" + "x2kqp", "cert-manager-controller", "WARNING",
                "W%s       1 sync.go:%d] cert-manager/certificates-readiness \"msg\"=\"certificate renewal failed; will retry\" \"key\"=\"monitoring/grafana-internal-tls\" \"expires_in\"=\"11d\"" % (
                    inc.t(m).strftime("%m%d %H:%M:%S.%f"), 208), stream="stderr")
    return "grafana-internal-tls"


def d_dlq(inc, bg, rate=0.2):
    for m in inc.times(rate):
        inc.emit(m, {"type": "cloud_run_revision", "labels": {"configuration_name": "bq-loader", "location": REGION, "project_id": PROJECT,
                 "revision_name": "bq-loader-00031-vem", "service_name": "bq-loader"}}, "run.googleapis.com%2Fstdout", "WARNING", "jsonPayload",
                 {"severity": "WARNING", "message": "row rejected by BigQuery insertAll: invalid value for field 'weight_grams' (-1); forwarding to parcel-events-analytics-dlq",
                  "parcel_id": "PCL" + rid(inc, 9)})
    return "forwarding to parcel-events-analytics-dlq"


# ================================================================ SCENARIOS
def sc_ack_deadline(out):
    inc = Inc("dispatch-ack-deadline", "2026-02-17T16:10:00Z", 50, 1901)
    bg = Bg(inc, load=1.0)
    F = 9.2
    bg.skip.add("dispatch-worker")
    # the change
    audit(inc, F, {"type": "pubsub_subscription", "labels": {"project_id": PROJECT, "subscription_id": "dispatch-requests-optimizer"}},
          "pubsub.googleapis.com", "google.pubsub.v1.Subscriber.UpdateSubscription",
          "projects/%s/subscriptions/dispatch-requests-optimizer" % PROJECT, "terraform-ci@swiftlane-ops.iam.gserviceaccount.com",
          request={"@type": "type.googleapis.com/google.pubsub.v1.UpdateSubscriptionRequest",
                   "subscription": {"name": "projects/%s/subscriptions/dispatch-requests-optimizer" % PROJECT, "ackDeadlineSeconds": 10,
                                    "messageRetentionDuration": "604800s"},
                   "updateMask": "ackDeadlineSeconds,messageRetentionDuration"},
          response={"@type": "type.googleapis.com/google.pubsub.v1.Subscription", "name": "projects/%s/subscriptions/dispatch-requests-optimizer" % PROJECT,
                    "topic": "projects/%s/topics/dispatch-requests" % PROJECT, "ackDeadlineSeconds": 10,
                    "deadLetterPolicy": {"deadLetterTopic": "projects/%s/topics/dispatch-requests-dlq" % PROJECT, "maxDeliveryAttempts": 5}},
          ua="Terraform/1.9.8 (+https://www.terraform.io) terraform-provider-google/6.12.0")
    r = inc.r
    wp = bg.pods["dispatch-worker"]
    # dispatch-worker with synchronous pull; optimization takes 4-25s
    for m in inc.times(7):
        pod = r.choice(wp)
        took = r.uniform(3.0, 24.0) if r.random() < 0.6 else r.uniform(2.0, 8.0)
        depot = r.choice(DEPOTS)
        after = m > F + 0.5
        attempt = 1
        if after and took > 10:
            attempt = min(5, 1 + int((m - F) / 5) + r.randint(0, 2))
        ts = inc.t(m)
        if after and attempt > 1:
            k8s_log(inc, m - 0.001, "dispatch", pod, "dispatch-worker", "WARNING", "%s WARNING [dispatch_worker.consumer] message redelivered msg_id=%d delivery_attempt=%d depot=%s" % (
                py_ts(ts), r.randint(10**15, 10**16), attempt, depot), stream="stderr")
        k8s_log(inc, m, "dispatch", pod, "dispatch-worker", "INFO", "%s INFO [dispatch_worker.optimizer] batch optimized depot=%s orders=%d drivers=%d took=%.1fs" % (
            py_ts(ts), depot, r.randint(3, 40), r.randint(2, 30), took), stream="stderr")
        if after and took > 10 and r.random() < 0.7:
            k8s_log(inc, m + 0.0005, "dispatch", pod, "dispatch-worker", "WARNING", "%s WARNING [dispatch_worker.consumer] ack after %.1fs for msg_id=%d; lease may have expired" % (
                py_ts(inc.t(m + 0.0005)), took, r.randint(10**15, 10**16)), stream="stderr")
    # pull loop chatter
    for m in inc.times(2.0):
        pod = r.choice(wp)
        back = 0 if m < F + 2 else int((m - F) * 160 + r.randint(0, 300))
        k8s_log(inc, m, "dispatch", pod, "dispatch-worker", "INFO", "%s INFO [dispatch_worker.consumer] pull returned %d messages (max=20) backlog_est=%d" % (
            py_ts(inc.t(m)), r.randint(1, 20), back + r.randint(0, 40)), stream="stderr")
    # symptoms in dispatch-api: conflicts on duplicate offers
    for m in inc.times(5.5, F + 1.2):
        pod = r.choice(bg.pods["dispatch-api"])
        k8s_log(inc, m, "dispatch", pod, "dispatch-api", "WARNING", "%s  WARN 1 --- [nio-8080-exec-%d] c.s.dispatch.api.AssignmentService       : Assignment conflict: order ORD-%s already assigned to driver D-%05d (offer version %d != %d), rejecting duplicate offer" % (
            java_ts(inc.t(m)), r.randint(1, 40), rid(inc, 8), r.randint(1000, 48000), r.randint(2, 4), r.randint(4, 6)))
    for m in inc.every(1.0, F + 12):
        pod = r.choice(bg.pods["dispatch-api"])
        late = int((m - F - 10) * 14) + r.randint(0, 10)
        k8s_log(inc, m + 0.01, "dispatch", pod, "dispatch-api", "WARNING", "%s  WARN 1 --- [   scheduling-1] c.s.dispatch.sla.SlaSweeper             : %d orders unassigned for >15 min (oldest ORD-%s, depot %s)" % (
            java_ts(inc.t(m)), max(late, 3), rid(inc, 8), r.choice(DEPOTS)))
    # driver-api: 409 on offer accept
    def drv(m, path, meth):
        if m > F + 1.5 and "/route/next" in path and r.random() < 0.18:
            return 409, r.lognormvariate(-2.2, 0.5)
        return None
    bg.driver_status = drv
    for m in inc.times(1.2, F + 1.5):
        run_log(inc, m, "driver-api", bg.revs["driver-api"], "WARNING", {"severity": "WARNING", "message": "offer no longer valid for driver, already assigned elsewhere",
                "driver_id": "D-%05d" % r.randint(1000, 48000), "order_id": "ORD-" + rid(inc, 8), "pid": 1, "hostname": "localhost"})
    bg.run()
    dis = d_apns(inc, bg)
    dis2 = d_fluentbit(inc, bg, 0.3)
    n = inc.write(out, {
        "title": "Dispatch offers duplicated and orders left unassigned after the optimizer subscription's ack deadline was cut to 10s",
        "root_cause": {"evidence": ["UpdateSubscription", "ackDeadlineSeconds"], "category": "configuration",
                       "must_mention": ["deadline", "dispatch-requests-optimizer"]},
        "symptoms": [{"evidence": "already assigned to driver"}, {"evidence": "message redelivered"}, {"evidence": "unassigned for >15 min"}],
        "distractors": [{"evidence": dis}, {"evidence": dis2}], "priority": "P1"})
    return inc, n


def sc_maps_key(out):
    inc = Inc("geocode-key-referrer-restriction", "2026-04-22T09:00:00Z", 40, 1902)
    bg = Bg(inc, load=0.9)
    F = 6.3
    r = inc.r
    audit(inc, F, {"type": "audited_resource", "labels": {"method": "google.api.apikeys.v2.ApiKeys.UpdateKey", "project_id": PROJECT, "service": "apikeys.googleapis.com"}},
          "apikeys.googleapis.com", "google.api.apikeys.v2.ApiKeys.UpdateKey",
          "projects/%s/locations/global/keys/7f3c2a91-5d0e-4b8a-9c61-0e2d4f8a1b37" % PNUM, "dana.k@swiftlane.io",
          request={"@type": "type.googleapis.com/google.api.apikeys.v2.UpdateKeyRequest",
                   "key": {"name": "projects/%s/locations/global/keys/7f3c2a91-5d0e-4b8a-9c61-0e2d4f8a1b37" % PNUM, "displayName": "maps-server-geocoding",
                           "restrictions": {"browserKeyRestrictions": {"allowedReferrers": ["https://track.swiftlane.io/*", "https://*.swiftlane.io/*"]},
                                            "apiTargets": [{"service": "geocoding-backend.googleapis.com"}, {"service": "maps-backend.googleapis.com"}]}},
                   "updateMask": "restrictions"},
          ua="Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36,gzip(gfe)")
    audit(inc, F + 0.02, {"type": "audited_resource", "labels": {"method": "google.longrunning.Operations.GetOperation", "project_id": PROJECT, "service": "apikeys.googleapis.com"}},
          "apikeys.googleapis.com", "google.longrunning.Operations.GetOperation", "operations/akmf.p7-%s-%s" % (PNUM, inc.uid()), "dana.k@swiftlane.io", sev="INFO",
          ua="Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36,gzip(gfe)")
    rev = bg.revs["address-service"]
    P = F + 1.6  # propagation
    # address-service normal + failing geocodes
    for m in inc.times(11):
        if m < P or (m < P + 1.5 and r.random() < 0.5):
            run_log(inc, m, "address-service", rev, "INFO", {"severity": "INFO", "message": "geocoded address", "provider": "google",
                    "location_type": r.choice(["ROOFTOP", "ROOFTOP", "RANGE_INTERPOLATED"]), "latency_ms": r.randint(60, 260), "logger": "address.geocode"}, trace=True)
            run_request(inc, m, "address-service", rev, "address-svc-%s-uc.a.run.app" % PNUM[:6], "POST", "/v1/geocode", 200, r.lognormvariate(-2.2, 0.4), ua="order-intake/2.31.0 grpc-go")
        else:
            run_log(inc, m, "address-service", rev, "ERROR", {"severity": "ERROR", "message": "Geocoding failed: status=REQUEST_DENIED error_message='API keys with referer restrictions cannot be used with this API.'",
                    "provider": "google", "logger": "address.geocode", "attempt": r.choice([1, 2, 3])}, trace=True)
            run_request(inc, m, "address-service", rev, "address-svc-%s-uc.a.run.app" % PNUM[:6], "POST", "/v1/geocode", 502, r.lognormvariate(-2.5, 0.4), ua="order-intake/2.31.0 grpc-go")
    # order-intake: orders diverted to manual review
    orev = "order-intake-00207-fic"
    for m in inc.times(9):
        bad = m > P + 0.3 and r.random() < 0.93
        run_request(inc, m, "order-intake", orev, "api.swiftlane.io", "POST", "/v2/orders", 202 if bad else 201, r.lognormvariate(-1.9, 0.4),
                    ua=r.choice(["shopflow-connector/4.2", "python-requests/2.32.3", "SwiftlaneMerchant/3.0 (Shopify)"]))
        if bad:
            run_log(inc, m + 0.0004, "order-intake", orev, "WARNING", {"severity": "WARNING", "message": "order ORD-%s placed in MANUAL_ADDRESS_REVIEW: geocode unavailable" % rid(inc, 8),
                    "merchant": "M-%04d" % r.randint(10, 900)})
    for m in inc.every(2.0, P + 3):
        run_log(inc, m, "order-intake", orev, "WARNING", {"severity": "WARNING", "message": "manual address review queue depth %d exceeds threshold 200" % int(200 + (m - P) * 19 + r.randint(0, 20))})
    bg.run()
    dis = d_metabase(inc, bg)
    dis2 = d_geoconf(inc, bg)
    n = inc.write(out, {
        "title": "New orders diverted to manual address review: server geocoding key given browser referrer restrictions",
        "root_cause": {"evidence": ["ApiKeys.UpdateKey", "allowedReferrers"], "category": "configuration",
                       "must_mention": ["API key", "restriction"]},
        "symptoms": [{"evidence": "REQUEST_DENIED"}, {"evidence": "MANUAL_ADDRESS_REVIEW"}, {"evidence": "review queue depth"}],
        "distractors": [{"evidence": dis}, {"evidence": dis2}], "priority": "P2"})
    return inc, n


def sc_signed_url(out):
    inc = Inc("pod-photo-signed-url-ttl", "2026-05-12T13:25:00Z", 45, 1903)
    bg = Bg(inc, load=1.1, revs={"pod-upload": "pod-upload-00088-xuv"})
    r = inc.r
    rev = bg.revs["pod-upload"]
    # new instances of the bad revision keep starting (autoscaling) -> config lines recur
    for m in sorted(inc.times(0.32)):
        run_sys(inc, m, "pod-upload", rev, "Starting new instance. Reason: AUTOSCALING - Instance started due to configured scaling factors (e.g. CPU utilization, request throughput, etc.) or no existing capacity for current traffic.")
        run_log(inc, m + 0.02, "pod-upload", rev, "DEFAULT", {"level": "info", "ts": round(inc.t(m + 0.02).timestamp(), 4), "caller": "config/config.go:64",
                "msg": "config loaded", "bucket": "swiftlane-pod-photos", "signed_url_ttl": "15s", "signing": "v4", "max_photo_bytes": 8388608})
        run_log(inc, m + 0.03, "pod-upload", rev, "DEFAULT", {"level": "info", "ts": round(inc.t(m + 0.03).timestamp(), 4), "caller": "main.go:51", "msg": "listening", "addr": ":8080"})
        run_sys(inc, m + 0.031, "pod-upload", rev, "Default STARTUP TCP probe succeeded after 1 attempt for container \"pod-upload-1\" on port 8080.")
    # url issuance requests (more of them: app retries with fresh url)
    for m in inc.times(18):
        run_request(inc, m, "pod-upload", rev, "pod-upload-%s-uc.a.run.app" % PNUM[:6], "POST", "/v1/pod/upload-url", 200, r.lognormvariate(-3.5, 0.3))
        if r.random() < 0.3:
            run_log(inc, m + 0.0002, "pod-upload", rev, "DEFAULT", {"level": "info", "ts": round(inc.t(m).timestamp(), 4), "caller": "handler/url.go:77",
                    "msg": "issued upload url", "object": "pod/%s/STP-%s.jpg" % (inc.t(m).strftime("%Y/%m/%d"), rid(inc, 8))})
    # driver app reports failures back to driver-api
    drev = bg.revs["driver-api"]
    for m in inc.times(6.5):
        run_request(inc, m, "driver-api", drev, "driver.swiftlane.io", "POST", "/v1/stops/STP-%s/pod/upload-failed" % rid(inc, 8), 204, r.lognormvariate(-3.6, 0.3))
        run_log(inc, m + 0.0003, "driver-api", drev, "WARNING", {"severity": "WARNING", "message": "client reported POD upload failure",
                "code": "ExpiredToken", "details": "Request has expired: %d" % int(inc.t(m).timestamp() - r.randint(3, 40)), "http_status": 400,
                "attempt": r.randint(1, 4), "network": r.choice(["cellular", "cellular", "cellular", "wifi"]), "photo_kb": r.randint(900, 4200), "pid": 1, "hostname": "localhost"})
    for m in inc.times(2.2):
        pod = r.choice(bg.pods["dispatch-api"])
        k8s_log(inc, m, "dispatch", pod, "dispatch-api", "WARNING", "%s  WARN 1 --- [nio-8080-exec-%d] c.s.dispatch.pod.ProofOfDeliveryService  : stop STP-%s completed without proof-of-delivery photo after %d upload attempts (driver D-%05d)" % (
            java_ts(inc.t(m)), r.randint(1, 40), rid(inc, 8), r.randint(3, 5), r.randint(1000, 48000)))
    # the finalize function still sees a trickle of successful small uploads (wifi)
    for m in inc.times(1.4):
        inc.emit(m, fn_res("pod-finalize"), "cloudfunctions.googleapis.com%2Fcloud-functions", "INFO", "textPayload",
                 "finalized gs://swiftlane-pod-photos/pod/%s/STP-%s.jpg (%d bytes), thumbnail written" % (inc.t(m).strftime("%Y/%m/%d"), rid(inc, 8), r.randint(200000, 700000)),
                 {"labels": {"execution_id": inc.hx(12)}})
    for m in inc.every(5.0):
        pod = r.choice(bg.pods["dispatch-api"])
        k8s_log(inc, m, "dispatch", pod, "dispatch-api", "WARNING", "%s  WARN 1 --- [   scheduling-1] c.s.dispatch.pod.PodCoverageMonitor      : proof-of-delivery coverage last 15m %.1f%% (target 97%%)" % (
            java_ts(inc.t(m)), r.uniform(28, 41)))
    bg.run()
    dis = d_twilio30003(inc, bg)
    dis2 = d_legacy(inc, bg, 0.3)
    n = inc.write(out, {
        "title": "Proof-of-delivery photo uploads failing: pod-upload revision issues signed URLs that expire after 15 seconds",
        "root_cause": {"evidence": ["signed_url_ttl"], "category": "configuration", "must_mention": ["signed", "pod-upload"]},
        "symptoms": [{"evidence": "ExpiredToken"}, {"evidence": "without proof-of-delivery photo"}, {"evidence": "proof-of-delivery coverage"}],
        "distractors": [{"evidence": dis}, {"evidence": dis2}], "priority": "P2"})
    return inc, n


def sc_vpcsc(out):
    inc = Inc("routing-graph-vpc-sc-perimeter", "2026-06-03T11:40:00Z", 55, 1904)
    bg = Bg(inc, load=1.0)
    F = 12.4
    r = inc.r
    audit(inc, F, {"type": "audited_resource", "labels": {"method": "google.identity.accesscontextmanager.v1.AccessContextManager.UpdateServicePerimeter",
                                                        "project_id": "swiftlane-security", "service": "accesscontextmanager.googleapis.com"}},
          "accesscontextmanager.googleapis.com", "google.identity.accesscontextmanager.v1.AccessContextManager.UpdateServicePerimeter",
          "accessPolicies/558104227713/servicePerimeters/data_perimeter", "sec-automation@swiftlane-security.iam.gserviceaccount.com",
          request={"@type": "type.googleapis.com/google.identity.accesscontextmanager.v1.UpdateServicePerimeterRequest",
                   "servicePerimeter": {"name": "accessPolicies/558104227713/servicePerimeters/data_perimeter", "title": "data_perimeter",
                                        "status": {"resources": ["projects/731902551845", "projects/209117734430"],
                                                   "restrictedServices": ["storage.googleapis.com", "bigquery.googleapis.com"]},
                                        "useExplicitDryRunSpec": False},
                   "updateMask": "status.resources"},
          ua="Terraform/1.9.8 terraform-provider-google/6.12.0")
    # graph hot-reload every 5 min per pod; initial boot loads
    rpods = bg.pods["routing-engine"]
    bg.skip.add("routing-engine")
    for m in inc.times(10 * (1.0)):
        pod = r.choice(rpods[:6])
        k8s_log(inc, m, "routing", pod, "routing-engine", "INFO", 'time=%s level=INFO msg="route solved" region=%s stops=%d legs=%d solve_ms=%d' % (
            go_ts(inc.t(m)), r.choice(["us-midwest", "us-great-lakes", "us-plains"]), r.randint(3, 40), r.randint(3, 40), r.randint(40, 800) if m < 24 else r.randint(600, 3900)), stream="stderr")
    for m0 in inc.every(5.0):
        for pod in rpods:
            m = m0 + r.uniform(0, 0.4)
            if m < F + 0.6:
                k8s_log(inc, m, "routing", pod, "routing-engine", "INFO", 'time=%s level=INFO msg="graph snapshot current" region=us-midwest version=20260603-0400 nodes=18422113' % go_ts(inc.t(m)), stream="stderr")
            else:
                k8s_log(inc, m, "routing", pod, "routing-engine", "ERROR", 'time=%s level=ERROR msg="graph reload failed, keeping current snapshot" region=us-midwest object=gs://swiftlane-routing-graphs/us-midwest/20260603-1200/graph.osrm err="googleapi: Error 403: Request is prohibited by organization\'s policy. vpcServiceControlsUniqueIdentifier: %s, vpcServiceControls"' % (
                    go_ts(inc.t(m)), "X" + rid(inc, 30)), stream="stderr")
    # VPC-SC denial logs (policy log) from storage
    for m in inc.times(1.6, F + 0.5):
        audit(inc, m, {"type": "audited_resource", "labels": {"method": "google.storage.objects.get", "project_id": "swiftlane-data", "service": "storage.googleapis.com"}},
              "storage.googleapis.com", "google.storage.objects.get", "projects/_/buckets/swiftlane-routing-graphs/objects/us-midwest/20260603-1200/graph.osrm",
              "routing-engine@%s.iam.gserviceaccount.com" % PROJECT, log="policy", sev="ERROR",
              status={"code": 7, "details": [{"@type": "type.googleapis.com/google.rpc.PreconditionFailure", "violations": [{"type": "VPC_SERVICE_CONTROLS", "description": "X" + rid(inc, 30)}]}],
                      "message": "PERMISSION_DENIED"},
              metadata={"@type": "type.googleapis.com/google.cloud.audit.VpcServiceControlAuditMetadata", "violationReason": "RESOURCES_NOT_IN_SAME_SERVICE_PERIMETER",
                        "resourceNames": ["projects/209117734430"], "securityPolicyInfo": {"organizationId": "883311927455", "servicePerimeterName": "accessPolicies/558104227713/servicePerimeters/data_perimeter"},
                        "egressViolations": [{"servicePerimeter": "accessPolicies/558104227713/servicePerimeters/data_perimeter", "source": "projects/" + PNUM, "targetResource": "projects/209117734430"}]},
              ua="gcloud-golang-storage/1.43.0")
    # HPA ramps routing-engine for morning peak; new pods cannot load the graph at all -> CrashLoopBackOff
    newp = pods(inc, "routing-engine", 5)
    for i, p in enumerate(newp):
        m0 = 21 + i * 2.3
        k8s_event(inc, m0 - 0.05, "routing", "HorizontalPodAutoscaler", "routing-engine", "SuccessfulRescale", "New size: %d; reason: cpu resource utilization (percentage of request) above target" % (7 + i), component="horizontal-pod-autoscaler")
        k8s_event(inc, m0, "routing", "Pod", p, "Scheduled", "Successfully assigned routing/%s to gke-dispatch-prod-pool-2-0f7d3a41-%s" % (p, inc.hx(4)), component="default-scheduler")
        mm = m0 + 0.5
        restarts = 0
        while mm < inc.minutes:
            k8s_event(inc, mm, "routing", "Pod", p, "Started", "Started container routing-engine")
            k8s_log(inc, mm + 0.02, "routing", p, "routing-engine", "INFO", 'time=%s level=INFO msg="loading graph snapshot" region=us-midwest object=gs://swiftlane-routing-graphs/us-midwest/20260603-1200/graph.osrm' % go_ts(inc.t(mm + 0.02)), stream="stderr")
            k8s_log(inc, mm + 0.05, "routing", p, "routing-engine", "ERROR", 'time=%s level=ERROR msg="fatal: no graph snapshot available" region=us-midwest err="googleapi: Error 403: Request is prohibited by organization\'s policy. vpcServiceControlsUniqueIdentifier: %s, vpcServiceControls"' % (
                go_ts(inc.t(mm + 0.05)), "X" + rid(inc, 30)), stream="stderr")
            restarts += 1
            backoff = min(5.0, 0.17 * (2 ** restarts))
            k8s_event(inc, mm + 0.08, "routing", "Pod", p, "BackOff", "Back-off restarting failed container routing-engine in pod %s_routing(%s)" % (p, inc.uid()), etype="Warning", count=restarts)
            mm += 0.1 + backoff
    # callers: dispatch-api routing timeouts, driver-api /route/next 503s after ~24 min (capacity short)
    for m in inc.times(3.5, 25):
        pod = r.choice(bg.pods["dispatch-api"])
        k8s_log(inc, m, "dispatch", pod, "dispatch-api", "ERROR", "%s ERROR 1 --- [nio-8080-exec-%d] c.s.dispatch.routing.RoutingClient     : routing call timed out after 5000ms (depot=%s, stops=%d)" % (
            java_ts(inc.t(m)), r.randint(1, 40), r.choice(DEPOTS), r.randint(8, 40)))
    def drv(m, path, meth):
        if m > 26 and "/route/next" in path and r.random() < 0.25:
            return 503, r.uniform(5.0, 5.2)
        return None
    bg.driver_status = drv
    bg.run()
    dis = d_fluentbit(inc, bg)
    dis2 = d_bq_finance(inc, bg)
    n = inc.write(out, {
        "title": "Routing engine cannot load road-graph snapshots: graphs bucket's project added to a VPC Service Controls perimeter",
        "root_cause": {"evidence": ["UpdateServicePerimeter"], "category": "permissions", "must_mention": ["perimeter", "routing"]},
        "symptoms": [{"evidence": "graph reload failed"}, {"evidence": "no graph snapshot available"}, {"evidence": "routing call timed out"},
                     {"evidence": "Back-off restarting failed container routing-engine"}],
        "distractors": [{"evidence": dis}, {"evidence": dis2}], "priority": "P1"})
    return inc, n


def sc_key_collision(out):
    inc = Inc("eta-cache-redis-key-collision", "2026-07-09T18:05:00Z", 40, 1905)
    bg = Bg(inc, load=1.2)
    r = inc.r
    erev = "eta-cache-00001-wop"
    # eta-cache refresh loop (the cause, recurring)
    for m in inc.every(0.5, jitter=0.01):
        run_log(inc, m, "eta-cache", erev, "INFO", {"severity": "INFO", "message": "eta refresh wrote %d keys (pattern driver:{driver_id}, ttl 120s) to live-cache db0" % r.randint(1700, 2300),
                "logger": "eta_cache.refresh", "took_ms": r.randint(300, 900)})
    for m in inc.every(5.0):
        run_log(inc, m, "eta-cache", erev, "INFO", {"severity": "INFO", "message": "model features fetched from BigQuery ops_analytics.eta_features_v3", "rows": r.randint(30000, 42000), "logger": "eta_cache.features"})
    drev = bg.revs["driver-api"]
    def drv(m, path, meth):
        if ("/driver/state" in path or "/locations" in path or "/stops" in path) and r.random() < 0.34:
            return 500, r.lognormvariate(-3.5, 0.4)
        if "/auth/refresh" in path and r.random() < 0.4:
            return 401, r.lognormvariate(-3.6, 0.3)
        return None
    bg.driver_status = drv
    for m in inc.times(9):
        run_log(inc, m, "driver-api", drev, "ERROR", {"severity": "ERROR", "message": "ReplyError: WRONGTYPE Operation against a key holding the wrong kind of value",
                "command": r.choice(["HGETALL", "HSET", "HINCRBY"]), "args": ["driver:D-%05d" % r.randint(1000, 48000)], "pid": 1, "hostname": "localhost"}, stream="stderr", trace=True)
    for m in inc.times(3.5):
        run_log(inc, m, "driver-api", drev, "WARNING", {"severity": "WARNING", "message": "driver state missing, rebuilding from database",
                "driver_id": "D-%05d" % r.randint(1000, 48000), "pid": 1, "hostname": "localhost"})
    for m in inc.times(2.5):
        run_log(inc, m, "driver-api", drev, "INFO", {"severity": "INFO", "message": "session invalidated, forcing re-login",
                "driver_id": "D-%05d" % r.randint(1000, 48000), "reason": "state_unreadable", "pid": 1, "hostname": "localhost"})
    for m in inc.times(14):
        run_request(inc, m, "driver-api", drev, "driver.swiftlane.io", "POST", "/v1/auth/login", 200, r.lognormvariate(-1.6, 0.4))
    # Cloud SQL pressure from rebuilds
    for m in inc.times(0.5):
        inc.emit(m, sql_res("parcels-pg"), "cloudsql.googleapis.com%2Fpostgres.log", "INFO", "textPayload",
                 "%s UTC [%d]: [3-1] db=parcels,user=driver-api LOG:  duration: %d.%03d ms  execute <unnamed>: SELECT d.*, s.* FROM drivers d JOIN shifts s ON s.driver_id = d.id WHERE d.id = $1" % (
                     inc.t(m).strftime("%Y-%m-%d %H:%M:%S.%f")[:-3], r.randint(20000, 90000), r.randint(1000, 3800), r.randint(0, 999)))
    # live map stale warnings from tracking-web
    for m in inc.times(0.8):
        run_log(inc, m, "tracking-web", bg.revs["tracking-web"], "WARNING", "[%s +0000] [%d] [WARNING] driver position stale for parcel=PCL%s age=%ds" % (
            inc.t(m).strftime("%Y-%m-%d %H:%M:%S"), r.randint(8, 14), rid(inc, 9), r.randint(180, 900)), stream="stderr")
    bg.run()
    dis = d_logo404(inc, bg)
    dis2 = d_guestagent(inc, bg)
    n = inc.write(out, {
        "title": "Driver sessions broken by WRONGTYPE errors: new eta-cache service writes string keys into driver-api's driver:{id} hashes",
        "root_cause": {"evidence": ["eta refresh wrote"], "category": "code-bug", "must_mention": ["eta-cache", "key"]},
        "symptoms": [{"evidence": "WRONGTYPE"}, {"evidence": "driver state missing"}, {"evidence": "forcing re-login"}],
        "distractors": [{"evidence": dis}, {"evidence": dis2}], "priority": "P1"})
    return inc, n


def sc_dst(out):
    inc = Inc("roster-dst-nonexistent-time", "2026-03-07T20:03:00Z", 35, 1906)
    bg = Bg(inc, load=0.7, revs={"shift-planner": "shift-planner-00061-tuz"})
    r = inc.r
    srev = bg.revs["shift-planner"]
    url = "https://shift-planner-%s-uc.a.run.app/tasks/publish-roster" % PNUM[:6]
    depots = [("IND-3", "America/Indiana/Indianapolis"), ("CLE-1", "America/New_York"), ("CHI-1", "America/Chicago"), ("DET-2", "America/Detroit"),
              ("STL-1", "America/Chicago"), ("MSP-1", "America/Chicago"), ("COL-4", "America/New_York")]
    bad = {"CHI-1": "02:00", "DET-2": "02:30", "MSP-1": "02:15"}
    runs = [-2.9, 2.1, 7.1, 12.1, 17.2, 22.2, 27.2, 32.2]
    for i, m0 in enumerate(runs):
        sched_attempt(inc, m0, "roster-publish-daily", url)
        mm = m0 + 0.01
        run_log(inc, mm, "shift-planner", srev, "INFO", "%s INFO [roster.publish] publishing roster for 2026-03-08 (attempt %d), %d depots" % (py_ts(inc.t(mm)), i + 1, len(depots)), stream="stderr")
        for dep, tz in depots:
            mm += r.uniform(0.03, 0.12)
            if dep in bad:
                lines = ["Traceback (most recent call last):",
                         '  File "/app/roster/publish.py", line 88, in publish_depot',
                         "    shifts = build_shifts(depot, day)",
                         '  File "/app/roster/shifts.py", line 142, in build_shifts',
                         "    start = tz.localize(datetime.combine(day, tmpl.start_time), is_dst=None)",
                         '  File "/usr/local/lib/python3.11/site-packages/pytz/tzinfo.py", line 327, in localize',
                         "    raise NonExistentTimeError(dt)",
                         "pytz.exceptions.NonExistentTimeError: 2026-03-08 %s:00" % bad[dep]]
                run_log(inc, mm, "shift-planner", srev, "ERROR", "%s ERROR [roster.publish] depot %s (%s) failed" % (py_ts(inc.t(mm)), dep, tz), stream="stderr")
                for j, ln in enumerate(lines):
                    run_log(inc, mm + 0.00001 * (j + 1), "shift-planner", srev, "ERROR", ln, stream="stderr")
            else:
                run_log(inc, mm, "shift-planner", srev, "INFO", "%s INFO [roster.publish] depot %s published %d shifts" % (py_ts(inc.t(mm)), dep, r.randint(40, 160)), stream="stderr")
        mm += 0.02
        run_log(inc, mm, "shift-planner", srev, "ERROR", "%s ERROR [roster.publish] roster publish incomplete: 3 of %d depots failed" % (py_ts(inc.t(mm)), len(depots)), stream="stderr")
        run_request(inc, mm, "shift-planner", srev, "shift-planner-%s-uc.a.run.app" % PNUM[:6], "POST", "/tasks/publish-roster", 500, (mm - m0) * 60, ua="Google-Cloud-Scheduler")
        sched_attempt(inc, mm + 0.001, "roster-publish-daily", url, finished=True, status="INTERNAL", code=500)
    drev = bg.revs["driver-api"]
    def drv(m, path, meth):
        if "/v1/shifts" in path and r.random() < 0.3:
            return 404, r.lognormvariate(-3.4, 0.3)
        return None
    bg.driver_status = drv
    for m in inc.times(1.5):
        run_log(inc, m, "driver-api", drev, "WARNING", {"severity": "WARNING", "message": "roster not published for depot", "depot": r.choice(list(bad)), "date": "2026-03-08",
                "driver_id": "D-%05d" % r.randint(1000, 48000), "pid": 1, "hostname": "localhost"})
    for m in inc.times(0.15, 10):
        pod = r.choice(bg.pods["dispatch-api"])
        k8s_log(inc, m, "dispatch", pod, "dispatch-api", "WARNING", "%s  WARN 1 --- [nio-8080-exec-%d] c.s.dispatch.api.ConsoleController     : capacity plan for %s on 2026-03-08 has 0 driver shifts" % (
            java_ts(inc.t(m)), r.randint(1, 40), r.choice(list(bad))))
    bg.run()
    dis = d_legacy(inc, bg)
    dis2 = d_guestagent(inc, bg)
    n = inc.write(out, {
        "title": "Tomorrow's roster not published for three Central/Eastern depots: 02:00 shift start falls into the DST spring-forward gap",
        "root_cause": {"evidence": ["NonExistentTimeError"], "category": "code-bug", "must_mention": ["NonExistentTimeError", "2026-03-08"]},
        "symptoms": [{"evidence": "roster not published"}, {"evidence": "roster publish incomplete"}, {"evidence": "0 driver shifts"}],
        "distractors": [{"evidence": dis}, {"evidence": dis2}], "priority": "P2"})
    return inc, n


def sc_precompute(out):
    inc = Inc("route-precompute-utc-schedule", "2026-09-15T00:40:00Z", 50, 1907)
    bg = Bg(inc, load=1.25)
    r = inc.r
    F = 20.0
    url = "https://run.googleapis.com/v2/projects/%s/locations/%s/jobs/route-precompute:run" % (PROJECT, REGION)
    sched_attempt(inc, F, "route-precompute-nightly", url)
    sched_attempt(inc, F + 0.01, "route-precompute-nightly", url, finished=True)
    audit(inc, F + 0.005, job_res("route-precompute"), "run.googleapis.com", "google.cloud.run.v2.Jobs.RunJob",
          "projects/%s/locations/%s/jobs/route-precompute" % (PROJECT, REGION), "scheduler-invoker@%s.iam.gserviceaccount.com" % PROJECT,
          request={"@type": "type.googleapis.com/google.cloud.run.v2.RunJobRequest", "name": "projects/%s/locations/%s/jobs/route-precompute" % (PROJECT, REGION)},
          ua="Google-Cloud-Scheduler", sev="NOTICE")
    ex = "route-precompute-7x2qd"
    jr = job_res("route-precompute")
    for task in range(32):
        m0 = F + 0.4 + r.uniform(0, 0.3)
        inc.emit(m0, jr, "run.googleapis.com%2Fstdout", "INFO", "textPayload",
                 "%s INFO route_precompute: task %d/32 starting: depots=%s" % (py_ts(inc.t(m0)), task, ",".join(r.sample(DEPOTS, 3))),
                 {"labels": {"run.googleapis.com/execution_name": ex, "run.googleapis.com/task_index": str(task), "run.googleapis.com/task_attempt": "0"}})
        mm = m0
        while mm < inc.minutes:
            mm += r.uniform(1.5, 4.0)
            inc.emit(mm, jr, "run.googleapis.com%2Fstdout", "INFO", "textPayload",
                     "%s INFO route_precompute: task %d/32 depot %s: %d stops clustered, %d candidate routes written" % (py_ts(inc.t(mm)), task, r.choice(DEPOTS), r.randint(400, 1600), r.randint(30, 140)),
                     {"labels": {"run.googleapis.com/execution_name": ex, "run.googleapis.com/task_index": str(task), "run.googleapis.com/task_attempt": "0"}})
    inc.emit(F + 0.38, jr, "run.googleapis.com%2Fstdout", "INFO", "textPayload",
             "%s INFO route_precompute: Starting nightly route precompute for service date 2026-09-15: 412 depots, 38211 stops, parallelism=32, db=dispatch-alloy primary" % py_ts(inc.t(F + 0.38)),
             {"labels": {"run.googleapis.com/execution_name": ex, "run.googleapis.com/task_index": "0", "run.googleapis.com/task_attempt": "0"}})
    ares = alloy_res("dispatch-alloy", "dispatch-alloy-primary")
    for m in inc.times(4.0, F + 1.0):
        inc.emit(m, ares, "alloydb.googleapis.com%2Fpostgres.log", "INFO", "textPayload",
                 "%s UTC [%d]: [1-1] db=dispatch,user=route_precompute LOG:  duration: %d.%03d ms  execute <unnamed>: SELECT s.id, s.geom, s.window_start, s.window_end FROM stops s JOIN orders o ON o.id = s.order_id WHERE o.service_date = $1 AND s.depot_id = $2 ORDER BY s.window_start" % (
                     inc.t(m).strftime("%Y-%m-%d %H:%M:%S.%f")[:-3], r.randint(20000, 90000), r.randint(8000, 52000), r.randint(0, 999)))
    for m in inc.times(6.0, F + 3.0):
        inc.emit(m, ares, "alloydb.googleapis.com%2Fpostgres.log", "INFO", "textPayload",
                 "%s UTC [%d]: [1-1] db=dispatch,user=dispatch_api LOG:  duration: %d.%03d ms  execute S_%d: UPDATE assignments SET state = $1, version = version + 1 WHERE order_id = $2 AND version = $3" % (
                     inc.t(m).strftime("%Y-%m-%d %H:%M:%S.%f")[:-3], r.randint(20000, 90000), r.randint(1200, 9000), r.randint(0, 999), r.randint(1, 30)))
    for m in inc.times(4.0, F + 4.0):
        pod = r.choice(bg.pods["dispatch-api"])
        k8s_log(inc, m, "dispatch", pod, "dispatch-api", "WARNING", "%s  WARN 1 --- [nio-8080-exec-%d] com.zaxxer.hikari.pool.HikariPool        : HikariPool-1 - Connection is not available, request timed out after 30000ms (total=40, active=40, idle=0, waiting=%d)." % (
            java_ts(inc.t(m)), r.randint(1, 40), r.randint(20, 180)))
    for m in inc.times(2.0, F + 4.5):
        pod = r.choice(bg.pods["dispatch-api"])
        t = inc.t(m)
        k8s_log(inc, m, "dispatch", pod, "dispatch-api", "ERROR", "%s ERROR 1 --- [nio-8080-exec-%d] o.a.c.c.C.[.[.[/].[dispatcherServlet]    : Servlet.service() for servlet [dispatcherServlet] threw exception" % (java_ts(t), r.randint(1, 40)))
        for j, ln in enumerate(["org.springframework.jdbc.CannotGetJdbcConnectionException: Failed to obtain JDBC Connection",
                                "\tat org.springframework.jdbc.datasource.DataSourceUtils.getConnection(DataSourceUtils.java:84)",
                                "\tat org.springframework.jdbc.core.JdbcTemplate.execute(JdbcTemplate.java:653)",
                                "\tat com.swiftlane.dispatch.api.AssignmentService.accept(AssignmentService.java:211)",
                                "Caused by: java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 30000ms.",
                                "\t... 118 common frames omitted"]):
            k8s_log(inc, m + 0.000002 * (j + 1), "dispatch", pod, "dispatch-api", "ERROR", ln)
    def drv(m, path, meth):
        if m > F + 4 and ("/route/next" in path or "complete" in path or "arrive" in path):
            if r.random() < 0.3:
                return 504, r.uniform(29.5, 30.1)
            return 200, r.lognormvariate(0.6, 0.5)
        return None
    bg.driver_status = drv
    def lb(m, p):
        if m > F + 4 and r.random() < 0.2:
            return 502, r.uniform(30, 31), "backend_timeout"
        return None
    bg.dispatch_lb_status = lb
    bg.run()
    dis = d_bq_finance(inc, bg)
    dis2 = d_dlq(inc, bg)
    n = inc.write(out, {
        "title": "Evening dispatch timeouts: nightly route precompute fired at 01:00 UTC (20:00 local peak) after its scheduler job was recreated with the UTC default",
        "root_cause": {"evidence": ["nightly route precompute", "route-precompute-nightly"], "category": "configuration",
                       "must_mention": ["route-precompute", "UTC"]},
        "symptoms": [{"evidence": "Connection is not available"}, {"evidence": "Failed to obtain JDBC Connection"}, {"evidence": "UPDATE assignments"}],
        "distractors": [{"evidence": dis}, {"evidence": dis2}], "priority": "P1"})
    return inc, n


def sc_selector(out):
    inc = Inc("dispatch-service-selector-mismatch", "2026-10-20T14:15:00Z", 35, 1908)
    bg = Bg(inc, load=1.0)
    r = inc.r
    F = 8.1
    argo = "argocd-application-controller-0"
    for m in inc.every(3.0):
        k8s_log(inc, m, "argocd", argo, "argocd-application-controller", "INFO", 'time="%s" level=info msg="Skipping auto-sync: application status is Synced" application=argocd/%s' % (
            inc.t(m).strftime("%Y-%m-%dT%H:%M:%SZ"), r.choice(["tracking-ingest", "routing-engine", "kube-prometheus"])), stream="stderr")
    k8s_log(inc, F - 0.05, "argocd", argo, "argocd-application-controller", "INFO", 'time="%s" level=info msg="Initiated automated sync to \'a91c3e07f2\'" application=argocd/dispatch-api dest-namespace=dispatch' % inc.t(F - 0.05).strftime("%Y-%m-%dT%H:%M:%SZ"), stream="stderr")
    k8s_log(inc, F + 0.01, "argocd", argo, "argocd-application-controller", "INFO", 'time="%s" level=info msg="Applying resource Service/dispatch-api in cluster: https://34.118.224.1:443, namespace: dispatch"' % inc.t(F).strftime("%Y-%m-%dT%H:%M:%SZ"), stream="stderr")
    k8s_log(inc, F + 0.02, "argocd", argo, "argocd-application-controller", "INFO", 'time="%s" level=info msg="Updating operation state. phase: Running -> Succeeded, message: successfully synced (all tasks run)" application=argocd/dispatch-api' % inc.t(F + 0.02).strftime("%Y-%m-%dT%H:%M:%SZ"), stream="stderr")
    audit(inc, F, k8s_cluster_res(), "k8s.io", "io.k8s.core.v1.services.patch", "core/v1/namespaces/dispatch/services/dispatch-api",
          "system:serviceaccount:argocd:argocd-application-controller",
          request={"@type": "k8s.io/Patch", "metadata": {"labels": {"helm.sh/chart": "dispatch-api-3.0.0"}},
                   "spec": {"selector": {"app.kubernetes.io/name": "dispatch-api", "app.kubernetes.io/instance": "dispatch-api", "app": None}}},
          response={"@type": "core.k8s.io/v1.Service", "apiVersion": "v1", "kind": "Service", "metadata": {"name": "dispatch-api", "namespace": "dispatch"},
                    "spec": {"selector": {"app.kubernetes.io/instance": "dispatch-api", "app.kubernetes.io/name": "dispatch-api"}, "type": "ClusterIP",
                             "ports": [{"name": "http", "port": 8080, "targetPort": 8080}]}},
          ua="argocd-application-controller/v2.12.4", ip="10.8.2.41")
    audit(inc, F + 0.003, k8s_cluster_res(), "k8s.io", "io.k8s.apps.v1.deployments.patch", "apps/v1/namespaces/dispatch/deployments/dispatch-api",
          "system:serviceaccount:argocd:argocd-application-controller",
          request={"@type": "k8s.io/Patch", "metadata": {"labels": {"helm.sh/chart": "dispatch-api-3.0.0"}}},
          ua="argocd-application-controller/v2.12.4", ip="10.8.2.41")
    k8s_event(inc, F + 0.1, "dispatch", "Service", "dispatch-api", "Detach", "Detach 4 network endpoint(s) (NEG \"k8s1-5e0c7d1a-dispatch-dispatch-api-8080-7c1f2e9b\" in zone \"us-central1-a\")", component="neg-controller")
    k8s_event(inc, F + 0.12, "dispatch", "Service", "dispatch-api", "Detach", "Detach 3 network endpoint(s) (NEG \"k8s1-5e0c7d1a-dispatch-dispatch-api-8080-7c1f2e9b\" in zone \"us-central1-c\")", component="neg-controller")
    def lb(m, p):
        if m > F + 0.25:
            return 502, r.uniform(0.001, 0.004), "failed_to_pick_backend"
        return None
    bg.dispatch_lb_status = lb
    # dispatch-api itself: traffic disappears after F (only scheduled jobs keep logging)
    bg.skip.add("dispatch-api")
    for m in inc.times(14, 0, F + 0.2):
        pod = r.choice(bg.pods["dispatch-api"])
        k8s_log(inc, m, "dispatch", pod, "dispatch-api", "INFO", "%s  INFO 1 --- [nio-8080-exec-%d] c.s.dispatch.api.AssignmentController  : offer created order=ORD-%s driver=D-%05d eta=%dmin" % (
            java_ts(inc.t(m)), r.randint(1, 40), rid(inc, 8), r.randint(1000, 48000), r.randint(4, 45)))
    for m in inc.every(1.0):
        pod = r.choice(bg.pods["dispatch-api"])
        k8s_log(inc, m, "dispatch", pod, "dispatch-api", "INFO", "%s  INFO 1 --- [   scheduling-1] c.s.dispatch.sla.SlaSweeper             : sla sweep done open_orders=%d late=%d" % (
            java_ts(inc.t(m)), int(2400 + max(0, m - F) * 60), r.randint(0, 6) if m < F + 5 else int((m - F) * 30)))
    # lb console traffic still generated by bg via hook; add more requests for LB
    # driver-api -> dispatch-api over cluster DNS fails with ECONNREFUSED
    drev = bg.revs["driver-api"]
    def drv(m, path, meth):
        if m > F + 0.2 and ("/route/next" in path or "complete" in path or "arrive" in path):
            return 503, r.lognormvariate(-3.0, 0.4)
        return None
    bg.driver_status = drv
    for m in inc.times(20, F + 0.2):
        run_log(inc, m, "driver-api", drev, "ERROR", {"severity": "ERROR", "message": "dispatch upstream error: connect ECONNREFUSED 10.8.12.217:8080",
                "upstream": "http://dispatch-api.dispatch.svc.cluster.local:8080", "route": r.choice(["GET /v1/route/next", "POST /v1/stops/:id/complete", "POST /v1/stops/:id/arrive"]),
                "pid": 1, "hostname": "localhost"}, stream="stderr", trace=True)
    for m in inc.times(2, F + 0.2):
        pod = r.choice(bg.pods["dispatch-worker"])
        k8s_log(inc, m, "dispatch", pod, "dispatch-worker", "ERROR", "%s ERROR [dispatch_worker.publish] POST http://dispatch-api.dispatch.svc.cluster.local:8080/internal/offers failed: [Errno 111] Connection refused; nacking" % py_ts(inc.t(m)), stream="stderr")
    bg.run()
    dis = d_probe(inc, bg)
    dis2 = d_grafana_cert(inc, bg)
    n = inc.write(out, {
        "title": "Dispatch down: chart 3.0.0 changed the dispatch-api Service selector to labels the running pods do not carry",
        "root_cause": {"evidence": ["services.patch", "app.kubernetes.io/name"], "category": "configuration", "must_mention": ["selector", "dispatch-api"]},
        "symptoms": [{"evidence": "failed_to_pick_backend"}, {"evidence": "ECONNREFUSED"}, {"evidence": "Detach 4 network endpoint"}],
        "distractors": [{"evidence": dis}, {"evidence": dis2}], "priority": "P0"})
    return inc, n


def sc_seek(out):
    inc = Inc("notify-subscription-seek-replay", "2026-11-24T15:30:00Z", 45, 1909)
    bg = Bg(inc, load=1.0)
    r = inc.r
    F = 5.6
    audit(inc, F, {"type": "pubsub_subscription", "labels": {"project_id": PROJECT, "subscription_id": "parcel-status-notify"}},
          "pubsub.googleapis.com", "google.pubsub.v1.Subscriber.Seek", "projects/%s/subscriptions/parcel-status-notify" % PROJECT, "sam.o@swiftlane.io",
          request={"@type": "type.googleapis.com/google.pubsub.v1.SeekRequest", "subscription": "projects/%s/subscriptions/parcel-status-notify" % PROJECT,
                   "time": "2026-11-22T15:00:00Z"},
          response={"@type": "type.googleapis.com/google.pubsub.v1.SeekResponse"}, ua="google-cloud-sdk gcloud/502.0.0 command/gcloud.pubsub.subscriptions.seek")
    # intended target (analytics) – the engineer realises later and seeks the right one too
    audit(inc, 31.2, {"type": "pubsub_subscription", "labels": {"project_id": PROJECT, "subscription_id": "parcel-status-analytics"}},
          "pubsub.googleapis.com", "google.pubsub.v1.Subscriber.Seek", "projects/%s/subscriptions/parcel-status-analytics" % PROJECT, "sam.o@swiftlane.io",
          request={"@type": "type.googleapis.com/google.pubsub.v1.SeekRequest", "subscription": "projects/%s/subscriptions/parcel-status-analytics" % PROJECT,
                   "time": "2026-11-22T15:00:00Z"},
          response={"@type": "type.googleapis.com/google.pubsub.v1.SeekResponse"}, ua="google-cloud-sdk gcloud/502.0.0 command/gcloud.pubsub.subscriptions.seek")
    nrev = bg.revs["notify-gateway"]
    host = "notify-gateway-%s-uc.a.run.app" % PNUM[:6]
    # push deliveries to notify-gateway
    for m in inc.times(12):
        run_request(inc, m, "notify-gateway", nrev, host, "POST", "/push/parcel-status", 204, r.lognormvariate(-2.4, 0.4), ua="APIs-Google; (+https://developers.google.com/webmasters/APIs-Google.html)")
    for m in inc.times(95, F + 0.3):
        st = 204 if r.random() > 0.22 else 429
        run_request(inc, m, "notify-gateway", nrev, host, "POST", "/push/parcel-status", st, r.lognormvariate(-2.2, 0.5), ua="APIs-Google; (+https://developers.google.com/webmasters/APIs-Google.html)")
    for m in inc.times(6):
        run_log(inc, m, "notify-gateway", nrev, "INFO", {"severity": "INFO", "message": "sms sent template=%s parcel=PCL%s" % (r.choice(["out_for_delivery", "eta_update", "delivered"]), rid(inc, 9)),
                "event_age_s": r.randint(2, 40)})
    for m in inc.times(38, F + 0.3):
        age = r.randint(150000, 175000)
        run_log(inc, m, "notify-gateway", nrev, "INFO", {"severity": "INFO", "message": "sms sent template=%s parcel=PCL%s" % (r.choice(["out_for_delivery", "eta_update", "delivered", "delivered"]), rid(inc, 9)),
                "event_age_s": age})
    for m in inc.times(7, F + 1.0):
        run_log(inc, m, "notify-gateway", nrev, "WARNING", {"severity": "WARNING", "message": "Twilio returned 429 Too Many Requests (code 20429); asking Pub/Sub to redeliver",
                "parcel": "PCL" + rid(inc, 9)})
    # tracking-updater: stale events ignored / some regress
    tp = pods(inc, "tracking-updater", 2)
    for m in inc.times(20, F + 0.3):
        k8s_log(inc, m, "tracking", r.choice(tp), "tracking-updater", "WARNING", {"severity": "WARNING", "msg": "stale status event ignored", "parcel": "PCL" + rid(inc, 9),
                "event_status": r.choice(["OUT_FOR_DELIVERY", "LOADED", "SORTED"]), "current_status": "DELIVERED", "event_time": "2026-11-2%dT%02d:%02d:%02dZ" % (r.choice([2, 3]), r.randint(0, 23), r.randint(0, 59), r.randint(0, 59))})
    # inbound customer replies
    for m in inc.times(3.0, F + 3):
        inc.emit(m, fn_res("sms-inbound-webhook"), "cloudfunctions.googleapis.com%2Fcloud-functions", "INFO", "textPayload",
                 "inbound sms from=+1%03d***%04d body=%r matched_keyword=%s" % (r.randint(200, 990), r.randint(0, 9999), r.choice(["STOP", "stop", "Already got it??", "why am I getting this again", "STOP"]), r.choice(["STOP", "NONE"])),
                 {"labels": {"execution_id": inc.hx(12)}})
    for m in inc.every(2.0):
        backlog = 300 + r.randint(0, 200) if m < F else int(1450000 - (m - F) * 21000)
        run_log(inc, m, "notify-gateway", nrev, "INFO", {"severity": "INFO", "message": "subscription stats parcel-status-notify undelivered=%d oldest_unacked_age_s=%d" % (backlog, 20 if m < F else 172000 - int((m - F) * 60 * 3))})
    bg.run()
    dis = d_labelrender(inc, bg)
    dis2 = d_webhook_sig(inc, bg)
    n = inc.write(out, {
        "title": "Customers re-sent two days of parcel SMS: the notify subscription was seeked back 48h instead of the analytics one",
        "root_cause": {"evidence": ["Subscriber.Seek"], "category": "other", "must_mention": ["seek", "parcel-status-notify"]},
        "symptoms": [{"evidence": "code 20429"}, {"evidence": "stale status event ignored"}, {"evidence": "inbound sms"}],
        "distractors": [{"evidence": dis}, {"evidence": dis2}], "priority": "P2"})
    return inc, n


def sc_serializable(out):
    inc = Inc("parcels-pg-serializable-flag", "2026-08-06T11:20:00Z", 45, 1910)
    bg = Bg(inc, load=1.1)
    r = inc.r
    F = 10.3
    audit(inc, F, sql_res("parcels-pg"), "cloudsql.googleapis.com", "cloudsql.instances.update", "projects/%s/instances/parcels-pg" % PROJECT,
          "dba-automation@swiftlane-ops.iam.gserviceaccount.com",
          request={"@type": "type.googleapis.com/google.cloud.sql.v1beta4.SqlInstancesUpdateRequest", "project": PROJECT, "instance": "parcels-pg",
                   "body": {"settings": {"databaseFlags": [{"name": "default_transaction_isolation", "value": "serializable"},
                                                           {"name": "log_min_duration_statement", "value": "1000"},
                                                           {"name": "cloudsql.iam_authentication", "value": "on"}]}}},
          ua="google-api-python-client/2.151.0 (gzip)")
    t = inc.t(F + 0.4037)
    ts = t.strftime("%Y-%m-%d %H:%M:%S.%f")[:-3]
    inc.emit(F + 0.4, sql_res("parcels-pg"), "cloudsql.googleapis.com%2Fpostgres.log", "INFO", "textPayload", "%s UTC [1]: [9-1] db=,user= LOG:  received SIGHUP, reloading configuration files" % ts)
    inc.emit(F + 0.4001, sql_res("parcels-pg"), "cloudsql.googleapis.com%2Fpostgres.log", "INFO", "textPayload", "%s UTC [1]: [10-1] db=,user= LOG:  parameter \"default_transaction_isolation\" changed to \"serializable\"" % ts)
    inc.emit(F + 0.4002, sql_res("parcels-pg"), "cloudsql.googleapis.com%2Fpostgres.log", "INFO", "textPayload", "%s UTC [1]: [11-1] db=,user= LOG:  parameter \"log_min_duration_statement\" changed to \"1000\"" % ts)
    inc.emit(F + 0.5, sql_res("parcels-pg"), "cloudsql.googleapis.com%2Fpostgres.log", "INFO", "textPayload", "%s UTC [1]: [12-1] db=,user= LOG:  parameter \"cloudsql.iam_authentication\" changed to \"on\"" % ts)
    S = F + 0.8
    for m in inc.times(9, S):
        pid = r.randint(20000, 90000)
        ts = inc.t(m).strftime("%Y-%m-%d %H:%M:%S.%f")[:-3]
        user = r.choice(["scan-service", "scan-service", "driver-api"])
        inc.emit(m, sql_res("parcels-pg"), "cloudsql.googleapis.com%2Fpostgres.log", "ERROR", "textPayload",
                 "%s UTC [%d]: [5-1] db=parcels,user=%s ERROR:  could not serialize access due to read/write dependencies among transactions" % (ts, pid, user))
        inc.emit(m + 0.00001, sql_res("parcels-pg"), "cloudsql.googleapis.com%2Fpostgres.log", "ERROR", "textPayload",
                 "%s UTC [%d]: [6-1] db=parcels,user=%s DETAIL:  Reason code: Canceled on identification as a pivot, during %s." % (ts, pid, user, r.choice(["commit attempt", "write", "conflict out checking"])))
        inc.emit(m + 0.00002, sql_res("parcels-pg"), "cloudsql.googleapis.com%2Fpostgres.log", "ERROR", "textPayload",
                 "%s UTC [%d]: [7-1] db=parcels,user=%s HINT:  The transaction might succeed if retried." % (ts, pid, user))
    for m in inc.times(4, S):
        pid = r.randint(20000, 90000)
        inc.emit(m, sql_res("parcels-pg"), "cloudsql.googleapis.com%2Fpostgres.log", "INFO", "textPayload",
                 "%s UTC [%d]: [3-1] db=parcels,user=scan-service LOG:  duration: %d.%03d ms  execute <unnamed>: UPDATE parcels SET status = $1, last_scan_at = $2, version = version + 1 WHERE id = $3" % (
                     inc.t(m).strftime("%Y-%m-%d %H:%M:%S.%f")[:-3], pid, r.randint(1000, 4800), r.randint(0, 999)))
    sp = bg.pods["scan-service"]
    for m in inc.times(5, S):
        pod = r.choice(sp)
        k8s_log(inc, m, "depot", pod, "scan-service", "ERROR", {"severity": "ERROR", "message": "scan write failed after 3 retries: psycopg.errors.SerializationFailure: could not serialize access due to read/write dependencies among transactions",
                "parcel": "PCL" + rid(inc, 9), "depot": r.choice(DEPOTS), "logger": "scans.api"})
    # handheld scanner API via LB (scans host) -> 500s
    for m in inc.times(30):
        bad = m > S and r.random() < 0.38
        lb_request(inc, m, "scan.swiftlane.io", "/v1/scans", "POST", 500 if bad else 201, r.lognormvariate(-1.2, 0.4) if bad else r.lognormvariate(-2.8, 0.4),
                   "k8s1-5e0c7d1a-depot-scan-service-8080-1d2a0b4e", ua="ZebraScanner/TC52 SwiftlaneDepot/1.18.0")
    def drv(m, path, meth):
        if m > S and "complete" in path and r.random() < 0.2:
            return 500, r.lognormvariate(-1.5, 0.4)
        return None
    bg.driver_status = drv
    for m in inc.every(1.0, S + 3):
        pod = r.choice(sp)
        k8s_log(inc, m, "depot", pod, "scan-service", "WARNING", {"severity": "WARNING", "message": "depot sort backlog %d parcels unscanned at %s" % (int((m - S) * 45 + r.randint(0, 30)), r.choice(DEPOTS)), "logger": "scans.monitor"})
    bg.run()
    dis = d_pgcheckpoint(inc, bg)
    dis2 = d_apns(inc, bg, 0.4)
    n = inc.write(out, {
        "title": "Depot scans and stop completions failing with serialization errors after parcels-pg default isolation was set to serializable",
        "root_cause": {"evidence": ["default_transaction_isolation"], "category": "database", "must_mention": ["serializable", "parcels-pg"]},
        "symptoms": [{"evidence": "could not serialize access"}, {"evidence": "scan write failed"}, {"evidence": "sort backlog"}],
        "distractors": [{"evidence": dis}, {"evidence": dis2}], "priority": "P1"})
    return inc, n


def sc_maxclients(out):
    inc = Inc("live-cache-redis-maxclients", "2026-05-28T17:50:00Z", 40, 1911)
    bg = Bg(inc, load=1.3)
    r = inc.r
    lp = bg.pods["location-ingest"]
    # new pods from HPA keep starting; each logs its pool config (the cause)
    newp = pods(inc, "location-ingest", 9)
    starts = sorted(r.uniform(1, 30) for _ in newp)
    full_at = starts[2] + 0.3
    for p, m in zip(newp, starts):
        k8s_event(inc, m - 0.05, "tracking", "HorizontalPodAutoscaler", "location-ingest", "SuccessfulRescale", "New size: %d; reason: cpu resource utilization (percentage of request) above target" % (
            14 + newp.index(p)), component="horizontal-pod-autoscaler")
        k8s_event(inc, m, "tracking", "Pod", p, "Started", "Started container location-ingest")
        k8s_log(inc, m + 0.01, "tracking", p, "location-ingest", "INFO", {"severity": "INFO", "ts": round(inc.t(m).timestamp(), 3), "caller": "store/redis.go:37",
                "msg": "redis client ready", "addr": "10.20.0.4:6379", "pool_size": 600, "min_idle_conns": 200, "version": "2.14.0"})
        lp.append(p)
    bg.pods["location-ingest"] = lp
    for m in inc.times(22, full_at):
        pod = r.choice(lp)
        k8s_log(inc, m, "tracking", pod, "location-ingest", "ERROR", {"severity": "ERROR", "ts": round(inc.t(m).timestamp(), 3), "caller": "ingest/batch.go:112",
                "msg": "flush failed", "error": "ERR max number of clients reached", "points": r.randint(400, 2600)})
    for m in inc.every(1.0, full_at):
        pod = r.choice(lp)
        k8s_log(inc, m, "tracking", pod, "location-ingest", "WARNING", {"severity": "WARNING", "ts": round(inc.t(m).timestamp(), 3), "caller": "ingest/buffer.go:58",
                "msg": "buffer above high watermark, shedding oldest points", "buffered": r.randint(40000, 90000)})
    drev = bg.revs["driver-api"]
    def drv(m, path, meth):
        if m > full_at and r.random() < 0.22:
            return 503, r.lognormvariate(-3.2, 0.4)
        return None
    bg.driver_status = drv
    for m in inc.times(6, full_at):
        run_log(inc, m, "driver-api", drev, "ERROR", {"severity": "ERROR", "message": "ReplyError: ERR max number of clients reached", "command": r.choice(["HGETALL", "GEOADD", "SET"]), "pid": 1, "hostname": "localhost"}, stream="stderr", trace=True)
    for m in inc.times(1.0, full_at):
        run_log(inc, m, "tracking-web", bg.revs["tracking-web"], "ERROR", "[%s +0000] [%d] [ERROR] redis.exceptions.ConnectionError: max number of clients reached" % (
            inc.t(m).strftime("%Y-%m-%d %H:%M:%S"), r.randint(8, 14)), stream="stderr")
    for m in inc.every(2.0, full_at):
        run_log(inc, m, "tracking-web", bg.revs["tracking-web"], "WARNING", "[%s +0000] [%d] [WARNING] live map: %d%% of active drivers have stale positions (>120s)" % (
            inc.t(m).strftime("%Y-%m-%d %H:%M:%S"), r.randint(8, 14), r.randint(35, 70)), stream="stderr")
    bg.run()
    dis = d_geoconf(inc, bg)
    dis2 = d_probe(inc, bg)
    n = inc.write(out, {
        "title": "Live tracking stale and driver-api 503s: location-ingest pods with min_idle_conns=200 exhaust Memorystore maxclients as HPA scales out",
        "root_cause": {"evidence": ["min_idle_conns", "redis client ready"], "category": "resource-exhaustion", "must_mention": ["location-ingest", "pool"]},
        "symptoms": [{"evidence": "max number of clients reached"}, {"evidence": "stale positions"}, {"evidence": "shedding oldest points"}],
        "distractors": [{"evidence": dis}, {"evidence": dis2}], "priority": "P1"})
    return inc, n


def sc_egress(out):
    inc = Inc("notify-gateway-egress-all-traffic", "2026-12-01T15:05:00Z", 40, 1912)
    bg = Bg(inc, load=1.0)
    r = inc.r
    F = 7.4
    old = bg.revs["notify-gateway"]
    new = "notify-gateway-00214-kaz"
    svc_name = "namespaces/%s/services/notify-gateway" % PROJECT
    audit(inc, F, run_res("notify-gateway", ""), "run.googleapis.com", "google.cloud.run.v1.Services.ReplaceService", svc_name, "lee.m@swiftlane.io",
          request={"@type": "type.googleapis.com/google.cloud.run.v1.ReplaceServiceRequest", "name": svc_name,
                   "service": {"metadata": {"name": "notify-gateway", "namespace": PROJECT}, "spec": {"template": {"metadata": {"name": new, "annotations": {
                       "run.googleapis.com/network-interfaces": "[{\"network\":\"prod-vpc\",\"subnetwork\":\"run-direct-egress\"}]",
                       "run.googleapis.com/vpc-access-egress": "all-traffic", "autoscaling.knative.dev/maxScale": "40"}},
                       "spec": {"containers": [{"image": "us-central1-docker.pkg.dev/%s/apps/notify-gateway@sha256:%s" % (PROJECT, inc.hx(64))}]}}}}},
          ua="google-cloud-sdk gcloud/502.0.0 command/gcloud.run.services.update")
    run_sys(inc, F + 0.4, "notify-gateway", new, "Starting new instance. Reason: DEPLOYMENT_ROLLOUT - Instance started due to traffic shifting between revisions due to deployment, traffic split adjustment, or deployment health check.")
    run_sys(inc, F + 0.45, "notify-gateway", new, "Default STARTUP TCP probe succeeded after 1 attempt for container \"notify-gateway-1\" on port 8080.")
    run_log(inc, F + 0.44, "notify-gateway", new, "INFO", {"severity": "INFO", "message": "notify-gateway 4.7.0 listening on :8080 (redis=10.20.0.4:6379 direct)"})
    cut = F + 0.7
    host = "notify-gateway-%s-uc.a.run.app" % PNUM[:6]
    pua = "APIs-Google; (+https://developers.google.com/webmasters/APIs-Google.html)"
    for m in inc.times(14):
        if m < cut:
            run_request(inc, m, "notify-gateway", old, host, "POST", "/push/parcel-status", 204, r.lognormvariate(-2.0, 0.4), ua=pua)
            if r.random() < 0.5:
                run_log(inc, m + 0.0004, "notify-gateway", old, "INFO", {"severity": "INFO", "message": "sms sent template=%s parcel=PCL%s" % (r.choice(["out_for_delivery", "eta_update", "delivery_pin"]), rid(inc, 9)), "event_age_s": r.randint(1, 30)})
            continue
        kind = r.random()
        if kind < 0.35:  # push only (FCM via Private Google Access) works
            run_request(inc, m, "notify-gateway", new, host, "POST", "/push/parcel-status", 204, r.lognormvariate(-2.0, 0.4), ua=pua)
            run_log(inc, m + 0.0004, "notify-gateway", new, "INFO", {"severity": "INFO", "message": "push sent via FCM parcel=PCL%s" % rid(inc, 9)})
        else:
            run_request(inc, m, "notify-gateway", new, host, "POST", "/push/parcel-status", 500, r.uniform(10.0, 10.2), ua=pua)
            run_log(inc, m + 0.17, "notify-gateway", new, "ERROR", {"severity": "ERROR", "message": "Twilio request failed: connect ETIMEDOUT %s:443" % r.choice(["3.226.94.200", "54.172.60.1", "34.203.253.77"]),
                    "template": r.choice(["out_for_delivery", "eta_update", "delivery_pin", "delivery_pin"]), "parcel": "PCL" + rid(inc, 9)}, stream="stderr")
    for m in inc.times(1.4, cut):
        run_log(inc, m, "notify-gateway", new, "ERROR", {"severity": "ERROR", "message": "AxiosError: timeout of 10000ms exceeded", "url": "https://api.mapbox.com/directions-matrix/v1/mapbox/driving/...", "feature": "eta_sms"}, stream="stderr")
    # drivers blocked on delivery PIN
    drev = bg.revs["driver-api"]
    for m in inc.times(2.5, cut + 1):
        run_log(inc, m, "driver-api", drev, "WARNING", {"severity": "WARNING", "message": "delivery PIN not delivered to recipient, driver requested resend",
                "stop_id": "STP-" + rid(inc, 8), "driver_id": "D-%05d" % r.randint(1000, 48000), "resend": r.randint(1, 4), "pid": 1, "hostname": "localhost"})
    for m in inc.every(3.0, cut + 2):
        run_log(inc, m, "notify-gateway", new, "WARNING", {"severity": "WARNING", "message": "subscription parcel-status-push backlog growing, undelivered=%d" % int((m - cut) * 2100 + r.randint(0, 300))})
    bg.skip.add("sms")
    for m in inc.times(9, 0, cut + 1.0):  # delivery receipts stop once nothing is sent
        inc.emit(m, fn_res("sms-status-webhook"), "cloudfunctions.googleapis.com%2Fcloud-functions", "INFO", "textPayload",
                 "status callback sid=SM%s status=%s to=+1312***%04d" % (inc.hx(32), r.choice(["sent", "delivered", "delivered"]), r.randint(0, 9999)), {"labels": {"execution_id": inc.hx(12)}})
    bg.run()
    dis = d_legacy(inc, bg)
    dis2 = d_webhook_sig(inc, bg, 0.2)
    n = inc.write(out, {
        "title": "Customer SMS (incl. delivery PINs) failing: notify-gateway revision routes all egress into the VPC, which has no NAT",
        "root_cause": {"evidence": ["vpc-access-egress", "ReplaceService"], "category": "network", "must_mention": ["egress", "notify-gateway"]},
        "symptoms": [{"evidence": "connect ETIMEDOUT"}, {"evidence": "delivery PIN not delivered"}, {"evidence": "backlog growing"}],
        "distractors": [{"evidence": dis}, {"evidence": dis2}], "priority": "P1"})
    return inc, n


def sc_healthy1(out):
    inc = Inc("healthy-weekday-morning", "2026-06-16T13:30:00Z", 60, 1913)
    bg = Bg(inc, load=1.0)
    r = inc.r
    # uneventful tracking-web deploy
    newrev = "tracking-web-00231-rab"
    audit(inc, 22.5, run_res("tracking-web", ""), "run.googleapis.com", "google.cloud.run.v1.Services.ReplaceService",
          "namespaces/%s/services/tracking-web" % PROJECT, "cloudbuild-deployer@%s.iam.gserviceaccount.com" % PROJECT,
          request={"@type": "type.googleapis.com/google.cloud.run.v1.ReplaceServiceRequest", "service": {"metadata": {"name": "tracking-web"},
                   "spec": {"template": {"metadata": {"name": newrev}}}}}, ua="google-cloud-sdk gcloud/502.0.0 command/gcloud.run.deploy")
    for i in range(3):
        run_sys(inc, 23 + i * 0.2, "tracking-web", newrev, "Starting new instance. Reason: DEPLOYMENT_ROLLOUT - Instance started due to traffic shifting between revisions due to deployment, traffic split adjustment, or deployment health check.")
    for m in inc.times(30, 23.5):
        run_request(inc, m, "tracking-web", newrev, "track.swiftlane.io", "GET", "/api/track/PCL%s" % rid(inc, 9), 200, r.lognormvariate(-3.1, 0.5), ua=r.choice(UAS_WEB))
    for m in inc.every(20.0):
        for k in range(r.randint(1, 2)):
            k8s_event(inc, m + k * 0.1, "routing", "HorizontalPodAutoscaler", "routing-engine", "SuccessfulRescale", "New size: %d; reason: cpu resource utilization (percentage of request) above target" % (6 + k + 1), component="horizontal-pod-autoscaler")
    for m in inc.every(15.0):
        p = "report-exporter-%d-%s" % (int(inc.t(m).timestamp()) // 60, rid(inc, 5).lower())
        k8s_event(inc, m, "reports", "Pod", p, "Scheduled", "Successfully assigned reports/%s to gke-dispatch-prod-pool-2-c28e6b90-%s" % (p, inc.hx(4)), component="default-scheduler")
        k8s_event(inc, m + 0.1, "reports", "Pod", p, "Started", "Started container report-exporter")
        k8s_log(inc, m + 0.4, "reports", p, "report-exporter", "INFO", "%s INFO [exporter] exported %d rows to gs://swiftlane-reports/depot-kpis/%s.csv" % (py_ts(inc.t(m + 0.4)), r.randint(800, 3000), inc.t(m).strftime("%Y%m%d%H%M")), stream="stderr")
    bg.run()
    d1 = d_logo404(inc, bg)
    d2 = d_apns(inc, bg)
    d3 = d_fluentbit(inc, bg, 0.3)
    n = inc.write(out, {"title": "Normal weekday morning (no incident)", "root_cause": None, "symptoms": [],
                        "distractors": [{"evidence": d1}, {"evidence": d2}, {"evidence": d3}], "priority": "none"})
    return inc, n


def sc_healthy2(out):
    inc = Inc("healthy-sunday-evening", "2026-10-11T23:10:00Z", 45, 1914)
    bg = Bg(inc, load=0.55)
    r = inc.r
    inc.emit(12.0, sql_res("parcels-pg"), "cloudsql.googleapis.com%2Fpostgres.log", "INFO", "textPayload",
             "%s UTC [%d]: [1-1] db=,user= LOG:  restartpoint starting: time" % (inc.t(12).strftime("%Y-%m-%d %H:%M:%S.%f")[:-3], 31))
    audit(inc, 15.0, sql_res("parcels-pg"), "cloudsql.googleapis.com", "cloudsql.backupRuns.insert", "projects/%s/instances/parcels-pg/backupRuns/%d" % (PROJECT, 1760223000000),
          "cloud-sql-service-agent@system.gserviceaccount.com", sev="INFO", ua="Cloud SQL automated backup")
    for m in inc.every(5.0):
        sched_attempt(inc, m + 1, "route-precompute-nightly-check", "https://dispatch-internal.swiftlane.io/tasks/precompute-dryrun")
        sched_attempt(inc, m + 1.05, "route-precompute-nightly-check", "https://dispatch-internal.swiftlane.io/tasks/precompute-dryrun", finished=True)
    # one short blip of 5xx on driver-api (a single instance recycled) — normal
    def drv(m, path, meth):
        if 30.0 < m < 30.15 and r.random() < 0.5:
            return 503, r.uniform(0.01, 0.05)
        return None
    bg.driver_status = drv
    run_sys(inc, 30.05, "driver-api", bg.revs["driver-api"], "Starting new instance. Reason: AUTOSCALING - Instance started due to configured scaling factors (e.g. CPU utilization, request throughput, etc.) or no existing capacity for current traffic.")
    bg.run()
    d1 = d_metabase(inc, bg)
    d2 = d_pgcheckpoint(inc, bg)
    d3 = d_twilio30003(inc, bg)
    n = inc.write(out, {"title": "Quiet Sunday evening (no incident)", "root_cause": None, "symptoms": [],
                        "distractors": [{"evidence": d1}, {"evidence": d2}, {"evidence": d3}], "priority": "none"})
    return inc, n


SCENARIOS = [sc_ack_deadline, sc_maps_key, sc_signed_url, sc_vpcsc, sc_key_collision, sc_dst, sc_precompute, sc_selector,
             sc_seek, sc_serializable, sc_maxclients, sc_egress, sc_healthy1, sc_healthy2]


def main():
    if len(sys.argv) != 2:
        print("usage: gen.py OUTDIR", file=sys.stderr)
        sys.exit(2)
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for sc in SCENARIOS:
        inc, n = sc(out)
        print("%-40s %6d entries" % (inc.id, n))


if __name__ == "__main__":
    main()
