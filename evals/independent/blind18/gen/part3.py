"""Incidents 7-14 of blind18."""
from common import Inc, pyjson
from gen import healthy_status, chatter, klog_ts, pg_prefix, pgv, py_ts, syslog_ts


def web(inc, res_fn, host, paths, rate, fn=None, start=0.0, end=None, kind="run"):
    r = inc.rng
    for t in inc.poisson(rate, start, end):
        m, p = r.choice(paths)
        if "{}" in p:
            p = p.replace("{}", inc.hexid(10))
        st, lat = (fn(t, p) if fn else healthy_status(inc))
        if kind == "run":
            inc.run_request(t, res_fn, host, m, p, st, lat)
        else:
            inc.lb_request(t, res_fn, host, m, p, st, lat, details="response_sent_by_backend" if st < 500 else None)


# 7. Datadog March 2023 style: unattended upgrade restarts systemd-networkd, policy routes flushed
def inc_networkd_routes(out):
    inc = Inc("unattended-upgrade-networkd-routes", "pennant-prod", "2025-06-03T06:00:00Z", 50, 1807)
    r = inc.rng
    gws = [("egress-gw-%d" % i, 7_300_000_000_000_000_000 + r.randint(1, 10**15), "us-east1-%s" % "bcd"[i % 3]) for i in range(1, 5)]
    broken = {g[0]: r.uniform(6 * 60, 38 * 60) for g in gws}
    pay = inc.run_res("payouts-api", "payouts-api-00288-nuv", "us-east1")
    def frac_broken(t):
        return sum(1 for g in gws if t >= broken[g[0]] + 8) / len(gws)
    def payf(t, p):
        if "/transfers" in p and r.random() < frac_broken(t):
            return 503, r.uniform(0.05, 0.3)
        return healthy_status(inc, 0.08)
    web(inc, pay, "payouts.pennant.money", [("POST", "/v1/transfers"), ("GET", "/v1/transfers/{}"), ("GET", "/v1/balances"), ("POST", "/v1/transfers/quote")], 2.0, payf)
    for t in inc.poisson(0.5):
        if r.random() < frac_broken(t):
            inc.add(t, pay, "run.googleapis.com/stdout", "ERROR", jp=pyjson("settlement call failed: 503 upstream connect error or disconnect/reset before headers. reset reason: connection failure", logger="payouts.settlement", bank="northbank", transfer_id=inc.hexid(16)))
        else:
            inc.add(t, pay, "run.googleapis.com/stdout", "INFO", jp=pyjson("transfer submitted to settlement gateway", logger="payouts.settlement", bank="northbank", ms=r.randint(80, 400)))
        if r.random() < 0.08:
            inc.add(t + 0.3, pay, "run.googleapis.com/stdout", "WARNING", jp=pyjson("fraud-score timeout after 800ms, using fallback score", logger="payouts.risk"))
    for name, iid, z in gws:
        vm = inc.gce_res(iid, z)
        b = broken[name]
        def sl(tt, msg, sev="INFO"):
            inc.add(tt, vm, "syslog", sev, text="%s %s %s" % (syslog_ts(inc, tt), name, msg))
        sl(b - 95, "systemd[1]: Starting Daily apt upgrade and clean activities...")
        sl(b - 60, "unattended-upgrade[%d]: Packages that will be upgraded: libnss-systemd libpam-systemd libsystemd0 libudev1 systemd systemd-sysv systemd-timesyncd udev" % r.randint(3000, 9000))
        sl(b - 58, "unattended-upgrade[%d]: Writing dpkg log to /var/log/unattended-upgrades/unattended-upgrades-dpkg.log" % r.randint(3000, 9000))
        sl(b - 2, "systemd[1]: Stopping Network Configuration...")
        sl(b - 1.8, "systemd[1]: systemd-networkd.service: Deactivated successfully.")
        sl(b - 1.7, "systemd[1]: Stopped Network Configuration.")
        sl(b - 1.2, "systemd[1]: Starting Network Configuration...")
        pid = r.randint(9000, 12000)
        sl(b - 1.0, "systemd-networkd[%d]: ens4: Link UP" % pid)
        sl(b - 0.9, "systemd-networkd[%d]: ens5: Link UP" % pid)
        sl(b - 0.8, "systemd-networkd[%d]: ens4: Gained carrier" % pid)
        sl(b - 0.7, "systemd-networkd[%d]: ens5: Gained carrier" % pid)
        sl(b, "systemd[1]: Started Network Configuration.")
        sl(b + 40, "systemd[1]: apt-daily-upgrade.service: Deactivated successfully.")
        sl(b + 41, "systemd[1]: Finished Daily apt upgrade and clean activities.")
        for t in inc.poisson(0.4):
            if t < b:
                sl(t, "envoy[1288]: [%s][1288][info][router] [source/common/router/router.cc:712] upstream northbank-settlement 10.200.14.%d:443 POST /api/settlements 200 %dms" % (inc.ts(t)[:23].replace("T", " "), r.randint(10, 30), r.randint(60, 300)))
            else:
                sl(t, "envoy[1288]: [%s][1288][warning][router] [source/common/router/router.cc:712] upstream northbank-settlement 10.200.14.%d:443 POST /api/settlements 503 UF upstream connect error or disconnect/reset before headers. reset reason: connection failure, transport failure reason: delayed connect error: 101" % (inc.ts(t)[:23].replace("T", " "), r.randint(10, 30)), "WARNING")
        for t in inc.every(300, 5):
            sl(t, "google_guest_agent[%d]: Refreshing instance metadata." % r.randint(600, 900))
        for t in inc.every(120, 5, b + 30):
            sl(t, "route-check[%d]: WARNING no route to 10.200.0.0/16 in table 100 (ip rule from 10.142.1.0/24 lookup 100 present)" % r.randint(20000, 30000), "WARNING")
    bastion = inc.gce_res(7_300_000_000_000_987_654, "us-east1-b")
    for t in inc.every(600, 60):
        inc.add(t, bastion, "syslog", "INFO", text="%s bastion-1 sshd[%d]: Connection closed by authenticating user root %s port %d [preauth]" % (syslog_ts(inc, t), r.randint(20000, 40000), inc.ip(), r.randint(30000, 60000)))
    truth = {"title": "Unattended systemd upgrade restarted systemd-networkd on egress gateways, flushing the policy routes to the bank network",
             "root_cause": {"evidence": ["Packages that will be upgraded: libnss-systemd", "Stopped Network Configuration"], "category": "network",
                            "must_mention": ["systemd-networkd", "route"]},
             "symptoms": [{"evidence": "delayed connect error: 101"}, {"evidence": "settlement call failed"}, {"evidence": "no route to 10.200.0.0/16"}],
             "distractors": [{"evidence": "fraud-score timeout"}, {"evidence": "Connection closed by authenticating user root"}],
             "priority": "P1"}
    return inc, truth


