#!/usr/bin/env python3
"""Deterministic generator of realistic ``gcloud logging read --format=json`` exports.

Writes a JSON array of Cloud Logging ``LogEntry`` objects, NEWEST FIRST (like gcloud), streamed to
disk in time buckets so memory stays flat for millions of entries.  Every byte depends only on
``(scenario, seed, entries, impact, window)``.

    python bench/gen_logs.py --entries 5000 --scenario oom --seed 7 --output /tmp/logs.json.gz \
        --gzip --truth /tmp/truth.json

Scenarios (``--list-scenarios``): healthy, pool-exhaustion, oom, expired-cert, secret-disabled,
connection-refused, rate-limit, disk-full, bad-config, permission-denied.

What a window looks like: 2-4 Cloud Run services of one made-up product (names, domain nouns,
module paths, tables, buckets and upstream vendors all vary with the seed); request logs
(``run.googleapis.com%2Frequests``, httpRequest with status/latency/...), app logs on stdout/stderr
drawn from several hundred combinatorial templates (textPayload and structured jsonPayload),
gunicorn/uvicorn lines, Cloud Run system logs (``varlog%2Fsystem``: instance starts, exits,
probe failures, memory-limit kills), occasional multi-KB payload dumps, tracebacks both folded in
one textPayload and split one line per entry on stderr, steady distractor warnings/errors for
the whole hour and, for incident scenarios, a change event (deploy / IAM / secret audit log or a
new revision), the root-cause cluster first and then (usually more frequent) symptoms.

Importable by path (``runpy.run_path`` / ``importlib``): ``generate(...)``, ``truth_for(...)``,
``SCENARIOS``.  Uses orjson when installed (fast path), the stdlib json module otherwise.
"""

from __future__ import annotations

import argparse
import bisect
import gzip
import heapq
import json
import math
import random
import sys
import time

try:  # fast path; the json fallback writes identical structure (key order, indentation)
    import orjson as _orjson
except ImportError:  # pragma: no cover
    _orjson = None

SCENARIOS = (
    "healthy",
    "pool-exhaustion",
    "oom",
    "expired-cert",
    "secret-disabled",
    "connection-refused",
    "rate-limit",
    "disk-full",
    "bad-config",
    "permission-denied",
)
IMPACTS = ("full", "partial", "minor")
PRIORITY_BY_IMPACT = {"full": "P0", "partial": "P1", "minor": "P2"}
INF = float("inf")


# =============================================================================================
# randomness helpers
# =============================================================================================


class Rng(random.Random):
    """random.Random plus the fast id helpers the generator needs."""

    def hex(self, n: int) -> str:
        return "%0*x" % (n, self.getrandbits(4 * n))

    def randrange(self, a, b=None, step=1):  # fast, deterministic; same contract for ints
        if b is None:
            a, b = 0, a
        return a + int(self.random() * (b - a))

    def uuid(self) -> str:
        g = self.getrandbits
        return "%08x-%04x-4%03x-%x%03x-%012x" % (g(32), g(16), g(12), 8 + g(2), g(12), g(48))

    def pick(self, seq):
        return seq[int(self.random() * len(seq))]

    def ip(self) -> str:
        return "%d.%d.%d.%d" % (
            self.pick(_PUBLIC_FIRST_OCTETS),
            self.getrandbits(8),
            self.getrandbits(8),
            1 + self.getrandbits(7),
        )

    def lognorm_ms(self, median: float, sigma: float = 0.6) -> float:
        return median * _LOGN[self.getrandbits(12)] ** (sigma / 0.6)


# exp(N(0, 0.6)) quantiles: a 4096-entry table replaces gauss()+exp() in the hot path
_LOGN = [math.exp(0.6 * v) for v in (__import__("statistics").NormalDist().inv_cdf((k + 0.5) / 4096)
                                     for k in range(4096))]

_PUBLIC_FIRST_OCTETS = (3, 18, 23, 24, 34, 35, 45, 52, 54, 64, 66, 67, 68, 69, 70, 71, 72, 73, 74,
                        75, 76, 81, 82, 84, 86, 88, 90, 93, 94, 95, 98, 99, 104, 107, 108, 142,
                        146, 151, 155, 185, 194, 203, 212)


class Weighted:
    """O(log n) weighted choice."""

    __slots__ = ("items", "cum", "total")

    def __init__(self, pairs):
        self.items = [p[0] for p in pairs]
        self.cum = []
        acc = 0.0
        for _, w in pairs:
            acc += w
            self.cum.append(acc)
        self.total = acc

    def pick(self, rng: Rng):
        return self.items[bisect.bisect_right(self.cum, rng.random() * self.total)]


# =============================================================================================
# the world: project, services, vocabulary (all per seed)
# =============================================================================================

BRANDS = ["acme", "orbit", "helio", "quanta", "nimbus", "vertex", "lumen", "kestrel", "tidal",
          "ember", "cobalt", "juniper", "atlas", "pioneer", "zephyr", "sable", "corvid", "maple",
          "granite", "aurora"]
ENVS = ["prod", "production", "prd", "staging", "stg", "live"]
REGIONS = ["us-central1", "us-east1", "us-east4", "europe-west1", "europe-west3", "asia-northeast1",
           "us-west1", "australia-southeast1", "europe-north1"]

PRODUCTS = {
    "shop": [("order", "orders"), ("cart", "carts"), ("product", "products"), ("shipment", "shipments"),
             ("coupon", "coupons"), ("customer", "customers"), ("refund", "refunds"), ("review", "reviews"),
             ("wishlist", "wishlists"), ("sku", "skus"), ("return_request", "return_requests")],
    "ledger": [("payment", "payments"), ("invoice", "invoices"), ("payout", "payouts"),
               ("transfer", "transfers"), ("dispute", "disputes"), ("merchant", "merchants"),
               ("subscription", "subscriptions"), ("account", "accounts"), ("statement", "statements"),
               ("journal_entry", "journal_entries"), ("tax_rate", "tax_rates")],
    "docs": [("document", "documents"), ("folder", "folders"), ("share", "shares"), ("revision", "revisions"),
             ("comment", "comments"), ("export", "exports"), ("template", "templates"),
             ("signature", "signatures"), ("workspace", "workspaces"), ("attachment", "attachments"),
             ("tag", "tags")],
    "fleet": [("vehicle", "vehicles"), ("trip", "trips"), ("driver", "drivers"), ("route", "routes"),
              ("geofence", "geofences"), ("alert", "alerts"), ("depot", "depots"), ("fuel_log", "fuel_logs"),
              ("inspection", "inspections"), ("telemetry_batch", "telemetry_batches"), ("work_order", "work_orders")],
    "learn": [("course", "courses"), ("lesson", "lessons"), ("enrollment", "enrollments"), ("quiz", "quizzes"),
              ("submission", "submissions"), ("grade", "grades"), ("cohort", "cohorts"),
              ("instructor", "instructors"), ("certificate_award", "certificate_awards"), ("video", "videos"),
              ("transcript", "transcripts")],
    "care": [("patient", "patients"), ("appointment", "appointments"), ("prescription", "prescriptions"),
             ("provider", "providers"), ("claim", "claims"), ("encounter", "encounters"),
             ("lab_result", "lab_results"), ("referral", "referrals"), ("schedule", "schedules"),
             ("consent_form", "consent_forms"), ("care_plan", "care_plans")],
    "crm": [("contact", "contacts"), ("lead", "leads"), ("deal", "deals"), ("company", "companies"),
            ("campaign", "campaigns"), ("task", "tasks"), ("note", "notes"), ("pipeline", "pipelines"),
            ("segment", "segments"), ("activity", "activities"), ("quote", "quotes")],
    "ticket": [("ticket", "tickets"), ("agent", "agents"), ("macro", "macros"), ("sla_policy", "sla_policies"),
               ("queue", "queues"), ("article", "articles"), ("csat_survey", "csat_surveys"),
               ("escalation", "escalations"), ("attachment", "attachments"), ("team", "teams"),
               ("view", "views")],
}

UPSTREAMS = [  # (vendor, host, what it is, client module)
    ("paygrid", "api.paygrid.io", "payment provider", "payments"),
    ("shipfast", "api.shipfast.dev", "shipping rates API", "shipping"),
    ("textbridge", "api.textbridge.io", "SMS gateway", "sms"),
    ("mailcourier", "api.mailcourier.net", "email delivery API", "email"),
    ("mapstack", "geo.mapstack.io", "geocoding API", "geocoding"),
    ("llmhub", "api.llmhub.ai", "LLM completion API", "llm"),
    ("taxly", "api.taxly.com", "tax calculation API", "tax"),
    ("idverse", "verify.idverse.com", "identity verification API", "kyc"),
    ("fxrates", "api.fxrates.org", "exchange rates API", "fx"),
]
CUSTOMERS = ["globex", "initech", "umbrella", "hooli", "soylent", "stark", "wayne", "tyrell", "cyberdyne",
             "wonka", "oscorp", "vandelay"]
FIRST = ["alice", "bob", "carol", "dan", "erin", "frank", "grace", "heidi", "ivan", "judy", "mallory",
         "niaj", "olivia", "peggy", "rupert", "sybil", "trent", "victor", "walter", "yara", "zoe"]
MAILDOMAINS = ["example.com", "gmail.com", "outlook.com", "acme.io", "contoso.com", "globex.net",
               "fastmail.com", "proton.me"]
USER_AGENTS = [
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0.0.0 Safari/537.36",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.6 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (X11; Linux x86_64; rv:143.0) Gecko/20100101 Firefox/143.0",
    "Mozilla/5.0 (Linux; Android 15; Pixel 9) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0.0.0 Mobile Safari/537.36",
    "okhttp/4.12.0",
    "python-httpx/0.28.1",
    "axios/1.12.2",
    "Go-http-client/2.0",
    "curl/8.5.0",
]
PUSH_UA = "APIs-Google; (+https://developers.google.com/webmasters/APIs-Google.html)"
TASKS_UA = "Google-Cloud-Tasks"
SCHED_UA = "Google-Cloud-Scheduler"
SUFFIX_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789"


class Endpoint:
    __slots__ = ("method", "path", "weight", "median_ms", "resp", "db", "upstream", "tag", "host", "base_url", "ua")

    def __init__(self, method, path, weight, median_ms, resp=(200, 5000), db=True, upstream=None, tag="",
                 host=""):
        self.method, self.path, self.weight, self.median_ms = method, path, weight, median_ms
        self.resp, self.db, self.upstream, self.tag, self.host = resp, db, upstream, tag, host
        self.base_url = f"https://{host}"
        self.ua = PUSH_UA if tag == "push" else (TASKS_UA if path.startswith("/tasks") else
                                                 (SCHED_UA if tag == "cron" else None))

    def route(self) -> str:
        return self.path.split("?")[0]


class Instance:
    __slots__ = ("svc", "id", "rev", "t_start", "t_end", "labels", "serving", "reason", "kind", "res")

    def __init__(self, svc, iid, rev, t_start, t_end=INF, serving=True, reason="AUTOSCALING", kind="normal"):
        self.svc, self.id, self.rev, self.t_start, self.t_end = svc, iid, rev, t_start, t_end
        self.labels = {"instanceId": iid}
        self.res = svc.resource(rev)
        self.serving, self.reason, self.kind = serving, reason, kind


class Service:
    def __init__(self, w, name, role, rng: Rng):
        self.w, self.name, self.role = w, name, role
        n = rng.randrange(80, 900)
        self.revisions = [f"{name}-{n:05d}-{''.join(rng.pick(SUFFIX_CHARS) for _ in range(3))}"]
        self.resources = {}
        self.server = rng.pick(["gunicorn", "gunicorn", "uvicorn"])
        self.tb_style = "split" if rng.random() < 0.6 else "single"
        self.access_log = rng.random() < 0.35
        self.log_format = rng.pick(["plain", "plain", "plain", "pylog"])
        self.container = f"{name}-1"
        self.memory_mib = rng.pick([512, 512, 1024, 2048])
        self.instances: list[Instance] = []
        self.endpoints: list[Endpoint] = []
        self.host = ""
        self.pkg = w.pkg if role in ("api", "worker") else f"{w.product}_{role}"
        self.workers_pid = rng.choice([7, 8, 9, 10, 11])
        self.sa = f"{name}@{w.project}.iam.gserviceaccount.com" if rng.random() < 0.7 else \
            f"{w.project_number}-compute@developer.gserviceaccount.com"
        self.lognames = {s: f"projects/{w.project}/logs/run.googleapis.com%2F{s.replace('/', '%2F')}"
                         for s in ("stdout", "stderr", "requests", "varlog/system")}
        self._alive_cache = (None, None)

    def new_revision(self, rng: Rng) -> str:
        last = self.revisions[-1]
        n = int(last[len(self.name) + 1:len(self.name) + 6]) + rng.randrange(1, 4)
        rev = f"{self.name}-{n:05d}-{''.join(rng.pick(SUFFIX_CHARS) for _ in range(3))}"
        self.revisions.append(rev)
        return rev

    def resource(self, rev):
        r = self.resources.get(rev)
        if r is None:
            r = self.resources[rev] = {
                "labels": {"configuration_name": self.name, "location": self.w.region,
                           "project_id": self.w.project, "revision_name": rev, "service_name": self.name},
                "type": "cloud_run_revision",
            }
        return r

    def alive(self, t):
        """Serving instances at t (cached per whole second; callers walk time backwards)."""
        sec = int(t)
        key, val = self._alive_cache
        if key == sec:
            return val
        val = [i for i in self.instances if i.serving and i.t_start <= t < i.t_end] or \
            [i for i in self.instances if i.serving] or self.instances
        self._alive_cache = (sec, val)
        return val


