#!/usr/bin/env python3
"""Generate the blind17 incident set (LumaForge Games: game + ads platform on Google Cloud).

usage: python gen.py OUT
Standard library only, fixed seeds, byte-identical output between runs.
"""
import datetime as dt
import gzip
import io
import json
import os
import sys
import random

P = "lumaforge-prod"
PNUM = "418822093317"
REGION = "us-central1"
CLUSTER = "gke-prod-usc1"
ZONES = ["us-central1-a", "us-central1-b", "us-central1-c"]

UA_GAME = ["LumaArena/5.1.2 (Android 14; SM-S918B)", "LumaArena/5.1.2 (iOS 17.4; iPhone15,3)",
           "LumaArena/5.1.1 (Android 13; Pixel 7)", "LumaArena/5.1.2 (Windows 11; Steam)",
           "LumaArena/5.1.2 (iOS 18.1; iPhone16,2)", "LumaArena/5.0.9 (Android 12; moto g(60))"]
MAPS = ["frostpeak_v12", "ember_canyon_v7", "sunken_docks_v3", "skyreach_v9", "ironworks_v5"]
SEASON = "s14"


def fmt(t):
    return t.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def P_(t):
    return dt.datetime.strptime(t, "%Y-%m-%dT%H:%M:%SZ")


