"""Shared helpers for the blind26 incident generator (stdlib only, deterministic)."""
import gzip, json, os, random
from datetime import datetime, timedelta, timezone

UTC = timezone.utc


def parse(s):
    return datetime.strptime(s, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class Gen:
    def __init__(self, iid, seed, project, cluster, location, start, minutes):
        self.iid = iid
        self.r = random.Random(seed)
        self.project = project
        self.cluster = cluster
        self.location = location
        self.t0 = parse(start)
        self.t1 = self.t0 + timedelta(minutes=minutes)
        self.minutes = minutes
        self.out = []
        self.pods = {}

    # ---------- ids / time ----------
    def hexid(self, n=16):
        return "".join(self.r.choice("0123456789abcdef") for _ in range(n))

    def at(self, minute, jitter=0.0):
        return self.t0 + timedelta(seconds=minute * 60 + self.r.uniform(0, max(jitter, 0.999)))

    def pod(self, deploy, n=1, key=None):
        """Stable pod names for a deployment (key distinguishes a second ReplicaSet)."""
        k = (deploy, key)
        if k not in self.pods:
            h = "".join(self.r.choice("bcdfghjklmnpqrstvwxz2456789") for _ in range(9)) + "b"
            self.pods[k] = [f"{deploy}-{h[:10]}-" + "".join(self.r.choice("bcdfghjklmnpqrstvwxz2456789") for _ in range(5)) for _ in range(n)]
        return self.pods[k]

    def sts(self, name, n=1):
        return [f"{name}-{i}" for i in range(n)]

    def _base(self, t, sev, resource, log, labels=None):
        e = {
            "insertId": self.hexid(16),
            "logName": f"projects/{self.project}/logs/{log}",
            "receiveTimestamp": iso(t + timedelta(microseconds=self.r.randint(80000, 2500000))),
            "resource": resource,
            "severity": sev,
            "timestamp": iso(t),
        }
        if labels:
            e["labels"] = labels
        return e

    def k8s_res(self, ns, pod, container):
        return {"type": "k8s_container", "labels": {
            "cluster_name": self.cluster, "container_name": container, "location": self.location,
            "namespace_name": ns, "pod_name": pod, "project_id": self.project}}

    def k8s(self, t, ns, pod, container, sev, payload, stream=None, trace=None):
        if t < self.t0 or t >= self.t1:
            return None
        if stream is None:
            stream = "stderr" if sev in ("ERROR", "CRITICAL", "WARNING") and not isinstance(payload, dict) else "stdout"
        app = pod.rsplit("-", 2)[0] if pod.count("-") >= 2 and not pod[-1].isdigit() else pod.rsplit("-", 1)[0]
        labels = {"compute.googleapis.com/resource_name": f"gke-{self.cluster}-pool-1-{self.nodehash(pod)}",
                  "k8s-pod/app": app}
        e = self._base(t, sev, self.k8s_res(ns, pod, container), stream, labels)
        if isinstance(payload, dict):
            e["jsonPayload"] = payload
        else:
            e["textPayload"] = payload
        if trace:
            e["trace"] = f"projects/{self.project}/traces/{trace}"
            e["spanId"] = self.hexid(16)
        self.out.append(e)
        return e

    def nodehash(self, pod):
        s = sum(ord(c) * (i + 1) for i, c in enumerate(pod))
        return "%08x-%s" % (s * 2654435761 % (1 << 32), "abcdefghjk"[s % 10] + "xq"[s % 2] + "m7")[:13]

    def stack(self, t, ns, pod, container, sev, lines):
        for i, ln in enumerate(lines):
            self.k8s(t + timedelta(microseconds=37 * i), ns, pod, container, sev, ln)

    def lb(self, t, host, method, path, status, latency, ua=None, size=None, fwd="k8s-fw-default"):
        if t < self.t0 or t >= self.t1:
            return None
        sev = "ERROR" if status >= 500 else ("WARNING" if status >= 400 else "INFO")
        res = {"type": "http_load_balancer", "labels": {
            "backend_service_name": "", "forwarding_rule_name": fwd, "project_id": self.project,
            "target_proxy_name": fwd.replace("fw", "tp"), "url_map_name": fwd.replace("fw", "um"), "zone": "global"}}
        e = self._base(t, sev, res, "requests")
        e["httpRequest"] = {
            "latency": "%.6fs" % latency, "remoteIp": self.ip(), "requestMethod": method,
            "requestSize": str(self.r.randint(300, 2200)), "requestUrl": f"https://{host}{path}",
            "responseSize": str(size if size is not None else self.r.randint(200, 60000)),
            "serverIp": "10.8.%d.%d" % (self.r.randint(0, 3), self.r.randint(2, 250)), "status": status,
            "userAgent": ua or self.ua()}
        e["jsonPayload"] = {"@type": "type.googleapis.com/google.cloud.loadbalancing.type.LoadBalancerLogEntry",
                            "statusDetails": "response_sent_by_backend" if status < 500 or status in (500, 503) else "backend_timeout"}
        e["trace"] = f"projects/{self.project}/traces/{self.hexid(32)}"
        self.out.append(e)
        return e

    def ip(self):
        return "%d.%d.%d.%d" % (self.r.choice([24, 31, 45, 66, 73, 88, 98, 104, 142, 176, 185, 203]),
                                self.r.randint(1, 254), self.r.randint(0, 254), self.r.randint(1, 254))

    def podip(self):
        return "10.%d.%d.%d" % (self.r.choice([4, 12, 52]), self.r.randint(0, 15), self.r.randint(2, 250))

    def ua(self):
        return self.r.choice([
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
            "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
            "okhttp/4.12.0", "python-requests/2.32.3"])

    def audit(self, t, method, resource_name, principal, service="k8s.io", sev="NOTICE", request=None,
              rtype="k8s_cluster", status=None, extra=None):
        if rtype == "k8s_cluster":
            res = {"type": "k8s_cluster", "labels": {"cluster_name": self.cluster, "location": self.location,
                                                       "project_id": self.project}}
        else:
            res = rtype
        e = self._base(t, sev, res, "cloudaudit.googleapis.com%2Factivity")
        p = {"@type": "type.googleapis.com/google.cloud.audit.AuditLog",
             "authenticationInfo": {"principalEmail": principal},
             "authorizationInfo": [{"granted": True, "permission": method.split(".")[-1] if service == "k8s.io" else method,
                                    "resource": resource_name}],
             "methodName": method, "requestMetadata": {"callerIp": self.podip() if "system:" in principal else self.ip(),
                                                       "callerSuppliedUserAgent": "kubectl/v1.30.5 (linux/amd64) kubernetes/74e84a9"},
             "resourceName": resource_name, "serviceName": service, "status": status or {}}
        if request:
            p["request"] = request
        if extra:
            p.update(extra)
        e["protoPayload"] = p
        e["operation"] = {"first": True, "last": True, "id": self.hexid(32),
                          "producer": service}
        if t >= self.t0 and t < self.t1:
            self.out.append(e)
        return e

    def event(self, t, ns, kind, name, reason, message, typ="Normal", component="kubelet", count=1):
        if t < self.t0 or t >= self.t1:
            return None
        if kind == "Pod":
            res = {"type": "k8s_pod", "labels": {"cluster_name": self.cluster, "location": self.location,
                                                  "namespace_name": ns, "pod_name": name, "project_id": self.project}}
        else:
            res = {"type": "k8s_cluster", "labels": {"cluster_name": self.cluster, "location": self.location,
                                                      "project_id": self.project}}
        e = self._base(t, "WARNING" if typ == "Warning" else "INFO", res, "events")
        e["jsonPayload"] = {
            "apiVersion": "v1", "kind": "Event", "type": typ, "reason": reason, "message": message,
            "count": count, "firstTimestamp": iso(t)[:19] + "Z", "lastTimestamp": iso(t)[:19] + "Z",
            "involvedObject": {"kind": kind, "name": name, "namespace": ns, "apiVersion": "v1" if kind == "Pod" else "apps/v1"},
            "metadata": {"name": f"{name}.{self.hexid(16)}", "namespace": ns, "uid": self.uuid()},
            "reportingComponent": component, "source": {"component": component},
        }
        self.out.append(e)
        return e

    def uuid(self):
        h = self.hexid(32)
        return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{'89ab'[int(h[16], 16) % 4]}{h[17:20]}-{h[20:]}"

    # ---------- scheduling ----------
    def poisson(self, per_min, fn, start=0.0, end=None, rate_fn=None):
        """Call fn(t, minute) at Poisson times; rate_fn(minute) multiplies rate."""
        end = self.minutes if end is None else end
        m = start
        while True:
            rate = per_min * (rate_fn(m) if rate_fn else 1.0)
            if rate <= 0:
                m += 0.25
                if m >= end:
                    break
                continue
            m += self.r.expovariate(rate)
            if m >= end:
                break
            fn(self.at(m), m)

    def periodic(self, every_min, fn, offset=0.0, jitter=0.02):
        m = offset
        while m < self.minutes:
            fn(self.at(m, jitter * 60), m)
            m += every_min

    # ---------- write ----------
    def write(self, outdir, truth):
        d = os.path.join(outdir, self.iid)
        os.makedirs(d, exist_ok=True)
        ents = [e for e in self.out if e is not None]
        ents.sort(key=lambda e: (e["timestamp"], e["insertId"]), reverse=True)
        data = json.dumps(ents, indent=2, ensure_ascii=False).encode()
        with open(os.path.join(d, "logs.json.gz"), "wb") as f:
            with gzip.GzipFile(fileobj=f, mode="wb", mtime=0, filename="") as gz:
                gz.write(data)
        truth = dict(truth)
        truth["id"] = self.iid
        truth["window"] = {"start": self.t0.strftime("%Y-%m-%dT%H:%M:%SZ"), "end": self.t1.strftime("%Y-%m-%dT%H:%M:%SZ")}
        order = ["id", "title", "window", "root_cause", "symptoms", "distractors", "priority"]
        truth = {k: truth[k] for k in order}
        with open(os.path.join(d, "truth.json"), "w") as f:
            json.dump(truth, f, indent=2)
            f.write("\n")
        return len(ents)


def ts_java(t):  # 2026-12-07 10:00:00.123
    return t.strftime("%Y-%m-%d %H:%M:%S.") + "%03d" % (t.microsecond // 1000)


def ts_log4j(t):  # 2026-12-07T10:00:00,123
    return t.strftime("%Y-%m-%dT%H:%M:%S,") + "%03d" % (t.microsecond // 1000)


def ts_pg(t):
    return t.strftime("%Y-%m-%d %H:%M:%S.") + "%03d UTC" % (t.microsecond // 1000)


def ts_py(t):  # 2026-12-07 10:00:00,123
    return t.strftime("%Y-%m-%d %H:%M:%S,") + "%03d" % (t.microsecond // 1000)


def ts_z(t):
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (t.microsecond // 1000)
