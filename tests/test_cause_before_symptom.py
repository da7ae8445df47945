"""Close candidates, told apart as an SRE would: the server's own line of a failure over a client's
error that carries the code the server sent back, and what changed at the onset over a failure that
ran on unchanged through it. Invented exports, read as a user would (`build_report`), checking
what the report names as the root cause."""

from __future__ import annotations

from test_parallel_lead_in import _dir, _request
from test_quiet_culprits import _lines, _report


def _quoting_export(server_says: str) -> list[dict]:
    """shelf-api reads from segment-store; from minute 10 a few of its reads fail with the store's
    error code, from minute 14 most do, and the store logs its own line from minute 14."""
    entries = _lines("shelf-api", range(40), range(0, 60, 10), "listing {n} served")
    entries += _lines("segment-store", range(40), range(5, 60, 20), "flushed memtable {n}")
    client = ('listing read failed: StoreError: Error from server: code=1300 message="received 0 responses: '
              'SEGMENT_CHAIN_TOO_LONG from /10.4.2.21:7000"')
    entries += _lines("shelf-api", range(10, 14), range(7, 8), client, "ERROR", "stderr")
    entries += _lines("shelf-api", range(14, 40), range(7, 60, 15), client, "ERROR", "stderr")
    entries += _lines("segment-store", range(14, 40), range(31, 60, 10), server_says, "ERROR", "stderr")
    return entries


def test_the_servers_own_line_ranks_above_a_client_carrying_its_error_code(tmp_path):
    """The client's errors start first and name an exception, but they carry the code the store
    sent back (SEGMENT_CHAIN_TOO_LONG); the store says the same failure in its own words: the
    store's line is the root cause. When the store's line says nothing of the chain, nothing links
    the two, and the earlier client error stays first."""
    report, by_id = _report(_quoting_export("read of shelf {n} aborted: walked a segment chain of 9000 links"),
                            _dir(tmp_path, "linked"))
    assert "walked a segment chain" in by_id[report.root_cause.cluster_ids[0]].template
    unlinked, by_id = _report(_quoting_export("read of shelf {n} aborted after 9000 ms"), _dir(tmp_path, "unlinked"))
    assert "SEGMENT_CHAIN_TOO_LONG" in by_id[unlinked.root_cause.cluster_ids[0]].template


def _parallel_export(same_service: bool) -> list[dict]:
    """From minute 8 a page renderer raises a TypeError twice a minute and keeps that rate; from
    minute 15 the shop's order inserts fail (its database's sequence is exhausted) four times a
    minute, and so do a third of its order requests. With `same_service`, the TypeError is the
    shop's own."""
    early = "shop-api" if same_service else "web"
    entries = [_request(m, s, 500 if m >= 15 and s % 20 == 2 else 200) for m in range(40) for s in range(2, 60, 10)]
    entries += _lines("web", range(40), range(0, 60, 10), "page {n} rendered")
    entries += _lines("shop-api", range(40), range(5, 60, 10), "order {n} created")
    entries += _lines(early, range(8, 40), range(11, 60, 30), "TypeError: Cannot read properties of undefined (reading 'banner')",
                      "ERROR", "stderr")
    entries += _lines("shop-db", range(15, 40), range(2, 60, 15),
                      'ERROR: nextval: reached maximum value of sequence "orders_id_seq" (2147483647)', "ERROR", "stderr")
    return entries


def test_a_failure_that_ran_unchanged_through_the_onset_is_not_what_changed(tmp_path):
    """The renderer's TypeError started seven minutes before the orders failed and kept its rate
    through it, in a service the onset did not touch: the sequence error that arrived with the
    onset is the root cause. When the TypeError is the failing service's own, nothing says it ran
    in parallel, and its earlier start keeps it first."""
    report, by_id = _report(_parallel_export(False), _dir(tmp_path, "apart"))
    assert "reached maximum value of sequence" in by_id[report.root_cause.cluster_ids[0]].template
    same, by_id = _report(_parallel_export(True), _dir(tmp_path, "same"))
    assert "TypeError" in by_id[same.root_cause.cluster_ids[0]].template
