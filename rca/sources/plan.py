"""The reduction as SQL: one plan for a columnar engine (DuckDB here; BigQuery's dialect derives).

Stages, each a SQL text built here from the rules' own data (severity names, HTTP reason phrases,
exception suffixes), so no rule is typed in twice:

1. `normalised(source)`: the fields rca reads from each LogEntry, normalised as
   `rca.sources.gcloud.normalize_row` does, for the entry shapes that are common (a textPayload
   string, a jsonPayload whose message is a string, an httpRequest, RFC 3339 UTC timestamps).
   Every other shape is flagged `odd` and normalised by `normalize_row` itself (the reference;
   `tests/test_plan.py` checks the two agree on every shared incident and on generated logs).
2. `PREMASK`: obvious variables (whole-token numbers, UUIDs, long hex ids) replaced by the
   placeholder the masker would write, where that cannot change what the masker writes for the
   message (`rca.mining.masking`); entries that differ only there share one group.
3. `GROUPS`, `MESSAGES`, `LINKS`, `REQUESTS`: the aggregates mining and impact read (see
   rca.batches), over the table `e` of normalised entries.

RE2 only (DuckDB's and BigQuery's regular expressions): no look-around, no backreferences.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from http import HTTPStatus

import orjson

from rca.models import SEVERITIES, SEVERITY_RANK, STREAM_DEFAULT_SEVERITY
from rca.sources import gcloud, lineformat
from rca.sources.tracebacks import (
    _BARE_EXCEPTIONS, _CHAIN_DIRECT, _CHAIN_DURING, _EXC_SUFFIXES, _OTHER_STARTS, MAX_MESSAGE_CHARS,
    TRACEBACK_HEADER,
)
from rca.sources.tracebacks import _NAME_RE as _TRACE_NAME_RE

# Columns of the table `e` of normalised entries, in LogRecord order (+ the pre-masked text).
E_COLUMNS = {
    "idx": "BIGINT", "ts": "DOUBLE", "sev": "VARCHAR", "msg": "VARCHAR", "svc": "VARCHAR", "rev": "VARCHAR",
    "inst": "VARCHAR", "trace": "VARCHAR", "stream": "VARCHAR", "status": "BIGINT", "latency": "DOUBLE",
    "endpoint": "VARCHAR", "exc": "VARCHAR", "frames": "VARCHAR[]", "chain": "VARCHAR", "stitched": "BIGINT",
    "truncated": "BIGINT", "pos": "BIGINT", "text": "VARCHAR", "source": "VARCHAR", "push": "BOOLEAN",
    "done": "BOOLEAN",
}
# `text`: the text mined when it is not `msg` (LogRecord.extra["text"]: the line without its prefix,
# a folded trace's headline; NULL = msg); `source`: the writer a line's prefix names (extra["source"]).
# `push`: a request a queue delivered (extra["delivery"] = "push": Pub/Sub push, Cloud Tasks,
# Cloud Scheduler, by the user agent, push_sql). `done`: an audit entry that completes a long-running
# operation (extra["operation"] = "completed"; only `normalize_row` reads audit entries: odd rows). `pos` orders entries as the record-by-record path hands them to mining: input order, but the
# lines the traceback stitcher holds back come where it lets them go (at the entry that flushed
# them: POS_STEP * that entry's idx + their rank among what it let go).
POS_STEP = 1 << 20

_MESSAGE_KEYS = gcloud._MESSAGE_KEYS
RESOURCE_LABELS = ("service_name", "container_name", "namespace_name", "function_name", "job_name", "module_id",
                   "revision_name", "version_id", "pod_name", "instance_id", "database_id")
_TRACE_KEYS = gcloud._TRACE_KEYS
# the rules' own patterns (RE2 takes them as written)
_LEVEL_WORDS = gcloud.LEVEL_NAMES
_LEVEL_BRACKET = gcloud._LEVEL_BRACKET.pattern
_LEVEL_KV = gcloud._LEVEL_KV.pattern
_NAME_RE = _TRACE_NAME_RE.pattern
_FAST_TS = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?Z$"


def q(text: str) -> str:
    """A SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def _severity_case(expr: str) -> str:
    """`normalize_severity` of a string: the Cloud Logging name, 'DEFAULT' when unknown."""
    names = {k.upper(): v for k, v in gcloud._SEVERITY.items() if isinstance(k, str)}
    whens = " ".join(f"WHEN {q(k)} THEN {q(v)}" for k, v in sorted(names.items()))
    plain = ", ".join(q(v) for v in SEVERITIES)  # most values are a severity's name already
    return (f"(CASE WHEN {expr} IN ({plain}) THEN {expr} ELSE (CASE upper(trim({expr}, ' ' || chr(9) || chr(10) || "
            f"chr(11) || chr(12) || chr(13))) {whens} ELSE 'DEFAULT' END) END)")


def _severity_code_case(expr: str) -> str:
    whens = " ".join(f"WHEN {k} THEN {q(v)}" for k, v in gcloud._SEVERITY.items() if type(k) is int)
    return f"(CASE {expr} {whens} ELSE 'DEFAULT' END)"


def _rank(expr: str) -> str:
    whens = " ".join(f"WHEN {q(s)} THEN {SEVERITY_RANK[s]}" for s in SEVERITIES)
    return f"(CASE {expr} {whens} ELSE 0 END)"


def exception_name_sql(line: str) -> str:
    """`tracebacks.exception_name(line)` (strict): the type named by `Type: message`, or ''."""
    pattern = q("^(" + _NAME_RE + ")(?::[ \t]|:$|$)")
    name = f"regexp_extract({line}, {pattern}, 1)"
    suffixes = "|".join(_EXC_SUFFIXES)
    bare = "|".join(sorted(_BARE_EXCEPTIONS))
    kinds = q(f"(?:{suffixes})$|(?:^|[.])(?:{bare})$")
    return f"(CASE WHEN length({name}) BETWEEN 1 AND 200 AND regexp_matches({name}, {kinds}) THEN {name} ELSE '' END)"


def level_words_sql(msg: str) -> tuple[str, str, str]:
    """The three level words `gcloud.infer_severity` looks for in a message's head, in its order:
    a level word, a `[level]`, a `level=...` ('' where none)."""
    head = f"left({msg}, 300)"
    return (f"regexp_extract({head}, '\\b({_LEVEL_WORDS})\\b', 1)", f"regexp_extract({head}, {q(_LEVEL_BRACKET)}, 1)",
            f"regexp_extract({head}, {q(_LEVEL_KV)}, 1)")


def level_guess_sql(word: str, bracket: str, kv: str) -> str:
    """The severity the first level word found names (level_words_sql's three), 'DEFAULT' without."""
    return (f"(CASE WHEN {word} <> '' THEN {_severity_case(word)} WHEN {bracket} <> '' THEN {_severity_case(bracket)} "
            f"WHEN {kv} <> '' THEN {_severity_case(kv)} ELSE 'DEFAULT' END)")


