import json, gzip, random, hashlib, os
from datetime import datetime, timedelta, timezone

OUT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

def hx(r, n): return ''.join(r.choice('0123456789abcdef') for _ in range(n))

class Inc:
    def __init__(s, iid, title, start, minutes, project, seed):
        s.id, s.title, s.project = iid, title, project
        s.t0 = datetime.strptime(start, '%Y-%m-%dT%H:%M:%SZ').replace(tzinfo=timezone.utc)
        s.dur = minutes * 60
        s.r = random.Random(seed)
        s.E = []
    def ts(s, t): return (s.t0 + timedelta(seconds=t)).strftime('%Y-%m-%dT%H:%M:%S.%fZ')
    def trace(s): return f"projects/{s.project}/traces/{hx(s.r,32)}"
    def add(s, t, res, log, payload, sev=None, role=None, http=None, trace=None, labels=None, op=None):
        if t < 0 or t >= s.dur: return
        r = s.r
        e = {"insertId": hx(r, 16) if r.random() < .7 else f"{hx(r,6)}{r.randint(10000,99999)}",
             "logName": f"projects/{s.project}/logs/{log}", "resource": res,
             "timestamp": s.ts(t), "receiveTimestamp": s.ts(t + r.uniform(0.05, 2.5))}
        if sev: e["severity"] = sev
        if isinstance(payload, str): e["textPayload"] = payload
        elif payload.get("@type", "").endswith("audit.AuditLog"): e["protoPayload"] = payload
        else: e["jsonPayload"] = payload
        if http: e["httpRequest"] = http
        if trace:
            e["trace"] = trace; e["spanId"] = hx(r, 16); e["traceSampled"] = r.random() < .1
        lab = dict(res.get("_labels", {}))
        if labels: lab.update(labels)
        if lab: e["labels"] = lab
        if op: e["operation"] = op
        s.E.append((t, e, role))
    def every(s, period, fn, start=0, end=None, jit=0.15):
        end = s.dur if end is None else end
        t = start + s.r.uniform(0, period)
        while t < end:
            fn(t); t += period * (1 + s.r.uniform(-jit, jit))
    def poisson(s, per_min, fn, start=0, end=None):
        end = s.dur if end is None else end
        if per_min <= 0: return
        t = start + s.r.expovariate(per_min / 60)
        while t < end:
            fn(t); t += s.r.expovariate(per_min / 60)
    def lines(s, t, res, log, lines, sev=None, role=None):
        for i, l in enumerate(lines): s.add(t + i * 0.000013, res, log, l, sev, role)

    def write(s, truth):
        d = os.path.join(OUT, s.id); os.makedirs(d, exist_ok=True)
        ents = sorted(s.E, key=lambda x: x[0], reverse=True)
        for _, e, _ in ents: e["resource"].pop("_labels", None)
        txt = lambda e: json.dumps(e.get("textPayload") or e.get("jsonPayload") or e.get("protoPayload") or "", ensure_ascii=False).lower() \
            if not e.get("textPayload") else e["textPayload"].lower()
        T = [(txt(e), role) for _, e, role in ents]
        n = len(ents); assert 3000 <= n <= 40000, (s.id, n)
        rc = truth.get("root_cause")
        if rc:
            for ev in rc["evidence"]:
                hits = [ro for tx, ro in T if ev.lower() in tx]
                assert hits, (s.id, 'root missing', ev)
                assert all(h == 'cause' for h in hits), (s.id, 'root evidence leaks', ev, set(hits))
            for m in rc["must_mention"]:
                assert any(m.lower() in tx for tx, _ in T), (s.id, 'mention', m)
        for k in ("symptoms", "distractors"):
            for x in truth.get(k, []):
                ev = x["evidence"].lower()
                hits = [ro for tx, ro in T if ev in tx]
                assert hits, (s.id, k, ev)
                assert 'cause' not in hits, (s.id, k, 'in cause line', ev)
                if rc:
                    for rev in rc["evidence"]:
                        assert rev.lower() not in ev, (s.id, 'overlap', ev)
        truth = dict(truth); truth["id"] = s.id; truth["title"] = s.title
        truth["window"] = {"start": s.ts(0)[:19] + "Z", "end": s.ts(s.dur)[:19] + "Z"}
        out = {"id": truth.pop("id"), "title": truth.pop("title"), "window": truth.pop("window")}; out.update(truth)
        with gzip.open(os.path.join(d, "logs.json.gz"), "wt") as f:
            json.dump([e for _, e, _ in ents], f, indent=1)
        with open(os.path.join(d, "truth.json"), "w") as f: json.dump(out, f, indent=2)
        print(s.id, n)

