#!/usr/bin/env python3
"""blind27 generator: smart-home / IoT company on Google Cloud (14 windows).

Standard library only, fixed seeds, byte-identical output.
Usage: python gen.py OUTDIR
"""
import datetime
import gzip
import hashlib
import io
import json
import os
import random
import sys

P = "hearthly-prod"
PNUM = "482913307165"
REGION = "us-central1"
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
STD = "iot-core-std"      # GKE Standard (EMQX, telemetry-ingest)
AP = "iot-apps-ap"        # GKE Autopilot (ota, delta-builder, partner-sync)


def parse(s):
    d = datetime.datetime.strptime(s, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.timezone.utc)
    return int((d - EPOCH).total_seconds()) * 1000000


def fmt(us):
    d = EPOCH + datetime.timedelta(microseconds=us)
    return d.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def fmt_sp(us, ms=True):
    d = EPOCH + datetime.timedelta(microseconds=us)
    if ms:
        return d.strftime("%Y-%m-%d %H:%M:%S.") + "%03d" % (d.microsecond // 1000)
    return d.strftime("%Y-%m-%d %H:%M:%S")


def fmt_off(us):
    d = EPOCH + datetime.timedelta(microseconds=us)
    return d.strftime("%Y-%m-%dT%H:%M:%S.%f") + "+00:00"


def klog_ts(us):
    d = EPOCH + datetime.timedelta(microseconds=us)
    return d.strftime("%m%d %H:%M:%S.%f")


def LOG(name):
    return "projects/%s/logs/%s" % (P, name.replace("/", "%2F"))


S = 1000000
MIN = 60 * S


class W:
    def __init__(self, iid, seed, start, end):
        self.iid = iid
        self.rng = random.Random(seed)
        self.start = parse(start)
        self.end = parse(end)
        self.s_start = start
        self.s_end = end
        self.E = []
        self.n = 0
        self.rev = {}

    # ---------- primitives ----------
    def hx(self, n):
        return "".join(self.rng.choice("0123456789abcdef") for _ in range(n))

    def an(self, n):
        return "".join(self.rng.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(n))

    def times(self, rate, t0=None, t1=None, mult=None):
        """Poisson arrival times (rate per second), optional multiplier function."""
        t0 = self.start if t0 is None else t0
        t1 = self.end if t1 is None else t1
        out = []
        if rate <= 0:
            return out
        peak = 1.0
        if mult is not None:
            peak = max(mult(t0 + (t1 - t0) * i // 50) for i in range(51)) or 1.0
            peak = max(peak, 1.0)
        t = t0
        while True:
            t += int(self.rng.expovariate(rate * peak) * S) + 1
            if t >= t1:
                break
            if mult is not None and self.rng.random() * peak > mult(t):
                continue
            out.append(t)
        return out

    def add(self, t, res, log, sev, text=None, js=None, proto=None, http=None, labels=None, trace=None, span=None):
        if t < self.start or t >= self.end:
            return
        self.n += 1
        e = {
            "insertId": hashlib.md5(("%s/%d" % (self.iid, self.n)).encode()).hexdigest()[:16],
            "logName": LOG(log),
            "resource": res,
            "timestamp": fmt(t),
            "receiveTimestamp": fmt(t + 40000 + self.rng.randrange(1500000)),
            "severity": sev,
        }
        if text is not None:
            e["textPayload"] = text
        if js is not None:
            e["jsonPayload"] = js
        if proto is not None:
            e["protoPayload"] = proto
        if http is not None:
            e["httpRequest"] = http
        if labels:
            e["labels"] = labels
        if trace:
            e["trace"] = "projects/%s/traces/%s" % (P, trace)
            e["spanId"] = span or self.hx(16)
            e["traceSampled"] = self.rng.random() < 0.1
        self.E.append((t, e))

    # ---------- resources ----------
    def run_res(self, svc, rev=None):
        if not rev:
            h = hashlib.md5(svc.encode()).hexdigest()
            rev = self.rev.get(svc, "%s-%05d-%s" % (svc, 40 + int(h[:4], 16) % 300, "".join("abcdefghijklmnopqrstuvwxyz"[int(c, 16) + 5] for c in h[4:7])))
        return {"type": "cloud_run_revision", "labels": {
            "configuration_name": svc, "location": REGION, "project_id": P,
            "revision_name": rev, "service_name": svc}}

    def k8s_res(self, cluster, ns, pod, container):
        return {"type": "k8s_container", "labels": {
            "cluster_name": cluster, "container_name": container, "location": REGION,
            "namespace_name": ns, "pod_name": pod, "project_id": P}}

    def node_res(self, cluster, node):
        return {"type": "k8s_node", "labels": {
            "cluster_name": cluster, "location": REGION, "node_name": node, "project_id": P}}

    def pod_res(self, cluster, ns, pod):
        return {"type": "k8s_pod", "labels": {
            "cluster_name": cluster, "location": REGION, "namespace_name": ns,
            "pod_name": pod, "project_id": P}}

    def write(self, outdir, truth):
        d = os.path.join(outdir, self.iid)
        os.makedirs(d, exist_ok=True)
        self.E.sort(key=lambda x: (-x[0], x[1]["insertId"]))
        arr = [e for _, e in self.E]
        data = json.dumps(arr, indent=2, sort_keys=True, ensure_ascii=False).encode("utf-8")
        buf = io.BytesIO()
        with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=6) as g:
            g.write(data)
        with open(os.path.join(d, "logs.json.gz"), "wb") as f:
            f.write(buf.getvalue())
        truth = dict(truth)
        truth["id"] = self.iid
        truth["window"] = {"start": self.s_start, "end": self.s_end}
        order = ["id", "title", "window", "root_cause", "symptoms", "distractors", "priority"]
        truth = {k: truth[k] for k in order}
        with open(os.path.join(d, "truth.json"), "w") as f:
            f.write(json.dumps(truth, indent=2) + "\n")
        return len(arr)


# ====================================================================
# shared vocabulary
# ====================================================================
UAS = ["Hearthly/6.14.2 (iPhone; iOS 18.1; Scale/3.00)", "Hearthly/6.14.2 (Android 15; Pixel 8)",
       "Hearthly/6.13.0 (Android 14; SM-S911B)", "Hearthly/6.14.1 (iPad; iOS 17.6)",
       "okhttp/4.12.0", "Hearthly-Partner-Sync/2.3 (+https://hearthly.io/partners)",
       "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/130.0 Safari/537.36"]
API_PATHS = [
    ("GET", "/v1/homes/{h}/devices", 30, 200), ("GET", "/v1/devices/{d}/state", 28, 200),
    ("POST", "/v1/devices/{d}/commands", 12, 202), ("POST", "/v1/auth/refresh", 6, 200),
    ("GET", "/v1/homes/{h}/events?limit=50", 8, 200), ("GET", "/v1/devices/{d}/telemetry?range=24h", 6, 200),
    ("GET", "/v1/firmware/check?model=HL-TH2", 3, 200), ("PUT", "/v1/homes/{h}/automations/{a}", 2, 200),
    ("GET", "/v1/me", 5, 200),
]
MODELS = ["HL-TH2", "HL-PLUG1", "HL-CAM3", "HL-LOCK2", "HL-BULB4", "HL-HUB1"]


def pick_path(w):
    tot = sum(x[2] for x in API_PATHS)
    r = w.rng.random() * tot
    for m, p, wt, st in API_PATHS:
        r -= wt
        if r <= 0:
            break
    p = p.replace("{h}", "h_" + w.hx(6)).replace("{d}", "d_" + w.hx(10)).replace("{a}", "a_" + w.hx(5))
    return m, p, st


def ip(w, cgnat=False):
    if cgnat:
        return "%d.%d.%d.%d" % (w.rng.choice([172, 100]), w.rng.randrange(32, 60), w.rng.randrange(256), w.rng.randrange(1, 255))
    return "%d.%d.%d.%d" % (w.rng.choice([73, 98, 24, 67, 108, 174, 71, 50, 82, 92]), w.rng.randrange(256), w.rng.randrange(256), w.rng.randrange(1, 255))


LB_RES = {"type": "http_load_balancer", "labels": {
    "backend_service_name": "hl-api-backend", "forwarding_rule_name": "hl-api-https-fr", "project_id": P,
    "target_proxy_name": "hl-api-https-proxy", "url_map_name": "hl-api-urlmap", "zone": "global"}}


def lb(w, t, method, path, status, lat, ua=None, rip=None, details="response_sent_by_backend", policy=None,
       host="api.hearthly.io", backend="hl-api-backend", size=None):
    trace = w.hx(32)
    rip = rip or ip(w)
    http = {"requestMethod": method, "requestUrl": "https://%s%s" % (host, path),
            "requestSize": str(w.rng.randrange(180, 900)), "status": status,
            "responseSize": str(size if size is not None else w.rng.randrange(90, 6000)),
            "userAgent": ua or w.rng.choice(UAS), "remoteIp": rip, "latency": "%.6fs" % lat,
            "protocol": "HTTP/2.0"}
    js = {"@type": "type.googleapis.com/google.cloud.loadbalancing.type.LoadBalancerLogEntry",
          "backendTargetProjectNumber": "projects/" + PNUM, "statusDetails": details, "remoteIp": rip}
    if policy:
        js["enforcedSecurityPolicy"] = policy
    res = LB_RES if backend == "hl-api-backend" else {"type": "http_load_balancer", "labels": dict(LB_RES["labels"], backend_service_name=backend)}
    sev = "INFO" if status < 400 else ("WARNING" if status < 500 else "ERROR")
    w.add(t, res, "requests", sev, js=js, http=http, trace=trace)
    return trace


# ====================================================================
# background streams (each takes knobs; incidents override via hooks)
# ====================================================================
def bg_api(w, rate=2.0, hook=None, mult=None):
    """LB request logs for api.hearthly.io + device-api (Node/pino) app logs on Cloud Run."""
    svc = "device-api"
    for t in w.times(rate, mult=mult):
        m, p, st = pick_path(w)
        lat = w.rng.lognormvariate(-3.3, 0.6)
        if w.rng.random() < 0.012:
            st = 401
        elif w.rng.random() < 0.006:
            st = 404
        elif w.rng.random() < 0.0015:
            st = 500
        ov = hook(t, m, p, st, lat) if hook else None
        if ov == "skip":
            continue
        kw = {}
        if ov:
            st, lat, kw = ov[0], ov[1], (ov[2] if len(ov) > 2 else {})
        if kw.get("no_lb"):
            tr = w.hx(32)
        else:
            lbkw = {k: v for k, v in kw.items() if k in ("ua", "rip", "details", "policy")}
            tr = lb(w, t, m, p, st, lat, **lbkw)
        if kw.get("no_backend"):
            continue
        if w.rng.random() < 0.22 or st >= 500:
            lvl, sev = ("info", "INFO") if st < 400 else (("warn", "WARNING") if st < 500 else ("error", "ERROR"))
            js = {"level": lvl, "time": t // 1000, "pid": 1, "hostname": "localhost", "reqId": "req-" + w.an(6),
                  "req": {"method": m, "url": p.split("?")[0]}, "res": {"statusCode": st},
                  "responseTime": round(lat * 1000 * 0.93, 1), "msg": kw.get("msg", "request completed")}
            w.add(t + int(lat * S), w.run_res(svc), "run.googleapis.com/stdout", sev, js=js, trace=tr,
                  labels={"instanceId": "00f46b92" + w.hx(24)})
    # low-rate routine noise
    for t in w.times(0.012):
        r = w.rng.random()
        if r < 0.5:
            js = {"level": "warn", "time": t // 1000, "pid": 1, "hostname": "localhost",
                  "msg": "slow query", "query": "SELECT * FROM automations WHERE home_id = $1", "durationMs": w.rng.randrange(800, 2400)}
            sev = "WARNING"
        else:
            js = {"level": "info", "time": t // 1000, "pid": 1, "hostname": "localhost",
                  "msg": "token refreshed", "userId": "u_" + w.hx(8)}
            sev = "INFO"
        w.add(t, w.run_res(svc), "run.googleapis.com/stdout", sev, js=js, labels={"instanceId": "00f46b92" + w.hx(24)})


def bg_push(w, rate=0.5, hook=None, mult=None, unreg=0.02):
    """push-notifier (Python, Cloud Run) receiving Pub/Sub push, sending via FCM HTTP v1."""
    svc = "push-notifier"
    url = "https://push-notifier-7qk2lfa3ua-uc.a.run.app/pubsub/push"
    for t in w.times(rate, mult=mult):
        kind = w.rng.choice(["device_offline", "motion_detected", "door_unlocked", "low_battery", "automation_ran", "firmware_updated"])
        lat = w.rng.lognormvariate(-2.6, 0.5)
        st = 204
        ov = hook(t, kind) if hook else None
        lines = None
        if ov == "skip":
            continue
        if ov:
            st, lat, lines = ov
        tr = w.hx(32)
        inst = "00f46b92" + w.hx(24)
        sev = "INFO" if st < 400 else ("WARNING" if st < 500 else "ERROR")
        http = {"requestMethod": "POST", "requestUrl": url, "requestSize": str(w.rng.randrange(900, 1800)),
                "status": st, "responseSize": "0" if st == 204 else str(w.rng.randrange(20, 300)),
                "userAgent": "APIs-Google; (+https://developers.google.com/webmasters/APIs-Google.html)",
                "remoteIp": "66.102.%d.%d" % (w.rng.randrange(6, 9), w.rng.randrange(1, 250)),
                "serverIp": "216.239.%d.%d" % (w.rng.choice([32, 34, 36, 38]), 53),
                "latency": "%.6fs" % lat, "protocol": "HTTP/1.1"}
        w.add(t + int(lat * S), w.run_res(svc), "run.googleapis.com/requests", sev, http=http, trace=tr,
              labels={"instanceId": inst})
        if lines is None:
            mid = "0:17%011d%%%s" % (w.rng.randrange(10 ** 11), w.hx(16))
            if w.rng.random() < unreg:
                lines = [("WARNING", "WARNING push.sender: FCM token rejected for device=d_%s: 404 NOT_FOUND Requested entity was not found. (UNREGISTERED) -> token removed" % w.hx(10))]
            else:
                lines = [("INFO", "INFO push.sender: sent %s to user=u_%s message=projects/%s/messages/%s" % (kind, w.hx(8), P, mid))]
        for i, (sv, ln) in enumerate(lines):
            w.add(t + int(lat * S * 0.9) + i, w.run_res(svc), "run.googleapis.com/stdout" if sv != "ERROR" else "run.googleapis.com/stderr",
                  "DEFAULT" if sv != "ERROR" else "ERROR", text=fmt_sp(t + int(lat * S * 0.9)).replace(".", ",") + " " + ln, trace=tr,
                  labels={"instanceId": inst})


def bg_auth(w, rate=0.35, hook=None, mult=None):
    """device-auth (Go, Cloud Run): EMQX HTTP authn hook."""
    svc = "device-auth"
    for t in w.times(rate, mult=mult):
        cid = "hl-%s-%s" % (w.rng.choice(MODELS).lower(), w.hx(8))
        r = w.rng.random()
        ov = hook(t, cid) if hook else None
        if ov == "skip":
            continue
        if ov:
            sev, js = ov
        elif r < 0.04:
            sev, js = "WARNING", {"level": "warn", "msg": "mqtt auth denied", "client_id": cid, "reason": "bad_token_signature", "remote": ip(w)}
        else:
            sev, js = "INFO", {"level": "info", "msg": "mqtt auth ok", "client_id": cid, "tenant": "t_" + w.hx(4), "took_ms": w.rng.randrange(2, 19)}
        js["ts"] = fmt(t)
        js["caller"] = "authn/handler.go:%d" % (88 if sev == "INFO" else 121)
        w.add(t, w.run_res(svc), "run.googleapis.com/stdout", sev, js=js, labels={"instanceId": "00f46b92" + w.hx(24)})


EMQX_PODS = ["emqx-core-0", "emqx-core-1", "emqx-core-2"]
MQTT_NODES = ["gke-iot-core-std-mqtt-pool-5b1e2c0a-4xkq", "gke-iot-core-std-mqtt-pool-5b1e2c0a-9dm2",
              "gke-iot-core-std-mqtt-pool-5b1e2c0a-tq7w"]


def emqx_line(w, t, level, body):
    return "%s [%s] %s" % (fmt_off(t)[:26] + "+00:00", level, body)


def bg_emqx(w, rate=0.5, hook=None, mult=None):
    for t in w.times(rate, mult=mult):
        pod = w.rng.choice(EMQX_PODS)
        cid = "hl-%s-%s" % (w.rng.choice(MODELS).lower(), w.hx(8))
        peer = "%s:%d" % (ip(w), w.rng.randrange(1024, 65535))
        ov = hook(t, pod, cid, peer) if hook else None
        if ov == "skip":
            continue
        if ov:
            lvl, body = ov
        else:
            r = w.rng.random()
            if r < 0.45:
                lvl, body = "info", "clientid: %s, peername: %s, username: %s, msg: client_connected, proto_ver: 4, keepalive: 60" % (cid, peer, cid)
            elif r < 0.8:
                lvl, body = "info", "clientid: %s, peername: %s, msg: client_disconnected, reason: %s" % (cid, peer, w.rng.choice(["normal", "tcp_closed", "tcp_closed", "keepalive_timeout"]))
            elif r < 0.9:
                lvl, body = "warning", "clientid: %s, peername: %s, msg: socket_force_closed, reason: keepalive_timeout" % (cid, peer)
            else:
                lvl, body = "info", "msg: cluster_rpc_commit, node: emqx@%s.emqx-headless.mqtt.svc.cluster.local, tnx_id: %d" % (pod, w.rng.randrange(300, 400))
        sev = "INFO" if lvl in ("info", "notice", "debug") else ("WARNING" if lvl == "warning" else "ERROR")
        w.add(t, w.k8s_res(STD, "mqtt", pod, "emqx"), "stdout", sev, text=emqx_line(w, t, lvl, body),
              labels={"compute.googleapis.com/resource_name": MQTT_NODES[EMQX_PODS.index(pod)], "k8s-pod/app_kubernetes_io/name": "emqx"})


INGEST_PODS = ["telemetry-ingest-6c9d7f8b54-%s" % s for s in ("2lq8x", "7fzpk", "h4v9n", "xw3rt")]


def bg_ingest(w, period=6.0, hook=None, pods=None, cls="c.h.t.ingest.BatchWriter"):
    """telemetry-ingest (Java/logback on GKE Standard): Pub/Sub -> Bigtable."""
    pods = pods or INGEST_PODS
    for pi, pod in enumerate(pods):
        t = w.start + int(w.rng.random() * period * S)
        while t < w.end:
            ov = hook(t, pod) if hook else None
            if ov != "skip":
                if ov:
                    lines = ov
                else:
                    lines = [("INFO", "%s  INFO 1 --- [ingest-writer-%d] %s : wrote batch table=telemetry rows=%d latencyMs=%d" % (
                        fmt_sp(t), w.rng.randrange(1, 9), cls, w.rng.randrange(380, 520), w.rng.randrange(14, 60)))]
                for i, (sev, ln) in enumerate(lines):
                    w.add(t + i, w.k8s_res(STD, "telemetry", pod, "ingest"), "stdout" if sev != "ERROR" else "stderr", sev, text=ln,
                          labels={"compute.googleapis.com/resource_name": "gke-iot-core-std-default-pool-0d3a9e51-%s" % ["b7c2", "m1kx", "q9zz", "v2rr"][pi],
                                  "k8s-pod/app": "telemetry-ingest"})
            t += int(period * S * (0.8 + 0.4 * w.rng.random()))


def bg_ota(w, rate=0.12, hook=None):
    pod = "ota-service-7d5b9c6f4-" + "kq2mz"
    for t in w.times(rate):
        model = w.rng.choice(MODELS)
        ov = hook(t, model) if hook else None
        if ov == "skip":
            continue
        if ov:
            sev, js = ov
        elif w.rng.random() < 0.8:
            sev, js = "INFO", {"level": "info", "msg": "firmware check", "model": model, "current": "4.12.%d" % w.rng.randrange(1, 4), "channel": "stable", "update": False}
        else:
            sev, js = "INFO", {"level": "info", "msg": "signed url issued", "model": model, "object": "gs://hl-firmware-prod/%s/4.12.3/fw.bin" % model, "ttl": "15m0s"}
        js["ts"] = (t // 1000) / 1000.0
        js["caller"] = "ota/server.go:212" if sev == "INFO" else "ota/server.go:260"
        js["severity"] = sev
        w.add(t, w.k8s_res(AP, "ota", pod, "ota-service"), "stdout", sev, js=js, labels={"k8s-pod/app": "ota-service"})


SQL_RES = {"type": "cloudsql_database", "labels": {"database_id": "%s:hl-pg-main" % P, "project_id": P, "region": REGION}}


def pg(w, t, sev, body, pid=None, user="app", db="hearthly"):
    pid = pid or w.rng.randrange(100000, 400000)
    txt = "%s UTC [%d]: [%d-1] db=%s,user=%s %s" % (fmt_sp(t), pid, w.rng.randrange(1, 9), db, user, body)
    w.add(t, SQL_RES, "cloudsql.googleapis.com/postgres.log", sev, text=txt)


def bg_sql(w, rate=0.03):
    t = w.start + w.rng.randrange(5 * MIN)
    while t < w.end:
        pid = 2817
        w.add(t, SQL_RES, "cloudsql.googleapis.com/postgres.log", "INFO",
              text="%s UTC [%d]: [%d-1] db=,user= LOG:  checkpoint starting: time" % (fmt_sp(t), pid, w.rng.randrange(1, 99)))
        t2 = t + w.rng.randrange(20, 150) * S
        w.add(t2, SQL_RES, "cloudsql.googleapis.com/postgres.log", "INFO",
              text="%s UTC [%d]: [%d-1] db=,user= LOG:  checkpoint complete: wrote %d buffers (%.1f%%); 0 WAL file(s) added, 0 removed, %d recycled; write=%.3f s, sync=0.004 s, total=%.3f s" % (
                  fmt_sp(t2), pid, w.rng.randrange(1, 99), w.rng.randrange(2000, 9000), w.rng.random() * 4, w.rng.randrange(1, 6), w.rng.random() * 120, w.rng.random() * 120 + 1))
        t += 5 * MIN
    for t in w.times(rate):
        r = w.rng.random()
        if r < 0.4:
            pg(w, t, "INFO", "LOG:  automatic vacuum of table \"hearthly.public.device_state\": index scans: 1", user="", db="")
        elif r < 0.75:
            pg(w, t, "INFO", "LOG:  connection authorized: user=app database=hearthly SSL enabled (protocol=TLSv1.3, cipher=TLS_AES_256_GCM_SHA384, bits=256)")
        else:
            pg(w, t, "INFO", "LOG:  duration: %d.%03d ms  statement: SELECT id, home_id, name FROM automations WHERE home_id = $1" % (w.rng.randrange(1000, 2500), w.rng.randrange(1000)))


def sched(w, job, every_min, target, status=200, hook=None, offset=0):
    res = {"type": "cloud_scheduler_job", "labels": {"job_id": job, "location": REGION, "project_id": P}}
    t = w.start - (w.start % (every_min * MIN)) + offset * S
    while t < w.end:
        if t >= w.start:
            st = status
            ov = hook(t) if hook else None
            if ov is not None:
                st = ov
            jn = "projects/%s/locations/%s/jobs/%s" % (P, REGION, job)
            w.add(t + w.rng.randrange(300000), res, "cloudscheduler.googleapis.com/executions", "INFO",
                  js={"@type": "type.googleapis.com/google.cloud.scheduler.logging.AttemptStarted", "jobName": jn,
                      "scheduledTime": fmt(t), "targetType": "HTTP", "url": target})
            fin = {"@type": "type.googleapis.com/google.cloud.scheduler.logging.AttemptFinished", "jobName": jn,
                   "targetType": "HTTP", "url": target}
            if st >= 400:
                fin["status"] = {400: "INVALID_ARGUMENT", 403: "PERMISSION_DENIED", 404: "NOT_FOUND", 500: "INTERNAL", 503: "UNAVAILABLE", 504: "DEADLINE_EXCEEDED"}.get(st, "UNKNOWN")
                fin["debugInfo"] = "URL_ERROR-ERROR_OTHER. Original HTTP response code number = %d" % st
            w.add(t + w.rng.randrange(400000, 4000000), res, "cloudscheduler.googleapis.com/executions", "ERROR" if st >= 400 else "INFO",
                  js=fin, http={"status": st})
        t += every_min * MIN


def bg_rules(w, rate=0.25, hook=None):
    """rules-engine (Python, Cloud Run): evaluates automations."""
    svc = "rules-engine"
    for t in w.times(rate):
        ov = hook(t) if hook else None
        if ov == "skip":
            continue
        if ov:
            lines = ov
        else:
            lines = [("DEFAULT", "[%s] INFO rules.runner: automation a_%s fired trigger=%s actions=%d" % (
                fmt_sp(t).replace(".", ","), w.hx(5), w.rng.choice(["schedule", "state_change", "geofence", "sunset"]), w.rng.randrange(1, 4)))]
        for i, (sv, ln) in enumerate(lines):
            w.add(t + i, w.run_res(svc), "run.googleapis.com/stdout" if sv != "ERROR" else "run.googleapis.com/stderr", sv, text=ln,
                  labels={"instanceId": "00f46b92" + w.hx(24)})


def kubelet(w, t, cluster, node, msg, sev="INFO", src="kubelet.go", line=2391, lvl="I"):
    w.add(t, w.node_res(cluster, node), "kubelet", sev,
          text="%s%s %7d %s:%d] %s" % (lvl, klog_ts(t), 1882, src, line, msg))


def k8s_event(w, t, cluster, ns, pod, reason, msg, kind="Pod", typ="Warning", component="kubelet", host=None):
    js = {"apiVersion": "v1", "kind": "Event", "reason": reason, "message": msg, "type": typ,
          "involvedObject": {"kind": kind, "namespace": ns, "name": pod, "apiVersion": "v1" if kind == "Pod" else "batch/v1"},
          "metadata": {"name": "%s.%s" % (pod, w.hx(16)), "namespace": ns, "creationTimestamp": fmt(t)[:19] + "Z"},
          "source": {"component": component} if host is None else {"component": component, "host": host},
          "firstTimestamp": fmt(t)[:19] + "Z", "lastTimestamp": fmt(t)[:19] + "Z", "count": 1,
          "reportingComponent": component, "reportingInstance": host or ""}
    res = w.pod_res(cluster, ns, pod) if kind == "Pod" else {"type": "k8s_cluster", "labels": {"cluster_name": cluster, "location": REGION, "project_id": P}}
    w.add(t, res, "events", "WARNING" if typ == "Warning" else "INFO", js=js)


def audit(w, t, service, method, resource_name, who, res_type, res_labels, request=None, response=None,
          sev="NOTICE", status=None, log="cloudaudit.googleapis.com/activity", caller_ip=None, ua=None, extra=None):
    pp = {"@type": "type.googleapis.com/google.cloud.audit.AuditLog",
          "authenticationInfo": {"principalEmail": who},
          "requestMetadata": {"callerIp": caller_ip or "35.188.%d.%d" % (w.rng.randrange(256), w.rng.randrange(1, 255)),
                              "callerSuppliedUserAgent": ua or "google-cloud-sdk gcloud/497.0.0 command/gcloud"},
          "serviceName": service, "methodName": method, "resourceName": resource_name,
          "authorizationInfo": [{"permission": "", "granted": True, "resourceAttributes": {}}]}
    if request is not None:
        pp["request"] = request
    if response is not None:
        pp["response"] = response
    if status is not None:
        pp["status"] = status
    if extra:
        pp.update(extra)
    w.add(t, {"type": res_type, "labels": dict(res_labels, project_id=P)}, log, sev, proto=pp)


def run_deploy(w, t, svc, newrev, who, image, extra_env=None, concurrency=80, maxinst=100):
    """Cloud Run ReplaceService audit + system lines."""
    spec = {"template": {"metadata": {"name": newrev, "annotations": {"autoscaling.knative.dev/maxScale": str(maxinst)}},
                         "spec": {"containerConcurrency": concurrency, "timeoutSeconds": 300,
                                  "containers": [{"image": image, "env": extra_env or []}]}}}
    audit(w, t, "run.googleapis.com", "google.cloud.run.v1.Services.ReplaceService",
          "namespaces/%s/services/%s" % (P, svc), who, "cloud_run_revision",
          {"service_name": svc, "revision_name": "", "location": REGION, "configuration_name": ""},
          request={"@type": "type.googleapis.com/google.cloud.run.v1.ReplaceServiceRequest", "service": {"spec": spec}},
          ua="google-cloud-sdk gcloud/497.0.0 command/gcloud.run.deploy")
    w.add(t + 9 * S, w.run_res(svc, newrev), "run.googleapis.com/varlog/system", "INFO",
          text="Starting new instance. Reason: DEPLOYMENT_ROLLOUT - Instance started due to traffic shifting between revisions due to deployment, traffic split adjustment, or deployment health check.")
    w.add(t + 14 * S, w.run_res(svc, newrev), "run.googleapis.com/varlog/system", "INFO",
          text="Default STARTUP TCP probe succeeded after 1 attempt for container \"%s-1\" on port 8080." % svc)
    audit(w, t + 24 * S, "run.googleapis.com", "v1.run.googleapis.com.ReplaceService" if False else "google.cloud.run.v1.Services.ReplaceService",
          "namespaces/%s/revisions/%s" % (P, newrev), "system", "cloud_run_revision",
          {"service_name": svc, "revision_name": newrev, "location": REGION, "configuration_name": svc},
          response={"status": {"conditions": [{"type": "Ready", "status": "True"}]}}, sev="INFO",
          log="cloudaudit.googleapis.com/system_event")
    w.rev[svc] = newrev


def cloudbuild(w, t, build_id, lines, trigger="deploy-main"):
    res = {"type": "build", "labels": {"build_id": build_id, "build_trigger_id": "8c2d1f7a-%s" % trigger, "project_id": P}}
    for i, ln in enumerate(lines):
        w.add(t + i * 700000, res, "cloudbuild", "INFO", text=ln)


def standard_bg(w, api=2.0, push=0.5, auth=0.35, emqx=0.5, ingest=True, ota=True, sql=True, rules=0.25, sch=True, hooks=None):
    h = hooks or {}
    bg_api(w, api, hook=h.get("api"), mult=h.get("api_mult"))
    bg_push(w, push, hook=h.get("push"), mult=h.get("push_mult"), unreg=h.get("unreg", 0.02))
    bg_auth(w, auth, hook=h.get("auth"), mult=h.get("auth_mult"))
    bg_emqx(w, emqx, hook=h.get("emqx"), mult=h.get("emqx_mult"))
    if ingest:
        bg_ingest(w, hook=h.get("ingest"))
    if ota:
        bg_ota(w, hook=h.get("ota"))
    if sql:
        bg_sql(w)
    if rules:
        bg_rules(w, rules, hook=h.get("rules"))
    if sch:
        sched(w, "rollup-hourly-stats", 15, "https://rollup-7qk2lfa3ua-uc.a.run.app/run", hook=h.get("sch_rollup"))
        sched(w, "token-cleanup", 10, "https://device-api-7qk2lfa3ua-uc.a.run.app/internal/cleanup-tokens", offset=20, hook=h.get("sch_token"))


def py_tb(w, t, svc, frames, exc, sev_stream="run.googleapis.com/stderr"):
    lines = ["Traceback (most recent call last):"]
    for f, ln, fn, code in frames:
        lines.append('  File "%s", line %d, in %s' % (f, ln, fn))
        lines.append("    " + code)
    lines.append(exc)
    for i, l in enumerate(lines):
        w.add(t + i, w.run_res(svc), sev_stream, "ERROR", text=l, labels={"instanceId": "00f46b92" + "a" * 24})


# ====================================================================
# incidents
# ====================================================================
def inc01(out):
    """Intermediate device CA expired -> mTLS handshakes from older devices fail on reconnect."""
    w = W("iot-mqtt-device-ca-expired", 2701, "2025-10-14T06:25:00Z", "2025-10-14T07:10:00Z")
    exp = parse("2025-10-14T06:42:00Z")
    frac = lambda t: 0.0 if t < exp else min(0.55, 0.1 + (t - exp) / (20 * MIN) * 0.45)

    def emqx_hook(t, pod, cid, peer):
        if t >= exp and w.rng.random() < 0.6:
            if w.rng.random() < 0.85:
                return ("notice", "supervisor: 'esockd_connection_sup - <0.%d.0>', errorContext: connection_shutdown, reason: {ssl_error,{tls_alert,{certificate_expired,\"TLS server: In state certify at ssl_handshake.erl:2111 generated SERVER ALERT: Fatal - Certificate Expired\\n\"}}}, offender: [{id,connection_shutdown},{peername,%s}]" % (w.rng.randrange(4000, 99999), peer))
            return ("warning", "listener: ssl:default, peername: %s, msg: ssl_handshake_failed, reason: certificate_expired, issuer: CN=Hearthly Device CA G2,O=Hearthly Inc." % peer)
        return None

    def api_hook(t, m, p, st, lat):
        if "/commands" in p and w.rng.random() < frac(t):
            return (504, 10.0 + w.rng.random(), {"msg": "command delivery timed out: device_offline"})
        if "/state" in p and w.rng.random() < frac(t):
            return (200, lat, {"msg": "device state stale: device_offline lastSeen>5m"})
        return None

    def push_hook(t, kind):
        if t > exp + 5 * MIN and w.rng.random() < frac(t):
            return (204, 0.08, [("INFO", "INFO push.sender: sent device_offline to user=u_%s message=projects/%s/messages/0:17%011d" % (w.hx(8), P, w.rng.randrange(10 ** 11)))])
        return None

    def auth_mult(t):
        return 1.0 - frac(t) * 0.8

    standard_bg(w, emqx=0.9, hooks={"emqx": emqx_hook, "api": api_hook, "push": push_hook, "auth_mult": auth_mult,
                                    "push_mult": lambda t: 1 + 3 * frac(t)})
    # quiet cert-monitor CronJob warnings (INFO/WARNING), once before and once after expiry
    for t, msg, sev in [(parse("2025-10-14T06:30:04Z"), "cert-expiry-check: CN=Hearthly Device CA G2 (serial 4f:1a:9c:...:02) notAfter=2025-10-14T06:42:00Z remains in mqtt listener cacertfile; issued device certs chaining to it: 1,184,302", "WARNING"),
                         (parse("2025-10-14T07:00:03Z"), "cert-expiry-check: CN=Hearthly Device CA G2 notAfter=2025-10-14T06:42:00Z is EXPIRED; device certs chaining to it will be rejected by the TLS listener", "WARNING")]:
        w.add(t, w.k8s_res(STD, "mqtt", "cert-monitor-29341%03d-%s" % (t // MIN % 1000, w.an(5)), "cert-monitor"), "stdout", sev,
              js={"severity": sev, "message": msg, "component": "cert-monitor"})
    # connection gauge lines from emqx stats exporter
    for i, t in enumerate(range(w.start + 30 * S, w.end, 60 * S)):
        conns = int(1840000 * (1 - 0.62 * frac(t)) + w.rng.randrange(-3000, 3000))
        w.add(t, w.k8s_res(STD, "mqtt", "emqx-core-0", "emqx"), "stdout", "INFO",
              text=emqx_line(w, t, "info", "msg: stats_snapshot, connections.count: %d, live_connections.count: %d, sessions.count: %d" % (conns, conns - 2100, conns + 88000)))
    # distractor: cert-manager ACME rate limit for an internal dashboard
    for t in w.times(1 / 45.0):
        w.add(t, w.k8s_res(STD, "cert-manager", "cert-manager-6f8d9c7b5-p2w4x", "cert-manager-controller"), "stderr", "ERROR",
              text="E%s       1 sync.go:190] \"error while creating Order\" err=\"429 urn:ietf:params:acme:error:rateLimited: Error creating new order :: too many certificates (5) already issued for this exact set of domains in the last 168 hours: grafana.internal.hearthly.io\" logger=\"cert-manager.controller\" resource_name=\"grafana-internal-tls-1-2971035631\" resource_namespace=\"monitoring\"" % klog_ts(t))
    truth = {
        "title": "MQTT TLS listener rejects devices whose client certs chain to the expired intermediate 'Hearthly Device CA G2'",
        "root_cause": {"evidence": ["Certificate Expired", "Device CA G2"], "category": "certificate",
                       "must_mention": ["Device CA G2", "expired"]},
        "symptoms": [{"evidence": "device_offline"}, {"evidence": "command delivery timed out"}],
        "distractors": [{"evidence": "acme:error:rateLimited"}],
        "priority": "P1"}
    return w, truth


def inc02(out):
    """telemetry-ingest release switches to a time-prefixed Bigtable row key -> hotspot."""
    w = W("iot-bigtable-rowkey-hotspot", 2702, "2025-10-16T13:05:00Z", "2025-10-16T13:55:00Z")
    roll = parse("2025-10-16T13:12:30Z")
    newpods = ["telemetry-ingest-84b6cd5f9-%s" % s for s in ("dd2kq", "n6mfx", "r8wpl", "zz4cb")]
    sev_at = lambda t: 0 if t < roll + 2 * MIN else min(1.0, (t - roll - 2 * MIN) / (15 * MIN))

    def ingest_hook(t, pod):
        if t >= roll:
            return "skip"
        return None
    bg_ingest(w, hook=ingest_hook)

    def new_ingest(t, pod):
        s = sev_at(t)
        if t < roll + 30 * S:
            return "skip"
        lat = int(40 + s * w.rng.randrange(2000, 9000))
        lines = []
        if s > 0.35 and w.rng.random() < s * 0.6:
            lines.append(("WARNING", "%s  WARN 1 --- [ingest-writer-%d] c.h.t.ingest.BatchWriter : MutateRows attempt %d failed, retrying in %dms: DEADLINE_EXCEEDED: deadline exceeded after 9.99s (table=telemetry, rows=500)" % (fmt_sp(t), w.rng.randrange(1, 9), w.rng.randrange(1, 4), w.rng.randrange(200, 1600))))
        if s > 0.6 and w.rng.random() < 0.35:
            lines.append(("WARNING", "%s  WARN 1 --- [subscriber-2] c.h.t.ingest.SubscriberLoop : flow control: outstanding messages limit (10000) reached, pausing pull; subscription=telemetry-ingest-sub backlogSec=%d" % (fmt_sp(t), int(60 + s * 900 + w.rng.randrange(60)))))
        lines.append(("INFO", "%s  INFO 1 --- [ingest-writer-%d] c.h.t.ingest.BatchWriter : wrote batch table=telemetry rows=%d latencyMs=%d" % (fmt_sp(t), w.rng.randrange(1, 9), w.rng.randrange(380, 520), lat)))
        return lines
    bg_ingest(w, hook=new_ingest, pods=newpods)
    # rollout: k8s audit + pod starts + the startup line naming the row key strategy
    audit(w, roll, "k8s.io", "io.k8s.apps.v1.deployments.patch", "apps/v1/namespaces/telemetry/deployments/telemetry-ingest",
          "ci-deployer@hearthly-prod.iam.gserviceaccount.com", "k8s_cluster", {"cluster_name": STD, "location": REGION},
          request={"spec": {"template": {"spec": {"containers": [{"name": "ingest", "image": "us-docker.pkg.dev/hearthly-prod/apps/telemetry-ingest:3.8.0"}]}}}},
          ua="argocd-application-controller/v2.12.4")
    for i, pod in enumerate(newpods):
        t = roll + (5 + 22 * i) * S
        k8s_event(w, t, STD, "telemetry", pod, "Pulled", "Successfully pulled image \"us-docker.pkg.dev/hearthly-prod/apps/telemetry-ingest:3.8.0\" in 3.2s", typ="Normal")
        k8s_event(w, t + S, STD, "telemetry", pod, "Started", "Started container ingest", typ="Normal")
        res = w.k8s_res(STD, "telemetry", pod, "ingest")
        lab = {"k8s-pod/app": "telemetry-ingest"}
        for j, ln in enumerate([
                "%s  INFO 1 --- [main] c.h.t.IngestApplication : Starting IngestApplication v3.8.0 using Java 21.0.4 with PID 1",
                "%s  INFO 1 --- [main] c.h.t.ingest.RowKeyStrategyFactory : Bigtable row key strategy: TIME_PREFIXED format={epochMinute}#{deviceId}#{metric} (was DEVICE_PREFIXED {deviceId}#{reverseTs}) table=telemetry",
                "%s  INFO 1 --- [main] c.g.c.b.d.BigtableDataSettings : Connecting to projects/hearthly-prod/instances/hl-telemetry app profile ingest-single-cluster",
                "%s  INFO 1 --- [main] c.h.t.IngestApplication : Started IngestApplication in 6.912 seconds (process running for 7.48)"]):
            w.add(t + 2 * S + j * 900000, res, "stdout", "INFO", text=ln % fmt_sp(t + 2 * S + j * 900000), labels=lab)
    for i, pod in enumerate(INGEST_PODS):
        k8s_event(w, roll + (30 + 22 * i) * S, STD, "telemetry", pod, "Killing", "Stopping container ingest", typ="Normal")

    def api_hook(t, m, p, st, lat):
        s = sev_at(t)
        if "telemetry?range" in p and s > 0.2:
            if w.rng.random() < s * 0.4:
                return (504, 30.0 + w.rng.random(), {"msg": "bigtable ReadRows deadline exceeded"})
            return (200, lat + s * w.rng.random() * 6, {})
        return None

    def rules_hook(t):
        s = sev_at(t)
        if s > 0.4 and w.rng.random() < 0.3:
            return [("DEFAULT", "[%s] WARNING rules.runner: state_change trigger evaluated late: event age %ds > 60s (automation a_%s)" % (fmt_sp(t).replace(".", ","), int(s * 700 + w.rng.randrange(30)), w.hx(5)))]
        if w.rng.random() < 0.05:
            tt = t
            return [("ERROR", "Traceback (most recent call last):"),
                    ("ERROR", '  File "/app/rules/conditions.py", line 144, in evaluate'),
                    ("ERROR", "    mode = state['thermostat_mode']"),
                    ("ERROR", "KeyError: 'thermostat_mode'")]
        return None
    standard_bg(w, ingest=False, hooks={"api": api_hook, "rules": rules_hook})
    truth = {
        "title": "telemetry-ingest 3.8.0 switched Bigtable row keys to a time prefix, hotspotting one tablet; writes time out and Pub/Sub backlog grows",
        "root_cause": {"evidence": ["TIME_PREFIXED"], "category": "code-bug",
                       "must_mention": ["row key", "telemetry-ingest", "3.8.0"]},
        "symptoms": [{"evidence": "DEADLINE_EXCEEDED: deadline exceeded"}, {"evidence": "outstanding messages limit"},
                     {"evidence": "evaluated late"}],
        "distractors": [{"evidence": "KeyError: 'thermostat_mode'"}],
        "priority": "P2"}
    return w, truth


def inc03(out):
    """Human edits EMQX file authz ConfigMap; deny rule placed above allow -> device publishes refused."""
    w = W("iot-emqx-acl-deny-publish", 2703, "2025-10-21T15:00:00Z", "2025-10-21T15:50:00Z")
    ch = parse("2025-10-21T15:11:42Z")
    rel = ch + 38 * S

    def emqx_hook(t, pod, cid, peer):
        if t >= rel and w.rng.random() < 0.7:
            return ("warning", "clientid: %s, peername: %s, username: %s, msg: cannot_publish_to_topic_due_to_not_authorized, reason: not_authorized, topic: hl/%s/state" % (cid, peer, cid, cid))
        if w.rng.random() < 0.08:
            fc = "hl-hl-plug1-%s" % w.rng.choice(["0a1b22c3", "0a1b22c4", "0a1b22d9"])
            return ("warning", "clientid: %s, peername: %s, msg: flapping_detected, connect_count: %d, window_time: 60000" % (fc, peer, w.rng.randrange(15, 40)))
        return None
    audit(w, ch, "k8s.io", "io.k8s.core.v1.configmaps.update", "core/v1/namespaces/mqtt/configmaps/emqx-authz-acl",
          "dmitri.k@hearthly.io", "k8s_cluster", {"cluster_name": STD, "location": REGION},
          request={"data": {"acl.conf": "{allow, {username, {re, \"^svc-\"}}, all, [\"#\"]}.\n{deny, all, publish, [\"hl/+/state\", \"hl/+/telemetry\"]}.\n{allow, {clientid, {re, \"^hl-\"}}, publish, [\"hl/${clientid}/#\"]}.\n{allow, all, subscribe, [\"hl/${clientid}/cmd/#\"]}.\n{deny, all}.\n"}},
          ua="kubectl/v1.30.5 (linux/amd64) kubernetes/74e84a9")
    for i, pod in enumerate(EMQX_PODS):
        t = rel + i * 2 * S
        w.add(t, w.k8s_res(STD, "mqtt", pod, "emqx"), "stdout", "INFO",
              text=emqx_line(w, t, "notice", "msg: authz_source_reloaded, type: file, path: /opt/emqx/etc/acl/emqx-authz-acl/acl.conf, rules: 5"),
              labels={"k8s-pod/app_kubernetes_io/name": "emqx"})
    drop = lambda t: 0.15 if t >= rel + 20 * S else 1.0

    def ingest_hook(t, pod):
        if t >= rel + 20 * S:
            if w.rng.random() < 0.5:
                return [("WARNING", "%s  WARN 1 --- [subscriber-1] c.h.t.ingest.SubscriberLoop : low input rate: %d msgs in last 60s on telemetry-ingest-sub (expected >20000)" % (fmt_sp(t), w.rng.randrange(40, 900)))]
            return [("INFO", "%s  INFO 1 --- [ingest-writer-%d] c.h.t.ingest.BatchWriter : wrote batch table=telemetry rows=%d latencyMs=%d" % (fmt_sp(t), w.rng.randrange(1, 9), w.rng.randrange(3, 40), w.rng.randrange(5, 15)))]
        return None

    def api_hook(t, m, p, st, lat):
        if t > rel + 3 * MIN and "/state" in p and w.rng.random() < 0.8:
            return (200, lat, {"msg": "device state stale: lastReport>180s, reporting unknown"})
        return None

    def rules_hook(t):
        if t > rel + 2 * MIN and w.rng.random() < 0.6:
            return [("DEFAULT", "[%s] WARNING rules.runner: no state events received for home h_%s in 120s; skipping state_change triggers" % (fmt_sp(t).replace(".", ","), w.hx(6)))]
        return None
    standard_bg(w, emqx=1.0, hooks={"emqx": emqx_hook, "ingest": ingest_hook, "api": api_hook, "rules": rules_hook})
    truth = {
        "title": "Hand edit of the EMQX file-authz ConfigMap put a deny rule above the device allow; devices stay connected but cannot publish state/telemetry",
        "root_cause": {"evidence": ["configmaps/emqx-authz-acl", "authz_source_reloaded"], "category": "configuration",
                       "must_mention": ["acl", "publish", "deny"]},
        "symptoms": [{"evidence": "cannot_publish_to_topic_due_to_not_authorized"}, {"evidence": "low input rate"},
                     {"evidence": "device state stale"}],
        "distractors": [{"evidence": "flapping_detected"}],
        "priority": "P1"}
    return w, truth


def inc04(out):
    """conntrack table full on MQTT node pool at evening peak (window opens already under way)."""
    w = W("iot-mqtt-node-conntrack-full", 2704, "2025-10-28T19:20:00Z", "2025-10-28T20:00:00Z")
    bad = MQTT_NODES[:2]
    sev = lambda t: 0.7 + 0.3 * ((t - w.start) / (40 * MIN))
    for node in bad:
        t = w.start + w.rng.randrange(3 * S)
        while t < w.end:
            w.add(t, w.node_res(STD, node), "kernel", "WARNING" if w.rng.random() < 0.9 else "ERROR",
                  text="[%d.%06d] nf_conntrack: nf_conntrack: table full, dropping packet" % (4118000 + (t - w.start) // S, w.rng.randrange(10 ** 6)))
            if w.rng.random() < 0.08:
                w.add(t + 1, w.node_res(STD, node), "kernel", "WARNING",
                      text="[%d.%06d] net_ratelimit: %d callbacks suppressed" % (4118000 + (t - w.start) // S, w.rng.randrange(10 ** 6), w.rng.randrange(40, 900)))
            t += int(w.rng.expovariate(0.9 * sev(t)) * S) + 1
    # node-problem-detector style summary
    for node in bad:
        for t in range(w.start + 90 * S, w.end, 10 * MIN):
            w.add(t, w.node_res(STD, node), "node-problem-detector", "WARNING",
                  text="I%s    2204 log_monitor.go:160] New status generated: &{Source:kernel-monitor Events:[{Severity:warn Timestamp:%s Reason:ConntrackFull Message:Conntrack table full}] Conditions:[]}" % (klog_ts(t), fmt(t)[:19] + "Z"))
    # readiness probe failures for emqx pods on the bad nodes
    for t in w.times(0.05):
        pi = w.rng.randrange(2)
        pod = EMQX_PODS[pi]
        kubelet(w, t, STD, bad[pi], "\"Probe failed\" probeType=\"Readiness\" pod=\"mqtt/%s\" podUID=\"%s\" containerName=\"emqx\" probeResult=\"failure\" output=\"Get \\\"http://10.52.%d.%d:18083/api/v5/status\\\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)\"" % (
            pod, "7c1f0e2a-" + w.hx(4) + "-" + w.hx(4) + "-" + w.hx(12), pi + 1, 14), src="prober.go", line=107)

    def emqx_hook(t, pod, cid, peer):
        if pod in EMQX_PODS[:2] and w.rng.random() < 0.55:
            if w.rng.random() < 0.6:
                return ("warning", "clientid: %s, peername: %s, msg: socket_force_closed, reason: keepalive_timeout" % (cid, peer))
            return ("warning", "clientid: %s, peername: %s, msg: connection_timeout_before_connect_packet, timeout: 15000" % (cid, peer))
        return None

    def api_hook(t, m, p, st, lat):
        if "/commands" in p and w.rng.random() < 0.45:
            return (504, 10.0 + w.rng.random(), {"msg": "command delivery timed out: device_offline"})
        return None
    standard_bg(w, api=2.6, emqx=1.3, hooks={"emqx": emqx_hook, "api": api_hook, "auth_mult": lambda t: 2.5})
    # distractor: debug pod with a bad image tag on the same cluster
    for t in w.times(1 / 40.0):
        pod = "hl-debug-toolbox-5c8b7d9f6d-w7t2k"
        k8s_event(w, t, STD, "default", pod, "Failed", "Failed to pull image \"us-docker.pkg.dev/hearthly-prod/tools/hl-debug-toolbox:latest\": rpc error: code = NotFound desc = failed to pull and unpack image: not found", host=MQTT_NODES[2])
        k8s_event(w, t + 2 * S, STD, "default", pod, "BackOff", "Back-off pulling image \"us-docker.pkg.dev/hearthly-prod/tools/hl-debug-toolbox:latest\"", host=MQTT_NODES[2])
    truth = {
        "title": "Connection-tracking table full on two MQTT node-pool nodes at evening peak; new device connections and probes are dropped",
        "root_cause": {"evidence": ["nf_conntrack: table full"], "category": "resource-exhaustion",
                       "must_mention": ["conntrack", "mqtt-pool"]},
        "symptoms": [{"evidence": "connection_timeout_before_connect_packet"}, {"evidence": "Client.Timeout exceeded while awaiting headers"},
                     {"evidence": "command delivery timed out"}],
        "distractors": [{"evidence": "hl-debug-toolbox"}],
        "priority": "P1"}
    return w, truth


def inc05(out):
    """Autopilot delta-builder Jobs evicted: bigger firmware 5.0 images exceed ephemeral-storage limit."""
    w = W("iot-ota-delta-builder-ephemeral-storage", 2705, "2025-11-05T02:00:00Z", "2025-11-05T02:45:00Z")
    models = ["HL-CAM3", "HL-HUB1", "HL-TH2", "HL-LOCK2"]
    t0 = parse("2025-11-05T02:03:00Z")
    for k, model in enumerate(models):
        job = "delta-build-%s-5-0-0" % model.lower()
        big = model in ("HL-CAM3", "HL-HUB1")
        t = t0 + k * 40 * S
        attempts = 4 if big else 1
        for a in range(attempts):
            pod = "%s-%s" % (job, w.an(5))
            res = w.k8s_res(AP, "ota", pod, "builder")
            lab = {"k8s-pod/job-name": job, "k8s-pod/batch_kubernetes_io/controller-uid": w.hx(8)}
            k8s_event(w, t, AP, "ota", pod, "Scheduled", "Successfully assigned ota/%s to gk3-iot-apps-ap-pool-2-%s-%s" % (pod, w.hx(8), w.an(4)), typ="Normal", component="gke.io/optimize-utilization-scheduler")
            steps = ["INFO:delta_builder:job start model=%s from=4.12.3 to=5.0.0 workdir=/tmp/work" % model,
                     "INFO:delta_builder:downloading gs://hl-firmware-prod/%s/4.12.3/fw.bin (%d MiB)" % (model, 610 if big else 38),
                     "INFO:delta_builder:downloading gs://hl-firmware-prod/%s/5.0.0/fw.bin (%d MiB)" % (model, 1420 if big else 44),
                     "INFO:delta_builder:running bsdiff (mem limit 6Gi)"]
            for j, s in enumerate(steps):
                w.add(t + (8 + j * 20) * S, res, "stderr", "ERROR", text=s, labels=lab)
            if big:
                te = t + 95 * S + w.rng.randrange(20) * S
                kubelet(w, te, AP, "gk3-iot-apps-ap-pool-2-%s" % w.hx(8), "\"Eviction manager: pods evicted, waiting for pod to be cleaned up\" pods=[\"ota/%s\"]" % pod, src="eviction_manager.go", line=368)
                k8s_event(w, te, AP, "ota", pod, "Evicted", "Pod ephemeral local storage usage exceeds the total limit of containers 1Gi. ")
                k8s_event(w, te + S, AP, "ota", pod, "Killing", "Stopping container builder", typ="Normal")
                t = te + (20 + 15 * (2 ** a)) * S
            else:
                w.add(t + 110 * S, res, "stderr", "ERROR", text="INFO:delta_builder:uploaded gs://hl-firmware-prod/%s/deltas/4.12.3-5.0.0.bsdiff (%d KiB)" % (model, w.rng.randrange(900, 3000)), labels=lab)
                k8s_event(w, t + 112 * S, AP, "ota", job, "Completed", "Job completed", kind="Job", typ="Normal", component="job-controller")
        if big:
            k8s_event(w, t, AP, "ota", job, "BackoffLimitExceeded", "Job has reached the specified backoff limit", kind="Job", component="job-controller")
    rollout = parse("2025-11-05T02:30:00Z")

    def ota_hook(t, model):
        if t > rollout and model in ("HL-CAM3", "HL-HUB1") and w.rng.random() < 0.8:
            return ("WARNING", {"level": "warn", "msg": "delta package missing, serving full image", "model": model, "from": "4.12.3", "to": "5.0.0", "object": "gs://hl-firmware-prod/%s/5.0.0/fw.bin" % model, "sizeMiB": 1420})
        if t > rollout and w.rng.random() < 0.4:
            return ("INFO", {"level": "info", "msg": "firmware check", "model": model, "current": "4.12.3", "channel": "stable", "update": True, "target": "5.0.0"})
        return None
    standard_bg(w, api=1.3, push=0.25, rules=0, hooks={"ota": ota_hook})
    sched(w, "fw-rollout-advance", 30, "https://ota-internal.hearthly.io/rollout/advance", offset=0)

    # distractor: rules-engine sunrise API timeouts
    def rules_hook(t):
        if w.rng.random() < 0.35:
            return [("DEFAULT", "[%s] WARNING rules.sun: sunrise lookup failed for home h_%s: HTTPSConnectionPool(host='api.sunrise-sunset.org', port=443): Read timed out. (read timeout=3.0); using cached value" % (fmt_sp(t).replace(".", ","), w.hx(6)))]
        return None
    bg_rules(w, 0.2, hook=rules_hook)
    truth = {
        "title": "Firmware 5.0 delta builds for HL-CAM3/HL-HUB1 evicted on Autopilot (ephemeral-storage 1Gi); devices get full images instead of deltas",
        "root_cause": {"evidence": ["ephemeral local storage usage exceeds"], "category": "resource-exhaustion",
                       "must_mention": ["ephemeral", "delta"]},
        "symptoms": [{"evidence": "BackoffLimitExceeded"}, {"evidence": "delta package missing"}],
        "distractors": [{"evidence": "api.sunrise-sunset.org"}],
        "priority": "P3"}
    return w, truth


def inc06(out):
    """Month rollover: device_events has no partition for November -> inserts fail."""
    w = W("iot-pg-missing-month-partition", 2706, "2025-10-31T23:40:00Z", "2025-11-01T00:25:00Z")
    mid = parse("2025-11-01T00:00:00Z")
    svc = "event-writer"
    url = "https://event-writer-7qk2lfa3ua-uc.a.run.app/pubsub/push"
    rate = lambda t: 2.4 if mid <= t < mid + 5 * MIN else 1.0
    for t in w.times(1.1, mult=rate):
        tr = w.hx(32)
        inst = "00f46b92" + w.hx(24)
        if t < mid:
            st, lat = 204, w.rng.lognormvariate(-3.5, 0.4)
        else:
            st, lat = 500, w.rng.lognormvariate(-3.2, 0.4)
        http = {"requestMethod": "POST", "requestUrl": url, "requestSize": str(w.rng.randrange(700, 1500)), "status": st,
                "responseSize": "0" if st == 204 else "71", "userAgent": "APIs-Google; (+https://developers.google.com/webmasters/APIs-Google.html)",
                "remoteIp": "66.102.7.%d" % w.rng.randrange(1, 250), "serverIp": "216.239.34.53", "latency": "%.6fs" % lat, "protocol": "HTTP/1.1"}
        w.add(t + int(lat * S), w.run_res(svc), "run.googleapis.com/requests", "INFO" if st < 400 else "ERROR", http=http, trace=tr, labels={"instanceId": inst})
        if t >= mid:
            ts = t + int(lat * S * 0.5)
            ev = w.rng.choice(["door_unlocked", "motion_detected", "device_online", "automation_ran", "alarm_armed"])
            pid = w.rng.randrange(200000, 260000)
            pg(w, ts, "ERROR", "ERROR:  no partition of relation \"device_events\" found for row", pid=pid, user="event_writer")
            pg(w, ts + 1, "ERROR", "DETAIL:  Partition key of the failing row contains (occurred_at) = (%s+00)." % fmt_sp(t), pid=pid, user="event_writer")
            pg(w, ts + 2, "ERROR", "STATEMENT:  INSERT INTO device_events (id, home_id, device_id, kind, occurred_at, payload) VALUES ($1, $2, $3, $4, $5, $6)", pid=pid, user="event_writer")
            w.add(ts + 3, w.run_res(svc), "run.googleapis.com/stdout", "ERROR",
                  js={"severity": "ERROR", "message": "insert device_event failed: pq: no partition of relation \"device_events\" found for row", "event": ev,
                      "homeId": "h_" + w.hx(6), "deliveryAttempt": w.rng.randrange(1, 6), "logging.googleapis.com/trace": tr}, trace=tr, labels={"instanceId": inst})
            if w.rng.random() < 0.05:
                w.add(ts + 4, w.run_res(svc), "run.googleapis.com/stdout", "WARNING",
                      js={"severity": "WARNING", "message": "message exceeded max delivery attempts (5); Pub/Sub will forward to dead-letter topic device-events-dlq", "event": ev}, trace=tr, labels={"instanceId": inst})
        elif w.rng.random() < 0.1:
            w.add(t + int(lat * S), w.run_res(svc), "run.googleapis.com/stdout", "INFO",
                  js={"severity": "INFO", "message": "inserted device_event", "event": w.rng.choice(["door_unlocked", "motion_detected", "device_online"])}, trace=tr, labels={"instanceId": inst})

    def api_hook(t, m, p, st, lat):
        if t > mid and "/events" in p:
            return (200, lat, {"msg": "events query returned 0 rows for current day"}) if w.rng.random() < 0.5 else None
        return None

    def auth_hook(t, cid):
        if mid - 9 * MIN < t < mid - 4 * MIN and w.rng.random() < 0.5:
            return ("ERROR", {"level": "error", "msg": "jwks refresh failed: Get \"https://www.googleapis.com/oauth2/v3/certs\": dial tcp 142.250.190.10:443: i/o timeout", "retry_in": "5s"})
        return None
    standard_bg(w, api=1.6, hooks={"api": api_hook, "auth": auth_hook, "api_mult": lambda t: 1.8 if mid <= t < mid + 3 * MIN else 1.0})
    # partition maintenance job: premake was 0, so it reports nothing to create; runs at 23:50 (INFO, quiet)
    sched(w, "pg-partition-maintenance", 60, "https://db-maint-7qk2lfa3ua-uc.a.run.app/partman/run", offset=50 * 60 - 3600 + 0)
    t = parse("2025-10-31T23:50:02Z")
    w.add(t, w.run_res("db-maint"), "run.googleapis.com/stdout", "INFO",
          js={"severity": "INFO", "message": "partman run_maintenance(p_analyze := false) finished", "parent_table": "public.device_events", "premake": 0, "partitions_created": 0, "duration_ms": 412})
    # midnight scheduled automations: surge in rules-engine + Cloud Run autoscale lines
    for i in range(6):
        w.add(mid + (4 + i * 3) * S, w.run_res("rules-engine"), "run.googleapis.com/varlog/system", "INFO",
              text="Starting new instance. Reason: AUTOSCALING - Instance started due to configured scaling factors (e.g. CPU utilization, request throughput, etc.) or no existing capacity for current traffic.")
    truth = {
        "title": "Month rollover: no November partition of device_events, so every event insert fails from 00:00 UTC and events go to the dead-letter topic",
        "root_cause": {"evidence": ["no partition of relation"], "category": "database",
                       "must_mention": ["partition", "device_events"]},
        "symptoms": [{"evidence": "insert device_event failed"}, {"evidence": "dead-letter topic device-events-dlq"},
                     {"evidence": "events query returned 0 rows"}],
        "distractors": [{"evidence": "jwks refresh failed"}],
        "priority": "P1"}
    return w, truth


def inc07(out):
    """Manual Memorystore failover test -> script cache empty -> EVALSHA NOSCRIPT in rate limiter (no EVAL fallback)."""
    w = W("iot-redis-noscript-after-failover", 2707, "2025-11-12T16:00:00Z", "2025-11-12T16:45:00Z")
    fo = parse("2025-11-12T16:09:20Z")
    done = fo + 26 * S
    fixed = parse("2025-11-12T16:38:00Z")
    audit(w, fo, "redis.googleapis.com", "google.cloud.redis.v1.CloudRedis.FailoverInstance",
          "projects/%s/locations/%s/instances/hl-cache-main" % (P, REGION), "priya.s@hearthly.io", "redis_instance",
          {"instance_id": "projects/%s/locations/%s/instances/hl-cache-main" % (P, REGION), "node_id": "", "region": REGION},
          request={"@type": "type.googleapis.com/google.cloud.redis.v1.FailoverInstanceRequest", "name": "projects/%s/locations/%s/instances/hl-cache-main" % (P, REGION), "dataProtectionMode": "LIMITED_DATA_LOSS"},
          ua="google-cloud-sdk gcloud/497.0.0 command/gcloud.redis.instances.failover")
    audit(w, done, "redis.googleapis.com", "google.cloud.redis.v1.CloudRedis.FailoverInstance",
          "projects/%s/locations/%s/instances/hl-cache-main" % (P, REGION), "priya.s@hearthly.io", "redis_instance",
          {"instance_id": "projects/%s/locations/%s/instances/hl-cache-main" % (P, REGION), "node_id": "", "region": REGION},
          response={"@type": "type.googleapis.com/google.cloud.redis.v1.Instance", "state": "READY", "currentLocationId": "us-central1-b"}, sev="NOTICE",
          extra={"metadata": {"operation": "last"}})

    def api_hook(t, m, p, st, lat):
        if fo <= t < done and w.rng.random() < 0.3:
            return (503, 1.0 + w.rng.random(), {"msg": "redis connection lost: ECONNRESET, reconnecting"})
        if done <= t < fixed and not p.startswith("/v1/me"):
            if w.rng.random() < 0.93:
                return (500, 0.006 + w.rng.random() * 0.01, {"msg": "rate limiter failed: ReplyError: NOSCRIPT No matching script. Please use EVAL."})
        return None
    standard_bg(w, api=2.2, hooks={"api": api_hook})
    # Node stack traces (stderr, one line per entry) for a sample of the failures
    for t in w.times(0.08, t0=done, t1=fixed):
        inst = {"instanceId": "00f46b92" + w.hx(24)}
        for i, ln in enumerate(["ReplyError: NOSCRIPT No matching script. Please use EVAL.",
                                "    at parseError (/app/node_modules/redis-parser/lib/parser.js:179:12)",
                                "    at parseType (/app/node_modules/redis-parser/lib/parser.js:302:14)",
                                "    at SlidingWindowLimiter.consume (/app/src/middleware/ratelimit.js:58:31)",
                                "    at async rateLimit (/app/src/middleware/ratelimit.js:91:20)"]):
            w.add(t + i, w.run_res("device-api"), "run.googleapis.com/stderr", "ERROR", text=ln, labels=inst)
    for t, msg in [(done + 3 * S, "redis ready: connected to 10.24.0.3:6379 (role=master)"),
                   (fixed, "ratelimit: script cache miss handled, loaded sliding_window.lua sha=4f9e1c2b7d0a"),
                   (fixed - 80 * S, "manual action: SCRIPT LOAD issued by on-call (priya.s)")]:
        w.add(t, w.run_res("device-api"), "run.googleapis.com/stdout", "INFO",
              js={"level": "info", "time": t // 1000, "pid": 1, "hostname": "localhost", "msg": msg}, labels={"instanceId": "00f46b92" + w.hx(24)})
    # distractor: Bigtable RST_STREAM retries in telemetry-ingest
    for t in w.times(1 / 25.0):
        w.add(t, w.k8s_res(STD, "telemetry", w.rng.choice(INGEST_PODS), "ingest"), "stdout", "WARNING",
              text="%s  WARN 1 --- [grpc-default-executor-%d] c.g.c.b.g.i.RetryingMutateRowsCallable : Retrying MutateRows after UNAVAILABLE: HTTP/2 error code: INTERNAL_ERROR Received Rst Stream (attempt 1)" % (fmt_sp(t), w.rng.randrange(1, 12)))
    truth = {
        "title": "Manual Memorystore failover emptied the Lua script cache; device-api rate limiter calls EVALSHA with no EVAL fallback and fails almost every request",
        "root_cause": {"evidence": ["NOSCRIPT No matching script", "FailoverInstance"], "category": "code-bug",
                       "must_mention": ["NOSCRIPT", "failover", "rate limit"]},
        "symptoms": [{"evidence": "rate limiter failed"}, {"evidence": "ECONNRESET"}],
        "distractors": [{"evidence": "Received Rst Stream"}],
        "priority": "P1"}
    return w, truth


def inc08(out):
    """Secret version pinned by push-notifier disabled during cleanup; new instances crash at start."""
    w = W("iot-fcm-secret-version-disabled", 2708, "2025-11-18T14:00:00Z", "2025-11-18T14:50:00Z")
    dis = parse("2025-11-18T14:06:31Z")
    sname = "projects/%s/secrets/fcm-sa-key/versions/7" % PNUM
    audit(w, dis, "secretmanager.googleapis.com", "google.cloud.secretmanager.v1.SecretManagerService.DisableSecretVersion",
          sname, "alice.w@hearthly.io", "audited_resource", {"method": "google.cloud.secretmanager.v1.SecretManagerService.DisableSecretVersion", "service": "secretmanager.googleapis.com"},
          request={"@type": "type.googleapis.com/google.cloud.secretmanager.v1.DisableSecretVersionRequest", "name": sname},
          ua="Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) Chrome/131.0,gzip(gfe)")
    audit(w, dis - 4 * MIN, "secretmanager.googleapis.com", "google.cloud.secretmanager.v1.SecretManagerService.DisableSecretVersion",
          "projects/%s/secrets/mqtt-bridge-password/versions/3" % PNUM, "alice.w@hearthly.io", "audited_resource",
          {"method": "google.cloud.secretmanager.v1.SecretManagerService.DisableSecretVersion", "service": "secretmanager.googleapis.com"},
          request={"@type": "type.googleapis.com/google.cloud.secretmanager.v1.DisableSecretVersionRequest", "name": "projects/%s/secrets/mqtt-bridge-password/versions/3" % PNUM},
          ua="Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) Chrome/131.0,gzip(gfe)")
    # capacity of push-notifier falls as old instances are retired; scale-out attempts crash
    cap = lambda t: 1.0 if t < dis + 4 * MIN else max(0.0, 1.0 - (t - dis - 4 * MIN) / (14 * MIN))
    starts = w.times(1 / 50.0, t0=dis + 2 * MIN)
    for t in starts:
        inst = {"instanceId": "00f46b92" + w.hx(24)}
        res = w.run_res("push-notifier")
        w.add(t, res, "run.googleapis.com/varlog/system", "INFO", text="Starting new instance. Reason: AUTOSCALING - Instance started due to configured scaling factors (e.g. CPU utilization, request throughput, etc.) or no existing capacity for current traffic.", labels=inst)
        tb = ["Traceback (most recent call last):",
              '  File "/usr/local/lib/python3.12/site-packages/google/api_core/grpc_helpers.py", line 76, in error_remapped_callable',
              "    return callable_(*args, **kwargs)",
              "grpc._channel._InactiveRpcError: <_InactiveRpcError of RPC that terminated with:",
              "\tstatus = StatusCode.FAILED_PRECONDITION",
              "\tdetails = \"Secret Version [%s] is in DISABLED state.\"" % sname,
              ">",
              "",
              "The above exception was the direct cause of the following exception:",
              "",
              "Traceback (most recent call last):",
              '  File "/app/main.py", line 14, in <module>',
              "    creds = load_fcm_credentials(os.environ[\"FCM_KEY_VERSION\"])",
              '  File "/app/push/creds.py", line 22, in load_fcm_credentials',
              "    resp = client.access_secret_version(name=f\"projects/{PROJECT}/secrets/fcm-sa-key/versions/{version}\")",
              "google.api_core.exceptions.FailedPrecondition: 400 Secret Version [%s] is in DISABLED state." % sname]
        for i, ln in enumerate(tb):
            if ln == "":
                continue
            w.add(t + 2 * S + i, res, "run.googleapis.com/stderr", "ERROR", text=ln, labels=inst)
        w.add(t + 3 * S, res, "run.googleapis.com/varlog/system", "ERROR", text="Container called exit(1).", labels=inst)
        w.add(t + 3 * S + 5, res, "run.googleapis.com/varlog/system", "ERROR",
              text="Default STARTUP TCP probe failed 1 time consecutively for container \"push-notifier-1\" on port 8080. The instance was not started.", labels=inst)

    def push_hook(t, kind):
        if w.rng.random() > cap(t):
            return (429, 0.002, [])
        return None
    standard_bg(w, push=0.8, hooks={"push": push_hook})
    # Cloud Run text for the 429s comes from the platform, not the app: put it on the request log's neighbour
    for t in w.times(0.15, t0=dis + 6 * MIN):
        if w.rng.random() > cap(t):
            w.add(t, w.run_res("push-notifier"), "run.googleapis.com/requests", "ERROR",
                  text="The request was aborted because there was no available instance. Additional troubleshooting documentation can be found at: https://cloud.google.com/run/docs/troubleshooting#abort-request")
    # backlog warnings from a monitor job
    for t in range(w.start + 60 * S, w.end, 120 * S):
        if t > dis + 10 * MIN:
            w.add(t, w.run_res("queue-monitor"), "run.googleapis.com/stdout", "WARNING",
                  js={"severity": "WARNING", "message": "subscription backlog high", "subscription": "push-notifications-sub",
                      "num_undelivered_messages": int(5000 + (t - dis) / MIN * 2100), "oldest_unacked_age_s": int((t - dis - 8 * MIN) / S)})
    # distractor: device-api deploy 14:22 and telemetry RST_STREAM noise
    run_deploy(w, parse("2025-11-18T14:22:10Z"), "device-api", "device-api-00318-wan", "ci-deployer@hearthly-prod.iam.gserviceaccount.com",
               "us-docker.pkg.dev/hearthly-prod/apps/device-api:2025.11.18-2")
    for t in w.times(1 / 30.0):
        w.add(t, w.k8s_res(STD, "telemetry", w.rng.choice(INGEST_PODS), "ingest"), "stdout", "WARNING",
              text="%s  WARN 1 --- [grpc-default-executor-%d] c.g.c.b.g.i.RetryingMutateRowsCallable : Retrying MutateRows after UNAVAILABLE: HTTP/2 error code: INTERNAL_ERROR Received Rst Stream (attempt 1)" % (fmt_sp(t), w.rng.randrange(1, 12)))
    truth = {
        "title": "Secret version fcm-sa-key/7, still pinned by push-notifier, was disabled in a cleanup; new instances crash at start and push delivery backs up",
        "root_cause": {"evidence": ["DisableSecretVersion", "is in DISABLED state"], "category": "configuration",
                       "must_mention": ["fcm-sa-key", "disabled", "push-notifier"]},
        "symptoms": [{"evidence": "no available instance"}, {"evidence": "subscription backlog high"},
                     {"evidence": "Container called exit(1)"}],
        "distractors": [{"evidence": "device-api:2025.11.18-2"}, {"evidence": "Received Rst Stream"}],
        "priority": "P2"}
    return w, truth


def inc09(out):
    """device-api deployed with --concurrency=1 (copy-paste from a batch service); max instances reached -> 429."""
    w = W("iot-device-api-concurrency-one", 2709, "2025-11-20T17:30:00Z", "2025-11-20T18:15:00Z")
    dep = parse("2025-11-20T17:37:40Z")
    cloudbuild(w, dep - 95 * S, "b7e1c9d2-4f0a-4d7e-9a61-" + w.hx(12), [
        "starting build \"b7e1c9d2\"",
        "Step #0 - \"build\": Successfully built 5d2f0e9a1c44",
        "Step #1 - \"push\": 2025.11.20-1: digest: sha256:%s size: 2417" % w.hx(64),
        "Step #2 - \"deploy\": Running: gcloud run deploy device-api --image=us-docker.pkg.dev/hearthly-prod/apps/device-api:2025.11.20-1 --region=us-central1 --concurrency=1 --max-instances=60 --cpu=1 --memory=512Mi",
        "Step #2 - \"deploy\": Deploying container to Cloud Run service [device-api] in project [hearthly-prod] region [us-central1]",
        "Step #2 - \"deploy\": Service [device-api] revision [device-api-00321-sox] has been deployed and is serving 100 percent of traffic.",
        "PUSH", "DONE"])
    run_deploy(w, dep, "device-api", "device-api-00321-sox", "ci-deployer@hearthly-prod.iam.gserviceaccount.com",
               "us-docker.pkg.dev/hearthly-prod/apps/device-api:2025.11.20-1", concurrency=1, maxinst=60)
    peak = lambda t: 1.0 + 0.6 * max(0, min(1, (t - w.start) / (25 * MIN)))
    sat = lambda t: 0.0 if t < dep + 60 * S else min(0.35, 0.05 + 0.30 * (t - dep - 60 * S) / (20 * MIN)) * peak(t)

    def api_hook(t, m, p, st, lat):
        if t >= dep + 60 * S:
            if w.rng.random() < sat(t):
                return (429, 0.001 + w.rng.random() * 0.01, {"no_backend": True, "details": "response_sent_by_backend"})
            return (st, lat + w.rng.random() * 1.2, {})
        return None
    # distractor: FCM per-device message rate exceeded for one chatty camera
    def push_hook(t, kind):
        if w.rng.random() < 0.15:
            return (204, 0.05, [("WARNING", "WARNING push.sender: FCM send failed for device=d_7be01c44a2 (HL-CAM3): 429 RESOURCE_EXHAUSTED Message rate exceeded for this device token (QUOTA_EXCEEDED); dropping motion_detected")])
        return None
    standard_bg(w, api=2.3, push=0.4, hooks={"api": api_hook, "api_mult": peak, "push": push_hook})
    for t in w.times(0.5, t0=dep + 60 * S, mult=lambda t: sat(t) / 0.5):
        w.add(t, w.run_res("device-api"), "run.googleapis.com/requests", "ERROR",
              text="The request was aborted because there was no available instance. Additional troubleshooting documentation can be found at: https://cloud.google.com/run/docs/troubleshooting#abort-request")
    for t in w.times(0.25, t0=dep + 20 * S, t1=dep + 8 * MIN):
        w.add(t, w.run_res("device-api"), "run.googleapis.com/varlog/system", "INFO",
              text="Starting new instance. Reason: AUTOSCALING - Instance started due to configured scaling factors (e.g. CPU utilization, request throughput, etc.) or no existing capacity for current traffic.")
    # mobile clients back off and retry; partner sync sees 429
    for t in w.times(0.08, t0=dep + 2 * MIN):
        w.add(t, w.k8s_res(AP, "partners", "partner-sync-5f7c9b8d6-tk2mn", "partner-sync"), "stdout", "WARNING",
              js={"severity": "WARNING", "message": "upstream api.hearthly.io returned HTTP 429 Too Many Requests, backing off", "partner": w.rng.choice(["alarmco", "propman-east", "insureguard"]), "backoff_ms": w.rng.choice([500, 1000, 2000, 4000])})

    truth = {
        "title": "device-api redeployed with --concurrency=1; instances cap out at max-instances and Cloud Run rejects requests with 429",
        "root_cause": {"evidence": ["--concurrency=1"], "category": "configuration",
                       "must_mention": ["concurrency", "device-api"]},
        "symptoms": [{"evidence": "no available instance"}, {"evidence": "HTTP 429 Too Many Requests"}],
        "distractors": [{"evidence": "Message rate exceeded for this device token"}],
        "priority": "P2"}
    return w, truth


def inc10(out):
    """Cloud Armor rate-based ban added per client IP; carrier-NAT mobile users and a partner are banned."""
    w = W("iot-cloud-armor-rate-ban", 2710, "2025-11-25T18:00:00Z", "2025-11-25T18:45:00Z")
    add = parse("2025-11-25T18:07:15Z")
    audit(w, add, "compute.googleapis.com", "v1.compute.securityPolicies.addRule", "projects/%s/global/securityPolicies/hl-api-edge" % P,
          "sec-eng.marco@hearthly.io", "gce_security_policy", {"policy_name": "hl-api-edge", "security_policy_id": "5582130041920173112"},
          request={"@type": "type.googleapis.com/compute.securityPolicies.addRule", "priority": 900, "action": "rate_based_ban",
                   "match": {"versionedExpr": "SRC_IPS_V1", "config": {"srcIpRanges": ["*"]}},
                   "rateLimitOptions": {"conformAction": "allow", "exceedAction": "deny(429)", "enforceOnKey": "IP",
                                        "rateLimitThreshold": {"count": 60, "intervalSec": 60}, "banDurationSec": 600,
                                        "banThreshold": {"count": 120, "intervalSec": 60}},
                   "description": "credential-stuffing mitigation INC-4471"},
          ua="google-cloud-sdk gcloud/497.0.0 command/gcloud.compute.security-policies.rules.create")
    nat_ips = ["172.58.%d.%d" % (w.rng.randrange(256), w.rng.randrange(1, 255)) for _ in range(14)] + ["100.38.12.7", "208.54.44.%d" % w.rng.randrange(1, 250)]
    partner_ip = "34.75.19.201"
    pol = {"name": "hl-api-edge", "priority": 900, "configuredAction": "RATE_BASED_BAN", "outcome": "DENY",
           "rateLimitAction": {"key": "", "outcome": "BAN_THRESHOLD_EXCEED"}}

    def api_hook(t, m, p, st, lat):
        if t >= add + 40 * S:
            r = w.rng.random()
            if r < 0.18:
                rip = w.rng.choice(nat_ips)
                pp = dict(pol, rateLimitAction={"key": rip, "outcome": "RATE_LIMIT_THRESHOLD_EXCEED" if w.rng.random() < 0.4 else "BAN_THRESHOLD_EXCEED"})
                return (429, 0.0004, {"no_backend": True, "rip": rip, "details": "denied_by_security_policy", "policy": pp})
            if r < 0.24:
                pp = dict(pol, rateLimitAction={"key": partner_ip, "outcome": "BAN_THRESHOLD_EXCEED"})
                return (429, 0.0004, {"no_backend": True, "rip": partner_ip, "ua": "Hearthly-Partner-Sync/2.3 (+https://hearthly.io/partners)", "details": "denied_by_security_policy", "policy": pp})
        return None
    standard_bg(w, api=2.4, hooks={"api": api_hook})
    for t in w.times(0.1, t0=add + 60 * S):
        w.add(t, w.k8s_res(AP, "partners", "partner-sync-5f7c9b8d6-tk2mn", "partner-sync"), "stdout", "WARNING",
              js={"severity": "WARNING", "message": "upstream api.hearthly.io returned HTTP 429 Too Many Requests, backing off", "partner": "propman-east", "backoff_ms": w.rng.choice([4000, 8000, 16000, 32000])})
    for t in w.times(0.02, t0=add + 5 * MIN):
        w.add(t, w.run_res("support-inbox"), "run.googleapis.com/stdout", "INFO",
              js={"severity": "INFO", "message": "ticket created", "subject": w.rng.choice(["App says 'Too many requests' on LTE", "Can't control lights away from home", "Property dashboard sync failing 429", "app stuck on loading when not on wifi"]), "ticket": "Z-%d" % w.rng.randrange(80000, 90000)})
    # distractor: preconfigured WAF rule denying a scanner (403)
    scan_ip = "45.148.10.%d" % w.rng.randrange(1, 250)
    for t in w.times(0.5):
        path = w.rng.choice(["/v1/me?id=1%27%20OR%20%271%27=%271", "/v1/homes/1 UNION SELECT null,version()--/devices", "/.env", "/wp-login.php", "/v1/devices/%27;DROP%20TABLE%20x;--/state"])
        lb(w, t, "GET", path, 403, 0.0003, ua="sqlmap/1.8.2#stable (https://sqlmap.org)", rip=scan_ip, details="denied_by_security_policy",
           policy={"name": "hl-api-edge", "priority": 1000, "configuredAction": "DENY", "outcome": "DENY", "preconfiguredExprIds": ["owasp-crs-v030301-id942100-sqli"], "matchedFieldName": "sqli-v33-stable"})
    truth = {
        "title": "New Cloud Armor rate_based_ban rule (60 req/min per IP) bans mobile users behind carrier NAT and a property-manager partner with 429s",
        "root_cause": {"evidence": ["securityPolicies.addRule", "RATE_BASED_BAN"], "category": "configuration",
                       "must_mention": ["rate", "Cloud Armor", "429"]},
        "symptoms": [{"evidence": "HTTP 429 Too Many Requests"}, {"evidence": "Too many requests"}],
        "distractors": [{"evidence": "sqli-v33-stable"}],
        "priority": "P2"}
    return w, truth


def inc11(out):
    """Contract-manufacturer batch shipped with duplicated serials; onboarding claims for that batch fail."""
    w = W("iot-onboarding-duplicate-serials", 2711, "2025-12-02T09:00:00Z", "2025-12-02T09:50:00Z")
    svc = "provisioning"
    for t in w.times(0.09):
        inst = {"instanceId": "00f46b92" + w.hx(24)}
        res = w.run_res(svc)
        dup = w.rng.random() < 0.42
        model = "HL-TH2" if dup else w.rng.choice(MODELS)
        serial = "HL-TH2-00%d" % w.rng.randrange(41000, 42200) if dup else "%s-0%d" % (model, w.rng.randrange(100000, 999999))
        tr = lb(w, t, "POST", "/v1/devices/claim", 409 if dup else 201, w.rng.lognormvariate(-2.3, 0.4), backend="hl-provisioning-backend")
        ts = fmt_sp(t)
        if dup:
            pid = w.rng.randrange(100000, 400000)
            pg(w, t + 1000, "ERROR", "ERROR:  duplicate key value violates unique constraint \"devices_serial_key\"", pid=pid, user="provisioning")
            pg(w, t + 1001, "ERROR", "DETAIL:  Key (serial)=(%s) already exists." % serial, pid=pid, user="provisioning")
            pg(w, t + 1002, "ERROR", "STATEMENT:  INSERT INTO devices (id, serial, mac, model, home_id, claimed_at) VALUES ($1,$2,$3,$4,$5,now())", pid=pid, user="provisioning")
            w.add(t + 3000, res, "run.googleapis.com/stdout", "DEFAULT",
                  text="%s  WARN 1 --- [nio-8080-exec-%d] c.h.p.claim.ClaimService : claim rejected: serial %s already bound to home h_%s (mfg batch CM-2511-B, factory record mac=D8:3B:%s) requested by home h_%s" % (
                      ts, w.rng.randrange(1, 20), serial, w.hx(6), ":".join(w.hx(2).upper() for _ in range(4)), w.hx(6)), trace=tr, labels=inst)
        else:
            w.add(t + 3000, res, "run.googleapis.com/stdout", "DEFAULT",
                  text="%s  INFO 1 --- [nio-8080-exec-%d] c.h.p.claim.ClaimService : device claimed serial=%s model=%s home=h_%s" % (ts, w.rng.randrange(1, 20), serial, model, w.hx(6)), trace=tr, labels=inst)
    for t in w.times(0.012):
        w.add(t, w.run_res("support-inbox"), "run.googleapis.com/stdout", "INFO",
              js={"severity": "INFO", "message": "ticket created", "subject": w.rng.choice(["New thermostat says already registered to another home", "Setup fails at 'claiming device'", "TH2 bought at Costco cannot be added"]), "ticket": "Z-%d" % w.rng.randrange(80000, 90000)})
    # one-off import line from the factory feed earlier in the morning (quiet)
    t = parse("2025-12-02T09:02:11Z")
    w.add(t, w.run_res("mfg-import"), "run.googleapis.com/stdout", "INFO",
          js={"severity": "INFO", "message": "factory manifest imported", "batch": "CM-2511-B", "vendor": "Shenzhen Lianke CM", "records": 24000, "serial_range": "HL-TH2-0041000..HL-TH2-0064999", "new_serials": 22800, "existing_serials": 1200, "note": "existing serials upserted (mac overwritten)"})
    standard_bg(w, api=2.0)
    # distractor: noisy Cloud SQL connection reset stream (instance shutdowns)
    for t in w.times(1 / 12.0):
        pg(w, t, "INFO", "LOG:  could not receive data from client: Connection reset by peer", user=w.rng.choice(["app", "provisioning", "event_writer"]))
    truth = {
        "title": "Factory batch CM-2511-B reused 1,200 existing HL-TH2 serials; customers claiming those devices get 409 (duplicate serial)",
        "root_cause": {"evidence": ["CM-2511-B", "devices_serial_key"], "category": "other",
                       "must_mention": ["CM-2511-B", "serial", "duplicate"]},
        "symptoms": [{"evidence": "already registered to another home"}, {"evidence": "claim rejected"}],
        "distractors": [{"evidence": "Connection reset by peer"}],
        "priority": "P3"}
    return w, truth


def inc12(out):
    """FCM returns 503 UNAVAILABLE (upstream); window opens with the outage under way; recent push-notifier deploy is a red herring."""
    w = W("iot-fcm-upstream-unavailable", 2712, "2025-12-09T20:10:00Z", "2025-12-09T20:55:00Z")
    end_out = parse("2025-12-09T20:41:00Z")
    run_deploy(w, w.start + 70 * S, "push-notifier", "push-notifier-00057-rux", "ci-deployer@hearthly-prod.iam.gserviceaccount.com",
               "us-docker.pkg.dev/hearthly-prod/apps/push-notifier:2025.12.09-3")
    fail = lambda t: 0.55 if t < end_out else 0.01

    def push_hook(t, kind):
        if w.rng.random() < fail(t):
            att = w.rng.randrange(1, 6)
            ln = [("ERROR", "ERROR push.sender: FCM send failed: 503 UNAVAILABLE POST https://fcm.googleapis.com/v1/projects/%s/messages:send: The service is currently unavailable. (attempt %d/3)" % (P, att if att < 4 else 3))]
            if att == 5:
                ln.append(("WARNING", "WARNING push.handler: delivery_attempt=5 for %s; message will be dead-lettered to push-notifications-dlq" % kind))
            return (500, 3.5 + w.rng.random() * 3, ln)
        if w.rng.random() < 0.06:
            return (204, 0.2, [("WARNING", "WARNING push.sender: FCM token rejected for device=d_%s: 404 NOT_FOUND Requested entity was not found. (UNREGISTERED) -> token removed" % w.hx(10))])
        return None
    standard_bg(w, push=0.9, hooks={"push": push_hook})
    for t in range(w.start + 45 * S, w.end, 120 * S):
        n = int(42000 + (min(t, end_out) - w.start) / MIN * 1500 - max(0, t - end_out) / MIN * 6000)
        w.add(t, w.run_res("queue-monitor"), "run.googleapis.com/stdout", "WARNING" if n > 20000 else "INFO",
              js={"severity": "WARNING" if n > 20000 else "INFO", "message": "subscription backlog high" if n > 20000 else "subscription backlog", "subscription": "push-notifications-sub",
                  "num_undelivered_messages": max(n, 300), "oldest_unacked_age_s": int((min(t, end_out) - w.start) / S + 900) if t < end_out + 5 * MIN else 45})
    for t in w.times(1 / 240.0):
        w.add(t, w.run_res("push-notifier"), "run.googleapis.com/varlog/system", "INFO",
              text="Starting new instance. Reason: AUTOSCALING - Instance started due to configured scaling factors (e.g. CPU utilization, request throughput, etc.) or no existing capacity for current traffic.")
    truth = {
        "title": "Firebase Cloud Messaging returns 503 UNAVAILABLE for ~30 min; push notifications fail, retry and dead-letter (not the push-notifier deploy)",
        "root_cause": {"evidence": ["503 UNAVAILABLE POST https://fcm.googleapis.com"], "category": "upstream-dependency",
                       "must_mention": ["FCM", "503"]},
        "symptoms": [{"evidence": "subscription backlog high"}, {"evidence": "dead-lettered to push-notifications-dlq"}],
        "distractors": [{"evidence": "push-notifier:2025.12.09-3"}, {"evidence": "Requested entity was not found"}],
        "priority": "P2"}
    return w, truth


def healthy1(out):
    """EMQX rolling upgrade: pods restart one at a time, devices reconnect, auth spikes. All normal."""
    w = W("iot-healthy-emqx-rolling-upgrade", 2713, "2025-10-30T03:00:00Z", "2025-10-30T03:50:00Z")
    up = parse("2025-10-30T03:08:00Z")
    audit(w, up, "k8s.io", "io.k8s.apps.v1.statefulsets.patch", "apps/v1/namespaces/mqtt/statefulsets/emqx-core",
          "ci-deployer@hearthly-prod.iam.gserviceaccount.com", "k8s_cluster", {"cluster_name": STD, "location": REGION},
          request={"spec": {"template": {"spec": {"containers": [{"name": "emqx", "image": "emqx/emqx-enterprise:5.8.3"}]}}}}, ua="Helm/3.16.2")
    restarts = {}
    for i, pod in enumerate(reversed(EMQX_PODS)):
        t = up + (20 + i * 6 * 60) * S
        restarts[pod] = t
        node = MQTT_NODES[EMQX_PODS.index(pod)]
        k8s_event(w, t, STD, "mqtt", pod, "Killing", "Stopping container emqx", typ="Normal", host=node)
        w.add(t + S, w.k8s_res(STD, "mqtt", pod, "emqx"), "stdout", "INFO", text=emqx_line(w, t + S, "warning", "msg: node_shutdown, reason: sigterm, action: evacuating_connections, conn_evict_rate: 2000"))
        k8s_event(w, t + 75 * S, STD, "mqtt", pod, "Pulled", "Container image \"emqx/emqx-enterprise:5.8.3\" already present on machine", typ="Normal", host=node)
        k8s_event(w, t + 76 * S, STD, "mqtt", pod, "Started", "Started container emqx", typ="Normal", host=node)
        for j in range(3):
            kubelet(w, t + (80 + j * 10) * S, STD, node, "\"Probe failed\" probeType=\"Readiness\" pod=\"mqtt/%s\" podUID=\"%s\" containerName=\"emqx\" probeResult=\"failure\" output=\"Get \\\"http://10.52.%d.14:18083/api/v5/status\\\": dial tcp 10.52.%d.14:18083: connect: connection refused\"" % (pod, "9a7e" + w.hx(4), i, i), src="prober.go", line=107)
        w.add(t + 112 * S, w.k8s_res(STD, "mqtt", pod, "emqx"), "stdout", "INFO", text=emqx_line(w, t + 112 * S, "notice", "msg: cluster_joined, node: emqx@%s.emqx-headless.mqtt.svc.cluster.local, version: 5.8.3" % pod))

    def rs_factor(t):
        for pod, r in restarts.items():
            if r <= t < r + 4 * MIN:
                return 4.0
        return 1.0

    def emqx_hook(t, pod, cid, peer):
        if rs_factor(t) > 1 and w.rng.random() < 0.5:
            return ("info", "clientid: %s, peername: %s, msg: client_disconnected, reason: %s" % (cid, peer, w.rng.choice(["takenover", "shutdown", "tcp_closed"])))
        return None
    standard_bg(w, api=1.2, push=0.4, emqx=0.8, hooks={"emqx": emqx_hook, "emqx_mult": rs_factor, "auth_mult": rs_factor, "unreg": 0.05})
    for t in w.times(1 / 90.0):
        w.add(t, w.k8s_res(STD, "telemetry", w.rng.choice(INGEST_PODS), "ingest"), "stdout", "WARNING",
              text="%s  WARN 1 --- [grpc-default-executor-%d] c.g.c.b.g.i.RetryingMutateRowsCallable : Retrying MutateRows after UNAVAILABLE: HTTP/2 error code: INTERNAL_ERROR Received Rst Stream (attempt 1)" % (fmt_sp(t), w.rng.randrange(1, 12)))
    truth = {"title": "Healthy: planned EMQX 5.8.3 rolling upgrade; connections evacuate and reconnect, brief readiness failures, routine retries",
             "root_cause": None, "symptoms": [], "distractors": [{"evidence": "node_shutdown"}, {"evidence": "Received Rst Stream"}], "priority": "none"}
    return w, truth


def healthy2(out):
    """Firmware canary advance + Autopilot scale-up + device-api deploy + WAF denials. All normal."""
    w = W("iot-healthy-firmware-canary-evening", 2714, "2025-12-04T19:00:00Z", "2025-12-04T19:40:00Z")
    adv = parse("2025-12-04T19:00:00Z") + 15 * MIN
    sched(w, "fw-rollout-advance", 15, "https://ota-internal.hearthly.io/rollout/advance")
    w.add(adv + 3 * S, w.k8s_res(AP, "ota", "ota-service-7d5b9c6f4-kq2mz", "ota-service"), "stdout", "INFO",
          js={"severity": "INFO", "level": "info", "msg": "rollout advanced", "release": "5.0.1", "models": ["HL-TH2", "HL-PLUG1"], "from_pct": 5, "to_pct": 10, "crash_rate_24h": 0.0004, "gate": "passed"})

    def ota_hook(t, model):
        if t > adv and w.rng.random() < 0.5:
            return ("INFO", {"level": "info", "msg": "signed url issued", "model": model, "object": "gs://hl-firmware-prod/%s/5.0.1/fw.bin" % model, "ttl": "15m0s"})
        if w.rng.random() < 0.04:
            return ("WARNING", {"level": "warn", "msg": "device reported download resume", "model": model, "range_start": w.rng.randrange(10 ** 6, 4 * 10 ** 7), "reason": "connection reset"})
        return None
    standard_bg(w, api=2.5, hooks={"ota": ota_hook, "api_mult": lambda t: 1.2})
    # Autopilot scale up for ota-service HPA
    t = adv + 2 * MIN
    for i in range(3):
        pod = "ota-service-7d5b9c6f4-%s" % w.an(5)
        k8s_event(w, t + i * 20 * S, AP, "ota", "ota-service", "SuccessfulRescale", "New size: %d; reason: cpu resource utilization (percentage of request) above target" % (3 + i), kind="HorizontalPodAutoscaler", typ="Normal", component="horizontal-pod-autoscaler")
        k8s_event(w, t + i * 20 * S + 2 * S, AP, "ota", pod, "TriggeredScaleUp", "pod triggered scale-up: [{https://www.googleapis.com/compute/v1/projects/%s/zones/us-central1-c/instanceGroups/gk3-iot-apps-ap-pool-2-%s-grp 1->2 (max: 1000)}]" % (P, w.hx(8)), typ="Normal", component="cluster-autoscaler")
        k8s_event(w, t + i * 20 * S + 3 * S, AP, "ota", pod, "FailedScheduling", "0/4 nodes are available: 4 Insufficient cpu. preemption: 0/4 nodes are available: 4 No preemption victims found for incoming pod.", component="gke.io/optimize-utilization-scheduler")
        k8s_event(w, t + i * 20 * S + 70 * S, AP, "ota", pod, "Scheduled", "Successfully assigned ota/%s to gk3-iot-apps-ap-pool-2-%s-%s" % (pod, w.hx(8), w.an(4)), typ="Normal", component="gke.io/optimize-utilization-scheduler")
    run_deploy(w, parse("2025-12-04T19:24:05Z"), "device-api", "device-api-00344-fel", "ci-deployer@hearthly-prod.iam.gserviceaccount.com",
               "us-docker.pkg.dev/hearthly-prod/apps/device-api:2025.12.04-2")
    scan_ip = "193.32.162.%d" % w.rng.randrange(1, 250)
    for t in w.times(0.15):
        lb(w, t, "GET", w.rng.choice(["/.git/config", "/v1/me?id=1%27%20OR%201=1--", "/actuator/env", "/wp-login.php"]), 403, 0.0003, ua="Mozilla/5.0 zgrab/0.x", rip=scan_ip,
           details="denied_by_security_policy", policy={"name": "hl-api-edge", "priority": 1000, "configuredAction": "DENY", "outcome": "DENY", "preconfiguredExprIds": ["owasp-crs-v030301-id942100-sqli"], "matchedFieldName": "sqli-v33-stable"})
    truth = {"title": "Healthy: firmware 5.0.1 canary 5%->10%, Autopilot scale-up with transient FailedScheduling, a device-api deploy and WAF denials of a scanner",
             "root_cause": None, "symptoms": [], "distractors": [{"evidence": "FailedScheduling"}, {"evidence": "sqli-v33-stable"}], "priority": "none"}
    return w, truth


INCIDENTS = [inc01, inc02, inc03, inc04, inc05, inc06, inc07, inc08, inc09, inc10, inc11, inc12, healthy1, healthy2]


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    os.makedirs(out, exist_ok=True)
    for fn in INCIDENTS:
        w, truth = fn(out)
        n = w.write(out, truth)
        print("%-45s %6d entries" % (w.iid, n))


if __name__ == "__main__":
    main()