def _lit(text: str) -> str:
    """A string literal with its tabs and newlines written as chr(n), as both SQL dialects take them."""
    parts = re.split(r"([\t\n])", text)
    return " || ".join(f"chr({ord(p)})" if p in "\t\n" and p else q(p) for p in parts if p)


def _needs_python_sql(msg: str) -> str:
    """Rows `normalize_row` reads in ways the plan does not copy: a trace written as one entry
    (Python, Java, Node, Go) and a Go crash headline (CRITICAL): they go to Python as odd rows."""
    marks = " OR ".join(f"contains({msg}, {_lit(m)})" for m in (gcloud.PY_TRACE_HEADER, *gcloud.INLINE_TRACE_MARKS))
    fatal = " OR ".join(f"contains(left({msg}, 300), {q(h)})" for h in gcloud._FATAL_HEADLINES)
    return f"((contains({msg}, chr(10)) AND ({marks})) OR {fatal})"


def infer_severity_sql(msg: str, guess: str | None = None) -> str:
    """`gcloud.infer_severity(msg)`. `guess`: level_guess_sql of the message's level words, when
    the query has it as a column (each of its regular expressions then runs once a row)."""
    head = f"left({msg}, 300)"
    if guess is None:
        guess = level_guess_sql(*level_words_sql(msg))
    first_line = f"split_part({head}, chr(10), 1)"
    return (f"(CASE WHEN {_rank('g.s')} < {SEVERITY_RANK['ERROR']} AND (contains({msg}, {q(gcloud.PY_TRACE_HEADER)}) "
            f"OR (g.s = 'DEFAULT' AND (contains({head}, 'Exception') OR {exception_name_sql(first_line)} <> ''))) "
            f"THEN 'ERROR' ELSE g.s END)").replace("g.s", guess)


def status_text_sql(status: str) -> str:
    """`gcloud._status_text`: '503 Service Unavailable', '-' without a status."""
    whens = " ".join(f"WHEN {int(s)} THEN {q(f'{int(s)} {s.phrase}')}" for s in HTTPStatus)
    return f"(CASE WHEN {status} IS NULL THEN '-' {whens.replace('WHEN ', f'WHEN {status} = ')} ELSE CAST({status} AS VARCHAR) END)"


def format_latency_sql(lat: str) -> str:
    """`gcloud.format_latency` (3 significant digits, whole seconds from 100 s)."""
    return f"(CASE WHEN {lat} >= 100 THEN printf('%.0f s', {lat}) ELSE printf('%.3g s', {lat}) END)"


def url_path_sql(url: str) -> str:
    """`gcloud.url_path`: the path of a request URL, no scheme, host, query or fragment."""
    path = (f"(CASE WHEN contains({url}, '://') THEN regexp_replace({url}, '^(?s).*?://[^/]*', '') "
            f"WHEN starts_with({url}, '/') THEN {url} WHEN contains({url}, '/') THEN regexp_replace({url}, '^[^/]+', '') "
            f"ELSE '/' || {url} END)")
    return f"left(coalesce(nullif(regexp_extract({path}, '^[^?#]*'), ''), '/'), {gcloud._MAX_ENDPOINT})"


def log_stream_sql(name: str) -> str:
    """`gcloud.log_stream`: 'projects/p/logs/run.googleapis.com%2Fstdout' -> 'stdout'."""
    return f"regexp_replace(url_decode(string_split({name}, '/logs/')[-1]), '^[^/]*\\.[^/]*/', '')"


_LEVEL_KEYS = gcloud._LEVEL_KEYS
_ERROR_KEYS = gcloud._ERROR_KEYS
# every jsonPayload key `_json_message` reads ("log": an object may hold the level, `_payload_level`)
_JSON_KEYS = tuple(dict.fromkeys((*_MESSAGE_KEYS, *_ERROR_KEYS, *gcloud.ERROR_STRING_KEYS, *_TRACE_KEYS, *_LEVEL_KEYS,
                                   "log", "request")))


def _json_path(key: str) -> str:
    """A jsonPayload key as a JSON path step (quoted: `log.level` is one key)."""
    return f'"{key}"' if "." in key else key


def _json_col(key: str) -> str:
    """The column name of a jsonPayload key (`log.level` -> `j_log__level`); SQL names ignore case,
    so a key with capitals is told apart from its lower-case twin (`Error` -> `j_error_C10000`)."""
    name = "j_" + key.replace(".", "__")
    if key != key.lower():
        name += "_C" + "".join("1" if c.isupper() else "0" for c in key)
    return name
# What the plan reads of each entry: a column name -> the JSON path of the value. The source
# relation of `normalised` has, for each, `e_<name>` (the value as text, as `->>` gives it; NULL
# when absent or null) and `e_<name>_t` (its JSON type name, 'NULL' for null, NULL when absent).
# Objects are read by their type only (OBJECTS). `entry_fields` builds them from one JSON
# value per entry, parsing it twice (once for the types, once for the values) however many
# fields are read.
FIELDS: dict[str, str] = {
    "tp": "$.textPayload", "jp": "$.jsonPayload", "pp": "$.protoPayload", "http": "$.httpRequest",
    "st": "$.httpRequest.status", "lt": "$.httpRequest.latency", "url": "$.httpRequest.requestUrl",
    "method": "$.httpRequest.requestMethod", "ua": "$.httpRequest.userAgent", "ts1": "$.timestamp", "ts2": "$.receiveTimestamp",
    "sev": "$.severity", "labels": "$.labels", "inst": "$.labels.instanceId", "vm": f'$.labels."{gcloud.GCE_NAME_LABEL}"',
    "res": "$.resource",
    "rtype": "$.resource.type", "rl": "$.resource.labels",
    **{f"rl_{k}": f"$.resource.labels.{k}" for k in RESOURCE_LABELS},
    "log": "$.logName", "trace": "$.trace", "op": "$.operation",
    **{f"app{i}": f'$.labels."{k}"' for i, k in enumerate(gcloud.K8S_APP_LABELS)},
    **{_json_col(k): f"$.jsonPayload.{_json_path(k)}" for k in _JSON_KEYS},
}
OBJECTS = frozenset({"jp", "pp", "http", "labels", "res", "rl", "op"})


# The top-level LogEntry keys the FIELDS are under: the engine reads each as one JSON column (a
# file's entries decoded once, with nothing else of them kept), and they are all `normalize_row`
# reads of an entry (an odd row's entry is rebuilt from them: `entry_json`).
ENTRY_KEYS = tuple(dict.fromkeys(path.split(".")[1] for path in FIELDS.values()))


