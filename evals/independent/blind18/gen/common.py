"""Shared helpers for the blind18 incident generator (stdlib only, deterministic)."""
import datetime as _dt
import gzip
import json
import os
import random

UA = [
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/121.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Safari/605.1.15",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_3 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
    "okhttp/4.12.0",
    "Dalvik/2.1.0 (Linux; U; Android 14; Pixel 7 Build/UQ1A.240105.004)",
    "python-requests/2.31.0",
    "GoogleHC/1.0",
]


class Inc:
    def __init__(self, iid, project, start, minutes, seed):
        self.id = iid
        self.project = project
        self.start = _dt.datetime.strptime(start, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=_dt.timezone.utc)
        self.minutes = minutes
        self.dur = minutes * 60.0
        self.rng = random.Random(seed)
        self.entries = []

    # ---------- basics ----------
    def ts(self, t):
        return (self.start + _dt.timedelta(seconds=t)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")

    def hexid(self, n=16):
        return "".join(self.rng.choice("0123456789abcdef") for _ in range(n))

    def ip(self):
        r = self.rng
        return "%d.%d.%d.%d" % (r.choice([34, 35, 66, 73, 81, 98, 104, 172, 185, 203, 212]), r.randint(1, 254), r.randint(1, 254), r.randint(1, 254))

    def log(self, name):
        return "projects/%s/logs/%s" % (self.project, name.replace("/", "%2F"))

    def add(self, t, resource, logname, severity="INFO", text=None, jp=None, pp=None, http=None,
            labels=None, trace=False, op=None, src=None):
        if t < 0 or t >= self.dur:
            return None
        e = {
            "insertId": self.hexid(self.rng.choice([12, 16])),
            "logName": self.log(logname),
            "receiveTimestamp": self.ts(t + self.rng.uniform(0.05, 1.6)),
            "resource": resource,
            "severity": severity,
            "timestamp": self.ts(t),
        }
        if text is not None:
            e["textPayload"] = text
        if jp is not None:
            e["jsonPayload"] = jp
        if pp is not None:
            e["protoPayload"] = pp
        if http is not None:
            e["httpRequest"] = http
        if labels:
            e["labels"] = labels
        if trace:
            e["trace"] = "projects/%s/traces/%s" % (self.project, self.hexid(32))
            e["spanId"] = self.hexid(16)
            e["traceSampled"] = self.rng.random() < 0.1
        if op:
            e["operation"] = op
        if src:
            e["sourceLocation"] = src
        self.entries.append(e)
        return e

    def every(self, period, jitter=0.0, start=0.0, end=None):
        end = self.dur if end is None else end
        t = start + self.rng.uniform(0, period)
        while t < end:
            yield t + self.rng.uniform(-jitter, jitter)
            t += period

    def poisson(self, rate_per_s, start=0.0, end=None):
        end = self.dur if end is None else end
        t = start
        if rate_per_s <= 0:
            return
        while True:
            t += self.rng.expovariate(rate_per_s)
            if t >= end:
                return
            yield t

    # ---------- resources ----------
    def run_res(self, svc, rev, region="us-central1"):
        return {"type": "cloud_run_revision", "labels": {"configuration_name": svc, "location": region,
                "project_id": self.project, "revision_name": rev, "service_name": svc}}

    def k8s_res(self, cluster, ns, pod, container, location="us-central1"):
        return {"type": "k8s_container", "labels": {"cluster_name": cluster, "container_name": container,
                "location": location, "namespace_name": ns, "pod_name": pod, "project_id": self.project}}

    def pod_res(self, cluster, ns, pod, location="us-central1"):
        return {"type": "k8s_pod", "labels": {"cluster_name": cluster, "location": location,
                "namespace_name": ns, "pod_name": pod, "project_id": self.project}}

    def node_res(self, cluster, node, location="us-central1"):
        return {"type": "k8s_node", "labels": {"cluster_name": cluster, "location": location,
                "node_name": node, "project_id": self.project}}

    def cluster_res(self, cluster, location="us-central1"):
        return {"type": "k8s_cluster", "labels": {"cluster_name": cluster, "location": location,
                "project_id": self.project}}

    def gce_res(self, instance_id, zone):
        return {"type": "gce_instance", "labels": {"instance_id": str(instance_id), "project_id": self.project, "zone": zone}}

    def sql_res(self, instance, region="us-central1"):
        return {"type": "cloudsql_database", "labels": {"database_id": "%s:%s" % (self.project, instance),
                "project_id": self.project, "region": region}}

    def lb_res(self, backend, fr="fr-https-prod", proxy="tp-https-prod", urlmap="um-prod"):
        return {"type": "http_load_balancer", "labels": {"backend_service_name": backend, "forwarding_rule_name": fr,
                "project_id": self.project, "target_proxy_name": proxy, "url_map_name": urlmap, "zone": "global"}}

    # ---------- common payload builders ----------
    def http(self, method, url, status, latency, ua=None, size=None, proto="HTTP/1.1", server_ip=None, remote=None):
        h = {"latency": "%.6fs" % latency, "protocol": proto, "remoteIp": remote or self.ip(), "requestMethod": method,
             "requestSize": str(self.rng.randint(180, 2400)), "requestUrl": url,
             "responseSize": str(size if size is not None else self.rng.randint(90, 48000)),
             "status": status, "userAgent": ua or self.rng.choice(UA[:6])}
        if server_ip:
            h["serverIp"] = server_ip
        return h

    def run_request(self, t, res, host, method, path, status, latency, instance=None):
        sev = "ERROR" if status >= 500 else ("WARNING" if status >= 400 else "INFO")
        labels = {"instanceId": instance or ("00" + self.hexid(86))}
        text = None
        if status in (500, 503) and latency > 59:
            text = "The request has been terminated because it has reached the maximum request timeout. To change this limit, see https://cloud.google.com/run/docs/configuring/request-timeout"
        return self.add(t, res, "run.googleapis.com/requests", sev, text=text,
                        http=self.http(method, "https://%s%s" % (host, path), status, latency,
                                       server_ip="169.254.%d.%d" % (self.rng.randint(1, 12), self.rng.randint(1, 254))),
                        labels=labels, trace=True)

    def lb_request(self, t, res, host, method, path, status, latency, backend_ip=None, details=None):
        sev = "ERROR" if status >= 500 else ("WARNING" if status >= 400 else "INFO")
        jp = {"@type": "type.googleapis.com/google.cloud.loadbalancing.type.LoadBalancerLogEntry",
              "backendTargetProjectNumber": "projects/%d" % (400000000000 + sum(map(ord, self.project)) * 7919),
              "remoteIp": self.ip(), "statusDetails": details or ("response_sent_by_backend" if status < 500 else "backend_connection_closed_before_data_sent_to_client")}
        return self.add(t, res, "requests", sev, jp=jp,
                        http=self.http(method, "https://%s%s" % (host, path), status, latency,
                                       server_ip=backend_ip, proto="HTTP/2.0"), trace=True)

    def audit(self, t, res, service, method, resource_name, principal, request=None, response=None,
              severity="NOTICE", logname="cloudaudit.googleapis.com/activity", status=None, ip=None, ua=None,
              metadata=None):
        pp = {"@type": "type.googleapis.com/google.cloud.audit.AuditLog",
              "authenticationInfo": {"principalEmail": principal},
              "authorizationInfo": [{"granted": True, "permission": method.split(".")[0] + ".update",
                                     "resource": resource_name}],
              "methodName": method, "resourceName": resource_name, "serviceName": service,
              "requestMetadata": {"callerIp": ip or "35.203.%d.%d" % (self.rng.randint(1, 254), self.rng.randint(1, 254)),
                                  "callerSuppliedUserAgent": ua or "google-cloud-sdk gcloud/463.0.0 command/gcloud"}}
        if request is not None:
            pp["request"] = request
        if response is not None:
            pp["response"] = response
        if status is not None:
            pp["status"] = status
        if metadata is not None:
            pp["metadata"] = metadata
        return self.add(t, res, logname, severity, pp=pp,
                        op={"id": "operation-%d-%s" % (1700000000000 + int(t * 1000), self.hexid(8)), "producer": service,
                            "first": True, "last": True})

    def k8s_event(self, t, cluster, kind, name, ns, reason, message, etype="Normal", component="kubelet",
                  host=None, location="us-central1", count=1):
        if kind == "Pod":
            res = self.pod_res(cluster, ns, name, location)
        elif kind == "Node":
            res = self.node_res(cluster, name, location)
        else:
            res = {"type": "k8s_cluster", "labels": {"cluster_name": cluster, "location": location, "project_id": self.project}}
        jp = {"apiVersion": "v1", "kind": "Event", "type": etype, "reason": reason, "message": message,
              "involvedObject": {"kind": kind, "name": name, "namespace": ns, "apiVersion": "v1" if kind in ("Pod", "Node") else "apps/v1"},
              "metadata": {"name": "%s.%s" % (name, self.hexid(16)), "namespace": ns},
              "source": {"component": component}, "count": count,
              "firstTimestamp": self.ts(t)[:19] + "Z", "lastTimestamp": self.ts(t)[:19] + "Z",
              "reportingComponent": component, "reportingInstance": host or ""}
        if host:
            jp["source"]["host"] = host
        return self.add(t, res, "events", "WARNING" if etype == "Warning" else "INFO", jp=jp)

    # ---------- write ----------
    def write(self, outdir, truth):
        d = os.path.join(outdir, self.id)
        os.makedirs(d, exist_ok=True)
        ents = sorted(self.entries, key=lambda e: (e["timestamp"], e["insertId"]), reverse=True)
        data = json.dumps(ents, indent=2, sort_keys=True).encode()
        with open(os.path.join(d, "logs.json.gz"), "wb") as f:
            with gzip.GzipFile(filename="", mode="wb", fileobj=f, mtime=0, compresslevel=6) as g:
                g.write(data)
        truth = dict(truth)
        truth["id"] = self.id
        truth["window"] = {"start": self.ts(0)[:19] + "Z", "end": self.ts(self.dur)[:19] + "Z"}
        order = ["id", "title", "window", "root_cause", "symptoms", "distractors", "priority"]
        truth = {k: truth[k] for k in order if k in truth}
        with open(os.path.join(d, "truth.json"), "w") as f:
            json.dump(truth, f, indent=2)
            f.write("\n")
        blob = data.decode().lower()
        return len(ents), blob


def pyjson(msg, severity="INFO", **kw):
    d = {"message": msg, "severity": severity}
    d.update(kw)
    return d
