from common import *

# 5 ---------------- MinIO: injected block-device I/O errors on two nodes -> write quorum lost
def minio():
    inc = Inc("minio-drive-io-errors", "Uploads fail: dm-flakey I/O errors take minio-3/minio-4 drives offline, erasure set loses write quorum",
              "2026-02-24T16:05:00Z", 40, "chaoslab-media", 505)
    r = inc.r; Z = "europe-west4-a"; C, L = "media-gke", "europe-west4"
    nodes = [f"gke-media-gke-default-7a3c10e4-{x}" for x in ("4kfp", "9wq2")]
    gke_noise(inc, C, L, nodes, .8)
    ms = [f"minio-{i}" for i in range(1,5)]
    for m in ms: gce_noise(inc, m, Z, .5)
    FT = 8*60+41
    def mlog(t, h, msg, sev=None, role=None):
        inc.add(t, gce(inc, h, Z), "minio", msg, sev, role)
    def api_err(t, h, err, role=None, sev="ERROR"):
        mlog(t, h, {"level": "ERROR", "errKind": "ALL", "time": ts_iso(inc,t,9), "api": {"name": "SYSTEM"}, "error": {"message": err, "source": ["internal/logger/logonce.go:118:logger.LogOnceIf()"]}}, sev, role)
    # baseline: scanner / healing noise
    inc.every(60, lambda t: mlog(t, r.choice(ms), {"level": "INFO", "time": ts_iso(inc,t,9), "message": f"Data usage crawler: scanned {r.randint(20000,90000)} objects in bucket media-originals"}, "INFO"))
    inc.poisson(.6, lambda t: api_err(t, r.choice(ms), f"Unable to notify webhook target arn:minio:sqs::thumb:webhook: Post \"http://thumbnailer.media.svc:8080/hook\": read tcp 10.164.0.{r.randint(10,14)}:{r.randint(40000,60000)}->10.80.1.{r.randint(2,200)}:8080: read: connection reset by peer", None, "WARNING"))
    # cause: kernel I/O errors first on minio-3 then minio-4
    for h, dt, dev in (("minio-3", 0, "sdb"), ("minio-3", 2.5, "sdc"), ("minio-4", 37, "sdb"), ("minio-4", 39, "sdc")):
        for k in range(4):
            inc.add(FT+dt+k*.4, gce(inc, h, Z), "syslog", f"{(inc.t0+timedelta(seconds=FT+dt+k*.4)).strftime('%b %e %H:%M:%S')} {h} kernel: [{r.randint(800000,900000)}.{r.randint(100000,999999)}] blk_update_request: I/O error, dev {dev}, sector {r.randint(10**7,10**9)} op 0x{r.choice([0,1])}:({r.choice(['READ','WRITE'])}) flags 0x800 phys_seg 1 prio class 0", None, "cause")
        inc.add(FT+dt+2, gce(inc, h, Z), "syslog", f"{(inc.t0+timedelta(seconds=FT+dt+2)).strftime('%b %e %H:%M:%S')} {h} kernel: [{r.randint(800000,900000)}.{r.randint(100000,999999)}] XFS ({dev}): metadata I/O error in \"xfs_buf_iodone_callback_error\" at daddr 0x{hx(r,6)} len 8 error 5", None, "cause")
        api_err(FT+dt+3, h, f"Drive /mnt/{'disk1' if dev=='sdb' else 'disk2'} returned an unexpected error: input/output error, please investigate - drive will be offline", "cause")
    def offline(t):
        api_err(t, r.choice(["minio-1","minio-2"]), f"Marking http://{r.choice(['minio-3','minio-4'])}:9000/mnt/disk{r.randint(1,2)} offline temporarily; caused by drive is faulty", "symptom")
    inc.poisson(1, offline, FT+45)
    # upload-api (node)
    ups = [f"upload-api-6bd5c7f8d9-{hx(r,5)}" for _ in range(3)]
    lb = lbres(inc, "media", "k8s1-media-upload-api-3000")
    def up(t):
        res = k8s(inc, C, L, "media", r.choice(ups), "upload-api", r.choice(nodes))
        put = r.random() < .45; key = f"u/{hx(r,12)}/{r.choice(['IMG_','VID_','scan'])}{r.randint(1000,9999)}.{r.choice(['jpg','png','mp4'])}"
        if put and t > FT + 40:
            inc.add(t, res, "stderr", {"level": 50, "time": int((inc.t0.timestamp()+t)*1000), "pid": 1, "hostname": res["labels"]["pod_name"], "reqId": f"req-{r.randint(1,9999)}",
                    "msg": "upload failed", "err": {"type": "S3ServiceException", "message": "Storage resources are insufficient for the write operation .minio.sys/tmp", "code": "XMinioWriteQuorum", "$metadata": {"httpStatusCode": 503}}, "key": key}, "ERROR", "symptom")
            lb_entry(inc, t, lb, "PUT", "https://media.photoapp.eu/api/v1/uploads", 503, r.uniform(2,9), "symptom")
        else:
            inc.add(t, res, "stdout", {"level": 30, "time": int((inc.t0.timestamp()+t)*1000), "pid": 1, "hostname": res["labels"]["pod_name"], "msg": "request completed", "res": {"statusCode": 200 if not put else 201}, "responseTime": r.uniform(5, 400)}, "INFO")
            lb_entry(inc, t, lb, "PUT" if put else "GET", "https://media.photoapp.eu/api/v1/" + ("uploads" if put else f"media/{key}"), 201 if put else 200, r.uniform(.02,.6))
    inc.poisson(90, up)
    # thumbnailer python with distractor
    def th(t):
        res = k8s(inc, C, L, "media", f"thumbnailer-7f9c6d5b8-{hx(r,5)}", "thumbnailer", r.choice(nodes))
        if r.random() < .04:
            inc.lines(t, res, "stderr", [f"{ts_java(inc,t)} ERROR thumbnailer.worker: failed to render thumbnail for u/{hx(r,12)}/pano.jpg", "Traceback (most recent call last):",
                '  File "/srv/thumbnailer/worker.py", line 142, in render', "    im = Image.open(buf)", '  File "/usr/local/lib/python3.11/site-packages/PIL/Image.py", line 3305, in open',
                "PIL.Image.DecompressionBombError: Image size (298721400 pixels) exceeds limit of 178956970 pixels, could be decompression bomb DOS attack."], "ERROR", "distractor")
        elif t < FT + 40 or r.random() < .3:
            inc.add(t, res, "stdout", f"{ts_java(inc,t)} INFO thumbnailer.worker: thumbnail ok key=u/{hx(r,12)}/IMG_{r.randint(1000,9999)}.jpg sizes=[128,512,1080] {r.randint(40,400)}ms", "INFO")
        else:
            inc.add(t, res, "stderr", f"{ts_java(inc,t)} WARNING thumbnailer.worker: put_object failed, will retry: An error occurred (XMinioWriteQuorum) when calling the PutObject operation (reached max retries: 4): Storage resources are insufficient for the write operation .minio.sys/tmp", "WARNING", "symptom")
    inc.poisson(30, th)
    inc.write({"root_cause": {"evidence": ["blk_update_request: I/O error", "input/output error, please investigate"], "category": "other", "must_mention": ["minio-3", "I/O error"]},
               "symptoms": [{"evidence": "Storage resources are insufficient for the write operation"}, {"evidence": "upload failed"}, {"evidence": "offline temporarily; caused by drive is faulty"}],
               "distractors": [{"evidence": "DecompressionBombError"}], "priority": "P1"})

