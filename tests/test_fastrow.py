"""The C accelerator for normalize_row gives exactly the rows of the Python reference.

Compared entry by entry (types included) on every shared and synthetic incident, on generated
bench logs and on tens of thousands of randomly assembled odd entries, so a change to one
implementation that is not made to the other fails here. Likewise its twins of
tracebacks.exception_name and classify_line, line by line.
"""

from __future__ import annotations

import gzip
import math
import random
import re
import types
from pathlib import Path

import orjson
import pytest

from corpora import incident_logs

from rca import accel

from rca.sources import gcloud, reader
from rca.sources import tracebacks as tb

fastrow = pytest.importorskip("rca.sources._fastrow", reason="C accelerator not built")
if accel.pure_python():
    pytest.skip("RCA_PURE_PYTHON=1: the accelerators are off, there is nothing to compare", allow_module_level=True)

ROOT = Path(__file__).resolve().parent.parent


def _same(a: tuple | None, b: tuple | None) -> bool:
    if a is None or b is None:
        return a is b
    if len(a) != len(b):
        return False
    for x, y in zip(a, b):
        if type(x) is not type(y):
            return False
        if isinstance(x, float) and math.isnan(x) and math.isnan(y):
            continue
        if x != y:
            return False
    return True


def _outcome(fn, entry: object, i: int, cache: gcloud.EntryCache) -> tuple:  # noqa: ANN001
    try:
        return ("ok", fn(entry, i, cache))
    except Exception as exc:  # noqa: BLE001 - both must fail alike
        return ("raised", type(exc))


def _compare(entries: list, label: str) -> int:
    """Number of entries on which the two implementations differ (asserting on the first)."""
    py_cache, c_cache = gcloud.EntryCache(), gcloud.EntryCache()
    for i, entry in enumerate(entries):
        a = _outcome(gcloud.normalize_row_py, entry, i, py_cache)
        b = _outcome(fastrow.normalize_row, entry, i, c_cache)
        if a[0] != b[0] or (a[0] == "ok" and not _same(a[1], b[1])) or (a[0] == "raised" and a[1] is not b[1]):
            raise AssertionError(f"{label} entry {i}: {str(entry)[:300]}\n python: {a}\n C:      {b}")
    return len(entries)


def test_the_accelerator_is_what_normalize_row_is() -> None:
    assert gcloud.normalize_row is fastrow.normalize_row  # the reader and the workers get the C function


