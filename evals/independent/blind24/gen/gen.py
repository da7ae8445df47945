#!/usr/bin/env python3
"""blind24 generator: 12 chaos/fault-injection incidents + 2 healthy windows.
Python 3.11 stdlib only, deterministic (fixed seeds, gzip mtime=0). Usage: python gen.py OUTDIR"""
import gzip, json, os, random, sys, zlib, calendar, time

OUT = sys.argv[1] if len(sys.argv) > 1 else "."

def ep(s):  # "2026-11-03T14:00:00" -> epoch
    return calendar.timegm(time.strptime(s, "%Y-%m-%dT%H:%M:%S"))

def iso(t):
    us = int(round(t * 1e6)); s, u = divmod(us, 1000000)
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(s)) + ".%06dZ" % u

def iso_s(t):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(int(t)))

UAS = ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36",
       "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
       "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
       "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
       "okhttp/4.12.0", "python-requests/2.32.3", "GoogleHC/1.0"]


class Inc:
    def __init__(self, iid, project, start, minutes):
        self.id = iid; self.project = project
        self.t0 = ep(start); self.t1 = self.t0 + minutes * 60
        self.rng = random.Random(zlib.crc32(iid.encode()))
        self.E = []

    # ---------- primitives
    def hx(self, n):
        return "%0*x" % (n, self.rng.getrandbits(4 * n))

    def at(self, m):  # minutes from window start -> epoch (deterministic sub-second jitter)
        return self.t0 + m * 60 + (zlib.crc32(("%s/%.4f" % (self.id, m)).encode()) % 9973) / 10000.0

    def add(self, t, res, log, sev="INFO", text=None, js=None, proto=None, http=None, labels=None,
            trace=False, op=None):
        if t < self.t0 or t >= self.t1:
            return None
        e = {"insertId": self.hx(16), "logName": "projects/%s/logs/%s" % (self.project, log.replace("/", "%2F")),
             "resource": res, "severity": sev, "timestamp": iso(t),
             "receiveTimestamp": iso(t + self.rng.uniform(0.04, 1.8))}
        if text is not None: e["textPayload"] = text
        if js is not None: e["jsonPayload"] = js
        if proto is not None: e["protoPayload"] = proto
        if http is not None: e["httpRequest"] = http
        if labels: e["labels"] = labels
        if trace:
            e["trace"] = "projects/%s/traces/%s" % (self.project, self.hx(32)); e["spanId"] = self.hx(16)
            e["traceSampled"] = False
        if op: e["operation"] = op
        self.E.append(e)
        return e

    def poisson(self, rate_per_min, fn, a=None, b=None):
        """call fn(t) for a Poisson process in [a,b) minutes (default whole window)."""
        t = self.t0 if a is None else self.at(a)
        end = self.t1 if b is None else self.at(b)
        if rate_per_min <= 0: return
        lam = rate_per_min / 60.0
        while True:
            t += self.rng.expovariate(lam)
            if t >= end: break
            fn(t)

    def every(self, sec, fn, a=None, b=None, jitter=0.5, phase=None):
        t = (self.t0 if a is None else self.at(a)) + (self.rng.uniform(0, sec) if phase is None else phase)
        end = self.t1 if b is None else self.at(b)
        while t < end:
            fn(t + self.rng.uniform(0, jitter)); t += sec

    def write(self, truth):
        d = os.path.join(OUT, self.id); os.makedirs(d, exist_ok=True)
        self.E.sort(key=lambda e: (e["timestamp"], e["insertId"]), reverse=True)
        raw = json.dumps(self.E, indent=2, sort_keys=True).encode()
        with open(os.path.join(d, "logs.json.gz"), "wb") as f:
            with gzip.GzipFile(filename="", mode="wb", fileobj=f, mtime=0, compresslevel=6) as g:
                g.write(raw)
        truth = dict(truth); truth["id"] = self.id
        truth["window"] = {"start": iso_s(self.t0), "end": iso_s(self.t1)}
        order = ["id", "title", "window", "root_cause", "symptoms", "distractors", "priority"]
        truth = {k: truth[k] for k in order if k in truth}
        with open(os.path.join(d, "truth.json"), "w") as f:
            json.dump(truth, f, indent=2); f.write("\n")
        print("%-34s %6d entries" % (self.id, len(self.E)))

    # ---------- resources
    def k8s(self, cluster, ns, pod, container, loc="us-central1"):
        return {"type": "k8s_container", "labels": {"project_id": self.project, "location": loc,
                "cluster_name": cluster, "namespace_name": ns, "pod_name": pod, "container_name": container}}

    def k8s_pod(self, cluster, ns, pod, loc="us-central1"):
        return {"type": "k8s_pod", "labels": {"project_id": self.project, "location": loc,
                "cluster_name": cluster, "namespace_name": ns, "pod_name": pod}}

    def k8s_node(self, cluster, node, loc="us-central1"):
        return {"type": "k8s_node", "labels": {"project_id": self.project, "location": loc,
                "cluster_name": cluster, "node_name": node}}

    def k8s_cluster(self, cluster, loc="us-central1"):
        return {"type": "k8s_cluster", "labels": {"project_id": self.project, "location": loc, "cluster_name": cluster}}

    def gce(self, iid, zone="us-central1-a"):
        return {"type": "gce_instance", "labels": {"project_id": self.project, "instance_id": iid, "zone": zone}}

    def lb(self, backend, rule, urlmap):
        return {"type": "http_load_balancer", "labels": {"project_id": self.project, "backend_service_name": backend,
                "forwarding_rule_name": rule, "target_proxy_name": urlmap + "-target-proxy", "url_map_name": urlmap,
                "zone": "global"}}

    # ---------- composite helpers
    def lb_req(self, t, res, host, method, path, status, latency, size=None, ua=None, extra=None):
        h = {"requestMethod": method, "requestUrl": "https://%s%s" % (host, path), "status": status,
             "requestSize": str(self.rng.randint(180, 2400)),
             "responseSize": str(size if size is not None else (self.rng.randint(400, 60000) if status < 400 else self.rng.randint(90, 700))),
             "userAgent": ua or self.rng.choice(UAS[:6]),
             "remoteIp": "%d.%d.%d.%d" % (self.rng.choice([34, 35, 66, 73, 81, 92, 104, 172, 185, 203]), self.rng.randint(1, 254), self.rng.randint(1, 254), self.rng.randint(1, 254)),
             "serverIp": "10.%d.%d.%d" % (self.rng.randint(0, 20), self.rng.randint(0, 9), self.rng.randint(2, 250)),
             "latency": "%.6fs" % latency, "protocol": "HTTP/1.1"}
        sev = "INFO" if status < 400 else ("WARNING" if status < 500 else "ERROR")
        js = {"@type": "type.googleapis.com/google.cloud.loadbalancing.type.LoadBalancerLogEntry",
              "statusDetails": "response_sent_by_backend", "backendTargetProjectNumber": "projects/48213377190"}
        if extra: js.update(extra)
        self.add(t, res, "requests", sev, js=js, http=h, trace=True)

    def traffic(self, res, host, rate, routes, fault=None, a=None, b=None):
        """routes: list of (weight, method, path_fn_or_str, base_latency_s). fault(t, route_path) -> None or (status, latency[, extra])."""
        tot = sum(r[0] for r in routes)
        def one(t):
            x = self.rng.uniform(0, tot)
            for r in routes:
                x -= r[0]
                if x <= 0: break
            w, m, p, lat = r
            path = p(self.rng) if callable(p) else p
            st, l, extra = 200, lat * self.rng.lognormvariate(0, 0.45), None
            if m == "POST" and self.rng.random() < 0.3: st = 201
            if self.rng.random() < 0.004: st = self.rng.choice([404, 400, 401, 499])
            if fault:
                f = fault(t, path)
                if f:
                    st, l = f[0], f[1]
                    extra = f[2] if len(f) > 2 else None
            ua = "GoogleHC/1.0" if path in ("/healthz", "/health", "/api/health") else None
            self.lb_req(t, res, host, m, path, st, l, ua=ua, extra=extra)
        self.poisson(rate, one, a, b)

    def chatter(self, res, log, rate, makers, a=None, b=None, labels=None):
        """makers: list of (weight, severity, fn(rng,t)->payload(str|dict))."""
        tot = sum(m[0] for m in makers)
        def one(t):
            x = self.rng.uniform(0, tot)
            for m in makers:
                x -= m[0]
                if x <= 0: break
            p = m[2](self.rng, t)
            if isinstance(p, dict): self.add(t, res, log, m[1], js=p, labels=labels)
            else: self.add(t, res, log, m[1], text=p, labels=labels)
        self.poisson(rate, one, a, b)

    def lines(self, t, res, log, sev, lines, labels=None):
        for i, ln in enumerate(lines):
            self.add(t + i * 0.000137, res, log, sev, text=ln, labels=labels)

    def kevent(self, t, cluster, ns, kind, name, reason, msg, typ="Normal", comp="kubelet", node=None, count=1):
        res = self.k8s_pod(cluster, ns, name) if kind == "Pod" else {"type": "k8s_cluster", "labels": {"project_id": self.project, "location": "us-central1", "cluster_name": cluster}}
        js = {"kind": "Event", "apiVersion": "v1", "metadata": {"name": "%s.%s" % (name, self.hx(16)), "namespace": ns},
              "involvedObject": {"kind": kind, "name": name, "namespace": ns, "apiVersion": "v1" if kind == "Pod" else "apps/v1"},
              "reason": reason, "message": msg, "type": typ, "count": count,
              "source": {"component": comp, **({"host": node} if node else {})},
              "firstTimestamp": iso_s(t), "lastTimestamp": iso_s(t), "reportingComponent": comp}
        self.add(t, res, "events", "WARNING" if typ == "Warning" else "INFO", js=js)

    def k8s_audit(self, t, cluster, principal, method, resname, group_res, body=None, code=0, ua="kubectl/v1.31.2 (linux/amd64) kubernetes/5864a46"):
        proto = {"@type": "type.googleapis.com/google.cloud.audit.AuditLog",
                 "authenticationInfo": {"principalEmail": principal},
                 "authorizationInfo": [{"granted": True, "permission": group_res, "resource": resname}],
                 "methodName": method, "resourceName": resname, "serviceName": "k8s.io",
                 "requestMetadata": {"callerIp": "10.128.0.%d" % self.rng.randint(2, 250), "callerSuppliedUserAgent": ua},
                 "status": {"code": code}}
        if body is not None: proto["request"] = body
        self.add(t, self.k8s_cluster(cluster), "cloudaudit.googleapis.com/activity", "NOTICE", proto=proto,
                 labels={"authorization.k8s.io/decision": "allow"})

    def gcp_audit(self, t, res, principal, service, method, resname, request=None, first=True, opid=None, log="cloudaudit.googleapis.com/activity"):
        proto = {"@type": "type.googleapis.com/google.cloud.audit.AuditLog",
                 "authenticationInfo": {"principalEmail": principal},
                 "methodName": method, "resourceName": resname, "serviceName": service,
                 "requestMetadata": {"callerIp": "34.%d.%d.%d" % (self.rng.randint(1, 254), self.rng.randint(1, 254), self.rng.randint(1, 254)),
                                     "callerSuppliedUserAgent": "google-api-go-client/0.5 litmus-go/3.12.0"},
                 "resourceLocation": {"currentLocations": [res["labels"].get("zone", "global")]}}
        if request is not None: proto["request"] = request
        op = {"id": opid or ("operation-%d-%s" % (int(t * 1000), self.hx(12))), "producer": service}
        op["first" if first else "last"] = True
        self.add(t, res, log, "NOTICE", proto=proto, op=op)


def pyid(r):
    return r.randint(1000, 99999)

def uuid(r):
    h = "%032x" % r.getrandbits(128)
    return "%s-%s-%s-%s-%s" % (h[:8], h[8:12], h[12:16], h[16:20], h[20:])

def pods(r, base, n):
    rs = "%x" % r.getrandbits(36)
    return ["%s-%s-%s" % (base, rs[:9] if len(rs) >= 9 else rs.rjust(9, "7"), "".join(r.choice("bcdfghjklmnpqrstvwxz2456789") for _ in range(5))) for _ in range(n)]


# =====================================================================================
# 1. Saleor: netem packet corruption between saleor-api and postgres (TLS bad record mac)
# =====================================================================================
def saleor_common(inc, C, fault_rng=None, fault=None):
    api = pods(inc.rng, "saleor-api", 4); wk = pods(inc.rng, "saleor-worker", 2); dash = pods(inc.rng, "saleor-dashboard", 2)
    lbres = inc.lb("k8s1-3b1d-saleor-saleor-api-8000", "k8s2-fr-shop-prod", "k8s2-um-shop-prod")
    routes = [(40, "POST", "/graphql/", 0.09), (10, "GET", "/media/thumbnails/products/%s_thumbnail_256.webp" % "x", 0.02),
              (4, "GET", "/healthz", 0.004), (6, "POST", "/graphql/", 0.25), (3, "GET", "/dashboard/", 0.03),
              (2, "POST", "/webhooks/stripe/", 0.12), (2, "GET", "/feeds/google-merchant.xml", 0.8)]
    routes[1] = (10, "GET", lambda r: "/media/thumbnails/products/p%d_thumbnail_256.webp" % r.randint(100, 9000), 0.02)
    inc.traffic(lbres, "api.northwind-shop.com", 70, routes, fault)
    ops = ["products", "product", "checkoutCreate", "checkoutLinesAdd", "me", "categories", "collections", "checkoutComplete", "shop", "menu"]
    def api_info(r, t):
        op = r.choice(ops)
        return {"message": "GraphQL query processed: %s" % op, "severity": "INFO", "logger": "saleor.graphql.views",
                "operation_name": op, "duration_ms": r.randint(8, 240), "thread": "uvicorn-%d" % r.randint(1, 4)}
    def api_access(r, t):
        return '10.8.%d.%d:%d - "POST /graphql/ HTTP/1.1" 200' % (r.randint(0, 4), r.randint(2, 250), r.randint(30000, 60000))
    for p in api:
        res = inc.k8s(C, "saleor", p, "saleor-api")
        inc.chatter(res, "stdout", 22, [(6, "INFO", api_info), (5, "INFO", api_access),
            (1, "WARNING", lambda r, t: {"message": "Pricing: no tax data for checkout %s, falling back to flat rates" % uuid(r)[:13], "severity": "WARNING", "logger": "saleor.tax.calculations"})])
    def wk_info(r, t):
        task = r.choice(["saleor.plugins.webhook.tasks.send_webhook_request_async", "saleor.product.tasks.update_products_discounted_prices_task",
                         "saleor.checkout.tasks.delete_expired_checkouts", "saleor.order.tasks.send_order_confirmation", "saleor.core.tasks.delete_from_storage_task"])
        return "[%s: INFO/ForkPoolWorker-%d] Task %s[%s] succeeded in %.3fs: None" % (time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(t)) + ",%03d" % r.randint(0, 999), r.randint(1, 4), task, uuid(r), r.uniform(0.01, 2.4))
    for p in wk:
        inc.chatter(inc.k8s(C, "saleor", p, "saleor-worker"), "stderr", 9, [(1, "INFO", wk_info)])
    # distractor: avatax app webhook 401s (pre-existing, unrelated)
    def avatax(t):
        p = inc.rng.choice(wk)
        inc.add(t, inc.k8s(C, "saleor", p, "saleor-worker"), "stderr", "WARNING",
                text="[%s: WARNING/ForkPoolWorker-2] [Webhook] Failed request to https://avatax-sync.apps.northwind-shop.com/api/webhooks/checkout-calculate-taxes: 401 Unauthorized (app 'avatax-sync', attempt 3/5)" % (time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(t)) + ",%03d" % inc.rng.randint(0, 999)))
    inc.poisson(1.3, avatax)
    for p in dash:
        inc.chatter(inc.k8s(C, "saleor", p, "nginx"), "stdout", 3, [(1, "INFO", lambda r, t: '10.8.%d.%d - - [%s] "GET /dashboard/static/%s.js HTTP/1.1" 200 %d "-" "%s"' % (r.randint(0, 4), r.randint(2, 250), time.strftime("%d/%b/%Y:%H:%M:%S +0000", time.gmtime(t)), r.choice(["main", "vendor", "runtime", "chunk-orders"]), r.randint(3000, 900000), r.choice(UAS[:4])))])
    pg = inc.k8s(C, "saleor", "saleor-postgres-0", "postgres")
    def pgline(r, t):
        return "%s UTC [%d] LOG:  %s" % (time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(t)) + ".%03d" % r.randint(0, 999), r.randint(100, 9000),
            r.choice(["checkpoint starting: time", "checkpoint complete: wrote %d buffers (0.%d%%); 0 WAL file(s) added, 0 removed, 1 recycled; write=26.9 s, sync=0.004 s, total=27.0 s" % (r.randint(200, 3000), r.randint(1, 9)),
                      "automatic vacuum of table \"saleor.public.checkout_checkoutline\": index scans: 1", "automatic analyze of table \"saleor.public.product_productvariantchannellisting\""]))
    inc.chatter(pg, "stderr", 1.2, [(1, "INFO", pgline)])
    return api, wk, pg, lbres


