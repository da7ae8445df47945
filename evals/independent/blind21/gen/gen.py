#!/usr/bin/env python3
"""Generator for blind21: HR / payroll SaaS ("PeopleGrid") incidents on Google Cloud.

Usage: python gen.py OUTDIR
Standard library only, fixed seeds, byte-for-byte reproducible output.
"""
import datetime as dt
import gzip
import json
import os
import random
import sys

PROJECT = "peoplegrid-prod"
PNUM = "418230776105"
REGION = "europe-west1"
CLUSTER = "pg-prod-eu1"
SQL_ID = PROJECT + ":pg-main-eu"
EPOCH = dt.datetime(1970, 1, 1)

RUN_REVS = {
    "portal-api": "portal-api-00412-xod",
    "portal-web": "portal-web-00233-kad",
    "docs-service": "docs-service-00098-rup",
    "payslip-export": "payslip-export-00051-jiv",
    "sso-service": "sso-service-00077-pet",
    "notification-service": "notification-service-00140-wum",
    "signing-service": "signing-service-00063-baf",
}

UAS = [
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 PeopleGrid/5.12.0",
    "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Mobile Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:131.0) Gecko/20100101 Firefox/131.0",
]


UA_BY_SERVICE = {
    "run.googleapis.com": "google-cloud-sdk gcloud/498.0.0 command/gcloud.run.services.replace invocation-id/4c1f0a9e2b7d4e35 environment/None environment-version/None client-os/MACOSX client-os-ver/24.1.0 client-pltf-arch/arm interactive/True from-script/False python/3.12.7 term/xterm-256color (Macintosh; Intel Mac OS X 24.1.0),gzip(gfe)",
    "k8s.io": "kubectl/v1.30.5 (linux/amd64) kubernetes/74e84a9",
    "cloudkms.googleapis.com": "gl-python/3.11.10 grpc/1.66.1 gax/2.21.0 gapic/3.0.1,gzip(gfe)",
    "storage.googleapis.com": "apitools Python/3.11.9 gsutil/5.30 (linux) analytics/disabled interactive/False command/label google-cloud-sdk/497.0.0,gzip(gfe)",
}


def fmt(t):
    return t.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class Inc:
    def __init__(self, iid, start, minutes, seed):
        self.id = iid
        self.t0 = dt.datetime.strptime(start, "%Y-%m-%dT%H:%M:%SZ")
        self.minutes = minutes
        self.secs = minutes * 60
        self.rng = random.Random(seed)
        self.entries = []
        self.instances = {}

    # ---------- primitives ----------
    def T(self, s):
        return self.t0 + dt.timedelta(seconds=s)

    def epoch(self, s):
        return round((self.T(s) - EPOCH).total_seconds(), 3)

    def hx(self, n):
        return "".join(self.rng.choice("0123456789abcdef") for _ in range(n))

    def inst(self, svc, k=None):
        lst = self.instances.setdefault(svc, [self.hx(96) for _ in range(4)])
        return lst[self.rng.randrange(len(lst)) if k is None else k % len(lst)]

    def add(self, s, e, trace=False):
        if s < 0 or s >= self.secs:
            return
        t = self.T(s) + dt.timedelta(microseconds=self.rng.randint(0, 399))
        e["timestamp"] = fmt(t)
        e["receiveTimestamp"] = fmt(t + dt.timedelta(microseconds=self.rng.randint(40000, 900000)))
        e["insertId"] = self.hx(16)
        if trace:
            e["trace"] = "projects/%s/traces/%s" % (PROJECT, self.hx(32))
            e["spanId"] = self.hx(16)
            e["traceSampled"] = False
        self.entries.append(e)

    def run_res(self, svc):
        return {"type": "cloud_run_revision", "labels": {
            "configuration_name": svc, "location": REGION, "project_id": PROJECT,
            "revision_name": RUN_REVS[svc], "service_name": svc}}

    def run_req(self, s, svc, method, path, status, lat, size=None, ua=None, host=None):
        host = host or (svc + "-p7xk2mq3ba-ew.a.run.app")
        sev = "INFO" if status < 400 else ("WARNING" if status < 500 else "ERROR")
        e = {"httpRequest": {
            "latency": "%.6fs" % lat, "protocol": "HTTP/1.1", "remoteIp": self.ip(),
            "requestMethod": method, "requestSize": str(self.rng.randint(300, 2400)),
            "requestUrl": "https://%s%s" % (host, path),
            "responseSize": str(size if size is not None else self.rng.randint(200, 9000)),
            "serverIp": "169.254.%d.%d" % (self.rng.randint(1, 20), self.rng.randint(1, 254)),
            "status": status, "userAgent": ua or self.rng.choice(UAS)},
            "labels": {"instanceId": self.inst(svc)},
            "logName": "projects/%s/logs/run.googleapis.com%%2Frequests" % PROJECT,
            "resource": self.run_res(svc), "severity": sev}
        self.add(s, e, trace=True)
        return e

    def run_log(self, s, svc, sev, msg=None, payload=None, stream="stdout", trace=False, rev=None):
        e = {"labels": {"instanceId": self.inst(svc)},
             "logName": "projects/%s/logs/run.googleapis.com%%2F%s" % (PROJECT, stream),
             "resource": self.run_res(svc), "severity": sev}
        if rev:
            e["resource"]["labels"]["revision_name"] = rev
        if payload is not None:
            e["jsonPayload"] = payload
        else:
            e["textPayload"] = msg
        self.add(s, e, trace=trace)

    def run_sys(self, s, svc, sev, msg, rev=None):
        e = {"logName": "projects/%s/logs/run.googleapis.com%%2Fvarlog%%2Fsystem" % PROJECT,
             "resource": self.run_res(svc), "severity": sev, "textPayload": msg}
        if rev:
            e["resource"]["labels"]["revision_name"] = rev
        self.add(s, e)

    def k8s(self, s, ns, pod, container, sev, msg=None, payload=None, stream=None):
        stream = stream or ("stderr" if sev in ("ERROR", "WARNING") and payload is None else "stdout")
        e = {"labels": {"compute.googleapis.com/resource_name": "gke-pg-prod-eu1-default-pool-8c1f2a3e-%s" % pod[-4:],
                        "k8s-pod/app": container},
             "logName": "projects/%s/logs/%s" % (PROJECT, stream),
             "resource": {"type": "k8s_container", "labels": {
                 "cluster_name": CLUSTER, "container_name": container, "location": REGION,
                 "namespace_name": ns, "pod_name": pod, "project_id": PROJECT}},
             "severity": sev}
        if payload is not None:
            e["jsonPayload"] = payload
        else:
            e["textPayload"] = msg
        self.add(s, e)

    def k8s_event(self, s, ns, kind, name, reason, message, etype="Normal", component="kubelet"):
        e = {"jsonPayload": {
            "apiVersion": "v1", "kind": "Event", "type": etype, "reason": reason, "message": message,
            "involvedObject": {"kind": kind, "name": name, "namespace": ns, "apiVersion": "v1" if kind == "Pod" else "batch/v1"},
            "metadata": {"name": "%s.%s" % (name, self.hx(16)), "namespace": ns},
            "source": {"component": component}, "reportingComponent": component,
            "firstTimestamp": fmt(self.T(s))[:19] + "Z", "lastTimestamp": fmt(self.T(s))[:19] + "Z", "count": 1},
            "logName": "projects/%s/logs/events" % PROJECT,
            "resource": {"type": "k8s_pod" if kind == "Pod" else "k8s_cluster", "labels": (
                {"cluster_name": CLUSTER, "location": REGION, "namespace_name": ns, "pod_name": name, "project_id": PROJECT}
                if kind == "Pod" else {"cluster_name": CLUSTER, "location": REGION, "project_id": PROJECT})},
            "severity": "WARNING" if etype == "Warning" else "INFO"}
        self.add(s, e)

    def audit(self, s, service, method, resname, principal, restype, rlabels, request=None, response=None,
              status=None, log="activity", sev="NOTICE", metadata=None, ua=None):
        p = {"@type": "type.googleapis.com/google.cloud.audit.AuditLog",
             "authenticationInfo": {"principalEmail": principal},
             "authorizationInfo": [{"granted": status is None, "permission": method.split(".")[-1], "resource": resname}],
             "methodName": method, "requestMetadata": {
                 "callerIp": self.ip() if "gserviceaccount" not in principal else "10.%d.%d.%d" % (
                     self.rng.randint(0, 40), self.rng.randint(0, 255), self.rng.randint(1, 254)),
                 "callerSuppliedUserAgent": ua or UA_BY_SERVICE.get(service, "Terraform/1.9.8 (+https://www.terraform.io) terraform-provider-google/6.8.0")},
             "resourceName": resname, "serviceName": service}
        if request is not None:
            p["request"] = request
        if response is not None:
            p["response"] = response
        if status is not None:
            p["status"] = status
        if metadata is not None:
            p["metadata"] = metadata
        labels = dict(rlabels)
        labels.setdefault("project_id", PROJECT)
        e = {"logName": "projects/%s/logs/cloudaudit.googleapis.com%%2F%s" % (PROJECT, "data_access" if log == "data_access" else "activity"),
             "protoPayload": p, "resource": {"type": restype, "labels": labels}, "severity": sev}
        self.add(s, e)

    def sql(self, s, sev, msg):
        e = {"logName": "projects/%s/logs/cloudsql.googleapis.com%%2Fpostgres.log" % PROJECT,
             "resource": {"type": "cloudsql_database", "labels": {
                 "database_id": SQL_ID, "project_id": PROJECT, "region": REGION}},
             "severity": sev, "textPayload": msg}
        self.add(s, e)

    def sched(self, s, job, url, status=200):
        e = {"jsonPayload": {"@type": "type.googleapis.com/google.cloud.scheduler.logging.AttemptFinished",
                             "jobName": "projects/%s/locations/%s/jobs/%s" % (PROJECT, REGION, job),
                             "targetType": "HTTP", "url": url},
             "httpRequest": {"status": status},
             "logName": "projects/%s/logs/cloudscheduler.googleapis.com%%2Fexecutions" % PROJECT,
             "resource": {"type": "cloud_scheduler_job", "labels": {"job_id": job, "location": REGION, "project_id": PROJECT}},
             "severity": "INFO" if status < 400 else "ERROR"}
        if status >= 400:
            e["jsonPayload"]["status"] = "INTERNAL" if status >= 500 else "FAILED_PRECONDITION"
        self.add(s, e)

    def lb(self, s, path, status, lat, backend="portal-web-neg", method="GET", details="response_sent_by_backend"):
        e = {"httpRequest": {"latency": "%.6fs" % lat, "remoteIp": self.ip(), "requestMethod": method,
                             "requestSize": str(self.rng.randint(200, 1800)),
                             "requestUrl": "https://app.peoplegrid.io" + path,
                             "responseSize": str(self.rng.randint(300, 60000)), "status": status,
                             "userAgent": self.rng.choice(UAS)},
             "jsonPayload": {"@type": "type.googleapis.com/google.cloud.loadbalancing.type.LoadBalancerLogEntry",
                             "backendTargetProjectNumber": "projects/" + PNUM, "remoteIp": "",
                             "statusDetails": details},
             "logName": "projects/%s/logs/requests" % PROJECT,
             "resource": {"type": "http_load_balancer", "labels": {
                 "backend_service_name": "", "forwarding_rule_name": "app-peoplegrid-https-fr",
                 "project_id": PROJECT, "target_proxy_name": "app-peoplegrid-https-proxy",
                 "url_map_name": "app-peoplegrid-urlmap", "zone": "global"}},
             "severity": "INFO" if status < 500 else "WARNING"}
        e["jsonPayload"]["remoteIp"] = e["httpRequest"]["remoteIp"]
        self.add(s, e, trace=True)

    def ip(self):
        r = self.rng
        return "%d.%d.%d.%d" % (r.choice([31, 46, 62, 77, 80, 85, 88, 91, 93, 109, 141, 178, 185, 212, 217]),
                                r.randint(0, 255), r.randint(0, 255), r.randint(1, 254))

    def uid(self):
        return "e-%05d" % self.rng.randint(10000, 99999)

    def tenant(self):
        return self.rng.choice(["t-1042", "t-1187", "t-2291", "t-2305", "t-3318", "t-3590", "t-4471", "t-5012", "t-5230", "t-6114"])

    def poisson_times(self, rate_per_min, a=0, b=None):
        """Deterministic jittered arrival times at approx rate_per_min between a and b seconds."""
        b = self.secs if b is None else b
        out = []
        if rate_per_min <= 0:
            return out
        t = a + self.rng.expovariate(rate_per_min / 60.0)
        while t < b:
            out.append(t)
            t += self.rng.expovariate(rate_per_min / 60.0)
        return out

    def write(self, outdir, truth):
        d = os.path.join(outdir, self.id)
        os.makedirs(d, exist_ok=True)
        self.entries.sort(key=lambda e: (e["timestamp"], e["insertId"]), reverse=True)
        data = json.dumps(self.entries, indent=2, sort_keys=True, ensure_ascii=False).encode("utf-8")
        with open(os.path.join(d, "logs.json.gz"), "wb") as f:
            with gzip.GzipFile(filename="logs.json", mode="wb", fileobj=f, mtime=0, compresslevel=6) as g:
                g.write(data)
        truth = dict(truth)
        truth["id"] = self.id
        truth["window"] = {"start": fmt(self.t0)[:19] + "Z", "end": fmt(self.T(self.secs))[:19] + "Z"}
        order = ["id", "title", "window", "root_cause", "symptoms", "distractors", "priority"]
        truth = {k: truth[k] for k in order}
        with open(os.path.join(d, "truth.json"), "w") as f:
            json.dump(truth, f, indent=2)
            f.write("\n")
        return len(self.entries)