def test_rca_pure_python_turns_every_accelerator_off() -> None:
    import os
    import subprocess
    import sys

    check = (
        "from rca.sources import gcloud, reader\n"
        "from rca.mining import masking, miner, parallel, stats\n"
        "assert gcloud.normalize_row is gcloud.normalize_row_py\n"
        "assert reader.segment_rows is reader.segment_rows_py\n"
        "assert masking._mask_parts is None and miner._fastkeys is None and parallel._columns() is None\n"
        "assert stats._Miner._records is stats._Miner._records_py and stats._Miner._batch is stats._Miner._batch_py\n"
    )
    env = {**os.environ, "RCA_PURE_PYTHON": "1"}
    out = subprocess.run([sys.executable, "-c", check], env=env, capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr


def _load(path: Path) -> list:
    data = gzip.open(path).read() if path.suffix == ".gz" else path.read_bytes()
    return orjson.loads(data)


@pytest.mark.parametrize("incident", incident_logs(), ids=lambda p: p.parent.name)
def test_same_rows_on_every_incident(incident: Path) -> None:
    entries = _load(incident)
    assert isinstance(entries, list) and entries
    assert _compare(entries, incident.parent.name) == len(entries)


def _generated(scenario: str, tmp_path: Path) -> list:
    import importlib.util

    spec = importlib.util.spec_from_file_location("gen_logs", ROOT / "bench" / "gen_logs.py")
    gen = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(gen)  # type: ignore[union-attr]
    out = tmp_path / "gen.json"
    gen.generate(scenario, 11, 8_000, str(out))
    return _load(out)


@pytest.mark.parametrize("scenario", ["pool-exhaustion", "oom", "healthy"])
def test_same_rows_on_generated_logs(scenario: str, tmp_path: Path) -> None:
    entries = _generated(scenario, tmp_path)
    assert _compare(entries, f"generated {scenario}") == len(entries) > 7_000


# ----------------------------------------------------------------------------- odd entries

_TEXTS = [
    "GET /healthz 200", "ValueError: bad value", "Error:", "worker: started", "", " leading space", "x",
    "no exception here", "Traceback (most recent call last):\n  File \"a.py\", line 1, in f\nKeyError: 'k'",
    "line one\nline two", "{\"message\": \"structured\", \"severity\": \"ERROR\"}", "{not json", "é ünïcode → ok",
    "a" * 70_000, "pool: QueuePool limit of size 5 reached", "Timeout", "java.lang.IllegalStateException: x",
    42, 3.5, None, ["a"], {"k": "v"}, True,
]
_SEVERITIES = ["INFO", "ERROR", "WARNING", "DEBUG", "DEFAULT", "warn", "Error", "fatal", " error ", "", None,
               200, 500, 0, 650, True, 2.0, "NOPE", ["ERROR"], {"x": 1}]
_TIMESTAMPS = ["2025-09-16T14:59:58.721041Z", "2025-09-16T14:59:58Z", "2025-09-16T14:59:58.5+02:00",
               "2025-09-16T14:59:5x.1Z", "2025-09-16 14:59:58", "2025-09-16T14:59:58.123456789Z", "", None, 0,
               1758034798, 1758034798123, {"seconds": 1758034798, "nanos": 5}, "garbage", "2025-09-16T14:59:58.Z",
               "2025-09-16T14:59:58.1_0Z", "2025-09-16T14:59:58. 5Z"]
_URLS = ["https://api.example.com/v1/orders/42?x=1#frag", "/api/v2/me", "api/v2/me?q", "http://host", "", None,
         "relative", "/a/b#c?d", 17, "https://h/" + "p" * 400, "/?only=query"]
_LATENCIES = ["0.123s", "1.5", "12s", "150.2s", "abc", "s", "", "nan s", "nans", "infs", "1e3s",
              {"seconds": 1, "nanos": 5}, 0.5, None, True, "0.0000123s", "99.99s", "100s", "-1s"]
_STATUSES = [200, 503, 404, 499, 999, "503", "abc", None, 200.0, True, 0, -1]
_METHODS = ["GET", "POST", "", None, 5, "DELETE"]
_LABELS = [None, {}, {"instanceId": "00bf4bf0"}, {"instanceId": ""}, {"instanceId": 7}, ["x"], "str", {"other": 1}]
_RESOURCES = [
    None, {}, "res", {"labels": None}, {"labels": {}}, {"labels": ["x"]}, {"labels": "s"},
    {"type": "cloud_run_revision", "labels": {"service_name": "api", "revision_name": "api-0001"}},
    {"labels": {"container_name": "web", "pod_name": "web-7d9", "namespace_name": "prod"}},
    {"labels": {"service_name": "", "function_name": "fn", "version_id": "v3", "instance_id": "i-1"}},
    {"labels": {"service_name": 12, "revision_name": None}}, {"labels": {"module_id": "default", "job_name": "j"}},
]
_LOGNAMES = ["projects/p/logs/run.googleapis.com%2Fstdout", "projects/p/logs/app", "", None, 5,
             "projects/p/logs/run.googleapis.com%2Fvarlog%2Fsystem"]
_TRACES = ["projects/p/traces/abc123", "abc", "", None, 99, "a/b/"]
_JSON_PAYLOADS = [
    {"message": "user login ok", "severity": "INFO"}, {"message": "", "msg": "fallback msg"},
    {"message": "db failed", "error": "timeout"}, {"message": "x", "error": {"type": "E", "message": "m"}},
    {"message": "with stack", "stack_trace": "Traceback (most recent call last):\n  File \"x\"\nE: y"},
    {"message": None, "err": "e"}, {"message": {"nested": 1}}, {"message": 12}, {"level": "error", "message": "m"},
    {"event": "no message key"}, {}, "a string payload", ["list"], {"message": "ValueError: boom"},
    {"message": "ok", "stack": None}, {"message": "multi\nline"},
]


def _odd_entry(rng: random.Random) -> dict:
    e: dict = {}

    def maybe(key: str, pool: list, p: float = 0.7) -> None:
        if rng.random() < p:
            e[key] = rng.choice(pool)

    kind = rng.random()
    if kind < 0.35:
        e["textPayload"] = rng.choice(_TEXTS)
    elif kind < 0.6:
        e["jsonPayload"] = rng.choice(_JSON_PAYLOADS)
    elif kind < 0.65:
        e["protoPayload"] = {"methodName": "storage.get", "status": {"code": 7, "message": "denied"}}
    if rng.random() < 0.45:
        h = {}
        for key, pool in (("status", _STATUSES), ("latency", _LATENCIES), ("requestUrl", _URLS),
                          ("requestMethod", _METHODS)):
            if rng.random() < 0.85:
                h[key] = rng.choice(pool)
        e["httpRequest"] = h if rng.random() < 0.95 else "not a dict"
    maybe("timestamp", _TIMESTAMPS, 0.9)
    maybe("receiveTimestamp", _TIMESTAMPS, 0.2)
    maybe("severity", _SEVERITIES, 0.9)
    maybe("labels", _LABELS, 0.5)
    maybe("resource", _RESOURCES, 0.8)
    maybe("logName", _LOGNAMES, 0.8)
    maybe("trace", _TRACES, 0.4)
    return e


def test_same_rows_on_random_odd_entries() -> None:
    rng = random.Random(20261127)
    entries = [_odd_entry(rng) for _ in range(30_000)]
    # repeated entries too: the second time round, the per-minute and URL memos are warm
    assert _compare(entries + entries[:5_000], "random") == 35_000


def test_status_and_latency_formatting_match_python() -> None:
    rng = random.Random(5)
    values = [0.0, -0.0, 1e-9, 0.000123456, 0.0995, 0.1, 0.99949, 0.9995, 9.995, 99.94, 99.95, 99.999, 100.0,
              100.5, 101.5, 1234.5, 1e20, float("inf"), float("nan")]
    values += [rng.uniform(0, 200) for _ in range(2000)] + [10 ** rng.uniform(-7, 4) for _ in range(2000)]
    entries = [{"timestamp": "2025-09-16T14:59:58.5Z", "severity": "INFO",
                "httpRequest": {"status": rng.choice([200, 503, 404]), "latency": f"{v!r}s",
                                "requestUrl": "/x", "requestMethod": "GET"}} for v in values]
    _compare(entries, "latencies")


def test_worker_row_loop_in_c_matches_the_python_loop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """rca.mining.parallel._read_segment with the C row loop and with its Python loop."""
    import os

    from rca.mining import parallel
    from rca.mining.masking import Masker

    rng = random.Random(99)
    values: list = _load(sorted((ROOT / "evals" / "synthetic").glob("*/logs.json*"))[0])[:3000]
    # (no string over 64 KiB: a worker leaves those segments to the single-process reader)
    values += [e for e in (_odd_entry(rng) for _ in range(6000)) if len(orjson.dumps(e)) < 60_000]
    values += [5, "text", [1, 2], None, {"resource": "x", "textPayload": "a"}, {"severity": "INFO"}]
    rng.shuffle(values)
    path = tmp_path / "seg.json"
    path.write_bytes(orjson.dumps(values, option=orjson.OPT_INDENT_2))
    plan = parallel.Plan(None, str(path), "array", 0, path.stat().st_size, 2, 1 << 30)

    def read() -> tuple:
        fd = os.open(path, os.O_RDONLY)
        try:
            return parallel._read_segment(fd, plan, 0, gcloud.EntryCache(), Masker(4000), 64)
        finally:
            os.close(fd)

    from rca.sources import reader

    assert reader.segment_rows is fastrow.segment_rows
    c_result = read()
    monkeypatch.setattr(reader, "segment_rows", reader.segment_rows_py)
    py_result = read()
    assert c_result[0] == py_result[0] == len(values)
    assert len(c_result[1]) > 5000
    assert c_result[3] == py_result[3] and sum(c_result[3].values()) > 6  # skipped, by reason
    assert c_result[2:] == py_result[2:]  # kinds, skipped, severities, no time, truncations
    assert len(c_result[1]) == len(py_result[1])
    for a, b in zip(c_result[1], py_result[1]):  # rows (NaN latencies compare as equal here)
        assert _same(a, b)


# ----------------------------------------------------------------------------- traceback lines
# The C twins of tracebacks.exception_name and classify_line (segment_rows and normalize_row use
# them) against the Python functions, which stay the reference.

_NO_EXCEPTION = "ValueError"  # an exception name that most lines do not start with


def _check_lines(lines, label: str) -> int:
    """Number of lines checked, asserting on the first line where a C twin and Python differ: both
    strict values, and classify_line with no exception, the line's own strict name, a prefix of the
    line and a name it does not start with."""
    n = 0
    for line in lines:
        for args in ((line,), (line, True), (line, False)):
            a, b = tb.exception_name(*args), fastrow.exception_name(*args)
            if a != b or type(a) is not type(b):
                raise AssertionError(f"{label}: exception_name{args!r}\n python: {a!r}\n C:      {b!r}")
        for exc in ("", tb.exception_name(line), line[:5], _NO_EXCEPTION):
            a, b = tb.classify_line(line, exc), fastrow.classify_line(line, exc)
            if a != b or type(a) is not type(b):
                raise AssertionError(f"{label}: classify_line({line!r}, {exc!r})\n python: {a!r}\n C:      {b!r}")
        a, b = tb.classify_line(line), fastrow.classify_line(line)
        assert a == b, (label, line)
        n += 1
    return n


def _messages(entries: list) -> list[str]:
    """The distinct messages of these entries' rows, and each line of the multi-line ones."""
    cache = gcloud.EntryCache()
    found: dict[str, None] = {}
    for i, entry in enumerate(entries):
        try:
            row = gcloud.normalize_row_py(entry, i, cache)
        except Exception:  # noqa: BLE001, S112 - malformed entries have no message
            continue
        if row is not None:
            found[row[2]] = None
            for line in row[2].split("\n"):
                found[line] = None
    return list(found)


def test_the_c_twins_use_the_rules_of_tracebacks_py() -> None:
    rules = fastrow.traceback_rules()
    assert rules is not None  # None: configure could not read them, and Python answers every call
    suffixes, bare, kinds, headers = rules
    assert suffixes == tb._EXC_SUFFIXES and frozenset(bare) == tb._BARE_EXCEPTIONS
    assert kinds == (tb.TB_START, tb.FRAME, tb.CODE, tb.CHAIN, tb.EXC)
    assert headers == (tb.TRACEBACK_HEADER, tb._CHAIN_DIRECT, tb._CHAIN_DURING)


@pytest.mark.parametrize("incident", incident_logs(), ids=lambda p: p.parent.name)
def test_traceback_twins_on_every_incident_message(incident: Path) -> None:
    lines = _messages(_load(incident))
    assert _check_lines(lines, incident.parent.name) == len(lines) > 50


@pytest.mark.parametrize("scenario", ["pool-exhaustion", "healthy"])
def test_traceback_twins_on_generated_logs(scenario: str, tmp_path: Path) -> None:
    lines = _messages(_generated(scenario, tmp_path))
    kinds = {tb.classify_line(line) for line in lines}
    assert kinds >= {0, tb.FRAME, tb.CODE, tb.EXC}  # the lines do reach the cases
    assert _check_lines(lines, f"generated {scenario}") == len(lines)


_NAMES = [*tb._EXC_SUFFIXES, *sorted(tb._BARE_EXCEPTIONS), "Name", "name", "INFO", "E", "e", "_a", "_B", "__",
          "_", "a", "x1", "1a", "A1_b", "a._B", "_a._B", "Éxception", "ValueÉrror", "ǅError", "ǅ", "Ωmega",
          "error",
          "asyncio.exceptions.CancelledError", "sqlalchemy.exc.TimeoutError", "a" * 199, "B" * 150]
_GLUE = [".", "..", ":", ": ", ":\t", ":x", ":\n", ": x", " ", "\t", "\n", "  ", '"', "'", "-", "/", "0", "12", "٣",
         "５", "²", "Ⅻ", "É", "é", "ß", "\x00", "\xa0", "\u3000", "→", "😀", "http://h:8080/x", "^", "~"]
_TEMPLATES = ['  File "', '", line ', 'File "', ", line ", "line ", tb.TRACEBACK_HEADER, tb._CHAIN_DIRECT,
              tb._CHAIN_DURING, "Traceback", "During", "^^^^", "~~~^^^", "    return x", "T", "D",
              'INFO:     169.254.7.138:41000 - "GET /x HTTP/1.1" 200 OK']


def _odd_line(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.25:  # a frame line, perhaps spoilt in one place
        line = (rng.choice([" ", "\t", "  ", " \t ", "    "]) + 'File "'
                + rng.choice(["x.py", "/a/b é.py", "", "a\"b"]) + '", line '
                + rng.choice(["1", "12", "٣", "５", "²", "Ⅻ", "", "x", " 1"]) + rng.choice(["", ", in f", "\n"]))
        if rng.random() < 0.5:
            k = rng.randrange(len(line) + 1)
            line = line[:k] + rng.choice(["", "x", " ", '"', "\n", "\t"]) + line[k + rng.randrange(2):]
        return line
    parts: list[str] = []
    for _ in range(rng.randrange(7)):
        pool = rng.choice((_NAMES, _NAMES, _GLUE, _GLUE, _TEMPLATES))
        parts.append(rng.choice(pool))
    return "".join(parts)


# Each rule of exception_name and classify_line, at its edges.
_EDGE_LINES = [
    "", " ", "\t", "\n", ":", ": ", "::", "Name:x", "Name:", "Name:\t", "Name: ", "Name:\tx", "Name:\n", "Name::",
    "ValueError:x", "ValueError:", "ValueError:\t", "ValueError: x", "ValueError:  x", "ValueError x", "ValueError\n",
    "Value Error: x", "ValueError:\nx", "ValueError: x\ny", "_a._B", "_a._B: x", "a..b", ".a", "a.", "1a", "__", "_",
    "__Error", "_Error", "a._", "a.Error", "a.error", "Error.", ".Error", "a._B.c", "a._b.C", "É: x", "_ǅ: x",
    "ǅ: x",
    "ÉError: x", "a.ÉError", "Error:é", "Error:\xa0", "Error\xa0: x", "INFO:     x", "INFO: x", "INFO:x", "Info",
    "info", "A", "a", "Ab", "aB", "_A", "_a", "Exception", "Exceptions", "KeyboardInterrupt", "SystemExit: 1",
    "Traceback (most recent call last):", "Traceback (most recent call last):\n",
    "Traceback (most recent call last): x",
    "Traceback", "Traceback: x", "Traceback (most recent call", tb._CHAIN_DIRECT + ":", tb._CHAIN_DURING + ":",
    tb._CHAIN_DURING + "\n", "During", "During: x", "DuringError", "^^^^", "^\n", "~~~", "~: x",
    '  File "x.py", line 12, in f', '\tFile "x.py", line 1', 'File "x.py", line 1', '  File "x.py", line ',
    '  File "x.py", line x', '  File "x.py", line ٣', '  File "x.py", line ５', '  File "x.py", line ²',
    '  File "x.py", line Ⅻ', '  File "x\n.py", line 1', '  File "x.py" line 1', '  File "x.py", line 1\n',
    '  File ""x.py", line 1', '  File "", line 0', ' \t File "a", line 9',
    "    return fut.result()", "\tx", " File", "\t\n",
]
_EDGE_LINES += [c * k + s for c in "Aa_" for k in range(190, 203)
                for s in ("", "Error", ":", ": x", "Error: x", "Error:x")]
_EDGE_LINES += ["a." * 99 + "Error", "a." * 100 + "Error", "A" * 300, "A" * 300 + ": x", "x" * 250 + "Error"]
for _n in [*tb._EXC_SUFFIXES, *tb._BARE_EXCEPTIONS]:
    _EDGE_LINES += [_n, _n + ": x", _n + ":", "a." + _n, "_" + _n, "x" + _n, _n + "s", _n.lower(), _n[1:], _n + ".x",
                    "É" + _n, _n + "\n"]


def test_traceback_twins_on_odd_lines() -> None:
    rng = random.Random(20261128)
    lines = _EDGE_LINES + [_odd_line(rng) for _ in range(6_000)]
    assert _check_lines(lines, "odd") == len(lines)
    found = {tb.classify_line(line, exc) for line in lines for exc in ("", line[:5])}
    assert found == {0, tb.TB_START, tb.FRAME, tb.CODE, tb.CHAIN, tb.EXC}
    assert sum(bool(tb.exception_name(line)) for line in lines) > 200


def test_traceback_twins_on_every_kind_of_character() -> None:
    """Each character where the C code reads one: a frame's line number (re's \\d), a name's first,
    inner and last character, after the colon, and a line's first character."""
    rng = random.Random(7)
    chars = [chr(c) for c in range(0x800)]
    chars += [chr(c) for c in range(0x800, 0x110000) if chr(c).isdecimal() or chr(c).isupper() or chr(c).isdigit()]
    chars += [chr(rng.randrange(0x800, 0x110000)) for _ in range(3_000)]
    lines = []
    for ch in chars:
        lines += [f'  File "x", line {ch}', f'  File "{ch}", line 1', ch + "Error: x", "A" + ch + "Error",
                  "Error:" + ch, ch + ": x", "_" + ch, ch, "a." + ch]
    assert _check_lines(lines, "characters") == len(lines)


def test_non_str_arguments_go_to_python() -> None:
    for args in ((b"ValueError: x",), ("ValueError: x", 0), ("Thing: x", None), ("Thing: x", 1), ("x", "")):
        try:
            a = ("ok", tb.exception_name(*args))
        except Exception as exc:  # noqa: BLE001 - both must fail alike
            a = ("raised", type(exc))
        try:
            b = ("ok", fastrow.exception_name(*args))
        except Exception as exc:  # noqa: BLE001
            b = ("raised", type(exc))
        assert a == b, args
    assert fastrow.classify_line("ValueError: x", None) == tb.classify_line("ValueError: x", None) == tb.EXC
    with pytest.raises(TypeError):
        fastrow.classify_line(None, "")
    with pytest.raises(TypeError):
        fastrow.exception_name()


def _configure(exception_name) -> None:
    fastrow.configure(gcloud.normalize_row_py, gcloud._SEVERITY, gcloud._STATUS_TEXT, exception_name,
                      tb.MAX_MESSAGE_CHARS, gcloud._CACHE_MAX, gcloud._MAX_ENDPOINT)


def _edited_tracebacks(**changes: object) -> dict:
    """The globals of tracebacks.py as an edit to it would leave them, with its two functions on them."""
    g = {**vars(tb), **changes}
    for name in ("exception_name", "classify_line"):
        f = getattr(tb, name)
        g[name] = types.FunctionType(f.__code__, g, name, f.__defaults__)
    return g


def test_an_edit_to_the_rules_in_tracebacks_py_reaches_the_c_twins_or_turns_them_off() -> None:
    lines = ["BigOops: x", "Oops", "a.Oops", "ValueError: x", "StopIteration", "Halt", "a.Halt: y", "Thing: x",
             '  File "x", line 1', "    x = 1", "Kaboom: x", "Kaboom", tb.TRACEBACK_HEADER, "Traceback (x)",
             tb._CHAIN_DIRECT]
    try:
        # data: followed
        g = _edited_tracebacks(_EXC_SUFFIXES=("Oops", ""), _BARE_EXCEPTIONS=frozenset({"Halt"}), FRAME=20, EXC=50,
                               TRACEBACK_HEADER="Traceback (x)", _CHAIN_DIRECT="Kaboom")
        _configure(g["exception_name"])
        assert fastrow.traceback_rules() is not None
        for line in lines:
            for strict in (True, False):
                assert fastrow.exception_name(line, strict) == g["exception_name"](line, strict), line
            for exc in ("", "Thing"):
                assert fastrow.classify_line(line, exc) == g["classify_line"](line, exc), line
        # a pattern the C code does not implement, or a rule of another type: off, Python answers
        for change in ({"_FRAME_RE": re.compile(r'[ \t]+File "[^"\n]*", line \d*')},
                       {"_NAME_RE": re.compile(r"_*[A-Za-z][A-Za-z0-9_]*")},
                       {"_NAME_RE": re.compile(tb._NAME_RE.pattern, re.IGNORECASE)},
                       {"_EXC_SUFFIXES": list(tb._EXC_SUFFIXES)}, {"_BARE_EXCEPTIONS": set(tb._BARE_EXCEPTIONS)},
                       {"CODE": "3"}, {"_CHAIN_DURING": None}):
            g = _edited_tracebacks(**change)
            _configure(g["exception_name"])
            assert fastrow.traceback_rules() is None, change
            for line in ("Thing: x", "ValueError: x"):  # the configured Python function answers
                try:
                    expected = g["exception_name"](line, False)
                except TypeError:
                    with pytest.raises(TypeError):
                        fastrow.exception_name(line, False)
                else:
                    assert fastrow.exception_name(line, False) == expected
            with pytest.raises(RuntimeError):
                fastrow.classify_line("Thing: x", "")
    finally:
        _configure(tb.exception_name)
    assert fastrow.traceback_rules() is not None


def _segment(fn, values: list, classify) -> tuple:
    rows: list = []
    kinds: list = []
    skipped: dict = {}
    severities: dict = {}
    truncations: list = []
    last = fn(values, -1, gcloud.EntryCache(), lambda m, t: m[:t], classify, 40, {}, rows, kinds, skipped, severities,
              truncations, {}, (1 << 40) - 1)
    return last, rows, kinds, skipped, severities, truncations


def test_segment_rows_gives_the_kinds_of_the_python_loop_on_odd_lines() -> None:
    """segment_rows (C, classify_line answered in C) and reader.segment_rows_py on entries of odd lines."""
    rng = random.Random(31)
    lines = _EDGE_LINES + [_odd_line(rng) for _ in range(4_000)]
    values: list = []
    for k, line in enumerate(lines):
        entry = {"timestamp": f"2025-09-16T14:{k // 60 % 60:02d}:{k % 60:02d}.5Z",
                 "severity": rng.choice(["ERROR", "INFO"]), "resource": {"labels": {"service_name": "api"}},
                 "logName": "projects/p/logs/run.googleapis.com%2Fstderr"}
        if rng.random() < 0.2:
            entry["jsonPayload"] = {"message": line}
        else:
            entry["textPayload"] = line
        values.append(entry)
    values += [5, {"severity": "INFO"}]
    c = _segment(fastrow.segment_rows, values, tb.classify_line)
    py = _segment(reader.segment_rows_py, values, tb.classify_line)
    assert c[0] == py[0] and c[0][0] == len(values) - 1
    assert c[2] == py[2] and [type(k) for k in c[2]] == [type(k) for k in py[2]]  # kinds
    assert set(c[2]) == {0, tb.TB_START, tb.FRAME, tb.CODE, tb.CHAIN, tb.EXC}
    assert c[3:] == py[3:]
    assert len(c[1]) == len(py[1]) > 4_000 and all(_same(a, b) for a, b in zip(c[1], py[1]))

    # any other classify is called for every row without frames, as the Python loop calls it
    calls: dict[str, list] = {"c": [], "py": []}

    def recorder(name: str):
        return lambda msg, exc: calls[name].append((msg, exc)) or 7

    c = _segment(fastrow.segment_rows, values, recorder("c"))
    py = _segment(reader.segment_rows_py, values, recorder("py"))
    assert c[2] == py[2] and 7 in c[2] and calls["c"] == calls["py"] and len(calls["c"]) > 4_000
