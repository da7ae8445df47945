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

from http import HTTPStatus

import re

from rca.models import SEVERITIES, SEVERITY_RANK
from rca.sources import gcloud, lineformat
from rca.sources.tracebacks import (
    _BARE_EXCEPTIONS, _CHAIN_DIRECT, _CHAIN_DURING, _EXC_SUFFIXES, _OTHER_STARTS, MAX_MESSAGE_CHARS,
    TRACEBACK_HEADER,
)

# The LogEntry fields read (everything else in an entry is never decoded into rca's rows).
ENTRY_FIELDS = ("timestamp", "receiveTimestamp", "severity", "textPayload", "jsonPayload", "protoPayload",
                "httpRequest", "labels", "resource", "logName", "trace")

# Columns of the table `e` of normalised entries, in LogRecord order (+ the pre-masked text).
E_COLUMNS = {
    "idx": "BIGINT", "ts": "DOUBLE", "sev": "VARCHAR", "msg": "VARCHAR", "svc": "VARCHAR", "rev": "VARCHAR",
    "inst": "VARCHAR", "trace": "VARCHAR", "stream": "VARCHAR", "status": "BIGINT", "latency": "DOUBLE",
    "endpoint": "VARCHAR", "exc": "VARCHAR", "frames": "VARCHAR[]", "chain": "VARCHAR", "stitched": "BIGINT",
    "truncated": "BIGINT", "pos": "BIGINT", "text": "VARCHAR", "source": "VARCHAR",
}
# `text`: the text mined when it is not `msg` (LogRecord.extra["text"]: the line without its prefix,
# a folded trace's headline; NULL = msg); `source`: the writer a line's prefix names (extra["source"]).
# `pos` orders entries as the record-by-record path hands them to mining: input order, but the
# lines the traceback stitcher holds back come where it lets them go (at the entry that flushed
# them: POS_STEP * that entry's idx + their rank among what it let go).
POS_STEP = 1 << 20

_MESSAGE_KEYS = ("message", "msg", "error", "err", "exception")
RESOURCE_LABELS = ("service_name", "container_name", "namespace_name", "function_name", "job_name", "module_id",
                   "revision_name", "version_id", "pod_name", "instance_id")
_TRACE_KEYS = ("stack_trace", "stacktrace", "exc_info", "traceback", "stack")
_LEVEL_WORDS = "EMERGENCY|EMERG|ALERT|CRITICAL|CRIT|FATAL|PANIC|SEVERE|ERROR|ERR|WARNING|WARN|NOTICE|INFO|DEBUG|TRACE"
_LEVEL_BRACKET = r"(?i)\[(emergency|emerg|alert|critical|crit|fatal|error|err|warning|warn|notice|info|debug)\]"
_LEVEL_KV = r'(?i)\b(?:level|severity|lvl)\s*[=:]\s*"?([a-z]+)'
_NAME_RE = r"_*[A-Za-z][A-Za-z0-9_]*(?:\._*[A-Za-z][A-Za-z0-9_]*)*"
_FAST_TS = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?Z$"


