"""The history database: SQLAlchemy Core tables, Alembic migrations, and the few queries rca needs.

A location is a file path (SQLite) or a database URL (`sqlite:///…`, `postgresql://…` through
psycopg 3). The default is `history.sqlite3` in platformdirs' user data folder for "rca".

Concurrent writers: SQLite connections open every transaction with BEGIN IMMEDIATE (the write
lock is taken at once, so two processes queue on the busy timeout instead of failing on a lock
upgrade) and the file is in WAL mode; PostgreSQL serialises migrations with a transaction-level
advisory lock, and plain inserts never conflict. Every failure of the database surfaces as
`HistoryError` with a one-line message.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable
from datetime import datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    delete,
    event,
    func,
    insert,
    inspect,
    or_,
    select,
)
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from rca.errors import RcaError
from rca.history.models import ClusterRow, FingerprintStats, PastRun, RunDetail, RunRecord, RunSummary

DEFAULT_FILE = "history.sqlite3"
SQLITE_BUSY_TIMEOUT_S = 60.0
MAX_CLUSTERS_PER_RUN = 2000  # size bound per run: the most severe/frequent clusters are kept
MAX_TEMPLATE = 500
DEFAULT_KEEP_DAYS = 365
DEFAULT_KEEP_RUNS = 5000
_PG_MIGRATION_LOCK = 0x7263615F68  # "rca_h": one advisory lock id for every rca store
_CHUNK = 500  # fingerprints per IN (...) query
SCHEMA_HEAD = "0001"  # newest migration in migrations/versions (a test checks they agree)

metadata = MetaData()

runs = Table(
    "runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("recorded_at", DateTime, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("healthy", Boolean, nullable=False),
    Column("window_start", DateTime),
    Column("window_end", DateTime),
    Column("minutes", Float, nullable=False),
    Column("source", String(1000), nullable=False),
    Column("services", JSON, nullable=False),
    Column("title", String(500), nullable=False),
    Column("root_cause", Text),
    Column("category", String(64)),
    Column("root_cluster_ids", JSON, nullable=False),
    Column("priority", String(8), nullable=False),
    Column("report", String(2000)),
    Column("entries", Integer, nullable=False),
    Index("ix_runs_recorded_at", "recorded_at"),
    Index("ix_runs_window_start", "window_start"),
)

run_clusters = Table(
    "run_clusters",
    metadata,
    Column("run_id", Integer, ForeignKey("runs.id", ondelete="CASCADE"), primary_key=True),
    Column("fingerprint", String(64), primary_key=True),
    Column("template", Text, nullable=False),
    Column("severity", String(16), nullable=False),
    Column("count", Integer, nullable=False),
    Column("errors", Integer, nullable=False),
    Column("rate_per_min", Float, nullable=False),
    Column("role", String(16), nullable=False),
    Column("services", JSON, nullable=False),
    Index("ix_run_clusters_fingerprint", "fingerprint"),
)

links = Table(
    "links",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("run_id", Integer, ForeignKey("runs.id", ondelete="CASCADE"), nullable=False),
    Column("url", String(2000), nullable=False),
    Column("added_at", DateTime, nullable=False),
    Index("ix_links_run_id", "run_id"),
)

# Alembic's own bookkeeping table, read to skip loading Alembic when the schema is current.
_alembic_version = Table("alembic_version", MetaData(), Column("version_num", String(32), primary_key=True))


class HistoryError(RcaError):
    """The store cannot be opened, read or written (one line, no traceback)."""

    exit_code = 2


def default_location() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("rca", appauthor=False)) / DEFAULT_FILE


def resolve_url(location: str | os.PathLike | None) -> tuple[str, bool]:
    """(SQLAlchemy URL, is the default file). A bare path means SQLite; postgresql:// means psycopg 3."""
    if location is None or str(location).strip() == "":
        path = default_location()
        return f"sqlite:///{path}", True
    text = str(location).strip()
    if "://" not in text:
        return f"sqlite:///{Path(text).expanduser().resolve()}", False
    try:
        url = make_url(text)
    except ArgumentError:
        raise HistoryError(f"history location {_safe(text)} is not a file path or a database URL") from None
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    if not (url.drivername.startswith("sqlite") or url.drivername.startswith("postgresql")):
        raise HistoryError(f"history store {url.drivername!r} is not supported: use a file path, sqlite:/// or postgresql://")
    return url.render_as_string(hide_password=False), False


