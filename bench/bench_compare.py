#!/usr/bin/env python3
"""`rca mine` on one generated export by this checkout and another one (a change and its base),
run alternately in this one run, so the ratios compare like with like on a machine whose speed
drifts: CPU seconds (user + system, the process tree) and peak RSS, the best of `--repeat` runs
each, and whether the two outputs are equal.

    git worktree add /tmp/base 5b7ab9e   # or `git archive REV | tar -x -C /tmp/base`
    python bench/bench_compare.py /tmp/base --engine duckdb --sizes 1m
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path

import bench_pipeline as bp


def mine(checkout: Path, path: Path, engine: str) -> dict:
    """One `rca mine --format json` of `checkout`'s code: CPU seconds, peak RSS, the output's hash."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    cmd = [sys.executable, "-m", "rca", "mine", "--file", str(path), "--format", "json", "--no-progress",
           "--engine", engine]
    peak = {"mb": 0.0}
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd="/")
    sampler = threading.Thread(target=lambda: _sample(proc, peak), daemon=True)
    sampler.start()
    out, err = proc.communicate()
    sampler.join()
    if proc.returncode != 0:
        raise RuntimeError(f"{checkout}: {err.decode(errors='replace')[-500:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"cpu_s": round(cpu, 2), "peak_mb": round(peak["mb"], 1), "sha": hashlib.sha256(out).hexdigest()[:12]}


def _sample(proc: subprocess.Popen, peak: dict) -> None:
    while proc.poll() is None:
        peak["mb"] = max(peak["mb"], bp._tree_rss_kb(proc.pid) / 1024)
        time.sleep(0.05)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("other", type=Path, help="the other checkout (its folder holds rca/)")
    ap.add_argument("--engine", default="duckdb", choices=("duckdb", "python"))
    ap.add_argument("--sizes", default="1m", help="comma-separated: " + ", ".join(bp.SIZES))
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--scenario", default="pool-exhaustion")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    this, other = bp.ROOT, args.other.resolve()
    if not (other / "rca").is_dir():
        ap.error(f"{other} holds no rca/ package")
    results = []
    print(f"| entries | engine | CPU s this / other | ratio | peak MB this / other | ratio | same output |\n"
          f"|---|---|---|---|---|---|---|")
    for label in args.sizes.split(","):
        path, entries = bp.export(label, bp.SIZES[label], args.scenario, args.seed)
        runs: dict[str, list[dict]] = {"this": [], "other": []}
        for i in range(args.repeat):
            for name, checkout in (("this", this), ("other", other)) if i % 2 == 0 else (("other", other), ("this", this)):
                print(f"  {label} {name} ({i + 1}/{args.repeat}) ...", file=sys.stderr, flush=True)
                runs[name].append(mine(checkout, path, args.engine))
        best = {k: {"cpu_s": min(r["cpu_s"] for r in v), "peak_mb": max(r["peak_mb"] for r in v),
                    "sha": {r["sha"] for r in v}} for k, v in runs.items()}
        a, b = best["this"], best["other"]
        # the outputs of every run, both sides: one distinct output is "yes"
        hashes = [r["sha"] for v in runs.values() for r in v]
        common = max(set(hashes), key=hashes.count)
        same = "yes" if len(set(hashes)) == 1 else (f"NO: {hashes.count(common)} of {len(hashes)} runs agree "
                                                   f"(this {len(a['sha'])} distinct, other {len(b['sha'])})")
        print(f"| {entries:,} | {args.engine} | {a['cpu_s']:.1f} / {b['cpu_s']:.1f} | {a['cpu_s'] / b['cpu_s']:.2f} "
              f"| {a['peak_mb']:.0f} / {b['peak_mb']:.0f} | {a['peak_mb'] / b['peak_mb']:.2f} | {same} |", flush=True)
        results.append({"entries": entries, "engine": args.engine, "runs": runs, "same_output": same == "yes"})
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, default=sorted))


if __name__ == "__main__":
    main()
