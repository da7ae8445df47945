#!/usr/bin/env python3
"""Throughput and peak memory of `rca mine` / `rca generate` next to the naive pipeline, plain drain3
and the decoding floor, on generated gcloud exports (100k and 1M entries; 2M and 5M with --big).

    python bench/bench_pipeline.py                 # 100k + 1M, Markdown table on stdout
    python bench/bench_pipeline.py --big           # also 2M and 5M entries (memory flatness)
    python bench/bench_pipeline.py --sizes 100k    # one size
    python bench/bench_pipeline.py --smoke         # 20k entries, every stage once, < 1 min (CI)
    python bench/bench_pipeline.py --json out.json

Every measurement runs in a fresh subprocess, one after the other, in this one run (so ratios
compare like with like). Exports are generated with bench/gen_logs.py and cached in bench/out/.

Stages
  rca mine            `rca mine --file F --format json` end to end (process start to exit)
  rca mine, X engine  the same with the other `--engine` (duckdb query plan / python record by record)
  rca mine, .json.gz  the same export gzip-compressed (MB/s are of the decompressed JSON)
  rca mine, stdin     `rca mine --file -` with the file on stdin
  rca generate        `rca generate --file F --format json` (offline analyst) end to end
  naive               json.load of the file, then drain3 with generic masks on each message
  drain3 plain        drain3's default TemplateMiner on the messages rca mines (timed: mining only)
  floor: ...          decoding only, one core: orjson.loads of the whole file, rca's streaming
                      scanner (chunks + orjson), msgspec if installed, DuckDB taking out the fields
                      rca reads (the plan's first step); the fastest is "the floor"

This machine's speed varies by 10-20% from minute to minute, so `rca mine` and `rca generate` run
`--repeat` times (3) and the naive pipeline one time fewer; the fastest run counts (the peak RSS
is the largest over the runs), and every run's seconds are in the JSON output.

Peak memory is the peak over the run of the summed RSS of the stage's process tree, sampled every
50 ms from /proc (Linux; forked workers' shared pages count in each, so it is an upper bound),
else the largest single process (getrusage). Needs nothing beyond rca's dependencies; uses
msgspec (floor) when installed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import threading
import time

from rca.batches import DEFAULT_ENGINE
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
OUT = BENCH / "out"
GEN = BENCH / "gen_logs.py"
SIZES = {"100k": 100_000, "1m": 1_000_000, "2m": 2_000_000, "5m": 5_000_000, "20k": 20_000}
TARGET_RATE = 200_000
TARGET_RATIO = 5.0
TARGET_RSS_MB = 300.0
TARGET_FLAT = 1.20


# ---------------------------------------------------------------------------------- stages
# `python bench_pipeline.py --stage NAME FILE` runs one stage and prints {"seconds", "entries"}.


def _naive_message(e: dict) -> str:
    m = e.get("textPayload")
    if m is not None:
        return m if isinstance(m, str) else json.dumps(m)
    jp = e.get("jsonPayload")
    if isinstance(jp, dict):
        msg = jp.get("message")
        return msg if isinstance(msg, str) else json.dumps(jp)
    h = e.get("httpRequest")
    if isinstance(h, dict):
        return f"{h.get('requestMethod')} {h.get('requestUrl')} {h.get('status')}"
    return json.dumps(e.get("protoPayload"))


def stage_naive(path: str) -> dict:
    """json.load + drain3 with a few generic masks on each message, one after the other."""
    from drain3 import TemplateMiner
    from drain3.masking import MaskingInstruction
    from drain3.template_miner_config import TemplateMinerConfig

    t0 = time.perf_counter()
    cfg = TemplateMinerConfig()
    cfg.masking_instructions = [
        MaskingInstruction(r"\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b", "UUID"),
        MaskingInstruction(r"\b\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?\b", "IP"),
        MaskingInstruction(r"\b0[xX][0-9a-fA-F]+\b|\b[0-9a-fA-F]{12,}\b", "HEX"),
        MaskingInstruction(r"(?<![A-Za-z])[-+]?\d+(?:\.\d+)?(?![A-Za-z])", "NUM"),
    ]
    tm = TemplateMiner(config=cfg)
    with open(path, encoding="utf-8") as f:
        entries = json.load(f)
    for e in entries:
        tm.add_log_message(_naive_message(e))
    return {"seconds": time.perf_counter() - t0, "entries": len(entries), "clusters": len(tm.drain.clusters)}


def stage_drain3(path: str) -> dict:
    """drain3's defaults on the messages rca mines; only the mining is timed."""
    from drain3 import TemplateMiner
    from drain3.template_miner_config import TemplateMinerConfig

    from rca.sources import read_records

    messages = [r.message for r in read_records(path)]
    tm = TemplateMiner(config=TemplateMinerConfig())  # explicit: never read ./drain3.ini
    t0 = time.perf_counter()
    for m in messages:
        tm.add_log_message(m)
    return {"seconds": time.perf_counter() - t0, "entries": len(messages), "clusters": len(tm.drain.clusters)}


