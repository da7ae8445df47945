"""One `rca mine --format json` run in a fresh process, measured by the kernel (shared by bench scripts)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path


def mine_once(path: Path) -> dict:
    """rc, wall and CPU seconds, peak RSS (wait4's rusage of that process alone), the JSON result."""
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "rca", "mine", "--file", str(path), "--format", "json"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = proc.stdout.read(), proc.stderr.read()  # type: ignore[union-attr]
    _, status, usage = os.wait4(proc.pid, 0)
    rc = os.waitstatus_to_exitcode(status)
    return {"rc": rc, "wall_s": round(time.perf_counter() - t0, 1), "cpu_s": round(usage.ru_utime + usage.ru_stime, 1),
            "peak_rss_mb": round(usage.ru_maxrss / 1024, 1), "result": json.loads(out) if rc == 0 else {},
            "stderr": err.decode()[-300:]}