def inc_saleor_corrupt():
    inc = Inc("saleor-pg-packet-corruption", "northwind-shop-prod", "2026-11-03T13:20:00", 45)
    C = "shop-gke-prod"; F = 12.4; END = 34.4   # 22 min experiment
    def fault(t, path):
        if inc.at(F + 0.3) <= t < inc.at(END) and path == "/graphql/" and inc.rng.random() < 0.22:
            return (500, inc.rng.uniform(0.05, 1.4))
        if inc.at(F) <= t < inc.at(END) and path == "/graphql/" and inc.rng.random() < 0.15:
            return (200, inc.rng.uniform(0.8, 4.5))   # TCP retransmits
        return None
    api, wk, pg, lbres = saleor_common(inc, C, fault=fault)
    # cause: quiet chaos object creation + chaos-daemon tc lines
    inc.k8s_audit(inc.at(F - 0.4), C, "chaos-engineer@northwind-shop.com", "io.chaos-mesh.v1alpha1.networkchaos.create",
                  "chaos-mesh.org/v1alpha1/namespaces/saleor/networkchaos/pg-link-corrupt", "chaos-mesh.org.networkchaos.create",
                  body={"kind": "NetworkChaos", "metadata": {"name": "pg-link-corrupt", "namespace": "saleor"},
                        "spec": {"action": "corrupt", "mode": "all", "selector": {"labelSelectors": {"app.kubernetes.io/name": "saleor-postgres"}},
                                 "corrupt": {"corrupt": "30", "correlation": "25"}, "direction": "both", "duration": "22m"}})
    cm = inc.k8s(C, "chaos-mesh", "chaos-controller-manager-6d8f9c7b54-q2xkm", "chaos-mesh")
    cd = inc.k8s(C, "chaos-mesh", "chaos-daemon-4xk9t", "chaos-daemon")
    inc.add(inc.at(F - 0.38), cm, "stderr", "INFO", js={"level": "info", "logger": "desiredphase", "msg": "update desiredphase", "desiredPhase": "Run", "chaos": "saleor/pg-link-corrupt"})
    inc.add(inc.at(F - 0.3), cm, "stderr", "INFO", js={"level": "info", "logger": "records", "msg": "apply chaos", "id": "saleor/saleor-postgres-0", "chaos": "NetworkChaos/pg-link-corrupt"})
    inc.add(inc.at(F - 0.28), cd, "stderr", "INFO", js={"level": "info", "logger": "chaos-daemon-server", "msg": "executing tc command", "command": "tc qdisc replace dev eth0 root handle 1: netem corrupt 30% 25%", "containerID": "containerd://" + inc.hx(64)})
    inc.kevent(inc.at(F - 0.25), C, "saleor", "NetworkChaos", "pg-link-corrupt", "Applied", "Successfully apply chaos for saleor/saleor-postgres-0", comp="records")
    inc.add(inc.at(END), cd, "stderr", "INFO", js={"level": "info", "logger": "chaos-daemon-server", "msg": "executing tc command", "command": "tc qdisc del dev eth0 root", "containerID": "containerd://" + inc.hx(64)})
    inc.kevent(inc.at(END + 0.02), C, "saleor", "NetworkChaos", "pg-link-corrupt", "Recovered", "Successfully recover chaos for saleor/saleor-postgres-0", comp="records")
    # symptoms
    def api_err(t):
        p = inc.rng.choice(api); res = inc.k8s(C, "saleor", p, "saleor-api")
        kind = inc.rng.random()
        if kind < 0.55:
            msg = "SSL error: decryption failed or bad record mac"
        elif kind < 0.85:
            msg = "SSL SYSCALL error: EOF detected"
        else:
            msg = "server closed the connection unexpectedly\n\tThis probably means the server terminated abnormally\n\tbefore or while processing the request."
        first = msg.split("\n")[0]
        inc.add(t, res, "stdout", "ERROR", js={"message": "Internal Server Error: /graphql/", "severity": "ERROR", "logger": "django.request", "exc_info": "django.db.utils.OperationalError: %s" % first})
        if inc.rng.random() < 0.5:
            inc.lines(t + 0.001, res, "stderr", "ERROR", [
                "Traceback (most recent call last):",
                '  File "/usr/local/lib/python3.12/site-packages/django/db/backends/utils.py", line 105, in _execute',
                "    return self.cursor.execute(sql, params)",
                "psycopg2.OperationalError: %s" % first, "",
                "The above exception was the direct cause of the following exception:", "",
                "Traceback (most recent call last):",
                '  File "/app/saleor/graphql/core/mutations.py", line 312, in mutate',
                "    response = cls.perform_mutation(root, info, **data)",
                '  File "/app/saleor/checkout/complete_checkout.py", line 1187, in complete_checkout',
                "    order = _create_order(checkout_info=checkout_info, lines=lines, user=user)",
                "django.db.utils.OperationalError: %s" % first])
    inc.poisson(9, api_err, F + 0.3, END)
    def pg_err(t):
        pid = inc.rng.randint(2000, 30000)
        m = inc.rng.choice(["could not receive data from client: Connection reset by peer", "SSL error: decryption failed or bad record mac",
                            "unexpected EOF on client connection with an open transaction", "could not send data to client: Broken pipe"])
        inc.add(t, pg, "stderr", "INFO", text="%s UTC [%d] saleor@saleor LOG:  %s" % (time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(t)) + ".%03d" % inc.rng.randint(0, 999), pid, m))
    inc.poisson(5, pg_err, F + 0.2, END)
    def wk_err(t):
        inc.add(t, inc.k8s(C, "saleor", inc.rng.choice(wk), "saleor-worker"), "stderr", "ERROR",
                text="[%s: ERROR/ForkPoolWorker-1] Task saleor.order.tasks.send_order_confirmation[%s] raised unexpected: OperationalError('SSL SYSCALL error: EOF detected\\n')" % (time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(t)) + ",%03d" % inc.rng.randint(0, 999), uuid(inc.rng)))
    inc.poisson(1.5, wk_err, F + 0.5, END)
    inc.write({"title": "Checkout mutations fail with SSL bad record mac: NetworkChaos corrupts 30% of packets on the Postgres pod",
               "root_cause": {"evidence": ["netem corrupt", "pg-link-corrupt", "networkchaos.create"], "category": "network",
                              "must_mention": ["corrupt"]},
               "symptoms": [{"evidence": "decryption failed or bad record mac"}, {"evidence": "SSL SYSCALL error: EOF detected"},
                            {"evidence": "Internal Server Error: /graphql/"}],
               "distractors": [{"evidence": "avatax-sync"}], "priority": "P1"})


def inc_saleor_healthy():
    inc = Inc("healthy-saleor-evening", "northwind-shop-prod", "2026-11-05T19:05:00", 50)
    C = "shop-gke-prod"
    api, wk, pg, lbres = saleor_common(inc, C)
    # routine rollout of the dashboard (normal)
    t = inc.at(21.5)
    inc.k8s_audit(t, C, "cloudbuild-deployer@northwind-shop-prod.iam.gserviceaccount.com", "io.k8s.apps.v1.deployments.patch",
                  "apps/v1/namespaces/saleor/deployments/saleor-dashboard", "io.k8s.apps.v1.deployments.patch",
                  body={"spec": {"template": {"spec": {"containers": [{"name": "nginx", "image": "europe-docker.pkg.dev/northwind-shop-prod/web/saleor-dashboard:3.20.14"}]}}}})
    for i in range(2):
        np = "saleor-dashboard-5c7d9f8b6-%s" % inc.hx(5)
        inc.kevent(t + 3 + i * 20, C, "saleor", "Pod", np, "Scheduled", "Successfully assigned saleor/%s to gke-shop-gke-prod-default-pool-1f2e-%s" % (np, inc.hx(4)), comp="default-scheduler")
        inc.kevent(t + 8 + i * 20, C, "saleor", "Pod", np, "Pulled", 'Successfully pulled image "europe-docker.pkg.dev/northwind-shop-prod/web/saleor-dashboard:3.20.14" in 2.114s')
        inc.kevent(t + 9 + i * 20, C, "saleor", "Pod", np, "Started", "Started container nginx")
    def hpa(t):
        inc.kevent(t, C, "saleor", "HorizontalPodAutoscaler", "saleor-api", "SuccessfulRescale", "New size: %d; reason: cpu resource utilization (percentage of request) above target" % inc.rng.choice([4, 5]), comp="horizontal-pod-autoscaler")
    hpa(inc.at(33.2))
    def slowq(t):
        inc.add(t, pg, "stderr", "INFO", text="%s UTC [%d] saleor@saleor LOG:  duration: %d.%03d ms  statement: SELECT \"product_product\".\"id\" FROM \"product_product\" WHERE \"product_product\".\"search_vector\" @@ websearch_to_tsquery('simple', $1)" % (time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(t)) + ".%03d" % inc.rng.randint(0, 999), inc.rng.randint(2000, 30000), inc.rng.randint(1000, 1900), inc.rng.randint(0, 999)))
    inc.poisson(0.4, slowq)
    inc.write({"title": "Healthy evening window on the Saleor shop (dashboard rollout, HPA scale, known avatax webhook 401s)",
               "root_cause": None, "symptoms": [], "distractors": [{"evidence": "avatax-sync"}, {"evidence": "duration: 1"}], "priority": "none"})


# =====================================================================================
# 2. Outline: Toxiproxy reset_peer toxic on the Redis proxy (window opens after it began)
# =====================================================================================
def inc_outline_reset():
    inc = Inc("outline-redis-reset-peer", "docs-platform-prod", "2026-11-04T09:40:00", 40)
    C = "docs-gke"; F = -3.2; END = 26.0
    web = pods(inc.rng, "outline-web", 3); collab = pods(inc.rng, "outline-collaboration", 2); wkr = pods(inc.rng, "outline-worker", 2)
    lbres = inc.lb("k8s1-77a0-outline-outline-web-3000", "k8s2-fr-docs", "k8s2-um-docs")
    def fault(t, path):
        if t < inc.at(END):
            if path.startswith("/api/documents.update") or path.startswith("/api/documents.info"):
                if inc.rng.random() < 0.12: return (500, inc.rng.uniform(0.02, 0.3))
            if path.startswith("/collaboration") and inc.rng.random() < 0.35: return (502, inc.rng.uniform(0.5, 2.0))
        return None
    routes = [(30, "POST", "/api/documents.info", 0.05), (12, "POST", "/api/documents.update", 0.09), (15, "POST", "/api/documents.list", 0.08),
              (8, "POST", "/api/collections.list", 0.05), (6, "GET", "/collaboration", 0.02), (8, "POST", "/api/auth.info", 0.03),
              (4, "GET", "/_health", 0.003), (6, "POST", "/api/documents.search", 0.3), (4, "GET", lambda r: "/api/attachments.redirect?id=%s" % uuid(r), 0.04)]
    inc.traffic(lbres, "docs.kestrel.dev", 60, routes, fault)
    def winfo(r, t):
        return {"level": "info", "message": r.choice(["Document updated", "Processing event documents.update", "Search indexed", "User signed in", "Collection permissions checked"]),
                "label": r.choice(["http", "queue", "documents"]), "requestId": uuid(r)}
    for p in web:
        inc.chatter(inc.k8s(C, "outline", p, "outline"), "stdout", 18, [(8, "INFO", winfo),
            (1, "WARNING", lambda r, t: {"level": "warn", "message": "Slack integration for team %s: token_revoked, disabling hook" % uuid(r)[:8], "label": "plugins"})])
    for p in collab:
        inc.chatter(inc.k8s(C, "outline", p, "outline"), "stdout", 10, [(1, "INFO", lambda r, t: {"level": "info", "message": r.choice(["Connection established", "Persisted document state", "Connection closed"]), "label": "collaboration", "documentId": uuid(r)})])
    for p in wkr:
        inc.chatter(inc.k8s(C, "outline", p, "outline"), "stdout", 8, [(1, "INFO", lambda r, t: {"level": "info", "message": "Processing task %s" % r.choice(["DocumentUpdatedTask", "RevisionCreatedProcessor", "CleanupDeletedDocumentsTask", "BacklinksProcessor"]), "label": "worker"})])
    # toxiproxy + chaos runner (cause)
    tp = inc.k8s(C, "chaos", "toxiproxy-7b9cf6d7c-x8k2m", "toxiproxy")
    runner = inc.k8s(C, "chaos", "chaos-runner-outline-redis-28846120-fj2wq", "runner")
    def tpaccept(r, t):
        return {"level": "info", "name": "redis", "proxy": "[::]:26379", "upstream": "outline-redis-master.outline.svc:6379", "client": "10.8.%d.%d:%d" % (r.randint(0, 3), r.randint(2, 250), r.randint(30000, 60000)), "message": "Accepted client"}
    inc.chatter(tp, "stderr", 1.5, [(1, "INFO", tpaccept)], b=END)
    inc.chatter(tp, "stderr", 7, [(1, "INFO", tpaccept)], a=0, b=END)   # reconnect churn
    inc.add(inc.at(END), tp, "stderr", "INFO", js={"level": "info", "name": "redis", "toxic": "reset_peer_downstream", "message": "Removed toxic"})
    def status(t):
        el = (t - inc.at(F)) / 60
        inc.add(t, runner, "stdout", "INFO", text="%s INFO  experiment=outline-redis-reset proxy=redis toxic=reset_peer_downstream type=reset_peer timeout=1500 toxicity=0.6 status=active elapsed=%dm%02ds" % (iso(t)[:19] + "Z", int(el), int((el % 1) * 60)))
    inc.every(60, status, b=END, phase=11)
    inc.add(inc.at(END) + 0.4, runner, "stdout", "INFO", text="%s INFO  experiment=outline-redis-reset toxic reset_peer_downstream removed, status=completed" % (iso(inc.at(END) + 0.4)[:19] + "Z"))
    # symptoms
    def ioredis(t):
        p = inc.rng.choice(web + collab + wkr)
        m = inc.rng.choice(["[ioredis] Unhandled error event: Error: read ECONNRESET", "Error: read ECONNRESET\n    at TCP.onStreamRead (node:internal/stream_base_commons:217:20)",
                            "Error: Connection is closed.", "MaxRetriesPerRequestError: Reached the max retries per request limit (which is 20). Refer to \"maxRetriesPerRequest\" option for details."])
        inc.add(t, inc.k8s(C, "outline", p, "outline"), "stderr", "ERROR", js={"level": "error", "message": m, "label": "redis" if "ioredis" in m else "server"})
    inc.poisson(14, ioredis, b=END)
    def collab_err(t):
        inc.add(t, inc.k8s(C, "outline", inc.rng.choice(collab), "outline"), "stdout", "WARNING",
                js={"level": "warn", "message": "Redis extension: publish failed, clients on other instances will not receive update", "label": "collaboration", "documentId": uuid(inc.rng)})
    inc.poisson(4, collab_err, b=END)
    rd = inc.k8s(C, "outline", "outline-redis-master-0", "redis")
    inc.chatter(rd, "stdout", 0.6, [(1, "INFO", lambda r, t: "1:M %s.%03d * %s" % (time.strftime("%d %b %Y %H:%M:%S", time.gmtime(t)), r.randint(0, 999), r.choice(["100 changes in 300 seconds. Saving...", "Background saving started by pid %d" % r.randint(100, 9999), "DB saved on disk", "Background saving terminated with success"])))])
    inc.write({"title": "Outline editors see disconnects and 500s: Toxiproxy reset_peer toxic on the Redis proxy resets connections",
               "root_cause": {"evidence": ["toxic=reset_peer_downstream", "type=reset_peer"], "category": "network", "must_mention": ["reset_peer", "redis"]},
               "symptoms": [{"evidence": "read ECONNRESET"}, {"evidence": "Redis extension: publish failed"}, {"evidence": "MaxRetriesPerRequestError"}],
               "distractors": [{"evidence": "token_revoked"}], "priority": "P2"})


