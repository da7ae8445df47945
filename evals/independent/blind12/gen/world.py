"""Log-world framework for the Lumenreel (media streaming) incident set. Standard library only."""
import datetime as dt
import gzip
import json
import random
import os

PROJECT = "lumenreel-prod"
PNUM = "418822097315"
REGION = "us-central1"
CLUSTER = "lr-prod-gke"
AP_CLUSTER = "lr-batch-autopilot"

UAS = [
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0.0.0 Safari/537.36",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 LumenreelApp/5.14.2",
    "LumenreelTV/3.9.0 (AndroidTV 12; SHIELD Android TV)",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
    "okhttp/4.12.0",
    "Roku/DVP-13.0 (13.0.0.4176)",
]
PROBE_UA = "kube-probe/1.29"
GFE_UA = "GoogleHC/1.0"


class World:
    def __init__(self, seed, start, minutes):
        self.rng = random.Random(seed)
        self.start = start
        self.minutes = minutes
        self.entries = []  # (datetime, entry, role)

    # ---------- time helpers ----------
    def at(self, minute):
        return self.start + dt.timedelta(seconds=minute * 60)

    def times(self, per_min, t0=0.0, t1=None):
        """random times (datetime) with an average rate per minute between minute t0 and t1"""
        if t1 is None:
            t1 = self.minutes
        t0 = max(0.0, t0)
        t1 = min(self.minutes, t1)
        if t1 <= t0 or per_min <= 0:
            return []
        mean = per_min * (t1 - t0)
        n = max(0, int(self.rng.gauss(mean, mean ** 0.5 * 0.5)))
        return sorted(self.at(self.rng.uniform(t0, t1)) for _ in range(n))

    def periodic(self, every_s, t0=0.0, t1=None, jitter=1.5):
        if t1 is None:
            t1 = self.minutes
        out = []
        s = t0 * 60 + self.rng.uniform(0, every_s)
        while s < t1 * 60:
            out.append(self.start + dt.timedelta(seconds=s + self.rng.uniform(0, jitter)))
            s += every_s
        return out

    def hexid(self, n):
        return "".join(self.rng.choice("0123456789abcdef") for _ in range(n))

    def add(self, t, entry, role="noise"):
        if t < self.start or t >= self.at(self.minutes):
            return
        entry["timestamp"] = ts(t)
        entry["receiveTimestamp"] = ts(t + dt.timedelta(milliseconds=self.rng.randint(40, 2600)))
        entry.setdefault("insertId", self.hexid(self.rng.choice([12, 16, 20])))
        self.entries.append((t, entry, role))

    # ---------- write ----------
    def write(self, outdir, truth):
        os.makedirs(outdir, exist_ok=True)
        self.entries.sort(key=lambda x: x[0], reverse=True)
        check(self.entries, truth)
        arr = [e for _, e, _ in self.entries]
        with gzip.open(os.path.join(outdir, "logs.json.gz"), "wt", encoding="utf-8") as f:
            json.dump(arr, f, indent=2, sort_keys=True)
        truth = dict(truth)
        truth["window"] = {"start": ts(self.start).replace(".000000", ""),
                           "end": ts(self.at(self.minutes)).replace(".000000", "")}
        with open(os.path.join(outdir, "truth.json"), "w") as f:
            json.dump(truth, f, indent=2)
        return len(arr)


def ts(t):
    return t.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def flat(o):
    if isinstance(o, dict):
        return " ".join(flat(v) for v in o.values())
    if isinstance(o, list):
        return " ".join(flat(v) for v in o)
    return str(o)


def text_of(e):
    parts = []
    for k in ("textPayload", "jsonPayload", "protoPayload"):
        if k in e:
            parts.append(flat(e[k]))
    if "httpRequest" in e:
        parts.append(flat(e["httpRequest"]))
    return " ".join(parts).lower()


