from noise import gke_platform, ingress_line, chaos_mesh_controller


def logfmt(g, t, lvl, caller, msg, **kv):
    s = "level=%s ts=%s caller=%s msg=%s" % (lvl, g.iso(t), caller, '"%s"' % msg if " " in msg else msg)
    for k, v in kv.items():
        v = str(v)
        s += " %s=%s" % (k, '"%s"' % v if (" " in v or "=" in v) else v)
    return s


# 8 ----------------------------------------------------------------------------------------------
def loki_disk_detached(g):
    r = g.rng
    zone = "us-east1-c"
    ing = [g.gce("loki-ingester-%d" % i, zone) for i in range(1, 4)]
    dist = [g.gce("loki-distributor-%d" % i, zone) for i in range(1, 3)]
    qr = g.gce("loki-querier-1", zone)
    graf = g.gce("grafana-1", zone)
    det = 600.0
    victim = 1  # loki-ingester-2

    def lg(t, res, lvl, caller, msg, **kv):
        g.add(t, res, "loki", sev={"info": "INFO", "warn": "WARNING", "error": "ERROR", "debug": "DEBUG"}[lvl], text=logfmt(g, t, lvl, caller, msg, **kv))

    # root cause: litmus gcp-vm-disk-loss detaches the data PD
    g.audit(det, "v1.compute.instances.detachDisk", "projects/%s/zones/%s/instances/loki-ingester-2" % (g.project, zone),
            "litmus-gcp-chaos@%s.iam.gserviceaccount.com" % g.project, service="compute.googleapis.com",
            req={"@type": "type.googleapis.com/compute.instances.detachDisk", "deviceName": "loki-data"},
            resource={"type": "gce_instance", "labels": {"project_id": g.project, "zone": zone, "instance_id": ing[victim]["labels"]["instance_id"]}},
            ua="google-api-go-client/0.5 litmus-go/3.10.0 gcp-vm-disk-loss", sev="NOTICE")
    v = ing[victim]
    kl = ["sd 0:0:2:0: [sdb] Synchronizing SCSI cache",
          "sd 0:0:2:0: [sdb] tag#21 FAILED Result: hostbyte=DID_NO_CONNECT driverbyte=DRIVER_OK cmd_age=0s",
          "blk_update_request: I/O error, dev sdb, sector 41947136 op 0x1:(WRITE) flags 0x800 phys_seg 1 prio class 0",
          "Buffer I/O error on dev sdb, logical block 5243392, lost async page write",
          "EXT4-fs error (device sdb): ext4_journal_check_start:83: comm loki: Detected aborted journal",
          "EXT4-fs (sdb): Remounting filesystem read-only"]
    for i, l in enumerate(kl):
        g.add(det + 2 + i * 0.3, v, "syslog", text="%s loki-ingester-2 kernel: [%d.%06d] %s" % (g.fmt(det + 2, "%b %d %H:%M:%S"), 812233 + i, r.randint(0, 999999), l))

    def push(t):
        d = r.choice(dist)
        tenant = r.choice(["platform", "payments", "search", "mobile-backend", "edge"])
        if t > det + 3 and r.random() < 0.5:
            lg(t, d, "warn", "logging.go:86", "POST /loki/api/v1/push (500) 5.012s Response: \"rpc error: code = Unknown desc = mkdir /loki/wal/checkpoint.%06d.tmp: read-only file system\\n\" ws: false; Content-Length: %d; Content-Type: application/x-protobuf; User-Agent: promtail/3.2.1" % (r.randint(1000, 9999), r.randint(3000, 90000)), traceID=g.hexid(16), orgID=tenant)
        else:
            lg(t, d, "debug", "push.go:180", "push request parsed", org_id=tenant, streams=r.randint(1, 40), entries=r.randint(10, 900), duration=r.choice(["1.2ms", "3.4ms", "800us"]))
    g.poisson(6.0, push)

    def ingest(t):
        for k, res in enumerate(ing):
            if k == victim and t > det + 3:
                lg(t, res, "error", "flush.go:262", "failed to flush", err="failed to flush chunks: store put chunk: open /loki/boltdb-shipper-active/index_%d/%s: read-only file system, num_chunks: %d, labels: {app=\"checkout\", namespace=\"payments\"}" % (20450, g.hexid(8), r.randint(1, 30)), org_id=r.choice(["payments", "platform"]))
                if r.random() < 0.5:
                    lg(t + 0.1, res, "error", "wal.go:%d" % 198, "error writing to WAL", err="write /loki/wal/%08d: input/output error" % r.randint(1000, 1200))
            else:
                lg(t, res, "info", "flush.go:%d" % 302, "flushing stream", org_id=r.choice(["payments", "platform", "search"]), fp=g.hexid(16), immediate="false", num_chunks=r.randint(1, 8), total_comp=r.choice(["1.1 MB", "312 kB", "88 kB"]), avg_comp="%d kB" % r.randint(40, 400), total_uncomp="%.1f MB" % r.uniform(1, 9), reason="idle")
    g.every(6, ingest)
    g.every(300, lambda t: [lg(t, res, "info", "checkpoint.go:%d" % 611, "starting checkpoint") for k, res in enumerate(ing) if not (k == victim and t > det)], jitter=0.05)

    # queries from grafana: some fail on victim
    def query(t):
        dash = r.choice(["Checkout overview", "Payments errors", "Edge 5xx", "K8s events"])
        if t > det + 3 and r.random() < 0.25:
            g.add(t, graf, "grafana", sev="ERROR", text=logfmt(g, t, "error", "", "Error received from Loki", error="rpc error: code = Unknown desc = open /loki/chunks/fake/%s: input/output error" % g.hexid(12), status=500, dashboard=dash).replace(" caller= ", " logger=tsdb.loki "))
        else:
            g.add(t, graf, "grafana", sev="INFO", text='logger=context userId=%d orgId=1 uname=%s t=%s level=info msg="Request Completed" method=GET path=/api/ds/query status=200 remote_addr=%s time_ms=%d duration=%dms size=%d referer="https://grafana.internal.example/d/%s" handler=/api/ds/query status_source=server' % (r.randint(1, 90), r.choice(["akim", "jdoe", "svc-reporting"]), g.iso(t), g.podip(), r.randint(20, 900), r.randint(20, 900), r.randint(200, 90000), g.hexid(9)))
    g.poisson(1.5, query)

    # distractors: per-stream rate limit for a noisy tenant, and grafana plugin warnings
    g.every(8, lambda t: g.add(t, r.choice(dist), "loki", sev="WARNING", text=logfmt(g, t, "warn", "logging.go:86", "POST /loki/api/v1/push (429) 1.1ms Response: \"Per stream rate limit exceeded (limit: 3MB/sec) while attempting to ingest for stream '{app=\\\"debug-sidecar\\\", namespace=\\\"edge\\\"}' totaling %dB, consider splitting a stream via additional labels or contact your Loki administrator to see if the limit can be increased\\n\" ws: false" % r.randint(10000, 900000), orgID="edge")), jitter=0.4)
    g.every(120, lambda t: g.add(t, graf, "grafana", sev="WARNING", text='logger=plugin.signature.validator t=%s level=warn msg="Permitting unsigned plugin. This is not recommended" pluginId=marcusolsson-json-datasource' % g.iso(t)), jitter=0.3)
    for res in ing + dist + [qr, graf]:
        nm = res.get("_name")
        g.every(60, lambda t, res=res, nm=nm: g.add(t, res, "syslog", text="%s %s google_osconfig_agent[1022]: %s OSConfig Agent (version 20241015.00) Task: ReportInventory" % (g.fmt(t, "%b %d %H:%M:%S"), nm, g.iso(t))), jitter=0.3)
    g.every(20, lambda t: g.add(t, qr, "loki", sev="INFO", text=logfmt(g, t, "info", "metrics.go:%d" % 160, "executing query", component="querier", org_id="platform", latency="fast", query_type="filter", range_type="range", length="1h0m0s", duration="%dms" % r.randint(20, 900), status="200")), jitter=0.5)
    return {
        "title": "Litmus gcp-vm-disk-loss detached the data disk of loki-ingester-2; filesystem went read-only, ingestion and queries partially fail",
        "root_cause": {"evidence": ["instances.detachDisk", "Remounting filesystem read-only"], "category": "other",
                       "must_mention": ["loki-ingester-2", "disk"]},
        "symptoms": [{"evidence": "failed to flush chunks"}, {"evidence": "Error received from Loki"}, {"evidence": "POST /loki/api/v1/push (500)"}],
        "distractors": [{"evidence": "Per stream rate limit exceeded"}, {"evidence": "Permitting unsigned plugin"}],
        "priority": "P2",
    }


