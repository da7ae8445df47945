"""The reduction's first stage for BigQuery: one SQL definition, rendered to BigQuery and DuckDB.

The query reads a Log Analytics view (`_AllLogs` of a linked dataset) or a log-sink table, only
the columns rca uses and only the partitions of the window, and returns five kinds of rows:

- `g` groups: entries the SQL normalises exactly as `gcloud.normalize_row` would (the common
  shapes), aggregated per (pre-masked message, minute, severity, service, revision, instance,
  stream, HTTP status, latency, endpoint, exception) with counts, first/last seen and a sample;
- `m` messages: per pre-masked message, its first distinct raw messages with counts (the
  parameter values mining reads);
- `l` links: pre-masked message pairs that follow each other on one instance / trace within
  `batches.LINK_WINDOW_S` (pairs of two raw entries are counted locally, from their exact text);
- `r` raw entries: entries of a shape the SQL does not normalise, and traceback lines with their
  neighbours (ordered work), as LogEntry JSON for the same Python path a file takes;
- `t` totals (entries in the window, those that needed ordered work).

The definition is written once, in BigQuery's dialect, from the very rule data and SQL fragments
`rca.sources.plan` uses for DuckDB (severity names, reason phrases, exception names, line rules,
pre-mask); `to_duckdb` renders it for DuckDB with sqlglot, with BigQuery's semantics where the two
differ (JSON_TYPE names, FORMAT, REGEXP_EXTRACT without a match). `tests/test_bigquery.py` runs
that rendering over every shared incident and checks the clusters equal the file path's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

import re

import sqlglot
from sqlglot import exp
from sqlglot.dialects.bigquery import BigQuery
from sqlglot.dialects.duckdb import DuckDB

from rca import batches
from rca.sources import gcloud, plan
from rca.sources.tracebacks import MAX_MESSAGE_CHARS

# ------------------------------------------------------------------------------ dialects


def _bq_contains(self: BigQuery.Generator, e: exp.Contains) -> str:
    return f"(STRPOS({self.sql(e, 'this')}, {self.sql(e, 'expression')}) > 0)"


def _bq_regexp_replace(self: BigQuery.Generator, e: exp.RegexpReplace) -> str:
    # BigQuery replaces every match (DuckDB's 'g'); the plan's single replacements are anchored
    return f"REGEXP_REPLACE({self.sql(e, 'this')}, {self.sql(e, 'expression')}, {self.sql(e, 'replacement')})"


def _bq_split_part(self: BigQuery.Generator, e: exp.SplitPart) -> str:
    index = int(e.args["part_index"].name) - 1
    return f"IFNULL(SPLIT({self.sql(e, 'this')}, {self.sql(e, 'delimiter')})[SAFE_OFFSET({index})], '')"


def _bq_anonymous(self: BigQuery.Generator, e: exp.Anonymous) -> str:
    if e.name.lower() == "printf":
        return self.func("FORMAT", *e.expressions)
    return self.anonymous_sql(e)


class BigQueryOut(BigQuery):
    """BigQuery, written from the plan's DuckDB fragments."""

    class Generator(BigQuery.Generator):
        TRANSFORMS = {
            **BigQuery.Generator.TRANSFORMS,
            exp.Contains: _bq_contains,
            exp.RegexpReplace: _bq_regexp_replace,
            exp.SplitPart: _bq_split_part,
            exp.Anonymous: _bq_anonymous,
        }


_JSON_TYPE_NAMES = ("CASE json_type({x}) WHEN 'VARCHAR' THEN 'string' WHEN 'OBJECT' THEN 'object' "
                    "WHEN 'ARRAY' THEN 'array' WHEN 'BOOLEAN' THEN 'boolean' WHEN 'NULL' THEN 'null' "
                    "WHEN NULL THEN NULL ELSE 'number' END")


def _duck_json_type(self: DuckDB.Generator, e: exp.JSONType) -> str:
    return "(" + _JSON_TYPE_NAMES.format(x=self.sql(e, "this")) + ")"