def check(entries, truth):
    texts = [(text_of(e), role) for _, e, role in entries]
    n = len(entries)
    assert 3000 <= n <= 40000, f"{truth['id']}: {n} entries"
    allt = "\n".join(t for t, _ in texts)
    rc = truth.get("root_cause")
    if rc:
        for ev in rc["evidence"]:
            ev = ev.lower()
            assert any(ev in t for t, r in texts if r == "cause"), f"{truth['id']}: cause evidence missing: {ev}"
            bad = [t for t, r in texts if r in ("symptom", "distractor") and ev in t]
            assert not bad, f"{truth['id']}: cause evidence {ev!r} in symptom/distractor: {bad[0][:200]}"
        for m in rc["must_mention"]:
            assert m.lower() in allt, f"{truth['id']}: must_mention missing {m}"
    for s in truth.get("symptoms", []):
        ev = s["evidence"].lower()
        assert any(ev in t for t, r in texts if r == "symptom"), f"{truth['id']}: symptom missing {ev}"
        if rc:
            assert not any(ev in t for t, r in texts if r == "cause"), f"{truth['id']}: symptom {ev} in cause"
    for s in truth.get("distractors", []):
        ev = s["evidence"].lower()
        assert any(ev in t for t, r in texts if r == "distractor"), f"{truth['id']}: distractor missing {ev}"
        if rc:
            assert not any(ev in t for t, r in texts if r == "cause"), f"{truth['id']}: distractor {ev} in cause"
            for cev in rc["evidence"]:
                assert cev.lower() not in ev, f"{truth['id']}: distractor contains cause ev"


LEVEL_PY = {"DEBUG": "DEBUG", "INFO": "INFO", "WARNING": "WARNING", "ERROR": "ERROR", "CRITICAL": "CRITICAL"}
GLOG = {"DEBUG": "I", "INFO": "I", "WARNING": "W", "ERROR": "E", "CRITICAL": "F"}
JAVA = {"DEBUG": "DEBUG", "INFO": "INFO", "WARNING": "WARN", "ERROR": "ERROR", "CRITICAL": "ERROR"}
PINO = {"DEBUG": 20, "INFO": 30, "WARNING": 40, "ERROR": 50, "CRITICAL": 60}


