from common import *

# 1 ---------------- Cassandra: gossip disabled on two replicas -> LOCAL_QUORUM unavailable
def cassandra():
    inc = Inc("cassandra-gossip-disabled", "Catalog reads/writes fail: nodetool disablegossip on cassandra-4 and cassandra-5 leaves token ranges without LOCAL_QUORUM",
              "2026-03-11T14:00:00Z", 40, "chaoslab-catalog", 101)
    r = inc.r; Z = "us-east1-b"; C, L = "catalog-gke", "us-east1"
    nodes = [f"gke-catalog-gke-default-pool-8c1e77a2-{x}" for x in ("k2m4", "q9vx", "zt81")]
    cas = {f"cassandra-{i}": f"10.142.0.{10+i}" for i in range(1, 7)}
    FT = 9*60+12
    for n in cas: gce_noise(inc, n, Z, .5)
    gke_noise(inc, C, L, nodes)
    def cl(t, n, lvl, thread, src, msg, role=None):
        inc.add(t, gce(inc, n, Z), "cassandra", f"{lvl:<5} [{thread}] {ts_java(inc,t)} {src} - {msg}", None, role)
    for n in cas:
        inc.every(60, lambda t, n=n: cl(t, n, "INFO", "ScheduledTasks:1", "StatusLogger.java:65", "Pool Name                    Active   Pending      Completed   Blocked  All Time Blocked"))
        inc.every(300, lambda t, n=n: cl(t, n, "INFO", "CompactionExecutor:%d" % r.randint(1,8), "CompactionTask.java:241", f"Compacted (task id: {hx(r,8)}-{hx(r,4)}, compaction history id: {hx(r,8)}) {r.randint(2,8)} sstables to [/var/lib/cassandra/data/catalog/items-{hx(r,32)}/nb-{r.randint(1000,9000)}-big,] to level=0.  {r.randint(20,900)}.{r.randint(100,999)}MiB to {r.randint(20,900)}.{r.randint(100,999)}MiB (~{r.randint(60,99)}% of original)"))
        inc.poisson(1.5, lambda t, n=n: cl(t, n, "INFO", "NativePoolCleaner", "ColumnFamilyStore.java:1004", f"Enqueuing flush of catalog.{r.choice(['items','prices','item_reviews'])}, Reason: MEMTABLE_LIMIT, Usage: {r.randint(20,120)}.{r.randint(100,999)}MiB (12%) on-heap, 0.000KiB (0%) off-heap"))
        inc.poisson(0.3, lambda t, n=n: cl(t, n, "WARN", "ScheduledTasks:1", "NoSpamLogger.java:108", f"Some operations were slow, details available at debug level (debug.log)"))
    # distractor: large partition warnings on cassandra-1/2
    inc.poisson(1.1, lambda t: cl(t, r.choice(["cassandra-1", "cassandra-2"]), "WARN", "CompactionExecutor:%d" % r.randint(1,8), "BigTableWriter.java:274",
        f"Writing large partition catalog/item_reviews:{r.choice(['sku-000042','sku-118872','sku-009913'])} ({r.randint(180,260)}.{r.randint(100,999)}MiB) to sstable /var/lib/cassandra/data/catalog/item_reviews-6f1c0a/nb-{r.randint(3000,4000)}-big-Data.db", "distractor"))
    # cause
    for n, dt in (("cassandra-4", 0), ("cassandra-5", 41)):
        d = (inc.t0 + timedelta(seconds=FT+dt-1)).strftime('%b %e %H:%M:%S')
        inc.add(FT+dt-1, gce(inc, n, Z), "syslog", f"{d} {n} sudo:    chaos : PWD=/home/chaos ; USER=cassandra ; COMMAND=/opt/cassandra/bin/nodetool disablegossip", None, "cause")
        cl(FT+dt, n, "INFO", "RMI TCP Connection(%d)-127.0.0.1" % r.randint(100,900), "StorageService.java:372", "Stopping gossip by operator request", "cause")
        cl(FT+dt+0.002, n, "INFO", "RMI TCP Connection(%d)-127.0.0.1" % r.randint(100,900), "Gossiper.java:2033", "Announcing shutdown")
        for o in cas:
            if o not in ("cassandra-4", "cassandra-5"):
                cl(FT+dt+r.uniform(1.5, 4), o, "INFO", "GossipStage:1", "Gossiper.java:1362", f"InetAddress /{cas[n]}:7000 is now DOWN")
    # hints piling
    inc.poisson(2, lambda t: cl(t, r.choice(["cassandra-1","cassandra-2","cassandra-3","cassandra-6"]), "INFO", "HintsDispatcher:%d" % r.randint(1,4), "HintsStore.java:133",
        f"Deleted hint file {hx(r,8)}-{hx(r,4)}-{hx(r,4)}-{hx(r,4)}-{hx(r,12)}-{r.randint(1,9)}.hints" if False else f"Writing hints for /{r.choice([cas['cassandra-4'],cas['cassandra-5']])}:7000: {r.randint(50,900)} hints buffered"), FT+60)
    # catalog-api (Java, driver)
    pods = [f"catalog-api-7d9f6c8b5-{hx(r,5)}" for _ in range(3)]
    def api(t):
        p = r.choice(pods); res = k8s(inc, C, L, "catalog", p, "catalog-api", r.choice(nodes))
        path = r.choice(["/v1/items/sku-%06d" % r.randint(1, 200000), "/v1/items/search?q=" + r.choice(["lamp","chair","desk","mug"]), "/v1/prices/sku-%06d" % r.randint(1, 200000)])
        fail = t > FT + 3 and r.random() < 0.34
        if fail:
            tid = hx(r, 32)
            inc.lines(t, res, "stderr", [
              f"{ts_java(inc,t)} ERROR [http-nio-8080-exec-{r.randint(1,200)}] c.e.catalog.repo.ItemRepository [traceId={tid}] - catalog lookup failed for {path}",
              "com.datastax.oss.driver.api.core.servererrors.UnavailableException: Not enough replicas available for query at consistency LOCAL_QUORUM (2 required but only 1 alive)",
              "\tat com.datastax.oss.driver.api.core.servererrors.UnavailableException.copy(UnavailableException.java:98)",
              "\tat com.datastax.oss.driver.internal.core.util.concurrent.CompletableFutures.getUninterruptibly(CompletableFutures.java:149)",
              "\tat com.datastax.oss.driver.internal.core.cql.CqlRequestSyncProcessor.process(CqlRequestSyncProcessor.java:53)",
              "\tat com.example.catalog.repo.ItemRepository.findBySku(ItemRepository.java:87)"], "ERROR", "symptom")
            inc.add(t+.01, res, "stdout", f'{ts_java(inc,t)} INFO  [http-nio-8080-exec-{r.randint(1,200)}] o.a.c.c.C.[.[.[/] - "GET {path}" 503 {r.randint(2,30)}ms', "INFO")
        elif r.random() < .25:
            inc.add(t, res, "stdout", f'{ts_java(inc,t)} INFO  [http-nio-8080-exec-{r.randint(1,200)}] o.a.c.c.C.[.[.[/] - "GET {path}" 200 {r.randint(3,45)}ms', "INFO")
    inc.poisson(110, api)
    lb = lbres(inc, "catalog-web", "k8s1-catalog-catalog-api-80")
    def edge(t):
        fail = t > FT + 3 and r.random() < .3
        path = r.choice(["/v1/items/sku-%06d" % r.randint(1, 200000), "/v1/items/search", "/v1/prices/sku-%06d" % r.randint(1,200000), "/healthz"])
        lb_entry(inc, t, lb, "GET", "https://catalog.shopdemo.dev" + path, 503 if fail else (404 if r.random()<.02 else 200), r.uniform(.01,.09), "symptom" if fail else None)
    inc.poisson(70, edge)
    # frontend node
    def fe(t):
        res = k8s(inc, C, L, "web", f"storefront-5b7c9d4f8-{hx(r,5)}", "storefront")
        if t > FT + 5 and r.random() < .3:
            inc.add(t, res, "stdout", {"level": "error", "time": ts_iso(inc,t), "msg": "upstream catalog-api returned 503", "route": "/product/:sku", "retry": r.randint(0,2)}, "ERROR", "symptom")
        else:
            inc.add(t, res, "stdout", {"level": "info", "time": ts_iso(inc,t), "msg": "render", "route": r.choice(["/","/product/:sku","/search"]), "ms": r.randint(20,180)}, "INFO")
    inc.poisson(25, fe)
    inc.write({"root_cause": {"evidence": ["Stopping gossip by operator request", "nodetool disablegossip"], "category": "database",
               "must_mention": ["gossip", "cassandra-4"]},
               "symptoms": [{"evidence": "Not enough replicas available for query at consistency LOCAL_QUORUM"}, {"evidence": "is now DOWN"}, {"evidence": "upstream catalog-api returned 503"}],
               "distractors": [{"evidence": "Writing large partition catalog/item_reviews"}], "priority": "P1"})