def _safe(location: str) -> str:
    """A location for messages: the password of a URL is never printed."""
    if "://" not in location:
        return location
    try:
        return make_url(location).render_as_string(hide_password=True)
    except ArgumentError:
        return "<unparsable URL>"


def _naive_utc(dt: datetime | None) -> datetime | None:
    if dt is None:
        return None
    if dt.tzinfo is not None:
        dt = dt.astimezone(timezone.utc).replace(tzinfo=None)
    return dt


def _aware(dt: datetime | None) -> datetime | None:
    return None if dt is None else (dt.replace(tzinfo=timezone.utc) if dt.tzinfo is None else dt)


def _error_line(exc: BaseException) -> str:
    """The first line of a driver error, without SQLAlchemy's statement dump and background link."""
    orig = getattr(exc, "orig", None) or exc
    text = str(orig).strip().splitlines()
    return text[0] if text else type(exc).__name__


class HistoryStore:
    """One history database. Open with `HistoryStore.open(location)`; `close()` when done."""

    def __init__(self, engine: Engine, display: str) -> None:
        self.engine = engine
        self.display = display
        self.is_sqlite = engine.dialect.name == "sqlite"

    # ------------------------------------------------------------------ opening and migrating
    @classmethod
    def open(cls, location: str | os.PathLike | None = None) -> HistoryStore:
        url, is_default = resolve_url(location)
        display = _safe(str(location)) if location else str(default_location())
        engine = None
        try:
            parsed = make_url(url)
            if parsed.drivername.startswith("sqlite"):
                db = parsed.database or ""
                if db and db != ":memory:":
                    folder = Path(db).parent
                    if is_default:
                        folder.mkdir(parents=True, exist_ok=True)
                    elif not folder.is_dir():
                        raise HistoryError(f"history store {display}: folder {folder} does not exist")
                engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_S})
                _sqlite_begin_immediate(engine)
            else:
                engine = create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": 10})
            store = cls(engine, display)
            store.migrate()
            return store
        except HistoryError:
            if engine is not None:
                engine.dispose()
            raise
        except (SQLAlchemyError, sqlite3.Error, OSError, ImportError) as exc:
            if engine is not None:
                engine.dispose()
            raise HistoryError(f"history store {display} cannot be used: {_error_line(exc)}") from None

    def migrate(self) -> None:
        """Bring the schema to the newest revision; concurrent openers wait for each other."""
        if self.revision() == SCHEMA_HEAD:
            return
        from alembic import command
        from alembic.config import Config
        from alembic.util import CommandError

        cfg = Config()
        cfg.set_main_option("script_location", str(Path(__file__).with_name("migrations")))
        try:
            with self.engine.begin() as conn:  # BEGIN IMMEDIATE on SQLite: one migrator at a time
                if not self.is_sqlite:
                    conn.execute(select(func.pg_advisory_xact_lock(_PG_MIGRATION_LOCK)))
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
        except CommandError:  # e.g. a revision this rca does not know
            raise HistoryError(
                f"history store {self.display} has schema {self.revision()!r}, which this rca (schema {SCHEMA_HEAD!r}) does not know: it was written by a newer rca"
            ) from None

    def revision(self) -> str | None:
        with self.engine.begin() as conn:
            if not inspect(conn).has_table("alembic_version"):
                return None
            return conn.execute(select(_alembic_version.c.version_num)).scalar()

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> HistoryStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _guard(self, what: str):
        return _Guard(self.display, what)

    # ------------------------------------------------------------------ writing
    def record(self, run: RunRecord, now: datetime | None = None) -> int:
        """Store one run (clusters capped at MAX_CLUSTERS_PER_RUN); returns its id."""
        now = _naive_utc(now or datetime.now(timezone.utc))
        rows = sorted(run.clusters, key=lambda c: (-c.errors, -c.count, c.fingerprint))[:MAX_CLUSTERS_PER_RUN]
        with self._guard("write to"), self.engine.begin() as conn:
            run_id = conn.execute(
                insert(runs).values(
                    recorded_at=now,
                    kind=run.kind,
                    healthy=run.healthy,
                    window_start=_naive_utc(run.window_start),
                    window_end=_naive_utc(run.window_end),
                    minutes=run.minutes,
                    source=run.source[:1000],
                    services=run.services[:50],
                    title=run.title[:500],
                    root_cause=run.root_cause,
                    category=run.category,
                    root_cluster_ids=run.root_cluster_ids,
                    priority=run.priority,
                    report=run.report[:2000] if run.report else None,
                    entries=run.entries,
                )
            ).inserted_primary_key[0]
            if rows:
                conn.execute(
                    insert(run_clusters),
                    [
                        dict(
                            run_id=run_id,
                            fingerprint=c.fingerprint,
                            template=c.template[:MAX_TEMPLATE],
                            severity=c.severity,
                            count=c.count,
                            errors=c.errors,
                            rate_per_min=c.rate_per_min,
                            role=c.role,
                            services=c.services[:20],
                        )
                        for c in rows
                    ],
                )
        return int(run_id)

    def add_link(self, run_id: int, url: str, now: datetime | None = None) -> None:
        with self._guard("write to"), self.engine.begin() as conn:
            if conn.execute(select(runs.c.id).where(runs.c.id == run_id)).first() is None:
                raise HistoryError(f"no run {run_id} in history store {self.display}")
            conn.execute(insert(links).values(run_id=run_id, url=url[:2000], added_at=_naive_utc(now or datetime.now(timezone.utc))))

    def prune(self, keep_days: float = DEFAULT_KEEP_DAYS, keep_runs: int = DEFAULT_KEEP_RUNS, now: datetime | None = None) -> int:
        """Delete runs recorded more than `keep_days` ago and all but the newest `keep_runs`."""
        cutoff = _naive_utc(now or datetime.now(timezone.utc)) - timedelta(days=keep_days)
        with self._guard("prune"), self.engine.begin() as conn:
            newest = select(runs.c.id).order_by(runs.c.id.desc()).limit(max(0, keep_runs)).scalar_subquery()
            doomed = select(runs.c.id).where(or_(runs.c.recorded_at < cutoff, runs.c.id.not_in(newest)))
            ids = list(conn.execute(doomed).scalars())
            for start in range(0, len(ids), _CHUNK):
                chunk = ids[start : start + _CHUNK]
                conn.execute(delete(run_clusters).where(run_clusters.c.run_id.in_(chunk)))
                conn.execute(delete(links).where(links.c.run_id.in_(chunk)))
                conn.execute(delete(runs).where(runs.c.id.in_(chunk)))
        return len(ids)

    def compact(self) -> None:
        """Give freed pages back to the file system (SQLite only; PostgreSQL autovacuums)."""
        if not self.is_sqlite:
            return
        with self._guard("compact"):
            raw = self.engine.raw_connection()  # outside any transaction (the driver is in autocommit)
            try:
                cursor = raw.cursor()
                cursor.execute("VACUUM")
                cursor.close()
            finally:
                raw.close()

    # ------------------------------------------------------------------ reading
    def list_runs(self, limit: int = 20, run_ids: Iterable[int] | None = None) -> list[RunSummary]:
        query = select(runs).order_by(runs.c.id.desc())
        if run_ids is not None:
            query = query.where(runs.c.id.in_(list(run_ids)))
        if limit:
            query = query.limit(limit)
        with self._guard("read"), self.engine.begin() as conn:
            rows = list(conn.execute(query).mappings())
            ids = [r["id"] for r in rows]
            counts = dict(
                conn.execute(
                    select(run_clusters.c.run_id, func.count()).where(run_clusters.c.run_id.in_(ids)).group_by(run_clusters.c.run_id)
                ).all()
            ) if ids else {}
            link_map = self._links(conn, ids)
        return [_summary(r, counts.get(r["id"], 0), link_map.get(r["id"], [])) for r in rows]

    def show(self, run_id: int) -> RunDetail:
        with self._guard("read"), self.engine.begin() as conn:
            row = conn.execute(select(runs).where(runs.c.id == run_id)).mappings().first()
            if row is None:
                raise HistoryError(f"no run {run_id} in history store {self.display}")
            clusters = [
                ClusterRow(**{k: r[k] for k in ClusterRow.model_fields})
                for r in conn.execute(
                    select(run_clusters).where(run_clusters.c.run_id == run_id).order_by(run_clusters.c.errors.desc(), run_clusters.c.count.desc())
                ).mappings()
            ]
            link_list = self._links(conn, [run_id]).get(run_id, [])
        summary = _summary(row, len(clusters), link_list)
        return RunDetail(**summary.model_dump(), cluster_rows=clusters)

    def search(self, query: str, limit: int = 20) -> list[RunSummary]:
        """Runs holding the fingerprint `query`, else runs whose root cause, title or a template contains it."""
        text = query.strip().lower()
        with self._guard("read"), self.engine.begin() as conn:
            by_fp = select(run_clusters.c.run_id).where(run_clusters.c.fingerprint == query.strip())
            ids = set(conn.execute(by_fp).scalars())
            if not ids and text:
                matches = select(run_clusters.c.run_id).where(func.lower(run_clusters.c.template).contains(text, autoescape=True))
                ids = set(conn.execute(matches).scalars())
                ids |= set(
                    conn.execute(
                        select(runs.c.id).where(
                            or_(func.lower(runs.c.root_cause).contains(text, autoescape=True), func.lower(runs.c.title).contains(text, autoescape=True))
                        )
                    ).scalars()
                )
        if not ids:
            return []
        newest = sorted(ids, reverse=True)[:limit]
        return self.list_runs(limit=0, run_ids=newest)

    def fingerprint_stats(
        self, fingerprints: Iterable[str], healthy_only: bool = False, reference: datetime | None = None
    ) -> dict[str, FingerprintStats]:
        """Per fingerprint: runs seen in, first/last window, mean rate; `recent_runs` counts the 7 days before `reference`."""
        fps = sorted(set(fingerprints))
        ref = _naive_utc(reference)
        week_ago = ref - timedelta(days=7) if ref else None
        when = func.coalesce(runs.c.window_start, runs.c.recorded_at)
        out: dict[str, FingerprintStats] = {}
        with self._guard("read"), self.engine.begin() as conn:
            for start in range(0, len(fps), _CHUNK):
                chunk = fps[start : start + _CHUNK]
                cols = [
                    run_clusters.c.fingerprint,
                    func.count(func.distinct(runs.c.id)),
                    func.min(when),
                    func.max(when),
                    func.avg(run_clusters.c.rate_per_min),
                ]
                if week_ago is not None:
                    cols.append(func.count(func.distinct(runs.c.id)).filter(when >= week_ago, when <= ref))
                query = select(*cols).join(runs, runs.c.id == run_clusters.c.run_id).where(run_clusters.c.fingerprint.in_(chunk))
                if healthy_only:
                    query = query.where(runs.c.healthy.is_(True))
                for row in conn.execute(query.group_by(run_clusters.c.fingerprint)):
                    out[row[0]] = FingerprintStats(
                        fingerprint=row[0],
                        runs=int(row[1]),
                        first_seen=_aware(row[2]),
                        last_seen=_aware(row[3]),
                        mean_rate_per_min=float(row[4] or 0.0),
                        recent_runs=int(row[5]) if week_ago is not None else 0,
                    )
        return out

    def past_incidents(self, fingerprints: Iterable[str], limit: int = 50) -> list[PastRun]:
        """Past report runs that share at least one fingerprint, most shared first (at most `limit`)."""
        fps = sorted(set(fingerprints))
        if not fps:
            return []
        shared: dict[int, int] = {}
        with self._guard("read"), self.engine.begin() as conn:
            for start in range(0, len(fps), _CHUNK):
                chunk = fps[start : start + _CHUNK]
                query = (
                    select(run_clusters.c.run_id, func.count())
                    .join(runs, runs.c.id == run_clusters.c.run_id)
                    .where(run_clusters.c.fingerprint.in_(chunk), runs.c.kind == "report", runs.c.healthy.is_(False))
                    .group_by(run_clusters.c.run_id)
                )
                for run_id, n in conn.execute(query):
                    shared[run_id] = shared.get(run_id, 0) + int(n)
            top = sorted(shared, key=lambda r: (-shared[r], -r))[:limit]
            if not top:
                return []
            fp_map: dict[int, set[str]] = {r: set() for r in top}
            query = select(run_clusters.c.run_id, run_clusters.c.fingerprint).where(
                run_clusters.c.run_id.in_(top), run_clusters.c.errors > 0
            )
            for run_id, fp in conn.execute(query):
                fp_map[run_id].add(fp)
        summaries = {s.run_id: s for s in self.list_runs(limit=0, run_ids=top)}
        return [PastRun(summary=summaries[r], fingerprints=fp_map[r]) for r in top if r in summaries]

    @staticmethod
    def _links(conn: Connection, ids: list[int]) -> dict[int, list[str]]:
        out: dict[int, list[str]] = {}
        if not ids:
            return out
        query = select(links.c.run_id, links.c.url).where(links.c.run_id.in_(ids)).order_by(links.c.id)
        for run_id, url in conn.execute(query):
            out.setdefault(run_id, []).append(url)
        return out


