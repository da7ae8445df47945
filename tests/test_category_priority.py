"""The report's category from what the culprit is and what its own words say, its priority from
measured impact, and a statement that names the culprit. Invented services and lines only."""

from __future__ import annotations

import pytest

from rca.analysis import analyse
from rca.llm.offline import OfflineAnalyst
from tests.test_analysis import cluster, mining_of


def _report(clusters):
    mining = mining_of(clusters)
    analysis = analyse(mining)
    output, _ = OfflineAnalyst().analyse(mining, analysis)
    return analysis, output


def _failing(cid: str, template: str, service: str = "checkout"):
    """An error stream of `service` that starts at minute 30 and runs to the window's end."""
    c = cluster(cid, template, {m: 3 for m in range(30, 60)})
    c.services = [service]
    return c


def _why_text(output) -> str:
    return " ".join([output.root_cause.statement] + [w.answer for w in output.five_whys])


def test_a_shared_library_the_image_lacks_is_a_missing_dependency_named_in_the_statement():
    _, output = _report([_failing("clib0001", "ImportError: libgeos_c.so.1: cannot open shared object file: No such file or directory",
                                  "tiles-renderer")])
    assert output.root_cause.category == "missing-dependency"
    assert "libgeos_c.so.1" in output.root_cause.statement


def test_an_expired_certificate_in_a_go_client_error_is_a_certificate_failure():
    _, output = _report([_failing("ctls0001", 'msg="upload failed" error="Post https://partner.example.net/v1/batch: remote error: '
                                  'tls: expired certificate"')])
    assert output.root_cause.category == "certificate"
    assert "certificate" in output.root_cause.statement and "expired" in output.root_cause.statement


def test_clock_skew_rejections_are_a_configuration_failure_not_a_code_bug():
    _, output = _report([_failing("cskew001", "GSS initiate failed: no valid credentials provided (Mechanism level: Clock skew too great)",
                                  "batch-worker")])
    assert output.root_cause.category == "configuration"
    assert "clock" in _why_text(output).lower()


def test_an_unknown_error_is_filed_by_what_its_words_name_before_it_is_called_a_code_bug():
    def category(template: str) -> str:
        _, output = _report([_failing("cword001", template)])
        return output.root_cause.category

    assert category('apply failed: NetworkPolicy "allow-egress" in namespace shop-typo not found') == "network"
    assert category("lookup failed: panic: cache client: no servers configured or available") == "configuration"
    assert category("Error: socket hang up") == "network"
    assert category("worker stalled: Thread starvation detected, housekeeper delta 47s") == "resource-exhaustion"
    assert category("0/12 nodes are available: 12 Insufficient cpu. FailedScheduling") == "capacity"
    assert category("Order total mismatch for basket 77") == "code-bug"  # no failure named: the code's own
    # a configuration key in capitals is configuration; a lower-case dictionary key is the code's bug
    assert category("KeyError: 'PAYMENTS_URL'") == "configuration"
    assert category("KeyError: 'readonly'") == "code-bug"


def test_a_storage_device_failure_is_neither_a_code_bug_nor_a_setting():
    """An I/O error from the device, a file system gone read-only, a stale NFS handle: the storage
    under the program failed ('other' in FORMAT.md's list), whether it stands alone or follows a
    change to the instance (a disk detached); an error with no such words stays the code's."""
    def category(clusters) -> str:
        _, output = _report(clusters)
        return output.root_cause.category

    assert category([_failing("cdisk001", "Drive /mnt/d2 returned an unexpected error: input/output error, drive will be offline",
                              "blobstore")]) == "other"
    assert category([_failing("cdisk002", "OSError: [Errno 116] Stale file handle: '/mnt/assets/maps/.version'", "arena")]) == "other"
    detach = cluster("cdisk003", "v1.compute.instances.detachDisk OK by ops@acme.example on projects/acme/zones/z1/instances/ingester-2 "
                     "deviceName=data", {29: 1}, severity="NOTICE")
    detach.services = ["activity"]
    readonly = _failing("cdisk004", 'msg="failed to flush" err="open /data/index/000231: read-only file system"', "ingester")
    assert category([detach, readonly]) == "other"
    assert category([_failing("cdisk005", "flush failed: checksum mismatch in chunk 231", "ingester")]) == "code-bug"


