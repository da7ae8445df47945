from common import *

# 9 ---------------- PetClinic: index dropped on visits.pet_id
def petclinic():
    inc = Inc("petclinic-visits-index-dropped", "Owner pages slow and visits circuit open: visits_pet_id index dropped on Cloud SQL, sequential scans",
              "2026-10-05T15:15:00Z", 40, "chaoslab-petclinic", 909)
    r = inc.r; C, L = "petclinic", "asia-northeast1"
    nodes = [f"gke-petclinic-default-pool-0a7d3e5f-{x}" for x in ("d9k2", "lm3x", "t7q8")]
    gke_noise(inc, C, L, nodes)
    sql = sqlres(inc, "petclinic-pg", "asia-northeast1"); FT = 9*60+47
    def pglog(t, msg, sev, role=None):
        d = (inc.t0+timedelta(seconds=t)).strftime('%Y-%m-%d %H:%M:%S.%f')[:-3]
        inc.add(t, sql, "cloudsql.googleapis.com%2Fpostgres.log", f"{d} UTC [{r.randint(1000,90000)}]: [{r.randint(1,9)}-1] db=petclinic,user={'petclinic' if role!='cause' else 'chaos_runner'} {msg}", sev, role)
    inc.poisson(2, lambda t: pglog(t, f"LOG:  checkpoint complete: wrote {r.randint(10,900)} buffers ({r.uniform(.1,3):.1f}%); 0 WAL file(s) added, 0 removed, 1 recycled", "INFO") if r.random()<.2 else
        pglog(t, f"LOG:  connection authorized: user=petclinic database=petclinic SSL enabled (protocol=TLSv1.3, cipher=TLS_AES_256_GCM_SHA384, bits=256)", "INFO"))
    inc.poisson(.5, lambda t: pglog(t, "LOG:  automatic vacuum of table \"petclinic.public.visits\": index scans: 1", "INFO"))
    pglog(FT-.5, "LOG:  connection authorized: user=chaos_runner database=petclinic SSL enabled (protocol=TLSv1.3, cipher=TLS_AES_256_GCM_SHA384, bits=256)", "INFO")
    pglog(FT, "LOG:  statement: DROP INDEX CONCURRENTLY IF EXISTS visits_pet_id_idx;", "INFO", "cause")
    def slow(t):
        pglog(t, f"LOG:  duration: {r.uniform(1800, 7200):.3f} ms  execute <unnamed>: select v1_0.id,v1_0.pet_id,v1_0.visit_date,v1_0.description from visits v1_0 where v1_0.pet_id=$1", "INFO", "symptom")
        if r.random() < .15: pglog(t+.001, f"DETAIL:  parameters: $1 = '{r.randint(1,400000)}'", "INFO")
    inc.poisson(26, slow, FT+15)
    inc.poisson(3, lambda t: pglog(t, "ERROR:  canceling statement due to user request", "ERROR"), FT+60)
    def svc(t, s, lvl, cls, msg, sev, role=None, stream="stdout"):
        inc.add(t, k8s(inc, C, L, "petclinic", f"{s}-{hx(r,9)}-{hx(r,5)}", s, r.choice(nodes)), stream,
                f"{ts_java(inc,t).replace(',', '.')} {lvl:>5} 1 --- [{s}] [{r.choice(['nio-8080-exec-'+str(r.randint(1,200)),'reactor-http-epoll-'+str(r.randint(1,4))])}] {cls:<40} : {msg}", sev, role)
    inc.poisson(20, lambda t: svc(t, "customers-service", "INFO", "o.s.s.p.c.web.OwnerResource", f"Finding owner {r.randint(1,90000)}", "INFO"))
    inc.poisson(12, lambda t: svc(t, "vets-service", "DEBUG", "o.s.s.p.vets.web.VetResource", "GET /vets 200 (cache hit)", "DEBUG"))
    def visits(t):
        if t < FT: svc(t, "visits-service", "INFO", "o.s.s.p.visits.web.VisitResource", f"GET /owners/*/pets/visits?petId={r.randint(1,400000)} 200 {r.randint(2,30)}ms", "INFO")
        else: svc(t, "visits-service", "WARN", "o.s.s.p.visits.web.VisitResource", f"slow request GET /owners/*/pets/visits?petId={r.randint(1,400000)} took {r.randint(1900,7400)}ms", "WARNING", "symptom")
    inc.poisson(22, visits)
    def gw(t):
        if t > FT + 50 and r.random() < .6:
            svc(t, "api-gateway", "WARN", "o.s.c.c.r.RestClient", "", "WARNING") if False else None
            msg = r.choice(["CircuitBreaker 'visitsCircuitBreaker' is OPEN and does not permit further calls",
                            "Did not observe any item or terminal signal within 4000ms in 'circuitBreaker' (and no fallback has been configured)"])
            svc(t, "api-gateway", "ERROR", "o.s.s.p.api.application.VisitsServiceClient", f"visits lookup for owner {r.randint(1,90000)} failed, returning empty list: {msg}", "ERROR", "symptom")
        else:
            svc(t, "api-gateway", "INFO", "o.s.s.p.api.boundary.web.ApiGatewayController", f"GET /api/gateway/owners/{r.randint(1,90000)} 200", "INFO")
    inc.poisson(25, gw)
    # distractor eureka
    inc.every(60, lambda t: svc(t, "discovery-server", "WARN", "c.n.e.r.PeerAwareInstanceRegistryImpl", "EMERGENCY! EUREKA MAY BE INCORRECTLY CLAIMING INSTANCES ARE UP WHEN THEY'RE NOT. RENEWALS ARE LESSER THAN THRESHOLD AND HENCE THE INSTANCES ARE NOT BEING EXPIRED JUST TO BE SAFE.", "WARNING", "distractor"))
    inc.every(30, lambda t: svc(t, "discovery-server", "INFO", "c.n.e.registry.AbstractInstanceRegistry", "Running the evict task with compensationTime 0ms", "INFO"))
    inc.every(45, lambda t: svc(t, "config-server", "INFO", "o.s.c.c.s.e.NativeEnvironmentRepository", "Adding property source: Config resource 'file [/tmp/config-repo/application.yml]' via location 'file:/tmp/config-repo/'", "INFO"))
    lb = lbres(inc, "petclinic", "k8s1-petclinic-api-gateway-8080")
    def edge(t):
        p = r.choice(["/#!/owners/%d" % r.randint(1,90000), "/api/gateway/owners/%d" % r.randint(1,90000), "/api/vet/vets", "/api/customer/owners"])
        slow = "gateway/owners" in p and t > FT
        lb_entry(inc, t, lb, "GET", "https://petclinic.vetgroup.jp" + p, 200, r.uniform(4.0, 4.4) if slow else r.uniform(.02,.25), "symptom" if slow and False else None)
    inc.poisson(50, edge)
    inc.write({"root_cause": {"evidence": ["DROP INDEX CONCURRENTLY IF EXISTS visits_pet_id_idx"], "category": "database", "must_mention": ["visits_pet_id_idx", "index"]},
               "symptoms": [{"evidence": "from visits v1_0 where v1_0.pet_id"}, {"evidence": "visitsCircuitBreaker' is OPEN"}, {"evidence": "slow request GET /owners/*/pets/visits"}],
               "distractors": [{"evidence": "EUREKA MAY BE INCORRECTLY CLAIMING INSTANCES ARE UP"}], "priority": "P1"})

