"""The analyst seam: one small interface, three implementations (offline, anthropic, replay).

An analyst reads the mined evidence and the deterministic analysis and writes prose that cites
cluster ids. It never produces numbers that reach the report: those come from `rca.analysis`.
"""

from __future__ import annotations

from typing import Protocol

from pydantic import BaseModel

from rca.models import Analysis, AnalystOutput, MiningResult
from rca.schema import AnalystInfo


class AnalystOptions(BaseModel):
    provider: str = "auto"  # auto | offline | anthropic | replay
    model: str | None = None  # default: RCA_MODEL or a current Claude Sonnet
    budget_tokens: int = 8000
    record_dir: str | None = None
    replay_dir: str | None = None
    timeout_s: float = 120.0  # per request (Sonnet thinks before it answers)
    deadline_s: float = 300.0  # overall
    max_retries: int = 3
    redact: bool = True


class Analyst(Protocol):
    name: str

    def analyse(self, mining: MiningResult, analysis: Analysis) -> tuple[AnalystOutput, AnalystInfo]:
        """Write the analysis. Raise rca.errors.ProviderError when it cannot; the caller falls back."""
        ...
