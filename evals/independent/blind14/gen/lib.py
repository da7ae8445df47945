"""Shared helpers: LogEntry building, rate-driven emitters, common noise packs."""
import json, gzip, random, os, hashlib, datetime as dt

def parse(s): return dt.datetime.strptime(s, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.timezone.utc)
def iso(t): return t.strftime("%Y-%m-%dT%H:%M:%S.%f") + "Z"

class W:
    def __init__(s, iid, start, minutes, seed, project):
        s.id, s.t0, s.mins, s.P = iid, parse(start), minutes, project
        s.t1 = s.t0 + dt.timedelta(minutes=minutes)
        s.dur = minutes * 60.0
        s.r = random.Random(seed)
        s.E = []
    def ts(s, off): return s.t0 + dt.timedelta(seconds=off)
    def hx(s, n): return "".join(s.r.choice("0123456789abcdef") for _ in range(n))
    def emit(s, off, res, log, sev=None, text=None, js=None, proto=None, http=None, labels=None,
             trace=False, project=None, op=None, src=None):
        if off < 0 or off >= s.dur: return
        p = project or s.P
        t = s.ts(off)
        e = {"insertId": s.hx(16) if s.r.random() < .7 else s.hx(6) + "f" + s.hx(7),
             "logName": "projects/%s/logs/%s" % (p, log.replace("/", "%2F")),
             "resource": res, "timestamp": iso(t),
             "receiveTimestamp": iso(t + dt.timedelta(seconds=s.r.uniform(.05, 2.5)))}
        if sev: e["severity"] = sev
        if text is not None: e["textPayload"] = text
        if js is not None: e["jsonPayload"] = js
        if proto is not None: e["protoPayload"] = proto
        if http: e["httpRequest"] = http
        if labels: e["labels"] = labels
        if trace:
            e["trace"] = "projects/%s/traces/%s" % (p, trace if isinstance(trace, str) else s.hx(32))
            e["spanId"] = s.hx(16); e["traceSampled"] = s.r.random() < .1
        if op: e["operation"] = op
        if src: e["sourceLocation"] = src
        s.E.append(e)
        return e
    def poisson(s, per_min, fn, start=0, end=None, mult=None):
        """fn(off) at Poisson times; mult(off)-> rate multiplier."""
        end = s.dur if end is None else end
        mx = per_min * (3.0 if mult else 1.0)
        if mult:
            mx = per_min * max(mult(x) for x in [start + i * (end - start) / 200 for i in range(201)])
        if mx <= 0: return
        t = start
        while True:
            t += s.r.expovariate(mx / 60.0)
            if t >= end: break
            if mult and s.r.random() > (per_min * mult(t)) / mx: continue
            fn(t)
    def every(s, period, fn, start=None, end=None, jitter=0.5):
        end = s.dur if end is None else end
        t = s.r.uniform(0, period) if start is None else start
        while t < end:
            fn(t + s.r.uniform(0, jitter)); t += period
    def write(s, outdir, truth):
        d = os.path.join(outdir, s.id); os.makedirs(d, exist_ok=True)
        s.E.sort(key=lambda e: e["timestamp"], reverse=True)
        with gzip.open(os.path.join(d, "logs.json.gz"), "wt") as f:
            json.dump(s.E, f, indent=1)
        truth = dict(truth); truth["id"] = s.id
        truth["window"] = {"start": iso(s.t0)[:19] + "Z", "end": iso(s.t1)[:19] + "Z"}
        with open(os.path.join(d, "truth.json"), "w") as f:
            json.dump(truth, f, indent=2)
        return check(s.E, truth)

def etext(e):
    return json.dumps({k: e.get(k) for k in ("textPayload", "jsonPayload", "protoPayload", "httpRequest")}, ensure_ascii=False).lower()