def entry_fields(source: str) -> str:
    """The relation `normalised` reads, from `source` with `idx` and one JSON column per
    ENTRY_KEYS (NULL when absent), which it passes on as `k_<key>` (RAW builds an odd row's entry)."""
    types, values = [], []
    for key in ENTRY_KEYS:
        names = [n for n, path in FIELDS.items() if path.split(".")[1] == key]
        sub = ["$" + path[len("$." + key):] for path in (FIELDS[n] for n in names)]
        types.append((key, names, sub))
        vals = [(n, s) for n, s in zip(names, sub) if n not in OBJECTS]
        if vals:
            values.append((key, vals))
    parts = [f"json_type({_col(key)}, [{', '.join(q(s) for s in sub)}]) AS t_{i}" for i, (key, _, sub) in enumerate(types)]
    parts += [f"json_extract_string({_col(key)}, [{', '.join(q(s) for _, s in vals)}]) AS v_{i}"
              for i, (key, vals) in enumerate(values)]
    cols = [f"t_{i}[{j + 1}] AS e_{n}_t" for i, (_, names, _) in enumerate(types) for j, n in enumerate(names)]
    cols += [f"v_{i}[{j + 1}] AS e_{n}" for i, (_, vals) in enumerate(values) for j, (n, _) in enumerate(vals)]
    keys = ", ".join(f"{_col(k)} AS k_{k}" for k in ENTRY_KEYS)
    return (f"(SELECT idx, {keys}, {', '.join(cols)} FROM (SELECT idx, {', '.join(_col(k) for k in ENTRY_KEYS)}, "
            f"{', '.join(parts)} FROM {source}))")


# An odd row's entry (its ENTRY_KEYS, see `entry_json`), built only for odd rows.
RAW = "json_object(" + ", ".join(f"{q(k)}, k_{k}" for k in ENTRY_KEYS) + ")"


def _col(key: str) -> str:
    return '"' + key + '"'


def entry_json(raw: str | bytes) -> dict:
    """The entry of an odd row (`raw`: its ENTRY_KEYS as one JSON object, null where absent), as
    `normalize_row` reads it."""
    return {k: v for k, v in orjson.loads(raw).items() if v is not None}


def _t(name: str) -> str:
    """The JSON type of a field, 'NULL' when null or absent."""
    return f"coalesce(e_{name}_t, 'NULL')"


def _v(name: str) -> str:
    return f"e_{name}"


def _str_or_null(name: str) -> str:
    """Plain when the JSON value is a string or null/absent."""
    return f"{_t(name)} IN ('VARCHAR', 'NULL')"


# A request a queue delivered, by its user agent, as rca.sources.gcloud marks it (E_COLUMNS' `push`)
def push_sql(agent: str) -> str:
    """Did a queue deliver the request (its user agent `agent`, NULL when none)?"""
    return f"coalesce(regexp_matches({agent}, {q(gcloud._PUSH_AGENT.pattern)}), false)"


def pod_workload_sql(pod: str) -> str:
    """`gcloud.pod_workload(pod)` (one capture group per pattern: BigQuery's REGEXP_EXTRACT)."""
    name_rx, hash_rx = gcloud.POD_DEPLOY.replace("-([a-z0-9]", "-(?:[a-z0-9]", 1), gcloud.POD_DEPLOY.replace("(.+)", ".+", 1)
    deploy, dhash, pset = (q("^(?:" + rx + ")$") for rx in (name_rx, hash_rx, gcloud.POD_SET))
    hash_ok = q("^(?:" + gcloud.POD_HASH + ")$")
    # each pattern runs once: a name group is never empty, so '' (NULL in BigQuery) means no match
    return (f"coalesce(CASE WHEN regexp_matches(regexp_extract({pod}, {dhash}, 1), {hash_ok}) "
            f"THEN nullif(regexp_extract({pod}, {deploy}, 1), '') END, nullif(regexp_extract({pod}, {pset}, 1), ''), '')")


def service_sql(rget, label) -> tuple[str, str]:
    """(service or '', instance) as `normalize_row` names them from an entry's resource labels
    (rget(*keys): the first one set, as text) and its own labels (label(key): one value)."""
    pod = f"nullif({rget('pod_name')}, '')"
    app = ("coalesce(" + ", ".join(f"nullif({label(k)}, '')" for k in gcloud.K8S_APP_LABELS)
           + f", nullif({pod_workload_sql(pod)}, ''))")
    named = f"nullif({rget('service_name')}, '')"
    svc = (f"coalesce({named}, CASE WHEN {pod} IS NOT NULL THEN {app} END, "
           f"{rget('container_name', 'pod_name', 'namespace_name', 'function_name', 'job_name', 'module_id')})")
    container = f"nullif({rget('container_name')}, '')"
    inst = (f"coalesce(nullif({label('instanceId')}, ''), CASE WHEN {named} IS NULL AND {pod} IS NOT NULL "
            f"AND {container} IS NOT NULL AND {container} <> {app} THEN {pod} || '/' || {container} END, "
            f"nullif({rget('pod_name')}, ''), nullif({label(gcloud.GCE_NAME_LABEL)}, ''), {rget('instance_id', 'database_id')})")
    return svc, inst


def subject_sql(msg: str) -> str:
    """`gcloud._subject` for entries that are not audit entries: the process an OOM kill names,
    else the systemd unit a line is about. As there, a substring test spares most rows the regex."""
    return (f"coalesce(CASE WHEN contains({msg}, {q(gcloud.OOM_HINT)}) "
            f"THEN nullif(regexp_extract({msg}, {q(gcloud.OOM_PROCESS)}, 1), '') END, "
            f"CASE WHEN contains({msg}, {q(gcloud.SYSTEMD_HINT)}) "
            f"THEN nullif(regexp_extract({msg}, {q(gcloud.SYSTEMD_UNIT)}, 1), '') END, '')")


# ----------------------------------------------------------------------------- rules of both plans
# Written once over accessors, for this module's plan (DuckDB, over `entry_fields`' typed columns)
# and rca.sources.bqplan's (BigQuery's JSON functions: it renders these fragments with sqlglot and
# fills its accessors in), so the two plans cannot drift apart.


@dataclass(frozen=True)
class JsonReads:
    """How a plan reads a jsonPayload key: `t(key)`, its JSON type name (null when absent), and
    `v(key)`, its value as text; `string`, `null`, `obj`: the dialect's type names, as literals."""

    t: Callable[[str], str]
    v: Callable[[str], str]
    string: str = "'VARCHAR'"
    null: str = "'NULL'"
    obj: str = "'OBJECT'"


def json_used_sql(j: JsonReads) -> str:
    """The key `_json_message` takes the message from: the first of its message keys that is set
    (not null, not an object, not ''); '' when none."""
    whens = " ".join(f"WHEN {j.t(k)} NOT IN ({j.null}, {j.obj}) AND NOT ({j.t(k)} = {j.string} AND {j.v(k)} = '') "
                     f"THEN {q(k)}" for k in _MESSAGE_KEYS)
    return f"(CASE {whens} ELSE '' END)"


