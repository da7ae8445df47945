"""`rca eval incidents`: replay historical incidents through the full pipeline and grade every report.

Each DIR is an incident folder (it holds truth.json and logs.json / logs.json.gz, see
shared/incidents/FORMAT.md) or a folder of incident folders (one level down). Every incident goes
through `rca.sources.read_records` -> `rca.pipeline.build_report` -> `rca.render.render` (Markdown
and JSON), exactly like `rca generate`, and is graded with every metric of FORMAT.md
(`rca.evals.metrics`) including `grounded` (`rca.evals.grounded`).

Output: a table (one row per incident and a summary row) on stdout, a progress bar on stderr when
it is a terminal, and with `--json PATH`:

    {"summary": {metric: value, ..., "incidents": N},
     "incidents": [{"id": ..., metric: value, ..., "dir", "title", "error", "grounded_problems", ...}],
     "run": {"provider", "model", "dirs"}}

Per incident, booleans are true/false and a metric that does not apply is null. The summary is the
mean of the applicable values, except distractor_blamed, false_alarm and confident_wrong: the NUMBER of incidents
where they were true (see rca.evals.metrics). An incident whose report could not be built scores
as failed on every applicable metric and carries its error message.

Beside rca's scores every row and the summary carry `baseline_root_cause@1` (column
"baseline@1"): root_cause@1 of the baseline "blame the most frequent ERROR headline line, traceback
frame lines set aside" on the same mined clusters (`rca.evals.metrics.baseline_cluster`), and each
row names the `baseline_cluster`.

`--fail-under METRIC=VALUE` (repeatable) exits 1 when the summary misses the bar: a minimum for
"higher is better" metrics, a MAXIMUM for distractor_blamed, false_alarm, confident_wrong, input_tokens,
output_tokens and seconds (`--fail-under false_alarm=0` means "no false alarm"). `METRIC>=VALUE`
and `METRIC<=VALUE` say the direction explicitly. A gate on a metric that applies to no incident
(n/a) is skipped with a note.

`--record DIR` / `--replay DIR` work as in `rca generate`: recordings are keyed by the evidence
hash, so one folder serves every incident. `--batch` (anthropic only) sends all incidents to the
Message Batches API in one request (`run_batch`).
"""

from __future__ import annotations

import json
import os
import sys
import time
import traceback
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from rca.errors import InputError, UsageError
from rca.evals.metrics import (
    BASELINE,
    COUNT_METRICS,
    LOWER_IS_BETTER,
    METRICS,
    Truth,
    failed_grade,
    grade,
    grade_baseline,
    load_truth,
    summarise,
)

LOG_NAMES = ("logs.json", "logs.json.gz", "logs.jsonl", "logs.jsonl.gz", "logs.ndjson", "logs.ndjson.gz")


# --------------------------------------------------------------------------- discovery


@dataclass(frozen=True)
class Incident:
    dir: Path
    logs: Path
    truth: Truth

    @property
    def id(self) -> str:
        return self.truth.id


def find_logs(folder: Path) -> Path | None:
    for name in LOG_NAMES:
        if (folder / name).is_file():
            return folder / name
    return None


def _load_incident(folder: Path) -> Incident:
    truth = load_truth(folder / "truth.json")
    logs = find_logs(folder)
    if logs is None:
        raise InputError(f"{folder}: no logs.json or logs.json.gz next to truth.json")
    return Incident(folder, logs, truth)