# 6 ---------------- Temporal: non-deterministic workflow code deployed
def temporal():
    inc = Inc("temporal-nondeterminism", "Order fulfillment workflows stuck: order-worker v3.8.0 reorders activities, replays fail with nondeterminism",
              "2026-07-14T11:30:00Z", 45, "chaoslab-fulfil", 606)
    r = inc.r; C, L = "fulfil-gke", "us-east4"
    nodes = [f"gke-fulfil-gke-pool-2-61b0ce3a-{x}" for x in ("0vdl", "hq3t", "s5zp")]
    gke_noise(inc, C, L, nodes)
    DEP = 11*60+20
    def tlog(t, svc, lvl, msg, extra, sev, role=None):
        j = {"level": lvl, "ts": ts_iso(inc,t), "msg": msg, "service": svc}; j.update(extra)
        inc.add(t, k8s(inc, C, L, "temporal", f"temporal-{svc}-{hx(r,9)}-{hx(r,5)}", f"temporal-{svc}", r.choice(nodes)), "stdout", j, sev, role)
    inc.poisson(4, lambda t: tlog(t, "history", "info", "Range updated for shardID", {"shard-id": r.randint(1,512), "previous-range-id": r.randint(1000,2000), "number": r.randint(1000,2000), "logging-call-at": "context_impl.go:1146"}, "INFO"))
    inc.poisson(3, lambda t: tlog(t, "matching", "info", "Task queue manager state changed", {"component": "matching-engine", "wf-task-queue-name": r.choice(["order-fulfillment","billing","/_sys/order-fulfillment/"+str(r.randint(1,3))]), "lifecycle": "Started", "logging-call-at": "task_queue_manager.go:343"}, "INFO"))
    inc.poisson(2, lambda t: tlog(t, "frontend", "warn", "history client encountered error", {"error": "Workflow execution already completed", "service-error-type": "serviceerror.NotFound", "logging-call-at": "metric_client.go:90"}, "WARNING"))
    # distractor archival
    inc.poisson(.7, lambda t: tlog(t, "history", "error", "failed to archive history", {"archival-URI": "gs://chaoslab-fulfil-temporal-archive/orders", "error": "googleapi: Error 403: temporal-archiver@chaoslab-fulfil.iam.gserviceaccount.com does not have storage.objects.create access to the Google Cloud Storage object., forbidden", "archival-request-workflow-type": "OrderFulfillmentWorkflow", "logging-call-at": "archiver.go:260"}, "ERROR", "distractor"))
    old = [f"order-worker-5c9b7d6f4-{hx(r,5)}" for _ in range(4)]; new = [f"order-worker-8d4f6a7c2-{hx(r,5)}" for _ in range(4)]
    for i, p in enumerate(new):
        inc.add(DEP+i*25, k8s_pod(inc, C, L, "fulfil", p), "events", {"kind": "Event", "reason": "Pulled", "type": "Normal", "message": 'Successfully pulled image "us-east4-docker.pkg.dev/chaoslab-fulfil/apps/order-worker:v3.8.0" in 2.114s (2.114s including waiting)', "involvedObject": {"kind": "Pod", "name": p, "namespace": "fulfil"}}, "INFO")
    def wk(t):
        k = sum(1 for i in range(4) if t > DEP + i*25 + 8)
        p = r.choice(new[:k] + old[k:]); res = k8s(inc, C, L, "fulfil", p, "order-worker", r.choice(nodes))
        wid = f"order-{r.randint(100000,999999)}"
        if p in new and r.random() < .55:
            inc.add(t, res, "stderr", {"level": "ERROR", "msg": "Workflow panic", "Namespace": "orders", "TaskQueue": "order-fulfillment", "WorkerID": f"1@{p}@", "WorkflowType": "OrderFulfillmentWorkflow",
                "WorkflowID": wid, "RunID": f"{hx(r,8)}-{hx(r,4)}-{hx(r,4)}-{hx(r,4)}-{hx(r,12)}", "Attempt": r.randint(1,40),
                "Error": "[TMPRL1100] nondeterministic workflow definition: history event is ActivityTaskScheduled: (ActivityId:3, ActivityType:(Name:ReserveInventory), TaskQueue:(Name:order-fulfillment)), replay command is ScheduleActivityTask: (ActivityId:3, ActivityType:(Name:ChargePayment), TaskQueue:(Name:order-fulfillment))",
                "StackTrace": "coroutine root [panic]:\ngo.temporal.io/sdk/internal.(*coroutineState).call(...)"}, "ERROR", "cause")
        else:
            inc.add(t, res, "stdout", {"level": "INFO", "msg": r.choice(["Activity completed", "Workflow completed", "Started Worker"]) if r.random()<.98 else "Started Worker", "Namespace": "orders", "TaskQueue": "order-fulfillment", "WorkflowID": wid, "ActivityType": r.choice(["ReserveInventory","ChargePayment","CreateShipment","SendConfirmation"])}, "INFO")
    inc.poisson(70, wk)
    def hist(t):
        tlog(t, "history", "warn", "Workflow task failed", {"wf-namespace": "orders", "wf-id": f"order-{r.randint(100000,999999)}", "wf-type": "OrderFulfillmentWorkflow", "cause": "WorkflowTaskFailed: WORKFLOW_TASK_FAILED_CAUSE_WORKFLOW_WORKER_UNHANDLED_FAILURE", "attempt": r.randint(2,40), "logging-call-at": "workflow_task_handler_callbacks.go:512"}, "WARNING", "symptom")
    inc.poisson(25, hist, DEP+20)
    gws = [f"orders-api-74d8c6b9f-{hx(r,5)}" for _ in range(3)]
    lb = lbres(inc, "orders", "k8s1-fulfil-orders-api-8080")
    def api(t):
        res = k8s(inc, C, L, "fulfil", r.choice(gws), "orders-api", r.choice(nodes))
        if r.random() < .5:
            lb_entry(inc, t, lb, "POST", "https://orders.acme-retail.com/api/orders", 202, r.uniform(.05,.3))
            inc.add(t, res, "stdout", f"time={ts_iso(inc,t)} level=info msg=\"workflow started\" workflow=OrderFulfillmentWorkflow id=order-{r.randint(100000,999999)}", "INFO")
        else:
            oid = r.randint(100000, 999999)
            if t > DEP + 300 and r.random() < .6:
                inc.add(t, res, "stdout", f"time={ts_iso(inc,t)} level=warn msg=\"order status still PENDING after {r.randint(5,25)}m\" id=order-{oid} stage=ReserveInventory", "WARNING", "symptom")
                lb_entry(inc, t, lb, "GET", f"https://orders.acme-retail.com/api/orders/order-{oid}/status", 200, r.uniform(.01,.05))
            else:
                lb_entry(inc, t, lb, "GET", f"https://orders.acme-retail.com/api/orders/order-{oid}/status", 200, r.uniform(.01,.05))
    inc.poisson(60, api)
    inc.write({"root_cause": {"evidence": ["nondeterministic workflow definition"], "category": "code-bug", "must_mention": ["order-worker", "nondetermin"]},
               "symptoms": [{"evidence": "Workflow task failed"}, {"evidence": "order status still PENDING"}],
               "distractors": [{"evidence": "failed to archive history"}], "priority": "P1"})