# =====================================================================================
# 3. Supabase: Litmus pod-http-modify-header overwrites Authorization on PostgREST
# =====================================================================================
def supa_common(inc, C, rest_fault=None):
    rest = pods(inc.rng, "supabase-rest", 3); auth = pods(inc.rng, "supabase-auth", 2); stor = pods(inc.rng, "supabase-storage", 2)
    rt = pods(inc.rng, "supabase-realtime", 2); app = pods(inc.rng, "fieldnotes-web", 3)
    lbres = inc.lb("k8s1-9a2c-supabase-api-8000", "k8s2-fr-supabase", "k8s2-um-supabase")
    tables = ["notes", "projects", "tags", "profiles", "attachments", "note_shares"]
    routes = [(45, "GET", lambda r: "/rest/v1/%s?select=*&order=updated_at.desc&limit=50" % r.choice(tables), 0.03),
              (12, "PATCH", lambda r: "/rest/v1/notes?id=eq.%d" % r.randint(1000, 99999), 0.04),
              (6, "POST", "/rest/v1/rpc/search_notes", 0.12), (8, "POST", "/auth/v1/token?grant_type=refresh_token", 0.05),
              (3, "GET", "/auth/v1/user", 0.02), (8, "GET", lambda r: "/storage/v1/object/sign/attachments/%s.png" % uuid(r)[:8], 0.06),
              (3, "GET", "/realtime/v1/websocket?vsn=1.0.0", 0.01), (2, "GET", "/api/health", 0.003)]
    inc.traffic(lbres, "db.fieldnotes.app", 80, routes, rest_fault)
    def pgrst(r, t):
        st = 200 if r.random() > 0.01 else 404
        return '10.12.%d.%d - %s [%s] "GET /%s?select=*&limit=50 HTTP/1.1" %d - "" "supabase-js-web/2.46.1"' % (r.randint(0, 3), r.randint(2, 250), r.choice(["authenticated", "authenticated", "anon"]), time.strftime("%d/%b/%Y:%H:%M:%S +0000", time.gmtime(t)), r.choice(tables), st)
    for p in rest:
        inc.chatter(inc.k8s(C, "supabase", p, "rest"), "stdout", 20, [(1, "INFO", pgrst)])
    def gotrue(r, t):
        return {"level": "info", "msg": "request completed", "component": "api", "method": r.choice(["POST", "GET"]), "path": r.choice(["/token", "/user", "/token"]), "status": 200, "duration": r.randint(3000000, 60000000), "time": iso(t)[:19] + "Z", "request_id": uuid(r)}
    for p in auth:
        inc.chatter(inc.k8s(C, "supabase", p, "auth"), "stdout", 7, [(12, "INFO", gotrue),
            (1, "WARNING", lambda r, t: {"level": "warn", "msg": "429: Email rate limit exceeded", "component": "api", "path": "/recover", "time": iso(t)[:19] + "Z", "request_id": uuid(r)})])
    for p in stor:
        inc.chatter(inc.k8s(C, "supabase", p, "storage"), "stdout", 6, [(10, "INFO", lambda r, t: {"level": 30, "time": int(t * 1000), "pid": 1, "hostname": p, "reqId": "req-%s" % r.randint(100, 9999), "msg": "request completed", "res": {"statusCode": 200}, "responseTime": round(r.uniform(3, 90), 2)}),
            (1, "INFO", lambda r, t: {"level": 40, "time": int(t * 1000), "pid": 1, "hostname": p, "reqId": "req-%s" % r.randint(100, 9999), "msg": "Object not found", "error": {"code": "NoSuchKey", "statusCode": 404}})])
    for p in rt:
        inc.chatter(inc.k8s(C, "supabase", p, "realtime"), "stdout", 3, [(1, "INFO", lambda r, t: "%s project=realtime external_id=realtime [info] %s" % (time.strftime("%H:%M:%S", time.gmtime(t)) + ".%03d" % r.randint(0, 999), r.choice(["Billing metrics: 412 connected clients", "Tenant subscribed to postgres_changes", "CONNECTED TO /socket/websocket in 0µs"])))])
    def nextlog(r, t):
        return {"severity": "INFO", "message": "GET %s 200 in %dms" % (r.choice(["/notes", "/projects", "/notes/[id]", "/settings"]), r.randint(20, 300)), "service": "fieldnotes-web"}
    for p in app:
        inc.chatter(inc.k8s(C, "fieldnotes", p, "web"), "stdout", 12, [(1, "INFO", nextlog)])
    db = inc.k8s(C, "supabase", "supabase-db-0", "postgres")
    inc.chatter(db, "stderr", 1, [(1, "INFO", lambda r, t: "%s UTC [%d] LOG:  %s" % (time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(t)) + ".%03d" % r.randint(0, 999), r.randint(100, 9000), r.choice(["checkpoint starting: time", "checkpoint complete: wrote 611 buffers (3.7%); 0 WAL file(s) added", "automatic vacuum of table \"postgres.public.notes\": index scans: 1"])))])
    return rest, auth, app, db, tables


def inc_supabase_header():
    inc = Inc("supabase-rest-header-rewrite", "fieldnotes-prod", "2026-11-06T15:10:00", 42)
    C = "fieldnotes-gke"; F = 8.6; END = F + 20
    def fault(t, path):
        if inc.at(F + 0.3) <= t < inc.at(END) and path.startswith("/rest/v1/") and inc.rng.random() < 0.93:
            return (401, inc.rng.uniform(0.002, 0.02))
        return None
    rest, auth, app, db, tables = supa_common(inc, C, fault)
    ns = "litmus"
    exp = inc.k8s(C, ns, "pod-http-modify-header-9fq2lx-7hnq4", "pod-http-modify-header-9fq2lx")
    ts = lambda t: time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))
    seq = [(0, "[PreReq]: Getting the ENV for the pod-http-modify-header experiment"),
           (0.4, "[Info]: The application information is as follows\" Namespace=supabase Label=\"app.kubernetes.io/name=supabase-rest\" Chaos Duration=1200"),
           (0.6, "[Info]: The tunables are: TARGET_SERVICE_PORT=3000 PROXY_PORT=20000 TOXICITY=100 HEADERS_MAP={\"Authorization\": \"Bearer litmus-chaos\"} HEADER_MODE=request"),
           (2.1, "[Chaos]: Starting http-modify-header chaos"),
           (2.4, "[Chaos]: Injecting http chaos on target pods"),
           (3.0, "[Wait]: Waiting for 1200s till the end of chaos")]
    for d, m in seq:
        inc.add(inc.at(F - 0.05) + d, exp, "stderr", "INFO", text='time="%s" level=info msg="%s"' % (ts(inc.at(F - 0.05) + d), m.replace('"', '\\"')))
    for p in rest:
        inc.add(inc.at(F) + inc.rng.uniform(2, 4), exp, "stderr", "INFO", text='time="%s" level=info msg="[Chaos]: http chaos injected on pod %s, iptables redirect port 3000 -> 20000"' % (ts(inc.at(F) + 3), p))
    inc.kevent(inc.at(F) + 2.5, C, ns, "ChaosEngine", "supabase-rest-chaos", "ChaosInject", "Injecting pod-http-modify-header chaos on application pod", comp="pod-http-modify-header-9fq2lx-7hnq4")
    inc.add(inc.at(END) + 1, exp, "stderr", "INFO", text='time="%s" level=info msg="[Chaos]: Reverting http chaos on target pods"' % ts(inc.at(END) + 1))
    inc.kevent(inc.at(END) + 4, C, ns, "ChaosEngine", "supabase-rest-chaos", "Summary", "pod-http-modify-header experiment has been Passed", comp="pod-http-modify-header-9fq2lx-7hnq4")
    # symptoms: PostgREST 401s, app errors
    def rest401(t):
        p = inc.rng.choice(rest)
        inc.add(t, inc.k8s(C, "supabase", p, "rest"), "stdout", "INFO", text='10.12.%d.%d - anonymous [%s] "GET /%s?select=*&order=updated_at.desc HTTP/1.1" 401 - "" "supabase-js-web/2.46.1"' % (inc.rng.randint(0, 3), inc.rng.randint(2, 250), time.strftime("%d/%b/%Y:%H:%M:%S +0000", time.gmtime(t)), inc.rng.choice(tables)))
    inc.poisson(40, rest401, F + 0.3, END)
    def apperr(t):
        inc.add(t, inc.k8s(C, "fieldnotes", inc.rng.choice(app), "web"), "stdout", "ERROR",
                js={"severity": "ERROR", "service": "fieldnotes-web", "message": "Failed to load notes: PostgrestError: JWSError (CompactDecodeError Invalid number of parts: Expected 3 parts; got 1)",
                    "code": "PGRST301", "hint": None, "route": inc.rng.choice(["/notes", "/projects", "/notes/[id]"])})
    inc.poisson(14, apperr, F + 0.4, END)
    def signout(t):
        inc.add(t, inc.k8s(C, "fieldnotes", inc.rng.choice(app), "web"), "stdout", "WARNING",
                js={"severity": "WARNING", "service": "fieldnotes-web", "message": "session invalid after API 401, forcing sign-out", "userId": uuid(inc.rng)})
    inc.poisson(3, signout, F + 1, END)
    inc.write({"title": "All Supabase REST reads return 401 PGRST301: Litmus pod-http-modify-header rewrites the Authorization header on PostgREST pods",
               "root_cause": {"evidence": ["pod-http-modify-header", "HEADERS_MAP"], "category": "configuration", "must_mention": ["Authorization", "header"]},
               "symptoms": [{"evidence": "PGRST301"}, {"evidence": "JWSError"}, {"evidence": "forcing sign-out"}],
               "distractors": [{"evidence": "Email rate limit exceeded"}, {"evidence": "Object not found"}], "priority": "P1"})


def inc_supabase_healthy():
    inc = Inc("healthy-supabase-afternoon", "fieldnotes-prod", "2026-11-09T13:30:00", 36)
    C = "fieldnotes-gke"
    rest, auth, app, db, tables = supa_common(inc, C)
    # a finished chaos drill elsewhere (routine), and a daily backup
    bk = inc.k8s(C, "supabase", "db-backup-29374510-x2p7q", "wal-g")
    t = inc.at(6)
    for i, m in enumerate(["INFO: Selecting the latest backup as the base for the current delta backup...", "INFO: Starting a new tar bundle",
                           "INFO: Walking ...", "INFO: Finished writing part 1.", "INFO: Wrote backup with name base_000000010000004A0000003C"]):
        inc.add(t + i * 37, bk, "stderr", "INFO", text="%s %s" % (time.strftime("%Y/%m/%d %H:%M:%S", time.gmtime(t + i * 37)), m))
    def blip(t):
        inc.add(t, inc.k8s(C, "fieldnotes", inc.rng.choice(app), "web"), "stdout", "WARNING", js={"severity": "WARNING", "service": "fieldnotes-web", "message": "Realtime channel notes:%d reconnecting (heartbeat timeout)" % inc.rng.randint(1, 900)})
    inc.poisson(0.5, blip)
    inc.write({"title": "Healthy Supabase window (nightly WAL-G backup, routine auth rate limits, realtime reconnects)",
               "root_cause": None, "symptoms": [], "distractors": [{"evidence": "Email rate limit exceeded"}, {"evidence": "heartbeat timeout"}], "priority": "none"})


