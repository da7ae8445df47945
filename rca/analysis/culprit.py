"""The category of a cause from what its culprit is and where the saturation sits, not only from
the words of the error: a stopped instance of a datastore is a database failure, a client's own
connection pool running dry while the database shows no strain is that client's resource running
out, calls refused at the very address a configuration line set are that configuration, and a change to a network object (a network policy, a firewall rule, a route) that calls
stop getting through after is a network failure. An error no failure signature knows is filed
by what its own words name (an expired certificate, a library the loader cannot open, pods that
cannot be scheduled, clock skew, a refused credential, a reset connection) before it is called a
code bug."""

from __future__ import annotations

import re

from rca.analysis.changes import EMAIL, command_argv, starts_bulk_work
from rca.analysis.knowledge import load_kinds, match_signatures, readable_text, words
from rca.mining.masking import TARGET
from rca.models import Candidate, ClusterStats, MiningResult

# the name of a datastore (as a service, pod or image name, or a word of it): what a stopped
# instance of it takes away is its callers' database
_DATASTORE = re.compile(
    r"(?:^|[-_.\s])(?:\w*db|database|sql|mysql|mariadb|postgres(?:ql)?|pg|redis|valkey|keydb|memcached?|mongo(?:db|d)?|"
    r"cassandra|scylla|spanner|bigtable|firestore|datastore|dynamodb|elasticsearch|opensearch|etcd|zookeeper|couchdb|"
    r"cockroach(?:db)?|clickhouse|influxdb|memorystore|cloudsql)(?:$|[-_.\s\d])",
    re.IGNORECASE,
)

# a pool the database itself runs out of (it refuses new connections), not one in the client
SERVER_SIDE_POOL = re.compile(r"too many (?:connections|clients)|remaining connection slots are reserved", re.IGNORECASE)
# the database's own strain, in any cluster of the window: slow queries, lock waits, timeouts, failover
_DATABASE_STRAIN = frozenset({"database-pressure", "db-timeout", "datastore-failover", "db-schema"})

# objects whose change decides which calls get through: network policies, firewall rules, routes,
# load balancers' and security policies' rules, DNS records, VPC peering and subnets
_NETWORK_OBJECT = re.compile(
    r"networkpolic|firewall|\broutes?\b|\.routes\.|securitypolic|backendservices|urlmaps|forwardingrules|"
    r"resourcerecordsets|managedzones|dns\.changes|networks\.|subnetworks|peering|egress|ingress",
    re.IGNORECASE,
)
# the kind of object a change's method acts on, when the kind says what it does to calls (fault_kind)
_FAULT_KIND_NETWORK = re.compile(r"network|\bdns", re.IGNORECASE)
_FAULT_KIND_LOAD = re.compile(r"stress", re.IGNORECASE)
# objects that decide who may access what: IAM policies and bindings, service accounts, and the
# access policies beside them (a VPC Service Controls perimeter or access level, a database's or
# an API's security rules, an authorization policy, an ACL)
_IAM_OBJECT = re.compile(r"setiampolicy|setiampermissions|iam\.|rolebinding|\.roles\.|serviceaccounts\.|"
                         r"serviceperimeter|accesscontextmanager|accesslevels|rulesservice|securityrules|authorizationpolic|"
                         r"\.acls?\.|\bacls?/", re.IGNORECASE)


# a fault injected on purpose (a chaos experiment's object created or changed: Chaos Mesh's
# StressChaos, NetworkChaos..., Litmus's ChaosEngine): whatever fails after it, it may have
# caused; deleting one ends the fault. Read from the method or kind a line begins with, on any
# line (a template merged from two methods keeps its samples' lines), never from a project or
# principal name further on.
FAULT_INJECTION = re.compile(r"^(?![^\n]*\.delete\b)\S*(?:chaos|fault[-_]?injection)", re.IGNORECASE | re.MULTILINE)


def gates_calls(change_text: str) -> bool:
    """Does the change touch an object that decides which calls get through (a network object, an
    injected fault) or act on a datastore (a failover, a restart drops the calls to it), whatever
    the failing calls name? (An IAM binding grants one resource: it must name what is denied.)"""
    return bool(_NETWORK_OBJECT.search(change_text) or FAULT_INJECTION.search(change_text)) or _on_datastore(change_text)


def _on_datastore(change_text: str) -> bool:
    """Does the change's method (its first word) act on a datastore?"""
    return is_datastore(_DOTTED.split(change_text.strip().split(" ", 1)[0]))


