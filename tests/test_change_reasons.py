"""A change is an event, not a stream: the reasons shown for a change candidate never say it is "too
sparse to tell when it started" (the report would be doubting when a logged change was made)."""

from __future__ import annotations

from tests.test_changes_named import _key_export, _report


def test_a_change_made_minutes_into_the_window_is_not_called_too_sparse_to_date(tmp_path):
    report, by_id = _report(_key_export(20, reenable_minute=33), tmp_path / "key.json")
    change = next(c for c in report.candidates if "UpdateCryptoKeyVersion" in by_id[c.cluster_id].template)
    assert change.cluster_id == report.root_cause.cluster_ids[0]
    assert "names what it changed" in change.reason  # why it is the cause is still said
    assert "too sparse" not in change.reason and "too sparse" not in report.confidence_reason
