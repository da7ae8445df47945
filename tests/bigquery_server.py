"""A BigQuery REST server on 127.0.0.1 for tests: the real google-cloud-bigquery client talks to it.

It speaks what the client sends for `client.get_table`, `client.query` (jobs.insert, then
jobs.getQueryResults pages; a dry run answers jobs.insert with statistics only) and
`QueryJob.result()` paging, and executes the query by rendering BigQuery SQL to DuckDB with
sqlglot (rca.sources.bqplan.to_duckdb) over tables loaded from LogEntry JSON:
`log_analytics` (the `_AllLogs` layout of a linked dataset) or `log_sink` (a sink's camelCase
RECORD layout). Errors answer like BigQuery does (404 notFound, 403 accessDenied).
"""

from __future__ import annotations

import base64
import json
import threading
import uuid
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import duckdb

from rca.sources import bqplan

# ---------------------------------------------------------------------------- tables

_LA_SCHEMA = [
    ("timestamp", "TIMESTAMP", None), ("receive_timestamp", "TIMESTAMP", None), ("insert_id", "STRING", None),
    ("severity", "STRING", None), ("text_payload", "STRING", None), ("json_payload", "JSON", None),
    ("proto_payload", "JSON", None),
    ("http_request", "RECORD", [("request_method", "STRING", None), ("request_url", "STRING", None),
                                ("status", "INTEGER", None), ("latency", "STRING", None), ("user_agent", "STRING", None)]),
    ("log_name", "STRING", None), ("trace", "STRING", None),
    ("resource", "RECORD", [("type", "STRING", None), ("labels", "JSON", None)]),
    ("labels", "JSON", None),
]
_DUCK = {"TIMESTAMP": "TIMESTAMPTZ", "STRING": "VARCHAR", "JSON": "JSON", "INTEGER": "BIGINT", "FLOAT": "DOUBLE"}


def _duck_type(kind: str, subs: list | None) -> str:
    if kind == "RECORD":
        return "STRUCT(" + ", ".join(f"{n} {_duck_type(k, s)}" for n, k, s in subs) + ")"
    return _DUCK[kind]


def _schema_json(schema: list) -> list[dict]:
    out = []
    for name, kind, subs in schema:
        f = {"name": name, "type": kind, "mode": "NULLABLE"}
        if subs:
            f["fields"] = _schema_json(subs)
        out.append(f)
    return out