# 8. Cloudflare Nov 2025 style: permission change duplicates rows, generated feature file exceeds a hard limit
def inc_feature_file(out):
    inc = Inc("bot-feature-file-over-limit", "stormgate-prod", "2025-11-18T11:10:00Z", 45, 1808)
    r = inc.rng
    C = "sg-edge-euw1"
    L = "europe-west1"
    grant = 9 * 60 + 33
    bad_run = 15 * 60 + 2
    job = {"type": "cloud_run_job", "labels": {"job_name": "feature-builder", "location": L, "project_id": "stormgate-prod"}}
    inc.audit(grant, {"type": "bigquery_dataset", "labels": {"dataset_id": "bot_signals_replica", "project_id": "stormgate-prod"}}, "bigquery.googleapis.com",
              "google.iam.v1.IAMPolicy.SetIamPolicy", "projects/stormgate-prod/datasets/bot_signals_replica", "marek.w@stormgate.net",
              request={"@type": "type.googleapis.com/google.iam.v1.SetIamPolicyRequest", "policy": {"bindings": [{"role": "roles/bigquery.dataViewer",
                       "members": ["serviceAccount:feature-builder@stormgate-prod.iam.gserviceaccount.com", "group:data-platform@stormgate.net"]}]}})
    for k, t in enumerate(inc.every(300, 2)):
        ex = "feature-builder-%s" % inc.hexid(5)
        n = 118 if t < bad_run else 236
        inc.add(t, job, "run.googleapis.com/stdout", "INFO", jp=pyjson("execution %s started" % ex), labels={"run.googleapis.com/execution_name": ex})
        inc.add(t + 6, job, "run.googleapis.com/stdout", "INFO", jp=pyjson("query INFORMATION_SCHEMA.COLUMNS where table_name='bot_signals' returned %d rows" % n), labels={"run.googleapis.com/execution_name": ex})
        inc.add(t + 7, job, "run.googleapis.com/stdout", "INFO", jp=pyjson("feature list built: %d features (previous %d); writing gs://stormgate-edge-config/bot/features.json generation %d" % (n, 118 if t < bad_run + 300 else 236, 1731920000000000 + k)), labels={"run.googleapis.com/execution_name": ex})
        inc.add(t + 8, job, "run.googleapis.com/stdout", "INFO", jp=pyjson("execution %s completed" % ex), labels={"run.googleapis.com/execution_name": ex})
    pods = ["edge-proxy-%s" % inc.hexid(5) for _ in range(10)]
    load = {p: bad_run + 20 + r.uniform(0, 40) for p in pods}
    for p in pods:
        res = inc.k8s_res(C, "edge", p, "proxy", L)
        for t in inc.every(300, 3, 0, load[p]):
            inc.add(t + 25, res, "stderr", "INFO", text="%sZ INFO  edge_proxy::bot::features: reloaded bot features from gs://stormgate-edge-config/bot/features.json: 118 features" % inc.ts(t + 25)[:26])
        t = load[p]
        crash_n = 0
        while t < inc.dur:
            for j, ln in enumerate(["%sZ INFO  edge_proxy::bot::features: loading bot features from gs://stormgate-edge-config/bot/features.json" % inc.ts(t)[:26],
                                    "thread 'config-reloader' panicked at src/bot/features.rs:214:58:",
                                    "called `Result::unwrap()` on an `Err` value: TooManyFeatures { count: 236, limit: 200 }",
                                    "note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace"]):
                inc.add(t + j * 0.001, res, "stderr", "ERROR" if j else "INFO", text=ln)
            inc.k8s_event(t + 1, C, "Pod", p, "edge", "BackOff", "Back-off restarting failed container proxy in pod %s_edge(%s)" % (p, inc.hexid(8)), etype="Warning", location=L)
            crash_n += 1
            t += min(300, 10 * 2 ** crash_n) + r.uniform(1, 5)
    lb = inc.lb_res("k8s1-edge-proxy-8443-1b2c", "fr-sg-edge", "tp-sg-edge", "um-sg-edge")
    hosts = ["shop.kettle-co.com", "www.pinemeadow.io", "api.fjordpay.no", "portal.lumatrack.de", "cdn.veloreads.com"]
    for t in inc.poisson(5.5):
        down = sum(1 for p in pods if t > load[p]) / len(pods)
        h = r.choice(hosts)
        path = r.choice(["/", "/cart", "/api/v2/session", "/products/{}", "/assets/app.{}.js", "/login"]).replace("{}", inc.hexid(8))
        if r.random() < down * 0.97:
            inc.lb_request(t, lb, h, "GET", path, 502, r.uniform(0.001, 0.02), details="failed_to_connect_to_backend")
        else:
            st, lat = healthy_status(inc, 0.03)
            inc.lb_request(t, lb, h, "GET", path, st, lat)
            if r.random() < 0.1:
                pp = r.choice(pods)
                inc.add(t, inc.k8s_res(C, "edge", pp, "proxy", L), "stdout", "INFO", text="%sZ INFO  edge_proxy::access: host=%s path=%s status=%d bot_score=%d dur_ms=%d" % (inc.ts(t)[:26], h, path, st, r.randint(1, 99), int(lat * 1000)))
    for t in inc.poisson(0.05):
        pp = r.choice(pods)
        inc.add(t, inc.k8s_res(C, "edge", pp, "proxy", L), "stderr", "WARNING", text="%sZ WARN  edge_proxy::origin: TLS handshake to origin origin.legacy-hotels.example:443 failed: invalid peer certificate: Expired (tenant t-30918)" % inc.ts(t)[:26])
    truth = {"title": "IAM grant on bot_signals_replica doubles the bot feature file to 236 entries; edge proxies panic on the 200 limit",
             "root_cause": {"evidence": ["bot_signals_replica", "236 features", "returned 236 rows"], "category": "configuration",
                            "must_mention": ["feature", "bot_signals_replica"]},
             "symptoms": [{"evidence": "TooManyFeatures"}, {"evidence": "failed_to_connect_to_backend"}, {"evidence": "Back-off restarting failed container proxy"}],
             "distractors": [{"evidence": "origin.legacy-hotels.example"}],
             "priority": "P0"}
    return inc, truth