# 2 ---------------- Consul: inventory service deregistered from catalog
def consul():
    inc = Inc("consul-inventory-deregistered", "Checkout fails: inventory instances deregistered from Consul catalog, Envoy has no healthy upstream",
              "2026-04-02T09:20:00Z", 45, "chaoslab-shop", 202)
    r = inc.r; C, L = "shop-prod", "europe-west1"
    nodes = [f"gke-shop-prod-pool-1-5f2a9c01-{x}" for x in ("7hjd", "c2lp", "mn0q", "x8rt")]
    gke_noise(inc, C, L, nodes)
    FT = 12*60+5
    inv = [f"inventory-6d8f7c9b8-{hx(r,5)}" for _ in range(3)]
    def ctl(t, pod, lvl, mod, msg, role=None, sev=None):
        inc.add(t, k8s(inc, C, L, "consul", pod, "consul", r.choice(nodes)), "stdout",
                f"{ts_iso(inc,t)[:-1]}Z [{lvl}]  {mod}: {msg}", sev or {"INFO":"INFO","WARN":"WARNING","ERROR":"ERROR","DEBUG":"DEBUG"}[lvl], role)
    for s in range(3):
        inc.every(30, lambda t, s=s: ctl(t, f"consul-server-{s}", "DEBUG", "agent", "Skipping remote check since it is managed automatically: check=serfHealth"))
        inc.every(120, lambda t, s=s: ctl(t, f"consul-server-{s}", "INFO", "agent.server.autopilot", "Promoting server: id=..." if False else "autopilot: health check ok"))
    clients = [f"consul-client-{hx(r,5)}" for _ in nodes]
    inc.poisson(8, lambda t: ctl(t, r.choice(clients), "DEBUG", "agent", f"Check status updated: check=service:{r.choice(['checkout','payments','cart','web'])}-{hx(r,5)} status=passing"))
    inc.poisson(3, lambda t: ctl(t, r.choice(clients), "DEBUG", "agent", "Node info in sync"))
    # distractor memberlist
    inc.poisson(1.4, lambda t: ctl(t, r.choice(clients), "WARN", "agent.client.memberlist.lan", f"memberlist: Was able to connect to consul-server-{r.randint(0,2)} over TCP but UDP probes failed, network may be misconfigured", "distractor"))
    inc.poisson(.4, lambda t: ctl(t, r.choice(clients), "ERROR", "agent.client.memberlist.lan", f"memberlist: Push/Pull with gke-shop-prod-pool-1-5f2a9c01-{r.choice(['7hjd','c2lp'])} failed: dial tcp 10.40.{r.randint(0,3)}.{r.randint(2,250)}:8301: i/o timeout"))
    # cause: deregistration
    for i, p in enumerate(inv):
        t = FT + i*0.8
        d = f"{(inc.t0+timedelta(seconds=t-0.1)).strftime('%Y-%m-%dT%H:%M:%S.%f')[:-3]}Z"
        ctl(t, clients[i], "INFO", "agent", f"Deregistered service: service=inventory-{p.split('-')[-1]}", "cause")
        ctl(t+.01, clients[i], "INFO", "agent", f"Synced service: service=inventory-{p.split('-')[-1]}-sidecar-proxy")
    ctl(FT-0.5, "consul-server-0", "DEBUG", "agent.http", 'Request finished: method=PUT url=/v1/agent/service/deregister/inventory from=10.40.2.17:51822 latency=1.2ms')
    # inventory itself healthy
    inc.poisson(30, lambda t: inc.add(t, k8s(inc, C, L, "shop", r.choice(inv), "inventory", r.choice(nodes)), "stdout",
        f"{ts_java(inc,t)}  INFO 1 --- [nio-8080-exec-{r.randint(1,20)}] c.s.inventory.web.StockController      : GET /stock/{r.randint(1000,9999)} -> {r.randint(0,400)} units ({r.randint(1,9)}ms)"
        if t < FT else f"{ts_java(inc,t)}  INFO 1 --- [nio-8080-exec-{r.randint(1,20)}] o.s.b.a.health.HealthEndpointSupport    : GET /actuator/health UP", "INFO"))
    # checkout (Go) + envoy
    co = [f"checkout-84cbd7f6d-{hx(r,5)}" for _ in range(3)]
    def checkout(t):
        p = r.choice(co); res = k8s(inc, C, L, "shop", p, "checkout", r.choice(nodes))
        res2 = k8s(inc, C, L, "shop", p, "envoy-sidecar", r.choice(nodes))
        oid = f"ord_{hx(r,10)}"; tr = inc.trace()
        if t > FT + 2:
            inc.add(t, res2, "stdout", f'[{ts_iso(inc,t)}] "POST /v1/reserve HTTP/1.1" 503 UH 0 19 0 - "-" "grpc-go/1.62.1" "{hx(r,8)}-{hx(r,4)}" "inventory" "-"', "INFO", "symptom")
            inc.add(t+.003, res, "stderr", {"level": "error", "ts": ts_iso(inc,t), "caller": "checkout/service.go:214", "msg": "inventory reservation failed", "order_id": oid,
                    "error": "rpc error: code = Unavailable desc = no healthy upstream"}, "ERROR", "symptom", trace=tr)
            inc.add(t+.004, res, "stderr", {"level": "warn", "ts": ts_iso(inc,t), "caller": "checkout/retry.go:48", "msg": "retrying", "attempt": r.randint(1,3), "order_id": oid}, "WARNING")
        else:
            lat = r.randint(2, 20)
            inc.add(t, res2, "stdout", f'[{ts_iso(inc,t)}] "POST /v1/reserve HTTP/1.1" 200 - 112 64 {lat} {lat-1} "-" "grpc-go/1.62.1" "{hx(r,8)}-{hx(r,4)}" "inventory" "10.40.{r.randint(0,3)}.{r.randint(2,250)}:8080"', "INFO")
            inc.add(t+.01, res, "stdout", {"level": "info", "ts": ts_iso(inc,t), "caller": "checkout/service.go:188", "msg": "order placed", "order_id": oid, "items": r.randint(1,6)}, "INFO", trace=tr)
    inc.poisson(40, checkout)
    lb = lbres(inc, "shop-web", "k8s1-shop-web-80")
    def edge(t):
        path = r.choice(["/", "/product/%d" % r.randint(1,900), "/cart", "/checkout", "/api/checkout", "/static/app.js"])
        st = 200
        if path == "/api/checkout" and t > FT + 2: st = 502 if r.random() < .93 else 200
        lb_entry(inc, t, lb, "POST" if "api" in path else "GET", "https://shop.example.eu" + path, st, r.uniform(.02,.3) if st == 200 else r.uniform(.8,2.5), "symptom" if st == 502 else None)
    inc.poisson(120, edge)
    # payments python noise
    def pay(t):
        res = k8s(inc, C, L, "shop", f"payments-5c6d7f9b4-{hx(r,5)}", "payments")
        if r.random() < .05:
            inc.add(t, res, "stderr", f"{ts_java(inc,t)} WARNING payments.webhooks: stripe webhook retry for evt_{hx(r,14)} (attempt 2)", "WARNING")
        else:
            inc.add(t, res, "stdout", f"{ts_java(inc,t)} INFO payments.api: charge authorized amount={r.randint(500,40000)} currency=EUR", "INFO")
    inc.poisson(10, pay, 0, FT)
    inc.poisson(1, pay, FT)
    inc.write({"root_cause": {"evidence": ["Deregistered service: service=inventory"], "category": "configuration", "must_mention": ["inventory", "Consul"]},
               "symptoms": [{"evidence": "no healthy upstream"}, {"evidence": "inventory reservation failed"}, {"evidence": "\" 503 UH"}],
               "distractors": [{"evidence": "UDP probes failed, network may be misconfigured"}], "priority": "P0"})

