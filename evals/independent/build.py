"""Build the independently written incident sets into a folder: `python evals/independent/build.py OUT [SET...]`.

Each set here is a generator (standard library only, a fixed seed) written by a session that never
read rca's code or reports, kept instead of its 10-30 MB of generated logs. It writes
OUT/<set>/<incident>/{logs.json.gz, truth.json} in the layout of ../shared/incidents/FORMAT.md,
the same bytes every time; `rca eval incidents OUT/<set>` then scores rca on it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
# set -> its generator's entry script (each takes the output folder as its one argument)
ENTRY = {"blind10": "gen/generate.py", "blind11": "gen/generate.py", "blind12": "gen/incidents.py",
         "blind13": "gen/gen.py", "blind14": "gen/gen.py",
         "blind15": "gen/gen.py", "blind16": "gen/gen.py", "blind17": "gen/gen.py", "blind18": "gen/gen.py",
         "blind19": "gen/gen.py", "blind20": "gen/gen.py", "blind21": "gen/gen.py", "blind22": "gen/gen.py",
         "blind23": "gen/gen.py", "blind24": "gen/gen.py", "blind25": "gen/gen.py", "blind26": "gen/gen.py",
         "blind27": "gen/gen.py", "blind28": "gen/gen.py"}


def _build(out: Path, name: str) -> list[str] | None:
    """Run one set's generator into OUT/<set>; None when it succeeded, else its last error line."""
    target = out / name
    target.mkdir(parents=True, exist_ok=True)
    # the generator runs from a copy beside its output: some write next to their own folder
    shutil.copytree(HERE / name / "gen", target / "gen", dirs_exist_ok=True)
    script = target / ENTRY[name]
    # PYTHONHASHSEED: one generator spreads pods over nodes by hash(); fixed, its bytes are too
    done = subprocess.run([sys.executable, str(script), str(target)], cwd=script.parent,
                          env={**os.environ, "PYTHONHASHSEED": "0"},
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    return None if done.returncode == 0 else done.stderr.strip().splitlines()[-1:]


def main(argv: list[str]) -> int:
    if len(argv) < 2 or argv[1] in ("-h", "--help"):
        print(__doc__.strip().splitlines()[0])
        return 2
    out = Path(argv[1])
    wanted = argv[2:] or sorted(ENTRY)
    for name in wanted:
        if name not in ENTRY:
            print(f"unknown set {name!r}; known: {', '.join(sorted(ENTRY))}", file=sys.stderr)
            return 2
    # one generator per core at a time (each is single-threaded): CI rebuilds every set
    with ThreadPoolExecutor(max_workers=max(1, os.cpu_count() or 1)) as pool:
        results = list(pool.map(lambda name: _build(out, name), wanted))
    for name, error in zip(wanted, results):
        if error is not None:
            print(f"{name}: generator failed: {error}", file=sys.stderr)
            return 1
        target = out / name
        print(f"{name}: {sum(1 for p in target.iterdir() if (p / 'truth.json').exists())} incidents in {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