def _duck_json_format(self: DuckDB.Generator, e: exp.JSONFormat) -> str:
    # BigQuery's TO_JSON gives a JSON value (sqlglot casts it to text, as for TO_JSON_STRING)
    if e.args.get("to_json"):
        return self.func("to_json", e.this)
    return f"CAST(to_json({self.sql(e, 'this')}) AS VARCHAR)"


def _duck_format(self: DuckDB.Generator, e: exp.Format) -> str:
    return self.func("printf", e.this, *e.expressions)


class DuckDBFromBigQuery(DuckDB):
    """DuckDB with BigQuery's meaning for the functions the two spell alike but answer apart."""

    class Generator(DuckDB.Generator):
        TRANSFORMS = {**DuckDB.Generator.TRANSFORMS, exp.JSONType: _duck_json_type, exp.Format: _duck_format,
                      exp.JSONFormat: _duck_json_format}


def bq(duck_sql: str) -> str:
    """A DuckDB fragment of rca.sources.plan, in BigQuery's dialect."""
    return sqlglot.transpile(duck_sql, read="duckdb", write=BigQueryOut, unsupported_level=sqlglot.ErrorLevel.RAISE)[0]


def to_duckdb(bigquery_sql: str) -> str:
    """The BigQuery query rendered for DuckDB (the equivalence test and the loopback server)."""
    return sqlglot.transpile(bigquery_sql, read="bigquery", write=DuckDBFromBigQuery)[0]


# ------------------------------------------------------------------------------ the table


@dataclass(frozen=True)
class Columns:
    """Expressions over the table for the fields rca reads, from its schema (Log Analytics:
    snake_case columns, JSON payload and labels; log sink: camelCase RECORDs)."""

    timestamp: str
    receive_timestamp: str | None
    insert_id: str | None
    severity: str | None
    text_payload: str | None
    json_payload: str | None  # a JSON value
    proto_present: str | None
    proto_payload: str | None  # JSON
    http_present: str | None
    http_method: str | None
    http_url: str | None
    http_status: str | None
    http_latency: str | None  # seconds, FLOAT64
    http_user_agent: str | None
    log_name: str | None
    trace: str | None
    resource_type: str | None
    resource_labels: str | None  # JSON
    labels: str | None  # JSON
    partition_filter: str  # '' or a filter on _PARTITIONTIME


