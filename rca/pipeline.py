"""The main job, stage by stage: records -> clusters -> analysis -> analyst -> Report.

Every command (generate, eval, slack) goes through `build_report`, so they all produce the same
report for the same logs.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from rca.llm.base import AnalystOptions
from rca.batches import Reduction
from rca.models import Analysis, AnalystOutput, LogRecord, MiningResult, ReadStats, RequestStats
from rca.schema import AnalystInfo, Report

if TYPE_CHECKING:
    from rca.history.hook import HistoryHook

Progress = Callable[[int], None]


@dataclass(frozen=True)
class Baseline:
    """The entries of a baseline window and how it is named in the report ("30 minutes")."""

    records: Iterable[LogRecord]
    span: str


@contextmanager
def _rare_collections() -> Iterator[None]:
    """Mining allocates millions of short-lived rows and almost no reference cycles (refcounting
    frees them), but every 700 allocations CPython's cycle collector runs, and its full passes
    walk every cluster table: with rarer collections `rca mine` on 1M entries takes ~0.7 s less.
    Memory stays flat: only cyclic garbage waits longer. Main thread only: the setting is global,
    and a server's threads (rca serve slack) would restore each other's values out of order."""
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    old = gc.get_threshold()
    gc.set_threshold(100_000, 50, 100)
    try:
        yield
    finally:
        gc.set_threshold(*old)


def _reduction(records: Iterable[LogRecord]) -> Reduction | None:
    """The query plan's reduction of a file or stdin stream (rca.sources.duck), else None."""
    reduce = getattr(records, "reduction", None)
    return reduce() if reduce is not None else None


def mine_records(
    records: Iterable[LogRecord], read: ReadStats, progress: Progress | None = None
) -> MiningResult:
    """Mine the records: a JSON export through the query plan, anything else record by record."""
    return mine_and_tally(records, read, progress, tally=False)[0]


def mine_and_tally(
    records: Iterable[LogRecord], read: ReadStats, progress: Progress | None = None, tally: bool = True
) -> tuple[MiningResult, RequestStats]:
    """One read of the input: clusters, plus the request figures impact needs."""
    from rca.analysis.impact import RequestTally
    from rca.mining import mine
    from rca.mining.stats import mine_reduction

    requests = RequestTally()
    with _rare_collections():
        reduction = _reduction(records)
        if reduction is not None:
            mining = mine_reduction(reduction)
            if tally:
                for batch in reduction.requests():
                    requests.add_columns(batch.status, batch.latency, batch.timestamp, batch.endpoint, batch.service, batch.push)
            else:  # `rca mine`: no request figures to read
                reduction.close()
            if progress is not None:
                progress(reduction.total)
        else:
            mining = mine(requests.tap(records) if tally else records, progress=progress)
    mining.read = read
    if mining.time_outliers and mining.window_start and mining.window_end:
        requests.keep_window(mining.window_start.timestamp(), mining.window_end.timestamp())
    return mining, requests.summary()


def write_analysis(
    mining: MiningResult, analysis: Analysis, options: AnalystOptions
) -> tuple[AnalystOutput, AnalystInfo]:
    """Ask the chosen analyst; any provider failure falls back to the offline analyst, said so in
    the report and in one line on stderr."""
    from rca.errors import ProviderError, warn
    from rca.llm import fallback_analyst, select_analyst

    analyst = select_analyst(options)
    try:
        return analyst.analyse(mining, analysis)
    except ProviderError as exc:
        reason = f"{analyst.name} analyst failed: {exc}"
        warn(f"{reason}; the offline analyst wrote the report")
        output, info = fallback_analyst(options).analyse(mining, analysis)
        info.fallback_reason = reason
        return output, info


def build_report(
    records: Iterable[LogRecord],
    read: ReadStats,
    options: AnalystOptions | None = None,
    progress: Progress | None = None,
    history: HistoryHook | None = None,
    baseline: Baseline | None = None,
) -> Report:
    """`history` (rca.history): past healthy windows as a baseline, then new/recurring clusters
    and similar past incidents in the report; the caller records the run once it is written.
    `baseline`: the entries of a window just before this one (`generate --project`), mined on
    their own; streams running there are background."""
    from rca.analysis import analyse
    from rca.render.assemble import assemble_report

    options = options or AnalystOptions()
    mining, requests = mine_and_tally(records, read, progress)
    analysis = analyse(mining, requests)
    if baseline is not None:
        from rca.history.baseline import apply_window_baseline

        base, _ = mine_and_tally(baseline.records, ReadStats())
        analysis, note = apply_window_baseline(mining, analysis, base, baseline.span)
        read.notes.append(note)
    if history is not None:
        analysis = history.adjust(mining, analysis)
    output, info = write_analysis(mining, analysis, options)
    report = assemble_report(
        mining, analysis, output, info, redact=options.redact, generated_at=datetime.now(timezone.utc)
    )
    return history.annotate(report) if history is not None else report