# 9. Slack May 2020 style: HAProxy server-template slots full, backend list goes stale after scale-in
def inc_haproxy_slots(out):
    inc = Inc("haproxy-server-slots-exhausted", "chatterbox-prod", "2025-04-22T14:02:00Z", 48, 1809)
    r = inc.rng
    scalein = 16 * 60 + 20
    lbs = [("lb-haproxy-1", 8_100_000_000_000_000_001, "us-west1-a"), ("lb-haproxy-2", 8_100_000_000_000_000_002, "us-west1-b")]
    old = ["webapp-mig-%s" % inc.hexid(4) for _ in range(40)]
    removed = set(old[:16])
    rm_t = {h: scalein + i * 14 for i, h in enumerate(sorted(removed))}
    for name, iid, z in lbs:
        vm = inc.gce_res(iid, z)
        def sl(tt, msg, sev="INFO", name=name, vm=vm):
            inc.add(tt, vm, "syslog", sev, text="%s %s %s" % (syslog_ts(inc, tt), name, msg))
        for t in inc.every(30, 1):
            extra = 12 if t < scalein else 12 + sum(1 for h in removed if t > rm_t[h])
            sl(t, "slot-sync[2231]: WARNING backend webapp: all 40 server slots in use; %d MIG instances not registered (first: webapp-mig-%s); refusing partial update, keeping current server state" % (extra, inc.hexid(4)), "WARNING")
        for h in sorted(removed):
            i = old.index(h)
            sl(rm_t[h] + r.uniform(4, 8), "haproxy[1402]: Server webapp/websrv%d is DOWN, reason: Layer4 timeout, check duration: 2001ms. %d active and 0 backup servers left. %d sessions active, 0 requeued, 0 remaining in queue." % (i + 1, 40 - sorted(removed).index(h) - 1, r.randint(0, 30)), "WARNING")
        for t in inc.poisson(2.2):
            down = sum(1 for h in removed if t > rm_t[h] + 6)
            cap = (40 - down) / 40.0
            load = 0.7 / cap
            srv = r.randint(17, 40) if down else r.randint(1, 40)
            ts_h = inc.ts(t)
            hdr = "%s/%s/%s:%s" % (ts_h[8:10], "Apr", ts_h[:4], ts_h[11:23])
            if load > 1.05 and r.random() < min(0.8, (load - 1.0) * 1.5):
                sl(t, 'haproxy[1402]: %s:%d [%s] https-in~ webapp/<NOSRV> 0/10001/-1/-1/10001 503 217 - - sQ-- %d/%d/%d/0/0 0/%d "%s %s HTTP/1.1"' % (
                    inc.ip(), r.randint(20000, 65000), hdr, r.randint(3000, 4000), r.randint(3000, 4000), r.randint(900, 1200), r.randint(200, 900), r.choice(["GET", "POST"]), r.choice(["/api/conversations.history", "/api/chat.postMessage", "/api/users.info"])), "WARNING")
            else:
                sl(t, 'haproxy[1402]: %s:%d [%s] https-in~ webapp/websrv%d 0/0/1/%d/%d 200 %d - - ---- %d/%d/%d/%d/0 0/0 "%s %s HTTP/1.1"' % (
                    inc.ip(), r.randint(20000, 65000), hdr, srv, int(30 * load), int(31 * load), r.randint(200, 9000), r.randint(800, 2000), r.randint(800, 2000), r.randint(300, 900), r.randint(5, 40),
                    r.choice(["GET", "POST"]), r.choice(["/api/conversations.history", "/api/chat.postMessage", "/api/users.info", "/api/rtm.connect"])))
    mig = {"type": "gce_instance_group_manager", "labels": {"instance_group_manager_id": "5520019911", "instance_group_manager_name": "webapp-mig", "location": "us-west1", "project_id": "chatterbox-prod"}}
    inc.audit(scalein - 20, mig, "compute.googleapis.com", "v1.compute.regionInstanceGroupManagers.resize", "projects/chatterbox-prod/regions/us-west1/instanceGroupManagers/webapp-mig",
              "service-771002@gcp-sa-autoscaler.iam.gserviceaccount.com", request={"@type": "type.googleapis.com/compute.regionInstanceGroupManagers.resize", "size": 36}, ua="GCE Autoscaler")
    for h in sorted(removed):
        inc.audit(rm_t[h], inc.gce_res(8_200_000_000_000_000_000 + old.index(h), "us-west1-a"), "compute.googleapis.com", "v1.compute.instances.delete",
                  "projects/chatterbox-prod/zones/us-west1-a/instances/%s" % h, "771002@cloudservices.gserviceaccount.com", ua="GCE Managed Instance Group")
    ws = inc.run_res("push-notifier", "push-notifier-00091-fen", "us-west1")
    for t in inc.poisson(0.15):
        inc.add(t, ws, "run.googleapis.com/stdout", "WARNING", jp=pyjson("APNs rejected notification: 410 Unregistered (device token %s...)" % inc.hexid(10), logger="push.apns"))
    for t in inc.poisson(0.4):
        inc.add(t, ws, "run.googleapis.com/stdout", "INFO", jp=pyjson("delivered %d notifications" % r.randint(20, 400), logger="push.fanout"))
    truth = {"title": "HAProxy server-template slots all used; after MIG scale-in the stale backends go DOWN and new instances never get registered",
             "root_cause": {"evidence": ["all 40 server slots in use"], "category": "resource-exhaustion", "must_mention": ["slot", "HAProxy"]},
             "symptoms": [{"evidence": "webapp/<NOSRV>"}, {"evidence": "reason: Layer4 timeout"}],
             "distractors": [{"evidence": "APNs rejected notification"}],
             "priority": "P1"}
    return inc, truth


INCIDENTS = [inc_networkd_routes, inc_feature_file, inc_haproxy_slots]
from part4 import INCIDENTS as _P4  # noqa: E402
INCIDENTS = INCIDENTS + _P4
