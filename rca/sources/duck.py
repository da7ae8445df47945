"""Run the reduction plan (rca.sources.plan) on DuckDB: a JSON export or stdin -> a Reduction.

DuckDB decodes the file (gzip too; a JSON array on one thread, whatever `THREADS` says) into
only the values rca uses (`plan.ENTRY_KEYS`); the plan normalises them into a table of entries,
which DuckDB keeps within `MEMORY_LIMIT` (it spills to a temporary directory beyond). Python touches only what needs it: entries of an odd shape
(`normalize_row`), traceback lines and the line after each (the traceback stitcher, in input
order), and then the aggregates: groups of entries, the first distinct messages, link counts
and the request columns. Stdin is copied to a temporary file first (DuckDB reads files).
"""

from __future__ import annotations

import os
import shutil
from array import array
import tempfile
from collections.abc import Callable, Iterable, Iterator

import duckdb
import orjson

from rca.batches import ClusterFigures, ClusterSummary, Reduction, RequestColumns
from rca.errors import EmptyInputError
from rca.models import ERROR_SEVERITIES, OPERATION_DONE, OPERATION_KEY, ReadStats, nothing_usable
from rca.sources import plan
from rca.sources.detect import Input
from rca.sources.gcloud import DELIVERY_KEY, PUSH_DELIVERY, EntryCache, add_skipped, note_row, row_or_skip
from rca.sources.tracebacks import _STITCHED, SOURCE_KEY, TEXT_KEY, RowStitcher, row_kind

MEMORY_LIMIT = "192MB"
THREADS = 2
FORMATS = {"array": "array", "jsonl": "newline_delimited", "objects": "auto"}  # sniffed -> read_json
_FETCH = 10_000
_ROW = ("idx, ts, sev, msg, svc, rev, inst, trace, stream, status, latency, endpoint, exc, frames, chain, truncated, "
        "text, source, push, done")
_STEP = plan.POS_STEP


class ReadFailed(Exception):
    """DuckDB could not read the input as it is (malformed, cut short, not LogEntry objects): the
    streaming reader reads it instead, with its notes on what was wrong where."""


def spool(src: Input) -> str:
    """Copy an input that is not a plain file (stdin) to a temporary file, decompressed; the
    caller removes its directory."""
    tmp = tempfile.mkdtemp(prefix="rca-input-")
    path = os.path.join(tmp, "input.json")
    with open(path, "wb") as out:
        while data := src.read(1 << 20):
            out.write(data)
    return path


def reduce_file(path: str, fmt: str, compression: str, name: str, stats: ReadStats) -> Reduction:
    """The Reduction of the JSON export at `path` (`fmt` as sniffed; `name` for messages).

    Raises ReadFailed when DuckDB cannot read it; `stats` may then hold part of the counts. The
    database lives until the request columns are read (`Reduction.requests`).
    """
    con, tmp, close = open_db()
    try:
        _load(con, path, fmt, compression)
        (read,) = con.execute("SELECT count(*) FROM e").fetchone()
        stats.entries_read += read
        _fix_odd(con, tmp, stats)
        _count(con, stats)
        _stitch(con, tmp, stats)
        return reduction_of(con, tmp, stats, name, close)
    except duckdb.Error as exc:
        close()
        raise ReadFailed(str(exc).split("\n", 1)[0]) from None
    except BaseException:
        close()
        raise


def open_db() -> tuple[duckdb.DuckDBPyConnection, str, Callable[[], None]]:
    """An in-memory database kept within MEMORY_LIMIT (beyond it DuckDB spills to a temporary
    folder), the folder, and `close` (closes the database, removes the folder)."""
    tmp = tempfile.mkdtemp(prefix="rca-")
    try:
        con = duckdb.connect()
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise

    def close() -> None:
        con.close()
        shutil.rmtree(tmp, ignore_errors=True)

    try:
        con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
        con.execute(f"SET threads = {THREADS}")
        con.execute(f"SET temp_directory = {plan.q(os.path.join(tmp, 'spill'))}")
        con.execute("SET preserve_insertion_order = true")
    except BaseException:
        close()
        raise
    return con, tmp, close


