from datetime import timedelta
from core import Gen, ts_java, ts_log4j, ts_pg, ts_py, ts_z, iso


# ---------------------------------------------------------------- 10. SSO: groups scope makes auth headers too big for nginx
def sso_headers(out):
    g = Gen("sso-groups-claim-header-too-big", 2610, "halcyon-internal", "tools-gke", "us-central1",
            "2026-01-27T08:20:00Z", 50)
    r = g.r
    ing = g.pod("ingress-nginx-controller", 2)
    o2p_old = g.pod("oauth2-proxy", 2)
    o2p_new = g.pod("oauth2-proxy", 2, "new")
    dex = g.pod("dex", 2)
    graf = g.pod("grafana", 1)[0]
    wiki = g.pod("outline", 2)
    F = 15.0
    hosts = [("grafana.halcyon.dev", "monitoring", "grafana"), ("wiki.halcyon.dev", "wiki", "outline"), ("ci.halcyon.dev", "ci", "woodpecker")]
    people = [f"{n}@halcyon.dev" for n in ["ana.costa", "ben.oduya", "chloe.r", "dmitri.v", "emeka", "farah.k", "gustav", "hana.s", "ivo", "jules.m", "kenji", "lena.b", "marco", "nadia", "oskar"]]
    heavy = set(people[:6])  # platform/SRE folks in 40+ groups

    def o2p(m):
        return r.choice(o2p_new if m >= F + 0.6 else o2p_old)

    def hit(t, m):
        host, ns, app = r.choice(hosts)
        u = r.choice(people)
        path = r.choice({"grafana": ["/api/dashboards/uid/k8s-overview", "/api/ds/query", "/api/live/ws", "/api/search?query="],
                         "outline": ["/api/documents.info", "/api/collections.list", "/doc/runbook-oncall-3kd9", "/api/auth.info"],
                         "woodpecker": ["/api/repos/halcyon/core/pipelines", "/api/user", "/repos/halcyon/infra/pipeline/9182"]}[app])
        p = o2p(m)
        i = r.choice(ing)
        newp = p in o2p_new
        if newp and u in heavy:
            g.k8s(t, "ingress-nginx", i, "controller", "ERROR", f"{t.strftime('%Y/%m/%d %H:%M:%S')} [error] 38#38: *{r.randint(10**6, 10**7)} upstream sent too big header while reading response header from upstream, client: {g.podip()}, server: {host}, request: \"GET {path} HTTP/1.1\", subrequest: \"/_external-auth-{g.hexid(16)}\", upstream: \"http://{g.podip()}:4180/oauth2/auth\", host: \"{host}\"")
            g.k8s(t + timedelta(microseconds=200), "ingress-nginx", i, "controller", "ERROR", f"{t.strftime('%Y/%m/%d %H:%M:%S')} [error] 38#38: *{r.randint(10**6, 10**7)} auth request unexpected status: 502 while sending to client, client: {g.podip()}, server: {host}, request: \"GET {path} HTTP/1.1\", host: \"{host}\"")
            g.k8s(t + timedelta(microseconds=300), "ingress-nginx", i, "controller", "INFO", f"{g.podip()} - - [{t.strftime('%d/%b/%Y:%H:%M:%S')} +0000] \"GET {path} HTTP/1.1\" 500 170 \"-\" \"{g.ua()}\" 2894 0.004 [{ns}-{app}-80] [] - - - - {g.hexid(32)}")
            g.lb(t, host, "GET", path, 500, 0.006, size=170)
            return
        g.k8s(t, "auth", p, "oauth2-proxy", "INFO", f"{g.podip()}:{r.randint(30000, 60000)} - {g.hexid(32)} - {u} [{t.strftime('%Y/%m/%d %H:%M:%S')}] {host} GET - \"/oauth2/auth\" HTTP/1.1 \"{g.ua()}\" 202 0 0.00{r.randint(1, 9)}")
        g.k8s(t + timedelta(milliseconds=2), "ingress-nginx", i, "controller", "INFO", f"{g.podip()} - {u} [{t.strftime('%d/%b/%Y:%H:%M:%S')} +0000] \"GET {path} HTTP/1.1\" 200 {r.randint(200, 50000)} \"-\" \"{g.ua()}\" {r.randint(900, 2800)} 0.0{r.randint(10, 99)} [{ns}-{app}-80] [] {g.podip()}:80 {r.randint(200, 50000)} 0.0{r.randint(10, 99)} 200 {g.hexid(32)}")
        g.lb(t, host, "GET", path, 200, r.uniform(0.01, 0.1))
    g.poisson(85, hit)

    def dex_login(t, m):
        d = r.choice(dex)
        u = r.choice(people)
        g.k8s(t, "auth", d, "dex", "INFO", {"time": ts_z(t), "level": "INFO", "msg": "login successful", "connector_id": "google", "username": u.split("@")[0], "preferred_username": "", "email": u, "groups": r.randint(4, 12) if u not in heavy else r.randint(41, 67)})
        g.k8s(t + timedelta(milliseconds=50), "auth", o2p(m), "oauth2-proxy", "INFO", f"[{t.strftime('%Y/%m/%d %H:%M:%S')}] [oauthproxy.go:866] Authenticated via OAuth2: Session{{email:{u} user:{g.hexid(21)} PreferredUsername: token:true id_token:true created:{t.strftime('%Y-%m-%d %H:%M:%S')} +0000 UTC expires:{(t + timedelta(hours=1)).strftime('%Y-%m-%d %H:%M:%S')} +0000 UTC refresh_token:true}}")
    g.poisson(2.2, dex_login)

    def dex_bg(t, m):
        g.k8s(t, "auth", r.choice(dex), "dex", "INFO", {"time": ts_z(t), "level": "INFO", "msg": "keys expired, rotating" if r.random() < 0.02 else "garbage collection run, delete auth requests=0, auth codes=0, device requests=0, device tokens=0"})
    g.periodic(5, dex_bg, offset=0.1)

    def graf_bg(t, m):
        c = r.random()
        if c < 0.12:  # distractor
            g.k8s(t, "monitoring", graf, "grafana", "ERROR", f"logger=plugin.signature.validator t={ts_z(t)} level=error msg=\"Plugin has an invalid signature\" pluginID=grafana-piechart-panel status=modified")
        else:
            g.k8s(t, "monitoring", graf, "grafana", "INFO", f"logger=context userId={r.randint(2, 80)} orgId=1 uname={r.choice(people)} t={ts_z(t)} level=info msg=\"Request Completed\" method=GET path=/api/ds/query status=200 remote_addr={g.podip()} time_ms={r.randint(5, 900)} duration={r.randint(5, 900)}ms size={r.randint(200, 9000)} referer=https://grafana.halcyon.dev/d/k8s-overview handler=/api/ds/query status_source=server")
    g.poisson(12, graf_bg)

    def wiki_bg(t, m):
        g.k8s(t, "wiki", r.choice(wiki), "outline", "INFO", {"label": "http", "level": "info", "message": f"POST /api/{r.choice(['documents.info', 'collections.list', 'auth.info', 'events.list'])} 200 {r.randint(10, 200)}ms", "timestamp": ts_z(t)})
    g.poisson(10, wiki_bg)

    # cause: oauth2-proxy args changed to request groups and forward them as headers
    tc = g.at(F)
    g.audit(tc, "io.k8s.apps.v1.deployments.patch", "apps/v1/namespaces/auth/deployments/oauth2-proxy",
            "hiro.tanaka@halcyon.dev",
            request={"spec": {"template": {"spec": {"containers": [{"name": "oauth2-proxy", "args": [
                "--provider=oidc", "--oidc-issuer-url=https://dex.halcyon.dev", "--scope=openid email profile groups",
                "--set-xauthrequest=true", "--pass-access-token=true", "--cookie-domain=.halcyon.dev", "--email-domain=halcyon.dev", "--upstream=static://202"]}]}}}},
            extra={"metadata": {"change": "INFRA-2291 pass groups to grafana for team sync"}})
    for k, p in enumerate(o2p_new):
        t = g.at(F + 0.2 + k * 0.3)
        g.event(t, "auth", "Pod", p, "Started", "Started container oauth2-proxy")
        g.k8s(t + timedelta(seconds=1), "auth", p, "oauth2-proxy", "INFO", f"[{t.strftime('%Y/%m/%d %H:%M:%S')}] [oauthproxy.go:162] OAuthProxy configured for OpenID Connect Client ID: oauth2-proxy")
        g.k8s(t + timedelta(seconds=1, milliseconds=1), "auth", p, "oauth2-proxy", "INFO", f"[{t.strftime('%Y/%m/%d %H:%M:%S')}] [oauthproxy.go:168] Cookie settings: name:_oauth2_proxy secure(https):true httponly:true expiry:168h0m0s domains:.halcyon.dev path:/ samesite: refresh:after 1h0m0s")
        g.k8s(t + timedelta(seconds=1, milliseconds=2), "auth", p, "oauth2-proxy", "INFO", f"[{t.strftime('%Y/%m/%d %H:%M:%S')}] [proxy.go:89] mapping path \"/\" => static response 202")
        g.event(t + timedelta(seconds=20), "auth", "Pod", o2p_old[k], "Killing", "Stopping container oauth2-proxy")
    # people ask in chat; a few retry logins that loop
    for k in range(8):
        t = g.at(F + 3 + k * 4, 60)
        u = r.choice(sorted(heavy))
        g.k8s(t, "auth", r.choice(o2p_new), "oauth2-proxy", "INFO", f"{g.podip()}:{r.randint(30000, 60000)} - {g.hexid(32)} - {u} [{t.strftime('%Y/%m/%d %H:%M:%S')}] grafana.halcyon.dev GET - \"/oauth2/callback?code={g.hexid(25)}&state={g.hexid(40)}\" HTTP/1.1 \"{g.ua()}\" 302 24 0.091")
        g.k8s(t + timedelta(seconds=1), "auth", r.choice(o2p_new), "oauth2-proxy", "INFO", f"[{t.strftime('%Y/%m/%d %H:%M:%S')}] [cookies.go:152] WARNING: Multiple cookies are required for this session as it exceeds the 4kb cookie limit. Please use server side session storage (eg. Redis) instead.")
    n = g.write(out, {
        "title": "Internal tools 500 for heavy-group users: oauth2-proxy now forwards groups, auth response headers exceed nginx buffers",
        "root_cause": {"evidence": ["openid email profile groups", "pass groups to grafana"], "category": "configuration",
                       "must_mention": ["groups", "header"]},
        "symptoms": [{"evidence": "upstream sent too big header"}, {"evidence": "auth request unexpected status: 502"},
                     {"evidence": "Multiple cookies are required"}],
        "distractors": [{"evidence": "Plugin has an invalid signature"}],
        "priority": "P2"})
    return n