def json_first_sql(j: JsonReads, used: str) -> str:
    """The message of a plain payload (`used`: json_used_sql's key, `message` or `msg`)."""
    return f"(CASE {used} WHEN 'message' THEN {j.v('message')} ELSE {j.v('msg')} END)"


def json_message_sql(j: JsonReads, first: str) -> str:
    """`_json_message`'s message of a plain payload: `first` (json_first_sql) with the first error
    string it does not hold already appended."""
    whens = " ".join(f"WHEN {j.t(k)} = {j.string} AND {j.v(k)} <> '' AND NOT contains({first}, {j.v(k)}) "
                     f"THEN {first} || ': ' || {j.v(k)}" for k in gcloud.ERROR_STRING_KEYS)
    return f"(CASE {whens} ELSE {first} END)"


def json_level_sql(j: JsonReads) -> str:
    """The severity a plain payload names for itself (`_payload_level`, normalised; 'DEFAULT' none)."""
    level = "coalesce(" + ", ".join(f"nullif({j.v(k)}, '')" for k in _LEVEL_KEYS) + ", '')"
    return _severity_case(level)


def json_plain_sql(j: JsonReads, payload_type: str, used: str) -> str:
    """Is the payload one the three rules above read as `_json_message` does? An object whose
    message is a string under `message` or `msg`, no error object, no trace, its level (if any) a
    string and no `log` or `request` object; any other payload is left to `normalize_row`."""
    used_type = f"(CASE {used} WHEN 'message' THEN {j.t('message')} ELSE {j.t('msg')} END)"
    return "(" + " AND ".join([
        f"{payload_type} = {j.obj}", f"{used} IN ('message', 'msg')", f"{used_type} = {j.string}",
        *(f"{j.t(k)} <> {j.obj}" for k in _ERROR_KEYS),
        *(f"{j.t(k)} = {j.null}" for k in _TRACE_KEYS),
        *(f"{j.t(k)} IN ({j.string}, {j.null})" for k in _LEVEL_KEYS),
        f"{j.t('log')} <> {j.obj}",
        f"{j.t('request')} <> {j.obj}",  # maybe a request record (lineformat.parse_json_request)
    ]) + ")"


def status_severity_sql(status: str) -> str:
    """`gcloud._status_severity` of a status that is set."""
    return f"(CASE WHEN {status} >= 500 THEN 'ERROR' WHEN {status} >= 400 THEN 'WARNING' ELSE 'INFO' END)"


def stream_default_sql(sev: str, stream: str) -> str:
    """`rca.models.is_stream_default`: is `sev` only the level `stream` gets by default?"""
    return " OR ".join(f"({sev} = {q(level)} AND {stream} = {q(name)})" for name, level in STREAM_DEFAULT_SEVERITY.items())


def severity_sql(sev0: str, inner: str, status: str, inferred: str, prefixed: str = "", stream: str = "stream") -> str:
    """`normalize_row`'s severity: the entry's own (`sev0`, normalised) unless it is only its
    stream's default (stdout INFO, stderr ERROR, as GKE and Cloud Run label a payload whose level
    they did not read), else the level its payload names (`inner`, normalised), its HTTP status's,
    or what its text says (`inferred`). `prefixed`: a leading `WHEN ... THEN` for the level a
    line's prefix writes."""
    return (f"(CASE {prefixed} WHEN {inner} <> 'DEFAULT' AND ({stream_default_sql(sev0, stream)}) THEN {inner} "
            f"WHEN {sev0} <> 'DEFAULT' THEN {sev0} WHEN {inner} <> 'DEFAULT' THEN {inner} "
            f"WHEN {status} IS NOT NULL THEN {status_severity_sql(status)} ELSE {inferred} END)")


def service_or_subject_sql(service: str, msg: str, stream: str, program: str = "''") -> str:
    """The service an entry is filed under: its own (service_sql), else the one its message is
    about (subject_sql), else the program its syslog prefix names (`program`, program_sql), else
    its log stream."""
    return f"coalesce(nullif({service}, ''), nullif({subject_sql(msg)}, ''), nullif({program}, ''), {stream})"


def program_sql(index: str, logger: str) -> str:
    """`Prefixed.program`: the logger of a line whose prefix pattern (`index`, prefix_index_sql)
    is one of lineformat's PROGRAM_FORMATS (syslog's TAG), '' otherwise. (A syslog line with a
    level prefix nested inside is left to normalize_row: line_rules_sql.)"""
    names = [p.name for p, _ in _PATTERNS]
    ids = ", ".join(str(1 + names.index(n)) for n in sorted(lineformat.PROGRAM_FORMATS))
    return f"(CASE WHEN {index} IN ({ids}) AND {logger} <> '-' THEN {logger} ELSE '' END)"


def exception_sql(msg: str, mined: str) -> str:
    """The exception a one-line message names (`Name: ...` or a bare `Name`; `mined`: the text
    without its prefix); '' for a message of several lines."""
    return (f"(CASE WHEN contains({msg}, chr(10)) THEN '' WHEN strpos({mined}, ' ') = 0 "
            f"OR substr({mined}, strpos({mined}, ' ') - 1, 1) = ':' THEN {exception_name_sql(mined)} ELSE '' END)")


# A line's prefix names its level where the entry's is missing or its stream's default (GKE and
# Cloud Run label stdout INFO and stderr ERROR).
_PREFIX_WINS = f"WHEN p_sev <> '' AND (sev0 = 'DEFAULT' OR {stream_default_sql('sev0', 'stream')}) THEN p_sev"