def test_a_peer_refusing_what_our_settings_make_us_send_is_configuration():
    """gRPC's GOAWAY for keepalive pings sent more often than the server allows, a reply above the
    client's configured maximum message size (a RESOURCE_EXHAUSTED status, no third party's rate
    limit): a setting on one side of the call, not a bug nor a dependency's fault."""
    def category(template: str, service: str = "orders") -> str:
        _, output = _report([_failing("cgrpc001", template, service)])
        return output.root_cause.category

    assert category("transport: Got too many pings from the client, closing the connection.", "tracker") == "configuration"
    assert category("profile fetch failed: rpc error: code = ResourceExhausted desc = grpc: received message larger than max "
                    "(4492699 vs. 4194304)") == "configuration"
    assert category("translate failed: 429 Too Many Requests: rate limit exceeded for project acme") == "upstream-dependency"


def test_a_change_that_injects_a_fault_gives_the_category_of_what_it_does():
    from rca.analysis.culprit import change_category

    def change(sample: str):
        return cluster("cchg0001", sample, {29: 1}, severity="NOTICE")

    assert change_category(change("example.io.v1.networkfault.create OK by ops on shop/networkfault/delay-db"), "database") == "network"
    assert change_category(change("example.io.v1.stressjob.create OK by ops on shop/stressjob/cpu-hog"), "upstream-dependency") \
        == "resource-exhaustion"
    assert change_category(change("io.k8s.apps.v1.deployments.patch OK by ops on shop/deployments/cart"), "code-bug") == "code-bug"


def test_p0_needs_most_requests_failing_at_the_worst_not_only_a_quarter_on_average():
    from tests.test_analysis import _requests

    cause = cluster("cp0cause", "upstream refused: connect ECONNREFUSED 10.0.0.7:6379", {m: 5 for m in range(30, 60)})
    healthy = {m: [(200, 0.05)] * 20 for m in range(30)}
    # a third of requests fail every minute since the onset: never most of them
    even = _requests({**healthy, **{m: [(200, 0.05)] * 14 + [(503, 0.05)] * 7 for m in range(30, 60)}})
    analysis = analyse(mining_of([cause]), even)
    assert analysis.priority == "P1" and "not most of them in any five minutes" in analysis.priority_reason
    # the same average, but nine in ten failing for ten minutes: most users were down
    spike = {m: [(200, 0.05)] * 2 + [(503, 0.05)] * 18 for m in range(30, 40)}
    spike.update({m: [(200, 0.05)] * 20 + [(503, 0.05)] * 1 for m in range(40, 60)})
    analysis = analyse(mining_of([cause]), _requests({**healthy, **spike}))
    assert analysis.priority == "P0"


def test_a_crash_loop_that_ran_at_the_same_pace_before_the_onset_does_not_raise_the_priority():
    bug = cluster("cbug0001", "Order total mismatch for basket <NUM>", {m: 2 for m in range(30, 60)})
    loop = cluster("cloop001", "Back-off restarting failed container sync in pod nightly-sync-<NUM>", {m: 1 for m in range(2, 60, 7)},
                   severity="WARNING")
    loop.services = ["nightly-sync"]
    analysis = analyse(mining_of([bug, loop]))
    assert analysis.priority != "P1" and "crash-loop" not in analysis.priority_reason
    # the same loop starting with the failure is the incident's
    fresh = cluster("cloop001", "Back-off restarting failed container sync in pod nightly-sync-<NUM>", {m: 1 for m in range(30, 60)},
                    severity="WARNING")
    assert analyse(mining_of([bug, fresh])).priority_reason == "instances crash-loop"