class World:
    """Everything about the simulated project that depends only on the seed."""

    def __init__(self, seed: int, scenario: str):
        rng = Rng(f"world:{seed}")
        self.seed = seed
        self.brand = rng.pick(BRANDS)
        self.product = rng.pick(sorted(PRODUCTS))
        self.env = rng.pick(ENVS)
        self.project = rng.pick([f"{self.brand}-{self.env}", f"{self.brand}-{self.product}-{self.env}",
                                 f"{self.brand}-{self.product}-{self.env}-{rng.randrange(1, 9)}"])
        self.project_number = str(rng.randrange(10 ** 11, 10 ** 12))
        self.region = rng.pick(REGIONS)
        self.tld = rng.pick(["com", "io", "app", "dev", "co"])
        self.domain = f"{self.brand}{self.product}.{self.tld}" if rng.random() < 0.5 else f"{self.brand}.{self.tld}"
        self.pkg = rng.pick([f"{self.product}_api", f"{self.brand}_{self.product}", f"{self.product}svc",
                             f"{self.brand}_core"])
        nouns = list(PRODUCTS[self.product])
        rng.shuffle(nouns)
        self.nouns = nouns[:9]
        self.tables = [plural for _, plural in self.nouns]
        self.bucket = f"{self.project}-{rng.pick(['uploads', 'assets', 'exports', 'media', 'artifacts'])}"
        ups = list(UPSTREAMS)
        rng.shuffle(ups)
        self.upstreams = ups[:3]
        self.customer = rng.pick(CUSTOMERS)
        self.ver = f"{rng.randrange(1, 5)}.{rng.randrange(0, 30)}.{rng.randrange(0, 12)}"
        self.latency_digits = rng.pick([6, 9])
        self.env_label = "staging" if self.env in ("staging", "stg") else "production"
        self.sql_instance = f"{self.project}:{self.region}:{rng.pick(['main', 'primary', 'core'])}-pg{rng.randrange(13, 17)}"
        self.redis_ip = f"10.{rng.randrange(0, 200)}.{rng.randrange(0, 255)}.{rng.randrange(2, 250)}"
        self.engineers = [f"{rng.pick(FIRST)}.{rng.pick(FIRST)}@{self.brand}.{self.tld}" for _ in range(3)]
        self.deployer = rng.pick([f"github-deployer@{self.project}.iam.gserviceaccount.com",
                                  f"cloudbuild@{self.project}.iam.gserviceaccount.com", self.engineers[0]])
        self.image_repo = f"{self.region}-docker.pkg.dev/{self.project}/{rng.pick(['services', 'apps', 'containers'])}"

        # services
        p = self.product
        api_name = rng.pick([f"{p}-api", f"{self.brand}-{p}-api", f"{p}-backend"])
        worker_name = rng.pick([f"{p}-worker", f"{p}-jobs", f"{self.brand}-{p}-worker"])
        web_name = rng.pick([f"{p}-web", f"{p}-bff", f"{p}-gateway", f"{self.brand}-web"])
        self.api = Service(self, api_name, "api", rng)
        self.worker = Service(self, worker_name, "worker", rng)
        self.web = Service(self, web_name, "web", rng)
        self.services = [self.api, self.worker, self.web]
        self.auth = None
        if rng.random() < 0.45:
            self.auth = Service(self, rng.pick([f"{p}-auth", "auth-service", f"{self.brand}-identity"]), "auth", rng)
            self.services.append(self.auth)
        self.api.host = f"api.{self.domain}"
        self.web.host = f"{'app' if rng.random() < 0.5 else 'www'}.{self.domain}"
        self.worker.host = f"{self.worker.name}-{rng.hex(10)}-{rng.pick(['uc', 'ue', 'ew'])}.a.run.app"
        if self.auth:
            self.auth.host = f"auth.{self.domain}"
        self._build_endpoints(rng)

        # 88-hex instance ids; lifetimes are finalised by the scenario (deploys, crashes)
        for svc in self.services:
            k = {"api": rng.randrange(3, 7), "worker": rng.randrange(2, 4), "web": rng.randrange(2, 5),
                 "auth": rng.randrange(2, 4)}[svc.role]
            for _ in range(k):
                svc.instances.append(Instance(svc, rng.hex(88), svc.revisions[0], -rng.uniform(900, 40000)))
            for j in range(rng.randrange(1, 4)):  # autoscaling churn inside the window (one early)
                t0 = rng.uniform(30, 300) if j == 0 else rng.uniform(60, 3500)
                svc.instances.append(Instance(svc, rng.hex(88), svc.revisions[0], t0))
            if rng.random() < 0.6:  # one scale-in
                svc.instances[rng.randrange(len(svc.instances))].t_end = rng.uniform(600, 3500)

    # -----------------------------------------------------------------------------------------
    def _build_endpoints(self, rng: Rng):
        n = self.nouns
        eps = []
        for i, (s, pl) in enumerate(n):
            w = 1.0 / (1 + i) ** 0.7
            path = pl.replace("_", "-")
            eps.append(Endpoint("GET", f"/api/v1/{path}?page={{page}}", 6 * w, 45, (200, 30000), tag="list:" + s))
            eps.append(Endpoint("GET", f"/api/v1/{path}/{{id}}", 8 * w, 25, (200, 4000), tag="get:" + s))
            eps.append(Endpoint("POST", f"/api/v1/{path}", 2 * w, 120, (201, 2000), tag="create:" + s))
            if i < 5:
                eps.append(Endpoint("PATCH", f"/api/v1/{path}/{{id}}", 1 * w, 90, (200, 2000), tag="update:" + s))
            if i < 3:
                eps.append(Endpoint("DELETE", f"/api/v1/{path}/{{id}}", 0.3 * w, 60, (204, 0), tag="delete:" + s))
        up0, up1, up2 = self.upstreams
        eps += [
            Endpoint("GET", "/healthz", 5, 2, (200, 60), db=False, tag="health"),
            Endpoint("GET", "/api/v1/me", 6, 18, (200, 900), tag="me"),
            Endpoint("POST", f"/api/v1/{n[0][1].replace('_', '-')}/{{id}}/{up0[3]}", 2.0, 450, (200, 1500),
                     upstream=up0, tag="upstream0"),
            Endpoint("POST", f"/api/v1/{up1[3]}/quote", 1.2, 300, (200, 2500), db=False, upstream=up1,
                     tag="upstream1"),
            Endpoint("GET", f"/api/v1/search?q={{q}}", 3, 140, (200, 25000), tag="search"),
            Endpoint("POST", "/api/v1/exports", 0.6, 800, (202, 400), tag="export"),
            Endpoint("GET", "/api/v1/exports/{id}/download", 0.5, 300, (200, 900000), db=False, tag="download"),
            Endpoint("GET", f"/api/v1/{n[1][1].replace('_', '-')}/{{id}}/attachments/{{id2}}", 1.0, 160,
                     (200, 400000), db=False, tag="attachment"),
            Endpoint("GET", "/api/v1/reports/summary?range=7d", 0.8, 900, (200, 12000), tag="report"),
        ]
        self.api.endpoints = eps
        self.worker.endpoints = [
            Endpoint("POST", "/pubsub/push", 8, 250, (204, 0), tag="push"),
            Endpoint("POST", "/tasks/export", 1.5, 4000, (200, 80), tag="export-task"),
            Endpoint("POST", f"/tasks/sync-{n[2][1].replace('_', '-')}", 2, 900, (200, 80), tag="sync",
                     upstream=up2),
            Endpoint("POST", "/cron/cleanup", 0.1, 2500, (200, 80), tag="cron"),
            Endpoint("POST", "/tasks/thumbnail", 1.0, 700, (200, 80), db=False, tag="thumbnail"),
            Endpoint("GET", "/healthz", 1, 2, (200, 60), db=False, tag="health"),
        ]
        self.web.endpoints = [
            Endpoint("GET", "/", 5, 35, (200, 48000), db=False, tag="page"),
            Endpoint("GET", "/static/js/main.{hex}.js", 6, 4, (200, 380000), db=False, tag="static"),
            Endpoint("GET", "/static/css/app.{hex}.css", 3, 3, (200, 52000), db=False, tag="static"),
            Endpoint("GET", f"/{n[0][1].replace('_', '-')}", 3, 60, (200, 62000), db=False, tag="page"),
            Endpoint("GET", f"/{n[1][1].replace('_', '-')}/{{id}}", 2, 70, (200, 58000), db=False, tag="page"),
            Endpoint("POST", "/bff/graphql", 4, 140, (200, 9000), db=False, tag="proxy"),
            Endpoint("GET", "/favicon.ico", 1, 1, (200, 15086), db=False, tag="static"),
        ]
        if self.auth:
            self.auth.endpoints = [
                Endpoint("POST", "/auth/token", 3, 40, (200, 1400), tag="token"),
                Endpoint("POST", "/auth/refresh", 4, 20, (200, 1400), tag="refresh"),
                Endpoint("GET", "/auth/callback?code={hex}&state={hex}", 1, 180, (302, 0), tag="callback"),
                Endpoint("GET", "/.well-known/jwks.json", 2, 2, (200, 1800), db=False, tag="jwks"),
                Endpoint("POST", "/auth/validate", 6, 8, (200, 300), tag="validate"),
            ]
        for svc in self.services:
            for ep in svc.endpoints:
                ep.host = svc.host
                ep.base_url = f"https://{svc.host}"


# =============================================================================================
# app-log templates (combinatorial, several hundred per world)
# =============================================================================================


class Template:
    __slots__ = ("fmt", "fills", "sev", "channel", "stream", "module", "func", "line", "svc", "fns", "jlabels",
                 "pylog")

    def __init__(self, fmt, fills, sev, channel, stream, module, func, line, svc):
        self.fmt, self.fills, self.sev, self.channel, self.stream = fmt, fills, sev, channel, stream
        self.module, self.func, self.line, self.svc = module, func, line, svc


def _fillers(w: World, rng: Rng):
    """Slot kind -> zero-arg callable producing a value (bound to the stream rng)."""
    r = rng
    emails = [f"{f}.{{}}@{d}" for f in FIRST for d in MAILDOMAINS]
    return {
        "uuid": r.uuid,
        "hex8": lambda: r.hex(8),
        "hex12": lambda: r.hex(12),
        "hex16": lambda: r.hex(16),
        "ms": lambda: int(r.lognorm_ms(40, 0.9)),
        "ms_big": lambda: int(r.lognorm_ms(900, 0.7)),
        "n_small": lambda: r.randrange(0, 60),
        "n_med": lambda: r.randrange(10, 5000),
        "n_big": lambda: r.randrange(1000, 250000),
        "page": lambda: r.randrange(1, 12),
        "sec": lambda: round(r.lognorm_ms(4.0, 0.8), 2),
        "ratio": lambda: round(r.uniform(0.55, 0.99), 2),
        "email": lambda: r.pick(emails).format(r.randrange(1, 999)),
        "ip": r.ip,
        "tenant": lambda: f"t-{r.randrange(100, 999)}",
        "org": lambda: f"org-{r.randrange(1000, 9999)}",
        "kb": lambda: r.randrange(2, 9000),
        "bool": lambda: r.pick(("true", "false")),
        "port": lambda: r.randrange(32768, 60999),
    }


def build_templates(w: World, rng: Rng):
    """Return {service role: [Template]} with a few hundred distinct templates per world."""
    P = w.project
    out = {"api": [], "worker": [], "web": [], "auth": []}
    areas = ["services", "routes", "repositories", "domain", "handlers"]

    def add(role, fmt, fills, sev="INFO", channel=None, area=None, func=None):
        if channel is None:
            channel = "json" if rng.random() < 0.22 else "text"
        stream = "stdout" if (channel == "json" or rng.random() < 0.72) else "stderr"
        area = area or rng.pick(areas)
        mod_leaf = (func or "handler").split("_")[-1]
        module = f"{w.pkg}.{'app.' if rng.random() < 0.5 else ''}{area}.{mod_leaf}"
        out[role].append(Template(fmt, tuple(fills), sev, channel, stream, module, func or "handle",
                                  rng.randrange(18, 960), role))

    V1 = ["Created", "Updated", "Deleted", "Archived", "Restored", "Approved", "Rejected", "Synced",
          "Locked", "Unlocked", "Validated", "Queued"]
    V2 = ["loaded", "rendered", "serialized", "cached", "hydrated", "persisted", "indexed", "enriched"]
    scopes = ["account", "workspace", "org", "tenant", "project"]
    for s, pl in w.nouns:
        verbs = rng.sample(V1, 7)
        for v in verbs:
            add("api", f"{v} {s} %s for user %s", ("uuid", "uuid"), func=f"{v.lower()}_{s}")
        for v in rng.sample(V2, 5):
            add("api", f"{s.replace('_', ' ').capitalize()} %s {v} in %dms", ("uuid", "ms"), func=f"{v}_{s}")
        for sc in rng.sample(scopes, 3):
            add("api", f"Fetched %d {pl} for {sc} %s in %dms (page %d)", ("n_small", "hex12", "ms", "page"),
                func=f"list_{pl}")
        add("api", f"Cache hit for {s}:%s", ("hex12",), sev="DEBUG", area="cache", func=f"get_{s}")
        add("api", f"Cache miss for {s}:%s, loading from database", ("hex12",), sev="DEBUG", area="cache",
            func=f"get_{s}")
        for op in ("SELECT", "INSERT", "UPDATE"):
            add(rng.pick(["api", "worker"]), f"SQL {op} {pl} rows=%d took %dms", ("n_small", "ms"), sev="DEBUG",
                area="db", func=f"{op.lower()}_{pl}")
        for ev in ("created", "updated", "deleted"):
            add(rng.pick(["api", "worker"]), f"Published {s}.{ev} event %s to projects/{P}/topics/{s.replace('_', '-')}-events",
                ("uuid",), area="events", func=f"publish_{ev}")
        add("api", f"{pl.replace('_', ' ').capitalize()} search q=\"%s\" returned %d hits in %dms",
            ("hex8", "n_small", "ms"), func=f"search_{pl}")
        add("api", f"Validated {s} payload (%d bytes) against schema {s}.v%d", ("n_med", "page"),
            sev="DEBUG", func=f"validate_{s}")
        add("worker", f"Processed %d {pl} from subscription {s.replace('_', '-')}-events-sub in %dms",
            ("n_small", "ms"), area="consumers", func=f"consume_{s}")
        add("worker", f"Reindexed %d {pl} for {rng.pick(scopes)} %s in %.2fs", ("n_med", "hex12", "sec"),
            area="jobs", func=f"reindex_{pl}")
    jobs = [f"rollup_{w.nouns[0][1]}", "purge_expired_sessions", f"reconcile_{w.nouns[1][1]}",
            "refresh_materialized_views", f"sync_{w.upstreams[2][0]}", "compact_audit_log",
            "send_digest_emails", f"recompute_{w.nouns[2][0]}_stats", "rotate_api_keys", "vacuum_temp_files"]
    for j in jobs:
        add("worker", f"Scheduled job {j} started (run_id=%s)", ("uuid",), area="jobs", func=j)
        add("worker", f"Scheduled job {j} completed in %.2fs: %d rows affected", ("sec", "n_med"), area="jobs",
            func=j)
    for q in ("default", "exports", "emails", "webhooks", "thumbnails"):
        add("worker", f"Queue {q} heartbeat: depth=%d in_flight=%d oldest=%dms", ("n_small", "n_small", "ms"),
            area="queues", func="heartbeat")
    for (vendor, host, what, mod) in w.upstreams:
        for path in ("/v1/" + mod, "/v2/" + mod + "/batch", "/v1/status"):
            add(rng.pick(["api", "worker"]), f"POST https://{host}{path} -> 200 in %dms", ("ms_big",),
                area="integrations", func=f"call_{vendor}")
        add("api", f"{vendor} client pool: %d idle, %d active connections", ("n_small", "n_small"),
            sev="DEBUG", area="integrations", func=f"{vendor}_pool")
    acts = ["logged in via google", "logged in via password", "logged out", "changed password", "enabled 2FA",
            "updated notification preferences", "accepted invitation", "downloaded invoice", "exported data"]
    for a in acts:
        add(rng.pick(["api", "auth"]) if w.auth else "api", f"User %s {a}", ("email",), area="auth",
            func="audit_" + a.split()[0])
    for ch, tmpl in (("email", "welcome"), ("email", "weekly_digest"), ("email", "password_reset"),
                     ("sms", "otp"), ("push", "reminder"), ("email", "invoice_ready")):
        add("worker", f"Notification {ch} sent to %s (template={tmpl})", ("email",), area="notifications",
            func=f"send_{ch}")
    for flag in ("new_checkout", "bulk_export_v2", "smart_search", "beta_dashboard", "async_uploads"):
        add("api", f"Feature flag {flag}=%s for tenant %s", ("bool", "tenant"), sev="DEBUG", area="flags",
            func="evaluate")
    add("api", "Rate limiter: %d requests throttled for tenant %s", ("n_small", "tenant"), area="middleware",
        func="throttle")
    add("api", "Health check OK: postgres=%dms redis=%dms", ("ms", "ms"), area="health", func="health")
    add("worker", "Metrics flushed: %d series to Cloud Monitoring", ("n_med",), area="telemetry", func="flush")
    add("worker", f"Uploaded %s.pdf (%d KB) to gs://{w.bucket}/%s", ("hex8", "kb", "uuid"), area="storage",
        func="upload")
    add("api", "Request %s authorized for scope read:%s", ("uuid", "hex8"), sev="DEBUG", area="auth",
        func="authorize")
    add("api", "Webhook from %s verified (signature v1, %d bytes)", ("ip", "n_med"), area="webhooks",
        func="verify")
    for route in ("/", f"/{w.nouns[0][1]}", f"/{w.nouns[1][1]}/:id", "/settings", "/billing", "/login"):
        add("web", f"Rendered page {route} in %dms", ("ms",), channel="text", func="render")
        add("web", f"Proxy GET /api/v1{route if route != '/' else '/me'} -> 200 in %dms", ("ms",), channel="text",
            func="proxy")
    add("web", "Session %s refreshed for %s", ("hex16", "email"), func="session")
    add("web", "GraphQL query %s resolved in %dms (%d fields)", ("hex8", "ms", "n_small"), func="graphql")
    add("web", "SSR cache hit ratio %.2f over last 60s", ("ratio",), func="ssr_cache")
    for ev in ("token issued", "token refreshed", "token revoked", "jwks served", "session created",
               "oauth callback processed", "mfa challenge passed"):
        add("auth", f"Auth {ev} for subject %s in %dms", ("uuid", "ms"), func=ev.replace(" ", "_"))
    add("auth", "Signing key %s loaded from Secret Manager", ("hex8",), func="load_key")
    return out


# =============================================================================================
# output
# =============================================================================================


