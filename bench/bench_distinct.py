#!/usr/bin/env python3
"""Peak memory, CPU time and cluster count of `rca mine` on messages with nothing in common (issue 14 C).

    python bench/bench_distinct.py                    # 200k distinct messages, Markdown table
    python bench/bench_distinct.py --entries 50k --names 5001

Two exports, written to bench/out/ and cached there:
  distinct   N messages of 5-14 words drawn from 20,000 random words: every one its own template,
             so the cluster cap (1,000, the rest folded into "other") and the streaming bound on
             live drain clusters are what keep memory flat;
  names      `Accepted password for <name> from 10.0.0.1 port 22 ssh2` with --names distinct names:
             one cluster whatever the number (5,001 gave 5,001 clusters before).
`rca mine --format json` runs in a fresh process; peak RSS and CPU come from wait4's rusage.
"""

from __future__ import annotations

import argparse
import json
import random
import string
from pathlib import Path

from measure import mine_once

OUT = Path(__file__).resolve().parent / "out"


def _count(text: str) -> int:
    return int(float(text[:-1]) * 1000) if text[-1] in "kK" else int(text)


def _write(path: Path, messages) -> Path:  # noqa: ANN001 - an iterable of (severity, text)
    if not path.exists():
        OUT.mkdir(exist_ok=True)
        tmp = path.with_suffix(".tmp")
        with tmp.open("w") as f:
            f.write("[")
            for i, (sev, text) in enumerate(messages):
                ts = f"2025-10-15T{18 + i // 36000:02d}:{(i // 600) % 60:02d}:{(i // 10) % 60:02d}Z"
                f.write(("," if i else "") + json.dumps({"timestamp": ts, "severity": sev, "textPayload": text}))
            f.write("]")
        tmp.rename(path)
    return path


def distinct(n: int) -> Path:
    rnd = random.Random(3)
    vocab = ["".join(rnd.choices(string.ascii_lowercase, k=rnd.randint(3, 10))) for _ in range(20_000)]
    return _write(OUT / f"distinct-{n}.json", (("ERROR" if i % 50 == 0 else "INFO",
                                                " ".join(rnd.choices(vocab, k=rnd.randint(5, 14)))) for i in range(n)))


def names(n: int) -> Path:
    rnd = random.Random(1)
    seen: set[str] = set()
    while len(seen) < n:
        seen.add("".join(rnd.choices(string.ascii_lowercase, k=rnd.randint(4, 9))))
    return _write(OUT / f"names-{n}.json", (("INFO", f"Accepted password for {u} from 10.0.0.1 port 22 ssh2")
                                            for u in sorted(seen)))


def run(path: Path) -> dict:
    """`rca mine` in a fresh process: wall and CPU seconds, peak RSS, clusters, what went to other."""
    m = mine_once(path)
    result = m.pop("result")
    other = result.get("other") or {}
    return m | {"clusters": len(result.get("clusters", [])), "other_entries": other.get("entries", 0),
                "other_clusters": other.get("clusters", 0)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--entries", default="200k", help="distinct messages (200k, 50k, ...)")
    ap.add_argument("--names", default="5001", help="distinct user names")
    ap.add_argument("--json", help="write the results here too")
    args = ap.parse_args()
    results = {}
    print("| export | rc | clusters | folded into other | wall s | CPU s | peak RSS MB |\n|---|---|---|---|---|---|---|")
    for label, path in ((f"{args.entries} distinct messages", distinct(_count(args.entries))),
                        (f"{args.names} user names", names(_count(args.names)))):
        r = results[label] = run(path)
        print(f"| {label} | {r['rc']} | {r['clusters']:,} | {r['other_entries']:,} entries, {r['other_clusters']:,} clusters "
              f"| {r['wall_s']} | {r['cpu_s']} | {r['peak_rss_mb']} |", flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