def normalised(source: str) -> str:
    """SELECT of the normalised columns (`E_COLUMNS` but `stitched`) plus `odd` and `raw`, from
    `entry_fields`. `odd` rows need `normalize_row`, which gets the entry from `raw` (`entry_json`)."""
    j = JsonReads(t=lambda k: _t(_json_col(k)), v=lambda k: _v(_json_col(k)))
    used = "j_used"  # computed once, in the innermost select
    jmsg0 = "j_msg0"
    jmsg = json_message_sql(j, jmsg0)
    jp = _t("jp")
    j_plain = json_plain_sql(j, jp, used)

    http = _t("http")
    st, lt = _t("st"), _t("lt")
    status = (f"(CASE WHEN {st} IN ('UBIGINT', 'BIGINT') THEN TRY_CAST({_v('st')} AS BIGINT) "
              f"WHEN {st} = 'VARCHAR' AND regexp_full_match({_v('st')}, '[0-9]{{1,9}}') THEN CAST({_v('st')} AS BIGINT) END)")
    lat_s = _v("lt")
    latency = (f"(CASE WHEN {lt} = 'VARCHAR' THEN CAST(regexp_replace({lat_s}, 's$', '') AS DOUBLE) "
               f"WHEN {lt} IN ('UBIGINT', 'BIGINT', 'DOUBLE') THEN CAST({lat_s} AS DOUBLE) END)")
    path = f"(CASE WHEN {_t('url')} = 'VARCHAR' THEN {url_path_sql(_v('url'))} ELSE '/' END)"
    method = f"nullif({_v('method')}, '')"
    endpoint = f"(CASE WHEN {http} = 'OBJECT' THEN (CASE WHEN {method} IS NOT NULL THEN {method} || ' ' || {path} ELSE {path} END) ELSE '' END)"
    h_plain = (f"({http} = 'NULL' OR ({http} = 'OBJECT' AND {_str_or_null('method')} "
               f"AND ({lt} IN ('NULL', 'UBIGINT', 'BIGINT', 'DOUBLE') OR ({lt} = 'VARCHAR' "
               f"AND regexp_full_match({lat_s}, '[0-9]+(\\.[0-9]+)?s?')))))")

    tp = _t("tp")
    text = _v("tp")
    t_plain = f"({tp} = 'VARCHAR' AND NOT starts_with({text}, '{{'))"
    base_msg = f"(CASE WHEN {tp} <> 'NULL' THEN {text} WHEN {jp} <> 'NULL' THEN {jmsg} ELSE '' END)"

    # `timestamp or receiveTimestamp` (a falsy timestamp reads the other)
    ts_first = f"({_t('ts1')} <> 'NULL' AND NOT ({_t('ts1')} = 'VARCHAR' AND {_v('ts1')} = ''))"
    ts_raw = f"(CASE WHEN {ts_first} THEN {_v('ts1')} ELSE {_v('ts2')} END)"
    ts_type = f"(CASE WHEN {ts_first} THEN {_t('ts1')} ELSE {_t('ts2')} END)"
    sev_t, sev_v = _t("sev"), _v("sev")

    def grp(group: str) -> str:
        return prefix_group_sql("p_s", "p_i", group)

    def first_of(*groups: str) -> str:
        return "coalesce(" + ", ".join(f"nullif({grp(g)}, '')" for g in groups) + ", '')"

    def rget(*keys: str) -> str:
        return "coalesce(" + ", ".join(f"nullif({_v('rl_' + k)}, '')" for k in keys) + ", '')"

    svc_inst = service_sql(rget, lambda key: _v("inst") if key == "instanceId" else _v("vm") if key == gcloud.GCE_NAME_LABEL
                           else _v(f"app{gcloud.K8S_APP_LABELS.index(key)}"))
    # the level words of a message whose severity is inferred from it (a superset of those rows):
    # columns, so that each regular expression runs once a row
    levels = ", ".join(f"CASE WHEN sev0 = 'DEFAULT' AND status IS NULL THEN {w} END AS {n}"
                       for n, w in zip(("i_w", "i_b", "i_k"), level_words_sql("mined")))
    return f"""
SELECT idx, ts, sev, msg, svc, rev, inst, trace, stream, status, latency, endpoint, exc,
       CAST(NULL AS VARCHAR[]) AS frames, '' AS chain, CAST(NULL AS BIGINT) AS stitched,
       CAST(NULL AS BIGINT) AS truncated, idx * {POS_STEP} AS pos, CASE WHEN mined <> msg THEN mined END AS text,
       CASE WHEN p_i > 0 AND (p_logger <> '' OR p_pid <> '') THEN p_logger || '/' || p_pid END AS source, push,
       FALSE AS done, odd, raw
FROM (
  SELECT idx, msg, svc_raw, rev, inst, trace, stream, status, latency, endpoint, push, odd, raw, mined, p_i, p_logger, p_pid,
         {service_or_subject_sql('svc_raw', 'msg', 'stream', program_sql('p_i', 'p_logger'))} AS svc,
         ts,
         {severity_sql('sev0', 'inner_sev', 'status', infer_severity_sql('mined', 'i_g'), prefixed=_PREFIX_WINS)} AS sev,
         {exception_sql('msg', 'mined')} AS exc
  FROM (SELECT *, {level_guess_sql('i_w', 'i_b', 'i_k')} AS i_g FROM (
  SELECT *, {levels} FROM (
  SELECT *, CASE WHEN p_i > 0 THEN p_msg ELSE msg END AS mined FROM (
    SELECT idx, status, latency, endpoint, p_i, p_msg, p_sev, p_logger, p_pid,
           CASE WHEN base_msg = '' AND {http} = 'OBJECT' THEN
                endpoint || ' → ' || {status_text_sql('status')}
                || (CASE WHEN latency IS NULL THEN '' ELSE ' (' || {format_latency_sql('latency')} || ')' END)
                ELSE base_msg END AS msg,
           {svc_inst[0]} AS svc_raw,
           {rget('revision_name', 'version_id')} AS rev,
           {svc_inst[1]} AS inst,
           CASE WHEN {_v('trace')} IS NULL OR {_v('trace')} = '' THEN '' ELSE regexp_extract({_v('trace')}, '([^/]*)$', 1) END AS trace,
           CASE WHEN {_v('log')} IS NULL OR {_v('log')} = '' THEN '' ELSE {log_stream_sql(_v('log'))} END AS stream,
           CASE WHEN ts_plain THEN CAST(epoch(strptime(substr(ts_raw, 1, 16), '%Y-%m-%dT%H:%M')) AS DOUBLE)
                + CAST(substr(ts_raw, 18, length(ts_raw) - 18) AS DOUBLE) END AS ts,
           ts_plain,
           CASE {sev_t} WHEN 'VARCHAR' THEN {_severity_case(sev_v)}
                WHEN 'NULL' THEN 'DEFAULT' ELSE {_severity_code_case(f"TRY_CAST({sev_v} AS BIGINT)")} END AS sev0,
           CASE WHEN {tp} = 'NULL' AND {jp} = 'OBJECT' THEN {json_level_sql(j)} ELSE 'DEFAULT' END AS inner_sev,
           NOT (
             ({t_plain} OR ({tp} = 'NULL' AND ({jp} = 'NULL' OR {j_plain})))
             AND NOT ({tp} = 'NULL' AND {jp} = 'NULL' AND {_t('pp')} <> 'NULL' AND {http} <> 'OBJECT')
             AND NOT ({tp} = 'NULL' AND {jp} = 'NULL' AND {_t('pp')} = 'NULL' AND {http} = 'NULL')
             AND {h_plain}
             AND (ts_plain OR ({_t('ts1')} = 'NULL' AND {_t('ts2')} = 'NULL'))
             AND ({sev_t} IN ('VARCHAR', 'NULL', 'UBIGINT', 'BIGINT'))
             AND ({sev_t} <> 'VARCHAR' OR regexp_full_match({sev_v}, '[A-Za-z]*'))
             AND {_t('labels')} IN ('OBJECT', 'NULL') AND {_str_or_null('inst')} AND {_str_or_null('rl_pod_name')}
             AND {' AND '.join(_str_or_null(f'app{i}') for i in range(len(gcloud.K8S_APP_LABELS)))}
             AND {_t('res')} IN ('OBJECT', 'NULL') AND {_t('rl')} IN ('OBJECT', 'NULL')
             AND {_str_or_null('log')} AND {_str_or_null('trace')}
             AND NOT {_needs_python_sql('base_msg')}
             AND length(base_msg) <= {MAX_MESSAGE_CHARS}
             AND NOT ({tp} = 'VARCHAR' AND {line_rules_sql(text, "(CASE WHEN p_i > 0 THEN p_msg ELSE base_msg END)",
                                                       "p_i", "p_msg", "p_sev", http + " = 'NULL'", _v('rtype'))})
           ) AS odd,
           {push_sql("e_ua")} AS push,
           CASE WHEN odd THEN {RAW} END AS raw
    FROM (SELECT *, {prefix_severity_sql('p_lvl', 'p_pri', 'p_i')} AS p_sev FROM (
      SELECT *, {grp('msg')} AS p_msg, {first_of('level', 'level2', 'level3')} AS p_lvl, {grp('pri')} AS p_pri,
             {first_of('logger', 'logger2')} AS p_logger, {grp('pid')} AS p_pid FROM (
      SELECT *, CASE WHEN p_ok THEN {prefix_index_sql(text, 'p_s')} ELSE 0 END AS p_i FROM (
      SELECT *, CASE WHEN p_ok THEN {prefix_match_sql(text)} END AS p_s FROM (
      SELECT *, {base_msg} AS base_msg, {ts_raw} AS ts_raw,
             coalesce({tp} = 'VARCHAR' AND NOT starts_with({text}, '{{') AND {_first_in(text, lineformat.PREFIX_FIRST)},
                      FALSE) AS p_ok,
             coalesce({ts_type} = 'VARCHAR' AND regexp_full_match({ts_raw}, {q(_FAST_TS)})
                      AND substr({ts_raw}, 1, 4) BETWEEN '0002' AND '9998'  -- the reader's calendar (gcloud._MIN_TS, _MAX_TS)
                      AND try_strptime(substr({ts_raw}, 1, 16), '%Y-%m-%dT%H:%M') IS NOT NULL, FALSE) AS ts_plain,
             {status} AS status, {latency} AS latency, {endpoint} AS endpoint
      FROM (SELECT *, {json_first_sql(j, used)} AS j_msg0 FROM (SELECT *, {json_used_sql(j)} AS j_used FROM {source}))
    )))))
  ))))
)"""