def reduction_of(
    con: duckdb.DuckDBPyConnection,
    tmp: str,
    stats: ReadStats,
    name: str,
    close: Callable[[], None],
    adjust: Callable[[ClusterFigures], ClusterFigures] | None = None,
) -> Reduction:
    """The Reduction of the table of entries `e` (normalised, odd rows fixed, tracebacks folded):
    what a file and BigQuery's rows (rca.sources.bigquery) both end in. `adjust` may replace
    figures the entries cannot tell (BigQuery's, computed over entries it kept)."""
    # what mining reads: an odd row's entry (`raw`) served its turn in _fix_odd
    con.execute(f"CREATE TABLE r AS SELECT * FROM {plan.reduced('(SELECT * EXCLUDE (odd, raw) FROM e)')}")
    con.execute("DROP TABLE e")
    (total, folded) = con.execute("SELECT count(*), count(*) FILTER (WHERE len(frames) > 0) FROM r").fetchone()
    stats.records += total
    stats.folded_tracebacks += folded
    if total == 0:
        close()
        raise EmptyInputError(nothing_usable(name, stats))

    def shapes() -> Iterator[str]:
        cur = con.execute(plan.SHAPES.format(r="r"))
        while chunk := cur.fetchmany(_FETCH):
            for (shape,) in chunk:
                yield shape

    def texts(varying: Iterable[str]) -> Iterator[str]:
        con.execute("CREATE OR REPLACE TABLE vs (sh VARCHAR)")
        _insert_texts(con, tmp, "vs", varying)
        cur = con.execute(plan.TEXTS.format(units=plan.with_units("r", "vs")))
        while chunk := cur.fetchmany(_FETCH):
            for (text,) in chunk:
                yield text

    def figures(keys: Iterable[tuple[str, int]]) -> ClusterFigures:
        try:
            out = _figures(con, tmp, keys)
            return adjust(out) if adjust is not None else out
        except BaseException:
            close()
            raise

    def requests() -> Iterator[RequestColumns]:
        try:
            cur = con.execute(plan.REQUESTS.format(r="k"))  # after `figures`
            while chunk := cur.fetchmany(_FETCH):
                status, latency, ts, endpoint, service, pushed = (list(c) for c in zip(*chunk))
                yield RequestColumns(status=status, latency=latency, timestamp=ts, endpoint=endpoint, service=service,
                                     push=pushed)
        finally:
            close()

    return Reduction(shapes=shapes, texts=texts, figures=figures, requests=requests, read=stats, close=close, total=total)


def figure_limits() -> dict[str, int | float]:
    """The sizes of what the figures keep (rca.batches), as plan.cluster_queries takes them."""
    from rca import batches

    return {"message_chars": batches.MESSAGE_CHARS, "messages_kept": batches.MESSAGES_KEPT,
            "sample_chars": batches.SAMPLE_CHARS, "samples_kept": batches.SAMPLES_KEPT,
            "exact_latencies": batches.EXACT_LATENCIES, "link_window_s": batches.LINK_WINDOW_S,
            "extremes": batches.EXTREMES}


def _figures(con: duckdb.DuckDBPyConnection, tmp: str, keys: Iterable[tuple[str, int]]) -> ClusterFigures:
    """Every figure per cluster key, over the entries with the key of their text."""
    path = os.path.join(tmp, "keys.jsonl")
    with open(path, "wb") as f:
        for text, key in keys:
            f.write(orjson.dumps({"pm": text, "key": key}))
            f.write(b"\n")
    con.execute(f"CREATE OR REPLACE TABLE km AS SELECT * FROM read_json({plan.q(path)}, format='newline_delimited', "
                f"columns={{'pm': 'VARCHAR', 'key': 'BIGINT'}})")
    # a text's unit (see plan.with_units): the texts are the units' first texts
    con.execute(f"CREATE OR REPLACE TABLE ku AS SELECT u, key FROM "
                + plan.with_units(f"(SELECT pm, {plan.shape_sql('pm')} AS sh, key FROM km)", "vs"))
    con.execute(f"CREATE OR REPLACE TABLE k AS SELECT x.* EXCLUDE (u), ku.key FROM {plan.with_units('r', 'vs')} AS x "
                f"JOIN ku USING (u)")
    con.execute("DROP TABLE r; DROP TABLE km; DROP TABLE ku")  # k holds every entry now
    q = plan.cluster_queries("k", figure_limits())
    clusters = [ClusterSummary(key=key, count=n, first_pos=pos, first_ts=t0, last_ts=t1, sample=sample,
                               frames=tuple(frames or ()), instances=inst or [], traces=traces, latency_n=lat_n,
                               latency_max=lat_max, latency_exact=exact, latency_ms=dict(hist) if hist else None,
                               completed_ts=done)
                for (key, n, pos, t0, t1, sample, frames, inst, traces, lat_n, lat_max, exact, hist, done)
                in con.execute(q["clusters"]).fetchall()]
    return ClusterFigures(
        clusters=clusters,
        counts=con.execute(q["counts"]).fetchall(),
        values=con.execute(q["values"]).fetchall(),
        http=con.execute(q["http"]).fetchall(),
        messages=con.execute(q["messages"]).fetchall(),
        samples=con.execute(q["samples"]).fetchall(),
        links=con.execute(q["links"]).fetchall(),
        revisions_first=dict(con.execute(q["revisions"]).fetchall()),
        lows=[t for (t,) in con.execute(q["lows"]).fetchall()],
        highs=[t for (t,) in con.execute(q["highs"]).fetchall()],
    )


