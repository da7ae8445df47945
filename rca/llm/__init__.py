"""Analysts: offline (deterministic rules, the default), anthropic (Claude), replay (recorded answers)."""

from __future__ import annotations

import os

from rca.errors import UsageError
from rca.llm.base import Analyst, AnalystOptions


def select_analyst(options: AnalystOptions) -> Analyst:
    provider = options.provider
    if provider == "auto":
        provider = "anthropic" if os.environ.get("ANTHROPIC_API_KEY") else "offline"
    if provider == "offline":
        from rca.llm.offline import OfflineAnalyst

        return OfflineAnalyst()
    if provider == "anthropic":
        from rca.llm.anthropic_analyst import AnthropicAnalyst

        return AnthropicAnalyst(options)
    if provider == "replay":
        from rca.llm.replay import ReplayAnalyst

        return ReplayAnalyst(options)
    raise UsageError(f"unknown provider {provider!r}: use auto, offline, anthropic or replay")