def test_a_worker_whose_batch_uploads_fail_since_the_onset_is_a_pipeline_down_without_request_logs():
    uploads = cluster("cupload1", 'msg="settlement batch upload failed" batch=<*> error="remote error: tls: expired certificate"',
                      {m: 3 for m in range(30, 60)})
    analysis, output = _report([uploads])
    assert analysis.priority == "P1" and "failed calls or job runs" in analysis.priority_reason
    assert output.root_cause.category == "certificate"
    # a gossip protocol's UDP probes failing is no failed operation of anyone's
    gossip = cluster("cgossip1", "memberlist: Was able to connect to peer-2 over TCP but UDP probes failed", {m: 1 for m in range(30, 60, 3)},
                     severity="WARNING")
    assert all(s.kind != "failed-operations" for s in analyse(mining_of([gossip])).impact.signals)


def test_a_change_named_first_says_the_kind_and_name_of_the_object_it_changed():
    timeouts = cluster("ctimeo02", "call to ledger timed out after <NUM> s: ConnectTimeoutError", {m: 30 for m in range(30, 60)}, first_second=5)
    policy = cluster("cpolicy2", "<*> OK by <EMAIL>", {28: 1}, severity="NOTICE", first_second=20,
                     sample="io.k8s.networking.v1.networkpolicies.create OK by ops@example.com on payments/networkpolicies/ledger-allow-web")
    policy.services = ["ledger"]
    analysis, output = _report([timeouts, policy])
    assert analysis.candidates[0].cluster_id == "cpolicy2"
    assert output.root_cause.statement.startswith("A change to networkpolicy `ledger-allow-web` logged at")
    assert output.root_cause.category == "network"


@pytest.mark.parametrize(("line", "failure", "named"), [
    # a subresource of a deployment (its scale) is a change to the deployment
    ("io.k8s.apps.v1.deployments.scale.update OK by ops@example.com on payments/deployments/ledger-api/scale",
     "call to ledger-api timed out after <NUM> s: ConnectTimeoutError", "deployment `ledger-api`"),
    # a secret's version is a change to the secret (whose name ends in s, as a collection's does)
    ("google.cloud.secretmanager.v1.SecretManagerService.EnableSecretVersion OK by ops@example.com on "
     "projects/shop/secrets/ledger-creds/versions/latest", "settlement run aborted: ledger-creds returned no value", "secret `ledger-creds`"),
])
def test_a_change_the_failures_name_is_named_first_by_the_object_of_its_subresource_or_version(line, failure, named):
    failing = cluster("cfail003", failure, {m: 30 for m in range(30, 60)}, first_second=5)
    change = cluster("cchange3", "<*> OK by <EMAIL>", {28: 1}, severity="NOTICE", first_second=20, sample=line)
    change.services = ["ledger"]
    analysis, output = _report([failing, change])
    assert analysis.candidates[0].cluster_id == "cchange3" and analysis.candidates[0].explains == "cfail003"
    assert output.root_cause.statement.startswith(f"A change to {named} logged at")


def test_users_are_told_which_endpoints_fail_when_a_few_hold_the_failures():
    from tests.test_analysis import M0
    from rca.analysis.impact import RequestTally
    from rca.models import LogRecord

    tally = RequestTally()
    for m in range(60):
        for i in range(20):
            tally.add(LogRecord((M0 + m) * 60 + i, "INFO", "", http_status=200, endpoint="GET /api/catalog"))
        for i in range(4):
            failed = m >= 30 and i < 2
            tally.add(LogRecord((M0 + m) * 60 + 30 + i, "ERROR" if failed else "INFO", "", http_status=500 if failed else 200,
                                endpoint="POST /api/basket/voucher"))
    bug = cluster("cvouch01", "TypeError: Cannot read properties of undefined (reading 'percentOff')", {m: 2 for m in range(30, 60)})
    mining = mining_of([bug])
    analysis = analyse(mining, tally.summary())
    output, _ = OfflineAnalyst().analyse(mining, analysis)
    first = output.five_whys[0].answer
    assert "The failures are on `POST /api/basket/voucher`; the other endpoints' requests are served." in first


