"""Read logs kept in BigQuery (a Log Analytics linked dataset or a log sink): `--bigquery P.D.T`.

BigQuery runs the first stage of the reduction (rca.sources.bqplan) over the window's partitions
and the columns rca reads; only its aggregates, samples and the few entries that need ordered
work in Python (odd shapes, traceback lines) come back. They are loaded into a local DuckDB
database shaped like the file path's table of entries (rca.sources.duck), so mining, analysis
and the report are the file path's.

    BigQueryQuery ──schema (tables.get)──> bqplan.stage1_sql ──jobs.insert / getQueryResults──>
    rows (g, m, l, r, t) ──> DuckDB table `e` ──> rca.batches.Reduction

The client is google-cloud-bigquery (the `bigquery` extra). Tests point it at a server on
127.0.0.1 through `BigQueryConnection` (endpoint + credentials), the seam the CLI receives as
its click context object.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import orjson

from rca.errors import SourceError, UsageError
from rca.models import ReadStats

MAX_RAW_ENTRIES = 200_000  # entries fetched one by one at most (odd shapes, traceback lines)
PAGE_ROWS = 10_000
_TABLE = re.compile(r"^(?P<project>[a-z][a-z0-9.:-]{4,61}[a-z0-9])\.(?P<dataset>[A-Za-z0-9_]{1,1024})\.(?P<table>[A-Za-z0-9_$@-]{1,1024})$")
ROLES = ("roles/bigquery.jobUser on the project that runs the query and roles/bigquery.dataViewer on the dataset "
         "(for Log Analytics: the linked dataset)")


@dataclass
class BigQueryConnection:
    """How rca reaches BigQuery. Defaults are production's (Application Default Credentials,
    bigquery.googleapis.com); tests pass a local endpoint and anonymous credentials."""

    endpoint: str | None = None
    credentials: Any = None
    project: str | None = None  # the project jobs run (and bill) in; default: the table's


@dataclass
class BigQueryQuery:
    table: str
    since: str | None = None
    start: str | None = None
    end: str | None = None
    billing_project: str | None = None
    window: tuple[datetime, datetime] = field(init=False)

    def __post_init__(self) -> None:
        from rca.sources.live import LiveQuery, query_window

        self.table = self.table.strip().strip("`")
        match = _TABLE.match(self.table)
        if not match:
            raise UsageError(f"--bigquery {self.table!r} is not a table name like PROJECT.DATASET.TABLE "
                             "(e.g. my-project.my_logs_link._AllLogs)")
        self.project = match["project"]
        self.window = query_window(LiveQuery(project=self.project, since=self.since, start=self.start, end=self.end))


def _require_client() -> Any:
    try:
        import sqlglot  # noqa: F401 - renders the query (rca.sources.bqplan)
        from google.cloud import bigquery
    except ImportError:
        raise UsageError("--bigquery needs the BigQuery client: pip install 'rca[bigquery]'") from None
    return bigquery


def make_client(query: BigQueryQuery, connection: BigQueryConnection | None = None) -> Any:
    """A google-cloud-bigquery Client; jobs run in the billing project (default: the table's)."""
    bigquery = _require_client()
    connection = connection or BigQueryConnection()
    project = query.billing_project or connection.project or query.project
    options = {"api_endpoint": connection.endpoint} if connection.endpoint else None
    credentials = connection.credentials
    if credentials is None:
        import google.auth
        from google.auth.exceptions import DefaultCredentialsError

        try:
            credentials, _ = google.auth.default(scopes=["https://www.googleapis.com/auth/bigquery.readonly",
                                                         "https://www.googleapis.com/auth/cloud-platform"])
        except DefaultCredentialsError:
            raise SourceError("no Google credentials for BigQuery: run `gcloud auth application-default login` "
                              "or set GOOGLE_APPLICATION_CREDENTIALS") from None
    return bigquery.Client(project=project, credentials=credentials, client_options=options)


def source_error(exc: Exception, query: BigQueryQuery) -> SourceError | None:
    """One line for the errors a user can act on; None for anything else (re-raised)."""
    from google.api_core import exceptions as gexc

    message = " ".join(str(getattr(exc, "message", "") or exc).split())[:300]
    if isinstance(exc, gexc.NotFound):
        return SourceError(f"BigQuery table {query.table} not found ({message}); check the name, or link the log bucket "
                           "to a BigQuery dataset (docs/bigquery.md)")
    if isinstance(exc, (gexc.Forbidden, gexc.Unauthorized)):
        return SourceError(f"BigQuery refused access to {query.table} ({message}); the caller needs {ROLES}")
    if isinstance(exc, gexc.BadRequest):
        return SourceError(f"BigQuery rejected the query on {query.table}: {message}")
    if isinstance(exc, gexc.GoogleAPICallError):
        return SourceError(f"BigQuery failed on {query.table}: {message}")
    return None


def _guard(query: BigQueryQuery):
    from contextlib import contextmanager

    @contextmanager
    def guard() -> Iterator[None]:
        try:
            yield
        except Exception as exc:  # noqa: BLE001 - mapped to one-line errors, the rest re-raised
            mapped = source_error(exc, query)
            if mapped is None:
                raise
            raise mapped from None

    return guard()


def build_sql(query: BigQueryQuery, client: Any) -> str:
    """The query for this table's schema and the window (reads the schema: tables.get, free)."""
    from rca.sources import bqplan

    with _guard(query):
        table = client.get_table(query.table)
    try:
        cols = bqplan.columns_from_schema(list(table.schema), table._properties.get("timePartitioning"))
    except ValueError as exc:
        raise SourceError(f"BigQuery table {query.table}: {exc}") from None
    return bqplan.stage1_sql(query.table, cols, *query.window, max_raw=MAX_RAW_ENTRIES)


def dry_run(query: BigQueryQuery, connection: BigQueryConnection | None = None) -> tuple[str, int]:
    """(sql, totalBytesProcessed) from a BigQuery dry run: nothing is read or billed."""
    bigquery = _require_client()
    client = make_client(query, connection)
    sql = build_sql(query, client)
    with _guard(query):
        job = client.query(sql, job_config=bigquery.QueryJobConfig(dry_run=True, use_query_cache=False))
    return sql, int(job.total_bytes_processed or 0)


def format_bytes(n: int) -> str:
    size = float(n)
    for unit in ("B", "KiB", "MiB", "GiB", "TiB"):
        if size < 1024 or unit == "TiB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{n} B"


class BigQueryRecords:
    """The source `build_report` / `mine_records` take: its `reduction()` runs the query."""

    def __init__(self, query: BigQueryQuery, stats: ReadStats, connection: BigQueryConnection | None = None) -> None:
        self.query = query
        self.stats = stats
        self.connection = connection

    def __iter__(self) -> Iterator[Any]:  # every consumer takes the reduction; there are no records
        return iter(())

    def reduction(self):
        from rca.sources.live import format_time

        client = make_client(self.query, self.connection)
        sql = build_sql(self.query, client)
        self.stats.source = f"bigquery:{self.query.table}"
        self.stats.format = "bigquery"
        with _guard(self.query):
            job = client.query(sql)
            rows = job.result(page_size=PAGE_ROWS)
            reduction = reduce_rows((tuple(r.values()) for r in rows), self.stats, self.query.table)
        start, end = self.query.window
        self.stats.notes.append(f"reduced in BigQuery from {self.query.table}, window {format_time(start)} to "
                                f"{format_time(end)}, {format_bytes(int(job.total_bytes_processed or 0))} processed")
        return reduction


# ---------------------------------------------------------------------------- rows -> Reduction

_G_COLUMNS = ("pm", "minute_s", "sev", "svc", "rev", "inst", "stream", "status", "latency", "endpoint", "exc", "n",
              "first_us", "last_us", "text", "traced", "pm2", "push")


def reduce_rows(rows: Iterable[tuple], stats: ReadStats, name: str):
    """The Reduction of the query's rows: raw entries go the file path's way (normalised, odd
    shapes by `normalize_row`, tracebacks stitched) into DuckDB's table of entries, each group
    adds its entries there (same fields, first/last time), and the figures BigQuery computed
    over all entries (messages, links) replace what the groups cannot tell."""
    from rca.batches import ClusterFigures
    from rca.sources import duck, plan

    con, tmp, close = duck.open_db()
    try:
        raw_path, groups_path = os.path.join(tmp, "raw.jsonl"), os.path.join(tmp, "groups.jsonl")
        messages: list[tuple[str, str, int, int]] = []
        links: list[tuple[str, str, str, int]] = []
        items: list[tuple[int, int, int]] = []  # (first_us, kind 0 raw / 1 group, its number, size)
        n_raw = n_groups = raw_total = 0
        with open(raw_path, "wb") as raw_f, open(groups_path, "wb") as g_f:
            for row in rows:
                kind = row[0]
                if kind == "g":
                    g = dict(zip(_G_COLUMNS, row[1:19]))
                    items.append((g["first_us"], 1, n_groups, g["n"]))
                    g_f.write(orjson.dumps(g) + b"\n")
                    n_groups += 1
                elif kind == "r":
                    items.append((row[13], 0, n_raw, 1))
                    raw_f.write(row[15].encode() + b"\n")
                    n_raw += 1
                elif kind == "m":
                    messages.append((row[1], row[15], row[12], row[13]))
                elif kind == "l":
                    links.append((row[1], row[17], row[3], row[12]))
                elif kind == "t":
                    raw_total = row[12] or 0
        if raw_total > n_raw:
            stats.truncated = True
            stats.notes.append(f"{raw_total - n_raw} of {raw_total} entries that need ordered work (odd shapes, "
                               f"traceback lines) were not fetched: over {MAX_RAW_ENTRIES}; narrow the window")
        # one position per entry, in time order: raw entries and the entries of each group
        items.sort()
        base_raw, base_group, pos = [0] * n_raw, [0] * n_groups, 0
        for _, kind, number, size in items:
            (base_group if kind else base_raw)[number] = pos
            pos += size
        cols = ", ".join(f"{plan.q(n)}: {plan.q(t)}" for n, t in plan.E_COLUMNS.items())
        con.execute(f"CREATE TABLE e AS SELECT *, FALSE AS odd, CAST(NULL AS JSON) AS raw FROM "
                    f"read_json('/dev/null', format='newline_delimited', columns={{{cols}}}) LIMIT 0")
        if n_raw:
            con.execute("DROP TABLE e")
            duck._load(con, raw_path, "jsonl", "none")
            con.execute("CREATE TABLE ridx AS SELECT unnest(?::BIGINT[]) AS idx2, unnest(range(?::BIGINT)) AS idx",
                        [base_raw, n_raw])
            con.execute(f"UPDATE e SET idx = ridx.idx2, pos = ridx.idx2 * {plan.POS_STEP} FROM ridx WHERE e.idx = ridx.idx")
            con.execute("DROP TABLE ridx")
        con.execute("CREATE TABLE rawidx AS SELECT idx FROM e")  # the entries read one by one
        stats.entries_read += n_raw
        duck._fix_odd(con, tmp, stats)
        if n_groups:
            gcols = ", ".join(f"{plan.q(c)}: {plan.q(t)}" for c, t in zip(_G_COLUMNS, (
                "VARCHAR", "BIGINT", "VARCHAR", "VARCHAR", "VARCHAR", "VARCHAR", "VARCHAR", "BIGINT", "DOUBLE", "VARCHAR",
                "VARCHAR", "BIGINT", "BIGINT", "BIGINT", "VARCHAR", "BIGINT", "VARCHAR", "BOOLEAN")))
            con.execute(f"CREATE TABLE g AS SELECT * EXCLUDE (ordinality), list_extract(?::BIGINT[], ordinality) AS base "
                        f"FROM read_json({plan.q(groups_path)}, format='newline_delimited', columns={{{gcols}}}) WITH ORDINALITY",
                        [base_group])
            ts = "(CAST(minute_s AS DOUBLE) + CAST({us} - minute_s * 1000000 AS DOUBLE) / 1e6)"
            con.execute(f"""INSERT INTO e ({', '.join(plan.E_COLUMNS)}, odd)
                SELECT base + i, CASE WHEN i = 0 THEN {ts.format(us='first_us')} ELSE {ts.format(us='last_us')} END,
                       sev, text, svc, rev, inst, CASE WHEN i < traced THEN 'bq' ELSE '' END, stream, status, latency,
                       endpoint, exc, NULL, '', NULL, NULL, (base + i) * {plan.POS_STEP}, NULL, NULL, coalesce(push, FALSE), FALSE, FALSE
                FROM g, range(n) AS t(i)""")
            (grouped,) = con.execute("SELECT coalesce(sum(n), 0) FROM g").fetchone()
            stats.entries_read += grouped
            con.execute("DROP TABLE g")
        duck._count(con, stats)
        duck._stitch(con, tmp, stats)

        def adjust(out: ClusterFigures) -> ClusterFigures:
            key_of = dict(con.execute("SELECT pm, any_value(key) FROM k GROUP BY pm").fetchall())
            one_by_one = "(SELECT * FROM k WHERE idx IN (SELECT idx FROM rawidx))"
            local = con.execute(plan.cluster_queries(one_by_one, duck.figure_limits())["links"]).fetchall()
            out.links = _links(links, key_of, local)
            out.messages = _messages(out.messages, messages, key_of)
            return out

        return duck.reduction_of(con, tmp, stats, name, close, adjust)
    except BaseException:
        close()
        raise


def _links(pairs: list[tuple[str, str, str, int]], key_of: dict[str, int],
           local: list[tuple[int, int, str, int]]) -> list[tuple[int, int, str, int]]:
    """BigQuery's message-pair links (a grouped entry on one side) as cluster-key links, plus the
    links among entries read one by one, counted locally; pairs within one cluster dropped."""
    out: dict[tuple[int, int, str], int] = {}
    for a, b, via, n in local:
        out[(a, b, via)] = out.get((a, b, via), 0) + n
    for src, dst, via, n in pairs:
        a, b = key_of.get(src), key_of.get(dst)
        if a is None or b is None or a == b:
            continue
        out[(a, b, via)] = out.get((a, b, via), 0) + n
    return sorted((a, b, via, n) for (a, b, via), n in out.items())


def _messages(local: list[tuple[int, str, int]], remote: list[tuple[str, str, int, int]],
              key_of: dict[str, int]) -> list[tuple[int, str, int]]:
    """Per cluster: the first distinct messages BigQuery counted over the grouped entries, then
    those of the entries read one by one; each cluster keeps batches.MESSAGES_KEPT."""
    from rca.batches import MESSAGES_KEPT

    per_key: dict[int, dict[str, list[int]]] = {}
    for pm, m, n, first in sorted(remote, key=lambda r: r[3]):
        key = key_of.get(pm)
        if key is None:
            continue
        seen = per_key.setdefault(key, {})
        if m in seen:
            seen[m][0] += n
        elif len(seen) < MESSAGES_KEPT:
            seen[m] = [n]
    for key, m, n in local:
        seen = per_key.setdefault(key, {})
        if m not in seen and len(seen) < MESSAGES_KEPT:
            seen[m] = [n]
    return [(key, m, v[0]) for key in sorted(per_key) for m, v in per_key[key].items()]
