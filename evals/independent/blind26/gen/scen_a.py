from datetime import timedelta
from core import Gen, ts_java, ts_log4j, ts_pg, ts_py, ts_z, iso


# ---------------------------------------------------------------- 1. Druid broker query capacity
def druid_capacity(out):
    g = Gen("druid-broker-query-capacity", 2601, "lumen-analytics-prod", "analytics-gke", "us-east1",
            "2026-03-11T13:20:00Z", 45)
    r = g.r
    ns = "druid"
    brokers = g.pod("druid-broker", 2)
    new_brokers = g.pod("druid-broker", 2, "new")
    hist = g.sts("druid-historical", 3)
    coord = g.sts("druid-coordinator", 1)[0]
    router = g.pod("druid-router", 2)
    indexer = g.sts("druid-indexer", 2)
    api = g.pod("analytics-api", 3)
    F = 12.0  # broker rollout with new config
    widgets = ["revenue_by_region", "active_users_7d", "funnel_checkout", "top_skus", "latency_p95", "ad_spend_roi",
               "retention_cohorts", "inventory_turnover"]
    dss = ["orders_rt", "sessions", "ad_events", "inventory_snap"]

    def bpod(m):
        return r.choice(new_brokers if m >= F + 1.0 else brokers)

    def query(t, m):
        w = r.choice(widgets)
        ds = r.choice(dss)
        qid = g.uuid()
        fail = m >= F + 1.2 and r.random() < (0.42 if m < 38 else 0.35)
        p = r.choice(api)
        host = "insights.lumenretail.com"
        path = f"/api/v1/dashboards/{r.choice(['exec', 'ops', 'marketing'])}/widgets/{w}"
        if not fail:
            lat = r.uniform(0.08, 0.9) * (1.6 if m >= F + 1 else 1.0)
            g.k8s(t, ns, bpod(m), "druid", "INFO",
                  f"{ts_log4j(t)} INFO [qtp1830712962-{r.randint(100, 190)}[groupBy_[{ds}]_{qid}]] org.apache.druid.server.QueryLifecycle - "
                  f"Query [{qid}] on datasource [{ds}] completed: {int(lat * 1000)}ms, {r.randint(1, 4000)} rows")
            g.k8s(t + timedelta(milliseconds=lat * 1000 + 3), "analytics", p, "api", "INFO",
                  {"level": "info", "ts": ts_z(t), "caller": "druid/client.go:118", "msg": "druid query ok", "widget": w,
                   "datasource": ds, "duration_ms": int(lat * 1000), "query_id": qid})
            g.lb(t, host, "GET", path, 200, lat + 0.01)
        else:
            g.k8s(t, ns, bpod(m), "druid", "WARNING",
                  f"{ts_log4j(t)} WARN [qtp1830712962-{r.randint(100, 190)}] org.apache.druid.server.QueryResource - Exception handling request: "
                  f"org.apache.druid.query.QueryCapacityExceededException: Too many concurrent queries, total query capacity of 8 exceeded. "
                  f"Please try your query again later. {{id={qid}, datasource={ds}}}")
            g.k8s(t + timedelta(milliseconds=6), "analytics", p, "api", "ERROR",
                  {"level": "error", "ts": ts_z(t), "caller": "druid/client.go:131",
                   "msg": "druid query failed", "widget": w, "datasource": ds, "status": 429,
                   "error": "QueryCapacityExceeded: Too many concurrent queries, total query capacity of 8 exceeded. Please try your query again later.",
                   "query_id": qid})
            if r.random() < 0.5:
                g.k8s(t + timedelta(milliseconds=8), "analytics", p, "api", "WARNING",
                      {"level": "warn", "ts": ts_z(t), "caller": "handlers/widget.go:77", "msg": "widget render failed, returning 503",
                       "widget": w, "retry_after_s": 5})
            g.lb(t, host, "GET", path, 503, r.uniform(0.02, 0.12), size=178)

    g.poisson(95, query, rate_fn=lambda m: 1.0 + 0.15 * (m > 20))

    def router_log(t, m):
        g.k8s(t, ns, r.choice(router), "druid", "INFO",
              f"{ts_log4j(t)} INFO [qtp418023145-{r.randint(60, 99)}] org.apache.druid.server.AsyncQueryForwardingServlet - "
              f"Forwarding query to broker [druid-broker.druid.svc.cluster.local:8082] (service=druid/broker)")
    g.poisson(18, router_log)

    def hist_log(t, m):
        h = r.choice(hist)
        c = r.random()
        if c < 0.5:
            g.k8s(t, ns, h, "druid", "INFO",
                  f"{ts_log4j(t)} INFO [ZKCoordinator--{r.randint(0, 3)}] org.apache.druid.server.coordination.SegmentLoadDropHandler - "
                  f"Loading segment[{r.choice(dss)}_2026-03-{r.randint(1, 10):02d}T00:00:00.000Z_2026-03-{r.randint(1, 10):02d}T01:00:00.000Z_2026-03-11T{r.randint(0, 12):02d}:00:12.441Z]")
        elif c < 0.8:
            g.k8s(t, ns, h, "druid", "INFO",
                  f"{ts_log4j(t)} INFO [processing-{r.randint(0, 7)}] org.apache.druid.server.QueryLifecycle - scan segments done, segments={r.randint(4, 90)}, time={r.randint(3, 300)}ms")
        else:
            g.k8s(t, ns, h, "druid", "INFO",
                  f"{ts_log4j(t)} INFO [main-EventThread] org.apache.druid.curator.announcement.Announcer - Node[/druid/segments/{h}:8083] announced")
    g.poisson(30, hist_log)

    def coord_cycle(t, m):
        g.k8s(t, ns, coord, "druid", "INFO", f"{ts_log4j(t)} INFO [Coordinator-Exec--0] org.apache.druid.server.coordinator.duty.BalanceSegments - [_default_tier]: Segments Moved: [{r.randint(0, 6)}] Segments Let Alone: [{r.randint(800, 900)}]")
        g.k8s(t + timedelta(milliseconds=40), ns, coord, "druid", "INFO", f"{ts_log4j(t)} INFO [Coordinator-Exec--0] org.apache.druid.server.coordinator.duty.EmitClusterStatsAndMetrics - Load queues: historicals=3, segmentsToLoad=0, segmentsToDrop=0")
        # distractor: datasource with no rules / no loadable segments
        g.k8s(t + timedelta(milliseconds=90), ns, coord, "druid", "WARNING",
              f"{ts_log4j(t)} WARN [Coordinator-Exec--0] org.apache.druid.server.coordinator.duty.RunRules - Unable to find matching rules for dataSource[legacy_clicks]! Segments will not be loaded: 214 unassigned segments")
    g.periodic(1.0, coord_cycle, offset=0.3)

    def indexer_log(t, m):
        i = r.choice(indexer)
        task = f"index_kafka_orders_rt_{'5f2a91c0e7b3d14'}_{i[-1]}"
        if r.random() < 0.8:
            g.k8s(t, ns, i, "druid", "INFO", f"{ts_log4j(t)} INFO [task-runner-0-priority-0] org.apache.druid.segment.realtime.appenderator.StreamAppenderator - Persisting rows in memory due to: [No more rows can be appended to sink] (task={task})")
        else:
            g.k8s(t, ns, i, "druid", "INFO", f"{ts_log4j(t)} INFO [{task}-publish] org.apache.druid.segment.realtime.appenderator.BaseAppenderatorDriver - Published [1] segments with commit metadata [{{partitions={{{i[-1]}: {r.randint(10**7, 10**8)}}}}}]")
    g.poisson(10, indexer_log)

    def api_health(t, m):
        for p in api:
            g.k8s(t + timedelta(milliseconds=r.randint(0, 900)), "analytics", p, "api", "INFO",
                  {"level": "info", "ts": ts_z(t), "caller": "server/health.go:22", "msg": "healthz ok", "path": "/healthz"})
    g.periodic(0.5, api_health)

    # --- the change: configmap patch by the platform pipeline, then broker rollout
    tc = g.at(F - 1.4)
    g.audit(tc, "io.k8s.core.v1.configmaps.patch", "core/v1/namespaces/druid/configmaps/druid-broker-config",
            "argocd-application-controller@lumen-analytics-prod.iam.gserviceaccount.com",
            request={"data": {"runtime.properties": "druid.service=druid/broker\ndruid.plaintextPort=8082\ndruid.processing.numThreads=7\ndruid.query.scheduler.numThreads=8\ndruid.query.scheduler.laning.strategy=none\ndruid.server.http.numThreads=60\n"}},
            extra={"metadata": {"argocd.argoproj.io/app": "druid-broker", "revision": "b71c3e0 tune broker for smaller nodes"}})
    g.audit(tc + timedelta(seconds=3), "io.k8s.apps.v1.deployments.patch", "apps/v1/namespaces/druid/deployments/druid-broker",
            "argocd-application-controller@lumen-analytics-prod.iam.gserviceaccount.com",
            request={"spec": {"template": {"metadata": {"annotations": {"checksum/config": "9d1e04b6a1c7"}}}}})
    for k, nb in enumerate(new_brokers):
        t = g.at(F + k * 0.7)
        g.event(t, ns, "Pod", nb, "Scheduled", f"Successfully assigned druid/{nb} to gke-analytics-gke-pool-1-7f3a9c21-q8mz", component="default-scheduler")
        g.event(t + timedelta(seconds=4), ns, "Pod", nb, "Started", "Started container druid")
        lines = [f"{ts_log4j(t)} INFO [main] org.apache.druid.cli.CliBroker - Starting up with processors [8], memory [4,294,967,296], maxMemory [3,221,225,472], directMemory [4,294,967,296].",
                 f"{ts_log4j(t)} INFO [main] org.apache.druid.cli.CliBroker - * druid.processing.numThreads: 7",
                 f"{ts_log4j(t)} INFO [main] org.apache.druid.cli.CliBroker - * druid.query.scheduler.numThreads: 8",
                 f"{ts_log4j(t)} INFO [main] org.apache.druid.cli.CliBroker - * druid.server.http.numThreads: 60",
                 f"{ts_log4j(t)} INFO [main] org.apache.druid.server.QueryScheduler - Query scheduler initialized with total capacity [8], laning strategy [NoQueryLaningStrategy], prioritization [NoQueryPrioritizationStrategy]",
                 f"{ts_log4j(t)} INFO [main] org.eclipse.jetty.server.Server - Started @{r.randint(9000, 14000)}ms",
                 f"{ts_log4j(t)} INFO [main] org.apache.druid.java.util.common.lifecycle.Lifecycle - Successfully started lifecycle [module]"]
        for j, ln in enumerate(lines):
            tj = t + timedelta(seconds=6 + j * 0.3)
            g.k8s(tj, ns, nb, "druid", "INFO", ln.replace(ts_log4j(t), ts_log4j(tj)))
        old = brokers[k]
        g.event(t + timedelta(seconds=25), ns, "Pod", old, "Killing", "Stopping container druid")
        g.k8s(t + timedelta(seconds=25), ns, old, "druid", "INFO", f"{ts_log4j(t)} INFO [Thread-62] org.apache.druid.java.util.common.lifecycle.Lifecycle - Stopping lifecycle [module] stage [ANNOUNCEMENTS]")
    g.event(g.at(F + 2), ns, "Deployment", "druid-broker", "ScalingReplicaSet", "Scaled down replica set druid-broker-6c9f7d84b to 0", component="deployment-controller")
    # HPA on analytics-api reacts to error-driven retries
    g.event(g.at(F + 9), "analytics", "HorizontalPodAutoscaler", "analytics-api", "SuccessfulRescale",
            "New size: 4; reason: cpu resource utilization (percentage of request) above target", component="horizontal-pod-autoscaler")

    n = g.write(out, {
        "title": "Dashboard widgets fail with 503: Druid broker query capacity cut to 8 by a config rollout",
        "root_cause": {"evidence": ["druid.query.scheduler.numThreads", "total capacity [8]"], "category": "capacity",
                       "must_mention": ["numThreads", "broker"]},
        "symptoms": [{"evidence": "Too many concurrent queries, total query capacity of 8 exceeded"},
                     {"evidence": "widget render failed, returning 503"}],
        "distractors": [{"evidence": "Unable to find matching rules for dataSource[legacy_clicks]"}],
        "priority": "P1"})
    return n


