"""Calibration of the report's confidence, per band, pooled and per set.

    python bench/calib.py TAG [SET...]          # from /work/coord/out/TAG-SET.json (rca eval incidents --json)
    python bench/calib.py --jsonl DUMP.jsonl    # from bench/calib_dump.py's dump
    python bench/calib.py --ties DUMP.jsonl     # right-share of the causes by what ties them to the harm,
                                                # pooled and with each set left out (leave-one-writer-out)

Per set and pooled: for each confidence band (low < 0.6, moderate 0.6-0.8, high >= 0.8, the words
the report uses, with moderate split at 0.7) the incidents named at that confidence and the share
right (root_cause@1), confident_wrong, and the Brier score of the confidence as a probability of
being right (mean of (confidence - right)^2 over the incidents that name a cause; a healthy window
that names a cause counts as wrong). Sets: blind10..blind26, real, shared by default.
"""

from __future__ import annotations

import json
import os
import sys
from collections import defaultdict

BANDS = ((0.0, 0.6, "low <0.60"), (0.6, 0.7, "mod 0.60-0.69"), (0.7, 0.8, "mod 0.70-0.79"), (0.8, 1.01, "high >=0.80"))
SETS = [f"blind{n}" for n in range(10, 27)] + ["real", "shared"]


def rows_from_eval(tag: str, sets: list[str]) -> list[dict]:
    out = []
    for s in sets:
        path = f"/work/coord/out/{tag}-{s}.json"
        if not os.path.exists(path):
            continue
        for r in json.load(open(path))["incidents"]:
            healthy = r.get("root_cause@1") is None
            out.append({"set": s, "id": r["id"], "confidence": r.get("confidence"), "healthy": healthy,
                        "right": bool(r.get("root_cause@1")) if not healthy else False,
                        "confident_wrong": bool(r.get("confident_wrong"))})
    return out


def rows_from_dump(path: str) -> list[dict]:
    out = []
    for line in open(path):
        r = json.loads(line)
        r["right"] = bool(r.get("right")) if not r.get("healthy") else False
        out.append(r)
    return out


def table(rows: list[dict]) -> str:
    named = [r for r in rows if r.get("confidence") is not None]
    cells = []
    for lo, hi, _ in BANDS:
        inb = [r for r in named if lo <= r["confidence"] < hi]
        cells.append(f"{sum(r['right'] for r in inb):>3}/{len(inb):<3}")
    brier = sum((r["confidence"] - r["right"]) ** 2 for r in named) / len(named) if named else float("nan")
    cw = sum(1 for r in named if r["confidence"] >= 0.8 and not r["right"])
    return " ".join(cells) + f"  cw={cw:<3} brier={brier:.3f}  n={len(named)}"


def report(rows: list[dict]) -> None:
    head = " ".join(f"{b[2]:>13}" for b in BANDS)
    print(f"{'set':<8} right/named per band: {head}")
    by = defaultdict(list)
    for r in rows:
        by[r["set"]].append(r)
    for s in [s for s in SETS if s in by] + sorted(set(by) - set(SETS)):
        print(f"{s:<8} {table(by[s])}")
    writers = [r for r in rows if r["set"].startswith("blind")]
    print(f"{'blind*':<8} {table(writers)}")
    print(f"{'pooled':<8} {table(rows)}")


TIES = ("t_failed", "t_names", "t_endpoint")  # what rca.analysis.tied_to_harm counts


def ties(rows: list[dict]) -> None:
    """The causes the offline analyst names from its ranking (path "main"), by what ties them to the
    harm, one way at a time and none: right-share pooled, on the writers' sets, and the lowest and
    highest share with each set left out. A class whose share stays below HIGH (0.8) in every fold
    must not be called "high"."""
    main = [r for r in rows if r.get("path") == "main" and r.get("confidence") is not None]
    classes = {k: [r for r in main if r.get(k)] for k in (*TIES, "t_same_svc", "t_harm_self")}
    classes["untied"] = [r for r in main if not any(r.get(k) for k in TIES)]
    classes["tied"] = [r for r in main if any(r.get(k) for k in TIES)]
    sets = sorted({r["set"] for r in main})
    for name, members in classes.items():
        blind = [r for r in members if r["set"].startswith("blind")]
        folds = [[r for r in members if r["set"] != s] for s in sets]
        shares = [sum(r["right"] for r in f) / len(f) for f in folds if f]
        print(f"{name:<12} right {sum(r['right'] for r in members):>3}/{len(members):<3} writers' sets "
              f"{sum(r['right'] for r in blind):>3}/{len(blind):<3} one set left out: {min(shares, default=0):.2f}-{max(shares, default=0):.2f}")


def main() -> None:
    args = sys.argv[1:]
    if args and args[0] == "--ties":
        ties(rows_from_dump(args[1]))
        return
    if args and args[0] == "--jsonl":
        rows = rows_from_dump(args[1])
    else:
        rows = rows_from_eval(args[0], args[1:] or SETS)
    report(rows)


if __name__ == "__main__":
    main()
