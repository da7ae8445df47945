#!/usr/bin/env python3
"""blind28 generator: fault injections on open-source stacks (14 windows).
Standard library only, fixed seeds, byte-identical output.
Usage: python gen.py OUTDIR
"""
import gzip, io, json, os, random, sys
from datetime import datetime, timedelta, timezone

UTC = timezone.utc


def parse(s):
    return datetime.strptime(s, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


class Win:
    def __init__(self, iid, project, start, minutes, seed):
        self.iid, self.P = iid, project
        self.t0 = parse(start)
        self.dur = minutes * 60
        self.rng = random.Random(seed)
        self.E = []
        self.n = 0

    # ---- time helpers
    def dt(self, sec):
        return self.t0 + timedelta(microseconds=int(sec * 1e6))

    def times(self, rate, a=0.0, b=None):
        """Poisson arrivals with `rate` per second between a and b."""
        b = self.dur if b is None else b
        out, t = [], a
        if rate <= 0:
            return out
        while True:
            t += self.rng.expovariate(rate)
            if t >= b:
                return out
            out.append(t)

    def every(self, period, a=0.0, b=None, jitter=0.3):
        b = self.dur if b is None else b
        out, t = [], a + self.rng.uniform(0, period)
        while t < b:
            out.append(t + self.rng.uniform(0, jitter))
            t += period
        return out

    def hx(self, n):
        return "".join(self.rng.choice("0123456789abcdef") for _ in range(n))

    def ip(self, prefix="10.0"):
        return "%s.%d.%d" % (prefix, self.rng.randint(0, 9), self.rng.randint(2, 250))

    def pub_ip(self):
        r = self.rng
        return "%d.%d.%d.%d" % (r.choice([34, 35, 66, 73, 81, 92, 103, 109, 151, 176, 185, 203]),
                                r.randint(1, 254), r.randint(1, 254), r.randint(1, 254))

    # ---- entry creation
    def add(self, sec, res, log, sev, payload, labels=None, http=None, trace=None):
        if sec < 0 or sec >= self.dur - 0.01:
            return
        self.n += 1
        self.E.append((sec, self.n, res, log, sev, payload, labels, http, trace))

    def finalize(self):
        rows = []
        for (sec, n, res, log, sev, payload, labels, http, trace) in self.E:
            d = self.dt(sec)
            ts = d.strftime("%Y-%m-%dT%H:%M:%S.") + "%06d%03dZ" % (d.microsecond, (n * 7919) % 1000)
            rd = d + timedelta(microseconds=self.rng.randint(150000, 2500000))
            rts = rd.strftime("%Y-%m-%dT%H:%M:%S.") + "%06d%03dZ" % (rd.microsecond, (n * 104729) % 1000)
            e = {"insertId": self.hx(16) if res["type"].startswith("k8s") else self.hx(6) + self.hx(8) ,
                 "logName": "projects/%s/logs/%s" % (self.P, log)}
            if isinstance(payload, str):
                e["textPayload"] = payload
            elif isinstance(payload, dict) and payload.get("@type", "").endswith("AuditLog"):
                e["protoPayload"] = payload
            else:
                e["jsonPayload"] = payload
            if http:
                e["httpRequest"] = http
            e["resource"] = res
            e["timestamp"] = ts
            e["severity"] = sev
            if labels:
                e["labels"] = labels
            if trace:
                e["trace"] = "projects/%s/traces/%s" % (self.P, trace)
                e["spanId"] = self.hx(16)
                e["traceSampled"] = False
            e["receiveTimestamp"] = rts
            rows.append((ts, n, e))
        rows.sort(key=lambda r: (r[0], r[1]), reverse=True)
        return [r[2] for r in rows]

    # ---- resources
    def pod(self, cluster, loc, ns, pod, container, node, app):
        return {"res": {"type": "k8s_container", "labels": {
            "project_id": self.P, "location": loc, "cluster_name": cluster, "namespace_name": ns,
            "pod_name": pod, "container_name": container}},
            "labels": {"k8s-pod/app": app, "compute.googleapis.com/resource_name": node},
            "node": node, "cluster": cluster, "loc": loc, "ns": ns, "name": pod}

    def say(self, sec, p, payload, sev="INFO", stream="stdout", trace=None):
        self.add(sec, p["res"], stream, sev, payload, dict(p["labels"]), trace=trace)

    def vm(self, name, iid, zone):
        return {"res": {"type": "gce_instance", "labels": {"project_id": self.P, "instance_id": iid, "zone": zone}},
                "labels": {"compute.googleapis.com/resource_name": name}, "name": name, "zone": zone, "id": iid}

    def vsay(self, sec, v, log, payload, sev="DEFAULT"):
        self.add(sec, v["res"], log, sev, payload, dict(v["labels"]))

    def node_res(self, cluster, loc, node):
        return {"type": "k8s_node", "labels": {"project_id": self.P, "location": loc, "cluster_name": cluster, "node_name": node}}

    def kubelet(self, sec, cluster, loc, node, msg, sev="INFO"):
        d = self.dt(sec)
        lvl = {"INFO": "I", "WARNING": "W", "ERROR": "E"}[sev]
        line = "%s%s %s    %d %s" % (lvl, d.strftime("%m%d"), d.strftime("%H:%M:%S.%f"), 2213, msg)
        self.add(sec, self.node_res(cluster, loc, node), "kubelet", sev,
                 {"MESSAGE": line, "SYSLOG_IDENTIFIER": "kubelet", "_HOSTNAME": node, "_PID": "2213",
                  "PRIORITY": {"INFO": "6", "WARNING": "4", "ERROR": "3"}[sev]},
                 {"compute.googleapis.com/resource_name": node})

    def event(self, sec, cluster, loc, ns, kind, name, reason, msg, etype="Normal", comp="kubelet", host=None):
        res = {"type": "k8s_pod" if kind == "Pod" else "k8s_cluster", "labels": {"project_id": self.P, "location": loc, "cluster_name": cluster}}
        if kind == "Pod":
            res["labels"].update({"namespace_name": ns, "pod_name": name})
        d = self.dt(sec).strftime("%Y-%m-%dT%H:%M:%SZ")
        src = {"component": comp}
        if host:
            src["host"] = host
        payload = {"apiVersion": "v1", "kind": "Event", "count": 1, "eventTime": None, "firstTimestamp": d, "lastTimestamp": d,
                   "involvedObject": {"apiVersion": "v1", "kind": kind, "name": name, "namespace": ns},
                   "message": msg, "metadata": {"name": "%s.%s" % (name, self.hx(16)), "namespace": ns},
                   "reason": reason, "reportingComponent": "", "reportingInstance": "", "source": src, "type": etype}
        self.add(sec, res, "events", "WARNING" if etype == "Warning" else "INFO", payload)

    def k8s_audit(self, sec, cluster, loc, method, resname, principal, request=None, sev="NOTICE", ua="kubectl/v1.30.4 (linux/amd64) kubernetes/0c6cd7e", ip=None):
        p = {"@type": "type.googleapis.com/google.cloud.audit.AuditLog",
             "authenticationInfo": {"principalEmail": principal},
             "authorizationInfo": [{"granted": True, "permission": method.replace("io.k8s.", ""), "resource": resname}],
             "methodName": method, "requestMetadata": {"callerIp": ip or self.ip("10.128"), "callerSuppliedUserAgent": ua},
             "resourceName": resname, "serviceName": "k8s.io", "status": {"code": 0}}
        if request is not None:
            p["request"] = request
        res = {"type": "k8s_cluster", "labels": {"project_id": self.P, "location": loc, "cluster_name": cluster}}
        self.add(sec, res, "cloudaudit.googleapis.com%2Factivity", sev, p)

    def gce_audit(self, sec, v, method, principal, ua, sev="NOTICE", last=False, req=None):
        p = {"@type": "type.googleapis.com/google.cloud.audit.AuditLog",
             "authenticationInfo": {"principalEmail": principal},
             "authorizationInfo": [{"granted": True, "permission": "compute.instances." + method.split(".")[-1],
                                    "resource": "projects/%s/zones/%s/instances/%s" % (self.P, v["zone"], v["name"]),
                                    "resourceAttributes": {"name": "projects/%s/zones/%s/instances/%s" % (self.P, v["zone"], v["name"]),
                                                           "service": "compute", "type": "compute.instances"}}],
             "methodName": method, "request": req or {"@type": "type.googleapis.com/compute.instances." + method.split(".")[-1]},
             "requestMetadata": {"callerIp": self.ip("10.128"), "callerSuppliedUserAgent": ua},
             "resourceLocation": {"currentLocations": [v["zone"]]},
             "resourceName": "projects/%s/zones/%s/instances/%s" % (self.P, v["zone"], v["name"]),
             "serviceName": "compute.googleapis.com"}
        if last:
            p["status"] = {}
        self.add(sec, v["res"], "cloudaudit.googleapis.com%2Factivity", sev, p,
                 {"compute.googleapis.com/root_trigger_id": self.hx(8) + "-" + self.hx(4) + "-" + self.hx(4) + "-" + self.hx(12)})

    def lb(self, sec, fr, bes, method, url, status, lat, ua, size=None, details="response_sent_by_backend", ip=None):
        http = {"requestMethod": method, "requestUrl": url, "requestSize": str(self.rng.randint(300, 1400)),
                "status": status, "responseSize": str(size if size is not None else self.rng.randint(400, 60000)),
                "userAgent": ua, "remoteIp": ip or self.pub_ip(), "serverIp": self.ip("10.20"),
                "latency": "%.6fs" % lat, "protocol": "HTTP/1.1"}
        res = {"type": "http_load_balancer", "labels": {"project_id": self.P, "forwarding_rule_name": fr + "-fr",
               "url_map_name": fr + "-urlmap", "target_proxy_name": fr + "-proxy", "backend_service_name": bes, "zone": "global"}}
        payload = {"@type": "type.googleapis.com/google.cloud.loadbalancing.type.LoadBalancerLogEntry", "statusDetails": details,
                   "backendTargetProjectNumber": "projects/%s" % (abs(sum(map(ord, self.P))) * 1000003)}
        sev = "WARNING" if status >= 500 else "INFO"
        self.add(sec, res, "requests", sev, payload, http=http, trace=self.hx(32))


UAS = ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
       "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
       "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15",
       "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
       "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36"]


def iso(d, ms=3):
    return d.strftime("%Y-%m-%dT%H:%M:%S.") + ("%06d" % d.microsecond)[:ms] + "Z"