# 10 ---------------- Ignite: baseline shrink loses partitions of a 0-backup cache
def ignite():
    inc = Inc("ignite-baseline-partition-loss", "Users logged out / carts lost: node removed from Ignite baseline, sessions cache (backups=0) loses partitions",
              "2026-11-12T19:00:00Z", 35, "chaoslab-sessions", 1010)
    r = inc.r; C, L = "grid-gke", "us-central1"
    nodes = [f"gke-grid-gke-pool-mem-5c0e8a1b-{x}" for x in ("3pfz", "8tnc", "kd0w", "y6ha")]
    gke_noise(inc, C, L, nodes)
    FT = 8*60+30
    def ig(t, i, lvl, th, cls, msg, role=None, extra=None):
        res = k8s(inc, C, L, "grid", f"ignite-{i}", "ignite", nodes[i])
        first, *rest = msg.split("\n")
        inc.add(t, res, "stdout", f"[{(inc.t0+timedelta(seconds=t)).strftime('%Y-%m-%dT%H:%M:%S,%f')[:-3]}][{lvl:<5}][{th}][{cls}] {first}".rstrip(), {"INFO":"INFO","WARN":"WARNING","ERROR":"ERROR"}[lvl], role)
        extra = rest + (extra or [])
        for k, x in enumerate(extra or []): inc.add(t+(k+1)*1e-5, res, "stdout", x, "ERROR" if lvl == "ERROR" else "INFO", role)
    for i in range(4):
        inc.every(60, lambda t, i=i: ig(t, i, "INFO", "grid-timeout-worker-#23", "IgniteKernal", f"\nMetrics for local node (to disable set 'metricsLogFrequency' to 0)\n    ^-- Node [id={hx(r,8)}, name=ignite-grid, uptime={r.randint(10,90)}:{r.randint(10,59)}:{r.randint(10,59)}.{r.randint(100,999)}]\n    ^-- Cluster [hosts=4, CPUs=32, servers={4 if t<FT else 3}, clients=6, topVer={212 if t<FT else 214}, minorTopVer=0]\n    ^-- Network [addrs=[10.88.{i}.12, 127.0.0.1], discoPort=47500, commPort=47100]\n    ^-- CPU [CPU={r.uniform(2,40):.2f}%, avg={r.uniform(5,20):.2f}%, GC=0%]"))
        inc.poisson(.4, lambda t, i=i: ig(t, i, "WARN", "jvm-pause-detector-worker", "IgniteKernal%ignite-grid", f"Possible too long JVM pause: {r.randint(520,1400)} milliseconds.", "distractor"))
        inc.poisson(1.5, lambda t, i=i: ig(t, i, "INFO", f"db-checkpoint-thread-#{r.randint(60,90)}", "Checkpointer", f"Checkpoint finished [cpId={hx(r,8)}-{hx(r,4)}, pages={r.randint(100,9000)}, markPos=WALPointer [idx={r.randint(100,900)}, fileOff={r.randint(10**6,10**8)}, len={r.randint(1000,9000)}], walSegmentsCovered=[], markDuration={r.randint(5,50)}ms, pagesWrite={r.randint(5,400)}ms, fsync={r.randint(5,90)}ms, total={r.randint(20,500)}ms]"))
    # cause
    inc.add(FT-1, k8s(inc, C, L, "grid", "ignite-0", "ignite", nodes[0]), "stdout", "Control utility [ver. 2.16.0#20231215-sha1:7bde6a42] ... Command [BASELINE] started; Arguments: --baseline remove ignite-2 --yes", "INFO", "cause")
    ig(FT, 0, "INFO", "mgmt-#94%ignite-grid%", "GridClusterStateProcessor", "Received baseline topology change request: removed consistentIds=[ignite-2], new baseline=[ignite-0, ignite-1, ignite-3]", "cause")
    ig(FT+.5, 2, "INFO", "disco-event-worker-#61", "GridDiscoveryManager", "Node is out of baseline, stopping local node [consistentId=ignite-2]")
    for i in (0, 1, 3):
        ig(FT+1+r.random(), i, "INFO", "disco-event-worker-#61", "GridDiscoveryManager", "Node left topology: TcpDiscoveryNode [id=9b1c7e52-..., consistentId=ignite-2, addrs=ArrayList [10.88.2.12, 127.0.0.1], order=3, isClient=false]")
        ig(FT+2+r.random(), i, "WARN", "exchange-worker-#62", "GridDhtPartitionTopologyImpl", f"Detected lost partitions [grp=sessions, parts=[3, 9, 17, 22, 29, 41, 58, 63-71, 88, 103, ...], topVer=AffinityTopologyVersion [topVer=214, minorTopVer=0]]", "symptom")
    # session-service
    pods = [f"session-service-66f7b9c8d-{hx(r,5)}" for _ in range(4)]
    lb = lbres(inc, "shop", "k8s1-web-session-service-8080")
    def sess(t):
        res = k8s(inc, C, L, "web", r.choice(pods), "session-service", r.choice(nodes))
        fail = t > FT + 3 and r.random() < .26
        if fail:
            sid = hx(r, 24)
            inc.lines(t, res, "stdout", [f"{ts_java(inc,t)} ERROR [http-nio-8080-exec-{r.randint(1,200)}] c.s.session.SessionStore - session lookup failed sid={sid}",
                f"javax.cache.CacheException: class org.apache.ignite.internal.processors.cache.CacheInvalidStateException: Failed to execute the cache operation (all partition owners have left the grid, partition data has been lost) [cacheName=sessions, partition={r.choice([3,9,17,22,29,41,58,64,70,88,103])}, key=UserKeyCacheObjectImpl [part={r.randint(0,1023)}, val={sid}, hasValBytes=false]]",
                "\tat org.apache.ignite.internal.processors.cache.GridCacheUtils.convertToCacheException(GridCacheUtils.java:1272)",
                "\tat org.apache.ignite.internal.processors.cache.IgniteCacheProxyImpl.cacheException(IgniteCacheProxyImpl.java:2083)",
                "\tat org.apache.ignite.internal.processors.cache.IgniteCacheProxyImpl.get(IgniteCacheProxyImpl.java:1110)"], "ERROR", "symptom")
            lb_entry(inc, t, lb, "GET", "https://www.kitchenware-shop.com/api/session", 500, r.uniform(.01,.05), "symptom")
        else:
            inc.add(t, res, "stdout", f"{ts_java(inc,t)} DEBUG [http-nio-8080-exec-{r.randint(1,200)}] c.s.session.SessionStore - session hit sid={hx(r,24)} ttl={r.randint(60,1800)}s", "DEBUG")
            lb_entry(inc, t, lb, "GET", "https://www.kitchenware-shop.com/" + r.choice(["api/session", "api/cart", "", "category/knives"]), 200, r.uniform(.01,.2))
    inc.poisson(120, sess)
    def fe(t):
        res = k8s(inc, C, L, "web", f"web-frontend-{hx(r,9)}-{hx(r,5)}", "nginx", r.choice(nodes))
        st = 302 if (t > FT+3 and r.random() < .2) else 200
        d = (inc.t0+timedelta(seconds=t)).strftime('%d/%b/%Y:%H:%M:%S +0000')
        p = "/cart" if st == 302 else r.choice(["/", "/cart", "/checkout", "/category/knives", "/static/main.css"])
        inc.add(t, res, "stdout", f'{ip(r)} - - [{d}] "GET {p} HTTP/1.1" {st} {r.randint(300,50000)} "-" "{r.choice(UAS[:3])}" {r.uniform(.001,.3):.3f}' + (' "location: /login?reason=session_expired"' if st == 302 else ""), "INFO")
    inc.poisson(40, fe)
    inc.poisson(.3, lambda t: inc.add(t, k8s(inc, C, L, "grid", f"ignite-{r.choice([0,1,3])}", "ignite", r.choice(nodes)), "stderr", "log4j:WARN No appenders could be found for logger (org.apache.ignite.internal.util.typedef.internal.U).", "ERROR"))
    inc.write({"root_cause": {"evidence": ["--baseline remove ignite-2", "baseline topology change request"], "category": "configuration", "must_mention": ["baseline", "sessions"]},
               "symptoms": [{"evidence": "all partition owners have left the grid"}, {"evidence": "Detected lost partitions"}, {"evidence": "session lookup failed"}],
               "distractors": [{"evidence": "Possible too long JVM pause"}], "priority": "P1"})