def test_who_made_a_change_does_not_decide_what_it_touched():
    from rca.analysis.culprit import change_category

    queue = cluster("cqueue01", "google.cloud.tasks.v2.CloudTasks.UpdateQueue OK by deployer@acme-prod.iam.gserviceaccount.com "
                    "on projects/acme-prod/locations/europe-west1/queues/mail", {29: 1}, severity="NOTICE")
    assert change_category(queue, "upstream-dependency") == "upstream-dependency"  # not permissions for the address


@pytest.mark.parametrize("line", [
    "google.identity.accesscontextmanager.v1.AccessContextManager.UpdateServicePerimeter OK by sec@acme.example "
    "on accessPolicies/42/servicePerimeters/data_fence",
    "google.firebase.rules.v1.FirebaseRulesService.UpdateRelease OK by deployer@acme.example on projects/acme/releases/cloud.firestore",
])
def test_a_refusal_right_after_an_access_policy_changed_is_a_permissions_failure(line):
    """A perimeter or a set of security rules decides who may access what, as an IAM binding does:
    calls refused after it changed are refused by that policy, not failing on a setting."""
    from rca.analysis.culprit import change_category

    policy = cluster("cpolicy1", line, {29: 1}, severity="NOTICE")
    assert change_category(policy, "permissions") == "permissions"
    bucket = cluster("cbucket1", "storage.buckets.update OK by ops@acme.example on projects/_/buckets/reports retentionPolicy.retentionPeriod=86400",
                     {29: 1}, severity="NOTICE")
    assert change_category(bucket, "permissions") == "configuration"  # a bucket's own setting refuses the write


def test_calls_refused_after_a_non_network_object_changed_fail_for_its_configuration():
    """A Service deleted or its selector changed sends calls where nothing answers: the network
    carries them, so the object's setting is the category; a firewall rule deleted is the network's,
    and a package upgrade (no object's setting) leaves the failure its own category."""
    from rca.analysis.culprit import change_category

    def change(sample: str):
        return cluster("cchg0002", sample, {29: 1}, severity="NOTICE")

    selector = change("io.k8s.core.v1.services.patch OK by gitops on shop/services/cart selector.app=cart-v2")
    assert change_category(selector, "network") == "configuration"
    assert change_category(change("io.k8s.core.v1.services.delete OK by gitops on shop/services/cart"), "network") == "configuration"
    assert change_category(change("v1.compute.firewalls.delete OK by ci on projects/shop/global/firewalls/allow-hc"), "network") == "network"
    assert change_category(change("upgrade libcurl4:amd64 7.88.1-10 8.5.0-2"), "network") == "network"


@pytest.mark.parametrize("line,samples,expected", [
    ("google.cloud.tasks.v2.CloudTasks.PauseQueue OK by ops@acme.example on projects/acme/locations/eu/queues/mail", [], "other"),
    ("google.pubsub.v1.Subscriber.Seek OK by ops@acme.example on projects/acme/subscriptions/orders-sub", [], "other"),
    ("io.k8s.apps.v1.deployments.scale.patch OK by ops@acme.example on shop/deployments/cart/scale spec.replicas=3",
     ["io.k8s.apps.v1.deployments.scale.patch OK by ops@acme.example on shop/deployments/cart/scale spec.replicas=0"], "other"),
    ("Sep 02 21:26:04 files-1 sudo[2217]: ops : TTY=unknown ; PWD=/home/ops ; USER=root ; COMMAND=/usr/bin/systemctl stop exporter",
     [], "other"),
    ("Oct 14 18:11:59 web-1 deploy-hook[24117]: + sudo -u www-data shopctl cache flush --all", [], "other"),
    # a flag set (its name a verb), a setting updated, a workload scaled up: settings, not acts
    ("2026-06-08T03:50:04 mon.a log [INF] : from='client.admin' cmd=[{\"prefix\": \"osd set\", \"key\": \"pause\"}]: dispatch",
     [], "configuration"),
    ("google.cloud.tasks.v2.CloudTasks.UpdateQueue OK by ops@acme.example on projects/acme/locations/eu/queues/mail", [], "configuration"),
    ("io.k8s.apps.v1.deployments.scale.patch OK by ops@acme.example on shop/deployments/cart/scale spec.replicas=6", [], "configuration"),
])
def test_a_failure_after_an_act_on_the_running_system_is_other_not_a_setting(line, samples, expected):
    """A queue paused, a subscription sought back, a workload scaled to nothing, a service stopped,
    a cache flushed: what fails after it fails for what was done to the running system, which is
    neither a setting nor the code ('other'); a flag set or a setting updated stays configuration."""
    from rca.analysis.culprit import change_category

    act = cluster("cact0001", line, {29: 1}, severity="NOTICE")
    act.samples = [line, *samples]
    assert change_category(act, "code-bug") == expected
    assert change_category(act, "capacity") == "capacity"  # a failure of its own kind keeps it