# ----------------------------------------------------------------------------- text lines


def _re2_any(regexes: list[str]) -> str:
    """One RE2 alternation of patterns (their named groups made plain: RE2 refuses a name twice)."""
    return "|".join("(?:" + re.sub(r"\(\?P<\w+>", "(?:", rx) + ")" for rx in regexes)


# Characters where Python's `re` (Unicode \d, \w, \s, \b; str.strip) and RE2 (ASCII) may disagree:
# a line holding one is left to Python whenever a pattern might apply.
_NOT_RE2_SAFE = r"[^\x20-\x7E\t\n\r\f]"
_HEADLINE_RE = _re2_any([p.regex for p in lineformat.TRACE_PATTERNS if "(?P<type>" in p.regex])
_WS = "' ' || chr(9) || chr(10) || chr(11) || chr(12) || chr(13)"
_PREFIX_GROUPS = ("msg", "level", "level2", "level3", "pri", "logger", "logger2", "pid")
_PATTERNS = tuple((p, re.compile(p.regex).groupindex) for p in lineformat.PREFIX_PATTERNS)
LOGFMT, NOT_FIRST = -1, -2  # prefix_index_sql of a logfmt line, of a pattern tried out of turn


def _first_in(text: str, chars: frozenset[str] | set[str]) -> str:
    return f"left({text}, 1) IN ({', '.join(q(c) for c in sorted(chars))})"


def _combined_prefix() -> tuple[str, list[str]]:
    """All PREFIX_PATTERNS as one RE2 alternation (leftmost-first: the first that matches wins,
    as `parse_prefix` tries them), each alternative wrapped in a group `a<i>` and its named groups
    renamed `<name>_<i>`: one regex run reads every group of the pattern that matched."""
    alts = []
    for i, (p, _) in enumerate(_PATTERNS, start=1):
        assert p.regex.startswith("(?s)")
        body = re.sub(r"\(\?P<(\w+)>", lambda m: f"(?P<{m.group(1)}_{i}>" if m.group(1) in _PREFIX_GROUPS else "(?:",
                      p.regex[4:])  # only the groups read capture
        alts.append(f"(?P<a{i}>{body})")
    regex = "(?s)" + "|".join(alts)
    compiled = re.compile(regex)
    # DuckDB names a struct's fields by the groups' order (every capturing group, named or not)
    by_index = {v: k for k, v in compiled.groupindex.items()}
    return regex, [by_index.get(n, f"_{n}") for n in range(1, compiled.groups + 1)]


_PREFIX_ALL, _PREFIX_NAMES = _combined_prefix()
_PREFIX_ANY = _re2_any([p.regex for p, _ in _PATTERNS])


def prefix_match_sql(text: str) -> str:
    """The groups of the prefix pattern a line matches (a struct; '' where none; NULL when no pattern
    matches), see _combined_prefix."""
    names = "[" + ", ".join(q(n) for n in _PREFIX_NAMES) + "]"
    # RE2 tells a match without groups far faster than it reads 80 groups: most lines have none
    return (f"(CASE WHEN regexp_matches({text}, {q(_PREFIX_ANY)}) THEN regexp_extract({text}, {q(_PREFIX_ALL)}, {names}) "
            f"END)")


def prefix_index_sql(text: str, match: str) -> str:
    """Which of lineformat's PREFIX_PATTERNS `parse_prefix` applies to a line (1-based; LOGFMT
    for a logfmt line; 0 none; NOT_FIRST when the pattern that matched is not one parse_prefix
    tries for the line's first character). `match`: prefix_match_sql of the line."""
    whens = " ".join(f"WHEN {match}.a{i} <> '' THEN (CASE WHEN {_first_in(text, set(p.first))} THEN {i} ELSE {NOT_FIRST} END)"
                     for i, (p, _) in enumerate(_PATTERNS, start=1))
    return (f"(CASE {whens} WHEN regexp_matches({text}, {q(lineformat.LOGFMT_START)}) THEN {LOGFMT} ELSE 0 END)")


def prefix_group_sql(match: str, index: str, group: str) -> str:
    """A named group of the pattern `index` names ('' when it has none or it did not match)."""
    whens = " ".join(f"WHEN {i} THEN {match}.{group}_{i}" for i, (p, gi) in enumerate(_PATTERNS, start=1) if group in gi)
    return f"(CASE {index} {whens} ELSE '' END)" if whens else "''"


