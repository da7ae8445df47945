"""Analysts: offline (deterministic rules, the default), anthropic (Claude), replay (recorded answers).

The provider registry: the one place provider names are written (the CLI's `--provider` choices
and the Slack server's setting come from `CHOICES`). Cheap to import: each analyst's module is
imported only when it is chosen.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from rca.errors import UsageError

if TYPE_CHECKING:
    from rca.llm.base import Analyst, AnalystOptions


def _offline(options: AnalystOptions) -> Analyst:
    from rca.llm.offline import OfflineAnalyst
    from rca.redact import Redactor

    # The report's output boundary (rca.redact, applied in assemble_report) redacts the prose with
    # the samples, one numbering for both; redacting here too would number placeholders twice.
    return OfflineAnalyst(Redactor(enabled=False))


def _anthropic(options: AnalystOptions) -> Analyst:
    from rca.llm.anthropic_analyst import AnthropicAnalyst

    return AnthropicAnalyst(options)


def _replay(options: AnalystOptions) -> Analyst:
    from rca.llm.replay import ReplayAnalyst

    return ReplayAnalyst(options)


PROVIDERS: dict[str, Callable[[AnalystOptions], Analyst]] = {"offline": _offline, "anthropic": _anthropic, "replay": _replay}
CHOICES = ("auto", *PROVIDERS)


def resolve_provider(name: str, env: Mapping[str, str] | None = None) -> str:
    """`auto` is anthropic when ANTHROPIC_API_KEY is set, else offline."""
    env = os.environ if env is None else env
    if name == "auto":
        return "anthropic" if env.get("ANTHROPIC_API_KEY") else "offline"
    if name not in PROVIDERS:
        raise UsageError(f"unknown provider {name!r}: use {', '.join(CHOICES)}")
    return name


def select_analyst(options: AnalystOptions) -> Analyst:
    return PROVIDERS[resolve_provider(options.provider)](options)


def fallback_analyst(options: AnalystOptions) -> Analyst:
    """Who writes the report when the chosen provider fails: the offline analyst."""
    return PROVIDERS["offline"](options)