def test_a_dependency_that_throttles_its_callers_after_a_load_was_put_on_it_is_resource_exhaustion():
    throttled = cluster("cthrot01", "[output:search] HTTP status=429 Too Many Requests URI=/_bulk", {m: 6 for m in range(30, 60)}, first_second=10)
    throttled.services = ["log-shipper"]
    load = cluster("cload001", "example.io.v1.stressjob.create OK by ops@example.com on search/stressjob/cpu-hog-search-2", {28: 1},
                   severity="NOTICE", first_second=5)
    load.services = ["cpu-hog-search-2"]
    _, output = _report([throttled, load])
    assert output.root_cause.cluster_ids[0] == "cthrot01" or output.root_cause.cluster_ids[0] == "cload001"
    assert output.root_cause.category == "resource-exhaustion"


def test_a_rollout_noted_before_the_failure_names_the_image_it_pulled():
    bug = cluster("cnpe0001", "java.lang.NullPointerException: Cannot invoke \"Rule.minimumSpend()\" because \"rule\" is null",
                  {m: 3 for m in range(30, 60)}, first_second=10)
    bug.services = ["basket"]
    patch = cluster("cpatch01", "io.k8s.apps.v1.deployments.patch OK by ci@example.com on shop/deployments/basket", {27: 1},
                    severity="NOTICE", first_second=5)
    patch.services = ["basket"]
    pulled = cluster("cpull001", 'Successfully pulled image "registry.example.com/shop/basket:v3.1.0" in 2.1s', {28: 2},
                     severity="INFO", first_second=40)
    pulled.services = ["basket"]
    old = cluster("cpull000", 'Successfully pulled image "registry.example.com/shop/basket:v3.0.9" in 2.0s', {2: 1},
                  severity="INFO")
    old.services = ["basket"]
    _, output = _report([bug, patch, pulled, old])
    assert "the image it rolled out is `registry.example.com/shop/basket:v3.1.0`" in output.root_cause.statement


def test_a_rollout_ripple_is_no_incident_but_a_short_outage_that_recovered_is_a_p3_blip():
    from tests.test_analysis import _requests

    def window(failed_per_minute: int):
        reqs = {m: [(200, 0.05)] * 100 for m in range(60)}
        for m in (30, 31):
            reqs[m] = [(200, 0.05)] * (100 - failed_per_minute) + [(502, 0.05)] * failed_per_minute
        handover = cluster("chand001", "received terminated, shutting down gracefully", {30: 2}, severity="WARNING")
        return analyse(mining_of([handover]), _requests(reqs))

    ripple = window(6)  # six in a hundred for two minutes: the other instances served the rest
    assert ripple.priority == "none" and ripple.healthy and "ripple" in ripple.priority_reason
    outage = window(40)
    assert outage.priority == "P3" and "blip" in outage.priority_reason