class Svc:
    """A workload. platform: run | gke | gcf | job.  style: json-sev | json-level | pino | logstash | logback |
    glog | python | logfmt | zap"""

    def __init__(self, w, name, platform, style, ns=None, replicas=3, revision=None, stderr_all=False,
                 lang="py", container=None, region=REGION, cluster=CLUSTER, host=None):
        self.w, self.name, self.platform, self.style = w, name, platform, style
        self.ns = ns or name
        self.lang = lang
        self.stderr_all = stderr_all
        self.region = region
        self.cluster = cluster
        self.container = container or name
        self.host = host or "api.lumenreel.tv"
        r = w.rng
        self.revision = revision or f"{name}-{r.randint(100, 990):05d}-{''.join(r.choice('abcdefghijklmnopqrstuvwxyz') for _ in range(3))}"
        self.pods = [f"{name}-{w.hexid(9)[:9].replace('0','b')}-{w.hexid(5)}" for _ in range(replicas)]
        self.instances = [w.hexid(96) for _ in range(replicas)]
        self.nodes = [f"gke-{cluster}-default-pool-{w.hexid(8)}-{w.hexid(4)}" for _ in range(replicas)]
        self.thread = 0

    def resource(self, pod=None):
        if self.platform == "run":
            return {"type": "cloud_run_revision", "labels": {
                "configuration_name": self.name, "location": self.region, "project_id": PROJECT,
                "revision_name": self.revision, "service_name": self.name}}
        if self.platform == "job":
            return {"type": "cloud_run_job", "labels": {"job_name": self.name, "location": self.region,
                                                          "project_id": PROJECT}}
        if self.platform == "gcf":
            return {"type": "cloud_function", "labels": {"function_name": self.name, "region": self.region,
                                                           "project_id": PROJECT}}
        return {"type": "k8s_container", "labels": {
            "cluster_name": self.cluster, "container_name": self.container, "location": self.region,
            "namespace_name": self.ns, "pod_name": pod or self.w.rng.choice(self.pods), "project_id": PROJECT}}

    def _base(self, stream="stdout", pod=None):
        w = self.w
        e = {"resource": self.resource(pod)}
        if self.platform == "run":
            e["logName"] = f"projects/{PROJECT}/logs/run.googleapis.com%2F{stream}"
            e["labels"] = {"instanceId": w.rng.choice(self.instances)}
        elif self.platform == "job":
            e["logName"] = f"projects/{PROJECT}/logs/run.googleapis.com%2F{stream}"
            e["labels"] = {"run.googleapis.com/execution_name": getattr(self, "execution", self.name + "-x"),
                           "run.googleapis.com/task_index": str(w.rng.randint(0, 3)),
                           "run.googleapis.com/task_attempt": "0",
                           "instanceId": w.rng.choice(self.instances)}
        elif self.platform == "gcf":
            e["logName"] = f"projects/{PROJECT}/logs/cloudfunctions.googleapis.com%2Fcloud-functions"
            e["labels"] = {"execution_id": w.hexid(12), "instance_id": w.rng.choice(self.instances)[:40]}
        else:
            e["logName"] = f"projects/{PROJECT}/logs/{stream}"
            pod_name = e["resource"]["labels"]["pod_name"]
            idx = self.pods.index(pod_name) if pod_name in self.pods else 0
            e["labels"] = {"k8s-pod/app": self.name, "k8s-pod/pod-template-hash": pod_name.split("-")[-2],
                           "compute.googleapis.com/resource_name": self.nodes[idx % len(self.nodes)]}
        return e

    def _sev(self, e, level, is_text):
        """severity as the platform really assigns it"""
        if self.platform == "gke":
            if self.stderr_all:
                e["logName"] = e["logName"].replace("/stdout", "/stderr")
                e["severity"] = "ERROR"
            elif is_text:
                e["severity"] = "INFO"
        elif self.platform == "gcf":
            e["severity"] = {"WARNING": "WARNING", "ERROR": "ERROR", "CRITICAL": "ERROR"}.get(level, "INFO") \
                if not is_text else e.get("severity", "DEFAULT")
        # cloud run text: no severity at all (DEFAULT)

    def log(self, t, level, msg, role="noise", trace=None, kv=None, logger=None, pod=None):
        w, r = self.w, self.w.rng
        e = self._base(pod=pod)
        st = self.style
        kv = kv or {}
        logger = logger or {"py": f"{self.name.replace('-', '_')}.app", "java": "c.l." + self.name.split("-")[0] + ".Service",
                            "go": "main.go", "node": self.name}[self.lang]
        if st == "json-sev":
            p = {"severity": level, "message": msg, "logger": logger}
            p.update(kv)
            e["jsonPayload"] = p
            e["severity"] = level if level != "CRITICAL" else "CRITICAL"
        elif st == "zap":  # go zap with production encoder: level key not mapped
            p = {"level": level.lower().replace("warning", "warn"), "ts": t.timestamp(), "caller": logger, "msg": msg}
            p.update(kv)
            e["jsonPayload"] = p
            self._sev(e, level, False)
            if self.platform == "gke":
                e["severity"] = "INFO"
        elif st == "pino":
            p = {"level": PINO[level], "time": int(t.timestamp() * 1000), "pid": 1, "hostname": "localhost", "msg": msg}
            p.update(kv)
            e["jsonPayload"] = p
        elif st == "logstash":
            p = {"@timestamp": t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond // 1000:03d}Z", "@version": "1",
                 "message": msg, "logger_name": logger, "thread_name": f"http-nio-8080-exec-{r.randint(1, 40)}",
                 "level": JAVA[level], "level_value": {"DEBUG": 10000, "INFO": 20000, "WARNING": 30000}.get(level, 40000)}
            p.update(kv)
            e["jsonPayload"] = p
        else:
            if st == "logback":
                line = f"{t.strftime('%Y-%m-%d %H:%M:%S.')}{t.microsecond // 1000:03d} {JAVA[level]:5s} 1 --- [{('http-nio-8080-exec-' + str(r.randint(1, 40))) if 'thread' not in kv else kv['thread']}] {logger:40s} : {msg}"
            elif st == "glog":
                line = f"{GLOG[level]}{t.strftime('%m%d %H:%M:%S.%f')}       1 {logger}] {msg}"
            elif st == "python":
                line = f"{t.strftime('%Y-%m-%d %H:%M:%S,')}{t.microsecond // 1000:03d} {LEVEL_PY[level]} [{logger}] {msg}"
            elif st == "logfmt":
                extra = "".join(f" {k}={json.dumps(v) if isinstance(v, str) and ' ' in v else v}" for k, v in kv.items())
                line = f'time={ts(t)[:-4]}Z level={level.lower().replace("warning", "warn")} msg={json.dumps(msg)}{extra}'
            else:
                line = msg
            e["textPayload"] = line
            self._sev(e, level, True)
            if self.platform == "gcf":
                e["severity"] = {"WARNING": "WARNING", "ERROR": "ERROR", "CRITICAL": "ERROR"}.get(level, "INFO")
        if trace and self.platform in ("run", "gcf"):
            e["trace"] = f"projects/{PROJECT}/traces/{trace}"
            e["spanId"] = w.hexid(16)
        w.add(t, e, role)
        return e

    def raw(self, t, text, role="noise", severity=None, stream="stdout", pod=None):
        e = self._base(stream=stream, pod=pod)
        e["textPayload"] = text
        if severity:
            e["severity"] = severity
        elif self.platform == "gke":
            e["severity"] = "ERROR" if stream == "stderr" else "INFO"
        self.w.add(t, e, role)
        return e

    def exc(self, t, level, msg, frames, role="noise", trace=None, pod=None):
        """exception with stack: text styles write one entry per line; JSON styles embed the stack."""
        st = self.style
        if st in ("logback", "python", "glog", "logfmt", "plain"):
            pod = pod or (self.w.rng.choice(self.pods) if self.platform == "gke" else None)
            self.log(t, level, msg, role, trace, pod=pod)
            for i, fr in enumerate(frames):
                self.raw(t + dt.timedelta(microseconds=i + 1), fr, role,
                         stream="stderr" if self.platform == "gke" and self.stderr_all else "stdout", pod=pod)
        else:
            key = {"json-sev": "stack_trace", "zap": "stacktrace", "pino": "err", "logstash": "stack_trace"}[st]
            val = "\n".join(frames) if st != "pino" else {"type": "Error", "message": msg, "stack": "\n".join(frames)}
            self.log(t, level, msg, role, trace, kv={key: val})

    def req(self, t, method, path, status, latency_s, role="noise", ua=None, size=None, trace=None, remote=None):
        """request log as the platform writes it"""
        w, r = self.w, self.w.rng
        trace = trace or w.hexid(32)
        ua = ua or r.choice(UAS)
        rip = remote or f"{r.choice([34, 35, 66, 73, 98, 104, 172, 203])}.{r.randint(1, 254)}.{r.randint(1, 254)}.{r.randint(1, 254)}"
        size = size if size is not None else (r.randint(200, 60000) if status < 400 else r.randint(20, 400))
        if self.platform in ("run", "gcf"):
            e = self._base("requests")
            e["logName"] = f"projects/{PROJECT}/logs/run.googleapis.com%2Frequests" if self.platform == "run" else e["logName"]
            e["httpRequest"] = {"requestMethod": method, "requestUrl": f"https://{self.host}{path}", "status": status,
                                "latency": f"{latency_s:.6f}s", "protocol": "HTTP/1.1", "remoteIp": rip,
                                "serverIp": f"169.254.{r.randint(1, 20)}.{r.randint(1, 250)}",
                                "requestSize": str(r.randint(300, 2400)), "responseSize": str(size), "userAgent": ua}
            e["severity"] = "ERROR" if status >= 500 else ("WARNING" if status >= 400 else "INFO")
            e["trace"] = f"projects/{PROJECT}/traces/{trace}"
            e["spanId"] = w.hexid(16)
            e["traceSampled"] = r.random() < 0.1
            if self.platform == "run" and status >= 500 and latency_s > 59:
                e["textPayload"] = "The request has been terminated because it has reached the maximum request timeout. To change this limit, see https://cloud.google.com/run/docs/configuring/request-timeout"
            w.add(t, e, role)
            return e
        # gke: the app writes its own access line
        if self.style in ("json-sev", "zap", "pino", "logstash"):
            kv = {"httpRequest": {"requestMethod": method, "requestUrl": path, "status": status,
                                  "latency": f"{latency_s:.3f}s", "userAgent": ua, "remoteIp": rip}}
            lvl = "ERROR" if status >= 500 else ("WARNING" if status >= 400 else "INFO")
            return self.log(t, lvl, f"{method} {path} {status}", role, kv=kv)
        line = f'{rip} - - [{t.strftime("%d/%b/%Y:%H:%M:%S +0000")}] "{method} {path} HTTP/1.1" {status} {size} "-" "{ua}" {latency_s:.3f}'
        return self.raw(t, line, role)