_DOTTED = re.compile(r"[./]")
# an address (a principal's: 'deployer@project.iam.gserviceaccount.com' names a project and 'iam',
# not the object a change touched)
_EMAIL = re.compile(EMAIL)
_BY_WHOM = re.compile(r" by \S+")


def what_changed(text: str) -> str:
    """A change entry's text without who made it: an audit line's '… OK by who on what' and any
    address (a service account's says iam.gserviceaccount.com, which is not what it touched)."""
    return _EMAIL.sub(" ", _BY_WHOM.sub("", text))


# an audit line (`method OK by who on resource detail`, as rca writes it): the resource it changed
_AUDIT_RESOURCE = re.compile(r"^[\w.-]+ OK\b[^\n]*? on (\S+)")


def _changed_path(text: str) -> list[tuple[str, str]] | None:
    """The (collection, name) pairs of the resource path an audit line ends on, in order, numbered
    versions left out ('shop/deployments/ledger/scale' -> [('deployments', 'ledger')]: a subresource
    of x is a change to x; '…/cryptoKeys/k/cryptoKeyVersions/2' -> [('cryptoKeys', 'k')],
    '…/secrets/db-pass/versions/latest' -> [('secrets', 'db-pass')]); None when the text is no
    audit line. Never who made it, nor the method's API path."""
    m = _AUDIT_RESOURCE.match(what_changed(text.splitlines()[0] if text else ""))
    if m is None:
        return None
    segs = [x for x in m.group(1).split("/") if x] + [""]
    # a name follows its collection ('pods/x', 'cryptoKeys/k'), which is plural; a name is no
    # version, nor the collection of the versions that follow it ('db-pass' of 'secrets/db-pass/versions/3')
    return [(a, b) for a, b, after in zip(segs, segs[1:], segs[2:]) if a.endswith("s") and a[:1].isalpha()
            and not _VERSION.fullmatch(b) and not (b.endswith("s") and _VERSION.fullmatch(after))]


def changed_names(text: str) -> set[str]:
    """The names of what a change touched, lowercased, as failures would quote them: an audit
    line's object by its own name (the last name in the resource path that is not a number or a
    version and is long enough to tell: 'invoices-cmek' of '…/cryptoKeys/invoices-cmek/cryptoKeyVersions/2',
    'ledger' of 'shop/deployments/ledger/scale'); for any other change line (a flag flip, a config
    key set) the dotted or underscored names it holds."""
    path = _changed_path(text)
    if path is None:
        line = what_changed(text.splitlines()[0] if text else "")
        return {n.lower() for n in _DOTTED_OR_UNDERSCORED.findall(line)} | action_names(line)
    return next(({name.lower()} for _, name in reversed(path) if len(name) >= 4), set())


# a name given as a key's value ('service=basket-1', 'node=grid-3'), not a path nor a number
_KEY_VALUE = re.compile(r"(?<![\w.-])[a-z_][\w.-]*\s*=\s*['\"`]?([a-z][\w.:/-]*)", re.IGNORECASE)
# an identifier, not a word: it holds a separator or a digit ('grid-3', 'tenant/ledger', 'cart_user_idx')
_IDENTIFIER = re.compile(r"(?=[^\n]*[a-z])(?=[^\n]*[-_.:/\d])[\w.:/-]{4,}", re.IGNORECASE)
# an instance's suffix on a name ('-3' of 'grid-3', '-7f3a2' of 'basket-7f3a2'): what it is an instance of is named too
_INSTANCE_SUFFIX = re.compile(r"-(?=[a-z]*\d)[a-z\d]{1,8}$", re.IGNORECASE)
_NO_NAME = frozenset({"true", "false", "yes", "no", "none", "null", "on", "off"})


def action_names(line: str) -> set[str]:
    """The names an action line gives what it acted on, lowercased: the arguments of the command
    it logs (not the program nor a runner's, not an option or its '--key=value' setting), and the
    values of its key=value pairs when it logs no command (a command's log line holds the
    session's: 'TTY=pts/1'), when they are identifiers rather than words ('grid-3',
    'public/orders'); a name with an instance's suffix also names what it is an instance of
    ('basket-7f3a2' -> 'basket')."""
    argv = command_argv(line)
    out: set[str] = set()
    for tok in [t for t in argv[1:] if not t.startswith("-")] if argv else _KEY_VALUE.findall(line):
        tok = tok.strip("'\"`,;.").lower()
        if tok in _NO_NAME or not _IDENTIFIER.fullmatch(tok):
            continue
        out.add(tok)
        if len(stem := _INSTANCE_SUFFIX.sub("", tok)) >= 4:
            out.add(stem)
    return out


