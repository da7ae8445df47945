"""The log files tests replay: the shared incidents (when ../shared sits beside the checkout) and
the synthetic incidents bundled in evals/synthetic."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED_ROOT = ROOT.parent / "shared"
SHARED = SHARED_ROOT / "incidents"
SYNTHETIC = ROOT / "evals" / "synthetic"
MISSING = f"{SHARED} is not present: the shared incidents are not replayed (put the shared data beside the checkout)"


def incident_logs(pattern: str = "logs.json*") -> list[Path]:
    """Every incident's log file, shared ones first, each folder in name order."""
    found: list[Path] = []
    for base in (SHARED, SYNTHETIC):
        if base.is_dir():
            found += sorted(p for p in base.glob(f"*/{pattern}") if p.is_file())
    return found


def incident_params(pattern: str = "logs.json*", limit: int | None = None) -> list:
    """incident_logs() as pytest parameters named by folder. Without ../shared/incidents, one
    skipped parameter says so (`pytest -rs`): the tests would otherwise pass on the synthetic
    incidents alone without a word."""
    params = [pytest.param(p, id=p.parent.name) for p in incident_logs(pattern)[:limit]]
    if not SHARED.is_dir():
        params.insert(0, pytest.param(None, id="shared-incidents", marks=pytest.mark.skip(reason=MISSING)))
    return params