# ---------- resources ----------
def k8s(inc, cluster, loc, ns, pod, container, node=None):
    return {"type": "k8s_container", "labels": {"project_id": inc.project, "location": loc, "cluster_name": cluster,
            "namespace_name": ns, "pod_name": pod, "container_name": container},
            "_labels": {"k8s-pod/app": container, **({"compute.googleapis.com/resource_name": node} if node else {})}}
def k8s_node(inc, cluster, loc, node):
    return {"type": "k8s_node", "labels": {"project_id": inc.project, "location": loc, "cluster_name": cluster, "node_name": node}}
def k8s_pod(inc, cluster, loc, ns, pod):
    return {"type": "k8s_pod", "labels": {"project_id": inc.project, "location": loc, "cluster_name": cluster, "namespace_name": ns, "pod_name": pod}}
def gce(inc, name, zone):
    iid = str(int(hashlib.md5((inc.project + name).encode()).hexdigest()[:15], 16))[:19]
    return {"type": "gce_instance", "labels": {"project_id": inc.project, "instance_id": iid, "zone": zone},
            "_labels": {"compute.googleapis.com/resource_name": name}}
def lbres(inc, name, backend):
    return {"type": "http_load_balancer", "labels": {"project_id": inc.project, "zone": "global", "url_map_name": f"{name}-urlmap",
            "target_proxy_name": f"{name}-https-proxy", "forwarding_rule_name": f"{name}-fr", "backend_service_name": backend}}
def sqlres(inc, inst, region="us-central1"):
    return {"type": "cloudsql_database", "labels": {"project_id": inc.project, "database_id": f"{inc.project}:{inst}", "region": region}}

UAS = ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
       "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
       "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15",
       "okhttp/4.12.0", "GoogleHC/1.0", "curl/8.5.0", "python-requests/2.32.3"]
def ip(r): return f"{r.choice([34,35,66,73,98,104,142,172,188,203])}.{r.randint(1,254)}.{r.randint(1,254)}.{r.randint(1,254)}"
def httpreq(inc, method, url, status, lat, size=None, ua=None):
    r = inc.r
    return {"requestMethod": method, "requestUrl": url, "status": status, "responseSize": str(size or r.randint(200, 40000)),
            "userAgent": ua or r.choice(UAS[:4]), "remoteIp": ip(r), "serverIp": f"10.{r.randint(0,20)}.{r.randint(0,255)}.{r.randint(2,250)}",
            "latency": f"{lat:.6f}s", "protocol": "HTTP/1.1"}
def lb_entry(inc, t, res, method, url, status, lat, role=None, detail=None):
    j = {"@type": "type.googleapis.com/google.cloud.loadbalancing.type.LoadBalancerLogEntry",
         "statusDetails": detail or ("response_sent_by_backend"), "backendTargetProjectNumber": "projects/4418820" }
    sev = "INFO" if status < 400 else ("WARNING" if status < 500 else "ERROR")
    inc.add(t, res, "requests", j, sev, role, http=httpreq(inc, method, url, status, lat), trace=inc.trace())

# ---------- glog / klog ----------
def klog(inc, t, lvl, file, msg):
    d = inc.t0 + timedelta(seconds=t)
    return f"{lvl}{d.strftime('%m%d %H:%M:%S.%f')}    {inc.r.randint(1000,3000)} {file}] {msg}"