# =====================================================================================
# 4. Sentry self-hosted on GCE: inode exhaustion from a chaos fill (window opens after)
# =====================================================================================
def inc_sentry_inodes():
    inc = Inc("sentry-selfhosted-inode-exhaustion", "obs-selfhosted", "2026-11-10T02:15:00", 45)
    vm = inc.gce("5129934471098812345", "europe-west1-b"); lab = {"compute.googleapis.com/resource_name": "sentry-1"}
    F = -11.0; FULL = 7.5; END = 38.0
    lbres = inc.lb("sentry-be", "sentry-https-fr", "sentry-um")
    def fault(t, path):
        if inc.at(FULL) <= t < inc.at(END):
            if path.startswith("/api/") and "envelope" in path and inc.rng.random() < 0.6: return (503, inc.rng.uniform(0.01, 0.2))
            if path.startswith("/organizations") and inc.rng.random() < 0.5: return (500, inc.rng.uniform(0.1, 0.9))
        return None
    routes = [(60, "POST", lambda r: "/api/%d/envelope/" % r.choice([2, 3, 5, 7, 11]), 0.01), (10, "POST", lambda r: "/api/%d/store/" % r.choice([2, 3]), 0.01),
              (6, "GET", lambda r: "/organizations/kestrel/issues/%d/" % r.randint(4000, 90000), 0.3), (4, "GET", "/api/0/organizations/kestrel/issues/?query=is%3Aunresolved", 0.4),
              (2, "GET", "/_health/", 0.003)]
    inc.traffic(lbres, "sentry.kestrel.dev", 90, routes, fault)
    def dk(name, data, t, sev="INFO"):
        inc.add(t, vm, "gcplogs-docker-driver", sev, js={"container": {"name": "/sentry-self-hosted-%s-1" % name, "imageName": "getsentry/%s:25.10.0" % name.split("-")[0], "id": inc.hx(64), "created": "2026-10-28T08:11:02.55Z"},
                "instance": {"id": "5129934471098812345", "name": "sentry-1", "zone": "europe-west1-b"}, "data": data}, labels=lab)
    def relay_ok(t):
        dk("relay", "%s [relay_server::services::project_cache] DEBUG: project state %s updated" % (iso(t)[:23] + "Z", inc.hx(32)), t)
    inc.poisson(6, relay_ok)
    def web_ok(t):
        dk("web", "%s [INFO] sentry.access.api: api.access (method='GET' view='sentry.api.endpoints.organization_group_index.OrganizationGroupIndexEndpoint' response=200 user_id='%d' is_app='False' token_type='None' organization_id='1' path='/api/0/organizations/kestrel/issues/' rate_limit_type='DNE')" % (time.strftime("%H:%M:%S", time.gmtime(t)), inc.rng.randint(1, 40)), t)
    inc.poisson(8, web_ok)
    def ingest(t):
        dk("ingest-consumer", "%s [INFO] sentry.ingest.consumer.processors: ingest_consumer.process_event (project_id=%d event_id='%s')" % (time.strftime("%H:%M:%S", time.gmtime(t)), inc.rng.choice([2, 3, 5, 7]), inc.hx(32)), t)
    inc.poisson(25, ingest, b=FULL)
    inc.poisson(4, ingest, a=FULL)
    def cron(t):
        dk("cron", "%s [INFO] sentry.tasks.check_auth: Starting check_auth" % time.strftime("%H:%M:%S", time.gmtime(t)), t)
    inc.every(300, cron)
    # distractor: symbolicator Microsoft symbol server 404s
    def symb(t):
        dk("symbolicator", "%s WARN symbolicator::services::download: Failed to download debug file (source=microsoft, file=%s.pdb/%s1): 404 Not Found" % (iso(t)[:23] + "Z", inc.rng.choice(["ntdll", "kernelbase", "d3d11", "nvwgf2umx"]), inc.hx(32).upper()), t, "WARNING")
    inc.poisson(2.2, symb)
    # cause: chaos inode fill progress (syslog via Ops Agent)
    def syslog(t, msg, sev="INFO"):
        inc.add(t, vm, "syslog", sev, js={"message": "%s sentry-1 %s" % (time.strftime("%b %d %H:%M:%S", time.gmtime(t)), msg)}, labels=lab)
    total = 3600000
    def prog(t):
        frac = min(1.0, (t - inc.at(F)) / (inc.at(FULL) - inc.at(F)))
        n = int(total * frac * 0.91)
        syslog(t, "chaos-fsfault[2231]: inode-fill progress target=/var/lib/docker/volumes files_created=%d/%d IUse%%=%d%%" % (n, total, min(100, 18 + int(82 * frac))))
    inc.every(120, prog, b=FULL + 1, phase=30)
    syslog(inc.at(FULL + 0.2), "chaos-fsfault[2231]: inode-fill holding: create failed with ENOSPC after %d files, holding for 30m (df -h /var/lib/docker: 41%% used)" % int(total * 0.91))
    syslog(inc.at(END), "chaos-fsfault[2231]: inode-fill cleanup: removing /var/lib/docker/volumes/chaos-inodes")
    def sysnoise(t):
        syslog(t, inc.rng.choice(["systemd[1]: Started Session %d of User sentry." % inc.rng.randint(100, 999), "google_guest_agent[812]: Updating keys for user ubuntu.",
                                  "systemd[1]: Starting Daily apt download activities...", "dockerd[1123]: time=\"%s\" level=info msg=\"ignoring event\" module=libcontainerd namespace=moby topic=/tasks/delete type=\"*events.TaskDelete\"" % iso(t)[:19]]))
    inc.poisson(0.8, sysnoise)
    # symptoms
    def pgwal(t):
        dk("postgres", "%s UTC [%d] PANIC:  could not create file \"pg_wal/xlogtemp.%d\": No space left on device" % (time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(t)) + ".%03d" % inc.rng.randint(0, 999), inc.rng.randint(30, 900), inc.rng.randint(30, 900)), t, "ERROR")
        dk("postgres", "%s UTC [1] LOG:  server process (PID %d) was terminated by signal 6: Aborted" % (time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(t + 0.2)) + ".%03d" % inc.rng.randint(0, 999), inc.rng.randint(30, 900)), t + 0.2, "INFO")
    inc.poisson(0.5, pgwal, FULL + 1, END)
    def relayerr(t):
        m = inc.rng.choice(["ERROR relay_server::services::upstream: upstream request failed: upstream request returned error 500 Internal Server Error",
                            "ERROR relay_server::services::spooler: failed to spool envelope: error returned from database: (code: 13) database or disk is full",
                            "ERROR relay_server::endpoints::common: error handling request: failed to queue envelope"])
        dk("relay", "%s %s" % (iso(t)[:23] + "Z", m), t, "ERROR")
    inc.poisson(16, relayerr, FULL, END)
    def weberr(t):
        t0 = t
        m = inc.rng.choice(["OSError: [Errno 28] No space left on device: '/data/files/%s/%s'" % (inc.hx(2), inc.hx(32)),
                            "django.db.utils.OperationalError: could not write to file \"base/pgsql_tmp/pgsql_tmp%d.0\": No space left on device" % inc.rng.randint(30, 900)])
        dk("web", "%s [ERROR] django.request: Internal Server Error: /api/0/projects/kestrel/%s/files/dsyms/" % (time.strftime("%H:%M:%S", time.gmtime(t0)), inc.rng.choice(["ios-app", "backend", "web"])), t0, "ERROR")
        dk("web", m, t0 + 0.001, "ERROR")
    inc.poisson(3, weberr, FULL, END)
    def sqlerr(t):
        dk("ingest-consumer", "%s [ERROR] sentry.ingest.consumer.processors: Failed to save attachment: [Errno 28] No space left on device" % time.strftime("%H:%M:%S", time.gmtime(t)), t, "ERROR")
    inc.poisson(4, sqlerr, FULL, END)
    inc.write({"title": "Sentry ingest and UI fail with ENOSPC at 41% disk use: chaos inode-fill exhausted inodes on /var/lib/docker",
               "root_cause": {"evidence": ["inode-fill"], "category": "resource-exhaustion", "must_mention": ["inode"]},
               "symptoms": [{"evidence": "No space left on device"}, {"evidence": "upstream request returned error 500"}, {"evidence": "database or disk is full"}],
               "distractors": [{"evidence": "Failed to download debug file"}], "priority": "P1"})


# =====================================================================================
# 5. n8n: Chaos Mesh DNSChaos "random" on external API domains
# =====================================================================================
def inc_n8n_dns():
    inc = Inc("n8n-dnschaos-random-answers", "automation-prod", "2026-11-11T10:00:00", 50)
    C = "automation-gke"; F = 6.3; END = F + 30
    main = pods(inc.rng, "n8n-main", 1); wkr = pods(inc.rng, "n8n-worker", 3); wh = pods(inc.rng, "n8n-webhook", 2)
    lbres = inc.lb("k8s1-4411-n8n-n8n-webhook-5678", "k8s2-fr-n8n", "k8s2-um-n8n")
    routes = [(50, "POST", lambda r: "/webhook/%s" % r.choice(["stripe-events", "typeform-lead", "github-release", "intercom-conv", "zendesk-ticket"]), 0.06),
              (10, "GET", "/rest/executions?limit=50", 0.12), (8, "GET", "/rest/workflows", 0.05), (4, "GET", "/healthz", 0.002),
              (5, "POST", lambda r: "/rest/workflows/%d/run" % r.randint(1, 120), 0.2)]
    inc.traffic(lbres, "flows.kestrel.dev", 45, routes)
    wfs = [("Lead → HubSpot + Slack", 14), ("Stripe payout digest", 22), ("GitHub release notes to Slack", 31), ("Zendesk SLA escalation", 9), ("Nightly CRM sync", 40), ("Typeform → Sheets", 17)]
    def n8nlog(lvl, msg, meta=None):
        d = {"level": lvl, "message": msg, "metadata": {"file": "WorkflowRunner.js", "function": "runMainProcess", "timestamp": None}}
        if meta: d["metadata"].update(meta)
        return d
    def wok(r, t):
        w = r.choice(wfs)
        d = n8nlog("info", "Workflow execution finished successfully", {"workflowId": str(w[1]), "executionId": str(r.randint(200000, 260000))})
        d["metadata"]["timestamp"] = iso(t)[:23] + "Z"; return d
    def wstart(r, t):
        w = r.choice(wfs)
        d = n8nlog("info", "Worker started execution %d (job %d)" % (r.randint(200000, 260000), r.randint(80000, 99000)), {"workflowId": str(w[1])})
        d["metadata"]["timestamp"] = iso(t)[:23] + "Z"; return d
    for p in wkr:
        inc.chatter(inc.k8s(C, "n8n", p, "n8n"), "stdout", 14, [(5, "INFO", wok), (5, "INFO", wstart),
            (1, "INFO", lambda r, t: {"level": "warn", "message": "NodeApiError: The resource you are requesting could not be found (Google Sheets: Requested entity was not found.)", "metadata": {"workflowId": "17", "node": "Append to sheet", "timestamp": iso(t)[:23] + "Z"}})])
    for p in wh:
        inc.chatter(inc.k8s(C, "n8n", p, "n8n"), "stdout", 10, [(1, "INFO", lambda r, t: {"level": "debug", "message": "Received webhook \"POST\" for path \"%s\"" % r.choice(["stripe-events", "typeform-lead", "github-release", "zendesk-ticket"]), "metadata": {"timestamp": iso(t)[:23] + "Z"}})])
    for p in main:
        inc.chatter(inc.k8s(C, "n8n", p, "n8n"), "stdout", 3, [(1, "INFO", lambda r, t: {"level": "info", "message": r.choice(["Pruning old executions", "License renewed", "Checking for leader (instance is leader)", "Execution data pruned: 312 executions"]), "metadata": {"timestamp": iso(t)[:23] + "Z"}})])
    # coredns normal + chaos dns
    cdns = inc.k8s(C, "kube-system", "kube-dns-6f8c9d8d66-wq2lm", "kubedns")
    inc.chatter(cdns, "stderr", 0.3, [(1, "INFO", lambda r, t: "I%s 1 dns.go:%d] %s" % (time.strftime("%m%d %H:%M:%S", time.gmtime(t)) + ".%06d" % r.randint(0, 999999), r.randint(100, 700), r.choice(["Received an update for endpoints kube-system/kube-dns", "Dumping dns cache stats"])))])
    chdns = inc.k8s(C, "chaos-mesh", "chaos-dns-server-5b6c8d7f49-7xqjv", "chaos-dns-server")
    inc.k8s_audit(inc.at(F - 0.3), C, "sre-bot@automation-prod.iam.gserviceaccount.com", "io.chaos-mesh.v1alpha1.dnschaos.create",
                  "chaos-mesh.org/v1alpha1/namespaces/n8n/dnschaos/ext-api-dns-random", "chaos-mesh.org.dnschaos.create",
                  body={"kind": "DNSChaos", "metadata": {"name": "ext-api-dns-random", "namespace": "n8n"},
                        "spec": {"action": "random", "mode": "all", "patterns": ["hooks.slack.com", "api.hubapi.com", "*.zendesk.com"],
                                 "selector": {"labelSelectors": {"app.kubernetes.io/component": "worker"}}, "duration": "30m"}},
                  ua="chaos-dashboard/v2.7.1")
    cm = inc.k8s(C, "chaos-mesh", "chaos-controller-manager-7c6b8d9f5d-mbq8z", "chaos-mesh")
    inc.add(inc.at(F - 0.25), cm, "stderr", "INFO", js={"level": "info", "logger": "dnschaos", "msg": "update dns server rules", "chaos": "n8n/ext-api-dns-random", "action": "random", "patterns": "hooks.slack.com,api.hubapi.com,*.zendesk.com"})
    for p in wkr:
        inc.add(inc.at(F - 0.2), cm, "stderr", "INFO", js={"level": "info", "logger": "dnschaos", "msg": "set dns server for pod", "pod": "n8n/" + p, "dnsServer": "10.20.14.77"})
    inc.add(inc.at(F - 0.18), chdns, "stdout", "INFO", text="[INFO] plugin/k8s_dns_chaos: update chaos rule n8n/ext-api-dns-random action=random scope=outer pods=3")
    def chq(t):
        inc.add(t, chdns, "stdout", "INFO", text='[INFO] 10.8.%d.%d:%d - %d "A IN %s. udp 44 false 512" NOERROR qr,aa,rd 64 0.000%03ds' % (inc.rng.randint(0, 3), inc.rng.randint(2, 250), inc.rng.randint(30000, 60000), inc.rng.randint(1, 65000), inc.rng.choice(["hooks.slack.com", "api.hubapi.com", "kestrel.zendesk.com", "api.stripe.com", "sheets.googleapis.com", "n8n-postgres.n8n.svc.cluster.local"]), inc.rng.randint(50, 999)))
    inc.poisson(8, chq, F, END)
    inc.add(inc.at(END), chdns, "stdout", "INFO", text="[INFO] plugin/k8s_dns_chaos: remove chaos rule n8n/ext-api-dns-random")
    # symptoms
    def fail(t):
        host = inc.rng.choice(["hooks.slack.com", "api.hubapi.com", "kestrel.zendesk.com"])
        ip = "%d.%d.%d.%d" % (inc.rng.randint(1, 223), inc.rng.randint(0, 255), inc.rng.randint(0, 255), inc.rng.randint(1, 254))
        m = inc.rng.choice(["connect ETIMEDOUT %s:443" % ip, "connect ECONNREFUSED %s:443" % ip,
                            "Hostname/IP does not match certificate's altnames: Host: %s. is not in the cert's altnames: DNS:*.%s" % (host, inc.rng.choice(["akamaihd.net", "cloudflaressl.com", "hinet.net", "example.org"])),
                            "self-signed certificate"])
        node = {"hooks.slack.com": "Slack", "api.hubapi.com": "HubSpot", "kestrel.zendesk.com": "Zendesk"}[host]
        w = inc.rng.choice([x for x in wfs if x[1] in (14, 31, 9, 40)])
        inc.add(t, inc.k8s(C, "n8n", inc.rng.choice(wkr), "n8n"), "stdout", "INFO",
                js={"level": "error", "message": "NodeApiError: The service refused the connection - perhaps it is offline" if "REFUSED" in m else "NodeApiError: %s" % m,
                    "metadata": {"workflowId": str(w[1]), "node": node, "cause": m, "timestamp": iso(t)[:23] + "Z", "file": "ErrorReporter.js"}})
        if inc.rng.random() < 0.5:
            inc.add(t + 0.01, inc.k8s(C, "n8n", inc.rng.choice(wkr), "n8n"), "stdout", "INFO",
                    js={"level": "info", "message": "Workflow execution finished with an error", "metadata": {"workflowId": str(w[1]), "executionId": str(inc.rng.randint(200000, 260000)), "timestamp": iso(t)[:23] + "Z"}})
    inc.poisson(10, fail, F + 0.2, END)
    inc.write({"title": "n8n Slack/HubSpot/Zendesk nodes fail with timeouts and certificate altname errors: DNSChaos 'random' answers for external API domains",
               "root_cause": {"evidence": ["dnschaos", "k8s_dns_chaos", "ext-api-dns-random"], "category": "network", "must_mention": ["DNS"]},
               "symptoms": [{"evidence": "does not match certificate's altnames"}, {"evidence": "connect ETIMEDOUT"}, {"evidence": "Workflow execution finished with an error"}],
               "distractors": [{"evidence": "Requested entity was not found"}], "priority": "P2"})