def columns_from_schema(schema: list, partitioning: dict | None) -> Columns:
    """Pick the expressions from a table schema (`google.cloud.bigquery.SchemaField`s).

    Raises ValueError naming what is missing when the table is not a log table."""
    fields = {f.name.lower(): f for f in schema}

    def field(*names: str):
        for n in names:
            if n.lower() in fields:
                return fields[n.lower()]
        return None

    def sub(parent, *names: str):
        subs = {f.name.lower(): f for f in (parent.fields or ())} if parent is not None else {}
        for n in names:
            if n.lower() in subs:
                return subs[n.lower()]
        return None

    def as_json(parent_name: str, f) -> str | None:
        if f is None:
            return None
        if f.field_type == "JSON":
            return parent_name
        if f.field_type in ("RECORD", "STRUCT"):
            return f"TO_JSON({parent_name})"
        if f.field_type == "STRING":
            return f"SAFE.PARSE_JSON({parent_name})"
        return None

    ts = field("timestamp")
    if ts is None:
        raise ValueError("it has no `timestamp` column: not a Log Analytics view or a log-sink table")
    received = field("receive_timestamp", "receiveTimestamp")
    http = field("http_request", "httpRequest")
    h = http.name if http is not None else ""
    method, url, status, latency = (sub(http, "request_method", "requestMethod"), sub(http, "request_url", "requestUrl"),
                                    sub(http, "status"), sub(http, "latency"))
    agent = sub(http, "user_agent", "userAgent")
    lat = None
    if latency is not None:
        name = f"{h}.{latency.name}"
        if latency.field_type == "STRING":
            lat = f"SAFE_CAST(REGEXP_REPLACE({name}, r's$', '') AS FLOAT64)"
        elif latency.field_type in ("RECORD", "STRUCT"):
            lat = f"({name}.seconds + {name}.nanos / 1e9)"
        elif latency.field_type in ("FLOAT", "FLOAT64", "NUMERIC"):
            lat = f"CAST({name} AS FLOAT64)"
    resource = field("resource")
    rtype = sub(resource, "type")
    rlabels = sub(resource, "labels")
    json_payload = field("json_payload", "jsonPayload")
    text_payload = field("text_payload", "textPayload")
    proto = field("proto_payload", "protoPayload")
    labels = field("labels")
    severity = field("severity")
    log_name = field("log_name", "logName")
    trace = field("trace")
    insert_id = field("insert_id", "insertId")
    part = ""
    if partitioning is not None and not partitioning.get("field") and partitioning.get("type") in ("DAY", "HOUR", "MONTH", "YEAR"):
        part = "_PARTITIONTIME"  # ingestion-time partitioned (legacy sinks)
    return Columns(
        timestamp=ts.name,
        receive_timestamp=received.name if received is not None else None,
        insert_id=insert_id.name if insert_id is not None else None,
        severity=severity.name if severity is not None else None,
        text_payload=text_payload.name if text_payload is not None and text_payload.field_type == "STRING" else None,
        json_payload=as_json(json_payload.name, json_payload) if json_payload is not None else None,
        proto_present=f"{proto.name} IS NOT NULL" if proto is not None else None,
        proto_payload=as_json(proto.name, proto) if proto is not None else None,
        http_present=(f"({h} IS NOT NULL AND COALESCE({h}.{status.name} IS NOT NULL, FALSE) OR "
                      f"COALESCE({h}.{method.name} IS NOT NULL, FALSE) OR COALESCE({h}.{url.name} IS NOT NULL, FALSE))"
                      if http is not None and status is not None and method is not None and url is not None else None),
        http_method=f"{h}.{method.name}" if method is not None else None,
        http_url=f"{h}.{url.name}" if url is not None else None,
        http_status=f"{h}.{status.name}" if status is not None else None,
        http_latency=lat,
        http_user_agent=f"{h}.{agent.name}" if agent is not None and agent.field_type == "STRING" else None,
        log_name=log_name.name if log_name is not None else None,
        trace=trace.name if trace is not None else None,
        resource_type=f"{resource.name}.{rtype.name}" if rtype is not None else None,
        resource_labels=as_json(f"{resource.name}.{rlabels.name}", rlabels) if rlabels is not None else None,
        labels=as_json(labels.name, labels) if labels is not None else None,
        partition_filter=part,
    )


def _ts_literal(value: datetime) -> str:
    return "TIMESTAMP '" + value.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f") + "+00'"


def _or_null(expr: str | None, kind: str) -> str:
    return expr if expr is not None else f"CAST(NULL AS {kind})"


def source_sql(table: str, cols: Columns, start: datetime, end: datetime) -> str:
    """The uniform relation the stage reads: the fields rca uses, of the window's partitions only."""
    ts = cols.timestamp if cols.receive_timestamp is None else f"COALESCE({cols.timestamp}, {cols.receive_timestamp})"
    where = [f"{cols.timestamp} >= {_ts_literal(start)}", f"{cols.timestamp} <= {_ts_literal(end)}"]
    if cols.partition_filter:
        where.append(f"{cols.partition_filter} BETWEEN TIMESTAMP_TRUNC({_ts_literal(start)}, DAY) AND {_ts_literal(end)}")
    return f"""SELECT
  {ts} AS ts_raw,
  {_or_null(cols.insert_id, 'STRING')} AS insert_id,
  {_or_null(cols.severity, 'STRING')} AS severity,
  {_or_null(cols.text_payload, 'STRING')} AS text_payload,
  {_or_null(cols.json_payload, 'JSON')} AS jp,
  {cols.proto_present or 'FALSE'} AS has_proto,
  {_or_null(cols.proto_payload, 'JSON')} AS pp,
  COALESCE({cols.http_present or 'FALSE'}, FALSE) AS has_http,
  {_or_null(cols.http_method, 'STRING')} AS http_method,
  {_or_null(cols.http_url, 'STRING')} AS http_url,
  {_or_null(cols.http_status, 'INT64')} AS http_status,
  {_or_null(cols.http_latency, 'FLOAT64')} AS http_latency,
  {_or_null(cols.http_user_agent, 'STRING')} AS http_user_agent,
  {_or_null(cols.log_name, 'STRING')} AS log_name,
  {_or_null(cols.trace, 'STRING')} AS trace_raw,
  {_or_null(cols.resource_type, 'STRING')} AS resource_type,
  {_or_null(cols.resource_labels, 'JSON')} AS rl,
  {_or_null(cols.labels, 'JSON')} AS labels
FROM `{table}`
WHERE {' AND '.join(where)}"""


