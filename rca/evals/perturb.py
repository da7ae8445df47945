"""`rca eval perturb`: how brittle is the analysis? Replay every incident in variants that must not
change the answer, and score each kind of variant beside the untouched logs.

No generator of our own: every variant is derived from an incident's own entries (or, for `noise`,
from another incident's healthy part), by a transformation a real deployment produces anyway:

    original          the logs as they are
    late-start        the window opens mid-incident: it starts at the median time of the entries
                      holding the root-cause evidence (at the first one when there is only one)
    short-end         the window ends a few minutes (SHORT_MINUTES) after the first root-cause entry
                      at ERROR or above (the failure's onset, not a precursor warning)
    default-severity  every entry's severity is DEFAULT: the level is only in the text, if anywhere
    log4j / glog / logfmt
                      the message of every text or JSON entry is re-written as one text line with
                      another common prefix (the original prefix, when a simple generic pattern
                      finds one, is taken off first), severity kept
    rename            services (container, pod, Cloud Run service, app labels) get other names
    shift             every timestamp moves by SHIFT (years, days and odd seconds)
    noise             another incident's healthy part, its services renamed, is laid over the window

Healthy windows (root_cause null) cut at their middle instead of at the evidence. The truth is not
changed: the answer (root cause, priority, no false alarm) must hold in every variant.

Output: a table, one row per transformation: root_cause@1, the baseline's root_cause@1 on the same
variant, priority, false alarms, and the incidents that went wrong; `--json` writes every row.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
import tempfile
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from datetime import datetime, timedelta, timezone
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from rca.errors import UsageError
from rca.evals.incidents import Incident, discover_incidents, replay
from rca.evals.metrics import BASELINE, Truth
from rca.models import ERROR_SEVERITIES

SHORT_MINUTES = 4
SHIFT = timedelta(days=3 * 365 + 17, hours=5, minutes=13, seconds=7.5)

Entry = dict[str, Any]

# A simple generic prefix: [date] time [pid] LEVEL [logger] message. Only for re-writing lines in
# the eval; rca's own parsing lives in rca.sources.lineformat.
_PREFIX = re.compile(
    r"^(?:\d{4}-\d\d-\d\d[T ])?\d\d:\d\d:\d\d(?:[.,]\d+)?(?:Z|[+-]\d\d:?\d\d)? +(?:(?P<pid>\d+) +)?"
    r"(?P<level>TRACE|DEBUG|INFO|NOTICE|AUDIT|WARNING|WARN|ERROR|CRITICAL|FATAL) +"
    r"(?:(?P<logger>[\w.#$\[\]:-]*[\w\]]:?) )?(?P<msg>.*)$",
    re.S,
)
_LEVEL_SEVERITY = {"TRACE": "DEBUG", "AUDIT": "NOTICE", "WARN": "WARNING", "FATAL": "CRITICAL"}
_SERVICE_LABELS = ("container_name", "service_name", "configuration_name", "job_name", "function_name",
                   "module_id", "k8s-pod/app", "app")


# --------------------------------------------------------------------------- helpers


def _ts(entry: Entry) -> datetime | None:
    raw = entry.get("timestamp")
    if not isinstance(raw, str):
        return None
    try:
        return datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        return None


def _iso(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _text(entry: Entry) -> str:
    if isinstance(entry.get("textPayload"), str):
        return entry["textPayload"]
    payload = entry.get("jsonPayload")
    if isinstance(payload, dict):
        return json.dumps(payload, ensure_ascii=False)
    return ""


_ERRORS = ERROR_SEVERITIES


def evidence_times(entries: list[Entry], truth: Truth, errors_only: bool = False) -> list[datetime]:
    """Times of the entries that hold a root-cause evidence string, oldest first (with
    errors_only, those at ERROR or above when there are any: a precursor warning is not the onset)."""
    if truth.root_cause is None:
        return []
    needles = [e.lower() for e in truth.root_cause.evidence]
    found, failing = [], []
    for entry in entries:
        text = _text(entry).lower()
        if any(n in text for n in needles) and (t := _ts(entry)) is not None:
            found.append(t)
            if entry.get("severity") in _ERRORS:
                failing.append(t)
    return sorted(failing if errors_only and failing else found)


def _span(entries: list[Entry]) -> tuple[datetime, datetime]:
    times = [t for e in entries if (t := _ts(e)) is not None]
    return min(times), max(times)


def _between(entries: list[Entry], start: datetime | None, end: datetime | None) -> list[Entry]:
    out = []
    for entry in entries:
        t = _ts(entry)
        if t is None or (start is None or t >= start) and (end is None or t <= end):
            out.append(entry)
    return out


def _split(entry: Entry) -> tuple[str, str, str, str] | None:
    """(level severity, pid, logger, message) of a text or JSON entry; None for other entries."""
    severity = entry.get("severity") or "DEFAULT"
    if isinstance(entry.get("textPayload"), str):
        line = entry["textPayload"]
        m = _PREFIX.match(line)
        if m is None:
            return severity, "", "", line
        level = m["level"]
        return _LEVEL_SEVERITY.get(level, level), m["pid"] or "", (m["logger"] or "").rstrip(":"), m["msg"]
    payload = entry.get("jsonPayload")
    if isinstance(payload, dict):
        message = next((payload[k] for k in ("message", "msg") if isinstance(payload.get(k), str)), None)
        if message is None:
            return None
        logger = payload.get("logger") or payload.get("name") or ""
        extra = payload.get("exc_info") or payload.get("stack_trace") or payload.get("traceback") or ""
        if isinstance(extra, str) and extra:
            message = f"{message}\n{extra}"
        return severity, "", str(logger), message
    return None


# --------------------------------------------------------------------------- transformations


def late_start(entries: list[Entry], truth: Truth) -> list[Entry]:
    times = evidence_times(entries, truth)
    if times:
        start = times[(len(times) - 1) // 2]
    else:
        first, last = _span(entries)
        start = first + (last - first) / 2
    return _between(entries, start, None)


def short_end(entries: list[Entry], truth: Truth) -> list[Entry]:
    times = evidence_times(entries, truth, errors_only=True)
    if times:
        end = times[0] + timedelta(minutes=SHORT_MINUTES)
    else:
        first, last = _span(entries)
        end = first + (last - first) / 3
    return _between(entries, None, end)


def default_severity(entries: list[Entry], truth: Truth) -> list[Entry]:
    return [{**e, "severity": "DEFAULT"} if "textPayload" in e or "jsonPayload" in e else e for e in entries]


def _rewrite(line: Callable[[datetime, str, str, str, str], str]) -> Callable[[list[Entry], Truth], list[Entry]]:
    def transform(entries: list[Entry], truth: Truth) -> list[Entry]:
        out = []
        for entry in entries:
            parts, t = _split(entry), _ts(entry)
            if parts is None or t is None:
                out.append(entry)
                continue
            severity, pid, logger, message = parts
            new = {k: v for k, v in entry.items() if k not in ("textPayload", "jsonPayload")}
            new["textPayload"] = line(t, severity, pid or "1", logger or "main", message)
            out.append(new)
        return out

    return transform


def _log4j(t: datetime, severity: str, pid: str, logger: str, message: str) -> str:
    level = {"WARNING": "WARN", "CRITICAL": "FATAL", "DEFAULT": "INFO", "NOTICE": "INFO"}.get(severity, severity)
    return f"{t:%Y-%m-%d %H:%M:%S},{t.microsecond // 1000:03d} {level:<5} [thread-{pid}] {logger} - {message}"


def _glog(t: datetime, severity: str, pid: str, logger: str, message: str) -> str:
    letter = {"DEBUG": "I", "DEFAULT": "I", "NOTICE": "I", "WARNING": "W", "ERROR": "E"}.get(severity, severity[:1])
    letter = letter if letter in "IWEF" else "F"
    source = re.sub(r"\W+", "_", logger.rsplit(".", 1)[-1]).strip("_").lower() or "main"  # a file name: x.go
    return f"{letter}{t:%m%d %H:%M:%S}.{t.microsecond:06d} {pid:>7} {source}.go:1] {message}"


def _logfmt(t: datetime, severity: str, pid: str, logger: str, message: str) -> str:
    level = {"DEFAULT": "info", "NOTICE": "info", "WARNING": "warn"}.get(severity, severity.lower())
    quoted = message.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'ts={_iso(t)} level={level} logger={logger} pid={pid} msg="{quoted}"'


def _renamed(name: str, prefix: str) -> str:
    return f"{prefix}{sum(map(ord, name)) % 997:03d}-{name[::-1].strip('-')[:6]}"


def _rename_entry(entry: Entry, prefix: str) -> Entry:
    resource = entry.get("resource") or {}
    labels = dict(resource.get("labels") or {})
    for key in ("container_name", "service_name", "configuration_name", "job_name", "function_name", "module_id"):
        if isinstance(labels.get(key), str):
            labels[key] = _renamed(labels[key], prefix)
    if isinstance(labels.get("pod_name"), str):
        labels["pod_name"] = _renamed(labels["pod_name"], prefix) + "-0"
    if isinstance(labels.get("revision_name"), str):
        labels["revision_name"] = _renamed(labels["revision_name"], prefix) + "-00001"
    new = {**entry, "resource": {**resource, "labels": labels}}
    if isinstance(entry.get("labels"), dict):
        new["labels"] = {k: _renamed(v, prefix) if k in _SERVICE_LABELS and isinstance(v, str) else v
                         for k, v in entry["labels"].items()}
    return new


def rename(entries: list[Entry], truth: Truth) -> list[Entry]:
    return [_rename_entry(e, "svc") for e in entries]


def shift(entries: list[Entry], truth: Truth) -> list[Entry]:
    out = []
    for entry in entries:
        new = dict(entry)
        for key in ("timestamp", "receiveTimestamp"):
            try:
                new[key] = _iso(datetime.fromisoformat(str(entry[key]).replace("Z", "+00:00")) + SHIFT)
            except (KeyError, ValueError):
                pass
        out.append(new)
    return out


TRANSFORMS: dict[str, Callable[[list[Entry], Truth], list[Entry]]] = {
    "late-start": late_start,
    "short-end": short_end,
    "default-severity": default_severity,
    "log4j": _rewrite(_log4j),
    "glog": _rewrite(_glog),
    "logfmt": _rewrite(_logfmt),
    "rename": rename,
    "shift": shift,
}
NAMES = ("original", *TRANSFORMS, "noise")


def healthy_part(entries: list[Entry], truth: Truth) -> list[Entry]:
    """The entries before the incident (a minute before the first root-cause entry), or all of a
    healthy window."""
    times = evidence_times(entries, truth)
    if truth.root_cause is None:
        return entries
    if not times:
        return []
    return _between(entries, None, times[0] - timedelta(minutes=1))


def add_noise(entries: list[Entry], noise: list[Entry]) -> list[Entry]:
    """Lay `noise` (its services renamed) over the window: its first entry at the window's first."""
    if not noise or not entries:
        return entries
    start, end = _span(entries)
    offset = start - _span(noise)[0]
    laid = []
    for entry in noise:
        t = _ts(entry)
        if t is None or t + offset > end:
            continue
        moved = _rename_entry(entry, "bg")
        moved["timestamp"] = _iso(t + offset)
        moved.pop("receiveTimestamp", None)
        if "insertId" in moved:
            moved["insertId"] = f"bg-{moved['insertId']}"
        laid.append(moved)
    merged = entries + laid
    merged.sort(key=lambda e: e.get("timestamp") or "", reverse=True)  # newest first, as gcloud writes
    return merged