# ---------------------------------------------------------------- 2. Kafka retention cut under a lagging Pinot consumer
def pinot_retention(out):
    g = Gen("pinot-realtime-offset-gap", 2602, "orbit-commerce-data", "data-gke-1", "europe-west1",
            "2026-05-19T07:05:00Z", 50)
    r = g.r
    kafka = g.sts("kafka", 3)
    pserv = g.sts("pinot-server", 3)
    pbroker = g.sts("pinot-broker", 2)
    pctrl = g.sts("pinot-controller", 1)[0]
    minion = g.sts("pinot-minion", 1)[0]
    prod = g.pod("checkout-event-relay", 2)
    F = 9.0  # retention override applied
    parts = list(range(6))
    lag_parts = {1, 3, 4}  # partitions still catching up after the morning pause

    def relay(t, m):
        p = r.choice(prod)
        g.k8s(t, "commerce", p, "relay", "INFO",
              {"severity": "INFO", "message": "published batch", "topic": "checkout-events", "partition": r.choice(parts),
               "records": r.randint(40, 400), "latency_ms": r.randint(2, 30), "logger": "relay.kafka"})
    g.poisson(40, relay)

    def kafka_noise(t, m):
        k = r.choice(kafka)
        c = r.random()
        if c < 0.45:
            g.k8s(t, "kafka", k, "kafka", "INFO", f"[{ts_log4j(t).replace('T', ' ')}] INFO [LocalLog partition={r.choice(['checkout-events', 'page-views', 'inventory-updates'])}-{r.choice(parts)}, dir=/var/lib/kafka/data] Rolled new log segment at offset {r.randint(10**7, 9 * 10**7)} in {r.randint(1, 4)} ms. (kafka.log.LocalLog)")
        elif c < 0.75:
            g.k8s(t, "kafka", k, "kafka", "INFO", f"[{ts_log4j(t).replace('T', ' ')}] INFO [GroupCoordinator {k[-1]}]: Member consumer-pinot-{r.randint(1, 9)}-{g.hexid(8)} in group realtime-ingest has heartbeat (kafka.coordinator.group.GroupCoordinator)")
        else:
            g.k8s(t, "kafka", k, "kafka", "INFO", f"[{ts_log4j(t).replace('T', ' ')}] INFO [ProducerStateManager partition=page-views-{r.choice(parts)}] Wrote producer snapshot at offset {r.randint(10**7, 9 * 10**7)} with 0 producer ids in {r.randint(1, 9)} ms. (kafka.log.ProducerStateManager)")
    g.poisson(22, kafka_noise)

    offs = {p: 48000000 + p * 713331 for p in parts}

    def consume(t, m):
        s = r.choice(pserv)
        p = r.choice(parts)
        seg = f"checkout_events__{p}__{412 + (p % 3)}__20260519T0{'6' if p in lag_parts else '7'}00Z"
        offs[p] += r.randint(2000, 9000)
        g.k8s(t, "pinot", s, "server", "INFO",
              f"{t.strftime('%Y/%m/%d %H:%M:%S.')}{t.microsecond // 1000:03d} INFO [RealtimeSegmentDataManager_{seg}] [{seg}] Consumed {r.randint(3000, 12000)} events from (rate:{r.randint(300, 1400)}.{r.randint(0, 9)}/s), currentOffset={offs[p]}, numRowsConsumedSoFar={r.randint(10**5, 10**6)}, numRowsIndexedSoFar={r.randint(10**5, 10**6)}")
    g.poisson(28, consume)

    def queries(t, m):
        b = r.choice(pbroker)
        tbl = r.choice(["checkout_events", "checkout_events", "page_views", "inventory_snapshot"])
        g.k8s(t, "pinot", b, "broker", "INFO",
              f"{t.strftime('%Y/%m/%d %H:%M:%S.')}{t.microsecond // 1000:03d} INFO [BaseSingleStageBrokerRequestHandler] [jersey-server-managed-async-executor-{r.randint(1, 40)}] "
              f"requestId={r.randint(10**6, 10**7)},table={tbl},timeMs={r.randint(3, 180)},docs={r.randint(1000, 900000)}/{r.randint(10**6, 10**7)},entries={r.randint(10, 9000)}/{r.randint(1000, 90000)},segments(queried/processed/matched/consumingQueried/consumingProcessed/consumingMatched/unavailable):{r.randint(20, 60)}/{r.randint(10, 20)}/{r.randint(5, 10)}/6/6/6/0,consumingFreshnessTimeMs={int((t.timestamp() - r.randint(1, 20)) * 1000)},servers=3/3,exceptions=0,clientIp=10.4.{r.randint(0, 9)}.{r.randint(2, 250)}")
    g.poisson(30, queries)

    def ctrl(t, m):
        g.k8s(t, "pinot", pctrl, "controller", "INFO", f"{t.strftime('%Y/%m/%d %H:%M:%S.')}{t.microsecond // 1000:03d} INFO [RealtimeSegmentValidationManager] [pool-9-thread-1] Processing 4 tables in task: RealtimeSegmentValidationManager")
        g.k8s(t + timedelta(seconds=1), "pinot", pctrl, "controller", "INFO", f"{t.strftime('%Y/%m/%d %H:%M:%S.')}{t.microsecond // 1000:03d} INFO [SegmentStatusChecker] [pool-9-thread-2] Segment status check finished, 0 tables with missing segments")
    g.periodic(5, ctrl, offset=1)

    def minion_dis(t, m):  # distractor
        g.k8s(t, "pinot", minion, "minion", "ERROR", f"{t.strftime('%Y/%m/%d %H:%M:%S.')}{t.microsecond // 1000:03d} ERROR [TaskFactoryRegistry] [TaskStateModelExecutor-{r.randint(1, 4)}] Caught exception while executing task: Task_MergeRollupTask_{g.hexid(8)}")
        g.k8s(t + timedelta(milliseconds=5), "pinot", minion, "minion", "ERROR", "java.lang.IllegalStateException: Segment lineage entry for table ads_attribution_OFFLINE is in IN_PROGRESS state, cannot schedule new merge")
    g.periodic(10, minion_dis, offset=3.5)

    # morning consumption pause/resume (routine, by the on-call before a schema update)
    tr = g.at(2.0)
    g.k8s(tr, "pinot", pctrl, "controller", "INFO", f"{tr.strftime('%Y/%m/%d %H:%M:%S.')}000 INFO [PinotLLCRealtimeSegmentManager] [grizzly-http-server-3] Resuming consumption for table checkout_events_REALTIME, consumeFrom=lastConsumed")
    # the cause: cost-cleanup job lowers topic retention
    job = "kafka-topic-housekeeping-29124905-" + "vq7rk"
    tj = g.at(F - 0.3)
    g.event(tj - timedelta(seconds=20), "kafka", "Job", "kafka-topic-housekeeping-29124905", "SuccessfulCreate", f"Created pod: {job}", component="job-controller")
    g.k8s(tj - timedelta(seconds=5), "kafka", job, "kafka-configs", "INFO", "Applying topic policy from /policies/topics.yaml (profile=cost-saving-2026q2)")
    g.k8s(tj, "kafka", job, "kafka-configs", "INFO", "kafka-configs.sh --bootstrap-server kafka:9092 --alter --entity-type topics --entity-name checkout-events --add-config retention.ms=900000")
    g.k8s(tj + timedelta(seconds=2), "kafka", job, "kafka-configs", "INFO", "Completed updating config for topic checkout-events.")
    g.event(tj + timedelta(seconds=9), "kafka", "Job", "kafka-topic-housekeeping-29124905", "Completed", "Job completed", component="job-controller")
    for k in kafka:
        t = g.at(F, 2)
        g.k8s(t, "kafka", k, "kafka", "INFO", f"[{ts_log4j(t).replace('T', ' ')}] INFO Processing override for entityPath: topics/checkout-events with config: HashMap(retention.ms -> 900000) (kafka.server.DynamicConfigManager)")
    # retention enforcement deletes segments the lagging consumers still need
    for p in parts:
        k = kafka[p % 3]
        t = g.at(F + 1.5 + p * 0.2, 10)
        base = 47000000 + p * 700000
        g.k8s(t, "kafka", k, "kafka", "INFO", f"[{ts_log4j(t).replace('T', ' ')}] INFO [UnifiedLog partition=checkout-events-{p}, dir=/var/lib/kafka/data] Deleting segments due to log retention time 900000ms breach: LogSegment(baseOffset={base}, size=1073741571, lastModifiedTime={int(t.timestamp() * 1000) - 2400000}, largestRecordTimestamp=Some({int(t.timestamp() * 1000) - 2400500})) (kafka.log.UnifiedLog)")
        g.k8s(t + timedelta(milliseconds=3), "kafka", k, "kafka", "INFO", f"[{ts_log4j(t).replace('T', ' ')}] INFO [UnifiedLog partition=checkout-events-{p}, dir=/var/lib/kafka/data] Incremented log start offset to {base + 2210400} due to SegmentDeletion (kafka.log.UnifiedLog)")
    # lagging partitions hit out-of-range
    for p in sorted(lag_parts):
        s = pserv[p % 3]
        seg = f"checkout_events__{p}__{412 + (p % 3)}__20260519T0600Z"
        t = g.at(F + 2.5 + p * 0.4, 8)
        lo = 47000000 + p * 700000
        g.k8s(t, "pinot", s, "server", "WARNING", f"{t.strftime('%Y/%m/%d %H:%M:%S.')}{t.microsecond // 1000:03d} WARN [RealtimeSegmentDataManager_{seg}] [{seg}] Stream transient exception when fetching messages, stopping consumption after 5 attempts")
        g.k8s(t + timedelta(milliseconds=2), "pinot", s, "server", "WARNING", f"org.apache.kafka.clients.consumer.OffsetOutOfRangeException: Fetch position FetchPosition{{offset={lo + 1630000}, offsetEpoch=Optional.empty, currentLeader=LeaderAndEpoch{{leader=Optional[kafka-{p % 3}.kafka-headless.kafka.svc:9092 (id: {p % 3} rank: -1)], epoch=7}}}} is out of range for partition checkout-events-{p}")
        g.k8s(t + timedelta(seconds=4), "pinot", s, "server", "INFO", f"{t.strftime('%Y/%m/%d %H:%M:%S.')}{t.microsecond // 1000:03d} INFO [SubscriptionState] [{seg}] Resetting offset for partition checkout-events-{p} to position FetchPosition{{offset={lo + 2210400}, offsetEpoch=Optional.empty}}.")
        g.k8s(t + timedelta(seconds=5), "pinot", s, "server", "WARNING", f"{t.strftime('%Y/%m/%d %H:%M:%S.')}{t.microsecond // 1000:03d} WARN [RealtimeSegmentDataManager_{seg}] [{seg}] Skipped {580400 + p * 1111} offsets for partition checkout-events-{p}: start offset {lo + 1630000} no longer available, consuming from {lo + 2210400}")
    # data-quality checks notice the hole
    dq = g.pod("freshness-checker", 1)[0]

    def dq_run(t, m):
        if m < F + 6:
            g.k8s(t, "data-quality", dq, "checker", "INFO", {"severity": "INFO", "message": "checkout_events completeness ok", "table": "checkout_events", "expected_rows": r.randint(41000, 46000), "ratio": round(r.uniform(0.985, 1.0), 3)})
        else:
            g.k8s(t, "data-quality", dq, "checker", "ERROR", {"severity": "ERROR", "message": "checkout_events completeness check failed: rows missing vs source orders DB",
                                                              "table": "checkout_events", "window": "06:40-07:18", "ratio": round(r.uniform(0.44, 0.52), 3), "partitions_short": [1, 3, 4]})
            g.k8s(t + timedelta(seconds=1), "data-quality", dq, "checker", "WARNING", {"severity": "WARNING", "message": "paging #data-platform: revenue dashboard undercounting orders", "table": "checkout_events"})
    g.periodic(5, dq_run, offset=2.2)
    n = g.write(out, {
        "title": "Hole in Pinot checkout_events: topic retention cut to 15 min while consumers were behind",
        "root_cause": {"evidence": ["retention.ms -> 900000", "retention.ms=900000"], "category": "configuration",
                       "must_mention": ["retention", "checkout-events"]},
        "symptoms": [{"evidence": "OffsetOutOfRangeException"}, {"evidence": "completeness check failed"},
                     {"evidence": "no longer available, consuming from"}],
        "distractors": [{"evidence": "Segment lineage entry for table ads_attribution_OFFLINE"}],
        "priority": "P2"})
    return n