# 7 ---------------- Trino: nofile limit lowered on one worker
def trino():
    inc = Inc("trino-worker-nofile", "Scheduled reports fail: chaos prlimit lowers trino-worker-2 open-files limit, worker fails with Too many open files",
              "2026-08-03T01:50:00Z", 40, "chaoslab-analytics", 707)
    r = inc.r; C, L = "analytics-gke", "us-central1"
    nodes = [f"gke-analytics-gke-highmem-9e41a7c2-{x}" for x in ("2jd8", "bk4s", "p0ce", "vx7m")]
    gke_noise(inc, C, L, nodes)
    FT = 7*60+2
    def tr(t, pod, lvl, cls, msg, role=None, stream="stdout"):
        inc.add(t, k8s(inc, C, L, "trino", pod, "trino", r.choice(nodes)), stream, f"{ts_iso(inc,t)}\t{lvl}\t{r.choice(['dispatcher-query-'+str(r.randint(1,90)),'http-worker-'+str(r.randint(100,300)),'Query-'+hx(r,8)])}\t{cls}\t{msg}",
                {"INFO":"INFO","WARN":"WARNING","ERROR":"ERROR","DEBUG":"DEBUG"}[lvl], role)
    workers = [f"trino-worker-{i}" for i in range(4)]
    coord = "trino-coordinator-0"
    inc.poisson(8, lambda t: tr(t, coord, "INFO", "io.trino.event.QueryMonitor", f"TIMELINE: Query 20260803_{hx(r,6)}_{r.randint(10000,99999)}_{hx(r,5)} :: FINISHED :: elapsed {r.randint(200,90000)}ms :: planning {r.randint(10,400)}ms :: waiting 0ms :: scheduling {r.randint(5,200)}ms :: running {r.randint(100,80000)}ms :: finishing 0ms"))
    for w in workers:
        inc.poisson(5, lambda t, w=w: tr(t, w, "INFO", "io.trino.plugin.hive.util.HiveWriteUtils" if r.random()<.1 else "io.trino.execution.SqlTaskManager", f"Task 20260803_{hx(r,6)}_{r.randint(10000,99999)}_{hx(r,5)}.{r.randint(0,6)}.0.0 finished"))
    # distractor
    inc.poisson(.8, lambda t: tr(t, coord, "ERROR", "io.trino.execution.FailedQueryMonitor", f"Query 20260803_{hx(r,6)}_{r.randint(10000,99999)}_{hx(r,5)} failed: line 1:15: Table 'hive.default.tmp_sessions_20260301' does not exist", "distractor"))
    # cause
    inc.add(FT, k8s_node(inc, C, L, nodes[2]), "chaos-daemon", {"level": "info", "ts": ts_iso(inc,FT), "logger": "chaos-daemon-server", "msg": "applied prlimit nofile=4096:4096 to container process", "containerID": f"containerd://{hx(r,64)}", "pod": "trino/trino-worker-2", "experiment": "trino-fd-limit"}, "INFO", "cause")
    w2 = "trino-worker-2"
    def fd(t):
        c = r.random()
        if c < .5:
            inc.lines(t, k8s(inc, C, L, "trino", w2, "trino", nodes[2]), "stdout", [
                f"{ts_iso(inc,t)}\tERROR\thttp-worker-{r.randint(100,300)}\torg.eclipse.jetty.server.AbstractConnector\tAccept Failure",
                "java.io.IOException: Too many open files", "\tat java.base/sun.nio.ch.Net.accept(Native Method)", "\tat java.base/sun.nio.ch.ServerSocketChannelImpl.implAccept(ServerSocketChannelImpl.java:433)"], "ERROR", "cause")
        else:
            inc.lines(t, k8s(inc, C, L, "trino", w2, "trino", nodes[2]), "stdout", [
                f"{ts_iso(inc,t)}\tERROR\tSplitRunner-{r.randint(1,64)}\tio.trino.execution.executor.TaskExecutor\tError processing Split 20260803_{hx(r,6)}_{r.randint(10000,99999)}_{hx(r,5)}.1.0.0-{r.randint(1,200)}",
                f"java.io.FileNotFoundException: /data/trino/spill/{hx(r,8)}.bin (Too many open files)", "\tat java.base/java.io.FileOutputStream.open0(Native Method)"], "ERROR", "cause")
    inc.poisson(12, fd, FT+20)
    def qfail(t):
        q = f"20260803_{hx(r,6)}_{r.randint(10000,99999)}_{hx(r,5)}"
        tr(t, coord, "ERROR", "io.trino.execution.FailedQueryMonitor", f"Query {q} failed: Encountered too many errors talking to a worker node. The node may have crashed or be under too much load. This is probably a transient issue, so please retry your query in a few minutes. (http://10.52.3.14:8080/v1/task/{q}.2.0.0/results/0/{r.randint(0,300)} - {r.randint(30,60)} failures, failure duration 60.{r.randint(10,99)}s, total failed request time 61.{r.randint(10,99)}s)", "symptom")
    inc.poisson(4, qfail, FT+60)
    inc.poisson(1, lambda t: tr(t, coord, "WARN", "io.trino.failuredetector.HeartbeatFailureDetector", "Error getting info for http://10.52.3.14:8080/v1/info: java.net.SocketTimeoutException: Read timed out", "symptom"), FT+40)
    # report scheduler python
    def rep(t):
        res = k8s(inc, C, L, "reports", f"report-scheduler-29011{r.randint(10,99)}-{hx(r,5)}", "report-scheduler", r.choice(nodes))
        name = r.choice(["daily_revenue", "cohort_retention", "marketing_attribution", "inventory_aging"])
        if t > FT + 60 and r.random() < .75:
            inc.add(t, res, "stderr", f"{ts_java(inc,t)} [ERROR] reports.runner: report generation failed report={name} attempt={r.randint(1,3)}/3 error=TrinoQueryError(type=INTERNAL_ERROR, name=REMOTE_TASK_ERROR)", "ERROR", "symptom")
        else:
            inc.add(t, res, "stdout", f"{ts_java(inc,t)} [INFO] reports.runner: report={name} rows={r.randint(100,90000)} uploaded to gs://chaoslab-analytics-reports/{name}/2026-08-03.csv", "INFO")
    inc.poisson(5, rep)
    # hive metastore
    inc.poisson(4, lambda t: inc.add(t, k8s(inc, C, L, "trino", "hive-metastore-0", "metastore", nodes[0]), "stdout",
        f"{ts_java(inc,t)} INFO  [pool-6-thread-{r.randint(1,200)}] metastore.HiveMetaStore: {r.randint(1,200)}: source:10.52.{r.randint(0,4)}.{r.randint(2,250)} get_table : tbl=hive.analytics.{r.choice(['orders','sessions','events_daily'])}", "INFO"))
    inc.write({"root_cause": {"evidence": ["Too many open files", "prlimit nofile"], "category": "resource-exhaustion", "must_mention": ["trino-worker-2", "open files"]},
               "symptoms": [{"evidence": "Encountered too many errors talking to a worker node"}, {"evidence": "report generation failed"}],
               "distractors": [{"evidence": "tmp_sessions_20260301' does not exist"}], "priority": "P2"})