# =====================================================================================
# 6. Plausible on GCE: Litmus gcp-vm-disk-loss detaches the Postgres data disk
# =====================================================================================
def inc_plausible_disk():
    inc = Inc("plausible-pg-disk-detached", "analytics-prod-381", "2026-11-12T08:30:00", 40)
    app = inc.gce("7731200551893340011", "us-east1-c"); appl = {"compute.googleapis.com/resource_name": "plausible-app-1"}
    app2 = inc.gce("7731200551893340012", "us-east1-d"); appl2 = {"compute.googleapis.com/resource_name": "plausible-app-2"}
    pg = inc.gce("7731200551893349001", "us-east1-c"); pgl = {"compute.googleapis.com/resource_name": "plausible-pg-1"}
    F = 14.2; RE = 29.3
    lbres = inc.lb("plausible-be", "plausible-https-fr", "plausible-um")
    def fault(t, path):
        if t >= inc.at(F + 0.2) and not path.startswith("/api/event") and not path.startswith("/js/") and path != "/api/health":
            if inc.rng.random() < 0.85: return (500, inc.rng.uniform(0.01, 5.0))
        return None
    routes = [(60, "POST", "/api/event", 0.005), (15, "GET", "/js/script.js", 0.002), (6, "GET", lambda r: "/api/stats/%s/main-graph?period=30d" % r.choice(["kestrel.dev", "blog.kestrel.dev", "fieldnotes.app"]), 0.15),
              (4, "GET", lambda r: "/api/stats/%s/sources?period=7d" % r.choice(["kestrel.dev", "fieldnotes.app"]), 0.1), (3, "GET", lambda r: "/%s" % r.choice(["kestrel.dev", "fieldnotes.app", "sites"]), 0.08),
              (1, "POST", "/login", 0.2), (2, "GET", "/api/health", 0.002)]
    inc.traffic(lbres, "stats.kestrel.dev", 110, routes, fault)
    def ex(r, t):
        return "%s request_id=F%s [info] %s" % (time.strftime("%H:%M:%S", time.gmtime(t)) + ".%03d" % r.randint(0, 999), inc.hx(16), r.choice(["GET /api/stats/kestrel.dev/main-graph", "Sent 200 in %dms" % r.randint(10, 400), "POST /api/event", "Sent 202 in %dµs" % r.randint(200, 900)]))
    for v, l in ((app, appl), (app2, appl2)):
        inc.chatter(v, "plausible", 16, [(10, "INFO", ex),
            (1, "WARNING", lambda r, t: "%s [warning] Bamboo.SMTPAdapter: weekly report delivery failed for %s: 550 5.1.1 Mailbox unavailable" % (time.strftime("%H:%M:%S", time.gmtime(t)) + ".%03d" % r.randint(0, 999), r.choice(["ops@oldco.io", "marketing@kestrel.dev.invalid", "j.doe@example.net"])))], labels=l)
        inc.chatter(v, "plausible", 8, [(1, "INFO", lambda r, t: "%s [info] Oban.Plugins.Cron: job=%s" % (time.strftime("%H:%M:%S", time.gmtime(t)) + ".%03d" % r.randint(0, 999), r.choice(["Plausible.Workers.ScheduleEmailReports", "Plausible.Workers.CleanInvitations", "Plausible.Workers.ExpireDomainChangeTransitions"])))], b=F, labels=l)
    # postgres normal
    def pglog(t, lvl, msg, sev="INFO"):
        inc.add(t, pg, "postgresql_general", sev, js={"level": lvl, "message": msg, "tid": inc.rng.randint(1000, 30000), "user": "plausible", "database": "plausible_db"}, labels=pgl)
    inc.poisson(1.0, lambda t: pglog(t, "LOG", inc.rng.choice(["checkpoint starting: time", "checkpoint complete: wrote 214 buffers (1.3%)", "automatic vacuum of table \"plausible_db.public.oban_jobs\": index scans: 1"])), b=F)
    def sysl(v, l, t, msg, sev="INFO"):
        inc.add(t, v, "syslog", sev, js={"message": "%s %s %s" % (time.strftime("%b %d %H:%M:%S", time.gmtime(t)), l["compute.googleapis.com/resource_name"], msg)}, labels=l)
    inc.poisson(0.5, lambda t: sysl(pg, pgl, t, inc.rng.choice(["systemd[1]: Starting Cleanup of Temporary Directories...", "google_osconfig_agent[901]: OSConfig Agent (version 20250616.00) started.", "CRON[22114]: (postgres) CMD (/usr/local/bin/pg_backup_check.sh)"])))
    # cause: audit detachDisk by litmus SA, plus litmus runner text in the chaos GKE cluster
    inc.gcp_audit(inc.at(F - 0.05), pg, "litmus-chaos@analytics-prod-381.iam.gserviceaccount.com", "compute.googleapis.com", "v1.compute.instances.detachDisk",
                  "projects/analytics-prod-381/zones/us-east1-c/instances/plausible-pg-1", request={"@type": "type.googleapis.com/compute.instances.detachDisk", "deviceName": "pgdata"})
    inc.gcp_audit(inc.at(F + 0.15), pg, "litmus-chaos@analytics-prod-381.iam.gserviceaccount.com", "compute.googleapis.com", "v1.compute.instances.detachDisk",
                  "projects/analytics-prod-381/zones/us-east1-c/instances/plausible-pg-1", first=False)
    lit = inc.k8s("ops-gke", "litmus", "gcp-vm-disk-loss-k2v9qa-w7d6n", "gcp-vm-disk-loss-k2v9qa", "us-east1")
    for d, m in [(-0.4, "[PreReq]: Getting the ENV for the gcp-vm-disk-loss experiment"), (-0.3, "[Info]: The disk volumes are: DISK_VOLUME_NAMES=plausible-pgdata ZONES=us-east1-c"),
                 (-0.1, "[Chaos]: Detaching the disk volume plausible-pgdata from the instance plausible-pg-1"), (0.25, "[Info]: The disk volume plausible-pgdata is detached"),
                 (0.3, "[Wait]: Waiting for 900s till the end of chaos"), (RE - F, "[Chaos]: Attaching the disk volume plausible-pgdata back to the instance plausible-pg-1"), (RE - F + 0.5, "[Info]: The disk volume plausible-pgdata is attached")]:
        t = inc.at(F) + d * 60
        inc.add(t, lit, "stderr", "INFO", text='time="%s" level=info msg="%s"' % (time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t)), m))
    inc.gcp_audit(inc.at(RE), pg, "litmus-chaos@analytics-prod-381.iam.gserviceaccount.com", "compute.googleapis.com", "v1.compute.instances.attachDisk",
                  "projects/analytics-prod-381/zones/us-east1-c/instances/plausible-pg-1", request={"@type": "type.googleapis.com/compute.instances.attachDisk", "deviceName": "pgdata", "source": "projects/analytics-prod-381/zones/us-east1-c/disks/plausible-pgdata"})
    # kernel + postgres symptoms
    k = inc.at(F) + 1.5
    for i, m in enumerate(["sd 0:0:2:0: [sdb] Synchronizing SCSI cache", "sd 0:0:2:0: [sdb] Synchronize Cache(10) failed: Result: hostbyte=DID_BAD_TARGET driverbyte=DRIVER_OK",
                           "blk_update_request: I/O error, dev sdb, sector 41951232 op 0x1:(WRITE) flags 0x800 phys_seg 1 prio class 0",
                           "Buffer I/O error on dev sdb, logical block 5243904, lost async page write",
                           "EXT4-fs error (device sdb): ext4_find_entry:1455: inode #2: comm postgres: reading directory lblock 0",
                           "EXT4-fs (sdb): I/O error while writing superblock", "Aborting journal on device sdb-8.", "EXT4-fs (sdb): Remounting filesystem read-only"]):
        sysl(pg, pgl, k + i * 0.7, "kernel: [%d.%06d] %s" % (912034 + i, inc.rng.randint(0, 999999), m), "ERROR" if "error" in m.lower() else "INFO")
    def blk(t):
        sysl(pg, pgl, t, "kernel: [%d.%06d] blk_update_request: I/O error, dev sdb, sector %d op 0x0:(READ) flags 0x80700 phys_seg 1 prio class 0" % (912100 + int(t) % 1000, inc.rng.randint(0, 999999), inc.rng.randint(1000000, 99999999)), "ERROR")
    inc.poisson(1.2, blk, F + 0.2, RE)
    pglog(inc.at(F) + 4, "PANIC", "could not fdatasync file \"000000010000003A000000C2\": Input/output error", "CRITICAL")
    pglog(inc.at(F) + 4.3, "LOG", "WAL writer process (PID 1187) was terminated by signal 6: Aborted")
    pglog(inc.at(F) + 4.4, "LOG", "terminating any other active server processes")
    pglog(inc.at(F) + 5.0, "LOG", "all server processes terminated; reinitializing")
    pglog(inc.at(F) + 5.2, "FATAL", "could not open file \"global/pg_control\": Input/output error", "ERROR")
    def restart(t):
        sysl(pg, pgl, t, "systemd[1]: postgresql@16-main.service: Failed with result 'exit-code'.", "ERROR")
        pglog(t + 0.5, "FATAL", "data directory \"/mnt/pgdata/16/main\" does not exist" if t < inc.at(RE) else "could not open file \"global/pg_control\": Read-only file system", "ERROR")
    inc.every(90, restart, F + 1, None)
    def ectoerr(t):
        v, l = inc.rng.choice([(app, appl), (app2, appl2)])
        m = inc.rng.choice(["[error] Postgrex.Protocol (#PID<0.%d.0>) failed to connect: ** (DBConnection.ConnectionError) tcp connect (10.142.0.7:5432): connection refused - :econnrefused" % inc.rng.randint(2000, 9000),
                            "[error] ** (DBConnection.ConnectionError) connection not available and request was dropped from queue after %dms. This means requests are coming in and your connection pool cannot serve them fast enough." % inc.rng.randint(2000, 5000),
                            "[error] #PID<0.%d.0> running PlausibleWeb.Endpoint (connection #PID<0.%d.0>, stream id 1) terminated\nServer: stats.kestrel.dev:80 (http)\nRequest: GET /api/stats/kestrel.dev/main-graph" % (inc.rng.randint(2000, 9000), inc.rng.randint(2000, 9000))])
        inc.add(t, v, "plausible", "ERROR", text="%s request_id=F%s %s" % (time.strftime("%H:%M:%S", time.gmtime(t)) + ".%03d" % inc.rng.randint(0, 999), inc.hx(16), m), labels=l)
    inc.poisson(14, ectoerr, F + 0.15, None)
    inc.write({"title": "Plausible dashboards and logins fail: Litmus gcp-vm-disk-loss detached the Postgres data disk from plausible-pg-1",
               "root_cause": {"evidence": ["v1.compute.instances.detachDisk", "gcp-vm-disk-loss", "Detaching the disk volume"], "category": "other", "must_mention": ["detach", "disk"]},
               "symptoms": [{"evidence": "Remounting filesystem read-only"}, {"evidence": "Input/output error"}, {"evidence": "DBConnection.ConnectionError"}],
               "distractors": [{"evidence": "Mailbox unavailable"}], "priority": "P1"})


# =====================================================================================
# 7. Vitess: chaos sets super_read_only on the commerce primary; VTOrc recoveries disabled
# =====================================================================================
def vitess_common(inc, C):
    vtg = pods(inc.rng, "vtgate-zone1", 3); api = pods(inc.rng, "orders-api", 4)
    tabs = {"100": "vttablet-zone1-0000000100-primary", "101": "vttablet-zone1-0000000101", "102": "vttablet-zone1-0000000102"}
    lbres = inc.lb("k8s1-bb21-shop-orders-api-8080", "k8s2-fr-orders", "k8s2-um-orders")
    return vtg, api, tabs, lbres

def vitess_noise(inc, C, vtg, api, tabs, lbres, fault=None):
    routes = [(30, "GET", lambda r: "/v1/orders/%d" % r.randint(10**6, 9 * 10**6), 0.02), (20, "POST", "/v1/orders", 0.06), (10, "GET", "/v1/customers/me/orders?limit=20", 0.04),
              (8, "PATCH", lambda r: "/v1/orders/%d/status" % r.randint(10**6, 9 * 10**6), 0.04), (6, "POST", "/v1/carts/checkout", 0.08), (2, "GET", "/healthz", 0.002)]
    inc.traffic(lbres, "orders.kestrelmart.com", 90, routes, fault)
    def zap(r, t):
        return {"level": "info", "ts": round(t, 3), "caller": r.choice(["orders/handler.go:141", "orders/repo.go:88", "cart/checkout.go:212"]), "msg": r.choice(["order created", "order fetched", "order status updated", "checkout completed"]), "order_id": r.randint(10**6, 9 * 10**6), "latency_ms": r.randint(2, 90)}
    for p in api:
        inc.chatter(inc.k8s(C, "shop", p, "orders-api"), "stdout", 16, [(1, "INFO", zap)])
    def glog(r, t, lvl="I"):
        return "%s%s %5d %s" % (lvl, time.strftime("%m%d %H:%M:%S", time.gmtime(t)) + ".%06d" % r.randint(0, 999999), 1, "")
    for p in vtg:
        inc.chatter(inc.k8s(C, "vitess", p, "vtgate"), "stderr", 2, [(1, "INFO", lambda r, t: glog(r, t) + r.choice(["tablet_health_check.go:329] HealthCheckUpdate(Serving State): tablet: zone1-0000000101 (10.8.2.31) serving true => true for commerce/- (replica) reason: healthCheck update", "discoverygateway.go:127] keyspace events: commerce/- serving", "plan_cache.go:55] plan cache size 1492/5000"])),
            (1, "WARNING", lambda r, t: glog(r, t, "W") + "log.go:42] [vtgate] slow query (%.1fs) on customer: SELECT o.* FROM orders o JOIN order_items ... /* reporting-svc */" % r.uniform(1.1, 3.5))])
    for tid, name in tabs.items():
        inc.chatter(inc.k8s(C, "vitess", name, "vttablet"), "stderr", 1.5, [(1, "INFO", lambda r, t, tid=tid: glog(r, t) + r.choice(["tm_state.go:377] Publishing state: alias:{cell:\"zone1\" uid:%s} keyspace:\"commerce\" shard:\"-\"" % tid, "query_engine.go:389] Query plan cache hits 91%%", "tx_pool.go:291] transaction pool: 3/20 active"])),
            *([(1, "WARNING", lambda r, t: glog(r, t, "W") + "replication.go:102] replication lag %ds on zone1-0000000102 exceeds 2s (backup in progress)" % r.randint(3, 8))] if tid == "102" else [])])
    vto = inc.k8s(C, "vitess", "vtorc-commerce-6cc9d7b4f8-pw2xd", "vtorc")
    return vto

