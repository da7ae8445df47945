"""Incidents 3-8 of blind18."""
from common import Inc, pyjson
from gen import healthy_status, chatter, klog_ts, pg_prefix, pgv, py_ts, syslog_ts


# 3. Azure 2012 leap day: certificate validity computed as "same date next year"
def inc_leap_day(out):
    inc = Inc("leap-day-cert-issuer", "fleetgrid-prod", "2024-02-28T23:35:00Z", 55, 1803)
    r = inc.rng
    fault = 25 * 60.0  # 2024-02-29T00:00:00Z
    iss = inc.run_res("cert-issuer", "cert-issuer-00041-ret")
    api = inc.run_res("job-api", "job-api-00377-lon")
    disp = inc.run_res("render-dispatcher", "render-dispatcher-00102-sad")
    bill = inc.run_res("billing-rollup", "billing-rollup-00019-vik")
    zones = ["us-central1-a", "us-central1-b", "us-central1-f"]
    # job api traffic
    for t in inc.poisson(2.4):
        st, lat = healthy_status(inc, 0.05)
        m, p = r.choice([("POST", "/v2/jobs"), ("GET", "/v2/jobs/%s" % inc.hexid(12)), ("GET", "/v2/jobs?state=running"), ("GET", "/v2/frames/%s/preview" % inc.hexid(10))])
        inc.run_request(t, api, "api.fleetgrid.io", m, p, st, lat)
        if m == "POST" and r.random() < 0.5:
            inc.add(t + lat, api, "run.googleapis.com/stdout", "INFO", jp=pyjson("job accepted", job_id=inc.hexid(12), frames=r.randint(10, 2400), queue="render-default"))
    # scale-out cadence: new worker VMs keep booting and asking for certs
    vm_n = 0
    t = 40.0
    while t < inc.dur:
        vm_n += 1
        name = "render-worker-%s" % inc.hexid(4)
        iid = 5_100_000_000_000_000_000 + r.randint(1, 10**15)
        z = r.choice(zones)
        vm = inc.gce_res(iid, z)
        def sl(tt, msg, sev="INFO"):
            inc.add(tt, vm, "syslog", sev, text="%s %s %s" % (syslog_ts(inc, tt), name, msg))
        sl(t, "systemd[1]: Started Google Compute Engine Startup Scripts.")
        sl(t + 1.1, "google_metadata_script_runner[811]: Starting startup scripts (version 20240205.00).")
        ok_before = t + 3 < fault
        for a in range(1, 11):
            ta = t + 3 + (a - 1) * 12
            sl(ta, "google_metadata_script_runner[811]: startup-script: bootstrap: requesting client certificate from https://cert-issuer-q3k7pvtr5a-uc.a.run.app/v1/issue (attempt %d/10)" % a)
            if ta < fault:
                inc.run_request(ta + 0.1, iss, "cert-issuer-q3k7pvtr5a-uc.a.run.app", "POST", "/v1/issue", 200, r.uniform(0.04, 0.12))
                inc.add(ta + 0.12, iss, "run.googleapis.com/stdout", "INFO", jp=pyjson("issued worker certificate", cn="%s.workers.fleetgrid.internal" % name, serial=inc.hexid(20), not_after="2025-02-28T%s" % inc.ts(ta)[11:19] + "Z"))
                sl(ta + 0.3, "google_metadata_script_runner[811]: startup-script: bootstrap: certificate installed, joining pool render-default")
                sl(ta + 4, "render-agent[1290]: INFO agent connected to dispatcher, slots=8")
                break
            else:
                lat = r.uniform(0.02, 0.06)
                inc.run_request(ta + 0.1, iss, "cert-issuer-q3k7pvtr5a-uc.a.run.app", "POST", "/v1/issue", 500, lat)
                inc.add(ta + 0.1 + lat, iss, "run.googleapis.com/stderr", "ERROR", text="%s ERROR [issuer.api] certificate issuance failed for %s.workers.fleetgrid.internal" % (py_ts(inc, ta), name))
                for k, ln in enumerate(["Traceback (most recent call last):",
                                        '  File "/app/issuer/api.py", line 88, in issue_worker_cert',
                                        "    cert = build_certificate(csr, ttl_years=1)",
                                        '  File "/app/issuer/x509util.py", line 41, in build_certificate',
                                        "    not_after = now.replace(year=now.year + ttl_years)",
                                        "ValueError: day is out of range for month"]):
                    inc.add(ta + 0.1 + lat + 0.0001 * (k + 1), iss, "run.googleapis.com/stderr", "ERROR", text=ln)
                sl(ta + 0.3, "google_metadata_script_runner[811]: startup-script: bootstrap: certificate request failed: HTTP 500 Internal Server Error", "WARNING")
        else:
            sl(t + 3 + 9 * 12 + 1, "google_metadata_script_runner[811]: startup-script: bootstrap: giving up after 10 attempts; node will not join pool render-default", "ERROR")
            sl(t + 3 + 9 * 12 + 1.2, "google_metadata_script_runner[811]: startup-script exit status 1", "ERROR")
            sl(t + 3 + 9 * 12 + 1.3, "google_metadata_script_runner[811]: Finished running startup scripts.")
            # autohealer recreates after health check fails
            tr = t + 3 + 9 * 12 + 300
            inc.audit(tr, vm, "compute.googleapis.com", "compute.instances.repair.recreateInstance", "projects/fleetgrid-prod/zones/%s/instances/%s" % (z, name),
                      "system@google.com", severity="NOTICE", logname="cloudaudit.googleapis.com/system_event",
                      metadata={"reason": "Instance %s failed health check render-agent-hc" % name})
        t += r.uniform(45, 80)
    # MIG autoscaler resize audit
    for t in inc.every(300, 20):
        inc.audit(t, {"type": "gce_instance_group_manager", "labels": {"instance_group_manager_id": "7719920012341", "instance_group_manager_name": "render-worker-mig", "location": "us-central1", "project_id": "fleetgrid-prod"}},
                  "compute.googleapis.com", "v1.compute.regionInstanceGroupManagers.resize", "projects/fleetgrid-prod/regions/us-central1/instanceGroupManagers/render-worker-mig",
                  "service-418001992731@gcp-sa-autoscaler.iam.gserviceaccount.com", request={"@type": "type.googleapis.com/compute.regionInstanceGroupManagers.resize", "size": 40 + int(t / 60)},
                  ua="GCE Autoscaler")
    # dispatcher queue status
    for t in inc.every(30, 1):
        healthy_workers = 38 + min(int(t / 70), 20) if t < fault else 38 + 20
        desired = 40 + int(t / 60)
        depth = r.randint(80, 200) if t < fault else int(200 + (t - fault) * 1.6 + r.randint(0, 60))
        sev = "INFO" if depth < 600 else "WARNING"
        inc.add(t, disp, "run.googleapis.com/stdout", sev, jp=pyjson("queue render-default depth=%d workers_connected=%d desired=%d oldest_wait_s=%d" % (depth, healthy_workers, desired, int(depth * 1.9)), logger="dispatcher.stats"))
    # renewals by existing workers (hit the bug too, but existing certs still valid)
    # distractor: midnight billing rollup
    for t in inc.every(20, 2, fault + 5, fault + 600):
        inc.add(t, bill, "run.googleapis.com/stdout", "WARNING", jp=pyjson("late-arriving usage records skipped for closed period 2024-02-28: %d records (account %s)" % (r.randint(1, 40), inc.hexid(8)), logger="rollup.daily"))
    inc.add(fault + 3, bill, "run.googleapis.com/stdout", "INFO", jp=pyjson("daily rollup started for period 2024-02-28", logger="rollup.daily"))
    inc.add(fault + 640, bill, "run.googleapis.com/stdout", "INFO", jp=pyjson("daily rollup finished for period 2024-02-28: 1822311 usage rows, 4120 accounts", logger="rollup.daily"))
    for t in inc.every(240, 10):
        inc.add(t, iss, "run.googleapis.com/stdout", "INFO", jp=pyjson("CA key loaded from Secret Manager projects/fleetgrid-prod/secrets/worker-ca-key/versions/7", logger="issuer.ca"))
    truth = {"title": "Leap day: cert-issuer computes next-year expiry as Feb 29 2025; new render workers cannot bootstrap",
             "root_cause": {"evidence": ["now.replace(year=now.year + ttl_years)", "day is out of range for month"], "category": "code-bug",
                            "must_mention": ["leap", "cert-issuer"]},
             "symptoms": [{"evidence": "giving up after 10 attempts"}, {"evidence": "certificate request failed: HTTP 500"},
                          {"evidence": "queue render-default depth"}, {"evidence": "repair.recreateInstance"}],
             "distractors": [{"evidence": "late-arriving usage records skipped"}],
             "priority": "P2"}
    return inc, truth


