"""Reusable background chatter: platform noise, ingress access logs, chaos controllers."""


def gke_platform(g, nodes):
    r = g.rng
    cas = g.k8s("kube-system", "cluster-autoscaler-%s" % g.hexid(5), "cluster-autoscaler")
    g.every(10, lambda t: g.err(t, cas, "I%s  1 static_autoscaler.go:554] No unschedulable pods" % g.fmt(t, "%m%d %H:%M:%S.%f"), sev="INFO"))
    g.every(60, lambda t: g.err(t, cas, "I%s  1 scale_down.go:829] No candidates for scale down" % g.fmt(t, "%m%d %H:%M:%S.%f"), sev="INFO"))
    gma = [g.k8s("kube-system", "gke-metrics-agent-%s" % g.hexid(5), "gke-metrics-agent", node=n) for n in nodes]
    g.every(30, lambda t: g.err(t, r.choice(gma), "%s\twarn\tbatchperresourceattr/batchperresourceattr.go:81\tNo metrics found for resource, dropping\t{\"kind\": \"exporter\", \"data_type\": \"metrics\"}" % g.fmt(t, "%Y-%m-%dT%H:%M:%S.%fZ"), sev="ERROR"))
    fb = [g.k8s("kube-system", "fluentbit-gke-%s" % g.hexid(5), "fluentbit", node=n) for n in nodes]
    g.every(45, lambda t: g.err(t, r.choice(fb), "[%s] [ warn] [input:tail:tail.0] file=/var/log/containers/%s.log has been rotated, inode changed" % (g.fmt(t, "%Y/%m/%d %H:%M:%S"), g.hexid(12)), sev="ERROR"))
    for n in nodes:
        nr = g.k8s_node(n)
        g.every(120, lambda t, nr=nr: g.add(t, nr, "kubelet", sev="INFO", js={"MESSAGE": "I%s    2311 kubelet_getters.go:218] \"Pod status updated\" status=\"Running\"" % g.fmt(t, "%m%d %H:%M:%S.%f"), "_SYSTEMD_UNIT": "kubelet.service", "_HOSTNAME": n}), jitter=0.4)
        g.every(300, lambda t, nr=nr: g.add(t, nr, "kubelet", sev="ERROR", js={"MESSAGE": "E%s    2311 summary_sys_containers.go:83] \"Failed to get system container stats\" err=\"failed to get cgroup stats for \\\"/system.slice/docker.service\\\": failed to get container info for \\\"/system.slice/docker.service\\\": unknown container \\\"/system.slice/docker.service\\\"\" containerName=\"/system.slice/docker.service\"" % g.fmt(t, "%m%d %H:%M:%S.%f"), "_SYSTEMD_UNIT": "kubelet.service", "_HOSTNAME": nr["labels"]["node_name"]}), jitter=0.2)
        g.every(600, lambda t, nr=nr: g.add(t, nr, "node-problem-detector", sev="INFO", js={"MESSAGE": "I%s     812 log_monitor.go:160] New status generated: &{Source:kernel-monitor Events:[] Conditions:[{Type:KernelDeadlock Status:False}]}" % g.fmt(t, "%m%d %H:%M:%S.%f")}), jitter=0.3)


def ingress_line(g, t, method, path, status, lat, upstream_name, upstream_ip, ua=None, size=None):
    ua = ua or g.rng.choice([u for u in __import__("common").UA if "Google" not in u and "kube" not in u])
    size = size if size is not None else g.rng.randint(300, 30000)
    return '%s - - [%s] "%s %s HTTP/1.1" %d %d "-" "%s" %d %.3f [%s] [] %s %d %.3f %d %s' % (
        g.ip(), g.fmt(t, "%d/%b/%Y:%H:%M:%S +0000"), method, path, status, size, ua, g.rng.randint(200, 900), lat,
        upstream_name, upstream_ip, size, lat, status, g.hexid(32))


def chaos_mesh_controller(g, experiments):
    """experiments: list of (start, end, kind, ns, name, target)"""
    cm = g.k8s("chaos-mesh", "chaos-controller-manager-7c9d6c8f9-%s" % g.hexid(5), "chaos-mesh")
    g.every(30, lambda t: g.out(t, cm, '%s\tINFO\tcontroller-runtime.metrics\treconcile\t{"controller": "schedule", "active": 0}' % g.fmt(t, "%Y-%m-%dT%H:%M:%S.%fZ")), jitter=0.2)
    for (s, e, kind, ns, name, target) in experiments:
        g.out(s, cm, '%s\tINFO\trecords\tapply chaos\t{"id": "%s/%s/%s"}' % (g.fmt(s, "%Y-%m-%dT%H:%M:%S.%fZ"), ns, target, kind))
        g.out(s + 0.2, cm, '%s\tINFO\tdesiredphase\tchaos phase changed\t{"kind": "%s", "namespace": "%s", "name": "%s", "phase": "Run"}' % (g.fmt(s + 0.2, "%Y-%m-%dT%H:%M:%S.%fZ"), kind, ns, name))
        g.k8s_event(s + 0.3, ns, kind, name, "Applied", "Successfully apply chaos for %s/%s" % (ns, target), component="chaos-controller-manager")
        g.out(e, cm, '%s\tINFO\trecords\trecover chaos\t{"id": "%s/%s/%s"}' % (g.fmt(e, "%Y-%m-%dT%H:%M:%S.%fZ"), ns, target, kind))
        g.k8s_event(e + 0.3, ns, kind, name, "Recovered", "Successfully recover chaos for %s/%s" % (ns, target), component="chaos-controller-manager")
