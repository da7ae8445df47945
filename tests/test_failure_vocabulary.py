"""One failure vocabulary: the words that file an unexplained error under a category are the
[[kind]] tables of signatures.toml together with the cause signatures of that category, so a
failure word is added once. Invented lines only."""

from __future__ import annotations

from rca.analysis.culprit import headline_category
from rca.analysis.knowledge import load_kinds, load_signatures


def test_a_cause_signatures_words_name_its_category_in_a_headline_too():
    # words only the signatures hold (a host that does not resolve, a verification failure, memory)
    assert headline_category("java.net.UnknownHostException: ledger.internal") == "network"
    assert headline_category("ssl.SSLError: [SSL: CERTIFICATE_VERIFY_FAILED]") == "certificate"
    assert headline_category("fork: Cannot allocate memory") == "resource-exhaustion"
    assert headline_category("ModuleNotFoundError: No module named 'reports_pdf'") == "missing-dependency"
    # words only a kind holds
    assert headline_category("read tcp 10.0.3.4:5432: connection reset by peer") == "network"
    assert headline_category("0/6 nodes are available: 6 Insufficient memory. FailedScheduling") == "capacity"
    assert headline_category("Order total mismatch for basket 77") is None


def test_a_connection_the_other_end_dropped_is_a_network_failure_in_a_headline():
    # the connection-lost words ranking reads (a caller's view of a process that died) name the category too
    assert headline_category("java.io.EOFException: SSL peer shut down incorrectly") == "network"
    assert headline_category("ssh: connection closed by remote host 10.0.3.4") == "network"


def test_the_more_specific_kind_wins_when_a_line_names_two():
    assert headline_category("authentication failed: Clock skew too great") == "configuration"
    assert headline_category("permission denied: x509: certificate has expired") == "certificate"


def test_every_kind_is_a_category_the_signatures_use_and_comes_once():
    kinds = [k.category for k in load_kinds()]
    assert len(kinds) == len(set(kinds))
    assert set(kinds) <= {s.category for s in load_signatures() if s.role == "cause"}