class LB:
    """external HTTPS load balancer request log"""

    def __init__(self, w, name="lr-web-lb", backend="k8s1-catalog-api-8080"):
        self.w, self.name, self.backend = w, name, backend

    def req(self, t, method, url, status, latency_s, role="noise", details="response_sent_by_backend", backend=None):
        w, r = self.w, self.w.rng
        e = {"resource": {"type": "http_load_balancer", "labels": {
            "backend_service_name": backend or self.backend, "forwarding_rule_name": f"{self.name}-fr-https",
            "project_id": PROJECT, "target_proxy_name": f"{self.name}-target-proxy", "url_map_name": self.name,
            "zone": "global"}},
            "logName": f"projects/{PROJECT}/logs/requests",
            "httpRequest": {"requestMethod": method, "requestUrl": url, "status": status, "latency": f"{latency_s:.6f}s",
                            "remoteIp": f"{r.randint(20, 220)}.{r.randint(1, 254)}.{r.randint(1, 254)}.{r.randint(1, 254)}",
                            "userAgent": r.choice(UAS), "requestSize": str(r.randint(100, 900)),
                            "responseSize": str(r.randint(200, 40000) if status < 400 else r.randint(50, 300)),
                            "serverIp": f"10.8.{r.randint(0, 15)}.{r.randint(2, 250)}", "cacheLookup": False},
            "jsonPayload": {"@type": "type.googleapis.com/google.cloud.loadbalancing.type.LoadBalancerLogEntry",
                            "statusDetails": details, "backendTargetProjectNumber": f"projects/{PNUM}"},
            "severity": "ERROR" if status >= 500 else ("WARNING" if status >= 400 else "INFO"),
            "trace": f"projects/{PROJECT}/traces/{w.hexid(32)}", "spanId": w.hexid(16)}
        w.add(t, e, role)