def inc_vitess_readonly():
    inc = Inc("vitess-primary-super-read-only", "kestrelmart-prod", "2026-11-13T17:00:00", 38)
    C = "kestrelmart-gke"; F = 9.1
    vtg, api, tabs, lbres = vitess_common(inc, C)
    def fault(t, path):
        if t >= inc.at(F + 0.1) and (path == "/v1/orders" or path.endswith("/status") or path == "/v1/carts/checkout"):
            return (500, inc.rng.uniform(0.01, 0.05))
        return None
    vto = vitess_noise(inc, C, vtg, api, tabs, lbres, fault)
    glog = lambda t, lvl="I": "%s%s %5d " % (lvl, time.strftime("%m%d %H:%M:%S", time.gmtime(t)) + ".%06d" % inc.rng.randint(0, 999999), 1)
    # VTOrc recoveries were globally disabled (quiet, earlier)
    inc.add(inc.at(1.2), vto, "stderr", "INFO", text=glog(inc.at(1.2)) + "api.go:232] Global recoveries disabled via /api/disable-global-recoveries (caller 10.8.0.14)")
    # cause: chaos job executes SET GLOBAL super_read_only via vtctldclient ExecuteFetchAsDBA
    job = inc.k8s(C, "chaos", "chaos-vt-readonly-29386380-l9t2c", "chaos")
    for d, m in [(0, "chaos step 1/2: target=commerce/- primary=zone1-0000000100"),
                 (0.6, "chaos step 2/2: vtctldclient ExecuteFetchAsDBA zone1-0000000100 \"SET GLOBAL super_read_only = 'ON'\""),
                 (1.4, "chaos step done, hold=45m rollback=\"SET GLOBAL super_read_only = 'OFF'\"")]:
        inc.add(inc.at(F) - 2 + d, job, "stdout", "INFO", text="%s %s" % (iso(inc.at(F) - 2 + d)[:19] + "Z", m))
    vtctld = inc.k8s(C, "vitess", "vtctld-58b7c9f6d4-h7k2r", "vtctld")
    inc.add(inc.at(F) - 1.3, vtctld, "stderr", "INFO", text=glog(inc.at(F) - 1.3) + "server.go:1342] ExecuteFetchAsDBA(tablet=zone1-0000000100, query=\"SET GLOBAL super_read_only = 'ON'\", max_rows=10000, disable_binlogs=false, reload_schema=false)")
    # vtorc detection but no recovery
    def vtorc(t):
        inc.add(t, vto, "stderr", "WARNING", text=glog(t, "W") + "recovery.go:821] executeCheckAndRecoverFunction: analysis: PrimaryIsReadOnly, InstanceAlias: zone1-0000000100, Keyspace: commerce, Shard: -: skipping recovery, global recoveries are disabled")
    inc.every(15, vtorc, F + 0.2, None)
    inc.chatter(vto, "stderr", 2, [(1, "INFO", lambda r, t: glog(t) + "discovery.go:%d] Discovered %s" % (r.randint(100, 300), r.choice(["zone1-0000000100", "zone1-0000000101", "zone1-0000000102"])))])
    # symptoms
    def err(t):
        sql = inc.rng.choice(["insert into orders(customer_id, status, total_cents, created_at) values (:vtg1, :vtg2, :vtg3, now())",
                              "update orders set status = :vtg1 where id = :vtg2", "insert into order_items(order_id, sku, qty, price_cents) values (:vtg1, :vtg2, :vtg3, :vtg4)"])
        e = "target: commerce.-.primary: vttablet: rpc error: code = FailedPrecondition desc = The MySQL server is running with the --super-read-only option so it cannot execute this statement (errno 1290) (sqlstate HY000) (CallerID: orders-api): Sql: \"%s\"" % sql
        inc.add(t, inc.k8s(C, "shop", inc.rng.choice(api), "orders-api"), "stdout", "ERROR",
                js={"level": "error", "ts": round(t, 3), "caller": "orders/repo.go:131", "msg": "write failed", "error": e})
        if inc.rng.random() < 0.35:
            inc.add(t + 0.002, inc.k8s(C, "vitess", inc.rng.choice(vtg), "vtgate"), "stderr", "ERROR", text=glog(t, "E") + "vtgate.go:586] Execute: target: commerce.-.primary: vttablet: rpc error: code = FailedPrecondition desc = The MySQL server is running with the --super-read-only option so it cannot execute this statement (errno 1290) (sqlstate HY000)")
    inc.poisson(40, err, F + 0.1, None)
    def tabe(t):
        inc.add(t, inc.k8s(C, "vitess", tabs["100"], "vttablet"), "stderr", "WARNING", text=glog(t, "W") + "tabletserver.go:1568] FailedPrecondition: The MySQL server is running with the --super-read-only option so it cannot execute this statement (errno 1290) (sqlstate HY000) (CallerID: orders-api): Sql: \"insert into orders ...\", BindVars: {REDACTED}")
    inc.poisson(8, tabe, F + 0.1, None)
    inc.write({"title": "All order writes fail with errno 1290: chaos job set super_read_only=ON on the commerce primary and VTOrc recoveries were disabled",
               "root_cause": {"evidence": ["SET GLOBAL super_read_only = 'ON'"], "category": "database", "must_mention": ["read_only", "primary"]},
               "symptoms": [{"evidence": "--super-read-only option"}, {"evidence": "PrimaryIsReadOnly"}, {"evidence": "write failed"}],
               "distractors": [{"evidence": "backup in progress"}, {"evidence": "reporting-svc"}], "priority": "P0"})


def inc_vitess_healthy():
    inc = Inc("healthy-vitess-orders", "kestrelmart-prod", "2026-11-16T11:20:00", 44)
    C = "kestrelmart-gke"
    vtg, api, tabs, lbres = vitess_common(inc, C)
    vto = vitess_noise(inc, C, vtg, api, tabs, lbres)
    glog = lambda t, lvl="I": "%s%s %5d " % (lvl, time.strftime("%m%d %H:%M:%S", time.gmtime(t)) + ".%06d" % inc.rng.randint(0, 999999), 1)
    inc.chatter(vto, "stderr", 2, [(1, "INFO", lambda r, t: glog(t) + "discovery.go:%d] Discovered %s" % (r.randint(100, 300), r.choice(["zone1-0000000100", "zone1-0000000101", "zone1-0000000102"])))])
    bk = inc.k8s(C, "vitess", "vtbackup-commerce-29390420-5kq8d", "vtbackup")
    for i, m in enumerate(["backup.go:171] Starting backup commerce/- from zone1-0000000102", "xtrabackupengine.go:340] xtrabackup stderr: completed OK!", "backup.go:242] Backup 2026-11-16.112400.zone1-0000000102 completed in 7m41s"]):
        inc.add(inc.at(4 + i * 4), bk, "stderr", "INFO", text=glog(inc.at(4 + i * 4)) + m)
    def oneerr(t):
        inc.add(t, inc.k8s(C, "shop", inc.rng.choice(api), "orders-api"), "stdout", "WARNING", js={"level": "warn", "ts": round(t, 3), "caller": "cart/checkout.go:240", "msg": "payment declined", "reason": inc.rng.choice(["card_declined", "insufficient_funds", "expired_card"])})
    inc.poisson(1.5, oneerr)
    inc.write({"title": "Healthy Vitess orders window (replica backup with lag warnings, slow reporting queries, card declines)",
               "root_cause": None, "symptoms": [], "distractors": [{"evidence": "backup in progress"}, {"evidence": "payment declined"}], "priority": "none"})


# =====================================================================================
# 8. Mattermost on GKE + Cilium: PodChaos pod-failure on one node's cilium-agent
# =====================================================================================
def inc_mattermost_cilium():
    inc = Inc("mattermost-cilium-agent-pod-failure", "chatops-prod", "2026-11-14T12:00:00", 46)
    C = "chat-gke"; F = 4.4; END = F + 30
    node = "gke-chat-gke-pool-2-7f3a1c2e-q8zn"
    mm = pods(inc.rng, "mattermost", 4)
    lbres = inc.lb("k8s1-51c0-mattermost-mattermost-8065", "k8s2-fr-chat", "k8s2-um-chat")
    routes = [(30, "GET", lambda r: "/api/v4/channels/%s/posts?page=0&per_page=30" % inc.hx(26), 0.05), (15, "POST", "/api/v4/posts", 0.06),
              (10, "GET", "/api/v4/users/me/teams/unread", 0.02), (10, "GET", "/api/v4/websocket", 0.01), (5, "GET", "/api/v4/system/ping", 0.002),
              (4, "POST", "/api/v4/files", 0.3), (3, "GET", "/api/v4/users/status/ids", 0.02)]
    inc.traffic(lbres, "chat.kestrel.dev", 75, routes)
    def mml(r, t):
        return {"timestamp": time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(t)) + ".%03dZ" % r.randint(0, 999), "level": "info", "msg": r.choice(["Post.Create", "Websocket.Connect", "Scheduled job completed", "Inserting elasticsearch? no"]).replace("Inserting elasticsearch? no", "Session cache hit"),
                "caller": r.choice(["app/post.go:412", "web/handlers.go:187", "jobs/workers.go:99", "app/session.go:88"]), "request_id": inc.hx(26)}
    for p in mm:
        inc.chatter(inc.k8s(C, "mattermost", p, "mattermost"), "stdout", 14, [(12, "INFO", mml),
            (1, "WARNING", lambda r, t: {"timestamp": time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(t)) + ".000Z", "level": "warn", "msg": "Failed to send push notification", "caller": "app/notification_push.go:641", "error": "push proxy returned 410: device token is no longer valid", "platform": r.choice(["android_rn", "apple_rn"])}),
            (1, "ERROR", lambda r, t: {"timestamp": time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(t)) + ".000Z", "level": "error", "msg": "plugin com.github.manland.mattermost-plugin-gitlab: failed to refresh OAuth token", "caller": "plugin/hclog_adapter.go:69", "error": "oauth2: \"invalid_grant\""})])
    # cilium agents on 3 nodes
    nodes = ["gke-chat-gke-pool-2-7f3a1c2e-4m2k", node, "gke-chat-gke-pool-2-7f3a1c2e-wx91"]
    cil = {n: "cilium-%s" % inc.hx(5) for n in nodes}
    for n in nodes:
        inc.chatter(inc.k8s(C, "kube-system", cil[n], "cilium-agent"), "stdout", 3, [(1, "INFO", lambda r, t: 'level=info msg="%s" subsys=%s' % r.choice([("Regenerating endpoint", "endpoint"), ("Rewrote endpoint BPF program", "endpoint"), ("Policy imported via API, recalculating...", "daemon"), ("Compiled new BPF template", "datapath-loader")]))],
                    b=(F if n == node else None))
    inc.chatter(inc.k8s(C, "kube-system", "cilium-operator-6d9c7f8b5-2kqlx", "cilium-operator"), "stdout", 1, [(1, "INFO", lambda r, t: 'level=info msg="%s" subsys=%s' % r.choice([("CiliumIdentity garbage collected", "identity-gc"), ("Synchronized CiliumNode resources", "ipam")]))])
    # cause
    inc.k8s_audit(inc.at(F - 0.2), C, "chaos-runner@chatops-prod.iam.gserviceaccount.com", "io.chaos-mesh.v1alpha1.podchaos.create",
                  "chaos-mesh.org/v1alpha1/namespaces/kube-system/podchaos/cni-agent-failure", "chaos-mesh.org.podchaos.create",
                  body={"kind": "PodChaos", "metadata": {"name": "cni-agent-failure", "namespace": "kube-system"},
                        "spec": {"action": "pod-failure", "mode": "one", "duration": "30m", "selector": {"labelSelectors": {"k8s-app": "cilium"}, "nodes": [node]}}})
    cp = cil[node]
    inc.kevent(inc.at(F), C, "kube-system", "Pod", cp, "Killing", "Container cilium-agent definition changed, will be restarted", node=node)
    inc.kevent(inc.at(F) + 3, C, "kube-system", "Pod", cp, "Pulled", "Container image \"gcr.io/google-containers/pause:latest\" already present on machine", node=node)
    inc.kevent(inc.at(F) + 4, C, "kube-system", "Pod", cp, "Started", "Started container cilium-agent", node=node)
    def probe(t):
        inc.kevent(t, C, "kube-system", "Pod", cp, "Unhealthy", "Readiness probe failed: Get \"http://127.0.0.1:9879/healthz\": dial tcp 127.0.0.1:9879: connect: connection refused", typ="Warning", node=node, count=inc.rng.randint(2, 90))
    inc.every(60, probe, F + 0.5, END)
    inc.kevent(inc.at(END), C, "kube-system", "Pod", cp, "Killing", "Container cilium-agent definition changed, will be restarted", node=node)
    # symptoms: HPA scale-up pods land on node and fail sandbox; cronjob pod too
    new = ["mattermost-7d9f8c6b54-%s" % inc.hx(5) for _ in range(2)] + ["mattermost-jobserver-29388720-%s" % inc.hx(5)]
    inc.kevent(inc.at(F + 6), C, "mattermost", "HorizontalPodAutoscaler", "mattermost", "SuccessfulRescale", "New size: 6; reason: cpu resource utilization (percentage of request) above target", comp="horizontal-pod-autoscaler")
    for i, p in enumerate(new):
        t0 = inc.at(F + 6.1 + i * 3)
        inc.kevent(t0, C, "mattermost", "Pod", p, "Scheduled", "Successfully assigned mattermost/%s to %s" % (p, node), comp="default-scheduler")
        def sb(t, p=p):
            inc.kevent(t, C, "mattermost", "Pod", p, "FailedCreatePodSandBox", "Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox \"%s\": plugin type=\"cilium-cni\" failed (add): unable to connect to Cilium daemon: failed to create cilium agent client after 30.000000 seconds timeout: Get \"http:///var/run/cilium/cilium.sock/v1/config\": dial unix /var/run/cilium/cilium.sock: connect: no such file or directory" % inc.hx(64), typ="Warning", node=node, count=inc.rng.randint(1, 30))
        inc.every(45, sb, F + 6.6 + i * 3, END)
    kub = inc.k8s_node(C, node)
    def kl(t):
        inc.add(t, kub, "kubelet", "ERROR", text="E%s    2231 pod_workers.go:1301] \"Error syncing pod, skipping\" err=\"failed to \\\"CreatePodSandbox\\\" for \\\"%s_mattermost\\\" with CreatePodSandboxError: \\\"Failed to create sandbox for pod: plugin type=\\\\\\\"cilium-cni\\\\\\\" failed (add): unable to connect to Cilium daemon\\\"\" pod=\"mattermost/%s\"" % (time.strftime("%m%d %H:%M:%S", time.gmtime(t)) + ".%06d" % inc.rng.randint(0, 999999), new[0], new[0]))
    inc.every(40, kl, F + 6.5, END)
    inc.add(inc.at(F + 16), inc.k8s(C, "kube-system", "cilium-operator-6d9c7f8b5-2kqlx", "cilium-operator"), "stdout", "WARNING", text='level=warning msg="Unable to synchronize CiliumNode custom resource" error="node %s heartbeat stale" subsys=ipam' % node)
    inc.kevent(inc.at(F + 20), C, "mattermost", "Deployment", "mattermost", "ProgressDeadlineExceeded", "ReplicaSet \"mattermost-7d9f8c6b54\" has timed out progressing.", typ="Warning", comp="deployment-controller")
    inc.write({"title": "Scaled-up Mattermost pods stuck ContainerCreating on one node: PodChaos pod-failure replaced that node's cilium-agent with a pause container",
               "root_cause": {"evidence": ["podchaos", "cni-agent-failure", "gcr.io/google-containers/pause"], "category": "network", "must_mention": ["cilium"]},
               "symptoms": [{"evidence": "FailedCreatePodSandBox"}, {"evidence": "unable to connect to Cilium daemon"}, {"evidence": "ProgressDeadlineExceeded"}],
               "distractors": [{"evidence": "device token is no longer valid"}, {"evidence": "mattermost-plugin-gitlab"}], "priority": "P3"})