# the table a DDL statement changes: ALTER/DROP/TRUNCATE/RENAME TABLE t, CREATE INDEX i ON t
_DDL_TABLE = re.compile(r"\b(?:(?:ALTER|DROP|TRUNCATE|RENAME)\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?"
                        r"|CREATE\s+(?:UNIQUE\s+)?INDEX\s+(?:CONCURRENTLY\s+)?(?:IF\s+NOT\s+EXISTS\s+)?(?:[`\"]?[\w.]+[`\"]?\s+)?ON\s+(?:ONLY\s+)?)"
                        r"[`\"]?(?:\w+[`\"]?\.[`\"]?)?(\w+)", re.IGNORECASE)


def ddl_tables(text: str) -> list[str]:
    """The tables a schema change's DDL statements name (the table altered, the table indexed),
    lowercased, in order: what the queries that wait on its locks name."""
    return list(dict.fromkeys(m.group(1).lower() for m in _DDL_TABLE.finditer(text) if len(m.group(1)) >= 4))


def changed_object(text: str) -> tuple[str, str] | None:
    """(kind, name) of the object an audit line says was changed (the last of its resource path,
    see _changed_path), the kind in the singular as an engineer says it ('networkpolicies' ->
    'networkpolicy'), or None when the line names none."""
    path = _changed_path(text)
    if not path:
        return None
    kind, name = path[-1]
    kind = kind[:-3] + "y" if kind.endswith("ies") else kind[:-2] if kind.endswith(("sses", "xes")) else kind[:-1] if kind.endswith("s") and not kind.endswith(("ss", "us", "os", "is")) else kind
    return kind, name


# a dotted or underscored identifier (a column, a host, a config key: 'orders.client_ref'; the
# name in '_get_network' is 'get_network')
DOTTED_NAME = r"[A-Za-z][\w-]*[._][\w.-]*\w"
_DOTTED_OR_UNDERSCORED = re.compile(DOTTED_NAME)
_VERSION = re.compile(r"v?\d+(?:[.-]\d+)*|latest", re.IGNORECASE)


def is_datastore(names: list[str]) -> bool:
    """Does any of these names (services, pods) name a datastore?"""
    return any(_DATASTORE.search(n) for n in names if n)


# the name of a message broker: what it stops carrying is every pipeline that goes through it
_BROKER = re.compile(r"(?:^|[-_.\s])(?:rabbitmq|rabbit|kafka|nats|activemq|artemis|pulsar|redpanda|mosquitto|emqx|amqp|mqtt|"
                     r"broker)(?:$|[-_.\s\d])", re.IGNORECASE)


def is_broker(names: list[str]) -> bool:
    """Does any of these names (services, pods) name a message broker?"""
    return any(_BROKER.search(n) for n in names if n)


def _client_pool_only(cluster: ClusterStats, mining: MiningResult) -> bool:
    """A connection pool that ran dry in the client (its own limit), while no cluster of the window
    shows the database under strain (slow queries, lock waits, database timeouts, a failover) and
    the database did not refuse connections itself: the client's pool is the exhausted resource."""
    if SERVER_SIDE_POOL.search(readable_text(cluster)):
        return False
    for c in mining.clusters:
        if c.id == cluster.id:
            continue
        ids = {m.signature.id for m in match_signatures(c, roles=("cause",))}
        if ids & _DATABASE_STRAIN and "pool-exhaustion" not in ids:  # a pool's own timeout says nothing of the database
            return False
        if SERVER_SIDE_POOL.search(c.template):
            return False
    return True


# where a refused or unresolved call went: an address with its port, or a host name with its port
_CONFIG_WORD = re.compile(r"\bconfig(?:uration)?\b|\bsettings?\b|\benv(?:ironment)?\b", re.IGNORECASE)
_UNREACHED = frozenset({"connection-refused", "dns"})


def _configured_target(cluster: ClusterStats, mining: MiningResult) -> bool:
    """Does a configuration line of the same service (one that says config, settings or env) set a
    key to the very address the failing calls go to? Then the address is what was configured: the
    configuration sends the calls where nothing answers."""
    targets = {m.group(1).lower() for s in cluster.samples for m in TARGET.finditer(s)}
    if not targets:
        return False
    mine = set(cluster.services)
    for c in mining.clusters:
        if c.id == cluster.id or not mine & set(c.services):
            continue
        for text in c.samples:
            low = text.lower()
            if _CONFIG_WORD.search(text) and any(re.search(rf"[=:]\s*['\"]?[\w+.:/-]*{re.escape(t)}", low) for t in targets):
                return True
    return False


