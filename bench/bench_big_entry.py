#!/usr/bin/env python3
"""Peak memory of `rca mine` on a .json.gz export holding one oversized entry (issue 14 E).

    python bench/bench_big_entry.py                  # a 2 GB value in each shape, Markdown table
    python bench/bench_big_entry.py --size 200M      # smaller, quicker
    python bench/bench_big_entry.py --shapes string,number --json out.json

Each export holds a small entry, then one entry with a value of --size bytes, then a small entry.
It is written with gzip level 1 straight to bench/out/ (never held in memory) and cached there.
`rca mine --format json` runs in a fresh process; its peak RSS comes from wait4's rusage. The
target is under 300 MB whatever the size: long strings are cut to 64 KiB, and an entry still
over the entry limit (16 MiB) is walked without being kept and skipped with a note.
"""

from __future__ import annotations

import argparse
import gzip
import json
from pathlib import Path

from measure import mine_once

OUT = Path(__file__).resolve().parent / "out"
SMALL = b'{"timestamp":"2025-10-15T18:00:00Z","severity":"ERROR","textPayload":"small one"}'
ENTRY = b'{"timestamp":"2025-10-15T18:00:01Z","severity":"ERROR",'
SHAPES = {  # name: (bytes before the value, the repeated filler, bytes after it)
    "string": (b"[" + SMALL + b"," + ENTRY + b'"textPayload":"', b"a", b'"},' + SMALL + b"]"),
    "escaped string": (b"[" + SMALL + b"," + ENTRY + b'"textPayload":"', b'ab\\n\\"', b'"},' + SMALL + b"]"),
    "number": (b"[" + SMALL + b"," + ENTRY + b'"jsonPayload":{"n":', b"7", b"}}," + SMALL + b"]"),
    "top-level number": (b"[" + SMALL + b",", b"7", b"," + SMALL + b"]"),
    "blanks": (b"[" + SMALL + b"," + ENTRY + b'"textPayload":"x",', b" ", b'"k":1},' + SMALL + b"]"),
    "json line": (SMALL + b"\n" + ENTRY + b'"textPayload":"', b"a", b'"}\n' + SMALL + b"\n"),
}


def _size(text: str) -> int:
    units = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
    return int(float(text[:-1]) * units[text[-1].upper()]) if text[-1].upper() in units else int(text)


def export(shape: str, size: int) -> Path:
    head, fill, tail = SHAPES[shape]
    path = OUT / f"big-{shape.replace(' ', '-')}-{size}.json.gz"
    if not path.exists():
        OUT.mkdir(exist_ok=True)
        block = fill * ((1 << 20) // len(fill))
        tmp = path.with_suffix(".tmp")
        with gzip.open(tmp, "wb", compresslevel=1) as f:
            f.write(head)
            for _ in range(size // len(block)):
                f.write(block)
            f.write(tail)
        tmp.rename(path)
    return path


def run(path: Path) -> dict:
    """`rca mine` on the export in a fresh process: seconds, peak RSS, exit code, what it read."""
    m = mine_once(path)
    read = m.pop("result").get("read", {})
    return m | {"seconds": m["wall_s"], "records": read.get("records"), "skipped": read.get("skipped_reasons"),
                "notes": read.get("notes", [])[:2]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", default="2G", help="bytes of the oversized value (2G, 200M, ...)")
    ap.add_argument("--shapes", default=",".join(SHAPES), help="comma-separated: " + ", ".join(SHAPES))
    ap.add_argument("--json", help="write the results here too")
    args = ap.parse_args()
    size = _size(args.size)
    results = {}
    print(f"| shape ({args.size} value) | rc | records | skipped | seconds | peak RSS MB |\n|---|---|---|---|---|---|")
    for shape in args.shapes.split(","):
        r = results[shape] = run(export(shape, size))
        print(f"| {shape} | {r['rc']} | {r['records']} | {r['skipped'] or '-'} | {r['seconds']} | {r['peak_rss_mb']} |",
              flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