# 11 ---------------- Nextcloud maintenance mode switched on
def nextcloud():
    inc = Inc("nextcloud-maintenance-on", "Nextcloud returns 503 for everyone: occ maintenance:mode --on run on nc-web-1 (shared config.php)",
              "2026-01-20T08:30:00Z", 30, "chaoslab-cloud", 1111)
    r = inc.r; Z = "europe-west3-b"
    webs = ["nc-web-1", "nc-web-2"]; FT = 6*60+18
    for w in webs + ["nc-redis-1"]: gce_noise(inc, w, Z)
    lb = lbres(inc, "nextcloud", "nextcloud-web-bs")
    def ncl(t, w, level, app, msg, role=None, user="--", url="--", method=""):
        inc.add(t, gce(inc, w, Z), "nextcloud", {"reqId": hx(r,20), "level": level, "time": ts_iso(inc,t,0).replace("Z","+00:00"), "remoteAddr": ip(r) if user!="--" else "", "user": user, "app": app,
                "method": method, "url": url, "message": msg, "userAgent": "--", "version": "30.0.4.1"}, {0:"DEBUG",1:"INFO",2:"WARNING",3:"ERROR",4:"CRITICAL"}[level], role)
    d = (inc.t0+timedelta(seconds=FT-1)).strftime('%b %e %H:%M:%S')
    inc.add(FT-1, gce(inc, "nc-web-1", Z), "syslog", f"{d} nc-web-1 sudo:    chaos : TTY=unknown ; PWD=/home/chaos ; USER=www-data ; COMMAND=/usr/bin/php /var/www/nextcloud/occ maintenance:mode --on", None, "cause")
    ncl(FT, "nc-web-1", 1, "occ", "Maintenance mode enabled", "cause")
    def req(t):
        w = r.choice(webs); p = r.choice(["/remote.php/dav/files/%s/%s" % (r.choice(["anna","bernd","claire","dmitri"]), r.choice(["Documents/Q1.xlsx","Photos/IMG_2231.jpg",""])),
            "/ocs/v2.php/apps/notifications/api/v2/notifications", "/index.php/apps/files/", "/status.php", "/ocs/v2.php/apps/spreed/api/v4/room"])
        m = r.choice(["PROPFIND", "GET", "GET", "PUT"]) if "dav" in p else "GET"
        st = 503 if t > FT + 0.5 else (207 if m == "PROPFIND" else 200)
        if st == 200 and m == "PUT": st = 201
        lb_entry(inc, t, lb, m, "https://cloud.firma-demo.de" + p, st, r.uniform(.002,.02) if st == 503 else r.uniform(.03, 1.2), "symptom" if st == 503 else None)
        dd = (inc.t0+timedelta(seconds=t)).strftime('%d/%b/%Y:%H:%M:%S +0000')
        inc.add(t, gce(inc, w, Z), "apache-access", f'{ip(r)} - - [{dd}] "{m} {p} HTTP/1.1" {st} {r.randint(200,90000)} "-" "{r.choice(["Mozilla/5.0 (Linux) mirall/3.14.3 (Nextcloud, ubuntu-6.8.0 ClientArchitecture: x86_64 OsArchitecture: x86_64)", UAS[0], "Nextcloud-android/3.30.1"])}"', None, "symptom" if st == 503 else None)
    inc.poisson(140, req)
    # cron
    def cron(t):
        if t < FT: ncl(t, r.choice(webs), 0, "cron", "Finished background job, the job took : 0 seconds")
        else: inc.add(t, gce(inc, r.choice(webs), Z), "nextcloud-cron", "System in maintenance mode.", None, "symptom")
    inc.every(60, cron)
    inc.poisson(1, lambda t: ncl(t, r.choice(webs), 3, "index", "Exception thrown: OCP\\Files\\NotFoundException", user=r.choice(["anna","bernd"]), url="/remote.php/dav/files/anna/Shared/old", method="GET"), 0, FT)
    # distractor brute force
    inc.poisson(2.2, lambda t: ncl(t, r.choice(webs), 2, "core", f"Login failed: admin (Remote IP: {r.choice(['185.220.101.4','45.148.10.92','193.32.162.11'])})", "distractor", url="/login", method="POST"))
    inc.poisson(1, lambda t: ncl(t, r.choice(webs), 2, "no app in context", "Trusted domain error. \"10.156.0.5\" tried to access using \"10.156.0.5\" as host.", url="/status.php", method="GET"))
    # collabora / redis
    inc.poisson(4, lambda t: inc.add(t, gce(inc, "nc-redis-1", Z), "redis", f"{r.randint(1000,9999)}:M {(inc.t0+timedelta(seconds=t)).strftime('%d %b %Y %H:%M:%S.%f')[:-3]} * {r.choice(['100 changes in 300 seconds. Saving...','Background saving started by pid '+str(r.randint(1000,9999)),'DB saved on disk','Background saving terminated with success'])}"))
    inc.write({"root_cause": {"evidence": ["maintenance:mode --on", "Maintenance mode enabled"], "category": "configuration", "must_mention": ["maintenance mode"]},
               "symptoms": [{"evidence": "System in maintenance mode."}, {"evidence": "HTTP/1.1\" 503"}],
               "distractors": [{"evidence": "Login failed: admin"}], "priority": "P0"})

