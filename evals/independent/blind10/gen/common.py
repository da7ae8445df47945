"""Shared log-emitting machinery for the parcelpoint-prod incident set (stdlib only)."""
import json, gzip, random, datetime as dt, os, math

P = "parcelpoint-prod"
PNUM = "481920337215"
REGION = "us-central1"
CLUSTER = "pp-prod-gke"
HOST = "api.parcelpoint.io"

UAS = [
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
    "ParcelPointDriver/4.12.0 (Android 13; SM-A536B)",
    "okhttp/4.12.0",
    "python-requests/2.32.3",
    "Shopify-ParcelPoint-Connector/2.3",
]

GKE_SVCS = {
    "orders-svc": {"hash": "7c9d8f6b5", "pods": ["h2kx9", "m8qzt", "w4rjn"], "port": 8080},
    "tracking-svc": {"hash": "5b7f9c6d4", "pods": ["a9dkq", "fz2lp", "q7tnm", "x3vbc"], "port": 8080},
    "pricing-svc": {"hash": "68d4b7c9f", "pods": ["c5mwd", "k2prs", "t9hgl"], "port": 8000},
    "ingest-worker": {"hash": "7f6c5d9b8", "pods": ["b6nsv", "r3yqe"], "port": 8080},
}
NODES = ["gke-pp-prod-gke-pool-main-3f1a2b7c-%s" % s for s in ("0kxd", "4npq", "7wzt", "b2hm", "j9rf")]
RUN = {"web-bff": "web-bff-00212-kav", "checkout-api": "checkout-api-00157-wob", "notify-worker": "notify-worker-00044-fuz"}

# external routes: svc -> [(method, path_template, weight, base_ms)]
ROUTES = {
    "web-bff": [("GET", "/", 0.25, 45), ("GET", "/track/{pp}", 0.25, 60), ("GET", "/api/session", 0.25, 12),
                ("GET", "/api/account/shipments", 0.12, 85), ("GET", "/api/account/shipments?status={st}", 0.05, 95),
                ("POST", "/api/bulk-import", 0.01, 900), ("GET", "/favicon.ico", 0.07, 3)],
    "checkout-api": [("POST", "/v1/checkout/quote", 0.45, 140), ("POST", "/v1/checkout/confirm", 0.2, 380),
                     ("GET", "/v1/checkout/session/{sid}", 0.35, 25)],
    "orders-svc": [("POST", "/api/orders/shipments", 0.2, 70), ("GET", "/api/orders/{oid}", 0.5, 22),
                   ("GET", "/api/orders?merchant={m}&page={pg}", 0.3, 65)],
    "tracking-svc": [("GET", "/api/track/{pp}", 0.7, 18), ("POST", "/api/track/events", 0.3, 28)],
    "pricing-svc": [("POST", "/api/quote", 1.0, 32)],
}
RPM = {"web-bff": 46, "checkout-api": 22, "orders-svc": 24, "tracking-svc": 40, "pricing-svc": 16}
LB_BACKEND = {"web-bff": "pp-web-bff-backend", "checkout-api": "pp-checkout-backend",
              "orders-svc": "k8s1-5e2c9a41-ingress-nginx-controller-443-0d7c1e2b",
              "tracking-svc": "k8s1-5e2c9a41-ingress-nginx-controller-443-0d7c1e2b",
              "pricing-svc": "k8s1-5e2c9a41-ingress-nginx-controller-443-0d7c1e2b"}
LB_PREFIX = {"web-bff": "", "checkout-api": "", "orders-svc": "", "tracking-svc": "", "pricing-svc": ""}

LOGGERS_JAVA = ["c.p.orders.web.ShipmentController", "c.p.orders.service.ShipmentService",
                "c.p.orders.events.EventPublisher", "c.p.orders.client.TrackingClient", "com.zaxxer.hikari.pool.HikariPool",
                "o.s.web.servlet.DispatcherServlet", "c.p.orders.jobs.MerchantSyncJob"]