def gke_noise(inc, cluster, loc, nodes, scale=1.0):
    r = inc.r
    def kubelet(t):
        n = r.choice(nodes); res = k8s_node(inc, cluster, loc, n)
        c = r.random()
        if c < .45:
            inc.add(t, res, "kubelet", klog(inc, t, "I", "kubelet_getters.go:218", f'"Pod status is inconsistent with cached status for pod, a reconciliation should be triggered" pod="kube-system/fluentbit-gke-{hx(r,5)}"'), "INFO")
        elif c < .75:
            inc.add(t, res, "kubelet", klog(inc, t, "E", "cadvisor_stats_provider.go:522", f'"Partial failure issuing cadvisor.ContainerInfoV2" err="partial failures: [\\"/kubepods/besteffort/pod{hx(r,8)}-{hx(r,4)}\\": RecentStats: unable to find data in memory cache]"'), "ERROR")
        else:
            inc.add(t, res, "kubelet", klog(inc, t, "W", "container_manager_linux.go:875", '"CPUAccounting not enabled for process" pid=1712'), "WARNING")
    inc.poisson(6 * scale, kubelet)
    def fluent(t):
        pod = f"fluentbit-gke-{hx(r,5)}"
        inc.add(t, k8s(inc, cluster, loc, "kube-system", pod, "fluentbit", r.choice(nodes)), "stderr",
                f"[{(inc.t0+timedelta(seconds=t)).strftime('%Y/%m/%d %H:%M:%S')}] [ warn] [engine] failed to flush chunk '1-{int(inc.t0.timestamp()+t)}.{r.randint(100000000,999999999)}.flb', retry in {r.choice([6,8,10,17])} seconds: task_id={r.randint(0,9)}, input=tail.{r.randint(0,2)} > output=stackdriver.0 (out_id=0)", "WARNING")
    inc.poisson(1.2 * scale, fluent)
    def konn(t):
        inc.add(t, k8s(inc, cluster, loc, "kube-system", f"konnectivity-agent-{hx(r,9)}-{hx(r,5)}", "konnectivity-agent"), "stderr",
                klog(inc, t, "E", "clientconn.go:312", f'"conn write failure" err="write tcp 10.{r.randint(0,9)}.0.{r.randint(2,200)}:{r.randint(30000,60000)}->10.128.0.{r.randint(2,40)}:10250: use of closed network connection" connectionID={r.randint(1,9000)}'), "ERROR")
    inc.poisson(0.8 * scale, konn)
    def metrics(t):
        inc.add(t, k8s(inc, cluster, loc, "kube-system", f"gke-metrics-agent-{hx(r,5)}", "gke-metrics-agent"), "stderr",
                f'{(inc.t0+timedelta(seconds=t)).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3]}Z\terror\texporterhelper/queued_retry.go:183\tExporting failed. Dropping data. Try enabling sending_queue to survive temporary failures.\t{{"kind": "exporter", "name": "googlecloud", "dropped_items": {r.randint(3,80)}}}', "ERROR")
    inc.poisson(0.35 * scale, metrics)
    def dns(t):
        inc.add(t, k8s(inc, cluster, loc, "kube-system", f"kube-dns-{hx(r,9)}-{hx(r,5)}", "dnsmasq"), "stderr",
                f"I{(inc.t0+timedelta(seconds=t)).strftime('%m%d %H:%M:%S.%f')}       1 nanny.go:146] dnsmasq[{r.randint(20,40)}]: Maximum number of concurrent DNS queries reached (max: 1500)" if r.random()<.1 else
                klog(inc, t, "I", "sync.go:167", "Updated stubDomains to map[]"), "INFO")
    inc.poisson(0.5 * scale, dns)

def gce_noise(inc, name, zone, scale=1.0):
    r = inc.r; res = gce(inc, name, zone)
    def f(t):
        d = (inc.t0 + timedelta(seconds=t)).strftime('%b %d %H:%M:%S').replace(' 0', '  ', 1) if False else (inc.t0 + timedelta(seconds=t)).strftime('%b %e %H:%M:%S')
        c = r.random()
        if c < .3: m = f"{d} {name} sshd[{r.randint(2000,60000)}]: Invalid user {r.choice(['admin','oracle','ubuntu','test','git','pi'])} from {ip(r)} port {r.randint(30000,65000)}"
        elif c < .5: m = f"{d} {name} google_guest_agent[{r.randint(600,900)}]: Updating keys for user {r.choice(['ops-oncall','deploy'])}." 
        elif c < .65: m = f"{d} {name} CRON[{r.randint(2000,60000)}]: (root) CMD (test -x /usr/sbin/anacron || ( cd / && run-parts --report /etc/cron.hourly ))"
        elif c < .8: m = f"{d} {name} systemd[1]: Started session-{r.randint(100,999)}.scope - Session {r.randint(100,999)} of User ops-oncall."
        elif c < .9: m = f"{d} {name} OSConfigAgent[{r.randint(600,900)}]: {(inc.t0 + timedelta(seconds=t)).strftime('%Y-%m-%dT%H:%M:%S')}.0000Z OSConfigAgent Warning: Error waiting for task (attempt 1 of 10): error fetching task: rpc error: code = Unavailable desc = 502:Bad Gateway"
        else: m = f"{d} {name} systemd-resolved[{r.randint(300,500)}]: Using degraded feature set UDP instead of UDP+EDNS0 for DNS server 169.254.169.254."
        inc.add(t, res, "syslog", m)
    inc.poisson(1.6 * scale, f)

def ts_java(inc, t):
    return (inc.t0 + timedelta(seconds=t)).strftime('%Y-%m-%d %H:%M:%S,%f')[:-3]
def ts_iso(inc, t, ms=3):
    s = (inc.t0 + timedelta(seconds=t)).strftime('%Y-%m-%dT%H:%M:%S.%f'); return s[:len(s) - (6 - ms)] + "Z"
