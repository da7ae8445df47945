"""The log files tests replay: the shared incidents (when ../shared sits beside the checkout) and
the synthetic incidents bundled in evals/synthetic."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "incidents"
SYNTHETIC = ROOT / "evals" / "synthetic"


def incident_logs(pattern: str = "logs.json*") -> list[Path]:
    """Every incident's log file, shared ones first, each folder in name order."""
    found: list[Path] = []
    for base in (SHARED, SYNTHETIC):
        if base.is_dir():
            found += sorted(p for p in base.glob(f"*/{pattern}") if p.is_file())
    return found