class Ctx:
    def __init__(self, iid, start, minutes, seed):
        self.iid = iid
        self.t0 = P_(start)
        self.t1 = self.t0 + dt.timedelta(minutes=minutes)
        self.r = random.Random(seed)
        self.E = []
        self.hooks = {}
        r = self.r
        # fleet
        self.nodes = {
            "arena-pool": ["gke-gke-prod-usc1-arena-pool-3f9a1c2e-%s" % s for s in ("x7kq", "b2mf", "q9tz", "h4wd")],
            "platform-pool": ["gke-gke-prod-usc1-platform-pool-8c21d0aa-%s" % s for s in ("k2lp", "v8rs", "n3ce")],
            "ads-pool": ["gke-gke-prod-usc1-ads-pool-51be77f0-%s" % s for s in ("d6ja", "m1xo", "t5ug")],
        }
        self.arena = []
        for i in range(12):
            node = self.nodes["arena-pool"][i % 4]
            self.arena.append({"pod": "arena-server-%s-%s" % (self.rid(5), self.rid(5)), "node": node,
                               "ip": "10.8.%d.%d" % (4 + i % 4, 10 + i), "port": 7000 + r.randint(0, 999)})

    # ---------- utils
    def rid(self, n, alpha="abcdefghijklmnopqrstuvwxyz0123456789"):
        return "".join(self.r.choice(alpha) for _ in range(n))

    def hexid(self, n):
        return "".join(self.r.choice("0123456789abcdef") for _ in range(n))

    def ip(self):
        r = self.r
        return "%d.%d.%d.%d" % (r.choice([73, 98, 24, 81, 92, 176, 185, 203, 49, 110, 187, 2]), r.randint(0, 255), r.randint(0, 255), r.randint(1, 254))

    def pid(self):
        return "p-%08d" % self.r.randint(10000000, 99999999)

    def at(self, minute):
        return self.t0 + dt.timedelta(seconds=minute * 60)

    def rand_t(self, a=None, b=None):
        a = a or self.t0
        b = b or self.t1
        span = (b - a).total_seconds()
        return a + dt.timedelta(seconds=self.r.random() * span)

    def inwin(self, t):
        return self.t0 <= t < self.t1

    def mins(self, t):
        return (t - self.t0).total_seconds() / 60.0

    # ---------- raw add
    def add(self, t, resource, log, sev, payload, labels=None, **extra):
        if not self.inwin(t):
            return
        e = {}
        if isinstance(payload, str):
            e["textPayload"] = payload
        elif payload is not None:
            if "@type" in payload and payload["@type"].endswith("AuditLog"):
                e["protoPayload"] = payload
            else:
                e["jsonPayload"] = payload
        e["insertId"] = self.hexid(16)
        if labels:
            e["labels"] = labels
        e["logName"] = "projects/%s/logs/%s" % (P, log)
        e["receiveTimestamp"] = fmt(t + dt.timedelta(microseconds=self.r.randint(20000, 900000)))
        e["resource"] = resource
        if sev:
            e["severity"] = sev
        e["timestamp"] = fmt(t)
        e.update(extra)
        self.E.append(e)

    # ---------- resources
    def k8s(self, t, ns, pod, container, sev, payload, node=None, stream="stdout", app=None):
        res = {"labels": {"cluster_name": CLUSTER, "container_name": container, "location": REGION,
                          "namespace_name": ns, "pod_name": pod, "project_id": P}, "type": "k8s_container"}
        lab = {"k8s-pod/app": app or container}
        if node:
            lab["compute.googleapis.com/resource_name"] = node
        self.add(t, res, stream, sev, payload, lab)

    def kevent(self, t, kind, name, ns, reason, message, typ="Normal", component="kubelet", host=None, count=1):
        if kind == "Pod":
            res = {"labels": {"cluster_name": CLUSTER, "location": REGION, "namespace_name": ns, "pod_name": name, "project_id": P}, "type": "k8s_pod"}
        elif kind == "Node":
            res = {"labels": {"cluster_name": CLUSTER, "location": REGION, "node_name": name, "project_id": P}, "type": "k8s_node"}
        else:
            res = {"labels": {"cluster_name": CLUSTER, "location": REGION, "project_id": P}, "type": "k8s_cluster"}
        ev = {"apiVersion": "v1", "count": count, "eventTime": None, "firstTimestamp": fmt(t)[:19] + "Z",
              "involvedObject": {"apiVersion": "v1" if kind in ("Pod", "Node") else "apps/v1", "kind": kind, "name": name},
              "kind": "Event", "lastTimestamp": fmt(t)[:19] + "Z", "message": message,
              "metadata": {"name": "%s.%s" % (name, self.hexid(16)), "namespace": ns or "default", "resourceVersion": str(self.r.randint(10**8, 10**9))},
              "reason": reason, "reportingComponent": "", "reportingInstance": "",
              "source": {"component": component}, "type": typ}
        if ns:
            ev["involvedObject"]["namespace"] = ns
        if host:
            ev["source"]["host"] = host
        self.add(t, res, "events", "WARNING" if typ == "Warning" else "INFO", ev)

    def audit(self, t, res, service, method, resname, principal, request=None, response=None, sev="NOTICE",
              ua="google-cloud-sdk gcloud/506.0.0 command/gcloud.compute.backend-services.update", ip="34.121.90.17",
              metadata=None, op=None, status=None, log="cloudaudit.googleapis.com%2Factivity"):
        pp = {"@type": "type.googleapis.com/google.cloud.audit.AuditLog",
              "authenticationInfo": {"principalEmail": principal},
              "authorizationInfo": [{"granted": True, "permission": method.split(".")[-1], "resource": resname}],
              "methodName": method, "requestMetadata": {"callerIp": ip, "callerSuppliedUserAgent": ua},
              "resourceName": resname, "serviceName": service}
        if request is not None:
            pp["request"] = request
        if response is not None:
            pp["response"] = response
        if metadata is not None:
            pp["metadata"] = metadata
        if status is not None:
            pp["status"] = status
        extra = {}
        if op:
            extra["operation"] = op
        self.add(t, res, log, sev, pp, **extra)

    def lb(self, t, host, path, method, status, latency, backend, ua=None, size=None, details="response_sent_by_backend",
           cache=None, urlmap="lumaforge-global-urlmap", extra=None):
        r = self.r
        hr = {"latency": "%.6fs" % latency, "remoteIp": self.ip(), "requestMethod": method,
              "requestSize": str(r.randint(180, 1400)), "requestUrl": "https://%s%s" % (host, path),
              "responseSize": str(size if size is not None else r.randint(300, 9000)), "serverIp": "10.8.%d.%d" % (r.randint(4, 9), r.randint(2, 250)),
              "status": status, "userAgent": ua or r.choice(UA_GAME)}
        if cache is not None:
            hr["cacheLookup"] = True
            if cache:
                hr["cacheHit"] = True
            else:
                hr["cacheFillBytes"] = hr["responseSize"]
        jp = {"@type": "type.googleapis.com/google.cloud.loadbalancing.type.LoadBalancerLogEntry",
              "backendTargetProjectNumber": "projects/" + PNUM, "remoteIp": hr["remoteIp"], "statusDetails": details}
        if extra:
            jp.update(extra)
        res = {"labels": {"backend_service_name": backend, "forwarding_rule_name": "lumaforge-https-fr", "project_id": P,
                          "target_proxy_name": "lumaforge-https-proxy", "url_map_name": urlmap, "zone": "global"},
               "type": "http_load_balancer"}
        sev = "INFO" if status < 400 else ("WARNING" if status < 500 else "ERROR")
        self.add(t, res, "requests", sev, jp, httpRequest=hr, spanId=self.hexid(16),
                 trace="projects/%s/traces/%s" % (P, self.hexid(32)))

    def run_res(self, svc, rev):
        return {"labels": {"configuration_name": svc, "location": REGION, "project_id": P, "revision_name": rev, "service_name": svc}, "type": "cloud_run_revision"}

    def run_log(self, t, svc, rev, sev, payload, stream="stdout"):
        self.add(t, self.run_res(svc, rev), "run.googleapis.com%2F" + stream, sev, payload,
                 {"instanceId": "00f46b9285" + self.hexid(6) + "c2a1" * 4})

    def run_req(self, t, svc, rev, host, path, method, status, latency, ua=None):
        r = self.r
        hr = {"latency": "%.6fs" % latency, "protocol": "HTTP/1.1", "remoteIp": self.ip(), "requestMethod": method,
              "requestSize": str(r.randint(200, 1500)), "requestUrl": "https://%s%s" % (host, path),
              "responseSize": str(r.randint(200, 6000)), "serverIp": "169.254.%d.%d" % (r.randint(1, 15), r.randint(1, 250)),
              "status": status, "userAgent": ua or r.choice(UA_GAME)}
        sev = "INFO" if status < 400 else ("WARNING" if status < 500 else "ERROR")
        self.add(t, self.run_res(svc, rev), "run.googleapis.com%2Frequests", sev, None,
                 {"instanceId": "00f46b9285" + self.hexid(6) + "c2a1" * 4}, httpRequest=hr,
                 spanId=self.hexid(16), trace="projects/%s/traces/%s" % (P, self.hexid(32)))

    def job_log(self, t, job, execution, task, sev, payload, stream="stdout"):
        res = {"labels": {"job_name": job, "location": REGION, "project_id": P}, "type": "cloud_run_job"}
        self.add(t, res, "run.googleapis.com%2F" + stream, sev, payload,
                 {"instanceId": "007989f2a1" + self.hexid(6), "run.googleapis.com/execution_name": execution,
                  "run.googleapis.com/task_attempt": "0", "run.googleapis.com/task_index": str(task)})

    def sched(self, t, job, url, status=None, finished=False, debug=None):
        res = {"labels": {"job_id": job, "location": REGION, "project_id": P}, "type": "cloud_scheduler_job"}
        jp = {"@type": "type.googleapis.com/google.cloud.scheduler.logging.Attempt%s" % ("Finished" if finished else "Started"),
              "jobName": "projects/%s/locations/%s/jobs/%s" % (P, REGION, job), "targetType": "HTTP", "url": url}
        if finished and status:
            jp["status"] = status
        if debug:
            jp["debugInfo"] = debug
        sev = "ERROR" if status else "INFO"
        self.add(t, res, "cloudscheduler.googleapis.com%2Fexecutions", sev, jp)

    def wf(self, t, wfid, execid, msg, state, sev="INFO"):
        res = {"labels": {"location": REGION, "resource_container": PNUM, "workflow_id": wfid}, "type": "workflows.googleapis.com/Workflow"}
        jp = {"@type": "type.googleapis.com/google.cloud.workflows.type.ExecutionsSystemLog", "activityTime": fmt(t),
              "message": msg, "state": state}
        self.add(t, res, "workflows.googleapis.com%2Fexecutions_system_log", sev, jp,
                 {"workflows.googleapis.com/execution_id": execid})

    def df(self, t, job, jobid, step, sev, msg, worker=None, log="worker", logger="org.apache.beam.runners.dataflow.worker.StreamingDataflowWorker"):
        res = {"labels": {"job_id": jobid, "job_name": job, "project_id": P, "region": REGION, "step_id": step}, "type": "dataflow_step"}
        if log == "job-message":
            self.add(t, res, "dataflow.googleapis.com%2Fjob-message", sev, msg)
        else:
            jp = {"job": jobid, "logger": logger, "message": msg, "stage": "F%d" % (3 + len(step) % 7), "step": step,
                  "thread": str(self.r.randint(30, 400)), "worker": worker or "%s-03201030-x2bq-harness-%s" % (job, self.rid(4)),
                  "work": str(self.r.randint(10**17, 10**18))}
            self.add(t, res, "dataflow.googleapis.com%2Fworker", sev, jp)

    # ---------- formatters
    def glog(self, t, lvl, src, msg, tid=None):
        return "%s%s %s.%06d %6d %s] %s" % (lvl, t.strftime("%m%d"), t.strftime("%H:%M:%S"), t.microsecond, tid or self.r.choice([17, 23, 24, 31]), src, msg)

    def spring(self, t, lvl, thread, logger, msg):
        return "%s.%03d %5s 1 --- [%s] %-40s : %s" % (t.strftime("%Y-%m-%d %H:%M:%S"), t.microsecond // 1000, lvl, thread, logger, msg)

    def zap(self, t, lvl, caller, msg, **kw):
        d = {"level": lvl, "ts": round(t.timestamp(), 6), "caller": caller, "msg": msg}
        d.update(kw)
        return d

    def slog(self, t, lvl, msg, **kw):
        d = {"time": fmt(t), "severity": lvl, "message": msg}
        d.update(kw)
        return d

    def pyj(self, t, lvl, msg, logger, **kw):
        d = {"severity": lvl, "message": msg, "logger": logger}
        d.update(kw)
        return d


SEVMAP = {"debug": "DEBUG", "info": "INFO", "warn": "WARNING", "error": "ERROR", "INFO": "INFO", "WARNING": "WARNING",
          "ERROR": "ERROR", "WARN": "WARNING", "I": "INFO", "W": "WARNING", "E": "ERROR", "CRITICAL": "CRITICAL", "F": "CRITICAL"}


def every(c, period_s, jitter=0.0, offset=0.0):
    t = c.t0 + dt.timedelta(seconds=offset)
    while t < c.t1:
        yield t + dt.timedelta(seconds=c.r.uniform(0, jitter) if jitter else 0)
        t += dt.timedelta(seconds=period_s)


def poisson(c, per_min, a=None, b=None):
    a = a or c.t0
    b = b or c.t1
    t = a
    rate = per_min / 60.0
    while True:
        t += dt.timedelta(seconds=c.r.expovariate(rate))
        if t >= b:
            return
        yield t


# ================================================================ baseline traffic
API_PATHS = [
    ("POST", "/v1/session/refresh", "session-auth", 14),
    ("GET", "/v1/profile/{pid}", "player-profile", 14),
    ("GET", "/v1/inventory/{pid}", "inventory-svc", 16),
    ("POST", "/v1/inventory/{pid}/equip", "inventory-svc", 5),
    ("POST", "/v1/match/queue", "matchmaker", 9),
    ("GET", "/v1/match/status/{ticket}", "matchmaker", 18),
    ("GET", "/v1/store/catalog", "store-api", 7),
    ("POST", "/v1/store/purchase/verify", "store-api", 2),
    ("GET", "/v1/leaderboard/%s/global" % SEASON, "leaderboard-api", 6),
]
GO_SVC = {"session-auth": ("platform", "slog"), "player-profile": ("platform", "slog"), "inventory-svc": ("platform", "zap"),
          "matchmaker": ("platform", "zap")}
SVC_PODS = {}


def pods_for(c, svc, n=3):
    key = (c.iid, svc)
    if key not in SVC_PODS:
        h = c.rid(10)
        pool = "ads-pool" if svc.startswith("ad") else "platform-pool"
        SVC_PODS[key] = [("%s-%s-%s" % (svc, h[:9] if len(h) > 9 else h, c.rid(5)), c.nodes[pool][i % len(c.nodes[pool])]) for i in range(n)]
    return SVC_PODS[key]


def go_line(c, t, svc, lvl, msg, caller="server/handler.go:88", **kw):
    ns, style = GO_SVC.get(svc, ("platform", "zap"))
    pod, node = c.r.choice(pods_for(c, svc))
    if style == "zap":
        c.k8s(t, ns, pod, svc, SEVMAP[lvl], c.zap(t, lvl, caller, msg, **kw), node=node)
    else:
        c.k8s(t, ns, pod, svc, SEVMAP[lvl], c.slog(t, SEVMAP[lvl], msg, **kw), node=node)


def api_traffic(c, per_min=42, hook=None):
    weights = [w for *_, w in API_PATHS]
    for t in poisson(c, per_min):
        m, path, svc, _ = c.r.choices(API_PATHS, weights)[0]
        pid = c.pid()
        path = path.replace("{pid}", pid).replace("{ticket}", "tk-" + c.hexid(12))
        st, lat, details = 200, c.r.lognormvariate(-3.3, 0.5), "response_sent_by_backend"
        if m == "POST" and "queue" in path:
            st = 201
        if c.r.random() < 0.004:
            st = c.r.choice([400, 401, 404])
        ov = hook(t, m, path, svc, pid) if hook else None
        if ov == "drop":
            continue
        if ov:
            st = ov.get("status", st)
            lat = ov.get("latency", lat)
            details = ov.get("details", details)
        backend = "store-api-serverless-backend" if svc in ("store-api", "leaderboard-api") else "api-public-backend"
        c.lb(t, "api.lumaforge.gg", path, m, st, lat, backend, details=details)
        if ov and ov.get("nobackend"):
            continue
        # backend app log (sampled)
        if svc in GO_SVC and c.r.random() < 0.35:
            lvl = "info" if st < 500 else "error"
            go_line(c, t - dt.timedelta(milliseconds=2), svc, lvl, "request completed",
                    caller="httpx/middleware.go:57", method=m, path=path.split("?")[0], status=st, duration_ms=round(lat * 1000, 1))
        elif svc in ("store-api", "leaderboard-api"):
            rev = "store-api-00231-kef" if svc == "store-api" else "leaderboard-api-00118-qoz"
            c.run_req(t, svc, rev, "%s-q3xv7lmt4a-uc.a.run.app" % svc, path, m, st, lat * 0.9)


def cdn_traffic(c, per_min=30, hook=None):
    assets = ["/patch/5.1.2/manifest.json", "/patch/5.1.2/chunk_%03d.pak", "/img/store/bundle_%03d.webp", "/ads/creatives/cr_%05d.mp4"]
    for t in poisson(c, per_min):
        a = c.r.choice(assets)
        if "%" in a:
            a = a % c.r.randint(1, 400 if "cr_" not in a else 90000)
        hit = c.r.random() < 0.93
        st = 200 if c.r.random() > 0.02 else c.r.choice([206, 304])
        ov = hook(t, a) if hook else None
        if ov:
            st = ov.get("status", st)
        c.lb(t, "cdn.lumaforge.gg", a, "GET", st, c.r.uniform(0.002, 0.03) if hit else c.r.uniform(0.05, 0.4),
             "assets-backend-bucket", size=c.r.randint(20000, 4000000), cache=hit,
             details="response_from_cache" if hit else "response_sent_by_backend", urlmap="lumaforge-cdn-urlmap")


def config_traffic(c, per_min=10, hook=None):
    for t in poisson(c, per_min):
        plat = c.r.choice(["android", "android", "ios", "ios", "windows"])
        build = c.r.choice(["5120", "5120", "5118", "5121"])
        region = c.r.choice(["na", "eu", "apac", "latam"])
        path = "/v2/remote-config?platform=%s&build=%s&region=%s" % (plat, build, region)
        hit = c.r.random() < 0.7
        ov = hook(t, plat, build, region) if hook else None
        size = 14000 + {"android": 1200, "ios": 880, "windows": 2400}[plat] + int(build) % 100
        if ov:
            hit = ov.get("hit", hit)
            size = ov.get("size", size)
        c.lb(t, "config.lumaforge.gg", path, "GET", 200, c.r.uniform(0.002, 0.02) if hit else c.r.uniform(0.03, 0.12),
             "remote-config-backend", size=size, cache=hit, details="response_from_cache" if hit else "response_sent_by_backend",
             ua=[u for u in UA_GAME if (plat == "ios") == ("iOS" in u)][0], urlmap="lumaforge-cdn-urlmap")
        if not hit and c.r.random() < 0.5:
            c.k8s(t - dt.timedelta(milliseconds=5), "ads", pods_for(c, "ad-config", 2)[0][0], "ad-config", "INFO",
                  c.spring(t, "INFO", "http-nio-8080-exec-%d" % c.r.randint(1, 40), "g.l.ads.config.RemoteConfigController",
                           "served remote-config platform=%s build=%s region=%s variant=%s" % (plat, build, region, c.r.choice("ABC"))),
                  node=pods_for(c, "ad-config", 2)[0][1])


def arena_traffic(c, hook=None):
    """Match lifecycle on each arena pod. hook(c, t, gs, match) may return dict to alter."""
    for gs in c.arena:
        t = c.t0 + dt.timedelta(seconds=c.r.uniform(0, 400))
        while t < c.t1:
            mid = "m-" + c.hexid(10)
            mp = c.r.choice(MAPS)
            players = c.r.choice([8, 10, 10, 12])
            dur = c.r.uniform(420, 780)
            match = {"id": mid, "map": mp, "players": players, "dur": dur, "start": t}
            ov = hook(c, t, gs, match) if hook else None
            if ov and ov.get("skip"):
                t += dt.timedelta(seconds=ov.get("next", 60))
                continue
            gl = lambda tt, l, s, m: c.k8s(tt, "gameservers", gs["pod"], "arena-server", SEVMAP[l], c.glog(tt, l, s, m), node=gs["node"], stream="stderr", app="arena-server")
            gl(t, "I", "allocator.cc:77", "Allocated for match %s map=%s mode=ranked_5v5 expected_players=%d" % (mid, mp, players))
            if not (ov and ov.get("no_load_log")):
                gl(t + dt.timedelta(seconds=1.4), "I", "map_loader.cc:61", "Loaded /mnt/assets/maps/%s.pak (%d MiB) in %dms" % (mp, c.r.randint(180, 420), c.r.randint(300, 1900)))
            go_line(c, t + dt.timedelta(seconds=0.3), "matchmaker", "info", "match formed", caller="mm/allocate.go:141",
                    match_id=mid, gameserver=gs["pod"], players=players, map=mp, queue_wait_s=round(c.r.uniform(8, 60), 1))
            if ov and ov.get("fail"):
                ov["fail"](t, gl, mid)
                t += dt.timedelta(seconds=ov.get("next", 45))
                continue
            for k in range(players):
                tt = t + dt.timedelta(seconds=2 + c.r.uniform(0, 12))
                if c.r.random() < 0.25:
                    gl(tt, "I", "net_session.cc:203", "Player %s connected from %s:%d rtt=%dms" % (c.pid(), c.ip(), c.r.randint(1024, 65000), c.r.randint(18, 140)))
            end = t + dt.timedelta(seconds=dur)
            tick = t + dt.timedelta(seconds=60)
            while tick < end and tick < c.t1:
                if ov and ov.get("tick"):
                    ov["tick"](tick, gl, mid)
                else:
                    gl(tick, "I", "tick_stats.cc:40", "tick stats match=%s rate=30Hz avg=%.1fms p99=%.1fms overruns=0 clients=%d" % (mid, c.r.uniform(8, 13), c.r.uniform(16, 24), players))
                tick += dt.timedelta(seconds=60)
            if ov and ov.get("abort_at") and ov["abort_at"] < end:
                ov["abort"](ov["abort_at"], gl, mid)
                t = ov["abort_at"] + dt.timedelta(seconds=120)
                continue
            gl(end, "I", "match_runner.cc:310", "Match %s finished duration=%ds score=%d-%d reason=TIME_LIMIT" % (mid, int(dur), c.r.randint(0, 12), c.r.randint(0, 12)))
            go_line(c, end + dt.timedelta(seconds=0.5), "matchmaker", "info", "match result recorded", caller="mm/results.go:66", match_id=mid, gameserver=gs["pod"])
            t = end + dt.timedelta(seconds=c.r.uniform(15, 90))


def ads_traffic(c, ingest_hook=None, bidder_hook=None, table="impressions_live"):
    bpods = pods_for(c, "ad-bidder", 6)
    for t in every(c, 60, jitter=2):
        for pod, node in bpods:
            ov = bidder_hook(t, pod) if bidder_hook else None
            req = c.r.randint(7400, 8600)
            p99 = c.r.uniform(62, 88)
            to = c.r.randint(8, 40)
            if ov:
                req = ov.get("req", req)
                p99 = ov.get("p99", p99)
                to = ov.get("to", to)
            c.k8s(t, "ads", pod, "ad-bidder", "INFO", c.spring(t, "INFO", "stats-reporter", "g.l.ads.bidder.BidStatsReporter",
                  "bid stats window=60s requests=%d bids=%d timeouts=%d p99=%.0fms" % (req, int(req * 0.64), to, p99)), node=node)
    # routine no-bid warnings (background)
    for t in poisson(c, 3):
        pod, node = c.r.choice(bpods)
        c.k8s(t, "ads", pod, "ad-bidder", "WARNING", c.spring(t, "WARN", "bid-worker-%d" % c.r.randint(1, 32), "g.l.ads.bidder.ExchangeClient",
              "exchange=%s returned no-bid for imp %s (nbr=%d)" % (c.r.choice(["pubnative", "inmobi", "mintegral"]), c.hexid(8), c.r.choice([2, 8]))), node=node)
    ipods = pods_for(c, "ad-events-ingest", 2)
    for t in every(c, 6, jitter=3):
        pod, node = c.r.choice(ipods)
        ov = ingest_hook(t, pod) if ingest_hook else None
        if ov == "skip":
            continue
        if ov:
            ov(t, pod, node)
            continue
        c.k8s(t, "ads", pod, "ad-events-ingest", "INFO", c.zap(t, "info", "bq/stream.go:142", "insertAll ok",
              table="ad_events." + table, rows=c.r.randint(380, 500), ms=c.r.randint(28, 90)), node=node)


def periodic(c, leaderboard=True, compactor=True, prewarm=True, df_chatter=True, autoscaler=True):
    r = c.r
    if leaderboard:
        for t in every(c, 300, offset=60):
            url = "https://leaderboard-api-q3xv7lmt4a-uc.a.run.app/tasks/snapshot"
            c.sched(t, "leaderboard-snapshot", url)
            c.run_req(t + dt.timedelta(seconds=3.2), "leaderboard-api", "leaderboard-api-00118-qoz", "leaderboard-api-q3xv7lmt4a-uc.a.run.app", "/tasks/snapshot", "POST", 200, r.uniform(2.1, 3.9), ua="Google-Cloud-Scheduler")
            c.run_log(t + dt.timedelta(seconds=3), "leaderboard-api", "leaderboard-api-00118-qoz", "INFO", c.pyj(t, "INFO", "snapshot written season=%s rows=%d" % (SEASON, r.randint(1200000, 1300000)), "leaderboard.tasks"))
            c.sched(t + dt.timedelta(seconds=3.3), "leaderboard-snapshot", url, finished=True)
    if compactor:
        for t in every(c, 900, offset=120):
            ex = "replay-compactor-" + c.rid(5)
            c.wf(t, "replay-maintenance", c.hexid(8) + "-" + c.hexid(4), "Execution started", "ACTIVE")
            for k in range(4):
                c.job_log(t + dt.timedelta(seconds=20 + k), "replay-compactor", ex, k, "INFO", "Starting replay compaction shard %d/4" % k)
                c.job_log(t + dt.timedelta(seconds=80 + k * 7), "replay-compactor", ex, k, "INFO", "Compacted %d replays into %d segments (%.1f GiB)" % (r.randint(800, 1500), r.randint(20, 40), r.uniform(3, 9)))
            c.wf(t + dt.timedelta(seconds=140), "replay-maintenance", c.hexid(8) + "-" + c.hexid(4), "Execution succeeded", "SUCCEEDED")
    if prewarm:
        # CronJob that has been failing for weeks (distractor stream)
        for t in every(c, 600, offset=240):
            pod = "asset-prewarm-%d-%s" % (int(t.timestamp()) // 600, c.rid(5))
            node = r.choice(c.nodes["platform-pool"])
            c.kevent(t, "Pod", pod, "platform", "Scheduled", "Successfully assigned platform/%s to %s" % (pod, node), component="default-scheduler")
            c.kevent(t + dt.timedelta(seconds=2), "Pod", pod, "platform", "Started", "Started container prewarm", host=node)
            c.k8s(t + dt.timedelta(seconds=4), "platform", pod, "prewarm", "INFO", "prewarm: warming 412 objects from gs://lumaforge-legacy-assets/hotset/", node=node, app="asset-prewarm")
            c.k8s(t + dt.timedelta(seconds=5), "platform", pod, "prewarm", "ERROR", "prewarm: GET gs://lumaforge-legacy-assets/hotset/index.json: 403 Forbidden: asset-prewarm@lumaforge-prod.iam.gserviceaccount.com does not have storage.objects.get access", node=node, stream="stderr", app="asset-prewarm")
            c.kevent(t + dt.timedelta(seconds=7), "Pod", pod, "platform", "BackoffLimitExceeded", "Job has reached the specified backoff limit", typ="Warning", component="job-controller")
    if df_chatter:
        for t in every(c, 240, jitter=30, offset=40):
            c.df(t, "ad-spend-pacing", "2025-03-01_02_11_07-1029384756102938475", "WriteSpendToBigtable", "INFO",
                 "Autoscaling: Resized worker pool from %d to %d." % ((n := r.randint(4, 6)), n), log="job-message")
    if autoscaler:
        for t in poisson(c, 0.25):
            pool = r.choice(["arena-pool", "platform-pool"])
            node = r.choice(c.nodes[pool])
            c.kevent(t, "Node", node, None, "NodeHasSufficientMemory", "Node %s status is now: NodeHasSufficientMemory" % node, component="kubelet", host=node)
    # routine chatter
    for t in poisson(c, 2.0):
        go_line(c, t, "session-auth", "warn", "http: TLS handshake error from %s:%d: EOF" % ("10.8.%d.%d" % (r.randint(0, 3), r.randint(2, 250)), r.randint(30000, 60000)), caller="net/http/server.go:3487")
    for t in poisson(c, 1.2):
        go_line(c, t, "player-profile", "warn", "slow bigtable read", caller="store/bt.go:211", table="player_state", latency_ms=r.randint(110, 380), app_profile="profile-serving")
    for t in every(c, 60, jitter=5):
        go_line(c, t, "matchmaker", "info", "queue stats", caller="mm/stats.go:31", region="usc1", waiting=r.randint(380, 620), p95_wait_s=round(r.uniform(28, 52), 1))
        go_line(c, t, "inventory-svc", "info", "bigtable client stats", caller="store/metrics.go:44", table="player_state", rpc_ok=r.randint(2800, 3300), rpc_err=r.randint(0, 2))


def distractor_play(c, per_min=0.8):
    for t in poisson(c, per_min):
        c.run_log(t, "store-api", "store-api-00231-kef", "ERROR", c.pyj(t, "ERROR", "Play Developer API: purchaseToken already consumed (orderId=GPA.33%02d-%04d-%04d-%05d); treating as duplicate" % (c.r.randint(0, 99), c.r.randint(0, 9999), c.r.randint(0, 9999), c.r.randint(0, 99999)), "store.billing.google_play"))


def distractor_telemetry(c, per_min=1.5):
    for t in poisson(c, per_min):
        c.run_log(t, "telemetry-collector", "telemetry-collector-00412-zul", "WARNING",
                  c.slog(t, "WARNING", "dropping oversized client event", size_bytes=c.r.randint(262200, 900000), limit_bytes=262144, event_type=c.r.choice(["perf_trace", "ui_heatmap"])))


def distractor_anticheat(c, per_min=0.7):
    for t in poisson(c, per_min):
        gs = c.r.choice(c.arena)
        c.k8s(t, "gameservers", gs["pod"], "arena-server", "WARNING", c.glog(t, "W", "anticheat.cc:118", "anti-cheat: client signature mismatch build=5.0.9 player=%s; kicking" % c.pid()), node=gs["node"], stream="stderr", app="arena-server")


def distractor_ssh(c, per_min=1.0):
    for t in poisson(c, per_min):
        node = c.r.choice(c.nodes["arena-pool"])
        fw_log(c, t, c.ip(), c.r.randint(30000, 65000), "10.128.0.%d" % c.r.randint(2, 60), 22, 6, "deny-ssh-from-internet", 65000, node)


def fw_log(c, t, src, sport, dst, dport, proto, rule, prio, vm, disposition="DENIED"):
    res = {"labels": {"location": c.r.choice(ZONES), "project_id": P, "subnetwork_id": "7218839102234412", "subnetwork_name": "gke-prod-usc1-nodes"}, "type": "gce_subnetwork"}
    jp = {"connection": {"dest_ip": dst, "dest_port": dport, "protocol": proto, "src_ip": src, "src_port": sport},
          "disposition": disposition,
          "instance": {"project_id": P, "region": REGION, "vm_name": vm, "zone": c.r.choice(ZONES)},
          "remote_location": {"continent": "America", "country": "usa"},
          "rule_details": {"action": "DENY", "direction": "INGRESS", "ip_port_info": [{"ip_protocol": "UDP" if proto == 17 else "TCP"}],
                           "priority": prio, "reference": "network:game-vpc/firewall:" + rule, "source_range": ["0.0.0.0/0"]},
          "vpc": {"project_id": P, "subnetwork_name": "gke-prod-usc1-nodes", "vpc_name": "game-vpc"}}
    c.add(t, res, "compute.googleapis.com%2Ffirewall", None, jp)


def py_traceback(c, t, emit, lines):
    for i, ln in enumerate(lines):
        emit(t + dt.timedelta(microseconds=40 * i), ln)


# ================================================================ incidents
INCIDENTS = []


def incident(fn):
    INCIDENTS.append(fn)
    return fn


@incident
def bt_inventory_gc(out):
    c = Ctx("bigtable-inventory-gc-maxage", "2025-03-14T18:10:00Z", 50, 1701)
    fault = c.at(11.5)
    # GC starts removing cells a few minutes later, growing as compactions run
    def frac(t):
        m = (t - fault).total_seconds() / 60.0
        return 0 if m < 4 else min(0.55, (m - 4) * 0.025)

    def hook(t, m, path, svc, pid):
        f = frac(t)
        if svc == "inventory-svc" and f and c.r.random() < f:
            if m == "GET":
                go_line(c, t - dt.timedelta(milliseconds=3), "inventory-svc", "warn", "empty inventory cells for player, returning default loadout",
                        caller="inventory/read.go:96", player_id=pid, table="player_state", family="inv", rows_read=1, cells=0)
                return {"status": 200}
            go_line(c, t - dt.timedelta(milliseconds=3), "inventory-svc", "error", "equip rejected: item not owned", caller="inventory/equip.go:52",
                    player_id=pid, sku="sku_%05d" % c.r.randint(100, 99999))
            return {"status": 409}
        if svc == "store-api" and m == "POST" and f and c.r.random() < f:
            c.run_log(t, "store-api", "store-api-00231-kef", "WARNING", c.pyj(t, "WARNING", "entitlement check: player %s owns 0 items after restore; re-grant required" % pid, "store.entitlements"))
        return None
    c.audit(fault, {"labels": {"method": "google.bigtable.admin.v2.BigtableTableAdmin.ModifyColumnFamilies", "project_id": P, "service": "bigtableadmin.googleapis.com"}, "type": "audited_resource"},
            "bigtableadmin.googleapis.com", "google.bigtable.admin.v2.BigtableTableAdmin.ModifyColumnFamilies",
            "projects/%s/instances/player-bt/tables/player_state" % P, "terraform-ci@lumaforge-prod.iam.gserviceaccount.com",
            request={"@type": "type.googleapis.com/google.bigtable.admin.v2.ModifyColumnFamiliesRequest", "name": "projects/%s/instances/player-bt/tables/player_state" % P,
                     "modifications": [{"id": "inv", "update": {"gcRule": {"maxAge": "86400s"}}}]},
            ua="Terraform/1.9.8 (+https://www.terraform.io) terraform-provider-google/6.14.1", ip="35.226.41.9")
    # terraform apply chatter from CI
    c.add(fault - dt.timedelta(seconds=20), {"labels": {"build_id": "b9f0c2d1-71aa-4c1e-93a0-2f6a1e0c44d7", "build_trigger_id": "infra-apply-main", "project_id": P}, "type": "build"},
          "cloudbuild", None, "Step #2 - \"apply\": module.bigtable.google_bigtable_table.player_state: Modifying... [id=projects/%s/instances/player-bt/tables/player_state]" % P)
    c.add(fault + dt.timedelta(seconds=3), {"labels": {"build_id": "b9f0c2d1-71aa-4c1e-93a0-2f6a1e0c44d7", "build_trigger_id": "infra-apply-main", "project_id": P}, "type": "build"},
          "cloudbuild", None, "Step #2 - \"apply\": Apply complete! Resources: 0 added, 3 changed, 0 destroyed.")

    def ahook(c_, t, gs, match):
        f = frac(t)
        if f:
            def tick(tt, gl, mid):
                if c.r.random() < f:
                    gl(tt, "W", "loadout.cc:144", "loadout validation failed for player %s: sku_%05d not in inventory, using default kit" % (c.pid(), c.r.randint(100, 99999)))
                gl(tt, "I", "tick_stats.cc:40", "tick stats match=%s rate=30Hz avg=%.1fms p99=%.1fms overruns=0 clients=%d" % (mid, c.r.uniform(8, 13), c.r.uniform(16, 24), match["players"]))
            return {"tick": tick}
        return None
    api_traffic(c, 48, hook)
    arena_traffic(c, ahook)
    cdn_traffic(c, 25)
    ads_traffic(c)
    periodic(c)
    distractor_play(c, 0.9)
    distractor_telemetry(c)
    for t in every(c, 60, offset=30):
        f = frac(t)
        if f > 0.05:
            go_line(c, t, "inventory-svc", "error", "ALERT inventory_empty_ratio above threshold", caller="inventory/health.go:30", ratio=round(f + c.r.uniform(-0.01, 0.01), 3), threshold=0.05)
    return c, {
        "title": "Player inventories vanish after Terraform sets a 1-day maxAge GC rule on Bigtable column family inv",
        "root_cause": {"evidence": ["ModifyColumnFamilies", "86400s"], "category": "database", "must_mention": ["maxAge", "player_state"]},
        "symptoms": [{"evidence": "empty inventory cells"}, {"evidence": "loadout validation failed"}, {"evidence": "equip rejected: item not owned"}],
        "distractors": [{"evidence": "purchaseToken already consumed"}, {"evidence": "dropping oversized client event"}, {"evidence": "lumaforge-legacy-assets"}],
        "priority": "P0"}


@incident
def bq_table_recreated(out):
    c = Ctx("bq-impressions-table-recreated", "2025-03-15T06:00:00Z", 45, 1702)
    tdel = c.at(6) + dt.timedelta(seconds=41)
    tcre = tdel + dt.timedelta(seconds=2.3)
    ex = "ads-rollup-daily-q7k2p"
    # schedule -> workflow -> job
    ts = c.at(5)
    c.sched(ts, "ads-rollup-daily-trigger", "https://workflowexecutions.googleapis.com/v1/projects/%s/locations/%s/workflows/ads-rollup/executions" % (P, REGION))
    c.sched(ts + dt.timedelta(seconds=0.6), "ads-rollup-daily-trigger", "https://workflowexecutions.googleapis.com/v1/projects/%s/locations/%s/workflows/ads-rollup/executions" % (P, REGION), finished=True)
    wid = "3f1c8a22-7d0e-4b6f-9a51-0c2d4e8f11ab"
    c.wf(ts + dt.timedelta(seconds=1), "ads-rollup", wid, "Execution started", "ACTIVE")
    jl = lambda t, s, m: c.job_log(t, "ads-rollup-daily", ex, 0, s, m)
    jl(ts + dt.timedelta(seconds=19), "INFO", "ads-rollup-daily v2.8.0 starting (date=2025-03-14, mode=full)")
    jl(ts + dt.timedelta(seconds=24), "INFO", "Aggregating ad_events.impressions_live -> ad_reporting.daily_impressions for 2025-03-14")
    jl(ts + dt.timedelta(seconds=38), "INFO", "Wrote 48,213,877 rows to ad_reporting.daily_impressions (partition 20250314)")
    jl(tdel - dt.timedelta(seconds=1), "INFO", "Rebuilding ad_events.impressions_live with partitioning spec v3 (drop + create)")
    bqres = {"labels": {"dataset_id": "ad_events", "project_id": P}, "type": "bigquery_dataset"}
    tname = "projects/%s/datasets/ad_events/tables/impressions_live" % P
    c.audit(tdel, bqres, "bigquery.googleapis.com", "google.cloud.bigquery.v2.TableService.DeleteTable", tname,
            "ads-rollup-job@lumaforge-prod.iam.gserviceaccount.com", ua="gl-python/3.11.9 grpc/1.62.1 gax/2.19.0 gapic/3.25.0 gccl/3.25.0", ip="34.42.9.118",
            metadata={"@type": "type.googleapis.com/google.cloud.audit.BigQueryAuditMetadata", "tableDeletion": {"jobName": "", "reason": "DELETE"}})
    c.audit(tcre, bqres, "bigquery.googleapis.com", "google.cloud.bigquery.v2.TableService.InsertTable", tname,
            "ads-rollup-job@lumaforge-prod.iam.gserviceaccount.com", ua="gl-python/3.11.9 grpc/1.62.1 gax/2.19.0 gapic/3.25.0 gccl/3.25.0", ip="34.42.9.118",
            metadata={"@type": "type.googleapis.com/google.cloud.audit.BigQueryAuditMetadata",
                      "tableCreation": {"reason": "TABLE_INSERT_REQUEST", "table": {"tableName": tname, "timePartitioning": {"type": "HOUR", "field": "event_ts"}}}})
    jl(tcre + dt.timedelta(seconds=1), "INFO", "Created table ad_events.impressions_live (partition=HOUR(event_ts), cluster=[campaign_id, app_id])")
    jl(tcre + dt.timedelta(seconds=2), "INFO", "ads-rollup-daily finished in 44.1s")
    c.wf(tcre + dt.timedelta(seconds=4), "ads-rollup", wid, "Execution succeeded", "SUCCEEDED")
    nf_end = tcre + dt.timedelta(seconds=140)
    state = {"dropped": 0}

    def ihook(t, pod):
        if tdel <= t < nf_end:
            def f(t, pod, node):
                c.k8s(t, "ads", pod, "ad-events-ingest", "ERROR", c.zap(t, "error", "bq/stream.go:167", "insertAll failed",
                      table="ad_events.impressions_live", rows=c.r.randint(380, 500), error="googleapi: Error 404: Not found: Table lumaforge-prod:ad_events.impressions_live, notFound"), node=node, stream="stderr")
                if c.r.random() < 0.6:
                    c.k8s(t + dt.timedelta(milliseconds=3), "ads", pod, "ad-events-ingest", "WARNING", c.zap(t, "warn", "bq/retry.go:58", "retry buffer full, dropping batch", buffered_rows=50000, dropped_rows=500), node=node, stream="stderr")
            return f
        return None
    ads_traffic(c, ingest_hook=ihook)
    # reconciliation job at 06:30
    tr = c.at(30)
    ex2 = "ads-billing-reconcile-" + c.rid(5)
    c.sched(tr, "ads-billing-reconcile", "https://run.googleapis.com/v2/projects/%s/locations/%s/jobs/ads-billing-reconcile:run" % (P, REGION))
    c.sched(tr + dt.timedelta(seconds=0.5), "ads-billing-reconcile", "https://run.googleapis.com/v2/projects/%s/locations/%s/jobs/ads-billing-reconcile:run" % (P, REGION), finished=True)
    rl = lambda t, s, m: c.job_log(t, "ads-billing-reconcile", ex2, 0, s, m)
    rl(tr + dt.timedelta(seconds=21), "INFO", "Reconciling served vs stored impressions for hour 2025-03-15T06")
    rl(tr + dt.timedelta(seconds=33), "ERROR", "impression count mismatch for hour 2025-03-15T06: served=1,204,331 stored=1,051,876 (delta 12.7%)")
    for i, camp in enumerate(["c-40018", "c-40231", "c-41002", "c-39877"]):
        rl(tr + dt.timedelta(seconds=34 + i * 0.2), "WARNING", "campaign %s under-billed: %d impressions missing from ad_events.impressions_live" % (camp, c.r.randint(8000, 60000)))
    rl(tr + dt.timedelta(seconds=36), "ERROR", "reconcile finished with 1 mismatched hour(s); invoices for 2025-03-15 held for review")
    for t in every(c, 60, offset=50):
        ok = not (tdel <= t < nf_end + dt.timedelta(seconds=90))
        go_line(c, t, "ad-events-ingest", "info" if ok else "warn", "stream stats", caller="bq/stats.go:22", rows_per_s=c.r.randint(650, 760) if ok else c.r.randint(0, 40), retry_buffer_rows=0 if ok else 50000)
    # background
    api_traffic(c, 22)
    arena_traffic(c)
    cdn_traffic(c, 15)
    periodic(c)
    distractor_play(c, 0.5)
    for t in poisson(c, 1.0):
        c.k8s(t, "ads", pods_for(c, "ad-events-ingest", 2)[0][0], "ad-events-ingest", "WARNING", c.zap(t, "warn", "bq/stream.go:181", "insertAll: row rejected",
              table="ad_events.clicks_live", reason="invalid", message="no such field: device_ifa_v2."), node=pods_for(c, "ad-events-ingest", 2)[0][1], stream="stderr")
    return c, {
        "title": "Nightly ads-rollup job drops and recreates the streaming table impressions_live; streamed impressions lost",
        "root_cause": {"evidence": ["TableService.DeleteTable", "drop + create"], "category": "code-bug", "must_mention": ["impressions_live", "ads-rollup"]},
        "symptoms": [{"evidence": "Not found: Table lumaforge-prod:ad_events.impressions_live"}, {"evidence": "impression count mismatch"}, {"evidence": "retry buffer full"}],
        "distractors": [{"evidence": "no such field: device_ifa_v2"}, {"evidence": "purchaseToken already consumed"}, {"evidence": "lumaforge-legacy-assets"}],
        "priority": "P2"}


@incident
def filestore_restore(out):
    c = Ctx("filestore-restore-stale-handles", "2025-03-16T14:20:00Z", 50, 1703)
    op = {"id": "operation-1742134620112-63074b1c2aa58-8d0fc1e2-5b3f7a90", "producer": "file.googleapis.com"}
    fsres = {"labels": {"method": "google.cloud.filestore.v1.CloudFilestoreManager.RestoreInstance", "project_id": P, "service": "file.googleapis.com"}, "type": "audited_resource"}
    c.audit(P_("2025-03-16T14:17:02Z"), fsres, "file.googleapis.com", "google.cloud.filestore.v1.CloudFilestoreManager.RestoreInstance",
            "projects/%s/locations/us-central1-b/instances/arena-assets" % P, "nadia.kowalczyk@lumaforge.gg",
            request={"@type": "type.googleapis.com/google.cloud.filestore.v1.RestoreInstanceRequest", "fileShare": "assets",
                     "name": "projects/%s/locations/us-central1-b/instances/arena-assets" % P,
                     "sourceBackup": "projects/%s/locations/us-central1/backups/arena-assets-20250316-0400" % P},
            ua="google-cloud-sdk gcloud/506.0.0 command/gcloud.filestore.instances.restore", ip="203.0.113.44", op=dict(op, first=True))
    fault = P_("2025-03-16T14:26:37Z")
    c.audit(fault, fsres, "file.googleapis.com", "google.cloud.filestore.v1.CloudFilestoreManager.RestoreInstance",
            "projects/%s/locations/us-central1-b/instances/arena-assets" % P, "nadia.kowalczyk@lumaforge.gg",
            response={"@type": "type.googleapis.com/google.cloud.filestore.v1.Instance", "name": "projects/%s/locations/us-central1-b/instances/arena-assets" % P, "state": "READY"},
            ua="google-cloud-sdk gcloud/506.0.0 command/gcloud.filestore.instances.restore", ip="203.0.113.44", op=dict(op, last=True))
    bad = set(g["pod"] for g in c.arena[:8])  # pods whose page cache was cold for the selected map

    def ahook(c_, t, gs, match):
        if t >= fault and gs["pod"] in bad and c.r.random() < 0.8:
            def fail(t, gl, mid):
                gl(t + dt.timedelta(seconds=0.8), "E", "map_loader.cc:88", "open(\"/mnt/assets/maps/%s.pak\") failed: Stale file handle (errno=116)" % match["map"])
                gl(t + dt.timedelta(seconds=0.9), "E", "allocator.cc:131", "Match %s allocation aborted: MAP_LOAD_FAILED; returning to pool" % mid)
                go_line(c, t + dt.timedelta(seconds=1.1), "matchmaker", "error", "gameserver rejected match, requeueing players", caller="mm/allocate.go:188",
                        match_id=mid, gameserver=gs["pod"], reason="MAP_LOAD_FAILED", players=match["players"])
            return {"fail": fail, "no_load_log": True, "next": c.r.uniform(20, 50)}
        return None
    arena_traffic(c, ahook)
    # asset-sync sidecar chatter
    for gs in c.arena:
        for t in every(c, 120, jitter=20, offset=c.r.uniform(0, 100)):
            if t >= fault and gs["pod"] in bad:
                c.k8s(t, "gameservers", gs["pod"], "asset-sync", "ERROR", "asset-sync: stat /mnt/assets/maps/.version: Stale file handle", node=gs["node"], stream="stderr", app="arena-server")
            else:
                c.k8s(t, "gameservers", gs["pod"], "asset-sync", "INFO", "asset-sync: assets version 2025.03.16-0400 ok (412 files)", node=gs["node"], app="arena-server")

    def hook(t, m, path, svc, pid):
        if svc == "matchmaker" and "status" in path and t >= fault + dt.timedelta(seconds=60) and c.r.random() < 0.4:
            return {"latency": c.r.uniform(0.02, 0.08)}
        return None
    api_traffic(c, 40, hook)
    for t in every(c, 60, offset=20):
        m = c.mins(t)
        if t > fault + dt.timedelta(seconds=90):
            go_line(c, t + dt.timedelta(seconds=1), "matchmaker", "warn", "queue wait above SLO", caller="mm/stats.go:48", region="usc1",
                    p95_wait_s=round(c.r.uniform(180, 420), 1), slo_s=90, ready_gameservers=c.r.randint(1, 4))
    cdn_traffic(c, 20)
    ads_traffic(c)
    periodic(c)
    distractor_anticheat(c, 0.8)
    distractor_telemetry(c, 1.0)
    return c, {
        "title": "In-place Filestore restore of arena-assets leaves NFS clients with stale file handles; matches fail to load maps",
        "root_cause": {"evidence": ["RestoreInstance"], "category": "other", "must_mention": ["Filestore", "restore"]},
        "symptoms": [{"evidence": "Stale file handle (errno=116)"}, {"evidence": "MAP_LOAD_FAILED"}, {"evidence": "queue wait above SLO"}],
        "distractors": [{"evidence": "client signature mismatch"}, {"evidence": "dropping oversized client event"}, {"evidence": "lumaforge-legacy-assets"}],
        "priority": "P1"}


@incident
def cdn_cache_key(out):
    c = Ctx("cdn-cache-key-drops-query-string", "2025-03-17T09:00:00Z", 40, 1704)
    fault = c.at(8) + dt.timedelta(seconds=13)
    res = {"labels": {"backend_service_id": "5512093381742213", "project_id": P}, "type": "gce_backend_service"}
    op = {"id": "operation-1742202493815-630789e0b47f1-2aa6e7bd-0b81f244", "producer": "compute.googleapis.com"}
    c.audit(fault, res, "compute.googleapis.com", "v1.compute.backendServices.patch",
            "projects/%s/global/backendServices/remote-config-backend" % P, "maria.okafor@lumaforge.gg",
            request={"@type": "type.googleapis.com/compute.backendServices.patch",
                     "cdnPolicy": {"cacheKeyPolicy": {"includeHost": True, "includeProtocol": True, "includeQueryString": False}, "cacheMode": "CACHE_ALL_STATIC", "defaultTtl": 300}},
            response={"@type": "type.googleapis.com/operation", "operationType": "patch", "status": "RUNNING", "targetLink": "https://www.googleapis.com/compute/v1/projects/%s/global/backendServices/remote-config-backend" % P},
            op=dict(op, first=True), ip="198.51.100.23")
    c.audit(fault + dt.timedelta(seconds=11), res, "compute.googleapis.com", "v1.compute.backendServices.patch",
            "projects/%s/global/backendServices/remote-config-backend" % P, "maria.okafor@lumaforge.gg", op=dict(op, last=True), ip="198.51.100.23")
    state = {"cached": None}
    active = fault + dt.timedelta(seconds=40)

    def chook(t, plat, build, region):
        if t < active:
            return None
        if state["cached"] is None or c.r.random() < 0.004:
            state["cached"] = ("android", "5118")
            return {"hit": False}
        return {"hit": c.r.random() < 0.995, "size": 15218}
    config_traffic(c, 26, chook)
    # client-side symptoms via telemetry
    for t in poisson(c, 14, active + dt.timedelta(seconds=20)):
        plat = c.r.choice(["ios", "ios", "windows"])
        c.run_log(t, "telemetry-collector", "telemetry-collector-00412-zul", "WARNING",
                  c.slog(t, "WARNING", "client config validation failed: platform mismatch want=%s got=android" % plat, build="5120", player_id=c.pid(), event_type="config_error"))
    for t in poisson(c, 5, active + dt.timedelta(seconds=60)):
        c.run_log(t, "crash-ingest", "crash-ingest-00077-hab", "ERROR",
                  c.pyj(t, "ERROR", "crash spike: signature=RemoteConfigParser.parse NullPointerException platform=ios build=5120 count_5m=%d" % c.r.randint(300, 1400), "crashes.aggregator"))
    for t in every(c, 60, offset=15):
        fill = 0 if t > active else c.r.randint(320, 480)
        c.k8s(t, "ads", pods_for(c, "ad-config", 2)[0][0], "ad-config", "INFO", c.spring(t, "INFO", "metrics-1", "g.l.ads.config.OriginStats",
              "origin requests last 60s=%d cache_fill=%d" % (fill, fill)), node=pods_for(c, "ad-config", 2)[0][1])
    api_traffic(c, 40)
    arena_traffic(c)
    cdn_traffic(c, 35)
    ads_traffic(c)
    periodic(c)
    distractor_play(c, 0.8)
    for t in poisson(c, 1.5):
        c.lb(t, "cdn.lumaforge.gg", "/patch/5.1.2/chunk_%03d.pak" % c.r.randint(1, 400), "GET", 206, c.r.uniform(2, 30), "assets-backend-bucket",
             size=c.r.randint(100000, 900000), cache=True, details="response_from_cache", urlmap="lumaforge-cdn-urlmap")
    return c, {
        "title": "Cloud CDN cache key on remote-config-backend stops including the query string; every platform gets one cached Android config",
        "root_cause": {"evidence": ["includeQueryString"], "category": "configuration", "must_mention": ["query string", "remote-config"]},
        "symptoms": [{"evidence": "platform mismatch"}, {"evidence": "RemoteConfigParser.parse"}],
        "distractors": [{"evidence": "purchaseToken already consumed"}, {"evidence": "lumaforge-legacy-assets"}],
        "priority": "P1"}


@incident
def iap_public_api(out):
    c = Ctx("iap-enabled-on-public-api-backend", "2025-03-18T16:30:00Z", 40, 1705)
    fault = c.at(12) + dt.timedelta(seconds=5)
    res = {"labels": {"backend_service_id": "3391028477012281", "project_id": P}, "type": "gce_backend_service"}
    # legit IAP change on admin console earlier
    res2 = {"labels": {"backend_service_id": "8840021193377650", "project_id": P}, "type": "gce_backend_service"}
    c.audit(c.at(4), {"labels": {"project_id": P, "method": "SetIamPolicy", "service": "iap.googleapis.com"}, "type": "audited_resource"},
            "iap.googleapis.com", "SetIamPolicy", "projects/%s/iap_web/compute/services/admin-console-backend" % PNUM, "devon.li@lumaforge.gg",
            request={"@type": "type.googleapis.com/google.iam.v1.SetIamPolicyRequest", "policy": {"bindings": [{"members": ["group:liveops@lumaforge.gg"], "role": "roles/iap.httpsResourceAccessor"}]}},
            ua="google-cloud-sdk gcloud/506.0.0 command/gcloud.iap.web.add-iam-policy-binding", ip="198.51.100.71")
    c.audit(fault, res, "compute.googleapis.com", "v1.compute.backendServices.patch",
            "projects/%s/global/backendServices/api-public-backend" % P, "devon.li@lumaforge.gg",
            request={"@type": "type.googleapis.com/compute.backendServices.patch", "iap": {"enabled": True, "oauth2ClientId": "418822093317-5r0v3kq9a2m1l7t4.apps.googleusercontent.com", "oauth2ClientSecretSha256": "REDACTED"}},
            response={"@type": "type.googleapis.com/operation", "operationType": "patch", "status": "RUNNING"},
            ua="google-cloud-sdk gcloud/506.0.0 command/gcloud.iap.web.enable", ip="198.51.100.71",
            op={"id": "operation-1742316005122-6309a1c3-iap", "producer": "compute.googleapis.com", "first": True})
    active = fault + dt.timedelta(seconds=50)

    def hook(t, m, path, svc, pid):
        if t >= active and svc not in ("store-api", "leaderboard-api"):
            return {"status": 302, "latency": c.r.uniform(0.003, 0.012), "details": "handled_by_identity_aware_proxy", "nobackend": True}
        return None
    api_traffic(c, 48, hook)
    for t in poisson(c, 9, active + dt.timedelta(seconds=15)):
        c.run_log(t, "telemetry-collector", "telemetry-collector-00412-zul", "ERROR",
                  c.slog(t, "ERROR", "client login failed: unexpected content-type text/html from /v1/session/refresh (HTTP 302 -> accounts.google.com)", build="5120", player_id=c.pid(), event_type="login_error"))
    for t in every(c, 60, offset=25):
        if t > active + dt.timedelta(seconds=60):
            go_line(c, t + dt.timedelta(seconds=2), "session-auth", "warn", "session refresh rate dropped", caller="auth/metrics.go:71", per_min=c.r.randint(0, 3), baseline_per_min=620)
    arena_traffic(c)
    cdn_traffic(c, 25)
    config_traffic(c, 8)
    ads_traffic(c)
    periodic(c)
    for t in poisson(c, 0.6):
        c.run_log(t, "admin-console", "admin-console-00044-vir", "WARNING", c.pyj(t, "WARNING", "Forbidden (CSRF token missing.): /liveops/events/%d/publish" % c.r.randint(100, 999), "django.security.csrf"))
    distractor_telemetry(c, 1.0)
    return c, {
        "title": "IAP enabled on api-public-backend instead of the admin console; all game client API calls redirected to Google sign-in",
        "root_cause": {"evidence": ["oauth2ClientId"], "category": "configuration", "must_mention": ["IAP", "api-public-backend"]},
        "symptoms": [{"evidence": "handled_by_identity_aware_proxy"}, {"evidence": "unexpected content-type text/html"}, {"evidence": "session refresh rate dropped"}],
        "distractors": [{"evidence": "CSRF token missing"}, {"evidence": "dropping oversized client event"}, {"evidence": "lumaforge-legacy-assets"}],
        "priority": "P0"}


@incident
def gke_autoupgrade(out):
    c = Ctx("gke-auto-upgrade-drains-game-servers", "2025-03-19T19:50:00Z", 50, 1706)
    tup = c.at(7) + dt.timedelta(seconds=12)
    npres = {"labels": {"cluster_name": CLUSTER, "location": REGION, "nodepool_name": "arena-pool", "project_id": P}, "type": "gke_nodepool"}
    c.add(tup, npres, "container.googleapis.com%2Fnotifications", "NOTICE",
          {"@type": "type.googleapis.com/google.container.v1beta1.UpgradeEvent", "currentVersion": "1.29.10-gke.1227000",
           "operation": "operation-1742414232-7d2a9e10", "operationStartTime": fmt(tup), "resource": "projects/%s/locations/%s/clusters/%s/nodePools/arena-pool" % (P, REGION, CLUSTER),
           "resourceType": "NODE_POOL", "targetVersion": "1.30.6-gke.1125000"})
    # node-by-node surge upgrade: each ~9 min
    drains = {}
    for i, node in enumerate(c.nodes["arena-pool"]):
        td = tup + dt.timedelta(seconds=90 + i * 540)
        drains[node] = td
        c.kevent(td - dt.timedelta(seconds=3), "Node", node, None, "NodeNotSchedulable", "Node %s status is now: NodeNotSchedulable" % node, host=node)
        newnode = "gke-gke-prod-usc1-arena-pool-3f9a1c2e-%s" % c.rid(4)
        c.kevent(td - dt.timedelta(seconds=60), "Node", newnode, None, "RegisteredNode", "Node %s event: Registered Node %s in Controller" % (newnode, newnode), component="node-controller")
        c.kevent(td + dt.timedelta(seconds=40), "Node", node, None, "RemovingNode", "Node %s event: Removing Node %s from Controller" % (node, node), component="node-controller")
    aborted = set()

    def ahook(c_, t, gs, match):
        td = drains[gs["node"]]
        end = t + dt.timedelta(seconds=match["dur"])
        if t < td < end:
            def abort(ta, gl, mid):
                c.kevent(ta, "Pod", gs["pod"], "gameservers", "Killing", "Stopping container arena-server", host=gs["node"])
                gl(ta + dt.timedelta(seconds=0.1), "W", "signals.cc:52", "Received SIGTERM; 1 active match(es), terminationGracePeriodSeconds=30 but match %s has ~%ds remaining" % (mid, int((end - ta).total_seconds())))
                gl(ta + dt.timedelta(seconds=29), "E", "match_runner.cc:355", "Aborting match %s: server shutting down (reason=SERVER_SHUTDOWN, %d players disconnected)" % (mid, match["players"]))
                go_line(c, ta + dt.timedelta(seconds=29.5), "matchmaker", "error", "match ended abnormally", caller="mm/results.go:91", match_id=mid, gameserver=gs["pod"], reason="SERVER_SHUTDOWN", players=match["players"])
                for k in range(match["players"]):
                    if c.r.random() < 0.3:
                        c.run_log(ta + dt.timedelta(seconds=30 + c.r.uniform(0, 20)), "telemetry-collector", "telemetry-collector-00412-zul", "WARNING",
                                  c.slog(ta, "WARNING", "client disconnected from match: server closed connection", match_id=mid, player_id=c.pid(), event_type="disconnect"))
                aborted.add(gs["pod"])
                # pod rescheduled
                newpod = "arena-server-%s-%s" % (c.rid(5), c.rid(5))
                nn = c.nodes["arena-pool"][(c.nodes["arena-pool"].index(gs["node"]) + 1) % 4]
                c.kevent(ta + dt.timedelta(seconds=35), "Pod", newpod, "gameservers", "Scheduled", "Successfully assigned gameservers/%s to %s" % (newpod, nn), component="default-scheduler")
                gs["pod"] = newpod
                gs["node"] = nn
            return {"abort_at": td + dt.timedelta(seconds=c.r.uniform(0, 30)), "abort": abort}
        return None
    arena_traffic(c, ahook)
    api_traffic(c, 45)
    cdn_traffic(c, 25)
    ads_traffic(c)
    periodic(c)
    distractor_play(c, 0.7)
    for t in poisson(c, 0.5):
        go_line(c, t, "session-auth", "warn", "login rate limited", caller="auth/ratelimit.go:40", remote_ip="203.0.113.%d" % c.r.randint(2, 250), attempts_1m=c.r.randint(40, 90))
    return c, {
        "title": "GKE auto-upgrade of arena-pool drains nodes mid-match (30s grace period, no maintenance exclusion); live matches aborted",
        "root_cause": {"evidence": ["UpgradeEvent", "1.30.6-gke.1125000"], "category": "configuration", "must_mention": ["upgrade", "arena-pool"]},
        "symptoms": [{"evidence": "reason=SERVER_SHUTDOWN"}, {"evidence": "Received SIGTERM"}, {"evidence": "server closed connection"}],
        "distractors": [{"evidence": "login rate limited"}, {"evidence": "purchaseToken already consumed"}, {"evidence": "lumaforge-legacy-assets"}],
        "priority": "P2"}


@incident
def dataflow_poison(out):
    c = Ctx("dataflow-pacing-stuck-on-bad-bid-price", "2025-03-20T11:30:00Z", 50, 1707)
    jobid = "2025-03-01_02_11_07-1029384756102938475"
    fault = c.t0 - dt.timedelta(minutes=4)
    trace = ("java.lang.NumberFormatException: For input string: \"1.25e6\"\n"
             "\tat java.base/java.lang.NumberFormatException.forInputString(NumberFormatException.java:67)\n"
             "\tat java.base/java.lang.Long.parseLong(Long.java:711)\n"
             "\tat java.base/java.lang.Long.parseLong(Long.java:836)\n"
             "\tat gg.lumaforge.ads.pacing.ParseBidEventFn.processElement(ParseBidEventFn.kt:57)\n"
             "\tat gg.lumaforge.ads.pacing.ParseBidEventFn$DoFnInvoker.invokeProcessElement(Unknown Source)\n"
             "\tat org.apache.beam.runners.dataflow.worker.StreamingModeExecutionContext.invokeProcessElement(StreamingModeExecutionContext.java:412)")
    for t in every(c, 47, jitter=20, offset=5):
        c.df(t, "ad-spend-pacing", jobid, "ParseBidEvent", "ERROR",
             "Error message from worker: Execution of work for computation 'F7' on key '%s' failed with uncaught exception. Work will be retried locally.\n%s" % ("app-%05d" % c.r.choice([10442, 10442, 31377]), trace),
             logger="org.apache.beam.runners.dataflow.worker.streaming.StreamingModeExecutionContext")
    for t in every(c, 300, offset=90):
        mins_stuck = int((t - fault).total_seconds() // 60)
        c.df(t, "ad-spend-pacing", jobid, "ParseBidEvent", "WARNING",
             "Operation ongoing in step ParseBidEvent for at least %02dm00s without outputting or completing in state process-timers" % mins_stuck,
             logger="org.apache.beam.runners.dataflow.worker.DataflowOperationContext")
        c.df(t + dt.timedelta(seconds=2), "ad-spend-pacing", jobid, "ReadBidEvents", "WARNING",
             "Processing stuck in step ParseBidEvent for at least %02dm00s without outputting or completing. Data freshness: %dm" % (mins_stuck, mins_stuck + 1), log="job-message")
    # normal-looking worker chatter
    for t in every(c, 120, jitter=30):
        c.df(t, "ad-spend-pacing", jobid, "WriteSpendToBigtable", "INFO", "Flushed %d mutations to bigtable table campaign_spend" % c.r.randint(0, 12),
             logger="gg.lumaforge.ads.pacing.BigtableSpendWriter")
    # pacer symptoms
    for t in every(c, 60, offset=10):
        lag = int((t - fault).total_seconds() // 60)
        c.k8s(t, "ads", pods_for(c, "ad-pacer", 2)[0][0], "ad-pacer", "WARNING" if lag > 5 else "INFO",
              c.slog(t, "WARNING" if lag > 5 else "INFO", "pacing data stale: last spend update %dm ago; holding budget multipliers" % lag, campaigns_active=1422), node=pods_for(c, "ad-pacer", 2)[0][1])
    for t in poisson(c, 0.8, c.at(18)):
        c.k8s(t, "ads", pods_for(c, "ad-pacer", 2)[1][0], "ad-pacer", "ERROR",
              c.slog(t, "ERROR", "campaign overspend detected", campaign_id="c-%05d" % c.r.randint(39000, 41999), spend_pct_of_daily=c.r.randint(104, 171)), node=pods_for(c, "ad-pacer", 2)[1][1])
    # upstream SDK release note (context, benign INFO)
    c.k8s(c.at(2), "ads", pods_for(c, "ad-config", 2)[0][0], "ad-config", "INFO",
          c.spring(c.at(2), "INFO", "scheduling-1", "g.l.ads.config.SdkRegistry", "sdk version share: lumaads-ios 3.2.0=18.2% 3.1.4=71.9% other=9.9%"), node=pods_for(c, "ad-config", 2)[0][1])
    ads_traffic(c)
    api_traffic(c, 30)
    arena_traffic(c)
    periodic(c, df_chatter=False)
    for t in every(c, 300, offset=200):
        c.df(t, "ad-spend-pacing", jobid, "WriteSpendToBigtable", "INFO", "Autoscaling: Raised the number of workers to %d based on the rate of progress in the currently running stage(s)." % c.r.randint(6, 10), log="job-message")
    for t in poisson(c, 1.0):
        c.k8s(t, "ads", pods_for(c, "ad-events-ingest", 2)[0][0], "ad-events-ingest", "WARNING", c.zap(t, "warn", "bq/stream.go:181", "insertAll: row rejected",
              table="ad_events.clicks_live", reason="invalid", message="no such field: device_ifa_v2."), node=pods_for(c, "ad-events-ingest", 2)[0][1], stream="stderr")
    distractor_telemetry(c, 1.0)
    return c, {
        "title": "Dataflow ad-spend-pacing stuck retrying bid events whose bid_price_micros is in scientific notation; budgets not paced",
        "root_cause": {"evidence": ["NumberFormatException", "1.25e6"], "category": "code-bug", "must_mention": ["ParseBidEvent", "NumberFormatException"]},
        "symptoms": [{"evidence": "Processing stuck in step"}, {"evidence": "pacing data stale"}, {"evidence": "campaign overspend detected"}],
        "distractors": [{"evidence": "no such field: device_ifa_v2"}, {"evidence": "Autoscaling: Raised the number of workers"}, {"evidence": "lumaforge-legacy-assets"}],
        "priority": "P1"}


@incident
def scheduler_dup_grants(out):
    c = Ctx("scheduler-retries-duplicate-daily-rewards", "2025-03-20T23:50:00Z", 45, 1708)
    url = "https://rewards-worker-q3xv7lmt4a-uc.a.run.app/tasks/grant-daily"
    rev = "rewards-worker-00093-wop"
    starts = [P_("2025-03-21T00:00:00Z") + dt.timedelta(seconds=0.4)]
    # attempt deadline 180s, job now takes ~255s; retry after backoff 10s, 20s
    for k in range(3):
        ts = starts[-1]
        c.sched(ts, "daily-rewards-grant", url)
        dur = c.r.uniform(248, 262)
        rid = c.hexid(8)
        rl = lambda t, s, m, **kw: c.run_log(t, "rewards-worker", rev, s, c.pyj(t, s, m, "rewards.grant", request_id=rid, **kw))
        rl(ts + dt.timedelta(seconds=0.3), "INFO", "daily grant started for reward_date=2025-03-21 batch_size=5000")
        for b in range(0, 83):
            rl(ts + dt.timedelta(seconds=1 + b * 3.0), "INFO", "granted batch %d/83: 5000 players, reward_type=daily_login gems=20" % (b + 1))
        rl(ts + dt.timedelta(seconds=dur), "INFO", "Granted daily reward batch: 412,880 players in %.1fs" % dur)
        c.run_req(ts + dt.timedelta(seconds=dur), "rewards-worker", rev, "rewards-worker-q3xv7lmt4a-uc.a.run.app", "/tasks/grant-daily", "POST", 200, dur, ua="Google-Cloud-Scheduler")
        if k < 2:
            tf = ts + dt.timedelta(seconds=180)
            c.sched(tf, "daily-rewards-grant", url, status="DEADLINE_EXCEEDED", finished=True,
                    debug="URL_CONNECTION_ERROR-ERROR_OTHER. Original HTTP response code number = 0")
            starts.append(tf + dt.timedelta(seconds=10 * (2 ** k)))
        else:
            c.sched(ts + dt.timedelta(seconds=180), "daily-rewards-grant", url, status="DEADLINE_EXCEEDED", finished=True,
                    debug="URL_CONNECTION_ERROR-ERROR_OTHER. Original HTTP response code number = 0")
    # economy symptoms
    first_dup = starts[1] + dt.timedelta(seconds=5)
    for t in poisson(c, 30, first_dup, first_dup + dt.timedelta(seconds=520)):
        go_line(c, t, "player-profile", "warn", "duplicate ledger entry", caller="ledger/append.go:77", player_id=c.pid(), reason="daily_login", reward_date="2025-03-21", existing_entries=2 if t < starts[2] else 3)
    for t in every(c, 120, offset=40):
        if t > first_dup + dt.timedelta(seconds=60):
            c.k8s(t, "platform", "economy-monitor-6c8f9d7b5d-kx2qp", "economy-monitor", "ERROR",
                  c.slog(t, "ERROR", "gem issuance anomaly: %.2fx expected for reward_type=daily_login" % (2.0 if t < starts[2] + dt.timedelta(seconds=60) else 3.0 + c.r.uniform(0, 0.05)), window="1h", expected=8257600),
                  node=c.nodes["platform-pool"][0], app="economy-monitor")
        else:
            c.k8s(t, "platform", "economy-monitor-6c8f9d7b5d-kx2qp", "economy-monitor", "INFO",
                  c.slog(t, "INFO", "issuance within bounds", window="1h"), node=c.nodes["platform-pool"][0], app="economy-monitor")
    # midnight: season rollover workflow (retries 429 from leaderboard - distractor)
    wid = "a7d40e21-51b3-4ac1-8f6a-13b9e2d0cc41"
    t = P_("2025-03-21T00:00:00Z") + dt.timedelta(seconds=2)
    c.wf(t, "daily-reset", wid, "Execution started", "ACTIVE")
    for k in range(4):
        c.wf(t + dt.timedelta(seconds=5 + k * 8), "daily-reset", wid, "Retrying step 'publish_quests' after HTTP 429 from quest-service (attempt %d/5)" % (k + 1), "ACTIVE", sev="WARNING")
    c.wf(t + dt.timedelta(seconds=45), "daily-reset", wid, "Execution succeeded", "SUCCEEDED")
    # store API purchases of gems drop? no. background
    api_traffic(c, 40)
    arena_traffic(c)
    cdn_traffic(c, 20)
    ads_traffic(c)
    periodic(c)
    for t in poisson(c, 0.7):
        c.run_log(t, "leaderboard-api", "leaderboard-api-00118-qoz", "WARNING",
                  "/usr/local/lib/python3.11/site-packages/google/cloud/bigtable/data/_async/client.py:212: ResourceWarning: unclosed <ssl.SSLSocket fd=%d, family=2, type=1, proto=6>" % c.r.randint(9, 60), stream="stderr")
    distractor_play(c, 0.6)
    return c, {
        "title": "daily-rewards-grant Scheduler attempt deadline (180s) shorter than the grant run (~255s); retries re-run the non-idempotent grant",
        "root_cause": {"evidence": ["DEADLINE_EXCEEDED"], "category": "configuration", "must_mention": ["daily-rewards-grant", "deadline"]},
        "symptoms": [{"evidence": "gem issuance anomaly"}, {"evidence": "duplicate ledger entry"}],
        "distractors": [{"evidence": "after HTTP 429 from quest-service"}, {"evidence": "ResourceWarning: unclosed"}, {"evidence": "purchaseToken already consumed"}],
        "priority": "P2"}


@incident
def cert_issuer_switch(out):
    c = Ctx("session-auth-cert-from-private-ca", "2025-03-22T13:00:00Z", 45, 1709)
    fault = c.at(12) + dt.timedelta(seconds=4)
    cm_pod, cm_node = "cert-manager-6d9c8f7b4-2lqzr", c.nodes["platform-pool"][1]
    # argocd sync that changed issuerRef (audit)
    c.audit(fault - dt.timedelta(seconds=9), {"labels": {"cluster_name": CLUSTER, "location": REGION, "project_id": P}, "type": "k8s_cluster"},
            "k8s.io", "io.cert-manager.v1.certificates.patch", "cert-manager.io/v1/namespaces/platform/certificates/session-auth-tls",
            "system:serviceaccount:argocd:argocd-application-controller", request={"spec": {"issuerRef": {"kind": "ClusterIssuer", "name": "lumaforge-cas-issuer"}}},
            ua="argocd-application-controller/v2.13.1", ip="10.8.1.14")
    kl = lambda t, lvl, src, msg: c.k8s(t, "cert-manager", cm_pod, "cert-manager-controller", SEVMAP[lvl], c.glog(t, lvl, src, msg, tid=1), node=cm_node, stream="stderr", app="cert-manager")
    c.kevent(fault, "Certificate", "session-auth-tls", "platform", "Issuing", "Issuing certificate as Secret was previously issued by \"ClusterIssuer.cert-manager.io/letsencrypt-prod\"", component="cert-manager-certificates-trigger")
    kl(fault, "I", "trigger_controller.go:215", "\"Certificate must be re-issued\" logger=\"cert-manager.certificates-trigger\" key=\"platform/session-auth-tls\" reason=\"IncorrectIssuer\" message=\"Issuing certificate as Secret was previously issued by \\\"ClusterIssuer.cert-manager.io/letsencrypt-prod\\\"\"")
    c.kevent(fault + dt.timedelta(seconds=1), "Certificate", "session-auth-tls", "platform", "Requested", "Created new CertificateRequest resource \"session-auth-tls-8\"", component="cert-manager-certificates-request-manager")
    c.kevent(fault + dt.timedelta(seconds=4), "Certificate", "session-auth-tls", "platform", "Issuing", "The certificate has been successfully issued", component="cert-manager-certificates-issuing")
    # routine cert-manager chatter
    for t in every(c, 300, jitter=20):
        kl(t, "I", "controller.go:162", "\"re-queuing item due to optimistic locking on resource\" logger=\"cert-manager.certificates-key-manager\" key=\"ads/ad-config-tls\"")
    sa_pods = pods_for(c, "session-auth")
    for i, (pod, node) in enumerate(sa_pods):
        t = fault + dt.timedelta(seconds=50 + i * 7)
        c.k8s(t, "platform", pod, "session-auth", "INFO", c.slog(t, "INFO", "reloaded TLS certificate", path="/tls/tls.crt", serial="5f:1c:9a:03", issuer="CN=LumaForge Internal CA G1,O=LumaForge Games", not_after="2025-06-20T13:12:08Z"), node=node)
    active = fault + dt.timedelta(seconds=75)

    def ahook(c_, t, gs, match):
        if t >= active:
            def fail(t, gl, mid):
                for k in range(min(match["players"], 2)):
                    tt = t + dt.timedelta(seconds=2 + k * 1.3)
                    gl(tt, "E", "session_client.cc:141", "TLS handshake with session-auth.platform.svc:8443 failed: error:0A000086:SSL routines::certificate verify failed (unable to get local issuer certificate)")
                    gl(tt + dt.timedelta(milliseconds=2), "W", "net_session.cc:231", "Player join rejected: session validation unavailable player=%s" % c.pid())
                    go_line(c, tt + dt.timedelta(milliseconds=1), "session-auth", "warn", "http: TLS handshake error from %s:%d: remote error: tls: unknown certificate authority" % (gs["ip"], c.r.randint(30000, 60000)), caller="net/http/server.go:3487")
                gl(t + dt.timedelta(seconds=20), "E", "allocator.cc:150", "Match %s cancelled: 0/%d players verified" % (mid, match["players"]))
                go_line(c, t + dt.timedelta(seconds=20.3), "matchmaker", "error", "gameserver rejected match, requeueing players", caller="mm/allocate.go:188",
                        match_id=mid, gameserver=gs["pod"], reason="SESSION_UNVERIFIED", players=match["players"])
            return {"fail": fail, "next": c.r.uniform(40, 75)}
        return None
    arena_traffic(c, ahook)
    api_traffic(c, 45)
    cdn_traffic(c, 20)
    ads_traffic(c)
    periodic(c)
    for t in every(c, 60, offset=30):
        if t > active + dt.timedelta(seconds=120):
            go_line(c, t + dt.timedelta(seconds=1), "matchmaker", "warn", "queue wait above SLO", caller="mm/stats.go:48", region="usc1", p95_wait_s=round(c.r.uniform(300, 600), 1), slo_s=90, ready_gameservers=12)
    distractor_telemetry(c, 1.2)
    distractor_anticheat(c, 0.5)
    return c, {
        "title": "session-auth certificate re-issued from the private CAS issuer; C++ arena servers' bundled CA store rejects it, players cannot join",
        "root_cause": {"evidence": ["previously issued by", "lumaforge-cas-issuer", "LumaForge Internal CA"], "category": "certificate", "must_mention": ["session-auth", "issuer"]},
        "symptoms": [{"evidence": "certificate verify failed"}, {"evidence": "unknown certificate authority"}, {"evidence": "SESSION_UNVERIFIED"}],
        "distractors": [{"evidence": "dropping oversized client event"}, {"evidence": "client signature mismatch"}, {"evidence": "lumaforge-legacy-assets"}],
        "priority": "P0"}


@incident
def firewall_udp(out):
    c = Ctx("firewall-deny-rule-shadows-game-udp", "2025-03-23T19:05:00Z", 45, 1710)
    fault = P_("2025-03-23T19:03:40Z")  # rule inserted just before the window
    # game ports 7000-7999; rule denies 7000-7499
    affected = [g for g in c.arena if g["port"] < 7500]
    for g in c.arena:
        g["vm"] = g["node"]

    def ahook(c_, t, gs, match):
        if gs["port"] < 7500:
            def fail(t, gl, mid):
                for k in range(match["players"]):
                    tt = t + dt.timedelta(seconds=c.r.uniform(1, 15))
                    if c.r.random() < 0.5:
                        fw_log(c, tt + dt.timedelta(seconds=c.r.uniform(0, 3)), c.ip(), c.r.randint(1024, 65000), gs["ip"], gs["port"], 17, "deny-udp-legacy-voip", 900, gs["node"])
                gl(t + dt.timedelta(seconds=20), "W", "net_session.cc:188", "No client handshake within 20s for %d reserved slot(s) on udp/%d; releasing" % (match["players"], gs["port"]))
                gl(t + dt.timedelta(seconds=30), "E", "allocator.cc:150", "Match %s cancelled: 0/%d players connected" % (mid, match["players"]))
                go_line(c, t + dt.timedelta(seconds=30.4), "matchmaker", "error", "gameserver rejected match, requeueing players", caller="mm/allocate.go:188",
                        match_id=mid, gameserver=gs["pod"], reason="PLAYERS_NOT_CONNECTED", players=match["players"])
                for k in range(3):
                    c.run_log(t + dt.timedelta(seconds=22 + k), "telemetry-collector", "telemetry-collector-00412-zul", "WARNING",
                              c.slog(t, "WARNING", "client failed to connect to game server: udp handshake timeout", server="%s:%d" % (gs["ip"], gs["port"]), player_id=c.pid(), event_type="connect_error"))
            return {"fail": fail, "next": c.r.uniform(60, 150)}
        return None
    arena_traffic(c, ahook)
    distractor_ssh(c, 1.2)
    api_traffic(c, 45)
    cdn_traffic(c, 20)
    ads_traffic(c)
    periodic(c)
    for t in every(c, 60, offset=30):
        go_line(c, t + dt.timedelta(seconds=1), "matchmaker", "warn", "match start failure rate high", caller="mm/stats.go:55", region="usc1", failed_5m=c.r.randint(14, 26), started_5m=c.r.randint(28, 40))
    distractor_play(c, 0.8)
    return c, {
        "title": "New deny-udp-legacy-voip firewall rule (priority 900) blocks UDP 7000-7499; half the game servers unreachable",
        "root_cause": {"evidence": ["deny-udp-legacy-voip"], "category": "network", "must_mention": ["firewall", "deny-udp-legacy-voip"]},
        "symptoms": [{"evidence": "No client handshake within 20s"}, {"evidence": "PLAYERS_NOT_CONNECTED"}, {"evidence": "udp handshake timeout"}],
        "distractors": [{"evidence": "deny-ssh-from-internet"}, {"evidence": "purchaseToken already consumed"}, {"evidence": "lumaforge-legacy-assets"}],
        "priority": "P1"}


@incident
def resourcequota_bidder(out):
    c = Ctx("resourcequota-blocks-ad-bidder-scaleout", "2025-03-24T17:30:00Z", 50, 1711)
    tq = c.at(6) + dt.timedelta(seconds=33)
    c.audit(tq, {"labels": {"cluster_name": CLUSTER, "location": REGION, "project_id": P}, "type": "k8s_cluster"},
            "k8s.io", "io.k8s.core.v1.resourcequotas.update", "core/v1/namespaces/ads/resourcequotas/ads-compute",
            "system:serviceaccount:argocd:argocd-application-controller",
            request={"apiVersion": "v1", "kind": "ResourceQuota", "metadata": {"name": "ads-compute", "namespace": "ads"},
                     "spec": {"hard": {"limits.memory": "256Gi", "requests.cpu": "64", "requests.memory": "128Gi"}}},
            ua="argocd-application-controller/v2.13.1", ip="10.8.1.14")
    # HPA wants to grow as evening traffic ramps
    bpods = pods_for(c, "ad-bidder", 6)
    want = [12]
    blocked_from = c.at(17)
    for i, t in enumerate(every(c, 150, offset=60)):
        desired = 12 + max(0, int((c.mins(t) - 10) / 3.5))
        desired = min(desired, 26)
        if desired != want[-1]:
            c.kevent(t, "HorizontalPodAutoscaler", "ad-bidder", "ads", "SuccessfulRescale",
                     "New size: %d; reason: cpu resource utilization (percentage of request) above target" % desired, component="horizontal-pod-autoscaler")
            want.append(desired)
        if t >= blocked_from:
            for k in range(2):
                c.kevent(t + dt.timedelta(seconds=k * 3), "ReplicaSet", "ad-bidder-7c9d5f6b8", "ads", "FailedCreate",
                         "Error creating: pods \"ad-bidder-7c9d5f6b8-%s\" is forbidden: exceeded quota: ads-compute, requested: requests.cpu=4, used: requests.cpu=64, limited: requests.cpu=64" % c.rid(5),
                         typ="Warning", component="replicaset-controller", count=5 + i)

    def bhook(t, pod):
        m = c.mins(t)
        if t >= blocked_from:
            load = min(1.0, (m - 17) / 15)
            return {"req": c.r.randint(9500, 11200), "p99": 95 + 70 * load + c.r.uniform(-8, 8), "to": int(200 + 2400 * load + c.r.randint(0, 150))}
        return None
    ads_traffic(c, bidder_hook=bhook)
    for t in poisson(c, 10, blocked_from + dt.timedelta(minutes=4)):
        pod, node = c.r.choice(bpods)
        c.k8s(t, "ads", pod, "ad-bidder", "WARNING", c.spring(t, "WARN", "bid-worker-%d" % c.r.randint(1, 32), "g.l.ads.bidder.BidHandler",
              "bid response late for exchange=%s imp=%s: %dms > tmax 120ms; dropped" % (c.r.choice(["adx", "applovin", "unity"]), c.hexid(8), c.r.randint(121, 260))), node=node)
    for t in every(c, 60, offset=45):
        m = c.mins(t)
        fill = 0.91 if t < blocked_from + dt.timedelta(minutes=3) else max(0.55, 0.91 - (m - 20) * 0.012)
        c.k8s(t, "ads", pods_for(c, "ad-pacer", 2)[0][0], "ad-pacer", "INFO" if fill > 0.85 else "WARNING",
              c.slog(t, "INFO" if fill > 0.85 else "WARNING", "fill rate %s" % ("nominal" if fill > 0.85 else "below target"), fill_rate=round(fill + c.r.uniform(-0.01, 0.01), 3), target=0.85), node=pods_for(c, "ad-pacer", 2)[0][1])
    # cluster autoscaler had room (not the cause)
    api_traffic(c, 40)
    arena_traffic(c)
    cdn_traffic(c, 20)
    periodic(c)
    for t in poisson(c, 0.6):
        c.k8s(t, "ads", pods_for(c, "ad-config", 2)[1][0], "ad-config", "WARNING", c.spring(t, "WARN", "http-nio-8080-exec-%d" % c.r.randint(1, 40), "g.l.ads.config.CampaignValidator",
              "deprecated field 'floor_cpm' set on campaign c-%05d; use 'floor_price_micros'" % c.r.randint(39000, 41999)), node=pods_for(c, "ad-config", 2)[1][1])
    distractor_play(c, 0.8)
    return c, {
        "title": "ResourceQuota ads-compute lowered to 64 CPU by a GitOps sync; ad-bidder cannot scale out for evening peak, bids time out",
        "root_cause": {"evidence": ["exceeded quota", "resourcequotas.update"], "category": "capacity", "must_mention": ["ResourceQuota", "ad-bidder"]},
        "symptoms": [{"evidence": "bid response late"}, {"evidence": "fill rate below target"}],
        "distractors": [{"evidence": "deprecated field 'floor_cpm'"}, {"evidence": "purchaseToken already consumed"}, {"evidence": "lumaforge-legacy-assets"}],
        "priority": "P1"}


@incident
def sysctl_rmem(out):
    c = Ctx("udp-rcvbuf-capped-on-new-node-pool", "2025-03-25T21:00:00Z", 50, 1712)
    c3 = ["gke-gke-prod-usc1-arena-c3-pool-0b71e4d2-%s" % s for s in ("pz1a", "f6wq", "r2ny")]
    for i, g in enumerate(c.arena):
        if i % 12 < 5:
            g["node"] = c3[i % 3]
            g["c3"] = True
        else:
            g["c3"] = False
    # new pods started on c3 nodes during window log the capped buffer once each
    def ahook(c_, t, gs, match):
        if gs.get("c3"):
            if not gs.get("started"):
                gs["started"] = True
                ts = t - dt.timedelta(seconds=c.r.uniform(5, 30))
                if ts < c.t0:
                    ts = c.t0 + dt.timedelta(seconds=c.r.uniform(1, 60))
                newpod = "arena-server-%s-%s" % (c.rid(5), c.rid(5))
                gs["pod"] = newpod
                c.kevent(ts - dt.timedelta(seconds=4), "Pod", newpod, "gameservers", "Scheduled", "Successfully assigned gameservers/%s to %s" % (newpod, gs["node"]), component="default-scheduler")
                c.kevent(ts - dt.timedelta(seconds=1), "Pod", newpod, "gameservers", "Started", "Started container arena-server", host=gs["node"])
                c.k8s(ts, "gameservers", newpod, "arena-server", "INFO", c.glog(ts, "I", "main.cc:48", "arena-server 5.1.2-r4417 starting (tickrate=30, udp_port=%d)" % gs["port"]), node=gs["node"], stream="stderr", app="arena-server")
                c.k8s(ts + dt.timedelta(milliseconds=4), "gameservers", newpod, "arena-server", "WARNING",
                      c.glog(ts, "W", "udp_socket.cc:92", "setsockopt(SO_RCVBUF=8388608) capped by kernel: effective 425984 bytes (net.core.rmem_max=212992); expect receive drops under load"),
                      node=gs["node"], stream="stderr", app="arena-server")

            def tick(tt, gl, mid):
                drops = c.r.randint(800, 6000)
                gl(tt, "W", "tick_stats.cc:44", "tick stats match=%s rate=30Hz avg=%.1fms p99=%.1fms overruns=%d clients=%d" % (mid, c.r.uniform(14, 22), c.r.uniform(38, 61), c.r.randint(3, 40), match["players"]))
                gl(tt + dt.timedelta(milliseconds=3), "W", "net_stats.cc:77", "UDP RcvbufErrors +%d in last 60s; input packet loss %.1f%%" % (drops, drops / 900.0))
                if c.r.random() < 0.6:
                    c.run_log(tt + dt.timedelta(seconds=c.r.uniform(1, 20)), "telemetry-collector", "telemetry-collector-00412-zul", "WARNING",
                              c.slog(tt, "WARNING", "client reported high packet loss", loss_pct=round(c.r.uniform(4, 14), 1), server=gs["pod"], player_id=c.pid(), event_type="netstats"))
            return {"tick": tick}
        return None
    arena_traffic(c, ahook)
    # one-off: node pool creation finished earlier; autoscaler chatter mentions pool
    for t in poisson(c, 0.2):
        c.kevent(t, "Node", c.r.choice(c3), None, "NodeHasSufficientPID", "Node status is now: NodeHasSufficientPID", host=c3[0])
    for t in every(c, 60, offset=35):
        go_line(c, t + dt.timedelta(seconds=1), "matchmaker", "warn", "early leave rate elevated", caller="mm/stats.go:62", region="usc1", early_leave_pct=round(c.r.uniform(9, 16), 1), baseline_pct=3.1)
    api_traffic(c, 42)
    cdn_traffic(c, 20)
    ads_traffic(c)
    periodic(c)
    distractor_anticheat(c, 0.9)
    distractor_play(c, 0.6)
    return c, {
        "title": "New arena-c3-pool nodes lack the net.core.rmem_max sysctl; game servers' UDP receive buffers overflow (packet loss, rubber-banding)",
        "root_cause": {"evidence": ["net.core.rmem_max", "SO_RCVBUF"], "category": "resource-exhaustion", "must_mention": ["rmem_max", "arena-c3-pool"]},
        "symptoms": [{"evidence": "RcvbufErrors"}, {"evidence": "client reported high packet loss"}, {"evidence": "early leave rate elevated"}],
        "distractors": [{"evidence": "client signature mismatch"}, {"evidence": "purchaseToken already consumed"}, {"evidence": "lumaforge-legacy-assets"}],
        "priority": "P1"}


@incident
def healthy_peak(out):
    c = Ctx("healthy-evening-peak", "2025-03-26T19:00:00Z", 60, 1713)
    api_traffic(c, 60)
    arena_traffic(c)
    cdn_traffic(c, 40)
    config_traffic(c, 12)
    ads_traffic(c)
    periodic(c)
    # HPA/autoscaler growth
    for i, t in enumerate(every(c, 600, offset=300)):
        c.kevent(t, "HorizontalPodAutoscaler", "ad-bidder", "ads", "SuccessfulRescale", "New size: %d; reason: cpu resource utilization (percentage of request) above target" % (12 + i), component="horizontal-pod-autoscaler")
    c.kevent(c.at(21), "Pod", "arena-server-scale-%s" % c.rid(5), "gameservers", "TriggeredScaleUp",
             "pod triggered scale-up: [{https://www.googleapis.com/compute/v1/projects/%s/zones/us-central1-b/instanceGroups/gke-gke-prod-usc1-arena-pool-3f9a1c2e-grp 4->5 (max: 20)}]" % P, component="cluster-autoscaler")
    # a single transient Bigtable retry burst that self-heals (minor)
    for t in poisson(c, 20, c.at(33), c.at(33.6)):
        go_line(c, t, "player-profile", "warn", "bigtable ReadRows retry", caller="store/bt.go:240", code="Unavailable", attempt=1, table="player_state")
    distractor_play(c, 0.9)
    distractor_telemetry(c, 1.5)
    distractor_anticheat(c, 0.8)
    return c, {
        "title": "Normal evening peak (no incident)",
        "root_cause": None, "symptoms": [],
        "distractors": [{"evidence": "purchaseToken already consumed"}, {"evidence": "dropping oversized client event"}, {"evidence": "lumaforge-legacy-assets"}, {"evidence": "bigtable ReadRows retry"}],
        "priority": "none"}


@incident
def healthy_batch(out):
    c = Ctx("healthy-nightly-batch", "2025-03-27T05:55:00Z", 45, 1714)
    # the nightly ads-rollup job (fixed version: uses TRUNCATE on partitions, no drop)
    ts = c.at(10)
    url = "https://workflowexecutions.googleapis.com/v1/projects/%s/locations/%s/workflows/ads-rollup/executions" % (P, REGION)
    c.sched(ts, "ads-rollup-daily-trigger", url)
    c.sched(ts + dt.timedelta(seconds=0.6), "ads-rollup-daily-trigger", url, finished=True)
    wid = "b27e90c4-0a3d-4e55-8d12-7f0c3ab9d611"
    c.wf(ts + dt.timedelta(seconds=1), "ads-rollup", wid, "Execution started", "ACTIVE")
    ex = "ads-rollup-daily-" + c.rid(5)
    for k in range(4):
        jl = lambda t, s, m: c.job_log(t, "ads-rollup-daily", ex, k, s, m)
        jl(ts + dt.timedelta(seconds=19 + k), "INFO", "ads-rollup-daily v2.9.1 starting shard %d/4 (date=2025-03-26)" % k)
        jl(ts + dt.timedelta(seconds=31 + k * 3), "WARNING", "BigQuery job bqjob_r%s retrying after rateLimitExceeded (attempt 1)" % c.hexid(10) if k == 2 else "Aggregating shard %d" % k)
        jl(ts + dt.timedelta(seconds=95 + k * 6), "INFO", "Wrote %d rows to ad_reporting.daily_impressions (partition 20250326, shard %d)" % (c.r.randint(11000000, 13000000), k))
    c.wf(ts + dt.timedelta(seconds=140), "ads-rollup", wid, "Execution succeeded", "SUCCEEDED")
    # Dataflow batch export + streaming autoscale
    for t in every(c, 180, offset=60):
        c.df(t, "ad-spend-pacing", "2025-03-01_02_11_07-1029384756102938475", "WriteSpendToBigtable", "INFO",
             "Autoscaling: Reduced the number of workers to %d based on low average worker CPU utilization, and the pipeline having sufficiently low backlog and keeping up with input rate." % c.r.randint(2, 4), log="job-message")
    for t in poisson(c, 0.4):
        c.df(t, "ad-spend-pacing", "2025-03-01_02_11_07-1029384756102938475", "WriteSpendToBigtable", "WARNING",
             "Bigtable mutation retry after transient error: UNAVAILABLE (attempt 1/10)", logger="gg.lumaforge.ads.pacing.BigtableSpendWriter")
    api_traffic(c, 18)
    arena_traffic(c)
    cdn_traffic(c, 12)
    ads_traffic(c)
    periodic(c)
    # node pool scale down at night
    for t in every(c, 900, offset=400):
        node = c.r.choice(c.nodes["arena-pool"])
        c.kevent(t, "Node", node, None, "ScaleDown", "marked the node as toBeDeleted/unschedulable", component="cluster-autoscaler", host=node)
    distractor_play(c, 0.4)
    for t in poisson(c, 1.0):
        c.k8s(t, "ads", pods_for(c, "ad-events-ingest", 2)[0][0], "ad-events-ingest", "WARNING", c.zap(t, "warn", "bq/stream.go:181", "insertAll: row rejected",
              table="ad_events.clicks_live", reason="invalid", message="no such field: device_ifa_v2."), node=pods_for(c, "ad-events-ingest", 2)[0][1], stream="stderr")
    return c, {
        "title": "Normal nightly batch window (no incident)",
        "root_cause": None, "symptoms": [],
        "distractors": [{"evidence": "no such field: device_ifa_v2"}, {"evidence": "rateLimitExceeded"}, {"evidence": "lumaforge-legacy-assets"}, {"evidence": "purchaseToken already consumed"}],
        "priority": "none"}


def main():
    out = sys.argv[1]
    for fn in INCIDENTS:
        SVC_PODS.clear()
        c, truth = fn(out)
        ents = sorted(c.E, key=lambda e: (e["timestamp"], e["insertId"]), reverse=True)
        d = os.path.join(out, c.iid)
        os.makedirs(d, exist_ok=True)
        data = json.dumps(ents, indent=2).encode()
        buf = io.BytesIO()
        with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0) as g:
            g.write(data)
        with open(os.path.join(d, "logs.json.gz"), "wb") as f:
            f.write(buf.getvalue())
        t = {"id": c.iid, "title": truth["title"],
             "window": {"start": c.t0.strftime("%Y-%m-%dT%H:%M:%SZ"), "end": c.t1.strftime("%Y-%m-%dT%H:%M:%SZ")},
             "root_cause": truth["root_cause"], "symptoms": truth["symptoms"], "distractors": truth["distractors"], "priority": truth["priority"]}
        with open(os.path.join(d, "truth.json"), "w") as f:
            json.dump(t, f, indent=2)
            f.write("\n")
        print("%-45s %6d entries" % (c.iid, len(ents)))


if __name__ == "__main__":
    main()