def prefix_severity_sql(level: str, pri: str, index: str) -> str:
    """`Prefixed.severity`: the level word's severity, else the syslog PRI's; oslo's TRACE is ERROR."""
    words = " ".join(f"WHEN {q(k)} THEN {q(v)}" for k, v in sorted(lineformat.LEVELS.items()))
    pris = " ".join(f"WHEN {i} THEN {q(v)}" for i, v in enumerate(lineformat.SYSLOG_SEVERITY))
    oslo = 1 + [p.name for p, _ in _PATTERNS].index("oslo")
    return (f"(CASE WHEN {index} = {oslo} AND {level} = 'TRACE' THEN 'ERROR' "
            f"WHEN (CASE upper({level}) {words} ELSE '' END) <> '' THEN (CASE upper({level}) {words} END) "
            f"WHEN {pri} <> '' THEN (CASE CAST({pri} AS INTEGER) % 8 {pris} END) ELSE '' END)")


def line_rules_sql(text: str, mined: str, index: str, p_msg: str, p_sev: str, no_http: str,
                   resource_type: str) -> str:
    """Must `normalize_row` itself normalise this textPayload `text` (an `odd` row)? When the
    plan may not apply ingest's line rules (rca.sources.lineformat) as it does: a line where RE2
    and Python's `re` may disagree, a logfmt line, a prefix it would look behind (no level, or
    no message where one is needed), an access line, a headline-first trace line. `mined`: the
    line without its prefix (`p_msg` of the pattern `index`, else the line)."""
    names = [p.name for p, _ in _PATTERNS]
    needs = ", ".join(str(1 + names.index(n)) for n in sorted(lineformat._NEEDS_MESSAGE))
    nests = ", ".join(str(1 + names.index(n)) for n in sorted(lineformat._MAY_NEST))
    odd_chars = f"regexp_matches({text}, {q(_NOT_RE2_SAFE)})"
    prefix = (f"({_first_in(text, lineformat.PREFIX_FIRST)} AND ({odd_chars} OR {index} IN ({LOGFMT}, {NOT_FIRST}) "
              f"OR ({index} IN ({needs}) AND trim({p_msg}, ' ' || chr(9) || chr(10) || chr(12) || chr(13)) = '') "
              f"OR ({index} IN ({nests}) AND {p_sev} = '' AND regexp_matches({p_msg}, '^[\\[{{A-Z0-9]'))))")
    platforms = ", ".join(q(t) for t in sorted(gcloud.PLATFORM_REQUEST_LOGS))
    hints = " OR ".join(f"contains({mined}, {q(h)})" for h in lineformat._ACCESS_HINTS)
    access = f"({no_http} AND coalesce({resource_type}, '') NOT IN ({platforms}) AND ({hints}))"
    trimmed = f"trim({mined}, {_WS})"
    headline = (f"({_first_in(mined, lineformat.HEADLINE_FIRST)} AND NOT contains({mined}, chr(10)) "
                f"AND (regexp_matches({trimmed}, {q(_HEADLINE_RE)}) OR {odd_chars}))")
    return f"({prefix} OR {access} OR {headline})"


# ----------------------------------------------------------------------------- pre-mask