def audit(w, t, service, method, resource_name, principal, rtype="audited_resource", rlabels=None, role="noise",
          request=None, severity="NOTICE", status=None, response=None, first=False, op=True):
    r = w.rng
    labels = rlabels or {"method": method, "project_id": PROJECT, "service": service}
    pp = {"@type": "type.googleapis.com/google.cloud.audit.AuditLog", "serviceName": service, "methodName": method,
          "resourceName": resource_name,
          "authenticationInfo": {"principalEmail": principal},
          "requestMetadata": {"callerIp": f"{r.randint(30, 200)}.{r.randint(1, 254)}.{r.randint(1, 254)}.{r.randint(1, 254)}",
                              "callerSuppliedUserAgent": r.choice(["google-cloud-sdk gcloud/489.0.0 command/gcloud.run.deploy",
                                                                   "Terraform/1.9.5 (+https://www.terraform.io) terraform-provider-google/5.44.0",
                                                                   "google-api-go-client/0.5 Terraform/1.9.5"]) if "gserviceaccount" in principal or "@lumenreel.tv" in principal else "GCE Persistent Disk CSI Driver"},
          "authorizationInfo": [{"resource": resource_name, "permission": method.split(".")[-1], "granted": True}]}
    if request:
        pp["request"] = request
    if response:
        pp["response"] = response
    if status:
        pp["status"] = status
    e = {"resource": {"type": rtype, "labels": labels},
         "logName": f"projects/{PROJECT}/logs/cloudaudit.googleapis.com%2Factivity", "protoPayload": pp,
         "severity": severity}
    if op:
        e["operation"] = {"id": f"operation-{w.hexid(13)}-{w.hexid(8)}", "producer": service, "first": True, "last": True}
    w.add(t, e, role)
    return e