# ------------------------------------------------------------------------------ stage 1


def _jt(path: str) -> str:
    """BigQuery's JSON type name of a jsonPayload field ('null' when absent)."""
    return f"IFNULL(JSON_TYPE(JSON_QUERY(jp, '$.{path}')), 'null')"


def _jv(path: str, json: str = "jp") -> str:
    return f"JSON_VALUE({json}, '$.{path}')"


def _rget(*keys: str) -> str:
    return "COALESCE(" + ", ".join(f"NULLIF({_jv(k, 'rl')}, '')" for k in keys) + ", '')"


# The rules plan.py writes once over accessors, read here through placeholders (DuckDB's dialect
# cannot parse BigQuery's JSON reads): written with them, transpiled, then filled in (`_fill`).
_JSON = plan.JsonReads(t=lambda k: f"zz_jt_{plan._JSON_KEYS.index(k)}", v=lambda k: f"zz_jv_{plan._JSON_KEYS.index(k)}",
                       string="'string'", null="'null'", obj="'object'")


def _fill(sql: str) -> str:
    """BigQuery's reads for the placeholders of `_JSON` and `_service`."""
    def one(m: re.Match) -> str:
        name = m.group(1)
        if name == "inst":
            return f"COALESCE(NULLIF({_jv('instanceId', 'labels')}, ''), {_jv('instanceid', 'labels')})"
        if name == "vm":
            return _jv(f'"{gcloud.GCE_NAME_LABEL}"', "labels")
        if name == "jp":
            return "JSON_TYPE(jp)"
        if name.startswith("app"):
            return _jv(f'"{gcloud.K8S_APP_LABELS[int(name[3:])]}"', "labels")
        if name.startswith(("jt_", "jv_")):
            key = plan._json_path(plan._JSON_KEYS[int(name[3:])])
            return _jt(key) if name.startswith("jt_") else _jv(key)
        return _jv(name[3:], "rl")
    return re.sub(r"\bzz_(inst|vm|jp|app[0-9]+|jt_[0-9]+|jv_[0-9]+|rl_[a-z_]+)\b", one, sql)


def _bq(duck_sql: str) -> str:
    """A plan.py fragment with placeholders, in BigQuery's dialect and filled in."""
    return _fill(bq(duck_sql))


def _service() -> tuple[str, str]:
    """plan.service_sql over this table's label columns."""
    def rget(*keys: str) -> str:
        return "coalesce(" + ", ".join(f"nullif(zz_rl_{k}, '')" for k in keys) + ", '')"

    def label(key: str) -> str:
        return ("zz_inst" if key == "instanceId" else "zz_vm" if key == gcloud.GCE_NAME_LABEL
                else f"zz_app{gcloud.K8S_APP_LABELS.index(key)}")

    svc, inst = plan.service_sql(rget, label)
    return _bq(svc), _bq(inst)