def check(E, truth):
    texts = [etext(e) for e in E]
    probs = []
    n = len(E)
    if not (3000 <= n <= 40000): probs.append("count %d" % n)
    def hits(s): return [i for i, t in enumerate(texts) if s.lower() in t]
    rc = truth.get("root_cause")
    sd = [x["evidence"] for x in truth.get("symptoms", []) + truth.get("distractors", [])]
    sd_idx = set()
    for s in sd:
        h = hits(s)
        if not h: probs.append("missing symptom/distractor: " + s)
        sd_idx |= set(h)
    if rc:
        for r in rc["evidence"]:
            h = hits(r)
            if not h: probs.append("missing root evidence: " + r)
            bad = [i for i in sd_idx if r.lower() in texts[i]]
            if bad: probs.append("root evidence %r in %d symptom/distractor lines" % (r, len(bad)))
        for m in rc["must_mention"]:
            if not hits(m): probs.append("must_mention absent: " + m)
        for s in sd:
            for r in rc["evidence"]:
                if r.lower() in s.lower() or s.lower() in r.lower(): probs.append("overlap %r %r" % (r, s))
    return n, probs

# ---------- resources ----------
ZONES = ["us-central1-a", "us-central1-b", "us-central1-c", "us-central1-f"]
def iid_of(name): return str(int(hashlib.md5(name.encode()).hexdigest()[:15], 16))
def gce(w, name, zone=None):
    z = zone or ZONES[int(hashlib.md5(name.encode()).hexdigest(), 16) % 4]
    return {"type": "gce_instance", "labels": {"instance_id": iid_of(name), "project_id": w.P, "zone": z}}
def gce_lbl(name): return {"compute.googleapis.com/resource_name": name}
def k8s_c(w, ns, pod, container, cluster="prod-gke-usc1", loc="us-central1"):
    return {"type": "k8s_container", "labels": {"cluster_name": cluster, "container_name": container,
            "location": loc, "namespace_name": ns, "pod_name": pod, "project_id": w.P}}
def k8s_pod(w, ns, pod, cluster="prod-gke-usc1"):
    return {"type": "k8s_pod", "labels": {"cluster_name": cluster, "location": "us-central1", "namespace_name": ns,
            "pod_name": pod, "project_id": w.P}}
def k8s_cluster(w, cluster="prod-gke-usc1"):
    return {"type": "k8s_cluster", "labels": {"cluster_name": cluster, "location": "us-central1", "project_id": w.P}}
def k8s_node(w, node, cluster="prod-gke-usc1"):
    return {"type": "k8s_node", "labels": {"cluster_name": cluster, "location": "us-central1", "node_name": node, "project_id": w.P}}
def gae(w, module, version):
    return {"type": "gae_app", "labels": {"module_id": module, "project_id": w.P, "version_id": version, "zone": "us16"}}
def cfn(w, name, region="us-central1"):
    return {"type": "cloud_function", "labels": {"function_name": name, "project_id": w.P, "region": region}}
def crjob(w, job):
    return {"type": "cloud_run_job", "labels": {"job_name": job, "location": "us-central1", "project_id": w.P}}
def composer(w, env="larkspur-composer-prod"):
    return {"type": "cloud_composer_environment", "labels": {"environment_name": env, "location": "us-central1", "project_id": w.P}}
def sqlres(w, db):
    return {"type": "cloudsql_database", "labels": {"database_id": "%s:%s" % (w.P, db), "project_id": w.P, "region": "us-central1"}}
def lbres(w, bs, fr="storefront-https-fr", um="storefront-urlmap"):
    return {"type": "http_load_balancer", "labels": {"backend_service_name": bs, "forwarding_rule_name": fr,
            "project_id": w.P, "target_proxy_name": "storefront-https-proxy", "url_map_name": um, "zone": "global"}}
def batchres(w, job, task):
    return {"type": "generic_task", "labels": {"job": job, "location": "us-central1", "namespace": "", "project_id": w.P, "task_id": task}}