def k8s_event(w, t, kind, name, ns, reason, message, etype="Normal", role="noise", cluster=CLUSTER, source="kubelet"):
    """GKE events as they arrive in the events log"""
    e = {"resource": {"type": "k8s_pod" if kind == "Pod" else ("k8s_node" if kind == "Node" else "k8s_cluster"),
                      "labels": ({"pod_name": name, "namespace_name": ns} if kind == "Pod" else
                                 ({"node_name": name} if kind == "Node" else {})) | {"cluster_name": cluster, "location": REGION, "project_id": PROJECT}},
         "logName": f"projects/{PROJECT}/logs/events",
         "jsonPayload": {"apiVersion": "v1", "kind": "Event", "reason": reason, "message": message, "type": etype,
                         "involvedObject": {"kind": kind, "name": name, "namespace": ns, "apiVersion": "v1"},
                         "source": {"component": source}, "count": w.rng.randint(1, 4),
                         "metadata": {"name": f"{name}.{w.hexid(16)}", "namespace": ns or "default"},
                         "reportingComponent": source, "eventTime": None},
         "severity": "WARNING" if etype == "Warning" else "INFO"}
    w.add(t, e, role)
    return e


def node_log(w, t, node, text, logname="kubelet", severity=None, role="noise", cluster=CLUSTER):
    e = {"resource": {"type": "k8s_node", "labels": {"cluster_name": cluster, "location": REGION, "node_name": node,
                                                      "project_id": PROJECT}},
         "logName": f"projects/{PROJECT}/logs/{logname}", "jsonPayload": {"MESSAGE": text, "_HOSTNAME": node,
                                                                          "SYSLOG_IDENTIFIER": logname},
         "severity": severity or "INFO"}
    w.add(t, e, role)
    return e


def generic(w, t, rtype, labels, logname, payload, severity=None, role="noise"):
    e = {"resource": {"type": rtype, "labels": labels}, "logName": f"projects/{PROJECT}/logs/{logname}"}
    if isinstance(payload, str):
        e["textPayload"] = payload
    else:
        e["jsonPayload"] = payload
    if severity:
        e["severity"] = severity
    w.add(t, e, role)
    return e


# ------------------------------------------------------------------ common background
def traffic(w, svc, paths, per_min, t0=0, t1=None, err_rate=0.004, lat=(0.01, 0.25), role="noise"):
    r = w.rng
    for t in w.times(per_min, t0, t1):
        m, p = r.choice(paths)
        p = p.replace("{id}", str(r.randint(10000, 999999))).replace("{q}", r.choice(["dune", "bluey", "news", "live+football", "the+bear"]))
        st = 200
        x = r.random()
        if x < err_rate:
            st = r.choice([500, 502])
        elif x < err_rate + 0.02:
            st = r.choice([404, 401, 400, 499 if svc.platform == "gke" else 404])
        elif m == "POST" and x < 0.3:
            st = 201
        svc.req(t, m, p, st, r.lognormvariate(0, 0.6) * (lat[0] + (lat[1] - lat[0]) * r.random()), role)


def chatter(w, svc, lines, per_min, t0=0, t1=None, role="noise"):
    """lines: list of (level, text-or-callable)"""
    r = w.rng
    for t in w.times(per_min, t0, t1):
        lvl, msg = r.choice(lines)
        if callable(msg):
            msg = msg(r)
        svc.log(t, lvl, msg, role)


def health(w, svc, every_s=10, path="/healthz"):
    for t in w.periodic(every_s):
        if svc.platform == "gke":
            if svc.style in ("logback", "python", "glog"):
                continue  # probes not logged by these apps
            svc.req(t, "GET", path, 200, w.rng.uniform(0.0005, 0.004), ua=PROBE_UA, remote="10.8.0.1")