class _Guard:
    """Turns any database failure inside a `with` into a one-line HistoryError."""

    def __init__(self, display: str, what: str) -> None:
        self.display, self.what = display, what

    def __enter__(self) -> None:
        return None

    def __exit__(self, exc_type, exc, tb) -> bool:
        if exc is not None and isinstance(exc, (SQLAlchemyError, sqlite3.Error, OSError)):
            raise HistoryError(f"cannot {self.what} history store {self.display}: {_error_line(exc)}") from None
        return False


def _summary(row, clusters: int, link_list: list[str]) -> RunSummary:
    return RunSummary(
        run_id=row["id"],
        recorded_at=_aware(row["recorded_at"]),
        kind=row["kind"],
        healthy=bool(row["healthy"]),
        window_start=_aware(row["window_start"]),
        window_end=_aware(row["window_end"]),
        source=row["source"],
        services=list(row["services"] or []),
        title=row["title"],
        root_cause=row["root_cause"],
        category=row["category"],
        root_cluster_ids=list(row["root_cluster_ids"] or []),
        priority=row["priority"],
        report=row["report"],
        entries=row["entries"],
        clusters=clusters,
        links=link_list,
    )


def _sqlite_begin_immediate(engine: Engine) -> None:
    """pysqlite's own BEGIN is deferred: two writers that both read first deadlock on the lock
    upgrade and one fails at once. Take the write lock when the transaction starts instead, and
    use WAL so readers do not block the writer."""

    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn, _record) -> None:
        dbapi_conn.isolation_level = None  # the driver stops issuing its own BEGIN
        cursor = dbapi_conn.cursor()
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")