# ---------------------------------------------------------------- 11. Discourse: uploads volume remounted read-only
def discourse_erofs(out):
    g = Gen("discourse-uploads-readonly", 2611, "guild-forums", "forum-gke", "europe-west2",
            "2026-07-30T11:25:00Z", 45)
    r = g.r
    ns = "discourse"
    web = "discourse-web-0"
    web2 = "discourse-web-1"
    sk = g.pod("discourse-sidekiq", 2)
    F = 6.5  # window opens shortly before; fault at 6.5
    node = "gke-forum-gke-pool-2-4c1e9a7b-tq3n"
    topics = ["how-to-tune-postgres-for-discourse", "weekly-meetup-thread", "plugin-compat-3-4", "welcome-to-guild", "bug-reply-button-missing", "show-your-setup-2026"]

    def rails(t, m):
        w = r.choice([web, web2])
        kind = r.random()
        if kind < 0.06:
            path = "/uploads.json?client_id=" + g.hexid(32)
            if m >= F + 0.2 and w == web:
                fn = g.hexid(40)
                lines = [f"Started POST \"/uploads.json?client_id={g.hexid(32)}\" for {g.ip()} at {t.strftime('%Y-%m-%d %H:%M:%S')} +0000",
                         f"Errno::EROFS (Read-only file system @ rb_sysopen - /shared/uploads/default/original/3X/{fn[0]}/{fn[1]}/{fn}.jpeg)",
                         "app/models/upload.rb:212:in `store_file'",
                         "lib/upload_creator.rb:188:in `create_for'",
                         "app/controllers/uploads_controller.rb:292:in `create_upload'",
                         f"Completed 500 Internal Server Error in {r.randint(40, 400)}ms (ActiveRecord: {r.uniform(2, 20):.1f}ms | Allocations: {r.randint(10000, 90000)})"]
                for i, ln in enumerate(lines):
                    g.k8s(t + timedelta(microseconds=60 * i), ns, w, "discourse", "ERROR" if i else "INFO", ln)
                g.lb(t, "forum.guildhall.dev", "POST", path, 500, r.uniform(0.05, 0.4), size=1432)
                return
            g.k8s(t, ns, w, "discourse", "INFO", f"Completed 200 OK in {r.randint(100, 900)}ms (Views: 0.4ms | ActiveRecord: {r.uniform(5, 40):.1f}ms | Allocations: {r.randint(20000, 90000)})")
            g.lb(t, "forum.guildhall.dev", "POST", path, 200, r.uniform(0.2, 1.0))
            return
        path = r.choice(["/latest.json", f"/t/{r.choice(topics)}/{r.randint(100, 9000)}.json", "/notifications.json", "/session/current.json", "/categories.json", f"/t/{r.choice(topics)}/{r.randint(100, 9000)}", "/message-bus/" + g.hexid(32) + "/poll"])
        d = r.randint(15, 300)
        if "message-bus" not in path:
            g.k8s(t, ns, w, "discourse", "INFO", f"Started GET \"{path}\" for {g.ip()} at {t.strftime('%Y-%m-%d %H:%M:%S')} +0000")
            g.k8s(t + timedelta(milliseconds=d), ns, w, "discourse", "INFO", f"Completed 200 OK in {d}ms (Views: {d * 0.2:.1f}ms | ActiveRecord: {d * 0.3:.1f}ms | Allocations: {r.randint(8000, 90000)})")
        g.lb(t, "forum.guildhall.dev", "GET" if "message-bus" not in path else "POST", path, 200, d / 1000)
    g.poisson(150, rails)

    def sidekiq(t, m):
        s = r.choice(sk)
        job = r.choice(["Jobs::ProcessPost", "Jobs::PullHotlinkedImages", "Jobs::NotifyMailingListSubscribers", "Jobs::CreateAvatarThumbnails", "Jobs::UpdateGravatar", "Jobs::PostAlert", "Jobs::CookPost"])
        jid = g.hexid(24)
        if job == "Jobs::PullHotlinkedImages" and r.random() < 0.3:  # distractor
            g.k8s(t, ns, s, "sidekiq", "WARNING", f"{ts_z(t)} pid=412 tid={g.hexid(6)} class={job} jid={jid} WARN: Failed to pull hotlinked image (https://{r.choice(['i.imgur.com', 'pbs.twimg.com', 'cdn.oldforum.example'])}/{g.hexid(7)}.png) post: {r.randint(10**4, 10**5)} (Net::OpenTimeout: execution expired)")
            return
        if m >= F + 0.5 and job in ("Jobs::CreateAvatarThumbnails", "Jobs::UpdateGravatar", "Jobs::PullHotlinkedImages") and r.random() < 0.7:
            fn = g.hexid(40)
            g.k8s(t, ns, s, "sidekiq", "ERROR", f"{ts_z(t)} pid=412 tid={g.hexid(6)} class={job} jid={jid} ERROR: Job exception: Read-only file system @ dir_s_mkdir - /shared/uploads/default/optimized/3X/{fn[0]}/{fn[1]}")
            return
        g.k8s(t, ns, s, "sidekiq", "INFO", f"{ts_z(t)} pid=412 tid={g.hexid(6)} class={job} jid={jid} INFO: start")
        g.k8s(t + timedelta(milliseconds=r.randint(10, 900)), ns, s, "sidekiq", "INFO", f"{ts_z(t)} pid=412 tid={g.hexid(6)} class={job} jid={jid} elapsed={r.uniform(0.01, 0.9):.3f} INFO: done")
    g.poisson(40, sidekiq)

    def redis_bg(t, m):
        g.k8s(t, ns, "discourse-redis-0", "redis", "INFO", f"1:M {t.strftime('%d %b %Y %H:%M:%S')}.{t.microsecond // 1000:03d} * {r.randint(10, 100)} changes in 300 seconds. Saving...")
        g.k8s(t + timedelta(seconds=1), ns, "discourse-redis-0", "redis", "INFO", f"1:M {t.strftime('%d %b %Y %H:%M:%S')}.{t.microsecond // 1000:03d} * Background saving terminated with success")
    g.periodic(5, redis_bg, offset=2)

    # cause: PD journal abort -> ext4 remounts read-only (node serial console / kernel log)
    tc = g.at(F)
    ginst = {"type": "gce_instance", "labels": {"instance_id": "4617302918834720113", "project_id": g.project, "zone": "europe-west2-b"}}
    kern = [("ERROR", "EXT4-fs error (device sdc): ext4_journal_check_start:83: comm ruby: Detected aborted journal"),
            ("CRITICAL", "EXT4-fs (sdc): Remounting filesystem read-only"),
            ("WARNING", "EXT4-fs (sdc): previous I/O error to superblock detected"),
            ("ERROR", "Buffer I/O error on dev sdc, logical block 0, lost sync page write")]
    for i, (sev, msg) in enumerate(kern):
        t = tc + timedelta(milliseconds=3 + i * 2)
        e = g._base(t, sev, ginst, "kernel", {"compute.googleapis.com/resource_name": node})
        e["textPayload"] = f"[{r.randint(800000, 900000)}.{r.randint(100000, 999999)}] " + msg
        g.out.append(e)
    g.event(tc + timedelta(seconds=4), "", "Node", node, "FilesystemIsReadOnly", "Node condition ReadonlyFilesystem is now: True, reason: FilesystemIsReadOnly, message: \"EXT4-fs (sdc): Remounting filesystem read-only\"", typ="Warning", component="kernel-monitor")
    # the earlier-window lines of PD being detached/reattached by a live migration (context)
    t = g.at(F - 0.1)
    g.event(t, "", "Node", node, "HostMaintenance", "Node gke-forum-gke-pool-2-4c1e9a7b-tq3n: live migration of instance in progress", typ="Normal", component="node-problem-detector")
    # backup job later fails too
    t = g.at(30.0)
    bj = "discourse-backup-29188320-k9sx4"
    g.event(t, ns, "Job", "discourse-backup-29188320", "SuccessfulCreate", f"Created pod: {bj}", component="job-controller")
    g.k8s(t + timedelta(seconds=8), ns, bj, "backup", "INFO", "[STARTED] 'system' has started the backup!")
    g.k8s(t + timedelta(seconds=9), ns, bj, "backup", "INFO", "Dumping the public schema of the database...")
    g.k8s(t + timedelta(seconds=61), ns, bj, "backup", "INFO", "Archiving uploads...")
    g.k8s(t + timedelta(seconds=62), ns, bj, "backup", "ERROR", "EXCEPTION: Read-only file system @ rb_sysopen - /shared/uploads/default/.backup-lock")
    g.k8s(t + timedelta(seconds=63), ns, bj, "backup", "ERROR", "[FAILED]")
    n = g.write(out, {
        "title": "Discourse uploads and thumbnails fail: uploads disk remounted read-only after an ext4 journal abort",
        "root_cause": {"evidence": ["Remounting filesystem read-only", "Detected aborted journal"], "category": "other",
                       "must_mention": ["read-only"]},
        "symptoms": [{"evidence": "Errno::EROFS"}, {"evidence": "Read-only file system @ dir_s_mkdir"},
                     {"evidence": "FilesystemIsReadOnly"}],
        "distractors": [{"evidence": "Failed to pull hotlinked image"}],
        "priority": "P2"})
    return n