def _normalised() -> str:
    """Per entry: the fields as `normalize_row` makes them, and `plain` where that is exact."""
    jmsg = _bq(plan.json_message_sql(_JSON, "j_msg0"))
    j_plain = _bq(plan.json_plain_sql(_JSON, "zz_jp", "j_used"))
    url_path = bq(plan.url_path_sql("http_url"))
    endpoint = (f"(CASE WHEN has_http THEN (CASE WHEN NULLIF(http_method, '') IS NOT NULL THEN http_method || ' ' ELSE '' END) "
                f"|| (CASE WHEN http_url IS NOT NULL THEN {url_path} ELSE '/' END) ELSE '' END)")
    http_msg = (f"endpoint || ' → ' || {bq(plan.status_text_sql('status'))} || (CASE WHEN latency IS NULL THEN '' "
                f"ELSE ' (' || {bq(plan.format_latency_sql('latency'))} || ')' END)")
    stream = ("REGEXP_REPLACE(REPLACE(REPLACE(IFNULL(REGEXP_EXTRACT(log_name, r'^.*/logs/(.*)$'), log_name), '%2F', '/'), "
              "'%2f', '/'), r'^[^/]*\\.[^/]*/', '')")
    # every prefixed or logfmt line is left to normalize_row (the plan parses prefixes in SQL;
    # this query does not yet): its pattern index is given as LOGFMT, which line_rules_sql sends there
    index = (f"(CASE WHEN regexp_matches(text_payload, {plan.q(plan._PREFIX_ANY)}) OR regexp_matches(text_payload, "
             f"{plan.q(plan.lineformat.LOGFMT_START)}) THEN {plan.LOGFMT} ELSE 0 END)")
    text_rules = bq(plan.line_rules_sql("text_payload", "text_payload", index, "text_payload", "''", "NOT has_http",
                                        "resource_type"))
    minute_us = "UNIX_MICROS(TIMESTAMP_TRUNC(ts_raw, MINUTE))"
    svc_raw, inst = _service()
    return f"""
SELECT *,
  {bq(plan.severity_sql('sev0', 'inner_sev', 'status', plan.infer_severity_sql('msg')))} AS sev,
  {bq(plan.service_or_subject_sql('svc_raw', 'msg', 'stream'))} AS svc,
  {bq(plan.exception_sql('msg', 'msg'))} AS exc
FROM (
  SELECT *,
    CASE WHEN base_msg = '' AND has_http THEN {http_msg} ELSE base_msg END AS msg,
    plain0 AND LENGTH(base_msg) <= {MAX_MESSAGE_CHARS}
      AND NOT {bq(plan._needs_python_sql('base_msg'))}
      AND STRPOS(stream, '%') = 0 AS plain
  FROM (
    SELECT *,
      {endpoint} AS endpoint,
      CASE WHEN has_http THEN http_status END AS status,
      CASE WHEN has_http THEN http_latency END AS latency,
      {bq(plan.push_sql('http_user_agent'))} AS push,
      CASE WHEN text_payload IS NOT NULL THEN text_payload WHEN jp IS NOT NULL THEN {jmsg} ELSE '' END AS base_msg,
      CASE WHEN text_payload IS NULL AND JSON_TYPE(jp) = 'object' THEN {_bq(plan.json_level_sql(_JSON))} ELSE 'DEFAULT' END AS inner_sev,
      {bq(plan._severity_case("coalesce(severity, '')"))} AS sev0,
      {svc_raw} AS svc_raw,
      {stream} AS stream,
      {_rget('revision_name', 'version_id')} AS rev,
      {inst} AS inst,
      IFNULL(REGEXP_EXTRACT(IFNULL(trace_raw, ''), r'([^/]*)$'), '') AS trace,
      CAST({minute_us} / 1000000 AS INT64) AS minute_s,
      UNIX_MICROS(ts_raw) AS us,
      (
        (text_payload IS NOT NULL AND NOT STARTS_WITH(text_payload, '{{') AND NOT {text_rules})
        OR (text_payload IS NULL AND jp IS NOT NULL AND {j_plain})
        OR (text_payload IS NULL AND jp IS NULL AND NOT has_proto AND has_http)
      ) AND ts_raw IS NOT NULL AND IFNULL(REGEXP_CONTAINS(severity, r'^[A-Za-z]*$'), TRUE) AS plain0
    FROM (SELECT *, {_bq(plan.json_first_sql(_JSON, "j_used"))} AS j_msg0 FROM (SELECT *, {_bq(plan.json_used_sql(_JSON))} AS j_used FROM src))
  )
)"""


def _entry_json() -> str:
    """The entry as a LogEntry JSON object (the camelCase fields a gcloud export has)."""
    ts = "FORMAT_TIMESTAMP('%Y-%m-%dT%H:%M:%E6SZ', ts_raw)"
    http = ("IF(has_http, JSON_STRIP_NULLS(JSON_OBJECT('requestMethod', http_method, 'requestUrl', http_url, 'status', http_status, "
            "'latency', IF(http_latency IS NULL, NULL, CAST(http_latency AS STRING) || 's'), 'userAgent', http_user_agent)), NULL)")
    return (f"TO_JSON_STRING(JSON_STRIP_NULLS(JSON_OBJECT('timestamp', {ts}, 'insertId', insert_id, 'severity', severity, "
            f"'textPayload', text_payload, 'jsonPayload', jp, 'protoPayload', pp, 'httpRequest', {http}, 'logName', log_name, 'trace', trace_raw, "
            f"'resource', JSON_OBJECT('type', resource_type, 'labels', rl), 'labels', labels)))")