def dpbatch(w, bid):
    return {"type": "cloud_dataproc_batch", "labels": {"batch_id": bid, "batch_uuid": "%s-%s" % (w.hx(8), w.hx(4)),
            "location": "us-central1", "project_id": w.P}}
def audres(w, svc, method):
    return {"type": "audited_resource", "labels": {"method": method, "project_id": w.P, "service": svc}}

UAS = ["Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
       "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
       "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
       "Larkspur/7.14.2 (Android 14; Pixel 8)", "Larkspur/7.14.1 (iOS 18.1; iPhone15,2)",
       "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"]
def ip(w): return "%d.%d.%d.%d" % (w.r.choice([24, 67, 73, 98, 104, 172, 174, 209, 76, 50]), w.r.randint(0, 255), w.r.randint(0, 255), w.r.randint(1, 254))
def http(w, method, url, status, lat, size=None, ua=None, rip=None, server=None):
    h = {"requestMethod": method, "requestUrl": url, "status": status, "latency": "%.6fs" % lat,
         "remoteIp": rip or ip(w), "userAgent": ua or w.r.choice(UAS), "protocol": w.r.choice(["HTTP/1.1", "HTTP/2.0", "HTTP/2.0"]),
         "requestSize": str(w.r.randint(180, 1400)), "responseSize": str(size if size is not None else w.r.randint(300, 48000))}
    if server: h["serverIp"] = server
    return h

def audit(w, off, svc, method, resname, principal, res=None, req=None, status=None, sev="NOTICE", log="cloudaudit.googleapis.com/activity", extra=None, resp=None):
    pp = {"@type": "type.googleapis.com/google.cloud.audit.AuditLog", "serviceName": svc, "methodName": method,
          "resourceName": resname, "authenticationInfo": {"principalEmail": principal},
          "requestMetadata": {"callerIp": "gce-internal-ip" if "gserviceaccount" in principal else ip(w),
                              "callerSuppliedUserAgent": "google-cloud-sdk gcloud/502.0.0 command/gcloud" if "@larkspur" in principal else "Terraform/1.9.8 terraform-provider-google/6.12.0"},
          "authorizationInfo": [{"permission": method.split(".")[-1], "granted": True, "resource": resname}]}
    if req is not None: pp["request"] = req
    if resp is not None: pp["response"] = resp
    if status: pp["status"] = status
    if extra: pp.update(extra)
    return w.emit(off, res or audres(w, svc, method), log, sev, proto=pp,
                  op={"id": "operation-%d-%s" % (1733500000000 + int(off * 1000), w.hx(8)), "producer": svc, "first": True, "last": True})