def headline_category(text: str) -> str | None:
    """The category a failure's own words name (the [[kind]] tables of signatures.toml, with the
    cause signatures of each kind's category; the first kind that matches), or None: the category
    of a failure no signature explains, or of the signal of a service its callers wait on."""
    return next((kind.category for kind in load_kinds() if kind.words.search(text)), None)


def _placement_mismatch(text: str) -> bool:
    """Pods cannot be placed only because no node matches their selector, affinity or tolerations
    (no node short of cpu or memory): a label or taint is set wrong, there is room enough."""
    return bool(words("placement_mismatch").search(text)) and not re.search(r"\bInsufficient\b", text)


def culprit_category(candidate: Candidate, mining: MiningResult) -> str:
    """The candidate's category, refined by what its culprit is (see the module docstring)."""
    cluster = mining.cluster(candidate.cluster_id)
    if cluster is None:
        return candidate.category
    if candidate.signature == "instance-stopped" and is_datastore(cluster.services):
        return "database"
    if candidate.signature == "pool-exhaustion" and _client_pool_only(cluster, mining):
        return "resource-exhaustion"
    if candidate.signature in _UNREACHED and _configured_target(cluster, mining):
        return "configuration"
    if candidate.signature == "no-capacity" and _placement_mismatch(readable_text(cluster)):
        return "configuration"
    if candidate.role == "cause" and (candidate.signature is None or candidate.waited_on):
        # no known failure mode, or the signal of a service its callers wait on: what its own
        # words say went wrong; a proxy's record of calls the callee never answered, with no
        # word of its own, is the path to it (delay, loss, a partition), not a third party
        named = headline_category(readable_text(cluster))
        if named is not None:
            return named
        if candidate.waited_on and candidate.waited_on not in cluster.services:
            return "network"
        if quotes_datastore_error(cluster, mining):
            return "database"
    if candidate.signature in _GENERIC_REFUSAL and (named := headline_category(readable_text(cluster))) in _STOCK_OR_LIMIT:
        # a refusal status (RESOURCE_EXHAUSTED, 429) whose own words say what ran out: the zone's
        # stock or a quota on what may be allocated, our own fixed allocation, a limit we configured (a
        # message above the receiver's maximum size); not a third party's rate limit
        return named
    return candidate.category


# signatures that name a refusal by its status code only; what ran out is in the rest of the line
_GENERIC_REFUSAL = frozenset({"rate-limit"})
_STOCK_OR_LIMIT = frozenset({"capacity", "resource-exhaustion", "configuration"})
# a datastore's own error line: the message after its level word ('ERROR:  nextval: ...')
_ENGINE_ERROR = re.compile(r"\b(?:ERROR|FATAL|PANIC)\b:?\s+(\S.{23,})")
QUOTED_ERROR_CHARS = 24  # the shared stretch of a datastore's error message that a client quoting it must hold


def quotes_datastore_error(cluster: ClusterStats, mining: MiningResult) -> bool:
    """Does this failure quote an error a datastore logged itself in the window (a client's
    'CreateHookTask: pq: nextval: reached maximum value of sequence ...' beside the database's own
    'ERROR: nextval: reached maximum value of sequence ...')? Then what failed first is the
    database, whatever words the client wraps it in."""
    text = readable_text(cluster).lower()
    for other in mining.clusters:
        if other.id == cluster.id or not other.errors or not is_datastore(other.services) or is_datastore(cluster.services):
            continue
        for sample in other.samples[:3]:
            m = _ENGINE_ERROR.search(sample)
            if m and m.group(1)[:QUOTED_ERROR_CHARS].lower() in text:
                return True
    return False


_FAULT_TOOL = words("fault_injection")
_TOKEN_END = frozenset(" \t\n\"'()[]{}<>,;=")
_MASKED_ADDRESS = re.compile(r"<(?:HOST|URL|EMAIL|IP)>")
_HOST_OR_MAIL = re.compile(r"@|://|^[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?:[:/]|$)", re.IGNORECASE)


def names_fault(text: str) -> bool:
    """Does the text name a fault put in on purpose (`fault_injection`), other than inside an
    address (a host, a URL, an image on a registry, a mail address or a user at a host: a project,
    a domain or an account named for a chaos lab)?"""
    text = _MASKED_ADDRESS.sub("masked.invalid", text)  # a template's host, URL or address slot is an address too
    for m in _FAULT_TOOL.finditer(text):
        i, j = m.start(), m.end()
        while i > 0 and text[i - 1] not in _TOKEN_END:
            i -= 1
        while j < len(text) and text[j] not in _TOKEN_END:
            j += 1
        if not _HOST_OR_MAIL.search(text[i:j]):
            return True
    return False


