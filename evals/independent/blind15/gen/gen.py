#!/usr/bin/env python3
"""Generator for incident set blind15 (payments company on Google Cloud).

Usage: python gen.py OUTDIR
Standard library only, fixed seeds, byte-identical output between runs.
"""
import datetime as dt
import gzip
import io
import json
import math
import os
import random
import sys

PROJECT = "finlane-prod"
PNUM = "418822907153"
REGION = "europe-west1"
CLUSTER = "pay-prod-ap"


def iso(t):
    d = dt.datetime.fromtimestamp(t, tz=dt.timezone.utc)
    return d.strftime("%Y-%m-%dT%H:%M:%S.") + "%06dZ" % d.microsecond


def parse(s):
    return dt.datetime.strptime(s, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.timezone.utc).timestamp()


def jtime(t):
    # java/python style local timestamp
    d = dt.datetime.fromtimestamp(t, tz=dt.timezone.utc)
    return d.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (d.microsecond // 1000)


# --------------------------------------------------------------------------------------------
# Service catalogue
# --------------------------------------------------------------------------------------------
RUN = {
    # name: (revision, style, host)
    "checkout-web": ("checkout-web-00731-qex", "pino", "pay.finlane.com"),
    "payments-api": ("payments-api-00411-dup", "spring-json", "api.finlane.com"),
    "fx-rates": ("fx-rates-00129-kon", "py-text", "fx-rates-4kq2lbm7ya-ew.a.run.app"),
    "webhook-dispatcher": ("webhook-dispatcher-00203-wim", "zap", "webhook-dispatcher-4kq2lbm7ya-ew.a.run.app"),
    "merchant-onboarding": ("merchant-onboarding-00087-lus", "pino", "merchants.finlane.com"),
    "refunds-service": ("refunds-service-00056-tep", "py-json", "api.finlane.com"),
    "payouts-service": ("payouts-service-00144-mab", "py-text", "api.finlane.com"),
    "payouts-runner": ("payouts-runner-00038-fir", "slog", "payouts-runner-4kq2lbm7ya-ew.a.run.app"),
    "card-network-adapter": ("card-network-adapter-00092-zul", "zap", "card-network-adapter-4kq2lbm7ya-ew.a.run.app"),
    "notifications": ("notifications-00318-bev", "pino", "notifications-4kq2lbm7ya-ew.a.run.app"),
}
GKE = {
    # name: (namespace, style, pod-hash)
    "ledger-writer": ("ledger", "spring-text", "7c9d8f6b54"),
    "fraud-scorer": ("risk", "py-json", "5f7b9c8d47"),
    "risk-gateway": ("risk", "zap", "6d4f8b7c99"),
    "settlement-consumer": ("settlement", "slog", "84b6f5d9c7"),
    "disputes-service": ("disputes", "spring-text", "59c7d8b6f4"),
    "bank-connector": ("payouts", "spring-text", "7b8c6d5f49"),
}

MERCHANTS = ["m_1042", "m_1187", "m_2071", "m_2203", "m_3310", "m_3391", "m_4419", "m_5530", "m_5862",
             "m_6120", "m_7004", "m_7781", "m_8812", "m_9055", "m_9310"]
CURRENCIES = ["EUR", "EUR", "EUR", "GBP", "USD", "USD", "PLN", "SEK", "CHF"]
UAS = ["Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
       "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
       "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
       "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36"]


class Ctx:
    def __init__(self, iid, seed, start, minutes):
        self.iid = iid
        self.r = random.Random(seed)
        self.t0 = parse(start)
        self.t1 = self.t0 + minutes * 60
        self.entries = []
        self.inst = {}

    # ---------------- primitives
    def hx(self, n):
        return "".join(self.r.choice("0123456789abcdef") for _ in range(n))

    def ip(self):
        r = self.r
        return "%d.%d.%d.%d" % (r.choice([31, 46, 77, 82, 88, 91, 151, 176, 185, 212]), r.randint(0, 255), r.randint(0, 255), r.randint(1, 254))

    def add(self, t, e):
        if t < self.t0 or t >= self.t1:
            return
        e["timestamp"] = iso(t)
        e["receiveTimestamp"] = iso(t + self.r.uniform(0.05, 1.8))
        e["insertId"] = self.hx(16) if "httpRequest" not in e else self.hx(12)
        self.entries.append((t, e))

    def instance_id(self, svc, n=3):
        if svc not in self.inst:
            self.inst[svc] = ["00" + self.hx(86) for _ in range(n)]
        return self.r.choice(self.inst[svc])

    def run_res(self, svc, rev=None):
        rev = rev or RUN[svc][0]
        return {"type": "cloud_run_revision", "labels": {"configuration_name": svc, "location": REGION, "project_id": PROJECT,
                                                         "revision_name": rev, "service_name": svc}}

    def trace(self):
        return "projects/%s/traces/%s" % (PROJECT, self.hx(32))

    # ---------------- Cloud Run
    def run_req(self, t, svc, method, path, status, lat, rev=None, ua=None, remote=None, text=None, trace=None, size=None):
        host = RUN[svc][2]
        e = {"httpRequest": {"latency": "%.6fs" % lat, "protocol": "HTTP/1.1", "remoteIp": remote or self.ip(),
                             "requestMethod": method, "requestSize": str(self.r.randint(300, 2600)),
                             "requestUrl": "https://%s%s" % (host, path),
                             "responseSize": str(size if size is not None else self.r.randint(120, 4800)),
                             "serverIp": "169.254.%d.%d" % (self.r.randint(1, 20), self.r.randint(1, 254)),
                             "status": status, "userAgent": ua or self.r.choice(UAS)},
             "labels": {"instanceId": self.instance_id(svc)},
             "logName": "projects/%s/logs/run.googleapis.com%%2Frequests" % PROJECT,
             "resource": self.run_res(svc, rev),
             "severity": "ERROR" if status >= 500 else ("WARNING" if status >= 400 else "INFO"),
             "spanId": self.hx(16), "trace": trace or self.trace(), "traceSampled": self.r.random() < 0.1}
        if text:
            e["textPayload"] = text
        self.add(t, e)

    def run_log(self, t, svc, sev, msg, rev=None, extra=None, stream=None, trace=None):
        """App log in the service's own style."""
        style = RUN[svc][1]
        e = {"labels": {"instanceId": self.instance_id(svc)}, "resource": self.run_res(svc, rev), "severity": sev}
        if trace:
            e["trace"] = trace
            e["spanId"] = self.hx(16)
        self._style(e, t, style, sev, msg, dict(extra or {}), svc)
        if stream is None:
            stream = "stdout" if "jsonPayload" in e else "stderr"
        e["logName"] = "projects/%s/logs/run.googleapis.com%%2F%s" % (PROJECT, stream)
        self.add(t, e)

    def _style(self, e, t, style, sev, msg, extra, svc):
        lv = {"DEBUG": 20, "INFO": 30, "NOTICE": 30, "WARNING": 40, "ERROR": 50, "CRITICAL": 60}[sev]
        if extra.get("raw"):
            e["textPayload"] = msg
            return
        if style == "pino":
            p = {"level": lv, "time": int(t * 1000), "pid": 1, "hostname": "localhost", "severity": sev, "msg": msg}
            p.update(extra)
            e["jsonPayload"] = p
        elif style == "spring-json":
            p = {"severity": sev, "message": msg, "logger": extra.pop("logger", "com.finlane.payments.api.PaymentController"),
                 "thread": extra.pop("thread", "http-nio-8080-exec-%d" % self.r.randint(1, 64)), "service": svc}
            p.update(extra)
            e["jsonPayload"] = p
        elif style == "zap":
            p = {"level": {"INFO": "info", "NOTICE": "info", "WARNING": "warn", "ERROR": "error", "DEBUG": "debug", "CRITICAL": "fatal"}[sev],
                 "ts": round(t, 6), "caller": extra.pop("caller", "server/handler.go:88"), "msg": msg, "severity": sev}
            p.update(extra)
            e["jsonPayload"] = p
        elif style == "slog":
            p = {"time": jtime(t), "level": {"INFO": "INFO", "NOTICE": "INFO", "WARNING": "WARN", "ERROR": "ERROR", "DEBUG": "DEBUG", "CRITICAL": "ERROR"}[sev],
                 "msg": msg, "severity": sev}
            p.update(extra)
            e["jsonPayload"] = p
        elif style == "py-json":
            p = {"severity": sev, "message": msg, "logger": extra.pop("logger", svc.replace("-", "_") + ".app")}
            p.update(extra)
            e["jsonPayload"] = p
        elif style == "py-text":
            logger = extra.get("logger", svc.replace("-", "_"))
            e["textPayload"] = "%s %s [%s] %s" % (jtime(t).replace("T", " ")[:-1], {"NOTICE": "INFO"}.get(sev, sev), logger, msg)
        elif style == "spring-text":
            logger = extra.get("logger", "c.f.app.Service")
            thread = extra.get("thread", "main")
            lvl = {"WARNING": "WARN", "NOTICE": "INFO", "CRITICAL": "ERROR"}.get(sev, sev)
            e["textPayload"] = "%s %5s 1 --- [%s] [%15s] %-40s : %s" % (jtime(t)[:-1] + "+00:00", lvl, svc, thread[-15:], logger, msg)

    def run_sys(self, t, svc, sev, msg, rev=None):
        e = {"logName": "projects/%s/logs/run.googleapis.com%%2Fvarlog%%2Fsystem" % PROJECT,
             "resource": self.run_res(svc, rev), "severity": sev, "textPayload": msg,
             "labels": {"instanceId": self.instance_id(svc)}}
        self.add(t, e)

    # ---------------- GKE
    def pod(self, svc, i):
        ns, style, h = GKE[svc]
        suffix = ["x7k2p", "b9q4m", "t3n8v", "h6w2c", "r5d9j", "m2z7s"][i % 6]
        return "%s-%s-%s" % (svc, h, suffix)

    def k8s_res(self, svc, pod, container=None):
        ns = GKE[svc][0]
        return {"type": "k8s_container", "labels": {"cluster_name": CLUSTER, "container_name": container or svc, "location": REGION,
                                                    "namespace_name": ns, "pod_name": pod, "project_id": PROJECT}}

    def k8s_log(self, t, svc, sev, msg, pod_i=None, extra=None, container=None, style=None, pod=None):
        if pod is None:
            pod = self.pod(svc, pod_i if pod_i is not None else self.r.randint(0, 2))
        if pod not in self.inst:
            self.inst[pod] = "gk3-pay-prod-ap-pool-2-%s-%s" % (self.hx(8), self.hx(4))
        e = {"labels": {"compute.googleapis.com/resource_name": self.inst[pod],
                        "k8s-pod/app": svc, "k8s-pod/pod-template-hash": GKE[svc][2]},
             "logName": "projects/%s/logs/%s" % (PROJECT, "stderr" if sev in ("ERROR", "WARNING") else "stdout"),
             "resource": self.k8s_res(svc, pod, container), "severity": sev}
        self._style(e, t, style or GKE[svc][1], sev, msg, dict(extra or {}), svc)
        self.add(t, e)

    def k8s_event(self, t, kind, name, ns, reason, msg, etype="Normal", component="kubelet", res_type=None):
        rt = res_type or {"Pod": "k8s_pod", "Node": "k8s_node"}.get(kind, "k8s_cluster")
        labels = {"cluster_name": CLUSTER, "location": REGION, "project_id": PROJECT}
        if rt == "k8s_pod":
            labels.update({"namespace_name": ns, "pod_name": name})
        e = {"jsonPayload": {"apiVersion": "v1", "kind": "Event", "involvedObject": {"kind": kind, "name": name, "namespace": ns,
                                                                                  "apiVersion": "apps/v1" if kind in ("Deployment", "ReplicaSet") else ("autoscaling/v2" if kind == "HorizontalPodAutoscaler" else "v1")},
                             "reason": reason, "message": msg, "type": etype, "source": {"component": component},
                             "metadata": {"name": "%s.%s" % (name, self.hx(16)), "namespace": ns},
                             "reportingComponent": component, "count": 1,
                             "firstTimestamp": iso(t)[:19] + "Z", "lastTimestamp": iso(t)[:19] + "Z"},
             "logName": "projects/%s/logs/events" % PROJECT,
             "resource": {"type": rt, "labels": labels},
             "severity": "WARNING" if etype == "Warning" else "INFO"}
        self.add(t, e)

    # ---------------- audit
    def audit(self, t, service, method, resource_name, principal, request=None, response=None, rtype=None, rlabels=None, sev="NOTICE",
              first=True, last=None, op=None, status=None):
        p = {"@type": "type.googleapis.com/google.cloud.audit.AuditLog",
             "authenticationInfo": {"principalEmail": principal},
             "authorizationInfo": [{"granted": True, "permission": method.split(".")[-1].lower(), "resource": resource_name}],
             "methodName": method, "resourceName": resource_name, "serviceName": service,
             "requestMetadata": {"callerIp": "35.205.%d.%d" % (self.r.randint(1, 250), self.r.randint(1, 250)) if "gserviceaccount" in principal else "82.132.41.17",
                                 "callerSuppliedUserAgent": "Terraform/1.9.8 (+https://www.terraform.io) Terraform-Plugin-SDK/2.33.0 terraform-provider-google/6.12.0" if "terraform" in principal else "google-cloud-sdk gcloud/502.0.0 command/gcloud"}}
        if request:
            p["request"] = request
        if response:
            p["response"] = response
        if status:
            p["status"] = status
        e = {"logName": "projects/%s/logs/cloudaudit.googleapis.com%%2Factivity" % PROJECT, "protoPayload": p,
             "resource": {"type": rtype or "audited_resource", "labels": rlabels or {"project_id": PROJECT, "service": service, "method": method}},
             "severity": sev}
        if op:
            e["operation"] = {"id": op, "producer": service}
            if first:
                e["operation"]["first"] = True
            if last:
                e["operation"]["last"] = True
        self.add(t, e)

    # ---------------- LB
    def lb(self, t, path, status, lat, backend="checkout-web-neg-bes", detail="response_sent_by_backend", method="GET", host="pay.finlane.com"):
        e = {"httpRequest": {"latency": "%.6fs" % lat, "remoteIp": self.ip(), "requestMethod": method, "requestSize": str(self.r.randint(200, 2000)),
                             "requestUrl": "https://%s%s" % (host, path), "responseSize": str(self.r.randint(100, 9000)), "serverIp": "10.132.0.%d" % self.r.randint(2, 60),
                             "status": status, "userAgent": self.r.choice(UAS)},
             "jsonPayload": {"@type": "type.googleapis.com/google.cloud.loadbalancing.type.LoadBalancerLogEntry",
                             "backendTargetProjectNumber": "projects/" + PNUM, "statusDetails": detail,
                             "cacheDecision": ["RESPONSE_HAS_CONTENT_TYPE", "REQUEST_HAS_AUTHORIZATION", "CACHE_MODE_USE_ORIGIN_HEADERS"]},
             "logName": "projects/%s/logs/requests" % PROJECT,
             "resource": {"type": "http_load_balancer", "labels": {"backend_service_name": backend, "forwarding_rule_name": "pay-prod-https-fr",
                                                                 "project_id": PROJECT, "target_proxy_name": "pay-prod-https-proxy",
                                                                 "url_map_name": "pay-prod-urlmap", "zone": "global"}},
             "severity": "ERROR" if status >= 500 else ("WARNING" if status >= 400 else "INFO"), "trace": self.trace(), "spanId": self.hx(16)}
        self.add(t, e)

    # ---------------- Cloud SQL
    def sql(self, t, inst, sev, body, db="payouts", user="payouts_app", pid=None, kind="LOG"):
        pid = pid or self.r.randint(10000, 99999)
        line = "%s UTC [%d]: [%d-1] db=%s,user=%s %s:  %s" % (
            dt.datetime.fromtimestamp(t, tz=dt.timezone.utc).strftime("%Y-%m-%d %H:%M:%S.") + "%03d" % (int(t * 1000) % 1000),
            pid, self.r.randint(1, 9), db, user, kind, body)
        e = {"logName": "projects/%s/logs/cloudsql.googleapis.com%%2Fpostgres.log" % PROJECT, "textPayload": line,
             "resource": {"type": "cloudsql_database", "labels": {"database_id": "%s:%s" % (PROJECT, inst), "project_id": PROJECT, "region": REGION}},
             "severity": sev, "labels": {"LOG_BUCKET_NUM": str(self.r.randint(1, 6))}}
        self.add(t, e)

    # ---------------- Scheduler
    def sched(self, t, job, url, status_code=200, lat=None):
        res = {"type": "cloud_scheduler_job", "labels": {"job_id": job, "location": REGION, "project_id": PROJECT}}
        name = "projects/%s/locations/%s/jobs/%s" % (PROJECT, REGION, job)
        st = {"logName": "projects/%s/logs/cloudscheduler.googleapis.com%%2Fexecutions" % PROJECT, "resource": res, "severity": "INFO",
              "jsonPayload": {"@type": "type.googleapis.com/google.cloud.scheduler.logging.AttemptStarted", "jobName": name,
                              "scheduledTime": iso(math.floor(t))[:19] + ".000Z", "targetType": "HTTP", "url": url}}
        self.add(t, st)
        lat = lat if lat is not None else self.r.uniform(0.2, 3.0)
        fin = {"logName": "projects/%s/logs/cloudscheduler.googleapis.com%%2Fexecutions" % PROJECT, "resource": res,
               "jsonPayload": {"@type": "type.googleapis.com/google.cloud.scheduler.logging.AttemptFinished", "jobName": name,
                               "targetType": "HTTP", "url": url},
               "httpRequest": {"status": status_code}, "severity": "INFO" if status_code < 400 else "ERROR"}
        self.add(t + lat, fin)

    def poisson(self, rate_per_s, a=None, b=None):
        a = self.t0 if a is None else a
        b = self.t1 if b is None else b
        t = a
        out = []
        while True:
            t += self.r.expovariate(rate_per_s)
            if t >= b:
                return out
            out.append(t)

    def write(self, outdir, truth):
        self.entries.sort(key=lambda x: (-x[0], x[1]["insertId"]))
        arr = [e for _, e in self.entries]
        d = os.path.join(outdir, self.iid)
        os.makedirs(d, exist_ok=True)
        raw = json.dumps(arr, indent=2, ensure_ascii=False).encode()
        bio = io.BytesIO()
        with gzip.GzipFile(filename="", mode="wb", fileobj=bio, mtime=0, compresslevel=6) as g:
            g.write(raw)
        with open(os.path.join(d, "logs.json.gz"), "wb") as f:
            f.write(bio.getvalue())
        truth = dict(truth)
        out = {"id": self.iid, "title": truth.pop("title"),
               "window": {"start": iso(self.t0)[:19] + "Z", "end": iso(self.t1)[:19] + "Z"}}
        out.update(truth)
        with open(os.path.join(d, "truth.json"), "w") as f:
            json.dump(out, f, indent=2)
            f.write("\n")
        return len(arr)


# --------------------------------------------------------------------------------------------
# Background traffic per service. `hook(svc, t, route, trace)` lets an incident take over a request.
# --------------------------------------------------------------------------------------------
def amt(c):
    return "%.2f" % (c.r.lognormvariate(3.4, 1.0))


def bg_checkout(c, rate=1.2, hook=None):
    for t in c.poisson(rate):
        x = c.r.random()
        tr = c.trace()
        if x < 0.45:
            route = ("GET", "/checkout/cs_%s" % c.hx(10))
        elif x < 0.8:
            route = ("POST", "/api/checkout/cs_%s/confirm" % c.hx(10))
        elif x < 0.93:
            route = ("GET", "/api/checkout/cs_%s/status" % c.hx(10))
        else:
            route = ("GET", "/static/js/app.%s.js" % c.hx(8))
        if hook and hook("checkout-web", t, route, tr):
            continue
        lat = c.r.lognormvariate(-2.3, 0.6) + (0.35 if "confirm" in route[1] else 0)
        st = 200
        if c.r.random() < 0.012:
            st = c.r.choice([400, 404, 409])
        c.run_req(t, "checkout-web", route[0], route[1], st, lat, trace=tr)
        if c.r.random() < 0.25:
            c.lb(t - 0.002, route[1], st, lat + 0.004, method=route[0])
        if "confirm" in route[1]:
            c.run_log(t + lat * 0.9, "checkout-web", "INFO", "checkout confirmed", trace=tr,
                      extra={"req": {"method": "POST", "url": route[1]}, "merchantId": c.r.choice(MERCHANTS), "responseTime": int(lat * 1000)})
        if st == 409:
            c.run_log(t, "checkout-web", "WARNING", "checkout session already completed", trace=tr, extra={"code": "session_completed"})


def bg_payments(c, rate=1.0, hook=None, rev=None):
    for t in c.poisson(rate):
        tr = c.trace()
        x = c.r.random()
        pid = "pi_" + c.hx(16)
        if x < 0.5:
            route = ("POST", "/v1/payments")
        elif x < 0.75:
            route = ("POST", "/v1/payments/%s/capture" % pid)
        else:
            route = ("GET", "/v1/payments/%s" % pid)
        if hook and hook("payments-api", t, route, tr):
            continue
        lat = c.r.lognormvariate(-1.9, 0.5)
        st = 200 if route[0] == "GET" else 201
        if c.r.random() < 0.015:
            st = c.r.choice([400, 402, 402, 404, 422])
        c.run_req(t, "payments-api", route[0], route[1], st, lat, trace=tr, ua="ReactorNetty/1.1.22" if c.r.random() < 0.5 else "finlane-node-sdk/4.12.0", rev=rev)
        if route[1] == "/v1/payments":
            m = c.r.choice(MERCHANTS)
            c.run_log(t + lat * 0.8, "payments-api", "INFO", "payment authorized id=%s merchant=%s amount=%s %s" % (pid, m, amt(c), c.r.choice(CURRENCIES)),
                      trace=tr, rev=rev, extra={"logger": "com.finlane.payments.service.AuthorizationService"})
        if st == 402:
            c.run_log(t + lat, "payments-api", "INFO", "payment declined id=%s code=do_not_honor" % pid, trace=tr, rev=rev,
                      extra={"logger": "com.finlane.payments.service.AuthorizationService"})
    # periodic chatter
    t = c.t0 + c.r.uniform(0, 60)
    while t < c.t1:
        a = c.r.randint(1, 6)
        c.run_log(t, "payments-api", "INFO", "HikariPool-1 - Pool stats (total=20, active=%d, idle=%d, waiting=0)" % (a, 20 - a),
                  rev=rev, extra={"logger": "com.zaxxer.hikari.pool.HikariPool", "thread": "HikariPool-1 housekeeper"})
        t += 60


def bg_fx(c, rate=0.4, hook=None):
    for t in c.poisson(rate):
        if hook and hook("fx-rates", t, ("GET", "/v1/rates"), None):
            continue
        base = c.r.choice(["EUR", "USD", "GBP"])
        c.run_req(t, "fx-rates", "GET", "/v1/rates?base=%s" % base, 200, c.r.lognormvariate(-4, 0.4), ua="ReactorNetty/1.1.22", size=c.r.randint(4000, 6000))
    t = c.t0 + c.r.uniform(0, 300)
    while t < c.t1:
        c.run_req(t, "fx-rates", "POST", "/internal/refresh", 200, c.r.uniform(0.8, 2.0), ua="Google-Cloud-Scheduler")
        c.run_log(t + 0.5, "fx-rates", "INFO", "refreshed %d currency pairs from provider=openexchange in %dms" % (c.r.randint(166, 170), c.r.randint(400, 1400)),
                  extra={"logger": "fx_rates.refresh"})
        c.sched(t - 0.1, "fx-rates-refresh", "https://fx-rates-4kq2lbm7ya-ew.a.run.app/internal/refresh")
        t += 300


def bg_webhooks(c, rate=0.8, hook=None):
    for t in c.poisson(rate):
        m = c.r.choice(MERCHANTS)
        if hook and hook("webhook-dispatcher", t, m, None):
            continue
        st = 200 if c.r.random() > 0.03 else c.r.choice([500, 502, 503, 504])
        lat = c.r.lognormvariate(-1.5, 0.7)
        ev = c.r.choice(["payment.succeeded", "payment.succeeded", "payment.refunded", "payout.paid", "charge.dispute.created"])
        if st == 200:
            c.run_log(t, "webhook-dispatcher", "INFO", "webhook delivered", extra={"caller": "dispatch/worker.go:141", "merchant_id": m, "event_type": ev,
                                                                                  "status": st, "attempt": 1, "duration_ms": int(lat * 1000)})
        else:
            c.run_log(t, "webhook-dispatcher", "WARNING", "webhook delivery failed, scheduling retry",
                      extra={"caller": "dispatch/worker.go:163", "merchant_id": m, "event_type": ev, "status": st,
                             "attempt": c.r.randint(1, 4), "next_retry_s": c.r.choice([30, 120, 600])})


def bg_notifications(c, rate=0.3):
    for t in c.poisson(rate):
        c.run_req(t, "notifications", "POST", "/push/receipt", 204, c.r.lognormvariate(-1.2, 0.4), ua="APIs-Google; (+https://developers.google.com/webmasters/APIs-Google.html)", size=0)
        c.run_log(t + 0.1, "notifications", "INFO", "receipt email queued", extra={"template": "payment_receipt_v5", "provider": "sendgrid"})


def bg_ledger(c, rate=1.0, hook=None):
    for t in c.poisson(rate):
        if hook and hook("ledger-writer", t, None, None):
            continue
        c.k8s_log(t, "ledger-writer", "INFO", "posted journal entry je_%s (%d legs) for %s in %dms" % (
            c.hx(12), c.r.choice([2, 2, 3, 4]), c.r.choice(["payment.captured", "payment.captured", "refund.succeeded", "fee.assessed"]), c.r.randint(8, 40)),
                  extra={"logger": "c.f.ledger.posting.PostingService", "thread": "pubsub-subscriber-%d" % c.r.randint(1, 8)})
    t = c.t0 + c.r.uniform(0, 120)
    while t < c.t1:
        c.k8s_log(t, "ledger-writer", "INFO", "Spanner session pool: inUse=%d, available=%d, maxSessions=400" % (c.r.randint(4, 30), c.r.randint(90, 120)),
                  extra={"logger": "c.g.c.spanner.SessionPool", "thread": "spanner-pool-maint"})
        t += 120


def bg_fraud(c, rate=1.0, hook=None):
    for t in c.poisson(rate):
        if hook and hook("fraud-scorer", t, None, None):
            continue
        c.k8s_log(t, "fraud-scorer", "INFO", "scored payment", extra={"event": "score", "model": "gbt-2025-10-02", "score": round(c.r.betavariate(1.2, 12), 4),
                                                                         "latency_ms": c.r.randint(9, 60), "merchant_id": c.r.choice(MERCHANTS)})


def bg_risk(c, rate=1.0, hook=None):
    for t in c.poisson(rate):
        m = c.r.choice(MERCHANTS)
        if hook and hook("risk-gateway", t, m, None):
            continue
        c.k8s_log(t, "risk-gateway", "INFO", "risk decision", extra={"caller": "decision/engine.go:212", "merchant_id": m,
                                                                        "decision": "APPROVE" if c.r.random() > 0.02 else "REVIEW", "duration_ms": c.r.randint(12, 80)})


def bg_settlement(c, rate=0.6, hook=None):
    for t in c.poisson(rate):
        if hook and hook("settlement-consumer", t, None, None):
            continue
        c.k8s_log(t, "settlement-consumer", "INFO", "settlement event applied", extra={"merchant_id": c.r.choice(MERCHANTS),
                                                                                         "event": c.r.choice(["capture", "capture", "refund", "fee"]),
                                                                                         "subscription": "settlement-events-sub-v2", "age_ms": c.r.randint(40, 900)})


def bg_disputes(c, rate=0.25, hook=None):
    for t in c.poisson(rate):
        if hook and hook("disputes-service", t, None, None):
            continue
        c.lb(t, "/v1/disputes/dp_%s/evidence" % c.hx(10) if c.r.random() < 0.3 else "/v1/disputes?status=open", 200, c.r.lognormvariate(-2, 0.5),
             backend="disputes-svc-neg-bes", host="api.finlane.com", method="GET")
        c.k8s_log(t + 0.02, "disputes-service", "INFO", "Completed request in %dms" % c.r.randint(15, 140),
                  extra={"logger": "c.f.disputes.web.RequestLogFilter", "thread": "http-nio-8080-exec-%d" % c.r.randint(1, 20)})


def bg_sql_routine(c, inst, db, user):
    t = c.t0 + c.r.uniform(0, 300)
    while t < c.t1:
        c.sql(t, inst, "INFO", "checkpoint starting: time", db="[unknown]", user="[unknown]")
        c.sql(t + c.r.uniform(20, 200), inst, "INFO", "checkpoint complete: wrote %d buffers (%.1f%%); 0 WAL file(s) added, 0 removed, %d recycled; write=%.3f s, sync=0.004 s, total=%.3f s" % (
            c.r.randint(200, 3000), c.r.uniform(0.5, 5), c.r.randint(1, 4), c.r.uniform(20, 200), c.r.uniform(20, 200)), db="[unknown]", user="[unknown]")
        t += 300
    for t in c.poisson(0.02):
        c.sql(t, inst, "INFO", "connection authorized: user=%s database=%s SSL enabled (protocol=TLSv1.3, cipher=TLS_AES_256_GCM_SHA384, bits=256)" % (user, db), db=db, user=user)


def bg_k8s_routine(c):
    t = c.t0 + c.r.uniform(0, 400)
    while t < c.t1:
        c.k8s_event(t, "HorizontalPodAutoscaler", "fraud-scorer", "risk", "SuccessfulRescale",
                    "New size: %d; reason: cpu resource utilization (percentage of request) above target" % c.r.randint(3, 6), component="horizontal-pod-autoscaler")
        t += c.r.uniform(500, 1100)


# ---------------- distractor streams (unique texts)
def d_gone(c, n=None):
    for t in c.poisson(n or 0.01):
        c.run_log(t, "webhook-dispatcher", "ERROR", "merchant endpoint returned 410 Gone, disabling endpoint after 15 consecutive failures",
                  extra={"caller": "dispatch/endpoint.go:77", "merchant_id": "m_3391", "endpoint": "https://hooks.oldshop-3391.example/finlane"})


def d_ecb(c):
    for t in c.poisson(0.006):
        c.run_log(t, "fx-rates", "WARNING", "ECB reference feed stale (last publication 2 business days ago), serving cached EUR cross rates",
                  extra={"logger": "fx_rates.providers.ecb"})


def d_sendgrid(c):
    for t in c.poisson(0.012):
        c.run_log(t, "notifications", "ERROR", "SendGrid responded 429 Too Many Requests; requeueing receipt email",
                  extra={"err": {"type": "ResponseError", "message": "Too Many Requests", "code": 429}, "attempt": c.r.randint(1, 3)})


def d_applepay(c):
    for t in c.poisson(0.008):
        c.run_log(t, "checkout-web", "ERROR", "Apple Pay merchant validation failed: domain verification file not found for shop.kaffeehaus-muenchen.example",
                  extra={"merchantId": "m_6120", "err": {"type": "ApplePayValidationError", "statusCode": 400}})


def d_acs(c):
    for t in c.poisson(0.01):
        c.run_log(t, "payments-api", "WARNING", "3DS ACS timeout for issuer BIN 535522, falling back to frictionless=false challenge",
                  extra={"logger": "com.finlane.payments.threeds.AcsClient"})


def d_kyc_vendor(c):
    for t in c.poisson(0.009):
        c.run_log(t, "merchant-onboarding", "WARNING", "KYB vendor companies-house lookup slow (4.2s), using async verification path",
                  extra={"vendor": "companies-house"})


def d_bank_sftp(c):
    for t in c.poisson(0.006):
        c.k8s_log(t, "bank-connector", "WARNING", "SFTP host key for sftp.partnerbank.example will expire in 12 days, please rotate known_hosts entry",
                  extra={"logger": "c.f.bank.sftp.HostKeyMonitor", "thread": "scheduling-1"})


def d_fraud_featurestore(c):
    for t in c.poisson(0.012):
        c.k8s_log(t, "fraud-scorer", "WARNING", "feature store lookup exceeded 250ms budget, using default device features",
                  extra={"event": "feature_timeout", "feature_view": "device_fingerprint_v3"})


def d_dupkey_merchants(c):
    for t in c.poisson(0.004):
        c.sql(t, "merchants-pg", "ERROR", "duplicate key value violates unique constraint \"merchants_external_ref_key\"", db="merchants", user="onboarding_app", kind="ERROR")


# --------------------------------------------------------------------------------------------
# Incidents
# --------------------------------------------------------------------------------------------
def inc_apigw(out):
    c = Ctx("issuer-webhook-apikey-required", 1501, "2025-10-07T13:20:00Z", 45)
    fault = c.t0 + 9 * 60 + 14
    gw_res = {"type": "apigateway.googleapis.com/Gateway", "labels": {"gateway_id": "issuer-gw", "location": REGION, "project_id": PROJECT}}
    cfg = "projects/%s/locations/global/apis/partner-api/configs/partner-api-cfg-0193" % PROJECT
    c.audit(fault - 190, "apigateway.googleapis.com", "google.cloud.apigateway.v1.ApiGatewayService.CreateApiConfig", cfg,
            "terraform-deployer@finlane-prod.iam.gserviceaccount.com",
            request={"@type": "type.googleapis.com/google.cloud.apigateway.v1.CreateApiConfigRequest", "apiConfigId": "partner-api-cfg-0193",
                     "parent": "projects/%s/locations/global/apis/partner-api" % PROJECT},
            rtype="apigateway.googleapis.com/ApiConfig", rlabels={"api_config_id": "partner-api-cfg-0193", "api_id": "partner-api", "location": "global", "project_id": PROJECT})
    c.audit(fault - 12, "apigateway.googleapis.com", "google.cloud.apigateway.v1.ApiGatewayService.UpdateGateway",
            "projects/%s/locations/%s/gateways/issuer-gw" % (PROJECT, REGION), "terraform-deployer@finlane-prod.iam.gserviceaccount.com",
            request={"@type": "type.googleapis.com/google.cloud.apigateway.v1.UpdateGatewayRequest",
                     "gateway": {"apiConfig": cfg, "name": "projects/%s/locations/%s/gateways/issuer-gw" % (PROJECT, REGION)}, "updateMask": "apiConfig"},
            rtype="apigateway.googleapis.com/Gateway", rlabels={"gateway_id": "issuer-gw", "location": REGION, "project_id": PROJECT}, op="operation-1759843" + c.hx(8))

    def gw(t, path, code, detail, lat_ms, msg, err=""):
        p = {"api_key_state": "NOT CHECKED" if code != 401 else "API key missing", "api_method": "1.partner_api_1_0_0.NetworkWebhook" + path.split("/")[-1].title(),
             "api_name": "1.partner_api_1_0_0", "api_version": "1.0.0", "http_method": "POST", "http_status_code": code, "location": REGION,
             "log_message": msg, "producer_project_id": PROJECT, "request_latency_in_ms": lat_ms, "response_code_detail": detail,
             "timestamp": iso(t), "url": path, "service_agent": "ESPv2/2.51.0"}
        if err:
            p["error_cause"] = err
        e = {"jsonPayload": p, "logName": "projects/%s/logs/apigateway.googleapis.com%%2Fendpoints_log" % PROJECT, "resource": gw_res,
             "severity": "ERROR" if code >= 500 else ("WARNING" if code >= 400 else "INFO"), "httpRequest": {"requestMethod": "POST", "status": code,
             "requestUrl": "https://issuer-gw-3xk1m9qe.ew.gateway.dev" + path, "remoteIp": "198.51.100.%d" % c.r.randint(10, 40),
             "latency": "%.3fs" % (lat_ms / 1000.0), "userAgent": "CardNetwork-Notifier/3.2"}}
        c.add(t, e)

    pending = []
    for t in c.poisson(1.3):
        path = c.r.choice(["/v1/network/webhooks/authorization", "/v1/network/webhooks/authorization", "/v1/network/webhooks/clearing", "/v1/network/webhooks/chargeback"])
        if t < fault:
            lat = c.r.randint(25, 140)
            gw(t, path, 200, "via_upstream", lat, "1.partner_api_1_0_0.NetworkWebhook%s is called" % path.split("/")[-1].title())
            c.run_req(t + 0.01, "card-network-adapter", "POST", path, 200, lat / 1000.0 - 0.008, ua="ESPv2/2.51.0", remote="169.254.169.126")
            c.run_log(t + 0.02, "card-network-adapter", "INFO", "network notification accepted", extra={"caller": "webhook/handler.go:64", "kind": path.split("/")[-1],
                                                                                                       "network": c.r.choice(["visa", "mastercard"]), "payment_id": "pi_" + c.hx(16)})
        else:
            gw(t, path, 401, "service_control_check_error{MISSING_API_KEY}", c.r.randint(1, 4),
               "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
               err="UNAUTHENTICATED")
            if "authorization" in path:
                pending.append(t)
    for t in pending[::2]:
        tw = t + 120 + c.r.uniform(0, 5)
        pid = "pi_" + c.hx(16)
        c.run_log(tw, "payments-api", "WARNING", "payment %s still PENDING_NETWORK_AUTH after 120s, no network callback received" % pid,
                  extra={"logger": "com.finlane.payments.service.PendingAuthSweeper", "merchant": c.r.choice(MERCHANTS)})
    for t in pending[::3]:
        tw = t + 30
        c.run_req(tw, "checkout-web", "GET", "/api/checkout/cs_%s/status" % c.hx(10), 504, 30.0 + c.r.uniform(0, 0.3))
        c.run_log(tw, "checkout-web", "ERROR", "payment confirmation timed out waiting for authorization result", extra={"merchantId": c.r.choice(MERCHANTS), "waitedMs": 30000})
    t = fault + 300
    while t < c.t1:
        c.run_log(t, "card-network-adapter", "WARNING", "no network notifications received in last 5m (expected ~390)", extra={"caller": "webhook/watchdog.go:31"})
        t += 300

    def hook(svc, t, route, tr):
        if svc == "checkout-web" and t > fault and "confirm" in route[1] and c.r.random() < 0.6:
            c.run_req(t, "checkout-web", "POST", route[1], 202, c.r.uniform(0.2, 0.5), trace=tr)
            return True
        return False
    bg_checkout(c, 1.1, hook=hook)
    bg_payments(c, 0.9)
    bg_fx(c)
    bg_webhooks(c)
    bg_ledger(c, 0.8)
    bg_fraud(c, 0.9)
    bg_notifications(c)
    d_sendgrid(c)
    d_ecb(c)
    bg_k8s_routine(c)
    return c.write(out, {
        "title": "Issuer/network webhooks rejected at API Gateway after api config partner-api-cfg-0193 required an API key",
        "root_cause": {"evidence": ["partner-api-cfg-0193", "ApiGatewayService.UpdateGateway"], "category": "configuration",
                       "must_mention": ["partner-api-cfg-0193", "API key"]},
        "symptoms": [{"evidence": "Method doesn't allow unregistered callers"}, {"evidence": "still PENDING_NETWORK_AUTH"},
                     {"evidence": "timed out waiting for authorization result"}, {"evidence": "no network notifications received"}],
        "distractors": [{"evidence": "SendGrid responded 429"}, {"evidence": "ECB reference feed stale"}],
        "priority": "P1"})


def inc_xid(out):
    c = Ctx("payouts-pg-xid-wraparound", 1502, "2025-08-19T02:10:00Z", 50)
    inst = "payouts-pg"
    stop = c.t0 + 13 * 60 + 40
    fix = c.t0 + 41 * 60
    remaining = 2_900_000
    t = c.t0 + 20
    while t < stop:
        c.sql(t, inst, "WARNING", "database \"payouts\" must be vacuumed within %d transactions" % max(remaining, 1001000 + c.r.randint(0, 40000)), kind="WARNING")
        c.sql(t + 0.001, inst, "WARNING", "To avoid a database shutdown, execute a database-wide VACUUM in that database.\nYou might also need to commit or roll back old prepared transactions, or drop stale replication slots.", kind="HINT")
        remaining -= c.r.randint(40000, 70000)
        t += c.r.uniform(15, 30)
    t = c.t0 + 60
    while t < fix:
        c.sql(t, inst, "INFO", "automatic aggressive vacuum to prevent wraparound of table \"payouts.public.payout_events\": index scans: 0\n\tpages: 0 removed, 918223 remain, 918223 scanned (100.00% of total)\n\ttuples: 0 removed, 48110291 remain, 0 are dead but not yet removable, oldest xmin: 1904113427",
              db="payouts", user="cloudsqladmin")
        t += c.r.uniform(240, 400)
    for t in c.poisson(1.4, stop, fix):
        pid = "po_" + c.hx(14)
        c.sql(t, inst, "ERROR", "database is not accepting commands that assign new transaction IDs to avoid wraparound data loss in database \"payouts\"", kind="ERROR")
        if c.r.random() < 0.6:
            c.sql(t + 0.0005, inst, "ERROR", "Execute a database-wide VACUUM in that database.\nYou might also need to commit or roll back old prepared transactions, or drop stale replication slots.", kind="HINT")
        tr = c.trace()
        c.run_req(t, "payouts-service", "POST", "/v1/payouts", 500, c.r.uniform(0.05, 0.2), ua="finlane-node-sdk/4.12.0", trace=tr)
        c.run_log(t, "payouts-service", "ERROR", "payout %s could not be persisted; returning 500" % pid, trace=tr, extra={"logger": "payouts.api.routes"})
        if c.r.random() < 0.3:
            for ln in ["Traceback (most recent call last):",
                       "  File \"/app/payouts/api/routes.py\", line 118, in create_payout",
                       "    await repo.insert_payout(session, payout)",
                       "  File \"/app/payouts/db/repo.py\", line 57, in insert_payout",
                       "    await session.flush()",
                       "sqlalchemy.exc.OperationalError: (psycopg.errors.ProgramLimitExceeded) database is not accepting commands that assign new transaction IDs to avoid wraparound data loss in database \"payouts\""]:
                c.run_log(t + 0.001, "payouts-service", "ERROR", ln, extra={"raw": True})
    t = stop + 30
    while t < fix:
        c.k8s_log(t, "bank-connector", "WARNING", "payout intake from payouts-service returned 0 new instructions in the last 60s (expected ~70)",
                  extra={"logger": "c.f.bank.intake.IntakePoller", "thread": "scheduling-1"})
        t += 60
    c.sql(fix - 180, inst, "INFO", "statement: SELECT gid, prepared, owner, database FROM pg_prepared_xacts;", db="payouts", user="dba_oncall")
    c.sql(fix - 40, inst, "INFO", "statement: ROLLBACK PREPARED 'payouts_2pc_7f3a91c4';", db="payouts", user="dba_oncall")
    c.sql(fix - 30, inst, "INFO", "statement: VACUUM (FREEZE, VERBOSE) public.payout_events;", db="payouts", user="dba_oncall")
    c.sql(fix + 300, inst, "INFO", "duration: 287221.401 ms  statement: VACUUM (FREEZE, VERBOSE) public.payout_events;", db="payouts", user="dba_oncall")
    for t in c.poisson(1.2):
        if stop <= t < fix:
            c.run_req(t, "payouts-service", "GET", "/v1/payouts/po_%s" % c.hx(14), 200, c.r.uniform(0.01, 0.05), ua="finlane-node-sdk/4.12.0")
            continue
        c.run_req(t, "payouts-service", "POST", "/v1/payouts", 201, c.r.lognormvariate(-2.5, 0.4), ua="finlane-node-sdk/4.12.0")
        c.run_log(t, "payouts-service", "INFO", "payout po_%s created merchant=%s amount=%s EUR" % (c.hx(14), c.r.choice(MERCHANTS), amt(c)), extra={"logger": "payouts.api.routes"})
    bg_sql_routine(c, inst, "payouts", "payouts_app")
    bg_checkout(c, 0.5)
    bg_payments(c, 0.5)
    bg_webhooks(c, 0.4)
    bg_ledger(c, 0.5)
    bg_fx(c)
    d_bank_sftp(c)
    d_gone(c, 0.015)
    return c.write(out, {
        "title": "Payout writes refused: payouts Cloud SQL database hit transaction ID wraparound protection (stale prepared transaction blocked vacuum)",
        "root_cause": {"evidence": ["must be vacuumed within", "not accepting commands that assign new transaction IDs", "ROLLBACK PREPARED"], "category": "database",
                       "must_mention": ["wraparound", "prepared"]},
        "symptoms": [{"evidence": "could not be persisted"}, {"evidence": "returned 0 new instructions"}],
        "distractors": [{"evidence": "SFTP host key"}, {"evidence": "returned 410 Gone"}],
        "priority": "P1"})


def inc_mutations(out):
    c = Ctx("settlement-spanner-mutation-limit", 1503, "2025-09-02T00:05:00Z", 40)
    first = c.t0 + 4 * 60 + 12
    c.k8s_log(c.t0 + 60, "settlement-consumer", "INFO", "daily settlement run started", pod_i=0, extra={"run_id": "stl-20250901", "merchants": 15, "cutoff": "2025-09-01T23:59:59Z"})
    n = 0
    t = c.t0 + 70
    for m in MERCHANTS:
        if m == "m_8812":
            continue
        t += c.r.uniform(40, 110)
        c.k8s_log(t, "settlement-consumer", "INFO", "merchant settlement committed", pod_i=n % 3, extra={"merchant_id": m, "run_id": "stl-20250901",
                                                                                                    "transactions": c.r.randint(800, 9000), "mutations": c.r.randint(6000, 52000)})
        c.k8s_log(t + 2, "bank-connector", "INFO", "queued settlement file SF-20250901-%s" % m, extra={"logger": "c.f.bank.files.SettlementFileWriter", "thread": "pubsub-1"})
        n += 1
    t = first
    attempt = 1
    while t < c.t1:
        pod = c.r.randint(0, 2)
        c.k8s_log(t - 41, "settlement-consumer", "INFO", "building settlement for merchant", pod_i=pod, extra={"merchant_id": "m_8812", "run_id": "stl-20250901",
                                                                                                          "transactions": 31877, "delivery_attempt": attempt})
        c.k8s_log(t, "settlement-consumer", "ERROR", "commit settlement transaction: spanner: code = \"InvalidArgument\", desc = \"The transaction contains too many mutations. Insert and update operations count with the multiplicity of the number of columns they affect. For example, inserting values into one key column and four non-key columns count as five mutations total for the insert. Delete and delete range operations count as one mutation regardless of the number of columns affected. The current mutation limit is 80000.\"",
                  pod_i=pod, extra={"merchant_id": "m_8812", "run_id": "stl-20250901", "rows": 31877, "delivery_attempt": attempt})
        c.k8s_log(t + 0.01, "settlement-consumer", "WARNING", "nacking settlement request, will be redelivered", pod_i=pod, extra={"merchant_id": "m_8812", "delivery_attempt": attempt,
                                                                                                                              "subscription": "settlement-requests-sub"})
        attempt += 1
        t += c.r.uniform(95, 130)
    t = c.t0 + 25 * 60
    while t < c.t1:
        c.k8s_log(t, "bank-connector", "ERROR", "settlement file for merchant m_8812 not ready at cut-off check (run stl-20250901); partner bank submission window closes 01:00Z",
                  extra={"logger": "c.f.bank.files.CutoffMonitor", "thread": "scheduling-1"})
        t += 300
    c.run_log(c.t0 + 30 * 60, "webhook-dispatcher", "WARNING", "payout.delayed event emitted", extra={"merchant_id": "m_8812", "caller": "dispatch/events.go:51", "reason": "settlement_pending"})
    bg_checkout(c, 0.6)
    bg_payments(c, 0.6)
    bg_ledger(c, 0.6)
    bg_settlement(c, 0.7)
    bg_fraud(c, 0.6)
    bg_webhooks(c, 0.5)
    bg_fx(c)
    d_fraud_featurestore(c)
    d_bank_sftp(c)
    bg_k8s_routine(c)
    return c.write(out, {
        "title": "Daily settlement for the largest merchant fails every retry: single Spanner transaction exceeds the 80,000 mutation limit",
        "root_cause": {"evidence": ["too many mutations"], "category": "code-bug", "must_mention": ["mutation", "m_8812"]},
        "symptoms": [{"evidence": "nacking settlement request"}, {"evidence": "not ready at cut-off check"}],
        "distractors": [{"evidence": "feature store lookup exceeded 250ms"}, {"evidence": "SFTP host key"}],
        "priority": "P2"})


def inc_redis_auth(out):
    c = Ctx("memorystore-auth-enabled", 1504, "2025-10-14T09:40:00Z", 35)
    fault = c.t0 + 11 * 60 + 3
    op = "projects/%s/locations/%s/operations/operation-1760436" % (PROJECT, REGION) + c.hx(6)
    rn = "projects/%s/locations/%s/instances/checkout-sessions" % (PROJECT, REGION)
    rl = {"instance_id": rn, "node_id": "", "region": REGION, "project_id": PROJECT}
    c.audit(fault - 170, "redis.googleapis.com", "google.cloud.redis.v1.CloudRedis.UpdateInstance", rn, "priya.nair@finlane.com",
            request={"@type": "type.googleapis.com/google.cloud.redis.v1.UpdateInstanceRequest", "instance": {"authEnabled": True, "name": rn},
                     "updateMask": "auth_enabled"}, rtype="redis_instance", rlabels=rl, op=op, first=True)
    c.audit(fault - 2, "redis.googleapis.com", "google.cloud.redis.v1.CloudRedis.UpdateInstance", rn, "priya.nair@finlane.com",
            rtype="redis_instance", rlabels=rl, op=op, first=False, last=True)
    recover = c.t0 + 29 * 60

    def bad(t):
        return fault <= t < recover

    def hook(svc, t, route, tr):
        if svc == "checkout-web" and bad(t) and route[1].startswith(("/checkout", "/api/checkout")):
            lat = c.r.uniform(0.01, 0.06)
            c.run_req(t, "checkout-web", route[0], route[1], 500, lat, trace=tr)
            if c.r.random() < 0.3:
                c.lb(t - 0.002, route[1], 500, lat + 0.003, method=route[0])
            c.run_log(t + lat, "checkout-web", "ERROR", "session store unavailable", trace=tr,
                      extra={"err": {"type": "ReplyError", "message": "NOAUTH Authentication required.", "command": {"name": "get", "args": ["sess:" + c.hx(24)]},
                                     "stack": "ReplyError: NOAUTH Authentication required.\n    at parseError (/app/node_modules/redis-parser/lib/parser.js:179:12)\n    at parseType (/app/node_modules/redis-parser/lib/parser.js:302:14)"}})
            return True
        if svc == "payments-api" and bad(t) and route[0] == "POST":
            lat = c.r.uniform(0.02, 0.1)
            c.run_req(t, "payments-api", route[0], route[1], 503, lat, trace=tr)
            c.run_log(t + lat, "payments-api", "ERROR", "Idempotency store unavailable, rejecting mutating request", trace=tr,
                      extra={"logger": "com.finlane.payments.idempotency.RedisIdempotencyStore",
                             "stack_trace": "io.lettuce.core.RedisCommandExecutionException: NOAUTH Authentication required.\n\tat io.lettuce.core.internal.ExceptionFactory.createExecutionException(ExceptionFactory.java:147)\n\tat io.lettuce.core.internal.ExceptionFactory.createExecutionException(ExceptionFactory.java:116)\n\tat io.lettuce.core.protocol.AsyncCommand.completeResult(AsyncCommand.java:120)\n\tat com.finlane.payments.idempotency.RedisIdempotencyStore.reserve(RedisIdempotencyStore.java:64)"})
            return True
        return False
    c.run_log(recover - 50, "checkout-web", "INFO", "config reloaded: REDIS_AUTH_SECRET=projects/finlane-prod/secrets/checkout-sessions-auth/versions/1", extra={"component": "config"})
    c.audit(recover - 200, "secretmanager.googleapis.com", "google.cloud.secretmanager.v1.SecretManagerService.AddSecretVersion",
            "projects/%s/secrets/checkout-sessions-auth" % PNUM, "priya.nair@finlane.com", rtype="secretmanager.googleapis.com/Secret",
            rlabels={"secret_id": "checkout-sessions-auth", "location": "", "project_id": PROJECT})
    bg_checkout(c, 1.6, hook=hook)
    bg_payments(c, 1.2, hook=hook)
    bg_fx(c)
    bg_webhooks(c)
    bg_ledger(c)
    bg_fraud(c)
    bg_notifications(c)
    d_applepay(c)
    d_acs(c)
    bg_k8s_routine(c)
    return c.write(out, {
        "title": "Checkout and payment creation fail after AUTH was enabled on the checkout-sessions Memorystore instance without client credentials",
        "root_cause": {"evidence": ["CloudRedis.UpdateInstance", "auth_enabled"], "category": "configuration",
                       "must_mention": ["AUTH", "checkout-sessions"]},
        "symptoms": [{"evidence": "NOAUTH Authentication required"}, {"evidence": "session store unavailable"},
                     {"evidence": "Idempotency store unavailable"}],
        "distractors": [{"evidence": "Apple Pay merchant validation failed"}, {"evidence": "3DS ACS timeout"}],
        "priority": "P0"})


def inc_coldstart(out):
    c = Ctx("payments-api-min-instances-coldstart", 1505, "2025-11-16T04:30:00Z", 45)
    change = c.t0 + 3 * 60 + 30
    newrev = "payments-api-00412-vaz"
    sn = "projects/%s/locations/%s/services/payments-api" % (PROJECT, REGION)
    c.audit(change, "run.googleapis.com", "google.cloud.run.v2.Services.UpdateService", sn, "terraform-deployer@finlane-prod.iam.gserviceaccount.com",
            request={"@type": "type.googleapis.com/google.cloud.run.v2.UpdateServiceRequest",
                     "service": {"name": sn, "template": {"revision": newrev, "scaling": {"maxInstanceCount": 80},
                                                          "containers": [{"image": "europe-west1-docker.pkg.dev/finlane-prod/apps/payments-api:2.41.0",
                                                                          "resources": {"limits": {"cpu": "2", "memory": "2Gi"}, "cpuIdle": True}}]}}},
            rtype="cloud_run_revision", rlabels={"service_name": "payments-api", "revision_name": "", "configuration_name": "", "location": REGION, "project_id": PROJECT})
    c.run_sys(change + 40, "payments-api", "INFO", "Ready condition status changed to True for Revision %s." % newrev, rev=newrev)
    c.run_sys(change + 42, "payments-api", "INFO", "Ready condition status changed to True for Service payments-api.", rev=newrev)
    bursts = []
    t = c.t0 + 60
    while t < c.t1:
        bursts.append(t)
        t += c.r.uniform(150, 330)
    last_active = c.t0
    for b in bursts:
        cold = b > change + 60 and (b - last_active) > 120
        n = c.r.randint(6, 22)
        ts = sorted(b + c.r.uniform(0, 40) for _ in range(n))
        start_done = b
        if cold:
            c.run_sys(b, "payments-api", "INFO", "Starting new instance. Reason: AUTOSCALING - Instance started due to configured scaling factors (e.g. CPU utilization, request throughput, etc.) or no existing capacity for current traffic.", rev=newrev)
            st = c.r.uniform(17.5, 24.0)
            start_done = b + st
            seq = [(0.9, "INFO", "Starting PaymentsApiApplication v2.41.0 using Java 21.0.5 with PID 1 (/app/payments-api.jar started by root in /app)"),
                   (1.0, "INFO", "The following 1 profile is active: \"prod\""),
                   (6.2, "INFO", "Bootstrapping Spring Data JPA repositories in DEFAULT mode."),
                   (9.8, "INFO", "HikariPool-1 - Starting..."),
                   (11.4, "INFO", "HikariPool-1 - Added connection org.postgresql.jdbc.PgConnection@%s" % c.hx(8)),
                   (11.5, "INFO", "HikariPool-1 - Start completed."),
                   (st - 1.2, "INFO", "Tomcat started on port 8080 (http) with context path '/'"),
                   (st, "INFO", "Started PaymentsApiApplication in %.3f seconds (process running for %.3f)" % (st - 1.0, st + 0.6))]
            for off, sev, m in seq:
                c.run_log(b + off, "payments-api", sev, m, rev=newrev, extra={"logger": "com.finlane.payments.PaymentsApiApplication", "thread": "main"})
            c.run_sys(start_done + 0.2, "payments-api", "INFO", "Default STARTUP TCP probe succeeded after 1 attempt for container \"payments-api-1\" on port 8080.", rev=newrev)
        rev = newrev if b > change + 40 else None
        for t in ts:
            tr = c.trace()
            pid = "pi_" + c.hx(16)
            wait = max(0.0, start_done - t)
            lat = wait + c.r.lognormvariate(-1.9, 0.5) + (c.r.uniform(0.5, 1.5) if wait > 0 else 0)
            cs = "/api/checkout/cs_%s/confirm" % c.hx(10)
            if wait > 0 and lat > 15:
                c.run_req(t, "payments-api", "POST", "/v1/payments", 201, lat, rev=rev, trace=tr, ua="ReactorNetty/1.1.22")
                c.run_log(t + 15, "checkout-web", "ERROR", "upstream payments-api timed out after 15000ms", trace=tr,
                          extra={"err": {"type": "TimeoutError", "code": "UND_ERR_HEADERS_TIMEOUT"}, "route": "POST /v1/payments"})
                c.run_req(t - 0.05, "checkout-web", "POST", cs, 504, 15.05, trace=tr)
                c.lb(t - 0.06, cs, 504, 15.06, method="POST")
            else:
                c.run_req(t, "payments-api", "POST", "/v1/payments", 201, lat, rev=rev, trace=tr, ua="ReactorNetty/1.1.22")
                c.run_req(t - 0.05, "checkout-web", "POST", cs, 200, lat + 0.1, trace=tr)
                if lat > 3:
                    c.run_log(t + lat, "checkout-web", "WARNING", "slow upstream response from payments-api (%dms)" % int(lat * 1000), trace=tr, extra={"route": "POST /v1/payments"})
            c.run_log(t + lat * 0.9, "payments-api", "INFO", "payment authorized id=%s merchant=%s amount=%s %s" % (pid, c.r.choice(MERCHANTS), amt(c), c.r.choice(CURRENCIES)),
                      trace=tr, rev=rev, extra={"logger": "com.finlane.payments.service.AuthorizationService"})
        last_active = ts[-1]

    def hook(svc, t, route, tr):
        return "confirm" in route[1]
    bg_checkout(c, 0.4, hook=hook)
    bg_fx(c)
    bg_webhooks(c, 0.2)
    bg_ledger(c, 0.3)
    bg_fraud(c, 0.3)
    bg_notifications(c, 0.1)
    d_ecb(c)
    d_gone(c, 0.012)
    for t in c.poisson(0.004):
        c.run_log(t, "payments-api", "WARNING", "HikariPool-1 - Thread starvation or clock leap detected (housekeeper delta=1m2s).",
                  rev=newrev if t > change + 40 else None, extra={"logger": "com.zaxxer.hikari.pool.HikariPool", "thread": "HikariPool-1 housekeeper"})
    return c.write(out, {
        "title": "Checkout confirmations time out at night: payments-api min instances removed, Spring Boot cold starts (~20s) exceed the 15s caller timeout",
        "root_cause": {"evidence": ["Services.UpdateService", "Starting new instance. Reason: AUTOSCALING"], "category": "capacity",
                       "must_mention": ["cold start", "min"]},
        "symptoms": [{"evidence": "timed out after 15000ms"}, {"evidence": "slow upstream response from payments-api"}],
        "distractors": [{"evidence": "ECB reference feed stale"}, {"evidence": "returned 410 Gone"}],
        "priority": "P2"})


def inc_replica(out):
    c = Ctx("merchant-onboarding-read-replica-dsn", 1506, "2025-09-23T15:00:00Z", 40)
    newrev = "merchant-onboarding-00088-kit"
    sec = c.t0 + 6 * 60 + 10
    dep = sec + 95
    c.audit(sec, "secretmanager.googleapis.com", "google.cloud.secretmanager.v1.SecretManagerService.AddSecretVersion",
            "projects/%s/secrets/merchants-db-url" % PNUM, "github-ci@finlane-prod.iam.gserviceaccount.com",
            request={"@type": "type.googleapis.com/google.cloud.secretmanager.v1.AddSecretVersionRequest", "parent": "projects/%s/secrets/merchants-db-url" % PNUM},
            response={"@type": "type.googleapis.com/google.cloud.secretmanager.v1.SecretVersion", "name": "projects/%s/secrets/merchants-db-url/versions/7" % PNUM, "state": "ENABLED"},
            rtype="secretmanager.googleapis.com/Secret", rlabels={"secret_id": "merchants-db-url", "location": "", "project_id": PROJECT})
    c.audit(dep, "run.googleapis.com", "google.cloud.run.v1.Services.ReplaceService", "namespaces/%s/services/merchant-onboarding" % PROJECT,
            "github-ci@finlane-prod.iam.gserviceaccount.com", rtype="cloud_run_revision",
            rlabels={"service_name": "merchant-onboarding", "revision_name": "", "configuration_name": "", "location": REGION, "project_id": PROJECT})
    live = dep + 48
    for i in range(3):
        tt = dep + 30 + i * 4
        c.run_log(tt, "merchant-onboarding", "INFO", "pg pool configured host=10.61.0.12 port=5432 db=merchants (DATABASE_URL from secret merchants-db-url:latest)", rev=newrev,
                  extra={"component": "db"})
        c.run_log(tt + 0.4, "merchant-onboarding", "INFO", "server listening on :8080", rev=newrev)
    c.run_sys(live, "merchant-onboarding", "INFO", "Ready condition status changed to True for Revision %s." % newrev, rev=newrev)
    for t in c.poisson(0.9):
        rev = newrev if t > live else None
        r = c.r.random()
        tr = c.trace()
        if r < 0.45:
            c.run_req(t, "merchant-onboarding", "GET", "/api/merchants/%s/status" % c.r.choice(MERCHANTS), 200, c.r.lognormvariate(-3, 0.4), rev=rev, trace=tr)
            continue
        path = c.r.choice(["/api/merchants", "/api/merchants/applications/%s/kyb-documents" % c.hx(10), "/api/merchants/applications/%s/bank-account" % c.hx(10)])
        if t < live:
            c.run_req(t, "merchant-onboarding", "POST", path, 201, c.r.lognormvariate(-2, 0.4), rev=rev, trace=tr)
            c.run_log(t + 0.1, "merchant-onboarding", "INFO", "application updated", rev=rev, trace=tr, extra={"step": path.split("/")[-1]})
        else:
            c.run_req(t, "merchant-onboarding", "POST", path, 500, c.r.uniform(0.01, 0.05), rev=rev, trace=tr)
            table = {"merchants": "merchant_applications", "kyb-documents": "kyb_documents", "bank-account": "bank_accounts"}[path.split("/")[-1]]
            c.run_log(t + 0.01, "merchant-onboarding", "ERROR", "failed to save onboarding step", rev=rev, trace=tr,
                      extra={"err": {"type": "DatabaseError", "message": "cannot execute INSERT in a read-only transaction", "code": "25006", "severity": "ERROR",
                                     "routine": "PreventCommandIfReadOnly", "stack": "error: cannot execute INSERT in a read-only transaction\n    at /app/node_modules/pg-pool/index.js:45:11\n    at async ApplicationRepo.save (/app/dist/repo/applications.js:88:9)"}, "table": table})
            c.sql(t + 0.005, "merchants-pg-replica-1", "ERROR", "cannot execute INSERT in a read-only transaction", db="merchants", user="onboarding_app", kind="ERROR")
            if c.r.random() < 0.5:
                c.sql(t + 0.006, "merchants-pg-replica-1", "ERROR", "INSERT INTO %s (id, application_id, payload, created_at) VALUES ($1, $2, $3, now())" % table,
                      db="merchants", user="onboarding_app", kind="STATEMENT")
    t = live + 600
    while t < c.t1:
        c.run_log(t, "notifications", "WARNING", "merchant onboarding funnel: 0 applications submitted in last 10m (baseline 31)", extra={"job": "funnel-monitor"})
        t += 600
    bg_sql_routine(c, "merchants-pg", "merchants", "onboarding_app")
    bg_checkout(c, 1.0)
    bg_payments(c, 0.9)
    bg_webhooks(c)
    bg_ledger(c)
    bg_fx(c)
    bg_notifications(c)
    d_kyc_vendor(c)
    d_dupkey_merchants(c)
    return c.write(out, {
        "title": "Merchant onboarding writes fail: new merchants-db-url secret version points the service at the read replica",
        "root_cause": {"evidence": ["host=10.61.0.12", "AddSecretVersion"], "category": "configuration",
                       "must_mention": ["replica", "merchants-db-url"]},
        "symptoms": [{"evidence": "failed to save onboarding step"}, {"evidence": "0 applications submitted"}],
        "distractors": [{"evidence": "KYB vendor companies-house lookup slow"}, {"evidence": "merchants_external_ref_key"}],
        "priority": "P1"})


def inc_bigdecimal(out):
    c = Ctx("payments-3-decimal-currency-rounding", 1507, "2025-10-21T10:15:00Z", 50)
    enable = c.t0 + 7 * 60 + 22
    c.run_log(enable, "payments-api", "INFO", "currency catalog reloaded from gs://finlane-prod-config/currencies.yaml generation=1761041842 (added: BHD, KWD, OMR; total 41)",
              extra={"logger": "com.finlane.payments.config.CurrencyCatalog", "thread": "config-watcher-1"})
    c.run_log(enable + 1.5, "checkout-web", "INFO", "merchant currency settings synced", extra={"merchants": ["m_2203", "m_7004"], "currencies": ["BHD", "KWD"]})

    def hook(svc, t, route, tr):
        if svc == "payments-api" and t > enable + 30 and route[1] == "/v1/payments" and c.r.random() < 0.06:
            cur = c.r.choice(["BHD", "BHD", "KWD", "OMR"])
            m = {"BHD": "m_2203", "KWD": "m_7004", "OMR": "m_7004"}[cur]
            a = "%.3f" % c.r.uniform(3, 180)
            c.run_req(t, "payments-api", "POST", "/v1/payments", 500, c.r.uniform(0.03, 0.09), trace=tr)
            c.run_log(t + 0.02, "payments-api", "ERROR", "Unhandled exception processing POST /v1/payments merchant=%s currency=%s amount=%s" % (m, cur, a), trace=tr,
                      extra={"logger": "com.finlane.payments.api.GlobalExceptionHandler",
                             "stack_trace": "java.lang.ArithmeticException: Rounding necessary\n\tat java.base/java.math.BigDecimal.commonNeedIncrement(BigDecimal.java:4628)\n\tat java.base/java.math.BigDecimal.needIncrement(BigDecimal.java:4835)\n\tat java.base/java.math.BigDecimal.divideAndRound(BigDecimal.java:4810)\n\tat java.base/java.math.BigDecimal.setScale(BigDecimal.java:2911)\n\tat com.finlane.payments.money.MinorUnits.toMinor(MinorUnits.java:31)\n\tat com.finlane.payments.service.AuthorizationService.authorize(AuthorizationService.java:142)\n\tat com.finlane.payments.api.PaymentController.create(PaymentController.java:77)"})
            tr2 = c.trace()
            c.run_req(t - 0.1, "checkout-web", "POST", "/api/checkout/cs_%s/confirm" % c.hx(10), 502, c.r.uniform(0.1, 0.2), trace=tr2)
            c.run_log(t + 0.05, "checkout-web", "ERROR", "payments-api returned 500 for payment creation", trace=tr2, extra={"merchantId": m, "currency": cur})
            return True
        return False
    bg_checkout(c, 1.4)
    bg_payments(c, 1.3, hook=hook)
    bg_fx(c)
    bg_webhooks(c)
    bg_ledger(c)
    bg_fraud(c)
    bg_risk(c, 0.9)
    bg_notifications(c)
    d_acs(c)
    d_sendgrid(c)
    d_applepay(c)
    bg_k8s_routine(c)
    return c.write(out, {
        "title": "Payments in newly enabled 3-decimal currencies (BHD/KWD/OMR) fail with ArithmeticException: Rounding necessary",
        "root_cause": {"evidence": ["Rounding necessary", "added: BHD, KWD, OMR"], "category": "code-bug",
                       "must_mention": ["BHD", "rounding"]},
        "symptoms": [{"evidence": "payments-api returned 500 for payment creation"}],
        "distractors": [{"evidence": "3DS ACS timeout"}, {"evidence": "SendGrid responded 429"}, {"evidence": "Apple Pay merchant validation failed"}],
        "priority": "P2"})


def inc_schema(out):
    c = Ctx("refund-events-schema-validation", 1508, "2025-07-29T12:00:00Z", 45)
    newrev = "refunds-service-00057-rox"
    dep = c.t0 + 8 * 60 + 5
    c.audit(dep, "run.googleapis.com", "google.cloud.run.v1.Services.ReplaceService", "namespaces/%s/services/refunds-service" % PROJECT,
            "github-ci@finlane-prod.iam.gserviceaccount.com", rtype="cloud_run_revision",
            rlabels={"service_name": "refunds-service", "revision_name": "", "configuration_name": "", "location": REGION, "project_id": PROJECT})
    live = dep + 40
    c.run_sys(live, "refunds-service", "INFO", "Ready condition status changed to True for Revision %s." % newrev, rev=newrev)
    c.run_log(live - 5, "refunds-service", "INFO", "starting refunds-service 3.8.0 (commit 9e1c4d2: add reason_code to refund events)", rev=newrev)
    for t in c.poisson(0.45):
        tr = c.trace()
        rid = "re_" + c.hx(14)
        rev = newrev if t > live else None
        c.run_req(t, "refunds-service", "POST", "/v1/refunds", 200, c.r.lognormvariate(-2.2, 0.4), rev=rev, trace=tr, ua="finlane-node-sdk/4.12.0")
        c.run_log(t + 0.05, "refunds-service", "INFO", "refund %s accepted for payment pi_%s" % (rid, c.hx(16)), rev=rev, trace=tr, extra={"logger": "refunds.api"})
        if t < live:
            c.run_log(t + 0.12, "refunds-service", "INFO", "published refund.succeeded to refund-events", rev=rev, trace=tr, extra={"logger": "refunds.outbox", "refund_id": rid})
            c.k8s_log(t + 0.6, "ledger-writer", "INFO", "posted journal entry je_%s (2 legs) for refund.succeeded in %dms" % (c.hx(12), c.r.randint(8, 40)),
                      extra={"logger": "c.f.ledger.posting.PostingService", "thread": "pubsub-subscriber-%d" % c.r.randint(1, 8)})
        else:
            c.run_log(t + 0.12, "refunds-service", "ERROR", "outbox publish failed for refund %s, will retry in 60s" % rid, rev=rev, trace=tr, extra={"logger": "refunds.outbox"})
            if c.r.random() < 0.35:
                tb = ["Traceback (most recent call last):",
                      "  File \"/app/refunds/outbox.py\", line 74, in flush",
                      "    future.result(timeout=10)",
                      "  File \"/usr/local/lib/python3.12/site-packages/google/cloud/pubsub_v1/publisher/futures.py\", line 67, in result",
                      "    raise exception",
                      "google.api_core.exceptions.InvalidArgument: 400 Invalid data in message: Message failed schema validation. [topic=projects/finlane-prod/topics/refund-events, schema=refund-event-v3]"]
                for i, ln in enumerate(tb):
                    c.run_log(t + 0.121 + i * 0.0001, "refunds-service", "ERROR", ln, rev=rev, extra={"raw": True}, stream="stderr")
    t = live + 300
    while t < c.t1:
        c.run_log(t, "refunds-service", "WARNING", "outbox backlog: %d unpublished refund events (oldest %ds)" % (int((t - live) * 0.45), int(t - live)),
                  rev=newrev, extra={"logger": "refunds.outbox.monitor"})
        t += 300
    c.k8s_log(c.t0 + 30 * 60 + 3, "ledger-writer", "WARNING", "reconciliation: refunds-service reports %d refunds without ledger journal entries since %s" % (int(22 * 60 * 0.45), jtime(live)),
              extra={"logger": "c.f.ledger.recon.RefundReconciler", "thread": "scheduling-1"})
    bg_checkout(c, 1.2)
    bg_payments(c, 1.0)
    bg_ledger(c, 0.8)
    bg_webhooks(c)
    bg_fraud(c)
    bg_fx(c)
    bg_notifications(c)
    d_gone(c)
    d_fraud_featurestore(c)
    return c.write(out, {
        "title": "Refund events rejected by Pub/Sub topic schema after refunds-service added reason_code; ledger misses refunds",
        "root_cause": {"evidence": ["failed schema validation", "add reason_code to refund events"], "category": "code-bug",
                       "must_mention": ["schema", "reason_code"]},
        "symptoms": [{"evidence": "outbox publish failed"}, {"evidence": "unpublished refund events"}, {"evidence": "without ledger journal entries"}],
        "distractors": [{"evidence": "returned 410 Gone"}, {"evidence": "feature store lookup exceeded 250ms"}],
        "priority": "P2"})


def inc_grpc(out):
    c = Ctx("risk-grpc-max-message-size", 1509, "2025-11-04T17:25:00Z", 40)
    big = {"m_2071": 4718592, "m_5530": 4456210}

    def hook(svc, t, route, tr):
        if svc == "risk-gateway" and route in big and c.r.random() < 0.97:
            sz = big[route] + c.r.randint(0, 40000)
            c.k8s_log(t, "risk-gateway", "ERROR", "merchant profile fetch failed", extra={"caller": "profile/client.go:97", "merchant_id": route,
                      "error": "rpc error: code = ResourceExhausted desc = grpc: received message larger than max (%d vs. 4194304)" % sz, "rpc": "/risk.v1.FraudScorer/GetMerchantProfile"})
            c.k8s_log(t + 0.001, "risk-gateway", "WARNING", "risk decision", extra={"caller": "decision/engine.go:212", "merchant_id": route, "decision": "DECLINE",
                                                                                     "reason": "risk_unavailable", "duration_ms": c.r.randint(60, 140)})
            c.k8s_log(t - 0.03, "fraud-scorer", "INFO", "GetMerchantProfile served", extra={"event": "profile", "merchant_id": route, "device_nodes": 61200 + c.r.randint(0, 900),
                                                                                             "response_bytes": sz})
            pid = "pi_" + c.hx(16)
            c.run_log(t + 0.01, "payments-api", "INFO", "payment declined id=%s code=risk_unavailable merchant=%s" % (pid, route),
                      extra={"logger": "com.finlane.payments.service.AuthorizationService"})
            c.run_req(t - 0.1, "payments-api", "POST", "/v1/payments", 402, c.r.uniform(0.15, 0.3), ua="finlane-node-sdk/4.12.0")
            return True
        return False
    for t in c.poisson(0.35):
        hook("risk-gateway", t, c.r.choice(list(big)), None)
    bg_risk(c, 1.4, hook=hook)
    t = c.t0 + 120
    while t < c.t1:
        c.run_log(t, "webhook-dispatcher", "WARNING", "merchant decline rate alert", extra={"caller": "alerts/decline.go:40", "merchant_id": "m_2071",
                                                                                          "decline_rate": round(c.r.uniform(0.9, 0.99), 2), "window": "10m"})
        t += 600
    bg_checkout(c, 1.3)
    bg_payments(c, 1.1)
    bg_fraud(c, 1.2)
    bg_ledger(c)
    bg_webhooks(c)
    bg_fx(c)
    d_acs(c)
    d_applepay(c)
    bg_k8s_routine(c)
    return c.write(out, {
        "title": "Marketplace merchants' payments declined: risk-gateway gRPC client rejects fraud-scorer merchant profiles above the 4 MiB default receive limit",
        "root_cause": {"evidence": ["received message larger than max"], "category": "configuration",
                       "must_mention": ["grpc", "max"]},
        "symptoms": [{"evidence": "code=risk_unavailable"}, {"evidence": "merchant decline rate alert"}],
        "distractors": [{"evidence": "3DS ACS timeout"}, {"evidence": "Apple Pay merchant validation failed"}],
        "priority": "P2"})


def inc_hpa(out):
    c = Ctx("settlement-hpa-stale-subscription-metric", 1510, "2025-10-30T18:00:00Z", 55)
    roll = c.t0 + 60
    delete = c.t0 + 2 * 60 + 40
    for i, tt in enumerate([roll, roll + 20, roll + 40]):
        c.k8s_event(tt, "Deployment", "settlement-consumer", "settlement", "ScalingReplicaSet",
                    "Scaled up replica set settlement-consumer-84b6f5d9c7 to %d" % (i + 1), component="deployment-controller")
    c.audit(delete, "pubsub.googleapis.com", "google.pubsub.v1.Subscriber.DeleteSubscription", "projects/%s/subscriptions/settlement-events-sub" % PROJECT,
            "terraform-deployer@finlane-prod.iam.gserviceaccount.com",
            request={"@type": "type.googleapis.com/google.pubsub.v1.DeleteSubscriptionRequest", "subscription": "projects/%s/subscriptions/settlement-events-sub" % PROJECT},
            rtype="pubsub_subscription", rlabels={"subscription_id": "settlement-events-sub", "project_id": PROJECT})
    t = delete + 75
    while t < c.t1:
        c.k8s_event(t, "HorizontalPodAutoscaler", "settlement-consumer", "settlement", "FailedGetExternalMetric",
                    "unable to get external metric settlement/pubsub.googleapis.com|subscription|num_undelivered_messages/&LabelSelector{MatchLabels:map[string]string{resource.labels.subscription_id: settlement-events-sub,},MatchExpressions:[]LabelSelectorRequirement{},}: unable to fetch metrics from external metrics API: no metrics returned from external metrics API",
                    etype="Warning", component="horizontal-pod-autoscaler")
        c.k8s_event(t + 0.01, "HorizontalPodAutoscaler", "settlement-consumer", "settlement", "FailedComputeMetricsReplicas",
                    "invalid metrics (1 invalid out of 1), first error is: failed to get pubsub.googleapis.com|subscription|num_undelivered_messages external metric value: unable to get external metric settlement/pubsub.googleapis.com|subscription|num_undelivered_messages",
                    etype="Warning", component="horizontal-pod-autoscaler")
        t += c.r.uniform(28, 32)
    start_lag = c.t0 + 12 * 60

    def hook(svc, t, route, tr):
        if svc == "settlement-consumer":
            if t > start_lag:
                age = int((300 + (t - start_lag) * 1.6) * 1000)
            else:
                age = c.r.randint(40, 900)
            c.k8s_log(t, "settlement-consumer", "INFO", "settlement event applied", extra={"merchant_id": c.r.choice(MERCHANTS), "event": c.r.choice(["capture", "refund", "fee"]),
                                                                                           "subscription": "settlement-events-sub-v2", "age_ms": age})
            return True
        return False
    bg_settlement(c, 2.2, hook=hook)
    t = start_lag
    while t < c.t1:
        for i in range(3):
            c.k8s_log(t + i, "settlement-consumer", "WARNING", "flow control: max outstanding messages reached (1000), pausing pull", pod_i=i,
                      extra={"subscription": "settlement-events-sub-v2"})
        t += c.r.uniform(50, 70)
    t = c.t0 + 20 * 60
    while t < c.t1:
        c.run_log(t, "payouts-service", "WARNING", "settlement balances stale for %d merchants (oldest applied event %ds old), deferring instant payouts" % (c.r.randint(9, 15), int(300 + (t - start_lag) * 1.6)),
                  extra={"logger": "payouts.instant.guard"})
        t += 180
    for t in c.poisson(0.05, c.t0 + 25 * 60, c.t1):
        c.run_req(t, "payouts-service", "POST", "/v1/payouts/instant", 409, c.r.uniform(0.05, 0.1), ua="finlane-node-sdk/4.12.0")
    bg_checkout(c, 1.5)
    bg_payments(c, 1.4)
    bg_ledger(c, 1.2)
    bg_fraud(c)
    bg_webhooks(c)
    bg_fx(c)
    d_bank_sftp(c)
    d_sendgrid(c)
    return c.write(out, {
        "title": "Settlement backlog grows at evening peak: HPA still scales on the deleted settlement-events-sub metric, consumers pinned at minimum replicas",
        "root_cause": {"evidence": ["FailedGetExternalMetric", "DeleteSubscription"], "category": "configuration",
                       "must_mention": ["HPA", "settlement-events-sub"]},
        "symptoms": [{"evidence": "max outstanding messages reached"}, {"evidence": "settlement balances stale"}],
        "distractors": [{"evidence": "SFTP host key"}, {"evidence": "SendGrid responded 429"}],
        "priority": "P2"})


def inc_scheduler(out):
    c = Ctx("payouts-scheduler-deadline-duplicate-runs", 1511, "2025-11-03T05:50:00Z", 45)
    job = "daily-merchant-payouts"
    url = "https://payouts-runner-4kq2lbm7ya-ew.a.run.app/run"
    s0 = c.t0 + 10 * 60
    runs = [s0, s0 + 180 + 32, s0 + 2 * 180 + 32 + 64]
    res = {"type": "cloud_scheduler_job", "labels": {"job_id": job, "location": REGION, "project_id": PROJECT}}
    name = "projects/%s/locations/%s/jobs/%s" % (PROJECT, REGION, job)
    for i, r0 in enumerate(runs):
        c.add(r0, {"logName": "projects/%s/logs/cloudscheduler.googleapis.com%%2Fexecutions" % PROJECT, "resource": res, "severity": "INFO",
                   "jsonPayload": {"@type": "type.googleapis.com/google.cloud.scheduler.logging.AttemptStarted", "jobName": name,
                                   "scheduledTime": "2025-11-03T06:00:00.000Z", "targetType": "HTTP", "url": url}})
        c.add(r0 + 180.0, {"logName": "projects/%s/logs/cloudscheduler.googleapis.com%%2Fexecutions" % PROJECT, "resource": res, "severity": "ERROR",
                           "jsonPayload": {"@type": "type.googleapis.com/google.cloud.scheduler.logging.AttemptFinished", "jobName": name, "status": "DEADLINE_EXCEEDED",
                                           "debugInfo": "URL_TIMEOUT-TIMEOUT_ATTEMPT_DEADLINE. Original HTTP response code number = 504",
                                           "targetType": "HTTP", "url": url}, "httpRequest": {"status": 504}})
        batch = "PB-20251103-%04d" % (i + 1)
        rid = "run-" + c.hx(8)
        dur = c.r.uniform(420, 470)
        c.run_req(r0 + dur, "payouts-runner", "POST", "/run", 200, dur, ua="Google-Cloud-Scheduler", size=64)
        c.run_log(r0 + 0.3, "payouts-runner", "INFO", "payout run started", extra={"run_id": rid, "batch": batch, "value_date": "2025-11-03", "eligible_merchants": 1840})
        for k in range(1, 10):
            c.run_log(r0 + k * dur / 10, "payouts-runner", "INFO", "payout run progress", extra={"run_id": rid, "batch": batch, "processed": 184 * k, "of": 1840})
        c.run_log(r0 + dur - 0.5, "payouts-runner", "INFO", "payout run finished", extra={"run_id": rid, "batch": batch, "instructions": 1840, "duration_s": round(dur, 1)})
        c.k8s_log(r0 + dur + 3, "bank-connector", "INFO", "Submitted payout batch %s (1840 instructions, EUR 4,118,902.17) to partnerbank via SEPA bulk API" % batch,
                  extra={"logger": "c.f.bank.sepa.BulkSubmitter", "thread": "pubsub-2"})
        if i > 0:
            c.k8s_log(r0 + dur + 45, "bank-connector", "ERROR", "partnerbank rejected %s: 1,412 of 1,840 instructions flagged DUPL (duplicate end-to-end id within value date)" % batch,
                      extra={"logger": "c.f.bank.sepa.StatusReportHandler", "thread": "pubsub-3"})
            c.k8s_log(r0 + dur + 46, "bank-connector", "WARNING", "%s: 428 instructions accepted by partnerbank and scheduled for settlement" % batch,
                      extra={"logger": "c.f.bank.sepa.StatusReportHandler", "thread": "pubsub-3"})
    t = runs[1] + 480
    c.k8s_log(t + 200, "ledger-writer", "ERROR", "reconciliation: 856 merchants have more than one payout debit for value date 2025-11-03 (total EUR 1,902,440.55)",
              extra={"logger": "c.f.ledger.recon.PayoutReconciler", "thread": "scheduling-1"})
    t = c.t0 + c.r.uniform(0, 300)
    while t < c.t1:
        c.sched(t, "ledger-recon-15m", "https://ledger-internal.finlane.internal/recon/tick")
        t += 900
    bg_sql_routine(c, "payouts-pg", "payouts", "payouts_app")
    bg_checkout(c, 0.6)
    bg_payments(c, 0.6)
    bg_ledger(c, 0.6)
    bg_webhooks(c, 0.5)
    bg_fx(c)
    bg_settlement(c, 0.4)
    d_bank_sftp(c)
    d_gone(c)
    d_ecb(c)
    return c.write(out, {
        "title": "Merchants paid twice: Cloud Scheduler attempt deadline (180s) shorter than the payout run, retries start overlapping non-idempotent runs",
        "root_cause": {"evidence": ["DEADLINE_EXCEEDED", "TIMEOUT_ATTEMPT_DEADLINE"], "category": "configuration",
                       "must_mention": ["deadline", "daily-merchant-payouts"]},
        "symptoms": [{"evidence": "more than one payout debit"}, {"evidence": "flagged DUPL"}],
        "distractors": [{"evidence": "SFTP host key"}, {"evidence": "returned 410 Gone"}, {"evidence": "ECB reference feed stale"}],
        "priority": "P1"})


def inc_sidecar(out):
    c = Ctx("disputes-sql-proxy-sigterm-rollout", 1512, "2025-08-06T11:30:00Z", 35)
    roll = c.t0 + 12 * 60
    old = [c.pod("disputes-service", i) for i in range(3)]
    new = ["disputes-service-6b8f9d7c5e-%s" % s for s in ("kq2xz", "p7mwd", "v4rtn")]
    windows = []
    for i in range(3):
        ts = roll + i * 95
        c.k8s_event(ts - 40, "Deployment", "disputes-service", "disputes", "ScalingReplicaSet",
                    "Scaled up replica set disputes-service-6b8f9d7c5e to %d" % (i + 1), component="deployment-controller")
        c.k8s_event(ts - 38, "Pod", new[i], "disputes", "Scheduled", "Successfully assigned disputes/%s to gk3-pay-prod-ap-pool-2-%s-%s" % (new[i], c.hx(8), c.hx(4)), component="gke.io/optimize-utilization-scheduler")
        c.k8s_event(ts - 20, "Pod", new[i], "disputes", "Started", "Started container disputes-service")
        c.k8s_log(ts - 3, "disputes-service", "INFO", "Started DisputesApplication in 14.2 seconds (process running for 15.1)", pod=new[i],
                  extra={"logger": "c.f.disputes.DisputesApplication", "thread": "main"})
        c.k8s_event(ts, "Deployment", "disputes-service", "disputes", "ScalingReplicaSet",
                    "Scaled down replica set disputes-service-59c7d8b6f4 to %d from %d" % (2 - i, 3 - i), component="deployment-controller")
        c.k8s_event(ts + 0.3, "Pod", old[i], "disputes", "Killing", "Stopping container cloud-sql-proxy")
        c.k8s_event(ts + 0.31, "Pod", old[i], "disputes", "Killing", "Stopping container disputes-service")
        c.k8s_log(ts + 0.4, "disputes-service", "INFO", "Received TERM signal. Waiting up to 0s before terminating.", pod=old[i], container="cloud-sql-proxy",
                  style="slog")
        c.k8s_log(ts + 0.45, "disputes-service", "INFO", "The proxy has encountered a terminal error: signal received", pod=old[i], container="cloud-sql-proxy", style="slog")
        c.k8s_log(ts + 0.5, "disputes-service", "INFO", "Commencing graceful shutdown. Waiting for active requests to complete", pod=old[i],
                  extra={"logger": "o.s.b.w.e.tomcat.GracefulShutdown", "thread": "SpringApplicationShutdownHook"})
        c.k8s_log(ts + 24, "disputes-service", "INFO", "Graceful shutdown complete", pod=old[i],
                  extra={"logger": "o.s.b.w.e.tomcat.GracefulShutdown", "thread": "tomcat-shutdown"})
        windows.append((ts + 0.5, ts + 24, old[i]))
    for a, b, p in windows:
        for t in c.poisson(1.3, a, b):
            c.lb(t, "/v1/disputes/dp_%s/evidence" % c.hx(10), 500, c.r.uniform(0.01, 0.05), backend="disputes-svc-neg-bes", host="api.finlane.com", method="POST")
            c.k8s_log(t + 0.005, "disputes-service", "WARNING", "SQL Error: 0, SQLState: 08001", pod=p, extra={"logger": "o.h.engine.jdbc.spi.SqlExceptionHelper", "thread": "http-nio-8080-exec-%d" % c.r.randint(1, 20)})
            c.k8s_log(t + 0.006, "disputes-service", "ERROR", "HikariPool-1 - Connection is not available, request timed out after 0ms (total=10, active=0, idle=0, waiting=0)", pod=p,
                      extra={"logger": "o.h.engine.jdbc.spi.SqlExceptionHelper", "thread": "http-nio-8080-exec-%d" % c.r.randint(1, 20)})
            if c.r.random() < 0.35:
                for j, ln in enumerate(["org.postgresql.util.PSQLException: Connection to 127.0.0.1:5432 refused. Check that the hostname and port are correct and that the postmaster is accepting TCP/IP connections.",
                                        "\tat org.postgresql.core.v3.ConnectionFactoryImpl.openConnectionImpl(ConnectionFactoryImpl.java:346)",
                                        "\tat org.postgresql.core.ConnectionFactory.openConnection(ConnectionFactory.java:54)",
                                        "\tat org.postgresql.jdbc.PgConnection.<init>(PgConnection.java:273)",
                                        "\tat com.zaxxer.hikari.pool.PoolBase.newConnection(PoolBase.java:364)",
                                        "Caused by: java.net.ConnectException: Connection refused"]):
                    c.k8s_log(t + 0.007 + j * 0.0001, "disputes-service", "ERROR", ln, pod=p, extra={"raw": True})
    bg_disputes(c, 0.5)
    bg_checkout(c, 1.2)
    bg_payments(c, 1.0)
    bg_ledger(c)
    bg_fraud(c)
    bg_webhooks(c)
    bg_fx(c)
    d_fraud_featurestore(c)
    d_applepay(c)
    bg_sql_routine(c, "disputes-pg", "disputes", "disputes_app")
    return c.write(out, {
        "title": "Dispute evidence uploads fail briefly during each pod replacement: cloud-sql-proxy sidecar exits on SIGTERM before Spring drains requests",
        "root_cause": {"evidence": ["Waiting up to 0s before terminating", "proxy has encountered a terminal error"], "category": "configuration",
                       "must_mention": ["cloud-sql-proxy", "SIGTERM"]},
        "symptoms": [{"evidence": "Connection to 127.0.0.1:5432 refused"}, {"evidence": "Connection is not available"}],
        "distractors": [{"evidence": "feature store lookup exceeded 250ms"}, {"evidence": "Apple Pay merchant validation failed"}],
        "priority": "P3"})


def inc_healthy_day(out):
    c = Ctx("healthy-weekday-afternoon", 1513, "2025-10-09T14:00:00Z", 50)
    dep = c.t0 + 17 * 60
    c.audit(dep, "run.googleapis.com", "google.cloud.run.v1.Services.ReplaceService", "namespaces/%s/services/fx-rates" % PROJECT,
            "github-ci@finlane-prod.iam.gserviceaccount.com", rtype="cloud_run_revision",
            rlabels={"service_name": "fx-rates", "revision_name": "", "configuration_name": "", "location": REGION, "project_id": PROJECT})
    c.run_sys(dep + 35, "fx-rates", "INFO", "Ready condition status changed to True for Revision fx-rates-00130-pel.", rev="fx-rates-00130-pel")
    bg_checkout(c, 1.8)
    bg_payments(c, 1.5)
    bg_fx(c)
    bg_webhooks(c, 1.0)
    bg_ledger(c, 1.4)
    bg_fraud(c, 1.4)
    bg_risk(c, 1.2)
    bg_notifications(c, 0.4)
    bg_disputes(c, 0.2)
    bg_sql_routine(c, "merchants-pg", "merchants", "onboarding_app")
    bg_k8s_routine(c)
    d_gone(c)
    d_sendgrid(c)
    d_acs(c)
    d_applepay(c)
    return c.write(out, {
        "title": "Healthy weekday afternoon: normal traffic, one routine fx-rates deploy, background warnings only",
        "root_cause": None, "symptoms": [],
        "distractors": [{"evidence": "returned 410 Gone"}, {"evidence": "SendGrid responded 429"}, {"evidence": "3DS ACS timeout"},
                        {"evidence": "Apple Pay merchant validation failed"}],
        "priority": "none"})


def inc_healthy_night(out):
    c = Ctx("healthy-nightly-settlement", 1514, "2025-09-10T00:00:00Z", 45)
    c.k8s_log(c.t0 + 90, "settlement-consumer", "INFO", "daily settlement run started", pod_i=0, extra={"run_id": "stl-20250909", "merchants": 15, "cutoff": "2025-09-09T23:59:59Z"})
    t = c.t0 + 100
    for m in MERCHANTS:
        t += c.r.uniform(60, 140)
        c.k8s_log(t, "settlement-consumer", "INFO", "merchant settlement committed", extra={"merchant_id": m, "run_id": "stl-20250909",
                                                                                          "transactions": c.r.randint(800, 9000), "mutations": c.r.randint(6000, 52000)})
        c.k8s_log(t + 2, "bank-connector", "INFO", "queued settlement file SF-20250909-%s" % m, extra={"logger": "c.f.bank.files.SettlementFileWriter", "thread": "pubsub-1"})
    c.k8s_log(t + 30, "settlement-consumer", "INFO", "daily settlement run finished", extra={"run_id": "stl-20250909", "merchants": 15, "failed": 0})
    c.k8s_log(c.t0 + 700, "settlement-consumer", "WARNING", "spanner transaction aborted, retrying (attempt 2)", extra={"merchant_id": "m_4419", "run_id": "stl-20250909"})
    t = c.t0 + c.r.uniform(0, 300)
    while t < c.t1:
        c.sched(t, "ledger-recon-15m", "https://ledger-internal.finlane.internal/recon/tick")
        t += 900
    bg_sql_routine(c, "payouts-pg", "payouts", "payouts_app")
    bg_checkout(c, 0.5)
    bg_payments(c, 0.5)
    bg_ledger(c, 0.6)
    bg_settlement(c, 0.8)
    bg_webhooks(c, 0.4)
    bg_fraud(c, 0.5)
    bg_fx(c)
    d_bank_sftp(c)
    d_ecb(c)
    d_fraud_featurestore(c)
    for t in c.poisson(0.003):
        c.k8s_event(t, "Pod", c.pod("fraud-scorer", c.r.randint(0, 2)), "risk", "Unhealthy", "Readiness probe failed: Get \"http://10.52.3.17:8080/healthz\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)", etype="Warning")
    return c.write(out, {
        "title": "Healthy night: nightly settlement completes, routine retries and warnings",
        "root_cause": None, "symptoms": [],
        "distractors": [{"evidence": "SFTP host key"}, {"evidence": "ECB reference feed stale"}, {"evidence": "feature store lookup exceeded 250ms"},
                        {"evidence": "Readiness probe failed"}],
        "priority": "none"})


INCIDENTS = [inc_apigw, inc_xid, inc_mutations, inc_redis_auth, inc_coldstart, inc_replica, inc_bigdecimal, inc_schema,
             inc_grpc, inc_hpa, inc_scheduler, inc_sidecar, inc_healthy_day, inc_healthy_night]


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for f in INCIDENTS:
        n = f(out)
        print("%-30s %6d entries" % (f.__name__, n))


if __name__ == "__main__":
    main()
