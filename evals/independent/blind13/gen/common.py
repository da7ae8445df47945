"""Shared helpers for the blind13 incident generator (stdlib only)."""
import datetime as dt
import gzip
import json
import os
import random

UA = [
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
    "okhttp/4.12.0", "python-requests/2.32.3", "Go-http-client/2.0", "GoogleHC/1.0", "kube-probe/1.30",
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
]


class G:
    def __init__(self, iid, project, start, minutes, seed, location="us-central1", cluster="prod-gke-1"):
        self.iid = iid
        self.rng = random.Random(seed)
        self.E = []
        self.project = project
        self.t0 = dt.datetime.fromisoformat(start.replace("Z", "+00:00"))
        self.dur = minutes * 60.0
        self.location = location
        self.cluster = cluster

    # ---------- time ----------
    def at(self, off):
        return self.t0 + dt.timedelta(seconds=off)

    def iso(self, off):
        return self.at(off).strftime("%Y-%m-%dT%H:%M:%S.%fZ")

    def fmt(self, off, f):
        return self.at(off).strftime(f)

    def ms(self, off):
        t = self.at(off)
        return t.strftime("%Y-%m-%d %H:%M:%S.") + "%03d" % (t.microsecond // 1000)

    def hexid(self, n):
        return "".join(self.rng.choice("0123456789abcdef") for _ in range(n))

    # ---------- resources ----------
    def k8s(self, ns, pod, container, node=None):
        r = {"type": "k8s_container", "labels": {"project_id": self.project, "location": self.location,
                                                 "cluster_name": self.cluster, "namespace_name": ns,
                                                 "pod_name": pod, "container_name": container}}
        r["_node"] = node or "gke-%s-default-pool-%s-%s" % (self.cluster, self.hexid(8), self.hexid(4))
        r["_app"] = pod.rsplit("-", 2)[0] if pod.count("-") >= 2 else pod.rsplit("-", 1)[0]
        return r

    def k8s_pod(self, ns, pod):
        return {"type": "k8s_pod", "labels": {"project_id": self.project, "location": self.location,
                                              "cluster_name": self.cluster, "namespace_name": ns, "pod_name": pod}}

    def k8s_node(self, node):
        return {"type": "k8s_node", "labels": {"project_id": self.project, "location": self.location,
                                               "cluster_name": self.cluster, "node_name": node}}

    def k8s_cluster(self):
        return {"type": "k8s_cluster", "labels": {"project_id": self.project, "location": self.location,
                                                  "cluster_name": self.cluster}}

    def gce(self, name, zone, iid=None):
        return {"type": "gce_instance", "labels": {"project_id": self.project, "zone": zone,
                                                   "instance_id": iid or str(self.rng.randint(10**18, 9 * 10**18))},
                "_name": name}

    def sql(self, inst, region="us-central1"):
        return {"type": "cloudsql_database", "labels": {"project_id": self.project, "region": region,
                                                        "database_id": "%s:%s" % (self.project, inst)}}

    def lb(self, fr, urlmap, backend, zone="us-central1-a"):
        return {"type": "http_load_balancer", "labels": {"project_id": self.project, "forwarding_rule_name": fr,
                                                         "url_map_name": urlmap, "target_proxy_name": fr + "-target-proxy",
                                                         "backend_service_name": backend, "zone": "global"}}

    # ---------- entry ----------
    def add(self, off, res, log, sev=None, text=None, js=None, proto=None, http=None, labels=None,
            trace=False, op=None, src=None):
        if off < 0 or off > self.dur:
            return
        res = dict(res)
        node = res.pop("_node", None)
        app = res.pop("_app", None)
        name = res.pop("_name", None)
        e = {"insertId": self.hexid(self.rng.choice([12, 16, 20])), "logName": "projects/%s/logs/%s" % (self.project, log),
             "resource": res, "timestamp": self.iso(off),
             "receiveTimestamp": self.iso(min(self.dur, off + self.rng.uniform(0.05, 2.5)))}
        if sev:
            e["severity"] = sev
        if text is not None:
            e["textPayload"] = text
        if js is not None:
            e["jsonPayload"] = js
        if proto is not None:
            e["protoPayload"] = proto
        if http is not None:
            e["httpRequest"] = http
        lab = dict(labels or {})
        if res["type"] == "k8s_container":
            lab.setdefault("compute.googleapis.com/resource_name", node)
            lab.setdefault("k8s-pod/app", app)
            lab.setdefault("k8s-pod/pod-template-hash", self.hexid(10)[:10])
        if res["type"] == "gce_instance" and name:
            lab.setdefault("compute.googleapis.com/resource_name", name)
        if lab:
            e["labels"] = lab
        if trace:
            e["trace"] = "projects/%s/traces/%s" % (self.project, trace if isinstance(trace, str) else self.hexid(32))
            e["spanId"] = self.hexid(16)
            e["traceSampled"] = self.rng.random() < 0.1
        if op:
            e["operation"] = op
        if src:
            e["sourceLocation"] = src
        self.E.append(e)
        return e

    # stdout/stderr helpers for GKE text logs
    def out(self, off, res, text, sev="INFO", **kw):
        return self.add(off, res, "stdout", sev=sev, text=text, **kw)

    def err(self, off, res, text, sev="ERROR", **kw):
        return self.add(off, res, "stderr", sev=sev, text=text, **kw)

    def jout(self, off, res, js, sev=None, stream="stdout", **kw):
        return self.add(off, res, stream, sev=sev, js=js, **kw)

    def lines(self, off, res, lines, stream="stdout", sev="INFO"):
        for i, l in enumerate(lines):
            self.add(off + i * 0.000013, res, stream, sev=sev, text=l)

    # ---------- schedulers ----------
    def every(self, period, fn, jitter=0.1, start=0.0, end=None):
        end = self.dur if end is None else end
        t = start + self.rng.uniform(0, period)
        while t < end:
            fn(t)
            t += period * (1 + self.rng.uniform(-jitter, jitter))

    def poisson(self, rate, fn, start=0.0, end=None):
        end = self.dur if end is None else end
        if rate <= 0:
            return
        t = start + self.rng.expovariate(rate)
        while t < end:
            fn(t)
            t += self.rng.expovariate(rate)

    # ---------- common shapes ----------
    def http(self, method, url, status, lat, ua=None, ip=None, size=None, proto="HTTP/1.1"):
        return {"requestMethod": method, "requestUrl": url, "status": status,
                "latency": "%.6fs" % lat, "userAgent": ua or self.rng.choice(UA),
                "remoteIp": ip or self.ip(), "responseSize": str(size if size is not None else self.rng.randint(200, 40000)),
                "requestSize": str(self.rng.randint(80, 2400)), "protocol": proto}

    def ip(self):
        r = self.rng
        return "%d.%d.%d.%d" % (r.choice([34, 35, 66, 73, 81, 92, 104, 172, 185, 203]), r.randint(0, 255), r.randint(0, 255), r.randint(1, 254))

    def podip(self):
        return "10.%d.%d.%d" % (self.rng.randint(8, 60), self.rng.randint(0, 255), self.rng.randint(2, 254))

    def audit(self, off, method, resname, principal, service="k8s.io", status=None, req=None, res_type=None,
              sev="NOTICE", log="cloudaudit.googleapis.com%2Factivity", resource=None, ua="kubectl/v1.30.4 (linux/amd64) kubernetes/1a2b3c4"):
        p = {"@type": "type.googleapis.com/google.cloud.audit.AuditLog",
             "authenticationInfo": {"principalEmail": principal},
             "authorizationInfo": [{"granted": True, "permission": "io.k8s." + method.split("io.k8s.")[-1] if service == "k8s.io" else method,
                                    "resource": resname}],
             "methodName": method, "resourceName": resname, "serviceName": service,
             "requestMetadata": {"callerIp": self.podip() if service == "k8s.io" else self.ip(), "callerSuppliedUserAgent": ua},
             "status": status or {}}
        if req:
            p["request"] = req
        r = resource or self.k8s_cluster()
        return self.add(off, r, log, sev=sev, proto=p)

    def k8s_event(self, off, ns, kind, name, reason, message, etype="Normal", component="kubelet", host=None):
        res = self.k8s_pod(ns, name) if kind == "Pod" else self.k8s_cluster()
        js = {"apiVersion": "v1", "kind": "Event", "type": etype, "reason": reason, "message": message,
              "involvedObject": {"kind": kind, "name": name, "namespace": ns, "apiVersion": "v1" if kind == "Pod" else "apps/v1"},
              "metadata": {"name": "%s.%s" % (name, self.hexid(16)), "namespace": ns},
              "source": {"component": component, "host": host} if host else {"component": component},
              "reportingComponent": component, "count": 1,
              "firstTimestamp": self.at(off).strftime("%Y-%m-%dT%H:%M:%SZ"),
              "lastTimestamp": self.at(off).strftime("%Y-%m-%dT%H:%M:%SZ")}
        return self.add(off, res, "events", sev="WARNING" if etype == "Warning" else "INFO", js=js)

    # java stack trace, one entry per line like real GKE shipping of unjoined multi-line
    def jstack(self, off, res, head, frames, stream="stdout", sev="INFO"):
        self.lines(off, res, [head] + ["\tat " + f for f in frames], stream=stream, sev=sev)

    def pytb(self, off, res, frames, last, stream="stderr", sev="ERROR"):
        ls = ["Traceback (most recent call last):"]
        for f, code in frames:
            ls.append('  File "%s"' % f)
            ls.append("    " + code)
        ls.append(last)
        self.lines(off, res, ls, stream=stream, sev=sev)

    # ---------- output ----------
    def write(self, outdir, truth):
        self.E.sort(key=lambda e: e["timestamp"], reverse=True)
        d = os.path.join(outdir, self.iid)
        os.makedirs(d, exist_ok=True)
        for f in ("logs.json", "logs.json.gz"):
            p = os.path.join(d, f)
            if os.path.exists(p):
                os.remove(p)
        with gzip.open(os.path.join(d, "logs.json.gz"), "wt", encoding="utf-8") as fh:
            json.dump(self.E, fh, indent=2)
        truth = dict(truth)
        truth["id"] = self.iid
        truth["window"] = {"start": self.iso(0)[:19] + "Z", "end": self.at(self.dur).strftime("%Y-%m-%dT%H:%M:%SZ")}
        order = ["id", "title", "window", "root_cause", "symptoms", "distractors", "priority"]
        truth = {k: truth[k] for k in order if k in truth}
        with open(os.path.join(d, "truth.json"), "w") as fh:
            json.dump(truth, fh, indent=2)
        return truth


def entry_text(e):
    parts = []
    for k in ("textPayload", "jsonPayload", "protoPayload"):
        if k in e:
            v = e[k]
            parts.append(v if isinstance(v, str) else json.dumps(v))
    if "httpRequest" in e:
        parts.append(json.dumps(e["httpRequest"]))
    return "\n".join(parts).lower()


def check(g, truth):
    """Validate evidence strings against the generated entries. Returns list of problems."""
    probs = []
    texts = [entry_text(e) for e in g.E]
    n = len(texts)
    if not (3000 <= n <= 40000):
        probs.append("entry count %d out of range" % n)
    if truth.get("root_cause") is None:
        return probs, n
    rc = truth["root_cause"]
    sym = [s["evidence"].lower() for s in truth.get("symptoms", [])]
    dis = [s["evidence"].lower() for s in truth.get("distractors", [])]
    noncause = [t for t in texts if any(s in t for s in sym + dis)]
    for ev in rc["evidence"]:
        evl = ev.lower()
        c = sum(1 for t in texts if evl in t)
        if c == 0:
            probs.append("root evidence missing: %r" % ev)
        if any(evl in t for t in noncause):
            probs.append("root evidence %r occurs in symptom/distractor line" % ev)
    for m in rc["must_mention"]:
        if not any(m.lower() in t for t in texts):
            probs.append("must_mention missing: %r" % m)
    for s in sym + dis:
        if not any(s in t for t in texts):
            probs.append("symptom/distractor evidence missing: %r" % s)
        for ev in rc["evidence"]:
            if ev.lower() in s or s in ev.lower():
                probs.append("overlap %r / %r" % (s, ev))
    for s in sym:
        for d in dis:
            if any(s in t and d in t for t in texts):
                probs.append("symptom %r and distractor %r share a line" % (s, d))
    return probs, n