# ---------------------------------------------------------------- 3. Go kit shipping: ephemeral ports narrowed
def gokit_ports(out):
    g = Gen("gokit-booking-ephemeral-ports", 2603, "cargo-line-prod", "cargo-gke", "asia-southeast1",
            "2026-02-03T02:10:00Z", 40)
    r = g.r
    ns = "shipping"
    booking = g.pod("booking", 2)
    booking_new = g.pod("booking", 2, "new")
    handling = g.pod("handling", 2)
    tracking = g.pod("tracking", 2)
    pathfinder = g.pod("pathfinder", 2)
    F = 10.0
    locs = ["SESTO", "AUMEL", "CNHKG", "USNYC", "USCHI", "JNTKO", "DEHAM", "NLRTM", "FIHEL", "SGSIN"]
    host = "cargo.example-lines.com"

    def bk(m):
        return r.choice(booking_new if m >= F + 0.8 else booking)

    def routes(t, m):
        o, d = r.sample(locs, 2)
        p = bk(m)
        fail = m >= F + 2.0 and r.random() < min(0.62, 0.25 + (m - F) * 0.03)
        if not fail:
            took = r.uniform(8, 60)
            g.k8s(t, ns, r.choice(pathfinder), "pathfinder", "INFO", f"ts={ts_z(t)} caller=logging.go:25 method=ShortestPath origin={o} destination={d} n_paths={r.randint(1, 4)} took={took:.3f}ms")
            g.k8s(t, ns, p, "booking", "INFO", f"ts={ts_z(t)} caller=logging.go:68 method=request_routes tracking_id={g.hexid(8).upper()} took={took + r.uniform(1, 4):.3f}ms err=null")
            g.lb(t, host, "GET", f"/booking/v1/cargos/{g.hexid(8).upper()}/request_routes", 200, took / 1000 + 0.004)
        else:
            port = r.choice(["10.12.3.41:7878", "10.12.7.9:7878"])
            g.k8s(t, ns, p, "booking", "ERROR", f"ts={ts_z(t)} caller=proxying.go:52 component=routing method=FetchRoutesForSpecification origin={o} destination={d} err=\"Get \\\"http://pathfinder.shipping.svc:7878/paths?from={o}&to={d}\\\": dial tcp {port}: connect: cannot assign requested address\"")
            g.k8s(t + timedelta(microseconds=300), ns, p, "booking", "ERROR", f"ts={ts_z(t)} caller=logging.go:68 method=request_routes tracking_id={g.hexid(8).upper()} took={r.uniform(0.2, 2):.3f}ms err=\"routing service unavailable\"")
            g.lb(t, host, "GET", f"/booking/v1/cargos/{g.hexid(8).upper()}/request_routes", 500, r.uniform(0.002, 0.01), size=64)
    g.poisson(120, routes, rate_fn=lambda m: 1.0 if m < 25 else 1.1)

    def book(t, m):
        o, d = r.sample(locs, 2)
        fail = m >= F + 2.0 and r.random() < 0.4
        tid = g.hexid(8).upper()
        if fail:
            g.k8s(t, ns, bk(m), "booking", "ERROR", f"ts={ts_z(t)} caller=logging.go:41 method=assign_to_route tracking_id={tid} took={r.uniform(0.3, 2):.3f}ms err=\"routing service unavailable\"")
            g.lb(t, host, "POST", f"/booking/v1/cargos/{tid}/assign_to_route", 500, 0.004, size=64)
        else:
            g.k8s(t, ns, bk(m), "booking", "INFO", f"ts={ts_z(t)} caller=logging.go:28 method=book origin={o} destination={d} arrival_deadline=2026-02-{r.randint(10, 28)}T00:00:00Z took={r.uniform(2, 9):.3f}ms err=null")
            g.lb(t, host, "POST", "/booking/v1/cargos", 200, r.uniform(0.004, 0.02))
    g.poisson(25, book)

    def track(t, m):
        tid = g.hexid(8).upper()
        g.k8s(t, ns, r.choice(tracking), "tracking", "INFO", f"ts={ts_z(t)} caller=logging.go:24 method=track tracking_id={tid} took={r.uniform(0.5, 6):.3f}ms err=null")
        g.lb(t, host, "GET", f"/tracking/v1/cargos/{tid}", 200, r.uniform(0.002, 0.02))
    g.poisson(45, track)

    def handle(t, m):
        tid = g.hexid(8).upper()
        if r.random() < 0.06:  # distractor: partner scanners sending unknown UN/LOCODEs
            bad = r.choice(["XXABC", "SEST0", "CNSHA ", "USLGB1"])
            g.k8s(t, ns, r.choice(handling), "handling", "ERROR", f"ts={ts_z(t)} caller=logging.go:37 method=register_incident tracking_id={tid} location={bad} voyage=V{r.randint(100, 999)} type=Unload took=0.2ms err=\"unknown location\"")
            g.lb(t, host, "POST", "/handling/v1/incidents", 400, 0.002, ua="scanner-gateway/2.4 (partner=nordport)")
        else:
            g.k8s(t, ns, r.choice(handling), "handling", "INFO", f"ts={ts_z(t)} caller=logging.go:37 method=register_incident tracking_id={tid} location={r.choice(locs)} voyage=V{r.randint(100, 999)} type={r.choice(['Load', 'Unload', 'Receive', 'Customs'])} took={r.uniform(1, 5):.3f}ms err=null")
            g.lb(t, host, "POST", "/handling/v1/incidents", 200, 0.006, ua="scanner-gateway/2.4 (partner=nordport)")
    g.poisson(30, handle)

    def metrics(t, m):
        for p in (booking_new if m >= F + 1 else booking) + pathfinder:
            g.k8s(t + timedelta(milliseconds=r.randint(0, 800)), ns, p, p.split("-")[0], "INFO", f"ts={ts_z(t)} caller=main.go:141 transport=HTTP msg=\"scrape /metrics\" status=200")
    g.periodic(1.0, metrics)

    # cause: chaos experiment patches booking with a narrowed local port range
    tc = g.at(F - 0.5)
    g.audit(tc, "io.k8s.apps.v1.deployments.patch", "apps/v1/namespaces/shipping/deployments/booking",
            "system:serviceaccount:chaos:gameday-runner",
            request={"spec": {"template": {"spec": {"securityContext": {"sysctls": [{"name": "net.ipv4.ip_local_port_range", "value": "61000 61999"}]}}}}},
            extra={"metadata": {"experiment": "gameday-2026-02-ports", "hypothesis": "booking degrades gracefully with a small ephemeral port budget"}})
    g.k8s(tc - timedelta(seconds=2), "chaos", "gameday-runner-5d8f6b9c7-hq2tz", "runner", "INFO", {"level": "info", "msg": "starting experiment gameday-2026-02-ports step 1/1: apply pod sysctl net.ipv4.ip_local_port_range=61000 61999 to shipping/booking", "ts": ts_z(tc)})
    for k, nb in enumerate(booking_new):
        t = g.at(F + k * 0.4)
        g.event(t, ns, "Pod", nb, "Started", "Started container booking")
        g.k8s(t + timedelta(seconds=1), ns, nb, "booking", "INFO", f"ts={ts_z(t)} caller=main.go:98 transport=HTTP addr=:8080 msg=listening")
        g.k8s(t + timedelta(seconds=1), ns, nb, "booking", "INFO", f"ts={ts_z(t)} caller=main.go:77 msg=\"routing proxy configured\" url=http://pathfinder.shipping.svc:7878 keepalive=false")
        g.event(t + timedelta(seconds=20), ns, "Pod", booking[k], "Killing", "Stopping container booking")
    # readiness flaps because health check calls pathfinder too
    for i in range(6):
        t = g.at(F + 6 + i * 4.5, 30)
        g.event(t, ns, "Pod", r.choice(booking_new), "Unhealthy", "Readiness probe failed: HTTP probe failed with statuscode: 503", typ="Warning", count=r.randint(2, 9))
    n = g.write(out, {
        "title": "Booking cannot reach pathfinder: ephemeral port range narrowed to 1000 ports, no keep-alive",
        "root_cause": {"evidence": ["ip_local_port_range"], "category": "resource-exhaustion",
                       "must_mention": ["port", "booking"]},
        "symptoms": [{"evidence": "cannot assign requested address"}, {"evidence": "routing service unavailable"},
                     {"evidence": "Readiness probe failed"}],
        "distractors": [{"evidence": "err=\"unknown location\""}],
        "priority": "P1"})
    return n