def iso(t):
    return dt.datetime.fromtimestamp(t, dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse(s):
    return dt.datetime.strptime(s, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.timezone.utc).timestamp()


class Gen:
    def __init__(self, seed, start, minutes):
        self.r = random.Random(seed)
        self.t0 = parse(start)
        self.t1 = self.t0 + minutes * 60
        self.start, self.minutes = start, minutes
        self.E = []
        self.load = 1.0

    # ---------- primitives ----------
    def hx(self, n):
        return "%0*x" % (n, self.r.getrandbits(4 * n))

    def pp(self):
        return "PP%010d" % self.r.randint(10**9, 9 * 10**9)

    def ip(self):
        r = self.r
        return self.r.choice(["%d.%d.%d.%d" % (r.choice([73, 98, 172, 24, 81, 86, 92, 2]), r.randint(1, 254), r.randint(0, 254), r.randint(1, 254)),
                              "2a02:%x:%x::%x" % (r.randint(4096, 65000), r.randint(1, 65000), r.randint(1, 65000))])

    def add(self, t, resource, log, sev=None, text=None, js=None, proto=None, http=None, trace=None, span=None,
            labels=None, role="noise", op=None):
        if t < self.t0 or t >= self.t1:
            return
        e = {"insertId": self.hx(16) if self.r.random() < 0.6 else self.hx(6) + self.hx(8),
             "logName": "projects/%s/logs/%s" % (P, log), "resource": resource,
             "timestamp": iso(t), "receiveTimestamp": iso(t + self.r.uniform(0.05, 2.5))}
        if sev:
            e["severity"] = sev
        if text is not None:
            e["textPayload"] = text
        if js is not None:
            e["jsonPayload"] = js
        if proto is not None:
            e["protoPayload"] = proto
        if http:
            e["httpRequest"] = http
        if trace:
            e["trace"] = "projects/%s/traces/%s" % (P, trace)
            e["spanId"] = span or self.hx(16)
            e["traceSampled"] = self.r.random() < 0.1
        if labels:
            e["labels"] = labels
        if op:
            e["operation"] = op
        e["_role"] = role
        e["_t"] = t
        self.E.append(e)

    # ---------- resources ----------
    def run_res(self, svc, rev=None):
        rev = rev or RUN[svc]
        return {"type": "cloud_run_revision", "labels": {"project_id": P, "service_name": svc, "revision_name": rev,
                                                         "configuration_name": svc, "location": REGION}}

    def pod(self, svc, i=None, hash_=None):
        s = GKE_SVCS[svc]
        i = self.r.randrange(len(s["pods"])) if i is None else i
        return "%s-%s-%s" % (svc, hash_ or s["hash"], s["pods"][i % len(s["pods"])])

    def k8s_res(self, svc, pod=None, ns="core", container=None):
        return {"type": "k8s_container", "labels": {"project_id": P, "location": REGION, "cluster_name": CLUSTER,
                                                    "namespace_name": ns, "pod_name": pod or self.pod(svc),
                                                    "container_name": container or svc}}

    def k8s_labels(self, svc, pod):
        return {"k8s-pod/app": svc, "k8s-pod/pod-template-hash": pod.split("-")[-2],
                "compute.googleapis.com/resource_name": NODES[hash(pod) % len(NODES)]}

    def sql_res(self):
        return {"type": "cloudsql_database", "labels": {"project_id": P, "database_id": "%s:pp-pg-main" % P, "region": REGION}}

    def cluster_res(self):
        return {"type": "k8s_cluster", "labels": {"project_id": P, "location": REGION, "cluster_name": CLUSTER}}

    # ---------- service loggers (each in its own stack's format) ----------
    def app(self, svc, t, level, msg, role="noise", pod=None, trace=None, **kv):
        level = level.upper()
        r = self.r
        if svc == "web-bff":  # node / pino, severity not lifted
            pl = {"DEBUG": 20, "INFO": 30, "WARNING": 40, "WARN": 40, "ERROR": 50, "CRITICAL": 60}[level]
            js = {"level": pl, "time": int(t * 1000), "pid": 1, "hostname": "localhost", "msg": msg}
            js.update(kv)
            self.add(t, self.run_res(svc), "run.googleapis.com%2Fstdout", None, js=js, trace=trace,
                     labels={"instanceId": "00f46b9285" + self.hx(40)}, role=role)
        elif svc == "checkout-api":  # python structured json, severity lifted
            js = {"message": msg, "logger": kv.pop("logger", "checkout.api"), "python_logger": "uvicorn"}
            js.pop("python_logger")
            js.update(kv)
            self.add(t, self.run_res(svc), "run.googleapis.com%2Fstdout", {"WARN": "WARNING"}.get(level, level), js=js,
                     trace=trace, labels={"instanceId": "00f46b9285" + self.hx(40)}, role=role)
        elif svc == "notify-worker":  # go logfmt text
            kvs = " ".join('%s=%s' % (k, v if " " not in str(v) else '"%s"' % v) for k, v in kv.items())
            text = 'time=%s level=%s msg="%s"%s' % (iso(t)[:23] + "Z", {"WARNING": "WARN"}.get(level, level), msg,
                                                     (" " + kvs) if kvs else "")
            self.add(t, self.run_res(svc), "run.googleapis.com%2Fstdout", None, text=text, trace=trace,
                     labels={"instanceId": "00f46b9285" + self.hx(40)}, role=role)
        elif svc == "orders-svc":  # logback to stdout -> everything INFO in Cloud Logging
            pod = pod or self.pod(svc)
            thread = kv.pop("thread", "http-nio-8080-exec-%d" % r.randint(1, 40))
            logger = kv.pop("logger", r.choice(LOGGERS_JAVA[:3]))
            ts = dt.datetime.fromtimestamp(t, dt.timezone.utc)
            lv = {"WARNING": "WARN"}.get(level, level)
            text = "%s.%03d %5s 1 --- [%15s] %-40s : %s" % (ts.strftime("%Y-%m-%d %H:%M:%S"), ts.microsecond // 1000,
                                                            lv, thread[-15:], logger, msg)
            self.add(t, self.k8s_res(svc, pod), "stdout", "INFO", text=text, labels=self.k8s_labels(svc, pod), role=role)
            for i, fr in enumerate(kv.pop("stack", [])):
                self.add(t + 0.0001 * (i + 1), self.k8s_res(svc, pod), "stdout", "INFO", text=fr,
                         labels=self.k8s_labels(svc, pod), role=kv.get("stack_role", role))
        elif svc == "tracking-svc":  # zap json
            pod = pod or self.pod(svc)
            js = {"level": {"WARNING": "warn"}.get(level, level.lower()), "ts": round(t, 6),
                  "caller": kv.pop("caller", r.choice(["httpapi/handler.go:142", "poller/carrier.go:88", "store/pg.go:211"])),
                  "msg": msg}
            js.update(kv)
            self.add(t, self.k8s_res(svc, pod), "stdout", {"WARN": "WARNING"}.get(level, level), js=js,
                     labels=self.k8s_labels(svc, pod), role=role)
        elif svc in ("pricing-svc", "rates-sync", "cache-janitor"):  # python logging to stderr -> ERROR severity
            pod = pod or (self.pod(svc) if svc in GKE_SVCS else kv.pop("podname"))
            ts = dt.datetime.fromtimestamp(t, dt.timezone.utc)
            text = "%s,%03d %s [%s] %s" % (ts.strftime("%Y-%m-%d %H:%M:%S"), ts.microsecond // 1000,
                                           {"WARN": "WARNING"}.get(level, level), kv.pop("logger", "pricing.quotes"), msg)
            self.add(t, self.k8s_res(svc, pod, container=svc if svc in GKE_SVCS else kv.pop("container", svc)),
                     "stderr", "ERROR", text=text, labels={"k8s-pod/app": svc}, role=role)
            for i, fr in enumerate(kv.pop("stack", [])):
                self.add(t + 0.0001 * (i + 1), self.k8s_res(svc, pod), "stderr", "ERROR", text=fr,
                         labels={"k8s-pod/app": svc}, role=role)
        elif svc == "ingest-worker":  # structlog json, no severity key -> INFO
            pod = pod or self.pod(svc)
            js = {"event": msg, "level": {"WARN": "warning"}.get(level, level.lower()), "logger": kv.pop("logger", "ingest.consumer"),
                  "timestamp": iso(t)}
            js.update(kv)
            self.add(t, self.k8s_res(svc, pod), "stdout", "INFO", js=js, labels=self.k8s_labels(svc, pod), role=role)
        else:
            raise ValueError(svc)

    def pyexc(self, svc, t, lines, role, pod=None, stream="stderr"):
        pod = pod or self.pod(svc)
        for i, ln in enumerate(lines):
            self.add(t + 0.0001 * i, self.k8s_res(svc, pod), stream, "ERROR", text=ln, labels={"k8s-pod/app": svc}, role=role)

    def pg(self, t, level, msg, role="noise", db="orders", user="orders_app", pid=None):
        ts = dt.datetime.fromtimestamp(t, dt.timezone.utc)
        pid = pid or self.r.randint(20000, 99000)
        sev = {"LOG": "INFO", "ERROR": "ERROR", "FATAL": "ERROR", "WARNING": "WARNING", "DETAIL": "INFO",
               "STATEMENT": "INFO", "HINT": "INFO"}.get(level, "INFO")
        head = "%s.%03d UTC [%d]: [%d-1] db=%s,user=%s " % (ts.strftime("%Y-%m-%d %H:%M:%S"), ts.microsecond // 1000,
                                                             pid, self.r.randint(1, 9), db, user)
        if db is None:
            head = "%s.%03d UTC [%d]: [1-1] db=,user= " % (ts.strftime("%Y-%m-%d %H:%M:%S"), ts.microsecond // 1000, pid)
        self.add(t, self.sql_res(), "cloudsql.googleapis.com%2Fpostgres.log", sev, text=head + level + ":  " + msg, role=role)
        return pid

    def audit(self, t, method, service, resource_name, principal, res, role="noise", sev="NOTICE", status=None,
              request=None, response=None, ua="google-cloud-sdk gcloud/502.0.0 command/gcloud.run.deploy", meta=None,
              first=True, last=True, opid=None):
        proto = {"@type": "type.googleapis.com/google.cloud.audit.AuditLog",
                 "authenticationInfo": {"principalEmail": principal},
                 "requestMetadata": {"callerIp": self.r.choice(["34.118.20.4", "2a00:79e1:abc:1f00::21", "private"]),
                                     "callerSuppliedUserAgent": ua},
                 "serviceName": service, "methodName": method, "resourceName": resource_name,
                 "authorizationInfo": [{"permission": method.split(".")[-1].lower(), "granted": True}]}
        if status:
            proto["status"] = status
        if request:
            proto["request"] = request
        if response:
            proto["response"] = response
        if meta:
            proto["metadata"] = meta
        op = {"id": opid, "producer": service, "first": first, "last": last} if opid else None
        self.add(t, res, "cloudaudit.googleapis.com%2Factivity", sev, proto=proto, role=role, op=op)

    def k8s_event(self, t, kind, name, reason, message, etype="Normal", role="noise", ns="core", comp="deployment-controller"):
        if kind == "Pod":
            res = {"type": "k8s_pod", "labels": {"project_id": P, "location": REGION, "cluster_name": CLUSTER,
                                                 "namespace_name": ns, "pod_name": name}}
        else:
            res = self.cluster_res()
        js = {"apiVersion": "v1", "kind": "Event", "involvedObject": {"kind": kind, "name": name, "namespace": ns,
                                                                      "apiVersion": "v1" if kind == "Pod" else "apps/v1"},
              "reason": reason, "message": message, "type": etype, "source": {"component": comp},
              "metadata": {"name": "%s.%s" % (name, self.hx(16)), "namespace": ns},
              "firstTimestamp": iso(t)[:19] + "Z", "lastTimestamp": iso(t)[:19] + "Z", "count": 1}
        self.add(t, res, "events", "WARNING" if etype == "Warning" else "INFO", js=js, role=role)

    # ---------- request traffic ----------
    def traffic(self, sc):
        r = self.r
        t = self.t0
        while t < self.t1:
            minute = (t - self.t0) / 60
            for svc, routes in ROUTES.items():
                rate = RPM[svc] * self.load * sc.load(self, svc, t) * (1 + 0.15 * math.sin(minute / 7.0))
                n = int(rate) + (1 if r.random() < rate - int(rate) else 0)
                for _ in range(n):
                    tt = t + r.random() * 60
                    m, tpl, _, base = r.choices(routes, weights=[x[2] for x in routes])[0]
                    path = tpl.format(pp=self.pp(), sid=self.hx(12), oid=r.randint(1800000000, 2147000000),
                                      m="mrc_%04d" % r.randint(1, 900), pg=r.randint(1, 12),
                                      st=r.choice(["in_transit", "delivered", "exception"]))
                    lat = base * r.lognormvariate(0, 0.45) / 1000.0
                    status = 200 if m == "GET" else r.choice([200, 200, 201])
                    if tpl == "/favicon.ico":
                        status = 404 if r.random() < 0.3 else 200
                    x = r.random()
                    if x < 0.012:
                        status = r.choice([400, 401, 404, 422])
                    elif x < 0.0145:
                        status = r.choice([500, 502, 503])
                    req = {"svc": svc, "method": m, "path": path, "tpl": tpl, "status": status, "lat": lat,
                           "trace": self.hx(32), "role": "noise"}
                    sc.req(self, req, tt)
                    self.emit_request(req, tt)
            t += 60

    def emit_request(self, q, t):
        r = self.r
        svc, status, lat = q["svc"], q["status"], q["lat"]
        sev = "INFO" if status < 400 else ("WARNING" if status < 500 else "ERROR")
        ua = r.choice(UAS)
        ip = self.ip()
        url = "https://%s%s" % (HOST if svc != "web-bff" else "www.parcelpoint.io", q["path"])
        size = str(r.randint(180, 48000)) if status < 400 else str(r.randint(60, 400))
        lb_http = {"requestMethod": q["method"], "requestUrl": url, "requestSize": str(r.randint(300, 2400)),
                   "status": status, "responseSize": size, "userAgent": ua, "remoteIp": ip,
                   "latency": "%.6fs" % (lat + r.uniform(0.001, 0.006)), "protocol": r.choice(["HTTP/1.1", "HTTP/2.0", "HTTP/2.0"])}
        details = q.get("lb_details", "response_sent_by_backend")
        fr = "pp-prod-https-fr"
        lbres = {"type": "http_load_balancer", "labels": {"project_id": P, "zone": "global", "url_map_name": "pp-prod-urlmap",
                                                          "target_proxy_name": "pp-prod-https-proxy", "forwarding_rule_name": fr,
                                                          "backend_service_name": LB_BACKEND[svc] if details != "failed_to_pick_backend" else LB_BACKEND[svc]}}
        js = {"@type": "type.googleapis.com/google.cloud.loadbalancing.type.LoadBalancerLogEntry", "statusDetails": details,
              "backendTargetProjectNumber": "projects/" + PNUM, "remoteIp": ip}
        if q.get("lb_role"):
            role_lb = q["lb_role"]
        else:
            role_lb = q["role"]
        self.add(t + lat + 0.003, lbres, "requests", sev, js=js, http=dict(lb_http, serverIp=None) if False else lb_http,
                 trace=q["trace"], role=role_lb)
        if details == "failed_to_pick_backend":
            return
        if svc in RUN:
            http = dict(lb_http)
            http["serverIp"] = "169.254.%d.%d" % (r.randint(1, 20), r.randint(1, 254))
            http["latency"] = "%.6fs" % lat
            self.add(t + lat, self.run_res(svc, q.get("rev")), "run.googleapis.com%2Frequests", sev, http=http,
                     trace=q["trace"], labels={"instanceId": "00f46b9285" + self.hx(40)}, role=q["role"])
            if status >= 500 and not q.get("quiet") and svc == "web-bff":
                self.app(svc, t + lat - 0.001, "ERROR", "request errored", role=q["role"], trace=q["trace"],
                         req={"method": q["method"], "url": q["path"]}, res={"statusCode": status}, responseTime=int(lat * 1000))
        else:
            pod = self.pod(svc)
            pip = "10.44.%d.%d" % (r.randint(0, 7), r.randint(2, 250))
            up_status = q.get("up_status", status)
            uplat = "-" if up_status in ("-",) else "%.3f" % lat
            line = ('%s - - [%s] "%s %s HTTP/1.1" %d %s "-" "%s" %d %.3f [core-%s-%d] [] %s:%d %s %s %s %s' % (
                "10.128.0.%d" % r.randint(2, 60), dt.datetime.fromtimestamp(t, dt.timezone.utc).strftime("%d/%b/%Y:%H:%M:%S +0000"),
                q["method"], q["path"], status, size, ua, r.randint(300, 1800), lat + 0.001, svc, GKE_SVCS[svc]["port"],
                q.get("upstream", pip), GKE_SVCS[svc]["port"], size if up_status != "-" else "0", uplat, up_status, self.hx(32)))
            npod = "ingress-nginx-controller-6f9b8c7d5-%s" % r.choice(["8rl2x", "vq4mc"])
            self.add(t + lat + 0.001, self.k8s_res(None, npod, ns="ingress-nginx", container="controller"), "stdout", "INFO",
                     text=line, labels={"k8s-pod/app_kubernetes_io/name": "ingress-nginx"}, role=q["role"])
            if q.get("nginx_err"):
                self.add(t + lat, self.k8s_res(None, npod, ns="ingress-nginx", container="controller"), "stderr", "ERROR",
                         text=q["nginx_err"].format(ts=dt.datetime.fromtimestamp(t + lat, dt.timezone.utc).strftime("%Y/%m/%d %H:%M:%S"),
                                                    req='%s %s HTTP/1.1' % (q["method"], q["path"]), up=pip, n=r.randint(10000, 999999)),
                         labels={"k8s-pod/app_kubernetes_io/name": "ingress-nginx"}, role=q["role"])
            if q.get("no_app"):
                return
            if svc == "pricing-svc":
                ts = dt.datetime.fromtimestamp(t + lat, dt.timezone.utc)
                self.add(t + lat, self.k8s_res(svc, pod), "stderr", "ERROR",
                         text='%s - - [%s] "POST /api/quote HTTP/1.1" %d %s "-" "%s"' % (
                             pip, ts.strftime("%d/%b/%Y:%H:%M:%S +0000"), status, size, "checkout-api/1.0 httpx/0.27.2"),
                         labels={"k8s-pod/app": svc}, role=q["role"])
            elif svc == "tracking-svc":
                if r.random() < 0.5 or status >= 500:
                    self.app(svc, t + lat, "info" if status < 500 else "error", "request completed", role=q["role"], pod=pod,
                             caller="httpapi/middleware.go:57", method=q["method"], path=q["path"].split("?")[0],
                             status=status, duration_ms=round(lat * 1000, 2), trace_id=q["trace"])

    # ---------- output ----------
    def write(self, outdir, truth):
        os.makedirs(outdir, exist_ok=True)
        self.E.sort(key=lambda e: e["_t"], reverse=True)
        clean = []
        for e in self.E:
            e2 = {k: v for k, v in e.items() if not k.startswith("_")}
            clean.append(e2)
        with gzip.open(os.path.join(outdir, "logs.json.gz"), "wt") as f:
            json.dump(clean, f, indent=1)
        with open(os.path.join(outdir, "truth.json"), "w") as f:
            json.dump(truth, f, indent=2)
        return clean

    def verify(self, truth):
        """evidence must occur; root evidence only in cause lines; symptoms/distractors only in their own roles."""
        def leaves(o):
            if isinstance(o, dict):
                for v in o.values():
                    yield from leaves(v)
            elif isinstance(o, list):
                for v in o:
                    yield from leaves(v)
            elif o is not None:
                yield str(o)

        def blob(e):
            return "\n".join(leaves({k: v for k, v in e.items() if not k.startswith("_")})).lower()
        blobs = [(e["_role"], blob(e)) for e in self.E]
        errs = []
        n = len(self.E)
        if not (3000 <= n <= 40000):
            errs.append("count %d" % n)
        rc = truth["root_cause"]
        if rc:
            for ev in rc["evidence"]:
                hits = [ro for ro, b in blobs if ev.lower() in b]
                if not hits:
                    errs.append("root evidence missing: " + ev)
                if any(h != "cause" for h in hits):
                    errs.append("root evidence %r in non-cause roles %s" % (ev, sorted(set(hits))))
            for mm in rc["must_mention"]:
                if not any(mm.lower() in b for _, b in blobs):
                    errs.append("must_mention missing: " + mm)
        for kind, want in (("symptoms", "symptom"), ("distractors", "distractor")):
            for s in truth.get(kind, []):
                hits = [ro for ro, b in blobs if s["evidence"].lower() in b]
                if not hits:
                    errs.append("%s missing: %s" % (kind, s["evidence"]))
                bad = set(hits) & ({"cause", "distractor"} if want == "symptom" else {"cause", "symptom"})
                if bad:
                    errs.append("%s %r also in %s" % (kind, s["evidence"], bad))
        return n, errs


class Scenario:
    id = "x"
    title = ""
    start = "2026-11-18T14:00:00Z"
    minutes = 40
    seed = 1

    def load(self, g, svc, t):
        return 1.0

    def req(self, g, q, t):
        pass

    def inject(self, g):
        pass

    def truth(self, g):
        raise NotImplementedError