# 8 ---------------- Jenkins: plugin update leaves kubernetes plugin unloadable
def jenkins():
    inc = Inc("jenkins-k8s-plugin-load", "CI stalls: after plugin update and safe restart, Kubernetes plugin fails to load (needs newer kubernetes-client-api); no agents provisioned",
              "2026-09-22T13:00:00Z", 45, "chaoslab-ci", 808)
    r = inc.r; Z = "us-central1-f"; C, L = "ci-agents", "us-central1"
    nodes = [f"gke-ci-agents-pool-c3-{hx(r,8)}-{x}" for x in ("f1", "g2")]
    gke_noise(inc, C, L, nodes, .6)
    J = "jenkins-controller-1"; gce_noise(inc, J, Z); gce_noise(inc, "nexus-1", Z, .5)
    RS = 6*60+10
    jres = gce(inc, J, Z)
    def jl(t, lvl, cls, msg, role=None, extra=None):
        inc.add(t, jres, "jenkins", f"{(inc.t0+timedelta(seconds=t)).strftime('%Y-%m-%d %H:%M:%S.%f')[:-3]}+0000 [id={r.randint(20,900)}]\t{lvl}\t{cls}: {msg}", None, role)
        for i, x in enumerate(extra or []): inc.add(t+(i+1)*1e-5, jres, "jenkins", x, None, role)
    # audit of plugin update
    jl(RS-95, "INFO", "h.model.UpdateCenter$DownloadJob#run", "Starting the installation of kubernetes on behalf of ops-oncall")
    jl(RS-90, "INFO", "h.model.UpdateCenter$DownloadJob#run", "Installation successful: kubernetes")
    jl(RS-30, "INFO", "jenkins.model.Jenkins$22#run", "Restart in 10 seconds")
    jl(RS, "INFO", "jenkins.model.Jenkins#<init>", "Starting version 2.479.3")
    jl(RS+14, "SEVERE", "jenkins.InitReactorRunner$1#onTaskFailed", "Failed Loading plugin Kubernetes plugin v4295.v7fa_01b_309c95 (kubernetes)", "cause",
       ["java.io.IOException: Failed to load: Kubernetes plugin (kubernetes 4295.v7fa_01b_309c95)",
        " - Update required: Kubernetes Client API Plugin (kubernetes-client-api 6.10.0-240.v57880ce8b_0b_2) to be updated to 6.10.0-251.v556f5f100500 or higher",
        "\tat hudson.PluginWrapper.resolvePluginDependencies(PluginWrapper.java:1018)", "\tat hudson.PluginManager$2$1$1.run(PluginManager.java:552)"])
    jl(RS+14.2, "SEVERE", "jenkins.InitReactorRunner$1#onTaskFailed", "Failed Loading plugin Kubernetes Credentials Provider v1.262.v2670ef7ea_0c5 (kubernetes-credentials-provider)", None,
       ["java.io.IOException: Failed to load: Kubernetes Credentials Provider (kubernetes-credentials-provider 1.262.v2670ef7ea_0c5)", " - Failed to load: Kubernetes plugin (kubernetes 4295.v7fa_01b_309c95)"])
    jl(RS+30, "INFO", "jenkins.InitReactorRunner$1#onAttained", "Completed initialization")
    jl(RS+31, "WARNING", "hudson.util.RobustReflectionConverter#doUnmarshal", "Skipping a non-existent field cloud", None, ["Could not find class org.csanchez.jenkins.plugins.kubernetes.KubernetesCloud"])
    jl(RS+33, "INFO", "hudson.lifecycle.Lifecycle#onReady", "Jenkins is fully up and running")
    jobs = ["payments/main", "web-frontend/PR-1182", "infra/terraform-plan", "mobile-app/release-4.2", "search/main", "data-pipeline/nightly"]
    def normal(t):
        j = r.choice(jobs)
        if t < RS - 60:
            c = r.random()
            if c < .5: jl(t, "INFO", "o.c.j.p.k.KubernetesLauncher#launch", f"Created Pod: kubernetes ci-agents/k8s-agent-{hx(r,5)}-{hx(r,5)}")
            else: jl(t, "INFO", "h.model.Run#execute", f"{j} #{r.randint(100,3000)} main build action completed: {r.choice(['SUCCESS','SUCCESS','SUCCESS','FAILURE','UNSTABLE'])}")
        elif t > RS + 40:
            if r.random() < .5:
                jl(t, "INFO", "hudson.model.Queue#maintain", f"Still waiting to schedule task: {j} #{r.randint(100,3000)} - There are no nodes with the label 'k8s-agent'", "symptom")
            else:
                jl(t, "INFO", "o.j.p.w.s.s.ExecutorStepExecution$PlaceholderTask#getCauseOfBlockage", f"[{j}] Waiting for next available executor on 'k8s-agent'", "symptom")
    inc.poisson(14, normal)
    # distractor script security
    inc.poisson(.9, lambda t: jl(t, "WARNING", "o.j.p.w.flow.FlowExecutionList#resumeAll", "", None) if False else
        jl(t, "SEVERE", "o.j.p.workflow.cps.CpsFlowExecution#onProgramEnd", "data-pipeline/nightly failed", "distractor",
           ["org.jenkinsci.plugins.scriptsecurity.sandbox.RejectedAccessException: Scripts not permitted to use method groovy.json.JsonSlurperClassic parseText java.lang.String",
            "\tat org.jenkinsci.plugins.scriptsecurity.sandbox.whitelists.StaticWhitelist.rejectMethod(StaticWhitelist.java:265)"]))
    inc.poisson(.5, lambda t: jl(t, "WARNING", "hudson.tasks.MailSender#createMail", f"Failed to send e-mail to {r.choice(['jdoe','mkim','pwong'])} because no e-mail address is known, and no default e-mail domain is configured"))
    # nginx in front of Jenkins
    def ng(t):
        st = 200; path = r.choice(["/job/payments/job/main/lastBuild/api/json", "/ajaxExecutors", "/queue/api/json", "/github-webhook/", "/static/8e1a/jsbundles/app.js", "/login"])
        if RS - 20 < t < RS + 32: st = 503
        lat = r.uniform(.002, .4)
        d = (inc.t0+timedelta(seconds=t)).strftime('%d/%b/%Y:%H:%M:%S +0000')
        inc.add(t, jres, "nginx-access", f'{ip(r)} - - [{d}] "{"POST" if "webhook" in path else "GET"} {path} HTTP/1.1" {st} {r.randint(100,90000)} "-" "{r.choice(UAS)}" rt={lat:.3f}')
    inc.poisson(75, ng)
    # agent pods normal before, nothing after; k8s events
    def ev(t):
        p = f"k8s-agent-{hx(r,5)}-{hx(r,5)}"
        inc.add(t, k8s_pod(inc, C, L, "ci-agents", p), "events", {"kind": "Event", "reason": r.choice(["Scheduled", "Pulled", "Created", "Started", "Killing"]), "type": "Normal", "message": "Successfully assigned ci-agents/%s to %s" % (p, r.choice(nodes)), "involvedObject": {"kind": "Pod", "name": p, "namespace": "ci-agents"}}, "INFO")
    inc.poisson(6, ev, 0, RS-60)
    # nexus
    inc.poisson(8, lambda t: inc.add(t, gce(inc, "nexus-1", Z), "nexus", f"{ts_java(inc,t)}  INFO  [qtp{r.randint(100000,999999)}-{r.randint(100,999)}]  *UNKNOWN org.sonatype.nexus.repository.httpbridge.internal.ViewServlet - GET /repository/maven-central/{r.choice(['org/springframework','com/google/guava','io/netty'])}/x.pom -> 200"))
    inc.write({"root_cause": {"evidence": ["Failed Loading plugin Kubernetes plugin", "Update required: Kubernetes Client API Plugin"], "category": "missing-dependency", "must_mention": ["kubernetes-client-api", "Kubernetes plugin"]},
               "symptoms": [{"evidence": "There are no nodes with the label 'k8s-agent'"}, {"evidence": "Waiting for next available executor"}],
               "distractors": [{"evidence": "RejectedAccessException: Scripts not permitted to use method"}], "priority": "P2"})

if __name__ == "__main__":
    minio(); temporal(); trino(); jenkins()
