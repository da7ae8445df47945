"""Eval history: one JSON object per run, appended to `evals/results/<kind>.jsonl`.

    python -m rca.evals.history incidents    # the newest run as a Markdown table (README)

    append_history("incidents", summary, provider="offline", extra={"dirs": [...]})
    append_history("loghub", summary, provider=None, extra={...})

Each line: {"date": UTC ISO 8601, "commit": short git hash or "unknown", "kind", "provider",
"summary": {...}, **extra}. `latest_markdown(kind)` renders the newest run as a Markdown table for
the README.

The results folder is `evals/results/` of the repository this package lives in (a source checkout);
when rca is installed elsewhere it is `./evals/results/`. `RCA_RESULTS_DIR` overrides both.
"""

from __future__ import annotations

import json
import os
import subprocess
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

_REPO = Path(__file__).resolve().parents[2]


def results_dir() -> Path:
    override = os.environ.get("RCA_RESULTS_DIR")
    if override:
        return Path(override)
    if (_REPO / "pyproject.toml").is_file() and (_REPO / "rca").is_dir():
        return _REPO / "evals" / "results"
    return Path.cwd() / "evals" / "results"


def git_commit(cwd: Path | None = None) -> str:
    """`git rev-parse --short HEAD` of the repository, or "unknown"."""
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=cwd or _REPO,
            capture_output=True,
            text=True,
            timeout=10,
        )
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    commit = out.stdout.strip()
    return commit if out.returncode == 0 and commit else "unknown"


def history_path(kind: str, directory: Path | None = None) -> Path:
    if not kind or not kind.replace("-", "").replace("_", "").isalnum():
        raise ValueError(f"bad history kind {kind!r}")
    return (directory or results_dir()) / f"{kind}.jsonl"


def append_history(
    kind: str,
    summary: dict[str, Any],
    provider: str | None,
    extra: dict[str, Any] | None = None,
    directory: Path | None = None,
) -> Path:
    """Append one run to `<results>/<kind>.jsonl`; returns the file written."""
    record: dict[str, Any] = {
        "date": datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z"),
        "commit": git_commit(),
        "kind": kind,
        "provider": provider,
        "summary": summary,
    }
    for key, value in (extra or {}).items():
        record.setdefault(key, value)
    path = history_path(kind, directory)
    path.parent.mkdir(parents=True, exist_ok=True)
    line = json.dumps(record, ensure_ascii=False, sort_keys=False, default=str)
    with path.open("a", encoding="utf-8") as fh:  # one write per line: appends do not interleave
        fh.write(line + "\n")
    return path


def read_history(kind: str, directory: Path | None = None) -> list[dict[str, Any]]:
    """All runs of a kind, oldest first (malformed lines are skipped)."""
    path = history_path(kind, directory)
    if not path.is_file():
        return []
    runs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line:
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(record, dict):
            runs.append(record)
    return runs


def _flatten(summary: dict[str, Any], prefix: str = "") -> list[tuple[str, Any]]:
    rows: list[tuple[str, Any]] = []
    for key, value in summary.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            rows.extend(_flatten(value, name + "."))
        else:
            rows.append((name, value))
    return rows


def format_value(value: Any) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:.3f}" if abs(value) < 10 else f"{value:,.1f}"
    return str(value).replace("|", "\\|")


def summary_markdown(record: dict[str, Any]) -> str:
    """One history record as a Markdown table (metric | value) under a one-line caption."""
    dirs = record.get("dirs")
    where = f", incidents: {', '.join(map(str, dirs))}" if isinstance(dirs, list) and dirs else ""
    caption = (
        f"_{record.get('kind', 'eval')} eval of {record.get('date', '?')} "
        f"(commit `{record.get('commit', 'unknown')}`, provider {record.get('provider') or 'n/a'}{where})_"
    )
    lines = [caption, "", "| metric | value |", "|---|---:|"]
    for name, value in _flatten(record.get("summary") or {}):
        lines.append(f"| {name} | {format_value(value)} |")
    return "\n".join(lines) + "\n"


def latest_markdown(kind: str = "incidents", directory: Path | None = None) -> str:
    """The newest run of a kind as a Markdown table, or a one-line note when there is none."""
    runs = read_history(kind, directory)
    if not runs:
        return f"_No {kind} eval recorded yet (run `rca eval {kind} ... --history`)._\n"
    return summary_markdown(runs[-1])


if __name__ == "__main__":  # python -m rca.evals.history [incidents|loghub]: the README table
    import sys

    sys.stdout.write(latest_markdown(sys.argv[1] if len(sys.argv) > 1 else "incidents"))