def source_sql(path: str, fmt: str, compression: str = "none") -> str:
    """The entries of a JSON export as the relation `plan.normalised` reads: DuckDB decodes each
    entry once into the top-level values rca reads (`plan.ENTRY_KEYS`, each a JSON column), and
    `plan.entry_fields` takes the fields out of them."""
    columns = "{" + ", ".join(f"{plan.q(k)}: 'JSON'" for k in plan.ENTRY_KEYS) + "}"
    return plan.entry_fields(
        f"(SELECT ordinality - 1 AS idx, * EXCLUDE (ordinality) FROM read_json({plan.q(path)}, "
        f"format='{FORMATS[fmt]}', compression='{compression}', columns={columns}) WITH ORDINALITY)")


def _insert_texts(con: duckdb.DuckDBPyConnection, tmp: str, table: str, texts: Iterable[str]) -> None:
    """Texts from Python into a one-column table, through a file (none held in a list)."""
    path = os.path.join(tmp, f"{table}.jsonl")
    n = 0
    with open(path, "wb") as f:
        for text in texts:
            f.write(orjson.dumps(text))
            f.write(b"\n")
            n += 1
    if n:
        con.execute(f"INSERT INTO {table} SELECT json ->> '$' FROM read_json_objects({plan.q(path)}, "
                    f"format='newline_delimited')")
    os.remove(path)


def _load(con: duckdb.DuckDBPyConnection, path: str, fmt: str, compression: str) -> None:
    con.execute(f"CREATE TABLE e AS {plan.normalised(source_sql(path, fmt, compression))}")


def _fix_odd(con: duckdb.DuckDBPyConnection, tmp: str, stats: ReadStats) -> None:
    """Entries of a shape the plan leaves to `normalize_row`: normalised here, written back."""
    cur = con.execute("SELECT idx, raw FROM e WHERE odd ORDER BY idx")
    cache = EntryCache()
    skipped: dict[str, int] = {}
    out = _Rows(tmp)
    notes = 0
    while chunk := cur.fetchmany(_FETCH):
        for idx, raw in chunk:
            entry = plan.entry_json(raw)
            row = row_or_skip(entry, idx, cache, skipped)
            if row is None:
                continue
            notes = note_row(stats, row, entry, idx, notes)
            out.write(row, idx * _STEP)
    add_skipped(stats, skipped)
    con.execute("DELETE FROM e WHERE odd")
    out.insert(con)


class _Rows:
    """Rows (LogRecord field tuples) written to a JSON lines file as they come, then added to the
    table of entries in one statement: Python holds none of them. Objects read with typed columns
    (read_json_objects plus one `->>` per column re-parsed each line per column and ran out of
    DuckDB's memory limit on 15k rows)."""

    def __init__(self, tmp: str) -> None:
        self.path = os.path.join(tmp, "rows.jsonl")
        self.file = open(self.path, "wb")  # noqa: SIM115 - closed in `insert`
        self.n = 0

    def write(self, r: tuple, pos: int) -> None:
        ts, sev, msg, svc, rev, inst, trace, stream, status, lat, endpoint, exc, frames, index, extra = r[:15]
        row = dict(zip(plan.E_COLUMNS, (
            index, ts, sev, msg, svc, rev, inst, trace, stream, status, lat, endpoint, exc, list(frames),
            extra.get("exception_chain", ""), int(extra[_STITCHED]) if _STITCHED in extra else None,
            int(extra["truncated_chars"]) if "truncated_chars" in extra else None, pos,
            extra.get(TEXT_KEY), extra.get(SOURCE_KEY), extra.get(DELIVERY_KEY) == PUSH_DELIVERY,
            extra.get(OPERATION_KEY) == OPERATION_DONE)))
        self.file.write(orjson.dumps(row))
        self.file.write(b"\n")
        self.n += 1

    def insert(self, con: duckdb.DuckDBPyConnection) -> None:
        self.file.close()
        if self.n:
            columns = "{" + ", ".join(f"{plan.q(n)}: {plan.q(t)}" for n, t in plan.E_COLUMNS.items()) + "}"
            con.execute(f"INSERT INTO e ({', '.join(plan.E_COLUMNS)}, odd) SELECT *, FALSE FROM "
                        f"read_json({plan.q(self.path)}, format='newline_delimited', columns={columns})")
        os.remove(self.path)


def _count(con: duckdb.DuckDBPyConnection, stats: ReadStats) -> None:
    """What the source saw: usable entries per severity (before folding), those without a time."""
    # in the order each severity first appears in the input, as the record path counts them (a
    # parallel GROUP BY returns its groups in any order)
    for sev, n in con.execute("SELECT sev, count(*) FROM e GROUP BY sev ORDER BY min(idx)").fetchall():
        stats.by_severity[sev] = stats.by_severity.get(sev, 0) + n
    (no_ts,) = con.execute("SELECT count(*) FROM e WHERE ts IS NULL").fetchone()
    stats.no_timestamp += no_ts