# 9 ----------------------------------------------------------------------------------------------
def harbor_gc_untagged(g):
    r = g.rng
    nodes = ["gke-apps-pool-3-%s-%s" % (g.hexid(8), g.hexid(4)) for _ in range(5)]
    gke_platform(g, nodes)
    core = g.k8s("harbor", "harbor-core-6b7c8d9e0-%s" % g.hexid(5), "core", node=nodes[0])
    reg = [g.k8s("harbor", "harbor-registry-5a6b7c8d9-%s" % g.hexid(5), "registry", node=nodes[i]) for i in range(2)]
    job = g.k8s("harbor", "harbor-jobservice-7d8e9f0a1-%s" % g.hexid(5), "jobservice", node=nodes[1])
    nginx = g.k8s("harbor", "harbor-nginx-4c5d6e7f8-%s" % g.hexid(5), "nginx", node=nodes[2])
    chk_old = [g.k8s("shop", "checkout-5f6a7b8c9-%s" % g.hexid(5), "checkout", node=r.choice(nodes)) for _ in range(3)]
    gc_t = 300.0
    gc_end = 1000.0
    roll_t = 1140.0   # checkout rollout to digest that GC removed

    def hlog(t, res, lvl, src, msg):
        g.out(t, res, "%s [%s] [%s]: %s" % (g.iso(t)[:23] + "Z", lvl, src, msg), sev={"INFO": "INFO", "WARNING": "WARNING", "ERROR": "ERROR", "DEBUG": "DEBUG"}[lvl])

    hlog(gc_t - 1, job, "INFO", "/jobservice/runner/redis.go:84", "Start to run job GARBAGE_COLLECTION: %s" % g.hexid(24))
    hlog(gc_t, job, "INFO", "/jobservice/job/impl/gc/garbage_collection.go:122", "start to run gc in job. parameters: delete_untagged=true, dry_run=false, workers=3")
    hlog(gc_t + 2, job, "INFO", "/jobservice/job/impl/gc/garbage_collection.go:278", "mark candidates: 1882 blobs and 611 manifests eligible for deletion")
    deleted = []
    t = gc_t + 5
    while t < gc_end:
        d = "sha256:" + g.hexid(64)
        deleted.append(d)
        repo = r.choice(["shop/checkout", "shop/catalog", "shop/cart", "ml/feature-builder", "platform/base-node"])
        hlog(t, job, "INFO", "/jobservice/job/impl/gc/garbage_collection.go:%d" % 391, "delete blob from storage: %s" % d)
        if r.random() < 0.3:
            hlog(t + 0.1, job, "INFO", "/jobservice/job/impl/gc/garbage_collection.go:%d" % 358, "delete the manifest with registry v2 API: %s, %s" % (repo, "sha256:" + g.hexid(64)))
        t += r.uniform(0.15, 0.6)
    hlog(gc_end, job, "INFO", "/jobservice/job/impl/gc/garbage_collection.go:%d" % 440, "%d blobs and %d manifests are actually deleted" % (len(deleted), 611))
    hlog(gc_end + 0.1, job, "INFO", "/jobservice/job/impl/gc/garbage_collection.go:%d" % 441, "The GC job actual frees up %d MB space." % r.randint(40000, 90000))

    # ci pushes untagged digests earlier; deploy references digest
    dig = "sha256:" + g.hexid(64)
    g.audit(roll_t, "io.k8s.apps.v1.deployments.patch", "apps/v1/namespaces/shop/deployments/checkout", "argocd-application-controller@%s.iam.gserviceaccount.com" % g.project,
            req={"spec": {"template": {"spec": {"containers": [{"name": "checkout", "image": "harbor.internal.shopco.io/shop/checkout@%s" % dig}]}}}}, ua="argocd-application-controller/v2.12.3")
    newpods = ["checkout-8a9b0c1d2-%s" % g.hexid(5) for _ in range(2)]

    def pulls(t):
        for p in newpods:
            g.k8s_event(t, "shop", "Pod", p, "Pulling", "Pulling image \"harbor.internal.shopco.io/shop/checkout@%s\"" % dig)
            g.k8s_event(t + 1.2, "shop", "Pod", p, "Failed", "Failed to pull image \"harbor.internal.shopco.io/shop/checkout@%s\": rpc error: code = NotFound desc = failed to pull and unpack image \"harbor.internal.shopco.io/shop/checkout@%s\": failed to copy: httpReadSeeker: failed open: content at https://harbor.internal.shopco.io/v2/shop/checkout/blobs/sha256:%s not found: not found" % (dig, dig, g.hexid(64)), etype="Warning", host=r.choice(nodes))
            g.k8s_event(t + 1.3, "shop", "Pod", p, "Failed", "Error: ErrImagePull", etype="Warning", host=r.choice(nodes))
            g.k8s_event(t + 2, "shop", "Pod", p, "BackOff", "Back-off pulling image \"harbor.internal.shopco.io/shop/checkout@%s\"" % dig, etype="Warning", host=r.choice(nodes))
            g.out(t + 1.1, r.choice(reg), 'time="%s" level=error msg="response completed with error" err.code="blob unknown" err.detail=sha256:%s err.message="blob unknown to registry" go.version=go1.22.7 http.request.method=GET http.request.uri="/v2/shop/checkout/blobs/sha256:%s" http.response.status=404 vars.name="shop/checkout"' % (g.iso(t + 1.1), g.hexid(64), g.hexid(64)), sev="ERROR")
    g.every(45, pulls, start=roll_t + 3, jitter=0.3)
    g.every(120, lambda t: g.add(t, g.k8s_cluster(), "events", sev="WARNING", js={"kind": "Event", "type": "Warning", "reason": "ProgressDeadlineExceeded" if t > roll_t + 600 else "FailedCreate", "message": "Deployment \"checkout\" has not progressed: ReplicaSet \"checkout-8a9b0c1d2\" has 0 of 2 available pods" , "involvedObject": {"kind": "Deployment", "name": "checkout", "namespace": "shop"}, "source": {"component": "deployment-controller"}}), start=roll_t + 120)

    # normal pulls / pushes through harbor nginx and registry
    def traffic(t):
        repo = r.choice(["shop/catalog", "shop/cart", "ml/feature-builder", "platform/base-node", "shop/checkout"])
        st = 200
        g.out(t, nginx, '10.%d.%d.%d - - [%s] "GET /v2/%s/manifests/%s HTTP/1.1" %d %d "-" "containerd/1.7.22" %.3f %.3f .' % (r.randint(8, 60), r.randint(0, 255), r.randint(2, 254), g.fmt(t, "%d/%b/%Y:%H:%M:%S +0000"), repo, r.choice(["latest", "v1.%d.%d" % (r.randint(0, 30), r.randint(0, 9))]), st, r.randint(500, 9000), r.uniform(0.005, 0.06), r.uniform(0.005, 0.06)))
        g.out(t + 0.01, r.choice(reg), 'time="%s" level=info msg="response completed" go.version=go1.22.7 http.request.method=GET http.request.uri="/v2/%s/manifests/sha256:%s" http.response.status=200 http.response.duration=%dms' % (g.iso(t), repo, g.hexid(64), r.randint(2, 60)))
    g.poisson(2.0, traffic)
    # checkout old pods keep serving
    def chk(t):
        c = r.choice(chk_old)
        g.jout(t, c, {"severity": "INFO", "message": "order placed", "order_id": "o_%s" % g.hexid(10), "latency_ms": r.randint(40, 300), "version": "1.41.2"}, sev="INFO")
    g.poisson(2.5, chk)
    # distractors
    g.every(30, lambda t: hlog(t, core, "ERROR", "/lib/http/error.go:57", "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"unauthorized: unauthorized to access repository: ml/feature-builder, action: push: unauthorized to access repository: ml/feature-builder, action: push\"}]}"), jitter=0.4)
    g.every(600, lambda t: hlog(t, job, "ERROR", "/jobservice/job/impl/replication/replication.go:110", "failed to replicate artifact library/node:20-alpine from docker-hub-mirror: toomanyrequests: You have reached your pull rate limit"), jitter=0.2)
    g.every(15, lambda t: hlog(t, core, "DEBUG", "/server/middleware/log/log.go:30", "attach request id %s to the logger for the request GET /api/v2.0/ping" % g.hexid(36)))
    g.every(60, lambda t: hlog(t, job, "INFO", "/jobservice/worker/cworker/c_worker.go:%d" % 94, "Heartbeat: worker pool %s is alive with %d workers" % (g.hexid(24), 10)), jitter=0.05)
    return {
        "title": "Harbor GC with delete_untagged=true removed the untagged checkout digest; checkout rollout stuck in ErrImagePull (blob unknown)",
        "root_cause": {"evidence": ["delete_untagged=true", "delete blob from storage"], "category": "configuration",
                       "must_mention": ["garbage", "untagged"]},
        "symptoms": [{"evidence": "blob unknown to registry"}, {"evidence": "ErrImagePull"}, {"evidence": "has not progressed"}],
        "distractors": [{"evidence": "unauthorized to access repository"}, {"evidence": "pull rate limit"}],
        "priority": "P2",
    }