# 4. CrowdStrike July 2024: endpoint agent content update crashes every host in a boot loop
def inc_agent_bootloop(out):
    inc = Inc("edr-channel-file-bootloop", "harborline-prod", "2025-07-19T04:00:00Z", 45, 1804)
    r = inc.rng
    zones = ["europe-west4-a", "europe-west4-b", "europe-west4-c"]
    vms = [("shipment-api-%s" % inc.hexid(4), 6_700_000_000_000_000_000 + r.randint(1, 10**15), zones[i % 3]) for i in range(12)]
    crash = {v[0]: 9 * 60 + r.uniform(0, 200) for v in vms}
    lb = inc.lb_res("shipment-api-bes", "fr-harborline-https", "tp-harborline-https", "um-harborline")
    host = "api.harborline.eu"
    ser = "serialconsole.googleapis.com/serial_port_1_output"

    def alive(t):
        return sum(1 for v in vms if t < crash[v[0]])
    for t in inc.poisson(4.0):
        a = alive(t)
        m, p = r.choice([("GET", "/v1/shipments/%s" % inc.hexid(10)), ("POST", "/v1/shipments"), ("GET", "/v1/tracking/%s" % inc.hexid(12).upper()),
                         ("GET", "/v1/rates?from=NL&to=DE"), ("POST", "/v1/labels"), ("GET", "/healthz")])
        if a == len(vms):
            st, lat = healthy_status(inc, 0.07)
            inc.lb_request(t, lb, host, m, p, st, lat, backend_ip="10.164.0.%d" % r.randint(2, 60))
        elif a == 0 or r.random() > a / len(vms) + 0.05:
            inc.lb_request(t, lb, host, m, p, 502, r.uniform(0.001, 0.01), details="failed_to_pick_backend")
        else:
            st, lat = healthy_status(inc, 0.07 * len(vms) / max(a, 1))
            inc.lb_request(t, lb, host, m, p, st, lat, backend_ip="10.164.0.%d" % r.randint(2, 60))
    for name, iid, z in vms:
        vm = inc.gce_res(iid, z)
        c = crash[name]
        def sl(tt, msg, sev="INFO"):
            inc.add(tt, vm, "syslog", sev, text="%s %s %s" % (syslog_ts(inc, tt), name, msg))
        def sc(tt, msg, sev="INFO"):
            inc.add(tt, vm, ser, sev, text=msg)
        for t in inc.poisson(0.35, 0, c):
            sl(t, "shipment-api[1533]: %s INFO  [http-nio-8080-exec-%d] c.h.s.api.ShipmentController - %s %s 200 %dms" % (
                inc.ts(t)[11:23], r.randint(1, 40), r.choice(["GET", "POST"]), r.choice(["/v1/shipments", "/v1/tracking", "/v1/labels"]), r.randint(8, 140)))
        for t in inc.every(300, 20, 0, c):
            sl(t, "hgsensor[1102]: heartbeat ok cloud=eu-1 sensor=7.16.18605 aid=%s" % inc.hexid(32))
        sl(c - 38, "hgsensor[1102]: ContentUpdate: downloaded channel file C-00000291-00000000-00000032 (rapid response content, 40.3 KiB)")
        sl(c - 37.5, "hgsensor[1102]: ContentUpdate: applying channel file C-00000291-00000000-00000032 to IPC template instance set")
        # kernel panic + boot loop
        tt = c
        loop = 0
        while tt < inc.dur:
            k = 1200 + loop * 61 + r.uniform(0, 30)
            base = "[%8.6f]" % (k / 10)
            lines = ["[%12.6f] BUG: kernel NULL pointer dereference, address: 0000000000000000" % (k,),
                     "[%12.6f] #PF: supervisor read access in kernel mode" % (k,),
                     "[%12.6f] #PF: error_code(0x0000) - not-present page" % (k,),
                     "[%12.6f] Oops: 0000 [#1] PREEMPT SMP PTI" % (k,),
                     "[%12.6f] CPU: 3 PID: 1102 Comm: hgsensor Tainted: G           OE     -------  ---  5.14.0-427.24.1.el9_4.x86_64 #1" % (k,),
                     "[%12.6f] Hardware name: Google Google Compute Engine/Google Compute Engine, BIOS Google 06/07/2024" % (k,),
                     "[%12.6f] RIP: 0010:hgs_ipc_template_match+0x4c/0x1a0 [hgsensor]" % (k,),
                     "[%12.6f] Call Trace:" % (k,),
                     "[%12.6f]  hgs_content_eval+0x1d2/0x3b0 [hgsensor]" % (k,),
                     "[%12.6f]  hgs_channel_load+0x91/0x140 [hgsensor]" % (k,),
                     "[%12.6f] Kernel panic - not syncing: Fatal exception" % (k,),
                     "[%12.6f] Kernel Offset: 0x2a000000 from 0xffffffff81000000 (relocation range: 0xffffffff80000000-0xffffffffbfffffff)" % (k,),
                     "[%12.6f] Rebooting in 10 seconds.." % (k,)]
            for j, ln in enumerate(lines):
                sev = "ERROR" if ("panic" in ln or "BUG" in ln) else "INFO"
                sc(tt + j * 0.002, ln, sev)
            boot = tt + 12
            for j, ln in enumerate(["SeaBIOS (version 1.8.2)", "Booting from Hard Disk 0...",
                                    "[    0.000000] Linux version 5.14.0-427.24.1.el9_4.x86_64 (mockbuild@x86-64-02.build.eng.rdu2.redhat.com)",
                                    "[    3.411210] hgsensor: loading out-of-tree module taints kernel.",
                                    "[    3.902001] hgsensor: sensor 7.16.18605 starting, cached content present"]):
                sc(boot + j * 0.5, ln)
            if loop == 0:
                inc.audit(tt + 60, vm, "compute.googleapis.com", "compute.instances.guestTerminate", "projects/harborline-prod/zones/%s/instances/%s" % (z, name),
                          "system@google.com", logname="cloudaudit.googleapis.com/system_event", metadata={"reason": "Instance restarted by guest OS (kernel panic)"})
            tt = boot + r.uniform(28, 45)
            loop += 1
    # health checks / MIG autoheal
    for t in inc.every(120, 10, 12 * 60):
        name, iid, z = r.choice(vms)
        inc.audit(t, inc.gce_res(iid, z), "compute.googleapis.com", "compute.instances.repair.recreateInstance",
                  "projects/harborline-prod/zones/%s/instances/%s" % (z, name), "system@google.com",
                  logname="cloudaudit.googleapis.com/system_event", metadata={"reason": "Instance %s failed health check shipment-api-hc" % name})
    # distractor VM: reporting in reduced functionality mode + disk warnings
    rvm = inc.gce_res(6_700_000_000_000_123_456, "europe-west4-b")
    for t in inc.every(120, 5):
        inc.add(t, rvm, "syslog", "WARNING", text="%s reporting-vm-1 disk-check[%d]: WARNING /data usage 86%% (431G/500G), threshold 80%%" % (syslog_ts(inc, t), r.randint(20000, 30000)))
    for t in inc.every(600, 30):
        inc.add(t, rvm, "syslog", "INFO", text="%s reporting-vm-1 hgsensor[998]: running in Reduced Functionality Mode: kernel 6.1.0-23-cloud-amd64 not supported by sensor 7.16.18605" % syslog_ts(inc, t))
    for t in inc.every(60, 3):
        inc.add(t, rvm, "syslog", "INFO", text="%s reporting-vm-1 CRON[%d]: (reports) CMD (/opt/reports/bin/export-hourly --since 1h)" % (syslog_ts(inc, t), r.randint(30000, 40000)))
    truth = {"title": "Endpoint sensor channel file 291 crashes the kernel on every shipment-api VM; boot loop, API down",
             "root_cause": {"evidence": ["channel file C-00000291"], "category": "upstream-dependency",
                            "must_mention": ["hgsensor", "channel file"]},
             "symptoms": [{"evidence": "Kernel panic - not syncing"}, {"evidence": "failed_to_pick_backend"},
                          {"evidence": "hgs_ipc_template_match"}, {"evidence": "failed health check shipment-api-hc"}],
             "distractors": [{"evidence": "/data usage 86%"}, {"evidence": "Reduced Functionality Mode"}],
             "priority": "P0"}
    return inc, truth