# 3 ---------------- Pulsar: namespace schema compatibility strategy set to ALWAYS_INCOMPATIBLE
def pulsar():
    inc = Inc("pulsar-schema-strategy", "Order events stop flowing: public/orders schema compatibility set to ALWAYS_INCOMPATIBLE before order-service rollout",
              "2026-05-19T22:10:00Z", 50, "chaoslab-stream", 303)
    r = inc.r; C, L = "stream-gke", "us-west1"
    nodes = [f"gke-stream-gke-n2-pool-3d9a0b7e-{x}" for x in ("1rfw", "6bzc", "pq4n")]
    gke_noise(inc, C, L, nodes)
    CT, DEP = 7*60+33, 16*60
    def broker(t, b, lvl, cls, msg, role=None):
        inc.add(t, k8s(inc, C, L, "pulsar", f"pulsar-broker-{b}", "pulsar-broker", r.choice(nodes)), "stdout",
                f"{(inc.t0+timedelta(seconds=t)).strftime('%Y-%m-%dT%H:%M:%S,%f')[:-3]}+0000 [{r.choice(['pulsar-io-4-'+str(r.randint(1,8)),'pulsar-web-41-'+str(r.randint(1,16)),'bookkeeper-ml-scheduler-OrderedScheduler-0-0'])}] {lvl} {cls} - {msg}",
                {"INFO":"INFO","WARN":"WARNING","ERROR":"ERROR"}[lvl], role)
    for b in range(3):
        inc.poisson(5, lambda t, b=b: broker(t, b, "INFO", "org.apache.pulsar.broker.service.ServerCnx", f"[/10.60.{r.randint(0,3)}.{r.randint(2,250)}:{r.randint(30000,60000)}] Subscribing on topic persistent://public/{r.choice(['orders','clicks'])}/{r.choice(['order-events','shipments','page-views'])}-partition-{r.randint(0,5)} / {r.choice(['notification-worker','analytics-sink'])}"))
        inc.poisson(3, lambda t, b=b: broker(t, b, "INFO", "org.apache.bookkeeper.mledger.impl.ManagedLedgerImpl", f"[public/{r.choice(['orders','clicks'])}/persistent/{r.choice(['order-events','page-views'])}-partition-{r.randint(0,5)}] Ledger {r.randint(10000,99999)} rolled over"))
        inc.every(60, lambda t, b=b: broker(t, b, "INFO", "org.apache.pulsar.broker.loadbalance.impl.ModularLoadManagerImpl", "Writing local data to metadata store because maximum change 7.2% exceeded threshold 10% or 900 seconds since last update"))
        inc.poisson(.5, lambda t, b=b: broker(t, b, "WARN", "org.apache.pulsar.broker.service.persistent.PersistentTopic", f"[persistent://public/clicks/page-views-partition-{r.randint(0,5)}] Backlog quota check: subscription analytics-sink backlog {r.randint(1,9)}.{r.randint(1,9)}GB"))
    # cause
    inc.add(CT-0.4, k8s(inc, C, L, "pulsar", "pulsar-toolset-0", "pulsar-toolset", nodes[0]), "stdout",
            "+ bin/pulsar-admin namespaces set-schema-compatibility-strategy public/orders --compatibility ALWAYS_INCOMPATIBLE", "INFO", "cause")
    broker(CT, 1, "INFO", "org.apache.pulsar.broker.admin.impl.NamespacesBase", "[superuser] Successfully updated the schema compatibility strategy of namespace public/orders to ALWAYS_INCOMPATIBLE", "cause")
    # order-service rollout
    old = [f"order-service-6f7d8c9b5-{hx(r,5)}" for _ in range(3)]
    new = [f"order-service-7b8c4d5f6-{hx(r,5)}" for _ in range(3)]
    for i, p in enumerate(new):
        t = DEP + i*70
        inc.add(t, k8s_pod(inc, C, L, "orders", p), "events", {"kind": "Event", "apiVersion": "v1", "reason": "Pulled", "type": "Normal",
                "message": 'Container image "us-west1-docker.pkg.dev/chaoslab-stream/apps/order-service:2.31.0" already present on machine', "involvedObject": {"kind": "Pod", "name": p, "namespace": "orders"}}, "INFO")
        inc.add(t+3, k8s_pod(inc, C, L, "orders", p), "events", {"kind": "Event", "apiVersion": "v1", "reason": "Started", "type": "Normal", "message": "Started container order-service", "involvedObject": {"kind": "Pod", "name": p, "namespace": "orders"}}, "INFO")
    def pod_at(t):
        k = sum(1 for i in range(3) if t > DEP + i*70 + 20)
        return r.choice(new[:k] + old[k:]), k
    def orders(t):
        p, k = pod_at(t); res = k8s(inc, C, L, "orders", p, "order-service", r.choice(nodes))
        oid = r.randint(1000000, 9999999)
        inc.add(t, res, "stdout", f"{ts_java(inc,t)} INFO  [http-nio-8080-exec-{r.randint(1,50)}] c.a.orders.api.OrderController - order {oid} created, status=ACCEPTED, outbox event queued", "INFO", trace=inc.trace())
    inc.poisson(35, orders)
    def relay(t):
        p, k = pod_at(t); res = k8s(inc, C, L, "orders", p, "order-service", r.choice(nodes))
        if p in new:
            inc.lines(t, res, "stderr", [
                f"{ts_java(inc,t)} ERROR [outbox-relay-1] c.a.orders.outbox.OutboxRelay - failed to create producer for persistent://public/orders/order-events",
                "org.apache.pulsar.client.api.PulsarClientException$IncompatibleSchemaException: {\"errorMsg\":\"org.apache.pulsar.broker.service.schema.exceptions.IncompatibleSchemaException: Unable to add schema SchemaInfo{name='order-events', schemaType=AVRO} to topic public/orders/order-events: new schema is not compatible with existing schema version 7\",\"reqId\":%d}" % r.randint(10**15, 10**16),
                "\tat org.apache.pulsar.client.api.PulsarClientException.unwrap(PulsarClientException.java:1104)",
                "\tat org.apache.pulsar.client.impl.ProducerBuilderImpl.create(ProducerBuilderImpl.java:93)",
                "\tat com.acme.orders.outbox.OutboxRelay.producer(OutboxRelay.java:61)"], "ERROR", "symptom")
            inc.add(t+.2, res, "stdout", f"{ts_java(inc,t)} WARN  [outbox-relay-1] c.a.orders.outbox.OutboxRelay - outbox relay backlog {int((t-DEP)*0.6)+r.randint(0,20)} events pending, oldest {int(t-DEP)}s", "WARNING", "symptom")
        else:
            inc.add(t, res, "stdout", f"{ts_java(inc,t)} DEBUG [outbox-relay-1] c.a.orders.outbox.OutboxRelay - published {r.randint(1,12)} events to order-events", "DEBUG")
    inc.every(5, relay)
    for i, p in enumerate(new):
        broker(DEP+i*70+22, r.randint(0,2), "WARN", "org.apache.pulsar.broker.service.ServerCnx", f"[/10.60.1.{r.randint(2,250)}:{r.randint(30000,60000)}] Failed to add schema to topic persistent://public/orders/order-events-partition-{r.randint(0,5)} for producer order-service-outbox : Incompatible schema: exists schema version 7 and new schema version is not compatible", "symptom")
    # notification worker
    def notif(t):
        res = k8s(inc, C, L, "orders", f"notification-worker-{hx(r,9)}-{hx(r,5)}", "notification-worker", r.choice(nodes))
        late = t > DEP + 90
        if r.random() < .06:
            inc.add(t, res, "stderr", {"lvl": "error", "ts": ts_iso(inc,t), "event": "smtp send failed", "err": "421 4.7.0 Try again later, closing connection. (EHLO) relay.sendmail.example", "to_domain": r.choice(["gmail.com","outlook.com","yahoo.co.jp"])}, "ERROR", "distractor")
        elif not late or r.random() < .08:
            inc.add(t, res, "stdout", {"lvl": "info", "ts": ts_iso(inc,t), "event": "order confirmation sent", "order": r.randint(1000000, 9999999)}, "INFO")
        else:
            inc.add(t, res, "stdout", {"lvl": "debug", "ts": ts_iso(inc,t), "event": "receive timeout, no messages", "topic": "order-events"}, "DEBUG")
    inc.poisson(28, notif)
    # bookies
    inc.poisson(6, lambda t: inc.add(t, k8s(inc, C, L, "pulsar", f"pulsar-bookie-{r.randint(0,2)}", "pulsar-bookie", r.choice(nodes)), "stdout",
        f"{(inc.t0+timedelta(seconds=t)).strftime('%H:%M:%S.%f')[:-3]} [GarbageCollectorThread-6-1] INFO  org.apache.bookkeeper.bookie.GarbageCollectorThread - Extracting entry log meta from entryLogId: {r.randint(100,999)}", "INFO"))
    inc.write({"root_cause": {"evidence": ["ALWAYS_INCOMPATIBLE"], "category": "configuration", "must_mention": ["schema compatibility", "public/orders"]},
               "symptoms": [{"evidence": "IncompatibleSchemaException"}, {"evidence": "outbox relay backlog"}, {"evidence": "Failed to add schema to topic"}],
               "distractors": [{"evidence": "421 4.7.0 Try again later"}], "priority": "P2"})