# --------------------------------------------------------------------------- running


def load_entries(path: Path) -> list[Entry]:
    opener = gzip.open if path.read_bytes()[:2] == b"\x1f\x8b" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        data = json.load(fh)
    if not isinstance(data, list):
        raise UsageError(f"{path}: rca eval perturb reads JSON-array exports only")
    return [e for e in data if isinstance(e, dict)]


def _noise_source(incident: Incident, pool: list[Incident]) -> Incident | None:
    healthy = [i for i in pool if i.truth.root_cause is None and i.dir != incident.dir]
    others = healthy or [i for i in pool if i.dir != incident.dir]
    if not others:
        return None
    return others[sum(map(ord, incident.id)) % len(others)]


def run_variant(incident_dir: str, name: str, noise_dir: str | None, settings: dict[str, Any]) -> dict[str, Any]:
    """Build one variant in a temporary folder and replay it (the full pipeline, graded)."""
    from rca.evals.incidents import _load_incident

    incident = _load_incident(Path(incident_dir))
    if name == "original":
        row = replay(incident, settings)
    else:
        entries = load_entries(incident.logs)
        if name == "noise":
            if noise_dir is None:
                return {"id": incident.id, "transform": name, "skipped": "no other incident to take noise from"}
            other = _load_incident(Path(noise_dir))
            variant = add_noise(entries, healthy_part(load_entries(other.logs), other.truth))
        else:
            variant = TRANSFORMS[name](entries, incident.truth)
        if not variant:
            return {"id": incident.id, "transform": name, "skipped": "the variant holds no entries"}
        with tempfile.TemporaryDirectory(prefix="rca-perturb-") as tmp:
            logs = Path(tmp) / "logs.json"
            logs.write_text(json.dumps(variant, ensure_ascii=False), encoding="utf-8")
            row = replay(Incident(incident.dir, logs, incident.truth), settings)
    row["transform"] = name
    return row