# =====================================================================================
# 9. Immich on GCE: chaosd deletes the .immich folder-check marker; watchtower restart crashloops
# =====================================================================================
def inc_immich_marker():
    inc = Inc("immich-marker-file-deleted", "homelab-photos", "2026-11-15T06:40:00", 48)
    vm = inc.gce("3390118874450012231", "us-west1-a"); lab = {"compute.googleapis.com/resource_name": "photos-vm-1"}
    F = 6.5; RS = 21.0
    lbres = inc.lb("immich-be", "immich-https-fr", "immich-um")
    def fault(t, path):
        if t >= inc.at(RS) and path != "/favicon.ico": return (502, inc.rng.uniform(0.001, 0.01), {"statusDetails": "failed_to_connect_to_backend"})
        return None
    routes = [(30, "GET", lambda r: "/api/assets/%s/thumbnail?size=thumbnail" % uuid(r), 0.03), (10, "GET", "/api/timeline/buckets?size=MONTH&isArchived=false", 0.08),
              (6, "GET", lambda r: "/api/assets/%s/original" % uuid(r), 0.4), (6, "POST", "/api/assets", 0.9), (4, "GET", "/api/server/ping", 0.002),
              (3, "GET", "/api/users/me", 0.01), (3, "GET", "/favicon.ico", 0.001)]
    inc.traffic(lbres, "photos.kestrel.home.arpa", 58, routes, fault)
    def dk(name, image, data, t, sev="INFO"):
        inc.add(t, vm, "gcplogs-docker-driver", sev, js={"container": {"name": "/" + name, "imageName": image, "id": inc.hx(64), "created": "2026-11-01T09:14:21.1Z"},
                "instance": {"id": "3390118874450012231", "name": "photos-vm-1", "zone": "us-west1-a"}, "data": data}, labels=lab)
    def nest(t, lvl, ctx, msg, pid=7):
        lt = time.gmtime(t)
        return "[Nest] %d  - %s %5s [%s] %s" % (pid, time.strftime("%m/%d/%Y, %-I:%M:%S %p", lt), lvl, ctx, msg)
    def srv_ok(t):
        dk("immich_server", "ghcr.io/immich-app/immich-server:v2.2.1", nest(t, "LOG", inc.rng.choice(["Api:EventRepository~%s" % inc.hx(8), "Microservices:JobService", "Microservices:MediaService"]),
           inc.rng.choice(["Websocket Connect:    %s" % inc.hx(20), "Websocket Disconnect: %s" % inc.hx(20), "Job thumbnailGeneration finished", "Generated thumbnail for asset %s" % uuid(inc.rng)])), t)
    inc.poisson(12, srv_ok, b=RS)
    def ml(t):
        dk("immich_machine_learning", "ghcr.io/immich-app/immich-machine-learning:v2.2.1", "[%s] [INFO] Loading visual model 'ViT-B-32__openai' to memory" % time.strftime("%m/%d/%y %H:%M:%S", time.gmtime(t)) if inc.rng.random() < 0.3 else
           "[%s] [INFO] 10.0.%d.%d:0 - \"POST /predict HTTP/1.1\" 200" % (time.strftime("%m/%d/%y %H:%M:%S", time.gmtime(t)), inc.rng.randint(0, 3), inc.rng.randint(2, 9)), t)
    inc.poisson(4, ml, b=RS)
    def mlwarn(t):
        dk("immich_machine_learning", "ghcr.io/immich-app/immich-machine-learning:v2.2.1", "[%s] [WARNING] Failed to download model 'buffalo_l' from huggingface: 429 Client Error: Too Many Requests for url: https://huggingface.co/api/models/immich-app/buffalo_l" % time.strftime("%m/%d/%y %H:%M:%S", time.gmtime(t)), t, "WARNING")
    inc.poisson(0.6, mlwarn)
    def pg(t):
        dk("immich_postgres", "ghcr.io/immich-app/postgres:14-vectorchord0.4.3", "%s UTC [%d] LOG:  %s" % (time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(t)) + ".%03d" % inc.rng.randint(0, 999), inc.rng.randint(30, 900), inc.rng.choice(["checkpoint starting: time", "checkpoint complete: wrote 88 buffers (0.5%)"])), t)
    inc.poisson(0.5, pg)
    def redis(t):
        dk("immich_redis", "docker.io/valkey/valkey:8-bookworm", "1:M %s * 100 changes in 300 seconds. Saving..." % time.strftime("%d %b %Y %H:%M:%S", time.gmtime(t)), t)
    inc.poisson(0.4, redis)
    def sysl(t, msg, sev="INFO"):
        inc.add(t, vm, "syslog", sev, js={"message": "%s photos-vm-1 %s" % (time.strftime("%b %d %H:%M:%S", time.gmtime(t)), msg)}, labels=lab)
    # cause (quiet): chaosd file delete
    t = inc.at(F)
    sysl(t, "chaosd[4102]: [%s] [INFO] [attack.go:72] [\"chaosd attack file delete\"] [dir-name=/srv/immich/library/encoded-video] [file-name=.immich] [uid=%s]" % (time.strftime("%Y/%m/%d %H:%M:%S", time.gmtime(t)) + ".114 +00:00", uuid(inc.rng)))
    sysl(t + 0.3, "chaosd[4102]: [%s] [INFO] [file.go:133] [\"delete file\"] [path=/srv/immich/library/encoded-video/.immich] [backup=/var/lib/chaosd/backup/%s]" % (time.strftime("%Y/%m/%d %H:%M:%S", time.gmtime(t)) + ".412 +00:00", inc.hx(12)))
    sysl(t + 0.5, "chaosd[4102]: [%s] [INFO] [server.go:88] [\"attack successfully\"] [kind=file] [action=delete] [recover=manual]" % (time.strftime("%Y/%m/%d %H:%M:%S", time.gmtime(t)) + ".503 +00:00"))
    inc.poisson(0.6, lambda t: sysl(t, inc.rng.choice(["systemd[1]: Starting Daily apt upgrade and clean activities...", "google_guest_agent[788]: Updating keys for user admin.", "systemd-resolved[412]: Clock change detected. Flushing caches."])))
    # watchtower (red herring): new image pulled -> container recreated
    wt = lambda t, m, sev="INFO": dk("watchtower", "containrrr/watchtower:1.7.1", 'time="%s" level=%s msg="%s"' % (time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t)), "info" if sev == "INFO" else "warning", m), t, sev)
    wt(inc.at(RS) - 40, "Found new ghcr.io/immich-app/immich-server:v2.2.2 image (%s)" % inc.hx(12))
    wt(inc.at(RS) - 5, "Stopping /immich_server (%s) with SIGTERM" % inc.hx(12))
    wt(inc.at(RS), "Creating /immich_server")
    wt(inc.at(RS) + 2, "Session done Failed=0 Scanned=5 Updated=1 notify=no")
    # crash loop
    t = inc.at(RS) + 3; n = 0
    while t < inc.t1:
        pid = 7
        img = "ghcr.io/immich-app/immich-server:v2.2.2"
        dk("immich_server", img, "Initializing Immich v2.2.2", t)
        dk("immich_server", img, nest(t + 1.2, "LOG", "Microservices:EventRepository", "Initialized websocket server"), t + 1.2)
        dk("immich_server", img, nest(t + 2.1, "LOG", "Api:DatabaseService", "Database check completed"), t + 2.1)
        dk("immich_server", img, nest(t + 2.4, "ERROR", "Api:StorageService", "Failed to read /usr/src/app/upload/encoded-video/.immich: Error: ENOENT: no such file or directory, open '/usr/src/app/upload/encoded-video/.immich'"), t + 2.4, "ERROR")
        dk("immich_server", img, "Error: Failed to read \"<UPLOAD_LOCATION>/encoded-video/.immich - Please see https://immich.app/docs/administration/system-integrity#folder-checks", t + 2.5, "ERROR")
        for i, ln in enumerate(["    at StorageService.verifyReadAccess (/usr/src/app/server/dist/services/storage.service.js:104:19)",
                                "    at async StorageService.onBootstrap (/usr/src/app/server/dist/services/storage.service.js:51:21)",
                                "    at async EventRepository.emit (/usr/src/app/server/dist/repositories/event.repository.js:128:13)"]):
            dk("immich_server", img, ln, t + 2.51 + i * 0.001, "ERROR")
        dk("immich_server", img, "api worker exited with code 1", t + 2.7, "ERROR")
        n += 1
        t += min(60, 2 ** min(n, 6)) + 6
    def hc(t):
        sysl(t, "dockerd[1203]: time=\"%s\" level=info msg=\"ignoring event\" container=%s module=libcontainerd namespace=moby topic=/tasks/delete type=\"*events.TaskDelete\"" % (iso(t)[:19] + "Z", inc.hx(64)))
    inc.poisson(1.2, hc, RS, None)
    inc.write({"title": "Immich down (502) after watchtower restart: chaosd deleted the encoded-video/.immich folder-check marker, server fails its boot integrity check",
               "root_cause": {"evidence": ["chaosd attack file delete", "[kind=file] [action=delete]"], "category": "other", "must_mention": [".immich"]},
               "symptoms": [{"evidence": "system-integrity#folder-checks"}, {"evidence": "api worker exited with code 1"}, {"evidence": "failed_to_connect_to_backend"}],
               "distractors": [{"evidence": "Found new ghcr.io/immich-app/immich-server"}, {"evidence": "Too Many Requests for url: https://huggingface.co"}], "priority": "P0"})


# =====================================================================================
# 10. Directus: Toxiproxy limit_data toxic truncates large Postgres responses (window opens after)
# =====================================================================================
def inc_directus_limit():
    inc = Inc("directus-pg-limit-data-toxic", "kestrel-cms-prod", "2026-11-17T14:05:00", 35)
    C = "cms-gke"; F = -2.5; END = 31.0
    dx = pods(inc.rng, "directus", 3); site = pods(inc.rng, "kestrel-site", 2)
    lbres = inc.lb("k8s1-0c9e-cms-directus-8055", "k8s2-fr-cms", "k8s2-um-cms")
    big = ("/items/articles?limit=-1", "/items/articles?fields=*.*.*&limit=200", "/items/products?limit=-1&fields=*,translations.*", "/files?limit=500")
    def fault(t, path):
        if t < inc.at(END) and path in big and inc.rng.random() < 0.9: return (503, inc.rng.uniform(0.05, 0.6))
        return None
    routes = [(30, "GET", lambda r: "/items/articles/%d" % r.randint(1, 3000), 0.03), (8, "GET", lambda r: r.choice(big), 0.4), (20, "GET", lambda r: "/assets/%s?width=800" % uuid(r), 0.02),
              (6, "PATCH", lambda r: "/items/articles/%d" % r.randint(1, 3000), 0.06), (4, "GET", "/server/health", 0.003), (8, "GET", "/items/navigation?fields=*", 0.02), (3, "POST", "/auth/refresh", 0.03)]
    inc.traffic(lbres, "cms.kestrel.dev", 70, routes, fault)
    def pino(r, t, lvl=30, msg=None, extra=None, p=None):
        d = {"level": lvl, "time": int(t * 1000), "pid": 1, "hostname": p, "msg": msg or "request completed"}
        if extra: d.update(extra)
        return d
    for p in dx:
        inc.chatter(inc.k8s(C, "cms", p, "directus"), "stdout", 18, [(10, "INFO", lambda r, t, p=p: pino(r, t, 30, None, {"req": {"method": "GET", "url": "/items/articles/%d" % r.randint(1, 3000)}, "res": {"statusCode": 200}, "responseTime": r.randint(4, 80)}, p)),
            (1, "INFO", lambda r, t, p=p: pino(r, t, 40, "Couldn't find extension \"directus-extension-seo-plugin\" in extensions folder, skipping", None, p)),
            (1, "INFO", lambda r, t, p=p: pino(r, t, 30, "Schedule job \"cleanup-sessions\" ran", None, p))])
    def sitelog(r, t):
        return {"severity": "INFO", "message": "ISR revalidate %s in %dms" % (r.choice(["/blog", "/blog/[slug]", "/products", "/"]), r.randint(30, 600))}
    for p in site:
        inc.chatter(inc.k8s(C, "cms", p, "next"), "stdout", 6, [(1, "INFO", sitelog)])
    tp = inc.k8s(C, "cms", "pg-toxiproxy-66f8d9c7b-zt4vn", "toxiproxy")
    runner = inc.k8s(C, "chaos", "toxic-runner-directus-29392565-8ksr4", "runner")
    def tpacc(r, t):
        return {"level": "info", "name": "postgres", "client": "10.8.%d.%d:%d" % (r.randint(0, 3), r.randint(2, 250), r.randint(30000, 60000)), "proxy": "[::]:5432", "upstream": "directus-postgres-primary.cms.svc:5432", "message": "Accepted client"}
    inc.chatter(tp, "stderr", 9, [(1, "INFO", tpacc)], b=END)
    inc.chatter(tp, "stderr", 1, [(1, "INFO", tpacc)], a=END)
    def tpterm(t):
        inc.add(t, tp, "stderr", "INFO", js={"level": "info", "name": "postgres", "client": "10.8.%d.%d:%d" % (inc.rng.randint(0, 3), inc.rng.randint(2, 250), inc.rng.randint(30000, 60000)), "message": "Terminated proxy"})
    inc.poisson(7, tpterm, b=END)
    def st(t):
        inc.add(t, runner, "stdout", "INFO", text="%s toxic-runner: proxy=postgres toxic=limit_data_downstream type=limit_data bytes=65536 toxicity=1.0 status=active remaining=%dm" % (iso(t)[:19] + "Z", max(0, int((inc.at(END) - t) / 60))))
    inc.every(120, st, b=END, phase=40)
    inc.add(inc.at(END), tp, "stderr", "INFO", js={"level": "info", "name": "postgres", "toxic": "limit_data_downstream", "message": "Removed toxic"})
    inc.add(inc.at(END) + 0.5, runner, "stdout", "INFO", text="%s toxic-runner: proxy=postgres toxic limit_data_downstream removed" % (iso(inc.at(END) + 0.5)[:19] + "Z"))
    def err(t):
        p = inc.rng.choice(dx)
        m = inc.rng.choice(["Connection terminated unexpectedly", "Connection terminated unexpectedly", "Knex: Timeout acquiring a connection. The pool is probably full. Are you missing a .transacting(trx) call?"])
        inc.add(t, inc.k8s(C, "cms", p, "directus"), "stdout", "INFO", js={"level": 50, "time": int(t * 1000), "pid": 1, "hostname": p, "msg": m,
                "err": {"type": "Error", "message": m, "stack": "Error: %s\n    at Connection.<anonymous> (/directus/node_modules/.pnpm/pg@8.13.1/node_modules/pg/lib/client.js:132:73)" % m},
                "req": {"method": "GET", "url": inc.rng.choice(big)}})
        inc.add(t + 0.002, inc.k8s(C, "cms", p, "directus"), "stdout", "INFO", js={"level": 30, "time": int(t * 1000) + 2, "pid": 1, "hostname": p, "msg": "request completed", "req": {"method": "GET", "url": inc.rng.choice(big)}, "res": {"statusCode": 503}, "responseTime": inc.rng.randint(40, 600)})
    inc.poisson(9, err, b=END)
    def siteerr(t):
        inc.add(t, inc.k8s(C, "cms", inc.rng.choice(site), "next"), "stdout", "ERROR", js={"severity": "ERROR", "message": "Failed to revalidate /blog: DirectusError: Service Unavailable (GET /items/articles?limit=-1)"})
    inc.poisson(2.5, siteerr, b=END)
    inc.write({"title": "Directus list endpoints 503 with 'Connection terminated unexpectedly': Toxiproxy limit_data toxic cuts Postgres connections after 64 KiB",
               "root_cause": {"evidence": ["type=limit_data", "toxic=limit_data_downstream"], "category": "network", "must_mention": ["limit_data"]},
               "symptoms": [{"evidence": "Connection terminated unexpectedly"}, {"evidence": "Failed to revalidate /blog"}, {"evidence": "Timeout acquiring a connection"}],
               "distractors": [{"evidence": "directus-extension-seo-plugin"}], "priority": "P2"})