def _stitch(con: duckdb.DuckDBPyConnection, tmp: str, stats: ReadStats) -> None:
    """Fold tracebacks split one line per entry: every entry that can change the stitcher's state
    goes through it in input order (`_fed`); the others pass by with their time only (the
    stitcher's order count and periodic sweep see every row, as on the record path); folded lines
    are replaced by their traceback."""
    sent = _fed(con)  # the rows the stitcher takes: all replaced by what it gives back
    cur = con.cursor().execute(f"SELECT {_ROW} FROM e SEMI JOIN (SELECT unnest(?::BIGINT[]) AS idx) AS f USING (idx) "
                               f"ORDER BY idx", [sent.tolist()])
    every = con.cursor().execute("SELECT idx, ts FROM e ORDER BY idx")  # the others pass by with their time
    st = RowStitcher()
    rows = _Rows(tmp)
    out: list[tuple] = []
    fed = _chunked(cur)
    nxt = next(fed, None)
    pass_by, feed = st.pass_by, st.feed
    while chunk := every.fetchmany(_FETCH):
        for idx, ts in chunk:
            if nxt is not None and nxt[0] == idx:
                row = _record_row(nxt)
                feed((row,), (row_kind(row),), out)
                nxt = next(fed, None)
            else:
                pass_by(ts, out)
            if out:
                for k, done in enumerate(out, start=1):  # let go at this entry
                    rows.write(done, idx * _STEP + k)
                out.clear()
    cur.close()
    every.close()
    (end,) = con.execute("SELECT coalesce(max(idx), 0) + 1 FROM e").fetchone()
    for k, done in enumerate(st.finish(out), start=1):
        rows.write(done, end * _STEP + k)
    if sent:
        con.execute("DELETE FROM e WHERE idx IN (SELECT unnest(?::BIGINT[]))", [sent.tolist()])
    rows.insert(con)


_ERROR_OR_WORSE = ERROR_SEVERITIES


def _fed(con: duckdb.DuckDBPyConnection) -> array:
    """The entries the traceback stitcher must see itself, by position: the traceback-looking
    lines; after one, the lines of the same stitch key (instance, stream, service, writer) until
    and with the first of another time than it (the stitcher may take lines of its instant as
    continuation lines); ERROR lines too (one may lead the trace after it, as the logger's
    message). One pass over the entries' keys and times in input order (as SQL windows, three
    sorts of every entry cost twice the CPU at 1M entries)."""
    cand = plan.trace_candidate_sql("coalesce(text, msg)", "exc")
    errors = ", ".join(plan.q(s) for s in _ERROR_OR_WORSE)
    cur = con.cursor().execute(
        f"SELECT idx, ts, inst, stream, svc, coalesce(source, ''), coalesce(len(frames), 0) = 0 AND {cand}, "
        f"sev IN ({errors}) FROM e ORDER BY idx")
    fed = array("q")
    after: dict[tuple, list] = {}  # stitch key -> [its last traceback line's time, a line of another time came since]
    while chunk := cur.fetchmany(_FETCH):
        for idx, ts, inst, stream, svc, source, traceback_line, error in chunk:
            key = (inst, stream, svc, source)
            if traceback_line:
                after[key] = [ts, False]
                fed.append(idx)
                continue
            last = after.get(key)
            if last is None:
                if error:
                    fed.append(idx)
                continue
            if error or not last[1]:
                fed.append(idx)
            if ts != last[0]:
                last[1] = True
    cur.close()
    return fed


def _chunked(cur: duckdb.DuckDBPyConnection) -> Iterator[tuple]:
    while chunk := cur.fetchmany(_FETCH):
        yield from chunk


def _record_row(r: tuple) -> tuple:
    """A row of `e` as the LogRecord field tuple the stitcher takes."""
    idx, ts, sev, msg, svc, rev, inst, trace, stream, status, lat, endpoint, exc, frames, chain, trunc, text, src, push, done = r
    extra: dict[str, str] = {}
    if push:
        extra[DELIVERY_KEY] = PUSH_DELIVERY
    if done:
        extra[OPERATION_KEY] = OPERATION_DONE
    if text is not None:
        extra[TEXT_KEY] = text
    if src is not None:
        extra[SOURCE_KEY] = src
    if chain:
        extra["exception_chain"] = chain
    if trunc is not None:
        extra["truncated_chars"] = str(trunc)
    return (ts, sev, msg, svc, rev, inst, trace, stream, status, lat, endpoint, exc, tuple(frames or ()), idx, extra)
