#!/usr/bin/env python3
"""blind20: 14 fault-injection experiments (12 faults + 2 healthy windows).

Usage: python gen.py OUT      (standard library only, deterministic output)
"""
import sys, os, json, gzip, random, zlib, datetime as dt

UTC = dt.timezone.utc
SEC = 1_000_000
MIN = 60 * SEC
KCH = 'bcdfghjklmnpqrstvwxz2456789'


def parse(s):
    return int(dt.datetime.strptime(s, '%Y-%m-%dT%H:%M:%SZ').replace(tzinfo=UTC).timestamp()) * SEC


def d(us):
    return dt.datetime.fromtimestamp(us // SEC, UTC)


def iso(us):
    return d(us).strftime('%Y-%m-%dT%H:%M:%S') + '.%06dZ' % (us % SEC)


def ms(us):
    return '%03d' % ((us % SEC) // 1000)


class Inc:
    def __init__(s, iid, project, start, minutes):
        s.id = iid
        s.project = project
        s.t0 = parse(start)
        s.t1 = s.t0 + minutes * MIN
        s.rng = random.Random(zlib.crc32(iid.encode()))
        s.E = []

    # ---- randomness helpers
    def hx(s, n):
        return ''.join(s.rng.choice('0123456789abcdef') for _ in range(n))

    def kid(s, n):
        return ''.join(s.rng.choice(KCH) for _ in range(n))

    def ip(s, pfx='10.'):
        r = s.rng
        if pfx == 'pub':
            return '%d.%d.%d.%d' % (r.choice([34, 35, 66, 73, 81, 92, 104, 151, 176, 185, 203]), r.randint(1, 254), r.randint(1, 254), r.randint(1, 254))
        return pfx + '.'.join(str(r.randint(1, 254)) for _ in range(4 - pfx.count('.')))

    def at(s, m):
        return s.t0 + int(round(m * MIN))

    def times(s, per_min, a=None, b=None):
        a = s.t0 if a is None else a
        b = s.t1 if b is None else b
        out = []
        if per_min <= 0:
            return out
        t = a
        while True:
            t += max(1, int(s.rng.expovariate(per_min / MIN)))
            if t >= b:
                return out
            out.append(t)

    def every(s, period_s, a=None, b=None, jitter=0.05):
        a = s.t0 if a is None else a
        b = s.t1 if b is None else b
        out = []
        t = a + int(s.rng.uniform(0, period_s) * SEC)
        while t < b:
            out.append(t + int(s.rng.uniform(0, jitter * period_s) * SEC))
            t += int(period_s * SEC)
        return out

    # ---- core writer
    def add(s, t, res, logname, sev, text=None, js=None, proto=None, http=None, labels=None, trace=False, op=None):
        e = {'insertId': s.hx(16)}
        if http:
            e['httpRequest'] = http
        if js is not None:
            e['jsonPayload'] = js
        if labels:
            e['labels'] = labels
        e['logName'] = 'projects/%s/logs/%s' % (s.project, logname)
        if op:
            e['operation'] = op
        if proto:
            e['protoPayload'] = proto
        e['receiveTimestamp'] = iso(t + s.rng.randint(60_000, 2_400_000))
        e['resource'] = res
        e['severity'] = sev
        if trace:
            e['spanId'] = s.hx(16)
            e['trace'] = 'projects/%s/traces/%s' % (s.project, s.hx(32))
            e['traceSampled'] = False
        if text is not None:
            e['textPayload'] = text
        e['timestamp'] = iso(t)
        s.E.append(e)

    def write(s, out, truth):
        dd = os.path.join(out, s.id)
        os.makedirs(dd, exist_ok=True)
        E = [e for e in s.E if s.t0 <= parse_iso(e['timestamp']) < s.t1]
        E.sort(key=lambda e: (e['timestamp'], e['insertId']), reverse=True)
        raw = json.dumps(E, indent=2, sort_keys=True).encode()
        with open(os.path.join(dd, 'logs.json.gz'), 'wb') as f:
            with gzip.GzipFile(filename='', mode='wb', fileobj=f, mtime=0, compresslevel=6) as g:
                g.write(raw)
        truth = dict(truth)
        truth['id'] = s.id
        truth['window'] = {'start': iso(s.t0)[:19] + 'Z', 'end': iso(s.t1)[:19] + 'Z'}
        order = ['id', 'title', 'window', 'root_cause', 'symptoms', 'distractors', 'priority']
        truth = {k: truth[k] for k in order}
        with open(os.path.join(dd, 'truth.json'), 'w') as f:
            json.dump(truth, f, indent=2)
            f.write('\n')
        return len(E)


def parse_iso(s):
    return parse(s[:19] + 'Z') + int(s[20:26])


# ---------------------------------------------------------------- sources
class K8s:
    def __init__(s, inc, cluster, location):
        s.inc, s.cluster, s.location = inc, cluster, location

    def pod(s, ns, pod, container, node, app=None):
        inc = s.inc
        return {
            'kind': 'k8s',
            'res': {'type': 'k8s_container', 'labels': {
                'cluster_name': s.cluster, 'container_name': container, 'location': s.location,
                'namespace_name': ns, 'pod_name': pod, 'project_id': inc.project}},
            'labels': {'compute.googleapis.com/resource_name': node,
                       'k8s-pod/app': app or container,
                       'k8s-pod/pod-template-hash': pod.split('-')[-2] if pod.count('-') >= 2 else inc.kid(10)},
            'ns': ns, 'pod': pod, 'node': node}

    def deploy_pods(s, ns, dep, container, nodes, n=None):
        inc = s.inc
        h = inc.kid(9 if len(dep) > 12 else 10)
        n = n or len(nodes)
        return [s.pod(ns, '%s-%s-%s' % (dep, h, inc.kid(5)), container, nodes[i % len(nodes)], dep) for i in range(n)]

    def event(s, t, ns, kind, name, reason, msg, typ='Normal', comp='kubelet', host=None):
        inc = s.inc
        res = {'type': 'k8s_pod' if kind == 'Pod' else 'k8s_node' if kind == 'Node' else 'k8s_cluster',
               'labels': {'cluster_name': s.cluster, 'location': s.location, 'project_id': inc.project}}
        if kind == 'Node':
            res['labels']['node_name'] = name
        if kind == 'Pod':
            res['labels']['namespace_name'] = ns
            res['labels']['pod_name'] = name
        js = {'apiVersion': 'v1', 'kind': 'Event',
              'metadata': {'name': '%s.%s' % (name, inc.hx(16)), 'namespace': ns, 'uid': uid(inc),
                           'creationTimestamp': iso(t)[:19] + 'Z', 'resourceVersion': str(inc.rng.randint(10**7, 10**8))},
              'involvedObject': {'apiVersion': 'apps/v1' if kind != 'Pod' else 'v1', 'kind': kind, 'name': name, 'namespace': ns, 'uid': uid(inc)},
              'reason': reason, 'message': msg, 'type': typ,
              'source': {'component': comp} if not host else {'component': comp, 'host': host},
              'firstTimestamp': iso(t)[:19] + 'Z', 'lastTimestamp': iso(t)[:19] + 'Z', 'count': 1,
              'reportingComponent': comp, 'reportingInstance': host or ''}
        inc.add(t, res, 'events', 'WARNING' if typ == 'Warning' else 'INFO', js=js)

    def audit(s, t, method, resname, principal, request=None, ua='kubectl/v1.29.4 (linux/amd64) kubernetes/55019c8', code=None):
        inc = s.inc
        proto = {'@type': 'type.googleapis.com/google.cloud.audit.AuditLog',
                 'authenticationInfo': {'principalEmail': principal},
                 'authorizationInfo': [{'granted': True, 'permission': method.replace('io.k8s.', 'io.k8s.').rsplit('.', 1)[0] + '.' + method.rsplit('.', 1)[1], 'resource': resname}],
                 'methodName': method, 'requestMetadata': {'callerIp': inc.ip('pub'), 'callerSuppliedUserAgent': ua},
                 'resourceName': resname, 'serviceName': 'k8s.io', 'status': {}}
        if request:
            proto['request'] = request
        res = {'type': 'k8s_cluster', 'labels': {'cluster_name': s.cluster, 'location': s.location, 'project_id': inc.project}}
        inc.add(t, res, 'cloudaudit.googleapis.com%2Factivity', 'NOTICE', proto=proto,
                labels={'authorization.k8s.io/decision': 'allow', 'authorization.k8s.io/reason': 'access granted by IAM permissions.'},
                op={'first': True, 'last': True, 'id': uid(inc), 'producer': 'k8s.io'})


def uid(inc):
    return '%s-%s-%s-%s-%s' % (inc.hx(8), inc.hx(4), inc.hx(4), inc.hx(4), inc.hx(12))


def klog(inc, t, lvl, src, msg):
    return '%s%s %s.%06d       1 %s] %s' % (lvl, d(t).strftime('%m%d'), d(t).strftime('%H:%M:%S'), t % SEC, src, msg)


def kemit(inc, src, t, sev, payload, stream=None, trace=False):
    """emit from a k8s container; dict payload -> jsonPayload"""
    if stream is None:
        stream = 'stderr' if sev in ('WARNING', 'ERROR', 'CRITICAL') else 'stdout'
    if isinstance(payload, dict):
        inc.add(t, src['res'], stream, sev, js=payload, labels=src['labels'], trace=trace)
    else:
        inc.add(t, src['res'], stream, sev, text=payload, labels=src['labels'], trace=trace)


def kmulti(inc, src, t, sev, lines, stream='stderr'):
    for i, ln in enumerate(lines):
        kemit(inc, src, t + i * 7, sev, ln, stream=stream)


def gce(inc, name, zone, iid=None):
    return {'kind': 'gce', 'host': name,
            'res': {'type': 'gce_instance', 'labels': {'instance_id': iid or str(inc.rng.randint(10**18, 9 * 10**18)), 'project_id': inc.project, 'zone': zone}},
            'labels': {'compute.googleapis.com/resource_name': name}}


def syslog(inc, src, t, sev, proc, pid, msg, logname='syslog'):
    dd = d(t)
    line = '%s %2d %s %s %s%s: %s' % (dd.strftime('%b'), dd.day, dd.strftime('%H:%M:%S'), src['host'], proc, '[%d]' % pid if pid else '', msg)
    inc.add(t, src['res'], logname, sev, text=line, labels=src['labels'])


def lb(inc, t, fr, bs, url, status, lat, method='GET', ua=None, size=None, host=None, remote=None):
    res = {'type': 'http_load_balancer', 'labels': {'backend_service_name': bs, 'forwarding_rule_name': fr,
           'project_id': inc.project, 'target_proxy_name': fr.replace('-fr', '-proxy'), 'url_map_name': fr.replace('-fr', '-urlmap'), 'zone': 'global'}}
    http = {'latency': '%.6fs' % lat, 'remoteIp': remote or inc.ip('pub'), 'requestMethod': method,
            'requestSize': str(inc.rng.randint(300, 2400)), 'requestUrl': 'https://%s%s' % (host, url),
            'responseSize': str(size if size is not None else inc.rng.randint(400, 40000)), 'serverIp': inc.ip('10.'),
            'status': status, 'userAgent': ua or inc.rng.choice(UAS)}
    js = {'@type': 'type.googleapis.com/google.cloud.loadbalancing.type.LoadBalancerLogEntry',
          'statusDetails': 'response_sent_by_backend' if status < 500 or status == 500 else 'backend_timeout' if status == 504 else 'response_sent_by_backend'}
    sev = 'ERROR' if status >= 500 else 'WARNING' if status >= 400 else 'INFO'
    inc.add(t, res, 'requests', sev, js=js, http=http, trace=True)


UAS = ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36',
       'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
       'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148',
       'Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0',
       'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Mobile Safari/537.36']


# ================================================================ 1 + healthy: hotel reservation (Go gRPC on GKE)
def logrus(t, lvl, msg, **kv):
    s = 'time="%s" level=%s msg="%s"' % (iso(t)[:19] + 'Z', lvl, msg.replace('"', '\\"'))
    for k, v in kv.items():
        v = str(v)
        s += ' %s=%s' % (k, '"%s"' % v.replace('"', '\\"') if (' ' in v or '"' in v or '=' in v) else v)
    return s


def zl(t, lvl, msg, **kv):
    o = {'level': lvl, 'time': iso(t)[:19] + 'Z', 'message': msg}
    o.update(kv)
    return o


SEV = {'debug': 'DEBUG', 'info': 'INFO', 'warn': 'WARNING', 'warning': 'WARNING', 'error': 'ERROR'}


def hotel(inc, fault):
    r = inc.rng
    k = K8s(inc, 'chaos-hotel', 'us-central1-a')
    nodes = ['gke-chaos-hotel-default-pool-6f1d2c3a-%s' % x for x in ('4xkq', '9bzt', 'm2lw', 'tq7v')]
    badnode = nodes[2]
    ns = 'hotel-res'
    fe = k.deploy_pods(ns, 'frontend', 'hotel-frontend', nodes[:3], 3)
    fe[2] = k.pod(ns, fe[2]['pod'], 'hotel-frontend', badnode, 'frontend')
    search = k.deploy_pods(ns, 'search', 'search', [nodes[0], badnode], 2)
    geo = k.deploy_pods(ns, 'geo', 'geo', nodes[1:3], 2)
    rate_old = k.deploy_pods(ns, 'rate', 'rate', [nodes[0], nodes[1], nodes[3]], 3)
    rate_new = k.deploy_pods(ns, 'rate', 'rate', [nodes[3], nodes[0], nodes[1]], 3)
    profile = k.deploy_pods(ns, 'profile', 'profile', nodes[2:], 2)
    resv = k.deploy_pods(ns, 'reservation', 'reservation', nodes[:2], 2)
    user = k.deploy_pods(ns, 'user', 'user', nodes[3:], 1)
    rec = k.deploy_pods(ns, 'recommendation', 'recommendation', nodes[1:2], 1)
    kp = [k.pod('kube-system', 'kube-proxy-%s' % n, 'kube-proxy', n, 'kube-proxy') for n in nodes]
    ng = [k.pod('netguard', 'netguard-agent-%s' % inc.kid(5), 'agent', n, 'netguard-agent') for n in nodes]
    T_lock = inc.at(6.4) if fault else None
    T_roll = inc.at(14.2)
    T_roll_end = inc.at(16.1)
    rate_svc_ip = '10.108.7.44'
    host = 'hotels.chaoslab.example.net'
    cities = [('37.7749', '-122.4194'), ('37.7867', '-122.4112'), ('37.7599', '-122.4148'), ('37.8044', '-122.2712')]

    def rate_pods(t):
        return rate_old if t < T_roll_end else rate_new

    # --- user traffic
    for t in inc.times(95):
        p = r.random()
        fpod = r.choice(fe)
        if p < 0.45:
            lat, lon = r.choice(cities)
            day = r.randint(9, 22)
            url = '/hotels?inDate=2015-04-%02d&outDate=2015-04-%02d&lat=%s&lon=%s' % (day, day + r.randint(1, 3), lat, lon)
            spod = r.choice(search)
            broken = fault and t > T_roll + 40 * SEC and spod['node'] == badnode
            if r.random() < 0.3:
                kemit(inc, fpod, t, 'INFO', logrus(t, 'info', 'searching hotels', inDate='2015-04-%02d' % day, lat=lat, lon=lon), stream='stderr')
            gp = r.choice(geo)
            kemit(inc, gp, t + 1500, 'INFO', zl(t, 'info', 'nearby hotels found', count=r.randint(3, 10), lat=float(lat), lon=float(lon)))
            if broken:
                err = 'rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial tcp %s:8084: %s"' % (rate_svc_ip, r.choice(['i/o timeout', 'connect: no route to host', 'i/o timeout']))
                kemit(inc, spod, t + 20 * 1000 * r.randint(1, 100) + 2 * SEC, 'ERROR', zl(t, 'error', 'rate.GetRates failed', error=err, hotelIds=r.randint(3, 10)))
                if r.random() < 0.25:
                    kemit(inc, spod, t + 2 * SEC + 900, 'WARNING', zl(t, 'warn', '[core] grpc: addrConn.createTransport failed to connect to {Addr: "rate.hotel-res.svc.cluster.local:8084"}. Err: connection error: desc = "transport: Error while dialing: dial tcp %s:8084: i/o timeout"' % rate_svc_ip))
                kemit(inc, fpod, t + int(2.1 * SEC), 'ERROR', logrus(t + 2 * SEC, 'error', 'search failed', err='rpc error: code = Unavailable desc = connection error', path='/hotels'), stream='stderr')
                lb(inc, t, 'hotel-frontend-fr', 'k8s1-hotel-frontend-8080', url, 500, r.uniform(2.0, 2.3), host=host, size=43)
            else:
                rp = r.choice(rate_pods(t))
                if r.random() < 0.35:
                    kemit(inc, rp, t + 3000, 'INFO', zl(t, 'info', 'GetRates', hotels=r.randint(3, 10), cacheHits=r.randint(1, 6)))
                if r.random() < 0.2:
                    kemit(inc, spod, t + 4000, 'INFO', zl(t, 'info', 'search Nearby', results=r.randint(3, 10), took='%dms' % r.randint(3, 40)))
                lb(inc, t, 'hotel-frontend-fr', 'k8s1-hotel-frontend-8080', url, 200, r.uniform(0.012, 0.09), host=host)
        elif p < 0.65:
            url = '/recommendations?require=%s&lat=%s&lon=%s' % (r.choice(['dis', 'rate', 'price']), *r.choice(cities))
            if r.random() < 0.3:
                kemit(inc, rec[0], t + 1000, 'INFO', zl(t, 'info', 'GetRecommendations', require=url.split('=')[1].split('&')[0], n=r.randint(1, 5)))
            lb(inc, t, 'hotel-frontend-fr', 'k8s1-hotel-frontend-8080', url, 200, r.uniform(0.006, 0.04), host=host)
        elif p < 0.85:
            uname = 'Cornell_%d' % r.randint(0, 500)
            url = '/user?username=%s&password=%s' % (uname, '*' * 8)
            if r.random() < 0.3:
                kemit(inc, user[0], t + 800, 'INFO', zl(t, 'info', 'CheckUser', username=uname, correct=True))
            lb(inc, t, 'hotel-frontend-fr', 'k8s1-hotel-frontend-8080', url, 200, r.uniform(0.004, 0.02), host=host)
        else:
            uname = 'Cornell_%d' % r.randint(0, 500)
            hid = r.randint(1, 80)
            url = '/reservation?inDate=2015-04-%02d&outDate=2015-04-%02d&hotelId=%d&customerName=%s&number=1' % (12, 14, hid, uname)
            rp = r.choice(resv)
            if r.random() < 0.6:
                kemit(inc, rp, t + 2000, 'INFO', zl(t, 'info', 'MakeReservation', hotelId=str(hid), customer=uname, nights=2))
            st = 200
            if r.random() < 0.01:
                st = 409
                kemit(inc, rp, t + 2500, 'WARNING', zl(t, 'warn', 'hotel fully booked for requested dates', hotelId=str(hid)))
            lb(inc, t, 'hotel-frontend-fr', 'k8s1-hotel-frontend-8080', url, st, r.uniform(0.01, 0.06), method='POST', host=host)
    # --- distractor: statsd sidecar gone on user service
    for t in inc.every(20, jitter=0.4):
        kemit(inc, user[0], t, 'ERROR', zl(t, 'error', 'failed to flush metrics', error='write udp 10.52.3.17:41822->10.52.3.1:8125: write: connection refused', dropped=r.randint(40, 220)))
    # --- routine: profile cache, geo index reload, reservation cleanup
    for t in inc.every(600):
        for g in geo:
            kemit(inc, g, t + r.randint(0, 5 * SEC), 'INFO', zl(t, 'info', 'reloaded geo index', points=80, took='%dms' % r.randint(2, 9)))
    for t in inc.every(300):
        kemit(inc, resv[0], t, 'INFO', zl(t, 'info', 'expired holds cleanup', removed=r.randint(0, 4)))
    for t in inc.times(6):
        kemit(inc, r.choice(profile), t, 'INFO', zl(t, 'info', 'GetProfiles', hotels=r.randint(3, 10), cacheHit=r.random() < 0.9))
    for t in inc.times(0.4):
        kemit(inc, r.choice(profile), t, 'WARNING', zl(t, 'warn', 'profile cache miss storm suppressed', key='hotel_%d' % r.randint(1, 80)))
    # --- kube-proxy chatter
    for p in kp:
        for t in inc.every(r.choice([240, 300, 360]), jitter=0.6):
            kemit(inc, p, t, 'INFO', klog(inc, t, 'I', 'proxier.go:805', '"Syncing iptables rules"'), stream='stderr')
            kemit(inc, p, t + r.randint(80, 900) * 1000, 'INFO', klog(inc, t, 'I', 'proxier.go:799', '"SyncProxyRules complete" elapsed="%dms"' % r.randint(90, 400)), stream='stderr')
    for p in ng:
        for t in inc.every(900):
            kemit(inc, p, t, 'INFO', {'severity': 'INFO', 'msg': 'heartbeat ok', 'rules_seen': r.randint(1800, 2400), 'node': p['node']})
    # --- rate rollout (routine deploy)
    k.audit(T_roll - 20 * SEC, 'io.k8s.apps.v1.deployments.patch', 'apps/v1/namespaces/hotel-res/deployments/rate', 'ci-deployer@chaos-hotel-lab.iam.gserviceaccount.com',
            ua='argo-rollouts/1.7.1', request={'spec': {'template': {'spec': {'containers': [{'name': 'rate', 'image': 'us-docker.pkg.dev/chaos-hotel-lab/hotel/rate:v1.4.2'}]}}}})
    k.event(T_roll - 18 * SEC, ns, 'ReplicaSet', 'rate-%s' % rate_new[0]['pod'].split('-')[1], 'SuccessfulCreate', 'Created pod: %s' % rate_new[0]['pod'], comp='replicaset-controller')
    for i, (po, pn) in enumerate(zip(rate_old, rate_new)):
        t = T_roll + i * 35 * SEC
        k.event(t, ns, 'Pod', pn['pod'], 'Scheduled', 'Successfully assigned hotel-res/%s to %s' % (pn['pod'], pn['node']), comp='default-scheduler')
        k.event(t + 2 * SEC, ns, 'Pod', pn['pod'], 'Pulled', 'Container image "us-docker.pkg.dev/chaos-hotel-lab/hotel/rate:v1.4.2" already present on machine', host=pn['node'])
        k.event(t + 3 * SEC, ns, 'Pod', pn['pod'], 'Started', 'Started container rate', host=pn['node'])
        kemit(inc, pn, t + 4 * SEC, 'INFO', zl(t, 'info', 'rate service listening', addr=':8084', version='v1.4.2'))
        k.event(t + 14 * SEC, ns, 'Pod', po['pod'], 'Killing', 'Stopping container rate', host=po['node'])
        kemit(inc, po, t + 14 * SEC + 3000, 'INFO', zl(t, 'info', 'received SIGTERM, draining'))
    for p in kp:
        if p['node'] == badnode and fault:
            continue
        for j in range(3):
            t = T_roll + j * 35 * SEC + r.randint(1, 3) * SEC
            kemit(inc, p, t, 'INFO', klog(inc, t, 'I', 'proxier.go:805', '"Syncing iptables rules"'), stream='stderr')
    if fault:
        agent = ng[2]
        kemit(inc, agent, T_lock, 'INFO', {'severity': 'INFO', 'msg': 'iptables audit started: full ruleset snapshot, holding xtables lock until snapshot completes', 'mode': 'consistent', 'node': badnode})
        for t in inc.every(300, T_lock + 60 * SEC, inc.t1):
            kemit(inc, agent, t, 'INFO', {'severity': 'INFO', 'msg': 'iptables audit in progress', 'chains_scanned': r.randint(200, 900), 'node': badnode})
        p = kp[2]
        ts = [t for t in inc.every(30, T_lock + 20 * SEC, inc.t1, jitter=0.1)]
        ts += [T_roll + j * 35 * SEC + 2 * SEC for j in range(3)]
        for t in sorted(ts):
            kemit(inc, p, t, 'ERROR', klog(inc, t, 'E', 'proxier.go:1520', '"Failed to execute iptables-restore" err=<\n\texit status 4: Another app is currently holding the xtables lock. Stopped waiting after 5s.\n >'), stream='stderr')
            kemit(inc, p, t + 400, 'INFO', klog(inc, t, 'I', 'proxier.go:810', '"Sync failed" retryingTime="30s"'), stream='stderr')

# ================================================================ 2: NSQ msg-timeout lowered -> redelivery storm
def nsqts(t):
    return d(t).strftime('%Y/%m/%d %H:%M:%S') + '.%06d' % (t % SEC)


def gonsq(t, lvl, msg):
    return '%s %s    1 [orders/fulfillment] %s' % (d(t).strftime('%Y/%m/%d %H:%M:%S'), lvl, msg)


def pylog(t, lvl, name, msg):
    return '%s,%s %s %s %s' % (d(t).strftime('%Y-%m-%d %H:%M:%S'), ms(t), lvl, name, msg)


def nsq_incident(inc):
    r = inc.rng
    k = K8s(inc, 'shop-events', 'europe-west1')
    nodes = ['gke-shop-events-pool-1-8c2e61b0-%s' % x for x in ('1n7k', 'g3sd', 'x9pq')]
    ns = 'orders'
    nsqd = [k.pod(ns, 'nsqd-%d' % i, 'nsqd', nodes[i], 'nsqd') for i in range(3)]
    look = [k.pod(ns, 'nsqlookupd-%d' % i, 'nsqlookupd', nodes[i], 'nsqlookupd') for i in range(2)]
    api = k.deploy_pods(ns, 'order-api', 'order-api', nodes, 3)
    ful = k.deploy_pods(ns, 'fulfillment-worker', 'worker', nodes, 3)
    mail = k.deploy_pods(ns, 'email-worker', 'email-worker', nodes[:2], 2)
    wh = k.deploy_pods(ns, 'warehouse-api', 'warehouse-api', nodes[1:], 2)
    stats = k.pod(ns, 'nsq-stats-reporter-%s' % inc.kid(5), 'reporter', nodes[0], 'nsq-stats-reporter')
    T = inc.at(10.5)
    restart = [T + 25 * SEC + i * 40 * SEC for i in range(3)]
    T_eff = restart[0] + 5 * SEC
    host = 'api.shop-events.example.com'
    seq = [0]

    def msgid():
        return inc.hx(16)

    # order flow
    for t in inc.times(34):
        seq[0] += 1
        oid = 'ord-%07d' % (4_210_000 + seq[0] * 7 + r.randint(0, 6))
        ap = r.choice(api)
        kemit(inc, ap, t, 'INFO', {'severity': 'INFO', 'message': 'order created', 'order_id': oid, 'items': r.randint(1, 6), 'logger': 'order_api.routes.orders'}, trace=True)
        kemit(inc, ap, t + 900, 'INFO', {'severity': 'INFO', 'message': 'published to nsq topic=orders', 'order_id': oid, 'nsqd': 'nsqd-%d.nsqd:4151' % r.randint(0, 2), 'logger': 'order_api.events'})
        lb(inc, t, 'shop-events-api-fr', 'k8s1-order-api-8000', '/v1/orders', 201, r.uniform(0.03, 0.12), method='POST', host=host, ua='shop-web/5.12.0')
        # email consumer - fast
        mp = r.choice(mail)
        te = t + r.randint(50, 400) * 1000
        kemit(inc, mp, te, 'INFO', pylog(te, 'INFO', 'email_worker.handlers:', 'queued order confirmation for %s template=order_confirmed_v3' % oid), stream='stderr')
        # fulfillment
        fp = r.choice(ful)
        mid = msgid()
        tf = t + r.randint(100, 800) * 1000
        attempts = 1
        while True:
            dur = r.uniform(2.8, 8.5) if tf > T_eff else r.uniform(1.2, 3.5)
            if tf > T_eff:
                dur *= 1.0 + min(1.0, (tf - T_eff) / (20 * MIN))
            kemit(inc, fp, tf, 'INFO', logrus(tf, 'info', 'processing order', order=oid, attempt=attempts, msgID=mid))
            w = r.choice(wh)
            tw = tf + int(dur * SEC)
            dup = attempts > 1
            if dup and r.random() < 0.55:
                kemit(inc, w, tw - 2000, 'WARNING', '%s.%s  WARN 1 --- [nio-8080-exec-%d] c.s.warehouse.ShipmentController     : duplicate shipment request for order %s rejected (idempotency key %s already used)' % (d(tw).strftime('%Y-%m-%d %H:%M:%S'), ms(tw), r.randint(1, 40), oid, oid + '-ship'))
                kemit(inc, fp, tw, 'WARNING', logrus(tw, 'warning', 'warehouse returned 409 Conflict, shipment already exists', order=oid, attempt=attempts))
            elif dup:
                kemit(inc, w, tw - 2000, 'WARNING', '%s.%s  WARN 1 --- [nio-8080-exec-%d] c.s.warehouse.PickListService        : second pick list generated for order %s (pick-%d), previous pick list still open' % (d(tw).strftime('%Y-%m-%d %H:%M:%S'), ms(tw), r.randint(1, 40), oid, r.randint(10**5, 10**6)))
                kemit(inc, fp, tw, 'INFO', logrus(tw, 'info', 'shipment created', order=oid, took='%.2fs' % dur))
            else:
                if r.random() < 0.3:
                    kemit(inc, w, tw - 2000, 'INFO', '%s.%s  INFO 1 --- [nio-8080-exec-%d] c.s.warehouse.ShipmentController     : shipment created for order %s carrier=%s' % (d(tw).strftime('%Y-%m-%d %H:%M:%S'), ms(tw), r.randint(1, 40), oid, r.choice(['dhl', 'ups', 'gls'])))
                kemit(inc, fp, tw, 'INFO', logrus(tw, 'info', 'shipment created', order=oid, took='%.2fs' % dur))
            if tf > T_eff and dur > 4.0:
                conn = 'nsqd-%d.nsqd:4150' % r.randint(0, 2)
                kemit(inc, fp, tw + 1500, 'ERROR', gonsq(tw, 'ERR', '(%s) protocol error - E_FIN_FAILED FIN %s failed ID not in flight' % (conn, mid)), stream='stderr')
                attempts += 1
                if attempts > 5:
                    kemit(inc, fp, tw + 3000, 'WARNING', gonsq(tw, 'WRN', 'msg %s attempted %d times, giving up' % (mid, attempts)), stream='stderr')
                    break
                tf = tf + int(4 * SEC) + r.randint(100, 3000) * 1000
                if tf > inc.t1:
                    break
                continue
            break
    # stats reporter
    for t in inc.every(60, jitter=0.02):
        el = (t - T_eff) / MIN
        if t < T_eff:
            depth, infl, to, rq = r.randint(0, 12), r.randint(3, 20), 0, 0
        else:
            depth, infl = int(40 + el * r.uniform(25, 35)), r.randint(130, 150)
            to, rq = int(el * r.uniform(40, 60)), int(el * r.uniform(40, 60))
        kemit(inc, stats, t, 'INFO', {'severity': 'INFO', 'message': 'channel stats', 'topic': 'orders', 'channel': 'fulfillment', 'depth': depth, 'in_flight': infl, 'timeout_count': to, 'requeue_count': rq})
        kemit(inc, stats, t + 300, 'INFO', {'severity': 'INFO', 'message': 'channel stats', 'topic': 'orders', 'channel': 'email', 'depth': r.randint(0, 3), 'in_flight': r.randint(0, 5), 'timeout_count': 0, 'requeue_count': 0})
        if t > T_eff and depth > 500:
            kemit(inc, stats, t + 600, 'WARNING', {'severity': 'WARNING', 'message': 'channel backlog above threshold', 'topic': 'orders', 'channel': 'fulfillment', 'depth': depth, 'threshold': 500})
    # nsqd / lookupd chatter
    for p in nsqd:
        for t in inc.times(1.2):
            kemit(inc, p, t, 'INFO', '[nsqd] %s INFO: PROTOCOL(V2): [%s:%d] exiting ioloop' % (nsqts(t), inc.ip('10.52.'), r.randint(30000, 60000)), stream='stderr')
        for t in inc.every(300):
            kemit(inc, p, t, 'INFO', '[nsqd] %s INFO: LOOKUPD(nsqlookupd-%d.nsqlookupd:4160): sending heartbeat' % (nsqts(t), r.randint(0, 1)), stream='stderr')
    for p in look:
        for t in inc.times(0.8):
            kemit(inc, p, t, 'INFO', '[nsqlookupd] %s INFO: TCP: new client(%s:%d)' % (nsqts(t), inc.ip('10.52.'), r.randint(30000, 60000)), stream='stderr')
    # distractor: smtp relay 421 deferrals on email worker
    for t in inc.times(1.1):
        mp = r.choice(mail)
        kemit(inc, mp, t, 'WARNING', pylog(t, 'WARNING', 'email_worker.smtp:', 'SMTP relay smtp-relay.mailgw.internal:587 responded 421 4.7.0 Try again later, deferring message (retry in 120s)'), stream='stderr')
    for t in inc.every(120):
        kemit(inc, r.choice(api), t, 'INFO', {'severity': 'INFO', 'message': 'GET /healthz 200', 'logger': 'uvicorn.access'})
    # the change
    args = ['--lookupd-tcp-address=nsqlookupd-0.nsqlookupd:4160', '--lookupd-tcp-address=nsqlookupd-1.nsqlookupd:4160', '--data-path=/data',
            '--broadcast-address=$(POD_NAME).nsqd', '--mem-queue-size=10000', '--max-in-flight=200', '--msg-timeout=4s', '--max-msg-timeout=15m']
    k.audit(T, 'io.k8s.apps.v1.statefulsets.patch', 'apps/v1/namespaces/orders/statefulsets/nsqd', 'chaos-runner@shop-events-lab.iam.gserviceaccount.com',
            ua='chaos-runner/0.9.3', request={'spec': {'template': {'spec': {'containers': [{'name': 'nsqd', 'args': args}]}}}})
    for i, t in enumerate(restart):
        p = nsqd[2 - i]
        k.event(t, ns, 'Pod', p['pod'], 'Killing', 'Stopping container nsqd', host=p['node'])
        kemit(inc, p, t + 200 * 1000, 'INFO', '[nsqd] %s INFO: TCP: closing [::]:4150' % nsqts(t + 200000), stream='stderr')
        kemit(inc, p, t + 300 * 1000, 'INFO', '[nsqd] %s INFO: NSQ: persisting topic/channel metadata to /data/nsqd.dat' % nsqts(t + 300000), stream='stderr')
        t2 = t + 6 * SEC
        k.event(t2, ns, 'Pod', p['pod'], 'Started', 'Started container nsqd', host=p['node'])
        kemit(inc, p, t2 + 100 * 1000, 'INFO', '+ exec /nsqd ' + ' '.join(a.replace('$(POD_NAME)', p['pod']) for a in args), stream='stderr')
        lines = ['nsqd v1.3.0 (built w/go1.21.6)', 'ID: %d' % (2 - i), 'TOPIC(orders): created', 'TOPIC(orders): new channel(fulfillment)', 'TOPIC(orders): new channel(email)',
                 'TCP: listening on [::]:4150', 'HTTP: listening on [::]:4151', 'LOOKUP(nsqlookupd-0.nsqlookupd:4160): adding peer', 'LOOKUP(nsqlookupd-1.nsqlookupd:4160): adding peer',
                 'LOOKUP connecting to nsqlookupd-0.nsqlookupd:4160', 'LOOKUPD(nsqlookupd-0.nsqlookupd:4160): topic REGISTER orders']
        for j, ln in enumerate(lines):
            tt = t2 + 200 * 1000 + j * 3000
            kemit(inc, p, tt, 'INFO', '[nsqd] %s INFO: %s' % (nsqts(tt), ln), stream='stderr')
        for fp in ful:
            tt = t2 + r.randint(2, 9) * SEC
            kemit(inc, fp, t + 100 * 1000, 'WARNING', gonsq(t, 'WRN', '(%s.nsqd:4150) delaying close, 3 outstanding messages' % p['pod']), stream='stderr')
            kemit(inc, fp, tt, 'INFO', gonsq(tt, 'INF', '(%s.nsqd:4150) connecting to nsqd' % p['pod']), stream='stderr')
        for mp in mail:
            tt = t + r.randint(1, 4) * SEC
            kemit(inc, mp, tt, 'WARNING', pylog(tt, 'WARNING', 'nsq.client:', '[%s.nsqd:4150:email] connection closed' % p['pod']), stream='stderr')
        lp = look[i % 2]
        kemit(inc, lp, t2 + 2 * SEC, 'INFO', '[nsqlookupd] %s INFO: CLIENT(%s:4160): IDENTIFY Address:%s.nsqd TCP:4150 HTTP:4151 Version:1.3.0' % (nsqts(t2 + 2 * SEC), inc.ip('10.52.'), p['pod']), stream='stderr')

# ================================================================ 3 + healthy: Redpanda on VMs, Java producers on GKE
def rpl(t, lvl, shard, logger, msg):
    return '%-5s %s,%s [shard %d:main] %s - %s' % (lvl, d(t).strftime('%Y-%m-%d %H:%M:%S'), ms(t), shard, logger, msg)


def logback(t, lvl, thread, logger, msg, pid=1):
    return '%s.%s %5s %d --- [%15s] %-40s : %s' % (d(t).strftime('%Y-%m-%d %H:%M:%S'), ms(t), lvl, pid, thread[-15:], logger[:40], msg)


def redpanda(inc, fault):
    r = inc.rng
    brokers = [gce(inc, 'rp-broker-%d' % i, z) for i, z in enumerate(['us-east1-b', 'us-east1-c', 'us-east1-d'])]
    bip = ['10.142.0.%d' % x for x in (11, 12, 13)]
    k = K8s(inc, 'stream-prod', 'us-east1')
    nodes = ['gke-stream-prod-apps-3d0a9f21-%s' % x for x in ('c81m', 'hv2p', 'w5rn')]
    ing = k.deploy_pods('ingest', 'clickstream-ingest', 'ingest', nodes, 3)
    sess = k.deploy_pods('ingest', 'sessionizer', 'sessionizer', nodes, 2)
    rpid = [r.randint(1000, 3000) for _ in brokers]
    T2 = inc.at(9.3) if fault else None
    down = {1: inc.t0 - 6 * MIN} if fault else {}
    if fault:
        down[2] = T2 + 20 * SEC
    host = 'collect.stream-prod.example.io'
    parts = 12

    def leaders_ok(t):
        dn = [b for b, s in down.items() if t >= s]
        return len(dn) < 2

    # ingest traffic
    for t in inc.times(140):
        ip = r.choice(ing)
        part = r.randrange(parts)
        ok = leaders_ok(t) or (part % 3 == 0 and r.random() < 0.15)
        if ok:
            lb(inc, t, 'collect-fr', 'k8s1-clickstream-ingest-8080', '/v1/events', 204, r.uniform(0.004, 0.03), method='POST', host=host, size=0, ua='stream-sdk-js/3.8.1')
            if r.random() < 0.05:
                kemit(inc, ip, t + 2000, 'INFO', logback(t, 'INFO', 'http-nio-8080-exec-%d' % r.randint(1, 50), 'c.s.ingest.EventController', 'accepted batch events=%d partition=clickstream-%d' % (r.randint(5, 80), part)))
        else:
            lb(inc, t, 'collect-fr', 'k8s1-clickstream-ingest-8080', '/v1/events', 503, r.uniform(5.0, 5.1), method='POST', host=host, size=68, ua='stream-sdk-js/3.8.1')
            if r.random() < 0.35:
                kemit(inc, ip, t + 5 * SEC, 'ERROR', logback(t + 5 * SEC, 'ERROR', 'http-nio-8080-exec-%d' % r.randint(1, 50), 'c.s.ingest.EventController', 'failed to publish event batch: producer buffer full, rejecting with 503 (buffer.memory=33554432)'))
    if fault:
        for t in inc.times(30, T2 + 40 * SEC):
            ip = r.choice(ing)
            part = r.randrange(parts)
            kemit(inc, ip, t, 'WARNING', logback(t, 'WARN', 'kafka-producer-network-thread | producer-1', 'o.a.k.c.p.internals.Sender', '[Producer clientId=producer-1] Got error produce response with correlation id %d on topic-partition clickstream-%d, retrying (2147483%03d attempts left). Error: NOT_LEADER_OR_FOLLOWER' % (r.randint(10**5, 10**6), part, r.randint(100, 646))))
            if r.random() < 0.3:
                kemit(inc, ip, t + 900, 'WARNING', logback(t, 'WARN', 'kafka-producer-network-thread | producer-1', 'o.a.k.c.p.internals.Sender', '[Producer clientId=producer-1] Received invalid metadata error in produce request on partition clickstream-%d due to org.apache.kafka.common.errors.NotLeaderOrFollowerException: For requests intended only for the leader, this error indicates that the broker is not the current leader. Going to request metadata update now' % part))
        for t in inc.times(2.0, T2 + 2 * MIN + 30 * SEC):
            ip = r.choice(ing)
            part = r.randrange(parts)
            lines = [logback(t, 'ERROR', 'kafka-producer-network-thread | producer-1', 'c.s.ingest.KafkaPublisher', 'send failed for batch to clickstream-%d' % part),
                     'org.apache.kafka.common.errors.TimeoutException: Expiration of %d record(s) for clickstream-%d:120000 ms has passed since batch creation' % (r.randint(40, 400), part)]
            kmulti(inc, ip, t, 'ERROR', lines)
        for t in inc.times(6, T2 + 30 * SEC):
            sp = r.choice(sess)
            kemit(inc, sp, t, 'WARNING', {'level': 'warn', 'ts': iso(t), 'msg': 'fetch partition error', 'topic': 'clickstream', 'partition': r.randrange(parts), 'err': 'NOT_LEADER_FOR_PARTITION: the client attempted to send messages to a replica that is not the leader for some partition, the client\'s metadata is likely out of date'})
    for t in inc.every(30):
        for sp in sess:
            if fault and t > T2 + 30 * SEC:
                continue
            kemit(inc, sp, t + r.randint(0, 3000) * 1000, 'INFO', {'level': 'info', 'ts': iso(t), 'msg': 'committed offsets', 'group': 'sessionizer', 'partitions': parts // 2, 'lag': r.randint(0, 400)})
    for t in inc.every(60):
        for ip in ing:
            kemit(inc, ip, t + r.randint(0, 5) * SEC, 'INFO', logback(t, 'INFO', 'metrics-reporter', 'c.s.ingest.ProducerMetrics', 'producer stats record-send-rate=%.1f buffer-available-bytes=%d' % (r.uniform(20, 60), r.randint(30000000, 33554432))))
    # broker chatter (syslog)
    for i, b in enumerate(brokers):
        def alive(t):
            return not (i in down and t >= down[i])
        for t in inc.times(1.5):
            if alive(t):
                syslog(inc, b, t, 'INFO', 'redpanda', rpid[i], rpl(t, 'INFO', r.randint(0, 3), 'kafka', 'connection_context.cc:%d - Disconnected %s:%d (%s)' % (r.choice([197, 398]), inc.ip('10.8.'), r.randint(30000, 60000), r.choice(['Broken pipe', 'EOF']))))
        for t in inc.every(600):
            if alive(t):
                syslog(inc, b, t, 'INFO', 'redpanda', rpid[i], rpl(t, 'INFO', 0, 'storage', 'segment.cc:%d - Creating new segment /var/lib/redpanda/data/kafka/clickstream/%d_%d/%d-1-v1.log' % (r.randint(600, 700), r.randrange(parts), r.randint(20, 40), r.randint(10**6, 10**7))))
        for t in inc.times(0.5):
            if alive(t):
                syslog(inc, b, t, 'WARNING', 'redpanda', rpid[i], rpl(t, 'WARN', r.randint(0, 3), 'seastar', 'Reactor stalled for %d ms on shard %d. Backtrace: 0x%x 0x%x 0x%x 0x%x' % (r.randint(21, 48), r.randint(0, 3), r.randint(0x500000, 0x5fffff), r.randint(0x400000, 0x4fffff), r.randint(0x600000, 0x6fffff), r.randint(0x300000, 0x3fffff))))
        for t in inc.every(3600, jitter=0.9):
            syslog(inc, b, t, 'INFO', 'google_guest_agent', 811, 'Updating keys for user ops-ansible.')
        for t in inc.every(900):
            syslog(inc, b, t, 'INFO', 'systemd', 1, 'Started Session %d of User ops-ansible.' % r.randint(300, 900))
        if fault:
            for t in inc.every(15, jitter=0.2):
                if alive(t):
                    for j, dead in enumerate([x for x in down if x != i and t >= down[x]]):
                        if r.random() < 0.5:
                            syslog(inc, b, t + j * 100, 'WARNING', 'redpanda', rpid[i], rpl(t, 'WARN', r.randint(0, 3), 'rpc', 'Disconnected from server {host: %s, port: 33145}: std::system_error (error system:111, Connection refused)' % bip[dead]))
            if i == 0:
                for t in inc.every(10, T2 + 30 * SEC, inc.t1, jitter=0.3):
                    g = r.randint(1, 40)
                    syslog(inc, b, t, 'WARNING', 'redpanda', rpid[i], rpl(t, 'INFO', r.randint(0, 3), 'raft', '[group_id:%d, {kafka/clickstream/%d}] vote_stm.cc:%d - vote request to {id: {%d}, revision: {%d}} failed - rpc::errc::exponential_backoff' % (g, g % parts, r.choice([52, 77]), r.choice([1, 2]), r.randint(20, 40))))
    if not fault:
        # healthy: routine leadership balancing and a no-op ansible run
        for t in inc.every(600):
            b = r.randrange(3)
            syslog(inc, brokers[b], t, 'INFO', 'redpanda', rpid[b], rpl(t, 'INFO', 0, 'cluster', 'leader_balancer.cc:%d - Leadership rebalance: moving group %d from node %d to node %d' % (r.randint(500, 600), r.randint(1, 40), b, (b + 1) % 3)))
        tA = inc.at(22)
        for i, b in enumerate(brokers):
            tt = tA + i * 40 * SEC
            syslog(inc, b, tt, 'INFO', 'ansible-ansible.posix.sysctl', r.randint(20000, 40000), 'Invoked with name=fs.aio-max-nr value=1048576 sysctl_file=/etc/sysctl.d/90-redpanda.conf reload=True state=present ignoreerrors=False sysctl_set=False')
            syslog(inc, b, tt + 3 * SEC, 'INFO', 'ansible-ansible.legacy.apt', r.randint(20000, 40000), 'Invoked with name=[\'chrony\'] state=present update_cache=False cache_valid_time=0 autoremove=False')
        for t in inc.every(420):
            sp = r.choice(sess)
            kemit(inc, sp, t, 'INFO', {'level': 'info', 'ts': iso(t), 'msg': 'assigned partitions', 'group': 'sessionizer', 'generation': r.randint(100, 200), 'partitions': parts // 2})
        return
    # fault: broker 1 restart loop (already ongoing), broker 2 joins at T2
    def loop(i, start, counter):
        b = brokers[i]
        t = start
        while t < inc.t1:
            pid = r.randint(20000, 60000)
            syslog(inc, b, t, 'INFO', 'systemd', 1, 'Starting Redpanda, the fastest queue in the West....')
            syslog(inc, b, t + 200 * 1000, 'INFO', 'rpk', pid, 'We\'d love to hear about your experience with Redpanda: https://redpanda.com/feedback')
            syslog(inc, b, t + 900 * 1000, 'INFO', 'rpk', pid, rpl(t + 900000, 'INFO', 0, 'main', 'application.cc:%d - Redpanda v24.2.7 - 2d3ef7c1a5e2d9a3' % r.randint(380, 400)))
            syslog(inc, b, t + 1100 * 1000, 'ERROR', 'rpk', pid, rpl(t + 1100000, 'ERROR', 0, 'seastar', 'Could not setup Async I/O: Resource temporarily unavailable. The most common cause is not enough request capacity in /proc/sys/fs/aio-max-nr. Try increasing that number or reducing the amount of logical CPUs available for your application'))
            syslog(inc, b, t + 1300 * 1000, 'WARNING', 'systemd', 1, 'redpanda.service: Main process exited, code=exited, status=1/FAILURE')
            syslog(inc, b, t + 1310 * 1000, 'WARNING', 'systemd', 1, 'redpanda.service: Failed with result \'exit-code\'.')
            syslog(inc, b, t + 1320 * 1000, 'ERROR', 'systemd', 1, 'Failed to start Redpanda, the fastest queue in the West..')
            counter += 1
            t += r.randint(28, 34) * SEC + 1320 * 1000
            syslog(inc, b, t - 100 * 1000, 'INFO', 'systemd', 1, 'redpanda.service: Scheduled restart job, restart counter is at %d.' % counter)
    loop(1, inc.t0 + 4 * SEC, 31)
    b = brokers[2]
    syslog(inc, b, T2 - 40 * SEC, 'INFO', 'sshd', 4412, 'Accepted publickey for ops-ansible from 10.142.0.40 port 51122 ssh2: ED25519 SHA256:q0bXhM2m6V0u1bqJ9cE')
    syslog(inc, b, T2 - 30 * SEC, 'INFO', 'ansible-ansible.posix.sysctl', 4471, 'Invoked with name=fs.aio-max-nr value=65536 sysctl_file=/etc/sysctl.d/99-platform-baseline.conf reload=True state=present ignoreerrors=False sysctl_set=False')
    syslog(inc, b, T2 - 20 * SEC, 'INFO', 'ansible-ansible.legacy.copy', 4480, 'Invoked with dest=/etc/sysctl.d/99-platform-baseline.conf src=/home/ops-ansible/.ansible/tmp/ansible-tmp-1763546/source mode=0644 backup=False')
    syslog(inc, b, T2, 'INFO', 'ansible-ansible.legacy.systemd', 4502, 'Invoked with name=redpanda state=restarted daemon_reload=False enabled=None force=None masked=None scope=system')
    syslog(inc, b, T2 + 500 * 1000, 'INFO', 'systemd', 1, 'Stopping Redpanda, the fastest queue in the West....')
    syslog(inc, b, T2 + 900 * 1000, 'INFO', 'redpanda', rpid[2], rpl(T2, 'INFO', 0, 'main', 'application.cc:%d - Stopping...' % 410))
    syslog(inc, b, T2 + 18 * SEC, 'INFO', 'systemd', 1, 'redpanda.service: Deactivated successfully.')
    loop(2, T2 + 19 * SEC, 0)
    c = brokers[1]
    syslog(inc, c, inc.t0 + 90 * SEC, 'INFO', 'systemd', 1, 'Started Session 812 of User ops-ansible.')

# ================================================================ 4: catalog-writer switches Dragonfly cache codec under old readers
def glog(t, lvl, src, msg, tid=1):
    return '%s%s %s.%06d %6d %s] %s' % (lvl, d(t).strftime('%Y%m%d'), d(t).strftime('%H:%M:%S'), t % SEC, tid, src, msg)


def pino(t, lvl, pod, msg, **kv):
    o = {'level': {'info': 30, 'warn': 40, 'error': 50}[lvl], 'time': t // 1000, 'pid': 1, 'hostname': pod['pod'], 'msg': msg,
         'severity': SEV[lvl]}
    o.update(kv)
    return o


def sqlres(inc, inst, region):
    return {'type': 'cloudsql_database', 'labels': {'database_id': '%s:%s' % (inc.project, inst), 'project_id': inc.project, 'region': region}}


def pglog(inc, res, t, sev, pid, db, user, lvl, msg):
    txt = '%s.%s UTC [%d]: [%d-1] db=%s,user=%s %s:  %s' % (d(t).strftime('%Y-%m-%d %H:%M:%S'), ms(t), pid, inc.rng.randint(1, 9), db, user, lvl, msg)
    inc.add(t, res, 'cloudsql.googleapis.com%2Fpostgres.log', sev, text=txt)


def dragonfly_incident(inc):
    r = inc.rng
    k = K8s(inc, 'retail-core', 'europe-west4')
    nodes = ['gke-retail-core-pool-a-71b0e3d2-%s' % x for x in ('5fwm', 'kq2c', 'tz8h', 'p0rn')]
    ns = 'catalog'
    api = k.deploy_pods(ns, 'product-api', 'product-api', nodes, 4)
    wold = k.deploy_pods(ns, 'catalog-writer', 'catalog-writer', nodes[:2], 2)
    wnew = k.deploy_pods(ns, 'catalog-writer', 'catalog-writer', nodes[2:], 2)
    dfly = k.pod(ns, 'dragonfly-0', 'dragonfly', nodes[1], 'dragonfly')
    img = k.deploy_pods(ns, 'image-resizer', 'image-resizer', nodes[:2], 2)
    sql = sqlres(inc, 'catalog-pg-prod', 'europe-west4')
    T = inc.at(12.0)
    T_eff = T + 70 * SEC
    host = 'shop.retail-core.example.eu'

    def frac(t):
        return 0 if t < T_eff else min(0.93, (t - T_eff) / (11 * MIN))

    def load(t):
        return frac(t)

    for t in inc.times(150):
        ap = r.choice(api)
        pid = r.randint(1000, 99999)
        url = r.choice(['/api/products/%d' % pid] * 3 + ['/api/products?category=%s&page=%d' % (r.choice(['shoes', 'outdoor', 'kitchen', 'toys']), r.randint(1, 6))])
        f = frac(t)
        if r.random() < f:
            kemit(inc, ap, t + 1500, 'WARNING', pino(t, 'warn', ap, 'cache decode failed, falling back to database', key='product:%d' % pid,
                                                   err='SyntaxError: Unexpected token \'\\b\', "\\b\\u0012\\u000eSKU-%d" is not valid JSON' % pid), trace=True)
            ld = load(t)
            if r.random() < max(0, ld - 0.35) * 0.9:
                kemit(inc, ap, t + 5 * SEC, 'ERROR', pino(t, 'error', ap, 'request failed', route='/api/products/:id', err='Error: timeout exceeded when trying to connect', statusCode=503), trace=True)
                lb(inc, t, 'retail-shop-fr', 'k8s1-product-api-3000', url, 503, r.uniform(5.0, 5.05), host=host, size=57)
            else:
                lb(inc, t, 'retail-shop-fr', 'k8s1-product-api-3000', url, 200, r.uniform(0.15, 0.4) + ld * r.uniform(0.5, 3.0), host=host)
        else:
            if r.random() < 0.15:
                kemit(inc, ap, t + 1000, 'INFO', pino(t, 'info', ap, 'request completed', route=url.split('?')[0] if '?' in url else '/api/products/:id', statusCode=200, responseTime=r.randint(3, 25)))
            lb(inc, t, 'retail-shop-fr', 'k8s1-product-api-3000', url, 200, r.uniform(0.008, 0.05), host=host)
    # Cloud SQL: base + load-driven slow queries
    for t in inc.times(1.0):
        pglog(inc, sql, t, 'INFO', r.randint(2000, 9000), 'catalog', 'catalog_writer', 'LOG', 'duration: %.3f ms  statement: UPDATE products SET stock = $1, updated_at = now() WHERE id = $2' % r.uniform(200, 600))
    for t in inc.times(40, T_eff):
        ld = load(t)
        if r.random() < ld:
            pglog(inc, sql, t, 'INFO', r.randint(2000, 9000), 'catalog', 'product_api', 'LOG', 'duration: %.3f ms  execute <unnamed>: SELECT p.*, json_agg(v.*) AS variants FROM products p LEFT JOIN variants v ON v.product_id = p.id WHERE p.id = $1 GROUP BY p.id' % (r.uniform(250, 900) + ld * r.uniform(500, 3000)))
    for t in inc.times(3, T_eff + 6 * MIN):
        pglog(inc, sql, t, 'INFO', r.randint(2000, 9000), 'catalog', 'product_api', 'LOG', 'could not receive data from client: Connection reset by peer')
    for t in inc.every(300):
        pglog(inc, sql, t, 'INFO', 61, '[unknown]', '[unknown]', 'LOG', 'checkpoint complete: wrote %d buffers (%.1f%%); 0 WAL file(s) added, 0 removed, %d recycled; write=%.3f s, sync=%.3f s, total=%.3f s' % (r.randint(500, 5000), r.uniform(0.5, 4), r.randint(1, 4), r.uniform(20, 30), r.uniform(0.01, 0.2), r.uniform(20, 30)))
    # writer
    for t in inc.every(30, jitter=0.1):
        ws = wold if t < T + 50 * SEC else wnew
        w = r.choice(ws)
        kemit(inc, w, t, 'INFO', logback(t, 'INFO', 'scheduling-1', 'c.r.catalog.cache.CacheWarmupJob', 'cache warmup batch wrote %d keys (prefix=product:, ttl=PT6H)' % r.randint(400, 900)))
    for t in inc.times(4):
        ws = wold if t < T + 50 * SEC else wnew
        w = r.choice(ws)
        kemit(inc, w, t, 'INFO', logback(t, 'INFO', 'kafka-listener-0-C-1', 'c.r.catalog.ProductUpdateListener', 'applied product update sku=SKU-%d fields=[%s]' % (r.randint(1000, 99999), r.choice(['price', 'stock', 'stock,price', 'title']))))
    # dragonfly
    for t in inc.every(600):
        kemit(inc, dfly, t, 'INFO', glog(t, 'I', 'save_stages_controller.cc:%d' % 337, 'Saving "/data/dump-summary.dfs" finished after %d s' % r.randint(2, 6), tid=r.randint(10, 20)))
    for t in inc.times(0.3):
        kemit(inc, dfly, t, 'WARNING', glog(t, 'W', 'dragonfly_connection.cc:%d' % 671, 'Socket error for connection 10.60.%d.%d:%d - kind: %s' % (r.randint(0, 4), r.randint(2, 250), r.randint(30000, 60000), 'Connection reset by peer'), tid=r.randint(10, 20)))
    # distractor: image resizer heic
    for t in inc.times(2.2):
        ip = r.choice(img)
        kemit(inc, ip, t, 'ERROR', {'severity': 'ERROR', 'message': 'unsupported image format: image/heic', 'upload_id': 'upl_%s' % inc.hx(10), 'component': 'resize.worker'})
    # deploy
    k.audit(T, 'io.k8s.apps.v1.deployments.patch', 'apps/v1/namespaces/catalog/deployments/catalog-writer', 'cloudbuild-deployer@retail-core-prod.iam.gserviceaccount.com',
            ua='cloud-build/1.0 kubectl/v1.30.2', request={'spec': {'template': {'spec': {'containers': [{'name': 'catalog-writer', 'image': 'europe-docker.pkg.dev/retail-core-prod/apps/catalog-writer:2.8.0'}]}}}})
    for i, (po, pn) in enumerate(zip(wold, wnew)):
        t = T + 5 * SEC + i * 25 * SEC
        k.event(t, ns, 'Pod', pn['pod'], 'Pulled', 'Successfully pulled image "europe-docker.pkg.dev/retail-core-prod/apps/catalog-writer:2.8.0" in 3.1s (3.1s including waiting)', host=pn['node'])
        k.event(t + SEC, ns, 'Pod', pn['pod'], 'Started', 'Started container catalog-writer', host=pn['node'])
        boot = [('c.r.catalog.CatalogWriterApplication', 'Starting CatalogWriterApplication v2.8.0 using Java 21.0.4 with PID 1'),
                ('o.s.b.w.embedded.tomcat.TomcatWebServer', 'Tomcat initialized with port 8080 (http)'),
                ('c.r.catalog.cache.ProductCacheWriter', 'ProductCacheWriter initialized: codec=proto-v2, keyPrefix=product:, ttl=PT6H, target=dragonfly.catalog.svc:6379'),
                ('c.r.catalog.CatalogWriterApplication', 'Started CatalogWriterApplication in %.3f seconds (process running for %.3f)' % (r.uniform(7, 9), r.uniform(8, 10)))]
        for j, (lg, m) in enumerate(boot):
            tt = t + 2 * SEC + j * 1500 * 1000
            kemit(inc, pn, tt, 'INFO', logback(tt, 'INFO', 'main', lg, m))
        k.event(t + 20 * SEC, ns, 'Pod', po['pod'], 'Killing', 'Stopping container catalog-writer', host=po['node'])
        kemit(inc, po, t + 20 * SEC, 'INFO', logback(t + 20 * SEC, 'INFO', 'SpringApplicationShutdownHook', 'o.s.b.w.e.tomcat.GracefulShutdown', 'Commencing graceful shutdown. Waiting for active requests to complete'))

# ================================================================ 5: TiDB tidb_gc_life_time lowered below export transaction length
def tidbl(t, lvl, src, msg, **kv):
    s = '[%s.%s +00:00] [%s] [%s] ["%s"]' % (d(t).strftime('%Y/%m/%d %H:%M:%S'), ms(t), lvl, src, msg)
    for kk, v in kv.items():
        v = str(v)
        s += ' [%s=%s]' % (kk, '"%s"' % v.replace('"', '\\"') if (' ' in v or '"' in v) else v)
    return s


def tstr(t):
    return d(t).strftime('%Y-%m-%d %H:%M:%S') + '.%d +0000 UTC' % ((t % SEC) // 100000)


def tidb_incident(inc):
    r = inc.rng
    k = K8s(inc, 'ledger-analytics', 'asia-northeast1')
    nodes = ['gke-ledger-analytics-db-pool-0e4b9a17-%s' % x for x in ('2kd9', '7mqx', 'fh3c', 'sw8t')]
    ns = 'tidb-cluster'
    tidb = [k.pod(ns, 'ledger-tidb-%d' % i, 'tidb', nodes[i], 'tidb') for i in range(2)]
    tikv = [k.pod(ns, 'ledger-tikv-%d' % i, 'tikv', nodes[i + 1], 'tikv') for i in range(3)]
    pd = [k.pod(ns, 'ledger-pd-%d' % i, 'pd', nodes[i], 'pd') for i in range(3)]
    la = k.deploy_pods('ledger', 'ledger-api', 'ledger-api', nodes, 3)
    rep = k.deploy_pods('ledger', 'reporting-api', 'reporting-api', nodes[2:], 2)
    T = inc.at(8.2)
    LIFE_OLD, LIFE_NEW = 24 * 60 * MIN, 10 * MIN
    host = 'reports.ledger.example.jp'
    gc_runs = []
    tt = inc.t0 - 7 * MIN
    while tt < inc.t1:
        gc_runs.append(tt)
        tt += 10 * MIN + r.randint(0, 3) * SEC
    # ledger writes
    for t in inc.times(120):
        lp = r.choice(la)
        if r.random() < 0.3:
            kemit(inc, lp, t, 'INFO', {'level': 'info', 'ts': t / SEC, 'caller': 'journal/post.go:%d' % 88, 'msg': 'posted journal entry', 'entry_id': 'je_%s' % inc.hx(12), 'lines': r.randint(2, 6), 'took_ms': r.randint(4, 30), 'severity': 'INFO'})
        lb(inc, t, 'ledger-api-fr', 'k8s1-ledger-api-8080', '/v2/journal', 201, r.uniform(0.01, 0.05), method='POST', host='api.ledger.example.jp', ua='ledger-sdk-go/1.19.0')
    for t in inc.times(0.5):
        kemit(inc, r.choice(rep), t, 'WARNING', pylog(t, 'WARNING', 'reporting.cache:', 'Redis connection reset by peer, reconnecting (attempt 1)'), stream='stderr')
    for kv in tikv:
        for t in inc.times(1.4):
            kemit(inc, kv, t, 'WARNING', tidbl(t, 'WARN', 'endpoint.rs:%d' % 780, 'error-response', err='Key is locked (will clean up) primary_lock: 7480000000000000%s lock_version: %d key: 7480000000000000%s lock_ttl: 3000 txn_size: 1 lock_type: Put' % (inc.hx(8), r.randint(10**17, 10**18), inc.hx(8))))
        for t in inc.every(600):
            kemit(inc, kv, t, 'INFO', tidbl(t, 'INFO', 'compact.rs:%d' % 205, 'compaction finished', cf='write', duration='%.2fs' % r.uniform(1, 9)))
    for p in pd:
        for t in inc.every(300):
            kemit(inc, p, t, 'INFO', tidbl(t, 'INFO', 'cluster.go:%d' % 1431, 'region heartbeat stream updated', regions=r.randint(4100, 4400)))
    # gc worker on tidb-0 (gc leader)
    for g in gc_runs:
        if g < inc.t0:
            continue
        life = LIFE_NEW if g > T else LIFE_OLD
        kemit(inc, tidb[0], g, 'INFO', tidbl(g, 'INFO', 'gc_worker.go:%d' % 713, '[gc worker] starts the whole job', uuid=inc.hx(16), safePoint=452918000000000000 + (g - life) // 1000, concurrency=3))
        kemit(inc, tidb[0], g + 4 * SEC, 'INFO', tidbl(g, 'INFO', 'gc_worker.go:%d' % 1160, '[gc worker] finish resolve locks', uuid=inc.hx(16), safePoint=452918000000000000 + (g - life) // 1000, regions=r.randint(4100, 4400)))
        kemit(inc, tidb[0], g + 9 * SEC, 'INFO', tidbl(g, 'INFO', 'gc_worker.go:%d' % 1820, '[gc worker] finish gc', uuid=inc.hx(16), regions=r.randint(4100, 4400), **{'cost time': '%.4fs' % r.uniform(5, 12)}))
    for tp in tidb:
        for t in inc.times(1.0):
            kemit(inc, tp, t, 'INFO', tidbl(t, 'INFO', 'server.go:%d' % 647, 'connection closed', conn=r.randint(10**6, 10**7)))
        for t in inc.times(0.25):
            kemit(inc, tp, t, 'WARNING', tidbl(t, 'WARN', 'expensivequery.go:%d' % 145, 'memory exceeds quota', conn=r.randint(10**6, 10**7), mem_max='%.1f MB' % r.uniform(300, 900), sql='SELECT account_id, SUM(amount) FROM journal_lines WHERE posted_at >= ? GROUP BY account_id'))
    # the change
    kemit(inc, tidb[1], T, 'INFO', tidbl(T, 'INFO', 'session.go:%d' % 4090, 'CRUCIAL OPERATION', conn=2097491, schemaVersion=1184, cur_db='', sql="SET GLOBAL tidb_gc_life_time = '10m'", user='chaos_operator@10.20.4.17'))
    # export jobs (cronjob every 5 min, each runs 12-20 min in one snapshot txn)
    start = inc.t0 - 20 * MIN
    shard = 0
    while start < inc.t1:
        shard = (shard + 1) % 16
        dur = r.uniform(11, 19) * MIN
        end = start + int(dur)
        pod = k.pod('ledger', 'statement-export-%d-%s' % (29380000 + (start // MIN) % 100000, inc.kid(5)), 'export', r.choice(nodes), 'statement-export')
        acc = r.randint(9000, 15000)
        fail = None
        for g in gc_runs:
            if start < g < end and g > T and g - LIFE_NEW > start:
                fail = g + r.randint(5, 50) * SEC
                break
        if start >= inc.t0:
            k.event(start - 2 * SEC, 'ledger', 'Job', pod['pod'].rsplit('-', 1)[0], 'SuccessfulCreate', 'Created pod: %s' % pod['pod'], comp='job-controller')
            kemit(inc, pod, start, 'INFO', logback(start, 'INFO', 'main', 'c.l.export.StatementExportJob', 'Starting statement export run shard=%d accounts=%d snapshot=consistent' % (shard, acc)))
        stop = fail or end
        for tt in inc.every(60, start, stop):
            if tt >= inc.t0:
                kemit(inc, pod, tt, 'INFO', logback(tt, 'INFO', 'main', 'c.l.export.StatementExportJob', 'exported %d/%d accounts shard=%d' % (min(acc, int(acc * (tt - start) / (end - start))), acc, shard)))
        if fail:
            ts_ = tstr(start + 800 * 1000)
            gs = tstr(fail - 60 * SEC - LIFE_NEW + 3 * 60 * SEC)
            msg = 'GC life time is shorter than transaction duration, transaction starts at %s, GC safe point is %s' % (ts_, gs)
            tp = r.choice(tidb)
            kemit(inc, tp, fail - 3000, 'WARNING', tidbl(fail, 'WARN', 'session.go:%d' % 2263, 'run statement failed', conn=r.randint(10**6, 10**7), schemaVersion=1184, error='[tikv:9006]' + msg, session='{"currDBName":"ledger","user":{"Username":"statement_export","Hostname":"10.20.%d.%d"}}' % (r.randint(0, 9), r.randint(2, 250))))
            lines = [logback(fail, 'ERROR', 'main', 'c.l.export.StatementExportJob', 'export run failed shard=%d after %d accounts' % (shard, int(acc * (fail - start) / (end - start)))),
                     'java.sql.SQLException: ' + msg,
                     '\tat com.mysql.cj.jdbc.exceptions.SQLError.createSQLException(SQLError.java:130)',
                     '\tat com.mysql.cj.jdbc.exceptions.SQLExceptionsMapping.translateException(SQLExceptionsMapping.java:122)',
                     '\tat com.mysql.cj.jdbc.ClientPreparedStatement.executeInternal(ClientPreparedStatement.java:916)',
                     '\tat com.mysql.cj.jdbc.ClientPreparedStatement.executeQuery(ClientPreparedStatement.java:972)',
                     '\tat com.zaxxer.hikari.pool.HikariProxyPreparedStatement.executeQuery(HikariProxyPreparedStatement.java)',
                     '\tat com.ledger.export.StatementReader.readAccount(StatementReader.java:88)',
                     '\tat com.ledger.export.StatementExportJob.run(StatementExportJob.java:141)']
            kmulti(inc, pod, fail, 'ERROR', lines)
            k.event(fail + 20 * SEC, 'ledger', 'Job', pod['pod'].rsplit('-', 1)[0], 'BackoffLimitExceeded', 'Job has reached the specified backoff limit', typ='Warning', comp='job-controller')
        elif end < inc.t1 and end >= inc.t0:
            kemit(inc, pod, end, 'INFO', logback(end, 'INFO', 'main', 'c.l.export.StatementExportJob', 'export finished shard=%d accounts=%d files=%d' % (shard, acc, r.randint(1, 3))))
            k.event(end + 5 * SEC, 'ledger', 'Job', pod['pod'].rsplit('-', 1)[0], 'Completed', 'Job completed', comp='job-controller')
        start += 5 * MIN + r.randint(0, 10) * SEC
    # reporting api downloads
    for t in inc.times(9):
        rp = r.choice(rep)
        late = t > T + 25 * MIN and r.random() < 0.35
        st = 404 if late else 200
        url = '/reports/statements/2026-10?account=AC%07d' % r.randint(10**5, 10**6)
        if late:
            kemit(inc, rp, t, 'WARNING', pylog(t, 'WARNING', 'reporting.views:', 'statement not generated yet for %s period=2026-10 (last export run failed)' % url.split('=')[-1]), stream='stderr')
        lb(inc, t, 'ledger-reports-fr', 'k8s1-reporting-api-8000', url, st, r.uniform(0.02, 0.2), host=host)

# ================================================================ 6: Caddy route change to handle_path strips /api prefix (VMs)
def caddy_incident(inc):
    r = inc.rng
    zone = 'us-west1-a'
    edges = [gce(inc, 'edge-caddy-%d' % i, zone) for i in (1, 2)]
    apis = [gce(inc, 'bookshelf-api-%d' % i, zone) for i in (1, 2)]
    web = gce(inc, 'bookshelf-web-1', zone)
    cpid = [812, 809]
    apid = [1422, 1397]
    T = inc.at(4.3)
    host = 'www.bookshelf.example.org'

    def cj(t, o):
        base = {'level': o.pop('level', 'info'), 'ts': round(t / SEC, 6)}
        base.update(o)
        return json.dumps(base, separators=(',', ':'))

    def access(t, e, uri, status, dur, size, method='GET'):
        i = edges.index(e)
        o = {'logger': 'http.log.access.log0', 'msg': 'handled request',
             'request': {'remote_ip': inc.ip('pub'), 'remote_port': str(r.randint(30000, 65000)), 'client_ip': inc.ip('pub'), 'proto': 'HTTP/2.0', 'method': method, 'host': host, 'uri': uri,
                         'headers': {'User-Agent': [r.choice(UAS)], 'Accept': ['application/json' if uri.startswith('/api') else 'text/html']},
                         'tls': {'resumed': False, 'version': 772, 'cipher_suite': 4865, 'proto': 'h2', 'server_name': host}},
             'bytes_read': 0, 'user_id': '', 'duration': round(dur, 6), 'size': size, 'status': status, 'resp_headers': {'Server': ['Caddy']}}
        if status >= 400:
            o['level'] = 'error' if status >= 500 else 'info'
        syslog(inc, e, t, 'ERROR' if status >= 500 else 'INFO', 'caddy', cpid[i], cj(t, o))

    def gin(t, a, status, lat, method, path):
        i = apis.index(a)
        line = '[GIN] %s | %3d | %12s | %15s | %-7s "%s"' % (d(t).strftime('%Y/%m/%d - %H:%M:%S'), status, '%.3fms' % lat if lat >= 1 else '%.1fµs' % (lat * 1000), '10.138.0.%d' % r.choice([2, 3]), method, path)
        syslog(inc, a, t, 'INFO', 'bookshelf-api', apid[i], line)

    routes = [('GET', '/api/catalog/featured'), ('GET', '/api/books/%d'), ('GET', '/api/cart'), ('POST', '/api/cart/items'), ('GET', '/api/search?q=%s'),
              ('POST', '/api/orders'), ('GET', '/api/account/me'), ('POST', '/api/auth/refresh')]
    for t in inc.times(160):
        e = r.choice(edges)
        if r.random() < 0.55:
            m, p = r.choice(routes)
            if '%d' in p:
                p = p % r.randint(1, 40000)
            if '%s' in p:
                p = p % r.choice(['dune', 'le+guin', 'python', 'atwood', 'cookbook'])
            a = r.choice(apis)
            broken = t > T + 3 * SEC
            inner = p[4:] if broken else p
            if broken:
                gin(t + 500, a, 404, r.uniform(0.02, 0.09), m, inner)
                access(t, e, p, 404, r.uniform(0.001, 0.004), 18, m)
                if r.random() < 0.05:
                    syslog(inc, a, t + 800, 'WARNING', 'bookshelf-api', apid[apis.index(a)], 'level=WARN msg="no route" method=%s path=%s' % (m, inner))
            else:
                st = 200 if m == 'GET' else 201
                if p == '/api/auth/refresh' and r.random() < 0.1:
                    st = 401
                gin(t + 500, a, st, r.uniform(1.5, 40), m, inner)
                access(t, e, p, st, r.uniform(0.003, 0.06), r.randint(200, 9000), m)
        elif r.random() < 0.8:
            page = r.choice(['/', '/books/%d' % r.randint(1, 40000), '/cart', '/checkout', '/search?q=dune'])
            broken = t > T + 3 * SEC
            if broken and page in ('/', '/cart', '/checkout') and r.random() < 0.9:
                syslog(inc, web, t + 300, 'ERROR', 'node', 2210, ' \u2a2f Error: API request failed: 404 Not Found (GET %s)' % r.choice(['/api/catalog/featured', '/api/cart', '/api/account/me']))
                if r.random() < 0.3:
                    syslog(inc, web, t + 310, 'ERROR', 'node', 2210, '    at fetchJson (/srv/bookshelf-web/.next/server/chunks/611.js:1:2204)')
                    syslog(inc, web, t + 320, 'ERROR', 'node', 2210, '    at async Page (/srv/bookshelf-web/.next/server/app/page.js:1:5130)')
                access(t, e, page, 500, r.uniform(0.02, 0.08), 1620)
            else:
                access(t, e, page, 200, r.uniform(0.02, 0.2), r.randint(8000, 60000))
        else:
            asset = '/_next/static/chunks/%s.js' % inc.hx(16)
            access(t, e, asset, 200, r.uniform(0.0005, 0.003), r.randint(2000, 90000))
    # distractor: OCSP stapling warnings
    for t in inc.every(600, jitter=0.2):
        for i, e in enumerate(edges):
            syslog(inc, e, t + i * SEC, 'WARNING', 'caddy', cpid[i], cj(t, {'level': 'warn', 'logger': 'tls', 'msg': 'stapling OCSP', 'error': 'no OCSP stapling for [static.bookshelf.example.org]: no OCSP server specified in certificate', 'identifiers': ['static.bookshelf.example.org']}))
    for t in inc.every(300):
        for i, e in enumerate(edges):
            syslog(inc, e, t, 'INFO', 'caddy', cpid[i], cj(t, {'logger': 'tls.cache.maintenance', 'msg': 'certificate maintenance complete', 'managed': 3}))
    for a in apis:
        for t in inc.every(600):
            syslog(inc, a, t, 'INFO', 'CRON', r.randint(3000, 9000), '(bookshelf) CMD (/opt/bookshelf/bin/expire-carts --older-than 72h)')
        for t in inc.every(60):
            syslog(inc, a, t, 'INFO', 'bookshelf-api', apid[apis.index(a)], 'level=INFO msg="db pool stats" open=%d in_use=%d idle=%d wait_count=0' % (20, r.randint(1, 8), r.randint(10, 19)))
    for t in inc.times(0.6):
        syslog(inc, web, t, 'WARNING', 'node', 2210, ' \u26a0 Image with src "/covers/%d.jpg" has "fill" but is missing "sizes" prop. Please add it to improve page performance.' % r.randint(1, 40000))
    # the change
    for i, e in enumerate(edges):
        t = T - 4 * SEC + i * 2 * SEC
        sp = r.randint(5000, 9000)
        syslog(inc, e, t - 2 * SEC, 'INFO', 'caddy-sync', sp, 'pulled edge-config@7f3c2e1 "simplify api routing" (author: platform-bot)')
        syslog(inc, e, t - 1 * SEC, 'INFO', 'caddy-sync', sp, 'Caddyfile diff: -\thandle /api/* {  +\thandle_path /api/* {')
        syslog(inc, e, t, 'INFO', 'caddy', cpid[i], cj(t, {'logger': 'admin.api', 'msg': 'received request', 'method': 'POST', 'host': 'localhost:2019', 'uri': '/load', 'remote_ip': '127.0.0.1', 'remote_port': str(r.randint(40000, 60000)), 'headers': {'Accept-Encoding': ['gzip'], 'Content-Type': ['text/caddyfile'], 'User-Agent': ['Go-http-client/1.1']}}))
        syslog(inc, e, t + 40000, 'INFO', 'caddy', cpid[i], cj(t, {'logger': 'http.auto_https', 'msg': 'server is listening only on the HTTPS port but has no TLS connection policies; adding one to enable TLS', 'server_name': 'srv0', 'https_port': 443}))
        syslog(inc, e, t + 60000, 'INFO', 'caddy', cpid[i], cj(t, {'logger': 'http', 'msg': 'enabling HTTP/3 listener', 'addr': ':443'}))
        syslog(inc, e, t + 90000, 'INFO', 'caddy', cpid[i], cj(t, {'msg': 'load complete'}))
        syslog(inc, e, t + 120000, 'INFO', 'caddy', cpid[i], cj(t, {'logger': 'admin', 'msg': 'stopped previous server', 'address': 'localhost:2019'}))
        syslog(inc, e, t + 200000, 'INFO', 'caddy-sync', sp, 'reload ok (edge-config@7f3c2e1), health probe GET /healthz -> 200')

# ================================================================ 7: Mattermost, role-level statement_timeout set on the app role (Postgres on a VM)
def mattermost_incident(inc):
    r = inc.rng
    k = K8s(inc, 'collab-prod', 'us-central1')
    nodes = ['gke-collab-prod-default-8b3f20c1-%s' % x for x in ('4r7d', 'bb2k', 'xq9m')]
    mm = k.deploy_pods('mattermost', 'mattermost', 'mattermost', nodes, 3)
    pg = gce(inc, 'mm-pg-1', 'us-central1-b')
    T = inc.at(7.4)
    host = 'chat.collab.example.com'
    chans = [inc.kid(26)[:26] for _ in range(40)]
    big = set(chans[:14])
    users = [inc.kid(26)[:26] for _ in range(300)]

    def mmts(t):
        return d(t).strftime('%Y-%m-%d %H:%M:%S') + '.%s Z' % ms(t)

    def mj(t, lvl, msg, caller, **kv):
        o = {'timestamp': mmts(t), 'level': lvl, 'msg': msg, 'caller': caller}
        o.update(kv)
        return o

    def pgl(t, sev, pid, who, lvl, msg):
        syslog(inc, pg, t, sev, 'postgres', pid, '%s.%s UTC [%d] %s %s:  %s' % (d(t).strftime('%Y-%m-%d %H:%M:%S'), ms(t), pid, who, lvl, msg))

    def frac(t):
        return 0 if t < T else min(0.92, 0.05 + (t - T) / (14 * MIN))

    for t in inc.times(170):
        p = r.choice(mm)
        u = r.choice(users)
        x = r.random()
        f = frac(t)
        if x < 0.35:
            c = r.choice(chans)
            url = '/api/v4/channels/%s/posts?page=0&per_page=30' % c
            slow = c in big and r.random() < 0.6
            if slow and r.random() < f:
                pid = r.randint(20000, 60000)
                kemit(inc, p, t + 260 * 1000, 'ERROR', mj(t, 'error', 'Unable to get the posts for the channel.', 'web/context.go:117', path='/api/v4/channels/%s/posts' % c, request_id=inc.kid(26)[:26], ip_addr=inc.ip('10.12.'), user_id=u, method='GET',
                                                       err_where='GetPostsPage', http_code=500, error='GetPostsPage: Unable to get the posts for the channel., failed to find Posts with channelId=%s: pq: canceling statement due to statement timeout' % c))
                pgl(t + 255 * 1000, 'ERROR', pid, 'mmuser@mattermost', 'ERROR', 'canceling statement due to statement timeout')
                pgl(t + 255 * 1000 + 50, 'ERROR', pid, 'mmuser@mattermost', 'STATEMENT', 'SELECT p.* FROM Posts p WHERE p.ChannelId = $1 AND p.DeleteAt = $2 ORDER BY p.CreateAt DESC LIMIT 30 OFFSET 0')
                lb(inc, t, 'collab-chat-fr', 'k8s1-mattermost-8065', url, 500, r.uniform(0.26, 0.3), host=host, size=312)
            else:
                lb(inc, t, 'collab-chat-fr', 'k8s1-mattermost-8065', url, 200, r.uniform(0.3, 0.9) if slow else r.uniform(0.01, 0.08), host=host)
        elif x < 0.42:
            url = '/api/v4/teams/%s/posts/search' % chans[0][:26]
            if r.random() < f:
                kemit(inc, p, t + 260 * 1000, 'ERROR', mj(t, 'error', 'Unable to search the posts.', 'web/context.go:117', path='/api/v4/teams/%s/posts/search' % chans[0], request_id=inc.kid(26), ip_addr=inc.ip('10.12.'), user_id=u, method='POST',
                                                       err_where='SqlPostStore.search', http_code=500, error='SqlPostStore.search: Unable to search the posts., pq: canceling statement due to statement timeout'))
                pid = r.randint(20000, 60000)
                pgl(t + 255 * 1000, 'ERROR', pid, 'mmuser@mattermost', 'ERROR', 'canceling statement due to statement timeout')
                lb(inc, t, 'collab-chat-fr', 'k8s1-mattermost-8065', url, 500, r.uniform(0.26, 0.3), method='POST', host=host, size=290)
            else:
                lb(inc, t, 'collab-chat-fr', 'k8s1-mattermost-8065', url, 200, r.uniform(0.4, 1.6), method='POST', host=host)
        elif x < 0.62:
            url = '/api/v4/users/me/teams/unread'
            lb(inc, t, 'collab-chat-fr', 'k8s1-mattermost-8065', url, 200, r.uniform(0.005, 0.03), host=host)
        elif x < 0.8:
            url = '/api/v4/posts'
            c = r.choice(chans)
            if r.random() < 0.2:
                kemit(inc, p, t + 5000, 'DEBUG', mj(t, 'debug', 'Post created', 'app/post.go:%d' % 371, channel_id=c, user_id=u))
            lb(inc, t, 'collab-chat-fr', 'k8s1-mattermost-8065', url, 201, r.uniform(0.02, 0.09), method='POST', host=host)
        else:
            url = '/api/v4/channels/members/me/view'
            lb(inc, t, 'collab-chat-fr', 'k8s1-mattermost-8065', url, 200, r.uniform(0.01, 0.04), method='POST', host=host)
    # websocket churn
    for t in inc.times(8):
        p = r.choice(mm)
        kemit(inc, p, t, 'DEBUG', mj(t, 'debug', 'Websocket.Close: closing websocket', 'app/web_conn.go:%d' % 312, user_id=r.choice(users), conn_id=inc.kid(26)))
    # distractor: push proxy invalid device tokens
    for t in inc.times(1.3):
        p = r.choice(mm)
        kemit(inc, p, t, 'ERROR', mj(t, 'error', 'Notification error', 'app/notification_push.go:%d' % 561, ackId='', type='message', userId=r.choice(users), postId=inc.kid(26),
                                   status='Push Proxy: device token is not valid', deviceId='apple_rn-v2:%s' % inc.hx(64)))
    for t in inc.every(300):
        for p in mm:
            kemit(inc, p, t + r.randint(0, 20) * SEC, 'INFO', mj(t, 'info', 'Cluster discovery heartbeat', 'cluster/cluster_discovery.go:%d' % 118, hostname=p['pod']))
    for t in inc.every(3600, jitter=0.9):
        kemit(inc, mm[0], t, 'INFO', mj(t, 'info', 'Worker: Job is complete', 'jobs/base_workers.go:%d' % 99, workername='ExpiryNotify', job_id=inc.kid(26)))
    # postgres: connection recycling reveals the role setting picks up gradually
    for t in inc.times(6):
        pid = r.randint(20000, 60000)
        pgl(t, 'INFO', pid, 'mmuser@mattermost', 'LOG', 'connection authorized: user=mmuser database=mattermost application_name=%s' % 'mattermost')
    for t in inc.every(300):
        pgl(t, 'INFO', 1187, '', 'LOG', 'checkpoint complete: wrote %d buffers (%.1f%%); 0 WAL file(s) added, 0 removed, %d recycled; write=%.3f s, sync=%.3f s, total=%.3f s' % (r.randint(800, 6000), r.uniform(0.5, 4), r.randint(1, 5), r.uniform(25, 30), r.uniform(0.01, 0.2), r.uniform(25, 30)))
    for t in inc.every(900):
        pgl(t, 'INFO', r.randint(20000, 60000), '', 'LOG', 'automatic vacuum of table "mattermost.public.%s": index scans: 1' % r.choice(['posts', 'channelmembers', 'sessions']))
    for t in inc.every(60):
        syslog(inc, pg, t, 'INFO', 'postgres_exporter', 944, 'level=info msg="Established new database connection" fingerprint=localhost:5432')
    # the change (log_statement = 'ddl' logs it)
    pid = 41277
    pgl(T - 30 * SEC, 'INFO', pid, 'dba_oncall@mattermost', 'LOG', 'connection authorized: user=dba_oncall database=mattermost application_name=psql')
    pgl(T, 'INFO', pid, 'dba_oncall@mattermost', 'LOG', "statement: ALTER ROLE mmuser SET statement_timeout = '250ms';")
    pgl(T + 41 * SEC, 'INFO', pid, 'dba_oncall@mattermost', 'LOG', 'disconnection: session time: 0:01:11.204 user=dba_oncall database=mattermost host=10.128.0.44 port=52210')

# ================================================================ 8: Odoo image rolled out without module upgrade (-u) -> missing column
def odl(t, pid, lvl, logger, msg, db='prod'):
    return '%s,%s %d %s %s %s: %s' % (d(t).strftime('%Y-%m-%d %H:%M:%S'), ms(t), pid, lvl, db, logger, msg)


def odoo_incident(inc):
    r = inc.rng
    k = K8s(inc, 'erp-prod', 'europe-west3')
    nodes = ['gke-erp-prod-pool-2-5a9c7e40-%s' % x for x in ('d2hx', 'm8qf', 'v1tn')]
    ns = 'odoo'
    old = k.deploy_pods(ns, 'odoo-web', 'odoo', nodes, 3)
    new = k.deploy_pods(ns, 'odoo-web', 'odoo', nodes, 3)
    cron_new = k.pod(ns, 'odoo-cron-%s-%s' % (inc.kid(10), inc.kid(5)), 'odoo', nodes[1], 'odoo-cron')
    bff = k.deploy_pods('mobile', 'mobile-bff', 'bff', nodes[:2], 2)
    sql = sqlres(inc, 'odoo-pg-prod', 'europe-west3')
    Tnew = [inc.t0 - 4 * MIN, inc.t0 + 35 * SEC, inc.t0 + 95 * SEC]
    Tcron = inc.t0 + 150 * SEC
    host = 'shop.alpenwaren.example.de'
    img = 'europe-docker.pkg.dev/erp-prod-374/odoo/odoo-custom:17.0-20261124.1'

    def serving(t):
        out = []
        for i in range(3):
            out.append(new[i] if t >= Tnew[i] + 20 * SEC else old[i])
        return out

    def bad_query(t, pod, pid, oid):
        q = 'SELECT "sale_order"."id" AS "id", "sale_order"."delivery_slot_id" AS "delivery_slot_id", "sale_order"."name" AS "name", "sale_order"."state" AS "state", "sale_order"."partner_id" AS "partner_id" FROM "sale_order" WHERE ("sale_order"."id" IN (%d))' % oid
        kmulti(inc, pod, t, 'ERROR', [odl(t, pid, 'ERROR', 'odoo.sql_db', 'bad query: ' + q), 'ERROR: column sale_order.delivery_slot_id does not exist',
                                       'LINE 1: ...ale_order"."id" AS "id", "sale_order"."delivery_slot_id" AS "d...', '                                                             ^'])
        pglog(inc, sql, t - 2000, 'ERROR', r.randint(3000, 90000), 'prod', 'odoo', 'ERROR', 'column sale_order.delivery_slot_id does not exist at character 57')

    def tb(t, pod, pid, route):
        lines = [odl(t, pid, 'ERROR', 'odoo.http', 'Exception during request handling.'), 'Traceback (most recent call last):',
                 '  File "/usr/lib/python3/dist-packages/odoo/http.py", line 2229, in __call__', '    response = request._serve_db()',
                 '  File "/usr/lib/python3/dist-packages/odoo/http.py", line 1806, in _serve_db', '    return service_model.retrying(self._serve_ir_http, self.env)',
                 '  File "/usr/lib/python3/dist-packages/odoo/addons/website_sale/controllers/main.py", line %d, in %s' % (r.choice([834, 1021, 1187]), route),
                 '    order = request.website.sale_get_order(force_create=True)',
                 '  File "/usr/lib/python3/dist-packages/odoo/models.py", line 3779, in _fetch_query', '    self.env.cr.execute(query)',
                 '  File "/usr/lib/python3/dist-packages/odoo/sql_db.py", line 332, in execute', '    res = self._obj.execute(query, params)',
                 'psycopg2.errors.UndefinedColumn: column sale_order.delivery_slot_id does not exist',
                 'LINE 1: ...ale_order"."id" AS "id", "sale_order"."delivery_slot_id" AS "d...']
        kmulti(inc, pod, t, 'ERROR', lines)

    def wz(t, pod, pid, method, path, st):
        kemit(inc, pod, t, 'INFO', odl(t, pid, 'INFO', 'werkzeug', '%s - - [%s] "%s %s HTTP/1.1" %d - %d %.3f %.3f' % (inc.ip('10.4.'), d(t).strftime('%d/%b/%Y %H:%M:%S'), method, path, st, r.randint(2, 60), r.uniform(0.004, 0.05), r.uniform(0.01, 0.3))), stream='stderr')

    for t in inc.times(48):
        pods = serving(t)
        i = r.randrange(3)
        pod = pods[i]
        isnew = pod is new[i]
        pid = 20 + i * 3
        x = r.random()
        if x < 0.45:
            m, p = 'GET', r.choice(['/shop', '/shop/category/garten-%d' % r.randint(1, 30), '/shop/product/%d' % r.randint(100, 9000), '/', '/blog'])
            wz(t + 30000, pod, pid, m, p, 200)
            lb(inc, t, 'odoo-web-fr', 'k8s1-odoo-web-8069', p, 200, r.uniform(0.05, 0.4), host=host)
        else:
            m, p, route = r.choice([('POST', '/shop/cart/update_json', 'cart_update_json'), ('GET', '/shop/cart', 'cart'), ('GET', '/shop/checkout', 'checkout'),
                                    ('POST', '/shop/confirm_order', 'confirm_order'), ('GET', '/shop/payment', 'shop_payment')])
            if isnew:
                oid = r.randint(48000, 49999)
                bad_query(t + 20000, pod, pid, oid)
                tb(t + 25000, pod, pid, route)
                wz(t + 30000, pod, pid, m, p, 500)
                lb(inc, t, 'odoo-web-fr', 'k8s1-odoo-web-8069', p, 500, r.uniform(0.03, 0.12), method=m, host=host, size=2330)
            else:
                wz(t + 30000, pod, pid, m, p, 200)
                lb(inc, t, 'odoo-web-fr', 'k8s1-odoo-web-8069', p, 200, r.uniform(0.05, 0.5), method=m, host=host)
    # mobile bff (json-rpc caller)
    for t in inc.times(25):
        b = r.choice(bff)
        pods = serving(t)
        i = r.randrange(3)
        if pods[i] is new[i]:
            oid = r.randint(48000, 49999)
            bad_query(t + 10000, pods[i], 20 + i * 3, oid)
            kemit(inc, b, t + 60000, 'ERROR', {'severity': 'ERROR', 'message': 'odoo rpc failed', 'model': 'sale.order', 'method': r.choice(['read', 'action_confirm', 'write']), 'error': 'Odoo Server Error', 'code': 200, 'data_name': 'psycopg2.errors.UndefinedColumn', 'order_id': oid})
            lb(inc, t, 'mobile-api-fr', 'k8s1-mobile-bff-3000', '/v1/cart', 502, r.uniform(0.05, 0.2), host='m-api.alpenwaren.example.de', ua='Alpenwaren/4.2.1 (iOS 18.1)', size=96)
        else:
            lb(inc, t, 'mobile-api-fr', 'k8s1-mobile-bff-3000', '/v1/cart', 200, r.uniform(0.05, 0.3), host='m-api.alpenwaren.example.de', ua='Alpenwaren/4.2.1 (iOS 18.1)')
    # distractor: missing filestore attachments
    for t in inc.times(1.4):
        pods = serving(t)
        i = r.randrange(3)
        h = inc.hx(40)
        kemit(inc, pods[i], t, 'WARNING', odl(t, 20 + i * 3, 'WARNING', 'odoo.addons.base.models.ir_attachment', '_read_file reading /var/lib/odoo/filestore/prod/%s/%s' % (h[:2], h)), stream='stderr')
        kmulti(inc, pods[i], t + 100, 'WARNING', ['Traceback (most recent call last):', '  File "/usr/lib/python3/dist-packages/odoo/addons/base/models/ir_attachment.py", line 110, in _file_read',
                                                  '    with open(full_path, \'rb\') as f:', "FileNotFoundError: [Errno 2] No such file or directory: '/var/lib/odoo/filestore/prod/%s/%s'" % (h[:2], h)])
    for t in inc.every(60):
        pods = serving(t)
        for i, pod in enumerate(pods):
            kemit(inc, pod, t + r.randint(0, 5) * SEC, 'INFO', odl(t, 1, 'INFO', 'odoo.service.server', 'Worker WorkerHTTP (%d) alive' % (20 + i * 3), db='?'), stream='stderr')
    # cron pod (new)
    cronjobs = ['Sales: Send quotation reminders', 'Mail: Email Queue Manager', 'Inventory: Run Scheduler', 'Website: Sitemap refresh']
    for t in inc.every(120, Tcron + 30 * SEC, inc.t1):
        name = r.choice(cronjobs)
        kemit(inc, cron_new, t, 'INFO', odl(t, 9, 'INFO', 'odoo.addons.base.models.ir_cron', 'Starting job `%s`.' % name), stream='stderr')
        if name.startswith('Sales') or name.startswith('Inventory'):
            bad_query(t + 300000, cron_new, 9, r.randint(48000, 49999))
            kmulti(inc, cron_new, t + 400000, 'ERROR', [odl(t, 9, 'ERROR', 'odoo.addons.base.models.ir_cron', 'Call from cron %s for server action #%d failed in Job #%d' % (name, r.randint(300, 500), r.randint(20, 60))),
                                                        'Traceback (most recent call last):', '  File "/usr/lib/python3/dist-packages/odoo/addons/base/models/ir_cron.py", line 392, in _callback',
                                                        'psycopg2.errors.UndefinedColumn: column sale_order.delivery_slot_id does not exist'])
        else:
            kemit(inc, cron_new, t + 800000, 'INFO', odl(t, 9, 'INFO', 'odoo.addons.base.models.ir_cron', 'Job done: `%s` (%.3fs).' % (name, r.uniform(0.1, 2))), stream='stderr')
    for t in inc.every(300):
        pglog(inc, sql, t, 'INFO', 88, '[unknown]', '[unknown]', 'LOG', 'checkpoint complete: wrote %d buffers (%.1f%%); 0 WAL file(s) added, 0 removed, %d recycled; write=%.3f s, sync=%.3f s, total=%.3f s' % (r.randint(500, 4000), r.uniform(0.5, 3), r.randint(1, 3), r.uniform(20, 30), r.uniform(0.01, 0.1), r.uniform(20, 30)))
    # rollout (started before the window)
    k.audit(Tnew[0] - 30 * SEC, 'io.k8s.apps.v1.deployments.patch', 'apps/v1/namespaces/odoo/deployments/odoo-web', 'gitlab-deployer@erp-prod-374.iam.gserviceaccount.com',
            ua='helm/3.15.2', request={'spec': {'template': {'spec': {'containers': [{'name': 'odoo', 'image': img}]}}}})

    def boot(pod, t, cron=False):
        k.event(t - 3 * SEC, ns, 'Pod', pod['pod'], 'Pulled', 'Container image "%s" already present on machine' % img, host=pod['node'])
        k.event(t - 2 * SEC, ns, 'Pod', pod['pod'], 'Started', 'Started container odoo', host=pod['node'])
        kemit(inc, pod, t, 'INFO', 'entrypoint: ODOO_UPDATE_MODULES is empty, skipping module update (-u); starting odoo 17.0 with --workers=%d --max-cron-threads=%d' % ((0, 2) if cron else (4, 0)), stream='stdout')
        lines = [('odoo', 'Odoo version 17.0-20261124'), ('odoo', 'Using configuration file at /etc/odoo/odoo.conf'), ('odoo', 'addons paths: [\'/usr/lib/python3/dist-packages/odoo/addons\', \'/mnt/extra-addons\']'),
                 ('odoo', 'database: odoo@odoo-pg-proxy.odoo.svc:5432'), ('odoo.service.server', 'HTTP service (werkzeug) running on 0.0.0.0:8069'),
                 ('odoo.modules.loading', 'loading 1 modules...'), ('odoo.modules.loading', '1 modules loaded in 0.02s, 0 queries (+0 extra)'),
                 ('odoo.modules.loading', 'loading 96 modules...'), ('odoo.modules.loading', '96 modules loaded in 1.41s, 0 queries (+0 extra)'),
                 ('odoo.modules.loading', 'Modules loaded.')]
        for j, (lg, m) in enumerate(lines):
            tt = t + 500000 + j * 90000
            kemit(inc, pod, tt, 'INFO', odl(tt, 1, 'INFO', '?', m, db='?').replace(' ? ?: ', ' ? %s: ' % lg), stream='stderr')
    for i in range(3):
        boot(new[i], Tnew[i])
        k.event(Tnew[i] + 25 * SEC, ns, 'Pod', old[i]['pod'], 'Killing', 'Stopping container odoo', host=old[i]['node'])
    boot(cron_new, Tcron, cron=True)

# ================================================================ 9: Discourse + KeyDB maxmemory-policy switched to allkeys-lru
def keydbl(t, role, msg, lvl='*'):
    return '1:%s %s.%s %s %s' % (role, d(t).strftime('%d %b %Y %H:%M:%S'), ms(t), lvl, msg)


def sqk(t, tid, lvl, msg, pid=7):
    return '%s.%sZ pid=%d tid=%s %s: %s' % (d(t).strftime('%Y-%m-%dT%H:%M:%S'), ms(t), pid, tid, lvl, msg)


def rails(t, lvl, msg, pid):
    return '%s, [%s.%06d #%d] %5s -- : %s' % (lvl[0], d(t).strftime('%Y-%m-%dT%H:%M:%S'), t % SEC, pid, lvl, msg)


def discourse_incident(inc):
    r = inc.rng
    k = K8s(inc, 'community', 'us-east4')
    nodes = ['gke-community-default-c0d4e8f2-%s' % x for x in ('6w1q', 'jr4n', 'z7kd')]
    ns = 'discourse'
    web = k.deploy_pods(ns, 'discourse-web', 'discourse', nodes, 3)
    sk_old = k.deploy_pods(ns, 'discourse-sidekiq', 'sidekiq', nodes[:2], 2)
    sk_new = k.deploy_pods(ns, 'discourse-sidekiq', 'sidekiq', nodes[1:], 2)
    kdb = k.pod(ns, 'keydb-0', 'keydb', nodes[2], 'keydb')
    probe = k.pod('monitoring', 'email-probe-%s-%s' % (inc.kid(10), inc.kid(5)), 'probe', nodes[0], 'email-probe')
    T = inc.at(8.1)
    Tsk = T + 75 * SEC
    Tev = T + 13 * MIN
    host = 'forum.opensail.example.org'

    def sk(t):
        return sk_old if t < Tsk + 20 * SEC else sk_new

    def lost(t):
        return 0 if t < Tev else min(0.55, 0.1 + (t - Tev) / (20 * MIN))

    paths = ['/latest.json', '/t/%d.json', '/c/%d/l/latest.json', '/notifications.json', '/session/current.json', '/search/query.json?term=%s', '/posts']
    for t in inc.times(130):
        w = r.choice(web)
        p = r.choice(paths)
        if '%d' in p:
            p = p % r.randint(1, 90000)
        if '%s' in p:
            p = p % r.choice(['regatta', 'mast', 'winch', 'sail+repair'])
        m = 'POST' if p == '/posts' else 'GET'
        pid = 100 + web.index(w) * 10 + r.randint(0, 3)
        st = 200
        if r.random() < 0.15:
            kemit(inc, w, t, 'INFO', rails(t, 'INFO', 'Started %s "%s" for %s at %s +0000' % (m, p, inc.ip('pub'), d(t).strftime('%Y-%m-%d %H:%M:%S')), pid))
            kemit(inc, w, t + r.randint(5, 120) * 1000, 'INFO', rails(t, 'INFO', 'Completed %d OK in %dms (Views: %.1fms | ActiveRecord: %.1fms | Allocations: %d)' % (st, r.randint(8, 140), r.uniform(0.1, 20), r.uniform(1, 60), r.randint(4000, 90000)), pid))
        lb(inc, t, 'forum-fr', 'k8s1-discourse-web-80', p, st, r.uniform(0.01, 0.2), method=m, host=host)
        if m == 'POST':
            s = r.choice(sk(t))
            jid = inc.hx(24)
            if r.random() >= lost(t):
                for job in ('Jobs::ProcessPost', 'Jobs::NotifyMailingListSubscribers', 'Jobs::PostAlert'):
                    tt = t + r.randint(100, 3000) * 1000
                    kemit(inc, s, tt, 'INFO', sqk(tt, inc.hx(4), 'INFO', 'class=%s jid=%s elapsed=%.3f done' % (job, jid, r.uniform(0.01, 0.6))))
            if r.random() < 0.35 and r.random() >= lost(t):
                tt = t + r.randint(3, 40) * SEC
                kemit(inc, s, tt, 'INFO', sqk(tt, inc.hx(4), 'INFO', 'class=Jobs::UserEmail jid=%s elapsed=%.3f done' % (inc.hx(24), r.uniform(0.2, 1.4))))
    for t in inc.times(6, Tev):
        w = r.choice(web)
        if r.random() < lost(t) * 1.4:
            kemit(inc, w, t, 'WARNING', rails(t, 'WARN', 'MessageBus: backlog for /notification/%d was evicted from redis, resetting client position (last_id=%d, backlog_id=0)' % (r.randint(1, 9000), r.randint(100, 3000)), 100 + web.index(w) * 10))
    # probe
    for t in inc.every(120, jitter=0.02):
        if t > Tev + 5 * MIN and r.random() < min(0.9, lost(t) * 2.2):
            kemit(inc, probe, t, 'ERROR', {'severity': 'ERROR', 'message': 'probe failed: notification email for probe post %d not received within 600s' % r.randint(10**5, 10**6), 'check': 'forum-email-roundtrip'})
        else:
            kemit(inc, probe, t, 'INFO', {'severity': 'INFO', 'message': 'probe ok: notification email received in %ds' % r.randint(8, 40), 'check': 'forum-email-roundtrip'})
    # sidekiq routine + distractor
    for t in inc.every(60):
        for s in sk(t):
            kemit(inc, s, t + r.randint(0, 9) * SEC, 'INFO', sqk(t, inc.hx(4), 'INFO', 'class=Jobs::Heartbeat jid=%s elapsed=0.004 done' % inc.hx(24)))
    for t in inc.times(1.5):
        s = r.choice(sk(t))
        kemit(inc, s, t, 'WARNING', sqk(t, inc.hx(4), 'WARN', 'Failed to pull hotlinked image for post: %d: https://i.%s.example.net/%s.jpg - 403 Forbidden' % (r.randint(1, 90000), r.choice(['imgbox', 'photohost', 'pics']), inc.hx(8))))
    for t in inc.every(900):
        s = r.choice(sk(t))
        kemit(inc, s, t, 'INFO', sqk(t, inc.hx(4), 'INFO', 'class=Jobs::EnsureDbConsistency jid=%s elapsed=%.3f done' % (inc.hx(24), r.uniform(3, 9))))
    for t in inc.every(300):
        kemit(inc, kdb, t, 'INFO', keydbl(t, 'M', '%d changes in 300 seconds. Saving...' % r.randint(100, 5000)))
        kemit(inc, kdb, t + 1000, 'INFO', keydbl(t, 'M', 'Background saving started by pid %d' % r.randint(100, 999)))
        kemit(inc, kdb, t + 2 * SEC, 'INFO', keydbl(t, 'M', 'Background saving terminated with success'))
    # change
    conf = 'bind 0.0.0.0\nport 6379\nappendonly no\nsave 300 100\nmaxmemory 1536mb\nmaxmemory-policy allkeys-lru\nserver-threads 2\n'
    k.audit(T - 40 * SEC, 'io.k8s.core.v1.configmaps.update', 'core/v1/namespaces/discourse/configmaps/keydb-config', 'ops-chaos@opensail-community.iam.gserviceaccount.com',
            request={'apiVersion': 'v1', 'kind': 'ConfigMap', 'metadata': {'name': 'keydb-config', 'namespace': 'discourse'}, 'data': {'keydb.conf': conf}})
    k.event(T, ns, 'Pod', 'keydb-0', 'Killing', 'Stopping container keydb', host=kdb['node'])
    kemit(inc, kdb, T + 100000, 'INFO', keydbl(T, 'M', 'Received SIGTERM scheduling shutdown...', '#'))
    kemit(inc, kdb, T + 200000, 'INFO', keydbl(T, 'M', 'DB saved on disk', '*'))
    t2 = T + 9 * SEC
    k.event(t2, ns, 'Pod', 'keydb-0', 'Started', 'Started container keydb', host=kdb['node'])
    boot = [('C', '#', 'oO0OoO0OoO0Oo KeyDB is starting oO0OoO0OoO0Oo'), ('C', '#', 'KeyDB version=6.3.4, bits=64, commit=7e7e5e42, modified=0, pid=1, just started'),
            ('C', '#', 'Configuration loaded'), ('M', '*', 'monotonic clock: POSIX clock_gettime'), ('M', '*', 'Running mode=standalone, port=6379.'),
            ('M', '#', 'Server initialized'), ('M', '*', 'Loading RDB produced by version 6.3.4'), ('M', '*', 'DB loaded from disk: 2.871 seconds'),
            ('M', '*', 'Ready to accept connections')]
    for j, (ro, lv, m) in enumerate(boot):
        kemit(inc, kdb, t2 + j * 300000, 'INFO', keydbl(t2 + j * 300000, ro, m, lv))
    for s in sk_old:
        kemit(inc, s, t2 - SEC, 'WARNING', sqk(t2, inc.hx(4), 'WARN', 'Redis::CannotConnectError: Error connecting to Redis on keydb.discourse.svc:6379 (Errno::ECONNREFUSED)'))
    k.audit(Tsk, 'io.k8s.apps.v1.deployments.patch', 'apps/v1/namespaces/discourse/deployments/discourse-sidekiq', 'ops-chaos@opensail-community.iam.gserviceaccount.com',
            request={'spec': {'template': {'metadata': {'annotations': {'kubectl.kubernetes.io/restartedAt': iso(Tsk)[:19] + 'Z'}}}}})
    for i, (so, sn) in enumerate(zip(sk_old, sk_new)):
        t = Tsk + 5 * SEC + i * 20 * SEC
        k.event(t, ns, 'Pod', sn['pod'], 'Started', 'Started container sidekiq', host=sn['node'])
        lines = [('INFO', 'Booting Sidekiq 7.2.4 with Sidekiq::RedisConnection::RedisClientAdapter options {:url=>"redis://keydb.discourse.svc:6379/0"}'),
                 ('INFO', 'Sidekiq 7.2.4 connecting to Redis with options {:size=>10, :pool_name=>"internal", :url=>"redis://keydb.discourse.svc:6379/0"}'),
                 ('WARN', "WARNING: Your Redis instance will evict Sidekiq data under heavy load. The 'noeviction' maxmemory policy is recommended (current policy: 'allkeys-lru'). See: https://github.com/sidekiq/sidekiq/wiki/Using-Redis#memory"),
                 ('INFO', 'Starting processing, hit Ctrl-C to stop')]
        for j, (lv, m) in enumerate(lines):
            tt = t + 2 * SEC + j * 200000
            kemit(inc, sn, tt, 'WARNING' if lv == 'WARN' else 'INFO', sqk(tt, inc.hx(4), lv, m))
        k.event(t + 15 * SEC, ns, 'Pod', so['pod'], 'Killing', 'Stopping container sidekiq', host=so['node'])
        kemit(inc, so, t + 15 * SEC, 'INFO', sqk(t + 15 * SEC, inc.hx(4), 'INFO', 'Shutting down'))


# ================================================================ 10: Nginx Unit + PHP: opcache JIT enabled -> worker segfaults
def unitl(t, lvl, p, msg):
    return '%s [%s] %s %s' % (d(t).strftime('%Y/%m/%d %H:%M:%S'), lvl, p, msg)


def unit_incident(inc):
    r = inc.rng
    k = K8s(inc, 'storefront-prod', 'northamerica-northeast1')
    nodes = ['gke-storefront-prod-pool-b-1c7f3a90-%s' % x for x in ('8jqs', 'k3wd', 'n5vx')]
    ns = 'shop'
    old = k.deploy_pods(ns, 'sylius-web', 'unit', nodes, 3)
    new = k.deploy_pods(ns, 'sylius-web', 'unit', nodes, 3)
    gw = k.deploy_pods('edge', 'api-gateway', 'gateway', nodes, 2)
    rec = k.pod('finance', 'payment-reconciler-%s-%s' % (inc.kid(10), inc.kid(5)), 'reconciler', nodes[0], 'payment-reconciler')
    sql = sqlres(inc, 'sylius-pg', 'northamerica-northeast1')
    T = inc.at(11.2)
    Tr = [T + 60 * SEC + i * 45 * SEC for i in range(3)]
    host = 'www.maplegoods.example.ca'
    apids = {}

    def serving(t):
        return [new[i] if t >= Tr[i] + 15 * SEC else old[i] for i in range(3)]

    def app_pid(pod):
        if pod['pod'] not in apids:
            apids[pod['pod']] = [r.randint(60, 90) for _ in range(4)]
        return r.choice(apids[pod['pod']])

    routes = [('GET', '/en_CA/products/%s' % 'item-%d', 0.06), ('GET', '/en_CA/taxons/%s', 0.04), ('GET', '/en_CA/cart/', 0.09), ('POST', '/en_CA/cart/add', 0.10),
              ('GET', '/en_CA/checkout/address', 0.12), ('POST', '/en_CA/checkout/complete', 0.12), ('GET', '/', 0.02), ('GET', '/api/v2/shop/products?page=%d', 0.05)]
    for t in inc.times(140):
        pods = serving(t)
        i = r.randrange(3)
        pod = pods[i]
        m, p, crashp = r.choice(routes)
        if '%s' in p:
            p = p % (('item-%d' % r.randint(1, 5000)) if 'products' in p else r.choice(['kitchen', 'outdoor', 'apparel']))
        if '%d' in p:
            p = p % r.randint(1, 30)
        isnew = pod is new[i]
        via_gw = p.startswith('/api')
        if isnew and r.random() < crashp:
            ap = app_pid(pod)
            kemit(inc, pod, t + 80000, 'ERROR', unitl(t, 'alert', '1#1', 'app process %d exited on signal 11 (core dumped)' % ap), stream='stderr')
            kemit(inc, pod, t + 81000, 'ERROR', unitl(t, 'error', '45#%d' % r.randint(46, 49), '*%d app process %d exited unexpectedly, request failed' % (r.randint(1000, 99999), ap)), stream='stderr')
            nap = r.randint(91, 999)
            apids[pod['pod']][apids[pod['pod']].index(ap)] = nap
            kemit(inc, pod, t + 150000, 'INFO', unitl(t, 'info', '%d#%d' % (nap, nap), '"sylius" application started'), stream='stderr')
            if via_gw:
                g = r.choice(gw)
                kemit(inc, g, t + 90000, 'ERROR', {'level': 'error', 'ts': t / SEC, 'caller': 'proxy/upstream.go:%d' % 214, 'msg': 'upstream error', 'upstream': 'sylius-web.shop.svc:8080', 'status': 503, 'path': p.split('?')[0], 'severity': 'ERROR'})
            lb(inc, t, 'maplegoods-fr', 'k8s1-sylius-web-8080', p, 503, r.uniform(0.08, 0.4), method=m, host=host, size=1150)
        else:
            if via_gw and r.random() < 0.2:
                g = r.choice(gw)
                kemit(inc, g, t + 90000, 'INFO', {'level': 'info', 'ts': t / SEC, 'caller': 'proxy/access.go:%d' % 61, 'msg': 'proxied', 'upstream': 'sylius-web.shop.svc:8080', 'status': 200, 'path': p.split('?')[0], 'severity': 'INFO', 'duration_ms': r.randint(20, 200)})
            lb(inc, t, 'maplegoods-fr', 'k8s1-sylius-web-8080', p, 302 if p.endswith('/add') else 200, r.uniform(0.05, 0.5), method=m, host=host)
    # php deprecation noise + unit access? (unit logs only errors)
    for t in inc.times(2.5):
        pods = serving(t)
        pod = r.choice(pods)
        kemit(inc, pod, t, 'WARNING', 'PHP Deprecated:  Creation of dynamic property Payum\\Core\\Bridge\\Spl\\ArrayObject::$%s is deprecated in /srv/sylius/vendor/payum/core/Payum/Core/Bridge/Spl/ArrayObject.php on line %d' % (r.choice(['details', 'token', 'status']), r.choice([54, 77])), stream='stderr')
    for t in inc.every(300):
        kemit(inc, rec, t, 'ERROR', {'severity': 'ERROR', 'message': 'SFTP listing failed for sftp.acquirer-reports.example.net:/outbound/settlements: Permission denied (publickey)', 'job': 'settlement-import', 'attempt': r.randint(1, 3)})
    for t in inc.every(300):
        pglog(inc, sql, t, 'INFO', 77, '[unknown]', '[unknown]', 'LOG', 'checkpoint complete: wrote %d buffers (%.1f%%); 0 WAL file(s) added, 0 removed, %d recycled; write=%.3f s, sync=%.3f s, total=%.3f s' % (r.randint(300, 3000), r.uniform(0.3, 2), r.randint(1, 3), r.uniform(20, 30), r.uniform(0.01, 0.1), r.uniform(20, 30)))
    for t in inc.times(0.8):
        pglog(inc, sql, t, 'INFO', r.randint(2000, 60000), 'sylius', 'sylius', 'LOG', 'duration: %.3f ms  execute doctrine_stmt: SELECT s0_.id AS id_0, s0_.code AS code_1 FROM sylius_product s0_ INNER JOIN sylius_product_taxon s1_ ON s0_.id = s1_.product_id WHERE s1_.taxon_id = $1' % r.uniform(210, 480))
    # change
    ini = '; managed by platform\nopcache.enable=1\nopcache.validate_timestamps=0\nopcache.jit=tracing\nopcache.jit_buffer_size=128M\nmemory_limit=512M\n'
    k.audit(T, 'io.k8s.core.v1.configmaps.patch', 'core/v1/namespaces/shop/configmaps/php-ini-overrides', 'perf-experiments@maplegoods-prod.iam.gserviceaccount.com',
            request={'data': {'zz-overrides.ini': ini}})
    k.audit(T + 50 * SEC, 'io.k8s.apps.v1.deployments.patch', 'apps/v1/namespaces/shop/deployments/sylius-web', 'perf-experiments@maplegoods-prod.iam.gserviceaccount.com',
            request={'spec': {'template': {'metadata': {'annotations': {'kubectl.kubernetes.io/restartedAt': iso(T + 50 * SEC)[:19] + 'Z'}}}}})
    for i in range(3):
        pn, po = new[i], old[i]
        t = Tr[i]
        k.event(t, ns, 'Pod', pn['pod'], 'Started', 'Started container unit', host=pn['node'])
        kemit(inc, pn, t + 100000, 'INFO', 'docker-entrypoint.sh: applying php.ini overrides from /etc/php-overrides/zz-overrides.ini: opcache.enable=1 opcache.validate_timestamps=0 opcache.jit=tracing opcache.jit_buffer_size=128M memory_limit=512M', stream='stdout')
        kemit(inc, pn, t + 200000, 'INFO', 'docker-entrypoint.sh: Launching Unit daemon to perform initial configuration...', stream='stdout')
        bl = [('1#1', 'info', 'unit 1.33.0 started'), ('33#33', 'info', 'discovery started'), ('33#33', 'notice', 'module: php 8.3.13 "/usr/lib/unit/modules/php.unit.so"'),
              ('1#1', 'info', 'controller started'), ('1#1', 'notice', 'process 33 exited with code 0'), ('45#45', 'info', 'router started'),
              ('45#45', 'info', 'OpenSSL 3.0.15 3 Sep 2024, 300000f0'), ('52#52', 'info', '"sylius" prototype started')]
        for j, (p, lv, m) in enumerate(bl):
            tt = t + 400000 + j * 20000
            kemit(inc, pn, tt, 'INFO', unitl(tt, lv, p, m), stream='stderr')
        for ap in (app_pid(pn), app_pid(pn)):
            kemit(inc, pn, t + 700000, 'INFO', unitl(t, 'info', '%d#%d' % (ap, ap), '"sylius" application started'), stream='stderr')
        k.event(t + 15 * SEC, ns, 'Pod', po['pod'], 'Killing', 'Stopping container unit', host=po['node'])
        kemit(inc, po, t + 15 * SEC + 1000, 'INFO', unitl(t + 15 * SEC, 'notice', '1#1', 'process 45 exited with code 0'), stream='stderr')

# ================================================================ 11: Superset scale-out blocked by Docker Hub pull rate limit
def gun(t, pid, lvl, msg):
    return '[%s +0000] [%d] [%s] %s' % (d(t).strftime('%Y-%m-%d %H:%M:%S'), pid, lvl, msg)


def superset_incident(inc):
    r = inc.rng
    k = K8s(inc, 'bi-prod', 'us-central1')
    nodes = ['gke-bi-prod-pool-1-9e2d4b61-%s' % x for x in ('3mtk', 'fg7w', 'q2zs')]
    new_nodes = ['gke-bi-prod-pool-1-9e2d4b61-%s' % x for x in ('h8cn', 'v4jp', 'x1rd')]
    ns = 'superset'
    web = k.deploy_pods(ns, 'superset', 'superset', nodes, 3)
    extra = k.deploy_pods(ns, 'superset', 'superset', new_nodes, 5)
    wrk = k.deploy_pods(ns, 'superset-worker', 'superset', nodes[:2], 2)
    T_hpa = inc.at(6.5)
    T_up = T_hpa + 35 * SEC
    T_node = T_hpa + 150 * SEC
    image = 'apache/superset:4.0.2'
    host = 'bi.northwind-analytics.example.com'

    def load(t):
        # morning ramp: utilisation of the 3 running pods
        return min(1.6, 0.55 + (t - inc.t0) / (22 * MIN))

    for t in inc.times(75):
        w = r.choice(web)
        ld = load(t)
        x = r.random()
        if x < 0.55:
            url = '/api/v1/chart/data?form_data=%%7B%%22slice_id%%22%%3A%d%%7D&dashboard_id=%d' % (r.randint(100, 900), r.randint(1, 60))
            over = max(0, ld - 1.0)
            if r.random() < over * 0.6:
                st = r.choice([502, 504, 504])
                lb(inc, t, 'bi-fr', 'k8s1-superset-8088', url, st, 30.0 + r.uniform(0, 0.05) if st == 504 else r.uniform(20, 30), method='POST', host=host, size=250)
            else:
                lb(inc, t, 'bi-fr', 'k8s1-superset-8088', url, 200, r.uniform(0.3, 2.0) * (1 + 2 * max(0, ld - 0.8)), method='POST', host=host)
        elif x < 0.8:
            url = '/superset/dashboard/%d/' % r.randint(1, 60)
            lb(inc, t, 'bi-fr', 'k8s1-superset-8088', url, 200, r.uniform(0.1, 0.6) * (1 + max(0, ld - 0.8)), host=host)
            if r.random() < 0.2:
                kemit(inc, w, t, 'INFO', '%s:INFO:superset.views.core:Dashboard %d viewed by user %d' % (d(t).strftime('%Y-%m-%d %H:%M:%S,') + ms(t), r.randint(1, 60), r.randint(2, 400)), stream='stderr')
        else:
            url = r.choice(['/api/v1/me/', '/api/v1/dashboard/?q=(page:0,page_size:20)', '/static/assets/spa.%s.entry.js' % inc.hx(8)])
            lb(inc, t, 'bi-fr', 'k8s1-superset-8088', url, 200, r.uniform(0.005, 0.08), host=host)
    for t in inc.times(2.0, inc.at(14)):
        if r.random() < max(0, load(t) - 1.0) * 1.2:
            w = r.choice(web)
            pid = r.randint(30, 400)
            kemit(inc, w, t, 'CRITICAL', gun(t, 1, 'CRITICAL', 'WORKER TIMEOUT (pid:%d)' % pid), stream='stderr')
            kemit(inc, w, t + 600000, 'ERROR', gun(t, 1, 'ERROR', 'Worker (pid:%d) was sent SIGKILL! Perhaps out of memory?' % pid), stream='stderr')
            kemit(inc, w, t + 900000, 'INFO', gun(t, r.randint(400, 900), 'INFO', 'Booting worker with pid: %d' % r.randint(400, 900)), stream='stderr')
    for t in inc.times(6, inc.at(12)):
        if r.random() < max(0, load(t) - 1.0):
            w = r.choice(web)
            kemit(inc, w, t, 'WARNING', '%s:WARNING:superset.connectors.sqla.models:Query took longer than expected (%.1fs), datasource=%d' % (d(t).strftime('%Y-%m-%d %H:%M:%S,') + ms(t), r.uniform(15, 29), r.randint(1, 80)), stream='stderr')
    # HPA + autoscaler
    k.event(T_hpa, ns, 'HorizontalPodAutoscaler', 'superset', 'SuccessfulRescale', 'New size: 6; reason: cpu resource utilization (percentage of request) above target', comp='horizontal-pod-autoscaler')
    k.event(T_hpa + 6 * MIN, ns, 'HorizontalPodAutoscaler', 'superset', 'SuccessfulRescale', 'New size: 8; reason: cpu resource utilization (percentage of request) above target', comp='horizontal-pod-autoscaler')
    for j, p in enumerate(extra):
        tc = T_hpa + 2 * SEC if j < 3 else T_hpa + 6 * MIN + 2 * SEC
        k.event(tc, ns, 'ReplicaSet', p['pod'].rsplit('-', 1)[0], 'SuccessfulCreate', 'Created pod: %s' % p['pod'], comp='replicaset-controller')
        k.event(tc + SEC, ns, 'Pod', p['pod'], 'FailedScheduling', '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.', typ='Warning', comp='default-scheduler')
        k.event(tc + 5 * SEC, ns, 'Pod', p['pod'], 'TriggeredScaleUp', 'pod triggered scale-up: [{https://www.googleapis.com/compute/v1/projects/%s/zones/us-central1-b/instanceGroups/gke-bi-prod-pool-1-9e2d4b61-grp 3->%d (max: 8)}]' % (inc.project, 4 if j < 3 else 6), comp='cluster-autoscaler')
        ts = max(T_node, tc + 150 * SEC) + j * 7 * SEC
        k.event(ts, ns, 'Pod', p['pod'], 'Scheduled', 'Successfully assigned superset/%s to %s' % (p['pod'], p['node']), comp='default-scheduler')
        t = ts + 3 * SEC
        back = 10
        first = True
        while t < inc.t1:
            k.event(t, ns, 'Pod', p['pod'], 'Pulling', 'Pulling image "%s"' % image, host=p['node'])
            if first or r.random() < 0.5:
                k.event(t + 900000, ns, 'Pod', p['pod'], 'Failed', 'Failed to pull image "%s": failed to pull and unpack image "docker.io/%s": failed to copy: httpReadSeeker: failed open: unexpected status code https://registry-1.docker.io/v2/apache/superset/manifests/sha256:6b1f0c7d5e2a9f4b8c3d1e0f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b: 429 Too Many Requests - Server message: toomanyrequests: You have reached your pull rate limit. You may increase the limit by authenticating and upgrading: https://www.docker.com/increase-rate-limit' % (image, image), typ='Warning', host=p['node'])
            k.event(t + 901000, ns, 'Pod', p['pod'], 'Failed', 'Error: ErrImagePull', typ='Warning', host=p['node'])
            k.event(t + 3 * SEC, ns, 'Pod', p['pod'], 'BackOff', 'Back-off pulling image "%s"' % image, typ='Warning', host=p['node'])
            k.event(t + 3 * SEC + 1000, ns, 'Pod', p['pod'], 'Failed', 'Error: ImagePullBackOff', typ='Warning', host=p['node'])
            first = False
            t += back * SEC + r.randint(0, 5) * SEC
            back = min(300, back * 2)
    for nn in new_nodes:
        k.event(T_node - 20 * SEC, 'default', 'Node', nn, 'RegisteredNode', 'Node %s event: Registered Node %s in Controller' % (nn, nn), comp='node-controller')
        k.event(T_node - 15 * SEC, 'default', 'Node', nn, 'NodeReady', 'Node %s status is now: NodeReady' % nn, host=nn)
    # worker routine + distractor
    for t in inc.every(60):
        for w in wrk:
            kemit(inc, w, t + r.randint(0, 9) * SEC, 'INFO', '[%s: INFO/MainProcess] Task reports.scheduler[%s] succeeded in %.3fs: None' % (d(t).strftime('%Y-%m-%d %H:%M:%S,') + ms(t), uid(inc), r.uniform(0.01, 0.2)), stream='stderr')
    for t in inc.every(300):
        w = r.choice(wrk)
        kemit(inc, w, t + 2 * SEC, 'ERROR', '%s:ERROR:superset.reports.commands.execute:Error while sending notification for report schedule %d: Error from Slack: The request to the Slack API failed. (url: https://slack.com/api/files.upload)\nThe server responded with: {\'ok\': False, \'error\': \'channel_not_found\'}' % (d(t).strftime('%Y-%m-%d %H:%M:%S,') + ms(t), r.choice([12, 31])), stream='stderr')
    for t in inc.every(600):
        for w in web:
            kemit(inc, w, t, 'INFO', '%s:INFO:superset.utils.log:Purged %d rows from the logs table' % (d(t).strftime('%Y-%m-%d %H:%M:%S,') + ms(t), r.randint(0, 40)), stream='stderr')


# ================================================================ 12: Meilisearch: reindex job swaps an empty index into place
def meil(t, lvl, target, msg):
    return '%s.%06dZ %5s %s: %s' % (d(t).strftime('%Y-%m-%dT%H:%M:%S'), t % SEC, lvl, target, msg)


def meili_incident(inc):
    r = inc.rng
    k = K8s(inc, 'marketplace', 'australia-southeast1')
    nodes = ['gke-marketplace-main-4d1e9c02-%s' % x for x in ('b6mr', 'h2tc', 'p8wz')]
    ms0 = k.pod('search', 'meilisearch-0', 'meilisearch', nodes[0], 'meilisearch')
    sapi = k.deploy_pods('search', 'search-api', 'search-api', nodes, 3)
    front = k.deploy_pods('web', 'storefront', 'storefront', nodes, 3)
    reco = k.deploy_pods('reco', 'reco-service', 'reco', nodes[1:], 2)
    probe = k.pod('monitoring', 'search-quality-probe-%s-%s' % (inc.kid(10), inc.kid(5)), 'probe', nodes[2], 'search-quality-probe')
    T = inc.at(10.0)
    Tsw = T + 6 * SEC
    job = k.pod('search', 'catalog-indexer-%d-%s' % (29398210, inc.kid(5)), 'indexer', nodes[1], 'catalog-indexer')
    host = 'www.southerncross-market.example.com.au'
    terms = ['usb c cable', 'camping chair', 'kettle', 'yoga mat', 'hdmi', 'puffer jacket', 'coffee grinder', 'lego', 'air fryer', 'phone case']

    for t in inc.times(150):
        sp = r.choice(sapi)
        fp = r.choice(front)
        q = r.choice(terms)
        filt = r.random() < 0.35
        after = t > Tsw + 2 * SEC
        kemit(inc, ms0, t + 3000, 'INFO', meil(t + 3000, 'INFO', 'HTTP request{method=POST host="meilisearch.search.svc:7700" route=/indexes/products/search query_parameters= user_agent=meilisearch-python (v0.31.5) status_code=%d}' % (400 if after and filt else 200), 'meilisearch: close time.busy=%.2fms time.idle=%.1fµs' % (r.uniform(0.3, 2) if after else r.uniform(1, 9), r.uniform(20, 90))))
        url = '/search?q=%s%s' % (q.replace(' ', '+'), '&category=%s' % r.choice(['electronics', 'outdoor', 'home']) if filt else '')
        if after and filt:
            kemit(inc, sp, t + 5000, 'ERROR', {'severity': 'ERROR', 'message': 'meilisearch search failed', 'index': 'products', 'q': q, 'error': 'MeilisearchApiError. Error code: invalid_search_filter. Error message: Attribute `category` is not filterable. This index does not have configured filterable attributes.', 'status': 400})
            kemit(inc, fp, t + 9000, 'ERROR', {'severity': 'ERROR', 'msg': 'search backend returned 502', 'path': '/search', 'q': q})
            lb(inc, t, 'market-web-fr', 'k8s1-storefront-3000', url, 502, r.uniform(0.02, 0.06), host=host, size=2100)
        elif after:
            kemit(inc, sp, t + 5000, 'INFO', {'severity': 'INFO', 'message': 'search', 'index': 'products', 'q': q, 'hits': 0, 'took_ms': r.randint(0, 2)})
            if r.random() < 0.5:
                kemit(inc, fp, t + 9000, 'WARNING', {'severity': 'WARNING', 'msg': 'zero-result search page rendered', 'path': '/search', 'q': q})
            lb(inc, t, 'market-web-fr', 'k8s1-storefront-3000', url, 200, r.uniform(0.03, 0.08), host=host)
        else:
            kemit(inc, sp, t + 5000, 'INFO', {'severity': 'INFO', 'message': 'search', 'index': 'products', 'q': q, 'hits': r.randint(20, 900), 'took_ms': r.randint(2, 14)})
            lb(inc, t, 'market-web-fr', 'k8s1-storefront-3000', url, 200, r.uniform(0.04, 0.2), host=host)
    for t in inc.times(60):
        lb(inc, t, 'market-web-fr', 'k8s1-storefront-3000', r.choice(['/', '/p/%d' % r.randint(1, 90000), '/c/%s' % r.choice(['electronics', 'outdoor', 'home']), '/cart']), 200, r.uniform(0.03, 0.3), host=host)
    for t in inc.every(60, jitter=0.02):
        if t > Tsw + 5 * SEC:
            kemit(inc, probe, t, 'ERROR', {'severity': 'ERROR', 'message': "canary query 'usb c cable' returned 0 hits (expected >= 50)", 'check': 'search-canary'})
        else:
            kemit(inc, probe, t, 'INFO', {'severity': 'INFO', 'message': "canary query 'usb c cable' returned %d hits" % r.randint(180, 220), 'check': 'search-canary'})
    for t in inc.times(3):
        kemit(inc, r.choice(reco), t, 'WARNING', {'severity': 'WARNING', 'message': 'feature store lookup timed out after 150ms, serving fallback recommendations', 'store': 'feast-online', 'entity': 'user:%d' % r.randint(1, 10**6)})
    for t in inc.every(300):
        kemit(inc, ms0, t, 'INFO', meil(t, 'INFO', 'index_scheduler', 'A batch of tasks was successfully completed with %d successful tasks and 0 failed tasks.' % r.randint(1, 6)))
    for t in inc.times(2):
        kemit(inc, ms0, t, 'INFO', meil(t, 'INFO', 'HTTP request{method=POST host="meilisearch.search.svc:7700" route=/indexes/products/documents query_parameters=primaryKey=id user_agent=catalog-sync/2.3 status_code=202}', 'meilisearch: close time.busy=%.2fms time.idle=%.1fµs' % (r.uniform(1, 5), r.uniform(20, 90))))
    # job
    k.event(T - 2 * SEC, 'search', 'CronJob', 'catalog-indexer', 'SuccessfulCreate', 'Created job catalog-indexer-29398210', comp='cronjob-controller')
    idx = 'products_%s' % d(T).strftime('%Y%m%d_%H%M')
    steps = [(0, 'catalog_indexer', 'starting full reindex run_id=ri-%s source=catalog-replica updated_since=None' % d(T).strftime('%Y%m%d-%H%M')),
             (1.2, 'catalog_indexer.export', 'exported 0 documents from catalog-replica in 0.41s'),
             (1.6, 'catalog_indexer.meili', 'created index %s (task 88121)' % idx),
             (2.4, 'catalog_indexer.meili', 'added 0 documents to %s in 0 batches' % idx),
             (3.1, 'catalog_indexer.meili', 'swapping indexes products <-> %s (task 88123)' % idx),
             (6.0, 'catalog_indexer.meili', 'swap task 88123 succeeded'),
             (6.8, 'catalog_indexer.meili', 'deleted index %s (previous live index, task 88124)' % idx),
             (7.1, 'catalog_indexer', 'reindex finished run_id=ri-%s docs=0 duration=7.1s' % d(T).strftime('%Y%m%d-%H%M'))]
    for off, lg, m in steps:
        t = T + int(off * SEC)
        kemit(inc, job, t, 'INFO', pylog(t, 'INFO', lg + ':', m), stream='stderr')
    for off, rt, st in [(1.6, '/indexes', 202), (3.1, '/swap-indexes', 202), (6.8, '/indexes/%s' % idx, 202)]:
        t = T + int(off * SEC) + 2000
        kemit(inc, ms0, t, 'INFO', meil(t, 'INFO', 'HTTP request{method=%s host="meilisearch.search.svc:7700" route=%s query_parameters= user_agent=meilisearch-python (v0.31.5) status_code=%d}' % ('DELETE' if 'products_' in rt else 'POST', rt, st), 'meilisearch: close time.busy=%.2fms time.idle=%.1fµs' % (r.uniform(0.3, 2), r.uniform(20, 90))))
    for off in (2.0, 5.5, 7.0):
        t = T + int(off * SEC)
        kemit(inc, ms0, t, 'INFO', meil(t, 'INFO', 'index_scheduler', 'A batch of tasks was successfully completed with 1 successful tasks and 0 failed tasks.'))
    k.event(T + 9 * SEC, 'search', 'Job', 'catalog-indexer-29398210', 'Completed', 'Job completed', comp='job-controller')


# ================================================================ catalogue
def rc(ev, cat, mm):
    return {'evidence': ev, 'category': cat, 'must_mention': mm}


def sy(*xs):
    return [{'evidence': x} for x in xs]


INCIDENTS = [
    ('hotel-kube-proxy-xtables-lock', 'chaos-hotel-lab', '2026-11-16T09:10:00Z', 45, lambda i: hotel(i, True), {
        'title': 'Hotel search fails from one node: kube-proxy cannot program the new rate endpoints while an agent holds the xtables lock',
        'root_cause': rc(['holding the xtables lock', 'iptables audit started'], 'network', ['kube-proxy', 'xtables']),
        'symptoms': sy('transport: Error while dialing', 'search failed'),
        'distractors': sy('failed to flush metrics'), 'priority': 'P1'}),
    ('nsq-msg-timeout-redelivery', 'shop-events-lab', '2026-11-17T13:20:00Z', 50, nsq_incident, {
        'title': 'nsqd restarted with --msg-timeout=4s: fulfillment messages time out mid-handler and are redelivered (duplicate shipments, backlog)',
        'root_cause': rc(['msg-timeout=4s'], 'configuration', ['msg-timeout']),
        'symptoms': sy('E_FIN_FAILED', 'duplicate shipment request', 'channel backlog above threshold'),
        'distractors': sy('421 4.7.0 Try again later'), 'priority': 'P2'}),
    ('redpanda-aio-max-nr-restart', 'stream-prod-71', '2026-11-18T02:40:00Z', 45, lambda i: redpanda(i, True), {
        'title': 'Rolling sysctl baseline lowers fs.aio-max-nr; restarted Redpanda brokers cannot start and partitions lose quorum',
        'root_cause': rc(['aio-max-nr'], 'resource-exhaustion', ['aio-max-nr']),
        'symptoms': sy('NOT_LEADER_OR_FOLLOWER', 'ms has passed since batch creation', 'redpanda.service: Main process exited'),
        'distractors': sy('Reactor stalled'), 'priority': 'P1'}),
    ('dragonfly-cache-codec-switch', 'retail-core-prod', '2026-11-19T10:05:00Z', 50, dragonfly_incident, {
        'title': 'catalog-writer 2.8.0 writes product cache entries as proto-v2; product-api readers cannot decode them and overload Postgres',
        'root_cause': rc(['codec=proto-v2'], 'code-bug', ['catalog-writer', 'codec']),
        'symptoms': sy('cache decode failed', 'timeout exceeded when trying to connect'),
        'distractors': sy('unsupported image format'), 'priority': 'P1'}),
    ('tidb-gc-life-time-exports', 'ledger-analytics-jp', '2026-11-20T01:30:00Z', 55, tidb_incident, {
        'title': 'tidb_gc_life_time lowered to 10m; statement export jobs with longer snapshot transactions fail with error 9006',
        'root_cause': rc(['tidb_gc_life_time'], 'configuration', ['tidb_gc_life_time']),
        'symptoms': sy('GC life time is shorter than transaction duration', 'statement not generated yet'),
        'distractors': sy('Key is locked'), 'priority': 'P2'}),
    ('caddy-handle-path-strips-api', 'bookshelf-web-prod', '2026-11-21T16:00:00Z', 40, caddy_incident, {
        'title': 'Edge Caddyfile switched /api/* to handle_path; the /api prefix is stripped and every API call 404s',
        'root_cause': rc(['handle_path'], 'configuration', ['handle_path', '/api']),
        'symptoms': sy('API request failed: 404 Not Found', 'msg="no route"'),
        'distractors': sy('no OCSP stapling'), 'priority': 'P0'}),
    ('mattermost-role-statement-timeout', 'collab-prod-559', '2026-11-23T14:30:00Z', 50, mattermost_incident, {
        'title': "ALTER ROLE mmuser SET statement_timeout = '250ms' cancels Mattermost channel-history and search queries as pooled connections recycle",
        'root_cause': rc(['ALTER ROLE mmuser SET statement_timeout'], 'database', ['statement_timeout', 'mmuser']),
        'symptoms': sy('canceling statement due to statement timeout', 'Unable to get the posts for the channel'),
        'distractors': sy('device token is not valid'), 'priority': 'P1'}),
    ('odoo-module-upgrade-skipped', 'erp-prod-374', '2026-11-24T08:15:00Z', 45, odoo_incident, {
        'title': 'New Odoo image rolled out without running the module update; sale_order.delivery_slot_id missing breaks cart and checkout',
        'root_cause': rc(['skipping module update'], 'database', ['delivery_slot_id', 'module']),
        'symptoms': sy('column sale_order.delivery_slot_id does not exist', 'odoo rpc failed'),
        'distractors': sy('_read_file reading'), 'priority': 'P0'}),
    ('discourse-keydb-allkeys-lru', 'opensail-community', '2026-11-25T18:00:00Z', 50, discourse_incident, {
        'title': 'KeyDB restarted with maxmemory-policy allkeys-lru; at maxmemory it evicts Sidekiq jobs and MessageBus backlogs (lost notification emails)',
        'root_cause': rc(['maxmemory-policy allkeys-lru', 'will evict Sidekiq data'], 'configuration', ['allkeys-lru']),
        'symptoms': sy('not received within 600s', 'was evicted from redis'),
        'distractors': sy('Failed to pull hotlinked image'), 'priority': 'P3'}),
    ('unit-php-opcache-jit-segfault', 'maplegoods-prod', '2026-11-26T15:40:00Z', 45, unit_incident, {
        'title': 'php.ini override enables opcache.jit=tracing; Nginx Unit PHP app processes segfault on cart/checkout requests (503s)',
        'root_cause': rc(['opcache.jit=tracing'], 'configuration', ['jit']),
        'symptoms': sy('exited on signal 11', 'upstream error'),
        'distractors': sy('SFTP listing failed'), 'priority': 'P1'}),
    ('superset-dockerhub-pull-limit', 'northwind-bi', '2026-11-27T13:50:00Z', 40, superset_incident, {
        'title': 'Superset scale-out pods cannot pull apache/superset from Docker Hub (toomanyrequests); the three running pods overload at the morning peak',
        'root_cause': rc(['toomanyrequests'], 'upstream-dependency', ['rate limit', 'image']),
        'symptoms': sy('WORKER TIMEOUT', 'ImagePullBackOff'),
        'distractors': sy('channel_not_found'), 'priority': 'P2'}),
    ('meilisearch-empty-index-swap', 'southerncross-market', '2026-11-28T09:00:00Z', 40, meili_incident, {
        'title': 'catalog-indexer exports 0 documents (updated_since=None) and swaps the empty index in as products; search returns nothing',
        'root_cause': rc(['exported 0 documents', 'updated_since=None'], 'code-bug', ['catalog-indexer', 'swap']),
        'symptoms': sy('returned 0 hits', 'is not filterable'),
        'distractors': sy('feature store lookup timed out'), 'priority': 'P1'}),
    ('healthy-hotel-weekday', 'chaos-hotel-lab', '2026-11-29T11:00:00Z', 45, lambda i: hotel(i, False), {
        'title': 'Healthy window: hotel reservation stack with a routine rate rollout',
        'root_cause': None, 'symptoms': [], 'distractors': sy('failed to flush metrics'), 'priority': 'none'}),
    ('healthy-redpanda-night', 'stream-prod-71', '2026-11-30T03:00:00Z', 40, lambda i: redpanda(i, False), {
        'title': 'Healthy window: Redpanda brokers and clickstream ingest with a no-op Ansible run',
        'root_cause': None, 'symptoms': [], 'distractors': sy('Reactor stalled'), 'priority': 'none'}),
]


def main():
    out = sys.argv[1]
    for iid, proj, start, mins, fn, truth in INCIDENTS:
        inc = Inc(iid, proj, start, mins)
        fn(inc)
        n = inc.write(out, truth)
        print('%-36s %6d entries' % (iid, n))


if __name__ == '__main__':
    main()