def discover_incidents(dirs: list[str]) -> list[Incident]:
    """Incident folders named, or found one level below the folders named; errors are InputErrors."""
    if not dirs:
        raise UsageError("give at least one incident folder")
    found: list[Incident] = []
    seen: set[Path] = set()
    for d in dirs:
        path = Path(d)
        if not path.exists():
            raise InputError(f"{d}: no such folder")
        if not path.is_dir():
            raise InputError(f"{d}: not a folder (give an incident folder or a folder of them)")
        if (path / "truth.json").exists():
            folders = [path]
        else:
            subs = sorted(p for p in path.iterdir() if p.is_dir() and not p.name.startswith("."))
            folders = [p for p in subs if (p / "truth.json").exists()]
            for p in subs:
                if p not in folders and find_logs(p) is not None:
                    raise InputError(f"{p}: no truth.json (see incidents/FORMAT.md)")
            if not folders:
                raise InputError(f"{d}: no truth.json here or in its sub-folders (see incidents/FORMAT.md)")
        for folder in folders:
            key = folder.resolve()
            if key not in seen:
                seen.add(key)
                found.append(_load_incident(folder))
    return found


# --------------------------------------------------------------------------- one incident


def _options(settings: dict[str, Any]):  # noqa: ANN202 - AnalystOptions, imported lazily
    from rca.llm.base import AnalystOptions

    return AnalystOptions(
        provider=settings.get("provider") or "offline",
        model=settings.get("model"),
        replay_dir=settings.get("replay_dir"),
        record_dir=settings.get("record_dir"),
    )


def _error_row(truth: Truth, exc: BaseException, seconds: float, folder: Path) -> dict[str, Any]:
    row: dict[str, Any] = {"id": truth.id, **failed_grade(truth, seconds)}
    message = str(exc).splitlines()[0] if str(exc) else ""
    row.update(dir=str(folder), title=truth.title,
               error=f"{type(exc).__name__}: {message}" if message else type(exc).__name__,
               report_priority=None, root_cause_cluster=None, root_cause_category=None, confidence=None, fallback_reason=None,
               grounded_checked=0, grounded_problems=[], unverifiable_clusters=[], verifiable_share=0.0)
    if os.environ.get("RCA_DEBUG"):
        row["traceback"] = "".join(traceback.format_exception(exc))
    return row


def grade_report(incident: Incident, report: Any, seconds: float, grounded: bool = True) -> dict[str, Any]:
    """Render a built report as Markdown and JSON and grade it with every metric (`grounded`
    False: leave the grounded check out, its metric then fails; `rca eval perturb` does not report it)."""
    from pydantic import ValidationError

    from rca.evals.grounded import GroundedResult, check_grounded
    from rca.render import render
    from rca.schema import Report

    truth = incident.truth
    started = time.perf_counter()
    markdown = render(report, "md")
    report_json = render(report, "json")
    seconds += time.perf_counter() - started
    try:
        graded = Report.model_validate_json(report_json)
        repaired = bool(json.loads(report_json).get("analyst", {}).get("repaired"))
        schema_valid = graded.analyst.fallback_reason is None and not repaired
    except ValidationError:
        graded, schema_valid = report, False
    result = check_grounded(report_json, markdown, str(incident.logs)) if grounded else GroundedResult(False, 0, ["not checked"])
    rc = graded.root_cause
    return {
        "id": truth.id,
        **grade(graded, truth, schema_valid=schema_valid, grounded=result.ok, seconds=seconds),
        "dir": str(incident.dir),
        "title": truth.title,
        "error": None,
        "report_priority": graded.priority,
        "root_cause_cluster": rc.cluster_ids[0] if rc and rc.cluster_ids else None,
        "root_cause_category": rc.category if rc else None,
        "confidence": rc.confidence if rc else None,
        "fallback_reason": graded.analyst.fallback_reason,
        "grounded_checked": result.checked,
        "grounded_problems": result.problems,
        "unverifiable_clusters": result.unverifiable,
        "verifiable_share": round(result.verifiable_share, 4),
    }


def run_one(incident_dir: str, settings: dict[str, Any]) -> dict[str, Any]:
    """Replay and grade one incident (read_records -> mine -> analyse -> analyst -> assemble ->
    render, the stages of `rca.pipeline.build_report`); never raises.

    A failure becomes the row's `error` and every applicable metric fails. `seconds` is the time
    to read, build and render the report (grading not included). The baseline is graded on the
    same mined clusters whenever mining succeeded.
    """
    return replay(_load_incident(Path(incident_dir)), settings)


