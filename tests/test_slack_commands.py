"""Parsing `/rca` command text."""

from __future__ import annotations

import pytest

from rca.errors import UsageError
from rca.slack.commands import HelpCommand, RcaCommand, parse_command


@pytest.mark.parametrize("text", ["", "help", "  HELP ", "--help", "?"])
def test_help(text: str) -> None:
    assert isinstance(parse_command(text), HelpCommand)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("checkout", RcaCommand(service="checkout", since="1h")),
        ("checkout last 30m", RcaCommand(service="checkout", since="30m")),
        ("checkout 6h", RcaCommand(service="checkout", since="6h")),
        ("checkout last 1d severity>=error", RcaCommand(service="checkout", since="1d", severity="ERROR")),
        ("checkout severity >= WARNING last 6h", RcaCommand(service="checkout", since="6h", severity="WARNING")),
        ("api_gw.v2 sev>=critical", RcaCommand(service="api_gw.v2", severity="CRITICAL")),
        ("checkout error", RcaCommand(service="checkout", severity="ERROR")),
    ],
)
def test_commands(text: str, expected: RcaCommand) -> None:
    assert parse_command(text) == expected


@pytest.mark.parametrize(
    "text, words",
    [
        ("checkout last 2w", "not a window"),
        ("checkout last 3d", "at most 1d"),
        ("checkout severity>=LOUD", "not a severity"),
        ("checkout please", "don't understand"),
        ("<!channel>", "not a service name"),
        ("checkout last", "don't understand"),
    ],
)
def test_bad_commands_explain(text: str, words: str) -> None:
    with pytest.raises(UsageError, match=words) as info:
        parse_command(text)
    assert "<!channel>" not in str(info.value)


def test_describe() -> None:
    assert RcaCommand(service="checkout", since="1h", severity="ERROR").describe() == "checkout … last 1h, severity ≥ ERROR"
