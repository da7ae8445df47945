"""`rca generate` on a terminal renders the Markdown with rich to the terminal's width; piped, it
prints plain Markdown that pastes into a GitHub issue."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import struct
import subprocess
import sys
import termios

import pytest
from rich.cells import cell_len

from corpora import SYNTHETIC

LOGS = SYNTHETIC / "pool-exhaustion-13" / "logs.json.gz"
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07")
needs_logs = pytest.mark.skipif(not LOGS.exists(), reason="evals/synthetic not present")


def run_on_terminal(args: list[str], columns: int) -> str:
    """Run rca with stdout on a pseudo-terminal `columns` wide; returns what it printed."""
    main, child = pty.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    proc = subprocess.Popen([sys.executable, "-m", "rca", *args], stdout=child, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, env=env)
    os.close(child)
    chunks = []
    while True:
        try:
            data = os.read(main, 65536)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=300)
    os.close(main)
    assert proc.returncode == 0
    return ANSI.sub("", b"".join(chunks).decode("utf-8", "replace")).replace("\r\n", "\n")


@needs_logs
def test_on_an_80_column_terminal_no_line_is_wider_than_the_terminal():
    out = run_on_terminal(["generate", "--file", str(LOGS), "--no-progress"], 80)
    lines = out.splitlines()
    assert len(lines) > 40 and "Summary:" in out and "Timeline" in out
    assert max(cell_len(line) for line in lines) <= 80
    assert "|---|" not in out  # tables drawn by rich, not raw Markdown


@needs_logs
def test_piped_output_is_plain_markdown():
    out = subprocess.run([sys.executable, "-m", "rca", "generate", "--file", str(LOGS), "--no-progress"], capture_output=True, check=True).stdout.decode()
    assert out.startswith("# ") and "|---|" in out and "\x1b[" not in out
    assert len(out.splitlines()) <= 120