def test_a_service_refused_the_token_its_own_key_should_get_is_a_permissions_failure():
    _, output = _report([_failing("cgrant01", 'java.io.IOException: Error getting access token for service account: 400 Bad Request '
                                  '{"error":"invalid_grant","error_description":"Invalid JWT Signature."}', "warehouse-sink")])
    assert output.root_cause.category == "permissions"  # its own credential, not the verifier's configuration
    assert "credential" in output.root_cause.statement and "warehouse-sink" in output.root_cause.statement


def test_the_why_of_a_slow_callee_says_what_it_is_short_of_by_its_own_signal():
    waits = cluster("cpool002", "pool exhausted: connection is not available, request timed out after <NUM>ms",
                    {m: 20 for m in range(30, 50)}, first_second=40)
    waits.services = ["bookings"]
    slow = cluster("cquery02", "select * from seats where trip_id = <NUM> for update", {m: 25 for m in range(30, 50)},
                   severity="INFO", first_second=10)
    slow.services = ["bookings-db"]
    analysis, output = _report([waits, slow])
    assert analysis.candidates[0].cluster_id == "cquery02" and output.root_cause.category == "database"
    assert "its query times grew" in _why_text(output)


def test_what_ran_out_decides_capacity_or_resource_exhaustion():
    def category(template: str) -> str:
        _, output = _report([_failing("climit01", template, "edge-proxy")])
        return output.root_cause.category

    # our own fixed allocation: connections, processes, threads, addresses
    assert category("[alert] 311#311: 2048 worker_connections are not enough") == "resource-exhaustion"
    assert category("OSError: [Errno 11] Resource temporarily unavailable (fork)") == "resource-exhaustion"
    assert category('plugin "bridge" failed (add): failed to allocate for range 0: no IP addresses available in range set') \
        == "resource-exhaustion"
    # a quota on what may be allocated, or the provider's stock: capacity, even when it says forbidden
    assert category('Error creating: pods "api-7f9-x2" is forbidden: exceeded quota: team-cpu, requested: requests.cpu=4') == "capacity"
    assert category("v1.compute.instances.insert RESOURCE_EXHAUSTED The zone 'europe-west9-c' does not have enough resources "
                    "available to fulfill the request.") == "capacity"
    # a refusal status with no word of what ran out stays a dependency's rate limit
    assert category("translate call failed: 429 RESOURCE_EXHAUSTED") == "upstream-dependency"


def test_an_error_the_database_engine_raised_is_a_database_failure_however_the_client_wraps_it():
    def category(clusters) -> str:
        return _report(clusters)[1].root_cause.category

    # a SQLSTATE the client quotes (MySQL's "Error NNNN (SSSSS)", PDO's SQLSTATE[...], JDBC's SQLException family)
    assert category([_failing("cdb00001", "save basket 81 failed: Error 1264 (22003): Out of range value for column 'qty' at row 1")]) \
        == "database"
    assert category([_failing("cdb00002", "java.sql.SQLDataException: Data truncation: Out of range value for column 'seq'")]) == "database"
    # the client's words alone say nothing of the database ...
    wrapped = _failing("cdb00003", "ledger: append entry: pq: integer out of range for column entry_no of relation ledger_lines")
    assert category([wrapped]) == "code-bug"
    # ... but the database logged the same error itself: what failed first is the database
    own = cluster("cdb00004", "<NUM> db=ledger,user=app ERROR:  integer out of range for column entry_no of relation ledger_lines",
                  {m: 3 for m in range(30, 60)})
    own.services = ["postgresql"]
    assert category([wrapped, own]) == "database"