def q(text: str) -> str:
    """A SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def _severity_case(expr: str) -> str:
    """`normalize_severity` of a string: the Cloud Logging name, 'DEFAULT' when unknown."""
    names = {k.upper(): v for k, v in gcloud._SEVERITY.items() if isinstance(k, str)}
    whens = " ".join(f"WHEN {q(k)} THEN {q(v)}" for k, v in sorted(names.items()))
    return f"(CASE upper(trim({expr}, ' ' || chr(9) || chr(10) || chr(11) || chr(12) || chr(13))) {whens} ELSE 'DEFAULT' END)"


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


def infer_severity_sql(msg: str) -> str:
    """`gcloud.infer_severity(msg)`."""
    head = f"left({msg}, 300)"
    word = f"regexp_extract({head}, '\\b({_LEVEL_WORDS})\\b', 1)"
    bracket = f"regexp_extract({head}, {q(_LEVEL_BRACKET)}, 1)"
    kv = f"regexp_extract({head}, {q(_LEVEL_KV)}, 1)"
    guess = (f"(CASE WHEN {word} <> '' THEN {_severity_case(word)} WHEN {bracket} <> '' THEN {_severity_case(bracket)} "
             f"WHEN {kv} <> '' THEN {_severity_case(kv)} ELSE 'DEFAULT' END)")
    first_line = f"split_part({head}, chr(10), 1)"
    return (f"(CASE WHEN {_rank('g.s')} < {SEVERITY_RANK['ERROR']} AND (contains({msg}, {q('Traceback (most recent call last)')}) "
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


def _jtype(col: str) -> str:
    return f"coalesce(json_type({col}), 'NULL')"


def _str_or_null(col: str) -> str:
    """Plain when the JSON value is a string or null/absent."""
    return f"{_jtype(col)} IN ('VARCHAR', 'NULL')"


def normalised(source: str) -> str:
    """SELECT of the normalised columns (`E_COLUMNS` but `stitched`) plus `odd` and `raw`, from a
    relation with `idx` and the `ENTRY_FIELDS` as JSON values. `odd` rows need `normalize_row`,
    which gets the entry from `raw` (the fields read, as one JSON object)."""
    jp = "jsonPayload"
    jkey = {k: f"{jp}->'{k}'" for k in (*_MESSAGE_KEYS, *_TRACE_KEYS, "severity", "level", "levelname")}
    # jsonPayload: the message is the first of message/msg/error/err/exception that is set
    first_set = " ".join(
        f"WHEN {_jtype(jkey[k])} NOT IN ('NULL', 'OBJECT') AND NOT ({_jtype(jkey[k])} = 'VARCHAR' AND {jkey[k]}->>'$' = '') "
        f"THEN {q(k)}" for k in _MESSAGE_KEYS)
    used_expr = f"(CASE {first_set} ELSE '' END)"
    used = "j_used"  # computed once, in the innermost select
    jmsg0_expr = f"(CASE {used} WHEN 'message' THEN {jkey['message']}->>'$' ELSE {jkey['msg']}->>'$' END)"
    jmsg0 = "j_msg0"
    err_s, err2_s = f"({jkey['error']}->>'$')", f"({jkey['err']}->>'$')"
    jmsg = (f"(CASE WHEN {_jtype(jkey['error'])} = 'VARCHAR' AND {err_s} <> '' AND NOT contains({jmsg0}, {err_s}) "
            f"THEN {jmsg0} || ': ' || {err_s} "
            f"WHEN {_jtype(jkey['err'])} = 'VARCHAR' AND {err2_s} <> '' AND NOT contains({jmsg0}, {err2_s}) "
            f"THEN {jmsg0} || ': ' || {err2_s} ELSE {jmsg0} END)")
    inner = (f"coalesce(nullif({jkey['severity']}->>'$', ''), nullif({jkey['level']}->>'$', ''), "
             f"nullif({jkey['levelname']}->>'$', ''), '')")
    used_type = f"(CASE {used} WHEN 'message' THEN {_jtype(jkey['message'])} ELSE {_jtype(jkey['msg'])} END)"
    j_plain = "(" + " AND ".join([
        f"{_jtype(jp)} = 'OBJECT'", f"{used} IN ('message', 'msg')", f"{used_type} = 'VARCHAR'",
        f"{_jtype(jkey['error'])} <> 'OBJECT'",
        *(f"{_jtype(jkey[k])} = 'NULL'" for k in _TRACE_KEYS),
        *(_str_or_null(jkey[k]) for k in ("severity", "level", "levelname")),
    ]) + ")"

    http = "httpRequest"
    st = f"{http}->'status'"
    status = (f"(CASE WHEN {_jtype(st)} IN ('UBIGINT', 'BIGINT') THEN TRY_CAST({st}->>'$' AS BIGINT) "
              f"WHEN {_jtype(st)} = 'VARCHAR' AND regexp_full_match({st}->>'$', '[0-9]{{1,9}}') THEN CAST({st}->>'$' AS BIGINT) END)")
    lt = f"{http}->'latency'"
    lat_s = f"({lt}->>'$')"
    latency = (f"(CASE WHEN {_jtype(lt)} = 'VARCHAR' THEN CAST(regexp_replace({lat_s}, 's$', '') AS DOUBLE) "
               f"WHEN {_jtype(lt)} IN ('UBIGINT', 'BIGINT', 'DOUBLE') THEN CAST({lat_s} AS DOUBLE) END)")
    url = f"({http}->>'requestUrl')"
    url_j = http + "->'requestUrl'"
    path = f"(CASE WHEN {_jtype(url_j)} = 'VARCHAR' THEN {url_path_sql(url)} ELSE '/' END)"
    method = f"nullif({http}->>'requestMethod', '')"
    endpoint = f"(CASE WHEN {_jtype(http)} = 'OBJECT' THEN (CASE WHEN {method} IS NOT NULL THEN {method} || ' ' || {path} ELSE {path} END) ELSE '' END)"
    method_j = http + "->'requestMethod'"
    h_plain = (f"({_jtype(http)} = 'NULL' OR ({_jtype(http)} = 'OBJECT' AND {_str_or_null(method_j)} "
               f"AND ({_jtype(lt)} IN ('NULL', 'UBIGINT', 'BIGINT', 'DOUBLE') OR ({_jtype(lt)} = 'VARCHAR' "
               f"AND regexp_full_match({lat_s}, '[0-9]+(\\.[0-9]+)?s?')))))")

    text = "(textPayload->>'$')"
    t_plain = f"({_jtype('textPayload')} = 'VARCHAR' AND NOT starts_with({text}, '{{'))"
    base_msg = f"(CASE WHEN {_jtype('textPayload')} <> 'NULL' THEN {text} WHEN {_jtype(jp)} <> 'NULL' THEN {jmsg} ELSE '' END)"

    ts_raw = ("(CASE WHEN timestamp IS NOT NULL AND NOT (json_type(timestamp) = 'VARCHAR' AND timestamp->>'$' = '') "
              "THEN timestamp ELSE receiveTimestamp END)")
    sev_raw = "severity"

    raw_pairs = ", ".join(f"{q(k)}, {'trace_j' if k == 'trace' else k}" for k in ENTRY_FIELDS)
    labels, resource, rl = "labels", "resource", "resource->'labels'"
    instance_j = "labels->'instanceId'"

    # the resource labels rca reads, parsed once: rl_vals[i] is the i-th of RESOURCE_LABELS
    resource_paths = "[" + ", ".join(q(f"$.labels.{k}") for k in RESOURCE_LABELS) + "]"

    def rget(*keys: str) -> str:
        return "coalesce(" + ", ".join(f"nullif(rl_vals[{RESOURCE_LABELS.index(k) + 1}], '')" for k in keys) + ", '')"

    return f"""