def fault_kind(change: ClusterStats) -> str | None:
    """What the kind of object a change's method acts on does to calls: 'network' for anything of
    the network or name resolution (a network policy, a DNS record, an injected delay, loss or
    partition), 'resource-exhaustion' for a load put on a host (a stress test); else None."""
    method = (change.samples[0] if change.samples else change.template).split(" ", 1)[0]
    if _FAULT_KIND_NETWORK.search(method):
        return "network"
    if _FAULT_KIND_LOAD.search(method):
        return "resource-exhaustion"
    return None


_ACT = words("running_state_act")
_SCALED_TO_ZERO = words("scaled_to_zero")
_SETTING_VERB = words("setting_verb")
_METHOD_WORDS = re.compile(r"[A-Za-z][a-z]*")
# failures a stopped, paused or rewound thing explains, that name no kind of their own beyond it
_ACT_EXPLAINS = frozenset({"code-bug", "permissions", "configuration", "upstream-dependency", "other"})


def acts_on_running_state(change: ClusterStats) -> bool:
    """Does the change act on what runs rather than set something: the first verb of the command
    it logs ('systemctl stop nfs', 'wp cache flush'; not 'osd set pause', a flag set) or of the
    method of its audit line ('PauseQueue', 'instances.detachDisk', 'Subscriber.Seek'), or a
    workload scaled to no replicas?"""
    samples = change.samples or [change.template]
    first = what_changed(samples[0].splitlines()[0] if samples[0] else "")
    argv = command_argv(first)
    if argv:
        verbs = [w.rsplit("/", 1)[-1] for w in argv[1:4] if w and not w.startswith("-")]
    elif _AUDIT_RESOURCE.match(first):
        method = first.split(" ", 1)[0]
        if ".scale." in method and any(_SCALED_TO_ZERO.search(s) for s in samples):
            return True
        verbs = _METHOD_WORDS.findall(method.rsplit(".", 1)[-1])[:1]
    else:
        return False
    for verb in verbs:
        if _SETTING_VERB.fullmatch(verb):
            return False
        if _ACT.fullmatch(verb):
            return True
    return False


def change_category(change: ClusterStats, failure_category: str) -> str:
    """The category of a failure that a change explains: a network object changed is a network
    failure, an IAM binding a permissions one, an operation on a datastore (a failover, a restart)
    or a schema migration a database one; otherwise the failure's own category."""
    text = what_changed(change.samples[0] if change.samples else change.template)
    if kind := fault_kind(change):
        return kind
    if starts_bulk_work(change):
        # a bulk job's load: what failed is what ran out under it (a database), and a quota or rate
        # limit our own job used up is our allocation exhausted, not a third party's failure
        return "resource-exhaustion" if failure_category == "upstream-dependency" else failure_category
    if _NETWORK_OBJECT.search(text):
        return "network"
    if _IAM_OBJECT.search(text):
        return "permissions"
    if _on_datastore(text):  # the method acts on a datastore (a failover, a restart)
        return "database"
    matched = match_signatures(change, roles=("change",))
    # a change of a kind that says where the failure is (a schema migration: the database's locks
    # and tables), whatever the failing callers' words are
    own = next((m.signature.category for m in matched if m.signature.category != "configuration"), None)
    if own is not None:
        return own
    if failure_category in _ACT_EXPLAINS and acts_on_running_state(change):
        # a service stopped, a queue paused, a subscription sought back, a cache flushed: what
        # fails after it fails for what was done to the running system, no setting nor the code
        # ('other' in FORMAT.md's list); a datastore stopped is the database's (above)
        return "other"
    # a code path that fails right after a change to an object it uses (a key, a flag; not a
    # deploy: no code changed), or is refused by it (a bucket's retention policy; not an IAM
    # binding, above), or a datastore erring right after its proxy's or client's setting changed
    # (not an operation on the datastore itself, above), fails for that configuration, not for a
    # bug, a missing grant or the database
    deploy = any(m.signature.id == "deploy" for m in matched)
    if failure_category == "network" and not deploy and changed_object(text) is not None:
        # calls refused or unresolved right after an object that is no network object changed (a
        # Service deleted or its selector changed, an endpoint's target): the network carries them,
        # the object's setting sends them where nothing answers (a package upgrade or a rollout
        # changes the program, which may itself call differently: the failure keeps its category)
        return "configuration"
    if names_fault(text):
        return failure_category  # a fault put in on purpose (a chaos tool's line): what it broke is what failed, no setting of ours
    return "configuration" if failure_category in ("code-bug", "permissions", "database") and not deploy else failure_category
