from noise import gke_platform, ingress_line, chaos_mesh_controller


def pylog(g, t, lvl, name, msg, pid=None):
    return "[%s: %s/%s] %s" % (g.fmt(t, "%Y-%m-%d %H:%M:%S,") + "%03d" % (g.at(t).microsecond // 1000), lvl, name, msg)


# 4 ----------------------------------------------------------------------------------------------
def celery_pid_exhaustion(g):
    r = g.rng
    nodes = ["gke-media-prod-pool-1-%s-%s" % (g.hexid(8), g.hexid(4)) for _ in range(3)]
    gke_platform(g, nodes)
    api = [g.k8s("media", "media-api-5d7f9c8b6-%s" % g.hexid(5), "django", node=r.choice(nodes)) for _ in range(3)]
    wk = [g.k8s("media", "media-worker-thumbs-74c9d8f6b-%s" % g.hexid(5), "celery", node=nodes[i % 3]) for i in range(3)]
    beat = g.k8s("media", "media-beat-6f8d7c9b5-%s" % g.hexid(5), "celery-beat", node=nodes[2])
    ing = g.k8s("ingress-nginx", "ingress-nginx-controller-5b7c-%s" % g.hexid(5), "controller", node=nodes[1])
    # zombie leak: each worker hits pids.max at a different time; window opens mid-leak
    full = {0: 520.0, 1: 880.0, 2: 1320.0}

    def upload(t):
        a = r.choice(api)
        mid = g.hexid(12)
        lat = r.uniform(0.08, 0.6)
        g.jout(t, a, {"event": "upload accepted", "media_id": mid, "bytes": r.randint(10**5, 2 * 10**7), "content_type": r.choice(["image/jpeg", "image/png", "video/mp4"]), "logger": "media.views", "level": "info", "timestamp": g.iso(t)}, sev="INFO")
        g.out(t + lat, ing, ingress_line(g, t, "POST", "/api/v2/media", 201, lat, "media-media-api-8000", "%s:8000" % g.podip()))
        # task on a worker
        i = r.randrange(3)
        tt = t + r.uniform(0.1, 2)
        tid = "%s-%s-%s-%s-%s" % (g.hexid(8), g.hexid(4), g.hexid(4), g.hexid(4), g.hexid(12))
        w = wk[i]
        g.err(tt, w, pylog(g, tt, "INFO", "MainProcess", "Task media.tasks.make_thumbnails[%s] received" % tid), sev="INFO")
        if tt >= full[i]:
            if r.random() < 0.6:
                g.pytb(tt + 0.05, w, [("/app/media/tasks.py\", line 88, in make_thumbnails", "out = subprocess.run([\"convert\", src, \"-thumbnail\", spec, dst], capture_output=True, timeout=60)"),
                                       ("/usr/local/lib/python3.11/subprocess.py\", line 548, in run", "with Popen(*popenargs, **kwargs) as process:"),
                                       ("/usr/local/lib/python3.11/subprocess.py\", line 1955, in _execute_child", "self.pid = _fork_exec(")],
                       "BlockingIOError: [Errno 11] Resource temporarily unavailable")
                g.err(tt + 0.06, w, pylog(g, tt, "WARNING", "ForkPoolWorker-%d" % r.randint(1, 8), "Task media.tasks.make_thumbnails[%s] retry: Retry in 30s: BlockingIOError(11, 'Resource temporarily unavailable')" % tid), sev="WARNING")
            else:
                g.err(tt + 0.05, w, pylog(g, tt, "ERROR", "ForkPoolWorker-%d" % r.randint(1, 8), "Task media.tasks.make_thumbnails[%s] raised unexpected: RuntimeError(\"can't start new thread\")" % tid))
        else:
            d = r.uniform(0.4, 3.5)
            g.err(tt + d, w, pylog(g, tt + d, "INFO", "ForkPoolWorker-%d" % r.randint(1, 8), "Task media.tasks.make_thumbnails[%s] succeeded in %.4fs: {'sizes': [160, 480, 1080]}" % (tid, d)), sev="INFO")
    g.poisson(1.3, upload)

    # kernel pids controller messages on the nodes hosting the workers (root cause)
    def kern(t):
        for i in range(3):
            if t >= full[i] and r.random() < 0.5:
                n = g.k8s_node(nodes[i % 3])
                g.add(t, n, "kernel", sev=None, js={"MESSAGE": "cgroup: fork rejected by pids controller in /kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod%s.slice/cri-containerd-%s.scope" % (g.hexid(32), g.hexid(64)), "SYSLOG_IDENTIFIER": "kernel", "_HOSTNAME": nodes[i % 3]})
    g.every(12, kern, jitter=0.4)
    # the leak itself: convert children are never reaped (no init in image); ps shows defunct
    def defunct(t):
        i = r.randrange(3)
        n = int(300 + t * 1.9 + i * 250)
        g.err(t, wk[i], pylog(g, t, "WARNING", "MainProcess", "pool health: %d child processes in state Z (<defunct> convert) under worker pid 1" % min(n, 4093)), sev="WARNING")
    g.every(90, defunct, jitter=0.2)
    g.audit(30, "io.k8s.core.v1.pods.exec.create", "core/v1/namespaces/media/pods/%s/exec" % wk[0]["labels"]["pod_name"], "oncall-mfisher@mediahive.io",
            ua="kubectl/v1.30.4 (linux/amd64) kubernetes/1a2b3c4")

    # beat + scheduled tasks
    g.every(60, lambda t: g.err(t, beat, pylog(g, t, "INFO", "MainProcess", "Scheduler: Sending due task purge-expired-uploads (media.tasks.purge_expired)"), sev="INFO"), jitter=0.01)
    g.every(300, lambda t: g.err(t, beat, pylog(g, t, "INFO", "MainProcess", "Scheduler: Sending due task rebuild-cdn-manifest (media.tasks.rebuild_manifest)"), sev="INFO"), jitter=0.01)
    g.every(30, lambda t: [g.err(t + k, wk[k], pylog(g, t, "DEBUG", "MainProcess", "heartbeat_tick : for connection %s" % g.hexid(32)), sev="INFO") for k in range(3)])
    # api reads
    def reads(t):
        a = r.choice(api)
        lat = r.uniform(0.01, 0.12)
        p = r.choice(["/api/v2/media/%s" % g.hexid(12), "/api/v2/albums/%d" % r.randint(1, 9999), "/healthz"])
        g.jout(t, a, {"event": "request finished", "path": p, "status": 200, "duration_ms": int(lat * 1000), "logger": "django.request", "level": "info", "timestamp": g.iso(t)}, sev="INFO")
        g.out(t + lat, ing, ingress_line(g, t, "GET", p, 200, lat, "media-media-api-8000", "%s:8000" % g.podip()))
    g.poisson(2.0, reads)
    # thumbnails missing -> clients get placeholder (404 from CDN origin on thumb)
    def thumb404(t):
        if t > full[0] + 60 and r.random() < 0.4 + 0.2 * sum(1 for v in full.values() if t > v):
            a = r.choice(api)
            g.jout(t, a, {"event": "thumbnail not ready, serving placeholder", "media_id": g.hexid(12), "size": 480, "logger": "media.views", "level": "warning", "timestamp": g.iso(t)}, sev="WARNING")
    g.every(2, thumb404)
    # distractors
    g.every(45, lambda t: g.jout(t, r.choice(api), {"event": "Failed to send event to Sentry", "error": "HTTPSConnectionPool(host='o4504.ingest.sentry.io', port=443): Read timed out. (read timeout=2)", "logger": "sentry_sdk.errors", "level": "error", "timestamp": g.iso(t)}, sev="ERROR"), jitter=0.6)
    def redis_warn(t):
        w = r.choice(wk)
        g.err(t, w, pylog(g, t, "WARNING", "MainProcess", "consumer: Connection to broker lost. Trying to re-establish the connection..."), sev="WARNING")
        g.err(t + 2, w, pylog(g, t + 2, "INFO", "MainProcess", "Connected to redis://media-redis.media.svc.cluster.local:6379/0"), sev="INFO")
    g.every(500, redis_warn, jitter=0.3)
    chaos_mesh_controller(g, [(200, 500, "PodChaos", "media-staging", "api-pod-failure", "media-api-staging-5d7f9c8b6-9hq2x")])
    return {
        "title": "Thumbnail Celery workers leak <defunct> convert processes and hit the pod pids limit; thumbnail tasks fail to fork",
        "root_cause": {"evidence": ["fork rejected by pids controller", "state Z (<defunct> convert)"], "category": "resource-exhaustion",
                       "must_mention": ["pids", "media-worker-thumbs"]},
        "symptoms": [{"evidence": "Resource temporarily unavailable"}, {"evidence": "thumbnail not ready, serving placeholder"}, {"evidence": "can't start new thread"}],
        "distractors": [{"evidence": "Failed to send event to Sentry"}, {"evidence": "api-pod-failure"}],
        "priority": "P2",
    }


# 5 ----------------------------------------------------------------------------------------------
def temporal_nondeterminism(g):
    r = g.rng
    nodes = ["gke-payments-pool-%s-%s" % (g.hexid(8), g.hexid(4)) for _ in range(4)]
    gke_platform(g, nodes)
    fe = [g.k8s("temporal", "temporal-frontend-7b8c9d6f5-%s" % g.hexid(5), "temporal-frontend", node=r.choice(nodes)) for _ in range(2)]
    hist = [g.k8s("temporal", "temporal-history-6c7d8e9f4-%s" % g.hexid(5), "temporal-history", node=r.choice(nodes)) for _ in range(3)]
    match = [g.k8s("temporal", "temporal-matching-5f6a7b8c9-%s" % g.hexid(5), "temporal-matching", node=r.choice(nodes)) for _ in range(2)]
    old = [g.k8s("payments", "payments-worker-8d7c6b5a4-%s" % g.hexid(5), "worker", node=r.choice(nodes)) for _ in range(3)]
    new = [g.k8s("payments", "payments-worker-9f1e2d3c7-%s" % g.hexid(5), "worker", node=r.choice(nodes)) for _ in range(3)]
    api = [g.k8s("payments", "orders-api-6a5b4c3d2-%s" % g.hexid(5), "orders-api", node=r.choice(nodes)) for _ in range(3)]
    roll = 600.0

    def worker_alive(w, t):
        if w in old:
            return t < roll + 40 * old.index(w) + 30
        return t >= roll + 40 * new.index(w)

    def glog(t, res, lvl, msg, **kv):
        js = {"level": lvl, "ts": g.iso(t), "msg": msg}
        js.update(kv)
        return g.jout(t, res, js, sev={"debug": "DEBUG", "info": "INFO", "warn": "WARNING", "error": "ERROR"}[lvl])

    g.audit(roll - 20, "io.k8s.apps.v1.deployments.patch", "apps/v1/namespaces/payments/deployments/payments-worker", "argocd-application-controller@%s.iam.gserviceaccount.com" % g.project,
            req={"spec": {"template": {"spec": {"containers": [{"name": "worker", "image": "us-docker.pkg.dev/%s/payments/payments-worker:2.14.0" % g.project}]}}}}, ua="argocd-application-controller/v2.12.3")
    for k, w in enumerate(new):
        t = roll + 40 * k
        g.k8s_event(t - 3, "payments", "Pod", w["labels"]["pod_name"], "Started", "Started container worker")
        g.out(t, w, "%s INFO  Started Worker Namespace payments TaskQueue payment-tq WorkerID 1@%s@ BuildID 2.14.0" % (g.fmt(t, "%Y/%m/%d %H:%M:%S"), w["labels"]["pod_name"]))
    for k, w in enumerate(old):
        t = roll + 40 * k + 30
        g.k8s_event(t, "payments", "Pod", w["labels"]["pod_name"], "Killing", "Stopping container worker")
        g.out(t + 1, w, "%s INFO  Stopped Worker Namespace payments TaskQueue payment-tq WorkerID 1@%s@" % (g.fmt(t + 1, "%Y/%m/%d %H:%M:%S"), w["labels"]["pod_name"]))

    inflight = []

    def start_wf(t):
        a = r.choice(api)
        wid = "payment-%s" % g.hexid(10)
        rid = "%s-%s-%s-%s-%s" % (g.hexid(8), g.hexid(4), g.hexid(4), g.hexid(4), g.hexid(12))
        glog(t, a, "info", "started payment workflow", workflow_id=wid, run_id=rid, order_id="ord_%s" % g.hexid(8))
        inflight.append((t, wid, rid))
    g.poisson(0.6, start_wf)

    def run_wf(t0, wid, rid):
        # workflow: ReserveFunds -> timer 2m (fraud window) -> ChargeCard. Replay across versions breaks.
        cand = [w for w in old + new if worker_alive(w, t0 + 0.2)]
        w1 = r.choice(cand)
        glog(t0 + 0.3, w1, "debug", "ExecuteActivity", Namespace="payments", TaskQueue="payment-tq", WorkflowID=wid, RunID=rid, ActivityID="5", ActivityType="ReserveFunds", Attempt=1)
        t2 = t0 + 120 + r.uniform(0.1, 1)
        cand2 = [w for w in old + new if worker_alive(w, t2)]
        w2 = r.choice(cand2)
        if w1 in old and w2 in new and t2 < g.dur:
            # replay on new code -> nondeterminism, keeps retrying every ~10s
            tt = t2
            att = 0
            while tt < g.dur:
                att += 1
                w2 = r.choice([w for w in new if worker_alive(w, tt)] or new)
                glog(tt, w2, "error", "Workflow panic", Namespace="payments", TaskQueue="payment-tq", WorkerID="1@%s@" % w2["labels"]["pod_name"], WorkflowType="PaymentWorkflow", WorkflowID=wid, RunID=rid, Attempt=att,
                     Error="[TMPRL1100] nondeterministic workflow definition: history event is ActivityTaskScheduled: (ActivityId:5, ActivityType:(Name:ReserveFunds), TaskQueue:(Name:payment-tq)), replay command is ScheduleActivityTask: (ActivityId:5, ActivityType:(Name:ScreenFraud), TaskQueue:(Name:payment-tq))",
                     StackTrace="go.temporal.io/sdk/internal.(*workflowExecutionEventHandlerImpl).ProcessEvent")
                if r.random() < 0.5:
                    h = r.choice(hist)
                    glog(tt + 0.01, h, "info", "Workflow task failed", **{"service": "history", "shard-id": r.randint(1, 512), "wf-namespace": "payments", "wf-id": wid, "wf-run-id": rid, "cause": "WorkflowWorkerUnhandledFailure", "logging-call-at": "workflow_task_handler.go:427"})
                tt += min(120, 10 * 1.6 ** int((tt - t2) / 30)) + r.uniform(0, 3)
            return
        glog(t2, w2, "debug", "ExecuteActivity", Namespace="payments", TaskQueue="payment-tq", WorkflowID=wid, RunID=rid, ActivityID="9", ActivityType="ChargeCard", Attempt=1)
        if t2 + 1 < g.dur:
            a = r.choice(api)
            glog(t2 + 1, a, "info", "payment workflow completed", workflow_id=wid, status="COMPLETED")

    # orders-api waits for the charge result; stuck ones time out at 5 min
    def check_stuck(t):
        pass
    g.every(1e9, check_stuck)

    # long-poll noise (distractor: frontend context deadline exceeded on idle polls)
    def poll(t):
        f = r.choice(fe)
        glog(t, f, "warn", "history client encountered error", **{"service": "frontend", "error": "context deadline exceeded", "service-error-type": "serviceerror.DeadlineExceeded", "logging-call-at": "metric_client.go:218"})
    g.poisson(0.7, poll)
    def match_noise(t):
        m = r.choice(match)
        glog(t, m, "info", "Task queue manager stopped", **{"service": "matching", "component": "matching-engine", "wf-task-queue-name": "/_sys/payment-tq/%d" % r.randint(1, 3), "wf-task-queue-type": "Activity", "lifecycle": "Stopped", "logging-call-at": "task_queue_manager.go:%d" % 341})
    g.every(45, match_noise, jitter=0.5)
    def hist_noise(t):
        h = r.choice(hist)
        glog(t, h, "info", "Processing replication task batch", **{"service": "history", "shard-id": r.randint(1, 512), "count": r.randint(0, 20), "logging-call-at": "replication_task_processor.go:195"})
    g.every(8, hist_noise, jitter=0.5)
    g.every(15, lambda t: [glog(t, w, "debug", "Polling for workflow task", TaskQueue="payment-tq") for w in old + new if worker_alive(w, t)])
    # api status lookups + http
    def status(t):
        a = r.choice(api)
        glog(t, a, "info", "http request", method="GET", path="/v1/orders/ord_%s/payment" % g.hexid(8), status=200, latency_ms=r.randint(4, 40))
    g.poisson(2.0, status)

    # simulate workflows (deterministic order)
    for (t0, wid, rid) in sorted(inflight):
        run_wf(t0, wid, rid)
    # timeouts in orders-api: workflows stuck > 5min
    def timeouts(t):
        if t > roll + 420:
            for _ in range(r.randint(1, 3)):
                a = r.choice(api)
                glog(t + r.uniform(0, 10), a, "error", "payment not confirmed within 5m0s, order left in PENDING_PAYMENT", order_id="ord_%s" % g.hexid(8), workflow_status="RUNNING")
    g.every(10, timeouts)
    g.every(120, lambda t: glog(t, r.choice(api), "warn", "slow query on orders replica", duration_ms=r.randint(700, 2400), query="SELECT * FROM order_events WHERE order_id=$1"), jitter=0.5)
    return {
        "title": "payments-worker 2.14.0 changed PaymentWorkflow activity order; in-flight workflows hit [TMPRL1100] nondeterminism on replay and stall",
        "root_cause": {"evidence": ["nondeterministic workflow definition", "TMPRL1100"], "category": "code-bug",
                       "must_mention": ["PaymentWorkflow", "payments-worker"]},
        "symptoms": [{"evidence": "WorkflowWorkerUnhandledFailure"}, {"evidence": "payment not confirmed within 5m0s"}],
        "distractors": [{"evidence": "history client encountered error"}, {"evidence": "slow query on orders replica"}],
        "priority": "P1",
    }


# 6 ----------------------------------------------------------------------------------------------
def activemq_consumer_scaled_zero(g):
    r = g.rng
    nodes = ["gke-billing-pool-%s-%s" % (g.hexid(8), g.hexid(4)) for _ in range(3)]
    gke_platform(g, nodes)
    amq = g.k8s("messaging", "activemq-0", "activemq", node=nodes[0])
    cons = [g.k8s("billing", "invoice-consumer-7c8d9e6f5-%s" % g.hexid(5), "app", node=r.choice(nodes)) for _ in range(3)]
    api = [g.k8s("billing", "billing-api-5b6c7d8e9-%s" % g.hexid(5), "app", node=r.choice(nodes)) for _ in range(3)]
    mail = g.k8s("billing", "notification-consumer-6a7b8c9d0-%s" % g.hexid(5), "app", node=nodes[2])
    ing = g.k8s("ingress-nginx", "ingress-nginx-controller-4d5e-%s" % g.hexid(5), "controller", node=nodes[1])
    scale_t = 240.0
    full_t = 1020.0   # queue memory limit reached

    def lb(t, res, lvl, thread, logger, msg, sev=None):
        return g.out(t, res, "%s %-5s [%s] %s - %s" % (g.fmt(t, "%Y-%m-%d %H:%M:%S,") + "%03d" % (g.at(t).microsecond // 1000), lvl, thread, logger, msg),
                     sev=sev or {"INFO": "INFO", "WARN": "WARNING", "ERROR": "ERROR", "DEBUG": "DEBUG"}[lvl])

    def amqlog(t, lvl, logger, msg, thread="ActiveMQ Transport: tcp:///10.12.3.4:61616@%d"):
        g.out(t, amq, " %s | %-5s | %s | %s | %s" % (g.ms(t).replace(".", ","), lvl, msg, logger, thread % r.randint(40000, 60000) if "%d" in thread else thread),
              sev={"INFO": "INFO", "WARN": "WARNING", "ERROR": "ERROR"}[lvl])

    g.audit(scale_t, "io.k8s.apps.v1.deployments.scale.patch", "apps/v1/namespaces/billing/deployments/invoice-consumer/scale", "gameday-runner@%s.iam.gserviceaccount.com" % g.project,
            req={"spec": {"replicas": 0}}, ua="litmus-chaos-runner/3.10.0")
    litmus = g.k8s("litmus", "invoice-consumer-scale-runner-%s" % g.hexid(5), "chaos-runner", node=nodes[2])
    g.out(scale_t - 5, litmus, 'time="%s" level=info msg="Experiment details are as follows" Experiment Name=pod-autoscaler Namespace=billing "App Label"="app=invoice-consumer" Replica Count=0' % g.iso(scale_t - 5))
    g.out(scale_t - 1, litmus, 'time="%s" level=info msg="[Chaos]: Scaling the application" replicas=0 deployment=invoice-consumer' % g.iso(scale_t - 1))
    g.out(scale_t + 30, litmus, 'time="%s" level=error msg="Chaos injection failed" err="unable to get the chaos result: chaosresults.litmuschaos.io \\"invoice-consumer-scale-pod-autoscaler\\" is forbidden"' % g.iso(scale_t + 30))
    g.out(scale_t + 31, litmus, 'time="%s" level=info msg="[Abort]: Chaos Revert skipped, revert is handled by the experiment pod"' % g.iso(scale_t + 31))
    for k, c in enumerate(cons):
        g.k8s_event(scale_t + 1 + k * 0.3, "billing", "Pod", c["labels"]["pod_name"], "Killing", "Stopping container app")
        lb(scale_t + 2 + k, c, "INFO", "SpringApplicationShutdownHook", "o.s.j.l.DefaultMessageListenerContainer", "Shutting down JMS listener container")
    amqlog(scale_t + 3, "INFO", "org.apache.activemq.broker.TransportConnection.Transport", "Transport Connection to: tcp://10.12.5.31:51802 failed: java.io.EOFException")

    depth = [0]

    def produce(t):
        a = r.choice(api)
        inv = "INV-%d" % r.randint(10**6, 10**7)
        if t >= full_t:
            lat = 30.0 + r.uniform(0, 0.1)
            lb(t + lat, a, "ERROR", "http-nio-8080-exec-%d" % r.randint(1, 200), "c.f.billing.InvoiceController", "Failed to enqueue invoice %s: org.springframework.jms.UncategorizedJmsException: Uncategorized exception occurred during JMS processing; nested exception is javax.jms.JMSException: Send timed out due to producer flow control" % inv)
            g.out(t + lat, ing, ingress_line(g, t, "POST", "/api/invoices", 503, lat, "billing-billing-api-8080", "%s:8080" % g.podip()))
        else:
            lat = r.uniform(0.02, 0.15)
            lb(t + lat, a, "INFO", "http-nio-8080-exec-%d" % r.randint(1, 200), "c.f.billing.InvoiceController", "Invoice %s queued to queue://billing.invoices.render" % inv)
            g.out(t + lat, ing, ingress_line(g, t, "POST", "/api/invoices", 202, lat, "billing-billing-api-8080", "%s:8080" % g.podip()))
            if t < scale_t:
                c = r.choice(cons)
                d = r.uniform(0.2, 1.2)
                lb(t + d, c, "INFO", "DefaultMessageListenerContainer-%d" % r.randint(1, 8), "c.f.billing.render.InvoiceRenderListener", "Rendered %s to gs://fw-billing-invoices/%s.pdf in %dms" % (inv, inv, int(d * 1000)))
    g.poisson(3.0, produce)

    def usage(t):
        if t >= scale_t:
            pct = min(100, int((t - scale_t) / (full_t - scale_t) * 100))
            if pct >= 70 and t < full_t:
                amqlog(t, "INFO", "org.apache.activemq.broker.region.Queue", "Usage(default:memory:queue://billing.invoices.render:memory) percentUsage=%d%%, usage=%d, limit=67108864, percentUsageMinDelta=1%%;Parent:Usage(default:memory) percentUsage=%d%%" % (pct, 67108864 * pct // 100, pct // 2), thread="ActiveMQ VMTransport: vm://localhost#%d")
            if t >= full_t:
                amqlog(t, "INFO", "org.apache.activemq.broker.region.Queue", "Usage Manager Memory Limit (67108864) reached on queue://billing.invoices.render, size 21914. Producers will be throttled to the rate at which messages are removed from this destination to prevent flooding it. See http://activemq.apache.org/producer-flow-control.html for more info.")
    g.every(20, usage, jitter=0.05)
    # jolokia/stats logger from sidecar
    g.every(60, lambda t: g.out(t, amq, '{"source":"amq-exporter","queue":"billing.invoices.render","QueueSize":%d,"ConsumerCount":%d,"EnqueueCount":%d,"DequeueCount":%d}' % (int(max(0, t - scale_t) * 3 * (1 if t < full_t else 0.0) + (21914 if t >= full_t else 0) + r.randint(0, 20)), 0 if t > scale_t else 3, int(t * 3) + 902113, 902113 + int(min(t, scale_t) * 3))), jitter=0.02)
    # notification consumer still healthy; its noise
    def mailc(t):
        lb(t, mail, "INFO", "DefaultMessageListenerContainer-1", "c.f.billing.notify.NotificationListener", "Sent payment-reminder email to customer %d" % r.randint(10**5, 10**6))
    g.poisson(0.6, mailc)
    # distractors
    def smtp(t):
        lb(t, mail, "WARN", "DefaultMessageListenerContainer-2", "c.f.billing.notify.SmtpSender", "SMTP 451 4.7.1 Try again later (greylisted) for recipient @outlook-partner.example, message will be redelivered")
    g.every(50, smtp, jitter=0.5)
    def advisory(t):
        amqlog(t, "WARN", "org.apache.activemq.broker.TransportConnection.Transport", "Transport Connection to: tcp://10.12.%d.%d:%d failed: org.apache.activemq.transport.InactivityIOException: Channel was inactive (no connection attempt made) for too (>30000) long: tcp://10.12.%d.%d:%d" % (r.randint(0, 9), r.randint(2, 250), r.randint(30000, 60000), r.randint(0, 9), r.randint(2, 250), r.randint(30000, 60000)))
    g.every(70, advisory, jitter=0.5)
    g.every(30, lambda t: amqlog(t, "INFO", "org.apache.activemq.store.kahadb.MessageDatabase", "KahaDB: Recovering checkpoint thread after death", thread="ActiveMQ Journal Checkpoint Worker") if r.random() < 0.02 else None)
    g.every(10, lambda t: [lb(t, a, "DEBUG", "scheduling-1", "o.s.b.a.health.HealthEndpoint", "Health UP: jms=UP db=UP") for a in api])
    return {
        "title": "Game-day pod-autoscaler experiment scaled invoice-consumer to 0 and never reverted; ActiveMQ hits memory limit, producer flow control blocks billing-api",
        "root_cause": {"evidence": ["deployments.scale.patch", "Scaling the application"], "category": "capacity",
                       "must_mention": ["invoice-consumer", "replicas"]},
        "symptoms": [{"evidence": "Usage Manager Memory Limit"}, {"evidence": "producer flow control"}, {"evidence": "Failed to enqueue invoice"}],
        "distractors": [{"evidence": "greylisted"}, {"evidence": "InactivityIOException"}],
        "priority": "P1",
    }


# 7 ----------------------------------------------------------------------------------------------
def envoy_keepalive_race(g):
    r = g.rng
    nodes = ["gke-edge-pool-%s-%s" % (g.hexid(8), g.hexid(4)) for _ in range(4)]
    gke_platform(g, nodes)
    envoy = [g.k8s("projectcontour", "envoy-%s" % g.hexid(5), "envoy", node=nodes[i]) for i in range(3)]
    contour = g.k8s("projectcontour", "contour-6d9b8c7f5-%s" % g.hexid(5), "contour", node=nodes[3])
    prof_old = [g.k8s("accounts", "profile-svc-5c6d7e8f9-%s" % g.hexid(5), "profile-svc", node=r.choice(nodes)) for _ in range(3)]
    prof_new = [g.k8s("accounts", "profile-svc-7a8b9c0d1-%s" % g.hexid(5), "profile-svc", node=r.choice(nodes)) for _ in range(3)]
    web = [g.k8s("accounts", "account-web-4e5f6a7b8-%s" % g.hexid(5), "nextjs", node=r.choice(nodes)) for _ in range(2)]
    roll = 360.0

    g.audit(roll - 15, "io.k8s.apps.v1.deployments.patch", "apps/v1/namespaces/accounts/deployments/profile-svc", "argocd-application-controller@%s.iam.gserviceaccount.com" % g.project,
            req={"spec": {"template": {"spec": {"containers": [{"name": "profile-svc", "image": "ghcr.io/kestrel-io/profile-svc:4.0.0"}]}}}}, ua="argocd-application-controller/v2.12.3")
    for k, p in enumerate(prof_new):
        t = roll + k * 25
        g.k8s_event(t - 2, "accounts", "Pod", p["labels"]["pod_name"], "Started", "Started container profile-svc")
        g.jout(t, p, {"level": 30, "time": int(g.at(t).timestamp() * 1000), "pid": 1, "hostname": p["labels"]["pod_name"], "msg": "profile-svc 4.0.0 starting (node v22.11.0, fastify 5.1.0)"})
        g.jout(t + 0.4, p, {"level": 30, "time": int(g.at(t).timestamp() * 1000), "pid": 1, "hostname": p["labels"]["pod_name"], "msg": "Server listening at http://0.0.0.0:8080"})
        g.jout(t + 0.41, p, {"level": 30, "time": int(g.at(t).timestamp() * 1000), "pid": 1, "hostname": p["labels"]["pod_name"], "msg": "http server options: keepAliveTimeout=5000 requestTimeout=0 connectionTimeout=0 maxRequestsPerSocket=0"})
        g.k8s_event(t + 10, "accounts", "Pod", prof_old[k]["labels"]["pod_name"], "Killing", "Stopping container profile-svc")
    for k, p in enumerate(prof_old):
        g.jout(1, p, {"level": 30, "time": int(g.at(1).timestamp() * 1000), "pid": 1, "hostname": p["labels"]["pod_name"], "msg": "config loaded", "env": "production", "region": "us-central1"})

    def alive(p, t):
        if p in prof_old:
            return t < roll + prof_old.index(p) * 25 + 10
        return t >= roll + prof_new.index(p) * 25

    def req(t):
        e = r.choice(envoy)
        path = r.choice(["/api/profile/me", "/api/profile/preferences", "/api/profile/avatar", "/api/profile/addresses"])
        method = "GET" if r.random() < 0.8 else "PATCH"
        cands = [p for p in prof_old + prof_new if alive(p, t)]
        p = r.choice(cands)
        fail = p in prof_new and r.random() < 0.035
        rid = "%s-%s-%s-%s-%s" % (g.hexid(8), g.hexid(4), g.hexid(4), g.hexid(4), g.hexid(12))
        if fail:
            lat = r.uniform(0.0005, 0.004)
            g.out(t + lat, e, '[%s] "%s %s HTTP/2" 503 UC 0 95 %d - "%s" "%s" "%s" "api.kestrel.io" "%s:8080" upstream_reset_before_response_started{connection_termination}' % (g.iso(t)[:-4] + "Z", method, path, lat * 1000, g.ip(), r.choice(__import__("common").UA[:3]), rid, g.podip()))
            g.jout(t + 0.01, r.choice(web), {"level": "error", "time": g.iso(t), "msg": "upstream request failed", "status": 503, "body": "upstream connect error or disconnect/reset before headers. reset reason: connection termination", "path": path, "requestId": rid}, sev="ERROR")
        else:
            lat = r.uniform(0.004, 0.08)
            g.out(t + lat, e, '[%s] "%s %s HTTP/2" 200 - 0 %d %d %d "%s" "%s" "%s" "api.kestrel.io" "%s:8080" -' % (g.iso(t)[:-4] + "Z", method, path, r.randint(200, 5000), lat * 1000, lat * 900, g.ip(), r.choice(__import__("common").UA[:3]), rid, g.podip()))
            if r.random() < 0.3:
                g.jout(t, p, {"level": 30, "time": int(g.at(t).timestamp() * 1000), "pid": 1, "hostname": p["labels"]["pod_name"], "reqId": "req-%d" % r.randint(1, 99999), "res": {"statusCode": 200}, "responseTime": round(lat * 900, 3), "msg": "request completed"})
    g.poisson(9.0, req)
    # distractors / noise
    g.every(60, lambda t: g.err(t, contour, 'time="%s" level=info msg="performing delayed update" context=contourEventHandler last_update=%.3fs outstanding=%d' % (g.iso(t), r.uniform(0.1, 60), r.randint(1, 4)), sev="INFO"), jitter=0.5)
    g.every(90, lambda t: g.err(t, contour, 'time="%s" level=error msg="error calculating status" context=KubernetesCache error="HTTPProxy accounts-legacy/legacy-profile: include references missing service: accounts-legacy/legacy-profile-v1"' % g.iso(t)), jitter=0.3)
    def grpc_warn(t):
        e = r.choice(envoy)
        g.err(t, e, "[%s][1][warning][config] [source/extensions/config_subscription/grpc/grpc_stream.h:155] StreamAggregatedResources gRPC config stream to contour closed since %ds ago: 13, " % (g.iso(t)[:-4], r.randint(0, 3)), sev="WARNING")
    g.every(240, grpc_warn, jitter=0.4)
    def hc(t):
        for e in envoy:
            g.out(t, e, '[%s] "GET /ready HTTP/1.1" 200 - 0 0 0 - "10.%d.0.1" "kube-probe/1.30" "-" "envoy-admin" "-" -' % (g.iso(t)[:-4] + "Z", r.randint(8, 60)))
    g.every(10, hc)
    def redis_t(t):
        p = r.choice([p for p in prof_old + prof_new if alive(p, t)])
        g.jout(t, p, {"level": 40, "time": int(g.at(t).timestamp() * 1000), "pid": 1, "hostname": p["labels"]["pod_name"], "msg": "avatar thumbnail cache miss storm: 40 misses in 10s (redis evictions)", "evicted_keys": r.randint(100, 900)}, sev="WARNING")
    g.every(180, redis_t, jitter=0.5)
    g.every(30, lambda t: g.jout(t, r.choice(web), {"level": "warn", "time": g.iso(t), "msg": "Fast Refresh had to perform a full reload"} if r.random() < 0.01 else {"level": "info", "time": g.iso(t), "msg": "GET /account 200", "duration": r.randint(20, 120)}))
    return {
        "title": "profile-svc 4.0.0 (Node 22/fastify) ships keepAliveTimeout 5000ms, shorter than Envoy's idle timeout; ~3% of requests get 503 UC connection_termination",
        "root_cause": {"evidence": ["keepAliveTimeout=5000", "profile-svc 4.0.0 starting"], "category": "configuration",
                       "must_mention": ["keepAliveTimeout", "profile-svc"]},
        "symptoms": [{"evidence": "upstream_reset_before_response_started{connection_termination}"}, {"evidence": "upstream request failed"}],
        "distractors": [{"evidence": "include references missing service"}, {"evidence": "StreamAggregatedResources gRPC config stream"}],
        "priority": "P2",
    }