def test_a_failure_right_after_a_one_off_change_to_an_object_is_that_configuration():
    from tests.test_analysis import dt

    def report(change_template: str, change_second: int = 0, count: int = 1):
        failure = _failing("ccfg0001", "export nightly-summary failed: 403 Object 'out/latest.csv' cannot be overwritten: "
                                       "PermissionDenied", "summary-job")
        failure.first_seen = dt(30, 20)
        change = cluster("ccfg0002", change_template, {29: count}, severity="NOTICE")
        change.first_seen = dt(29, change_second)
        change.services = ["activity"]
        return _report([failure, change])[1].root_cause.category

    # a setting of the bucket changed just before: the refusal is that configuration, not a missing grant
    assert report("storage.buckets.update OK by ops@example.org on projects/_/buckets/summaries-out") == "configuration"
    # an IAM binding changed: a grant removed is a permissions failure
    assert report("SetIamPolicy OK by ops@example.org on projects/acme REMOVE roles/storage.objectAdmin") == "permissions"
    # the same setting logged after the failure began explains nothing
    late = _failing("ccfg0003", "export nightly-summary failed: 403 cannot be overwritten: PermissionDenied", "summary-job")
    late.first_seen = dt(29, 10)
    change = cluster("ccfg0004", "storage.buckets.update OK by ops@example.org on projects/_/buckets/summaries-out", {29: 1},
                     severity="NOTICE")
    change.first_seen = dt(29, 50)
    assert _report([late, change])[1].root_cause.category == "permissions"


@pytest.mark.parametrize("line, category", [
    # no node matches the pods' selector: a label is set wrong, the cluster has room
    ("0/12 nodes are available: 12 node(s) didn't match Pod's node affinity/selector. preemption: 0/12 nodes are available",
     "configuration"),
    ("0/4 nodes are available: 4 node(s) had untolerated taint {dedicated: batch}.", "configuration"),
    # some nodes are full: that is room, whatever the others' labels say
    ("0/12 nodes are available: 5 Insufficient memory, 7 node(s) didn't match Pod's node affinity/selector.", "capacity"),
])
def test_pods_no_node_may_take_are_a_configuration_failure_but_full_nodes_are_capacity(line, category):
    _, output = _report([_failing("sched001", line, "edge-proxy")])
    assert output.root_cause.category == category


@pytest.mark.parametrize("line", [
    "Error: 9 FAILED_PRECONDITION: The query requires an index. You can create it here: https://console.example/indexes",
    "google.api_core.exceptions.FailedPrecondition: 400 no matching index found for kind Listing",
])
def test_a_call_refused_for_a_state_the_system_is_not_in_is_a_configuration_failure(line):
    """gRPC's FAILED_PRECONDITION: the call needs a state that is set up, not code that is broken."""
    _, output = _report([_failing("fprec001", line, "listings")])
    assert output.root_cause.category == "configuration"


@pytest.mark.parametrize("alert", [
    "ALERT orders_empty_ratio above threshold",
    "checkout queue depth 812 exceeds SLA threshold 200; oldest job waiting 14m",
    "payout issuance anomaly: 3x expected for payout_type=weekly",
    "queue wait above SLO",
])
def test_a_monitor_that_says_a_measure_crossed_its_bound_is_a_symptom_not_the_cause(alert):
    """A monitor's line reports the harm it measures; the failure it follows is what to fix, even
    when the monitor repeats louder."""
    error = _failing("ferr0001", "ledger write rejected for shard 7", "ledger")
    monitor = cluster("falrt001", alert, {m: 6 for m in range(30, 60)})
    monitor.services = ["ledger-monitor"]
    analysis, output = _report([error, monitor])
    assert output.root_cause.cluster_ids[0] == "ferr0001"
    assert not any(c.cluster_id == "falrt001" and c.role == "cause" for c in analysis.candidates)


def _endpoint_requests(per_minute):
    """A RequestStats from {minute: [(endpoint, status), ...]} (invented endpoints, one service)."""
    from rca.analysis.impact import RequestTally
    from rca.models import LogRecord
    from tests.test_analysis import M0

    tally = RequestTally()
    for m, reqs in per_minute.items():
        for i, (endpoint, status) in enumerate(reqs):
            tally.add(LogRecord(timestamp=(M0 + m) * 60.0 + i * 0.1, severity="INFO", message="", http_status=status,
                                latency_s=0.05, endpoint=endpoint, service="shop"))
    return tally.summary()


_PAGES = ("GET /api/catalog", "GET /api/cart", "GET /api/account", "POST /api/orders")