# 4 ---------------- Ceph: osd pause flag set -> RBD IO blocked
def ceph():
    inc = Inc("ceph-osd-pause-flag", "Ledger API hangs: 'ceph osd set pause' blocks all RBD reads/writes under the Postgres PVC",
              "2026-06-08T03:40:00Z", 35, "chaoslab-ledger", 404)
    r = inc.r; Z = "us-central1-c"; C, L = "ledger-gke", "us-central1-c"
    nodes = [f"gke-ledger-gke-pool-a-2e8d1f60-{x}" for x in ("b7s1", "ff0k", "w3jn")]
    gke_noise(inc, C, L, nodes)
    mons = ["ceph-mon-a", "ceph-mon-b", "ceph-mon-c"]; osds = [f"ceph-osd-{i}" for i in range(1,5)]
    for m in mons + osds: gce_noise(inc, m, Z, .4)
    FT = 10*60+4
    def ceph_log(t, host, who, lvl, msg, role=None, log="ceph"):
        inc.add(t, gce(inc, host, Z), log, f"{(inc.t0+timedelta(seconds=t)).strftime('%Y-%m-%dT%H:%M:%S.%f')}+0000 7f{hx(r,10)} {lvl} {who} {msg}", None, role)
    def pgmap(t):
        v = int(t/2)+88120
        if t < FT:
            ceph_log(t, "ceph-mon-a", "mgr.ceph-mon-a", " 0", f"log_channel(cluster) log [DBG] : pgmap v{v}: 320 pgs: 320 active+clean; 1.1 TiB data, 3.3 TiB used, 8.6 TiB / 12 TiB avail; {r.randint(200,900)} KiB/s rd, {r.randint(2,9)}.{r.randint(0,9)} MiB/s wr, {r.randint(150,600)} op/s")
        else:
            ceph_log(t, "ceph-mon-a", "mgr.ceph-mon-a", " 0", f"log_channel(cluster) log [DBG] : pgmap v{v}: 320 pgs: 320 active+clean; 1.1 TiB data, 3.3 TiB used, 8.6 TiB / 12 TiB avail")
    inc.every(2.2, pgmap)
    # distractor clock skew
    inc.every(300, lambda t: ceph_log(t, "ceph-mon-a", "mon.ceph-mon-a@0(leader)", "-1", f"log_channel(cluster) log [WRN] : mon.ceph-mon-c clock skew 0.0{r.randint(55,79)}s > max 0.05s", "distractor"), 20)
    inc.every(600, lambda t: ceph_log(t, "ceph-mon-a", "mon.ceph-mon-a@0(leader)", " 0", "log_channel(cluster) log [WRN] : Health check update: 1 pool(s) have no replicas configured (POOL_NO_REDUNDANCY)"))
    for o in osds:
        inc.poisson(1, lambda t, o=o: ceph_log(t, o, f"osd.{o[-1]}", " 0", f"log_channel(cluster) log [DBG] : {r.randint(2,9)}.{hx(r,2)} scrub starts" if r.random()<.5 else f"log_channel(cluster) log [DBG] : {r.randint(2,9)}.{hx(r,2)} scrub ok"))
    # cause
    ceph_log(FT, "ceph-mon-a", "mon.ceph-mon-a@0(leader)", " 0", "log_channel(audit) log [INF] : from='client.? 10.128.0.31:0/3422109911' entity='client.admin' cmd=[{\"prefix\": \"osd set\", \"key\": \"pause\"}]: dispatch", "cause", "ceph-audit")
    ceph_log(FT+.9, "ceph-mon-a", "mon.ceph-mon-a@0(leader)", " 0", "log_channel(audit) log [INF] : from='client.? 10.128.0.31:0/3422109911' entity='client.admin' cmd='[{\"prefix\": \"osd set\", \"key\": \"pause\"}]': finished", "cause", "ceph-audit")
    ceph_log(FT+1.1, "ceph-mon-a", "mon.ceph-mon-a@0(leader)", "-1", "log_channel(cluster) log [WRN] : Health check failed: pauserd,pausewr flag(s) set (OSDMAP_FLAGS)", "cause")
    inc.every(60, lambda t: ceph_log(t, "ceph-mon-a", "mon.ceph-mon-a@0(leader)", " 0", "log_channel(cluster) log [WRN] : overall HEALTH_WARN pauserd,pausewr flag(s) set; 1 pool(s) have no replicas configured", "cause"), FT+30)
    # kernel on node hosting postgres
    pgnode = nodes[1]
    for k in range(6):
        t = FT + 123 + k*121
        inc.lines(t, k8s_node(inc, C, L, pgnode), "kernel", [
            f"INFO: task {r.choice(['postgres','jbd2/rbd0-8','postgres'])}:{r.randint(20000,40000)} blocked for more than {120*(k+1) if k<3 else 120} seconds.",
            "      Not tainted 6.1.100+ #1", '"echo 0 > /proc/sys/kernel/hung_task_timeout_secs" disables this message.'], "ERROR", "symptom")
    inc.every(30, lambda t: inc.add(t, k8s_node(inc, C, L, pgnode), "kernel", f"libceph: osd{r.randint(0,3)} (1)10.128.0.{r.randint(40,43)}:6801 socket closed (con state OPEN)" if r.random()<.2 else f"rbd: rbd0: {hx(r,4)} pausewr/pauserd set, blocking I/O" if False else f"libceph: mon0 (1)10.128.0.21:6789 session established", "INFO"), FT+60)
    # postgres on GKE
    pgres = k8s(inc, C, L, "ledger", "postgres-0", "postgres", pgnode)
    def pg(t):
        d = (inc.t0+timedelta(seconds=t)).strftime('%Y-%m-%d %H:%M:%S.%f')[:-3]
        if t < FT:
            if r.random() < .3: inc.add(t, pgres, "stderr", f"{d} UTC [{r.randint(100,9999)}] LOG:  checkpoint complete: wrote {r.randint(100,2000)} buffers ({r.uniform(0.5,4):.1f}%); 0 WAL file(s) added, 0 removed, 1 recycled; write={r.uniform(1,30):.3f} s, sync=0.0{r.randint(10,99)} s, total={r.uniform(1,30):.3f} s", "INFO")
            else: inc.add(t, pgres, "stderr", f"{d} UTC [{r.randint(100,9999)}] LOG:  duration: {r.uniform(1,40):.3f} ms  statement: SELECT balance FROM accounts WHERE id = {r.randint(1,90000)}", "INFO")
        elif t > FT + 30:
            inc.add(t, pgres, "stderr", f"{d} UTC [{r.randint(100,9999)}] ERROR:  canceling statement due to statement timeout", "ERROR", "symptom")
            inc.add(t+.001, pgres, "stderr", f"{d} UTC [{r.randint(100,9999)}] STATEMENT:  INSERT INTO ledger_entries (account_id, amount, ref) VALUES ($1, $2, $3)", "ERROR")
    inc.poisson(14, pg)
    inc.add(FT+300, pgres, "stderr", f"{(inc.t0+timedelta(seconds=FT+300)).strftime('%Y-%m-%d %H:%M:%S.%f')[:-3]} UTC [58] LOG:  using stale statistics instead of current ones because stats collector is not responding", "INFO")
    # ledger-api python
    lpods = [f"ledger-api-58f9d6c7b-{hx(r,5)}" for _ in range(3)]
    lb = lbres(inc, "ledger", "k8s1-ledger-ledger-api-8000")
    def api(t):
        res = k8s(inc, C, L, "ledger", r.choice(lpods), "ledger-api", r.choice(nodes))
        path = r.choice(["/v2/accounts/%d/balance" % r.randint(1,90000), "/v2/transfers", "/v2/accounts/%d/entries" % r.randint(1,90000)])
        if t > FT + 8 and path != "/healthz":
            lat = r.uniform(29.9, 30.05)
            inc.lines(t, res, "stderr", [
                f"{ts_java(inc,t)} ERROR ledger.api [{hx(r,8)}] request failed: {path}", "Traceback (most recent call last):",
                '  File "/app/ledger/db.py", line 77, in execute', "    return await conn.fetch(sql, *args, timeout=30)",
                '  File "/usr/local/lib/python3.12/site-packages/asyncpg/connection.py", line 690, in fetch', "    return await self._execute(query, args, 0, timeout)",
                "asyncpg.exceptions.QueryCanceledError: canceling statement due to statement timeout"], "ERROR", "symptom")
            lb_entry(inc, t, lb, "POST" if "transfers" in path else "GET", "https://api.ledger-demo.io" + path, 504, lat, "symptom", "backend_timeout")
        else:
            inc.add(t, res, "stdout", f'{ip(r)}:0 - "GET {path} HTTP/1.1" 200', "INFO")
            lb_entry(inc, t, lb, "GET", "https://api.ledger-demo.io" + path, 200, r.uniform(.01, .2))
    inc.poisson(60, api)
    inc.write({"root_cause": {"evidence": ["\"key\": \"pause\"", "pauserd,pausewr flag(s) set"], "category": "configuration", "must_mention": ["pause", "ceph"]},
               "symptoms": [{"evidence": "blocked for more than"}, {"evidence": "canceling statement due to statement timeout"}, {"evidence": "backend_timeout"}],
               "distractors": [{"evidence": "clock skew"}], "priority": "P0"})

if __name__ == "__main__":
    cassandra(); consul(); pulsar(); ceph()