def stage_orjson(path: str) -> dict:
    import orjson

    data = Path(path).read_bytes()
    t0 = time.perf_counter()
    n = len(orjson.loads(data))
    return {"seconds": time.perf_counter() - t0, "entries": n}


def stage_scan(path: str) -> dict:
    from rca.sources import iter_raw_entries

    t0 = time.perf_counter()
    n = sum(1 for _ in iter_raw_entries(path))
    return {"seconds": time.perf_counter() - t0, "entries": n}


def stage_msgspec(path: str) -> dict:
    import msgspec

    data = Path(path).read_bytes()
    t0 = time.perf_counter()
    n = len(msgspec.json.decode(data))
    return {"seconds": time.perf_counter() - t0, "entries": n}


def stage_duckdb(path: str) -> dict:
    """DuckDB decoding the export into the fields rca reads (rca.sources.plan.entry_fields: the
    top-level values, then ~40 fields out of them), one thread (DuckDB reads a JSON array on one
    thread whatever its setting), every field counted so none is skipped: what the plan's first
    step costs before any normalising."""
    import duckdb

    from rca.sources import duck

    con = duckdb.connect()
    con.execute("SET threads = 1")
    with open(path, "rb") as f:
        fmt = "array" if f.read(64).lstrip()[:1] == b"[" else "jsonl"
    t0 = time.perf_counter()
    n, *_ = con.execute(f"SELECT count(*), count(COLUMNS('^e_')) FROM {duck.source_sql(path, fmt)}").fetchone()
    return {"seconds": time.perf_counter() - t0, "entries": n}


# The fields rca reads as typed columns: no JSON text kept of any value (what a plan could decode
# at best; a value of another type than declared is NULL or cast, which the plan cannot accept).
TYPED = ("{'textPayload': 'VARCHAR', 'jsonPayload': 'JSON', 'severity': 'VARCHAR', 'timestamp': 'VARCHAR', "
         "'receiveTimestamp': 'VARCHAR', 'resource': 'STRUCT(type VARCHAR, labels MAP(VARCHAR, VARCHAR))', "
         "'httpRequest': 'STRUCT(status BIGINT, latency VARCHAR, requestMethod VARCHAR, requestUrl VARCHAR)', "
         "'labels': 'MAP(VARCHAR, VARCHAR)', 'logName': 'VARCHAR', 'trace': 'VARCHAR'}")


def stage_duckdb_typed(path: str) -> dict:
    """DuckDB reading the fields rca reads as typed columns, one thread, every column counted."""
    import duckdb

    con = duckdb.connect()
    con.execute("SET threads = 1")
    with open(path, "rb") as f:
        fmt = "array" if f.read(64).lstrip()[:1] == b"[" else "newline_delimited"
    t0 = time.perf_counter()
    n, *_ = con.execute(f"SELECT count(*), count(COLUMNS(*)) FROM read_json('{path}', format='{fmt}', "
                        f"columns={TYPED}, ignore_errors=true)").fetchone()
    return {"seconds": time.perf_counter() - t0, "entries": n}


STAGES = {"naive": stage_naive, "duckdb": stage_duckdb, "duckdb-typed": stage_duckdb_typed, "drain3": stage_drain3, "orjson": stage_orjson, "scan": stage_scan,
          "msgspec": stage_msgspec}


# ---------------------------------------------------------------------------------- measuring


