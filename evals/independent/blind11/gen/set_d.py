from common import *

# 13 healthy: Jaeger HotROD demo + Jaeger backend on GKE
def hotrod():
    inc = Inc("healthy-hotrod-evening", "Healthy: ordinary evening hour of the HotROD ride service and Jaeger",
              "2026-04-18T20:00:00Z", 45, "chaoslab-hotrod", 1313)
    r = inc.r; C, L = "hotrod-gke", "us-central1"
    nodes = [f"gke-hotrod-gke-default-pool-91c2e0af-{x}" for x in ("5ngs", "bq7e", "u1kd")]
    gke_noise(inc, C, L, nodes)
    def zl(t, svc, lvl, caller, msg, extra, sev):
        j = {"level": lvl, "ts": round(inc.t0.timestamp()+t, 6), "caller": caller, "msg": msg, "service": svc}; j.update(extra)
        inc.add(t, k8s(inc, C, L, "hotrod", f"hotrod-{svc}-{hx(r,9)}-{hx(r,5)}", svc, r.choice(nodes)), "stderr" if lvl=="error" else "stdout", j, sev, trace=inc.trace())
    lb = lbres(inc, "hotrod", "k8s1-hotrod-frontend-8080")
    def dispatch(t):
        cust = r.choice([123, 392, 731, 567]); tid = hx(r, 16)
        zl(t, "frontend", "info", "frontend/server.go:92", "HTTP request received", {"method": "GET", "url": f"/dispatch?customer={cust}&nonse=0.{r.randint(10**6,10**7)}", "trace_id": tid}, "INFO")
        zl(t+.01, "customer", "info", "customer/server.go:67", "HTTP request received", {"method": "GET", "url": f"/customer?customer={cust}", "trace_id": tid}, "INFO")
        zl(t+.02, "customer", "info", "customer/database.go:73", "Loading customer", {"customer_id": cust, "trace_id": tid}, "INFO")
        if r.random() < .15:
            zl(t+.3, "customer", "info", "customer/database.go:91", f"Waiting for lock behind {r.randint(1,3)} transactions", {"blockers": "[" + ",".join(hx(r,5) for _ in range(2)) + "]", "trace_id": tid}, "INFO")
        zl(t+.35, "driver", "info", "driver/server.go:76", "Searching for nearby drivers", {"location": f"{r.randint(100,999)},{r.randint(100,999)}", "trace_id": tid}, "INFO")
        for _ in range(r.randint(1, 3)):
            if r.random() < .12:
                zl(t+.4, "driver", "error", "driver/redis.go:100", "redis timeout", {"driver_id": f"T7{r.randint(10000,99999)}C", "error": "redis timeout", "trace_id": tid}, "ERROR")
                zl(t+.41, "driver", "error", "driver/server.go:93", "Retrying GetDriver after error", {"retry_no": 1, "error": "redis timeout", "trace_id": tid}, "ERROR")
        zl(t+.6, "route", "info", "route/server.go:84", "HTTP request received", {"method": "GET", "url": "/route?dropoff=577%2C322&pickup=" + str(r.randint(100,999)), "trace_id": tid}, "INFO")
        zl(t+.75, "frontend", "info", "frontend/best_eta.go:98", "Dispatch successful", {"driver": f"T7{r.randint(10000,99999)}C", "eta": f"{r.randint(1,5)}m0s", "trace_id": tid}, "INFO")
        lb_entry(inc, t, lb, "GET", f"https://hotrod.ridedemo.app/dispatch?customer={cust}", 200, r.uniform(.6, 1.3))
    inc.poisson(22, dispatch)
    inc.poisson(25, lambda t: lb_entry(inc, t, lb, "GET", "https://hotrod.ridedemo.app/" + r.choice(["", "/web_assets/app.js", "/config", "/favicon.ico"]), 404 if r.random()<.05 else 200, r.uniform(.002,.05)))
    def jg(t, comp, lvl, caller, msg, extra, sev):
        j = {"level": lvl, "ts": round(inc.t0.timestamp()+t, 6), "caller": caller, "msg": msg}; j.update(extra)
        inc.add(t, k8s(inc, C, L, "observability", f"jaeger-{comp}-{hx(r,9)}-{hx(r,5)}", f"jaeger-{comp}", r.choice(nodes)), "stderr", j, sev)
    inc.poisson(2, lambda t: jg(t, "collector", "info", "app/span_processor.go:159", "Queue capacity", {"capacity": 2000, "queue-size": r.randint(0,60)}, "INFO"))
    inc.poisson(.8, lambda t: jg(t, "collector", "warn", "grpc@v1.64.0/server.go:1083", "[core] [Server #7] grpc: Server.processUnaryRPC failed to write status: connection error: desc = \"transport is closing\"", {}, "WARNING"))
    inc.poisson(.5, lambda t: jg(t, "query", "error", "app/http_handler.go:498", "HTTP handler, Internal Server Error", {"error": f"trace not found: {hx(r,32)}"}, "ERROR"))
    inc.every(300, lambda t: jg(t, "query", "info", "healthcheck/handler.go:129", "Health Check state change", {"status": "ready"}, "INFO"))
    inc.every(900, lambda t: inc.add(t, k8s(inc, C, L, "observability", f"jaeger-es-index-cleaner-{r.randint(29000000,29999999)}-{hx(r,5)}", "jaeger-es-index-cleaner", r.choice(nodes)), "stdout",
        f"{ts_java(inc,t)} WARNING Index jaeger-span-2026-04-1{r.randint(0,4)} not found, skipping", "WARNING"))
    inc.poisson(.3, lambda t: inc.add(t, k8s_pod(inc, C, L, "hotrod", f"hotrod-route-{hx(r,9)}-{hx(r,5)}"), "events", {"kind": "Event", "reason": "BackOff", "type": "Warning", "message": "Back-off pulling image \"jaegertracing/example-hotrod:1.62.0-debug\"", "involvedObject": {"kind": "Pod", "namespace": "hotrod"}}, "WARNING"))
    inc.write({"root_cause": None, "symptoms": [], "distractors": [{"evidence": "redis timeout"}], "priority": "none"})

