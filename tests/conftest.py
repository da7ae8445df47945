"""Every test gets its own user data folder (platformdirs reads XDG_DATA_HOME), so the run history
that `rca generate` records by default never lands in the real home folder or leaks between tests."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _own_user_data_dir(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("xdg-data")))
    monkeypatch.delenv("RCA_HISTORY", raising=False)