def _children() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/stat", "rb") as f:
                    ppid = int(f.read().rsplit(b")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            kids.setdefault(ppid, []).append(int(name))
    return kids


def _kids(pid: int, table: dict[int, list[int]] | None) -> list[int]:
    if table is not None:
        return table.get(pid, [])
    try:  # cheap where the kernel lists children (CONFIG_PROC_CHILDREN)
        with open(f"/proc/{pid}/task/{pid}/children", "rb") as f:
            return [int(x) for x in f.read().split()]
    except OSError:
        return []


_PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024 if hasattr(os, "sysconf") else 4
_HAVE_CHILDREN = os.path.exists(f"/proc/{os.getpid()}/task/{os.getpid()}/children")


def _tree_rss_kb(pid: int) -> int:
    table = None if _HAVE_CHILDREN else _children()
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        try:
            with open(f"/proc/{p}/statm", "rb") as f:
                total += int(f.read().split()[1]) * _PAGE_KB
        except (OSError, IndexError, ValueError):
            pass
        stack.extend(_kids(p, table))
    return total


def run(cmd: list[str], env: dict[str, str] | None = None, capture: bool = False, stdin: Path | None = None) -> dict:
    """Run one measurement in a fresh process: wall seconds, peak RSS (MB), stdout if captured."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.perf_counter()
    # This checkout's rca first (the same code an editable install runs), even from a bare checkout.
    path = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)
    inp = open(stdin, "rb") if stdin is not None else subprocess.DEVNULL  # noqa: SIM115 - closed below
    proc = subprocess.Popen(cmd, env={**os.environ, "PYTHONPATH": path, **(env or {})}, stdin=inp,
                            stdout=subprocess.PIPE if capture else subprocess.DEVNULL, stderr=subprocess.PIPE)
    if stdin is not None:
        inp.close()  # the child has its own descriptor
    peak = 0
    sampling = os.path.isdir("/proc/self")

    def sample() -> None:
        nonlocal peak
        while proc.poll() is None:
            peak = max(peak, _tree_rss_kb(proc.pid))
            time.sleep(0.05 if _HAVE_CHILDREN else 0.2)

    sampler = threading.Thread(target=sample, daemon=True) if sampling else None
    if sampler:
        sampler.start()
    out, err = proc.communicate()
    seconds = time.perf_counter() - t0
    if sampler:
        sampler.join()
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}): {err.decode(errors='replace')[-2000:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    largest_kb = after if after > before else 0  # only known when this run set a new maximum
    peak_mb = (peak or largest_kb) / 1024
    result = {"wall": seconds, "peak_mb": round(peak_mb, 1)}
    if capture:
        result.update(json.loads(out.decode().strip().splitlines()[-1]))
    return result


def export(label: str, entries: int, scenario: str, seed: int) -> tuple[Path, int]:
    """The cached export for `label` (generated once), and the number of entries in it."""
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"gcloud-{label}.json"
    meta = OUT / f"gcloud-{label}.meta.json"
    want = {"entries_requested": entries, "scenario": scenario, "seed": seed}
    if path.exists() and meta.exists():
        info = json.loads(meta.read_text())
        if {k: info.get(k) for k in want} == want and info.get("bytes") == path.stat().st_size:
            return path, info["entries"]
    t0 = time.perf_counter()
    res = subprocess.run([sys.executable, str(GEN), "--entries", str(entries), "--scenario", scenario,
                          "--seed", str(seed), "--output", str(path)], check=True, capture_output=True, text=True)
    info = json.loads(res.stderr.strip().splitlines()[-1])  # gen_logs prints its figures on stderr
    meta.write_text(json.dumps({**want, "entries": info["entries"], "bytes": path.stat().st_size}))
    print(f"generated {path.name}: {info['entries']} entries, {path.stat().st_size / 1e6:.0f} MB "
          f"in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    return path, info["entries"]


def gzipped(path: Path) -> Path:
    """The export gzip-compressed (level 6, as `gzip` does by default), cached beside it."""
    import gzip
    import shutil

    gz = path.with_name(path.name + ".gz")
    if not gz.exists() or gz.stat().st_mtime < path.stat().st_mtime:
        tmp = gz.with_name(gz.name + ".tmp")
        with open(path, "rb") as src, gzip.open(tmp, "wb", compresslevel=6) as dst:
            shutil.copyfileobj(src, dst, 1 << 22)
        tmp.replace(gz)
    return gz


def measure(path: Path, entries: int, full: bool, env: dict[str, str], repeat: int = 1) -> list[dict]:
    py = sys.executable
    me = str(Path(__file__).resolve())
    rows = []

    def add(name: str, cmd: list[str], extra_env: dict[str, str] | None = None, timed_inside: bool = False,
            times: int = 1, stdin: Path | None = None) -> None:
        """One stage, run `times` times: the fastest run's seconds, the largest peak RSS of all."""
        runs = []
        for i in range(times):
            print(f"  {name} ..." + (f" ({i + 1}/{times})" if times > 1 else ""), file=sys.stderr, flush=True)
            r = run(cmd, {**env, **(extra_env or {})}, capture=timed_inside, stdin=stdin)
            r["seconds"] = r["seconds"] if timed_inside else r["wall"]
            runs.append(r)
        best = min(runs, key=lambda r: r["seconds"])
        rows.append({"stage": name, "seconds": round(best["seconds"], 3), "entries": best.get("entries", entries),
                     "peak_mb": max(r["peak_mb"] for r in runs), "wall": round(best["wall"], 3),
                     "runs": [round(r["seconds"], 3) for r in runs],
                     **({"clusters": best["clusters"]} if "clusters" in best else {})})

    rca = [py, "-m", "rca"]
    add("rca mine", rca + ["mine", "--file", str(path), "--format", "json", "--no-progress"], times=repeat)
    add("rca generate", rca + ["generate", "--file", str(path), "--format", "json", "--provider", "offline",
                               "--no-progress"], times=repeat)
    other = "python" if DEFAULT_ENGINE == "duckdb" else "duckdb"
    add(f"rca mine, {other} engine", rca + ["mine", "--file", str(path), "--format", "json", "--no-progress",
                                         "--engine", other], times=repeat)
    gz = gzipped(path)
    add("rca mine, .json.gz", rca + ["mine", "--file", str(gz), "--format", "json", "--no-progress"])
    add("rca mine, stdin", rca + ["mine", "--file", "-", "--format", "json", "--no-progress"], stdin=path)
    if full:
        add("naive", [py, me, "--stage", "naive", str(path)], timed_inside=True, times=max(1, repeat - 1))
        add("drain3 plain", [py, me, "--stage", "drain3", str(path)], timed_inside=True)
        add("floor: orjson.loads", [py, me, "--stage", "orjson", str(path)], timed_inside=True)
        try:
            import msgspec  # noqa: F401

            add("floor: msgspec", [py, me, "--stage", "msgspec", str(path)], timed_inside=True)
        except ImportError:
            pass
    add("floor: rca scanner", [py, me, "--stage", "scan", str(path)], timed_inside=True)
    add("floor: DuckDB, rca's fields", [py, me, "--stage", "duckdb", str(path)], timed_inside=True)
    add("floor: DuckDB, typed columns", [py, me, "--stage", "duckdb-typed", str(path)], timed_inside=True)
    return rows


# ---------------------------------------------------------------------------------- report


def table(label: str, path: Path, entries: int, rows: list[dict]) -> str:
    mb = path.stat().st_size / 1e6
    by = {r["stage"]: r for r in rows}
    naive = by.get("naive")
    floors = [r for r in rows if r["stage"].startswith("floor")]
    floor = min(floors, key=lambda r: r["seconds"]) if floors else None
    out = [f"### {label}: {entries:,} entries, {mb:,.0f} MB ({path.name})", "",
           "| stage | seconds | entries/s | MB/s | peak RSS MB | × naive | % of floor |",
           "|---|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        s = r["seconds"]
        rate = r["entries"] / s if s else 0
        ratio = f"{naive['seconds'] / s:.1f}×" if naive and s and not r["stage"].startswith("floor") else ""
        pct = f"{floor['seconds'] / s * 100:.0f}%" if floor and s else ""
        out.append(f"| {r['stage']} | {s:.2f} | {rate:,.0f} | {mb / s:,.0f} | {r['peak_mb']:,.0f} | {ratio} | {pct} |")
    out.append("")
    if floor:
        out.append(f"Floor: {floor['stage'][7:]} decodes the file in {floor['seconds']:.2f} s on one core "
                   f"({entries / floor['seconds']:,.0f} entries/s); `% of floor` = floor time / stage time.")
    out.append("")
    return "\n".join(out)


def verdicts(results: dict) -> list[str]:
    lines = ["### Targets", "", "| target | measured | met |", "|---|---|---|"]

    def row(name: str, value: str, ok: bool | None) -> None:
        lines.append(f"| {name} | {value} | {'yes' if ok else 'no' if ok is not None else '–'} |")

    big = results.get("1m") or results.get(max(results, key=lambda k: results[k]["entries"]))
    by = {r["stage"]: r for r in big["rows"]}
    mine = by["rca mine"]
    rate = big["entries"] / mine["seconds"]
    row(f"rca mine ≥ {TARGET_RATE:,} entries/s ({big['label']})", f"{rate:,.0f}/s", rate >= TARGET_RATE)
    if "naive" in by:
        ratio = by["naive"]["seconds"] / mine["seconds"]
        row(f"≥ {TARGET_RATIO:.0f}× naive ({big['label']})", f"{ratio:.1f}×", ratio >= TARGET_RATIO)
    peak = max(r["peak_mb"] for res in results.values() for r in res["rows"] if r["stage"].startswith("rca"))
    row(f"peak RSS of rca ≤ {TARGET_RSS_MB:.0f} MB", f"{peak:.0f} MB", peak <= TARGET_RSS_MB)
    small = results.get("100k")
    for lab in ("1m", "2m", "5m"):
        if small and lab in results:
            a = {r["stage"]: r for r in small["rows"]}["rca mine"]["peak_mb"]
            b = {r["stage"]: r for r in results[lab]["rows"]}["rca mine"]["peak_mb"]
            row(f"memory flat: {lab} ≤ {TARGET_FLAT:.2f} × 100k (rca mine)", f"{b:.0f} / {a:.0f} MB = {b / a:.2f}",
                b <= TARGET_FLAT * a)
    gen = by["rca generate"]["seconds"] - mine["seconds"]
    row("rca generate − rca mine < 1 s", f"{gen:+.2f} s", gen < 1.0)
    lines.append("")
    return lines


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--smoke", action="store_true", help="20k entries, every stage once, nothing judged")
    ap.add_argument("--big", action="store_true", help="also 2M and 5M entries (rca and the scanner only)")
    ap.add_argument("--sizes", help="comma-separated sizes to run instead (of " + ", ".join(SIZES) + ")")
    ap.add_argument("--json", type=Path, help="write the figures here as JSON too")
    ap.add_argument("--repeat", type=int, default=3,
                    help="runs of rca mine and rca generate (the fastest counts; naive: one fewer)")
    ap.add_argument("--scenario", default="pool-exhaustion")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--stage", choices=sorted(STAGES), help=argparse.SUPPRESS)
    ap.add_argument("file", nargs="?", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.stage:
        print(json.dumps(STAGES[args.stage](args.file)))
        return 0

    labels = ["20k"] if args.smoke else ["100k", "1m"] + (["2m", "5m"] if args.big else [])
    if args.sizes:
        labels = [x.strip() for x in args.sizes.split(",")]
        unknown = [x for x in labels if x not in SIZES]
        if unknown:
            ap.error(f"unknown size {unknown[0]!r} (choose from {', '.join(SIZES)})")
    env: dict[str, str] = {}
    results: dict[str, dict] = {}
    for label in labels:
        path, entries = export(label, SIZES[label], args.scenario, args.seed)
        print(f"{label}: measuring", file=sys.stderr)
        rows = measure(path, entries, full=label not in ("2m", "5m"), env=env, repeat=1 if args.smoke else args.repeat)
        results[label] = {"label": label, "entries": entries, "bytes": path.stat().st_size, "rows": rows}

    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    head = [f"## rca pipeline benchmark ({'smoke' if args.smoke else 'full'})", "",
            f"{platform.python_implementation()} {platform.python_version()}, {cpus} CPUs, "
            f"{platform.machine()}, scenario {args.scenario}, seed {args.seed}.", ""]
    parts = head + [table(r["label"], OUT / f"gcloud-{r['label']}.json", r["entries"], r["rows"])
                    for r in results.values()]
    if not args.smoke:
        parts += verdicts(results)
    text = "\n".join(parts)
    print(text)
    if args.json:
        args.json.write_text(json.dumps({"smoke": args.smoke, "python": platform.python_version(), "cpus": cpus,
                                         "results": results}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