# 14 healthy: Mastodon instance on GCE + Cloud SQL
def mastodon():
    inc = Inc("healthy-mastodon-instance", "Healthy: busy hour on a Mastodon instance with federation noise",
              "2026-10-27T17:00:00Z", 50, "chaoslab-social", 1414)
    r = inc.r; Z = "us-east1-c"
    hosts = ["masto-web-1", "masto-web-2", "masto-sidekiq-1", "masto-streaming-1"]
    for h in hosts: gce_noise(inc, h, Z, .7)
    sql = sqlres(inc, "mastodon-pg", "us-east1")
    lb = lbres(inc, "mastodon", "mastodon-web-bs")
    def web(t):
        h = r.choice(hosts[:2])
        path = r.choice(["/api/v1/timelines/home", "/api/v1/notifications", "/api/v2/search", "/@%s" % r.choice(["alice","bob","news","gameboy"]), "/api/v1/statuses", "/inbox", "/users/alice/inbox", "/.well-known/webfinger"])
        st = r.choices([200, 202, 401, 404, 410, 422, 500], [80, 8, 3, 4, 2, 2, .4])[0]
        if path.endswith("inbox"): st = r.choice([202, 202, 202, 401])
        dur = r.uniform(8, 600)
        inc.add(t, gce(inc, h, Z), "mastodon-web", f"[{hx(r,8)}-{hx(r,4)}-{hx(r,4)}-{hx(r,4)}-{hx(r,12)}] method={'POST' if 'inbox' in path or path.endswith('statuses') else 'GET'} path={path} format={'*/*' if 'inbox' in path else 'json'} controller={r.choice(['Api::V1::Timelines::HomeController','ActivityPub::InboxesController','Api::V1::NotificationsController','AccountsController'])} action={r.choice(['show','create','index'])} status={st} duration={dur:.2f} view={dur*.1:.2f} db={dur*.3:.2f}", None)
        lb_entry(inc, t, lb, "POST" if 'inbox' in path else "GET", "https://social.example.net" + path, st, dur/1000)
        if st == 500:
            inc.lines(t+.001, gce(inc, h, Z), "mastodon-web", ["ActiveRecord::RecordNotUnique (PG::UniqueViolation: ERROR:  duplicate key value violates unique constraint \"index_favourites_on_account_id_and_status_id\"",
                "DETAIL:  Key (account_id, status_id)=(%d, %d) already exists." % (r.randint(1,99999), r.randint(10**17, 10**18)), "):", "app/services/favourite_service.rb:26:in `call'"])
    inc.poisson(160, web)
    def sk(t):
        c = r.random(); h = gce(inc, "masto-sidekiq-1", Z)
        jid = hx(r, 24)
        if c < .7:
            inc.add(t, h, "sidekiq", f"{ts_iso(inc,t)} pid={r.randint(1000,3000)} tid={hx(r,4)} class={r.choice(['ActivityPub::DeliveryWorker','ActivityPub::ProcessingWorker','LinkCrawlWorker','FeedInsertWorker','PushUpdateWorker'])} jid={jid} elapsed={r.uniform(.01,3):.3f} INFO: done")
        elif c < .9:
            dom = r.choice(["mastodon.oldserver.cafe", "social.defunct.xyz", "toot.example.org", "m.bots.town"])
            inc.add(t, h, "sidekiq", f"{ts_iso(inc,t)} pid={r.randint(1000,3000)} tid={hx(r,4)} class=ActivityPub::DeliveryWorker jid={jid} elapsed={r.uniform(.1,10):.3f} INFO: fail")
            inc.add(t+.001, h, "sidekiq", f"{ts_iso(inc,t)} pid={r.randint(1000,3000)} tid={hx(r,4)} WARN: {r.choice(['Mastodon::UnexpectedResponseError: https://'+dom+'/inbox returned code 410','HTTP::ConnectionError: failed to connect: Connection refused - connect(2) for '+dom+' port 443','HTTP::TimeoutError: Connect timed out after 10 seconds','OpenSSL::SSL::SSLError: SSL_connect returned=1 errno=0 state=error: certificate verify failed (certificate has expired)'])}")
        else:
            inc.add(t, h, "sidekiq", f"{ts_iso(inc,t)} pid={r.randint(1000,3000)} tid={hx(r,4)} class=Scheduler::{r.choice(['FeedCleanupScheduler','IpCleanupScheduler','Trends::RefreshScheduler','VacuumScheduler'])} jid={jid} INFO: start")
    inc.poisson(90, sk)
    inc.poisson(10, lambda t: inc.add(t, gce(inc, "masto-streaming-1", Z), "mastodon-streaming", {"level": r.choice(["info","info","info","warn"]), "time": int((inc.t0.timestamp()+t)*1000), "pid": 812, "hostname": "masto-streaming-1", "name": "streaming",
        "msg": r.choice(["Subscribed to timeline:%d" % r.randint(1,99999), "Ending stream for %d" % r.randint(1,99999), "Error on client websocket: Invalid WebSocket frame: RSV1 must be clear", "Unsubscribed from timeline:public:local"])}))
    def pg(t):
        d = (inc.t0+timedelta(seconds=t)).strftime('%Y-%m-%d %H:%M:%S.%f')[:-3]
        c = r.random()
        if c < .6: m, s = f"LOG:  duration: {r.uniform(1000,4000):.3f} ms  statement: SELECT \"statuses\".\"id\", \"statuses\".\"updated_at\" FROM \"statuses\" WHERE \"statuses\".\"visibility\" = 0 ORDER BY \"statuses\".\"id\" DESC LIMIT 40", "INFO"
        elif c < .8: m, s = "LOG:  automatic vacuum of table \"mastodon_production.public.statuses\": index scans: 1", "INFO"
        else: m, s = "ERROR:  duplicate key value violates unique constraint \"index_favourites_on_account_id_and_status_id\"", "ERROR"
        inc.add(t, sql, "cloudsql.googleapis.com%2Fpostgres.log", f"{d} UTC [{r.randint(1000,90000)}]: [1-1] db=mastodon_production,user=mastodon {m}", s)
    inc.poisson(4, pg)
    inc.add(1200, sql, "cloudsql.googleapis.com%2Fpostgres.log", "2026-10-27 17:20:00.412 UTC [27]: [1-1] db=,user= LOG:  checkpoints are occurring too frequently (24 seconds apart)", "INFO")
    inc.write({"root_cause": None, "symptoms": [], "distractors": [{"evidence": "returned code 410"}], "priority": "none"})

if __name__ == "__main__":
    hotrod(); mastodon()