def log4j(d):
    return d.strftime("%Y-%m-%d %H:%M:%S,") + "%03d" % (d.microsecond // 1000)


def pytime(d):
    return log4j(d)


def syslog_ts(d):
    return d.strftime("%b %d %H:%M:%S").replace(" 0", "  ", 1) if d.day < 10 else d.strftime("%b %d %H:%M:%S")


def kube_noise(w, cluster, loc, nodes, pods_by_node, rate=0.02):
    """Routine kubelet / GKE node chatter."""
    msgs = [("INFO", 'prober.go:107] "Probe succeeded" probeType="Readiness" pod="{p}"'),
            ("INFO", 'kubelet_getters.go:218] "Pod status updated" pod="{p}" status="Running"'),
            ("INFO", 'reconciler_common.go:258] "operationExecutor.VerifyControllerAttachedVolume started for volume \\"kube-api-access-{h}\\"" pod="{p}"'),
            ("INFO", 'log.go:245] http: TLS handshake error from 10.128.0.{i}:5{i}1: EOF'),
            ("WARNING", 'container_gc.go:88] "Attempting to delete unused containers"'),
            ("INFO", 'image_gc_manager.go:402] "Disk usage on image filesystem is over the high threshold, trying to free bytes down to the low threshold" usage=82 highThreshold=85 amountToFree=0 lowThreshold=80')]
    for sec in w.times(rate * len(nodes)):
        node = w.rng.choice(nodes)
        sev, m = w.rng.choice(msgs)
        p = w.rng.choice(pods_by_node.get(node, ["kube-system/fluentbit-gke-" + w.hx(5)]))
        w.kubelet(sec, cluster, loc, node, m.format(p=p, h=w.hx(5), i=w.rng.randint(2, 60)), sev)


# =====================================================================================
# 1. CockroachDB clock skew (TimeChaos) -> node self-terminates
# =====================================================================================
def inc_crdb(w):
    C, L, NS = "ledger-prod-gke", "europe-west1", "crdb"
    nodes = ["gke-ledger-prod-gke-db-pool-7f1c2a9e-%s" % s for s in ("k2vq", "m8zt", "r4nd")]
    crdb = [w.pod(C, L, NS, "cockroachdb-%d" % i, "db", nodes[i], "cockroachdb") for i in range(3)]
    apin = ["gke-ledger-prod-gke-app-pool-3d0b77c1-%s" % s for s in ("b6tw", "h9xc")]
    api = [w.pod(C, L, "ledger", "ledger-api-6c9f8d7b54-%s" % s, "ledger-api", apin[i % 2], "ledger-api") for i, s in enumerate(("2xkqp", "8vbnm", "q4rtz", "wd7jh"))]
    recon = w.pod(C, L, "ledger", "reconciler-7d5c9b8f6-pl2ks", "reconciler", apin[0], "reconciler")
    skew_at = 14 * 60 + 12.4
    node_id = {0: 1, 1: 2, 2: 3}

    def crlog(sec, i, lvl, src, tag, msg):
        d = w.dt(sec)
        line = "%s%s %s %d %s ⋮ [%s] %d  %s" % (lvl, d.strftime("%y%m%d"), d.strftime("%H:%M:%S.%f"), w.rng.randint(200, 9000), src, tag, w.rng.randint(10, 999), msg)
        w.say(sec, crdb[i], line, "INFO" if lvl == "I" else ("WARNING" if lvl == "W" else "ERROR"), "stderr")

    routine = [("I", "kv/kvserver/replica_consistency.go:301", "n{n},s{n},r{r}/{n}:/Table/1{t}/1/{k}", "triggering stats recomputation to resolve delta of {{ContainsEstimates:{c}}}"),
               ("I", "server/status/runtime_log.go:48", "n{n}", "runtime stats: 3.1 GiB RSS, 611 goroutines (stacks: 9.4 MiB), 1.2 GiB/1.9 GiB Go alloc/total, 1.4 GiB CGO alloc/total, 1540.2 CGO/sec, 61.4/9.8 %(u/s)time, 0.0 %gc (2x), 12 MiB/9.7 MiB (r/w)net"),
               ("I", "jobs/registry.go:1512", "n{n}", "AUTO SPAN CONFIG RECONCILIATION job {k}: stepping through state running"),
               ("I", "sql/stats/automatic_stats.go:553", "n{n},job={k}", "automatically collecting statistics on table ledger.public.entries"),
               ("W", "kv/kvserver/replica_range_lease.go:1318", "n{n},s{n},r{r}/{n}:/Table/11{t}", "have been waiting 1.5s attempting to acquire lease (1 attempts)"),
               ("I", "kv/kvserver/store_rebalancer.go:439", "n{n},s{n},store-rebalancer,obj=qps", "load-based replica transfers successfully brought s{n} down to 1840.22 qps (mean=1811.43, upperThreshold=2173.71)")]
    for i in range(3):
        end = skew_at if i == 2 else w.dur
        for sec in w.times(0.22, 0, end):
            lvl, src, tag, msg = w.rng.choice(routine)
            fm = dict(n=node_id[i], r=w.rng.randint(40, 900), t=w.rng.randint(0, 9), k=w.rng.randint(10**17, 10**18), c="true")
            crlog(sec, i, lvl, src, tag.format(**fm), msg.format(**fm))
    # the skew shows up on n3 first as offset warnings then fatal, crash-loop
    restarts = [skew_at, skew_at + 95, skew_at + 230, skew_at + 520, skew_at + 980, skew_at + 1580]
    for k, rs in enumerate(restarts):
        if k > 0:
            crlog(rs - 18, 2, "I", "cli/start.go:1195", "n?", "starting cockroach node")
            crlog(rs - 17, 2, "I", "server/init.go:218", "n3", "found existing store at /cockroach/cockroach-data")
            crlog(rs - 9, 2, "I", "server/server.go:1892", "n3", "started with engine type 2")
        for j in range(3):
            crlog(rs - 6 + j * 2.1, 2, "W", "rpc/clock_offset.go:258", "n3,rnode=%d,raddr=cockroachdb-%d.cockroachdb.crdb:26257,class=system,rpc" % (1 + j % 2, j % 2),
                  "latency jump (prev avg 0.92ms, current 1.31ms); remote clock offset -7m0.412s is larger than max offset 500ms")
        crlog(rs, 2, "F", "server/server.go:521", "n3", "clock synchronization error: this node is more than 500ms away from at least half of the known nodes (0 of 2 are within the offset)")
        w.say(rs + 0.02, crdb[2], "goroutine 1877 [running]:", "ERROR", "stderr")
        w.say(rs + 0.03, crdb[2], "github.com/cockroachdb/cockroach/pkg/util/log.getStacks(0x1)", "ERROR", "stderr")
        w.say(rs + 0.04, crdb[2], "\tgithub.com/cockroachdb/cockroach/pkg/util/log/get_stacks.go:25 +0x89", "ERROR", "stderr")
        w.say(rs + 0.05, crdb[2], "ERROR: clock synchronization error: this node is more than 500ms away from at least half of the known nodes (0 of 2 are within the offset)", "ERROR", "stderr")
        w.say(rs + 0.06, crdb[2], "Failed running \"start\"", "ERROR", "stderr")
        if k >= 1:
            w.kubelet(rs + 3, C, L, nodes[2], 'pod_workers.go:1298] "Error syncing pod, skipping" err="failed to \\"StartContainer\\" for \\"db\\" with CrashLoopBackOff: \\"back-off %s restarting failed container=db pod=cockroachdb-2_crdb(5b1e7c2a-91d4-4a7e-9f0c-3c8de1b2a4f7)\\"" pod="crdb/cockroachdb-2"' % ["10s", "20s", "40s", "1m20s", "2m40s", "5m0s"][k], "ERROR")
            w.event(rs + 3.2, C, L, NS, "Pod", "cockroachdb-2", "BackOff", "Back-off restarting failed container db in pod cockroachdb-2_crdb(5b1e7c2a-91d4-4a7e-9f0c-3c8de1b2a4f7)", "Warning", host=nodes[2])
    # peers notice n3 going away, ranges under-replicated, lease transfers
    for sec in w.times(0.12, skew_at, w.dur):
        i = w.rng.choice([0, 1])
        choice = w.rng.random()
        if choice < 0.4:
            crlog(sec, i, "W", "kv/kvserver/replica_range_lease.go:1318", "n%d,s%d,r%d/%d:/Table/11%d" % (i + 1, i + 1, w.rng.randint(40, 900), i + 1, w.rng.randint(0, 9)),
                  "have been waiting %.1fs attempting to acquire lease (%d attempts)" % (w.rng.uniform(3, 9.5), w.rng.randint(2, 5)))
        elif choice < 0.7:
            crlog(sec, i, "W", "rpc/nodedialer/nodedialer.go:198", "n%d" % (i + 1), "unable to connect to n3: failed to connect to n3 at cockroachdb-2.cockroachdb.crdb:26257: initial connection heartbeat failed: grpc: connection refused [code 14/Unavailable]")
        else:
            crlog(sec, i, "I", "kv/kvserver/replicate_queue.go:712", "n%d,replicate,s%d,r%d/%d" % (i + 1, i + 1, w.rng.randint(40, 900), i + 1), "replica on s3 is suspect; under-replicated range, adding replacement (n=3)")
    # ledger-api traffic
    paths = [("POST", "/v1/transfers", 201), ("GET", "/v1/accounts/{a}/balance", 200), ("GET", "/v1/accounts/{a}/entries?limit=50", 200), ("POST", "/v1/holds", 201), ("GET", "/healthz", 200)]
    for sec in w.times(7.0):
        m, pth, st = w.rng.choice(paths)
        pth = pth.replace("{a}", "acc_%s" % w.hx(10))
        lat = w.rng.lognormvariate(-4.3, 0.5)
        p = w.rng.choice(api)
        tr = w.hx(32)
        affected = sec > skew_at and w.rng.random() < 0.075 and m == "POST"
        slow = sec > skew_at and w.rng.random() < 0.18
        if slow:
            lat += w.rng.uniform(0.4, 3.5)
        if affected:
            r = w.rng.random()
            if r < 0.55:
                w.say(sec - lat / 2, p, json.dumps({"level": "warn", "ts": round(sec + w.t0.timestamp(), 3), "caller": "store/tx.go:88", "msg": "retrying transaction", "attempt": 2, "error": "pq: restart transaction: TransactionRetryWithProtoRefreshError: ReadWithinUncertaintyIntervalError", "trace_id": tr}), "INFO", trace=tr)
            else:
                st = 503
                w.say(sec, p, json.dumps({"level": "error", "ts": round(sec + w.t0.timestamp(), 3), "caller": "http/handler.go:142", "msg": "transfer failed", "error": "pq: result is ambiguous (error=rpc error: code = Unavailable desc = error reading from server: EOF [exhausted])", "trace_id": tr, "path": pth}), "INFO", "stdout", trace=tr)
        if pth == "/healthz":
            continue
        if m == "POST" and st != 503 and w.rng.random() < 0.03:
            st = 409
            w.say(sec, p, json.dumps({"level": "warn", "ts": round(sec + w.t0.timestamp(), 3), "caller": "http/handler.go:97", "msg": "idempotency key already used with a different payload", "client_id": "partner-paygate", "idempotency_key": "pg-" + w.hx(12), "trace_id": tr}), "INFO", trace=tr)
        w.say(sec, p, json.dumps({"level": "info", "ts": round(sec + w.t0.timestamp(), 3), "caller": "http/middleware.go:61", "msg": "request completed", "method": m, "path": pth, "status": st, "duration_ms": round(lat * 1000, 1), "trace_id": tr}), "INFO", trace=tr)
        w.lb(sec + 0.001, "ledger-api", "k8s1-ledger-api-8080", m, "https://api.ledger.example.com" + pth, st, lat + 0.002, "ledger-sdk-go/2.4.1")
    # reconciler batch job
    for sec in w.every(60):
        w.say(sec, recon, "%s INFO reconcile: batch complete accounts=%d mismatches=0 duration=%.2fs" % (iso(w.dt(sec)), w.rng.randint(900, 1300), w.rng.uniform(1.5, 4) + (3 if sec > skew_at else 0)))
    kube_noise(w, C, L, nodes + apin, {nodes[i]: ["crdb/cockroachdb-%d" % i] for i in range(3)})
    return {
        "id": w.iid,
        "title": "TimeChaos skews the clock of cockroachdb-2 by -7m; node n3 self-terminates on every start (clock synchronization error), crash-loops; ledger writes see ambiguous results and retries",
        "root_cause": {"evidence": ["clock synchronization error", "remote clock offset -7m0.412s is larger than max offset"],
                       "category": "other", "must_mention": ["clock", "cockroachdb-2"]},
        "symptoms": [{"evidence": "result is ambiguous"}, {"evidence": "Back-off restarting failed container db"}, {"evidence": "unable to connect to n3"}],
        "distractors": [{"evidence": "idempotency key already used"}],
        "priority": "P2"}


# =====================================================================================
# 2. etcd disk latency (dm-delay) -> Patroni loses the DCS leader lock -> primary demoted
# =====================================================================================
def inc_patroni(w):
    Z = "us-central1-b"
    etcd = [w.vm("etcd-%d" % (i + 1), str(4410238800112233000 + i * 7), Z) for i in range(3)]
    pg = [w.vm("pg-%d" % (i + 1), str(5530129911002233000 + i * 11), Z) for i in range(2)]
    app = [w.vm("billing-app-%d" % (i + 1), str(6620018822334455000 + i * 13), Z) for i in range(3)]
    slow_at = 9 * 60 + 31.0
    etcd_ips = ["10.10.0.11", "10.10.0.12", "10.10.0.13"]

    def elog(sec, i, lvl, caller, msg, **kv):
        d = {"level": lvl, "ts": iso(w.dt(sec), 6), "caller": caller, "msg": msg}
        d.update(kv)
        w.vsay(sec, etcd[i], "etcd", d, {"info": "INFO", "warn": "WARNING", "error": "ERROR"}[lvl])

    for i in range(3):
        for sec in w.every(30):
            elog(sec, i, "info", "etcdserver/server.go:1395", "triggering snapshot" if w.rng.random() < 0.03 else "compacted revision" if w.rng.random() < 0.5 else "finished scheduled compaction",
                 **({"compact-revision": w.rng.randint(18000000, 19000000), "took": "%.3fms" % w.rng.uniform(4, 30)}))
    # distractor: monitoring scraper with bad client cert, loud on etcd-3, all window long
    for sec in w.every(15):
        elog(sec, 2, "warn", "embed/config_logging.go:287", "rejected connection", **{"remote-addr": "10.10.0.45:%d" % w.rng.randint(30000, 60000), "server-name": "", "error": "remote error: tls: bad certificate"})
    # the fault: disk on etcd-2 (leader) gets 1.5-4s write latency
    for sec in w.times(0.55, slow_at, slow_at + 21 * 60):
        took = w.rng.uniform(1.05, 4.2)
        elog(sec, 1, "warn", "wal/wal.go:805", "slow fdatasync", took="%.6fs" % took, **{"expected-duration": "1s"})
        if w.rng.random() < 0.5:
            elog(sec + 0.01, 1, "warn", "etcdserver/raft.go:389", "leader failed to send out heartbeat on time; took too long, leader is overloaded likely from slow disk",
                 to="%x" % w.rng.choice([0x8e9e05c52164694d, 0x91bc3c398fb3c146]), **{"heartbeat-interval": "100ms", "expected-duration": "200ms", "exceeded-duration": "%.6fs" % (took - 0.2)})
        if w.rng.random() < 0.3:
            elog(sec + 0.02, 1, "warn", "etcdserver/util.go:170", "apply request took too long", took="%.6fs" % (took + 0.3), **{"expected-duration": "100ms", "prefix": "read-only range ", "request": "key:\"/service/pg-billing/leader\" ", "response": "range_response_count:1 size:56"})
    elections = [slow_at + 95, slow_at + 310, slow_at + 505, slow_at + 790, slow_at + 1040]
    for k, es in enumerate(elections):
        for i in (0, 2):
            elog(es, i, "info", "raft/raft.go:1019", "%x is starting a new election at term %d" % (0x8e9e05c52164694d if i == 0 else 0x91bc3c398fb3c146, 41 + k))
            elog(es + 0.2, i, "info", "raft/raft.go:713", "%x became pre-candidate at term %d" % (0x8e9e05c52164694d if i == 0 else 0x91bc3c398fb3c146, 41 + k))
        elog(es + 0.6, 1, "info", "raft/raft.go:1019", "raft.node: lost leader at term %d" % (42 + k))
        elog(es + 1.4, 1 if k % 2 else 0, "info", "raft/node.go:324", "raft.node: elected leader at term %d" % (42 + k))
    # Patroni
    def plog(sec, i, lvl, msg):
        w.vsay(sec, pg[i], "patroni", "%s %s: %s" % (pytime(w.dt(sec)), lvl, msg), {"INFO": "INFO", "WARNING": "WARNING", "ERROR": "ERROR"}[lvl])
    leader = {0: (0, slow_at + 330), 1: (slow_at + 360, slow_at + 800), 2: (slow_at + 830, w.dur)}
    lead_of = lambda t: 0 if t < slow_at + 330 else (1 if t < slow_at + 800 else 0)
    for sec in w.every(10):
        if slow_at + 300 < sec < slow_at + 1300 and w.rng.random() < 0.35:
            plog(sec, lead_of(sec), "WARNING", "Loop time exceeded, rescheduling immediately.")
            continue
        for i in range(2):
            if lead_of(sec) == i:
                plog(sec + i * 0.2, i, "INFO", "no action. I am (pg-%d), the leader with the lock" % (i + 1))
            else:
                plog(sec + i * 0.2, i, "INFO", "no action. I am (pg-%d), a secondary, and following a leader (pg-%d)" % (i + 1, lead_of(sec) + 1))
    for t_dem, who in ((slow_at + 318, 0), (slow_at + 792, 1)):
        plog(t_dem - 11, who, "ERROR", "Request to server http://10.10.0.12:2379 failed: MaxRetryError(\"HTTPConnectionPool(host='10.10.0.12', port=2379): Read timed out. (read timeout=3.333)\")")
        plog(t_dem - 7, who, "ERROR", "Failed to update /service/pg-billing/leader")
        plog(t_dem - 6.9, who, "ERROR", "Error communicating with DCS")
        plog(t_dem, who, "INFO", "demoted self because failed to update leader lock in DCS")
        plog(t_dem + 0.3, who, "WARNING", "Loop time exceeded, rescheduling immediately.")
        plog(t_dem + 1, who, "INFO", "Demoting self (immediate-nolock)")
        w.vsay(t_dem + 1.4, pg[who], "postgresql", "%s UTC [%d] LOG:  received immediate shutdown request" % (w.dt(t_dem + 1.4).strftime("%Y-%m-%d %H:%M:%S.%f")[:-3], 1432), "INFO")
        w.vsay(t_dem + 6, pg[who], "postgresql", "%s UTC [%d] LOG:  entering standby mode" % (w.dt(t_dem + 6).strftime("%Y-%m-%d %H:%M:%S.%f")[:-3], 22871), "INFO")
        other = 1 - who
        plog(t_dem + 28, other, "INFO", "promoted self to leader by acquiring session lock")
        w.vsay(t_dem + 29, pg[other], "postgresql", "%s UTC [%d] LOG:  selected new timeline ID: %d" % (w.dt(t_dem + 29).strftime("%Y-%m-%d %H:%M:%S.%f")[:-3], 1890, 17 + (1 if who else 0)), "INFO")
        w.vsay(t_dem + 29.5, pg[other], "postgresql", "%s UTC [%d] LOG:  database system is ready to accept connections" % (w.dt(t_dem + 29.5).strftime("%Y-%m-%d %H:%M:%S.%f")[:-3], 1432), "INFO")
    # billing app: gunicorn / flask logs; writes fail during demotion windows
    bad = [(slow_at + 318, slow_at + 352), (slow_at + 792, slow_at + 826)]
    ops = [("POST", "/api/v2/invoices", 201), ("POST", "/api/v2/payments/capture", 200), ("GET", "/api/v2/invoices/{i}", 200), ("GET", "/api/v2/customers/{i}/usage", 200), ("PUT", "/api/v2/subscriptions/{i}", 200)]
    for sec in w.times(4.0):
        m, pth, st = w.rng.choice(ops)
        pth = pth.replace("{i}", str(w.rng.randint(100000, 999999)))
        a = w.rng.choice(app)
        lat = w.rng.lognormvariate(-3.6, 0.5)
        in_bad = any(x <= sec < y for x, y in bad)
        if slow_at + 60 < sec < slow_at + 1300 and w.rng.random() < 0.25:
            lat += w.rng.uniform(0.2, 1.5)
        if in_bad and m != "GET":
            st = 500
            w.vsay(sec - 0.01, a, "billing", "%s ERROR [billing.db] write failed for %s %s: psycopg2.errors.ReadOnlySqlTransaction: cannot execute %s in a read-only transaction" % (pytime(w.dt(sec)), m, pth, "INSERT" if m == "POST" else "UPDATE"), "ERROR")
        elif in_bad and w.rng.random() < 0.3:
            st = 500
            w.vsay(sec - 0.01, a, "billing", "%s ERROR [billing.db] psycopg2.OperationalError: terminating connection due to administrator command" % pytime(w.dt(sec)), "ERROR")
        if w.rng.random() < 0.02 and not in_bad:
            w.vsay(sec, a, "billing", "%s WARNING [billing.tax] tax rate lookup cache miss for region=%s, falling back to default table" % (pytime(w.dt(sec)), w.rng.choice(["US-TX", "US-WA", "CA-ON"])), "WARNING")
        w.vsay(sec, a, "billing", '%s - - [%s] "%s %s HTTP/1.1" %d %d "-" "billing-portal/5.2" %dms' % (w.ip("10.10"), w.dt(sec).strftime("%d/%b/%Y:%H:%M:%S +0000"), m, pth, st, w.rng.randint(120, 4000), int(lat * 1000)), "INFO")
    # syslog cron noise
    for v in etcd + pg + app:
        for sec in w.every(300):
            w.vsay(sec, v, "syslog", "%s %s CRON[%d]: (root) CMD (/usr/lib/google-guest-agent/gce_workload_cert_refresh >/dev/null 2>&1)" % (syslog_ts(w.dt(sec)), v["name"], w.rng.randint(1000, 30000)))
    return {
        "id": w.iid,
        "title": "Injected disk latency on etcd-2 (slow fdatasync) makes the Patroni DCS unusable; billing primary demotes itself twice, writes fail with read-only transactions",
        "root_cause": {"evidence": ["slow fdatasync", "leader is overloaded likely from slow disk"], "category": "upstream-dependency", "must_mention": ["etcd", "disk", "Patroni"]},
        "symptoms": [{"evidence": "demoted self because failed to update leader lock in DCS"}, {"evidence": "cannot execute INSERT in a read-only transaction"}, {"evidence": "Error communicating with DCS"}],
        "distractors": [{"evidence": "tls: bad certificate"}],
        "priority": "P1"}


# =====================================================================================
# 3. NATS JetStream: network partition isolates nats-2
# =====================================================================================
def inc_nats(w):
    C, L = "orders-gke-prod", "us-east4"
    nodes = ["gke-orders-gke-prod-default-pool-51aa09d3-%s" % s for s in ("7bqx", "c2lm", "t9wd")]
    nats = [w.pod(C, L, "messaging", "nats-%d" % i, "nats", nodes[i], "nats") for i in range(3)]
    oapi = [w.pod(C, L, "shop", "order-api-7b8d9c6f5-%s" % s, "order-api", nodes[i % 3], "order-api") for i, s in enumerate(("4fgh2", "9kd7s", "lm2qp", "x8rt3", "zz81n", "p0q7e"))]
    ful = [w.pod(C, L, "shop", "fulfillment-worker-5c7d6b9f4-%s" % s, "worker", nodes[i], "fulfillment-worker") for i, s in enumerate(("a1b2c", "d3e4f", "g5h6j"))]
    metr = w.pod(C, L, "observability", "nats-metrics-bridge-6d9f-k2l8m", "bridge", nodes[0], "nats-metrics-bridge")
    part_at = 11 * 60 + 40.0
    heal_at = part_at + 24 * 60
    ips = ["10.52.0.14", "10.52.1.9", "10.52.2.7"]

    def nlog(sec, i, lvl, msg):
        d = w.dt(sec)
        w.say(sec, nats[i], "[1] %s [%s] %s" % (d.strftime("%Y/%m/%d %H:%M:%S.%f"), lvl, msg), "INFO", "stderr" if lvl in ("ERR", "WRN") else "stdout")

    for i in range(3):
        for sec in w.times(0.03):
            nlog(sec, i, "INF", w.rng.choice(["%s:%d - cid:%d - Client connection created" % (w.ip("10.52"), w.rng.randint(30000, 60000), w.rng.randint(100, 9000)),
                                              "%s:%d - cid:%d - Client connection closed: Client Closed" % (w.ip("10.52"), w.rng.randint(30000, 60000), w.rng.randint(100, 9000)),
                                              "JetStream cluster stream 'ORDERS > ORDERS' snapshot taken (%d msgs)" % w.rng.randint(100000, 200000)]))
    # distractor: slow consumer on the metrics bridge (loud, all window, nats-0)
    for sec in w.times(0.09):
        nlog(sec, 0, "WRN", "%s:%d - cid:%d - \"v2.10.14:go:nats-metrics-bridge\" - Slow Consumer Detected: WriteDeadline of 10s exceeded with %d chunks of %d total bytes." % ("10.52.0.31", 41822, 812, w.rng.randint(3, 40), w.rng.randint(100000, 9000000)))
    for sec in w.every(45):
        w.say(sec, metr, json.dumps({"level": "warn", "time": iso(w.dt(sec)), "msg": "subscription pending limit reached, dropping messages", "subject": "$SYS.ACCOUNT.*.SERVER.CONNS", "pending_msgs": 65536}), "INFO")
    # injector: chaos-mesh NetworkChaos created by the game-day schedule (audit)
    w.k8s_audit(part_at - 2.3, C, L, "io.chaos-mesh.v1alpha1.networkchaos.create", "chaos-mesh.org/v1alpha1/namespaces/messaging/networkchaos/partition-nats-2",
                "system:serviceaccount:chaos-mesh:chaos-controller-manager",
                {"apiVersion": "chaos-mesh.org/v1alpha1", "kind": "NetworkChaos", "metadata": {"name": "partition-nats-2", "namespace": "messaging", "labels": {"schedule": "weekly-gameday-nats"}},
                 "spec": {"action": "partition", "mode": "one", "direction": "both", "selector": {"pods": {"messaging": ["nats-2"]}},
                          "target": {"mode": "all", "selector": {"pods": {"messaging": ["nats-0", "nats-1"]}}}, "externalTargets": [], "duration": "60m"}},
                ua="chaos-controller-manager/v2.6.3")
    # partition effects
    for i, peer in ((2, 0), (2, 1), (0, 2), (1, 2)):
        nlog(part_at + 4 + i * 0.3 + peer * 0.1, i, "INF", "%s:6222 - rid:%d - Router connection closed: Stale Connection" % (ips[peer], 11 + peer))
    nlog(part_at + 5.5, 0, "INF", "JetStream cluster new metadata leader: nats-0/nats-prod")
    nlog(part_at + 5.6, 0, "INF", "Self is new JetStream cluster metadata leader")
    nlog(part_at + 7.0, 1, "INF", "JetStream cluster new stream leader for 'ORDERS > ORDERS'")
    for sec in w.every(8, part_at + 6, heal_at):
        r = w.rng.random()
        if r < 0.4:
            nlog(sec, 2, "WRN", "JetStream cluster no metadata leader")
        elif r < 0.7:
            nlog(sec, 2, "WRN", "JetStream cluster stream 'ORDERS > ORDERS' has NO quorum, stalled")
        else:
            nlog(sec, 2, "ERR", "Error trying to connect to route (attempt %d): dial tcp %s:6222: i/o timeout" % (w.rng.randint(1, 90), ips[w.rng.choice([0, 1])]))
    for sec in w.every(20, part_at + 6, heal_at):
        nlog(sec, w.rng.choice([0, 1]), "ERR", "Error trying to connect to route (attempt %d): dial tcp %s:6222: i/o timeout" % (w.rng.randint(1, 90), ips[2]))
    for i, peer in ((2, 0), (2, 1), (0, 2), (1, 2)):
        nlog(heal_at + 2 + peer * 0.1, i, "INF", "%s:6222 - rid:%d - Route connection created" % (ips[peer], 40 + peer))
    nlog(heal_at + 3, 2, "INF", "JetStream cluster new metadata leader: nats-0/nats-prod")
    nlog(heal_at + 9, 2, "INF", "Catchup for stream 'ORDERS > ORDERS' complete")
    # order-api (pino JSON) - pods connected to nats-2 fail JetStream publishes
    on_nats2 = {oapi[2]["name"], oapi[5]["name"]}
    for sec in w.times(6.0):
        p = w.rng.choice(oapi)
        tr = w.hx(32)
        path = w.rng.choice(["/api/orders", "/api/orders", "/api/cart", "/api/orders/%d" % w.rng.randint(10**6, 10**7), "/api/products?page=%d" % w.rng.randint(1, 20)])
        m = "POST" if path == "/api/orders" else "GET"
        st, lat = (201 if m == "POST" else 200), w.rng.lognormvariate(-3.4, 0.4)
        base = {"level": 30, "time": int((w.t0.timestamp() + sec) * 1000), "pid": 1, "hostname": p["name"]}
        if m == "POST" and part_at + 8 < sec < heal_at and p["name"] in on_nats2:
            lat = 5.0 + w.rng.uniform(0, 0.05)
            st = 503
            w.say(sec - 0.02, p, json.dumps(dict(base, level=50, msg="publish order.created failed", err={"type": "NatsError", "message": "TIMEOUT", "code": "TIMEOUT", "stack": "NatsError: TIMEOUT\n    at timeout (/app/node_modules/nats/lib/nats-base-client/util.js:62:15)"}, orderId="ord_" + w.hx(10), subject="orders.created", trace_id=tr)), "ERROR", trace=tr)
        w.say(sec, p, json.dumps(dict(base, req={"method": m, "url": path}, res={"statusCode": st}, responseTime=int(lat * 1000), msg="request completed", trace_id=tr)), "INFO", trace=tr)
        w.lb(sec + 0.002, "shop-web", "k8s1-shop-order-api-8080", m, "https://shop.example.com" + path, st, lat + 0.003, w.rng.choice(UAS))
    # fulfillment worker consumes
    for sec in w.times(1.5):
        if part_at + 8 < sec < heal_at and w.rng.random() < 0.1:
            continue
        p = w.rng.choice(ful)
        w.say(sec, p, json.dumps({"level": "info", "ts": iso(w.dt(sec)), "msg": "order fulfilled", "order_id": "ord_" + w.hx(10), "stream_seq": int(5200000 + sec * 1.4), "delivered": 1}), "INFO")
    kube_noise(w, C, L, nodes, {nodes[i]: ["messaging/nats-%d" % i] for i in range(3)})
    return {
        "id": w.iid,
        "title": "Chaos Mesh NetworkChaos partition isolates nats-2 from its peers; JetStream on nats-2 has no meta leader and no quorum, order-api pods connected to it time out publishing (503s)",
        "root_cause": {"evidence": ["partition-nats-2", "Router connection closed: Stale Connection"], "category": "network", "must_mention": ["partition", "nats-2"]},
        "symptoms": [{"evidence": "JetStream cluster no metadata leader"}, {"evidence": "publish order.created failed"}, {"evidence": "has NO quorum, stalled"}],
        "distractors": [{"evidence": "Slow Consumer Detected"}],
        "priority": "P1"}


# =====================================================================================
# 4. ClickHouse Keeper: 2 of 3 keeper processes frozen with SIGSTOP
# =====================================================================================
def inc_clickhouse(w):
    C, L = "analytics-gke", "europe-west4"
    nodes = ["gke-analytics-gke-ch-pool-0e4d2b1a-%s" % s for s in ("f1g2", "h3j4", "k5l6")]
    keep = [w.pod(C, L, "clickhouse", "chk-keeper-%d" % i, "clickhouse-keeper", nodes[i], "clickhouse-keeper") for i in range(3)]
    ch = [w.pod(C, L, "clickhouse", "chi-events-prod-0-%d-0" % i, "clickhouse", nodes[i], "clickhouse") for i in range(2)]
    ing = [w.pod(C, L, "pipeline", "event-ingest-84c5f7d9b-%s" % s, "ingest", nodes[i % 3], "event-ingest") for i, s in enumerate(("2w9rt", "7yhn4", "cx31v"))]
    dash = w.pod(C, L, "pipeline", "dashboards-api-59b7c-qq7z2", "api", nodes[1], "dashboards-api")
    runner = w.pod(C, L, "chaos", "chaostoolkit-keeper-pause-29183-8kf2d", "chaostoolkit", nodes[2], "chaostoolkit")
    stop_at = 13 * 60 + 5.0
    cont_at = stop_at + 22 * 60

    def chl(sec, p, lvl, thread, logger, msg, q=""):
        d = w.dt(sec)
        line = "%s [ %d ] {%s} <%s> %s: %s" % (d.strftime("%Y.%m.%d %H:%M:%S.%f"), thread, q, lvl, logger, msg)
        w.say(sec, p, line, "INFO", "stderr" if lvl in ("Error", "Warning") else "stdout")

    for i in range(3):
        for sec in w.times(0.05, 0, stop_at if i else w.dur):
            chl(sec, keep[i], "Information", w.rng.randint(40, 80), "KeeperStateMachine", "Creating snapshot %d" % w.rng.randint(88000000, 89000000) if w.rng.random() < 0.1 else "Session ID response %d with timeout 30000" % w.rng.randint(1000, 9000))
        for sec in w.times(0.05, cont_at, w.dur):
            chl(sec, keep[i], "Information", w.rng.randint(40, 80), "KeeperStateMachine", "Session ID response %d with timeout 30000" % w.rng.randint(1000, 9000))
    for i in range(2):
        for sec in w.times(0.5):
            q = "%s-%s-%s-%s-%s" % (w.hx(8), w.hx(4), w.hx(4), w.hx(4), w.hx(12))
            r = w.rng.random()
            if r < 0.5:
                chl(sec, ch[i], "Information", w.rng.randint(200, 900), "executeQuery", "Read %d rows, %.2f MiB in %.3f sec." % (w.rng.randint(10**4, 10**7), w.rng.uniform(1, 400), w.rng.uniform(0.01, 2)), q)
            elif r < 0.8:
                chl(sec, ch[i], "Debug", w.rng.randint(200, 900), "MergeTreeDataMergerMutator", "Selected 6 parts from 202511_%d_%d_3 to 202511_%d_%d_0" % (w.rng.randint(1, 9000), w.rng.randint(1, 9000), w.rng.randint(1, 9000), w.rng.randint(1, 9000)))
            else:
                chl(sec, ch[i], "Debug", w.rng.randint(200, 900), "events.events_local (ReplicatedMergeTreeQueue)", "Pulling %d entries to queue: log-0001%06d - log-0001%06d" % (w.rng.randint(1, 4), w.rng.randint(0, 999999), w.rng.randint(0, 999999)))
    # distractor: heavy dashboard query hitting memory limit, loud all window
    for sec in w.times(0.04):
        q = "%s-%s-%s-%s-%s" % (w.hx(8), w.hx(4), w.hx(4), w.hx(4), w.hx(12))
        chl(sec, ch[1], "Error", w.rng.randint(200, 900), "executeQuery", "Code: 241. DB::Exception: Memory limit (for query) exceeded: would use 10.01 GiB (attempt to allocate chunk of 4194304 bytes), maximum: 9.31 GiB. OvercommitTracker decision: Query was selected to stop by OvercommitTracker.: While executing AggregatingTransform. (MEMORY_LIMIT_EXCEEDED) (version 24.8.4.13 (official build)) (from 10.60.1.22:51822) (in query: SELECT user_id, uniqExact(session_id) FROM events.events WHERE ts > now() - INTERVAL 90 DAY GROUP BY user_id)", q)
        w.say(sec + 0.01, dash, "%s ERROR [dashboards.query] report 'retention-90d' failed: MEMORY_LIMIT_EXCEEDED" % pytime(w.dt(sec + 0.01)), "ERROR", "stderr")
    # injector
    rl = lambda sec, msg, lvl="INFO": w.say(sec, runner, "[%s %s] %s" % (w.dt(sec).strftime("%Y-%m-%d %H:%M:%S"), lvl, msg), "INFO", "stderr")
    rl(stop_at - 12, "Running experiment: Keeper quorum survives loss of one member")
    rl(stop_at - 11, "Steady-state hypothesis: clickhouse accepts inserts")
    rl(stop_at - 6, "Probe: insert-probe succeeded")
    rl(stop_at - 1, "Action: pause-keeper-processes")
    rl(stop_at - 0.5, "kubectl exec -n clickhouse chk-keeper-1 -- kill -STOP 1 (SIGSTOP)")
    rl(stop_at, "kubectl exec -n clickhouse chk-keeper-2 -- kill -STOP 1 (SIGSTOP)")
    rl(stop_at + 0.5, "Pausing after activity for 1200s...")
    rl(cont_at - 1, "Rollback: resume-keeper-processes")
    rl(cont_at - 0.5, "kubectl exec -n clickhouse chk-keeper-1 -- kill -CONT 1 (SIGCONT)")
    rl(cont_at, "kubectl exec -n clickhouse chk-keeper-2 -- kill -CONT 1 (SIGCONT)")
    rl(cont_at + 30, "Experiment ended with status: deviated", "WARNING")
    # keeper-0 loses quorum
    for sec in w.every(6, stop_at + 4, cont_at):
        chl(sec, keep[0], "Warning", 61, "RaftInstance", w.rng.choice(["Election timeout, initiate leader election", "[PRE-VOTE INIT] my id 1, my role candidate, term 9, log idx 88213405, log term 8, priority (target 1 / mine 1)", "total 1 nodes (including this node) responded for pre-vote (term 9, live 0, dead 1), at least 2 nodes should respond. failure count 3"]))
        if w.rng.random() < 0.4:
            chl(sec + 0.1, keep[0], "Error", 58, "KeeperDispatcher", "Ignoring request because Raft is not ready (no leader)")
    # clickhouse replicas go read-only
    for i in range(2):
        chl(stop_at + 31 + i, ch[i], "Error", 412, "virtual bool DB::ZooKeeperWithFaultInjection::...", "Code: 999. Coordination::Exception: Operation timeout (Session expired). (KEEPER_EXCEPTION)")
        chl(stop_at + 31.5 + i, ch[i], "Warning", 412, "events.events_local (ReplicatedMergeTreeRestartingThread)", "ZooKeeper session has expired. Switching to a new session.")
        for sec in w.every(30, stop_at + 40, cont_at):
            chl(sec, ch[i], "Warning", 412, "events.events_local (ReplicatedMergeTreeRestartingThread)", "Table was in readonly mode. Will try to activate it.")
            chl(sec + 0.2, ch[i], "Error", 412, "ZooKeeperClient", "Code: 999. Coordination::Exception: Connection loss, path: All connection tries failed while connecting to ZooKeeper. nodes: 10.62.0.5:9181, 10.62.1.8:9181, 10.62.2.4:9181 (KEEPER_EXCEPTION)")
        chl(cont_at + 9 + i, ch[i], "Information", 412, "events.events_local (ReplicatedMergeTreeRestartingThread)", "Table was activated successfully.")
    # ingest service (Go JSON)
    buf = 0
    for sec in w.every(2.0):
        p = ing[int(sec) % 3]
        ro = stop_at + 35 < sec < cont_at + 10
        if not ro:
            buf = max(0, buf - 40000)
            w.say(sec, p, json.dumps({"level": "info", "time": iso(w.dt(sec)), "msg": "insert batch ok", "table": "events.events_local", "rows": w.rng.randint(4000, 9000), "duration_ms": w.rng.randint(40, 300)}), "INFO")
        else:
            buf += 6500
            w.say(sec, p, json.dumps({"level": "error", "time": iso(w.dt(sec)), "msg": "insert batch failed, will retry", "table": "events.events_local", "error": "code: 242, message: Table is in readonly mode (replica path: /clickhouse/tables/0/events/events_local/replicas/chi-events-prod-0-0)", "attempt": w.rng.randint(1, 8)}), "ERROR")
            if buf > 600000:
                w.say(sec + 0.1, p, json.dumps({"level": "error", "time": iso(w.dt(sec)), "msg": "buffer full, dropping events", "dropped": 6500, "buffer_capacity": 600000}), "ERROR")
            elif buf > 400000 and int(sec) % 10 == 0:
                w.say(sec + 0.1, p, json.dumps({"level": "warn", "time": iso(w.dt(sec)), "msg": "ingest buffer above 66%", "buffered": buf}), "WARNING")
    # HTTP collector endpoint still 202 for clients
    for sec in w.times(5.5):
        p = w.rng.choice(ing)
        w.say(sec, p, json.dumps({"level": "debug", "time": iso(w.dt(sec)), "msg": "POST /v1/collect 202", "bytes": w.rng.randint(300, 9000), "sdk": w.rng.choice(["js/3.4.1", "ios/2.9.0", "android/2.8.7"])}), "DEBUG")
    for sec in w.times(0.5):
        w.say(sec, dash, '%s INFO [dashboards.http] "GET /api/widgets/%d HTTP/1.1" 200 %dms' % (pytime(w.dt(sec)), w.rng.randint(1, 400), w.rng.randint(30, 900)), "INFO")
    kube_noise(w, C, L, nodes, {nodes[i]: ["clickhouse/chk-keeper-%d" % i] for i in range(3)})
    return {
        "id": w.iid,
        "title": "Chaos Toolkit experiment freezes 2 of 3 ClickHouse Keeper processes with SIGSTOP for 20 min; Keeper loses quorum, replicated tables go read-only, event-ingest buffers then drops events",
        "root_cause": {"evidence": ["kill -STOP 1 (SIGSTOP)"], "category": "upstream-dependency", "must_mention": ["keeper", "SIGSTOP", "quorum"]},
        "symptoms": [{"evidence": "Table is in readonly mode"}, {"evidence": "buffer full, dropping events"}, {"evidence": "Raft is not ready"}],
        "distractors": [{"evidence": "MEMORY_LIMIT_EXCEEDED"}],
        "priority": "P1"}


# =====================================================================================
# 5. Redis Sentinel: master process SIGKILLed, failover, app pinned to the old master
# =====================================================================================
def inc_redis(w):
    Z = "europe-west2-a"
    rv = [w.vm("redis-%d" % (i + 1), str(7710293847561200000 + i * 17), Z) for i in range(3)]
    av = [w.vm("session-api-%d" % (i + 1), str(8810293847561200000 + i * 19), Z) for i in range(3)]
    kill_at = 8 * 60 + 44.0
    rips = ["10.30.0.11", "10.30.0.12", "10.30.0.13"]

    def rlog(sec, i, role, msg, pid=None):
        d = w.dt(sec)
        w.vsay(sec, rv[i], "redis", "%d:%s %s %s %s" % (pid or (1187 if i else (1187 if sec < kill_at else 23310)), role, d.strftime("%d %b %Y %H:%M:%S.") + "%03d" % (d.microsecond // 1000), "*" if "WARNING" not in msg else "#", msg), "DEFAULT")

    def slog(sec, i, msg):
        d = w.dt(sec)
        w.vsay(sec, rv[i], "redis-sentinel", "%d:X %s # %s" % (990 + i, d.strftime("%d %b %Y %H:%M:%S.") + "%03d" % (d.microsecond // 1000), msg), "DEFAULT")

    for i in range(3):
        for sec in w.every(60):
            rlog(sec, i, "M" if i == 0 and sec < kill_at else ("M" if i == 1 and sec > kill_at + 20 else "S"), "%d changes in 60 seconds. Saving..." % w.rng.randint(10000, 90000))
            rlog(sec + 0.01, i, "C", "Background saving started by pid %d" % w.rng.randint(30000, 90000), pid=w.rng.randint(30000, 90000))
            rlog(sec + 1.8, i, "M" if i == 0 and sec < kill_at else ("M" if i == 1 and sec > kill_at + 20 else "S"), "Background saving terminated with success")
    # the kill: systemd on redis-1
    def sysd(sec, i, msg, sev="DEFAULT"):
        w.vsay(sec, rv[i], "syslog", "%s redis-1 systemd[1]: %s" % (syslog_ts(w.dt(sec)), msg), sev)
    sysd(kill_at, 0, "redis-server.service: Main process exited, code=killed, status=9/KILL")
    sysd(kill_at + 0.01, 0, "redis-server.service: Failed with result 'signal'.")
    sysd(kill_at + 0.02, 0, "redis-server.service: Consumed 41min 12.388s CPU time.")
    sysd(kill_at + 30.1, 0, "redis-server.service: Scheduled restart job, restart counter is at 1.")
    sysd(kill_at + 30.2, 0, "Stopped redis-server.service - Advanced key-value store.")
    sysd(kill_at + 30.3, 0, "Starting redis-server.service - Advanced key-value store...")
    sysd(kill_at + 30.9, 0, "Started redis-server.service - Advanced key-value store.")
    for i in range(3):
        slog(kill_at + 5.1 + i * 0.1, i, "+sdown master mymaster 10.30.0.11 6379")
    slog(kill_at + 5.3, 1, "+odown master mymaster 10.30.0.11 6379 #quorum 2/2")
    slog(kill_at + 5.31, 1, "+new-epoch 14")
    slog(kill_at + 5.32, 1, "+try-failover master mymaster 10.30.0.11 6379")
    slog(kill_at + 5.4, 1, "+vote-for-leader 4f1a0c9d2e7b8a6c5d3e1f0a9b8c7d6e5f4a3b2c 14")
    slog(kill_at + 5.5, 1, "+elected-leader master mymaster 10.30.0.11 6379")
    slog(kill_at + 5.6, 1, "+failover-state-select-slave master mymaster 10.30.0.11 6379")
    slog(kill_at + 5.7, 1, "+selected-slave slave 10.30.0.12:6379 10.30.0.12 6379 @ mymaster 10.30.0.11 6379")
    slog(kill_at + 6.6, 1, "+promoted-slave slave 10.30.0.12:6379 10.30.0.12 6379 @ mymaster 10.30.0.11 6379")
    for i in range(3):
        slog(kill_at + 8.0 + i * 0.1, i, "+switch-master mymaster 10.30.0.11 6379 10.30.0.12 6379")
    rlog(kill_at + 6.5, 1, "M", "MASTER MODE enabled (user request from 'id=9 addr=10.30.0.12:52188 laddr=10.30.0.12:6379 fd=12 name=sentinel-4f1a0c9d-cmd')")
    rlog(kill_at + 31.5, 0, "C", "Redis version=7.2.4, bits=64, commit=00000000, modified=0, pid=23310, just started", pid=23310)
    rlog(kill_at + 32.2, 0, "M", "DB loaded from disk: 14.218 seconds", pid=23310)
    for i in range(3):
        slog(kill_at + 47 + i * 0.1, i, "-sdown slave 10.30.0.11:6379 10.30.0.11 6379 @ mymaster 10.30.0.12 6379")
    slog(kill_at + 57, 1, "+convert-to-slave slave 10.30.0.11:6379 10.30.0.11 6379 @ mymaster 10.30.0.12 6379")
    rlog(kill_at + 57.1, 0, "S", "Before turning into a replica, using my own master parameters to synthesize a cached master: I may be able to synchronize with the new master with just a partial transfer.")
    rlog(kill_at + 57.2, 0, "S", "Connecting to MASTER 10.30.0.12:6379")
    rlog(kill_at + 57.3, 0, "S", "MASTER <-> REPLICA sync started")
    rlog(kill_at + 58.9, 0, "S", "MASTER <-> REPLICA sync: Master accepted a Partial Resynchronization.")
    # session-api (python) behind nginx on same VMs
    down_a, down_b = kill_at + 0.1, kill_at + 57.2
    paths = [("POST", "/api/session", 201), ("GET", "/api/session/me", 200), ("POST", "/api/cart/items", 201), ("GET", "/api/cart", 200), ("DELETE", "/api/session", 204), ("GET", "/api/catalog/%d", 200)]
    for sec in w.times(5.0):
        m, pth, st = w.rng.choice(paths)
        if "%d" in pth:
            pth = pth % w.rng.randint(1000, 99999)
        v = w.rng.choice(av)
        lat = w.rng.lognormvariate(-4.0, 0.4)
        is_write = m in ("POST", "DELETE")
        uses_redis = "catalog" not in pth
        if uses_redis and down_a <= sec < down_b:
            st = 500
            w.vsay(sec - 0.002, v, "session-api", "%s ERROR [sessions.store] redis.exceptions.ConnectionError: Error 111 connecting to 10.30.0.11:6379. Connection refused." % pytime(w.dt(sec)), "ERROR")
        elif uses_redis and is_write and sec >= down_b:
            st = 500
            w.vsay(sec - 0.002, v, "session-api", "%s ERROR [sessions.store] redis.exceptions.ReadOnlyError: You can't write against a read only replica." % pytime(w.dt(sec)), "ERROR")
            if w.rng.random() < 0.08:
                for k, fr in enumerate(["Traceback (most recent call last):", '  File "/srv/session-api/sessions/store.py", line 88, in save', "    self.r.hset(key, mapping=data)",
                                        '  File "/srv/session-api/venv/lib/python3.11/site-packages/redis/connection.py", line 596, in read_response', "    raise response",
                                        "redis.exceptions.ReadOnlyError: You can't write against a read only replica."]):
                    w.vsay(sec - 0.001 + k * 1e-5, v, "session-api", fr, "ERROR")
        elif uses_redis and sec >= down_b and "session/me" in pth and w.rng.random() < 0.6:
            st = 401
        if w.rng.random() < 0.025:
            w.vsay(sec, v, "session-api", "%s WARNING [geo] GeoIP database /usr/share/GeoIP/GeoLite2-City.mmdb is older than 30 days; lookups may be stale (build_epoch=1727136000)" % pytime(w.dt(sec)), "WARNING")
        w.vsay(sec, v, "nginx-access", '%s - - [%s] "%s %s HTTP/1.1" %d %d "https://shop.example.co.uk/" "%s" %.3f' % (w.pub_ip(), w.dt(sec).strftime("%d/%b/%Y:%H:%M:%S +0000"), m, pth, st, w.rng.randint(60, 3000), w.rng.choice(UAS), lat), "INFO")
    for v in rv + av:
        for sec in w.every(300):
            w.vsay(sec, v, "syslog", "%s %s CRON[%d]: (root) CMD (   test -x /etc/cron.daily/popularity-contest && /etc/cron.daily/popularity-contest --crond)" % (syslog_ts(w.dt(sec)), v["name"], w.rng.randint(1000, 30000)))
    return {
        "id": w.iid,
        "title": "redis-server on the Sentinel master redis-1 SIGKILLed (process-kill fault); Sentinel fails over to redis-2, but session-api is pinned to 10.30.0.11 and every write now hits a read-only replica",
        "root_cause": {"evidence": ["status=9/KILL"], "category": "database", "must_mention": ["redis-1", "failover", "replica"]},
        "symptoms": [{"evidence": "You can't write against a read only replica"}, {"evidence": "+switch-master mymaster"}, {"evidence": "Error 111 connecting to 10.30.0.11:6379"}],
        "distractors": [{"evidence": "GeoLite2-City.mmdb is older than 30 days"}],
        "priority": "P0"}


# =====================================================================================
# 6. Logstash persistent queue made unreadable (file attribute / permission fault)
# =====================================================================================
def inc_logstash(w):
    Z = "us-west1-a"
    es = [w.vm("es-data-%d" % (i + 1), str(3310298877766550000 + i * 23), Z) for i in range(3)]
    ls = [w.vm("logstash-%d" % (i + 1), str(3410298877766550000 + i * 29), Z) for i in range(2)]
    fb = [w.vm("web-%02d" % (i + 1), str(3510298877766550000 + i * 31), Z) for i in range(6)]
    perm_at = 17 * 60 + 22.0

    def lsl(sec, i, lvl, logger, msg, sev=None):
        w.vsay(sec, ls[i], "logstash", "[%s][%-5s][%s][main] %s" % (w.dt(sec).strftime("%Y-%m-%dT%H:%M:%S,") + "%03d" % (w.dt(sec).microsecond // 1000), lvl, logger, msg), sev or "DEFAULT")

    def esl(sec, i, lvl, comp, msg):
        w.vsay(sec, es[i], "elasticsearch", {"@timestamp": iso(w.dt(sec)), "log.level": lvl, "message": msg, "ecs.version": "1.2.0", "service.name": "ES_ECS",
                                              "event.dataset": "elasticsearch.server", "process.thread.name": "elasticsearch[es-data-%d][%s][T#%d]" % (i + 1, w.rng.choice(["write", "search", "management"]), w.rng.randint(1, 8)),
                                              "log.logger": comp, "elasticsearch.node.name": "es-data-%d" % (i + 1), "elasticsearch.cluster.name": "logs-prod"},
                {"INFO": "INFO", "WARN": "WARNING", "ERROR": "ERROR"}[lvl])

    # ES background + distractor watermark on es-data-3
    for i in range(3):
        for sec in w.times(0.05):
            esl(sec, i, "INFO", w.rng.choice(["org.elasticsearch.cluster.metadata.MetadataCreateIndexService", "org.elasticsearch.index.engine.Engine", "org.elasticsearch.xpack.ilm.IndexLifecycleRunner"]),
                w.rng.choice(["[logs-web-2025.10.09] update_mapping [_doc]", "policy [logs-30d] for index [.ds-logs-web-2025.10.0%d-000%d] on an error step due to a transient error, moving back to the retry step" % (w.rng.randint(1, 8), w.rng.randint(10, 99)),
                              "now throttling indexing for shard [[logs-web-2025.10.09][%d]]: segment writing can't keep up" % w.rng.randint(0, 5)]))
    for sec in w.every(30):
        esl(sec, 2, "WARN", "org.elasticsearch.cluster.routing.allocation.DiskThresholdMonitor", "high disk watermark [90%%] exceeded on [Qm3x8R0aSx2vZ1d0Yk4e1A][es-data-3][/var/lib/elasticsearch] free: %.1fgb[%.1f%%], shards will be relocated away from this node; currently relocating away shards totalling [0] bytes; the node is expected to continue to exceed the high disk watermark when these relocations are complete" % (w.rng.uniform(38, 41), w.rng.uniform(9.1, 9.8)))
    # Logstash normal
    for i in range(2):
        end = perm_at if i == 0 else w.dur
        for sec in w.every(60, 0, end):
            lsl(sec, i, "INFO", "logstash.outputs.elasticsearch", "Elasticsearch pool URLs updated {:changes=>{:removed=>[], :added=>[]}}" if w.rng.random() < 0.2 else "Pipeline flow metrics: worker_utilization=%.1f queue_backpressure=%.2f" % (w.rng.uniform(20, 45) if i == 0 or sec < perm_at else w.rng.uniform(88, 100), w.rng.uniform(0, 0.1) if sec < perm_at else w.rng.uniform(0.8, 1.0)))
        for sec in w.times(0.06, 0, w.dur):
            lsl(sec, i, "WARN", "logstash.filters.grok", "Timeout executing grok '%%{COMBINEDAPACHELOG}' against field 'message' with value 'Value too large to output (%d bytes)! First 255 chars are: 10.1.2.3 - - [09/Oct/2025...'" % w.rng.randint(4000, 90000), "DEFAULT") if (i == 1 or sec < perm_at) else None
    # the fault on logstash-1
    w.vsay(perm_at - 0.4, ls[0], "syslog", "%s logstash-1 chaosd[2817]: attack file modify uid=8c1f2e77 file-name=/var/lib/logstash/queue/main privilege=000" % syslog_ts(w.dt(perm_at - 0.4)))
    lsl(perm_at + 1.2, 0, "ERROR", "org.logstash.execution.WorkerLoop", "Exception in pipelineworker, the pipeline stopped processing new events, please check your filter configuration and restart Logstash.", "DEFAULT")
    lsl(perm_at + 1.21, 0, "ERROR", "org.logstash.ackedqueue.io.MmapPageIOV2", "java.nio.file.AccessDeniedException: /var/lib/logstash/queue/main/page.1187", "DEFAULT")
    for k, fr in enumerate(["java.nio.file.AccessDeniedException: /var/lib/logstash/queue/main/page.1187", "\tat sun.nio.fs.UnixException.translateToIOException(UnixException.java:90) ~[?:?]",
                            "\tat sun.nio.fs.UnixFileSystemProvider.newFileChannel(UnixFileSystemProvider.java:224) ~[?:?]", "\tat org.logstash.ackedqueue.io.MmapPageIOV2.create(MmapPageIOV2.java:176) ~[logstash-core.jar:?]",
                            "\tat org.logstash.ackedqueue.Queue.newCheckpointedHeadpage(Queue.java:315) ~[logstash-core.jar:?]"]):
        w.vsay(perm_at + 1.22 + k * 1e-4, ls[0], "logstash", fr, "DEFAULT")
    restarts = [perm_at + 40 + k * 95 + w.rng.uniform(0, 20) for k in range(int((w.dur - perm_at - 60) / 95))]
    w.vsay(perm_at + 30, ls[0], "syslog", "%s logstash-1 systemd[1]: logstash.service: Main process exited, code=exited, status=1/FAILURE" % syslog_ts(w.dt(perm_at + 30)))
    for rs in restarts:
        w.vsay(rs, ls[0], "syslog", "%s logstash-1 systemd[1]: Started logstash.service - logstash." % syslog_ts(w.dt(rs)))
        lsl(rs + 18, 0, "INFO", "logstash.runner", "Starting Logstash {\"logstash.version\"=>\"8.15.2\", \"jruby.version\"=>\"jruby 9.4.8.0 (3.1.4) 2024-07-02 4d41e55a67 OpenJDK 64-Bit Server VM 17.0.12+7 on 17.0.12+7 +indy +jit [x86_64-linux]\"}")
        lsl(rs + 31, 0, "FATAL", "logstash.runner", "An unexpected error occurred! {:error=>#<Java::JavaNioFile::AccessDeniedException: /var/lib/logstash/queue/main>, :backtrace=>[\"sun.nio.fs.UnixException.translateToIOException(UnixException.java:90)\"]}")
        w.vsay(rs + 33, ls[0], "syslog", "%s logstash-1 systemd[1]: logstash.service: Main process exited, code=exited, status=1/FAILURE" % syslog_ts(w.dt(rs + 33)))
        w.vsay(rs + 33.01, ls[0], "syslog", "%s logstash-1 systemd[1]: logstash.service: Failed with result 'exit-code'." % syslog_ts(w.dt(rs + 33.01)))
    # logstash-2 gets everything, backpressure
    for sec in w.every(20, perm_at + 60, w.dur):
        lsl(sec, 1, "WARN", "org.logstash.plugins.inputs.beats.BeatsHandler", "[local: 10.40.0.22:5044, remote: %s:%d] Handling exception: java.util.concurrent.TimeoutException: queue is full, applying backpressure to beats client" % (w.ip("10.40"), w.rng.randint(40000, 60000)), "DEFAULT")
    # filebeat on web VMs
    for v in fb:
        for sec in w.every(30):
            bad = sec > perm_at
            w.vsay(sec, v, "filebeat", {"log.level": "info", "@timestamp": iso(w.dt(sec)), "log.logger": "monitoring", "message": "Non-zero metrics in the last 30s",
                                       "monitoring": {"metrics": {"libbeat": {"output": {"events": {"acked": 0 if bad and w.rng.random() < 0.5 else w.rng.randint(2000, 9000), "failed": w.rng.randint(200, 3000) if bad else 0}}, "pipeline": {"queue": {"filled": {"pct": round(w.rng.uniform(0.85, 1.0) if bad else w.rng.uniform(0.0, 0.1), 4)}}}}}}, "service.name": "filebeat"}, "INFO")
        for sec in w.times(0.03, perm_at + 2, w.dur):
            w.vsay(sec, v, "filebeat", {"log.level": "error", "@timestamp": iso(w.dt(sec)), "log.logger": "logstash", "message": w.rng.choice(["Failed to publish events caused by: write tcp %s:%d->10.40.0.21:5044: write: connection reset by peer" % (w.ip("10.40"), w.rng.randint(40000, 60000)),
                                       "failed to publish events: client is not connected", "Failed to connect to backoff(async(tcp://logstash-1:5044)): dial tcp 10.40.0.21:5044: connect: connection refused"]), "service.name": "filebeat"}, "ERROR")
    # nginx access on the web VMs (the logs being shipped) – noise
    for sec in w.times(4.0):
        v = w.rng.choice(fb)
        st = w.rng.choice([200] * 30 + [304, 301, 404])
        w.vsay(sec, v, "nginx-access", '%s - - [%s] "GET %s HTTP/1.1" %d %d "-" "%s"' % (w.pub_ip(), w.dt(sec).strftime("%d/%b/%Y:%H:%M:%S +0000"), w.rng.choice(["/", "/docs/", "/pricing", "/static/app.%s.js" % w.hx(8), "/blog/%d" % w.rng.randint(1, 300)]), st, w.rng.randint(200, 90000), w.rng.choice(UAS)), "INFO")
    return {
        "id": w.iid,
        "title": "chaosd file-attribute fault sets privilege 000 on logstash-1's persistent queue directory; Logstash crash-loops with AccessDeniedException, Filebeat output fails and log ingestion falls behind",
        "root_cause": {"evidence": ["AccessDeniedException: /var/lib/logstash/queue/main", "privilege=000"], "category": "permissions", "must_mention": ["logstash-1", "queue", "permission"]},
        "symptoms": [{"evidence": "Failed to publish events caused by"}, {"evidence": "queue is full, applying backpressure"}, {"evidence": "logstash.service: Main process exited"}],
        "distractors": [{"evidence": "high disk watermark"}],
        "priority": "P2"}


# =====================================================================================
# 7. HBase: injected JVM full-GC stress on rs-3 -> ZooKeeper session expiry -> RS abort
# =====================================================================================
def inc_hbase(w):
    Z = "asia-southeast1-b"
    rs = [w.vm("hb-rs-%d" % (i + 1), str(2210938475610000000 + i * 37), Z) for i in range(4)]
    zk = [w.vm("hb-zk-%d" % (i + 1), str(2310938475610000000 + i * 41), Z) for i in range(3)]
    ms = w.vm("hb-master-1", "2410938475610000001", Z)
    apps = [w.vm("profile-svc-%d" % (i + 1), str(2510938475610000000 + i * 43), Z) for i in range(2)]
    gc_at = 12 * 60 + 3.0
    aborts = [gc_at + 52, gc_at + 52 + 14 * 60]

    def jl(sec, v, log, lvl, thread, cls, msg):
        w.vsay(sec, v, log, "%s %-5s [%s] %s: %s" % (log4j(w.dt(sec)), lvl, thread, cls, msg), "DEFAULT")

    for i in range(4):
        for sec in w.times(0.2):
            jl(sec, rs[i], "hbase-regionserver", "INFO", "RpcServer.default.FPBQ.Fifo.handler=%d,queue=%d,port=16020" % (w.rng.randint(0, 29), w.rng.randint(0, 2)), w.rng.choice(["regionserver.HRegion", "regionserver.HStore", "hfile.LruBlockCache"]),
               w.rng.choice(["Flushing %s 1/1 column families, dataSize=%.2f MB heapSize=%.2f MB" % (w.hx(32), w.rng.uniform(60, 128), w.rng.uniform(60, 130)),
                             "Completed compaction of 3 file(s) in profiles:d of profiles,%s,%d.%s. into %s(size=%.1f M)" % (w.hx(4), 1700000000000 + w.rng.randint(0, 10**9), w.hx(32), w.hx(32), w.rng.uniform(100, 900)),
                             "totalSize=%.2f GB, usedSize=%.2f GB, freeSize=%.2f GB, max=6.40 GB, blockCount=%d, accesses=%d, hits=%d, hitRatio=97.%02d%%" % (6.4, w.rng.uniform(5, 6.2), w.rng.uniform(0.2, 1.4), w.rng.randint(80000, 90000), w.rng.randint(10**8, 10**9), w.rng.randint(10**8, 10**9), w.rng.randint(0, 99))]))
    # distractor: datanode Premature EOF, loud, on rs-1 and rs-2
    for sec in w.times(0.08):
        i = w.rng.choice([0, 1])
        jl(sec, rs[i], "hadoop-hdfs-datanode", "ERROR", "DataXceiver for client DFSClient_NONMAPREDUCE_%d_1 at /%s:%d [Receiving block BP-1203948-10.70.0.5-1690000000000:blk_10738%05d_%d]" % (w.rng.randint(10**8, 10**9), w.ip("10.70"), w.rng.randint(40000, 60000), w.rng.randint(0, 99999), w.rng.randint(10**6, 10**7)),
           "datanode.DataNode", "hb-rs-%d:9866:DataXceiver error processing WRITE_BLOCK operation  src: /%s:%d dst: /10.70.0.%d:9866; java.io.IOException: Premature EOF from inputStream" % (i + 1, w.ip("10.70"), w.rng.randint(40000, 60000), 11 + i))
    # injector (chaosblade) on rs-3
    w.vsay(gc_at - 0.7, rs[2], "syslog", "%s hb-rs-3 blade[40117]: create jvm full-gc --process HRegionServer --effect-count 400 --interval 80 uid=e2a9c41b7f3d" % syslog_ts(w.dt(gc_at - 0.7)))
    # pauses
    pauses = []
    for base in aborts:
        t = base - 50
        for k in range(4):
            pauses.append((t, w.rng.uniform(4, 9)))
            t += w.rng.uniform(6, 10)
        pauses.append((base - 3, w.rng.uniform(41, 47)))
    for t, pz in pauses:
        jl(t, rs[2], "hbase-regionserver", "WARN", "JvmPauseMonitor", "util.JvmPauseMonitor", "Detected pause in JVM or host machine (eg GC): pause of approximately %dms\nGC pool 'G1 Old Generation' had collection(s): count=%d time=%dms" % (int(pz * 1000), w.rng.randint(3, 12), int(pz * 1000) - 60))
    for k, a in enumerate(aborts):
        sid = "0x30001a2b3c4%04x" % (5 + k)
        jl(a - 2, zk[1], "zookeeper", "INFO", "SessionTracker", "server.ZooKeeperServer", "Expiring session %s, timeout of 40000ms exceeded" % sid)
        jl(a - 1.5, ms, "hbase-master", "INFO", "RegionServerTracker-0", "master.RegionServerTracker", "RegionServer ephemeral node deleted, processing expiration [hb-rs-3,16020,17302%08d]" % (k * 7))
        jl(a - 1.2, ms, "hbase-master", "INFO", "RegionServerTracker-0", "master.ServerManager", "Processing expiration of hb-rs-3,16020,17302%08d on hb-master-1,16000,1729000000000" % (k * 7))
        jl(a - 1.0, ms, "hbase-master", "INFO", "RegionServerTracker-0", "procedure2.ProcedureExecutor", "Stored pid=%d, state=RUNNABLE:SERVER_CRASH_START; ServerCrashProcedure hb-rs-3,16020,17302%08d, splitWal=true, meta=false" % (88120 + k * 400, k * 7))
        jl(a, rs[2], "hbase-regionserver", "ERROR", "regionserver/hb-rs-3:16020", "regionserver.HRegionServer", "***** ABORTING region server hb-rs-3,16020,17302%08d: org.apache.hadoop.hbase.YouAreDeadException: Server REPORT rejected; currently processing hb-rs-3,16020,17302%08d as dead server *****" % (k * 7, k * 7))
        jl(a + 0.5, rs[2], "hbase-regionserver", "INFO", "regionserver/hb-rs-3:16020", "regionserver.HRegionServer", "Aborting with 211 regions online")
        w.vsay(a + 9, rs[2], "syslog", "%s hb-rs-3 systemd[1]: hbase-regionserver.service: Main process exited, code=exited, status=1/FAILURE" % syslog_ts(w.dt(a + 9)))
        w.vsay(a + 20, rs[2], "syslog", "%s hb-rs-3 systemd[1]: Started hbase-regionserver.service - HBase RegionServer." % syslog_ts(w.dt(a + 20)))
        for j in range(30):
            jl(a + 30 + j * 4 + w.rng.uniform(0, 2), ms, "hbase-master", "INFO", "PEWorker-%d" % w.rng.randint(1, 16), "assignment.RegionStateStore", "pid=%d updating hbase:meta row=%s, regionState=OPEN, repBarrier=%d, openSeqNum=%d, regionLocation=hb-rs-%d,16020,1729000000000" % (88121 + k * 400 + j, w.hx(32), w.rng.randint(10**5, 10**6), w.rng.randint(10**5, 10**6), w.choice([1, 2, 4]) if hasattr(w, "choice") else w.rng.choice([1, 2, 4])))
    for sec in w.every(10):
        for z in zk:
            if w.rng.random() < 0.15:
                jl(sec, z, "zookeeper", "INFO", "NIOWorkerThread-%d" % w.rng.randint(1, 8), "server.NIOServerCnxn", "Closed socket connection for client /%s:%d which had sessionid 0x%s" % (w.ip("10.70"), w.rng.randint(40000, 60000), w.hx(15)))
    # profile-svc clients (logback style)
    outages = [(a - 45, a + 150) for a in aborts]
    for sec in w.times(6.0):
        v = w.rng.choice(apps)
        lat = w.rng.lognormvariate(-4.5, 0.5)
        st = 200
        in_out = any(x <= sec < y for x, y in outages)
        if in_out and w.rng.random() < 0.3:
            if sec < max(a for a in aborts if a - 45 <= sec) if any(a - 45 <= sec for a in aborts) else False:
                lat += w.rng.uniform(3, 12)
            st = 503 if w.rng.random() < 0.5 else 200
            lat += w.rng.uniform(1, 8)
            if st == 503:
                jl(sec, v, "profile-svc", "ERROR", "http-nio-8080-exec-%d" % w.rng.randint(1, 200), "c.e.profile.store.HBaseProfileStore", "lookup failed for user %d: org.apache.hadoop.hbase.client.RetriesExhaustedException: Failed after attempts=8, exceptions: org.apache.hadoop.hbase.NotServingRegionException: profiles,%s,1729000000000.%s. is not online on hb-rs-3,16020,1730200000000" % (w.rng.randint(10**6, 10**8), w.hx(4), w.hx(32)))
        w.vsay(sec, v, "profile-svc-access", '%s - - [%s] "GET /v1/profiles/%d HTTP/1.1" %d %d %d' % (w.ip("10.70"), w.dt(sec).strftime("%d/%b/%Y:%H:%M:%S +0000"), w.rng.randint(10**6, 10**8), st, w.rng.randint(300, 4000), int(lat * 1000)), "INFO")
    return {
        "id": w.iid,
        "title": "ChaosBlade JVM full-GC injection on hb-rs-3: GC pauses over the 40s ZooKeeper session timeout, RegionServer declared dead and aborts twice; profile reads fail with NotServingRegionException while regions move",
        "root_cause": {"evidence": ["Detected pause in JVM or host machine", "create jvm full-gc"], "category": "other", "must_mention": ["GC", "ZooKeeper", "hb-rs-3"]},
        "symptoms": [{"evidence": "YouAreDeadException"}, {"evidence": "NotServingRegionException"}, {"evidence": "Expiring session"}],
        "distractors": [{"evidence": "Premature EOF from inputStream"}],
        "priority": "P2"}


# =====================================================================================
# 8. Istio VirtualService fault abort on shippingservice (game day applied to prod)
# =====================================================================================
def inc_istio(w):
    C, L = "boutique-prod", "us-central1"
    nodes = ["gke-boutique-prod-pool-1-8a7b6c5d-%s" % s for s in ("0a1b", "2c3d", "4e5f", "6g7h")]
    fe = [w.pod(C, L, "boutique", "frontend-6d8f7c9b5-%s" % s, "server", nodes[i % 4], "frontend") for i, s in enumerate(("7hq2x", "bb9k1", "m3n4p", "t6y7u"))]
    fe_px = [dict(p, res={"type": "k8s_container", "labels": dict(p["res"]["labels"], container_name="istio-proxy")}) for p in fe]
    co = [w.pod(C, L, "boutique", "checkoutservice-7c4b9d8f6-%s" % s, "server", nodes[i], "checkoutservice") for i, s in enumerate(("a8s9d", "f7g6h"))]
    co_px = [dict(p, res={"type": "k8s_container", "labels": dict(p["res"]["labels"], container_name="istio-proxy")}) for p in co]
    sh = [w.pod(C, L, "boutique", "shippingservice-5f6d7c8b9-%s" % s, "server", nodes[2 + i], "shippingservice") for i, s in enumerate(("q1w2e", "r3t4y"))]
    ad = w.pod(C, L, "boutique", "adservice-69f7b8c6d-z9x8c", "server", nodes[3], "adservice")
    inj = 6 * 60 + 40.0
    w.k8s_audit(inj, C, L, "io.istio.networking.v1beta1.virtualservices.patch", "networking.istio.io/v1beta1/namespaces/boutique/virtualservices/shippingservice",
                "gameday-runner@boutique-prod.iam.gserviceaccount.com",
                {"metadata": {"annotations": {"gameday/experiment": "gameday-shipping-abort", "gameday/target-env": "staging"}},
                 "spec": {"http": [{"fault": {"abort": {"httpStatus": 503, "percentage": {"value": 35}}}, "route": [{"destination": {"host": "shippingservice", "port": {"number": 50051}}}]}]}},
                ua="gameday-cli/0.9.2 (argo-workflows)")
    w.k8s_audit(inj + 0.8, C, L, "io.istio.networking.v1beta1.virtualservices.get", "networking.istio.io/v1beta1/namespaces/boutique/virtualservices/shippingservice", "gameday-runner@boutique-prod.iam.gserviceaccount.com", sev="INFO", ua="gameday-cli/0.9.2 (argo-workflows)")
    # adservice distractor: loud deadline exceeded all window
    for sec in w.times(0.25):
        p = w.rng.choice(fe)
        w.say(sec, p, json.dumps({"error": "rpc error: code = DeadlineExceeded desc = context deadline exceeded", "http.req.id": "%s-%s-%s-%s-%s" % (w.hx(8), w.hx(4), w.hx(4), w.hx(4), w.hx(12)), "http.req.method": "GET", "http.req.path": "/product/%s" % w.rng.choice(["OLJCESPC7Z", "66VCHSJNUP", "1YMWWN1N4O", "L9ECAV7KIM", "2ZYFJ3GM2N"]), "message": "failed to retrieve ads", "session": w.hx(8) + "-" + w.hx(4), "severity": "warning", "timestamp": iso(w.dt(sec), 6)}), "WARNING")
        if w.rng.random() < 0.3:
            w.say(sec - 0.3, ad, "%s WARN  [grpc-default-executor-%d] h.AdService - io.grpc.StatusRuntimeException: CANCELLED: client cancelled" % (log4j(w.dt(sec - 0.3)), w.rng.randint(1, 40)), "INFO", "stderr")
    pages = ["/", "/product/OLJCESPC7Z", "/product/66VCHSJNUP", "/product/1YMWWN1N4O", "/cart", "/cart", "/cart/checkout", "/setCurrency", "/static/styles/styles.css"]
    for sec in w.times(9.0):
        path = w.rng.choice(pages)
        m = "POST" if path in ("/cart/checkout", "/setCurrency") else "GET"
        p = w.rng.randrange(4)
        tr = w.hx(32)
        st, lat = 200 if m == "GET" else 302, w.rng.lognormvariate(-3.3, 0.5)
        rid = "%s-%s-%s-%s-%s" % (w.hx(8), w.hx(4), w.hx(4), w.hx(4), w.hx(12))
        needs_ship = path in ("/cart", "/cart/checkout")
        if needs_ship:
            c = w.rng.randrange(2)
            aborted = sec > inj + 3 and w.rng.random() < 0.35
            scode = 503 if aborted else 200
            flags = "FI" if aborted else "-"
            det = "fault_filter_abort" if aborted else "via_upstream"
            src_px = co_px[c] if path == "/cart/checkout" else fe_px[p]
            w.say(sec - 0.01, src_px, '[%s] "POST /hipstershop.ShippingService/GetQuote HTTP/2" %d %s %s - "-" 26 %d %d - "-" "grpc-go/1.64.0" "%s" "shippingservice:50051" "%s" outbound|50051||shippingservice.boutique.svc.cluster.local %s:%d 10.112.%d.%d:50051 - default' %
                  (iso(w.dt(sec - 0.01)), scode, flags, det, 0 if aborted else 12, 0 if aborted else w.rng.randint(1, 6), rid, "-" if aborted else w.ip("10.112") + ":50051", w.ip("10.112"), w.rng.randint(30000, 60000), w.rng.randint(0, 3), w.rng.randint(2, 250)), "INFO")
            if aborted:
                if path == "/cart/checkout":
                    w.say(sec - 0.005, co[c], json.dumps({"message": "failed to get shipping quote: rpc error: code = Unavailable desc = fault filter abort", "severity": "warning", "timestamp": iso(w.dt(sec - 0.005), 6)}), "WARNING")
                    err = "failed to complete the order: rpc error: code = Internal desc = shipping quote failure: failed to get shipping quote: rpc error: code = Unavailable desc = fault filter abort"
                else:
                    err = "failed to get shipping quote: rpc error: code = Unavailable desc = fault filter abort"
                st = 500
                w.say(sec, fe[p], json.dumps({"error": err, "http.req.id": rid, "http.req.method": m, "http.req.path": path, "message": "request error", "session": w.hx(8), "severity": "error", "timestamp": iso(w.dt(sec), 6)}), "ERROR", trace=tr)
            elif path == "/cart/checkout":
                w.say(sec - 0.004, co[c], json.dumps({"message": "payment went through (transaction_id: %s-%s-%s-%s-%s)" % (w.hx(8), w.hx(4), w.hx(4), w.hx(4), w.hx(12)), "severity": "info", "timestamp": iso(w.dt(sec - 0.004), 6)}), "INFO")
                w.say(sec - 0.003, co[c], json.dumps({"message": "order confirmation email sent to \"%s@example.com\"" % w.hx(6), "severity": "info", "timestamp": iso(w.dt(sec - 0.003), 6)}), "INFO")
        if w.rng.random() < 0.25:
            w.say(sec, fe[p], json.dumps({"http.req.id": rid, "http.req.method": m, "http.req.path": path, "http.resp.bytes": w.rng.randint(500, 20000), "http.resp.status": st, "http.resp.took_ms": int(lat * 1000), "message": "request complete", "session": w.hx(8), "severity": "debug", "timestamp": iso(w.dt(sec), 6)}), "DEBUG", trace=tr)
        w.lb(sec + 0.001, "boutique", "k8s1-boutique-frontend-80", m, "https://shop.boutique.example" + path, st, lat, w.rng.choice(UAS))
    for s in sh:
        for sec in w.times(0.6):
            w.say(sec, s, json.dumps({"message": "[GetQuote] completed request", "severity": "info", "timestamp": iso(w.dt(sec), 6)}), "INFO")
    kube_noise(w, C, L, nodes, {})
    return {
        "id": w.iid,
        "title": "A game-day pipeline meant for staging patches the production shippingservice VirtualService with an Istio fault abort (503, 35%); shipping quotes fail with 'fault filter abort' and a third of cart/checkout requests return 500",
        "root_cause": {"evidence": ["virtualservices.patch", "gameday-shipping-abort"], "category": "configuration", "must_mention": ["shippingservice", "abort", "VirtualService"]},
        "symptoms": [{"evidence": "fault filter abort"}, {"evidence": "failed to complete the order"}, {"evidence": "fault_filter_abort"}],
        "distractors": [{"evidence": "failed to retrieve ads"}],
        "priority": "P1"}


# =====================================================================================
# 9. Galera: VM hard reset (chaos) -> full SST, writer node becomes rsync donor and blocks writes
# =====================================================================================
def inc_galera(w):
    Z = "us-east1-c"
    g = [w.vm("galera-%d" % (i + 1), str(9910238475610000000 + i * 47), Z) for i in range(3)]
    hap = w.vm("db-haproxy-1", "9920238475610000001", Z)
    app = [w.vm("ticketing-%d" % (i + 1), str(9930238475610000000 + i * 53), Z) for i in range(3)]
    reset_at = 10 * 60 + 17.0
    sst_start = reset_at + 71
    sst_end = sst_start + 16 * 60

    def ml(sec, i, lvl, msg):
        w.vsay(sec, g[i], "mariadb", "%s 0 [%s] %s" % (w.dt(sec).strftime("%Y-%m-%d %H:%M:%S"), lvl, msg), "DEFAULT")

    w.gce_audit(reset_at, g[2], "v1.compute.instances.reset", "chaos-runner@helpdesk-prod-31.iam.gserviceaccount.com", "google-api-go-client/0.5 chaos-runner/1.4.0 (experiment=vm-hard-reset)")
    w.gce_audit(reset_at + 3.5, g[2], "v1.compute.instances.reset", "chaos-runner@helpdesk-prod-31.iam.gserviceaccount.com", "google-api-go-client/0.5 chaos-runner/1.4.0 (experiment=vm-hard-reset)", sev="NOTICE", last=True)
    for i in (0, 1):
        ml(reset_at + 5.2 + i * 0.1, i, "Note", "WSREP: (%s-%s, 'tcp://0.0.0.0:4567') turning message relay requesting on, nonlive peers: tcp://10.50.0.13:4567" % (w.hx(8), w.hx(4)))
        ml(reset_at + 8.9 + i * 0.1, i, "Note", "WSREP: declaring node with index 2 suspected, timeout PT5S (evs.suspect_timeout)")
        ml(reset_at + 9.6 + i * 0.1, i, "Note", "WSREP: New COMPONENT: primary = yes, bootstrap = no, my_idx = %d, memb_num = 2" % i)
    w.vsay(reset_at + 30, g[2], "syslog", "%s galera-3 kernel: [    0.000000] Linux version 6.1.0-26-cloud-amd64 (debian-kernel@lists.debian.org) (gcc-12 (Debian 12.2.0-14) 12.2.0, GNU ld (GNU Binutils for Debian) 2.40) #1 SMP PREEMPT_DYNAMIC Debian 6.1.112-1 (2024-09-30)" % syslog_ts(w.dt(reset_at + 30)))
    w.vsay(reset_at + 41, g[2], "syslog", "%s galera-3 kernel: [    6.102231] EXT4-fs (sdb): recovery complete" % syslog_ts(w.dt(reset_at + 41)))
    ml(reset_at + 55, 2, "Note", "Starting MariaDB 10.11.9-MariaDB-deb12 source revision 0ca8ef6ab8a9e8d6c8b8a0f2ee1bd54c33bb5e81 as process 1011")
    ml(reset_at + 58, 2, "Warning", "WSREP: Failed to prepare for incremental state transfer: Local state UUID (00000000-0000-0000-0000-000000000000) does not match group state UUID (6d0a7e1c-0b9f-11ef-8f3a-2a3b4c5d6e7f): 1 (Operation not permitted)")
    ml(reset_at + 58.1, 2, "Note", "WSREP: State transfer required: ")
    ml(sst_start - 1, 0, "Note", "WSREP: Member 2.0 (galera-3) requested state transfer from '*any*'. Selected 0.0 (galera-1)(SYNCED) as donor.")
    ml(sst_start - 0.9, 1, "Note", "WSREP: Member 2.0 (galera-3) requested state transfer from '*any*'. Selected 0.0 (galera-1)(SYNCED) as donor.")
    ml(sst_start, 0, "Note", "WSREP: Shifting SYNCED -> DONOR/DESYNCED (TO: 918244102)")
    ml(sst_start + 0.2, 0, "Note", "WSREP: Running: 'wsrep_sst_rsync --role 'donor' --address '10.50.0.13:4444/rsync_sst' --local-port '3306' --socket '/run/mysqld/mysqld.sock' --datadir '/var/lib/mysql/' --gtid '6d0a7e1c-0b9f-11ef-8f3a-2a3b4c5d6e7f:918244102' --gtid-domain-id '0''")
    ml(sst_start + 0.5, 0, "Note", "WSREP: Provider paused at 6d0a7e1c-0b9f-11ef-8f3a-2a3b4c5d6e7f:918244102 (5531)")
    w.vsay(sst_start + 0.6, g[0], "mariadb", "WSREP_SST: [INFO] Flushing tables for SST... (20251015 %s)" % w.dt(sst_start + 0.6).strftime("%H:%M:%S.%f")[:-3], "DEFAULT")
    for sec in w.every(60, sst_start + 30, sst_end):
        w.vsay(sec, g[0], "mariadb", "WSREP_SST: [INFO] rsync progress: %d GiB of 184 GiB transferred (20251015 %s)" % (int((sec - sst_start) / (sst_end - sst_start) * 184), w.dt(sec).strftime("%H:%M:%S.%f")[:-3]), "DEFAULT")
    ml(sst_end, 0, "Note", "WSREP: SST sent: 6d0a7e1c-0b9f-11ef-8f3a-2a3b4c5d6e7f:918244102")
    ml(sst_end + 0.2, 0, "Note", "WSREP: Provider resumed.")
    ml(sst_end + 0.4, 0, "Note", "WSREP: Shifting DONOR/DESYNCED -> JOINED (TO: 918244102)")
    ml(sst_end + 3, 0, "Note", "WSREP: Shifting JOINED -> SYNCED (TO: 918251770)")
    ml(sst_end + 80, 2, "Note", "WSREP: Shifting JOINER -> JOINED (TO: 918251790)")
    ml(sst_end + 95, 2, "Note", "WSREP: Shifting JOINED -> SYNCED (TO: 918252003)")
    # distractor: aborted connections from reporting host on galera-2
    for sec in w.times(0.12):
        ml(sec, 1, "Warning", "Aborted connection %d to db: 'tickets' user: 'reporting' host: '10.50.0.77' (Got an error reading communication packets)" % w.rng.randint(100000, 999999))
    for sec in w.every(120):
        for i in range(3):
            if i == 2 and reset_at < sec < sst_end + 60:
                continue
            ml(sec + i, i, "Note", "WSREP: Member %d.0 (galera-%d) desyncs itself from group" % (i, i + 1) if False else "InnoDB: Buffer pool(s) load completed" if w.rng.random() < 0.01 else "WSREP: cleaning up %s (tcp://10.50.0.%d:4567)" % (w.hx(8), 11 + i) if w.rng.random() < 0.2 else "WSREP: Flow-control interval: [253, 256]")
    # haproxy health: clustercheck AVAILABLE_WHEN_DONOR=1 keeps galera-1 UP
    for sec in w.every(60):
        w.vsay(sec, hap, "haproxy", "%s db-haproxy-1 haproxy[811]: Proxy galera_write: %d active servers, backup servers: 2 (galera-1 active)" % (syslog_ts(w.dt(sec)), 1), "DEFAULT") if w.rng.random() < 0.3 else None
    # ticketing app (Go, JSON)
    for sec in w.times(5.0):
        v = w.rng.choice(app)
        op = w.rng.choice(["GET /api/tickets", "GET /api/tickets/{id}", "POST /api/tickets", "POST /api/tickets/{id}/comments", "PATCH /api/tickets/{id}", "GET /api/search"])
        m, pth = op.split()
        pth = pth.replace("{id}", str(w.rng.randint(100000, 999999)))
        lat = w.rng.lognormvariate(-4.0, 0.5)
        st = {"GET": 200, "POST": 201, "PATCH": 200}[m]
        if m != "GET" and sst_start + 1 < sec < sst_end:
            lat = 10.0 + w.rng.uniform(0, 0.02)
            st = 504
            w.vsay(sec, v, "ticketing", {"level": "error", "time": iso(w.dt(sec)), "msg": "db write failed", "method": m, "path": pth, "error": "context deadline exceeded", "db_host": "db-haproxy-1:3306", "elapsed_ms": 10000}, "ERROR")
        w.vsay(sec + 0.001, v, "ticketing", {"level": "info", "time": iso(w.dt(sec)), "msg": "http request", "method": m, "path": pth, "status": st, "duration_ms": round(lat * 1000, 1)}, "INFO")
        w.lb(sec + 0.002, "helpdesk", "helpdesk-backend", m, "https://help.example.org" + pth, st, lat + 0.002, w.rng.choice(UAS), details="response_sent_by_backend" if st != 504 else "response_sent_by_backend")
    return {
        "id": w.iid,
        "title": "Chaos runner hard-resets VM galera-3 (compute.instances.reset); it cannot IST and requests a full SST, the HAProxy writer galera-1 becomes the rsync donor and blocks writes for 16 minutes",
        "root_cause": {"evidence": ["v1.compute.instances.reset"], "category": "database", "must_mention": ["galera-3", "SST", "donor"]},
        "symptoms": [{"evidence": "Shifting SYNCED -> DONOR/DESYNCED"}, {"evidence": "db write failed"}, {"evidence": "Failed to prepare for incremental state transfer"}],
        "distractors": [{"evidence": "Got an error reading communication packets"}],
        "priority": "P1"}


# =====================================================================================
# 10. Keycloak: injected packet loss on keycloak-2 -> Infinispan timeouts -> login failures
# =====================================================================================
def inc_keycloak(w):
    C, L = "identity-gke", "europe-west3"
    nodes = ["gke-identity-gke-default-5c4d3e2f-%s" % s for s in ("aa11", "bb22", "cc33")]
    kc = [w.pod(C, L, "identity", "keycloak-%d" % i, "keycloak", nodes[i], "keycloak") for i in range(3)]
    ing = [w.pod(C, L, "ingress-nginx", "ingress-nginx-controller-7d9c-%s" % s, "controller", nodes[i], "ingress-nginx") for i, s in enumerate(("x1x2x", "y3y4y"))]
    portal = [w.pod(C, L, "apps", "customer-portal-74b6c-%s" % s, "portal", nodes[i], "customer-portal") for i, s in enumerate(("p1o2i", "u3y4t"))]
    cd = w.pod(C, L, "chaos-mesh", "chaos-daemon-k8m2p", "chaos-daemon", nodes[2], "chaos-daemon")
    loss_at = 9 * 60 + 12.0

    def kl(sec, i, lvl, cat, thread, msg):
        w.say(sec, kc[i], "%s %-5s [%s] (%s) %s" % (log4j(w.dt(sec)), lvl, cat, thread, msg), "INFO")

    w.say(loss_at, cd, "%s\tINFO\tchaos-daemon-server\tapply netem loss=35%% correlation=25%% on eth0 of container %s (pod identity/keycloak-2)\t{\"requestId\": \"%s\", \"namespacedName\": \"identity/kc-loss-experiment\"}" % (iso(w.dt(loss_at)), w.hx(12), w.hx(8)), "INFO", "stderr")
    w.say(loss_at + 0.1, cd, "%s\tINFO\ttc\texecute tc command\t{\"cmd\": \"tc qdisc add dev eth0 root netem loss 35%% 25%%\", \"pid\": 48211}" % iso(w.dt(loss_at + 0.1)), "INFO", "stderr")
    for i in range(3):
        for sec in w.times(0.03):
            kl(sec, i, "INFO", "org.keycloak.services", "executor-thread-%d" % w.rng.randint(1, 60), w.rng.choice(["KC-SERVICES0077: Created temporary admin user with username admin" if False else "KC-SERVICES0009: Added user 'svc-sync' to realm 'master'" if False else "Session expired cleanup finished in %dms" % w.rng.randint(5, 80), "Refreshing JWKS cache for realm customers"]))
    # distractor: credential stuffing -> invalid_user_credentials, loud all window
    for sec in w.times(0.5):
        i = w.rng.randrange(3)
        kl(sec, i, "WARN", "org.keycloak.events", "executor-thread-%d" % w.rng.randint(1, 60), "type=\"LOGIN_ERROR\", realmId=\"8d3c1f2e\", realmName=\"customers\", clientId=\"customer-portal\", userId=\"null\", ipAddress=\"%s\", error=\"invalid_user_credentials\", auth_method=\"openid-connect\", username=\"%s@%s\"" % (w.pub_ip(), w.hx(6), w.rng.choice(["gmail.com", "yahoo.com", "outlook.com"])))
    # cluster instability
    view = 14
    for sec in w.times(1.0 / 50, loss_at + 20, w.dur):
        view += 1
        for i in range(3):
            kl(sec + i * 0.05, i, "INFO", "org.infinispan.CLUSTER", "jgroups-%d,keycloak-%d" % (w.rng.randint(5, 30), i), "ISPN000094: Received new cluster view for channel ISPN: [keycloak-0|%d] (%d) [keycloak-0, keycloak-1%s]" % (view, 3 if view % 2 else 2, ", keycloak-2" if view % 2 else ""))
        kl(sec - 2, 0, "WARN", "org.jgroups.protocols.pbcast.GMS", "jgroups-%d,keycloak-0" % w.rng.randint(5, 30), "keycloak-0: failed to collect all ACKs (expected=2) for view [keycloak-0|%d] after 2000ms, missing 1 ACKs from (1) keycloak-2" % view)
    for sec in w.times(0.12, loss_at + 5, w.dur):
        i = w.rng.choice([0, 1])
        kl(sec, i, "WARN", "org.jgroups.protocols.TCP", "TQ-Bundler-7,keycloak-%d" % i, "JGRP000032: keycloak-%d: no physical address for keycloak-2, dropping message" % i) if w.rng.random() < 0.3 else kl(sec, i, "WARN", "org.jgroups.protocols.pbcast.NAKACK2", "jgroups-%d,keycloak-%d" % (w.rng.randint(5, 30), i), "JGRP000011: keycloak-%d: dropped message batch from non-member keycloak-2 (view=[keycloak-0|%d] (2) [keycloak-0, keycloak-1])" % (i, view))
    # logins through ingress
    for sec in w.times(6.5):
        i = w.rng.randrange(3)
        tr = w.hx(32)
        path = w.rng.choice(["/realms/customers/protocol/openid-connect/auth", "/realms/customers/protocol/openid-connect/token", "/realms/customers/protocol/openid-connect/token", "/realms/customers/login-actions/authenticate", "/realms/customers/protocol/openid-connect/certs"])
        m = "POST" if "token" in path or "authenticate" in path else "GET"
        st, lat = 200, w.rng.lognormvariate(-3.5, 0.5)
        if m == "POST" and "authenticate" in path:
            st = 302
        bad = sec > loss_at + 15 and path != "/realms/customers/protocol/openid-connect/certs" and (i == 2 or w.rng.random() < 0.12) and w.rng.random() < 0.55
        if bad:
            lat += w.rng.uniform(4, 15)
            if "token" in path:
                st = 400
                kl(sec, i, "WARN", "org.keycloak.events", "executor-thread-%d" % w.rng.randint(1, 60), "type=\"CODE_TO_TOKEN_ERROR\", realmId=\"8d3c1f2e\", realmName=\"customers\", clientId=\"customer-portal\", userId=\"null\", ipAddress=\"%s\", error=\"invalid_code\", grant_type=\"authorization_code\", code_id=\"%s-%s\"" % (w.pub_ip(), w.hx(8), w.hx(4)))
                pp = w.rng.choice(portal)
                w.say(sec + 0.01, pp, json.dumps({"level": "error", "time": iso(w.dt(sec)), "msg": "OIDC callback failed", "error": "invalid_grant", "error_description": "Code not valid", "trace_id": tr}), "ERROR", trace=tr)
            else:
                st = 500
                kl(sec - 0.01, i, "ERROR", "org.infinispan.interceptors.impl.InvocationContextInterceptor", "executor-thread-%d" % w.rng.randint(1, 60), "ISPN000136: Error executing command GetKeyValueCommand on Cache 'authenticationSessions', writing keys []: org.infinispan.util.concurrent.TimeoutException: ISPN000476: Timed out waiting for responses for request %d from keycloak-%d after 15 seconds" % (w.rng.randint(10**4, 10**6), w.rng.choice([0, 1]) if i == 2 else 2))
                kl(sec, i, "ERROR", "org.keycloak.services.error.KeycloakErrorHandler", "executor-thread-%d" % w.rng.randint(1, 60), "Uncaught server error: org.infinispan.util.concurrent.TimeoutException: ISPN000476: Timed out waiting for responses for request %d" % w.rng.randint(10**4, 10**6))
        p = w.rng.choice(ing)
        w.say(sec + lat, p, '%s - - [%s] "%s %s HTTP/2.0" %d %d "https://portal.example.de/" "%s" %d %.3f [identity-keycloak-8080] [] 10.60.%d.%d:8080 %d %.3f %d %s' % (w.pub_ip(), w.dt(sec + lat).strftime("%d/%b/%Y:%H:%M:%S +0000"), m, path, st, w.rng.randint(400, 9000), w.rng.choice(UAS), w.rng.randint(300, 1200), lat, i, 10 + i, w.rng.randint(400, 9000), lat, st, w.hx(32)), "INFO")
    for pp in portal:
        for sec in w.times(1.2):
            w.say(sec, pp, json.dumps({"level": "info", "time": iso(w.dt(sec)), "msg": "GET %s 200" % w.rng.choice(["/dashboard", "/invoices", "/settings", "/api/me"]), "duration_ms": w.rng.randint(8, 200)}), "INFO")
    kube_noise(w, C, L, nodes, {nodes[i]: ["identity/keycloak-%d" % i] for i in range(3)})
    return {
        "id": w.iid,
        "title": "Chaos Mesh injects 35% packet loss on keycloak-2's eth0; JGroups views flap, Infinispan calls time out (ISPN000476), a share of logins fail with 500s and invalid_code token errors",
        "root_cause": {"evidence": ["netem loss=35%", "tc qdisc add dev eth0 root netem loss"], "category": "network", "must_mention": ["packet loss", "keycloak-2"]},
        "symptoms": [{"evidence": "ISPN000476: Timed out waiting for responses"}, {"evidence": "OIDC callback failed"}, {"evidence": "ISPN000094: Received new cluster view"}],
        "distractors": [{"evidence": "invalid_user_credentials"}],
        "priority": "P1"}


# =====================================================================================
# 11. Airflow (KubernetesExecutor): Litmus node-memory-hog -> kubelet evicts task pods
# =====================================================================================
def inc_airflow(w):
    C, L = "data-platform-gke", "us-central1"
    nodes = ["gke-data-platform-gk-etl-pool-9b8a7c6d-%s" % s for s in ("d4f5", "g6h7", "j8k9")]
    hot = nodes[1]
    sch = w.pod(C, L, "airflow", "airflow-scheduler-6f7d8c9b-2mz4q", "scheduler", nodes[0], "airflow-scheduler")
    web = w.pod(C, L, "airflow", "airflow-webserver-5d6c7b-8hq3r", "webserver", nodes[2], "airflow-webserver")
    helper = w.pod(C, L, "litmus", "node-memory-hog-helper-7xk2p", "node-memory-hog", hot, "litmus-helper")
    hog_at = 15 * 60 + 8.0
    hog_end = hog_at + 20 * 60

    def al(sec, p, src, lvl, msg):
        w.say(sec, p, "[%s] {%s} %s - %s" % (w.dt(sec).strftime("%Y-%m-%dT%H:%M:%S.") + "%03d+0000" % (w.dt(sec).microsecond // 1000), src, lvl, msg), "INFO", "stdout")

    # distractor: broken legacy DAG import every parse loop
    for sec in w.every(30):
        al(sec, sch, "dagbag.py:588", "ERROR", "Failed to import: /opt/airflow/dags/legacy_marketing.py")
        w.say(sec + 0.001, sch, "ModuleNotFoundError: No module named 'facebook_business'", "ERROR", "stderr")
    for sec in w.every(5):
        al(sec, sch, "scheduler_job_runner.py:1626", "INFO", "Adopting or resetting orphaned tasks for active dag runs" if w.rng.random() < 0.05 else "Heartbeat recorded: running=%d queued=%d" % (w.rng.randint(8, 20), w.rng.randint(0, 6)))
    for sec in w.times(2.2):
        w.say(sec, web, '%s - - [%s] "GET /api/v1/dags/%s/dagRuns?limit=25 HTTP/1.1" 200 %d "-" "Mozilla/5.0"' % (w.ip("10.80"), w.dt(sec).strftime("%d/%b/%Y:%H:%M:%S +0000"), w.rng.choice(["etl_orders", "etl_customers", "dbt_nightly", "export_finance"]), w.rng.randint(1000, 30000)), "INFO")
    # injector helper pod
    w.event(hog_at - 6, C, L, "litmus", "Pod", "node-memory-hog-helper-7xk2p", "Scheduled", "Successfully assigned litmus/node-memory-hog-helper-7xk2p to %s" % hot, comp="default-scheduler")
    w.say(hog_at - 1, helper, "time=\"%s\" level=info msg=\"[Chaos]: Starting node-memory-hog on node %s: memory consumption 90%%, workers 4, duration 1200s\"" % (iso(w.dt(hog_at - 1)), hot), "INFO", "stdout")
    w.say(hog_at, helper, "stress-ng: info:  [1] dispatching hogs: 4 vm", "INFO", "stderr")
    w.say(hog_end, helper, "stress-ng: info:  [1] successful run completed in 1200.04s (20 mins, 0.04 secs)", "INFO", "stderr")
    # task pods
    dags = ["etl_orders", "etl_customers", "etl_inventory", "dbt_nightly", "export_finance", "ml_features_daily"]
    evicted = []
    for sec in w.every(14):
        dag = w.rng.choice(dags)
        task = w.rng.choice(["extract", "transform", "load", "validate", "publish"])
        pod = "%s-%s-%s" % (dag.replace("_", "-"), task, w.hx(8))
        node = w.rng.choice(nodes)
        dur = w.rng.uniform(90, 600)
        al(sec, sch, "kubernetes_executor.py:317", "INFO", "Add task TaskInstanceKey(dag_id='%s', task_id='%s', run_id='scheduled__2025-09-09T03:00:00+00:00', try_number=1, map_index=-1) with command [...]" % (dag, task))
        w.event(sec + 1, C, L, "airflow", "Pod", pod, "Scheduled", "Successfully assigned airflow/%s to %s" % (pod, node), comp="default-scheduler")
        if node == hot and hog_at + 40 < sec + dur * 0.5 and sec < hog_end:
            ev = max(sec + 20, hog_at + 40 + w.rng.uniform(0, 200))
            evicted.append(ev)
            w.event(ev, C, L, "airflow", "Pod", pod, "Evicted", "The node was low on resource: memory. Threshold quantity: 100Mi, available: %dMi. Container base was using %dMi, request is 512Mi, has larger consumption of memory." % (w.rng.randint(60, 98), w.rng.randint(900, 2400)), "Warning", host=hot)
            w.kubelet(ev - 0.3, C, L, hot, 'eviction_manager.go:616] "Eviction manager: pod is evicted successfully" pod="airflow/%s"' % pod, "INFO")
            al(ev + 3, sch, "kubernetes_executor_utils.py:283", "ERROR", "Event: %s Failed, annotations: <omitted>" % pod)
            al(ev + 4, sch, "scheduler_job_runner.py:696", "INFO", "Received executor event with state failed for task instance TaskInstanceKey(dag_id='%s', task_id='%s', run_id='scheduled__2025-09-09T03:00:00+00:00', try_number=1, map_index=-1)" % (dag, task))
            al(ev + 4.2, sch, "taskinstance.py:2905", "ERROR", "Executor reports task instance <TaskInstance: %s.%s scheduled__2025-09-09T03:00:00+00:00 [queued]> finished (failed) although the task says it's queued. (Info: Pod %s was evicted: The node was low on resource: memory.) Was the task killed externally?" % (dag, task, pod))
            al(ev + 4.3, sch, "taskinstance.py:1206", "INFO", "Marking task as FAILED. dag_id=%s, task_id=%s, run_id=scheduled__2025-09-09T03:00:00+00:00" % (dag, task))
        else:
            al(sec + dur, sch, "scheduler_job_runner.py:696", "INFO", "Received executor event with state success for task instance TaskInstanceKey(dag_id='%s', task_id='%s', run_id='scheduled__2025-09-09T03:00:00+00:00', try_number=1, map_index=-1)" % (dag, task))
    for ev in evicted:
        pass
    for sec in w.every(9, hog_at + 25, hog_end + 30):
        w.kubelet(sec, C, L, hot, 'eviction_manager.go:366] "Eviction manager: attempting to reclaim" resourceName="memory"', "INFO")
        w.kubelet(sec + 0.01, C, L, hot, 'eviction_manager.go:377] "Eviction manager: must evict pod(s) to reclaim" resourceName="memory"', "INFO")
        if w.rng.random() < 0.3:
            w.kubelet(sec + 0.02, C, L, hot, 'eviction_manager.go:395] "Eviction manager: pods ranked for eviction" pods=["airflow/etl-orders-load-%s","litmus/node-memory-hog-helper-7xk2p","kube-system/fluentbit-gke-6vp2s"]' % w.hx(8), "INFO")
    w.event(hog_at + 26, C, L, "", "Node", hot, "EvictionThresholdMet", "Attempting to reclaim memory", "Warning", host=hot)
    for sec in w.every(120, hog_at + 120, hog_end + 600):
        al(sec, sch, "scheduler_job_runner.py:1960", "WARNING", "SLA miss for DAG %s: task etl load not finished by 04:30" % w.rng.choice(["etl_orders", "dbt_nightly"]))
    kube_noise(w, C, L, nodes, {})
    return {
        "id": w.iid,
        "title": "Litmus node-memory-hog (stress-ng, 90% memory) on an ETL node; kubelet hits the memory eviction threshold and evicts Airflow task pods, which are marked FAILED; nightly DAGs miss their SLA",
        "root_cause": {"evidence": ["node-memory-hog", "dispatching hogs: 4 vm"], "category": "resource-exhaustion", "must_mention": ["memory", "evict"]},
        "symptoms": [{"evidence": "The node was low on resource: memory"}, {"evidence": "Marking task as FAILED"}, {"evidence": "SLA miss"}],
        "distractors": [{"evidence": "No module named 'facebook_business'"}],
        "priority": "P2"}


# =====================================================================================
# 12. Varnish: k6 load injection with cache-busting query strings -> backend saturation
# =====================================================================================
def inc_varnish(w):
    Z = "europe-west1-d"
    vv = [w.vm("varnish-%d" % (i + 1), str(1110298374650000000 + i * 59), Z) for i in range(2)]
    dv = [w.vm("drupal-%d" % (i + 1), str(1210298374650000000 + i * 61), Z) for i in range(3)]
    lg = w.vm("loadgen-1", "1310298374650000001", Z)
    k6_at = 12 * 60 + 30.0
    k6_end = k6_at + 25 * 60
    w.vsay(k6_at - 2, lg, "syslog", "%s loadgen-1 sudo[9182]:   rvasquez : TTY=pts/0 ; PWD=/home/rvasquez/perf ; USER=root ; COMMAND=/usr/bin/k6 run --vus 800 --duration 25m -e BASE_URL=https://www.dailycourier.example loadtest-article-pages.js" % syslog_ts(w.dt(k6_at - 2)))
    arts = ["/news/%d/%s" % (w.rng.randint(100000, 999999), w.rng.choice(["city-council-vote", "storm-warning", "transit-fares", "school-budget", "derby-recap", "election-night"])) for _ in range(40)]
    for sec in w.times(6.6):
        v = w.rng.choice(vv)
        k6 = k6_at < sec < k6_end and w.rng.random() < 0.45
        over = k6_at + 60 < sec < k6_end + 40
        path = w.rng.choice(arts + ["/", "/sport", "/business", "/core/misc/drupal.js?v=10.3.6", "/sites/default/files/styles/hero/public/%d.jpg" % w.rng.randint(1, 500)])
        if k6:
            path = w.rng.choice(arts) + "?cb=%d" % w.rng.randint(10**8, 10**9)
            ua = "k6/0.49.0 (https://k6.io/)"
            hit = False
        else:
            ua = w.rng.choice(UAS)
            hit = w.rng.random() < 0.93
        st, lat = 200, (w.rng.uniform(0.0005, 0.004) if hit else w.rng.lognormvariate(-2.0, 0.4))
        if not hit and over and w.rng.random() < 0.55:
            st, lat = 503, w.rng.uniform(5, 30)
        w.vsay(sec, v, "varnishncsa", '%s - - [%s] "GET http://www.dailycourier.example%s HTTP/1.1" %d %d "-" "%s" %s %.6f' % (w.ip("10.132") if k6 else w.pub_ip(), w.dt(sec).strftime("%d/%b/%Y:%H:%M:%S +0000"), path, st, w.rng.randint(300, 90000) if st == 200 else 278, ua, "hit" if hit else "miss", lat), "INFO")
        if st == 503 and w.rng.random() < 0.35:
            w.vsay(sec, v, "varnishlog", "-   FetchError     backend drupal_%d: fail (Backend fetch failed: first byte timeout)" % w.rng.randint(1, 3), "DEFAULT")
        if not k6:
            w.lb(sec + 0.001, "dailycourier", "varnish-backend", "GET", "https://www.dailycourier.example" + path, st, lat + 0.001, ua, details="response_sent_by_backend")
        if not hit:
            d = w.rng.choice(dv)
            if st != 503:
                w.vsay(sec - 0.001, d, "apache-access", '%s - - [%s] "GET %s HTTP/1.1" 200 %d "-" "%s" %d' % (v["name"], w.dt(sec).strftime("%d/%b/%Y:%H:%M:%S +0000"), path, w.rng.randint(9000, 90000), ua, int(lat * 1e6)), "INFO")
    for d in dv:
        for sec in w.every(4, k6_at + 45, k6_end + 20):
            w.vsay(sec, d, "php-fpm", "[%s] WARNING: [pool www] server reached pm.max_children setting (40), consider raising it" % w.dt(sec).strftime("%d-%b-%Y %H:%M:%S"), "DEFAULT")
        for sec in w.every(25, k6_at + 90, k6_end):
            w.vsay(sec, d, "php-fpm", "[%s] WARNING: [pool www] child %d, script '/var/www/html/web/index.php' (request: \"GET /index.php?q=%s\") executing too slow (%.6f sec), logging" % (w.dt(sec).strftime("%d-%b-%Y %H:%M:%S"), w.rng.randint(1000, 40000), w.rng.choice(arts)[1:], w.rng.uniform(5, 20)), "DEFAULT")
        # distractor: Drupal PHP warnings, loud all window
        for sec in w.times(0.15):
            w.vsay(sec, d, "drupal", "%s|php|%s|%s|https://www.dailycourier.example%s||0||Warning: Undefined array key \"field_byline\" in Drupal\\dailycourier_theme\\Preprocess\\ArticlePreprocess->process() (line 88 of /var/www/html/web/themes/custom/dailycourier_theme/src/Preprocess/ArticlePreprocess.php)." % (w.dt(sec).strftime("%s") if False else str(int(w.t0.timestamp() + sec)), w.pub_ip(), w.hx(4), w.rng.choice(arts)), "DEFAULT")
        for sec in w.every(60):
            w.vsay(sec, d, "syslog", "%s %s CRON[%d]: (www-data) CMD (drush --root=/var/www/html cron >/dev/null 2>&1)" % (syslog_ts(w.dt(sec)), d["name"], w.rng.randint(1000, 30000)))
    for v in vv:
        for sec in w.every(60):
            w.vsay(sec, v, "varnishstat", "MAIN.cache_hit_ratio=%.3f MAIN.backend_busy=%d MAIN.n_object=%d MAIN.threads=%d" % ((0.92 + w.rng.uniform(0, 0.03)) if not (k6_at < sec < k6_end) else w.rng.uniform(0.48, 0.56), 0 if not (k6_at + 60 < sec < k6_end) else w.rng.randint(200, 900), w.rng.randint(180000, 260000) + (int(sec - k6_at) * 300 if sec > k6_at else 0), w.rng.randint(200, 400) if sec < k6_at else 1000), "DEFAULT")
    return {
        "id": w.iid,
        "title": "An engineer runs a k6 load-injection test (800 VUs) against production with a cache-busting ?cb= query string; every request misses Varnish, PHP-FPM hits pm.max_children and readers get 503 Backend fetch failed",
        "root_cause": {"evidence": ["k6/0.49.0", "k6 run --vus 800"], "category": "capacity", "must_mention": ["k6", "cache"]},
        "symptoms": [{"evidence": "server reached pm.max_children"}, {"evidence": "Backend fetch failed"}, {"evidence": "executing too slow"}],
        "distractors": [{"evidence": "Undefined array key"}],
        "priority": "P1"}


# =====================================================================================
# H1. Healthy: Flink job upgraded via savepoint, TaskManagers rolled, HPA scale on the API
# =====================================================================================
def inc_flink_ok(w):
    C, L = "streaming-gke", "us-west2"
    nodes = ["gke-streaming-gke-pool-a-3e4f5a6b-%s" % s for s in ("m1n2", "o3p4", "q5r6", "s7t8")]
    jm = w.pod(C, L, "flink", "clickstream-sessionizer-7c8d9e-jm1", "flink-main-container", nodes[0], "clickstream-sessionizer")
    op = w.pod(C, L, "flink-operator", "flink-kubernetes-operator-6b5c4d-r2t3y", "flink-kubernetes-operator", nodes[1], "flink-kubernetes-operator")
    tms_old = [w.pod(C, L, "flink", "clickstream-sessionizer-taskmanager-1-%d" % (i + 1), "flink-main-container", nodes[i % 4], "clickstream-sessionizer") for i in range(4)]
    tms_new = [w.pod(C, L, "flink", "clickstream-sessionizer-taskmanager-2-%d" % (i + 1), "flink-main-container", nodes[(i + 1) % 4], "clickstream-sessionizer") for i in range(4)]
    api = [w.pod(C, L, "web", "sessions-api-5f6a7b-%s" % s, "api", nodes[i % 4], "sessions-api") for i, s in enumerate(("a1", "b2", "c3", "d4", "e5", "f6"))]
    up = 19 * 60 + 10.0

    def fl(sec, p, lvl, cls, msg):
        w.say(sec, p, "%s %-5s %s [] - %s" % (log4j(w.dt(sec)), lvl, cls, msg), "INFO")
    cid = 88100
    for sec in w.every(60):
        if up - 30 < sec < up + 100:
            continue
        cid += 1
        fl(sec, jm, "INFO", "org.apache.flink.runtime.checkpoint.CheckpointCoordinator", "Triggering checkpoint %d (type=CheckpointType{name='Checkpoint', sharingFilesStrategy=FORWARD_BACKWARD}) @ %d for job 9f8e7d6c5b4a39281706f5e4d3c2b1a0." % (cid, int((w.t0.timestamp() + sec) * 1000)))
        if sec < 14 * 60 and w.rng.random() < 0.12:
            fl(sec + 600, jm, "WARN", "org.apache.flink.runtime.checkpoint.CheckpointFailureManager", "Failed to trigger or complete checkpoint %d for job 9f8e7d6c5b4a39281706f5e4d3c2b1a0. (0 consecutive failed attempts so far)" % cid) if False else fl(sec + 9.5, jm, "INFO", "org.apache.flink.runtime.checkpoint.CheckpointCoordinator", "Checkpoint %d of job 9f8e7d6c5b4a39281706f5e4d3c2b1a0 expired before completing." % cid)
        else:
            fl(sec + w.rng.uniform(2, 6), jm, "INFO", "org.apache.flink.runtime.checkpoint.CheckpointCoordinator", "Completed checkpoint %d for job 9f8e7d6c5b4a39281706f5e4d3c2b1a0 (%d bytes, checkpointDuration=%d ms, finalizationTime=%d ms)." % (cid, w.rng.randint(4 * 10**8, 6 * 10**8), w.rng.randint(2000, 6000), w.rng.randint(5, 40)))
    # routine: one checkpoint expired warning -> next ones fine
    fl(7 * 60 + 3, jm, "INFO", "org.apache.flink.runtime.checkpoint.CheckpointCoordinator", "Checkpoint 88107 of job 9f8e7d6c5b4a39281706f5e4d3c2b1a0 expired before completing.")
    fl(7 * 60 + 12, jm, "WARN", "org.apache.flink.runtime.checkpoint.CheckpointCoordinator", "Received late message for now expired checkpoint attempt %d from task %s of job 9f8e7d6c5b4a39281706f5e4d3c2b1a0 at clickstream-sessionizer-taskmanager-1-3." % (88107, w.hx(32)))
    # upgrade
    w.k8s_audit(up, C, L, "io.flink.v1beta1.flinkdeployments.patch", "flink.apache.org/v1beta1/namespaces/flink/flinkdeployments/clickstream-sessionizer", "cloudbuild-deployer@streaming-prod-7.iam.gserviceaccount.com",
                {"spec": {"image": "us-west2-docker.pkg.dev/streaming-prod-7/flink/clickstream-sessionizer:2.14.0", "job": {"upgradeMode": "savepoint"}}}, ua="kubectl/v1.30.4")
    w.say(up + 2, op, "%s o.a.f.k.o.l.AuditUtils [INFO ][flink/clickstream-sessionizer] >>> Event  | Info    | SPECCHANGED     | UPGRADE change(s) detected (Diff: FlinkDeploymentSpec[image : ...:2.13.2 -> ...:2.14.0]), starting reconciliation." % log4j(w.dt(up + 2)), "INFO")
    w.say(up + 4, op, "%s o.a.f.k.o.r.d.AbstractJobReconciler [INFO ][flink/clickstream-sessionizer] Upgrading/Restarting running job, suspending first..." % log4j(w.dt(up + 4)), "INFO")
    fl(up + 5, jm, "INFO", "org.apache.flink.runtime.checkpoint.CheckpointCoordinator", "Triggering checkpoint %d (type=SavepointType{name='Suspend Savepoint', postCheckpointAction=SUSPEND, formatType=CANONICAL}) for job 9f8e7d6c5b4a39281706f5e4d3c2b1a0." % (cid + 1))
    fl(up + 38, jm, "INFO", "org.apache.flink.runtime.executiongraph.ExecutionGraph", "Job clickstream-sessionizer (9f8e7d6c5b4a39281706f5e4d3c2b1a0) switched from state RUNNING to FINISHED.")
    for k, p in enumerate(tms_old):
        w.event(up + 45 + k, C, L, "flink", "Pod", p["name"], "Killing", "Stopping container flink-main-container", host=p["node"])
        fl(up + 44 + k, p, "INFO", "org.apache.flink.runtime.taskexecutor.TaskExecutor", "Close JobManager connection for job 9f8e7d6c5b4a39281706f5e4d3c2b1a0.")
        fl(up + 44.5 + k, p, "ERROR", "org.apache.flink.runtime.taskexecutor.TaskManagerRunner", "RECEIVED SIGNAL 15: SIGTERM. Shutting down as requested.")
    for k, p in enumerate(tms_new):
        w.kubelet(up + 70 + k, C, L, p["node"], 'prober.go:107] "Probe failed" probeType="Readiness" pod="flink/%s" podUID="%s" containerName="flink-main-container" probeResult="failure" output="Get \\"http://10.96.%d.%d:8081/\\": dial tcp 10.96.%d.%d:8081: connect: connection refused"' % (p["name"], w.hx(8), k, 20 + k, k, 20 + k), "INFO")
        fl(up + 75 + k, p, "INFO", "org.apache.flink.runtime.taskexecutor.TaskExecutor", "Successful registration at resource manager akka.tcp://flink@clickstream-sessionizer.flink:6123/user/rpc/resourcemanager_0 under registration id %s." % w.hx(32))
    fl(up + 85, jm, "INFO", "org.apache.flink.runtime.checkpoint.CheckpointCoordinator", "Restoring job 9f8e7d6c5b4a39281706f5e4d3c2b1a0 from Savepoint %d @ %d for 9f8e7d6c5b4a39281706f5e4d3c2b1a0 located at gs://streaming-prod-7-flink/savepoints/savepoint-9f8e7d-%s." % (cid + 1, int((w.t0.timestamp() + up + 30) * 1000), w.hx(12)))
    fl(up + 95, jm, "INFO", "org.apache.flink.runtime.executiongraph.ExecutionGraph", "Job clickstream-sessionizer (9f8e7d6c5b4a39281706f5e4d3c2b1a0) switched from state CREATED to RUNNING.")
    for p in tms_new:
        fl(up + 97, p, "WARN", "org.apache.kafka.clients.consumer.internals.ConsumerCoordinator", "[Consumer clientId=clickstream-sessionizer-%d, groupId=clickstream-sessionizer] Offset commit failed on partition clicks-%d at offset %d: The coordinator is loading and hence can't process requests." % (w.rng.randint(0, 9), w.rng.randint(0, 23), w.rng.randint(10**8, 10**9)))
    for p in tms_old + tms_new:
        a, b = (0, up + 44) if p in tms_old else (up + 75, w.dur)
        for sec in w.every(30, a, b):
            fl(sec, p, "INFO", "org.apache.kafka.clients.consumer.internals.ConsumerCoordinator", "[Consumer clientId=clickstream-sessionizer-%d, groupId=clickstream-sessionizer] Committed offsets for %d partitions" % (w.rng.randint(0, 9), w.rng.randint(4, 8)))
    # HPA scale of the api + routine 404/429 noise
    w.event(25 * 60 + 3, C, L, "web", "HorizontalPodAutoscaler", "sessions-api", "SuccessfulRescale", "New size: 9; reason: cpu resource utilization (percentage of request) above target", comp="horizontal-pod-autoscaler")
    for sec in w.times(7.0):
        p = w.rng.choice(api)
        st = w.rng.choice([200] * 40 + [404, 429, 304])
        w.say(sec, p, json.dumps({"severity": "WARNING" if st == 429 else "INFO", "message": "rate limited client" if st == 429 else "served", "path": w.rng.choice(["/v1/sessions/live", "/v1/sessions/%s" % w.hx(10), "/v1/pages/top"]), "status": st, "latency_ms": w.rng.randint(3, 90)}), "WARNING" if st == 429 else "INFO")
        w.lb(sec + 0.001, "sessions", "k8s1-web-sessions-api-8080", "GET", "https://sessions.example.net/v1/sessions/live", st, w.rng.uniform(0.003, 0.09), w.rng.choice(UAS))
    kube_noise(w, C, L, nodes, {})
    return {
        "id": w.iid,
        "title": "Healthy: Flink job upgraded by the operator with a suspend savepoint; old TaskManagers terminated, new ones briefly unready, one checkpoint expired earlier, HPA scale-out on the API",
        "root_cause": None, "symptoms": [],
        "distractors": [{"evidence": "expired before completing"}, {"evidence": "RECEIVED SIGNAL 15: SIGTERM"}, {"evidence": "rate limited client"}, {"evidence": "The coordinator is loading"}],
        "priority": "none"}


# =====================================================================================
# H2. Healthy: Vault HA helm upgrade with leadership step-down, CI policy denials, lease revocations
# =====================================================================================
def inc_vault_ok(w):
    C, L = "platform-gke", "asia-northeast1"
    nodes = ["gke-platform-gke-sys-pool-1f2e3d4c-%s" % s for s in ("v1w2", "x3y4", "z5a6")]
    va = [w.pod(C, L, "vault", "vault-%d" % i, "vault", nodes[i], "vault") for i in range(3)]
    apps = [w.pod(C, L, "payments", "payments-api-6c7d8e-%s" % s, "vault-agent", nodes[i % 3], "payments-api") for i, s in enumerate(("k1", "k2", "k3", "k4"))]
    up = 11 * 60 + 40.0

    def vl(sec, i, lvl, msg):
        w.say(sec, va[i], "%s [%s] %s" % (iso(w.dt(sec)), lvl, msg), "INFO", "stderr")
    leader = lambda t: 0 if t < up + 200 else 1
    for i in range(3):
        for sec in w.times(0.05):
            vl(sec, i, "INFO", w.rng.choice(["storage.raft: starting snapshot up to: index=%d" % w.rng.randint(10**7, 2 * 10**7), "expiration: revoked lease: lease_id=auth/kubernetes/login/%s" % w.hx(24), "rollback: attempting rollback: path=auth/kubernetes/"]))
    for sec in w.times(0.3):
        vl(sec, leader(sec), "INFO", "expiration: lease expired, revoking: lease_id=database/creds/payments-rw/%s" % w.hx(24))
    # CI job denied (routine)
    for sec in w.every(40):
        vl(sec, leader(sec), "ERROR", "core: failed to run existence check: error=\"permission denied\" path=secret/data/ci/release-signing" if False else "core.auth: permission denied: path=secret/data/ci/release-signing policy=[\"ci-readonly\" \"default\"] remote_address=10.44.%d.%d" % (w.rng.randint(0, 3), w.rng.randint(2, 250)))
    w.k8s_audit(up, C, L, "io.k8s.apps.v1.statefulsets.patch", "apps/v1/namespaces/vault/statefulsets/vault", "github-actions-deployer@platform-prod-12.iam.gserviceaccount.com",
                {"spec": {"template": {"spec": {"containers": [{"name": "vault", "image": "hashicorp/vault:1.17.6"}]}}}}, ua="Helm/3.15.4")
    # rolling restart order: 2, 1, then 0 (leader) with step-down
    for k, i in enumerate((2, 1, 0)):
        t = up + 20 + k * 90
        w.event(t, C, L, "vault", "Pod", "vault-%d" % i, "Killing", "Stopping container vault", host=nodes[i])
        if i == 0:
            vl(t - 3, 0, "INFO", "core: stepping down from active operation to standby")
            vl(t - 2.5, 0, "INFO", "core: pre-seal teardown starting")
            vl(t + 1.5, 1, "INFO", "core: acquired lock, enabling active operation")
            vl(t + 1.6, 1, "INFO", "core: post-unseal setup complete")
        vl(t - 0.5, i, "INFO", "core: marked as sealed")
        w.kubelet(t + 30, C, L, nodes[i], 'prober.go:107] "Probe failed" probeType="Readiness" pod="vault/vault-%d" podUID="%s" containerName="vault" probeResult="failure" output="HTTP probe failed with statuscode: 503"' % (i, w.hx(8)), "INFO")
        vl(t + 32, i, "INFO", "core: vault is unsealed (auto-unseal: gcpckms)")
        vl(t + 33, i, "INFO", "core: entering standby mode")
        vl(t + 34, i, "WARN", "storage.raft: raft.transport: failed to decode incoming command: error=\"transport shutdown\"")
    for a in apps:
        for sec in w.every(60):
            w.say(sec, a, "%s [INFO]  agent.auth.handler: renewed auth token" % iso(w.dt(sec)), "INFO", "stderr")
        for sec in w.every(300):
            w.say(sec, a, "%s [INFO]  agent: (runner) rendered \"(dynamic)\" => \"/vault/secrets/db-creds\"" % iso(w.dt(sec)), "INFO", "stderr")
        t = up + 200 + w.rng.uniform(0, 3)
        w.say(t, a, "%s [ERROR] agent.auth.handler: error authenticating: error=\"Error making API request. URL: PUT http://vault-active.vault:8200/v1/auth/kubernetes/login Code: 503. Errors: * Vault is sealed\" backoff=1s" % iso(w.dt(t)), "INFO", "stderr")
        w.say(t + 1.6, a, "%s [INFO]  agent.auth.handler: authentication successful, sending token to sinks" % iso(w.dt(t + 1.6)), "INFO", "stderr")
    # payments app traffic through LB
    for sec in w.times(6.0):
        st = w.rng.choice([200] * 50 + [400, 404, 402])
        w.lb(sec, "payments", "k8s1-payments-api-8443", w.rng.choice(["GET", "POST"]), "https://pay.example.jp/v1/%s" % w.rng.choice(["charges", "refunds", "customers/%s" % w.hx(8)]), st, w.rng.uniform(0.02, 0.3), "payments-sdk-ruby/9.1.0")
    kube_noise(w, C, L, nodes, {})
    return {
        "id": w.iid,
        "title": "Healthy: Vault HA Helm upgrade rolls the StatefulSet, the active node steps down and vault-1 takes over; agents retry one sealed 503 and re-authenticate; routine CI policy denials and lease revocations",
        "root_cause": None, "symptoms": [],
        "distractors": [{"evidence": "permission denied"}, {"evidence": "Vault is sealed"}, {"evidence": "stepping down from active operation"}],
        "priority": "none"}


INCIDENTS = [
    ("crdb-clock-skew-node-suicide", "ledger-prod-4471", "2025-11-04T13:10:00Z", 45, 2801, inc_crdb, "clock skew (TimeChaos) on one CockroachDB node"),
    ("patroni-etcd-disk-latency", "billing-core-2290", "2025-10-21T02:40:00Z", 45, 2802, inc_patroni, "disk I/O latency injected on the DCS (etcd) leader"),
    ("nats-jetstream-partition", "shop-orders-8812", "2025-11-12T09:00:00Z", 40, 2803, inc_nats, "network partition of one NATS JetStream server"),
    ("clickhouse-keeper-sigstop", "analytics-eu-5531", "2025-11-18T16:00:00Z", 50, 2804, inc_clickhouse, "process freeze (SIGSTOP) of 2 of 3 ClickHouse Keeper members"),
    ("redis-sentinel-master-kill", "shop-uk-3307", "2025-09-30T11:00:00Z", 40, 2805, inc_redis, "process kill (SIGKILL) of the Redis Sentinel master"),
    ("logstash-queue-permission", "weblogs-prod-1149", "2025-10-09T14:00:00Z", 55, 2806, inc_logstash, "file permission/attribute fault on Logstash's persistent queue"),
    ("hbase-jvm-gc-stress", "profiles-apac-6620", "2025-08-27T07:20:00Z", 45, 2807, inc_hbase, "JVM full-GC stress injection on an HBase RegionServer"),
    ("istio-fault-abort-shipping", "boutique-prod", "2025-12-02T19:00:00Z", 35, 2808, inc_istio, "service-mesh HTTP abort fault left on a production route"),
    ("galera-vm-reset-sst-donor", "helpdesk-prod-31", "2025-10-15T10:10:00Z", 50, 2809, inc_galera, "VM hard reset forcing a full Galera SST from the writer"),
    ("keycloak-packet-loss", "identity-eu-4418", "2025-11-26T08:20:00Z", 40, 2810, inc_keycloak, "packet loss (netem loss) on one Keycloak pod"),
    ("airflow-node-memory-hog", "data-platform-9071", "2025-09-09T03:50:00Z", 50, 2811, inc_airflow, "node memory hog causing kubelet evictions"),
    ("varnish-k6-cache-bust", "dailycourier-web-2214", "2025-10-28T17:00:00Z", 45, 2812, inc_varnish, "load injection with cache-busting requests"),
    ("healthy-flink-savepoint-upgrade", "streaming-prod-7", "2025-11-07T15:00:00Z", 45, 2813, inc_flink_ok, "healthy"),
    ("healthy-vault-rolling-upgrade", "platform-prod-12", "2025-12-09T05:00:00Z", 40, 2814, inc_vault_ok, "healthy"),
]


def write_gz(path, data):
    raw = json.dumps(data, indent=2, ensure_ascii=False).encode("utf-8")
    bio = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=bio, mtime=0, compresslevel=6) as gz:
        gz.write(raw)
    with open(path, "wb") as f:
        f.write(bio.getvalue())


def main():
    out = sys.argv[1]
    for iid, proj, start, minutes, seed, fn, cls in INCIDENTS:
        w = Win(iid, proj, start, minutes, seed)
        truth = fn(w)
        entries = w.finalize()
        end = w.t0 + timedelta(seconds=w.dur)
        full = {"id": iid, "title": truth["title"],
                "window": {"start": start, "end": end.strftime("%Y-%m-%dT%H:%M:%SZ")},
                "root_cause": truth["root_cause"], "symptoms": truth["symptoms"],
                "distractors": truth["distractors"], "priority": truth["priority"]}
        d = os.path.join(out, iid)
        os.makedirs(d, exist_ok=True)
        write_gz(os.path.join(d, "logs.json.gz"), entries)
        with open(os.path.join(d, "truth.json"), "w") as f:
            json.dump(full, f, indent=2, ensure_ascii=False)
            f.write("\n")
        print("%-34s %6d entries" % (iid, len(entries)))


if __name__ == "__main__":
    main()