def stage1_sql(table: str, cols: Columns, start: datetime, end: datetime, max_raw: int) -> str:
    """The whole query (BigQuery dialect)."""
    cand = bq(plan.trace_candidate_sql("msg", "exc"))
    key = "inst, stream, svc"
    premask = bq(plan.premask_sql("msg"))
    window_us = int(batches.LINK_WINDOW_S * 1_000_000)
    # links between entries read one by one are computed locally, from their exact messages
    link_side = """SELECT pm, us, raw, '{via}' AS via, LAG(pm) OVER w AS ppm, LAG(us) OVER w AS pus, LAG(raw) OVER w AS praw
  FROM f WHERE {col} <> '' WINDOW w AS (PARTITION BY {col} ORDER BY us, insert_id)"""
    return f"""WITH src AS (
{source_sql(table, cols, start, end)}
), n AS ({_normalised()}
), c AS (
  SELECT *, plain AND {cand} AS cand FROM n
), f AS (
  SELECT *, {premask} AS pm,
    NOT plain OR cand OR IFNULL(LAG(cand) OVER (PARTITION BY {key} ORDER BY us, insert_id), FALSE)
      OR COUNTIF(cand) OVER (PARTITION BY {key}, us) > 0 AS raw
  FROM c
), g AS (
  SELECT pm, minute_s, sev, svc, rev, inst, stream, status, latency, endpoint, exc, push,
    COUNT(*) AS n, MIN(us) AS first_us, MAX(us) AS last_us, MIN_BY(msg, us) AS sample, COUNTIF(trace <> '') AS traced
  FROM f WHERE NOT raw
  GROUP BY pm, minute_s, sev, svc, rev, inst, stream, status, latency, endpoint, exc, push
), m AS (
  SELECT pm, m, n, first_us FROM (
    SELECT pm, m, COUNT(*) AS n, MIN(us) AS first_us, ROW_NUMBER() OVER (PARTITION BY pm ORDER BY MIN(us)) AS rank
    FROM (SELECT pm, LEFT(msg, {batches.MESSAGE_CHARS}) AS m, us FROM f WHERE NOT raw) GROUP BY pm, m
  ) WHERE rank <= {batches.MESSAGES_KEPT}
), l AS (
  SELECT CASE WHEN pus <= us THEN ppm ELSE pm END AS src_pm, CASE WHEN pus <= us THEN pm ELSE ppm END AS dst_pm,
    via, COUNT(*) AS n
  FROM ({link_side.format(via='instance', col='inst')} UNION ALL {link_side.format(via='trace', col='trace')})
  WHERE ppm IS NOT NULL AND ppm <> pm AND ABS(us - pus) <= {window_us} AND NOT (raw AND praw)
  GROUP BY src_pm, dst_pm, via
), r AS (
  SELECT us, {_entry_json()} AS entry FROM f WHERE raw ORDER BY us, insert_id LIMIT {max_raw}
)
SELECT 'g' AS kind, pm, minute_s, sev, svc, rev, inst, stream, status, latency, endpoint, exc, n, first_us, last_us,
  sample AS text, traced, CAST(NULL AS STRING) AS pm2, push FROM g
UNION ALL SELECT 'm', pm, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, n, first_us, NULL, m, NULL, NULL, NULL FROM m
UNION ALL SELECT 'l', src_pm, NULL, via, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, n, NULL, NULL, NULL, NULL, dst_pm, NULL FROM l
UNION ALL SELECT 'r', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, us, NULL, entry, NULL, NULL, NULL FROM r
UNION ALL SELECT 't', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, COUNTIF(raw), NULL, NULL, NULL, COUNT(*), NULL, NULL FROM f
"""