class TimeFmt:
    def __init__(self):
        self.cache = {}
        self.cache_g = {}

    def iso(self, us: int) -> str:
        sec = us // 1_000_000
        p = self.cache.get(sec)
        if p is None:
            if len(self.cache) > 4096:
                self.cache.clear()
            p = self.cache[sec] = time.strftime("%Y-%m-%dT%H:%M:%S.", time.gmtime(sec))
        return "%s%06dZ" % (p, us - sec * 1_000_000)

    def gunicorn(self, us: int) -> str:
        sec = us // 1_000_000
        p = self.cache_g.get(sec)
        if p is None:
            if len(self.cache_g) > 4096:
                self.cache_g.clear()
            p = self.cache_g[sec] = time.strftime("[%Y-%m-%d %H:%M:%S +0000]", time.gmtime(sec))
        return p

    def pylog(self, us: int) -> str:
        sec, frac = divmod(us, 1_000_000)
        return time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(sec)) + ",%03d" % (frac // 1000)


class Writer:
    def __init__(self, path, style="gcloud", gz=False, jsonl=False, level=6):
        if gz:  # mtime=0 and no file name in the header: byte-identical output for the same inputs
            self._raw = open(path, "wb")
            self.f = gzip.GzipFile(filename="", mode="wb", compresslevel=level, fileobj=self._raw, mtime=0)
        else:
            self._raw = None
            self.f = open(path, "wb", buffering=1 << 20)
        self.style, self.jsonl, self.n = style, jsonl, 0
        if _orjson is not None:
            opt = _orjson.OPT_SORT_KEYS
            if style == "gcloud" and not jsonl:
                opt |= _orjson.OPT_INDENT_2
            self._dumps = lambda d, _o=opt, _d=_orjson.dumps: _d(d, option=_o)
        elif style == "gcloud" and not jsonl:
            self._dumps = lambda d: json.dumps(d, indent=2, sort_keys=True).encode()
        else:
            self._dumps = lambda d: json.dumps(d, sort_keys=True, separators=(",", ":")).encode()
        if not jsonl:
            self.f.write(b"[\n")

    def write(self, batch):
        if not batch:
            return
        dumps = self._dumps
        if self.jsonl:
            self.f.write(b"\n".join(dumps(d) for _, d in batch) + b"\n")
        elif self.style == "gcloud":
            # one call per batch: dumps([...]) with 2-space indent is exactly gcloud's layout
            body = dumps([d for _, d in batch])[2:-2]
            self.f.write((b",\n" if self.n else b"") + body)
        else:
            body = b",\n".join(dumps(d) for _, d in batch)
            self.f.write((b",\n" if self.n else b"") + body)
        self.n += len(batch)

    def close(self):
        if not self.jsonl:
            self.f.write(b"\n]\n" if self.n else b"]\n")
        self.f.close()
        if self._raw is not None:
            self._raw.close()


# =============================================================================================
# processes (walked newest -> oldest)
# =============================================================================================


class Proc:
    """Poisson process over [lo, hi) seconds; rate_fn(t) <= rmax (thinning) or constant rmax.

    Rates are per second before scaling; ``scaled`` processes get multiplied by the traffic scale
    that makes the whole window hold ~N entries. ``lines`` = mean entries per event (for the
    calibration), or a callable lines(t).
    """

    def __init__(self, name, emit, rmax, rate_fn=None, lo=0.0, hi=3600.0, lines=1.0, scaled=True):
        self.name, self.emit, self.rmax, self.rate_fn = name, emit, rmax, rate_fn
        self.lo, self.hi, self.lines, self.scaled = lo, hi, lines, scaled
        self.mult = 1.0
        self.next = None

    def expected(self, steps=720):
        dt = (self.hi - self.lo) / steps
        if dt <= 0:
            return 0.0
        tot = 0.0
        for k in range(steps):
            t = self.lo + (k + 0.5) * dt
            r = self.rate_fn(t) if self.rate_fn else self.rmax
            ln = self.lines(t) if callable(self.lines) else self.lines
            tot += r * ln * dt
        return tot * self.mult

    def start(self, rng):
        self.lam = self.rmax * self.mult
        self.next = self.hi - (rng.expovariate(self.lam) if self.lam > 0 else INF)

    def fill(self, a, rng):
        t = self.next
        lo, fn, rmax, emit, lam = self.lo, self.rate_fn, self.rmax, self.emit, self.lam
        if lam <= 0:
            return
        while t >= a:
            if t < lo:
                t = -INF
                break
            if fn is None or rng.random() * rmax < fn(t):
                emit(t)
            t -= rng.expovariate(lam)
        self.next = t


class Periodic:
    """Events every `period` s (+-jitter) in [lo, hi); fixed count regardless of N."""

    def __init__(self, name, emit, period, rng: Rng, lo=0.0, hi=3600.0, jitter=0.15, lines=1.0, phase=None):
        self.name, self.emit, self.lines = name, emit, lines
        t = lo + (phase if phase is not None else rng.uniform(0, period))
        times = []
        while t < hi:
            times.append(t)
            t += period * (1 + rng.uniform(-jitter, jitter))
        self.times = times[::-1]
        self.i = 0
        self.scaled = False
        self.mult = 1.0

    def expected(self):
        return len(self.times) * self.lines

    def start(self, rng):
        pass

    def fill(self, a, rng):
        times, i = self.times, self.i
        while i < len(times) and times[i] >= a:
            self.emit(times[i])
            i += 1
        self.i = i


class Episodes:
    """Explicit (anchor, fn) events; fn(anchor) emits entries at times <= anchor."""

    def __init__(self, name="episodes"):
        self.name = name
        self.items = []
        self.scaled = False
        self.mult = 1.0
        self._lines = 0.0

    def add(self, anchor, fn, lines=1.0):
        self.items.append((anchor, len(self.items), fn))
        self._lines += lines

    def expected(self):
        return self._lines

    def start(self, rng):
        self.items.sort(key=lambda x: (-x[0], x[1]))
        self.i = 0

    def fill(self, a, rng):
        items, i = self.items, self.i
        while i < len(items) and items[i][0] >= a:
            items[i][2](items[i][0])
            i += 1
        self.i = i


# =============================================================================================
# the generator: entry builders shared by all scenarios
# =============================================================================================


class Gen:
    def __init__(self, w: World, rng: Rng, base_us: int, duration: float):
        self.w, self.rng, self.base_us, self.duration = w, rng, base_us, duration
        self.tf = TimeFmt()
        self.out = []
        self.trace_prefix = f"projects/{w.project}/traces/"
        self.fill = _fillers(w, rng)
        self.grb = rng.getrandbits
        self.iso = self.tf.iso
        self.ip_pool = [rng.ip() for _ in range(4096)]  # clients repeat, like real traffic
        self.server_ips = [f"169.254.{rng.randrange(1, 8)}.{rng.randrange(1, 254)}" for _ in range(256)]
        self.lat_fmt = "%%.%dfs" % w.latency_digits

    # -- primitives -----------------------------------------------------------------------
    def _pair(self, us, delay):
        """(timestamp, receiveTimestamp) strings; inlined second-prefix cache (hot path)."""
        sec = us // 1_000_000
        cache = self.tf.cache
        p = cache.get(sec)
        if p is None:
            p = self.iso(us)[:20]
        rus = us + delay
        rsec = rus // 1_000_000
        if rsec == sec:
            return "%s%06dZ" % (p, us - sec * 1_000_000), "%s%06dZ" % (p, rus - sec * 1_000_000)
        return "%s%06dZ" % (p, us - sec * 1_000_000), self.iso(rus)

    def _entry(self, t, svc, inst, stream, sev, trace=None):
        us = self.base_us + int(t * 1_000_000)
        grb = self.grb
        ts, rts = self._pair(us, 4000 + grb(20))
        d = {
            "insertId": "%016x" % grb(64),
            "labels": inst.labels,
            "logName": svc.lognames[stream],
            "receiveTimestamp": rts,
            "resource": inst.res,
            "severity": sev,
            "timestamp": ts,
        }
        if trace is True:
            trace = "%032x" % grb(128)
        if trace:
            d["spanId"] = "%016x" % grb(64)
            d["trace"] = self.trace_prefix + trace
            d["traceSampled"] = False
        self.out.append((us, d))
        return d

    def text(self, t, svc, inst, stream, sev, msg, trace=None):
        d = self._entry(t, svc, inst, stream, sev, trace)
        d["textPayload"] = msg
        return d

    def app(self, t, svc, inst, sev, msg, module=None, func="handle", line=None, error=None, trace=None,
            channel=None, stream=None):
        """One application log line, structured (jsonPayload) or text depending on `channel`."""
        if channel is None:
            channel = "text"
        if channel == "json":
            d = self._entry(t, svc, inst, "stdout", sev, trace)
            jp = {"labels": {"function": func, "line": str(line or 100),
                             "module": module or f"{svc.pkg}.app.main"},
                  "message": msg, "severity": sev}
            if error:
                jp["error"] = {"type": error[0], "value": error[1]}
            d["jsonPayload"] = jp
            return d
        if svc.log_format == "pylog" and not msg.startswith(("[", "Traceback", "  ", "INFO:", "ERROR:")):
            us = self.base_us + int(t * 1_000_000)
            msg = f"{self.tf.pylog(us)} {sev} [{module or svc.pkg}] {msg}"
        return self.text(t, svc, inst, stream or ("stderr" if sev in ("ERROR", "CRITICAL", "WARNING") else "stdout"),
                         sev, msg, trace)

    def system(self, t, svc, inst, sev, msg):
        return self.text(t, svc, inst, "varlog/system", sev, msg)

    def measure(self, fn, *args):
        """Entries fn(*args) would write (dry run, output discarded; consumes stream randomness)."""
        saved = self.out
        self.out = []
        try:
            fn(*args)
            return len(self.out)
        finally:
            self.out = saved

    def concrete(self, ep: Endpoint) -> str:
        """The endpoint's path with its placeholders filled (query string included)."""
        path = ep.path
        if "{" in path:
            rng = self.rng
            path = path.replace("{id}", rng.uuid()).replace("{id2}", rng.hex(12)) \
                .replace("{page}", str(1 + int(rng.random() * 8))).replace("{q}", rng.hex(6)) \
                .replace("{hex}", rng.hex(8))
        return path

    def request(self, t, svc, inst, ep: Endpoint, status, latency, text=None, trace=True, remote_ip=None,
                ua=None, resp_size=None, path=None):
        rng = self.rng
        rnd = rng.random
        sev = "INFO" if status < 400 else ("WARNING" if status < 500 else "ERROR")
        us = self.base_us + int(t * 1_000_000)
        grb = self.grb
        ts, rts = self._pair(us, 4000 + grb(18))
        if path is None:
            path = self.concrete(ep)
        if ua is None:
            ua = ep.ua or USER_AGENTS[int(rnd() * len(USER_AGENTS))]
        if resp_size is None:
            resp_size = int(ep.resp[1] * (0.3 + 1.3 * rnd())) if status < 400 else 40 + int(rnd() * 360)
        d = {
            "httpRequest": {
                "latency": self.lat_fmt % (latency if latency > 0.000041 else 0.000041),
                "protocol": "HTTP/1.1",
                "remoteIp": remote_ip or self.ip_pool[grb(12)],
                "requestMethod": ep.method,
                "requestSize": str((180 + int(rnd() * 2800)) if ep.method in ("GET", "DELETE") else (400 + int(rnd() * 8600))),
                "requestUrl": ep.base_url + path,
                "responseSize": str(resp_size),
                "serverIp": self.server_ips[grb(8)],
                "status": status,
                "userAgent": ua,
            },
            "insertId": "%012x" % grb(48),
            "labels": inst.labels,
            "logName": svc.lognames["requests"],
            "receiveTimestamp": rts,
            "resource": inst.res,
            "severity": sev,
            "timestamp": ts,
        }
        if trace is True:
            trace = "%032x" % grb(128)
        if trace:
            d["spanId"] = "%016x" % grb(64)
            d["trace"] = self.trace_prefix + trace
            d["traceSampled"] = False
        if text:
            d["textPayload"] = text
        self.out.append((us, d))
        return d

    def lines(self, t, svc, inst, lines, sev="ERROR", stream="stderr", trace=None, step=0.00004):
        """Split a multi-line message into one entry per line (how Cloud Run shows unflushed stderr)."""
        rng = self.rng
        n = len(lines)
        t0 = t - n * step
        for k, ln in enumerate(lines):
            if ln == "":
                continue
            self.text(t0 + k * step + rng.random() * step * 0.5, svc, inst, stream, sev, ln, trace)
        return t0

    def traceback(self, t, svc, inst, lines, style=None, sev="ERROR", header=None, trace=None):
        """Emit a traceback ending at t; `lines` is the full traceback (list). Returns start time."""
        style = style or svc.tb_style
        if header:
            lines = [header] + list(lines)
        if style == "split":
            return self.lines(t, svc, inst, lines, sev=sev, trace=trace)
        self.text(t, svc, inst, "stderr", sev, "\n".join(lines), trace)
        return t

    def audit(self, t, resource, method, service_name, resource_name, principal, extra=None, sev="NOTICE"):
        us = self.base_us + int(t * 1_000_000)
        rng = self.rng
        pp = {
            "@type": "type.googleapis.com/google.cloud.audit.AuditLog",
            "authenticationInfo": {"principalEmail": principal},
            "authorizationInfo": [{"granted": True, "permission": _perm_for(method), "resource": resource_name,
                                   "resourceAttributes": {}}],
            "methodName": method,
            "requestMetadata": {"callerIp": rng.ip(),
                                "callerSuppliedUserAgent": rng.pick([
                                    "google-cloud-sdk gcloud/543.0.0 command/gcloud.run.deploy invocation-id/" + rng.hex(32) + " environment/GCE environment-version/None client-os/LINUX client-os-ver/6.8.0 client-pltf-arch/x86_64 interactive/False from-script/True python/3.12.3 term/ (Linux 6.8.0-1021-gcp),gzip(gfe)",
                                    "Terraform/1.9.8 (+https://www.terraform.io) Terraform-Plugin-SDK/2.33.0 terraform-provider-google/6.12.0,gzip(gfe)",
                                ]),
                                "destinationAttributes": {}, "requestAttributes": {"auth": {}, "time": self.tf.iso(us)}},
            "resourceLocation": {"currentLocations": [self.w.region]},
            "resourceName": resource_name,
            "serviceName": service_name,
        }
        if extra:
            pp.update(extra)
        d = {
            "insertId": "-" + rng.hex(12),
            "logName": f"projects/{self.w.project}/logs/cloudaudit.googleapis.com%2Factivity",
            "protoPayload": pp,
            "receiveTimestamp": self.tf.iso(us + 200000 + rng.getrandbits(19)),
            "resource": resource,
            "severity": sev,
            "timestamp": self.tf.iso(us),
        }
        self.out.append((us, d))
        return d

    # -- composite helpers ----------------------------------------------------------------
    def server_prefix(self, svc, t, pid):
        us = self.base_us + int(t * 1_000_000)
        return f"{self.tf.gunicorn(us)} [{pid}]"

    def startup(self, t, svc, inst, reason=None, warnings=(), app_lines=(), fail=None):
        """Instance start at t. `fail` = callable(t, pid) -> (t_end, exit_code) emitting the failure.

        Returns the time of the last entry."""
        rng = self.rng
        reason = reason or inst.reason
        self.system(t, svc, inst, "INFO", f"Starting new instance. Reason: {STARTING_REASONS[reason]}")
        t += rng.uniform(0.2, 0.6)
        pid = svc.workers_pid
        if svc.server == "gunicorn":
            for k, ln in enumerate([f"[1] [INFO] Starting gunicorn 23.0.0",
                                    f"[1] [INFO] Listening at: http://0.0.0.0:8080 (1)",
                                    f"[1] [INFO] Using worker: uvicorn.workers.UvicornWorker",
                                    f"[{pid}] [INFO] Booting worker with pid: {pid}"]):
                us = self.base_us + int((t + k * 0.01) * 1_000_000)
                self.text(t + k * 0.01, svc, inst, "stderr", "INFO", f"{self.tf.gunicorn(us)} {ln}")
            t += 0.6 + rng.random() * 0.4
            us = self.base_us + int(t * 1_000_000)
            self.text(t, svc, inst, "stderr", "INFO", f"{self.tf.gunicorn(us)} [{pid}] [INFO] Started server process [{pid}]")
            self.text(t + 0.001, svc, inst, "stderr", "INFO", f"{self.tf.gunicorn(us)} [{pid}] [INFO] Waiting for application startup.")
        else:
            self.text(t, svc, inst, "stderr", "INFO", "INFO:     Started server process [1]")
            self.text(t + 0.001, svc, inst, "stderr", "INFO", "INFO:     Waiting for application startup.")
        t += 0.05
        self.app(t, svc, inst, "INFO", f"Environment detected: {self.w.env_label}", func="detect_environment",
                 module=f"{svc.pkg}.core.config")
        t += 0.02 + rng.random() * 0.05
        for wfn in warnings:
            wfn(t, svc, inst)
            t += 0.01 + rng.random() * 0.05
        for ln in app_lines:
            self.app(t, svc, inst, "INFO", ln, func="startup", module=f"{svc.pkg}.main")
            t += 0.02 + rng.random() * 0.3
        if fail is not None:
            return fail(t, pid)
        if svc.role in ("api", "worker"):
            self.app(t, svc, inst, "INFO",
                     f"Connected to Cloud SQL instance {self.w.sql_instance} (pool_size=5, max_overflow=10)",
                     func="init_db", module=f"{svc.pkg}.db.session")
            t += 0.05 + rng.random() * 0.4
        us = self.base_us + int(t * 1_000_000)
        if svc.server == "gunicorn":
            self.text(t, svc, inst, "stderr", "INFO", f"{self.tf.gunicorn(us)} [{pid}] [INFO] Application startup complete.")
        else:
            self.text(t, svc, inst, "stderr", "INFO", "INFO:     Application startup complete.")
            self.text(t + 0.002, svc, inst, "stderr", "INFO",
                      "INFO:     Uvicorn running on http://0.0.0.0:8080 (Press CTRL+C to quit)")
        return t

    def boot_failure(self, t, svc, inst, pid, tb_lines, exit_code=3, during="lifespan"):
        """Server lines after a startup exception; returns time of 'Container called exit'."""
        rng = self.rng
        if svc.server == "gunicorn":
            if during == "import":
                us = self.base_us + int(t * 1_000_000)
                self.text(t, svc, inst, "stderr", "ERROR", f"{self.tf.gunicorn(us)} [{pid}] [ERROR] Exception in worker process")
                t = self.traceback(t + 0.002 + 0.00004 * len(tb_lines), svc, inst, tb_lines) + 0.00004 * len(tb_lines) + 0.01
            else:
                t = self.traceback(t + 0.00004 * len(tb_lines), svc, inst, tb_lines) + 0.00004 * len(tb_lines) + 0.01
                us = self.base_us + int(t * 1_000_000)
                self.text(t, svc, inst, "stderr", "ERROR", f"{self.tf.gunicorn(us)} [{pid}] [ERROR] Application startup failed. Exiting.")
            t += 0.04
            us = self.base_us + int(t * 1_000_000)
            g = self.tf.gunicorn(us)
            self.text(t, svc, inst, "stderr", "INFO", f"{g} [{pid}] [INFO] Worker exiting (pid: {pid})")
            t += 0.3 + rng.random() * 0.2
            us = self.base_us + int(t * 1_000_000)
            g = self.tf.gunicorn(us)
            self.text(t, svc, inst, "stderr", "ERROR", f"{g} [1] [ERROR] Worker (pid:{pid}) exited with code 3")
            self.text(t + 0.01, svc, inst, "stderr", "ERROR", f"{g} [1] [ERROR] Shutting down: Master")
            self.text(t + 0.02, svc, inst, "stderr", "ERROR", f"{g} [1] [ERROR] Reason: Worker failed to boot.")
            t += 0.03
            exit_code = 3
        else:
            t = self.traceback(t + 0.00004 * len(tb_lines), svc, inst, ["ERROR:    " + tb_lines[0]] + list(tb_lines[1:]))
            t += 0.00004 * len(tb_lines) + 0.01
            self.text(t, svc, inst, "stderr", "ERROR", "ERROR:    Application startup failed. Exiting.")
            t += 0.02
        t += 0.3 + rng.random() * 0.3
        self.system(t, svc, inst, "WARNING", f"Container called exit({exit_code}).")
        if rng.random() < 0.7:
            t += 0.4 + rng.random() * 0.8
            self.system(t, svc, inst, "ERROR",
                        f'Default STARTUP TCP probe failed 1 time consecutively for container "{svc.container}" on port 8080. The instance was not started.')
        return t


STARTING_REASONS = {
    "AUTOSCALING": "AUTOSCALING - Instance started due to configured scaling factors (e.g. CPU utilization, request throughput, etc.) or no existing capacity for current traffic.",
    "DEPLOYMENT": "DEPLOYMENT - Instance started due to traffic shifting between revisions.",
    "MIN_INSTANCES": "MANUAL_OR_CUSTOMER_MIN_INSTANCE - Instance started because of customer-configured min-instances or manual scaling.",
}

COULD_NOT_START = "The request failed because the instance could not start successfully."
MALFORMED = ("The request failed because either the HTTP response was malformed or connection to the instance "
             "had an error. Additional troubleshooting documentation can be found at: "
             "https://cloud.google.com/run/docs/troubleshooting#malformed-response-or-connection-error")
NO_INSTANCE = ("The request was aborted because there was no available instance. Additional troubleshooting "
               "documentation can be found at: https://cloud.google.com/run/docs/troubleshooting#abort-request")


def _perm_for(method):
    if "Service" in method and "run" in method:
        return "run.services.update"
    if "SetIamPolicy" in method:
        return "resourcemanager.projects.setIamPolicy"
    if "Secret" in method:
        return "secretmanager.versions.disable"
    return "unknown"


def site(pkg_path, line, func, code=None, caret=False):
    out = [f'  File "/usr/local/lib/python3.11/site-packages/{pkg_path}", line {line}, in {func}']
    if code:
        out.append(f"    {code}")
        if caret:
            out.append("    " + " " * (len(code) - len(code.lstrip())) + "^" * min(len(code.strip()), 40))
    return out


def appf(pkg, rel, line, func, code):
    return [f'  File "/app/{pkg.replace(".", "/")}/{rel}", line {line}, in {func}', f"    {code}"]


# =============================================================================================
# distractors (real, recurring, unrelated; present before any onset)
# =============================================================================================


class Distractors:
    """Per-world pool of steady noise; `truth` lists the evidence strings of those that are on."""

    def __init__(self, w: World, rng: Rng, scenario: str):
        self.w = w
        self.startup = []  # fn(t, svc, inst) during instance startup
        self.periodic = []  # (name, role, period_s, fn(t), lines)
        self.poisson = []  # (name, rate_per_s_at_scale1, fn(t), lines)
        self.truth = []
        P = w.project
        api, worker = w.api, w.worker

        startup_pool = [
            ("Sentry DSN not configured; error reporting disabled", "Sentry DSN not configured", "json"),
            ("OpenTelemetry exporter endpoint not set; traces will not be exported",
             "OpenTelemetry exporter endpoint not set", "json"),
            (f"SERVICE_VERSION contained whitespace - sanitized from '{w.ver}\\n' to '{w.ver}'",
             "SERVICE_VERSION contained whitespace", "text"),
            (f"GOOGLE_CLOUD_REGION not set, defaulting to {w.region}", "GOOGLE_CLOUD_REGION not set", "text"),
            ("/usr/local/lib/python3.11/site-packages/google/rpc/__init__.py:18: UserWarning: pkg_resources is deprecated as an API. See https://setuptools.pypa.io/en/latest/pkg_resources.html. The pkg_resources package is slated for removal as early as 2025-11-30. Refrain from using this package or pin to Setuptools<81.",
             "pkg_resources is deprecated as an API", "stderr"),
            ("Cloud Profiler disabled: PROFILER_ENABLED is not 'true'", "Cloud Profiler disabled", "json"),
        ]
        rng.shuffle(startup_pool)
        for msg, ev, ch in startup_pool[:2]:
            def fn(t, svc, inst, msg=msg, ch=ch):
                if ch == "stderr":
                    self.g.text(t, svc, inst, "stderr", "WARNING", msg)
                else:
                    self.g.app(t, svc, inst, "WARNING", msg, module=f"{svc.pkg}.core.observability",
                               func="init_telemetry", line=41, channel=ch, stream="stderr")
            self.startup.append(fn)
            self.truth.append(ev)

        up_flags = f"flags.{w.domain}"
        tb_style1 = rng.pick(["single", "split"])
        tb_style2 = "split" if tb_style1 == "single" else "single"
        periodic_pool = [
            ("flags", "ERROR", 300, "Failed to refresh feature flags cache",
             lambda t, svc, inst: self.g.app(t, svc, inst, "ERROR",
                                             f"Failed to refresh feature flags cache: ReadTimeout after 5.0s (https://{up_flags}/v1/flags); serving stale flags (age={self.g.rng.randrange(300, 3900)}s)",
                                             module=f"{svc.pkg}.flags.client", func="refresh", line=88,
                                             channel="json", error=("ReadTimeout", "timed out"))),
            ("crm-sync", "ERROR", 420, "Unhandled exception in background task sync_crm_contacts",
             lambda t, svc, inst: self.g.traceback(t, svc, inst,
                                                   ["Traceback (most recent call last):"]
                                                   + site("starlette/background.py", 43, "__call__", "await task()")
                                                   + appf(svc.pkg, "jobs/crm_sync.py", 142, "sync_crm_contacts",
                                                          "external_id = record['external_id']")
                                                   + ["KeyError: 'external_id'"],
                                                   style=tb_style1,
                                                   header="Unhandled exception in background task sync_crm_contacts")),
            ("metrics", "WARNING", 240, "Retrying metrics export to Cloud Monitoring",
             lambda t, svc, inst: self.g.app(t, svc, inst, "WARNING",
                                             "Retrying metrics export to Cloud Monitoring (attempt 2/5): 503 The service is currently unavailable.",
                                             module=f"{svc.pkg}.telemetry.exporter", func="export", line=203)),
            ("webhook", "ERROR", 360, f"Webhook delivery to https://hooks.{w.customer}.com",
             lambda t, svc, inst: self.g.app(t, svc, inst, "ERROR",
                                             f"Webhook delivery to https://hooks.{w.customer}.com/{w.product}/events failed: 410 Gone (giving up after 5 attempts, event={self.g.rng.uuid()})",
                                             module=f"{svc.pkg}.webhooks.dispatcher", func="deliver", line=311,
                                             channel="json")),
            ("fx", "ERROR", 600, "Exchange rate refresh failed",
             lambda t, svc, inst: self.g.traceback(t, svc, inst,
                                                   ["Traceback (most recent call last):"]
                                                   + site("httpx/_transports/default.py", 101, "map_httpcore_exceptions", "yield")
                                                   + site("httpx/_transports/default.py", 394, "handle_async_request",
                                                          "resp = await self._pool.handle_async_request(req)")
                                                   + ["httpx.ReadTimeout: timed out"],
                                                   style=tb_style2, header=f"Exchange rate refresh failed for base currency {self.g.rng.pick(['USD', 'EUR', 'GBP'])}")),
            ("deprecated", "WARNING", 150, "Deprecated API version v1beta used by client",
             lambda t, svc, inst: self.g.app(t, svc, inst, "WARNING",
                                             f"Deprecated API version v1beta used by client {self.g.rng.hex(8)} (User-Agent: {self.g.rng.pick(USER_AGENTS[5:])})",
                                             module=f"{svc.pkg}.middleware.versioning", func="dispatch", line=57)),
        ]
        rng.shuffle(periodic_pool)
        # one recurring ERROR traceback distractor always (folded or split), plus two others
        tbs = [p for p in periodic_pool if p[0] in ("crm-sync", "fx")]
        others = [p for p in periodic_pool if p[0] not in ("crm-sync", "fx")]
        chosen = [tbs[0]] + others[:2]
        for name, sev, period, ev, fn in chosen:
            role = rng.pick([api, worker]) if name != "flags" else None
            nl = 1 if name not in ("fx", "crm-sync") else (7 if (tb_style2 if name == "fx" else tb_style1) == "split" else 1)
            self.periodic.append((name, role, period * rng.uniform(0.8, 1.25), fn, nl))
            self.truth.append(ev)

        # a handled, retried error whose traceback is folded in one textPayload (WARNING, steady)
        def pubsub_retry(t, svc, inst):
            self.g.text(t, svc, inst, "stderr", "WARNING", "\n".join(
                [f"Transient error publishing to projects/{P}/topics/{w.nouns[0][0].replace('_', '-')}-events; retrying in 2.0s",
                 "Traceback (most recent call last):"]
                + site("google/api_core/grpc_helpers.py", 76, "error_remapped_callable", "return callable_(*args, **kwargs)")
                + site("grpc/_channel.py", 1181, "__call__", "return _end_unary_response_blocking(state, call, False, None)")
                + ["google.api_core.exceptions.ServiceUnavailable: 503 The service was unable to fulfill your request. Please try again. [code=8a75]"]))
        self.periodic.append(("pubsub-retry", worker, 480 * rng.uniform(0.8, 1.2), pubsub_retry, 1))
        self.truth.append("Transient error publishing to")

        # scenario-flavoured adversarial distractor (looks related, is not)
        adv = {
            "expired-cert": ("InsecureRequestWarning: Unverified HTTPS request is being made to host 'metadata.google.internal'",
                             "Unverified HTTPS request is being made", "WARNING", 1 / 90.0),
            "oom": ("Memory usage high: 81% of limit", "Memory usage high", "WARNING", 1 / 150.0),
            "rate-limit": ("Rate limit exceeded for API key", "Rate limit exceeded for API key", "WARNING", 1 / 60.0),
            "connection-refused": ("Connection reset by peer", "Connection reset by peer", "WARNING", 1 / 80.0),
            "permission-denied": ("Access denied: user lacks role", "Access denied: user", "WARNING", 1 / 70.0),
            "pool-exhaustion": ("Redis connection pool", "Redis connection pool", "WARNING", 1 / 200.0),
            "disk-full": ("Log buffer flush slow", "Log buffer flush slow", "WARNING", 1 / 200.0),
            "secret-disabled": ("Config key", "LEGACY_EXPORT_FORMAT is deprecated", "WARNING", 1 / 240.0),
            "bad-config": ("Config key", "LEGACY_EXPORT_FORMAT is deprecated", "WARNING", 1 / 240.0),
            "healthy": ("Slow request", "Slow request:", "WARNING", 1 / 60.0),
        }.get(scenario)
        if adv:
            kind, ev, sev, rate = adv
            self.poisson.append((kind, rate, self._adv_fn(kind), 1))
            self.truth.append(ev)
        self.g = None

    def _adv_fn(self, kind):
        w = self.w

        def fn(t):
            g = self.g
            r = g.rng
            svc = w.api
            inst = r.pick(svc.alive(t))
            if kind.startswith("InsecureRequestWarning"):
                g.text(t, svc, inst, "stderr", "WARNING",
                       "/usr/local/lib/python3.11/site-packages/urllib3/connectionpool.py:1097: InsecureRequestWarning: Unverified HTTPS request is being made to host 'metadata.google.internal'. Adding certificate verification is strongly advised. See: https://urllib3.readthedocs.io/en/latest/advanced-usage.html#tls-warnings")
            elif kind.startswith("Memory usage high"):
                s2 = w.web
                g.app(t, s2, r.pick(s2.alive(t)), "WARNING",
                      f"Memory usage high: {r.randrange(76, 88)}% of limit ({s2.memory_mib} MiB) after SSR cache warmup",
                      module=f"{s2.pkg}.ssr.cache", func="report_usage", line=77)
            elif kind.startswith("Rate limit exceeded for API key"):
                g.app(t, svc, inst, "WARNING",
                      f"Rate limit exceeded for API key ak_{r.hex(6)}... (tenant {r.pick(['t-311', 't-802', 't-119'])}): 120 req/min; responding 429",
                      module=f"{svc.pkg}.middleware.ratelimit", func="dispatch", line=64, channel="json")
            elif kind.startswith("Connection reset by peer"):
                g.app(t, svc, inst, "WARNING",
                      f"Client {r.ip()} disconnected during streaming response: ConnectionResetError: [Errno 104] Connection reset by peer",
                      module=f"{svc.pkg}.routes.stream", func="stream_events", line=132)
            elif kind.startswith("Access denied"):
                g.app(t, svc, inst, "WARNING",
                      f"Access denied: user {r.uuid()} lacks role editor on workspace {r.hex(10)} (403)",
                      module=f"{svc.pkg}.auth.permissions", func="require_role", line=49, channel="json")
            elif kind.startswith("Redis connection pool"):
                g.app(t, svc, inst, "WARNING",
                      f"Redis connection pool at {r.randrange(80, 95)}% capacity ({r.randrange(40, 48)}/50 connections)",
                      module=f"{svc.pkg}.cache.redis", func="pool_monitor", line=33)
            elif kind.startswith("Log buffer"):
                g.app(t, svc, inst, "WARNING", f"Log buffer flush slow: {r.randrange(1200, 4000)}ms for {r.randrange(200, 900)} records",
                      module=f"{svc.pkg}.core.logging", func="flush", line=120)
            elif kind.startswith("Config key"):
                g.app(t, svc, inst, "WARNING",
                      "Config key LEGACY_EXPORT_FORMAT is deprecated and ignored; use EXPORT_FORMAT",
                      module=f"{svc.pkg}.core.config", func="load_settings", line=212, channel="json")
            elif kind.startswith("Slow request"):
                n = r.pick(w.nouns)[1].replace("_", "-")
                g.app(t, svc, inst, "WARNING", f"Slow request: GET /api/v1/{n} took {r.randrange(2000, 7000)}ms (threshold 2000ms)",
                      module=f"{svc.pkg}.middleware.timing", func="dispatch", line=28)
        return fn


# =============================================================================================
# scenarios
# =============================================================================================


class Scenario:
    name = "healthy"
    category = None
    impacts = ("partial",)

    def __init__(self, w: World, impact=None):
        self.w = w
        self.rng = Rng(f"scenario:{w.seed}:{self.name}")
        rng = self.rng
        self.impact = impact or rng.pick(self.impacts)
        self.t_change = None
        self.t_rc = rng.uniform(900, 1900)  # root cause first seen
        self.t_sym = self.t_rc + rng.uniform(25, 110)  # symptoms begin
        self.t_fix = INF
        self.root_evidence = []
        self.must_mention = []
        self.symptoms = []
        self.title = "Normal traffic hour (no incident)"
        self.setup()

    # hooks --------------------------------------------------------------------------------
    def setup(self):
        pass

    def attach(self, g: Gen):
        """Create incident processes/episodes once `g` exists. Returns list of procs."""
        return []

    def on_request(self, g: Gen, svc, ep, t, inst):
        """Emit a failing request (and its logs) and return True, or return False for normal."""
        return False

    def fail_at_rate(self, g: Gen, svc, ep, t, inst):
        """An `on_request` for scenarios that fail the affected endpoints at rate p_fail(svc, t)."""
        if svc is not self.svc or not self.applies(ep):
            return False
        p = self.p_fail(svc, t)
        if p <= 0 or g.rng.random() >= p:
            return False
        self.emit_failure(g, svc, ep, t, inst)
        return True

    emit_failure = None  # (g, svc, ep, t, inst, force=False): the logs of one failed request

    def guarantee(self, g: Gen):
        """Two forced failures right at the symptom onset, so every symptom shows up even at small N."""
        svc = getattr(self, "svc", None)
        if svc is None or self.emit_failure is None or self.t_sym >= min(self.t_fix, g.duration):
            return []
        eps = [e for e in svc.endpoints if self.applies(e)] or svc.endpoints
        ep = Episodes("guarantee")
        holder = {}

        def fn(t, k):
            if "inst" not in holder:
                holder["inst"] = g.rng.pick(svc.alive(t))
            self.emit_failure(g, svc, eps[k % len(eps)], t, holder["inst"], force=True)
        for k in range(2):
            ep.add(self.t_sym + 0.5 + 7.0 * k, (lambda t, k=k: fn(t, k)), lines=1 + self.extra)
        return [ep]

    extra = 0.0  # extra entries a failed request writes besides its request log (for calibration)
    _share = None

    def applies(self, ep):
        return True

    def p_fail(self, svc, t):
        """Probability that a request to an applicable endpoint of svc fails at t."""
        return 0.0

    def share(self, svc):
        if self._share is None:
            tot = sum(e.weight for e in svc.endpoints)
            self._share = sum(e.weight for e in svc.endpoints if self.applies(e)) / tot
        return self._share

    def fail_lines(self, svc, t):
        """Expected extra entries per request to svc at t (for calibrating the traffic scale)."""
        if svc is not getattr(self, "svc", None):
            return 0.0
        return self.p_fail(svc, t) * self.share(svc) * self.extra

    def priority(self):
        return "none" if self.name == "healthy" else PRIORITY_BY_IMPACT[self.impact]

    def frac(self):
        """Share of affected requests once the incident is in full swing."""
        return {"full": 0.92, "partial": 0.3, "minor": 0.6}[self.impact]

    def ramp(self, t, t0=None, rise=90.0):
        t0 = self.t_sym if t0 is None else t0
        if t < t0 or t >= self.t_fix:
            return 0.0
        return min(1.0, 0.25 + (t - t0) / rise)

    # helpers used by several scenarios ------------------------------------------------------
    def deploy(self, svc, t, rng, new_rev=None, env_change=None, shift_s=(40, 120), old_end=True):
        """New revision rolls out at t: DEPLOYMENT starts for new instances, old ones retire."""
        rev = new_rev or svc.new_revision(rng)
        k = max(2, len([i for i in svc.instances if i.t_end > t]) - rng.randrange(0, 2))
        news = []
        for j in range(k):
            inst = Instance(svc, rng.hex(88), rev, t + 3 + j * rng.uniform(0.5, 4), reason="DEPLOYMENT")
            svc.instances.append(inst)
            news.append(inst)
        if old_end:
            for i in svc.instances:
                if i.rev != rev and i.t_end > t:
                    i.t_end = min(i.t_end, t + rng.uniform(*shift_s))
        self.deploy_info = (svc, t, rev, env_change)
        return rev, news

    def truth(self):
        if self.name == "healthy":
            rc = None
        else:
            rc = {"evidence": list(self.root_evidence), "category": self.category,
                  "must_mention": list(self.must_mention)}
        return {
            "id": None,
            "title": self.title,
            "window": None,
            "root_cause": rc,
            "symptoms": [{"evidence": s} for s in self.symptoms],
            "distractors": None,
            "priority": self.priority(),
        }


class Healthy(Scenario):
    name = "healthy"

    def setup(self):
        self.t_rc = self.t_sym = INF


# ---------------------------------------------------------------------------------------------


class PoolExhaustion(Scenario):
    name = "pool-exhaustion"
    category = "database"
    impacts = ("partial", "minor", "full")

    def setup(self):
        w, rng = self.w, self.rng
        self.svc = w.api
        noun = rng.pick(w.nouns[:4])
        self.table = noun[1]
        self.size, self.overflow = rng.pick([(5, 10), (5, 10), (10, 20), (20, 10)])
        self.msg = (f"QueuePool limit of size {self.size} overflow {self.overflow} reached, connection timed out, "
                    f"timeout 30.00 (Background on this error at: https://sqlalche.me/e/20/3o7r)")
        if self.impact == "minor":  # only endpoints that query the slow table starve (their own) pool
            self.tags = {"report", "export", "search", f"list:{noun[0]}", f"get:{noun[0]}"}
        elif self.impact == "partial":
            self.tags = None
        else:
            self.tags = None
        self.frac_v = {"full": 0.85, "partial": 0.22, "minor": 0.8}[self.impact]
        self.root_evidence = [f"QueuePool limit of size {self.size} overflow {self.overflow} reached",
                              "QueuePool limit", f"Slow query"]
        self.must_mention = ["pool"]
        self.title = (f"{self.svc.name}: SQLAlchemy connection pool exhausted (QueuePool size {self.size} "
                      f"overflow {self.overflow}); slow {self.table} queries hold connections, requests time out "
                      f"after 30s with 500s")
        hdr = "Exception in ASGI application"
        self.sym_header = hdr
        self.symptoms = ([hdr] if self.svc.tb_style == "split" else []) + \
                        ["returned 500 after", f"Upstream {self.svc.name} responded 500"]
        self.t_fix = INF if self.impact != "minor" else self.t_sym + rng.uniform(1500, 2000)
        self.extra = (9 if self.svc.tb_style == "split" else 1) + 1 + 1.1

    def applies(self, ep):
        return ep.db and (self.tags is None or ep.tag in self.tags)

    def p_fail(self, svc, t):
        return self.ramp(t) * self.frac_v

    def tb(self, g, route_func):
        pkg = self.svc.pkg
        return (["Traceback (most recent call last):"]
                + site("sqlalchemy/engine/base.py", 145, "__init__", "self._dbapi_connection = engine.raw_connection()")
                + site("sqlalchemy/pool/base.py", 1264, "_checkout", "fairy = _ConnectionRecord.checkout(pool)")
                + site("sqlalchemy/pool/impl.py", 168, "_do_get", "raise exc.TimeoutError(")
                + ["sqlalchemy.exc.TimeoutError: " + self.msg])

    def attach(self, g):
        w, svc = self.w, self.svc
        procs = []
        # slow queries start first (the cause of the connection hold-ups) -- WARNING, less frequent
        def slow(t):
            inst = g.rng.pick(svc.alive(t))
            g.app(t, svc, inst, "WARNING",
                  f"Slow query ({g.rng.randrange(8000, 29000)} ms): SELECT {self.table}.id, {self.table}.status, "
                  f"{self.table}.payload FROM {self.table} WHERE {self.table}.tenant_id = %(tenant_id_1)s "
                  f"ORDER BY {self.table}.updated_at DESC", module=f"{svc.pkg}.db.instrumentation",
                  func="after_cursor_execute", line=61)
        sq = 1 / 90.0 if self.impact != "minor" else 1 / 300.0
        procs.append(Proc("slow-query", slow, sq, lambda t: sq if self.t_rc - 240 <= t < self.t_fix else 0,
                          lo=0, lines=1.0, scaled=True))
        first_slow = Episodes("first-slow")
        first_slow.add(self.t_rc - 200, slow)
        procs.append(first_slow)
        # background tasks in the same process are first to time out on the pool
        def bg(t):
            inst = g.rng.pick(svc.alive(t))
            g.app(t, svc, inst, "ERROR",
                  f"Background task refresh_{self.table}_counters failed: {self.msg}",
                  module=f"{svc.pkg}.tasks.counters", func=f"refresh_{self.table}_counters", line=77,
                  error=("TimeoutError", self.msg), channel="json")
        ep = Episodes("first")
        ep.add(self.t_rc, bg)
        procs.append(ep)
        bg_rate = 1 / 90.0 if self.impact != "minor" else 1 / 300.0
        procs.append(Proc("bg-timeouts", bg, bg_rate,
                          lambda t: bg_rate if self.t_rc < t < self.t_fix else 0, lines=1.0, scaled=True))
        # pool stats tell the story
        def stats(t):
            inst = g.rng.pick(svc.alive(t))
            busy = self.t_rc - 200 < t < self.t_fix
            co = self.size if busy else g.rng.randrange(0, self.size)
            ov = self.overflow if busy else 0
            g.app(t, svc, inst, "INFO" if not busy else "WARNING",
                  f"Database pool stats: size={self.size} checked_out={co} overflow={ov} waiting={g.rng.randrange(5, 40) if busy else 0}",
                  module=f"{svc.pkg}.db.session", func="log_pool_stats", line=140)
        procs.append(Periodic("pool-stats", stats, 60, g.rng))
        return procs

    on_request = Scenario.fail_at_rate

    def emit_failure(self, g, svc, ep, t, inst, force=False):
        if True:
            rng = g.rng
            lat = 30.0 + rng.random() * 0.08
            tr = "%032x" % rng.getrandbits(128)
            te = t - 0.004
            g.traceback(te, svc, inst, self.tb(g, ep.tag), header=self.sym_header, trace=tr)
            g.app(t - 0.002, svc, inst, "ERROR", f"Request {ep.method} {ep.route()} returned 500 after {lat:.1f}s",
                  module=f"{svc.pkg}.middleware.timing", func="dispatch", line=34, trace=tr, channel="json")
            path = g.concrete(ep)
            if svc.access_log:
                g.text(t - 0.001, svc, inst, "stdout", "INFO",
                       f'INFO:     {g.server_ips[g.grb(8)]}:{32768 + g.grb(14)} - "{ep.method} {path} HTTP/1.1" 500 Internal Server Error',
                       trace=tr)
            g.request(t, svc, inst, ep, 500, lat, trace=tr, path=path)
            # the BFF calling this API sees the 500 too
            if force or rng.random() < 0.55:
                web = self.w.web
                wi = rng.pick(web.alive(t))
                g.app(t, web, wi, "ERROR",
                      f"Upstream {svc.name} responded 500 for {ep.method} {ep.route()} after {lat:.1f}s",
                      module=f"{web.pkg}.proxy", func="forward", line=93, trace=tr)
                g.request(t, web, wi, self.w.web.endpoints[5], 502, lat + 0.02, trace=tr)


# ---------------------------------------------------------------------------------------------


class OOM(Scenario):
    name = "oom"
    category = "resource-exhaustion"
    impacts = ("partial", "full")

    def setup(self):
        w, rng = self.w, self.rng
        self.svc = w.api if self.impact == "full" else rng.pick([w.api, w.worker])
        svc = self.svc
        self.limit = svc.memory_mib
        self.t_change = self.t_rc - rng.uniform(120, 600)
        self.rev, self.news = self.deploy(svc, self.t_change, rng)
        self.period = {"full": 35.0, "partial": 110.0}[self.impact]  # s between OOM kills (per service)
        self.kills = []
        t = self.t_rc
        while t < 3600 - 5:
            self.kills.append(t)
            t += self.period * rng.uniform(0.5, 1.5)
        self.root_evidence = [f"Memory limit of {self.limit} MiB exceeded"]
        if svc.server == "gunicorn":
            self.root_evidence.append("Perhaps out of memory")
        self.must_mention = ["memory"]
        noun = rng.pick(w.nouns[:4])
        self.noun = noun
        self.title = (f"{svc.name} revision {self.rev} exceeds its {self.limit} MiB memory limit "
                      f"(loads all {noun[1]} into memory); instances are killed and in-flight requests fail with 503")
        self.symptoms = ["HTTP response was malformed or connection to the instance had an error"]
        if self.impact == "full":
            self.symptoms.append("there was no available instance")
        # replacement instances appear after each kill; build lifetimes now
        alive = list(self.news)
        for j, tk in enumerate(self.kills):
            victim = alive[j % len(alive)]
            victim.t_end = min(victim.t_end, tk)
            repl = Instance(svc, rng.hex(88), self.rev, tk + rng.uniform(1.5, 6.0), reason="AUTOSCALING")
            svc.instances.append(repl)
            alive[j % len(alive)] = repl
        self.victims = {}
        for j, tk in enumerate(self.kills):
            pass


    def attach(self, g):
        svc, w, rng = self.svc, self.w, g.rng
        procs = []
        ep = Episodes("oom")
        # audit + deploy
        ep.add(self.t_change, lambda t: g.audit(
            t, {"labels": {"configuration_name": "", "location": w.region, "project_id": w.project,
                           "revision_name": "", "service_name": svc.name}, "type": "cloud_run_revision"},
            "google.cloud.run.v1.Services.ReplaceService", "run.googleapis.com",
            f"namespaces/{w.project}/services/{svc.name}", w.deployer,
            extra={"request": {"@type": "type.googleapis.com/google.cloud.run.v1.ReplaceServiceRequest",
                               "name": f"namespaces/{w.project}/services/{svc.name}",
                               "service": {"spec": {"template": {"metadata": {"name": self.rev},
                                                                 "spec": {"containers": [{"image": f"{w.image_repo}/{svc.name}:{rng.hex(7)}",
                                                                                          "resources": {"limits": {"memory": f"{self.limit}Mi", "cpu": "1000m"}}}]}}}}}}), lines=1)
        by_end = {}
        for inst in svc.instances:
            if inst.rev == self.rev:
                by_end[round(inst.t_end, 6)] = inst

        def make_kill(tk):
            def fn(t):
                inst = by_end.get(round(tk, 6)) or rng.pick(svc.alive(t))
                # the export that blows memory up
                t0 = t - rng.uniform(4, 12)
                n = rng.randrange(900_000, 2_400_000)
                g.app(t0, svc, inst, "INFO",
                      f"Loaded {n} {self.noun[1]} rows into memory for export ({rng.randrange(380, self.limit - 20)} MiB)",
                      module=f"{svc.pkg}.exports.builder", func="load_rows", line=118, channel="json")
                used = self.limit + rng.randrange(3, 60)
                g.system(t, svc, inst, "ERROR",
                         f"Memory limit of {self.limit} MiB exceeded with {used} MiB used. Consider increasing the "
                         f"memory limit, see https://cloud.google.com/run/docs/configuring/memory-limits")
                if svc.server == "gunicorn" and (tk == self.kills[0] or rng.random() < 0.6):
                    us = g.base_us + int((t - 0.3) * 1e6)
                    g.text(t - 0.3, svc, inst, "stderr", "ERROR",
                           f"{g.tf.gunicorn(us)} [1] [ERROR] Worker (pid:{svc.workers_pid}) was sent SIGKILL! Perhaps out of memory?")
            return fn

        for tk in self.kills:
            ep.add(tk, make_kill(tk), lines=2.6)

        # in-flight requests on the killed instance fail right after the kill
        eps = Weighted([(e, e.weight) for e in svc.endpoints])

        def inflight_factory(tk):
            def fn(t):
                inst = by_end.get(round(tk, 6)) or rng.pick(svc.alive(t))
                k = rng.randrange(2, 7) if self.impact == "partial" else rng.randrange(4, 12)
                for _ in range(k):
                    e = eps.pick(rng)
                    g.request(t - rng.uniform(0, 0.4), svc, inst, e, 503, rng.uniform(0.5, 9.0), text=MALFORMED)
            return fn

        for tk in self.kills:
            ep.add(tk + 0.45, inflight_factory(tk), lines=5 if self.impact == "partial" else 8)
        procs.append(ep)
        return procs

    def on_request(self, g, svc, ep, t, inst):
        if svc is not self.svc or t < self.t_rc + 1:
            return False
        rng = g.rng
        if self.impact == "full":
            # capacity gaps after kills: no available instance
            if rng.random() < 0.35:
                g.request(t, svc, inst, ep, rng.pick([503, 503, 429]), rng.uniform(0.001, 10.0), text=NO_INSTANCE)
                return True
        elif rng.random() < 0.03:
            g.request(t, svc, inst, ep, 503, rng.uniform(0.001, 10.0), text=MALFORMED)
            return True
        return False

    def emit_failure(self, g, svc, ep, t, inst, force=False):
        rng = g.rng
        g.request(t, svc, inst, ep, 503, rng.uniform(0.001, 10.0),
                  text=NO_INSTANCE if self.impact == "full" else MALFORMED)


# ---------------------------------------------------------------------------------------------


class ExpiredCert(Scenario):
    name = "expired-cert"
    category = "certificate"
    impacts = ("partial", "full", "minor")

    def setup(self):
        w, rng = self.w, self.rng
        self.svc = w.api
        self.up = w.upstreams[0]
        vendor, host, what, mod = self.up
        self.t_rc = float(int(self.t_rc / 60) * 60)  # expiry on a minute boundary
        self.t_sym = self.t_rc + rng.uniform(0.5, 3)
        self.ssl = "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: certificate has expired (_ssl.c:1006)"
        self.root_evidence = ["certificate has expired", "CERTIFICATE_VERIFY_FAILED"]
        self.must_mention = ["certificate", "expired", host]
        self.title = (f"TLS certificate of {what} {host} expired; every call from {self.svc.name} fails "
                      f"certificate verification and the dependent endpoints return 502")
        self.symptoms = [f"{what} unavailable", f"Circuit breaker '{vendor}' is OPEN"]
        self.frac_v = 1.0
        self.last_tb = {}

    def applies(self, ep):
        if self.impact == "full":  # the vendor sits in the auth/session path: everything but health fails
            return ep.tag != "health"
        if self.impact == "partial":  # every write calls the vendor (tax/fraud/payment check)
            return ep.upstream is not None or ep.tag.startswith(("create:", "update:"))
        return ep.upstream is self.up

    extra = 2.0

    def p_fail(self, svc, t):
        return 1.0 if t >= self.t_sym else 0.0

    def tb(self):
        vendor, host, what, mod = self.up
        return (["Traceback (most recent call last):"]
                + site("httpx/_transports/default.py", 101, "map_httpcore_exceptions", "yield")
                + site("httpcore/_backends/anyio.py", 78, "start_tls", "raise exc")
                + site("anyio/streams/tls.py", 131, "_call_sslobject_method", "result = func(*args)")
                + ["  File \"/usr/local/lib/python3.11/ssl.py\", line 979, in do_handshake",
                   "    self._sslobj.do_handshake()",
                   "ssl.SSLCertVerificationError: " + self.ssl,
                   "",
                   "The above exception was the direct cause of the following exception:",
                   "",
                   "Traceback (most recent call last):"]
                + appf(self.svc.pkg, f"integrations/{mod}/client.py", 88, "_post",
                       f"resp = await self._client.post(url, json=payload, timeout=10.0)")
                + site("httpx/_client.py", 1730, "send", "response = await self._send_handling_auth(")
                + ["httpx.ConnectError: " + self.ssl])

    def attach(self, g):
        # a scheduled reconciliation against the vendor (every ~5 min) is the first caller to fail
        w, rng = self.w, g.rng
        wk = w.worker
        vendor, host, what, mod = self.up

        def recon(t):
            inst = rng.pick(wk.alive(t))
            if t < self.t_rc:
                g.app(t, wk, inst, "INFO", f"Reconciled {rng.randrange(20, 400)} {mod} records with {host} in {rng.randrange(300, 4000)}ms",
                      module=f"{wk.pkg}.jobs.reconcile", func=f"reconcile_{vendor}", line=61)
            else:
                g.traceback(t, wk, inst, self.tb(), style="single",
                            header=f"Scheduled job reconcile_{vendor} failed")
        ep = Episodes("first")
        ep.add(self.t_rc + 0.2, recon)
        return [ep, Periodic("recon", recon, 300, rng)]

    def on_request(self, g, svc, ep, t, inst):
        if svc is not self.svc or t < self.t_sym or not self.applies(ep):
            return False
        self.emit_failure(g, svc, ep, t, inst)
        return True

    def emit_failure(self, g, svc, ep, t, inst, force=False):
        rng = g.rng
        vendor, host, what, mod = self.up
        tr = "%032x" % rng.getrandbits(128)
        lat = rng.uniform(0.03, 0.3)
        # the client logs the full SSL traceback at most once a minute per instance, then the breaker fails fast
        last = self.last_tb.get(inst.id, -INF)
        # (processes walk time backwards, so "once per 5 min" keeps the latest failure of each burst)
        if (t < self.t_sym + 3) if force else (t - last > 300 or t < self.t_sym + 3):
            self.last_tb[inst.id] = t
            g.traceback(t - 0.01, svc, inst, self.tb(),
                        header=f"Request to https://{host}/v1/{mod} failed (attempt 3/3)", trace=tr)
        else:
            g.app(t - 0.008, svc, inst, "WARNING",
                  f"Circuit breaker '{vendor}' is OPEN; failing fast ({rng.randrange(3, 60)} failures in last 60s)",
                  module=f"{svc.pkg}.integrations.{mod}.breaker", func="call", line=52, trace=tr)
        g.app(t - 0.002, svc, inst, "ERROR",
              f"{ep.method} {ep.route()} failed: {what} unavailable ({host})",
              module=f"{svc.pkg}.routes.{mod}", func=f"handle_{mod}", line=140, trace=tr, channel="json",
              error=("UpstreamUnavailable", f"{what} unavailable"))
        g.request(t, svc, inst, ep, 502, lat, trace=tr)
        return True


# ---------------------------------------------------------------------------------------------


class CrashLoopBase(Scenario):
    """Shared machinery: a revision whose instances cannot start; requests see 'could not start'."""

    def crash_setup(self, svc, t_first):
        self.svc = svc
        self.t_first = t_first

    def _crash_times(self, g):
        rng = g.rng
        self.crash_times = []
        t = self.t_first
        period = {"full": 40.0, "partial": 70.0, "minor": 110.0}[self.impact] / g.nf
        while t < min(self.t_fix, 3598):
            self.crash_times.append(t)
            t += period * rng.uniform(0.4, 1.6)

    def crash_lines(self, g, t, svc, inst, pid):
        """Emit the root-cause part of one failed boot starting at t; return (t, tb_lines, during)."""
        raise NotImplementedError

    def attach(self, g):
        svc, rng = self.svc, g.rng
        self._crash_times(g)
        ep = Episodes("crash")
        lines_per = None
        for tc in self.crash_times:
            inst = Instance(svc, rng.hex(88), self.bad_rev, tc, tc + 5, serving=False,
                            reason="DEPLOYMENT" if tc - self.crash_times[0] < 60 else "AUTOSCALING", kind="crash")
            svc.instances.append(inst)

            def fn(t, inst=inst, tc=tc):
                def fail(tt, pid):
                    tt, tb_lines, during = self.crash_lines(g, tt, svc, inst, pid)
                    return g.boot_failure(tt, svc, inst, pid, tb_lines, during=during)
                g.startup(tc, svc, inst, warnings=g.distractors.startup, fail=fail)
            if lines_per is None:
                lines_per = g.measure(fn, tc + 8.0)
            ep.add(tc + 8.0, fn, lines=lines_per)
        self.crash_starts = [i.t_start for i in svc.instances if i.kind == "crash"]
        self.crash_insts = [i for i in svc.instances if i.kind == "crash"]
        return [ep] + self.extra_procs(g)

    def extra_procs(self, g):
        return []

    def on_request(self, g, svc, ep, t, inst):
        if svc is not self.svc or t < self.t_sym or t >= self.t_fix:
            return False
        rng = g.rng
        p = self.frac() * self.ramp(t, rise=60)
        if rng.random() >= p:
            return False
        self.emit_failure(g, svc, ep, t, inst)
        return True

    def emit_failure(self, g, svc, ep, t, inst, force=False):
        rng = g.rng
        k = bisect.bisect_right(self.crash_starts, t)
        ci = self.crash_insts[k - 1] if k else inst
        if force or rng.random() < 0.8:
            g.request(t, svc, ci, ep, rng.pick([500, 500, 503]), rng.uniform(8, 60), text=COULD_NOT_START)
        else:
            g.request(t, svc, ci, ep, 503, rng.uniform(0.001, 10.0), text=NO_INSTANCE)


class SecretDisabled(CrashLoopBase):
    name = "secret-disabled"
    impacts = ("full", "partial")

    def setup(self):
        w, rng = self.w, self.rng
        self.variant = rng.pick(["disabled", "disabled", "denied"])
        self.category = "configuration" if self.variant == "disabled" else "permissions"
        svc = w.api if self.impact == "full" else w.worker
        self.secret = rng.pick(["STRIPE_API_KEY", "DATABASE_PASSWORD", "JWT_SIGNING_KEY", "OPENAI_API_KEY",
                                f"{w.upstreams[0][0].upper()}_API_TOKEN", "SENDGRID_API_KEY", "SESSION_SECRET"])
        self.version = rng.randrange(2, 9)
        self.t_change = self.t_rc - rng.uniform(240, 900)
        self.bad_rev, _ = self.deploy(svc, self.t_rc - 3, rng, old_end=False)
        # the deploy never gets healthy; old instances are recycled over time (capacity shrinks)
        for i in svc.instances:
            if i.rev != self.bad_rev:
                i.t_end = min(i.t_end, self.t_rc + rng.uniform(30, 400))
            elif i.kind == "normal":
                i.serving = False
                i.t_end = i.t_start + 2
        svc.instances = [i for i in svc.instances if i.rev != self.bad_rev]
        self.crash_setup(svc, self.t_rc - 2)
        self.t_sym = self.t_rc + rng.uniform(30, 90)
        num = w.project_number
        if self.variant == "disabled":
            self.err = (f"google.api_core.exceptions.FailedPrecondition: 400 Secret version "
                        f"projects/{num}/secrets/{self.secret}/versions/{self.version} is in DISABLED state.")
            self.root_evidence = [f"secrets/{self.secret}/versions/{self.version} is in DISABLED state",
                                  "is in DISABLED state"]
            self.must_mention = [self.secret, "disabled"]
            self.title = (f"{svc.name} cannot start: Secret Manager version {self.version} of {self.secret} was "
                          f"disabled; new instances crash at startup")
        else:
            self.err = (f"google.api_core.exceptions.PermissionDenied: 403 Permission "
                        f"'secretmanager.versions.access' denied for resource "
                        f"'projects/{num}/secrets/{self.secret}/versions/latest' (or it may not exist).")
            self.root_evidence = ["Permission 'secretmanager.versions.access' denied",
                                  f"secrets/{self.secret}/versions/latest"]
            self.must_mention = [self.secret, "secretmanager.versions.access"]
            self.title = (f"{svc.name} cannot start: its service account lost access to secret {self.secret}; "
                          f"new instances crash at startup")
        self.symptoms = ["Container called exit(3)"]
        if svc is w.api:
            self.symptoms.append("instance could not start successfully")
        else:
            self.symptoms.append(f"Pub/Sub push to {svc.name} failed")
        self.symptoms.append("Application startup failed")

    def frac(self):
        return 0.9 if self.svc is self.w.api else 0.5

    def crash_lines(self, g, t, svc, inst, pid):
        w = self.w
        g.app(t, svc, inst, "INFO", f"Loading secrets from Secret Manager (project {w.project_number})",
              module=f"{svc.pkg}.core.secrets", func="load_secrets", line=31)
        t += 0.05 + g.rng.random() * 0.2
        g.app(t, svc, inst, "CRITICAL",
              f"Failed to load secret {self.secret}: {self.err.split(': ', 1)[1]}",
              module=f"{svc.pkg}.core.secrets", func="load_secrets", line=47, channel="json",
              error=(self.err.split(":")[0].split(".")[-1], self.err.split(": ", 1)[1]))
        tb = (["Traceback (most recent call last):"]
              + site("starlette/routing.py", 693, "lifespan", "async with self.lifespan_context(app) as maybe_state:")
              + appf(svc.pkg, "main.py", 58, "lifespan", "settings.secrets = await load_secrets(settings)")
              + appf(svc.pkg, "core/secrets.py", 44, "load_secrets",
                     f'value = client.access_secret_version(name=f"{{prefix}}/{self.secret}/versions/{self.version if self.variant == "disabled" else "latest"}")')
              + site("google/cloud/secretmanager_v1/services/secret_manager_service/client.py", 2386,
                     "access_secret_version", "response = rpc(")
              + site("google/api_core/grpc_helpers.py", 78, "error_remapped_callable",
                     "raise exceptions.from_grpc_error(exc) from exc")
              + [self.err])
        return t + 0.01, tb, "lifespan"

    def extra_procs(self, g):
        w, svc, rng = self.w, self.svc, g.rng
        ep = Episodes("audit")
        if self.variant == "disabled":
            ep.add(self.t_change, lambda t: g.audit(
                t, {"labels": {"method": "google.cloud.secretmanager.v1.SecretManagerService.DisableSecretVersion",
                               "project_id": w.project, "service": "secretmanager.googleapis.com"},
                    "type": "audited_resource"},
                "google.cloud.secretmanager.v1.SecretManagerService.DisableSecretVersion",
                "secretmanager.googleapis.com",
                f"projects/{w.project_number}/secrets/{self.secret}/versions/{self.version}",
                w.engineers[1],
                extra={"request": {"@type": "type.googleapis.com/google.cloud.secretmanager.v1.DisableSecretVersionRequest",
                                   "name": f"projects/{w.project_number}/secrets/{self.secret}/versions/{self.version}"}}))
        else:
            ep.add(self.t_change, lambda t: g.audit(
                t, {"labels": {"project_id": w.project}, "type": "project"}, "SetIamPolicy",
                "cloudresourcemanager.googleapis.com", f"projects/{w.project}",
                f"terraform@{w.project}.iam.gserviceaccount.com",
                extra={"serviceData": {"@type": "type.googleapis.com/google.iam.v1.logging.AuditData",
                                       "policyDelta": {"bindingDeltas": [{"action": "REMOVE",
                                                                          "member": f"serviceAccount:{svc.sa}",
                                                                          "role": "roles/secretmanager.secretAccessor"}]}}}))
        # deploy audit for the new revision
        ep.add(self.t_rc - 3, lambda t: g.audit(
            t, {"labels": {"configuration_name": "", "location": w.region, "project_id": w.project,
                           "revision_name": "", "service_name": svc.name}, "type": "cloud_run_revision"},
            "google.cloud.run.v1.Services.ReplaceService", "run.googleapis.com",
            f"namespaces/{w.project}/services/{svc.name}", w.deployer))
        procs = [ep]
        if svc is w.worker:
            # Pub/Sub push deliveries fail while the worker has no healthy instance
            def push_fail(t):
                inst = rng.pick(svc.instances)
                web = w.api
                g.app(t, web, rng.pick(web.alive(t)), "ERROR",
                      f"Pub/Sub push to {svc.name} failed: 503 Service Unavailable (message {rng.randrange(10**15, 10**16)}, attempt {rng.randrange(2, 9)})",
                      module=f"{web.pkg}.events.publisher", func="on_push_error", line=77)
            procs.append(Proc("push-fail", push_fail, 0.03, lambda t: 0.03 if t > self.t_sym else 0, lines=1))
        return procs


class BadConfig(CrashLoopBase):
    name = "bad-config"
    category = "configuration"
    impacts = ("full", "partial")

    VARS = [
        ("DATABASE_POOL_SIZE", "ten", "database_pool_size", "int_parsing",
         "Input should be a valid integer, unable to parse string as an integer"),
        ("REQUEST_TIMEOUT_SECONDS", "30s", "request_timeout_seconds", "float_parsing",
         "Input should be a valid number, unable to parse string as a number"),
        ("ENABLE_ASYNC_EXPORTS", "maybe", "enable_async_exports", "bool_parsing",
         "Input should be a valid boolean, unable to interpret input"),
        ("MAX_UPLOAD_MB", "1O0", "max_upload_mb", "int_parsing",
         "Input should be a valid integer, unable to parse string as an integer"),
        ("CACHE_TTL_SECONDS", "1h", "cache_ttl_seconds", "int_parsing",
         "Input should be a valid integer, unable to parse string as an integer"),
        ("WORKER_CONCURRENCY", "auto", "worker_concurrency", "int_parsing",
         "Input should be a valid integer, unable to parse string as an integer"),
    ]

    def setup(self):
        w, rng = self.w, self.rng
        svc = w.api if self.impact == "full" else w.worker
        self.var, self.val, self.field, self.etype, self.emsg = rng.pick(self.VARS)
        self.t_change = self.t_rc - rng.uniform(2, 5)
        self.bad_rev, _ = self.deploy(svc, self.t_change, rng, old_end=False)
        for i in svc.instances:
            if i.rev != self.bad_rev:
                i.t_end = min(i.t_end, self.t_rc + rng.uniform(20, 150))
        svc.instances = [i for i in svc.instances if i.rev != self.bad_rev]
        self.crash_setup(svc, self.t_rc)
        self.t_sym = self.t_rc + rng.uniform(20, 60)
        self.root_evidence = [f"Invalid value for {self.var}", "validation error for Settings"]
        self.must_mention = [self.var]
        self.title = (f"New revision {self.bad_rev} of {svc.name} sets {self.var}='{self.val}'; settings validation "
                      f"fails at import and every instance crashes on boot")
        self.symptoms = ["Worker failed to boot" if svc.server == "gunicorn" else "Application startup failed",
                         "Container called exit(3)"]
        if svc is w.api:
            self.symptoms.append("instance could not start successfully")

    def frac(self):
        return 0.95 if self.svc is self.w.api else 0.5

    def crash_lines(self, g, t, svc, inst, pid):
        g.app(t, svc, inst, "ERROR",
              f"Invalid value for {self.var}: '{self.val}' ({self.emsg.lower()})",
              module=f"{svc.pkg}.core.config", func="load_settings", line=96, channel="json",
              error=("ValidationError", f"1 validation error for Settings {self.field}"))
        tb = (["Traceback (most recent call last):"]
              + site("gunicorn/arbiter.py", 608, "spawn_worker", "worker.init_process()")
              + site("uvicorn/workers.py", 75, "init_process", "super().init_process()")
              + site("gunicorn/workers/base.py", 135, "init_process", "self.load_wsgi()")
              + ['  File "<frozen importlib._bootstrap>", line 1204, in _gcd_import']
              + appf(svc.pkg, "main.py", 14, "<module>", f"from {svc.pkg}.core.config import settings")
              + appf(svc.pkg, "core/config.py", 96, "<module>", "settings = Settings()")
              + site("pydantic_settings/main.py", 188, "__init__", "super().__init__(")
              + ["pydantic_core._pydantic_core.ValidationError: 1 validation error for Settings",
                 self.field,
                 f"  {self.emsg} [type={self.etype}, input_value='{self.val}', input_type=str]",
                 f"    For further information visit https://errors.pydantic.dev/2.11/v/{self.etype}"])
        if svc.server != "gunicorn":
            tb = [ln for ln in tb if "gunicorn" not in ln and "uvicorn/workers" not in ln and "init_process" not in ln
                  and "load_wsgi" not in ln and "spawn_worker" not in ln]
        return t + 0.01, tb, "import"

    def extra_procs(self, g):
        w, svc = self.w, self.svc
        ep = Episodes("audit")
        env = [{"name": "ENVIRONMENT", "value": w.env_label}, {"name": self.var, "value": self.val},
               {"name": "LOG_LEVEL", "value": "INFO"}]
        ep.add(self.t_change, lambda t: g.audit(
            t, {"labels": {"configuration_name": "", "location": w.region, "project_id": w.project,
                           "revision_name": "", "service_name": svc.name}, "type": "cloud_run_revision"},
            "google.cloud.run.v1.Services.ReplaceService", "run.googleapis.com",
            f"namespaces/{w.project}/services/{svc.name}", w.deployer,
            extra={"request": {"@type": "type.googleapis.com/google.cloud.run.v1.ReplaceServiceRequest",
                               "name": f"namespaces/{w.project}/services/{svc.name}",
                               "service": {"spec": {"template": {"metadata": {"name": self.bad_rev},
                                                                 "spec": {"containers": [{"env": env,
                                                                                          "image": f"{w.image_repo}/{svc.name}:{g.rng.hex(7)}"}]}}}}}}))
        return [ep]


# ---------------------------------------------------------------------------------------------


class ConnectionRefused(Scenario):
    name = "connection-refused"
    category = "network"
    impacts = ("full", "partial")

    def setup(self):
        w, rng = self.w, self.rng
        self.svc = w.api
        self.variant = rng.pick(["redis", "redis", "internal"])
        if self.variant == "redis":
            self.target = f"{w.redis_ip}:6379"
            self.err = f"redis.exceptions.ConnectionError: Error 111 connecting to {self.target}. Connection refused."
            self.root_evidence = [f"Error 111 connecting to {self.target}. Connection refused"]
            self.must_mention = ["redis", "connection refused"]
            self.dep = "Redis"
            self.title = (f"Memorystore Redis at {self.target} refuses connections; {self.svc.name} session/cache "
                          f"lookups fail and requests return 503")
        else:
            dep = rng.pick(["inventory", "pricing", "search", "rules-engine"])
            self.target = f"{dep}-svc.internal:8080"
            self.err = "httpx.ConnectError: [Errno 111] Connection refused"
            self.root_evidence = [f"[Errno 111] Connection refused", f"{dep}-svc.internal"]
            self.must_mention = [f"{dep}-svc", "connection refused"]
            self.dep = f"{dep}-svc"
            self.title = (f"Internal dependency {self.target} refuses connections; {self.svc.name} returns 503 on "
                          f"endpoints that call it")
        self.t_fix = INF if self.impact == "full" else self.t_sym + rng.uniform(600, 1200)
        self.symptoms = [f"{self.dep} unavailable, returning 503", f"Upstream {self.svc.name} responded 503"]
        self.last = {}

    def applies(self, ep):
        if self.impact == "full":
            return ep.tag != "health"
        return ep.tag.startswith(("list:", "search", "get:"))

    extra = 1.5

    def p_fail(self, svc, t):
        return self.frac() * self.ramp(t, rise=40)

    def frac(self):
        return {"full": 0.9, "partial": 0.35}[self.impact]

    def tb(self, svc):
        if self.variant == "redis":
            return (["Traceback (most recent call last):"]
                    + site("redis/asyncio/connection.py", 276, "connect", "await self.retry.call_with_retry(")
                    + site("redis/asyncio/retry.py", 59, "call_with_retry", "return await do()")
                    + site("redis/asyncio/connection.py", 700, "_connect",
                           "reader, writer = await asyncio.open_connection(")
                    + ['  File "/usr/local/lib/python3.11/asyncio/base_events.py", line 1086, in create_connection',
                       "    raise exceptions[0]",
                       f"ConnectionRefusedError: [Errno 111] Connect call failed ('{self.target.split(':')[0]}', 6379)",
                       "", "During handling of the above exception, another exception occurred:", "",
                       "Traceback (most recent call last):"]
                    + appf(svc.pkg, "cache/sessions.py", 41, "get_session", "raw = await self.redis.get(key)")
                    + site("redis/asyncio/connection.py", 282, "connect", "raise ConnectionError(self._error_message(e))")
                    + [self.err])
        return (["Traceback (most recent call last):"]
                + site("httpcore/_backends/anyio.py", 113, "connect_tcp", "stream: anyio.abc.ByteStream = await anyio.connect_tcp(")
                + ["ConnectionRefusedError: [Errno 111] Connection refused", "",
                   "The above exception was the direct cause of the following exception:", "",
                   "Traceback (most recent call last):"]
                + appf(svc.pkg, f"clients/{self.dep.replace('-', '_')}.py", 66, "fetch",
                       f'resp = await self._http.get(f"http://{self.target}/v1/lookup", params=params)')
                + [self.err])

    def attach(self, g):
        svc, rng = self.svc, g.rng

        def reconnect(t):
            inst = rng.pick(svc.alive(t))
            g.traceback(t, svc, inst, self.tb(svc),
                        header=f"Lost connection to {self.dep} ({self.target}); reconnecting in 5s")
        ep = Episodes("first")
        nl = len(self.tb(svc)) - 3 if svc.tb_style == "split" else 1
        ep.add(self.t_rc, reconnect, lines=nl)
        procs = [ep, Proc("reconnect", reconnect, 1 / 90.0,
                          lambda t: 1 / 90.0 if self.t_rc < t < self.t_fix else 0, lines=nl, scaled=True)]
        if self.t_fix < 3600:
            def back(t):
                for inst in svc.alive(t):
                    g.app(t + rng.random() * 0.5 - 0.5, svc, inst, "INFO",
                          f"Connection to {self.dep} ({self.target}) re-established after {int(t - self.t_rc)}s",
                          module=f"{svc.pkg}.cache", func="reconnect", line=90)
            e2 = Episodes("recover")
            e2.add(self.t_fix + 0.5, back, lines=4)
            procs.append(e2)
        return procs

    on_request = Scenario.fail_at_rate

    def emit_failure(self, g, svc, ep, t, inst, force=False):
        rng = g.rng
        tr = "%032x" % rng.getrandbits(128)
        g.app(t - 0.002, svc, inst, "ERROR", f"{self.dep} unavailable, returning 503 for {ep.method} {ep.route()}",
              module=f"{svc.pkg}.middleware.errors", func="dependency_error_handler", line=38, trace=tr,
              channel="json", error=("ServiceUnavailable", f"{self.dep} unavailable"))
        g.request(t, svc, inst, ep, 503, rng.uniform(0.002, 0.05), trace=tr)
        if force or rng.random() < 0.5:
            web = self.w.web
            wi = rng.pick(web.alive(t))
            g.app(t, web, wi, "ERROR", f"Upstream {svc.name} responded 503 for {ep.method} {ep.route()}",
                  module=f"{web.pkg}.proxy", func="forward", line=93, trace=tr)


# ---------------------------------------------------------------------------------------------


class RateLimit(Scenario):
    name = "rate-limit"
    category = "upstream-dependency"
    impacts = ("minor", "partial")

    def setup(self):
        w, rng = self.w, self.rng
        self.svc = w.api
        self.variant = rng.pick(["vendor", "vendor", "google"])
        self.t_change = self.t_rc - rng.uniform(60, 240)  # the backfill job starts hammering the upstream
        if self.variant == "vendor":
            self.up = w.upstreams[1]
            vendor, host, what, mod = self.up
            self.rl = (f'HTTP 429 Too Many Requests from https://{host}/v1/{mod}: {{"error": {{"code": 429, '
                       f'"message": "Rate limit exceeded: 600 requests per minute for account {w.project}", '
                       f'"status": "RESOURCE_EXHAUSTED"}}}}')
            self.root_evidence = [f"HTTP 429 Too Many Requests from https://{host}",
                                  "Rate limit exceeded: 600 requests per minute"]
            self.must_mention = ["429", vendor]
            self.dep = what
            self.host = host
        else:
            api = rng.pick(["translate.googleapis.com", "maps.googleapis.com", "language.googleapis.com"])
            self.up = (api.split(".")[0], api, f"Google {api.split('.')[0]} API", api.split(".")[0])
            self.rl = (f"google.api_core.exceptions.ResourceExhausted: 429 Quota exceeded for quota metric "
                       f"'Requests' and limit 'Requests per minute' of service '{api}' for consumer "
                       f"'project_number:{w.project_number}'.")
            self.root_evidence = ["Quota exceeded for quota metric", "429 Quota exceeded"]
            self.must_mention = ["quota", api]
            self.dep = self.up[2]
            self.host = api
        self.job = f"backfill_{w.nouns[2][1]}"
        self.partial_tags = {f"create:{w.nouns[0][0]}", f"create:{w.nouns[1][0]}", f"update:{w.nouns[0][0]}",
                             f"get:{w.nouns[0][0]}"} if self.impact == "partial" else {f"create:{w.nouns[0][0]}",
                                                                                   f"update:{w.nouns[0][0]}"}
        self.title = (f"{self.dep} ({self.host}) rate-limits {w.project} with 429s after the {self.job} job "
                      f"started; {self.svc.name} returns 503 on endpoints that call it")
        self.symptoms = [f"{self.dep} unavailable after retries", f"Retrying {self.up[0]} request"]
        self.t_fix = self.t_change + rng.uniform(1500, 2100)

    def applies(self, ep):
        if ep.upstream is self.up or (self.variant == "google" and ep.tag == "upstream1"):
            return True
        # partial: creating the main resources also prices/geocodes/translates through the upstream
        return ep.tag in self.partial_tags

    extra = 4.3

    def p_fail(self, svc, t):
        return self.ramp(t, rise=120) * (0.85 if self.impact == "partial" else 0.6)

    def attach(self, g):
        w, rng = self.w, g.rng
        worker = w.worker
        ep = Episodes("job")
        n = rng.randrange(40_000, 400_000)
        ep.add(self.t_change, lambda t: g.app(t, worker, rng.pick(worker.alive(t)), "INFO",
                                              f"Starting {self.job}: {n} records queued (batch_size=500, concurrency=32)",
                                              module=f"{worker.pkg}.jobs.backfill", func=self.job, line=40,
                                              channel="json"))

        def worker429(t):
            inst = rng.pick(worker.alive(t))
            g.app(t, worker, inst, "ERROR", self.rl if self.variant == "google" else f"{self.rl}",
                  module=f"{worker.pkg}.integrations.{self.up[3]}", func="call", line=71)
        ep.add(self.t_rc, worker429)
        procs = [ep, Proc("worker-429", worker429, 1 / 60.0,
                          lambda t: 1 / 60.0 if self.t_rc < t < self.t_fix else 0, lines=1, scaled=True)]

        def progress(t):
            g.app(t, worker, rng.pick(worker.alive(t)), "INFO",
                  f"{self.job}: {rng.randrange(1000, n)}/{n} done, {rng.randrange(20, 400)} throttled, eta {rng.randrange(5, 90)}m",
                  module=f"{worker.pkg}.jobs.backfill", func=self.job, line=88)
        procs.append(Proc("progress", progress, 1 / 60.0,
                          lambda t: 1 / 60.0 if self.t_change < t < self.t_fix else 0, scaled=False))
        if self.t_fix < 3600:
            ep.add(self.t_fix, lambda t: g.app(t, worker, rng.pick(worker.alive(t)), "INFO",
                                               f"{self.job} paused by operator ({w.engineers[2]})",
                                               module=f"{worker.pkg}.jobs.backfill", func=self.job, line=120))
        return procs

    on_request = Scenario.fail_at_rate

    def emit_failure(self, g, svc, ep, t, inst, force=False):
        rng = g.rng
        tr = "%032x" % rng.getrandbits(128)
        vendor = self.up[0]
        t0 = t - 7.2
        for a in (1, 2, 3):
            g.app(t0 + a * 1.5, svc, inst, "WARNING",
                  f"Retrying {vendor} request in {2 ** (a - 1):.1f}s (attempt {a}/4): 429",
                  module=f"{svc.pkg}.integrations.{self.up[3]}", func="call", line=64, trace=tr)
        if rng.random() < 0.3:
            g.app(t - 0.05, svc, inst, "ERROR", self.rl, module=f"{svc.pkg}.integrations.{self.up[3]}", func="call",
                  line=71, trace=tr)
        g.app(t - 0.01, svc, inst, "ERROR", f"{self.dep} unavailable after retries; returning 503 for {ep.method} {ep.route()}",
              module=f"{svc.pkg}.routes.{self.up[3]}", func="handle", line=150, trace=tr, channel="json")
        g.request(t, svc, inst, ep, 503, 7.5 + rng.random(), trace=tr)
        return True


# ---------------------------------------------------------------------------------------------


class DiskFull(Scenario):
    name = "disk-full"
    category = "resource-exhaustion"
    impacts = ("minor", "partial")

    def setup(self):
        w, rng = self.w, self.rng
        self.svc = w.worker
        self.dir = rng.pick(["/tmp/exports", "/var/cache/exports", "/mnt/scratch", "/tmp/render"])
        self.size = rng.pick([512, 1024, 2048])
        self.noun = rng.pick(w.nouns[:5])
        self.root_evidence = ["No space left on device", f"Low disk space on {self.dir}"]
        self.must_mention = ["space", self.dir]
        self.title = (f"{self.svc.name}: the {self.size} MiB in-memory volume {self.dir} filled up (export temp "
                      f"files are never deleted); exports fail with ENOSPC")
        self.symptoms = ["failed; marking export as failed", f"Pub/Sub push to {self.svc.name} /pubsub/push returned 500"]
        self.t_fix = INF

    def attach(self, g):
        w, svc, rng = self.w, self.svc, g.rng
        procs = []

        def usage(t):
            frac = 0.5 + 0.45 * min(1.0, max(0.0, (t - (self.t_rc - 1500)) / 1500))
            if t > self.t_rc:
                frac = 1.0
            pct = int(frac * 100)
            for inst in svc.alive(t)[:1]:
                if pct >= 80:
                    g.app(t, svc, inst, "WARNING",
                          f"Low disk space on {self.dir}: {pct}% used ({int(self.size * frac)} MiB of {self.size} MiB)",
                          module=f"{svc.pkg}.ops.disk", func="report_usage", line=31)
                else:
                    g.app(t, svc, inst, "INFO",
                          f"Scratch volume {self.dir}: {pct}% used ({int(self.size * frac)} MiB of {self.size} MiB)",
                          module=f"{svc.pkg}.ops.disk", func="report_usage", line=22)
        procs.append(Periodic("usage", usage, 120, rng, lines=1))

        def tb(path):
            return (["Traceback (most recent call last):"]
                    + appf(svc.pkg, "exports/writer.py", 57, "write_csv", "writer.writerows(batch)")
                    + [f"OSError: [Errno 28] No space left on device: '{path}'"])

        def export_fail(t, first=False):
            inst = rng.pick(svc.alive(t))
            eid = rng.uuid()
            path = f"{self.dir}/{self.noun[1]}-{eid[:8]}.csv"
            tr = "%032x" % rng.getrandbits(128)
            g.traceback(t - 0.02, svc, inst, tb(path), header=f"Error writing export {eid}", trace=tr)
            if not first:
                g.app(t - 0.01, svc, inst, "ERROR", f"Export job {eid} failed; marking export as failed",
                      module=f"{svc.pkg}.exports.tasks", func="run_export", line=140, channel="json", trace=tr,
                      error=("ExportFailed", f"export {eid} failed"))
                g.request(t, svc, inst, svc.endpoints[1], 500, rng.uniform(2, 25), trace=tr, ua=TASKS_UA)
        ep = Episodes("first")
        ep.add(self.t_rc, lambda t: export_fail(t, first=True), lines=6)
        procs.append(ep)
        rate = {"minor": 1 / 150.0, "partial": 1 / 50.0}[self.impact]
        procs.append(Proc("export-fail", export_fail, rate, lambda t: rate * self.ramp(t, rise=300),
                          lines=(6 if svc.tb_style == "split" else 1) + 2, scaled=True))

        # thumbnails/push deliveries also fail when they need scratch space -> Pub/Sub retries
        def push_fail(t):
            inst = rng.pick(svc.alive(t))
            tr = "%032x" % rng.getrandbits(128)
            g.app(t - 0.003, svc, inst, "ERROR",
                  f"Pub/Sub push to {svc.name} /pubsub/push returned 500: cannot stage message payload ({rng.randrange(10**15, 10**16)})",
                  module=f"{svc.pkg}.consumers.push", func="handle_push", line=51, trace=tr)
            g.request(t, svc, inst, svc.endpoints[0], 500, rng.uniform(0.01, 0.2), trace=tr, ua=PUSH_UA)
        prate = {"minor": 1 / 60.0, "partial": 1 / 20.0}[self.impact]
        procs.append(Proc("push-fail", push_fail, prate, lambda t: prate * self.ramp(t, rise=300), lines=2,
                          scaled=True))
        # the API sees exports that never finish
        api = w.api

        def api_poll(t):
            inst = rng.pick(api.alive(t))
            g.app(t, api, inst, "WARNING", f"Export {rng.uuid()} still pending after {rng.randrange(10, 40)} min",
                  module=f"{api.pkg}.routes.exports", func="get_export", line=66)
        procs.append(Proc("api-poll", api_poll, 1 / 30.0, lambda t: (1 / 30.0) * self.ramp(t, rise=300), lines=1,
                          scaled=True))
        sure = Episodes("guarantee")  # the first symptoms, whatever N is
        sure.add(self.t_sym + 1.0, export_fail, lines=8)
        sure.add(self.t_sym + 3.0, push_fail, lines=2)
        procs.append(sure)
        return procs


# ---------------------------------------------------------------------------------------------


class PermissionDenied(Scenario):
    name = "permission-denied"
    category = "permissions"
    impacts = ("partial", "minor")

    def setup(self):
        w, rng = self.w, self.rng
        self.svc = w.api
        self.variant = rng.pick(["gcs", "gcs", "bigquery"])
        self.t_change = self.t_rc - rng.uniform(45, 150)
        sa = self.svc.sa
        if self.variant == "gcs":
            self.role = "roles/storage.objectViewer"
            self.perm = "storage.objects.get"
            self.tags = {"attachment", "download"}
            if self.impact == "partial":  # thumbnails and previews of the main documents also come from GCS
                self.tags |= {f"get:{w.nouns[1][0]}", f"list:{w.nouns[1][0]}", f"get:{w.nouns[0][0]}"}
            self.err_tpl = (f"google.api_core.exceptions.Forbidden: 403 GET https://storage.googleapis.com/download/"
                            f"storage/v1/b/{w.bucket}/o/{{obj}}?alt=media: {sa} does not have storage.objects.get "
                            f"access to the Google Cloud Storage object. Permission 'storage.objects.get' denied on "
                            f"resource (or it may not exist).")
            self.root_evidence = ["Permission 'storage.objects.get' denied", "does not have storage.objects.get access"]
            self.must_mention = ["storage.objects.get"]
            self.title = (f"IAM change removed {self.role} from {sa}; {self.svc.name} can no longer read "
                          f"gs://{w.bucket} and attachment/download endpoints fail with 500")
            self.symptoms = ["Failed to serve attachment"]
        else:
            self.role = "roles/bigquery.dataViewer"
            self.perm = "bigquery.tables.getData"
            self.tags = {"report"}
            if self.impact == "partial":  # dashboards and search facets also read BigQuery
                self.tags |= {"search", f"list:{w.nouns[0][0]}", "me"}
            ds = rng.pick(["analytics", "warehouse", "reporting"])
            self.err_tpl = (f"google.api_core.exceptions.Forbidden: 403 Access Denied: Table {w.project}:{ds}.events: "
                            f"Permission bigquery.tables.getData denied on table {w.project}:{ds}.events (or it may "
                            f"not exist).")
            self.root_evidence = ["Permission bigquery.tables.getData denied", "Access Denied: Table"]
            self.must_mention = ["bigquery.tables.getData"]
            self.title = (f"IAM change removed {self.role} from {sa}; report endpoints of {self.svc.name} fail with "
                          f"500 (BigQuery access denied)")
            self.symptoms = ["Failed to build report"]
        self.symptoms.append(f"Upstream {self.svc.name} responded 500")
        self.extra = 0.35 * (7 if self.svc.tb_style == "split" else 1) + 1 + 0.5

    def applies(self, ep):
        return ep.tag in self.tags

    def p_fail(self, svc, t):
        return (0.97 if self.impact == "partial" else 0.9) if t >= self.t_sym else 0.0

    def attach(self, g):
        w, svc, rng = self.w, self.svc, g.rng
        ep = Episodes("iam")
        ep.add(self.t_change, lambda t: g.audit(
            t, {"labels": {"project_id": w.project}, "type": "project"}, "SetIamPolicy",
            "cloudresourcemanager.googleapis.com", f"projects/{w.project}",
            rng.pick([f"terraform@{w.project}.iam.gserviceaccount.com", w.engineers[2]]),
            extra={"serviceData": {"@type": "type.googleapis.com/google.iam.v1.logging.AuditData",
                                   "policyDelta": {"bindingDeltas": [{"action": "REMOVE", "member": f"serviceAccount:{svc.sa}",
                                                                      "role": self.role}]}}}))

        def first(t):
            # the worker's thumbnail/report job hits it first
            wk = w.worker
            g.app(t, wk, rng.pick(wk.alive(t)), "ERROR", self.err(rng),
                  module=f"{wk.pkg}.jobs.{'thumbnails' if self.variant == 'gcs' else 'reports'}", func="run", line=45)
        ep.add(self.t_rc, first)
        r403 = 1 / 200.0
        procs = [ep, Proc("worker-403", first, r403, lambda t: r403 if t > self.t_rc else 0, scaled=True)]
        return procs

    def err(self, rng):
        return self.err_tpl.replace("{obj}", f"{rng.pick(self.w.nouns)[1]}%2F{rng.uuid()}.pdf")

    def on_request(self, g, svc, ep, t, inst):
        if svc is not self.svc or ep.tag not in self.tags or t < self.t_sym:
            return False
        rng = g.rng
        if rng.random() >= self.p_fail(svc, t):
            return False
        self.emit_failure(g, svc, ep, t, inst)
        return True

    def emit_failure(self, g, svc, ep, t, inst, force=False):
        rng = g.rng
        tr = "%032x" % rng.getrandbits(128)
        if rng.random() < 0.35:  # full traceback only on some requests (the handler logs once per object)
            lines = (["Traceback (most recent call last):"]
                     + appf(svc.pkg, "storage/blobs.py" if self.variant == "gcs" else "reports/bq.py", 73,
                            "fetch", "data = blob.download_as_bytes()" if self.variant == "gcs" else "rows = job.result()")
                     + site("google/cloud/_http/__init__.py" if self.variant == "gcs" else "google/cloud/bigquery/job/query.py",
                            494 if self.variant == "gcs" else 1681, "api_request" if self.variant == "gcs" else "result",
                            "raise exceptions.from_http_response(response)" if self.variant == "gcs" else "do_get_result()")
                     + [self.err(rng)])
            g.traceback(t - 0.02, svc, inst, lines, trace=tr)
        if self.variant == "gcs":
            g.app(t - 0.01, svc, inst, "ERROR",
                  f"Failed to serve attachment {rng.hex(12)}: Forbidden; returned 500 to client",
                  module=f"{svc.pkg}.routes.attachments", func="download", line=88, trace=tr, channel="json",
                  error=("Forbidden", "403"))
        else:
            g.app(t - 0.01, svc, inst, "ERROR", "Failed to build report summary: Forbidden; returned 500 to client",
                  module=f"{svc.pkg}.routes.reports", func="summary", line=51, trace=tr, channel="json",
                  error=("Forbidden", "403"))
        lat = rng.uniform(0.08, 0.6)
        g.request(t, svc, inst, ep, 500, lat, trace=tr)
        if force or rng.random() < 0.5:
            web = self.w.web
            wi = rng.pick(web.alive(t))
            g.app(t, web, wi, "ERROR", f"Upstream {svc.name} responded 500 for {ep.method} {ep.route()} after {lat:.1f}s",
                  module=f"{web.pkg}.proxy", func="forward", line=93, trace=tr)
        return True


SCENARIO_CLASSES = {c.name: c for c in (Healthy, PoolExhaustion, OOM, ExpiredCert, SecretDisabled,
                                        ConnectionRefused, RateLimit, DiskFull, BadConfig, PermissionDenied)}


# =============================================================================================
# background traffic and noise
# =============================================================================================


def background(g: Gen, sc: Scenario, templates, dist: Distractors, entries: int):
    """Create the steady processes. Rates at scale 1 are per second; scaled later to hit `entries`."""
    w, rng = g.w, g.rng
    procs = []
    role_share = {"api": 0.55, "web": 0.25, "worker": 0.12, "auth": 0.08}

    # --- request logs ---
    for svc in w.services:
        eps = Weighted([(e, e.weight) for e in svc.endpoints])
        statuses = Weighted([(200, 88), (201, 3), (204, 2.5), (304, 1.5), (400, 0.8), (401, 1.6), (403, 0.4),
                             (404, 2.2), (429, 0.1), (500, 0.02)])
        share = role_share[svc.role]

        access = svc.access_log and svc.role != "web"
        on_request = sc.on_request if sc.name != "healthy" else None

        def emit(t, svc=svc, eps=eps, statuses=statuses, access=access):
            ep = eps.pick(rng)
            alive = svc.alive(t)
            inst = alive[int(rng.random() * len(alive))]
            if on_request is not None and on_request(g, svc, ep, t, inst):
                return
            st = statuses.pick(rng)
            if st == 200:
                st = ep.resp[0]
            lat = rng.lognorm_ms(ep.median_ms, 0.7) * 0.001
            path = g.concrete(ep)
            g.request(t, svc, inst, ep, st, lat, path=path)
            if access:
                g.text(t, svc, inst, "stdout", "INFO",
                       f'INFO:     {g.server_ips[g.grb(8)]}:{32768 + g.grb(14)} - "{ep.method} {path} HTTP/1.1" {st} {_REASON.get(st, "OK")}')

        lines = (2.0 if (svc.access_log and svc.role != "web") else 1.0)
        base = 0.36 * share
        procs.append(Proc(f"req:{svc.name}", emit, base,
                          lines=(lambda t, svc=svc, lines=lines, base=base: lines + sc.fail_lines(svc, t))))

    # --- app noise from templates ---
    fills = g.fill
    for svc in w.services:
        tl = templates.get(svc.role) or templates["api"]
        # zipf-ish weights over a per-world shuffled order
        order = list(range(len(tl)))
        rng_t = Rng(f"tmplw:{w.seed}:{svc.role}")
        rng_t.shuffle(order)
        wt = Weighted([(tl[i], 1.0 / (1 + rank) ** 0.85) for rank, i in enumerate(order)])

        for tp in tl:  # precompute per-template constants
            tp.fns = tuple(fills[f] for f in tp.fills)
            tp.jlabels = {"function": tp.func, "line": str(tp.line), "module": tp.module}
            tp.pylog = svc.log_format == "pylog"
        entry = g._entry
        pylog = g.tf.pylog

        def emit(t, svc=svc, wt=wt):
            tp = wt.pick(rng)
            msg = (tp.fmt % tuple([f() for f in tp.fns])) if tp.fns else tp.fmt
            alive = svc.alive(t)
            inst = alive[int(rng.random() * len(alive))]
            if tp.channel == "json":
                d = entry(t, svc, inst, "stdout", tp.sev, True if rng.random() < 0.6 else None)
                d["jsonPayload"] = {"labels": tp.jlabels, "message": msg, "severity": tp.sev}
            else:
                d = entry(t, svc, inst, tp.stream, tp.sev, True if rng.random() < 0.6 else None)
                if tp.pylog:
                    msg = f"{pylog(g.base_us + int(t * 1_000_000))} {tp.sev} [{tp.module}] {msg}"
                d["textPayload"] = msg

        procs.append(Proc(f"app:{svc.name}", emit, 0.6 * role_share[svc.role]))

    # --- long payload dumps (5-20 KB), rare ---
    def dump(t):
        svc = rng.pick([w.api, w.worker])
        inst = rng.pick(svc.alive(t))
        noun = rng.pick(w.nouns)
        items = []
        size = rng.randrange(5000, 20000)
        acc = 0
        while acc < size:
            it = (f'{{"id": "{rng.uuid()}", "type": "{noun[0]}", "status": "{rng.pick(["active", "pending", "archived"])}", '
                  f'"amount": {rng.randrange(1, 99999) / 100}, "tags": ["{rng.hex(6)}", "{rng.hex(4)}"], '
                  f'"updated_at": "2025-{rng.randrange(1, 12):02d}-{rng.randrange(1, 28):02d}T{rng.randrange(0, 24):02d}:{rng.randrange(0, 60):02d}:00Z"}}')
            items.append(it)
            acc += len(it) + 2
        body = "[" + ", ".join(items) + "]"
        if rng.random() < 0.5:
            g.app(t, svc, inst, "DEBUG", f"Payload dump for {noun[0]} batch {rng.uuid()}: {body}",
                  module=f"{svc.pkg}.debug", func="dump", line=12, channel="text", stream="stdout")
        else:
            g.app(t, svc, inst, "INFO", f"Outbound webhook body ({len(body)} bytes): {body}",
                  module=f"{svc.pkg}.webhooks.dispatcher", func="deliver", line=290, channel="json")
    procs.append(Proc("dumps", dump, 0.0006))

    # --- stderr python warnings / misc, unscaled periodic-ish ---
    # --- instance starts (autoscaling churn, deploy rollouts) ---
    ep = Episodes("starts")
    for svc in w.services:
        for inst in svc.instances:
            if 0 <= inst.t_start < g.duration and inst.kind == "normal":
                lines = ["Registered %d routes" % rng.randrange(40, 160),
                         f"Loaded {rng.randrange(10, 90)} feature flags for {w.env_label}"]
                ep.add(inst.t_start + 8.0,
                       (lambda a, svc=svc, inst=inst, lines=lines: g.startup(inst.t_start, svc, inst,
                                                                              warnings=dist.startup, app_lines=lines)),
                       lines=13 + len(dist.startup))
    procs.append(ep)

    # --- distractors ---
    for name, role, period, fn, lines in dist.periodic:
        svcs = [role] if role is not None else [s for s in w.services if s.role in ("api", "worker")]
        for svc in svcs:  # steady all hour, first occurrence within the first 4 minutes
            prng = Rng(f"per:{w.seed}:{name}:{svc.name}")
            procs.append(Periodic(f"dist:{name}:{svc.name}",
                                  (lambda t, svc=svc, fn=fn: fn(t, svc, rng.pick(svc.alive(t)))),
                                  period, prng, lines=lines, phase=prng.uniform(0, min(period, 240.0))))
    for name, rate, fn, lines in dist.poisson:  # steady, first one within the first 5 minutes
        period = 1.0 / rate
        prng = Rng(f"adv:{w.seed}:{name}")
        procs.append(Periodic(f"adv:{name[:12]}", fn, period, prng, jitter=0.6,
                              phase=prng.uniform(0, min(period, 300.0)), lines=lines))
    return procs


_REASON = {200: "OK", 201: "Created", 202: "Accepted", 204: "No Content", 302: "Found", 304: "Not Modified",
           400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 429: "Too Many Requests",
           500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable"}


# =============================================================================================
# driver
# =============================================================================================


_first = __import__("operator").itemgetter(0)


def window_start(seed: int) -> int:
    r = Rng(f"window:{seed}")
    day = 1_759_276_800 + r.randrange(0, 75) * 86400  # 2025-10-01 + up to 75 days
    return day + r.randrange(0, 24) * 3600 + 5 * r.randrange(0, 12) * 60


def _iso(sec: int) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(sec))


def build(scenario: str, seed: int, impact=None):
    if scenario not in SCENARIO_CLASSES:
        raise ValueError(f"unknown scenario {scenario!r}; choose from {', '.join(SCENARIOS)}")
    if impact is not None and impact not in IMPACTS:
        raise ValueError(f"unknown impact {impact!r}; choose from {', '.join(IMPACTS)}")
    w = World(seed, scenario)
    cls = SCENARIO_CLASSES[scenario]
    if impact is not None and cls is not Healthy and impact not in cls.impacts:
        impact = impact  # allowed anyway: impact only changes severity knobs
    sc = cls(w, impact)
    dist = Distractors(w, Rng(f"dist:{seed}:{scenario}"), scenario)
    return w, sc, dist


def truth_for(scenario: str, seed: int, impact=None, incident_id=None, duration=3600, start=None,
              meta=False) -> dict:
    w, sc, dist = build(scenario, seed, impact)
    t = sc.truth()
    s = window_start(seed) if start is None else start
    t["id"] = incident_id or f"{scenario}-{seed}"
    t["window"] = {"start": _iso(s), "end": _iso(s + int(duration))}
    t["distractors"] = [{"evidence": e} for e in dist.truth]
    if not meta:
        return t
    # generator facts (not part of FORMAT.md; only with meta=True)
    t["generator"] = {"scenario": scenario, "seed": seed, "impact": getattr(sc, "impact", None),
                      "services": [s_.name for s_ in w.services], "project": w.project,
                      "onset": _iso(s + int(sc.t_rc)) if sc.t_rc < INF else None,
                      "change": _iso(s + int(sc.t_change)) if sc.t_change is not None else None}
    return t


def generate(scenario: str, seed: int, entries: int, output: str, gz=None, jsonl=False, style="gcloud",
             impact=None, duration=3600.0, truth=None, incident_id=None, compresslevel=6, start=None,
             quiet=True, debug=False) -> dict:
    """Write the export; return stats {entries, seconds, bytes}."""
    t_wall = time.perf_counter()
    if gz is None:
        gz = output.endswith(".gz")
    w, sc, dist = build(scenario, seed, impact)
    base = window_start(seed) if start is None else int(start)
    rng = Rng(f"stream:{seed}:{scenario}:{entries}")
    g = Gen(w, rng, base * 1_000_000, float(duration))
    dist.g = g
    g.distractors = dist
    g.nf = min(8.0, max(0.5, (entries / 5000.0) ** 0.5))  # how much "fixed-cadence" noise grows with N
    templates = build_templates(w, Rng(f"templates:{seed}"))

    procs = sc.attach(g) + sc.guarantee(g) + background(g, sc, templates, dist, entries)
    if entries <= 0:
        procs = []
    # calibrate the traffic scale so the window holds ~entries
    fixed = sum(p.expected() for p in procs if not p.scaled)
    scaled = sum(p.expected() for p in procs if p.scaled)
    scale = max((entries - fixed) / scaled, 0.02 * entries / max(scaled, 1e-9)) if scaled > 0 else 1.0
    if fixed > entries and not quiet:
        print(f"warning: {entries} entries is below this scenario's fixed-cadence noise (~{fixed:.0f}); "
              f"the output will be larger than asked", file=sys.stderr)
    for p in procs:
        if p.scaled:
            p.mult = scale
        p.start(rng)
    actual = {}
    if debug:
        expected = {}
        for p in procs:
            expected[p.name] = expected.get(p.name, 0) + p.expected()

    writer = Writer(output, style=style, gz=gz, jsonl=jsonl, level=compresslevel)
    bucket = max(0.25, min(120.0, duration * 2000.0 / max(entries, 1)))
    pending = []  # heap of (-us, seq, entry) for entries older than the current bucket
    seq = 0
    end_us = base * 1_000_000 + int(duration * 1_000_000)
    start_us = base * 1_000_000
    hi = float(duration)
    total = 0
    while hi > 0:
        lo = max(0.0, hi - bucket)
        g.out = out = []
        if debug:
            for p in procs:
                n0 = len(out)
                p.fill(lo, rng)
                actual[p.name] = actual.get(p.name, 0) + len(out) - n0
        else:
            for p in procs:
                p.fill(lo, rng)
        lo_us = start_us + int(lo * 1_000_000) if lo > 0 else start_us
        batch = []
        for e in out:
            us = e[0]
            if us >= lo_us:
                if us < end_us:
                    batch.append(e)
            elif us >= start_us:
                seq += 1
                heapq.heappush(pending, (-us, seq, e[1]))
        while pending and -pending[0][0] >= lo_us:
            nus, _, d = heapq.heappop(pending)
            batch.append((-nus, d))
        batch.sort(key=_first, reverse=True)
        writer.write(batch)
        total += len(batch)
        hi = lo
    while pending:  # only possible with lo clamped at 0 (cannot happen) -- keep for safety
        nus, _, d = heapq.heappop(pending)
        writer.write([(-nus, d)])
        total += 1
    writer.close()
    secs = time.perf_counter() - t_wall
    if truth:
        with open(truth, "w") as f:
            json.dump(truth_for(scenario, seed, impact, incident_id, duration, start), f, indent=2)
            f.write("\n")
    stats = {"entries": total, "seconds": round(secs, 3), "entries_per_s": int(total / secs) if secs else 0,
             "scale": round(scale, 4)}
    if debug:
        for k in sorted(set(expected) | set(actual), key=lambda k: -actual.get(k, 0)):
            print(f"  {k:40s} expected {expected.get(k, 0):10.0f} actual {actual.get(k, 0):10d}", file=sys.stderr)
    if not quiet:
        print(json.dumps(stats), file=sys.stderr)
    return stats


# The development set committed under evals/synthetic/ (regenerate with --eval-set DIR).
# (scenario, seed, impact, entries); folder name = f"{scenario}-{seed}".
EVAL_SET = [
    ("pool-exhaustion", 213, "partial", 4000),
    ("pool-exhaustion", 13, "minor", 3000),
    ("oom", 25, "full", 3500),
    ("expired-cert", 39, "partial", 4000),
    ("secret-disabled", 44, "full", 3000),
    ("secret-disabled", 45, "partial", 3000),
    ("connection-refused", 54, "full", 3500),
    ("rate-limit", 66, "minor", 3500),
    ("disk-full", 76, "partial", 3000),
    ("bad-config", 87, "full", 3000),
    ("permission-denied", 98, "partial", 3500),
    ("healthy", 101, None, 5000),
]


def write_eval_set(root: str, quiet=False):
    import os
    out = []
    for scenario, seed, impact, n in EVAL_SET:
        name = f"{scenario}-{seed}"
        d = os.path.join(root, name)
        os.makedirs(d, exist_ok=True)
        st = generate(scenario, seed, n, os.path.join(d, "logs.json.gz"), gz=True, impact=impact,
                      truth=os.path.join(d, "truth.json"), incident_id=name, compresslevel=9)
        out.append((name, st))
        if not quiet:
            print(f"{name:28s} {st['entries']:6d} entries", file=sys.stderr)
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--entries", type=int, default=5000, help="approximate number of log entries (default 5000)")
    ap.add_argument("--scenario", default="healthy", help="one of: " + ", ".join(SCENARIOS))
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--output", "-o", help="output path (.gz implies --gzip)")
    ap.add_argument("--gzip", action="store_true", help="gzip the output")
    ap.add_argument("--jsonl", action="store_true", help="JSON Lines (one entry per line, no array)")
    ap.add_argument("--style", choices=("gcloud", "compact"), default="gcloud",
                    help="gcloud: 2-space indented objects like `gcloud --format=json`; compact: one object per line")
    ap.add_argument("--impact", choices=IMPACTS, default=None,
                    help="incident severity: full (P0), partial (P1), minor (P2); default depends on the seed")
    ap.add_argument("--minutes", type=float, default=60.0, help="window length in minutes (default 60)")
    ap.add_argument("--start", type=int, default=None, help="window start, epoch seconds (default: from the seed)")
    ap.add_argument("--truth", help="also write the matching truth.json here")
    ap.add_argument("--id", dest="incident_id", help="incident id for truth.json (default SCENARIO-SEED)")
    ap.add_argument("--compresslevel", type=int, default=6)
    ap.add_argument("--list-scenarios", action="store_true")
    ap.add_argument("--eval-set", metavar="DIR", help="(re)generate the committed development set (EVAL_SET) into DIR")
    a = ap.parse_args(argv)
    if a.eval_set:
        write_eval_set(a.eval_set)
        return 0
    if a.list_scenarios:
        for s in SCENARIOS:
            c = SCENARIO_CLASSES[s]
            cat = c.category or ("configuration|permissions" if s == "secret-disabled" else "-")
            print(f"{s:20s} category={cat:26s} impacts={','.join(c.impacts) if s != 'healthy' else '-'}")
        return 0
    if not a.output:
        ap.error("--output is required")
    if a.scenario not in SCENARIOS:
        ap.error(f"unknown scenario {a.scenario!r}; choose from {', '.join(SCENARIOS)}")
    generate(a.scenario, a.seed, a.entries, a.output, gz=a.gzip or a.output.endswith(".gz"), jsonl=a.jsonl,
             style=a.style, impact=a.impact, duration=a.minutes * 60.0, truth=a.truth,
             incident_id=a.incident_id, compresslevel=a.compresslevel, start=a.start, quiet=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