# Whole whitespace-separated tokens the masker writes as one placeholder whatever their digits
# (rca.mining.masking: a number of up to 11 digits, one decimal part allowed, is <NUM>; a UUID is
# <UUID>; 12+ hex digits with a digit among them are <HEX>). Only where the masker looks at tokens
# one by one: not in messages it cuts by characters (limit * 256), rewrites times across tokens
# in (`:dd:`), or collapses record dumps in (`[` and `{`).
PREMASK_RULES = (
    ("<UUID>", r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"),
    ("<HEX>", r"[0-9a-fA-F]{11,}[0-9][0-9a-fA-F]*|[0-9a-fA-F]*[0-9][0-9a-fA-F]{11,}"),
    ("<NUM>", r"[0-9]{1,11}(?:\.[0-9]+)?"),
)
PREMASK_MAX_CHARS = 3000  # a pre-masked message stays below the masker's character cut (64 * 256)


def premask_sql(msg: str) -> str:
    """The pre-masked message: equal masks, fewer distinct texts (see PREMASK_RULES)."""
    out = msg
    for placeholder, rx in PREMASK_RULES:
        # a token between whitespace (or the ends); run twice: adjacent tokens share a space
        pat = q(f"(^|\\s)(?:{rx})(\\s|$)")
        for _ in range(2):
            out = f"regexp_replace({out}, {pat}, '\\1{placeholder}\\2', 'g')"
    return (f"(CASE WHEN length({msg}) <= {PREMASK_MAX_CHARS} AND NOT regexp_matches({msg}, ':[0-9][0-9]:') "
            f"AND NOT (contains({msg}, '[') AND contains({msg}, '{{')) THEN {out} ELSE {msg} END)")


# ----------------------------------------------------------------------------- traceback lines

def trace_candidate_sql(msg: str, exc: str) -> str:
    """A superset of the lines `tracebacks.classify_line` gives a kind (`msg`: the row's text
    without its prefix): blank, indented, a header or a chain sentence, a caret line, a capitalised
    `Name` / `Name: ...` line, or a line that may be a Java / Go / Node trace line (the starts and
    the `f(...)` shape classify_line hands to lineformat's trace patterns)."""
    starts = (TRACEBACK_HEADER, _CHAIN_DIRECT, _CHAIN_DURING, *_OTHER_STARTS, "Error [")
    heads = " OR ".join(f"starts_with({msg}, {q(h)})" for h in starts)
    name = f"regexp_matches({msg}, {q('^' + _NAME_RE + '(:|$)')})"
    space = f"(strpos({msg}, ' ') = 0 OR substr({msg}, strpos({msg}, ' ') - 1, 1) = ':')"
    call = f"(ends_with({msg}, ')') AND regexp_matches({msg}, '^[^ (]*[(]'))"
    return (f"(NOT contains({msg}, chr(10)) AND ({msg} = '' OR regexp_matches({msg}, '^[ \\t^~]') OR {heads} "
            f"OR {call} OR ({exc} <> '' AND starts_with({msg}, {exc})) OR ({name} AND {space})))")


# ----------------------------------------------------------------------------- the reduction


def latency_bucket_sql(lat: str) -> str:
    """`stats._lat_bucket`: whole milliseconds below 60 s, four significant digits above."""
    ms = f"CAST(round_even({lat} * 1000, 0) AS BIGINT)"
    step = f"CAST(pow(10, length(CAST({ms} AS VARCHAR)) - 4) AS BIGINT)"
    return f"(CASE WHEN {ms} < 60000 THEN {ms} ELSE ({ms} + {step} // 2) // {step} * {step} END)"


def reduced(table: str) -> str:
    """The entries of `table` with their pre-masked text and minute (what the aggregates read)."""
    return (f"(SELECT *, {shape_sql('pm')} AS sh FROM (SELECT *, {premask_sql('coalesce(text, msg)')} AS pm, "
            f"CAST(floor(floor(ts) / 60) AS BIGINT) AS minute FROM {table}))")


def shape_sql(text: str) -> str:
    """A text's digit shape: its digits written '2' (but 0 where it holds an x, and 0, 1, 2 where
    it holds '::': the masker's only digit literals are 0x and ::1), the digits of one HTTP version
    (`HTTP/1.1`, a literal the masker keeps) as they are. Texts of one shape whose masked shape
    holds no '2' all mask alike (the masker treats their digits alike; see rca.batches)."""
    plain = (f"(CASE WHEN contains({text}, '::') THEN translate({text}, '3456789', '2222222') "
             f"WHEN contains({text}, 'x') OR contains({text}, 'X') THEN translate({text}, '123456789', '222222222') "
             f"ELSE translate({text}, '0123456789', '2222222222') END)")
    version = "HTTP/[0-9](?:[.][0-9])?"
    return (f"(CASE WHEN NOT contains({text}, 'HTTP/') THEN {plain} "
            f"WHEN regexp_matches({text}, {q(version)}) AND NOT regexp_matches({text}, {q(version + '.*' + version)}) "
            f"THEN regexp_replace({plain}, {q(version)}, regexp_extract({text}, {q(version)})) ELSE {plain} END)")


SHAPES = "SELECT DISTINCT sh FROM {r}"


def with_units(r: str, varying: str) -> str:
    """`r` (entries with `pm`, `sh`) with `u`, what mining keys once for each entry: its digit
    shape, or its pre-masked text when the shape is in `varying` (the masker may tell its texts
    apart)."""
    return (f"(SELECT r_.*, CASE WHEN v_.sh IS NULL THEN r_.sh ELSE r_.pm END AS u "
            f"FROM {r} AS r_ LEFT JOIN {varying} AS v_ ON r_.sh = v_.sh)")


# The text of each unit (its first), in order of first occurrence.
TEXTS = "SELECT arg_min(pm, pos) FROM {units} GROUP BY u ORDER BY min(pos)"

# Over `k`: the entries with the cluster key mining gave their text (a join of r and the keys).
CLUSTERS = """
SELECT key, count(*) AS n, min(pos) AS first_pos, min(ts) AS first_ts, max(ts) AS last_ts,
       arg_min(msg, pos) AS sample, arg_min(frames, pos) FILTER (WHERE len(frames) > 0) AS frames,
       list(DISTINCT inst) FILTER (WHERE inst <> '') AS instances, count(*) FILTER (WHERE trace <> '') AS traces,
       count(latency) AS lat_n, max(latency) AS lat_max,
       CASE WHEN count(latency) <= {exact} THEN list(latency ORDER BY pos) FILTER (WHERE latency IS NOT NULL) END AS lat_exact,
       CASE WHEN count(latency) > {exact} THEN histogram({bucket}) FILTER (WHERE latency IS NOT NULL) END AS lat_hist,
       min(ts) FILTER (WHERE done) AS done_ts
FROM {k} GROUP BY key ORDER BY first_pos
"""

COUNTS = "SELECT key, sev, minute, count(*) AS n FROM {k} GROUP BY ALL ORDER BY ALL"

# Values counted per cluster with first-come caps (services, revisions, ...): in order of first use.
VALUES = """
SELECT key, '{field}' AS field, {col} AS value, count(*) AS n, min(pos) AS first_pos FROM {k}
WHERE {col} <> '' GROUP BY key, {col}
"""

HTTP = "SELECT key, status, count(*) AS n FROM {k} WHERE status IS NOT NULL GROUP BY ALL ORDER BY ALL"

MESSAGES = """
SELECT key, m, n FROM (
  SELECT key, m, count(*) AS n, min(pos) AS first_pos,
         row_number() OVER (PARTITION BY key ORDER BY min(pos)) AS rank
  FROM (SELECT key, left(msg, {chars}) AS m, pos FROM {k}) GROUP BY key, m
) WHERE rank <= {keep} ORDER BY key, first_pos
"""

SAMPLES = """
SELECT key, s FROM (
  SELECT key, s, row_number() OVER (PARTITION BY key ORDER BY min(pos)) AS rank
  FROM (SELECT key, left(msg, {chars}) AS s, pos FROM {k}) GROUP BY key, s
) WHERE rank <= {keep} ORDER BY key, rank
"""

_LINK_SIDE = """
SELECT key, ts, '{via}' AS via, lag(key) OVER w AS pkey, lag(ts) OVER w AS pts
FROM {k} WHERE ts IS NOT NULL AND {col} <> '' WINDOW w AS (PARTITION BY {col} ORDER BY pos)
"""

LINKS = """
SELECT CASE WHEN pts <= ts THEN pkey ELSE key END AS src, CASE WHEN pts <= ts THEN key ELSE pkey END AS dst,
       via, count(*) AS n
FROM ({instance} UNION ALL {trace})
WHERE pkey IS NOT NULL AND pkey <> key AND abs(ts - pts) <= {window}
GROUP BY ALL ORDER BY ALL
"""

REVISIONS = "SELECT rev, min(ts) FROM {k} WHERE rev <> '' AND ts IS NOT NULL GROUP BY rev"

REQUESTS = "SELECT status, latency, ts, endpoint, svc, coalesce(push, false) FROM {r} WHERE status IS NOT NULL ORDER BY pos"

VALUE_FIELDS = {"services": "svc", "revisions": "rev", "streams": "stream", "exceptions": "exc", "endpoints": "endpoint",
                "instance_counts": "inst"}


def cluster_queries(k: str, limits: dict[str, int | float]) -> dict[str, str]:
    """The aggregates per cluster over `k` (entries with `key`); `limits`: message_chars,
    messages_kept, sample_chars, samples_kept, exact_latencies, link_window_s, extremes (the
    earliest and latest times kept, for the window when outlier times are dropped)."""
    values = " UNION ALL ".join(VALUES.format(k=k, field=f, col=c) for f, c in VALUE_FIELDS.items())
    return {
        "clusters": CLUSTERS.format(k=k, exact=limits["exact_latencies"], bucket=latency_bucket_sql("latency")),
        "counts": COUNTS.format(k=k),
        "values": f"SELECT key, field, value, n FROM ({values}) ORDER BY key, field, first_pos",
        "http": HTTP.format(k=k),
        "messages": MESSAGES.format(k=k, chars=limits["message_chars"], keep=limits["messages_kept"]),
        "samples": SAMPLES.format(k=k, chars=limits["sample_chars"], keep=limits["samples_kept"]),
        "links": LINKS.format(instance=_LINK_SIDE.format(k=k, via="instance", col="inst"),
                              trace=_LINK_SIDE.format(k=k, via="trace", col="trace"), window=limits["link_window_s"]),
        "revisions": REVISIONS.format(k=k),
        "lows": f"SELECT ts FROM {k} WHERE ts IS NOT NULL ORDER BY ts LIMIT {limits['extremes']}",
        "highs": f"SELECT ts FROM {k} WHERE ts IS NOT NULL ORDER BY ts DESC LIMIT {limits['extremes']}",
    }