# ---------- noise packs ----------
def syslog_pack(w, hosts, extra=None):
    """Ops Agent 'syslog' stream from VMs: cron, guest agent, sshd, systemd timers."""
    for h in hosts:
        res, lb = gce(w, h), gce_lbl(h)
        def hms(off): return w.ts(off).strftime("%b %e %H:%M:%S")
        w.every(60, lambda o, h=h, res=res, lb=lb: w.emit(o, res, "syslog", None, text="%s %s CRON[%d]: (root) CMD (command -v debian-sa1 > /dev/null && debian-sa1 1 1)" % (hms(o), h, w.r.randint(2000, 60000)), labels=lb), start=w.r.uniform(0, 5))
        w.every(60, lambda o, h=h, res=res, lb=lb: w.emit(o + .01, res, "syslog", None, text="%s %s CRON[%d]: pam_unix(cron:session): session closed for user root" % (hms(o), h, w.r.randint(2000, 60000)), labels=lb), start=w.r.uniform(0, 5))
        w.poisson(1.2, lambda o, h=h, res=res, lb=lb: w.emit(o, res, "syslog", None, text="%s %s google_guest_agent[%d]: %s" % (hms(o), h, w.r.randint(400, 900), w.r.choice([
            "Updating keys for user %s." % w.r.choice(["ravi_s", "dana_k", "ops_bot"]), "Adding existing user ops_bot to google-sudoers group.",
            "Error watching metadata: context canceled", "Created google sudoers file"])), labels=lb))
        w.poisson(.4, lambda o, h=h, res=res, lb=lb: w.emit(o, res, "syslog", None, text="%s %s sshd[%d]: %s" % (hms(o), h, w.r.randint(9000, 30000), w.r.choice([
            "Connection closed by 35.235.24%d.%d port %d [preauth]" % (w.r.randint(0, 9), w.r.randint(1, 250), w.r.randint(30000, 60000)),
            "Accepted publickey for ravi_s from 35.235.241.17 port 51944 ssh2: ECDSA SHA256:q9Xb8fR0vVw1kJ2pL3mN4oP5",
            "pam_unix(sshd:session): session opened for user ravi_s(uid=1001) by (uid=0)"])), labels=lb))
        w.poisson(.25, lambda o, h=h, res=res, lb=lb: w.emit(o, res, "syslog", None, text="%s %s systemd[1]: %s" % (hms(o), h, w.r.choice([
            "Starting Daily apt download activities...", "apt-daily.service: Deactivated successfully.", "Finished Daily apt download activities.",
            "Starting Cleanup of Temporary Directories...", "systemd-tmpfiles-clean.service: Deactivated successfully.",
            "Started Session %d of User ravi_s." % w.r.randint(10, 300)])), labels=lb))
        w.poisson(.5, lambda o, h=h, res=res, lb=lb: w.emit(o, res, "ops-agent-fluent-bit", w.r.choice(["WARNING", "INFO"]), text=w.r.choice([
            "[ warn] [engine] failed to flush chunk '%d-%d.%d.flb', retry in %d seconds: task_id=%d, input=tail.%d > output=stackdriver.0 (out_id=0)" % (w.r.randint(1000, 9999), 1733500000 + w.r.randint(0, 9999), w.r.randint(100000000, 999999999), w.r.randint(6, 30), w.r.randint(0, 9), w.r.randint(0, 4)),
            "[ info] [engine] flush chunk '%d-%d.%d.flb' succeeded at retry 1: task_id=%d, input=tail.%d > output=stackdriver.0 (out_id=0)" % (w.r.randint(1000, 9999), 1733500000 + w.r.randint(0, 9999), w.r.randint(100000000, 999999999), w.r.randint(0, 9), w.r.randint(0, 4))]), labels=lb))
        w.poisson(.3, lambda o, h=h, res=res, lb=lb: w.emit(o, res, "ops-agent-health", "INFO", js={"code": "LogApiConnErr" if w.r.random() < .1 else "LogPingOpsAgent", "message": "Ops Agent health ping" if w.r.random() > .1 else "[Ports Check] Result: PASS", "severity": "INFO"}, labels=lb))

def cloudsql_pack(w, db, rate=1.0):
    res = sqlres(w, db)
    def e(o):
        m = w.r.choice([
            "[Note] [MY-010914] [Server] Aborted connection %d to db: 'shop' user: 'reporting' host: '10.20.0.%d' (Got an error reading communication packets)." % (w.r.randint(800000, 900000), w.r.randint(2, 60)),
            "[Warning] [MY-010055] [Server] IP address '10.20.0.%d' could not be resolved: Name or service not known" % w.r.randint(2, 60),
            "[Note] [MY-010914] [Server] Got an error reading communication packets",
            "[Note] [MY-013360] [Server] Plugin sha256_password reported: ''sha256_password' is deprecated and will be removed in a future release. Please use caching_sha2_password instead'"])
        w.emit(o, res, "cloudsql.googleapis.com/mysql.err", "WARNING" if "Warning" in m else "INFO", text=w.ts(o).strftime("%Y-%m-%dT%H:%M:%S.%fZ ") + "%d " % w.r.randint(100000, 999999) + m)
    w.poisson(rate, e)
    w.poisson(.3 * rate, lambda o: w.emit(o, res, "cloudsql.googleapis.com/mysql-slow.log", "INFO", text="# Query_time: %.6f  Lock_time: 0.000%d Rows_sent: %d  Rows_examined: %d\nSELECT o.id, o.status, o.total_cents FROM orders o WHERE o.customer_id = %d ORDER BY o.created_at DESC LIMIT 50;" % (w.r.uniform(1.0, 3.2), w.r.randint(10, 99), w.r.randint(1, 50), w.r.randint(20000, 400000), w.r.randint(100000, 999999))))

