"""Shared helpers for the blind16 incident generator (stdlib only, deterministic)."""
import datetime as _dt
import gzip
import json
import os
import random

UTC = _dt.timezone.utc


def parse(ts):
    return _dt.datetime.strptime(ts, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


def iso(d):
    return d.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class Inc:
    def __init__(self, iid, start, minutes, seed, project):
        self.iid = iid
        self.base = parse(start)
        self.minutes = minutes
        self.dur = minutes * 60.0
        self.rng = random.Random(seed)
        self.project = project
        self.entries = []
        self.cluster = "chaos-gke-1"
        self.location = "us-central1"
        self.nodes = ["gke-chaos-gke-1-default-pool-%s" % s for s in ("3f1a9c2e-7k2m", "3f1a9c2e-q8xd", "9b7e41d0-c4rt", "9b7e41d0-m2pw", "d2c88a17-h6vn")]
        self.pod_node = {}
        self.inst_ids = {}

    # ---- time helpers
    def dt(self, t):
        return self.base + _dt.timedelta(seconds=t)

    def ts(self, t):
        return iso(self.dt(t))

    def fmt(self, t, f):
        """strftime with %f -> milliseconds when f contains '%3'"""
        d = self.dt(t)
        s = d.strftime(f.replace("%3", "@@MS@@"))
        return s.replace("@@MS@@", "%03d" % (d.microsecond // 1000))

    def hx(self, n):
        return "".join(self.rng.choice("0123456789abcdef") for _ in range(n))

    def uuid(self):
        h = self.hx(32)
        return "%s-%s-4%s-%s-%s" % (h[:8], h[8:12], h[13:16], "a" + h[17:20], h[20:])

    def poisson(self, rate_per_min, t0=0.0, t1=None):
        """yield times; rate may be a callable(t)->per-minute rate (thinning)."""
        t1 = self.dur if t1 is None else t1
        if callable(rate_per_min):
            mx = max(rate_per_min(t0 + (t1 - t0) * i / 200.0) for i in range(201)) or 0.0001
            t = t0
            while True:
                t += self.rng.expovariate(mx / 60.0)
                if t >= t1:
                    return
                if self.rng.random() * mx <= rate_per_min(t):
                    yield t
        else:
            if rate_per_min <= 0:
                return
            t = t0
            while True:
                t += self.rng.expovariate(rate_per_min / 60.0)
                if t >= t1:
                    return
                yield t

    def every(self, period, t0=None, t1=None, jitter=0.5):
        t = self.rng.uniform(0, period) if t0 is None else t0
        t1 = self.dur if t1 is None else t1
        while t < t1:
            yield max(0.0, t + self.rng.uniform(-jitter, jitter))
            t += period

    # ---- entry builders
    def _add(self, t, e, delay=None):
        e["timestamp"] = self.ts(t)
        e["receiveTimestamp"] = self.ts(t + (delay if delay is not None else self.rng.uniform(0.05, 1.8)))
        e["insertId"] = self.hx(16)
        if 0 <= t <= self.dur:
            self.entries.append(e)
        return e

    def node_of(self, pod):
        if pod not in self.pod_node:
            self.pod_node[pod] = self.nodes[len(self.pod_node) % len(self.nodes)]
        return self.pod_node[pod]

    def k8s(self, t, ns, pod, container, text=None, js=None, sev=None, stream="stdout", app=None):
        e = {
            "labels": {
                "compute.googleapis.com/resource_name": self.node_of(pod),
                "k8s-pod/app": app or container,
                "k8s-pod/pod-template-hash": pod.split("-")[-2] if pod.count("-") >= 2 else "0",
            },
            "logName": "projects/%s/logs/%s" % (self.project, stream),
            "resource": {"type": "k8s_container", "labels": {
                "project_id": self.project, "location": self.location, "cluster_name": self.cluster,
                "namespace_name": ns, "pod_name": pod, "container_name": container}},
        }
        if js is not None:
            e["jsonPayload"] = js
            if sev is None:
                lv = str(js.get("severity") or js.get("level") or "info").upper()
                sev = {"WARN": "WARNING", "ERR": "ERROR", "FATAL": "CRITICAL", "DBUG": "DEBUG", "TRACE": "DEBUG", "PANIC": "CRITICAL"}.get(lv, lv)
                if sev not in ("DEBUG", "INFO", "NOTICE", "WARNING", "ERROR", "CRITICAL"):
                    sev = "INFO"
        else:
            e["textPayload"] = text
            if sev is None:
                sev = "ERROR" if stream == "stderr" else "INFO"
        e["severity"] = sev
        return self._add(t, e)

    def gce(self, t, inst, log, text=None, js=None, sev="INFO", zone="us-central1-b"):
        if inst not in self.inst_ids:
            self.inst_ids[inst] = str(self.rng.randint(10 ** 18, 9 * 10 ** 18))
        e = {
            "labels": {"compute.googleapis.com/resource_name": inst},
            "logName": "projects/%s/logs/%s" % (self.project, log),
            "resource": {"type": "gce_instance", "labels": {
                "project_id": self.project, "instance_id": self.inst_ids[inst], "zone": zone}},
            "severity": sev,
        }
        if js is not None:
            e["jsonPayload"] = js
        else:
            e["textPayload"] = text
        return self._add(t, e)

    def knode(self, t, node, log, text, sev="INFO"):
        e = {
            "logName": "projects/%s/logs/%s" % (self.project, log),
            "resource": {"type": "k8s_node", "labels": {
                "project_id": self.project, "location": self.location, "cluster_name": self.cluster, "node_name": node}},
            "severity": sev, "textPayload": text,
        }
        return self._add(t, e)

    def lb(self, t, host, method, path, status, latency, rule="chaos-lb", backend="k8s1-web", ua=None, size=None):
        tr = self.hx(32)
        e = {
            "httpRequest": {
                "requestMethod": method,
                "requestUrl": "https://%s%s" % (host, path),
                "requestSize": str(self.rng.randint(200, 2400)),
                "status": status,
                "responseSize": str(size if size is not None else (self.rng.randint(180, 90000) if status < 400 else self.rng.randint(24, 320))),
                "userAgent": ua or self.rng.choice(UAS),
                "remoteIp": "%d.%d.%d.%d" % (self.rng.choice([34, 66, 73, 81, 98, 142, 172, 188, 203]), self.rng.randint(1, 254), self.rng.randint(1, 254), self.rng.randint(1, 254)),
                "serverIp": "10.%d.%d.%d" % (self.rng.choice([8, 12, 44]), self.rng.randint(0, 9), self.rng.randint(2, 250)),
                "latency": "%.6fs" % latency,
                "protocol": "HTTP/1.1",
            },
            "jsonPayload": {
                "@type": "type.googleapis.com/google.cloud.loadbalancing.type.LoadBalancerLogEntry",
                "statusDetails": "response_sent_by_backend" if status < 500 or status == 500 else self.rng.choice(["backend_timeout", "response_sent_by_backend", "backend_connection_closed_before_data_sent_to_client"]),
                "backendTargetProjectNumber": "projects/845120337711",
                "remoteIp": None,
            },
            "logName": "projects/%s/logs/requests" % self.project,
            "resource": {"type": "http_load_balancer", "labels": {
                "project_id": self.project, "zone": "global", "forwarding_rule_name": rule + "-fr",
                "target_proxy_name": rule + "-https-proxy", "url_map_name": rule + "-um", "backend_service_name": backend}},
            "severity": "ERROR" if status >= 500 else ("WARNING" if status >= 400 else "INFO"),
            "spanId": self.hx(16),
            "trace": "projects/%s/traces/%s" % (self.project, tr),
        }
        e["jsonPayload"]["remoteIp"] = e["httpRequest"]["remoteIp"]
        if status == 504:
            e["jsonPayload"]["statusDetails"] = "backend_timeout"
        return self._add(t, e, delay=self.rng.uniform(0.2, 3.0))

    def event(self, t, ns, kind, name, reason, msg, typ="Normal", comp="kubelet", count=1):
        e = {
            "jsonPayload": {
                "apiVersion": "v1", "kind": "Event",
                "metadata": {"name": "%s.%s" % (name, self.hx(16)), "namespace": ns, "uid": self.uuid(),
                             "creationTimestamp": self.ts(t)[:19] + "Z"},
                "involvedObject": {"kind": kind, "name": name, "namespace": ns, "apiVersion": "v1" if kind == "Pod" else "apps/v1", "uid": self.uuid()},
                "reason": reason, "message": msg, "type": typ, "count": count,
                "source": {"component": comp},
                "firstTimestamp": self.ts(t)[:19] + "Z", "lastTimestamp": self.ts(t)[:19] + "Z",
                "reportingComponent": comp,
            },
            "logName": "projects/%s/logs/events" % self.project,
            "resource": {"type": "k8s_pod" if kind == "Pod" else "k8s_cluster", "labels": dict(
                {"project_id": self.project, "location": self.location, "cluster_name": self.cluster},
                **({"namespace_name": ns, "pod_name": name} if kind == "Pod" else {}))},
            "severity": "WARNING" if typ == "Warning" else "INFO",
        }
        return self._add(t, e)

    def audit(self, t, method, resource_name, principal, ua="kubectl/v1.30.4 (linux/amd64) kubernetes/4ea1a9d", ip="10.128.0.9", code=None, extra=None):
        pp = {
            "@type": "type.googleapis.com/google.cloud.audit.AuditLog",
            "authenticationInfo": {"principalEmail": principal},
            "authorizationInfo": [{"granted": True, "permission": method.replace("io.k8s.", "io.k8s.").rsplit(".", 1)[0] + "." + method.rsplit(".", 1)[1], "resource": resource_name}],
            "methodName": method,
            "requestMetadata": {"callerIp": ip, "callerSuppliedUserAgent": ua},
            "resourceName": resource_name,
            "serviceName": "k8s.io",
            "status": {} if code is None else {"code": code},
        }
        if extra:
            pp.update(extra)
        e = {
            "logName": "projects/%s/logs/cloudaudit.googleapis.com%%2Factivity" % self.project,
            "protoPayload": pp,
            "resource": {"type": "k8s_cluster", "labels": {"project_id": self.project, "location": self.location, "cluster_name": self.cluster}},
            "severity": "NOTICE",
            "operation": {"id": self.uuid(), "producer": "k8s.io", "first": True, "last": True},
        }
        return self._add(t, e)

    # ---- output
    def write(self, out, truth):
        d = os.path.join(out, self.iid)
        os.makedirs(d, exist_ok=True)
        ents = sorted(self.entries, key=lambda e: (e["timestamp"], e["insertId"]), reverse=True)
        ordered = []
        for e in ents:
            ordered.append({k: e[k] for k in sorted(e)})
        data = json.dumps(ordered, indent=2, ensure_ascii=False).encode("utf-8")
        with open(os.path.join(d, "logs.json.gz"), "wb") as fh:
            with gzip.GzipFile(fileobj=fh, mode="wb", mtime=0, filename="") as gz:
                gz.write(data)
        truth = dict(truth)
        truth["id"] = self.iid
        truth["window"] = {"start": iso(self.base)[:19] + "Z", "end": iso(self.dt(self.dur))[:19] + "Z"}
        order = ["id", "title", "window", "root_cause", "symptoms", "distractors", "priority"]
        truth = {k: truth[k] for k in order if k in truth}
        with open(os.path.join(d, "truth.json"), "w") as fh:
            json.dump(truth, fh, indent=2)
            fh.write("\n")
        return len(ordered)


UAS = [
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
]

FIRST = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy", "mallory", "niaj", "olivia", "peggy", "rupert", "sybil", "trent", "victor", "wendy", "yusuf"]