def replay(incident: Incident, settings: dict[str, Any]) -> dict[str, Any]:
    """run_one on an Incident whose logs may live elsewhere (rca.evals.perturb writes variants)."""
    from datetime import datetime, timezone

    started = time.perf_counter()
    baseline: dict[str, Any] = {BASELINE: None, "baseline_cluster": None}
    try:
        from rca.analysis import analyse
        from rca.models import ReadStats
        from rca.pipeline import mine_and_tally, write_analysis
        from rca.render.assemble import assemble_report
        from rca.sources import read_records

        options = _options(settings)
        stats = ReadStats()
        mining, requests = mine_and_tally(read_records(str(incident.logs), "auto", stats), stats)
        baseline = grade_baseline(mining, incident.truth)
        analysis = analyse(mining, requests)
        output, info = write_analysis(mining, analysis, options)
        report = assemble_report(mining, analysis, output, info, redact=options.redact,
                                 generated_at=datetime.now(timezone.utc))
        return {**grade_report(incident, report, time.perf_counter() - started, settings.get("grounded", True)), **baseline}
    except Exception as exc:  # noqa: BLE001 - one broken incident must not stop the eval
        return {**_error_row(incident.truth, exc, time.perf_counter() - started, incident.dir), **baseline}


def run_batch(incidents: list[Incident], settings: dict[str, Any], update: Any) -> list[dict[str, Any]]:
    """--batch: mine every incident, ask the model for all of them in ONE Message Batches request,
    then assemble and grade. Same stages as `build_report`; a request the batch could not answer
    falls back to the offline analyst (and says so, so schema_valid is false). Each incident's
    `seconds` is its own read/mine/render time plus an equal share of the batch's wall time.
    """
    from datetime import datetime, timezone

    from rca.analysis import analyse
    from rca.errors import warn
    from rca.llm import fallback_analyst
    from rca.llm.anthropic_analyst import analyse_batch
    from rca.models import ReadStats
    from rca.pipeline import mine_and_tally
    from rca.render.assemble import assemble_report
    from rca.sources import read_records

    options = _options(settings)
    rows: dict[int, dict[str, Any]] = {}
    prepared: dict[int, tuple[Any, Any, float]] = {}
    baselines: dict[int, dict[str, Any]] = {}
    for i, inc in enumerate(incidents):
        started = time.perf_counter()
        try:
            stats = ReadStats()
            mining, requests = mine_and_tally(read_records(str(inc.logs), "auto", stats), stats)
            baselines[i] = grade_baseline(mining, inc.truth)
            prepared[i] = (mining, analyse(mining, requests), time.perf_counter() - started)
        except Exception as exc:  # noqa: BLE001
            rows[i] = _error_row(inc.truth, exc, time.perf_counter() - started, inc.dir)
    started = time.perf_counter()
    answers = analyse_batch([(str(i), m, a) for i, (m, a, _) in prepared.items()], options) if prepared else {}
    batch_share = (time.perf_counter() - started) / max(1, len(prepared))
    for done, (i, (mining, analysis, seconds)) in enumerate(prepared.items(), start=1):
        inc = incidents[i]
        started = time.perf_counter()
        try:
            answer = answers.get(str(i)) or RuntimeError("no batch answer")
            if isinstance(answer, Exception):
                warn(f"{inc.dir.name}: anthropic analyst failed: {answer}; the offline analyst wrote the report")
                output, info = fallback_analyst(options).analyse(mining, analysis)
                info.fallback_reason = f"anthropic analyst failed: {answer}"
            else:
                output, info = answer
            report = assemble_report(mining, analysis, output, info, redact=options.redact,
                                     generated_at=datetime.now(timezone.utc))
            rows[i] = grade_report(inc, report, seconds + batch_share + time.perf_counter() - started)
        except Exception as exc:  # noqa: BLE001
            rows[i] = _error_row(inc.truth, exc, seconds + batch_share, inc.dir)
        update(done)
    empty = {BASELINE: None, "baseline_cluster": None}
    return [{**rows[i], **baselines.get(i, empty)} for i in range(len(incidents))]