def gke_pack(w, cluster="prod-gke-usc1", nodes=None):
    nodes = nodes or ["gke-prod-gke-usc1-pool-2-%s-%s" % (w.hx(8), w.hx(4)) for _ in range(5)]
    for n in nodes:
        w.poisson(.6, lambda o, n=n: w.emit(o, k8s_node(w, n, cluster), "kubelet", w.r.choice(["INFO", "INFO", "WARNING"]), text=w.r.choice([
            "I%s %d kubelet_getters.go:218] \"Pod status updated\" pod=\"kube-system/fluentbit-gke-%s\" status=\"Running\"" % (w.ts(o).strftime("%m%d %H:%M:%S.%f"), w.r.randint(1500, 2500), w.hx(5)),
            "W%s %d reflector.go:462] object-\"default\"/\"kube-root-ca.crt\": watch of *v1.ConfigMap ended with: an error on the server (\"unable to decode an event from the watch stream: http2: client connection lost\") has prevented the request from succeeding" % (w.ts(o).strftime("%m%d %H:%M:%S.%f"), w.r.randint(1500, 2500)),
            "I%s %d prober.go:107] \"Probe succeeded\" probeType=\"Startup\" pod=\"monitoring/node-exporter-%s\"" % (w.ts(o).strftime("%m%d %H:%M:%S.%f"), w.r.randint(1500, 2500), w.hx(5)),
            "E%s %d cadvisor_stats_provider.go:501] \"Partial failure issuing cadvisor.ContainerInfoV2\" err=\"partial failures: [\\\"/kubepods.slice/kubepods-burstable.slice\\\": RecentStats: unable to find data in memory cache]\"" % (w.ts(o).strftime("%m%d %H:%M:%S.%f"), w.r.randint(1500, 2500))])))
        w.poisson(.3, lambda o, n=n: w.emit(o, k8s_c(w, "kube-system", "fluentbit-gke-%s" % n[-5:], "fluentbit", cluster), "stderr", "ERROR" if w.r.random() < .3 else "INFO",
            text="[%s] [ warn] [net] getaddrinfo(host='logging.googleapis.com', err=12): Timeout while contacting DNS servers" % w.ts(o).strftime("%Y/%m/%d %H:%M:%S") if w.r.random() < .2 else
            "[%s] [ info] [input:tail:tail.0] inotify_fs_add(): inode=%d watch_fd=%d name=/var/log/containers/%s.log" % (w.ts(o).strftime("%Y/%m/%d %H:%M:%S"), w.r.randint(100000, 999999), w.r.randint(10, 99), w.hx(12))))
    w.poisson(2.5, lambda o: audit(w, o, "k8s.io", "io.k8s.coordination.v1.leases.update", "coordination.k8s.io/v1/namespaces/kube-system/leases/%s" % w.r.choice(["kube-controller-manager", "cluster-autoscaler", "gke-metadata-server"]),
        "system:%s" % w.r.choice(["kube-controller-manager", "cluster-autoscaler", "gke-metadata-server"]), res=k8s_cluster(w, cluster), sev="INFO"))
    return nodes

def json_line(w, off, res, log, sev, msg, keys=("severity", "message"), **kv):
    d = {keys[0]: sev, keys[1]: msg}; d.update(kv)
    return w.emit(off, res, log, sev if keys[0] == "severity" else None, js=d)
