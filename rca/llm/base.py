"""The analyst seam: one small interface, three implementations (offline, anthropic, replay),
and what the providers share without importing each other (the model name, the evidence pack
and its hash: `anthropic` records by that hash, `replay` looks it up).

An analyst reads the mined evidence and the deterministic analysis and writes prose that cites
cluster ids. It never produces numbers that reach the report: those come from `rca.analysis`.
"""

from __future__ import annotations

import hashlib
import os
from typing import TYPE_CHECKING, Protocol

from pydantic import BaseModel

from rca.models import Analysis, AnalystOutput, MiningResult
from rca.schema import AnalystInfo

if TYPE_CHECKING:
    from rca.llm.evidence import EvidencePack

DEFAULT_MODEL = "claude-sonnet-5-5"


class AnalystOptions(BaseModel):
    provider: str = "auto"  # a name from rca.llm.PROVIDERS, or auto
    model: str | None = None  # default: RCA_MODEL or a current Claude Sonnet
    budget_tokens: int = 8000
    record_dir: str | None = None
    replay_dir: str | None = None
    timeout_s: float | None = None  # per request; None: sized to the answer's max_tokens (rca.llm.anthropic_analyst)
    deadline_s: float = 600.0  # overall
    count_timeout_s: float = 10.0  # messages.count_tokens (a measurement only)
    max_retries: int = 3
    redact: bool = True


class Analyst(Protocol):
    name: str

    def analyse(self, mining: MiningResult, analysis: Analysis) -> tuple[AnalystOutput, AnalystInfo]:
        """Write the analysis. Raise rca.errors.ProviderError when it cannot; the caller falls back."""
        ...


def resolve_model(options: AnalystOptions) -> str:
    return options.model or os.environ.get("RCA_MODEL") or DEFAULT_MODEL


def build_pack(mining: MiningResult, analysis: Analysis, options: AnalystOptions) -> EvidencePack:
    """The evidence the model sees, redacted unless --no-redact (a fresh Redactor: the pack, and so
    its hash, is a pure function of its inputs)."""
    from rca.llm.evidence import build_evidence
    from rca.redact import Redactor

    return build_evidence(mining, analysis, options.budget_tokens, Redactor(enabled=options.redact))


def evidence_hash(pack: EvidencePack, version: str, model: str) -> str:
    """The recording key: same evidence, same prompt version, same model -> same answer."""
    return hashlib.sha256(f"{pack.text}\n{version}\n{model}".encode()).hexdigest()