def test_p0_needs_a_user_flow_down_not_the_same_share_spread_thin_over_every_endpoint():
    cause = cluster("cspread1", "upstream timed out while reading response header from upstream", {m: 5 for m in range(30, 60)})
    healthy = {m: [(e, 200) for e in _PAGES for _ in range(10)] for m in range(30)}
    # since the onset four requests in ten fail on every endpoint, six in ten in the worst minutes
    spread = {m: [(e, 504 if i < (6 if m < 40 else 3) else 200) for e in _PAGES for i in range(10)] for m in range(30, 60)}
    analysis = analyse(mining_of([cause]), _endpoint_requests({**healthy, **spread}))
    assert analysis.priority == "P1" and "none of them down" in analysis.priority_reason
    # the same failures all on two endpoints: placing an order (and the cart) is down
    down = {m: [(e, 504 if e in ("POST /api/orders", "GET /api/cart") and i < (10 if m < 40 else 6) else 200)
                for e in _PAGES for i in range(10)] for m in range(30, 60)}
    assert analyse(mining_of([cause]), _endpoint_requests({**healthy, **down})).priority == "P0"


def test_one_endpoint_down_is_a_user_flow_down_however_small_its_share_of_the_traffic():
    cause = cluster("cflow001", "insert into orders failed: duplicate key value violates unique constraint", {m: 1 for m in range(30, 60)})
    browse = [("GET /api/catalog", 200)] * 40 + [("GET /api/account", 200)] * 20
    healthy = {m: browse + [("POST /api/orders", 200)] for m in range(30)}
    # one order a minute, every one failing since the onset: 1 request in 61, but nobody can order
    failing = {m: browse + [("POST /api/orders", 500)] for m in range(30, 60)}
    analysis = analyse(mining_of([cause]), _endpoint_requests({**healthy, **failing}))
    assert analysis.priority == "P1" and "POST /api/orders" in analysis.priority_reason
    assert "user flow is down" in analysis.priority_reason
    # the same count of failures scattered over the endpoints: some requests fail, no flow is down
    scattered = {m: [(e, 500 if i == 0 and m % 2 == j else s) for j, (e, s) in enumerate((browse[0], browse[40])) for i in range(1)]
                 + browse[1:40] + browse[41:] + [("POST /api/orders", 200)] for m in range(30, 60)}
    analysis = analyse(mining_of([cause]), _endpoint_requests({**healthy, **scattered}))
    assert analysis.priority == "P2"


def test_a_healthy_windows_routine_errors_are_no_incident_when_no_cause_stands_out():
    """No candidate cause, fewer than one request in a hundred failing and nothing else harmed:
    the window is healthy, whatever rise the few failures show against a quieter start."""
    from rca.analysis import LostWork, decide_priority
    from rca.models import Impact, ImpactSignal

    errors = ImpactSignal(kind="server-errors", count=40, share=0.004, baseline=0.001, total=10_000, text="40 of 10,000 requests failed")
    routine = Impact(incident_requests=10_000, incident_failed_requests=40, incident_error_rate=0.004, total_requests=12_000, signals=[errors])
    priority, why = decide_priority(routine, has_cause=False, burst=True)
    assert priority == "none" and "routine errors" in why
    # with a cause in the logs the same failures are the incident's (P2)
    assert decide_priority(routine, has_cause=True, burst=True)[0] == "P2"
    # ... and without one, work that fails beside them is harm (timeouts: P2)
    timeouts = ImpactSignal(kind="timeouts", count=30, text="30 timeouts")
    assert decide_priority(routine.model_copy(update={"signals": [errors, timeouts]}), has_cause=False, burst=True)[0] == "P2"
    # a container restarting at the same pace all window, losing no work, is routine too; one losing work is not
    looping = Impact(total_requests=500, restarts=12)
    assert decide_priority(looping, has_cause=False, burst=False, lost=LostWork(failed=0, minutes=50))[0] == "none"
    assert decide_priority(looping, has_cause=False, burst=False, lost=LostWork(failed=19, minutes=50))[0] != "none"