SELECT idx, ts, sev, msg, svc, rev, inst, trace, stream, status, latency, endpoint, exc,
       CAST(NULL AS VARCHAR[]) AS frames, '' AS chain, CAST(NULL AS BIGINT) AS stitched,
       CAST(NULL AS BIGINT) AS truncated, idx * {POS_STEP} AS pos, CAST(NULL AS VARCHAR) AS text,
       CAST(NULL AS VARCHAR) AS source, odd, raw
FROM (
  SELECT idx, msg, svc_raw, rev, inst, trace, stream, status, latency, endpoint, odd, raw,
         CASE WHEN svc_raw = '' THEN stream ELSE svc_raw END AS svc,
         ts,
         CASE WHEN sev0 <> 'DEFAULT' THEN sev0
              WHEN inner_sev <> '' AND {_severity_case('inner_sev')} <> 'DEFAULT' THEN {_severity_case('inner_sev')}
              WHEN status IS NOT NULL THEN (CASE WHEN status >= 500 THEN 'ERROR' WHEN status >= 400 THEN 'WARNING' ELSE 'INFO' END)
              ELSE {infer_severity_sql('msg')} END AS sev,
         CASE WHEN contains(msg, chr(10)) THEN ''
              WHEN strpos(msg, ' ') = 0 OR substr(msg, strpos(msg, ' ') - 1, 1) = ':' THEN {exception_name_sql('msg')}
              ELSE '' END AS exc
  FROM (
    SELECT idx, status, latency, endpoint,
           CASE WHEN base_msg = '' AND {_jtype(http)} = 'OBJECT' THEN
                endpoint || ' → ' || {status_text_sql('status')}
                || (CASE WHEN latency IS NULL THEN '' ELSE ' (' || {format_latency_sql('latency')} || ')' END)
                ELSE base_msg END AS msg,
           {rget('service_name', 'container_name', 'namespace_name', 'function_name', 'job_name', 'module_id')} AS svc_raw,
           {rget('revision_name', 'version_id')} AS rev,
           coalesce(nullif({labels}->>'instanceId', ''), {rget('pod_name', 'instance_id')}) AS inst,
           CASE WHEN trace->>'$' IS NULL OR trace->>'$' = '' THEN '' ELSE regexp_extract(trace->>'$', '([^/]*)$', 1) END AS trace,
           CASE WHEN logName->>'$' IS NULL OR logName->>'$' = '' THEN '' ELSE {log_stream_sql("(logName->>'$')")} END AS stream,
           CASE WHEN ts_plain THEN CAST(epoch(strptime(substr(ts_raw->>'$', 1, 16), '%Y-%m-%dT%H:%M')) AS DOUBLE)
                + CAST(substr(ts_raw->>'$', 18, length(ts_raw->>'$') - 18) AS DOUBLE) END AS ts,
           ts_plain,
           CASE {_jtype(sev_raw)} WHEN 'VARCHAR' THEN {_severity_case(f"({sev_raw}->>'$')")}
                WHEN 'NULL' THEN 'DEFAULT' ELSE {_severity_code_case(f"TRY_CAST({sev_raw}->>'$' AS BIGINT)")} END AS sev0,
           CASE WHEN {_jtype('textPayload')} = 'NULL' AND {_jtype(jp)} = 'OBJECT' THEN {inner} ELSE '' END AS inner_sev,
           NOT (
             ({t_plain} OR ({_jtype('textPayload')} = 'NULL' AND ({_jtype(jp)} = 'NULL' OR {j_plain})))
             AND NOT ({_jtype('textPayload')} = 'NULL' AND {_jtype(jp)} = 'NULL' AND {_jtype('protoPayload')} <> 'NULL'
                      AND {_jtype(http)} <> 'OBJECT')
             AND NOT ({_jtype('textPayload')} = 'NULL' AND {_jtype(jp)} = 'NULL' AND {_jtype('protoPayload')} = 'NULL'
                      AND {_jtype(http)} = 'NULL')
             AND {h_plain}
             AND (ts_plain OR ({_jtype('timestamp')} = 'NULL' AND {_jtype('receiveTimestamp')} = 'NULL'))
             AND ({_jtype(sev_raw)} IN ('VARCHAR', 'NULL', 'UBIGINT', 'BIGINT'))
             AND ({_jtype(sev_raw)} <> 'VARCHAR' OR regexp_full_match({sev_raw}->>'$', '[A-Za-z]*'))
             AND {_jtype(labels)} IN ('OBJECT', 'NULL') AND {_str_or_null(instance_j)}
             AND {_jtype(resource)} IN ('OBJECT', 'NULL') AND {_jtype(rl)} IN ('OBJECT', 'NULL')
             AND {_str_or_null('logName')} AND {_str_or_null('trace')}
             AND NOT (contains(base_msg, chr(10)) AND contains(base_msg, {q('Traceback (most recent call last)')}))
             AND length(base_msg) <= {MAX_MESSAGE_CHARS}
             AND NOT ({_jtype('textPayload')} = 'VARCHAR' AND {line_rules_sql(text, _jtype(http) + " = 'NULL'", "resource->>'type'")})
           ) AS odd,
           CASE WHEN odd THEN json_object({raw_pairs}) END AS raw
    FROM (
      SELECT *, trace AS trace_j, {base_msg} AS base_msg, {ts_raw} AS ts_raw,
             json_extract_string(resource, {resource_paths}) AS rl_vals,
             coalesce(json_type({ts_raw}) = 'VARCHAR' AND regexp_full_match({ts_raw}->>'$', {q(_FAST_TS)})
                      AND try_strptime(substr({ts_raw}->>'$', 1, 16), '%Y-%m-%dT%H:%M') IS NOT NULL, FALSE) AS ts_plain,
             {status} AS status, {latency} AS latency, {endpoint} AS endpoint
      FROM (SELECT *, {jmsg0_expr} AS j_msg0 FROM (SELECT *, {used_expr} AS j_used FROM {source}))
    )
  )
)"""


# ----------------------------------------------------------------------------- text lines


def _re2_any(regexes: list[str]) -> str:
    """One RE2 alternation of patterns (their named groups made plain: RE2 refuses a name twice)."""
    return "|".join("(?:" + re.sub(r"\(\?P<\w+>", "(?:", rx) + ")" for rx in regexes)


# Characters where Python's `re` (Unicode \d, \w, \s, \b; str.strip) and RE2 (ASCII) may disagree:
# a line holding one is left to Python whenever a pattern might apply.
_NOT_RE2_SAFE = r"[^\x20-\x7E\t\n\r\f]"
_PREFIX_RE = _re2_any([p.regex for p in lineformat.PREFIX_PATTERNS] + [lineformat.LOGFMT_START])
_HEADLINE_RE = _re2_any([p.regex for p in lineformat.TRACE_PATTERNS if "(?P<type>" in p.regex])
_WS = "' ' || chr(9) || chr(10) || chr(11) || chr(12) || chr(13)"


def _first_in(text: str, chars: frozenset[str] | set[str]) -> str:
    return f"left({text}, 1) IN ({', '.join(q(c) for c in sorted(chars))})"


def line_rules_sql(text: str, no_http: str, resource_type: str) -> str:
    """May ingest's text-line rules (rca.sources.lineformat, as `gcloud.normalize_row` applies
    them) change this textPayload `text`? A line prefix, an access line, a headline-first trace
    line: such rows are `odd`, normalised by `normalize_row` itself. A superset, from the very
    patterns and first-character sets `normalize_row` uses (never a second copy of the rules)."""
    odd_chars = f"regexp_matches({text}, {q(_NOT_RE2_SAFE)})"
    prefix = f"({_first_in(text, lineformat.PREFIX_FIRST)} AND (regexp_matches({text}, {q(_PREFIX_RE)}) OR {odd_chars}))"
    platforms = ", ".join(q(t) for t in sorted(gcloud.PLATFORM_REQUEST_LOGS))
    hints = " OR ".join(f"contains({text}, {q(h)})" for h in lineformat._ACCESS_HINTS)
    access = f"({no_http} AND coalesce({resource_type}, '') NOT IN ({platforms}) AND ({hints}))"
    trimmed = f"trim({text}, {_WS})"
    headline = (f"({_first_in(text, lineformat.HEADLINE_FIRST)} AND NOT contains({text}, chr(10)) "
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
    """`stats._lat_bucket`: whole milliseconds below 60 s, whole seconds (in ms) above."""
    ms = f"CAST(round_even({lat} * 1000, 0) AS BIGINT)"
    return f"(CASE WHEN {ms} < 60000 THEN {ms} ELSE CAST(round_even({lat}, 0) AS BIGINT) * 1000 END)"


def reduced(table: str) -> str:
    """The entries of `table` with their pre-masked text and minute (what the aggregates read)."""
    return f"(SELECT *, {premask_sql('coalesce(text, msg)')} AS pm, CAST(floor(floor(ts) / 60) AS BIGINT) AS minute FROM {table})"


TEXTS = "SELECT pm FROM {r} GROUP BY pm ORDER BY min(pos)"

# Over `k`: the entries with the cluster key mining gave their text (a join of r and the keys).
CLUSTERS = """
SELECT key, count(*) AS n, min(pos) AS first_pos, min(ts) AS first_ts, max(ts) AS last_ts,
       arg_min(msg, pos) AS sample, arg_min(frames, pos) FILTER (WHERE len(frames) > 0) AS frames,
       list(DISTINCT inst) FILTER (WHERE inst <> '') AS instances, count(*) FILTER (WHERE trace <> '') AS traces,
       count(latency) AS lat_n, max(latency) AS lat_max,
       CASE WHEN count(latency) <= {exact} THEN list(latency ORDER BY pos) FILTER (WHERE latency IS NOT NULL) END AS lat_exact,
       CASE WHEN count(latency) > {exact} THEN histogram({bucket}) FILTER (WHERE latency IS NOT NULL) END AS lat_hist
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

REQUESTS = "SELECT status, latency, ts, endpoint FROM {r} WHERE status IS NOT NULL ORDER BY pos"

VALUE_FIELDS = {"services": "svc", "revisions": "rev", "streams": "stream", "exceptions": "exc", "endpoints": "endpoint"}


def cluster_queries(k: str, limits: dict[str, int | float]) -> dict[str, str]:
    """The aggregates per cluster over `k` (entries with `key`); `limits`: message_chars,
    messages_kept, sample_chars, samples_kept, exact_latencies, link_window_s."""
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
    }