# 10 ---------------------------------------------------------------------------------------------
def argocd_prune(g):
    r = g.rng
    nodes = ["gke-core-pool-%s-%s" % (g.hexid(8), g.hexid(4)) for _ in range(4)]
    gke_platform(g, nodes)
    ctrl = g.k8s("argocd", "argocd-application-controller-0", "argocd-application-controller", node=nodes[0])
    repo = g.k8s("argocd", "argocd-repo-server-6d7e8f9a0-%s" % g.hexid(5), "argocd-repo-server", node=nodes[1])
    pay = [g.k8s("payments", "payments-api-7b8c9d0e1-%s" % g.hexid(5), "payments-api", node=r.choice(nodes)) for _ in range(3)]
    shop = [g.k8s("storefront", "storefront-bff-5e6f7a8b9-%s" % g.hexid(5), "bff", node=r.choice(nodes)) for _ in range(3)]
    lb = g.lb("k8s2-fr-payments-gw", "k8s2-um-payments-gw", "k8s1-payments-api-8080")
    prune = 540.0

    def alog(t, res, lvl, msg, **kv):
        s = 'time="%s" level=%s msg="%s"' % (g.iso(t)[:19] + "Z", lvl, msg)
        for k, v in kv.items():
            s += " %s=%s" % (k, v if " " not in str(v) else '"%s"' % v)
        g.out(t, res, s, sev={"info": "INFO", "warning": "WARNING", "error": "ERROR", "debug": "DEBUG"}[lvl])

    sha = g.hexid(40)
    alog(prune - 20, repo, "info", "git fetch origin --tags --force --prune", dir="/tmp/_argocd-repo/%s" % g.hexid(8), execID=g.hexid(5))
    alog(prune - 18, repo, "info", "kustomize build .", dir="/tmp/_argocd-repo/%s/apps/payments/overlays/prod" % g.hexid(8), revision=sha)
    alog(prune - 5, ctrl, "info", "Initiated automated sync to '%s'" % sha, application="argocd/payments-prod", dest_namespace="payments")
    alog(prune - 4, ctrl, "info", "Comparing app state (cluster: https://kubernetes.default.svc, namespace: payments)", application="argocd/payments-prod")
    for i, (kind, name) in enumerate([("Service", "payments-api"), ("Ingress", "payments-gw"), ("HorizontalPodAutoscaler", "payments-api"), ("ConfigMap", "payments-api-routes")]):
        alog(prune + i * 0.4, ctrl, "info", "Adding resource result, status: 'Pruned', phase: 'Running', message: 'pruned'", application="argocd/payments-prod", kind=kind, name=name, namespace="payments", phase="Sync", syncId="00042-%s" % g.hexid(5))
        plural = {"Service": "core.v1.services", "Ingress": "networking.k8s.io.v1.ingresses", "HorizontalPodAutoscaler": "autoscaling.v2.horizontalpodautoscalers", "ConfigMap": "core.v1.configmaps"}[kind]
        g.audit(prune + i * 0.4 + 0.05, "io.k8s.%s.delete" % plural, "%s/namespaces/payments/%s/%s" % ("core/v1" if "core" in plural else plural.rsplit(".", 1)[0].replace(".", "/"), plural.split(".")[-1], name),
                "system:serviceaccount:argocd:argocd-application-controller", ua="argocd-application-controller/v2.12.3")
    alog(prune + 3, ctrl, "info", "Sync operation to %s succeeded" % sha, application="argocd/payments-prod", dest_namespace="payments", dest_server="https://kubernetes.default.svc", reason=r"OperationCompleted", type="Normal")
    g.k8s_event(prune + 5, "payments", "Ingress", "payments-gw", "Sync", "Scheduled for sync", component="loadbalancer-controller")
    g.k8s_event(prune + 40, "payments", "Ingress", "payments-gw", "Delete", "Deleting load balancer resources for payments/payments-gw", component="loadbalancer-controller")
    g.every(180, lambda t: alog(t, ctrl, "info", "Reconciliation completed", application="argocd/payments-prod", **{"comparison-level": 1, "dest-namespace": "payments", "time_ms": r.randint(80, 900)}), jitter=0.3)
    g.every(180, lambda t: alog(t, ctrl, "info", "Reconciliation completed", application="argocd/storefront-prod", **{"comparison-level": 1, "dest-namespace": "storefront", "time_ms": r.randint(80, 900)}), jitter=0.3)

    def req(t):
        s = r.choice(shop)
        oid = "o_%s" % g.hexid(10)
        if t < prune + 1:
            lat = r.uniform(0.05, 0.3)
            p = r.choice(pay)
            g.jout(t, p, {"severity": "INFO", "message": "payment authorized", "order_id": oid, "psp": r.choice(["adyen", "stripe"]), "latency_ms": int(lat * 1000)}, sev="INFO")
            g.add(t + lat, lb, "requests", sev="INFO", http=g.http("POST", "https://pay.shopco.io/v1/authorize", 200, lat, ua="Go-http-client/2.0"), js={"@type": "type.googleapis.com/google.cloud.loadbalancing.type.LoadBalancerLogEntry", "statusDetails": "response_sent_by_backend"}, trace=True)
            g.jout(t + lat, s, {"severity": "INFO", "message": "checkout complete", "order_id": oid}, sev="INFO")
        else:
            # in-cluster callers use the Service DNS name -> NXDOMAIN; external via LB -> 502 then 404 once LB is gone
            if r.random() < 0.6:
                g.jout(t, s, {"severity": "ERROR", "message": "payment authorize failed: Post \"http://payments-api.payments.svc.cluster.local:8080/v1/authorize\": dial tcp: lookup payments-api.payments.svc.cluster.local on 10.32.0.10:53: no such host", "order_id": oid, "attempt": r.randint(1, 3)}, sev="ERROR")
                g.jout(t + 0.001, s, {"severity": "WARNING", "message": "checkout aborted, returning 503 to client", "order_id": oid}, sev="WARNING")
            else:
                st = 502 if t < prune + 60 else 404
                g.add(t + 0.01, lb, "requests", sev="WARNING" if st == 404 else "ERROR", http=g.http("POST", "https://pay.shopco.io/v1/authorize", st, 0.004, ua="Go-http-client/2.0"), js={"@type": "type.googleapis.com/google.cloud.loadbalancing.type.LoadBalancerLogEntry", "statusDetails": "failed_to_pick_backend" if st == 502 else "response_sent_by_backend"}, trace=True) if t < prune + 120 else None
    g.poisson(5.0, req)
    # payments pods are still healthy, only idle
    g.every(10, lambda t: [g.jout(t, p, {"severity": "DEBUG", "message": "GET /healthz 200", "latency_ms": 1}, sev="DEBUG") for p in pay])
    # distractors
    g.every(60, lambda t: alog(t, ctrl, "warning", "Failed to get cached managed resources for tree reconciliation, fall back to full reconciliation", application="argocd/ml-batch"), jitter=0.3)
    g.every(90, lambda t: alog(t, repo, "error", "finished unary call with code Unknown", error="rpc error: code = Unknown desc = `helm dependency build` failed exit status 1: Error: no repository definition for https://charts.bitnami.com/bitnami", **{"grpc.method": "GenerateManifest", "grpc.service": "repository.RepoServerService", "span.kind": "server"}), jitter=0.3)
    g.every(45, lambda t: g.jout(t, r.choice(shop), {"severity": "WARNING", "message": "recommendations timeout after 300ms, rendering without carousel"}, sev="WARNING"), jitter=0.5)
    def browse(t):
        g.jout(t, r.choice(shop), {"severity": "INFO", "message": "GET /api/cart 200", "latency_ms": r.randint(5, 80)}, sev="INFO")
    g.poisson(6.0, browse)
    return {
        "title": "Argo CD auto-sync with prune deleted the payments-api Service and Ingress after a kustomize overlay refactor; checkout cannot authorize payments",
        "root_cause": {"evidence": ["status: 'Pruned'", "core.v1.services.delete"], "category": "configuration",
                       "must_mention": ["payments-api", "prune"]},
        "symptoms": [{"evidence": "payment authorize failed"}, {"evidence": "checkout aborted, returning 503"}, {"evidence": "failed_to_pick_backend"}],
        "distractors": [{"evidence": "helm dependency build"}, {"evidence": "recommendations timeout after 300ms"}],
        "priority": "P0",
    }