def gke_system_noise(w, nodes, per_min=6, t0=0, t1=None):
    """fluent-bit / kubelet / gke-metadata-server noise that is always there"""
    r = w.rng
    fb = Svc(w, "fluentbit-gke", "gke", "plain", ns="kube-system", replicas=len(nodes), container="fluentbit-gke")
    fb.nodes = nodes
    msgs = [
        ("INFO", lambda r: f"[{ts(w.start)[:19].replace('T', ' ')}] [ info] [input:tail:tail.0] inotify_fs_add(): inode={r.randint(100000, 999999)} watch_fd={r.randint(10, 90)} name=/var/log/containers/"),
        ("WARNING", lambda r: f"[ warn] [engine] failed to flush chunk '1-{r.randint(1700000000, 1799999999)}.{r.randint(100, 999)}.flb', retry in {r.choice([6, 9, 10, 14])} seconds: task_id={r.randint(0, 40)}, input=tail.0 > output=stackdriver.0 (out_id=0)"),
        ("INFO", lambda r: f"[ info] [engine] flush chunk '1-{r.randint(1700000000, 1799999999)}.{r.randint(100, 999)}.flb' succeeded at retry 1: task_id={r.randint(0, 40)}, input=tail.0 > output=stackdriver.0 (out_id=0)"),
    ]
    for t in w.times(per_min * 0.5, t0, t1):
        lvl, f = r.choice(msgs)
        fb.raw(t, f(r), stream="stderr" if lvl == "WARNING" else "stdout")
    kl = [
        "Failed to get system container stats for \"/system.slice/docker.service\": failed to get cgroup stats for \"/system.slice/docker.service\": failed to get container info for \"/system.slice/docker.service\": unknown container \"/system.slice/docker.service\"",
        "RemoveContainer containerID=\"{c}\"",
        "SyncLoop (PLEG): event for pod",
        "Image garbage collection succeeded",
        "\"Unable to attach or mount volumes for pod; skipping pod\" err=\"unmounted volumes=[kube-api-access], unattached volumes=[], failed to process volumes=[]: timed out waiting for the condition\"",
    ]
    for t in w.times(per_min * 0.5, t0, t1):
        k = r.choice(kl).replace("{c}", w.hexid(64))
        node_log(w, t, r.choice(nodes), k, severity="WARNING" if "Failed" in k or "Unable" in k else "INFO")


def routine_audit(w, per_hour=4):
    """routine admin-activity audit entries"""
    r = w.rng
    opts = [
        ("run.googleapis.com", "google.cloud.run.v1.Services.ReplaceService", "namespaces/lumenreel-prod/services/newsletter-web", "cloud-build-deployer@lumenreel-prod.iam.gserviceaccount.com",
         "cloud_run_revision", {"service_name": "newsletter-web", "location": REGION, "project_id": PROJECT, "revision_name": "", "configuration_name": ""}),
        ("container.googleapis.com", "io.k8s.coordination.v1.leases.update", "coordination.k8s.io/v1/namespaces/kube-system/leases/cluster-autoscaler", "system:gke-cluster-autoscaler",
         "k8s_cluster", {"cluster_name": CLUSTER, "location": REGION, "project_id": PROJECT}),
        ("compute.googleapis.com", "v1.compute.disks.createSnapshot", f"projects/{PROJECT}/zones/us-central1-b/disks/lr-ops-bastion", "service-418822097315@compute-system.iam.gserviceaccount.com",
         "gce_disk", {"disk_id": "5511829301", "zone": "us-central1-b", "project_id": PROJECT}),
        ("iam.googleapis.com", "google.iam.admin.v1.CreateServiceAccountKey", f"projects/-/serviceAccounts/ci-readonly@{PROJECT}.iam.gserviceaccount.com", "ops-bot@lumenreel-prod.iam.gserviceaccount.com",
         "service_account", {"email_id": f"ci-readonly@{PROJECT}.iam.gserviceaccount.com", "project_id": PROJECT, "unique_id": "10488391122"}),
        ("container.googleapis.com", "io.k8s.apps.v1.deployments.patch", "apps/v1/namespaces/marketing/deployments/landing-pages", "cloud-deploy@lumenreel-prod.iam.gserviceaccount.com",
         "k8s_cluster", {"cluster_name": CLUSTER, "location": REGION, "project_id": PROJECT}),
    ]
    for t in w.times(per_hour / 60.0):
        s, m, res, p, rt, rl = r.choice(opts)
        audit(w, t, s, m, res, p, rtype=rt, rlabels=rl)