def _ts(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    text = value.rstrip("Z")
    if "." in text:
        head, frac = text.split(".", 1)
        text = f"{head}.{frac[:6]}"
    try:
        return datetime.fromisoformat(text).replace(tzinfo=timezone.utc)
    except ValueError:
        return None


def _json(value: Any) -> str | None:
    return None if value is None else json.dumps(value)


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def la_row(e: dict) -> tuple:
    """A LogEntry (gcloud export JSON) as a row of the Log Analytics `_AllLogs` layout."""
    h = e.get("httpRequest")
    http = None
    if isinstance(h, dict):
        status = h.get("status")
        http = {"request_method": _str(h.get("requestMethod")), "request_url": _str(h.get("requestUrl")),
                "status": int(status) if isinstance(status, int) or (isinstance(status, str) and status.isdigit()) else None,
                "latency": _str(h.get("latency")), "user_agent": _str(h.get("userAgent"))}
    r = e.get("resource") if isinstance(e.get("resource"), dict) else {}
    sev = e.get("severity")
    return (_ts(e.get("timestamp")), _ts(e.get("receiveTimestamp")), _str(e.get("insertId")),
            sev if isinstance(sev, str) else ("DEFAULT" if sev is None else None),
            _str(e.get("textPayload")) if "textPayload" in e else None,
            _json(e.get("jsonPayload")) if isinstance(e.get("jsonPayload"), dict) else None,
            _json(e.get("protoPayload")), http, _str(e.get("logName")), _str(e.get("trace")),
            {"type": _str(r.get("type")), "labels": _json(r.get("labels"))}, _json(e.get("labels")))


class Tables:
    """The datasets the server holds: `project.dataset.table` -> DuckDB table + schema."""

    def __init__(self) -> None:
        self.con = duckdb.connect()
        self.con.execute("SET TimeZone = 'UTC'")
        self.schemas: dict[str, tuple[list, dict | None]] = {}
        self.lock = threading.Lock()
        self.denied: set[str] = set()  # tables whose reads answer 403

    def local(self, ref: str) -> str:
        return "t_" + ref.replace(".", "__").replace("-", "_")

    def load_log_analytics(self, ref: str, entries: list[dict]) -> None:
        name = self.local(ref)
        columns = ", ".join(f'"{n}" {_duck_type(k, s)}' for n, k, s in _LA_SCHEMA)
        with self.lock:
            self.con.execute(f"CREATE OR REPLACE TABLE {name} ({columns})")
            rows = [la_row(e) for e in entries if isinstance(e, dict)]
            if rows:
                self.con.executemany(f"INSERT INTO {name} VALUES ({', '.join('?' for _ in _LA_SCHEMA)})", rows)
        self.schemas[ref] = (_LA_SCHEMA, {"type": "DAY", "field": "timestamp"})

    def load_log_sink(self, ref: str, entries: list[dict], tmp: str, ingestion_time: bool = False) -> None:
        """A log sink's table: the LogEntry fields in camelCase, payloads as RECORDs (DuckDB
        STRUCTs inferred from the entries, as a sink's schema grows from what it receives), the
        table partitioned by `timestamp`, or by ingestion time (`_PARTITIONTIME`) for old sinks."""
        import os

        path = os.path.join(tmp, ref.replace(".", "_") + ".json")
        with open(path, "w", encoding="utf-8") as fh:
            json.dump([{k: v for k, v in e.items() if k in _SINK_FIELDS} for e in entries], fh)
        name = self.local(ref)
        present = {k for e in entries for k in e}
        cols = ", ".join(f'"{c}"' for c in _SINK_FIELDS if c in present and c not in ("timestamp", "receiveTimestamp"))
        with self.lock:
            self.con.execute(
                f"CREATE OR REPLACE TABLE {name} AS SELECT CAST(\"timestamp\" AS TIMESTAMPTZ) AS \"timestamp\", "
                f"CAST(receiveTimestamp AS TIMESTAMPTZ) AS receiveTimestamp, {cols}, "
                f"date_trunc('day', CAST(\"timestamp\" AS TIMESTAMPTZ)) AS _PARTITIONTIME "
                f"FROM read_json('{path}', format='array', sample_size=-1, map_inference_threshold=-1)")
            described = self.con.execute(f"DESCRIBE {name}").fetchall()
        fields = [_bq_field(n, t) for n, t, *_ in described if n != "_PARTITIONTIME"]
        self.schemas[ref] = (_schema_tuples(fields), {"type": "DAY"} if ingestion_time else {"type": "DAY", "field": "timestamp"})


_SINK_FIELDS = ("timestamp", "receiveTimestamp", "insertId", "severity", "textPayload", "jsonPayload", "protoPayload",
                "httpRequest", "labels", "resource", "logName", "trace")


def _bq_field(name: str, duck_type: str) -> dict:
    """A BigQuery schema field for a DuckDB column type (STRUCT -> RECORD, LIST -> REPEATED)."""
    t = duck_type.strip()
    if t.endswith("[]"):
        return {**_bq_field(name, t[:-2]), "mode": "REPEATED"}
    if t.upper().startswith("STRUCT("):
        inner = t[7:-1]
        fields, depth, start = [], 0, 0
        for i, ch in enumerate(inner + ","):
            depth += ch == "("
            depth -= ch == ")"
            if ch == "," and depth == 0:
                part = inner[start:i].strip()
                sub, sub_type = part.split(" ", 1)
                fields.append(_bq_field(sub.strip('"'), sub_type))
                start = i + 1
        return {"name": name, "type": "RECORD", "mode": "NULLABLE", "fields": fields}
    return {"name": name, "type": _KIND.get(t.upper(), "JSON" if t.upper().startswith("MAP") else "STRING"),
            "mode": "NULLABLE"}


def _schema_tuples(fields: list[dict]) -> list:
    return [(f["name"], f["type"], _schema_tuples(f["fields"]) if f.get("fields") else None) for f in fields]


# ---------------------------------------------------------------------------- values


def _cell(value: Any) -> Any:
    """A value as the REST API writes it in `rows[].f[].v` (strings; TIMESTAMP as float seconds)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return f"{value.timestamp():.6f}"
    if isinstance(value, (list, tuple)):
        return [{"v": _cell(v)} for v in value]
    if isinstance(value, dict):
        return {"f": [{"v": _cell(v)} for v in value.values()]}
    if isinstance(value, bytes):
        return base64.b64encode(value).decode()
    return str(value)


_KIND = {"BIGINT": "INTEGER", "INTEGER": "INTEGER", "HUGEINT": "INTEGER", "DOUBLE": "FLOAT", "FLOAT": "FLOAT",
         "VARCHAR": "STRING", "BOOLEAN": "BOOLEAN", "TIMESTAMP WITH TIME ZONE": "TIMESTAMP", "JSON": "JSON"}


def _field(name: str, duck_type: str) -> dict:
    return {"name": name, "type": _KIND.get(str(duck_type).upper(), "STRING"), "mode": "NULLABLE"}


# ---------------------------------------------------------------------------- server


class FakeBigQuery:
    """Start with `with FakeBigQuery() as bq:`; `bq.endpoint` for client_options; `bq.tables` to load."""

    def __init__(self, page_rows: int = 500) -> None:
        self.tables = Tables()
        self.jobs: dict[str, dict] = {}
        self.requests: list[tuple[str, str, dict | None]] = []
        self.page_rows = page_rows
        self._server: ThreadingHTTPServer | None = None

    def __enter__(self) -> FakeBigQuery:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def _body(self) -> dict | None:
                length = int(self.headers.get("Content-Length") or 0)
                return json.loads(self.rfile.read(length) or b"{}") if length else None

            def _send(self, status: int, payload: dict) -> None:
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=UTF-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _answer(self, method: str, body: dict | None) -> None:
                fake.requests.append((method, self.path, body))
                try:
                    status, payload = fake.handle(method, self.path, body)
                except Exception as exc:  # noqa: BLE001 - a query the fake cannot run: BigQuery's 400
                    status, payload = fake._error(400, "invalidQuery", f"{type(exc).__name__}: {exc}")
                self._send(status, payload)

            def do_GET(self) -> None:
                self._answer("GET", None)

            def do_POST(self) -> None:
                self._answer("POST", self._body())

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: Any) -> None:
        assert self._server is not None
        self._server.shutdown()
        self._server.server_close()

    @property
    def endpoint(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    # -- routes ---------------------------------------------------------------

    @staticmethod
    def _error(status: int, reason: str, message: str) -> tuple[int, dict]:
        return status, {"error": {"code": status, "message": message, "errors": [{"reason": reason, "message": message}],
                                  "status": {404: "NOT_FOUND", 403: "PERMISSION_DENIED", 400: "INVALID_ARGUMENT"}.get(status, "")}}

    def handle(self, method: str, path: str, body: dict | None) -> tuple[int, dict]:
        from urllib.parse import parse_qs, urlparse

        url = urlparse(path)
        parts = [p for p in url.path.split("/") if p]
        query = {k: v[-1] for k, v in parse_qs(url.query).items()}
        if parts[:2] != ["bigquery", "v2"] or len(parts) < 4 or parts[2] != "projects":
            return self._error(404, "notFound", f"Not found: {url.path}")
        project = parts[3]
        rest = parts[4:]
        if method == "GET" and len(rest) == 4 and rest[0] == "datasets" and rest[2] == "tables":
            return self.get_table(f"{project}.{rest[1]}.{rest[3]}")
        if method == "POST" and rest == ["jobs"]:
            return self.insert_job(project, body or {})
        if method == "POST" and rest == ["queries"]:
            return self.query(project, body or {})
        if method == "GET" and len(rest) == 2 and rest[0] == "queries":
            return self.results(project, rest[1], query)
        if method == "GET" and len(rest) == 2 and rest[0] == "jobs":
            return self.get_job(project, rest[1])
        return self._error(404, "notFound", f"Not found: {url.path}")

    def get_table(self, ref: str) -> tuple[int, dict]:
        if ref in self.tables.denied:
            return self._error(403, "accessDenied", f"Access Denied: Table {ref}: Permission bigquery.tables.get denied on table {ref} (or it may not exist).")
        if ref not in self.tables.schemas:
            project, dataset, table = ref.split(".")
            return self._error(404, "notFound", f"Not found: Table {project}:{dataset}.{table}")
        schema, partitioning = self.tables.schemas[ref]
        project, dataset, table = ref.split(".")
        out = {"kind": "bigquery#table", "id": f"{project}:{dataset}.{table}", "type": "VIEW" if table.startswith("_") else "TABLE",
               "tableReference": {"projectId": project, "datasetId": dataset, "tableId": table},
               "schema": {"fields": _schema_json(schema)}}
        if partitioning:
            out["timePartitioning"] = partitioning
        return 200, out

    def _tables_in(self, sql: str) -> list[str]:
        import sqlglot
        from sqlglot import exp

        refs = []
        for t in sqlglot.parse_one(sql, read="bigquery").find_all(exp.Table):
            parts = [p for p in (t.catalog, t.db, t.name) if p]
            if len(parts) == 3:
                refs.append(".".join(parts))
        return refs

    def _run(self, sql: str) -> tuple[list[dict], list[tuple]]:
        duck = bqplan.to_duckdb(sql)
        for ref in self._tables_in(sql):
            project, dataset, table = ref.split(".")
            duck = duck.replace(f'"{project}"."{dataset}"."{table}"', self.tables.local(ref))
        with self.tables.lock:
            cur = self.tables.con.execute(duck)
            fields = [_field(d[0], d[1]) for d in cur.description]
            rows = cur.fetchall()
        return fields, rows

    def _check(self, sql: str) -> tuple[int, dict] | None:
        for ref in self._tables_in(sql):
            if ref in self.tables.denied:
                return self._error(403, "accessDenied", f"Access Denied: Table {ref}: User does not have permission to query table {ref}, or perhaps it does not exist.")
            if ref not in self.tables.schemas:
                project, dataset, table = ref.split(".")
                return self._error(404, "notFound", f"Not found: Table {project}:{dataset}.{table} was not found in location US")
        return None

    def _bytes(self, sql: str) -> int:
        """totalBytesProcessed as BigQuery counts it for on-demand queries: the sizes of the
        columns the query reads, over the rows its filter on the table keeps (its partitions)."""
        import sqlglot
        from sqlglot import exp

        total = 0
        for select in sqlglot.parse_one(sql, read="bigquery").find_all(exp.Select):
            source = select.args.get("from_") or select.args.get("from")
            table = source.this if source is not None else None
            if not isinstance(table, exp.Table) or not table.catalog:
                continue
            ref = f"{table.catalog}.{table.db}.{table.name}"
            names = sorted({c.parts[0].name for c in select.find_all(exp.Column)} & {n for n, _, _ in self.tables.schemas[ref][0]})
            where = select.args.get("where")
            cond = bqplan.to_duckdb(f"SELECT 1 FROM x WHERE {where.this.sql(dialect='bigquery')}").split(" WHERE ", 1)[1] if where else "TRUE"
            sizes = " + ".join(f'coalesce(strlen(CAST("{n}" AS VARCHAR)), 0)' for n in names) or "0"
            with self.tables.lock:
                (n,) = self.tables.con.execute(f"SELECT coalesce(sum({sizes}), 0) FROM {self.tables.local(ref)} WHERE {cond}").fetchone()
            total += int(n)
        return total

    def insert_job(self, project: str, body: dict) -> tuple[int, dict]:
        config = body.get("configuration", {})
        sql = config.get("query", {}).get("query", "")
        ref = body.get("jobReference") or {}
        job_id = ref.get("jobId") or uuid.uuid4().hex
        error = self._check(sql)
        if error is not None:
            return error
        job = {"kind": "bigquery#job", "id": f"{project}:US.{job_id}",
               "jobReference": {"projectId": project, "jobId": job_id, "location": "US"},
               "configuration": config, "status": {"state": "DONE"},
               "statistics": {"creationTime": "0", "startTime": "0", "endTime": "0",
                              "totalBytesProcessed": str(self._bytes(sql)),
                              "query": {"totalBytesProcessed": str(self._bytes(sql)), "statementType": "SELECT"}}}
        if config.get("dryRun"):
            return 200, job
        fields, rows = self._run(sql)
        self.jobs[job_id] = {"fields": fields, "rows": rows, "job": job, "project": project}
        return 200, job

    def get_job(self, project: str, job_id: str) -> tuple[int, dict]:
        if job_id not in self.jobs:
            return self._error(404, "notFound", f"Not found: Job {project}:{job_id}")
        return 200, self.jobs[job_id]["job"]

    def query(self, project: str, body: dict) -> tuple[int, dict]:
        job_id = uuid.uuid4().hex
        status, job = self.insert_job(project, {"jobReference": {"projectId": project, "jobId": job_id},
                                                 "configuration": {"query": {"query": body.get("query", "")}, "dryRun": body.get("dryRun", False)}})
        if status != 200:
            return status, job
        return self.results(project, job_id, {"maxResults": body.get("maxResults")})

    def results(self, project: str, job_id: str, query: dict) -> tuple[int, dict]:
        if job_id not in self.jobs:
            return self._error(404, "notFound", f"Not found: Job {project}:{job_id}")
        job = self.jobs[job_id]
        start = int(query.get("pageToken") or query.get("startIndex") or 0)
        size = min(int(query.get("maxResults") or self.page_rows), self.page_rows)
        page = job["rows"][start:start + size]
        out = {"kind": "bigquery#getQueryResultsResponse", "jobComplete": True,
               "jobReference": job["job"]["jobReference"], "schema": {"fields": job["fields"]},
               "totalRows": str(len(job["rows"])), "rows": [{"f": [{"v": _cell(v)} for v in row]} for row in page]}
        if start + size < len(job["rows"]):
            out["pageToken"] = str(start + size)
        return 200, out