# --------------------------------------------------------------------------- gates


@dataclass(frozen=True)
class Gate:
    metric: str
    value: float
    maximum: bool  # True: fail when the summary is above `value`

    def describe(self) -> str:
        return f"{self.metric} {'<=' if self.maximum else '>='} {self.value:g}"


def parse_gates(specs: list[str]) -> list[Gate]:
    gates = []
    for spec in specs:
        text = spec.strip()
        for op in ("<=", ">=", "="):
            if op in text:
                name, _, value = text.partition(op)
                break
        else:
            raise UsageError(f"--fail-under {spec!r}: write METRIC=VALUE (or METRIC<=VALUE / METRIC>=VALUE)")
        name = name.strip()
        if name not in METRICS:
            raise UsageError(f"--fail-under {spec!r}: unknown metric {name!r} (one of {', '.join(METRICS)})")
        try:
            threshold = float(value)
        except ValueError:
            raise UsageError(f"--fail-under {spec!r}: {value.strip()!r} is not a number") from None
        maximum = op == "<=" or (op == "=" and name in LOWER_IS_BETTER)
        gates.append(Gate(name, threshold, maximum))
    return gates


def check_gates(gates: list[Gate], summary: dict[str, Any]) -> tuple[list[str], list[str]]:
    """(failures, notes)."""
    failures, notes = [], []
    for gate in gates:
        value = summary.get(gate.metric)
        if value is None:
            notes.append(f"gate {gate.describe()} skipped: no incident where {gate.metric} applies")
        elif (value > gate.value) if gate.maximum else (value < gate.value):
            failures.append(f"{gate.metric} = {value:g}, wanted {gate.describe()}")
    return failures, notes


# --------------------------------------------------------------------------- output

_GOOD_WHEN_TRUE = frozenset((*METRICS, BASELINE)) - COUNT_METRICS


def _cell(name: str, value: Any, summary: bool = False) -> str:
    if value is None:
        return "[dim]–[/dim]"
    if isinstance(value, bool):
        good = value == (name in _GOOD_WHEN_TRUE)
        return f"[{'green' if good else 'red'}]{'yes' if value else 'no'}[/]"
    if name in ("input_tokens", "output_tokens"):
        return f"{value:,.0f}"
    if name == "seconds":
        return f"{value:.2f}"
    if summary and name in COUNT_METRICS:
        return f"[{'green' if value == 0 else 'red'}]{value}[/]"
    if isinstance(value, float):
        colour = "green" if value >= 0.999 else ("yellow" if value >= 0.5 else "red")
        return f"[{colour}]{value:.2f}[/]"
    return str(value)


