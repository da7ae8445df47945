#!/usr/bin/env python3
"""Incident set blind23: telemedicine / healthcare-scheduling estate on Google Cloud.
Usage: python gen.py OUTDIR   (stdlib only, deterministic)"""
import sys, os, json, gzip, random
from decimal import Decimal
from datetime import datetime, timezone

PROJECT = "halecare-prod"
PNUM = "418227730915"
REGION = "us-central1"
CLUSTER = "care-prod-gke"
HOST = "api.halecare.health"


def iso(t):
    return datetime.fromtimestamp(t, timezone.utc).strftime('%Y-%m-%dT%H:%M:%S.%fZ')


def epoch(s):
    return datetime.strptime(s, '%Y-%m-%dT%H:%M:%SZ').replace(tzinfo=timezone.utc).timestamp()


def pytime(t, sep=','):
    d = datetime.fromtimestamp(t, timezone.utc)
    return d.strftime('%Y-%m-%d %H:%M:%S') + sep + '%03d' % (d.microsecond // 1000)


# ---------------------------------------------------------------- resources
def run_res(svc, rev):
    return {"type": "cloud_run_revision", "labels": {"configuration_name": svc, "location": REGION,
            "project_id": PROJECT, "revision_name": rev, "service_name": svc}}


def job_res(job):
    return {"type": "cloud_run_job", "labels": {"job_name": job, "location": REGION, "project_id": PROJECT}}


def k8s_res(ns, pod, container):
    return {"type": "k8s_container", "labels": {"cluster_name": CLUSTER, "container_name": container,
            "location": REGION, "namespace_name": ns, "pod_name": pod, "project_id": PROJECT}}


def k8s_obj_res(kind, ns, name):
    if kind == "pod":
        return {"type": "k8s_pod", "labels": {"cluster_name": CLUSTER, "location": REGION,
                "namespace_name": ns, "pod_name": name, "project_id": PROJECT}}
    return {"type": "k8s_cluster", "labels": {"cluster_name": CLUSTER, "location": REGION, "project_id": PROJECT}}


def sql_res(inst="care-pg-main"):
    return {"type": "cloudsql_database", "labels": {"database_id": f"{PROJECT}:{inst}", "project_id": PROJECT, "region": REGION}}


def fn_res(name):
    return {"type": "cloud_function", "labels": {"function_name": name, "project_id": PROJECT, "region": REGION}}


def gce_res(iid, zone="us-central1-b"):
    return {"type": "gce_instance", "labels": {"instance_id": iid, "project_id": PROJECT, "zone": zone}}


def lb_res(backend):
    return {"type": "http_load_balancer", "labels": {"backend_service_name": backend, "forwarding_rule_name": "care-web-https-fr",
            "project_id": PROJECT, "target_proxy_name": "care-web-https-proxy", "url_map_name": "care-web-urlmap", "zone": "global"}}


def sched_res(job):
    return {"type": "cloud_scheduler_job", "labels": {"job_id": job, "location": REGION, "project_id": PROJECT}}


UAS = ["Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 HaleCare/5.12.0",
       "HaleCare/5.12.0 (com.halecare.patient; build:5120; iOS 18.1.1) Alamofire/5.9.1",
       "HaleCare/5.11.3 (Android 14; Pixel 8) okhttp/4.12.0",
       "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
       "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
       "Mozilla/5.0 (Linux; Android 14; SM-S918U) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36"]
PUSH_UA = "APIs-Google; (+https://developers.google.com/webmasters/APIs-Google.html)"
PAYERS = ["AETNA", "BCBS_TX", "CIGNA", "UHC", "HUMANA", "KAISER_NC", "MEDICARE_B", "ANTHEM_CA"]
PHARM = ["CVS #10442", "Walgreens #05531", "Rite Aid #3317", "Kroger Pharmacy #620", "Costco Pharmacy #118", "Publix #1504"]


class Inc:
    def __init__(self, iid, seed, start, minutes):
        self.id = iid
        self.rng = random.Random(seed)
        self.t0 = epoch(start)
        self.t1 = self.t0 + minutes * 60
        self.E = []
        self.inst = {}

    # ---- primitives
    def hx(self, n):
        return '%0*x' % (n, self.rng.getrandbits(n * 4))

    def pick(self, seq):
        return self.rng.choice(seq)

    def u(self, a, b):
        return self.rng.uniform(a, b)

    def uuid(self):
        h = self.hx(32)
        return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-a{h[17:20]}-{h[20:]}"

    def ip(self):
        r = self.rng
        return f"{r.choice([73, 98, 24, 172, 108, 67, 99, 47, 71, 174])}.{r.randint(1, 254)}.{r.randint(1, 254)}.{r.randint(1, 254)}"

    def instance_id(self, key):
        if key not in self.inst:
            self.inst[key] = [self.hx(96) for _ in range(4)]
        return self.pick(self.inst[key])

    def add(self, t, res, log, sev=None, text=None, jp=None, pp=None, http=None, labels=None, trace=False, op=None):
        if t < self.t0 or t >= self.t1:
            return None
        e = {"insertId": self.hx(16) if pp is None else self.hx(12), "logName": f"projects/{PROJECT}/logs/{log}",
             "resource": res, "timestamp": iso(t), "receiveTimestamp": iso(t + self.u(0.05, 1.6))}
        if sev:
            e["severity"] = sev
        if text is not None:
            e["textPayload"] = text
        if jp is not None:
            e["jsonPayload"] = jp
        if pp is not None:
            e["protoPayload"] = pp
        if http is not None:
            e["httpRequest"] = http
        if labels:
            e["labels"] = labels
        if trace:
            e["trace"] = f"projects/{PROJECT}/traces/{self.hx(32)}"
            e["spanId"] = self.hx(16)
            e["traceSampled"] = self.rng.random() < 0.1
        if op:
            e["operation"] = op
        self.E.append(e)
        return e

    def times(self, rate_per_min, a=None, b=None, scale=None):
        """Poisson arrivals; scale(t) multiplies the rate."""
        a = self.t0 if a is None else max(a, self.t0)
        b = self.t1 if b is None else min(b, self.t1)
        out = []
        t = a
        if rate_per_min <= 0:
            return out
        peak = 1.0
        while True:
            t += self.rng.expovariate(rate_per_min * peak / 60.0)
            if t >= b:
                break
            s = scale(t) if scale else load(t)
            if self.rng.random() < s / peak:
                out.append(t)
        return out

    def every(self, period_s, a=None, b=None, jitter=2.0, phase=0.0):
        a = self.t0 if a is None else max(a, self.t0)
        b = self.t1 if b is None else min(b, self.t1)
        k = int((a - phase) // period_s)
        out = []
        while True:
            t = phase + k * period_s
            k += 1
            if t < a:
                continue
            if t >= b:
                break
            out.append(t + self.u(0, jitter))
        return out


def load(t):
    """daily traffic shape in US Eastern time (UTC-5)"""
    h = ((t / 3600.0) - 5) % 24
    table = [0.12, 0.08, 0.06, 0.06, 0.08, 0.15, 0.35, 0.7, 0.95, 1.0, 1.0, 0.95, 0.9, 0.95, 1.0, 0.95, 0.85, 0.75, 0.65, 0.55, 0.45, 0.35, 0.25, 0.18]
    i = int(h)
    f = h - i
    return table[i] * (1 - f) + table[(i + 1) % 24] * f


# ---------------------------------------------------------------- service loggers
REV = {"patient-bff": "patient-bff-00318-wuz", "notifications-worker": "notifications-worker-00207-mab",
       "email-sender": "email-sender-00061-hoq", "rx-service": "rx-service-00141-jad",
       "client-telemetry": "client-telemetry-00044-fen", "payments-webhook": "payments-webhook-00029-tiv"}
PODS = {
    ("scheduling", "scheduling-api"): ["scheduling-api-7c9f6d8b54-2xkqp", "scheduling-api-7c9f6d8b54-9mz4r", "scheduling-api-7c9f6d8b54-tq7lw", "scheduling-api-7c9f6d8b54-vb5hn"],
    ("coverage", "eligibility-svc"): ["eligibility-svc-65d8b9f7c4-jr2mx", "eligibility-svc-65d8b9f7c4-w8kzt"],
    ("labs", "hl7-listener"): ["hl7-listener-0", "hl7-listener-1"],
    ("labs", "lab-results-ingest"): ["lab-results-ingest-5b7f9c6d8-4hxv2", "lab-results-ingest-5b7f9c6d8-p9ssd"],
    ("video", "video-signaling"): ["video-signaling-84b7d5c9f6-6fjtn", "video-signaling-84b7d5c9f6-lq2wd", "video-signaling-84b7d5c9f6-zz8kc"],
    ("ops", "fax-gateway"): ["fax-gateway-6f8d7c5b9-k2lhx"],
}


def cr_log(inc, t, svc, sev, msg, stream="stdout", trace=True, **fields):
    """Cloud Run service log in the service's own format"""
    res = run_res(svc, REV.get(svc, svc + "-00001-abc"))
    labels = {"instanceId": inc.instance_id(svc)}
    if svc in ("patient-bff", "client-telemetry", "payments-webhook"):  # node + pino with severity mapping
        lvl = {"DEBUG": 20, "INFO": 30, "WARNING": 40, "ERROR": 50, "CRITICAL": 60}[sev]
        jp = {"level": lvl, "time": int(t * 1000), "pid": 1, "hostname": "localhost", "severity": sev, "msg": msg}
        jp.update(fields)
        return inc.add(t, res, "run.googleapis.com%2F" + stream, sev, jp=jp, labels=labels, trace=trace)
    if svc in ("notifications-worker", "email-sender"):  # python structured json
        jp = {"message": msg, "severity": sev, "logger": fields.pop("logger", svc.replace("-", "_"))}
        jp.update(fields)
        return inc.add(t, res, "run.googleapis.com%2F" + stream, sev, jp=jp, labels=labels, trace=trace)
    # rx-service: python text logging to stdout, no severity parsing (DEFAULT) ; stderr -> ERROR
    line = f"{pytime(t)} {sev:<8} [{fields.get('logger', 'rx')}] {msg}"
    if stream == "stderr":
        return inc.add(t, res, "run.googleapis.com%2Fstderr", "ERROR", text=msg if fields.get('raw') else line, labels=labels, trace=trace)
    return inc.add(t, res, "run.googleapis.com%2Fstdout", None, text=line, labels=labels, trace=trace)


def k8s_log(inc, t, ns, app, sev, msg, pod=None, caller=None, thread=None, stream=None, **fields):
    pod = pod or inc.pick(PODS[(ns, app)])
    res = k8s_res(ns, pod, app)
    labels = {"k8s-pod/app": app, "compute.googleapis.com/resource_name": "gke-care-prod-gke-default-pool-3f9a61c2-" + inc.pick(["x7d1", "k2p9", "m4q8", "r6s3"])}
    if app == "scheduling-api":  # Go, zapdriver JSON -> severity mapped
        jp = {"severity": sev, "timestamp": iso(t), "logger": fields.pop("logger", "api"), "caller": caller or "http/server.go:211", "message": msg}
        jp.update(fields)
        return inc.add(t, res, "stdout", sev, jp=jp, labels=labels)
    if app == "video-signaling":  # node pino without severity mapping -> everything INFO on stdout
        lvl = {"DEBUG": 20, "INFO": 30, "WARNING": 40, "ERROR": 50}[sev]
        jp = {"level": lvl, "time": int(t * 1000), "pid": 1, "hostname": pod, "msg": msg}
        jp.update(fields)
        return inc.add(t, res, "stdout", "INFO", jp=jp, labels=labels)
    if app in ("eligibility-svc",):  # spring boot logback text on stdout -> INFO whatever the level
        lv = {"WARNING": "WARN"}.get(sev, sev)
        line = f"{pytime(t, '.')} {lv:>5} 1 --- [{thread or 'nio-8080-exec-' + str(inc.rng.randint(1, 20))}] {caller or 'c.h.coverage.EligibilityController'} : {msg}"
        return inc.add(t, res, stream or "stdout", "ERROR" if stream == "stderr" else "INFO", text=line, labels=labels)
    # python text (hl7-listener, lab-results-ingest, fax-gateway) on stdout
    line = f"{pytime(t)} {sev} {caller or app.replace('-', '_')} {msg}"
    return inc.add(t, res, stream or "stdout", "ERROR" if stream == "stderr" else "INFO", text=line, labels=labels)


def k8s_event(inc, t, ns, kind, name, reason, msg, etype="Normal", component="kubelet"):
    res = k8s_obj_res("pod" if kind == "Pod" else "cluster", ns, name)
    jp = {"apiVersion": "v1", "kind": "Event", "reason": reason, "message": msg, "type": etype,
          "involvedObject": {"kind": kind, "namespace": ns, "name": name, "apiVersion": "v1" if kind == "Pod" else "autoscaling/v2"},
          "source": {"component": component}, "metadata": {"name": f"{name}.{inc.hx(16)}", "namespace": ns},
          "count": 1, "firstTimestamp": iso(t)[:19] + "Z", "lastTimestamp": iso(t)[:19] + "Z", "reportingComponent": component}
    return inc.add(t, res, "events", "WARNING" if etype == "Warning" else "INFO", jp=jp)


def audit(inc, t, service, method, rname, res, principal, request=None, response=None, ua="google-cloud-sdk gcloud/498.0.0", ip="10.128.0.41",
          perm=None, log="cloudaudit.googleapis.com%2Factivity", sev="NOTICE", status=None):
    pp = {"@type": "type.googleapis.com/google.cloud.audit.AuditLog", "authenticationInfo": {"principalEmail": principal},
          "requestMetadata": {"callerIp": ip, "callerSuppliedUserAgent": ua, "requestAttributes": {"time": iso(t), "auth": {}}, "destinationAttributes": {}},
          "serviceName": service, "methodName": method, "resourceName": rname,
          "authorizationInfo": [{"resource": rname, "permission": perm or service.split('.')[0] + ".update", "granted": True, "resourceAttributes": {}}]}
    if request is not None:
        pp["request"] = request
    if response is not None:
        pp["response"] = response
    if status is not None:
        pp["status"] = status
    return inc.add(t, res, log, sev, pp=pp)


def sched_attempt(inc, t, job, url, status_code=200, http_target=True, dur=None):
    res = sched_res(job)
    jn = f"projects/{PROJECT}/locations/{REGION}/jobs/{job}"
    inc.add(t, res, "cloudscheduler.googleapis.com%2Fexecutions", "INFO",
            jp={"@type": "type.googleapis.com/google.cloud.scheduler.logging.AttemptStarted", "jobName": jn, "targetType": "HTTP", "url": url, "scheduledTime": iso(int(t))})
    t2 = t + (dur if dur is not None else inc.u(0.3, 3.0))
    jp = {"@type": "type.googleapis.com/google.cloud.scheduler.logging.AttemptFinished", "jobName": jn, "targetType": "HTTP", "url": url}
    if status_code == 200:
        inc.add(t2, res, "cloudscheduler.googleapis.com%2Fexecutions", "INFO", jp=jp, http={"status": 200})
    else:
        jp["status"] = {429: "RESOURCE_EXHAUSTED", 500: "INTERNAL", 503: "UNAVAILABLE", 504: "DEADLINE_EXCEEDED"}.get(status_code, "UNKNOWN")
        inc.add(t2, res, "cloudscheduler.googleapis.com%2Fexecutions", "ERROR", jp=jp, http={"status": status_code})


def fn_exec(inc, t, fn, lines, status=200, dur_ms=None):
    """Cloud Functions gen1 execution: started / user lines / took"""
    res = fn_res(fn)
    eid = inc.hx(12)
    lab = {"execution_id": eid}
    inc.add(t, res, "cloudfunctions.googleapis.com%2Fcloud-functions", "DEBUG", text="Function execution started", labels=lab, trace=True)
    tt = t
    for sev, msg in lines:
        tt += inc.u(0.005, 0.08)
        inc.add(tt, res, "cloudfunctions.googleapis.com%2Fcloud-functions", sev, text=msg, labels=lab)
    d = dur_ms if dur_ms is not None else int(inc.u(20, 400))
    inc.add(t + d / 1000.0, res, "cloudfunctions.googleapis.com%2Fcloud-functions", "DEBUG",
            text=f"Function execution took {d} ms, finished with status code: {status}" if status != "crash" else f"Function execution took {d} ms, finished with status: 'crash'", labels=lab)


def http_req(inc, t, method, url, status, lat, ua=None, req_size=None, resp_size=None, remote=None):
    return {"latency": f"{lat:.6f}s", "protocol": "HTTP/1.1", "remoteIp": remote or inc.ip(), "requestMethod": method,
            "requestSize": str(req_size or inc.rng.randint(300, 2400)), "requestUrl": url,
            "responseSize": str(resp_size if resp_size is not None else inc.rng.randint(180, 24000)),
            "serverIp": f"169.254.{inc.rng.randint(1, 15)}.{inc.rng.randint(1, 254)}", "status": status, "userAgent": ua or inc.pick(UAS)}


def cr_request(inc, t, svc, method, url, status, lat, ua=None, resp_size=None):
    res = run_res(svc, REV.get(svc, svc + "-00001-abc"))
    sev = "INFO" if status < 400 else ("WARNING" if status < 500 else "ERROR")
    return inc.add(t, res, "run.googleapis.com%2Frequests", sev, http=http_req(inc, t, method, url, status, lat, ua, resp_size=resp_size),
                   labels={"instanceId": inc.instance_id(svc)}, trace=True)


def lb_request(inc, t, backend, method, url, status, lat, details="response_sent_by_backend", ua=None):
    jp = {"@type": "type.googleapis.com/google.cloud.loadbalancing.type.LoadBalancerLogEntry", "statusDetails": details,
          "backendTargetProjectNumber": f"projects/{PNUM}", "cacheDecision": ["RESPONSE_HAS_CONTENT_TYPE", "REQUEST_HAS_AUTHORIZATION", "CACHE_MODE_USE_ORIGIN_HEADERS"],
          "remoteIp": inc.ip()}
    sev = "INFO" if status < 400 else ("WARNING" if status < 500 else "ERROR")
    return inc.add(t, lb_res(backend), "requests", sev, jp=jp, http=http_req(inc, t, method, url, status, lat, ua), trace=True)


def pg_log(inc, t, sev, msg, db="scheduling", user="sched_app", pid=None):
    pid = pid or inc.rng.randint(2000, 98000)
    lvl = {"INFO": "LOG", "WARNING": "WARNING", "ERROR": "ERROR", "DEBUG": "LOG"}[sev]
    d = datetime.fromtimestamp(t, timezone.utc)
    line = f"{d.strftime('%Y-%m-%d %H:%M:%S')}.{d.microsecond // 1000:03d} UTC [{pid}]: [{inc.rng.randint(1, 9)}-1] db={db},user={user} {lvl}:  {msg}"
    return inc.add(t, sql_res(), "cloudsql.googleapis.com%2Fpostgres.log", sev, text=line)


# ---------------------------------------------------------------- background estate
BFF_EP = [("GET", "/v2/appointments", 40, 0.045), ("GET", "/v2/providers/{pid}/slots", 28, 0.09), ("POST", "/v2/appointments", 6, 0.22),
          ("GET", "/v2/appointments/{aid}", 12, 0.035), ("POST", "/v2/appointments/{aid}/checkin", 4, 0.08),
          ("POST", "/v2/eligibility/check", 5, 0.9), ("GET", "/v2/labs/results", 9, 0.12), ("GET", "/v2/labs/results/{rid}/pdf", 3, 0.2),
          ("GET", "/v2/visits/{vid}/join", 5, 0.06), ("GET", "/v2/rx", 4, 0.05), ("GET", "/v2/me", 10, 0.02), ("GET", "/healthz", 2, 0.002)]


def fill(inc, path):
    r = inc.rng
    return (path.replace("{pid}", "prv_" + str(r.randint(1000, 9999))).replace("{aid}", str(r.randint(40_100_000, 41_900_000)))
            .replace("{rid}", "lr_" + inc.hx(10)).replace("{vid}", "vv_" + inc.hx(12)))


def background(inc, hooks=None, scale=1.0, skip=()):
    """healthy estate traffic. hooks: dict name->fn(t, ...) returning override tuple or None"""
    hooks = hooks or {}
    r = inc.rng
    # ---- patient-bff requests (Cloud Run)
    tot = sum(e[2] for e in BFF_EP)
    weights = [e[2] for e in BFF_EP]
    for t in inc.times(tot * scale):
        m, p, _, base = r.choices(BFF_EP, weights)[0]
        path = fill(inc, p)
        status = 200 if m == "GET" else (201 if p == "/v2/appointments" else 200)
        lat = base * r.lognormvariate(0, 0.45)
        x = r.random()
        if x < 0.012:
            status = 401
        elif x < 0.02:
            status = 404 if "{" in p else 400
        elif x < 0.0215:
            status = 503 if r.random() < 0.5 else 500
        h = hooks.get("bff")
        if h:
            o = h(t, m, p, path)
            if o:
                status, lat = o[0], o[1]
                if len(o) > 3:
                    path = o[3]
                if len(o) > 2 and o[2]:
                    cr_log(inc, t + lat, "patient-bff", o[2][0], o[2][1], **(o[2][2] if len(o[2]) > 2 else {}))
        cr_request(inc, t + lat, "patient-bff", m, f"https://{HOST}{path}", status, lat)
        if r.random() < 0.08 and status < 400:
            cr_log(inc, t + lat, "patient-bff", "INFO", "request completed", req={"method": m, "url": path}, res={"statusCode": status}, responseTime=int(lat * 1000))
    # bff routine warnings
    for t in inc.times(0.6 * scale):
        cr_log(inc, t, "patient-bff", "WARNING", f"upstream scheduling-api slow: {r.randint(1100, 2600)}ms for GET /internal/slots", upstream="scheduling-api")
    for t in inc.times(0.25 * scale):
        cr_log(inc, t, "patient-bff", "WARNING", "deprecated API v1 used by client", client=r.choice(["HaleCare/4.9.2 (Android 11)", "HaleCare/4.8.0 (iOS 15.7)"]), path="/v1/appointments")
    # ---- cloud run system
    for svc in ("patient-bff", "notifications-worker", "rx-service", "client-telemetry"):
        for t in inc.times(0.08 * scale):
            inc.add(t, run_res(svc, REV[svc]), "run.googleapis.com%2Fvarlog%2Fsystem", "INFO",
                    text="Starting new instance. Reason: AUTOSCALING - Instance started due to configured scaling factors (e.g. CPU utilization, request throughput, etc.) or no existing capacity for current traffic.")
            if r.random() < 0.6:
                inc.add(t + r.uniform(0.8, 3.5), run_res(svc, REV[svc]), "run.googleapis.com%2Fvarlog%2Fsystem", "INFO",
                        text=f"Default STARTUP TCP probe succeeded after 1 attempt for container \"{svc}-1\" on port 8080.")
    # ---- notifications-worker (Pub/Sub push) + email-sender
    if "notif" not in skip:
        for t in inc.times(22 * scale):
            ch = r.choices(["push", "sms", "email"], [5, 3, 3])[0]
            lat = r.uniform(0.03, 0.25)
            st = 200
            h = hooks.get("notif")
            o = h(t, ch) if h else None
            if o == "skip":
                continue
            cr_request(inc, t + lat, "notifications-worker", "POST", f"https://notifications-worker-4ktq2xqz7a-uc.a.run.app/push/{ch}", st, lat, ua=PUSH_UA, resp_size=2)
            if ch == "push":
                if r.random() < 0.05:
                    cr_log(inc, t + lat, "notifications-worker", "WARNING", "FCM token unregistered, removing device", device_id="dev_" + inc.hx(8), logger="notif.fcm")
                else:
                    cr_log(inc, t + lat, "notifications-worker", "INFO", f"push delivered kind={r.choice(['appt_reminder', 'visit_ready', 'lab_ready', 'rx_ready'])}", logger="notif.fcm")
            elif ch == "sms":
                cr_log(inc, t + lat, "notifications-worker", "INFO", f"sms queued sid=SM{inc.hx(32)} to=+1******{r.randint(1000, 9999)}", logger="notif.sms")
            else:
                cr_log(inc, t + lat, "notifications-worker", "INFO", f"email queued for email-sender template={r.choice(['appt_confirm', 'appt_reminder', 'lab_ready', 'visit_summary'])}", logger="notif.email")
        for t in inc.times(9 * scale):
            h = hooks.get("email")
            if h and h(t) == "skip":
                continue
            lat = r.uniform(0.08, 0.6)
            cr_request(inc, t + lat, "email-sender", "POST", "https://email-sender-4ktq2xqz7a-uc.a.run.app/pubsub/email", 204, lat, ua=PUSH_UA, resp_size=0)
            if r.random() < 0.5:
                cr_log(inc, t + lat, "email-sender", "INFO", f"accepted by provider x-message-id={inc.hx(22)}", logger="email.sendgrid")
    # ---- scheduling-api (GKE, Go)
    for t in inc.times(18 * scale):
        h = hooks.get("sched")
        if h and h(t):
            continue
        kind = r.choices(["search", "book", "get"], [6, 1, 3])[0]
        if kind == "search":
            k8s_log(inc, t, "scheduling", "scheduling-api", "INFO", "slot search", caller="slots/search.go:142", provider_id="prv_" + str(r.randint(1000, 9999)), results=r.randint(0, 40), latency_ms=r.randint(8, 60))
        elif kind == "book":
            k8s_log(inc, t, "scheduling", "scheduling-api", "INFO", "appointment booked", caller="booking/service.go:97", appointment_id=r.randint(41_000_000, 41_900_000), visit_type=r.choice(["video", "video", "in_person", "phone"]))
        else:
            k8s_log(inc, t, "scheduling", "scheduling-api", "INFO", "appointment fetched", caller="booking/handler.go:61", appointment_id=r.randint(40_100_000, 41_900_000))
    # ---- eligibility-svc (GKE, Java)
    for t in inc.times(4.5 * scale):
        h = hooks.get("elig")
        if h and h(t):
            continue
        payer = r.choice(PAYERS)
        tid = inc.hx(9).upper()
        k8s_log(inc, t, "coverage", "eligibility-svc", "INFO", f"270 inquiry sent payer={payer} trn={tid}", caller="c.h.coverage.x12.ClearinghouseClient")
        lat = r.lognormvariate(0, 0.4) * 0.8
        if r.random() < 0.03:
            k8s_log(inc, t + lat, "coverage", "eligibility-svc", "WARNING", f"271 AAA segment reject reason=72 (Invalid/Missing Subscriber ID) payer={payer} trn={tid}", caller="c.h.coverage.x12.Parser271")
        else:
            k8s_log(inc, t + lat, "coverage", "eligibility-svc", "INFO", f"271 received payer={payer} trn={tid} status=active_coverage copay={r.choice([0, 20, 25, 40, 50])} elapsed={int(lat * 1000)}ms", caller="c.h.coverage.x12.ClearinghouseClient")
    # ---- rx-service (Cloud Run, python)
    for t in inc.times(2.2 * scale):
        h = hooks.get("rx")
        if h and h(t):
            continue
        mid = "HC" + inc.hx(14).upper()
        cr_log(inc, t, "rx-service", "INFO", f"NewRx transmitted message_id={mid} pharmacy=\"{r.choice(PHARM)}\" network=production", logger="rx.network")
        lat = r.uniform(0.3, 1.5)
        cr_request(inc, t + lat, "rx-service", "POST", "https://rx-service-4ktq2xqz7a-uc.a.run.app/internal/rx/send", 200, lat, ua="node-fetch/3.3.2 patient-bff")
    for t in inc.times(2.0 * scale):
        h = hooks.get("rxcb")
        if h and h(t):
            continue
        lat = r.uniform(0.02, 0.1)
        cr_request(inc, t + lat, "rx-service", "POST", "https://rx.halecare.health/network/callback", 200, lat, ua="Apache-HttpClient/4.5.14 (Java/17.0.9)")
        cr_log(inc, t + lat, "rx-service", "INFO", f"Status received relates_to=HC{inc.hx(14).upper()} code={r.choice(['000', '000', '010'])} (accepted by pharmacy)", logger="rx.callback")
    # ---- labs: hl7-listener + ingest (GKE python)
    for t in inc.times(4 * scale):
        h = hooks.get("hl7")
        if h and h(t):
            continue
        cid = str(r.randint(10_000_000, 99_999_999))
        k8s_log(inc, t, "labs", "hl7-listener", "INFO", f"ORU^R01 received sender=MERIDIAN_LAB control_id={cid} obx_count={r.randint(3, 28)}", caller="hl7.mllp")
        k8s_log(inc, t + r.uniform(0.01, 0.05), "labs", "hl7-listener", "INFO", f"ACK AA sent control_id={cid}", caller="hl7.mllp")
        t2 = t + r.uniform(0.5, 3)
        h2 = hooks.get("ingest")
        if h2 and h2(t2, cid):
            continue
        k8s_log(inc, t2, "labs", "lab-results-ingest", "INFO", f"FHIR transaction committed DiagnosticReport/{inc.hx(16)} observations={r.randint(3, 28)} control_id={cid}", caller="ingest.fhir")
        k8s_log(inc, t2 + r.uniform(0.2, 1.0), "labs", "lab-results-ingest", "INFO", f"stored report gs://halecare-lab-reports/2026/{inc.hx(8)}/{cid}.pdf", caller="ingest.storage")
    # ---- video-signaling (GKE, node pino)
    for t in inc.times(7 * scale):
        h = hooks.get("video")
        if h and h(t):
            continue
        room = "vv_" + inc.hx(12)
        k8s_log(inc, t, "video", "video-signaling", "INFO", "peer joined", room=room, role=r.choice(["patient", "provider"]))
        if r.random() < 0.5:
            k8s_log(inc, t + r.uniform(1, 4), "video", "video-signaling", "INFO", "ice connected", room=room, candidate=r.choices(["host", "srflx", "relay"], [2, 6, 2])[0])
    # video LB
    for t in inc.times(6 * scale):
        lb_request(inc, t, "k8s1-8c1f9a33-video-video-signaling-8443-2b4f2e7d", "GET", f"https://{HOST}/signal/ws?room=vv_{inc.hx(12)}", 101, r.uniform(60, 1800))
    # ---- coturn (GCE)
    for t in inc.times(3 * scale):
        h = hooks.get("turn")
        if h and h(t):
            continue
        host = r.choice(["turn-prod-a1", "turn-prod-b1"])
        sid = "0" + str(r.randint(10, 13)) + "0000000000" + str(r.randint(10000, 99999))
        inc.add(t, gce_res("58191723" + ("11" if host.endswith("a1") else "27") + "0061337", "us-central1-a" if host.endswith("a1") else "us-central1-b"),
                "syslog", "INFO", text=f"{host} turnserver: {r.randint(100, 9999)}: : session {sid}: realm <turn.halecare.health> user <{int(t) + 3600}:pt_{r.randint(1000, 9999)}>: incoming packet ALLOCATE processed, success",
                labels={"compute.googleapis.com/resource_name": host})
    # ---- cloud sql
    for t in inc.every(300, jitter=1.0, phase=17):
        pg_log(inc, t, "INFO", "checkpoint starting: time", db="[unknown]", user="[unknown]", pid=12)
        pg_log(inc, t + r.uniform(30, 150), "INFO", f"checkpoint complete: wrote {r.randint(900, 9000)} buffers ({r.uniform(0.5, 6):.1f}%); 0 WAL file(s) added, 0 removed, {r.randint(1, 5)} recycled; write={r.uniform(30, 150):.3f} s, sync=0.{r.randint(10, 99)}0 s, total={r.uniform(30, 150):.3f} s",
               db="[unknown]", user="[unknown]", pid=12)
    for t in inc.times(0.35):
        tbl = r.choice(["scheduling.public.appointments", "scheduling.public.slot_holds", "notify.public.outbox", "scheduling.public.audit_events"])
        pg_log(inc, t, "INFO", f"automatic vacuum of table \"{tbl}\": index scans: 1 pages: 0 removed, {r.randint(2000, 90000)} remain, tuples: {r.randint(100, 9000)} removed", db="[unknown]", user="[unknown]")
    for t in inc.times(0.5 * scale):
        pg_log(inc, t, "INFO", f"duration: {r.uniform(1000, 2400):.3f} ms  statement: SELECT count(*) FROM appointments WHERE clinic_id = $1 AND status = 'completed' AND ended_at >= $2", db="scheduling", user="reporting_ro")
    # ---- scheduler: purge-expired-holds every 5 min, notif outbox relay every minute (gen1 function)
    for t in inc.every(300, phase=0, jitter=0.4):
        sched_attempt(inc, t, "purge-expired-holds", "https://scheduling-jobs.internal.halecare.health/jobs/purge-holds")
        k8s_log(inc, t + 0.2, "scheduling", "scheduling-api", "INFO", "expired slot holds released", caller="jobs/purge.go:44", released=r.randint(0, 35))
    for t in inc.every(60, phase=30, jitter=0.5):
        if r.random() < 0.5:
            fn_exec(inc, t, "outbox-relay", [("INFO", f"relayed {r.randint(5, 90)} outbox rows to topic notifications")])
    # routine k8s events
    for t in inc.times(0.05):
        pod = r.choice(PODS[("video", "video-signaling")])
        k8s_event(inc, t, "video", "Pod", pod, "Unhealthy", "Readiness probe failed: Get \"http://10.44.3.17:8080/ready\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)", "Warning")
    # client telemetry (Cloud Run) - routine
    for t in inc.times(5 * scale):
        h = hooks.get("telemetry")
        if h and h(t):
            continue
        lat = r.uniform(0.005, 0.03)
        cr_request(inc, t + lat, "client-telemetry", "POST", "https://t.halecare.health/v1/events", 204, lat, resp_size=0)
        if r.random() < 0.1:
            cr_log(inc, t + lat, "client-telemetry", "INFO", "client event batch", events=r.randint(1, 30), app=r.choice(["ios/5.12.0", "android/5.11.3", "web/2026.11.2"]))


# ---------------------------------------------------------------- distractors
def d_otel(inc):
    for t in inc.every(30, jitter=6):
        k8s_log(inc, t, "scheduling", "scheduling-api", "WARNING", "failed to upload metrics: context deadline exceeded: rpc error: code = DeadlineExceeded desc = otel-collector.observability.svc:4317 unreachable",
                caller="otel/exporter.go:77", logger="otel")
    return {"evidence": "otel-collector.observability.svc"}


def d_sentry(inc):
    for t in inc.times(1.2):
        cr_log(inc, t, "patient-bff", "WARNING", "Sentry responded with 429 Too Many Requests, dropping event", sdk="sentry.javascript.node/8.41.0")
    return {"evidence": "Sentry responded with 429"}


def d_stripe(inc, a=None, b=None):
    a = a or inc.t0 + 600
    for t in inc.every(20, a=a, b=b or a + 900, jitter=8):
        lat = inc.u(0.005, 0.02)
        cr_request(inc, t + lat, "payments-webhook", "POST", "https://pay.halecare.health/stripe/webhook", 400, lat, ua="Stripe/1.0 (+https://stripe.com/docs/webhooks)")
        cr_log(inc, t + lat, "payments-webhook", "ERROR", f"Webhook signature verification failed for evt_1Q{inc.hx(10)} (livemode=false): No signatures found matching the expected signature for payload")
    return {"evidence": "signature verification failed"}


def d_analytics(inc):
    for t in inc.every(60, phase=12, jitter=3):
        if inc.rng.random() < 0.7:
            fn_exec(inc, t, "analytics-sink", [("ERROR", f"BigQuery insertAll: {inc.rng.randint(1, 9)} rows failed: no such field: utm_content (table halecare_analytics.app_events)")])
    return {"evidence": "no such field: utm_content"}


def d_fax(inc):
    for t in inc.times(1.5):
        k8s_log(inc, t, "ops", "fax-gateway", "ERROR", f"SMTP relay to efax failed: 421 4.7.0 Too many connections from your IP, retry in {inc.rng.randint(30, 120)}s", caller="faxgw.smtp")
    for t in inc.times(0.3):
        k8s_event(inc, t, "ops", "Pod", PODS[("ops", "fax-gateway")][0], "Unhealthy", "Readiness probe failed: HTTP probe failed with statuscode: 503", "Warning")
    return {"evidence": "SMTP relay to efax failed"}


def d_certwarn(inc):
    for t in inc.every(600, phase=41, jitter=5):
        k8s_log(inc, t, "coverage", "eligibility-svc", "WARNING", "Certificate for sftp.remit.payerlink.example (835 remittance drop) expires in 12 days (notAfter=2026-12-19T23:59:59Z)", caller="c.h.coverage.remit.SftpCertWatch", thread="scheduling-1")
    return {"evidence": "expires in 12 days"}


def d_csp(inc):
    for t in inc.times(0.8):
        cr_log(inc, t, "patient-bff", "WARNING", "CSP violation report", blocked_uri=inc.pick(["https://connect.facebook.net", "https://www.googletagmanager.com/gtm.js", "inline"]), directive="script-src-elem")
    return {"evidence": "CSP violation report"}


# ---------------------------------------------------------------- writer
def stack(inc, t, ns, app, lines, pod=None):
    """python traceback on GKE: one entry per line on stderr"""
    pod = pod or inc.pick(PODS[(ns, app)])
    for i, ln in enumerate(lines):
        inc.add(t + i * 0.00003, k8s_res(ns, pod, app), "stderr", "ERROR", text=ln, labels={"k8s-pod/app": app})


def write(out, inc, truth):
    d = os.path.join(out, inc.id)
    os.makedirs(d, exist_ok=True)
    E = sorted(inc.E, key=lambda e: (e["timestamp"], e["insertId"]), reverse=True)
    data = json.dumps(E, indent=2, sort_keys=True, ensure_ascii=False).encode()
    with open(os.path.join(d, "logs.json.gz"), "wb") as f:
        with gzip.GzipFile(filename="", mode="wb", fileobj=f, mtime=0, compresslevel=6) as g:
            g.write(data)
    truth = dict(truth)
    truth["id"] = inc.id
    truth["window"] = {"start": iso(inc.t0)[:19] + "Z", "end": iso(inc.t1)[:19] + "Z"}
    order = ["id", "title", "window", "root_cause", "symptoms", "distractors", "priority"]
    with open(os.path.join(d, "truth.json"), "w") as f:
        json.dump({k: truth[k] for k in order}, f, indent=2)
        f.write("\n")
    # self-check evidence strings
    blob = [json.dumps(e, ensure_ascii=False).lower() for e in E]
    rc = truth["root_cause"]
    checks = ([("root", s) for s in rc["evidence"]] if rc else []) + [("symptom", s["evidence"]) for s in truth["symptoms"]] + [("distractor", s["evidence"]) for s in truth["distractors"]]
    for kind, s in checks:
        n = sum(1 for b in blob if s.lower() in b)
        if n == 0:
            print(f"  !! {inc.id}: {kind} evidence not found: {s}")
    if rc:
        for s in rc["evidence"]:
            for sym in truth["symptoms"] + truth["distractors"]:
                pass
    print(f"{inc.id}: {len(E)} entries")
    return len(E)


# ================================================================ incidents
def inc_nat(out):
    inc = Inc("eligibility-nat-auto-ip", 2301, "2026-11-16T13:52:00Z", 50)
    tc = inc.t0 + 11 * 60 + 14
    r = inc.rng
    old = ["34.132.88.17", "34.132.88.18"]
    new = ["35.222.41.203", "34.171.5.96", "35.239.110.47"]

    def elig(t):
        if t < tc + 25:
            return False
        payer = r.choice(PAYERS)
        tid = inc.hx(9).upper()
        k8s_log(inc, t, "coverage", "eligibility-svc", "INFO", f"270 inquiry sent payer={payer} trn={tid}", caller="c.h.coverage.x12.ClearinghouseClient")
        t2 = t + r.uniform(0.05, 0.3)
        k8s_log(inc, t2, "coverage", "eligibility-svc", "ERROR", f"Clearinghouse rejected request: HTTP 403 Forbidden body={{\"error\":\"access_denied\",\"detail\":\"Source address {r.choice(new)} not permitted for submitter HALEC01\"}} trn={tid}",
                caller="c.h.coverage.x12.ClearinghouseClient")
        if r.random() < 0.35:
            pod = r.choice(PODS[("coverage", "eligibility-svc")])
            for i, ln in enumerate(["com.halecare.coverage.x12.ClearinghouseException: 403 FORBIDDEN from https://rt.edi-clearpoint.example/x12/270",
                                    "\tat com.halecare.coverage.x12.ClearinghouseClient.submit(ClearinghouseClient.java:188)",
                                    "\tat com.halecare.coverage.EligibilityService.check(EligibilityService.java:74)",
                                    "\tat com.halecare.coverage.EligibilityController.check(EligibilityController.java:41)",
                                    "\tat java.base/jdk.internal.reflect.DirectMethodHandleAccessor.invoke(DirectMethodHandleAccessor.java:103)",
                                    "\t... 48 common frames omitted"]):
                inc.add(t2 + i * 0.00002, k8s_res("coverage", pod, "eligibility-svc"), "stdout", "INFO", text=ln, labels={"k8s-pod/app": "eligibility-svc"})
        return True

    def bff(t, m, p, path):
        if p == "/v2/eligibility/check" and t > tc + 25:
            return (502, r.uniform(0.15, 0.5), ("ERROR", "Eligibility check failed: upstream eligibility-svc returned 502", {"err": {"type": "UpstreamError", "code": "ELIG_UPSTREAM"}}))
        if p == "/v2/appointments" and m == "POST" and t > tc + 25 and r.random() < 0.55:
            return (409, r.uniform(0.2, 0.6), ("WARNING", "booking blocked: insurance eligibility unverified", {"reason": "ELIGIBILITY_UNAVAILABLE"}))
        return None
    background(inc, {"elig": elig, "bff": bff})
    # the change: terraform apply switching NAT to auto-allocated IPs
    audit(inc, tc, "compute.googleapis.com", "v1.compute.routers.patch", f"projects/{PROJECT}/regions/{REGION}/routers/care-nat-router",
          {"type": "gce_router", "labels": {"project_id": PROJECT, "region": REGION, "router_id": "7741029385512234871"}},
          "terraform-ci@halecare-infra.iam.gserviceaccount.com",
          request={"@type": "type.googleapis.com/compute.routers.patch", "nats": [{"name": "care-egress-nat", "natIpAllocateOption": "AUTO_ONLY", "natIps": [],
                   "sourceSubnetworkIpRangesToNat": "ALL_SUBNETWORKS_ALL_IP_RANGES", "minPortsPerVm": 2048, "enableDynamicPortAllocation": True}]},
          response={"@type": "type.googleapis.com/operation", "operationType": "patch", "status": "RUNNING", "targetLink": f"projects/{PROJECT}/regions/{REGION}/routers/care-nat-router"},
          ua="Terraform/1.9.8 (+https://www.terraform.io) Terraform-Plugin-SDK/2.33.0 terraform-provider-google/6.12.0", ip="35.184.10.2", perm="compute.routers.update")
    audit(inc, tc + 19, "compute.googleapis.com", "v1.compute.addresses.delete", f"projects/{PROJECT}/regions/{REGION}/addresses/care-nat-ip-1",
          {"type": "gce_reserved_address", "labels": {"project_id": PROJECT, "region": REGION, "address_id": "2210937745001"}},
          "terraform-ci@halecare-infra.iam.gserviceaccount.com", request={"@type": "type.googleapis.com/compute.addresses.delete"},
          ua="Terraform/1.9.8 (+https://www.terraform.io) Terraform-Plugin-SDK/2.33.0 terraform-provider-google/6.12.0", ip="35.184.10.2", perm="compute.addresses.delete")
    audit(inc, tc + 21, "compute.googleapis.com", "v1.compute.addresses.delete", f"projects/{PROJECT}/regions/{REGION}/addresses/care-nat-ip-2",
          {"type": "gce_reserved_address", "labels": {"project_id": PROJECT, "region": REGION, "address_id": "2210937745002"}},
          "terraform-ci@halecare-infra.iam.gserviceaccount.com", request={"@type": "type.googleapis.com/compute.addresses.delete"},
          ua="Terraform/1.9.8 (+https://www.terraform.io) Terraform-Plugin-SDK/2.33.0 terraform-provider-google/6.12.0", ip="35.184.10.2", perm="compute.addresses.delete")
    for t in inc.every(60, a=tc + 120, jitter=5):
        k8s_log(inc, t, "coverage", "eligibility-svc", "WARNING", f"circuit breaker 'clearinghouse' is OPEN (failureRate={r.uniform(88, 100):.1f}%), short-circuiting calls", caller="i.g.r.c.i.CircuitBreakerStateMachine", thread="resilience4j-1")
    # unrelated: payer remittance SFTP still fine
    for t in inc.every(900, phase=300, jitter=5):
        k8s_log(inc, t, "coverage", "eligibility-svc", "INFO", f"835 remittance poll: {r.randint(0, 4)} new files", caller="c.h.coverage.remit.RemitPoller", thread="scheduling-1")
    ds = [d_certwarn(inc), d_sentry(inc)]
    return inc, {"title": "Insurance eligibility checks rejected after Cloud NAT switched to auto-allocated egress IPs (clearinghouse allowlist)",
                 "root_cause": {"evidence": ["AUTO_ONLY", "v1.compute.routers.patch"], "category": "network", "must_mention": ["NAT", "IP"]},
                 "symptoms": [{"evidence": "not permitted for submitter HALEC01"}, {"evidence": "Eligibility check failed"}, {"evidence": "circuit breaker 'clearinghouse' is OPEN"}],
                 "distractors": ds, "priority": "P1"}


def inc_subfilter(out):
    inc = Inc("email-subscription-filter", 2302, "2026-11-18T16:04:00Z", 55)
    tc = inc.t0 + 6 * 60 + 41
    r = inc.rng
    sub = f"projects/{PROJECT}/subscriptions/email-notifications-push"
    subres = {"type": "pubsub_subscription", "labels": {"project_id": PROJECT, "subscription_id": "email-notifications-push"}}
    ua = "Terraform/1.9.8 (+https://www.terraform.io) Terraform-Plugin-SDK/2.33.0 terraform-provider-google/6.12.0"
    audit(inc, tc, "pubsub.googleapis.com", "google.pubsub.v1.Subscriber.DeleteSubscription", sub, subres, "terraform-ci@halecare-infra.iam.gserviceaccount.com",
          request={"@type": "type.googleapis.com/google.pubsub.v1.DeleteSubscriptionRequest", "subscription": sub}, ua=ua, ip="35.184.10.2", perm="pubsub.subscriptions.delete")
    audit(inc, tc + 3.2, "pubsub.googleapis.com", "google.pubsub.v1.Subscriber.CreateSubscription", sub, subres, "terraform-ci@halecare-infra.iam.gserviceaccount.com",
          request={"@type": "type.googleapis.com/google.pubsub.v1.Subscription", "name": sub, "topic": f"projects/{PROJECT}/topics/notifications",
                   "pushConfig": {"pushEndpoint": "https://email-sender-4ktq2xqz7a-uc.a.run.app/pubsub/email", "oidcToken": {"serviceAccountEmail": "pubsub-push@halecare-prod.iam.gserviceaccount.com"}},
                   "ackDeadlineSeconds": 60, "filter": "attributes.channel = \"sms\"", "retryPolicy": {"minimumBackoff": "10s", "maximumBackoff": "600s"}},
          response={"@type": "type.googleapis.com/google.pubsub.v1.Subscription", "name": sub, "state": "ACTIVE"}, ua=ua, ip="35.184.10.2", perm="pubsub.subscriptions.create")
    # routine audit noise: other subscription created by same apply (new analytics export)
    audit(inc, tc + 5.0, "pubsub.googleapis.com", "google.pubsub.v1.Publisher.UpdateTopic", f"projects/{PROJECT}/topics/notifications",
          {"type": "pubsub_topic", "labels": {"project_id": PROJECT, "topic_id": "notifications"}}, "terraform-ci@halecare-infra.iam.gserviceaccount.com",
          request={"@type": "type.googleapis.com/google.pubsub.v1.UpdateTopicRequest", "updateMask": "labels", "topic": {"labels": {"team": "patient-comms", "cost-center": "cc-210"}}},
          ua=ua, ip="35.184.10.2", perm="pubsub.topics.update")

    def email(t):
        if t > tc + 2:
            return "skip"
        return None
    background(inc, {"email": email})
    # email-sender instances idle-scaled; watchdog function
    for t in inc.every(300, phase=60, jitter=2):
        if t < tc + 16 * 60:
            fn_exec(inc, t, "notif-delivery-watchdog", [("INFO", f"channel=email deliveries_15m={r.randint(380, 470)} channel=sms deliveries_15m={r.randint(300, 380)} ok")])
        else:
            exp = r.randint(390, 460)
            fn_exec(inc, t, "notif-delivery-watchdog", [("INFO", f"channel=sms deliveries_15m={r.randint(300, 380)} ok"),
                                                       ("WARNING", f"channel=email: 0 deliveries in last 15m (expected ~{exp}); outbox has {r.randint(900, 2400) + int((t - tc) / 2)} pending email notifications")])
    for t in inc.times(0.5, a=tc + 20 * 60):
        cr_log(inc, t, "patient-bff", "WARNING", "support ticket tagged 'no confirmation email'", ticket=f"ZD-{r.randint(880000, 889999)}", source="zendesk-webhook")
    for t in inc.every(600, a=tc + 60, phase=200, jitter=10):
        inc.add(t, run_res("email-sender", REV["email-sender"]), "run.googleapis.com%2Fvarlog%2Fsystem", "INFO",
                text="Shutting down instance. Reason: IDLE - Instance is no longer needed as traffic has decreased.")
    ds = [d_analytics(inc), d_otel(inc)]
    return inc, {"title": "Email notifications silently dropped: email push subscription recreated with an sms-only filter",
                 "root_cause": {"evidence": ["CreateSubscription", "attributes.channel"], "category": "configuration", "must_mention": ["filter", "subscription"]},
                 "symptoms": [{"evidence": "0 deliveries in last 15m"}, {"evidence": "no confirmation email"}],
                 "distractors": ds, "priority": "P2"}


def inc_ubla(out):
    inc = Inc("lab-reports-ubla-acl", 2303, "2026-11-19T13:27:00Z", 40)
    r = inc.rng

    def ingest(t2, cid):
        k8s_log(inc, t2, "labs", "lab-results-ingest", "INFO", f"FHIR transaction committed DiagnosticReport/{inc.hx(16)} observations={r.randint(3, 28)} control_id={cid}", caller="ingest.fhir")
        t3 = t2 + r.uniform(0.2, 0.8)
        k8s_log(inc, t3, "labs", "lab-results-ingest", "ERROR", f"Failed to store lab report control_id={cid} attempt={r.randint(1, 5)}; message will be redelivered", caller="ingest.storage")
        if r.random() < 0.5:
            stack(inc, t3 + 0.001, "labs", "lab-results-ingest", [
                "Traceback (most recent call last):",
                '  File "/app/ingest/storage.py", line 58, in store_report',
                "    blob.upload_from_string(pdf, content_type=\"application/pdf\", predefined_acl=\"projectPrivate\")",
                '  File "/usr/local/lib/python3.12/site-packages/google/cloud/storage/blob.py", line 2960, in upload_from_string',
                "    self.upload_from_file(",
                '  File "/usr/local/lib/python3.12/site-packages/google/cloud/storage/blob.py", line 2789, in upload_from_file',
                "    _raise_from_invalid_response(exc)",
                "google.api_core.exceptions.BadRequest: 400 POST https://storage.googleapis.com/upload/storage/v1/b/halecare-lab-reports/o?uploadType=multipart&predefinedAcl=projectPrivate: Cannot insert legacy ACL for an object when uniform bucket-level access is enabled. Read more at https://cloud.google.com/storage/docs/uniform-bucket-level-access"])
        return True
    def bff(t, m, p, path):
        if p == "/v2/labs/results/{rid}/pdf" and r.random() < 0.7:
            return (404, r.uniform(0.05, 0.15), ("WARNING", "lab report pdf not found in storage", {"code": "REPORT_MISSING"}))
        return None
    background(inc, {"ingest": ingest, "bff": bff})
    for t in inc.every(60, jitter=4):
        k8s_log(inc, t, "labs", "lab-results-ingest", "WARNING", f"subscription lab-results-ingest-sub: {r.randint(140, 220) + int((t - inc.t0) / 12)} unacked messages, oldest {int((t - inc.t0) / 60) + 24}m", caller="ingest.consumer")
    for t in inc.every(900, phase=120, jitter=20):
        fn_exec(inc, t, "lab-ready-notifier", [("INFO", f"lab_ready notifications sent: 0 (reports awaiting pdf: {r.randint(300, 700)})")])
    # unrelated routine storage change earlier in the day is not in window; a routine read of same bucket by a reporting job
    for t in inc.every(600, phase=50, jitter=5):
        fn_exec(inc, t, "lab-pdf-thumbnailer", [("INFO", "no new objects under gs://halecare-lab-reports/2026/ since last run")])
    ds = [d_fax(inc), d_csp(inc)]
    return inc, {"title": "Lab report PDFs cannot be stored: uniform bucket-level access enabled while the uploader still sets an object ACL",
                 "root_cause": {"evidence": ["uniform bucket-level access is enabled", "Cannot insert legacy ACL"], "category": "configuration", "must_mention": ["uniform", "ACL"]},
                 "symptoms": [{"evidence": "Failed to store lab report"}, {"evidence": "lab report pdf not found"}, {"evidence": "unacked messages"}],
                 "distractors": ds, "priority": "P2"}


def inc_rxenv(out):
    inc = Inc("rx-env-vars-replaced", 2304, "2026-11-20T18:31:00Z", 50)
    tc = inc.t0 + 8 * 60 + 3
    r = inc.rng
    newrev = "rx-service-00142-kof"
    rname = f"namespaces/{PROJECT}/services/rx-service"
    audit(inc, tc, "run.googleapis.com", "google.cloud.run.v1.Services.ReplaceService", rname, {"type": "cloud_run_revision", "labels": {"configuration_name": "", "location": REGION, "project_id": PROJECT, "revision_name": "", "service_name": "rx-service"}},
          "dana.okafor@halecare.health",
          request={"@type": "type.googleapis.com/google.cloud.run.v1.ReplaceServiceRequest", "name": rname, "service": {"spec": {"template": {"metadata": {"name": newrev},
                   "spec": {"containers": [{"image": "us-central1-docker.pkg.dev/halecare-prod/apps/rx-service@sha256:" + inc.hx(64),
                            "env": [{"name": "FEATURE_EPCS_V2", "value": "true"}]}], "serviceAccountName": "rx-service@halecare-prod.iam.gserviceaccount.com"}}}}},
          ua="google-cloud-sdk gcloud/498.0.0 command/gcloud.run.deploy invocation-id/" + inc.hx(32) + " environment/None", ip="73.92.14.201", perm="run.services.update")
    tr = tc + 41
    res = run_res("rx-service", newrev)
    lab = {"instanceId": inc.hx(96)}
    inc.add(tr, res, "run.googleapis.com%2Fvarlog%2Fsystem", "INFO", text="Starting new instance. Reason: DEPLOYMENT_ROLLOUT - Instance started because of a new revision rollout.")
    for i, (lv, msg) in enumerate([("INFO", "rx-service 3.18.0 starting (FEATURE_EPCS_V2=true)"),
                                   ("INFO", "Sentry disabled: SENTRY_DSN not set"),
                                   ("WARNING", "PHARMACY_NETWORK_ENV not set; defaulting to 'staging' (https://cert.erx-network.example/ncpdp/v2017071)"),
                                   ("INFO", "Cloud SQL connector ready: halecare-prod:us-central1:care-pg-main (db=rx)"),
                                   ("INFO", "Listening at: http://0.0.0.0:8080 (workers=4)")]):
        inc.add(tr + 1.2 + i * 0.05, res, "run.googleapis.com%2Fstdout", None, text=f"{pytime(tr + 1.2 + i * 0.05)} {lv:<8} [rx.boot] {msg}", labels=lab)
    inc.add(tr + 2.5, res, "run.googleapis.com%2Fvarlog%2Fsystem", "INFO", text='Default STARTUP TCP probe succeeded after 1 attempt for container "rx-service-1" on port 8080.')
    REV["rx-service"] = "rx-service-00141-jad"

    def rx(t):
        if t < tr + 30:
            return False
        REV["rx-service"] = newrev
        mid = "HC" + inc.hx(14).upper()
        cr_log(inc, t, "rx-service", "INFO", f"NewRx transmitted message_id={mid} pharmacy=\"{r.choice(PHARM)}\" network=staging", logger="rx.network")
        cr_log(inc, t + 0.4, "rx-service", "INFO", f"network ack message_id={mid} status=010 (accepted for delivery; TEST ENVIRONMENT)", logger="rx.network")
        lat = r.uniform(0.3, 1.2)
        cr_request(inc, t + lat, "rx-service", "POST", "https://rx-service-4ktq2xqz7a-uc.a.run.app/internal/rx/send", 200, lat, ua="node-fetch/3.3.2 patient-bff")
        REV["rx-service"] = "rx-service-00141-jad"
        return True

    def rxcb(t):
        # production callbacks keep arriving for pre-deploy messages, then taper off
        if t > tr and r.random() < min(0.9, (t - tr) / 1500):
            return True
        if t > tr:
            REV["rx-service"] = newrev
            lat = r.uniform(0.02, 0.1)
            cr_request(inc, t + lat, "rx-service", "POST", "https://rx.halecare.health/network/callback", 200, lat, ua="Apache-HttpClient/4.5.14 (Java/17.0.9)")
            cr_log(inc, t + lat, "rx-service", "INFO", f"Status received relates_to=HC{inc.hx(14).upper()} code=000 (accepted by pharmacy)", logger="rx.callback")
            REV["rx-service"] = "rx-service-00141-jad"
            return True
        return False
    background(inc, {"rx": rx, "rxcb": rxcb})
    for t in inc.every(300, a=tr + 12 * 60, phase=90, jitter=3):
        n = int((t - tr - 600) / 60 * 2.1) + r.randint(0, 3)
        sched_attempt(inc, t, "rx-status-watchdog", "https://rx-service-4ktq2xqz7a-uc.a.run.app/jobs/status-watchdog")
        REV["rx-service"] = newrev
        cr_log(inc, t + 0.5, "rx-service", "WARNING", f"{max(n, 3)} prescriptions without pharmacy Status/Verify after 10m (oldest {int((t - tr) / 60) - 1}m)", logger="rx.watchdog", trace=False)
        REV["rx-service"] = "rx-service-00141-jad"
    for t in inc.every(300, a=inc.t0, b=tr + 12 * 60, phase=90, jitter=3):
        sched_attempt(inc, t, "rx-status-watchdog", "https://rx-service-4ktq2xqz7a-uc.a.run.app/jobs/status-watchdog")
    for t in inc.times(0.4, a=tr + 20 * 60):
        cr_log(inc, t, "patient-bff", "WARNING", "pharmacy reports no prescription on file", source="support-callback", ticket=f"ZD-{r.randint(880000, 889999)}")
    ds = [d_stripe(inc, a=inc.t0 + 25 * 60), d_otel(inc)]
    return inc, {"title": "E-prescriptions sent to the certification (staging) pharmacy network after a deploy replaced all env vars",
                 "root_cause": {"evidence": ["PHARMACY_NETWORK_ENV not set", "ReplaceService"], "category": "configuration", "must_mention": ["env", "staging"]},
                 "symptoms": [{"evidence": "without pharmacy Status/Verify"}, {"evidence": "network=staging"}, {"evidence": "pharmacy reports no prescription on file"}],
                 "distractors": ds, "priority": "P1"}


def inc_hl7sn(out):
    inc = Inc("hl7-obx-sn-parse", 2305, "2026-11-23T15:03:00Z", 45)
    tc = inc.t0 + 14 * 60 + 20
    r = inc.rng
    k8s_log(inc, tc - 2, "labs", "hl7-listener", "INFO", "sender MERIDIAN_LAB now reports MSH-12 version 2.5.1 (previously 2.3.1); sending application QLIS 9.2", caller="hl7.mllp", pod="hl7-listener-0")

    def hl7(t):
        if t < tc:
            return False
        cid = str(r.randint(10_000_000, 99_999_999))
        k8s_log(inc, t, "labs", "hl7-listener", "INFO", f"ORU^R01 received sender=MERIDIAN_LAB control_id={cid} obx_count={r.randint(3, 28)}", caller="hl7.mllp")
        if r.random() < 0.19:
            k8s_log(inc, t + 0.01, "labs", "hl7-listener", "WARNING", f"OBX-2 value type SN not in (NM, ST, TX, CE, CWE); falling back to float() control_id={cid}", caller="hl7.parse")
            stack(inc, t + 0.012, "labs", "hl7-listener", [
                "Traceback (most recent call last):",
                '  File "/app/hl7/mllp.py", line 112, in handle_message',
                "    result = parse_oru(msg)",
                '  File "/app/hl7/parse.py", line 87, in parse_oru',
                "    obs.value = _coerce(obx.value_type, obx.value)",
                '  File "/app/hl7/parse.py", line 41, in _coerce',
                "    return float(raw)",
                "ValueError: could not convert string to float: '" + r.choice(["<^0.05", "<^0.01", ">^1000", "<^5", "<^0.3", "^10^-^20"]) + "'"])
            k8s_log(inc, t + 0.02, "labs", "hl7-listener", "ERROR", f"NACK AE sent control_id={cid}; message parked in dead-letter topic lab-results-dlq", caller="hl7.mllp")
            return True
        k8s_log(inc, t + r.uniform(0.01, 0.05), "labs", "hl7-listener", "INFO", f"ACK AA sent control_id={cid}", caller="hl7.mllp")
        t2 = t + r.uniform(0.5, 3)
        k8s_log(inc, t2, "labs", "lab-results-ingest", "INFO", f"FHIR transaction committed DiagnosticReport/{inc.hx(16)} observations={r.randint(3, 28)} control_id={cid}", caller="ingest.fhir")
        k8s_log(inc, t2 + r.uniform(0.2, 1.0), "labs", "lab-results-ingest", "INFO", f"stored report gs://halecare-lab-reports/2026/{inc.hx(8)}/{cid}.pdf", caller="ingest.storage")
        return True
    background(inc, {"hl7": hl7})
    for t in inc.every(300, a=tc + 240, phase=30, jitter=3):
        fn_exec(inc, t, "dlq-monitor", [("WARNING", f"lab-results-dlq: {int((t - tc) / 60 * 0.75) + r.randint(0, 3)} undelivered messages (threshold 5)")])
    for t in inc.times(0.3, a=tc + 15 * 60):
        cr_log(inc, t, "patient-bff", "WARNING", "lab result still pending 4h after collection", order_id=f"ORD-{r.randint(1000000, 9999999)}", lab="MERIDIAN_LAB")
    ds = [d_sentry(inc), d_fax(inc)]
    return inc, {"title": "Share of lab results dead-lettered: parser cannot handle structured-numeric (SN) OBX values after the lab's LIS upgrade",
                 "root_cause": {"evidence": ["OBX-2 value type SN", "could not convert string to float"], "category": "code-bug", "must_mention": ["SN", "OBX"]},
                 "symptoms": [{"evidence": "NACK AE sent"}, {"evidence": "lab-results-dlq:"}, {"evidence": "lab result still pending"}],
                 "distractors": ds, "priority": "P2"}


def inc_cron(out):
    inc = Inc("reminder-cron-every-minute", 2306, "2026-11-24T13:48:00Z", 45)
    tc = inc.t0 + 4 * 60 + 50
    r = inc.rng
    job = "appt-reminders-fanout"
    jn = f"projects/{PROJECT}/locations/{REGION}/jobs/{job}"
    audit(inc, tc, "cloudscheduler.googleapis.com", "google.cloud.scheduler.v1.CloudScheduler.UpdateJob", jn, sched_res(job), "miguel.reyes@halecare.health",
          request={"@type": "type.googleapis.com/google.cloud.scheduler.v1.UpdateJobRequest", "job": {"name": jn, "schedule": "* 8-20 * * 1-5", "timeZone": "America/New_York",
                   "httpTarget": {"uri": "https://us-central1-halecare-prod.cloudfunctions.net/reminder-fanout", "httpMethod": "POST"}}, "updateMask": "schedule"},
          response={"@type": "type.googleapis.com/google.cloud.scheduler.v1.Job", "name": jn, "schedule": "* 8-20 * * 1-5", "state": "ENABLED", "timeZone": "America/New_York"},
          ua="Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36,gzip(gfe)", ip="98.207.44.13", perm="cloudscheduler.jobs.update")
    background(inc)
    runs = [t for t in inc.every(60, a=tc + 10, phase=0, jitter=0.8)]
    if inc.t0 + 12 * 60 > inc.t0:  # the regular hourly run at :00 before the change
        pass
    sent_total = 0
    for i, t in enumerate(runs):
        sched_attempt(inc, t, job, "https://us-central1-halecare-prod.cloudfunctions.net/reminder-fanout", dur=r.uniform(2, 6))
        n = r.randint(290, 340)
        fn_exec(inc, t + 0.1, "reminder-fanout", [("INFO", f"selected {n} appointments starting in 23h-25h or 1h-2h"), ("INFO", f"published {n} reminder notifications (channel=sms:{int(n * 0.6)}, push:{n - int(n * 0.6)})")], dur_ms=int(r.uniform(1800, 4500)))
        # sms burst + provider throttling
        for k in range(int(n * 0.6 * 0.12)):
            tt = t + r.uniform(3, 50)
            if i >= 2 and r.random() < min(0.8, 0.15 * i):
                cr_log(inc, tt, "notifications-worker", "ERROR", "twilio error 21611: This 'From' number has exceeded the maximum number of queued messages", logger="notif.sms", from_number="+1833*****12")
                cr_request(inc, tt, "notifications-worker", "POST", "https://notifications-worker-4ktq2xqz7a-uc.a.run.app/push/sms", 500, r.uniform(0.2, 0.6), ua=PUSH_UA, resp_size=21)
            else:
                cr_log(inc, tt, "notifications-worker", "INFO", f"sms queued sid=SM{inc.hx(32)} to=+1******{r.randint(1000, 9999)} template=appt_reminder", logger="notif.sms")
        sent_total += n
    for t in inc.times(2.5, a=tc + 4 * 60, scale=lambda t: min(1.0, (t - tc) / 1200)):
        fn_exec(inc, t, "twilio-inbound", [("INFO", f"opt-out received (STOP) from +1******{r.randint(1000, 9999)}; marking sms_consent=false")])
    for t in inc.times(0.8, a=tc + 6 * 60):
        fn_exec(inc, t, "twilio-inbound", [("INFO", f"inbound reply from +1******{r.randint(1000, 9999)}: \"{r.choice(['why am I getting this every minute', 'STOP texting me', 'I already confirmed', 'is my appt cancelled??'])}\" routed to support")])
    ds = [d_analytics(inc), d_certwarn(inc)]
    return inc, {"title": "Appointment reminders sent every minute after the scheduler cron was edited from hourly to '* 8-20 * * 1-5'",
                 "root_cause": {"evidence": ["UpdateJob", "* 8-20 * * 1-5"], "category": "configuration", "must_mention": ["cron", "schedule"]},
                 "symptoms": [{"evidence": "exceeded the maximum number of queued messages"}, {"evidence": "opt-out received (STOP)"}, {"evidence": "reminder notifications (channel=sms"}],
                 "distractors": ds, "priority": "P1"}


def inc_fhirquota(out):
    inc = Inc("fhir-quota-backfill", 2307, "2026-11-25T17:09:00Z", 50)
    tc = inc.t0 + 9 * 60 + 30
    r = inc.rng
    jobname = "fhir-reindex-backfill"
    audit(inc, tc - 4, "run.googleapis.com", "google.cloud.run.v1.Jobs.RunJob", f"namespaces/{PROJECT}/jobs/{jobname}", job_res(jobname), "priya.natarajan@halecare.health",
          request={"@type": "type.googleapis.com/google.cloud.run.v1.RunJobRequest", "name": f"namespaces/{PROJECT}/jobs/{jobname}", "overrides": {"taskCount": 48}},
          ua="google-cloud-sdk gcloud/498.0.0 command/gcloud.run.jobs.execute", ip="73.92.14.201", perm="run.jobs.run")
    ex = f"{jobname}-" + inc.hx(5)
    jres = job_res(jobname)
    inc.add(tc, jres, "run.googleapis.com%2Fstdout", "INFO", jp={"message": f"{jobname} starting: 1,842,360 Observation resources to re-write (profile us-core-6.1), tasks=48, per_task_concurrency=16", "severity": "INFO", "execution": ex}, labels={"run.googleapis.com/execution_name": ex, "run.googleapis.com/task_index": "0"})
    for t in inc.times(40, a=tc + 20):
        ti = str(r.randint(0, 47))
        if t > tc + 90 and r.random() < 0.5:
            inc.add(t, jres, "run.googleapis.com%2Fstderr", "WARNING", jp={"message": f"task {ti}: 429 from healthcare API, backing off {r.choice([1, 2, 4, 8])}s", "severity": "WARNING", "execution": ex},
                    labels={"run.googleapis.com/execution_name": ex, "run.googleapis.com/task_index": ti})
        elif r.random() < 0.3:
            inc.add(t, jres, "run.googleapis.com%2Fstdout", "INFO", jp={"message": f"task {ti}: batch done, {r.randint(400, 500)} resources updated", "severity": "INFO", "execution": ex},
                    labels={"run.googleapis.com/execution_name": ex, "run.googleapis.com/task_index": ti})
    qmsg = "429 Quota exceeded for quota metric 'FHIR operations' and limit 'FHIR operations per minute per region' of service 'healthcare.googleapis.com' for consumer 'project_number:" + PNUM + "'."

    def ingest(t2, cid):
        if t2 < tc + 80 or r.random() < 0.35:
            return False
        k8s_log(inc, t2, "labs", "lab-results-ingest", "ERROR", f"FHIR transaction failed control_id={cid}: {qmsg}", caller="ingest.fhir")
        k8s_log(inc, t2 + 0.01, "labs", "lab-results-ingest", "WARNING", f"nack control_id={cid}; will retry", caller="ingest.consumer")
        return True

    def bff(t, m, p, path):
        if p.startswith("/v2/labs/results") and t > tc + 80 and r.random() < 0.6:
            return (503, r.uniform(0.5, 2.5), ("ERROR", "chart fetch failed: healthcare API RESOURCE_EXHAUSTED", {"upstream": "healthcare.googleapis.com", "grpc_code": 8}))
        if p == "/v2/visits/{vid}/join" and t > tc + 80 and r.random() < 0.25:
            return (200, r.uniform(2.5, 6), ("WARNING", "visit context loaded without recent observations (FHIR read throttled)", {}))
        return None
    background(inc, {"ingest": ingest, "bff": bff})
    # provider-facing chart service (Cloud Function) also throttled
    for t in inc.times(3, a=tc + 80):
        fn_exec(inc, t, "provider-chart-summary", [("ERROR", f"Observation search failed for Patient/{inc.hx(16)}: {qmsg}")], status=500)
    ds = [d_csp(inc), d_fax(inc)]
    return inc, {"title": "Manual FHIR re-index backfill exhausts the Healthcare API per-minute quota shared with lab ingest and the patient chart",
                 "root_cause": {"evidence": ["fhir-reindex-backfill starting", "Jobs.RunJob"], "category": "resource-exhaustion", "must_mention": ["backfill", "quota"]},
                 "symptoms": [{"evidence": "Quota exceeded for quota metric 'FHIR operations'"}, {"evidence": "chart fetch failed"}, {"evidence": "FHIR transaction failed"}],
                 "distractors": ds, "priority": "P1"}


def inc_turn(out):
    inc = Inc("turn-relay-ports-exhausted", 2308, "2026-11-30T14:22:00Z", 40)
    r = inc.rng
    hosts = [("turn-prod-a1", "5819172311" + "0061337", "us-central1-a"), ("turn-prod-b1", "5819172327" + "0061337", "us-central1-b")]

    def turn(t):
        host, iid, zone = r.choice(hosts)
        sid = "0" + str(r.randint(10, 13)) + "0000000000" + str(r.randint(10000, 99999))
        pidn = r.randint(100, 9999)
        usr = f"{int(t) + 3600}:pt_{r.randint(1000, 9999)}"
        fail = r.random() < 0.42
        if fail:
            inc.add(t, gce_res(iid, zone), "syslog", "INFO", text=f"{host} turnserver: {pidn}: : ERROR: Cannot find free relay port in range 49152-49251 (100 ports, 100 in use)", labels={"compute.googleapis.com/resource_name": host})
            inc.add(t + 0.0004, gce_res(iid, zone), "syslog", "INFO", text=f"{host} turnserver: {pidn}: : session {sid}: realm <turn.halecare.health> user <{usr}>: incoming packet ALLOCATE processed, error 508: Cannot create socket", labels={"compute.googleapis.com/resource_name": host})
        else:
            inc.add(t, gce_res(iid, zone), "syslog", "INFO", text=f"{host} turnserver: {pidn}: : session {sid}: realm <turn.halecare.health> user <{usr}>: incoming packet ALLOCATE processed, success", labels={"compute.googleapis.com/resource_name": host})
        return True

    def video(t):
        room = "vv_" + inc.hx(12)
        k8s_log(inc, t, "video", "video-signaling", "INFO", "peer joined", room=room, role=r.choice(["patient", "provider"]))
        x = r.random()
        if x < 0.22:
            k8s_log(inc, t + r.uniform(8, 15), "video", "video-signaling", "ERROR", "ice failed: no relay candidates gathered", room=room, role="patient", net=r.choice(["symmetric-nat", "corporate-proxy", "cellular-cgnat"]))
            if r.random() < 0.5:
                k8s_log(inc, t + r.uniform(30, 60), "video", "video-signaling", "WARNING", "provider switched visit to phone fallback", room=room)
        elif x < 0.6:
            k8s_log(inc, t + r.uniform(1, 4), "video", "video-signaling", "INFO", "ice connected", room=room, candidate=r.choices(["host", "srflx", "relay"], [2, 6, 2])[0])
        return True
    background(inc, {"turn": turn, "video": video})
    for t in inc.times(4):  # extra allocation traffic at peak
        turn(t)
    for t in inc.every(60, jitter=1):
        for host, iid, zone in hosts:
            inc.add(t + r.uniform(0, 2), gce_res(iid, zone), "syslog", "INFO", text=f"{host} turnserver: {r.randint(100, 9999)}: : Total allocations: {r.randint(97, 100)}, relay ports in use: {r.randint(97, 100)}/100",
                    labels={"compute.googleapis.com/resource_name": host})
    for t in inc.times(3.5):
        lat = r.uniform(0.005, 0.03)
        cr_request(inc, t + lat, "client-telemetry", "POST", "https://t.halecare.health/v1/events", 204, lat, resp_size=0)
        cr_log(inc, t + lat, "client-telemetry", "WARNING", "client reported video error", event="ice_connection_failed", app=r.choice(["ios/5.12.0", "android/5.11.3", "web/2026.11.2"]), visit="vv_" + inc.hx(12))
    ds = [d_otel(inc), d_stripe(inc, a=inc.t0 + 300)]
    return inc, {"title": "Video visits fail for patients behind strict NATs: TURN relay port range exhausted at Monday peak",
                 "root_cause": {"evidence": ["Cannot find free relay port", "error 508"], "category": "capacity", "must_mention": ["TURN", "port"]},
                 "symptoms": [{"evidence": "no relay candidates gathered"}, {"evidence": "ice_connection_failed"}, {"evidence": "phone fallback"}],
                 "distractors": ds, "priority": "P1"}


def inc_rules(out):
    inc = Inc("firestore-rules-claim", 2309, "2026-12-01T12:51:00Z", 45)
    tc = inc.t0 + 7 * 60 + 12
    r = inc.rng
    bres = {"type": "build", "labels": {"build_id": "b3c1f0a2-" + inc.hx(4) + "-4e55-9c1d-" + inc.hx(12), "build_trigger_id": "7f2e0c1d-1a9b-4c33-8e2f-" + inc.hx(12), "project_id": PROJECT}}
    steps = ["Step #2 - \"firebase-deploy\": === Deploying to 'halecare-prod'...",
             "Step #2 - \"firebase-deploy\": i  deploying firestore",
             "Step #2 - \"firebase-deploy\": i  firestore: reading indexes from firestore.indexes.json...",
             "Step #2 - \"firebase-deploy\": i  cloud.firestore: checking firestore.rules for compilation errors...",
             "Step #2 - \"firebase-deploy\": ✔  cloud.firestore: rules file firestore.rules compiled successfully",
             "Step #2 - \"firebase-deploy\": i  firestore: uploading rules firestore.rules...",
             "Step #2 - \"firebase-deploy\": ✔  firestore: released rules firestore.rules to cloud.firestore",
             "Step #2 - \"firebase-deploy\": ✔  Deploy complete!"]
    for i, s in enumerate(steps):
        inc.add(tc - 6 + i * 0.7, bres, "cloudbuild", "INFO", text=s)
    audit(inc, tc, "firebaserules.googleapis.com", "google.firebase.rules.v1.FirebaseRulesService.UpdateRelease", f"projects/{PROJECT}/releases/cloud.firestore",
          {"type": "audited_resource", "labels": {"method": "google.firebase.rules.v1.FirebaseRulesService.UpdateRelease", "project_id": PROJECT, "service": "firebaserules.googleapis.com"}},
          "firebase-deploy@halecare-prod.iam.gserviceaccount.com",
          request={"@type": "type.googleapis.com/google.firebase.rules.v1.UpdateReleaseRequest", "release": {"name": f"projects/{PROJECT}/releases/cloud.firestore", "rulesetName": f"projects/{PROJECT}/rulesets/" + inc.uuid()}},
          ua="FirebaseCLI/13.29.1,gzip(gfe)", ip="35.226.71.10", perm="firebaserules.releases.update")
    fsres = {"type": "audited_resource", "labels": {"method": "google.firestore.v1.Firestore.Listen", "project_id": PROJECT, "service": "firestore.googleapis.com"}}

    def denied(t):
        pp = {"@type": "type.googleapis.com/google.cloud.audit.AuditLog", "status": {"code": 7, "message": "Missing or insufficient permissions."},
              "authenticationInfo": {"principalSubject": "firebaseauth:" + inc.hx(28), "thirdPartyPrincipal": {"@type": "type.googleapis.com/google.firebase.auth.v1.FirebaseAuthToken", "sign_in_provider": "custom"}},
              "requestMetadata": {"callerIp": inc.ip(), "callerSuppliedUserAgent": r.choice(["gl-objc/ fire/11.5.0 grpc/1.65.1", "gl-java/ fire/25.1.1 grpc/1.62.2", "gl-js/ fire/11.0.2"])},
              "serviceName": "firestore.googleapis.com", "methodName": "google.firestore.v1.Firestore.Listen",
              "resourceName": f"projects/{PROJECT}/databases/(default)/documents/patients/{inc.hx(20)}/appointments"}
        inc.add(t, fsres, "cloudaudit.googleapis.com%2Fdata_access", "ERROR", pp=pp)

    for t in inc.times(26, a=tc + 15):
        denied(t)
    for t in inc.times(3, b=tc):  # before: a few allowed reads logged (data_access is on)
        pp = {"@type": "type.googleapis.com/google.cloud.audit.AuditLog", "status": {},
              "authenticationInfo": {"principalSubject": "firebaseauth:" + inc.hx(28)}, "requestMetadata": {"callerIp": inc.ip(), "callerSuppliedUserAgent": "gl-objc/ fire/11.5.0 grpc/1.65.1"},
              "serviceName": "firestore.googleapis.com", "methodName": "google.firestore.v1.Firestore.Listen", "resourceName": f"projects/{PROJECT}/databases/(default)/documents/patients/{inc.hx(20)}/appointments"}
        inc.add(t, fsres, "cloudaudit.googleapis.com%2Fdata_access", "INFO", pp=pp)

    def telemetry(t):
        if t < tc + 20:
            return False
        lat = r.uniform(0.005, 0.03)
        cr_request(inc, t + lat, "client-telemetry", "POST", "https://t.halecare.health/v1/events", 204, lat, resp_size=0)
        if r.random() < 0.7:
            cr_log(inc, t + lat, "client-telemetry", "ERROR", "client error: FirebaseError: [code=permission-denied]: Missing or insufficient permissions.",
                   screen=r.choice(["Appointments", "Appointments", "UpcomingVisit", "WaitingRoom"]), app=r.choice(["ios/5.12.0", "android/5.11.3", "web/2026.11.2"]))
        return True

    def bff(t, m, p, path):
        # mobile falls back to REST polling -> more load on bff list endpoint, which works
        return None
    background(inc, {"telemetry": telemetry, "bff": bff})
    for t in inc.times(14, a=tc + 30):
        lat = 0.04 * r.lognormvariate(0, 0.4)
        cr_request(inc, t + lat, "patient-bff", "GET", f"https://{HOST}/v2/appointments?source=fallback", 200, lat)
    for t in inc.times(0.6, a=tc + 10 * 60):
        cr_log(inc, t, "patient-bff", "WARNING", "support ticket tagged 'appointments not showing in app'", ticket=f"ZD-{r.randint(880000, 889999)}", source="zendesk-webhook")
    for t in inc.times(1.2, a=tc + 60):
        k8s_log(inc, t, "video", "video-signaling", "WARNING", "waiting room empty at visit start; patient has not joined", room="vv_" + inc.hx(12), waited_s=r.randint(120, 600))
    ds = [d_analytics(inc), d_sentry(inc)]
    return inc, {"title": "Patients cannot see appointments in the app: Firestore security rules release checks a renamed auth claim",
                 "root_cause": {"evidence": ["UpdateRelease", "released rules firestore.rules"], "category": "permissions", "must_mention": ["rules", "Firestore"]},
                 "symptoms": [{"evidence": "Missing or insufficient permissions"}, {"evidence": "appointments not showing in app"}, {"evidence": "patient has not joined"}],
                 "distractors": ds, "priority": "P0"}


def inc_analyze(out):
    inc = Inc("slots-partition-no-analyze", 2310, "2026-12-07T12:18:00Z", 47)
    tc = inc.t0 + 12 * 60
    r = inc.rng
    jres = job_res("provider-availability-import")
    ex = "provider-availability-import-" + inc.hx(5)
    jl = {"run.googleapis.com/execution_name": ex, "run.googleapis.com/task_index": "0"}
    sched_attempt(inc, tc - 140, "provider-availability-import", f"https://{REGION}-run.googleapis.com/apis/run.googleapis.com/v1/namespaces/{PNUM}/jobs/provider-availability-import:run", dur=1.1)
    for i, (sev, msg) in enumerate([("INFO", "loading provider templates: 4,118 providers, horizon week 2026-W51"),
                                     ("INFO", "generated 2,304,118 slots for 2026-12-14..2026-12-20"),
                                     ("INFO", "COPY 2304118 rows into appointment_slots_2026w51_stage"),
                                     ("INFO", "created indexes on appointment_slots_2026w51_stage (provider_id, starts_at) in 41.2s"),
                                     ("INFO", "ALTER TABLE appointment_slots ATTACH PARTITION appointment_slots_2026w51 FOR VALUES FROM ('2026-12-14') TO ('2026-12-21')"),
                                     ("INFO", "ANALYZE_AFTER_LOAD=false: skipping ANALYZE on appointment_slots_2026w51"),
                                     ("INFO", "import finished in 131.7s")]):
        tt = tc - 132 + [0, 18, 61, 104, 119, 120, 131.7][i]
        inc.add(tt, jres, "run.googleapis.com%2Fstdout", sev, jp={"message": msg, "severity": sev, "logger": "availability.import"}, labels=jl)
    pg_log(inc, tc - 13, "INFO", "statement: ALTER TABLE appointment_slots ATTACH PARTITION appointment_slots_2026w51 FOR VALUES FROM ('2026-12-14') TO ('2026-12-21')", db="scheduling", user="availability_job")
    q = "SELECT s.id, s.provider_id, s.starts_at, s.duration_min FROM appointment_slots s JOIN providers p ON p.id = s.provider_id WHERE s.starts_at >= $1 AND s.starts_at < $2 AND s.status = 'open' AND p.state = $3 AND p.specialty = $4 ORDER BY s.starts_at LIMIT 50"
    for t in inc.times(9, a=tc + 30):
        d = r.uniform(4200, 14500)
        pg_log(inc, t, "INFO", f"duration: {d:.3f} ms  execute <unnamed>: {q}", db="scheduling", user="sched_app")
    for t in inc.times(0.3, a=tc + 600):
        pg_log(inc, t, "ERROR", "canceling statement due to user request", db="scheduling", user="sched_app")

    def sched(t):
        if t < tc + 30:
            return False
        if r.random() < 0.55:
            ms = r.randint(4000, 15000)
            if ms > 10000:
                k8s_log(inc, t, "scheduling", "scheduling-api", "ERROR", "slot search failed: context deadline exceeded", caller="slots/search.go:151", week="2026-W51", timeout_ms=10000)
            else:
                k8s_log(inc, t, "scheduling", "scheduling-api", "WARNING", "slow slot search", caller="slots/search.go:148", latency_ms=ms, week="2026-W51")
            return True
        return False

    def bff(t, m, p, path):
        if p == "/v2/providers/{pid}/slots" and t > tc + 30 and r.random() < 0.55:
            if r.random() < 0.4:
                return (504, 10.0 + r.uniform(0, 0.05), ("ERROR", "upstream timeout: scheduling-api GET /internal/slots exceeded 10000ms", {"upstream": "scheduling-api"}))
            return (200, r.uniform(4, 9.8))
        if p == "/v2/appointments" and m == "POST" and t > tc + 30 and r.random() < 0.2:
            return (504, 10.0 + r.uniform(0, 0.05), ("ERROR", "upstream timeout: scheduling-api POST /internal/appointments exceeded 10000ms", {"upstream": "scheduling-api"}))
        return None
    background(inc, {"sched": sched, "bff": bff})
    # cloud sql cpu high (system log)
    for t in inc.every(300, a=tc + 300, phase=33, jitter=3):
        pg_log(inc, t, "WARNING", f"temporary file: path \"base/pgsql_tmp/pgsql_tmp{r.randint(1000, 9999)}.{r.randint(0, 40)}\", size {r.randint(80, 400) * 1048576}", db="scheduling", user="sched_app")
    for t in inc.every(120, a=tc + 240, jitter=10):
        k8s_event(inc, t, "scheduling", "HorizontalPodAutoscaler", "scheduling-api", "SuccessfulRescale", f"New size: {min(12, 4 + int((t - tc) / 300))}; reason: cpu resource utilization (percentage of request) above target", component="horizontal-pod-autoscaler")
    ds = [d_certwarn(inc), d_csp(inc)]
    return inc, {"title": "Slot search for next week times out: new availability partition attached without ANALYZE, planner uses a bad plan",
                 "root_cause": {"evidence": ["skipping ANALYZE", "ANALYZE_AFTER_LOAD=false"], "category": "database", "must_mention": ["ANALYZE", "partition"]},
                 "symptoms": [{"evidence": "slot search failed: context deadline exceeded"}, {"evidence": "upstream timeout: scheduling-api"}, {"evidence": "SELECT s.id, s.provider_id"}],
                 "distractors": ds, "priority": "P1"}


def inc_10dlc(out):
    inc = Inc("sms-campaign-suspended", 2311, "2026-12-02T15:31:00Z", 45)
    tc = inc.t0 + 16 * 60 + 5
    r = inc.rng
    fn_exec(inc, tc, "twilio-event-sink", [("INFO", "event type=com.twilio.messaging.compliance.campaign-registration.campaign-suspended campaign_sid=CMb71e2d0c44a3f1 messaging_service_sid=MG5a1f77e0b2c9d3 brand=HaleCare Health reason=\"carrier review: opt-out language missing in sample messages\"")])

    def notif(t, ch):
        return None
    background(inc, {"notif": notif})
    # status callbacks (gen1 function)
    for t in inc.times(14):
        sid = "SM" + inc.hx(32)
        if t > tc + 40 and r.random() < 0.93:
            fn_exec(inc, t, "twilio-status-callback", [("WARNING", f"MessageStatus=undelivered ErrorCode=30034 MessageSid={sid} to=+1******{r.randint(1000, 9999)}")])
        else:
            st = r.choices(["delivered", "sent", "undelivered"], [85, 13, 2])[0]
            fn_exec(inc, t, "twilio-status-callback", [("INFO" if st != "undelivered" else "WARNING", f"MessageStatus={st}" + (" ErrorCode=30003" if st == "undelivered" else "") + f" MessageSid={sid} to=+1******{r.randint(1000, 9999)}")])
    for t in inc.every(300, phase=60, jitter=2):
        if t > tc + 6 * 60:
            fn_exec(inc, t, "notif-delivery-watchdog", [("WARNING", f"channel=sms delivery rate {r.uniform(3, 9):.1f}% over last 15m (baseline 97%)"),
                                                       ("INFO", f"channel=email deliveries_15m={r.randint(380, 460)} ok")])
        else:
            fn_exec(inc, t, "notif-delivery-watchdog", [("INFO", f"channel=email deliveries_15m={r.randint(380, 460)} channel=sms deliveries_15m={r.randint(300, 380)} ok")])
    for t in inc.times(0.4, a=tc + 12 * 60):
        cr_log(inc, t, "patient-bff", "WARNING", "patient did not receive SMS verification code; falling back to email", flow="login_otp")
    ds = [d_otel(inc), d_fax(inc)]
    return inc, {"title": "SMS reminders and OTPs undelivered: 10DLC messaging campaign suspended by carriers (error 30034)",
                 "root_cause": {"evidence": ["campaign-suspended", "ErrorCode=30034"], "category": "upstream-dependency", "must_mention": ["campaign", "SMS"]},
                 "symptoms": [{"evidence": "delivery rate"}, {"evidence": "did not receive SMS verification code"}],
                 "distractors": ds, "priority": "P2"}


def inc_snowflake(out):
    inc = Inc("appointment-id-js-precision", 2312, "2026-12-03T19:02:00Z", 50)
    tc = inc.t0 + 13 * 60 + 40
    r = inc.rng
    newpods = ["scheduling-api-5d4c8b7f96-8hq2n", "scheduling-api-5d4c8b7f96-fk3zw", "scheduling-api-5d4c8b7f96-p7xld", "scheduling-api-5d4c8b7f96-t2mvc"]
    for i, p in enumerate(newpods):
        t = tc + i * 25
        k8s_event(inc, t, "scheduling", "Pod", p, "Scheduled", f"Successfully assigned scheduling/{p} to gke-care-prod-gke-default-pool-3f9a61c2-{r.choice(['x7d1', 'k2p9', 'm4q8', 'r6s3'])}", component="default-scheduler")
        k8s_event(inc, t + 2, "scheduling", "Pod", p, "Pulled", "Container image \"us-central1-docker.pkg.dev/halecare-prod/apps/scheduling-api:v5.3.0\" already present on machine")
        k8s_event(inc, t + 3, "scheduling", "Pod", p, "Started", "Started container scheduling-api")
        k8s_log(inc, t + 4, "scheduling", "scheduling-api", "INFO", "scheduling-api v5.3.0 starting", pod=p, caller="cmd/api/main.go:38")
        k8s_log(inc, t + 4.2, "scheduling", "scheduling-api", "INFO", "appointment id generator: snowflake (epoch=2020-01-01, node_id=" + str(i + 1) + "), replacing sequence appointments_id_seq", pod=p, caller="ids/generator.go:22")
        k8s_log(inc, t + 4.4, "scheduling", "scheduling-api", "INFO", "listening on :8080", pod=p, caller="cmd/api/main.go:91")
    old = PODS[("scheduling", "scheduling-api")]
    for i, p in enumerate(old):
        k8s_event(inc, tc + i * 25 + 30, "scheduling", "Pod", p, "Killing", "Stopping container scheduling-api")
    k8s_event(inc, tc - 5, "scheduling", "Deployment", "scheduling-api", "ScalingReplicaSet", "Scaled up replica set scheduling-api-5d4c8b7f96 to 1", component="deployment-controller")
    t_live = tc + 30

    def big(t=None):
        ms = int(((t or inc.t1) - epoch("2020-01-01T00:00:00Z")) * 1000) - r.randint(0, 2_400_000)
        return (ms << 22) | (r.randint(1, 4) << 12) | r.randint(0, 4095)

    def rounded(n):
        # what JSON.parse + JSON.stringify in the Node BFF produce (shortest round-trip double)
        return int(Decimal(repr(float(n))))

    def sched(t):
        if t < t_live:
            return False
        kind = r.choices(["search", "book", "get"], [6, 1, 3])[0]
        if kind == "search":
            k8s_log(inc, t, "scheduling", "scheduling-api", "INFO", "slot search", pod=r.choice(newpods), caller="slots/search.go:142", provider_id="prv_" + str(r.randint(1000, 9999)), results=r.randint(0, 40), latency_ms=r.randint(8, 60))
        elif kind == "book":
            n = big(t)
            k8s_log(inc, t, "scheduling", "scheduling-api", "INFO", "appointment booked", pod=r.choice(newpods), caller="booking/service.go:97", appointment_id=n, visit_type=r.choice(["video", "video", "in_person", "phone"]))
        else:
            if r.random() < 0.45:
                n = big(t)
                k8s_log(inc, t, "scheduling", "scheduling-api", "WARNING", f"appointment {rounded(n)} not found", pod=r.choice(newpods), caller="booking/handler.go:66")
            else:
                k8s_log(inc, t, "scheduling", "scheduling-api", "INFO", "appointment fetched", pod=r.choice(newpods), caller="booking/handler.go:61", appointment_id=r.randint(40_100_000, 41_900_000))
        return True

    def bff(t, m, p, path):
        if t < t_live + 60:
            return None
        frac = min(0.6, (t - t_live) / 2400)
        if p in ("/v2/appointments/{aid}", "/v2/appointments/{aid}/checkin") and r.random() < frac:
            n = rounded(big(t))
            return (404, r.uniform(0.03, 0.08), ("WARNING", f"appointment {n} not found (scheduling-api 404)", {"route": p}), p.replace("{aid}", str(n)))
        if p == "/v2/visits/{vid}/join" and r.random() < frac * 0.7:
            return (404, r.uniform(0.03, 0.08), ("WARNING", "visit join failed: appointment not found", {"code": "APPT_NOT_FOUND"}))
        return None
    background(inc, {"sched": sched, "bff": bff})
    for t in inc.times(0.5, a=t_live + 8 * 60):
        cr_log(inc, t, "patient-bff", "WARNING", "support ticket tagged 'cannot check in'", ticket=f"ZD-{r.randint(880000, 889999)}", source="zendesk-webhook")
    for t in inc.every(300, phase=100, jitter=3):
        fn_exec(inc, t, "reminder-links-check", [("INFO", f"checked {r.randint(40, 90)} reminder deep links, {0 if t < t_live + 600 else r.randint(5, 25)} resolve to 404")])
    ds = [d_sentry(inc), d_analytics(inc)]
    return inc, {"title": "New appointments cannot be opened or checked in: 64-bit snowflake IDs lose precision in the Node BFF",
                 "root_cause": {"evidence": ["id generator: snowflake"], "category": "code-bug", "must_mention": ["snowflake", "precision"]},
                 "symptoms": [{"evidence": "scheduling-api 404"}, {"evidence": "visit join failed"}, {"evidence": "cannot check in"}],
                 "distractors": ds, "priority": "P1"}


def inc_healthy_peak(out):
    inc = Inc("healthy-monday-peak", 2313, "2026-12-08T14:05:00Z", 50)
    r = inc.rng
    background(inc)
    # routine: a deploy of an unrelated internal service; HPA scale-ups at peak
    audit(inc, inc.t0 + 17 * 60, "run.googleapis.com", "google.cloud.run.v1.Services.ReplaceService", f"namespaces/{PROJECT}/services/admin-console",
          {"type": "cloud_run_revision", "labels": {"configuration_name": "", "location": REGION, "project_id": PROJECT, "revision_name": "", "service_name": "admin-console"}},
          "cloudbuild-deployer@halecare-prod.iam.gserviceaccount.com",
          request={"@type": "type.googleapis.com/google.cloud.run.v1.ReplaceServiceRequest", "name": f"namespaces/{PROJECT}/services/admin-console"},
          ua="google-cloud-sdk gcloud/498.0.0 command/gcloud.run.deploy", ip="35.226.71.10", perm="run.services.update")
    for t in inc.every(600, jitter=30, phase=77):
        k8s_event(inc, t, "scheduling", "HorizontalPodAutoscaler", "scheduling-api", "SuccessfulRescale", f"New size: {r.randint(4, 6)}; reason: cpu resource utilization (percentage of request) above target", component="horizontal-pod-autoscaler")
    for t in inc.every(900, phase=0, jitter=2):
        sched_attempt(inc, t, "appt-reminders-fanout", "https://us-central1-halecare-prod.cloudfunctions.net/reminder-fanout") if int(t) % 3600 < 60 else None
    ds = [d_otel(inc), d_sentry(inc)]
    return inc, {"title": "Healthy Monday peak (routine deploy of admin-console, HPA scale-ups, known noisy streams)", "root_cause": None,
                 "symptoms": [], "distractors": ds, "priority": "none"}


def inc_healthy_night(out):
    inc = Inc("healthy-early-morning-batch", 2314, "2026-12-09T10:02:00Z", 55)
    r = inc.rng
    background(inc, scale=1.0)
    # nightly eligibility batch recheck for tomorrow's visits
    t = inc.t0 + 18 * 60
    sched_attempt(inc, t, "eligibility-batch-recheck", "https://eligibility.internal.halecare.health/jobs/batch-recheck", dur=2.0)
    k8s_log(inc, t + 1, "coverage", "eligibility-svc", "INFO", "batch recheck started: 3,412 appointments on 2026-12-10", caller="c.h.coverage.batch.RecheckJob", thread="batch-1")
    for tt in inc.times(60, a=t + 2, b=t + 14 * 60, scale=lambda x: 1.0):
        payer = r.choice(PAYERS)
        if r.random() < 0.04:
            k8s_log(inc, tt, "coverage", "eligibility-svc", "WARNING", f"271 AAA segment reject reason=75 (Subscriber/Insured Not Found) payer={payer}", caller="c.h.coverage.x12.Parser271", thread="batch-" + str(r.randint(1, 8)))
        else:
            k8s_log(inc, tt, "coverage", "eligibility-svc", "INFO", f"batch 271 payer={payer} status=active_coverage", caller="c.h.coverage.x12.ClearinghouseClient", thread="batch-" + str(r.randint(1, 8)))
    k8s_log(inc, t + 14 * 60 + 3, "coverage", "eligibility-svc", "INFO", "batch recheck finished: 3,412 checked, 118 flagged for front-desk review", caller="c.h.coverage.batch.RecheckJob", thread="batch-1")
    # nightly DB maintenance: vacuum analyze
    for tt in inc.every(240, a=inc.t0 + 25 * 60, b=inc.t0 + 45 * 60, jitter=20):
        pg_log(inc, tt, "INFO", f"automatic analyze of table \"scheduling.public.{r.choice(['appointments', 'slot_holds', 'appointment_slots_2026w50'])}\" system usage: CPU: user: {r.uniform(0.5, 4):.2f} s, system: 0.{r.randint(10, 90)} s, elapsed: {r.uniform(2, 9):.2f} s",
               db="[unknown]", user="[unknown]")
    ds = [d_analytics(inc), d_stripe(inc, a=inc.t0 + 30 * 60), d_fax(inc)]
    return inc, {"title": "Healthy early-morning window (eligibility batch recheck, autoanalyze, known noisy streams)", "root_cause": None,
                 "symptoms": [], "distractors": ds, "priority": "none"}


ALL = [inc_nat, inc_subfilter, inc_ubla, inc_rxenv, inc_hl7sn, inc_cron, inc_fhirquota, inc_turn, inc_rules, inc_analyze, inc_10dlc, inc_snowflake,
       inc_healthy_peak, inc_healthy_night]


def main():
    out = sys.argv[1]
    base_rev = dict(REV)
    for f in ALL:
        REV.clear()
        REV.update(base_rev)
        inc, truth = f(out)
        write(out, inc, truth)


if __name__ == "__main__":
    main()