# =====================================================================================
# 11. Grafana: KernelChaos injects slab allocation failures into grafana processes
# =====================================================================================
def inc_grafana_kernel():
    inc = Inc("grafana-kernelchaos-slab-failures", "platform-observability", "2026-11-18T20:10:00", 40)
    C = "obs-gke"; F = 11.0; END = F + 20
    gp = pods(inc.rng, "grafana", 2); node = "gke-obs-gke-default-7c31aa90-f2kd"
    lbres = inc.lb("k8s1-a1b2-monitoring-grafana-3000", "k8s2-fr-grafana", "k8s2-um-grafana")
    def fault(t, path):
        if inc.at(F + 0.2) <= t < inc.at(END):
            if path.startswith("/api/ds/query") and inc.rng.random() < 0.35: return (500, inc.rng.uniform(0.01, 0.3))
            if inc.rng.random() < 0.08: return (502, inc.rng.uniform(0.001, 0.01), {"statusDetails": "backend_connection_closed_before_data_sent_to_client"})
        return None
    routes = [(40, "POST", "/api/ds/query?ds_type=prometheus", 0.15), (10, "GET", lambda r: "/api/dashboards/uid/%s" % inc.hx(9), 0.03), (10, "GET", "/api/search?query=&starred=false", 0.03),
              (6, "GET", "/api/live/ws", 0.01), (4, "GET", "/api/health", 0.002), (5, "GET", "/api/prometheus/grafana/api/v1/rules", 0.05)]
    inc.traffic(lbres, "grafana.kestrel.dev", 45, routes, fault)
    def lf(r, t, lvl, logger, msg, extra=""):
        return "logger=%s t=%s level=%s msg=\"%s\"%s" % (logger, time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(t)) + ".%09dZ" % r.randint(0, 999999999), lvl, msg, extra)
    for p in gp:
        res = inc.k8s(C, "monitoring", p, "grafana")
        inc.chatter(res, "stdout", 16, [(10, "INFO", lambda r, t: lf(r, t, "info", "context userId=%d orgId=1 uname=%s" % (r.randint(2, 60), r.choice(["amir", "jlee", "okafor", "svc-kiosk"])), "Request Completed", " method=POST path=/api/ds/query status=200 remote_addr=10.8.%d.%d time_ms=%d" % (r.randint(0, 3), r.randint(2, 250), r.randint(20, 900)))),
            (2, "INFO", lambda r, t: lf(r, t, "info", "ngalert.scheduler", "Alert rule evaluated", " rule_uid=%s org_id=1 took=%dms" % (inc.hx(14), r.randint(5, 200)))),
            (1, "WARNING", lambda r, t: lf(r, t, "error", "ngalert.notifier.slack", "Failed to send Slack message", " err=\"channel_not_found\" receiver=team-payments-legacy")),
            (1, "INFO", lambda r, t: lf(r, t, "info", "cleanup", "Completed cleanup jobs", " duration=%dms" % r.randint(10, 90)))])
    prom = inc.k8s(C, "monitoring", "prometheus-k8s-0", "prometheus")
    inc.chatter(prom, "stderr", 3, [(4, "INFO", lambda r, t: "ts=%s caller=compact.go:%d level=info component=tsdb msg=\"%s\"" % (iso(t)[:23] + "Z", r.randint(500, 800), r.choice(["write block", "Head GC completed", "Creating checkpoint"]))),
        (1, "WARNING", lambda r, t: "ts=%s caller=scrape.go:1777 level=warn component=\"scrape manager\" scrape_pool=serviceMonitor/payments/legacy-exporter/0 target=http://10.8.3.%d:9102/metrics msg=\"Error on ingesting samples with different value but same timestamp\" num_dropped=%d" % (iso(t)[:23] + "Z", r.randint(2, 250), r.randint(1, 40)))])
    # cause
    inc.k8s_audit(inc.at(F - 0.3), C, "chaos-engineer@kestrel.dev", "io.chaos-mesh.v1alpha1.kernelchaos.create",
                  "chaos-mesh.org/v1alpha1/namespaces/monitoring/kernelchaos/grafana-slab-fail", "chaos-mesh.org.kernelchaos.create",
                  body={"kind": "KernelChaos", "metadata": {"name": "grafana-slab-fail", "namespace": "monitoring"},
                        "spec": {"mode": "all", "selector": {"labelSelectors": {"app.kubernetes.io/name": "grafana"}}, "duration": "20m",
                                 "failKernRequest": {"failtype": 0, "probability": 15, "times": 0, "callchain": []}}})
    cd = inc.k8s(C, "chaos-mesh", "chaos-daemon-8w2rn", "chaos-daemon")
    for p in gp:
        inc.add(inc.at(F) + inc.rng.uniform(0, 2), cd, "stderr", "INFO", js={"level": "info", "logger": "chaos-daemon-server", "msg": "Inject kernel fault", "failKernRequest": "failtype:0 (slab) probability:15", "pod": "monitoring/" + p, "bpfki": "FailMMOrBIO"})
    inc.add(inc.at(END), cd, "stderr", "INFO", js={"level": "info", "logger": "chaos-daemon-server", "msg": "Recover kernel fault", "chaos": "monitoring/grafana-slab-fail"})
    # symptoms
    def err(t):
        p = inc.rng.choice(gp); res = inc.k8s(C, "monitoring", p, "grafana")
        m = inc.rng.choice([("tsdb.prometheus", "Instant query failed", " error=\"Post \\\"http://prometheus-k8s.monitoring.svc:9090/api/v1/query_range\\\": dial tcp 10.12.0.44:9090: socket: cannot allocate memory\""),
                            ("sqlstore", "Failed to get session", " error=\"open /var/lib/grafana/grafana.db: cannot allocate memory\""),
                            ("context userId=12 orgId=1 uname=svc-kiosk", "Request Completed", " method=POST path=/api/ds/query status=500 error=\"write tcp 10.8.1.22:3000->10.8.0.3:50644: write: cannot allocate memory\"")])
        inc.add(t, res, "stdout", "ERROR", text=lf(inc.rng, t, "error", m[0], m[1], m[2]))
    inc.poisson(12, err, F + 0.2, END)
    # occasional go runtime crash, one entry per stderr line
    def crash(t):
        p = inc.rng.choice(gp); res = inc.k8s(C, "monitoring", p, "grafana")
        inc.lines(t, res, "stderr", "ERROR", ["runtime: failed to create new OS thread (have %d already; errno=12)" % inc.rng.randint(14, 40),
                                             "runtime: may need to increase max user processes (ulimit -u)", "fatal error: newosproc", "",
                                             "runtime stack:", "runtime.throw({0x3a4c1f2?, 0x1b?})", "\t/usr/local/go/src/runtime/panic.go:1101 +0x48 fp=0x7ffc6f0b1d38 sp=0x7ffc6f0b1d08 pc=0x474ba8",
                                             "runtime.newosproc(0xc000d08008)", "\t/usr/local/go/src/runtime/os_linux.go:189 +0x1a5"])
        inc.kevent(t + 2, C, "monitoring", "Pod", p, "BackOff", "Back-off restarting failed container grafana in pod %s_monitoring(%s)" % (p, uuid(inc.rng)), typ="Warning", node=node)
        inc.add(t + 9, res, "stdout", "INFO", text=lf(inc.rng, t + 9, "info", "server", "HTTP Server Listen", " address=[::]:3000 protocol=http subUrl= socket="))
    inc.poisson(0.35, crash, F + 1, END)
    inc.write({"title": "Grafana panels fail with 'cannot allocate memory' and the pod crashes while node memory is free: KernelChaos injects slab allocation failures",
               "root_cause": {"evidence": ["kernelchaos", "grafana-slab-fail", "Inject kernel fault"], "category": "other", "must_mention": ["kernel"]},
               "symptoms": [{"evidence": "cannot allocate memory"}, {"evidence": "failed to create new OS thread"}, {"evidence": "Back-off restarting failed container grafana"}],
               "distractors": [{"evidence": "channel_not_found"}, {"evidence": "different value but same timestamp"}], "priority": "P2"})


# =====================================================================================
# 12. MediaWiki on GCE: chaos cache-limit restarts memcached with -m 64
# =====================================================================================
def inc_mediawiki_memcached():
    inc = Inc("mediawiki-memcached-cache-limit", "kestrelwiki-prod", "2026-11-19T16:00:00", 52)
    F = 7.3
    apps = [("mw-app-%s" % s, "44120098%d" % (i + 10), z) for i, (s, z) in enumerate([("7k2f", "us-central1-a"), ("b91q", "us-central1-b"), ("x3mc", "us-central1-c")])]
    cache = inc.gce("4412009990", "us-central1-a"); cl = {"compute.googleapis.com/resource_name": "mw-cache-1"}
    db = inc.gce("4412009991", "us-central1-a"); dbl = {"compute.googleapis.com/resource_name": "mw-db-1"}
    lbres = inc.lb("mw-app-be", "wiki-https-fr", "wiki-um")
    def frac(t):  # degradation ramps as cache refills far smaller
        if t < inc.at(F + 0.5): return 0
        return min(1.0, (t - inc.at(F + 0.5)) / 240)
    def fault(t, path):
        f = frac(t)
        if f and path.startswith("/wiki/"):
            x = inc.rng.random()
            if x < 0.13 * f: return (504, inc.rng.uniform(30, 30.2), {"statusDetails": "backend_timeout"})
            if x < 0.75 * f: return (200, inc.rng.uniform(1.5, 9.0))
        return None
    pages = ["Main_Page", "Special:RecentChanges", "Spacecraft_propulsion", "List_of_bridges", "Aurora", "Tardigrade", "Rosetta_(spacecraft)", "Kestrel", "Help:Contents"]
    routes = [(50, "GET", lambda r: "/wiki/%s" % r.choice(pages), 0.08), (15, "GET", lambda r: "/w/load.php?lang=en&modules=startup&only=scripts&skin=vector-2022", 0.01),
              (10, "GET", lambda r: "/w/api.php?action=query&prop=pageimages&titles=%s&format=json" % r.choice(pages), 0.04), (10, "GET", lambda r: "/images/thumb/%s/%s/x.jpg/320px-x.jpg" % (inc.hx(1), inc.hx(2)), 0.005),
              (3, "POST", "/w/index.php?title=Special:UserLogin", 0.2), (2, "GET", "/healthz.php", 0.002)]
    inc.traffic(lbres, "wiki.kestrel.org", 110, routes, fault)
    def mwlog(v, l, t, chan, msg, sev="INFO"):
        inc.add(t, v, "mediawiki", sev, js={"channel": chan, "message": msg, "host": l["compute.googleapis.com/resource_name"], "wiki": "kestrelwiki", "reqId": inc.hx(24), "severity": sev}, labels=l)
    for name, iid, z in apps:
        v = inc.gce(iid, z); l = {"compute.googleapis.com/resource_name": name}
        inc.poisson(5, lambda t, v=v, l=l: mwlog(v, l, t, "DBPerformance", "Expectation (writes <= 0) by MediaWiki::main not met (actual: %d) in trx #%s" % (inc.rng.randint(1, 3), inc.hx(10)), "INFO"))
        inc.poisson(0.8, lambda t, v=v, l=l: mwlog(v, l, t, "authentication", "Login attempt failed for user 'Admin' from 185.%d.%d.%d: wrong password" % (inc.rng.randint(1, 254), inc.rng.randint(1, 254), inc.rng.randint(1, 254)), "WARNING"))
        inc.poisson(3, lambda t, v=v, l=l: mwlog(v, l, t, "runJobs", "refreshLinks Special: t=%d good" % inc.rng.randint(3, 300)))
        def slow(t, v=v, l=l):
            if inc.rng.random() < frac(t) or inc.rng.random() < 0.02:
                mwlog(v, l, t, "slow-parse", "%.2fs %s" % (inc.rng.uniform(3, 14), inc.rng.choice(pages)), "INFO")
        inc.poisson(20, slow)
        def miss(t, v=v, l=l):
            if inc.rng.random() < frac(t):
                mwlog(v, l, t, "memcached", "MemcachedPeclBagOStuff::doGet: key kestrelwiki:pcache:idhash:%d-0!canonical miss (item evicted)" % inc.rng.randint(1, 90000), "DEBUG")
        inc.poisson(30, miss)
        def fpm(t, v=v, l=l):
            if frac(t) > 0.6:
                inc.add(t, v, "php-fpm", "WARNING", text="[%s] WARNING: [pool www] server reached pm.max_children setting (48), consider raising it" % time.strftime("%d-%b-%Y %H:%M:%S", time.gmtime(t)), labels=l)
        inc.every(20, fpm)
    def dbslow(t):
        if inc.rng.random() < max(0.05, frac(t)):
            inc.add(t, db, "mysql_slow", "INFO", js={"message": "# Query_time: %.6f  Lock_time: 0.000102 Rows_sent: 1  Rows_examined: %d\nSELECT /* MediaWiki\\Revision\\RevisionStore::loadSlotContent */ old_text,old_flags FROM `text` WHERE old_id = %d LIMIT 1" % (inc.rng.uniform(1, 7), inc.rng.randint(1, 5), inc.rng.randint(10**6, 9 * 10**6)), "host": "mw-db-1"}, labels=dbl)
    inc.poisson(25, dbslow)
    def dberr(t):
        if frac(t) > 0.7:
            inc.add(t, db, "mysql_error", "WARNING", js={"message": "%s %d [Warning] Aborted connection %d to db: 'kestrelwiki' user: 'wikiuser' host: '10.128.0.%d' (Got timeout reading communication packets)" % (iso(t)[:19], inc.rng.randint(10, 99), inc.rng.randint(10**5, 10**6), inc.rng.randint(2, 40))}, labels=dbl)
    inc.poisson(4, dberr)
    def sysl(t, msg, sev="INFO"):
        inc.add(t, cache, "syslog", sev, js={"message": "%s mw-cache-1 %s" % (time.strftime("%b %d %H:%M:%S", time.gmtime(t)), msg)}, labels=cl)
    inc.poisson(0.5, lambda t: sysl(t, inc.rng.choice(["systemd[1]: Started Session %d of User deploy." % inc.rng.randint(100, 999), "google_guest_agent[788]: Updating keys for user deploy."])))
    # cause (quiet)
    t = inc.at(F)
    sysl(t, "chaos-runner[1882]: experiment=wiki-cache-limit fault=cache-limit target=memcached.service memory_limit_mb=6144->64 duration=40m")
    sysl(t + 0.4, "chaos-runner[1882]: wrote /etc/systemd/system/memcached.service.d/chaos.conf (ExecStart=/usr/bin/memcached -m 64 -p 11211 -u memcache -c 4096 -t 4)")
    sysl(t + 0.9, "systemd[1]: Reloading.")
    sysl(t + 1.4, "systemd[1]: Stopping memcached.service - memcached daemon...")
    sysl(t + 1.6, "systemd[1]: memcached.service: Deactivated successfully.")
    sysl(t + 1.7, "systemd[1]: Started memcached.service - memcached daemon.")
    def stats(t):
        f = frac(t)
        sysl(t, "mc-stats[911]: limit_maxbytes=%d bytes=%d curr_items=%d evictions=%d get_hit_ratio=%.2f" % (67108864 if t >= inc.at(F) else 6442450944, int(67108864 * 0.98) if t >= inc.at(F) else 4109221000 + inc.rng.randint(0, 9999999),
             int(41000 + inc.rng.randint(0, 3000)) if t >= inc.at(F) else 2890000 + inc.rng.randint(0, 90000), int((t - inc.at(F)) * 310) if t >= inc.at(F) else 0, 0.96 - 0.7 * f))
    inc.every(60, stats)
    inc.write({"title": "Wiki page views slow / 504 after memcached was restarted with a 64 MB limit by a cache-limit chaos experiment (parser cache evicted, DB overloaded)",
               "root_cause": {"evidence": ["fault=cache-limit", "memcached -m 64", "memory_limit_mb=6144->64"], "category": "capacity", "must_mention": ["memcached"]},
               "symptoms": [{"evidence": "backend_timeout"}, {"evidence": "pm.max_children"}, {"evidence": "slow-parse"}, {"evidence": "Query_time"}],
               "distractors": [{"evidence": "Login attempt failed for user 'Admin'"}], "priority": "P1"})


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    for fn in [inc_saleor_corrupt, inc_outline_reset, inc_supabase_header, inc_sentry_inodes, inc_n8n_dns, inc_plausible_disk,
               inc_vitess_readonly, inc_mattermost_cilium, inc_immich_marker, inc_directus_limit, inc_grafana_kernel,
               inc_mediawiki_memcached, inc_saleor_healthy, inc_vitess_healthy]:
        fn()