# 5. Reddit Pi Day 2023 style: node label disappears on upgrade, the selector matches nothing
def inc_label_lost(out):
    inc = Inc("node-label-lost-on-upgrade", "brightpath-prod", "2025-10-14T15:05:00Z", 50, 1805)
    r = inc.rng
    C = "bp-prod-usc1"
    up = 3 * 60 + 12
    old_edge = ["gke-bp-prod-usc1-edge-pool-5c1d9e7a-%s" % s for s in ("2fjq", "7kxm", "b9rt", "q3wd")]
    new_edge = ["gke-bp-prod-usc1-edge-pool-8e40b2c1-%s" % s for s in ("h1zc", "m6pa", "t2vy", "x8nk")]
    gen_nodes = ["gke-bp-prod-usc1-general-3a7f11d0-%s" % inc.hexid(4) for _ in range(20)]
    ctrl = ["ingress-nginx-controller-7d9f6b5c8-%s" % s for s in ("4jw2x", "9pqlm", "c7vzt", "ks2hd")]
    drain = [up + 240 + i * 420 for i in range(4)]  # node i drained at
    lb = inc.lb_res("k8s1-1c9e2a7b-ingress-nginx-ingress-nginx-controller-80-6f1e", "k8s2-fr-bp-edge", "k8s2-tp-bp-edge", "k8s2-um-bp-edge")
    inc.audit(up, inc.cluster_res(C), "container.googleapis.com", "google.container.v1.ClusterManager.UpdateNodePool",
              "projects/brightpath-prod/locations/us-central1/clusters/bp-prod-usc1/nodePools/edge-pool", "priya.n@brightpath.school",
              request={"@type": "type.googleapis.com/google.container.v1.UpdateNodePoolRequest", "nodeVersion": "1.30.5-gke.1014001", "imageType": "COS_CONTAINERD",
                       "name": "projects/brightpath-prod/locations/us-central1/clusters/bp-prod-usc1/nodePools/edge-pool"},
              response={"@type": "type.googleapis.com/google.container.v1.Operation", "operationType": "UPGRADE_NODES", "status": "RUNNING"})
    for i, (o, n) in enumerate(zip(old_edge, new_edge)):
        d = drain[i]
        inc.k8s_event(d - 90, C, "Node", n, "default", "RegisteredNode", "Node %s event: Registered Node %s in Controller" % (n, n), component="node-controller")
        inc.k8s_event(d - 60, C, "Node", n, "default", "NodeReady", "Node %s status is now: NodeReady" % n, host=n)
        inc.k8s_event(d, C, "Node", o, "default", "NodeNotSchedulable", "Node %s status is now: NodeNotSchedulable" % o, host=o)
        inc.add(d + 1, inc.node_res(C, o), "kubelet", "INFO",
                text="%s    1915 kubelet.go:2468] \"SyncLoop DELETE\" source=\"api\" pods=[\"ingress/%s\"]" % (klog_ts(inc, d + 1), ctrl[i]))
        inc.k8s_event(d + 2, C, "Pod", ctrl[i], "ingress", "Killing", "Stopping container controller", host=o)
        newpod = "ingress-nginx-controller-7d9f6b5c8-%s" % inc.hexid(5)
        inc.k8s_event(d + 3, C, "Pod", newpod, "ingress", "FailedScheduling",
                      "0/24 nodes are available: 1 node(s) were unschedulable, 23 node(s) didn't match Pod's node affinity/selector. preemption: 0/24 nodes are available: 24 Preemption is not helpful for scheduling.",
                      etype="Warning", component="default-scheduler")
        for t in inc.every(60, 5, d + 60):
            inc.k8s_event(t, C, "Pod", newpod, "ingress", "FailedScheduling",
                          "0/24 nodes are available: 24 node(s) didn't match Pod's node affinity/selector. preemption: 0/24 nodes are available: 24 Preemption is not helpful for scheduling.",
                          etype="Warning", component="default-scheduler", count=int((t - d) / 60) + 1)
        for t in inc.every(120, 10, d + 30):
            inc.k8s_event(t, C, "Pod", newpod, "ingress", "NotTriggerScaleUp", "pod didn't trigger scale-up: 3 node(s) didn't match Pod's node affinity/selector, 1 max node group size reached",
                          component="cluster-autoscaler")
        inc.k8s_event(d + 120, C, "Node", o, "default", "RemovingNode", "Node %s event: Removing Node %s from Controller" % (o, o), component="node-controller")
    def ready(t):
        return sum(1 for d in drain if t < d)
    paths = [("GET", "/api/v1/courses/%d"), ("GET", "/api/v1/assignments?due=week"), ("POST", "/api/v1/submissions"), ("GET", "/lti/launch"),
             ("GET", "/api/v1/users/me"), ("GET", "/static/js/app.%s.js"), ("POST", "/api/v1/quiz/%d/answers")]
    for t in inc.poisson(4.0):
        m, p = r.choice(paths)
        p = p % (r.randint(1, 90000),) if "%d" in p else (p % inc.hexid(8) if "%s" in p else p)
        k = ready(t)
        if k == 0:
            inc.lb_request(t, lb, "app.brightpath.school", m, p, 502, r.uniform(0.001, 0.004), details="failed_to_pick_backend")
            continue
        st, lat = healthy_status(inc, 0.05 * 4 / k)
        if k == 1 and r.random() < 0.3:
            st, lat = 503, r.uniform(0.5, 5)
        inc.lb_request(t, lb, "app.brightpath.school", m, p, st, lat, backend_ip="10.20.%d.%d" % (r.randint(0, 3), r.randint(2, 250)))
        alive = [c for i, c in enumerate(ctrl) if t < drain[i]]
        pod = r.choice(alive)
        inc.add(t + lat, inc.k8s_res(C, "ingress", pod, "controller"), "stdout", "INFO",
                text='%s - - [%s] "%s %s HTTP/2.0" %d %d "-" "%s" %d %.3f [web-lms-web-80] [] 10.20.%d.%d:8080 %d %.3f %d %s' % (
                    inc.ip(), inc.ts(t)[:19], m, p, st, r.randint(100, 40000), r.choice(["Mozilla/5.0", "okhttp/4.12.0"]), r.randint(300, 900), lat, r.randint(4, 9), r.randint(2, 250),
                    r.randint(100, 40000), lat * 0.95, st, inc.hexid(32)))
    # app pods chatter (healthy — they are fine, only ingress is gone)
    for t in inc.poisson(1.0):
        pod = "lms-web-5b6f9d7c4-%s" % r.choice(["a1b2c", "d3e4f", "g5h6j", "k7l8m", "n9p0q", "r1s2t"])
        inc.add(t, inc.k8s_res(C, "web", pod, "lms-web"), "stdout", "INFO", jp={"level": "info", "msg": r.choice(["request completed", "cache hit course outline", "grade sync batch done", "session refreshed"]), "dur_ms": r.randint(2, 200)})
    # distractor: a failing CronJob
    for k, t in enumerate(inc.every(600, 5)):
        pod = "report-export-2891%02d-%s" % (k, inc.hexid(5))
        res = inc.k8s_res(C, "batch", pod, "export")
        for j, ln in enumerate(["Traceback (most recent call last):", '  File "/app/export.py", line 212, in <module>', "    main()",
                                '  File "/app/export.py", line 198, in main', "    rows = fetch_district_rows(district_id)",
                                "KeyError: 'district_timezone'"]):
            inc.add(t + 4 + j * 0.001, res, "stderr", "ERROR", text=ln)
        inc.k8s_event(t + 30, C, "Pod", pod, "batch", "BackoffLimitExceeded", "Job has reached the specified backoff limit", etype="Warning", component="job-controller")
    for n in gen_nodes[:6]:
        for t in inc.every(300, 30):
            inc.add(t, inc.node_res(C, n), "kubelet", "INFO", text="%s    1893 kubelet_getters.go:187] \"Pod status updated\" pod=\"kube-system/fluentbit-gke-%s\" status=\"Running\"" % (klog_ts(inc, t), inc.hexid(5)))
    truth = {"title": "edge-pool upgrade recreated nodes without the hand-applied label; ingress-nginx pods unschedulable, site down",
             "root_cause": {"evidence": ["didn't match Pod's node affinity/selector", "UpdateNodePool"], "category": "configuration",
                            "must_mention": ["label", "upgrade"]},
             "symptoms": [{"evidence": "failed_to_pick_backend"}, {"evidence": "Stopping container controller"}],
             "distractors": [{"evidence": "district_timezone"}, {"evidence": "BackoffLimitExceeded"}],
             "priority": "P0"}
    return inc, truth