# 12 ---------------- Gitea: pids cgroup limit lowered
def gitea():
    inc = Inc("gitea-pids-limit", "Git clone/push over HTTP fails: pids.max lowered on gitea container, fork of git rejected",
              "2026-12-01T10:40:00Z", 40, "chaoslab-forge", 1212)
    r = inc.r; C, L = "forge-gke", "us-west2"
    nodes = [f"gke-forge-gke-default-pool-4b6e2d91-{x}" for x in ("8cvn", "jw5e", "r2ty")]
    gke_noise(inc, C, L, nodes)
    FT = 11*60+4; gn = nodes[1]
    inc.add(FT-.3, k8s_node(inc, C, L, gn), "chaos-daemon", {"level": "info", "ts": ts_iso(inc,FT), "logger": "chaos-daemon-server", "msg": "set cgroup pids.max", "value": 48, "pod": "forge/gitea-0", "experiment": "gitea-pid-pressure"}, "INFO")
    for k in range(8):
        t = FT + 3 + k * r.uniform(20, 200)
        inc.add(t, k8s_node(inc, C, L, gn), "kernel", f"cgroup: fork rejected by pids controller in /kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod{hx(r,8)}_{hx(r,4)}.slice/cri-containerd-{hx(r,64)}.scope", "WARNING", "cause")
    gres = k8s(inc, C, L, "forge", "gitea-0", "gitea", gn)
    def gl(t, lvl, where, msg, sev, role=None):
        inc.add(t, gres, "stdout", f"{(inc.t0+timedelta(seconds=t)).strftime('%Y/%m/%d %H:%M:%S')} {where} [{lvl}] {msg}", sev, role)
    def web(t):
        repo = r.choice(["platform/api", "platform/infra", "mobile/ios-app", "data/etl", "web/storefront"])
        op = r.choice(["info/refs?service=git-upload-pack", "git-upload-pack", "git-receive-pack", "src/branch/main", "pulls", "commits/branch/main"])
        if t > FT + 2 and op.startswith(("info", "git-", "commits")) and r.random() < .8:
            gl(t, "E", "...s/git/command.go:370:Run()", f"git command failed: fork/exec /usr/bin/git: resource temporarily unavailable [repo: /data/git/repositories/{repo}.git, args: {op.split('?')[0]} --stateless-rpc]", "ERROR", "cause")
            gl(t+.002, "E", "...ers/web/repo/githttp.go:485:serviceRPC()", f"Fail to serve RPC({op.split('=')[-1]}) in /data/git/repositories/{repo}.git: exit status -1", "ERROR", "symptom")
            gl(t+.003, "I", "...eb/routing/logger.go:102:func1()", f"router: completed {'POST' if 'pack' in op and 'info' not in op else 'GET'} /{repo}.git/{op} for {ip(r)}:0, 500 Internal Server Error in {r.uniform(1,40):.1f}ms @ repo/githttp.go:532(repo.ServiceUploadPack)", "INFO", "symptom")
        else:
            gl(t, "I", "...eb/routing/logger.go:102:func1()", f"router: completed GET /{repo}/{op} for {ip(r)}:0, 200 OK in {r.uniform(2,300):.1f}ms @ repo/view.go:{r.randint(100,900)}(repo.Home)", "INFO")
    inc.poisson(70, web)
    # distractor auth failures
    inc.poisson(1.5, lambda t: gl(t, "W", "...rvices/auth/signin.go:93:UserSignIn()", f"Failed authentication attempt for {r.choice(['admin','root','deploy-bot','test'])} from {ip(r)}:0: user does not exist [uid: 0, name: {r.choice(['admin','root'])}]", "WARNING", "distractor"))
    inc.every(600, lambda t: gl(t, "I", "...dules/cron/tasks.go:139:GetTask()", "Starting CronTask: Update Mirrors", "INFO"))
    inc.poisson(.6, lambda t: gl(t, "E", "...ices/mailer/mailer.go:424:func1()", f"Failed to send emails [{r.choice(['ci@acme.dev','ops@acme.dev'])}]: failed to send: 451 4.3.0 Mail server temporarily rejected message", "ERROR"))
    # woodpecker ci clone failures
    def ci(t):
        res = k8s(inc, C, L, "ci", f"woodpecker-agent-{hx(r,9)}-{hx(r,5)}", "woodpecker-agent", r.choice(nodes))
        if t > FT + 30 and r.random() < .7:
            inc.add(t, res, "stdout", {"level": "error", "time": ts_iso(inc,t), "message": "step clone failed", "repo": r.choice(["platform/api","web/storefront"]), "error": "exit status 128: fatal: unable to access 'https://git.acme.dev/platform/api.git/': The requested URL returned error: 500"}, "ERROR", "symptom")
        else:
            inc.add(t, res, "stdout", {"level": "info", "time": ts_iso(inc,t), "message": "pipeline step done", "step": r.choice(["clone","test","build","publish"]), "exit_code": 0}, "INFO")
    inc.poisson(12, ci)
    # ingress
    def ing(t):
        res = k8s(inc, C, L, "ingress-nginx", f"ingress-nginx-controller-{hx(r,9)}-{hx(r,5)}", "controller", r.choice(nodes))
        st = 500 if (t > FT + 2 and r.random() < .45) else 200
        dd = (inc.t0+timedelta(seconds=t)).strftime('%d/%b/%Y:%H:%M:%S +0000')
        inc.add(t, res, "stdout", f'{ip(r)} - - [{dd}] "GET /platform/api.git/info/refs?service=git-upload-pack HTTP/1.1" {st} {r.randint(100,900)} "-" "git/2.43.0" {r.randint(200,400)} {r.uniform(.002,.05):.3f} [forge-gitea-http-3000] [] 10.72.1.{r.randint(2,200)}:3000 {r.randint(100,900)} {r.uniform(.002,.05):.3f} {st} {hx(r,32)}', "INFO")
    inc.poisson(30, ing)
    inc.write({"root_cause": {"evidence": ["fork rejected by pids controller", "resource temporarily unavailable"], "category": "resource-exhaustion", "must_mention": ["gitea", "pids"]},
               "symptoms": [{"evidence": "Fail to serve RPC"}, {"evidence": "The requested URL returned error: 500"}],
               "distractors": [{"evidence": "Failed authentication attempt for"}], "priority": "P1"})

if __name__ == "__main__":
    petclinic(); ignite(); nextcloud(); gitea()