# ---------------------------------------------------------------------------
# Background: the healthy estate
# ---------------------------------------------------------------------------
API_PATHS = [
    ("GET", "/api/v1/employees/me", 0.02, 0.12),
    ("GET", "/api/v1/timesheets/current", 0.03, 0.2),
    ("GET", "/api/v1/payslips?year=2026", 0.04, 0.3),
    ("POST", "/api/v1/punches", 0.02, 0.09),
    ("GET", "/api/v1/absences/balance", 0.02, 0.1),
    ("GET", "/api/v1/notifications?unread=true", 0.01, 0.05),
    ("GET", "/api/v1/org/chart", 0.05, 0.4),
    ("PATCH", "/api/v1/timesheets/ts-%d/entries", 0.03, 0.15),
    ("GET", "/api/v1/documents?folder=contracts", 0.03, 0.2),
]


def background(inc, rate=1.0, skip=(), quiet=False):
    r = inc.rng
    secs = inc.secs
    # portal-api traffic + app logs (python, structured json)
    for s in inc.poisson_times(42 * rate):
        m, p, lo, hi = r.choice(API_PATHS)
        if "%d" in p:
            p = p % r.randint(100000, 999999)
        if any(p.startswith(x) for x in skip):
            continue
        st = 200 if m != "POST" else 201
        if r.random() < 0.012:
            st = r.choice([401, 404, 422])
        inc.run_req(s, "portal-api", m, p, st, r.uniform(lo, hi), host="api.peoplegrid.io")
        if r.random() < 0.45:
            inc.run_log(s + 0.001, "portal-api", "INFO", payload={
                "severity": "INFO", "message": "%s %s completed" % (m, p.split("?")[0]),
                "tenant": inc.tenant(), "user": inc.uid(), "duration_ms": int(r.uniform(lo, hi) * 1000),
                "logger": "portal.api.access"}, trace=True)
    # portal-web (node) SSR
    for s in inc.poisson_times(22 * rate):
        p = r.choice(["/", "/dashboard", "/timesheets", "/payslips", "/documents", "/absences", "/profile", "/team"])
        if any(p.startswith(x) for x in skip):
            continue
        inc.run_req(s, "portal-web", "GET", p, 200, r.uniform(0.03, 0.35), host="app.peoplegrid.io")
        inc.lb(s - 0.002, p, 200, r.uniform(0.04, 0.4))
        if r.random() < 0.2:
            inc.run_log(s, "portal-web", "INFO", "[next] rendered %s in %dms (cache %s)" % (
                p, r.randint(12, 240), r.choice(["hit", "miss", "stale"])))
    # static assets via LB/CDN
    for s in inc.poisson_times(18 * rate):
        inc.lb(s, "/_next/static/chunks/%s.js" % inc.hx(8), 200, r.uniform(0.002, 0.02),
               details="response_from_cache")
    # docs-service
    if "docs" not in skip:
        for s in inc.poisson_times(7 * rate):
            m, p = r.choice([("GET", "/v1/documents/%s/download"), ("GET", "/v1/documents/%s/meta"),
                             ("POST", "/v1/documents/%s/view-events")])
            p = p % ("doc_" + inc.hx(12))
            inc.run_req(s, "docs-service", m, p, 200, r.uniform(0.03, 0.4))
            if r.random() < 0.5:
                inc.run_log(s, "docs-service", "INFO", payload={
                    "severity": "INFO", "message": "served %s bytes=%d tenant=%s" % (p.split("/")[3], r.randint(20000, 900000), inc.tenant())})
    # notification-service
    for s in inc.poisson_times(4 * rate):
        inc.run_log(s, "notification-service", "INFO", payload={
            "level": "info", "msg": "email queued", "template": r.choice(["payslip_available", "timesheet_reminder", "absence_approved", "document_to_sign"]),
            "tenant": inc.tenant()})
    # timetrack-api (go, json on GKE)
    tt_pods = ["timetrack-api-7d9c6b8f4-%s" % x for x in ("kq2lm", "w8rtz", "p4vnx")]
    for s in inc.poisson_times(16 * rate):
        if "timetrack" in skip:
            break
        inc.k8s(s, "timetrack", r.choice(tt_pods), "timetrack-api", "INFO", payload={
            "level": "info", "ts": inc.epoch(s),
            "caller": "httpapi/handler.go:%d" % r.choice([88, 142, 207]),
            "msg": r.choice(["punch recorded", "timesheet fetched", "entry updated", "shift plan served"]),
            "tenant": inc.tenant(), "latency_ms": r.randint(3, 60)})
    # payroll-engine (java spring, text)
    pe_pods = ["payroll-engine-5f6c9d7b88-%s" % x for x in ("h2xpt", "mm9fd")]
    for s in inc.poisson_times(6 * rate):
        t = inc.T(s)
        msg = r.choice([
            "c.p.payroll.calc.GrossToNetService      : gross-to-net computed for %s employees=%d in %dms" % (inc.tenant(), r.randint(20, 900), r.randint(80, 2400)),
            "c.p.payroll.preview.PreviewController   : preview requested tenant=%s period=2026-%02d" % (inc.tenant(), t.month),
            "c.p.payroll.tax.TaxTableCache           : tax table cache hit ratio=0.%d" % r.randint(90, 99),
            "o.s.b.a.health.HealthEndpointGroups     : health group liveness UP"])
        inc.k8s(s, "payroll", r.choice(pe_pods), "payroll-engine", "INFO",
                "%s  INFO 1 --- [nio-8080-exec-%d] %s" % (t.strftime("%Y-%m-%dT%H:%M:%S.") + "%03d" % (t.microsecond // 1000), r.randint(1, 10), msg))
    # bank-connector (python)
    bc_pods = ["bank-connector-6b7f9c5d4-%s" % x for x in ("z7kqp", "r2dcv")]
    if "bank" not in skip:
        for s in inc.poisson_times(3 * rate):
            t = inc.T(s)
            inc.k8s(s, "integrations", r.choice(bc_pods), "bank-connector", "INFO",
                    "%s,%03d INFO [bank_connector.poll] statement poll bank=%s accounts=%d new_entries=%d" % (
                        t.strftime("%Y-%m-%d %H:%M:%S"), t.microsecond // 1000, r.choice(["HBK", "KBN", "SPK", "DBX"]), r.randint(3, 40), r.randint(0, 12)))
    # esign-service (go)
    es_pods = ["esign-service-84c7d5f9b-%s" % x for x in ("tt6lp", "b9wxm")]
    if "esign" not in skip:
        for s in inc.poisson_times(3 * rate):
            inc.k8s(s, "integrations", r.choice(es_pods), "esign-service", "INFO", payload={
                "level": "info", "ts": inc.epoch(s),
                "caller": "envelope/service.go:%d" % r.choice([61, 119, 240]),
                "msg": r.choice(["envelope created", "signer viewed document", "signature captured", "envelope event published"]),
                "envelope_id": "env_" + inc.hx(10), "tenant": inc.tenant()})
    # Cloud SQL routine
    for k in range(0, secs, 300):
        s = k + r.uniform(0, 20)
        inc.sql(s, "INFO", "%s UTC [%d]: [1-1] db=,user= LOG:  checkpoint starting: time" % (inc.T(s).strftime("%Y-%m-%d %H:%M:%S.%f")[:-3], 27))
        inc.sql(s + 150 + r.uniform(0, 30), "INFO", "%s UTC [27]: [2-1] db=,user= LOG:  checkpoint complete: wrote %d buffers (%.1f%%); 0 WAL file(s) added, 0 removed, %d recycled; write=%.3f s, sync=0.%03d s, total=%.3f s" % (
            inc.T(s + 150).strftime("%Y-%m-%d %H:%M:%S.%f")[:-3], r.randint(800, 9000), r.uniform(0.2, 3.0), r.randint(1, 6), r.uniform(140, 170), r.randint(2, 90), r.uniform(150, 171)))
    for s in inc.poisson_times(2.2 * rate):
        pid = r.randint(30000, 60000)
        inc.sql(s, "INFO", "%s UTC [%d]: [1-1] db=%s,user=%s LOG:  automatic %s of table \"%s\" %s" % (
            inc.T(s).strftime("%Y-%m-%d %H:%M:%S.%f")[:-3], pid, "peoplegrid", "cloudsqladmin" if r.random() < 0.1 else "",
            r.choice(["vacuum", "analyze"]), r.choice(["peoplegrid.public.punches", "peoplegrid.public.audit_events", "peoplegrid.public.sessions_archive", "peoplegrid.public.notifications"]),
            "index scans: 1" if r.random() < 0.5 else "system usage: CPU: user: 0.%02d s, system: 0.01 s, elapsed: 0.%02d s" % (r.randint(1, 99), r.randint(1, 99))))
    for s in inc.poisson_times(1.0 * rate):
        inc.sql(s, "INFO", "%s UTC [%d]: [3-1] db=peoplegrid,user=payroll_app LOG:  duration: %d.%03d ms  statement: SELECT e.id, e.tax_class, c.gross FROM employees e JOIN contracts c ON c.employee_id = e.id WHERE e.tenant_id = $1 AND c.valid_to IS NULL" % (
            inc.T(s).strftime("%Y-%m-%d %H:%M:%S.%f")[:-3], r.randint(30000, 60000), r.randint(1000, 2600), r.randint(0, 999)))
    # scheduler jobs
    for k in range(0, secs, 300):
        inc.sched(k + 0.4 + r.uniform(0, 1), "bank-statement-poll", "https://bank-connector.integrations.svc.peoplegrid.internal/internal/poll")
    for k in range(0, secs, 600):
        inc.sched(k + 30 + r.uniform(0, 2), "timesheet-reminders", "https://portal-api-p7xk2mq3ba-ew.a.run.app/internal/jobs/timesheet-reminders")
        inc.run_log(k + 30.5, "portal-api", "INFO", payload={"severity": "INFO", "message": "timesheet-reminders: queued %d reminders across %d tenants" % (r.randint(30, 400), r.randint(8, 40)), "logger": "portal.jobs"})
    # routine warnings that are not incidents
    for s in inc.poisson_times(0.8 * rate):
        inc.run_log(s, "portal-api", "WARNING", payload={"severity": "WARNING", "message": "slow request: GET /api/v1/reports/headcount took %.1fs" % r.uniform(2.0, 4.5), "logger": "portal.api.slow"})
    for s in inc.poisson_times(0.5 * rate):
        inc.run_log(s, "portal-web", "WARNING", "[next] Warning: revalidate for /payslips took %dms, serving stale" % r.randint(900, 2500), stream="stderr")
    for s in inc.poisson_times(0.4 * rate):
        inc.k8s(s, "payroll", r.choice(pe_pods), "payroll-engine", "WARNING",
                "%s  WARN 1 --- [   scheduling-1] c.p.payroll.tax.TaxTableCache           : tax table for region DE-BY refreshed late (age=%dm)" % (inc.T(s).strftime("%Y-%m-%dT%H:%M:%S.000"), r.randint(61, 90)))
    # kube noise
    for k in range(0, secs, 900):
        s = k + r.uniform(10, 200)
        pod = "accruals-nightly-%d-%s" % (29100000 + k // 60, inc.hx(5))
        inc.k8s_event(s, "payroll", "Pod", pod, "Scheduled", "Successfully assigned payroll/%s to gke-pg-prod-eu1-default-pool-8c1f2a3e-%s" % (pod, inc.hx(4)), component="default-scheduler")
        inc.k8s_event(s + 2, "payroll", "Pod", pod, "Pulled", 'Container image "europe-west1-docker.pkg.dev/peoplegrid-prod/apps/accruals:2026.10.1" already present on machine')
        inc.k8s_event(s + 3, "payroll", "Pod", pod, "Started", "Started container accruals")
        inc.k8s(s + 4, "payroll", pod, "accruals", "INFO", "accruals: recomputed vacation balances for %d employees" % r.randint(100, 2000))
        inc.k8s_event(s + 40, "payroll", "Job", pod[:-6], "Completed", "Job completed", component="job-controller")
    return {"tt_pods": tt_pods, "pe_pods": pe_pods, "bc_pods": bc_pods, "es_pods": es_pods}


# ---------------------------------------------------------------------------
# Distractors (real, unrelated noise)
# ---------------------------------------------------------------------------
def d_mailjet(inc, every=85):
    r = inc.rng
    for k in range(int(r.uniform(5, 60)), inc.secs, every):
        inc.run_log(k + r.uniform(0, 20), "notification-service", "ERROR", payload={
            "level": "error", "msg": "mailjet webhook signature verification failed",
            "event": r.choice(["bounce", "spam", "blocked"]), "message_id": str(r.randint(10**16, 10**17)),
            "error": "hmac mismatch: header X-Mailjet-Signature does not match computed digest"})
    return "mailjet webhook signature verification failed"


def d_metabase(inc, every=60):
    r = inc.rng
    for k in range(int(r.uniform(2, 50)), inc.secs, every):
        s = k + r.uniform(0, 3)
        pid = r.randint(30000, 60000)
        ts = inc.T(s).strftime("%Y-%m-%d %H:%M:%S.%f")[:-3]
        inc.sql(s, "ERROR", "%s UTC [%d]: [1-1] db=peoplegrid,user=metabase_ro FATAL:  password authentication failed for user \"metabase_ro\"" % (ts, pid))
        inc.sql(s + 0.001, "INFO", "%s UTC [%d]: [2-1] db=peoplegrid,user=metabase_ro DETAIL:  Connection matched pg_hba.conf line 12: \"host all all 0.0.0.0/0 scram-sha-256\"" % (ts, pid))
    return "password authentication failed for user"


def d_otel(inc, every=45):
    r = inc.rng
    for k in range(int(r.uniform(1, 30)), inc.secs, every):
        s = k + r.uniform(0, 10)
        inc.k8s(s, "observability", "otel-collector-9f8d7c6b5-qx4lw", "otel-collector", "WARNING",
                '%s\terror\texporterhelper/queue_sender.go:92\tExporting failed. Dropping data.\t{"kind": "exporter", "data_type": "traces", "name": "googlecloud", "error": "rpc error: code = DeadlineExceeded desc = context deadline exceeded", "dropped_items": %d}' % (
                    fmt(inc.T(s)), r.randint(40, 512)))
    return "Exporting failed. Dropping data."


def d_geoip(inc, every=40):
    r = inc.rng
    for k in range(int(r.uniform(1, 30)), inc.secs, every):
        inc.run_log(k + r.uniform(0, 15), "portal-api", "WARNING", payload={
            "severity": "WARNING", "message": "GeoLite2-City.mmdb is 47 days old; login location hints may be inaccurate",
            "logger": "portal.security.geo"})
    return "GeoLite2-City.mmdb is 47 days old"


def d_taxclass(inc, every=70):
    r = inc.rng
    for k in range(int(r.uniform(1, 40)), inc.secs, every):
        s = k + r.uniform(0, 20)
        inc.k8s(s, "payroll", "payroll-engine-5f6c9d7b88-h2xpt", "payroll-engine", "ERROR",
                "%s ERROR 1 --- [nio-8080-exec-%d] c.p.payroll.validation.EmployeeValidator : tenant=t-5230 employee=%s missing tax ID (Steuer-ID) - payslip will be flagged for review" % (
                    inc.T(s).strftime("%Y-%m-%dT%H:%M:%S.000"), r.randint(1, 10), inc.uid()))
    return "missing tax ID (Steuer-ID)"


def d_pdb(inc):
    r = inc.rng
    for k in range(int(r.uniform(30, 200)), inc.secs, 240):
        inc.k8s_event(k, "integrations", "Pod", "erp-sync-5c8d9f7b6-lq2hn", "BackOff",
                      "Back-off restarting failed container ledger-exporter in pod erp-sync-5c8d9f7b6-lq2hn_integrations(3f0c1e2a-4b5d-4e6f-8a9b-0c1d2e3f4a5b)", etype="Warning")
        inc.k8s(k - 3, "integrations", "erp-sync-5c8d9f7b6-lq2hn", "ledger-exporter", "ERROR",
                "ledger-exporter: FATAL: env LEDGER_EXPORT_BUCKET not set (sidecar disabled for tenant pilot)")
    return "env LEDGER_EXPORT_BUCKET not set"


# ---------------------------------------------------------------------------
# Scenarios
# ---------------------------------------------------------------------------
def py_ts(inc, s):
    t = inc.T(s)
    return t.strftime("%Y-%m-%d %H:%M:%S") + ",%03d" % (t.microsecond // 1000)


def java_ts(inc, s):
    t = inc.T(s)
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + "%03d" % (t.microsecond // 1000)


def s_requester_pays(out):
    inc = Inc("docs-requester-pays", "2026-10-06T08:30:00Z", 45, 2101)
    r = inc.rng
    background(inc, skip=("docs",))
    fault = 11 * 60 + 23
    bucket = "peoplegrid-prod-employee-docs"
    inc.audit(fault, "storage.googleapis.com", "storage.buckets.update", "projects/_/buckets/" + bucket,
              "finops-automation@peoplegrid-billing.iam.gserviceaccount.com", "gcs_bucket",
              {"bucket_name": bucket, "location": "europe-west1"}, ua="gcloud-python/2.18.2 gl-python/3.12.4 gccl/2.18.2 finops-labeler/1.4",
              request={"@type": "type.googleapis.com/google.storage.v1.Bucket", "billing": {"requesterPays": True},
                       "labels": {"cost-center": "cc-4410", "data-class": "confidential"}},
              metadata={"@type": "type.googleapis.com/google.cloud.audit.BucketMetadata"})
    # also other finops change on an unrelated bucket (harmless, same principal)
    inc.audit(fault - 4, "storage.googleapis.com", "storage.buckets.update", "projects/_/buckets/peoplegrid-prod-exports-archive",
              "finops-automation@peoplegrid-billing.iam.gserviceaccount.com", "gcs_bucket",
              {"bucket_name": "peoplegrid-prod-exports-archive", "location": "europe-west1"}, ua="gcloud-python/2.18.2 gl-python/3.12.4 gccl/2.18.2 finops-labeler/1.4",
              request={"@type": "type.googleapis.com/google.storage.v1.Bucket", "labels": {"cost-center": "cc-4410"}})
    for s in inc.poisson_times(9):
        m, p = r.choice([("GET", "/v1/documents/%s/download"), ("GET", "/v1/documents/%s/download"), ("GET", "/v1/documents/%s/meta"),
                         ("POST", "/v1/envelopes/%s/finalize")])
        doc = ("doc_" if "documents" in p else "env_") + inc.hx(12)
        p = p % doc
        if s < fault + 2 or p.endswith("/meta"):
            inc.run_req(s, "docs-service", m, p, 200, r.uniform(0.03, 0.4))
            if r.random() < 0.5:
                inc.run_log(s, "docs-service", "INFO", payload={"severity": "INFO", "message": "served %s tenant=%s" % (doc, inc.tenant())})
            continue
        inc.run_req(s + 0.2, "docs-service", m, p, 500, r.uniform(0.08, 0.3), size=96)
        obj = "tenants/%s/%s/%s.pdf" % (inc.tenant(), "contracts" if "doc_" in doc else "envelopes", doc)
        inc.run_log(s + 0.15, "docs-service", "ERROR", payload={
            "severity": "ERROR", "message": "storage read failed for %s" % obj, "logger": "docs.storage",
            "exception": "google.api_core.exceptions.BadRequest: 400 GET https://storage.googleapis.com/download/storage/v1/b/%s/o/%s?alt=media: Bucket is a requester pays bucket but no user project provided." % (bucket, obj.replace("/", "%2F"))},
            trace=True)
        if "finalize" in p:
            inc.run_log(s + 0.18, "docs-service", "ERROR", payload={"severity": "ERROR", "message": "envelope finalize aborted: could not load source document", "envelope": doc, "logger": "docs.esign"}, trace=True)
            inc.k8s(s + 0.4, "integrations", r.choice(["esign-service-84c7d5f9b-tt6lp", "esign-service-84c7d5f9b-b9wxm"]), "esign-service", "ERROR", payload={
                "level": "error", "ts": inc.epoch(s + 0.4), "caller": "envelope/finalize.go:77",
                "msg": "finalize envelope failed", "envelope_id": doc, "error": "docs-service returned 500 Internal Server Error"})
        elif r.random() < 0.6:
            inc.run_log(s + 0.3, "portal-web", "ERROR", "[api] GET /documents/%s/download -> 500 (docs-service)" % doc, stream="stderr")
    dis = [d_mailjet(inc), d_geoip(inc)]
    return inc, {
        "title": "Employee documents cannot be downloaded or finalized: Requester Pays enabled on the documents bucket",
        "root_cause": {"evidence": ["requesterPays", "buckets/peoplegrid-prod-employee-docs"], "category": "configuration",
                       "must_mention": ["requester pays", "employee-docs"]},
        "symptoms": [{"evidence": "Bucket is a requester pays bucket but no user project provided"},
                     {"evidence": "envelope finalize aborted"}, {"evidence": "finalize envelope failed"}],
        "distractors": [{"evidence": d} for d in dis], "priority": "P1"}


def s_ordering_paused(out):
    inc = Inc("esign-ordering-key-paused", "2026-10-13T13:05:00Z", 40, 2102)
    r = inc.rng
    bg = background(inc, skip=("esign",))
    es = bg["es_pods"]
    stuck = {"tenant-2291": -140, "tenant-4471": 14 * 60 + 8}
    # trigger line for the in-window key (the out-of-window key failed before the window opened)
    t2 = stuck["tenant-4471"]
    inc.k8s(t2, "integrations", es[1], "esign-service", "WARNING", payload={
        "level": "warn", "ts": inc.epoch(t2), "caller": "events/publisher.go:58", "msg": "publish envelope event failed",
        "topic": "projects/peoplegrid-prod/topics/esign-events", "ordering_key": "tenant-4471", "envelope_id": "env_" + inc.hx(10),
        "error": "rpc error: code = Unavailable desc = transport is closing"})
    for s in inc.poisson_times(7):
        pod = r.choice(es)
        ten = r.choice(["tenant-2291", "tenant-4471", "tenant-1042", "tenant-3590", "tenant-5012", "tenant-6114", "tenant-2291"])
        env = "env_" + inc.hx(10)
        ts = inc.epoch(s)
        inc.k8s(s, "integrations", pod, "esign-service", "INFO", payload={
            "level": "info", "ts": ts, "caller": "envelope/service.go:119", "msg": "signature captured", "envelope_id": env, "tenant": ten})
        if ten in stuck and s > stuck[ten] + 1:
            inc.k8s(s + 0.05, "integrations", pod, "esign-service", "ERROR", payload={
                "level": "error", "ts": ts, "caller": "events/publisher.go:58", "msg": "publish envelope event failed",
                "topic": "projects/peoplegrid-prod/topics/esign-events", "ordering_key": ten, "envelope_id": env,
                "error": "pubsub: Publishing for ordering key, %s, paused due to previous error. Call topic.ResumePublish(orderingKey) before resuming publishing" % ten})
            # downstream symptoms later
            d = s + r.uniform(600, 900)
            inc.run_log(d, "portal-api", "WARNING", payload={
                "severity": "WARNING", "message": "contract activation blocked: envelope %s still PENDING_SIGNATURE" % env,
                "tenant": ten.replace("tenant-", "t-"), "logger": "portal.contracts"}, trace=True)
            inc.run_req(d, "portal-api", "POST", "/api/v1/contracts/c_%s/activate" % inc.hx(8), 409, r.uniform(0.03, 0.09), host="api.peoplegrid.io")
        else:
            inc.k8s(s + 0.05, "integrations", pod, "esign-service", "INFO", payload={
                "level": "info", "ts": ts, "caller": "events/publisher.go:71", "msg": "envelope event published", "envelope_id": env,
                "ordering_key": ten, "message_id": str(r.randint(10**15, 10**16))})
            inc.k8s(s + r.uniform(0.3, 2), "payroll", "contract-status-worker-6d5b7c-9kfdq", "contract-status-worker", "INFO",
                    "INFO contract_status: envelope %s completed -> contract activated (tenant=%s)" % (env, ten.replace("tenant-", "t-")))
    # reconciliation watchdog
    for k in range(120, inc.secs, 300):
        inc.k8s(k + r.uniform(0.01, 0.9), "payroll", "contract-status-worker-6d5b7c-9kfdq", "contract-status-worker", "WARNING",
                "WARNING watchdog: %d envelopes signed by all parties but no envelope.completed event received in >10m" % (8 + k // 60 * 2))
    dis = [d_otel(inc), d_taxclass(inc)]
    return inc, {
        "title": "Signed contracts stay pending: Pub/Sub publisher paused for ordering keys after a transient error and never resumed",
        "root_cause": {"evidence": ["paused due to previous error"], "category": "code-bug",
                       "must_mention": ["ordering key", "ResumePublish"]},
        "symptoms": [{"evidence": "still PENDING_SIGNATURE"}, {"evidence": "no envelope.completed event received"}],
        "distractors": [{"evidence": d} for d in dis], "priority": "P2"}


def s_sftp_hostkey(out):
    inc = Inc("bank-sftp-host-key-changed", "2026-10-27T07:10:00Z", 45, 2103)
    r = inc.rng
    background(inc)
    host = "sftp.hanseatic-bank.de"
    for k in range(90, inc.secs, 600):
        job = "bank-file-transmitter-%d" % (29880000 + k // 60)
        pod = job + "-" + inc.hx(5)
        k = k + r.uniform(0.2, 2.5)
        for attempt in range(3):
            s = k + attempt * 75 + r.uniform(0, 4)
            p = pod if attempt == 0 else job + "-" + inc.hx(5)
            inc.k8s_event(s, "integrations", "Pod", p, "Started", "Started container transmitter")
            inc.k8s(s + 1, "integrations", p, "transmitter", "INFO", "%s INFO [transmit] pending SEPA files: %d (bank=HBK, tenants=%d)" % (py_ts(inc, s + 1), 4 + int(k) // 600, 3 + int(k) // 1200))
            inc.k8s(s + 1.4, "integrations", p, "transmitter", "INFO", "%s INFO [paramiko.transport] Connected (version 2.0, client OpenSSH_9.6)" % py_ts(inc, s + 1.4))
            tb = [
                "%s ERROR [transmit] upload to %s failed" % (py_ts(inc, s + 2), host),
                "Traceback (most recent call last):",
                '  File "/app/transmit.py", line 112, in run',
                "    with bank_sftp(cfg.bank) as sftp:",
                '  File "/app/transmit.py", line 47, in bank_sftp',
                "    client.connect(cfg.host, port=22, username=cfg.user, pkey=key, look_for_keys=False)",
                '  File "/usr/local/lib/python3.11/site-packages/paramiko/client.py", line 485, in connect',
                "    raise BadHostKeyException(hostname, server_key, our_server_key)",
                "paramiko.ssh_exception.BadHostKeyException: Host key for server 'sftp.hanseatic-bank.de' does not match: got 'AAAAC3NzaC1lZDI1NTE5AAAAIO3q9xLk2VbR7mYtPz0aQe8fJ1nWcU5sHd4gKx6yTrBv', expected 'AAAAB3NzaC1yc2EAAAADAQABAAABgQC7v0kJ2w9Xh3Lq'",
            ]
            for i, line in enumerate(tb):
                inc.k8s(s + 2 + i * 0.0005, "integrations", p, "transmitter", "ERROR", line)
            inc.k8s_event(s + 3, "integrations", "Pod", p, "BackOff" if attempt else "Failed", "Error: container transmitter exited with code 1" if not attempt else "Back-off restarting failed container transmitter", etype="Warning")
        inc.k8s_event(k + 230, "integrations", "Job", job, "BackoffLimitExceeded", "Job has reached the specified backoff limit", etype="Warning", component="job-controller")
    for s in inc.poisson_times(0.7):
        inc.k8s(s, "payroll", "payroll-engine-5f6c9d7b88-h2xpt", "payroll-engine", "WARNING",
                "%s  WARN 1 --- [   scheduling-1] c.p.payroll.disburse.CutoffMonitor      : SEPA batch %s for tenant %s not acknowledged by bank HBK; cutoff 14:00 CET in %dm" % (
                    java_ts(inc, s), "B" + inc.hx(8).upper(), r.choice(["t-1042", "t-2305", "t-3590", "t-6114"]), 410 - int(s // 60)))
    for k in range(300, inc.secs, 900):
        inc.run_log(k, "portal-api", "WARNING", payload={"severity": "WARNING", "message": "payroll status banner shown to %d admins: 'Bank transmission delayed'" % r.randint(20, 80), "logger": "portal.payroll"})
    dis = [d_metabase(inc), d_pdb(inc)]
    return inc, {
        "title": "Payroll SEPA files not delivered: bank rotated its SFTP host key, pinned known host no longer matches",
        "root_cause": {"evidence": ["Host key for server", "BadHostKeyException"], "category": "upstream-dependency",
                       "must_mention": ["host key", "sftp"]},
        "symptoms": [{"evidence": "not acknowledged by bank"}, {"evidence": "Job has reached the specified backoff limit"}],
        "distractors": [{"evidence": d} for d in dis], "priority": "P1"}


def s_redis_full(out):
    inc = Inc("portal-session-store-full", "2026-11-02T07:40:00Z", 35, 2104)
    r = inc.rng
    background(inc, rate=1.2, skip=("/api/v1/auth",))
    # new instances keep starting due to load -> they print config line
    for k, s in enumerate([95, 410, 880, 1320, 1700]):
        inc.run_sys(s, "portal-api", "INFO", "Starting new instance. Reason: AUTOSCALING - Instance started due to configured scaling factors (e.g. CPU utilization, request throughput, etc.) or no existing capacity for current traffic.")
        inc.run_log(s + 2.1, "portal-api", "INFO", payload={"severity": "INFO", "message": "session store configured: backend=redis host=10.44.0.3:6379 db=0 ttl=none (SESSION_TTL_SECONDS=0)", "logger": "portal.session"})
        inc.run_log(s + 2.3, "portal-api", "INFO", payload={"severity": "INFO", "message": "Application startup complete.", "logger": "uvicorn.error"})
    for s in inc.poisson_times(30):
        frac = min(0.97, 0.35 + s / inc.secs * 0.8)
        u = inc.uid()
        if r.random() < frac:
            inc.run_log(s + 0.02, "portal-api", "ERROR", payload={
                "severity": "ERROR", "message": "redis.exceptions.ResponseError: OOM command not allowed when used memory > 'maxmemory'.",
                "logger": "portal.session.redis", "command": "SET"}, trace=True)
            inc.run_log(s + 0.03, "portal-api", "ERROR", payload={
                "severity": "ERROR", "message": "failed to create session for user %s" % u, "logger": "portal.auth", "tenant": inc.tenant()}, trace=True)
            inc.run_req(s, "portal-api", "POST", "/api/v1/auth/session", 500, r.uniform(0.01, 0.05), size=64, host="api.peoplegrid.io")
            if r.random() < 0.5:
                inc.run_log(s + 0.1, "portal-web", "ERROR", "[auth] login failed: POST /api/v1/auth/session -> 500", stream="stderr")
                inc.lb(s, "/login", 500, r.uniform(0.05, 0.12), method="POST")
        else:
            inc.run_req(s, "portal-api", "POST", "/api/v1/auth/session", 201, r.uniform(0.04, 0.12), host="api.peoplegrid.io")
    # redis exporter on GKE
    for k in range(20, inc.secs, 60):
        used = 5.0 * min(0.9999, 0.998 + k / inc.secs * 0.002)
        k = k + r.uniform(0.05, 0.9)
        inc.k8s(k, "observability", "redis-exporter-7c8d9-kw2qs", "redis-exporter", "INFO",
                'time="%s" level=info msg="scrape ok" instance=10.44.0.3:6379 used_memory=%.2fG maxmemory=5.00G maxmemory_policy=noeviction evicted_keys=0 db0_keys=%d' % (
                    fmt(inc.T(k))[:19] + "Z", used, 31880211 + int(k) * 3))
    dis = [d_geoip(inc), d_mailjet(inc, 120)]
    return inc, {
        "title": "Employee portal logins fail: Memorystore session store full (noeviction) because sessions were written without TTL",
        "root_cause": {"evidence": ["OOM command not allowed", "SESSION_TTL_SECONDS=0"], "category": "resource-exhaustion",
                       "must_mention": ["maxmemory", "TTL"]},
        "symptoms": [{"evidence": "failed to create session for user"}, {"evidence": "login failed: POST /api/v1/auth/session"}],
        "distractors": [{"evidence": d} for d in dis], "priority": "P0"}


def s_run_timeout(out):
    inc = Inc("payslip-export-request-timeout", "2026-10-29T15:00:00Z", 50, 2105)
    r = inc.rng
    background(inc)
    fault = 6 * 60 + 40
    newrev = "payslip-export-00052-wob"
    inc.audit(fault, "run.googleapis.com", "google.cloud.run.v1.Services.ReplaceService",
              "namespaces/peoplegrid-prod/services/payslip-export", "terraform-ci@peoplegrid-prod.iam.gserviceaccount.com",
              "cloud_run_revision", {"service_name": "payslip-export", "location": REGION, "configuration_name": "", "revision_name": ""},
              ua="Terraform/1.9.8 (+https://www.terraform.io) terraform-provider-google/6.8.0 blueprints/terraform/terraform-google-cloud-run/v0.13.0",
              request={"@type": "type.googleapis.com/google.cloud.run.v1.ReplaceServiceRequest", "name": "namespaces/peoplegrid-prod/services/payslip-export",
                       "service": {"spec": {"template": {"metadata": {"annotations": {"autoscaling.knative.dev/maxScale": "20", "run.googleapis.com/cpu-throttling": "false"}},
                                                         "spec": {"containerConcurrency": 4, "timeoutSeconds": 60,
                                                                  "containers": [{"image": "europe-west1-docker.pkg.dev/peoplegrid-prod/apps/payslip-export:2026.10.7", "resources": {"limits": {"cpu": "2", "memory": "2Gi"}}}]}}}}})
    inc.run_sys(fault + 25, "payslip-export", "INFO", "Ready condition status changed to True for Revision %s." % newrev, rev=newrev)
    inc.run_sys(fault + 26, "payslip-export", "INFO", "Ready condition status changed to True for Service payslip-export.", rev=newrev)
    for s in inc.poisson_times(1.6):
        period = "2026-10"
        job = "exp_" + inc.hx(8)
        n = r.randint(300, 2600)
        dur = n * r.uniform(0.06, 0.09)
        ten = inc.tenant()
        rev = newrev if s > fault + 30 else None
        inc.run_log(s + 0.01, "payslip-export", "INFO", payload={"severity": "INFO", "message": "bulk export %s started tenant=%s period=%s payslips=%d" % (job, ten, period, n)}, rev=rev)
        for j in range(1, 4):
            if dur * j / 4 < (60 if rev else 600):
                inc.run_log(s + dur * j / 4, "payslip-export", "INFO", payload={"severity": "INFO", "message": "bulk export %s rendered %d/%d" % (job, n * j // 4, n)}, rev=rev)
        if rev and dur > 60:
            e = inc.run_req(s + 60, "payslip-export", "POST", "/v1/exports/payslips?period=%s" % period, 504, 60.0 + r.uniform(0, 0.01), size=0)
            e["resource"]["labels"]["revision_name"] = newrev
            e["textPayload"] = "The request has been terminated because it has reached the maximum request timeout. To change this limit, see https://cloud.google.com/run/docs/configuring/request-timeout"
            inc.run_log(s + 60.2, "portal-api", "ERROR", payload={"severity": "ERROR", "message": "payslip bulk export failed: payslip-export returned 504 Gateway Timeout", "tenant": ten, "export": job, "logger": "portal.exports"}, trace=True)
            inc.run_req(s + 60.3, "portal-api", "POST", "/api/v1/exports/payslips", 502, 60.3, host="api.peoplegrid.io")
            if r.random() < 0.6:
                inc.run_log(s + dur * 0.95, "payslip-export", "WARNING", payload={"severity": "WARNING", "message": "bulk export %s: client disconnected before response was sent, discarding %d rendered pages" % (job, n)}, rev=rev)
        else:
            e = inc.run_req(s + dur, "payslip-export", "POST", "/v1/exports/payslips?period=%s" % period, 200, dur, size=r.randint(10**6, 9 * 10**7))
            if rev:
                e["resource"]["labels"]["revision_name"] = newrev
            inc.run_log(s + dur, "payslip-export", "INFO", payload={"severity": "INFO", "message": "bulk export %s finished in %.1fs" % (job, dur)}, rev=rev)
            inc.run_req(s + dur + 0.1, "portal-api", "POST", "/api/v1/exports/payslips", 200, dur + 0.1, host="api.peoplegrid.io")
    dis = [d_otel(inc), d_metabase(inc, 90)]
    return inc, {
        "title": "Bulk payslip exports fail with 504: Cloud Run request timeout lowered to 60 s by a Terraform apply",
        "root_cause": {"evidence": ["timeoutSeconds", "services/payslip-export"], "category": "configuration",
                       "must_mention": ["timeout", "payslip-export"]},
        "symptoms": [{"evidence": "maximum request timeout"}, {"evidence": "payslip bulk export failed"}],
        "distractors": [{"evidence": d} for d in dis], "priority": "P2"}


def s_openssl(out):
    inc = Inc("bank-connector-legacy-renegotiation", "2026-11-05T09:20:00Z", 45, 2106)
    r = inc.rng
    bg = background(inc, skip=("bank",))
    old = bg["bc_pods"]
    new = ["bank-connector-7f4d8b9c6-%s" % x for x in ("m3jtw", "c8qzh")]
    fault = 9 * 60 + 12
    for i, p in enumerate(new):
        s = fault + i * 40 + r.uniform(0.1, 0.9)
        inc.k8s_event(s - 10, "integrations", "Pod", p, "Scheduled", "Successfully assigned integrations/%s to gke-pg-prod-eu1-default-pool-8c1f2a3e-%s" % (p, inc.hx(4)), component="default-scheduler")
        inc.k8s_event(s - 8, "integrations", "Pod", p, "Pulling", 'Pulling image "europe-west1-docker.pkg.dev/peoplegrid-prod/apps/bank-connector:2026.11.1"')
        inc.k8s_event(s - 3, "integrations", "Pod", p, "Pulled", 'Successfully pulled image "europe-west1-docker.pkg.dev/peoplegrid-prod/apps/bank-connector:2026.11.1" in 4.81s (4.81s including waiting). Image size: 88213447 bytes.')
        inc.k8s_event(s - 2, "integrations", "Pod", p, "Started", "Started container bank-connector")
        inc.k8s(s, "integrations", p, "bank-connector", "INFO", "%s INFO [bank_connector.main] bank-connector 2026.11.1 starting (python 3.11.10, OpenSSL 3.0.15 3 Sep 2024, base debian:bookworm-slim)" % py_ts(inc, s))
        inc.k8s(s + 0.5, "integrations", p, "bank-connector", "INFO", "%s INFO [bank_connector.main] loaded 4 bank profiles: HBK, KBN, SPK, DBX" % py_ts(inc, s + 0.5))
        inc.k8s_event(s + 15, "integrations", "Pod", old[i], "Killing", "Stopping container bank-connector")
    inc.k8s(fault - 400, "integrations", old[0], "bank-connector", "INFO", "%s INFO [bank_connector.main] health: 4/4 bank profiles reachable" % py_ts(inc, fault - 400))
    for s in inc.poisson_times(5):
        pods = old if s < fault + 20 else new
        p = r.choice(pods)
        bank = r.choice(["HBK", "KBN", "SPK", "DBX", "KBN"])
        batch = "B" + inc.hx(8).upper()
        ten = inc.tenant()
        inc.k8s(s, "integrations", p, "bank-connector", "INFO", "%s INFO [bank_connector.payouts] submitting credit transfers batch=%s bank=%s tenant=%s items=%d" % (py_ts(inc, s), batch, bank, ten, r.randint(5, 400)))
        if bank == "KBN" and pods is new:
            err = "requests.exceptions.SSLError: HTTPSConnectionPool(host='api.kreditbank-nord.de', port=443): Max retries exceeded with url: /payments/v2/credit-transfers (Caused by SSLError(SSLError(1, '[SSL: UNSAFE_LEGACY_RENEGOTIATION_DISABLED] unsafe legacy renegotiation disabled (_ssl.c:1006)')))"
            inc.k8s(s + 0.3, "integrations", p, "bank-connector", "ERROR", "%s ERROR [bank_connector.payouts] batch=%s bank=KBN transport failure: %s" % (py_ts(inc, s + 0.3), batch, err))
            inc.k8s(s + 0.8, "payroll", "payroll-engine-5f6c9d7b88-mm9fd", "payroll-engine", "ERROR",
                    "%s ERROR 1 --- [  disburse-pool-%d] c.p.payroll.disburse.DisbursementService : disbursement failed batch=%s tenant=%s bank=KBN status=TRANSPORT_ERROR, will retry in 300s" % (java_ts(inc, s + 0.8), r.randint(1, 4), batch, ten))
        else:
            inc.k8s(s + r.uniform(0.4, 1.5), "integrations", p, "bank-connector", "INFO", "%s INFO [bank_connector.payouts] batch=%s bank=%s accepted status=ACCP" % (py_ts(inc, s + 1), batch, bank))
    # statement polls
    for s in inc.poisson_times(2.5):
        pods = old if s < fault + 20 else new
        bank = r.choice(["HBK", "KBN", "SPK", "DBX"])
        if bank == "KBN" and pods is new:
            inc.k8s(s, "integrations", r.choice(pods), "bank-connector", "WARNING", "%s WARNING [bank_connector.poll] statement poll bank=KBN failed (SSLError), will retry next cycle" % py_ts(inc, s))
        else:
            inc.k8s(s, "integrations", r.choice(pods), "bank-connector", "INFO", "%s INFO [bank_connector.poll] statement poll bank=%s accounts=%d new_entries=%d" % (py_ts(inc, s), bank, r.randint(3, 40), r.randint(0, 12)))
    dis = [d_taxclass(inc), d_otel(inc, 70)]
    return inc, {
        "title": "Payouts to one bank fail after bank-connector image moved to OpenSSL 3, which refuses the bank gateway's legacy renegotiation",
        "root_cause": {"evidence": ["UNSAFE_LEGACY_RENEGOTIATION_DISABLED", "OpenSSL 3.0.15"], "category": "configuration",
                       "must_mention": ["OpenSSL", "renegotiation"]},
        "symptoms": [{"evidence": "status=TRANSPORT_ERROR"}, {"evidence": "statement poll bank=KBN failed"}],
        "distractors": [{"evidence": d} for d in dis], "priority": "P1"}


def s_lock_ttl(out):
    inc = Inc("payroll-run-lock-ttl-duplicate", "2026-10-28T05:30:00Z", 50, 2107)
    r = inc.rng
    background(inc, rate=0.8)
    fault = 4 * 60 + 5
    inc.audit(fault, "k8s.io", "io.k8s.core.v1.configmaps.update", "core/v1/namespaces/payroll/configmaps/payroll-worker-config",
              "ci-deployer@peoplegrid-prod.iam.gserviceaccount.com", "k8s_cluster", {"cluster_name": CLUSTER, "location": REGION},
              request={"@type": "core.k8s.io/v1.ConfigMap", "apiVersion": "v1", "kind": "ConfigMap",
                       "metadata": {"name": "payroll-worker-config", "namespace": "payroll"},
                       "data": {"PAYROLL_LOCK_TTL": "30s", "PAYROLL_LOCK_BACKEND": "redis", "WORKER_CONCURRENCY": "4"}})
    inc.audit(fault + 20, "k8s.io", "io.k8s.apps.v1.deployments.patch", "apps/v1/namespaces/payroll/deployments/payroll-worker",
              "ci-deployer@peoplegrid-prod.iam.gserviceaccount.com", "k8s_cluster", {"cluster_name": CLUSTER, "location": REGION},
              request={"@type": "apps.k8s.io/v1.Deployment", "spec": {"template": {"metadata": {"annotations": {"kubectl.kubernetes.io/restartedAt": fmt(inc.T(fault + 20))[:19] + "Z"}}}}})
    workers = ["payroll-worker-5b9c7d6f8-%s" % x for x in ("a4kzn", "f7plq", "x2rvd")]
    for i, p in enumerate(workers):
        s = fault + 30 + i * 25 + r.uniform(0.1, 0.9)
        inc.k8s_event(s - 3, "payroll", "Pod", p, "Started", "Started container payroll-worker")
        inc.k8s(s, "payroll", p, "payroll-worker", "INFO", "%s  INFO 1 --- [           main] c.p.worker.PayrollWorkerApplication     : Started PayrollWorkerApplication in 7.412 seconds (process running for 8.103)" % java_ts(inc, s))
        inc.k8s(s + 0.2, "payroll", p, "payroll-worker", "INFO", "%s  INFO 1 --- [           main] c.p.worker.lock.RedisRunLock            : run lock configured: prefix=lock:payroll-run ttl=PT30S watchdog=false" % java_ts(inc, s + 0.2))
    # month-end payroll runs (Pub/Sub work queue, ack deadline 60 s, redelivered while still running)
    runs = []
    t = 14 * 60
    tenants = ["t-1042", "t-1187", "t-2291", "t-2305", "t-3318", "t-3590", "t-4471", "t-5012", "t-5230", "t-6114", "t-7020", "t-7311"]
    for ten in tenants:
        runs.append((t, ten, r.uniform(120, 420)))
        t += r.uniform(80, 200)
    for (s, ten, dur) in runs:
        w1 = r.choice(workers)
        rid = "%s/2026-10-M" % ten
        key = "lock:payroll-run:" + ten
        inc.k8s(s, "payroll", w1, "payroll-worker", "INFO", "%s  INFO 1 --- [    run-exec-%d] c.p.worker.lock.RedisRunLock            : acquired %s owner=%s" % (java_ts(inc, s), r.randint(1, 4), key, w1))
        inc.k8s(s + 0.1, "payroll", w1, "payroll-worker", "INFO", "%s  INFO 1 --- [    run-exec-1] c.p.worker.run.PayrollRunService        : payroll run %s started employees=%d" % (java_ts(inc, s + 0.1), rid, r.randint(80, 1400)))
        w2 = r.choice([w for w in workers if w != w1])
        s2 = s + 60 + r.uniform(0, 5)
        inc.k8s(s2, "payroll", w2, "payroll-worker", "INFO", "%s  INFO 1 --- [    run-exec-%d] c.p.worker.lock.RedisRunLock            : acquired %s owner=%s" % (java_ts(inc, s2), r.randint(1, 4), key, w2))
        inc.k8s(s2 + 0.1, "payroll", w2, "payroll-worker", "INFO", "%s  INFO 1 --- [    run-exec-2] c.p.worker.run.PayrollRunService        : payroll run %s started employees=%d" % (java_ts(inc, s2 + 0.1), rid, r.randint(80, 1400)))
        dup = s2 + r.uniform(20, 60)
        pid = r.randint(30000, 60000)
        ts = inc.T(dup).strftime("%Y-%m-%d %H:%M:%S.%f")[:-3]
        inc.sql(dup, "ERROR", '%s UTC [%d]: [5-1] db=peoplegrid,user=payroll_app ERROR:  duplicate key value violates unique constraint "payout_instruction_run_employee_uq"' % (ts, pid))
        inc.sql(dup + 0.001, "ERROR", "%s UTC [%d]: [6-1] db=peoplegrid,user=payroll_app DETAIL:  Key (run_id, employee_id)=(%s, %s) already exists." % (ts, pid, rid, inc.uid()))
        loser = r.choice([w1, w2])
        inc.k8s(dup + 0.01, "payroll", loser, "payroll-worker", "ERROR", "%s ERROR 1 --- [    run-exec-2] c.p.worker.run.PayrollRunService        : payroll run %s failed, marking FAILED: org.springframework.dao.DataIntegrityViolationException: could not execute statement [ERROR: duplicate key value violates unique constraint \"payout_instruction_run_employee_uq\"]" % (java_ts(inc, dup + 0.01), rid))
        for li, line in enumerate(["\tat org.springframework.orm.jpa.vendor.HibernateJpaDialect.convertHibernateAccessException(HibernateJpaDialect.java:290)",
                     "\tat org.springframework.orm.jpa.vendor.HibernateJpaDialect.translateExceptionIfPossible(HibernateJpaDialect.java:241)",
                     "\tat com.peoplegrid.worker.run.PayoutWriter.writeInstructions(PayoutWriter.java:88)",
                     "\tat com.peoplegrid.worker.run.PayrollRunService.execute(PayrollRunService.java:154)",
                     "\t... 14 common frames omitted"]):
            inc.k8s(dup + 0.011 + li * 0.0005, "payroll", loser, "payroll-worker", "ERROR", line)
        winner = w1 if loser == w2 else w2
        if s + dur < inc.secs:
            inc.k8s(s + dur, "payroll", winner, "payroll-worker", "WARNING", "%s  WARN 1 --- [    run-exec-1] c.p.worker.lock.RedisRunLock            : release of %s skipped: lock no longer held by %s" % (java_ts(inc, s + dur), key, winner))
            inc.k8s(s + dur + 0.1, "payroll", winner, "payroll-worker", "INFO", "%s  INFO 1 --- [    run-exec-1] c.p.worker.run.PayrollRunService        : payroll run %s completed status=PARTIAL (instructions written by concurrent run)" % (java_ts(inc, s + dur + 0.1), rid))
        inc.run_log(dup + 5, "portal-api", "WARNING", payload={"severity": "WARNING", "message": "payroll run %s reported FAILED; admins notified" % rid, "logger": "portal.payroll"})
    dis = [d_metabase(inc, 75), d_pdb(inc)]
    return inc, {
        "title": "Month-end payroll runs executed twice and failed: run lock TTL cut to 30 s, redelivered work acquires the lock",
        "root_cause": {"evidence": ["PAYROLL_LOCK_TTL", "ttl=PT30S", "configmaps/payroll-worker-config"], "category": "configuration",
                       "must_mention": ["lock", "TTL"]},
        "symptoms": [{"evidence": "payout_instruction_run_employee_uq"}, {"evidence": "marking FAILED"}, {"evidence": "lock no longer held"}],
        "distractors": [{"evidence": d} for d in dis], "priority": "P1"}


def s_deadlock(out):
    inc = Inc("timesheet-approval-deadlocks", "2026-11-09T10:00:00Z", 40, 2108)
    r = inc.rng
    bg = background(inc, skip=("timetrack",))
    oldp = bg["tt_pods"]
    newp = ["timetrack-api-58f7c9d6b-%s" % x for x in ("g2vhs", "n6xkd", "t9qpl")]
    fault = 7 * 60 + 30
    for i, p in enumerate(newp):
        s = fault + i * 20 + r.uniform(0.1, 0.9)
        inc.k8s_event(s - 4, "timetrack", "Pod", p, "Pulled", 'Successfully pulled image "europe-west1-docker.pkg.dev/peoplegrid-prod/apps/timetrack-api:v3.18.0" in 2.9s (2.9s including waiting). Image size: 31455120 bytes.')
        inc.k8s_event(s - 2, "timetrack", "Pod", p, "Started", "Started container timetrack-api")
        inc.k8s(s, "timetrack", p, "timetrack-api", "INFO", payload={"level": "info", "ts": inc.epoch(s), "caller": "cmd/server/main.go:54", "msg": "timetrack-api starting", "version": "v3.18.0", "commit": "9be41c2"})
        inc.k8s_event(s + 12, "timetrack", "Pod", oldp[i], "Killing", "Stopping container timetrack-api")
    for s in inc.poisson_times(16):
        pods = oldp if s < fault + 40 else newp
        inc.k8s(s, "timetrack", r.choice(pods), "timetrack-api", "INFO", payload={
            "level": "info", "ts": inc.epoch(s), "caller": "httpapi/handler.go:%d" % r.choice([88, 142, 207]),
            "msg": r.choice(["punch recorded", "timesheet fetched", "entry updated", "shift plan served"]), "tenant": inc.tenant(), "latency_ms": r.randint(3, 60)})
    # approvals; the new version updates timesheets before entries, the payroll freeze job does the reverse
    for s in inc.poisson_times(10):
        pods = oldp if s < fault + 40 else newp
        p = r.choice(pods)
        tsid = "ts-%d" % r.randint(100000, 999999)
        if pods is newp and r.random() < 0.3:
            pid1, pid2 = r.randint(30000, 60000), r.randint(30000, 60000)
            x1, x2 = r.randint(99100000, 99300000), r.randint(99100000, 99300000)
            ts = inc.T(s + 1.0).strftime("%Y-%m-%d %H:%M:%S.%f")[:-3]
            pre = "%s UTC [%d]: [%%d-1] db=peoplegrid,user=timetrack_app " % (ts, pid1)
            for j, line in enumerate([
                    "ERROR:  deadlock detected",
                    "DETAIL:  Process %d waits for ShareLock on transaction %d; blocked by process %d.\n\tProcess %d waits for ShareLock on transaction %d; blocked by process %d.\n\tProcess %d: UPDATE timesheets SET status = 'APPROVED', approved_by = $1, approved_at = now() WHERE id = $2\n\tProcess %d: UPDATE timesheet_entries SET locked_for_payroll = true WHERE timesheet_id = ANY($1)" % (pid1, x2, pid2, pid2, x1, pid1, pid1, pid2),
                    "HINT:  See server log for query details.",
                    'CONTEXT:  while updating tuple (%d,%d) in relation "timesheets"' % (r.randint(100, 9000), r.randint(1, 40)),
                    "STATEMENT:  UPDATE timesheets SET status = 'APPROVED', approved_by = $1, approved_at = now() WHERE id = $2"]):
                inc.sql(s + 1.0 + j * 0.0005, "ERROR" if j == 0 else "INFO", (pre % (j + 3)) + line)
            inc.k8s(s + 1.01, "timetrack", p, "timetrack-api", "ERROR", payload={
                "level": "error", "ts": inc.epoch(s + 1.01), "caller": "approvals/service.go:131", "msg": "approve timesheet failed",
                "timesheet_id": tsid, "tenant": inc.tenant(), "error": "tx aborted after 3 attempts: SQLSTATE 40P01"})
            inc.run_req(s + 1.05, "portal-api", "POST", "/api/v1/timesheets/%s/approve" % tsid, 500, r.uniform(1.0, 1.3), host="api.peoplegrid.io")
            inc.run_log(s + 1.05, "portal-api", "ERROR", payload={"severity": "ERROR", "message": "timetrack-api approve returned 500 for %s" % tsid, "logger": "portal.timesheets"}, trace=True)
        else:
            inc.k8s(s + r.uniform(0.02, 0.2), "timetrack", p, "timetrack-api", "INFO", payload={
                "level": "info", "ts": inc.epoch(s), "caller": "approvals/service.go:152", "msg": "timesheet approved", "timesheet_id": tsid, "tenant": inc.tenant()})
            inc.run_req(s + 0.2, "portal-api", "POST", "/api/v1/timesheets/%s/approve" % tsid, 200, r.uniform(0.05, 0.2), host="api.peoplegrid.io")
    for s in inc.poisson_times(1):
        inc.k8s(s, "payroll", "payroll-engine-5f6c9d7b88-h2xpt", "payroll-engine", "INFO",
                "%s  INFO 1 --- [   scheduling-1] c.p.payroll.lock.TimesheetFreezeJob     : froze %d approved timesheets for payroll cutoff" % (java_ts(inc, s), r.randint(5, 80)))
    dis = [d_geoip(inc), d_otel(inc)]
    return inc, {
        "title": "Timesheet approvals fail intermittently: timetrack-api v3.18.0 changed lock order and deadlocks with the payroll freeze job",
        "root_cause": {"evidence": ["deadlock detected", "waits for ShareLock"], "category": "database",
                       "must_mention": ["deadlock", "timetrack-api"]},
        "symptoms": [{"evidence": "approve timesheet failed"}, {"evidence": "approve returned 500"}],
        "distractors": [{"evidence": d} for d in dis], "priority": "P2"}


def s_kms_sa(out):
    inc = Inc("signing-service-default-sa", "2026-11-11T12:15:00Z", 40, 2109)
    r = inc.rng
    background(inc)
    fault = 10 * 60 + 5
    newrev = "signing-service-00064-zel"
    sa = PNUM + "-compute@developer.gserviceaccount.com"
    inc.audit(fault, "run.googleapis.com", "google.cloud.run.v1.Services.ReplaceService",
              "namespaces/peoplegrid-prod/services/signing-service", "m.keller@peoplegrid.io", "cloud_run_revision",
              {"service_name": "signing-service", "location": REGION, "configuration_name": "", "revision_name": ""},
              request={"@type": "type.googleapis.com/google.cloud.run.v1.ReplaceServiceRequest",
                       "service": {"spec": {"template": {"spec": {"containerConcurrency": 40, "timeoutSeconds": 300, "serviceAccountName": sa,
                                                                  "containers": [{"image": "europe-west1-docker.pkg.dev/peoplegrid-prod/apps/signing-service:2026.11.2"}]}}}}})
    inc.run_sys(fault + 30, "signing-service", "INFO", "Ready condition status changed to True for Revision %s." % newrev, rev=newrev)
    key = "projects/peoplegrid-prod/locations/europe/keyRings/esign/cryptoKeys/document-seal/cryptoKeyVersions/3"
    for s in inc.poisson_times(6):
        env = "env_" + inc.hx(10)
        if s < fault + 32:
            inc.run_req(s, "signing-service", "POST", "/v1/seal", 200, r.uniform(0.15, 0.5))
            inc.run_log(s, "signing-service", "INFO", payload={"severity": "INFO", "message": "sealed %s with %s" % (env, key.split("/cryptoKeys/")[1])})
            continue
        inc.audit(s + 0.1, "cloudkms.googleapis.com", "AsymmetricSign", key, sa, "cloudkms_cryptokeyversion",
                  {"crypto_key_version_id": "3", "key_ring_id": "esign", "crypto_key_id": "document-seal", "location": "europe"},
                  status={"code": 7, "message": "PERMISSION_DENIED"}, log="data_access", sev="ERROR")
        e = inc.run_req(s + 0.15, "signing-service", "POST", "/v1/seal", 500, r.uniform(0.05, 0.2), size=80)
        e["resource"]["labels"]["revision_name"] = newrev
        inc.run_log(s + 0.14, "signing-service", "ERROR", rev=newrev, payload={
            "severity": "ERROR", "message": "seal failed for %s" % env, "logger": "signing.kms",
            "exception": "google.api_core.exceptions.PermissionDenied: 403 Permission 'cloudkms.cryptoKeyVersions.useToSign' denied on resource '%s' (or it may not exist). [reason: \"IAM_PERMISSION_DENIED\"]" % key}, trace=True)
        inc.k8s(s + 0.3, "integrations", r.choice(["esign-service-84c7d5f9b-tt6lp", "esign-service-84c7d5f9b-b9wxm"]), "esign-service", "ERROR", payload={
            "level": "error", "ts": inc.epoch(s + 0.3), "caller": "envelope/complete.go:92", "msg": "completing envelope failed: seal step returned 500", "envelope_id": env, "tenant": inc.tenant()})
        if r.random() < 0.5:
            inc.run_log(s + 0.4, "portal-web", "ERROR", "[sign] POST /api/v1/envelopes/%s/complete -> 502" % env, stream="stderr")
    dis = [d_mailjet(inc), d_taxclass(inc, 110)]
    return inc, {
        "title": "Document signing cannot complete: signing-service redeployed with the default compute service account, which lacks KMS signer",
        "root_cause": {"evidence": ["ReplaceService", "services/signing-service"], "category": "permissions",
                       "must_mention": ["service account", "KMS"]},
        "symptoms": [{"evidence": "cloudkms.cryptoKeyVersions.useToSign"}, {"evidence": "completing envelope failed"}],
        "distractors": [{"evidence": d} for d in dis], "priority": "P1"}


def s_vpn(out):
    inc = Inc("customer-vpn-ike-auth-failed", "2026-11-14T06:00:00Z", 55, 2110)
    r = inc.rng
    background(inc, rate=0.6)
    fault = 16 * 60 + 20
    gw = "vpn-brandt-onprem"
    tunnels = ["brandt-tunnel-0", "brandt-tunnel-1"]

    def vpn(s, sev, msg, tunnel):
        e = {"logName": "projects/%s/logs/vpn.googleapis.com%%2Fvpn_gateway" % PROJECT,
             "resource": {"type": "vpn_gateway", "labels": {"gateway_id": "7731920045512218877", "project_id": PROJECT, "region": REGION}},
             "severity": sev, "jsonPayload": {"message": msg, "tunnel": tunnel, "gateway": gw, "peer": "203.0.113.%d" % (10 + tunnels.index(tunnel))}}
        inc.add(s, e)

    def router(s, sev, msg):
        e = {"logName": "projects/%s/logs/cloudrouter.googleapis.com%%2Frouter_events" % PROJECT,
             "resource": {"type": "gce_router", "labels": {"router_id": "5520918837741100213", "project_id": PROJECT, "region": REGION}},
             "severity": sev, "jsonPayload": {"message": msg, "router": "cr-brandt-onprem"}}
        inc.add(s, e)
    for k in range(40, inc.secs, 120):
        for tn in tunnels:
            if k < fault + (0 if tn.endswith("0") else 95):
                vpn(k + r.uniform(0, 5), "DEBUG", "sending DPD request", tn)
                vpn(k + r.uniform(5, 6), "DEBUG", "received DPD response", tn)
    for i, tn in enumerate(tunnels):
        s = fault + i * 95 + r.uniform(0.1, 0.9)
        vpn(s, "INFO", "initiating IKE_SA rekey, IKE_SA %s[%d] lifetime expired" % (tn, 4100 + i), tn)
        vpn(s + 0.4, "WARNING", "received AUTHENTICATION_FAILED notify error", tn)
        vpn(s + 0.5, "WARNING", "establishing IKE_SA failed, peer not responding", tn)
        vpn(s + 0.6, "INFO", "deleting IKE_SA %s[%d] between 34.76.12.%d[34.76.12.%d]...203.0.113.%d[203.0.113.%d]" % (tn, 4100 + i, 40 + i, 40 + i, 10 + i, 10 + i), tn)
        for j in range(1, 12):
            t = s + j * 150 + r.uniform(0, 3)
            vpn(t, "INFO", "initiating IKE_SA %s[%d] to 203.0.113.%d" % (tn, 4200 + 10 * i + j, 10 + i), tn)
            vpn(t + 0.3, "WARNING", "received AUTHENTICATION_FAILED notify error", tn)
        router(s + 40, "WARNING", "BGP peer bgp-brandt-%d (169.254.%d.2) session state changed from ESTABLISHED to IDLE: hold timer expired" % (i, 20 + i))
        router(s + 41, "INFO", "withdrew 3 learned routes from bgp-brandt-%d: 10.200.0.0/20, 10.200.16.0/22, 10.200.64.0/24" % i)
    # erp-sync traffic to the customer's on-prem SAP
    down = fault + 95 + 41
    for s in inc.poisson_times(4):
        p = "erp-sync-7d8c6b5f4-%s" % r.choice(["hh2pk", "sv8qx"])
        op = r.choice(["pull time data", "push payroll results", "pull cost centers"])
        if s < down:
            inc.k8s(s, "integrations", p, "erp-sync", "INFO", payload={"level": "info", "msg": "%s ok" % op, "tenant": "t-7311", "endpoint": "https://sap-hcm.brandt.local:8443", "items": r.randint(1, 300)})
        else:
            inc.k8s(s, "integrations", p, "erp-sync", "ERROR", payload={"level": "error", "msg": "%s failed" % op, "tenant": "t-7311",
                    "error": "Post \"https://sap-hcm.brandt.local:8443/sap/opu/odata/sap/ZHR_TIME_SRV\": dial tcp 10.200.4.15:8443: i/o timeout"})
    for k in range(down + 300, inc.secs, 600):
        inc.k8s(k, "integrations", "erp-sync-7d8c6b5f4-hh2pk", "erp-sync", "WARNING", payload={"level": "warn", "msg": "tenant t-7311 sync lag exceeds SLA", "lag_minutes": (k - down) // 60 + 4})
        inc.run_log(k + 3, "portal-api", "WARNING", payload={"severity": "WARNING", "message": "integration health degraded for tenant t-7311 (erp-sync)", "logger": "portal.integrations"})
    dis = [d_otel(inc), d_pdb(inc)]
    return inc, {
        "title": "ERP sync for one customer down: HA VPN tunnels fail IKE re-authentication (peer PSK changed), BGP withdrawn",
        "root_cause": {"evidence": ["AUTHENTICATION_FAILED"], "category": "network",
                       "must_mention": ["VPN", "tunnel"]},
        "symptoms": [{"evidence": "dial tcp 10.200.4.15:8443: i/o timeout"}, {"evidence": "sync lag exceeds SLA"}, {"evidence": "hold timer expired"}],
        "distractors": [{"evidence": d} for d in dis], "priority": "P2"}


def s_saml(out):
    inc = Inc("sso-saml-idp-cert-rollover", "2026-11-16T07:35:00Z", 45, 2111)
    r = inc.rng
    background(inc)
    for s in inc.poisson_times(14):
        ten = r.choice(["nordwind-retail", "helios-clinics", "brandt-maschinenbau", "kaiser-logistik", "nordwind-retail", "altmark-stadtwerke"])
        if ten == "nordwind-retail":
            inc.run_req(s, "sso-service", "POST", "/sso/saml/acs", 403, r.uniform(0.02, 0.06), host="login.peoplegrid.io")
            inc.run_log(s, "sso-service", "WARNING", payload={"severity": "WARNING", "logger": "sso.saml",
                        "message": "SAML response rejected for tenant=nordwind-retail idp=https://sts.windows.net/3c1e7a52-9d4b-4f0e-b6a1-2f8e5d7c9a10/: Signature validation failed. SAML Response rejected"}, trace=True)
            if r.random() < 0.4:
                inc.lb(s + 0.1, "/sso/error?code=saml_invalid", 200, 0.03)
        else:
            inc.run_req(s, "sso-service", "POST", "/sso/saml/acs", 302, r.uniform(0.03, 0.09), host="login.peoplegrid.io")
            inc.run_log(s, "sso-service", "INFO", payload={"severity": "INFO", "logger": "sso.saml", "message": "SAML login ok tenant=%s nameid=%s" % (ten, inc.uid())}, trace=True)
    for k in range(600, inc.secs, 420):
        inc.run_log(k, "portal-api", "INFO", payload={"severity": "INFO", "logger": "portal.support", "message": "support ticket SUP-%d opened by tenant nordwind-retail: 'SSO login not working'" % r.randint(40000, 49999)})
    # hourly IdP metadata check
    ck = 3 * 60 + 12
    inc.sched(ck, "idp-metadata-check", "https://sso-service-p7xk2mq3ba-ew.a.run.app/internal/idp-metadata/check")
    for i, ten in enumerate(["altmark-stadtwerke", "brandt-maschinenbau", "helios-clinics", "kaiser-logistik"]):
        inc.run_log(ck + 0.5 + i * 0.3, "sso-service", "INFO", payload={"severity": "INFO", "logger": "sso.metadata", "message": "IdP metadata for tenant %s unchanged" % ten})
    inc.run_log(ck + 1.9, "sso-service", "WARNING", payload={"severity": "WARNING", "logger": "sso.metadata",
                "message": "IdP metadata for tenant nordwind-retail lists signing certificate thumbprint 4F1A0C9E77B2D5A31E6C08F2B9D4E1A7C3F60B25 not present in pinned config; auto-refresh disabled for tenant, skipping update"})
    inc.run_log(ck + 2.0, "sso-service", "INFO", payload={"severity": "INFO", "logger": "sso.metadata", "message": "metadata check finished: 5 tenants, 0 updated, 1 skipped"})
    dis = [d_metabase(inc), d_mailjet(inc, 100)]
    return inc, {
        "title": "SSO for one tenant broken: customer's Azure AD switched SAML signing certificate, our pinned config still has the old one",
        "root_cause": {"evidence": ["not present in pinned config"], "category": "certificate",
                       "must_mention": ["certificate", "nordwind-retail"]},
        "symptoms": [{"evidence": "Signature validation failed"}, {"evidence": "SSO login not working"}],
        "distractors": [{"evidence": d} for d in dis], "priority": "P2"}


def s_scim_enum(out):
    inc = Inc("scim-employment-type-enum", "2026-11-18T14:20:00Z", 35, 2112)
    r = inc.rng
    background(inc)
    pods = ["scim-sync-6f9d8c7b5-%s" % x for x in ("lq8wn", "d3kfz")]
    for s in inc.poisson_times(5):
        p = r.choice(pods)
        ten = r.choice(["helios-clinics", "kaiser-logistik", "altmark-stadtwerke", "helios-clinics"])
        method = r.choice(["POST", "PATCH"])
        path = "/scim/v2/Users" if method == "POST" else "/scim/v2/Users/%s" % inc.hx(12)
        bad = ten == "helios-clinics" and r.random() < 0.55
        if bad:
            inc.lb(s, path, 400, r.uniform(0.02, 0.05), backend="scim-neg", method=method)
            inc.k8s(s, "integrations", p, "scim-sync", "WARNING",
                    "%s  WARN 1 --- [nio-8080-exec-%d] .w.s.m.s.DefaultHandlerExceptionResolver : Resolved [org.springframework.http.converter.HttpMessageNotReadableException: JSON parse error: Cannot deserialize value of type `com.peoplegrid.scim.model.EmploymentType` from String \"Contractor\": not one of the values accepted for Enum class: [INTERN, PART_TIME, FULL_TIME, WORKING_STUDENT]]" % (java_ts(inc, s), r.randint(1, 10)))
            if r.random() < 0.35:
                lines = ["%s ERROR 1 --- [nio-8080-exec-%d] c.p.scim.api.ScimErrorHandler           : SCIM request rejected tenant=helios-clinics op=%s" % (java_ts(inc, s), r.randint(1, 10), method),
                         "com.fasterxml.jackson.databind.exc.InvalidFormatException: Cannot deserialize value of type `com.peoplegrid.scim.model.EmploymentType` from String \"Contractor\": not one of the values accepted for Enum class: [INTERN, PART_TIME, FULL_TIME, WORKING_STUDENT]",
                         " at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 412] (through reference chain: com.peoplegrid.scim.model.ScimUser[\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\"]->com.peoplegrid.scim.model.EnterpriseExt[\"employeeType\"])",
                         "\tat com.fasterxml.jackson.databind.exc.InvalidFormatException.from(InvalidFormatException.java:67)",
                         "\tat com.fasterxml.jackson.databind.DeserializationContext.weirdStringException(DeserializationContext.java:1959)",
                         "\tat com.fasterxml.jackson.databind.DeserializationContext.handleWeirdStringValue(DeserializationContext.java:1245)",
                         "\tat com.fasterxml.jackson.databind.deser.std.EnumDeserializer._deserializeAltString(EnumDeserializer.java:447)",
                         "\tat com.fasterxml.jackson.databind.deser.std.EnumDeserializer.deserialize(EnumDeserializer.java:304)",
                         "\t... 58 common frames omitted"]
                for i, line in enumerate(lines):
                    inc.k8s(s + 0.001 + i * 0.0005, "integrations", p, "scim-sync", "ERROR", line)
        else:
            inc.lb(s, path, 201 if method == "POST" else 200, r.uniform(0.04, 0.2), backend="scim-neg", method=method)
            inc.k8s(s, "integrations", p, "scim-sync", "INFO", "%s  INFO 1 --- [nio-8080-exec-%d] c.p.scim.api.UserProvisioningService    : %s user tenant=%s externalId=%s" % (
                java_ts(inc, s), r.randint(1, 10), "created" if method == "POST" else "updated", ten, inc.hx(20)))
    for k in range(200, inc.secs, 480):
        inc.run_log(k, "portal-api", "WARNING", payload={"severity": "WARNING", "logger": "portal.onboarding", "message": "onboarding checklist: %d new hires for tenant helios-clinics have no portal account 24h before start date" % (3 + k // 480)})
    dis = [d_taxclass(inc), d_geoip(inc, 55)]
    return inc, {
        "title": "New hires of one tenant not provisioned: SCIM employeeType 'Contractor' not in EmploymentType enum",
        "root_cause": {"evidence": ["not one of the values accepted for Enum class"], "category": "code-bug",
                       "must_mention": ["EmploymentType", "Contractor"]},
        "symptoms": [{"evidence": "have no portal account"}],
        "distractors": [{"evidence": d} for d in dis], "priority": "P3"}


def s_healthy_a(out):
    inc = Inc("healthy-payroll-cutoff-day", "2026-11-25T10:00:00Z", 45, 2113)
    r = inc.rng
    background(inc, rate=1.5)
    for s in inc.poisson_times(3):
        inc.run_req(s, "signing-service", "POST", "/v1/seal", 200, r.uniform(0.15, 0.5))
    for s in inc.poisson_times(1):
        dur = r.uniform(5, 40)
        inc.run_req(s + dur, "payslip-export", "POST", "/v1/exports/payslips?period=2026-11", 200, dur)
    inc.run_log(1333, "portal-api", "WARNING", payload={"severity": "WARNING", "message": "retrying Pub/Sub publish for audit-events after UNAVAILABLE (attempt 2/5)", "logger": "portal.audit"})
    inc.run_log(1333.4, "portal-api", "INFO", payload={"severity": "INFO", "message": "Pub/Sub publish for audit-events succeeded after retry", "logger": "portal.audit"})
    dis = [d_mailjet(inc), d_geoip(inc)]
    return inc, {"title": "Healthy: payroll cutoff day, high but normal traffic", "root_cause": None,
                 "symptoms": [], "distractors": [{"evidence": d} for d in dis], "priority": "none"}


def s_healthy_b(out):
    inc = Inc("healthy-night-batch", "2026-11-26T01:10:00Z", 50, 2114)
    r = inc.rng
    background(inc, rate=0.35)
    for k in range(60, inc.secs, 600):
        job = "bank-file-transmitter-%d" % (29900000 + k // 60)
        p = job + "-" + inc.hx(5)
        inc.k8s_event(k, "integrations", "Pod", p, "Started", "Started container transmitter")
        inc.k8s(k + 1, "integrations", p, "transmitter", "INFO", "%s INFO [transmit] pending SEPA files: 0 (bank=HBK, tenants=0)" % py_ts(inc, k + 1))
        inc.k8s_event(k + 6, "integrations", "Job", job, "Completed", "Job completed", component="job-controller")
    for s in inc.poisson_times(2):
        inc.k8s(s, "payroll", "payroll-worker-5b9c7d6f8-a4kzn", "payroll-worker", "INFO",
                "%s  INFO 1 --- [    run-exec-1] c.p.worker.accrual.AccrualService       : recomputed overtime accruals tenant=%s employees=%d" % (java_ts(inc, s), inc.tenant(), r.randint(20, 900)))
    inc.k8s_event(1500, "kube-system", "Pod", "fluentbit-gke-8kq2x", "Unhealthy", "Readiness probe failed: Get \"http://10.8.3.14:2021/api/v1/health\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)", etype="Warning")
    for i in range(8):
        s = 2100 + i * 11
        inc.sql(s, "INFO", "%s UTC [%d]: [1-1] db=peoplegrid,user=cloudsqladmin LOG:  automatic vacuum of table \"peoplegrid.public.audit_events\": index scans: 1" % (inc.T(s).strftime("%Y-%m-%d %H:%M:%S.%f")[:-3], 41200 + i))
    dis = [d_metabase(inc), d_otel(inc), d_pdb(inc)]
    return inc, {"title": "Healthy: night batch window with routine noise", "root_cause": None,
                 "symptoms": [], "distractors": [{"evidence": d} for d in dis], "priority": "none"}


SCENARIOS = [s_requester_pays, s_ordering_paused, s_sftp_hostkey, s_redis_full, s_run_timeout, s_openssl,
             s_lock_ttl, s_deadlock, s_kms_sa, s_vpn, s_saml, s_scim_enum, s_healthy_a, s_healthy_b]


def main():
    if len(sys.argv) != 2:
        print("usage: gen.py OUTDIR", file=sys.stderr)
        sys.exit(2)
    out = sys.argv[1]
    for fn in SCENARIOS:
        inc, truth = fn(out)
        n = inc.write(out, truth)
        print("%-40s %6d entries" % (inc.id, n))


if __name__ == "__main__":
    main()
