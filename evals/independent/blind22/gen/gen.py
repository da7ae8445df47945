#!/usr/bin/env python3
"""blind22 generator: 14 chaos / fault-injection incidents (12 faults + 2 healthy).
Usage: python gen.py OUTDIR   (stdlib only, deterministic)"""
import gzip, json, math, os, random, sys
from datetime import datetime, timedelta, timezone

AUDIT = "type.googleapis.com/google.cloud.audit.AuditLog"
LBT = "type.googleapis.com/google.cloud.loadbalancing.type.LoadBalancerLogEntry"
UAS = ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
       "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
       "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
       "Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0",
       "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36"]


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class Inc:
    def __init__(s, iid, project, start, minutes, seed):
        s.id, s.p = iid, project
        s.t0 = datetime.fromisoformat(start).replace(tzinfo=timezone.utc)
        s.t1 = s.t0 + timedelta(minutes=minutes)
        s.mins = minutes
        s.r = random.Random(seed)
        s.E = []
        s.pnum = str(s.r.randint(100000000000, 999999999999))

    def at(s, m):
        return s.t0 + timedelta(minutes=m)

    def m(s, t):
        return (t - s.t0).total_seconds() / 60.0

    def hexid(s, n=16):
        return "".join(s.r.choice("0123456789abcdef") for _ in range(n))

    def e(s, t, res, log, sev=None, text=None, js=None, proto=None, http=None, labels=None, trace=False, op=None):
        if isinstance(t, (int, float)):
            t = s.at(t)
        if t < s.t0 or t >= s.t1:
            return None
        ent = {"insertId": s.hexid(16), "logName": "projects/%s/logs/%s" % (s.p, log.replace("/", "%2F")),
               "receiveTimestamp": iso(t + timedelta(microseconds=s.r.randint(20000, 900000))),
               "resource": res, "timestamp": iso(t)}
        if sev:
            ent["severity"] = sev
        if text is not None:
            ent["textPayload"] = text
        if js is not None:
            ent["jsonPayload"] = js
        if proto is not None:
            ent["protoPayload"] = proto
        if http is not None:
            ent["httpRequest"] = http
        if labels:
            ent["labels"] = labels
        if trace:
            ent["trace"] = "projects/%s/traces/%s" % (s.p, s.hexid(32))
            ent["spanId"] = s.hexid(16)
            ent["traceSampled"] = s.r.random() < 0.1
        if op:
            ent["operation"] = op
        s.E.append(ent)
        return ent

    def block(s, t, res, log, sev, textblock, labels=None):
        """multi-line output split one line per entry (container runtime / journald behaviour)"""
        if isinstance(t, (int, float)):
            t = s.at(t)
        for i, ln in enumerate(textblock.split("\n")):
            s.e(t + timedelta(microseconds=37 * i), res, log, sev, text=ln, labels=labels)

    def times(s, rate, a=0.0, b=None):
        """Poisson arrivals; rate = events per minute (number or f(minute))."""
        b = s.mins if b is None else b
        out = []
        step = 1.0 / 6
        x = a
        while x < b:
            lam = (rate(x) if callable(rate) else rate) * step
            if lam > 0:
                n = poisson(s.r, lam)
                for _ in range(n):
                    out.append(s.at(x + s.r.random() * min(step, b - x)))
            x += step
        out.sort()
        return out

    def every(s, period_min, a=0.0, b=None, jitter=0.02):
        b = s.mins if b is None else b
        x = a
        out = []
        while x < b:
            out.append(s.at(x + s.r.uniform(0, jitter)))
            x += period_min
        return out

    def write(s, outdir, truth):
        d = os.path.join(outdir, s.id)
        os.makedirs(d, exist_ok=True)
        s.E.sort(key=lambda x: (x["timestamp"], x["insertId"]), reverse=True)
        data = json.dumps(s.E, indent=2, sort_keys=False).encode()
        with open(os.path.join(d, "logs.json.gz"), "wb") as f:
            with gzip.GzipFile(fileobj=f, mode="wb", mtime=0, filename="") as g:
                g.write(data)
        truth = dict(truth)
        truth = {"id": s.id, "title": truth.pop("title"),
                 "window": {"start": iso(s.t0)[:19] + "Z", "end": iso(s.t1)[:19] + "Z"}, **truth}
        with open(os.path.join(d, "truth.json"), "w") as f:
            json.dump(truth, f, indent=2)
            f.write("\n")
        # self-check evidence
        blob = [json.dumps(x).lower() for x in s.E]
        raw = []
        for x in s.E:
            raw.append((x.get("textPayload") or json.dumps(x.get("jsonPayload") or x.get("protoPayload") or x.get("httpRequest"), ensure_ascii=False)).lower())
        def cnt(ev):
            ev = ev.lower()
            return sum(1 for r in raw if ev in r)
        rc = truth.get("root_cause")
        rep = {"n": len(s.E)}
        if rc:
            rep["rc"] = {ev: cnt(ev) for ev in rc["evidence"]}
        rep["sym"] = {x["evidence"]: cnt(x["evidence"]) for x in truth["symptoms"]}
        rep["dis"] = {x["evidence"]: cnt(x["evidence"]) for x in truth["distractors"]}
        return rep


def poisson(r, lam):
    if lam > 30:
        return max(0, int(r.gauss(lam, math.sqrt(lam)) + 0.5))
    L, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= r.random()
        if p <= L:
            return k
        k += 1


# ---------- resources ----------
def k8s(inc, cluster, loc, ns, pod, cont):
    return {"type": "k8s_container", "labels": {"cluster_name": cluster, "container_name": cont, "location": loc,
            "namespace_name": ns, "pod_name": pod, "project_id": inc.p}}


def k8spod(inc, cluster, loc, ns, pod):
    return {"type": "k8s_pod", "labels": {"cluster_name": cluster, "location": loc, "namespace_name": ns,
            "pod_name": pod, "project_id": inc.p}}


def k8scluster(inc, cluster, loc):
    return {"type": "k8s_cluster", "labels": {"cluster_name": cluster, "location": loc, "project_id": inc.p}}


def gce(inc, iid, zone):
    return {"type": "gce_instance", "labels": {"instance_id": iid, "project_id": inc.p, "zone": zone}}


def lbres(inc, name):
    return {"type": "http_load_balancer", "labels": {"backend_service_name": name + "-backend",
            "forwarding_rule_name": name + "-https-fr", "project_id": inc.p, "target_proxy_name": name + "-https-proxy",
            "url_map_name": name + "-urlmap", "zone": "global"}}


def sqlres(inc, inst, region):
    return {"type": "cloudsql_database", "labels": {"database_id": "%s:%s" % (inc.p, inst), "project_id": inc.p,
            "region": region}}


def runres(inc, svc, rev, region="us-central1"):
    return {"type": "cloud_run_revision", "labels": {"configuration_name": svc, "location": region,
            "project_id": inc.p, "revision_name": rev, "service_name": svc}}


def ip(inc, pre="10.%d.%d.%d"):
    return pre % (inc.r.randint(0, 255), inc.r.randint(0, 255), inc.r.randint(2, 254)) if pre.count("%d") == 3 else pre % (inc.r.randint(0, 255), inc.r.randint(2, 254))


def pubip(inc):
    r = inc.r
    return "%d.%d.%d.%d" % (r.choice([24, 31, 45, 66, 73, 82, 91, 98, 104, 172, 185, 203]), r.randint(1, 254), r.randint(1, 254), r.randint(1, 254))


def lbreq(inc, t, res, host, method, path, status, lat_s, detail="response_sent_by_backend", ua=None, backend_ip=None, size=None):
    sev = "INFO" if status < 400 else ("WARNING" if status < 500 else "ERROR")
    http = {"latency": "%.6fs" % lat_s, "protocol": "HTTP/1.1" if inc.r.random() < 0.3 else "HTTP/2.0",
            "remoteIp": pubip(inc), "requestMethod": method, "requestSize": str(inc.r.randint(300, 2400)),
            "requestUrl": "https://%s%s" % (host, path), "responseSize": str(size if size is not None else inc.r.randint(400, 60000)),
            "status": status, "userAgent": ua or inc.r.choice(UAS)}
    if backend_ip:
        http["serverIp"] = backend_ip
    js = {"@type": LBT, "backendTargetProjectNumber": "projects/" + inc.pnum, "statusDetails": detail,
          "remoteIp": http["remoteIp"]}
    return inc.e(t, res, "requests", sev, js=js, http=http, trace=True)


def kevent(inc, t, cluster, loc, ns, kind, name, reason, msg, typ="Normal", comp="kubelet", host=None, count=1):
    res = k8spod(inc, cluster, loc, ns, name) if kind == "Pod" else {"type": "k8s_cluster", "labels": {"cluster_name": cluster, "location": loc, "project_id": inc.p}}
    ts = iso(t if not isinstance(t, (int, float)) else inc.at(t))[:19] + "Z"
    js = {"apiVersion": "v1", "kind": "Event", "count": count, "firstTimestamp": ts, "lastTimestamp": ts,
          "involvedObject": {"apiVersion": "v1" if kind == "Pod" else "apps/v1", "kind": kind, "name": name, "namespace": ns,
                             "uid": "%s-%s-%s-%s-%s" % (inc.hexid(8), inc.hexid(4), inc.hexid(4), inc.hexid(4), inc.hexid(12))},
          "metadata": {"name": "%s.%s" % (name, inc.hexid(16)), "namespace": ns, "creationTimestamp": ts},
          "reason": reason, "message": msg, "type": typ, "source": {"component": comp}, "reportingComponent": comp}
    if host:
        js["source"]["host"] = host
    return inc.e(t, res, "events", "WARNING" if typ == "Warning" else "INFO", js=js)


def k8saudit(inc, t, cluster, loc, method, resname, who, ua="kubectl/v1.30.5 (linux/amd64) kubernetes/74e84a9", code=None):
    proto = {"@type": AUDIT, "authenticationInfo": {"principalEmail": who},
             "authorizationInfo": [{"granted": True, "permission": method, "resource": resname}],
             "methodName": method, "requestMetadata": {"callerIp": pubip(inc), "callerSuppliedUserAgent": ua},
             "resourceName": resname, "serviceName": "k8s.io", "status": {"code": code} if code else {}}
    return inc.e(t, k8scluster(inc, cluster, loc), "cloudaudit.googleapis.com/activity", "NOTICE", proto=proto,
                 labels={"authorization.k8s.io/decision": "allow", "authorization.k8s.io/reason": "access granted by IAM permissions."})


def gcpaudit(inc, t, res, service, method, resname, who, request=None, response=None, sev="NOTICE"):
    proto = {"@type": AUDIT, "authenticationInfo": {"principalEmail": who},
             "authorizationInfo": [{"granted": True, "permission": method.split(".")[0] + "." + ".".join(method.split(".")[1:]), "resource": resname}],
             "methodName": method, "requestMetadata": {"callerIp": pubip(inc), "callerSuppliedUserAgent": "google-api-go-client/0.5 Terraform/1.9.8 (+https://www.terraform.io) Terraform-Plugin-SDK/2.33.0 terraform-provider-google/6.12.0"},
             "resourceName": resname, "serviceName": service}
    if request:
        proto["request"] = request
    if response:
        proto["response"] = response
    return inc.e(t, res, "cloudaudit.googleapis.com/activity", sev, proto=proto)


def pick(r, weighted):
    tot = sum(w for _, w in weighted)
    x = r.random() * tot
    for v, w in weighted:
        x -= w
        if x <= 0:
            return v
    return weighted[-1][0]


def fmt_syslog(t, host, proc, msg):
    return msg  # Ops Agent syslog textPayload already carries host/proc prefix below


def syslog(inc, t, res, host, proc, msg, sev="INFO"):
    if isinstance(t, (int, float)):
        t = inc.at(t)
    return inc.e(t, res, "syslog", sev, text="%s %2d %s %s %s: %s" % (t.strftime("%b"), t.day, t.strftime("%H:%M:%S"), host, proc, msg))


def gce_background(inc, res, host, a=0, b=None):
    """routine VM chatter: guest agent, cron, systemd timers, ops agent"""
    r = inc.r
    for t in inc.every(5.0, r.uniform(0, 5), b):
        syslog(inc, t, res, host, "CRON[%d]" % r.randint(20000, 90000), "(root) CMD (command -v debian-sa1 > /dev/null && debian-sa1 1 1)")
    for t in inc.every(10.0, r.uniform(0, 10), b):
        syslog(inc, t, res, host, "google_guest_agent[%d]" % r.randint(600, 900), "Updating keys for user %s." % r.choice(["deploy", "ops_svc"]))
    for t in inc.times(0.12, a, b):
        syslog(inc, t, res, host, "systemd[1]", r.choice(["Starting sysstat-collect.service - system activity accounting tool...",
                                                          "sysstat-collect.service: Deactivated successfully.",
                                                          "Finished sysstat-collect.service - system activity accounting tool.",
                                                          "Starting man-db.service - Daily man-db regeneration...",
                                                          "Started session-%d.scope - Session %d of User deploy." % (r.randint(100, 900), r.randint(100, 900))]))
    for t in inc.every(15.0, r.uniform(0, 15), b):
        syslog(inc, t, res, host, "otelopscol[%d]" % r.randint(1000, 1500), "2026/%02d/%02d info exporterhelper: Exporting metrics batch_size=%d" % (t.month, t.day, r.randint(200, 900)))


def jline(**kw):
    return kw


GENS = []


def incident(fn):
    GENS.append(fn)
    return fn