# 6. OpenAI Dec 2024 style: new telemetry DaemonSet overwhelms the API server, cluster DNS fails
def inc_apiserver_overload(out):
    inc = Inc("telemetry-daemonset-apiserver-overload", "quillwave-prod", "2025-12-11T15:12:00Z", 45, 1806)
    r = inc.rng
    C = "qw-prod-use4"
    L = "us-east4"
    deploy = 4 * 60 + 7
    overload = deploy + 150
    dns_fail = deploy + 11 * 60
    cp = {"type": "k8s_control_plane_component", "labels": {"cluster_name": C, "component_location": L, "component_name": "apiserver", "location": L, "project_id": "quillwave-prod"}}
    inc.audit(deploy, inc.cluster_res(C, L), "k8s.io", "io.k8s.apps.v1.daemonsets.create", "apps/v1/namespaces/observability/daemonsets/telemetry-agent",
              "system:serviceaccount:argocd:argocd-application-controller",
              request={"@type": "apps.k8s.io/v1.DaemonSet", "kind": "DaemonSet", "metadata": {"name": "telemetry-agent", "namespace": "observability"},
                       "spec": {"template": {"spec": {"containers": [{"name": "agent", "image": "us-east4-docker.pkg.dev/quillwave-prod/infra/telemetry-agent:1.4.0"}]}}}},
              ua="argocd-application-controller/v2.12.4", ip="10.8.0.14")
    nodes = ["gke-qw-prod-use4-cpu-pool-%s-%s" % (inc.hexid(8), inc.hexid(4)) for _ in range(40)]
    for i, n in enumerate(nodes[:30]):
        t = deploy + 8 + i * 3.1
        pod = "telemetry-agent-%s" % inc.hexid(5)
        res = inc.k8s_res(C, "observability", pod, "agent", L)
        inc.add(t, res, "stderr", "INFO", jp={"level": "info", "ts": inc.ts(t), "caller": "watch/poller.go:61", "msg": "starting cluster-wide resource poller: full LIST of pods,endpointslices,nodes every 15s (no informer cache)", "node": n})
        for tt in inc.every(15, 1, t + 15):
            if tt > overload and r.random() < 0.25:
                inc.add(tt, res, "stderr", "WARNING", jp={"level": "warn", "ts": inc.ts(tt), "caller": "watch/poller.go:94", "msg": "list pods failed, retrying", "error": "the server was unable to return a response in the time allotted, but may still be processing the request (get pods)"})
            elif r.random() < 0.08:
                inc.add(tt, res, "stderr", "INFO", jp={"level": "info", "ts": inc.ts(tt), "caller": "export/otlp.go:120", "msg": "exported batch", "points": r.randint(3000, 9000)})
    # apiserver logs
    for t in inc.poisson(0.8):
        if t < overload:
            inc.add(t, cp, "container.googleapis.com/apiserver", "INFO", text='%s      11 httplog.go:132] "HTTP" verb="%s" URI="%s" latency="%.6fms" userAgent="%s" audit-ID="%s" srcIP="10.8.%d.%d:%d" resp=200' % (
                klog_ts(inc, t), r.choice(["GET", "WATCH", "LIST"]), r.choice(["/api/v1/namespaces/serving/endpoints", "/apis/apps/v1/namespaces/serving/deployments/chat-api", "/api/v1/nodes?limit=500"]),
                r.uniform(2, 90), r.choice(["kube-controller-manager/v1.30.6", "argocd-application-controller/v2.12.4", "cluster-autoscaler/v1.30.2"]), inc.hexid(32), r.randint(0, 9), r.randint(2, 250), r.randint(30000, 60000)))
        else:
            kind = r.random()
            if kind < 0.45:
                inc.add(t, cp, "container.googleapis.com/apiserver", "INFO", text='%s      11 httplog.go:132] "HTTP" verb="LIST" URI="/api/v1/pods?limit=500&resourceVersion=0" latency="%.6fs" userAgent="telemetry-agent/1.4.0 (linux/amd64)" audit-ID="%s" srcIP="10.8.%d.%d:%d" apf_pl="workload-low" apf_fs="service-accounts" resp=%d' % (
                    klog_ts(inc, t), r.uniform(8, 60), inc.hexid(32), r.randint(0, 9), r.randint(2, 250), r.randint(30000, 60000), r.choice([200, 429, 504])))
            elif kind < 0.75:
                inc.add(t, cp, "container.googleapis.com/apiserver", "ERROR", text='%s      11 wrap.go:54] timeout or abort while handling: method=LIST URI="/apis/discovery.k8s.io/v1/endpointslices?limit=500&resourceVersion=0" audit-ID="%s"' % (klog_ts(inc, t, "E"), inc.hexid(32)))
            else:
                inc.add(t, cp, "container.googleapis.com/apiserver", "WARNING", text='%s      11 cacher.go:1174] cacher (pods): %d objects queued in incoming channel.' % (klog_ts(inc, t, "W"), r.randint(10, 100)))
    # kubelets lose node status updates
    for t in inc.poisson(0.35, overload + 120):
        n = r.choice(nodes)
        inc.add(t, inc.node_res(C, n, L), "kubelet", "ERROR", text='%s    1921 kubelet_node_status.go:549] "Error updating node status, will retry" err="error getting node \\"%s\\": Get \\"https://172.16.0.2/api/v1/nodes/%s?timeout=10s\\": context deadline exceeded"' % (klog_ts(inc, t, "E"), n, n))
    # kube-dns
    kd = ["kube-dns-6f9c8d7b5-%s" % s for s in ("2qkzm", "8vhwp", "jt5rx", "w7c2n")]
    for t in inc.poisson(0.3, overload + 60):
        pod = r.choice(kd)
        inc.add(t, inc.k8s_res(C, "kube-system", pod, "kubedns", L), "stderr", "ERROR", text='%s       1 reflector.go:138] k8s.io/dns/pkg/dns/dns.go:150: Failed to watch *v1.Endpoints: failed to list *v1.Endpoints: the server was unable to return a response in the time allotted, but may still be processing the request (get endpoints)' % klog_ts(inc, t, "E"))
    for i, pod in enumerate(kd):
        t = dns_fail + i * 40
        inc.k8s_event(t, C, "Pod", pod, "kube-system", "Unhealthy", "Liveness probe failed: HTTP probe failed with statuscode: 503", etype="Warning", host=r.choice(nodes), location=L)
        inc.k8s_event(t + 20, C, "Pod", pod, "kube-system", "Killing", "Container kubedns failed liveness probe, will be restarted", host=r.choice(nodes), location=L)
        for tt in inc.every(5, 0.2, t + 25):
            inc.add(tt, inc.k8s_res(C, "kube-system", pod, "kubedns", L), "stderr", "INFO", text="%s       1 dns.go:181] Waiting for services and endpoints to be initialized from apiserver..." % klog_ts(inc, tt))
    # chat-api / ingress symptoms
    chat = ["chat-api-7b8c9d6f5-%s" % inc.hexid(5) for _ in range(8)]
    lb = inc.lb_res("k8s1-5e2d-serving-chat-api-8000-9a7c", "k8s2-fr-qw-api", "k8s2-tp-qw-api", "k8s2-um-qw-api")
    for t in inc.poisson(4.5):
        path = r.choice(["/v1/chat/completions", "/v1/conversations", "/v1/conversations/%s/messages" % inc.hexid(12), "/v1/models", "/v1/files"])
        pod = r.choice(chat)
        if t < dns_fail:
            st, lat = healthy_status(inc, 0.9 if "completions" in path else 0.05)
            inc.lb_request(t, lb, "api.quillwave.ai", "POST" if "chat" in path else "GET", path, st, lat, backend_ip="10.8.%d.%d:8000" % (r.randint(0, 9), r.randint(2, 250)))
            if r.random() < 0.2:
                inc.add(t + lat, inc.k8s_res(C, "serving", pod, "chat-api", L), "stdout", "INFO", jp={"levelname": "INFO", "name": "uvicorn.access", "message": '10.8.%d.%d:0 - "%s %s HTTP/1.1" %d' % (r.randint(0, 9), r.randint(2, 250), "POST", path, st)})
        else:
            frac = min(0.95, (t - dns_fail) / 400)
            if r.random() < frac:
                inc.lb_request(t, lb, "api.quillwave.ai", "POST", path, 503, r.uniform(5, 10))
                if r.random() < 0.5:
                    inc.add(t + 5, inc.k8s_res(C, "serving", pod, "chat-api", L), "stderr", "ERROR", jp={"levelname": "ERROR", "name": "chat.router", "message": "upstream call failed: httpx.ConnectError: [Errno -3] Temporary failure in name resolution (inference-router.serving.svc.cluster.local)"})
            else:
                st, lat = healthy_status(inc, 0.9)
                inc.lb_request(t, lb, "api.quillwave.ai", "POST", path, st, lat)
    # distractor: GPU Xid errors on one node
    gpu = "gke-qw-prod-use4-h100-pool-0b7e2c41-5kq1"
    for t in inc.every(90, 10):
        inc.add(t, inc.node_res(C, gpu, L), "kernel", "ERROR", text="%s NVRM: Xid (PCI:0000:97:00): 48, pid=%d, name=python3, An uncorrectable double bit error (DBE) has been detected on GPU in the framebuffer at partition 3, subpartition 0." % (syslog_ts(inc, t), r.randint(100000, 200000)))
    # routine HPA/ controller chatter
    for t in inc.every(30, 2):
        inc.k8s_event(t, C, "HorizontalPodAutoscaler", "chat-api", "serving", "SuccessfulRescale" if t < overload else "FailedGetResourceMetric",
                      "New size: %d; reason: cpu resource utilization (percentage of request) above target" % r.randint(8, 12) if t < overload else "failed to get cpu utilization: unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API: the server is currently unable to handle the request (get pods.metrics.k8s.io)",
                      etype="Normal" if t < overload else "Warning", component="horizontal-pod-autoscaler", location=L)
    truth = {"title": "New telemetry-agent DaemonSet LISTs the whole cluster every 15s from every node; API server overloaded, kube-dns and chat API fail",
             "root_cause": {"evidence": ["cluster-wide resource poller", "telemetry-agent/1.4.0", "daemonsets/telemetry-agent"], "category": "resource-exhaustion",
                            "must_mention": ["telemetry-agent"]},
             "symptoms": [{"evidence": "Temporary failure in name resolution"}, {"evidence": "Waiting for services and endpoints to be initialized"},
                          {"evidence": "Error updating node status"}, {"evidence": "Failed to watch *v1.Endpoints"}],
             "distractors": [{"evidence": "NVRM: Xid"}],
             "priority": "P0"}
    return inc, truth


INCIDENTS = [inc_leap_day, inc_agent_bootloop, inc_label_lost, inc_apiserver_overload]
from part3 import INCIDENTS as _P3  # noqa: E402
INCIDENTS = INCIDENTS + _P3