# ---------------------------------------------------------------- 12. Shopizer: shared SimpleDateFormat under load
def shopizer_sdf(out):
    g = Gen("shopizer-shared-dateformat", 2612, "lumiere-store-prod", "store-gke", "northamerica-northeast1",
            "2026-11-26T23:30:00Z", 40)
    r = g.r
    ns = "store"
    api_old = g.pod("shopizer-api", 3)
    api_new = g.pod("shopizer-api", 3, "new")
    front = g.pod("shop-frontend", 2)
    F = 7.0

    def sb(t, lvl, th, logger, msg):
        return f"{ts_java(t)} {lvl:>5} 1 --- [{th}] {logger:<45} : {msg}"

    def apip(m):
        if m < F:
            return r.choice(api_old)
        k = min(3, int((m - F) / 0.8) + 1)
        return r.choice(api_new[:k] + api_old[k:])

    def checkout(t, m):
        p = apip(m)
        th = f"http-nio-8080-exec-{r.randint(1, 200)}"
        oid = r.randint(100000, 999999)
        concurrency = 1.0 + (0.8 if m > 18 else 0.0)
        bad = p in api_new and r.random() < 0.09 * concurrency
        if not bad:
            g.k8s(t, ns, p, "shopizer", "INFO", sb(t, "INFO", th, "c.s.shop.store.api.v1.order.OrderApi", f"Order {oid} committed, payment=stripe, total={r.randint(20, 600)}.{r.randint(0, 99):02d} CAD"))
            g.lb(t, "shop.lumiere.ca", "POST", "/api/v1/auth/cart/checkout", 201, r.uniform(0.2, 0.9))
            g.k8s(t + timedelta(milliseconds=900), ns, r.choice(front), "frontend", "INFO", f"{ts_z(t)} [checkout] order {oid} confirmed")
            return
        exc = r.choice([("java.lang.NumberFormatException", "multiple points"),
                        ("java.lang.NumberFormatException", "For input string: \".112611E4.112611E4\""),
                        ("java.lang.NumberFormatException", "For input string: \"\""),
                        ("java.lang.ArrayIndexOutOfBoundsException", "Index -1 out of bounds for length 13")])
        lines = [sb(t, "ERROR", th, "o.a.c.c.C.[.[.[/].[dispatcherServlet]", "Servlet.service() for servlet [dispatcherServlet] in context with path [] threw exception [Request processing failed: com.salesmanager.core.business.exception.ServiceException: Cannot process order date] with root cause"),
                 f"{exc[0]}: {exc[1]}",
                 "\tat java.base/jdk.internal.math.FloatingDecimal.readJavaFormatString(FloatingDecimal.java:2054)" if "Number" in exc[0] else "\tat java.base/sun.util.calendar.BaseCalendar.getCalendarDateFromFixedDate(BaseCalendar.java:457)",
                 "\tat java.base/java.lang.Double.parseDouble(Double.java:651)" if "Number" in exc[0] else "\tat java.base/java.util.GregorianCalendar.computeFields(GregorianCalendar.java:2342)",
                 "\tat java.base/java.text.DigitList.getDouble(DigitList.java:169)",
                 "\tat java.base/java.text.DecimalFormat.parse(DecimalFormat.java:2126)",
                 "\tat java.base/java.text.SimpleDateFormat.subParse(SimpleDateFormat.java:1933)",
                 "\tat java.base/java.text.SimpleDateFormat.parse(SimpleDateFormat.java:1541)",
                 "\tat java.base/java.text.DateFormat.parse(DateFormat.java:393)",
                 "\tat com.salesmanager.shop.utils.DateUtil.getDate(DateUtil.java:61)",
                 "\tat com.salesmanager.shop.populator.order.PersistableOrderApiPopulator.populate(PersistableOrderApiPopulator.java:118)",
                 "\tat com.salesmanager.shop.store.controller.order.facade.OrderFacadeImpl.processOrder(OrderFacadeImpl.java:1204)",
                 "\tat com.salesmanager.shop.store.api.v1.order.OrderApi.checkout(OrderApi.java:402)",
                 "\tat java.base/jdk.internal.reflect.DirectMethodHandleAccessor.invoke(DirectMethodHandleAccessor.java:103)",
                 "\tat org.springframework.web.servlet.FrameworkServlet.service(FrameworkServlet.java:885)",
                 "\t... 48 common frames omitted"]
        for i, ln in enumerate(lines):
            g.k8s(t + timedelta(microseconds=45 * i), ns, p, "shopizer", "ERROR", ln)
        g.lb(t, "shop.lumiere.ca", "POST", "/api/v1/auth/cart/checkout", 500, r.uniform(0.05, 0.3), size=210)
        g.k8s(t + timedelta(milliseconds=300), ns, r.choice(front), "frontend", "ERROR", f"{ts_z(t)} [checkout] checkout failed: 500 Internal Server Error (order {oid}); showing 'Something went wrong' to customer")
    g.poisson(30, checkout, rate_fn=lambda m: 1.0 if m < 18 else 1.9)

    def browse(t, m):
        p = apip(m)
        th = f"http-nio-8080-exec-{r.randint(1, 200)}"
        path = r.choice(["/api/v1/products?category=outerwear&page=0", "/api/v1/products/trench-coat-noir", "/api/v1/category", "/api/v1/content/pages/holiday", "/api/v1/auth/cart", "/api/v1/search?q=scarf"])
        d = r.uniform(0.01, 0.2)
        if r.random() < 0.3:
            g.k8s(t, ns, p, "shopizer", "INFO", sb(t, "INFO", th, "c.s.shop.filter.CorsFilter", f"GET {path} {int(d * 1000)}ms"))
        g.lb(t, "shop.lumiere.ca", "GET", path, 200, d)
    g.poisson(160, browse, rate_fn=lambda m: 1.0 if m < 18 else 1.7)

    def ship(t, m):  # distractor: carrier quote API auth failing, flat-rate fallback
        p = apip(m)
        g.k8s(t, ns, p, "shopizer", "WARNING", sb(t, "WARN", f"http-nio-8080-exec-{r.randint(1, 200)}", "c.s.c.m.i.shipping.UPSShippingQuote", "Cannot get shipping quote from UPS: 401 Unauthorized (invalid access license); using flat rate shipping"))
    g.poisson(2.5, ship)

    def hikari(t, m):
        for p in (api_old if m < F + 3 else api_new):
            g.k8s(t + timedelta(milliseconds=r.randint(0, 500)), ns, p, "shopizer", "INFO", sb(t, "INFO", "HikariPool-1 housekeeper", "com.zaxxer.hikari.pool.HikariPool", f"HikariPool-1 - Pool stats (total=20, active={r.randint(1, 12)}, idle={r.randint(5, 19)}, waiting=0)"))
    g.periodic(3, hikari, offset=1.1)

    # deploy of 3.2.1 (the regression), with the change note
    tc = g.at(F - 0.5)
    g.audit(tc, "io.k8s.apps.v1.deployments.patch", "apps/v1/namespaces/store/deployments/shopizer-api",
            "cloudbuild-deployer@lumiere-store-prod.iam.gserviceaccount.com",
            request={"spec": {"template": {"spec": {"containers": [{"name": "shopizer", "image": "northamerica-northeast1-docker.pkg.dev/lumiere-store-prod/store/shopizer-api:3.2.1"}]}}}},
            extra={"metadata": {"release": "3.2.1", "notes": "perf: reuse date formatters in DateUtil instead of allocating per call"}})
    for k, p in enumerate(api_new):
        t = g.at(F + k * 0.8 - 0.3)
        g.event(t, ns, "Pod", p, "Pulled", "Successfully pulled image \"northamerica-northeast1-docker.pkg.dev/lumiere-store-prod/store/shopizer-api:3.2.1\" in 6.812s")
        g.event(t + timedelta(seconds=1), ns, "Pod", p, "Started", "Started container shopizer")
        g.k8s(t + timedelta(seconds=14), ns, p, "shopizer", "INFO", sb(t, "INFO", "main", "c.s.shop.application.ShopApplication", "Starting ShopApplication v3.2.1 using Java 17.0.12 with PID 1"))
        g.k8s(t + timedelta(seconds=40), ns, p, "shopizer", "INFO", sb(t, "INFO", "main", "o.s.b.w.embedded.tomcat.TomcatWebServer", "Tomcat started on port 8080 (http) with context path ''"))
        g.k8s(t + timedelta(seconds=41), ns, p, "shopizer", "INFO", sb(t, "INFO", "main", "c.s.shop.application.ShopApplication", f"Started ShopApplication in {r.uniform(30, 45):.3f} seconds (process running for {r.uniform(32, 48):.3f})"))
        g.event(t + timedelta(seconds=50), ns, "Pod", api_old[k], "Killing", "Stopping container shopizer")
    # Black Friday promo email goes out at midnight ET → load rises
    t = g.at(18.0)
    g.k8s(t, ns, g.pod("promo-mailer", 1)[0], "mailer", "INFO", {"severity": "INFO", "message": "campaign black-friday-early-access sent", "recipients": 184220})
    g.event(g.at(19.5), ns, "HorizontalPodAutoscaler", "shopizer-api", "SuccessfulRescale", "New size: 3; reason: cpu resource utilization (percentage of request) above target (max replicas 3)", component="horizontal-pod-autoscaler")
    n = g.write(out, {
        "title": "Checkouts fail with NumberFormatException: release 3.2.1 shares a SimpleDateFormat across request threads",
        "root_cause": {"evidence": ["DateUtil.getDate(DateUtil.java", "reuse date formatters in DateUtil"], "category": "code-bug",
                       "must_mention": ["SimpleDateFormat", "thread"]},
        "symptoms": [{"evidence": "Cannot process order date"}, {"evidence": "checkout failed: 500"}],
        "distractors": [{"evidence": "Cannot get shipping quote from UPS"}],
        "priority": "P1"})
    return n