def render_table(rows: list[dict[str, Any]], summary: dict[str, Any], file: Any = None) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(file=file or sys.stdout, highlight=False)
    if not console.is_terminal:
        console = Console(file=file or sys.stdout, highlight=False, width=240, no_color=True)
    table = Table(title="rca eval incidents", show_footer=False)
    table.add_column("incident", no_wrap=True)
    for name in METRICS:
        table.add_column(name, justify="right")
    table.add_column("baseline@1", justify="right")
    for row in rows:
        label = row["id"] + (" [red](error)[/]" if row.get("error") else "")
        table.add_row(label, *(_cell(m, row.get(m)) for m in (*METRICS, BASELINE)))
    table.add_section()
    table.add_row(f"[bold]summary ({summary.get('incidents', len(rows))})[/]", *(_cell(m, summary.get(m), True) for m in (*METRICS, BASELINE)))
    console.print(table)
    ours, base = summary.get("root_cause@1"), summary.get(BASELINE)
    if base is not None and ours is not None:
        console.print(f"root_cause@1: rca {ours:.2f}, baseline {base:.2f} (blame the most frequent ERROR headline line,"
                      f" traceback frame lines set aside; {ours - base:+.2f})", soft_wrap=True, markup=False)
    for row in rows:
        if row.get("error"):
            console.print(f"[red]{row['id']}[/]: report failed: {row['error']}", markup=True, soft_wrap=True)
        problems = row.get("grounded_problems") or []
        if problems:
            console.print(f"[yellow]{row['id']}[/]: {len(problems)} grounded problem(s):", soft_wrap=True)
            for p in problems[:15]:
                console.print(f"  - {p}", markup=False, soft_wrap=True)
            if len(problems) > 15:
                console.print(f"  ... and {len(problems) - 15} more (see --json)", soft_wrap=True)


def eval_json(rows: list[dict[str, Any]], summary: dict[str, Any], run: dict[str, Any]) -> str:
    return json.dumps({"summary": summary, "incidents": rows, "run": run}, indent=2, ensure_ascii=False) + "\n"


# --------------------------------------------------------------------------- command


def run_incident_eval(
    dirs: list[str],
    provider: str = "offline",
    model: str | None = None,
    replay_dir: str | None = None,
    record_dir: str | None = None,
    batch: bool = False,
    json_path: str | Path | None = None,
    jobs: int = 1,
    fail_under: list[str] | None = None,
    history: bool = False,
    progress: bool | None = None,
) -> int:
    """Replay, grade, print; returns the exit code (0, or 1 when a --fail-under gate fails)."""
    from rca.progress import progress_bar

    gates = parse_gates(fail_under or [])
    if jobs < 1:
        raise UsageError("--jobs must be at least 1")
    if batch and provider != "anthropic":
        raise UsageError("--batch needs --provider anthropic")
    if provider == "replay" and not replay_dir:
        raise UsageError("--provider replay needs --replay FOLDER")
    if replay_dir and not Path(replay_dir).is_dir():
        raise InputError(f"{replay_dir}: no such folder of recorded answers")
    incidents = discover_incidents(dirs)
    settings = {"provider": provider, "model": model, "replay_dir": replay_dir, "record_dir": record_dir}
    rows: list[dict[str, Any] | None] = [None] * len(incidents)
    with progress_bar("Replaying incidents", total=len(incidents), enabled=progress) as update:
        if batch:
            rows = list(run_batch(incidents, settings, update))
        elif jobs == 1 or len(incidents) == 1:
            for i, inc in enumerate(incidents):
                rows[i] = run_one(str(inc.dir), settings)
                update(i + 1)
        else:
            workers = min(jobs, len(incidents))
            with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn")) as pool:
                futures = {pool.submit(run_one, str(inc.dir), settings): i for i, inc in enumerate(incidents)}
                for done, fut in enumerate(as_completed(futures), start=1):
                    rows[futures[fut]] = fut.result()
                    update(done)
    results = [r for r in rows if r is not None]
    summary = summarise(results)
    run = {"provider": provider, "model": model, "dirs": [str(d) for d in dirs]}
    render_table(results, summary)
    if json_path is not None:
        path = Path(json_path)
        try:
            path.write_text(eval_json(results, summary, run), encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None
    if history:
        from rca.evals.history import append_history

        written = append_history("incidents", summary, provider, {"model": model, "dirs": run["dirs"]})
        print(f"history: appended to {written}", file=sys.stderr)
    failures, notes = check_gates(gates, summary)
    for note in notes:
        print(f"rca eval: {note}", file=sys.stderr)
    for failure in failures:
        print(f"rca eval: FAIL {failure}", file=sys.stderr)
    return 1 if failures else 0
