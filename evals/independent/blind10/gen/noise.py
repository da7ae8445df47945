"""Ordinary chatter every window has: periodic jobs, health, background warnings/errors unrelated to incidents."""
from common import *


def background(g):
    r = g.r
    t = g.t0
    while t < g.t1:
        m = int((t - g.t0) / 60)
        # orders-svc chatter
        for _ in range(r.randint(6, 10)):
            tt = t + r.random() * 60
            g.app("orders-svc", tt, "INFO", r.choice([
                "Created shipment id=%d merchant=mrc_%04d carrier=%s" % (r.randint(2140000000, 2147400000), r.randint(1, 900), r.choice(["DHL", "UPS", "DPD", "GLS"])),
                "Label requested for shipment %d, format=PDF_A6" % r.randint(2140000000, 2147400000),
                "Published ShipmentCreated to shipment-events messageId=%d" % r.randint(10**15, 10**16),
                "merchant sync: %d orders fetched from Shopify for mrc_%04d" % (r.randint(0, 40), r.randint(1, 900))]))
        if r.random() < 0.5:
            g.app("orders-svc", t + r.random() * 60, "DEBUG", "HikariPool-1 - Pool stats (total=20, active=%d, idle=%d, waiting=0)" % (a := r.randint(1, 7), 20 - a),
                  logger="com.zaxxer.hikari.pool.HikariPool", thread="HikariPool-1 housekeeper")
        if r.random() < 0.06:
            g.app("orders-svc", t + r.random() * 60, "WARN", "HikariPool-1 - Thread starvation or clock leap detected (housekeeper delta=1m4s345ms).",
                  logger="com.zaxxer.hikari.pool.HikariPool", thread="HikariPool-1 housekeeper")
        if r.random() < 0.1:
            g.app("orders-svc", t + r.random() * 60, "WARN", "Resolved [org.springframework.web.HttpMediaTypeNotSupportedException: Content-Type 'text/plain;charset=UTF-8' is not supported]",
                  logger="o.s.w.s.m.m.a.ExceptionHandlerExceptionResolver")
        # tracking-svc
        for _ in range(r.randint(5, 9)):
            g.app("tracking-svc", t + r.random() * 60, "info", r.choice(["carrier poll complete", "webhook event stored", "eta recomputed"]),
                  caller=r.choice(["poller/carrier.go:88", "ingest/store.go:64", "eta/model.go:131"]),
                  carrier=r.choice(["DHL", "UPS", "DPD", "GLS", "PostNL"]), events=r.randint(0, 220))
        if r.random() < 0.15:
            g.app("tracking-svc", t + r.random() * 60, "warn", "carrier poll failed, will retry", caller="poller/carrier.go:97",
                  carrier="UPS", error="unexpected status 503 from onlinetools.ups.com", attempt=r.randint(1, 3))
        # pricing-svc (stderr → ERROR severity even for INFO)
        for _ in range(r.randint(2, 5)):
            g.app("pricing-svc", t + r.random() * 60, "INFO", r.choice([
                "quote computed lane=%s service=%s cache=%s" % (r.choice(["DE->FR", "DE->DE", "NL->DE", "DE->AT", "FR->ES", "DE->PL"]), r.choice(["standard", "express"]), r.choice(["hit", "hit", "hit", "miss"])),
                "fx rates refreshed base=EUR n=31"]))
        if r.random() < 0.08:
            g.app("pricing-svc", t + r.random() * 60, "WARNING", "fx rate cache stale by %ds, serving last known" % r.randint(61, 140), logger="pricing.fx")
        # ingest-worker
        for _ in range(r.randint(4, 7)):
            g.app("ingest-worker", t + r.random() * 60, "info", "batch processed", subscription="carrier-webhooks-sub",
                  n=r.randint(1, 50), ms=r.randint(8, 300))
        if r.random() < 0.12:
            g.app("ingest-worker", t + r.random() * 60, "warning", "StreamingPull stream closed, reopening", code="UNAVAILABLE",
                  logger="google.cloud.pubsub_v1.subscriber._protocol.streaming_pull_manager")
        # web-bff
        for _ in range(r.randint(3, 6)):
            g.app("web-bff", t + r.random() * 60, "INFO", r.choice(["session refreshed", "render track page", "feature bundle served"]),
                  route=r.choice(["/track/:id", "/", "/api/session"]))
        if r.random() < 0.2:
            g.app("web-bff", t + r.random() * 60, "WARN", "client aborted request before response was sent", code="ECONNRESET")
        # checkout-api
        for _ in range(r.randint(2, 5)):
            g.app("checkout-api", t + r.random() * 60, "INFO", r.choice(["quote requested", "checkout session created", "payment authorized"]),
                  merchant="mrc_%04d" % r.randint(1, 900))
        if r.random() < 0.12:
            g.app("checkout-api", t + r.random() * 60, "WARNING", "card declined by issuer", decline_code=r.choice(["insufficient_funds", "do_not_honor"]))
        # notify-worker (Cloud Tasks push)
        for _ in range(r.randint(3, 7)):
            tt = t + r.random() * 60
            g.app("notify-worker", tt, "INFO", "notification sent", channel=r.choice(["email", "email", "sms", "push"]),
                  template=r.choice(["shipment_created", "out_for_delivery", "delivered"]), task="notify-%s" % g.hx(10))
            g.add(tt + 0.2, g.run_res("notify-worker"), "run.googleapis.com%2Frequests", "INFO",
                  http={"requestMethod": "POST", "requestUrl": "https://notify-worker-q3ab7vcd5a-uc.a.run.app/tasks/send",
                        "status": 200, "requestSize": "1843", "responseSize": "12", "userAgent": "Google-Cloud-Tasks",
                        "remoteIp": "107.178.%d.%d" % (r.randint(192, 255), r.randint(1, 254)),
                        "serverIp": "169.254.8.1", "latency": "%.6fs" % r.uniform(0.09, 0.6), "protocol": "HTTP/1.1"},
                  trace=g.hx(32), labels={"instanceId": "00f46b9285" + g.hx(40)})
        if r.random() < 0.05:
            g.app("notify-worker", t + r.random() * 60, "WARN", "sms provider returned soft bounce", provider="messagebird", to="+49***%04d" % r.randint(0, 9999))
        # postgres
        if m % 5 == 0:
            g.pg(t + 3, "LOG", "checkpoint starting: time", db=None)
            g.pg(t + 33, "LOG", "checkpoint complete: wrote %d buffers (%.1f%%); 0 WAL file(s) added, 0 removed, %d recycled; write=26.9 s, sync=0.004 s, total=27.0 s" % (r.randint(900, 5000), r.uniform(0.5, 3), r.randint(1, 4)), db=None)
        if r.random() < 0.25:
            g.pg(t + r.random() * 60, "LOG", "automatic vacuum of table \"orders.public.%s\": index scans: 1" % r.choice(["tracking_events", "sessions", "label_jobs"]), db=None)
        if r.random() < 0.15:
            g.pg(t + r.random() * 60, "LOG", "could not receive data from client: Connection reset by peer")
        if r.random() < 0.3:
            g.pg(t + r.random() * 60, "LOG", "duration: %d.%03d ms  statement: SELECT s.* FROM shipments s JOIN merchants m ON m.id = s.merchant_id WHERE m.external_ref = $1 ORDER BY s.created_at DESC LIMIT 50" % (r.randint(1000, 2400), r.randint(0, 999)))
        # cloud run platform
        if r.random() < 0.06:
            svc = r.choice(list(RUN))
            g.add(t + r.random() * 60, g.run_res(svc), "run.googleapis.com%2Fvarlog%2Fsystem", "INFO",
                  text="Starting new instance. Reason: AUTOSCALING - Instance started due to configured scaling factors (e.g. CPU utilization, request throughput, etc.) or no existing capacity for current traffic.")
        # kubelet noise
        if r.random() < 0.05:
            node = r.choice(NODES)
            g.add(t + r.random() * 60, {"type": "k8s_node", "labels": {"project_id": P, "location": REGION + "-" + r.choice("abc"), "cluster_name": CLUSTER, "node_name": node}},
                  "kubelet", "INFO", text='I%s %7d image_gc_manager.go:434] "Disk usage on image filesystem is over the high threshold, trying to free bytes down to the low threshold" usage=86 highThreshold=85 amountToFree=1043201433 lowThreshold=80' % (
                      dt.datetime.fromtimestamp(t, dt.timezone.utc).strftime("%m%d %H:%M:%S.%f"), r.randint(1000, 3000)))
        # health checks
        for svc in ("orders-svc", "tracking-svc"):
            if r.random() < 0.3:
                g.app(svc, t + r.random() * 60, "DEBUG" if svc == "orders-svc" else "debug", "GET /actuator/health 200" if svc == "orders-svc" else "healthz ok",
                      **({"logger": "o.s.web.servlet.DispatcherServlet"} if svc == "orders-svc" else {}))
        t += 60
    # periodic: merchant sync cronjob every 15 min
    tt = g.t0 + 60 * (15 - (int(g.t0 / 60) % 15))
    while tt < g.t1:
        g.app("orders-svc", tt, "INFO", "MerchantSyncJob started, merchants=412", logger="c.p.orders.jobs.MerchantSyncJob", thread="scheduling-1")
        g.app("orders-svc", tt + r.uniform(40, 90), "INFO", "MerchantSyncJob finished, updated=%d failed=%d" % (r.randint(30, 120), r.randint(0, 3)), logger="c.p.orders.jobs.MerchantSyncJob", thread="scheduling-1")
        tt += 900