# =====================================================================================
# 1. Strapi on GCE VMs: unattended upgrade to Node.js 20 -> "localhost" resolves to ::1,
#    cloud-sql-proxy only listens on 127.0.0.1 -> ECONNREFUSED ::1:5432, crash loop, LB 502
# =====================================================================================
@incident
def strapi_node_ipv6():
    inc = Inc("strapi-nodejs-upgrade-ipv6-localhost", "larkspur-cms-prod", "2026-11-03T10:40:00", 45, 2201)
    r = inc.r
    zone = "us-east1-b"
    vms = [("strapi-vm-1", "4839201839201839201", "10.142.0.11", 9.1), ("strapi-vm-2", "7710394857120394851", "10.142.0.12", 24.6)]
    lb = lbres(inc, "cms-public")
    host = "cms.larkspur.news"
    paths = [("GET", "/api/articles?populate=cover&pagination[page]=%d", 30), ("GET", "/api/articles/%d?populate=*", 25),
             ("GET", "/api/categories", 8), ("GET", "/api/authors/%d", 6), ("GET", "/uploads/thumbnail_%s.webp", 20),
             ("POST", "/api/auth/local", 2), ("PUT", "/api/articles/%d", 1.5), ("GET", "/admin/init", 1)]
    down = {v[0]: v[3] for v in vms}

    def alive(vm, t):
        return inc.m(t) < down[vm]

    # app, proxy, system noise per VM
    for name, iid, vip, tdown in vms:
        res = gce(inc, iid, zone)
        gce_background(inc, res, name)
        for t in inc.times(0.6):
            if alive(name, t):
                inc.e(t, res, "cloud-sql-proxy", "INFO", text="%s [larkspur-cms-prod:us-east1:cms-pg] %s" % (
                    t.strftime("%Y/%m/%d %H:%M:%S"), r.choice(["Accepted connection from 127.0.0.1:%d" % r.randint(33000, 60999),
                                                               "client closed the connection"])))
        for t in inc.times(0.3):
            if alive(name, t):
                inc.e(t, res, "strapi", "WARNING", text="[%s] warn: Could not send password reset email: Error: Invalid login: 535-5.7.8 Username and Password not accepted. For more information, go to https://support.google.com/mail/?p=BadCredentials" % t.strftime("%Y-%m-%d %H:%M:%S.%f")[:23])
        for t in inc.every(15, r.uniform(0, 3)):
            if alive(name, t):
                inc.e(t, res, "strapi", "INFO", text="[%s] info: [cron] Running scheduled publication job (0 entries due)" % t.strftime("%Y-%m-%d %H:%M:%S.%f")[:23])
        # unattended upgrade on this VM
        tu = tdown - 0.25
        ul = [(0.0, "INFO Starting unattended upgrades script"),
              (0.01, "INFO Allowed origins are: o=Ubuntu,a=jammy, o=Ubuntu,a=jammy-security, o=UbuntuESMApps,a=jammy-apps-security, o=UbuntuESM,a=jammy-infra-security, o=nodesource,a=nodistro"),
              (0.02, "INFO Initial blacklist: "), (0.03, "INFO Initial whitelist (not strict): "),
              (0.09, "INFO Packages that will be upgraded: nodejs"),
              (0.10, "INFO Writing dpkg log to /var/log/unattended-upgrades/unattended-upgrades-dpkg.log"),
              (0.22, "INFO All upgrades installed")]
        for dm, msg in ul:
            t = inc.at(tu + dm)
            inc.e(t, res, "unattended-upgrades", "INFO", text="%s,%03d %s" % (t.strftime("%Y-%m-%d %H:%M:%S"), t.microsecond // 1000, msg))
        syslog(inc, tu - 0.05, res, name, "systemd[1]", "Starting apt-daily-upgrade.service - Daily apt upgrade and clean activities...")
        t = inc.at(tu + 0.15)
        inc.e(t, res, "dpkg", "INFO", text="%s upgrade nodejs:amd64 18.20.4-1nodesource1 20.18.1-1nodesource1" % t.strftime("%Y-%m-%d %H:%M:%S"))
        inc.e(t + timedelta(seconds=4), res, "dpkg", "INFO", text="%s status installed nodejs:amd64 20.18.1-1nodesource1" % t.strftime("%Y-%m-%d %H:%M:%S"))
        syslog(inc, tu + 0.2, res, name, "needrestart[%d]" % r.randint(3000, 9000), "Restarting services...")
        syslog(inc, tu + 0.205, res, name, "needrestart[%d]" % r.randint(3000, 9000), " systemctl restart strapi.service")
        syslog(inc, tu + 0.21, res, name, "systemd[1]", "Stopping strapi.service - Strapi CMS (larkspur)...")
        syslog(inc, tu + 0.24, res, name, "systemd[1]", "strapi.service: Deactivated successfully.")
        syslog(inc, tu + 0.245, res, name, "systemd[1]", "Started strapi.service - Strapi CMS (larkspur).")
        syslog(inc, tu + 0.30, res, name, "systemd[1]", "apt-daily-upgrade.service: Deactivated successfully.")
        syslog(inc, tu + 0.301, res, name, "systemd[1]", "Finished apt-daily-upgrade.service - Daily apt upgrade and clean activities.")
        # crash loop after restart
        x = tdown + 0.01
        n = 1
        while x < inc.mins:
            t = inc.at(x)
            ts = t.strftime("%Y-%m-%d %H:%M:%S.%f")[:23]
            port = 5432
            inc.e(t, res, "strapi", "ERROR", text="[%s] error: connect ECONNREFUSED ::1:%d" % (ts, port))
            inc.block(t + timedelta(milliseconds=2), res, "strapi", "ERROR",
                      "Error: connect ECONNREFUSED ::1:%d\n    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1610:16)" % port)
            syslog(inc, t + timedelta(milliseconds=350), res, name, "systemd[1]", "strapi.service: Main process exited, code=exited, status=1/FAILURE", "ERROR")
            syslog(inc, t + timedelta(milliseconds=360), res, name, "systemd[1]", "strapi.service: Failed with result 'exit-code'.", "WARNING")
            syslog(inc, t + timedelta(seconds=5.4), res, name, "systemd[1]", "strapi.service: Scheduled restart job, restart counter is at %d." % n)
            syslog(inc, t + timedelta(seconds=5.41), res, name, "systemd[1]", "Started strapi.service - Strapi CMS (larkspur).")
            n += 1
            x += (5.4 + 3.1 + r.uniform(0, 0.6)) / 60
        # health checks
        hc = inc.at(tdown + 0.35)
        inc.e(hc, res, "compute.googleapis.com/healthchecks", "INFO", js={"healthCheckProbeResult": {
            "healthCheckProtocol": "HTTP", "ipAddress": vip, "previousHealthState": "HEALTHY", "healthState": "UNHEALTHY",
            "detailedHealthState": "TIMEOUT", "previousDetailedHealthState": "HEALTHY", "probeRequest": "/_health",
            "responseLatency": "5.001s", "probeCompletionTimestamp": iso(hc), "probeSourceIp": "35.191.%d.%d" % (r.randint(0, 255), r.randint(1, 254)),
            "targetIp": vip, "targetPort": 1337}})

    def rate(x):
        return 70 + 25 * math.sin(x / 9.0)
    for t in inc.times(rate):
        meth, p, _ = pick(r, [(v, v[2]) for v in paths])
        path = p % (r.randint(1, 9) if "page" in p else r.randint(100, 4000)) if "%d" in p else (p % inc.hexid(10) if "%s" in p else p)
        up = [v for v in vms if alive(v[0], t)]
        if not up:
            lbreq(inc, t, lb, host, meth, path, 502, r.uniform(0.001, 0.004), detail="failed_to_pick_backend", size=332)
            continue
        vm = r.choice(up)
        st = pick(r, [(200, 96), (304, 3), (404, 0.8), (401, 0.3)]) if meth == "GET" else pick(r, [(200, 96), (400, 3), (401, 1)])
        lat = r.lognormvariate(math.log(0.045 if len(up) == 2 else 0.07), 0.6)
        if "uploads" in path:
            lat /= 3
        lbreq(inc, t, lb, host, meth, path, st, lat, backend_ip=vm[2])
        res = gce(inc, vm[1], zone)
        if "uploads" not in path:
            inc.e(t + timedelta(seconds=lat * 0.9), res, "strapi", "INFO", text="[%s] http: %s %s (%d ms) %d" % (
                t.strftime("%Y-%m-%d %H:%M:%S.%f")[:23], meth, path.split("?")[0], int(lat * 900), st))
    return inc, {
        "title": "Unattended upgrade to Node.js 20 makes Strapi connect to ::1; cloud-sql-proxy listens on 127.0.0.1 only; CMS down",
        "root_cause": {"evidence": ["upgrade nodejs:amd64", "Packages that will be upgraded: nodejs"], "category": "network",
                       "must_mention": ["node", "::1"]},
        "symptoms": [{"evidence": "ECONNREFUSED ::1:5432"}, {"evidence": "failed_to_pick_backend"},
                     {"evidence": "strapi.service: Main process exited"}],
        "distractors": [{"evidence": "Username and Password not accepted"}],
        "priority": "P0"}



# common helpers for k8s stacks
def pyts(t):
    return t.strftime("%Y-%m-%d %H:%M:%S,") + "%03d" % (t.microsecond // 1000)


def pod(r, base):
    return "%s-%s-%s" % (base, "".join(r.choice("bcdfghjklmnpqrstvwxz2456789") for _ in range(10)), "".join(r.choice("bcdfghjklmnpqrstvwxz2456789") for _ in range(5)))


# =====================================================================================
# 2. Zulip on GKE: postgres StatefulSet re-applied without the /dev/shm emptyDir;
#    parallel full-text search queries fail "could not resize shared memory segment"
# =====================================================================================
@incident
def zulip_shm():
    inc = Inc("zulip-postgres-dev-shm-64m", "quillmesh-chat-prod", "2026-10-14T14:05:00", 50, 2202)
    r = inc.r
    C, L, NS = "chat-gke-prod", "europe-west1", "zulip"
    zpods = [pod(r, "zulip")[:-6] + "-%d" % i for i in range(1)] + ["zulip-0", "zulip-1"]
    zpods = ["zulip-0", "zulip-1"]
    pg = "postgresql-0"
    t_patch = 3.2
    t_pgup = t_patch + 0.9
    lb = lbres(inc, "zulip")
    host = "chat.quillmesh.io"
    search_fail_after = t_pgup + 0.3

    def pgres():
        return k8s(inc, C, L, NS, pg, "postgresql")
    # the change
    k8saudit(inc, t_patch, C, L, "io.k8s.apps.v1.statefulsets.patch", "apps/v1/namespaces/zulip/statefulsets/postgresql",
             "m.okafor@quillmesh.io", ua="kubectl-client-side-apply/v1.30.5 (linux/amd64) kubernetes/74e84a9")
    k8saudit(inc, t_patch + 0.05, C, L, "io.k8s.core.v1.pods.delete", "core/v1/namespaces/zulip/pods/postgresql-0",
             "system:serviceaccount:kube-system:statefulset-controller", ua="kube-controller-manager/v1.30.5 (linux/amd64) kubernetes/74e84a9/system:serviceaccount:kube-system:statefulset-controller")
    kevent(inc, t_patch + 0.06, C, L, NS, "Pod", pg, "Killing", "Stopping container postgresql", host="gke-chat-gke-prod-db-pool-7c1e2a90-x9qk")
    kevent(inc, t_patch + 0.5, C, L, NS, "Pod", pg, "Scheduled", "Successfully assigned zulip/postgresql-0 to gke-chat-gke-prod-db-pool-7c1e2a90-x9qk", comp="default-scheduler")
    kevent(inc, t_patch + 0.6, C, L, NS, "Pod", pg, "Pulled", 'Container image "docker.io/zulip/zulip-postgresql:14" already present on machine', host="gke-chat-gke-prod-db-pool-7c1e2a90-x9qk")
    kevent(inc, t_patch + 0.61, C, L, NS, "Pod", pg, "Created", "Created container postgresql", host="gke-chat-gke-prod-db-pool-7c1e2a90-x9qk")
    kevent(inc, t_patch + 0.62, C, L, NS, "Pod", pg, "Started", "Started container postgresql", host="gke-chat-gke-prod-db-pool-7c1e2a90-x9qk")

    def pglog(t, sev, msg):
        inc.e(t, pgres(), "stderr", sev, text="%s UTC [%d] %s" % (t.strftime("%Y-%m-%d %H:%M:%S.") + "%03d" % (t.microsecond // 1000), r.randint(60, 9000), msg))
    for dm, sev, msg in [(0.07, "INFO", "LOG:  received fast shutdown request"), (0.071, "INFO", "LOG:  aborting any active transactions"),
                         (0.08, "ERROR", "FATAL:  terminating connection due to administrator command"),
                         (0.1, "INFO", "LOG:  background worker \"logical replication launcher\" (PID 61) exited with exit code 1"),
                         (0.12, "INFO", "LOG:  shutting down"), (0.2, "INFO", "LOG:  database system is shut down"),
                         (0.65, "INFO", "LOG:  starting PostgreSQL 14.13 (Debian 14.13-1.pgdg120+1) on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14) 12.2.0, 64-bit"),
                         (0.651, "INFO", "LOG:  listening on IPv4 address \"0.0.0.0\", port 5432"),
                         (0.66, "INFO", "LOG:  database system was shut down at %s UTC" % inc.at(t_patch + 0.2).strftime("%Y-%m-%d %H:%M:%S")),
                         (0.68, "INFO", "LOG:  database system is ready to accept connections")]:
        pglog(inc.at(t_patch + dm), sev, msg)
    # zulip app: django + nginx access + tornado + queue workers
    paths = [("GET", "/json/events?dont_block=false&queue_id=%s&last_event_id=%d", 40, 0.02), ("POST", "/json/messages", 10, 0.09),
             ("GET", "/json/messages?anchor=newest&num_before=100&num_after=0&narrow=[{\"operator\":\"stream\",\"operand\":\"%s\"}]", 12, 0.12),
             ("GET", "/json/messages?anchor=newest&num_before=50&num_after=0&narrow=[{\"operator\":\"search\",\"operand\":\"%s\"}]", 3, 0.4),
             ("POST", "/json/users/me/presence", 25, 0.01), ("POST", "/json/messages/flags", 6, 0.03), ("GET", "/static/webpack-bundles/app.%s.js", 4, 0.003),
             ("POST", "/json/typing", 8, 0.008)]
    streams = ["design", "backend", "incidents", "general", "sales-emea", "hiring", "releases", "support"]
    words = ["invoice", "rollback", "roadmap q3", "budget", "oncall", "migration plan", "customer x", "offsite", "contract", "sso"]
    for t in inc.times(lambda x: 115):
        meth, p, _, base = pick(r, [(v, v[2]) for v in paths])
        if "queue_id" in p:
            path = p % ("17%08d:%d" % (r.randint(0, 99999999), r.randint(1, 9)), r.randint(1, 900))
        elif "search" in p:
            path = p % r.choice(words)
        elif "stream" in p:
            path = p % r.choice(streams)
        elif "%s" in p:
            path = p % inc.hexid(20)
        else:
            path = p
        zp = r.choice(zpods)
        st, lat = 200, r.lognormvariate(math.log(base), 0.5)
        if "events" in p:
            lat = r.uniform(5, 55)
        search = "search" in p
        if search and inc.m(t) >= search_fail_after and r.random() < 0.86:
            st, lat = 500, r.uniform(0.2, 1.4)
        if t_patch + 0.07 <= inc.m(t) < t_patch + 0.7 and "events" not in p:
            st, lat = 500, r.uniform(0.05, 0.3)
        lbreq(inc, t, lb, host, meth, path, st, lat, ua=r.choice(UAS + ["ZulipElectron/5.11.1 " + UAS[0], "ZulipMobile/27.230 (Android 14)"]))
        inc.e(t + timedelta(seconds=lat), k8s(inc, C, L, NS, zp, "zulip"), "stdout", "INFO" if st < 500 else "ERROR",
              text="%s INFO [zr] 10.44.%d.%d       %-5s %d %6.3fs (db: %dms/%dq) %s (%s@%s via %s)" % (
                  pyts(t + timedelta(seconds=lat)), r.randint(0, 3), r.randint(2, 250), meth, st, lat, int(lat * 300), r.randint(2, 30),
                  path.split("?")[0] if "events" in p else path[:60], "user%d" % r.randint(10, 900), "quillmesh", r.choice(["website", "ZulipElectron", "ZulipMobile"])))
        if st == 500 and search:
            zr = k8s(inc, C, L, NS, zp, "zulip")
            t2 = t + timedelta(seconds=lat)
            pglog(t2 - timedelta(milliseconds=30), "ERROR", "ERROR:  could not resize shared memory segment \"/PostgreSQL.%d\" to %d bytes: No space left on device" % (r.randint(10**8, 4 * 10**9), r.choice([8388608, 16777216, 33554432])))
            pglog(t2 - timedelta(milliseconds=29), "ERROR", "STATEMENT:  SELECT zerver_message.id, ts_rank_cd(search_tsvector, plainto_tsquery('zulip.english_us_search', '%s'), 1) AS anon_1 FROM zerver_message JOIN zerver_usermessage ON zerver_usermessage.message_id = zerver_message.id WHERE zerver_usermessage.user_profile_id = %d AND (search_tsvector @@ plainto_tsquery('zulip.english_us_search', '%s')) ORDER BY zerver_message.id DESC LIMIT 51" % (path.split('"operand":"')[1].split('"')[0], r.randint(10, 900), path.split('"operand":"')[1].split('"')[0]))
            inc.e(t2, zr, "stderr", "ERROR", text="%s ERROR [django.request] Internal Server Error: /json/messages" % pyts(t2))
            if r.random() < 0.35:
                tb = ("Traceback (most recent call last):\n"
                      "  File \"/home/zulip/deployments/2026-09-30-11-02-17/zulip-py3-venv/lib/python3.10/site-packages/django/db/backends/utils.py\", line 105, in _execute\n"
                      "    return self.cursor.execute(sql, params)\n"
                      "  File \"/home/zulip/deployments/2026-09-30-11-02-17/zerver/lib/db.py\", line 34, in execute\n"
                      "    return wrapper_execute(self, super().execute, query, vars)\n"
                      "psycopg2.errors.DiskFull: could not resize shared memory segment \"/PostgreSQL.%d\" to 16777216 bytes: No space left on device\n"
                      "\n"
                      "The above exception was the direct cause of the following exception:\n"
                      "\n"
                      "Traceback (most recent call last):\n"
                      "  File \"/home/zulip/deployments/2026-09-30-11-02-17/zerver/views/message_fetch.py\", line 228, in get_messages_backend\n"
                      "    rows = list(sa_conn.execute(query).fetchall())\n"
                      "django.db.utils.OperationalError: could not resize shared memory segment \"/PostgreSQL.%d\" to 16777216 bytes: No space left on device") % (r.randint(10**8, 4 * 10**9), r.randint(10**8, 4 * 10**9))
                inc.block(t2 + timedelta(microseconds=300), zr, "stderr", "ERROR", tb)
    # queue workers / tornado / distractor (embed_links URL preview failures)
    for t in inc.times(2.0):
        zp = r.choice(zpods)
        inc.e(t, k8s(inc, C, L, NS, zp, "zulip"), "stdout", "INFO", text="%s INFO [zerver.lib.queue] queue_processor: %s consumed %d events in %.2fs" % (
            pyts(t), r.choice(["user_activity", "missedmessage_emails", "deferred_work", "embed_links", "user_presence", "outgoing_webhooks"]), r.randint(1, 40), r.uniform(0.01, 2)))
    for t in inc.times(0.8):
        zp = r.choice(zpods)
        inc.e(t, k8s(inc, C, L, NS, zp, "zulip"), "stderr", "WARNING", text="%s WARNING [zerver.lib.url_preview] Unable to fetch URL https://%s/%s for preview: HTTPSConnectionPool(host='%s', port=443): Read timed out. (read timeout=15)" % (
            pyts(t), *(lambda h: (h, inc.hexid(8), h))(r.choice(["intranet.partner-cloud.de", "jira.old-tools.local", "docs.vendorhub.io", "status.fastpay.example"]))))
    for t in inc.every(10, 2):
        zp = r.choice(zpods)
        inc.e(t, k8s(inc, C, L, NS, zp, "zulip"), "stdout", "INFO", text="%s INFO [zulip.management] Running ./manage.py deliver_scheduled_messages: 0 messages delivered" % pyts(t))
    for t in inc.times(1.2):
        pglog(t, "INFO", r.choice(["LOG:  checkpoint starting: time", "LOG:  checkpoint complete: wrote %d buffers (%.1f%%); 0 WAL file(s) added, 0 removed, 1 recycled; write=%.3f s, sync=0.004 s, total=%.3f s" % (r.randint(100, 3000), r.uniform(0.1, 3), r.uniform(1, 30), r.uniform(1, 31)),
                                   "LOG:  automatic vacuum of table \"zulip.zerver.zerver_usermessage\": index scans: 1"]))
    for t in inc.times(1.5):
        inc.e(t, k8s(inc, C, L, NS, "rabbitmq-0", "rabbitmq"), "stdout", "INFO", text="%s.%06d+00:00 [info] <0.%d.0> %s" % (
            t.strftime("%Y-%m-%d %H:%M:%S"), t.microsecond, r.randint(1000, 90000), r.choice(["accepting AMQP connection <0.%d.0> (10.44.1.%d:%d -> 10.44.2.17:5672)" % (r.randint(1000, 90000), r.randint(2, 250), r.randint(30000, 60000)),
                                                                                                 "connection <0.%d.0> (10.44.1.%d:%d -> 10.44.2.17:5672): user 'zulip' authenticated and granted access to vhost '/'" % (r.randint(1000, 90000), r.randint(2, 250), r.randint(30000, 60000)),
                                                                                                 "closing AMQP connection <0.%d.0> (10.44.1.%d:%d -> 10.44.2.17:5672, vhost: '/', user: 'zulip')" % (r.randint(1000, 90000), r.randint(2, 250), r.randint(30000, 60000))])))
    for t in inc.times(3):
        inc.e(t, k8s(inc, C, L, NS, "memcached-0", "memcached"), "stdout", "INFO", text="<%d new auto-negotiating client connection" % r.randint(20, 99))
    return inc, {
        "title": "Postgres StatefulSet re-applied without /dev/shm volume: Zulip search queries fail to allocate parallel-query shared memory",
        "root_cause": {"evidence": ["ERROR:  could not resize shared memory segment", "statefulsets.patch"], "category": "resource-exhaustion",
                       "must_mention": ["shared memory"]},
        "symptoms": [{"evidence": "Internal Server Error: /json/messages"}, {"evidence": "psycopg2.errors.DiskFull"}],
        "distractors": [{"evidence": "for preview: HTTPSConnectionPool"}],
        "priority": "P2"}


# =====================================================================================
# 3. Ghost on GKE + Cloud SQL MySQL: terraform sets max_allowed_packet=1048576;
#    saving long posts fails with ER_NET_PACKET_TOO_LARGE
# =====================================================================================
@incident
def ghost_packet():
    inc = Inc("ghost-cloudsql-max-allowed-packet", "inkwell-pub-prod", "2026-09-22T08:10:00", 40, 2203)
    r = inc.r
    C, L, NS = "inkwell-gke", "us-central1", "ghost"
    gp = [pod(r, "ghost") for _ in range(3)]
    sql = sqlres(inc, "ghost-mysql-8", "us-central1")
    t_chg = 2.4
    lb = lbres(inc, "ghost-web")
    host = "www.inkwellpub.com"
    gcpaudit(inc, t_chg, sql, "cloudsql.googleapis.com", "cloudsql.instances.update", "instances/ghost-mysql-8",
             "terraform-ci@inkwell-pub-prod.iam.gserviceaccount.com",
             request={"@type": "type.googleapis.com/google.cloud.sql.v1beta4.SqlInstancesUpdateRequest", "project": inc.p, "instance": "ghost-mysql-8",
                      "body": {"settings": {"tier": "db-custom-4-16384", "databaseFlags": [{"name": "slow_query_log", "value": "on"}, {"name": "long_query_time", "value": "2"},
                                                                                            {"name": "max_allowed_packet", "value": "1048576"}, {"name": "log_output", "value": "FILE"}]}}},
             response={"@type": "type.googleapis.com/google.cloud.sql.v1beta4.Operation", "operationType": "UPDATE", "status": "PENDING", "targetId": "ghost-mysql-8"})
    gcpaudit(inc, t_chg + 0.8, sql, "cloudsql.googleapis.com", "cloudsql.instances.update", "instances/ghost-mysql-8",
             "terraform-ci@inkwell-pub-prod.iam.gserviceaccount.com", response={"@type": "type.googleapis.com/google.cloud.sql.v1beta4.Operation", "operationType": "UPDATE", "status": "DONE", "targetId": "ghost-mysql-8"})
    paths = [("GET", "/%s/", 60), ("GET", "/tag/%s/", 8), ("GET", "/content/images/size/w600/2026/09/%s.jpg", 40), ("GET", "/assets/built/casper.js?v=%s", 10),
             ("GET", "/members/api/member/", 6), ("GET", "/ghost/api/admin/posts/?filter=status%%3Adraft&limit=%d", 1.5),
             ("PUT", "/ghost/api/admin/posts/%s/?formats=mobiledoc%%2Clexical", 1.6), ("POST", "/ghost/api/admin/posts/?formats=mobiledoc%%2Clexical", 0.25),
             ("GET", "/rss/", 4), ("POST", "/members/api/send-magic-link/", 0.6)]
    slugs = ["election-night-live", "housing-costs-explained", "the-river-project", "interview-with-the-mayor", "budget-2027", "school-board-recap", "weekend-guide", "climate-desk-update"]
    for t in inc.times(lambda x: 95 + 20 * math.sin(x / 7)):
        meth, p, _ = pick(r, [(v, v[2]) for v in paths])
        path = p.replace("%%", "%") if "%s" not in p and "%d" not in p else (p % r.randint(5, 50) if "%d" in p else p % (r.choice(slugs) if p.count("/") <= 3 or "tag" in p else inc.hexid(24)))
        path = path.replace("%%", "%")
        gpod = r.choice(gp)
        st = 200 if meth == "GET" else (201 if meth == "POST" else 200)
        lat = r.lognormvariate(math.log(0.06 if "/ghost/" in path else 0.03), 0.6)
        if "/content/images" in path and r.random() < 0.02:
            st = 404
        big = False
        if "/ghost/api/admin/posts/" in path and meth in ("PUT", "POST"):
            big = r.random() < 0.42
            lat = r.uniform(0.08, 0.5)
            if big and inc.m(t) > t_chg + 0.8:
                st = 500
        lbreq(inc, t, lb, host, meth, path, st, lat)
        gres = k8s(inc, C, L, NS, gpod, "ghost")
        t2 = t + timedelta(seconds=lat)
        tag = "INFO" if st < 400 else ("WARN" if st < 500 else "ERROR")
        if "/content/images" not in path and "/assets/" not in path:
            inc.e(t2, gres, "stdout", "INFO" if st < 500 else "ERROR", text="[%s] %s \"%s %s\" %d %dms" % (t2.strftime("%Y-%m-%d %H:%M:%S"), tag, meth, path, st, int(lat * 1000)))
        if st == 500:
            eid = "%s-%s-11ef-%s-%s" % (inc.hexid(8), inc.hexid(4), inc.hexid(4), inc.hexid(12))
            inc.block(t2 + timedelta(microseconds=200), gres, "stdout", "ERROR",
                      "\nNAME: InternalServerError\nCODE: ER_NET_PACKET_TOO_LARGE\nMESSAGE: update `posts` set `lexical` = '{\\\"root\\\":{\\\"children\\\":[{\\\"type\\\":\\\"image\\\",\\\"src\\\":\\\"data:image/png;base64,iVBORw0KGgo...' - Got a packet bigger than 'max_allowed_packet' bytes\n\nlevel:critical\n\nError ID:\n    %s\n\nStack Trace:\n    Error: Got a packet bigger than 'max_allowed_packet' bytes\n    at Packet.asError (/var/lib/ghost/versions/5.101.3/node_modules/mysql2/lib/packets/packet.js:740:17)\n    at Query.execute (/var/lib/ghost/versions/5.101.3/node_modules/mysql2/lib/commands/command.js:29:26)\n    at Connection.handlePacket (/var/lib/ghost/versions/5.101.3/node_modules/mysql2/lib/connection.js:475:34)" % eid)
            if r.random() < 0.6:
                inc.e(t2 + timedelta(milliseconds=5), gres, "stdout", "WARNING", text="[%s] WARN Connection lost: The server closed the connection. (PROTOCOL_CONNECTION_LOST) - knex pool will reconnect" % t2.strftime("%Y-%m-%d %H:%M:%S"))
            inc.e(t2 - timedelta(milliseconds=3), sql, "cloudsql.googleapis.com/mysql.err", "WARNING",
                  text="%sZ %d [Note] [MY-010914] [Server] Aborted connection %d to db: 'ghost_prod' user: 'ghost' host: 'cloudsqlproxy~10.8.%d.%d' (Got a packet bigger than 'max_allowed_packet' bytes)." % (
                      t2.strftime("%Y-%m-%dT%H:%M:%S.%f"), r.randint(30, 90), r.randint(100000, 900000), r.randint(0, 3), r.randint(2, 250)))
    # background: oembed distractor, scheduler, backup job, sql noise
    for t in inc.times(0.7):
        gres = k8s(inc, C, L, NS, r.choice(gp), "ghost")
        inc.block(t, gres, "stdout", "ERROR", "[%s] ERROR No provider found for supplied URL.\n\nNAME: ValidationError\nMESSAGE: No provider found for supplied URL.\n\nurl: https://%s/%s\n" % (
            t.strftime("%Y-%m-%d %H:%M:%S"), r.choice(["www.tiktok.com/@citydesk/video", "open.spotify.com/episode", "maps.app.goo.gl", "x.com/inkwellpub/status"]), inc.hexid(12)))
    for t in inc.every(5, 0.7):
        gres = k8s(inc, C, L, NS, gp[0], "ghost")
        inc.e(t, gres, "stdout", "INFO", text="[%s] INFO Worker for job \"update-check\" online" % t.strftime("%Y-%m-%d %H:%M:%S") if r.random() < 0.2 else "[%s] INFO Scheduled post check: 0 posts to publish" % t.strftime("%Y-%m-%d %H:%M:%S"))
    for t in inc.times(0.9):
        inc.e(t, sql, "cloudsql.googleapis.com/mysql-slow.log", "INFO", text="# Query_time: %.6f  Lock_time: 0.000004 Rows_sent: %d  Rows_examined: %d\nSELECT `posts`.* FROM `posts` WHERE `posts`.`status` = 'published' ORDER BY `posts`.`published_at` DESC LIMIT 15 OFFSET %d;" % (r.uniform(2, 4.5), 15, r.randint(20000, 90000), r.randint(100, 3000)))
    bk = k8s(inc, C, L, NS, "ghost-backup-29310480-" + inc.hexid(5), "mysqldump")
    tb = 20.0
    inc.e(tb, bk, "stderr", "WARNING", text="mysqldump: [Warning] Using a password on the command line interface can be insecure.")
    inc.e(tb + 0.01, bk, "stderr", "WARNING", text="Warning: A partial dump from a server that has GTIDs will by default include the GTIDs of all transactions, even those that changed suppressed parts of the database. If you don't want to restore GTIDs, pass --set-gtid-purged=OFF. To make a complete dump, pass --all-databases --triggers --routines --events. ")
    inc.e(tb + 2.7, bk, "stdout", "INFO", text="backup ok: gs://inkwell-backups/ghost/ghost_prod-%s.sql.gz (412.8 MiB)" % inc.at(tb).strftime("%Y%m%dT%H%M"))
    return inc, {
        "title": "Terraform update set Cloud SQL max_allowed_packet to 1 MiB; editors cannot save long Ghost posts (ER_NET_PACKET_TOO_LARGE)",
        "root_cause": {"evidence": ["cloudsql.instances.update"], "category": "configuration", "must_mention": ["max_allowed_packet"]},
        "symptoms": [{"evidence": "ER_NET_PACKET_TOO_LARGE"}, {"evidence": "PROTOCOL_CONNECTION_LOST"}],
        "distractors": [{"evidence": "No provider found for supplied URL"}, {"evidence": "Using a password on the command line"}],
        "priority": "P2"}


# =====================================================================================
# 4. Phoenix (Elixir) realtime app: partner webhook payloads decoded with keys: :atoms
#    fill the BEAM atom table -> VM aborts, pods restart, websockets drop
# =====================================================================================
@incident
def phoenix_atoms():
    inc = Inc("phoenix-beam-atom-table-exhausted", "relaywire-rt-prod", "2026-10-29T17:20:00", 45, 2204)
    r = inc.r
    C, L, NS = "rt-gke-eu", "europe-west4", "beacon"
    pods = [pod(r, "beacon") for _ in range(3)]
    node = {p: "gke-rt-gke-eu-default-pool-%s-%s" % (inc.hexid(8), inc.hexid(4)) for p in pods}
    lb = lbres(inc, "beacon")
    host = "rt.relaywire.app"
    # atom growth per pod; crash times
    crash = {pods[0]: [11.3, 31.9], pods[1]: [14.8, 36.2], pods[2]: [22.5]}
    down = []
    for p in pods:
        for c in crash[p]:
            down.append((p, c, c + 0.9))

    def is_down(p, x):
        return any(pp == p and a <= x < b for pp, a, b in down)

    def ex(t):
        return t.strftime("%H:%M:%S.") + "%03d" % (t.microsecond // 1000)
    for t in inc.times(lambda x: 150):
        x = inc.m(t)
        kind = pick(r, [("ws", 20), ("api", 45), ("hook", 12), ("health", 8), ("static", 10)])
        live = [p for p in pods if not is_down(p, x)]
        p = r.choice(live) if live else None
        if kind == "ws":
            path, meth = "/socket/websocket?token=%s&vsn=2.0.0" % inc.hexid(24), "GET"
        elif kind == "api":
            path, meth = r.choice(["/api/rooms/%d/messages" % r.randint(1, 9000), "/api/presence/%d" % r.randint(1, 9000), "/api/me"]), "GET"
        elif kind == "hook":
            path, meth = "/api/webhooks/ingest/%s" % r.choice(["tallypoint", "tallypoint", "formbridge"]), "POST"
        elif kind == "health":
            continue
        else:
            path, meth = "/assets/app-%s.js" % inc.hexid(8), "GET"
        # ~ a few requests hit a pod right while it dies
        recently = any(a - 0.05 <= x < a + 0.1 for _, a, _ in down)
        if recently and r.random() < 0.5:
            lbreq(inc, t, lb, host, meth, path, 502, r.uniform(0.5, 3), detail="backend_connection_closed_before_data_sent_to_client")
            continue
        st = 101 if kind == "ws" else (202 if kind == "hook" else 200)
        lat = r.uniform(20, 900) if kind == "ws" else r.lognormvariate(math.log(0.012), 0.5)
        lbreq(inc, t, lb, host, meth, path, st, lat)
        if kind in ("api", "hook") and p:
            res = k8s(inc, C, L, NS, p, "beacon")
            rid = "F" + inc.hexid(19).upper()
            inc.e(t, res, "stdout", "INFO", text="%s request_id=%s [info] %s %s" % (ex(t), rid, meth, path))
            inc.e(t + timedelta(seconds=lat), res, "stdout", "INFO", text="%s request_id=%s [info] Sent %d in %dms" % (ex(t + timedelta(seconds=lat)), rid, st, max(1, int(lat * 1000))))
        if kind == "ws" and p:
            res = k8s(inc, C, L, NS, p, "beacon")
            inc.block(t, res, "stdout", "INFO", "%s [info] CONNECTED TO BeaconWeb.UserSocket in %dµs\n  Transport: :websocket\n  Serializer: Phoenix.Socket.V2.JSONSerializer\n  Parameters: %%{\"token\" => \"[FILTERED]\", \"vsn\" => \"2.0.0\"}" % (ex(t), r.randint(60, 900)))
    # VM health reporter: atom count per pod every minute, climbs
    for p in pods:
        res = k8s(inc, C, L, NS, p, "beacon")
        starts = [-(r.uniform(8, 20))] + [c + 0.9 for c in crash[p]]
        ends = crash[p] + [inc.mins + 30]
        for s0, s1 in zip(starts, ends):
            x = max(0, s0 + 0.01)
            while x < min(s1, inc.mins):
                frac = (x - s0) / (s1 - s0)
                cnt = int(61000 + frac * (1048576 - 61000))
                sev, lvl = ("WARNING", "warning") if cnt > 0.8 * 1048576 else ("INFO", "info")
                inc.e(x, res, "stdout", sev, text="%s [%s] [Beacon.VmStats] run_queue=%d processes=%d memory_total=%dMB atom_count=%d atom_limit=1048576 ports=%d" % (
                    ex(inc.at(x)), lvl, r.randint(0, 4), r.randint(4000, 9000), r.randint(380, 720), cnt, r.randint(80, 200)))
                x += 1.0
        for c in crash[p]:
            tc = inc.at(c)
            inc.e(tc, res, "stderr", "ERROR", text="no more index entries in atom_tab (max=1048576)")
            inc.e(tc + timedelta(milliseconds=1), res, "stderr", "ERROR", text="")
            inc.e(tc + timedelta(milliseconds=2), res, "stderr", "ERROR", text="Crash dump is being written to: erl_crash.dump...done")
            kevent(inc, tc + timedelta(seconds=3), C, L, NS, "Pod", p, "BackOff" if c > 25 else "Pulled", "Back-off restarting failed container beacon in pod %s_beacon" % p if c > 25 else 'Container image "europe-west4-docker.pkg.dev/relaywire-rt-prod/apps/beacon:2026.10.27-3" already present on machine', typ="Warning" if c > 25 else "Normal", host=node[p])
            kevent(inc, tc + timedelta(seconds=14), C, L, NS, "Pod", p, "Started", "Started container beacon", host=node[p])
            t0 = tc + timedelta(seconds=15)
            for i, ln in enumerate(["[info] Running BeaconWeb.Endpoint with Bandit 1.5.7 at :::4000 (http)", "[info] Access BeaconWeb.Endpoint at https://rt.relaywire.app",
                                    "[info] libcluster: connected to :\"beacon@%s\"" % "10.12.%d.%d" % (r.randint(0, 3), r.randint(2, 250))]):
                inc.e(t0 + timedelta(seconds=i), res, "stdout", "INFO", text="%s %s" % (ex(t0 + timedelta(seconds=i)), ln))
            kevent(inc, tc + timedelta(seconds=5), C, L, NS, "Pod", p, "Unhealthy", "Readiness probe failed: Get \"http://10.12.%d.%d:4000/healthz\": dial tcp 10.12.1.%d:4000: connect: connection refused" % (r.randint(0, 3), r.randint(2, 250), r.randint(2, 250)), typ="Warning", host=node[p])
            # clients on other pods reconnect burst
            for t in inc.times(60, c + 0.02, c + 1.5):
                q = r.choice([o for o in pods if o != p])
                inc.block(t, k8s(inc, C, L, NS, q, "beacon"), "stdout", "INFO", "%s [info] JOINED room:%d in %dµs\n  Parameters: %%{}" % (ex(t), r.randint(1, 9000), r.randint(40, 700)))
    # distractor: tzdata updater can't reach iana.org (egress blocked)
    for p in pods:
        res = k8s(inc, C, L, NS, p, "beacon")
        for t in inc.every(15, r.uniform(0, 15)):
            inc.e(t, res, "stdout", "ERROR", text="%s [error] Tzdata could not fetch release data: {:error, :nxdomain} (https://data.iana.org/time-zones/tzdata-latest.tar.gz)" % ex(t))
        for t in inc.times(0.5):
            inc.e(t, res, "stdout", "INFO", text="%s [info] [Oban] job completed queue=default worker=Beacon.Workers.%s duration=%dms" % (ex(t), r.choice(["DigestEmail", "PruneTyping", "SyncPresence"]), r.randint(4, 900)))
    return inc, {
        "title": "Partner webhook JSON decoded with keys: :atoms exhausts the BEAM atom table; beacon pods abort and websocket clients drop",
        "root_cause": {"evidence": ["no more index entries in atom_tab", "atom_limit=1048576"], "category": "resource-exhaustion", "must_mention": ["atom"]},
        "symptoms": [{"evidence": "backend_connection_closed_before_data_sent_to_client"}, {"evidence": "Back-off restarting failed container"},
                     {"evidence": "Crash dump is being written"}],
        "distractors": [{"evidence": "Tzdata could not fetch release data"}],
        "priority": "P1"}


def gokit(t, lvl, caller, msg, **kw):
    s = "level=%s ts=%s caller=%s msg=\"%s\"" % (lvl, t.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (t.microsecond // 1000), caller, msg)
    for k, v in kw.items():
        s += " %s=%s" % (k, v if isinstance(v, (int, float)) or (" " not in str(v) and "\"" not in str(v)) else json.dumps(str(v)))
    return s


def ulid(r):
    return "01J" + "".join(r.choice("0123456789ABCDEFGHJKMNPQRSTVWXYZ") for _ in range(23))


# =====================================================================================
# 5. Thanos on GKE: prometheus-k8s-1 recreated with a hard-coded replica="prometheus-k8s-0"
#    external label -> two sources upload identically-labelled blocks -> compactor halts
# =====================================================================================
@incident
def thanos_overlap():
    inc = Inc("thanos-compactor-halt-duplicate-replica-label", "northgrid-obs-prod", "2026-11-18T09:35:00", 55, 2205)
    r = inc.r
    C, L, NS = "obs-gke", "us-east4", "monitoring"
    node = "gke-obs-gke-pool-1-%s-%s" % (inc.hexid(8), inc.hexid(4))
    t_del = 4.0
    k8saudit(inc, t_del - 0.4, C, L, "io.k8s.apps.v1.statefulsets.update", "apps/v1/namespaces/monitoring/statefulsets/prometheus-k8s", "j.lindqvist@northgrid.energy",
             ua="Helm/3.16.2")
    k8saudit(inc, t_del, C, L, "io.k8s.core.v1.pods.delete", "core/v1/namespaces/monitoring/pods/prometheus-k8s-1", "j.lindqvist@northgrid.energy")
    kevent(inc, t_del + 0.01, C, L, NS, "Pod", "prometheus-k8s-1", "Killing", "Stopping container prometheus", host=node)
    kevent(inc, t_del + 0.01, C, L, NS, "Pod", "prometheus-k8s-1", "Killing", "Stopping container thanos-sidecar", host=node)
    for dm, rs, msg in [(0.4, "Scheduled", "Successfully assigned monitoring/prometheus-k8s-1 to " + node), (0.5, "Pulled", 'Container image "quay.io/prometheus/prometheus:v2.55.1" already present on machine'),
                        (0.51, "Started", "Started container prometheus"), (0.52, "Pulled", 'Container image "quay.io/thanos/thanos:v0.36.1" already present on machine'), (0.53, "Started", "Started container thanos-sidecar")]:
        kevent(inc, t_del + dm, C, L, NS, "Pod", "prometheus-k8s-1", rs, msg, host=node, comp="default-scheduler" if rs == "Scheduled" else "kubelet")
    sc1 = k8s(inc, C, L, NS, "prometheus-k8s-1", "thanos-sidecar")
    pr1 = k8s(inc, C, L, NS, "prometheus-k8s-1", "prometheus")
    t = inc.at(t_del + 0.55)
    for i, (lvl, cl, msg, kw) in enumerate([("info", "factory.go:53", "loading bucket configuration", {}),
                                            ("info", "sidecar.go:135", "starting sidecar", {}),
                                            ("info", "intrumentation.go:75", "changing probe status", {"status": "healthy"}),
                                            ("info", "http.go:73", "listening for requests and metrics", {"service": "http/server", "component": "sidecar", "address": "0.0.0.0:10902"}),
                                            ("warn", "sidecar.go:200", "failed to fetch prometheus version. Is Prometheus running? Retrying", {"err": "perform GET request against http://localhost:9090/api/v1/status/buildinfo: Get \"http://localhost:9090/api/v1/status/buildinfo\": dial tcp [::1]:9090: connect: connection refused"}),
                                            ("info", "sidecar.go:192", "successfully loaded prometheus version", {}),
                                            ("info", "sidecar.go:211", "successfully loaded prometheus external labels", {"external_labels": "{cluster=\"obs-prod-use4\", environment=\"prod\", replica=\"prometheus-k8s-0\"}"}),
                                            ("info", "grpc.go:131", "listening for serving gRPC", {"service": "gRPC/server", "component": "sidecar", "address": "0.0.0.0:10901"}),
                                            ("info", "shipper.go:332", "no meta file found, creating empty meta data to write later", {})]):
        inc.e(t + timedelta(seconds=i * 0.7), sc1, "stderr", "WARNING" if lvl == "warn" else "INFO", text=gokit(t + timedelta(seconds=i * 0.7), lvl, cl, msg, **kw))
    for i, msg in enumerate(["Starting Prometheus Server", "Replaying on-disk memory mappable chunks if any", "WAL segment loaded", "TSDB started", "Loading configuration file", "Completed loading of configuration file", "Server is ready to receive web requests."]):
        t2 = t + timedelta(seconds=i * 1.9)
        kw = {"component": "tsdb"} if "WAL" in msg or "TSDB" in msg else {}
        if "configuration file" in msg:
            kw = {"filename": "/etc/prometheus/config_out/prometheus.env.yaml"}
        inc.e(t2, pr1, "stderr", "INFO", text=gokit(t2, "info", "main.go:%d" % r.randint(600, 1400), msg, **kw))
    # prometheus background on both
    jobs = ["kubernetes-pods", "node-exporter", "kube-state-metrics", "kubelet", "cadvisor", "ingress-nginx", "billing-api", "meter-ingest"]
    for pn in ["prometheus-k8s-0", "prometheus-k8s-1"]:
        pr = k8s(inc, C, L, NS, pn, "prometheus")
        for t in inc.times(1.0):
            inc.e(t, pr, "stderr", "WARNING", text=gokit(t, "warn", "scrape.go:1819", "Error on ingesting samples that are too old or are too far into the future", component="scrape manager", scrape_pool="meter-ingest", target="http://10.52.%d.%d:9102/metrics" % (r.randint(0, 9), r.randint(2, 250)), num_dropped=r.randint(1, 40)))
        for t in inc.times(0.5):
            inc.e(t, pr, "stderr", "WARNING", text=gokit(t, "warn", "scrape.go:1776", "Appending scrape report failed", component="scrape manager", scrape_pool=r.choice(jobs), err="out of bounds"))
        for t in inc.every(2 * 60 / 60 * 30, r.uniform(0, 5)):
            inc.e(t, pr, "stderr", "INFO", text=gokit(t, "info", "compact.go:576", "write block", component="tsdb", mint=int(t.timestamp() * 1000) - 7200000, maxt=int(t.timestamp() * 1000), ulid=ulid(r), duration="%.3fs" % r.uniform(2, 9)))
        sc = k8s(inc, C, L, NS, pn, "thanos-sidecar")
        for t in inc.every(30, 12 if pn.endswith("0") else 33):
            inc.e(t, sc, "stderr", "INFO", text=gokit(t, "info", "shipper.go:361", "upload new block", id=ulid(r)))
    # compactor: runs every 5 min; halts after the first duplicate upload
    cp = k8s(inc, C, L, NS, "thanos-compact-0", "thanos-compact")
    t_halt = 35.6
    x = 0.8
    while x < inc.mins:
        t = inc.at(x)
        if x < t_halt:
            inc.e(t, cp, "stderr", "INFO", text=gokit(t, "info", "compact.go:1462", "start sync of metas"))
            inc.e(t + timedelta(seconds=2.1), cp, "stderr", "INFO", text=gokit(t + timedelta(seconds=2.1), "info", "fetcher.go:623", "successfully synchronized block metadata", duration="2.09s", duration_ms=2090, cached=r.randint(1800, 1900), returned=r.randint(900, 1000), partial=0))
            inc.e(t + timedelta(seconds=3), cp, "stderr", "INFO", text=gokit(t + timedelta(seconds=3), "info", "compact.go:1467", "start of GC"))
            inc.e(t + timedelta(seconds=3.5), cp, "stderr", "INFO", text=gokit(t + timedelta(seconds=3.5), "info", "compact.go:1490", "start of compactions"))
            inc.e(t + timedelta(seconds=9), cp, "stderr", "INFO", text=gokit(t + timedelta(seconds=9), "info", "compact.go:1525", "compaction iterations done"))
            x += 5
        else:
            break
    th = inc.at(t_halt)
    u1, u2 = ulid(r), ulid(r)
    mint = int(inc.at(t_halt - 2 * 60 / 60 * 60).timestamp() * 1000) // 7200000 * 7200000
    err = ("compaction: group 0@5679675083797525161: pre compaction overlap check: overlaps found while gathering blocks. [mint: %d, maxt: %d, range: 2h0m0s, blocks: 2]: <ulid: %s, mint: %d, maxt: %d, range: 2h0m0s>, <ulid: %s, mint: %d, maxt: %d, range: 2h0m0s>"
           % (mint, mint + 7200000, u1, mint, mint + 7200000, u2, mint, mint + 7200000))
    inc.e(th, cp, "stderr", "ERROR", text=gokit(th, "error", "compact.go:598", "critical error detected; halting", err=err))
    x = t_halt + 5
    while x < inc.mins:
        inc.e(x, cp, "stderr", "WARNING", text=gokit(inc.at(x), "warn", "compact.go:1453", "compactor is halted; skipping compaction iteration; will retry on restart"))
        x += 5
    am = k8s(inc, C, L, NS, "alertmanager-main-0", "alertmanager")
    for xx in [t_halt + 5.3, t_halt + 10.3, t_halt + 15.3]:
        inc.e(xx, am, "stderr", "INFO", text=gokit(inc.at(xx), "info", "dispatch.go:164", "Notify success", component="dispatcher", receiver="platform-slack", integration="slack[0]", alerts="[ThanosCompactHalted[%s][active]]" % inc.hexid(7)))
    for t in inc.every(5, 1.7):
        inc.e(t, am, "stderr", "INFO", text=gokit(t, "info", "dispatch.go:164", "Notify success", component="dispatcher", receiver="billing-pager", integration="pagerduty[0]", alerts="[MeterIngestClockSkew[%s][active]]" % inc.hexid(7)))
    # query + store + grafana traffic
    q = pod(r, "thanos-query")
    for t in inc.times(48):
        qres = k8s(inc, C, L, NS, q, "thanos-query")
        dur = r.lognormvariate(math.log(0.3), 0.8)
        inc.e(t, qres, "stderr", "INFO", text=gokit(t, "info", "handler.go:%d" % r.choice([84, 121]), "request finished", http_method="POST", http_route="/api/v1/query_range", http_status=200, duration="%.3fs" % dur, tenant="default-tenant"))
    for t in inc.times(14):
        gr = k8s(inc, C, L, NS, "grafana-" + "7b9c6d8f5-" + "x2kqp", "grafana")
        inc.e(t, gr, "stdout", "INFO", text="logger=context userId=%d orgId=1 uname=%s t=%s level=info msg=\"Request Completed\" method=GET path=/api/dashboards/uid/%s status=200 remote_addr=10.52.3.%d time_ms=%d duration=%dms size=%d referer= handler=/api/dashboards/uid/:uid status_source=server" % (
            r.randint(2, 80), r.choice(["akim", "j.lindqvist", "oncall", "mreyes"]), iso(t)[:23] + "Z", inc.hexid(9), r.randint(2, 250), r.randint(5, 90), r.randint(5, 90), r.randint(2000, 90000)))
    for sg in ["thanos-store-0", "thanos-store-1"]:
        for t in inc.times(1.0):
            inc.e(t, k8s(inc, C, L, NS, sg, "thanos-store"), "stderr", "INFO", text=gokit(t, "info", "fetcher.go:623", "successfully synchronized block metadata", duration="%.3fs" % r.uniform(0.5, 2), cached=r.randint(1800, 1900), returned=r.randint(1800, 1900), partial=0))
    return inc, {
        "title": "prometheus-k8s-1 recreated with replica=\"prometheus-k8s-0\" external label; overlapping blocks halt the Thanos compactor",
        "root_cause": {"evidence": ["successfully loaded prometheus external labels"], "category": "configuration", "must_mention": ["replica", "external label"]},
        "symptoms": [{"evidence": "critical error detected; halting"}, {"evidence": "compactor is halted"}, {"evidence": "ThanosCompactHalted"}],
        "distractors": [{"evidence": "samples that are too old or are too far into the future"}, {"evidence": "MeterIngestClockSkew"}],
        "priority": "P3"}


def logback(t, lvl, thread, logger, msg):
    return "%s %-5s [%s] %s - %s" % (t.strftime("%Y-%m-%d %H:%M:%S.") + "%03d" % (t.microsecond // 1000), lvl, thread, logger, msg)


# =====================================================================================
# 6. Kafka Streams fraud-scorer: config change max.poll.records 500 -> 5000;
#    batches exceed max.poll.interval.ms, rebalance storm, scoring lag, payments held
# =====================================================================================
@incident
def kstreams_poll():
    inc = Inc("kafka-streams-max-poll-records-rebalance", "ledgerline-pay-prod", "2026-10-07T13:00:00", 50, 2206)
    r = inc.r
    C, L, NS = "pay-gke-1", "us-central1", "risk"
    t_roll = 2.5
    old = [pod(r, "fraud-scorer") for _ in range(3)]
    rs = "6d8f7c9b4"
    new = ["fraud-scorer-%s-%s" % (rs, inc.hexid(5)) for _ in range(3)]
    k8saudit(inc, t_roll - 0.3, C, L, "io.k8s.core.v1.configmaps.update", "core/v1/namespaces/risk/configmaps/fraud-scorer-streams", "argocd-application-controller@ledgerline-pay-prod.iam.gserviceaccount.com", ua="argocd-controller/v2.12.6")
    k8saudit(inc, t_roll - 0.2, C, L, "io.k8s.apps.v1.deployments.patch", "apps/v1/namespaces/risk/deployments/fraud-scorer", "argocd-application-controller@ledgerline-pay-prod.iam.gserviceaccount.com", ua="argocd-controller/v2.12.6")
    starts = {}
    for i, (o, n) in enumerate(zip(old, new)):
        ts = t_roll + i * 0.9
        starts[n] = ts + 0.3
        kevent(inc, ts, C, L, NS, "Pod", n, "Started", "Started container fraud-scorer", host="gke-pay-gke-1-pool-a-%s" % inc.hexid(4))
        kevent(inc, ts + 0.55, C, L, NS, "Pod", o, "Killing", "Stopping container fraud-scorer", host="gke-pay-gke-1-pool-a-%s" % inc.hexid(4))
        res = k8s(inc, C, L, NS, n, "fraud-scorer")
        t = inc.at(ts + 0.05)
        cid = "fraud-scorer-%s-%s-StreamThread-1-consumer" % (inc.hexid(8), inc.hexid(4))
        cfg = ["ConsumerConfig values: ", "\tallow.auto.create.topics = false", "\tauto.commit.interval.ms = 5000", "\tauto.offset.reset = earliest",
               "\tbootstrap.servers = [kafka-bootstrap.kafka.svc:9092]", "\tclient.id = " + cid, "\tenable.auto.commit = false", "\tfetch.max.bytes = 52428800",
               "\tgroup.id = fraud-scorer", "\theartbeat.interval.ms = 3000", "\tisolation.level = read_committed", "\tmax.partition.fetch.bytes = 1048576",
               "\tmax.poll.interval.ms = 300000", "\tmax.poll.records = 5000", "\tsession.timeout.ms = 45000", "\tpartition.assignment.strategy = [org.apache.kafka.streams.processor.internals.assignment.StreamsPartitionAssignor]"]
        inc.e(t - timedelta(seconds=1), res, "stdout", "INFO", text=logback(t - timedelta(seconds=1), "INFO", "main", "c.l.risk.FraudScorerApplication", "Starting FraudScorerApplication v4.18.2 using Java 21.0.5 with PID 1"))
        for j, ln in enumerate(cfg):
            inc.e(t + timedelta(microseconds=20 * j), res, "stdout", "INFO", text=(logback(t, "INFO", "main", "o.a.k.clients.consumer.ConsumerConfig", ln) if j == 0 else ln))
        inc.e(t + timedelta(seconds=2), res, "stdout", "INFO", text=logback(t + timedelta(seconds=2), "INFO", "main", "o.a.k.streams.KafkaStreams", "stream-client [fraud-scorer-%s] State transition from CREATED to REBALANCING" % inc.hexid(8)))
    for o in old:
        res = k8s(inc, C, L, NS, o, "fraud-scorer")
        for t in inc.times(4, 0, t_roll + 1):
            inc.e(t, res, "stdout", "INFO", text=logback(t, "INFO", "fraud-scorer-StreamThread-1", "c.l.risk.scoring.ScoreProcessor", "scored batch records=%d p99_ms=%d model=gbm-2026-09" % (r.randint(300, 500), r.randint(40, 90))))
    # after rollout: each poll takes ~ 5000 * 70ms > 300s -> poll timeout, leave group, rebalance
    brokers = ["kafka-0", "kafka-1", "kafka-2"]
    gen = 41
    for n in new:
        res = k8s(inc, C, L, NS, n, "fraud-scorer")
        x = starts[n] + 0.5
        while x < inc.mins:
            tt = inc.at(x)
            th = "fraud-scorer-%s-StreamThread-%d" % (inc.hexid(8), r.randint(1, 2))
            for k in range(r.randint(2, 4)):
                t2 = tt + timedelta(seconds=60 * k + r.uniform(0, 20))
                inc.e(t2, res, "stdout", "INFO", text=logback(t2, "INFO", th, "c.l.risk.scoring.ScoreProcessor", "scoring in progress records=%d/%d elapsed_ms=%d" % (r.randint(800, 4000), 5000, r.randint(60000, 250000))))
            tp = tt + timedelta(seconds=r.uniform(305, 340))
            if inc.m(tp) >= inc.mins:
                break
            inc.e(tp, res, "stdout", "WARNING", text=logback(tp, "WARN", "kafka-coordinator-heartbeat-thread | fraud-scorer", "o.a.k.c.c.internals.ConsumerCoordinator",
                  "[Consumer clientId=%s-StreamThread-1-consumer, groupId=fraud-scorer] consumer poll timeout has expired. This means the time between subsequent calls to poll() was longer than the configured max.poll.interval.ms, which typically implies that the poll loop is spending too much time processing messages. You can address this either by increasing max.poll.interval.ms or by reducing the maximum size of batches returned in poll() with max.poll.records." % n))
            inc.e(tp + timedelta(milliseconds=3), res, "stdout", "INFO", text=logback(tp, "INFO", "kafka-coordinator-heartbeat-thread | fraud-scorer", "o.a.k.c.c.internals.ConsumerCoordinator", "[Consumer clientId=%s-StreamThread-1-consumer, groupId=fraud-scorer] Member %s-StreamThread-1-consumer-%s sending LeaveGroup request to coordinator kafka-1.kafka-brokers.kafka.svc:9092 (id: 2147483646 rack: null) due to consumer poll timeout has expired." % (n, n, inc.hexid(8))))
            t3 = tp + timedelta(seconds=r.uniform(1, 30))
            inc.e(t3, res, "stdout", "ERROR", text=logback(t3, "ERROR", th, "o.a.k.s.p.internals.TaskManager", "stream-thread [%s] Failed to commit tasks 0_%d, 0_%d" % (th, r.randint(0, 11), r.randint(0, 11))))
            inc.block(t3 + timedelta(milliseconds=1), res, "stdout", "ERROR", "org.apache.kafka.streams.errors.TaskMigratedException: Client request for task 0_%d has been fenced due to a rebalance; it means all tasks belonging to this thread should be migrated.\n\tat org.apache.kafka.streams.processor.internals.TaskExecutor.commitOffsetsOrTransaction(TaskExecutor.java:212)\n\tat org.apache.kafka.streams.processor.internals.TaskManager.commitTasksAndMaybeUpdateCommittableOffsets(TaskManager.java:1826)\n\tat org.apache.kafka.streams.processor.internals.StreamThread.maybeCommit(StreamThread.java:1302)\n\tat org.apache.kafka.streams.processor.internals.StreamThread.runOnceWithoutProcessingThreads(StreamThread.java:891)\n\tat org.apache.kafka.streams.processor.internals.StreamThread.runLoop(StreamThread.java:686)\nCaused by: org.apache.kafka.clients.consumer.CommitFailedException: Offset commit cannot be completed since the consumer is not part of an active group for auto partition assignment; it is likely that the consumer was kicked out of the group." % r.randint(0, 11))
            inc.e(t3 + timedelta(seconds=1), res, "stdout", "INFO", text=logback(t3, "INFO", th, "o.a.k.streams.KafkaStreams", "stream-client [fraud-scorer] State transition from RUNNING to REBALANCING"))
            x = inc.m(t3) + r.uniform(0.3, 1.0)
    # broker side
    for t in inc.times(lambda x: 0 if x < t_roll + 6 else 0.9):
        b = r.choice(brokers)
        gen += 1
        inc.e(t, k8s(inc, C, L, "kafka", b, "kafka"), "stdout", "INFO", text="[%s] INFO [GroupCoordinator %d]: Preparing to rebalance group fraud-scorer in state PreparingRebalance with old generation %d (__consumer_offsets-17) (reason: %s) (kafka.coordinator.group.GroupCoordinator)" % (
            pyts(t), brokers.index(b), gen, r.choice(["Removing member fraud-scorer-%s-StreamThread-1-consumer-%s on LeaveGroup; client reason: consumer poll timeout has expired." % (inc.hexid(8), inc.hexid(8)), "Adding new member fraud-scorer-%s-StreamThread-1-consumer-%s with group instance id None" % (inc.hexid(8), inc.hexid(8))])))
    for t in inc.times(lambda x: 0.4 if x < t_roll + 3 else 0.15):
        b = r.choice(brokers)
        inc.e(t, k8s(inc, C, L, "kafka", b, "kafka"), "stdout", "INFO", text="[%s] INFO [GroupCoordinator %d]: Stabilized group fraud-scorer generation %d (__consumer_offsets-17) with %d members (kafka.coordinator.group.GroupCoordinator)" % (pyts(t), brokers.index(b), gen + r.randint(0, 5), r.randint(2, 6)))
    # distractor: HTTP health check hitting the Kafka port
    for t in inc.times(1.0):
        b = r.choice(brokers)
        inc.e(t, k8s(inc, C, L, "kafka", b, "kafka"), "stdout", "WARNING", text="[%s] WARN [SocketServer listenerType=BROKER, nodeId=%d] Unexpected error from /10.20.%d.%d (channelId=10.20.4.%d:9092-10.20.%d.%d:%d-%d); closing connection (org.apache.kafka.common.network.Selector)" % (
            pyts(t), brokers.index(b), r.randint(0, 9), r.randint(2, 250), r.randint(2, 250), r.randint(0, 9), r.randint(2, 250), r.randint(30000, 60000), r.randint(0, 90)))
        inc.e(t + timedelta(microseconds=50), k8s(inc, C, L, "kafka", b, "kafka"), "stdout", "WARNING", text="org.apache.kafka.common.network.InvalidReceiveException: Invalid receive (size = 1195725856 larger than 104857600)")
    for t in inc.times(2):
        b = r.choice(brokers)
        inc.e(t, k8s(inc, C, L, "kafka", b, "kafka"), "stdout", "INFO", text="[%s] INFO [LocalLog partition=payments.events-%d, dir=/var/lib/kafka/data-0/kafka-log%d] Rolled new log segment at offset %d in %d ms. (kafka.log.LocalLog)" % (pyts(t), r.randint(0, 11), brokers.index(b), r.randint(10**7, 10**8), r.randint(1, 9)))
    # payments-api and settlement: held payments grow after lag builds
    api = [pod(r, "payments-api") for _ in range(3)]
    st = [pod(r, "settlement-worker") for _ in range(2)]
    lb = lbres(inc, "pay-api")
    for t in inc.times(90):
        x = inc.m(t)
        p = r.choice(api)
        path = pick(r, [("/v2/payments", 50), ("/v2/payments/%s" % ("pay_" + inc.hexid(14)), 35), ("/v2/refunds", 5), ("/v2/customers/%s/methods" % ("cus_" + inc.hexid(12)), 10)])
        meth = "POST" if path in ("/v2/payments", "/v2/refunds") else "GET"
        lat = r.lognormvariate(math.log(0.08), 0.4)
        lbreq(inc, t, lb, "api.ledgerline.io", meth, path, 201 if meth == "POST" else 200, lat, ua="ledgerline-node/6.%d.0" % r.randint(0, 9))
        inc.e(t + timedelta(seconds=lat), k8s(inc, C, L, "payments", p, "payments-api"), "stdout", "INFO", js={"level": "info", "ts": iso(t)[:23] + "Z", "logger": "http", "msg": "request completed", "method": meth, "path": path, "status": 201 if meth == "POST" else 200, "duration_ms": int(lat * 1000)})
    for t in inc.times(lambda x: 0 if x < t_roll + 7 else min(12, (x - t_roll - 7) * 0.8)):
        s = r.choice(st)
        inc.e(t, k8s(inc, C, L, "payments", s, "settlement-worker"), "stdout", "WARNING", js={"level": "warn", "ts": iso(t)[:23] + "Z", "logger": "settlement.gate", "msg": "fraud score not available within SLA; holding payment for manual review", "payment_id": "pay_" + inc.hexid(14), "waited_ms": r.randint(30000, 600000), "topic": "risk.scores"})
    for t in inc.times(8):
        s = r.choice(st)
        inc.e(t, k8s(inc, C, L, "payments", s, "settlement-worker"), "stdout", "INFO", js={"level": "info", "ts": iso(t)[:23] + "Z", "logger": "settlement.gate", "msg": "payment released for settlement", "payment_id": "pay_" + inc.hexid(14)})
    lagm = k8s(inc, C, L, "kafka", pod(r, "kafka-lag-exporter"), "kafka-lag-exporter")
    for t in inc.every(1.0, 0.3):
        x = inc.m(t)
        lag = r.randint(50, 900) if x < t_roll + 6 else int(2000 + (x - t_roll - 6) ** 1.6 * 900)
        inc.e(t, lagm, "stdout", "WARNING" if lag > 20000 else "INFO", text="%s %s c.l.kafkalagexporter.ConsumerGroupCollector - group=fraud-scorer topic=payments.events total_lag=%d max_lag_seconds=%d" % (
            t.strftime("%H:%M:%S.%f")[:12], "WARN " if lag > 20000 else "INFO ", lag, int(lag / 70)))
    return inc, {
        "title": "Kafka Streams fraud-scorer config raised max.poll.records to 5000; poll loop exceeds max.poll.interval.ms, rebalance storm, payments held",
        "root_cause": {"evidence": ["max.poll.records = 5000"], "category": "configuration", "must_mention": ["max.poll.records"]},
        "symptoms": [{"evidence": "consumer poll timeout has expired"}, {"evidence": "TaskMigratedException"},
                     {"evidence": "holding payment for manual review"}],
        "distractors": [{"evidence": "Invalid receive (size = 1195725856"}],
        "priority": "P1"}


# =====================================================================================
# 7. ScyllaDB on GCE: chaos agent corrupts an SSTable on scylla-2; checksum failures in
#    compaction and reads; a small share of LOCAL_QUORUM reads fail in the query API
# =====================================================================================
@incident
def scylla_corrupt():
    inc = Inc("scylla-sstable-checksum-corruption", "tessera-iot-prod", "2026-09-09T02:15:00", 50, 2207)
    r = inc.r
    zone = "us-west1-a"
    nodes = [("scylla-1", "3819203948571029384", "10.138.0.21"), ("scylla-2", "5510293847561029388", "10.138.0.22"), ("scylla-3", "8820193847561021933", "10.138.0.23")]
    data = "/var/lib/scylla/data/telemetry/readings_by_device-6a1f0e20f2b411ee9d2c3b1d5a0e7c41/me-3gfh_0p2k_1u7xc2ks1pzw4xfjdw-big-Data.db"
    t_inj = 6.2

    def sc(t, res, host, shard, comp, msg, sev="INFO"):
        if isinstance(t, (int, float)):
            t = inc.at(t)
        lvl = {"INFO": "INFO ", "WARNING": "WARN ", "ERROR": "ERROR"}[sev]
        inc.e(t, res, "scylla", sev, text="%s %s [shard %2d:%s] %s - %s" % (lvl, t.strftime("%Y-%m-%d %H:%M:%S,") + "%03d" % (t.microsecond // 1000), shard, r.choice(["main", "stmt", "comp", "strm"]) if comp != "compaction" else "comp", comp, msg))
    for name, iid, vip in nodes:
        res = gce(inc, iid, zone)
        gce_background(inc, res, name)
        for t in inc.times(3):
            ks = r.choice(["telemetry.readings_by_device", "telemetry.device_state", "telemetry.alerts_by_site", "system.compaction_history"])
            sc(t, res, name, r.randint(0, 7), "compaction", "[Compact %s %s] Compacted %d sstables to [%s]. %dkB to %dkB (~%d%% of original) in %dms = %.2fMB/s. ~%d total partitions merged to %d." % (
                ks, "%s-%s-11ef-%s" % (inc.hexid(8), inc.hexid(4), inc.hexid(12)), r.randint(2, 6), "/var/lib/scylla/data/telemetry/...-big-Data.db:level=0", r.randint(1000, 900000), r.randint(900, 800000), r.randint(60, 99), r.randint(80, 20000), r.uniform(5, 80), r.randint(1000, 90000), r.randint(900, 80000)))
        for t in inc.times(1.2):
            sc(t, res, name, r.randint(0, 7), "repair", r.choice(["repair[%s]: Started to repair 1 out of 3 tables in keyspace=telemetry, table=device_state, range=(%d, %d]" % (inc.hexid(8), r.randint(-2**62, 0), r.randint(0, 2**62)),
                                                              "repair[%s]: completed successfully, keyspace=telemetry" % inc.hexid(8)]))
        for t in inc.every(10, r.uniform(0, 10)):
            inc.e(t, res, "syslog", "WARNING", text="%s %2d %s %s scylla-housekeeping[%d]: Traceback (most recent call last): urllib.error.URLError: <urlopen error [Errno 101] Network is unreachable> (version check https://repositories.scylladb.com/scylla/check_version)" % (t.strftime("%b"), t.day, t.strftime("%H:%M:%S"), name, r.randint(1000, 3000)))
        for t in inc.times(0.4):
            sc(t, res, name, r.randint(0, 7), "reader_concurrency_semaphore", "(rate limiting dropped %d similar messages) Semaphore _system_read_concurrency_sem with 4/10 count and 212345/1048576 memory resources: timed out, dumping permit diagnostics:" % r.randint(1, 30), "WARNING")
    # chaos injection on scylla-2
    res2 = gce(inc, nodes[1][1], zone)
    t = inc.at(t_inj)
    inc.e(t, res2, "syslog", "INFO", text="%s %2d %s scylla-2 chaos-agent[2231]: attack=%s state=started type=corrupt-file target=%s bytes=64 offset=random experiment=storage-durability-q3 owner=platform-reliability" % (t.strftime("%b"), t.day, t.strftime("%H:%M:%S"), inc.hexid(12), data))
    t = inc.at(t_inj + 0.02)
    inc.e(t, res2, "syslog", "INFO", text="%s %2d %s scylla-2 chaos-agent[2231]: attack finished: corrupt-file wrote 64 bytes into %s" % (t.strftime("%b"), t.day, t.strftime("%H:%M:%S"), data))
    # compaction on that table fails every ~4 min
    x = t_inj + 2.3
    while x < inc.mins:
        sc(x, res2, "scylla-2", 5, "compaction", "[Compact telemetry.readings_by_device %s] Compacting [%s:level=0:origin=memtable, %s:level=0:origin=compaction]" % ("%s-%s-11ef-%s" % (inc.hexid(8), inc.hexid(4), inc.hexid(12)), data, data.replace("1u7xc2ks1pzw4xfjdw", "1u7xbz9k2a0w4xfjdw")))
        sc(x + 0.2, res2, "scylla-2", 5, "compaction_manager", "Compaction task 0x%s for table telemetry.readings_by_device [0x%s]: failed: sstables::malformed_sstable_exception (Failed to read partition from SSTable %s due to compressed chunk of size %d at file offset %d failed checksum, expected=%d, actual=%d). Will retry in %d seconds" % (
            inc.hexid(12), inc.hexid(12), data, r.choice([32768, 65536]), 123731968, 2385712233, 1173839201, 5 * 2 ** min(6, int((x - t_inj) / 4))), "ERROR")
        x += r.uniform(3.5, 5)
    # reads touching the chunk fail on scylla-2
    for t in inc.times(lambda x: 0 if x < t_inj + 0.5 else 1.6, ):
        sc(t, res2, "scylla-2", r.randint(0, 7), "storage_proxy", "Exception when communicating with 10.138.0.%d, to read from telemetry.readings_by_device: sstables::malformed_sstable_exception (Failed to read partition from SSTable %s due to compressed chunk of size 65536 at file offset 123731968 failed checksum, expected=2385712233, actual=1173839201)" % (r.choice([21, 23]), data), "WARNING")
    # query API (Quarkus) calls
    api = [("tq-vm-1", "1029384756102938471"), ("tq-vm-2", "1029384756102938472")]
    lb = lbres(inc, "telemetry-api")
    for t in inc.times(110):
        vm = r.choice(api)
        res = gce(inc, vm[1], zone)
        dev = "dev-%06d" % r.randint(0, 400000)
        path = r.choice(["/v1/devices/%s/readings?from=%s&limit=500" % (dev, inc.at(0).strftime("%Y-%m-%dT%H")), "/v1/devices/%s/state" % dev, "/v1/sites/%d/alerts" % r.randint(1, 3000)])
        fail = "readings" in path and inc.m(t) > t_inj + 0.5 and r.random() < 0.012
        lat = r.lognormvariate(math.log(0.025), 0.5)
        st = 200
        if fail:
            st, lat = 500, r.uniform(0.2, 1.2)
        lbreq(inc, t, lb, "api.tessera.io", "GET", path, st, lat, ua=r.choice(["tessera-dashboard/3.2", "okhttp/4.12.0", "python-requests/2.32.3"]))
        ts = t.strftime("%Y-%m-%d %H:%M:%S,") + "%03d" % (t.microsecond // 1000)
        if fail:
            inc.e(t + timedelta(seconds=lat), res, "telemetry-query", "ERROR", text="%s ERROR [io.tes.tel.api.ReadingsResource] (executor-thread-%d) read failed for %s: com.datastax.oss.driver.api.core.servererrors.ReadFailureException: Cassandra failure during read query at consistency LOCAL_QUORUM (2 responses were required but only 1 replica responded, 1 failed)" % (ts, r.randint(1, 40), dev))
        elif r.random() < 0.15:
            inc.e(t + timedelta(seconds=lat), res, "telemetry-query", "INFO", text="%s INFO  [io.qua.htt.access-log] (executor-thread-%d) 10.138.0.%d - - \"GET %s HTTP/1.1\" %d %d" % (ts, r.randint(1, 40), r.randint(2, 9), path, st, r.randint(200, 90000)))
    return inc, {
        "title": "Chaos corrupt-file attack on scylla-2 left a readings_by_device SSTable failing checksums; compaction stalls and some quorum reads fail",
        "root_cause": {"evidence": ["type=corrupt-file", "failed checksum"], "category": "database", "must_mention": ["sstable", "scylla-2"]},
        "symptoms": [{"evidence": "ReadFailureException"}],
        "distractors": [{"evidence": "scylla-housekeeping"}, {"evidence": "_system_read_concurrency_sem"}],
        "priority": "P2"}


def dotnet(t, lvl, cat, eid, msg, **scopes):
    d = {"Timestamp": iso(t)[:23] + "Z", "EventId": eid, "LogLevel": lvl, "Category": cat, "Message": msg, "State": {"Message": msg}}
    if scopes:
        d["Scopes"] = [scopes]
    return d


SEVMAP = {"Information": "INFO", "Warning": "WARNING", "Error": "ERROR", "Critical": "CRITICAL", "Debug": "DEBUG"}


# =====================================================================================
# 8. RabbitMQ on GKE: operator sets vm_memory_high_watermark to 0.04 -> memory alarm,
#    publishers blocked cluster-wide, .NET order-api cannot publish OrderPlaced (checkout down)
# =====================================================================================
@incident
def rabbit_watermark():
    inc = Inc("rabbitmq-memory-watermark-publishers-blocked", "brightcart-shop-prod", "2026-11-26T19:02:00", 40, 2208)
    r = inc.r
    C, L = "shop-gke", "us-east1"
    t_set = 7.4
    rq = ["rabbitmq-server-0", "rabbitmq-server-1", "rabbitmq-server-2"]

    def rlog(t, p, lvl, msg):
        sev = {"info": "INFO", "warning": "WARNING", "error": "ERROR", "notice": "NOTICE"}[lvl]
        inc.e(t, k8s(inc, C, L, "messaging", p, "rabbitmq"), "stdout", sev, text="%s.%06d+00:00 [%s] <0.%d.0> %s" % (t.strftime("%Y-%m-%d %H:%M:%S"), t.microsecond, lvl, r.randint(200, 90000), msg))
    t = inc.at(t_set)
    rlog(t - timedelta(seconds=1), "rabbitmq-server-0", "info", "Setting memory threshold via rabbitmqctl: vm_memory_high_watermark.relative = 0.04 (invoked by rabbitmqctl@rabbitmq-server-0 user 'ops-admin')")
    rlog(t, "rabbitmq-server-0", "info", "Memory high watermark set to 327 MiB (343597383 bytes) of 8192 MiB (8589934592 bytes) total")
    for p in rq:
        tt = t + timedelta(seconds=r.uniform(0.5, 3))
        if p == "rabbitmq-server-0":
            for k, ln in enumerate(["memory resource limit alarm set on node 'rabbit@rabbitmq-server-0.rabbitmq-nodes.messaging'.", "", "**********************************************************",
                                    "*** Publishers will be blocked until this alarm clears ***", "**********************************************************"]):
                rlog(tt + timedelta(microseconds=k * 30), p, "warning", ln) if ln else inc.e(tt, k8s(inc, C, L, "messaging", p, "rabbitmq"), "stdout", "WARNING", text="")
        else:
            rlog(tt, p, "info", "node 'rabbit@rabbitmq-server-0.rabbitmq-nodes.messaging' reported alarm {resource_limit,memory,'rabbit@rabbitmq-server-0.rabbitmq-nodes.messaging'}")
    k8saudit(inc, t_set - 0.1, C, L, "io.k8s.core.v1.pods.exec.create", "core/v1/namespaces/messaging/pods/rabbitmq-server-0/exec", "d.haugen@brightcart.com")
    for p in rq:
        for tt in inc.times(2.2):
            rlog(tt, p, "info", r.choice(["accepting AMQP connection <0.%d.0> (10.60.%d.%d:%d -> 10.60.7.%d:5672)" % (r.randint(1000, 90000), r.randint(0, 9), r.randint(2, 250), r.randint(30000, 60000), r.randint(2, 250)),
                                          "connection <0.%d.0> (10.60.%d.%d:%d -> 10.60.7.%d:5672): user 'shop' authenticated and granted access to vhost 'shop'" % (r.randint(1000, 90000), r.randint(0, 9), r.randint(2, 250), r.randint(30000, 60000), r.randint(2, 250))]))
        for tt in inc.times(0.8):
            rlog(tt, p, "warning", "closing AMQP connection <0.%d.0> (10.60.%d.%d:%d -> 10.60.7.%d:5672, vhost: 'reporting', user: 'reporting'):" % (r.randint(1000, 90000), r.randint(0, 9), r.randint(2, 250), r.randint(30000, 60000), r.randint(2, 250)))
            rlog(tt + timedelta(microseconds=80), p, "warning", "client unexpectedly closed TCP connection")
    # order-api (.NET 8) + fulfillment worker
    api = [pod(r, "order-api") for _ in range(4)]
    wk = [pod(r, "fulfillment-worker") for _ in range(2)]
    lb = lbres(inc, "shop-web")
    blocked = t_set + 0.05
    for t in inc.times(lambda x: 140 + 30 * math.sin(x / 6)):
        x = inc.m(t)
        kind = pick(r, [("browse", 60), ("cart", 20), ("order", 10), ("track", 10)])
        if kind == "browse":
            lbreq(inc, t, lb, "www.brightcart.com", "GET", r.choice(["/p/%d" % r.randint(1000, 99999), "/c/%s" % r.choice(["shoes", "outdoor", "kitchen", "kids", "sale"]), "/search?q=%s" % r.choice(["boots", "tent", "mug", "jacket"])]), 200, r.lognormvariate(math.log(0.09), 0.5))
            continue
        p = r.choice(api)
        res = k8s(inc, C, L, "orders", p, "order-api")
        if kind == "order":
            path = "/api/orders"
            if x >= blocked:
                lat = 30.0 + r.uniform(0.01, 0.3)
                lbreq(inc, t, lb, "www.brightcart.com", "POST", path, 500, lat)
                t2 = t + timedelta(seconds=lat)
                oid = "BC-%d" % r.randint(10**7, 10**8)
                inc.e(t2 - timedelta(milliseconds=20), res, "stdout", "ERROR", js=dotnet(t2, "Error", "Brightcart.Orders.Api.Checkout.PlaceOrderHandler", 5012, "Publishing OrderPlaced for order %s failed after 00:00:30" % oid, OrderId=oid, TraceId=inc.hexid(32)))
                if r.random() < 0.4:
                    inc.e(t2 - timedelta(milliseconds=19), res, "stdout", "ERROR", js={**dotnet(t2, "Error", "Microsoft.AspNetCore.Diagnostics.ExceptionHandlerMiddleware", 1, "An unhandled exception has occurred while executing the request."),
                                                                                       "Exception": "System.Threading.Tasks.TaskCanceledException: A task was canceled.\n   at MassTransit.RabbitMqTransport.RabbitMqModelContext.BasicPublishAsync(String exchange, String routingKey, Boolean mandatory, IBasicProperties basicProperties, Byte[] body, Boolean awaitAck)\n   at MassTransit.Transports.SendEndpoint.Send[T](T message, IPipe`1 pipe, CancellationToken cancellationToken)\n   at Brightcart.Orders.Api.Checkout.PlaceOrderHandler.Handle(PlaceOrder cmd, CancellationToken ct) in /src/Orders.Api/Checkout/PlaceOrderHandler.cs:line 88"})
                inc.e(t2, res, "stdout", "INFO", js=dotnet(t2, "Information", "Microsoft.AspNetCore.Hosting.Diagnostics", 2, "Request finished HTTP/1.1 POST http://order-api.orders.svc/api/orders - 500 - application/problem+json %.4fms" % (lat * 1000)))
            else:
                lat = r.lognormvariate(math.log(0.18), 0.3)
                lbreq(inc, t, lb, "www.brightcart.com", "POST", path, 201, lat)
                t2 = t + timedelta(seconds=lat)
                oid = "BC-%d" % r.randint(10**7, 10**8)
                inc.e(t2 - timedelta(milliseconds=5), res, "stdout", "INFO", js=dotnet(t2, "Information", "Brightcart.Orders.Api.Checkout.PlaceOrderHandler", 5010, "Order %s placed; OrderPlaced published" % oid, OrderId=oid))
                inc.e(t2, res, "stdout", "INFO", js=dotnet(t2, "Information", "Microsoft.AspNetCore.Hosting.Diagnostics", 2, "Request finished HTTP/1.1 POST http://order-api.orders.svc/api/orders - 201 - application/json %.4fms" % (lat * 1000)))
        else:
            path = "/api/cart/%s" % inc.hexid(12) if kind == "cart" else "/api/orders/BC-%d/status" % r.randint(10**7, 10**8)
            lat = r.lognormvariate(math.log(0.03), 0.4)
            meth = "PUT" if kind == "cart" and r.random() < 0.4 else "GET"
            lbreq(inc, t, lb, "www.brightcart.com", meth, path, 200, lat)
            inc.e(t + timedelta(seconds=lat), res, "stdout", "INFO", js=dotnet(t + timedelta(seconds=lat), "Information", "Microsoft.AspNetCore.Hosting.Diagnostics", 2, "Request finished HTTP/1.1 %s http://order-api.orders.svc%s - 200 - application/json %.4fms" % (meth, path, lat * 1000)))
    for p in api:
        res = k8s(inc, C, L, "orders", p, "order-api")
        inc.e(inc.at(blocked + r.uniform(0, 0.05)), res, "stdout", "WARNING", js=dotnet(inc.at(blocked + 0.02), "Warning", "MassTransit", 0, "Connection blocked: rabbitmq://rabbitmq.messaging.svc/shop - low on memory"))
    for w in wk:
        res = k8s(inc, C, L, "orders", w, "fulfillment-worker")
        for t in inc.times(lambda x: 6 if x < blocked + 0.5 else 0.15):
            inc.e(t, res, "stdout", "INFO", js=dotnet(t, "Information", "Brightcart.Fulfillment.OrderPlacedConsumer", 3001, "Reserved stock for order BC-%d (%d lines) in warehouse %s" % (r.randint(10**7, 10**8), r.randint(1, 6), r.choice(["EWR1", "ATL2", "ORD1"]))))
        for t in inc.every(5, 1):
            inc.e(t, res, "stdout", "WARNING", js=dotnet(t, "Warning", "Brightcart.Fulfillment.Carriers.UpsRateClient", 4107, "Carrier rate quote fell back to table rates: UPS API returned 503 ServiceUnavailable (attempt 3/3)"))
    return inc, {
        "title": "vm_memory_high_watermark set to 0.04 on RabbitMQ: memory alarm blocks all publishers, checkout POST /api/orders times out",
        "root_cause": {"evidence": ["Memory high watermark set to 327 MiB", "vm_memory_high_watermark.relative = 0.04"], "category": "configuration", "must_mention": ["watermark"]},
        "symptoms": [{"evidence": "Publishers will be blocked"}, {"evidence": "Publishing OrderPlaced"}, {"evidence": "low on memory"}],
        "distractors": [{"evidence": "client unexpectedly closed TCP connection"}, {"evidence": "UPS API returned 503"}],
        "priority": "P0"}


# =====================================================================================
# 9. Directus behind a Micronaut BFF: a Chaos Mesh HTTPChaos (replace body) meant for
#    staging applied in prod -> truncated JSON from /items/products -> catalog 502s
# =====================================================================================
@incident
def directus_httpchaos():
    inc = Inc("directus-httpchaos-body-replace-in-prod", "fernleaf-media-prod", "2026-10-20T11:25:00", 45, 2209)
    r = inc.r
    C, L = "fernleaf-gke", "europe-west2"
    t_apply = 13.7
    t_end = 45
    dpods = [pod(r, "directus") for _ in range(2)]
    bff = [pod(r, "catalog-bff") for _ in range(3)]
    # chaos applied
    k8saudit(inc, t_apply - 0.05, C, L, "com.chaos-mesh.v1alpha1.httpchaos.create", "chaos-mesh.org/v1alpha1/namespaces/content/httpchaos/directus-products-replace", "k.mensah@fernleaf.co.uk", ua="kubectl/v1.31.2 (darwin/arm64) kubernetes/5864a46")
    cm = k8s(inc, C, L, "chaos-mesh", "chaos-controller-manager-" + "6f7c8d9b5-" + "q8w2z", "chaos-mesh")
    t = inc.at(t_apply)
    inc.e(t, cm, "stderr", "INFO", js={"level": "info", "ts": iso(t)[:23] + "Z", "logger": "records", "msg": "apply chaos", "id": "content/%s" % dpods[0]})
    inc.e(t + timedelta(milliseconds=40), cm, "stderr", "INFO", js={"level": "info", "ts": iso(t)[:23] + "Z", "logger": "records", "msg": "apply chaos", "id": "content/%s" % dpods[1]})
    for dp in dpods:
        kevent(inc, t + timedelta(milliseconds=300), C, L, "content", "HTTPChaos", "directus-products-replace", "Applied", "Successfully apply chaos for content/%s" % dp, comp="records")
    dm = k8s(inc, C, L, "chaos-mesh", "chaos-daemon-" + inc.hexid(5), "chaos-daemon")
    inc.e(t + timedelta(milliseconds=200), dm, "stderr", "INFO", js={"level": "info", "ts": iso(t)[:23] + "Z", "logger": "chaos-daemon-server", "msg": "applying tproxy", "config": "{\"proxy_ports\":[8055],\"rules\":[{\"target\":\"Response\",\"selector\":{\"port\":8055,\"path\":\"/items/products*\",\"method\":\"GET\"},\"actions\":{\"replace\":{\"body\":\"eyJkYXRhIjpbeyJpZCI6\"}}}]}"})
    lb = lbres(inc, "fernleaf-shop")
    host = "shop.fernleaf.co.uk"
    for t in inc.times(lambda x: 120):
        x = inc.m(t)
        kind = pick(r, [("product", 35), ("list", 15), ("article", 25), ("cart", 10), ("asset", 15)])
        bp = r.choice(bff)
        bres = k8s(inc, C, L, "shop", bp, "catalog-bff")
        dp = r.choice(dpods)
        dres = k8s(inc, C, L, "content", dp, "directus")
        corrupt = kind in ("product", "list") and t_apply <= x < t_end
        if kind == "asset":
            lbreq(inc, t, lb, host, "GET", "/assets/%s-%s.webp?width=800" % (inc.hexid(8), inc.hexid(4)), 200, r.lognormvariate(math.log(0.01), 0.5))
            continue
        if kind == "cart":
            lbreq(inc, t, lb, host, r.choice(["GET", "POST"]), "/api/cart", 200, r.lognormvariate(math.log(0.04), 0.4))
            continue
        if kind == "article":
            path = "/api/articles/%s" % r.choice(["autumn-planting", "pruning-roses", "small-balcony-ideas", "winter-bulbs"])
            dpath = "/items/articles?filter[slug][_eq]=%s" % path.rsplit("/", 1)[1]
        elif kind == "product":
            pid = r.randint(1000, 9999)
            path = "/api/products/%d" % pid
            dpath = "/items/products/%d?fields=*,images.*,variants.*" % pid
        else:
            path = "/api/products?category=%s&page=%d" % (r.choice(["seeds", "tools", "pots", "bulbs"]), r.randint(1, 5))
            dpath = "/items/products?filter[category][_eq]=%s&limit=24" % path.split("=")[1].split("&")[0]
        dl = r.lognormvariate(math.log(0.02), 0.5)
        inc.e(t, dres, "stdout", "INFO", js={"level": 30, "time": int(t.timestamp() * 1000), "pid": 1, "hostname": dp, "req": {"id": r.randint(1, 10**6), "method": "GET", "url": dpath}, "res": {"statusCode": 200}, "responseTime": int(dl * 1000), "msg": "request completed"})
        lat = dl + r.lognormvariate(math.log(0.015), 0.4)
        if corrupt:
            lbreq(inc, t, lb, host, "GET", path, 502, lat)
            ts = t + timedelta(seconds=lat)
            inc.e(ts, bres, "stdout", "ERROR", text=logback(ts, "ERROR", "default-nioEventLoopGroup-1-%d" % r.randint(1, 8), "u.c.f.catalog.DirectusClient", "Failed to decode Directus response for GET %s" % dpath.split("?")[0]))
            if r.random() < 0.3:
                inc.block(ts + timedelta(microseconds=90), bres, "stdout", "ERROR", "io.micronaut.http.codec.CodecException: Error decoding JSON stream for type [ProductPage]: Unexpected end-of-input: expected close marker for OBJECT (start marker at [Source: (byte[])\"{\"data\":[{\"id\":\"; line: 1, column: 1])\n at [Source: (byte[])\"{\"data\":[{\"id\":\"; line: 1, column: 16]\n\tat io.micronaut.json.codec.MapperMediaTypeCodec.decode(MapperMediaTypeCodec.java:191)\n\tat io.micronaut.http.client.netty.FullNettyClientHttpResponse.convertByteBuf(FullNettyClientHttpResponse.java:271)\nCaused by: com.fasterxml.jackson.core.io.JsonEOFException: Unexpected end-of-input: expected close marker for OBJECT (start marker at [Source: (byte[])\"{\"data\":[{\"id\":\"; line: 1, column: 1])\n\tat com.fasterxml.jackson.core.base.ParserMinimalBase._reportInvalidEOF(ParserMinimalBase.java:698)")
            inc.e(ts + timedelta(microseconds=200), bres, "stdout", "INFO", text=logback(ts, "INFO", "default-nioEventLoopGroup-1-%d" % r.randint(1, 8), "HTTP_ACCESS_LOGGER", "10.88.%d.%d - - \"GET %s HTTP/1.1\" 502 96" % (r.randint(0, 3), r.randint(2, 250), path)))
        else:
            lbreq(inc, t, lb, host, "GET", path, 200, lat)
            if r.random() < 0.5:
                ts = t + timedelta(seconds=lat)
                inc.e(ts, bres, "stdout", "INFO", text=logback(ts, "INFO", "default-nioEventLoopGroup-1-%d" % r.randint(1, 8), "HTTP_ACCESS_LOGGER", "10.88.%d.%d - - \"GET %s HTTP/1.1\" 200 %d" % (r.randint(0, 3), r.randint(2, 250), path, r.randint(900, 40000))))
    # distractor: recommendations service has been down since before the window; graceful fallback
    for t in inc.times(2.5):
        bres = k8s(inc, C, L, "shop", r.choice(bff), "catalog-bff")
        inc.e(t, bres, "stdout", "WARNING", text=logback(t, "WARN", "default-nioEventLoopGroup-1-%d" % r.randint(1, 8), "u.c.f.catalog.RecommendationsFallback", "recommendations unavailable, serving editorial picks: Connect Error: Connection refused: recommendations.shop.svc.cluster.local/10.92.4.118:8080"))
    for dp in dpods:
        dres = k8s(inc, C, L, "content", dp, "directus")
        for t in inc.every(5, r.uniform(0, 5)):
            inc.e(t, dres, "stdout", "INFO", js={"level": 30, "time": int(t.timestamp() * 1000), "pid": 1, "hostname": dp, "msg": "Schedule \"cache-warm\" ran in %dms" % r.randint(200, 2000)})
        for t in inc.times(0.3):
            inc.e(t, dres, "stdout", "WARNING", js={"level": 40, "time": int(t.timestamp() * 1000), "pid": 1, "hostname": dp, "msg": "Couldn't purge CDN URL https://shop.fernleaf.co.uk/assets/%s: 429 Too Many Requests" % inc.hexid(8)})
    return inc, {
        "title": "Chaos Mesh HTTPChaos replacing /items/products response bodies applied in prod; catalog-bff cannot decode Directus JSON, product pages 502",
        "root_cause": {"evidence": ["Successfully apply chaos", "httpchaos.create", "applying tproxy"], "category": "configuration", "must_mention": ["chaos"]},
        "symptoms": [{"evidence": "Failed to decode Directus response"}, {"evidence": "JsonEOFException"}],
        "distractors": [{"evidence": "recommendations unavailable"}, {"evidence": "Couldn't purge CDN URL"}],
        "priority": "P1"}


# =====================================================================================
# 10. Hasura on Cloud Run + Cloud SQL Postgres: legacy import inserted explicit ids without
#     resetting bookings_id_seq -> every new booking hits duplicate key on bookings_pkey
# =====================================================================================
@incident
def hasura_sequence():
    inc = Inc("hasura-bookings-sequence-behind-import", "tidewater-stays-prod", "2026-11-09T06:48:00", 45, 2210)
    r = inc.r
    region = "us-central1"
    sql = sqlres(inc, "stays-pg-15", region)
    hres = runres(inc, "hasura", "hasura-00041-kiv", region)
    wres = runres(inc, "booking-web", "booking-web-00188-xam", region)
    jres = {"type": "cloud_run_job", "labels": {"job_name": "legacy-bookings-import", "location": region, "project_id": inc.p}}
    t_imp0, t_imp1 = -20.0, 7.8   # job started before window, finishes inside
    for x, msg in [(0.5, "imported batch 37/41: bookings rows=1200 (ids 163201..164400) using OVERRIDING SYSTEM VALUE"), (2.6, "imported batch 38/41: bookings rows=1200 (ids 164401..165600) using OVERRIDING SYSTEM VALUE"),
                   (4.5, "imported batch 39/41: bookings rows=1200 (ids 165601..166800) using OVERRIDING SYSTEM VALUE"), (6.3, "imported batch 40/41: bookings rows=1200 (ids 166801..168000) using OVERRIDING SYSTEM VALUE"),
                   (7.5, "imported batch 41/41: bookings rows=210 (ids 168001..168210) using OVERRIDING SYSTEM VALUE"),
                   (7.8, "import complete: bookings=48210 guests=19077 payments=47390 elapsed=1668s")]:
        inc.e(x, jres, "run.googleapis.com/stdout", "INFO", text="%s INFO legacy_import: %s" % (pyts(inc.at(x)), msg), labels={"run.googleapis.com/execution_name": "legacy-bookings-import-x7k2p", "run.googleapis.com/task_index": "0", "run.googleapis.com/task_attempt": "0"})
    inc.e(7.85, jres, "run.googleapis.com/varlog/system", "INFO", text="Container called exit(0).", labels={"run.googleapis.com/execution_name": "legacy-bookings-import-x7k2p", "run.googleapis.com/task_index": "0", "run.googleapis.com/task_attempt": "0"})
    inc.e(7.9, jres, "cloudaudit.googleapis.com/system_event", "INFO", proto={"@type": AUDIT, "methodName": "/Jobs.RunJob", "resourceName": "namespaces/tidewater-stays-prod/executions/legacy-bookings-import-x7k2p", "serviceName": "run.googleapis.com", "status": {"message": "Execution legacy-bookings-import-x7k2p has completed successfully."}})
    # the imported rows: ids up to 168210; live sequence at ~120455 and rising; inserts collide from when imported ids land
    seq = [120455]
    t_first = 0.4
    lb_host = "book.tidewaterstays.com"
    for t in inc.times(lambda x: 75 + 15 * math.sin(x / 8)):
        x = inc.m(t)
        kind = pick(r, [("search", 45), ("listing", 30), ("book", 6), ("account", 12), ("avail", 20)])
        op = {"search": "SearchStays", "listing": "GetListing", "book": "CreateBooking", "account": "MyTrips", "avail": "Availability"}[kind]
        lat = r.lognormvariate(math.log(0.04 if kind != "search" else 0.12), 0.5)
        rid = inc.hexid(32)
        ok = True
        if kind == "book":
            seq[0] += 1
            ok = not (x >= t_first)
            lat = r.uniform(0.03, 0.09)
        inc.e(t + timedelta(seconds=lat), hres, "run.googleapis.com/stdout", "INFO" if ok else "ERROR", js={
            "type": "http-log", "timestamp": iso(t)[:23] + "+0000", "level": "info" if ok else "error",
            "detail": {"operation": {"request_id": rid, "query": {"operationName": op}, "user_vars": {"x-hasura-role": "guest" if kind != "account" else "user"},
                                     "response_size": r.randint(200, 40000), "request_mode": "single", "query_execution_time": lat * 0.8, **({} if ok else {"error": {"path": "$.selectionSet.insert_bookings_one.args.object", "error": "Uniqueness violation. duplicate key value violates unique constraint \"bookings_pkey\"", "code": "constraint-violation"}})},
                       "http_info": {"status": 200, "http_version": "HTTP/1.1", "url": "/v1/graphql", "ip": "169.254.1.%d" % r.randint(1, 9), "method": "POST", "content_encoding": None}}})
        wl = lat + r.uniform(0.01, 0.05)
        wpath = {"search": "/api/search?dest=%s" % r.choice(["outer-banks", "cape-may", "kiawah", "hilton-head"]), "listing": "/stays/%d" % r.randint(100, 9000), "book": "/api/bookings",
                 "account": "/account/trips", "avail": "/api/availability/%d?from=2026-12-%02d" % (r.randint(100, 9000), r.randint(10, 28))}[kind]
        st = 201 if (kind == "book" and ok) else (500 if not ok else 200)
        http = {"latency": "%.6fs" % wl, "protocol": "HTTP/1.1", "remoteIp": pubip(inc), "requestMethod": "POST" if kind == "book" else "GET", "requestSize": str(r.randint(300, 2000)),
                "requestUrl": "https://%s%s" % (lb_host, wpath), "responseSize": str(r.randint(300, 90000)), "serverIp": "34.149.%d.%d" % (r.randint(0, 255), r.randint(1, 254)), "status": st, "userAgent": r.choice(UAS)}
        inc.e(t, wres, "run.googleapis.com/requests", "INFO" if st < 500 else "ERROR", http=http, trace=True)
        if not ok:
            ts = t + timedelta(seconds=lat * 0.5)
            k = seq[0] + 0
            inc.e(ts, sql, "cloudsql.googleapis.com/postgres.log", "ERROR", text="%s UTC [%d]: [%d-1] db=stays,user=hasura ERROR:  duplicate key value violates unique constraint \"bookings_pkey\"" % (ts.strftime("%Y-%m-%d %H:%M:%S.") + "%03d" % (ts.microsecond // 1000), r.randint(1000, 90000), r.randint(1, 9)))
            inc.e(ts + timedelta(microseconds=10), sql, "cloudsql.googleapis.com/postgres.log", "ERROR", text="%s UTC [%d]: [%d-2] db=stays,user=hasura DETAIL:  Key (id)=(%d) already exists." % (ts.strftime("%Y-%m-%d %H:%M:%S.") + "%03d" % (ts.microsecond // 1000), r.randint(1000, 90000), r.randint(1, 9), k))
            inc.e(t + timedelta(seconds=wl), wres, "run.googleapis.com/stderr", "ERROR", text="Error: booking mutation failed: Uniqueness violation. duplicate key value violates unique constraint \"bookings_pkey\"\n    at createBooking (/app/.next/server/chunks/812.js:1:4410)\n    at async POST (/app/.next/server/app/api/bookings/route.js:1:2213)")
    for t in inc.every(3.5, 0.2):
        inc.e(t, sql, "cloudsql.googleapis.com/postgres.log", "INFO", text="%s UTC [%d]: [1-1] db=,user= LOG:  checkpoint starting: wal" % (t.strftime("%Y-%m-%d %H:%M:%S.") + "%03d" % (t.microsecond // 1000), r.randint(1000, 90000)))
        if True:
            inc.e(t - timedelta(seconds=2), sql, "cloudsql.googleapis.com/postgres.log", "WARNING", text="%s UTC [%d]: [1-1] db=,user= LOG:  checkpoints are occurring too frequently (%d seconds apart)" % (t.strftime("%Y-%m-%d %H:%M:%S.") + "%03d" % (t.microsecond // 1000), r.randint(1000, 90000), r.randint(18, 28)))
    for t in inc.times(0.6):
        inc.e(t, hres, "run.googleapis.com/stdout", "WARNING", js={"type": "webhook-log", "timestamp": iso(t)[:23] + "+0000", "level": "warn", "detail": {"message": "event trigger webhook failed", "trigger_name": "send_review_reminder", "response": {"status": 410, "body": "{\"error\":\"template review_reminder_v1 retired\"}"}, "url": "https://notify.internal.tidewaterstays.com/hooks/review"}})
    return inc, {
        "title": "Legacy import inserted bookings with explicit ids without advancing bookings_id_seq; every new booking violates bookings_pkey",
        "root_cause": {"evidence": ["OVERRIDING SYSTEM VALUE", "import complete: bookings=48210"], "category": "database", "must_mention": ["sequence"]},
        "symptoms": [{"evidence": "duplicate key value violates unique constraint"}, {"evidence": "booking mutation failed"}],
        "distractors": [{"evidence": "checkpoints are occurring too frequently"}, {"evidence": "template review_reminder_v1 retired"}],
        "priority": "P0"}


def logrus(msg, **kw):
    s = "%-52s" % msg
    for k, v in kw.items():
        s += "%s=%s " % (k, v)
    return s.rstrip()


# =====================================================================================
# 11. GitLab Runner on Compute Engine: Ansible pushes config.toml with concurrent = 1
#     -> runners take one job at a time, CI queue builds up, deploy pipelines wait
# =====================================================================================
@incident
def gitlab_runner_concurrent():
    inc = Inc("gitlab-runner-concurrent-one", "forgeworks-ci-prod", "2026-10-01T15:10:00", 55, 2211)
    r = inc.r
    zone = "us-central1-c"
    runners = [("gl-runner-1", "2211334455667788991", "xZ3kQ9pL"), ("gl-runner-2", "2211334455667788992", "Bv7mN2rT")]
    t_push = 6.1
    projects = ["platform/api-gateway", "payments/ledger", "web/storefront", "data/etl-jobs", "mobile/ios-app", "platform/terraform-live", "ml/feature-store", "web/design-system"]
    jobid = [48213000]
    gl = gce(inc, "2211334455667788900", zone)
    for name, iid, tok in runners:
        res = gce(inc, iid, zone)
        gce_background(inc, res, name)
        tp = inc.at(t_push + (0 if name.endswith("1") else 0.4))
        syslog(inc, tp, res, name, "python3[%d]" % r.randint(20000, 60000), "ansible-ansible.legacy.copy Invoked with dest=/etc/gitlab-runner/config.toml src=/home/ansible/.ansible/tmp/ansible-tmp-%d.%d/source mode=0600 owner=root group=root backup=False force=True follow=False unsafe_writes=False" % (int(tp.timestamp()), r.randint(100000, 999999)))
        syslog(inc, tp + timedelta(seconds=2), res, name, "python3[%d]" % r.randint(20000, 60000), "ansible-ansible.legacy.systemd Invoked with name=gitlab-runner state=reloaded daemon_reload=False")
        inc.e(tp + timedelta(seconds=2.5), res, "gitlab-runner", "INFO", text="Reloading configuration...                          builds=%d max_builds=20" % (12 if name.endswith("1") else 9))
        inc.e(tp + timedelta(seconds=2.6), res, "gitlab-runner", "INFO", text=logrus("Configuration loaded", builds=12 if name.endswith("1") else 9, max_builds=1))
        cap = lambda x: 20 if x < t_push else 1
        # jobs: before push, many concurrent; after, one at a time
        x = 0.0
        running_end = []
        while x < inc.mins:
            c = cap(x)
            running_end = [e for e in running_end if e > x]
            if len(running_end) < c:
                jobid[0] += r.randint(1, 4)
                proj = r.choice(projects)
                dur = r.uniform(1.5, 9) if r.random() < 0.85 else r.uniform(10, 22)
                inc.e(x, res, "gitlab-runner", "INFO", text=logrus("Checking for jobs... received", job=jobid[0], repo_url="https://gitlab.forgeworks.dev/%s.git" % proj, runner=tok))
                inc.e(x + 0.01, res, "gitlab-runner", "INFO", text=logrus("Added job to processing list", builds=len(running_end) + 1, job=jobid[0], max_builds=c, project=r.randint(100, 900), repo_url="https://gitlab.forgeworks.dev/%s.git" % proj, time_in_queue_seconds=int(r.uniform(1, 20) if x < t_push + 2 else (x - t_push) * 60 * r.uniform(0.5, 1.0))))
                end = x + dur
                running_end.append(end)
                if end < inc.mins:
                    failed = r.random() < 0.12
                    if failed:
                        inc.e(end, res, "gitlab-runner", "ERROR", text="ERROR: Job failed: exit code 1                      duration_s=%.6f job=%d project=%d runner=%s" % (dur * 60, jobid[0], r.randint(100, 900), tok))
                    else:
                        inc.e(end, res, "gitlab-runner", "INFO", text=logrus("Job succeeded", duration_s="%.6f" % (dur * 60), job=jobid[0], project=r.randint(100, 900), runner=tok))
                    inc.e(end + 0.002, res, "gitlab-runner", "INFO", text=logrus("Removed job from processing list", builds=max(0, len(running_end) - 1), job=jobid[0], max_builds=cap(end), project=r.randint(100, 900), time_in_queue_seconds=r.randint(1, 2000)))
                x += r.uniform(0.05, 0.3) if c > 1 else 0.02
            else:
                x = min(running_end) + 0.001
        # docker executor chatter
        for t in inc.times(lambda x: 6 if x < t_push else 0.8):
            inc.e(t, res, "gitlab-runner", "INFO", text=logrus("Using Docker executor with image %s ..." % r.choice(["node:22-bookworm", "golang:1.23", "python:3.12-slim", "registry.forgeworks.dev/ci/terraform:1.9"]), job=r.randint(48210000, 48219999), runner=tok))
    # GitLab server side: pending jobs build up; deploy waits
    for t in inc.times(lambda x: 50):
        x = inc.m(t)
        path = pick(r, [("/api/v4/jobs/request", 30), ("/api/v4/projects/%d/pipelines" % r.randint(100, 900), 15), ("/%s/-/merge_requests/%d" % (r.choice(projects), r.randint(100, 9000)), 25),
                        ("/api/v4/jobs/%d/trace" % r.randint(48210000, 48219999), 20), ("/%s/-/jobs/%d" % (r.choice(projects), r.randint(48210000, 48219999)), 10)])
        st = 201 if path.endswith("request") and (x < t_push or r.random() < 0.1) else (204 if path.endswith("request") else 200)
        inc.e(t, gl, "gitlab-rails-production", "INFO", js={"method": "POST" if "request" in path or "trace" in path else "GET", "path": path, "format": "json", "controller": "Grape" if "/api/" in path else "Projects::MergeRequestsController",
                                                          "status": st, "duration_s": round(r.lognormvariate(math.log(0.05), 0.6), 5), "db_duration_s": round(r.uniform(0.001, 0.03), 5), "time": iso(t)[:23] + "Z", "correlation_id": inc.hexid(26).upper(), "meta.caller_id": "POST /api/:version/jobs/request" if "request" in path else "GET " + path.split("/")[1], "ua": "gitlab-runner 17.5.2 (17-5-stable; go1.22.7; linux/amd64)" if "request" in path else r.choice(UAS)})
    mon = gce(inc, "2211334455667788900", zone)
    for t in inc.every(1.0, 0.5):
        x = inc.m(t)
        pend = r.randint(0, 6) if x < t_push + 2 else int(10 + (x - t_push - 2) * r.uniform(5, 7))
        oldest = r.randint(3, 40) if x < t_push + 2 else int((x - t_push - 1) * 60)
        sev = "WARNING" if oldest > 600 else "INFO"
        inc.e(t, mon, "ci-queue-monitor", sev, js={"severity": sev, "message": "ci queue stats pending_jobs=%d oldest_pending_s=%d running_jobs=%d%s" % (pend, oldest, 2 if x > t_push + 1 else r.randint(18, 34), " (oldest pending above 600s threshold)" if oldest > 600 else ""), "component": "ci-queue-monitor"})
    for t in inc.times(lambda x: 0 if x < t_push + 12 else 0.6):
        inc.e(t, mon, "chatops-bot", "WARNING", js={"severity": "WARNING", "message": "deploy pipeline #%d for %s waiting %d min for runner (stage: build)" % (r.randint(910000, 990000), r.choice(projects), int(inc.m(t) - t_push)), "channel": "#deploys"})
    # distractor: sidekiq retries on a broken webhook
    for t in inc.times(0.8):
        inc.e(t, gl, "gitlab-sidekiq", "WARNING", js={"severity": "WARN", "time": iso(t)[:23] + "Z", "class": "WebHookWorker", "queue": "web_hook", "message": "WebHookWorker JID-%s: fail: Failed to open TCP connection to hooks.legacy-jira.forgeworks.dev:443 (getaddrinfo: Name or service not known)" % inc.hexid(24), "job_status": "fail", "retry": True})
    return inc, {
        "title": "Ansible pushed gitlab-runner config.toml with concurrent = 1; both runners process one job at a time and the CI queue backs up",
        "root_cause": {"evidence": ["max_builds=1", "dest=/etc/gitlab-runner/config.toml"], "category": "configuration", "must_mention": ["concurrent"]},
        "symptoms": [{"evidence": "oldest pending above 600s threshold"}, {"evidence": "for runner (stage: build)"}],
        "distractors": [{"evidence": "Job failed: exit code 1"}, {"evidence": "hooks.legacy-jira.forgeworks.dev"}],
        "priority": "P2"}


def jboss(t, lvl, cat, thread, msg):
    return "%s %-5s [%s] (%s) %s" % (t.strftime("%Y-%m-%d %H:%M:%S,") + "%03d" % (t.microsecond // 1000), lvl, cat, thread, msg)


# =====================================================================================
# 12. YugabyteDB YSQL on GKE + Quarkus ledger service: role ledger_app has VALID UNTIL
#     2026-12-01 00:00 UTC; new connections refused, pool shrinks as connections age out
# =====================================================================================
@incident
def yb_role_expiry():
    inc = Inc("yugabyte-ysql-role-password-expired", "mintpath-ledger-prod", "2026-11-30T23:40:00", 60, 2212)
    r = inc.r
    C, L = "ledger-gke", "asia-southeast1"
    t_exp = 20.0  # midnight
    tservers = ["yb-tserver-0", "yb-tserver-1", "yb-tserver-2"]
    pods = [pod(r, "ledger-svc") for _ in range(4)]
    # each pod: 20 connections with max-lifetime 30 min; once expired, replacements fail
    lb = lbres(inc, "ledger-api")
    conn_age = {p: sorted(r.uniform(-30, 0) for _ in range(20)) for p in pods}
    # connection expiry timestamps (age out after 30 min from creation)
    expiries, recycles = {}, {}
    for p in pods:
        fe, rc = [], []
        for a in conn_age[p]:
            e = a + 30 + r.uniform(-1, 1)
            while e < t_exp:
                rc.append(e)
                e += 30 + r.uniform(-1, 1)
            fe.append(e)
        expiries[p] = sorted(fe)
        recycles[p] = sorted(rc)

    def live(p, x):
        if x < t_exp:
            return 20
        return sum(1 for e in expiries[p] if e > x or e < t_exp) if False else 20 - sum(1 for e in expiries[p] if t_exp <= e <= x)

    for p in pods:
        res = k8s(inc, C, L, "ledger", p, "ledger-svc")
        # refill attempts after expiry
        for e0 in recycles[p] + expiries[p]:
            if e0 < t_exp:
                # normal recycle before midnight
                ts = inc.at(e0)
                tsv = r.choice(tservers)
                inc.e(ts, k8s(inc, C, L, "yugabyte", tsv, "yb-tserver"), "stderr", "INFO", text="%s UTC [%d] LOG:  connection authorized: user=ledger_app database=ledger SSL enabled (protocol=TLSv1.3, cipher=TLS_AES_256_GCM_SHA384, bits=256)" % (ts.strftime("%Y-%m-%d %H:%M:%S.") + "%03d" % (ts.microsecond // 1000), r.randint(1000, 90000)))
                continue
            x = e0
            while x < inc.mins:
                ts = inc.at(x)
                tsv = r.choice(tservers)
                tr = k8s(inc, C, L, "yugabyte", tsv, "yb-tserver")
                pid = r.randint(1000, 90000)
                stamp = ts.strftime("%Y-%m-%d %H:%M:%S.") + "%03d" % (ts.microsecond // 1000)
                inc.e(ts, tr, "stderr", "ERROR", text="%s UTC [%d] FATAL:  password authentication failed for user \"ledger_app\"" % (stamp, pid))
                inc.e(ts + timedelta(microseconds=40), tr, "stderr", "ERROR", text="%s UTC [%d] DETAIL:  User \"ledger_app\" has an expired password." % (stamp, pid))
                inc.e(ts + timedelta(milliseconds=4), res, "stdout", "WARNING", text=jboss(ts + timedelta(milliseconds=4), "WARN", "io.agroal.pool", "agroal-11", "Datasource '<default>': FATAL: password authentication failed for user \"ledger_app\""))
                x += r.uniform(0.4, 1.2)
    # request traffic
    for t in inc.times(lambda x: 160):
        x = inc.m(t)
        p = r.choice(pods)
        res = k8s(inc, C, L, "ledger", p, "ledger-svc")
        n = live(p, x)
        kind = pick(r, [("post", 30), ("get", 55), ("bal", 15)])
        path = {"post": "/v1/ledger/entries", "get": "/v1/ledger/accounts/acc_%s/entries?limit=50" % inc.hexid(10), "bal": "/v1/ledger/accounts/acc_%s/balance" % inc.hexid(10)}[kind]
        meth = "POST" if kind == "post" else "GET"
        # capacity shrinks -> queueing -> acquisition timeouts
        load = 160 / 4 / max(n, 0.5)
        p_fail = 0.0 if n >= 12 else min(0.97, (12 - n) / 12.0)
        if r.random() < p_fail:
            lat = 5.0 + r.uniform(0, 0.05)
            lbreq(inc, t, lb, "ledger.mintpath.internal", meth, path, 503, lat, ua="mintpath-payments/2.31 (okhttp/4.12.0)")
            ts = t + timedelta(seconds=lat)
            inc.e(ts, res, "stdout", "ERROR", text=jboss(ts, "ERROR", "io.qua.ver.htt.run.QuarkusErrorHandler", "executor-thread-%d" % r.randint(1, 64), "HTTP Request to %s failed, error id: %s-%d: java.sql.SQLException: Sorry, acquisition timeout!" % (path.split("?")[0], "%s-%s-%s-%s-%s" % (inc.hexid(8), inc.hexid(4), inc.hexid(4), inc.hexid(4), inc.hexid(12)), r.randint(1, 9))))
            continue
        lat = r.lognormvariate(math.log(0.02 * (1 + 0.3 * max(0, load - 2))), 0.45)
        lbreq(inc, t, lb, "ledger.mintpath.internal", meth, path, 201 if meth == "POST" else 200, lat, ua="mintpath-payments/2.31 (okhttp/4.12.0)")
        if r.random() < 0.25:
            ts = t + timedelta(seconds=lat)
            inc.e(ts, res, "stdout", "INFO", text=jboss(ts, "INFO", "io.qua.htt.access-log", "executor-thread-%d" % r.randint(1, 64), "10.30.%d.%d - - \"%s %s HTTP/1.1\" %d %d %dms" % (r.randint(0, 3), r.randint(2, 250), meth, path, 201 if meth == "POST" else 200, r.randint(90, 9000), int(lat * 1000))))
    # yb background + distractor
    for tsv in tservers:
        tr = k8s(inc, C, L, "yugabyte", tsv, "yb-tserver")
        for t in inc.times(1.5):
            inc.e(t, tr, "stderr", "WARNING", text="W%s %d log.cc:%d] Time spent Fsync log took a long time: real %.3fs\tuser 0.000s\tsys 0.000s" % (t.strftime("%m%d %H:%M:%S.%f"), r.randint(100, 900), r.choice([1027, 1114]), r.uniform(0.5, 1.4)))
        for t in inc.times(2):
            inc.e(t, tr, "stderr", "INFO", text="I%s %d %s" % (t.strftime("%m%d %H:%M:%S.%f"), r.randint(100, 900), r.choice(["maintenance_manager.cc:380] P %s: Scheduling FlushMRSOp(%s): perf score=1.000000" % (inc.hexid(32), inc.hexid(32)),
                                                                                                                      "tablet_service.cc:%d] T %s P %s: Leader lease refreshed" % (r.randint(1000, 3000), inc.hexid(32), inc.hexid(32)),
                                                                                                                      "log.cc:%d] T %s P %s: Rolled over to a new log segment" % (r.randint(800, 1200), inc.hexid(32), inc.hexid(32))])))
    for t in inc.every(5, 1):
        inc.e(t, k8s(inc, C, L, "yugabyte", "yb-master-0", "yb-master"), "stderr", "INFO", text="I%s %d catalog_manager_bg_tasks.cc:%d] Running load balancer pass: 0 tablets moved" % (t.strftime("%m%d %H:%M:%S.%f"), r.randint(100, 900), r.randint(100, 300)))
    kc = k8s(inc, C, L, "ledger", pod(r, "ledger-reconcile"), "reconcile")
    for t in inc.times(0.6):
        inc.e(t, kc, "stdout", "WARNING", text=jboss(t, "WARN", "c.m.l.reconcile.FxRateClient", "vert.x-worker-thread-%d" % r.randint(1, 20), "FX rate provider returned stale quote for %s (age %ds > 300s); using cached rate" % (r.choice(["SGD/IDR", "SGD/PHP", "USD/VND"]), r.randint(301, 900))))
    return inc, {
        "title": "YSQL role ledger_app hit its VALID UNTIL at midnight; new pool connections fail auth and ledger-svc capacity drains as connections age out",
        "root_cause": {"evidence": ["has an expired password"], "category": "permissions", "must_mention": ["ledger_app", "expired"]},
        "symptoms": [{"evidence": "acquisition timeout"}, {"evidence": "password authentication failed for user"}],
        "distractors": [{"evidence": "Fsync log took a long time"}, {"evidence": "FX rate provider returned stale quote"}],
        "priority": "P1"}


# =====================================================================================
# 13. Healthy: Matomo on Compute Engine (tracking, archiving cron, MySQL VM), normal noise
# =====================================================================================
@incident
def healthy_matomo():
    inc = Inc("healthy-matomo-analytics-evening", "oriel-analytics-prod", "2026-10-23T18:30:00", 50, 2213)
    r = inc.r
    zone = "europe-west3-a"
    web = [("matomo-web-1", "6611223344556677881", "10.156.0.5"), ("matomo-web-2", "6611223344556677882", "10.156.0.6")]
    db = ("matomo-db-1", "6611223344556677890")
    lb = lbres(inc, "matomo")
    for name, iid in [w[:2] for w in web] + [db]:
        gce_background(inc, gce(inc, iid, zone), name)
    for t in inc.times(lambda x: 260 + 40 * math.sin(x / 10)):
        vm = r.choice(web)
        res = gce(inc, vm[1], zone)
        kind = pick(r, [("track", 85), ("ui", 6), ("api", 5), ("js", 4)])
        if kind == "track":
            path = "/matomo.php?idsite=%d&rec=1&action_name=%s&url=https%%3A%%2F%%2F%s&_id=%s&send_image=0" % (r.randint(1, 40), r.choice(["Home", "Pricing", "Blog", "Checkout", "Docs"]), r.choice(["www.oriel.de", "shop.oriel.de", "docs.oriel.de"]), inc.hexid(16))
            st, lat, meth = 204, r.lognormvariate(math.log(0.015), 0.5), "POST" if r.random() < 0.5 else "GET"
        elif kind == "js":
            path, st, lat, meth = "/matomo.js", r.choice([200, 304]), 0.002, "GET"
        elif kind == "ui":
            path, st, lat, meth = "/index.php?module=CoreHome&action=index&idSite=%d&period=day&date=yesterday" % r.randint(1, 40), 200, r.lognormvariate(math.log(0.3), 0.5), "GET"
        else:
            path, st, lat, meth = "/index.php?module=API&method=%s&idSite=%d&period=day&date=today&format=JSON&token_auth=anonymous" % (r.choice(["VisitsSummary.get", "Actions.getPageUrls", "Referrers.getWebsites"]), r.randint(1, 40)), 200, r.lognormvariate(math.log(0.4), 0.6), "GET"
            if r.random() < 0.04:
                st = 401
        if kind == "track" and r.random() < 0.004:
            st = 400
        lbreq(inc, t, lb, "stats.oriel.de", meth, path, st, lat, backend_ip=vm[2])
        if kind != "track" or r.random() < 0.15:
            inc.e(t + timedelta(seconds=lat), res, "apache_access", "INFO" if st < 400 else "WARNING", text="%s - - [%s +0000] \"%s %s HTTP/1.1\" %d %d \"-\" \"%s\"" % (pubip(inc), t.strftime("%d/%b/%Y:%H:%M:%S"), meth, path[:180], st, r.randint(0, 40000), r.choice(UAS)))
    # archiving cron every 15 min on web-1
    res1 = gce(inc, web[0][1], zone)
    for t in inc.every(15, 4):
        syslog(inc, t, res1, "matomo-web-1", "CRON[%d]" % r.randint(20000, 90000), "(www-data) CMD (/usr/bin/php /var/www/matomo/console core:archive --url=https://stats.oriel.de/ > /var/log/matomo/archive.log 2>&1)")
        dur = r.uniform(4, 9)
        inc.e(t + timedelta(seconds=2), res1, "matomo-archive", "INFO", text="INFO [%s] %d  ---------------------------\nINFO [%s] %d  INIT\nINFO [%s] %d  Running Matomo 5.1.2 as Super User" % ((t.strftime("%Y-%m-%d %H:%M:%S"), r.randint(1000, 9000)) * 3))
        for k in range(r.randint(6, 12)):
            tk = t + timedelta(seconds=5 + k * dur * 60 / 12)
            inc.e(tk, res1, "matomo-archive", "INFO", text="INFO [%s] %d  Archived website id %d, period = day, date = last2, segment = '', %d visits found. Time elapsed: %.3fs" % (tk.strftime("%Y-%m-%d %H:%M:%S"), r.randint(1000, 9000), r.randint(1, 40), r.randint(100, 90000), r.uniform(0.3, 40)))
        if r.random() < 0.7:
            tk = t + timedelta(minutes=dur * 0.6)
            inc.e(tk, res1, "matomo-archive", "WARNING", text="WARNING [%s] %d  /var/www/matomo/plugins/Referrers/Columns/Campaign.php(103): Warning - Undefined array key \"campaign_name\" - Matomo 5.1.2 - Please report this message in the Matomo forums: https://forum.matomo.org (please do a search first as it might have been reported already)" % (tk.strftime("%Y-%m-%d %H:%M:%S"), r.randint(1000, 9000)))
        tk = t + timedelta(minutes=dur)
        inc.e(tk, res1, "matomo-archive", "INFO", text="INFO [%s] %d  Done archiving!" % (tk.strftime("%Y-%m-%d %H:%M:%S"), r.randint(1000, 9000)))
    # php-fpm / mysql noise
    for vm in web:
        res = gce(inc, vm[1], zone)
        for t in inc.times(0.5):
            inc.e(t, res, "php-fpm", "WARNING", text="[%s] WARNING: [pool www] seems busy (you may need to increase pm.start_servers, or pm.min/max_spare_servers), spawning %d children, there are %d idle, and %d total children" % (t.strftime("%d-%b-%Y %H:%M:%S"), r.choice([8, 16, 32]), r.randint(0, 3), r.randint(20, 48)))
        for t in inc.times(0.3):
            inc.e(t, res, "apache_error", "ERROR", text="[%s] [proxy_fcgi:error] [pid %d:tid %d] [client %s:%d] AH01071: Got error 'PHP message: GeoIP2 lookup failed: The address %s is not in the database.'" % (t.strftime("%a %b %d %H:%M:%S.%f %Y"), r.randint(1000, 9000), r.randint(10**14, 10**15), pubip(inc), r.randint(30000, 60000), "100.%d.%d.%d" % (r.randint(64, 127), r.randint(0, 255), r.randint(1, 254))))
    dres = gce(inc, db[1], zone)
    for t in inc.times(0.8):
        inc.e(t, dres, "mysql_slow", "INFO", text="# Query_time: %.6f  Lock_time: 0.000012 Rows_sent: %d  Rows_examined: %d\nSELECT /* Archiver */ log_visit.idvisit FROM matomo_log_visit AS log_visit WHERE log_visit.idsite = %d AND log_visit.visit_last_action_time >= '%s';" % (r.uniform(1, 3.8), r.randint(1, 200), r.randint(10**5, 10**7), r.randint(1, 40), inc.at(0).strftime("%Y-%m-%d 00:00:00")))
    for t in inc.times(0.15):
        inc.e(t, dres, "mysql_error", "WARNING", text="%sZ %d [Note] [MY-010914] [Server] Aborted connection %d to db: 'matomo' user: 'matomo' host: '10.156.0.%d' (Got timeout reading communication packets)." % (t.strftime("%Y-%m-%dT%H:%M:%S.%f"), r.randint(10, 99), r.randint(10**5, 10**6), r.choice([5, 6])))
    return inc, {
        "title": "Healthy window: Matomo tracking, archiving cron and MySQL with routine warnings",
        "root_cause": None,
        "symptoms": [],
        "distractors": [{"evidence": "GeoIP2 lookup failed"}, {"evidence": "seems busy"}, {"evidence": "Undefined array key \"campaign_name\""}],
        "priority": "none"}


# =====================================================================================
# 14. Healthy: APISIX gateway + Micronaut services + Memgraph on GKE, with a routine
#     rolling deploy, a scanner's 404 burst and a CronJob
# =====================================================================================
@incident
def healthy_apisix():
    inc = Inc("healthy-apisix-micronaut-rollout", "trellis-graph-prod", "2026-11-12T10:05:00", 45, 2214)
    r = inc.r
    C, L = "trellis-gke", "us-west2"
    gw = [pod(r, "apisix") for _ in range(3)]
    svcs = {"profile-svc": [pod(r, "profile-svc") for _ in range(3)], "graph-svc": [pod(r, "graph-svc") for _ in range(3)]}
    newgraph = ["graph-svc-5c7d9f8b6-" + inc.hexid(5) for _ in range(3)]
    t_roll = 18.0
    lb = lbres(inc, "trellis-edge")
    k8saudit(inc, t_roll - 0.1, C, L, "io.k8s.apps.v1.deployments.patch", "apps/v1/namespaces/apps/deployments/graph-svc", "cloudbuild-deployer@trellis-graph-prod.iam.gserviceaccount.com", ua="kubectl/v1.31.1 (linux/amd64) kubernetes/948afe5")
    for i, (o, n) in enumerate(zip(svcs["graph-svc"], newgraph)):
        ts = t_roll + i * 1.2
        for dm, who, rs, msg, typ in [(0, n, "Scheduled", "Successfully assigned apps/%s to gke-trellis-gke-pool-2-%s" % (n, inc.hexid(4)), "Normal"), (0.1, n, "Pulling", 'Pulling image "us-west2-docker.pkg.dev/trellis-graph-prod/apps/graph-svc:1.42.0"', "Normal"),
                                      (0.3, n, "Pulled", 'Successfully pulled image "us-west2-docker.pkg.dev/trellis-graph-prod/apps/graph-svc:1.42.0" in 9.8s (9.8s including waiting). Image size: 212345678 bytes.', "Normal"),
                                      (0.31, n, "Started", "Started container graph-svc", "Normal"), (0.4, n, "Unhealthy", "Readiness probe failed: HTTP probe failed with statuscode: 503", "Warning"),
                                      (0.8, o, "Killing", "Stopping container graph-svc", "Normal")]:
            kevent(inc, ts + dm, C, L, "apps", "Pod", who, rs, msg, typ=typ, comp="default-scheduler" if rs == "Scheduled" else "kubelet")
        res = k8s(inc, C, L, "apps", n, "graph-svc")
        t = inc.at(ts + 0.32)
        for k, ln in enumerate(["Startup completed in 2341ms. Server Running: http://graph-svc-%s:8080" % n[-5:], "Established Bolt connection pool to bolt://memgraph.data.svc:7687 (max 50)"]):
            inc.e(t + timedelta(seconds=k), res, "stdout", "INFO", text=logback(t + timedelta(seconds=k), "INFO", "main", "io.micronaut.runtime.Micronaut" if k == 0 else "c.t.graph.MemgraphConfig", ln))
    def graph_pod(x, i):
        return newgraph[i % 3] if x >= t_roll + (i % 3) * 1.2 + 0.8 else svcs["graph-svc"][i % 3]
    for t in inc.times(lambda x: 180 + 30 * math.sin(x / 8)):
        x = inc.m(t)
        route = pick(r, [("profile", 45), ("graph", 40), ("static", 10), ("scan", 0.8 if not (30 <= x < 33) else 60)])
        g = r.choice(gw)
        gres = k8s(inc, C, L, "ingress-apisix", g, "apisix")
        if route == "scan":
            path, st, up, lat = r.choice(["/.env", "/wp-login.php", "/.git/config", "/admin/config.php", "/vendor/phpunit/phpunit/src/Util/PHP/eval-stdin.php", "/actuator/env"]), 404, "-", 0.001
            ua = "Mozilla/5.0 (compatible; Nuclei - Open-source project (github.com/projectdiscovery/nuclei))"
        elif route == "static":
            path, st, up, lat, ua = "/static/js/main.%s.js" % inc.hexid(8), 200, "10.40.9.%d:80" % r.randint(2, 250), 0.004, r.choice(UAS)
        else:
            i = r.randint(0, 99)
            if route == "profile":
                path = "/api/v1/profiles/%d" % r.randint(1, 90000)
                up = "10.40.%d.%d:8080" % (r.randint(1, 3), r.randint(2, 250))
                pn = r.choice(svcs["profile-svc"])
            else:
                path = "/api/v1/graph/neighbors/%d?depth=%d" % (r.randint(1, 90000), r.choice([1, 2, 2, 3]))
                up = "10.40.%d.%d:8080" % (r.randint(4, 6), r.randint(2, 250))
                pn = graph_pod(x, i)
            st = pick(r, [(200, 97), (404, 2), (401, 0.6), (499, 0.2)])
            lat = r.lognormvariate(math.log(0.03 if route == "profile" else 0.08), 0.55)
            ua = r.choice(UAS + ["trellis-ios/5.8.1", "trellis-android/5.8.0"])
            if r.random() < 0.3:
                sres = k8s(inc, C, L, "apps", pn, route + "-svc")
                inc.e(t + timedelta(seconds=lat), sres, "stdout", "INFO", text=logback(t + timedelta(seconds=lat), "INFO", "default-nioEventLoopGroup-1-%d" % r.randint(1, 8), "HTTP_ACCESS_LOGGER", "%s - - \"GET %s HTTP/1.1\" %d %d" % ("10.40.0.%d" % r.randint(2, 250), path, st, r.randint(200, 20000))))
        lbreq(inc, t, lb, "api.trellis.so", "GET", path, st, lat + 0.002, ua=ua)
        inc.e(t + timedelta(seconds=lat), gres, "stdout", "INFO" if st < 500 else "ERROR", text="%s - - [%s +0000] api.trellis.so \"GET %s HTTP/1.1\" %d %d %.3f \"-\" \"%s\" %s %d %.3f \"http://%s\"" % (
            pubip(inc), t.strftime("%d/%b/%Y:%H:%M:%S"), path, st, r.randint(100, 30000), lat, ua, up, st if up != "-" else 404, lat, up))
    for g in gw:
        gres = k8s(inc, C, L, "ingress-apisix", g, "apisix")
        for t in inc.times(0.4):
            inc.e(t, gres, "stderr", "WARNING", text="%s [warn] %d#%d: *%d [lua] plugin.lua:%d: load(): plugin [%s] is disabled in config.yaml, skip loading, context: init_worker_by_lua*" % (t.strftime("%Y/%m/%d %H:%M:%S"), r.randint(40, 60), r.randint(40, 60), r.randint(10**5, 10**7), r.randint(200, 300), r.choice(["skywalking", "opentelemetry", "zipkin"])) if r.random() < 0.3 else
                  "%s [warn] %d#%d: *%d upstream server temporarily disabled while reading response header from upstream, client: %s, server: _, request: \"GET /api/v1/graph/neighbors/%d?depth=3 HTTP/1.1\", upstream: \"http://10.40.5.%d:8080/api/v1/graph/neighbors/%d?depth=3\", host: \"api.trellis.so\"" % (t.strftime("%Y/%m/%d %H:%M:%S"), r.randint(40, 60), r.randint(40, 60), r.randint(10**5, 10**7), pubip(inc), r.randint(1, 90000), r.randint(2, 250), r.randint(1, 90000)))
        for t in inc.every(1, r.uniform(0, 1)):
            if r.random() < 0.15:
                inc.e(t, gres, "stderr", "INFO", text="%s [info] %d#%d: *%d [lua] config_etcd.lua:%d: sync_data(): waitdir key: /apisix/routes prev_index: %d, context: ngx.timer" % (t.strftime("%Y/%m/%d %H:%M:%S"), r.randint(40, 60), r.randint(40, 60), r.randint(10**5, 10**7), r.randint(300, 700), r.randint(10**5, 10**6)))
    mg = k8s(inc, C, L, "data", "memgraph-0", "memgraph")
    for t in inc.times(1.5):
        inc.e(t, mg, "stdout", "INFO", text="[%s.%03d][Memgraph][info] %s" % (t.strftime("%Y-%m-%d %H:%M:%S"), t.microsecond // 1000, r.choice(["Accepted a Bolt connection from 10.40.%d.%d" % (r.randint(1, 6), r.randint(2, 250)), "Snapshot creation successful!", "Finalized snapshot file at /var/lib/memgraph/snapshots/%s_timestamp_%d" % (t.strftime("%Y%m%d%H%M%S%f"), r.randint(10**6, 10**7))])))
    for t in inc.times(0.3):
        inc.e(t, mg, "stdout", "WARNING", text="[%s.%03d][Memgraph][warning] Query execution took longer than %dms: MATCH (p:Person {id: $id})-[:FOLLOWS*1..3]->(q) RETURN q LIMIT 200" % (t.strftime("%Y-%m-%d %H:%M:%S"), t.microsecond // 1000, r.choice([500, 1000])))
    cj = k8s(inc, C, L, "apps", "graph-export-29387045-" + inc.hexid(5), "export")
    for dm, sev, msg in [(12.0, "INFO", "starting nightly partner export (partners=7)"), (12.4, "WARNING", "partner acme-data SFTP host key changed; skipping upload and keeping file for manual review"), (14.1, "INFO", "export finished: 6/7 partners uploaded, 1 skipped")]:
        inc.e(dm, cj, "stdout", sev, js={"severity": sev, "message": msg, "job": "graph-export"})
    return inc, {
        "title": "Healthy window: APISIX + Micronaut + Memgraph with a routine rolling deploy and a scanner burst",
        "root_cause": None,
        "symptoms": [],
        "distractors": [{"evidence": "Nuclei"}, {"evidence": "upstream server temporarily disabled"}, {"evidence": "SFTP host key changed"}, {"evidence": "Readiness probe failed"}],
        "priority": "none"}


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    only = sys.argv[2:] or None
    for g in GENS:
        if only and g.__name__ not in only:
            continue
        inc, truth = g()
        rep = inc.write(out, truth)
        print(inc.id, json.dumps(rep), file=sys.stderr)


if __name__ == "__main__":
    main()