def summarise_variants(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One line per transformation: rc@1, baseline rc@1, priority, false alarms, what went wrong."""
    table = []
    for name in NAMES:
        mine = [r for r in rows if r.get("transform") == name and not r.get("skipped")]
        if not mine:
            continue
        scored = [r for r in mine if r.get("root_cause@1") is not None]
        based = [r for r in mine if r.get(BASELINE) is not None]
        table.append({
            "transform": name,
            "incidents": len(mine),
            "root_cause@1": _mean(r["root_cause@1"] for r in scored),
            BASELINE: _mean(r[BASELINE] for r in based),
            "priority": _mean(r["priority"] for r in mine if r.get("priority") is not None),
            "false_alarm": sum(1 for r in mine if r.get("false_alarm")),
            "missed": sorted(r["id"] for r in scored if not r["root_cause@1"]),
            "wrong_priority": sorted(f"{r['id']}={r.get('report_priority')}" for r in mine if r.get("priority") is False),
        })
    return table


def _mean(values: Any) -> float | None:
    values = [float(v) for v in values]
    return round(sum(values) / len(values), 3) if values else None


def render_variants(table: list[dict[str, Any]], detail: bool = True) -> str:
    lines = ["| transform | n | root_cause@1 | baseline@1 | priority | false alarms |", "|---|---:|---:|---:|---:|---:|"]
    for row in table:
        cells = [row["transform"], str(row["incidents"]), _fmt(row["root_cause@1"]), _fmt(row[BASELINE]),
                 _fmt(row["priority"]), str(row["false_alarm"])]
        lines.append("| " + " | ".join(cells) + " |")
    if detail:
        for row in table:
            if row["missed"] or row["wrong_priority"]:
                lines.append(f"{row['transform']}: missed {', '.join(row['missed']) or '-'}; "
                             f"priority {', '.join(row['wrong_priority']) or '-'}")
    return "\n".join(lines) + "\n"


def _fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def run_perturb_eval(
    dirs: list[str],
    transforms: list[str] | None = None,
    only: list[str] | None = None,
    jobs: int = 1,
    json_path: str | Path | None = None,
    progress: bool | None = None,
) -> int:
    from rca.progress import progress_bar

    names = transforms or list(NAMES)
    unknown = [n for n in names if n not in NAMES]
    if unknown:
        raise UsageError(f"--transform {unknown[0]!r}: unknown (one of {', '.join(NAMES)})")
    if jobs < 1:
        raise UsageError("--jobs must be at least 1")
    pool = discover_incidents(dirs)
    chosen = [i for i in pool if not only or any(s in i.id for s in only)]
    if not chosen:
        raise UsageError("--only matches no incident")
    settings = {"provider": "offline", "grounded": False}  # grounded is not scored here and costs half the time
    work = []
    for inc in chosen:
        noise = _noise_source(inc, pool)
        for name in names:
            work.append((str(inc.dir), name, str(noise.dir) if noise else None))
    rows: list[dict[str, Any]] = []

    def done_one(row: dict[str, Any], done: int) -> None:
        rows.append(row)
        update(done)
        if not sys.stderr.isatty():  # a long run, piped: say what each variant scored as it finishes
            print(f"[{done}/{len(work)}] {row['id']} {row.get('transform')}: root_cause@1 {row.get('root_cause@1')}, "
                  f"priority {row.get('report_priority')}", file=sys.stderr, flush=True)

    with progress_bar("Replaying variants", total=len(work), enabled=progress) as update:
        if jobs == 1:
            for done, item in enumerate(work, start=1):
                done_one(run_variant(*item, settings), done)
        else:
            with ProcessPoolExecutor(max_workers=jobs, mp_context=get_context("spawn")) as ex:
                futures = [ex.submit(run_variant, *item, settings) for item in work]
                for done, fut in enumerate(as_completed(futures), start=1):
                    done_one(fut.result(), done)
    table = summarise_variants(rows)
    print(render_variants(table), end="")
    if json_path is not None:
        keep = ("id", "transform", "skipped", "error", "root_cause@1", BASELINE, "priority", "false_alarm",
                "report_priority", "root_cause_cluster", "baseline_cluster")
        slim = [{k: r.get(k) for k in keep if k in r} for r in rows]
        try:
            Path(json_path).write_text(json.dumps({"table": table, "rows": slim}, indent=2) + "\n", encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"cannot write {json_path}: {exc.strerror or exc}") from None
    return 0
